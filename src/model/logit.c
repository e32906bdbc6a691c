/*
 * logit.c - logistic regression by IRLS on GSL (see logit.h for the model,
 * the call sequence and the failure rules).
 *
 * The model layer's one iterative fit: the scorecard (card.c) fits its WoE
 * design here, and design.c builds raw-variable designs for it.  The work
 * is split as GSL's iterative solvers are (init / iterate / test / finish)
 * so the TUI can draw progress between steps.  All memory is allocated in
 * logit_work_alloc; a step allocates nothing.
 *
 * One step, with eta = X b the current linear predictor:
 *   mu_i = 1 / (1 + exp(-eta_i)), W_i = w_i mu_i (1 - mu_i),
 *   A = X'WX (+ l2 D), r = X'W z = sum_i x_i (W_i eta_i + w_i (y_i - mu_i)),
 *   b_new = A^-1 r by Cholesky (gsl_linalg_cholesky_decomp1 / solve).
 * Writing X'Wz as W eta + w (y - mu) avoids dividing by a vanishing
 * mu (1 - mu).  A is accumulated row by row, upper triangle only, into a
 * p x p block that stays in cache: n p^2 / 2 multiply-adds, about 1e8 for
 * a million rows and 15 columns; four rows at a time, each element
 * loaded once for the four and given their terms in row order, so the
 * sums are those of one row at a time.  Deviance terms use log1p(exp(.)) so they
 * stay exact when a fitted probability is near 0 or 1.
 *
 * Separation is decided, not guessed: a fit that looks as if it diverges
 * (rows fitted perfectly, log-odds still moving) is handed once to the
 * linear program of separation.c, which either proves a direction of
 * unbounded likelihood (the fit is refused, naming it) or proves the
 * maximum finite (the fit goes on, and the rows fitted at 0 or 1 are
 * listed in the result as R warns about them).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "model/logit.h"
#include "model/separation.h"
#include "util/err.h"
#include "util/progress.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct logit_work {
	size_t n, p;
	/* Borrowed between init and finish.  X is NULL when the rows come
	   from src (logit_fit_rows); then xrow fills xbuf. */
	const double *X, *y, *wt;
	struct logit_rows src;
	double *xbuf;		/* [LOGIT_BLOCK * p] rows of a src design */
	int avx;		/* acc_group may take its AVX copy */
	const char *const *names;
	struct logit_spec spec;

	gsl_matrix *A;		/* p x p: X'WX, unpenalised */
	gsl_matrix *C;		/* p x p: A + l2 D, then its Cholesky factor */
	gsl_vector *rhs;	/* [p] X'Wz */
	gsl_vector *beta;	/* [p] current estimate */
	gsl_vector *beta_old;	/* [p] the estimate before the step */
	double *eta;		/* [n] X beta */
	double *eta_new;	/* [n] the step's new linear predictor */
	double *eta_room;	/* borrowed room of eta and eta_new
				   (logit_spec eta_room), or NULL: owned */
	double *L;		/* [p*p] rank check scratch */
	double *u;		/* [p] rank check scratch */
	int *kept;		/* [p] rank check scratch */
	int *icpt;		/* [p] 1 when column j is all ones */
	double *sd;		/* [p] weighted sd of column j (column_sd) */
	int sd_ok;		/* sd is made */
	double sw;		/* the weights' sum over the rows */
	double *mean;		/* [p] weighted mean of column j */
	int mean_ok;		/* mean is made (column_means) */

	size_t nused;		/* rows with weight > 0 */
	int iter;
	double dev, dev_old;	/* penalised deviance now and a step ago */
	double dev_raw;		/* unpenalised deviance now */
	double max_deta;	/* largest |change of eta_i| in the last step */
	size_t nperfect;	/* rows within sep_eps of their observed y */
	size_t nbad;		/* rows used with y = 1 */
	long fail_col;
	int fail_sign;		/* separation: direction of fail_col */
	int sep_complete;
	size_t sep_split;
	enum logit_failure failure;
	/* The separation check, run at most once per fit. */
	int checked;		/* it ran */
	int finite;		/* it proved the maximum finite */
	/* A and rhs hold the sums at eta already (evaluate made them in
	   its pass at the accepted step): accumulate need not run. */
	int acc_ok;
	/* beta holds a real start (fit_start's): the first step may be
	   halved as every later one. */
	int warm;
	/* The last step was halved (1) or taken whole (0). */
	int halved;
	size_t start_rows;	/* rows of the sample it came from, or 0 */
};

void
logit_spec_init(struct logit_spec *spec)
{
	spec->max_iter = 50;
	spec->tol = 1e-12;
	spec->l2 = 0;
	spec->rank_tol = 1e-7;
	spec->sep_eps = 1e-10;
	spec->sep_step = 0.1;
	spec->warn_eta = 30;
	spec->sep_check_iter = 12;
	spec->sample_start = 1;
	spec->start = NULL;
	spec->cancel = NULL;
	spec->decided = NULL;
	spec->decided_ctx = NULL;
	spec->eta_room = NULL;
}

/* ------------------------------------------------ numerics of one row */

