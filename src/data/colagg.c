/*
 * colagg.c - distinct values with their rows per outcome, read in
 * chunks (see colagg.h).
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/colagg.h"
#include "data/db.h"
#include "data/ds.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/rsort.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------ the dictionary */

static uint32_t
hash_num(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof u);
	/* splitmix64's finaliser */
	u ^= u >> 30;
	u *= 0xbf58476d1ce4e5b9ULL;
	u ^= u >> 27;
	u *= 0x94d049bb133111ebULL;
	u ^= u >> 31;
	return (uint32_t)u;
}

static uint32_t
hash_text(const char *s)
{
	return rd_fnv1a((const unsigned char *)s, strlen(s));
}

/* n zeroed slots on a cache line's boundary (n a power of two >= 64). */
static struct colagg_slot *
slots_alloc(size_t n)
{
	size_t size = n * sizeof(struct colagg_slot);
	struct colagg_slot *t = aligned_alloc(64, size);

	if (t == NULL)
		xmalloc_failed(size);
	memset(t, 0, size);
	return t;
}

static void
dict_rehash(struct colagg_col *c)
{
	size_t k, j, mask, old = c->nslot;

	c->nslot = c->nslot ? 2 * c->nslot : 64;
	mask = c->nslot - 1;
	if (c->type != DS_TEXT) {
		struct colagg_slot *t = slots_alloc(c->nslot);

		/* Each slot moves whole, its counts with it. */
		for (k = 0; k < old; k++) {
			if (c->vslot[k].k1 == 0)
				continue;
			for (j = hash_num(c->vslot[k].v) & mask;
			    t[j].k1 != 0; j = (j + 1) & mask)
				;
			t[j] = c->vslot[k];
		}
		free(c->vslot);
		c->vslot = t;
		return;
	}
	free(c->slot);
	c->slot = xcalloc(c->nslot, sizeof *c->slot);
	for (k = 0; k < c->ndistinct; k++) {
		for (j = hash_text(c->text[k]) & mask; c->slot[j] != 0;
		    j = (j + 1) & mask)
			;
		c->slot[j] = (uint32_t)(k + 1);
	}
}

/* A new entry of c, its counts zero; the caller sets its value. */
static size_t
dict_add(struct colagg_col *c)
{
	if (c->ndistinct == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		if (c->type == DS_TEXT)
			c->text = xreallocarray(c->text, c->cap,
			    sizeof *c->text);
		else
			c->num = xreallocarray(c->num, c->cap, sizeof *c->num);
		c->n = xreallocarray(c->n, c->cap, sizeof *c->n);
	}
	memset(c->n[c->ndistinct], 0, sizeof c->n[c->ndistinct]);
	return c->ndistinct++;
}

/* The code of number x (not NaN) in c, added when new, and a row of
   outcome out counted in its slot (slots_count gives the counts to n). */
static inline size_t
code_num(struct colagg_col *c, double x, unsigned out)
{
	size_t j, mask, k;

	if (x == 0)
		x = 0;	/* -0 and 0 are one value */
	if (4 * (c->ndistinct + 1) > 3 * c->nslot)
		dict_rehash(c);
	mask = c->nslot - 1;
	for (j = hash_num(x) & mask; c->vslot[j].k1 != 0; j = (j + 1) & mask)
		if (c->vslot[j].v == x) {
			c->vslot[j].n[out]++;
			return c->vslot[j].k1 - 1;
		}
	k = dict_add(c);
	c->num[k] = x;
	c->vslot[j].v = x;
	c->vslot[j].k1 = (uint32_t)(k + 1);
	c->vslot[j].n[out] = 1;
	return k;
}

/* The end of a numeric column's hashing: its slots' counts added to its
   codes' n. */
static void
slots_count(struct colagg_col *c)
{
	size_t j, o;

	for (j = 0; j < c->nslot; j++)
		if (c->vslot[j].k1 != 0)
			for (o = 0; o < COLAGG_NOUT; o++)
				c->n[c->vslot[j].k1 - 1][o] +=
				    c->vslot[j].n[o];
}

