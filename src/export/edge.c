/*
 * edge.c - edge cases of a scorecard and policy (edge.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/edge.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define EDGE_LEVELS_MAX 200	/* levels tried per text characteristic */

/* One value of one column: NULL, a number (NaN written NaN) or text. */
struct val {
	int null;
	double num;
	const char *str;	/* borrowed */
};

struct cases {
	size_t *col;		/* [n] the column changed */
	struct val *v;		/* [n] its value */
	char **own;		/* strings made here, [nown] */
	size_t n, nown;
};

static int
same_val(const struct val *a, const struct val *b, int text)
{
	if (a->null || b->null)
		return a->null == b->null;
	if (text)
		return strcmp(a->str, b->str) == 0;
	if (isnan(a->num) || isnan(b->num))
		return isnan(a->num) && isnan(b->num);
	return a->num == b->num && signbit(a->num) == signbit(b->num);
}

static void
add_case(struct cases *cs, const struct sqlx_column *cols, size_t col,
	struct val v)
{
	size_t k;
	int text = cols[col].type == DS_TEXT;

	if (!text && !v.null && !isnan(v.num) && !isfinite(v.num))
		return;
	if (!text && !v.null && cols[col].type == DS_INTEGER &&
	    (isnan(v.num) || v.num != floor(v.num)))
		return;
	for (k = 0; k < cs->n; k++)
		if (cs->col[k] == col && same_val(&cs->v[k], &v, text))
			return;
	cs->col = xreallocarray(cs->col, cs->n + 1, sizeof *cs->col);
	cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
	cs->col[cs->n] = col;
	cs->v[cs->n++] = v;
}

static void
add_num(struct cases *cs, const struct sqlx_column *cols, size_t col,
	double x)
{
	struct val v = { 0, x, NULL };

	add_case(cs, cols, col, v);
}

static void
add_null(struct cases *cs, const struct sqlx_column *cols, size_t col)
{
	struct val v = { 1, NAN, NULL };

	add_case(cs, cols, col, v);
}

static void
add_str(struct cases *cs, const struct sqlx_column *cols, size_t col,
	const char *s, int copy)
{
	struct val v = { 0, NAN, s };

	if (copy) {
		cs->own = xreallocarray(cs->own, cs->nown + 1,
		    sizeof *cs->own);
		v.str = cs->own[cs->nown++] = xstrdup(s);
	}
	add_case(cs, cols, col, v);
}

/* A cut point or compared number and its neighbours. */
static void
add_around(struct cases *cs, const struct sqlx_column *cols, size_t col,
	double x)
{
	if (cols[col].type == DS_INTEGER) {
		double f = floor(x), c = ceil(x);

		add_num(cs, cols, col, f - 1);
		add_num(cs, cols, col, f);
		add_num(cs, cols, col, c);
		add_num(cs, cols, col, c + 1);
		return;
	}
	add_num(cs, cols, col, nextafter(x, -INFINITY));
	add_num(cs, cols, col, x);
	add_num(cs, cols, col, nextafter(x, INFINITY));
}

static int
find_col(const struct sqlx_column *cols, size_t ncols, const char *name)
{
	size_t k;

	for (k = 0; k < ncols; k++)
		if (strcmp(cols[k].name, name) == 0)
			return (int)k;
	return -1;
}

