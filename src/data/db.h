/*
 * db.h - the riskdesk database: SQLite holding imported tables, their
 * metadata, and stored scorecards.  All SQL in riskdesk lives in src/data.
 *
 * Metadata tables (created by db_open when missing):
 *   rd_table(name TEXT PRIMARY KEY, target TEXT, bad TEXT, good TEXT,
 *            source TEXT, rows INTEGER, bads INTEGER, goods INTEGER,
 *            indeterminate INTEGER)
 *     bad is a tab-separated list of bad values (--bad repeated), good
 *     one of good values, '' = every other value (db_target_rule).
 *   rd_scorecard(name TEXT PRIMARY KEY, population TEXT, body TEXT)
 *     body is the scorecard's serialised form (JSON, written by the model
 *     layer's card_serialize); the data layer stores it as opaque text.
 *   rd_special(tbl TEXT, col TEXT, value TEXT, PRIMARY KEY (tbl, col,
 *            value))
 *     declared special values of a column (e.g. income -999), as text the
 *     way they were declared; the cells keep their value in the table.
 *   rd_reject(tbl TEXT, line INTEGER, raw TEXT, reason TEXT)
 *     rows an import could not take: physical start line in the source
 *     file, the record's raw text (line end stripped) and why.
 *   rd_reject_rule(tbl TEXT PRIMARY KEY, col TEXT, value TEXT,
 *            rejects INTEGER, known INTEGER)
 *     rejects: declined applicants, who have no outcome (import
 *     --reject-when col=value; db_reject_rule_mark).  rejects counts the
 *     table's rejects, known those whose target cell held an outcome
 *     anyway (hidden from modelling).  Not to be confused with rd_reject,
 *     the rows an import could not take.
 *   rd_inference(name TEXT PRIMARY KEY, kgb TEXT, population TEXT,
 *            method TEXT, spec TEXT)
 *   rd_infer_row(name TEXT, src INTEGER, reject INTEGER, bad INTEGER,
 *            weight REAL)
 *     a scorecard made by reject inference (db_inference_put): the KGB
 *     scorecard it started from, the population, the method and its
 *     settings (spec, JSON text written by the model layer), and its
 *     augmented development set, one row per development row: the
 *     population's rowid (src), whether it is a reject, the outcome
 *     used (1 bad, 0 good) and the weight.
 *   rd_column(tbl TEXT, col TEXT, role TEXT, note TEXT, PRIMARY KEY (tbl,
 *            col))
 *     the recorded role of a column, when it is not an ordinary one: role
 *     "identifier" (ds.h DS_ROLE_IDENTIFIER) for an application id, a row
 *     number or a timestamp, never binned, ranked or fitted; note says why
 *     ("identifier: 1,000,000 distinct values in 1,000,000 rows").
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
 * metadata tables exist.  A database it creates is owner-only (0600,
 * whatever the umask: it will hold personal data); SQLite gives its
 * journal and WAL files the same mode.  Returns a handle to release with
 * db_close, or NULL with err (RD_EDB; RD_EIO when the file cannot be
 * created) filled.
 */
struct db *db_open(const char *path, struct rd_err *err);

/*
 * The busy timeout: how long, in milliseconds, a statement waits for a
 * lock another process holds on the database (an import or a fit in
 * another terminal) before it fails with "database is locked".  Writers
 * take their lock at the start of their one transaction (BEGIN
 * IMMEDIATE), so two writers serialise: the second waits, then reads
 * and writes what the first committed.  Default DB_BUSY_TIMEOUT_DEFAULT;
 * the setting applies to every handle opened after the call (main.c
 * sets it once, from --busy-timeout).  A negative ms is 0 (fail at once).
 */
#define DB_BUSY_TIMEOUT_DEFAULT 10000
void db_set_busy_timeout(int ms);

/* The busy timeout in milliseconds (db_set_busy_timeout). */
int db_busy_timeout(void);

/*
 * As db_open, but a missing file is an error, not a new database:
 * "cannot open database <path>: No such file or directory" (RD_EIO).
 * For the commands that only read an existing database.
 */
struct db *db_open_existing(const char *path, struct rd_err *err);

