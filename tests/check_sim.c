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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/runstore.h"
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

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead, NULL);
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

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead, NULL);
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

/*
 * The policy of sim.yaml (without refer bands and LGDs) with segment
 * segname's EAD set to expr, the others' to amount.  Written to a scratch
 * file; returns its path (static).
 */
static const char *
policy_with_ead(const char *segname, const char *expr)
{
	static char path[300];
	const char *base = strcmp(segname, "renters") == 0 ? "renters" :
	    strcmp(segname, "savers") == 0 ? "savers" : "default";
	FILE *f;

	snprintf(path, sizeof path, "%s.yaml", scratch_db("simead"));
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "scorecard: test\npopulation: sim\n"
	    "loss: {lgd: 0.45, ead: amount}\n"
	    "knockouts:\n"
	    "  - {name: too_big, when: amount > 10000, reason: KO01}\n"
	    "  - {name: too_young, when: age < 21, reason: KO02}\n"
	    "segments:\n"
	    "  - name: renters\n    when: housing = 'rent'\n"
	    "    cutoff: 520\n    ead: \"%s\"\n"
	    "  - name: savers\n    when: savings > 500\n"
	    "    cutoff: 500\n    ead: \"%s\"\n"
	    "  - name: default\n    cutoff: 510\n    ead: \"%s\"\n",
	    strcmp(base, "renters") == 0 ? expr : "amount",
	    strcmp(base, "savers") == 0 ? expr : "amount",
	    strcmp(base, "default") == 0 ? expr : "amount");
	fclose(f);
	return path;
}

/*
 * EAD that is text, negative or infinite on a row its segment takes.
 * The segments' ead values are on lines 11, 15 and 18, column 10.
 *   text: default takes rows 5, 6, 8 (ages 52, 33, 60); age > 55 only
 *     on row 8: one row, "n/a".
 *   negative: renters take rows 0, 3, 9 (row 2 rents but is knocked
 *     out): amount - 3000 = -615, 1200, 3400: one row.
 *   infinite: savers take rows 4, 7; savings > 1000 only on row 7.
 * sim_prepare counts text as missing (0 exposure) but refuses negative
 * and infinite EAD; sim_check_ead refuses all three.
 */
START_TEST(test_ead_checks)
{
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct policy *p;
	struct sim_prep prep;
	const char *path;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	ds = db_dataset_load(db, "sim", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);

	path = policy_with_ead("default",
	    "iif(age > 55, 'n/a', amount)");
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_check_ead(p, db, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.file, path);
	ck_assert_int_eq(err.line, 18);
	ck_assert_int_eq(err.col, 10);
	ck_assert_str_eq(err.msg, "expected a number for EAD, found text "
	    "\"n/a\" on 1 row of segment \"default\"");
	ck_assert_msg(sim_prepare(p, db, ds, score, pd, &prep, &err) == 0,
	    "%s", err.msg);
	ck_assert_uint_eq(prep.ead_missing, 1);
	ck_assert_uint_eq(prep.seg_ead_missing[2], 1);
	ck_assert_uint_eq(prep.seg_ead_missing[0], 0);
	ck_assert_double_eq(prep.ead[8], 0);
	sim_prep_done(&prep);
	policy_free(p);
	unlink(path);

	path = policy_with_ead("renters", "amount - 3000");
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_check_ead(p, db, &err), -1);
	ck_assert_int_eq(err.line, 11);
	ck_assert_int_eq(err.col, 10);
	ck_assert_str_eq(err.msg,
	    "EAD is negative on 1 row of segment \"renters\"");
	rd_err_clear(&err);
	ck_assert_int_eq(sim_prepare(p, db, ds, score, pd, &prep, &err), -1);
	ck_assert_int_eq(err.line, 11);
	ck_assert_str_eq(err.msg,
	    "EAD is negative on 1 row of segment \"renters\"");
	policy_free(p);
	unlink(path);

	path = policy_with_ead("savers", "iif(savings > 1000, 1e999, amount)");
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_check_ead(p, db, &err), -1);
	ck_assert_int_eq(err.line, 15);
	ck_assert_str_eq(err.msg,
	    "EAD is infinite on 1 row of segment \"savers\"");
	ck_assert_int_eq(sim_prepare(p, db, ds, score, pd, &prep, &err), -1);
	ck_assert_str_eq(err.msg,
	    "EAD is infinite on 1 row of segment \"savers\"");
	policy_free(p);
	unlink(path);

	/* NULL is no error for the check: it is counted as missing. */
	path = policy_with_ead("default", "iif(age > 55, NULL, amount)");
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_msg(sim_check_ead(p, db, &err) == 0, "%s", err.msg);
	policy_free(p);
	unlink(path);
	ds_free(ds);
	db_close(db);
}
END_TEST

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
/*
 * A prep made slice by slice (sim_build, windows of a few rowids) equals
 * sim_prepare's on the whole table bit for bit, with scores that are not
 * whole numbers and tie often (continuous scores: levels keyed by the
 * exact score), -0.0 among them, NaN scores and PDs of every size; and an
 * EAD problem is counted over every slice, as on the whole table.
 */
