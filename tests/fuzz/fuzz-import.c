/*
 * fuzz-import.c - import end to end on an in-memory database: any bytes
 * as a headerless CSV file whose last field is the outcome ("1" bad),
 * imported with a target through the desk, then classed (fine and
 * coarse classing of every column: desk_bins_open, bin_coarse with its
 * "other" group of rare text levels) and the characteristic report
 * written (to /dev/null).  The fields of the first line name the
 * columns x1, x2, ..., y.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "fuzz.h"
#include "model/bin.h"
#include "report/report-bin.h"
#include "report/report.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define MAX_FIELDS 40

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	const char *names[MAX_FIELDS];
	char *name[MAX_FIELDS];
	struct import_spec spec;
	struct import_summary sum;
	struct bin_spec bs;
	struct desk_bins *b;
	struct rd_err err;
	struct desk *d;
	size_t i, n = 1;

	/* One name per field of the first line (commas: the sniffer may
	   choose another delimiter, and then the count is wrong, which the
	   import must say). */
	for (i = 0; i < size && data[i] != '\n' && n < MAX_FIELDS; i++)
		if (data[i] == ',')
			n++;
	for (i = 0; i < n; i++) {
		name[i] = i + 1 < n ? xasprintf("x%zu", i + 1) : xstrdup("y");
		names[i] = name[i];
	}
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	memset(&spec, 0, sizeof spec);
	spec.csv_path = fuzz_file(data, size, ".csv");
	spec.table = "apps";
	spec.no_header = 1;
	spec.names = names;
	spec.nnames = n;
	spec.target = "y";
	spec.bad = "1";
	spec.max_field = 4096;
	if ((d = desk_open(":memory:", &err)) == NULL)
		abort();
	if (desk_import(d, &spec, &sum, &err) == 0) {
		import_summary_done(&sum);
		bin_spec_init(&bs);
		bs.nquantiles = 5;
		if ((b = desk_bins_open(d, "apps", &bs, &err)) != NULL) {
			report_bins(null, b, NULL, 0, REPORT_TEXT, &err);
			report_bins(null, b, NULL, 0, REPORT_JSON, &err);
			desk_bins_free(b);
		}
	}
	desk_close(d);
	for (i = 0; i < n; i++)
		free(name[i]);
	return 0;
}
