/*
 * sql.c - a policy and its scorecard as one SQL query (sql.h).
 *
 * The query is a chain of common table expressions, each adding what the
 * next needs: rd_src (the columns read, NaN as NULL), rd_bin (each
 * characteristic's bin, the knock-out, the segment, the income and the
 * EADs), rd_pts (points, points lost, fallback flags), rd_score, rd_dec
 * (PD, decision, EAD), rd_band (score band of the approved), rd_code
 * (each reason code's loss and its first characteristic), rd_rank (the
 * codes' order), then the record.  Internal names start with rd_; the
 * source's columns are read in rd_src only, so no name of the table can
 * clash with them.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/sql.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* A growing string. */
struct sb {
	char *p;
	size_t n, cap;
};

static void
sb_add(struct sb *b, const char *s)
{
	size_t len = strlen(s);

	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, len + 1);
	b->n += len;
}

static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	char small[512], *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		sb_add(b, small);
		return;
	}
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_add(b, s);
	free(s);
}

/* Add s and free it. */
static void
sb_take(struct sb *b, char *s)
{
	sb_add(b, s);
	free(s);
}

/* One distinct reason code and the characteristics giving it. */
struct code {
	const char *code;
	size_t *chars;		/* [n] ascending card order */
	size_t n;
};

struct gen {
	const struct policy *p;
	const struct scorecard *card;
	const struct export_sql_spec *s;
	enum sqlx_dialect d;
	struct rd_err *err;
	size_t *col;		/* [nchars] column of each characteristic */
	unsigned char *used;	/* [ncols] columns read */
	char **ko;		/* [nknockouts] conditions */
	char **seg;		/* [nsegments] conditions (last NULL) */
	char **ead;		/* [nsegments] amounts */
	char *income;
	struct code *codes;	/* [ncodes] in order of first appearance */
	size_t ncodes;
	char **kept;		/* [nkept] owned: pieces printed into the text */
	size_t nkept;
	int inline_ctes;	/* no MATERIALIZED (cte): the score
				   histogram, whose CTEs name each column
				   once */
	int bins_only;		/* the CTEs end at rd_bin (the bin cells:
				   the card has no points yet) */
	char key[32];		/* the row key's name in the CTEs: rd_id,
				   unless a column read has that name */
};

/* s, owned by g until gen_done: a piece of SQL passed to a printf. */
static const char *
keep(struct gen *g, char *s)
{
	g->kept = xrealloc(g->kept, (g->nkept + 1) * sizeof *g->kept);
	g->kept[g->nkept++] = s;
	return s;
}

/* A number as a literal: a whole number as an integer, else a double. */
static char *
num_lit(enum sqlx_dialect d, double x)
{
	if (x == floor(x) && fabs(x) < 9007199254740992.0)
		return xasprintf("%.0f", x);
	return sqlx_double(d, x);
}

/* The dialect's type names. */
static const char *
int_type(enum sqlx_dialect d)
{
	return d == SQLX_BIGQUERY ? "INT64" : d == SQLX_SPARK ? "INT" :
	    "INTEGER";
}

static const char *
text_type(enum sqlx_dialect d)
{
	return d == SQLX_BIGQUERY ? "STRING" : d == SQLX_SPARK ? "STRING" :
	    d == SQLX_TRINO ? "VARCHAR" : "TEXT";
}

/* A name for a comment: control characters as spaces. */
static char *
comment_text(const char *s)
{
	char *t = xstrdup(s), *q;

	for (q = t; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = ' ';
	return t;
}

/* An output column's name: BigQuery takes letters, digits and _. */
static char *
alias(enum sqlx_dialect d, const char *name)
{
	char *t, *q;

	if (d != SQLX_BIGQUERY)
		return sqlx_ident(d, name, 0);
	t = xstrdup(name);
	for (q = t; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || *q == '_'))
			*q = '_';
	q = sqlx_ident(d, t, 0);
	free(t);
	return q;
}

static int
column_of(const struct export_sql_spec *s, const char *name)
{
	size_t k;

	for (k = 0; k < s->ncols; k++)
		if (strcmp(s->cols[k].name, name) == 0)
			return (int)k;
	for (k = 0; k < s->ncols; k++)
		if (strcasecmp(s->cols[k].name, name) == 0)
			return (int)k;
	return -1;
}

/* Translate one policy expression, the error located at mark. */
static char *
expr(struct gen *g, const char *text, enum sqlx_want want,
	struct policy_mark mark)
{
	struct rd_err e;
	char *s;

	rd_err_clear(&e);
	s = sqlx_translate(text, g->s->cols, g->s->ncols, g->d, want, NULL,
	    g->used, &e);
	if (s == NULL)
		rd_err_setloc(g->err, RD_EINPUT, g->p->path, mark.line,
		    mark.col, "cannot export to %s: %s",
		    sqlx_dialect_names[g->d], e.msg);
	return s;
}

static void
gen_done(struct gen *g)
{
	size_t k;

	free(g->col);
	free(g->used);
	for (k = 0; g->ko != NULL && k < g->p->nknockouts; k++)
		free(g->ko[k]);
	free(g->ko);
	for (k = 0; g->seg != NULL && k < g->p->nsegments; k++) {
		free(g->seg[k]);
		free(g->ead[k]);
	}
	free(g->seg);
	free(g->ead);
	free(g->income);
	for (k = 0; k < g->ncodes; k++)
		free(g->codes[k].chars);
	free(g->codes);
	for (k = 0; k < g->nkept; k++)
		free(g->kept[k]);
	free(g->kept);
}

