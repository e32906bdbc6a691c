/*
 * engine-bin.c - the aggregates fine classing needs of a PostgreSQL
 * table, computed where it lives (engine-bin.h).  Data layer: the SQL is
 * written here, in PostgreSQL's dialect, identifiers and literals quoted
 * by export/sqlexpr.h; the model chooses the cuts between the queries.
 * Each figure is exact: counts are counts, the order statistics are data
 * values picked by their rank among the sorted values (row_number, not
 * an interpolating percentile), every comparison is one of float8 values
 * that read back to the same doubles as riskdesk's (engine.h), so a row
 * falls in the bin bin_index_num would put it in.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/colscan.h"
#include "data/ds.h"
#include "data/engine.h"
#include "data/engine-bin.h"
#include "data/sqltext.h"
#include "util/err.h"
#include "util/xmalloc.h"


static void
qdouble(struct engine_sql *b, double x)
{
	char *lit = sqlx_double(SQLX_POSTGRESQL, x);

	engine_sql_add(b, "%s::float8", lit);
	free(lit);
}

static int
bad_row(struct engine_bin *b, const char *what)
{
	return rd_err_set(b->err, RD_EDB, "the binning's %s query gave a "
	    "row riskdesk cannot read", what);
}

/* Column c's values that go to ranges, the column read as v: not
   NULL, not special. */
static void
ranges_of(struct engine_sql *b, const struct engine_bin_col *c, const char *v)
{
	size_t k;

	engine_sql_add(b, "%s IS NOT NULL", v);
	for (k = 0; k < c->nspecials; k++) {
		engine_sql_add(b, " AND %s::float8 <> ", v);
		qdouble(b, c->specials[k]);
	}
}

static void
to_ranges(struct engine_sql *b, const struct engine_bin_col *c)
{
	ranges_of(b, c, c->q);
}

/*
 * The columns of one query: a query gives at most 1,664 results
 * (PostgreSQL's limit), so a wide table's columns go in batches, each a
 * scan of the table.  The summary gives 11 results per numeric column
 * (13 per integer column: its cells past 2^53 that no double holds) and
 * 4 more; the counts 2 per column and 2 more.
 */
#define SUMMARY_BATCH 125
#define COUNT_BATCH 600
/* The tails and the order statistics are a UNION ALL of subqueries, a
   scan each, which PostgreSQL plans in a time that grows faster than
   their number: at most this many columns a query. */
#define UNION_BATCH 40

/* The columns [j0, j1) of a query's batch. */
struct batch {
	struct engine_bin *b;
	size_t j0, j1;
};

/* ------------------------------------------------------------- open */

