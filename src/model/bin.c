/*
 * bin.c - classing of characteristics into bins, and their weight of
 * evidence (WoE) and information value (IV); see bin.h for the conventions.
 *
 * This is the first step of the model layer: it reads a column of a
 * struct dataset (src/data) and produces a struct characteristic that the
 * scorecard (card.c) turns into a WoE design and, after the fit, into
 * points.  Nothing here allocates per row: a numeric column is sorted once
 * to find its quantile cuts, and every row is then placed by a binary
 * search over at most nquantiles ranges, so fine classing is O(n log n).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/colscan.h"
#include "model/bin.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------- helpers */

void
bin_spec_init(struct bin_spec *spec)
{
	spec->nquantiles = 20;
	spec->woe_adjust = 0.5;
	spec->other_share = 0.01;
	spec->min_share = 0.05;
	spec->min_goods = 1;
	spec->min_bads = 1;
	spec->trend = BIN_TREND_AUTO;
	spec->turn_p = 0.01;
	spec->max_dp = 1000;
	spec->specials = NULL;
	spec->nspecials = 0;
	spec->colspecials = NULL;
	spec->ncolspecials = 0;
	spec->saved = NULL;
	spec->nsaved = 0;
	spec->id_share = 0.5;
	spec->id_min_levels = 50;
	spec->id_run_rows = 100;
	spec->many_levels = 50;
	spec->psi_adjust = 0.5;
	spec->threads = 0;
}

/*
 * The shortest %g text of x that reads back as x, so labels of distinct
 * cuts are distinct; infinities as "-inf" / "inf".
 */
