/*
 * select.h - choosing the characteristics of a logistic model: stepwise
 * selection by AIC or by Wald p-value, correlation matrix and variance
 * inflation factors.
 *
 * Candidates are the columns 1..k of a row-major design X (n x (k + 1))
 * whose column 0 is the intercept (all ones).  Every candidate model is a
 * full IRLS fit (logit.h) of the intercept, the forced-in columns and the
 * columns chosen so far, so a step's AIC is exact, not a score-test guess.
 *
 *   forward:  start from intercept + forced; at each step add the
 *             candidate that gives the lowest AIC (criterion aic) or the
 *             lowest Wald p-value of the new column (criterion p); stop
 *             when the best AIC is not below the current one, or the best
 *             p-value is not below p_enter.
 *   backward: start from all columns; at each step remove the non-forced
 *             column whose removal gives the lowest AIC (stop when that is
 *             not below the current AIC), or the one with the largest
 *             p-value (stop when it is not above p_remove).
 *   stepwise: forward steps, each followed by backward steps over the
 *             columns entered earlier (never the one just entered); a
 *             column that left is not entered again (so it cannot cycle).
 * A candidate whose model fails (collinear, separated, no convergence)
 * cannot enter; the step list records nothing for it, and separated[]
 * marks one whose model had no finite maximum (logit.h: proven
 * separation), so that the caller can say so.  Ties go to the
 * lower column index.  (Hosmer, Lemeshow and Sturdivant, Applied Logistic
 * Regression, 3rd ed., 2013, s. 4.3; AIC steps as R's step(), Venables and
 * Ripley, MASS, 4th ed., s. 6.8.)
 *
 * Correlation: Pearson's r of two columns over the rows.  VIF_j = the j-th
 * diagonal element of the inverse correlation matrix of the chosen
 * columns, 1 / (1 - R_j^2) (Belsley, Kuh and Welsch, 1980).
 */
#ifndef RD_MODEL_SELECT_H
#define RD_MODEL_SELECT_H

#include <stddef.h>

#include "model/logit.h"

struct rd_err;

enum select_method {
	SELECT_NONE,		/* keep every column */
	SELECT_FORWARD,
	SELECT_BACKWARD,
	SELECT_STEPWISE
};

enum select_criterion {
	SELECT_AIC,
	SELECT_PVALUE
};

struct select_spec {
	enum select_method method;	/* default SELECT_NONE */
	enum select_criterion criterion;	/* default SELECT_AIC */
	double p_enter;		/* p criterion: enter below; default 0.05 */
	double p_remove;	/* p criterion: remove above; default 0.10 */
	double corr_max;	/* |r| above this is flagged; default 0.7 */
	double vif_max;		/* VIF above this is flagged; default 5 */
	int max_steps;		/* default 200 */
};

/* Fill *spec with the defaults above. */
void select_spec_init(struct select_spec *spec);

/* One step: a column entered or left, and the model after the step. */
struct select_step {
	size_t col;		/* candidate, 1..k (column of X) */
	int entered;		/* 1 entered, 0 removed */
	double aic;		/* AIC of the model after the step */
	double pval;		/* Wald p-value of the column: in the model
				   after the step when it entered, in the model
				   before the step when it left */
};

struct select_result {
	int *in;		/* [k + 1] owned: 1 when column j is chosen
				   (in[0], the intercept, is always 1) */
	int *separated;		/* [k + 1] owned: 1 when a model adding
				   column j failed with proven separation */
	int *collinear;		/* [k + 1] owned: 1 when column j left the
				   starting model as aliased (its
				   information matrix singular): never
				   chosen */
	struct select_step *steps;	/* [nsteps] owned */
	size_t nsteps;
	double aic;		/* AIC of the final model */
};

/*
 * Run spec->method over the candidates 1..k of X (n x (k + 1) row-major,
 * column 0 all ones) against y[n] (0/1).  forced[k + 1] (may be NULL)
 * marks columns that are always in; names[k + 1] name the columns in
 * messages.  X, y, forced and names are borrowed for the call.  Returns 0
 * with *res filled (free with select_result_done), or -1 with err: the
 * starting model (intercept + forced for forward and stepwise, everything
 * for backward) cannot be fitted (the logit_fit error; a singular one
 * first loses, one at a time, the non-forced columns the fit names as
 * aliased, marked in collinear[]), or RD_EUSAGE for method
 * SELECT_NONE.
 */
int select_run(const double *X, const double *y, size_t n, size_t k,
	const char *const *names, const int *forced,
	const struct select_spec *spec, const struct logit_spec *lspec,
	struct select_result *res, struct rd_err *err);

/*
 * select_run on a design given row by row (logit.h struct logit_rows:
 * src->p = k + 1 columns, column 0 all ones), so that no n x p array is
 * held: each candidate is fitted by logit_fit_rows on src's rows cut
 * down to its columns (with src->predict, the linear predictor of src
 * with a coefficient 0 for each column left out).  The steps, AICs and
 * p-values are those of select_run on the n x p array of src's rows
 * (logit_fit_rows' estimates are logit_fit's: the linear predictor's
 * sums are taken in the same order, as GSL's CBLAS takes them).
 */
struct logit_rows;
int select_run_rows(const struct logit_rows *src, const double *y, size_t n,
	const char *const *names, const int *forced,
	const struct select_spec *spec, const struct logit_spec *lspec,
	struct select_result *res, struct rd_err *err);

void select_result_done(struct select_result *res);

/*
 * Pearson correlations of columns cols[m] of X (n x p row-major) into
 * corr[m * m] (row-major, 1 on the diagonal; 0 off it when a column is
 * constant).
 */
void select_corr(const double *X, size_t n, size_t p, const size_t *cols,
	size_t m, double *corr);

/* The same over a design given row by row (logit.h), n rows of src->p
   columns: equal to select_corr on the n x p array of those rows. */
struct logit_rows;
void select_corr_rows(const struct logit_rows *src, size_t n,
	const size_t *cols, size_t m, double *corr);

/* select_corr_rows with the columns' means given, mean[m] (each column's
   sum over the n rows / n, however the caller has it): one pass over the
   rows instead of two. */
void select_corr_rows_mean(const struct logit_rows *src, size_t n,
	const size_t *cols, size_t m, const double *mean, double *corr);

/*
 * VIF of each of m columns from their correlation matrix corr[m * m]:
 * vif[m] receives diag(corr^-1).  Returns 0, or -1 when the matrix is
 * singular (a column is an exact combination of others): every vif is
 * then +inf.
 */
int select_vif(const double *corr, size_t m, double *vif);

/* "forward", "backward", "stepwise", "none"; and back (0 ok, -1 unknown). */
const char *select_method_name(enum select_method m);
int select_method_parse(const char *s, enum select_method *m);

#endif