static int
gen_init(struct gen *g, const struct policy *p, const struct scorecard *card,
	const struct export_sql_spec *s, struct rd_err *err)
{
	size_t k, j;

	memset(g, 0, sizeof *g);
	g->p = p;
	g->card = card;
	g->s = s;
	g->d = s->dialect;
	g->err = err;
	g->col = xcalloc(card->nchars + 1, sizeof *g->col);
	g->used = xcalloc(s->ncols + 1, 1);
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;
		int c = column_of(s, ch->name);

		if (c < 0)
			return rd_err_set(err, RD_EINPUT, "the table has no "
			    "column \"%s\" for the scorecard", ch->name);
		if ((s->cols[c].type == DS_TEXT) == (ch->numeric != 0))
			return rd_err_set(err, RD_EINPUT, "column \"%s\" is "
			    "%s, the scorecard expects %s", ch->name,
			    s->cols[c].type == DS_TEXT ? "text" : "numeric",
			    ch->numeric ? "numbers" : "text");
		g->col[k] = (size_t)c;
		g->used[c] = 1;
	}
	if (p == NULL)
		goto outcome;
	g->ko = xcalloc(p->nknockouts + 1, sizeof *g->ko);
	for (k = 0; k < p->nknockouts; k++)
		if ((g->ko[k] = expr(g, p->knockouts[k].when, SQLX_CONDITION,
		    p->knockouts[k].when_at)) == NULL)
			return -1;
	g->seg = xcalloc(p->nsegments + 1, sizeof *g->seg);
	g->ead = xcalloc(p->nsegments + 1, sizeof *g->ead);
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];

		if (sg->when != NULL && (g->seg[k] = expr(g, sg->when,
		    SQLX_CONDITION, sg->when_at)) == NULL)
			return -1;
		if ((g->ead[k] = expr(g, sg->ead, SQLX_NUMBER,
		    sg->ead_at)) == NULL)
			return -1;
	}
	if (p->income != NULL && (g->income = expr(g, p->income,
	    SQLX_NUMBER, p->income_at)) == NULL)
		return -1;
	/* Reason codes, in order of first appearance in the card. */
	g->codes = xcalloc(card->nchars + 1, sizeof *g->codes);
	for (k = 0; k < card->nchars; k++) {
		const char *c = policy_reason_code(p, card->chars[k].ch->name);

		for (j = 0; j < g->ncodes; j++)
			if (strcmp(g->codes[j].code, c) == 0)
				break;
		if (j == g->ncodes) {
			g->codes[j].code = c;
			g->codes[j].chars = xcalloc(card->nchars,
			    sizeof(size_t));
			g->ncodes++;
		}
		g->codes[j].chars[g->codes[j].n++] = k;
	}
	if (s->id != NULL && column_of(s, s->id) < 0)
		return rd_err_set(err, RD_EINPUT, "the table has no column "
		    "\"%s\" for --id", s->id);
	if (s->id == NULL && g->d != SQLX_SQLITE)
		return rd_err_set(err, RD_EUSAGE, "%s tables have no rowid: "
		    "name the column keying the applicants with --id COLUMN",
		    sqlx_dialect_names[g->d]);
	if (s->id != NULL)
		g->used[column_of(s, s->id)] = 1;
outcome:
	if (s->target != NULL && column_of(s, s->target) >= 0)
		g->used[column_of(s, s->target)] = 1;
	if (s->reject != NULL && s->target != NULL) {
		if (column_of(s, s->reject) < 0)
			return rd_err_set(err, RD_EINPUT, "the table has no "
			    "column \"%s\" for the reject rule", s->reject);
		g->used[column_of(s, s->reject)] = 1;
	}
	/* The row key beside the columns read in rd_src: a name none of
	   them has (rd_id, else rd_id1, ...; compared as an unquoted name
	   is, without case), so no reference to either is ambiguous. */
	{
		unsigned n = 0;
		size_t c;

		snprintf(g->key, sizeof g->key, "rd_id");
		for (c = 0; c < s->ncols; c++)
			if (g->used[c] &&
			    strcasecmp(s->cols[c].name, g->key) == 0) {
				snprintf(g->key, sizeof g->key, "rd_id%u",
				    ++n);
				c = (size_t)-1;
			}
	}
	return 0;
}

/* ------------------------------------------------------------- pieces */

static void
header(struct gen *g, struct sb *b, const char *what)
{
	const char *c = g->s->comment;

	sb_printf(b, "-- riskdesk %s: %s\n", PACKAGE_VERSION, what);
	while (c != NULL && *c != '\0') {
		const char *e = strchr(c, '\n');
		size_t n = e != NULL ? (size_t)(e - c) : strlen(c);
		char *line = xstrndup(c, n), *t = comment_text(line);

		sb_printf(b, "-- %s\n", t);
		free(t);
		free(line);
		c += n + (e != NULL);
	}
	sb_printf(b, "-- dialect: %s.  Conventions: numeric bins [lower, "
	    "upper); NULL (and NaN)\n-- take the missing bin, else 0 points; "
	    "a level no bin lists takes the\n-- fallback bin; conditions "
	    "that are NULL are not true; an EAD that is NULL\n-- counts 0; "
	    "integer division truncates; division by zero is NULL.\n",
	    sqlx_dialect_names[g->d]);
	if (g->s->view != NULL)
		sb_take(b, xasprintf("CREATE VIEW %s AS\n",
		    keep(g, sqlx_ident(g->d, g->s->view, 1))));
}

