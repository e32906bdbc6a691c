/*
 * check_sim.c - tests of the simulation layer (src/sim): decisions,
 * approval / refer / decline rates, bad rates, exposure and expected loss
 * on a 10-applicant population worked out by hand below, cutoff overrides,
 * the extremes, and sim_prepare over the same population as a real table
 * (tests/data/policy/sim.csv with policy sim.yaml).
 *
 * The population.  Policy (sim.yaml): knock-outs too_big (amount > 10000)
 * then too_young (age < 21); segments renters (housing = 'rent', cutoff
 * 520, refer 505, LGD 0.6, EAD amount * 1.1), savers (savings > 500,
 * cutoff 500, no refer, LGD 0.35, EAD amount), default (cutoff 510, refer
 * 495, LGD 0.45 and EAD amount from loss:).
 *
 *  row amount age housing  savings score   PD    y      ->
 *   0   2385  35 rent      100    531.2  0.062 good   renters, approve
 *   1  12500  19 own       800    560.0  0.030 good   KO too_big (too
 *                                                     young too: first wins)
 *   2   1500  20 rent      NULL   540.0  0.050 bad    KO too_young
 *   3   4200  45 rent        0    512.5  0.110 bad    renters, refer
 *                                                     (505 <= 512.5 < 520)
 *   4   3100  28 own       750    503.4  0.140 bad    savers, approve
 *   5   5600  52 own       NULL   498.0  0.170 good   NULL savings: not
 *                                                     savers -> default,
 *                                                     refer (495 <= 498)
 *   6    980  33 own       200    515.75 0.085 good   default, approve
 *   7   7250  41 for free 1200    488.9  0.210 indet  savers, decline
 *   8   2000  60 own        50    526.3  0.045 indet  default, approve
 *   9   6400  29 rent      900    501.2  0.160 bad    renters (first match,
 *                                                     though a saver too),
 *                                                     decline (< 505)
 *
 * EAD of the approved: row 0 2385 x 1.1 = 2623.5; row 4 3100; row 6 980;
 * row 8 2000.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "policy/policy.h"
#include "sim/sim.h"
#include "util/err.h"

#include "testutil.h"

#define TOL 1e-9
#define N 10

static const signed char y[N] = {
	DS_GOOD, DS_GOOD, DS_BAD, DS_BAD, DS_BAD,
	DS_GOOD, DS_GOOD, DS_INDET, DS_INDET, DS_BAD
};
static const double score[N] = {
	531.2, 560.0, 540.0, 512.5, 503.4, 498.0, 515.75, 488.9, 526.3, 501.2
};
static const double pd[N] = {
	0.062, 0.030, 0.050, 0.110, 0.140, 0.170, 0.085, 0.210, 0.045, 0.160
};
/* What sim_prepare must find for the table: knock-out, segment, EAD. */
static const int ko[N] = { -1, 0, 1, -1, -1, -1, -1, -1, -1, -1 };
static const int seg[N] = { 0, -1, -1, 0, 1, 2, 2, 1, 2, 0 };
static const double ead[N] = {
	2623.5, 0, 0, 4620, 3100, 5600, 980, 7250, 2000, 7040
};

/* The policy of sim.yaml, built in C for the pure part. */
static struct policy_rule rules[] = {
	{ .name = "too_big", .when = "amount > 10000", .reason = "KO01" },
	{ .name = "too_young", .when = "age < 21", .reason = "KO02" },
};
static struct policy_segment segments[] = {
	{ .name = "renters", .when = "housing = 'rent'", .cutoff = 520,
	  .refer = 505, .lgd = 0.6, .ead = "amount * 1.1" },
	{ .name = "savers", .when = "savings > 500", .cutoff = 500,
	  .refer = NAN, .lgd = 0.35, .ead = "amount" },
	{ .name = "default", .when = NULL, .cutoff = 510, .refer = 495,
	  .lgd = 0.45, .ead = "amount" },
};
static struct policy pol = {
	.name = "sim", .scorecard = "test", .population = "sim",
	.knockouts = rules, .nknockouts = 2,
	.segments = segments, .nsegments = 3,
};

