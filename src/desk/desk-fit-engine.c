/*
 * desk-fit-engine.c - a scorecard fitted where the applicants live:
 * `riskdesk fit --engine CONNINFO --source TABLE` (desk-engine.h
 * desk_fit_engine).
 *
 * No applicant row leaves the server.  The characteristics are classed
 * from bin --engine's aggregate queries (desk_bins_open_engine: the same
 * bins as on the rows imported), then one query (export/sql.h
 * export_sql_bin_cells) gives the rows of each combination of the
 * candidates' bins and outcome: the WoE design of a row is a function of
 * its bins alone, so the cells hold everything the fit reads of the
 * rows.  riskdesk puts each cell's rows into a binned sample
 * (model/binned.h: a byte per characteristic and one for the outcome per
 * row) and fits the scorecard on it as desk_fit does on a table of its
 * own.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/ds.h"
#include "data/engine.h"
#include "data/sqltext.h"
#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "desk/desk-engine.h"
#include "desk/desk-internal.h"
#include "export/sql.h"
#include "model/bin.h"
#include "model/binned.h"
#include "model/card.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* The cells the bin cells query gives, as read. */
struct cells {
	size_t k;		/* characteristics */
	size_t n, cap;		/* cells */
	int *bin;		/* [n * k] bin index, -1 none, -2 fallback */
	signed char *y;		/* [n] DS_GOOD, DS_BAD, DS_INDET */
	size_t *count;		/* [n] rows */
	size_t rows;		/* sum of count */
	size_t nback, bytes;	/* rows and bytes the engine sent */
	struct rd_err *err;
};

static int
cell_row(void *ctx, int ncols, const char *const *vals)
{
	struct cells *c = ctx;
	size_t j;
	int v;

	c->nback++;
	for (v = 0; v < ncols; v++)
		c->bytes += vals[v] != NULL ? strlen(vals[v]) : 0;
	if (ncols != (int)c->k + 2 || vals[c->k + 1] == NULL)
		return rd_err_set(c->err, RD_EDB, "the bin cells query gave a "
		    "row riskdesk cannot read");
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->bin = xreallocarray(c->bin, c->cap * (c->k > 0 ? c->k : 1),
		    sizeof *c->bin);
		c->y = xreallocarray(c->y, c->cap, sizeof *c->y);
		c->count = xreallocarray(c->count, c->cap, sizeof *c->count);
	}
	for (j = 0; j < c->k; j++) {
		char *end;
		long b;

		if (vals[j] == NULL)
			return rd_err_set(c->err, RD_EDB, "the bin cells "
			    "query gave no bin");
		b = strtol(vals[j], &end, 10);
		if (*end != '\0' || b < -2 || b > 65535)
			return rd_err_set(c->err, RD_EDB, "the bin cells "
			    "query gave the bin \"%s\"", vals[j]);
		c->bin[c->n * c->k + j] = (int)b;
	}
	if (vals[c->k] == NULL)
		c->y[c->n] = DS_INDET;
	else if (strcmp(vals[c->k], "0") == 0)
		c->y[c->n] = DS_GOOD;
	else if (strcmp(vals[c->k], "1") == 0)
		c->y[c->n] = DS_BAD;
	else
		return rd_err_set(c->err, RD_EDB, "the bin cells query gave "
		    "the outcome \"%s\", not 0 or 1", vals[c->k]);
	if (engine_text_count(vals[c->k + 1], &c->count[c->n]) != 0)
		return rd_err_set(c->err, RD_EDB, "the bin cells query gave "
		    "the count \"%s\"", vals[c->k + 1]);
	c->rows += c->count[c->n];
	c->n++;
	return 0;
}

static void
cells_done(struct cells *c)
{
	free(c->bin);
	free(c->y);
	free(c->count);
	memset(c, 0, sizeof *c);
}

/* The bin cells of chars[n] over source: the query run, the cells read. */
static int
cells_query(struct engine *e, const char *source,
	const struct sqlx_column *cols, size_t ncols, const char *target,
	const char *bads, const char *goods, const char *reject_col,
	const char *reject_value, struct characteristic **chars, size_t n,
	struct cells *out, struct rd_err *err)
{
	struct scorecard tmp;
	struct export_sql_spec spec;
	char *sql;
	size_t k;
	int rc;