struct engine_bin *
engine_bin_open(const char *conninfo, const char *source, const char *target,
	const char *const *bad, size_t nbad, const char *const *good,
	size_t ngood, const char *reject_col, const char *reject_value,
	const char *const *names, size_t nnames, struct rd_err *err)
{
	struct engine_bin *b = xcalloc(1, sizeof *b);
	struct sqlx_column *cols = NULL;
	size_t ncols = 0, j, k, tc, rc = 0;
	struct engine_sql q = { NULL, 0, 0 };
	char *tq = NULL;
	int *kind = NULL;

	if ((b->e = engine_connect(conninfo, err)) == NULL ||
	    engine_columns_dates(b->e, source, &cols, &ncols, &kind,
	    err) != 0)
		goto fail;
	tc = (size_t)engine_column_index(cols, ncols, target);
	if (tc >= ncols) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no target "
		    "column \"%s\"", source, target);
		goto fail;
	}
	if (reject_col != NULL) {
		rc = (size_t)engine_column_index(cols, ncols, reject_col);
		if (rc >= ncols) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" has no column "
			    "\"%s\" for the reject rule", source, reject_col);
			goto fail;
		}
	} else {
		rc = ncols;
	}
	for (k = 0; k < nnames; k++) {
		j = (size_t)engine_column_index(cols, ncols, names[k]);
		if (j >= ncols || j == tc) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" has no "
			    "characteristic \"%s\"", source, names[k]);
			goto fail;
		}
	}
	b->source = xstrdup(source);
	b->src = sqlx_ident(SQLX_POSTGRESQL, source, 1);
	b->cols = xcalloc(ncols + 1, sizeof *b->cols);
	for (j = 0; j < ncols; j++) {
		struct engine_bin_col *c;
		int want = nnames == 0;

		for (k = 0; !want && k < nnames; k++)
			want = engine_column_index(cols, ncols, names[k]) ==
			    (long)j;
		if (j == tc || j == rc || !want)
			continue;
		if (kind[j] == ENGINE_DATE || kind[j] == ENGINE_DATE_TZ) {
			b->dates = xreallocarray(b->dates, b->ndates + 1,
			    sizeof *b->dates);
			b->dates[b->ndates++] = xstrdup(cols[j].name);
			continue;
		}
		c = &b->cols[b->ncols++];
		c->name = xstrdup(cols[j].name);
		c->numeric = cols[j].type != DS_TEXT;
		c->integer = cols[j].type == DS_INTEGER;
		c->float4 = cols[j].float4;
		c->q = sqlx_ident(SQLX_POSTGRESQL, cols[j].name, 0);
		if (c->numeric) {
			/* A float8 NaN is a missing value, as in a riskdesk
			   dataset (NaN = NULL), not a number above all. */
			char *id = c->q;

			c->q = xasprintf(c->float4 ? "NULLIF(%s::text::float8, "
			    "'NaN'::float8)" : "NULLIF(%s::float8, "
			    "'NaN'::float8)", id);
			free(id);
		}
		c->vmin = c->vmax = NAN;
	}
	/* The outcome of a row: 1 bad, 0 good, -1 none, -2 a reject. */
	tq = sqlx_ident(SQLX_POSTGRESQL, cols[tc].name, 0);
	engine_sql_add(&q, "CASE ");
	if (reject_col != NULL) {
		char *rq = sqlx_ident(SQLX_POSTGRESQL, cols[rc].name, 0);

		engine_sql_add(&q, "WHEN ");
		engine_sql_values_in(&q, &cols[rc], rq, &reject_value, 1);
		engine_sql_add(&q, " THEN -2 ");
		free(rq);
	}
	engine_sql_add(&q, "WHEN ");
	engine_sql_values_in(&q, &cols[tc], tq, bad, nbad);
	engine_sql_add(&q, " THEN 1 WHEN %s IS NOT NULL", tq);
	if (ngood > 0) {
		engine_sql_add(&q, " AND ");
		engine_sql_values_in(&q, &cols[tc], tq, good, ngood);
	}
	engine_sql_add(&q, " THEN 0 ELSE -1 END");
	b->y = q.s;
	free(tq);
	free(kind);
	engine_columns_free(cols, ncols);
	return b;

fail:
	free(q.s);
	free(kind);
	engine_columns_free(cols, ncols);
	engine_bin_free(b);
	return NULL;
}

const char *
engine_bin_name(const struct engine_bin *b)
{
	return engine_name(b->e);
}

void
engine_bin_free(struct engine_bin *b)
{
	size_t j, k;

	if (b == NULL)
		return;
	engine_close(b->e);
	for (j = 0; j < b->ncols; j++) {
		struct engine_bin_col *c = &b->cols[j];

		free(c->name);
		free(c->q);
		free(c->specials);
		free(c->pos);
		free(c->at);
		free(c->cut);
		free(c->goods);
		free(c->bads);
		for (k = 0; k < c->nlevels; k++)
			free(c->levels[k]);
		free(c->levels);
		free(c->lall);
		free(c->lgoods);
		free(c->lbads);
	}
	free(b->cols);
	for (j = 0; j < b->ndates; j++)
		free(b->dates[j]);
	free(b->dates);
	free(b->source);
	free(b->src);
	free(b->y);
	free(b);
}

