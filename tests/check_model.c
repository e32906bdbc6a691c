/*
 * check_model.c - tests of the model layer: binning and WoE/IV (bin),
 * logistic regression (logit), R-style design matrices (design),
 * discrimination measures (metric) and the points scorecard (card).
 *
 * Small cases are worked by hand in the comments.  The German credit cases
 * import data/german_credit.csv into a scratch database once per test case
 * (an unchecked fixture) and compare with the reference values bundled
 * under tests/data/oracle (see its README: R 4.2.2 glm.fit, statsmodels
 * 0.13.5, scikit-learn 1.2.1).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "testutil.h"
#include "testds.h"
#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "model/bin.h"
#include "model/binned.h"
#include "model/card.h"
#include "model/design.h"
#include "model/logit.h"
#include "model/metric.h"
#include "model/separation.h"
#include "util/err.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* Relative tolerance of a fit against R, as the oracle README allows. */
#define REL_R 1e-6

/* ============================================================ helpers */

/* The GSL-free relative check used against the oracle. */
#define ck_assert_rel(x, ref, rel) \
	ck_assert_double_eq_tol((x), (ref), (rel) * fabs(ref))

/* ---------------------------------------- German credit, once per case */

static struct dataset *german;

static void
german_setup(void)
{
	german = load_csv("data/german_credit.csv", "german", "creditability",
	    "bad");
}

static void
german_teardown(void)
{
	ds_free(german);
	german = NULL;
}

static const struct ds_column *
gcol(const char *name)
{
	int c = ds_column_index(german, name);

	ck_assert_msg(c >= 0, "no column %s", name);
	return &german->cols[c];
}

/*
 * Build a characteristic of german from an oracle spec entry
 * {"name", "type": numeric|categorical|each_value, "breaks"|"groups"}.
 */
static struct characteristic *
oracle_char(json_t *var, const struct bin_spec *bs)
{
	const char *name = json_string_value(json_object_get(var, "name"));
	const char *type = json_string_value(json_object_get(var, "type"));
	const struct ds_column *col = gcol(name);
	struct characteristic *ch;
	struct rd_err err;
	size_t g, i;

	rd_err_clear(&err);
	if (strcmp(type, "numeric") == 0) {
		json_t *jb = json_object_get(var, "breaks");
		size_t nb = json_array_size(jb);
		double br[16];

		ck_assert_uint_le(nb, 16);
		for (i = 0; i < nb; i++)
			br[i] = json_number_value(json_array_get(jb, i));
		ch = bin_from_breaks(german, col, br, nb, bs, &err);
	} else if (strcmp(type, "categorical") == 0) {
		json_t *jg = json_object_get(var, "groups");
		size_t ng = json_array_size(jg);
		const char **lv[16];
		const char *const *cg[16];

		ck_assert_uint_le(ng, 16);
		for (g = 0; g < ng; g++) {
			json_t *a = json_array_get(jg, g);
			size_t n = json_array_size(a);

			lv[g] = xcalloc(n + 1, sizeof *lv[g]);
			for (i = 0; i < n; i++)
				lv[g][i] = json_string_value(
				    json_array_get(a, i));
			cg[g] = lv[g];
		}
		ch = bin_from_groups(german, col, cg, ng, bs, &err);
		for (g = 0; g < ng; g++)
			free(lv[g]);
	} else {
		/* each_value: one group per level, in level order. */
		const char ***lv = xcalloc(col->nlevels, sizeof *lv);

		for (g = 0; g < col->nlevels; g++) {
			lv[g] = xcalloc(2, sizeof *lv[g]);
			lv[g][0] = col->levels[g];
		}
		ch = bin_from_groups(german, col,
		    (const char *const *const *)lv, col->nlevels, bs, &err);
		for (g = 0; g < col->nlevels; g++)
			free(lv[g]);
		free(lv);
	}
	ck_assert_msg(ch != NULL, "%s: %s", name, err.msg);
	return ch;
}

/* ================================================================ bin */

/*
 * The hand table.  Breaks 10, 20, 30 over x; y good/bad; NaN = NULL;
 * indeterminate rows (y -1) are never counted.
 *
 *   bin        goods bads   g/G = g/109   b/B = b/38
 *   [-inf,10)   37    9     0.339449541   0.236842105
 *   [10,20)     52   14     0.477064220   0.368421053
 *   [20,30)     11   13     0.100917431   0.342105263  (x = 20 lands here)
 *   [30,inf)     6    0 -> 6.5 / 0.5 (zero bads: +0.5 to both)
 *                           0.059633028   0.013157895
 *   missing      3    2     0.027522936   0.052631579
 *   G = 37+52+11+6+3 = 109, B = 9+14+13+0+2 = 38 (unadjusted totals)
 *
 *   WoE = ln((g/G)/(b/B)):
 *     ln(0.339449541/0.236842105) = ln(1.43323442) =  0.359931613
 *     ln(0.477064220/0.368421053) = ln(1.29488859) =  0.258424666
 *     ln(0.100917431/0.342105263) = ln(0.29498942) = -1.220815807
 *     ln(0.059633028/0.013157895) = ln(4.53211009) =  1.511187635
 *     ln(0.027522936/0.052631579) = ln(0.52293578) = -0.648296614
 *   IV parts (g/G - b/B) WoE:
 *     0.102607436 *  0.359931613 = 0.036931660
 *     0.108643167 *  0.258424666 = 0.028076074
 *    -0.241187832 * -1.220815807 = 0.294445918
 *     0.046475133 *  1.511187635 = 0.070232646
 *    -0.025108643 * -0.648296614 = 0.016277848
 *   IV = 0.445964146
 */
static struct dataset *
woe_table_ds(void)
{
	static const int goods[5] = { 37, 52, 11, 6, 3 };
	static const int bads[5] = { 9, 14, 13, 0, 2 };
	/* Values spread inside each bin; the first good of [20,30) is 20
	   exactly, a cut point. */
	static const double base[4] = { 2.385, 10, 20, 30 };
	size_t n = 109 + 38 + 5, i = 0;
	struct dataset *ds = hand_ds(n);
	double *x = xmalloc(n * sizeof *x);
	signed char *y = xmalloc(n);
	int b, k;

	for (b = 0; b < 5; b++) {
		for (k = 0; k < goods[b] + bads[b]; k++, i++) {
			x[i] = b == 4 ? NAN : base[b] + 0.125 * k;
			y[i] = k < goods[b] ? DS_GOOD : DS_BAD;
		}
	}
	/* Five indeterminates, one per bin: never counted. */
	for (b = 0; b < 5; b++, i++) {
		x[i] = b == 4 ? NAN : base[b] + 1.5;
		y[i] = DS_INDET;
	}
	ck_assert_uint_eq(i, n);
	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	free(x);
	free(y);
	return ds;
}