/* The bin CASE of characteristic k over its (cleaned) column. */
static void
bin_case(struct gen *g, struct sb *b, size_t k)
{
	const struct card_char *cc = &g->card->chars[k];
	const struct characteristic *ch = cc->ch;
	char *x = sqlx_ident(g->d, g->s->cols[g->col[k]].name, 0), *t;
	int miss = card_missing_bin(g->card, k);
	size_t j, nr = 0, i;

	t = comment_text(ch->name);
	sb_printf(b, "    -- %s (IV %.4f): %zu bins\n", t, ch->iv, ch->nbins);
	free(t);
	sb_printf(b, "    CASE\n      WHEN %s IS NULL THEN %d\n", x, miss);
	for (j = 0; j < ch->nbins; j++)
		if (ch->bins[j].kind == BIN_RANGE)
			nr++;
	for (j = 0; j < ch->nbins; j++) {
		const struct bin *bn = &ch->bins[j];

		if (bn->kind != BIN_SPECIAL)
			continue;
		t = comment_text(bn->label);
		sb_take(b, xasprintf("      WHEN %s = %s THEN %zu  -- %s\n", x,
		    keep(g, sqlx_double(g->d, bn->lower)), j, t));
		free(t);
	}
	if (ch->numeric) {
		/* Ranges ascending and contiguous: the first whose upper
		   end (the next one's lower) is above x. */
		for (j = 0; j + 1 < nr; j++) {
			char *v = sqlx_double(g->d, ch->bins[j + 1].lower);

			t = comment_text(ch->bins[j].label);
			sb_printf(b, "      WHEN %s < %s THEN %zu  -- %s\n", x,
			    v, j, t);
			free(t);
			free(v);
		}
		if (nr > 0) {
			t = comment_text(ch->bins[nr - 1].label);
			sb_printf(b, "      ELSE %zu  -- %s\n", nr - 1, t);
			free(t);
		} else {
			sb_add(b, "      ELSE -1\n");
		}
	} else {
		for (j = 0; j < ch->nbins; j++) {
			const struct bin *bn = &ch->bins[j];

			if (bn->kind != BIN_LEVELS || bn->nlevels == 0)
				continue;
			sb_printf(b, "      WHEN %s IN (", x);
			for (i = 0; i < bn->nlevels; i++) {
				if (i)
					sb_add(b, ", ");
				sb_take(b, sqlx_string(g->d, bn->levels[i]));
			}
			t = comment_text(bn->label);
			sb_printf(b, ") THEN %zu  -- %s\n", j, t);
			free(t);
		}
		sb_add(b, "      ELSE -2  -- a level no bin lists: the "
		    "fallback\n");
	}
	sb_printf(b, "    END AS rd_b%zu", k);
	free(x);
}

/* CASE rd_b<k> mapping each bin to v[bin]; -1 to none_v, -2 to the
   fallback bin's value (or none_v without one). */
static void
bin_map(struct gen *g, struct sb *b, size_t k, const char *const *v,
	const char *none_v)
{
	const struct characteristic *ch = g->card->chars[k].ch;
	int fb = ch->numeric ? -1 : bin_fallback(ch);
	size_t j;

	sb_printf(b, "CASE rd_b%zu", k);
	for (j = 0; j < ch->nbins; j++)
		sb_printf(b, " WHEN %zu THEN %s", j, v[j]);
	if (!ch->numeric)
		sb_printf(b, " WHEN -2 THEN %s", fb >= 0 ? v[fb] : none_v);
	sb_printf(b, " ELSE %s END", none_v);
}

