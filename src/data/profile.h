/*
 * profile.h - a data profile of an imported table: per column its type,
 * missing share, distinct count, and for numbers the location, spread and
 * quantiles, for text the largest categories, for dates the range and
 * rows per month; for the table the target's bad rate.
 *
 * Computed in one scan of the stored table (src/data), so the CLI's
 * "riskdesk profile" and the workbench's Data screen show the same
 * figures.  With them each column's recorded role (rd_column: an
 * identifier and why) and the warnings of colscan.h: numeric values that
 * stand for something else (declared special values left out) and
 * integer columns of codes, with the options that would act on them, as
 * the import gives them.  Call sequence: profile_table, read the struct,
 * profile_free.
 */
#ifndef RD_DATA_PROFILE_H
#define RD_DATA_PROFILE_H

#include <stddef.h>

#include "data/csv-import.h"

struct colscan;
struct db;
struct rd_err;

/* The quantile levels reported: 1, 5, 25, 50, 75, 95, 99 %. */
#define PROFILE_NQ 7
extern const double profile_qlevel[PROFILE_NQ];

#define PROFILE_TOP 10		/* default number of top categories */

struct profile_cat {
	char *value;		/* owned */
	size_t count;
	double share;		/* count / non-missing cells */
};

struct profile_month {
	char month[8];		/* "YYYY-MM" */
	size_t count;
};

/* Bytes of a date or date-time as stored, with its NUL. */
#define PROFILE_DATE_MAX 20

struct profile_column {
	char *name;		/* owned */
	enum import_type type;	/* from the declared type */
	int is_target;		/* the table's target column */
	size_t count;		/* rows of the table */
	size_t missing;		/* NULL cells */
	double missing_pct;	/* 100 * missing / count; NaN for no rows */
	size_t distinct;	/* distinct non-NULL values */

	/* INTEGER and REAL columns, over the numeric cells (n of them):
	 * sd is the sample standard deviation (divisor n - 1, NaN for
	 * n < 2); q[k] is the quantile at profile_qlevel[k] by R's default
	 * definition (type 7, Hyndman & Fan 1996): with the sorted values
	 * x[0..n-1], h = (n - 1) p, q = x[floor h] + (h - floor h)
	 * (x[floor h + 1] - x[floor h]).  All NaN when n = 0. */
	size_t n;
	double min, max, mean, sd;
	double q[PROFILE_NQ];

	/* TEXT columns (and the target): the largest categories, by count
	 * then value; [ntop] owned. */
	struct profile_cat *top;
	size_t ntop;

	/* DATE columns: first and last date or date-time ("" when none)
	 * and rows per calendar month present, in order; [nmonths] owned. */
	char first[PROFILE_DATE_MAX], last[PROFILE_DATE_MAX];
	struct profile_month *months;
	size_t nmonths;

	/* The recorded role (rd_column): DS_ROLE_IDENTIFIER and its note,
	 * owned, or NULL for an ordinary column. */
	char *role;
	char *role_note;

	/* Warnings on the column's values and the options they suggest
	 * ("--special age=99", "--type SEX=text"), [nwarnings] and
	 * [nsuggest] owned; none for the target and identifiers. */
	char **warnings;
	size_t nwarnings;
	char **suggest;
	size_t nsuggest;
};

struct profile {
	char *table;		/* owned; the source of profile_engine */
	char *engine;		/* owned: "postgresql" for profile_engine,
				 * NULL for a riskdesk table; an engine's
				 * table has no roles and nothing refused */
	size_t rows;
	size_t rejected;	/* rows of its import(s) in rd_reject */
	char *target;		/* owned; NULL when the table has none */
	size_t bads, goods, indeterminate;	/* from rd_table */
	/* Rejects (declined, no outcome; rd_reject_rule): reject_col NULL
	   when the table has none marked. */
	char *reject_col, *reject_value;	/* owned */
	size_t rejects, rejects_known;
	double bad_rate;	/* bads / (bads + goods); NaN when none */
	struct profile_column *cols;	/* [ncols] owned, table order */
	size_t ncols;
};