static void
fmt_cut(char *buf, size_t len, double x)
{
	int prec;

	if (isinf(x)) {
		snprintf(buf, len, "%s", x < 0 ? "-inf" : "inf");
		return;
	}
	for (prec = 6; prec < 17; prec++) {
		snprintf(buf, len, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return;
	}
	snprintf(buf, len, "%.17g", x);
}

static char *
range_label(double lower, double upper)
{
	char lo[32], hi[32];

	fmt_cut(lo, sizeof lo, lower);
	fmt_cut(hi, sizeof hi, upper);
	return xasprintf("[%s, %s)", lo, hi);
}

/* Levels of a group joined by ", " (a display label only): at most
   BIN_LABEL_LEVELS of them, then "and N more", so a group of a million
   levels does not make a label of megabytes. */
static char *
levels_label(char *const *levels, size_t nlevels)
{
	size_t len = 48, i, off = 0, shown = nlevels;
	char *s;

	if (shown > BIN_LABEL_LEVELS)
		shown = BIN_LABEL_LEVELS - 1;
	for (i = 0; i < shown; i++)
		len += strlen(levels[i]) + 4;
	s = xmalloc(len);
	for (i = 0; i < shown; i++) {
		size_t l = strlen(levels[i]);
		/* A level the data calls "other" is quoted, so that it
		   reads apart from the group of other levels. */
		int quote = strcmp(levels[i], "other") == 0;

		if (i > 0) {
			memcpy(s + off, ", ", 2);
			off += 2;
		}
		if (quote)
			s[off++] = '"';
		memcpy(s + off, levels[i], l);
		off += l;
		if (quote)
			s[off++] = '"';
	}
	if (shown < nlevels) {
		char n1[FMT_BUF];

		off += (size_t)snprintf(s + off, len - off, " and %s more",
		    fmt_count(n1, (double)(nlevels - shown)));
	}
	s[off] = '\0';
	return s;
}

/* The label of a level group (bin.h bin_label). */
static char *
group_label(char *const *levels, size_t nlevels, int other, size_t nother)
{
	char *head, *tail, *r;

	if (nother > nlevels)
		nother = nlevels;
	head = levels_label(levels, nlevels - nother);
	if (!other && nother == 0)
		return head;
	tail = levels_label(levels + (nlevels - nother), nother);
	if (nother == 0)
		r = xasprintf("%s%sother", head, *head != '\0' ? ", " : "");
	else
		r = xasprintf("%s%sother (%s)", head, *head != '\0' ? ", " :
		    "", tail);
	free(head);
	free(tail);
	return r;
}

char *
bin_label(const struct bin *b)
{
	char v[32];

	switch (b->kind) {
	case BIN_RANGE:
		return range_label(b->lower, b->upper);
	case BIN_LEVELS:
		return group_label(b->levels, b->nlevels, b->other, b->nother);
	case BIN_SPECIAL:
		fmt_cut(v, sizeof v, b->lower);
		return xasprintf("special %s", v);
	case BIN_MISSING:
		break;
	}
	return xstrdup("missing");
}

static struct characteristic *
char_new(const struct ds_column *col, size_t nbins)
{
	struct characteristic *ch = xcalloc(1, sizeof *ch);

	ch->name = xstrdup(col->name);
	ch->numeric = col->type != DS_TEXT;
	ch->bins = xcalloc(nbins > 0 ? nbins : 1, sizeof *ch->bins);
	ch->nbins = 0;
	ch->trend = BIN_TREND_NONE;
	ch->xmin = ch->xmax = NAN;
	return ch;
}

static void
add_special(struct characteristic *ch, double value)
{
	struct bin *b = &ch->bins[ch->nbins++];
	char v[32];

	fmt_cut(v, sizeof v, value);
	b->kind = BIN_SPECIAL;
	b->lower = b->upper = value;
	b->label = xasprintf("special %s", v);
}

static int
is_special(const struct bin_spec *spec, double x)
{
	size_t k;

	for (k = 0; k < spec->nspecials; k++)
		if (spec->specials[k] == x)
			return 1;
	return 0;
}

/*
 * The special values for col: spec->specials then those of
 * spec->colspecials naming col, repeats dropped.  *own receives the array
 * to free (the specials of *out point into it).
 */
static void
col_spec(const struct bin_spec *spec, const struct ds_column *col,
	struct bin_spec *out, double **own)
{
	size_t n = spec->nspecials, k, i, j;
	double *v;

	*out = *spec;
	for (k = 0; k < spec->ncolspecials; k++)
		if (strcmp(spec->colspecials[k].column, col->name) == 0)
			n += spec->colspecials[k].nvalues;
	v = xcalloc(n + 1, sizeof *v);
	n = 0;
	for (k = 0; k <= spec->ncolspecials; k++) {
		const double *src = k == 0 ? spec->specials :
		    spec->colspecials[k - 1].values;
		size_t m = k == 0 ? spec->nspecials :
		    spec->colspecials[k - 1].nvalues;

		if (k > 0 && strcmp(spec->colspecials[k - 1].column,
		    col->name) != 0)
			continue;
		for (i = 0; i < m; i++) {
			for (j = 0; j < n && v[j] != src[i]; j++)
				;
			if (j == n && isfinite(src[i]))
				v[n++] = src[i];
		}
	}
	out->specials = v;
	out->nspecials = col->type == DS_TEXT ? 0 : n;
	out->colspecials = NULL;
	out->ncolspecials = 0;
	*own = v;
}

void
bin_mark_big_integers(struct characteristic *ch, size_t n, long long eg)
{
	ch->big_integers = n;
	ch->big_integers_eg = n > 0 ? eg : 0;
}

char *
bin_big_integers_text(char *buf, size_t len,
	const struct characteristic *ch)
{
	char b[FMT_BUF];

	snprintf(buf, len, "column \"%s\" holds integers past 2^53 that no "
	    "number (double) holds exactly, such as %lld (%s such cells in "
	    "all): its classing takes each as the double nearest, so "
	    "distinct integers can be one value and share a bin; integers "
	    "past 2^53 are identifiers or account numbers: use --id or "
	    "exclude it (fit --exclude %s)", ch->name, ch->big_integers_eg,
	    fmt_count(b, (double)ch->big_integers), ch->name);
	return buf;
}

/* The development range of the values of col that go to ranges. */
static void
set_xrange(struct characteristic *ch, const struct ds_column *col,
	size_t nrows, const struct bin_spec *spec)
{
	size_t i;

	ch->xmin = ch->xmax = NAN;
	for (i = 0; i < nrows; i++) {
		double x = col->num[i];

		if (isnan(x) || is_special(spec, x))
			continue;
		if (isnan(ch->xmin) || x < ch->xmin)
			ch->xmin = x;
		if (isnan(ch->xmax) || x > ch->xmax)
			ch->xmax = x;
	}
}

static void
swapd(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/*
 * Put the k-th smallest of v[lo, hi) at v[k], smaller or equal values
 * before it and greater or equal after (quickselect, median-of-three
 * pivot, three-way partition so long runs of ties cost one pass).
 */
static void
select_k(double *v, size_t lo, size_t hi, size_t k)
{
	while (hi - lo > 1) {
		double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1], p;
		size_t lt = lo, i = lo, gt = hi;

		p = a < b ? (b < c ? b : (a < c ? c : a)) :
		    (a < c ? a : (b < c ? c : b));
		while (i < gt) {
			if (v[i] < p)
				swapd(&v[lt++], &v[i++]);
			else if (v[i] > p)
				swapd(&v[i], &v[--gt]);
			else
				i++;
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return;
	}
}

/* select_k for every position pos[np] (strictly increasing, inside
   [lo, hi)): divide and conquer, O(m log np). */
static void
select_multi(double *v, size_t lo, size_t hi, const size_t *pos, size_t np)
{
	size_t mid, k;

	if (np == 0 || hi - lo <= 1)
		return;
	mid = np / 2;
	k = pos[mid];
	select_k(v, lo, hi, k);
	select_multi(v, lo, k, pos, mid);
	select_multi(v, k + 1, hi, pos + mid + 1, np - mid - 1);
}

/*
 * out[k] = the pos[k]-th smallest of v[m] (0-based; pos strictly
 * increasing), lo and hi the smallest and largest of v.  The values are
 * first counted into ORDER_BUCKETS buckets of equal width over [lo, hi]
 * (the bucket of x, floor((x - lo) * scale), never decreases as x grows,
 * so the buckets are in value order), which tells the bucket and the rank
 * within it of each wanted position; only the values of those buckets are
 * then gathered and selected among.  Two passes over v for spread-out
 * values; when they crowd into few buckets (an outlier stretching the
 * range) this is select_multi on them, as on all of v.  Exact either way.
 */
#define ORDER_BUCKETS 65536

static void
order_stats(double *v, size_t m, double lo, double hi, const size_t *pos,
	size_t np, double *out)
{
	size_t *cnt, *first, *fill, *below, *rank, i, k, t, nt = 0, ng = 0;
	int *slot;
	double scale = (double)ORDER_BUCKETS / (hi - lo), *g;

	if (np == 0)
		return;
	if (m < 4 * ORDER_BUCKETS || !(hi > lo) || !isfinite(scale)) {
		select_multi(v, 0, m, pos, np);
		for (k = 0; k < np; k++)
			out[k] = v[pos[k]];
		return;
	}
	cnt = xcalloc(ORDER_BUCKETS + 1, sizeof *cnt);
	slot = xmalloc((ORDER_BUCKETS + 1) * sizeof *slot);
	for (i = 0; i < m; i++) {
		t = (size_t)((v[i] - lo) * scale);
		cnt[t < ORDER_BUCKETS ? t : ORDER_BUCKETS - 1]++;
	}
	/* The bucket of each position, its rank there; the target buckets
	   numbered in order (slot, -1 for the others). */
	first = xmalloc(np * sizeof *first);
	below = xmalloc(np * sizeof *below);
	fill = xcalloc(np, sizeof *fill);
	rank = xmalloc(np * sizeof *rank);
	for (t = 0; t < ORDER_BUCKETS; t++)
		slot[t] = -1;
	for (t = 0, i = 0, k = 0; t < ORDER_BUCKETS && k < np; t++) {
		int used = 0;

		while (k < np && pos[k] < i + cnt[t]) {
			rank[k++] = nt;
			used = 1;
		}
		if (used) {
			slot[t] = (int)nt;
			first[nt] = ng;		/* its start in g */
			below[nt] = i;		/* values in lower buckets */
			fill[nt] = 0;
			ng += cnt[t];
			nt++;
		}
		i += cnt[t];
	}
	g = xmalloc((ng > 0 ? ng : 1) * sizeof *g);
	for (i = 0; i < m; i++) {
		int sl;

		t = (size_t)((v[i] - lo) * scale);
		sl = slot[t < ORDER_BUCKETS ? t : ORDER_BUCKETS - 1];
		if (sl >= 0)
			g[first[sl] + fill[sl]++] = v[i];
	}
	/* Ranks within each target bucket, selected there. */
	for (k = 0; k < np; k = i) {
		size_t sl = rank[k], j, nl = 0;
		size_t *local = xmalloc(np * sizeof *local);

		for (i = k; i < np && rank[i] == sl; i++)
			local[nl++] = pos[i] - below[sl];
		select_multi(g + first[sl], 0, fill[sl], local, nl);
		for (j = 0; j < nl; j++)
			out[k + j] = g[first[sl] + local[j]];
		free(local);
	}
	free(g);
	free(below);
	free(cnt);
	free(slot);
	free(first);
	free(fill);
	free(rank);
}

static void
add_range(struct characteristic *ch, double lower, double upper)
{
	struct bin *b = &ch->bins[ch->nbins++];

	b->kind = BIN_RANGE;
	b->lower = lower;
	b->upper = upper;
	b->label = range_label(lower, upper);
}

static void
add_missing(struct characteristic *ch)
{
	struct bin *b = &ch->bins[ch->nbins++];

	b->kind = BIN_MISSING;
	b->lower = NAN;
	b->upper = NAN;
	b->label = xstrdup("missing");
}

/* Index of the missing bin, or -1. */
static int
missing_index(const struct characteristic *ch)
{
	if (ch->nbins > 0 && ch->bins[ch->nbins - 1].kind == BIN_MISSING)
		return (int)ch->nbins - 1;
	return -1;
}

static int
need_target(const struct dataset *ds, struct rd_err *err)
{
	if (ds->y == NULL)
		return rd_err_set(err, RD_EINPUT,
		    "dataset has no target: table '%s' was imported without "
		    "one", ds->table ? ds->table : "?");
	return 0;
}

/* Count and weigh a freshly built characteristic. */
static void
finish(struct characteristic *ch, const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec)
{
	bin_count(ch, col, ds->y, ds->nrows);
	bin_woe(ch, spec);
}

/* A hand edit (merge, split, move) is the officer's classing: the notes
   on pure bins the optimal classing hid and on groups made from noise no
   longer apply. */
static void
hand_edited(struct characteristic *ch)
{
	free(ch->pure);
	ch->pure = NULL;
	ch->npure = 0;
	ch->chance_bins = 0;
}

/* ------------------------------------------------------- construction */

size_t
bin_fine_positions(size_t m, const struct bin_spec *spec, size_t *pos)
{
	size_t q = spec->nquantiles > 0 ? (size_t)spec->nquantiles : 1;
	size_t k, npos = 0;

	/*
	 * Cut k is the value at sorted position floor(k m / q): a data
	 * value, and the lower end of its bin, so all its ties go up with
	 * it.  Only those order statistics are selected.
	 */
	for (k = 1; k < q && m > 0; k++) {
		size_t at = k * m / q;

		if (npos == 0 || at > pos[npos - 1])
			pos[npos++] = at;
	}
	return npos;
}

/*
 * The ranges and special bins of a numeric fine classing (no counts, no
 * missing bin) from the m values that go to ranges (smallest vmin,
 * largest vmax), their order statistics at[npos] at the positions
 * bin_fine_positions gave, and the summary cs of those values; spec's
 * specials are the column's own (col_spec).
 */
static struct characteristic *
fine_ranges(const char *name, size_t m, double vmin, double vmax,
	const double *at, size_t npos, const struct colscan *cs,
	const struct bin_spec *spec)
{
	struct characteristic *ch;
	double *cut = xmalloc((npos + 1) * sizeof *cut);
	size_t ncut = 0, k;

	for (k = 0; k < npos; k++) {
		double c = at[k];

		if (c <= vmin || (ncut > 0 && c <= cut[ncut - 1]))
			continue;
		cut[ncut++] = c;
	}
	ch = xcalloc(1, sizeof *ch);
	ch->name = xstrdup(name);
	ch->numeric = 1;
	ch->bins = xcalloc(ncut + 2 + spec->nspecials, sizeof *ch->bins);
	ch->trend = BIN_TREND_NONE;
	for (k = 0; k <= ncut; k++)
		add_range(ch, k == 0 ? -INFINITY : cut[k - 1],
		    k == ncut ? INFINITY : cut[k]);
	for (k = 0; k < spec->nspecials; k++)
		add_special(ch, spec->specials[k]);
	ch->xmin = m > 0 ? vmin : NAN;
	ch->xmax = m > 0 ? vmax : NAN;
	ch->nsentinels = colscan_sentinels(cs, &colscan_default,
	    ch->sentinels);
	colscan_codes(cs, &colscan_default, ch->codes, &ch->ncodes);
	free(cut);
	return ch;
}

/*
 * The level bins of a text fine classing (no counts, no missing bin)
 * from the rows per level of col (n[], any outcome; known[], with a
 * known outcome; each [col->nlevels], col's level order).
 */
static struct characteristic *
fine_levels(const struct ds_column *col, const size_t *n,
	const size_t *known, const struct bin_spec *spec)
{
	struct characteristic *ch = char_new(col, col->nlevels + 2);
	size_t i, nn = 0, nother = 0;
	struct bin *o;

	for (i = 0; i < col->nlevels; i++)
		nn += n[i];
	for (i = 0; i < col->nlevels; i++) {
		struct bin *b;

		/* No known outcome, no bad rate: left to the unseen-level
		   fallback (bin.h). */
		if (known[i] == 0)
			continue;
		if ((double)n[i] < spec->other_share * (double)nn) {
			nother++;
			continue;
		}
		b = &ch->bins[ch->nbins++];
		b->kind = BIN_LEVELS;
		b->lower = b->upper = NAN;
		b->levels = xmalloc(sizeof *b->levels);
		b->levels[0] = xstrdup(col->levels[i]);
		b->nlevels = 1;
		b->label = xstrdup(col->levels[i]);
	}
	if (nother > 0) {
		o = &ch->bins[ch->nbins++];
		o->kind = BIN_LEVELS;
		o->lower = o->upper = NAN;
		o->levels = xmalloc(nother * sizeof *o->levels);
		o->other = 1;
		for (i = 0; i < col->nlevels; i++)
			if (known[i] > 0 && (double)n[i] <
			    spec->other_share * (double)nn)
				o->levels[o->nlevels++] =
				    xstrdup(col->levels[i]);
		o->nother = o->nlevels;
		o->label = bin_label(o);
	}
	return ch;
}

static struct characteristic *fine_col(const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

struct characteristic *
bin_fine(const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct bin_spec sp;
	struct characteristic *ch;
	double *own;

	col_spec(spec, col, &sp, &own);
	ch = fine_col(ds, col, &sp, err);
	free(own);
	return ch;
}

/* bin_fine with the column's specials resolved into spec. */
static struct characteristic *
fine_col(const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct characteristic *ch;
	size_t i;

	if (need_target(ds, err) < 0)
		return NULL;
	if (spec->nquantiles < 1) {
		rd_err_set(err, RD_EUSAGE, "nquantiles must be at least 1, "
		    "found %d", spec->nquantiles);
		return NULL;
	}
	if (col->type == DS_TEXT) {
		/* Rows per level code (any outcome) and with a known
		   outcome: one pass, never a search by text. */
		size_t *n = xcalloc(col->nlevels + 1, sizeof *n);
		size_t *known = xcalloc(col->nlevels + 1, sizeof *known);

		for (i = 0; i < ds->nrows; i++)
			if (col->code[i] >= 0) {
				n[col->code[i]]++;
				known[col->code[i]] += ds->y[i] == DS_GOOD ||
				    ds->y[i] == DS_BAD;
			}
		ch = fine_levels(col, n, known, spec);
		free(n);
		free(known);
	} else {
		size_t q = (size_t)spec->nquantiles, m = 0;
		size_t npos;
		double *v = xmalloc((ds->nrows > 0 ? ds->nrows : 1) *
		    sizeof *v);
		double *at = xmalloc(q * sizeof *at);
		size_t *pos = xmalloc(q * sizeof *pos);
		double vmin = INFINITY, vmax = -INFINITY;
		struct colscan cs;

		for (i = 0; i < ds->nrows; i++) {
			double x = col->num[i];

			if (isnan(x) || (spec->nspecials > 0 &&
			    is_special(spec, x)))
				continue;
			v[m++] = x;
			if (x < vmin)
				vmin = x;
			if (x > vmax)
				vmax = x;
		}
		npos = bin_fine_positions(m, spec, pos);
		/* Values that seem to mean something else, and codes: one
		   pass (colscan.h), before the selection reorders v. */
		colscan_init(&cs);
		colscan_add_array(&cs, v, m);
		order_stats(v, m, vmin, vmax, pos, npos, at);
		ch = fine_ranges(col->name, m, vmin, vmax, at, npos, &cs,
		    spec);
		bin_mark_big_integers(ch, col->ninexact, col->inexact_eg);
		free(v);
		free(at);
		free(pos);
	}
	if (col->nmissing > 0)
		add_missing(ch);
	finish(ch, ds, col, spec);
	return ch;
}

struct characteristic *
bin_from_breaks(const struct dataset *ds, const struct ds_column *col,
	const double *breaks, size_t nbreaks, const struct bin_spec *spec,
	struct rd_err *err)
{
	struct characteristic *ch;
	size_t k;

	if (need_target(ds, err) < 0)
		return NULL;
	if (col->type == DS_TEXT) {
		rd_err_set(err, RD_EINPUT, "breaks need a numeric column: "
		    "'%s' is text", col->name);
		return NULL;
	}
	for (k = 0; k < nbreaks; k++) {
		if (!isfinite(breaks[k])) {
			rd_err_set(err, RD_EINPUT, "break %zu of '%s' is not "
			    "a finite number", k + 1, col->name);
			return NULL;
		}
		if (k > 0 && !(breaks[k] > breaks[k - 1])) {
			rd_err_set(err, RD_EINPUT, "breaks of '%s' must "
			    "increase: %g after %g", col->name, breaks[k],
			    breaks[k - 1]);
			return NULL;
		}
	}
	{
		struct bin_spec sp;
		double *own;

		col_spec(spec, col, &sp, &own);
		ch = char_new(col, nbreaks + 2 + sp.nspecials);
		for (k = 0; k <= nbreaks; k++)
			add_range(ch, k == 0 ? -INFINITY : breaks[k - 1],
			    k == nbreaks ? INFINITY : breaks[k]);
		for (k = 0; k < sp.nspecials; k++)
			add_special(ch, sp.specials[k]);
		set_xrange(ch, col, ds->nrows, &sp);
		free(own);
	}
	if (col->nmissing > 0)
		add_missing(ch);
	finish(ch, ds, col, spec);
	return ch;
}

struct characteristic *
bin_from_groups(const struct dataset *ds, const struct ds_column *col,
	const char *const *const *groups, size_t ngroups,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct characteristic *ch = NULL;
	int *group_of = NULL;
	size_t g, i;

	if (need_target(ds, err) < 0)
		return NULL;
	if (col->type != DS_TEXT) {
		rd_err_set(err, RD_EINPUT, "level groups need a text column: "
		    "'%s' is numeric", col->name);
		return NULL;
	}
	group_of = xmalloc((col->nlevels > 0 ? col->nlevels : 1) *
	    sizeof *group_of);
	for (i = 0; i < col->nlevels; i++)
		group_of[i] = -1;
	ch = char_new(col, ngroups + 1);
	for (g = 0; g < ngroups; g++) {
		struct bin *b = &ch->bins[ch->nbins++];
		size_t n = 0;

		while (groups[g][n] != NULL)
			n++;
		b->kind = BIN_LEVELS;
		b->lower = b->upper = NAN;
		b->levels = xcalloc(n > 0 ? n : 1, sizeof *b->levels);
		if (n == 0) {
			rd_err_set(err, RD_EINPUT, "group %zu of '%s' is "
			    "empty", g + 1, col->name);
			goto fail;
		}
		for (i = 0; i < n; i++) {
			int code = ds_level_code(col, groups[g][i]);

			if (code < 0) {
				rd_err_set(err, RD_EINPUT, "unknown level "
				    "'%s' of '%s' in group %zu", groups[g][i],
				    col->name, g + 1);
				goto fail;
			}
			if (group_of[code] >= 0) {
				rd_err_set(err, RD_EINPUT, "level '%s' of "
				    "'%s' is in groups %d and %zu",
				    groups[g][i], col->name,
				    group_of[code] + 1, g + 1);
				goto fail;
			}
			group_of[code] = (int)g;
			b->levels[b->nlevels++] = xstrdup(groups[g][i]);
		}
		b->label = levels_label(b->levels, b->nlevels);
	}
	for (i = 0; i < col->nlevels; i++) {
		if (group_of[i] < 0) {
			rd_err_set(err, RD_EINPUT, "level '%s' of '%s' is in "
			    "no group", col->levels[i], col->name);
			goto fail;
		}
	}
	free(group_of);
	if (col->nmissing > 0)
		add_missing(ch);
	finish(ch, ds, col, spec);
	return ch;

fail:
	free(group_of);
	characteristic_free(ch);
	return NULL;
}

/* ------------------------------------------------------ counts and WoE */

/*
 * The lookup of numeric values in a characteristic's bins, prepared once
 * for a whole column: the cuts (lower ends of the ranges after the first)
 * in one array, searched without branches on the data (bin_index_num's
 * rule: the last range whose lower end is <= x), the special values
 * tested first, NaN to the missing bin.
 */
struct num_lookup {
	double *cut;		/* [nr - 1] */
	size_t nr, step;
	double *sv;		/* [ns] special values, their bins in sk */
	size_t *sk, ns;
	int miss;
};

static void
num_lookup_init(struct num_lookup *l, const struct characteristic *ch)
{
	size_t b;

	memset(l, 0, sizeof *l);
	l->miss = missing_index(ch);
	while (l->nr < ch->nbins && ch->bins[l->nr].kind == BIN_RANGE)
		l->nr++;
	l->cut = xmalloc((l->nr + 1) * sizeof *l->cut);
	l->sv = xmalloc((ch->nbins + 1) * sizeof *l->sv);
	l->sk = xmalloc((ch->nbins + 1) * sizeof *l->sk);
	for (b = 1; b < l->nr; b++)
		l->cut[b - 1] = ch->bins[b].lower;
	for (b = l->nr; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_SPECIAL) {
			l->sv[l->ns] = ch->bins[b].lower;
			l->sk[l->ns++] = b;
		}
	l->step = 1;
	while (l->step * 2 <= (l->nr > 0 ? l->nr - 1 : 0))
		l->step *= 2;
}

static void
num_lookup_done(struct num_lookup *l)
{
	free(l->cut);
	free(l->sv);
	free(l->sk);
}

/* The bin of v, or -1 (NaN without a missing bin). */
static inline long
num_lookup_find(const struct num_lookup *l, double v)
{
	size_t s, j, at = 0;

	if (isnan(v))
		return l->miss;
	for (j = 0; j < l->ns; j++)
		if (l->sv[j] == v)
			return (long)l->sk[j];
	if (l->nr == 0)
		return -1;
	/* Number of cuts <= v. */
	for (s = l->step; s > 0 && l->nr > 1; s /= 2)
		if (at + s <= l->nr - 1 && l->cut[at + s - 1] <= v)
			at += s;
	return (long)at;
}

void
bin_index_num_all(const struct characteristic *ch, const double *x,
	size_t n, int *out)
{
	struct num_lookup l;
	size_t i;

	if (!ch->numeric) {
		for (i = 0; i < n; i++)
			out[i] = -1;
		return;
	}
	num_lookup_init(&l, ch);
	for (i = 0; i < n; i++)
		out[i] = (int)num_lookup_find(&l, x[i]);
	num_lookup_done(&l);
}

/* bin_count of a numeric column, the hot loop of fine classing: counts
   kept in a local array. */
static void
count_num(struct characteristic *ch, const double *x,
	const signed char *y, size_t nrows)
{
	struct num_lookup l;
	size_t i, b, (*cnt)[2] = xcalloc(ch->nbins + 1, sizeof *cnt);

	num_lookup_init(&l, ch);
	for (i = 0; i < nrows; i++) {
		long k;

		if (y[i] != DS_GOOD && y[i] != DS_BAD)
			continue;
		if ((k = num_lookup_find(&l, x[i])) >= 0)
			cnt[k][y[i] == DS_BAD]++;
	}
	for (b = 0; b < ch->nbins; b++) {
		ch->bins[b].goods = cnt[b][0];
		ch->bins[b].bads = cnt[b][1];
		ch->bins[b].count = cnt[b][0] + cnt[b][1];
		ch->goods += cnt[b][0];
		ch->bads += cnt[b][1];
	}
	num_lookup_done(&l);
	free(cnt);
}

/*
 * The text part of bin_count: nlevels and the fallback fields of ch from
 * the rows per level code (all[], any outcome; known[], known outcome)
 * and which levels a bin lists.
 */
static void
count_fallback(struct characteristic *ch, const struct ds_column *col,
	const size_t *all, const size_t *known, const unsigned char *listed)
{
	size_t l, off = 0, shown = 0;
	char buf[160];

	free(ch->fallback_levels);
	ch->fallback_levels = NULL;
	ch->nlevels = ch->nfallback = ch->fallback_rows = 0;
	ch->fallback_known = 0;
	buf[0] = '\0';
	for (l = 0; l < col->nlevels; l++) {
		if (all[l] == 0)
			continue;
		ch->nlevels++;
		if (listed[l])
			continue;
		ch->nfallback++;
		ch->fallback_rows += all[l];
		ch->fallback_known += known[l];
		/* The first three names, for messages. */
		if (shown < 3 && off + strlen(col->levels[l]) + 3 <
		    sizeof buf) {
			off += (size_t)snprintf(buf + off, sizeof buf - off,
			    "%s%s", shown > 0 ? ", " : "", col->levels[l]);
			shown++;
		}
	}
	if (ch->nfallback > 0)
		ch->fallback_levels = xstrdup(buf);
}

/*
 * The text part of bin_count from the rows per level of col (all[], any
 * outcome; goods[] and bads[], each [col->nlevels]) and the missing
 * rows' goods and bads (mgoods, mbads): each level's rows go to the bin
 * listing it, else to the fallback (bin_level_map, decided before the
 * counts are reset); then nlevels and the fallback fields.
 */
static void
count_levels(struct characteristic *ch, const struct ds_column *col,
	const size_t *all, const size_t *goods, const size_t *bads,
	size_t mgoods, size_t mbads)
{
	size_t nl = col->nlevels > 0 ? col->nlevels : 1, l, b;
	int *map = xmalloc(nl * sizeof *map);
	unsigned char *listed = xmalloc(nl);
	size_t *known = xcalloc(nl, sizeof *known);
	int miss = missing_index(ch);

	bin_level_map(ch, col, map, listed);
	for (b = 0; b < ch->nbins; b++)
		ch->bins[b].count = ch->bins[b].goods = ch->bins[b].bads = 0;
	ch->goods = ch->bads = 0;
	for (l = 0; l <= col->nlevels; l++) {
		size_t g = l < col->nlevels ? goods[l] : mgoods;
		size_t d = l < col->nlevels ? bads[l] : mbads;
		int k = l < col->nlevels ? map[l] : miss;

		if (l < col->nlevels)
			known[l] = g + d;
		if (k < 0)
			continue;
		ch->bins[k].count += g + d;
		ch->bins[k].goods += g;
		ch->bins[k].bads += d;
		ch->goods += g;
		ch->bads += d;
	}
	count_fallback(ch, col, all, known, listed);
	free(map);
	free(listed);
	free(known);
}

void
bin_count(struct characteristic *ch, const struct ds_column *col,
	const signed char *y, size_t nrows)
{
	size_t *all, *goods, *bads, mg = 0, mb = 0;
	size_t i, b, nl = col->nlevels > 0 ? col->nlevels : 1;

	if (ch->numeric || col->code == NULL) {
		for (b = 0; b < ch->nbins; b++)
			ch->bins[b].count = ch->bins[b].goods =
			    ch->bins[b].bads = 0;
		ch->goods = ch->bads = 0;
		if (ch->numeric && col->num != NULL)
			count_num(ch, col->num, y, nrows);
		return;
	}
	all = xcalloc(nl, sizeof *all);
	goods = xcalloc(nl, sizeof *goods);
	bads = xcalloc(nl, sizeof *bads);
	for (i = 0; i < nrows; i++) {
		int c = col->code[i];

		if (c >= 0)
			all[c]++;
		if (y[i] != DS_GOOD && y[i] != DS_BAD)
			continue;
		if (c >= 0)
			(y[i] == DS_BAD ? bads : goods)[c]++;
		else if (y[i] == DS_BAD)
			mb++;
		else
			mg++;
	}
	count_levels(ch, col, all, goods, bads, mg, mb);
	free(all);
	free(goods);
	free(bads);
}

struct woe_cell {
	double woe;
	size_t goods, bads;
};

static int
cmp_cell(const void *a, const void *b)
{
	double x = ((const struct woe_cell *)a)->woe;
	double y = ((const struct woe_cell *)b)->woe;

	return (x > y) - (x < y);
}

/* Gini and KS of the WoE-coded characteristic, from its bins (bin.h). */
static void
discrimination(struct characteristic *ch)
{
	struct woe_cell *c = xmalloc((ch->nbins + 1) * sizeof *c);
	double G = (double)ch->goods, B = (double)ch->bads;
	double auc = 0, ks = 0, cg = 0, cb = 0;
	size_t n = 0, b, k;

	ch->gini = ch->ks = 0;
	if (ch->goods == 0 || ch->bads == 0) {
		free(c);
		return;
	}
	for (b = 0; b < ch->nbins; b++) {
		if (ch->bins[b].count == 0)
			continue;
		c[n].woe = ch->bins[b].woe;
		c[n].goods = ch->bins[b].goods;
		c[n].bads = ch->bins[b].bads;
		n++;
	}
	qsort(c, n, sizeof *c, cmp_cell);
	/* Riskiest (lowest WoE) first; bins of equal WoE form one tie. */
	for (b = 0; b < n; b = k) {
		double g = 0, d = 0;

		for (k = b; k < n && c[k].woe == c[b].woe; k++) {
			g += (double)c[k].goods;
			d += (double)c[k].bads;
		}
		/* A bad here beats the goods above it, ties half. */
		auc += (d / B) * ((G - cg - g) / G + g / (2 * G));
		cg += g;
		cb += d;
		if (fabs(cb / B - cg / G) > ks)
			ks = fabs(cb / B - cg / G);
	}
	ch->gini = 2 * auc - 1;
	ch->ks = ks;
	free(c);
}

void
bin_shares(struct characteristic *ch)
{
	double G = (double)ch->goods, B = (double)ch->bads;
	size_t b;

	for (b = 0; b < ch->nbins; b++) {
		struct bin *x = &ch->bins[b];
		double g = (double)x->goods, d = (double)x->bads;

		x->bad_rate = x->count > 0 ? d / (double)x->count : 0;
		x->pct_goods = G > 0 ? g / G : 0;
		x->pct_bads = B > 0 ? d / B : 0;
		x->share = G + B > 0 ? (double)x->count / (G + B) : 0;
	}
}

/* The status of a characteristic whose rows fill one bin: why, where
   the bins say it (every value missing; one value on every row). */
static const char *
single_bin_why(const struct characteristic *ch)
{
	size_t b;

	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];

		if (x->count == 0)
			continue;
		if (x->kind == BIN_MISSING)
			return "single bin: every value missing";
		if (ch->numeric && x->kind == BIN_RANGE &&
		    ch->xmin == ch->xmax)
			return "single bin: one value on every row";
		if (!ch->numeric && ch->nlevels == 1)
			return "single bin: one value on every row";
	}
	return "single bin";
}

void
bin_woe(struct characteristic *ch, const struct bin_spec *spec)
{
	double G = (double)ch->goods, B = (double)ch->bads;
	size_t b, filled = 0;

	free(ch->status);
	ch->status = NULL;
	ch->iv = 0;
	ch->nadjusted = 0;
	ch->many_levels = !ch->numeric && ch->nlevels > spec->many_levels;
	/* Any bin counts (range, level group, missing, special): a
	   characteristic whose evidence is in its missing or special bins
	   is usable.  No bads / no goods first: then no WoE exists. */
	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].count > 0)
			filled++;
	if (ch->bads == 0)
		ch->status = xstrdup("no bads");
	else if (ch->goods == 0)
		ch->status = xstrdup("no goods");
	else if (filled < 2)
		ch->status = xstrdup(ch->splits != NULL ? "separates goods "
		    "from bads" : ch->pure != NULL ? "single bin, hides a "
		    "pure level" : single_bin_why(ch));
	bin_shares(ch);
	for (b = 0; b < ch->nbins; b++) {
		struct bin *x = &ch->bins[b];
		double g = (double)x->goods, d = (double)x->bads;

		x->woe = x->iv = 0;
		x->adjusted = 0;
		/* An empty bin has no evidence: WoE 0.  With G or B 0 no
		   WoE exists at all; all stay 0 and the status says why. */
		if (x->count == 0 || ch->goods == 0 || ch->bads == 0)
			continue;
		if (x->goods == 0 || x->bads == 0) {
			g += spec->woe_adjust;
			d += spec->woe_adjust;
			x->adjusted = 1;
			ch->nadjusted++;
		}
		x->woe = log((g / G) / (d / B));
		x->iv = (g / G - d / B) * x->woe;
		ch->iv += x->iv;
	}
	discrimination(ch);
}