/* ln(1 + e^x) without overflow or loss near 0. */
static double
log1pexp(double x)
{
	return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/* Unit deviance of one row: -2 ln P(observed y). */
static double
row_dev(double y, double eta)
{
	return 2 * (y > 0.5 ? log1pexp(-eta) : log1pexp(eta));
}

/*
 * Both at once, with t = exp(-|eta|) given: the unit deviance, and in
 * *miss the probability of the outcome not observed.  s is the log-odds
 * of that outcome; ln(1 + e^s) = max(s, 0) + ln(1 + e^-|s|), and
 * |s| = |eta|.
 */
static double
row_dev_miss(double y, double eta, double t, double *miss)
{
	double s = y > 0.5 ? -eta : eta;

	*miss = s >= 0 ? 1 / (1 + t) : t / (1 + t);
	return 2 * ((s > 0 ? s : 0) + log1p(t));
}

static double
weight(const struct logit_work *w, size_t i)
{
	return w->wt != NULL ? w->wt[i] : 1.0;
}

/* Row i of the design: in X, or made by src into xbuf (overwritten by
   the next call). */
static const double *
xrow(const struct logit_work *w, size_t i)
{
	if (w->X != NULL)
		return w->X + i * w->p;
	w->src.row(w->src.ctx, i, w->xbuf);
	return w->xbuf;
}

/* Rows a pass over a src design reads at a time. */
#define LOGIT_BLOCK 256

/*
 * Rows i .. i + n - 1 (n <= LOGIT_BLOCK) of the design, row-major: in X,
 * or made by src into xbuf (by its rows callback when it has one, else
 * row by row), overwritten by the next call.  The passes over the rows
 * read them a block at a time and still take the rows in order, so
 * their sums are those of xrow's.
 */
static const double *
xblock(const struct logit_work *w, size_t i, size_t n)
{
	size_t r;

	if (w->X != NULL)
		return w->X + i * w->p;
	if (w->src.rows != NULL) {
		w->src.rows(w->src.ctx, i, n, w->xbuf);
		return w->xbuf;
	}
	for (r = 0; r < n; r++)
		w->src.row(w->src.ctx, i + r, w->xbuf + r * w->p);
	return w->xbuf;
}

/*
 * Row i of a pass taking every row from 0 in order: *xb holds the block
 * of rows from *i0, read anew (xblock) when i starts a block.
 */
static const double *
xnext(const struct logit_work *w, size_t i, const double **xb, size_t *i0)
{
	if (i % LOGIT_BLOCK == 0) {
		*i0 = i;
		*xb = xblock(w, i, w->n - i < LOGIT_BLOCK ? w->n - i :
		    LOGIT_BLOCK);
	}
	return *xb + (i - *i0) * w->p;
}

static const char *
col_name(const struct logit_work *w, size_t j, char *buf, size_t len)
{
	if (w->names != NULL && w->names[j] != NULL)
		return w->names[j];
	snprintf(buf, len, "column %zu", j);
	return buf;
}

/* ----------------------------------------------------------- workspace */

static int acc_avx(void);

/* logit_work_alloc, the two predictors in room[2 n] when not NULL
   (borrowed: logit_work_free leaves it). */
static struct logit_work *
work_alloc(size_t n, size_t p, double *room)
{
	struct logit_work *w = xcalloc(1, sizeof *w);
	size_t q = p > 0 ? p : 1;

	w->n = n;
	w->p = p;
	w->avx = acc_avx();
	w->A = gsl_matrix_alloc(q, q);
	w->C = gsl_matrix_alloc(q, q);
	w->rhs = gsl_vector_alloc(q);
	w->beta = gsl_vector_alloc(q);
	w->beta_old = gsl_vector_alloc(q);
	if (w->A == NULL || w->C == NULL || w->rhs == NULL ||
	    w->beta == NULL || w->beta_old == NULL) {
		/* GSL allocation failure is out of memory: as xmalloc. */
		fprintf(stderr, "riskdesk: out of memory\n");
		if (rd_fatal_hook != NULL)
			rd_fatal_hook();
		exit(4);
	}
	if (room != NULL && n > 0) {
		w->eta = room;
		w->eta_new = room + n;
		w->eta_room = room;
	} else {
		w->eta = xcalloc(n > 0 ? n : 1, sizeof *w->eta);
		w->eta_new = xcalloc(n > 0 ? n : 1, sizeof *w->eta_new);
	}
	w->L = xcalloc(q * q, sizeof *w->L);
	w->u = xcalloc(q, sizeof *w->u);
	w->kept = xcalloc(q, sizeof *w->kept);
	w->icpt = xcalloc(q, sizeof *w->icpt);
	w->sd = xcalloc(q, sizeof *w->sd);
	w->mean = xcalloc(q, sizeof *w->mean);
	w->xbuf = xcalloc(LOGIT_BLOCK * q, sizeof *w->xbuf);
	w->fail_col = -1;
	return w;
}

struct logit_work *
logit_work_alloc(size_t n, size_t p)
{
	return work_alloc(n, p, NULL);
}

void
logit_work_free(struct logit_work *w)
{
	if (w == NULL)
		return;
	gsl_matrix_free(w->A);
	gsl_matrix_free(w->C);
	gsl_vector_free(w->rhs);
	gsl_vector_free(w->beta);
	gsl_vector_free(w->beta_old);
	if (w->eta_room == NULL) {
		free(w->eta);
		free(w->eta_new);
	}
	free(w->L);
	free(w->u);
	free(w->kept);
	free(w->icpt);
	free(w->sd);
	free(w->mean);
	free(w->xbuf);
	free(w);
}

/* ------------------------------------------------------------ failures */

/*
 * Look for an aliased column in A (unpenalised X'WX): scale to unit
 * diagonal and run a Cholesky factorisation that skips a column whose
 * residual 1 - R^2 on the kept columns before it is below rank_tol.  On
 * the first aliased column fill err (naming it and its partners), set
 * fail_col and return -1; return 0 when A has full rank.
 */
static int
check_rank(struct logit_work *w, struct rd_err *err)
{
	size_t p = w->p, j, k, m;
	const double *a = w->A->data;
	size_t tda = w->A->tda;
	double *L = w->L;
	char buf[64], list[RD_ERR_MSG];

	for (j = 0; j < p; j++) {
		double ajj = a[j * tda + j], r, big;
		size_t off, nk;

		w->kept[j] = 0;
		if (!(ajj > 0)) {
			w->fail_col = (long)j;
			w->failure = LOGIT_FAIL_SINGULAR;
			return rd_err_set(err, RD_ENUMERIC, "singular "
			    "information matrix: '%s' is zero on every row",
			    col_name(w, j, buf, sizeof buf));
		}
		/* Row j of the factor over the kept columns. */
		r = 1;
		for (k = 0; k < j; k++) {
			double c, s;

			if (!w->kept[k])
				continue;
			c = a[j * tda + k] / sqrt(ajj * a[k * tda + k]);
			s = c;
			for (m = 0; m < k; m++)
				if (w->kept[m])
					s -= L[j * p + m] * L[k * p + m];
			L[j * p + k] = s / L[k * p + k];
			r -= L[j * p + k] * L[j * p + k];
		}
		if (r >= w->spec.rank_tol) {
			L[j * p + j] = sqrt(r);
			w->kept[j] = 1;
			continue;
		}
		/* Column j ~ sum_k c_k column k: solve L_K' c = L_j. */
		for (k = j; k-- > 0;) {
			double s;

			if (!w->kept[k])
				continue;
			s = L[j * p + k];
			for (m = k + 1; m < j; m++)
				if (w->kept[m])
					s -= L[m * p + k] * w->u[m];
			w->u[k] = s / L[k * p + k];
		}
		big = 0;
		for (k = 0; k < j; k++)
			if (w->kept[k] && fabs(w->u[k]) > big)
				big = fabs(w->u[k]);
		off = 0;
		nk = 0;
		list[0] = '\0';
		for (k = 0; k < j; k++) {
			if (!w->kept[k] ||
			    fabs(w->u[k]) < sqrt(w->spec.rank_tol) * big)
				continue;
			off += snprintf(list + off, off < sizeof list ?
			    sizeof list - off : 0, "%s'%s'", nk > 0 ? ", " :
			    "", col_name(w, k, buf, sizeof buf));
			nk++;
			if (off >= sizeof list)
				break;
		}
		w->fail_col = (long)j;
		w->failure = LOGIT_FAIL_SINGULAR;
		return rd_err_set(err, RD_ENUMERIC, "singular information "
		    "matrix: '%s' is collinear with %s", col_name(w, j, buf,
		    sizeof buf), nk > 0 ? list : "the columns before it");
	}
	return 0;
}

/* What to do about a separating column, for the messages. */
#define SEP_ADVICE "; leave the column out of --vars, merge its levels, or " \
	"add a ridge penalty (--l2 <x>)"

/* The weighted means of the columns into mean, when fit_init left them
   unmade (a design that vouches for its values): a pass over the rows,
   the sums of fit_init's, in its order. */
static void
column_means(struct logit_work *w)
{
	size_t n = w->n, p = w->p, i, j, i0 = 0;
	const double *xb = NULL;

	if (w->mean_ok)
		return;
	for (j = 0; j < p; j++)
		w->mean[j] = 0;
	for (i = 0; i < n; i++) {
		const double *x = xnext(w, i, &xb, &i0);
		double wi = weight(w, i);

		for (j = 0; j < p; j++)
			w->mean[j] += wi * x[j];
	}
	for (j = 0; j < p; j++)
		w->mean[j] = w->mean[j] / w->sw;
	w->mean_ok = 1;
}

/* The weighted standard deviations of the columns into sd (a pass over
   the rows, the first time only; the means fit_init made). */
static void
column_sd(struct logit_work *w)
{
	size_t n = w->n, p = w->p, i, j, i0 = 0;
	const double *xb = NULL;

	if (w->sd_ok)
		return;
	column_means(w);
	for (j = 0; j < p; j++)
		w->sd[j] = 0;
	for (i = 0; i < n; i++) {
		const double *x = xnext(w, i, &xb, &i0);
		double wi = weight(w, i);

		for (j = 0; j < p; j++) {
			double d = x[j] - w->mean[j];

			w->sd[j] += wi * d * d;
		}
	}
	for (j = 0; j < p; j++)
		w->sd[j] = sqrt(w->sd[j] / w->sw);
	w->sd_ok = 1;
}

/*
 * Every row fitted perfectly: the current estimate b itself separates
 * strictly (s_i x_i'b > 23 on every row), which proves complete
 * separation.  Used when the linear program could not decide; names the
 * column with the largest |b_j| sd(x_j), the intercept aside.
 */
static int
fail_separation(struct logit_work *w, struct rd_err *err)
{
	size_t j, best = 0;
	double big = -1;
	char buf[64], n1[FMT_BUF];
	int have = 0;
	const double *b = w->beta->data;
	size_t st = w->beta->stride;

	column_sd(w);
	/* The intercept's size says nothing about separation: skip it
	   unless nothing else is there. */
	for (j = 0; j < w->p; j++) {
		double s = fabs(b[j * st]) * w->sd[j];

		if (w->icpt[j] || !isfinite(s))
			continue;
		if (!have || s > big) {
			best = j;
			big = s;
			have = 1;
		}
	}
	w->fail_col = (long)best;
	w->fail_sign = b[best * st] > 0 ? 1 : -1;
	w->sep_complete = 1;
	w->sep_split = w->nused;
	w->failure = LOGIT_FAIL_SEPARATION;
	return rd_err_set(err, RD_ENUMERIC, "complete separation: "
	    "coefficient of '%s' diverging to %s (y = %d as it grows): all "
	    "%s rows are fitted exactly, so the likelihood has no maximum"
	    SEP_ADVICE, col_name(w, best, buf, sizeof buf),
	    w->fail_sign > 0 ? "+inf" : "-inf", w->fail_sign > 0,
	    fmt_count(n1, (double)w->nused));
}

/* Separation proven by the linear program: the message and the fields. */
static int
fail_separation_lp(struct logit_work *w, const struct separation *sp,
	struct rd_err *err)
{
	size_t c = (size_t)sp->col, j, k, nalso = 0, off = 0;
	double top = fabs(sp->dir_std[c]);
	char buf[64], also[RD_ERR_MSG / 2], n1[FMT_BUF], n2[FMT_BUF];
	size_t pick[3];

	/* Up to three more columns of the direction, largest first. */
	for (k = 0; k < 3; k++) {
		double big = top * 1e-2;
		size_t best = w->p;

		for (j = 0; j < w->p; j++) {
			size_t m;

			if (j == c || w->icpt[j] || !(fabs(sp->dir_std[j]) >
			    big))
				continue;
			for (m = 0; m < nalso && pick[m] != j; m++)
				;
			if (m < nalso)
				continue;
			big = fabs(sp->dir_std[j]);
			best = j;
		}
		if (best == w->p)
			break;
		pick[nalso++] = best;
	}
	also[0] = '\0';
	for (k = 0; k < nalso; k++)
		off += snprintf(also + off, off < sizeof also ? sizeof also -
		    off : 0, "%s'%s' (%s)", k == 0 ? ", together with " :
		    ", ", col_name(w, pick[k], buf, sizeof buf),
		    sp->dir_std[pick[k]] > 0 ? "+" : "-");
	w->fail_col = (long)c;
	w->fail_sign = sp->dir_std[c] > 0 ? 1 : -1;
	w->sep_complete = sp->status == SEPARATION_COMPLETE;
	w->sep_split = sp->nsplit;
	w->failure = LOGIT_FAIL_SEPARATION;
	if (w->sep_complete)
		return rd_err_set(err, RD_ENUMERIC, "complete separation: "
		    "coefficient of '%s' diverging to %s (y = %d as it "
		    "grows)%s: all %s rows are fitted exactly, so the "
		    "likelihood has no maximum" SEP_ADVICE,
		    col_name(w, c, buf, sizeof buf), w->fail_sign > 0 ?
		    "+inf" : "-inf", w->fail_sign > 0, also,
		    fmt_count(n1, (double)sp->nrows));
	return rd_err_set(err, RD_ENUMERIC, "quasi-complete separation: "
	    "coefficient of '%s' diverging to %s (y = %d as it grows)%s: "
	    "%s of %s rows are fitted exactly and the others lie on the "
	    "boundary, so the likelihood has no maximum" SEP_ADVICE,
	    col_name(w, c, buf, sizeof buf), w->fail_sign > 0 ? "+inf" :
	    "-inf", w->fail_sign > 0, also, fmt_count(n1, (double)sp->nsplit),
	    fmt_count(n2, (double)sp->nrows));
}

/*
 * The separation check, at most once per fit (separation.h).  Returns -1
 * with err when it proves separation; else 0, with w->finite set when it
 * proved the maximum finite (an undecided check leaves it 0).
 */
static int
diagnose(struct logit_work *w, struct rd_err *err)
{
	struct separation sp;
	struct separation_spec ss;
	int rc = 0;

	if (w->checked)
		return 0;
	w->checked = 1;
	separation_spec_init(&ss, w->p);
	if (w->X != NULL) {
		separation_check(w->X, w->y, w->wt, w->n, w->p, &ss, &sp);
	} else {
		/* The linear program reads the design whole: made for the
		   check only, which runs at most once and only when the
		   fit is suspect (n x p doubles for its duration). */
		double *X = xmalloc((w->n > 0 ? w->n : 1) * w->p * sizeof *X);
		size_t i;

		for (i = 0; i < w->n; i++)
			w->src.row(w->src.ctx, i, X + i * w->p);
		separation_check(X, w->y, w->wt, w->n, w->p, &ss, &sp);
		free(X);
	}
	if (sp.status == SEPARATION_NONE)
		w->finite = 1;
	else if ((sp.status == SEPARATION_QUASI ||
	    sp.status == SEPARATION_COMPLETE) && sp.col >= 0)
		rc = fail_separation_lp(w, &sp, err);
	separation_done(&sp);
	return rc;
}

/* ---------------------------------------------------------- the steps */

/* Rows accumulate adds to A at once. */
#define ACC_GROUP 4

/*
 * Vectors of doubles (GCC and Clang vector extensions) for acc_group:
 * each lane's additions and products are the scalar ones, in the same
 * order, so A is the same to the bit whatever the width (no contraction
 * into fused multiply-adds under -std=c11, as for the scalar code).  On
 * x86 a copy of the four-row step is compiled for AVX too (four doubles
 * a vector where SSE2 has two) and taken when the processor has it
 * (acc_avx): the same operations on the same lanes, the same bits.
 */
#if defined(__GNUC__)
#define ACC_VEC 1
typedef double acc_v2 __attribute__((vector_size(2 * sizeof(double))));
typedef double acc_v4 __attribute__((vector_size(4 * sizeof(double))));
#if (defined(__x86_64__) || defined(__i386__))
#define ACC_AVX 1
#endif
#endif

/*
 * The four-row step of acc_group: rows x0..x3 with weights W[4] and
 * working responses z[4] into a (p x p, row stride tda, upper triangle)
 * and r (stride rs).  Each element receives the rows' terms one after
 * the other, in row order (a = ((a + t1) + t2) + ...).
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void
acc_four(double *a, size_t tda, double *r, size_t rs, size_t p,
	const double *x0, const double *x1, const double *x2,
	const double *x3, const double *W, const double *z)
{
	size_t j, k;

	for (j = 0; j < p; j++) {
		double *aj = a + j * tda;
		double w0 = W[0] * x0[j], w1 = W[1] * x1[j];
		double w2 = W[2] * x2[j], w3 = W[3] * x3[j];

		k = j;
#ifdef ACC_VEC
		/* Four, then two elements at a time, each lane the same
		   operations in the same order as the scalar loop below. */
		{
			acc_v4 v0 = { w0, w0, w0, w0 }, v1 = { w1, w1, w1, w1 };
			acc_v4 v2 = { w2, w2, w2, w2 }, v3 = { w3, w3, w3, w3 };
			acc_v2 u0 = { w0, w0 }, u1 = { w1, w1 };
			acc_v2 u2 = { w2, w2 }, u3 = { w3, w3 };

			for (; k + 3 < p; k += 4) {
				acc_v4 t, y0, y1, y2, y3;

				memcpy(&t, aj + k, sizeof t);
				memcpy(&y0, x0 + k, sizeof y0);
				memcpy(&y1, x1 + k, sizeof y1);
				memcpy(&y2, x2 + k, sizeof y2);
				memcpy(&y3, x3 + k, sizeof y3);
				t += v0 * y0;
				t += v1 * y1;
				t += v2 * y2;
				t += v3 * y3;
				memcpy(aj + k, &t, sizeof t);
			}
			for (; k + 1 < p; k += 2) {
				acc_v2 t, y0, y1, y2, y3;

				memcpy(&t, aj + k, sizeof t);
				memcpy(&y0, x0 + k, sizeof y0);
				memcpy(&y1, x1 + k, sizeof y1);
				memcpy(&y2, x2 + k, sizeof y2);
				memcpy(&y3, x3 + k, sizeof y3);
				t += u0 * y0;
				t += u1 * y1;
				t += u2 * y2;
				t += u3 * y3;
				memcpy(aj + k, &t, sizeof t);
			}
		}
#endif
		for (; k < p; k++) {
			double t = aj[k];

			t += w0 * x0[k];
			t += w1 * x1[k];
			t += w2 * x2[k];
			t += w3 * x3[k];
			aj[k] = t;
		}
		r[j * rs] += x0[j] * z[0];
		r[j * rs] += x1[j] * z[1];
		r[j * rs] += x2[j] * z[2];
		r[j * rs] += x3[j] * z[3];
	}
}