/*
 * SQLite's PRAGMA data_version of db into *v: it changes when another
 * connection (another process: an import, a fit in another terminal)
 * commits to the database, never for this handle's own commits.  A front
 * end compares it from time to time to see the writes of others.
 * Returns 0, or -1 with err (RD_EDB).
 */
int db_data_version(struct db *db, int64_t *v, struct rd_err *err);

/* Close the handle.  NULL is a no-op. */
void db_close(struct db *db);

/*
 * Make the query running on db (in another thread) stop at its next step
 * and fail, as sqlite3_interrupt does; the running call returns its usual
 * RD_EDB error ("interrupted").  A front end uses it to cancel long reads
 * such as a profile.  Harmless when nothing runs.
 */
void db_interrupt(struct db *db);

/* The file name the database was opened with (borrowed, lives with db). */
const char *db_path(const struct db *db);

/*
 * Copy the imported table of the database file src_path into db under
 * the same name (db must not have one), its rows in rowid order, every
 * column, with its metadata (rd_table, rd_column, rd_special rows): how
 * decide's scratch database of a CSV file gets the officer's fraud
 * history, whose events the applicants' features count.  The source is
 * attached, read, and detached; it is not written.  Returns 0, or -1 with
 * err: RD_EINPUT when src_path has no such table, RD_EDB otherwise.
 */
int db_copy_table_from(struct db *db, const char *src_path,
	const char *table, struct rd_err *err);

/*
 * sqlite3_bind_text and sqlite3_bind_blob, for the data layer's modules,
 * with SQLite's copy of the value checked: out of memory there exits as
 * every failed allocation does (xmalloc_failed: "riskdesk: out of
 * memory", status 4; the open transaction rolls back), never leaving the
 * parameter NULL to be stored in its place.  Other results are returned
 * as SQLite gives them.
 */
struct sqlite3_stmt;
int db_bind_text(struct sqlite3_stmt *st, int i, const char *t, int n,
	void (*del)(void *));
int db_bind_blob(struct sqlite3_stmt *st, int i, const void *b, int n,
	void (*del)(void *));

/* The underlying SQLite handle, for the data layer's own modules only. */
struct sqlite3 *db_sqlite(struct db *db);

/*
 * Append name to the heap string sql (NULL = empty) as a quoted SQL
 * identifier: wrapped in double quotes, each '"' doubled.  Identifiers are
 * never bound, so every table or column name in SQL goes through this.
 * Returns the new string; the old pointer is dead.  Caller frees.  For the
 * data layer's own modules.
 */
/*
 * Restrict every pass over a table's rows that follows (db_dataset_load
 * and its variants, db_expr_eval, db_expr_scan, db_expr_text_rows, and so
 * cond_first, cond_scan and the simulation) to the rows whose rowid is in
 * [lo, hi), until db_window_clear: how a long table is decided in slices
 * of bounded memory.  Row counts and row numbers are then the slice's.
 * Metadata (db_table_meta's counts) is not affected.
 */
void db_window_set(struct db *db, int64_t lo, int64_t hi);
void db_window_clear(struct db *db);

/*
 * Whether a window applies to a pass over table (1, with *lo and *hi its
 * bounds) or not (0): none is set, or table is a relation whose rows
 * have no rowid (a view; db_rowid_range finds it), which every pass
 * reads whole.
 */
int db_window_get(const struct db *db, const char *table, int64_t *lo,
	int64_t *hi);

/*
 * Whether the last db_rowid_range of table found rows without rowids (a
 * view's): 1, or 0.  What finds rows again by rowid cannot work there.
 */
int db_rowless(const struct db *db, const char *table);

/*
 * The smallest rowid at or above from in table into *rowid.  Returns 1
 * when there is one, 0 when none is left, -1 with err (RD_EINPUT for an
 * unknown table or one whose rowid is hidden by columns, RD_EDB).
 */
int db_next_rowid(struct db *db, const char *table, int64_t from,
	int64_t *rowid, struct rd_err *err);

/*
 * Whether column of table can key its rows: *nnull rows where it is NULL,
 * *ndup values beyond the first of each repeated one, *dup one repeated
 * value as text (heap, NULL when none).  A unique index on the column
 * alone (import --id) answers the duplicates without a pass.  Returns 0,
 * or -1 with err (RD_EDB; an unknown column is SQLite's error).
 */
