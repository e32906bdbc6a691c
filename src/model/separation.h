/*
 * separation.h - does a logistic likelihood have a finite maximum?  A
 * linear-programming check for complete and quasi-complete separation.
 *
 * Albert and Anderson (Biometrika 71, 1984, 1-10) and Santner and Duffy
 * (Biometrika 73, 1986, 755-758): with X of full column rank, the
 * maximum likelihood estimate of a logistic regression exists, and is
 * unique, unless there is a direction b != 0 with
 *     s_i x_i'b >= 0 for every row i,   s_i = +1 if y_i = 1, -1 if y_i = 0,
 * (quasi-complete separation; complete when every inequality is strict).
 * Along such a b the log-likelihood never falls and rises on every row
 * with s_i x_i'b > 0, so some coefficients grow without bound.  By
 * Stiemke's theorem of the alternative there is no such b exactly when a
 * strictly positive lambda has sum_i lambda_i s_i x_i = 0, which is what
 * the score equations of a finite maximum say (lambda_i = |y_i - p_i|).
 *
 * The check is Konis's linear program (Linear programming algorithms for
 * detecting separated data in binary logistic regression models, D.Phil.
 * thesis, Oxford, 2007; R package safeBinaryRegression):
 *     maximise  sum_i s_i z_i'b   subject to  s_i z_i'b >= 0 (every row),
 *               -1 <= b_j <= 1,
 * on the rows z_i of X with each column centred (when X has a column of
 * ones) and scaled to unit root mean square, and each row then scaled to
 * unit largest entry; neither changes which directions separate (they
 * are an invertible map of b and positive multiples of the constraints).
 * The optimum is 0 (at b = 0) exactly when there is no separation; a
 * positive optimum gives a separating direction.  It is solved as its
 * dual, a problem with only p equality rows,
 *     minimise  sum_j (u_j + v_j)
 *     subject to  u - v - sum_i lambda_i s_i z_i = sum_i s_i z_i,
 *                 lambda, u, v >= 0,
 * by the revised simplex method (Dantzig pricing, Bland's rule after a
 * run of degenerate pivots, the p x p basis inverse updated by pivoting
 * and refactorised by LU every 50 pivots).  Its simplex multipliers at
 * the optimum are the separating b.  Each iteration is one pass over the
 * rows, O(n p), plus O(p^2); typically a few times p iterations.
 *
 * An optimal vertex may leave on the hyperplane rows that another
 * direction splits off, so the program is solved again, maximising the
 * sum over the rows still on it (every row still kept on its side), and
 * the directions added up, until a round splits off no new row: the sum
 * of separating directions separates, with the union of their rows, so
 * the rows split off at the end are all that any direction splits off,
 * and the separation is complete exactly when that is every row.
 */
#ifndef RD_MODEL_SEPARATION_H
#define RD_MODEL_SEPARATION_H

#include <stddef.h>

enum separation_status {
	SEPARATION_NONE,	/* overlap: the maximum likelihood is finite */
	SEPARATION_QUASI,	/* quasi-complete: some rows lie on the
				   separating hyperplane */
	SEPARATION_COMPLETE,	/* every row strictly on its side */
	SEPARATION_UNDECIDED	/* the simplex did not finish, or its answer
				   failed the check (numerical trouble) */
};

/* Tolerances, with their defaults from separation_spec_init. */
struct separation_spec {
	double tol;		/* a row with s_i z_i'b above this (z_i scaled to
				   largest entry 1, |b_j| <= 1) is split off
				   by b; the direction is accepted only if no
				   row is below -tol / 100; default 1e-7 */
	int max_iter;		/* simplex pivots; default 200 + 50 p */
};

void separation_spec_init(struct separation_spec *spec, size_t p);

struct separation {
	enum separation_status status;
	/* The separating direction (NONE: all 0): in the columns' own
	   units, dir[j] the change of coefficient j (the intercept's
	   absorbs the centring), [p] owned; and in the standardised
	   units where the columns compare, dir_std[j] in [-1, 1], [p]
	   owned.  */
	double *dir;
	double *dir_std;
	long col;		/* the column named: the largest |dir_std[j]|
				   among the columns that are not all ones
				   (a column of ones only when nothing else
				   moves), or -1 when NONE */
	size_t nrows;		/* rows checked (weight > 0) */
	size_t nsplit;		/* of them, split off strictly by dir */
	int iterations;		/* simplex pivots */
};

/*
 * Check the rows of X (n x p row-major, X[i*p + j]) with w[i] > 0 (w may
 * be NULL: every row) against y[n] (0/1).  X should have full column
 * rank (logit.c checks that first); a column that is all zero over the
 * rows checked is ignored.  X, y and w are borrowed for the call.  Fills
 * *out (free with separation_done) and returns 0; returns -1 only when
 * there is no row to check (then out->status is UNDECIDED).  Memory: n
 * doubles and O(p^2), allocated for the call.
 */
int separation_check(const double *X, const double *y, const double *w,
	size_t n, size_t p, const struct separation_spec *spec,
	struct separation *out);

/* Free what out owns and zero it.  Safe on a zeroed result. */
void separation_done(struct separation *out);

#endif
