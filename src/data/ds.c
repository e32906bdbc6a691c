/*
 * ds.c - in-memory datasets (see ds.h).  Loading from SQLite is in db.c;
 * this file looks things up, reads a column as the other kind, and
 * frees.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/ds.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

int
ds_column_index(const struct dataset *ds, const char *name)
{
	size_t j;

	for (j = 0; j < ds->ncols; j++)
		if (strcmp(ds->cols[j].name, name) == 0)
			return (int)j;
	return -1;
}

int
ds_level_code(const struct ds_column *col, const char *text)
{
	size_t lo = 0, hi = col->nlevels;

	/* levels are sorted by strcmp: binary search. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(col->levels[mid], text);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

double
ds_bad_rate(const struct dataset *ds)
{
	size_t known = ds->nbad + ds->ngood;

	return known > 0 ? (double)ds->nbad / (double)known : NAN;
}

void
ds_column_done(struct ds_column *c)
{
	size_t k;

	if (c == NULL)
		return;
	free(c->name);
	free(c->role);
	free(c->role_note);
	free(c->num);
	free(c->exact);
	free(c->code);
	for (k = 0; k < c->nlevels; k++)
		free(c->levels[k]);
	free(c->levels);
	memset(c, 0, sizeof *c);
}

void
ds_column_add_num(struct dataset *ds, const char *name, double *num)
{
	struct ds_column *c;
	size_t i;

	ds->cols = xreallocarray(ds->cols, ds->ncols + 1, sizeof *ds->cols);
	c = &ds->cols[ds->ncols++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->type = DS_REAL;
	c->num = num;
	for (i = 0; i < ds->nrows; i++)
		c->nmissing += isnan(num[i]) != 0;
}

void
ds_column_remove(struct dataset *ds, size_t j)
{
	ds_column_done(&ds->cols[j]);
	memmove(&ds->cols[j], &ds->cols[j + 1],
	    (ds->ncols - j - 1) * sizeof *ds->cols);
	ds->ncols--;
	if (ds->target > (int)j)
		ds->target--;
}

void
ds_free(struct dataset *ds)
{
	size_t j;

	if (ds == NULL)
		return;
	for (j = 0; j < ds->ncols; j++)
		ds_column_done(&ds->cols[j]);
	free(ds->cols);
	free(ds->table);
	free(ds->y);
	free(ds->reject);
	free(ds->rowid);
	free(ds);
}

int
ds_cell_int64(const struct ds_column *col, size_t i, int64_t *v)
{
	double x = col->num[i];

	if (isnan(x))
		return 0;
	if (col->exact != NULL && (double)col->exact[i] == x) {
		*v = col->exact[i];
		return 1;
	}
	if (x == floor(x) && x >= -0x1p63 && x < 0x1p63) {
		*v = (int64_t)x;
		return 1;
	}
	return 0;
}

int
ds_column_is_identifier(const struct ds_column *col)
{
	return col->role != NULL && strcmp(col->role, DS_ROLE_IDENTIFIER) == 0;
}

/* Bytes for a hash gathered before they go to it: one rd_sha256_update a
   buffer instead of one or two a value.  The digest of a stream does not
   depend on how it is cut, so it is the same. */
struct hash_buf {
	struct rd_sha256 *h;
	size_t n;
	unsigned char b[8192];
};

static void
hash_put(struct hash_buf *hb, const void *p, size_t n)
{
	if (hb->n + n > sizeof hb->b) {
		rd_sha256_update(hb->h, hb->b, hb->n);
		hb->n = 0;
		if (n > sizeof hb->b) {
			rd_sha256_update(hb->h, p, n);
			return;
		}
	}
	memcpy(hb->b + hb->n, p, n);
	hb->n += n;
}

/* The byte tag, then the 64 bits of u little endian, at o: 9 bytes. */
static inline void
put9(unsigned char *o, unsigned char tag, uint64_t u)
{
	o[0] = tag;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(o + 1, &u, sizeof u);
#else
	{
		size_t k;

		for (k = 0; k < 8; k++)
			o[1 + k] = (unsigned char)(u >> (8 * k));
	}
#endif
}

