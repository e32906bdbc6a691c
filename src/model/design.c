/*
 * design.c - design matrices on raw columns, coded as R's glm codes them
 * (see design.h), for logit_fit.
 *
 * Part of the model layer; reads a struct dataset and hands logit.c a
 * row-major matrix.  Like R's glm (model.frame with na.omit and
 * drop.unused.levels = TRUE), a text column's dummies come only from the
 * levels present in the rows that survive listwise deletion.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/design.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* One used column of vars: a number, or a text column with its reference
   and which levels get a dummy. */
struct dterm {
	const struct ds_column *col;
	int text;		/* col->type == DS_TEXT */
	size_t first;		/* a number's column of X */
	/* Text only.  The levels as coded: the column's, plus the missing
	   level when NULLs are a level, in byte order. */
	const char **lv;	/* [nlv] borrowed texts, owned array */
	size_t nlv;
	int *map;		/* [col->nlevels] index into lv of each level */
	int miss;		/* index into lv of the missing level, or -1 */
	int ref;		/* reference level code, -1 = first present */
	int *dummy;		/* [nlv] column of X for the level, or -1 */
	size_t npresent;	/* levels present in the complete rows */
};

/* Index into lv of row i's value, -1 for a NULL that is not a level. */
static int
vcode(const struct dterm *t, size_t i)
{
	int c = t->col->code[i];

	return c < 0 ? t->miss : t->map[c];
}

/* Set up t's coded levels (missing: the missing level's text or NULL). */
static void
dterm_levels(struct dterm *t, const char *missing)
{
	const struct ds_column *c = t->col;
	size_t j, k = 0;
	int placed = missing == NULL;

	t->lv = xmalloc((c->nlevels + 1) * sizeof *t->lv);
	t->map = xmalloc((c->nlevels > 0 ? c->nlevels : 1) * sizeof *t->map);
	t->miss = -1;
	for (j = 0; j < c->nlevels; j++) {
		if (!placed && strcmp(missing, c->levels[j]) <= 0) {
			placed = 1;
			if (strcmp(missing, c->levels[j]) == 0) {
				/* The text is a level already: NULLs join
				   it. */
				t->miss = (int)k;
			} else {
				t->miss = (int)k;
				t->lv[k++] = missing;
			}
		}
		t->map[j] = (int)k;
		t->lv[k++] = c->levels[j];
	}
	if (!placed) {
		t->miss = (int)k;
		t->lv[k++] = missing;
	}
	t->nlv = k;
}

void
design_done(struct design *d)
{
	size_t j;

	if (d == NULL)
		return;
	for (j = 0; j < d->p && d->names != NULL; j++)
		free(d->names[j]);
	free(d->names);
	free(d->X);
	free(d->y);
	free(d->rows);
	memset(d, 0, sizeof *d);
}

void
design_limits_init(struct design_limits *lim)
{
	lim->max_params = DESIGN_MAX_PARAMS;
	lim->max_cells = DESIGN_MAX_CELLS;
}

int
design_build(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	struct design *d, struct rd_err *err)
{
	return design_build_missing(ds, vars, nvars, refs, nrefs, NULL, NULL,
	    d, err);
}

/* ------------------------------------------------------------ size */

/* The text term of t[nt] with the most dummies, or NULL when none. */
static const struct dterm *
widest(const struct dterm *t, size_t nt)
{
	const struct dterm *w = NULL;
	size_t k;

	for (k = 0; k < nt; k++)
		if (t[k].text && (w == NULL || t[k].npresent > w->npresent))
			w = &t[k];
	return w;
}

/*
 * What the p parameters of t[nt] are, into buf[len]: "the intercept, 2
 * numbers and 1,999 dummies of 'postcode'"; with several text columns
 * "... and 2,030 dummies of 3 text columns (1,999 of 'postcode')".
 */
static void
params_text(char *buf, size_t len, const struct dterm *t, size_t nt,
	size_t p)
{
	const struct dterm *w = widest(t, nt);
	char a[FMT_BUF], b[FMT_BUF], c[FMT_BUF], nums[FMT_BUF + 16] = "";
	size_t nnum = 0, ntxt = 0, k;

	for (k = 0; k < nt; k++) {
		nnum += !t[k].text;
		ntxt += t[k].text;
	}
	fmt_count(a, (double)nnum);
	if (ntxt == 0) {
		snprintf(buf, len, "the intercept and %s number%s", a,
		    nnum == 1 ? "" : "s");
		return;
	}
	if (nnum > 0)
		snprintf(nums, sizeof nums, "%s number%s and ", a,
		    nnum == 1 ? "" : "s");
	fmt_count(b, (double)(p - 1 - nnum));
	if (ntxt == 1) {
		snprintf(buf, len, "the intercept, %s%s dumm%s of '%s'", nums,
		    b, p - 1 - nnum == 1 ? "y" : "ies", w->col->name);
		return;
	}
	fmt_count(c, (double)(w->npresent - 1));
	snprintf(buf, len, "the intercept, %s%s dummies of %zu text columns "
	    "(%s of '%s')", nums, b, ntxt, c, w->col->name);
}

