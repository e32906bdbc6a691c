/*
 * check_decide.c - tests of the batch decision run (src/sim/decide.c,
 * desk_decide_*): a 10-applicant hand case through every decision path,
 * checked field by field; the same run in slices of 3 rows; and the
 * run's counts and sums against the simulation the report and the
 * workbench show, on the same tables.
 *
 * The hand case (tests/data/decide/: hand.csv, hand.yaml, hand-card.json).
 * Scorecard "hand": base points 500; age [-inf, 25) -10, [25, 40) 5,
 * [40, inf) 20, missing -5; home own 15, rent -5, "other, family" 0 (the
 * other bin: unseen levels go there); income [-inf, 2000) -20,
 * [2000, inf) 10, no missing bin (a NULL scores 0, a fallback).  Scaling
 * 600 points at 50:1, PDO 20: factor F = 20 / ln 2, offset O = 600 - F ln
 * 50, PD(s) = 1 / (1 + exp((s - O) / F)).  Policy "hand": knock-out minor
 * (age < 18, KO01); segment online (channel = 'web', cutoff 510, refer
 * 500, LGD 0.5 from loss:, bands [510, 530) limit 1000 APR 0.2, [530,
 * inf) limit 3000 APR 0.15); default (cutoff 505, no refer, LGD 0.4, band
 * [505, inf) limit 2000 APR 0.18); EAD amount.
 *
 *  id  age  home  income amount channel score  ->
 *  A01  16  own    3000   1000  web     515  knock-out minor (KO01)
 *  A02  45  own    3000   2000  web     545  online approve, band 2
 *  A03  30  rent   3000   1500  web     510  online approve, band 1 (= cutoff)
 *  A04  30  rent   1500   1000  web     480  online decline: reasons income
 *                                            (lost 10 - -20 = 30), home (15 -
 *                                            -5 = 20), age (20 - 5 = 15)
 *  A05  22  own    3000    800  web     515  online approve, band 1
 *  A06  30  own    1500    500  web     500  online refer (500 <= 500 < 510):
 *                                            reasons income 30, age 15
 *  A07  50  own    3000   1200  NULL    545  NULL condition: default approve
 *  A08  35  pets   3000    900  shop    515  unseen level: other bin, 0
 *                                            points, 1 fallback; approve
 *  A09 NULL own    3000    700  shop    520  missing bin -5; approve
 *  A10  28  rent   NULL    600  shop    500  NULL income: 0 points, 1
 *                                            fallback; default decline
 *                                            (no refer): reasons home 20,
 *                                            age 15, income 10 - 0 = 10
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "desk/desk.h"
#include "sim/decide.h"
#include "util/err.h"
#include "util/xmalloc.h"

#include "testutil.h"

#define N 10

/* What one record said, copied. */
struct got {
	char id[16];
	double score, pd, limit, apr, ead, lgd, el;
	enum sim_decision decision;
	int ko, seg, band;
	size_t nreasons, nfallback;
	size_t reason[DECIDE_REASONS_MAX];
	double lost[DECIDE_REASONS_MAX];
	unsigned char fallback[8];
	int bin[8];
};

struct sink {
	struct got g[64];
	size_t n;
	int64_t last_rowid;
	int ordered;
};

