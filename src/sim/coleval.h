/*
 * coleval.h - a policy's conditions and amounts computed in C over the
 * columns of a dataset read from its table, with the values SQLite gives
 * them, instead of a second pass of SQLite over the same rows.
 *
 * The simulation asks SQLite for the first knock-out and the first
 * segment that hold on each row, and for the EADs and the income
 * (data/cond.h cond_first).  The rows are already in memory, column by
 * column (the dataset the scores were made from); evaluating the
 * expressions there, a block of rows at a time, costs a fraction of
 * SQLite's pass.  The result must be SQLite's bit for bit, so only what
 * is proven to have the same meaning is taken, and the caller falls back
 * to SQLite for the rest:
 *
 *   - numeric columns whose cells were all INTEGER or REAL as SQLite held
 *     them (ds.h ncell_*; no integer past 2^53 that a double does not
 *     hold) and number literals that a double holds;
 *   - +, -, * and unary minus on operands of one storage class each
 *     (SQLite's integer arithmetic is exact where a double is: a result
 *     of integers at 2^53 or more declines the pass), / (integers divide
 *     as integers, a real makes it real; by zero NULL), abs, coalesce,
 *     ifnull, min and max of two or more numbers (NULL when one is);
 *   - comparisons =, <>, <, <=, >, >=, IS, IS NOT, BETWEEN, IN of
 *     number literals, IS [NOT] NULL, NOT, AND, OR, TRUE and FALSE, with
 *     SQLite's NULL logic;
 *   - a text column (every cell TEXT without a NUL byte, BINARY
 *     collation, a UTF-8 database) compared with, or IN a list of,
 *     string literals (none that its affinity would turn into a number),
 *     through a table of each level's outcome.
 *
 * Anything else -- CASE, CAST, LIKE, ||, %, NULL literals, IS TRUE and
 * its kin (a truth test, not = 1), integer literals past 64 bits (the
 * least integer is one negated), text functions, text used as a number,
 * a column the dataset does not hold, a dataset not read from its table
 * (cells_known 0), an expression SQLite could fail on at run time (an
 * integer overflow) -- declines.  A
 * number's NULL is NaN, as db_expr_eval gives it.
 */
#ifndef RD_SIM_COLEVAL_H
#define RD_SIM_COLEVAL_H

#include <stddef.h>

#include "data/cond.h"
#include "data/ds.h"

struct db;

/*
 * cond_first (or cond_first_tally, tally not NULL) over the rows of ds,
 * which must be the rows of the table cond_first would read, in its
 * order: first_a[ds->nrows], first_b (may be NULL when nb is 0),
 * vals[nval][ds->nrows] and tally[na + nb] (added to) as those give
 * them.  The expressions must have passed db_expr_check; db is read
 * only for SQLite's value of each real literal.  Returns 1
 * when it computed them, 0 when it declined (the outputs then hold
 * nothing meaningful and the tallies are untouched: ask SQLite).  No
 * failure but memory, which aborts.
 */
int coleval_first(struct db *db, const struct dataset *ds,
	const char *const *conds_a, size_t na, double *first_a,
	const char *const *conds_b, size_t nb, double *first_b,
	struct cond_tally *tally, const char *const *exprs, size_t nval,
	double **vals);

#endif
