/*
 * check_bin.c - tests of characteristic analysis: fine classing, optimal
 * coarse classing, WoE/IV at the edges, regrouping, saved binnings, the
 * YAML binning spec, applying a binning to another table and CSI.
 *
 * Reference values: hand calculations written out in the comments, and
 * the oracle files bundled under tests/data/oracle (byte-identical copies
 * of shared/oracle; pandas 1.5.3 / numpy 1.24.2 by definition, see
 * tests/data/oracle/README), on data/german_credit.csv and
 * data/hmeq.csv.  The optimal classing is checked against an
 * exhaustive search written independently here.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "testutil.h"
#include "testds.h"
#include "data/binstore.h"
#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "desk/desk-study.h"
#include "model/bin.h"
#include "model/card.h"
#include "model/metric.h"
#include "model/validate.h"
#include "policy/binspec.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ============================================================ helpers */

/* Rows [lo, hi) of ds as a new dataset (levels copied). */
static struct dataset *
ds_slice(const struct dataset *ds, size_t lo, size_t hi)
{
	struct dataset *s = hand_ds(hi - lo);
	size_t j, i;

	s->target = ds->target;
	s->cols = xcalloc(ds->ncols + 1, sizeof *s->cols);
	s->ncols = ds->ncols;
	for (i = lo; i < hi; i++)
		s->y[i - lo] = ds->y != NULL ? ds->y[i] : DS_INDET;
	hand_set_y(s, s->y);
	for (j = 0; j < ds->ncols; j++) {
		const struct ds_column *c = &ds->cols[j];
		struct ds_column *d = &s->cols[j];

		d->name = xstrdup(c->name);
		d->type = c->type;
		if (c->type == DS_TEXT) {
			d->code = xmalloc((hi - lo + 1) * sizeof *d->code);
			d->levels = xcalloc(c->nlevels + 1, sizeof *d->levels);
			for (i = 0; i < c->nlevels; i++)
				d->levels[i] = xstrdup(c->levels[i]);
			d->nlevels = c->nlevels;
			for (i = lo; i < hi; i++) {
				d->code[i - lo] = c->code[i];
				d->nmissing += c->code[i] < 0;
			}
		} else {
			d->num = xmalloc((hi - lo + 1) * sizeof *d->num);
			for (i = lo; i < hi; i++) {
				d->num[i - lo] = c->num[i];
				d->nmissing += isnan(c->num[i]);
			}
		}
	}
	return s;
}

static size_t
jcount(json_t *o, const char *key)
{
	return (size_t)jnum(o, key);
}

#define ck_assert_rel(x, ref, rel) \
	ck_assert_double_eq_tol((x), (ref), (rel) * fabs(ref) + 1e-15)

static struct dataset *german, *hmeq;

static void
data_setup(void)
{
	const char *p1 = scratch_db("bin-g"), *p2 = scratch_db("bin-h");
	struct rd_err err;
	struct db *db;

	rd_err_clear(&err);
	db = import_to(p1, "data/german_credit.csv", "german", "creditability",
	    "bad");
	german = db_dataset_load(db, "german", &err);
	ck_assert_msg(german != NULL, "%s", err.msg);
	db_close(db);
	unlink(p1);
	db = import_to(p2, "data/hmeq.csv", "hmeq", "BAD", "1");
	hmeq = db_dataset_load(db, "hmeq", &err);
	ck_assert_msg(hmeq != NULL, "%s", err.msg);
	db_close(db);
	unlink(p2);
}

static void
data_teardown(void)
{
	ds_free(german);
	ds_free(hmeq);
	german = hmeq = NULL;
}

static const struct ds_column *
col_of(const struct dataset *ds, const char *name)
{
	int c = ds_column_index(ds, name);

	ck_assert_msg(c >= 0, "no column %s", name);
	return &ds->cols[c];
}

/* No WoE, IV, Gini or KS of ch is infinite or NaN. */
static void
assert_finite(const struct characteristic *ch)
{
	size_t b;

	ck_assert(isfinite(ch->iv) && isfinite(ch->gini) &&
	    isfinite(ch->ks));
	for (b = 0; b < ch->nbins; b++)
		ck_assert_msg(isfinite(ch->bins[b].woe) &&
		    isfinite(ch->bins[b].iv), "%s bin %zu", ch->name, b);
}

/* ======================================================= hand: edges */

/*
 * A bin with zero bads and a value exactly on a cut point.
 * x: 1.25 x4 good; 2.5 (the cut) good, good, bad; 3.75 good x3; NaN
 * good, bad.  Breaks { 2.5 }: bins (-inf,2.5) 4g/0b, [2.5,inf) 5g/1b,
 * missing 1g/1b; G = 10, B = 2.
 *   (-inf,2.5): no bads -> 4.5 goods, 0.5 bads:
 *     WoE = ln((4.5/10)/(0.5/2)) = ln(0.45/0.25) = ln 1.8 = 0.587786665
 *     IV  = (0.45 - 0.25) x 0.587786665 = 0.117557333
 *   [2.5,inf): WoE = ln((5/10)/(1/2)) = ln 1 = 0, IV 0
 *   missing:   WoE = ln((1/10)/(1/2)) = ln 0.2 = -1.609437912
 *     IV = (0.1 - 0.5) x -1.609437912 = 0.643775165
 *   IV = 0.761332498.
 * The rows equal to 2.5 are in [2.5, inf): closed on the left.
 */
/* A level the data names "other" reads apart from the group of other
   levels: the bin {other, ignore} with ignore grouped as other. */
START_TEST(test_label_level_named_other)
{
	char *lv[] = { "other", "ignore" };
	struct bin b;
	char *l;

	memset(&b, 0, sizeof b);
	b.kind = BIN_LEVELS;
	b.levels = lv;
	b.nlevels = 2;
	b.other = 1;
	b.nother = 1;
	l = bin_label(&b);
	ck_assert_str_eq(l, "\"other\", other (ignore)");
	free(l);
	b.other = 0;
	b.nother = 0;
	l = bin_label(&b);
	ck_assert_str_eq(l, "\"other\", ignore");
	free(l);
	lv[0] = "others";
	l = bin_label(&b);
	ck_assert_str_eq(l, "others, ignore");
	free(l);
}
END_TEST

START_TEST(test_zero_bad_and_cut_point)
{
	static const double x[12] = { 1.25, 1.25, 1.25, 1.25, 2.5, 2.5, 2.5,
		3.75, 3.75, 3.75, NAN, NAN };
	static const signed char y[12] = { 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
		1 };
	const double br[1] = { 2.5 };
	struct dataset *ds = hand_ds(12);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_from_breaks(ds, &ds->cols[0], br, 1, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(bin_index_num(ch, 2.5), 1);
	ck_assert_int_eq(bin_index_num(ch, nextafter(2.5, 0)), 0);
	ck_assert_uint_eq(ch->bins[0].count, 4);
	ck_assert_uint_eq(ch->bins[1].count, 6);
	ck_assert_uint_eq(ch->bins[1].bads, 1);
	ck_assert_int_eq(ch->bins[0].adjusted, 1);
	ck_assert_uint_eq(ch->nadjusted, 1);
	ck_assert_double_eq_tol(ch->bins[0].woe, 0.5877866649021191, 1e-12);
	ck_assert_double_eq_tol(ch->bins[0].iv, 0.1175573329804238, 1e-12);
	ck_assert_double_eq_tol(ch->bins[1].woe, 0, 1e-15);
	ck_assert_double_eq_tol(ch->bins[2].woe, -1.6094379124341003, 1e-12);
	ck_assert_double_eq_tol(ch->iv, 0.7613324979540639, 1e-12);
	/* Shares and bad rates as the report prints them: 0/4, 1/6. */
	ck_assert_double_eq(ch->bins[0].bad_rate, 0);
	ck_assert_double_eq_tol(ch->bins[1].bad_rate, 1.0 / 6, 1e-15);
	ck_assert_double_eq_tol(ch->bins[1].pct_goods, 0.5, 1e-15);
	ck_assert_double_eq_tol(ch->bins[2].pct_bads, 0.5, 1e-15);
	assert_finite(ch);
	characteristic_free(ch);

	/* A configurable adjustment, 0.25: (4.25/10)/(0.25/2) = 3.4. */
	bs.woe_adjust = 0.25;
	ch = bin_from_breaks(ds, &ds->cols[0], br, 1, &bs, &err);
	ck_assert_double_eq_tol(ch->bins[0].woe, log(3.4), 1e-12);
	characteristic_free(ch);

	/* Fine classing with q = 4 of the 10 values: positions 2, 5, 7 of
	   1.25 1.25 1.25 1.25 2.5 2.5 2.5 3.75 3.75 3.75 hold 1.25
	   (the minimum: dropped), 2.5, 3.75; the tied 2.5s stay together. */
	bin_spec_init(&bs);
	bs.nquantiles = 4;
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_uint_eq(ch->nbins, 4);
	ck_assert_double_eq(ch->bins[1].lower, 2.5);
	ck_assert_double_eq(ch->bins[2].lower, 3.75);
	ck_assert_uint_eq(ch->bins[1].count, 3);
	ck_assert_int_eq(ch->bins[3].kind, BIN_MISSING);
	ck_assert_double_eq(ch->xmin, 1.25);
	ck_assert_double_eq(ch->xmax, 3.75);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_constant_and_all_missing)
{
	/* A constant column and an all-missing column, numeric and text:
	   each is binned without a crash and reported unusable. */
	static const double flat[8] = { 7.125, 7.125, 7.125, 7.125, 7.125,
		7.125, 7.125, 7.125 };
	static const double none[8] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN,
		NAN };
	static const char *const tnone[8] = { NULL, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL };
	static const char *const tone[8] = { "CN", "CN", "CN", "CN", "CN",
		"CN", "CN", "CN" };
	static const signed char y[8] = { 0, 1, 0, 0, 1, 0, 0, 1 };
	struct dataset *ds = hand_ds(8);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	int c;

	hand_num(ds, "flat", flat);
	hand_num(ds, "none", none);
	hand_text(ds, "tnone", tnone);
	hand_text(ds, "tone", tone);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	for (c = 0; c < 4; c++) {
		ch = bin_optimal(ds, &ds->cols[c], &bs, &err);
		ck_assert_msg(ch != NULL, "%s", err.msg);
		ck_assert_ptr_nonnull(ch->status);
		/* Why it is one bin: the one value 7.125, or no value. */
		ck_assert_str_eq(ch->status, c == 0 || c == 3 ? "single bin: "
		    "one value on every row" : "single bin: every value "
		    "missing");
		ck_assert_double_eq(ch->iv, 0);
		ck_assert_double_eq(ch->gini, 0);
		assert_finite(ch);
		if (c == 1 || c == 2) {
			/* Everything in the missing bin: 5 goods, 3 bads. */
			ck_assert_int_eq(ch->bins[ch->nbins - 1].kind,
			    BIN_MISSING);
			ck_assert_uint_eq(ch->bins[ch->nbins - 1].count, 8);
			ck_assert_double_eq(ch->bins[ch->nbins - 1].woe, 0);
		}
		characteristic_free(ch);
	}
	ds_free(ds);
}
END_TEST

/*
 * Special values: -999 is declared, so it is left out of the quantiles,
 * has a bin of its own and stays apart in the coarse classing.
 * x = 1..40 (bad when x mod 4 == 0, i.e. 10 bads) and -999 x 10 (5 bad).
 */
START_TEST(test_special_values)
{
	double x[50];
	signed char y[50];
	const double sp[1] = { -999 };
	struct dataset *ds = hand_ds(50);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch, *co;
	size_t i, b, total = 0;

	for (i = 0; i < 40; i++) {
		x[i] = (double)(i + 1);
		y[i] = (i + 1) % 4 == 0 ? DS_BAD : DS_GOOD;
	}
	for (i = 40; i < 50; i++) {
		x[i] = -999;
		y[i] = i % 2 == 0 ? DS_BAD : DS_GOOD;
	}
	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	bs.specials = sp;
	bs.nspecials = 1;
	bs.nquantiles = 4;
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	/* Quantile positions 10, 20, 30 of 1..40: cuts 11, 21, 31. */
	ck_assert_uint_eq(ch->nbins, 5);
	ck_assert_double_eq(ch->bins[1].lower, 11);
	ck_assert_double_eq(ch->bins[3].lower, 31);
	ck_assert_int_eq(ch->bins[4].kind, BIN_SPECIAL);
	ck_assert_str_eq(ch->bins[4].label, "special -999");
	ck_assert_uint_eq(ch->bins[4].count, 10);
	ck_assert_uint_eq(ch->bins[4].bads, 5);
	ck_assert_uint_eq(ch->bins[0].count, 10);
	ck_assert_int_eq(bin_index_num(ch, -999), 4);
	ck_assert_int_eq(bin_index_num(ch, -998), 0);
	/* A whole column at once: the same bins, value by value (NaN has
	   no bin here: no missing values in development). */
	{
		static const double v[9] = { -999, -998, 10.5, 11, 30.99, 31,
			1e300, -INFINITY, NAN };
		int out[9];

		bin_index_num_all(ch, v, 9, out);
		for (i = 0; i < 9; i++)
			ck_assert_int_eq(out[i], bin_index_num(ch, v[i]));
		ck_assert_int_eq(out[3], 1);
		ck_assert_int_eq(out[8], -1);
	}
	ck_assert_double_eq(ch->xmin, 1);
	co = bin_coarse(ch, &bs);
	for (b = 0; b < co->nbins; b++)
		total += co->bins[b].count;
	ck_assert_uint_eq(total, 50);
	ck_assert_int_eq(co->bins[co->nbins - 1].kind, BIN_SPECIAL);
	ck_assert_uint_eq(co->bins[co->nbins - 1].count, 10);
	for (b = 0; b + 1 < co->nbins; b++)
		ck_assert_int_eq(co->bins[b].kind, BIN_RANGE);
	characteristic_free(co);
	characteristic_free(ch);
	/* The same through a column's own list (declared at import). */
	{
		struct bin_colspecial cs = { "x", sp, 1 };

		bin_spec_init(&bs);
		bs.colspecials = &cs;
		bs.ncolspecials = 1;
		ch = bin_fine(ds, &ds->cols[0], &bs, &err);
		ck_assert_int_eq(ch->bins[ch->nbins - 1].kind, BIN_SPECIAL);
		characteristic_free(ch);
	}
	ds_free(ds);
}
END_TEST

/* ======================================== optimal coarse classing */

/*
 * Exhaustive search, independent of coarse.c: every way of cutting n
 * cells into consecutive groups (2^(n-1)), kept when each group meets the
 * size limits and the WoE sequence follows the trend; the largest IV.
 * WoE/IV of a group by the bin.h formulas (no zero cells arise: min
 * goods and bads 1).
 */
static int
trend_ok(const double *w, size_t m, enum bin_trend t)
{
	size_t i, turn = 0;

	for (i = 1; i < m; i++) {
		int up = w[i] > w[i - 1], down = w[i] < w[i - 1];

		if (!up && !down && t != BIN_TREND_NONE)
			return 0;
		switch (t) {
		case BIN_TREND_ASCENDING:
			if (!up)
				return 0;
			break;
		case BIN_TREND_DESCENDING:
			if (!down)
				return 0;
			break;
		case BIN_TREND_PEAK:
			if (down)
				turn = 1;
			else if (turn)
				return 0;
			break;
		case BIN_TREND_VALLEY:
			if (up)
				turn = 1;
			else if (turn)
				return 0;
			break;
		default:
			break;
		}
	}
	return 1;
}

static double
brute(const size_t *g, const size_t *b, size_t n, double least,
	enum bin_trend t, size_t *best_groups)
{
	double G = 0, B = 0, best = -1;
	unsigned long mask, nm = 1UL << (n - 1);
	size_t i;

	for (i = 0; i < n; i++) {
		G += (double)g[i];
		B += (double)b[i];
	}
	for (mask = 0; mask < nm; mask++) {
		double w[32], iv = 0, sg = 0, sb = 0;
		size_t m = 0, ok = 1;

		for (i = 0; i < n && ok; i++) {
			sg += (double)g[i];
			sb += (double)b[i];
			if (i == n - 1 || (mask >> i) & 1) {
				if (sg + sb < least || sg < 1 || sb < 1)
					ok = 0;
				w[m] = log((sg / G) / (sb / B));
				iv += (sg / G - sb / B) * w[m];
				m++;
				sg = sb = 0;
			}
		}
		if (ok && trend_ok(w, m, t) && iv > best + 1e-12) {
			best = iv;
			*best_groups = m;
		}
	}
	return best;
}