/*
 * Profile table (imported by riskdesk: it must be in rd_table), with up
 * to ntop categories per text column (0: PROFILE_TOP).  Returns a profile
 * to release with profile_free, or NULL with err (RD_EINPUT for an
 * unknown table, RD_EDB on SQLite failure, "interrupted" after
 * db_interrupt).  The warnings use colscan_default.  One scan of the
 * table, which keeps per column each distinct value once with its count
 * (numbers in a hash table of at most 2 MB, then in a sorted run of 16
 * bytes a distinct value, up to 32 while merging; text, date and target
 * columns as text), never the rows: memory grows with the distinct
 * values only (a column of ids or of amounts has nearly as many as
 * rows).  Time O(n) a column (radix sorts), and O(d log d) for its d
 * distinct texts.  The figures are those of the sorted
 * cells, bit for bit (see profile_column).  Distinct counts of numbers
 * compare them as doubles (integers beyond 2^53 may merge).
 */
struct profile *profile_table(struct db *db, const char *table, size_t ntop,
	struct rd_err *err);

/*
 * Profile the table or view source of the PostgreSQL database conninfo
 * names (data/engine.h: its name as written, dots separating schema and
 * table) where it lives: the server runs aggregate queries and riskdesk
 * reads their rows only, never the table's.  The figures are those of
 * profile_table on the same rows imported into riskdesk: smallint,
 * integer and bigint columns are integers, real, double precision and
 * numeric reals, date, timestamp and timestamptz dates, any other type
 * text.  target (NULL: none) names the outcome column, its values bad[nbad]
 * bads and good[ngood] goods (ngood 0: every other non-NULL value), as
 * import --target, --bad and --good count them, compared as the
 * column's text; rows of another value or NULL are indeterminate.  No
 * column has a role (the identifier rule runs at import, on the file):
 * role is NULL throughout; the warnings are profile_table's, with no
 * declared special values.  The queries, at most five:
 *   1. per column count, count(DISTINCT), for numbers min, max, avg,
 *      stddev_samp and whether all are whole, for dates min and max, and
 *      the target's bads and goods, in one scan;
 *   2. the quantiles of every numeric column (percentile_cont, one call
 *      with the array of levels per column);
 *   3. per numeric column the COLSCAN_FEW smallest and COLSCAN_TAIL
 *      largest distinct values with their counts (GROUP BY ... ORDER BY
 *      ... LIMIT), from which the struct colscan of the warnings is built;
 *   4. per text column and the target, the ntop (0: PROFILE_TOP) largest
 *      categories by count then value in byte order (COLLATE "C");
 *   5. per date column the rows per month (to_char YYYY-MM).
 * Returns a profile to release with profile_free, or NULL with err:
 * RD_EDB when the connection or a query fails, RD_EINPUT for a source
 * that is not there or a target column it lacks.
 */
struct profile *profile_engine(const char *conninfo, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, size_t ntop,
	struct rd_err *err);

/*
 * The warnings of numeric column c and the options they suggest, from
 * the summary cs of its values (declared special values left out):
 * sentinel groups at either end, then (INTEGER columns) codes, then the
 * ninexact integer cells past 2^53 that no double holds exactly (db.h
 * db_int_inexact; inexact_eg the least), whose doubles merge distinct
 * values (no codes warning then).  Appended to c->warnings and
 * c->suggest.
 */
void profile_column_warnings(struct profile_column *c,
	const struct colscan *cs, size_t ninexact, long long inexact_eg);

/* Free a profile.  NULL is a no-op. */
void profile_free(struct profile *p);

/*
 * Quantile at level p (0..1) of the n sorted values x, R type 7 (see
 * profile_column.q).  NaN when n = 0.
 */
double profile_quantile(const double *x, size_t n, double p);

#endif