int db_key_check(struct db *db, const char *table, const char *column,
	size_t *nnull, size_t *ndup, char **dup, struct rd_err *err);

/*
 * The smallest and largest rowid of table and its row count (*lo and *hi
 * undefined when *n is 0).  A relation with rows but no rowids (a view)
 * gives *lo = *hi = 0 and is marked so that no window applies to it
 * (db_window_get): the first slice's read takes all its rows.  Returns
 * 0, or -1 with err as db_next_rowid.
 */
int db_rowid_range(struct db *db, const char *table, int64_t *lo,
	int64_t *hi, size_t *n, struct rd_err *err);

char *db_ident_cat(char *sql, const char *name);

#define DB_VALUES_SHOWN 8
/*
 * Up to DB_VALUES_SHOWN distinct non-NULL values of column col of table,
 * as text, sorted, each in double quotes, comma-separated, ", ..." after
 * them when there are more; "none" when there is none or the query fails
 * (it is only for a message).  Heap string, the caller frees.
 */
char *db_column_values(struct sqlite3 *h, const char *table,
	const char *col);

/*
 * Check a name for a new table: not empty or only blanks, at most
 * DB_TABLE_NAME_MAX bytes, no control characters (bytes 0x01-0x1f, 0x7f).
 * Returns 0, or -1 with err RD_EUSAGE saying what is wrong.
 */
#define DB_TABLE_NAME_MAX 128
int db_table_name_check(const char *name, struct rd_err *err);

/*
 * The coding of a table's target (rd_table: target, bad, good): a cell is
 * bad when it is one of the bad values, good when it is one of the good
 * values or, with none listed, any other value; a missing cell, or one
 * that is neither, is indeterminate.  In a numeric (INTEGER or REAL)
 * column a cell and a value that are both numbers compare as numbers
 * ("1.0" is the bad value "1", as in the file); otherwise they compare as
 * text, exactly.  The import (csv-import.c) and the dataset load code
 * every row through this one rule.
 */
struct db_target_rule {
	char **bad, **good;	/* [nbad], [ngood]: pieces of the buffers */
	size_t nbad, ngood;
	double *badv, *goodv;	/* [nbad], [ngood] as numbers; NaN: none */
	int numeric;		/* the column is INTEGER or REAL */
	char *badbuf, *goodbuf;	/* owned copies of the lists */
};

/*
 * Set up r from the tab-separated lists bad (NULL or "": nothing is bad)
 * and good (NULL or "": every other value); numeric: the column is
 * INTEGER or REAL.  The lists are copied.  Release with
 * db_target_rule_done (safe on a zeroed rule).
 */
void db_target_rule_init(struct db_target_rule *r, const char *bad,
	const char *good, int numeric);
void db_target_rule_done(struct db_target_rule *r);

/* The code of a cell as text (NULL: missing): DS_BAD, DS_GOOD or
   DS_INDET (ds.h). */
signed char db_target_rule_text(const struct db_target_rule *r,
	const char *text);

/* The code of a numeric cell x (finite). */
signed char db_target_rule_num(const struct db_target_rule *r, double x);

/*
 * Whether s (NUL-ended) is a finite decimal number, blanks around it
 * allowed ("1", " 1.0", "-2e3"; not "0x10", "inf" or "1,5"); sets *v.
 */
int db_number_text(const char *s, double *v);