/* --------------------------------------------------------- separation */

/*
 * Append to why (len bytes, off used) the first three levels of col with
 * cnt[level] > 0, of nl such levels, as " a, b, c, ..."; returns the new
 * offset (may be >= len once the text is cut).
 */
static size_t
list_levels(char *why, size_t len, size_t off, const struct ds_column *col,
	const size_t *cnt, size_t nl)
{
	size_t k, i = 0;

	for (k = 0; k < col->nlevels && off < len; k++)
		if (cnt[k] > 0 && i++ < 3)
			off += (size_t)snprintf(why + off, len - off, "%s %s",
			    i > 1 ? "," : "", col->levels[k]);
	if (off < len && nl > 3)
		off += (size_t)snprintf(why + off, len - off, ", ...");
	return off;
}

int
bin_splits_num(const char *name, size_t ng, size_t nb, double gmin,
	double gmax, double bmin, double bmax, double woe_adjust, char *why,
	size_t len)
{
	double t, lo, hi;
	const char *low;
	size_t i;

	/* Both outcomes, and some row off the boundary value (a constant
	   column splits nothing). */
	if (ng == 0 || nb == 0 || (bmin == gmax && gmin == bmax))
		return 0;
	if (bmax <= gmin) {
		low = "bad";
		lo = bmax;
		hi = gmin;
	} else if (gmax <= bmin) {
		low = "good";
		lo = gmax;
		hi = bmin;
	} else {
		return 0;
	}
	t = hi;
	if (lo < hi)
		snprintf(why, len, BIN_SPLITS " (every %s below %.10g, every "
		    "%s at %.10g or above)", low, hi, low[0] == 'b' ? "good" :
		    "bad", hi);
	else
		snprintf(why, len, BIN_SPLITS " (every %s at %.10g or below, "
		    "every %s at %.10g or above; only %.10g holds both)", low,
		    t, low[0] == 'b' ? "good" : "bad", t, t);
	i = strlen(why);
	snprintf(why + i, len > i ? len - i : 0, ": no finite WoE or "
	    "coefficient, IV unbounded; make it a knock-out rule or leave it "
	    "out (riskdesk fit --exclude %s), or bin it by hand with a bin "
	    "holding both sides of %.10g (riskdesk bin --char %s --split "
	    "BIN:VALUE; a pure bin then takes the %g zero-cell WoE "
	    "adjustment)", name, t, name, woe_adjust);
	return 1;
}