	memset(&tmp, 0, sizeof tmp);
	tmp.nchars = n;
	tmp.chars = xcalloc(n > 0 ? n : 1, sizeof *tmp.chars);
	for (k = 0; k < n; k++)
		tmp.chars[k].ch = chars[k];
	memset(&spec, 0, sizeof spec);
	spec.dialect = SQLX_POSTGRESQL;
	spec.source = source;
	spec.cols = cols;
	spec.ncols = ncols;
	spec.target = target;
	spec.bad = bads;
	spec.good = goods;
	spec.reject = reject_col;
	spec.reject_value = reject_value;
	spec.comment = "the bins of the candidate characteristics, for a fit";
	sql = export_sql_bin_cells(&tmp, &spec, err);
	free(tmp.chars);
	if (sql == NULL) {
		char msg[RD_ERR_MSG];

		snprintf(msg, sizeof msg, "%s", err->msg);
		return rd_err_set(err, err->cls, "source \"%s\": %s", source,
		    msg);
	}
	memset(out, 0, sizeof *out);
	out->k = n;
	out->err = err;
	rc = engine_query(e, sql, cell_row, out, err);
	free(sql);
	return rc;
}

/* "a\tb\tc" of v[n] (NULL when n is 0); caller frees. */
static char *
tab_list(const char *const *v, size_t n)
{
	char *s = NULL;
	size_t k;

	for (k = 0; k < n; k++) {
		char *t = xasprintf("%s%s%s", s != NULL ? s : "", s != NULL ?
		    "\t" : "", v[k]);

		free(s);
		s = t;
	}
	return s;
}

static int
listed(const char *const *v, size_t n, const char *name)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(v[k], name) == 0)
			return 1;
	return 0;
}

int
desk_fit_engine(struct desk *d, const char *conninfo, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, const char *reject_col,
	const char *reject_value, const char *name,
	const struct card_fit_spec *spec, struct scorecard **out,
	struct desk_fit_engine_info *info, struct rd_err *err)
{
	struct desk_bins *b = NULL;
	struct engine *e = NULL;
	struct sqlx_column *cols = NULL;
	struct characteristic **cand = NULL;
	struct binned_sample bs;
	struct cells cl;
	struct scorecard *card = NULL;
	char **dropped = NULL, *bads = NULL, *goods = NULL, *body;
	const char **only = NULL;
	size_t ncols = 0, ndropped = 0, ncand = 0, nonly = 0, j, k;
	int rc = -1;