static int
collect(void *arg, const struct decide_record *r)
{
	struct sink *s = arg;
	struct got *g = &s->g[s->n++];
	size_t k;

	ck_assert_uint_le(s->n, 64);
	if (r->rowid <= s->last_rowid)
		s->ordered = 0;
	s->last_rowid = r->rowid;
	snprintf(g->id, sizeof g->id, "%s", r->id != NULL ? r->id : "");
	g->score = r->score;
	g->pd = r->pd;
	g->limit = r->limit;
	g->apr = r->apr;
	g->ead = r->ead;
	g->lgd = r->lgd;
	g->el = r->el;
	g->decision = r->decision;
	g->ko = r->ko;
	g->seg = r->seg;
	g->band = r->band;
	g->nreasons = r->nreasons;
	g->nfallback = r->nfallback;
	for (k = 0; k < r->nreasons; k++) {
		g->reason[k] = r->reason[k];
		g->lost[k] = r->lost[k];
	}
	for (k = 0; k < 3; k++) {
		g->fallback[k] = r->fallback[k];
		g->bin[k] = r->bin != NULL ? r->bin[k] : -2;
	}
	return 0;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The hand case's database: table apps and scorecard hand. */
static struct desk *
hand_desk(const char *tag)
{
	struct rd_err err;
	struct import_spec spec;
	struct import_summary sum;
	struct desk *d;
	char *card;

	rd_err_clear(&err);
	d = desk_open(scratch_db(tag), &err);
	ck_assert_msg(d != NULL, "%s", err.msg);
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = srcpath("tests/data/decide/hand.csv");
	spec.table = "apps";
	ck_assert_msg(desk_import(d, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
	card = slurp(srcpath("tests/data/decide/hand-card.json"));
	ck_assert_msg(db_scorecard_put(d->db, "hand", "apps", card, &err) == 0,
	    "%s", err.msg);
	free(card);
	return d;
}

static double
pd_of(double s)
{
	double f = 20 / log(2), o = 600 - f * log(50);

	return 1 / (1 + exp((s - o) / f));
}

static void
run_hand(size_t slice, int sparse, struct sink *sk,
	struct decide_summary *sum)
{
	struct desk *d = hand_desk(sparse ? "decide-sparse" : slice ?
	    "decide-slices" : "decide-hand");
	struct desk_decision dd;
	struct decide_spec spec;
	struct rd_err err;

	rd_err_clear(&err);
	memset(&spec, 0, sizeof spec);
	spec.nreasons = DECIDE_REASONS;
	spec.explain = 1;
	spec.slice = slice;
	memset(sk, 0, sizeof *sk);
	sk->ordered = 1;
	/* Rowids 1..5 and 100001..100005: too far apart for slices of
	   fixed rowid ranges, so decided one slice after another. */
	if (sparse)
		ck_assert_int_eq(sqlite3_exec(db_sqlite(d->db), "UPDATE apps "
		    "SET rowid = rowid + 100000 WHERE rowid > 5", NULL, NULL,
		    NULL), SQLITE_OK);
	ck_assert_msg(desk_decide_open(d, srcpath("tests/data/decide/"
	    "hand.yaml"), NULL, "app_id", 1, &dd, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(dd.table, "apps");
	ck_assert_msg(desk_decide_run(d, &dd, &spec, collect, sk, &err) == 0,
	    "%s", err.msg);
	*sum = dd.sum;
	memset(&dd.sum, 0, sizeof dd.sum);
	desk_decision_done(&dd);
	desk_close(d);
}

/* Record k: id, score, decision, knock-out, segment, band. */
static void
check_path(const struct got *g, const char *id, double score,
	enum sim_decision dec, int ko, int seg, int band)
{
	ck_assert_str_eq(g->id, id);
	ck_assert_double_eq(g->score, score);
	ck_assert_double_eq_tol(g->pd, pd_of(score), 1e-12);
	ck_assert_int_eq(g->decision, dec);
	ck_assert_int_eq(g->ko, ko);
	ck_assert_int_eq(g->seg, seg);
	ck_assert_int_eq(g->band, band);
}

/* An approval: limit, APR, EAD, LGD and EL = PD x LGD x EAD. */
static void
check_money(const struct got *g, double limit, double apr, double ead,
	double lgd)
{
	ck_assert_double_eq(g->limit, limit);
	ck_assert_double_eq(g->apr, apr);
	ck_assert_double_eq(g->ead, ead);
	ck_assert_double_eq(g->lgd, lgd);
	ck_assert_double_eq_tol(g->el, pd_of(g->score) * lgd * ead, 1e-9);
	ck_assert_uint_eq(g->nreasons, 0);
}

/* Characteristics of the card: 0 age, 1 home, 2 income. */
static void
check_reasons(const struct got *g, size_t n, const size_t *who,
	const double *lost)
{
	size_t k;

	ck_assert_uint_eq(g->nreasons, n);
	for (k = 0; k < n; k++) {
		ck_assert_uint_eq(g->reason[k], who[k]);
		ck_assert_double_eq(g->lost[k], lost[k]);
	}
}

static void
check_hand(const struct sink *sk, const struct decide_summary *sum)
{
	const struct got *g = sk->g;
	static const size_t r4[3] = { 2, 1, 0 }, r6[2] = { 2, 0 },
	    r10[3] = { 1, 0, 2 };
	static const double l4[3] = { 30, 20, 15 }, l6[2] = { 30, 15 },
	    l10[3] = { 20, 15, 10 };
	double el = 0;
	size_t i;

	ck_assert_uint_eq(sk->n, N);
	ck_assert(sk->ordered);
	check_path(&g[0], "A01", 515, SIM_KNOCKOUT, 0, -1, -1);
	ck_assert(isnan(g[0].limit) && isnan(g[0].ead) && g[0].el == 0);
	ck_assert_uint_eq(g[0].nreasons, 0);
	check_path(&g[1], "A02", 545, SIM_APPROVE, -1, 0, 1);
	check_money(&g[1], 3000, 0.15, 2000, 0.5);
	check_path(&g[2], "A03", 510, SIM_APPROVE, -1, 0, 0);
	check_money(&g[2], 1000, 0.2, 1500, 0.5);
	check_path(&g[3], "A04", 480, SIM_DECLINE, -1, 0, -1);
	check_reasons(&g[3], 3, r4, l4);
	ck_assert(isnan(g[3].limit) && g[3].el == 0 && g[3].ead == 1000);
	check_path(&g[4], "A05", 515, SIM_APPROVE, -1, 0, 0);
	check_money(&g[4], 1000, 0.2, 800, 0.5);
	check_path(&g[5], "A06", 500, SIM_REFER, -1, 0, -1);
	check_reasons(&g[5], 2, r6, l6);
	check_path(&g[6], "A07", 545, SIM_APPROVE, -1, 1, 0);
	check_money(&g[6], 2000, 0.18, 1200, 0.4);
	check_path(&g[7], "A08", 515, SIM_APPROVE, -1, 1, 0);
	check_money(&g[7], 2000, 0.18, 900, 0.4);
	ck_assert_uint_eq(g[7].nfallback, 1);
	ck_assert_int_eq(g[7].fallback[1], 1);
	ck_assert_int_eq(g[7].bin[1], 2);	/* the other bin */
	check_path(&g[8], "A09", 520, SIM_APPROVE, -1, 1, 0);
	check_money(&g[8], 2000, 0.18, 700, 0.4);
	ck_assert_uint_eq(g[8].nfallback, 0);
	ck_assert_int_eq(g[8].bin[0], 3);	/* the missing bin */
	check_path(&g[9], "A10", 500, SIM_DECLINE, -1, 1, -1);
	check_reasons(&g[9], 3, r10, l10);
	ck_assert_uint_eq(g[9].nfallback, 1);
	ck_assert_int_eq(g[9].fallback[2], 1);
	ck_assert_int_eq(g[9].bin[2], -1);
	for (i = 0; i < N; i++)
		if (i != 7 && i != 9)
			ck_assert_uint_eq(g[i].nfallback, 0);

	/* The summary: 6 approved, 1 referred, 3 declined of which 1
	   knocked out; online 5 (3, 1, 1), default 4 (3, 0, 1). */
	ck_assert_uint_eq(sum->applicants, 10);
	ck_assert_uint_eq(sum->approved, 6);
	ck_assert_uint_eq(sum->referred, 1);
	ck_assert_uint_eq(sum->declined, 3);
	ck_assert_uint_eq(sum->knocked_out, 1);
	ck_assert_uint_eq(sum->ko_count[0], 1);
	ck_assert_uint_eq(sum->seg_applicants[0], 5);
	ck_assert_uint_eq(sum->seg_approved[0], 3);
	ck_assert_uint_eq(sum->seg_referred[0], 1);
	ck_assert_uint_eq(sum->seg_declined[0], 1);
	ck_assert_uint_eq(sum->seg_applicants[1], 4);
	ck_assert_uint_eq(sum->seg_approved[1], 3);
	ck_assert_uint_eq(sum->seg_declined[1], 1);
	ck_assert_uint_eq(sum->fallback_applicants, 2);
	ck_assert_uint_eq(sum->char_fallback[1], 1);
	ck_assert_uint_eq(sum->char_fallback[2], 1);
	/* Exposure 2000 + 1500 + 800 + 1200 + 900 + 700; limits 3000 +
	   1000 + 1000 + 2000 + 2000 + 2000; revenue 2000 x 0.15 + (1500 +
	   800) x 0.2 + (1200 + 900 + 700) x 0.18 = 300 + 460 + 504. */
	ck_assert_double_eq_tol(sum->exposure, 7100, 1e-9);
	ck_assert_double_eq_tol(sum->credit_limit, 11000, 1e-9);
	ck_assert_double_eq_tol(sum->revenue, 1264, 1e-9);
	el = pd_of(545) * 0.5 * 2000 + pd_of(510) * 0.5 * 1500 +
	    pd_of(515) * 0.5 * 800 + pd_of(545) * 0.4 * 1200 +
	    pd_of(515) * 0.4 * 900 + pd_of(520) * 0.4 * 700;
	ck_assert_double_eq_tol(sum->expected_loss, el, 1e-9);
}

START_TEST(test_hand_case)
{
	struct sink *sk = xcalloc(1, sizeof *sk);
	struct decide_summary sum;

	run_hand(0, 0, sk, &sum);
	check_hand(sk, &sum);
	decide_summary_done(&sum);
	free(sk);
}
END_TEST

/* Slices of 3 rowids (4 slices for 10 rows): the same records. */
START_TEST(test_hand_slices)
{
	struct sink *sk = xcalloc(1, sizeof *sk);
	struct decide_summary sum;

	run_hand(3, 0, sk, &sum);
	check_hand(sk, &sum);
	decide_summary_done(&sum);
	free(sk);
}
END_TEST

/* Every record's score, decision, knock-out and segment. */
struct every {
	double score[1000];
	int decision[1000], ko[1000], seg[1000];
	size_t n;
};

static int
every(void *arg, const struct decide_record *r)
{
	struct every *e = arg;

	ck_assert_uint_lt(e->n, 1000);
	e->score[e->n] = r->score;
	e->decision[e->n] = (int)r->decision;
	e->ko[e->n] = r->ko;
	e->seg[e->n] = r->seg;
	e->n++;
	return 0;
}

/*
 * A missing bin that scores more than any stated value is no best
 * attribute to lose points against: with age's missing bin at 50 points
 * (above [40, inf) at 20), A04 (age 30, 5 points) still lost 20 - 5 = 15
 * on age, not 50 - 5 = 45, so its reasons stay income 30, home 20, age
 * 15; A09 (age NULL) scores 500 + 50 + 15 + 10 = 575 and is approved.
 */
START_TEST(test_reasons_ignore_missing_bin)
{
	struct desk *d = hand_desk("decide-missing-best");
	struct sink *sk = xcalloc(1, sizeof *sk);
	struct desk_decision dd;
	struct decide_spec spec;
	struct rd_err err;
	char *card = slurp(srcpath("tests/data/decide/hand-card.json"));
	char *at = strstr(card, "\"woe\": 0.2, \"iv\": 0, \"points\": -5}");
	static const size_t r4[3] = { 2, 1, 0 };
	static const double l4[3] = { 30, 20, 15 };

	ck_assert_ptr_nonnull(at);
	memcpy(strstr(at, "-5}"), "50}", 3);
	rd_err_clear(&err);
	ck_assert_msg(db_scorecard_put(d->db, "hand", "apps", card, &err) == 0,
	    "%s", err.msg);
	free(card);
	memset(&spec, 0, sizeof spec);
	spec.nreasons = DECIDE_REASONS;
	sk->ordered = 1;
	ck_assert_msg(desk_decide_open(d, srcpath("tests/data/decide/"
	    "hand.yaml"), NULL, "app_id", 1, &dd, &err) == 0, "%s", err.msg);
	ck_assert_msg(desk_decide_run(d, &dd, &spec, collect, sk, &err) == 0,
	    "%s", err.msg);
	check_path(&sk->g[3], "A04", 480, SIM_DECLINE, -1, 0, -1);
	check_reasons(&sk->g[3], 3, r4, l4);
	check_path(&sk->g[8], "A09", 575, SIM_APPROVE, -1, 1, 0);
	desk_decision_done(&dd);
	desk_close(d);
	free(sk);
}
END_TEST

/* Sparse rowids: slice after slice from the next rowid there is. */
START_TEST(test_hand_sparse)
{
	struct sink *sk = xcalloc(1, sizeof *sk);
	struct decide_summary sum;

	run_hand(3, 1, sk, &sum);
	check_hand(sk, &sum);
	ck_assert_int_eq((int)sk->last_rowid, 100010);
	decide_summary_done(&sum);
	free(sk);
}
END_TEST

/*
 * An arithmetic EAD negative on applicants of several slices: decide
 * leaves the check to the run (ead_deferred), which stops at the first
 * slice with one; the error must still count the whole table's rows, as
 * check-policy's does (run 0: checked before, the same message).  The
 * count by SQL: applicants not knocked out whose EAD is below 0.
 */
static void
ead_range_whole(struct desk *d)
{
	const char *pol = "scorecard: german\npopulation: german_credit\n"
	    "knockouts:\n  - {name: big, when: credit_amount > 15000, "
	    "reason: KO01}\nsegments:\n  - name: default\n    cutoff: 500\n"
	    "    lgd: 0.5\n    ead: \"credit_amount - 1000\"\n";
	const char *path = scratch_db("decide-eadneg.yaml");
	struct desk_decision dd;
	struct decide_spec ds;
	struct rd_err err, before;
	struct every *all = xcalloc(1, sizeof *all);
	sqlite3_stmt *st;
	char want[200];
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(pol, f);
	fclose(f);
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(d->db), "SELECT "
	    "count(*) FROM german_credit WHERE NOT (credit_amount > 15000) "
	    "AND credit_amount - 1000 < 0", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(want, sizeof want, "EAD is negative on %d rows of segment "
	    "\"default\"", sqlite3_column_int(st, 0));
	ck_assert_int_gt(sqlite3_column_int(st, 0), 97);
	sqlite3_finalize(st);
	/* Checked before the run: check-policy's error. */
	ck_assert_int_eq(desk_decide_open(d, path, NULL, NULL, 0, &dd,
	    &before), -1);
	ck_assert_msg(strstr(before.msg, want) != NULL, "%s", before.msg);
	/* Left to the run, slices of 97 rows: the same error. */
	memset(&ds, 0, sizeof ds);
	ds.slice = 97;
	ck_assert_msg(desk_decide_open(d, path, NULL, NULL, 1, &dd, &err) ==
	    0, "%s", err.msg);
	ck_assert_int_eq(dd.ead_deferred, 1);
	ck_assert_int_eq(desk_decide_run(d, &dd, &ds, every, all, &err), -1);
	ck_assert_str_eq(err.msg, before.msg);
	ck_assert_int_eq(err.line, before.line);
	ck_assert_int_eq(err.col, before.col);
	desk_decision_done(&dd);
	unlink(path);
	free(all);
}

/*
 * decide and the simulation behind --report and the workbench agree on
 * the same table: counts exactly, sums to rounding (the slices add up in
 * another order).  Bundled German data, a scorecard fitted on it and the
 * example policy; slices of 97 rows, so 11 of them.
 */
START_TEST(test_decide_equals_simulation)
{
	struct rd_err err;
	struct import_spec spec;
	struct import_summary isum;
	struct card_fit_spec fs;
	struct scorecard *card = NULL;
	struct desk *d;
	struct desk_decision dd;
	struct decide_spec ds;
	struct every *all = xcalloc(1, sizeof *all);
	const struct sim_stats *t;
	struct sim_result res;
	size_t k, n = 0;

	rd_err_clear(&err);
	d = desk_open(scratch_db("decide-german"), &err);
	ck_assert_msg(d != NULL, "%s", err.msg);
	memset(&spec, 0, sizeof spec);
	memset(&isum, 0, sizeof isum);
	spec.csv_path = srcpath("data/german_credit.csv");
	spec.table = "german_credit";
	spec.target = "creditability";
	spec.bad = "bad";
	ck_assert_msg(desk_import(d, &spec, &isum, &err) == 0, "%s", err.msg);
	import_summary_done(&isum);
	card_fit_spec_init(&fs);
	ck_assert_msg(desk_fit(d, "german_credit", "german", &fs, &card,
	    &err) == 0, "%s", err.msg);
	card_free(card);
	ck_assert_msg(desk_load_policy(d, srcpath("policies/example.yaml"), 0,
	    &err) == 0, "%s", err.msg);
	t = &d->champion.result.total;

	memset(&ds, 0, sizeof ds);
	ds.nreasons = 4;
	ds.slice = 97;
	ck_assert_msg(desk_decide_open(d, srcpath("policies/example.yaml"),
	    NULL, NULL, 1, &dd, &err) == 0, "%s", err.msg);
	ck_assert_ptr_null(dd.id);	/* no identifier: the rowid */
	ck_assert_msg(desk_decide_run(d, &dd, &ds, every, all, &err) == 0,
	    "%s", err.msg);
	n = all->n;
	/* Applicant by applicant: the simulation's score, decision,
	   knock-out and segment. */
	sim_run(&d->champion.prep, d->champion.cutoffs, &res);
	for (k = 0; k < n; k++) {
		ck_assert_double_eq(all->score[k], d->champion.score[k]);
		ck_assert_int_eq(all->decision[k], res.decision[k]);
		ck_assert_int_eq(all->ko[k], d->champion.prep.ko[k]);
		ck_assert_int_eq(all->seg[k], d->champion.prep.seg[k]);
	}
	ck_assert_uint_eq(n, 1000);
	ck_assert_uint_eq(dd.sum.applicants, t->applicants);
	ck_assert_uint_eq(dd.sum.approved, t->approved);
	ck_assert_uint_eq(dd.sum.referred, t->referred);
	ck_assert_uint_eq(dd.sum.declined, t->declined);
	ck_assert_uint_eq(dd.sum.knocked_out, t->knocked_out);
	for (k = 0; k < dd.sum.nseg; k++) {
		const struct sim_stats *s = &d->champion.result.segments[k];

		ck_assert_uint_eq(dd.sum.seg_applicants[k], s->applicants);
		ck_assert_uint_eq(dd.sum.seg_approved[k], s->approved);
		ck_assert_uint_eq(dd.sum.seg_referred[k], s->referred);
		ck_assert_uint_eq(dd.sum.seg_declined[k], s->declined);
	}
	for (k = 0; k < dd.sum.nko; k++)
		ck_assert_uint_eq(dd.sum.ko_count[k],
		    d->champion.result.ko_count[k]);
	ck_assert_double_eq_tol(dd.sum.exposure, t->exposure,
	    1e-9 * t->exposure);
	ck_assert_double_eq_tol(dd.sum.expected_loss, t->expected_loss,
	    1e-9 * t->expected_loss);
	ck_assert_double_eq_tol(dd.sum.credit_limit, t->credit_limit,
	    1e-9 * t->credit_limit);
	ck_assert_double_eq_tol(dd.sum.revenue, t->revenue, 1e-9 * t->revenue);
	sim_result_done(&res);
	desk_decision_done(&dd);
	ead_range_whole(d);
	desk_close(d);
	free(all);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("decide");
	TCase *tc = tcase_create("decide");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hand_case);
	tcase_add_test(tc, test_hand_slices);
	tcase_add_test(tc, test_hand_sparse);
	tcase_add_test(tc, test_reasons_ignore_missing_bin);
	tcase_add_test(tc, test_decide_equals_simulation);
	suite_add_tcase(s, tc);
	return run_suites(&s, 1);
}