START_TEST(test_woe_hand)
{
	struct dataset *ds = woe_table_ds();
	struct bin_spec bs;
	struct rd_err err;
	const double br[3] = { 10, 20, 30 };
	struct characteristic *ch;

	bin_spec_init(&bs);
	ck_assert_int_eq(bs.nquantiles, 20);
	ck_assert_double_eq(bs.woe_adjust, 0.5);
	ch = bin_from_breaks(ds, &ds->cols[0], br, 3, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_ptr_null(ch->status);
	ck_assert_int_eq(ch->numeric, 1);
	ck_assert_uint_eq(ch->nbins, 5);
	ck_assert_uint_eq(ch->goods, 109);
	ck_assert_uint_eq(ch->bads, 38);
	ck_assert_str_eq(ch->bins[0].label, "[-inf, 10)");
	ck_assert_str_eq(ch->bins[2].label, "[20, 30)");
	ck_assert_int_eq(ch->bins[4].kind, BIN_MISSING);
	ck_assert_str_eq(ch->bins[4].label, "missing");
	/* x = 20 is a cut: it is in [20, 30), so that bin has 11 goods. */
	ck_assert_uint_eq(ch->bins[1].goods, 52);
	ck_assert_uint_eq(ch->bins[2].goods, 11);
	ck_assert_uint_eq(ch->bins[2].bads, 13);
	ck_assert_uint_eq(ch->bins[3].count, 6);
	ck_assert_int_eq(bin_index_num(ch, 20.0), 2);
	ck_assert_int_eq(bin_index_num(ch, 19.999), 1);
	ck_assert_int_eq(bin_index_num(ch, -1e300), 0);
	ck_assert_int_eq(bin_index_num(ch, INFINITY), 3);
	ck_assert_int_eq(bin_index_num(ch, NAN), 4);
	/* WoE and IV: the hand table above. */
	ck_assert_double_eq_tol(ch->bins[0].woe, 0.35993161280524727, 1e-12);
	ck_assert_double_eq_tol(ch->bins[1].woe, 0.25842466646341083, 1e-12);
	ck_assert_double_eq_tol(ch->bins[2].woe, -1.2208158071659241, 1e-12);
	ck_assert_double_eq_tol(ch->bins[3].woe, 1.5111876349587789, 1e-12);
	ck_assert_double_eq_tol(ch->bins[4].woe, -0.64829661439459341, 1e-12);
	ck_assert_int_eq(ch->bins[3].adjusted, 1);
	ck_assert_int_eq(ch->bins[0].adjusted, 0);
	ck_assert_double_eq_tol(ch->bins[3].iv, 0.070232645999412119, 1e-12);
	ck_assert_double_eq_tol(ch->iv, 0.44596414638728299, 1e-12);
	ck_assert_str_eq(bin_iv_strength(ch->iv), "strong");
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_bin_fine_quantiles)
{
	/* 20 values, q = 4: cut positions 5, 10, 15 (0-based) of the sorted
	   values 1 1 1 1 2 2 3 4 5 5 5 5 5 6 7 8 9 10 10 10 give cuts 2, 5,
	   8, so bins (-inf,2) 4 rows, [2,5) 4, [5,8) 7 (all five 5s
	   together although position 10 is mid-tie), [8,inf) 5. */
	static const double v[20] = { 5, 1, 10, 2, 5, 1, 3, 9, 5, 1, 4, 10,
		6, 5, 2, 7, 1, 8, 10, 5 };
	struct dataset *ds = hand_ds(20);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	signed char y[20];
	int i;

	for (i = 0; i < 20; i++)
		y[i] = i % 3 == 0 ? DS_BAD : DS_GOOD;
	hand_num(ds, "v", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	bs.nquantiles = 4;
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->nbins, 4);
	ck_assert_double_eq(ch->bins[1].lower, 2);
	ck_assert_double_eq(ch->bins[2].lower, 5);
	ck_assert_double_eq(ch->bins[3].lower, 8);
	ck_assert(isinf(ch->bins[0].lower) && ch->bins[0].lower < 0);
	ck_assert(isinf(ch->bins[3].upper) && ch->bins[3].upper > 0);
	ck_assert_uint_eq(ch->bins[0].count, 4);
	ck_assert_uint_eq(ch->bins[1].count, 4);
	ck_assert_uint_eq(ch->bins[2].count, 7);
	ck_assert_uint_eq(ch->bins[3].count, 5);
	characteristic_free(ch);
	/* A dominant tie: twelve 1s then 2..9.  Positions 5 and 10 hold 1,
	   the smallest value (a cut there would leave (-inf,1) empty), so
	   only position 15, value 5, cuts: (-inf,5) 15 rows, [5,inf) 5. */
	for (i = 0; i < 20; i++)
		ds->cols[0].num[i] = i < 12 ? 1 : i - 10;
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_double_eq(ch->bins[1].lower, 5);
	ck_assert_uint_eq(ch->bins[0].count, 15);
	ck_assert_str_eq(ch->bins[1].label, "[5, inf)");
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_bin_fine_text)
{
	static const char *const v[9] = { "rent", "own", NULL, "own",
		"for free", "rent", "own", NULL, "own" };
	static const signed char y[9] = { 1, 0, 1, 0, 1, 0, 1, 0, 0 };
	struct dataset *ds = hand_ds(9);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_text(ds, "housing", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(ch->numeric, 0);
	/* Levels in byte order, then the missing bin. */
	ck_assert_uint_eq(ch->nbins, 4);
	ck_assert_str_eq(ch->bins[0].label, "for free");
	ck_assert_str_eq(ch->bins[1].label, "own");
	ck_assert_str_eq(ch->bins[2].label, "rent");
	ck_assert_int_eq(ch->bins[3].kind, BIN_MISSING);
	ck_assert_uint_eq(ch->bins[1].count, 4);
	ck_assert_uint_eq(ch->bins[1].bads, 1);
	ck_assert_uint_eq(ch->bins[3].count, 2);
	ck_assert_int_eq(bin_index_text(ch, "rent"), 2);
	ck_assert_int_eq(bin_index_text(ch, NULL), 3);
	/* Unseen level: the bin with the largest count, "own" (4 rows). */
	ck_assert_int_eq(bin_index_text(ch, "council"), 1);
	/* Wrong kind of lookup. */
	ck_assert_int_eq(bin_index_num(ch, 1.5), -1);
	/* "for free" has 1 bad and no good: adjusted to 0.5 / 1.5.
	   G = 5, B = 4: WoE = ln((0.5/5)/(1.5/4)) = ln(0.1/0.375)
	   = ln(0.266666667) = -1.321755840. */
	ck_assert_int_eq(ch->bins[0].adjusted, 1);
	ck_assert_double_eq_tol(ch->bins[0].woe, log(0.1 / 0.375), 1e-12);
	ck_assert_double_eq_tol(ch->bins[0].woe, -1.3217558399823195, 1e-12);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_iv_strength)
{
	ck_assert_str_eq(bin_iv_strength(0.0199), "unpredictive");
	ck_assert_str_eq(bin_iv_strength(0.02), "weak");
	ck_assert_str_eq(bin_iv_strength(0.0999), "weak");
	ck_assert_str_eq(bin_iv_strength(0.1), "medium");
	ck_assert_str_eq(bin_iv_strength(0.3), "strong");
	ck_assert_str_eq(bin_iv_strength(0.5), "suspicious");
	ck_assert_str_eq(bin_iv_strength(NAN), "unpredictive");
}
END_TEST

/*
 * german_woe.json (pandas/numpy by definition, tests/data/oracle): the
 * oracle's fixed bins on german_credit reproduce its counts, WoE and IV.
 * No variable there has a zero cell, so the oracle's "strict" WoE is ours.
 */
START_TEST(test_bin_german_oracle)
{
	json_t *o = oracle_load("german_woe.json");
	json_t *vars = json_object_get(json_object_get(o, "spec"),
	    "variables");
	json_t *res = json_object_get(o, "variables");
	struct bin_spec bs;
	size_t v, b;

	bin_spec_init(&bs);
	ck_assert_uint_eq(json_array_size(vars), 9);
	for (v = 0; v < json_array_size(vars); v++) {
		json_t *r = json_array_get(res, v);
		json_t *rb = json_object_get(r, "bins");
		struct characteristic *ch = oracle_char(json_array_get(vars, v),
		    &bs);

		ck_assert(json_is_false(json_object_get(r, "has_zero_cell")));
		ck_assert_str_eq(ch->name, json_string_value(
		    json_object_get(r, "variable")));
		ck_assert_uint_eq(ch->nbins, json_array_size(rb));
		ck_assert_uint_eq(ch->goods, 700);
		ck_assert_uint_eq(ch->bads, 300);
		for (b = 0; b < ch->nbins; b++) {
			json_t *x = json_array_get(rb, b);

			ck_assert_uint_eq(ch->bins[b].count,
			    (size_t)jnum(x, "n"));
			ck_assert_uint_eq(ch->bins[b].goods,
			    (size_t)jnum(x, "n_good"));
			ck_assert_uint_eq(ch->bins[b].bads,
			    (size_t)jnum(x, "n_bad"));
			/* pandas/numpy, german_woe.json "woe_strict" */
			ck_assert_double_eq_tol(ch->bins[b].woe,
			    jnum(x, "woe_strict"), 1e-12);
			ck_assert_double_eq_tol(ch->bins[b].iv,
			    jnum(x, "iv_contrib_strict"), 1e-12);
		}
		/* pandas/numpy, german_woe.json "iv_strict" */
		ck_assert_double_eq_tol(ch->iv, jnum(r, "iv_strict"), 1e-12);
		characteristic_free(ch);
	}
	json_decref(o);
}
END_TEST

START_TEST(test_bin_german_pinned)
{
	/* Pinned from german_woe.json (pandas/numpy): credit_amount with
	   breaks 1400, 1800, 4000, 9200 has IV 0.18122037473650626 (the
	   R scorecard package's published 0.1812204); [1400,1800) holds
	   87 goods and 18 bads, WoE 0.7282385003712155. */
	const double br[4] = { 1400, 1800, 4000, 9200 };
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	bin_spec_init(&bs);
	ch = bin_from_breaks(german, gcol("credit_amount"), br, 4, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->bins[1].goods, 87);
	ck_assert_uint_eq(ch->bins[1].bads, 18);
	ck_assert_double_eq_tol(ch->bins[1].woe, 0.7282385003712155, 1e-12);
	ck_assert_double_eq_tol(ch->iv, 0.18122037473650626, 1e-12);
	characteristic_free(ch);
}
END_TEST

START_TEST(test_bin_fine_german)
{
	/* Fine classing every German column: quantile bins partition the
	   1000 rows, no NULLs in this file so no missing bins, and a bin
	   never splits tied values (each cut is a data value and the bin
	   below holds only smaller ones). */
	struct bin_spec bs;
	struct rd_err err;
	size_t j, b, i;

	bin_spec_init(&bs);
	for (j = 0; j < german->ncols; j++) {
		const struct ds_column *col = &german->cols[j];
		struct characteristic *ch;
		size_t total = 0;

		if ((int)j == german->target)
			continue;
		ch = bin_fine(german, col, &bs, &err);
		ck_assert_ptr_nonnull(ch);
		ck_assert_uint_le(ch->nbins, col->type == DS_TEXT ?
		    col->nlevels : (size_t)bs.nquantiles);
		for (b = 0; b < ch->nbins; b++) {
			ck_assert_int_ne(ch->bins[b].kind, BIN_MISSING);
			total += ch->bins[b].count;
		}
		ck_assert_uint_eq(total, 1000);
		if (col->type != DS_TEXT)
			for (b = 1; b < ch->nbins; b++) {
				int seen = 0;

				for (i = 0; i < german->nrows; i++)
					seen |= col->num[i] ==
					    ch->bins[b].lower;
				ck_assert(seen);
			}
		characteristic_free(ch);
	}
}
END_TEST

START_TEST(test_bin_constant)
{
	/* A constant column is usable data but a single bin. */
	static const double v[6] = { 2.385, 2.385, 2.385, 2.385, 2.385,
		2.385 };
	static const double w[6] = { NAN, 4.5, NAN, 4.5, 4.5, NAN };
	static const signed char y[6] = { 0, 1, 0, 0, 1, 0 };
	struct dataset *ds = hand_ds(6);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_num(ds, "flat", v);
	hand_num(ds, "flat_with_nulls", w);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->nbins, 1);
	ck_assert_str_eq(ch->status, "single bin: one value on every row");
	characteristic_free(ch);
	/* One value and NULLs: a range and a missing bin both hold rows, so
	   the column is usable (a missing flag).  G = 4, B = 2.  Range
	   (rows 2, 4, 5): 1 good, 2 bads, WoE ln((1/4)/(2/2)) = ln 0.25, IV
	   (0.25 - 1) ln 0.25 = 0.75 ln 4.  Missing (rows 1, 3, 6): 3 goods,
	   0 bads -> 3.5, 0.5: WoE ln((3.5/4)/(0.5/2)) = ln 3.5, IV
	   (0.875 - 0.25) ln 3.5.  IV = 1.0397207708399179 +
	   0.782976855309605 = 1.822697626149523. */
	ch = bin_fine(ds, &ds->cols[1], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_ptr_null(ch->status);
	ck_assert_double_eq_tol(ch->bins[0].woe, log(0.25), 1e-12);
	ck_assert_double_eq_tol(ch->bins[1].woe, log(3.5), 1e-12);
	ck_assert_double_eq_tol(ch->iv, 1.822697626149523, 1e-12);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_bin_no_bads)
{
	static const double v[6] = { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5 };
	static const signed char y[6] = { 0, 0, 0, -1, 0, 0 };
	struct dataset *ds = hand_ds(6);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_num(ds, "x", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	bs.nquantiles = 3;
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_str_eq(ch->status, "no bads");
	ck_assert_double_eq(ch->iv, 0);
	characteristic_free(ch);
	/* And the mirror image. */
	{
		static const signed char z[6] = { 1, 1, -1, 1, 1, 1 };

		hand_set_y(ds, z);
	}
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_str_eq(ch->status, "no goods");
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_bin_empty_bin)
{
	/* A break above every value leaves [100, inf) empty: WoE 0, IV 0,
	   not adjusted; the other bins are as without it.  x 1..6, bads at
	   1 and 4: bins [-inf,3) 1g/1b, [3,100) 3g/1b.  G = 4, B = 2:
	   WoE = ln((1/4)/(1/2)) = -0.693147181 and ln((3/4)/(1/2))
	   = 0.405465108. */
	static const double v[6] = { 1, 2, 3, 4, 5, 6 };
	static const signed char y[6] = { 1, 0, 0, 1, 0, 0 };
	const double br[2] = { 3, 100 };
	struct dataset *ds = hand_ds(6);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;

	hand_num(ds, "x", v);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ch = bin_from_breaks(ds, &ds->cols[0], br, 2, &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_ptr_null(ch->status);
	ck_assert_uint_eq(ch->bins[2].count, 0);
	ck_assert_double_eq(ch->bins[2].woe, 0);
	ck_assert_int_eq(ch->bins[2].adjusted, 0);
	ck_assert_double_eq_tol(ch->bins[0].woe, -0.69314718055994531, 1e-15);
	ck_assert_double_eq_tol(ch->bins[1].woe, 0.40546510810816438, 1e-15);
	/* No NULLs: no missing bin, so NaN finds no bin. */
	ck_assert_int_eq(bin_index_num(ch, NAN), -1);
	characteristic_free(ch);
	ds_free(ds);
}
END_TEST

START_TEST(test_bin_million)
{
	/* Fine classing a million rows sorts once: well under a second
	   without sanitizers.  x = i mod 1000 / 7 (many ties), bad when
	   i mod 10 == 3. */
	size_t n = 1000000, i, b, total = 0;
	struct dataset *ds = hand_ds(n);
	double *x = xmalloc(n * sizeof *x);
	signed char *y = xmalloc(n);
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	clock_t t0;

	for (i = 0; i < n; i++) {
		x[i] = (double)((i * 7919) % 1000) / 7;
		y[i] = i % 10 == 3 ? DS_BAD : DS_GOOD;
	}
	hand_num(ds, "x", x);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	bs.nquantiles = 10;
	t0 = clock();
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 10,
	    "bin_fine of 1e6 rows too slow");
	/* 1000 distinct values, each 1000 times: cuts at k * 100000-th
	   value, so ten bins of exactly 100000 rows. */
	ck_assert_uint_eq(ch->nbins, 10);
	for (b = 0; b < ch->nbins; b++) {
		ck_assert_uint_eq(ch->bins[b].count, 100000);
		total += ch->bins[b].count;
	}
	ck_assert_uint_eq(total, n);
	characteristic_free(ch);
	free(x);
	free(y);
	ds_free(ds);
}
END_TEST

START_TEST(test_bin_errors)
{
	static const double v[4] = { 1, 2, 3, 4 };
	static const char *const t[4] = { "a", "b", "c", "a" };
	static const signed char y[4] = { 0, 1, 0, 1 };
	const double bad_br[3] = { 1, 3, 2 };
	const double nan_br[1] = { NAN };
	const char *const g1[] = { "a", "b", NULL };
	const char *const g2[] = { "b", NULL };
	const char *const g3[] = { "c", NULL };
	const char *const g4[] = { "zz", NULL };
	const char *const g5[] = { NULL };
	const char *const *twice[] = { g1, g2, g3 };
	const char *const *missing[] = { g1 };
	const char *const *unknown[] = { g1, g3, g4 };
	const char *const *empty[] = { g1, g3, g5 };
	struct dataset *ds = hand_ds(4);
	struct bin_spec bs;
	struct rd_err err;

	hand_num(ds, "x", v);
	hand_text(ds, "t", t);
	hand_set_y(ds, y);
	bin_spec_init(&bs);
	ck_assert_ptr_null(bin_from_breaks(ds, &ds->cols[0], bad_br, 3, &bs,
	    &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "breaks of 'x' must increase: 2 after 3");
	ck_assert_ptr_null(bin_from_breaks(ds, &ds->cols[0], nan_br, 1, &bs,
	    &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_null(bin_from_breaks(ds, &ds->cols[1], v, 2, &bs,
	    &err));
	ck_assert_str_eq(err.msg, "breaks need a numeric column: 't' is text");
	ck_assert_ptr_null(bin_from_groups(ds, &ds->cols[0], missing, 1, &bs,
	    &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_null(bin_from_groups(ds, &ds->cols[1], twice, 3, &bs,
	    &err));
	ck_assert_str_eq(err.msg, "level 'b' of 't' is in groups 1 and 2");
	ck_assert_ptr_null(bin_from_groups(ds, &ds->cols[1], missing, 1, &bs,
	    &err));
	ck_assert_str_eq(err.msg, "level 'c' of 't' is in no group");
	ck_assert_ptr_null(bin_from_groups(ds, &ds->cols[1], unknown, 3, &bs,
	    &err));
	ck_assert_str_eq(err.msg, "unknown level 'zz' of 't' in group 3");
	ck_assert_ptr_null(bin_from_groups(ds, &ds->cols[1], empty, 3, &bs,
	    &err));
	ck_assert_str_eq(err.msg, "group 3 of 't' is empty");
	bs.nquantiles = 0;
	ck_assert_ptr_null(bin_fine(ds, &ds->cols[0], &bs, &err));
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	/* No target at all. */
	free(ds->y);
	ds->y = NULL;
	bin_spec_init(&bs);
	ck_assert_ptr_null(bin_fine(ds, &ds->cols[0], &bs, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ds_free(ds);
}
END_TEST

static Suite *
bin_suite(void)
{
	Suite *s = suite_create("bin");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, german_setup, german_teardown);
	tcase_add_test(tc, test_woe_hand);
	tcase_add_test(tc, test_bin_fine_quantiles);
	tcase_add_test(tc, test_bin_fine_text);
	tcase_add_test(tc, test_iv_strength);
	tcase_add_test(tc, test_bin_german_oracle);
	tcase_add_test(tc, test_bin_german_pinned);
	tcase_add_test(tc, test_bin_fine_german);
	suite_add_tcase(s, tc);
	tc = tcase_create("edge");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bin_no_bads);
	tcase_add_test(tc, test_bin_empty_bin);
	tcase_add_test(tc, test_bin_million);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, test_bin_errors);
	tcase_add_test(tc, test_bin_constant);
	suite_add_tcase(s, tc);
	return s;
}

/* ============================================================== logit */

/*
 * The 2 x 2 table, fitted as 93 rows or as 4 weighted rows:
 *   x = 0: 23 bad, 41 good;  x = 1: 17 bad, 12 good.
 * A saturated logit reproduces the cell rates, so by hand:
 *   b0 = ln(23/41) = -0.578077851
 *   b1 = ln(17/12) - ln(23/41) = 0.348306694 + 0.578077851 = 0.926384545
 *   se(b0) = sqrt(1/23 + 1/41) = sqrt(0.067868505) = 0.260515844
 *   se(b1) = sqrt(1/23 + 1/41 + 1/17 + 1/12) = sqrt(0.210025172)
 *          = 0.458285247
 *   loglik = 23 ln(23/64) + 41 ln(41/64) + 17 ln(17/29) + 12 ln(12/29)
 *          = -23.5352 - 18.2628 - 9.0811 - 10.5847 = -61.463768057
 *   AIC = 122.927536114 + 4 = 126.927536114
 *   null deviance: ybar = 40/93,
 *     -2 (40 ln(40/93) + 53 ln(53/93)) = 127.102206561
 */
static const double tab_b0 = -0.57807785077515805;
static const double tab_b1 = 0.92638454504337386;
static const double tab_se0 = 0.26051584361033442;
static const double tab_se1 = 0.45828524689008077;
static const double tab_ll = -61.463768056968007;

static void
table_rows(double **X, double **y, size_t *n)
{
	/* x = 0 bad, x = 0 good, x = 1 bad, x = 1 good */
	static const int cnt[4] = { 23, 41, 17, 12 };
	size_t i = 0;
	int c, k;

	*n = 93;
	*X = xmalloc(93 * 2 * sizeof **X);
	*y = xmalloc(93 * sizeof **y);
	for (c = 0; c < 4; c++)
		for (k = 0; k < cnt[c]; k++, i++) {
			(*X)[2 * i] = 1;
			(*X)[2 * i + 1] = c >= 2;
			(*y)[i] = c % 2 == 0;
		}
}

/* The table of table_rows copies times over, one copy after another. */
static void
table_copies(size_t copies, double **X, double **y, size_t *n)
{
	double *X0, *y0;
	size_t n0, rep, i;

	table_rows(&X0, &y0, &n0);
	*n = copies * n0;
	*X = xmalloc(2 * *n * sizeof **X);
	*y = xmalloc(*n * sizeof **y);
	for (rep = 0; rep < copies; rep++)
		for (i = 0; i < n0; i++) {
			(*X)[2 * (rep * n0 + i)] = X0[2 * i];
			(*X)[2 * (rep * n0 + i) + 1] = X0[2 * i + 1];
			(*y)[rep * n0 + i] = y0[i];
		}
	free(X0);
	free(y0);
}

/* The hand values above in fit r: b0, b1, se(b1), the log-likelihood. */
static void
table_fit_ok(const struct logit_result *r)
{
	ck_assert_double_eq_tol(r->beta[0], tab_b0, 1e-10);
	ck_assert_double_eq_tol(r->beta[1], tab_b1, 1e-10);
	ck_assert_double_eq_tol(r->se[1], tab_se1, 1e-10);
	ck_assert_double_eq_tol(r->loglik, tab_ll, 1e-10);
}

START_TEST(test_logit_table)
{
	double *X, *y;
	size_t n;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	const char *names[2] = { "(Intercept)", "x" };

	table_rows(&X, &y, &n);
	logit_spec_init(&sp);
	ck_assert_int_eq(sp.max_iter, 50);
	ck_assert_double_eq(sp.tol, 1e-12);
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, names, &sp, &r, &err),
	    0);
	ck_assert(r.converged);
	ck_assert_uint_eq(r.n, 93);
	ck_assert_uint_eq(r.n_bad, 40);
	/* The hand calculation above. */
	ck_assert_double_eq_tol(r.beta[0], tab_b0, 1e-10);
	ck_assert_double_eq_tol(r.beta[1], tab_b1, 1e-10);
	ck_assert_double_eq_tol(r.se[0], tab_se0, 1e-10);
	ck_assert_double_eq_tol(r.se[1], tab_se1, 1e-10);
	ck_assert_double_eq_tol(r.loglik, tab_ll, 1e-10);
	ck_assert_double_eq_tol(r.deviance, -2 * tab_ll, 1e-10);
	ck_assert_double_eq_tol(r.aic, 126.92753611393601, 1e-10);
	/* BIC = 122.927536114 + 2 ln 93 = 122.927536114 + 9.065293;
	   ln 93 = 4.532599493. */
	ck_assert_double_eq_tol(r.bic, -2 * tab_ll + 2 * 4.5325994931532563,
	    1e-10);
	ck_assert_double_eq_tol(r.null_deviance, 127.1022065608658, 1e-10);
	/* z and p: z1 = 0.926384545 / 0.458285247 = 2.021414;
	   p = 2 Phi(-2.021414) = 0.043236 (normal table). */
	ck_assert_double_eq_tol(r.z[1], tab_b1 / tab_se1, 1e-9);
	ck_assert_double_eq_tol(r.pval[1], 0.0432362, 1e-6);
	logit_result_done(&r);
	free(X);
	free(y);
}
END_TEST

START_TEST(test_logit_start_given)
{
	/* spec.start: the table above from its own estimate (the hand
	   values) takes one step and stays there; from (5, -5), far off,
	   the steps (halved where the deviance would rise) reach the same
	   estimate. */
	const double at[2] = { tab_b0, tab_b1 }, far[2] = { 5, -5 };
	double *X, *y;
	size_t n, k;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	table_rows(&X, &y, &n);
	for (k = 0; k < 2; k++) {
		logit_spec_init(&sp);
		ck_assert_ptr_null(sp.start);
		sp.start = k == 0 ? at : far;
		ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, NULL, &sp, &r,
		    &err), 0);
		if (k == 0)
			ck_assert_int_eq(r.iterations, 1);
		ck_assert_uint_eq(r.start_rows, 0);
		table_fit_ok(&r);
		logit_result_done(&r);
	}
	free(X);
	free(y);
}
END_TEST

/* A design read from an array by the rows callback of logit_fit_rows. */
static void
start_row(const void *ctx, size_t i, double *x)
{
	const double *X = ctx;

	x[0] = X[2 * i];
	x[1] = X[2 * i + 1];
}

static void
start_rows(const void *ctx, size_t i, size_t n, double *x)
{
	memcpy(x, (const double *)ctx + 2 * i, 2 * n * sizeof *x);
}

START_TEST(test_logit_start)
{
	/*
	 * The table above 4,000 times over: 372,000 rows, past the 320,000
	 * from which the fit starts from a fit on every 16th row (23,250
	 * rows).  The estimate is the same maximum, so the hand values
	 * hold: b0 and b1 as above, each se divided by sqrt(4000), the
	 * log-likelihood 4,000 times -61.463768057 (to 1e-10: the sums of
	 * 372,000 rows round in their last bits).  The fit from R's start
	 * (sample_start 0) on the same rows, in the same order, takes more
	 * steps to the same figures (1e-12 relative: where the last step
	 * left off).
	 */
	double *X0, *y0, *X, *y, rt = sqrt(4000.);
	size_t n0, n, i, way;
	struct logit_spec sp, cold;
	struct logit_result r, c;
	struct logit_rows src;
	struct rd_err err;

	table_rows(&X0, &y0, &n0);
	table_copies(4000, &X, &y, &n);
	logit_spec_init(&sp);
	ck_assert_int_eq(sp.sample_start, 1);
	cold = sp;
	cold.sample_start = 0;
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, NULL, &cold, &c, &err),
	    0);
	ck_assert_uint_eq(c.start_rows, 0);
	memset(&src, 0, sizeof src);
	src.p = 2;
	src.row = start_row;
	src.rows = start_rows;
	src.ctx = X;
	for (way = 0; way < 2; way++) {
		ck_assert_int_eq(way == 0 ? logit_fit(X, y, NULL, n, 2, NULL,
		    &sp, &r, &err) : logit_fit_rows(&src, y, NULL, n, NULL,
		    &sp, &r, &err), 0);
		ck_assert(r.converged);
		ck_assert_uint_eq(r.n, 372000);
		ck_assert_uint_eq(r.start_rows, 23250);
		ck_assert_int_lt(r.iterations, c.iterations);
		ck_assert_double_eq_tol(r.beta[0], tab_b0, 1e-10);
		ck_assert_double_eq_tol(r.beta[1], tab_b1, 1e-10);
		ck_assert_double_eq_tol(r.se[0] * rt, tab_se0, 1e-10);
		ck_assert_double_eq_tol(r.se[1] * rt, tab_se1, 1e-10);
		ck_assert_double_eq_tol(r.loglik / 4000, tab_ll, 1e-10);
		for (i = 0; i < 2; i++) {
			ck_assert_double_eq_tol(r.beta[i], c.beta[i],
			    1e-12 * fabs(c.beta[i]));
			ck_assert_double_eq_tol(r.se[i], c.se[i],
			    1e-12 * c.se[i]);
		}
		ck_assert_double_eq_tol(r.deviance, c.deviance,
		    1e-12 * c.deviance);
		logit_result_done(&r);
	}
	logit_result_done(&c);
	free(X0);
	free(y0);
	free(X);
	free(y);
}
END_TEST

/* What the decided callback of test_logit_decided saw, and says. */
struct decided_log {
	int calls, answer;
	size_t p;		/* coefficients expected (at most 3); 0: 2 */
	double b[3], e[3];
};

static int
decided_cb(void *ctx, const double *b, const double *e, size_t p)
{
	struct decided_log *l = ctx;

	ck_assert_uint_eq(p, l->p != 0 ? l->p : 2);
	l->calls++;
	memcpy(l->b, b, p * sizeof *b);
	memcpy(l->e, e, p * sizeof *e);
	return l->answer;
}

/*
 * spec.decided after a step that moved some log-odds by more than
 * sep_step (0.1) but at most 1, the next step a tenth of it or less in
 * the information metric: asked then, its bounds from the contraction
 * (logit.c contracted_bounds).  20,000 rows of a fixed pseudo-random
 * design: an intercept, a uniform column on [-0.5, 0.5] and a rare
 * indicator (one row in 50), the outcome drawn at log-odds -1 + x1 +
 * 0.8 x2.  From the converged fit with the indicator's coefficient moved
 * by 0.15 (its 400 rows' log-odds 0.15 off, the deviance a few parts in
 * 10,000 above the minimum): asked after the first step, whose log-odds
 * moved by more than 0.1, which the old rule (no log-odds moved by more
 * than sep_step) refused; the estimate is within its bounds of the
 * converged one.  From 2.0 off (the first step moving log-odds by more
 * than 1) the first question waits for a later step.
 */
START_TEST(test_logit_decided_contracted)
{
	enum { N = 20000, P = 3 };
	double *X = xmalloc(N * P * sizeof *X), *y = xmalloc(N * sizeof *y);
	uint64_t s = 0x2545f4914f6cdd1dULL;
	struct logit_spec sp;
	struct logit_result full, r;
	struct rd_err err;
	struct decided_log l;
	double start[P], off[2] = { 0.15, 2.0 };
	size_t i, j, k;

	for (i = 0; i < N; i++) {
		double u, eta;

		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		X[i * P] = 1;
		X[i * P + 1] = (double)(s >> 11) / 9007199254740992.0 - 0.5;
		X[i * P + 2] = i % 50 == 0;
		eta = -1 + X[i * P + 1] + 0.8 * X[i * P + 2];
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		u = (double)(s >> 11) / 9007199254740992.0;
		y[i] = u < 1 / (1 + exp(-eta)) ? 1 : 0;
	}
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(X, y, NULL, N, P, NULL, &sp, &full, &err),
	    0);
	ck_assert(full.converged);
	for (k = 0; k < 2; k++) {
		memset(&l, 0, sizeof l);
		l.answer = 1;
		l.p = P;
		for (j = 0; j < P; j++)
			start[j] = full.beta[j];
		start[2] += off[k];
		sp.start = start;
		sp.decided = decided_cb;
		sp.decided_ctx = &l;
		ck_assert_int_eq(logit_fit(X, y, NULL, N, P, NULL, &sp, &r,
		    &err), 0);
		ck_assert_int_eq(l.calls, 1);
		ck_assert_int_eq(r.decided, 1);
		if (k == 0)
			ck_assert_int_eq(r.iterations, 1);
		else
			ck_assert_int_ge(r.iterations, 2);
		for (j = 0; j < P; j++) {
			ck_assert(l.e[j] > 0);
			ck_assert_msg(fabs(l.b[j] - full.beta[j]) <= l.e[j],
			    "start %zu: b%zu %.17g, maximum %.17g, bound %g",
			    k, j, l.b[j], full.beta[j], l.e[j]);
		}
		logit_result_done(&r);
	}
	logit_result_done(&full);
	free(X);
	free(y);
}
END_TEST

