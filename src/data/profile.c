/*
 * profile.c - data profile of an imported table (see profile.h).
 *
 * Data layer: reads the table with one SQL scan, every column at once,
 * and keeps per column only its distinct values with their counts: the
 * numeric cells in a hash table of (value, count) (rd_hash_double, open
 * addressing) or, past 2 MB of it, a sorted run of them (see struct
 * ncount), the text cells in a table of (text, count).  After the scan
 * each numeric column's distinct values are sorted (a radix sort on
 * their bits), and every figure is taken from the sorted (value, count)
 * pairs as from the sorted cells themselves: the value at rank r is the
 * one whose cumulative count passes r (min, max, quantiles by R's type
 * 7), the distinct count is the number of pairs, the warnings' colscan
 * summary adds each value with its count (colscan_add_count, the very
 * summary of adding it count times), and the mean and the sample
 * standard deviation add each scaled value (and squared deviation)
 * count times in ascending order, the very additions of two passes over
 * the sorted cells (the second on deviations from the mean, which keeps
 * cancellation small; both on cells scaled by a power of two, so no
 * overflow).  So the figures are those of sorting every cell, bit for
 * bit, in memory of the distinct values rather than of the rows.  Text
 * counts give the distinct values, top categories by count then value,
 * date range and months.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/colscan.h"
#include "data/db.h"
#include "data/profile.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/hash.h"
#include "util/xmalloc.h"

const double profile_qlevel[PROFILE_NQ] = { 0.01, 0.05, 0.25, 0.50, 0.75,
    0.95, 0.99 };

static int
db_fail(struct rd_err *err, sqlite3 *h, const char *what)
{
	return rd_err_set(err, RD_EDB, "%s: %s", what, sqlite3_errmsg(h));
}

static char *
str_cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}

static int
prep(sqlite3 *h, char *sql, sqlite3_stmt **st, struct rd_err *err)
{
	int rc = sqlite3_prepare_v2(h, sql, -1, st, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, h, "cannot profile table");
	return 0;
}

double
profile_quantile(const double *x, size_t n, double p)
{
	double h, f;
	size_t i;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	f = floor(h);
	i = (size_t)f;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - f) * (x[i + 1] - x[i]);
}

static enum import_type
decl_import_type(const char *decl)
{
	char up[64];
	size_t i;

	if (decl == NULL)
		return IMPORT_TEXT;
	for (i = 0; decl[i] != '\0' && i + 1 < sizeof up; i++)
		up[i] = (decl[i] >= 'a' && decl[i] <= 'z') ?
		    (char)(decl[i] - 'a' + 'A') : decl[i];
	up[i] = '\0';
	if (strcmp(up, "DATE") == 0)
		return IMPORT_DATE;
	if (strstr(up, "INT"))
		return IMPORT_INTEGER;
	if (up[0] == '\0' || strstr(up, "CHAR") || strstr(up, "CLOB") ||
	    strstr(up, "TEXT") || strstr(up, "BLOB"))
		return IMPORT_TEXT;
	return IMPORT_REAL;
}

/* ------------------------------------------------- text value counts */

/*
 * Distinct text values of one column with their counts: an open-addressing
 * hash table (FNV-1a, linear probing, at most half full) whose keys live
 * in one growing arena.  Keys are byte strings with a length (compared as
 * SQLite's BINARY collation does: memcmp, then the shorter first).
 */
struct vc_entry {
	uint64_t hash;
	size_t off, len;	/* key at arena + off, len bytes */
	size_t count;		/* 0: empty slot */
};

struct vcount {
	struct vc_entry *slot;	/* [cap] */
	size_t cap, n;		/* slots, keys */
	char *arena;		/* keys, each followed by a NUL */
	size_t used, acap;
};

