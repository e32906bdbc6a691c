/*
 * desk-bin.c - characteristic analysis on the open desk (see desk-bin.h):
 * where the dataset (data), the binning (model), the saved binnings
 * (data/binstore) and the YAML binning spec (policy/binspec) meet.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "desk/desk-fraud.h"
#include "data/binstore.h"
#include "data/colagg.h"
#include "data/colscan.h"
#include "data/engine-bin.h"
#include "policy/binspec.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/progress.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------- identifiers */

void
desk_left_out_free(struct desk_left_out *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		free(v[k].name);
		free(v[k].why);
	}
	free(v);
}

static void
left_add(struct desk_left_out **v, size_t *n, const char *name,
	const char *why)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].name = xstrdup(name);
	(*v)[(*n)++].why = xstrdup(why);
}

static void
strv_free(char **v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

/* Add table's reject column, when it has one among names[ncols] and
   *out lacks it, to *out[*n]. */
static int
reject_col(struct desk *d, const char *table, char *const *names,
	size_t ncols, struct desk_left_out **out, size_t *n,
	struct rd_err *err)
{
	struct table_meta meta;
	size_t j, k;

	if (db_table_meta(d->db, table, &meta, err) != 0) {
		desk_left_out_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	for (j = 0; meta.reject_col != NULL && j < ncols; j++) {
		char *why;

		if (strcmp(names[j], meta.reject_col) != 0)
			continue;
		for (k = 0; k < *n; k++)
			if (strcmp((*out)[k].name, names[j]) == 0)
				break;
		if (k < *n)
			break;
		why = xasprintf("the reject decision (--reject-when %s=%s): "
		    "a decision, not a characteristic", meta.reject_col,
		    meta.reject_value);
		left_add(out, n, names[j], why);
		free(why);
		break;
	}
	table_meta_done(&meta);
	return 0;
}

/* The recorded identifiers of table in column order (the wording is
   bin_identifier's), then its reject column (--reject-when: a decision,
   not a characteristic); names[ncols] the table's columns. */
static int
recorded_ids(struct desk *d, const char *table, char *const *names,
	size_t ncols, struct desk_left_out **out, size_t *n,
	struct rd_err *err)
{
	struct db_column_role *r = NULL;
	struct bin_spec spec;
	size_t nr = 0, j, k;

	*out = NULL;
	*n = 0;
	if (db_column_roles(d->db, table, &r, &nr, err) != 0)
		return -1;
	bin_spec_init(&spec);
	for (j = 0; j < ncols; j++)
		for (k = 0; k < nr; k++) {
			struct ds_column c;
			char why[RD_ERR_MSG];

			if (strcmp(r[k].column, names[j]) != 0)
				continue;
			/* A column of no rows, as it was recorded. */
			memset(&c, 0, sizeof c);
			c.name = names[j];
			c.type = DS_TEXT;
			c.role = r[k].role;
			c.role_note = r[k].note;
			if (bin_identifier(&c, 0, &spec, why, sizeof why))
				left_add(out, n, names[j], why);
		}
	db_column_roles_free(r, nr);
	return reject_col(d, table, names, ncols, out, n, err);
}

/* The columns of an imported table, in order; NULL with err (the data
   layer's "no imported table" for a table riskdesk did not import). */
static char **
table_columns(struct desk *d, const char *table, size_t *n,
	struct rd_err *err)
{
	struct table_meta meta;

	if (db_table_meta(d->db, table, &meta, err) != 0)
		return NULL;
	table_meta_done(&meta);
	return db_table_column_names(d->db, table, n, err);
}

int
desk_identifiers(struct desk *d, const char *table,
	struct desk_left_out **out, size_t *n, struct rd_err *err)
{
	size_t nc = 0;
	char **names = table_columns(d, table, &nc, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (names == NULL)
		return -1;
	rc = recorded_ids(d, table, names, nc, out, n, err);
	strv_free(names, nc);
	return rc;
}

struct dataset *
desk_bins_load(struct desk *d, const char *table, const char *const *names,
	size_t nnames, const struct db_progress *pr, struct desk_left_out **left,
	size_t *nleft, struct rd_err *err)
{
	size_t nc = 0, j, k, m = 0;
	char **cols = table_columns(d, table, &nc, err);
	const char **keep;
	struct dataset *ds = NULL;

	*left = NULL;
	*nleft = 0;
	if (cols == NULL)
		return NULL;
	if (recorded_ids(d, table, cols, nc, left, nleft, err) != 0) {
		strv_free(cols, nc);
		return NULL;
	}
	keep = xcalloc(nc + 1, sizeof *keep);
	for (j = 0; j < nc; j++) {
		int want = names == NULL;

		for (k = 0; !want && k < nnames; k++)
			want = strcmp(names[k], cols[j]) == 0;
		for (k = 0; want && k < *nleft; k++)
			want = strcmp((*left)[k].name, cols[j]) != 0;
		if (want)
			keep[m++] = cols[j];
	}
	/* The target is loaded whatever its role (db.h). */
	ds = db_dataset_load_columns_progress(d->db, table, keep, m, pr, err);
	free(keep);
	strv_free(cols, nc);
	if (ds == NULL) {
		desk_left_out_free(*left, *nleft);
		*left = NULL;
		*nleft = 0;
	}
	return ds;
}

struct dataset *
desk_load_named_progress(struct desk *d, const char *table,
	const char *const *names, size_t n, const struct db_progress *pr,
	struct rd_err *err)
{
	size_t nc = 0, j, k, m = 0;
	char **cols = table_columns(d, table, &nc, err);
	const char **keep;
	struct dataset *ds;

	if (cols == NULL)
		return NULL;
	keep = xcalloc(nc + 1, sizeof *keep);
	for (j = 0; j < nc; j++)
		for (k = 0; k < n; k++)
			if (strcmp(cols[j], names[k]) == 0) {
				keep[m++] = cols[j];
				break;
			}
	ds = db_dataset_load_columns_progress(d->db, table, keep, m, pr, err);
	free(keep);
	strv_free(cols, nc);
	return ds;
}

struct dataset *
desk_load_named(struct desk *d, const char *table, const char *const *names,
	size_t n, struct rd_err *err)
{
	return desk_load_named_progress(d, table, names, n, NULL, err);
}

void
desk_bins_identify(const struct dataset *ds, const struct bin_spec *spec,
	char *const *names, size_t ncols, unsigned char *skip,
	struct desk_left_out **left, size_t *nleft)
{
	struct desk_left_out *v = NULL;
	size_t n = 0, j, k;
	char why[RD_ERR_MSG];

	for (j = 0; j < ds->ncols; j++)
		skip[j] = (int)j != ds->target &&
		    bin_identifier(&ds->cols[j], ds->nrows, spec, why,
		    sizeof why);
	/* The recorded ones and the new ones, in table column order. */
	for (k = 0; k < ncols; k++) {
		int c = ds_column_index(ds, names[k]);
		size_t i;

		if (c >= 0 && c == ds->target)
			continue;
		if (c >= 0 && skip[c]) {
			bin_identifier(&ds->cols[c], ds->nrows, spec, why,
			    sizeof why);
			left_add(&v, &n, names[k], why);
			continue;
		}
		for (i = 0; i < *nleft; i++)
			if (strcmp((*left)[i].name, names[k]) == 0) {
				left_add(&v, &n, names[k], (*left)[i].why);
				break;
			}
	}
	desk_left_out_free(*left, *nleft);
	*left = v;
	*nleft = n;
}

/* The saved binning of column name of table, parsed, or NULL (err set
   only on failure: *failed 1). */
static struct characteristic *
saved_get(struct desk *d, const char *table, const char *name, int *failed,
	struct rd_err *err)
{
	char *body;
	struct characteristic *ch;

	rd_err_clear(err);
	body = db_binning_get(d->db, table, name, err);
	*failed = 0;
	if (body == NULL) {
		*failed = err->msg[0] != '\0';
		return NULL;
	}
	ch = bin_def_parse(body, err);
	free(body);
	if (ch == NULL)
		*failed = 1;
	return ch;
}

/* b->spec a copy of spec with its own specials and no saved binnings
   (desk_bins_lend attaches the table's). */
static void
bins_spec_copy(struct desk_bins *b, const struct bin_spec *spec)
{
	b->spec = *spec;
	b->spec.saved = NULL;
	b->spec.nsaved = 0;
	b->specials = xcalloc(spec->nspecials + 1, sizeof *b->specials);
	if (spec->nspecials > 0)
		memcpy(b->specials, spec->specials,
		    spec->nspecials * sizeof *b->specials);
	b->spec.specials = b->specials;
}

static struct desk_bins *bins_open(struct desk *d, const char *table,
	const char *const *only, size_t nonly, const struct bin_spec *spec,
	const struct policy *p, struct rd_err *err);

struct desk_bins *
desk_bins_open(struct desk *d, const char *table, const struct bin_spec *spec,
	struct rd_err *err)
{
	return desk_bins_open_chars(d, table, NULL, 0, spec, err);
}

struct desk_bins *
desk_bins_open_chars(struct desk *d, const char *table,
	const char *const *only, size_t nonly, const struct bin_spec *spec,
	struct rd_err *err)
{
	return bins_open(d, table, only, nonly, spec, NULL, err);
}

struct desk_bins *
desk_bins_open_features(struct desk *d, const char *table,
	const char *features_from, const char *const *names, size_t nnames,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct policy *p;
	struct desk_bins *b;

	rd_err_clear(err);
	if ((p = desk_fraud_features_policy(d, features_from, table, err)) ==
	    NULL)
		return NULL;
	b = bins_open(d, table, names, nnames, spec, p, err);
	policy_free(p);
	return b;
}

/* desk_bins_open_chars, on the fraud features of p (NULL: none). */
static struct desk_bins *
bins_open(struct desk *d, const char *table, const char *const *only,
	size_t nonly, const struct bin_spec *spec, const struct policy *p,
	struct rd_err *err)
{
	struct desk_bins *b;
	struct dataset *ds;
	struct desk_left_out *left = NULL;
	size_t j, k, nleft = 0, nc = 0, nopt = 0;
	unsigned char *skip = NULL;
	const struct ds_column **opt = NULL;
	struct characteristic **optch = NULL;
	const char **load = NULL;
	char **names;

	rd_err_clear(err);
	/* With fraud features the label is read whatever is named: it is
	   the target. */
	if (p != NULL && only != NULL) {
		load = xcalloc(nonly + 1, sizeof *load);
		memcpy(load, only, nonly * sizeof *load);
		load[nonly] = p->fraud->label;
	}
	ds = desk_bins_load(d, table, load != NULL ? load : only,
	    load != NULL ? nonly + 1 : nonly, NULL, &left, &nleft, err);
	free(load);
	if (ds == NULL)
		return NULL;
	if (p != NULL && desk_fraud_dataset(d->db, p, table, only, nonly, ds,
	    err) != 0) {
		ds_free(ds);
		desk_left_out_free(left, nleft);
		return NULL;
	}
	if (desk_need_outcomes(ds, table, "binning", err) != 0) {
		ds_free(ds);
		desk_left_out_free(left, nleft);
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->left_out = left;
	b->nleft_out = nleft;
	b->table = xstrdup(table);
	b->ds = ds;
	bins_spec_copy(b, spec);
	if (desk_bins_lend(d, ds, &b->spec, &b->lend, err) < 0)
		goto fail;
	/* Identifiers by the rule, with the saved binnings known (one
	   exempts its column). */
	if ((names = db_table_column_names(d->db, table, &nc, err)) == NULL)
		goto fail;
	skip = xcalloc(ds->ncols + 1, 1);
	desk_bins_identify(ds, &b->spec, names, nc, skip, &b->left_out,
	    &b->nleft_out);
	strv_free(names, nc);
	/* The saved binnings are read below, column by column. */
	b->spec.saved = NULL;
	b->spec.nsaved = 0;
	b->chars = xcalloc(ds->ncols + 1, sizeof *b->chars);
	b->col = xcalloc(ds->ncols + 1, sizeof *b->col);
	b->saved = xcalloc(ds->ncols + 1, sizeof *b->saved);
	/* The saved binnings counted again; the other columns left for
	   the optimal classing, done for all of them at once below. */
	opt = xcalloc(ds->ncols + 1, sizeof *opt);
	for (j = 0; j < ds->ncols; j++) {
		const struct ds_column *col = &ds->cols[j];
		struct characteristic *ch;
		int failed;

		if ((int)j == ds->target || skip[j])
			continue;
		ch = saved_get(d, table, col->name, &failed, err);
		if (failed)
			goto fail;
		if (ch != NULL) {
			if (bin_recount(ch, ds, col, &b->spec, err) < 0) {
				characteristic_free(ch);
				goto fail;
			}
			b->saved[b->nchars] = 1;
		} else {
			opt[nopt++] = col;
		}
		b->col[b->nchars] = (int)j;
		b->chars[b->nchars++] = ch;
	}
	/* With spec.saved empty, bin_characteristic is bin_optimal. */
	optch = xcalloc(nopt + 1, sizeof *optch);
	if (bin_characteristics(ds, opt, nopt, &b->spec, optch, err) < 0)
		goto fail;
	for (j = 0, k = 0; j < b->nchars; j++)
		if (b->chars[j] == NULL)
			b->chars[j] = optch[k++];
	/* A fraud feature is a count, a distinct count or a sum the
	   policy computes: a quantity, never a code, and not a column
	   that import could type otherwise. */
	for (j = 0; p != NULL && j < b->nchars; j++)
		if (policy_fraud_feature(p, b->chars[j]->name) >= 0)
			b->chars[j]->ncodes = 0;
	free(optch);
	free(opt);
	free(skip);
	return b;

fail:
	free(optch);
	free(opt);
	free(skip);
	desk_bins_free(b);
	return NULL;
}

/* ------------------------------------- from distinct values (colagg) */

/* Column c of a as a column of no rows: name, type, role, nmissing and,
   for text, its levels sorted (borrowed from c: order[] the sorted
   codes); free with agg_col_done. */
static void
agg_col(const struct colagg_col *c, const size_t *order,
	struct ds_column *tc)
{
	size_t l;

	memset(tc, 0, sizeof *tc);
	tc->name = c->name;
	tc->type = c->type;
	tc->date = c->date;
	tc->role = c->role;
	tc->role_note = c->role_note;
	tc->nmissing = c->nmissing;
	tc->ninexact = c->ninexact;
	tc->inexact_eg = c->inexact_eg;
	if (c->type == DS_TEXT) {
		tc->levels = xcalloc(c->ndistinct + 1, sizeof *tc->levels);
		for (l = 0; l < c->ndistinct; l++)
			tc->levels[l] = c->text[order[l]];
		tc->nlevels = c->ndistinct;
	}
}

static void
agg_col_done(struct ds_column *tc)
{
	free(tc->levels);
	memset(tc, 0, sizeof *tc);
}

/* bin_identifier of c (a->nrows rows) from its distinct values. */
static int
agg_identifier(const struct colagg *a, const struct colagg_col *c,
	const struct bin_spec *spec, char *why, size_t len)
{
	struct ds_column tc;
	size_t k, m = a->nrows - c->nmissing;
	size_t *order = xcalloc(c->ndistinct + 1, sizeof *order);
	int seq = 0, rc;

	/* The rule counts levels in any order. */
	for (k = 0; k < c->ndistinct; k++)
		order[k] = k;
	if (c->type != DS_TEXT && c->ndistinct == m && m > 0) {
		/* is_sequence: whole, distinct, one run. */
		double lo = INFINITY, hi = -INFINITY;

		seq = 1;
		for (k = 0; k < c->ndistinct && seq; k++) {
			double x = c->num[k];

			seq = isfinite(x) && x == floor(x);
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
		}
		seq = seq && hi - lo + 1 == (double)m;
	}
	agg_col(c, order, &tc);
	free(order);
	rc = bin_identifier_agg(&tc, a->nrows, seq, c->type != DS_TEXT &&
	    c->row_number && c->nmissing == 0 && a->nrows > 0, spec, why,
	    len);
	agg_col_done(&tc);
	return rc;
}

/* The rows per sorted value of c: all[], goods[], bads[] (heap, each
   [ndistinct]). */
static void
agg_counts(const struct colagg_col *c, const size_t *order, size_t **all,
	size_t **goods, size_t **bads)
{
	size_t s, d = c->ndistinct;

	*all = xcalloc(d + 1, sizeof **all);
	*goods = xcalloc(d + 1, sizeof **goods);
	*bads = xcalloc(d + 1, sizeof **bads);
	for (s = 0; s < d; s++) {
		(*all)[s] = colagg_rows(c, order[s]);
		(*goods)[s] = c->n[order[s]][COLAGG_GOOD];
		(*bads)[s] = c->n[order[s]][COLAGG_BAD];
	}
}

/* A saved binning ch counted again on c (bin_recount). */
static int
agg_recount(struct characteristic *ch, const struct colagg_col *c,
	const struct bin_spec *spec, struct rd_err *err)
{
	size_t *order = xcalloc(c->ndistinct + 1, sizeof *order);
	size_t *all, *goods, *bads, s;
	double *x = xcalloc(c->ndistinct + 1, sizeof *x);
	struct ds_column tc;
	int rc;

	colagg_sorted(c, order);
	agg_counts(c, order, &all, &goods, &bads);
	for (s = 0; c->type != DS_TEXT && s < c->ndistinct; s++)
		x[s] = c->num[order[s]];
	agg_col(c, order, &tc);
	rc = bin_recount_cells(ch, &tc, x, all, goods, bads, c->ndistinct,
	    c->miss[COLAGG_GOOD], c->miss[COLAGG_BAD], spec, err);
	agg_col_done(&tc);
	free(order);
	free(all);
	free(goods);
	free(bads);
	free(x);
	return rc;
}

/* The fine classing of numeric c from its distinct values: the steps
   of bin_fine (and of desk_bins_open_engine) on exact aggregates.  Also
   what bin_splits reads: *ng goods from mm[0] to mm[1], *nb bads from
   mm[2] to mm[3] (known-outcome rows, specials included). */
static struct characteristic *
agg_fine_num(const struct colagg_col *c, const size_t *order,
	const struct bin_spec *spec, size_t *ng, size_t *nb, double *mm)
{
	size_t nsp = 0, d = c->ndistinct, m = 0, s, k, p, cum;
	size_t q = spec->nquantiles > 1 ? (size_t)spec->nquantiles : 1;
	double *sp = bin_specials_of(spec, c->name, 1, &nsp);
	double vmin = NAN, vmax = NAN, *at, *x;
	size_t *pos, npos, *goods, *bads, *all, *g, *b;
	unsigned char *special = xcalloc(d + 1, 1);
	struct colscan cs;
	struct characteristic *ch;
	int i;

	/* The values in order, with their rows: one gather, then every
	   pass below reads them in sequence. */
	agg_counts(c, order, &all, &g, &b);
	x = xcalloc(d + 1, sizeof *x);
	for (s = 0; s < d; s++)
		x[s] = c->num[order[s]];
	mm[0] = mm[2] = INFINITY;
	mm[1] = mm[3] = -INFINITY;
	*ng = *nb = 0;
	colscan_init(&cs);
	for (s = 0; s < d; s++) {
		if (g[s] > 0) {
			*ng += g[s];
			mm[0] = x[s] < mm[0] ? x[s] : mm[0];
			mm[1] = x[s] > mm[1] ? x[s] : mm[1];
		}
		if (b[s] > 0) {
			*nb += b[s];
			mm[2] = x[s] < mm[2] ? x[s] : mm[2];
			mm[3] = x[s] > mm[3] ? x[s] : mm[3];
		}
		for (k = 0; k < nsp && sp[k] != x[s]; k++)
			;
		if ((special[s] = k < nsp))
			continue;
		if (m == 0)
			vmin = x[s];
		vmax = x[s];
		m += all[s];
		colscan_add_count(&cs, x[s], all[s]);
	}
	/* The order statistics from the cumulative counts. */
	pos = xcalloc(q + 1, sizeof *pos);
	at = xcalloc(q + 1, sizeof *at);
	npos = bin_fine_positions(m, spec, pos);
	for (s = 0, p = 0, cum = 0; s < d && p < npos; s++) {
		if (special[s])
			continue;
		while (p < npos && pos[p] < cum + all[s])
			at[p++] = x[s];
		cum += all[s];
	}
	ch = bin_fine_ranges(c->name, m, vmin, vmax, at, npos, &cs,
	    c->nmissing > 0, spec);
	bin_mark_big_integers(ch, c->ninexact, c->inexact_eg);
	goods = xcalloc(ch->nbins + 1, sizeof *goods);
	bads = xcalloc(ch->nbins + 1, sizeof *bads);
	for (s = 0; s <= d; s++) {
		i = bin_index_num(ch, s < d ? x[s] : NAN);
		if (i < 0)
			continue;
		goods[i] += s < d ? g[s] : c->miss[COLAGG_GOOD];
		bads[i] += s < d ? b[s] : c->miss[COLAGG_BAD];
	}
	bin_count_cells(ch, goods, bads);
	bin_woe(ch, spec);
	free(goods);
	free(bads);
	free(pos);
	free(at);
	free(special);
	free(sp);
	free(x);
	free(all);
	free(g);
	free(b);
	return ch;
}

/* bin_optimal of c from its distinct values. */
static struct characteristic *
agg_optimal(const struct colagg_col *c, const struct bin_spec *spec)
{
	size_t *order = xcalloc(c->ndistinct + 1, sizeof *order);
	struct characteristic *fine, *ch;
	char why[1024];
	int splits = 0;

	colagg_sorted(c, order);
	if (c->type != DS_TEXT) {
		size_t ng, nb;
		double mm[4];

		fine = agg_fine_num(c, order, spec, &ng, &nb, mm);
		ch = bin_coarse(fine, spec);
		if (bin_single(ch))
			splits = bin_splits_num(c->name, ng, nb, mm[0], mm[1],
			    mm[2], mm[3], spec->woe_adjust, why, sizeof why);
	} else {
		struct ds_column tc;
		size_t *all, *goods, *bads;

		agg_counts(c, order, &all, &goods, &bads);
		agg_col(c, order, &tc);
		fine = bin_fine_levels(&tc, all, goods, bads,
		    c->miss[COLAGG_GOOD], c->miss[COLAGG_BAD],
		    c->nmissing > 0, spec);
		ch = bin_coarse(fine, spec);
		if (bin_single(ch))
			splits = bin_splits_levels(&tc, goods, bads,
			    spec->woe_adjust, why, sizeof why);
		agg_col_done(&tc);
		free(all);
		free(goods);
		free(bads);
	}
	characteristic_free(fine);
	if (splits)
		bin_mark_splits(ch, why);
	free(order);
	return ch;
}

struct desk_bins *
desk_bins_open_agg(struct desk *d, const char *table,
	const char *const *only, size_t nonly, const struct bin_spec *spec,
	struct rd_err *err)
{
	return desk_bins_open_codes(d, table, only, nonly, spec, "binning",
	    NULL, err);
}

struct desk_bins *
desk_bins_open_codes(struct desk *d, const char *table,
	const char *const *only, size_t nonly, const struct bin_spec *spec,
	const char *what, struct colagg **codes, struct rd_err *err)
{
	struct desk_bins *b = NULL;
	struct dataset *ds, tmp;
	struct desk_left_out *left = NULL, *v = NULL;
	struct colagg *a;
	size_t nc = 0, j, k, m = 0, nleft = 0, nv = 0;
	char **cols, **names;
	const char **keep;
	unsigned char *skip = NULL;
	char **why = NULL;
	signed char one = DS_GOOD;

	rd_err_clear(err);
	/* What desk_bins_load reads: the named columns (all by default)
	   but the recorded identifiers and the reject column. */
	if ((cols = table_columns(d, table, &nc, err)) == NULL)
		return NULL;
	if (recorded_ids(d, table, cols, nc, &left, &nleft, err) != 0) {
		strv_free(cols, nc);
		return NULL;
	}
	keep = xcalloc(nc + 1, sizeof *keep);
	for (j = 0; j < nc; j++) {
		int want = only == NULL;

		for (k = 0; !want && k < nonly; k++)
			want = strcmp(only[k], cols[j]) == 0;
		for (k = 0; want && k < nleft; k++)
			want = strcmp(left[k].name, cols[j]) != 0;
		if (want)
			keep[m++] = cols[j];
	}
	a = colagg_read(d->db, table, keep, m, codes != NULL, err);
	free(keep);
	strv_free(cols, nc);
	if (a == NULL) {
		desk_left_out_free(left, nleft);
		return NULL;
	}
	/* The dataset of no rows: counts, columns by name and type. */
	ds = xcalloc(1, sizeof *ds);
	ds->table = xstrdup(table);
	ds->nrows = a->nrows;
	ds->target = a->target;
	ds->ngood = a->ngood;
	ds->nbad = a->nbad;
	ds->nindet = a->nindet;
	ds->nreject = a->nreject;
	ds->nreject_known = a->nreject_known;
	ds->ncols = a->ncols;
	ds->cols = xcalloc(a->ncols + 1, sizeof *ds->cols);
	for (j = 0; j < a->ncols; j++) {
		ds->cols[j].name = xstrdup(a->cols[j].name);
		ds->cols[j].type = a->cols[j].type;
		ds->cols[j].date = a->cols[j].date;
		ds->cols[j].nmissing = a->cols[j].nmissing;
		ds->cols[j].ninexact = a->cols[j].ninexact;
		ds->cols[j].inexact_eg = a->cols[j].inexact_eg;
		if (a->cols[j].role != NULL)
			ds->cols[j].role = xstrdup(a->cols[j].role);
		if (a->cols[j].role_note != NULL)
			ds->cols[j].role_note = xstrdup(a->cols[j].role_note);
	}
	/* desk_need_outcomes reads y only for its presence. */
	tmp = *ds;
	tmp.y = a->target >= 0 ? &one : NULL;
	if (desk_need_outcomes(&tmp, table, what, err) != 0) {
		ds_free(ds);
		colagg_free(a);
		desk_left_out_free(left, nleft);
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->left_out = left;
	b->nleft_out = nleft;
	b->table = xstrdup(table);
	b->ds = ds;
	b->rejects_marked = a->has_reject;
	bins_spec_copy(b, spec);
	if (desk_bins_lend(d, ds, &b->spec, &b->lend, err) < 0)
		goto fail;
	/* Identifiers by the rule (desk_bins_identify), with the saved
	   binnings known. */
	if ((names = db_table_column_names(d->db, table, &nc, err)) == NULL)
		goto fail;
	skip = xcalloc(a->ncols + 1, 1);
	why = xcalloc(a->ncols + 1, sizeof *why);
	for (j = 0; j < a->ncols; j++) {
		char w[RD_ERR_MSG];

		if ((int)j == a->target)
			continue;
		if ((skip[j] = (unsigned char)agg_identifier(a, &a->cols[j],
		    &b->spec, w, sizeof w)))
			why[j] = xstrdup(w);
	}
	for (k = 0; k < nc; k++) {
		int c = colagg_index(a, names[k]);
		size_t i;

		if (c >= 0 && c == a->target)
			continue;
		if (c >= 0 && skip[c]) {
			left_add(&v, &nv, names[k], why[c]);
			continue;
		}
		for (i = 0; i < b->nleft_out; i++)
			if (strcmp(b->left_out[i].name, names[k]) == 0) {
				left_add(&v, &nv, names[k],
				    b->left_out[i].why);
				break;
			}
	}
	strv_free(names, nc);
	desk_left_out_free(b->left_out, b->nleft_out);
	b->left_out = v;
	b->nleft_out = nv;
	b->spec.saved = NULL;
	b->spec.nsaved = 0;
	b->chars = xcalloc(a->ncols + 1, sizeof *b->chars);
	b->col = xcalloc(a->ncols + 1, sizeof *b->col);
	b->saved = xcalloc(a->ncols + 1, sizeof *b->saved);
	/* The saved binnings counted again, in column order first (their
	   errors come before any classing, as in bins_open). */
	for (j = 0; j < a->ncols; j++) {
		struct characteristic *ch;
		int failed;

		if ((int)j == a->target || skip[j])
			continue;
		ch = saved_get(d, table, a->cols[j].name, &failed, err);
		if (failed)
			goto fail;
		if (ch != NULL) {
			if (agg_recount(ch, &a->cols[j], &b->spec, err) < 0) {
				characteristic_free(ch);
				goto fail;
			}
			b->saved[b->nchars] = 1;
		}
		b->col[b->nchars] = (int)j;
		b->chars[b->nchars++] = ch;
	}
	if (spec->nquantiles < 1) {
		rd_err_set(err, RD_EUSAGE, "nquantiles must be at least 1, "
		    "found %d", spec->nquantiles);
		goto fail;
	}
	/* The optimal classing of the others, with its progress as
	   bin_characteristics reports it (util/progress.h). */
	{
		size_t nopt = 0, done = 0;

		for (k = 0; k < b->nchars; k++)
			nopt += b->chars[k] == NULL;
		if (nopt > 0)
			rd_progress("classing", 0, nopt, "characteristics",
			    NULL);
		for (k = 0; k < b->nchars; k++)
			if (b->chars[k] == NULL) {
				b->chars[k] = agg_optimal(&a->cols[b->col[k]],
				    &b->spec);
				rd_progress("classing", ++done, nopt,
				    "characteristics", b->chars[k]->name);
			}
	}
	for (j = 0; j < a->ncols; j++)
		free(why[j]);
	free(why);
	free(skip);
	if (codes != NULL)
		*codes = a;
	else
		colagg_free(a);
	return b;

fail:
	if (why != NULL)
		for (j = 0; j < a->ncols; j++)
			free(why[j]);
	free(why);
	free(skip);
	colagg_free(a);
	desk_bins_free(b);
	return NULL;
}

/* ------------------------------------------------- an engine's table */

/* The fine classing of engine column c from its aggregates (no rows);
   a numeric one takes *ranges, its bins (bin_fine_ranges). */
static struct characteristic *
engine_fine(const struct engine_bin *eb, const struct engine_bin_col *c,
	struct characteristic **ranges, const struct bin_spec *spec,
	struct ds_column *tc)
{
	struct characteristic *ch;

	if (!c->numeric) {
		memset(tc, 0, sizeof *tc);
		tc->name = c->name;
		tc->type = DS_TEXT;
		tc->levels = c->levels;
		tc->nlevels = c->nlevels;
		return bin_fine_levels(tc, c->lall, c->lgoods, c->lbads,
		    c->mgoods, c->mbads, c->present < eb->rows, spec);
	}
	/* Bins in the engine's slots: ranges, specials, then NULLs (the
	   missing bin, when there is one, is the last slot). */
	ch = *ranges;
	*ranges = NULL;
	bin_count_cells(ch, c->goods, c->bads);
	bin_woe(ch, spec);
	return ch;
}

char *
desk_bins_float4_warning(char *buf, size_t len, const char *names)
{
	int many = strchr(names, ',') != NULL;

	snprintf(buf, len, "%s %s %s (4-byte float): %s values keep about "
	    "7 significant digits; each is read as the shortest decimal that "
	    "gives the float4 back (25.01, not the widened "
	    "25.010000228881836), the number an import of its text gives, "
	    "and the cut points are such numbers; a value written with more "
	    "digits than a float4 keeps was rounded when the engine stored "
	    "it (store %s as double precision to keep every digit)",
	    many ? "columns" : "column", names, many ? "are real columns" :
	    "is a real column", many ? "their" : "its", many ? "them" :
	    "it");
	return buf;
}

struct desk_bins *
desk_bins_open_engine(const char *conninfo, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, const char *reject_col,
	const char *reject_value, const char *const *only, size_t nonly,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct engine_bin *eb;
	struct desk_bins *b = NULL;
	struct characteristic **ranges = NULL;
	struct dataset *ds;
	size_t j, k, q = spec->nquantiles > 1 ? (size_t)spec->nquantiles : 1;

	rd_err_clear(err);
	if (spec->nquantiles < 1) {
		rd_err_set(err, RD_EUSAGE, "nquantiles must be at least 1, "
		    "found %d", spec->nquantiles);
		return NULL;
	}
	eb = engine_bin_open(conninfo, source, target, bad, nbad, good,
	    ngood, reject_col, reject_value, only, nonly, err);
	if (eb == NULL)
		return NULL;
	for (j = 0; j < eb->ncols; j++)
		if (eb->cols[j].numeric)
			eb->cols[j].specials = bin_specials_of(spec,
			    eb->cols[j].name, 1, &eb->cols[j].nspecials);
	if (engine_bin_summarise(eb, err) != 0)
		goto fail;
	ds = xcalloc(1, sizeof *ds);
	ds->table = xstrdup(source);
	ds->target = -1;
	ds->nrows = eb->rows;
	ds->ngood = eb->goods;
	ds->nbad = eb->bads;
	ds->nreject = eb->rejects;
	ds->nindet = eb->rows - eb->goods - eb->bads - eb->rejects;
	b = xcalloc(1, sizeof *b);
	b->rejects_marked = reject_col != NULL;
	if (reject_col != NULL) {
		/* Not a characteristic: bins_open's words (reject_col). */
		char *why = xasprintf("the reject decision (--reject-when "
		    "%s=%s): a decision, not a characteristic", reject_col,
		    reject_value);

		left_add(&b->left_out, &b->nleft_out, reject_col, why);
		free(why);
	}
	/* Dates: not characteristics as they stand (bin_identifier). */
	for (j = 0; j < eb->ndates; j++)
		left_add(&b->left_out, &b->nleft_out, eb->dates[j],
		    BIN_DATE_WHY);
	b->table = xstrdup(source);
	b->engine = xstrdup(engine_bin_name(eb));
	b->ds = ds;
	bins_spec_copy(b, spec);
	/* The column specials stay the caller's, as bins_open's spec
	   borrows them. */
	if (eb->goods == 0 || eb->bads == 0) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no %s among its "
		    "known outcomes: binning needs bads and goods; check "
		    "--target and --bad", source, eb->bads == 0 ? "bads" :
		    "goods");
		goto fail;
	}
	/* The cut candidates: the order statistics bin_fine selects. */
	for (j = 0; j < eb->ncols; j++) {
		struct engine_bin_col *c = &eb->cols[j];

		if (!c->numeric)
			continue;
		c->pos = xcalloc(q + 1, sizeof *c->pos);
		c->npos = bin_fine_positions(c->m, spec, c->pos);
	}
	if (engine_bin_order_stats(eb, err) != 0)
		goto fail;
	ranges = xcalloc(eb->ncols + 1, sizeof *ranges);
	for (j = 0; j < eb->ncols; j++) {
		struct engine_bin_col *c = &eb->cols[j];
		struct characteristic *ch;
		size_t nr = 0;

		if (!c->numeric)
			continue;
		ch = ranges[j] = bin_fine_ranges(c->name, c->m, c->vmin,
		    c->vmax, c->at, c->npos, &c->cs, c->present < eb->rows,
		    spec);
		bin_mark_big_integers(ch, c->ninexact, c->inexact_eg);
		while (nr < ch->nbins && ch->bins[nr].kind == BIN_RANGE)
			nr++;
		c->ncut = nr > 0 ? nr - 1 : 0;
		c->cut = xcalloc(c->ncut + 1, sizeof *c->cut);
		for (k = 1; k < nr; k++)
			c->cut[k - 1] = ch->bins[k].lower;
	}
	if (engine_bin_count(eb, err) != 0)
		goto fail;
	b->chars = xcalloc(eb->ncols + 1, sizeof *b->chars);
	b->col = xcalloc(eb->ncols + 1, sizeof *b->col);
	b->saved = xcalloc(eb->ncols + 1, sizeof *b->saved);
	for (j = 0; j < eb->ncols; j++) {
		const struct engine_bin_col *c = &eb->cols[j];
		struct ds_column tc;
		struct characteristic *fine, *ch;
		char why[1024];
		int splits;

		fine = engine_fine(eb, c, &ranges[j], spec, &tc);
		ch = bin_coarse(fine, spec);
		characteristic_free(fine);
		if (bin_single(ch)) {
			splits = c->numeric ? bin_splits_num(c->name, c->ng,
			    c->nb, c->gmin, c->gmax, c->bmin, c->bmax,
			    spec->woe_adjust, why, sizeof why) :
			    bin_splits_levels(&tc, c->lgoods, c->lbads,
			    spec->woe_adjust, why, sizeof why);
			if (splits)
				bin_mark_splits(ch, why);
		}
		b->col[b->nchars] = -1;
		b->chars[b->nchars++] = ch;
	}
	b->engine_rows = eb->sent_rows;
	for (j = 0; j < eb->ncols; j++) {
		char *t;

		if (!eb->cols[j].float4)
			continue;
		t = b->float4 == NULL ? xstrdup(eb->cols[j].name) :
		    xasprintf("%s, %s", b->float4, eb->cols[j].name);
		free(b->float4);
		b->float4 = t;
	}
	for (j = 0; j < eb->ncols; j++)
		characteristic_free(ranges[j]);
	free(ranges);
	engine_bin_free(eb);
	return b;

fail:
	if (ranges != NULL)
		for (j = 0; j < eb->ncols; j++)
			characteristic_free(ranges[j]);
	free(ranges);
	engine_bin_free(eb);
	desk_bins_free(b);
	return NULL;
}

void
desk_bins_free(struct desk_bins *b)
{
	size_t k;

	if (b == NULL)
		return;
	for (k = 0; k < b->nchars; k++)
		characteristic_free(b->chars[k]);
	free(b->chars);
	free(b->col);
	free(b->saved);
	free(b->specials);
	desk_bins_lend_done(&b->lend);
	desk_left_out_free(b->left_out, b->nleft_out);
	ds_free(b->ds);
	free(b->table);
	free(b->engine);
	free(b->float4);
	free(b);
}

int
desk_bins_index(const struct desk_bins *b, const char *name)
{
	size_t k;

	for (k = 0; k < b->nchars; k++)
		if (strcmp(b->chars[k]->name, name) == 0)
			return (int)k;
	return -1;
}

const struct desk_left_out *
desk_bins_left_out(const struct desk_bins *b, const char *name)
{
	size_t k;

	for (k = 0; k < b->nleft_out; k++)
		if (strcmp(b->left_out[k].name, name) == 0)
			return &b->left_out[k];
	return NULL;
}

static const struct ds_column *
kcol(const struct desk_bins *b, size_t k)
{
	return &b->ds->cols[b->col[k]];
}

static int
check_k(const struct desk_bins *b, size_t k, struct rd_err *err)
{
	if (k >= b->nchars)
		return rd_err_set(err, RD_EINPUT, "no characteristic %zu", k + 1);
	return 0;
}

struct characteristic *
desk_bins_fine(const struct desk_bins *b, size_t k, struct rd_err *err)
{
	if (check_k(b, k, err) < 0)
		return NULL;
	return bin_fine(b->ds, kcol(b, k), &b->spec, err);
}

int
desk_bins_merge(struct desk_bins *b, size_t k, size_t bin, struct rd_err *err)
{
	if (check_k(b, k, err) < 0)
		return -1;
	return bin_merge(b->chars[k], bin, b->ds, kcol(b, k), &b->spec, err);
}

int
desk_bins_split(struct desk_bins *b, size_t k, size_t bin, double at,
	struct rd_err *err)
{
	if (check_k(b, k, err) < 0)
		return -1;
	return bin_split(b->chars[k], bin, at, b->ds, kcol(b, k), &b->spec,
	    err);
}

int
desk_bins_move(struct desk_bins *b, size_t k, const char *level, int to,
	struct rd_err *err)
{
	if (check_k(b, k, err) < 0)
		return -1;
	return bin_move_level(b->chars[k], level, to, b->ds, kcol(b, k),
	    &b->spec, err);
}

int
desk_bins_optimal(struct desk_bins *b, size_t k, struct rd_err *err)
{
	struct characteristic *ch;

	if (check_k(b, k, err) < 0)
		return -1;
	if ((ch = bin_optimal(b->ds, kcol(b, k), &b->spec, err)) == NULL)
		return -1;
	characteristic_free(b->chars[k]);
	b->chars[k] = ch;
	return 0;
}

int
desk_bins_save(struct desk *d, struct desk_bins *b, size_t k,
	struct rd_err *err)
{
	char *body;
	int rc;

	if (check_k(b, k, err) < 0)
		return -1;
	body = bin_def_format(b->chars[k]);
	rc = db_binning_put(d->db, b->table, b->chars[k]->name, body, err);
	free(body);
	if (rc == 0)
		b->saved[k] = 1;
	return rc;
}

int
desk_bins_forget(struct desk *d, struct desk_bins *b, size_t k,
	struct rd_err *err)
{
	if (check_k(b, k, err) < 0)
		return -1;
	if (db_binning_delete(d->db, b->table, b->chars[k]->name, err) < 0)
		return -1;
	b->saved[k] = 0;
	return desk_bins_optimal(b, k, err);
}

/* ---------------------------------------------------- the YAML spec */

static void
to_spec(const struct characteristic *ch, struct binspec_char *c)
{
	size_t i, l;

	memset(c, 0, sizeof *c);
	c->name = xstrdup(ch->name);
	c->numeric = ch->numeric;
	c->other_group = -1;
	c->breaks = xcalloc(ch->nbins + 1, sizeof *c->breaks);
	c->specials = xcalloc(ch->nbins + 1, sizeof *c->specials);
	c->groups = xcalloc(ch->nbins + 1, sizeof *c->groups);
	for (i = 0; i < ch->nbins; i++) {
		const struct bin *x = &ch->bins[i];

		switch (x->kind) {
		case BIN_RANGE:
			if (i > 0)
				c->breaks[c->nbreaks++] = x->lower;
			break;
		case BIN_SPECIAL:
			c->specials[c->nspecials++] = x->lower;
			break;
		case BIN_MISSING:
			c->missing = 1;
			break;
		case BIN_LEVELS:
			if (x->other) {
				c->other_group = (int)c->ngroups;
				c->other_levels = x->nother;
			}
			c->groups[c->ngroups] = xcalloc(x->nlevels + 1,
			    sizeof **c->groups);
			for (l = 0; l < x->nlevels; l++)
				c->groups[c->ngroups][l] =
				    xstrdup(x->levels[l]);
			c->ngroups++;
			break;
		}
	}
}

int
desk_bins_export(const struct desk_bins *b, const size_t *which, size_t n,
	const char *path, struct rd_err *err)
{
	struct binspec spec;
	size_t k;
	struct afile *af;
	int rc;

	memset(&spec, 0, sizeof spec);
	if (which == NULL)
		n = b->nchars;
	spec.table = xstrdup(b->table);
	spec.chars = xcalloc(n + 1, sizeof *spec.chars);
	for (k = 0; k < n; k++) {
		size_t i = which != NULL ? which[k] : k;

		if (check_k(b, i, err) < 0) {
			binspec_done(&spec);
			return -1;
		}
		to_spec(b->chars[i], &spec.chars[spec.nchars++]);
	}
	/* Whole or not at all: an old spec stays as it was on error. */
	if ((af = afile_open(path, err)) == NULL) {
		binspec_done(&spec);
		return -1;
	}
	if ((rc = binspec_write(afile_stream(af), &spec, err)) == 0)
		rc = afile_commit(af, err);
	else
		rc = afile_fail(af, err);
	binspec_done(&spec);
	return rc;
}

int
desk_bins_apply_spec(struct desk *d, struct desk_bins *b, const char *path,
	size_t *napplied, struct rd_err *err)
{
	struct binspec spec;
	struct characteristic **made = NULL;
	int *at = NULL;
	size_t k, n = 0;
	int rc = -1;

	if (napplied != NULL)
		*napplied = 0;
	if (binspec_load(path, &spec, err) < 0)
		return -1;
	made = xcalloc(spec.nchars + 1, sizeof *made);
	at = xcalloc(spec.nchars + 1, sizeof *at);
	for (k = 0; k < spec.nchars; k++) {
		const struct binspec_char *c = &spec.chars[k];
		struct bin_def def;
		int i = desk_bins_index(b, c->name);

		if (i < 0 && desk_bins_left_out(b, c->name) != NULL) {
			rd_err_setloc(err, RD_EINPUT, path, c->line, 0,
			    "'%s' of table '%s' is not binned: %s (an "
			    "identifier is never binned, ranked or fitted)",
			    c->name, b->table,
			    desk_bins_left_out(b, c->name)->why);
			goto out;
		}
		if (i < 0) {
			rd_err_setloc(err, RD_EINPUT, path, c->line, 0,
			    "table '%s' has no characteristic '%s'", b->table,
			    c->name);
			goto out;
		}
		memset(&def, 0, sizeof def);
		def.numeric = c->numeric;
		def.breaks = c->breaks;
		def.nbreaks = c->nbreaks;
		def.specials = c->specials;
		def.nspecials = c->nspecials;
		def.groups = (const char *const *const *)c->groups;
		def.ngroups = c->ngroups;
		def.other_group = c->other_group;
		def.other_levels = c->other_levels;
		def.missing = c->missing;
		made[n] = bin_from_def(b->ds, kcol(b, (size_t)i), &def,
		    &b->spec, err);
		if (made[n] == NULL) {
			char msg[RD_ERR_MSG];

			snprintf(msg, sizeof msg, "%s", err->msg);
			rd_err_setloc(err, RD_EINPUT, path, c->line, 0, "%s",
			    msg);
			goto out;
		}
		at[n++] = i;
	}
	/* Everything built: save, then take them in. */
	for (k = 0; k < n; k++) {
		char *body = bin_def_format(made[k]);
		int r = db_binning_put(d->db, b->table, made[k]->name, body,
		    err);

		free(body);
		if (r < 0)
			goto out;
	}
	for (k = 0; k < n; k++) {
		characteristic_free(b->chars[at[k]]);
		b->chars[at[k]] = made[k];
		b->saved[at[k]] = 1;
		made[k] = NULL;
	}
	if (napplied != NULL)
		*napplied = n;
	rc = 0;
out:
	for (k = 0; k < n; k++)
		characteristic_free(made[k]);
	free(made);
	free(at);
	binspec_done(&spec);
	return rc;
}

static int
saved_all(struct desk *d, const char *table,
	struct characteristic ***chars, size_t *n, struct rd_err *err)
{
	char **names = db_binning_list(d->db, table, err);
	size_t k;
	int failed = 0;

	*chars = NULL;
	*n = 0;
	if (names == NULL)
		return -1;
	for (k = 0; names[k] != NULL; k++)
		;
	*chars = xcalloc(k + 1, sizeof **chars);
	for (k = 0; names[k] != NULL && !failed; k++) {
		struct characteristic *ch = saved_get(d, table, names[k],
		    &failed, err);

		if (ch != NULL)
			(*chars)[(*n)++] = ch;
	}
	for (k = 0; names[k] != NULL; k++)
		free(names[k]);
	free(names);
	if (failed) {
		while (*n > 0)
			characteristic_free((*chars)[--*n]);
		free(*chars);
		*chars = NULL;
		return -1;
	}
	return 0;
}

int
desk_bins_lend(struct desk *d, const struct dataset *ds,
	struct bin_spec *spec, struct desk_bins_lend *l, struct rd_err *err)
{
	size_t j, i;

	memset(l, 0, sizeof *l);
	if (saved_all(d, ds->table, &l->saved, &l->nsaved, err) < 0)
		return -1;
	l->cs = xcalloc(ds->ncols + spec->ncolspecials + 1, sizeof *l->cs);
	/* The caller's own column specials first (copied), then the
	   declared ones. */
	for (j = 0; j < spec->ncolspecials; j++) {
		const struct bin_colspecial *c = &spec->colspecials[j];
		double *vals = xcalloc(c->nvalues + 1, sizeof *vals);

		memcpy(vals, c->values, c->nvalues * sizeof *vals);
		l->cs[l->ncs].column = c->column;
		l->cs[l->ncs].values = vals;
		l->cs[l->ncs++].nvalues = c->nvalues;
	}
	for (j = 0; j < ds->ncols; j++) {
		struct db_special *v = NULL;
		size_t n = 0;
		double *vals;

		if (ds->cols[j].type == DS_TEXT)
			continue;
		if (db_special_values(d->db, ds->table, ds->cols[j].name, &v,
		    &n, err) < 0) {
			desk_bins_lend_done(l);
			return -1;
		}
		if (n == 0)
			continue;
		vals = xcalloc(n, sizeof *vals);
		l->cs[l->ncs].column = ds->cols[j].name;
		l->cs[l->ncs].values = vals;
		for (i = 0; i < n; i++)
			if (!isnan(v[i].num))
				vals[l->cs[l->ncs].nvalues++] = v[i].num;
		l->ncs++;
		db_special_free(v, n);
	}
	spec->saved = l->saved;
	spec->nsaved = l->nsaved;
	spec->colspecials = l->cs;
	spec->ncolspecials = l->ncs;
	return 0;
}

void
desk_bins_lend_done(struct desk_bins_lend *l)
{
	size_t k;

	for (k = 0; k < l->nsaved; k++)
		characteristic_free(l->saved[k]);
	free(l->saved);
	for (k = 0; k < l->ncs; k++)
		free((double *)l->cs[k].values);
	free(l->cs);
	memset(l, 0, sizeof *l);
}

/* ------------------------------------------------------------ stability */

struct desk_csi *
desk_bins_csi(struct desk *d, const struct desk_bins *b, const char *table,
	struct rd_err *err)
{
	const char **names = xcalloc(b->nchars + 1, sizeof *names);
	struct dataset *ds;
	struct desk_csi *c;
	size_t k;

	/* Only the characteristics' columns are read. */
	for (k = 0; k < b->nchars; k++)
		names[k] = b->chars[k]->name;
	ds = desk_load_named(d, table, names, b->nchars, err);
	free(names);
	if (ds == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->table = xstrdup(table);
	c->v = xcalloc(b->nchars + 1, sizeof *c->v);
	for (k = 0; k < b->nchars; k++) {
		const struct characteristic *ch = b->chars[k];
		struct desk_csi_char *x = &c->v[c->n++];
		int j = ds_column_index(ds, ch->name);
		size_t *base;
		struct rd_err e2;

		x->k = k;
		x->csi = NAN;
		x->reading = "";
		x->base.unseen_bin = x->cur.unseen_bin = -1;
		rd_err_clear(&e2);
		if (j < 0 || bin_apply(ch, &ds->cols[j], ds->nrows, &x->cur,
		    &e2) < 0) {
			x->missing_col = xstrdup(j < 0 ? "no such column" :
			    e2.msg);
			continue;
		}
		if (bin_apply(ch, kcol(b, k), b->ds->nrows, &x->base, err) < 0)
			goto fail;
		/* The base has no extra missing bin: align the counts. */
		base = xcalloc(x->cur.nbins + 1, sizeof *base);
		memcpy(base, x->base.count, (x->base.nbins < x->cur.nbins ?
		    x->base.nbins : x->cur.nbins) * sizeof *base);
		x->share_base = xcalloc(x->cur.nbins + 1,
		    sizeof *x->share_base);
		x->share_cur = xcalloc(x->cur.nbins + 1, sizeof *x->share_cur);
		x->contrib = xcalloc(x->cur.nbins + 1, sizeof *x->contrib);
		x->flag = xcalloc(x->cur.nbins + 1, sizeof *x->flag);
		x->adjust = b->spec.psi_adjust;
		x->csi = bin_csi(base, x->cur.count, x->cur.nbins, x->adjust,
		    x->share_base, x->share_cur, x->contrib, x->flag,
		    &x->adjusted);
		x->reading = bin_csi_reading(x->csi);
		free(base);
	}
	ds_free(ds);
	return c;

fail:
	ds_free(ds);
	desk_csi_free(c);
	return NULL;
}

static void
csi_char_done(struct desk_csi_char *x)
{
	bin_applied_done(&x->base);
	bin_applied_done(&x->cur);
	free(x->share_base);
	free(x->share_cur);
	free(x->contrib);
	free(x->flag);
	free(x->missing_col);
}

void
desk_csi_free(struct desk_csi *c)
{
	size_t k;

	if (c == NULL)
		return;
	for (k = 0; k < c->n; k++)
		csi_char_done(&c->v[k]);
	free(c->v);
	free(c->table);
	free(c);
}

void
desk_csi_keep(struct desk_csi *c, const size_t *which, size_t n)
{
	size_t i, j, m = 0;

	if (c == NULL || which == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		int want = 0;

		for (j = 0; j < n && !want; j++)
			want = c->v[i].k == which[j];
		if (want) {
			struct desk_csi_char t = c->v[m];

			c->v[m++] = c->v[i];
			c->v[i] = t;
		}
	}
	for (i = m; i < c->n; i++)
		csi_char_done(&c->v[i]);
	c->n = m;
}