/*
 * Refuse a design of p parameters on n rows beyond lim: -1 with err
 * (RD_EINPUT) naming the text column with the most levels when it makes
 * most of the parameters, with the ways out; else 0.
 */
static int
size_check(const struct dterm *t, size_t nt, size_t n, size_t p,
	const struct design_limits *lim, struct rd_err *err)
{
	const struct dterm *w = widest(t, nt);
	char what[RD_ERR_MSG / 4], over[RD_ERR_MSG];
	char a[FMT_BUF], b[FMT_BUF], c[FMT_BUF], e[FMT_BUF];
	int by_cells = p <= lim->max_params;

	if (p <= lim->max_params && p <= lim->max_cells / n)
		return 0;
	params_text(what, sizeof what, t, nt, p);
	fmt_count(a, (double)p);
	fmt_count(b, (double)n);
	if (!by_cells)
		snprintf(over, sizeof over, "a raw fit would estimate %s "
		    "parameters (%s), more than the %zu it takes", a, what,
		    lim->max_params);
	else
		snprintf(over, sizeof over, "a raw fit of %s parameters (%s) "
		    "would need a design matrix of %s cells (%s rows x %s "
		    "parameters, %.0f MiB), more than the %s (%.0f MiB) it "
		    "takes", a, what, fmt_count(c, (double)n * (double)p), b,
		    a, (double)n * (double)p * sizeof(double) / 1048576.0,
		    fmt_count(e, (double)lim->max_cells),
		    (double)lim->max_cells * sizeof(double) / 1048576.0);
	/* A text column behind most of the parameters is the one to name. */
	if (w != NULL && 2 * (w->npresent - 1) >= p) {
		fmt_count(c, (double)w->npresent);
		return rd_err_set(err, RD_EINPUT, "column '%s' has %s levels "
		    "in the %s complete rows: %s; bin it and fit a WoE "
		    "scorecard instead (riskdesk fit --name <scorecard>, "
		    "without --raw, groups its levels into a few bins), leave "
		    "it out of --vars, or, if its values are amounts rather "
		    "than codes, re-import the table with --type %s=real",
		    w->col->name, c, b, over, w->col->name);
	}
	return rd_err_set(err, RD_EINPUT, "%s; fit fewer variables%s%s", over,
	    w != NULL ? ", bin the text columns and fit a WoE scorecard "
	    "instead (riskdesk fit --name <scorecard>, without --raw)" : "",
	    by_cells ? ", or on a sample of the rows" : "");
}

/* -------------------------------------------------------- building */

int
design_build_missing(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	const char *missing, const struct design_limits *lim,
	struct design *d, struct rd_err *err)
{
	struct design_limits dlim;
	struct dterm *t = NULL;
	size_t nt = 0, i, j, k, r, n = 0, p;
	char *keep = NULL;
	int *present = NULL;
	int rc = -1;

	memset(d, 0, sizeof *d);
	if (lim == NULL) {
		design_limits_init(&dlim);
		lim = &dlim;
	}
	if (ds->y == NULL)
		return rd_err_set(err, RD_EINPUT, "dataset has no target: "
		    "table '%s' was imported without one",
		    ds->table ? ds->table : "?");
	t = xcalloc(nvars > 0 ? nvars : 1, sizeof *t);
	for (j = 0; j < nvars; j++) {
		int c = ds_column_index(ds, vars[j]);

		if (c < 0) {
			rd_err_set(err, RD_EINPUT, "unknown column '%s'",
			    vars[j]);
			goto out;
		}
		if (c == ds->target) {
			rd_err_set(err, RD_EINPUT, "the target '%s' cannot be "
			    "a predictor", vars[j]);
			goto out;
		}
		for (k = 0; k < j; k++)
			if (strcmp(vars[k], vars[j]) == 0) {
				rd_err_set(err, RD_EINPUT, "column '%s' given "
				    "twice", vars[j]);
				goto out;
			}
		t[nt].col = &ds->cols[c];
		t[nt].ref = -1;
		if (ds->cols[c].type == DS_TEXT) {
			t[nt].text = 1;
			dterm_levels(&t[nt], missing);
		}
		nt++;
	}
	/* References "column=level": the column is the used text column
	   whose name followed by '=' starts the string. */
	for (r = 0; r < nrefs; r++) {
		struct dterm *x = NULL;
		size_t len = 0;
		int code;

		for (k = 0; k < nt; k++) {
			size_t l = strlen(t[k].col->name);

			if (t[k].text &&
			    strncmp(refs[r], t[k].col->name, l) == 0 &&
			    refs[r][l] == '=' && l >= len) {
				x = &t[k];
				len = l;
			}
		}
		if (x == NULL) {
			rd_err_set(err, RD_EINPUT, "reference '%s' does not "
			    "name a text column of the model as "
			    "column=level", refs[r]);
			goto out;
		}
		for (code = 0; code < (int)x->nlv; code++)
			if (strcmp(x->lv[code], refs[r] + len + 1) == 0)
				break;
		if (code == (int)x->nlv) {
			rd_err_set(err, RD_EINPUT, "unknown reference level "
			    "'%s' of '%s'", refs[r] + len + 1, x->col->name);
			goto out;
		}
		x->ref = code;
	}