static void
acc_four_base(double *a, size_t tda, double *r, size_t rs, size_t p,
	const double *x0, const double *x1, const double *x2,
	const double *x3, const double *W, const double *z)
{
	acc_four(a, tda, r, rs, p, x0, x1, x2, x3, W, z);
}

#ifdef ACC_AVX
__attribute__((target("avx")))
static void
acc_four_avx(double *a, size_t tda, double *r, size_t rs, size_t p,
	const double *x0, const double *x1, const double *x2,
	const double *x3, const double *W, const double *z)
{
	acc_four(a, tda, r, rs, p, x0, x1, x2, x3, W, z);
}
#endif

/* logit_simd's switch: 0 keeps every fit to the SSE2 code. */
static int acc_simd = 1;

/* Whether this processor (and its system) runs AVX. */
static int
acc_avx_runs(void)
{
#ifdef ACC_AVX
	return __builtin_cpu_supports("avx") != 0;
#else
	return 0;
#endif
}

/* Whether a fit takes the AVX code: asked once per fit
   (logit_work_alloc). */
static int
acc_avx(void)
{
	return acc_simd && acc_avx_runs();
}

int
logit_simd(int on)
{
	acc_simd = on != 0;
	return acc_avx_runs();
}

void
logit_cross4(double *a, size_t tda, size_t p, const double *x0,
	const double *x1, const double *x2, const double *x3)
{
	static const double one[4] = { 1, 1, 1, 1 }, zero[4] = { 0, 0, 0, 0 };
	double r[LOGIT_CROSS_MAX];

	/* r: the right-hand side acc_four also makes, here thrown away
	   (its z are 0). */
	if (p > LOGIT_CROSS_MAX) {
		size_t j, k;

		for (j = 0; j < p; j++)
			for (k = j; k < p; k++) {
				double t = a[j * tda + k];

				t += x0[j] * x0[k];
				t += x1[j] * x1[k];
				t += x2[j] * x2[k];
				t += x3[j] * x3[k];
				a[j * tda + k] = t;
			}
		return;
	}
	memset(r, 0, p * sizeof *r);
#ifdef ACC_AVX
	if (acc_avx()) {
		acc_four_avx(a, tda, r, 1, p, x0, x1, x2, x3, one, zero);
		return;
	}
#endif
	acc_four_base(a, tda, r, 1, p, x0, x1, x2, x3, one, zero);
}