static uint64_t
fnv1a(const unsigned char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void
vc_grow(struct vcount *vc)
{
	struct vc_entry *old = vc->slot;
	size_t oldcap = vc->cap, i;

	vc->cap = oldcap ? 2 * oldcap : 64;
	vc->slot = xcalloc(vc->cap, sizeof *vc->slot);
	for (i = 0; i < oldcap; i++) {
		size_t k;

		if (old[i].count == 0)
			continue;
		for (k = old[i].hash & (vc->cap - 1); vc->slot[k].count != 0;
		    k = (k + 1) & (vc->cap - 1))
			;
		vc->slot[k] = old[i];
	}
	free(old);
}

/* Count one occurrence of the len bytes at s. */
static void
vc_add(struct vcount *vc, const unsigned char *s, size_t len)
{
	uint64_t h = fnv1a(s, len);
	size_t k;

	if (2 * (vc->n + 1) > vc->cap)
		vc_grow(vc);
	for (k = h & (vc->cap - 1); vc->slot[k].count != 0;
	    k = (k + 1) & (vc->cap - 1)) {
		struct vc_entry *e = &vc->slot[k];

		if (e->hash == h && e->len == len &&
		    memcmp(vc->arena + e->off, s, len) == 0) {
			e->count++;
			return;
		}
	}
	if (vc->used + len + 1 > vc->acap) {
		while (vc->used + len + 1 > vc->acap)
			vc->acap = vc->acap ? 2 * vc->acap : 4096;
		vc->arena = xrealloc(vc->arena, vc->acap);
	}
	memcpy(vc->arena + vc->used, s, len);
	vc->arena[vc->used + len] = '\0';
	vc->slot[k].hash = h;
	vc->slot[k].off = vc->used;
	vc->slot[k].len = len;
	vc->slot[k].count = 1;
	vc->used += len + 1;
	vc->n++;
}

static void
vc_done(struct vcount *vc)
{
	free(vc->slot);
	free(vc->arena);
	memset(vc, 0, sizeof *vc);
}

/* BINARY collation of two keys. */
static int
key_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);

	return c != 0 ? c : na < nb ? -1 : na > nb;
}

/* A key of a vcount for sorting: the entry and the arena it points in. */
struct vc_sort {
	const char *arena;
	struct vc_entry *e;
};

static int
by_count_then_value(const void *pa, const void *pb)
{
	const struct vc_sort *a = pa, *b = pb;

	if (a->e->count != b->e->count)
		return a->e->count > b->e->count ? -1 : 1;
	return key_cmp(a->arena + a->e->off, a->e->len,
	    b->arena + b->e->off, b->e->len);
}

static int
by_value(const void *pa, const void *pb)
{
	const struct vc_sort *a = pa, *b = pb;

	return key_cmp(a->arena + a->e->off, a->e->len,
	    b->arena + b->e->off, b->e->len);
}

/* The keys of vc as an array [vc->n] sorted by cmp; caller frees. */
static struct vc_sort *
vc_sorted(const struct vcount *vc, int (*cmp)(const void *, const void *))
{
	struct vc_sort *v = xcalloc(vc->n ? vc->n : 1, sizeof *v);
	size_t i, m = 0;

	for (i = 0; i < vc->cap; i++)
		if (vc->slot[i].count != 0) {
			v[m].arena = vc->arena;
			v[m++].e = &vc->slot[i];
		}
	qsort(v, m, sizeof *v, cmp);
	return v;
}

/* ---------------------------------------------- numeric value counts */

/*
 * Distinct numeric values of one column with their counts, in one of two
 * forms.  While there are few (up to NC_HASH_CAP slots, a table that
 * stays in the cache): an open-addressing hash table (rd_hash_double,
 * linear probing, at most three quarters full, doubled when it would be
 * fuller, so n insertions cost O(n) in all).  Past that (a column of
 * ids or amounts, most values distinct, whose table would be far beyond
 * the cache and missed at every value): the distinct values so far as a
 * sorted run of (value, count), 16 bytes a distinct value, and the
 * values added since as their order-preserving bits, 8 bytes each, at
 * most max(run / 2, NC_PEND_MIN) of them; when that many are pending
 * they are sorted and merged into the run, so every step reads memory
 * in order, and each value costs O(1) amortised (a merge every run / 2
 * values, over run + run / 2 cells).  Values are compared with ==:
 * -0.0 and +0.0 are one value, as the sorted cells compared them.
 * The merge is done in place (the run grown by realloc), so what is
 * allocated is what is held.  Memory: 21 to 43 bytes a distinct value
 * in the table; in the run form 16, up to 24 while the run has room for
 * a merge, and 8 for the pending keys and their scratch.
 */
struct nc_cell {
	double v;
	size_t count;		/* 0: empty slot */
};

#define NC_HASH_CAP (1u << 17)	/* slots of the table at most: 2 MB */
#define NC_PEND_MIN (1u << 16)	/* pending values merged at once, least */

struct ncount {
	struct nc_cell *slot;	/* [cap], cap a power of two (or 0) */
	size_t cap, n;		/* slots, distinct values */
	size_t total;		/* values added */
	int runs;		/* 1: past the table; the run form */
	struct nc_cell *run;	/* [nrun] distinct values, ascending */
	size_t nrun;
	uint64_t *pend;		/* [npend] of [pcap] keys (key_of), then
				 * [pcap] of scratch */
	size_t npend, pcap;
};

static void
nc_grow(struct ncount *nc)
{
	struct nc_cell *old = nc->slot;
	size_t oldcap = nc->cap, i;

	nc->cap = oldcap ? 2 * oldcap : 64;
	nc->slot = xcalloc(nc->cap, sizeof *nc->slot);
	for (i = 0; i < oldcap; i++) {
		size_t k;

		if (old[i].count == 0)
			continue;
		for (k = (size_t)rd_hash_double(old[i].v) & (nc->cap - 1);
		    nc->slot[k].count != 0; k = (k + 1) & (nc->cap - 1))
			;
		nc->slot[k] = old[i];
	}
	free(old);
}

