/*
 * fuzz-util.c - the helpers of fuzz.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk/desk.h"
#include "fuzz.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define FUZZ_FILES 4

static char *paths[FUZZ_FILES];
static const char *exts[FUZZ_FILES];

static void
remove_files(void)
{
	size_t k;

	for (k = 0; k < FUZZ_FILES; k++)
		if (paths[k] != NULL)
			unlink(paths[k]);
}

const char *
fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	const char *dir = getenv("TMPDIR");
	size_t k;
	FILE *f;

	for (k = 0; k < FUZZ_FILES && paths[k] != NULL; k++)
		if (strcmp(exts[k], ext) == 0)
			break;
	if (k == FUZZ_FILES)
		abort();
	if (paths[k] == NULL) {
		if (k == 0)
			atexit(remove_files);
		paths[k] = xasprintf("%s/riskdesk-fuzz-%ld-%zu%s",
		    dir != NULL && *dir != '\0' ? dir : "/tmp", (long)getpid(),
		    k, ext);
		exts[k] = ext;
	}
	if ((f = fopen(paths[k], "wb")) == NULL ||
	    fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return paths[k];
}

char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static struct desk *german;

static void
close_german(void)
{
	desk_close(german);
}

struct desk *
fuzz_german(void)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;

	if (german != NULL)
		return german;
	memset(&spec, 0, sizeof spec);
	spec.csv_path = RD_SRCDIR "/data/german_credit.csv";
	spec.table = "german_credit";
	spec.target = "creditability";
	spec.bad = "bad";
	if ((german = desk_open(":memory:", &err)) == NULL ||
	    desk_import(german, &spec, &sum, &err) != 0) {
		fprintf(stderr, "fuzz: cannot make the German table: %s\n",
		    err.msg);
		abort();
	}
	import_summary_done(&sum);
	atexit(close_german);
	return german;
}
