/*
 * db.h - the riskdesk database: SQLite holding imported tables, their
 * metadata, and stored scorecards.  All SQL in riskdesk lives in src/data.
 *
 * Metadata tables (created by db_open when missing):
 *   rd_table(name TEXT PRIMARY KEY, target TEXT, bad TEXT, good TEXT,
 *            source TEXT, rows INTEGER, bads INTEGER, goods INTEGER,
 *            indeterminate INTEGER)
 *     good is a tab-separated list of good values, '' = every other value.
 *   rd_scorecard(name TEXT PRIMARY KEY, population TEXT, body TEXT)
 *     body is the scorecard's serialised form (JSON, written by the model
 *     layer's card_serialize); the data layer stores it as opaque text.
 *
 * Call sequence: db_open, then any of the functions below, then db_close.
 * A struct db is used from one thread.
 */
#ifndef RD_DATA_DB_H
#define RD_DATA_DB_H

#include <stddef.h>
#include <stdint.h>

#include "data/ds.h"

struct rd_err;
struct db;

/*
 * Open (creating if needed) the database file at path and make sure the
 * metadata tables exist.  Returns a handle to release with db_close, or
 * NULL with err (RD_EDB) filled.
 */
struct db *db_open(const char *path, struct rd_err *err);

/* Close the handle.  NULL is a no-op. */
void db_close(struct db *db);

/* The file name the database was opened with (borrowed, lives with db). */
const char *db_path(const struct db *db);

/* The underlying SQLite handle, for the data layer's own modules only. */
struct sqlite3 *db_sqlite(struct db *db);

/*
 * Append name to the heap string sql (NULL = empty) as a quoted SQL
 * identifier: wrapped in double quotes, each '"' doubled.  Identifiers are
 * never bound, so every table or column name in SQL goes through this.
 * Returns the new string; the old pointer is dead.  Caller frees.  For the
 * data layer's own modules.
 */
char *db_ident_cat(char *sql, const char *name);

struct table_meta {
	char *name;		/* owned */
	char *target;		/* owned, NULL when no target was declared */
	char *bad;		/* owned, NULL when no target */
	char *good;		/* owned, tab-separated, "" = any other value */
	char *source;		/* owned: the CSV it came from */
	long long rows, bads, goods, indeterminate;
};

/*
 * Look up the metadata of an imported table.  Returns 0 and fills *meta
 * (release with table_meta_done), or -1 with err (RD_EINPUT when the table
 * was not imported by riskdesk, RD_EDB on SQLite failure).
 */
int db_table_meta(struct db *db, const char *table, struct table_meta *meta,
	struct rd_err *err);
void table_meta_done(struct table_meta *meta);

/*
 * Names of the tables imported by riskdesk, sorted.  Returns a
 * NULL-terminated array (free each string and the array), or NULL with err.
 */
char **db_table_list(struct db *db, struct rd_err *err);

/*
 * Load a whole imported table as a dataset, with the target coded from its
 * metadata (y). Returns a dataset to release with ds_free, or NULL with err.
 */
struct dataset *db_dataset_load(struct db *db, const char *table,
	struct rd_err *err);

/* ----------------------------------------------------------- scorecards */

/*
 * Store body (opaque text) as scorecard name built on population, replacing
 * one of that name.  Returns 0 or -1 with err (RD_EDB).
 */
int db_scorecard_put(struct db *db, const char *name, const char *population,
	const char *body, struct rd_err *err);

/*
 * Fetch the body of scorecard name.  Returns a heap string (caller frees),
 * or NULL with err (RD_EINPUT "no scorecard named ..." when absent).
 */
char *db_scorecard_get(struct db *db, const char *name, struct rd_err *err);

/* --------------------------------------------- read-only expressions */

/*
 * Check that expr is one read-only SQL expression over the columns of table
 * (comparisons, AND/OR/NOT, IN lists, arithmetic, IS NULL, CASE, built-in
 * scalar functions).  An authorizer refuses anything but reading columns of
 * table and calling functions, so an expression can never change data; a
 * ';' or a sub-query is refused.  Returns 0, or -1 with err (RD_EINPUT,
 * message naming an unknown column or the syntax problem as SQLite reports
 * it).
 */
int db_expr_check(struct db *db, const char *table, const char *expr,
	struct rd_err *err);

/*
 * Evaluate nexpr checked expressions over every row of table, in rowid
 * order.  out[k] must point at an array of nrows doubles (the table's row
 * count; a mismatch is an error); out[k][i] receives the value of expr k on
 * row i: a number as is, a true/false comparison as 1/0, SQL NULL as NaN,
 * text that is not a number as NaN.  Returns 0, or -1 with err.
 */
int db_expr_eval(struct db *db, const char *table, const char *const *exprs,
	size_t nexpr, double **out, size_t nrows, struct rd_err *err);

#endif
