/*
 * select.c - stepwise selection, correlations and VIF (see select.h).
 *
 * Model layer, on top of logit.c: each candidate model is fitted from
 * scratch on a copy of the chosen columns of X.  The fits are small next
 * to the data pass, and a fresh fit per candidate keeps every AIC exact.
 * card.c calls this between the WoE coding and the final fit.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "model/select.h"
#include "util/err.h"
#include "util/xmalloc.h"

void
select_spec_init(struct select_spec *spec)
{
	spec->method = SELECT_NONE;
	spec->criterion = SELECT_AIC;
	spec->p_enter = 0.05;
	spec->p_remove = 0.10;
	spec->corr_max = 0.7;
	spec->vif_max = 5;
	spec->max_steps = 200;
}

const char *
select_method_name(enum select_method m)
{
	switch (m) {
	case SELECT_NONE:
		return "none";
	case SELECT_FORWARD:
		return "forward";
	case SELECT_BACKWARD:
		return "backward";
	case SELECT_STEPWISE:
		return "stepwise";
	}
	return "?";
}

int
select_method_parse(const char *s, enum select_method *m)
{
	static const enum select_method all[] = { SELECT_NONE, SELECT_FORWARD,
	    SELECT_BACKWARD, SELECT_STEPWISE };
	size_t i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, select_method_name(all[i])) == 0) {
			*m = all[i];
			return 0;
		}
	return -1;
}

void
select_result_done(struct select_result *res)
{
	if (res == NULL)
		return;
	free(res->in);
	free(res->separated);
	free(res->collinear);
	free(res->steps);
	memset(res, 0, sizeof *res);
}

/* ---------------------------------------------------- one candidate */

struct sel {
	const double *X, *y;
	const struct logit_rows *src;	/* the design, when X is NULL */
	size_t n, k;
	const char *const *names;
	const struct logit_spec *lspec;
	enum logit_failure failure;	/* of the last fit_set that failed */
	size_t fail_col;	/* its column of X (0: none named) */
	double *Xs;		/* [n * (k + 1)] the submodel's columns (X) */
	double *full;		/* [SUB_BLOCK * (k + 1)] rows of src */
	const char **sn;	/* [k + 1] their names */
	size_t *cols;		/* [k + 1] their columns of X */
	size_t m;		/* how many */
};

/* Rows of the design a submodel's block asks src for at a time. */
#define SUB_BLOCK 256

/*
 * The submodel of the columns cols[m] of a design given row by row
 * (logit.h struct logit_rows), row by row itself: its rows are those of
 * src, cut down to the chosen columns, and its linear predictor src's
 * with a coefficient 0 for every column left out (each adds a product
 * 0, which changes no sum), so a fit on it equals logit_fit on the
 * columns copied out.
 */
static void
sub_row(const void *ctx, size_t i, double *x)
{
	const struct sel *s = ctx;
	size_t j;

	s->src->row(s->src->ctx, i, s->full);
	for (j = 0; j < s->m; j++)
		x[j] = s->full[s->cols[j]];
}

static void
sub_rows(const void *ctx, size_t i, size_t n, double *x)
{
	const struct sel *s = ctx;
	size_t p = s->k + 1, r, j, b, nb;

	if (s->src->rows_cols != NULL) {
		s->src->rows_cols(s->src->ctx, i, n, s->cols, s->m, x);
		return;
	}
	for (b = 0; b < n; b += SUB_BLOCK) {
		nb = n - b < SUB_BLOCK ? n - b : SUB_BLOCK;
		if (s->src->rows != NULL)
			s->src->rows(s->src->ctx, i + b, nb, s->full);
		else
			for (r = 0; r < nb; r++)
				s->src->row(s->src->ctx, i + b + r,
				    s->full + r * p);
		for (r = 0; r < nb; r++)
			for (j = 0; j < s->m; j++)
				x[(b + r) * s->m + j] =
				    s->full[r * p + s->cols[j]];
	}
}

static void
sub_predict(const void *ctx, const double *beta, size_t n, double *eta)
{
	const struct sel *s = ctx;
	double *b = xcalloc(s->k + 1, sizeof *b);
	size_t j;

	for (j = 0; j < s->m; j++)
		b[s->cols[j]] = beta[j];
	s->src->predict(s->src->ctx, b, n, eta);
	free(b);
}

/*
 * Fit the model of the columns with in[j] set.  Returns 0 with *aic and,
 * when pcol is a chosen column, *pval its Wald p-value; -1 when the fit
 * fails (err filled).
 */