/* ----------------------------------------------------- 1. summary */

static int
sum_row(void *ctx, int nf, const char *const *v)
{
	struct batch *bt = ctx;
	struct engine_bin *b = bt->b;
	size_t j;
	int f = 4;

	b->sent_rows++;
	if (nf < 4 || engine_text_count(v[0], &b->rows) != 0 ||
	    engine_text_count(v[1], &b->bads) != 0 ||
	    engine_text_count(v[2], &b->goods) != 0 ||
	    engine_text_count(v[3], &b->rejects) != 0)
		return bad_row(b, "summary");
	for (j = bt->j0; j < bt->j1; j++) {
		struct engine_bin_col *c = &b->cols[j];

		if (f + 1 > nf || engine_text_count(v[f++], &c->present) != 0)
			return bad_row(b, "summary");
		if (!c->numeric)
			continue;
		if (f + 10 > nf || engine_text_count(v[f], &c->m) != 0 ||
		    engine_text_number(v[f + 1], &c->vmin) != 0 ||
		    engine_text_number(v[f + 2], &c->vmax) != 0 ||
		    engine_text_count(v[f + 4], &c->ng) != 0 ||
		    engine_text_number(v[f + 5], &c->gmin) != 0 ||
		    engine_text_number(v[f + 6], &c->gmax) != 0 ||
		    engine_text_count(v[f + 7], &c->nb) != 0 ||
		    engine_text_number(v[f + 8], &c->bmin) != 0 ||
		    engine_text_number(v[f + 9], &c->bmax) != 0)
			return bad_row(b, "summary");
		/* NULL (no values): whole, as an empty colscan. */
		colscan_init(&c->cs);
		c->cs.all_int = v[f + 3] == NULL || v[f + 3][0] == 't';
		f += 10;
		if (!c->integer)
			continue;
		if (f + 2 > nf || engine_text_count(v[f], &c->ninexact) != 0 ||
		    engine_text_int(v[f + 1], &c->inexact_eg) != 0)
			return bad_row(b, "summary");
		f += 2;
	}
	return f == nf ? 0 : bad_row(b, "summary");
}

struct tails {
	struct engine_bin *b;
	struct colscan_value (*lo)[COLSCAN_FEW + 1], (*hi)[COLSCAN_TAIL];
	size_t *nlo, *nhi;
};

static int
tail_row(void *ctx, int nf, const char *const *v)
{
	struct tails *t = ctx;
	size_t j, n;
	double x;

	t->b->sent_rows++;
	if (nf != 4 || engine_text_count(v[0], &j) != 0 || j >= t->b->ncols ||
	    v[1] == NULL || v[2] == NULL || engine_text_number(v[2], &x) != 0 ||
	    engine_text_count(v[3], &n) != 0)
		return bad_row(t->b, "tail");
	if (v[1][0] == '1') {
		if (t->nhi[j] == COLSCAN_TAIL)
			return bad_row(t->b, "tail");
		t->hi[j][t->nhi[j]].v = x;
		t->hi[j][t->nhi[j]++].count = n;
	} else {
		if (t->nlo[j] == COLSCAN_FEW + 1)
			return bad_row(t->b, "tail");
		t->lo[j][t->nlo[j]].v = x;
		t->lo[j][t->nlo[j]++].count = n;
	}
	return 0;
}

