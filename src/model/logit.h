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
 * Call sequence for a front end that draws progress:
 *   logit_fit_init(...); while (logit_fit_iterate(...) == 0 &&
 *   logit_fit_test(...) == LOGIT_CONTINUE) ;  then logit_fit_finish(...).
 * logit_fit() does all of it.
 */
#ifndef RD_MODEL_LOGIT_H
#define RD_MODEL_LOGIT_H

#include <stddef.h>

struct rd_err;

struct logit_spec {
	int max_iter;		/* default 50 */
	double tol;		/* relative deviance change, default 1e-12 */
	double l2;		/* ridge penalty on non-intercept terms, default 0 */
};

void logit_spec_init(struct logit_spec *spec);

struct logit_result {
	size_t n, p;		/* rows used, parameters */
	double *beta;		/* [p] owned */
	double *se;		/* [p] owned */
	double *z;		/* [p] owned */
	double *pval;		/* [p] owned */
	double loglik, deviance, null_deviance, aic, bic;
	size_t n_bad;
	int iterations;
	int converged;
};

/*
 * Fit y ~ X.  X is n x p row-major (X[i*p + j]), with the intercept column
 * of ones included by the caller if wanted; y is [n] of 0/1; w is [n]
 * observation weights or NULL for all 1.  On success fills *res (release
 * with logit_result_done) and returns 0.  On failure returns -1 with err
 * RD_ENUMERIC: "singular information matrix" (collinear columns, naming the
 * columns through names[p] when names is not NULL), "separation" (a fitted
 * probability reached 0 or 1, naming the column with the largest
 * |coefficient|), or "no convergence after N iterations".
 */
int logit_fit(const double *X, const double *y, const double *w, size_t n,
	size_t p, const char *const *names, const struct logit_spec *spec,
	struct logit_result *res, struct rd_err *err);

void logit_result_done(struct logit_result *res);

#endif