static int
fit_set(struct sel *s, const int *in, size_t pcol, double *aic, double *pval,
	struct rd_err *err)
{
	size_t m = 0, i, j;
	struct logit_result r;
	int rc;

	for (j = 0; j <= s->k; j++)
		if (in[j]) {
			s->cols[m] = j;
			s->sn[m] = s->names != NULL ? s->names[j] : NULL;
			m++;
		}
	s->m = m;
	if (s->X != NULL) {
		for (i = 0; i < s->n; i++)
			for (j = 0; j < m; j++)
				s->Xs[i * m + j] = s->X[i * (s->k + 1) +
				    s->cols[j]];
		rc = logit_fit(s->Xs, s->y, NULL, s->n, m, s->sn, s->lspec,
		    &r, err);
	} else {
		struct logit_rows sub;

		memset(&sub, 0, sizeof sub);
		sub.p = m;
		sub.row = sub_row;
		sub.rows = sub_rows;
		sub.predict = s->src->predict != NULL ? sub_predict : NULL;
		sub.ctx = s;
		rc = logit_fit_rows(&sub, s->y, NULL, s->n, s->sn, s->lspec,
		    &r, err);
	}
	s->failure = r.failure;
	s->fail_col = r.fail_col >= 0 && (size_t)r.fail_col < m ?
	    s->cols[r.fail_col] : 0;
	if (rc == 0) {
		*aic = r.aic;
		if (pval != NULL) {
			*pval = NAN;
			for (j = 0; j < m; j++)
				if (s->cols[j] == pcol)
					*pval = r.pval[j];
		}
	}
	logit_result_done(&r);
	return rc;
}

static void
add_step(struct select_result *res, size_t col, int entered, double aic,
	double pval)
{
	res->steps = xreallocarray(res->steps, res->nsteps + 1,
	    sizeof *res->steps);
	res->steps[res->nsteps].col = col;
	res->steps[res->nsteps].entered = entered;
	res->steps[res->nsteps].aic = aic;
	res->steps[res->nsteps].pval = pval;
	res->nsteps++;
}

/* One forward step; returns the column entered, or 0 when none. */
static size_t
step_forward(struct sel *s, int *in, const int *left,
	const struct select_spec *spec, double *cur_aic,
	struct select_result *res)
{
	size_t j, best = 0;
	double best_aic = INFINITY, best_p = INFINITY, aic, p;
	struct rd_err e;

	for (j = 1; j <= s->k; j++) {
		if (in[j] || left[j])
			continue;
		in[j] = 1;
		if (fit_set(s, in, j, &aic, &p, &e) != 0) {
			if (s->failure == LOGIT_FAIL_SEPARATION)
				res->separated[j] = 1;
		} else {
			res->separated[j] = 0;
			if (spec->criterion == SELECT_AIC ? aic < best_aic :
			    p < best_p) {
				best = j;
				best_aic = aic;
				best_p = p;
			}
		}
		in[j] = 0;
	}
	if (best == 0)
		return 0;
	if (spec->criterion == SELECT_AIC ? !(best_aic < *cur_aic) :
	    !(best_p < spec->p_enter))
		return 0;
	in[best] = 1;
	*cur_aic = best_aic;
	add_step(res, best, 1, best_aic, best_p);
	return best;
}

/*
 * One backward step over the chosen, non-forced columns other than keep;
 * returns the column removed, or 0.  For the p criterion the current
 * model's p-values decide; for AIC every removal is fitted.
 */
static size_t
step_backward(struct sel *s, int *in, const int *forced, size_t keep,
	const struct select_spec *spec, double *cur_aic,
	struct select_result *res)
{
	size_t j, best = 0;
	double best_aic = INFINITY, worst_p = -1, aic, p, a0;
	struct rd_err e;

	for (j = 1; j <= s->k; j++) {
		if (!in[j] || (forced != NULL && forced[j]) || j == keep)
			continue;
		if (spec->criterion == SELECT_PVALUE) {
			if (fit_set(s, in, j, &a0, &p, &e) == 0 &&
			    p > worst_p) {
				worst_p = p;
				best = j;
			}
			continue;
		}
		in[j] = 0;
		if (fit_set(s, in, 0, &aic, NULL, &e) == 0 &&
		    aic < best_aic) {
			best_aic = aic;
			best = j;
		}
		in[j] = 1;
	}
	if (best == 0)
		return 0;
	if (spec->criterion == SELECT_PVALUE) {
		if (!(worst_p > spec->p_remove))
			return 0;
		in[best] = 0;
		if (fit_set(s, in, 0, &aic, NULL, &e) != 0) {
			in[best] = 1;
			return 0;
		}
		*cur_aic = aic;
		add_step(res, best, 0, aic, worst_p);
		return best;
	}
	if (!(best_aic < *cur_aic))
		return 0;
	/* The p-value of the leaving column in the model it leaves. */
	fit_set(s, in, best, &a0, &p, &e);
	in[best] = 0;
	*cur_aic = best_aic;
	add_step(res, best, 0, best_aic, p);
	return best;
}

