/*
 * separation.c - the linear-programming check for separation in a
 * logistic regression (see separation.h for the program and its
 * references).
 *
 * Part of the model layer: logit.c calls it when a fit shows a sign of
 * diverging coefficients (fitted probabilities of 0 or 1, or log-odds
 * still moving when the deviance has settled), so that it refuses only
 * a likelihood that has no maximum, and otherwise keeps iterating.  The
 * rows are never copied: each simplex iteration prices every row from X
 * through the column centring and scaling, one pass of n p
 * multiply-adds.
 *
 * Variables of the dual program in one index space: 0 .. n-1 are the
 * lambda_i (column -a_i, cost 0; a_i = s_i z_i scaled to largest entry
 * 1), n + j is u_j (column e_j, cost 1) and n + p + j is v_j (column
 * -e_j, cost 1).  The start basis is u_j or v_j by the sign of the right
 * side c = sum_i a_i, which makes it feasible at once (no phase 1).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>

#include "model/separation.h"
#include "util/xmalloc.h"

/* Reduced costs above -OPT_TOL count as optimal; pivots below PIV_TOL are
   not taken; a step below DEGEN_STEP is degenerate.  The rows and the
   multipliers are of order 1 (see the scaling above), so these are
   absolute. */
#define OPT_TOL 1e-9
#define PIV_TOL 1e-9
#define DEGEN_STEP 1e-12
/* Degenerate pivots in a row before Bland's rule takes over. */
#define DEGEN_RUN 50
/* Pivots between refactorisations of the basis. */
#define REFACTOR 50
/* Rounds of the program, each splitting off more rows (see below). */
#define MAX_ROUNDS 20

void
separation_spec_init(struct separation_spec *spec, size_t p)
{
	spec->tol = 1e-7;
	spec->max_iter = 200 + 50 * (int)(p < 100000 ? p : 100000);
}

/* The problem and the simplex state. */
struct lp {
	const double *X, *y, *w;
	size_t n, p;
	int *icpt;		/* [p] column of ones */
	int *live;		/* [p] neither all ones nor all zero */
	double *mean;		/* [p] centring of the live columns */
	double *sc;		/* [p] their root mean square after centring */
	double *rs;		/* [n] s_i / largest |z_ij|, 0 = row not used */
	double *t;		/* [p] pi in X's units, for pricing */
	double t0;		/* the constant part of z_i'pi */

	size_t *basis;		/* [p] basic variable of each row */
	unsigned char *inb;	/* [n + 2p] 1 when basic */
	double *binv;		/* [p*p] basis inverse, row-major */
	double *xb;		/* [p] basic values */
	double *rhs;		/* [p] c = sum_i a_i */
	double *pi;		/* [p] simplex multipliers */
	double *col;		/* [p] entering column */
	double *d;		/* [p] binv * col */
	double *row;		/* [p] scratch */
};

static double
weight(const struct lp *lp, size_t i)
{
	return lp->w != NULL ? lp->w[i] : 1.0;
}

/* z_i, the standardised row i, into z[p]; returns its largest |entry|. */
static double
zrow(const struct lp *lp, size_t i, double *z)
{
	const double *x = lp->X + i * lp->p;
	double big = 0;
	size_t j;

	for (j = 0; j < lp->p; j++) {
		if (lp->icpt[j])
			z[j] = 1;
		else if (lp->live[j])
			z[j] = (x[j] - lp->mean[j]) / lp->sc[j];
		else
			z[j] = 0;
		if (fabs(z[j]) > big)
			big = fabs(z[j]);
	}
	return big;
}

/* a_i = rs_i z_i into a[p]. */
static void
arow(const struct lp *lp, size_t i, double *a)
{
	size_t j;

	zrow(lp, i, a);
	for (j = 0; j < lp->p; j++)
		a[j] *= lp->rs[i];
}

/* Prepare pricing by pi: a_i'pi = rs_i (t0 + sum_j x_ij t_j). */
static void
price_setup(struct lp *lp, const double *pi)
{
	size_t j;

	lp->t0 = 0;
	for (j = 0; j < lp->p; j++) {
		lp->t[j] = 0;
		if (lp->icpt[j])
			lp->t0 += pi[j];
		else if (lp->live[j]) {
			lp->t[j] = pi[j] / lp->sc[j];
			lp->t0 -= lp->mean[j] * lp->t[j];
		}
	}
}

static double
price(const struct lp *lp, size_t i)
{
	const double *x = lp->X + i * lp->p;
	double s = lp->t0;
	size_t j;

	for (j = 0; j < lp->p; j++)
		s += x[j] * lp->t[j];
	return lp->rs[i] * s;
}