static void
free_strs(char **v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

/*
 * The head of CTE name: "name AS (" and, in SQLite and PostgreSQL, "name
 * AS MATERIALIZED (".  Each CTE reads the one before it and names its
 * columns many times over (the points of a bin, the score in every
 * segment's cutoff, each loss in every rank); both engines inline a CTE
 * read once, putting the whole expression in place of each name, so
 * without MATERIALIZED the work per applicant grows with the product of
 * those counts: 14 ms an applicant in PostgreSQL 15 on the bundled policy,
 * 0.07 ms with it.  DuckDB, Spark and Trino eliminate the common
 * subexpressions themselves (MATERIALIZED made DuckDB slower); Spark,
 * Trino and BigQuery have no such keyword.  Needs SQLite 3.35 and
 * PostgreSQL 12 or later.  The score histogram names each column once
 * (a simple CASE reads its operand once), so its CTEs are left to be
 * inlined: PostgreSQL then runs the whole query in its parallel workers
 * without writing the CTEs out (1.6 s instead of 7 s for 1,000,000
 * applicants on PostgreSQL 15, tests/bench/bench-engine.sh).
 */
static void
cte(struct gen *g, struct sb *b, const char *name)
{
	int mat = !g->inline_ctes &&
	    (g->d == SQLX_SQLITE || g->d == SQLX_POSTGRESQL);

	sb_printf(b, "%s AS %s(\n  SELECT\n    ", name,
	    mat ? "MATERIALIZED " : "");
}

/*
 * The test "col IN (v1, v2, ...)" of the tab-separated values list over
 * column c, as the target rule reads a cell (db.h db_target_rule): a
 * numeric column against the values that are numbers, a text column
 * against the text.  Nothing when no value applies (*any stays 0).
 */
static void
value_in(struct gen *g, struct sb *b, size_t c, const char *list, int *any)
{
	const struct export_sql_spec *s = g->s;
	int num = s->cols[c].type != DS_TEXT;
	char *x = sqlx_ident(g->d, s->cols[c].name, 0);
	char *copy = xstrdup(list != NULL ? list : "");
	char *tok, *save = NULL;

	*any = 0;
	for (tok = strtok_r(copy, "\t", &save); tok != NULL;
	    tok = strtok_r(NULL, "\t", &save)) {
		char *end;
		double v = strtod(tok, &end);

		if (num && (end == tok || *end != '\0' || isnan(v)))
			continue;
		if (!*any)
			sb_printf(b, "%s IN (", x);
		else
			sb_add(b, ", ");
		*any = 1;
		sb_take(b, num ? sqlx_double(g->d, v) : sqlx_string(g->d, tok));
	}
	if (*any)
		sb_add(b, ")");
	free(copy);
	free(x);
}

/*
 * The CTEs up to rd_band, with the outcome in rd_y when want_y.  Without
 * a policy (g->p NULL: the score histogram) only rd_src, rd_bin (the bins
 * and rd_y), rd_pts and rd_score, and no row key.
 */
static void
ctes(struct gen *g, struct sb *b, int want_y)
{
	const struct policy *p = g->p;
	const struct scorecard *card = g->card;
	size_t k, j, c;
	int first = 0;
	char *t;

	/* rd_src: the columns read (the score histogram keys nothing). */
	sb_add(b, "WITH\nrd_src AS (\n  SELECT\n    ");
	if (p == NULL) {
		first = 1;
	} else if (g->s->id != NULL) {
		t = sqlx_ident(g->d, g->s->cols[column_of(g->s,
		    g->s->id)].name, 0);
		sb_printf(b, "%s AS %s", t, g->key);
		free(t);
	} else {
		sb_printf(b, "rowid AS %s", g->key);
	}
	for (c = 0; c < g->s->ncols; c++) {
		if (!g->used[c])
			continue;
		sb_take(b, xasprintf("%s%s", first ? "" : ",\n    ", keep(g,
		    sqlx_column_ref(g->d, &g->s->cols[c]))));
		sb_take(b, xasprintf(" AS %s", keep(g, sqlx_ident(g->d,
		    g->s->cols[c].name, 0))));
		first = 0;
	}
	if (first)
		sb_add(b, "0 AS rd_none");
	sb_take(b, xasprintf("\n  FROM %s\n),\n", keep(g, sqlx_ident(g->d,
	    g->s->source, 1))));

	/* rd_bin: bins, knock-out, segment, income, EADs. */
	cte(g, b, "rd_bin");
	if (p != NULL)
		sb_printf(b, "%s,\n", g->key);
	for (k = 0; k < card->nchars; k++) {
		bin_case(g, b, k);
		sb_add(b, ",\n");
	}
	if (p == NULL)
		goto outcome;
	sb_add(b, "    -- knock-outs, first true one\n");
	if (p->nknockouts == 0) {
		sb_printf(b, "    CAST(NULL AS %s) AS rd_ko,\n", int_type(g->d));
	} else {
		sb_add(b, "    CASE\n");
		for (k = 0; k < p->nknockouts; k++) {
			t = comment_text(p->knockouts[k].name);
			sb_printf(b, "      WHEN %s THEN %zu  -- %s\n", g->ko[k],
			    k, t);
			free(t);
		}
		sb_add(b, "    END AS rd_ko,\n");
	}
	sb_add(b, "    -- segments, first true one\n");
	if (p->nsegments == 1) {
		sb_add(b, "    0 AS rd_seg,\n");
	} else {
		sb_add(b, "    CASE\n");
		for (k = 0; k + 1 < p->nsegments; k++) {
			t = comment_text(p->segments[k].name);
			sb_printf(b, "      WHEN %s THEN %zu  -- %s\n",
			    g->seg[k], k, t);
			free(t);
		}
		sb_printf(b, "      ELSE %zu\n    END AS rd_seg,\n",
		    p->nsegments - 1);
	}
	if (g->income != NULL)
		sb_printf(b, "    %s AS rd_income,\n", g->income);
	for (k = 0; k < p->nsegments; k++)
		sb_printf(b, "    %s AS rd_ead%zu,\n", g->ead[k], k);
outcome:
	if (want_y) {
		const struct export_sql_spec *s = g->s;
		int tc = s->target != NULL ? column_of(s, s->target) : -1;

		int rj = s->reject != NULL ?
		    column_of(s, s->reject) : -1;

		if (tc < 0) {
			sb_printf(b, "    CAST(NULL AS %s) AS rd_y\n",
			    int_type(g->d));
		} else {
			char *x = sqlx_ident(g->d, s->cols[tc].name, 0);
			struct sb w;
			int pass, any;

			sb_printf(b, "    CASE WHEN %s IS NULL THEN NULL", x);
			if (rj >= 0) {
				/* A reject has no outcome (db.h). */
				memset(&w, 0, sizeof w);
				value_in(g, &w, (size_t)rj, s->reject_value,
				    &any);
				if (any)
					sb_printf(b, " WHEN %s THEN NULL", w.p);
				free(w.p);
			}
			for (pass = 0; pass < 2; pass++) {
				const char *list = pass == 0 ? s->bad : s->good;

				if (pass == 1 && (list == NULL ||
				    *list == '\0')) {
					sb_add(b, " ELSE 0");
					break;
				}
				memset(&w, 0, sizeof w);
				value_in(g, &w, (size_t)tc, list, &any);
				if (any)
					sb_printf(b, " WHEN %s THEN %d", w.p,
					    pass == 0);
				free(w.p);
			}
			sb_add(b, " END AS rd_y\n");
			free(x);
		}
	} else {
		sb_add(b, "    0 AS rd_y\n");
	}
	if (g->bins_only) {
		sb_add(b, "  FROM rd_src\n)");
		return;
	}
	sb_add(b, "  FROM rd_src\n),\n");

	/* rd_pts: points, points lost, fallbacks. */
	cte(g, b, "rd_pts");
	sb_add(b, "rd_bin.*");
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		size_t nb = cc->ch->nbins;
		char **v = xcalloc(nb + 1, sizeof *v);
		double best = card_best_points(cc);
		char *none;

		for (j = 0; j < nb; j++)
			v[j] = num_lit(g->d, cc->points[j]);
		sb_add(b, ",\n    ");
		bin_map(g, b, k, (const char *const *)v, "0");
		sb_printf(b, " AS rd_p%zu", k);
		free_strs(v, nb);
		v = xcalloc(nb + 1, sizeof *v);
		for (j = 0; j < nb; j++)
			v[j] = num_lit(g->d, best - cc->points[j]);
		none = num_lit(g->d, best);
		sb_add(b, ",\n    ");
		bin_map(g, b, k, (const char *const *)v, none);
		sb_printf(b, " AS rd_l%zu", k);
		free(none);
		free_strs(v, nb);
		sb_printf(b, ",\n    CASE WHEN rd_b%zu < 0 THEN 1 ELSE 0 END "
		    "AS rd_f%zu", k, k);
	}
	sb_add(b, "\n  FROM rd_bin\n),\n");

	/* rd_score. */
	cte(g, b, "rd_score");
	sb_take(b, xasprintf("rd_pts.*,\n    (%s", keep(g, num_lit(g->d,
	    card->base_points))));
	for (k = 0; k < card->nchars; k++)
		sb_printf(b, " + rd_p%zu", k);
	sb_add(b, ") AS rd_score\n  FROM rd_pts\n)");
	if (p == NULL)
		return;
	sb_add(b, ",\n");

	/* rd_dec: PD, decision, EAD. */
	{
		char *one = sqlx_double(g->d, 1), *off =
		    sqlx_double(g->d, card->offset), *fac =
		    sqlx_double(g->d, card->factor);

		cte(g, b, "rd_dec");
		sb_printf(b, "rd_score.*,\n    "
		    "%s / (%s + EXP((rd_score - %s) / %s)) AS rd_pd,\n", one,
		    one, off, fac);
		free(one);
		free(off);
		free(fac);
	}
	sb_add(b, "    -- 0 approve, 1 refer, 2 decline, 3 knocked out\n"
	    "    CASE\n      WHEN rd_ko IS NOT NULL THEN 3\n");
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];
		char *cut = num_lit(g->d, sg->cutoff);

		sb_printf(b, "      WHEN rd_seg = %zu THEN CASE WHEN rd_score "
		    ">= %s THEN 0", k, cut);
		if (!isnan(sg->refer)) {
			char *r = num_lit(g->d, sg->refer);

			sb_printf(b, " WHEN rd_score >= %s THEN 1", r);
			free(r);
		}
		sb_add(b, " ELSE 2 END\n");
		free(cut);
	}
	sb_add(b, "    END AS rd_d,\n    CASE WHEN rd_ko IS NULL THEN CASE "
	    "rd_seg");
	for (k = 0; k < p->nsegments; k++)
		sb_printf(b, " WHEN %zu THEN rd_ead%zu", k, k);
	sb_add(b, " END END AS rd_ead_raw\n  FROM rd_score\n),\n");

	/* rd_band: the score band of the approved. */
	cte(g, b, "rd_band");
	sb_add(b, "rd_dec.*,\n    "
	    "CASE WHEN rd_ko IS NULL THEN COALESCE(rd_ead_raw, 0) END AS "
	    "rd_ead,\n    CASE\n      WHEN rd_d <> 0 THEN NULL\n");
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];

		if (sg->nbands == 0)
			continue;
		/* One band takes every approved score: band 0 (a CASE
		   with no WHEN is no SQL). */
		if (sg->nbands == 1) {
			sb_printf(b, "      WHEN rd_seg = %zu THEN 0\n", k);
			continue;
		}
		sb_printf(b, "      WHEN rd_seg = %zu THEN CASE", k);
		for (j = sg->nbands; j-- > 1;) {
			char *f = num_lit(g->d, sg->bands[j].from);

			sb_printf(b, " WHEN rd_score >= %s THEN %zu", f, j);
			free(f);
		}
		sb_add(b, " ELSE 0 END\n");
	}
	sb_printf(b, "    END AS rd_bd\n  FROM rd_dec\n)");
}

