/*
 * binned.c - the binned sample of a scorecard fit (binned.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/binned.h"
#include "util/xmalloc.h"

/* Rows binned at a time (the int scratch of bin_index_num_all). */
#define CHUNK 65536

void
binned_init(struct binned_sample *bs, const char *table,
	struct characteristic *const *chars, size_t k)
{
	size_t j;

	memset(bs, 0, sizeof *bs);
	bs->table = xstrdup(table != NULL ? table : "");
	bs->k = k;
	bs->col = xcalloc(k > 0 ? k : 1, sizeof *bs->col);
	for (j = 0; j < k; j++) {
		bs->col[j].nbins = chars[j]->nbins;
		bs->col[j].wide = chars[j]->nbins > BINNED_NARROW_MAX;
	}
}

static size_t
width(const struct binned_col *c)
{
	return c->wide ? sizeof(uint16_t) : sizeof(uint8_t);
}

void
binned_reserve(struct binned_sample *bs, size_t n, size_t nother)
{
	size_t j;

	if (bs->n + n > bs->cap) {
		bs->cap = bs->n + n;
		bs->y = xrealloc(bs->y, bs->cap > 0 ? bs->cap : 1);
		for (j = 0; j < bs->k; j++)
			bs->col[j].known = xreallocarray(bs->col[j].known,
			    bs->cap > 0 ? bs->cap : 1, width(&bs->col[j]));
	}
	if (bs->nother + nother > bs->capo) {
		bs->capo = bs->nother + nother;
		for (j = 0; j < bs->k; j++)
			bs->col[j].other = xreallocarray(bs->col[j].other,
			    bs->capo > 0 ? bs->capo : 1, width(&bs->col[j]));
		if (bs->keep_reject)
			bs->oreject = xrealloc(bs->oreject, bs->capo > 0 ?
			    bs->capo : 1);
	}
}

void
binned_trim(struct binned_sample *bs)
{
	size_t j;

	bs->cap = bs->n;
	bs->capo = bs->nother;
	bs->y = xrealloc(bs->y, bs->cap > 0 ? bs->cap : 1);
	for (j = 0; j < bs->k; j++) {
		bs->col[j].known = xreallocarray(bs->col[j].known,
		    bs->cap > 0 ? bs->cap : 1, width(&bs->col[j]));
		bs->col[j].other = xreallocarray(bs->col[j].other,
		    bs->capo > 0 ? bs->capo : 1, width(&bs->col[j]));
	}
	if (bs->keep_reject)
		bs->oreject = xrealloc(bs->oreject, bs->capo > 0 ? bs->capo :
		    1);
}

/* Store bin + 1 of row i into the known or other part at *at. */
static void
put(struct binned_col *c, int known, size_t at, int bin)
{
	void *v = known ? c->known : c->other;

	if (c->wide)
		((uint16_t *)v)[at] = (uint16_t)(bin + 1);
	else
		((uint8_t *)v)[at] = (uint8_t)(bin + 1);
}

void
binned_append(struct binned_sample *bs, const struct dataset *ds,
	struct characteristic *const *chars, const int *cols)
{
	size_t nk = 0, no, i, j, lo, at, n0 = bs->n, o0 = bs->nother;
	int *bin = xmalloc((ds->nrows < CHUNK ? (ds->nrows > 0 ? ds->nrows :
	    1) : CHUNK) * sizeof *bin);

	for (i = 0; i < ds->nrows; i++)
		nk += ds->y[i] == DS_GOOD || ds->y[i] == DS_BAD;
	no = ds->nrows - nk;
	/* Grow by doubling when appended slice by slice. */
	if (bs->n + nk > bs->cap)
		binned_reserve(bs, (bs->cap > nk ? bs->cap : nk), 0);
	if (bs->nother + no > bs->capo)
		binned_reserve(bs, 0, bs->capo > no ? bs->capo : no);
	for (i = 0, at = n0, lo = o0; i < ds->nrows; i++)
		if (ds->y[i] == DS_GOOD || ds->y[i] == DS_BAD) {
			bs->y[at++] = ds->y[i];
			bs->nbad += ds->y[i] == DS_BAD;
		} else if (bs->keep_reject)
			bs->oreject[lo++] = ds->reject != NULL &&
			    ds->reject[i] != 0;
	for (j = 0; j < bs->k; j++) {
		const struct characteristic *ch = chars[j];
		const struct ds_column *col = &ds->cols[cols[j]];
		struct binned_col *c = &bs->col[j];
		int *map = NULL, miss = -1;
		size_t ik = n0, io = o0;

		if (!ch->numeric) {
			map = xmalloc((col->nlevels > 0 ? col->nlevels : 1) *
			    sizeof *map);
			miss = bin_index_text(ch, NULL);
			bin_level_map(ch, col, map, NULL);
		}
		for (lo = 0; lo < ds->nrows; lo += CHUNK) {
			size_t m = ds->nrows - lo < CHUNK ? ds->nrows - lo :
			    CHUNK;

			if (ch->numeric)
				bin_index_num_all(ch, col->num + lo, m, bin);
			else
				for (i = 0; i < m; i++)
					bin[i] = col->code[lo + i] < 0 ? miss :
					    map[col->code[lo + i]];
			for (i = 0; i < m; i++) {
				signed char y = ds->y[lo + i];

				if (y == DS_GOOD || y == DS_BAD)
					put(c, 1, ik++, bin[i]);
				else
					put(c, 0, io++, bin[i]);
			}
		}
		free(map);
	}
	bs->n = n0 + nk;
	bs->nother = o0 + no;
	bs->nindet += ds->nindet;
	bs->nreject += ds->nreject;
	free(bin);
}