int
bin_splits_levels(const struct ds_column *col, const size_t *g,
	const size_t *b, double woe_adjust, char *why, size_t len)
{
	size_t k, off, nbl = 0, ngl = 0;
	int pure = 1;

	(void)woe_adjust;
	for (k = 0; k < col->nlevels; k++) {
		if (g[k] > 0 && b[k] > 0)
			pure = 0;
		nbl += b[k] > 0;
		ngl += g[k] > 0;
	}
	if (!pure || nbl == 0 || ngl == 0)
		return 0;
	off = (size_t)snprintf(why, len, BIN_SPLITS " (every level holds "
	    "only goods or only bads; bads only:");
	off = list_levels(why, len, off, col, b, nbl);
	if (off < len)
		off += (size_t)snprintf(why + off, len - off,
		    "; goods only:");
	off = list_levels(why, len, off, col, g, ngl);
	if (off < len)
		snprintf(why + off, len - off, "): no finite WoE or "
		    "coefficient, IV unbounded; make it a knock-out rule or "
		    "leave it out (riskdesk fit --exclude %s), or group a bad "
		    "level with a good one by hand (riskdesk bin --char %s "
		    "--move LEVEL=BIN)", col->name, col->name);
	return 1;
}

int
bin_splits(const struct dataset *ds, const struct ds_column *col,
	double woe_adjust, char *why, size_t len)
{
	size_t i, ng = 0, nb = 0;

	if (ds->y == NULL)
		return 0;
	if (col->type != DS_TEXT) {
		double gmin = INFINITY, gmax = -INFINITY, bmin = INFINITY;
		double bmax = -INFINITY;

		for (i = 0; i < ds->nrows; i++) {
			double x = col->num[i];

			if (isnan(x) || ds->y[i] == DS_INDET)
				continue;
			if (ds->y[i] == DS_BAD) {
				nb++;
				bmin = x < bmin ? x : bmin;
				bmax = x > bmax ? x : bmax;
			} else {
				ng++;
				gmin = x < gmin ? x : gmin;
				gmax = x > gmax ? x : gmax;
			}
		}
		return bin_splits_num(col->name, ng, nb, gmin, gmax, bmin,
		    bmax, woe_adjust, why, len);
	}
	{
		size_t *g = xcalloc(col->nlevels + 1, sizeof *g);
		size_t *b = xcalloc(col->nlevels + 1, sizeof *b);
		int rc;

		for (i = 0; i < ds->nrows; i++) {
			int c = col->code[i];

			if (c < 0 || ds->y[i] == DS_INDET)
				continue;
			if (ds->y[i] == DS_BAD)
				b[c]++;
			else
				g[c]++;
		}
		rc = bin_splits_levels(col, g, b, woe_adjust, why, len);
		free(g);
		free(b);
		return rc;
	}
}

/* ----------------------------------------------- fine classing from
   aggregates */

double *
bin_specials_of(const struct bin_spec *spec, const char *name, int numeric,
	size_t *n)
{
	struct ds_column c;
	struct bin_spec sp;
	double *own;

	memset(&c, 0, sizeof c);
	c.name = (char *)name;
	c.type = numeric ? DS_REAL : DS_TEXT;
	col_spec(spec, &c, &sp, &own);
	*n = sp.nspecials;
	return own;
}

struct characteristic *
bin_fine_ranges(const char *name, size_t m, double vmin, double vmax,
	const double *at, size_t npos, const struct colscan *cs, int missing,
	const struct bin_spec *spec)
{
	struct ds_column c;
	struct bin_spec sp;
	struct characteristic *ch;
	double *own;

	memset(&c, 0, sizeof c);
	c.name = (char *)name;
	c.type = DS_REAL;
	col_spec(spec, &c, &sp, &own);
	ch = fine_ranges(name, m, vmin, vmax, at, npos, cs, &sp);
	free(own);
	/* Room for the missing bin: fine_ranges sized the array for the
	   ranges and specials only. */
	ch->bins = xreallocarray(ch->bins, ch->nbins + 1, sizeof *ch->bins);
	memset(&ch->bins[ch->nbins], 0, sizeof *ch->bins);
	if (missing)
		add_missing(ch);
	return ch;
}

void
bin_count_cells(struct characteristic *ch, const size_t *goods,
	const size_t *bads)
{
	size_t b;

	ch->goods = ch->bads = 0;
	for (b = 0; b < ch->nbins; b++) {
		ch->bins[b].goods = goods[b];
		ch->bins[b].bads = bads[b];
		ch->bins[b].count = goods[b] + bads[b];
		ch->goods += goods[b];
		ch->bads += bads[b];
	}
}