int
engine_bin_summarise(struct engine_bin *b, struct rd_err *err)
{
	struct engine_sql q = { NULL, 0, 0 };
	struct tails t;
	struct batch bt;
	size_t j, k;
	int any = 0, rc = -1;

	b->err = err;
	memset(&t, 0, sizeof t);
	/*
	 * 1. Counts, and each numeric column's least and greatest values to
	 * ranges, in all and per outcome.  The outer query reads only what
	 * the inner one names ("rd y", k0, k1, ...), never a column of the
	 * table, so no column's name can clash with those.
	 */
	bt.b = b;
	bt.j0 = 0;
	do {
		bt.j1 = bt.j0 + SUMMARY_BATCH < b->ncols ?
		    bt.j0 + SUMMARY_BATCH : b->ncols;
		q.len = 0;
		engine_sql_add(&q, "SELECT count(*), count(*) FILTER (WHERE \"rd y\" = 1), "
		    "count(*) FILTER (WHERE \"rd y\" = 0), "
		    "count(*) FILTER (WHERE \"rd y\" = -2)");
		for (j = bt.j0; j < bt.j1; j++) {
			const struct engine_bin_col *c = &b->cols[j];
			char k[32];
			int y;

			snprintf(k, sizeof k, "k%zu", j);
			engine_sql_add(&q, ",\n  count(%s)", k);
			if (!c->numeric)
				continue;
			engine_sql_add(&q, ", count(*) FILTER (WHERE ");
			ranges_of(&q, c, k);
			engine_sql_add(&q, "), min(%s::float8) FILTER (WHERE ", k);
			ranges_of(&q, c, k);
			engine_sql_add(&q, "), max(%s::float8) FILTER (WHERE ", k);
			ranges_of(&q, c, k);
			engine_sql_add(&q, "), ");
			/* Whether every value is whole (the colscan's
			   all_int). */
			if (c->integer) {
				engine_sql_add(&q, "TRUE");
			} else {
				engine_sql_add(&q, "bool_and(%s::float8 = "
				    "trunc(%s::float8)) FILTER (WHERE ", k, k);
				ranges_of(&q, c, k);
				engine_sql_add(&q, ")");
			}
			for (y = 0; y < 2; y++)
				engine_sql_add(&q, ", count(%s) FILTER (WHERE \"rd y\" "
				    "= %d), min(%s::float8) FILTER (WHERE "
				    "\"rd y\" = %d), max(%s::float8) FILTER "
				    "(WHERE \"rd y\" = %d)", k, y, k, y, k, y);
			/* Integers that no double holds exactly. */
			if (c->integer)
				engine_sql_add(&q, ", count(i%zu), min(i%zu)",
				    j, j);
		}
		engine_sql_add(&q, "\nFROM (SELECT %s AS \"rd y\"", b->y);
		for (j = bt.j0; j < bt.j1; j++) {
			engine_sql_add(&q, ", %s AS k%zu", b->cols[j].q, j);
			if (b->cols[j].integer) {
				char *raw = sqlx_ident(SQLX_POSTGRESQL,
				    b->cols[j].name, 0);

				engine_sql_add(&q, ", ");
				engine_sql_inexact(&q, raw);
				engine_sql_add(&q, " AS i%zu", j);
				free(raw);
			}
		}
		engine_sql_add(&q, " FROM %s) s", b->src);
		if (engine_query(b->e, q.s, sum_row, &bt, err) != 0)
			goto done;
		bt.j0 = bt.j1;
	} while (bt.j0 < b->ncols);

	/* 2. The tails of each numeric column's values to ranges. */
	t.b = b;
	t.lo = xcalloc(b->ncols + 1, sizeof *t.lo);
	t.hi = xcalloc(b->ncols + 1, sizeof *t.hi);
	t.nlo = xcalloc(b->ncols + 1, sizeof *t.nlo);
	t.nhi = xcalloc(b->ncols + 1, sizeof *t.nhi);
	q.len = 0;
	for (j = 0; j < b->ncols; j++) {
		const struct engine_bin_col *c = &b->cols[j];

		if (!c->numeric)
			continue;
		for (k = 0; k < 2; k++) {
			engine_sql_add(&q, "%s(SELECT %zu, %zu, v, count(*) FROM "
			    "(SELECT %s::float8 AS v FROM %s WHERE ", any++ ?
			    "\nUNION ALL " : "", j, k, c->q, b->src);
			to_ranges(&q, c);
			engine_sql_add(&q, ") s GROUP BY v ORDER BY v%s LIMIT %d)",
			    k ? " DESC" : "", k ? COLSCAN_TAIL :
			    COLSCAN_FEW + 1);
		}
		if (any == 2 * UNION_BATCH || (any && j + 1 == b->ncols)) {
			if (engine_query(b->e, q.s, tail_row, &t, err) != 0)
				goto done;
			q.len = 0;
			any = 0;
		}
	}
	if (any && engine_query(b->e, q.s, tail_row, &t, err) != 0)
		goto done;
	for (j = 0; j < b->ncols; j++)
		if (b->cols[j].numeric)
			/* COLSCAN_FEW + 1 smallest were asked for: fewer
			   came when those are all the values. */
			colscan_from_tails(&b->cols[j].cs, b->cols[j].m,
			    t.nlo[j] <= COLSCAN_FEW, b->cols[j].cs.all_int,
			    t.lo[j], t.nlo[j], t.hi[j], t.nhi[j]);
	rc = 0;
done:
	free(t.lo);
	free(t.hi);
	free(t.nlo);
	free(t.nhi);
	free(q.s);
	b->err = NULL;
	return rc;
}