/* Column of variable q into col[p]. */
static void
column(struct lp *lp, size_t q, double *col)
{
	size_t j, p = lp->p;

	if (q < lp->n) {
		arow(lp, q, col);
		for (j = 0; j < p; j++)
			col[j] = -col[j];
		return;
	}
	memset(col, 0, p * sizeof *col);
	if (q < lp->n + p)
		col[q - lp->n] = 1;
	else
		col[q - lp->n - p] = -1;
}

/* Rebuild binv from the basis and xb = binv rhs.  -1 when singular. */
static int
refactor(struct lp *lp)
{
	size_t p = lp->p, r, k;
	gsl_matrix *B = gsl_matrix_alloc(p, p), *Bi = gsl_matrix_alloc(p, p);
	gsl_permutation *perm = gsl_permutation_alloc(p);
	int sign, rc = -1;

	if (B == NULL || Bi == NULL || perm == NULL)
		goto out;
	for (r = 0; r < p; r++) {
		column(lp, lp->basis[r], lp->col);
		for (k = 0; k < p; k++)
			gsl_matrix_set(B, k, r, lp->col[k]);
	}
	if (gsl_linalg_LU_decomp(B, perm, &sign) != GSL_SUCCESS)
		goto out;
	for (r = 0; r < p; r++)
		if (gsl_matrix_get(B, r, r) == 0)
			goto out;
	if (gsl_linalg_LU_invert(B, perm, Bi) != GSL_SUCCESS)
		goto out;
	for (r = 0; r < p; r++) {
		double s = 0;

		for (k = 0; k < p; k++) {
			lp->binv[r * p + k] = gsl_matrix_get(Bi, r, k);
			s += lp->binv[r * p + k] * lp->rhs[k];
		}
		lp->xb[r] = s > 0 ? s : 0;
	}
	rc = 0;
out:
	gsl_matrix_free(B);
	gsl_matrix_free(Bi);
	gsl_permutation_free(perm);
	return rc;
}

/* Multipliers pi = binv' c_B (c_B: 1 for u and v, 0 for lambda). */
static void
multipliers(struct lp *lp)
{
	size_t p = lp->p, r, k;

	memset(lp->pi, 0, p * sizeof *lp->pi);
	for (r = 0; r < p; r++) {
		if (lp->basis[r] < lp->n)
			continue;
		for (k = 0; k < p; k++)
			lp->pi[k] += lp->binv[r * p + k];
	}
}

/*
 * The simplex iterations.  Returns 0 at an optimum (pi then holds the
 * separating direction, or a harmless one when the optimum is 0), -1 when
 * the pivots ran out or the basis became singular.
 */
static int
simplex(struct lp *lp, int max_iter, int *iters)
{
	size_t n = lp->n, p = lp->p, nv = n + 2 * p, r, k, i;
	int it, degen = 0, bland = 0, since = 0;

	for (it = 0;; it++) {
		double best = -OPT_TOL, ratio = INFINITY, piv = 0;
		size_t enter = nv, leave = p;

		multipliers(lp);
		/* Pricing: u_j and v_j, then every row. */
		price_setup(lp, lp->pi);
		for (i = 0; i < n && !(bland && enter < nv); i++) {
			double dq;

			if (lp->inb[i] || lp->rs[i] == 0)
				continue;
			dq = price(lp, i);
			if (dq < best) {
				best = bland ? -OPT_TOL : dq;
				enter = i;
			}
		}
		for (k = 0; k < 2 * p && !(bland && enter < nv); k++) {
			double dq = k < p ? 1 - lp->pi[k] : 1 + lp->pi[k - p];

			if (lp->inb[n + k])
				continue;
			if (dq < best) {
				best = bland ? -OPT_TOL : dq;
				enter = n + k;
			}
		}
		*iters = it;
		if (enter == nv)
			return 0;
		if (it >= max_iter)
			return -1;
		/* Ratio test on d = binv column. */
		column(lp, enter, lp->col);
		for (r = 0; r < p; r++) {
			double s = 0;

			for (k = 0; k < p; k++)
				s += lp->binv[r * p + k] * lp->col[k];
			lp->d[r] = s;
		}
		for (r = 0; r < p; r++) {
			double t;
			int take;

			if (!(lp->d[r] > PIV_TOL))
				continue;
			t = lp->xb[r] / lp->d[r];
			if (leave == p || t < ratio - DEGEN_STEP)
				take = 1;
			else if (t <= ratio + DEGEN_STEP)
				/* A tie: Bland's lowest index, else the
				   largest pivot (the stabler one). */
				take = bland ? lp->basis[r] <
				    lp->basis[leave] : lp->d[r] > piv;
			else
				take = 0;
			if (take) {
				if (t < ratio)
					ratio = t;
				leave = r;
				piv = lp->d[r];
			}
		}
		if (leave == p)
			return -1;	/* unbounded: cannot happen (>= 0) */
		ratio = lp->xb[leave] / piv;
		for (r = 0; r < p; r++) {
			lp->xb[r] -= ratio * lp->d[r];
			if (lp->xb[r] < 0)
				lp->xb[r] = 0;
		}
		lp->xb[leave] = ratio;
		/* binv: pivot on (leave, d). */
		for (k = 0; k < p; k++)
			lp->binv[leave * p + k] /= piv;
		for (r = 0; r < p; r++) {
			double f = lp->d[r];

			if (r == leave || f == 0)
				continue;
			for (k = 0; k < p; k++)
				lp->binv[r * p + k] -= f *
				    lp->binv[leave * p + k];
		}
		lp->inb[lp->basis[leave]] = 0;
		lp->basis[leave] = enter;
		lp->inb[enter] = 1;
		if (ratio < DEGEN_STEP) {
			if (++degen > DEGEN_RUN)
				bland = 1;
		} else {
			degen = 0;
			bland = 0;
		}
		if (++since >= REFACTOR) {
			since = 0;
			if (refactor(lp) != 0)
				return -1;
		}
	}
}

