/*
 * profile-engine.c - the data profile of a PostgreSQL table computed
 * where it lives (profile.h, profile_engine): the server runs a handful
 * of aggregate queries through data/engine.h and riskdesk reads only
 * their rows, which fill the same struct profile that profile_table
 * fills from a riskdesk table, so that the report prints either alike.
 *
 * Data layer: the SQL is written here, in PostgreSQL's dialect, with
 * identifiers and literals quoted by export/sqlexpr.h.  Each figure is
 * the one profile_table computes, by the same definition:
 *   - count(DISTINCT) compares numbers as numbers and text byte for byte
 *     (PostgreSQL's deterministic collations), as profile_table does;
 *   - the quantiles are percentile_cont's, which is R's type 7 (Hyndman
 *     & Fan 1996) exactly: with the n sorted values, h = (n - 1) p and
 *     q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]), the
 *     interpolation profile_quantile does, in the same double arithmetic
 *     on float8;
 *   - the mean and sample standard deviation are avg and stddev_samp
 *     (exact numeric arithmetic for integer columns, float8 for reals),
 *     equal to profile_table's two-pass figures to rounding;
 *   - the top categories are ordered by count, then by value in byte
 *     order (COLLATE "C"), SQLite's BINARY collation;
 *   - the warnings read a struct colscan built from the COLSCAN_FEW
 *     smallest and COLSCAN_TAIL largest distinct values with their counts
 *     (colscan_add_count), which is the summary an import builds.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/colscan.h"
#include "data/ds.h"
#include "data/engine.h"
#include "data/profile.h"
#include "data/sqltext.h"
#include "util/err.h"
#include "util/xmalloc.h"


/* Columns a query reads at most: 2 + 9 x 180 target entries (an
   integer column's 9), under PostgreSQL's 1664; 360 subqueries in a
   UNION ALL. */
#define PROFILE_ENGINE_CHUNK 180

/*
 * How the queries read column c (quoted q), as a number, a text or a
 * date (caller frees):
 *   - a real's NaN is a missing value, as NULL is in riskdesk (and as
 *     validate, bin and --report --engine read it): NULLIF(q, 'NaN'),
 *     of the column's own type (float4, float8 or numeric);
 *   - a date, timestamp or timestamptz as it is;
 *   - anything else (text, varchar, boolean, json, xml, point, arrays
 *     ...) as its text, q::text, which is what riskdesk would import and
 *     which every type has, with equality and ordering where json,
 *     xml or point have none.
 */
static char *
column_read(const struct sqlx_column *c, const char *q, int date)
{
	if (c->type == DS_REAL)
		return xasprintf("NULLIF(%s, 'NaN')", q);
	if (c->type == DS_INTEGER || date)
		return xstrdup(q);
	return xasprintf("%s::text", q);
}

/* What the queries fill, column by column. */
struct pe_col {
	int numeric, date, want_top;
	char *q;		/* the column's read (column_read) */
	size_t infinite;	/* a date column's infinity and -infinity */
	int all_int;		/* every value a whole number (query 1) */
	int integer;		/* an integer column */
	int real;		/* a real column (float4, float8, numeric) */
	/* A real column whose sums overflow the engine's float8 (values
	   past about 1e154): its mean and sd are those of its values times
	   2^-scale, times 2^scale (as profile scales them in SQLite), else
	   0. */
	int scale;
	/* integer: cells past 2^53 that no double holds exactly, and the
	   least (query 1: engine_sql_inexact) */
	size_t ninexact;
	long long inexact_eg;
	struct colscan_value lo[COLSCAN_FEW], hi[COLSCAN_TAIL];
	size_t nlo, nhi;
};

struct pe {
	struct profile *p;
	struct pe_col *c;	/* [p->ncols] */
	size_t j0, j1;		/* the columns of the queries running */
	struct rd_err *err;
};

/* The row of a query riskdesk cannot read, about column j (or none:
   (size_t)-1). */
static int
bad_row(struct pe *e, const char *what, size_t j)
{
	if (j < e->p->ncols)
		return rd_err_set(e->err, RD_EDB, "the profile's %s query "
		    "gave a row riskdesk cannot read for column \"%s\"", what,
		    e->p->cols[j].name);
	return rd_err_set(e->err, RD_EDB, "the profile's %s query gave a "
	    "row riskdesk cannot read", what);
}

