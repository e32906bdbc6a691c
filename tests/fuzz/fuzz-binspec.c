/*
 * fuzz-binspec.c - the YAML binning spec: any bytes as the file of
 * riskdesk bin --apply (binspec_load), and a spec that loads is rebuilt
 * on the German credit table and saved (desk_bins_apply_spec: all or
 * nothing), then written out again (binspec_write, to /dev/null).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "fuzz.h"
#include "model/bin.h"
#include "policy/binspec.h"
#include "util/err.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct desk_bins *b;
	static FILE *null;
	struct binspec spec;
	struct rd_err err;
	const char *path = fuzz_file(data, size, ".yaml");

	if (b == NULL) {
		struct bin_spec bs;

		bin_spec_init(&bs);
		if ((b = desk_bins_open(fuzz_german(), "german_credit", &bs,
		    &err)) == NULL || (null = fopen("/dev/null", "w")) == NULL)
			abort();
	}
	if (binspec_load(path, &spec, &err) != 0)
		return 0;
	binspec_write(null, &spec, &err);
	binspec_done(&spec);
	desk_bins_apply_spec(fuzz_german(), b, path, NULL, &err);
	return 0;
}
