/*
 * logit.h - logistic regression of a 0/1 outcome by iteratively reweighted
 * least squares (IRLS, Newton-Raphson for the canonical logit link), on
 * GSL's linear algebra.
 *
 * Model: P(y = 1 | x) = 1 / (1 + exp(-x'b)).  Each IRLS step solves the
 * weighted least-squares problem X'WX b = X'Wz with W = diag(w p(1-p)),
 * z = Xb + (y - p) / (p(1-p)), by a Cholesky factorisation of X'WX
 * (McCullagh and Nelder, Generalized Linear Models, 2nd ed., 1989, s. 4.4;
 * R's glm.fit does the same by QR).  Convergence: |dev - dev_old| /
 * (|dev| + 0.1) < tol, the rule of R's glm.control.  Standard errors are
 * sqrt(diag((X'WX)^-1)) at the final estimate; z = b / se; p = 2 Phi(-|z|).
 * loglik = sum w [y ln p + (1-y) ln(1-p)]; deviance = -2 loglik;
 * AIC = -2 loglik + 2k; BIC = -2 loglik + k ln n (k counts the intercept).
 *
 * Call sequence for a front end that draws progress (GSL's
 * init/iterate/test decomposition):
 *   w = logit_work_alloc(n, p);
 *   if (logit_fit_init(w, X, y, wt, names, &spec, err) == 0) {
 *       while ((rc = logit_fit_iterate(w, err)) == 0 &&
 *           logit_fit_test(w) == LOGIT_CONTINUE)
 *           draw(logit_fit_iteration(w), logit_fit_deviance(w));
 *       if (rc == 0)
 *           rc = logit_fit_finish(w, &res, err);
 *   }
 *   logit_work_free(w);
 * logit_fit() does all of it.
 *
 * Start: R's glm.fit start, mu = (w y + 1/2) / (w + 1), eta = logit(mu), so
 * the first step is a weighted least-squares fit from the data alone.
 *
 * Failures (all RD_ENUMERIC, never a crash):
 *   - Singular information matrix.  Before the first step X'WX is scaled to
 *     unit diagonal and factorised column by column; a column whose
 *     residual 1 - R^2 (weighted, uncentred, on the columns before it) is
 *     below spec->rank_tol is aliased, and the message names it and the
 *     earlier columns it is a combination of (those with a coefficient of
 *     at least sqrt(rank_tol) times the largest in that combination).  An
 *     all-zero column is aliased too.  The same check runs if a later
 *     Cholesky factorisation fails.
 *   - Separation.  A row is "numerically perfectly predicted" when its
 *     fitted probability is within spec->sep_eps of its observed 0/1.  The
 *     fit is separated when every row is so at any step (complete
 *     separation: deviance -> 0), or, at the end of the fit, any row is so
 *     or the last step still moved some row's log-odds by more than
 *     spec->sep_step (a converged Newton step moves them by far less, while
 *     a coefficient running off to infinity moves them by about 1 per step:
 *     quasi-complete separation).  The message names the column (the
 *     intercept aside) with the largest |b_j| sd(x_j) and the direction.
 *   - No convergence after spec->max_iter steps.
 */
#ifndef RD_MODEL_LOGIT_H
#define RD_MODEL_LOGIT_H

#include <stddef.h>

struct rd_err;

struct logit_spec {
	int max_iter;		/* default 50 */
	double tol;		/* relative deviance change, default 1e-12 */
	double l2;		/* ridge penalty on non-intercept terms (columns
				   not all 1): l2 * sum b_j^2 is added to the
				   deviance; default 0 */
	double rank_tol;	/* aliasing: 1 - R^2 below this; default 1e-7 */
	double sep_eps;		/* fitted probability this close to the
				   observed 0/1 counts as perfect; default
				   1e-10 */
	double sep_step;	/* a last step moving some log-odds by more
				   than this means divergence; default 0.1 */
	/* Cancel flag of a front end running the fit in a worker thread:
	   logit_fit stops before the next step once *cancel is non-zero
	   and fails with RD_EUSAGE "cancelled" (failure
	   LOGIT_FAIL_INPUT).  Borrowed; default NULL (never). */
	const _Atomic int *cancel;
};

/* Fill *spec with the defaults above. */
void logit_spec_init(struct logit_spec *spec);

enum logit_failure {
	LOGIT_FAIL_NONE,
	LOGIT_FAIL_INPUT,	/* bad arguments or input data */
	LOGIT_FAIL_SINGULAR,	/* collinear columns */
	LOGIT_FAIL_SEPARATION,	/* fitted probabilities of 0 or 1 */
	LOGIT_FAIL_CONVERGENCE,	/* max_iter reached, or non-finite values */
};

