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
 * Step halving: a step that would raise the deviance (or make it
 * non-finite) is halved towards the previous estimate, up to
 * LOGIT_MAX_HALVINGS times (R's glm.fit halves only for a non-finite
 * deviance); the likelihood is concave, so this only guards the path,
 * never the answer.
 *
 * Separation, done as R does it, except that only a proven one is
 * refused.  When the deviance rule is met while some row is fitted
 * "perfectly" (its fitted probability within spec->sep_eps of its
 * observed 0/1) or the last step still moved some row's log-odds by more
 * than spec->sep_step, or when the steps run out, or every row is fitted
 * perfectly, or from step spec->sep_check_iter on while rows are fitted
 * perfectly and the log-odds still move, the linear-programming check of
 * separation.h (run once per fit) decides whether the likelihood has a
 * finite maximum:
 *   - complete or quasi-complete separation (a direction along which
 *     the log-likelihood rises without bound): the fit fails, naming the
 *     column of the separating direction with the largest standardised
 *     component, the direction of its coefficient and the rows split
 *     off; res->fail_col and res->fail_sign say which;
 *   - no separation: the maximum is finite, and the fit goes on until
 *     the deviance rule holds and no log-odds move by more than
 *     sep_step, as R's glm.fit converges on such data.  Rows whose
 *     log-odds end beyond +-spec->warn_eta are reported in the result
 *     (nextreme, extreme[]; finite_proven set): R's glm.fit warns
 *     "fitted probabilities numerically 0 or 1 occurred" for exactly
 *     these rows (its inverse link clamps at |eta| > 30, below its
 *     10 * DBL_EPSILON test).
 * With l2 > 0 the penalised likelihood always has a maximum and no
 * check runs.
 *
 * Failures (RD_ENUMERIC unless said otherwise, never a crash):
 *   - Singular information matrix.  Before the first step X'WX is scaled to
 *     unit diagonal and factorised column by column; a column whose
 *     residual 1 - R^2 (weighted, uncentred, on the columns before it) is
 *     below spec->rank_tol is aliased, and the message names it and the
 *     earlier columns it is a combination of (those with a coefficient of
 *     at least sqrt(rank_tol) times the largest in that combination).  An
 *     all-zero column is aliased too.  A factorisation failing at a later
 *     step (the weights of many rows vanished) goes to the separation
 *     check, not the aliasing one.
 *   - Separation, proven as above ("complete separation: ..." or
 *     "quasi-complete separation: ...").
 *   - No convergence after spec->max_iter steps (the message says when
 *     the separation check found the maximum finite).
 *   - RD_EINPUT: every row used has the same outcome (no bad or no good:
 *     the log-odds are infinite whatever the columns).
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
				   than this is not converged: check for
				   separation, else go on; default 0.1 */
	double warn_eta;	/* |log-odds| above this: fitted probability
				   numerically 0 or 1 (R's threshold);
				   default 30 */
	int sep_check_iter;	/* from this step on, a fit with rows fitted
				   perfectly and log-odds still moving goes
				   to the separation check before its
				   deviance settles (a separated fit's
				   deviance creeps to 0 for max_iter steps);
				   default 12 */
	/* 1: a fit on LOGIT_START_MIN_ROWS (320,000) rows or more starts
	   from the estimate of a fit on a systematic sample of them
	   (logit_result start_rows), which takes fewer passes over the
	   rows to the same maximum; 0: from R's start always.  Default 1. */
	int sample_start;
	/* [p] borrowed, or NULL: an estimate to start the steps from (a
	   refit near a known estimate: infer's refit starts from the
	   KGB's), instead of R's start or a sample's; the estimate is the
	   same maximum.  Default NULL. */
	const double *start;
	/* Cancel flag of a front end running the fit in a worker thread:
	   logit_fit stops before the next step once *cancel is non-zero
	   and fails with RD_EUSAGE "cancelled" (failure
	   LOGIT_FAIL_INPUT).  Borrowed; default NULL (never). */
	const _Atomic int *cancel;
	/* Optional (NULL: never): a caller that needs the estimate only
	   far enough to decide something (card.c: which characteristic a
	   wrong sign drops, and its coefficient to four figures) ends the
	   fit once it can.  After each full step (not halved, the
	   deviance fallen by less than a thousandth, no row fitted at 0
	   or 1, no separation check run, and no log-odds moved by more
	   than sep_step -- or, moved by at most 1, the next step at most
	   a tenth of this one in the information metric sqrt(s' A s)),
	   decided(decided_ctx, b, e, p) is given the next Newton estimate
	   b[p] (the one the next step would take) and e[p], a bound on
	   each coefficient's distance from the maximum: twice the step to
	   b (Newton's error after a step is of the order of the step's
	   square, Nocedal and Wright, Numerical Optimization, 2nd ed.,
	   2006, theorem 3.5).  Returning 1 ends the fit: logit_fit returns
	   0 with res->decided set, res->beta = b, res->iterations, n and
	   n_bad filled and nothing else (se, z, pval NaN).  b and e are
	   borrowed for the call.  Penalised fits (l2 > 0) never ask. */
	int (*decided)(void *ctx, const double *b, const double *e,
	    size_t p);
	void *decided_ctx;
	/* [2 n] borrowed, or NULL: the room logit_fit and logit_fit_rows
	   keep the rows' linear predictors in (two of n doubles), for a
	   caller that fits the same n rows again and again (card.c's refit
	   after each drop) instead of new memory each fit, which the system
	   must clear page by page.  Its contents are ignored and
	   overwritten; the step-by-step functions (logit_fit_init) and the
	   fit of a sample start never take it.  Default NULL. */
	double *eta_room;
};