struct characteristic *
bin_fine_levels(const struct ds_column *col, const size_t *all,
	const size_t *goods, const size_t *bads, size_t mgoods, size_t mbads,
	int missing, const struct bin_spec *spec)
{
	size_t nl = col->nlevels > 0 ? col->nlevels : 1, l;
	size_t *known = xcalloc(nl, sizeof *known);
	struct characteristic *ch;

	for (l = 0; l < col->nlevels; l++)
		known[l] = goods[l] + bads[l];
	ch = fine_levels(col, all, known, spec);
	free(known);
	if (missing)
		add_missing(ch);
	count_levels(ch, col, all, goods, bads, mgoods, mbads);
	bin_woe(ch, spec);
	return ch;
}

/* ------------------------------------------------------------- lookup */

int
bin_index_num(const struct characteristic *ch, double x)
{
	size_t lo, hi, nr;

	if (!ch->numeric)
		return -1;
	if (isnan(x))
		return missing_index(ch);
	/* Specials and missing follow the ranges: take a special bin of x,
	   and count the ranges on the way. */
	nr = ch->nbins;
	while (nr > 0 && ch->bins[nr - 1].kind != BIN_RANGE) {
		if (ch->bins[nr - 1].kind == BIN_SPECIAL &&
		    ch->bins[nr - 1].lower == x)
			return (int)nr - 1;
		nr--;
	}
	if (nr == 0)
		return -1;
	/* The last range whose lower end is <= x; the first starts at
	   -inf, so there is one. */
	lo = 0;
	hi = nr;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ch->bins[mid].lower <= x)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo;
}

int
bin_fallback(const struct characteristic *ch)
{
	size_t b, best = 0;
	int found = 0;

	if (ch->numeric)
		return -1;
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];

		if (x->kind != BIN_LEVELS)
			continue;
		if (x->other)
			return (int)b;
		if (!found || x->count > ch->bins[best].count) {
			best = b;
			found = 1;
		}
	}
	return found ? (int)best : -1;
}

int
bin_index_text(const struct characteristic *ch, const char *text)
{
	size_t b, i;

	if (ch->numeric)
		return -1;
	if (text == NULL)
		return missing_index(ch);
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];

		if (x->kind != BIN_LEVELS)
			continue;
		for (i = 0; i < x->nlevels; i++)
			if (strcmp(x->levels[i], text) == 0)
				return (int)b;
	}
	return bin_fallback(ch);
}

/* A level of a binning and its bin, for sorting. */
struct lvref {
	const char *s;
	size_t bin;
};

static int
cmp_lvref(const void *a, const void *b)
{
	const struct lvref *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return (x->bin > y->bin) - (x->bin < y->bin);
}

/* Every level of ch's level bins with its bin, sorted by text then bin;
   *n receives their number.  Caller frees. */
static struct lvref *
sorted_levels(const struct characteristic *ch, size_t *n)
{
	size_t b, i, m = 0;
	struct lvref *r;

	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_LEVELS)
			m += ch->bins[b].nlevels;
	r = xmalloc((m > 0 ? m : 1) * sizeof *r);
	m = 0;
	for (b = 0; b < ch->nbins; b++) {
		if (ch->bins[b].kind != BIN_LEVELS)
			continue;
		for (i = 0; i < ch->bins[b].nlevels; i++) {
			r[m].s = ch->bins[b].levels[i];
			r[m++].bin = b;
		}
	}
	qsort(r, m, sizeof *r, cmp_lvref);
	*n = m;
	return r;
}

void
bin_level_map(const struct characteristic *ch, const struct ds_column *col,
	int *map, unsigned char *listed)
{
	size_t n, j = 0, l;
	struct lvref *r = sorted_levels(ch, &n);
	int fb = bin_fallback(ch);

	/* Both lists are in strcmp order: one merge walk. */
	for (l = 0; l < col->nlevels; l++) {
		int c = 1;

		while (j < n && (c = strcmp(r[j].s, col->levels[l])) < 0)
			j++;
		if (j < n && c == 0) {
			map[l] = (int)r[j].bin;
			if (listed != NULL)
				listed[l] = 1;
		} else {
			map[l] = fb;
			if (listed != NULL)
				listed[l] = 0;
		}
	}
	free(r);
}

/* ---------------------------------------------------------- identifiers */

/*
 * 1 when the m non-missing values of a numeric column are distinct whole
 * numbers forming one run min .. min + m - 1 (a row number, a sequential
 * application number): O(nrows) with a bitmap over the run.
 */
static int
is_sequence(const struct ds_column *col, size_t nrows, size_t m)
{
	double lo = INFINITY, hi = -INFINITY;
	unsigned char *seen;
	size_t i;
	int ok = 1;

	for (i = 0; i < nrows; i++) {
		double x = col->num[i];

		if (isnan(x))
			continue;
		if (x != floor(x) || !isfinite(x))
			return 0;
		if (x < lo)
			lo = x;
		if (x > hi)
			hi = x;
	}
	if (!(hi - lo + 1 == (double)m))
		return 0;
	seen = xcalloc(m / 8 + 1, 1);
	for (i = 0; i < nrows && ok; i++) {
		size_t k;

		if (isnan(col->num[i]))
			continue;
		k = (size_t)(col->num[i] - lo);
		if (seen[k / 8] & (1u << (k % 8)))
			ok = 0;
		seen[k / 8] |= (unsigned char)(1u << (k % 8));
	}
	free(seen);
	return ok;
}

/* Whether the numeric column runs 0, 1, ... or 1, 2, ... in row order
   with none missing: a row number. */
static int
is_row_number(const struct ds_column *col, size_t nrows)
{
	size_t i;

	if (col->nmissing > 0 || nrows == 0 || (col->num[0] != 0 &&
	    col->num[0] != 1))
		return 0;
	for (i = 1; i < nrows; i++)
		if (col->num[i] != col->num[0] + (double)i)
			return 0;
	return 1;
}

/* Whether a text level is written as a number: strtod reads it whole
   ("12.5", "NaN", "1e309"), or it is digits with signs, points, commas
   and exponents only ("1,5", "1.234,5"). */
static int
level_numeric(const char *s)
{
	char *end;
	int digit = 0;
	const char *p;

	if (*s != '\0' && (strtod(s, &end), *end == '\0'))
		return 1;
	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digit = 1;
		else if (strchr("+-.,eE", *p) == NULL)
			return 0;
	}
	return digit;
}

/* bin_identifier; facts NULL: the run and the row number are read from
   col's rows, else facts[0] is_sequence and facts[1] is_row_number. */
static int
identifier(const struct ds_column *col, size_t nrows,
	const struct bin_spec *spec, const int *facts, char *why, size_t len)
{
	char a[FMT_BUF], b[FMT_BUF];
	size_t m, k, n;

	if (ds_column_is_identifier(col)) {
		snprintf(why, len, "%s", col->role_note != NULL &&
		    col->role_note[0] != '\0' ? col->role_note :
		    "identifier (recorded)");
		return 1;
	}
	if (col->date) {
		snprintf(why, len, "%s", BIN_DATE_WHY);
		return 1;
	}
	if (col->role != NULL)	/* judged at import: ordinary */
		return 0;
	for (k = 0; k < spec->nsaved; k++)
		if (strcmp(spec->saved[k]->name, col->name) == 0)
			return 0;
	if (col->nmissing > nrows)
		return 0;
	m = nrows - col->nmissing;
	if (col->type == DS_TEXT) {
		size_t numeric = 0, l;

		n = col->nlevels;
		if (!(n > spec->id_min_levels &&
		    (double)n > spec->id_share * (double)m))
			return 0;
		/* Numbers made text by a few other cells: a characteristic. */
		for (l = 0; l < n; l++)
			numeric += level_numeric(col->levels[l]);
		if (2 * numeric > n)
			return 0;
	} else {
		if (!(m > spec->id_min_levels) || !(facts != NULL ?
		    facts[0] : is_sequence(col, nrows, m)))
			return 0;
		/* A run in a small table may be a characteristic (50 ages
		   of 60 applicants, one each): a row number, a name like an
		   id's, or enough rows. */
		if (!(facts != NULL ? facts[1] : is_row_number(col, nrows)) &&
		    !colscan_name_is_id(col->name) && m < spec->id_run_rows)
			return 0;
		n = m;
	}
	snprintf(why, len, "identifier: %s distinct values in %s rows",
	    fmt_count(a, (double)n), fmt_count(b, (double)m));
	return 1;
}

int
bin_identifier(const struct ds_column *col, size_t nrows,
	const struct bin_spec *spec, char *why, size_t len)
{
	return identifier(col, nrows, spec, NULL, why, len);
}

int
bin_identifier_agg(const struct ds_column *col, size_t nrows, int sequence,
	int row_number, const struct bin_spec *spec, char *why, size_t len)
{
	int facts[2];

	facts[0] = sequence;
	facts[1] = row_number;
	return identifier(col, nrows, spec, facts, why, len);
}

/* ------------------------------------------------------------ the rest */

void
characteristic_free(struct characteristic *ch)
{
	size_t b, i;

	if (ch == NULL)
		return;
	for (b = 0; b < ch->nbins; b++) {
		for (i = 0; i < ch->bins[b].nlevels; i++)
			free(ch->bins[b].levels[i]);
		free(ch->bins[b].levels);
		free(ch->bins[b].label);
	}
	free(ch->bins);
	free(ch->name);
	free(ch->status);
	free(ch->fallback_levels);
	free(ch->splits);
	free(ch->pure);
	free(ch);
}

const char *
bin_iv_strength(double iv)
{
	if (!(iv >= 0.02))
		return "unpredictive";
	if (iv < 0.1)
		return "weak";
	if (iv < 0.3)
		return "medium";
	if (iv < 0.5)
		return "strong";
	return "suspicious";
}

/* ------------------------------------------------ explicit definitions */

struct characteristic *
characteristic_copy(const struct characteristic *ch)
{
	struct characteristic *c = xcalloc(1, sizeof *c);
	size_t b, i;

	*c = *ch;
	c->name = xstrdup(ch->name);
	c->status = ch->status != NULL ? xstrdup(ch->status) : NULL;
	c->fallback_levels = ch->fallback_levels != NULL ?
	    xstrdup(ch->fallback_levels) : NULL;
	c->splits = ch->splits != NULL ? xstrdup(ch->splits) : NULL;
	c->pure = ch->pure != NULL ? xstrdup(ch->pure) : NULL;
	c->bins = xcalloc(ch->nbins > 0 ? ch->nbins : 1, sizeof *c->bins);
	for (b = 0; b < ch->nbins; b++) {
		struct bin *x = &c->bins[b];

		*x = ch->bins[b];
		x->label = xstrdup(ch->bins[b].label);
		x->levels = NULL;
		if (ch->bins[b].nlevels > 0) {
			x->levels = xmalloc(ch->bins[b].nlevels *
			    sizeof *x->levels);
			for (i = 0; i < ch->bins[b].nlevels; i++)
				x->levels[i] = xstrdup(ch->bins[b].levels[i]);
		}
	}
	return c;
}

static int
check_type(const struct ds_column *col, int numeric, const char *what,
	struct rd_err *err)
{
	if ((col->type != DS_TEXT) != (numeric != 0))
		return rd_err_set(err, RD_EINPUT, "%s of '%s' is %s but the "
		    "column is %s", what, col->name, numeric ? "numeric" :
		    "text", col->type == DS_TEXT ? "text" : "numeric");
	return 0;
}

