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

#include "model/bin.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------- helpers */

void
bin_spec_init(struct bin_spec *spec)
{
	spec->nquantiles = 10;
	spec->woe_adjust = 0.5;
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

/* Levels of a group joined by ", " (a display label only). */
static char *
levels_label(char *const *levels, size_t nlevels)
{
	size_t len = 1, i, off = 0;
	char *s;

	for (i = 0; i < nlevels; i++)
		len += strlen(levels[i]) + 2;
	s = xmalloc(len);
	for (i = 0; i < nlevels; i++) {
		size_t l = strlen(levels[i]);

		if (i > 0) {
			memcpy(s + off, ", ", 2);
			off += 2;
		}
		memcpy(s + off, levels[i], l);
		off += l;
	}
	s[off] = '\0';
	return s;
}

static struct characteristic *
char_new(const struct ds_column *col, size_t nbins)
{
	struct characteristic *ch = xcalloc(1, sizeof *ch);

	ch->name = xstrdup(col->name);
	ch->numeric = col->type != DS_TEXT;
	ch->bins = xcalloc(nbins > 0 ? nbins : 1, sizeof *ch->bins);
	ch->nbins = 0;
	return ch;
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

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Count and weigh a freshly built characteristic. */
static void
finish(struct characteristic *ch, const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec)
{
	bin_count(ch, col, ds->y, ds->nrows);
	bin_woe(ch, spec);
}

/* ------------------------------------------------------- construction */

struct characteristic *
bin_fine(const struct dataset *ds, const struct ds_column *col,
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
		ch = char_new(col, col->nlevels + 1);
		for (i = 0; i < col->nlevels; i++) {
			struct bin *b = &ch->bins[ch->nbins++];

			b->kind = BIN_LEVELS;
			b->lower = b->upper = NAN;
			b->levels = xmalloc(sizeof *b->levels);
			b->levels[0] = xstrdup(col->levels[i]);
			b->nlevels = 1;
			b->label = xstrdup(col->levels[i]);
		}
	} else {
		size_t q = (size_t)spec->nquantiles, m = 0, ncut = 0, k;
		double *v = xmalloc((ds->nrows > 0 ? ds->nrows : 1) *
		    sizeof *v);
		double *cut = xmalloc(q * sizeof *cut);

		for (i = 0; i < ds->nrows; i++)
			if (!isnan(col->num[i]))
				v[m++] = col->num[i];
		qsort(v, m, sizeof *v, cmp_double);
		/*
		 * Cut k is the value at position floor(k m / q): a data value,
		 * and the lower end of its bin, so all its ties go up with it.
		 */
		for (k = 1; k < q && m > 0; k++) {
			double c = v[k * m / q];

			if (c <= v[0] || (ncut > 0 && c <= cut[ncut - 1]))
				continue;
			cut[ncut++] = c;
		}
		ch = char_new(col, ncut + 2);
		for (k = 0; k <= ncut; k++)
			add_range(ch, k == 0 ? -INFINITY : cut[k - 1],
			    k == ncut ? INFINITY : cut[k]);
		free(v);
		free(cut);
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
	ch = char_new(col, nbreaks + 2);
	for (k = 0; k <= nbreaks; k++)
		add_range(ch, k == 0 ? -INFINITY : breaks[k - 1],
		    k == nbreaks ? INFINITY : breaks[k]);
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

void
bin_count(struct characteristic *ch, const struct ds_column *col,
	const signed char *y, size_t nrows)
{
	int *map = NULL;
	int miss = missing_index(ch);
	size_t i, b;

	/* Map level codes to bins before the counts (and so the fallback
	   for unlisted levels) are reset. */
	if (!ch->numeric) {
		map = xmalloc((col->nlevels > 0 ? col->nlevels : 1) *
		    sizeof *map);
		for (i = 0; i < col->nlevels; i++)
			map[i] = bin_index_text(ch, col->levels[i]);
	}
	for (b = 0; b < ch->nbins; b++)
		ch->bins[b].count = ch->bins[b].goods = ch->bins[b].bads = 0;
	ch->goods = ch->bads = 0;
	for (i = 0; i < nrows; i++) {
		int k;

		if (y[i] != DS_GOOD && y[i] != DS_BAD)
			continue;
		if (ch->numeric)
			k = col->num != NULL ? bin_index_num(ch, col->num[i]) :
			    -1;
		else if (col->code == NULL)
			k = -1;
		else
			k = col->code[i] < 0 ? miss : map[col->code[i]];
		if (k < 0)
			continue;
		ch->bins[k].count++;
		if (y[i] == DS_BAD) {
			ch->bins[k].bads++;
			ch->bads++;
		} else {
			ch->bins[k].goods++;
			ch->goods++;
		}
	}
	free(map);
}

void
bin_woe(struct characteristic *ch, const struct bin_spec *spec)
{
	double G = (double)ch->goods, B = (double)ch->bads;
	size_t b, filled = 0;

	free(ch->status);
	ch->status = NULL;
	ch->iv = 0;
	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind != BIN_MISSING && ch->bins[b].count > 0)
			filled++;
	if (filled < 2)
		ch->status = xstrdup("single bin");
	else if (ch->bads == 0)
		ch->status = xstrdup("no bads");
	else if (ch->goods == 0)
		ch->status = xstrdup("no goods");
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
		}
		x->woe = log((g / G) / (d / B));
		x->iv = (g / G - d / B) * x->woe;
		ch->iv += x->iv;
	}
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
	nr = ch->nbins - (missing_index(ch) >= 0);
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
bin_index_text(const struct characteristic *ch, const char *text)
{
	size_t b, i, best = 0;
	int found = 0;

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
		if (!found || x->count > ch->bins[best].count) {
			best = b;
			found = 1;
		}
	}
	return found ? (int)best : -1;
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