static int
ignore_row(void *ctx, int nf, const char *const *v)
{
	(void)ctx;
	(void)nf;
	(void)v;
	return 0;
}

/* --------------------------------------------------- 1. aggregates */

static int
agg_row(void *ctx, int nf, const char *const *v)
{
	struct pe *e = ctx;
	struct profile *p = e->p;
	size_t j, present;
	int f = 0;

	if (engine_text_count(v[f++], &p->rows) != 0)
		return bad_row(e, "aggregate", (size_t)-1);
	if (p->target != NULL && e->j0 == 0) {
		if (engine_text_count(v[f++], &p->bads) != 0 ||
		    engine_text_count(v[f++], &p->goods) != 0)
			return bad_row(e, "aggregate", (size_t)-1);
		p->indeterminate = p->rows - p->bads - p->goods;
		p->bad_rate = p->bads + p->goods ? (double)p->bads /
		    (double)(p->bads + p->goods) : NAN;
	}
	for (j = e->j0; j < e->j1; j++) {
		struct profile_column *c = &p->cols[j];
		struct pe_col *pc = &e->c[j];

		if (f + 2 > nf || engine_text_count(v[f++], &present) != 0 ||
		    engine_text_count(v[f++], &c->distinct) != 0)
			return bad_row(e, "aggregate", j);
		c->count = p->rows;
		c->missing = p->rows - present;
		c->missing_pct = c->count ? 100.0 * (double)c->missing /
		    (double)c->count : NAN;
		if (pc->numeric) {
			if (f + 5 > nf || engine_text_number(v[f], &c->min) != 0 ||
			    engine_text_number(v[f + 1], &c->max) != 0 ||
			    engine_text_number(v[f + 2], &c->mean) != 0 ||
			    engine_text_number(v[f + 3], &c->sd) != 0)
				return bad_row(e, "aggregate", j);
			/* NULL (no values): whole, as an empty colscan. */
			pc->all_int = v[f + 4] == NULL || v[f + 4][0] == 't';
			if (pc->scale != 0) {
				c->mean = ldexp(c->mean, pc->scale);
				c->sd = ldexp(c->sd, pc->scale);
			}
			c->n = present;
			f += 5;
			if (pc->integer && (f + 2 > nf ||
			    engine_text_count(v[f], &pc->ninexact) != 0 ||
			    engine_text_int(v[f + 1], &pc->inexact_eg) != 0))
				return bad_row(e, "aggregate", j);
			if (pc->integer)
				f += 2;
		} else if (pc->date) {
			if (f + 3 > nf || engine_text_count(v[f + 2], &pc->infinite)
			    != 0)
				return bad_row(e, "aggregate", j);
			snprintf(c->first, sizeof c->first, "%s",
			    v[f] ? v[f] : "");
			snprintf(c->last, sizeof c->last, "%s",
			    v[f + 1] ? v[f + 1] : "");
			f += 3;
		}
	}
	return 0;
}

/* ---------------------------------------------------- 2. quantiles */

static int
quant_row(void *ctx, int nf, const char *const *v)
{
	struct pe *e = ctx;
	size_t j, k;
	int f = 0;

	for (j = e->j0; j < e->j1; j++) {
		struct profile_column *c = &e->p->cols[j];
		const char *s;

		if (!e->c[j].numeric)
			continue;
		if (f >= nf)
			return bad_row(e, "quantile", j);
		s = v[f++];
		if (s == NULL)
			continue;	/* no values: NaN */
		if (*s++ != '{')
			return bad_row(e, "quantile", j);
		for (k = 0; k < PROFILE_NQ; k++) {
			char *end;

			c->q[k] = strtod(s, &end);
			if (end == s || *end != (k + 1 < PROFILE_NQ ? ',' :
			    '}'))
				return bad_row(e, "quantile", j);
			s = end + 1;
		}
	}
	return 0;
}

/* -------------------------------------------------------- 3. tails */

