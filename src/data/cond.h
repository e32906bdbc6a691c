/*
 * cond.h - first-match evaluation of policy conditions in one pass over a
 * table, for the simulation layer.
 *
 * A policy's knock-outs and segments are tried in order and the first
 * true one wins.  Evaluating every condition on every row and choosing
 * afterwards costs one SQLite expression per condition per row; letting
 * SQLite choose with one CASE per list stops at the first true condition
 * and returns one number per row instead of one per condition, which is
 * what keeps a simulation over 1,000,000 applicants under a second.
 */
#ifndef RD_DATA_COND_H
#define RD_DATA_COND_H

#include <stddef.h>

struct db;
struct rd_err;

/*
 * One pass over table (rowid order, nrows rows, as db_expr_eval):
 *   first_a[i]: index of the first of conds_a[na] true on row i, or -1;
 *   first_b[i]: likewise for conds_b[nb] (may be 0, first_b unused);
 *   vals[k][i]: the value of exprs[k] (k < nval) as db_expr_eval gives it.
 * A condition is true when its SQL value is true: not NULL, not 0 (a
 * NULL condition falls through to the next).  Every condition and
 * expression is checked first with db_expr_check (read-only, one
 * expression each).  Returns 0, or -1 with err as db_expr_check and
 * db_expr_eval report it.
 */
int cond_first(struct db *db, const char *table,
	const char *const *conds_a, size_t na, double *first_a,
	const char *const *conds_b, size_t nb, double *first_b,
	const char *const *exprs, size_t nval, double **vals, size_t nrows,
	struct rd_err *err);

/* What one condition's values were over the rows of a pass (added to). */
struct cond_tally {
	size_t fired;	/* true, as SQLite's CASE WHEN takes it */
	size_t nul;	/* SQL NULL */
	int other;	/* 1: some value not NULL, 0 or 1 (text, blob, 2) */
};

/*
 * Count into t one row's value of its condition, given by its truth bits
 * (DB_TRUE, DB_NULL, DB_OTHER of db_expr_scan_truth).
 */
void cond_tally_add(struct cond_tally *t, unsigned char truth);

/*
 * cond_first, each condition evaluated on every row in the pass (no
 * CASE), the first true one chosen here by SQLite's truth of its value
 * (db_expr_scan_truth), so first_a, first_b and vals are those of
 * cond_first bit for bit; besides, tally[k] (k < na, then na + k for
 * conds_b, added to) counts the values of each condition as
 * cond_tally_add does.  As every condition runs on every row, it may fail on a
 * row where CASE stops before it: a caller wanting cond_first's outcome
 * calls cond_first on failure (the tallies are then partial).  Returns
 * 0, or -1 with err as cond_first.
 */
int cond_first_tally(struct db *db, const char *table,
	const char *const *conds_a, size_t na, double *first_a,
	const char *const *conds_b, size_t nb, double *first_b,
	struct cond_tally *tally, const char *const *exprs, size_t nval,
	double **vals, size_t nrows, struct rd_err *err);

/*
 * As cond_first for nl lists of conditions at once, in one pass:
 * first[l][i] (l < nl, i < nrows) the index of the first of
 * lists[l][0 .. nlist[l]) true on row i, or -1 (an empty list: -1 on
 * every row); vals[k][i] the value of exprs[k] as cond_first gives it.
 * A list whose conditions are those of an earlier one, and an expression
 * written as an earlier one, is evaluated once and copied (two policies
 * that differ only in their cutoffs cost one policy's pass).  Returns 0,
 * or -1 with err as cond_first.
 */
int cond_first_n(struct db *db, const char *table,
	const char *const *const *lists, const size_t *nlist,
	double *const *first, size_t nl, const char *const *exprs,
	size_t nval, double **vals, size_t nrows, struct rd_err *err);

/*
 * Whether expr, already checked with db_expr_check, is a constant: an
 * expression without function calls (no parenthesis at all) that SQLite
 * compiles without a table, so it reads no column.  *constant is set to 1
 * or 0; for a constant, *value receives its value as db_expr_eval gives
 * it (NaN for NULL or text that is not a number).  Returns 0, or -1 with
 * err (RD_EDB) when the constant cannot be evaluated.
 */
int cond_constant(struct db *db, const char *expr, int *constant,
	double *value, struct rd_err *err);

/* One row as cond_scan presents it; the arrays are borrowed for the call. */
struct cond_row {
	size_t row;			/* 0-based, rowid order */
	long ko;			/* first true knock-out, -1 none */
	const signed char *truth;	/* [nc] 1 true, 0 false, -1 NULL */
	const unsigned char *null;	/* [ncols] 1: the column is NULL */
};

/*
 * One pass over table (rowid order) for the population checks of a
 * policy: fn(arg, &row) on each row with row.ko the index of the first
 * of kos[nko] true on it (-1 when none); row.truth[k] the value of
 * conds[k] on it: 1 true, 0 false, -1 when the condition is NULL (a true
 * or false value decided as cond_first does: text that is not a number is
 * false); row.null[c] whether column cols[c] is NULL on it.  Every
 * condition is checked first with db_expr_check.  fn returns 0 to go on,
 * non-zero to stop (cond_scan then returns -1 with err as fn left it).
 * Memory does not grow with the rows.  Returns 0, or -1 with err as
 * db_expr_check and db_expr_scan report it.
 */
int cond_scan(struct db *db, const char *table,
	const char *const *kos, size_t nko,
	const char *const *conds, size_t nc,
	const char *const *cols, size_t ncols,
	int (*fn)(void *arg, const struct cond_row *row), void *arg,
	struct rd_err *err);

#endif