/* The limit of band j of segment k (income bands by rd_income). */
static char *
limit_expr(struct gen *g, const struct policy_band *bd)
{
	struct sb b = { NULL, 0, 0 };
	size_t m;

	if (bd->nincome == 0)
		return isnan(bd->limit) ? xstrdup("NULL") :
		    num_lit(g->d, bd->limit);
	/* One income band: its limit whatever the income (a CASE with no
	   WHEN is no SQL). */
	if (bd->nincome == 1)
		return num_lit(g->d, bd->income[0].limit);
	sb_add(&b, "CASE");
	for (m = bd->nincome; m-- > 1;) {
		char *mi = num_lit(g->d, bd->income[m].min_income);
		char *li = num_lit(g->d, bd->income[m].limit);

		sb_printf(&b, " WHEN rd_income >= %s THEN %s", mi, li);
		free(mi);
		free(li);
	}
	sb_take(&b, xasprintf(" ELSE %s END", keep(g, num_lit(g->d,
	    bd->income[0].limit))));
	return b.p;
}

/* CASE over segment and band: what(band) for the approved. */
static void
band_case(struct gen *g, struct sb *b, int apr)
{
	const struct policy *p = g->p;
	size_t k, j;
	int any = 0;

	sb_add(b, "CASE WHEN rd_d = 0 THEN CASE");
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];

		if (sg->nbands == 0)
			continue;
		any = 1;
		sb_printf(b, " WHEN rd_seg = %zu THEN CASE rd_bd", k);
		for (j = 0; j < sg->nbands; j++) {
			char *v = apr ? (isnan(sg->bands[j].apr) ?
			    xstrdup("NULL") : sqlx_double(g->d,
			    sg->bands[j].apr)) : limit_expr(g, &sg->bands[j]);

			sb_printf(b, " WHEN %zu THEN %s", j, v);
			free(v);
		}
		sb_add(b, " END");
	}
	if (!any)
		sb_add(b, " WHEN 1 = 0 THEN 0");
	sb_add(b, " END END");
}