static int
tail_row(void *ctx, int nf, const char *const *v)
{
	struct pe *e = ctx;
	size_t j, n;
	int hi;
	double x;
	struct pe_col *pc;

	if (nf != 4 || engine_text_count(v[0], &j) != 0 || j >= e->p->ncols)
		return bad_row(e, "tail", (size_t)-1);
	if (v[1] == NULL || engine_text_number(v[2], &x) != 0 || v[2] == NULL ||
	    engine_text_count(v[3], &n) != 0)
		return bad_row(e, "tail", j);
	pc = &e->c[j];
	hi = v[1][0] == '1';
	if (hi ? pc->nhi == COLSCAN_TAIL : pc->nlo == COLSCAN_FEW)
		return bad_row(e, "tail", j);
	if (hi) {
		pc->hi[pc->nhi].v = x;
		pc->hi[pc->nhi++].count = n;
	} else {
		pc->lo[pc->nlo].v = x;
		pc->lo[pc->nlo++].count = n;
	}
	return 0;
}

/* ----------------------------------------------- 4. top categories */

static int
top_row(void *ctx, int nf, const char *const *v)
{
	struct pe *e = ctx;
	struct profile_column *c;
	struct profile_cat *t;
	size_t j, n;

	if (nf != 3 || engine_text_count(v[0], &j) != 0 || j >= e->p->ncols)
		return bad_row(e, "top category", (size_t)-1);
	if (v[1] == NULL || engine_text_count(v[2], &n) != 0)
		return bad_row(e, "top category", j);
	c = &e->p->cols[j];
	c->top = xreallocarray(c->top, c->ntop + 1, sizeof *c->top);
	t = &c->top[c->ntop++];
	t->value = xstrdup(v[1]);
	t->count = n;
	t->share = c->count - c->missing ? (double)n /
	    (double)(c->count - c->missing) : NAN;
	return 0;
}

/* ------------------------------------------------------- 5. months */

static int
month_row(void *ctx, int nf, const char *const *v)
{
	struct pe *e = ctx;
	struct profile_column *c;
	size_t j, n;

	if (nf != 3 || engine_text_count(v[0], &j) != 0 || j >= e->p->ncols)
		return bad_row(e, "month", (size_t)-1);
	if (v[1] == NULL || engine_text_count(v[2], &n) != 0)
		return bad_row(e, "month", j);
	c = &e->p->cols[j];
	c->months = xreallocarray(c->months, c->nmonths + 1,
	    sizeof *c->months);
	snprintf(c->months[c->nmonths].month, sizeof c->months->month, "%s",
	    v[1]);
	c->months[c->nmonths++].count = n;
	return 0;
}

/* Query 1 of profile_chunk into b: the simple aggregates of every
   column, the mean and sd of a scaled real column of its scaled
   values. */
static void
simple_aggregates(const struct pe *e, const struct sqlx_column *cols,
	size_t tc, const char *src, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, struct engine_sql *b)
{
	size_t j;

	b->len = 0;
	engine_sql_add(b, "SELECT count(*)");
	if (e->p->target != NULL && e->j0 == 0) {
		engine_sql_add(b, ", count(*) FILTER (WHERE ");
		engine_sql_values_in(b, &cols[tc], e->c[tc].q, bad, nbad);
		engine_sql_add(b, "), count(*) FILTER (WHERE %s IS NOT NULL AND NOT ",
		    e->c[tc].q);
		engine_sql_values_in(b, &cols[tc], e->c[tc].q, bad, nbad);
		if (ngood > 0) {
			engine_sql_add(b, " AND ");
			engine_sql_values_in(b, &cols[tc], e->c[tc].q, good, ngood);
		}
		engine_sql_add(b, ")");
	}
	for (j = e->j0; j < e->j1; j++) {
		const char *q = e->c[j].q;

		engine_sql_add(b, ",\n  count(%s), count(DISTINCT %s)", q, q);
		if (e->c[j].numeric) {
			engine_sql_add(b, ", min(%s)::float8, max(%s)::float8, ",
			    q, q);
			if (e->c[j].scale != 0)
				engine_sql_add(b, "avg(%s * '%.17g'::float8)::"
				    "float8, stddev_samp(%s * '%.17g'::float8)::"
				    "float8, ", q, ldexp(1, -e->c[j].scale), q,
				    ldexp(1, -e->c[j].scale));
			else
				engine_sql_add(b, "avg(%s)::float8, "
				    "stddev_samp(%s)::float8, ", q, q);
			/* Whether every value is whole (the colscan's
			   all_int); an integer column's are. */
			if (cols[j].type == DS_INTEGER) {
				engine_sql_add(b, "TRUE, count(");
				engine_sql_inexact(b, q);
				engine_sql_add(b, "), min(");
				engine_sql_inexact(b, q);
				engine_sql_add(b, ")");
			} else {
				engine_sql_add(b, "bool_and(%s::float8 = "
				    "trunc(%s::float8))", q, q);
			}
		} else if (e->c[j].date) {
			engine_sql_add(b, ", min(%s)::text, max(%s)::text, "
			    "count(*) FILTER (WHERE NOT isfinite(%s))", q, q,
			    q);
		}
	}
	engine_sql_add(b, "\nFROM %s", src);
}