/*
 * logit_cross4 (the correlations' cross products, four rows at a time)
 * gives the bits of the scalar loop adding one row at a time, a[j][k]
 * += x[j] x[k] in row order, for every width from 1 to 13 columns (whole
 * vectors of four and two and single elements), on the AVX and the SSE2
 * code; the lower triangle untouched.
 */
START_TEST(test_logit_cross4_same)
{
	enum { R = 40, PM = 13 };
	double x[R * PM], a[PM * PM], b[PM * PM];
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	size_t p, i, j, k;
	int simd;

	for (i = 0; i < R * PM; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		x[i] = (double)(s >> 11) / 9007199254740992.0 * 3 - 1.2;
	}
	for (simd = 0; simd < 2; simd++) {
		logit_simd(simd);
		for (p = 1; p <= PM; p++) {
			for (i = 0; i < PM * PM; i++)
				a[i] = b[i] = -7.25;
			for (i = 0; i < R; i++)
				for (j = 0; j < p; j++)
					for (k = j; k < p; k++)
						a[j * PM + k] += x[i * PM + j] *
						    x[i * PM + k];
			for (i = 0; i < R; i += 4)
				logit_cross4(b, PM, p, x + i * PM,
				    x + (i + 1) * PM, x + (i + 2) * PM,
				    x + (i + 3) * PM);
			ck_assert_mem_eq(a, b, sizeof a);
		}
	}
	logit_simd(1);
}
END_TEST

/*
 * The accumulation of X'WX adds the same terms in the same order whether
 * it runs four doubles a vector (AVX), two (SSE2) or one: a fit with 11
 * columns (whole vectors of four and of two and single elements in each
 * row of the triangle) of 6,000 rows of a fixed pseudo-random design,
 * and a weighted one, are the same to the bit with and without AVX.
 * On a processor without AVX both fits take the SSE2 code, and the test
 * says so.
 */
START_TEST(test_logit_simd_same)
{
	enum { N = 6000, P = 11 };
	double *X = xmalloc(N * P * sizeof *X), *y = xmalloc(N * sizeof *y);
	double *wt = xmalloc(N * sizeof *wt);
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	size_t i, j, k;
	int weighted;

	for (i = 0; i < N; i++) {
		double eta = 0;

		X[i * P] = 1;
		for (j = 1; j < P; j++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			X[i * P + j] = (double)(s >> 11) / 9007199254740992.0 -
			    0.5;
			eta += X[i * P + j] * (double)j / 4;
		}
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		y[i] = (double)(s >> 11) / 9007199254740992.0 <
		    1 / (1 + exp(-eta)) ? 1 : 0;
		wt[i] = 1 + (double)(i % 3);
	}
	if (!logit_simd(1))
		fprintf(stderr, "check_model: this processor has no AVX: "
		    "test_logit_simd_same compares the SSE2 code with "
		    "itself\n");
	for (weighted = 0; weighted < 2; weighted++) {
		struct logit_result r[2];
		struct logit_spec sp;
		struct rd_err err;

		for (k = 0; k < 2; k++) {
			logit_simd(k == 0);
			logit_spec_init(&sp);
			ck_assert_int_eq(logit_fit(X, y, weighted ? wt : NULL,
			    N, P, NULL, &sp, &r[k], &err), 0);
		}
		logit_simd(1);
		ck_assert(r[0].converged && r[1].converged);
		ck_assert_int_eq(r[0].iterations, r[1].iterations);
		ck_assert_mem_eq(r[0].beta, r[1].beta, P * sizeof *r[0].beta);
		ck_assert_mem_eq(r[0].se, r[1].se, P * sizeof *r[0].se);
		ck_assert_mem_eq(&r[0].deviance, &r[1].deviance,
		    sizeof r[0].deviance);
		logit_result_done(&r[0]);
		logit_result_done(&r[1]);
	}
	free(X);
	free(y);
	free(wt);
}
END_TEST

START_TEST(test_logit_decided)
{
	/*
	 * spec.decided, on the 2 x 2 table above (hand values) once (R's
	 * start) and 4,001 times over (372,093 rows: the sample's start, on
	 * 23,256 rows, not a whole number of tables, so not at the maximum
	 * itself).
	 * A caller that never decides is asked, and the fit is the one
	 * without it, bit for bit.  A caller that decides at its first
	 * question ends the fit there: res.decided, not converged, beta the
	 * estimate it was given, which lies within the bound e of the
	 * maximum (the hand values), after fewer steps; se NaN.
	 */
	double *X0, *y0, *X, *y;
	size_t n0, n, j;
	int big;

	table_rows(&X0, &y0, &n0);
	table_copies(4001, &X, &y, &n);
	for (big = 0; big < 2; big++) {
		const double *Xb = big ? X : X0, *yb = big ? y : y0;
		size_t nb = big ? n : n0;
		const double hand[2] = { tab_b0, tab_b1 };
		struct logit_spec sp;
		struct logit_result full, r;
		struct decided_log l = { 0, 0, 2, { 0, 0, 0 }, { 0, 0, 0 } };
		struct rd_err err;

		logit_spec_init(&sp);
		ck_assert_ptr_null(sp.decided);
		ck_assert_int_eq(logit_fit(Xb, yb, NULL, nb, 2, NULL, &sp,
		    &full, &err), 0);
		ck_assert_int_eq(full.decided, 0);
		sp.decided = decided_cb;
		sp.decided_ctx = &l;
		ck_assert_int_eq(logit_fit(Xb, yb, NULL, nb, 2, NULL, &sp, &r,
		    &err), 0);
		ck_assert_int_gt(l.calls, 0);
		ck_assert_int_eq(r.decided, 0);
		ck_assert(r.converged);
		ck_assert_int_eq(r.iterations, full.iterations);
		for (j = 0; j < 2; j++) {
			ck_assert(r.beta[j] == full.beta[j]);
			ck_assert(r.se[j] == full.se[j]);
		}
		ck_assert(r.loglik == full.loglik);
		logit_result_done(&r);

		l.answer = 1;
		l.calls = 0;
		ck_assert_int_eq(logit_fit(Xb, yb, NULL, nb, 2, NULL, &sp, &r,
		    &err), 0);
		ck_assert_int_eq(l.calls, 1);
		ck_assert_int_eq(r.decided, 1);
		ck_assert_int_eq(r.converged, 0);
		ck_assert_uint_eq(r.n, nb);
		ck_assert_int_lt(r.iterations, full.iterations);
		for (j = 0; j < 2; j++) {
			ck_assert(r.beta[j] == l.b[j]);
			ck_assert(l.e[j] > 0);
			ck_assert_msg(fabs(l.b[j] - hand[j]) <= l.e[j],
			    "b%zu %.17g, maximum %.17g, bound %g", j, l.b[j],
			    hand[j], l.e[j]);
			ck_assert(isnan(r.se[j]));
		}
		logit_result_done(&r);
		logit_result_done(&full);
	}
	free(X0);
	free(y0);
	free(X);
	free(y);
}
END_TEST

START_TEST(test_logit_weights)
{
	/* The same table as four weighted rows gives the same fit (hand
	   values above), with n = 4 rows used and a zero-weight fifth row
	   ignored. */
	const double X[10] = { 1, 0, 1, 0, 1, 1, 1, 1, 1, 1 };
	const double y[5] = { 1, 0, 1, 0, 1 };
	const double w[5] = { 23, 41, 17, 12, 0 };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(X, y, w, 5, 2, NULL, &sp, &r, &err), 0);
	ck_assert_uint_eq(r.n, 4);
	table_fit_ok(&r);
	logit_result_done(&r);
}
END_TEST

START_TEST(test_logit_steps)
{
	/* The init/iterate/test/finish sequence of logit.h gives what
	   logit_fit gives, one step at a time with the deviance falling. */
	double *X, *y, last = INFINITY;
	size_t n;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	struct logit_work *w;
	int rc, steps = 0;

	table_rows(&X, &y, &n);
	logit_spec_init(&sp);
	w = logit_work_alloc(n, 2);
	ck_assert_int_eq(logit_fit_init(w, X, y, NULL, NULL, &sp, &err), 0);
	ck_assert_int_eq(logit_fit_iteration(w), 0);
	while ((rc = logit_fit_iterate(w, &err)) == 0 &&
	    logit_fit_test(w) == LOGIT_CONTINUE) {
		ck_assert(logit_fit_deviance(w) <= last);
		last = logit_fit_deviance(w);
		steps++;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(logit_fit_test(w), LOGIT_CONVERGED);
	ck_assert_int_eq(logit_fit_iteration(w), steps + 1);
	ck_assert_int_eq(logit_fit_finish(w, &r, &err), 0);
	ck_assert_double_eq_tol(r.beta[1], tab_b1, 1e-10);
	ck_assert_int_eq(r.iterations, steps + 1);
	logit_result_done(&r);
	logit_work_free(w);
	free(X);
	free(y);
}
END_TEST

START_TEST(test_logit_l2)
{
	/* Ridge: the penalised estimate satisfies its score equations
	   X'(y - mu) = l2 D b (D: 0 for the intercept, 1 otherwise; the
	   gradient of loglik - l2/2 |b|^2... with our l2 |b|^2 added to
	   the deviance -2 loglik, d/db gives -2 X'(y-mu) + 2 l2 b = 0),
	   and shrinks the slope towards 0 (unpenalised 0.926384545). */
	double *X, *y, s0 = 0, s1 = 0;
	size_t n, i;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	table_rows(&X, &y, &n);
	logit_spec_init(&sp);
	sp.l2 = 2.385;
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, NULL, &sp, &r, &err), 0);
	for (i = 0; i < n; i++) {
		double mu = 1 / (1 + exp(-(r.beta[0] + r.beta[1] *
		    X[2 * i + 1])));

		s0 += y[i] - mu;
		s1 += X[2 * i + 1] * (y[i] - mu);
	}
	ck_assert_double_eq_tol(s0, 0, 1e-9);
	ck_assert_double_eq_tol(s1, sp.l2 * r.beta[1], 1e-9);
	ck_assert(r.beta[1] > 0 && r.beta[1] < tab_b1);
	logit_result_done(&r);
	free(X);
	free(y);
}
END_TEST

START_TEST(test_logit_no_intercept)
{
	/* Without a column of ones the null model is eta = 0 (R's glm):
	   null deviance = 2 n ln 2 = 186 * 0.693147181 = 128.925375584. */
	double *X, *y, *Z;
	size_t n, i;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	table_rows(&X, &y, &n);
	Z = xmalloc(n * sizeof *Z);
	for (i = 0; i < n; i++)
		Z[i] = X[2 * i + 1];
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(Z, y, NULL, n, 1, NULL, &sp, &r, &err), 0);
	ck_assert_double_eq_tol(r.null_deviance, 128.92537558414983, 1e-10);
	/* Only x = 1 rows inform b: b = ln(17/12) = 0.348306694. */
	ck_assert_double_eq_tol(r.beta[0], log(17.0 / 12.0), 1e-10);
	logit_result_done(&r);
	free(X);
	free(y);
	free(Z);
}
END_TEST

/*
 * The German raw logit against R 4.2.2 glm.fit,
 * tests/data/oracle/german_logit.R.json: the design spec is read from the
 * oracle's own "spec", every term name, estimate and standard error (at
 * the final estimate) compared within 1e-6 relative.
 */
/*
 * The design of the R reference's model on German (german_logit.R.json's
 * spec: its numeric columns, then its categorical ones with their
 * reference levels), built with design_build.
 */
static void
german_r_design(json_t *o, struct design *d)
{
	json_t *spec = json_object_get(o, "spec");
	json_t *jn = json_object_get(spec, "numeric");
	json_t *jc = json_object_get(spec, "categorical");
	const char *vars[16];
	char *refs[8];
	size_t nv = 0, nr = 0, k;
	struct rd_err err;

	for (k = 0; k < json_array_size(jn); k++)
		vars[nv++] = json_string_value(json_array_get(jn, k));
	for (k = 0; k < json_array_size(jc); k++) {
		json_t *c = json_array_get(jc, k);
		json_t *ref = json_object_get(c, "reference");

		vars[nv++] = json_string_value(json_object_get(c, "name"));
		if (ref != NULL)
			refs[nr++] = xasprintf("%s=%s", vars[nv - 1],
			    json_string_value(ref));
	}
	ck_assert_int_eq(design_build(german, vars, nv,
	    (const char *const *)refs, nr, d, &err), 0);
	for (k = 0; k < nr; k++)
		free(refs[k]);
}

START_TEST(test_logit_german_r)
{
	json_t *o = oracle_load("german_logit.R.json");
	json_t *coefs = json_object_get(o, "coefficients");
	size_t k;
	struct design d;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	german_r_design(o, &d);
	ck_assert_uint_eq(d.n, (size_t)jnum(o, "n_used"));
	ck_assert_uint_eq(d.p, (size_t)jnum(o, "n_params"));
	ck_assert_uint_eq(d.p, json_array_size(coefs));
	logit_spec_init(&sp);
	ck_assert_msg(logit_fit(d.X, d.y, NULL, d.n, d.p,
	    (const char *const *)d.names, &sp, &r, &err) == 0, "%s", err.msg);
	ck_assert(r.converged);
	ck_assert(json_is_true(json_object_get(o, "converged")));
	ck_assert_uint_eq(r.n_bad, (size_t)jnum(o, "n_bad"));
	for (k = 0; k < d.p; k++) {
		json_t *c = json_array_get(coefs, k);

		ck_assert_str_eq(d.names[k], json_string_value(
		    json_object_get(c, "term")));
		/* R 4.2.2 glm.fit, german_logit.R.json "estimate" */
		ck_assert_rel(r.beta[k], jnum(c, "estimate"), REL_R);
		/* R 4.2.2 glm.fit, german_logit.R.json "std_error" (W at
		   the final estimate) */
		ck_assert_rel(r.se[k], jnum(c, "std_error"), REL_R);
		ck_assert_rel(r.z[k], jnum(c, "z"), REL_R);
		ck_assert_rel(r.pval[k], jnum(c, "p_value"), REL_R);
	}
	/* R 4.2.2 glm.fit, german_logit.R.json loglik, aic, bic, null */
	ck_assert_double_eq_tol(r.loglik, jnum(o, "loglik"), 1e-6);
	ck_assert_double_eq_tol(r.aic, jnum(o, "aic"), 1e-6);
	ck_assert_double_eq_tol(r.bic, jnum(o, "bic"), 1e-6);
	ck_assert_double_eq_tol(r.null_deviance, jnum(o, "deviance_null"),
	    1e-6);
	/* Pinned from german_logit.R.json (R 4.2.2 glm.fit): the intercept
	   -1.93919579681335 (SE 0.549434018187983), duration
	   0.0241101950350202, housing=rent 0.468417512018663; loglik
	   -491.943686839986, AIC 1019.88737367997. */
	ck_assert_rel(r.beta[0], -1.93919579681335, REL_R);
	ck_assert_rel(r.se[0], 0.549434018187983, REL_R);
	ck_assert_rel(r.beta[1], 0.0241101950350202, REL_R);
	ck_assert_rel(r.beta[17], 0.468417512018663, REL_R);
	ck_assert_double_eq_tol(r.loglik, -491.943686839986, 1e-6);
	ck_assert_double_eq_tol(r.aic, 1019.88737367997, 1e-6);
	logit_result_done(&r);
	design_done(&d);
	json_decref(o);
}
END_TEST

/* A dense design handed to logit_fit_rows row by row. */
struct dense_rows {
	const double *X;
	size_t p;
	size_t n;	/* for dense_vouch */
};

static void
dense_row(const void *ctx, size_t i, double *x)
{
	const struct dense_rows *d = ctx;

	memcpy(x, d->X + i * d->p, d->p * sizeof *x);
}

/* logit_rows vouch of a dense design, from the array itself. */
static int
dense_vouch(const void *ctx, int *ones)
{
	const struct dense_rows *d = ctx;
	size_t i, j;

	for (j = 0; j < d->p; j++)
		ones[j] = 1;
	for (i = 0; i < d->n; i++)
		for (j = 0; j < d->p; j++) {
			if (!isfinite(d->X[i * d->p + j]))
				return -1;
			if (d->X[i * d->p + j] != 1)
				ones[j] = 0;
		}
	return 0;
}

/* Every figure of two results the same, bit for bit. */
static void
same_result(const struct logit_result *a, const struct logit_result *b)
{
	size_t j;

	ck_assert_uint_eq(a->n, b->n);
	ck_assert_uint_eq(a->p, b->p);
	ck_assert_int_eq(a->iterations, b->iterations);
	for (j = 0; j < a->p; j++) {
		ck_assert(a->beta[j] == b->beta[j]);
		ck_assert(a->se[j] == b->se[j]);
	}
	ck_assert(a->loglik == b->loglik);
	ck_assert(a->null_deviance == b->null_deviance);
	ck_assert_uint_eq(a->nextreme, b->nextreme);
	ck_assert_uint_eq(a->nextreme1, b->nextreme1);
	ck_assert_uint_eq(a->nlisted, b->nlisted);
	ck_assert_int_eq(a->extreme_main, b->extreme_main);
	for (j = 0; j < a->nlisted; j++) {
		ck_assert_uint_eq(a->extreme[j], b->extreme[j]);
		ck_assert_int_eq(a->extreme_col[j], b->extreme_col[j]);
		ck_assert(a->extreme_p[j] == b->extreme_p[j]);
	}
}