/* The code of text s in c, added (copied) when new. */
static size_t
code_text(struct colagg_col *c, const char *s)
{
	uint32_t h;
	size_t j, mask, k;

	if (4 * (c->ndistinct + 1) > 3 * c->nslot)
		dict_rehash(c);
	h = hash_text(s);
	mask = c->nslot - 1;
	for (j = h & mask; c->slot[j] != 0; j = (j + 1) & mask)
		if (strcmp(c->text[c->slot[j] - 1], s) == 0)
			return c->slot[j] - 1;
	k = dict_add(c);
	c->text[k] = xstrdup(s);
	c->slot[j] = (uint32_t)(k + 1);
	return k;
}

/* ------------------------------------------------------------ codes */

/* c's first upto codes (c of nrows rows), NULL kept, as uint16. */
static void
codes_to16(struct colagg_col *c, size_t nrows, size_t upto)
{
	size_t r;

	c->code16 = xreallocarray(NULL, nrows ? nrows : 1,
	    sizeof *c->code16);
	for (r = 0; r < upto; r++)
		c->code16[r] = c->code8[r] == COLAGG_NULL8 ? COLAGG_NULL16 :
		    c->code8[r];
	free(c->code8);
	c->code8 = NULL;
}

/* c's codes of nrows rows made wide (code32), the first upto rows'
   codes (and NULLs) kept, from whichever width they had. */
static void
codes_widen(struct colagg_col *c, size_t nrows, size_t upto)
{
	size_t r;

	c->code32 = xreallocarray(NULL, nrows ? nrows : 1,
	    sizeof *c->code32);
	if (c->code8 != NULL)
		for (r = 0; r < upto; r++)
			c->code32[r] = c->code8[r] == COLAGG_NULL8 ?
			    COLAGG_NULL32 : c->code8[r];
	else
		for (r = 0; r < upto; r++)
			c->code32[r] = c->code16[r] == COLAGG_NULL16 ?
			    COLAGG_NULL32 : c->code16[r];
	free(c->code8);
	free(c->code16);
	c->code8 = NULL;
	c->code16 = NULL;
}

/* Row i's code (SIZE_MAX: NULL) into c's codes of nrows rows, widening
   them at the first code their width cannot hold. */
static inline void
code_store(struct colagg_col *c, size_t nrows, size_t i, size_t code)
{
	if (c->code8 != NULL) {
		if (code == SIZE_MAX || code < COLAGG_NULL8) {
			c->code8[i] = code == SIZE_MAX ? COLAGG_NULL8 :
			    (uint8_t)code;
			return;
		}
		if (code < COLAGG_NULL16)
			codes_to16(c, nrows, i);
		else
			codes_widen(c, nrows, i);
	}
	if (c->code32 == NULL && code != SIZE_MAX && code >= COLAGG_NULL16)
		codes_widen(c, nrows, i);
	if (c->code32 != NULL)
		c->code32[i] = code == SIZE_MAX ? COLAGG_NULL32 :
		    (uint32_t)code;
	else
		c->code16[i] = code == SIZE_MAX ? COLAGG_NULL16 :
		    (uint16_t)code;
}

size_t
colagg_code(const struct colagg *a, const struct colagg_col *c, size_t i)
{
	(void)a;
	if (c->code32 != NULL)
		return c->code32[i] == COLAGG_NULL32 ? SIZE_MAX :
		    c->code32[i];
	if (c->code16 != NULL)
		return c->code16[i] == COLAGG_NULL16 ? SIZE_MAX :
		    c->code16[i];
	return c->code8[i] == COLAGG_NULL8 ? SIZE_MAX : c->code8[i];
}

/* out[i] = map[code of row i], the code NULL (c's ndistinct for a NULL)
   of the width at hand. */
#define MAP_CODES(k, null) \
	for (i = 0; i < n; i++) \
		out[i] = map[(k)[i] == (null) ? c->ndistinct : (k)[i]]