/*
 * Right side c = sum of a_i over the rows with split[i] == 0, and the
 * start basis: u_j (e_j) where c_j >= 0, else v_j (-e_j).  Returns -1
 * when no row is left (nothing to maximise).
 */
static int
lp_start(struct lp *lp, const unsigned char *split)
{
	size_t n = lp->n, p = lp->p, i, j, left = 0;
	double *a = lp->row;

	memset(lp->rhs, 0, p * sizeof *lp->rhs);
	memset(lp->inb, 0, n + 2 * p);
	memset(lp->binv, 0, p * p * sizeof *lp->binv);
	for (i = 0; i < n; i++) {
		if (lp->rs[i] == 0 || split[i])
			continue;
		arow(lp, i, a);
		for (j = 0; j < p; j++)
			lp->rhs[j] += a[j];
		left++;
	}
	for (j = 0; j < p; j++) {
		int neg = lp->rhs[j] < 0;

		lp->basis[j] = n + (neg ? p : 0) + j;
		lp->inb[lp->basis[j]] = 1;
		lp->binv[j * p + j] = neg ? -1 : 1;
		lp->xb[j] = fabs(lp->rhs[j]);
	}
	return left > 0 ? 0 : -1;
}

int
separation_check(const double *X, const double *y, const double *w,
	size_t n, size_t p, const struct separation_spec *spec,
	struct separation *out)
{
	struct lp lp;
	size_t i, j, used = 0, nrows = 0, nsplit = 0;
	double *z, *acc;
	unsigned char *split;
	int rc = -1, has_icpt = 0, round;

	memset(out, 0, sizeof *out);
	out->status = SEPARATION_UNDECIDED;
	out->col = -1;
	out->dir = xcalloc(p > 0 ? p : 1, sizeof *out->dir);
	out->dir_std = xcalloc(p > 0 ? p : 1, sizeof *out->dir_std);
	memset(&lp, 0, sizeof lp);
	lp.X = X;
	lp.y = y;
	lp.w = w;
	lp.n = n;
	lp.p = p;
	if (p == 0)
		return -1;
	lp.icpt = xcalloc(p, sizeof *lp.icpt);
	lp.live = xcalloc(p, sizeof *lp.live);
	lp.mean = xcalloc(p, sizeof *lp.mean);
	lp.sc = xcalloc(p, sizeof *lp.sc);
	lp.rs = xcalloc(n > 0 ? n : 1, sizeof *lp.rs);
	lp.t = xcalloc(p, sizeof *lp.t);
	lp.basis = xcalloc(p, sizeof *lp.basis);
	lp.inb = xcalloc(n + 2 * p, 1);
	lp.binv = xcalloc(p * p, sizeof *lp.binv);
	lp.xb = xcalloc(p, sizeof *lp.xb);
	lp.rhs = xcalloc(p, sizeof *lp.rhs);
	lp.pi = xcalloc(p, sizeof *lp.pi);
	lp.col = xcalloc(p, sizeof *lp.col);
	lp.d = xcalloc(p, sizeof *lp.d);
	lp.row = xcalloc(p, sizeof *lp.row);
	z = lp.row;
	split = xcalloc(n > 0 ? n : 1, 1);
	acc = xcalloc(p, sizeof *acc);

