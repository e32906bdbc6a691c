/*
 * engine.h - a thin client of a PostgreSQL server (libpq), so that a
 * population that lives there is worked on where it lives: the server
 * runs one query (e.g. export/sql.h's score histogram) and riskdesk reads
 * only its aggregate rows.  Part of the data layer: libpq is used here
 * and nowhere else (tests/layering.sh).
 *
 * Call sequence: engine_connect, then any number of engine_columns and
 * engine_query, then engine_close.  One connection, used by one thread.
 * Doubles come back as text that reads back to the same double
 * (extra_float_digits = 3: the shortest exact form on PostgreSQL 12 and
 * later, 17 significant digits before).
 */
#ifndef RD_DATA_ENGINE_H
#define RD_DATA_ENGINE_H

#include <stddef.h>

struct engine;
struct rd_err;
struct sqlx_column;

/* The largest result engine_query reads: it is meant for aggregates. */
#define ENGINE_MAX_ROWS 10000000

/*
 * Connect to the server conninfo names: a libpq URI
 * ("postgresql://user@host:5432/db") or key=value pairs ("host=/tmp
 * dbname=risk"); what it leaves out comes from libpq's environment
 * (PGHOST, PGUSER, ...) and defaults.  A connection attempt gives up
 * after 10 seconds unless conninfo sets connect_timeout.  Returns the
 * connection (engine_close), or NULL with err RD_EDB: "cannot connect to
 * PostgreSQL: <libpq's first line of the reason>; check <what>".
 */
struct engine *engine_connect(const char *conninfo, struct rd_err *err);

/* Close e (NULL: nothing). */
void engine_close(struct engine *e);

/* "postgresql": the engine's name, for reports (static text). */
const char *engine_name(const struct engine *e);

/*
 * 1 when the last engine_query of e failed on a value out of range
 * (SQLSTATE 22003: a float8 sum or sum of squares past the largest
 * double, a bigint past its range), so that a caller can run it again
 * on scaled values; else 0.
 */
int engine_range_failed(const struct engine *e);

/*
 * The index in cols[n] of the column name names: the one spelt so, else
 * the only one spelt so but for case (riskdesk matches names without
 * case, as SQLite does, and a PostgreSQL table made the ordinary way
 * folds BAD to bad); -1 when there is none, or more than one but for
 * case and none exactly.
 */
long engine_column_index(const struct sqlx_column *cols, size_t n,
	const char *name);

/*
 * The columns of the table or view source (its name as written, dots
 * separating schema and table, each part taken as written, case and
 * all; no schema: the search path decides) into *cols[*ncols], in table
 * order, typed: smallint, integer and bigint DS_INTEGER; real, double
 * precision and numeric DS_REAL; any other type (text, varchar, char,
 * date, timestamp, boolean ...) DS_TEXT.  The names are owned by the
 * array: free with engine_columns_free.  Returns 0, or -1 with err:
 * RD_EINPUT 'no table "<source>" in the PostgreSQL database' (or one
 * with no columns), or a table with two columns whose names differ only
 * in case (riskdesk reads names without case, as SQLite does: 'table
 * "<source>" has columns "loan" and "LOAN", whose names differ only in
 * case ...'), RD_EDB for a failed query.
 */
int engine_columns(struct engine *e, const char *source,
	struct sqlx_column **cols, size_t *ncols, struct rd_err *err);
void engine_columns_free(struct sqlx_column *cols, size_t ncols);

/*
 * engine_columns, and with kind non-NULL *kind[*ncols] (free with free)
 * set to what the profile says of a column beyond its type: ENGINE_DATE
 * for date and timestamp, ENGINE_DATE_TZ for timestamp with time zone
 * (both typed DS_TEXT), ENGINE_FLOAT4 for real (a 4-byte float, typed
 * DS_REAL), 0 for the others; NULL on failure.
 */
#define ENGINE_DATE 1
#define ENGINE_DATE_TZ 2
#define ENGINE_FLOAT4 3
int engine_columns_dates(struct engine *e, const char *source,
	struct sqlx_column **cols, size_t *ncols, int **kind,
	struct rd_err *err);

/*
 * The session's time zone (the server's TimeZone setting, as timestamp
 * with time zone values are turned into days and months) into buf[len].
 * Returns 0, or -1 with err RD_EDB.
 */
int engine_time_zone(struct engine *e, char *buf, size_t len,
	struct rd_err *err);

/*
 * Run sql (one statement giving rows, e.g. a SELECT) and call row(ctx,
 * ncols, vals) once per result row, in the server's order: vals[ncols]
 * the fields as text, NULL for SQL NULL, borrowed for that call only.
 * row returns 0 to go on, or nonzero to stop: engine_query then cancels
 * the query and returns -1 with whatever err row filled (row should set
 * it).  Returns 0, or -1 with err RD_EDB: the server's message (first
 * line, and its detail), or a result over ENGINE_MAX_ROWS rows (the query
 * is cancelled there).
 */
int engine_query(struct engine *e, const char *sql,
	int (*row)(void *ctx, int ncols, const char *const *vals), void *ctx,
	struct rd_err *err);

/*
 * Pieces the aggregate queries share.  struct engine_sql: a growing SQL
 * text, zeroed to start; engine_sql_add appends as printf does (s owned:
 * free it).  engine_sql_values_in: the target's values val[n] as a
 * condition on column c read as q: a value that is a number compares as
 * a number in a numeric column, anything else as the column's text
 * (import's target rule, db.h db_target_rule).  engine_text_count and
 * engine_text_number read a value of a result row (text): a count (not
 * NULL, not negative) and a number (NULL gives NaN); each returns 0, or
 * -1 when the text is not one.
 */
struct engine_sql {
	char *s;
	size_t len, cap;
};

void engine_sql_add(struct engine_sql *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void engine_sql_values_in(struct engine_sql *b, const struct sqlx_column *c,
	const char *q, const char *const *val, size_t n);
int engine_text_count(const char *s, size_t *out);

/*
 * engine_text_int: an integer value of a result row (text) into *out; NULL
 * gives 0.  Returns 0, or -1 when the text is not an integer that a long
 * long holds.  engine_sql_inexact: the expression, on the integer column
 * read as raw (a quoted name), that is the cell when it is an integer past
 * 2^53 that no double holds exactly (its float8 is a neighbour's value)
 * and NULL otherwise, so count() and min() of it are the cells that
 * db_int_inexact (db.h) counts in SQLite.  The CASE tests the range
 * first: a bigint from 2^63 - 512 up rounds to the float8 2^63, which no
 * bigint holds, and is inexact without the cast back.
 */
int engine_text_int(const char *s, long long *out);
void engine_sql_inexact(struct engine_sql *b, const char *raw);
int engine_text_number(const char *s, double *out);

#endif