/* The LGD of the row's segment. */
static void
lgd_case(struct gen *g, struct sb *b)
{
	size_t k;

	sb_add(b, "CASE rd_seg");
	for (k = 0; k < g->p->nsegments; k++)
		sb_take(b, xasprintf(" WHEN %zu THEN %s", k,
		    keep(g, sqlx_double(g->d, g->p->segments[k].lgd))));
	sb_add(b, " END");
}

/* rd_code and rd_rank: each reason code's loss (the largest of its
   characteristics'), the first characteristic reaching it, its rank. */
static void
rank_ctes(struct gen *g, struct sb *b)
{
	size_t c, j, i;

	sb_add(b, ",\n");
	cte(g, b, "rd_code");
	sb_add(b, "rd_band.*");
	for (c = 0; c < g->ncodes; c++) {
		const struct code *cd = &g->codes[c];
		char *acc = xasprintf("rd_l%zu", cd->chars[0]);

		for (j = 1; j < cd->n; j++) {
			char *t = xasprintf("(CASE WHEN %s >= rd_l%zu THEN %s "
			    "ELSE rd_l%zu END)", acc, cd->chars[j], acc,
			    cd->chars[j]);

			free(acc);
			acc = t;
		}
		sb_printf(b, ",\n    %s AS rd_cl%zu", acc, c);
		free(acc);
		if (cd->n == 1) {
			sb_printf(b, ",\n    %zu AS rd_ct%zu", cd->chars[0], c);
		} else {
			sb_add(b, ",\n    CASE");
			for (j = 0; j < cd->n; j++)
				sb_printf(b, " WHEN rd_l%zu = rd_cl%zu THEN %zu",
				    cd->chars[j], c, cd->chars[j]);
			sb_printf(b, " END AS rd_ct%zu", c);
		}
	}
	sb_add(b, "\n  FROM rd_band\n),\n");
	cte(g, b, "rd_rank");
	sb_add(b, "rd_code.*");
	for (c = 0; c < g->ncodes; c++) {
		sb_add(b, ",\n    (0");
		for (i = 0; i < g->ncodes; i++) {
			if (i == c)
				continue;
			sb_printf(b, " + CASE WHEN rd_cl%zu > rd_cl%zu OR "
			    "(rd_cl%zu = rd_cl%zu AND rd_ct%zu < rd_ct%zu) "
			    "THEN 1 ELSE 0 END", i, c, i, c, i, c);
		}
		sb_printf(b, ") AS rd_r%zu", c);
	}
	sb_add(b, "\n  FROM rd_code\n)\n");
}

char *
export_sql_decisions(const struct policy *p, const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err)
{
	struct export_sql_spec s = *spec;
	struct gen g;
	struct sb b = { NULL, 0, 0 };
	size_t k, j, r;
	char *t, *u;

	/* The outcome is the report's; decisions need not read it. */
	s.target = NULL;
	if (gen_init(&g, p, card, &s, err) != 0) {
		gen_done(&g);
		return NULL;
	}
	header(&g, &b, "the decisions of a policy");
	ctes(&g, &b, 0);
	rank_ctes(&g, &b);

	sb_add(&b, "SELECT\n");
	t = alias(g.d, spec->id != NULL ? spec->id : "row");
	sb_printf(&b, "  %s AS %s,\n  rd_score AS score,\n  rd_pd AS pd,\n"
	    "  CASE WHEN rd_ko IS NULL THEN CASE rd_seg", g.key, t);
	free(t);
	for (k = 0; k < p->nsegments; k++)
		sb_take(&b, xasprintf(" WHEN %zu THEN %s", k,
		    keep(&g, sqlx_string(g.d, p->segments[k].name))));
	sb_add(&b, " END END AS segment,\n  CASE rd_d WHEN 0 THEN 'approve' "
	    "WHEN 1 THEN 'refer' ELSE 'decline' END AS decision,\n");
	for (j = 0; j < 2; j++) {
		sb_add(&b, "  CASE rd_ko");
		for (k = 0; k < p->nknockouts; k++)
			sb_take(&b, xasprintf(" WHEN %zu THEN %s", k,
			    keep(&g, sqlx_string(g.d, j == 0 ?
			    p->knockouts[k].name : p->knockouts[k].reason))));
		if (p->nknockouts == 0)
			sb_printf(&b, " WHEN 0 THEN CAST(NULL AS %s)",
			    text_type(g.d));
		sb_printf(&b, " END AS %s,\n", j == 0 ? "knockout" :
		    "knockout_reason");
	}
	for (r = 0; r < spec->nreasons; r++) {
		sb_add(&b, "  CASE WHEN rd_d IN (1, 2) THEN CASE");
		for (k = 0; k < g.ncodes; k++)
			sb_take(&b, xasprintf(" WHEN rd_cl%zu > 0 AND rd_r%zu "
			    "= %zu THEN %s", k, k, r, keep(&g,
			    sqlx_string(g.d, g.codes[k].code))));
		if (g.ncodes == 0)
			sb_printf(&b, " WHEN 1 = 0 THEN CAST(NULL AS %s)",
			    text_type(g.d));
		sb_printf(&b, " END END AS reason_%zu,\n", r + 1);
	}
	sb_add(&b, "  ");
	band_case(&g, &b, 0);
	sb_add(&b, " AS credit_limit,\n  ");
	band_case(&g, &b, 1);
	sb_add(&b, " AS apr,\n  rd_ead AS ead,\n  CASE WHEN rd_d = 0 THEN "
	    "rd_pd * ");
	lgd_case(&g, &b);
	sb_add(&b, " * rd_ead END AS expected_loss,\n  (0");
	for (k = 0; k < card->nchars; k++)
		sb_printf(&b, " + rd_f%zu", k);
	sb_add(&b, ") AS fallbacks");
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;
		char **v = xcalloc(ch->nbins + 1, sizeof *v);
		char *none = xasprintf("CAST(NULL AS %s)", text_type(g.d));

		for (j = 0; j < ch->nbins; j++)
			v[j] = sqlx_string(g.d, ch->bins[j].label);
		sb_add(&b, ",\n  ");
		bin_map(&g, &b, k, (const char *const *)v, none);
		free_strs(v, ch->nbins);
		free(none);
		u = xasprintf("%s:attribute", ch->name);
		sb_take(&b, xasprintf(" AS %s", keep(&g, alias(g.d, u))));
		free(u);
		u = xasprintf("%s:points", ch->name);
		sb_take(&b, xasprintf(",\n  rd_p%zu AS %s", k,
		    keep(&g, alias(g.d, u))));
		free(u);
		u = xasprintf("%s:fallback", ch->name);
		sb_take(&b, xasprintf(",\n  rd_f%zu AS %s", k,
		    keep(&g, alias(g.d, u))));
		free(u);
	}
	sb_add(&b, "\nFROM rd_rank;\n");
	gen_done(&g);
	return b.p;
}