static int
max_row(void *ctx, int nf, const char *const *v)
{
	struct pe *e = ctx;
	size_t j;
	int f = 0;

	for (j = e->j0; j < e->j1; j++) {
		double m;

		if (!e->c[j].real)
			continue;
		if (f >= nf || engine_text_number(v[f++], &m) != 0)
			return bad_row(e, "aggregate", j);
		/* 2^scale bounds the largest magnitude. */
		if (m >= 0x1p500 && isfinite(m))
			frexp(m, &e->c[j].scale);
	}
	return f == nf ? 0 : bad_row(e, "aggregate", (size_t)-1);
}

/* Query 0 of profile_chunk, after query 1 stopped on a value out of
   range: the largest magnitude of each real column, and the scale of
   those past 2^500.  Returns the number of columns scaled (0: the
   overflow is not a real column's), or -1 with e->err. */
static int
scale_reals(struct engine *eng, struct pe *e, const char *src,
	struct engine_sql *b)
{
	size_t j;
	int any = 0, n = 0;

	b->len = 0;
	engine_sql_add(b, "SELECT ");
	for (j = e->j0; j < e->j1; j++)
		if (e->c[j].real)
			engine_sql_add(b, "%smax(abs(%s))::float8", any++ ? ", " :
			    "", e->c[j].q);
	if (!any)
		return 0;
	engine_sql_add(b, "\nFROM %s", src);
	if (engine_query(eng, b->s, max_row, e, e->err) != 0)
		return -1;
	for (j = e->j0; j < e->j1; j++)
		n += e->c[j].scale != 0;
	return n;
}

/*
 * Queries 1 to 5 on the columns [e->j0, e->j1) of source (quoted src):
 * cols its columns, tc the target's (when the profile has one).
 */