/*
 * Add rows x[g] (g <= ACC_GROUP, in row order) with weights W[g] and
 * working responses z[g] to A's upper triangle and rhs.  Each element
 * receives the rows' terms one after the other, in row order, exactly
 * as adding one row at a time does (a = ((a + t1) + t2) + ...), but is
 * loaded and stored once per group.
 */
static void
acc_group(struct logit_work *w, const double *const *x, const double *W,
	const double *z, size_t g)
{
	size_t p = w->p, tda = w->A->tda, rs = w->rhs->stride, j, k, q;
	double *a = w->A->data, *r = w->rhs->data;

	if (g == ACC_GROUP) {
#ifdef ACC_AVX
		if (w->avx) {
			acc_four_avx(a, tda, r, rs, p, x[0], x[1], x[2], x[3],
			    W, z);
			return;
		}
#endif
		acc_four_base(a, tda, r, rs, p, x[0], x[1], x[2], x[3], W, z);
		return;
	}
	for (q = 0; q < g; q++)
		for (j = 0; j < p; j++) {
			double xw = W[q] * x[q][j];
			double *aj = a + j * tda;

			for (k = j; k < p; k++)
				aj[k] += xw * x[q][k];
			r[j * rs] += x[q][j] * z[q];
		}
}

/*
 * A pass accumulating A = X'WX and rhs = X'Wz, a row at a time in row
 * order (acc_begin, acc_row for every row, acc_end): accumulate's, or
 * evaluate's at the new eta.
 */
struct acc {
	size_t i0, g;
	const double *xb, *xg[ACC_GROUP];
	double Wg[ACC_GROUP], zg[ACC_GROUP];
};

static void
acc_begin(struct logit_work *w, struct acc *s)
{
	gsl_matrix_set_zero(w->A);
	gsl_vector_set_zero(w->rhs);
	s->i0 = 0;
	s->g = 0;
	s->xb = NULL;
}

/*
 * Row i (every row, from 0 in order), of weight wi, linear predictor e
 * and t = exp(-|e|).  Every block is read, in order, even where rows are
 * skipped (wi <= 0); a group never outlives its block.
 */
static inline void
acc_row(struct logit_work *w, struct acc *s, size_t i, double wi, double e,
	double t)
{
	const double *x;

	if (i % LOGIT_BLOCK == 0 && s->g > 0) {
		acc_group(w, s->xg, s->Wg, s->zg, s->g);
		s->g = 0;
	}
	x = xnext(w, i, &s->xb, &s->i0);
	if (wi <= 0)
		return;
	/* One exp for both mu and mu (1 - mu). */
	{
		double u = 1 / (1 + t), mu = e >= 0 ? u : t * u;
		double W = wi * t * u * u;

		s->xg[s->g] = x;
		s->Wg[s->g] = W;
		s->zg[s->g] = W * e + wi * (w->y[i] - mu);
	}
	if (++s->g == ACC_GROUP) {
		acc_group(w, s->xg, s->Wg, s->zg, s->g);
		s->g = 0;
	}
}

static void
acc_end(struct logit_work *w, struct acc *s)
{
	size_t p = w->p, tda = w->A->tda, j, k;
	double *a = w->A->data;

	if (s->g > 0)
		acc_group(w, s->xg, s->Wg, s->zg, s->g);
	for (j = 0; j < p; j++)
		for (k = 0; k < j; k++)
			a[j * tda + k] = a[k * tda + j];
}

/* Accumulate A = X'WX and rhs = X'Wz at the current eta. */
static void
accumulate(struct logit_work *w)
{
	size_t n = w->n, i;
	struct acc s;

	acc_begin(w, &s);
	for (i = 0; i < n; i++) {
		double wi = weight(w, i), e = w->eta[i];

		acc_row(w, &s, i, wi, e, wi > 0 ? exp(-fabs(e)) : 0);
	}
	acc_end(w, &s);
}

/* Penalised A into C, ready to factorise. */
static void
penalise(struct logit_work *w)
{
	size_t j;

	gsl_matrix_memcpy(w->C, w->A);
	if (w->spec.l2 > 0)
		for (j = 0; j < w->p; j++)
			if (!w->icpt[j])
				*gsl_matrix_ptr(w->C, j, j) += w->spec.l2;
}

static double
penalty(const struct logit_work *w)
{
	double s = 0;
	size_t j;

	if (!(w->spec.l2 > 0))
		return 0;
	for (j = 0; j < w->p; j++)
		if (!w->icpt[j])
			s += gsl_vector_get(w->beta, j) *
			    gsl_vector_get(w->beta, j);
	return w->spec.l2 * s;
}