/* A hand characteristic of n numeric bins of the given kinds and counts. */
static void
hand_char(struct characteristic *ch, struct bin *bins, size_t n,
	const enum bin_kind *kind, const size_t *g, const size_t *b)
{
	size_t i;

	memset(ch, 0, sizeof *ch);
	memset(bins, 0, n * sizeof *bins);
	ch->name = "x";
	ch->numeric = 1;
	ch->bins = bins;
	ch->nbins = n;
	/* The range of values the bins were made from: 0 to n. */
	ch->xmin = 0;
	ch->xmax = (double)n;
	for (i = 0; i < n; i++) {
		bins[i].kind = kind[i];
		bins[i].lower = i == 0 ? -INFINITY : (double)i;
		bins[i].upper = (double)(i + 1);
		bins[i].label = "b";
		bins[i].goods = g[i];
		bins[i].bads = b[i];
		bins[i].count = g[i] + b[i];
		ch->goods += g[i];
		ch->bads += b[i];
	}
}

START_TEST(test_status_any_bin)
{
	/* A range (10 goods, 10 bads) and a special value (30 goods, 2 bads):
	   G = 40, B = 12.  The evidence is in the special bin; two bins hold
	   rows, so the characteristic is usable:
	     range:   WoE ln((10/40)/(10/12)) = ln 0.3,
	              IV (0.25 - 10/12) ln 0.3  = 0.7023174691901295
	     special: WoE ln((30/40)/(2/12)) = ln 4.5,
	              IV (0.75 - 2/12) ln 4.5   = 0.8773784814528267
	     IV = 1.5796959506429562 */
	static const enum bin_kind k2[2] = { BIN_RANGE, BIN_SPECIAL };
	static const enum bin_kind k3[3] = { BIN_RANGE, BIN_RANGE,
		BIN_MISSING };
	struct characteristic ch;
	struct bin bins[3];
	struct bin_spec bs;

	bin_spec_init(&bs);
	{
		static const size_t g[2] = { 10, 30 }, b[2] = { 10, 2 };

		hand_char(&ch, bins, 2, k2, g, b);
		bin_woe(&ch, &bs);
		ck_assert_ptr_null(ch.status);
		ck_assert_double_eq_tol(bins[0].woe, log(0.3), 1e-12);
		ck_assert_double_eq_tol(bins[1].woe, log(4.5), 1e-12);
		ck_assert_double_eq_tol(ch.iv, 1.5796959506429562, 1e-12);
	}
	{
		/* All rows in the range, the special bin empty: single. */
		static const size_t g[2] = { 10, 0 }, b[2] = { 10, 0 };

		hand_char(&ch, bins, 2, k2, g, b);
		bin_woe(&ch, &bs);
		ck_assert_str_eq(ch.status, "single bin");
		free(ch.status);
	}
	{
		/* A missing flag: one range and the missing bin hold rows. */
		static const size_t g[3] = { 5, 0, 40 }, b[3] = { 9, 0, 3 };

		hand_char(&ch, bins, 3, k3, g, b);
		bin_woe(&ch, &bs);
		ck_assert_ptr_null(ch.status);
	}
	{
		/* No goods at all, and all rows in one bin: "no goods" wins
		   over "single bin" (no WoE exists). */
		static const size_t g[2] = { 0, 0 }, b[2] = { 7, 0 };

		hand_char(&ch, bins, 2, k2, g, b);
		bin_woe(&ch, &bs);
		ck_assert_str_eq(ch.status, "no goods");
		free(ch.status);
	}
	{
		/* No bads, rows in one bin: "no bads". */
		static const size_t g[2] = { 7, 0 }, b[2] = { 0, 0 };

		hand_char(&ch, bins, 2, k2, g, b);
		bin_woe(&ch, &bs);
		ck_assert_str_eq(ch.status, "no bads");
		free(ch.status);
	}
}
END_TEST

/* The trend of WoE values w[n] over range bins (count 0 where w is NaN). */
static enum bin_trend
trend_of(const double *w, size_t n, enum bin_kind last)
{
	struct characteristic ch;
	struct bin bins[8];
	size_t i;

	memset(&ch, 0, sizeof ch);
	memset(bins, 0, sizeof bins);
	ch.numeric = 1;
	ch.bins = bins;
	ch.nbins = n;
	for (i = 0; i < n; i++) {
		bins[i].kind = i + 1 == n ? last : BIN_RANGE;
		bins[i].count = isnan(w[i]) ? 0 : 10;
		bins[i].woe = isnan(w[i]) ? 0 : w[i];
	}
	/* A coarse classing's constraint must not leak into the label. */
	ch.trend = BIN_TREND_DESCENDING;
	return bin_trend_observed(&ch);
}

START_TEST(test_trend_observed)
{
	static const double up[3] = { -1, 0.5, 2 }, down[3] = { 2, 0.5, -1 };
	static const double peak[4] = { -1, 0.5, 2, 0.2 };
	static const double valley[3] = { 1, -0.5, 0.2 };
	static const double zigzag[4] = { 1, 3, 2, 4 };
	static const double tie[3] = { 1, 1, 2 };
	/* An empty range (NaN here) has no evidence and is skipped; the
	   missing bin (last, WoE -5) is not a range. */
	static const double gap[4] = { -1, NAN, 2, -5 };
	struct characteristic text;

	ck_assert_int_eq(trend_of(up, 3, BIN_RANGE), BIN_TREND_ASCENDING);
	ck_assert_int_eq(trend_of(down, 3, BIN_RANGE), BIN_TREND_DESCENDING);
	ck_assert_int_eq(trend_of(peak, 4, BIN_RANGE), BIN_TREND_PEAK);
	ck_assert_int_eq(trend_of(valley, 3, BIN_RANGE), BIN_TREND_VALLEY);
	ck_assert_int_eq(trend_of(zigzag, 4, BIN_RANGE), BIN_TREND_NONE);
	ck_assert_int_eq(trend_of(tie, 3, BIN_RANGE), BIN_TREND_NONE);
	ck_assert_int_eq(trend_of(gap, 4, BIN_MISSING), BIN_TREND_ASCENDING);
	ck_assert_int_eq(trend_of(up, 1, BIN_RANGE), BIN_TREND_NONE);
	memset(&text, 0, sizeof text);
	ck_assert_int_eq(bin_trend_observed(&text), BIN_TREND_NONE);
}
END_TEST

START_TEST(test_coarse_exact)
{
	/* Twelve fine ranges with an irregular bad rate; each trend's
	   optimum equals the exhaustive search's. */
	static const size_t g[12] = { 40, 35, 52, 31, 44, 28, 60, 25, 47, 38,
		30, 55 };
	static const size_t b[12] = { 30, 12, 25, 9, 20, 6, 11, 14, 7, 10, 3,
		5 };
	static const enum bin_trend trends[5] = { BIN_TREND_ASCENDING,
		BIN_TREND_DESCENDING, BIN_TREND_PEAK, BIN_TREND_VALLEY,
		BIN_TREND_NONE };
	struct characteristic fine;
	struct bin bins[12];
	struct bin_spec bs;
	size_t i, k, n = 0;

	memset(&fine, 0, sizeof fine);
	memset(bins, 0, sizeof bins);
	fine.name = "x";
	fine.numeric = 1;
	fine.bins = bins;
	fine.nbins = 12;
	for (i = 0; i < 12; i++) {
		bins[i].kind = BIN_RANGE;
		bins[i].lower = i == 0 ? -INFINITY : (double)i;
		bins[i].upper = i == 11 ? INFINITY : (double)(i + 1);
		bins[i].label = "r";
		bins[i].goods = g[i];
		bins[i].bads = b[i];
		bins[i].count = g[i] + b[i];
		fine.goods += g[i];
		fine.bads += b[i];
		n += g[i] + b[i];
	}
	bin_spec_init(&bs);
	bs.min_share = 0.05;
	for (k = 0; k < 5; k++) {
		size_t groups = 0;
		double want = brute(g, b, 12, 0.05 * (double)n, trends[k],
		    &groups);
		struct characteristic *co;

		bs.trend = trends[k];
		co = bin_coarse(&fine, &bs);
		ck_assert_msg(fabs(co->iv - want) < 1e-12, "trend %s: IV %.15g, "
		    "exhaustive %.15g", bin_trend_name(trends[k]), co->iv,
		    want);
		/* Each group meets the limits. */
		for (i = 0; i < co->nbins; i++) {
			ck_assert(co->bins[i].count >= 0.05 * (double)n);
			ck_assert_uint_ge(co->bins[i].bads, 1);
		}
		for (i = 1; i < co->nbins; i++)
			ck_assert_double_eq(co->bins[i].lower,
			    co->bins[i - 1].upper);
		characteristic_free(co);
	}
	/* auto: the better of ascending and descending.  Here the bad rate
	   falls with x, so WoE ascends. */
	{
		size_t groups = 0;
		double up = brute(g, b, 12, 0.05 * (double)n,
		    BIN_TREND_ASCENDING, &groups);
		struct characteristic *co;

		bs.trend = BIN_TREND_AUTO;
		co = bin_coarse(&fine, &bs);
		ck_assert_int_eq(co->trend, BIN_TREND_ASCENDING);
		ck_assert_double_eq_tol(co->iv, up, 1e-12);
		for (i = 1; i < co->nbins; i++)
			ck_assert(co->bins[i].woe > co->bins[i - 1].woe);
		/* Deterministic: the same again. */
		{
			struct characteristic *again = bin_coarse(&fine, &bs);

			ck_assert_uint_eq(again->nbins, co->nbins);
			for (i = 0; i < co->nbins; i++)
				ck_assert_double_eq(again->bins[i].lower,
				    co->bins[i].lower);
			characteristic_free(again);
		}
		characteristic_free(co);
	}
	/* A minimum of 40 bads per group: groups hold >= 40 bads. */
	bs.min_bads = 40;
	bs.trend = BIN_TREND_NONE;
	{
		struct characteristic *co = bin_coarse(&fine, &bs);

		for (i = 0; i < co->nbins; i++)
			ck_assert_uint_ge(co->bins[i].bads, 40);
		characteristic_free(co);
	}
}
END_TEST

/*
 * A categorical with 500 levels: level k (0..499) holds 10 rows, of
 * which k mod 7 + (k < 100) are bad.  With other_share 0 every level is
 * a fine bin; the coarse classing orders them by bad rate, merges them
 * into groups of >= 5% of the rows with WoE strictly rising, and every
 * level lands in exactly one group.  With the default other_share
 * (1%) each level (0.2%) is small: all go to "other", a single bin.
 */