void
colagg_map_codes_part(const struct colagg *a, const struct colagg_col *c,
	const int *map, size_t first, size_t n, int *out)
{
	size_t i;

	(void)a;
	if (c->code32 != NULL)
		MAP_CODES(c->code32 + first, COLAGG_NULL32);
	else if (c->code16 != NULL)
		MAP_CODES(c->code16 + first, COLAGG_NULL16);
	else
		MAP_CODES(c->code8 + first, COLAGG_NULL8);
}

void
colagg_map_codes(const struct colagg *a, const struct colagg_col *c,
	const int *map, int *out)
{
	colagg_map_codes_part(a, c, map, 0, a->nrows, out);
}

/* ------------------------------------------ many distinct values */

/*
 * The cells of rows first .. first + n - 1 of numeric column d (chunk
 * outcomes out[n]) that are not NaN appended to c as one run, sorted by
 * value.
 */
static void
many_run(const struct colagg *a, struct colagg_col *c,
	const struct ds_column *d, const unsigned char *out, size_t first,
	size_t n)
{
	size_t at = c->ncells, i;

	if (c->ncells + n > c->ncellcap) {
		/* Room for every row of the table at once (growing by
		   copies touched three times the memory), then by half
		   again should it have grown. */
		c->ncellcap = c->ncellcap == 0 && a->hint > n ? a->hint :
		    c->ncellcap + c->ncellcap / 2 + n;
		c->cells = xreallocarray(c->cells, c->ncellcap,
		    sizeof *c->cells);
	}
	for (i = 0; i < n; i++) {
		double x = d->num[i];
		struct colagg_cell *e;

		if (isnan(x))
			continue;
		e = &c->cells[c->ncells++];
		e->v = x == 0 ? 0 : x;	/* -0 and 0 are one value */
		e->row = (uint32_t)(first + i);
		e->out = out[i];
	}
	rsort_by_double(c->cells + at, c->ncells - at, sizeof *c->cells,
	    offsetof(struct colagg_cell, v));
	c->run = xreallocarray(c->run, c->nrun + 1, sizeof *c->run);
	c->run[c->nrun++] = at;
}

/*
 * Column c met its first chunk (n rows, d, outcomes out) with more than
 * half of them distinct: the dictionary made of it is dropped (its NULLs
 * stay counted, its codes are given again at the end) and the chunk's
 * cells become the first run.
 */
static void
many_start(struct colagg *a, struct colagg_col *c,
	const struct ds_column *d, const unsigned char *out, size_t n)
{
	c->many = 1;
	c->ndistinct = 0;
	free(c->vslot);
	c->vslot = NULL;
	c->nslot = 0;
	/* Wide codes from here on: the chunk's NULLs kept, every other
	   row's code given by many_finish. */
	if (a->keep_codes && c->code32 == NULL)
		codes_widen(c, a->nrows, n);
	many_run(a, c, d, out, 0, n);
}

#if defined(__GNUC__)
#define PREFETCH(p, w) __builtin_prefetch((p), (w))
#else
#define PREFETCH(p, w) ((void)(p))
#endif

/* A run in the merge's heap: the value of its next cell, kept beside
   the run so that a comparison reads the heap alone. */
struct run_head {
	double v;
	size_t r;
};

/*
 * The end of the pass for a column of many distinct values: the sorted
 * runs merged (a binary heap of runs keyed by their next value) into the
 * dictionary, in value order, with the rows per outcome and, with
 * keep_codes, each row's code (code32, wide whatever the count).  Equal
 * values of several runs become one entry whichever run gives its cell
 * first.
 */