/* Fill *spec with the defaults above. */
void logit_spec_init(struct logit_spec *spec);

enum logit_failure {
	LOGIT_FAIL_NONE,
	LOGIT_FAIL_INPUT,	/* bad arguments or input data */
	LOGIT_FAIL_SINGULAR,	/* collinear columns */
	LOGIT_FAIL_SEPARATION,	/* proven complete or quasi-complete
				   separation: no finite maximum */
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
	int iterations;		/* IRLS steps over all the rows */
	size_t start_rows;	/* > 0: the steps started from the estimate
				   of a fit on a systematic sample of so
				   many rows (fits on 320,000 rows or more),
				   not from R's start; the estimate is the
				   same maximum */
	int converged;
	int decided;		/* spec->decided ended the fit early: only
				   beta, iterations, n and n_bad are the
				   fit's (converged 0) */
	enum logit_failure failure;	/* after a failed fit: what */
	long fail_col;		/* after a failed fit: the column the message
				   names first (the aliased column, or the
				   separating one), else -1 */
	int fail_sign;		/* separation: +1 when fail_col's coefficient
				   runs to +inf (y = 1 as it grows), -1 to
				   -inf; else 0 */
	int sep_complete;	/* separation: 1 complete, 0 quasi-complete */
	size_t sep_split;	/* separation: rows split off exactly */

	/* After a successful fit: the rows fitted at a probability
	   numerically 0 or 1 (|eta| > warn_eta), which R's glm.fit warns
	   about.  The maximum is finite all the same (finite_proven says
	   whether the separation check ran and proved it). */
	size_t nextreme;	/* how many rows */
	size_t nextreme1;	/* of them, fitted at 1 (eta > warn_eta) */
	size_t nlisted;		/* the first min(nextreme, LOGIT_LIST_MAX) */
	size_t *extreme;	/* [nlisted] owned: their rows (0-based rows
				   of X, ascending) */
	double *extreme_p;	/* [nlisted] owned: their fitted P(y = 1) */
	long *extreme_col;	/* [nlisted] owned: for each, the column that
				   moves its log-odds furthest from the mean
				   row's (largest |b_j (x_ij - mean_j)|, the
				   intercept aside) */
	long extreme_main;	/* the column most often so over all nextreme
				   rows (the lowest index of a tie); -1 */
	int finite_proven;	/* 1 when the separation check ran and found
				   no separation */
};

/* Rows from which a fit starts from a sample's fit (spec sample_start). */
#define LOGIT_START_MIN_ROWS 320000
/* Rows listed in a result's extreme[]. */
#define LOGIT_LIST_MAX 1000
/* Halvings of one step at most. */
#define LOGIT_MAX_HALVINGS 30

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
 * rows; fit fewer variables or on more rows", counts with thousands
 * separators), a y not 0/1, a negative or non-finite weight or x, or rows of
 * one outcome only; RD_ENUMERIC "singular information matrix" (naming
 * the collinear columns), "complete separation" / "quasi-complete
 * separation" (naming a column, the direction and the rows split off)
 * or "no convergence after N iterations"; res then owns nothing and
 * res->failure, res->fail_col and res->fail_sign say what failed and
 * where.  A fit that converges with rows fitted at 0 or 1 succeeds and
 * lists them (nextreme, extreme[]).
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

