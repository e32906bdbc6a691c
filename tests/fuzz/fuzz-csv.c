/*
 * fuzz-csv.c - the CSV reader: any bytes as a CSV file imported into a
 * table of an in-memory database (csv_import: dialect sniffing, UTF-8
 * checks, quotes, line numbers, type inference, rejected rows), then
 * loaded column-wise and profiled.  The first byte picks the options
 * (delimiter, decimal comma, thousands, no header, strict, an id column,
 * a target); the rest is the file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "data/profile.h"
#include "fuzz.h"
#include "util/err.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { 0, ';', '\t', '|' };
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;
	struct db *db;
	uint8_t o;

	if (size < 1)
		return 0;
	o = data[0];
	memset(&spec, 0, sizeof spec);
	spec.csv_path = fuzz_file(data + 1, size - 1, ".csv");
	spec.table = "t";
	spec.delimiter = delims[o & 3];
	spec.decimal_comma = (o & 4) && spec.delimiter != 0;
	spec.thousands = (o & 8) ? ' ' : 0;
	spec.no_header = (o & 16) != 0;
	spec.strict = (o & 32) != 0;
	if (o & 64) {
		/* The first column the target, "1" bad. */
		spec.target = spec.no_header ? "column_1" : NULL;
		spec.bad = spec.target != NULL ? "1" : NULL;
	}
	if ((o & 128) && spec.no_header)
		spec.id = "column_2";
	spec.max_field = 4096;
	if ((db = db_open(":memory:", &err)) == NULL)
		abort();
	if (csv_import(db, &spec, &sum, &err) == 0) {
		struct dataset *ds = db_dataset_load(db, "t", &err);
		struct profile *p = profile_table(db, "t", 3, &err);

		ds_free(ds);
		profile_free(p);
		import_summary_done(&sum);
	}
	db_close(db);
	return 0;
}