static void
many_finish(struct colagg *a, struct colagg_col *c)
{
	size_t nr = c->nrun, nh = 0, r, h, k = 0, *pos, *end;
	struct run_head *heap, top;

	/* (With keep_codes the codes are wide since many_start.) */
	/* The dictionary's room for every cell at once (reserved, not
	   touched), cut to the distinct values after the merge. */
	if (c->ncells > c->cap) {
		c->cap = c->ncells;
		c->num = xreallocarray(c->num, c->cap, sizeof *c->num);
		c->n = xreallocarray(c->n, c->cap, sizeof *c->n);
	}
	pos = xcalloc(nr + 1, sizeof *pos);
	end = xcalloc(nr + 1, sizeof *end);
	heap = xcalloc(nr + 1, sizeof *heap);
	for (r = 0; r < nr; r++) {
		double v;

		pos[r] = c->run[r];
		end[r] = r + 1 < nr ? c->run[r + 1] : c->ncells;
		if (pos[r] == end[r])
			continue;
		/* Sift up. */
		v = c->cells[pos[r]].v;
		for (h = nh++; h > 0 && v < heap[(h - 1) / 2].v;
		    h = (h - 1) / 2)
			heap[h] = heap[(h - 1) / 2];
		heap[h].v = v;
		heap[h].r = r;
	}
	c->ndistinct = 0;
	while (nh > 0) {
		const struct colagg_cell *e;

		r = heap[0].r;
		e = &c->cells[pos[r]];
		if (c->ndistinct == 0 || e->v != c->num[k]) {
			k = dict_add(c);
			c->num[k] = e->v;
		}
		c->n[k][e->out]++;
		if (a->keep_codes)
			c->code32[e->row] = (uint32_t)k;
		/* The run's next cell, or the last run in its place.  Some
		   hundreds of runs are read at once, too many streams for the
		   processor to foresee: the run's cells two lines on are
		   fetched ahead, and the code its new head will write. */
		if (++pos[r] == end[r]) {
			top = heap[--nh];
		} else {
			const struct colagg_cell *f = &c->cells[pos[r]];

			if (pos[r] + 8 < end[r])
				PREFETCH(f + 8, 0);
			if (a->keep_codes)
				PREFETCH(&c->code32[f->row], 1);
			top.v = f->v;
			top.r = r;
		}
		for (h = 0;;) {
			size_t l = 2 * h + 1, m;

			if (l >= nh)
				break;
			m = l + 1 < nh && heap[l + 1].v < heap[l].v ? l + 1 : l;
			if (!(heap[m].v < top.v))
				break;
			heap[h] = heap[m];
			h = m;
		}
		if (nh > 0)
			heap[h] = top;
	}
	free(pos);
	free(end);
	free(heap);
	if (c->ndistinct > 0 && c->ndistinct < c->cap) {
		c->cap = c->ndistinct;
		c->num = xreallocarray(c->num, c->cap, sizeof *c->num);
		c->n = xreallocarray(c->n, c->cap, sizeof *c->n);
	}
	free(c->cells);
	free(c->run);
	c->cells = NULL;
	c->run = NULL;
	c->ncells = c->ncellcap = c->nrun = 0;
	c->sorted = 1;
}

/* ------------------------------------------------------------ a chunk */

/* The outcome of row i of chunk ds. */
static int
outcome(const struct dataset *ds, size_t i)
{
	if (ds->reject != NULL && ds->reject[i])
		return COLAGG_REJECT;
	if (ds->y == NULL || ds->y[i] == DS_INDET)
		return COLAGG_INDET;
	return ds->y[i] == DS_BAD ? COLAGG_BAD : COLAGG_GOOD;
}

/* Set up a's columns from the first chunk. */
static void
cols_init(struct colagg *a, const struct dataset *ds)
{
	size_t j;

	a->ncols = ds->ncols;
	a->cols = xcalloc(ds->ncols + 1, sizeof *a->cols);
	a->target = ds->target;
	a->has_reject = ds->reject != NULL;
	for (j = 0; j < ds->ncols; j++) {
		struct colagg_col *c = &a->cols[j];
		const struct ds_column *d = &ds->cols[j];

		c->name = xstrdup(d->name);
		c->type = d->type;
		c->date = d->date;
		c->role = d->role != NULL ? xstrdup(d->role) : NULL;
		c->role_note = d->role_note != NULL ? xstrdup(d->role_note) :
		    NULL;
		c->row_number = c->type != DS_TEXT;
		if (a->keep_codes)
			c->code8 = xreallocarray(NULL, a->nrows ? a->nrows :
			    1, sizeof *c->code8);
	}
	if (a->keep_codes)
		a->outcome = xmalloc(a->nrows ? a->nrows : 1);
}