static void nc_to_runs(struct ncount *nc);
static void nc_pend(struct ncount *nc, const double *x, size_t m);

#define NC_BATCH 256		/* values added to a table at once */
#define NC_AHEAD 16		/* slots fetched ahead while adding */

/*
 * Count one occurrence of each of x[m] (m <= NC_BATCH; no NaN: SQLite
 * stores none), in order.  The table is grown first for all of them, so
 * that the slot of each value is known ahead and fetched into the cache
 * NC_AHEAD values before it is probed: a column of mostly distinct
 * values (an id, an amount) has its table far beyond the cache, and
 * these fetches overlap rather than wait one after another.
 */
static void
nc_add_batch(struct ncount *nc, const double *x, size_t m)
{
	size_t h[NC_BATCH], i, k, mask;

	if (nc->runs) {
		nc_pend(nc, x, m);
		return;
	}
	while (4 * (nc->n + m) > 3 * nc->cap) {
		if (nc->cap >= NC_HASH_CAP) {
			nc_to_runs(nc);
			nc_pend(nc, x, m);
			return;
		}
		nc_grow(nc);
	}
	mask = nc->cap - 1;
	for (i = 0; i < m; i++)
		h[i] = (size_t)rd_hash_double(x[i]) & mask;
	for (i = 0; i < m; i++) {
#ifdef __GNUC__
		if (i + NC_AHEAD < m)
			__builtin_prefetch(&nc->slot[h[i + NC_AHEAD]], 1);
#endif
		for (k = h[i]; nc->slot[k].count != 0; k = (k + 1) & mask)
			if (nc->slot[k].v == x[i])
				break;
		if (nc->slot[k].count++ == 0) {
			nc->slot[k].v = x[i];
			nc->n++;
		}
	}
	nc->total += m;
}

static void
nc_done(struct ncount *nc)
{
	free(nc->slot);
	free(nc->run);
	free(nc->pend);
	memset(nc, 0, sizeof *nc);
}

static int
cell_cmp(const void *pa, const void *pb)
{
	double a = ((const struct nc_cell *)pa)->v;
	double b = ((const struct nc_cell *)pb)->v;

	return a < b ? -1 : a > b;
}

/* The order-preserving map of a double's bits to an unsigned integer
   (a non-negative double sets the sign bit, a negative one flips every
   bit), and its inverse. */
static uint64_t
key_of(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return (u & UINT64_C(0x8000000000000000)) ? ~u :
	    u | UINT64_C(0x8000000000000000);
}

static double
double_of(uint64_t k)
{
	double d;

	k = (k & UINT64_C(0x8000000000000000)) ?
	    k & ~UINT64_C(0x8000000000000000) : ~k;
	memcpy(&d, &k, sizeof d);
	return d;
}

#define NC_RADIX_BITS 11
#define NC_RADIX (1u << NC_RADIX_BITS)
#define NC_PASSES 6		/* 6 x 11 >= 64 bits */

/*
 * Sort the n distinct values a[n] ascending: qsort for a few, else an
 * LSD radix sort on the order-preserving bits, 11 bits a pass (a pass
 * skipped when every key has the same digit), with n cells of scratch.
 * The values are distinct (no two compare equal), so any sort gives the
 * one order.
 */