START_TEST(test_logit_rows)
{
	/* The German fit of test_logit_german_r, with the design given row
	   by row (logit_fit_rows, as the scorecard fit and reject
	   inference give theirs): R 4.2.2 glm.fit's estimates and
	   standard errors (german_logit.R.json), and the dense fit's to
	   the last bits but the linear predictor's summation order. */
	json_t *o = oracle_load("german_logit.R.json");
	json_t *coefs = json_object_get(o, "coefficients");
	size_t k;
	struct design d;
	struct logit_spec sp;
	struct logit_result r, rd;
	struct rd_err err;
	struct dense_rows dr;
	struct logit_rows src;

	german_r_design(o, &d);
	memset(&src, 0, sizeof src);
	dr.X = d.X;
	dr.p = d.p;
	dr.n = d.n;
	src.p = d.p;
	src.row = dense_row;
	src.ctx = &dr;
	src.rows = NULL;
	src.predict = NULL;
	src.rows_cols = NULL;
	logit_spec_init(&sp);
	ck_assert_msg(logit_fit_rows(&src, d.y, NULL, d.n,
	    (const char *const *)d.names, &sp, &r, &err) == 0, "%s", err.msg);
	ck_assert_msg(logit_fit(d.X, d.y, NULL, d.n, d.p,
	    (const char *const *)d.names, &sp, &rd, &err) == 0, "%s", err.msg);
	ck_assert(r.converged);
	ck_assert_int_eq(r.iterations, rd.iterations);
	ck_assert_uint_eq(r.n, rd.n);
	for (k = 0; k < d.p; k++) {
		json_t *c = json_array_get(coefs, k);

		/* R 4.2.2 glm.fit, german_logit.R.json */
		ck_assert_rel(r.beta[k], jnum(c, "estimate"), REL_R);
		ck_assert_rel(r.se[k], jnum(c, "std_error"), REL_R);
		ck_assert_rel(r.beta[k], rd.beta[k], 1e-12);
		ck_assert_rel(r.se[k], rd.se[k], 1e-12);
	}
	/* R 4.2.2: loglik -491.943686839986, AIC 1019.88737367997 */
	ck_assert_double_eq_tol(r.loglik, -491.943686839986, 1e-6);
	ck_assert_double_eq_tol(r.aic, 1019.88737367997, 1e-6);
	ck_assert_double_eq_tol(r.bic, rd.bic, 1e-9);
	ck_assert_double_eq_tol(r.null_deviance, rd.null_deviance, 1e-9);
	/* A design that vouches for its values (no pass before the first
	   step) fits the same, bit for bit. */
	src.vouch = dense_vouch;
	logit_result_done(&rd);
	ck_assert_msg(logit_fit_rows(&src, d.y, NULL, d.n,
	    (const char *const *)d.names, &sp, &rd, &err) == 0, "%s", err.msg);
	same_result(&r, &rd);
	logit_result_done(&r);
	logit_result_done(&rd);
	design_done(&d);
	json_decref(o);
}
END_TEST

START_TEST(test_logit_rows_separation)
{
	/* test_logit_separation's data (R 4.2.2 glm: diverges; the linear
	   program splits off all 10 rows) given row by row: the design
	   is made whole for the separation check and the refusal is the
	   same, word for word. */
	static const double x[10] = { 0.3, 1.1, 2.2, 0.7, 1.9, 2.6, 3.1, 4.4,
		2.9, 3.8 };
	double X[20], y[10];
	const char *names[2] = { "(Intercept)", "x" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	struct dense_rows dr = { X, 2, 10 };
	struct logit_rows src = { 2, dense_row, &dr, NULL, NULL, NULL, NULL };
	size_t i;

	for (i = 0; i < 10; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = x[i];
		y[i] = x[i] > 2.4;
	}
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit_rows(&src, y, NULL, 10, names, &sp, &r,
	    &err), -1);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_SEPARATION);
	ck_assert_int_eq(r.fail_col, 1);
	ck_assert_int_eq(r.fail_sign, 1);
	ck_assert_uint_eq(r.sep_split, 10);
	ck_assert_str_eq(err.msg, "complete separation: coefficient of 'x' "
	    "diverging to +inf (y = 1 as it grows): all 10 rows are fitted "
	    "exactly, so the likelihood has no maximum; leave the column "
	    "out of --vars, merge its levels, or add a ridge penalty "
	    "(--l2 <x>)");
}
END_TEST

START_TEST(test_logit_big)
{
	/* 1e6 rows x 15 columns fit in a few IRLS steps; each step is one
	   pass accumulating X'WX.  Data: x_j = sin(i * (j+1) * 0.7071) etc.,
	   y from a fixed rule with noise, so the fit is not separated. */
	size_t n = 1000000, p = 15, i, j;
	double *X = xmalloc(n * p * sizeof *X), *y = xmalloc(n * sizeof *y);
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	clock_t t0;
	unsigned long s = 2385;

	for (i = 0; i < n; i++) {
		double eta = -1.2;

		X[i * p] = 1;
		for (j = 1; j < p; j++) {
			X[i * p + j] = sin((double)i * (double)j * 0.70710678);
			eta += 0.1 * (double)j / (double)p * X[i * p + j];
		}
		s = s * 6364136223846793005UL + 1442695040888963407UL;
		y[i] = (double)(s >> 11) / 9007199254740992.0 <
		    1 / (1 + exp(-eta));
	}
	logit_spec_init(&sp);
	t0 = clock();
	ck_assert_int_eq(logit_fit(X, y, NULL, n, p, NULL, &sp, &r, &err), 0);
	ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC <
	    2.0 * r.iterations + 5, "1e6 x 15 fit too slow");
	ck_assert_int_le(r.iterations, 10);
	logit_result_done(&r);
	free(X);
	free(y);
}
END_TEST

START_TEST(test_logit_singular)
{
	/* x_dup = x: the information matrix is singular; the message names
	   the aliased column and its partner. */
	static const double x[8] = { 1.5, 2.5, 0.5, 3.5, 2.0, 1.0, 4.5, 3.0 };
	static const double y[8] = { 0, 1, 0, 1, 1, 0, 1, 0 };
	double X[8 * 3];
	const char *names[3] = { "(Intercept)", "x", "x_dup" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	size_t i;

	for (i = 0; i < 8; i++) {
		X[3 * i] = 1;
		X[3 * i + 1] = x[i];
		X[3 * i + 2] = x[i];
	}
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(X, y, NULL, 8, 3, names, &sp, &r, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_ENUMERIC);
	ck_assert_str_eq(err.msg, "singular information matrix: 'x_dup' is "
	    "collinear with 'x'");
	ck_assert_int_eq(r.failure, LOGIT_FAIL_SINGULAR);
	ck_assert_int_eq(r.fail_col, 2);
	ck_assert_ptr_null(r.beta);
	/* Dummy trap: intercept = a + b. */
	for (i = 0; i < 8; i++) {
		X[3 * i] = 1;
		X[3 * i + 1] = i % 3 == 0;
		X[3 * i + 2] = i % 3 != 0;
	}
	names[1] = "g=a";
	names[2] = "g=b";
	ck_assert_int_eq(logit_fit(X, y, NULL, 8, 3, names, &sp, &r, &err),
	    -1);
	ck_assert_str_eq(err.msg, "singular information matrix: 'g=b' is "
	    "collinear with '(Intercept)', 'g=a'");
	/* An all-zero column. */
	for (i = 0; i < 8; i++)
		X[3 * i + 2] = 0;
	ck_assert_int_eq(logit_fit(X, y, NULL, 8, 3, names, &sp, &r, &err),
	    -1);
	ck_assert_str_eq(err.msg, "singular information matrix: 'g=b' is "
	    "zero on every row");
}
END_TEST

/*
 * Separation cases, each checked against R 4.2.2 (glm, and lpSolve 5.6.18
 * for Konis's linear program: maximise sum_i s_i x_i'b subject to
 * s_i x_i'b >= 0 and |b_j| <= 1, columns scaled to largest |entry| 1, as
 * safeBinaryRegression::separator does; a positive optimum proves
 * separation, 0 proves a finite maximum):
 *   sepcheck <- function(X, y) {
 *     sc <- apply(X, 2, function(v) if (all(v == 1)) 1 else max(abs(v)))
 *     A <- (2 * y - 1) * sweep(X, 2, sc, "/"); p <- ncol(A)
 *     r <- lp("max", colSums(A), A, rep(">=", nrow(A)), A %*% rep(1, p))
 *     list(obj = r$objval - sum(A), b = r$solution - 1) }   # b = t - 1
 */

/* X[n * 3] = (1, a_i, b_i) row by row. */
static void
design3(double *X, size_t n, const double *a, const double *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		X[3 * i] = 1;
		X[3 * i + 1] = a[i];
		X[3 * i + 2] = b[i];
	}
}

START_TEST(test_logit_separation)
{
	/* Complete: y = 1 exactly when x > 2.4, so b = (-2.4, 1) puts every
	   row strictly on its side.  R 4.2.2:
	     x <- c(0.3, 1.1, 2.2, 0.7, 1.9, 2.6, 3.1, 4.4, 2.9, 3.8)
	     y <- as.integer(x > 2.4); glm(y ~ x, binomial)
	   warns "glm.fit: algorithm did not converge" and "fitted
	   probabilities numerically 0 or 1 occurred" after 25 iterations
	   at b = (-266.6, 111.1), deviance 9.0e-10; sepcheck(cbind(1, x), y)
	   gives the optimum 4.818 > 0 at b = (-1, 2) (in the scaled
	   columns), which splits off 9 rows; the second round of
	   separation.c adds the tenth.  Refused, naming x and +inf. */
	static const double x[10] = { 0.3, 1.1, 2.2, 0.7, 1.9, 2.6, 3.1, 4.4,
		2.9, 3.8 };
	double X[20], y[10];
	const char *names[2] = { "(Intercept)", "x" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	size_t i;

	for (i = 0; i < 10; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = x[i];
		y[i] = x[i] > 2.4;
	}
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(X, y, NULL, 10, 2, names, &sp, &r, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_ENUMERIC);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_SEPARATION);
	ck_assert_int_eq(r.fail_col, 1);
	ck_assert_int_eq(r.fail_sign, 1);
	ck_assert_int_eq(r.sep_complete, 1);
	ck_assert_uint_eq(r.sep_split, 10);
	ck_assert_str_eq(err.msg, "complete separation: coefficient of 'x' "
	    "diverging to +inf (y = 1 as it grows): all 10 rows are fitted "
	    "exactly, so the likelihood has no maximum; leave the column "
	    "out of --vars, merge its levels, or add a ridge penalty "
	    "(--l2 <x>)");
	ck_assert_ptr_null(r.beta);
}
END_TEST

START_TEST(test_logit_quasi_separation)
{
	/* Quasi-complete: every row with g = c is good, the others mixed.
	   R 4.2.2 (i <- 0:59; g <- i %% 3; y <- ifelse(g == 2, 0,
	   as.integer(i %% 7 == 1 | i %% 5 == 0)); glm(y ~ factor(g))) stops
	   after 18 iterations "converged", no warning, with b(g=c) =
	   -18.72 and SE 2404.7: a false convergence.  sepcheck gives the
	   optimum 20 at b(g=c) = -1, b(intercept) = b(g=b) = 0: the 20 rows
	   of g = c split off, the other 40 on the boundary.  Refused. */
	double X[60 * 3], y[60];
	const char *names[3] = { "(Intercept)", "g=b", "g=c" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	size_t i;

	for (i = 0; i < 60; i++) {
		int g = (int)(i % 3);

		X[3 * i] = 1;
		X[3 * i + 1] = g == 1;
		X[3 * i + 2] = g == 2;
		y[i] = g == 2 ? 0 : (i % 7 == 1 || i % 5 == 0);
	}
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(X, y, NULL, 60, 3, names, &sp, &r, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_ENUMERIC);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_SEPARATION);
	ck_assert_int_eq(r.fail_col, 2);
	ck_assert_int_eq(r.fail_sign, -1);
	ck_assert_int_eq(r.sep_complete, 0);
	ck_assert_uint_eq(r.sep_split, 20);
	ck_assert_str_eq(err.msg, "quasi-complete separation: coefficient of "
	    "'g=c' diverging to -inf (y = 0 as it grows): 20 of 60 rows are "
	    "fitted exactly and the others lie on the boundary, so the "
	    "likelihood has no maximum; leave the column out of --vars, merge "
	    "its levels, or add a ridge penalty (--l2 <x>)");
}
END_TEST

START_TEST(test_logit_quasi_separation_numeric)
{
	/* Quasi-complete on a number, as card spending on a card
	   application: spend > 0 only for goods (7 rows), spend = 0 for
	   all 10 bads and 7 goods; income overlaps.  R 4.2.2:
	     spend <- c(0, 0, 0, 12.5, 0, 3.25, 0, 0, 7.75, 0, 0, 2.385, 0,
	       0, 19.5, 0, 4.5, 0, 0, 0, 8.25, 0, 0, 0)
	     inc <- c(2.1, 3.4, 1.8, 4.2, 2.9, 3.3, 1.5, 2.2, 5.1, 2.6, 3.8,
	       2.7, 1.9, 4.4, 3.6, 2.3, 3.1, 1.7, 2.8, 3.9, 4.8, 2.4, 3.2,
	       2.0)
	     y <- c(1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0,
	       0, 0, 1, 0, 1)
	     glm(y ~ inc + spend, binomial)
	   says converged after 20 iterations (b(spend) = -7.39) with the
	   warning "fitted probabilities numerically 0 or 1 occurred";
	   sepcheck gives the optimum 2.98 at b(spend) = -1, the others
	   below 1e-11: the 7 spending rows split off.  Refused. */
	static const double spend[24] = { 0, 0, 0, 12.5, 0, 3.25, 0, 0, 7.75,
		0, 0, 2.385, 0, 0, 19.5, 0, 4.5, 0, 0, 0, 8.25, 0, 0, 0 };
	static const double inc[24] = { 2.1, 3.4, 1.8, 4.2, 2.9, 3.3, 1.5,
		2.2, 5.1, 2.6, 3.8, 2.7, 1.9, 4.4, 3.6, 2.3, 3.1, 1.7, 2.8,
		3.9, 4.8, 2.4, 3.2, 2.0 };
	static const double y[24] = { 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1,
		0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1 };
	double X[24 * 3];
	const char *names[3] = { "(Intercept)", "inc", "spend" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	struct separation sep;
	struct separation_spec ss;
	size_t i;

	design3(X, 24, inc, spend);
	logit_spec_init(&sp);
	ck_assert_int_eq(logit_fit(X, y, NULL, 24, 3, names, &sp, &r, &err),
	    -1);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_SEPARATION);
	ck_assert_int_eq(r.fail_col, 2);
	ck_assert_int_eq(r.fail_sign, -1);
	ck_assert_str_eq(err.msg, "quasi-complete separation: coefficient of "
	    "'spend' diverging to -inf (y = 0 as it grows): 7 of 24 rows are "
	    "fitted exactly and the others lie on the boundary, so the "
	    "likelihood has no maximum; leave the column out of --vars, merge "
	    "its levels, or add a ridge penalty (--l2 <x>)");
	/* The program itself: the direction is spend alone (as lpSolve's),
	   and it keeps every row on its side. */
	separation_spec_init(&ss, 3);
	ck_assert_int_eq(separation_check(X, y, NULL, 24, 3, &ss, &sep), 0);
	ck_assert_int_eq(sep.status, SEPARATION_QUASI);
	ck_assert_int_eq(sep.col, 2);
	ck_assert_double_eq_tol(sep.dir_std[2], -1, 1e-9);
	ck_assert_double_eq_tol(sep.dir_std[1], 0, 1e-9);
	for (i = 0; i < 24; i++) {
		double m = (2 * y[i] - 1) * (sep.dir[0] + sep.dir[1] * inc[i] +
		    sep.dir[2] * spend[i]);

		ck_assert_msg(m > -1e-9, "row %zu on the wrong side: %g", i, m);
		ck_assert_int_eq(m > 1e-9, spend[i] > 0);
	}
	separation_done(&sep);
	/* With a ridge penalty the maximum exists: no refusal. */
	sp.l2 = 0.5;
	ck_assert_int_eq(logit_fit(X, y, NULL, 24, 3, names, &sp, &r, &err),
	    0);
	ck_assert(r.beta[2] < 0 && isfinite(r.beta[2]));
	logit_result_done(&r);
}
END_TEST

START_TEST(test_logit_quasi_separation_rare)
{
	/* The same with the all-good level on only 10 of 30000 rows: the
	   deviance rule is met while those rows' fitted probabilities are
	   still about 1e-9 (R then reports b about -20 with SE 15000, and
	   no warning).  The last step still moves their log-odds by 1
	   (> sep_step 0.1), which sends the fit to the separation check:
	   the 10 rows split off by g=c alone. */
	size_t n = 30000, i;
	double *X = xmalloc(n * 3 * sizeof *X), *y = xmalloc(n * sizeof *y);
	const char *names[3] = { "(Intercept)", "g=b", "g=c" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	for (i = 0; i < n; i++) {
		int g = i < 10 ? 2 : (int)(i % 2);

		X[3 * i] = 1;
		X[3 * i + 1] = g == 1;
		X[3 * i + 2] = g == 2;
		y[i] = g == 2 ? 0 : (i % 7 == 1 || i % 5 == 0);
	}
	logit_spec_init(&sp);
	ck_assert_double_eq(sp.sep_step, 0.1);
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 3, names, &sp, &r, &err),
	    -1);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_SEPARATION);
	ck_assert_int_eq(r.fail_col, 2);
	ck_assert_uint_eq(r.sep_split, 10);
	ck_assert_msg(strstr(err.msg, "quasi-complete separation: coefficient "
	    "of 'g=c' diverging to -inf (y = 0 as it grows): 10 of 30,000 "
	    "rows") == err.msg, "%s", err.msg);
	free(X);
	free(y);
}
END_TEST

START_TEST(test_logit_finite_far_rows)
{
	/* A finite maximum with two rows fitted at probability numerically
	   0 and 1 (R's warning), which must converge as R does.  R 4.2.2:
	     x1 <- c(0.3, 1.1, 2.2, 0.7, 1.9, 2.6, 3.1, 4.4, 2.9, 3.8, 1.4,
	       2.385, 3.3, 0.9, 4.1, 1.7, 2.8, 3.6, 0.5, 2.1, 4.7, 1.2, 3.9,
	       2.4, 95.5, -88.25)
	     x2 <- c(5, 3, 8, 6, 2, 7, 4, 9, 1, 6, 3, 5, 8, 2, 7, 4, 6, 1, 9,
	       3, 5, 2, 8, 4, 6, 3)
	     y <- c(0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0,
	       0, 1, 0, 1, 1, 1, 0)
	     m <- glm(y ~ x1 + x2, binomial,
	       control = glm.control(epsilon = 1e-14, maxit = 100))
	   converges in 9 iterations with "glm.fit: fitted probabilities
	   numerically 0 or 1 occurred": b = (-3.1488775992099494,
	   1.4183510828205206, -0.0573669051358946), SE at the estimate
	   (1.559635044895778, 0.588827213609321, 0.237047852435623),
	   logLik -11.3713689872491; |eta| > 30 on rows 25 (eta 131.96)
	   and 26 (-128.49) only.  R's default epsilon 1e-8 gives the same b
	   to 3e-9.  sepcheck's optimum 7.3e-14: no separation. */
	static const double x1[26] = { 0.3, 1.1, 2.2, 0.7, 1.9, 2.6, 3.1, 4.4,
		2.9, 3.8, 1.4, 2.385, 3.3, 0.9, 4.1, 1.7, 2.8, 3.6, 0.5, 2.1,
		4.7, 1.2, 3.9, 2.4, 95.5, -88.25 };
	static const double x2[26] = { 5, 3, 8, 6, 2, 7, 4, 9, 1, 6, 3, 5, 8,
		2, 7, 4, 6, 1, 9, 3, 5, 2, 8, 4, 6, 3 };
	static const double y[26] = { 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0,
		0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0 };
	static const double b[3] = { -3.1488775992099494, 1.4183510828205206,
		-0.0573669051358946 };
	static const double se[3] = { 1.559635044895778, 0.588827213609321,
		0.237047852435623 };
	double X[26 * 3];
	const char *names[3] = { "(Intercept)", "x1", "x2" };
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	struct separation sep;
	struct separation_spec ss;
	size_t i;

	design3(X, 26, x1, x2);
	logit_spec_init(&sp);
	ck_assert_double_eq(sp.warn_eta, 30);
	ck_assert_msg(logit_fit(X, y, NULL, 26, 3, names, &sp, &r, &err) == 0,
	    "%s", err.msg);
	ck_assert(r.converged);
	for (i = 0; i < 3; i++) {
		ck_assert_rel(r.beta[i], b[i], REL_R);
		ck_assert_rel(r.se[i], se[i], REL_R);
	}
	ck_assert_double_eq_tol(r.loglik, -11.3713689872491, 1e-9);
	/* The warning: rows 25 and 26 (0-based 24, 25), one fitted at 1
	   and one at 0, both through x1. */
	ck_assert(r.finite_proven);
	ck_assert_uint_eq(r.nextreme, 2);
	ck_assert_uint_eq(r.nextreme1, 1);
	ck_assert_uint_eq(r.nlisted, 2);
	ck_assert_uint_eq(r.extreme[0], 24);
	ck_assert_uint_eq(r.extreme[1], 25);
	ck_assert_int_eq(r.extreme_col[0], 1);
	ck_assert_int_eq(r.extreme_col[1], 1);
	ck_assert_int_eq(r.extreme_main, 1);
	/* P(bad) = 1 / (1 + e^-131.96) and e^-128.49 / (1 + e^-128.49). */
	ck_assert(r.extreme_p[0] > 1 - 1e-15);
	ck_assert_double_eq_tol(log(r.extreme_p[1]), b[0] + b[1] * -88.25 +
	    b[2] * 3, 1e-5);
	/* Given row by row by a design that vouches for its values (the
	   means, which pick each row's column, made when the first row
	   fitted at 0 or 1 is listed): the same, bit for bit. */
	{
		struct dense_rows dr = { X, 3, 26 };
		struct logit_rows src;
		struct logit_result rv;

		memset(&src, 0, sizeof src);
		src.p = 3;
		src.row = dense_row;
		src.ctx = &dr;
		src.vouch = dense_vouch;
		ck_assert_msg(logit_fit_rows(&src, y, NULL, 26, names, &sp,
		    &rv, &err) == 0, "%s", err.msg);
		same_result(&r, &rv);
		logit_result_done(&rv);
	}
	logit_result_done(&r);
	/* The program agrees: no separation. */
	separation_spec_init(&ss, 3);
	ck_assert_int_eq(separation_check(X, y, NULL, 26, 3, &ss, &sep), 0);
	ck_assert_int_eq(sep.status, SEPARATION_NONE);
	ck_assert_int_eq(sep.col, -1);
	ck_assert_uint_eq(sep.nrows, 26);
	separation_done(&sep);
}
END_TEST