struct characteristic *
bin_from_def(const struct dataset *ds, const struct ds_column *col,
	const struct bin_def *def, const struct bin_spec *spec,
	struct rd_err *err)
{
	struct characteristic *ch = NULL;
	size_t k, g, i, h, j;

	if (need_target(ds, err) < 0 ||
	    check_type(col, def->numeric, "the binning", err) < 0)
		return NULL;
	if (def->numeric) {
		for (k = 0; k < def->nbreaks; k++) {
			if (!isfinite(def->breaks[k]) || (k > 0 &&
			    !(def->breaks[k] > def->breaks[k - 1]))) {
				rd_err_set(err, RD_EINPUT, "breaks of '%s' must "
				    "be finite and increase (break %zu)",
				    col->name, k + 1);
				return NULL;
			}
		}
		for (k = 0; k < def->nspecials; k++) {
			for (j = 0; j < k; j++)
				if (def->specials[j] == def->specials[k])
					break;
			if (!isfinite(def->specials[k]) || j < k) {
				rd_err_set(err, RD_EINPUT, "special value %zu "
				    "of '%s' is not finite or repeated", k + 1,
				    col->name);
				return NULL;
			}
		}
		ch = char_new(col, def->nbreaks + def->nspecials + 2);
		for (k = 0; k <= def->nbreaks; k++)
			add_range(ch, k == 0 ? -INFINITY : def->breaks[k - 1],
			    k == def->nbreaks ? INFINITY : def->breaks[k]);
		for (k = 0; k < def->nspecials; k++)
			add_special(ch, def->specials[k]);
		{
			struct bin_spec sp = *spec;

			sp.specials = def->specials;
			sp.nspecials = def->nspecials;
			set_xrange(ch, col, ds->nrows, &sp);
		}
	} else {
		if (def->other_group >= (int)def->ngroups) {
			rd_err_set(err, RD_EINPUT, "other group %d of '%s' "
			    "out of range", def->other_group + 1, col->name);
			return NULL;
		}
		ch = char_new(col, def->ngroups + 1);
		for (g = 0; g < def->ngroups; g++) {
			struct bin *b = &ch->bins[ch->nbins++];
			size_t n = 0;

			while (def->groups[g][n] != NULL)
				n++;
			b->kind = BIN_LEVELS;
			b->lower = b->upper = NAN;
			b->other = (int)g == def->other_group;
			b->levels = xcalloc(n > 0 ? n : 1, sizeof *b->levels);
			if (n == 0) {
				rd_err_set(err, RD_EINPUT, "group %zu of '%s' "
				    "is empty", g + 1, col->name);
				goto fail;
			}
			for (i = 0; i < n; i++)
				b->levels[b->nlevels++] =
				    xstrdup(def->groups[g][i]);
			if (b->other)
				b->nother = def->other_levels < n ?
				    def->other_levels : n;
			b->label = bin_label(b);
		}
		/* A level in two groups: sorted, so neighbours (O(L log L),
		   not a search per level). */
		{
			size_t nl;
			struct lvref *r = sorted_levels(ch, &nl);

			for (i = 1; i < nl; i++)
				if (strcmp(r[i - 1].s, r[i].s) == 0)
					break;
			if (i < nl) {
				h = r[i - 1].bin;
				j = r[i].bin;
				if (h == j)
					rd_err_set(err, RD_EINPUT, "level '%s' "
					    "of '%s' is twice in group %zu",
					    r[i].s, col->name, h + 1);
				else
					rd_err_set(err, RD_EINPUT, "level '%s' "
					    "of '%s' is in groups %zu and %zu",
					    r[i].s, col->name, h + 1, j + 1);
				free(r);
				goto fail;
			}
			free(r);
		}
	}
	if (def->missing || col->nmissing > 0)
		add_missing(ch);
	finish(ch, ds, col, spec);
	return ch;

fail:
	characteristic_free(ch);
	return NULL;
}

int
bin_recount(struct characteristic *ch, const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err)
{
	if (need_target(ds, err) < 0 ||
	    check_type(col, ch->numeric, "the binning", err) < 0)
		return -1;
	if (col->nmissing > 0 && missing_index(ch) < 0) {
		ch->bins = xreallocarray(ch->bins, ch->nbins + 1,
		    sizeof *ch->bins);
		memset(&ch->bins[ch->nbins], 0, sizeof *ch->bins);
		add_missing(ch);
	}
	finish(ch, ds, col, spec);
	return 0;
}

int
bin_recount_cells(struct characteristic *ch, const struct ds_column *col,
	const double *x, const size_t *all, const size_t *goods,
	const size_t *bads, size_t n, size_t mgoods, size_t mbads,
	const struct bin_spec *spec, struct rd_err *err)
{
	size_t k, b;

	if (check_type(col, ch->numeric, "the binning", err) < 0)
		return -1;
	if (col->nmissing > 0 && missing_index(ch) < 0) {
		ch->bins = xreallocarray(ch->bins, ch->nbins + 1,
		    sizeof *ch->bins);
		memset(&ch->bins[ch->nbins], 0, sizeof *ch->bins);
		add_missing(ch);
	}
	if (!ch->numeric) {
		count_levels(ch, col, all, goods, bads, mgoods, mbads);
		bin_woe(ch, spec);
		return 0;
	}
	for (b = 0; b < ch->nbins; b++)
		ch->bins[b].count = ch->bins[b].goods = ch->bins[b].bads = 0;
	ch->goods = ch->bads = 0;
	for (k = 0; k <= n; k++) {
		int i = bin_index_num(ch, k < n ? x[k] : NAN);
		size_t g = k < n ? goods[k] : mgoods;
		size_t d = k < n ? bads[k] : mbads;

		if (i < 0)
			continue;
		ch->bins[i].goods += g;
		ch->bins[i].bads += d;
		ch->bins[i].count += g + d;
		ch->goods += g;
		ch->bads += d;
	}
	bin_woe(ch, spec);
	return 0;
}

/* --------------------------------------------------- the saved text form */

static char *
escape(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *r = xmalloc(2 * n + 1);

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' || s[i] == '\t' || s[i] == '\n') {
			r[o++] = '\\';
			r[o++] = s[i] == '\t' ? 't' : s[i] == '\n' ? 'n' : '\\';
		} else {
			r[o++] = s[i];
		}
	}
	r[o] = '\0';
	return r;
}

/* Unescape s[0, len) into a heap string; NULL on a bad escape. */
static char *
unescape(const char *s, size_t len)
{
	char *r = xmalloc(len + 1);
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			r[o++] = s[i];
			continue;
		}
		if (++i >= len)
			break;
		if (s[i] == 't')
			r[o++] = '\t';
		else if (s[i] == 'n')
			r[o++] = '\n';
		else if (s[i] == '\\')
			r[o++] = '\\';
		else
			break;
	}
	if (i < len) {
		free(r);
		return NULL;
	}
	r[o] = '\0';
	return r;
}

struct sbuf {
	char *s;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *t)
{
	size_t n = strlen(t);

	if (b->len + n + 1 > b->cap) {
		b->cap = 2 * (b->len + n + 1);
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, t, n + 1);
	b->len += n;
}

static void
sb_num(struct sbuf *b, double x)
{
	char v[40];

	if (isnan(x))
		snprintf(v, sizeof v, "nan");
	else if (isinf(x))
		snprintf(v, sizeof v, "%s", x < 0 ? "-inf" : "inf");
	else
		snprintf(v, sizeof v, "%.17g", x);
	sb_add(b, v);
}

char *
bin_def_format(const struct characteristic *ch)
{
	struct sbuf b = { NULL, 0, 0 };
	char *e;
	size_t k, i;

	sb_add(&b, "riskdesk binning 1\nname ");
	e = escape(ch->name);
	sb_add(&b, e);
	free(e);
	sb_add(&b, ch->numeric ? "\ntype numeric\n" : "\ntype text\n");
	for (k = 0; k < ch->nbins; k++) {
		const struct bin *x = &ch->bins[k];

		switch (x->kind) {
		case BIN_RANGE:
			sb_add(&b, "range ");
			sb_num(&b, x->lower);
			sb_add(&b, " ");
			sb_num(&b, x->upper);
			break;
		case BIN_SPECIAL:
			sb_add(&b, "special ");
			sb_num(&b, x->lower);
			break;
		case BIN_MISSING:
			sb_add(&b, "missing");
			break;
		case BIN_LEVELS:
			sb_add(&b, x->other ? "levels 1 " : "levels 0 ");
			sb_num(&b, (double)x->nother);
			sb_add(&b, " ");
			for (i = 0; i < x->nlevels; i++) {
				if (i > 0)
					sb_add(&b, "\t");
				e = escape(x->levels[i]);
				sb_add(&b, e);
				free(e);
			}
			break;
		}
		sb_add(&b, "\n");
	}
	if (ch->numeric) {
		sb_add(&b, "xrange ");
		sb_num(&b, ch->xmin);
		sb_add(&b, " ");
		sb_num(&b, ch->xmax);
		sb_add(&b, "\n");
	}
	return b.s;
}

/* Parse a whole word as a number ("inf", "-inf", "nan" allowed). */
static int
parse_num(const char *s, size_t len, double *out)
{
	char buf[64], *end;

	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = strtod(buf, &end);
	return *end == '\0' ? 0 : -1;
}

static int
def_fail(struct rd_err *err, size_t line, const char *what)
{
	return rd_err_set(err, RD_EINPUT, "malformed binning: line %zu: "
	    "expected %s", line, what);
}