/*
 * A design given row by row instead of as an n x p array: row(ctx, i, x)
 * writes row i (0 <= i < n) of the design into x[p], the same values on
 * every call.  For a design whose rows are made from something smaller
 * than n x p doubles (a scorecard's WoE design is a bin index per row and
 * characteristic and a WoE per bin), so that no n x p array is ever
 * held: the fit keeps two arrays of n doubles besides y and w.  ctx is
 * borrowed.
 */
struct logit_rows {
	size_t p;
	void (*row)(const void *ctx, size_t i, double *x);
	const void *ctx;
	/* Optional (NULL: row is called for each row): rows i .. i + n - 1
	   into x[n * p] row-major, the values row gives; the passes over
	   the rows ask for them LOGIT_BLOCK (256) at a time. */
	void (*rows)(const void *ctx, size_t i, size_t n, double *x);
	/* Optional (NULL: from the rows): eta[n] = X beta (beta[p]), each
	   eta_i summed as the fit sums it, e = 0, then e += x_ij beta_j for
	   j = 0, 1, ..., p - 1, so that the linear predictor is the same to
	   the bit (a design made of table lookups can look up x_ij beta_j,
	   one product per table entry, instead of forming the rows). */
	void (*predict)(const void *ctx, const double *beta, size_t n,
	    double *eta);
	/* Optional (NULL: rows, cut down): rows i .. i + n - 1 restricted
	   to the columns cols[m] (ascending), into x[n * m] row-major; for
	   the submodels of a stepwise selection (select.h
	   select_run_rows). */
	void (*rows_cols)(const void *ctx, size_t i, size_t n,
	    const size_t *cols, size_t m, double *x);
	/* Optional (NULL: the fit reads every row before its first step):
	   the design vouches for its values without a pass over the rows.
	   Returns 0 when every value it gives is finite, with ones[j] = 1
	   for each column whose every value is 1 and 0 for the others (a
	   WoE design knows both from its tables); -1 when it cannot say,
	   and the fit reads the rows.  With 0 the fit's first pass is its
	   first step's, and the columns' means (for the rows fitted at 0
	   or 1 and the messages of a failure) are made by a pass of their
	   own only when needed, the same sums in the same order. */
	int (*vouch)(const void *ctx, int *ones);
};

/*
 * logit_fit on the design src gives row by row: the same estimate,
 * statistics, failures and messages as logit_fit on the n x src->p array
 * of those rows (sums taken row by row in the same order; only the
 * linear predictor is summed by a plain loop instead of BLAS, which may
 * differ in the last bit).  The separation check, when a fit is suspect,
 * makes the n x p array for its duration.
 */
int logit_fit_rows(const struct logit_rows *src, const double *y,
	const double *w, size_t n, const char *const *names,
	const struct logit_spec *spec, struct logit_result *res,
	struct rd_err *err);

/* Free the arrays res owns (not res itself).  Safe on a zeroed result and
   after a failed fit. */
void logit_result_done(struct logit_result *res);

/*
 * Whether the accumulation of X'WX may take its AVX code where the
 * processor runs AVX (on, the default) or keeps to the SSE2 code (0):
 * for the same numbers to the bit on every machine, the test that says
 * so, and comparing machines.  Process-wide; set it before fits start,
 * not while one runs.  Returns 1 when this processor runs the AVX code
 * (whatever on), else 0.
 */
int logit_simd(int on);

/*
 * Four rows' cross products into a's upper triangle: a[j * tda + k] (j
 * <= k < p) receives x0[j] x0[k], then x1[j] x1[k], x2's and x3's, one
 * after the other (t = ((t + t0) + t1) + ...), as adding one row at a
 * time in row order does: the same bits as that scalar loop, on the
 * SSE2 or AVX code as logit_simd says (each lane the scalar operations).
 * x0..x3 are [p]; a is the caller's; the lower triangle is not touched.
 * Columns past LOGIT_CROSS_MAX take the scalar loop.
 */
#define LOGIT_CROSS_MAX 512
void logit_cross4(double *a, size_t tda, size_t p, const double *x0,
	const double *x1, const double *x2, const double *x3);

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

/* logit_fit_init on a design given row by row (logit_fit_rows); the
   workspace's p must be src->p. */
int logit_fit_init_rows(struct logit_work *w, const struct logit_rows *src,
	const double *y, const double *wt, const char *const *names,
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
