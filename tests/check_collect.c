/*
 * check_collect.c - collections (model/collect.c): rates per bucket and
 * treatment on a dozen accounts written out by hand, the two-proportion
 * test against R's prop.test, the power against R's power.prop.test,
 * the plan within capacity and the optimiser with its bound, each
 * figure worked out in a comment; and the collections section of a
 * policy with its located errors.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/collect.h"
#include "policy/policy.h"
#include "util/err.h"
#include "testutil.h"

#define EPS 1e-12

/*
 * The hand case, months 2024-01 to 2024-03.  Snapshots (bucket,
 * balance):
 *
 *   acct  2024-01      2024-02      2024-03
 *   A     1   100      0   100      0   100
 *   B     1   200      1   210      0   210
 *   C     1   300      2   310      -          (no snapshot)
 *   D     1   400      0   400      0   400
 *   E     1  1000      0  1000      0  1000
 *   F     1  2000      0  2000      0  2000
 *   G     1  3000      2  3100      2  3200
 *   H     2   500      0   500      0   500
 *   I     2   600      3   600      3   600
 *   J     2   700      1   700      1   700
 *   K     3   800      4   800      5   800
 *   L     0    50      0    50      0    50
 *
 * Treatments: 2024-01 A B C D sms, E F G call, H I J call, K field, L
 * sms; 2024-02 B letter, C call, M sms (M has no snapshot); 2024-03 G
 * call.  16 logged.
 *
 * Outcomes (bucket the month after):
 *   1/sms    A 1->0 cured, B 1->1 stayed, C 1->2 rolled, D 1->0 cured:
 *            n 4, cured 2, rolled 1, stayed 1, cure 2/4 = 0.5, roll
 *            1/4 = 0.25, balance 100+200+300+400 = 1000, cured balance
 *            100+400 = 500
 *   1/call   E 0 cured, F 0 cured, G 1->2 rolled: n 3, cured 2, rolled
 *            1, cure 2/3, roll 1/3, balance 1000+2000+3000 = 6000,
 *            cured balance 3000
 *   1/letter B (Feb, 210) 1->0 cured: n 1, cured 1, cure 1, balance
 *            210, cured balance 210
 *   2/call   H 2->0 cured, I 2->3 rolled, J 2->1 stayed (lower, not
 *            current): n 3, cured 1, rolled 1, stayed 1, balance
 *            500+600+700 = 1800, cured balance 500
 *   3/field  K 3->4 rolled: n 1, rolled 1, balance 800, cured 0
 *   L treated current, M without a snapshot: not delinquent, 2; C in Feb (no
 *   March snapshot) and G in March (the last month): open, 2.
 * Treatment names in the order first logged: sms, call, field, letter.
 */
static const struct snap {
	const char *acct, *month;
	double bucket, balance;
} snaps[] = {
	{ "A", "2024-01", 1, 100 }, { "B", "2024-01", 1, 200 },
	{ "C", "2024-01", 1, 300 }, { "D", "2024-01", 1, 400 },
	{ "E", "2024-01", 1, 1000 }, { "F", "2024-01", 1, 2000 },
	{ "G", "2024-01", 1, 3000 }, { "H", "2024-01", 2, 500 },
	{ "I", "2024-01", 2, 600 }, { "J", "2024-01", 2, 700 },
	{ "K", "2024-01", 3, 800 }, { "L", "2024-01", 0, 50 },
	{ "A", "2024-02", 0, 100 }, { "B", "2024-02", 1, 210 },
	{ "C", "2024-02", 2, 310 }, { "D", "2024-02", 0, 400 },
	{ "E", "2024-02", 0, 1000 }, { "F", "2024-02", 0, 2000 },
	{ "G", "2024-02", 2, 3100 }, { "H", "2024-02", 0, 500 },
	{ "I", "2024-02", 3, 600 }, { "J", "2024-02", 1, 700 },
	{ "K", "2024-02", 4, 800 }, { "L", "2024-02", 0, 50 },
	{ "A", "2024-03", 0, 100 }, { "B", "2024-03", 0, 210 },
	{ "D", "2024-03", 0, 400 }, { "E", "2024-03", 0, 1000 },
	{ "F", "2024-03", 0, 2000 }, { "G", "2024-03", 2, 3200 },
	{ "H", "2024-03", 0, 500 }, { "I", "2024-03", 3, 600 },
	{ "J", "2024-03", 1, 700 }, { "K", "2024-03", 5, 800 },
	{ "L", "2024-03", 0, 50 },
};

static const struct logged {
	const char *acct, *month, *treatment;
} logs[] = {
	{ "A", "2024-01", "sms" }, { "B", "2024-01", "sms" },
	{ "C", "2024-01", "sms" }, { "D", "2024-01", "sms" },
	{ "E", "2024-01", "call" }, { "F", "2024-01", "call" },
	{ "G", "2024-01", "call" }, { "H", "2024-01", "call" },
	{ "I", "2024-01", "call" }, { "J", "2024-01", "call" },
	{ "K", "2024-01-31", "field" }, { "L", "2024-01", "sms" },
	{ "B", "2024-02", "letter" }, { "C", "2024-02", "call" },
	{ "M", "2024-02", "sms" }, { "G", "2024-03", "call" },
};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/*
 * The hand case's rates into *r.  The rows kept for the plan are the
 * delinquent snapshots of the last month, 2024-03: G (row 30, bucket
 * 2), I (32, bucket 3), J (33, bucket 1); K (34) is charged off.
 */
