/*
 * regroup.c - what a risk officer needs to regroup a characteristic by
 * hand (see bin.h, "aids to regrouping"): the split offered for a range
 * (the median of its values), bounds written in readable rounded
 * numbers, every level of a text column with its counts and its bin, and
 * where each fine class went in the coarse classing.
 *
 * Part of the model layer, beside bin.c (construction, counting) and
 * coarse.c (optimal classing).  Each function reads the rows at most once
 * and sorts at most once: O(n log n) in the rows, O(L log L) in the
 * levels.  The workbench shows these figures; it computes none of them.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/bin.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ----------------------------------------------------- split offered */

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

int
bin_split_offer(const struct characteristic *ch, size_t b,
	const struct dataset *ds, const struct ds_column *col,
	struct bin_split_offer *out, struct rd_err *err)
{
	double *v;
	size_t r, m = 0, k;

	memset(out, 0, sizeof *out);
	out->median = out->offer = out->lo = out->hi = NAN;
	if (b >= ch->nbins)
		return rd_err_set(err, RD_EUSAGE, "no bin %zu of '%s': it has "
		    "%zu bins", b + 1, ch->name, ch->nbins);
	if (!ch->numeric || ch->bins[b].kind != BIN_RANGE)
		return rd_err_set(err, RD_EUSAGE, "bin %zu of '%s' (%s) is not "
		    "a range: only a range splits at a value", b + 1, ch->name,
		    ch->bins[b].label);
	if (ds->y == NULL || col->type == DS_TEXT)
		return rd_err_set(err, RD_EINPUT, "'%s': no target or not a "
		    "numeric column", ch->name);
	v = xmalloc((ds->nrows + 1) * sizeof *v);
	for (r = 0; r < ds->nrows; r++)
		if ((ds->y[r] == DS_GOOD || ds->y[r] == DS_BAD) &&
		    bin_index_num(ch, col->num[r]) == (int)b)
			v[m++] = col->num[r];
	out->n = m;
	if (m == 0) {
		free(v);
		return 0;
	}
	qsort(v, m, sizeof *v, cmp_double);
	out->lo = v[0];
	out->hi = v[m - 1];
	/* R's median(): the middle value, or the mean of the two. */
	out->median = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
	/* Closed on the left: a cut at the smallest value leaves the part
	   below it empty; the next larger value is the least that does
	   not. */
	if (out->median > out->lo)
		out->offer = out->median;
	else
		for (k = m / 2; k < m; k++)
			if (v[k] > out->lo) {
				out->offer = v[k];
				break;
			}
	free(v);
	return 0;
}

/* ---------------------------------------------------- readable bounds */

/* x rounded to d significant digits (x finite, not 0). */
static double
round_sig(double x, int d)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%.*e", d - 1, x);
	return strtod(buf, NULL);
}

int
bin_readable_digits(const struct characteristic *ch)
{
	int d;
	size_t b;

	for (d = BIN_READABLE_DIGITS; d < 17; d++) {
		double prev = NAN;
		int ok = 1;

		for (b = 0; b < ch->nbins && ok; b++) {
			const struct bin *x = &ch->bins[b];
			double r;

			if (x->kind != BIN_RANGE || !isfinite(x->lower))
				continue;
			r = x->lower == 0 ? 0 : round_sig(x->lower, d);
			ok = isnan(prev) || r > prev;
			prev = r;
		}
		if (ok)
			return d;
	}
	return 17;
}