/* select_run and select_run_rows: X or src (the other NULL). */
static int
run_common(const double *X, const struct logit_rows *src, const double *y,
	size_t n, size_t k, const char *const *names, const int *forced,
	const struct select_spec *spec, const struct logit_spec *lspec,
	struct select_result *res, struct rd_err *err)
{
	struct sel s;
	int *left, rc = -1, steps = 0;
	size_t j;
	double aic;

	memset(res, 0, sizeof *res);
	if (spec->method == SELECT_NONE)
		return rd_err_set(err, RD_EUSAGE, "no selection method");
	memset(&s, 0, sizeof s);
	s.X = X;
	s.src = src;
	s.y = y;
	s.n = n;
	s.k = k;
	s.names = names;
	s.lspec = lspec;
	if (X != NULL)
		s.Xs = xmalloc((n > 0 ? n : 1) * (k + 1) * sizeof *s.Xs);
	else
		s.full = xmalloc(SUB_BLOCK * (k + 1) * sizeof *s.full);
	s.sn = xcalloc(k + 1, sizeof *s.sn);
	s.cols = xcalloc(k + 1, sizeof *s.cols);
	res->in = xcalloc(k + 1, sizeof *res->in);
	res->separated = xcalloc(k + 1, sizeof *res->separated);
	res->collinear = xcalloc(k + 1, sizeof *res->collinear);
	left = xcalloc(k + 1, sizeof *left);
	res->in[0] = 1;
	for (j = 1; j <= k; j++)
		res->in[j] = spec->method == SELECT_BACKWARD ||
		    (forced != NULL && forced[j]);
	/* A starting model whose information matrix is singular loses the
	   column the fit names as aliased (not a forced one), as the fit
	   without selection does, until it can be fitted. */
	while (fit_set(&s, res->in, 0, &aic, NULL, err) != 0) {
		if (s.failure != LOGIT_FAIL_SINGULAR || s.fail_col == 0 ||
		    (forced != NULL && forced[s.fail_col]))
			goto out;
		res->in[s.fail_col] = 0;
		res->collinear[s.fail_col] = 1;
		left[s.fail_col] = 1;
		rd_err_clear(err);
	}
	switch (spec->method) {
	case SELECT_FORWARD:
		while (steps++ < spec->max_steps &&
		    step_forward(&s, res->in, left, spec, &aic, res) != 0)
			;
		break;
	case SELECT_BACKWARD:
		while (steps++ < spec->max_steps &&
		    step_backward(&s, res->in, forced, 0, spec, &aic,
		    res) != 0)
			;
		break;
	case SELECT_STEPWISE:
		while (steps++ < spec->max_steps) {
			size_t added = step_forward(&s, res->in, left, spec,
			    &aic, res), gone;

			if (added == 0)
				break;
			while (steps++ < spec->max_steps &&
			    (gone = step_backward(&s, res->in, forced, added,
			    spec, &aic, res)) != 0)
				left[gone] = 1;
		}
		break;
	case SELECT_NONE:
		break;
	}
	res->aic = aic;
	rc = 0;
out:
	if (rc != 0)
		select_result_done(res);
	free(left);
	free(s.Xs);
	free(s.full);
	free(s.sn);
	free(s.cols);
	return rc;
}

int
select_run(const double *X, const double *y, size_t n, size_t k,
	const char *const *names, const int *forced,
	const struct select_spec *spec, const struct logit_spec *lspec,
	struct select_result *res, struct rd_err *err)
{
	return run_common(X, NULL, y, n, k, names, forced, spec, lspec, res,
	    err);
}

int
select_run_rows(const struct logit_rows *src, const double *y, size_t n,
	const char *const *names, const int *forced,
	const struct select_spec *spec, const struct logit_spec *lspec,
	struct select_result *res, struct rd_err *err)
{
	return run_common(NULL, src, y, n, src->p - 1, names, forced, spec,
	    lspec, res, err);
}

/* ------------------------------------------------- correlation, VIF */

/*
 * Row i of src, for a pass over rows 0 .. n - 1 in order: buf[SUB_BLOCK *
 * p] holds the block of rows it is in, read (by src's rows callback when
 * it has one) when i starts a block.
 */