/*
 * Real data: the Taiwan credit card default file (UCI, CC BY 4.0), its
 * first 1,000 rows and the row of ID 28717 (tests/data/realworld/
 * logit-taiwan-1001.csv), all 23 characteristics as numbers.  R 4.2.2
 * glm (tests/data/r/taiwan_logit.R, oracle tests/data/oracle/
 * logit_taiwan1001.R.json) converges with "fitted probabilities
 * numerically 0 or 1 occurred": row 1001 (ID 28717, PAY_AMT1 873,552)
 * is fitted at P(bad) 8.8e-33.  riskdesk used to refuse this as
 * separation.
 */
START_TEST(test_logit_taiwan_far_row)
{
	json_t *o = oracle_load("logit_taiwan1001.R.json");
	json_t *coefs = json_object_get(o, "coefficients");
	static const char *const vars[23] = { "LIMIT_BAL", "SEX", "EDUCATION",
		"MARRIAGE", "AGE", "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5",
		"PAY_6", "BILL_AMT1", "BILL_AMT2", "BILL_AMT3", "BILL_AMT4",
		"BILL_AMT5", "BILL_AMT6", "PAY_AMT1", "PAY_AMT2", "PAY_AMT3",
		"PAY_AMT4", "PAY_AMT5", "PAY_AMT6" };
	struct dataset *ds;
	struct design d;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;
	size_t k;

	ds = load_csv("tests/data/realworld/logit-taiwan-1001.csv", "tw",
	    "default.payment.next.month", "1");
	ck_assert_int_eq(design_build(ds, vars, 23, NULL, 0, &d, &err), 0);
	ck_assert_uint_eq(d.n, (size_t)jnum(o, "n_used"));
	logit_spec_init(&sp);
	ck_assert_msg(logit_fit(d.X, d.y, NULL, d.n, d.p,
	    (const char *const *)d.names, &sp, &r, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(r.n_bad, (size_t)jnum(o, "n_bad"));
	ck_assert_uint_eq(d.p, json_array_size(coefs));
	for (k = 0; k < d.p; k++) {
		json_t *c = json_array_get(coefs, k);

		ck_assert_str_eq(d.names[k], json_string_value(
		    json_object_get(c, "term")));
		/* R 4.2.2 glm, logit_taiwan1001.R.json "estimate" (epsilon
		   1e-14), "estimate_default" (R's default control) and
		   "std_error" (at the final estimate) */
		ck_assert_rel(r.beta[k], jnum(c, "estimate"), REL_R);
		ck_assert_rel(r.beta[k], jnum(c, "estimate_default"), REL_R);
		ck_assert_rel(r.se[k], jnum(c, "std_error"), REL_R);
	}
	ck_assert_double_eq_tol(r.loglik, jnum(o, "loglik"), 1e-6);
	/* The rows R flags: far_row_numbers [1001], far_columns
	   ["PAY_AMT1"]; the table rowid of the design row is 1001. */
	ck_assert_uint_eq(r.nextreme, 1);
	ck_assert_uint_eq(r.nextreme1, 0);
	ck_assert_int_eq(ds->rowid[d.rows[r.extreme[0]]], (int64_t)json_number_value(
	    json_array_get(json_object_get(o, "far_row_numbers"), 0)));
	ck_assert_str_eq(d.names[r.extreme_col[0]], json_string_value(
	    json_array_get(json_object_get(o, "far_columns"), 0)));
	ck_assert_str_eq(d.names[r.extreme_main], "PAY_AMT1");
	ck_assert(r.finite_proven);
	logit_result_done(&r);
	design_done(&d);
	ds_free(ds);
	json_decref(o);
}
END_TEST

START_TEST(test_logit_bad_input)
{
	double *X, *y;
	size_t n;
	struct logit_spec sp;
	struct logit_result r;
	struct rd_err err;

	table_rows(&X, &y, &n);
	logit_spec_init(&sp);
	/* No convergence: one step is not enough (1e-12 rule). */
	sp.max_iter = 1;
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, NULL, &sp, &r, &err), -1);
	ck_assert_int_eq(err.cls, RD_ENUMERIC);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_CONVERGENCE);
	ck_assert_msg(strstr(err.msg, "no convergence after 1 iteration") ==
	    err.msg, "%s", err.msg);
	logit_spec_init(&sp);
	y[5] = 2;
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, NULL, &sp, &r, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "outcome of row 5 is 2, not 0 or 1");
	y[5] = 1;
	/* One outcome only: table_rows' first 23 rows are bads (x = 0),
	   the next 41 goods (x = 0). */
	ck_assert_int_eq(logit_fit(X, y, NULL, 23, 2, NULL, &sp, &r, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(r.failure, LOGIT_FAIL_INPUT);
	ck_assert_str_eq(err.msg, "every one of the 23 rows used is bad "
	    "(y = 1), none good: with one outcome only the log-odds are "
	    "infinite and there is nothing to fit");
	ck_assert_int_eq(logit_fit(X + 2 * 23, y + 23, NULL, 41, 2, NULL, &sp,
	    &r, &err), -1);
	ck_assert_str_eq(err.msg, "none of the 41 rows used is bad (y = 1): "
	    "with one outcome only the log-odds are infinite and there is "
	    "nothing to fit");
	/* Two parameters, one row: a data problem (exit 1), not misuse. */
	ck_assert_int_eq(logit_fit(X, y, NULL, 1, 2, NULL, &sp, &r, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "too few rows with a known outcome to fit "
	    "2 parameters: 1 row; fit fewer variables or on more rows");
	X[3] = NAN;
	ck_assert_int_eq(logit_fit(X, y, NULL, n, 2, NULL, &sp, &r, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	free(X);
	free(y);
}
END_TEST

static Suite *
logit_suite(void)
{
	Suite *s = suite_create("logit");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, german_setup, german_teardown);
	tcase_add_test(tc, test_logit_table);
	tcase_add_test(tc, test_logit_weights);
	tcase_add_test(tc, test_logit_steps);
	tcase_add_test(tc, test_logit_german_r);
	tcase_add_test(tc, test_logit_rows);
	tcase_add_test(tc, test_logit_rows_separation);
	suite_add_tcase(s, tc);
	tc = tcase_create("edge");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_logit_l2);
	tcase_add_test(tc, test_logit_no_intercept);
	tcase_add_test(tc, test_logit_big);
	tcase_add_test(tc, test_logit_start);
	tcase_add_test(tc, test_logit_decided);
	tcase_add_test(tc, test_logit_decided_contracted);
	tcase_add_test(tc, test_logit_cross4_same);
	tcase_add_test(tc, test_logit_simd_same);
	tcase_add_test(tc, test_logit_start_given);
	tcase_add_test(tc, test_logit_finite_far_rows);
	tcase_add_test(tc, test_logit_taiwan_far_row);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, test_logit_singular);
	tcase_add_test(tc, test_logit_separation);
	tcase_add_test(tc, test_logit_quasi_separation);
	tcase_add_test(tc, test_logit_quasi_separation_rare);
	tcase_add_test(tc, test_logit_quasi_separation_numeric);
	tcase_add_test(tc, test_logit_bad_input);
	suite_add_tcase(s, tc);
	return s;
}

/* ============================================================= design */

START_TEST(test_design_german_row)
{
	/* Row 1 of german_credit.csv: "... < 0 DM", 6 months, critical
	   account, ..., 1169 DM, "unknown/ no savings account", instalment
	   rate 4, age 67, housing own. */
	const char *vars[] = { "duration_in_month", "housing",
		"credit_amount", "status_of_existing_checking_account" };
	const char *refs[] = { "housing=own",
		"status_of_existing_checking_account=no checking account" };
	struct design d;
	struct rd_err err;
	size_t j;

	ck_assert_int_eq(design_build(german, vars, 4, refs, 2, &d, &err), 0);
	/* R's model.matrix order, as for ~ duration_in_month + housing +
	   credit_amount + status_of_existing_checking_account: the
	   intercept, then each column in the order given, a text column as
	   its non-reference levels in byte order ('.' < '0'; " < " before
	   " >= "). */
	ck_assert_uint_eq(d.p, 1 + 1 + 2 + 1 + 3);
	ck_assert_str_eq(d.names[0], "(Intercept)");
	ck_assert_str_eq(d.names[1], "duration_in_month");
	ck_assert_str_eq(d.names[2], "housing=for free");
	ck_assert_str_eq(d.names[3], "housing=rent");
	ck_assert_str_eq(d.names[4], "credit_amount");
	ck_assert_str_eq(d.names[5],
	    "status_of_existing_checking_account=... < 0 DM");
	ck_assert_str_eq(d.names[7],
	    "status_of_existing_checking_account=0 <= ... < 200 DM");
	ck_assert_uint_eq(d.n, 1000);
	ck_assert_uint_eq(d.rows[0], 0);
	/* Row 1: 6 months, housing own (the reference: no dummy set),
	   1169 DM, "... < 0 DM". */
	ck_assert_double_eq(d.X[0], 1);
	ck_assert_double_eq(d.X[1], 6);
	ck_assert_double_eq(d.X[4], 1169);
	for (j = 2; j < d.p; j++)
		if (j != 4)
			ck_assert_double_eq(d.X[j], j == 5 ? 1 : 0);
	ck_assert_double_eq(d.y[0], 0);	/* good */
	ck_assert_double_eq(d.y[1], 1);	/* row 2 is bad */
	design_done(&d);
}
END_TEST

START_TEST(test_design_listwise)
{
	/* Rows with a NULL or an indeterminate target are left out, and
	   a level only on such rows gets no dummy (R drops unused levels). */
	static const double a[6] = { 1.5, NAN, 2.5, 3.5, 4.5, 5.5 };
	static const char *const g[6] = { "b", "a", "c", NULL, "b", "c" };
	static const signed char y[6] = { 0, 1, 1, 0, -1, 1 };
	const char *vars[] = { "g", "a" };
	struct dataset *ds = hand_ds(6);
	struct design d;
	struct rd_err err;

	hand_num(ds, "a", a);
	hand_text(ds, "g", g);
	hand_set_y(ds, y);
	ck_assert_int_eq(design_build(ds, vars, 2, NULL, 0, &d, &err), 0);
	/* Kept rows 0, 2, 5; level "a" (row 1 only) is unused, so "b" is
	   the reference and "c" the one dummy.  Columns in the order of
	   vars: g's dummy before a. */
	ck_assert_uint_eq(d.n, 3);
	ck_assert_uint_eq(d.p, 3);
	ck_assert_str_eq(d.names[1], "g=c");
	ck_assert_str_eq(d.names[2], "a");
	ck_assert_uint_eq(d.rows[1], 2);
	ck_assert_uint_eq(d.rows[2], 5);
	ck_assert_double_eq(d.X[3 * 1 + 1], 1);
	ck_assert_double_eq(d.X[3 * 0 + 1], 0);
	ck_assert_double_eq(d.X[3 * 2 + 2], 5.5);
	design_done(&d);
	ds_free(ds);
}
END_TEST

START_TEST(test_design_errors)
{
	const char *unknown[] = { "duration_in_month", "shoe_size" };
	const char *target[] = { "creditability" };
	const char *ok[] = { "housing", "age_in_years" };
	const char *twice[] = { "housing", "housing" };
	const char *bad_ref[] = { "housing=castle" };
	const char *num_ref[] = { "age_in_years=30" };
	struct design d;
	struct rd_err err;

	ck_assert_int_eq(design_build(german, unknown, 2, NULL, 0, &d, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "unknown column 'shoe_size'");
	ck_assert_int_eq(design_build(german, target, 1, NULL, 0, &d, &err),
	    -1);
	ck_assert_str_eq(err.msg, "the target 'creditability' cannot be a "
	    "predictor");
	ck_assert_int_eq(design_build(german, twice, 2, NULL, 0, &d, &err),
	    -1);
	ck_assert_str_eq(err.msg, "column 'housing' given twice");
	ck_assert_int_eq(design_build(german, ok, 2, bad_ref, 1, &d, &err),
	    -1);
	ck_assert_str_eq(err.msg, "unknown reference level 'castle' of "
	    "'housing'");
	ck_assert_int_eq(design_build(german, ok, 2, num_ref, 1, &d, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_null(d.X);
}
END_TEST

/*
 * The size of a design is counted before X is allocated: a text column of
 * many levels is refused by name (parameters over the limit, or rows x
 * parameters over the cell limit), as are fewer complete rows than
 * parameters; at the limit the design is built.
 */
START_TEST(test_design_size)
{
	enum { N = 600, L = 300 };
	const char *vars[] = { "x", "pc" }, *nums[] = { "x", "z" };
	const char **pc = xmalloc(N * sizeof *pc);
	char (*lv)[8] = xmalloc(L * sizeof *lv);
	double *x = xmalloc(N * sizeof *x), *z = xmalloc(N * sizeof *z);
	signed char *y = xmalloc(N);
	struct design_limits lim;
	struct dataset *ds = hand_ds(N);
	struct design d;
	struct rd_err err;
	size_t i;

	for (i = 0; i < L; i++)
		snprintf(lv[i], sizeof lv[i], "L%03zu", i);
	for (i = 0; i < N; i++) {
		pc[i] = lv[(i * 7) % L];
		x[i] = 2.385 + 0.37 * (double)(i % 41);
		z[i] = 1.25 * (double)(i % 13);
		y[i] = i % 5 == 0 || i % 7 == 3 ? DS_BAD : DS_GOOD;
	}
	hand_num(ds, "x", x);
	hand_num(ds, "z", z);
	hand_text(ds, "pc", pc);
	hand_set_y(ds, y);

	/* 1 + 1 + (300 - 1) = 301 parameters, over the default 200. */
	design_limits_init(&lim);
	ck_assert_uint_eq(lim.max_params, 200);
	ck_assert_uint_eq(lim.max_cells, 67108864);
	ck_assert_int_eq(design_build(ds, vars, 2, NULL, 0, &d, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_null(d.X);
	ck_assert_msg(strstr(err.msg, "column 'pc' has 300 levels in the 600 "
	    "complete rows: a raw fit would estimate 301 parameters (the "
	    "intercept, 1 number and 299 dummies of 'pc'), more than the "
	    "200 it takes; bin it and fit a WoE scorecard instead") ==
	    err.msg, "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "leave it out of --vars"));
	ck_assert_ptr_nonnull(strstr(err.msg, "--type pc=real"));

	/* The cell limit: 600 x 301 = 180,600 cells (180,600 x 8 bytes =
	   1.38 MiB, shown rounded); one cell fewer refuses, exactly as many
	   builds. */
	lim.max_params = 400;
	lim.max_cells = (size_t)N * 301 - 1;
	ck_assert_int_eq(design_build_missing(ds, vars, 2, NULL, 0, NULL,
	    &lim, &d, &err), -1);
	ck_assert_msg(strstr(err.msg, "column 'pc' has 300 levels in the 600 "
	    "complete rows: a raw fit of 301 parameters (the intercept, 1 "
	    "number and 299 dummies of 'pc') would need a design matrix of "
	    "180,600 cells (600 rows x 301 parameters, 1 MiB), more than the "
	    "180,599 (1 MiB) it takes; ") == err.msg, "%s", err.msg);
	lim.max_cells = (size_t)N * 301;
	ck_assert_int_eq(design_build_missing(ds, vars, 2, NULL, 0, NULL,
	    &lim, &d, &err), 0);
	ck_assert_uint_eq(d.p, 301);
	ck_assert_str_eq(d.names[1], "x");
	ck_assert_str_eq(d.names[2], "pc=L001");
	design_done(&d);

	/* No text column behind it: fewer variables is the way out. */
	lim.max_params = 2;
	ck_assert_int_eq(design_build_missing(ds, nums, 2, NULL, 0, NULL,
	    &lim, &d, &err), -1);
	ck_assert_str_eq(err.msg, "a raw fit would estimate 3 parameters (the "
	    "intercept and 2 numbers), more than the 2 it takes; fit fewer "
	    "variables");
	/* Two text columns, neither behind most of the parameters: pc
	   (300 levels) and a second one of 300, 1 + 299 + 299 = 599 with
	   the widest 299 short of half: the message counts them. */
	for (i = 0; i < N; i++)
		pc[i] = lv[(i * 11) % L];
	hand_text(ds, "pc2", pc);
	{
		const char *two[] = { "pc", "pc2" };

		ck_assert_int_eq(design_build(ds, two, 2, NULL, 0, &d, &err),
		    -1);
		ck_assert_str_eq(err.msg, "a raw fit would estimate 599 "
		    "parameters (the intercept, 598 dummies of 2 text columns "
		    "(299 of 'pc')), more than the 200 it takes; fit fewer "
		    "variables, bin the text columns and fit a WoE scorecard "
		    "instead (riskdesk fit --name <scorecard>, without --raw)");
	}
	ds_free(ds);

	/* Too few rows: 6 complete rows, 1 + 1 + 5 parameters. */
	ds = hand_ds(6);
	for (i = 0; i < 6; i++) {
		pc[i] = lv[i];
		y[i] = i % 2 ? DS_BAD : DS_GOOD;
	}
	hand_num(ds, "x", x);
	hand_text(ds, "pc", pc);
	hand_set_y(ds, y);
	ck_assert_int_eq(design_build(ds, vars, 2, NULL, 0, &d, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "too few rows with a known outcome to fit 7 "
	    "parameters: 6 rows (complete in every column; the parameters: "
	    "the intercept, 1 number and 5 dummies of 'pc'); fit fewer "
	    "variables, text columns of fewer levels, or on more rows");
	ck_assert_ptr_null(d.X);
	ds_free(ds);
	free(pc);
	free(lv);
	free(x);
	free(z);
	free(y);
}
END_TEST

/*
 * ds_hash_rows gathers the values' bytes into a buffer before they go to
 * the hash: the digest must be the one of each value's bytes handed to
 * rd_sha256_update one value at a time, as it was, across buffer
 * boundaries: rows that fit the buffer whole (copied in without a look
 * at the room each value), and a table with a text longer than the
 * buffer (each row through a buffer of its own).
 */
START_TEST(test_ds_hash_rows_buffered)
{
	enum { N = 3001 };
	static char big[20001];
	const char **t = xcalloc(N, sizeof *t);
	double *v = xcalloc(N, sizeof *v);
	struct dataset *ds = hand_ds(N);
	struct rd_sha256 *h;
	char got[RD_SHA256_HEX], want[RD_SHA256_HEX];
	unsigned char b[9];
	size_t i, j, k;
	int withbig = _i;

	memset(big, 'x', sizeof big - 1);
	for (i = 0; i < N; i++) {
		v[i] = i % 11 == 0 ? NAN : (double)i / 7 - 100;
		t[i] = i % 13 == 0 ? NULL : withbig && (i == 1500 || i == 7) ?
		    big : i % 3 == 0 ? "own" : i % 3 == 1 ? "rent" :
		    "a longer level";
	}
	hand_num(ds, "v", v);
	hand_text(ds, "t", t);
	h = rd_sha256_new();
	ds_hash_rows(ds, h);
	rd_sha256_hex(h, got);
	/* The bytes as ds.h describes them, one update a value. */
	h = rd_sha256_new();
	for (i = 0; i < N; i++)
		for (j = 0; j < ds->ncols; j++) {
			const struct ds_column *c = &ds->cols[j];

			if (c->type == DS_TEXT ? c->code[i] < 0 :
			    isnan(c->num[i])) {
				rd_sha256_update(h, "N", 1);
			} else if (c->type == DS_TEXT) {
				const char *s = c->levels[c->code[i]];
				size_t n = strlen(s);

				b[0] = 'T';
				for (k = 0; k < 4; k++)
					b[1 + k] = (unsigned char)(n >> (8 * k));
				rd_sha256_update(h, b, 5);
				rd_sha256_update(h, s, n);
			} else {
				uint64_t u;

				memcpy(&u, &c->num[i], sizeof u);
				b[0] = 'D';
				for (k = 0; k < 8; k++)
					b[1 + k] = (unsigned char)(u >> (8 * k));
				rd_sha256_update(h, b, 9);
			}
		}
	rd_sha256_hex(h, want);
	ck_assert_str_eq(got, want);
	ds_free(ds);
	free(t);
	free(v);
}
END_TEST

static Suite *
design_suite(void)
{
	Suite *s = suite_create("design");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, german_setup, german_teardown);
	tcase_add_test(tc, test_design_german_row);
	suite_add_tcase(s, tc);
	tc = tcase_create("edge");
	tcase_add_test(tc, test_design_listwise);
	tcase_add_test(tc, test_design_size);
	tcase_add_loop_test(tc, test_ds_hash_rows_buffered, 0, 2);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_unchecked_fixture(tc, german_setup, german_teardown);
	tcase_add_test(tc, test_design_errors);
	suite_add_tcase(s, tc);
	return s;
}

/* ============================================================= metric */

/*
 * Hand sample: 6 bads, 5 goods, one indeterminate and one NaN score
 * (both ignored).  Sorted:
 *   0.12 g | 0.27 g b g | 0.41 b | 0.55 g b | 0.68 b b | 0.83 g | 0.91 b
 * AUC: each bad scores the goods below it 1 and tied goods 1/2:
 *   0.27: 1 + 2/2 = 2; 0.41: 3; 0.55: 3 + 1/2 = 3.5; 0.68: 4 + 4 = 8;
 *   0.91: 5.  Sum 21.5 / (6 * 5) = 0.716666667.
 * KS: after each distinct score (cum bads/6, cum goods/5):
 *   0.12 0/6-1/5 = 0.2; 0.27 |1/6-3/5| = 13/30 = 0.433333333;
 *   0.41 |2/6-3/5| = 0.266667; 0.55 |3/6-4/5| = 0.3;
 *   0.68 |5/6-4/5| = 0.033333; 0.83 |5/6-1| = 0.166667; 0.91 0.
 *   KS = 13/30 at 0.27.
 */
static const double hand_s[13] = { 0.27, 0.12, 0.91, 0.27, 0.55, 0.68,
	0.41, 0.83, 0.27, 0.55, 0.68, 0.05, NAN };
static const signed char hand_y[13] = { 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1,
	-1, 1 };

START_TEST(test_metric_hand)
{
	double at;

	ck_assert_double_eq_tol(metric_auc(hand_s, hand_y, 13), 21.5 / 30,
	    1e-15);
	ck_assert_double_eq_tol(metric_ks(hand_s, hand_y, 13, &at), 13.0 / 30,
	    1e-15);
	ck_assert_double_eq(at, 0.27);
	ck_assert_double_eq_tol(metric_ks(hand_s, hand_y, 13, NULL),
	    0.43333333333333335, 1e-15);
	/* Both from one sort: the same hand figures. */
	{
		double ks, at2;

		ck_assert_double_eq_tol(metric_auc_ks(hand_s, hand_y, 13, &ks,
		    &at2), 21.5 / 30, 1e-15);
		ck_assert_double_eq_tol(ks, 13.0 / 30, 1e-15);
		ck_assert_double_eq(at2, 0.27);
	}
}
END_TEST

/*
 * german_logit.pred.csv (R 4.2.2 fitted P(bad)) and
 * german_logit.metrics.json (scikit-learn 1.2.1 and by hand,
 * tests/data/oracle): AUC 0.7886, KS 0.449047619047619 at p 0.39195....
 */
START_TEST(test_metric_german_pred)
{
	json_t *o = oracle_load("german_logit.metrics.json");
	json_t *m = json_object_get(o, "metrics");
	FILE *f = fopen(srcpath("tests/data/oracle/german_logit.pred.csv"),
	    "r");
	char line[256];
	double s[1000], at;
	signed char y[1000];
	size_t n = 0;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_str_eq(line, "row,y,p_bad,eta\n");
	while (fgets(line, sizeof line, f) != NULL) {
		int row, yy;

		ck_assert_uint_lt(n, 1000);
		ck_assert_int_eq(sscanf(line, "%d,%d,%lf", &row, &yy, &s[n]),
		    3);
		y[n++] = (signed char)yy;
	}
	fclose(f);
	ck_assert_uint_eq(n, (size_t)jnum(m, "n"));
	/* scikit-learn 1.2.1, german_logit.metrics.json auc / ks */
	ck_assert_double_eq_tol(metric_auc(s, y, n), jnum(m, "auc"), 1e-12);
	ck_assert_double_eq_tol(metric_ks(s, y, n, &at), jnum(m, "ks"),
	    1e-12);
	ck_assert_double_eq_tol(at, jnum(m, "ks_score_at_max"), 1e-15);
	/* Pinned from the same file: AUC 0.7886, KS 0.449047619047619. */
	ck_assert_double_eq_tol(metric_auc(s, y, n), 0.7886, 1e-12);
	ck_assert_double_eq_tol(metric_ks(s, y, n, NULL), 0.44904761904761903,
	    1e-12);
	json_decref(o);
}
END_TEST

START_TEST(test_metric_ties)
{
	/* All scores tied: AUC 1/2 (every pair a tie), KS 0 (the CDFs meet
	   only after the one group).  A perfect ranking: AUC 1, KS 1. */
	const double flat[5] = { 2.385, 2.385, 2.385, 2.385, 2.385 };
	const double ranked[5] = { 0.1, 0.2, 0.3, 0.7, 0.9 };
	const signed char y[5] = { 0, 1, 0, 1, 1 };
	const signed char yr[5] = { 0, 0, 0, 1, 1 };
	double at;

	ck_assert_double_eq(metric_auc(flat, y, 5), 0.5);
	ck_assert_double_eq(metric_ks(flat, y, 5, &at), 0);
	ck_assert_double_eq(metric_auc(ranked, yr, 5), 1);
	ck_assert_double_eq(metric_ks(ranked, yr, 5, &at), 1);
	ck_assert_double_eq(at, 0.3);
}
END_TEST

START_TEST(test_metric_degenerate)
{
	/* No bads (or only indeterminates besides goods): NaN, not 0. */
	const double s[4] = { 0.1, 0.4, 0.35, 0.8 };
	const signed char y[4] = { 0, 0, -1, 0 };
	double at = 0;

	ck_assert(isnan(metric_auc(s, y, 4)));
	ck_assert(isnan(metric_ks(s, y, 4, &at)));
	ck_assert(isnan(at));
	ck_assert(isnan(metric_auc(s, y, 0)));
}
END_TEST

static Suite *
metric_suite(void)
{
	Suite *s = suite_create("metric");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_metric_hand);
	tcase_add_test(tc, test_metric_german_pred);
	suite_add_tcase(s, tc);
	tc = tcase_create("edge");
	tcase_add_test(tc, test_metric_ties);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, test_metric_degenerate);
	suite_add_tcase(s, tc);
	return s;
}

/* =============================================================== card */

START_TEST(test_card_scaling_hand)
{
	/* Defaults: 600 points at 50:1, PDO 20.
	     factor = 20 / ln 2 = 20 / 0.693147181 = 28.853900818
	     offset = 600 - 28.853900818 * ln 50
	            = 600 - 28.853900818 * 3.912023005 = 487.122876205
	   Scaling of german_scorecard.json: 600 at 19:1, PDO 50:
	     factor = 50 / 0.693147181 = 72.134752044
	     offset = 600 - 72.134752044 * ln 19 (2.944438979)
	            = 387.603624328
	   card_pd inverts score = offset + factor ln(odds good:bad):
	     at 600 the odds are 50:1, PD = 1/51 = 0.019607843;
	     20 points lower they halve, 25:1, PD = 1/26 = 0.038461538. */
	struct card_fit_spec fs;
	struct scorecard card;

	card_fit_spec_init(&fs);
	ck_assert_double_eq(fs.scaling.base_score, 600);
	ck_assert_double_eq(fs.scaling.base_odds, 50);
	ck_assert_double_eq(fs.scaling.pdo, 20);
	ck_assert_double_eq(fs.min_iv, 0.02);
	memset(&card, 0, sizeof card);
	card.factor = fs.scaling.pdo / log(2.0);
	card.offset = fs.scaling.base_score - card.factor *
	    log(fs.scaling.base_odds);
	ck_assert_double_eq_tol(card.factor, 28.85390081777927, 1e-12);
	ck_assert_double_eq_tol(card.offset, 487.1228762045055, 1e-12);
	ck_assert_double_eq_tol(card_pd(&card, 600), 1.0 / 51, 1e-15);
	ck_assert_double_eq_tol(card_pd(&card, 580), 1.0 / 26, 1e-15);
	ck_assert_double_eq_tol(card_pd(&card, 487.1228762045055), 0.5,
	    1e-15);
}
END_TEST

/*
 * One characteristic, grade A/B/C: goods 47/31/9, bads 6/15/19, so
 * G = 87, B = 40.  With one WoE variable the logit reproduces the bins'
 * bad odds exactly: ln(b_i/g_i) = ln(B/G) - WoE_i, so b0 = ln(40/87) =
 * -0.777028665 and b1 = -1.  With the default scaling (factor 28.853900818,
 * offset 487.122876205):
 *   base = round(487.122876205 + 28.853900818 * 0.777028665)
 *        = round(509.543184224) = 510
 *   WoE_A = ln((47/87)/(6/40)) = ln(3.601532567) = 1.281359468
 *     points = round(28.853900818 * 1.281359468) = round(36.972219) = 37
 *   WoE_B = ln((31/87)/(15/40)) = ln(0.950191571) = -0.051091661
 *     points = round(-1.474194) = -1
 *   WoE_C = ln((9/87)/(19/40)) = ln(0.217785844) = -1.524243066
 *     points = round(-43.980358) = -44
 */
static struct dataset *
grade_ds(void)
{
	static const int goods[3] = { 47, 31, 9 }, bads[3] = { 6, 15, 19 };
	static const char *const lv[3] = { "A", "B", "C" };
	size_t n = 127, i = 0;
	struct dataset *ds = hand_ds(n);
	const char **g = xmalloc(n * sizeof *g);
	signed char *y = xmalloc(n);
	int c, k;

	for (c = 0; c < 3; c++)
		for (k = 0; k < goods[c] + bads[c]; k++, i++) {
			g[i] = lv[c];
			y[i] = k < goods[c] ? DS_GOOD : DS_BAD;
		}
	hand_text(ds, "grade", g);
	hand_set_y(ds, y);
	free(g);
	free(y);
	return ds;
}

static struct scorecard *
grade_card(struct dataset *ds)
{
	struct card_fit_spec fs;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch;
	struct scorecard *card;

	card_fit_spec_init(&fs);
	bin_spec_init(&bs);
	ch = bin_fine(ds, &ds->cols[0], &bs, &err);
	ck_assert_ptr_nonnull(ch);
	card = card_fit_chars(ds, "grade card", &ch, 1, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	return card;
}

START_TEST(test_card_one_char)
{
	struct dataset *ds = grade_ds();
	struct scorecard *card = grade_card(ds);
	double score[127];
	struct rd_err err;

	ck_assert_uint_eq(card->nchars, 1);
	/* The hand calculation above. */
	ck_assert_double_eq_tol(card->intercept, -0.77702866454064745, 1e-9);
	ck_assert_double_eq_tol(card->chars[0].coef, -1, 1e-9);
	ck_assert_double_eq(card->base_points, 510);
	ck_assert_double_eq(card->chars[0].points[0], 37);
	ck_assert_double_eq(card->chars[0].points[1], -1);
	ck_assert_double_eq(card->chars[0].points[2], -44);
	ck_assert_uint_eq(card->n, 127);
	ck_assert_uint_eq(card->n_bad, 40);
	ck_assert_str_eq(card->population, "hand");
	ck_assert_int_eq(card_score(card, ds, score, NULL, &err), 0);
	ck_assert_double_eq(score[0], 547);	/* A: 510 + 37 */
	ck_assert_double_eq(score[126], 466);	/* C: 510 - 44 */
	card_free(card);
	ds_free(ds);
}
END_TEST

/*
 * The WoE scorecard of german_scorecard.json (statsmodels 0.13.5 on
 * strict WoE) and german_scorecard_woe_logit.R.json (R 4.2.2 glm.fit):
 * the oracle's 8 model characteristics with its fixed bins, scaling 600
 * points at 19:1, PDO 50.  No bin has a zero cell, so our adjusted WoE is
 * the oracle's strict WoE.
 */
START_TEST(test_card_german_oracle)
{
	json_t *o = oracle_load("german_scorecard.json");
	json_t *rj = oracle_load("german_scorecard_woe_logit.R.json");
	json_t *spec = json_object_get(o, "spec");
	json_t *vars = json_object_get(spec, "variables");
	json_t *model = json_object_get(spec, "model_variables");
	json_t *sc = json_object_get(spec, "scaling");
	json_t *rc = json_object_get(rj, "coefficients");
	json_t *cardj = json_object_get(o, "card");
	json_t *dp = json_object_get(o, "discrimination_score_points");
	struct characteristic *chars[8];
	struct card_fit_spec fs;
	struct scorecard *card;
	struct rd_err err;
	size_t nc = 0, k, v, b, row = 0;

	card_fit_spec_init(&fs);
	for (k = 0; k < json_array_size(model); k++) {
		const char *name = json_string_value(json_array_get(model, k));

		for (v = 0; v < json_array_size(vars); v++) {
			json_t *var = json_array_get(vars, v);

			if (strcmp(json_string_value(json_object_get(var,
			    "name")), name) == 0)
				chars[nc++] = oracle_char(var, &fs.bins);
		}
	}
	ck_assert_uint_eq(nc, 8);
	fs.scaling.base_score = jnum(sc, "points0");
	fs.scaling.base_odds = jnum(sc, "odds0");
	fs.scaling.pdo = jnum(sc, "pdo");
	card = card_fit_chars(german, "german", chars, nc, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 8);
	ck_assert_uint_eq(card->ndropped, 0);
	/* statsmodels 0.13.5, german_scorecard.json scaling */
	ck_assert_double_eq_tol(card->factor, jnum(json_object_get(o,
	    "scaling"), "factor"), 1e-12);
	ck_assert_double_eq_tol(card->offset, jnum(json_object_get(o,
	    "scaling"), "offset"), 1e-12);
	/* R 4.2.2 glm.fit, german_scorecard_woe_logit.R.json */
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(rc, 0), "term")), "(Intercept)");
	ck_assert_rel(card->intercept, jnum(json_array_get(rc, 0),
	    "estimate"), REL_R);
	ck_assert_rel(card->intercept_se, jnum(json_array_get(rc, 0),
	    "std_error"), REL_R);
	for (k = 0; k < card->nchars; k++) {
		json_t *c = json_array_get(rc, k + 1);
		char term[128];

		snprintf(term, sizeof term, "woe_%s", card->chars[k].ch->name);
		ck_assert_str_eq(json_string_value(json_object_get(c, "term")),
		    term);
		ck_assert_rel(card->chars[k].coef, jnum(c, "estimate"), REL_R);
		ck_assert_rel(card->chars[k].se, jnum(c, "std_error"), REL_R);
		ck_assert_rel(card->chars[k].pval, jnum(c, "p_value"), REL_R);
	}
	ck_assert_double_eq_tol(card->loglik, jnum(rj, "loglik"), 1e-6);
	ck_assert_double_eq_tol(card->aic, jnum(rj, "aic"), 1e-6);
	/* Points per bin, statsmodels 0.13.5, german_scorecard.json "card":
	   the bins follow the spec's order, as ours do. */
	ck_assert_double_eq(card->base_points, jnum(o, "base_points_rounded"));
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;

		for (b = 0; b < ch->nbins; b++, row++) {
			json_t *x = json_array_get(cardj, row);

			ck_assert_str_eq(json_string_value(json_object_get(x,
			    "variable")), ch->name);
			ck_assert_double_eq_tol(ch->bins[b].woe, jnum(x, "woe"),
			    1e-12);
			ck_assert_double_eq(card->chars[k].points[b],
			    jnum(x, "points_rounded"));
		}
	}
	ck_assert_uint_eq(row, json_array_size(cardj));
	/* The rounded points' discrimination, german_scorecard.json
	   "discrimination_score_points" (scikit-learn 1.2.1 and by hand). */
	ck_assert_uint_eq(card->n, 1000);
	ck_assert_uint_eq(card->n_bad, 300);
	ck_assert_double_eq_tol(card->auc, jnum(dp, "auc"), 1e-12);
	ck_assert_double_eq_tol(card->gini, jnum(dp, "gini"), 1e-12);
	ck_assert_double_eq_tol(card->ks, jnum(dp, "ks"), 1e-12);
	ck_assert_double_eq(card->ks_at, jnum(dp, "ks_score_at_max"));
	/* Pinned: purpose=retraining earns 94 points and the intercept is
	   -0.848706717184889 (R 4.2.2 glm.fit); base points 449. */
	ck_assert_double_eq(card->chars[3].points[9], 94);
	ck_assert_rel(card->intercept, -0.848706717184889, REL_R);
	ck_assert_double_eq(card->base_points, 449);
	card_free(card);
	json_decref(o);
	json_decref(rj);
}
END_TEST

/* card_set_coefficients on ds against card_set_coefficients_binned on
   the binned sample of ds: the same card text, byte for byte. */
static void
same_set_coefficients(const struct scorecard *card, const struct dataset *ds,
	const struct logit_result *res)
{
	struct characteristic **chars;
	struct binned_sample bs;
	struct scorecard *a, *b;
	struct rd_err err;
	char *text = card_serialize(card), *ta, *tb;
	size_t k;

	a = card_parse(text, &err);
	b = card_parse(text, &err);
	ck_assert_msg(a != NULL && b != NULL, "%s", err.msg);
	ck_assert_int_eq(card_set_coefficients(a, res, ds, &err), 0);
	chars = xmalloc(card->nchars * sizeof *chars);
	for (k = 0; k < card->nchars; k++)
		chars[k] = b->chars[k].ch;
	binned_init(&bs, ds->table, chars, card->nchars);
	bs.keep_reject = 1;
	ck_assert_int_eq(card_binned_append(&bs, ds, chars, &err), 0);
	ck_assert_int_eq(card_set_coefficients_binned(b, res, &bs, &err), 0);
	ta = card_serialize(a);
	tb = card_serialize(b);
	ck_assert_str_eq(ta, tb);
	ck_assert_uint_eq(b->n, ds->nbad + ds->ngood);
	ck_assert_uint_eq(b->n_indet, ds->nindet);
	free(ta);
	free(tb);
	free(text);
	free(chars);
	binned_done(&bs);
	card_free(a);
	card_free(b);
}

START_TEST(test_card_set_coefficients_binned)
{
	/* New coefficients (the fitted ones moved) set from the rows and
	   from their bins give the same card: points, AUC, Gini, KS and
	   the rounding errors; also with indeterminate rows, which count
	   for the rounding error but not for the discrimination. */
	struct card_fit_spec fs;
	struct scorecard *card;
	struct logit_result res;
	struct rd_err err;
	signed char *y0 = xmalloc(german->nrows);
	size_t k, i, nbad = german->nbad, ngood = german->ngood;
	size_t nindet = german->nindet;

	card_fit_spec_init(&fs);
	card = card_fit(german, "german default", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	memset(&res, 0, sizeof res);
	res.p = card->nchars + 1;
	res.beta = xmalloc(res.p * sizeof *res.beta);
	res.se = xmalloc(res.p * sizeof *res.se);
	res.pval = xmalloc(res.p * sizeof *res.pval);
	res.beta[0] = card->intercept + 0.25;
	for (k = 0; k < card->nchars; k++)
		res.beta[k + 1] = card->chars[k].coef * (1 + 0.1 * (double)k);
	for (k = 0; k < res.p; k++) {
		res.se[k] = 0.1 + 0.01 * (double)k;
		res.pval[k] = 0.01 * (double)k;
	}
	res.loglik = -500.5;
	res.aic = 1020.25;
	res.iterations = 6;
	same_set_coefficients(card, german, &res);
	/* One row in seven made indeterminate. */
	memcpy(y0, german->y, german->nrows);
	for (i = 0; i < german->nrows; i += 7) {
		if (german->y[i] == DS_BAD)
			german->nbad--;
		else if (german->y[i] == DS_GOOD)
			german->ngood--;
		german->y[i] = DS_INDET;
		german->nindet++;
	}
	same_set_coefficients(card, german, &res);
	memcpy(german->y, y0, german->nrows);
	german->nbad = nbad;
	german->ngood = ngood;
	german->nindet = nindet;
	free(y0);
	free(res.beta);
	free(res.se);
	free(res.pval);
	card_free(card);
}
END_TEST

START_TEST(test_card_roundtrip)
{
	/* card_fit on german with the defaults; serialise, parse, and the
	   parsed card scores every row exactly as the fitted one; its text
	   serialises back to itself. */
	struct card_fit_spec fs;
	struct scorecard *card, *back;
	struct rd_err err;
	double *s1 = xmalloc(german->nrows * sizeof *s1);
	double *s2 = xmalloc(german->nrows * sizeof *s2);
	double *p1 = xmalloc(german->nrows * sizeof *p1);
	double *p2 = xmalloc(german->nrows * sizeof *p2);
	char *text, *again;
	size_t i, k;

	card_fit_spec_init(&fs);
	card = card_fit(german, "german default", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_gt(card->nchars, 3);
	for (k = 0; k < card->nchars; k++) {
		ck_assert(card->chars[k].coef <= 0);
		ck_assert(card->chars[k].ch->iv >= fs.min_iv);
	}
	ck_assert_uint_eq(card->nchars + card->ndropped, german->ncols - 1);
	ck_assert(card->auc > 0.5 && card->auc < 1);
	ck_assert_double_eq_tol(card->gini, 2 * card->auc - 1, 1e-15);
	text = card_serialize(card);
	back = card_parse(text, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert_int_eq(card_score(card, german, s1, p1, &err), 0);
	ck_assert_int_eq(card_score(back, german, s2, p2, &err), 0);
	for (i = 0; i < german->nrows; i++) {
		ck_assert_double_eq(s1[i], s2[i]);
		ck_assert_double_eq(p1[i], p2[i]);
	}
	ck_assert_str_eq(back->name, "german default");
	ck_assert_str_eq(back->population, "german");
	ck_assert_double_eq(back->factor, card->factor);
	ck_assert_double_eq(back->auc, card->auc);
	ck_assert_uint_eq(back->ndropped, card->ndropped);
	/* The stored bins keep their counts only: bin_shares gives back
	   the rates the fit had, e.g. bad rate = bads / count. */
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *a = card->chars[k].ch;
		const struct characteristic *b = back->chars[k].ch;

		for (i = 0; i < a->nbins; i++) {
			ck_assert_double_eq(b->bins[i].bad_rate,
			    a->bins[i].bad_rate);
			ck_assert_double_eq(b->bins[i].pct_goods,
			    a->bins[i].pct_goods);
			ck_assert_double_eq(b->bins[i].pct_bads,
			    a->bins[i].pct_bads);
			ck_assert_double_eq(b->bins[i].share, a->bins[i].share);
			if (b->bins[i].count > 0)
				ck_assert_double_eq_tol(b->bins[i].bad_rate,
				    (double)b->bins[i].bads /
				    (double)b->bins[i].count, 1e-15);
		}
	}
	again = card_serialize(back);
	ck_assert_str_eq(again, text);
	free(again);
	free(text);
	card_free(card);
	card_free(back);
	free(s1);
	free(s2);
	free(p1);
	free(p2);
}
END_TEST

START_TEST(test_card_score_unseen)
{
	/* The grade card (hand values above) on new applicants: a NULL
	   grade (no missing bin in development) scores 0 points for the
	   characteristic, so the base 510; an unseen grade "D" goes to the
	   bin with the largest count, A (53 rows): 510 + 37 = 547; C is
	   510 - 44 = 466, B 510 - 1 = 509.  PD at 510:
	   (510 - 487.122876205) / 28.853900818 = 0.792860693,
	   1 / (1 + e^0.792860693) = 1 / 3.209708691 = 0.311554753. */
	static const char *const g[4] = { "C", NULL, "D", "B" };
	struct dataset *dev = grade_ds();
	struct scorecard *card = grade_card(dev);
	struct dataset *ds = hand_ds(4);
	double s[4], pd[4];
	struct rd_err err;

	hand_text(ds, "grade", g);
	ck_assert_int_eq(card_score(card, ds, s, pd, &err), 0);
	ck_assert_double_eq(s[0], 466);
	ck_assert_double_eq(s[1], 510);
	ck_assert_double_eq(s[2], 547);
	ck_assert_double_eq(s[3], 509);
	ck_assert_double_eq_tol(pd[1], 0.3115547534700581, 1e-12);
	ck_assert_double_eq_tol(pd[1], card_pd(card, 510), 1e-15);
	card_free(card);
	ds_free(ds);
	ds_free(dev);
}
END_TEST

START_TEST(test_card_drop_rules)
{
	/* The same characteristic twice is collinear: the second copy is
	   dropped and the fit goes on.  A characteristic whose WoE signs
	   are flipped gets a positive coefficient and is dropped as "wrong
	   sign". */
	struct dataset *ds = grade_ds();
	struct card_fit_spec fs;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch[2];
	struct scorecard *card;
	size_t b;

	card_fit_spec_init(&fs);
	bin_spec_init(&bs);
	ch[0] = bin_fine(ds, &ds->cols[0], &bs, &err);
	ch[1] = bin_fine(ds, &ds->cols[0], &bs, &err);
	card = card_fit_chars(ds, "twice", ch, 2, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_uint_eq(card->ndropped, 1);
	ck_assert_str_eq(card->dropped[0], "grade: collinear with other "
	    "characteristics (singular information matrix)");
	card_free(card);

	ch[0] = bin_fine(ds, &ds->cols[0], &bs, &err);
	for (b = 0; b < ch[0]->nbins; b++)
		ch[0]->bins[b].woe = -ch[0]->bins[b].woe;
	card = card_fit_chars(ds, "flipped", ch, 1, &fs, &err);
	ck_assert_ptr_null(card);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_msg(strstr(err.msg, "grade: wrong sign (coefficient +1)")
	    != NULL, "%s", err.msg);
	ds_free(ds);
}
END_TEST

START_TEST(test_card_single_bin)
{
	/* card_fit leaves out a constant column ("single bin") and one
	   below min_iv, naming both. */
	static const double flat[127] = { 0 };
	double *noise = xmalloc(127 * sizeof *noise);
	struct dataset *ds = grade_ds();
	struct card_fit_spec fs;
	struct rd_err err;
	struct scorecard *card;
	size_t i;

	for (i = 0; i < 127; i++)
		noise[i] = (double)(i % 2);
	hand_num(ds, "flat", flat);
	hand_num(ds, "parity", noise);
	card_fit_spec_init(&fs);
	card = card_fit(ds, "with flat", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_str_eq(card->chars[0].ch->name, "grade");
	ck_assert_uint_eq(card->ndropped, 2);
	ck_assert_str_eq(card->dropped[0], "flat: single bin: one value on "
	    "every row");
	ck_assert_msg(strncmp(card->dropped[1], "parity: IV ", 11) == 0, "%s",
	    card->dropped[1]);
	card_free(card);
	free(noise);
	ds_free(ds);
}
END_TEST

/*
 * grade_ds (127 rows: A 47 goods 6 bads, B 31/15, C 9/19) with two
 * characteristics that split goods from bads on their own: "flag", the
 * bads at 1.5, 2.25 or 3 and the goods at 4, 5.5 or 7.25 (every bad below
 * 4, every good at 4 or above: complete), and "code", the bads at levels
 * k1, k2 and the goods at g1, g2, g3 (every level pure).  Coarse classing
 * wants a good and a bad in each bin, so each can only be one bin.
 */
static struct dataset *
splitting_ds(void)
{
	static const double bv[3] = { 1.5, 2.25, 3 }, gv[3] = { 4, 5.5, 7.25 };
	static const char *const bl[2] = { "k1", "k2" };
	static const char *const gl[3] = { "g1", "g2", "g3" };
	struct dataset *ds = grade_ds();
	double *flag = xmalloc(ds->nrows * sizeof *flag);
	const char **code = xmalloc(ds->nrows * sizeof *code);
	size_t i;

	for (i = 0; i < ds->nrows; i++) {
		int bad = ds->y[i] == DS_BAD;

		flag[i] = bad ? bv[i % 3] : gv[i % 3];
		code[i] = bad ? bl[i % 2] : gl[i % 3];
	}
	hand_num(ds, "flag", flag);
	hand_text(ds, "code", code);
	free(flag);
	free(code);
	return ds;
}

START_TEST(test_card_separating_char)
{
	/* A characteristic that alone splits goods from bads is named as
	   such, with the ways out, never as "single bin" with IV 0. */
	struct dataset *ds = splitting_ds();
	struct card_fit_spec fs;
	struct rd_err err;
	struct scorecard *card;
	const char *excl[2] = { "grade", "code" };

	card_fit_spec_init(&fs);
	card = card_fit(ds, "split", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_str_eq(card->chars[0].ch->name, "grade");
	ck_assert_uint_eq(card->ndropped, 2);
	ck_assert_str_eq(card->dropped[0], "flag: separates goods from bads "
	    "on its own (every bad below 4, every good at 4 or above): no "
	    "finite WoE or coefficient, IV unbounded; make it a knock-out "
	    "rule or leave it out (riskdesk fit --exclude flag), or bin it "
	    "by hand with a bin holding both sides of 4 (riskdesk bin --char "
	    "flag --split BIN:VALUE; a pure bin then takes the 0.5 zero-cell "
	    "WoE adjustment)");
	ck_assert_str_eq(card->dropped[1], "code: separates goods from bads "
	    "on its own (every level holds only goods or only bads; bads "
	    "only: k1, k2; goods only: g1, g2, g3): no finite WoE or "
	    "coefficient, IV unbounded; make it a knock-out rule or leave it "
	    "out (riskdesk fit --exclude code), or group a bad level with a "
	    "good one by hand (riskdesk bin --char code --move LEVEL=BIN)");
	card_free(card);
	/* Nothing else left: the separation is the error, not "no
	   characteristic left". */
	fs.exclude = excl;
	fs.nexclude = 2;
	card = card_fit(ds, "flag only", &fs, &err);
	ck_assert_ptr_null(card);
	ck_assert_int_eq(err.cls, RD_ENUMERIC);
	ck_assert_msg(strstr(err.msg, "cannot fit a scorecard: flag: separates "
	    "goods from bads on its own (every bad below 4") == err.msg, "%s",
	    err.msg);
	ck_assert_msg(strstr(err.msg, "(2 other characteristics dropped, "
	    "first grade: excluded)") != NULL, "%s", err.msg);
	ck_assert_ptr_null(strstr(err.msg, "no characteristic left"));
	ds_free(ds);
}
END_TEST

START_TEST(test_card_pure_bins_fit)
{
	/* flag binned by hand at 4: bin 1 [-inf, 4) holds the 40 bads only,
	   bin 2 the 87 goods only.  Their WoE takes the 0.5 adjustment:
	     WoE_1 = ln((0.5/87)/(40.5/40)) = ln(0.005747/1.0125) = -5.1714
	     WoE_2 = ln((87.5/87)/(0.5/40)) = ln(1.005747/0.0125) =  4.3877
	   and the WoE column alone separates every row (complete), so the
	   WoE fit has no maximum: the characteristic and its pure bins are
	   named with the ways out.  With a ridge penalty it fits. */
	struct dataset *ds = splitting_ds();
	struct card_fit_spec fs;
	struct bin_spec bs;
	struct rd_err err;
	struct characteristic *ch[1], *two[2];
	struct scorecard *card;
	static const double br[1] = { 4 };
	int c = ds_column_index(ds, "flag");

	bin_spec_init(&bs);
	card_fit_spec_init(&fs);
	ch[0] = bin_from_breaks(ds, &ds->cols[c], br, 1, &bs, &err);
	ck_assert_ptr_nonnull(ch[0]);
	ck_assert_uint_eq(ch[0]->bins[0].bads, 40);
	ck_assert_uint_eq(ch[0]->bins[0].goods, 0);
	ck_assert_double_eq_tol(ch[0]->bins[0].woe,
	    log((0.5 / 87) / (40.5 / 40)), 1e-12);
	/* Left to the fit, the separating characteristic is left out with
	   its reason; nothing else is left, so that reason is the error. */
	card = card_fit_chars(ds, "pure", ch, 1, &fs, &err);
	ck_assert_ptr_null(card);
	ck_assert_int_eq(err.cls, RD_ENUMERIC);
	ck_assert_str_eq(err.msg, "cannot fit a scorecard: flag: separates "
	    "goods from bads: bin 1 ([-inf, 4)) holds only bads, bin 2 "
	    "([4, inf)) holds only goods (its WoE coefficient diverges to "
	    "-inf, 127 of 127 rows fitted exactly), so it has no finite "
	    "estimate; merge each pure bin with a neighbour (riskdesk bin "
	    "--char flag --merge BIN), or fit with --l2 to bound the "
	    "coefficient (pure bins keep the 0.5 zero-cell WoE adjustment)");
	/* Forced in by the officer, it is refused by name. */
	{
		const char *force[1] = { "flag" };

		fs.forced = force;
		fs.nforced = 1;
		ch[0] = bin_from_breaks(ds, &ds->cols[c], br, 1, &bs, &err);
		card = card_fit_chars(ds, "pure, forced", ch, 1, &fs, &err);
		ck_assert_ptr_null(card);
		ck_assert_int_eq(err.cls, RD_ENUMERIC);
		ck_assert_msg(strstr(err.msg, "separation in the scorecard "
		    "fit: characteristic 'flag' separates goods from bads: "
		    "bin 1 ([-inf, 4)) holds only bads") == err.msg, "%s",
		    err.msg);
		fs.forced = NULL;
		fs.nforced = 0;
	}
	/* Beside grade, flag is left out and grade fitted alone. */
	two[0] = bin_fine(ds, &ds->cols[0], &bs, &err);
	two[1] = bin_from_breaks(ds, &ds->cols[c], br, 1, &bs, &err);
	card = card_fit_chars(ds, "pure beside grade", two, 2, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_str_eq(card->chars[0].ch->name, "grade");
	ck_assert_uint_eq(card->ndropped, 1);
	ck_assert_msg(strstr(card->dropped[0], "flag: separates goods from "
	    "bads: bin 1") == card->dropped[0], "%s", card->dropped[0]);
	card_free(card);
	fs.logit.l2 = 1;
	ch[0] = bin_from_breaks(ds, &ds->cols[c], br, 1, &bs, &err);
	card = card_fit_chars(ds, "pure, bounded", ch, 1, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert(card->chars[0].coef < 0 && isfinite(card->chars[0].coef));
	card_free(card);
	/* Forward selection over grade (fine bins A, B, C) and the pure
	   flag: every model with flag separates, so flag cannot enter,
	   and the reason says so rather than "not selected". */
	fs.logit.l2 = 0;
	fs.select.method = SELECT_FORWARD;
	two[0] = bin_fine(ds, &ds->cols[0], &bs, &err);
	two[1] = bin_from_breaks(ds, &ds->cols[c], br, 1, &bs, &err);
	card = card_fit_chars(ds, "selected", two, 2, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_str_eq(card->chars[0].ch->name, "grade");
	ck_assert_uint_eq(card->ndropped, 1);
	ck_assert_str_eq(card->dropped[0], "flag: not selected: with the "
	    "characteristics chosen it separates goods from bads (the "
	    "likelihood has no maximum); merge its pure bins or fit with "
	    "--l2");
	card_free(card);
	ds_free(ds);
}
END_TEST

/*
 * A missing flag: "flag" is 1 (20 goods, 20 bads) or empty (60 goods, 5
 * bads); G = 80, B = 25.  Its only evidence is in the missing bin, yet two
 * bins hold rows, so card_fit keeps it and WoE-codes the missing bin:
 *   WoE_range   = ln((20/80)/(20/25)) = ln 0.3125 = -1.1631508098056809
 *   WoE_missing = ln((60/80)/(5/25))  = ln 3.75   =  1.3217558399823195
 * One WoE variable reproduces the bins' odds exactly (see grade_ds): b1 =
 * -1, b0 = ln(25/80) = -1.1631508098056809.  Default scaling (factor
 * 28.853900818, offset 487.122876205):
 *   base = round(487.122876205 + 28.853900818 * 1.163150810) = round(
 *          520.684314) = 521
 *   points range   = round(28.853900818 * -1.163150810) = round(-33.561)
 *                  = -34
 *   points missing = round(28.853900818 * 1.321755840) = round(38.138) = 38
 */
START_TEST(test_card_missing_flag)
{
	size_t n = 105, i;
	double *flag = xmalloc(n * sizeof *flag);
	signed char *y = xmalloc(n);
	struct dataset *ds = hand_ds(n);
	struct card_fit_spec fs;
	struct rd_err err;
	struct scorecard *card;
	const struct characteristic *ch;

	for (i = 0; i < n; i++) {
		flag[i] = i < 40 ? 1 : NAN;
		y[i] = i < 40 ? (i < 20 ? DS_GOOD : DS_BAD) :
		    (i < 100 ? DS_GOOD : DS_BAD);
	}
	hand_num(ds, "flag", flag);
	hand_set_y(ds, y);
	card_fit_spec_init(&fs);
	card = card_fit(ds, "flag card", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_uint_eq(card->ndropped, 0);
	ch = card->chars[0].ch;
	ck_assert_str_eq(ch->name, "flag");
	ck_assert_uint_eq(ch->nbins, 2);
	ck_assert_int_eq(ch->bins[1].kind, BIN_MISSING);
	ck_assert_double_eq_tol(ch->bins[0].woe, -1.1631508098056809, 1e-12);
	ck_assert_double_eq_tol(ch->bins[1].woe, 1.3217558399823195, 1e-12);
	ck_assert_double_eq_tol(card->chars[0].coef, -1, 1e-6);
	ck_assert_double_eq_tol(card->intercept, -1.1631508098056809, 1e-6);
	ck_assert_double_eq(card->base_points, 521);
	ck_assert_double_eq(card->chars[0].points[0], -34);
	ck_assert_double_eq(card->chars[0].points[1], 38);
	card_free(card);
	free(flag);
	free(y);
	ds_free(ds);
}
END_TEST

/*
 * --force overrides the IV pre-filter: "parity" (IV below min_iv 0.02,
 * left out in test_card_single_bin) stays in when forced, flagged forced.
 */
START_TEST(test_card_force_low_iv)
{
	double *noise = xmalloc(127 * sizeof *noise);
	struct dataset *ds = grade_ds();
	static const char *const forced[1] = { "parity" };
	struct card_fit_spec fs;
	struct rd_err err;
	struct scorecard *card;
	size_t i, k;

	for (i = 0; i < 127; i++)
		noise[i] = (double)(i % 2);
	hand_num(ds, "parity", noise);
	card_fit_spec_init(&fs);
	fs.forced = forced;
	fs.nforced = 1;
	card = card_fit(ds, "forced", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 2);
	ck_assert_uint_eq(card->ndropped, 0);
	for (k = 0; k < 2; k++)
		if (strcmp(card->chars[k].ch->name, "parity") == 0)
			break;
	ck_assert_uint_lt(k, 2);
	ck_assert_int_eq(card->chars[k].forced, 1);
	ck_assert(card->chars[k].ch->iv < fs.min_iv);
	card_free(card);
	free(noise);
	ds_free(ds);
}
END_TEST

START_TEST(test_card_errors)
{
	struct dataset *dev = grade_ds();
	struct scorecard *card = grade_card(dev);
	struct dataset *ds = hand_ds(2);
	static const double num[2] = { 1, 2 };
	double s[2];
	struct rd_err err;
	struct card_fit_spec fs;
	char *text, *p;

	/* Scoring a table without the column, or with it numeric. */
	hand_num(ds, "amount", num);
	ck_assert_int_eq(card_score(card, ds, s, NULL, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "table 'hand' has no column 'grade' for the "
	    "scorecard");
	free(ds->cols[0].name);
	ds->cols[0].name = xstrdup("grade");
	ck_assert_int_eq(card_score(card, ds, s, NULL, &err), -1);
	ck_assert_str_eq(err.msg, "column 'grade' of table 'hand' is numeric, "
	    "the scorecard expects text: import the table again with --type "
	    "grade=text");
	/* Malformed text: JSON syntax, with its location; a missing key. */
	ck_assert_ptr_null(card_parse("{\"name\": \"x\",\n  \"factor\": }",
	    &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_msg(strncmp(err.msg, "malformed scorecard: ", 21) == 0, "%s",
	    err.msg);
	text = card_serialize(card);
	p = strstr(text, "\"factor\"");
	ck_assert_ptr_nonnull(p);
	memcpy(p, "\"fact0r\"", 8);
	ck_assert_ptr_null(card_parse(text, &err));
	ck_assert_str_eq(err.msg, "malformed scorecard: factor: expected a "
	    "number");
	free(text);
	/* Not a scorecard at all, or a later version. */
	ck_assert_ptr_null(card_parse("{\"name\": \"x\"}", &err));
	ck_assert_str_eq(err.msg, "malformed scorecard: format: expected "
	    "\"riskdesk scorecard\"");
	ck_assert_ptr_null(card_parse("{\"format\": \"riskdesk scorecard\", "
	    "\"version\": 2}", &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	/* Bins out of order are refused: they would break the lookup. */
	ck_assert_ptr_null(card_parse("{\"format\":\"riskdesk scorecard\","
	    "\"version\":1,\"name\":\"x\",\"population\":\"p\","
	    "\"scaling\":{\"base_score\":600,\"base_odds\":50,\"pdo\":20},"
	    "\"factor\":28.9,\"offset\":487.1,\"intercept\":-1,"
	    "\"intercept_se\":0.1,\"intercept_pval\":0.01,\"base_points\":510,"
	    "\"characteristics\":[{\"name\":\"a\",\"numeric\":true,\"coef\":-1,"
	    "\"se\":0.1,\"pval\":0.01,\"iv\":0.2,\"goods\":1,\"bads\":1,"
	    "\"bins\":[{\"kind\":\"range\",\"lower\":null,\"upper\":5,"
	    "\"label\":\"a\",\"count\":1,\"goods\":1,\"bads\":0,\"woe\":0,"
	    "\"iv\":0,\"points\":3},{\"kind\":\"range\",\"lower\":4,"
	    "\"upper\":null,\"label\":\"b\",\"count\":1,\"goods\":0,\"bads\":1,"
	    "\"woe\":0,\"iv\":0,\"points\":-3}]}]}", &err));
	ck_assert_str_eq(err.msg, "malformed scorecard: characteristics[0]."
	    "bins: expected contiguous increasing ranges from -inf (null) to "
	    "inf (null)");
	/* Fitting without a target. */
	card_fit_spec_init(&fs);
	ck_assert_ptr_null(card_fit(ds, "no target", &fs, &err));
	card_free(card);
	free(ds->y);
	ds->y = NULL;
	ck_assert_ptr_null(card_fit(ds, "no target", &fs, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ds_free(ds);
	ds_free(dev);
}
END_TEST

START_TEST(test_card_scaling_bounds)
{
	/* PDO in [1, 1000], base odds in (0, 1e6], |base score| <= 1e6:
	   outside them factor = PDO / ln 2 or offset = base score - factor
	   ln(odds) overflows (PDO 1e308: offset -inf), or the points of
	   most attributes round to 0 (PDO 1e-300: factor 1.4e-300). */
	struct card_scaling sc;
	struct rd_err err;
	struct dataset *ds = grade_ds();
	struct card_fit_spec fs;

	card_scaling_init(&sc);
	ck_assert_int_eq(card_scaling_check(&sc, &err), 0);
	sc.pdo = 1000;
	sc.base_odds = 1e6;
	sc.base_score = -1e6;
	ck_assert_int_eq(card_scaling_check(&sc, &err), 0);
	sc.pdo = 1e308;
	ck_assert_int_eq(card_scaling_check(&sc, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "PDO 1e+308 is out of range: expected a "
	    "number from 1 to 1000");
	sc.pdo = 1e-300;
	ck_assert_int_eq(card_scaling_check(&sc, &err), -1);
	sc.pdo = NAN;
	ck_assert_int_eq(card_scaling_check(&sc, &err), -1);
	sc.pdo = 20;
	sc.base_odds = 0;
	ck_assert_int_eq(card_scaling_check(&sc, &err), -1);
	ck_assert_str_eq(err.msg, "base odds 0 are out of range: expected a "
	    "number in (0, 1e+06]");
	sc.base_odds = 50;
	sc.base_score = INFINITY;
	ck_assert_int_eq(card_scaling_check(&sc, &err), -1);
	ck_assert_str_eq(err.msg, "base score inf is out of range: expected "
	    "a number from -1e+06 to 1e+06");
	/* card_fit refuses the scaling before storing anything. */
	card_fit_spec_init(&fs);
	fs.scaling.pdo = 1e308;
	ck_assert_ptr_null(card_fit(ds, "big", &fs, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ds_free(ds);
}
END_TEST

START_TEST(test_card_identifier_rule)
{
	/* Rule (bin.h bin_identifier): N distinct non-missing values, M
	   non-missing rows; a text column is an identifier when N > 50 and
	   N > 0.5 M.  On 127 rows:
	     "id"   127 distinct, none missing: 127 > 50, 127 > 63.5 -> yes
	     "at"   51 distinct (each twice) in rows 0..101, 25 missing:
	            M = 102, 51 > 50 but 51 > 51 fails          -> no
	     "over" 52 distinct in rows 0..101 (50 twice, rows 100, 101
	            new), 25 missing: 52 > 50 and 52 > 51       -> yes
	     "few"  40 distinct in 40 rows, 87 missing: 40 > 50 fails -> no
	   A numeric column is one when its M > 50 values are the distinct
	   whole numbers of one run:
	     "seq"  1001 .. 1127 in some order               -> yes
	     "gap"  the same with 1127 replaced by 1200: the run 1001 .. 1200
	            would need 200 values, there are 127      -> no
	     "dup"  1001 .. 1126 and 1001 again: range 126 + 1 = 126 values
	            but 127 rows (a repeat)                   -> no
	   A recorded role wins over the rule, with its note; a saved
	   binning of the column exempts it from the rule only. */
	struct dataset *ds = grade_ds();
	const char **v = xcalloc(127, sizeof *v);
	char (*buf)[16] = xcalloc(127, sizeof *buf);
	double *x = xcalloc(127, sizeof *x);
	struct card_fit_spec fs;
	struct scorecard *card;
	struct rd_err err;
	char why[96];
	int c_id, c_at, c_over, c_few, c_seq, c_gap, c_dup;
	size_t i;

	for (i = 0; i < 127; i++) {
		snprintf(buf[i], sizeof buf[i], "id%03zu", i);
		v[i] = buf[i];
	}
	c_id = hand_text(ds, "id", v);
	for (i = 0; i < 127; i++)
		v[i] = i < 102 ? buf[i % 51] : NULL;
	c_at = hand_text(ds, "at", v);
	for (i = 0; i < 127; i++)
		v[i] = i < 100 ? buf[i % 50] : i < 102 ? buf[i] : NULL;
	c_over = hand_text(ds, "over", v);
	for (i = 0; i < 127; i++)
		v[i] = i < 40 ? buf[i] : NULL;
	c_few = hand_text(ds, "few", v);
	for (i = 0; i < 127; i++)
		x[i] = 1001 + (double)((i * 37) % 127);	/* 37 is prime to 127 */
	c_seq = hand_num(ds, "seq", x);
	for (i = 0; i < 127; i++)
		if (x[i] == 1127)
			x[i] = 1200;
	c_gap = hand_num(ds, "gap", x);
	for (i = 0; i < 127; i++)
		x[i] = i < 126 ? 1001 + (double)i : 1001;
	c_dup = hand_num(ds, "dup", x);
	card_fit_spec_init(&fs);
	ck_assert(fs.bins.id_share == 0.5);
	ck_assert_uint_eq(fs.bins.id_min_levels, 50);
	ck_assert_int_eq(bin_identifier(&ds->cols[c_id], 127, &fs.bins, why,
	    sizeof why), 1);
	ck_assert_str_eq(why, "identifier: 127 distinct values in 127 rows");
	ck_assert_int_eq(bin_identifier(&ds->cols[c_at], 127, &fs.bins, why,
	    sizeof why), 0);
	ck_assert_int_eq(bin_identifier(&ds->cols[c_over], 127, &fs.bins, why,
	    sizeof why), 1);
	ck_assert_str_eq(why, "identifier: 52 distinct values in 102 rows");
	ck_assert_int_eq(bin_identifier(&ds->cols[c_few], 127, &fs.bins, why,
	    sizeof why), 0);
	ck_assert_int_eq(bin_identifier(&ds->cols[0], 127, &fs.bins, why,
	    sizeof why), 0);	/* grade: 3 levels */
	ck_assert_int_eq(bin_identifier(&ds->cols[c_seq], 127, &fs.bins, why,
	    sizeof why), 1);
	ck_assert_str_eq(why, "identifier: 127 distinct values in 127 rows");
	ck_assert_int_eq(bin_identifier(&ds->cols[c_gap], 127, &fs.bins, why,
	    sizeof why), 0);
	ck_assert_int_eq(bin_identifier(&ds->cols[c_dup], 127, &fs.bins, why,
	    sizeof why), 0);
	/* Below id_run_rows rows (100; 128 here) a run is an identifier
	   only as a row number, 1.. in row order ("row"), or under a name
	   like an id's ("seq_no"): "seq", shuffled, may be a
	   characteristic.  Text whose levels are mostly numbers ("num":
	   the 126 numbers 1001..1126 and "NaN") never is one. */
	{
		struct dataset *d2 = grade_ds();
		char (*nb)[16] = xcalloc(127, sizeof *nb);
		int c_row, c_seqno, c_num;

		for (i = 0; i < 127; i++)
			x[i] = 1 + (double)i;
		c_row = hand_num(d2, "row", x);
		for (i = 0; i < 127; i++)
			x[i] = 1001 + (double)((i * 37) % 127);
		c_seqno = hand_num(d2, "seq_no", x);
		for (i = 0; i < 127; i++) {
			snprintf(nb[i], sizeof nb[i], "%zu", 1001 + i);
			v[i] = i < 126 ? nb[i] : "NaN";
		}
		c_num = hand_text(d2, "num", v);
		ck_assert_uint_eq(fs.bins.id_run_rows, 100);
		fs.bins.id_run_rows = 128;
		ck_assert_int_eq(bin_identifier(&ds->cols[c_seq], 127,
		    &fs.bins, why, sizeof why), 0);
		ck_assert_int_eq(bin_identifier(&d2->cols[c_row], 127,
		    &fs.bins, why, sizeof why), 1);
		ck_assert_int_eq(bin_identifier(&d2->cols[c_seqno], 127,
		    &fs.bins, why, sizeof why), 1);
		ck_assert_int_eq(bin_identifier(&d2->cols[c_num], 127,
		    &fs.bins, why, sizeof why), 0);
		fs.bins.id_run_rows = 100;
		ds_free(d2);
		free(nb);
	}
	/* A recorded role, with and without a note. */
	ds->cols[c_few].role = xstrdup(DS_ROLE_IDENTIFIER);
	ck_assert_int_eq(bin_identifier(&ds->cols[c_few], 127, &fs.bins, why,
	    sizeof why), 1);
	ck_assert_str_eq(why, "identifier (recorded)");
	ds->cols[c_few].role_note = xstrdup("identifier: the import's --id");
	ck_assert_int_eq(bin_identifier(&ds->cols[c_few], 127, &fs.bins, why,
	    sizeof why), 1);
	ck_assert_str_eq(why, "identifier: the import's --id");
	free(ds->cols[c_few].role);
	free(ds->cols[c_few].role_note);
	ds->cols[c_few].role = ds->cols[c_few].role_note = NULL;
	fs.bins.id_share = 1;	/* off: N <= M always */
	ck_assert_int_eq(bin_identifier(&ds->cols[c_id], 127, &fs.bins, why,
	    sizeof why), 0);
	/* A saved binning of the column is the officer's choice. */
	{
		struct characteristic *saved = bin_fine(ds, &ds->cols[c_seq],
		    &fs.bins, &err);
		struct characteristic *const one[1] = { saved };

		card_fit_spec_init(&fs);
		fs.bins.saved = one;
		fs.bins.nsaved = 1;
		ck_assert_int_eq(bin_identifier(&ds->cols[c_seq], 127,
		    &fs.bins, why, sizeof why), 0);
		characteristic_free(saved);
	}

	/* In card_fit: "id" and "seq" are dropped for the rule, in
	   column order, after "at", "over", "few", "gap" and "dup",
	   excluded by name (listed first, in the given order), and grade
	   is fitted alone. */
	card_fit_spec_init(&fs);
	{
		static const char *const ex[] = { "over", "at", "few",
		    "over", "gap", "dup" };

		fs.exclude = ex;
		fs.nexclude = 6;
		card = card_fit(ds, "ids", &fs, &err);
	}
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 1);
	ck_assert_str_eq(card->chars[0].ch->name, "grade");
	ck_assert_uint_eq(card->ndropped, 7);
	ck_assert_str_eq(card->dropped[0], "over: excluded");
	ck_assert_str_eq(card->dropped[1], "at: excluded");
	ck_assert_str_eq(card->dropped[2], "few: excluded");
	ck_assert_str_eq(card->dropped[3], "gap: excluded");
	ck_assert_str_eq(card->dropped[4], "dup: excluded");
	ck_assert_str_eq(card->dropped[5], "id: identifier: 127 distinct "
	    "values in 127 rows");
	ck_assert_str_eq(card->dropped[6], "seq: identifier: 127 distinct "
	    "values in 127 rows");
	card_free(card);
	free(v);
	free(buf);
	free(x);
	ds_free(ds);
}
END_TEST

static Suite *
card_suite(void)
{
	Suite *s = suite_create("card");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, german_setup, german_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_card_scaling_hand);
	tcase_add_test(tc, test_card_one_char);
	tcase_add_test(tc, test_card_german_oracle);
	tcase_add_test(tc, test_card_roundtrip);
	tcase_add_test(tc, test_card_set_coefficients_binned);
	suite_add_tcase(s, tc);
	tc = tcase_create("edge");
	tcase_add_test(tc, test_card_score_unseen);
	tcase_add_test(tc, test_card_drop_rules);
	tcase_add_test(tc, test_card_single_bin);
	tcase_add_test(tc, test_card_separating_char);
	tcase_add_test(tc, test_card_pure_bins_fit);
	tcase_add_test(tc, test_card_missing_flag);
	tcase_add_test(tc, test_card_force_low_iv);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, test_card_errors);
	tcase_add_test(tc, test_card_scaling_bounds);
	tcase_add_test(tc, test_card_identifier_rule);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *s[5];

	s[0] = bin_suite();
	s[1] = logit_suite();
	s[2] = design_suite();
	s[3] = metric_suite();
	s[4] = card_suite();
	return run_suites(s, 5);
}