char *
export_sql_report(const struct policy *p, const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err)
{
	struct export_sql_spec s = *spec;
	struct gen g;
	struct sb b = { NULL, 0, 0 };
	char *one, *zero, *fund;
	size_t k;
	int priced = p->priced;

	/* The id is not needed; any column keys nothing. */
	if (s.id == NULL && s.dialect != SQLX_SQLITE && s.ncols > 0)
		s.id = s.cols[0].name;
	if (gen_init(&g, p, card, &s, err) != 0) {
		gen_done(&g);
		return NULL;
	}
	one = sqlx_double(g.d, 1);
	zero = sqlx_double(g.d, 0);
	fund = sqlx_double(g.d, p->funding_rate);
	header(&g, &b, "the report of a policy");
	ctes(&g, &b, 1);
	sb_add(&b, ",\nrd_row AS (\n  SELECT\n    rd_seg, rd_ko, rd_d, rd_pd, "
	    "rd_ead, rd_y,\n    CASE WHEN rd_ko IS NULL AND rd_ead_raw IS "
	    "NULL THEN 1 ELSE 0 END AS rd_eadna,\n    CASE WHEN rd_d = 0 THEN "
	    "rd_pd * ");
	lgd_case(&g, &b);
	sb_add(&b, " * rd_ead END AS rd_el,\n    ");
	band_case(&g, &b, 0);
	sb_add(&b, " AS rd_lim,\n    ");
	band_case(&g, &b, 1);
	sb_add(&b, " AS rd_apr\n  FROM rd_band\n),\nrd_names AS (\n");
	for (k = 0; k < p->nsegments; k++)
		sb_take(&b, xasprintf("  %sSELECT %zu AS rd_k, %s AS segment\n",
		    k ? "UNION ALL " : "", k, keep(&g, sqlx_string(g.d,
		    p->segments[k].name))));
	sb_add(&b, "),\nrd_fig AS (\n");
	for (k = 0; k < 2; k++) {
		const char *all = k == 0 ? "" : "r.";

		if (k == 0)
			sb_printf(&b, "  SELECT -1 AS rd_k, CAST(NULL AS %s) "
			    "AS segment,\n", text_type(g.d));
		else
			sb_add(&b, "  UNION ALL\n  SELECT n.rd_k, n.segment,\n");
		sb_printf(&b, "    COUNT(%srd_d) AS applicants,\n", all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d = 0 THEN 1 ELSE 0 END) "
		    "AS approved,\n", all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d = 1 THEN 1 ELSE 0 END) "
		    "AS referred,\n", all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d >= 2 THEN 1 ELSE 0 END) "
		    "AS declined,\n", all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d = 3 THEN 1 ELSE 0 END) "
		    "AS knocked_out,\n", all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d = 0 AND %srd_y IS NOT "
		    "NULL THEN 1 ELSE 0 END) AS approved_known,\n", all, all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d = 0 AND %srd_y = 1 THEN "
		    "1 ELSE 0 END) AS approved_bad,\n", all, all);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d = 0 THEN %srd_pd END) AS "
		    "rd_sumpd,\n", all, all);
		sb_printf(&b, "    COALESCE(SUM(CASE WHEN %srd_d = 0 THEN %srd_ead "
		    "END), %s) AS exposure,\n", all, all, zero);
		sb_printf(&b, "    COALESCE(SUM(%srd_el), %s) AS expected_loss,\n",
		    all, zero);
		sb_printf(&b, "    COALESCE(SUM(%srd_lim), %s) AS credit_limit,\n",
		    all, zero);
		sb_printf(&b, "    COALESCE(SUM(%srd_ead * COALESCE(%srd_apr, %s))"
		    ", %s) AS rd_rev,\n", all, all, zero, zero);
		sb_printf(&b, "    SUM(CASE WHEN %srd_d IS NOT NULL THEN "
		    "%srd_eadna ELSE 0 END) AS ead_missing\n", all, all);
		if (k == 0)
			sb_add(&b, "  FROM rd_row\n");
		else
			sb_add(&b, "  FROM rd_names n LEFT JOIN rd_row r ON "
			    "r.rd_seg = n.rd_k AND r.rd_ko IS NULL\n  GROUP BY "
			    "n.rd_k, n.segment\n");
	}
	sb_add(&b, ")\nSELECT\n  segment, applicants, approved, referred, "
	    "declined, knocked_out,\n");
	sb_printf(&b, "  approved * %s / NULLIF(applicants, 0) AS "
	    "approval_rate,\n", one);
	sb_printf(&b, "  referred * %s / NULLIF(applicants, 0) AS "
	    "refer_rate,\n", one);
	sb_printf(&b, "  declined * %s / NULLIF(applicants, 0) AS "
	    "decline_rate,\n", one);
	sb_printf(&b, "  approved_known, approved_bad,\n  approved_bad * %s / "
	    "NULLIF(approved_known, 0) AS bad_rate,\n", one);
	sb_add(&b, "  rd_sumpd / NULLIF(approved, 0) AS expected_bad_rate,\n"
	    "  exposure, expected_loss, credit_limit,\n");
	if (priced) {
		sb_printf(&b, "  rd_rev AS revenue,\n  %s * exposure AS "
		    "funding_cost,\n  rd_rev - %s * exposure - expected_loss AS "
		    "profit,\n", fund, fund);
	} else {
		char *nul = xasprintf("CAST(NULL AS %s)", g.d ==
		    SQLX_POSTGRESQL ? "DOUBLE PRECISION" : g.d ==
		    SQLX_BIGQUERY ? "FLOAT64" : g.d == SQLX_SQLITE ? "REAL" :
		    "DOUBLE");

		sb_printf(&b, "  %s AS revenue,\n  %s AS funding_cost,\n  %s "
		    "AS profit,\n", nul, nul, nul);
		free(nul);
	}
	sb_add(&b, "  ead_missing\nFROM rd_fig\nORDER BY rd_k;\n");
	free(one);
	free(zero);
	free(fund);
	gen_done(&g);
	return b.p;
}