START_TEST(test_500_levels)
{
	size_t n = 5000, i, b, l, seen = 0;
	const char **v = xmalloc(n * sizeof *v);
	char (*names)[8] = xmalloc(500 * sizeof *names);
	signed char *y = xmalloc(n);
	struct dataset *ds = hand_ds(n);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	for (i = 0; i < 500; i++)
		snprintf(names[i], sizeof names[i], "L%03zu", i);
	for (i = 0; i < n; i++) {
		size_t k = i / 10;

		v[i] = names[k];
		y[i] = (i % 10) < k % 7 + (k < 100) ? DS_BAD : DS_GOOD;
	}
	hand_text(ds, "grade", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	bs.other_share = 0;
	ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	ck_assert_ptr_null(ch->status);
	ck_assert_uint_ge(ch->nbins, 2);
	ck_assert_uint_le(ch->nbins, 20);
	for (b = 0; b < ch->nbins; b++) {
		ck_assert(ch->bins[b].count >= 0.05 * (double)n);
		if (b > 0)
			ck_assert(ch->bins[b].woe > ch->bins[b - 1].woe);
		seen += ch->bins[b].nlevels;
	}
	ck_assert_uint_eq(seen, 500);
	for (l = 0; l < 500; l++)
		ck_assert_int_ge(bin_index_text(ch, names[l]), 0);
	assert_finite(ch);
	characteristic_free(ch);
	/* Pooled into 50 blocks first (max_dp): still a valid grouping of
	   every level, with an IV no larger than the exact one. */
	{
		double exact;

		ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
		exact = ch->iv;
		characteristic_free(ch);
		bs.max_dp = 50;
		ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
		seen = 0;
		for (b = 0; b < ch->nbins; b++) {
			ck_assert(ch->bins[b].count >= 0.05 * (double)n);
			if (b > 0)
				ck_assert(ch->bins[b].woe >
				    ch->bins[b - 1].woe);
			seen += ch->bins[b].nlevels;
		}
		ck_assert_uint_eq(seen, 500);
		ck_assert(ch->iv <= exact + 1e-12 && ch->iv > 0.5 * exact);
		characteristic_free(ch);
	}
	bin_spec_init(&bs);
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_uint_eq(ch->nbins, 1);
	ck_assert_int_eq(ch->bins[0].other, 1);
	ck_assert_uint_eq(ch->bins[0].nlevels, 500);
	ck_assert_str_eq(ch->status, "single bin");
	characteristic_free(ch);
	free(v);
	free(names);
	free(y);
	ds_free(ds);
}
END_TEST

/* Gini and KS of the WoE-coded characteristic equal metric.c's AUC and
   KS of the per-row WoE (another implementation, by rows). */
START_TEST(test_gini_ks_german)
{
	struct bin_spec bs;
	struct rd_err err;
	double *s = xmalloc(german->nrows * sizeof *s), at;
	size_t j, i;

	bin_spec_init(&bs);
	for (j = 0; j < german->ncols; j++) {
		struct characteristic *ch;
		const struct ds_column *col = &german->cols[j];

		if ((int)j == german->target)
			continue;
		ch = bin_optimal(german, col, &bs, &err);
		ck_assert_ptr_nonnull(ch);
		for (i = 0; i < german->nrows; i++) {
			int k = col->type == DS_TEXT ?
			    bin_index_text(ch, col->levels[col->code[i]]) :
			    bin_index_num(ch, col->num[i]);

			s[i] = -ch->bins[k].woe;
		}
		ck_assert_double_eq_tol(ch->gini,
		    2 * metric_auc(s, german->y, german->nrows) - 1, 1e-12);
		ck_assert_double_eq_tol(ch->ks,
		    metric_ks(s, german->y, german->nrows, &at), 1e-12);
		characteristic_free(ch);
	}
	free(s);
}
END_TEST

/* ================================================== oracle: German */

/*
 * Our bin of an oracle bin object: "missing" -> the missing bin; a range
 * with "lower" -> the bin of lower (the first when lower is null); an
 * each_value bin -> the bin of its label read as a number, or of that
 * level text.
 */
static size_t
oracle_bin(const struct characteristic *ch, json_t *x)
{
	const char *label = json_string_value(json_object_get(x, "label"));
	json_t *lo = json_object_get(x, "lower");
	int k;

	if (strcmp(label, "missing") == 0)
		k = ch->numeric ? bin_index_num(ch, NAN) :
		    bin_index_text(ch, NULL);
	else if (lo != NULL)
		k = json_is_number(lo) ? bin_index_num(ch,
		    json_number_value(lo)) : 0;
	else if (ch->numeric)
		k = bin_index_num(ch, strtod(label, NULL));
	else
		k = bin_index_text(ch, label);
	ck_assert_msg(k >= 0, "no bin for oracle bin %s", label);
	return (size_t)k;
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* A numeric each_value characteristic: breaks at every labelled value
   of the oracle's bins but the smallest. */
static struct characteristic *
each_value_num(const struct dataset *ds, const struct ds_column *col,
	json_t *jb, const struct bin_spec *bs)
{
	size_t k, n = 0;
	double *v = xmalloc((json_array_size(jb) + 1) * sizeof *v);
	struct characteristic *ch;
	struct rd_err err;

	for (k = 0; k < json_array_size(jb); k++) {
		const char *l = json_string_value(json_object_get(
		    json_array_get(jb, k), "label"));

		if (strcmp(l, "missing") != 0)
			v[n++] = strtod(l, NULL);
	}
	qsort(v, n, sizeof *v, cmp_dbl);
	ch = bin_from_breaks(ds, col, v + 1, n - 1, bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	free(v);
	return ch;
}

/*
 * german_iv_each_value.json (pandas/numpy by definition,
 * tests/data/oracle): one bin per distinct value of all 20 predictors.
 * Text columns: our fine classing with other_share 0 is one bin per
 * level.  Numbers: breaks at every distinct value but the smallest.
 * Counts always; WoE and IV "strict" where the variable has no zero cell
 * (then no convention differs).  Where it has one, our adjustment (0.5 to
 * the zero cell's bin only) is recomputed here from the oracle's counts.
 */
START_TEST(test_oracle_each_value)
{
	json_t *o = oracle_load("german_iv_each_value.json");
	json_t *vars = json_object_get(o, "variables");
	struct bin_spec bs;
	struct rd_err err;
	size_t v, k;

	bin_spec_init(&bs);
	bs.other_share = 0;
	ck_assert_uint_eq(json_array_size(vars), 20);
	for (v = 0; v < json_array_size(vars); v++) {
		json_t *var = json_array_get(vars, v);
		json_t *jb = json_object_get(var, "bins");
		const char *name = json_string_value(json_object_get(var,
		    "variable"));
		const struct ds_column *col = col_of(german, name);
		struct characteristic *ch;
		double G = jnum(var, "n_good"), B = jnum(var, "n_bad");
		double iv = 0;

		if (col->type == DS_TEXT) {
			ch = bin_fine(german, col, &bs, &err);
		} else {
			/* Breaks at every value but the smallest. */
			ch = each_value_num(german, col, jb, &bs);
		}
		ck_assert_msg(ch != NULL, "%s: %s", name, err.msg);
		ck_assert_uint_eq(ch->nbins, json_array_size(jb));
		for (k = 0; k < ch->nbins; k++) {
			json_t *x = json_array_get(jb, k);
			double g = jnum(x, "n_good"), d = jnum(x, "n_bad");
			double w;
			size_t at = oracle_bin(ch, x);

			ck_assert_uint_eq(ch->bins[at].goods, (size_t)g);
			ck_assert_uint_eq(ch->bins[at].bads, (size_t)d);
			if (g == 0 || d == 0) {
				g += 0.5;
				d += 0.5;
			}
			w = log((g / G) / (d / B));
			ck_assert_double_eq_tol(ch->bins[at].woe, w, 1e-12);
			iv += (g / G - d / B) * w;
			if (!json_is_true(json_object_get(var,
			    "has_zero_cell")))
				ck_assert_rel(ch->bins[at].woe,
				    jnum(x, "woe_strict"), 1e-10);
		}
		ck_assert_double_eq_tol(ch->iv, iv, 1e-12);
		if (!json_is_true(json_object_get(var, "has_zero_cell")))
			ck_assert_rel(ch->iv, jnum(var, "iv_strict"), 1e-10);
		else
			ck_assert_uint_ge(ch->nadjusted, 1);
		assert_finite(ch);
		characteristic_free(ch);
	}
	json_decref(o);
}
END_TEST

/* Pinned from german_iv_each_value.json (pandas/numpy): checking
   account status, no zero cell, IV 0.6660115033513336 (also the value
   the R scorecard package publishes, 0.666). */
START_TEST(test_oracle_pinned)
{
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	bin_spec_init(&bs);
	ch = bin_fine(german, col_of(german,
	    "status_of_existing_checking_account"), &bs, &err);
	ck_assert_double_eq_tol(ch->iv, 0.6660115033513336, 1e-12);
	ck_assert_str_eq(bin_iv_strength(ch->iv), "suspicious");
	characteristic_free(ch);
}
END_TEST

/* ==================================================== oracle: HMEQ */

/*
 * hmeq_woe.json (pandas/numpy, tests/data/oracle): numeric breaks with a
 * missing bin, and text groups with a missing bin, on data/hmeq.csv
 * (5,960 rows, 1,189 bad).  The "numeric" and "categorical" entries have
 * no zero cell: counts, WoE and IV strict.
 */
START_TEST(test_oracle_hmeq_missing)
{
	json_t *o = oracle_load("hmeq_woe.json");
	json_t *vars = json_object_get(o, "variables");
	json_t *specv = json_object_get(json_object_get(o, "spec"),
	    "variables");
	struct bin_spec bs;
	struct rd_err err;
	size_t v, k, g, i, done = 0, missing_bins = 0;

	bin_spec_init(&bs);
	ck_assert_uint_eq(hmeq->nbad, 1189);
	for (v = 0; v < json_array_size(vars); v++) {
		json_t *var = json_array_get(vars, v);
		json_t *sv = json_array_get(specv, v);
		json_t *jb = json_object_get(var, "bins");
		const char *type = json_string_value(json_object_get(sv,
		    "type"));
		const char *name = json_string_value(json_object_get(sv,
		    "name"));
		const struct ds_column *col = col_of(hmeq, name);
		struct characteristic *ch;

		if (strcmp(type, "numeric") == 0) {
			json_t *br = json_object_get(sv, "breaks");
			double b[16];

			for (k = 0; k < json_array_size(br); k++)
				b[k] = json_number_value(json_array_get(br, k));
			ch = bin_from_breaks(hmeq, col, b, json_array_size(br),
			    &bs, &err);
		} else if (strcmp(type, "categorical") == 0) {
			json_t *gr = json_object_get(sv, "groups");
			const char **lv[16];

			for (g = 0; g < json_array_size(gr); g++) {
				json_t *a = json_array_get(gr, g);

				lv[g] = xcalloc(json_array_size(a) + 1,
				    sizeof *lv[g]);
				for (i = 0; i < json_array_size(a); i++)
					lv[g][i] = json_string_value(
					    json_array_get(a, i));
			}
			ch = bin_from_groups(hmeq, col,
			    (const char *const *const *)lv,
			    json_array_size(gr), &bs, &err);
			for (g = 0; g < json_array_size(gr); g++)
				free(lv[g]);
		} else {
			continue;
		}
		ck_assert_msg(ch != NULL, "%s: %s", name, err.msg);
		ck_assert_uint_eq(ch->nbins, json_array_size(jb));
		for (k = 0; k < ch->nbins; k++) {
			json_t *x = json_array_get(jb, k);

			ck_assert_uint_eq(ch->bins[k].count, jcount(x, "n"));
			ck_assert_uint_eq(ch->bins[k].bads, jcount(x, "n_bad"));
			ck_assert_rel(ch->bins[k].woe, jnum(x, "woe_strict"),
			    1e-10);
			ck_assert_rel(ch->bins[k].iv,
			    jnum(x, "iv_contrib_strict"), 1e-10);
		}
		/* A column with NULLs has the missing bin last, as the
		   oracle; one without has none. */
		ck_assert_int_eq(ch->bins[ch->nbins - 1].kind == BIN_MISSING,
		    col->nmissing > 0);
		ck_assert_int_eq(strcmp(json_string_value(json_object_get(
		    json_array_get(jb, ch->nbins - 1), "label")), "missing")
		    == 0, col->nmissing > 0);
		if (col->nmissing > 0)
			missing_bins++;
		ck_assert_rel(ch->iv, jnum(var, "iv_strict"), 1e-10);
		characteristic_free(ch);
		done++;
	}
	ck_assert_uint_eq(done, 9);
	ck_assert_uint_ge(missing_bins, 6);
	json_decref(o);
}
END_TEST

/* ================================================ CSI: oracle + hand */


/*
 * german_age_psi.json, hmeq_debtinc_psi.json and hmeq_ninq_psi.json
 * (numpy by definition, tests/data/oracle): the first half of the file
 * is the base, the second the new sample.  Our CSI replaces every zero
 * count by 0.5 and re-sums when any bin is empty: the oracle's
 * psi_zero_05; without empty bins it equals psi_strict.  NINQ has empty
 * bins on both sides ("12", "13", "14", "17").
 */
START_TEST(test_oracle_csi)
{
	static const char *const files[3] = { "german_age_psi.json",
		"hmeq_debtinc_psi.json", "hmeq_ninq_psi.json" };
	struct bin_spec bs;
	struct rd_err err;
	size_t f, k;

	bin_spec_init(&bs);
	for (f = 0; f < 3; f++) {
		json_t *o = oracle_load(files[f]);
		json_t *spec = json_object_get(o, "spec");
		const struct dataset *all = f == 0 ? german : hmeq;
		const char *cname = json_string_value(json_object_get(spec,
		    "column"));
		size_t half = all->nrows / 2;
		struct dataset *base = ds_slice(all, 0, half);
		struct dataset *cur = ds_slice(all, half, all->nrows);
		double *sb, *sc, csi;
		json_t *jbr = json_object_get(o, "breaks_used");
		struct characteristic *ch;
		struct bin_applied ab, ac;
		json_t *bins = json_object_get(o, "bins");
		int adjusted;

		if (json_is_array(jbr)) {
			double br[16];

			for (k = 0; k < json_array_size(jbr); k++)
				br[k] = json_number_value(json_array_get(jbr,
				    k));
			ch = bin_from_breaks(base, col_of(base, cname), br,
			    json_array_size(jbr), &bs, &err);
		} else {
			ch = each_value_num(base, col_of(base, cname), bins,
			    &bs);
		}
		ck_assert_msg(ch != NULL, "%s", err.msg);
		ck_assert_int_eq(bin_apply(ch, col_of(base, cname), base->nrows,
		    &ab, &err), 0);
		ck_assert_int_eq(bin_apply(ch, col_of(cur, cname), cur->nrows,
		    &ac, &err), 0);
		ck_assert_uint_eq(ab.nbins, json_array_size(bins));
		ck_assert_uint_eq(ac.nbins, ab.nbins);
		for (k = 0; k < ab.nbins; k++) {
			json_t *x = json_array_get(bins, k);
			size_t at = oracle_bin(ch, x);

			ck_assert_uint_eq(ab.count[at], jcount(x, "n_base"));
			ck_assert_uint_eq(ac.count[at], jcount(x, "n_new"));
		}
		sb = xmalloc(ab.nbins * sizeof *sb);
		sc = xmalloc(ab.nbins * sizeof *sc);
		csi = bin_csi(ab.count, ac.count, ab.nbins, bs.psi_adjust, sb,
		    sc, NULL, NULL, &adjusted);
		ck_assert_rel(csi, jnum(o, "psi_zero_05"), 1e-10);
		if (!adjusted)
			ck_assert_rel(csi, jnum(o, "psi_strict"), 1e-10);
		ck_assert_int_eq(adjusted, f == 2);
		if (!adjusted)
			ck_assert_rel(sb[0], jnum(json_array_get(bins, 0),
			    "share_base"), 1e-12);
		free(sb);
		free(sc);
		bin_applied_done(&ab);
		bin_applied_done(&ac);
		characteristic_free(ch);
		ds_free(base);
		ds_free(cur);
		json_decref(o);
	}
	/* Hand: base 50/50, new 25/75: (0.25-0.5) ln(0.5) + (0.75-0.5)
	   ln(1.5) = 0.173286795 + 0.101366277 = 0.274653072. */
	{
		const size_t b2[2] = { 50, 50 }, c2[2] = { 25, 75 };
		int adj;
		double x = bin_csi(b2, c2, 2, 0.5, NULL, NULL, NULL, NULL,
		    &adj);

		ck_assert_double_eq_tol(x, 0.2746530721670274, 1e-12);
		ck_assert_int_eq(adj, 0);
		ck_assert_str_eq(bin_csi_reading(x), "significant shift");
		ck_assert_str_eq(bin_csi_reading(0.0999), "stable");
		ck_assert_str_eq(bin_csi_reading(0.1), "some shift");
		ck_assert_str_eq(bin_csi_reading(0.2499), "some shift");
		ck_assert_str_eq(bin_csi_reading(0.25), "significant shift");
	}
}
END_TEST

/*
 * Applying a development binning to another table.  Development: grade
 * A (6 rows), B (3), C (1, under other_share 0.15 -> "other"); x 10..19
 * with no NULLs.  New table: grade D (unseen) -> the other bin; x 5 and
 * 25 beyond the development range 10..19 -> the edge ranges; a NULL x
 * -> an added missing bin (WoE 0, warned).  Without an other bin an
 * unseen level goes to the bin of largest count, A.
 */
START_TEST(test_apply_fallbacks)
{
	static const char *const g[10] = { "A", "A", "A", "A", "A", "A", "B",
		"B", "B", "C" };
	static const double x[10] = { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 };
	static const signed char y[10] = { 0, 0, 1, 0, 0, 1, 0, 1, 0, 1 };
	static const char *const g2[4] = { "D", "A", NULL, "C" };
	static const double x2[4] = { 5, 25, NAN, 12 };
	const double br[1] = { 15 };
	struct dataset *dev = hand_ds(10), *cur = hand_ds(4);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *cg, *cx;
	struct bin_applied a;

	hand_text(dev, "grade", g);
	hand_num(dev, "x", x);
	hand_set_y(dev, y);
	hand_text(cur, "grade", g2);
	hand_num(cur, "x", x2);
	bin_spec_init(&bs);
	bs.other_share = 0.15;
	cg = bin_fine(dev, &dev->cols[0], &bs, &err);
	ck_assert_uint_eq(cg->nbins, 3);
	ck_assert_int_eq(cg->bins[2].other, 1);
	ck_assert_str_eq(cg->bins[2].label, "other (C)");
	ck_assert_int_eq(bin_apply(cg, &cur->cols[0], 4, &a, &err), 0);
	ck_assert_uint_eq(a.unseen, 1);
	ck_assert_int_eq(a.unseen_bin, 2);
	ck_assert_int_eq(a.unseen_other, 1);
	/* D and C -> other, A -> A, NULL -> added missing bin. */
	ck_assert_uint_eq(a.count[2], 2);
	ck_assert_uint_eq(a.count[0], 1);
	ck_assert_int_eq(a.added_missing, 1);
	ck_assert_uint_eq(a.nbins, 4);
	ck_assert_uint_eq(a.count[3], 1);
	bin_applied_done(&a);
	characteristic_free(cg);
	/* No other bin: the largest, A. */
	bs.other_share = 0;
	cg = bin_fine(dev, &dev->cols[0], &bs, &err);
	ck_assert_int_eq(bin_apply(cg, &cur->cols[0], 4, &a, &err), 0);
	ck_assert_int_eq(a.unseen_bin, 0);
	ck_assert_int_eq(a.unseen_other, 0);
	ck_assert_uint_eq(a.count[0], 2);
	bin_applied_done(&a);
	characteristic_free(cg);
	/* Numbers. */
	cx = bin_from_breaks(dev, &dev->cols[1], br, 1, &bs, &err);
	ck_assert_double_eq(cx->xmin, 10);
	ck_assert_double_eq(cx->xmax, 19);
	ck_assert_int_eq(bin_apply(cx, &cur->cols[1], 4, &a, &err), 0);
	ck_assert_uint_eq(a.below, 1);
	ck_assert_uint_eq(a.above, 1);
	ck_assert_uint_eq(a.count[0], 2);
	ck_assert_uint_eq(a.count[1], 1);
	ck_assert_int_eq(a.added_missing, 1);
	ck_assert_uint_eq(a.count[2], 1);
	bin_applied_done(&a);
	/* The wrong type is refused. */
	ck_assert_int_eq(bin_apply(cx, &cur->cols[0], 4, &a, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	characteristic_free(cx);
	ds_free(dev);
	ds_free(cur);
}
END_TEST

/* ======================================================== regrouping */

/*
 * x = 1..8, bads at 2, 5, 7 (G 5, B 3).  Breaks 3, 6: [-inf,3) 1g1b,
 * [3,6) 2g1b, [6,inf) 2g1b.  Merge bins 2 and 3: [3,inf) 4g/2b, WoE
 * ln((4/5)/(2/3)) = ln 1.2 = 0.182321557.  Split it at 5: [3,5) 2g/0b
 * (x 3, 4), [5,inf) 2g/2b.
 */
START_TEST(test_regroup_numeric)
{
	static const double x[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const signed char y[8] = { 0, 1, 0, 0, 1, 0, 1, 0 };
	const double br[2] = { 3, 6 };
	struct dataset *ds = hand_ds(8);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_from_breaks(ds, &ds->cols[0], br, 2, &bs, &err);
	ck_assert_int_eq(bin_merge(ch, 1, ds, &ds->cols[0], &bs, &err), 0);
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_str_eq(ch->bins[1].label, "[3, inf)");
	ck_assert_uint_eq(ch->bins[1].goods, 4);
	ck_assert_double_eq_tol(ch->bins[1].woe, log(1.2), 1e-12);
	ck_assert_int_eq(bin_split(ch, 1, 5, ds, &ds->cols[0], &bs, &err), 0);
	ck_assert_uint_eq(ch->nbins, 3);
	ck_assert_str_eq(ch->bins[1].label, "[3, 5)");
	ck_assert_uint_eq(ch->bins[1].count, 2);
	ck_assert_uint_eq(ch->bins[1].bads, 0);
	ck_assert_int_eq(ch->bins[1].adjusted, 1);
	/* x = 5 exactly is in the new upper bin. */
	ck_assert_uint_eq(ch->bins[2].bads, 2);
	ck_assert_int_eq(bin_index_num(ch, 5), 2);
	/* Errors: outside the bin, no next bin, not a range. */
	ck_assert_int_eq(bin_split(ch, 1, 5, ds, &ds->cols[0], &bs, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(bin_merge(ch, 2, ds, &ds->cols[0], &bs, &err), -1);
	ck_assert_int_eq(bin_move_level(ch, "a", 0, ds, &ds->cols[0], &bs,
	    &err), -1);
	ck_assert_uint_eq(ch->nbins, 3);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_regroup_text)
{
	/* Levels a (bad, good), b (good, good), c (bad, bad, good), NULL
	   (good): move b into a's group, then c to a new group, then merge
	   the two groups; the missing bin never merges. */
	static const char *const v[8] = { "a", "a", "b", "b", "c", "c", "c",
		NULL };
	static const signed char y[8] = { 1, 0, 0, 0, 1, 1, 0, 0 };
	struct dataset *ds = hand_ds(8);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_text(ds, "t", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_uint_eq(ch->nbins, 4);
	ck_assert_int_eq(bin_move_level(ch, "b", 0, ds, &ds->cols[0], &bs,
	    &err), 0);
	ck_assert_uint_eq(ch->nbins, 3);
	ck_assert_str_eq(ch->bins[0].label, "a, b");
	ck_assert_uint_eq(ch->bins[0].count, 4);
	ck_assert_int_eq(bin_move_level(ch, "c", -1, ds, &ds->cols[0], &bs,
	    &err), 0);
	/* c was alone: its old group went, the new one is after a, b. */
	ck_assert_uint_eq(ch->nbins, 3);
	ck_assert_str_eq(ch->bins[1].label, "c");
	ck_assert_int_eq(bin_merge(ch, 1, ds, &ds->cols[0], &bs, &err), -1);
	ck_assert_int_eq(bin_merge(ch, 0, ds, &ds->cols[0], &bs, &err), 0);
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_uint_eq(ch->bins[0].count, 7);
	/* One level group and the missing bin hold rows: two bins, so the
	   characteristic stays usable (its evidence may be in the missing
	   bin).  G = 5, B = 3.  Group a, b, c: 4 goods, 3 bads, WoE
	   ln((4/5)/(3/3)) = ln 0.8, IV (0.8 - 1) ln 0.8.  Missing: 1 good,
	   0 bads -> 1.5, 0.5: WoE ln(0.3 / (1/6)) = ln 1.8, IV
	   (0.3 - 1/6) ln 1.8.  IV = 0.044628710262841945 +
	   0.07837155532028255 = 0.12300026558312449. */
	ck_assert_ptr_null(ch->status);
	ck_assert_double_eq_tol(ch->bins[1].woe, log(1.8), 1e-12);
	ck_assert_double_eq_tol(ch->iv, 0.12300026558312449, 1e-12);
	ck_assert_int_eq(bin_move_level(ch, "zz", 0, ds, &ds->cols[0], &bs,
	    &err), -1);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_def_roundtrip)
{
	/* The saved text form reads back to the same bins; bad text is
	   refused with its line. */
	struct bin_spec bs;
	struct rd_err err;
	const double sp[1] = { -1 };
	size_t j, b;
	char *t, *t2;
	struct characteristic *back;

	bin_spec_init(&bs);
	bs.specials = sp;
	bs.nspecials = 1;
	for (j = 0; j < german->ncols; j++) {
		struct characteristic *ch;

		if ((int)j == german->target)
			continue;
		ch = bin_optimal(german, &german->cols[j], &bs, &err);
		t = bin_def_format(ch);
		back = bin_def_parse(t, &err);
		ck_assert_msg(back != NULL, "%s", err.msg);
		ck_assert_int_eq(bin_recount(back, german, &german->cols[j],
		    &bs, &err), 0);
		ck_assert_uint_eq(back->nbins, ch->nbins);
		for (b = 0; b < ch->nbins; b++) {
			ck_assert_str_eq(back->bins[b].label,
			    ch->bins[b].label);
			ck_assert_uint_eq(back->bins[b].count,
			    ch->bins[b].count);
		}
		ck_assert_double_eq(back->iv, ch->iv);
		t2 = bin_def_format(back);
		ck_assert_str_eq(t, t2);
		free(t);
		free(t2);
		characteristic_free(back);
		characteristic_free(ch);
	}
	ck_assert_ptr_null(bin_def_parse("riskdesk binning 1\nname x\n"
	    "type numeric\nrange -inf 3\nrange 4 inf\n", &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_null(bin_def_parse("riskdesk binning 1\nname x\n"
	    "type numeric\nrange -inf 3\nbogus\n", &err));
	ck_assert_str_eq(err.msg, "malformed binning: line 5: expected range, "
	    "special, missing or xrange");
	ck_assert_ptr_null(bin_def_parse("riskdesk binning 2\n", &err));
}
END_TEST

/* =========================================== desk: save, YAML, refit */

/*
 * The whole loop on german in a scratch database: the optimal binning;
 * a merge saved in the database and found again by the next session;
 * a refit that uses the edited bins (the scorecard's characteristic has
 * them); export to YAML, forget, apply the YAML and get the same bins;
 * CSI of the table against itself is 0.
 */
START_TEST(test_desk_loop)
{
	const char *path = scratch_db("bin-desk");
	char yaml[256];
	struct rd_err err;
	struct db *db = import_to(path, "data/german_credit.csv", "german",
	    "creditability", "bad");
	struct desk *d;
	struct desk_bins *b;
	struct bin_spec bs;
	struct card_fit_spec fs;
	struct scorecard *card;
	struct desk_csi *cs;
	size_t nb, i, napplied;
	int k, found = 0;
	char **saved;

	db_close(db);
	snprintf(yaml, sizeof yaml, "scratch-bin-%ld.yaml", (long)getpid());
	rd_err_clear(&err);
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	bin_spec_init(&bs);
	b = desk_bins_open(d, "german", &bs, &err);
	ck_assert_msg(b != NULL, "%s", err.msg);
	ck_assert_uint_eq(b->nchars, 20);
	k = desk_bins_index(b, "duration_in_month");
	ck_assert_int_ge(k, 0);
	ck_assert_int_eq(b->saved[k], 0);
	nb = b->chars[k]->nbins;
	ck_assert_uint_ge(nb, 3);
	ck_assert_int_eq(desk_bins_merge(b, (size_t)k, 0, &err), 0);
	ck_assert_uint_eq(b->chars[k]->nbins, nb - 1);
	ck_assert_int_eq(desk_bins_save(d, b, (size_t)k, &err), 0);
	desk_bins_free(b);

	b = desk_bins_open(d, "german", &bs, &err);
	ck_assert_int_eq(b->saved[k], 1);
	ck_assert_uint_eq(b->chars[k]->nbins, nb - 1);
	saved = db_binning_list(d->db, "german", &err);
	ck_assert_ptr_nonnull(saved[0]);
	ck_assert_str_eq(saved[0], "duration_in_month");
	ck_assert_ptr_null(saved[1]);
	free(saved[0]);
	free(saved);

	/* The refit uses the saved bins. */
	card_fit_spec_init(&fs);
	ck_assert_int_eq(desk_fit(d, "german", "edited", &fs, &card, &err), 0);
	for (i = 0; i < card->nchars; i++)
		if (strcmp(card->chars[i].ch->name, "duration_in_month") == 0) {
			found = 1;
			ck_assert_uint_eq(card->chars[i].ch->nbins, nb - 1);
			ck_assert_double_eq(card->chars[i].ch->bins[0].upper,
			    b->chars[k]->bins[0].upper);
		}
	ck_assert(found);
	ck_assert(card->auc > 0.75 && card->auc < 0.85);
	card_free(card);

	/* YAML out, forget, YAML in: the same bins, saved again. */
	ck_assert_int_eq(desk_bins_export(b, NULL, 0, yaml, &err), 0);
	ck_assert_int_eq(desk_bins_forget(d, b, (size_t)k, &err), 0);
	ck_assert_int_eq(b->saved[k], 0);
	ck_assert_uint_eq(b->chars[k]->nbins, nb);
	ck_assert_int_eq(desk_bins_apply_spec(d, b, yaml, &napplied, &err), 0);
	ck_assert_uint_eq(napplied, 20);
	ck_assert_uint_eq(b->chars[k]->nbins, nb - 1);
	ck_assert_int_eq(b->saved[k], 1);
	{
		int p = desk_bins_index(b, "purpose");
		struct characteristic *opt = bin_optimal(german,
		    col_of(german, "purpose"), &bs, &err);

		ck_assert_uint_eq(b->chars[p]->nbins, opt->nbins);
		for (i = 0; i < opt->nbins; i++)
			ck_assert_str_eq(b->chars[p]->bins[i].label,
			    opt->bins[i].label);
		ck_assert_double_eq_tol(b->chars[p]->iv, opt->iv, 1e-15);
		characteristic_free(opt);
	}

	/* CSI against itself: 0 everywhere, stable. */
	cs = desk_bins_csi(d, b, "german", &err);
	ck_assert_ptr_nonnull(cs);
	ck_assert_uint_eq(cs->n, 20);
	for (i = 0; i < cs->n; i++) {
		ck_assert_double_eq_tol(cs->v[i].csi, 0, 1e-15);
		ck_assert_str_eq(cs->v[i].reading, "stable");
	}
	desk_csi_free(cs);

	/* A bad spec changes nothing. */
	{
		FILE *f = fopen(yaml, "w");

		fputs("format: riskdesk binning\nversion: 1\ntable: german\n"
		    "characteristics:\n  - name: age_in_years\n"
		    "    type: numeric\n    breaks: [30, 25]\n", f);
		fclose(f);
	}
	ck_assert_int_eq(desk_bins_apply_spec(d, b, yaml, NULL, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 7);
	ck_assert_str_eq(err.msg, "expected breaks in increasing order");
	ck_assert_uint_eq(b->chars[k]->nbins, nb - 1);
	desk_bins_free(b);
	desk_close(d);
	unlink(yaml);
	unlink(path);
}
END_TEST

START_TEST(test_binspec_errors)
{
	/* Located errors of the YAML binning spec. */
	static const struct {
		const char *text;
		int line;
		const char *msg;
	} cases[] = {
		{ "format: riskdesk binning\nversion: 2\ntable: t\n"
		  "characteristics: []\n", 2, "expected version: 1" },
		{ "format: riskdesk binning\nversion: 1\ntable: t\n"
		  "characteristics:\n  - name: a\n    type: text\n"
		  "    groups: [[x], []]\n", 7,
		  "expected a non-empty list of levels in a group of 'a'" },
		{ "format: riskdesk binning\nversion: 1\ntable: t\n"
		  "characteristics:\n  - name: a\n    type: numeric\n"
		  "    breaks: [1]\n    colour: red\n", 8,
		  "unknown key 'colour' in a characteristic" },
		{ "format: riskdesk binning\nversion: 1\ntable: t\n"
		  "characteristics:\n  - name: a\n    type: text\n"
		  "    groups: [[x]]\n    other: 2\n", 8,
		  "expected other to be a group number of 'a'" },
		{ "format: riskdesk binning\nversion: [1\n", 3, NULL },
	};
	char path[256];
	struct binspec s;
	struct rd_err err;
	size_t i;

	snprintf(path, sizeof path, "scratch-binspec-%ld.yaml",
	    (long)getpid());
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		FILE *f = fopen(path, "w");

		fputs(cases[i].text, f);
		fclose(f);
		rd_err_clear(&err);
		ck_assert_int_eq(binspec_load(path, &s, &err), -1);
		ck_assert_int_eq(err.cls, RD_EINPUT);
		ck_assert_int_eq(err.line, cases[i].line);
		if (cases[i].msg != NULL)
			ck_assert_str_eq(err.msg, cases[i].msg);
	}
	unlink(path);
	ck_assert_int_eq(binspec_load("no/such/file.yaml", &s, &err), -1);
	ck_assert_int_eq(err.cls, RD_EIO);
}
END_TEST

/* ================================================ real-world files */

/*
 * The fine "other" bin holding several levels, merged by the coarse
 * classing with the bin after it.  Regression: the merged group's level
 * array was sized for the plain levels alone, and the levels grouped as
 * other were written past its end (a heap overflow that aborted "bin"
 * and "fit" on an employer column of 150 rare levels).
 *   840 rows: big1 400 rows, 40 bad; big2 400 rows, 80 bad; r00 .. r19
 *   2 rows each (0.24% < 1%: "other"), one bad and one good each.  The
 *   other bin holds 40 rows, 4.8% < min_share 5%, so it must join its
 *   neighbour in bad-rate order (other 50%, big2 20%, big1 10%):
 *   groups {big2, other} and {big1}.  G = 700, B = 140.
 *   {big2, other}: 340 goods, 100 bads:
 *     WoE = ln((340/700)/(100/140)) = ln 0.68 = -0.385662480811985
 *   {big1}: 360 goods, 40 bads:
 *     WoE = ln((360/700)/(40/140)) = ln 1.8 = 0.587786664902119
 *   IV = (340/700 - 100/140)(-0.385662) + (360/700 - 40/140)(0.587787)
 *      = 0.222502661877509
 */
START_TEST(test_coarse_other_group_merged)
{
	size_t n = 840, i, k = 0;
	const char **v = xmalloc(n * sizeof *v);
	char (*rare)[8] = xmalloc(20 * sizeof *rare);
	signed char *y = xmalloc(n);
	struct dataset *ds = hand_ds(n);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	for (i = 0; i < 400; i++, k++) {
		v[k] = "big1";
		y[k] = i < 40 ? DS_BAD : DS_GOOD;
	}
	for (i = 0; i < 400; i++, k++) {
		v[k] = "big2";
		y[k] = i < 80 ? DS_BAD : DS_GOOD;
	}
	for (i = 0; i < 40; i++, k++) {
		snprintf(rare[i / 2], sizeof rare[i / 2], "r%02zu", i / 2);
		v[k] = rare[i / 2];
		y[k] = i % 2 == 0 ? DS_BAD : DS_GOOD;
	}
	hand_text(ds, "employer", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_uint_eq(ch->bins[0].nlevels, 21);
	ck_assert_uint_eq(ch->bins[0].nother, 20);
	ck_assert_int_eq(ch->bins[0].other, 1);
	ck_assert_str_eq(ch->bins[0].levels[0], "big2");
	for (i = 0; i < 20; i++)
		ck_assert_str_eq(ch->bins[0].levels[i + 1], rare[i]);
	ck_assert_str_eq(ch->bins[0].label, "big2, other (r00, r01, r02, r03, "
	    "r04, r05, r06, r07, r08, r09, r10 and 9 more)");
	ck_assert_uint_eq(ch->bins[0].count, 440);
	ck_assert_uint_eq(ch->bins[0].bads, 100);
	ck_assert_uint_eq(ch->bins[1].nlevels, 1);
	ck_assert_str_eq(ch->bins[1].levels[0], "big1");
	ck_assert_double_eq_tol(ch->bins[0].woe, -0.385662480811985, 1e-12);
	ck_assert_double_eq_tol(ch->bins[1].woe, 0.587786664902119, 1e-12);
	ck_assert_double_eq_tol(ch->iv, 0.222502661877509, 1e-12);
	/* An unseen level goes to the group taking other. */
	ck_assert_int_eq(bin_index_text(ch, "r99"), 0);
	characteristic_free(ch);
	free(v);
	free(rare);
	free(y);
	ds_free(ds);
}
END_TEST

/*
 * Classing a text column of 200,000 distinct levels: every level holds
 * 0.0005% of the rows, all go to "other" (a single bin), and counting,
 * applying and scoring map the levels to bins once, by merging sorted
 * lists.  A search of the bins' levels per column level (the old
 * bin_index_text loop) made this 2e10 string comparisons.
 */
START_TEST(test_text_classing_many_levels)
{
	size_t n = 200000, i;
	struct dataset *ds = hand_ds(n);
	struct ds_column *c;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	struct bin_applied a;
	int *map;
	unsigned char *listed;

	ds->cols = xcalloc(1, sizeof *ds->cols);
	ds->ncols = 1;
	c = &ds->cols[0];
	c->name = xstrdup("app_no");
	c->type = DS_TEXT;
	c->code = xmalloc(n * sizeof *c->code);
	c->levels = xmalloc(n * sizeof *c->levels);
	for (i = 0; i < n; i++) {
		c->levels[i] = xasprintf("K%07zu", i);	/* sorted */
		c->code[i] = (int)i;
		ds->y[i] = i % 7 == 0 ? DS_BAD : i % 11 == 0 ? DS_INDET :
		    DS_GOOD;
	}
	c->nlevels = n;
	hand_set_y(ds, ds->y);
	bin_spec_init(&bs);
	ch = bin_optimal(ds, c, &bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	ck_assert_uint_eq(ch->nbins, 1);
	/* Every level holds one row, so only goods or only bads: the
	   column splits them on its own (bin_splits), said so rather than
	   "single bin". */
	ck_assert_str_eq(ch->status, "separates goods from bads");
	ck_assert_ptr_nonnull(strstr(ch->splits, BIN_SPLITS " (every level "
	    "holds only goods or only bads; bads only: K0000000, K0000007, "
	    "K0000014, ...; goods only: K0000001, K0000002, K0000003, ...)"));
	ck_assert_uint_eq(ch->bins[0].count, ds->ngood + ds->nbad);
	/* Levels without a known outcome (i % 11 == 0, i % 7 != 0) are in
	   no bin: 200,000 / 11 rounded up, less those also multiples of 7
	   (i % 77 == 0): 18,182 - 2,598 = 15,584. */
	ck_assert_uint_eq(ch->nfallback, 15584);
	ck_assert_uint_eq(ch->bins[0].nlevels, n - 15584);
	ck_assert_str_eq(ch->fallback_levels, "K0000011, K0000022, K0000033");
	ck_assert_str_eq(ch->bins[0].label, "other (K0000000, K0000001, "
	    "K0000002, K0000003, K0000004, K0000005, K0000006, K0000007, "
	    "K0000008, K0000009, K0000010 and 184,405 more)");
	map = xmalloc(n * sizeof *map);
	listed = xmalloc(n);
	bin_level_map(ch, c, map, listed);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(map[i], 0);
		ck_assert_int_eq(listed[i], !(i % 11 == 0 && i % 7 != 0));
	}
	ck_assert_int_eq(bin_apply(ch, c, n, &a, &err), 0);
	ck_assert_uint_eq(a.count[0], n);
	ck_assert_uint_eq(a.unseen, 15584);
	bin_applied_done(&a);
	free(map);
	free(listed);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

/*
 * bin_level_map against bin_index_text, level by level, on groups that
 * list levels the column lacks and miss levels the column has.
 * Binning: {a, c}, {b, other (e)}; column levels a b c d e f.  d and f
 * are listed nowhere: they take the fallback, the group flagged other.
 */
START_TEST(test_level_map_merge)
{
	static const char *const g1[] = { "a", "c", "x", NULL };
	static const char *const g2[] = { "b", "e", NULL };
	static const char *const *const groups[] = { g1, g2 };
	static const char *const v[8] = { "a", "b", "c", "d", "e", "f", "a",
		"b" };
	static const signed char y[8] = { 0, 1, 0, 1, 0, 1, 1, 0 };
	struct dataset *ds = hand_ds(8);
	struct bin_def def;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	int map[6];
	unsigned char listed[6];
	size_t l;

	hand_text(ds, "t", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	memset(&def, 0, sizeof def);
	def.groups = groups;
	def.ngroups = 2;
	def.other_group = 1;
	def.other_levels = 1;
	ch = bin_from_def(ds, &ds->cols[0], &def, &bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	ck_assert_int_eq(bin_fallback(ch), 1);
	bin_level_map(ch, &ds->cols[0], map, listed);
	for (l = 0; l < 6; l++) {
		ck_assert_int_eq(map[l], bin_index_text(ch,
		    ds->cols[0].levels[l]));
		ck_assert_int_eq(listed[l], l != 3 && l != 5);
	}
	ck_assert_int_eq(map[3], 1);
	ck_assert_int_eq(map[0], 0);
	/* d and f: 2 levels of 1 row each (both with an outcome), counted
	   in the other group: {b, e, d, f} 4 rows. */
	ck_assert_uint_eq(ch->nfallback, 2);
	ck_assert_uint_eq(ch->fallback_rows, 2);
	ck_assert_uint_eq(ch->fallback_known, 2);
	ck_assert_str_eq(ch->fallback_levels, "d, f");
	ck_assert_uint_eq(ch->bins[1].count, 5);
	characteristic_free(ch);
	/* A level twice is refused, also within one group. */
	{
		static const char *const d1[] = { "a", "b", "a", NULL };
		static const char *const *const dg[] = { d1 };

		def.groups = dg;
		def.ngroups = 1;
		def.other_group = -1;
		ck_assert_ptr_null(bin_from_def(ds, &ds->cols[0], &def, &bs,
		    &err));
		ck_assert_str_eq(err.msg, "level 'a' of 't' is twice in "
		    "group 1");
		def.groups = groups;
		def.ngroups = 2;
		{
			static const char *const h1[] = { "a", "e", NULL };
			static const char *const *const hg[] = { h1, g2 };

			def.groups = hg;
			ck_assert_ptr_null(bin_from_def(ds, &ds->cols[0],
			    &def, &bs, &err));
			ck_assert_str_eq(err.msg, "level 'e' of 't' is in "
			    "groups 1 and 2");
		}
	}
	ds_free(ds);
}
END_TEST

/*
 * Levels seen only in rows without a known outcome have no bad rate: no
 * bin lists them, and they take the unseen-level fallback.
 *   A: 20 rows, 15 good, 5 bad; B: 20 rows, 10 good, 10 bad; Z: 6 rows,
 *   all indeterminate (13% of the rows: not small, but no evidence).
 *   G = 25, B = 15:
 *     WoE_A = ln((15/25)/(5/15)) = ln 1.8 = 0.587786664902119
 *     WoE_B = ln((10/25)/(10/15)) = ln 0.6 = -0.510825623765991
 *     IV = (0.6 - 1/3) 0.587787 + (0.4 - 2/3)(-0.510826)
 *        = 0.292963276978163
 *   The fallback is the group of largest count, the first of A and B
 *   (20 each): A.  With other_share 0.15, C (3 rows: 2 good, 1 bad;
 *   3/49 = 6%) is small and grouped as other; Z (6/49 = 12%, also under
 *   15%) is still in no bin, and the fallback is the other group.
 */
START_TEST(test_levels_without_outcome)
{
	const char *v[49];
	signed char y[49];
	struct dataset *ds;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch, *co;
	struct bin_applied a;
	size_t i, l, k = 0;

	for (i = 0; i < 20; i++, k++) {
		v[k] = "A";
		y[k] = i < 5 ? DS_BAD : DS_GOOD;
	}
	for (i = 0; i < 20; i++, k++) {
		v[k] = "B";
		y[k] = i < 10 ? DS_BAD : DS_GOOD;
	}
	for (i = 0; i < 6; i++, k++) {
		v[k] = "Z";
		y[k] = DS_INDET;
	}
	ds = hand_ds(46);
	hand_text(ds, "grade", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_str_eq(ch->bins[0].label, "A");
	ck_assert_str_eq(ch->bins[1].label, "B");
	ck_assert_uint_eq(ch->nlevels, 3);
	ck_assert_uint_eq(ch->nfallback, 1);
	ck_assert_uint_eq(ch->fallback_rows, 6);
	ck_assert_uint_eq(ch->fallback_known, 0);
	ck_assert_str_eq(ch->fallback_levels, "Z");
	ck_assert_double_eq_tol(ch->bins[0].woe, 0.587786664902119, 1e-12);
	ck_assert_double_eq_tol(ch->bins[1].woe, -0.510825623765991, 1e-12);
	ck_assert_double_eq_tol(ch->iv, 0.292963276978163, 1e-12);
	ck_assert_int_eq(bin_fallback(ch), 0);
	ck_assert_int_eq(bin_index_text(ch, "Z"), 0);
	/* The coarse classing groups by bad rate: Z in none of its groups,
	   and it says so. */
	co = bin_coarse(ch, &bs);
	for (i = 0; i < co->nbins; i++)
		for (l = 0; l < co->bins[i].nlevels; l++)
			ck_assert_str_ne(co->bins[i].levels[l], "Z");
	ck_assert_uint_eq(co->nfallback, 1);
	ck_assert_str_eq(co->fallback_levels, "Z");
	characteristic_free(co);
	/* Applied: Z's 6 rows are counted as unseen, in A's bin. */
	ck_assert_int_eq(bin_apply(ch, &ds->cols[0], ds->nrows, &a, &err), 0);
	ck_assert_uint_eq(a.unseen, 6);
	ck_assert_int_eq(a.unseen_bin, 0);
	ck_assert_uint_eq(a.count[0], 26);
	ck_assert_uint_eq(a.count[1], 20);
	bin_applied_done(&a);
	/* The officer may place Z by hand: then it is listed. */
	ck_assert_int_eq(bin_move_level(ch, "Z", 1, ds, &ds->cols[0], &bs,
	    &err), 0);
	ck_assert_uint_eq(ch->nfallback, 0);
	ck_assert_int_eq(bin_index_text(ch, "Z"), 1);
	ck_assert_str_eq(ch->bins[1].label, "B, Z");
	ck_assert_uint_eq(ch->bins[1].count, 20);
	characteristic_free(ch);
	ds_free(ds);

	for (i = 0; i < 3; i++, k++) {
		v[k] = "C";
		y[k] = i < 1 ? DS_BAD : DS_GOOD;
	}
	ds = hand_ds(49);
	hand_text(ds, "grade", v);
	hand_set_y(ds, y);
	bs.other_share = 0.15;
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_uint_eq(ch->nbins, 3);
	ck_assert_str_eq(ch->bins[2].label, "other (C)");
	ck_assert_uint_eq(ch->bins[2].nother, 1);
	ck_assert_int_eq(bin_index_text(ch, "Z"), 2);
	ck_assert_uint_eq(ch->nfallback, 1);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

/*
 * A text characteristic of many levels is flagged (overfitting): 51
 * levels L00 .. L50, 2 rows each (one good, one bad); the threshold is
 * bin_spec.many_levels, default 50: 51 > 50 flags it, 51 > 51 does not.
 */
/*
 * A level holding only bads, merged by coarse classing (which wants a good
 * and a bad in every bin) into a bin with both, is named.  flag: N on 367
 * rows (296 goods, 71 bads), Y on 14 rows (all bad), Z on 2 rows (both
 * bad).  Overall bad rate q = 87 / 383 = 0.22715.  Y: q^14 = 9.7e-10,
 * below 1%: named.  Z: q^2 = 0.0516, above 1%: chance, not named.  The
 * note goes once the officer moves Y to a bin of its own.
 */
START_TEST(test_pure_level_named)
{
	enum { N = 383 };
	const char *v[N];
	signed char y[N];
	struct dataset *ds = hand_ds(N);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	size_t i;
	double q = 87.0 / 383.0;

	for (i = 0; i < N; i++) {
		v[i] = i < 367 ? "N" : i < 381 ? "Y" : "Z";
		y[i] = i < 296 ? DS_GOOD : DS_BAD;
	}
	hand_text(ds, "flag", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ck_assert(pow(q, 14) < 0.01);
	ck_assert(pow(q, 2) > 0.01);
	ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->nbins, 1);
	ck_assert_uint_eq(ch->npure, 1);
	ck_assert_msg(strstr(ch->pure, "level Y holds only bads (14 of 14 "
	    "rows with a known outcome) but was merged into ") == ch->pure,
	    "%s", ch->pure);
	ck_assert_ptr_null(strstr(ch->pure, "level Z"));
	ck_assert_ptr_nonnull(strstr(ch->pure, "--move 'Y=new'"));
	ck_assert_int_eq(bin_move_level(ch, "Y", -1, ds, &ds->cols[0], &bs,
	    &err), 0);
	ck_assert_ptr_null(ch->pure);
	ck_assert_uint_eq(ch->npure, 0);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

/*
 * Could the levels' IV be chance?  Six levels, (goods, bads): A (30, 10),
 * B (28, 12), C (35, 5), D (25, 15), E (32, 8), F (30, 10); G 180, B 60.
 * IV = sum (g/G - b/B) ln((g/G) / (b/B)) = 0.183409236175822, and the
 * J-divergence statistic IV / (1/G + 1/B) = 8.25341562791199 on 5 df has
 * upper tail 0.142811341499572: chance, warned.  With (60, 5), (20, 25),
 * (50, 10), (30, 20), (45, 8), (40, 12): IV 0.740811587790025, statistic
 * 44.6766372944138, p 1.68793041146123e-08: no warning.  Reference: R
 * 4.2.2, pchisq(s, 5, lower.tail = FALSE) with the IV computed as above.
 */
static struct characteristic *
levels_binned(const size_t *g, const size_t *b, struct dataset **out)
{
	static const char *const name[6] = { "A", "B", "C", "D", "E", "F" };
	size_t n = 0, i, l, k;
	const char **v;
	signed char *y;
	struct dataset *ds;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	for (l = 0; l < 6; l++)
		n += g[l] + b[l];
	v = xmalloc(n * sizeof *v);
	y = xmalloc(n * sizeof *y);
	ds = hand_ds(n);
	for (l = 0, i = 0; l < 6; l++)
		for (k = 0; k < g[l] + b[l]; k++, i++) {
			v[i] = name[l];
			y[i] = k < g[l] ? DS_GOOD : DS_BAD;
		}
	hand_text(ds, "code", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
	ck_assert_msg(ch != NULL, "%s", err.msg);
	free(v);
	free(y);
	*out = ds;
	return ch;
}

START_TEST(test_levels_within_chance)
{
	static const size_t g1[6] = { 30, 28, 35, 25, 32, 30 };
	static const size_t b1[6] = { 10, 12, 5, 15, 8, 10 };
	static const size_t g2[6] = { 60, 20, 50, 30, 45, 40 };
	static const size_t b2[6] = { 5, 25, 10, 20, 8, 12 };
	struct dataset *ds;
	struct characteristic *ch;

	ch = levels_binned(g1, b1, &ds);
	ck_assert_uint_eq(ch->chance_bins, 6);
	ck_assert_rel(ch->chance_p, 0.142811341499572, 1e-9);
	characteristic_free(ch);
	ds_free(ds);
	ch = levels_binned(g2, b2, &ds);
	ck_assert_uint_eq(ch->chance_bins, 6);
	ck_assert_rel(ch->chance_p, 1.68793041146123e-08, 1e-9);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_many_levels_flag)
{
	const char *v[102];
	signed char y[102];
	char names[51][4];
	struct dataset *ds = hand_ds(102);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	size_t i;

	for (i = 0; i < 102; i++) {
		snprintf(names[i / 2], sizeof names[i / 2], "L%02zu", i / 2);
		v[i] = names[i / 2];
		y[i] = i % 2 == 0 ? DS_BAD : DS_GOOD;
	}
	hand_text(ds, "employer", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ck_assert_uint_eq(bs.many_levels, 50);
	ch = bin_optimal(ds, &ds->cols[0], &bs, &err);
	ck_assert_uint_eq(ch->nlevels, 51);
	ck_assert_int_eq(ch->many_levels, 1);
	bs.many_levels = 51;
	bin_woe(ch, &bs);
	ck_assert_int_eq(ch->many_levels, 0);
	characteristic_free(ch);
	/* Numbers are never flagged. */
	{
		double x[102];

		for (i = 0; i < 102; i++)
			x[i] = (double)i;
		hand_num(ds, "n", x);
		bs.many_levels = 1;
		ch = bin_fine(ds, &ds->cols[1], &bs, &err);
		ck_assert_int_eq(ch->many_levels, 0);
		characteristic_free(ch);
	}
	ds_free(ds);
}
END_TEST

/*
 * A split that would leave a bin without rows of known outcome is
 * refused.  x: 1 (good, bad), 2, 3, 4 (a good and a bad each), 10 (two
 * indeterminate rows).  Breaks { 1.5 }: [-inf, 1.5) holds 1, [1.5, inf)
 * holds 2, 3, 4 and the indeterminate 10s.
 */
START_TEST(test_split_refuses_empty_bin)
{
	static const double x[10] = { 1, 1, 2, 2, 3, 3, 4, 4, 10, 10 };
	static const signed char y[10] = { 0, 1, 0, 1, 0, 1, 0, 1, -1, -1 };
	static const double br[1] = { 1.5 };
	struct dataset *ds = hand_ds(10);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_from_breaks(ds, &ds->cols[0], br, 1, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	/* [5, inf) would hold only the 10s. */
	ck_assert_int_eq(bin_split(ch, 1, 5, ds, &ds->cols[0], &bs, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "cannot split bin 2 of 'x' at 5: [5, inf) "
	    "would hold no rows with a known outcome; expected a value above "
	    "2 and at most 4 (the smallest and largest in the bin)");
	/* [1.5, 1.8) would be empty. */
	ck_assert_int_eq(bin_split(ch, 1, 1.8, ds, &ds->cols[0], &bs, &err),
	    -1);
	ck_assert_str_eq(err.msg, "cannot split bin 2 of 'x' at 1.8: "
	    "[1.5, 1.8) would hold no rows with a known outcome; expected a "
	    "value above 2 and at most 4 (the smallest and largest in the "
	    "bin)");
	/* One value only. */
	ck_assert_int_eq(bin_split(ch, 0, 1, ds, &ds->cols[0], &bs, &err), -1);
	ck_assert_str_eq(err.msg, "cannot split bin 1 of 'x' ([-inf, 1.5)): "
	    "every row with a known outcome has the value 1, so a part would "
	    "be empty");
	ck_assert_uint_eq(ch->nbins, 2);
	/* At the largest value: [4, inf) holds the 4s. */
	ck_assert_int_eq(bin_split(ch, 1, 4, ds, &ds->cols[0], &bs, &err), 0);
	ck_assert_uint_eq(ch->nbins, 3);
	ck_assert_uint_eq(ch->bins[2].count, 2);
	ck_assert_uint_eq(ch->bins[1].count, 4);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

/*
 * An empty range gets no points: merged into its neighbour before the
 * points are scaled, so its values score as the neighbour's.
 * x 1 (30 rows, 20 bad), 4 (30 rows, 10 bad), 9 (30 rows, 3 bad) and 6
 * (5 indeterminate rows).  Breaks 3, 5, 8: [5, 8) holds only the 6s.
 * One WoE-coded characteristic reproduces the bins' bad rates, so the
 * logistic fit has b1 = -1 and b0 = ln(B/G) = ln(33/57):
 *   [-inf, 3): WoE = ln((10/57)/(20/33)) = -1.239691...
 * and points = round(-factor b1 WoE) = round(28.8539 WoE).
 */
START_TEST(test_empty_range_gets_no_points)
{
	double x[95];
	signed char y[95];
	static const double br[3] = { 3, 5, 8 };
	struct dataset *ds = hand_ds(95);
	struct bin_spec bs;
	struct card_fit_spec fs;
	struct rd_err err;
	struct characteristic *ch;
	struct scorecard *card;
	double score[95], factor = 20 / log(2.0);
	size_t i;

	for (i = 0; i < 95; i++) {
		x[i] = i < 30 ? 1 : i < 60 ? 4 : i < 90 ? 9 : 6;
		y[i] = i >= 90 ? DS_INDET : i < 20 ? DS_BAD :
		    i >= 30 && i < 40 ? DS_BAD : i >= 60 && i < 63 ? DS_BAD :
		    DS_GOOD;
	}
	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_from_breaks(ds, &ds->cols[0], br, 3, &bs, &err);
	ck_assert_uint_eq(ch->nbins, 4);
	ck_assert_uint_eq(ch->bins[2].count, 0);
	card_fit_spec_init(&fs);
	card = card_fit_chars(ds, "empty", &ch, 1, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_double_eq_tol(card->chars[0].coef, -1, 1e-8);
	ck_assert_double_eq_tol(card->intercept, log(33.0 / 57.0), 1e-8);
	ch = card->chars[0].ch;
	ck_assert_uint_eq(ch->nbins, 3);
	ck_assert_str_eq(ch->bins[1].label, "[3, 8)");
	ck_assert_uint_eq(card->nnotes, 1);
	ck_assert_str_eq(card->notes[0], "x: range [5, 8) holds no rows with a "
	    "known outcome: merged into [3, 8)");
	ck_assert_double_eq_tol(ch->bins[0].woe, log((10.0 / 57) / (20.0 / 33)),
	    1e-12);
	ck_assert_double_eq(card->chars[0].points[0],
	    round(factor * log((10.0 / 57) / (20.0 / 33))));
	ck_assert_double_eq(card->chars[0].points[1],
	    round(factor * log((20.0 / 57) / (10.0 / 33))));
	/* The 6s score as the 4s. */
	ck_assert_int_eq(card_score(card, ds, score, NULL, &err), 0);
	ck_assert_double_eq(score[92], score[45]);
	/* Through JSON and back, the notes stay. */
	{
		char *text = card_serialize(card);
		struct scorecard *back = card_parse(text, &err);

		ck_assert_ptr_nonnull(back);
		ck_assert_uint_eq(back->nnotes, 1);
		ck_assert_str_eq(back->notes[0], card->notes[0]);
		card_free(back);
		free(text);
	}
	card_free(card);
	ds_free(ds);
}
END_TEST

/*
 * PSI and CSI by one rule (bin_csi): a bin empty in both samples adds
 * nothing; a bin empty in one sample only has its zero count replaced by
 * 0.5 and both totals re-summed (flagged, adjusted).
 *   base {40, 0, 60, 0}, new {30, 0, 50, 20}: bin 2 empty in both
 *   (left out); bin 4 empty in the base: base counts 40, 60, 0.5 (total
 *   100.5), new 30, 50, 20 (total 100):
 *     (0.3 - 40/100.5) ln(0.3 / (40/100.5))   = 0.0277083...
 *     (0.5 - 60/100.5) ln(0.5 / (60/100.5))   = 0.0172049...
 *     (0.2 - 0.5/100.5) ln(0.2 / (0.5/100.5)) = 0.7203936...
 *     PSI = 0.765306874557455 (Python 3.11 math.log, the same sums)
 *   base {50, 0, 50}, new {25, 0, 75}: no adjustment; bin 2 adds
 *   nothing: (0.25 - 0.5) ln 0.5 + (0.75 - 0.5) ln 1.5 =
 *   0.274653072167027 (the old rule, 0.5 for every zero, gave 0.2698).
 * validate_psi on values falling in the same bins gives the same sums.
 */
START_TEST(test_psi_csi_empty_bins)
{
	static const size_t b4[4] = { 40, 0, 60, 0 }, c4[4] = { 30, 0, 50, 20 };
	static const size_t b3[3] = { 50, 0, 50 }, c3[3] = { 25, 0, 75 };
	double sb[4], sc[4], ct[4], base[100], cur[100], x;
	enum bin_psi_flag fl[4];
	struct val_psi ps;
	struct rd_err err;
	static const double br4[3] = { 2, 2.5, 3.5 }, br3[2] = { 2, 2.5 };
	int adj;
	size_t i;

	x = bin_csi(b4, c4, 4, 0.5, sb, sc, ct, fl, &adj);
	ck_assert_double_eq_tol(x, 0.765306874557455, 1e-12);
	ck_assert_int_eq(adj, 1);
	ck_assert_int_eq(fl[0], BIN_PSI_OK);
	ck_assert_int_eq(fl[1], BIN_PSI_EMPTY_BOTH);
	ck_assert_int_eq(fl[3], BIN_PSI_EMPTY_BASE);
	ck_assert_double_eq(ct[1], 0);
	ck_assert_double_eq(sb[3], 0);	/* shares before the adjustment */
	ck_assert_double_eq_tol(sc[3], 0.2, 1e-15);
	ck_assert_double_eq_tol(ct[3], (0.2 - 0.5 / 100.5) *
	    log(0.2 / (0.5 / 100.5)), 1e-12);
	ck_assert_str_eq(bin_psi_flag_text(fl[3]),
	    "empty in the development sample");
	x = bin_csi(b3, c3, 3, 0.5, NULL, NULL, NULL, fl, &adj);
	ck_assert_double_eq_tol(x, 0.274653072167027, 1e-12);
	ck_assert_int_eq(adj, 0);
	ck_assert_int_eq(fl[1], BIN_PSI_EMPTY_BOTH);
	ck_assert(isnan(bin_csi(b3, b3, 0, 0.5, NULL, NULL, NULL, NULL,
	    &adj)));

	/* The score's PSI on the same bins: base 40 x 1, 60 x 3; new 30 x
	   1, 50 x 3, 20 x 4; breaks 2, 2.5, 3.5. */
	for (i = 0; i < 100; i++) {
		base[i] = i < 40 ? 1 : 3;
		cur[i] = i < 30 ? 1 : i < 80 ? 3 : 4;
	}
	ck_assert_int_eq(validate_psi(base, 100, cur, 100, br4, 3, 0, 0.5,
	    &ps, &err), 0);
	ck_assert_uint_eq(ps.nbins, 4);
	ck_assert_double_eq_tol(ps.psi, 0.765306874557455, 1e-12);
	ck_assert(isnan(ps.psi_strict));
	ck_assert_int_eq(ps.adjusted, 1);
	ck_assert_int_eq(ps.bins[1].flag, BIN_PSI_EMPTY_BOTH);
	ck_assert_int_eq(ps.bins[3].flag, BIN_PSI_EMPTY_BASE);
	val_psi_done(&ps);
	for (i = 0; i < 100; i++) {
		base[i] = i < 50 ? 1 : 3;
		cur[i] = i < 25 ? 1 : 3;
	}
	ck_assert_int_eq(validate_psi(base, 100, cur, 100, br3, 2, 0, 0.5,
	    &ps, &err), 0);
	ck_assert_double_eq_tol(ps.psi, 0.274653072167027, 1e-12);
	ck_assert_double_eq_tol(ps.psi_strict, 0.274653072167027, 1e-12);
	ck_assert_int_eq(ps.adjusted, 0);
	val_psi_done(&ps);
}
END_TEST

/*
 * Identifiers on the desk: tests/data/realworld/bin-applications.csv
 * (600 invented applications: app_no A1000001.., seq 1..600, employer of
 * 69 levels, channel with "kiosk" only on rejected applications, age,
 * income, bad empty for the 57 rejected).  The import records every
 * column's role; here seq's note is rewritten and app_no's record is
 * removed (a table made before roles were recorded), so that app_no is
 * one by binning's own rule (600 distinct values > 50 and > 0.5 x 600).  Neither is binned,
 * ranked or fitted; seq is not even read.
 */
START_TEST(test_identifiers_left_out)
{
	const char *path = scratch_db("bin-ids");
	struct db *db = import_to(path, "tests/data/realworld/"
	    "bin-applications.csv", "apps", "bad", "1");
	struct rd_err err;
	struct desk *d;
	struct desk_bins *b;
	struct desk_study *st;
	struct bin_spec bs;
	struct card_fit_spec fs;
	struct scorecard *card;
	int k;

	rd_err_clear(&err);
	ck_assert_int_eq(db_column_role_set(db, "apps", "seq",
	    DS_ROLE_IDENTIFIER, "identifier: row number 1 to 600", &err), 0);
	ck_assert_int_eq(db_column_role_set(db, "apps", "app_no", NULL, NULL,
	    &err), 0);
	db_close(db);
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	bin_spec_init(&bs);
	b = desk_bins_open(d, "apps", &bs, &err);
	ck_assert_msg(b != NULL, "%s", err.msg);
	ck_assert_uint_eq(b->ds->nrows, 600);
	ck_assert_uint_eq(b->ds->nindet, 57);
	ck_assert_int_eq(ds_column_index(b->ds, "seq"), -1);	/* not read */
	ck_assert_uint_eq(b->nleft_out, 2);
	ck_assert_str_eq(b->left_out[0].name, "app_no");
	ck_assert_str_eq(b->left_out[0].why, "identifier: 600 distinct values "
	    "in 600 rows");
	ck_assert_str_eq(b->left_out[1].name, "seq");
	ck_assert_str_eq(b->left_out[1].why, "identifier: row number 1 to 600");
	ck_assert_int_eq(desk_bins_index(b, "app_no"), -1);
	ck_assert_ptr_nonnull(desk_bins_left_out(b, "seq"));
	ck_assert_uint_eq(b->nchars, 4);
	k = desk_bins_index(b, "employer");
	ck_assert_uint_eq(b->chars[k]->nlevels, 69);
	ck_assert_int_eq(b->chars[k]->many_levels, 1);
	k = desk_bins_index(b, "channel");
	ck_assert_uint_eq(b->chars[k]->nfallback, 1);
	ck_assert_str_eq(b->chars[k]->fallback_levels, "kiosk");
	ck_assert_uint_eq(b->chars[k]->fallback_rows, 23);
	ck_assert_uint_eq(b->chars[k]->fallback_known, 0);
	desk_bins_free(b);

	card_fit_spec_init(&fs);
	ck_assert_int_eq(desk_fit(d, "apps", "apps", &fs, &card, &err), 0);
	ck_assert_uint_ge(card->ndropped, 2);
	ck_assert_str_eq(card->dropped[0], "seq: identifier: row number 1 to "
	    "600");
	ck_assert_str_eq(card->dropped[1], "app_no: identifier: 600 distinct "
	    "values in 600 rows");
	for (k = 0; k < (int)card->nchars; k++) {
		ck_assert_str_ne(card->chars[k].ch->name, "seq");
		ck_assert_str_ne(card->chars[k].ch->name, "app_no");
	}
	card_free(card);

	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(st->nleft_out, 2);
	ck_assert_uint_eq(st->nchars, 4);
	while ((k = desk_study_class_step(st, &err)) == 1)
		;
	ck_assert_int_eq(k, 0);
	for (k = 0; k < (int)st->nchars; k++)
		ck_assert_str_ne(st->chars[k]->name, "app_no");
	desk_study_free(st);
	desk_close(d);
	unlink(path);
}
END_TEST

/*
 * Classing many columns at once on several threads gives what classing
 * them one by one gives (each column is classed whole by one thread);
 * a failure reports the first failing column in the order given.
 */
START_TEST(test_characteristics_threads)
{
	const struct ds_column **cols = xcalloc(german->ncols, sizeof *cols);
	struct characteristic **one = xcalloc(german->ncols, sizeof *one);
	struct characteristic **four = xcalloc(german->ncols, sizeof *four);
	struct bin_spec bs;
	struct rd_err err;
	size_t n = 0, j, b;

	for (j = 0; j < german->ncols; j++)
		if ((int)j != german->target)
			cols[n++] = &german->cols[j];
	bin_spec_init(&bs);
	bs.threads = 1;
	ck_assert_int_eq(bin_characteristics(german, cols, n, &bs, one, &err),
	    0);
	bs.threads = 4;
	ck_assert_int_eq(bin_characteristics(german, cols, n, &bs, four,
	    &err), 0);
	for (j = 0; j < n; j++) {
		ck_assert_str_eq(one[j]->name, cols[j]->name);
		ck_assert_str_eq(four[j]->name, cols[j]->name);
		ck_assert_uint_eq(one[j]->nbins, four[j]->nbins);
		ck_assert(one[j]->iv == four[j]->iv);
		for (b = 0; b < one[j]->nbins; b++)
			ck_assert_str_eq(one[j]->bins[b].label,
			    four[j]->bins[b].label);
		characteristic_free(one[j]);
		characteristic_free(four[j]);
	}
	bs.nquantiles = 0;
	ck_assert_int_eq(bin_characteristics(german, cols, n, &bs, one, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_str_eq(err.msg, "nquantiles must be at least 1, found 0");
	for (j = 0; j < n; j++)
		ck_assert_ptr_null(one[j]);
	free(cols);
	free(one);
	free(four);
}
END_TEST

/*
 * AUC and KS from counts per score value (metric_auc_counts, _ks_counts,
 * what a scorecard's development statistics use) equal those of the rows.
 * Goods 2, 1, 0 and bads 0, 1, 2 at risk values 1 < 2 < 3:
 *   AUC = sum bads_k (goods below + goods_k / 2) / (B G)
 *       = (0 + 1 (2 + 0.5) + 2 (3 + 0)) / 9 = 8.5 / 9 = 0.944444444
 *   KS: |cb G - cg B| = |0 - 6| = 6, |3 - 9| = 6, |9 - 9| = 0: 6 / 9 at
 *   the first value (the lowest of a tie).
 */
START_TEST(test_auc_ks_counts)
{
	static const size_t g[3] = { 2, 1, 0 }, b[3] = { 0, 1, 2 };
	static const double risk[6] = { 1, 1, 2, 2, 3, 3 };
	static const signed char y[6] = { 0, 0, 0, 1, 1, 1 };
	size_t at = 9;
	double x;

	ck_assert_double_eq_tol(metric_auc_counts(g, b, 3), 8.5 / 9, 1e-15);
	ck_assert_double_eq_tol(metric_ks_counts(g, b, 3, &at), 6.0 / 9,
	    1e-15);
	ck_assert_uint_eq(at, 0);
	ck_assert(metric_auc(risk, y, 6) == metric_auc_counts(g, b, 3));
	ck_assert(metric_ks(risk, y, 6, &x) == 6.0 / 9);
	ck_assert_double_eq(x, 1);
	ck_assert(isnan(metric_auc_counts(g, g + 2, 1)));
}
END_TEST

/*
 * The quantile cuts of a large column (found through buckets of equal
 * width, bin.c order_stats) are those of the definition: cut k is the
 * value at sorted position floor(k m / 20), the cuts equal to the
 * smallest value or to the cut before dropped; checked against a full
 * sort on 300,000 values of three shapes: whole numbers 18 .. 80 (ties
 * across cuts), a spread of reals, and reals with one outlier of 1e12
 * that crowds every other value into the first bucket.
 */
START_TEST(test_fine_cuts_large)
{
	size_t n = 300000, i, k, c;
	struct dataset *ds = hand_ds(n);
	double *x = xmalloc(n * sizeof *x), *s = xmalloc(n * sizeof *s);
	uint64_t r = 88172645463325252ULL;
	struct bin_spec bs;
	struct rd_err err;

	for (c = 0; c < 3; c++) {
		struct characteristic *ch;
		double want[20];
		size_t nw = 0;

		for (i = 0; i < n; i++) {
			double u;

			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			u = (double)(r >> 11) / 9007199254740992.0;
			x[i] = c == 0 ? 18 + floor(u * 63) : c == 1 ?
			    exp(8 + 2 * u * u) : u * u;
			ds->y[i] = (r & 7) == 0 ? DS_BAD : DS_GOOD;
		}
		if (c == 2)
			x[n / 3] = 1e12;
		hand_set_y(ds, ds->y);
		hand_num(ds, c == 0 ? "age" : c == 1 ? "income" : "ratio", x);
		memcpy(s, x, n * sizeof *s);
		qsort(s, n, sizeof *s, cmp_dbl);
		for (k = 1; k < 20; k++) {
			double v = s[k * n / 20];

			if (v <= s[0] || (nw > 0 && v <= want[nw - 1]))
				continue;
			want[nw++] = v;
		}
		bin_spec_init(&bs);
		ch = bin_fine(ds, &ds->cols[c], &bs, &err);
		ck_assert_ptr_nonnull(ch);
		ck_assert_uint_eq(ch->nbins, nw + 1);
		for (k = 0; k < nw; k++)
			ck_assert(ch->bins[k + 1].lower == want[k]);
		characteristic_free(ch);
	}
	free(x);
	free(s);
	ds_free(ds);
}
END_TEST

/* ================================================ aids to regrouping */

/*
 * The split offered: R's median of the bin's values with a known
 * outcome (indeterminate rows and NULLs left out).
 *   1 1 1 2 3 5 (and 100 indeterminate): median (1 + 2) / 2 = 1.5 > 1,
 *     offered 1.5;
 *   1 1 1 1 2 9: median (1 + 1) / 2 = 1, the smallest value, so a cut
 *     there leaves nothing below it: offered 2, the next larger value;
 *   3 7 4: median 4 (the middle of 3 4 7);
 *   2 2 2: one value, nothing to offer (NaN).
 */
START_TEST(test_split_offer)
{
	static const double x1[8] = { 1, 1, 1, 2, 3, 5, 100, NAN };
	static const double x2[6] = { 1, 1, 1, 1, 2, 9 };
	static const double x3[3] = { 3, 7, 4 };
	static const double x4[3] = { 2, 2, 2 };
	static const signed char y1[8] = { 0, 1, 0, 1, 0, 1, -1, 0 };
	static const signed char y2[6] = { 0, 1, 0, 1, 0, 1 };
	static const signed char y3[3] = { 0, 1, 0 };
	const double *xs[4] = { x1, x2, x3, x4 };
	const signed char *ys[4] = { y1, y2, y3, y3 };
	static const size_t ns[4] = { 8, 6, 3, 3 };
	static const double med[4] = { 1.5, 1, 4, 2 };
	static const double offer[4] = { 1.5, 2, 4, NAN };
	static const double lo[4] = { 1, 1, 3, 2 }, hi[4] = { 5, 9, 7, 2 };
	static const size_t cnt[4] = { 6, 6, 3, 3 };
	struct bin_split_offer o;
	struct bin_spec bs;
	struct rd_err err;
	size_t k;

	bin_spec_init(&bs);
	for (k = 0; k < 4; k++) {
		struct dataset *ds = hand_ds(ns[k]);
		struct characteristic *ch;

		hand_num(ds, "x", xs[k]);
		hand_set_y(ds, ys[k]);
		ch = bin_from_breaks(ds, &ds->cols[0], NULL, 0, &bs, &err);
		ck_assert_ptr_nonnull(ch);
		ck_assert_int_eq(bin_split_offer(ch, 0, ds, &ds->cols[0], &o,
		    &err), 0);
		ck_assert_uint_eq(o.n, cnt[k]);
		ck_assert_double_eq(o.median, med[k]);
		ck_assert_double_eq(o.lo, lo[k]);
		ck_assert_double_eq(o.hi, hi[k]);
		if (isnan(offer[k]))
			ck_assert(isnan(o.offer));
		else
			ck_assert_double_eq(o.offer, offer[k]);
		/* The offer splits: both parts keep rows. */
		if (!isnan(o.offer))
			ck_assert_int_eq(bin_split(ch, 0, o.offer, ds,
			    &ds->cols[0], &bs, &err), 0);
		if (k == 0) {
			/* The missing bin and a bin past the end offer
			   nothing. */
			ck_assert_int_eq(ch->bins[ch->nbins - 1].kind,
			    BIN_MISSING);
			ck_assert_int_eq(bin_split_offer(ch, ch->nbins - 1, ds,
			    &ds->cols[0], &o, &err), -1);
			ck_assert_int_eq(err.cls, RD_EUSAGE);
			ck_assert(isnan(o.median));
			ck_assert_int_eq(bin_split_offer(ch, 9, ds,
			    &ds->cols[0], &o, &err), -1);
		}
		characteristic_free(ch);
		ds_free(ds);
	}
}
END_TEST

/*
 * Bounds in readable numbers: the fewest significant digits (at least
 * 4) at which neighbouring cuts still differ.
 *   cuts 0.333333, 0.666667, 1234.5678: at 4 digits 0.3333, 0.6667,
 *   1235, distinct: "(-inf, 0.3333)", "[0.6667, 1235)", "[1235, +inf)";
 *   cuts 1.000011 and 1.000024 read alike up to 5 digits (1, 1; 1.0000,
 *   1.0000), apart at 6: 1.00001 and 1.00002.
 */
START_TEST(test_readable_bounds)
{
	static const double c1[3] = { 0.333333, 0.666667, 1234.5678 };
	static const double c2[2] = { 1.000011, 1.000024 };
	static const double x[4] = { 0, 0.5, 1, 2000 };
	static const signed char y[4] = { 0, 1, 0, 1 };
	struct dataset *ds = hand_ds(4);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	char b[64];

	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_from_breaks(ds, &ds->cols[0], c1, 3, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(bin_readable_digits(ch), 4);
	ck_assert_int_eq(bin_readable_bounds(ch, 0, b, sizeof b), 1);
	ck_assert_str_eq(b, "(-inf, 0.3333)");
	ck_assert_int_eq(bin_readable_bounds(ch, 2, b, sizeof b), 1);
	ck_assert_str_eq(b, "[0.6667, 1235)");
	ck_assert_int_eq(bin_readable_bounds(ch, 3, b, sizeof b), 1);
	ck_assert_str_eq(b, "[1235, +inf)");
	characteristic_free(ch);
	ch = bin_from_breaks(ds, &ds->cols[0], c2, 2, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(bin_readable_digits(ch), 6);
	ck_assert_int_eq(bin_readable_bounds(ch, 1, b, sizeof b), 1);
	ck_assert_str_eq(b, "[1.00001, 1.00002)");
	characteristic_free(ch);
	/* Exact bounds are not called rounded. */
	{
		static const double c3[1] = { 26 };

		ch = bin_from_breaks(ds, &ds->cols[0], c3, 1, &bs, &err);
		ck_assert_int_eq(bin_readable_bounds(ch, 1, b, sizeof b), 0);
		ck_assert_str_eq(b, "[26, +inf)");
		characteristic_free(ch);
	}
	ck_assert_str_eq(bin_readable_num(b, sizeof b, 1234567, 4),
	    "1235000");
	ck_assert_str_eq(bin_readable_num(b, sizeof b, 35.0, 4), "35");
	ck_assert_str_eq(bin_readable_num(b, sizeof b, -0.5, 4), "-0.5");
	ck_assert_str_eq(bin_readable_num(b, sizeof b, 0, 4), "0");
	ck_assert_str_eq(bin_readable_num(b, sizeof b, 2e20, 4), "2e+20");
	ck_assert_str_eq(bin_readable_num(b, sizeof b, -INFINITY, 4), "-inf");
	ds_free(ds);
}
END_TEST

/*
 * Every level with its rows and bin.  home: own own own rent rent free
 * boat, outcomes g b g b b (indeterminate) g, and one NULL; groups {own},
 * {rent, free}: boat is in no group and takes the fallback, the group of
 * largest count ({rent, free}: 3 known rows against own's 3, the first
 * of equal ones is own).
 * G + B = 7 counts the known rows binned: own 3, rent 2, boat 1, and
 * the NULL row (good) in the missing bin.
 *   own:  3 rows, 2 good 1 bad, share 3/7, bin 0, listed
 *   rent: 2 rows, 0 good 2 bad, share 2/7, bin 1, listed
 *   free: 1 row, indeterminate: count 0, bin 1, listed
 *   boat: 1 row, 1 good, share 1/7, the fallback bin 0, not listed
 */
START_TEST(test_level_rows)
{
	static const char *const v[8] = { "own", "own", "own", "rent", "rent",
		"free", "boat", NULL };
	static const signed char y[8] = { 0, 1, 0, 1, 1, -1, 0, 0 };
	static const char *const g0[2] = { "own", NULL };
	static const char *const g1[3] = { "rent", "free", NULL };
	const char *const *groups[2] = { g0, g1 };
	struct dataset *ds = hand_ds(8);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	struct bin_level_row *r;
	const struct ds_column *c;
	size_t n;
	int own, rent, free_, boat;

	hand_text(ds, "home", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	c = &ds->cols[0];
	/* bin_from_groups wants every level in a group: build with boat,
	   then let a definition leave it out. */
	{
		struct bin_def def;

		memset(&def, 0, sizeof def);
		def.groups = groups;
		def.ngroups = 2;
		def.other_group = -1;
		ch = bin_from_def(ds, c, &def, &bs, &err);
	}
	ck_assert_msg(ch != NULL, "%s", err.msg);
	r = bin_level_rows(ch, c, ds, &n);
	ck_assert_uint_eq(n, 4);
	own = ds_level_code(c, "own");
	rent = ds_level_code(c, "rent");
	free_ = ds_level_code(c, "free");
	boat = ds_level_code(c, "boat");
	ck_assert_str_eq(r[own].level, "own");
	ck_assert_uint_eq(r[own].rows, 3);
	ck_assert_uint_eq(r[own].goods, 2);
	ck_assert_uint_eq(r[own].bads, 1);
	ck_assert_uint_eq(r[own].count, 3);
	ck_assert_double_eq_tol(r[own].share, 3.0 / 7, 1e-15);
	ck_assert_int_eq(r[own].bin, 0);
	ck_assert_int_eq(r[own].listed, 1);
	ck_assert_uint_eq(r[rent].bads, 2);
	ck_assert_double_eq_tol(r[rent].share, 2.0 / 7, 1e-15);
	ck_assert_int_eq(r[rent].bin, 1);
	ck_assert_uint_eq(r[free_].rows, 1);
	ck_assert_uint_eq(r[free_].count, 0);
	ck_assert_int_eq(r[free_].bin, 1);
	ck_assert_uint_eq(r[boat].goods, 1);
	ck_assert_double_eq_tol(r[boat].share, 1.0 / 7, 1e-15);
	ck_assert_int_eq(r[boat].bin, 0);
	ck_assert_int_eq(r[boat].listed, 0);
	free(r);
	/* A numeric characteristic has no levels. */
	ck_assert_ptr_null(bin_level_rows(ch, &(struct ds_column){ .type =
	    DS_REAL }, ds, &n));
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

/*
 * Fine classes to coarse bins.  Fine cuts 2, 4, 6; coarse cuts 4, 5 (a
 * hand split inside the fine range [4, 6)):
 *   (-inf, 2) and [2, 4) -> coarse 0 ((-inf, 4));
 *   [4, 6) -> coarse 1 and 2 ([4, 5) and [5, +inf)): split;
 *   [6, +inf) -> coarse 2.
 * Text: fine a, b, c; coarse {a, c}, {b}: a -> 0, b -> 1, c -> 0.
 */
START_TEST(test_fine_map)
{
	static const double x[8] = { 1, 3, 4.5, 5.5, 7, 1, 3, 7 };
	static const signed char y[8] = { 0, 1, 0, 1, 0, 1, 0, 1 };
	static const double fb[3] = { 2, 4, 6 }, cb[2] = { 4, 5 };
	static const char *const t[8] = { "a", "b", "c", "a", "b", "c", "a",
		"b" };
	static const char *const ga[3] = { "a", "c", NULL };
	static const char *const gb[2] = { "b", NULL };
	const char *const *groups[2] = { ga, gb };
	struct dataset *ds = hand_ds(8);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *fine, *coarse;
	int first[8], last[8];

	hand_num(ds, "x", x);
	hand_text(ds, "t", t);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	fine = bin_from_breaks(ds, &ds->cols[0], fb, 3, &bs, &err);
	coarse = bin_from_breaks(ds, &ds->cols[0], cb, 2, &bs, &err);
	ck_assert_ptr_nonnull(fine);
	ck_assert_ptr_nonnull(coarse);
	bin_fine_map(fine, coarse, NULL, first, last);
	ck_assert_int_eq(first[0], 0);
	ck_assert_int_eq(last[0], 0);
	ck_assert_int_eq(first[1], 0);
	ck_assert_int_eq(last[1], 0);
	ck_assert_int_eq(first[2], 1);
	ck_assert_int_eq(last[2], 2);
	ck_assert_int_eq(first[3], 2);
	ck_assert_int_eq(last[3], 2);
	characteristic_free(fine);
	characteristic_free(coarse);
	bs.other_share = 0;
	fine = bin_fine(ds, &ds->cols[1], &bs, &err);
	coarse = bin_from_groups(ds, &ds->cols[1], groups, 2, &bs, &err);
	ck_assert_ptr_nonnull(fine);
	ck_assert_ptr_nonnull(coarse);
	ck_assert_uint_eq(fine->nbins, 3);
	bin_fine_map(fine, coarse, &ds->cols[1], first, last);
	/* Fine bins in level order: a, b, c. */
	ck_assert_int_eq(first[0], 0);
	ck_assert_int_eq(first[1], 1);
	ck_assert_int_eq(first[2], 0);
	ck_assert_int_eq(last[2], 0);
	characteristic_free(fine);
	characteristic_free(coarse);
	ds_free(ds);
}
END_TEST

/*
 * The common WoE axis: the largest |WoE| of a bin holding rows among
 * usable characteristics, rounded up to a multiple of 0.5.
 *   A: 1.5404, -1.0986; B: -2.31 (and 3.9 in an empty bin, no
 *   evidence); C: 5 but status "no bads" (no WoE): max 2.31 -> 2.5.
 *   Nothing at all: one step, 0.5.
 */
START_TEST(test_woe_axis)
{
	struct characteristic a, b, c;
	struct bin ba[2], bb[2], bc[1];
	const struct characteristic *v[4] = { &a, NULL, &b, &c };

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(&c, 0, sizeof c);
	memset(ba, 0, sizeof ba);
	memset(bb, 0, sizeof bb);
	memset(bc, 0, sizeof bc);
	ba[0].woe = 1.5404;
	ba[1].woe = -1.0986;
	ba[0].count = ba[1].count = 10;
	bb[0].woe = -2.31;
	bb[0].count = 4;
	bb[1].woe = 3.9;
	bc[0].woe = 5;
	bc[0].count = 9;
	a.bins = ba;
	a.nbins = 2;
	b.bins = bb;
	b.nbins = 2;
	c.bins = bc;
	c.nbins = 1;
	c.status = "no bads";
	ck_assert_double_eq(bin_woe_axis(v, 4), 2.5);
	ck_assert_double_eq(bin_woe_axis(v, 1), 2.0);
	ck_assert_double_eq(bin_woe_axis(v, 0), BIN_AXIS_STEP);
}
END_TEST

/*
 * AUTO tries the four trends.  A clear peak: six fine bins of 200 rows
 * with 80, 40, 10, 10, 40, 80 bads (WoE rises then falls): the gain of
 * the peak over the best monotonic grouping, D = (IV_peak - IV_mono) /
 * (1/G + 1/B) with G = 940, B = 260, is far beyond 15.09 (the 1% point
 * of chi-square with 5 degrees of freedom, the most the extra groups can
 * have), so AUTO takes the peak, whose IV is the exhaustive search's.
 * A turn that noise explains: five bins of 50 rows with 20, 15, 10, 8, 9
 * bads (only the last step turns, by one bad): D is below 1 (the
 * chi-square upper tail at 1 is 0.317 with 1 degree of freedom, more
 * with more), so AUTO keeps the monotonic (ascending) grouping.
 */
START_TEST(test_auto_tries_peak_valley)
{
	static const size_t g1[6] = { 120, 160, 190, 190, 160, 120 };
	static const size_t b1[6] = { 80, 40, 10, 10, 40, 80 };
	static const size_t g2[5] = { 30, 35, 40, 42, 41 };
	static const size_t b2[5] = { 20, 15, 10, 8, 9 };
	const size_t *gs[2] = { g1, g2 }, *bsz[2] = { b1, b2 };
	static const size_t ns[2] = { 6, 5 };
	static const enum bin_kind kind[6] = { BIN_RANGE, BIN_RANGE,
		BIN_RANGE, BIN_RANGE, BIN_RANGE, BIN_RANGE };
	struct characteristic fine;
	struct bin bins[6];
	struct bin_spec bs;
	size_t k, i, groups;

	bin_spec_init(&bs);
	for (k = 0; k < 2; k++) {
		struct characteristic *co;
		double G = 0, B = 0, rows, up, down, peak, valley, mono, turn;
		double D;

		hand_char(&fine, bins, ns[k], kind, gs[k], bsz[k]);
		bins[ns[k] - 1].upper = INFINITY;
		G = (double)fine.goods;
		B = (double)fine.bads;
		rows = G + B;
		up = brute(gs[k], bsz[k], ns[k], 0.05 * rows,
		    BIN_TREND_ASCENDING, &groups);
		down = brute(gs[k], bsz[k], ns[k], 0.05 * rows,
		    BIN_TREND_DESCENDING, &groups);
		peak = brute(gs[k], bsz[k], ns[k], 0.05 * rows,
		    BIN_TREND_PEAK, &groups);
		valley = brute(gs[k], bsz[k], ns[k], 0.05 * rows,
		    BIN_TREND_VALLEY, &groups);
		mono = up >= down ? up : down;
		turn = peak >= valley ? peak : valley;
		D = (turn - mono) / (1 / G + 1 / B);
		bs.trend = BIN_TREND_AUTO;
		co = bin_coarse(&fine, &bs);
		if (k == 0) {
			ck_assert_msg(D > 15.09, "D = %g", D);
			ck_assert_int_eq(co->trend, BIN_TREND_PEAK);
			ck_assert_double_eq_tol(co->iv, peak, 1e-12);
			ck_assert_int_eq(bin_trend_observed(co),
			    BIN_TREND_PEAK);
		} else {
			ck_assert_msg(D >= 0 && D < 1, "D = %g", D);
			ck_assert_int_eq(co->trend, BIN_TREND_ASCENDING);
			ck_assert_double_eq_tol(co->iv, up, 1e-12);
			for (i = 1; i < co->nbins; i++)
				ck_assert(co->bins[i].woe >
				    co->bins[i - 1].woe);
		}
		characteristic_free(co);
		/* turn_p 0 (never a turn) and 1 (any gain) bracket it. */
		bs.turn_p = 0;
		co = bin_coarse(&fine, &bs);
		ck_assert_double_eq_tol(co->iv, mono, 1e-12);
		characteristic_free(co);
		bs.turn_p = 1;
		co = bin_coarse(&fine, &bs);
		ck_assert_double_eq_tol(co->iv, turn > mono ? turn : mono,
		    1e-12);
		characteristic_free(co);
		bs.turn_p = 0.01;
	}
}
END_TEST

/*
 * A column read as the other kind.  Numbers 10, 2, 2.5, NULL, 10 as text:
 * levels "10" < "2" < "2.5" (strcmp order), codes 0 1 2 -1 0.  Text
 * " 7", "x", "1e3", NULL as numbers: 7, NaN, 1000, NaN; one level ("x",
 * one row) is not a number.
 */
START_TEST(test_column_other_kind)
{
	static const double x[5] = { 10, 2, 2.5, NAN, 10 };
	static const char *const t[4] = { " 7", "x", "1e3", NULL };
	struct dataset *ds = hand_ds(5);
	struct ds_column c;
	size_t nnot = 9, rows = 9;

	hand_num(ds, "x", x);
	ds_column_as_text(&ds->cols[0], 5, &c);
	ck_assert_int_eq(c.type, DS_TEXT);
	ck_assert_str_eq(c.name, "x");
	ck_assert_uint_eq(c.nlevels, 3);
	ck_assert_str_eq(c.levels[0], "10");
	ck_assert_str_eq(c.levels[1], "2");
	ck_assert_str_eq(c.levels[2], "2.5");
	ck_assert_int_eq(c.code[0], 0);
	ck_assert_int_eq(c.code[1], 1);
	ck_assert_int_eq(c.code[2], 2);
	ck_assert_int_eq(c.code[3], -1);
	ck_assert_int_eq(c.code[4], 0);
	ck_assert_uint_eq(c.nmissing, 1);
	ds_column_done(&c);
	ds_free(ds);
	ds = hand_ds(4);
	hand_text(ds, "t", t);
	ds_column_as_number(&ds->cols[0], 4, &c, &nnot, &rows);
	ck_assert_int_eq(c.type, DS_REAL);
	ck_assert_double_eq(c.num[0], 7);
	ck_assert(isnan(c.num[1]));
	ck_assert_double_eq(c.num[2], 1000);
	ck_assert(isnan(c.num[3]));
	ck_assert_uint_eq(nnot, 1);
	ck_assert_uint_eq(rows, 1);
	ck_assert_uint_eq(c.nmissing, 2);
	ds_column_done(&c);
	ds_free(ds);
}
END_TEST

/* ============================================================ suites */

/*
 * Fine classing from aggregates (the path of bin --engine) equals
 * bin_fine on the rows: for every column of German and HMEQ (NULLs,
 * reals), with a special value declared for every numeric column and one
 * for a single column, the summary the engine returns is worked out here
 * from the rows (the values to ranges sorted, those at the positions
 * bin_fine_positions gives; the known-outcome rows per bin by
 * bin_index_num; the rows per level and outcome), and the characteristic
 * built from it by bin_fine_ranges + bin_count_cells + bin_woe, or
 * bin_fine_levels, has the same bins, counts, WoE, IV, Gini and KS,
 * exactly (the same code on the same integers).
 */
static void
check_from_aggregates(const struct dataset *ds, const struct bin_spec *bs)
{
	size_t j, i, k;

	for (j = 0; j < ds->ncols; j++) {
		const struct ds_column *col = &ds->cols[j];
		struct characteristic *want, *got;
		struct rd_err err;

		if ((int)j == ds->target)
			continue;
		want = bin_fine(ds, col, bs, &err);
		ck_assert_msg(want != NULL, "%s", err.msg);
		if (col->type == DS_TEXT) {
			size_t nl = col->nlevels + 1, mg = 0, mb = 0;
			size_t *all = xcalloc(nl, sizeof *all);
			size_t *g = xcalloc(nl, sizeof *g);
			size_t *b = xcalloc(nl, sizeof *b);
			struct ds_column lv;

			for (i = 0; i < ds->nrows; i++) {
				int c = col->code[i];
				int known = ds->y[i] == DS_GOOD ||
				    ds->y[i] == DS_BAD;

				if (c >= 0)
					all[c]++;
				if (!known)
					continue;
				if (c >= 0)
					(ds->y[i] == DS_BAD ? b : g)[c]++;
				else
					(ds->y[i] == DS_BAD ? mb++ : mg++);
			}
			memset(&lv, 0, sizeof lv);
			lv.name = col->name;
			lv.type = DS_TEXT;
			lv.levels = col->levels;
			lv.nlevels = col->nlevels;
			got = bin_fine_levels(&lv, all, g, b, mg, mb,
			    col->nmissing > 0, bs);
			free(all);
			free(g);
			free(b);
		} else {
			size_t ns, m = 0, npos, *pos, *g, *b;
			double *sp = bin_specials_of(bs, col->name, 1, &ns);
			double *v = xcalloc(ds->nrows + 1, sizeof *v), *at;
			struct colscan cs;

			for (i = 0; i < ds->nrows; i++) {
				double x = col->num[i];
				int special = 0;

				for (k = 0; k < ns; k++)
					special |= sp[k] == x;
				if (!isnan(x) && !special)
					v[m++] = x;
			}
			colscan_init(&cs);
			colscan_add_array(&cs, v, m);
			qsort(v, m, sizeof *v, cmp_dbl);
			pos = xcalloc((size_t)bs->nquantiles + 1,
			    sizeof *pos);
			at = xcalloc((size_t)bs->nquantiles + 1, sizeof *at);
			npos = bin_fine_positions(m, bs, pos);
			for (k = 0; k < npos; k++)
				at[k] = v[pos[k]];
			got = bin_fine_ranges(col->name, m, m ? v[0] : NAN,
			    m ? v[m - 1] : NAN, at, npos, &cs,
			    col->nmissing > 0, bs);
			g = xcalloc(got->nbins + 1, sizeof *g);
			b = xcalloc(got->nbins + 1, sizeof *b);
			for (i = 0; i < ds->nrows; i++) {
				int x = bin_index_num(got, col->num[i]);

				if (x < 0 || (ds->y[i] != DS_GOOD &&
				    ds->y[i] != DS_BAD))
					continue;
				(ds->y[i] == DS_BAD ? b : g)[x]++;
			}
			bin_count_cells(got, g, b);
			bin_woe(got, bs);
			free(sp);
			free(v);
			free(pos);
			free(at);
			free(g);
			free(b);
		}
		ck_assert_uint_eq(got->nbins, want->nbins);
		ck_assert_uint_eq(got->goods, want->goods);
		ck_assert_uint_eq(got->bads, want->bads);
		ck_assert_msg(got->iv == want->iv && got->gini == want->gini &&
		    got->ks == want->ks, "%s: IV %.17g / %.17g", col->name,
		    got->iv, want->iv);
		ck_assert_uint_eq(got->nsentinels, want->nsentinels);
		ck_assert_uint_eq(got->ncodes, want->ncodes);
		ck_assert_uint_eq(got->nfallback, want->nfallback);
		ck_assert_uint_eq(got->nlevels, want->nlevels);
		ck_assert(got->xmin == want->xmin || (isnan(got->xmin) &&
		    isnan(want->xmin)));
		for (k = 0; k < got->nbins; k++) {
			const struct bin *x = &got->bins[k];
			const struct bin *y = &want->bins[k];

			ck_assert_int_eq(x->kind, y->kind);
			ck_assert_str_eq(x->label, y->label);
			ck_assert_uint_eq(x->count, y->count);
			ck_assert_uint_eq(x->goods, y->goods);
			ck_assert_uint_eq(x->bads, y->bads);
			ck_assert(x->woe == y->woe && x->iv == y->iv);
		}
		characteristic_free(got);
		characteristic_free(want);
	}
}

START_TEST(test_fine_from_aggregates)
{
	const double sp[1] = { 0 };
	const double dsp[2] = { 24, 12 };
	struct bin_colspecial cs = { "duration_in_month", dsp, 2 };
	struct bin_spec bs;

	bin_spec_init(&bs);
	check_from_aggregates(german, &bs);
	check_from_aggregates(hmeq, &bs);
	bs.nquantiles = 7;
	bs.other_share = 0.05;
	bs.specials = sp;
	bs.nspecials = 1;
	bs.colspecials = &cs;
	bs.ncolspecials = 1;
	check_from_aggregates(german, &bs);
	check_from_aggregates(hmeq, &bs);
	bs.nquantiles = 100;
	bs.other_share = 0;
	check_from_aggregates(hmeq, &bs);
}
END_TEST

static Suite *
bin_suite(void)
{
	Suite *s = suite_create("bin");
	TCase *tc = tcase_create("edge");
	TCase *to = tcase_create("oracle");
	TCase *tr = tcase_create("regroup");
	TCase *tw = tcase_create("realworld");

	tcase_add_test(tc, test_zero_bad_and_cut_point);
	tcase_add_test(tc, test_label_level_named_other);
	tcase_add_test(tc, test_constant_and_all_missing);
	tcase_add_test(tc, test_special_values);
	tcase_add_test(tc, test_status_any_bin);
	tcase_add_test(tc, test_trend_observed);
	tcase_add_test(tc, test_coarse_exact);
	tcase_add_test(tc, test_500_levels);
	tcase_add_test(tc, test_apply_fallbacks);
	tcase_add_test(tc, test_auc_ks_counts);
	suite_add_tcase(s, tc);

	tcase_add_unchecked_fixture(to, data_setup, data_teardown);
	tcase_set_timeout(to, 60);
	tcase_add_test(to, test_gini_ks_german);
	tcase_add_test(to, test_oracle_each_value);
	tcase_add_test(to, test_oracle_pinned);
	tcase_add_test(to, test_oracle_hmeq_missing);
	tcase_add_test(to, test_oracle_csi);
	tcase_add_test(to, test_def_roundtrip);
	tcase_add_test(to, test_characteristics_threads);
	tcase_add_test(to, test_fine_from_aggregates);
	suite_add_tcase(s, to);

	tcase_add_unchecked_fixture(tr, data_setup, data_teardown);
	tcase_set_timeout(tr, 60);
	tcase_add_test(tr, test_regroup_numeric);
	tcase_add_test(tr, test_regroup_text);
	tcase_add_test(tr, test_desk_loop);
	tcase_add_test(tr, test_binspec_errors);
	suite_add_tcase(s, tr);

	tcase_set_timeout(tw, 60);
	tcase_add_test(tw, test_coarse_other_group_merged);
	tcase_add_test(tw, test_text_classing_many_levels);
	tcase_add_test(tw, test_level_map_merge);
	tcase_add_test(tw, test_levels_without_outcome);
	tcase_add_test(tw, test_many_levels_flag);
	tcase_add_test(tw, test_pure_level_named);
	tcase_add_test(tw, test_levels_within_chance);
	tcase_add_test(tw, test_split_refuses_empty_bin);
	tcase_add_test(tw, test_empty_range_gets_no_points);
	tcase_add_test(tw, test_psi_csi_empty_bins);
	tcase_add_test(tw, test_identifiers_left_out);
	tcase_add_test(tw, test_fine_cuts_large);
	tcase_add_test(tw, test_split_offer);
	tcase_add_test(tw, test_readable_bounds);
	tcase_add_test(tw, test_level_rows);
	tcase_add_test(tw, test_fine_map);
	tcase_add_test(tw, test_woe_axis);
	tcase_add_test(tw, test_auto_tries_peak_valley);
	tcase_add_test(tw, test_column_other_kind);
	suite_add_tcase(s, tw);
	return s;
}

int
main(void)
{
	Suite *s[1];

	s[0] = bin_suite();
	return run_suites(s, 1);
}
