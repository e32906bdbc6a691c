/*
 * check_monitor.c - tests of portfolio monitoring (model/monitor.h):
 * vintages and roll rates on a hand case of 20 snapshots, PD
 * back-testing p-values against R, Hosmer-Lemeshow and the Herfindahl
 * index by hand, the Hanley-McNeil AUC test and the PSI critical value;
 * the application keys of data/monscan.h on ids past 2^53.
 *
 * R references: R 4.2.2 Patched (2022-11-10 r83330), the exact calls
 * written beside each value.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "testutil.h"
#include "data/ds.h"
#include "data/monscan.h"
#include "model/monitor.h"
#include "util/err.h"

#define ck_assert_rel(x, ref, rel) \
	ck_assert_double_eq_tol((x), (ref), (rel) * fabs(ref))

/*
 * The hand case: 7 accounts, cohorts (origination months) 2024-01
 * (A0, A1), 2024-02 (A2, A3, A4), 2024-03 (A5, A6); 20 snapshots, days
 * past due (CO = charged-off flag):
 *
 *        Jan   Feb   Mar   Apr
 *   A0    0    30    95    CO     bad (>= 90) at month on book 2
 *   A1    0     0     0     0     never bad
 *   A2          0    90   120     bad at month on book 1
 *   A3          0     -     0     no March snapshot: a gap
 *   A4          0    10    40     never 90+
 *   A5                0     0     never bad
 *   A6                0    CO(0)  charged off at month on book 1
 *
 * Listed out of (account, month) order so that the roll-rate sort runs.
 */