	/* Columns: ones, centring and scale over the rows used. */
	for (j = 0; j < p; j++)
		lp.icpt[j] = 1;
	for (i = 0; i < n; i++) {
		if (!(weight(&lp, i) > 0))
			continue;
		used++;
		for (j = 0; j < p; j++) {
			if (X[i * p + j] != 1)
				lp.icpt[j] = 0;
			lp.mean[j] += X[i * p + j];
		}
	}
	out->nrows = used;
	if (used == 0)
		goto out;
	for (j = 0; j < p; j++)
		if (lp.icpt[j])
			has_icpt = 1;
	for (j = 0; j < p; j++)
		lp.mean[j] = has_icpt && !lp.icpt[j] ? lp.mean[j] /
		    (double)used : 0;
	for (i = 0; i < n; i++) {
		if (!(weight(&lp, i) > 0))
			continue;
		for (j = 0; j < p; j++) {
			double dv = X[i * p + j] - lp.mean[j];

			lp.sc[j] += dv * dv;
		}
	}
	for (j = 0; j < p; j++) {
		lp.sc[j] = sqrt(lp.sc[j] / (double)used);
		lp.live[j] = !lp.icpt[j] && lp.sc[j] > 0;
	}
	/* Rows: sign and scale. */
	for (i = 0; i < n; i++) {
		double big;

		if (!(weight(&lp, i) > 0))
			continue;
		big = zrow(&lp, i, z);
		if (big > 0) {
			lp.rs[i] = (y[i] > 0.5 ? 1.0 : -1.0) / big;
			nrows++;
		}
	}
	rc = 0;		/* from here on the status tells */
	/*
	 * Rounds: each maximises the sum over the rows not split off yet,
	 * keeping every row on its side.  The sum of separating directions
	 * separates, splitting off the union of their rows, so the rounds
	 * end with the largest set of rows any direction splits off: all
	 * of them exactly when the separation is complete.
	 */
	for (round = 0; round < MAX_ROUNDS; round++) {
		double lo = 0;
		size_t fresh = 0;
		int it = 0;

		if (lp_start(&lp, split) != 0 ||
		    simplex(&lp, spec->max_iter, &it) != 0) {
			out->iterations += it;
			if (round == 0)
				goto out;
			break;	/* keep what the earlier rounds proved */
		}
		out->iterations += it;
		price_setup(&lp, lp.pi);
		for (i = 0; i < n; i++) {
			double m;

			if (lp.rs[i] == 0)
				continue;
			m = price(&lp, i);
			if (m < lo)
				lo = m;
			if (m > spec->tol && !split[i])
				fresh++;
		}
		if (lo < -spec->tol / 100) {
			if (round == 0)
				goto out;
			break;
		}
		if (fresh == 0)
			break;
		for (i = 0; i < n; i++)
			if (lp.rs[i] != 0 && !split[i] &&
			    price(&lp, i) > spec->tol)
				split[i] = 1;
		for (j = 0; j < p; j++)
			acc[j] += lp.pi[j];
		nsplit += fresh;
		if (nsplit == nrows)
			break;
	}
	if (nsplit == 0) {
		out->status = SEPARATION_NONE;
		goto out;
	}
	out->nsplit = nsplit;
	out->status = nsplit == nrows ? SEPARATION_COMPLETE :
	    SEPARATION_QUASI;
	/* The direction in standardised units (largest entry 1) and in the
	   columns' own units. */
	{
		double big = 0, c0 = 0, top = 0;
		long ic = -1;

		for (j = 0; j < p; j++)
			if ((lp.live[j] || lp.icpt[j]) && fabs(acc[j]) > top)
				top = fabs(acc[j]);
		for (j = 0; j < p; j++) {
			double v = top > 0 ? acc[j] / top : 0;

			if (lp.live[j]) {
				out->dir_std[j] = v;
				out->dir[j] = v / lp.sc[j];
				c0 -= lp.mean[j] * out->dir[j];
				if (fabs(v) > big) {
					big = fabs(v);
					out->col = (long)j;
				}
			} else if (lp.icpt[j] && ic < 0) {
				ic = (long)j;
			}
		}
		if (ic >= 0) {
			out->dir_std[ic] = top > 0 ? acc[ic] / top : 0;
			out->dir[ic] = out->dir_std[ic] + c0;
			if (out->col < 0 || big < spec->tol)
				out->col = ic;
		}
	}
out:
	if (out->status != SEPARATION_QUASI &&
	    out->status != SEPARATION_COMPLETE) {
		memset(out->dir, 0, p * sizeof *out->dir);
		memset(out->dir_std, 0, p * sizeof *out->dir_std);
		out->col = -1;
	}
	free(lp.icpt);
	free(lp.live);
	free(lp.mean);
	free(lp.sc);
	free(lp.rs);
	free(lp.t);
	free(lp.basis);
	free(lp.inb);
	free(lp.binv);
	free(lp.xb);
	free(lp.rhs);
	free(lp.pi);
	free(lp.col);
	free(lp.d);
	free(lp.row);
	free(split);
	free(acc);
	return rc;
}

void
separation_done(struct separation *out)
{
	if (out == NULL)
		return;
	free(out->dir);
	free(out->dir_std);
	memset(out, 0, sizeof *out);
	out->col = -1;
}