START_TEST(test_build_slices)
{
	static const size_t slices[] = { 1, 7, 64, 5000 };
	struct rd_err err;
	struct db *db;
	struct dataset *ds, *part;
	struct policy *p;
	struct sim_prep whole, sl;
	struct sim_build *b;
	struct sim_disc d0, d1;
	double *sc, *prob;
	size_t i, k, off, nc;
	int64_t lo;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	ds = db_dataset_load(db, "german_credit", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	p = policy_load(srcpath("policies/example.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	sc = calloc(ds->nrows, sizeof *sc);
	prob = calloc(ds->nrows, sizeof *prob);
	for (i = 0; i < ds->nrows; i++) {
		sc[i] = 480 + (double)(i * 37 % 101) / 7.0;
		prob[i] = 1.0 / (1.0 + exp((sc[i] - 500) / 11.0));
	}
	sc[3] = -0.0;
	sc[9] = 0.0;
	sc[11] = NAN;
	ck_assert_msg(sim_prepare(p, db, ds, sc, prob, &whole, &err) == 0,
	    "%s", err.msg);
	ck_assert(whole.has_rows);
	sim_discrimination(&whole, &d0);
	nc = whole.nlevels + whole.nseg + 1;
	for (k = 0; k < sizeof slices / sizeof *slices; k++) {
		b = sim_build_new(p, 0);
		for (off = 0, lo = ds->rowid[0]; off < ds->nrows;
		    lo += (int64_t)slices[k]) {
			db_window_set(db, lo, lo + (int64_t)slices[k]);
			part = db_dataset_load(db, "german_credit", &err);
			ck_assert_ptr_nonnull(part);
			ck_assert_msg(sim_build_add(b, db, part, sc + off,
			    prob + off, &err) == 0, "%s", err.msg);
			db_window_clear(db);
			off += part->nrows;
			ds_free(part);
		}
		ck_assert_msg(sim_build_finish(b, db, slices[k], &sl,
		    &err) == 0, "%s", err.msg);
		ck_assert(!sl.has_rows);
		ck_assert_ptr_null(sl.score);
		ck_assert_uint_eq(sl.n, whole.n);
		ck_assert_uint_eq(sl.nlevels, whole.nlevels);
		ck_assert_uint_eq(sl.nknown, whole.nknown);
		ck_assert_uint_eq(sl.nbad, whole.nbad);
		ck_assert_uint_eq(sl.ndisc, whole.ndisc);
		ck_assert(memcmp(sl.levels, whole.levels, whole.nlevels *
		    sizeof *sl.levels) == 0);
		ck_assert(memcmp(sl.napp, whole.napp, whole.nseg *
		    sizeof *sl.napp) == 0);
		ck_assert(memcmp(sl.matched, whole.matched, whole.nseg *
		    sizeof *sl.matched) == 0);
		ck_assert(memcmp(sl.ko_count, whole.ko_count, whole.nko *
		    sizeof *sl.ko_count) == 0);
		ck_assert(memcmp(sl.cum_n, whole.cum_n, nc *
		    sizeof *sl.cum_n) == 0);
		ck_assert(memcmp(sl.cum_bad, whole.cum_bad, nc *
		    sizeof *sl.cum_bad) == 0);
		ck_assert(memcmp(sl.cum_pd, whole.cum_pd, nc *
		    sizeof *sl.cum_pd) == 0);
		ck_assert(memcmp(sl.cum_el, whole.cum_el, nc *
		    sizeof *sl.cum_el) == 0);
		ck_assert(memcmp(sl.cum_ead, whole.cum_ead, nc *
		    sizeof *sl.cum_ead) == 0);
		ck_assert(memcmp(sl.cum_rev, whole.cum_rev, nc *
		    sizeof *sl.cum_rev) == 0);
		ck_assert(memcmp(sl.cum_limit, whole.cum_limit, nc *
		    sizeof *sl.cum_limit) == 0);
		ck_assert(memcmp(sl.disc_risk, whole.disc_risk, whole.ndisc *
		    sizeof *sl.disc_risk) == 0);
		sim_discrimination(&sl, &d1);
		ck_assert(memcmp(&d0, &d1, sizeof d0) == 0);
		sim_prep_done(&sl);
	}
	/* The discrimination is metric_auc_ks's on the rows. */
	{
		double *risk = calloc(ds->nrows, sizeof *risk), ks, at, auc;

		for (i = 0; i < ds->nrows; i++)
			risk[i] = -sc[i];
		auc = metric_auc_ks(risk, ds->y, ds->nrows, &ks, &at);
		ck_assert(memcmp(&auc, &d0.auc, sizeof auc) == 0);
		ck_assert(memcmp(&ks, &d0.ks, sizeof ks) == 0);
		at = -at;
		ck_assert(memcmp(&at, &d0.ks_at, sizeof at) == 0);
		free(risk);
	}
	sim_prep_done(&whole);
	policy_free(p);
	/* A negative EAD on rows of several slices: counted over all. */
	p = policy_load(srcpath("policies/example.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	for (k = 0; k < p->nsegments; k++) {
		free(p->segments[k].ead);
		p->segments[k].ead = strdup("credit_amount - 2000");
	}
	ck_assert_int_eq(sim_prepare(p, db, ds, sc, prob, &whole, &err), -1);
	{
		char want[RD_ERR_MSG];

		snprintf(want, sizeof want, "%s", err.msg);
		b = sim_build_new(p, 0);
		for (off = 0, lo = ds->rowid[0]; off < ds->nrows; lo += 7) {
			db_window_set(db, lo, lo + 7);
			part = db_dataset_load(db, "german_credit", &err);
			ck_assert_ptr_nonnull(part);
			ck_assert_int_eq(sim_build_add(b, db, part, sc + off,
			    prob + off, &err), 0);
			db_window_clear(db);
			off += part->nrows;
			ds_free(part);
		}
		ck_assert_int_eq(sim_build_finish(b, db, 7, &sl, &err), -1);
		ck_assert_str_eq(err.msg, want);
		ck_assert_ptr_nonnull(strstr(want, "EAD is negative on "));
	}
	policy_free(p);
	free(sc);
	free(prob);
	ds_free(ds);
	db_close(db);
}
END_TEST

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


/*
 * Reachability on table sim with tests/data/policy/shadow.yaml: of the 8
 * applicants not knocked out (rows 1 and 2 are), "everyone" (amount > 0)
 * takes all 8; renters' condition holds for rows 0, 3, 9 but none reaches
 * it; the default matches all 8 and reaches none.
 */
START_TEST(test_reach_shadowed)
{
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct policy *p;
	struct sim_prep prep;
	struct sim_result res;
	size_t reached[3], matched[3];

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	p = policy_load(srcpath("tests/data/policy/shadow.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_reach(p, db, reached, matched, &err), 0);
	ck_assert_uint_eq(reached[0], 8);
	ck_assert_uint_eq(reached[1], 0);
	ck_assert_uint_eq(reached[2], 0);
	ck_assert_uint_eq(matched[0], 8);
	ck_assert_uint_eq(matched[1], 3);
	ck_assert_uint_eq(matched[2], 8);
	/* The same through a prepared simulation. */
	ds = db_dataset_load(db, "sim", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_prepare(p, db, ds, score, pd, &prep, &err), 0);
	sim_figures(&prep, NULL, &res);
	ck_assert(!sim_segment_shadowed(&prep, &res, 0));
	ck_assert(sim_segment_shadowed(&prep, &res, 1));
	ck_assert(sim_segment_shadowed(&prep, &res, 2));
	ck_assert_uint_eq(prep.matched[1], 3);
	sim_result_done(&res);
	sim_prep_done(&prep);
	ds_free(ds);
	policy_free(p);
	db_close(db);
}
END_TEST

/* ------------------------------------- conditions on the population */

#define OVERLAP(name) srcpath("tests/data/realworld/" name)

/*
 * tests/data/realworld/policy-overlap.yaml on table sim, counted by hand.
 * Rows 1 (amount 12500) and 2 (age 20) are knocked out; the 8 kept and
 * the truth of renters (housing = 'rent'), savers (savings > 500), big
 * (amount > 6000), senior (age >= 55), ratio (amount / (age - 33) > 1000,
 * SQLite's integer division, NULL when dividing by 0):
 *
 *   row  amount age housing  savings  renters savers big senior ratio
 *    0    2385   35 rent       100       T      F     F    F    T (1192)
 *    3    4200   45 rent         0       T      F     F    F    F (350)
 *    4    3100   28 own        750       F      T     F    F    F (-620)
 *    5    5600   52 own       NULL       F    NULL    F    F    F (294)
 *    6     980   33 own        200       F      F     F    F   NULL
 *    7    7250   41 for free  1200       F      T     T    F    F (906)
 *    8    2000   60 own         50       F      F     F    T    F (74)
 *    9    6400   29 rent       900       T      T     T    F    F (-1600)
 *
 * Both true: renters & savers row 9; renters & big row 9; renters & ratio
 * row 0; savers & big rows 7, 9.  First match: renters 0, 3, 9; savers 4,
 * 7; senior 8; default 5 (savers NULL, savings NULL) and 6 (ratio NULL,
 * no column NULL).  big (matches 7, 9) and ratio (matches 0) are never
 * reached.
 */
START_TEST(test_overlap_counts)
{
	static const size_t reached[6] = { 3, 2, 0, 1, 0, 2 };
	static const size_t matched[6] = { 3, 3, 2, 1, 1, 8 };
	static const size_t null_default[6] = { 0, 1, 0, 0, 1, 0 };
	struct sim_overlap o;
	struct rd_err err;
	struct policy *p;
	struct db *db;
	size_t k, a, b, c, both, got[6], mat[6];

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	p = policy_load(OVERLAP("policy-overlap.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(p->hit, POLICY_HIT_FIRST);
	ck_assert_msg(sim_overlap(p, db, &o, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(o.nseg, 6);
	ck_assert_uint_eq(o.rows, 10);
	ck_assert_uint_eq(o.kept, 8);
	for (k = 0; k < 6; k++) {
		ck_assert_uint_eq(o.reached[k], reached[k]);
		ck_assert_uint_eq(o.matched[k], matched[k]);
		ck_assert_uint_eq(o.null_default[k], null_default[k]);
	}
	for (a = 0; a < 5; a++)
		for (b = a + 1; b < 5; b++) {
			both = (a == 0 && b == 1) || (a == 0 && b == 2) ||
			    (a == 0 && b == 4) ? 1 : a == 1 && b == 2 ? 2 : 0;
			ck_assert_msg(o.both[a * 6 + b] == both, "both %zu "
			    "%zu: %zu, expected %zu", a, b, o.both[a * 6 + b],
			    both);
		}
	/* savers reads savings; ratio amount and age, none NULL on row 6. */
	ck_assert_uint_eq(o.ncol_of[1], 1);
	ck_assert_str_eq(o.cols[o.col_of[1][0]], "savings");
	ck_assert_uint_eq(o.null_col[1 * o.ncols + o.col_of[1][0]], 1);
	ck_assert_uint_eq(o.ncol_of[4], 2);
	for (c = 0; c < o.ncol_of[4]; c++)
		ck_assert_uint_eq(o.null_col[4 * o.ncols + o.col_of[4][c]], 0);
	sim_overlap_done(&o);
	sim_overlap_done(&o);	/* a no-op on a released one */
	/* sim_reach gives the same first matches. */
	ck_assert_int_eq(sim_reach(p, db, got, mat, &err), 0);
	for (k = 0; k < 6; k++) {
		ck_assert_uint_eq(got[k], reached[k]);
		ck_assert_uint_eq(mat[k], matched[k]);
	}
	policy_free(p);
	db_close(db);
}
END_TEST

/* The same findings as located warnings, in segment order. */
START_TEST(test_overlap_messages)
{
	const char *path = OVERLAP("policy-overlap.yaml");
	static const char *const want[] = {
	    "23:11: warning: 1 applicant matches both \"renters\" and "
	    "\"savers\"; first match gives \"renters\"",
	    "26:11: warning: 1 applicant matches both \"renters\" and \"big\"; "
	    "first match gives \"renters\"",
	    "26:11: warning: 2 applicants match both \"savers\" and \"big\"; "
	    "first match gives \"savers\"",
	    "32:11: warning: 1 applicant matches both \"renters\" and "
	    "\"ratio\"; first match gives \"renters\"",
	    "23:11: warning: 1 applicant falls to the default segment "
	    "\"default\" only because the condition of segment \"savers\" is "
	    "NULL for it (column \"savings\" NULL on 1); catch NULL on "
	    "purpose with IS NULL or coalesce()",
	    "32:11: warning: 1 applicant falls to the default segment "
	    "\"default\" only because the condition of segment \"ratio\" is "
	    "NULL for it (no column it reads is NULL: the expression gives "
	    "NULL, e.g. a division by zero); catch NULL on purpose with IS "
	    "NULL or coalesce()",
	    "25:5: warning: segment \"big\" is never reached on \"sim\": "
	    "earlier segments take all 2 applicants its condition matches",
	    "31:5: warning: segment \"ratio\" is never reached on \"sim\": "
	    "earlier segments take the 1 applicant its condition matches",
	};
	struct policy_errors errs = { NULL, 0, 0 };
	struct sim_overlap o;
	struct rd_err err;
	struct policy *p;
	struct db *db;
	char **w = NULL, line[1200];
	size_t nw = 0, k;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_msg(sim_overlap(p, db, &o, &err) == 0, "%s", err.msg);
	sim_overlap_messages(p, &o, &w, &nw, &errs);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(nw, sizeof want / sizeof want[0]);
	for (k = 0; k < nw; k++) {
		snprintf(line, sizeof line, "%s:%s", path, want[k]);
		ck_assert_str_eq(w[k], line);
	}
	/* A first-match policy has nothing for sim_check_unique. */
	ck_assert_int_eq(sim_check_unique(p, db, &errs, &err), 0);
	ck_assert_uint_eq(errs.n, 0);
	sim_warnings_free(w, nw);
	sim_overlap_done(&o);
	policy_free(p);
	db_close(db);
}
END_TEST

/*
 * hit: unique: the four overlapping pairs are errors, located at the
 * later segment's condition; the other findings stay warnings.
 * Each names its first applicant (rows 1-based, in rowid order: row 10
 * is row 9 of the table above) and what to do.
 */
#define UNIQUE_TAIL "; hit: unique wants segment conditions that no " \
	"applicant matches two of: narrow them, or declare hit: first to " \
	"give each applicant the first segment it matches"
START_TEST(test_overlap_unique)
{
	const char *path = OVERLAP("policy-unique.yaml");
	static const struct { long line; const char *msg; } want[] = {
	    { 23, "segments must not overlap (hit: unique): 1 applicant "
	      "matches both \"renters\" and \"savers\" (it is on row 10 "
	      "of \"sim\")" UNIQUE_TAIL },
	    { 26, "segments must not overlap (hit: unique): 1 applicant "
	      "matches both \"renters\" and \"big\" (it is on row 10 of "
	      "\"sim\")" UNIQUE_TAIL },
	    { 26, "segments must not overlap (hit: unique): 2 applicants "
	      "match both \"savers\" and \"big\" (the first on row 8 of "
	      "\"sim\")" UNIQUE_TAIL },
	    { 32, "segments must not overlap (hit: unique): 1 applicant "
	      "matches both \"renters\" and \"ratio\" (it is on row 1 of "
	      "\"sim\")" UNIQUE_TAIL },
	};
	struct policy_errors errs = { NULL, 0, 0 };
	struct sim_overlap o;
	struct rd_err err;
	struct policy *p;
	struct db *db;
	char **w = NULL;
	size_t nw = 0, k;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(p->hit, POLICY_HIT_UNIQUE);
	ck_assert_int_eq(p->hit_at.line, 5);
	ck_assert_int_eq(p->hit_at.col, 6);
	ck_assert_int_eq(sim_check_unique(p, db, &errs, &err), 1);
	ck_assert_uint_eq(errs.n, 4);
	for (k = 0; k < 4; k++) {
		ck_assert_int_eq(errs.err[k].cls, RD_EINPUT);
		ck_assert_str_eq(errs.err[k].file, path);
		ck_assert_int_eq(errs.err[k].line, want[k].line);
		ck_assert_int_eq(errs.err[k].col, 11);
		ck_assert_str_eq(errs.err[k].msg, want[k].msg);
	}
	policy_errors_done(&errs);
	/* Messages: the same errors, and the four other warnings. */
	ck_assert_msg(sim_overlap(p, db, &o, &err) == 0, "%s", err.msg);
	sim_overlap_messages(p, &o, &w, &nw, &errs);
	ck_assert_uint_eq(errs.n, 4);
	ck_assert_uint_eq(nw, 4);
	ck_assert_ptr_nonnull(strstr(w[0], "only because the condition of "
	    "segment \"savers\" is NULL"));
	ck_assert_ptr_nonnull(strstr(w[3], "segment \"ratio\" is never "
	    "reached"));
	sim_warnings_free(w, nw);
	sim_overlap_done(&o);
	policy_errors_done(&errs);
	policy_free(p);
	db_close(db);
}
END_TEST

/*
 * sim_check_ead_all lists every bad EAD, not only the first: on
 * policy-overlap.yaml with renters' EAD amount - 3000 (rows 0, 3, 9:
 * -615, 1200, 3400: one negative) and the loss default iif(age > 55,
 * 'n/a', amount) (text on row 8, taken by senior: not also reported as
 * NULL on every applicant of senior, which it is only as a number).
 */
START_TEST(test_ead_all_errors)
{
	static const char path[] = "scratch-ead-all.yaml";
	struct policy_errors errs = { NULL, 0, 0 };
	struct rd_err err;
	struct policy *p;
	struct db *db;
	FILE *in, *out;
	char line[256];

	in = fopen(OVERLAP("policy-overlap.yaml"), "r");
	ck_assert_ptr_nonnull(in);
	out = fopen(path, "w");
	ck_assert_ptr_nonnull(out);
	while (fgets(line, sizeof line, in) != NULL) {
		if (strcmp(line, "  ead: amount\n") == 0)
			fputs("  ead: iif(age > 55, 'n/a', amount)\n", out);
		else if (strstr(line, "when: housing = 'rent'") != NULL)
			fprintf(out, "%s    ead: amount - 3000\n", line);
		else
			fputs(line, out);
	}
	fclose(in);
	fclose(out);
	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_check_ead_all(p, db, &errs, &err), 1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_int_eq(errs.err[0].line, 10);	/* the loss entry */
	ck_assert_int_eq(errs.err[0].col, 8);
	ck_assert_str_eq(errs.err[0].msg, "expected a number for EAD, found "
	    "text \"n/a\" on 1 row of segment \"senior\"");
	ck_assert_int_eq(errs.err[1].line, 21);
	ck_assert_int_eq(errs.err[1].col, 10);
	ck_assert_str_eq(errs.err[1].msg,
	    "EAD is negative on 1 row of segment \"renters\"");
	/* sim_check_ead gives the first. */
	ck_assert_int_eq(sim_check_ead(p, db, &err), -1);
	ck_assert_str_eq(err.msg, errs.err[0].msg);
	policy_errors_done(&errs);
	policy_free(p);
	db_close(db);
	unlink(path);
}
END_TEST

/*
 * Runs in the database: three outcomes stored and counted back; an
 * aborted run leaves nothing.
 */
START_TEST(test_runstore)
{
	struct run_header h = { "sim", "sim.yaml", "test", "sim",
	    "champion", "renters=520", 3 };
	struct run_outcome o[3] = {
		{ 1, NULL, "renters", "approve", NULL, 1, 531.2, 0.062,
		  2623.5, 6000 },
		{ 2, "too_big", NULL, "knockout", "KO01", -1, 560, 0.03, NAN,
		  NAN },
		{ 4, NULL, "renters", "decline", "age housing", -1, 512.5,
		  0.11, 4620, NAN },
	};
	struct rd_err err;
	struct runstore *w;
	struct db *db;
	size_t i, n;
	int64_t id;
	char *r;

	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	w = runstore_begin(db, &h, &err);
	ck_assert_msg(w != NULL, "%s", err.msg);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(runstore_add(w, &o[i], &err), 0);
	id = runstore_commit(w, &err);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(runstore_count(db, id, NULL, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(runstore_count(db, id, "approve", &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	r = runstore_reasons(db, id, 4, &err);
	ck_assert_str_eq(r, "age housing");
	free(r);
	r = runstore_reasons(db, id, 1, &err);
	ck_assert_str_eq(r, "");
	free(r);
	ck_assert_ptr_null(runstore_reasons(db, id, 99, &err));
	ck_assert_str_eq(err.msg, "no outcome for row 99 of run 1");

	w = runstore_begin(db, &h, &err);
	ck_assert_int_eq(runstore_add(w, &o[0], &err), 0);
	runstore_abort(w);
	ck_assert_int_eq(runstore_count(db, 2, NULL, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	/* The next run stored takes id 2. */
	w = runstore_begin(db, &h, &err);
	ck_assert_int_eq(runstore_commit(w, &err), 2);
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

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead, NULL);
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
	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, e, NULL);
	ck_assert_uint_eq(prep.ead_missing, 1);
	/* Row 6 is in default (segment 2). */
	ck_assert_uint_eq(prep.seg_ead_missing[0], 0);
	ck_assert_uint_eq(prep.seg_ead_missing[1], 0);
	ck_assert_uint_eq(prep.seg_ead_missing[2], 1);
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

	sim_prep_from_arrays(&prep, &pol, 0, y, score, pd, ko, seg, ead, NULL);
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
	    all_default, ead, NULL);
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

	sim_prep_from_arrays(&prep, &pol, 3, NULL, sc, p3, k3, s3, e3, NULL);
	sim_run(&prep, NULL, &res);
	ck_assert_int_eq(res.decision[0], SIM_APPROVE);
	ck_assert_int_eq(res.decision[1], SIM_REFER);
	ck_assert_int_eq(res.decision[2], SIM_DECLINE);
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST


/* ------------------------------------------------- bands and pricing */

/*
 * The hand population with score bands and pricing (funding rate 0.02):
 *   renters bands [500, 530) limit 3000 APR 0.12, [530, inf) limit 6000
 *           APR 0.10;
 *   savers  no bands (no limit, not priced);
 *   default one band from 510, APR 0.15, limits by income band: 1000
 *           from 0, 2500 from 3000.
 * Incomes: row 6 2385.5 (first income band), row 8 3000 (on the second's
 * bound: taken by it).
 * Approved at the policy's cutoffs: rows 0, 4, 6, 8.
 *   row 0: renters 531.2 -> band 2: limit 6000, revenue 2623.5 x 0.10 =
 *          262.35
 *   row 4: savers: no limit, revenue 0
 *   row 6: default band 1, income 2385.5 -> limit 1000, revenue 980 x
 *          0.15 = 147
 *   row 8: default band 1, income 3000 -> limit 2500, revenue 2000 x
 *          0.15 = 300
 * Revenue 709.35; funding 0.02 x 8703.5 = 174.07; EL 327.4792; profit
 * 709.35 - 174.07 - 327.4792 = 207.8008; limits 6000 + 1000 + 2500 = 9500.
 * renters alone: revenue 262.35, funding 52.47, EL 97.5942, profit
 * 112.2858.
 */
static struct policy_income_limit inc_limits[] = {
	{ .min_income = 0, .limit = 1000 },
	{ .min_income = 3000, .limit = 2500 },
};
static struct policy_band renter_bands[] = {
	{ .from = 500, .to = 530, .limit = 3000, .apr = 0.12 },
	{ .from = 530, .to = INFINITY, .limit = 6000, .apr = 0.10 },
};
static struct policy_band default_bands[] = {
	{ .from = 510, .to = INFINITY, .limit = NAN, .apr = 0.15,
	  .income = inc_limits, .nincome = 2 },
};

START_TEST(test_bands_pricing)
{
	static const double income[N] = {
		NAN, NAN, NAN, NAN, NAN, NAN, 2385.5, NAN, 3000, NAN
	};
	struct policy_segment segs[3];
	struct policy priced = pol;
	struct sim_prep prep;
	struct sim_result res;
	const struct sim_stats *t;

	memcpy(segs, segments, sizeof segs);
	segs[0].bands = renter_bands;
	segs[0].nbands = 2;
	segs[2].bands = default_bands;
	segs[2].nbands = 1;
	priced.segments = segs;
	priced.funding_rate = 0.02;
	priced.priced = 1;
	sim_prep_from_arrays(&prep, &priced, N, y, score, pd, ko, seg, ead,
	    income);
	ck_assert_int_eq(prep.band[0], 1);
	ck_assert_int_eq(prep.band[9], 0);	/* 501.2: first band */
	ck_assert_int_eq(prep.band[4], -1);	/* savers: no bands */
	ck_assert_int_eq(prep.band[1], -1);	/* knocked out */
	ck_assert_double_eq(prep.limit[0], 6000);
	ck_assert(isnan(prep.limit[4]));
	ck_assert_double_eq(prep.limit[6], 1000);
	ck_assert_double_eq(prep.limit[8], 2500);
	sim_run(&prep, NULL, &res);
	assert_hand_figures(&res);	/* bands change no decision */
	t = &res.total;
	ck_assert_double_eq_tol(t->revenue, 709.35, TOL);
	ck_assert_double_eq_tol(t->funding_cost, 174.07, TOL);
	ck_assert_double_eq_tol(t->profit, 207.8008, TOL);
	ck_assert_double_eq_tol(t->credit_limit, 9500, TOL);
	ck_assert_double_eq_tol(res.segments[0].revenue, 262.35, TOL);
	ck_assert_double_eq_tol(res.segments[0].profit, 112.2858, TOL);
	ck_assert_double_eq_tol(res.segments[1].revenue, 0, TOL);
	sim_result_done(&res);
	sim_prep_done(&prep);

	/* Not priced: revenue and profit are NaN, limits still add up. */
	priced.priced = 0;
	sim_prep_from_arrays(&prep, &priced, N, y, score, pd, ko, seg, ead,
	    income);
	sim_figures(&prep, NULL, &res);
	ck_assert(res.decision == NULL);
	ck_assert(isnan(res.total.revenue));
	ck_assert(isnan(res.total.profit));
	ck_assert_double_eq_tol(res.total.credit_limit, 9500, TOL);
	sim_result_done(&res);
	sim_prep_done(&prep);
}
END_TEST

/* A NULL income, or one below every income band, takes the first. */
START_TEST(test_income_band_edges)
{
	ck_assert_double_eq(sim_band_limit(&default_bands[0], NAN), 1000);
	ck_assert_double_eq(sim_band_limit(&default_bands[0], -5), 1000);
	ck_assert_double_eq(sim_band_limit(&default_bands[0], 2999.99),
	    1000);
	ck_assert_double_eq(sim_band_limit(&default_bands[0], 1e9), 2500);
	ck_assert_double_eq(sim_band_limit(&renter_bands[1], 1e9), 6000);
	ck_assert_int_eq(sim_band_of(&(struct policy_segment){
	    .bands = renter_bands, .nbands = 2 }, 530), 1);
	ck_assert_int_eq(sim_band_of(&(struct policy_segment){
	    .bands = renter_bands, .nbands = 2 }, 529.9), 0);
	ck_assert_int_eq(sim_band_of(&(struct policy_segment){
	    .bands = renter_bands, .nbands = 2 }, 400), 0);
	ck_assert_int_eq(sim_band_of(&(struct policy_segment){
	    .bands = renter_bands, .nbands = 2 }, NAN), -1);
}
END_TEST

/* ------------------------------------------------------ trade-offs */

/*
 * Curves.  renters holds scores 531.2 (row 0, good, PD 0.062), 512.5
 * (row 3, bad, 0.11) and 501.2 (row 9, bad, 0.16): points at each, then
 * one above the highest (532.2).
 *   cutoff 501.2: all 3 approved (100%), bad 2 / 3
 *   cutoff 512.5: rows 0 and 3, 2 / 3, bad rate 1 / 2, exp. bad 0.086
 *   cutoff 531.2: row 0, 1 / 3, bad rate 0
 *   cutoff 532.2: nobody (0%)
 * Overall, without knock-outs, the lowest score 488.9 approves everyone:
 * 100%; with them, 8 of 10.
 */
START_TEST(test_curve_end_points)
{
	static const int no_ko[N] = {
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1
	};
	static const int seg_all[N] = { 0, 2, 0, 0, 1, 2, 2, 1, 2, 0 };
	struct sim_prep prep;
	struct sim_curve c;

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, ko, seg, ead, NULL);
	sim_curve(&prep, 0, 0, &c);
	ck_assert_int_eq(c.seg, 0);
	ck_assert_uint_eq(c.n, 4);
	ck_assert_double_eq(c.pt[0].cutoff, 501.2);
	ck_assert_double_eq_tol(c.pt[0].approval_rate, 1, TOL);
	ck_assert_double_eq_tol(c.pt[0].bad_rate, 2.0 / 3.0, TOL);
	ck_assert_double_eq(c.pt[1].cutoff, 512.5);
	ck_assert_uint_eq(c.pt[1].approved, 2);
	ck_assert_double_eq_tol(c.pt[1].bad_rate, 0.5, TOL);
	ck_assert_double_eq_tol(c.pt[1].exp_bad_rate, 0.086, TOL);
	ck_assert_double_eq_tol(c.pt[2].bad_rate, 0, TOL);
	ck_assert_double_eq_tol(c.pt[3].cutoff, 532.2, TOL);
	ck_assert_double_eq_tol(c.pt[3].approval_rate, 0, TOL);
	ck_assert_double_eq(c.pt[3].expected_loss, 0);
	sim_curve_done(&c);

	sim_curve(&prep, -1, 0, &c);
	ck_assert_double_eq(c.pt[0].cutoff, 488.9);
	ck_assert_double_eq_tol(c.pt[0].approval_rate, 0.8, TOL);
	ck_assert_double_eq_tol(c.pt[c.n - 1].approval_rate, 0, TOL);
	sim_curve_done(&c);
	sim_prep_done(&prep);

	sim_prep_from_arrays(&prep, &pol, N, y, score, pd, no_ko, seg_all,
	    ead, NULL);
	sim_curve(&prep, -1, 0, &c);
	ck_assert_uint_eq(c.n, N + 1);	/* ten distinct scores + above */
	ck_assert_double_eq_tol(c.pt[0].approval_rate, 1, TOL);
	ck_assert_uint_eq(c.pt[0].approved, N);
	ck_assert_double_eq_tol(c.pt[c.n - 1].approval_rate, 0, TOL);
	ck_assert_uint_eq(c.pt[c.n - 1].approved, 0);
	/* Approval never rises as the cutoff rises. */
	for (size_t k = 1; k < c.n; k++)
		ck_assert(c.pt[k].approved <= c.pt[k - 1].approved);
	sim_curve_done(&c);
	/* A point budget of 3: two evenly spaced cutoffs and the one above. */
	sim_curve(&prep, -1, 3, &c);
	ck_assert_uint_eq(c.n, 3);
	ck_assert_double_eq(c.pt[0].cutoff, 488.9);
	ck_assert_double_eq(c.pt[1].cutoff, 560.0);
	ck_assert_double_eq_tol(c.pt[2].cutoff, 561.0, TOL);
	sim_curve_done(&c);
	sim_prep_done(&prep);
}
END_TEST

/*
 * The optimiser against brute force: 72 applicants in 3 segments with
 * whole scores 500..511 and PDs that are not monotone in the score, every
 * combination of the candidate cutoffs (13 per segment: 2,197) tried by
 * direct sums.  The most approvals within the target must match, the
 * optimiser's choice must meet the target, and every frontier point's
 * cost must be the least any combination with that many approvals has.
 */
#define BN 72
#define BSEG 3
#define BC 13		/* candidates: scores 511..500, and none (512) */

static struct policy_segment bsegs[BSEG] = {
	{ .name = "a", .when = "x", .cutoff = 505, .refer = NAN, .lgd = 0.4 },
	{ .name = "b", .when = "y", .cutoff = 505, .refer = NAN, .lgd = 0.6 },
	{ .name = "c", .when = NULL, .cutoff = 505, .refer = NAN, .lgd = 0.5 },
};
static struct policy bpol = {
	.name = "brute", .population = "p", .segments = bsegs,
	.nsegments = BSEG,
};

static void
brute_data(double *sc, double *p, int *k, int *sg, double *e)
{
	unsigned long r = 2385;
	size_t i;

	for (i = 0; i < BN; i++) {
		r = (r * 1103515245UL + 12345UL) % 2147483648UL;
		sc[i] = 500 + (double)(r % 12);
		r = (r * 1103515245UL + 12345UL) % 2147483648UL;
		p[i] = 0.02 + 0.3 * (double)(r % 1000) / 1000.0;
		r = (r * 1103515245UL + 12345UL) % 2147483648UL;
		e[i] = 500 + (double)(r % 5000);
		k[i] = -1;
		sg[i] = (int)(i % BSEG);
	}
}

static void
brute_check(const struct sim_prep *prep, enum sim_target kind, double target)
{
	struct sim_opt_spec spec = { kind, target, 0 };
	struct sim_opt opt;
	struct rd_err err;
	double cut[BSEG], best_cost[BN + 1];
	size_t i, best = 0, a, j0, j1, j2, f;

	for (i = 0; i <= BN; i++)
		best_cost[i] = INFINITY;
	for (j0 = 0; j0 < BC; j0++)
	for (j1 = 0; j1 < BC; j1++)
	for (j2 = 0; j2 < BC; j2++) {
		double c = 0, sumpd = 0, el = 0;

		cut[0] = 500 + (double)j0;
		cut[1] = 500 + (double)j1;
		cut[2] = 500 + (double)j2;
		for (a = 0, i = 0; i < BN; i++) {
			if (prep->score[i] < cut[prep->seg[i]])
				continue;
			a++;
			sumpd += prep->pd[i];
			el += prep->pd[i] * prep->lgd[i] * prep->ead[i];
		}
		c = kind == SIM_TARGET_BAD_RATE ? sumpd : el;
		if (c < best_cost[a])
			best_cost[a] = c;
		if (kind == SIM_TARGET_BAD_RATE ? sumpd <= target * (double)a :
		    el <= target)
			if (a > best)
				best = a;
	}
	ck_assert_int_eq(sim_optimise(prep, &spec, &opt, &err), 0);
	ck_assert_uint_eq(opt.frontier[opt.chosen].approved, best);
	ck_assert_uint_eq(opt.result.total.approved, best);
	if (kind == SIM_TARGET_BAD_RATE)
		ck_assert(opt.result.total.exp_bad_rate <= target + 1e-12);
	else
		ck_assert(opt.result.total.expected_loss <= target + 1e-9);
	for (f = 0; f < opt.nfrontier; f++) {
		const struct sim_frontier_point *fp = &opt.frontier[f];
		double c = kind == SIM_TARGET_BAD_RATE ?
		    fp->exp_bad_rate * (double)fp->approved : fp->expected_loss;

		if (fp->approved == 0)
			continue;
		ck_assert_msg(fabs(c - best_cost[fp->approved]) < 1e-9,
		    "frontier at %zu approved: cost %g, brute force %g",
		    fp->approved, c, best_cost[fp->approved]);
		/* The frontier point's own cutoffs give its figures. */
		sim_opt_frontier_cutoffs(prep, &opt, f, cut);
		for (a = 0, i = 0; i < BN; i++)
			a += prep->score[i] >= cut[prep->seg[i]];
		ck_assert_uint_eq(a, fp->approved);
	}
	sim_opt_done(&opt);
}

START_TEST(test_optimiser_brute_force)
{
	double sc[BN], p[BN], e[BN];
	int k[BN], sg[BN];
	struct sim_prep prep;

	brute_data(sc, p, k, sg, e);
	sim_prep_from_arrays(&prep, &bpol, BN, NULL, sc, p, k, sg, e, NULL);
	brute_check(&prep, SIM_TARGET_BAD_RATE, 0.12);
	brute_check(&prep, SIM_TARGET_BAD_RATE, 0.17);
	brute_check(&prep, SIM_TARGET_EL, 2385.0);
	brute_check(&prep, SIM_TARGET_EL, 9000.0);
	sim_prep_done(&prep);
}
END_TEST

/* A target nobody meets approves nobody; a bad target is refused. */
START_TEST(test_optimiser_edges)
{
	double sc[BN], p[BN], e[BN];
	int k[BN], sg[BN];
	struct sim_prep prep;
	struct sim_opt opt;
	struct sim_opt_spec spec = { SIM_TARGET_BAD_RATE, 0.001, 0 };
	struct rd_err err;

	brute_data(sc, p, k, sg, e);
	sim_prep_from_arrays(&prep, &bpol, BN, NULL, sc, p, k, sg, e, NULL);
	ck_assert_int_eq(sim_optimise(&prep, &spec, &opt, &err), 0);
	ck_assert(!opt.feasible);	/* every PD is 0.02 or more */
	ck_assert_uint_eq(opt.result.total.approved, 0);
	sim_opt_done(&opt);
	spec.target = 1.5;
	ck_assert_int_eq(sim_optimise(&prep, &spec, &opt, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_str_eq(err.msg, "the optimiser's target must be a bad rate "
	    "from 0 to 1, found 1.5");
	sim_opt_done(&opt);
	sim_prep_done(&prep);
}
END_TEST

/* ------------------------------------------- champion vs challenger */

/*
 * Swap set of the hand population: champion at the policy's cutoffs
 * approves rows 0, 4, 6, 8; the challenger at 500 / 490 / 520 (see
 * test_cutoff_override) approves 0, 3, 4, 8, 9.
 *   both      0, 4, 8     known 0 g, 4 b (8 indet): 2, bad 1
 *             EL 97.5942 + 151.9 + 40.5 = 289.9942
 *   swap-in   3, 9        both bad: known 2, bad 2
 *             EL 0.11 x 0.6 x 4620 + 0.16 x 0.6 x 7040 = 980.76 under
 *             the challenger, 0 under the champion, which declines them
 *   swap-out  6           good: known 1, bad 0; EL 37.485 under the
 *             champion, 0 under the challenger
 *   neither   1, 2, 5, 7  1 g, 2 b, 5 g (7 indet): known 3, bad 1;
 *             EL 0 under both (as if approved it would be 0 + 0
 *             (knocked out) + 0.17 x 0.45 x 5600 + 0.21 x 0.35 x 7250 =
 *             961.275: a declined applicant has no exposure)
 * Each EL column sums to its policy's EL: 289.9942 + 37.485 = 327.4792,
 * 289.9942 + 980.76 = 1270.7542.
 * Changes: approval 0.5 - 0.4; bad rate 3 / 4 - 1 / 3.
 */
START_TEST(test_swap_set)
{
	static const double cut[3] = { 500, 490, 520 };
	struct sim_prep a, b;
	struct sim_swap w;
	struct rd_err err;
	struct policy other = pol;

	sim_prep_from_arrays(&a, &pol, N, y, score, pd, ko, seg, ead, NULL);
	sim_prep_from_arrays(&b, &pol, N, y, score, pd, ko, seg, ead, NULL);
	ck_assert_int_eq(sim_swap(&a, NULL, NULL, &b, cut, NULL, &w, &err), 0);
	ck_assert_uint_eq(w.both.count, 3);
	ck_assert_uint_eq(w.both.known, 2);
	ck_assert_uint_eq(w.both.bad, 1);
	ck_assert_double_eq_tol(w.both.bad_rate, 0.5, TOL);
	ck_assert_double_eq_tol(w.both.el_champion, 289.9942, TOL);
	ck_assert_double_eq_tol(w.both.el_challenger, 289.9942, TOL);
	ck_assert_uint_eq(w.swap_in.count, 2);
	ck_assert_uint_eq(w.swap_in.bad, 2);
	ck_assert_double_eq_tol(w.swap_in.bad_rate, 1, TOL);
	ck_assert_double_eq_tol(w.swap_in.el_challenger, 980.76, TOL);
	ck_assert_double_eq(w.swap_in.el_champion, 0);
	ck_assert_uint_eq(w.swap_out.count, 1);
	ck_assert_uint_eq(w.swap_out.known, 1);
	ck_assert_double_eq_tol(w.swap_out.bad_rate, 0, TOL);
	ck_assert_double_eq_tol(w.swap_out.el_champion, 37.485, TOL);
	ck_assert_double_eq(w.swap_out.el_challenger, 0);
	ck_assert_uint_eq(w.neither.count, 4);
	ck_assert_uint_eq(w.neither.known, 3);
	ck_assert_uint_eq(w.neither.bad, 1);
	ck_assert_double_eq(w.neither.el_champion, 0);
	ck_assert_double_eq(w.neither.el_challenger, 0);
	ck_assert_double_eq_tol(w.both.el_challenger + w.swap_in.el_challenger
	    - w.both.el_champion - w.swap_out.el_champion, w.d_expected_loss,
	    TOL);
	ck_assert_double_eq_tol(w.d_approval_rate, 0.1, TOL);
	ck_assert_double_eq_tol(w.d_bad_rate, 0.75 - 1.0 / 3.0, TOL);
	ck_assert_double_eq_tol(w.d_expected_loss, 1270.7542 - 327.4792,
	    TOL);

	/* The challenger's fraud rules refer row 3 and decline row 9, its
	   two swap-ins (both bad; EL 0.11 x 0.6 x 4620 = 304.92, 0.16 x
	   0.6 x 7040 = 675.84), and fire on row 1, which it does not
	   approve: they are declined by both, and the changes count them
	   out of the challenger's approved (0, 4, 8: approval 0.3, bad rate
	   1 / 2). */
	{
		signed char fb[N];

		memset(fb, -1, sizeof fb);
		fb[3] = POLICY_FRAUD_REFER;
		fb[9] = POLICY_FRAUD_DECLINE;
		fb[1] = POLICY_FRAUD_DECLINE;
		ck_assert_int_eq(sim_swap(&a, NULL, NULL, &b, cut, fb, &w,
		    &err), 0);
		ck_assert_uint_eq(w.both.count, 3);
		ck_assert_uint_eq(w.swap_in.count, 0);
		ck_assert_uint_eq(w.swap_out.count, 1);
		ck_assert_uint_eq(w.neither.count, 6);
		ck_assert_uint_eq(w.neither.bad, 3);
		ck_assert_uint_eq(w.stop_a.count, 0);
		ck_assert_uint_eq(w.stop_b.count, 2);
		ck_assert_uint_eq(w.stop_b.bad, 2);
		ck_assert_double_eq_tol(w.stop_b.el, 980.76, TOL);
		ck_assert_double_eq_tol(w.d_approval_rate, -0.1, TOL);
		ck_assert_double_eq_tol(w.d_bad_rate, 0.5 - 1.0 / 3.0, TOL);
		ck_assert_double_eq_tol(w.d_expected_loss, 289.9942 -
		    327.4792, TOL);
	}
	sim_prep_done(&b);

	/* Another population: no swap set. */
	other.population = "elsewhere";
	sim_prep_from_arrays(&b, &other, N, y, score, pd, ko, seg, ead, NULL);
	ck_assert_int_eq(sim_swap(&a, NULL, NULL, &b, NULL, NULL, &w, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "no swap set: the champion runs on \"sim\" "
	    "and the challenger on \"elsewhere\"");
	sim_prep_done(&b);
	sim_prep_done(&a);
}
END_TEST

/* ------------------------------------------------------------ outcomes */

/*
 * The hand population with its outcomes taken away, in part or in full,
 * or made all good or all bad.  Nothing but the bad rates, the swap
 * set's bad rates and the discrimination measures may change; those say
 * why they are not available.  The figures that need no outcome are
 * those of assert_hand_figures (policy cutoffs) and test_cutoff_override
 * (challenger cutoffs 500, 490, 520), asserted again below.
 */
static const double out_cut[3] = { 500, 490, 520 };

/* The figures of the policy's cutoffs that need no outcome. */
static void
assert_hand_outcome_free(const struct sim_result *r)
{
	ck_assert_uint_eq(r->total.approved, 4);
	ck_assert_uint_eq(r->total.referred, 2);
	ck_assert_uint_eq(r->total.declined, 4);
	ck_assert_double_eq_tol(r->total.approval_rate, 0.4, TOL);
	ck_assert_double_eq_tol(r->total.exp_bad_rate, 0.332 / 4, TOL);
	ck_assert_double_eq_tol(r->total.exposure, 8703.5, TOL);
	ck_assert_double_eq_tol(r->total.expected_loss, 327.4792, TOL);
	ck_assert_double_eq_tol(r->segments[0].expected_loss, 97.5942, TOL);
	ck_assert_double_eq_tol(r->segments[1].exp_bad_rate, 0.14, TOL);
	ck_assert_double_eq_tol(r->segments[2].exposure, 2980, TOL);
}

/*
 * No target: every bad rate NaN with "no known outcomes in table sim";
 * the rest as with outcomes.  The swap set (champion at the policy's
 * cutoffs, challenger at out_cut): both {0, 4, 8}, swap-in {3, 9},
 * swap-out {6}, neither {1, 2, 5, 7}; the change in expected bad rate:
 * challenger (0.062 + 0.11 + 0.16 + 0.14 + 0.045) / 5 = 0.1034 against
 * 0.083.  The overall curve's first point approves the 8 applicants not
 * knocked out: mean PD (0.062 + 0.11 + 0.14 + 0.17 + 0.085 + 0.21 +
 * 0.045 + 0.16) / 8 = 0.12275.
 */
START_TEST(test_outcomes_no_target)
{
	struct sim_prep prep;
	struct sim_result res;
	struct sim_disc disc;
	struct sim_swap w;
	struct sim_curve c;
	struct sim_opt o1, o2;
	struct sim_opt_spec spec = { SIM_TARGET_EL, 500, 0 };
	struct sim_prep with;
	struct rd_err err;
	char na[METRIC_REASON_MAX];
	size_t k;

	sim_prep_from_arrays(&prep, &pol, N, NULL, score, pd, ko, seg, ead,
	    NULL);
	ck_assert_uint_eq(prep.nknown, 0);
	ck_assert_uint_eq(prep.nbad, 0);
	sim_run(&prep, NULL, &res);
	assert_hand_outcome_free(&res);
	ck_assert_uint_eq(res.total.approved_known, 0);
	ck_assert(isnan(res.total.bad_rate));
	ck_assert_str_eq(sim_bad_rate_na(&prep, res.total.approved,
	    res.total.approved_known, "approved", na),
	    "no known outcomes in table sim");
	for (k = 0; k < 3; k++) {
		ck_assert(isnan(res.segments[k].bad_rate));
		ck_assert_str_eq(sim_bad_rate_na(&prep,
		    res.segments[k].approved, res.segments[k].approved_known,
		    "approved", na), "no known outcomes in table sim");
	}
	/* An empty set's NaN needs no reason. */
	ck_assert_ptr_null(sim_bad_rate_na(&prep, 0, 0, "approved", na));
	ck_assert_str_eq(na, "");
	sim_result_done(&res);

	sim_discrimination(&prep, &disc);
	ck_assert(isnan(disc.auc) && isnan(disc.gini) && isnan(disc.ks) &&
	    isnan(disc.ks_at));
	ck_assert_uint_eq(disc.n_known, 0);
	ck_assert_str_eq(disc.na, "no known outcomes in table sim");

	ck_assert_int_eq(sim_swap(&prep, NULL, NULL, &prep, out_cut, NULL, &w, &err), 0);
	ck_assert_uint_eq(w.both.count, 3);
	ck_assert_uint_eq(w.swap_in.count, 2);
	ck_assert_uint_eq(w.swap_out.count, 1);
	ck_assert_uint_eq(w.neither.count, 4);
	ck_assert_uint_eq(w.both.known + w.swap_in.known + w.swap_out.known +
	    w.neither.known, 0);
	ck_assert(isnan(w.both.bad_rate) && isnan(w.swap_in.bad_rate));
	ck_assert_str_eq(sim_bad_rate_na(&prep, w.swap_out.count,
	    w.swap_out.known, "applicants", na),
	    "no known outcomes in table sim");
	ck_assert(isnan(w.d_bad_rate));
	ck_assert_str_eq(w.na, "no known outcomes in table sim");
	ck_assert_double_eq_tol(w.d_approval_rate, 0.1, TOL);
	ck_assert_double_eq_tol(w.d_exp_bad_rate, 0.1034 - 0.083, TOL);
	ck_assert_double_eq_tol(w.d_expected_loss, 1270.7542 - 327.4792,
	    TOL);
	ck_assert_double_eq_tol(w.both.el_champion, 289.9942, TOL);

	sim_curve(&prep, -1, 0, &c);
	ck_assert_str_eq(c.na, "no known outcomes in table sim");
	ck_assert_double_eq(c.pt[0].cutoff, 488.9);
	ck_assert_uint_eq(c.pt[0].approved, 8);
	ck_assert_uint_eq(c.pt[0].approved_known, 0);
	ck_assert_double_eq_tol(c.pt[0].approval_rate, 0.8, TOL);
	ck_assert_double_eq_tol(c.pt[0].exp_bad_rate, 0.12275, TOL);
	for (k = 0; k < c.n; k++)
		ck_assert(isnan(c.pt[k].bad_rate));
	sim_curve_done(&c);

	/* The optimiser needs PD and EAD only: the same choice as with
	   the outcomes (checked against brute force above). */
	sim_prep_from_arrays(&with, &pol, N, y, score, pd, ko, seg, ead,
	    NULL);
	ck_assert_int_eq(sim_optimise(&prep, &spec, &o1, &err), 0);
	ck_assert_int_eq(sim_optimise(&with, &spec, &o2, &err), 0);
	ck_assert_uint_eq(o1.nfrontier, o2.nfrontier);
	for (k = 0; k < 3; k++)
		ck_assert_double_eq(o1.cutoffs[k], o2.cutoffs[k]);
	ck_assert_uint_eq(o1.result.total.approved,
	    o2.result.total.approved);
	ck_assert_double_eq_tol(o1.result.total.expected_loss,
	    o2.result.total.expected_loss, TOL);
	ck_assert(o1.result.total.expected_loss <= 500);
	ck_assert(isnan(o1.result.total.bad_rate));
	sim_opt_done(&o1);
	sim_opt_done(&o2);
	sim_prep_done(&with);
	sim_prep_done(&prep);
}
END_TEST

/*
 * Outcomes on rows 0-4 only (0 good, 1 good, 2 bad, 3 bad, 4 bad; 5-9
 * indeterminate): 5 known, 3 bad.
 *   Policy cutoffs: approved 0 (good), 4 (bad), 6, 8: bad rate 1 / 2;
 *   renters (0) 0, savers (4) 1, default (6, 8) none known: NaN, "no
 *   known outcome among the 2 approved".
 *   Discrimination on rows 0-4 (scores 531.2 G, 560 G, 540 B, 512.5 B,
 *   503.4 B): a bad below a good in 5 of the 6 pairs (only 540 > 531.2):
 *   AUC 5/6, Gini 2/3; KS from the safest down: 560 (goods 1/2, bads 0:
 *   1/2), 540 (1/2, 1/3: 1/6), 531.2 (1, 1/3: 2/3), 512.5 (1, 2/3),
 *   503.4 (1, 1): 2/3 at 531.2 points.
 *   Swap set: both {0 G, 4 B, 8}: 1 of 2; swap-in {3 B, 9}: 1 of 1;
 *   swap-out {6}: none known, "no known outcome among the 1 applicant";
 *   neither {1 G, 2 B, 5, 7}: 1 of 2.  Challenger approved 0 G, 3 B, 4 B,
 *   8, 9: 2 of 3, so the change in bad rate is 2/3 - 1/2.
 *   The default segment's curve: its applicants 5, 6, 8 have no outcome.
 */
START_TEST(test_outcomes_some_rows)
{
	static const signed char ys[N] = {
		DS_GOOD, DS_GOOD, DS_BAD, DS_BAD, DS_BAD,
		DS_INDET, DS_INDET, DS_INDET, DS_INDET, DS_INDET
	};
	struct sim_prep prep;
	struct sim_result res;
	struct sim_disc disc;
	struct sim_swap w;
	struct sim_curve c;
	struct rd_err err;
	char na[METRIC_REASON_MAX];

	sim_prep_from_arrays(&prep, &pol, N, ys, score, pd, ko, seg, ead,
	    NULL);
	ck_assert_uint_eq(prep.nknown, 5);
	ck_assert_uint_eq(prep.nbad, 3);
	sim_run(&prep, NULL, &res);
	assert_hand_outcome_free(&res);
	ck_assert_uint_eq(res.total.approved_known, 2);
	ck_assert_double_eq_tol(res.total.bad_rate, 0.5, TOL);
	ck_assert_ptr_null(sim_bad_rate_na(&prep, res.total.approved,
	    res.total.approved_known, "approved", na));
	ck_assert_double_eq_tol(res.segments[0].bad_rate, 0, TOL);
	ck_assert_double_eq_tol(res.segments[1].bad_rate, 1, TOL);
	ck_assert(isnan(res.segments[2].bad_rate));
	ck_assert_str_eq(sim_bad_rate_na(&prep, res.segments[2].approved,
	    res.segments[2].approved_known, "approved", na),
	    "no known outcome among the 2 approved");
	sim_result_done(&res);

	sim_discrimination(&prep, &disc);
	ck_assert_str_eq(disc.na, "");
	ck_assert_uint_eq(disc.n_known, 5);
	ck_assert_uint_eq(disc.n_bad, 3);
	ck_assert_double_eq_tol(disc.auc, 5.0 / 6.0, TOL);
	ck_assert_double_eq_tol(disc.gini, 2.0 / 3.0, TOL);
	ck_assert_double_eq_tol(disc.ks, 2.0 / 3.0, TOL);
	ck_assert_double_eq(disc.ks_at, 531.2);

	ck_assert_int_eq(sim_swap(&prep, NULL, NULL, &prep, out_cut, NULL, &w, &err), 0);
	ck_assert_uint_eq(w.both.known, 2);
	ck_assert_double_eq_tol(w.both.bad_rate, 0.5, TOL);
	ck_assert_double_eq_tol(w.swap_in.bad_rate, 1, TOL);
	ck_assert(isnan(w.swap_out.bad_rate));
	ck_assert_str_eq(sim_bad_rate_na(&prep, w.swap_out.count,
	    w.swap_out.known, "applicants", na),
	    "no known outcome among the 1 applicant");
	ck_assert_double_eq_tol(w.neither.bad_rate, 0.5, TOL);
	ck_assert_str_eq(w.na, "");
	ck_assert_double_eq_tol(w.d_bad_rate, 2.0 / 3.0 - 0.5, TOL);

	sim_curve(&prep, 2, 0, &c);
	ck_assert_str_eq(c.na, "no known outcomes among the 3 scored "
	    "applicants of segment default");
	sim_curve_done(&c);
	/* Overall: at 512.5 rows 0, 8, 6, 3 are approved, 0 and 3 known. */
	sim_curve(&prep, -1, 0, &c);
	ck_assert_str_eq(c.na, "");
	ck_assert_double_eq(c.pt[4].cutoff, 512.5);
	ck_assert_uint_eq(c.pt[4].approved, 4);
	ck_assert_uint_eq(c.pt[4].approved_known, 2);
	ck_assert_double_eq_tol(c.pt[4].bad_rate, 0.5, TOL);
	sim_curve_done(&c);
	sim_prep_done(&prep);
}
END_TEST

/*
 * All good: bad rates are 0, a true figure (4 approved, all known); AUC,
 * Gini and KS compare bads with goods: "no bads among the 10 known
 * outcomes in table sim".  All bad: bad rates 1, "no goods ...".
 */
START_TEST(test_outcomes_one_kind)
{
	signed char yy[N];
	struct sim_prep prep;
	struct sim_result res;
	struct sim_disc disc;
	struct sim_swap w;
	struct rd_err err;
	char na[METRIC_REASON_MAX];
	int bad;

	for (bad = 0; bad <= 1; bad++) {
		memset(yy, bad ? DS_BAD : DS_GOOD, sizeof yy);
		sim_prep_from_arrays(&prep, &pol, N, yy, score, pd, ko, seg,
		    ead, NULL);
		ck_assert_uint_eq(prep.nknown, N);
		ck_assert_uint_eq(prep.nbad, bad ? N : 0);
		sim_run(&prep, NULL, &res);
		assert_hand_outcome_free(&res);
		ck_assert_uint_eq(res.total.approved_known, 4);
		ck_assert_double_eq(res.total.bad_rate, bad);
		ck_assert_double_eq(res.segments[2].bad_rate, bad);
		ck_assert_ptr_null(sim_bad_rate_na(&prep, res.total.approved,
		    res.total.approved_known, "approved", na));
		sim_result_done(&res);
		sim_discrimination(&prep, &disc);
		ck_assert(isnan(disc.auc) && isnan(disc.ks));
		ck_assert_str_eq(disc.na, bad ? "no goods among the 10 known "
		    "outcomes in table sim" : "no bads among the 10 known "
		    "outcomes in table sim");
		ck_assert_int_eq(sim_swap(&prep, NULL, NULL, &prep, out_cut, NULL, &w,
		    &err), 0);
		ck_assert_double_eq(w.swap_in.bad_rate, bad);
		ck_assert_double_eq(w.d_bad_rate, 0);
		ck_assert_str_eq(w.na, "");
		sim_prep_done(&prep);
	}
}
END_TEST

/*
 * sim.csv imported without a target, as a population: sim_prepare gives
 * every applicant DS_INDET and the outcome-free figures of the hand
 * population.
 */
START_TEST(test_outcomes_table_without_target)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct policy *p;
	struct sim_prep prep;
	struct sim_result res;
	char path[256], na[METRIC_REASON_MAX];
	size_t i;

	snprintf(path, sizeof path, "%s", scratch_db("simnt"));
	db = db_open(path, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	memset(&spec, 0, sizeof spec);
	spec.csv_path = srcpath("tests/data/policy/sim.csv");
	spec.table = "sim";
	ck_assert_msg(csv_import(db, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
	ds = db_dataset_load(db, "sim", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_ptr_null(ds->y);
	p = policy_load(srcpath("tests/data/policy/sim.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_msg(sim_prepare(p, db, ds, score, pd, &prep, &err) == 0,
	    "%s", err.msg);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(prep.y[i], DS_INDET);
	ck_assert_uint_eq(prep.nknown, 0);
	sim_run(&prep, NULL, &res);
	assert_hand_outcome_free(&res);
	ck_assert(isnan(res.total.bad_rate));
	ck_assert_str_eq(sim_bad_rate_na(&prep, res.total.approved,
	    res.total.approved_known, "approved", na),
	    "no known outcomes in table sim");
	sim_result_done(&res);
	sim_prep_done(&prep);
	policy_free(p);
	ds_free(ds);
	db_close(db);
	unlink(path);
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
	/* test_build_slices reads the table a row at a time (1,000
	   windows and more): seconds under the sanitizers on a busy
	   machine, past check's default of 4. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hand_population);
	tcase_add_test(tc, test_cutoff_override);
	tcase_add_test(tc, test_prepare_table);
	tcase_add_test(tc, test_ead_checks);
	tcase_add_test(tc, test_example_policy_german);
	tcase_add_test(tc, test_build_slices);
	tcase_add_test(tc, test_reach_shadowed);
	tcase_add_test(tc, test_runstore);
	suite_add_tcase(s, tc);

	tc = tcase_create("overlap");
	tcase_add_unchecked_fixture(tc, table_setup, table_teardown);
	tcase_add_test(tc, test_overlap_counts);
	tcase_add_test(tc, test_overlap_messages);
	tcase_add_test(tc, test_overlap_unique);
	tcase_add_test(tc, test_ead_all_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_test(tc, test_cutoff_extremes);
	tcase_add_test(tc, test_nan_ead);
	tcase_add_test(tc, test_zero_denominators);
	tcase_add_test(tc, test_boundaries);
	tcase_add_test(tc, test_income_band_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("money");
	tcase_add_test(tc, test_bands_pricing);
	suite_add_tcase(s, tc);

	tc = tcase_create("tradeoff");
	tcase_add_test(tc, test_curve_end_points);
	tcase_add_test(tc, test_optimiser_brute_force);
	tcase_add_test(tc, test_optimiser_edges);
	tcase_add_test(tc, test_swap_set);
	suite_add_tcase(s, tc);

	tc = tcase_create("outcomes");
	tcase_add_test(tc, test_outcomes_no_target);
	tcase_add_test(tc, test_outcomes_some_rows);
	tcase_add_test(tc, test_outcomes_one_kind);
	tcase_add_test(tc, test_outcomes_table_without_target);
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