static void
put_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL && *s != '\0') {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void
put_val(FILE *f, const struct val *v, enum ds_type t)
{
	if (v->null)
		return;
	if (t == DS_TEXT) {
		if (*v->str == '\0')
			fputs("\"\"", f);
		else
			put_field(f, v->str);
	} else if (isnan(v->num)) {
		fputs("NaN", f);
	} else if (t == DS_INTEGER) {
		fprintf(f, "%.0f", v->num);
	} else {
		fprintf(f, "%.17g", v->num);
	}
}

/* Literals a policy expression compares columns with. */
static int
literals(const char *e, struct policy_mark at, const struct policy *p,
	const struct sqlx_column *cols, size_t ncols,
	struct sqlx_literals *lits, struct rd_err *err)
{
	struct rd_err e2;
	char *s;

	if (e == NULL)
		return 0;
	rd_err_clear(&e2);
	s = sqlx_translate(e, cols, ncols, SQLX_SQLITE, SQLX_NUMBER, lits,
	    NULL, &e2);
	if (s == NULL) {
		/* A condition that is text-valued is still a condition. */
		rd_err_clear(&e2);
		s = sqlx_translate(e, cols, ncols, SQLX_SQLITE,
		    SQLX_CONDITION, lits, NULL, &e2);
	}
	if (s == NULL)
		return rd_err_setloc(err, RD_EINPUT, p->path, at.line, at.col,
		    "%s", e2.msg);
	free(s);
	return 0;
}

int
export_edge_cases(FILE *f, const struct policy *p,
	const struct scorecard *card, const struct sqlx_column *cols,
	size_t ncols, const struct dataset *base, const char *id,
	struct rd_err *err)
{
	struct cases cs;
	struct sqlx_literals lits = { NULL, 0 };
	struct val *row;
	size_t k, j, i, c;
	int idc = id != NULL ? find_col(cols, ncols, id) : -1, rc = -1;

	memset(&cs, 0, sizeof cs);
	row = xcalloc(ncols + 1, sizeof *row);
	/* The base row. */
	for (c = 0; c < ncols; c++) {
		int bc = base != NULL && base->nrows > 0 ?
		    ds_column_index(base, cols[c].name) : -1;

		row[c].null = 1;
		row[c].num = NAN;
		if (bc < 0)
			continue;
		if (base->cols[bc].type == DS_TEXT) {
			if (cols[c].type == DS_TEXT &&
			    base->cols[bc].code[0] >= 0) {
				row[c].null = 0;
				row[c].str = base->cols[bc].levels[
				    base->cols[bc].code[0]];
			}
		} else if (cols[c].type != DS_TEXT &&
		    !isnan(base->cols[bc].num[0])) {
			row[c].null = 0;
			row[c].num = base->cols[bc].num[0];
		}
	}
	/* The scorecard's edges. */
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;
		int col = find_col(cols, ncols, ch->name);
		size_t nlev = 0;

		if (col < 0)
			continue;
		add_null(&cs, cols, (size_t)col);
		if (ch->numeric) {
			if (cols[col].type == DS_REAL)
				add_num(&cs, cols, (size_t)col, NAN);
			for (j = 0; j < ch->nbins; j++) {
				const struct bin *b = &ch->bins[j];

				if (b->kind == BIN_SPECIAL)
					add_around(&cs, cols, (size_t)col,
					    b->lower);
				else if (b->kind == BIN_RANGE &&
				    isfinite(b->lower))
					add_around(&cs, cols, (size_t)col,
					    b->lower);
			}
			continue;
		}
		for (j = 0; j < ch->nbins; j++)
			for (i = 0; i < ch->bins[j].nlevels &&
			    nlev < EDGE_LEVELS_MAX; i++, nlev++)
				add_str(&cs, cols, (size_t)col,
				    ch->bins[j].levels[i], 0);
		add_str(&cs, cols, (size_t)col, "riskdesk edge: unseen level",
		    0);
	}
	/* The policy's literals. */
	if (literals(p->income, p->income_at, p, cols, ncols, &lits, err) != 0)
		goto out;
	for (k = 0; k < p->nknockouts; k++)
		if (literals(p->knockouts[k].when, p->knockouts[k].when_at, p,
		    cols, ncols, &lits, err) != 0)
			goto out;
	for (k = 0; k < p->nsegments; k++)
		if (literals(p->segments[k].when, p->segments[k].when_at, p,
		    cols, ncols, &lits, err) != 0 ||
		    literals(p->segments[k].ead, p->segments[k].ead_at, p,
		    cols, ncols, &lits, err) != 0)
			goto out;
	for (k = 0; k < lits.n; k++) {
		const struct sqlx_literal *l = &lits.v[k];
		char *other;

		if (l->text && cols[l->col].type == DS_TEXT) {
			add_str(&cs, cols, l->col, l->str, 1);
			other = xasprintf("%s (other)", l->str);
			add_str(&cs, cols, l->col, other, 1);
			free(other);
		} else if (!l->text && cols[l->col].type != DS_TEXT) {
			add_around(&cs, cols, l->col, l->num);
		}
	}
	/* Write them: the header, the base row, the cases. */
	for (c = 0; c < ncols; c++) {
		if (c)
			fputc(',', f);
		put_field(f, cols[c].name);
	}
	if (idc < 0)
		fputs(ncols ? ",edge_id" : "edge_id", f);
	fputc('\n', f);
	for (i = 0; i <= cs.n; i++) {
		for (c = 0; c < ncols; c++) {
			if (c)
				fputc(',', f);
			if ((int)c == idc)
				fprintf(f, "%zu", i + 1);
			else if (i > 0 && cs.col[i - 1] == c)
				put_val(f, &cs.v[i - 1], cols[c].type);
			else
				put_val(f, &row[c], cols[c].type);
		}
		if (idc < 0)
			fprintf(f, ncols ? ",%zu" : "%zu", i + 1);
		fputc('\n', f);
	}
	if (ferror(f)) {
		rd_err_set(err, RD_EIO, "cannot write the edge cases: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	sqlx_literals_done(&lits);
	for (k = 0; k < cs.nown; k++)
		free(cs.own[k]);
	free(cs.own);
	free(cs.col);
	free(cs.v);
	free(row);
	return rc;
}