static void
hand_rates(struct collect_result *r)
{
	struct collect_hist *h = collect_hist_new();
	struct rd_err err;
	const int64_t *rows;
	size_t i, n;

	rd_err_clear(&err);
	for (i = 0; i < NELEM(logs); i++)
		ck_assert_int_eq(collect_hist_log(h, logs[i].acct,
		    strlen(logs[i].acct), logs[i].month, logs[i].treatment,
		    i + 1, &err), 0);
	for (i = 0; i < NELEM(snaps); i++)
		ck_assert_int_eq(collect_hist_snapshot(h, snaps[i].acct,
		    strlen(snaps[i].acct), snaps[i].month, snaps[i].bucket,
		    snaps[i].balance, (int64_t)i + 1, i + 1, &err), 0);
	ck_assert_int_eq(collect_rates(h, r, &err), 0);
	collect_hist_plan_rows(h, &rows, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(rows[0], 30);
	ck_assert_int_eq(rows[1], 32);
	ck_assert_int_eq(rows[2], 33);
	collect_hist_free(h);
}

static void
check_rate(const struct collect_result *r, int bucket, const char *name,
	size_t n, size_t cured, size_t rolled, double balance,
	double cured_balance)
{
	const struct collect_rate *x = collect_rate_find(r, bucket, name);

	ck_assert_msg(x != NULL, "no rate %d/%s", bucket, name);
	ck_assert_uint_eq(x->n, n);
	ck_assert_uint_eq(x->cured, cured);
	ck_assert_uint_eq(x->rolled, rolled);
	ck_assert_uint_eq(x->stayed, n - cured - rolled);
	ck_assert_double_eq_tol(x->cure_rate, (double)cured / (double)n, EPS);
	ck_assert_double_eq_tol(x->roll_rate, (double)rolled / (double)n,
	    EPS);
	ck_assert_double_eq_tol(x->balance, balance, EPS);
	ck_assert_double_eq_tol(x->cured_balance, cured_balance, EPS);
}

START_TEST(test_rates_hand)
{
	struct collect_result r;

	hand_rates(&r);
	ck_assert_uint_eq(r.nnames, 4);
	ck_assert_str_eq(r.names[0], "sms");
	ck_assert_str_eq(r.names[1], "call");
	ck_assert_str_eq(r.names[2], "field");
	ck_assert_str_eq(r.names[3], "letter");
	ck_assert_uint_eq(r.nrates, 5);
	check_rate(&r, 1, "sms", 4, 2, 1, 1000, 500);
	check_rate(&r, 1, "call", 3, 2, 1, 6000, 3000);
	check_rate(&r, 1, "letter", 1, 1, 0, 210, 210);
	check_rate(&r, 2, "call", 3, 1, 1, 1800, 500);
	check_rate(&r, 3, "field", 1, 0, 1, 800, 0);
	ck_assert_ptr_null(collect_rate_find(&r, 2, "sms"));
	ck_assert_uint_eq(r.logged, 16);
	ck_assert_uint_eq(r.snapshots, NELEM(snaps));
	ck_assert_uint_eq(r.not_delinquent, 2);	/* L current, M none */
	ck_assert_uint_eq(r.open, 2);		/* C in Feb, G in Mar */
	ck_assert_int_eq(r.first_month, 2024 * 12);
	ck_assert_int_eq(r.last_month, 2024 * 12 + 2);
	/*
	 * Tests: only bucket 1 has more than one treatment; its champion is
	 * sms (n 4 > call 3 > letter 1).  R 4.2.2:
	 *   prop.test(c(2, 2), c(3, 4), correct = TRUE): X-squared =
	 *   2.93597320411032e-32, p-value = 1, 95% CI -0.724322912470663 1
	 *   prop.test(c(1, 2), c(1, 4), correct = TRUE): X-squared =
	 *   1.28395329625816e-32, p-value = 1, CI -0.489990996135013 1
	 */
	ck_assert_uint_eq(r.ntests, 2);
	ck_assert_int_eq(r.tests[0].bucket, 1);
	ck_assert_str_eq(r.names[r.tests[0].treatment], "call");
	ck_assert_str_eq(r.names[r.tests[0].champion], "sms");
	ck_assert_double_eq_tol(r.tests[0].difference, 2.0 / 3 - 0.5, EPS);
	ck_assert_double_eq_tol(r.tests[0].ci_low, -0.724322912470663, 1e-12);
	ck_assert_double_eq_tol(r.tests[0].ci_high, 1, EPS);
	ck_assert_double_eq_tol(r.tests[0].p_value, 1, 1e-12);
	ck_assert_str_eq(r.names[r.tests[1].treatment], "letter");
	ck_assert_double_eq_tol(r.tests[1].difference, 0.5, EPS);
	ck_assert_double_eq_tol(r.tests[1].ci_low, -0.489990996135013, 1e-12);
	ck_assert_double_eq_tol(r.tests[1].p_value, 1, 1e-12);
	collect_result_done(&r);
}
END_TEST

/*
 * R 4.2.2 (2022-11-10 r83330):
 *   prop.test(c(74, 719), c(175, 1577), correct = TRUE)
 *     X-squared = 0.568310577854548, p-value = 0.450931029756804,
 *     95% CI -0.113456251002614 0.0473125785685171
 *   prop.test(c(74, 719), c(175, 1577), correct = FALSE)
 *     X-squared = 0.695390360803092, p-value = 0.40433694838306,
 *     95% CI -0.110282050440969 0.044138378006872
 *   prop.test(c(15, 101), c(113, 418), correct = TRUE)
 *     X-squared = 5.55556541984423, p-value = 0.0184220216445589,
 *     95% CI -0.189321750744292 -0.0284451121087374
 *   prop.test(c(90, 70), c(200, 200), correct = TRUE)
 *     X-squared = 3.76041666666667, p-value = 0.0524794995592466,
 *     95% CI -0.000516829402721158 0.200516829402721
 *   power.prop.test(n = 200, p1 = .45, p2 = .35)$power = 0.532559000609191
 *   power.prop.test(n = 1000, p1 = .2, p2 = .23)$power = 0.371716707746555
 */
START_TEST(test_prop_test_r)
{
	struct collect_test t;

	collect_prop_test(74, 175, 719, 1577, 1, &t);
	ck_assert_double_eq_tol(t.statistic, 0.568310577854548, 1e-12);
	ck_assert_double_eq_tol(t.p_value, 0.450931029756804, 1e-12);
	ck_assert_double_eq_tol(t.ci_low, -0.113456251002614, 1e-12);
	ck_assert_double_eq_tol(t.ci_high, 0.0473125785685171, 1e-12);
	ck_assert_double_eq_tol(t.difference, 74.0 / 175 - 719.0 / 1577, EPS);
	collect_prop_test(74, 175, 719, 1577, 0, &t);
	ck_assert_double_eq_tol(t.statistic, 0.695390360803092, 1e-12);
	ck_assert_double_eq_tol(t.p_value, 0.40433694838306, 1e-12);
	ck_assert_double_eq_tol(t.ci_low, -0.110282050440969, 1e-12);
	ck_assert_double_eq_tol(t.ci_high, 0.044138378006872, 1e-12);
	collect_prop_test(15, 113, 101, 418, 1, &t);
	ck_assert_double_eq_tol(t.statistic, 5.55556541984423, 1e-11);
	ck_assert_double_eq_tol(t.p_value, 0.0184220216445589, 1e-13);
	ck_assert_double_eq_tol(t.ci_low, -0.189321750744292, 1e-12);
	ck_assert_double_eq_tol(t.ci_high, -0.0284451121087374, 1e-12);
	collect_prop_test(90, 200, 70, 200, 1, &t);
	ck_assert_double_eq_tol(t.statistic, 3.76041666666667, 1e-12);
	ck_assert_double_eq_tol(t.p_value, 0.0524794995592466, 1e-12);
	ck_assert_double_eq_tol(t.ci_low, -0.000516829402721158, 1e-12);
	ck_assert_double_eq_tol(t.ci_high, 0.200516829402721, 1e-12);
	/* Equal groups: the power is R's power.prop.test. */
	ck_assert_double_eq_tol(t.power, 0.532559000609191, 1e-12);
	ck_assert_int_eq(t.enough, 0);
	collect_prop_test(230, 1000, 200, 1000, 1, &t);
	ck_assert_double_eq_tol(t.power, 0.371716707746555, 1e-12);
	/* No variation: R gives NaN for the statistic and the p-value. */
	collect_prop_test(0, 10, 0, 20, 1, &t);
	ck_assert(isnan(t.p_value));
	ck_assert(isnan(t.power));
}
END_TEST

/*
 * The draw: FNV-1a 64 of "A0000001" is 0x6718acd2daefff07 (offset basis
 * 0xcbf29ce484222325, prime 0x100000001b3, byte by byte xor then
 * multiply); the splitmix64 finaliser (x ^= x >> 30, x *= 0xbf58476d1ce4e5b9,
 * x ^= x >> 27, x *= 0x94d049bb133111eb, x ^= x >> 31) makes it
 * 0x5ebccded4da7bcb3, whose top 53 bits over 2^53 are 0.37006842654741845
 * (computed in Python 3 with integers masked to 64 bits).
 */
START_TEST(test_draw)
{
	ck_assert_double_eq_tol(collect_draw("A0000001", 8),
	    0.37006842654741845, 1e-15);
	/* The same identifier draws the same, call after call. */
	ck_assert(collect_draw("A0000001", 8) == collect_draw("A0000001", 8));
}
END_TEST

/*
 * The share of n identifiers (fmt with i = 1..n) drawn below each share
 * is within 4 binomial standard deviations, sqrt(n s (1 - s)), of n s.
 * FNV-1a without the finaliser gives 28.0% below 0.2 on A0000001 ..
 * A0005000 (14 standard deviations) and 69.8% below 0.5 on 1 .. 5000.
 */
static void
draw_uniform(const char *fmt, int n)
{
	static const double share[] = { 0.1, 0.2, 0.25, 0.3, 0.5 };
	size_t below[5] = { 0 }, k;
	char id[32];
	int i, len;

	for (i = 1; i <= n; i++) {
		len = snprintf(id, sizeof id, fmt, i);
		for (k = 0; k < 5; k++)
			below[k] += collect_draw(id, (size_t)len) < share[k];
	}
	for (k = 0; k < 5; k++) {
		double want = n * share[k];
		double sd = sqrt(n * share[k] * (1 - share[k]));

		ck_assert_msg(fabs(below[k] - want) <= 4 * sd,
		    "%s 1..%d: %zu below %g, want %g +- %g", fmt, n,
		    below[k], share[k], want, 4 * sd);
	}
}

/* The bundled portfolio's accounts, and the integers 1 .. 100000. */
START_TEST(test_draw_uniform)
{
	draw_uniform("A%07d", 5000);
	draw_uniform("%d", 5000);
	draw_uniform("%d", 100000);
}
END_TEST

/* Add an account of the plan test; truth as a string of 0/1. */
static void
add(struct collect_accounts *a, const char *acct, int bucket,
	double balance, const char *truth)
{
	unsigned char t[16];
	struct rd_err err;
	size_t k;

	for (k = 0; truth[k] != '\0'; k++)
		t[k] = (unsigned char)(truth[k] == '1');
	rd_err_clear(&err);
	ck_assert_int_eq(collect_accounts_add(a, acct, strlen(acct), bucket,
	    balance, t, 1, &err), 0);
}

/*
 * The plan on the hand case's rates.  Treatments sms (0.05), call (4,
 * capacity 2), letter (1.2).  Rules: r0 bucket 1 and balance < 1500
 * sms, r1 bucket 1 call, r2 bucket 1 letter, r3 bucket 2 call, r4
 * bucket 2 sms, r5 bucket >= 3 letter.  Accounts (bucket, balance):
 * p1 (1, 1000), p2 (1, 5000), p3 (1, 4000), p4 (1, 3000), p5 (2,
 * 2000), p6 (3, 800), p7 (0, 900: not delinquent, left out).
 * By balance: p2 r1 call, p3 r1 call (call now full), p4 r1 full ->
 * r2 letter (fell), p5 r3 full -> r4 sms (fell), p1 r0 sms, p6 r5
 * letter.
 *   sms:    p1 (1/sms 0.5: cures 0.5, 0.5 * 1000 = 500), p5 (2/sms
 *           never logged: unrated); 2 accounts, cost 0.10
 *   call:   p2, p3 (1/call 2/3): cures 4/3, 2/3 * 9000 = 6000; cost 8
 *   letter: p4 (1/letter 1: cures 1, 3000), p6 (3/letter unrated);
 *           cost 2.4
 *   total:  6 accounts, cures 0.5 + 4/3 + 1 = 17/6, balance 9500, cost
 *           10.5, unrated 2; fell 2, untreated 0; rules 1 2 1 0 1 1.
 */
START_TEST(test_plan_hand)
{
	static const char *treat[] = { "sms", "call", "letter" };
	static const double cost[] = { 0.05, 4, 1.2 };
	double cap[] = { INFINITY, 2, INFINITY };
	static const size_t rt[] = { 0, 1, 2, 1, 0, 2 };
	static const size_t rc[] = { COLLECT_NONE, COLLECT_NONE,
	    COLLECT_NONE, COLLECT_NONE, COLLECT_NONE, COLLECT_NONE };
	static const double rs[] = { 0, 0, 0, 0, 0, 0 };
	struct collect_strategy s = { 3, treat, cost, cap, 6, rt, rc, rs, NULL };
	struct collect_accounts a;
	struct collect_result r;
	struct collect_plan p;
	struct rd_err err;

	hand_rates(&r);
	collect_accounts_init(&a, 6);
	add(&a, "p1", 1, 1000, "111000");
	add(&a, "p2", 1, 5000, "011000");
	add(&a, "p3", 1, 4000, "011000");
	add(&a, "p4", 1, 3000, "011000");
	add(&a, "p5", 2, 2000, "000110");
	add(&a, "p6", 3, 800, "000001");
	add(&a, "p7", 0, 900, "000000");
	ck_assert_uint_eq(a.n, 6);
	rd_err_clear(&err);
	ck_assert_int_eq(collect_plan(&r, &s, &a, &p, &err), 0);
	ck_assert_uint_eq(p.accounts, 6);
	ck_assert_uint_eq(p.lines[0].accounts, 2);
	ck_assert_double_eq_tol(p.lines[0].expected_cures, 0.5, EPS);
	ck_assert_double_eq_tol(p.lines[0].expected_cured_balance, 500, EPS);
	ck_assert_double_eq_tol(p.lines[0].cost, 0.10, EPS);
	ck_assert_uint_eq(p.lines[0].unrated, 1);
	ck_assert_uint_eq(p.lines[1].accounts, 2);
	ck_assert_double_eq_tol(p.lines[1].expected_cures, 4.0 / 3, EPS);
	ck_assert_double_eq_tol(p.lines[1].expected_cured_balance, 6000,
	    1e-9);
	ck_assert_double_eq_tol(p.lines[1].cost, 8, EPS);
	ck_assert_uint_eq(p.lines[2].accounts, 2);
	ck_assert_double_eq_tol(p.lines[2].expected_cures, 1, EPS);
	ck_assert_double_eq_tol(p.lines[2].expected_cured_balance, 3000, EPS);
	ck_assert_double_eq_tol(p.lines[2].cost, 2.4, EPS);
	ck_assert_uint_eq(p.lines[2].unrated, 1);
	ck_assert_uint_eq(p.total.accounts, 6);
	ck_assert_double_eq_tol(p.total.expected_cures, 17.0 / 6, EPS);
	ck_assert_double_eq_tol(p.total.expected_cured_balance, 9500, 1e-9);
	ck_assert_double_eq_tol(p.total.cost, 10.5, EPS);
	ck_assert_uint_eq(p.total.unrated, 2);
	ck_assert_uint_eq(p.fell, 2);
	ck_assert_uint_eq(p.untreated, 0);
	/* value 9500 - 10.5 = 9489.5; call used 2 / 2, sms without a
	   capacity */
	ck_assert_double_eq_tol(p.value, 9489.5, 1e-9);
	ck_assert_double_eq_tol(p.lines[1].used, 1, EPS);
	ck_assert(isnan(p.lines[0].used));
	ck_assert_uint_eq(p.by_rule[0], 1);
	ck_assert_uint_eq(p.by_rule[1], 2);
	ck_assert_uint_eq(p.by_rule[2], 1);
	ck_assert_uint_eq(p.by_rule[3], 0);
	ck_assert_uint_eq(p.by_rule[4], 1);
	ck_assert_uint_eq(p.by_rule[5], 1);
	collect_plan_done(&p);
	/* Call capacity 0 and no letter rule for bucket 1 large: p2, p3, p4
	   fall from r1 to r2 letter; p5 to r4. */
	cap[1] = 0;
	ck_assert_int_eq(collect_plan(&r, &s, &a, &p, &err), 0);
	ck_assert_uint_eq(p.lines[1].accounts, 0);
	ck_assert_uint_eq(p.lines[2].accounts, 4);
	ck_assert_uint_eq(p.fell, 4);
	collect_plan_done(&p);
	collect_accounts_done(&a);
	collect_result_done(&r);
}
END_TEST

/*
 * A challenger split: rule r0 gives sms, letter to a share of 0.5.  The
 * draws (collect_draw, the finalised FNV-1a hash) of the six accounts decide;
 * each account drawn below 0.5 gets the letter.
 */
START_TEST(test_plan_challenger)
{
	static const char *treat[] = { "sms", "letter" };
	static const double cost[] = { 0.05, 1.2 };
	static const double cap[] = { INFINITY, INFINITY };
	static const size_t rt[] = { 0 }, rc[] = { 1 };
	static const double rs[] = { 0.5 };
	static const char *ids[] = { "A0000001", "A0000002", "A0000003",
	    "A0000004", "A0000005", "A0000006" };
	struct collect_strategy s = { 2, treat, cost, cap, 1, rt, rc, rs, NULL };
	struct collect_accounts a;
	struct collect_result r;
	struct collect_plan p;
	struct rd_err err;
	size_t i, want = 0;

	hand_rates(&r);
	collect_accounts_init(&a, 1);
	for (i = 0; i < 6; i++) {
		add(&a, ids[i], 1, 100, "1");
		want += collect_draw(ids[i], 8) < 0.5;
	}
	rd_err_clear(&err);
	ck_assert_int_eq(collect_plan(&r, &s, &a, &p, &err), 0);
	ck_assert_uint_eq(p.challenged, want);
	ck_assert_uint_eq(p.lines[1].accounts, want);
	ck_assert_uint_eq(p.lines[0].accounts, 6 - want);
	/* A0000001 draws 0.3701 (test_draw): it is among them. */
	ck_assert(want >= 1);
	collect_plan_done(&p);
	collect_accounts_done(&a);
	collect_result_done(&r);
}
END_TEST

/*
 * A challenger under a capacity.  Treatments sms (0.05) and call (4,
 * capacity 3).  Rule r0: bucket 1, sms, challenger call, share 0.5;
 * rule r1: bucket 2, call.  Draws (collect_draw, Python 3 as in
 * test_draw): c1 0.2409, c2 0.5973, c3 0.6796, c5 0.0644, c7 0.3791,
 * c8 0.0640.  Bucket 1 (r0, 6 accounts; balance): c1 100, c2 5000, c3
 * 400, c5 9000, c7 200, c8 300; bucket 2 (r1): c4 1000, c6 2000.
 * Drawn below 0.5: c1, c5, c7, c8 (4 of 6, mean balance 9600 / 4 =
 * 2400).  The champions first, by balance: c2 sms, c6 call, c4 call
 * (call 2 of 3), c3 sms.  Then the drawn in draw order: c8 (0.0640)
 * call (3 of 3), c5 (0.0644) call full -> sms, c1 sms, c7 sms.  So
 * 1 of 4 drawn is given call (balance 300, not c5's 9000, the
 * largest, which balance order took before): share reached 1/6; sms
 * 5 accounts, call 3; rules 6, 2; fell 0.
 * With stream "x" on r0, the draws are c1 0.1200, c2 0.4948, c3 0.1528,
 * c5 0.0321, c7 0.3178, c8 0.4443: all 6 drawn, c5 first: it gets call
 * (balance 9000), the 5 others sms.
 */
START_TEST(test_plan_challenger_capacity)
{
	static const char *treat[] = { "sms", "call" };
	static const double cost[] = { 0.05, 4 };
	static const double cap[] = { INFINITY, 3 };
	static const size_t rt[] = { 0, 1 }, rc[] = { 1, COLLECT_NONE };
	static const double rs[] = { 0.5, 0 };
	static const char *stream[] = { "x", NULL };
	struct collect_strategy s = { 2, treat, cost, cap, 2, rt, rc, rs, NULL };
	struct collect_accounts a;
	struct collect_result r;
	struct collect_plan p;
	struct rd_err err;

	hand_rates(&r);
	collect_accounts_init(&a, 2);
	add(&a, "c1", 1, 100, "10");
	add(&a, "c2", 1, 5000, "10");
	add(&a, "c3", 1, 400, "10");
	add(&a, "c5", 1, 9000, "10");
	add(&a, "c7", 1, 200, "10");
	add(&a, "c8", 1, 300, "10");
	add(&a, "c4", 2, 1000, "01");
	add(&a, "c6", 2, 2000, "01");
	rd_err_clear(&err);
	ck_assert_int_eq(collect_plan(&r, &s, &a, &p, &err), 0);
	ck_assert_uint_eq(p.home[0], 6);
	ck_assert_uint_eq(p.home[1], 2);
	ck_assert_uint_eq(p.chall_drawn[0], 4);
	ck_assert_uint_eq(p.chall_given[0], 1);
	ck_assert_uint_eq(p.chall_drawn[1], 0);
	ck_assert_double_eq_tol(p.chall_bal_drawn[0], 9600, EPS);
	ck_assert_double_eq_tol(p.chall_bal_given[0], 300, EPS);
	ck_assert_uint_eq(p.challenged, 1);
	ck_assert_uint_eq(p.lines[0].accounts, 5);
	ck_assert_uint_eq(p.lines[1].accounts, 3);
	ck_assert_uint_eq(p.by_rule[0], 6);
	ck_assert_uint_eq(p.by_rule[1], 2);
	ck_assert_uint_eq(p.fell, 0);
	ck_assert_uint_eq(p.untreated, 0);
	collect_plan_done(&p);
	s.rule_stream = stream;
	ck_assert_int_eq(collect_plan(&r, &s, &a, &p, &err), 0);
	ck_assert_uint_eq(p.chall_drawn[0], 6);
	ck_assert_uint_eq(p.chall_given[0], 1);
	ck_assert_double_eq_tol(p.chall_bal_given[0], 9000, EPS);
	ck_assert_uint_eq(p.lines[0].accounts, 5);
	collect_plan_done(&p);
	collect_accounts_done(&a);
	collect_result_done(&r);
}
END_TEST

/*
 * Streams: c3 draws 0.679569122872315 shared and 0.15277544950700483 in
 * stream "x" (Python 3 as above: rd_mix64(rd_mix64(fnv(id)) ^
 * rd_mix64(fnv(stream))), top 53 bits).  On ids 1..100000, two cells
 * of 0.5 in streams "a" and "b" overlap on about n / 4 = 25000 ids
 * (within 4 binomial SD, 4 sqrt(n 0.25 0.75) = 548; Python counts
 * 25017), and so do the shared draw and stream "a" (24910); one stream
 * with itself overlaps on its whole cell (about n / 2, within 4
 * sqrt(n 0.5 0.5) = 632; 50035).
 */
START_TEST(test_draw_stream)
{
	size_t ab = 0, a0 = 0, aa = 0, i;
	char id[16];
	int len, n = 100000;
	double da;

	ck_assert_double_eq_tol(collect_draw_stream("c3", 2, NULL),
	    0.679569122872315, 1e-15);
	ck_assert_double_eq_tol(collect_draw_stream("c3", 2, "x"),
	    0.15277544950700483, 1e-15);
	for (i = 1; i <= (size_t)n; i++) {
		len = snprintf(id, sizeof id, "%zu", i);
		da = collect_draw_stream(id, (size_t)len, "a");
		ab += da < 0.5 &&
		    collect_draw_stream(id, (size_t)len, "b") < 0.5;
		a0 += da < 0.5 && collect_draw(id, (size_t)len) < 0.5;
		aa += da < 0.5 &&
		    collect_draw_stream(id, (size_t)len, "a") < 0.5;
	}
	ck_assert_msg(fabs((double)ab - n * 0.25) <= 4 * sqrt(n * 0.1875),
	    "streams a, b: %zu both below 0.5", ab);
	ck_assert_msg(fabs((double)a0 - n * 0.25) <= 4 * sqrt(n * 0.1875),
	    "stream a, shared: %zu both below 0.5", a0);
	ck_assert_msg(fabs((double)aa - n * 0.5) <= 4 * sqrt(n * 0.25),
	    "stream a twice: %zu below 0.5", aa);
	ck_assert_uint_eq(ab, 25017);
	ck_assert_uint_eq(a0, 24910);
	ck_assert_uint_eq(aa, 50035);
}
END_TEST

/*
 * The optimiser where the greedy is not optimal.  Treatments call (cost
 * 0, capacity 1) and letter (cost 12, capacity 1); hand rates: 1/call
 * 2/3, 1/letter 1, 2/call 1/3, no 2/letter.  Accounts: q1 bucket 1
 * balance 30: call 2/3 * 30 = 20, letter 30 - 12 = 18; q2 bucket 2
 * balance 57: call 57/3 = 19.  No treatment without capacity: each
 * starts with none (0).  Greedy moves by gain: (q1 call 20), (q2 call
 * 19), (q1 letter 18): q1 takes call, call is full, q1 has moved:
 * value 20, q2 untreated.  The optimum gives q1 the letter and q2 the
 * call: 18 + 19 = 37, which is also the LP bound (the assignment is
 * integral).  The bound must be >= 37 (a Lagrangian bound always is)
 * and the subgradient steps should bring it close.
 */
START_TEST(test_optimise_gap)
{
	static const char *treat[] = { "call", "letter" };
	static const double cost[] = { 0, 12 };
	static const double cap[] = { 1, 1 };
	static const size_t rt[] = { 0 }, rc[] = { COLLECT_NONE };
	static const double rs[] = { 0 };
	struct collect_strategy s = { 2, treat, cost, cap, 1, rt, rc, rs, NULL };
	struct collect_accounts a;
	struct collect_result r;
	struct collect_opt o;
	struct rd_err err;

	hand_rates(&r);
	collect_accounts_init(&a, 1);
	add(&a, "q1", 1, 30, "1");
	add(&a, "q2", 2, 57, "1");
	rd_err_clear(&err);
	ck_assert_int_eq(collect_optimise(&r, &s, &a, &o, &err), 0);
	ck_assert_double_eq_tol(o.value, 20, 1e-9);
	ck_assert_uint_eq(o.plan.lines[0].accounts, 1);
	ck_assert_uint_eq(o.plan.lines[1].accounts, 0);
	ck_assert_uint_eq(o.plan.untreated, 1);
	ck_assert(o.bound >= 37 - 1e-9);
	ck_assert_msg(o.bound <= 37.5, "bound %g", o.bound);
	ck_assert_double_eq_tol(o.gap, o.bound - 20, 1e-9);
	collect_opt_done(&o);
	collect_accounts_done(&a);
	collect_result_done(&r);
}
END_TEST

/*
 * The greedy optimal, bound equal.  Treatments sms (0.05, no capacity)
 * and call (4, capacity 1), bucket 1: sms 0.5, call 2/3.
 *   q1 5000: sms 2499.95, call 3333.33 - 4 = 3329.33 (gain 829.38)
 *   q2 4000: sms 1999.95, call 2662.67 (gain 662.72)
 *   q3   10: sms 4.95, call 2.67 (no gain)
 * q1 takes the call: value 3329.3333 + 1999.95 + 4.95 = 5334.2333;
 * expected cured balance 3333.33 + 2000 + 5 = 5338.33, cost 4.10.
 * The LP optimum is the same, so the bound is 5334.2333 (multiplier of
 * call between 662.72 and 829.38).
 */
START_TEST(test_optimise_hand)
{
	static const char *treat[] = { "sms", "call" };
	static const double cost[] = { 0.05, 4 };
	static const double cap[] = { INFINITY, 1 };
	static const size_t rt[] = { 0 }, rc[] = { COLLECT_NONE };
	static const double rs[] = { 0 };
	struct collect_strategy s = { 2, treat, cost, cap, 1, rt, rc, rs, NULL };
	struct collect_accounts a;
	struct collect_result r;
	struct collect_opt o;
	struct rd_err err;
	double v = 5000.0 * 2 / 3 - 4 + 1999.95 + 4.95;

	hand_rates(&r);
	collect_accounts_init(&a, 1);
	add(&a, "q1", 1, 5000, "1");
	add(&a, "q2", 1, 4000, "1");
	add(&a, "q3", 1, 10, "1");
	rd_err_clear(&err);
	ck_assert_int_eq(collect_optimise(&r, &s, &a, &o, &err), 0);
	ck_assert_double_eq_tol(o.value, v, 1e-9);
	ck_assert_double_eq_tol(o.plan.value, v, 1e-9);
	ck_assert_uint_eq(o.plan.lines[0].accounts, 2);
	ck_assert_uint_eq(o.plan.lines[1].accounts, 1);
	ck_assert_double_eq_tol(o.plan.total.expected_cured_balance,
	    5000.0 * 2 / 3 + 2000 + 5, 1e-9);
	ck_assert_double_eq_tol(o.plan.total.cost, 4.10, 1e-12);
	ck_assert_double_eq_tol(o.bound, v, 1e-6);
	ck_assert(o.gap < 1e-6);
	collect_opt_done(&o);
	collect_accounts_done(&a);
	collect_result_done(&r);
}
END_TEST

/* Bad rows: located by row, saying what was expected. */
START_TEST(test_bad_rows)
{
	struct collect_hist *h = collect_hist_new();
	struct rd_err err;

	rd_err_clear(&err);
	ck_assert_int_eq(collect_hist_log(h, "A", 1, "2024-13", "sms", 3,
	    &err), -1);
	ck_assert_str_eq(err.msg, "row 3: month \"2024-13\": expected "
	    "YYYY-MM or a date YYYY-MM-DD");
	ck_assert_int_eq(collect_hist_log(h, "A", 1, "2024-01", "sms", 4,
	    &err), 0);
	ck_assert_int_eq(collect_hist_log(h, "A", 1, "2024-01", "call", 5,
	    &err), -1);
	ck_assert_str_eq(err.msg, "row 5: account \"A\" is given a second "
	    "treatment in 2024-01 (\"sms\", then \"call\"): one treatment per "
	    "account and month");
	ck_assert_int_eq(collect_hist_snapshot(h, "A", 1, "2024-01", 7, 10, 9,
	    9, &err), -1);
	ck_assert_str_eq(err.msg, "row 9: bucket 7: expected a whole number 0 "
	    "(current) to 5 (charged off)");
	ck_assert_int_eq(collect_hist_snapshot(h, "A", 1, "2024-01", 1, NAN,
	    10, 10, &err), -1);
	ck_assert_str_eq(err.msg, "row 10: the balance is empty or not a "
	    "number");
	ck_assert_int_eq(collect_hist_snapshot(h, "A", 1, "2024-01", 1, 5, 11,
	    11, &err), 0);
	ck_assert_int_eq(collect_hist_snapshot(h, "A", 1, "2024-01", 1, 5, 12,
	    12, &err), -1);
	ck_assert_str_eq(err.msg, "row 12: account \"A\" has a second "
	    "snapshot in 2024-01: one snapshot per account and month");
	collect_hist_free(h);
}
END_TEST

/* Write text to a scratch policy file; its path. */
static const char *
write_policy(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "check-collect-%s.yaml", name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_policy_collections)
{
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;
	const char *path = write_policy("ok",
	    "name: c\n"
	    "collections:\n"
	    "  snapshots: perf\n"
	    "  treatments: actions\n"
	    "  columns: {bucket: dq, score: bscore}\n"
	    "  costs: {sms: 0.05, call: 4}\n"
	    "  capacity: {call: 5000}\n"
	    "  strategy:\n"
	    "    - {name: a, when: dq = 1, treatment: sms, challenger: call,\n"
	    "       share: 0.2}\n"
	    "    - {name: b, when: dq >= 2, treatment: call}\n");

	p = policy_load_collect_all(path, &errs);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->nsegments, 0);
	ck_assert_str_eq(p->collect->snapshots, "perf");
	ck_assert_str_eq(p->collect->bucket, "dq");
	ck_assert_str_eq(p->collect->score, "bscore");
	ck_assert_str_eq(p->collect->account, "account");
	ck_assert_str_eq(p->collect->treatment, "treatment");
	ck_assert_uint_eq(p->collect->ntreat, 2);
	ck_assert_double_eq(p->collect->treat[0].cost, 0.05);
	ck_assert(isinf(p->collect->treat[0].capacity));
	ck_assert_double_eq(p->collect->treat[1].capacity, 5000);
	ck_assert_uint_eq(p->collect->nrules, 2);
	ck_assert_uint_eq(p->collect->rules[0].treatment, 0);
	ck_assert_uint_eq(p->collect->rules[0].challenger, 1);
	ck_assert_double_eq(p->collect->rules[0].share, 0.2);
	ck_assert_uint_eq(p->collect->rules[1].challenger, COLLECT_NONE);
	ck_assert_int_eq(p->collect->rules[1].when_at.line, 11);
	policy_free(p);
	/* The approval loader takes it too (the workbench's Collections
	   screen), with nothing to score. */
	p = policy_load_all(path, &errs);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_null(p->scorecard);
	ck_assert_uint_eq(p->nsegments, 0);
	ck_assert_str_eq(policy_unscored_holds(p), "a collections strategy");
	policy_free(p);
	unlink(path);
	/* One approval key written: then all three are wanted. */
	path = write_policy("seg",
	    "segments:\n"
	    "  - {name: all, cutoff: 500}\n"
	    "collections:\n"
	    "  snapshots: perf\n"
	    "  treatments: actions\n"
	    "  costs: {sms: 0.05}\n"
	    "  strategy:\n"
	    "    - {name: a, when: bucket >= 1, treatment: sms}\n");
	ck_assert_ptr_null(policy_load_all(path, &errs));
	ck_assert_str_eq(errs.err[0].msg, "missing required key "
	    "\"scorecard\"");
	policy_errors_done(&errs);
	unlink(path);
}
END_TEST