#define M(y, m) (12 * (y) + (m) - 1)
static const size_t snap_acct[20] = {
	6, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6
};
static const int snap_month[20] = {
	M(2024, 4), M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4),
	M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4),
	M(2024, 2), M(2024, 3), M(2024, 4), M(2024, 2), M(2024, 4),
	M(2024, 2), M(2024, 3), M(2024, 4), M(2024, 3), M(2024, 4),
	M(2024, 3)
};
static const double dpd[20] = {
	0, 0, 30, 95, 95, 0, 0, 0, 0, 0, 90, 120, 0, 0, 0, 10, 40, 0, 0, 0
};
static const unsigned char co[20] = {
	1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
static const int cohort[7] = {
	M(2024, 1), M(2024, 1), M(2024, 2), M(2024, 2), M(2024, 2),
	M(2024, 3), M(2024, 3)
};

/*
 * Vintages, ever 90+: cohorts Jan..Mar, months on book 0..3 (April is
 * the last snapshot month, so Feb is seen to mob 2 and Mar to mob 1;
 * each cohort has a snapshot in its origination month, so mob 0 is
 * observed).
 *   Jan (2 accounts, A0 bad at mob 2): 0, 0, 1/2, 1/2
 *   Feb (3 accounts, A2 bad at mob 1): 0, 1/3, 1/3, n/a
 *   Mar (2 accounts, A6 bad at mob 1): 0, 1/2, n/a, n/a
 */
START_TEST(test_vintage_three_cohorts)
{
	struct mon_vintage v;
	struct rd_err err;
	static const double want[3][4] = {
		{ 0, 0, 0.5, 0.5 }, { 0, 1.0 / 3, 1.0 / 3, NAN },
		{ 0, 0.5, NAN, NAN }
	};
	size_t c, k;

	ck_assert_int_eq(monitor_vintage(snap_acct, snap_month, dpd, co, 20,
	    cohort, 7, 90, &v, &err), 0);
	ck_assert_int_eq(v.c0, M(2024, 1));
	ck_assert_uint_eq(v.ncohorts, 3);
	ck_assert_uint_eq(v.nmob, 4);
	ck_assert_uint_eq(v.accounts[0], 2);
	ck_assert_uint_eq(v.accounts[1], 3);
	ck_assert_uint_eq(v.accounts[2], 2);
	for (c = 0; c < 3; c++)
		for (k = 0; k < 4; k++) {
			if (isnan(want[c][k]))
				ck_assert(isnan(v.rate[c * 4 + k]));
			else
				ck_assert_double_eq_tol(v.rate[c * 4 + k],
				    want[c][k], 1e-15);
		}
	mon_vintage_done(&v);
	/* Ever 30+: A0 from mob 1, A4 (40 in April) at mob 2 and A2 at
	   mob 1: Feb cohort 0, 1/3, 2/3. */
	ck_assert_int_eq(monitor_vintage(snap_acct, snap_month, dpd, co, 20,
	    cohort, 7, 30, &v, &err), 0);
	ck_assert_double_eq_tol(v.rate[1], 0.5, 1e-15);
	ck_assert_double_eq_tol(v.rate[4 + 2], 2.0 / 3, 1e-15);
	mon_vintage_done(&v);
}
END_TEST

/*
 * The months on book no cohort reached are not kept: without April's
 * snapshots of the January cohort (rows 4 and 8, A0 and A1), no cohort
 * has a snapshot at month on book 3 (January's last is March, February's
 * April, month on book 2), so nmob is 3, not 4 (April - January + 1), and
 * every row is laid out 3 wide:
 *   Jan 0, 0, 1/2 (A0 95 in March, mob 2); Feb 0, 1/3, 1/3;
 *   Mar 0, 1/2, n/a.
 */
START_TEST(test_vintage_unreached_mob_cut)
{
	struct mon_vintage v;
	struct rd_err err;
	static const double want[3][3] = {
		{ 0, 0, 0.5 }, { 0, 1.0 / 3, 1.0 / 3 }, { 0, 0.5, NAN }
	};
	size_t a[18], i, j = 0, c, k;
	int mo[18];
	double d[18];
	unsigned char x[18];

	for (i = 0; i < 20; i++) {
		if (i == 4 || i == 8)
			continue;
		a[j] = snap_acct[i];
		mo[j] = snap_month[i];
		d[j] = dpd[i];
		x[j] = co[i];
		j++;
	}
	ck_assert_uint_eq(j, 18);
	ck_assert_int_eq(monitor_vintage(a, mo, d, x, 18, cohort, 7, 90, &v,
	    &err), 0);
	ck_assert_uint_eq(v.ncohorts, 3);
	ck_assert_uint_eq(v.nmob, 3);
	for (c = 0; c < 3; c++)
		for (k = 0; k < 3; k++) {
			if (isnan(want[c][k]))
				ck_assert(isnan(v.rate[c * 3 + k]));
			else
				ck_assert_double_eq_tol(v.rate[c * 3 + k],
				    want[c][k], 1e-15);
		}
	mon_vintage_done(&v);
}
END_TEST

/*
 * A cohort first reported after its origination month: without the
 * February snapshots of A2, A3 and A4 (rows 9, 12 and 14), the earliest
 * snapshot of cohort Feb is March, month on book 1, so its month on book
 * 0 is blank though the table starts in January; from month on book 1
 * the figures are as before (A2 90 in March): n/a, 1/3, 1/3, n/a.
 * Cohorts Jan and Mar, reported from their origination month, are
 * unchanged.
 */
START_TEST(test_vintage_cohort_first_seen_later)
{
	struct mon_vintage v;
	struct rd_err err;
	size_t a[17], i, j = 0;
	int mo[17];
	double d[17];
	unsigned char c[17];

	for (i = 0; i < 20; i++) {
		if (i == 9 || i == 12 || i == 14)
			continue;
		a[j] = snap_acct[i];
		mo[j] = snap_month[i];
		d[j] = dpd[i];
		c[j] = co[i];
		j++;
	}
	ck_assert_uint_eq(j, 17);
	ck_assert_int_eq(monitor_vintage(a, mo, d, c, 17, cohort, 7, 90, &v,
	    &err), 0);
	ck_assert_uint_eq(v.nmob, 4);
	ck_assert(isnan(v.rate[4 + 0]));
	ck_assert_double_eq_tol(v.rate[4 + 1], 1.0 / 3, 1e-15);
	ck_assert_double_eq_tol(v.rate[4 + 2], 1.0 / 3, 1e-15);
	ck_assert(isnan(v.rate[4 + 3]));
	ck_assert_double_eq_tol(v.rate[0], 0, 1e-15);
	ck_assert_double_eq_tol(v.rate[2], 0.5, 1e-15);
	ck_assert_double_eq_tol(v.rate[8], 0, 1e-15);
	ck_assert_double_eq_tol(v.rate[9], 0.5, 1e-15);
	mon_vintage_done(&v);
}
END_TEST

/*
 * Roll rates: 12 pairs of consecutive months, one gap (A3 Feb -> Apr).
 *   from current (8): current 4 (A1 x3, A5), 1-29 1 (A4), 30-59 1 (A0),
 *                     90+ 1 (A2), charged off 1 (A6)
 *   from 1-29 (1):    30-59 1 (A4)
 *   from 30-59 (1):   90+ 1 (A0)
 *   from 60-89:       none
 *   from 90+ (2):     90+ 1 (A2), charged off 1 (A0)
 * Roll forward: current 1/8, 1-29 1, 30-59 0 (to 60-89), 60-89 n/a,
 * 90+ 1/2; flow to charge-off from 90+ = 1/2, from 60-89 and below n/a
 * (no account was in 60-89).
 */
START_TEST(test_roll_rate_twenty_snapshots)
{
	struct mon_roll r;
	struct rd_err err;
	size_t bad;

	ck_assert_int_eq(monitor_roll(snap_acct, snap_month, dpd, co, 20, &r,
	    &bad, &err), 0);
	ck_assert_uint_eq(r.pairs, 12);
	ck_assert_uint_eq(r.gaps, 1);
	ck_assert_uint_eq(r.count[MON_CURRENT][MON_CURRENT], 4);
	ck_assert_uint_eq(r.count[MON_CURRENT][MON_1_29], 1);
	ck_assert_uint_eq(r.count[MON_CURRENT][MON_30_59], 1);
	ck_assert_uint_eq(r.count[MON_CURRENT][MON_90P], 1);
	ck_assert_uint_eq(r.count[MON_CURRENT][MON_CO], 1);
	ck_assert_uint_eq(r.count[MON_1_29][MON_30_59], 1);
	ck_assert_uint_eq(r.count[MON_30_59][MON_90P], 1);
	ck_assert_uint_eq(r.count[MON_90P][MON_90P], 1);
	ck_assert_uint_eq(r.count[MON_90P][MON_CO], 1);
	ck_assert_double_eq_tol(r.rate[MON_CURRENT][MON_CURRENT], 0.5, 1e-15);
	ck_assert_double_eq_tol(r.roll[MON_CURRENT], 0.125, 1e-15);
	ck_assert_double_eq_tol(r.roll[MON_1_29], 1, 1e-15);
	ck_assert_double_eq_tol(r.roll[MON_30_59], 0, 1e-15);
	ck_assert(isnan(r.roll[MON_60_89]));
	ck_assert(isnan(r.rate[MON_CO][MON_CO]));
	ck_assert_double_eq_tol(r.flow_to_co[MON_90P], 0.5, 1e-15);
	ck_assert(isnan(r.flow_to_co[MON_CURRENT]));
}
END_TEST

/*
 * The vintages and roll rates folded from the hand case one snapshot
 * at a time, as monitor streams them (the first bad month on book of
 * each account, the months on book seen per cohort, the counts of the
 * pairs of an account's consecutive snapshots, read in month order
 * account by account): monitor_vintage_fold and monitor_roll_rates give
 * what monitor_vintage and monitor_roll give, bit for bit.
 */
START_TEST(test_fold_equals_held)
{
	struct mon_vintage v, f;
	struct mon_roll r, g;
	struct rd_err err;
	unsigned char seen[3 * 4];
	int badmob[7], lastm[7], lastb[7], last = INT_MIN, b, j;
	size_t i, bad;

	for (i = 0; i < 7; i++) {
		badmob[i] = INT_MAX;
		lastm[i] = INT_MIN;
	}
	memset(seen, 0, sizeof seen);
	memset(&g, 0, sizeof g);
	/* The snapshots in (account, month) order: rows 1..19, then row 0
	   (A6's April after its March, row 19). */
	for (j = 0; j < 20; j++) {
		size_t k = j < 18 ? (size_t)j + 1 : j == 18 ? 19 : 0;
		size_t a = snap_acct[k];
		int mob = snap_month[k] - cohort[a];

		if ((co[k] || dpd[k] >= 90) && mob < badmob[a])
			badmob[a] = mob;
		seen[(size_t)(cohort[a] - M(2024, 1)) * 4 + (size_t)mob] = 1;
		if (snap_month[k] > last)
			last = snap_month[k];
		b = monitor_bucket(dpd[k], co[k]);
		if (lastm[a] != INT_MIN) {
			if (snap_month[k] == lastm[a] + 1) {
				g.count[lastb[a]][b]++;
				g.pairs++;
			} else {
				g.gaps++;
			}
		}
		lastm[a] = snap_month[k];
		lastb[a] = b;
	}
	monitor_roll_rates(&g);
	ck_assert_int_eq(monitor_roll(snap_acct, snap_month, dpd, co, 20, &r,
	    &bad, &err), 0);
	ck_assert_int_eq(memcmp(&r, &g, sizeof r), 0);
	ck_assert_int_eq(monitor_vintage(snap_acct, snap_month, dpd, co, 20,
	    cohort, 7, 90, &v, &err), 0);
	ck_assert_int_eq(monitor_vintage_fold(cohort, badmob, 7, last, seen,
	    M(2024, 1), 3, 4, &f, &err), 0);
	ck_assert_int_eq(f.c0, v.c0);
	ck_assert_uint_eq(f.ncohorts, v.ncohorts);
	ck_assert_uint_eq(f.nmob, v.nmob);
	ck_assert_int_eq(memcmp(f.accounts, v.accounts, 3 *
	    sizeof *v.accounts), 0);
	ck_assert_int_eq(memcmp(f.rate, v.rate, 12 * sizeof *v.rate), 0);
	mon_vintage_done(&v);
	mon_vintage_done(&f);
	/* No snapshot: refused as monitor_vintage refuses. */
	ck_assert_int_eq(monitor_vintage_fold(cohort, badmob, 7, INT_MIN,
	    seen, M(2024, 1), 3, 4, &f, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
}
END_TEST

/* A second snapshot of one account in one month is refused, naming
   the snapshot. */
START_TEST(test_roll_rate_duplicate_snapshot)
{
	static const size_t a[3] = { 0, 0, 0 };
	static const int m[3] = { 5, 6, 6 };
	static const double d[3] = { 0, 0, 30 };
	struct mon_roll r;
	struct rd_err err;
	size_t bad = 99;

	rd_err_clear(&err);
	ck_assert_int_eq(monitor_roll(a, m, d, NULL, 3, &r, &bad, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_uint_eq(bad, 2);
}
END_TEST

/*
 * Binomial and Jeffreys p-values against R 4.2.2:
 *   binom.test(D, N, PD, alternative = "greater")$p.value
 *   pbeta(PD, D + 0.5, N - D + 0.5)
 */
START_TEST(test_backtest_p_values_r)
{
	static const struct {
		size_t n, d;
		double pd, binom, jeffreys;
	} c[] = {
		{ 100, 5, 0.03, 0.18214519392435788, 0.1235622773499688 },
		{ 250, 2, 0.02, 0.96091644755612893, 0.92675067287324242 },
		{ 40, 0, 0.05, 1, 0.9578532050398455 },
		{ 1000, 30, 0.02, 0.020696518673239506,
		  0.016238471083117965 },
	};
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		ck_assert_rel(monitor_binomial_p(c[i].n, c[i].d, c[i].pd),
		    c[i].binom, 1e-10);
		ck_assert_rel(monitor_jeffreys_p(c[i].n, c[i].d, c[i].pd),
		    c[i].jeffreys, 1e-10);
	}
	ck_assert(isnan(monitor_binomial_p(0, 0, 0.1)));
	ck_assert_str_eq(monitor_light(0.016238471083117965, 0.05, 0.01),
	    "amber");
	ck_assert_str_eq(monitor_light(0.005, 0.05, 0.01), "red");
	ck_assert_str_eq(monitor_light(0.1235622773499688, 0.05, 0.01),
	    "green");
}
END_TEST

/*
 * Back-testing over grades split at 500 and 600 points:
 *   grade 0 (< 500):     4 rows, PD 0.25 each, 2 defaults: E = 1,
 *                        (2 - 1)^2 / (1 * 0.75) = 1.333...
 *   grade 1 [500, 600):  5 rows, PD 0.2, 1 default: E = 1, term 0
 *   grade 2 (>= 600):    1 row, PD 0.1, 0 defaults: E = 0.1,
 *                        0.01 / (0.1 * 0.9) = 0.111...
 * HL = 1.4444..., df = 3, p = pchisq(1/0.75 + 0.01/0.09, 3,
 * lower.tail = FALSE) = 0.69515056579671197 (R 4.2.2).  Herfindahl:
 * shares 0.4, 0.5, 0.1: 0.16 + 0.25 + 0.01 = 0.42; normalised
 * (3 * 0.42 - 1) / 2 = 0.13.
 */
START_TEST(test_backtest_hl_herfindahl)
{
	static const double score[11] = {
		450, 460, 470, 480, 500, 520, 540, 560, 599, 650, NAN
	};
	static const double pd[11] = {
		0.25, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2, 0.1, 0.5
	};
	static const signed char y[11] = { 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
	static const double br[2] = { 500, 600 };
	struct mon_backtest b;
	struct rd_err err;

	ck_assert_int_eq(monitor_backtest(score, pd, y, 11, br, 2, 0.05,
	    0.01, &b, &err), 0);
	ck_assert_uint_eq(b.ngrades, 3);
	ck_assert_uint_eq(b.n, 10);
	ck_assert_uint_eq(b.d, 3);
	ck_assert_uint_eq(b.grades[0].n, 4);
	ck_assert_uint_eq(b.grades[1].n, 5);
	ck_assert_uint_eq(b.grades[2].n, 1);
	ck_assert_double_eq_tol(b.grades[0].dr, 0.5, 1e-15);
	ck_assert_double_eq_tol(b.grades[1].pd, 0.2, 1e-15);
	ck_assert_double_eq_tol(b.hl, 1 / 0.75 + 0.01 / 0.09, 1e-12);
	ck_assert_int_eq(b.hl_df, 3);
	ck_assert_rel(b.hl_p, 0.69515056579671197, 1e-10);
	ck_assert_double_eq_tol(b.herfindahl, 0.42, 1e-15);
	ck_assert_double_eq_tol(b.herfindahl_norm, 0.13, 1e-14);
	mon_backtest_done(&b);
}
END_TEST

/*
 * Hanley-McNeil, AUC 0.8 on 50 bads and 200 goods: Q1 = 0.8/1.2, Q2 =
 * 1.28/1.8, SE = sqrt((0.16 + 49 (Q1 - 0.64) + 199 (Q2 - 0.64)) /
 * 10000) = 0.039519334227410483; against a development AUC of 0.85,
 * p = pnorm(0.05 / SE, lower.tail = FALSE) = 0.10289919399064516 (R
 * 4.2.2).  PSI critical value, 1000 development and 500 new rows, 10
 * bins, 5 %: (1/1000 + 1/500) qchisq(0.95, 9) = 0.050756932813861337.
 */
START_TEST(test_auc_test_psi_critical)
{
	ck_assert_rel(monitor_auc_se(0.8, 50, 200), 0.039519334227410483,
	    1e-12);
	ck_assert_rel(monitor_auc_test_p(0.85, 0.8, 50, 200),
	    0.10289919399064516, 1e-10);
	ck_assert(isnan(monitor_auc_se(0.8, 0, 200)));
	ck_assert_rel(monitor_psi_critical(1000, 500, 10, 0.05),
	    0.050756932813861337, 1e-10);
}
END_TEST

/* Months: "YYYY-MM" and ISO dates; anything else refused. */
START_TEST(test_month_parse)
{
	char buf[8];
	int m;

	ck_assert_int_eq(monitor_month_parse("2024-03", &m), 0);
	ck_assert_int_eq(m, M(2024, 3));
	ck_assert_int_eq(monitor_month_parse("2023-12-31", &m), 0);
	ck_assert_int_eq(m, M(2023, 12));
	ck_assert_int_eq(monitor_month_parse("2024-13", &m), -1);
	ck_assert_int_eq(monitor_month_parse("24-03", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-031", &m), -1);
	/* A date's day must exist: 29 February only in a leap year (2024
	   and 2000, not 2023 nor 1900). */
	ck_assert_int_eq(monitor_month_parse("2024-03-99", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-03-00", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-04-31", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-04-30", &m), 0);
	ck_assert_int_eq(m, M(2024, 4));
	ck_assert_int_eq(monitor_month_parse("2024-02-29", &m), 0);
	ck_assert_int_eq(monitor_month_parse("2000-02-29", &m), 0);
	ck_assert_int_eq(monitor_month_parse("2023-02-29", &m), -1);
	ck_assert_int_eq(monitor_month_parse("1900-02-29", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-03-1", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-03-15x", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-03-", &m), -1);
	ck_assert_int_eq(monitor_month_parse("2024-03-15T10:00:00", &m), 0);
	ck_assert_int_eq(m, M(2024, 3));
	ck_assert_int_eq(monitor_month_parse("2024-03-15 10:00", &m), 0);
	monitor_month_format(M(2024, 3), buf);
	ck_assert_str_eq(buf, "2024-03");
	ck_assert_int_eq(monitor_bucket(0, 0), MON_CURRENT);
	ck_assert_int_eq(monitor_bucket(29, 0), MON_1_29);
	ck_assert_int_eq(monitor_bucket(89, 0), MON_60_89);
	ck_assert_int_eq(monitor_bucket(90, 0), MON_90P);
	ck_assert_int_eq(monitor_bucket(0, 1), MON_CO);
	ck_assert_int_eq(monitor_bucket(-1, 0), -1);
}
END_TEST

/*
 * Account numbers past 2^53 key their applications exactly: 2^53 and
 * 2^53 + 1 share one double, so without the column's exact integers
 * they are one id repeated, and with them two accounts; INT64_MAX (its
 * double 2^63) is an id.  A fraction is refused, named as it is.
 */
START_TEST(test_keys_past_2_53)
{
	int64_t ex[3] = { INT64_C(9007199254740992), INT64_C(9007199254740993),
	    INT64_MAX }, w;
	double num[3];
	struct ds_column c;
	struct monscan_keys *k;
	struct rd_err err;
	size_t dup = 0, i;

	for (i = 0; i < 3; i++)
		num[i] = (double)ex[i];
	ck_assert(num[0] == num[1]);
	memset(&c, 0, sizeof c);
	c.name = "acct";
	c.type = DS_INTEGER;
	c.num = num;
	c.exact = ex;
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(ds_cell_int64(&c, i, &w), 1);
		ck_assert(w == ex[i]);
	}
	k = monscan_keys_new(&c, 3, &dup, &err);
	ck_assert_msg(k != NULL, "%s", err.msg);
	monscan_keys_free(k);
	/* The doubles alone: the two merge. */
	c.exact = NULL;
	ck_assert_ptr_null(monscan_keys_new(&c, 3, &dup, &err));
	ck_assert_uint_eq(dup, 1);
	ck_assert_str_eq(err.msg, "id column \"acct\": row 2 repeats id "
	    "9007199254740992 of row 1: an account is one application; "
	    "import the applications with --id acct to refuse duplicates");
	num[1] = 12.5;
	ck_assert_int_eq(ds_cell_int64(&c, 1, &w), 0);
	ck_assert_ptr_null(monscan_keys_new(&c, 3, NULL, &err));
	ck_assert_str_eq(err.msg, "id column \"acct\": expected whole "
	    "numbers of at most 64 bits, or text, found 12.5 in row 2");
	num[1] = 1e300;
	ck_assert_ptr_null(monscan_keys_new(&c, 3, NULL, &err));
	ck_assert_str_eq(err.msg, "id column \"acct\": expected whole "
	    "numbers of at most 64 bits, or text, found 1e+300 in row 2");
}
END_TEST

static Suite *
monitor_suite(void)
{
	Suite *s = suite_create("monitor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_vintage_three_cohorts);
	tcase_add_test(tc, test_vintage_unreached_mob_cut);
	tcase_add_test(tc, test_vintage_cohort_first_seen_later);
	tcase_add_test(tc, test_roll_rate_twenty_snapshots);
	tcase_add_test(tc, test_roll_rate_duplicate_snapshot);
	tcase_add_test(tc, test_fold_equals_held);
	tcase_add_test(tc, test_backtest_p_values_r);
	tcase_add_test(tc, test_backtest_hl_herfindahl);
	tcase_add_test(tc, test_auc_test_psi_critical);
	tcase_add_test(tc, test_month_parse);
	tcase_add_test(tc, test_keys_past_2_53);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *s[1];

	s[0] = monitor_suite();
	return run_suites(s, 1);
}