/*
 * Row i's bytes as ds_hash_rows hashes them, at o (room for all of
 * them): tb and tn its text levels' bytes.  Returns how many.
 */
static size_t
row_bytes(const struct dataset *ds, size_t i, unsigned char ***tb,
	size_t **tn, unsigned char *o)
{
	size_t j, n = 0;

	for (j = 0; j < ds->ncols; j++) {
		const struct ds_column *c = &ds->cols[j];
		double x;
		uint64_t u;

		if (c->type == DS_TEXT) {
			if (c->code[i] < 0) {
				o[n++] = 'N';
			} else {
				memcpy(o + n, tb[j][c->code[i]],
				    tn[j][c->code[i]]);
				n += tn[j][c->code[i]];
			}
			continue;
		}
		x = c->num[i];
		if (isnan(x)) {
			o[n++] = 'N';
		} else if (c->exact != NULL && (double)c->exact[i] == x &&
		    (x >= 0x1p63 || (int64_t)x != c->exact[i])) {
			/* An integer its double does not hold. */
			put9(o + n, 'I', (uint64_t)c->exact[i]);
			n += 9;
		} else {
			memcpy(&u, &x, sizeof u);
			put9(o + n, 'D', u);
			n += 9;
		}
	}
	return n;
}

void
ds_hash_rows(const struct dataset *ds, struct rd_sha256 *h)
{
	struct hash_buf hb;
	size_t i, j, k, l;
	/* Each text column's levels as they are hashed ('T', the length
	   in 4 bytes little endian, the bytes), made once: [ncols] of
	   [nlevels] */
	unsigned char ***tb = xcalloc(ds->ncols + 1, sizeof *tb);
	size_t **tn = xcalloc(ds->ncols + 1, sizeof *tn);
	size_t row = 0;
	unsigned char *big = NULL;

	for (j = 0; j < ds->ncols; j++) {
		const struct ds_column *c = &ds->cols[j];

		if (c->type != DS_TEXT)
			continue;
		tb[j] = xcalloc(c->nlevels + 1, sizeof **tb);
		tn[j] = xcalloc(c->nlevels + 1, sizeof **tn);
		for (l = 0; l < c->nlevels; l++) {
			size_t n = strlen(c->levels[l]);

			tb[j][l] = xmalloc(n + 5);
			tb[j][l][0] = 'T';
			for (k = 0; k < 4; k++)
				tb[j][l][1 + k] = (unsigned char)(n >> (8 * k));
			memcpy(tb[j][l] + 5, c->levels[l], n);
			tn[j][l] = n + 5;
		}
	}
	for (j = 0; j < ds->ncols; j++) {
		size_t most = 9;

		for (l = 0; ds->cols[j].type == DS_TEXT &&
		    l < ds->cols[j].nlevels; l++)
			if (tn[j][l] > most)
				most = tn[j][l];
		row += most;
	}
	if (row > sizeof hb.b)
		big = xmalloc(row);
	hb.h = h;
	hb.n = 0;
	for (i = 0; i < ds->nrows; i++) {
		/* A row whose bytes surely fit the buffer goes in without
		   a look at its room a value (row: the most a row takes); a
		   longer one (a long text) through a buffer of its own. */
		if (big == NULL) {
			if (hb.n + row > sizeof hb.b) {
				rd_sha256_update(h, hb.b, hb.n);
				hb.n = 0;
			}
			hb.n += row_bytes(ds, i, tb, tn, hb.b + hb.n);
		} else {
			hash_put(&hb, big, row_bytes(ds, i, tb, tn, big));
		}
	}
	if (hb.n > 0)
		rd_sha256_update(h, hb.b, hb.n);
	for (j = 0; j < ds->ncols; j++) {
		if (tb[j] != NULL)
			for (l = 0; l < ds->cols[j].nlevels; l++)
				free(tb[j][l]);
		free(tb[j]);
		free(tn[j]);
	}
	free(tb);
	free(tn);
	free(big);
}

/* ------------------------------------------------ the other kind */

