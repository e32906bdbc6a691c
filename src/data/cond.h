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

#endif