/* Add chunk ds, whose first row is row `first` of the table. */
static int
add_chunk(struct colagg *a, const struct dataset *ds, size_t first,
	struct rd_err *err)
{
	unsigned char *out = xmalloc(ds->nrows ? ds->nrows : 1);
	size_t i, j, l;

	if (a->keep_codes && first + ds->nrows > a->nrows) {
		free(out);
		return rd_err_set(err, RD_EDB, "table \"%s\" grew while it "
		    "was read", a->table);
	}
	for (i = 0; i < ds->nrows; i++)
		out[i] = (unsigned char)outcome(ds, i);
	if (a->keep_codes)
		memcpy(a->outcome + first, out, ds->nrows);
	a->ngood += ds->ngood;
	a->nbad += ds->nbad;
	a->nindet += ds->nindet;
	a->nreject += ds->nreject;
	a->nreject_known += ds->nreject_known;
	for (j = 0; j < ds->ncols; j++) {
		struct colagg_col *c = &a->cols[j];
		const struct ds_column *d = &ds->cols[j];

		c->nmissing += d->nmissing;
		if (d->ninexact > 0 && (c->ninexact == 0 ||
		    d->inexact_eg < c->inexact_eg))
			c->inexact_eg = d->inexact_eg;
		c->ninexact += d->ninexact;
		if (d->type == DS_TEXT) {
			/* The chunk's level codes to the column's, once per
			   level. */
			size_t *map = xcalloc(d->nlevels + 1, sizeof *map);

			for (l = 0; l < d->nlevels; l++)
				map[l] = code_text(c, d->levels[l]);
			for (i = 0; i < ds->nrows; i++) {
				size_t k = d->code[i] < 0 ? SIZE_MAX :
				    map[d->code[i]];

				if (k == SIZE_MAX)
					c->miss[out[i]]++;
				else
					c->n[k][out[i]]++;
				if (a->keep_codes)
					code_store(c, a->nrows, first + i, k);
			}
			free(map);
			continue;
		}
		for (i = 0; i < ds->nrows; i++) {
			double x = d->num[i];
			size_t k;

			if (c->row_number) {
				if (isnan(x))
					c->row_number = 0;
				else if (first + i == 0)
					c->row_number = x == 0 || x == 1;
				else
					c->row_number = x == c->rn_first +
					    (double)(first + i);
				if (first + i == 0)
					c->rn_first = x;
			}
			if (isnan(x)) {
				c->miss[out[i]]++;
				k = SIZE_MAX;
			} else if (c->many) {
				k = 0;	/* given at the end */
			} else {
				k = code_num(c, x, out[i]);
			}
			if (a->keep_codes)
				code_store(c, a->nrows, first + i, k);
		}
		if (c->many)
			many_run(a, c, d, out, first, ds->nrows);
		else if (first == 0 && ds->nrows == COLAGG_CHUNK &&
		    2 * c->ndistinct > ds->nrows)
			many_start(a, c, d, out, ds->nrows);
	}
	free(out);
	return 0;
}

/* ------------------------------------------------------------ the pass */

struct pass {
	struct colagg *a;
	size_t done;
};

static int
take_chunk(void *arg, const struct dataset *ds, struct rd_err *err)
{
	struct pass *p = arg;

	if (ds->nrows > COLAGG_MAX_ROWS - p->done)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has more than "
		    "%zu rows: too many to class here (bin --engine classes "
		    "it where it lives)", p->a->table,
		    (size_t)COLAGG_MAX_ROWS);
	if (p->a->cols == NULL)
		cols_init(p->a, ds);
	if (add_chunk(p->a, ds, p->done, err) < 0)
		return -1;
	p->done += ds->nrows;
	return 0;
}