	/* Listwise deletion: indeterminate target or any NULL. */
	keep = xcalloc(ds->nrows > 0 ? ds->nrows : 1, 1);
	for (i = 0; i < ds->nrows; i++) {
		if (ds->y[i] != DS_GOOD && ds->y[i] != DS_BAD)
			continue;
		for (k = 0; k < nt; k++)
			if (t[k].text ? vcode(&t[k], i) < 0 :
			    isnan(t[k].col->num[i]))
				break;
		if (k < nt)
			continue;
		keep[i] = 1;
		n++;
	}
	if (n == 0) {
		rd_err_set(err, RD_EINPUT, "no complete rows with a known "
		    "outcome");
		goto out;
	}

	/* Each text column's present levels and reference. */
	for (k = 0; k < nt; k++) {
		struct dterm *x = &t[k];

		if (!x->text)
			continue;
		free(present);
		present = xcalloc(x->nlv > 0 ? x->nlv : 1, sizeof *present);
		for (i = 0; i < ds->nrows; i++)
			if (keep[i])
				present[vcode(x, i)] = 1;
		if (x->ref < 0) {
			for (j = 0; j < x->nlv && !present[j]; j++)
				;
			x->ref = (int)j;
		} else if (!present[x->ref]) {
			rd_err_set(err, RD_EINPUT, "reference level '%s' of "
			    "'%s' has no complete rows", x->lv[x->ref],
			    x->col->name);
			goto out;
		}
		x->dummy = xmalloc((x->nlv > 0 ? x->nlv : 1) *
		    sizeof *x->dummy);
		for (j = 0; j < x->nlv; j++) {
			/* Marked present for now; numbered below. */
			x->dummy[j] = present[j] && (int)j != x->ref ? 0 : -1;
			x->npresent += present[j] != 0;
		}
		if (x->npresent < 2) {
			rd_err_set(err, RD_EINPUT, "column '%s' has a single "
			    "level in the complete rows: no contrast to "
			    "estimate", x->col->name);
			goto out;
		}
	}

	/* Columns in R's model.matrix order: the intercept, then each
	   column of vars in turn, a text column as its present
	   non-reference levels in level order. */
	p = 1;
	for (k = 0; k < nt; k++) {
		if (!t[k].text) {
			t[k].first = p++;
			continue;
		}
		for (j = 0; j < t[k].nlv; j++)
			if (t[k].dummy[j] >= 0)
				t[k].dummy[j] = (int)p++;
	}
	/* Refused by its size before anything of n x p is allocated. */
	if (size_check(t, nt, n, p, lim, err) != 0)
		goto out;
	if (p > n) {
		char what[RD_ERR_MSG / 2], a[FMT_BUF], b[FMT_BUF];

		params_text(what, sizeof what, t, nt, p);
		rd_err_set(err, RD_EINPUT, "too few rows with a known outcome "
		    "to fit %s parameters: %s row%s (complete in every "
		    "column; the parameters: %s); fit fewer variables, %son "
		    "more rows", fmt_count(a, (double)p), fmt_count(b,
		    (double)n), n == 1 ? "" : "s", what,
		    widest(t, nt) != NULL ? "text columns of fewer levels, "
		    "or " : "or ");
		goto out;
	}

	d->n = n;
	d->p = p;
	d->X = xcalloc(n * p, sizeof *d->X);
	d->y = xmalloc(n * sizeof *d->y);
	d->rows = xmalloc(n * sizeof *d->rows);
	d->names = xcalloc(p, sizeof *d->names);
	d->names[0] = xstrdup("(Intercept)");
	for (k = 0; k < nt; k++) {
		if (!t[k].text) {
			d->names[t[k].first] = xstrdup(t[k].col->name);
			continue;
		}
		for (j = 0; j < t[k].nlv; j++)
			if (t[k].dummy[j] >= 0)
				d->names[t[k].dummy[j]] = xasprintf("%s=%s",
				    t[k].col->name, t[k].lv[j]);
	}
	for (i = 0, r = 0; i < ds->nrows; i++) {
		double *x;

		if (!keep[i])
			continue;
		x = d->X + r * p;
		x[0] = 1;
		for (k = 0; k < nt; k++) {
			int dj;

			if (!t[k].text) {
				x[t[k].first] = t[k].col->num[i];
				continue;
			}
			dj = t[k].dummy[vcode(&t[k], i)];
			if (dj >= 0)
				x[dj] = 1;
		}
		d->y[r] = ds->y[i] == DS_BAD ? 1 : 0;
		d->rows[r] = i;
		r++;
	}
	rc = 0;

out:
	if (rc < 0)
		design_done(d);
	for (k = 0; k < nt; k++) {
		free(t[k].dummy);
		free(t[k].lv);
		free(t[k].map);
	}
	free(t);
	free(keep);
	free(present);
	return rc;
}