char *
export_sql_ead_check(const struct policy *p, const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err)
{
	struct export_sql_spec s = *spec;
	struct gen g;
	struct sb b = { NULL, 0, 0 };
	char *big;

	if (s.id == NULL && s.dialect != SQLX_SQLITE && s.ncols > 0)
		s.id = s.cols[0].name;
	if (gen_init(&g, p, card, &s, err) != 0) {
		gen_done(&g);
		return NULL;
	}
	big = sqlx_double(g.d, DBL_MAX);
	header(&g, &b, "the EADs of a policy's segments checked");
	ctes(&g, &b, 0);
	/* Past the largest double either way: infinite (a NaN too, which
	   PostgreSQL sorts above every number). */
	sb_printf(&b, "\nSELECT\n  rd_seg,\n  SUM(CASE WHEN rd_ead_raw > %s OR "
	    "rd_ead_raw < -%s THEN 1 ELSE 0 END) AS infinite,\n  SUM(CASE "
	    "WHEN rd_ead_raw < 0 AND rd_ead_raw >= -%s THEN 1 ELSE 0 END) AS "
	    "negative\nFROM rd_band\nWHERE rd_ko IS NULL\nGROUP BY rd_seg\n"
	    "ORDER BY rd_seg;\n", big, big, big);
	free(big);
	gen_done(&g);
	return b.p;
}

char *
export_sql_score_hist(const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err)
{
	struct gen g;
	struct sb b = { NULL, 0, 0 };

	if (gen_init(&g, NULL, card, spec, err) != 0) {
		gen_done(&g);
		return NULL;
	}
	g.inline_ctes = 1;
	header(&g, &b, "the score histogram of a scorecard");
	ctes(&g, &b, 1);
	/* rd_score is never NULL: a NULL cell takes the missing bin or 0
	   points (bin_map's ELSE), and the base points are a literal. */
	sb_add(&b, "\nSELECT\n  rd_score AS score,\n  rd_y AS outcome,\n"
	    "  COUNT(*) AS n\nFROM rd_score\nGROUP BY rd_score, rd_y\n"
	    "ORDER BY rd_score, rd_y;\n");
	gen_done(&g);
	return b.p;
}

char *
export_sql_bin_cells(const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err)
{
	struct gen g;
	struct sb b = { NULL, 0, 0 };
	size_t k;

	if (gen_init(&g, NULL, card, spec, err) != 0) {
		gen_done(&g);
		return NULL;
	}
	g.inline_ctes = 1;
	g.bins_only = 1;
	header(&g, &b, "the bin cells of characteristics, for a fit");
	ctes(&g, &b, 1);
	sb_add(&b, "\nSELECT\n  ");
	for (k = 0; k < card->nchars; k++)
		sb_printf(&b, "rd_b%zu AS b%zu,\n  ", k, k);
	sb_add(&b, "rd_y AS outcome,\n  COUNT(*) AS n\nFROM rd_bin\n"
	    "GROUP BY ");
	for (k = 0; k < card->nchars; k++)
		sb_printf(&b, "rd_b%zu, ", k);
	sb_add(&b, "rd_y\nORDER BY ");
	for (k = 0; k < card->nchars; k++)
		sb_printf(&b, "rd_b%zu, ", k);
	sb_add(&b, "rd_y;\n");
	gen_done(&g);
	return b.p;
}