	*out = NULL;
	memset(info, 0, sizeof *info);
	memset(&bs, 0, sizeof bs);
	memset(&cl, 0, sizeof cl);
	info->engine = "postgresql";
	if (spec->sample.kind != CARD_SAMPLE_ALL)
		return rd_err_set(err, RD_EUSAGE, "a fit in the engine takes "
		    "the whole table: fit on a view of the development rows");
	if (desk_engine_open(conninfo, source, &target, 1, NULL, &e, &cols,
	    &ncols, err) != 0)
		goto done;
	/* Every name --exclude and --force give is a column; the columns
	   classed are the others but the target and the reject rule's. */
	for (k = 0; k < spec->nexclude + spec->nforced; k++) {
		const char *n = k < spec->nexclude ? spec->exclude[k] :
		    spec->forced[k - spec->nexclude];

		for (j = 0; j < ncols; j++)
			if (strcmp(cols[j].name, n) == 0)
				break;
		if (j == ncols) {
			rd_err_set(err, RD_EINPUT, "cannot %s \"%s\": table "
			    "\"%s\" has no such column", k < spec->nexclude ?
			    "exclude" : "force", n, source);
			goto done;
		}
		if (strcmp(n, target) == 0) {
			rd_err_set(err, RD_EINPUT, "cannot %s \"%s\": it is "
			    "the target", k < spec->nexclude ? "exclude" :
			    "force", n);
			goto done;
		}
	}
	only = xcalloc(ncols + 1, sizeof *only);
	for (j = 0; j < ncols; j++)
		if (strcmp(cols[j].name, target) != 0 &&
		    (reject_col == NULL || strcmp(cols[j].name,
		    reject_col) != 0) && !listed(spec->exclude,
		    spec->nexclude, cols[j].name))
			only[nonly++] = cols[j].name;
	if (nonly == 0) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no column to fit "
		    "on but the target%s", source, spec->nexclude > 0 ?
		    " and the excluded ones" : "");
		goto done;
	}
	b = desk_bins_open_engine(conninfo, source, target, bad, nbad, good,
	    ngood, reject_col, reject_value, only, nonly, &spec->bins, err);
	if (b == NULL)
		goto done;
	info->classing_rows = b->engine_rows;
	if (b->float4 != NULL)
		info->float4 = xstrdup(b->float4);
	/* What is left out, in fit_classed's order (card.c): the reject
	   rule's column, the excluded ones, then in column order each date
	   (bin_identifier's), each characteristic with a status and each
	   below --min-iv. */
	dropped = xcalloc(ncols + spec->nexclude + 2, sizeof *dropped);
	for (k = 0; k < b->nleft_out; k++)
		if (strcmp(b->left_out[k].why, BIN_DATE_WHY) != 0)
			dropped[ndropped++] = xasprintf("%s: %s",
			    b->left_out[k].name, b->left_out[k].why);
	for (k = 0; k < spec->nexclude; k++)
		if (!listed(spec->exclude, k, spec->exclude[k]))
			dropped[ndropped++] = xasprintf("%s: excluded",
			    spec->exclude[k]);
	cand = xcalloc(b->nchars + 1, sizeof *cand);
	for (j = 0, k = 0; j < ncols || k < b->nchars; j++) {
		struct characteristic *ch;
		size_t i;

		for (i = 0; j < ncols && i < b->nleft_out; i++)
			if (strcmp(b->left_out[i].name, cols[j].name) == 0 &&
			    strcmp(b->left_out[i].why, BIN_DATE_WHY) == 0)
				dropped[ndropped++] = xasprintf("%s: %s",
				    b->left_out[i].name, b->left_out[i].why);
		/* The characteristics are classed in column order (past the
		   columns, any left are taken as they come). */
		if (k == b->nchars || (j < ncols &&
		    strcmp(b->chars[k]->name, cols[j].name) != 0))
			continue;
		ch = b->chars[k++];
		if (ch->status != NULL) {
			dropped[ndropped++] = xasprintf("%s: %s", ch->name,
			    ch->splits != NULL ? ch->splits : ch->pure != NULL ?
			    ch->pure : ch->status);
		} else if (ch->iv < spec->min_iv &&
		    !listed(spec->forced, spec->nforced, ch->name)) {
			dropped[ndropped++] = xasprintf("%s: IV %.4f below %.4g",
			    ch->name, ch->iv, spec->min_iv);
		} else {
			cand[ncand++] = ch;
			b->chars[k - 1] = NULL;	/* the fit takes it over */
		}
	}
	/* The rows of each combination of the candidates' bins. */
	bads = tab_list(bad, nbad);
	goods = tab_list(good, ngood);
	if (cells_query(e, source, cols, ncols, target, bads, goods != NULL ?
	    goods : "", reject_col, reject_value, cand, ncand, &cl, err) != 0)
		goto done;
	info->cells = cl.nback;
	info->cell_bytes = cl.bytes;
	info->rows = cl.rows;
	binned_init(&bs, source, cand, ncand);
	for (j = 0; j < cl.n; j++) {
		int *bin = &cl.bin[j * cl.k];

		/* A level no bin lists takes the fallback bin, as
		   bin_index_text finds it on the rows. */
		for (k = 0; k < cl.k; k++)
			if (bin[k] == -2)
				bin[k] = bin_fallback(cand[k]);
		binned_append_rows(&bs, bin, cl.y[j], cl.count[j]);
	}
	bs.nreject = b->ds->nreject;
	bs.nindet = bs.nother >= bs.nreject ? bs.nother - bs.nreject : 0;
	cells_done(&cl);
	card = card_fit_binned(&bs, name, cand, ncand,
	    (const char *const *)dropped, ndropped, spec, err);
	ncand = 0;	/* taken over, also on failure */
	if (card == NULL || card_check_text(card, err) != 0)
		goto done;
	body = card_serialize(card);
	rc = db_scorecard_put(desk_db(d), name, source, body, err);
	if (rc == 0)
		desk_card_stored(d, name, body);
	free(body);
	if (rc != 0)
		goto done;
	*out = card;
	card = NULL;
	rc = 0;
done:
	card_free(card);
	for (k = 0; k < ncand; k++)
		characteristic_free(cand[k]);
	free(cand);
	for (k = 0; k < ndropped; k++)
		free(dropped[k]);
	free(dropped);
	binned_done(&bs);
	cells_done(&cl);
	desk_bins_free(b);
	free(only);
	free(bads);
	free(goods);
	engine_close(e);
	engine_columns_free(cols, ncols);
	return rc;
}