static int
profile_chunk(struct engine *eng, struct pe *e,
	const struct sqlx_column *cols, size_t tc, const char *src,
	const char *const *bad, size_t nbad, const char *const *good,
	size_t ngood, size_t ntop, struct engine_sql *b)
{
	size_t j, k;
	char lv[64];
	int any;

	/* 1. Every column's simple aggregates in one scan.  A sum past the
	   largest double stops the engine (22003): the real columns past
	   2^500 are then scaled (query 0 finds them) and it runs again. */
	simple_aggregates(e, cols, tc, src, bad, nbad, good, ngood, b);
	if (engine_query(eng, b->s, agg_row, e, e->err) != 0) {
		if (!engine_range_failed(eng) || scale_reals(eng, e, src, b) <= 0)
			return -1;
		rd_err_clear(e->err);
		simple_aggregates(e, cols, tc, src, bad, nbad, good, ngood, b);
		if (engine_query(eng, b->s, agg_row, e, e->err) != 0)
			return -1;
	}

	/* 2. The quantiles, one percentile_cont per numeric column. */
	b->len = 0;
	engine_sql_add(b, "SELECT ");
	any = 0;
	for (j = e->j0; j < e->j1; j++) {
		if (!e->c[j].numeric)
			continue;
		engine_sql_add(b, "%spercentile_cont('{", any++ ? ",\n  " : "");
		for (k = 0; k < PROFILE_NQ; k++) {
			snprintf(lv, sizeof lv, "%.17g", profile_qlevel[k]);
			engine_sql_add(b, "%s%s", k ? "," : "", lv);
		}
		engine_sql_add(b, "}'::float8[]) WITHIN GROUP (ORDER BY %s::float8)",
		    e->c[j].q);
	}
	engine_sql_add(b, "\nFROM %s", src);
	if (any && engine_query(eng, b->s, quant_row, e, e->err) != 0)
		return -1;

	/* 3. The tails of each numeric column (not the target's: it has no
	   warnings). */
	b->len = 0;
	any = 0;
	for (j = e->j0; j < e->j1; j++) {
		if (!e->c[j].numeric || e->p->cols[j].is_target)
			continue;
		for (k = 0; k < 2; k++)
			engine_sql_add(b, "%s(SELECT %zu, %zu, v, count(*) FROM (SELECT "
			    "%s::float8 AS v FROM %s WHERE %s IS NOT NULL) s "
			    "GROUP BY v ORDER BY v%s LIMIT %d)", any++ ?
			    "\nUNION ALL " : "", j, k, e->c[j].q, src,
			    e->c[j].q, k ? " DESC" : "", k ? COLSCAN_TAIL :
			    COLSCAN_FEW);
	}
	if (any && engine_query(eng, b->s, tail_row, e, e->err) != 0)
		return -1;
	for (j = e->j0; j < e->j1; j++) {
		struct colscan cs;

		if (!e->c[j].numeric || e->p->cols[j].is_target)
			continue;
		colscan_from_tails(&cs, e->p->cols[j].n,
		    e->p->cols[j].distinct <= COLSCAN_FEW, e->c[j].all_int,
		    e->c[j].lo, e->c[j].nlo, e->c[j].hi, e->c[j].nhi);
		profile_column_warnings(&e->p->cols[j], &cs,
		    e->c[j].ninexact, e->c[j].inexact_eg);
	}

	/* 4. The top categories of the text columns and the target. */
	b->len = 0;
	any = 0;
	for (j = e->j0; j < e->j1; j++) {
		if (!e->c[j].want_top)
			continue;
		engine_sql_add(b, "%s(SELECT %zu, v, count(*) FROM (SELECT %s::text "
		    "COLLATE \"C\" AS v FROM %s WHERE %s IS NOT NULL) s "
		    "GROUP BY v ORDER BY count(*) DESC, v LIMIT %zu)", any++ ?
		    "\nUNION ALL " : "", j, e->c[j].q, src, e->c[j].q, ntop);
	}
	if (any && engine_query(eng, b->s, top_row, e, e->err) != 0)
		return -1;

	/* 5. Rows per month of the date columns. */
	b->len = 0;
	any = 0;
	for (j = e->j0; j < e->j1; j++) {
		if (!e->c[j].date)
			continue;
		engine_sql_add(b, "%s(SELECT %zu AS k, to_char(%s, 'YYYY-MM') "
		    "COLLATE \"C\" AS m, count(*) FROM %s WHERE isfinite(%s) "
		    "GROUP BY 2)", any++ ? "\nUNION ALL " :
		    "SELECT * FROM (", j, e->c[j].q, src, e->c[j].q);
	}
	engine_sql_add(b, ") u ORDER BY k, m");
	if (any && engine_query(eng, b->s, month_row, e, e->err) != 0)
		return -1;
	return 0;
}

/* ------------------------------------------------------------ profile */

struct profile *
profile_engine(const char *conninfo, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, size_t ntop,
	struct rd_err *err)
{
	struct engine *eng = NULL;
	struct sqlx_column *cols = NULL;
	int *kind = NULL;
	size_t ncols = 0, j, k, tc = 0;
	char *name;
	struct profile *p = NULL;
	struct pe e;
	struct engine_sql b = { NULL, 0, 0 };
	char *src = NULL, zone[128];
	int ok = 0;