/* ---------------------------------------------- 2. order statistics */

static int
pos_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

static int
order_row(void *ctx, int nf, const char *const *v)
{
	struct engine_bin *b = ctx;
	struct engine_bin_col *c;
	size_t j, rn, *at;
	double x;

	b->sent_rows++;
	if (nf != 3 || engine_text_count(v[0], &j) != 0 || j >= b->ncols ||
	    engine_text_count(v[1], &rn) != 0 || v[2] == NULL ||
	    engine_text_number(v[2], &x) != 0)
		return bad_row(b, "order statistic");
	c = &b->cols[j];
	at = bsearch(&rn, c->pos, c->npos, sizeof *c->pos, pos_cmp);
	if (at == NULL)
		return bad_row(b, "order statistic");
	c->at[at - c->pos] = x;
	return 0;
}

int
engine_bin_order_stats(struct engine_bin *b, struct rd_err *err)
{
	struct engine_sql q = { NULL, 0, 0 };
	size_t j, k;
	int any = 0, rc;

	b->err = err;
	for (j = 0; j < b->ncols; j++) {
		struct engine_bin_col *c = &b->cols[j];

		if (!c->numeric)
			continue;
		free(c->at);
		c->at = xcalloc(c->npos + 1, sizeof *c->at);
		for (k = 0; k < c->npos; k++)
			c->at[k] = NAN;
		if (c->npos == 0)
			continue;
		engine_sql_add(&q, "%s(SELECT %zu, rn, v FROM (SELECT v, row_number() "
		    "OVER (ORDER BY v) - 1 AS rn FROM (SELECT %s::float8 AS v "
		    "FROM %s WHERE ", any++ ? "\nUNION ALL " : "", j, c->q,
		    b->src);
		to_ranges(&q, c);
		engine_sql_add(&q, ") s) t WHERE rn IN (");
		for (k = 0; k < c->npos; k++)
			engine_sql_add(&q, "%s%zu", k ? ", " : "", c->pos[k]);
		engine_sql_add(&q, "))");
		if (any == UNION_BATCH) {
			if (engine_query(b->e, q.s, order_row, b, err) != 0) {
				free(q.s);
				b->err = NULL;
				return -1;
			}
			q.len = 0;
			any = 0;
		}
	}
	rc = any ? engine_query(b->e, q.s, order_row, b, err) : 0;
	for (j = 0; rc == 0 && j < b->ncols; j++)
		for (k = 0; b->cols[j].numeric && k < b->cols[j].npos; k++)
			if (isnan(b->cols[j].at[k])) {
				rc = rd_err_set(err, RD_EDB, "the engine gave "
				    "no value at position %zu of column "
				    "\"%s\"", b->cols[j].pos[k],
				    b->cols[j].name);
				break;
			}
	free(q.s);
	b->err = NULL;
	return rc;
}