struct characteristic *
bin_def_parse(const char *text, struct rd_err *err)
{
	struct characteristic *ch = NULL;
	const char *p = text, *nl;
	size_t line = 0, k, cap;
	int numeric = -1;
	char *name = NULL;

	while (*p != '\0') {
		size_t len;
		const char *arg;
		size_t alen;

		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		line++;
		arg = memchr(p, ' ', len);
		arg = arg != NULL ? arg + 1 : p + len;
		alen = (size_t)(p + len - arg);
#define IS(w) (len >= sizeof(w) - 1 && strncmp(p, w, sizeof(w) - 1) == 0 && \
	(len == sizeof(w) - 1 || p[sizeof(w) - 1] == ' '))
		if (line == 1) {
			if (!(len == 18 && strncmp(p, "riskdesk binning 1",
			    18) == 0)) {
				def_fail(err, line, "\"riskdesk binning 1\"");
				goto fail;
			}
		} else if (IS("name")) {
			free(name);
			if ((name = unescape(arg, alen)) == NULL) {
				def_fail(err, line, "an escaped name");
				goto fail;
			}
		} else if (IS("type")) {
			if (alen == 7 && strncmp(arg, "numeric", 7) == 0)
				numeric = 1;
			else if (alen == 4 && strncmp(arg, "text", 4) == 0)
				numeric = 0;
			else {
				def_fail(err, line, "numeric or text");
				goto fail;
			}
			if (name == NULL) {
				def_fail(err, line, "name before type");
				goto fail;
			}
			ch = xcalloc(1, sizeof *ch);
			ch->name = name;
			name = NULL;
			ch->numeric = numeric;
			ch->trend = BIN_TREND_NONE;
			ch->xmin = ch->xmax = NAN;
			ch->bins = xcalloc(1, sizeof *ch->bins);
		} else if (ch == NULL) {
			def_fail(err, line, "name and type first");
			goto fail;
		} else if (IS("xrange")) {
			const char *sp = memchr(arg, ' ', alen);

			if (sp == NULL || parse_num(arg, (size_t)(sp - arg),
			    &ch->xmin) < 0 || parse_num(sp + 1,
			    (size_t)(arg + alen - sp - 1), &ch->xmax) < 0) {
				def_fail(err, line, "xrange <min> <max>");
				goto fail;
			}
		} else {
			struct bin *b;

			ch->bins = xreallocarray(ch->bins, ch->nbins + 1,
			    sizeof *ch->bins);
			b = &ch->bins[ch->nbins];
			memset(b, 0, sizeof *b);
			b->lower = b->upper = NAN;
			if (IS("range") && numeric) {
				const char *sp = memchr(arg, ' ', alen);

				if (sp == NULL || parse_num(arg,
				    (size_t)(sp - arg), &b->lower) < 0 ||
				    parse_num(sp + 1,
				    (size_t)(arg + alen - sp - 1),
				    &b->upper) < 0 || !(b->lower < b->upper)) {
					def_fail(err, line, "range <lower> "
					    "<upper> with lower < upper");
					goto fail;
				}
				b->kind = BIN_RANGE;
				b->label = range_label(b->lower, b->upper);
			} else if (IS("special") && numeric) {
				char v[32];

				if (parse_num(arg, alen, &b->lower) < 0 ||
				    !isfinite(b->lower)) {
					def_fail(err, line, "special <value>");
					goto fail;
				}
				b->upper = b->lower;
				b->kind = BIN_SPECIAL;
				fmt_cut(v, sizeof v, b->lower);
				b->label = xasprintf("special %s", v);
			} else if (IS("missing") && alen == 0) {
				b->kind = BIN_MISSING;
				b->label = xstrdup("missing");
			} else if (IS("levels") && !numeric && alen >= 4 &&
			    (arg[0] == '0' || arg[0] == '1') &&
			    arg[1] == ' ' && arg[2] >= '0' && arg[2] <= '9') {
				const char *q = arg + 2, *end = arg + alen;
				char *e2;

				b->kind = BIN_LEVELS;
				b->other = arg[0] == '1';
				b->nother = (size_t)strtoul(q, &e2, 10);
				q = e2;
				if (*q != ' ') {
					ch->nbins++;
					def_fail(err, line, "levels <0|1> "
					    "<nother> <levels>");
					goto fail;
				}
				q++;
				cap = 0;
				for (;;) {
					const char *tab = memchr(q, '\t',
					    (size_t)(end - q));
					const char *e = tab != NULL ? tab : end;
					char *lv = unescape(q, (size_t)(e - q));

					if (lv == NULL || e == q) {
						free(lv);
						ch->nbins++;
						def_fail(err, line, "tab-"
						    "separated levels");
						goto fail;
					}
					/* Doubling: a group may hold a
					   million levels. */
					if (b->nlevels == cap) {
						cap = cap > 0 ? 2 * cap : 8;
						b->levels = xreallocarray(
						    b->levels, cap,
						    sizeof *b->levels);
					}
					b->levels[b->nlevels++] = lv;
					if (tab == NULL)
						break;
					q = tab + 1;
				}
				if (b->nother > b->nlevels) {
					ch->nbins++;
					def_fail(err, line, "nother <= the "
					    "number of levels");
					goto fail;
				}
				b->label = bin_label(b);
			} else {
				def_fail(err, line, numeric ? "range, special, "
				    "missing or xrange" : "levels or missing");
				goto fail;
			}
			ch->nbins++;
		}
#undef IS
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (ch == NULL) {
		def_fail(err, line, "name and type");
		goto fail;
	}
	/* The order struct characteristic promises. */
	for (k = 0; k < ch->nbins; k++) {
		const struct bin *x = &ch->bins[k];
		int ok = 1;

		if (x->kind == BIN_RANGE)
			ok = (k == 0 ? isinf(x->lower) && x->lower < 0 :
			    ch->bins[k - 1].kind == BIN_RANGE &&
			    ch->bins[k - 1].upper == x->lower) &&
			    (k + 1 < ch->nbins &&
			    ch->bins[k + 1].kind == BIN_RANGE ? 1 :
			    isinf(x->upper) && x->upper > 0);
		else if (x->kind == BIN_SPECIAL)
			ok = k > 0 && (ch->bins[k - 1].kind == BIN_RANGE ||
			    ch->bins[k - 1].kind == BIN_SPECIAL);
		else if (x->kind == BIN_MISSING)
			ok = k + 1 == ch->nbins;
		else
			ok = k == 0 || ch->bins[k - 1].kind == BIN_LEVELS;
		if (!ok) {
			rd_err_set(err, RD_EINPUT, "malformed binning: bins of "
			    "'%s' out of order (ranges contiguous from -inf "
			    "to inf, or level groups; then specials; then "
			    "missing)", ch->name);
			goto fail;
		}
	}
	if (ch->numeric && (ch->nbins == 0 ||
	    ch->bins[0].kind != BIN_RANGE)) {
		rd_err_set(err, RD_EINPUT, "malformed binning: '%s' has no "
		    "range", ch->name);
		goto fail;
	}
	return ch;

fail:
	free(name);
	characteristic_free(ch);
	return NULL;
}

/* ---------------------------------------------------------- regrouping */

static void
bin_clear(struct bin *x)
{
	size_t i;

	for (i = 0; i < x->nlevels; i++)
		free(x->levels[i]);
	free(x->levels);
	free(x->label);
	memset(x, 0, sizeof *x);
}

static void
remove_bin(struct characteristic *ch, size_t b)
{
	bin_clear(&ch->bins[b]);
	memmove(&ch->bins[b], &ch->bins[b + 1],
	    (ch->nbins - b - 1) * sizeof *ch->bins);
	ch->nbins--;
}

int
bin_merge(struct characteristic *ch, size_t b, const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err)
{
	struct bin *x, *y;
	size_t i;

	if (b + 1 >= ch->nbins)
		return rd_err_set(err, RD_EINPUT, "cannot merge bin %zu of "
		    "'%s': no bin after it", b + 1, ch->name);
	x = &ch->bins[b];
	y = &ch->bins[b + 1];
	if (x->kind != y->kind || (x->kind != BIN_RANGE &&
	    x->kind != BIN_LEVELS))
		return rd_err_set(err, RD_EINPUT, "cannot merge bins %zu and "
		    "%zu of '%s': only two ranges or two level groups merge; "
		    "missing and special bins stay apart", b + 1, b + 2,
		    ch->name);
	if (need_target(ds, err) < 0 ||
	    check_type(col, ch->numeric, "the binning", err) < 0)
		return -1;
	if (x->kind == BIN_RANGE) {
		x->upper = y->upper;
		free(x->label);
		x->label = range_label(x->lower, x->upper);
	} else {
		/* Plain levels of both, then the other-grouped ones. */
		char **lv = xmalloc((x->nlevels + y->nlevels + 1) *
		    sizeof *lv);
		size_t n = 0, xh = x->nlevels - x->nother;
		size_t yh = y->nlevels - y->nother;

		for (i = 0; i < xh; i++)
			lv[n++] = x->levels[i];
		for (i = 0; i < yh; i++)
			lv[n++] = y->levels[i];
		for (i = xh; i < x->nlevels; i++)
			lv[n++] = x->levels[i];
		for (i = yh; i < y->nlevels; i++)
			lv[n++] = y->levels[i];
		free(x->levels);
		x->levels = lv;
		x->nlevels = n;
		x->nother += y->nother;
		y->nlevels = 0;
		x->other |= y->other;
		free(x->label);
		x->label = bin_label(x);
	}
	remove_bin(ch, b + 1);
	finish(ch, ds, col, spec);
	hand_edited(ch);
	return 0;
}

int
bin_split(struct characteristic *ch, size_t b, double at,
	const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct bin *x;

	if (b >= ch->nbins)
		return rd_err_set(err, RD_EINPUT, "cannot split bin %zu of "
		    "'%s': it has %zu bins", b + 1, ch->name, ch->nbins);
	if (ch->bins[b].kind != BIN_RANGE)
		return rd_err_set(err, RD_EINPUT, "cannot split bin %zu of "
		    "'%s': only a range splits", b + 1, ch->name);
	x = &ch->bins[b];
	if (!(at > x->lower && at < x->upper) || !isfinite(at))
		return rd_err_set(err, RD_EINPUT, "cannot split bin %zu of "
		    "'%s' at %g: expected a value inside %s", b + 1, ch->name,
		    at, x->label);
	if (need_target(ds, err) < 0 ||
	    check_type(col, ch->numeric, "the binning", err) < 0)
		return -1;
	{
		/* Both parts must hold rows with a known outcome: at above
		   the smallest and at most the largest such value. */
		double lo = INFINITY, hi = -INFINITY;
		char v1[32], v2[32], v3[32];
		size_t i;

		for (i = 0; i < ds->nrows; i++) {
			double v = col->num[i];

			if ((ds->y[i] != DS_GOOD && ds->y[i] != DS_BAD) ||
			    bin_index_num(ch, v) != (int)b)
				continue;
			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
		}
		fmt_cut(v1, sizeof v1, at);
		fmt_cut(v2, sizeof v2, lo);
		fmt_cut(v3, sizeof v3, hi);
		if (lo > hi)
			return rd_err_set(err, RD_EINPUT, "cannot split bin "
			    "%zu of '%s' (%s): it holds no rows with a known "
			    "outcome; merge it instead", b + 1, ch->name,
			    x->label);
		if (lo == hi)
			return rd_err_set(err, RD_EINPUT, "cannot split bin "
			    "%zu of '%s' (%s): every row with a known outcome "
			    "has the value %s, so a part would be empty",
			    b + 1, ch->name, x->label, v2);
		if (!(at > lo && at <= hi)) {
			char *part = at <= lo ? range_label(x->lower, at) :
			    range_label(at, x->upper);

			rd_err_set(err, RD_EINPUT, "cannot split bin %zu of "
			    "'%s' at %s: %s would hold no rows with a known "
			    "outcome; expected a value above %s and at most %s "
			    "(the smallest and largest in the bin)", b + 1,
			    ch->name, v1, part, v2, v3);
			free(part);
			return -1;
		}
	}
	ch->bins = xreallocarray(ch->bins, ch->nbins + 1, sizeof *ch->bins);
	memmove(&ch->bins[b + 2], &ch->bins[b + 1],
	    (ch->nbins - b - 1) * sizeof *ch->bins);
	ch->nbins++;
	x = &ch->bins[b];
	memset(&ch->bins[b + 1], 0, sizeof *ch->bins);
	ch->bins[b + 1].kind = BIN_RANGE;
	ch->bins[b + 1].lower = at;
	ch->bins[b + 1].upper = x->upper;
	ch->bins[b + 1].label = range_label(at, x->upper);
	x->upper = at;
	free(x->label);
	x->label = range_label(x->lower, at);
	finish(ch, ds, col, spec);
	hand_edited(ch);
	return 0;
}