struct table_meta {
	char *name;		/* owned */
	char *target;		/* owned, NULL when no target was declared */
	char *bad;		/* owned, tab-separated, NULL when no target */
	char *good;		/* owned, tab-separated, "" = any other value */
	char *source;		/* owned: the CSV it came from */
	long long rows, bads, goods, indeterminate;	/* rejects apart */
	/* The reject rule (rd_reject_rule), NULL when none: rows whose
	   reject_col is reject_value are rejects; rejects counts them,
	   rejects_known those whose target cell held an outcome. */
	char *reject_col, *reject_value;	/* owned */
	long long rejects, rejects_known;
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

/*
 * The same, reporting progress: pr->fn(pr->arg, rows read, rows in all)
 * before the first row, then every DB_PROGRESS_ROWS rows and once more
 * with rows read equal to rows in all when the read is done (its return
 * then ignored); when it
 * returns non-zero the load stops and fails with err RD_EUSAGE
 * "cancelled" (nothing is kept).  pr may be NULL.
 */
#define DB_PROGRESS_ROWS 16384
struct db_progress {
	int (*fn)(void *arg, size_t done, size_t total);
	void *arg;
};
struct dataset *db_dataset_load_progress(struct db *db, const char *table,
	const struct db_progress *pr, struct rd_err *err);

/*
 * The progress hook of every load given none (db_dataset_load,
 * db_dataset_load_columns and the progress variants called with pr
 * NULL), for the whole process: a command-line front end sets it once to
 * draw a progress bar for every command; NULL removes it.  *pr is
 * copied.  The hook may be called from more than one thread at once (a
 * document validates while it classes) and must be safe for it.
 */
void db_progress_default(const struct db_progress *pr);

/*
 * A hook that reports nothing and never cancels: for the reads of a step
 * that reports its own progress over many of them (the slices of
 * validate and decide), so that no read draws a bar of its own.
 */
extern const struct db_progress db_progress_none;

/*
 * Load only some columns of an imported table: cols[ncols] (borrowed
 * names, any order; NULL with ncols 0 for none) and the target, which is
 * always loaded and coded as db_dataset_load does.  The dataset keeps
 * table column order, so ds->cols need not match cols.  Returns a dataset
 * to release with ds_free, or NULL with err (RD_EINPUT naming a column
 * the table lacks).
 */
struct dataset *db_dataset_load_columns(struct db *db, const char *table,
	const char *const *cols, size_t ncols, struct rd_err *err);

/* db_dataset_load_columns reporting progress as db_dataset_load_progress
   does (pr may be NULL). */
struct dataset *db_dataset_load_columns_progress(struct db *db,
	const char *table, const char *const *cols, size_t ncols,
	const struct db_progress *pr, struct rd_err *err);

/*
 * db_dataset_load_columns read in chunks, never whole: one SELECT over
 * the table in rowid order, and every chunk rows (the last may be
 * fewer; a table without rows gives one empty chunk) handed to fn as a
 * dataset coded exactly as db_dataset_load_columns codes the same rows
 * (types, NULL / NaN, levels, target, reject rule, roles, the counts
 * nbad, ngood, nindet, nreject of the chunk), but with the chunk's own
 * levels: a text column's levels are those in the chunk, sorted, and
 * codes index them.  The dataset is borrowed by fn for the call only
 * (it is reused).  cols NULL with ncols SIZE_MAX: every column.  fn
 * returns 0, or -1 with err to stop the read.  Progress goes to pr as
 * a load's does (rows of the whole table; NULL: the default hook).
 * Returns 0, or -1 with err (db_dataset_load_columns's errors, fn's, or
 * RD_EUSAGE "cancelled").  Memory O(chunk x columns).
 */
typedef int db_chunk_fn(void *arg, const struct dataset *ds,
	struct rd_err *err);
int db_dataset_scan_columns(struct db *db, const char *table,
	const char *const *cols, size_t ncols, size_t chunk,
	const struct db_progress *pr, db_chunk_fn *fn, void *arg,
	struct rd_err *err);

/*
 * The column names of table in table order, NULL-terminated (free each
 * string and the array); *n (may be NULL) is set to their number.
 * NULL with err when the table does not exist or on SQLite failure.
 */
char **db_table_column_names(struct db *db, const char *table, size_t *n,
	struct rd_err *err);

/* -------------------------------------------------------------- rejects */

/*
 * Refuse a reject rule on the outcome column itself: a reject is a
 * declined applicant, whose outcome is never seen, so the target cannot
 * also be the decision.  Sets err (RD_EINPUT, naming the option, the
 * column and the table, and the way out) and returns -1.
 */
int db_reject_target_err(struct rd_err *err, const char *table,
	const char *col, const char *value);

/*
 * Mark the rejects of imported table: the rows whose column col holds
 * value, compared as db_target_rule compares a bad value (as numbers in
 * an INTEGER or REAL column, else as exact text; a NULL is never a
 * reject).  A reject has no outcome: its target cell, if it holds one,
 * is kept in the table but never used (db_dataset_load codes it
 * DS_INDET and sets ds->reject).  One pass over the table: records the
 * rule and the counts in rd_reject_rule (replacing a rule of table) and
 * takes the rejects out of rd_table's bads, goods and indeterminate.
 * Runs in the caller's transaction.  *rejects and *known (may be NULL)
 * receive the rejects and those with an outcome.  Returns 0, or -1 with
 * err: RD_EINPUT when table was not imported, has a reject rule already
 * or has no column col, col is its target (db_reject_target_err), or no
 * row holds value ("--reject-when C=V: no row of column ... holds ...");
 * RD_EDB.
 */
int db_reject_rule_mark(struct db *db, const char *table, const char *col,
	const char *value, size_t *rejects, size_t *known,
	struct rd_err *err);

/* Remove table's reject rule record, if any (the import does so before
   it replaces a table).  Runs in the caller's transaction.  Returns 0 or
   -1 with err (RD_EDB). */
int db_reject_rule_clear(struct db *db, const char *table,
	struct rd_err *err);

/* ------------------------------------------------------------ inference */

/* One row of an augmented development set (rd_infer_row). */
struct db_infer_row {
	int64_t src;		/* the population's rowid */
	int reject;		/* 1: a reject with an inferred outcome */
	int bad;		/* 1 bad, 0 good */
	double weight;		/* > 0 */
};

/*
 * Store scorecard name (rd_scorecard: body its text, db_scorecard_put),
 * the inference that made it (rd_inference, spec the model layer's JSON
 * text) and its augmented development set rows[n] (rd_infer_row),
 * replacing what was stored for name, in one transaction: a failure or a
 * kill leaves neither the scorecard nor its inference.  Returns 0, or -1
 * with err (RD_EDB; nothing changed).
 */
int db_inference_put(struct db *db, const char *name, const char *kgb,
	const char *population, const char *method, const char *spec,
	const char *body, const struct db_infer_row *rows, size_t n,
	struct rd_err *err);

/* db_inference_put with the rows given one at a time: row(ctx, i, r)
   fills row i (0 <= i < n) into *r, each called once in order; no array
   of the rows is needed.  ctx is borrowed. */
int db_inference_put_rows(struct db *db, const char *name, const char *kgb,
	const char *population, const char *method, const char *spec,
	const char *body, void (*row)(const void *ctx, size_t i,
	struct db_infer_row *r), const void *ctx, size_t n,
	struct rd_err *err);

/* What db_inference_put stored for name. */
struct db_inference {
	char *name, *kgb, *population, *method, *spec;	/* owned */
};

/*
 * The inference that made scorecard name: fills *out (release with
 * db_inference_done) and returns 1; 0 when name was not made by
 * inference; -1 with err (RD_EDB).
 */
int db_inference_get(struct db *db, const char *name,
	struct db_inference *out, struct rd_err *err);
void db_inference_done(struct db_inference *inf);

/*
 * The names of the scorecards made by inference, in name order, each in
 * double quotes and separated by ", " ("" when there is none): a string
 * the caller frees; NULL with err (RD_EDB).
 */
char *db_inference_names(struct db *db, struct rd_err *err);

/*
 * The augmented development set of scorecard name, in the order stored:
 * *rows a heap array of *n rows (caller frees).  Returns 0, or -1 with
 * err (RD_EDB).
 */
int db_inference_rows(struct db *db, const char *name,
	struct db_infer_row **rows, size_t *n, struct rd_err *err);

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
 * table and calling deterministic functions, so an expression can never
 * change data and gives the same value on every run: a ';', a sub-query, a
 * window function, random(), changes(), sqlite_version() and every other
 * function SQLite does not flag deterministic, printf() and format() (whose
 * width can ask for any amount of memory), the string 'now' and the date
 * and time functions without an argument (both read the clock) are
 * refused.  Returns 0, or -1 with err (RD_EINPUT,
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

/*
 * Expressions over the columns of table and over values that are not
 * columns: names[n] (borrowed), written in an expression as a column is
 * (bare, or quoted "like this"), matched without regard to case.  No
 * name may be a column of table (the caller checks: the value would
 * hide the column).  db_expr_check_with checks expr as db_expr_check
 * does.  db_expr_scan_with is db_expr_scan with the value of name k on
 * the row of rowid rowid[i] being vals[k][i] (rowid[nrows] ascending;
 * NaN is NULL; a row whose rowid is not listed reads NULL).  Returns 0,
 * or -1 with err as db_expr_check and db_expr_scan report it.
 */
int db_expr_check_with(struct db *db, const char *table,
	const char *const *names, size_t n, const char *expr,
	struct rd_err *err);
int db_expr_scan_with(struct db *db, const char *table,
	const char *const *names, const double *const *vals, size_t n,
	const int64_t *rowid, size_t nrows,
	const char *const *exprs, size_t nexpr,
	int (*fn)(void *arg, size_t row, const double *vals), void *arg,
	struct rd_err *err);

/* Whether name is an SQL keyword of SQLite ("order", "group"), which an
   expression must double-quote to use as a column name. */
int db_is_keyword(const char *name);

/*
 * The columns of table that expr reads, each once, in the order SQLite
 * first reads them, with their names as the table declares them: *cols
 * a heap array of *ncols heap strings (free each and the array; NULL and
 * 0 when none, as for "1 = 1").  Returns 0, or -1 with err as
 * db_expr_check reports it.
 */
int db_expr_columns(struct db *db, const char *table, const char *expr,
	char ***cols, size_t *ncols, struct rd_err *err);

/*
 * Evaluate nexpr checked expressions on each row of table in rowid
 * order, streaming: fn(arg, i, vals) is called for row i with vals[k]
 * the value of exprs[k] as db_expr_eval gives it (NaN for NULL and for
 * text that is not a number); vals is borrowed for the call.  fn returns
 * 0 to go on, non-zero to stop: db_expr_scan then returns -1 with err as
 * fn left it.  One pass, memory independent of the row count.  Returns
 * 0, or -1 with err (as db_expr_check, or RD_EINPUT when a value cannot
 * be computed).
 */
int db_expr_scan(struct db *db, const char *table, const char *const *exprs,
	size_t nexpr, int (*fn)(void *arg, size_t row, const double *vals),
	void *arg, struct rd_err *err);

/*
 * db_expr_scan with, besides vals, truth[k] for the first ntruth of the
 * expressions (ntruth <= nexpr; truth borrowed for the call), a set of
 * the bits below.  DB_TRUE when the value of exprs[k] on the row is true
 * as SQLite's CASE WHEN takes it: SQLite takes NULL as false, an integer
 * as true when not 0 and any other value as true when its real value
 * (sqlite3_value_double: the numeric prefix of a text or blob, 0.0 when
 * it has none) is not 0.0 -- so text "1abc" is true here though vals
 * reads it NaN.  DB_NULL when the value is SQL NULL; DB_OTHER when it is
 * none of NULL, 0 and 1 (a text, a blob, or a number other than 0 and
 * 1).  Returns as db_expr_scan.
 */
#define DB_TRUE		1
#define DB_NULL		2
#define DB_OTHER	4

int db_expr_scan_truth(struct db *db, const char *table,
	const char *const *exprs, size_t nexpr, size_t ntruth,
	int (*fn)(void *arg, size_t row, const double *vals,
	const unsigned char *truth), void *arg, struct rd_err *err);

/* ------------------------------------------ special values, rejects */

/* One declared special value of a column. */
struct db_special {
	char *text;		/* owned: as declared, e.g. "-999" */
	double num;		/* as a number; NaN when not one */
};

/*
 * The special values declared for column of table when it was imported
 * (csv-import.h, import_spec.special), sorted by text.  Binning gives each
 * its own bin: a cell of the column whose value equals v.num (numeric
 * columns) or v.text (text columns) is that special value.  Sets *out to
 * a heap array of *n entries (free with db_special_free; NULL and 0 when
 * none).  Returns 0, or -1 with err (RD_EDB).
 */
int db_special_values(struct db *db, const char *table, const char *column,
	struct db_special **out, size_t *n, struct rd_err *err);
void db_special_free(struct db_special *v, size_t n);

/* ------------------------------------------------------ column roles */

/* The recorded role of one column (rd_column). */
struct db_column_role {
	char *column;		/* owned */
	char *role;		/* owned, e.g. DS_ROLE_IDENTIFIER */
	char *note;		/* owned, "" when none */
};

/*
 * Record role (e.g. DS_ROLE_IDENTIFIER) and note (NULL = "") for column of
 * table, replacing what was recorded; role NULL removes the record.  Runs
 * in the caller's transaction, if any.  Returns 0, or -1 with err
 * (RD_EDB).
 */
int db_column_role_set(struct db *db, const char *table, const char *column,
	const char *role, const char *note, struct rd_err *err);

/*
 * The recorded roles of table's columns, in column-name order: *out a heap
 * array of *n entries (free with db_column_roles_free; NULL and 0 when
 * none).  db_dataset_load and friends copy them into ds_column.role and
 * role_note.  Returns 0, or -1 with err (RD_EDB).
 */
int db_column_roles(struct db *db, const char *table,
	struct db_column_role **out, size_t *n, struct rd_err *err);
void db_column_roles_free(struct db_column_role *r, size_t n);

/* One row an import rejected. */
struct db_reject {
	long long line;		/* physical start line in the file */
	char *raw;		/* owned: its raw text */
	char *reason;		/* owned */
};

/*
 * The first max rejected rows of table in line order: *out a heap array
 * of *n <= max entries (free with db_rejects_free), *total all rejected
 * rows of the table.  Returns 0, or -1 with err (RD_EDB).
 */
int db_rejects(struct db *db, const char *table, size_t max,
	struct db_reject **out, size_t *n, size_t *total, struct rd_err *err);
void db_rejects_free(struct db_reject *r, size_t n);

/*
 * Count the rows i of table (rowid order, nrows rows, as db_expr_eval)
 * with mask[i] set where the checked expression expr gives text that is
 * not a number (the rows db_expr_eval turns into NaN although they are
 * not NULL).  *count receives the count, *first a copy of the first such
 * text (caller frees; NULL when none).  Returns 0, or -1 with err.
 */
/*
 * How many rows of table make expr true (SQLite's truth: not NULL, not
 * 0), counting no further than limit (1: whether there is one; the scan
 * stops there).  expr is checked as db_expr_check does and run under the
 * same read-only authorizer.  Returns 0 with *n, or -1 with err.
 */
int db_expr_count(struct db *db, const char *table, const char *expr,
	size_t limit, size_t *n, struct rd_err *err);

/*
 * In one pass over table, exprs[n] and cond (each checked as
 * db_expr_check does; cond NULL: none): *text = 1 when some expression
 * gives, on some row, text that is not a number (as db_expr_eval reads
 * it: NaN; the pass stops there and *cond_seen is 0), else *text = 0
 * and *cond_seen = 1 when cond holds (not NULL, not 0) on some row.
 * SQLite returns only the rows where an expression is text or cond
 * holds; memory independent of the rows.  Returns 0, or -1 with err.
 */
int db_expr_text_or(struct db *db, const char *table,
	const char *const *exprs, size_t n, const char *cond, int *text,
	int *cond_seen, struct rd_err *err);

/*
 * Over the rows of table in rowid order (the window's when one is set),
 * the first nrows of them: *count of the rows i with mask[i] set where
 * expr (checked as db_expr_check does) gives text that is not a number,
 * *first the first such text (heap, NULL when none).  Returns 0, or -1
 * with err (*first NULL).
 */
int db_expr_text_rows(struct db *db, const char *table, const char *expr,
	const unsigned char *mask, size_t nrows, size_t *count, char **first,
	struct rd_err *err);

/*
 * Column i of the current row of st as a double: integers and reals as
 * they are, text that parses fully as a finite number as that number,
 * anything else (NULL, other text such as "inf", blobs) NaN.
 */
struct sqlite3_stmt;
double db_column_num(struct sqlite3_stmt *st, int i);

/*
 * 1 when v, a value read as the double d (db_column_num's reading), is an
 * integer past 2^53 that d does not hold exactly (d is the double
 * nearest, a neighbour's value too), else 0.  REAL values and integers a
 * double holds (10^16) are 0.  v is a value of the current row
 * (sqlite3_column_value).
 */
struct sqlite3_value;
int db_int_inexact(struct sqlite3_value *v, double d);

#endif