struct logit_result {
	size_t n, p;		/* rows used (weight > 0), parameters */
	double *beta;		/* [p] owned */
	double *se;		/* [p] owned */
	double *z;		/* [p] owned */
	double *pval;		/* [p] owned */
	double loglik, deviance, null_deviance, aic, bic;
	size_t n_bad;		/* rows used with y = 1 */
	int iterations;
	int converged;
	enum logit_failure failure;	/* after a failed fit: what */
	long fail_col;		/* after a failed fit: the column the message
				   names first (the aliased column, or the
				   separating one), else -1 */
};

/*
 * Fit y ~ X.  X is n x p row-major (X[i*p + j]), with the intercept column
 * of ones included by the caller if wanted; y is [n] of 0/1; w is [n]
 * observation weights >= 0 or NULL for all 1 (rows of weight 0 are left
 * out of n, n_bad and BIC).  names[p] (may be NULL: then "column j",
 * 0-based) name the columns in messages.  X, y, w and names are borrowed
 * for the call only.  On success fills *res (release with
 * logit_result_done) and returns 0.  On failure returns -1 with err:
 * RD_EINPUT for n == 0, p == 0, more parameters p than rows of positive
 * weight ("too few rows with a known outcome to fit p parameters: m
 * rows"), a y not 0/1 or a negative or non-finite weight or x; RD_ENUMERIC "singular information
 * matrix" (naming the collinear columns), "separation" (naming a column
 * and the direction) or "no convergence after N iterations"; res then owns
 * nothing and res->failure and res->fail_col say what failed and where.
 * null_deviance is the deviance of the intercept-only model (of eta = 0
 * when X has no column of ones), as R's glm reports it.  With l2 > 0
 * each step solves (X'WX + l2 D) b = X'Wz, D = diag(1 for penalised
 * columns, 0 for columns of ones), the convergence rule uses the penalised
 * deviance, and the standard errors are those of X'WX + l2 D; loglik,
 * deviance, AIC and BIC stay unpenalised.
 */
int logit_fit(const double *X, const double *y, const double *w, size_t n,
	size_t p, const char *const *names, const struct logit_spec *spec,
	struct logit_result *res, struct rd_err *err);

/* Free the arrays res owns (not res itself).  Safe on a zeroed result and
   after a failed fit. */
void logit_result_done(struct logit_result *res);

/* ------------------------------------------------ step by step fitting */

/* A fit's workspace: everything the iterations need, allocated once. */
struct logit_work;

enum logit_state {
	LOGIT_CONTINUE,		/* not converged yet: iterate again */
	LOGIT_CONVERGED,	/* deviance rule met: call logit_fit_finish */
	LOGIT_MAXITER		/* spec->max_iter steps done: finish reports
				   the failure */
};

/* Workspace for n rows and p columns (free with logit_work_free). */
struct logit_work *logit_work_alloc(size_t n, size_t p);
void logit_work_free(struct logit_work *w);

/*
 * Start a fit of the data described at logit_fit, which the workspace
 * borrows until logit_fit_finish (X, y, wt, names must stay valid).
 * Returns 0, or -1 with err for bad input (as logit_fit).
 */
int logit_fit_init(struct logit_work *w, const double *X, const double *y,
	const double *wt, const char *const *names,
	const struct logit_spec *spec, struct rd_err *err);

/*
 * One IRLS step.  Returns 0, or -1 with err (RD_ENUMERIC: singular
 * information matrix, separation, non-finite deviance); after -1 the fit
 * is over and logit_fit_finish must not be called.
 */
int logit_fit_iterate(struct logit_work *w, struct rd_err *err);

/* The convergence test after a step. */
enum logit_state logit_fit_test(const struct logit_work *w);

/* Steps taken so far and the current deviance, for progress displays. */
int logit_fit_iteration(const struct logit_work *w);
double logit_fit_deviance(const struct logit_work *w);

/*
 * Finish a fit whose test returned LOGIT_CONVERGED or LOGIT_MAXITER:
 * separation check, standard errors at the final estimate, likelihood
 * statistics.  Returns 0 with *res filled (release with
 * logit_result_done), or -1 with err as logit_fit (res owning nothing).
 */
int logit_fit_finish(struct logit_work *w, struct logit_result *res,
	struct rd_err *err);

#endif