static int
cmp_num(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* A distinct value and its text, for sorting the texts. */
struct numtext {
	char *s;
	size_t at;	/* index among the sorted distinct values */
};

static int
cmp_numtext(const void *pa, const void *pb)
{
	return strcmp(((const struct numtext *)pa)->s,
	    ((const struct numtext *)pb)->s);
}

/* The shortest text of x that reads back as x: plain decimals ("10",
   "2.5") for moderate magnitudes, else %g ("1e-07"). */
static char *
num_text(double x)
{
	char buf[64];
	int p;

	if (x == 0 || (fabs(x) >= 1e-4 && fabs(x) < 1e15))
		for (p = 0; p <= 17; p++) {
			snprintf(buf, sizeof buf, "%.*f", p, x);
			if (strtod(buf, NULL) == x)
				return xstrdup(buf);
		}
	for (p = 1; p < 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, x);
		if (strtod(buf, NULL) == x)
			return xstrdup(buf);
	}
	snprintf(buf, sizeof buf, "%.17g", x);
	return xstrdup(buf);
}

void
ds_column_as_text(const struct ds_column *col, size_t nrows,
	struct ds_column *out)
{
	double *u = xmalloc((nrows + 1) * sizeof *u);
	struct numtext *t;
	int *code;
	size_t i, m = 0, k;

	memset(out, 0, sizeof *out);
	out->name = xstrdup(col->name);
	out->type = DS_TEXT;
	for (i = 0; i < nrows; i++)
		if (!isnan(col->num[i]))
			u[m++] = col->num[i];
	qsort(u, m, sizeof *u, cmp_num);
	for (i = 0, k = 0; i < m; i++)
		if (k == 0 || u[i] != u[k - 1])
			u[k++] = u[i];
	m = k;
	/* Distinct numbers in value order -> their texts in strcmp order
	   (2 < 10, but "10" < "2"). */
	t = xmalloc((m + 1) * sizeof *t);
	for (k = 0; k < m; k++) {
		t[k].s = num_text(u[k]);
		t[k].at = k;
	}
	qsort(t, m, sizeof *t, cmp_numtext);
	code = xmalloc((m + 1) * sizeof *code);
	out->levels = xmalloc((m + 1) * sizeof *out->levels);
	for (k = 0; k < m; k++) {
		out->levels[k] = t[k].s;
		code[t[k].at] = (int)k;
	}
	out->nlevels = m;
	out->code = xmalloc((nrows + 1) * sizeof *out->code);
	for (i = 0; i < nrows; i++) {
		double x = col->num[i];
		const double *at;

		if (isnan(x)) {
			out->code[i] = -1;
			out->nmissing++;
			continue;
		}
		at = bsearch(&x, u, m, sizeof *u, cmp_num);
		out->code[i] = code[at - u];
	}
	free(t);
	free(code);
	free(u);
}

void
ds_column_as_number(const struct ds_column *col, size_t nrows,
	struct ds_column *out, size_t *nnot, size_t *rows_not)
{
	double *v = xmalloc((col->nlevels + 1) * sizeof *v);
	size_t i, bad = 0, badrows = 0;

	memset(out, 0, sizeof *out);
	out->name = xstrdup(col->name);
	out->type = DS_REAL;
	for (i = 0; i < col->nlevels; i++) {
		const char *s = col->levels[i];
		char *end;

		v[i] = strtod(s, &end);
		while (*end == ' ' || *end == '\t')
			end++;
		if (end == s || *end != '\0' || !isfinite(v[i])) {
			v[i] = NAN;
			bad++;
		}
	}
	out->num = xmalloc((nrows + 1) * sizeof *out->num);
	for (i = 0; i < nrows; i++) {
		int c = col->code[i];

		out->num[i] = c >= 0 ? v[c] : NAN;
		badrows += c >= 0 && isnan(v[c]);
		out->nmissing += isnan(out->num[i]);
	}
	free(v);
	if (nnot != NULL)
		*nnot = bad;
	if (rows_not != NULL)
		*rows_not = badrows;
}