/* The figures of the policy's own cutoffs, checked in two tests. */
static void
assert_hand_figures(const struct sim_result *r)
{
	const struct sim_stats *t = &r->total, *s;
	static const unsigned char want[N] = {
		SIM_APPROVE, SIM_KNOCKOUT, SIM_KNOCKOUT, SIM_REFER,
		SIM_APPROVE, SIM_REFER, SIM_APPROVE, SIM_DECLINE,
		SIM_APPROVE, SIM_DECLINE
	};
	size_t i;

	for (i = 0; i < N; i++)
		ck_assert_msg(r->decision[i] == want[i], "row %zu: decision "
		    "%d, expected %d", i, r->decision[i], want[i]);
	ck_assert_uint_eq(r->nseg, 3);
	ck_assert_uint_eq(r->nko, 2);
	ck_assert_double_eq(r->cutoffs[0], 520);
	ck_assert_double_eq(r->cutoffs[2], 510);
	/* Row 1 matches both knock-outs and counts under the first. */
	ck_assert_uint_eq(r->ko_count[0], 1);
	ck_assert_uint_eq(r->ko_count[1], 1);

	/*
	 * Total: 10 applicants; approved rows 0, 4, 6, 8 (4); referred 3, 5
	 * (2); declined 7, 9 and the knocked-out 1, 2 (4).
	 */
	ck_assert_uint_eq(t->applicants, 10);
	ck_assert_uint_eq(t->approved, 4);
	ck_assert_uint_eq(t->referred, 2);
	ck_assert_uint_eq(t->declined, 4);
	ck_assert_uint_eq(t->knocked_out, 2);
	ck_assert_double_eq_tol(t->approval_rate, 0.4, TOL);
	ck_assert_double_eq_tol(t->refer_rate, 0.2, TOL);
	ck_assert_double_eq_tol(t->decline_rate, 0.4, TOL);
	/* Approved with a known outcome: 0 good, 4 bad, 6 good (8 indet). */
	ck_assert_uint_eq(t->approved_known, 3);
	ck_assert_uint_eq(t->approved_bad, 1);
	ck_assert_double_eq_tol(t->bad_rate, 1.0 / 3.0, TOL);
	/* Mean PD of 0, 4, 6, 8: (0.062 + 0.14 + 0.085 + 0.045) / 4. */
	ck_assert_double_eq_tol(t->exp_bad_rate, 0.332 / 4, TOL);
	/* 2623.5 + 3100 + 980 + 2000. */
	ck_assert_double_eq_tol(t->exposure, 8703.5, TOL);
	/*
	 * PD x LGD x EAD: 0.062 x 0.6 x 2623.5 = 97.5942; 0.14 x 0.35 x
	 * 3100 = 151.9; 0.085 x 0.45 x 980 = 37.485; 0.045 x 0.45 x 2000 =
	 * 40.5; sum 327.4792.
	 */
	ck_assert_double_eq_tol(t->expected_loss, 327.4792, TOL);

	/* renters: rows 0 (approve, good), 3 (refer), 9 (decline). */
	s = &r->segments[0];
	ck_assert_uint_eq(s->applicants, 3);
	ck_assert_uint_eq(s->approved, 1);
	ck_assert_uint_eq(s->referred, 1);
	ck_assert_uint_eq(s->declined, 1);
	ck_assert_uint_eq(s->knocked_out, 0);
	ck_assert_double_eq_tol(s->approval_rate, 1.0 / 3.0, TOL);
	ck_assert_double_eq_tol(s->refer_rate, 1.0 / 3.0, TOL);
	ck_assert_double_eq_tol(s->decline_rate, 1.0 / 3.0, TOL);
	ck_assert_double_eq_tol(s->bad_rate, 0, TOL);
	ck_assert_double_eq_tol(s->exp_bad_rate, 0.062, TOL);
	ck_assert_double_eq_tol(s->exposure, 2623.5, TOL);
	ck_assert_double_eq_tol(s->expected_loss, 97.5942, TOL);

	/* savers: rows 4 (approve, bad), 7 (decline; no refer band). */
	s = &r->segments[1];
	ck_assert_uint_eq(s->applicants, 2);
	ck_assert_uint_eq(s->approved, 1);
	ck_assert_uint_eq(s->referred, 0);
	ck_assert_uint_eq(s->declined, 1);
	ck_assert_double_eq_tol(s->approval_rate, 0.5, TOL);
	ck_assert_double_eq_tol(s->bad_rate, 1, TOL);
	ck_assert_double_eq_tol(s->exp_bad_rate, 0.14, TOL);
	ck_assert_double_eq_tol(s->exposure, 3100, TOL);
	ck_assert_double_eq_tol(s->expected_loss, 151.9, TOL);

	/* default: rows 5 (refer), 6 (approve, good), 8 (approve, indet). */
	s = &r->segments[2];
	ck_assert_uint_eq(s->applicants, 3);
	ck_assert_uint_eq(s->approved, 2);
	ck_assert_uint_eq(s->referred, 1);
	ck_assert_uint_eq(s->declined, 0);
	ck_assert_uint_eq(s->approved_known, 1);
	ck_assert_double_eq_tol(s->approval_rate, 2.0 / 3.0, TOL);
	ck_assert_double_eq_tol(s->bad_rate, 0, TOL);
	/* (0.085 + 0.045) / 2; 980 + 2000; 37.485 + 40.5. */
	ck_assert_double_eq_tol(s->exp_bad_rate, 0.065, TOL);
	ck_assert_double_eq_tol(s->exposure, 2980, TOL);
	ck_assert_double_eq_tol(s->expected_loss, 77.985, TOL);
}

