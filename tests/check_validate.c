/*
 * check_validate.c - tests of model validation (validate), variable
 * selection (select), reason codes and the exported points table (card,
 * report-model), and the raw fit's JSON output against R.
 *
 * References: hand calculations written out in the comments, and the
 * files under tests/data/oracle (see its README: R 4.2.2 glm.fit,
 * scikit-learn 1.2.1, numpy 1.24.2).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "testutil.h"
#include "testds.h"
#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "desk/desk.h"
#include "model/bin.h"
#include "model/card.h"
#include "model/design.h"
#include "model/logit.h"
#include "model/metric.h"
#include "model/select.h"
#include "model/validate.h"
#include "report/report.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define ck_assert_rel(x, ref, rel) \
	ck_assert_double_eq_tol((x), (ref), (rel) * fabs(ref))

/* Import csv (relative to the source tree) as table into a scratch
   database; returns the open desk. */
static struct desk *
desk_with(const char *csv, const char *table, const char *target,
	const char *bad)
{
	struct rd_err err;
	struct import_spec spec;
	struct import_summary sum;
	struct desk *d;

	rd_err_clear(&err);
	d = desk_open(scratch_db("val"), &err);
	ck_assert_msg(d != NULL, "%s", err.msg);
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = srcpath(csv);
	spec.table = table;
	spec.target = target;
	spec.bad = bad;
	ck_assert_msg(desk_import(d, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
	return d;
}

static void
desk_drop(struct desk *d)
{
	char *path = xstrdup(db_path(d->db));

	desk_close(d);
	unlink(path);
	free(path);
}

/* ========================================================= validate */

/*
 * Hosmer-Lemeshow and gains by hand: 12 rows, 3 groups.
 *   PD sorted: .05 .10 .15 .20 | .30 .35 .40 .45 | .60 .70 .80 .90
 *   y:          0   0   1   0  |  0   1   0   1  |  1   1   0   1
 * Group of sorted position i: floor(3 i / 12), so four rows each.
 *   g1: O = 1, E = .50, n = 4: (1 - .5)^2 / (.5 (1 - .5/4))
 *       = .25 / .4375 = 0.571428571428571
 *   g2: O = 2, E = 1.5: .25 / (1.5 (1 - 1.5/4)) = .25 / .9375
 *       = 0.266666666666667
 *   g3: O = 3, E = 3.0: 0
 *   HL = 0.838095238095238 on 3 - 2 = 1 df;
 *   p = P(chi2_1 > HL) = erfc(sqrt(HL / 2)) = 0.359942102475147.
 * Scores are 1000 - 1000 PD (riskiest = lowest score), so the gains table
 * (riskiest group first) has bads 3, 2, 1 of 6; overall bad rate .5:
 *   bad rates .75 .5 .25, lift 1.5 1 .5, capture 3/6 5/6 6/6,
 *   cumulative lift (3/4)/.5 = 1.5, (5/8)/.5 = 1.25, (6/12)/.5 = 1.
 */
static const double hl_pd[12] = { 0.30, 0.05, 0.90, 0.10, 0.35, 0.15,
	0.60, 0.40, 0.70, 0.20, 0.80, 0.45 };
static const signed char hl_y[12] = { 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0,
	1 };

START_TEST(test_hl_hand)
{
	struct validate_spec vs;
	struct validation v;
	struct rd_err err;
	double s[12];
	size_t i;

	for (i = 0; i < 12; i++)
		s[i] = 1000 - 1000 * hl_pd[i];
	validate_spec_init(&vs);
	vs.ngroups = vs.hl_groups = 3;
	ck_assert_int_eq(validate_sample(s, hl_pd, hl_y, 12, &vs, &v, &err),
	    0);
	ck_assert_uint_eq(v.nhl, 3);
	ck_assert_double_eq_tol(v.hl[0].expected, 0.5, 1e-12);
	ck_assert_uint_eq(v.hl[0].bads, 1);
	ck_assert_double_eq_tol(v.hl[1].expected, 1.5, 1e-12);
	ck_assert_double_eq_tol(v.hl_stat, 0.838095238095238, 1e-12);
	ck_assert_int_eq(v.hl_df, 1);
	ck_assert_double_eq_tol(v.hl_p, 0.359942102475147, 1e-12);
	ck_assert_uint_eq(v.ngains, 3);
	ck_assert_uint_eq(v.gains[0].bads, 3);
	ck_assert_uint_eq(v.gains[1].bads, 2);
	ck_assert_uint_eq(v.gains[2].bads, 1);
	ck_assert_double_eq_tol(v.gains[0].lift, 1.5, 1e-12);
	ck_assert_double_eq_tol(v.gains[2].lift, 0.5, 1e-12);
	ck_assert_double_eq_tol(v.gains[1].cum_bad_share, 5.0 / 6, 1e-12);
	ck_assert_double_eq_tol(v.gains[1].cum_lift, 1.25, 1e-12);
	ck_assert_double_eq_tol(v.gains[0].lo, 100, 1e-9);
	ck_assert_double_eq_tol(v.gains[0].hi, 400, 1e-9);
	/* ROC: 12 distinct scores -> 13 points from (0,0) to (1,1). */
	ck_assert_uint_eq(v.nroc, 13);
	ck_assert_double_eq(v.roc[12].fpr, 1);
	ck_assert_double_eq(v.roc[12].tpr, 1);
	/* Bands of 20 points over [100, 950): from 100 to 940. */
	ck_assert_double_eq(v.bands[0].lo, 100);
	ck_assert_uint_eq(v.bands[0].bads, 1);	/* score 100 */
	/* Score distributions of each outcome: the band of score 100 holds
	   1 of the 6 bads and none of the 6 goods; each outcome's shares
	   add up to 1 over the bands. */
	ck_assert_double_eq_tol(v.bands[0].bad_share, 1.0 / 6, 1e-15);
	ck_assert_double_eq(v.bands[0].good_share, 0);
	{
		double sg = 0, sb = 0;

		for (i = 0; i < v.nbands; i++) {
			sg += v.bands[i].good_share;
			sb += v.bands[i].bad_share;
			ck_assert_double_eq_tol(v.bands[i].bad_share,
			    (double)v.bands[i].bads / 6, 1e-15);
			ck_assert_double_eq_tol(v.bands[i].good_share,
			    (double)v.bands[i].goods / 6, 1e-15);
		}
		ck_assert_double_eq_tol(sg, 1, 1e-12);
		ck_assert_double_eq_tol(sb, 1, 1e-12);
	}
	validation_done(&v);
}
END_TEST

/*
 * Ties are never split: 10 rows with scores 1,1,1,1,1,2,2,3,4,5 in five
 * groups of nominal size 2; the five 1s (first row at position 0, group
 * 0) form one group, then positions 5-6 (2s, group 2), 7 (group 3), 8
 * (group 4), 9 (group 4): groups 5, 2, 1, 2 rows.
 */
START_TEST(test_gains_ties)
{
	static const double s[10] = { 1, 1, 1, 1, 1, 2, 2, 3, 4, 5 };
	static const double pd[10] = { .5, .5, .5, .5, .5, .4, .4, .3, .2,
		.1 };
	static const signed char y[10] = { 1, 0, 1, 0, 1, 0, 1, 0, 0, 0 };
	struct validate_spec vs;
	struct validation v;
	struct rd_err err;

	validate_spec_init(&vs);
	vs.ngroups = vs.hl_groups = 5;
	ck_assert_int_eq(validate_sample(s, pd, y, 10, &vs, &v, &err), 0);
	ck_assert_uint_eq(v.ngains, 4);
	ck_assert_uint_eq(v.gains[0].count, 5);
	ck_assert_uint_eq(v.gains[1].count, 2);
	ck_assert_uint_eq(v.gains[2].count, 1);
	ck_assert_uint_eq(v.gains[3].count, 2);
	validation_done(&v);
	/* Only bads is no error any more: test_outcomes_one_kind. */
	vs.ngroups = 2;
	ck_assert_int_eq(validate_sample(s, pd, y, 10, &vs, &v, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
}
END_TEST


/* ------------------------------------------------------------ outcomes */

/*
 * The sample of test_gains_ties (scores 1,1,1,1,1,2,2,3,4,5; PD .5 x 5,
 * .4, .4, .3, .2, .1) under four kinds of outcome.  Gains and
 * Hosmer-Lemeshow in 5 groups, bands 20 points wide (every score in
 * [0, 20)).
 */
static const double out_s[10] = { 1, 1, 1, 1, 1, 2, 2, 3, 4, 5 };
static const double out_pd[10] = { .5, .5, .5, .5, .5, .4, .4, .3, .2, .1 };

static void
out_spec(struct validate_spec *vs)
{
	validate_spec_init(vs);
	vs->ngroups = vs->hl_groups = 5;
}

/* No target (y NULL): nothing needs outcomes is there; no error. */
START_TEST(test_outcomes_none)
{
	struct validate_spec vs;
	struct validation v;
	struct rd_err err;

	out_spec(&vs);
	rd_err_clear(&err);
	ck_assert_msg(validate_sample(out_s, out_pd, NULL, 10, &vs, &v,
	    &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(v.n, 0);
	ck_assert_uint_eq(v.n_bad, 0);
	ck_assert(isnan(v.bad_rate));
	ck_assert(isnan(v.auc) && isnan(v.gini) && isnan(v.ks) &&
	    isnan(v.ks_at));
	ck_assert(isnan(v.hl_stat) && isnan(v.hl_p));
	ck_assert_uint_eq(v.nroc, 0);
	ck_assert_uint_eq(v.ngains, 0);
	ck_assert_uint_eq(v.nbands, 0);
	ck_assert_uint_eq(v.nhl, 0);
	ck_assert_str_eq(v.na, "no known outcomes");
	validation_done(&v);
	/* Every row indeterminate is the same. */
	ck_assert_int_eq(validate_sample(out_s, out_pd, (const signed
	    char[10]){ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 }, 10, &vs, &v,
	    &err), 0);
	ck_assert_uint_eq(v.n, 0);
	ck_assert_str_eq(v.na, "no known outcomes");
	validation_done(&v);
	/* The metrics take a NULL outcome vector as no known outcome. */
	ck_assert(isnan(metric_auc(out_s, NULL, 10)));
	ck_assert(isnan(metric_ks(out_s, NULL, 10, NULL)));
}
END_TEST

/*
 * Outcomes on five rows only: row 0 (score 1, PD .5) bad, 2 (1, .5)
 * good, 5 (2, .4) good, 6 (2, .4) bad, 8 (4, .2) good; the rest
 * indeterminate.  n 5, 2 bad, bad rate 0.4.
 *   AUC: bads score {1, 2}, goods {1, 2, 4}; a bad scoring below a good
 *   counts 1, a tie 1/2: (1/2 + 1 + 1) + (0 + 1/2 + 1) = 4 of 6 = 2/3;
 *   Gini 1/3.
 *   KS: from the safest score down, after 4: goods 1/3, bads 0, gap 1/3;
 *   after 2: 2/3 and 1/2 (1/6); after 1: 1 and 1 (0): KS 1/3 at 4.
 *   Gains, sorted by score, 5 groups: ties kept together, so rows at 1
 *   (group 0: 1 bad of 2), at 2 (group 2: 1 of 2), at 4 (group 4: 0 of 1):
 *   bad rates .5, .5, 0, lift .5 / .4 = 1.25, 1.25, 0; cumulative bad
 *   share .5, 1, 1.
 *   Band [0, 20): 5 rows, 3 good, 2 bad, share 1, mean PD 2.0 / 5 = .4.
 *   Hosmer-Lemeshow, sorted by PD .2 (good), .4, .4 (a good, a bad), .5,
 *   .5 (a bad, a good): groups {.2}, {.4, .4}, {.5, .5};
 *   (0 - .2)^2 / (.2 (1 - .2)) = .25, (1 - .8)^2 / (.8 (1 - .4)) =
 *   .083333, (1 - 1)^2 / ... = 0: HL 1/3 on 1 df, p = erfc(sqrt(1/6)) =
 *   0.563702861650773 (Python math.erfc).
 */
START_TEST(test_outcomes_some)
{
	static const signed char y[10] = { 1, -1, 0, -1, -1, 0, 1, -1, 0, -1 };
	struct validate_spec vs;
	struct validation v;
	struct rd_err err;

	out_spec(&vs);
	rd_err_clear(&err);
	ck_assert_msg(validate_sample(out_s, out_pd, y, 10, &vs, &v, &err) ==
	    0, "%s", err.msg);
	ck_assert_str_eq(v.na, "");
	ck_assert_uint_eq(v.n, 5);
	ck_assert_uint_eq(v.n_bad, 2);
	ck_assert_double_eq_tol(v.bad_rate, 0.4, 1e-12);
	ck_assert_double_eq_tol(v.auc, 2.0 / 3, 1e-12);
	ck_assert_double_eq_tol(v.gini, 1.0 / 3, 1e-12);
	ck_assert_double_eq_tol(v.ks, 1.0 / 3, 1e-12);
	ck_assert_double_eq(v.ks_at, 4);
	ck_assert_uint_eq(v.ngains, 3);
	ck_assert_uint_eq(v.gains[0].count, 2);
	ck_assert_uint_eq(v.gains[2].count, 1);
	ck_assert_double_eq_tol(v.gains[1].bad_rate, 0.5, 1e-12);
	ck_assert_double_eq_tol(v.gains[1].lift, 1.25, 1e-12);
	ck_assert_double_eq_tol(v.gains[2].lift, 0, 1e-12);
	ck_assert_double_eq_tol(v.gains[1].cum_bad_share, 1, 1e-12);
	ck_assert_uint_eq(v.nbands, 1);
	ck_assert_uint_eq(v.bands[0].count, 5);
	ck_assert_uint_eq(v.bands[0].goods, 3);
	ck_assert_uint_eq(v.bands[0].bads, 2);
	ck_assert_double_eq_tol(v.bands[0].mean_pd, 0.4, 1e-12);
	ck_assert_uint_eq(v.nhl, 3);
	ck_assert_double_eq_tol(v.hl_stat, 1.0 / 3, 1e-12);
	ck_assert_int_eq(v.hl_df, 1);
	ck_assert_double_eq_tol(v.hl_p, 0.563702861650773, 1e-12);
	validation_done(&v);
}
END_TEST

/*
 * Every row good, then every row bad.  The bad rate is 0 (1); AUC, Gini,
 * KS, ROC and gains compare bads with goods: none.  Band [0, 20): the 10
 * rows, mean PD 3.9 / 10.  Hosmer-Lemeshow on PD sorted .1, .2, .3, .4,
 * .4, .5 x 5: position i starts group floor(i 5 / 10), so {.1, .2} (n 2,
 * E .3), {.3, .4, .4} (n 3, E 1.1), {.5 x 5} (n 5, E 2.5), on 1 df, p =
 * erfc(sqrt(HL / 2)) (Python math.erfc):
 *   all good, O 0:  .3^2 / (.3 (1 - .3/2)) + 1.1^2 / (1.1 (1 - 1.1/3)) +
 *     2.5^2 / (2.5 (1 - 2.5/5)) = 7.089783281733746, p 0.007752462144152808
 *   all bad, O n:   1.7^2 / (.3 x .85) + 1.9^2 / (1.1 (1 - 1.1/3)) +
 *     2.5^2 / (2.5 x .5) = 21.515151515151516, p 3.510440759714262e-06
 */
START_TEST(test_outcomes_one_kind)
{
	static const struct {
		signed char y;
		const char *na;
		double hl, p;
	} want[2] = {
		{ 0, "no bads among the 10 known outcomes", 7.089783281733746,
		  0.007752462144152808 },
		{ 1, "no goods among the 10 known outcomes",
		  21.515151515151516, 3.510440759714262e-06 },
	};
	signed char y[10];
	struct validate_spec vs;
	struct validation v;
	struct rd_err err;
	int k;

	out_spec(&vs);
	for (k = 0; k < 2; k++) {
		memset(y, want[k].y, sizeof y);
		ck_assert_int_eq(validate_sample(out_s, out_pd, y, 10, &vs,
		    &v, &err), 0);
		ck_assert_str_eq(v.na, want[k].na);
		ck_assert_uint_eq(v.n, 10);
		ck_assert_uint_eq(v.n_bad, 10 * (size_t)k);
		ck_assert_double_eq(v.bad_rate, k);
		ck_assert(isnan(v.auc) && isnan(v.gini) && isnan(v.ks) &&
		    isnan(v.ks_at));
		ck_assert_uint_eq(v.nroc, 0);
		ck_assert_uint_eq(v.ngains, 0);
		ck_assert_uint_eq(v.nbands, 1);
		ck_assert_uint_eq(v.bands[0].bads, 10 * (size_t)k);
		ck_assert_double_eq_tol(v.bands[0].bad_rate, k, 1e-12);
		ck_assert_double_eq_tol(v.bands[0].mean_pd, 0.39, 1e-12);
		ck_assert_uint_eq(v.nhl, 3);
		ck_assert_uint_eq(v.hl[1].count, 3);
		ck_assert_double_eq_tol(v.hl[1].expected, 1.1, 1e-12);
		ck_assert_double_eq_tol(v.hl_stat, want[k].hl, 1e-11);
		ck_assert_double_eq_tol(v.hl_p, want[k].p, 1e-14 *
		    (1 + 1e6 * want[k].p));
		validation_done(&v);
	}
}
END_TEST

/* The reasons' wording, naming the sample or not. */
START_TEST(test_outcomes_reasons)
{
	char buf[METRIC_REASON_MAX];

	ck_assert_ptr_null(metric_na_reason(5, 2, 1, "table t", buf));
	ck_assert_str_eq(buf, "");
	ck_assert_str_eq(metric_na_reason(0, 0, 0, "table new_apps", buf),
	    "no known outcomes in table new_apps");
	ck_assert_str_eq(metric_na_reason(1234, 0, 1, "table g", buf),
	    "no bads among the 1,234 known outcomes in table g");
	ck_assert_str_eq(metric_na_reason(1, 1, 1, NULL, buf),
	    "no goods among the 1 known outcome");
	/* A bad rate needs known outcomes only. */
	ck_assert_ptr_null(metric_na_reason(7, 0, 0, "table g", buf));
}
END_TEST

/* Read column col of a CSV of numbers with a header (no quoting). */
static double *
read_csv_col(const char *rel, const char *col, size_t *n)
{
	FILE *f = fopen(srcpath(rel), "r");
	char line[4096], *tok, *save;
	int want = -1, k;
	double *v = NULL;
	size_t m = 0;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	line[strcspn(line, "\r\n")] = '\0';
	for (k = 0, tok = strtok_r(line, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save), k++)
		if (strcmp(tok, col) == 0)
			want = k;
	ck_assert_int_ge(want, 0);
	while (fgets(line, sizeof line, f) != NULL) {
		for (k = 0, tok = strtok_r(line, ",", &save); k < want;
		    tok = strtok_r(NULL, ",", &save), k++)
			;
		v = xreallocarray(v, m + 1, sizeof *v);
		v[m++] = strtod(tok, NULL);
	}
	fclose(f);
	*n = m;
	return v;
}

/* The values cmp_idx_desc sorts indices by (set before qsort). */
static const double *sort_key;

static int
cmp_idx_desc(const void *a, const void *b)
{
	const double *p = sort_key;
	double x = p[*(const size_t *)a], y = p[*(const size_t *)b];

	return (x < y) - (x > y);
}

/*
 * AUC, KS and the gains table of the German raw model's fitted P(bad)
 * (R 4.2.2, tests/data/oracle/german_logit.pred.csv) against
 * scikit-learn 1.2.1 (german_logit.metrics.json: AUC 0.7886, KS
 * 0.449047619047619 at P(bad) 0.3919519335911411) and, for the gains
 * table, against a separate count here: the PDs are all distinct, so
 * decile g holds the rows of ranks 100 g .. 100 g + 99 by P(bad)
 * descending, and its bads are counted directly.
 */
/* Every figure of two validations alike (sums of PDs to 1e-12). */
static void
same_validation(const struct validation *a, const struct validation *b)
{
	size_t i;

	ck_assert_uint_eq(a->n, b->n);
	ck_assert_uint_eq(a->n_bad, b->n_bad);
	ck_assert_str_eq(a->na, b->na);
	ck_assert(a->bad_rate == b->bad_rate ||
	    (isnan(a->bad_rate) && isnan(b->bad_rate)));
	ck_assert(a->auc == b->auc || (isnan(a->auc) && isnan(b->auc)));
	ck_assert(a->ks == b->ks || (isnan(a->ks) && isnan(b->ks)));
	ck_assert(a->ks_at == b->ks_at || (isnan(a->ks_at) &&
	    isnan(b->ks_at)));
	ck_assert_uint_eq(a->nroc, b->nroc);
	for (i = 0; i < a->nroc; i++) {
		ck_assert(a->roc[i].score == b->roc[i].score);
		ck_assert(a->roc[i].fpr == b->roc[i].fpr);
		ck_assert(a->roc[i].tpr == b->roc[i].tpr);
	}
	ck_assert_uint_eq(a->ngains, b->ngains);
	for (i = 0; i < a->ngains; i++) {
		ck_assert(a->gains[i].lo == b->gains[i].lo);
		ck_assert(a->gains[i].hi == b->gains[i].hi);
		ck_assert_uint_eq(a->gains[i].count, b->gains[i].count);
		ck_assert_uint_eq(a->gains[i].bads, b->gains[i].bads);
		ck_assert(a->gains[i].cum_lift == b->gains[i].cum_lift);
	}
	ck_assert_uint_eq(a->nhl, b->nhl);
	for (i = 0; i < a->nhl; i++) {
		ck_assert(a->hl[i].pd_lo == b->hl[i].pd_lo);
		ck_assert(a->hl[i].pd_hi == b->hl[i].pd_hi);
		ck_assert_uint_eq(a->hl[i].count, b->hl[i].count);
		ck_assert_uint_eq(a->hl[i].bads, b->hl[i].bads);
		ck_assert_double_eq_tol(a->hl[i].expected, b->hl[i].expected,
		    1e-12 * (1 + fabs(a->hl[i].expected)));
	}
	ck_assert(a->hl_stat == b->hl_stat || (isnan(a->hl_stat) &&
	    isnan(b->hl_stat)) || fabs(a->hl_stat - b->hl_stat) <=
	    1e-9 * (1 + fabs(a->hl_stat)));
	ck_assert_int_eq(a->hl_df, b->hl_df);
	ck_assert_uint_eq(a->nbands, b->nbands);
	for (i = 0; i < a->nbands; i++) {
		ck_assert(a->bands[i].lo == b->bands[i].lo);
		ck_assert_uint_eq(a->bands[i].count, b->bands[i].count);
		ck_assert_uint_eq(a->bands[i].goods, b->bands[i].goods);
		ck_assert_uint_eq(a->bands[i].bads, b->bands[i].bads);
		ck_assert(a->bands[i].mean_pd == b->bands[i].mean_pd ||
		    (isnan(a->bands[i].mean_pd) &&
		    isnan(b->bands[i].mean_pd)) ||
		    fabs(a->bands[i].mean_pd - b->bands[i].mean_pd) <= 1e-12);
	}
}

/*
 * The cells of a sample give its figures: test_hl_hand's 12 rows as 12
 * cells of one row each, given in reverse and with one row split over
 * two cells of the same key (merged), and 20,000 random rows on 97
 * distinct scores (ties everywhere, a PD that is a function of the
 * score, a few rows of unknown outcome) as their histogram, shuffled
 * and with every key repeated, against validate_sample on the rows.
 */
START_TEST(test_validate_cells)
{
	struct validate_spec vs;
	struct validation a, b;
	struct rd_err err;
	struct val_cell c[40], *h;
	double s[12], *sc, *pd;
	signed char *y;
	size_t i, k = 0, n = 20000, nh;
	uint64_t x = 88172645463325252ULL;

	for (i = 0; i < 12; i++)
		s[i] = 1000 - 1000 * hl_pd[i];
	validate_spec_init(&vs);
	vs.ngroups = vs.hl_groups = 3;
	ck_assert_int_eq(validate_sample(s, hl_pd, hl_y, 12, &vs, &a, &err),
	    0);
	for (i = 12; i-- > 0;) {
		c[k].score = s[i];
		c[k].pd = hl_pd[i];
		c[k].bads = hl_y[i] == DS_BAD;
		c[k].goods = hl_y[i] == DS_GOOD;
		k++;
	}
	/* An empty cell and a NaN score are no rows. */
	c[k].score = 5;
	c[k].pd = 0.5;
	c[k].goods = c[k].bads = 0;
	k++;
	c[k].score = NAN;
	c[k].pd = 0.5;
	c[k].goods = 3;
	c[k].bads = 1;
	k++;
	ck_assert_int_eq(validate_cells(c, k, &vs, &b, &err), 0);
	same_validation(&a, &b);
	/* The hand figures of test_hl_hand, from the cells. */
	ck_assert_double_eq_tol(b.hl_stat, 0.838095238095238, 1e-12);
	ck_assert_double_eq_tol(b.hl_p, 0.359942102475147, 1e-12);
	ck_assert_double_eq_tol(b.gains[1].cum_lift, 1.25, 1e-12);
	validation_done(&a);
	validation_done(&b);

	sc = xmalloc(n * sizeof *sc);
	pd = xmalloc(n * sizeof *pd);
	y = xmalloc(n);
	h = xcalloc(97 * 3 * 2, sizeof *h);
	for (i = 0; i < 97; i++) {
		/* Two cells per score and outcome kind, to be merged. */
		size_t t;

		for (t = 0; t < 6; t++) {
			h[i * 6 + t].score = 400 + 5 * (double)i;
			h[i * 6 + t].pd = 1 / (1 + exp((400 + 5 * (double)i -
			    500) / 28.8539));
		}
	}
	for (i = 0; i < n; i++) {
		size_t j;
		double u;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		j = (size_t)(x % 97);
		sc[i] = h[j * 6].score;
		pd[i] = h[j * 6].pd;
		u = (double)(x >> 11) / 9007199254740992.0;
		y[i] = (x >> 3) % 50 == 0 ? DS_INDET : u < pd[i] ? DS_BAD :
		    DS_GOOD;
		if (y[i] == DS_INDET)
			continue;
		/* Half the rows to the first cell of the key, half to the
		   second. */
		if (y[i] == DS_BAD)
			h[j * 6 + ((x >> 5) & 1)].bads++;
		else
			h[j * 6 + 2 + ((x >> 5) & 1)].goods++;
	}
	nh = 97 * 6;
	/* Shuffle the cells. */
	for (i = nh - 1; i > 0; i--) {
		size_t j;
		struct val_cell t;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		j = (size_t)(x % (i + 1));
		t = h[i];
		h[i] = h[j];
		h[j] = t;
	}
	validate_spec_init(&vs);
	ck_assert_int_eq(validate_sample(sc, pd, y, n, &vs, &a, &err), 0);
	ck_assert_int_eq(validate_cells(h, nh, &vs, &b, &err), 0);
	ck_assert(a.n > 19000 && a.n < n);
	ck_assert_uint_eq(a.nroc, 98);
	same_validation(&a, &b);
	validation_done(&a);
	validation_done(&b);
	free(sc);
	free(pd);
	free(y);
	free(h);
}
END_TEST

START_TEST(test_validate_german_pred)
{
	json_t *o = oracle_load("german_logit.metrics.json");
	json_t *m = json_object_get(o, "metrics");
	size_t n, n2, i, g;
	double *p = read_csv_col("tests/data/oracle/german_logit.pred.csv",
	    "p_bad", &n);
	double *yy = read_csv_col("tests/data/oracle/german_logit.pred.csv",
	    "y", &n2);
	double *s = xmalloc(n * sizeof *s);
	signed char *y = xmalloc(n);
	size_t *idx = xmalloc(n * sizeof *idx);
	struct validate_spec vs;
	struct validation v;
	struct rd_err err;

	ck_assert_uint_eq(n, 1000);
	for (i = 0; i < n; i++) {
		s[i] = -p[i];	/* higher = safer */
		y[i] = (signed char)yy[i];
		idx[i] = i;
	}
	validate_spec_init(&vs);
	ck_assert_int_eq(validate_sample(s, p, y, n, &vs, &v, &err), 0);
	ck_assert_double_eq_tol(v.auc, jnum(m, "auc"), 1e-12);
	ck_assert_double_eq_tol(v.gini, jnum(m, "gini"), 1e-12);
	ck_assert_double_eq_tol(v.ks, jnum(m, "ks"), 1e-12);
	ck_assert_double_eq_tol(-v.ks_at, jnum(m, "ks_score_at_max"), 1e-12);
	sort_key = p;
	qsort(idx, n, sizeof *idx, cmp_idx_desc);
	for (i = 1; i < n; i++)
		ck_assert(p[idx[i]] < p[idx[i - 1]]);
	ck_assert_uint_eq(v.ngains, 10);
	{
		size_t cum = 0;

		for (g = 0; g < 10; g++) {
			size_t bads = 0;

			for (i = 100 * g; i < 100 * g + 100; i++)
				bads += (size_t)y[idx[i]];
			cum += bads;
			ck_assert_uint_eq(v.gains[g].count, 100);
			ck_assert_uint_eq(v.gains[g].bads, bads);
			ck_assert_double_eq_tol(v.gains[g].cum_bad_share,
			    (double)cum / 300, 1e-12);
			ck_assert_double_eq_tol(v.gains[g].lift,
			    ((double)bads / 100) / 0.3, 1e-12);
		}
	}
	validation_done(&v);
	free(p);
	free(yy);
	free(s);
	free(y);
	free(idx);
	json_decref(o);
}
END_TEST

/* Compare a PSI with an oracle file's psi, breaks and counts. */
static void
psi_vs_oracle(const struct val_psi *ps, json_t *o)
{
	json_t *bins = json_object_get(o, "bins");
	size_t k;

	ck_assert_uint_eq(ps->nbins, json_array_size(bins));
	for (k = 0; k < ps->nbins; k++) {
		json_t *b = json_array_get(bins, k);

		ck_assert_uint_eq(ps->bins[k].n_base, (size_t)jnum(b,
		    "n_base"));
		ck_assert_uint_eq(ps->bins[k].n_new, (size_t)jnum(b,
		    "n_new"));
		ck_assert_double_eq_tol(ps->bins[k].contrib, jnum(b,
		    "psi_contrib_zero_05"), 1e-12);
	}
	ck_assert_double_eq_tol(ps->psi, jnum(o, "psi_zero_05"), 1e-12);
	ck_assert_double_eq_tol(ps->psi_strict, jnum(o, "psi_strict"), 1e-12);
}

/*
 * PSI of the German scorecard score, first half against second half, in
 * 10 type-7 quantile bins of the first half: numpy 1.24.2,
 * tests/data/oracle/german_score_psi.json (psi 0.0258414476043877, breaks
 * 348.956..., ...); and of age_in_years with breaks 26, 35, 40
 * (german_age_psi.json, 0.015659264795435546).
 */
START_TEST(test_psi_oracle)
{
	json_t *o = oracle_load("german_score_psi.json");
	json_t *br = json_object_get(o, "breaks_used");
	size_t n, k;
	double *s = read_csv_col(
	    "tests/data/oracle/german_scorecard.scores.csv", "score", &n);
	struct val_psi ps;
	struct rd_err err;
	static const double age_br[3] = { 26, 35, 40 };
	struct desk *d;
	struct dataset *ds;
	const struct ds_column *age;

	ck_assert_uint_eq(n, 1000);
	ck_assert_int_eq(validate_psi(s, 500, s + 500, 500, NULL, 0, 10, 0.5,
	    &ps, &err), 0);
	ck_assert_uint_eq(ps.nbreaks, json_array_size(br));
	for (k = 0; k < ps.nbreaks; k++)
		ck_assert_double_eq_tol(ps.breaks[k], json_number_value(
		    json_array_get(br, k)), 1e-9);
	psi_vs_oracle(&ps, o);
	ck_assert_str_eq(validate_psi_reading(ps.psi), "stable");
	val_psi_done(&ps);
	/* The same from cells, a cell per distinct score made by val_acc
	   (the reference's breaks are quantiles of the scores, R type 7:
	   from the cells' cumulative counts). */
	{
		struct val_acc ab, an;

		val_acc_init(&ab);
		val_acc_init(&an);
		for (k = 0; k < 500; k++) {
			val_acc_add(&ab, s[k], 0, 1, 0);
			val_acc_add(&an, s[500 + k], 0, 1, 0);
		}
		ck_assert(ab.n < 500);	/* ties: fewer cells than rows */
		ck_assert_int_eq(validate_psi_cells(ab.c, ab.n, 0, an.c, an.n,
		    0, NULL, 0, 10, 0.5, &ps, &err), 0);
		ck_assert_uint_eq(ps.nbreaks, json_array_size(br));
		for (k = 0; k < ps.nbreaks; k++)
			ck_assert_double_eq_tol(ps.breaks[k],
			    json_number_value(json_array_get(br, k)), 1e-9);
		psi_vs_oracle(&ps, o);
		val_psi_done(&ps);
		val_acc_done(&ab);
		val_acc_done(&an);
	}
	json_decref(o);
	free(s);

	o = oracle_load("german_age_psi.json");
	d = desk_with("data/german_credit.csv", "g", "creditability", "bad");
	ds = db_dataset_load(d->db, "g", &err);
	ck_assert_ptr_nonnull(ds);
	age = &ds->cols[ds_column_index(ds, "age_in_years")];
	ck_assert_int_eq(validate_psi(age->num, 500, age->num + 500, 500,
	    age_br, 3, 0, 0.5, &ps, &err), 0);
	psi_vs_oracle(&ps, o);
	val_psi_done(&ps);
	json_decref(o);
	ds_free(ds);
	desk_drop(d);

	ck_assert_str_eq(validate_psi_reading(0.1), "some shift");
	ck_assert_str_eq(validate_psi_reading(0.25), "significant shift");
	ck_assert_int_eq(validate_psi(age_br, 3, age_br, 0, NULL, 0, 10, 0.5,
	    &ps, &err), -1);
}
END_TEST

/*
 * HMEQ DEBTINC, first half against second half, breaks 30 35 40 45, with
 * the missing values in their own bin: numpy 1.24.2,
 * tests/data/oracle/hmeq_debtinc_psi.json (psi 0.10890508095169746:
 * "some shift").
 */
/*
 * validate_psi_cells is validate_psi on the rows its cells stand for:
 * 5,000 and 3,000 scores on 41 values (ties at the quantiles), with NaN
 * rows in both, the base's cells given twice over (halves), for 10 and
 * 7 quantile bins and for given breaks.
 */
START_TEST(test_psi_cells)
{
	double b[5000], nw[3000];
	struct val_cell cb[82], cn[41];
	struct val_psi p1, p2;
	struct rd_err err;
	static const double br[3] = { 410, 480.5, 555 };
	size_t i, k, bnan = 0, nnan = 0;
	uint64_t x = 1234567;
	int q, pass;

	for (k = 0; k < 41; k++) {
		cb[k].score = cb[41 + k].score = cn[k].score =
		    400 + 5 * (double)k;
		cb[k].pd = cb[41 + k].pd = cn[k].pd = 0;
		cb[k].goods = cb[k].bads = cb[41 + k].goods =
		    cb[41 + k].bads = cn[k].goods = cn[k].bads = 0;
	}
	for (i = 0; i < 8000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		k = (size_t)((x % 41 + (x >> 9) % 41) / 2);	/* humped */
		if (i < 5000) {
			b[i] = (x >> 20) % 97 == 0 ? NAN : cb[k].score;
			if (isnan(b[i]))
				bnan++;
			else if (i % 2)
				cb[k].goods++;
			else
				cb[41 + k].bads++;
		} else {
			nw[i - 5000] = (x >> 20) % 89 == 0 ? NAN :
			    cn[(k + 3) % 41].score;
			if (isnan(nw[i - 5000]))
				nnan++;
			else
				cn[(k + 3) % 41].goods++;
		}
	}
	ck_assert(bnan > 0 && nnan > 0);
	for (pass = 0; pass < 3; pass++) {
		q = pass == 0 ? 10 : 7;
		ck_assert_int_eq(validate_psi(b, 5000, nw, 3000,
		    pass == 2 ? br : NULL, pass == 2 ? 3 : 0, q, 0.5, &p1,
		    &err), 0);
		ck_assert_int_eq(validate_psi_cells(cb, 82, bnan, cn, 41, nnan,
		    pass == 2 ? br : NULL, pass == 2 ? 3 : 0, q, 0.5, &p2,
		    &err), 0);
		ck_assert_uint_eq(p1.nbreaks, p2.nbreaks);
		for (k = 0; k < p1.nbreaks; k++)
			ck_assert(p1.breaks[k] == p2.breaks[k]);
		ck_assert_uint_eq(p1.nbins, p2.nbins);
		for (k = 0; k < p1.nbins; k++) {
			ck_assert_uint_eq(p1.bins[k].n_base, p2.bins[k].n_base);
			ck_assert_uint_eq(p1.bins[k].n_new, p2.bins[k].n_new);
		}
		ck_assert_uint_eq(p1.n_base, p2.n_base);
		ck_assert_uint_eq(p1.n_new, p2.n_new);
		ck_assert(p1.psi == p2.psi);
		val_psi_done(&p1);
		val_psi_done(&p2);
	}
}
END_TEST

START_TEST(test_psi_missing_bin)
{
	json_t *o = oracle_load("hmeq_debtinc_psi.json");
	static const double br[4] = { 30, 35, 40, 45 };
	struct desk *d = desk_with("data/hmeq.csv", "hmeq", "BAD", "1");
	struct rd_err err;
	struct dataset *ds = db_dataset_load(d->db, "hmeq", &err);
	const struct ds_column *c;
	struct val_psi ps;

	ck_assert_ptr_nonnull(ds);
	ck_assert_uint_eq(ds->nrows, 5960);
	c = &ds->cols[ds_column_index(ds, "DEBTINC")];
	ck_assert_int_eq(validate_psi(c->num, 2980, c->num + 2980, 2980, br, 4,
	    0, 0.5, &ps, &err), 0);
	psi_vs_oracle(&ps, o);
	ck_assert(isnan(ps.bins[5].lo));
	ck_assert_str_eq(validate_psi_reading(ps.psi), "some shift");
	val_psi_done(&ps);
	json_decref(o);
	ds_free(ds);
	desk_drop(d);
}
END_TEST

START_TEST(test_split)
{
	unsigned char a[1000], b[1000], c[1000];
	size_t i, na = 0, diff = 0;

	/* round(0.3 * 1000) rows, the same for the same seed. */
	validate_split_random(1000, 0.3, 7, a);
	validate_split_random(1000, 0.3, 7, b);
	validate_split_random(1000, 0.3, 8, c);
	for (i = 0; i < 1000; i++) {
		na += a[i];
		ck_assert_int_eq(a[i], b[i]);
		diff += a[i] != c[i];
	}
	ck_assert_uint_eq(na, 300);
	ck_assert_uint_gt(diff, 0);
}
END_TEST

START_TEST(test_split_oot)
{
	struct dataset ds;
	struct ds_column col;
	static const char *lv[3] = { "2024-01-15", "2024-06-30", "2024-07-01" };
	int code[5] = { 0, 2, 1, -1, 2 };
	unsigned char h[5];
	struct rd_err err;

	memset(&ds, 0, sizeof ds);
	memset(&col, 0, sizeof col);
	col.name = (char *)"applied";
	col.type = DS_TEXT;
	col.code = code;
	col.levels = (char **)lv;
	col.nlevels = 3;
	ds.table = (char *)"t";
	ds.nrows = 5;
	ds.ncols = 1;
	ds.cols = &col;
	ds.target = -1;
	/* After 2024-06-30: only the 2024-07-01 rows; NULL in neither. */
	ck_assert_int_eq(validate_split_oot(&ds, "applied", "2024-06-30", h,
	    &err), 0);
	ck_assert_int_eq(h[0], 0);
	ck_assert_int_eq(h[1], 1);
	ck_assert_int_eq(h[2], 0);
	ck_assert_int_eq(h[3], 2);
	ck_assert_int_eq(h[4], 1);
	ck_assert_int_eq(validate_split_oot(&ds, "applied", "2025-01-01", h,
	    &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(validate_split_oot(&ds, "nope", "2025-01-01", h,
	    &err), -1);
}
END_TEST

static Suite *
validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hl_hand);
	tcase_add_test(tc, test_validate_cells);
	tcase_add_test(tc, test_validate_german_pred);
	tcase_add_test(tc, test_psi_oracle);
	tcase_add_test(tc, test_psi_cells);
	tcase_add_test(tc, test_psi_missing_bin);
	suite_add_tcase(s, tc);
	tc = tcase_create("outcomes");
	tcase_add_test(tc, test_outcomes_none);
	tcase_add_test(tc, test_outcomes_some);
	tcase_add_test(tc, test_outcomes_one_kind);
	tcase_add_test(tc, test_outcomes_reasons);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_test(tc, test_gains_ties);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_split_oot);
	suite_add_tcase(s, tc);
	return s;
}

/* =========================================================== select */

/*
 * VIF by hand: two columns with correlation r have VIF 1 / (1 - r^2).
 * x = 1,2,3,4,5, z = 2,1,4,3,5: mean 3 each; sum dx dz = (-2)(-1) +
 * (-1)(-2) + 0 + 1*0 + 2*2 = 8, sum dx^2 = sum dz^2 = 10, so r = 0.8 and
 * VIF = 1 / 0.36 = 2.777777777777778.
 */
START_TEST(test_vif_hand)
{
	static const double X[15] = { 1, 1, 2, 1, 2, 1, 1, 3, 4, 1, 4, 3, 1,
		5, 5 };
	size_t cols[2] = { 1, 2 };
	double corr[4], vif[2];

	select_corr(X, 5, 3, cols, 2, corr);
	ck_assert_double_eq_tol(corr[1], 0.8, 1e-15);
	ck_assert_double_eq_tol(corr[2], 0.8, 1e-15);
	ck_assert_int_eq(select_vif(corr, 2, vif), 0);
	ck_assert_double_eq_tol(vif[0], 1 / 0.36, 1e-12);
	ck_assert_double_eq_tol(vif[1], 1 / 0.36, 1e-12);
	corr[1] = corr[2] = 1;
	ck_assert_int_eq(select_vif(corr, 2, vif), -1);
	ck_assert(isinf(vif[0]));
}
END_TEST

/*
 * validate_subset_in_place leaves ds as validate_subset's copy is, field
 * for field: the German table cut to two rows of every three, and to
 * none.
 */
START_TEST(test_subset_in_place)
{
	struct desk *d = desk_with("data/german_credit.csv", "g",
	    "creditability", "bad");
	struct rd_err err;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		struct dataset *ds = db_dataset_load(d->db, "g", &err);
		struct dataset *cp;
		unsigned char *keep;
		size_t i, j;

		ck_assert_ptr_nonnull(ds);
		keep = xmalloc(ds->nrows);
		for (i = 0; i < ds->nrows; i++)
			keep[i] = pass == 0 ? i % 3 == 1 : 1;
		cp = validate_subset(ds, keep, 0);
		validate_subset_in_place(ds, keep, 0);
		ck_assert_uint_eq(ds->nrows, cp->nrows);
		ck_assert_uint_eq(ds->ncols, cp->ncols);
		ck_assert_int_eq(ds->target, cp->target);
		ck_assert_uint_eq(ds->nbad, cp->nbad);
		ck_assert_uint_eq(ds->ngood, cp->ngood);
		ck_assert_uint_eq(ds->nindet, cp->nindet);
		ck_assert_uint_eq(ds->nreject, cp->nreject);
		ck_assert_uint_eq(ds->nreject_known, cp->nreject_known);
		ck_assert_str_eq(ds->table, cp->table);
		for (i = 0; i < ds->nrows; i++) {
			ck_assert_int_eq(ds->y[i], cp->y[i]);
			ck_assert(ds->rowid[i] == cp->rowid[i]);
		}
		for (j = 0; j < ds->ncols; j++) {
			const struct ds_column *a = &ds->cols[j];
			const struct ds_column *b = &cp->cols[j];

			ck_assert_str_eq(a->name, b->name);
			ck_assert_int_eq(a->type, b->type);
			ck_assert_uint_eq(a->nmissing, b->nmissing);
			ck_assert_uint_eq(a->nlevels, b->nlevels);
			for (i = 0; i < ds->nrows; i++) {
				if (a->type == DS_TEXT)
					ck_assert_int_eq(a->code[i], b->code[i]);
				else
					ck_assert(a->num[i] == b->num[i] ||
					    (isnan(a->num[i]) &&
					    isnan(b->num[i])));
			}
		}
		free(keep);
		ds_free(cp);
		ds_free(ds);
	}
	desk_close(d);
}
END_TEST

/* A dense design given row by row, for select_run_rows. */
struct dense_src {
	const double *X;
	size_t p;
};

static void
dense_src_row(const void *ctx, size_t i, double *x)
{
	const struct dense_src *d = ctx;

	memcpy(x, d->X + i * d->p, d->p * sizeof *x);
}

static void
dense_src_predict(const void *ctx, const double *beta, size_t n,
	double *eta)
{
	const struct dense_src *d = ctx;
	size_t i, j;

	for (i = 0; i < n; i++) {
		double e = 0;

		for (j = 0; j < d->p; j++)
			e += d->X[i * d->p + j] * beta[j];
		eta[i] = e;
	}
}

static void
dense_src_rows_cols(const void *ctx, size_t i, size_t n, const size_t *cols,
	size_t m, double *x)
{
	const struct dense_src *d = ctx;
	size_t r, j;

	for (r = 0; r < n; r++)
		for (j = 0; j < m; j++)
			x[r * m + j] = d->X[(i + r) * d->p + cols[j]];
}

/*
 * select_run_rows on the German raw design given row by row (plain, and
 * with predict and rows_cols) takes the steps select_run takes on the
 * array, with the same AIC and p-value to the bit, for every method and
 * criterion.
 */
START_TEST(test_select_rows_same)
{
	struct desk *d = desk_with("data/german_credit.csv", "g",
	    "creditability", "bad");
	static const char *vars[5] = { "duration_in_month", "credit_amount",
		"age_in_years",
		"installment_rate_in_percentage_of_disposable_income",
		"present_residence_since" };
	static const enum select_method meth[3] = { SELECT_FORWARD,
		SELECT_BACKWARD, SELECT_STEPWISE };
	struct rd_err err;
	struct dataset *ds = db_dataset_load(d->db, "g", &err);
	struct design de;
	struct logit_spec ls;
	struct select_spec ss;
	struct dense_src dsrc;
	int forced[6] = { 0, 0, 0, 1, 0, 0 };
	size_t a, c, v, j, k;

	ck_assert_ptr_nonnull(ds);
	ck_assert_int_eq(design_build(ds, vars, 5, NULL, 0, &de, &err), 0);
	dsrc.X = de.X;
	dsrc.p = 6;
	logit_spec_init(&ls);
	for (a = 0; a < 3; a++)
		for (c = 0; c < 2; c++)
			for (v = 0; v < 2; v++) {
				struct select_result r, q;
				struct logit_rows src;

				memset(&src, 0, sizeof src);
				src.p = 6;
				src.row = dense_src_row;
				src.ctx = &dsrc;
				if (v == 1) {
					src.predict = dense_src_predict;
					src.rows_cols = dense_src_rows_cols;
				}
				select_spec_init(&ss);
				ss.method = meth[a];
				ss.criterion = c ? SELECT_PVALUE : SELECT_AIC;
				ck_assert_int_eq(select_run(de.X, de.y, de.n, 5,
				    (const char *const *)de.names, forced, &ss,
				    &ls, &r, &err), 0);
				ck_assert_int_eq(select_run_rows(&src, de.y,
				    de.n, (const char *const *)de.names, forced,
				    &ss, &ls, &q, &err), 0);
				ck_assert_uint_eq(r.nsteps, q.nsteps);
				ck_assert(r.aic == q.aic);
				for (j = 0; j <= 5; j++)
					ck_assert_int_eq(r.in[j], q.in[j]);
				for (k = 0; k < r.nsteps; k++) {
					ck_assert_uint_eq(r.steps[k].col,
					    q.steps[k].col);
					ck_assert_int_eq(r.steps[k].entered,
					    q.steps[k].entered);
					ck_assert(r.steps[k].aic ==
					    q.steps[k].aic);
					ck_assert(r.steps[k].pval ==
					    q.steps[k].pval || (isnan(
					    r.steps[k].pval) && isnan(
					    q.steps[k].pval)));
				}
				select_result_done(&r);
				select_result_done(&q);
			}
	design_done(&de);
	ds_free(ds);
	desk_close(d);
}
END_TEST

/*
 * Forward and backward selection on the German raw design: the AIC of
 * each step is the AIC logit_fit gives for that model (refitted here),
 * forward by AIC ends where no column lowers AIC (checked by trying each
 * remaining one), and a forced column is always in.
 */
START_TEST(test_select_steps)
{
	struct desk *d = desk_with("data/german_credit.csv", "g",
	    "creditability", "bad");
	static const char *vars[5] = { "duration_in_month", "credit_amount",
		"age_in_years",
		"installment_rate_in_percentage_of_disposable_income",
		"present_residence_since" };
	struct rd_err err;
	struct dataset *ds = db_dataset_load(d->db, "g", &err);
	struct design de;
	struct logit_spec ls;
	struct select_spec ss;
	struct select_result r;
	int forced[6] = { 0, 0, 0, 0, 0, 1 };
	size_t j, k;

	ck_assert_ptr_nonnull(ds);
	ck_assert_int_eq(design_build(ds, vars, 5, NULL, 0, &de, &err), 0);
	logit_spec_init(&ls);
	select_spec_init(&ss);
	ss.method = SELECT_FORWARD;
	ck_assert_int_eq(select_run(de.X, de.y, de.n, 5,
	    (const char *const *)de.names, forced, &ss, &ls, &r, &err), 0);
	ck_assert_int_eq(r.in[5], 1);	/* forced */
	ck_assert_uint_gt(r.nsteps, 0);
	for (k = 0; k < r.nsteps; k++)
		ck_assert_int_eq(r.steps[k].entered, 1);
	/* Refit the final model and every one-column extension. */
	{
		double *Xs = xmalloc(de.n * 6 * sizeof *Xs), best;
		struct logit_result lr;
		size_t i, m, q;
		int in[6];

		for (q = 0; q <= 5; q++) {
			memcpy(in, r.in, sizeof in);
			if (q > 0) {
				if (in[q])
					continue;
				in[q] = 1;
			}
			m = 0;
			for (j = 0; j < 6; j++)
				if (in[j]) {
					for (i = 0; i < de.n; i++)
						Xs[i * 6 + m] = de.X[i * 6 + j];
					m++;
				}
			/* compact rows of stride 6 into stride m */
			for (i = 0; i < de.n; i++)
				for (j = 0; j < m; j++)
					Xs[i * m + j] = Xs[i * 6 + j];
			ck_assert_int_eq(logit_fit(Xs, de.y, NULL, de.n, m,
			    NULL, &ls, &lr, &err), 0);
			if (q == 0) {
				best = lr.aic;
				ck_assert_double_eq_tol(r.aic, lr.aic, 1e-9);
				ck_assert_double_eq_tol(
				    r.steps[r.nsteps - 1].aic, lr.aic, 1e-9);
			} else {
				ck_assert(lr.aic >= best);
			}
			logit_result_done(&lr);
		}
		free(Xs);
	}
	select_result_done(&r);
	/* Backward by p-value keeps the forced column. */
	ss.method = SELECT_BACKWARD;
	ss.criterion = SELECT_PVALUE;
	ck_assert_int_eq(select_run(de.X, de.y, de.n, 5,
	    (const char *const *)de.names, forced, &ss, &ls, &r, &err), 0);
	ck_assert_int_eq(r.in[5], 1);
	for (k = 0; k < r.nsteps; k++) {
		ck_assert_int_eq(r.steps[k].entered, 0);
		ck_assert(r.steps[k].pval > 0.10);
	}
	select_result_done(&r);
	/* Backward from a starting model with an exact copy of column 2 as
	   a sixth candidate: the copy is aliased (singular information
	   matrix), leaves the start marked collinear, and the run is the
	   run on the five columns (the same columns chosen, the same AIC,
	   the same steps). */
	{
		double *X7 = xmalloc(de.n * 7 * sizeof *X7);
		const char *n7[7];
		struct select_result r5, r6;
		size_t i;

		for (i = 0; i < de.n; i++) {
			memcpy(X7 + i * 7, de.X + i * 6, 6 * sizeof *X7);
			X7[i * 7 + 6] = de.X[i * 6 + 2];
		}
		for (k = 0; k < 6; k++)
			n7[k] = de.names[k];
		n7[6] = "copy";
		ss.method = SELECT_BACKWARD;
		ss.criterion = SELECT_AIC;
		ck_assert_int_eq(select_run(de.X, de.y, de.n, 5,
		    (const char *const *)de.names, NULL, &ss, &ls, &r5, &err),
		    0);
		ck_assert_msg(select_run(X7, de.y, de.n, 6, n7, NULL, &ss, &ls,
		    &r6, &err) == 0, "%s", err.msg);
		ck_assert_int_eq(r6.collinear[6], 1);
		ck_assert_int_eq(r6.in[6], 0);
		for (k = 1; k <= 5; k++) {
			ck_assert_int_eq(r6.collinear[k], 0);
			ck_assert_int_eq(r6.in[k], r5.in[k]);
		}
		ck_assert_uint_eq(r6.nsteps, r5.nsteps);
		ck_assert_double_eq_tol(r6.aic, r5.aic, 1e-9);
		select_result_done(&r5);
		select_result_done(&r6);
		free(X7);
	}
	ss.method = SELECT_NONE;
	ck_assert_int_eq(select_run(de.X, de.y, de.n, 5, NULL, NULL, &ss,
	    &ls, &r, &err), -1);
	design_done(&de);
	ds_free(ds);
	desk_drop(d);
}
END_TEST

static Suite *
select_suite(void)
{
	Suite *s = suite_create("select");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vif_hand);
	tcase_add_test(tc, test_select_steps);
	tcase_add_test(tc, test_select_rows_same);
	tcase_add_test(tc, test_subset_in_place);
	suite_add_tcase(s, tc);
	return s;
}

/* ============================================ card: reasons, export */

/*
 * A hand card: base 500; "grade" (text) A 30, B 10, C -5; "amount"
 * (numeric) (-inf, 100) 20, [100, inf) 0, missing 5.
 * Applicant 1: grade C, amount 150: loses 30 - (-5) = 35 on grade and
 * 20 - 0 = 20 on amount: reasons grade (35), amount (20).
 * Applicant 2: grade A, amount NULL: loses 0 and 20 - 5 = 15: amount.
 * Applicant 3: grade B, amount 50: loses 20 on grade only.
 */
static const char hand_card[] =
"{\"format\":\"riskdesk scorecard\",\"version\":1,\"name\":\"h\","
"\"population\":\"p\",\"scaling\":{\"base_score\":600,\"base_odds\":50,"
"\"pdo\":20},\"factor\":28.85,\"offset\":487.1,\"intercept\":-1,"
"\"intercept_se\":0.1,\"intercept_pval\":0.01,\"base_points\":500,"
"\"characteristics\":[{\"name\":\"grade\",\"numeric\":false,\"coef\":-1,"
"\"se\":0.1,\"pval\":0.01,\"iv\":0.2,\"goods\":1,\"bads\":1,\"bins\":["
"{\"kind\":\"levels\",\"levels\":[\"A\"],\"label\":\"A\",\"count\":5,"
"\"goods\":1,\"bads\":1,\"woe\":0,\"iv\":0,\"points\":30},"
"{\"kind\":\"levels\",\"levels\":[\"B\"],\"label\":\"B\",\"count\":9,"
"\"goods\":1,\"bads\":1,\"woe\":0,\"iv\":0,\"points\":10},"
"{\"kind\":\"levels\",\"levels\":[\"C\"],\"label\":\"C\",\"count\":1,"
"\"goods\":1,\"bads\":1,\"woe\":0,\"iv\":0,\"points\":-5}]},"
"{\"name\":\"amount\",\"numeric\":true,\"coef\":-1,\"se\":0.1,"
"\"pval\":0.01,\"iv\":0.2,\"goods\":1,\"bads\":1,\"bins\":["
"{\"kind\":\"range\",\"lower\":null,\"upper\":100,\"label\":\"a\","
"\"count\":1,\"goods\":1,\"bads\":0,\"woe\":0,\"iv\":0,\"points\":20},"
"{\"kind\":\"range\",\"lower\":100,\"upper\":null,\"label\":\"b\","
"\"count\":1,\"goods\":0,\"bads\":1,\"woe\":0,\"iv\":0,\"points\":0},"
"{\"kind\":\"missing\",\"label\":\"missing\",\"count\":1,\"goods\":0,"
"\"bads\":1,\"woe\":0,\"iv\":0,\"points\":5}]}],"
"\"development\":{\"n\":2,\"n_bad\":1,\"auc\":0.5,\"gini\":0,\"ks\":0,"
"\"ks_at\":0,\"loglik\":-1,\"aic\":4,\"iterations\":3},\"dropped\":[]}";

START_TEST(test_reasons_hand)
{
	struct rd_err err;
	struct scorecard *card = card_parse(hand_card, &err);
	static const char *lv[3] = { "A", "B", "C" };
	int code[3] = { 2, 0, 1 };
	double amt[3] = { 150, NAN, 50 };
	struct ds_column cols[2];
	struct dataset ds;
	size_t out[4], n;
	double lost[4], s[3], lo, hi;

	ck_assert_msg(card != NULL, "%s", err.msg);
	memset(&ds, 0, sizeof ds);
	memset(cols, 0, sizeof cols);
	cols[0].name = (char *)"grade";
	cols[0].type = DS_TEXT;
	cols[0].code = code;
	cols[0].levels = (char **)lv;
	cols[0].nlevels = 3;
	cols[1].name = (char *)"amount";
	cols[1].type = DS_REAL;
	cols[1].num = amt;
	ds.table = (char *)"t";
	ds.nrows = 3;
	ds.ncols = 2;
	ds.cols = cols;
	ds.target = -1;
	n = card_reasons(card, &ds, 0, 4, out, lost);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(out[0], 0);
	ck_assert_double_eq(lost[0], 35);
	ck_assert_uint_eq(out[1], 1);
	ck_assert_double_eq(lost[1], 20);
	ck_assert_uint_eq(card_reasons(card, &ds, 0, 1, out, NULL), 1);
	n = card_reasons(card, &ds, 1, 4, out, lost);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0], 1);
	ck_assert_double_eq(lost[0], 15);
	n = card_reasons(card, &ds, 2, 4, out, lost);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0], 0);
	ck_assert_double_eq(lost[0], 20);
	ck_assert_uint_eq(card_reasons(card, &ds, 3, 4, out, lost),
	    (size_t)-1);
	/* All rows at once, keeping 1: grade (35); amount (15); grade. */
	{
		size_t o1[3], n1[3];
		double l1[3];

		ck_assert_int_eq(card_reasons_all(card, &ds, 1, o1, l1, n1,
		    &err), 0);
		ck_assert_uint_eq(n1[0], 1);
		ck_assert_uint_eq(o1[0], 0);
		ck_assert_double_eq(l1[0], 35);
		ck_assert_uint_eq(o1[1], 1);
		ck_assert_double_eq(l1[1], 15);
		ck_assert_uint_eq(o1[2], 0);
		ck_assert_uint_eq(n1[2], 1);
	}
	/* The scores: 500 - 5 + 0, 500 + 30 + 5, 500 + 10 + 20. */
	ck_assert_int_eq(card_score(card, &ds, s, NULL, &err), 0);
	ck_assert_double_eq(s[0], 495);
	ck_assert_double_eq(s[1], 535);
	ck_assert_double_eq(s[2], 530);
	/* Range: 500 - 5 + 0 to 500 + 30 + 20. */
	card_score_range(card, &lo, &hi);
	ck_assert_double_eq(lo, 495);
	ck_assert_double_eq(hi, 550);
	cols[1].name = (char *)"other";
	ck_assert_uint_eq(card_reasons(card, &ds, 0, 4, out, lost),
	    (size_t)-1);
	card_free(card);
}
END_TEST