	memset(&e, 0, sizeof e);
	if (ntop == 0)
		ntop = PROFILE_TOP;
	if ((eng = engine_connect(conninfo, err)) == NULL ||
	    engine_columns_dates(eng, source, &cols, &ncols, &kind,
	    err) != 0)
		goto done;
	if (target != NULL) {
		tc = (size_t)engine_column_index(cols, ncols, target);
		if (tc >= ncols) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" has no target "
			    "column \"%s\"", source, target);
			goto done;
		}
	}
	src = sqlx_ident(SQLX_POSTGRESQL, source, 1);
	p = xcalloc(1, sizeof *p);
	p->table = xstrdup(source);
	p->engine = xstrdup(engine_name(eng));
	p->target = target != NULL ? xstrdup(target) : NULL;
	p->bad_rate = NAN;
	p->ncols = ncols;
	p->cols = xcalloc(ncols, sizeof *p->cols);
	e.p = p;
	e.c = xcalloc(ncols, sizeof *e.c);
	e.err = err;
	for (j = 0; j < ncols; j++) {
		struct profile_column *c = &p->cols[j];
		struct pe_col *pc = &e.c[j];

		c->name = xstrdup(cols[j].name);
		c->type = cols[j].type == DS_INTEGER ? IMPORT_INTEGER :
		    cols[j].type == DS_REAL ? IMPORT_REAL : kind[j] ==
		    ENGINE_DATE || kind[j] == ENGINE_DATE_TZ ? IMPORT_DATE :
		    IMPORT_TEXT;
		c->is_target = target != NULL && j == tc;
		c->min = c->max = c->mean = c->sd = NAN;
		for (k = 0; k < PROFILE_NQ; k++)
			c->q[k] = NAN;
		pc->numeric = cols[j].type != DS_TEXT;
		pc->integer = cols[j].type == DS_INTEGER;
		pc->real = cols[j].type == DS_REAL;
		pc->date = c->type == IMPORT_DATE;
		name = sqlx_ident(SQLX_POSTGRESQL, cols[j].name, 0);
		pc->q = column_read(&cols[j], name, pc->date);
		free(name);
		pc->want_top = c->type == IMPORT_TEXT || c->is_target;
	}

	/* No JIT compilation in this session: the tail and top queries
	   are hundreds of small subqueries, which PostgreSQL compiles one
	   by one for seconds of the run each (30 s of a 2,000-row,
	   300-column table), and the scans gain little from it.  A server
	   without JIT has no such setting, and no row here. */
	if (engine_query(eng, "SELECT set_config('jit', 'off', false) FROM "
	    "pg_settings WHERE name = 'jit'", ignore_row, NULL, err) != 0)
		goto done;
	/* The queries run on PROFILE_ENGINE_CHUNK columns at a time:
	   PostgreSQL takes at most 1664 entries in a target list, and the
	   aggregates give up to 8 a column. */
	for (e.j0 = 0; e.j0 < ncols; e.j0 = e.j1) {
		e.j1 = ncols - e.j0 > PROFILE_ENGINE_CHUNK ? e.j0 +
		    PROFILE_ENGINE_CHUNK : ncols;
		if (profile_chunk(eng, &e, cols, tc, src, bad, nbad, good,
		    ngood, ntop, &b) != 0)
			goto done;
	}
	for (j = 0; j < ncols; j++)
		if (kind[j] == ENGINE_DATE_TZ)
			break;
	if (j < ncols && engine_time_zone(eng, zone, sizeof zone, err) != 0)
		goto done;
	for (j = 0; j < ncols; j++) {
		char *w[3];
		size_t nw = 0, i;

		if (e.c[j].infinite > 0)
			w[nw++] = xasprintf("%zu infinite date%s (infinity or "
			    "-infinity): in the first and last, not in the "
			    "rows per month", e.c[j].infinite,
			    e.c[j].infinite > 1 ? "s" : "");
		/* What the engine's type does to the figures, said where
		   the same rows imported from text would differ. */
		if (kind[j] == ENGINE_DATE_TZ)
			w[nw++] = xasprintf("a timestamp with time zone: its "
			    "days and months are taken in the session's time "
			    "zone, %s (set PGTZ, or the conninfo's options, to "
			    "take another)", zone);
		if (kind[j] == ENGINE_FLOAT4)
			w[nw++] = xstrdup("a real (4-byte float) column: its "
			    "values keep about 7 significant digits, so they "
			    "can differ from the same numbers imported from "
			    "text (0.1 is held as 0.100000001); the engine's "
			    "figures are of the values it holds");
		for (i = 0; i < nw; i++) {
			p->cols[j].warnings = xreallocarray(p->cols[j].warnings,
			    p->cols[j].nwarnings + 1,
			    sizeof *p->cols[j].warnings);
			p->cols[j].warnings[p->cols[j].nwarnings++] = w[i];
		}
	}
	ok = 1;

done:
	engine_close(eng);
	engine_columns_free(cols, ncols);
	free(kind);
	if (e.c != NULL)
		for (j = 0; j < ncols; j++)
			free(e.c[j].q);
	free(e.c);
	free(b.s);
	free(src);
	if (!ok) {
		profile_free(p);
		return NULL;
	}
	return p;
}