static void
nc_sort(struct nc_cell *a, size_t n)
{
	size_t (*count)[NC_RADIX];
	struct nc_cell *b, *src, *dst, *t;
	size_t i, pass, d;

	if (n < 4096) {
		qsort(a, n, sizeof *a, cell_cmp);
		return;
	}
	count = xcalloc(NC_PASSES, sizeof *count);
	for (i = 0; i < n; i++) {
		uint64_t k = key_of(a[i].v);

		memcpy(&a[i].v, &k, sizeof k);
		for (pass = 0; pass < NC_PASSES; pass++)
			count[pass][(k >> (NC_RADIX_BITS * pass)) &
			    (NC_RADIX - 1)]++;
	}
	b = xmalloc(n * sizeof *b);
	src = a;
	dst = b;
	for (pass = 0; pass < NC_PASSES; pass++) {
		unsigned shift = (unsigned)(NC_RADIX_BITS * pass);
		size_t *c = count[pass], sum = 0;
		uint64_t k0;

		memcpy(&k0, &src[0].v, sizeof k0);
		if (c[(k0 >> shift) & (NC_RADIX - 1)] == n)
			continue;	/* one digit: the order stands */
		for (d = 0; d < NC_RADIX; d++) {
			size_t x = c[d];

			c[d] = sum;
			sum += x;
		}
		for (i = 0; i < n; i++) {
			uint64_t k;

			memcpy(&k, &src[i].v, sizeof k);
			dst[c[(k >> shift) & (NC_RADIX - 1)]++] = src[i];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
	for (i = 0; i < n; i++) {
		uint64_t k;

		memcpy(&k, &a[i].v, sizeof k);
		a[i].v = double_of(k);
	}
	free(b);
	free(count);
}

/* Sort the keys a[n] ascending, with tmp[n] of scratch: LSD radix, as
   nc_sort. */
static void
keys_sort(uint64_t *a, uint64_t *tmp, size_t n)
{
	size_t (*count)[NC_RADIX];
	uint64_t *src = a, *dst = tmp, *t;
	size_t i, pass, d;

	if (n < 2)
		return;
	count = xcalloc(NC_PASSES, sizeof *count);
	for (i = 0; i < n; i++)
		for (pass = 0; pass < NC_PASSES; pass++)
			count[pass][(a[i] >> (NC_RADIX_BITS * pass)) &
			    (NC_RADIX - 1)]++;
	for (pass = 0; pass < NC_PASSES; pass++) {
		unsigned shift = (unsigned)(NC_RADIX_BITS * pass);
		size_t *c = count[pass], sum = 0;

		if (c[(src[0] >> shift) & (NC_RADIX - 1)] == n)
			continue;	/* one digit: the order stands */
		for (d = 0; d < NC_RADIX; d++) {
			size_t x = c[d];

			c[d] = sum;
			sum += x;
		}
		for (i = 0; i < n; i++)
			dst[c[(src[i] >> shift) & (NC_RADIX - 1)]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
	free(count);
}

/*
 * The hash table's distinct values, compacted to the front of its slots
 * and sorted ascending; returns them (nc->n cells) and leaves nc->slot
 * holding just them.
 */
static struct nc_cell *
nc_table_sorted(struct ncount *nc)
{
	size_t i, m = 0;

	for (i = 0; i < nc->cap; i++)
		if (nc->slot[i].count != 0)
			nc->slot[m++] = nc->slot[i];
	if (m > 0 && m < nc->cap)
		nc->slot = xreallocarray(nc->slot, m, sizeof *nc->slot);
	nc->cap = m;
	nc_sort(nc->slot, m);
	return nc->slot;
}

/* Room for pcap pending keys and as many of scratch (keys_sort). */
static void
nc_pend_alloc(struct ncount *nc, size_t pcap)
{
	free(nc->pend);
	nc->pcap = pcap;
	nc->pend = xreallocarray(NULL, 2 * pcap, sizeof *nc->pend);
}

/* The table is full at NC_HASH_CAP: its values become the run. */
static void
nc_to_runs(struct ncount *nc)
{
	nc->run = nc_table_sorted(nc);
	nc->nrun = nc->n;
	nc->slot = NULL;
	nc->cap = 0;
	nc->runs = 1;
	nc_pend_alloc(nc, nc->nrun / 2 > NC_PEND_MIN ? nc->nrun / 2 :
	    NC_PEND_MIN);
	nc->npend = 0;
}

/*
 * Merge the pending values into the run: sorted, then each value with
 * its count, equal values (==) one cell.  In place, from the top: the
 * run grows (realloc) to room for both, the merge writes from the end
 * down (never over a cell not yet read: the cells written are at most
 * the cells read), and the result moves down to the start.
 */
static void
nc_merge(struct ncount *nc)
{
	struct nc_cell *r;
	size_t i = nc->nrun, j = nc->npend, w, no, want;
	const uint64_t *pk = nc->pend;

	if (j == 0)
		return;
	keys_sort(nc->pend, nc->pend + nc->pcap, j);
	r = nc->run = xreallocarray(nc->run, nc->nrun + j, sizeof *r);
	w = nc->nrun + j;
	while (i > 0 || j > 0) {
		struct nc_cell cur;

		if (i > 0 && (j == 0 || r[i - 1].v >= double_of(pk[j - 1])))
			cur = r[--i];
		else {
			cur.v = double_of(pk[--j]);
			cur.count = 1;
		}
		/* The pending keys equal to cur join it; no run cell can
		   (the run's values are distinct, and a pending value is
		   taken only above the run's next). */
		while (j > 0 && double_of(pk[j - 1]) == cur.v) {
			cur.count++;
			j--;
		}
		r[--w] = cur;
	}
	no = nc->nrun + nc->npend - w;
	memmove(r, r + w, no * sizeof *r);
	nc->nrun = nc->n = no;
	nc->npend = 0;
	want = no / 2 > NC_PEND_MIN ? no / 2 : NC_PEND_MIN;
	if (want > nc->pcap)
		nc_pend_alloc(nc, want);
}

/* Add x[m] in the run form. */
static void
nc_pend(struct ncount *nc, const double *x, size_t m)
{
	size_t i;

	for (i = 0; i < m; i++) {
		nc->pend[nc->npend++] = key_of(x[i]);
		if (nc->npend == nc->pcap)
			nc_merge(nc);
	}
	nc->total += m;
}

/*
 * The distinct values of nc sorted ascending, with their counts: *nd
 * cells, owned by nc (nc_done frees them; nothing may be added after).
 */
static const struct nc_cell *
nc_sorted(struct ncount *nc, size_t *nd)
{
	if (!nc->runs) {
		*nd = nc->n;
		return nc_table_sorted(nc);
	}
	nc_merge(nc);
	*nd = nc->nrun;
	return nc->run;
}

/*
 * Walking the sorted cells by rank: the cell at index j holds ranks
 * before .. before + count - 1 of the sorted values.
 */
struct rank_walk {
	const struct nc_cell *c;
	size_t j, before;
};

/* The value of rank r (0-based, r < the values' number, r at least the
   rank the walk stands at). */
static double
rank_value(struct rank_walk *w, size_t r)
{
	while (w->before + w->c[w->j].count <= r)
		w->before += w->c[w->j++].count;
	return w->c[w->j].v;
}

/* ----------------------------------------------------- one column */

/* What the scan collects of one column. */
struct col_acc {
	int numeric;		/* INTEGER or REAL declared type */
	int want_text;		/* TEXT, DATE or the target */
	struct db_special *sp;	/* [nsp] declared special values */
	size_t nsp;
	struct ncount num;	/* the integer and real cells */
	double buf[NC_BATCH];	/* cells not yet in num */
	size_t nbuf;
	struct vcount text;	/* want_text: every non-NULL cell as text */
	struct vcount other;	/* numeric: the cells that are no number */
	/* Integer cells past 2^53 that no double holds exactly (they are
	   counted as the double nearest): how many, and the least. */
	size_t inexact;
	int64_t inexact_eg;
};

/*
 * Numeric statistics from the sorted distinct values c[nd] with their
 * counts, n values in all: the figures of the n sorted values they
 * stand for, bit for bit.  The mean and the sum of squared deviations
 * are taken on the values scaled by 2^-e, where 2^e bounds the largest
 * magnitude (c[0] or c[nd - 1]), so that neither the sum nor the squares
 * overflow for values up to DBL_MAX (1e300 has an sd, not inf); a power
 * of two scales exactly, so ordinary data get the very figures of the
 * unscaled formulas.  Each scaled value, and each squared deviation, is
 * added count times in ascending order of the values: the additions of
 * a pass over the sorted values, in their order, so the sums are the
 * same doubles.
 */
static void
col_numbers(struct profile_column *c, const struct nc_cell *v, size_t nd,
	size_t n)
{
	double sum = 0, ss = 0, big, mean;
	size_t i, k, r;
	int e = 0;

	c->n = n;
	c->min = nd ? v[0].v : NAN;
	c->max = nd ? v[nd - 1].v : NAN;
	big = nd ? fmax(fabs(v[0].v), fabs(v[nd - 1].v)) : 0;
	if (big > 0)
		frexp(big, &e);		/* big < 2^e */
	for (i = 0; i < nd; i++) {
		double s = ldexp(v[i].v, -e);

		for (r = 0; r < v[i].count; r++)
			sum += s;
	}
	mean = n ? sum / (double)n : NAN;	/* scaled */
	c->mean = ldexp(mean, e);
	for (i = 0; i < nd; i++) {
		double d = ldexp(v[i].v, -e) - mean, dd = d * d;

		for (r = 0; r < v[i].count; r++)
			ss += dd;
	}
	c->sd = n > 1 ? ldexp(sqrt(ss / (double)(n - 1)), e) : NAN;
	if (n == 0)
		return;		/* the quantiles stay NaN */
	{
		/* profile_quantile on the sorted values, each value looked
		   up by its rank; the levels ascend, so one walk. */
		struct rank_walk w = { v, 0, 0 };

		for (k = 0; k < PROFILE_NQ; k++) {
			double h = (double)(n - 1) * profile_qlevel[k];
			double f = floor(h), x0, x1;
			size_t at = (size_t)f;
			struct rank_walk w1;

			if (at + 1 >= n) {
				c->q[k] = v[nd - 1].v;
				continue;
			}
			x0 = rank_value(&w, at);
			w1 = w;
			x1 = rank_value(&w1, at + 1);
			c->q[k] = x0 + (h - f) * (x1 - x0);
		}
	}
}

/* The ntop largest categories of the text counts. */
static void
col_top(struct profile_column *c, const struct vcount *vc, size_t ntop)
{
	size_t present = c->count - c->missing, k;
	struct vc_sort *v = vc_sorted(vc, by_count_then_value);

	c->top = xcalloc(ntop, sizeof *c->top);
	for (k = 0; k < ntop && k < vc->n; k++) {
		struct profile_cat *t = &c->top[c->ntop++];

		t->value = xstrdup(vc->arena + v[k].e->off);
		t->count = v[k].e->count;
		t->share = present ? (double)t->count / (double)present : NAN;
	}
	free(v);
}

/* Bytes of the first nchar UTF-8 characters of s[len] (SQL substr). */
static size_t
utf8_prefix(const char *s, size_t len, size_t nchar)
{
	size_t i = 0, m = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && m++ == nchar)
			break;
	}
	return i;
}

/* Date range and rows per month (first 7 characters) of the counts. */
static void
col_dates(struct profile_column *c, const struct vcount *vc)
{
	struct vc_sort *v = vc_sorted(vc, by_value);
	size_t i, cap = 0;

	if (vc->n > 0) {
		snprintf(c->first, sizeof c->first, "%s",
		    vc->arena + v[0].e->off);
		snprintf(c->last, sizeof c->last, "%s",
		    vc->arena + v[vc->n - 1].e->off);
	}
	/* Sorted by value, so each month's values are adjacent. */
	for (i = 0; i < vc->n; i++) {
		const char *s = vc->arena + v[i].e->off;
		size_t plen = utf8_prefix(s, v[i].e->len, 7);
		char m[8];

		snprintf(m, sizeof m, "%.*s", (int)plen, s);
		if (c->nmonths > 0 &&
		    strcmp(c->months[c->nmonths - 1].month, m) == 0) {
			c->months[c->nmonths - 1].count += v[i].e->count;
			continue;
		}
		if (c->nmonths == cap) {
			cap = cap ? 2 * cap : 16;
			c->months = xreallocarray(c->months, cap,
			    sizeof *c->months);
		}
		memcpy(c->months[c->nmonths].month, m, sizeof m);
		c->months[c->nmonths++].count = v[i].e->count;
	}
	free(v);
}

static void
col_add(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

void
profile_column_warnings(struct profile_column *c, const struct colscan *cs,
	size_t ninexact, long long inexact_eg)
{
	const struct colscan_spec *spec = &colscan_default;
	struct colscan_sentinel g[2];
	char text[1024], vals[128], opt[512];
	double v[COLSCAN_FEW];
	size_t k, ng, nv;

	ng = colscan_sentinels(cs, spec, g);
	for (k = 0; k < ng; k++) {
		col_add(&c->warnings, &c->nwarnings, colscan_sentinel_text(
		    text, sizeof text, c->name, &g[k]));
		col_add(&c->suggest, &c->nsuggest, colscan_option(opt,
		    sizeof opt, "--special", c->name,
		    colscan_sentinel_values(vals, sizeof vals, &g[k])));
	}
	if (ninexact == 0 && c->type == IMPORT_INTEGER &&
	    colscan_codes(cs, spec, v, &nv)) {
		col_add(&c->warnings, &c->nwarnings, colscan_codes_text(text,
		    sizeof text, c->name, v, nv, 1));
		col_add(&c->suggest, &c->nsuggest, colscan_option(opt,
		    sizeof opt, "--type", c->name, "text"));
	}
	if (ninexact > 0) {
		char b[FMT_BUF];

		snprintf(text, sizeof text, "column \"%s\" holds integers past "
		    "2^53 that no number (double) holds exactly, such as "
		    "%lld (%s such cells in all): its figures and any "
		    "classing of it take each as the double nearest, so "
		    "distinct values merge; "
		    "integers past 2^53 are identifiers or account numbers: "
		    "use --id or exclude it (fit --exclude %s)", c->name,
		    inexact_eg, fmt_count(b, (double)ninexact), c->name);
		col_add(&c->warnings, &c->nwarnings, text);
	}
}

/*
 * The warnings on a numeric column's sorted distinct values v[nd] with
 * their counts (colscan.h), its declared special values a->sp left out:
 * sentinels, then codes.  Each value is added with its count, the
 * summary of adding the sorted values one by one.
 */
static void
col_warnings(struct profile_column *c, const struct col_acc *a,
	const struct nc_cell *v, size_t nd)
{
	struct colscan cs;
	size_t i, k;

	colscan_init(&cs);
	for (i = 0; i < nd; i++) {
		for (k = 0; k < a->nsp; k++)
			if (a->sp[k].num == v[i].v)
				break;
		if (k == a->nsp)
			colscan_add_count(&cs, v[i].v, v[i].count);
	}
	profile_column_warnings(c, &cs, a->inexact, (long long)a->inexact_eg);
}

/* Fill the statistics of column c from what the scan collected; a's
   numeric table is spent (sorted in place). */
static void
col_finish(struct profile_column *c, struct col_acc *a, size_t ntop)
{
	c->missing_pct = c->count ? 100.0 * (double)c->missing /
	    (double)c->count : NAN;
	if (a->numeric) {
		size_t nd;
		const struct nc_cell *v = nc_sorted(&a->num, &nd);

		col_numbers(c, v, nd, a->num.total);
		/* count(DISTINCT): numbers compare by value, text apart. */
		c->distinct = nd + a->other.n;
		if (!c->is_target && c->role == NULL)
			col_warnings(c, a, v, nd);
		nc_done(&a->num);
	} else {
		c->distinct = a->text.n;
	}
	if (c->type == IMPORT_TEXT || c->is_target)
		col_top(c, &a->text, ntop);
	if (c->type == IMPORT_DATE)
		col_dates(c, &a->text);
}

/* c->distinct as SQLite counts it: count(DISTINCT c) of table. */
static int
count_distinct(sqlite3 *h, const char *table, struct profile_column *c,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *sql = db_ident_cat(str_cat(NULL, "SELECT count(DISTINCT "),
	    c->name);
	int rc;

	sql = db_ident_cat(str_cat(sql, ") FROM "), table);
	if (prep(h, sql, &st, err) != 0)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(err, h, "cannot count distinct values");
	}
	c->distinct = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/*
 * One scan of the table: per column the NULL count, the count of each
 * numeric value (numeric columns) and the count of each value as text (text, date and
 * target columns; for numeric columns also of cells that are no number,
 * for the distinct count).  Then each column's statistics.
 */
static int
scan_table(struct db *db, const char *table, struct profile *p, size_t ntop,
	struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	struct col_acc *acc;
	sqlite3_stmt *st = NULL;
	char *sql = str_cat(NULL, "SELECT ");
	size_t j, ncols = p->ncols;
	int rc, ret = -1;

	if (ncols == 0)
		return 0;
	for (j = 0; j < ncols; j++)
		sql = db_ident_cat(str_cat(sql, j ? ", " : ""),
		    p->cols[j].name);
	sql = db_ident_cat(str_cat(sql, " FROM "), table);
	if (prep(h, sql, &st, err) != 0)
		return -1;
	acc = xcalloc(ncols, sizeof *acc);
	for (j = 0; j < ncols; j++) {
		const struct profile_column *c = &p->cols[j];

		acc[j].numeric = c->type == IMPORT_INTEGER ||
		    c->type == IMPORT_REAL;
		acc[j].want_text = !acc[j].numeric || c->is_target;
		if (acc[j].numeric && db_special_values(db, table, c->name,
		    &acc[j].sp, &acc[j].nsp, err) != 0)
			goto out;
	}
	/* Each cell is read through its sqlite3_value, one call to the
	   statement a cell: sqlite3_column_type, _double and _text are
	   sqlite3_value_type, _double and _text of the same value, each
	   with the statement's lock, which a connection opened NOMUTEX
	   (db.c) and used by this thread alone does not need. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (j = 0; j < ncols; j++) {
			struct col_acc *a = &acc[j];
			sqlite3_value *v = sqlite3_column_value(st, (int)j);
			int t = sqlite3_value_type(v);
			int isnum = t == SQLITE_INTEGER || t == SQLITE_FLOAT;
			const unsigned char *s;

			if (t == SQLITE_NULL) {
				p->cols[j].missing++;
				continue;
			}
			if (a->numeric && isnum) {
				double d = sqlite3_value_double(v);

				if (t == SQLITE_INTEGER && db_int_inexact(v, d) &&
				    (a->inexact++ == 0 || sqlite3_value_int64(v) <
				    a->inexact_eg))
					a->inexact_eg = sqlite3_value_int64(v);
				a->buf[a->nbuf++] = d;
				if (a->nbuf == NC_BATCH) {
					nc_add_batch(&a->num, a->buf, a->nbuf);
					a->nbuf = 0;
				}
			}
			if (!a->want_text && isnum)
				continue;
			s = sqlite3_value_text(v);
			if (s == NULL)
				continue;	/* out of memory */
			if (a->want_text)
				vc_add(&a->text, s, (size_t)
				    sqlite3_value_bytes(v));
			if (a->numeric && !isnum)
				vc_add(&a->other, s, (size_t)
				    sqlite3_value_bytes(v));
		}
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, h, "cannot profile table");
		goto out;
	}
	for (j = 0; j < ncols; j++) {
		nc_add_batch(&acc[j].num, acc[j].buf, acc[j].nbuf);
		col_finish(&p->cols[j], &acc[j], ntop);
		/* Integers that the doubles merge: counted by SQLite, which
		   compares them as integers (one more scan, of this column
		   alone). */
		if (acc[j].inexact > 0 && count_distinct(h, table,
		    &p->cols[j], err) != 0)
			goto out;
	}
	ret = 0;

out:
	sqlite3_finalize(st);
	for (j = 0; j < ncols; j++) {
		nc_done(&acc[j].num);
		vc_done(&acc[j].text);
		vc_done(&acc[j].other);
		db_special_free(acc[j].sp, acc[j].nsp);
	}
	free(acc);
	return ret;
}