/*
 * Score -> PD: with 600 points at 50:1 good:bad and PDO 20, 600 points is
 * odds 50 (PD 1/51) and 620 odds 100 (PD 1/101).
 */
START_TEST(test_pd_table)
{
	struct scorecard c;
	struct card_pd_row *t;
	size_t n;

	memset(&c, 0, sizeof c);
	c.factor = 20 / log(2.0);
	c.offset = 600 - c.factor * log(50.0);
	t = card_pd_table(&c, 580, 620, 20, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_double_eq_tol(t[0].odds, 25, 1e-12);
	ck_assert_double_eq_tol(t[1].pd, 1.0 / 51, 1e-15);
	ck_assert_double_eq_tol(t[2].odds, 100, 1e-12);
	ck_assert_double_eq_tol(t[2].pd, 1.0 / 101, 1e-15);
	free(t);
}
END_TEST

/* Split one CSV line (RFC 4180 quoting) into at most 8 fields. */
static size_t
csv_split(char *line, char **f)
{
	size_t n = 0;
	char *p = line, *w;

	for (;;) {
		f[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',' && *p != '\n')
				*w++ = *p++;
		}
		if (*p != ',') {
			*w = '\0';
			return n;
		}
		*w = '\0';
		p++;
	}
}

/*
 * The exported points table scores every German row exactly as the core:
 * parse the CSV written by report_card_points, score each row from the
 * table alone (look the value up in the rows of its characteristic), and
 * compare with card_score.
 */