struct colagg *
colagg_read(struct db *db, const char *table, const char *const *names,
	size_t nnames, int keep_codes, struct rd_err *err)
{
	struct colagg *a = xcalloc(1, sizeof *a);
	struct pass p;
	int64_t lo, hi;
	size_t j;

	a->table = xstrdup(table);
	a->keep_codes = keep_codes;
	a->target = -1;
	/* The rows, for the codes (the read checks that none come or go)
	   and the room of a column of many values. */
	if (db_rowid_range(db, table, &lo, &hi, &a->hint, err) < 0) {
		colagg_free(a);
		return NULL;
	}
	if (keep_codes)
		a->nrows = a->hint;
	p.a = a;
	p.done = 0;
	if (db_dataset_scan_columns(db, table, names, names != NULL ? nnames :
	    SIZE_MAX, COLAGG_CHUNK, NULL, take_chunk, &p, err) != 0) {
		colagg_free(a);
		return NULL;
	}
	a->nrows = p.done;
	for (j = 0; j < a->ncols; j++)
		if (a->cols[j].many)
			many_finish(a, &a->cols[j]);
	/* The hashes served the pass only (a numeric one's counts go to
	   its codes first). */
	for (j = 0; j < a->ncols; j++) {
		if (a->cols[j].vslot != NULL)
			slots_count(&a->cols[j]);
		free(a->cols[j].slot);
		free(a->cols[j].vslot);
		a->cols[j].slot = NULL;
		a->cols[j].vslot = NULL;
		a->cols[j].nslot = 0;
	}
	return a;
}

int
colagg_index(const struct colagg *a, const char *name)
{
	size_t j;

	for (j = 0; j < a->ncols; j++)
		if (strcmp(a->cols[j].name, name) == 0)
			return (int)j;
	return -1;
}

size_t
colagg_rows(const struct colagg_col *c, size_t k)
{
	size_t o, s = 0;

	for (o = 0; o < COLAGG_NOUT; o++)
		s += c->n[k][o];
	return s;
}

/* Sorting codes by their values: the values travel with the codes. */
struct num_ref {
	double v;
	size_t k;
};

struct text_ref {
	const char *s;
	size_t k;
};

static int
cmp_num_ref(const void *x, const void *y)
{
	double a = ((const struct num_ref *)x)->v;
	double b = ((const struct num_ref *)y)->v;

	return a < b ? -1 : a > b;
}

static int
cmp_text_ref(const void *x, const void *y)
{
	return strcmp(((const struct text_ref *)x)->s,
	    ((const struct text_ref *)y)->s);
}

void
colagg_sorted(const struct colagg_col *c, size_t *order)
{
	size_t k, d = c->ndistinct;

	if (c->type == DS_TEXT) {
		struct text_ref *r = xcalloc(d + 1, sizeof *r);

		for (k = 0; k < d; k++) {
			r[k].s = c->text[k];
			r[k].k = k;
		}
		qsort(r, d, sizeof *r, cmp_text_ref);
		for (k = 0; k < d; k++)
			order[k] = r[k].k;
		free(r);
	} else if (c->sorted) {
		for (k = 0; k < d; k++)
			order[k] = k;
	} else {
		struct num_ref *r = xcalloc(d + 1, sizeof *r);

		for (k = 0; k < d; k++) {
			r[k].v = c->num[k];
			r[k].k = k;
		}
		/* Distinct values: any sort gives the one order. */
		if (d > 1024)
			rsort_by_double(r, d, sizeof *r,
			    offsetof(struct num_ref, v));
		else
			qsort(r, d, sizeof *r, cmp_num_ref);
		for (k = 0; k < d; k++)
			order[k] = r[k].k;
		free(r);
	}
}

void
colagg_free(struct colagg *a)
{
	size_t j, k;

	if (a == NULL)
		return;
	for (j = 0; j < a->ncols; j++) {
		struct colagg_col *c = &a->cols[j];

		free(c->name);
		free(c->role);
		free(c->role_note);
		free(c->num);
		if (c->text != NULL)
			for (k = 0; k < c->ndistinct; k++)
				free(c->text[k]);
		free(c->text);
		free(c->n);
		free(c->code8);
		free(c->code16);
		free(c->code32);
		free(c->slot);
		free(c->vslot);
		free(c->cells);
		free(c->run);
	}
	free(a->cols);
	free(a->outcome);
	free(a->table);
	free(a);
}