/* ------------------------------------------------------ 3. counts */

/* A text column's (level, outcome, count) rows as they come. */
struct lvrow {
	char *level;		/* owned; NULL: the NULLs */
	int y;
	size_t count;
};

struct counts {
	struct engine_bin *b;
	struct lvrow **lv;	/* [ncols] */
	size_t *nlv, *caplv;
	size_t j0, j1;		/* the batch's columns */
};

static int
count_row(void *ctx, int nf, const char *const *v)
{
	struct counts *t = ctx;
	struct engine_bin *b = t->b;
	struct engine_bin_col *c;
	size_t i, j, n, n1 = t->j1 - t->j0;
	long y;
	char *end;

	b->sent_rows++;
	if ((size_t)nf != 2 * n1 + 2 || v[0] == NULL ||
	    engine_text_count(v[nf - 1], &n) != 0)
		return bad_row(b, "count");
	y = strtol(v[0], &end, 10);
	if (*end != '\0')
		return bad_row(b, "count");
	for (i = 0; i < n1; i++)
		if (v[1 + n1 + i] != NULL && v[1 + n1 + i][0] == '0')
			break;
	if (i == n1)
		return bad_row(b, "count");
	j = t->j0 + i;
	c = &b->cols[j];
	if (c->numeric) {
		size_t k, nb = c->ncut + c->nspecials + 2;

		if (engine_text_count(v[1 + i], &k) != 0 || k >= nb)
			return bad_row(b, "count");
		if (y == 1)
			c->bads[k] += n;
		else if (y == 0)
			c->goods[k] += n;
		return 0;
	}
	if (t->nlv[j] == t->caplv[j]) {
		t->caplv[j] = t->caplv[j] * 2 + 16;
		t->lv[j] = xreallocarray(t->lv[j], t->caplv[j],
		    sizeof **t->lv);
	}
	t->lv[j][t->nlv[j]].level = v[1 + i] != NULL ? xstrdup(v[1 + i]) :
	    NULL;
	t->lv[j][t->nlv[j]].y = (int)y;
	t->lv[j][t->nlv[j]++].count = n;
	return 0;
}

static int
lv_cmp(const void *a, const void *b)
{
	const struct lvrow *x = a, *y = b;

	if (x->level == NULL || y->level == NULL)
		return (x->level != NULL) - (y->level != NULL);
	return strcmp(x->level, y->level);
}

/* Column c's levels and counts from its rows lv[n] (sorted here, the
   NULLs first). */
static void
fill_levels(struct engine_bin_col *c, struct lvrow *lv, size_t n)
{
	size_t i, m = 0;

	qsort(lv, n, sizeof *lv, lv_cmp);
	c->levels = xcalloc(n + 1, sizeof *c->levels);
	c->lall = xcalloc(n + 1, sizeof *c->lall);
	c->lgoods = xcalloc(n + 1, sizeof *c->lgoods);
	c->lbads = xcalloc(n + 1, sizeof *c->lbads);
	for (i = 0; i < n; i++) {
		if (lv[i].level == NULL) {
			if (lv[i].y == 1)
				c->mbads += lv[i].count;
			else if (lv[i].y == 0)
				c->mgoods += lv[i].count;
			continue;
		}
		if (m == 0 || strcmp(c->levels[m - 1], lv[i].level) != 0)
			c->levels[m++] = xstrdup(lv[i].level);
		c->lall[m - 1] += lv[i].count;
		if (lv[i].y == 1)
			c->lbads[m - 1] += lv[i].count;
		else if (lv[i].y == 0)
			c->lgoods[m - 1] += lv[i].count;
	}
	c->nlevels = m;
}

