/*
 * design.h - design matrices for a logistic fit on raw columns, coded the
 * way R's glm codes them, so a fit can be checked against R.
 *
 * Numeric columns enter as they are; a text column is dummy-coded against
 * a reference level (its first level in byte order, or the named one), one
 * 0/1 column per other level named "column=level".  Column order is R's
 * model.matrix order: "(Intercept)", then each column of vars in the order
 * given, a numeric column as one column and a text column as its
 * non-reference levels in level order.  Rows with a NULL in any used
 * column or an indeterminate target are left out (R's na.omit), and, as R's
 * glm does (drop.unused.levels), a level with no row left gets no column
 * and cannot be the default reference.  y is 1 for DS_BAD, 0 for DS_GOOD.
 *
 * Size: the parameters (columns of X) and the complete rows are counted
 * before X is allocated, and a design beyond its limits (struct
 * design_limits) is refused with the text column that makes it so, not
 * built: n x p doubles for X, and an IRLS step of n p^2 / 2 multiply-adds
 * (logit.h), would otherwise run out of memory or for minutes.
 */
#ifndef RD_MODEL_DESIGN_H
#define RD_MODEL_DESIGN_H

#include <stddef.h>

#include "data/ds.h"

struct rd_err;

struct design {
	size_t n, p;
	double *X;		/* [n*p] row-major, owned */
	double *y;		/* [n] 0/1, owned */
	char **names;		/* [p] owned column names */
	size_t *rows;		/* [n] dataset row of each design row, owned */
};

/*
 * The largest design built.  A text column of many levels (a postcode, an
 * employer) makes a parameter of each level; past max_params a raw fit is
 * no longer a model one can read or check, and binning the column (a WoE
 * scorecard) is the way.  max_cells bounds X itself, rows x parameters
 * doubles.  With both at their defaults an IRLS step is at most
 * DESIGN_MAX_CELLS x DESIGN_MAX_PARAMS / 2, about 7e9, multiply-adds.
 */
#define DESIGN_MAX_PARAMS 200			/* intercept included */
#define DESIGN_MAX_CELLS ((size_t)1 << 26)	/* 67,108,864: 512 MiB */

struct design_limits {
	size_t max_params;	/* default DESIGN_MAX_PARAMS */
	size_t max_cells;	/* rows x parameters; default DESIGN_MAX_CELLS */
};

/* Fill *lim with the defaults above. */
void design_limits_init(struct design_limits *lim);

/*
 * Build the design for vars[nvars] (column names of ds).  refs[nrefs] are
 * "column=level" reference choices for text columns among vars (the
 * longest column name followed by '=' wins, so levels may contain '=').
 * On success fills *d (release with design_done) and returns 0.  Returns -1
 * with err RD_EINPUT and *d empty on: ds without a target, an unknown
 * column, a column given twice, the target used as a predictor, a
 * reference naming no text column of vars, an unknown reference level or
 * one with no complete row, a text column with a single level in the
 * complete rows, no complete row at all, fewer complete rows than
 * parameters ("too few rows with a known outcome to fit p parameters: n
 * rows", with what the parameters are), or more parameters or cells than
 * the default design_limits allow (naming the text column with the most
 * levels, its level count and the ways out).  Nothing of n x p size is
 * allocated before these checks.  vars and refs are borrowed for the call
 * only.
 */
int design_build(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	struct design *d, struct rd_err *err);

/*
 * As design_build, with a NULL in a text column taken as the level
 * `missing` (e.g. "(missing)", sorted among the others by byte order, a
 * reference like any level) instead of leaving the row out; missing NULL
 * is design_build.  Numeric NULLs still leave the row out.  lim (NULL:
 * the defaults, design_limits_init) bounds the design's size.
 */
int design_build_missing(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	const char *missing, const struct design_limits *lim,
	struct design *d, struct rd_err *err);

/* Free what d owns and zero it.  Safe on a zeroed or failed design. */
void design_done(struct design *d);

#endif