/* logit_fit_init and logit_fit_init_rows: X or src (the other NULL). */
static int
fit_init(struct logit_work *w, const double *X, const struct logit_rows *src,
	const double *y, const double *wt, const char *const *names,
	const struct logit_spec *spec, struct rd_err *err)
{
	size_t n = w->n, p = w->p, i, j, i0 = 0;
	double sw = 0;
	const double *xb = NULL;
	char n1[FMT_BUF], n2[FMT_BUF];
	int vouched;

	w->X = X;
	if (src != NULL)
		w->src = *src;
	w->y = y;
	w->wt = wt;
	w->names = names;
	w->spec = *spec;
	w->iter = 0;
	w->fail_col = -1;
	w->failure = LOGIT_FAIL_INPUT;	/* until the checks pass */
	w->nused = 0;
	w->nbad = 0;
	w->max_deta = 0;
	w->nperfect = 0;
	w->fail_sign = 0;
	w->sep_complete = 0;
	w->sep_split = 0;
	w->checked = 0;
	w->finite = 0;
	w->acc_ok = 0;
	w->halved = 0;
	if (n == 0 || p == 0)
		return rd_err_set(err, RD_EINPUT, "nothing to fit: %zu rows, "
		    "%zu columns", n, p);
	/* Columns of ones (not penalised, not named for separation) and
	   the weighted means, in a row-wise pass (X is row-major; u holds
	   the sums) that also checks the input; the standard deviations
	   (to compare coefficients) only when a failure needs them
	   (column_sd). */
	for (j = 0; j < p; j++) {
		w->icpt[j] = 1;
		w->u[j] = 0;
		w->sd[j] = 0;
	}
	vouched = src != NULL && src->vouch != NULL &&
	    src->vouch(src->ctx, w->icpt) == 0;
	if (!vouched)
		for (j = 0; j < p; j++)
			w->icpt[j] = 1;
	for (i = 0; i < n; i++) {
		double wi = weight(w, i);

		if (!(y[i] == 0 || y[i] == 1))
			return rd_err_set(err, RD_EINPUT, "outcome of row %zu "
			    "is %g, not 0 or 1", i, y[i]);
		if (!(wi >= 0) || !isfinite(wi))
			return rd_err_set(err, RD_EINPUT, "weight of row %zu "
			    "is %g, not a finite number >= 0", i, wi);
		if (!vouched) {
			const double *x = xnext(w, i, &xb, &i0);

			for (j = 0; j < p; j++) {
				if (!isfinite(x[j]))
					return rd_err_set(err, RD_EINPUT,
					    "x[%zu][%zu] is not a finite "
					    "number", i, j);
				if (x[j] != 1)
					w->icpt[j] = 0;
				w->u[j] += wi * x[j];
			}
		}
		if (wi > 0) {
			w->nused++;
			w->nbad += y[i] == 1;
			sw += wi;
		}
	}
	if (p > w->nused)
		return rd_err_set(err, RD_EINPUT, "too few rows with a known "
		    "outcome to fit %s parameters: %s row%s%s; fit fewer "
		    "variables or on more rows", fmt_count(n1, (double)p),
		    fmt_count(n2, (double)w->nused), w->nused == 1 ? "" : "s",
		    wt != NULL ? " of positive weight" : "");
	if (w->nbad == 0 || w->nbad == w->nused)
		return rd_err_set(err, RD_EINPUT, "%s of the %s rows used is "
		    "%s: with one outcome only the log-odds are infinite and "
		    "there is nothing to fit", w->nbad == 0 ? "none" : "every "
		    "one", fmt_count(n1, (double)w->nused), w->nbad == 0 ?
		    "bad (y = 1)" : "bad (y = 1), none good");
	/* (u holds the sums; it is rank check scratch from here on.) */
	for (j = 0; j < p; j++)
		w->mean[j] = w->u[j] / sw;
	w->mean_ok = !vouched;
	w->sw = sw;
	w->sd_ok = 0;	/* a pass of its own when a failure needs it */
	/* R's start: mustart = (w y + 1/2) / (w + 1), beta "0". */
	gsl_vector_set_zero(w->beta);
	w->dev = 0;
	if (wt == NULL) {
		/* Unweighted, a row's start and deviance depend on its y
		   (0 or 1) alone: each worked out once, the same bits. */
		double eta_y[2], dev_y[2];

		for (j = 0; j < 2; j++) {
			double mu = (1.0 * (double)j + 0.5) / (1.0 + 1);

			eta_y[j] = log(mu / (1 - mu));
			dev_y[j] = 1.0 * row_dev((double)j, eta_y[j]);
		}
		for (i = 0; i < n; i++) {
			w->eta[i] = eta_y[y[i] == 1];
			w->dev += dev_y[y[i] == 1];
		}
	} else
		for (i = 0; i < n; i++) {
			double wi = wt[i];
			double mu = (wi * y[i] + 0.5) / (wi + 1);

			w->eta[i] = log(mu / (1 - mu));
			if (wi > 0)
				w->dev += wi * row_dev(y[i], w->eta[i]);
		}
	w->dev_raw = w->dev;
	w->dev_old = w->dev;
	w->failure = LOGIT_FAIL_NONE;
	return 0;
}

int
logit_fit_init(struct logit_work *w, const double *X, const double *y,
	const double *wt, const char *const *names,
	const struct logit_spec *spec, struct rd_err *err)
{
	return fit_init(w, X, NULL, y, wt, names, spec, err);
}

int
logit_fit_init_rows(struct logit_work *w, const struct logit_rows *src,
	const double *y, const double *wt, const char *const *names,
	const struct logit_spec *spec, struct rd_err *err)
{
	return fit_init(w, NULL, src, y, wt, names, spec, err);
}

/*
 * eta_new = X beta and, over the rows used, the deviance there; *perfect
 * counts the rows fitted within sep_eps of their y, *dmax is the largest
 * |eta_new - eta| (NaN wins).  In the same pass, with the same exp a
 * row, A and rhs as accumulate makes them at eta_new (the same sums in
 * the same order): the next step's, or the covariance's at the
 * estimate, when this step is taken.
 */
static double
evaluate(struct logit_work *w, size_t *perfect, double *dmax)
{
	size_t n = w->n, i;
	double dev = 0, miss, d;
	struct acc s;

	if (w->X != NULL) {
		gsl_matrix_const_view Xv = gsl_matrix_const_view_array(w->X,
		    n, w->p);
		gsl_vector_view en = gsl_vector_view_array(w->eta_new, n);

		gsl_blas_dgemv(CblasNoTrans, 1.0, &Xv.matrix, w->beta, 0.0,
		    &en.vector);
	} else if (w->src.predict != NULL) {
		const double *b = w->beta->data;
		size_t bs = w->beta->stride, j;

		/* xbuf (LOGIT_BLOCK * p doubles) holds beta contiguous. */
		for (j = 0; j < w->p; j++)
			w->xbuf[j] = b[j * bs];
		w->src.predict(w->src.ctx, w->xbuf, n, w->eta_new);
	} else {
		const double *b = w->beta->data, *xb = NULL;
		size_t bs = w->beta->stride, j, i0 = 0;

		for (i = 0; i < n; i++) {
			const double *x = xnext(w, i, &xb, &i0);
			double e = 0;

			for (j = 0; j < w->p; j++)
				e += x[j] * b[j * bs];
			w->eta_new[i] = e;
		}
	}
	*perfect = 0;
	*dmax = 0;
	acc_begin(w, &s);
	for (i = 0; i < n; i++) {
		double wi = weight(w, i), e = w->eta_new[i], t;

		if (wi <= 0) {
			acc_row(w, &s, i, wi, e, 0);
			continue;
		}
		t = exp(-fabs(e));
		dev += wi * row_dev_miss(w->y[i], e, t, &miss);
		if (miss < w->spec.sep_eps)
			(*perfect)++;
		d = fabs(e - w->eta[i]);
		if (d > *dmax || isnan(d))
			*dmax = d;
		acc_row(w, &s, i, wi, e, t);
	}
	acc_end(w, &s);
	return dev;
}

/* The deviance rule of R's glm.control on the last step. */
static int
deviance_settled(const struct logit_work *w)
{
	return w->iter > 0 &&
	    fabs(w->dev - w->dev_old) / (fabs(w->dev) + 0.1) < w->spec.tol;
}

/* A rise of the deviance below this share of it is rounding, not a step
   to halve. */
#define HALVE_SLACK 1e-9