char *
bin_readable_num(char *buf, size_t len, double x, int digits)
{
	double r, mag;
	int dec;
	char *p;

	if (isinf(x)) {
		snprintf(buf, len, "%s", x < 0 ? "-inf" : "+inf");
		return buf;
	}
	if (isnan(x)) {
		snprintf(buf, len, "-");
		return buf;
	}
	if (x == 0) {
		snprintf(buf, len, "0");
		return buf;
	}
	r = round_sig(x, digits);
	mag = floor(log10(fabs(r)));
	if (mag < -6 || mag >= 15) {
		snprintf(buf, len, "%.*g", digits, r);
		return buf;
	}
	dec = digits - 1 - (int)mag;
	if (dec < 0)
		dec = 0;
	snprintf(buf, len, "%.*f", dec, r);
	/* No trailing zeros after the point, nor a bare point. */
	if (strchr(buf, '.') != NULL) {
		p = buf + strlen(buf) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
	return buf;
}

int
bin_readable_bounds(const struct characteristic *ch, size_t b, char *buf,
	size_t len)
{
	const struct bin *x = &ch->bins[b];
	char lo[48], hi[48];
	int d, rounded = 0;

	switch (x->kind) {
	case BIN_RANGE:
		d = bin_readable_digits(ch);
		bin_readable_num(lo, sizeof lo, x->lower, d);
		bin_readable_num(hi, sizeof hi, x->upper, d);
		rounded = (isfinite(x->lower) && strtod(lo, NULL) !=
		    x->lower) || (isfinite(x->upper) && strtod(hi, NULL) !=
		    x->upper);
		/* An infinite end is never reached: open on both sides. */
		snprintf(buf, len, "%c%s, %s)", isinf(x->lower) ? '(' : '[',
		    lo, hi);
		return rounded;
	case BIN_SPECIAL:
		bin_readable_num(lo, sizeof lo, x->lower, 17);
		snprintf(buf, len, "= %s", lo);
		return 0;
	case BIN_MISSING:
		snprintf(buf, len, "missing");
		return 0;
	case BIN_LEVELS:
		break;
	}
	snprintf(buf, len, "%zu level%s", x->nlevels, x->nlevels == 1 ? "" :
	    "s");
	return 0;
}

/* ------------------------------------------------------------- levels */

struct bin_level_row *
bin_level_rows(const struct characteristic *ch, const struct ds_column *col,
	const struct dataset *ds, size_t *n)
{
	struct bin_level_row *v;
	int *map;
	unsigned char *listed;
	size_t l, r;
	double known = (double)(ch->goods + ch->bads);

	*n = 0;
	if (ch->numeric || col->type != DS_TEXT)
		return NULL;
	v = xcalloc(col->nlevels + 1, sizeof *v);
	map = xmalloc((col->nlevels + 1) * sizeof *map);
	listed = xmalloc(col->nlevels + 1);
	bin_level_map(ch, col, map, listed);
	for (l = 0; l < col->nlevels; l++) {
		v[l].level = col->levels[l];
		v[l].bin = map[l];
		v[l].listed = listed[l];
	}
	for (r = 0; r < ds->nrows; r++) {
		int c = col->code[r];

		if (c < 0)
			continue;
		v[c].rows++;
		if (ds->y == NULL)
			continue;
		if (ds->y[r] == DS_GOOD)
			v[c].goods++;
		else if (ds->y[r] == DS_BAD)
			v[c].bads++;
	}
	for (l = 0; l < col->nlevels; l++) {
		v[l].count = v[l].goods + v[l].bads;
		v[l].share = known > 0 ? (double)v[l].count / known : 0;
	}
	free(map);
	free(listed);
	*n = col->nlevels;
	return v;
}

/* ------------------------------------------- fine classes to coarse */

/* The range bins of ch: their number (they come first). */
static size_t
nranges(const struct characteristic *ch)
{
	size_t k = 0;

	while (k < ch->nbins && ch->bins[k].kind == BIN_RANGE)
		k++;
	return k;
}

/* The last range of ch (of nr) whose lower end is below x, or before
   (strict) or at (!strict) x. */
static int
range_at(const struct characteristic *ch, size_t nr, double x, int strict)
{
	size_t lo = 0, hi = nr;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (strict ? ch->bins[mid].lower < x : ch->bins[mid].lower <=
		    x)
			lo = mid;
		else
			hi = mid;
	}
	return nr > 0 ? (int)lo : -1;
}

/* The bin of coarse of the same kind (and special value) as f, or -1. */
static int
same_kind(const struct characteristic *coarse, const struct bin *f)
{
	size_t k;

	for (k = 0; k < coarse->nbins; k++)
		if (coarse->bins[k].kind == f->kind &&
		    (f->kind == BIN_MISSING || coarse->bins[k].lower ==
		    f->lower))
			return (int)k;
	return -1;
}

void
bin_fine_map(const struct characteristic *fine,
	const struct characteristic *coarse, const struct ds_column *col,
	int *first, int *last)
{
	size_t f, i, nr = nranges(coarse);
	int *map = NULL;

	if (!coarse->numeric && col != NULL && col->type == DS_TEXT) {
		map = xmalloc((col->nlevels + 1) * sizeof *map);
		bin_level_map(coarse, col, map, NULL);
	}
	for (f = 0; f < fine->nbins; f++) {
		const struct bin *x = &fine->bins[f];

		first[f] = last[f] = -1;
		if (x->kind == BIN_RANGE && coarse->numeric) {
			first[f] = range_at(coarse, nr, x->lower, 0);
			last[f] = range_at(coarse, nr, x->upper, 1);
		} else if (x->kind == BIN_LEVELS && map != NULL) {
			for (i = 0; i < x->nlevels; i++) {
				int c = ds_level_code(col, x->levels[i]);
				int k = c >= 0 ? map[c] : bin_fallback(coarse);

				if (k < 0)
					continue;
				if (first[f] < 0 || k < first[f])
					first[f] = k;
				if (last[f] < 0 || k > last[f])
					last[f] = k;
			}
		} else if (x->kind == BIN_SPECIAL || x->kind == BIN_MISSING) {
			first[f] = last[f] = same_kind(coarse, x);
		}
	}
	free(map);
}

/* ---------------------------------------------------------- WoE axis */

double
bin_woe_axis(const struct characteristic *const *chars, size_t n)
{
	double m = 0;
	size_t k, b;

	for (k = 0; k < n; k++) {
		const struct characteristic *ch = chars[k];

		if (ch == NULL || ch->status != NULL)
			continue;
		for (b = 0; b < ch->nbins; b++)
			if (ch->bins[b].count > 0 && isfinite(ch->bins[b].woe) &&
			    fabs(ch->bins[b].woe) > m)
				m = fabs(ch->bins[b].woe);
	}
	m = ceil(m / BIN_AXIS_STEP) * BIN_AXIS_STEP;
	return m > 0 ? m : BIN_AXIS_STEP;
}
