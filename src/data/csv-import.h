/*
 * csv-import.h - CSV files into typed SQLite tables.
 *
 * The file is tokenised by libcsv (RFC 4180: quoted fields, doubled quotes,
 * newlines inside quotes, CR LF or LF, a last line without a newline).  The
 * first record is the header.  Column types are inferred from the whole file:
 * INTEGER when every non-missing cell is a whole number, REAL when every
 * non-missing cell is a number, TEXT otherwise.  Missing-value markers (empty,
 * NA, N/A, NULL, ?) are stored as SQL NULL.  The import runs in one
 * transaction: on any error the database is left exactly as it was.
 *
 * Rows whose target cell is neither the bad value nor a good value are kept
 * and counted as indeterminate.  With no good values given, every
 * non-missing value other than the bad one is good.
 */
#ifndef RD_DATA_CSV_IMPORT_H
#define RD_DATA_CSV_IMPORT_H

#include <stddef.h>

#include "data/ds.h"

struct db;
struct rd_err;

#define IMPORT_MAX_GOOD 16

struct import_spec {
	const char *csv_path;	/* borrowed */
	const char *table;	/* borrowed: the SQLite table to create */
	const char *target;	/* borrowed: target column name, or NULL */
	const char *bad;	/* borrowed: bad value (text as in the file) */
	const char *good[IMPORT_MAX_GOOD]; /* borrowed: good values, or none */
	size_t ngood;
	int replace;		/* 1: drop an existing table of that name */
};

struct import_column {
	char *name;		/* owned */
	enum ds_type type;
	size_t missing;		/* cells stored as NULL */
};

struct import_summary {
	size_t rows_read;	/* data records in the file (header excluded) */
	size_t rows_imported;
	size_t rows_rejected;	/* always 0 for now: bad rows fail the import */
	size_t bads, goods, indeterminate;
	struct import_column *columns;	/* [ncolumns] owned */
	size_t ncolumns;
};

/*
 * Import spec->csv_path into table spec->table of db.  On success fills
 * *sum (release with import_summary_done) and returns 0.  On failure
 * returns -1 with err located at file:line:col (RD_EINPUT for a malformed
 * file, a wrong field count, a missing target column; RD_EIO when the file
 * cannot be read; RD_EDB for SQLite failures or an existing table without
 * spec->replace) and the database unchanged.
 */
int csv_import(struct db *db, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err);

/* Free what a summary owns (not the struct itself).  Safe on a zeroed one. */
void import_summary_done(struct import_summary *sum);

#endif