int
logit_fit_iterate(struct logit_work *w, struct rd_err *err)
{
	size_t perfect;
	double dev, dmax, *t;
	int st, h, pen = w->spec.l2 > 0;
	char buf[64];

	if (!w->acc_ok)
		accumulate(w);
	w->acc_ok = 0;	/* evaluate remakes A */
	if (w->iter == 0 && !pen && check_rank(w, err) < 0)
		return -1;
	penalise(w);
	st = gsl_linalg_cholesky_decomp1(w->C);
	if (st != GSL_SUCCESS) {
		/* Later on, a failure means the weights of many rows
		   vanished, not that columns are aliased: ask whether the
		   coefficients diverge. */
		if (w->iter == 0 && check_rank(w, err) < 0)
			return -1;
		if (w->iter > 0 && !pen && diagnose(w, err) < 0)
			return -1;
		w->failure = LOGIT_FAIL_SINGULAR;
		return rd_err_set(err, RD_ENUMERIC, "singular information "
		    "matrix at step %d: %s%s", w->iter + 1, gsl_strerror(st),
		    w->finite ? " (the weights of too many rows vanished, "
		    "though the maximum likelihood is finite)" : "");
	}
	gsl_vector_memcpy(w->beta_old, w->beta);
	st = gsl_linalg_cholesky_solve(w->C, w->rhs, w->beta);
	if (st != GSL_SUCCESS) {
		w->failure = LOGIT_FAIL_SINGULAR;
		return rd_err_set(err, RD_ENUMERIC, "solving step %d failed: "
		    "%s", w->iter + 1, gsl_strerror(st));
	}
	dev = evaluate(w, &perfect, &dmax);
	/* Step halving (not at the first step: R's start is no beta). */
	for (h = 0; (w->iter > 0 || w->warm) && h < LOGIT_MAX_HALVINGS;
	    h++) {
		double now = dev + penalty(w);

		if (isfinite(now) && isfinite(dmax) &&
		    now <= w->dev + HALVE_SLACK * (fabs(w->dev) + 0.1))
			break;
		gsl_vector_add(w->beta, w->beta_old);
		gsl_vector_scale(w->beta, 0.5);
		dev = evaluate(w, &perfect, &dmax);
	}
	t = w->eta;
	w->eta = w->eta_new;
	w->eta_new = t;
	w->acc_ok = 1;	/* evaluate's A, at eta now */
	w->halved = h > 0;
	w->iter++;
	w->nperfect = perfect;
	w->max_deta = dmax;
	w->dev_old = w->dev;
	w->dev_raw = dev;
	w->dev = dev + penalty(w);
	if (!isfinite(w->dev) || !isfinite(dmax)) {
		if (!pen && diagnose(w, err) < 0)
			return -1;
		w->fail_col = -1;
		w->failure = LOGIT_FAIL_CONVERGENCE;
		return rd_err_set(err, RD_ENUMERIC, "non-finite deviance at "
		    "step %d (largest coefficient on '%s')", w->iter,
		    col_name(w, (size_t)gsl_blas_idamax(w->beta), buf,
		    sizeof buf));
	}
	if (pen)
		return 0;
	/* Every row fitted perfectly: deviance -> 0, complete separation.
	   Stop now rather than let the coefficients run to overflow; the
	   estimate itself is the proof when the program cannot decide. */
	if (perfect == w->nused) {
		if (diagnose(w, err) < 0)
			return -1;
		if (!w->finite)
			return fail_separation(w, err);
	}
	/* The deviance has settled, but rows are fitted perfectly or the
	   log-odds still move: diverging, or a finite maximum some rows
	   sit far out at?  The linear program decides. */
	if ((deviance_settled(w) && (perfect > 0 ||
	    dmax > w->spec.sep_step)) || (w->iter >= w->spec.sep_check_iter &&
	    perfect > 0 && dmax > w->spec.sep_step)) {
		if (diagnose(w, err) < 0)
			return -1;
	}
	return 0;
}

enum logit_state
logit_fit_test(const struct logit_work *w)
{
	if (deviance_settled(w)) {
		/* A finite maximum not reached yet: the log-odds still
		   move.  Go on while steps are left. */
		if (w->finite && w->max_deta > w->spec.sep_step)
			return w->iter >= w->spec.max_iter ? LOGIT_MAXITER :
			    LOGIT_CONTINUE;
		return LOGIT_CONVERGED;
	}
	if (w->iter >= w->spec.max_iter)
		return LOGIT_MAXITER;
	return LOGIT_CONTINUE;
}

int
logit_fit_iteration(const struct logit_work *w)
{
	return w->iter;
}

double
logit_fit_deviance(const struct logit_work *w)
{
	return w->dev;
}

/*
 * The rows of a finished fit with |eta| > warn_eta (R's "fitted
 * probabilities numerically 0 or 1"), the first LOGIT_LIST_MAX of them
 * listed with the column that puts each furthest from the mean row.
 */
static void
list_extreme(struct logit_work *w, struct logit_result *res)
{
	size_t n = w->n, p = w->p, i, j, *count = NULL, best;

	for (i = 0; i < n; i++) {
		const double *x;
		double e = w->eta[i], big = -1;
		size_t k;

		if (weight(w, i) <= 0 || !(fabs(e) > w->spec.warn_eta))
			continue;
		if (count == NULL)
			column_means(w);
		x = xrow(w, i);
		if (count == NULL) {
			count = xcalloc(p, sizeof *count);
			res->extreme = xmalloc(LOGIT_LIST_MAX *
			    sizeof *res->extreme);
			res->extreme_p = xmalloc(LOGIT_LIST_MAX *
			    sizeof *res->extreme_p);
			res->extreme_col = xmalloc(LOGIT_LIST_MAX *
			    sizeof *res->extreme_col);
		}
		best = p;
		for (j = 0; j < p; j++) {
			double c = fabs(gsl_vector_get(w->beta, j) *
			    (x[j] - w->mean[j]));

			if (!w->icpt[j] && c > big) {
				big = c;
				best = j;
			}
		}
		res->nextreme++;
		res->nextreme1 += e > 0;
		if (best < p)
			count[best]++;
		if (res->nlisted < LOGIT_LIST_MAX) {
			k = res->nlisted++;
			res->extreme[k] = i;
			res->extreme_p[k] = e > 0 ? 1 / (1 + exp(-e)) :
			    exp(e) / (1 + exp(e));
			res->extreme_col[k] = best < p ? (long)best : -1;
		}
	}
	if (count == NULL)
		return;
	best = p;
	for (j = 0; j < p; j++)
		if (count[j] > 0 && (best == p || count[j] > count[best]))
			best = j;
	res->extreme_main = best < p ? (long)best : -1;
	free(count);
}

int
logit_fit_finish(struct logit_work *w, struct logit_result *res,
	struct rd_err *err)
{
	size_t n = w->n, p = w->p, i, j;
	double sw = 0, swy = 0, nd = 0;
	int has_icpt = 0, st, pen = w->spec.l2 > 0;

	memset(res, 0, sizeof *res);
	res->fail_col = -1;
	res->extreme_main = -1;
	if (logit_fit_test(w) != LOGIT_CONVERGED) {
		if (!pen && (w->nperfect > 0 || w->max_deta >
		    w->spec.sep_step) && diagnose(w, err) < 0)
			goto failed;
		res->fail_col = w->fail_col = -1;
		res->failure = w->failure = LOGIT_FAIL_CONVERGENCE;
		return rd_err_set(err, RD_ENUMERIC, "no convergence after %d "
		    "iteration%s (deviance %.10g, last change %.3g%s)", w->iter,
		    w->iter == 1 ? "" : "s", w->dev, fabs(w->dev - w->dev_old),
		    w->finite ? "; no separation: the maximum likelihood is "
		    "finite" : "");
	}
	/* Settled deviance with log-odds still moving, and no proof
	   either way (the check could not decide). */
	if (!pen && w->max_deta > w->spec.sep_step && !w->finite) {
		if (diagnose(w, err) < 0)
			goto failed;
		if (!w->finite) {
			res->failure = w->failure = LOGIT_FAIL_CONVERGENCE;
			return rd_err_set(err, RD_ENUMERIC, "no convergence: "
			    "the log-odds still move by %.3g per step when the "
			    "deviance has settled, and the separation check "
			    "could not decide", w->max_deta);
		}
	}