int
bin_move_level(struct characteristic *ch, const char *level, int to,
	const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err)
{
	size_t b, i, from = 0, nlev = 0;
	int found = 0;
	char *lv;
	struct bin *x;

	if (ch->numeric)
		return rd_err_set(err, RD_EINPUT, "cannot move a level of "
		    "'%s': it is numeric", ch->name);
	for (b = 0; b < ch->nbins && !found; b++) {
		if (ch->bins[b].kind != BIN_LEVELS)
			continue;
		for (i = 0; i < ch->bins[b].nlevels; i++)
			if (strcmp(ch->bins[b].levels[i], level) == 0) {
				from = b;
				found = 1;
				break;
			}
	}
	for (nlev = 0; nlev < ch->nbins &&
	    ch->bins[nlev].kind == BIN_LEVELS; nlev++)
		;
	/* A level of the column no bin lists (it took the unseen-level
	   fallback) may be placed by hand too. */
	if (!found && (check_type(col, ch->numeric, "the binning", err) < 0 ||
	    ds_level_code(col, level) < 0))
		return rd_err_set(err, RD_EINPUT, "'%s' has no level '%s'",
		    ch->name, level);
	if (to < -1 || to >= (int)nlev)
		return rd_err_set(err, RD_EINPUT, "cannot move '%s' of '%s' to "
		    "bin %d: expected a level group 1 to %zu, or a new group",
		    level, ch->name, to + 1, nlev);
	if (found && to == (int)from)
		return 0;
	if (need_target(ds, err) < 0 ||
	    check_type(col, ch->numeric, "the binning", err) < 0)
		return -1;
	if (found) {
		x = &ch->bins[from];
		for (i = 0; strcmp(x->levels[i], level) != 0; i++)
			;
		lv = x->levels[i];
		if (i >= x->nlevels - x->nother)
			x->nother--;
		memmove(&x->levels[i], &x->levels[i + 1],
		    (x->nlevels - i - 1) * sizeof *x->levels);
		x->nlevels--;
	} else {
		lv = xstrdup(level);
	}
	if (to < 0) {
		ch->bins = xreallocarray(ch->bins, ch->nbins + 1,
		    sizeof *ch->bins);
		memmove(&ch->bins[nlev + 1], &ch->bins[nlev],
		    (ch->nbins - nlev) * sizeof *ch->bins);
		ch->nbins++;
		memset(&ch->bins[nlev], 0, sizeof *ch->bins);
		ch->bins[nlev].kind = BIN_LEVELS;
		ch->bins[nlev].lower = ch->bins[nlev].upper = NAN;
		to = (int)nlev;
	}
	/* A moved level is placed by the officer: before the levels
	   grouped as other. */
	x = &ch->bins[to];
	x->levels = xreallocarray(x->levels, x->nlevels + 1,
	    sizeof *x->levels);
	i = x->nlevels - x->nother;
	memmove(&x->levels[i + 1], &x->levels[i],
	    x->nother * sizeof *x->levels);
	x->levels[i] = lv;
	x->nlevels++;
	free(x->label);
	x->label = bin_label(x);
	if (found) {
		x = &ch->bins[from];
		if (x->nlevels == 0) {
			remove_bin(ch, from);
		} else {
			free(x->label);
			x->label = bin_label(x);
		}
	}
	finish(ch, ds, col, spec);
	hand_edited(ch);
	return 0;
}

size_t
bin_merge_empty_ranges(struct characteristic *ch, const struct bin_spec *spec,
	char ***notes, size_t *nnotes)
{
	size_t b = 0, nr, merged = 0;

	for (;;) {
		struct bin *x, *y;
		size_t into;
		char *was;

		for (nr = 0; nr < ch->nbins && ch->bins[nr].kind == BIN_RANGE;
		    nr++)
			;
		if (nr < 2)
			break;
		for (b = 0; b < nr && ch->bins[b].count > 0; b++)
			;
		if (b == nr)
			break;
		/* Into the range before it; the first into the next. */
		into = b > 0 ? b - 1 : 1;
		x = &ch->bins[b < into ? b : into];
		y = &ch->bins[b < into ? into : b];
		was = xstrdup(ch->bins[b].label);
		x->upper = y->upper;
		x->count += y->count;
		x->goods += y->goods;
		x->bads += y->bads;
		free(x->label);
		x->label = range_label(x->lower, x->upper);
		if (notes != NULL) {
			*notes = xreallocarray(*notes, *nnotes + 1,
			    sizeof **notes);
			(*notes)[(*nnotes)++] = xasprintf("%s: range %s holds no "
			    "rows with a known outcome: merged into %s",
			    ch->name, was, x->label);
		}
		free(was);
		remove_bin(ch, (size_t)(y - ch->bins));
		merged++;
	}
	if (merged > 0)
		bin_woe(ch, spec);
	return merged;
}

/* ------------------------------------------------- applying, stability */

int
bin_apply(const struct characteristic *ch, const struct ds_column *col,
	size_t nrows, struct bin_applied *out, struct rd_err *err)
{
	int *map = NULL;
	size_t i;

	memset(out, 0, sizeof *out);
	out->unseen_bin = -1;
	if (check_type(col, ch->numeric, "the binning", err) < 0)
		return -1;
	out->added_missing = col->nmissing > 0 && missing_index(ch) < 0;
	out->nbins = ch->nbins + (size_t)out->added_missing;
	out->count = xcalloc(out->nbins > 0 ? out->nbins : 1,
	    sizeof *out->count);
	out->n = nrows;
	if (!ch->numeric) {
		unsigned char *listed = xmalloc(col->nlevels > 0 ?
		    col->nlevels : 1);

		map = xmalloc((col->nlevels > 0 ? col->nlevels : 1) *
		    sizeof *map);
		out->unseen_bin = bin_fallback(ch);
		out->unseen_other = out->unseen_bin >= 0 &&
		    ch->bins[out->unseen_bin].other;
		bin_level_map(ch, col, map, listed);
		/* -2 - bin marks an unseen level, counted apart. */
		for (i = 0; i < col->nlevels; i++)
			if (!listed[i] && map[i] >= 0)
				map[i] = -2 - map[i];
		free(listed);
	}
	for (i = 0; i < nrows; i++) {
		int k;

		if (ch->numeric) {
			double x = col->num[i];

			k = bin_index_num(ch, x);
			if (isnan(x))
				out->missing++;
			else if (k >= 0 && ch->bins[k].kind == BIN_RANGE) {
				out->below += x < ch->xmin;
				out->above += x > ch->xmax;
			}
		} else if (col->code[i] < 0) {
			k = missing_index(ch);
			out->missing++;
		} else {
			k = map[col->code[i]];
			if (k <= -2) {
				k = -2 - k;
				out->unseen++;
			}
		}
		if (k < 0)
			k = (int)ch->nbins;	/* the added missing bin */
		out->count[k]++;
	}
	free(map);
	return 0;
}

void
bin_applied_done(struct bin_applied *a)
{
	free(a->count);
	memset(a, 0, sizeof *a);
	a->unseen_bin = -1;
}

double
bin_csi(const size_t *base, const size_t *cur, size_t nbins, double adjust,
	double *share_base, double *share_cur, double *contrib,
	enum bin_psi_flag *flag, int *adjusted)
{
	double nb = 0, nc = 0, tb = 0, tc = 0, psi = 0;
	size_t i;
	int zero = 0;

	/* Raw totals, and whether a bin is empty in one sample only. */
	for (i = 0; i < nbins; i++) {
		nb += (double)base[i];
		nc += (double)cur[i];
		zero |= (base[i] == 0) != (cur[i] == 0);
	}
	if (adjusted != NULL)
		*adjusted = 0;
	for (i = 0; i < nbins; i++) {
		if (share_base != NULL)
			share_base[i] = nb > 0 ? (double)base[i] / nb : 0;
		if (share_cur != NULL)
			share_cur[i] = nc > 0 ? (double)cur[i] / nc : 0;
		if (contrib != NULL)
			contrib[i] = 0;
		if (flag != NULL)
			flag[i] = base[i] == 0 && cur[i] == 0 ?
			    BIN_PSI_EMPTY_BOTH : base[i] == 0 ?
			    BIN_PSI_EMPTY_BASE : cur[i] == 0 ?
			    BIN_PSI_EMPTY_CUR : BIN_PSI_OK;
	}
	if (nb == 0 || nc == 0)
		return NAN;
	if (adjusted != NULL)
		*adjusted = zero;
	/* The totals of the adjusted counts: bins empty in both stay out. */
	for (i = 0; i < nbins; i++) {
		if (base[i] == 0 && cur[i] == 0)
			continue;
		tb += base[i] == 0 ? adjust : (double)base[i];
		tc += cur[i] == 0 ? adjust : (double)cur[i];
	}
	for (i = 0; i < nbins; i++) {
		double e, a, t;

		if (base[i] == 0 && cur[i] == 0)
			continue;
		e = (base[i] == 0 ? adjust : (double)base[i]) / tb;
		a = (cur[i] == 0 ? adjust : (double)cur[i]) / tc;
		t = (a - e) * log(a / e);
		if (contrib != NULL)
			contrib[i] = t;
		psi += t;
	}
	return psi;
}

const char *
bin_psi_flag_text(enum bin_psi_flag f)
{
	switch (f) {
	case BIN_PSI_OK:
		return "";
	case BIN_PSI_EMPTY_BOTH:
		return "empty in both samples: adds nothing";
	case BIN_PSI_EMPTY_BASE:
		return "empty in the development sample";
	case BIN_PSI_EMPTY_CUR:
		return "empty in the other sample";
	}
	return "";
}

const char *
bin_csi_reading(double csi)
{
	if (!(csi >= 0.1))
		return "stable";
	if (csi < 0.25)
		return "some shift";
	return "significant shift";
}

const char *
bin_trend_name(enum bin_trend t)
{
	switch (t) {
	case BIN_TREND_AUTO:
		return "auto";
	case BIN_TREND_ASCENDING:
		return "ascending";
	case BIN_TREND_DESCENDING:
		return "descending";
	case BIN_TREND_PEAK:
		return "peak";
	case BIN_TREND_VALLEY:
		return "valley";
	case BIN_TREND_NONE:
		return "none";
	}
	return "?";
}

int
bin_trend_parse(const char *s, enum bin_trend *t)
{
	int k;

	for (k = BIN_TREND_AUTO; k <= BIN_TREND_NONE; k++)
		if (strcmp(s, bin_trend_name((enum bin_trend)k)) == 0) {
			*t = (enum bin_trend)k;
			return 0;
		}
	return -1;
}

enum bin_trend
bin_trend_observed(const struct characteristic *ch)
{
	size_t b, nw = 0;
	int ups = 0, downs = 0, turns = 0, last = 0;
	double prev = 0;

	if (!ch->numeric)
		return BIN_TREND_NONE;
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];
		int dir;

		if (x->kind != BIN_RANGE || x->count == 0)
			continue;
		if (nw++ == 0) {
			prev = x->woe;
			continue;
		}
		if (x->woe == prev)
			return BIN_TREND_NONE;
		dir = x->woe > prev ? 1 : -1;
		if (dir > 0)
			ups++;
		else
			downs++;
		if (last != 0 && dir != last)
			turns++;
		last = dir;
		prev = x->woe;
	}
	if (nw < 2 || turns > 1)
		return BIN_TREND_NONE;
	if (turns == 0)
		return ups > 0 ? BIN_TREND_ASCENDING : BIN_TREND_DESCENDING;
	/* One turn: up then down is a peak, down then up a valley. */
	return last < 0 ? BIN_TREND_PEAK : BIN_TREND_VALLEY;
}