static const double *
corr_row(const struct logit_rows *src, size_t i, size_t n, size_t p,
	double *buf)
{
	size_t r, nb;

	if (i % SUB_BLOCK == 0) {
		nb = n - i < SUB_BLOCK ? n - i : SUB_BLOCK;
		if (src->rows != NULL)
			src->rows(src->ctx, i, nb, buf);
		else
			for (r = 0; r < nb; r++)
				src->row(src->ctx, i + r, buf + r * p);
	}
	return buf + (i % SUB_BLOCK) * p;
}

/* select_corr and select_corr_rows: X or src (the other NULL). */
static void
corr_common(const double *X, const struct logit_rows *src, size_t n,
	size_t p, const size_t *cols, size_t m, const double *given,
	double *corr)
{
	double *mean = xcalloc(m > 0 ? m : 1, sizeof *mean);
	double *ss = xcalloc(m > 0 ? m : 1, sizeof *ss);
	double *buf = src != NULL ? xmalloc(SUB_BLOCK * p * sizeof *buf) :
	    NULL;
	double *d = xmalloc(4 * (m > 0 ? m : 1) * sizeof *d);
	size_t i, a, b, g = 0;

	for (a = 0; a < m * m; a++)
		corr[a] = 0;
	if (given != NULL)
		memcpy(mean, given, m * sizeof *mean);
	else {
		for (i = 0; i < n; i++) {
			const double *x = X != NULL ? X + i * p :
			    corr_row(src, i, n, p, buf);

			for (a = 0; a < m; a++)
				mean[a] += x[cols[a]];
		}
		for (a = 0; a < m; a++)
			mean[a] /= (double)(n > 0 ? n : 1);
	}
	/* Centred cross products, upper triangle, in row order: four rows
	   at a time (logit_cross4, the same sums as a row at a time), the
	   last few one by one. */
	for (i = 0; i < n; i++) {
		const double *x = X != NULL ? X + i * p : corr_row(src, i, n,
		    p, buf);
		double *dr = d + g * m;

		for (a = 0; a < m; a++)
			dr[a] = x[cols[a]] - mean[a];
		if (++g == 4) {
			logit_cross4(corr, m, m, d, d + m, d + 2 * m,
			    d + 3 * m);
			g = 0;
		}
	}
	for (i = 0; i < g; i++) {
		const double *dr = d + i * m;

		for (a = 0; a < m; a++)
			for (b = a; b < m; b++)
				corr[a * m + b] += dr[a] * dr[b];
	}
	for (a = 0; a < m; a++)
		ss[a] = corr[a * m + a];
	for (a = 0; a < m; a++) {
		for (b = a + 1; b < m; b++) {
			double d = sqrt(ss[a] * ss[b]);

			corr[a * m + b] = d > 0 ? corr[a * m + b] / d : 0;
			corr[b * m + a] = corr[a * m + b];
		}
		corr[a * m + a] = 1;
	}
	free(buf);
	free(d);
	free(mean);
	free(ss);
}

void
select_corr(const double *X, size_t n, size_t p, const size_t *cols,
	size_t m, double *corr)
{
	corr_common(X, NULL, n, p, cols, m, NULL, corr);
}

void
select_corr_rows(const struct logit_rows *src, size_t n, const size_t *cols,
	size_t m, double *corr)
{
	corr_common(NULL, src, n, src->p, cols, m, NULL, corr);
}

void
select_corr_rows_mean(const struct logit_rows *src, size_t n,
	const size_t *cols, size_t m, const double *mean, double *corr)
{
	corr_common(NULL, src, n, src->p, cols, m, mean, corr);
}

int
select_vif(const double *corr, size_t m, double *vif)
{
	gsl_matrix *c;
	size_t a;
	int st;

	if (m == 0)
		return 0;
	c = gsl_matrix_alloc(m, m);
	if (c == NULL) {
		/* GSL allocation failure is out of memory: as xmalloc. */
		fprintf(stderr, "riskdesk: out of memory\n");
		if (rd_fatal_hook != NULL)
			rd_fatal_hook();
		exit(4);
	}
	for (a = 0; a < m * m; a++)
		c->data[(a / m) * c->tda + a % m] = corr[a];
	st = gsl_linalg_cholesky_decomp1(c);
	if (st == GSL_SUCCESS)
		st = gsl_linalg_cholesky_invert(c);
	for (a = 0; a < m; a++)
		vif[a] = st == GSL_SUCCESS ? gsl_matrix_get(c, a, a) :
		    INFINITY;
	gsl_matrix_free(c);
	return st == GSL_SUCCESS ? 0 : -1;
}