	/* Standard errors from the information at the final estimate
	   (evaluate's at the last step, the same sums). */
	if (!w->acc_ok)
		accumulate(w);
	penalise(w);
	st = gsl_linalg_cholesky_decomp1(w->C);
	if (st == GSL_SUCCESS)
		st = gsl_linalg_cholesky_invert(w->C);
	if (st != GSL_SUCCESS) {
		/* Aliasing was ruled out before the first step unless a
		   penalty hid it. */
		if (pen && check_rank(w, err) < 0) {
			res->fail_col = w->fail_col;
			res->failure = LOGIT_FAIL_SINGULAR;
			return -1;
		}
		res->failure = LOGIT_FAIL_SINGULAR;
		return rd_err_set(err, RD_ENUMERIC, "singular information "
		    "matrix at the estimate: %s%s", gsl_strerror(st), pen ?
		    "" : " (the weights of too many rows vanished)");
	}
	res->n = w->nused;
	res->p = p;
	res->beta = xmalloc(p * sizeof *res->beta);
	res->se = xmalloc(p * sizeof *res->se);
	res->z = xmalloc(p * sizeof *res->z);
	res->pval = xmalloc(p * sizeof *res->pval);
	for (j = 0; j < p; j++) {
		res->beta[j] = gsl_vector_get(w->beta, j);
		res->se[j] = sqrt(gsl_matrix_get(w->C, j, j));
		res->z[j] = res->beta[j] / res->se[j];
		/* 2 Phi(-|z|) straight from the lower tail: no 1 - x loss. */
		res->pval[j] = 2 * gsl_cdf_ugaussian_P(-fabs(res->z[j]));
		if (w->icpt[j])
			has_icpt = 1;
	}
	res->n_bad = 0;
	for (i = 0; i < n; i++) {
		double wi = weight(w, i);

		if (wi <= 0)
			continue;
		sw += wi;
		swy += wi * w->y[i];
		if (w->y[i] == 1)
			res->n_bad++;
	}
	/* Null model: intercept only (mean of y), or eta = 0 without one. */
	if (has_icpt) {
		double m = swy / sw;

		if (m > 0 && m < 1)
			nd = -2 * (swy * log(m) + (sw - swy) * log1p(-m));
	} else {
		nd = 2 * sw * log(2.0);
	}
	res->deviance = w->dev_raw;
	res->loglik = -w->dev_raw / 2;
	res->null_deviance = nd;
	res->aic = w->dev_raw + 2.0 * (double)p;
	res->bic = w->dev_raw + (double)p * log((double)w->nused);
	res->iterations = w->iter;
	res->start_rows = w->start_rows;
	res->converged = 1;
	res->finite_proven = w->finite;
	list_extreme(w, res);
	return 0;

failed:
	res->fail_col = w->fail_col;
	res->fail_sign = w->fail_sign;
	res->sep_complete = w->sep_complete;
	res->sep_split = w->sep_split;
	res->failure = w->failure;
	return -1;
}

/* --------------------------------------------------------- all in one */

/*
 * The start of a fit on many rows.  From R's start IRLS takes some seven
 * passes over the rows; from the estimate of a fit on a systematic sample
 * of them (every s-th row: its error is some sqrt(s) standard errors)
 * Newton's quadratic convergence takes two or three.  The estimate is
 * the maximum of the likelihood of all the rows either way (the
 * convergence rule is the same, on the deviance of all the rows, at
 * tol 1e-12: what is left of the start is below the last bits); only
 * the count of steps differs, and the fit says so (start_rows).
 */
/* LOGIT_START_MIN_ROWS (logit.h): from here on */
#define LOGIT_START_STRIDE 16		/* every 16th row ... */
#define LOGIT_START_MAX_ROWS 250000	/* ... or fewer, at most so many */

/*
 * Move w (initialised, at R's start) to the estimate b[p] (stride bs):
 * beta, eta, the deviance, and A and rhs at it, the first step then
 * halved as any later one.  Returns 1, or 0 with w at R's start when the
 * deviance there is not finite.
 */
static int
start_at(struct logit_work *w, const double *b, size_t bs)
{
	size_t perfect, j;
	double dev, dmax, *t;

	for (j = 0; j < w->p; j++)
		gsl_vector_set(w->beta, j, b[j * bs]);
	dev = evaluate(w, &perfect, &dmax);
	if (!isfinite(dev)) {
		/* evaluate's A is not at eta: accumulate remakes it. */
		gsl_vector_set_zero(w->beta);
		w->acc_ok = 0;
		return 0;
	}
	t = w->eta;
	w->eta = w->eta_new;
	w->eta_new = t;
	w->acc_ok = 1;	/* evaluate's A, at eta now */
	w->warm = 1;
	w->dev_raw = dev;
	w->dev = dev + penalty(w);
	w->dev_old = w->dev;
	return 1;
}

/*
 * Fit the sample of w's rows (w initialised, R's start) and, when its
 * fit converges cleanly (no row fitted at 0 or 1, no separation check,
 * the log-odds settled), move w to its estimate: beta, eta, the
 * deviance and A and rhs at it.  Anything else leaves w at R's start,
 * as a fit on fewer rows does.  Memory: the sample's rows, at most
 * LOGIT_START_MAX_ROWS x p doubles, freed before the return.
 */
static void
fit_start(struct logit_work *w)
{
	size_t n = w->n, p = w->p, s = LOGIT_START_STRIDE, m, k;
	double *X, *y, *wt = NULL;
	struct logit_work *sw;
	struct logit_spec sp = w->spec;
	struct rd_err e;
	int rc, ok = 0;

	sp.start = NULL;
	sp.eta_room = NULL;	/* w's own predictors are in it */
	if (n < LOGIT_START_MIN_ROWS || !w->spec.sample_start)
		return;
	if (n / s > LOGIT_START_MAX_ROWS)
		s = (n + LOGIT_START_MAX_ROWS - 1) / LOGIT_START_MAX_ROWS;
	m = (n + s - 1) / s;
	X = xmalloc(m * p * sizeof *X);
	y = xmalloc(m * sizeof *y);
	if (w->wt != NULL)
		wt = xmalloc(m * sizeof *wt);
	for (k = 0; k < m; k++) {
		memcpy(X + k * p, xblock(w, k * s, 1), p * sizeof *X);
		y[k] = w->y[k * s];
		if (wt != NULL)
			wt[k] = w->wt[k * s];
	}
	sw = logit_work_alloc(m, p);
	rd_err_clear(&e);
	if (fit_init(sw, X, NULL, y, wt, w->names, &sp, &e) == 0) {
		while ((rc = logit_fit_iterate(sw, &e)) == 0 &&
		    logit_fit_test(sw) == LOGIT_CONTINUE)
			if (sp.cancel != NULL && *sp.cancel)
				break;
		ok = rc == 0 && logit_fit_test(sw) == LOGIT_CONVERGED &&
		    !sw->checked && sw->nperfect == 0 &&
		    sw->max_deta <= sp.sep_step;
	}
	if (ok && start_at(w, sw->beta->data, sw->beta->stride))
		w->start_rows = m;
	logit_work_free(sw);
	free(X);
	free(y);
	free(wt);
}

/* A step that moved some log-odds by more than sep_step (but at most
   DECIDE_DETA) is still in Newton's quadratic region when the next step
   is at most DECIDE_CONTRACTION of it, both measured in the information
   metric at the estimate (|s|_A = sqrt(s' A s), which no scaling of the
   columns changes). */
#define DECIDE_DETA 1.0
#define DECIDE_CONTRACTION 0.1

/*
 * The steps in the metric of A, whose Cholesky factor L (A = L L') C
 * holds, |s|_A = |L' s|: *n1 of the step just taken (beta_old to beta),
 * *n2 of the next (beta to b, b = beta + A^-1 rhs).
 */
static void
step_norms(const struct logit_work *w, const double *b, double *n1,
	double *n2)
{
	size_t p = w->p, j;
	gsl_vector *s1 = gsl_vector_alloc(p), *s2 = gsl_vector_alloc(p);

	if (s1 == NULL || s2 == NULL)
		xmalloc_failed(2 * p * sizeof(double));
	for (j = 0; j < p; j++) {
		gsl_vector_set(s1, j, gsl_vector_get(w->beta, j) -
		    gsl_vector_get(w->beta_old, j));
		gsl_vector_set(s2, j, b[j] - gsl_vector_get(w->beta, j));
	}
	gsl_blas_dtrmv(CblasLower, CblasTrans, CblasNonUnit, w->C, s1);
	gsl_blas_dtrmv(CblasLower, CblasTrans, CblasNonUnit, w->C, s2);
	*n1 = gsl_blas_dnrm2(s1);
	*n2 = gsl_blas_dnrm2(s2);
	gsl_vector_free(s1);
	gsl_vector_free(s2);
}