START_TEST(test_points_csv_rescore)
{
	struct desk *d = desk_with("data/german_credit.csv", "g",
	    "creditability", "bad");
	struct card_fit_spec fs;
	struct scorecard *card;
	struct rd_err err;
	struct dataset *ds = db_dataset_load(d->db, "g", &err);
	char *buf = NULL, *line, *save;
	size_t len = 0, nt = 0, i, t;
	FILE *f = open_memstream(&buf, &len);
	struct prow {
		char *ch, *kind, *value;
		double lo, hi, pts;
	} *tab = NULL;
	double base = NAN, *score;

	card_fit_spec_init(&fs);
	card = card_fit(ds, "g", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_int_eq(report_card_points(f, card, REPORT_POINTS_CSV, &err),
	    0);
	fclose(f);
	line = strtok_r(buf, "\n", &save);
	ck_assert_str_eq(line, "characteristic,kind,lower,upper,value,points");
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *fl[8];

		ck_assert_uint_eq(csv_split(line, fl), 6);
		if (strcmp(fl[1], "base") == 0) {
			base = strtod(fl[5], NULL);
			continue;
		}
		tab = xreallocarray(tab, nt + 1, sizeof *tab);
		tab[nt].ch = fl[0];
		tab[nt].kind = fl[1];
		tab[nt].lo = strtod(fl[2], NULL);
		tab[nt].hi = strtod(fl[3], NULL);
		tab[nt].value = fl[4];
		tab[nt].pts = strtod(fl[5], NULL);
		nt++;
	}
	ck_assert(isfinite(base));
	score = xmalloc(ds->nrows * sizeof *score);
	ck_assert_int_eq(card_score(card, ds, score, NULL, &err), 0);
	for (i = 0; i < ds->nrows; i++) {
		double s = base;
		size_t k;

		for (k = 0; k < card->nchars; k++) {
			const char *name = card->chars[k].ch->name;
			const struct ds_column *c =
			    &ds->cols[ds_column_index(ds, name)];
			int found = 0;
			double other = 0;

			for (t = 0; t < nt && !found; t++) {
				if (strcmp(tab[t].ch, name) != 0)
					continue;
				if (c->type == DS_TEXT) {
					if (c->code[i] < 0)
						found = strcmp(tab[t].kind,
						    "missing") == 0;
					else if (strcmp(tab[t].kind, "level")
					    == 0)
						found = strcmp(tab[t].value,
						    c->levels[c->code[i]]) == 0;
					if (strcmp(tab[t].kind, "other") == 0)
						other = tab[t].pts;
				} else if (isnan(c->num[i])) {
					found = strcmp(tab[t].kind, "missing")
					    == 0;
				} else if (strcmp(tab[t].kind, "range") == 0) {
					found = tab[t].lo <= c->num[i] &&
					    c->num[i] < tab[t].hi;
				}
				if (found)
					s += tab[t].pts;
			}
			if (!found)
				s += other;
		}
		ck_assert_msg(s == score[i], "row %zu: table %g, core %g", i,
		    s, score[i]);
	}
	/* Reason codes of every row at once agree with row by row. */
	{
		size_t *o = xmalloc(ds->nrows * 3 * sizeof *o), one[3], k;
		size_t *nn = xmalloc(ds->nrows * sizeof *nn);
		double *l = xmalloc(ds->nrows * 3 * sizeof *l), lo1[3];

		ck_assert_int_eq(card_reasons_all(card, ds, 3, o, l, nn, &err),
		    0);
		for (i = 0; i < ds->nrows; i++) {
			ck_assert_uint_eq(card_reasons(card, ds, i, 3, one,
			    lo1), nn[i]);
			for (k = 0; k < nn[i]; k++) {
				ck_assert_uint_eq(o[i * 3 + k], one[k]);
				ck_assert_double_eq(l[i * 3 + k], lo1[k]);
			}
		}
		free(o);
		free(nn);
		free(l);
	}
	/* Rounding: the worst case bounds what development saw. */
	ck_assert(card->round_max_dev <= card->round_max + 1e-9);
	ck_assert(card->round_max <= 0.5 * (double)(card->nchars + 1));
	free(score);
	free(tab);
	free(buf);
	card_free(card);
	ds_free(ds);
	desk_drop(d);
}
END_TEST