/* ------------------------------------------------------------ core */

START_TEST(test_hand_population)
{
	struct sim_prep prep;
	struct sim_result res;

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead);
	ck_assert_uint_eq(prep.n, N);
	ck_assert_uint_eq(prep.nseg, 3);
	ck_assert_uint_eq(prep.nko, 2);
	ck_assert_uint_eq(prep.ead_missing, 0);
	/* LGD from each row's segment; knocked-out rows get 0. */
	ck_assert_double_eq(prep.lgd[0], 0.6);
	ck_assert_double_eq(prep.lgd[1], 0);
	ck_assert_double_eq(prep.lgd[4], 0.35);
	ck_assert_double_eq(prep.lgd[8], 0.45);
	sim_run(&prep, NULL, &res);
	assert_hand_figures(&res);
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST

/*
 * Overrides: renters 500 (refer band 520 - 505 = 15 wide: [485, 500)),
 * savers 490 (no band), default 520 (band [505, 520)).
 *   row 0 531.2  renters approve (unchanged)
 *   row 3 512.5  renters refer -> approve
 *   row 9 501.2  renters decline -> approve
 *   row 4 503.4  savers approve; row 7 488.9 savers decline
 *   row 5 498.0  default refer -> decline (below 505)
 *   row 6 515.75 default approve -> refer
 *   row 8 526.3  default approve
 * Approved 0, 3, 9, 4, 8: 5 of 10; referred 6; declined 5, 7 and the two
 * knock-outs.  Known approved: 0 good, 3 bad, 9 bad, 4 bad -> 3 / 4.
 * Exposure 2623.5 + 4620 + 7040 + 3100 + 2000 = 19383.5.
 * EL 97.5942 + 0.11 x 0.6 x 4620 (304.92) + 0.16 x 0.6 x 7040 (675.84)
 *   + 151.9 + 40.5 = 1270.7542.
 */
START_TEST(test_cutoff_override)
{
	static const double cut[3] = { 500, 490, 520 };
	static const unsigned char want[N] = {
		SIM_APPROVE, SIM_KNOCKOUT, SIM_KNOCKOUT, SIM_APPROVE,
		SIM_APPROVE, SIM_DECLINE, SIM_REFER, SIM_DECLINE,
		SIM_APPROVE, SIM_APPROVE
	};
	struct sim_prep prep;
	struct sim_result res;
	size_t i;

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead);
	sim_run(&prep, cut, &res);
	for (i = 0; i < N; i++)
		ck_assert_msg(res.decision[i] == want[i], "row %zu: decision "
		    "%d, expected %d", i, res.decision[i], want[i]);
	ck_assert_double_eq(res.cutoffs[0], 500);
	ck_assert_double_eq(res.cutoffs[1], 490);
	ck_assert_uint_eq(res.total.approved, 5);
	ck_assert_uint_eq(res.total.referred, 1);
	ck_assert_uint_eq(res.total.declined, 4);
	ck_assert_double_eq_tol(res.total.approval_rate, 0.5, TOL);
	ck_assert_double_eq_tol(res.total.refer_rate, 0.1, TOL);
	ck_assert_double_eq_tol(res.total.bad_rate, 0.75, TOL);
	ck_assert_double_eq_tol(res.total.exposure, 19383.5, TOL);
	ck_assert_double_eq_tol(res.total.expected_loss, 1270.7542, TOL);
	ck_assert_double_eq_tol(res.segments[0].approval_rate, 1, TOL);
	ck_assert_double_eq_tol(res.segments[2].refer_rate, 1.0 / 3.0, TOL);
	sim_result_done(&res);

	/* Back to the policy's own cutoffs: the same figures as before. */
	sim_run(&prep, NULL, &res);
	assert_hand_figures(&res);
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST

/* ------------------------------------------------- over a real table */

static char dbfile[256];

static void
table_setup(void)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;
	struct db *db;

	snprintf(dbfile, sizeof dbfile, "%s", scratch_db("sim"));
	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	memset(&spec, 0, sizeof spec);
	spec.csv_path = srcpath("tests/data/policy/sim.csv");
	spec.table = "sim";
	spec.target = "y";
	spec.bad = "bad";
	spec.good[0] = "good";
	spec.ngood = 1;		/* so "unknown" is indeterminate */
	ck_assert_msg(csv_import(db, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
	memset(&spec, 0, sizeof spec);
	spec.csv_path = srcpath("data/german_credit.csv");
	spec.table = "german_credit";
	spec.target = "creditability";
	spec.bad = "bad";
	ck_assert_msg(csv_import(db, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
	db_close(db);
}

static void
table_teardown(void)
{
	unlink(dbfile);
}

START_TEST(test_prepare_table)
{
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct policy *p;
	struct sim_prep prep;
	struct sim_result res;
	size_t i;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	ds = db_dataset_load(db, "sim", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nrows, N);
	p = policy_load(srcpath("tests/data/policy/sim.yaml"), &err);
	ck_assert_msg(p != NULL, "%s:%ld:%ld: %s", err.file, err.line,
	    err.col, err.msg);
	ck_assert_msg(sim_prepare(p, db, ds, score, pd, &prep, &err) == 0,
	    "%s", err.msg);
	ck_assert_uint_eq(prep.n, N);
	ck_assert_ptr_eq(prep.policy, p);
	for (i = 0; i < N; i++) {
		ck_assert_msg(prep.y[i] == y[i], "row %zu: y %d", i,
		    prep.y[i]);
		ck_assert_msg(prep.ko[i] == ko[i], "row %zu: ko %d", i,
		    prep.ko[i]);
		ck_assert_msg(prep.seg[i] == seg[i], "row %zu: seg %d", i,
		    prep.seg[i]);
		ck_assert_msg(fabs(prep.ead[i] - ead[i]) < 1e-9,
		    "row %zu: ead %g", i, prep.ead[i]);
	}
	ck_assert_uint_eq(prep.ead_missing, 0);
	sim_run(&prep, NULL, &res);
	assert_hand_figures(&res);
	sim_result_done(&res);
	sim_prep_done(&prep);
	policy_free(p);
	ds_free(ds);
	db_close(db);
}
END_TEST

/*
 * policies/example.yaml over the German credit data: knock-outs and
 * segments do not depend on the score, so their counts are pinned here
 * (counted independently with Python's csv module over
 * data/german_credit.csv, taking the rules in the policy's order):
 * credit_amount > 15000: 5; then duration_in_month > 48: 14; then
 * age_in_years < 21: 16.  Of the 965 left, property 'unknown / no
 * property' 144, then housing 'rent' 151, then age < 25 64, default 606.
 */
START_TEST(test_example_policy_german)
{
	static const size_t want_ko[3] = { 5, 14, 16 };
	static const size_t want_seg[4] = { 144, 151, 64, 606 };
	static const double low[4] = { -1e9, -1e9, -1e9, -1e9 };
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct policy *p;
	struct sim_prep prep;
	struct sim_result res;
	double *sc, *prob;
	size_t i;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	ds = db_dataset_load(db, "german_credit", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nrows, 1000);
	p = policy_load(srcpath("policies/example.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_uint_eq(p->nknockouts, 3);
	ck_assert_uint_eq(p->nsegments, 4);
	/* Any scores will do: the counts below do not depend on them. */
	sc = calloc(ds->nrows, sizeof *sc);
	prob = calloc(ds->nrows, sizeof *prob);
	for (i = 0; i < ds->nrows; i++) {
		sc[i] = 480 + (double)(i % 140);
		prob[i] = 0.3;
	}
	ck_assert_msg(sim_prepare(p, db, ds, sc, prob, &prep, &err) == 0,
	    "%s", err.msg);
	ck_assert_uint_eq(prep.ead_missing, 0);
	sim_run(&prep, low, &res);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(res.ko_count[i], want_ko[i]);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(res.segments[i].applicants, want_seg[i]);
	/* Everyone not knocked out is approved below every score. */
	ck_assert_double_eq_tol(res.total.approval_rate, 0.965, TOL);
	/* EAD = credit_amount: row 0 is 1169 DM (in default, age 67). */
	ck_assert_double_eq(prep.ead[0], 1169);
	ck_assert_double_eq(prep.lgd[0], 0.45);
	sim_result_done(&res);
	sim_prep_done(&prep);
	free(sc);
	free(prob);
	policy_free(p);
	ds_free(ds);
	db_close(db);
}
END_TEST

/* ------------------------------------------------------------ edge */

/*
 * A cutoff below every score approves everyone not knocked out: 8 of 10;
 * no refers.  Above every score approves nobody: rates over approved
 * applicants are NaN, sums 0, and no refer band reaches that high.
 */
START_TEST(test_cutoff_extremes)
{
	static const double low[3] = { 0, 0, 0 }, high[3] = { 1e4, 1e4, 1e4 };
	struct sim_prep prep;
	struct sim_result res;
	size_t s;

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead);
	sim_run(&prep, low, &res);
	ck_assert_double_eq_tol(res.total.approval_rate, 0.8, TOL);
	ck_assert_double_eq_tol(res.total.refer_rate, 0, TOL);
	ck_assert_double_eq_tol(res.total.decline_rate, 0.2, TOL);
	ck_assert_uint_eq(res.total.declined, res.total.knocked_out);
	for (s = 0; s < 3; s++)
		ck_assert_double_eq_tol(res.segments[s].approval_rate, 1, TOL);
	/* Known approved: 0 g, 3 b, 4 b, 5 g, 6 g, 9 b (7, 8 indet). */
	ck_assert_double_eq_tol(res.total.bad_rate, 0.5, TOL);
	sim_result_done(&res);

	sim_run(&prep, high, &res);
	ck_assert_double_eq_tol(res.total.approval_rate, 0, TOL);
	ck_assert_double_eq_tol(res.total.refer_rate, 0, TOL);
	ck_assert_double_eq_tol(res.total.decline_rate, 1, TOL);
	ck_assert(isnan(res.total.bad_rate));
	ck_assert(isnan(res.total.exp_bad_rate));
	ck_assert_double_eq(res.total.exposure, 0);
	ck_assert_double_eq(res.total.expected_loss, 0);
	ck_assert(isnan(res.segments[1].bad_rate));
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST

/* A NaN EAD is 0 exposure, counted in ead_missing. */
START_TEST(test_nan_ead)
{
	double e[N];
	struct sim_prep prep;
	struct sim_result res;

	memcpy(e, ead, sizeof e);
	e[6] = NAN;		/* row 6, approved in default */
	e[1] = NAN;		/* knocked out: not counted */
	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, e);
	ck_assert_uint_eq(prep.ead_missing, 1);
	ck_assert_double_eq(prep.ead[6], 0);
	sim_run(&prep, NULL, &res);
	/* 8703.5 - 980; 327.4792 - 37.485. */
	ck_assert_double_eq_tol(res.total.exposure, 7723.5, TOL);
	ck_assert_double_eq_tol(res.total.expected_loss, 289.9942, TOL);
	ck_assert_uint_eq(res.total.approved, 4);
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST

/*
 * Zero denominators give NaN: an empty population, and a segment nobody
 * reaches (everyone moved to default).
 */
START_TEST(test_zero_denominators)
{
	static const int all_default[N] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
	static const int no_ko[N] = {
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1
	};
	struct sim_prep prep;
	struct sim_result res;

	sim_prep_from_arrays(&prep, &pol, 0, y, score, pd, ko, seg, ead);
	sim_run(&prep, NULL, &res);
	ck_assert_uint_eq(res.total.applicants, 0);
	ck_assert(isnan(res.total.approval_rate));
	ck_assert(isnan(res.total.refer_rate));
	ck_assert(isnan(res.total.decline_rate));
	ck_assert(isnan(res.total.bad_rate));
	ck_assert(isnan(res.segments[0].approval_rate));
	ck_assert_uint_eq(res.ko_count[0], 0);
	sim_result_done(&res);
	sim_prep_done(&prep);

	sim_prep_from_arrays(&prep, &pol, N, NULL, score, pd, no_ko,
	    all_default, ead);
	sim_run(&prep, NULL, &res);
	ck_assert_uint_eq(res.segments[0].applicants, 0);
	ck_assert(isnan(res.segments[0].approval_rate));
	ck_assert_uint_eq(res.segments[2].applicants, N);
	/* y NULL: all indeterminate, so no bad rate but an expected one. */
	ck_assert(isnan(res.total.bad_rate));
	ck_assert(!isnan(res.total.exp_bad_rate));
	ck_assert_uint_eq(res.total.knocked_out, 0);
	sim_result_done(&res);
	sim_prep_done(&prep);
	sim_prep_done(NULL);
	sim_result_done(NULL);
}
END_TEST

/* A score on the cutoff approves; on the refer bound refers. */
START_TEST(test_boundaries)
{
	static const double sc[3] = { 520, 505, 504.999 };
	static const double p3[3] = { 0.1, 0.1, 0.1 };
	static const int k3[3] = { -1, -1, -1 }, s3[3] = { 0, 0, 0 };
	static const double e3[3] = { 1, 1, 1 };
	struct sim_prep prep;
	struct sim_result res;

	sim_prep_from_arrays(&prep, &pol, 3, NULL, sc, p3, k3, s3, e3);
	sim_run(&prep, NULL, &res);
	ck_assert_int_eq(res.decision[0], SIM_APPROVE);
	ck_assert_int_eq(res.decision[1], SIM_REFER);
	ck_assert_int_eq(res.decision[2], SIM_DECLINE);
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_prepare_wrong_dataset)
{
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct sim_prep prep;
	struct policy other = pol;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	ds = db_dataset_load(db, "sim", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	other.population = "applicants";
	ck_assert_int_eq(sim_prepare(&other, db, ds, score, pd, &prep, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "dataset \"sim\" is not the population "
	    "\"applicants\" of policy \"sim\"");
	ds_free(ds);
	db_close(db);
}
END_TEST

/* An expression the table cannot evaluate fails the preparation. */
START_TEST(test_prepare_bad_expression)
{
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct sim_prep prep;
	struct policy_segment segs[3];
	struct policy other = pol;

	memcpy(segs, segments, sizeof segs);
	segs[1].when = "savngs > 500";
	other.segments = segs;
	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	ds = db_dataset_load(db, "sim", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_prepare(&other, db, ds, score, pd, &prep, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "unknown column \"savngs\" in expression");
	sim_prep_done(&prep);
	ds_free(ds);
	db_close(db);
}
END_TEST

/* ------------------------------------------------------------ suites */

static Suite *
sim_suite(void)
{
	Suite *s = suite_create("sim");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, table_setup, table_teardown);
	tcase_add_test(tc, test_hand_population);
	tcase_add_test(tc, test_cutoff_override);
	tcase_add_test(tc, test_prepare_table);
	tcase_add_test(tc, test_example_policy_german);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_test(tc, test_cutoff_extremes);
	tcase_add_test(tc, test_nan_ead);
	tcase_add_test(tc, test_zero_denominators);
	tcase_add_test(tc, test_boundaries);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_unchecked_fixture(tc, table_setup, table_teardown);
	tcase_add_test(tc, test_prepare_wrong_dataset);
	tcase_add_test(tc, test_prepare_bad_expression);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *suites[1];

	suites[0] = sim_suite();
	return run_suites(suites, 1);
}
