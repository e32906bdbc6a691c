/*
 * design.h - design matrices for a logistic fit on raw columns, coded the
 * way R's glm codes them, so a fit can be checked against R.
 *
 * Numeric columns enter as they are; a text column is dummy-coded against
 * a reference level (its first level in byte order, or the named one), one
 * 0/1 column per other level named "column=level".  Column order:
 * "(Intercept)", the numeric columns in the order given, then each text
 * column's non-reference levels in level order (numeric and text columns
 * keep the order of vars within their group).  Rows with a NULL in any used
 * column or an indeterminate target are left out (R's na.omit), and, as R's
 * glm does (drop.unused.levels), a level with no row left gets no column
 * and cannot be the default reference.  y is 1 for DS_BAD, 0 for DS_GOOD.
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
 * Build the design for vars[nvars] (column names of ds).  refs[nrefs] are
 * "column=level" reference choices for text columns among vars (the
 * longest column name followed by '=' wins, so levels may contain '=').
 * On success fills *d (release with design_done) and returns 0.  Returns -1
 * with err RD_EINPUT and *d empty on: ds without a target, an unknown
 * column, a column given twice, the target used as a predictor, a
 * reference naming no text column of vars, an unknown reference level or
 * one with no complete row, a text column with a single level in the
 * complete rows, or no complete row at all.  vars and refs are borrowed
 * for the call only.
 */
int design_build(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	struct design *d, struct rd_err *err);

/*
 * As design_build, with a NULL in a text column taken as the level
 * `missing` (e.g. "(missing)", sorted among the others by byte order, a
 * reference like any level) instead of leaving the row out; missing NULL
 * is design_build.  Numeric NULLs still leave the row out.
 */
int design_build_missing(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	const char *missing, struct design *d, struct rd_err *err);

/* Free what d owns and zero it.  Safe on a zeroed or failed design. */
void design_done(struct design *d);

#endif
