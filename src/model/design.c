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
#include <stdlib.h>
#include <string.h>

#include "model/design.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* One used text column: its reference and which levels get a dummy. */
struct dterm {
	const struct ds_column *col;
	/* The levels as coded: the column's, plus the missing level when
	   NULLs are a level, in byte order. */
	const char **lv;	/* [nlv] borrowed texts, owned array */
	size_t nlv;
	int *map;		/* [col->nlevels] index into lv of each level */
	int miss;		/* index into lv of the missing level, or -1 */
	int ref;		/* reference level code, -1 = first present */
	int *dummy;		/* [nlv] column of X for the level, or -1 */
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

int
design_build(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	struct design *d, struct rd_err *err)
{
	return design_build_missing(ds, vars, nvars, refs, nrefs, NULL, d,
	    err);
}

int
design_build_missing(const struct dataset *ds, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	const char *missing, struct design *d, struct rd_err *err)
{
	const struct ds_column **num = NULL;
	struct dterm *txt = NULL;
	size_t nnum = 0, ntxt = 0, i, j, k, r, n = 0, p;
	char *keep = NULL;
	int *present = NULL;
	int rc = -1;

	memset(d, 0, sizeof *d);
	if (ds->y == NULL)
		return rd_err_set(err, RD_EINPUT, "dataset has no target: "
		    "table '%s' was imported without one",
		    ds->table ? ds->table : "?");
	num = xcalloc(nvars > 0 ? nvars : 1, sizeof *num);
	txt = xcalloc(nvars > 0 ? nvars : 1, sizeof *txt);
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
		if (ds->cols[c].type == DS_TEXT) {
			txt[ntxt].col = &ds->cols[c];
			txt[ntxt].ref = -1;
			dterm_levels(&txt[ntxt], missing);
			ntxt++;
		} else {
			num[nnum++] = &ds->cols[c];
		}
	}
	/* References "column=level": the column is the used text column
	   whose name followed by '=' starts the string. */
	for (r = 0; r < nrefs; r++) {
		struct dterm *t = NULL;
		size_t len = 0;
		int code;

		for (k = 0; k < ntxt; k++) {
			size_t l = strlen(txt[k].col->name);

			if (strncmp(refs[r], txt[k].col->name, l) == 0 &&
			    refs[r][l] == '=' && l >= len) {
				t = &txt[k];
				len = l;
			}
		}
		if (t == NULL) {
			rd_err_set(err, RD_EINPUT, "reference '%s' does not "
			    "name a text column of the model as "
			    "column=level", refs[r]);
			goto out;
		}
		for (code = 0; code < (int)t->nlv; code++)
			if (strcmp(t->lv[code], refs[r] + len + 1) == 0)
				break;
		if (code == (int)t->nlv) {
			rd_err_set(err, RD_EINPUT, "unknown reference level "
			    "'%s' of '%s'", refs[r] + len + 1, t->col->name);
			goto out;
		}
		t->ref = code;
	}

	/* Listwise deletion: indeterminate target or any NULL. */
	keep = xcalloc(ds->nrows > 0 ? ds->nrows : 1, 1);
	for (i = 0; i < ds->nrows; i++) {
		if (ds->y[i] != DS_GOOD && ds->y[i] != DS_BAD)
			continue;
		for (k = 0; k < nnum; k++)
			if (isnan(num[k]->num[i]))
				break;
		if (k < nnum)
			continue;
		for (k = 0; k < ntxt; k++)
			if (vcode(&txt[k], i) < 0)
				break;
		if (k < ntxt)
			continue;
		keep[i] = 1;
		n++;
	}
	if (n == 0) {
		rd_err_set(err, RD_EINPUT, "no complete rows with a known "
		    "outcome");
		goto out;
	}

	/* Columns: intercept, numerics, then each text column's present
	   non-reference levels in level order. */
	p = 1 + nnum;
	for (k = 0; k < ntxt; k++) {
		const struct ds_column *c = txt[k].col;
		size_t npresent = 0;

		free(present);
		present = xcalloc(txt[k].nlv > 0 ? txt[k].nlv : 1,
		    sizeof *present);
		for (i = 0; i < ds->nrows; i++)
			if (keep[i])
				present[vcode(&txt[k], i)] = 1;
		if (txt[k].ref < 0) {
			for (j = 0; j < txt[k].nlv && !present[j]; j++)
				;
			txt[k].ref = (int)j;
		} else if (!present[txt[k].ref]) {
			rd_err_set(err, RD_EINPUT, "reference level '%s' of "
			    "'%s' has no complete rows",
			    txt[k].lv[txt[k].ref], c->name);
			goto out;
		}
		txt[k].dummy = xmalloc((txt[k].nlv > 0 ? txt[k].nlv : 1) *
		    sizeof *txt[k].dummy);
		for (j = 0; j < txt[k].nlv; j++) {
			txt[k].dummy[j] = -1;
			if (present[j])
				npresent++;
			if (present[j] && (int)j != txt[k].ref)
				txt[k].dummy[j] = (int)p++;
		}
		if (npresent < 2) {
			rd_err_set(err, RD_EINPUT, "column '%s' has a single "
			    "level in the complete rows: no contrast to "
			    "estimate", c->name);
			goto out;
		}
	}

	d->n = n;
	d->p = p;
	d->X = xcalloc(n * p, sizeof *d->X);
	d->y = xmalloc(n * sizeof *d->y);
	d->rows = xmalloc(n * sizeof *d->rows);
	d->names = xcalloc(p, sizeof *d->names);
	d->names[0] = xstrdup("(Intercept)");
	for (k = 0; k < nnum; k++)
		d->names[1 + k] = xstrdup(num[k]->name);
	for (k = 0; k < ntxt; k++) {
		const struct ds_column *c = txt[k].col;

		for (j = 0; j < txt[k].nlv; j++)
			if (txt[k].dummy[j] >= 0)
				d->names[txt[k].dummy[j]] = xasprintf("%s=%s",
				    c->name, txt[k].lv[j]);
	}
	for (i = 0, r = 0; i < ds->nrows; i++) {
		double *x;

		if (!keep[i])
			continue;
		x = d->X + r * p;
		x[0] = 1;
		for (k = 0; k < nnum; k++)
			x[1 + k] = num[k]->num[i];
		for (k = 0; k < ntxt; k++) {
			int dj = txt[k].dummy[vcode(&txt[k], i)];

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
	for (k = 0; k < ntxt; k++) {
		free(txt[k].dummy);
		free(txt[k].lv);
		free(txt[k].map);
	}
	free(txt);
	free(num);
	free(keep);
	free(present);
	return rc;
}