START_TEST(test_policy_collections_errors)
{
	struct policy_errors errs = { NULL, 0, 0 };
	const char *path = write_policy("bad",
	    "collections:\n"
	    "  snapshots: perf\n"
	    "  treatments: actions\n"
	    "  costs: {sms: 0.05, call: -4}\n"
	    "  capacity: {visit: 10}\n"
	    "  strategy:\n"
	    "    - {name: a, when: bucket = 1, treatment: sms,\n"
	    "       challenger: letter}\n"
	    "    - {name: a, when: bucket >= 2, treatment: field}\n");

	ck_assert_ptr_null(policy_load_collect_all(path, &errs));
	ck_assert_uint_eq(errs.n, 6);
	ck_assert_int_eq(errs.err[0].line, 4);
	ck_assert_int_eq(errs.err[0].col, 28);
	ck_assert_str_eq(errs.err[0].msg, "expected a number >= 0 for \"call\" "
	    "in \"costs\", found \"-4\"");
	ck_assert_int_eq(errs.err[1].line, 5);
	ck_assert_int_eq(errs.err[1].col, 14);
	ck_assert_str_eq(errs.err[1].msg, "unknown treatment \"visit\" in "
	    "\"capacity\": expected one of the treatments of costs (sms)");
	ck_assert_int_eq(errs.err[2].line, 8);
	ck_assert_int_eq(errs.err[2].col, 20);
	ck_assert_str_eq(errs.err[2].msg, "challenger \"letter\" of strategy "
	    "rule \"a\" has no cost: add it to costs (costs has sms)");
	ck_assert_str_eq(errs.err[3].msg, "challenger \"letter\" of strategy "
	    "rule \"a\" has no share: add share: 0.1 (say) for the share of "
	    "its accounts given the challenger");
	ck_assert_int_eq(errs.err[4].line, 9);
	ck_assert_str_eq(errs.err[4].msg, "duplicate strategy rule name \"a\" "
	    "(first at line 7)");
	ck_assert_int_eq(errs.err[5].line, 9);
	ck_assert_int_eq(errs.err[5].col, 47);
	ck_assert_str_eq(errs.err[5].msg, "treatment \"field\" of strategy "
	    "rule \"a\" has no cost: add it to costs (costs has sms)");
	policy_errors_done(&errs);
	path = write_policy("none", "name: x\n");
	ck_assert_ptr_null(policy_load_collect_all(path, &errs));
	ck_assert_str_eq(errs.err[0].msg, "missing required key "
	    "\"collections\": riskdesk collect reads its strategy, costs and "
	    "tables from it");
	policy_errors_done(&errs);
	unlink(path);
	unlink("check-collect-bad.yaml");
}
END_TEST

static Suite *
collect_suite(void)
{
	Suite *s = suite_create("collect");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rates_hand);
	tcase_add_test(tc, test_prop_test_r);
	tcase_add_test(tc, test_draw);
	tcase_add_test(tc, test_plan_hand);
	tcase_add_test(tc, test_draw_uniform);
	tcase_add_test(tc, test_plan_challenger);
	tcase_add_test(tc, test_plan_challenger_capacity);
	tcase_add_test(tc, test_draw_stream);
	tcase_add_test(tc, test_optimise_gap);
	tcase_add_test(tc, test_optimise_hand);
	tcase_add_test(tc, test_bad_rows);
	tcase_add_test(tc, test_policy_collections);
	tcase_add_test(tc, test_policy_collections_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *s[1];

	s[0] = collect_suite();
	return run_suites(s, 1);
}