/*
 * e[p] for ask_decided when the steps contract, q = n2 / n1 <= DECIDE_
 * CONTRACTION (step_norms): each e[j] at most DECIDE_MARGIN q^2 n2
 * sqrt((A^-1)_jj).  Newton's steps near the maximum shrink
 * quadratically, n_{k+1} <= K n_k^2 (Nocedal and Wright, Numerical
 * Optimization, 2nd ed., theorem 3.5); the steps seen give K ~ n2 /
 * n1^2.  Taking K ten times that, the step after b is at most 10 q^2
 * n2 <= n2 / 10 and the steps after b sum to at most twice it:
 * |b - beta*|_A <= 20 q^2 n2.  A coefficient's share of a vector d is
 * at most sqrt((A^-1)_jj) |d|_A (Cauchy-Schwarz: d_j = (A^-1/2 u_j)'
 * (A^1/2 d)), sqrt((A^-1)_jj) being its standard error at beta.  Below
 * the rounding of b (the rows' sums) no bound goes: at least n eps
 * (|b_j| + sqrt((A^-1)_jj)).  e[j] is lowered to that bound where it is
 * smaller.  C holds A's Cholesky factor.
 */
#define DECIDE_MARGIN 20.0

static void
contracted_bounds(const struct logit_work *w, const double *b, double q,
	double n2, double *e)
{
	size_t p = w->p, j;
	gsl_matrix *inv = gsl_matrix_alloc(p, p);

	if (inv == NULL)
		xmalloc_failed(p * p * sizeof(double));
	gsl_matrix_memcpy(inv, w->C);
	if (gsl_linalg_cholesky_invert(inv) == GSL_SUCCESS)
		for (j = 0; j < p; j++) {
			double v = gsl_matrix_get(inv, j, j);
			double ej = DECIDE_MARGIN * q * q * n2 * sqrt(v);
			/* The rounding of b itself: sums over n rows err
			   by up to n eps of their size (Higham, Accuracy
			   and Stability of Numerical Algorithms, 2nd ed.,
			   2002, section 4.2). */
			double fl = (double)w->nused * DBL_EPSILON *
			    (fabs(b[j]) + sqrt(v));

			if (ej < fl)
				ej = fl;
			if (v >= 0 && ej < e[j])
				e[j] = ej;
		}
	gsl_matrix_free(inv);
}

/*
 * spec->decided, after a step: the next Newton estimate b = A^-1 rhs (A
 * and rhs are evaluate's, at the current estimate) with e = 2 |b - beta|,
 * given to the caller when the fit is where Newton's steps converge
 * quadratically: a whole step, the deviance fallen by less than a
 * thousandth, no row fitted at 0 or 1, no separation check, and no
 * log-odds moved by more than sep_step -- or by more (at most
 * DECIDE_DETA) with the step to b at most a tenth of the step taken in
 * the metric of A.  When the steps contract so, e is also bounded by
 * contracted_bounds.  Returns 1 with *res filled as logit.h says when
 * the caller decided, else 0 (w as it was but for C, which the next
 * step makes again).
 */
static int
ask_decided(struct logit_work *w, struct logit_result *res)
{
	size_t p = w->p, j;
	double *b, *e, n1, n2, q;
	int yes;

	if (w->spec.decided == NULL || w->spec.l2 > 0 || w->iter < 1 ||
	    w->halved || !w->acc_ok || w->checked || w->nperfect > 0 ||
	    !(w->max_deta <= DECIDE_DETA) || !(w->dev <= w->dev_old) ||
	    !(fabs(w->dev - w->dev_old) / (fabs(w->dev) + 0.1) < 1e-3))
		return 0;
	penalise(w);
	if (gsl_linalg_cholesky_decomp1(w->C) != GSL_SUCCESS)
		return 0;
	b = xmalloc(p * sizeof *b);
	e = xmalloc(p * sizeof *e);
	{
		gsl_vector_view bv = gsl_vector_view_array(b, p);

		if (gsl_linalg_cholesky_solve(w->C, w->rhs, &bv.vector) !=
		    GSL_SUCCESS) {
			free(b);
			free(e);
			return 0;
		}
	}
	step_norms(w, b, &n1, &n2);
	q = n1 > 0 && isfinite(n1) && isfinite(n2) ? n2 / n1 : INFINITY;
	if (!(w->max_deta <= w->spec.sep_step) &&
	    !(q <= DECIDE_CONTRACTION)) {
		free(b);
		free(e);
		return 0;
	}
	for (j = 0; j < p; j++) {
		e[j] = 2 * fabs(b[j] - gsl_vector_get(w->beta, j));
		if (!isfinite(b[j]) || !isfinite(e[j])) {
			free(b);
			free(e);
			return 0;
		}
	}
	if (q <= DECIDE_CONTRACTION)
		contracted_bounds(w, b, q, n2, e);
	yes = w->spec.decided(w->spec.decided_ctx, b, e, p);
	free(e);
	if (!yes) {
		free(b);
		return 0;
	}
	memset(res, 0, sizeof *res);
	res->n = w->nused;
	res->p = p;
	res->beta = b;
	res->se = xmalloc(p * sizeof *res->se);
	res->z = xmalloc(p * sizeof *res->z);
	res->pval = xmalloc(p * sizeof *res->pval);
	for (j = 0; j < p; j++)
		res->se[j] = res->z[j] = res->pval[j] = NAN;
	res->loglik = res->deviance = res->null_deviance = res->aic =
	    res->bic = NAN;
	res->n_bad = w->nbad;
	res->iterations = w->iter;
	res->start_rows = w->start_rows;
	res->decided = 1;
	res->fail_col = -1;
	res->extreme_main = -1;
	return 1;
}

/* logit_fit and logit_fit_rows: X or src (the other NULL). */
static int
fit_all(const double *X, const struct logit_rows *src, const double *y,
	const double *w, size_t n, size_t p, const char *const *names,
	const struct logit_spec *spec, struct logit_result *res,
	struct rd_err *err)
{
	struct logit_work *lw = work_alloc(n, p, spec->eta_room);
	int rc;

	memset(res, 0, sizeof *res);
	res->fail_col = -1;
	rc = fit_init(lw, X, src, y, w, names, spec, err);
	if (rc == 0) {
		rd_progress("fitting", 0, 0, "iterations", NULL);
		if (spec->start == NULL || !start_at(lw, spec->start, 1))
			fit_start(lw);
		while ((rc = logit_fit_iterate(lw, err)) == 0 &&
		    logit_fit_test(lw) == LOGIT_CONTINUE) {
			if (ask_decided(lw, res)) {
				rd_progress(NULL, 0, 0, NULL, NULL);
				logit_work_free(lw);
				return 0;
			}
			if (rd_progress_on()) {
				char dev[48];

				snprintf(dev, sizeof dev, "deviance %.10g",
				    lw->dev);
				rd_progress("fitting", (size_t)lw->iter, 0,
				    "iterations", dev);
			}
			if (spec->cancel != NULL && *spec->cancel) {
				rc = rd_err_set(err, RD_EUSAGE, "cancelled");
				lw->failure = LOGIT_FAIL_INPUT;
				break;
			}
		}
		rd_progress(NULL, 0, 0, NULL, NULL);
		if (rc == 0)
			rc = logit_fit_finish(lw, res, err);
		else {
			res->fail_col = lw->fail_col;
			res->fail_sign = lw->fail_sign;
			res->sep_complete = lw->sep_complete;
			res->sep_split = lw->sep_split;
			res->failure = lw->failure;
		}
	} else {
		res->failure = LOGIT_FAIL_INPUT;
	}
	logit_work_free(lw);
	return rc;
}

int
logit_fit(const double *X, const double *y, const double *w, size_t n,
	size_t p, const char *const *names, const struct logit_spec *spec,
	struct logit_result *res, struct rd_err *err)
{
	return fit_all(X, NULL, y, w, n, p, names, spec, res, err);
}

int
logit_fit_rows(const struct logit_rows *src, const double *y,
	const double *w, size_t n, const char *const *names,
	const struct logit_spec *spec, struct logit_result *res,
	struct rd_err *err)
{
	return fit_all(NULL, src, y, w, n, src->p, names, spec, res, err);
}

void
logit_result_done(struct logit_result *res)
{
	if (res == NULL)
		return;
	free(res->beta);
	free(res->se);
	free(res->z);
	free(res->pval);
	free(res->extreme);
	free(res->extreme_p);
	free(res->extreme_col);
	res->beta = res->se = res->z = res->pval = NULL;
	res->extreme = NULL;
	res->extreme_p = NULL;
	res->extreme_col = NULL;
	res->nlisted = res->nextreme = res->nextreme1 = 0;
}