void
binned_append_rows(struct binned_sample *bs, const int *bin, signed char y,
	size_t count)
{
	int known = y == DS_GOOD || y == DS_BAD;
	size_t at = known ? bs->n : bs->nother, i, j;

	if (known && bs->n + count > bs->cap)
		binned_reserve(bs, bs->cap > count ? bs->cap : count, 0);
	if (!known && bs->nother + count > bs->capo)
		binned_reserve(bs, 0, bs->capo > count ? bs->capo : count);
	for (j = 0; j < bs->k; j++)
		for (i = 0; i < count; i++)
			put(&bs->col[j], known, at + i, bin[j]);
	if (known) {
		memset(bs->y + bs->n, y, count);
		bs->n += count;
		bs->nbad += y == DS_BAD ? count : 0;
	} else {
		if (bs->keep_reject)
			memset(bs->oreject + bs->nother, 0, count);
		bs->nother += count;
	}
}

void
binned_append_outcomes(struct binned_sample *bs, const signed char *y,
	size_t n)
{
	size_t nk = 0, i;

	for (i = 0; i < n; i++)
		nk += y[i] == DS_GOOD || y[i] == DS_BAD;
	binned_reserve(bs, nk, n - nk);
	for (i = 0; i < n; i++)
		if (y[i] == DS_GOOD || y[i] == DS_BAD) {
			bs->y[bs->n++] = y[i];
			bs->nbad += y[i] == DS_BAD;
		}
	if (bs->keep_reject)
		memset(bs->oreject + bs->nother, 0, n - nk);
	bs->nother += n - nk;
	bs->filled_n = bs->n - nk;
	bs->filled_o = bs->nother - (n - nk);
}

void
binned_fill_begin(const struct binned_sample *bs, struct binned_fill *f)
{
	f->ik = bs->filled_n;
	f->io = bs->filled_o;
}

void
binned_fill_part(struct binned_sample *bs, size_t j, const int *bin,
	const signed char *y, size_t n, struct binned_fill *f)
{
	struct binned_col *c = &bs->col[j];
	size_t ik = f->ik, io = f->io, i;

	for (i = 0; i < n; i++) {
		if (y[i] == DS_GOOD || y[i] == DS_BAD)
			put(c, 1, ik++, bin[i]);
		else
			put(c, 0, io++, bin[i]);
	}
	f->ik = ik;
	f->io = io;
}

void
binned_fill_col(struct binned_sample *bs, size_t j, const int *bin,
	const signed char *y, size_t n)
{
	struct binned_fill f;

	binned_fill_begin(bs, &f);
	binned_fill_part(bs, j, bin, y, n, &f);
}

void
binned_remap(struct binned_sample *bs, size_t j, const unsigned *map,
	size_t nbins)
{
	struct binned_col *c = &bs->col[j];
	size_t i;

	c->nbins = nbins;
	if (c->wide) {
		uint16_t *a = c->known, *b = c->other;

		for (i = 0; i < bs->n; i++)
			a[i] = (uint16_t)map[a[i]];
		for (i = 0; i < bs->nother; i++)
			b[i] = (uint16_t)map[b[i]];
	} else {
		uint8_t *a = c->known, *b = c->other;

		for (i = 0; i < bs->n; i++)
			a[i] = (uint8_t)map[a[i]];
		for (i = 0; i < bs->nother; i++)
			b[i] = (uint8_t)map[b[i]];
	}
}

void
binned_done(struct binned_sample *bs)
{
	size_t j;

	for (j = 0; j < bs->k; j++) {
		free(bs->col[j].known);
		free(bs->col[j].other);
	}
	free(bs->col);
	free(bs->y);
	free(bs->oreject);
	free(bs->table);
	memset(bs, 0, sizeof *bs);
}