/*
 * Selection inside the scorecard fit, and what the card keeps of it: a
 * forward fit by AIC with housing forced in lists its steps (each AIC
 * falling), keeps housing, gives every characteristic a VIF >= 1 (the
 * diagonal of an inverse correlation matrix), and all of it survives
 * card_serialize / card_parse.  A forced characteristic whose WoE signs
 * are flipped keeps its place with wrong_sign set instead of being
 * dropped.
 */
START_TEST(test_card_select_forced)
{
	struct desk *d = desk_with("data/german_credit.csv", "g",
	    "creditability", "bad");
	static const char *force[1] = { "housing" };
	struct card_fit_spec fs;
	struct scorecard *card, *back;
	struct rd_err err;
	struct dataset *ds = db_dataset_load(d->db, "g", &err);
	struct characteristic *ch[2];
	char *text;
	size_t k, b;
	int seen = 0;

	card_fit_spec_init(&fs);
	fs.select.method = SELECT_FORWARD;
	fs.forced = force;
	fs.nforced = 1;
	card = card_fit(ds, "sel", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_str_eq(card->select_method, "forward");
	ck_assert_uint_gt(card->nsteps, 2);
	for (k = 1; k < card->nsteps; k++)
		ck_assert(card->steps[k].aic < card->steps[k - 1].aic);
	for (k = 0; k < card->nchars; k++) {
		ck_assert(card->chars[k].vif >= 1 - 1e-12);
		if (strcmp(card->chars[k].ch->name, "housing") == 0) {
			ck_assert_int_eq(card->chars[k].forced, 1);
			seen = 1;
		}
	}
	ck_assert_int_eq(seen, 1);
	ck_assert_double_eq_tol(card->corr[0], 1, 1e-15);
	text = card_serialize(card);
	back = card_parse(text, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert_uint_eq(back->nsteps, card->nsteps);
	ck_assert_str_eq(back->steps[0].name, card->steps[0].name);
	ck_assert_double_eq(back->steps[0].aic, card->steps[0].aic);
	ck_assert_double_eq(back->chars[0].vif, card->chars[0].vif);
	ck_assert_double_eq(back->round_max, card->round_max);
	ck_assert_double_eq(back->corr[1], card->corr[1]);
	free(text);
	card_free(back);
	card_free(card);

	/* Flipped WoE, forced: kept and flagged. */
	card_fit_spec_init(&fs);
	fs.forced = force;
	fs.nforced = 1;
	ch[0] = bin_fine(ds, &ds->cols[ds_column_index(ds,
	    "status_of_existing_checking_account")], &fs.bins, &err);
	ch[1] = bin_fine(ds, &ds->cols[ds_column_index(ds, "housing")],
	    &fs.bins, &err);
	ck_assert_ptr_nonnull(ch[0]);
	ck_assert_ptr_nonnull(ch[1]);
	for (b = 0; b < ch[1]->nbins; b++)
		ch[1]->bins[b].woe = -ch[1]->bins[b].woe;
	card = card_fit_chars(ds, "flip", ch, 2, &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	ck_assert_uint_eq(card->nchars, 2);
	ck_assert_int_eq(card->chars[1].wrong_sign, 1);
	ck_assert(card->chars[1].coef > 0);
	ck_assert_int_eq(card->chars[0].wrong_sign, 0);
	card_free(card);
	ds_free(ds);
	desk_drop(d);
}
END_TEST

static Suite *
card_extra_suite(void)
{
	Suite *s = suite_create("card-extra");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_reasons_hand);
	tcase_add_test(tc, test_pd_table);
	tcase_add_test(tc, test_points_csv_rescore);
	tcase_add_test(tc, test_card_select_forced);
	suite_add_tcase(s, tc);
	return s;
}

/* ===================================================== raw fit, JSON */

/*
 * The JSON of a raw fit (report_logit, what 'riskdesk fit --raw --json'
 * prints) against R 4.2.2 glm.fit: each term's estimate and standard
 * error within 1e-6 relative, loglik within 1e-6 absolute.
 */
static void
raw_vs_oracle(const char *csv, const char *table, const char *target,
	const char *bad, const char *oracle, const char *missing)
{
	json_t *o = oracle_load(oracle), *spec = json_object_get(o, "spec");
	json_t *jn = json_object_get(spec, "numeric");
	json_t *jc = json_object_get(spec, "categorical");
	json_t *coefs = json_object_get(o, "coefficients"), *out, *oc;
	const char *vars[32];
	char *refs[8];
	size_t nv = 0, nr = 0, k;
	struct desk *d = desk_with(csv, table, target, bad);
	struct desk_logit l;
	struct logit_spec ls;
	struct rd_err err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	json_error_t jerr;

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
	logit_spec_init(&ls);
	ck_assert_msg(desk_fit_raw(d, table, vars, nv,
	    (const char *const *)refs, nr, NULL, missing, &ls, &l, &err) == 0,
	    "%s",
	    err.msg);
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(report_logit(f, &l, REPORT_JSON, &err), 0);
	fclose(f);
	out = json_loads(buf, 0, &jerr);
	ck_assert_ptr_nonnull(out);
	oc = json_object_get(out, "coefficients");
	ck_assert_uint_eq(json_array_size(oc), json_array_size(coefs));
	for (k = 0; k < json_array_size(coefs); k++) {
		json_t *a = json_array_get(oc, k);
		json_t *b = json_array_get(coefs, k);

		ck_assert_str_eq(json_string_value(json_object_get(a, "term")),
		    json_string_value(json_object_get(b, "term")));
		ck_assert_rel(jnum(a, "estimate"), jnum(b, "estimate"), 1e-6);
		ck_assert_rel(jnum(a, "std_error"), jnum(b, "std_error"), 1e-6);
		ck_assert_rel(jnum(a, "z"), jnum(b, "z"), 1e-6);
		ck_assert_rel(jnum(a, "p_value"), jnum(b, "p_value"), 1e-5);
	}
	ck_assert_double_eq_tol(jnum(out, "loglik"), jnum(o, "loglik"), 1e-6);
	ck_assert_double_eq_tol(jnum(out, "deviance"), jnum(o, "deviance"),
	    2e-6);
	ck_assert_double_eq_tol(jnum(out, "aic"), jnum(o, "aic"), 1e-6);
	ck_assert_double_eq_tol(jnum(out, "bic"), jnum(o, "bic"), 1e-6);
	ck_assert_uint_eq((size_t)jnum(out, "n_used"), (size_t)jnum(o,
	    "n_used"));
	ck_assert_uint_eq((size_t)jnum(out, "n_bad"), (size_t)jnum(o,
	    "n_bad"));
	ck_assert(json_is_true(json_object_get(out, "converged")));
	json_decref(out);
	free(buf);
	desk_logit_done(&l);
	for (k = 0; k < nr; k++)
		free(refs[k]);
	json_decref(o);
	desk_drop(d);
}

/* R 4.2.2 glm.fit, tests/data/oracle/german_logit.R.json (18 terms,
   loglik -491.943686839986). */
START_TEST(test_raw_json_german)
{
	raw_vs_oracle("data/german_credit.csv", "german", "creditability",
	    "bad", "german_logit.R.json", NULL);
}
END_TEST

/* R 4.2.2 glm.fit, tests/data/oracle/hmeq_logit_complete.R.json: HMEQ
   complete cases (n 3364, 300 bad), JOB against "Other", 17 terms. */
START_TEST(test_raw_json_hmeq)
{
	raw_vs_oracle("data/hmeq.csv", "hmeq", "BAD", "1",
	    "hmeq_logit_complete.R.json", NULL);
}
END_TEST

/* R 4.2.2 glm.fit, tests/data/oracle/hmeq_logit_missing_level.R.json:
   HMEQ with a missing REASON or JOB as the level "(missing)" (n 5559,
   1018 bad, 13 terms, REASON's reference "(missing)" being first in byte
   order). */
START_TEST(test_raw_json_hmeq_missing)
{
	raw_vs_oracle("data/hmeq.csv", "hmeq", "BAD", "1",
	    "hmeq_logit_missing_level.R.json", "(missing)");
}
END_TEST

static Suite *
raw_suite(void)
{
	Suite *s = suite_create("raw");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_raw_json_german);
	tcase_add_test(tc, test_raw_json_hmeq);
	tcase_add_test(tc, test_raw_json_hmeq_missing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *s[4];

	s[0] = validate_suite();
	s[1] = select_suite();
	s[2] = card_extra_suite();
	s[3] = raw_suite();
	return run_suites(s, 4);
}