/* The recorded identifiers among p's columns (rd_column; an ordinary
   column's record says nothing to show). */
static int
profile_roles(struct db *db, struct profile *p, struct rd_err *err)
{
	struct db_column_role *r;
	size_t n, k, j;

	if (db_column_roles(db, p->table, &r, &n, err) != 0)
		return -1;
	for (k = 0; k < n; k++)
		for (j = 0; j < p->ncols; j++)
			if (sqlite3_stricmp(p->cols[j].name, r[k].column) ==
			    0 && p->cols[j].role == NULL &&
			    strcmp(r[k].role, DS_ROLE_IDENTIFIER) == 0) {
				p->cols[j].role = xstrdup(r[k].role);
				p->cols[j].role_note = xstrdup(r[k].note);
			}
	db_column_roles_free(r, n);
	return 0;
}

struct profile *
profile_table(struct db *db, const char *table, size_t ntop,
	struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	struct table_meta meta;
	struct profile *p;
	sqlite3_stmt *st = NULL;
	size_t cap = 0, j, k;
	int rc;

	if (ntop == 0)
		ntop = PROFILE_TOP;
	if (db_table_meta(db, table, &meta, err) != 0)
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->table = xstrdup(table);
	p->target = meta.target ? xstrdup(meta.target) : NULL;
	p->bads = (size_t)meta.bads;
	p->goods = (size_t)meta.goods;
	p->indeterminate = (size_t)meta.indeterminate;
	if (meta.reject_col != NULL) {
		p->reject_col = xstrdup(meta.reject_col);
		p->reject_value = xstrdup(meta.reject_value);
		p->rejects = (size_t)meta.rejects;
		p->rejects_known = (size_t)meta.rejects_known;
	}
	p->bad_rate = p->bads + p->goods ? (double)p->bads /
	    (double)(p->bads + p->goods) : NAN;
	table_meta_done(&meta);

	if (prep(h, db_ident_cat(str_cat(NULL, "SELECT count(*), (SELECT "
	    "count(*) FROM rd_reject WHERE tbl = ?1) FROM "), table), &st,
	    err) != 0)
		goto fail;
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, h, "cannot profile table");
		sqlite3_finalize(st);
		goto fail;
	}
	p->rows = (size_t)sqlite3_column_int64(st, 0);
	p->rejected = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(h, "SELECT name, type FROM pragma_table_info("
	    "?1) ORDER BY cid", -1, &st, NULL) != SQLITE_OK) {
		db_fail(err, h, "cannot profile table");
		goto fail;
	}
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(st, 0);
		struct profile_column *c;

		if (p->ncols == cap) {
			cap = cap ? 2 * cap : 16;
			p->cols = xreallocarray(p->cols, cap, sizeof *p->cols);
		}
		c = &p->cols[p->ncols++];
		memset(c, 0, sizeof *c);
		c->name = xstrdup(name ? (const char *)name : "");
		c->type = decl_import_type((const char *)
		    sqlite3_column_text(st, 1));
		c->is_target = p->target && strcmp(p->target, c->name) == 0;
		c->count = p->rows;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(err, h, "cannot profile table");
		goto fail;
	}
	for (j = 0; j < p->ncols; j++) {
		struct profile_column *c = &p->cols[j];

		c->min = c->max = c->mean = c->sd = NAN;
		for (k = 0; k < PROFILE_NQ; k++)
			c->q[k] = NAN;
	}
	if (profile_roles(db, p, err) != 0 ||
	    scan_table(db, table, p, ntop, err) != 0)
		goto fail;
	return p;

fail:
	profile_free(p);
	return NULL;
}

void
profile_free(struct profile *p)
{
	size_t j, k;

	if (p == NULL)
		return;
	for (j = 0; j < p->ncols; j++) {
		for (k = 0; k < p->cols[j].ntop; k++)
			free(p->cols[j].top[k].value);
		free(p->cols[j].top);
		free(p->cols[j].months);
		free(p->cols[j].name);
		free(p->cols[j].role);
		free(p->cols[j].role_note);
		for (k = 0; k < p->cols[j].nwarnings; k++)
			free(p->cols[j].warnings[k]);
		free(p->cols[j].warnings);
		for (k = 0; k < p->cols[j].nsuggest; k++)
			free(p->cols[j].suggest[k]);
		free(p->cols[j].suggest);
	}
	free(p->cols);
	free(p->table);
	free(p->engine);
	free(p->target);
	free(p->reject_col);
	free(p->reject_value);
	free(p);
}