int
engine_bin_count(struct engine_bin *b, struct rd_err *err)
{
	struct engine_sql q = { NULL, 0, 0 };
	struct counts t;
	size_t j, k, i;
	int rc = -1;

	b->err = err;
	t.b = b;
	t.lv = xcalloc(b->ncols + 1, sizeof *t.lv);
	t.nlv = xcalloc(b->ncols + 1, sizeof *t.nlv);
	t.caplv = xcalloc(b->ncols + 1, sizeof *t.caplv);
	if (b->ncols == 0) {
		rc = 0;
		goto done;
	}
	/*
	 * One scan per batch of columns: each column's key (a numeric column's fine bin: NULL to
	 * the missing slot, a special value to its bin, else the number of
	 * cuts at or below the value, bin_index_num's rule; a text column's
	 * level, byte for byte) grouped with the outcome, every column a
	 * grouping set of its own; GROUPING() tells which set a row is of.
	 */
	for (t.j0 = 0; t.j0 < b->ncols; t.j0 = t.j1) {
		t.j1 = t.j0 + COUNT_BATCH < b->ncols ? t.j0 + COUNT_BATCH :
		    b->ncols;
		q.len = 0;
		engine_sql_add(&q, "SELECT \"rd y\"");
		for (j = t.j0; j < t.j1; j++)
			engine_sql_add(&q, ", k%zu", j);
		for (j = t.j0; j < t.j1; j++)
			engine_sql_add(&q, ", GROUPING(k%zu)", j);
		engine_sql_add(&q, ", count(*) FROM (SELECT %s AS \"rd y\"", b->y);
		for (j = t.j0; j < t.j1; j++) {
			struct engine_bin_col *c = &b->cols[j];

			if (!c->numeric) {
				engine_sql_add(&q, ",\n  %s::text COLLATE \"C\" AS k%zu",
				    c->q, j);
				continue;
			}
			free(c->goods);
			free(c->bads);
			c->goods = xcalloc(c->ncut + c->nspecials + 2,
			    sizeof *c->goods);
			c->bads = xcalloc(c->ncut + c->nspecials + 2,
			    sizeof *c->bads);
			engine_sql_add(&q, ",\n  CASE WHEN %s IS NULL THEN %zu", c->q,
			    c->ncut + c->nspecials + 1);
			for (k = 0; k < c->nspecials; k++) {
				engine_sql_add(&q, " WHEN %s::float8 = ", c->q);
				qdouble(&q, c->specials[k]);
				engine_sql_add(&q, " THEN %zu", c->ncut + 1 + k);
			}
			for (k = c->ncut; k > 0; k--) {
				engine_sql_add(&q, " WHEN %s::float8 >= ", c->q);
				qdouble(&q, c->cut[k - 1]);
				engine_sql_add(&q, " THEN %zu", k);
			}
			engine_sql_add(&q, " ELSE 0 END AS k%zu", j);
		}
		engine_sql_add(&q, "\nFROM %s) s GROUP BY GROUPING SETS (", b->src);
		for (j = t.j0; j < t.j1; j++)
			engine_sql_add(&q, "%s(\"rd y\", k%zu)", j > t.j0 ? ", " : "",
			    j);
		engine_sql_add(&q, ")");
		if (engine_query(b->e, q.s, count_row, &t, err) != 0)
			goto done;
	}
	for (j = 0; j < b->ncols; j++)
		if (!b->cols[j].numeric)
			fill_levels(&b->cols[j], t.lv[j], t.nlv[j]);
	rc = 0;
done:
	for (j = 0; j < b->ncols; j++) {
		for (i = 0; i < t.nlv[j]; i++)
			free(t.lv[j][i].level);
		free(t.lv[j]);
	}
	free(t.lv);
	free(t.nlv);
	free(t.caplv);
	free(q.s);
	b->err = NULL;
	return rc;
}
