/*
 * check_fraud.c - the fraud layer (src/fraud/fraud.h): every feature on
 * hand cases with the events and the expected values written out (window
 * edges, ties at the same time, empty keys, several key columns, distinct
 * counts, sums of untidy amounts); every figure of the evaluation on a
 * 20-event hand case with its arithmetic; the features of a table read
 * through the database (date-only times, keys shared between a history
 * table and the applicants); the policy's fraud section and its errors.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "testutil.h"
#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "desk/desk-fraud.h"
#include "fraud/fraud.h"
#include "fraud/fraud-tune.h"
#include "model/card.h"
#include "policy/policy-edit.h"
#include "policy/policy.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define H 3600.0
#define D 86400.0
#define TOL 1e-12

/* ------------------------------------------------------------ count */

/*
 * Eight events, one key column, window 24 h (within = 86,400 s):
 *
 *   i  key  t (s)    earlier events (t - 86,400 <= t' < t, same key)  count
 *   0  A        0    none                                              0
 *   1  A        0    none: event 0 is at the same time, not earlier   0
 *   2  A   86,400    0 and 1 (t' = 0 = t - within: the far edge is in) 2
 *   3  A   86,401    2 (0 and 1 at 0 < 1 = t - within fall out)        1
 *   4  B      100    none (another key)                                0
 *   5  -       50    none: no key matches nothing                     0
 *   6  A   86,401    2 (3 is at the same time: not earlier)            1
 *   7  A  200,000    none (t - within = 113,600 > 86,401)              0
 */
START_TEST(test_count_edges_ties)
{
	const double t[8] = { 0, 0, D, D + 1, 100, 50, D + 1, 200000 };
	const int32_t key[8] = { 0, 0, 0, 0, 1, -1, 0, 0 };
	const double want[8] = { 0, 0, 2, 1, 0, 0, 1, 0 };
	double out[8];
	size_t i;

	ck_assert_int_eq(fraud_feature(8, t, key, POLICY_FRAUD_COUNT, NULL, 0,
	    NULL, D, out), 0);
	for (i = 0; i < 8; i++)
		ck_assert_msg(out[i] == want[i], "event %zu: %g, wanted %g", i,
		    out[i], want[i]);
}
END_TEST

/*
 * The same events in another order give each event the same value: the
 * sort, not the input order, decides.
 */
START_TEST(test_count_order_free)
{
	const double t[8] = { 200000, D + 1, 50, 100, D + 1, D, 0, 0 };
	const int32_t key[8] = { 0, 0, -1, 1, 0, 0, 0, 0 };
	const double want[8] = { 0, 1, 0, 0, 1, 2, 0, 0 };
	double out[8];
	size_t i;

	fraud_feature(8, t, key, POLICY_FRAUD_COUNT, NULL, 0, NULL, D, out);
	for (i = 0; i < 8; i++)
		ck_assert_msg(out[i] == want[i], "event %zu: %g, wanted %g", i,
		    out[i], want[i]);
}
END_TEST

/* --------------------------------------------------------- distinct */

/*
 * One phone (key 0), e-mail codes (-1 empty), window 1 h:
 *
 *   i  t (s)  email  earlier (t - 3,600 <= t' < t)   distinct e-mails
 *   0     0   e0     none                             0
 *   1     0   e1     none (tie)                       0
 *   2  3600   e0     0 (e0), 1 (e1)                   2
 *   3  3601   -      2 (e0)                           1
 *   4  3601   e2     2 (e0) (3 is a tie)              1
 *   5  3700   e0     2 (e0), 3 (empty), 4 (e2)        2
 *   6  7300   e1     5 (e0) (2, 3, 4 at <= 3,699 out)  1
 *   7  7300   e1     5 (e0)                           1
 *   8  9000   e3     6 (e1), 7 (e1): one value twice  1
 *  and event 9 on another phone (key 1) at 3,600 with e0: 0, and it is
 *  not counted for phone 0.
 */
START_TEST(test_distinct)
{
	const double t[10] = { 0, 0, H, H + 1, H + 1, 3700, 7300, 7300, 9000,
	    H };
	const int32_t key[10] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	const int32_t mail[10] = { 0, 1, 0, -1, 2, 0, 1, 1, 3, 0 };
	const double want[10] = { 0, 0, 2, 1, 1, 2, 1, 1, 1, 0 };
	double out[10];
	size_t i;

	fraud_feature(10, t, key, POLICY_FRAUD_DISTINCT, mail, 4, NULL, H,
	    out);
	for (i = 0; i < 10; i++)
		ck_assert_msg(out[i] == want[i], "event %zu: %g, wanted %g", i,
		    out[i], want[i]);
}
END_TEST

/* -------------------------------------------------------------- sum */

/*
 * One address, amounts untidy, window 2 h:
 *
 *   i  t (s)  amount    earlier                  sum
 *   0     0   2385.5    none                     0
 *   1  3600   1017.25   0                        2385.5
 *   2  3600   NULL      0 (1 is a tie)           2385.5
 *   3  7200   999.125   0, 1, 2 (NULL adds 0)    2385.5 + 1017.25 = 3402.75
 *   4  7201   10.0      1, 2, 3 (0 is out)       1017.25 + 999.125 = 2016.375
 *   5 20000   7.5       none: the window empties 0
 */
START_TEST(test_sum)
{
	const double t[6] = { 0, H, H, 2 * H, 2 * H + 1, 20000 };
	const int32_t key[6] = { 0, 0, 0, 0, 0, 0 };
	const double amt[6] = { 2385.5, 1017.25, NAN, 999.125, 10.0, 7.5 };
	const double want[6] = { 0, 2385.5, 2385.5, 3402.75, 2016.375, 0 };
	double out[6];
	size_t i;

	fraud_feature(6, t, key, POLICY_FRAUD_SUM, NULL, 0, amt, 2 * H, out);
	for (i = 0; i < 6; i++)
		ck_assert_double_eq_tol(out[i], want[i], TOL);
}
END_TEST

/*
 * Two key columns: the key is the pair, and a NULL in either leaves the
 * event without a key.  Codes (device, zip):
 *   0 (0, 0)  1 (0, 1)  2 (0, 0)  3 (-1, 0)  4 (0, -1)  5 (1, 1)  6 (1, 1)
 * Events 0 and 2 share a key, 5 and 6 another; 1 is alone; 3 and 4 have
 * none.
 */
START_TEST(test_key_combine)
{
	const int32_t dev[7] = { 0, 0, 0, -1, 0, 1, 1 };
	const int32_t zip[7] = { 0, 1, 0, 0, -1, 1, 1 };
	const int32_t *codes[2] = { dev, zip };
	int32_t key[7];
	const double t[7] = { 0, 1, 2, 3, 4, 5, 6 };
	const double want[7] = { 0, 0, 1, 0, 0, 0, 1 };
	double out[7];
	size_t i;

	fraud_key_combine(7, codes, 2, key);
	ck_assert_int_eq(key[0], key[2]);
	ck_assert_int_eq(key[5], key[6]);
	ck_assert_int_ne(key[0], key[1]);
	ck_assert_int_ne(key[0], key[5]);
	ck_assert_int_ne(key[1], key[5]);
	ck_assert_int_eq(key[3], -1);
	ck_assert_int_eq(key[4], -1);
	fraud_feature(7, t, key, POLICY_FRAUD_COUNT, NULL, 0, NULL, 100, out);
	for (i = 0; i < 7; i++)
		ck_assert_msg(out[i] == want[i], "event %zu: %g, wanted %g", i,
		    out[i], want[i]);
}
END_TEST

/* ----------------------------------------------------------- figures */

/*
 * Twenty events over three days (day d, row i at d x 86,400 + 60 i s),
 * three rules: r0 refer, r1 refer, r2 decline; amount_i = 1000 + 137.5 i;
 * frauds (label 1): rows 0, 2, 5, 9, 12, 15, 18 (7).
 *
 *   row day rules  fraud     row day rules  fraud
 *    0   0  r0       1        10   1  -
 *    1   0  r0                11   1  r2
 *    2   0  r0 r1    1        12   1  -       1 (missed)
 *    3   0  -                 13   1  -
 *    4   0  r1                14   2  r0 r2
 *    5   0  r2       1        15   2  r0      1
 *    6   0  r1                16   2  -
 *    7   0  -                 17   2  r1
 *    8   1  r0                18   2  -       1 (missed)
 *    9   1  r1       1        19   2  -
 */
static const unsigned hand_rules[20] = { 1, 1, 3, 0, 2, 4, 2, 0, 1, 2, 0,
    4, 0, 0, 5, 1, 0, 2, 0, 0 };
static const signed char hand_fraud[20] = { 1, 0, 1, 0, 0, 1, 0, 0, 0, 1,
    0, 0, 1, 0, 0, 1, 0, 0, 1, 0 };

static void
hand_data(struct fraud_data *d, int labelled, int valued)
{
	size_t i;

	memset(d, 0, sizeof *d);
	d->n = 20;
	d->nrules = 3;
	d->rowid = xcalloc(20, sizeof *d->rowid);
	d->t = xcalloc(20, sizeof *d->t);
	d->hits = xcalloc(20, sizeof *d->hits);
	d->action = xcalloc(20, sizeof *d->action);
	d->rule = xcalloc(20, sizeof *d->rule);
	if (labelled)
		d->fraud = xcalloc(20, 1);
	if (valued)
		d->amount = xcalloc(20, sizeof *d->amount);
	for (i = 0; i < 20; i++) {
		int day = i < 8 ? 0 : i < 14 ? 1 : 2;

		d->rowid[i] = (int64_t)i + 1;
		d->t[i] = day * D + 60.0 * (double)i;
		d->hits[i] = hand_rules[i];
		d->action[i] = hand_rules[i] == 0 ? -1 : (hand_rules[i] & 4) ?
		    POLICY_FRAUD_DECLINE : POLICY_FRAUD_REFER;
		d->rule[i] = hand_rules[i] == 0 ? -1 : (hand_rules[i] & 4) ?
		    2 : (hand_rules[i] & 1) ? 0 : 1;
		if (labelled)
			d->fraud[i] = hand_fraud[i];
		if (valued)
			d->amount[i] = 1000 + 137.5 * (double)i;
	}
}

START_TEST(test_figures_hand)
{
	struct fraud_data d;
	struct fraud_eval e;

	hand_data(&d, 1, 1);
	fraud_evaluate(&d, -INFINITY, 2.5, &e);
	ck_assert_uint_eq(e.events, 20);
	ck_assert_uint_eq(e.frauds, 7);
	/* fraud amount: 7 x 1000 + 137.5 x (0+2+5+9+12+15+18 = 61) */
	ck_assert_double_eq_tol(e.fraud_amount, 15387.5, TOL);
	/* alerts: rows 0 1 2 4 5 6 8 9 11 14 15 17 */
	ck_assert_uint_eq(e.set.alerts, 12);
	/* caught: 0 2 5 9 15 */
	ck_assert_uint_eq(e.set.frauds_caught, 5);
	ck_assert_uint_eq(e.set.false_positives, 7);
	ck_assert_double_eq_tol(e.set.alert_rate, 12.0 / 20, TOL);
	ck_assert_double_eq_tol(e.set.detection_rate, 5.0 / 7, TOL);
	/* caught amount: 5 x 1000 + 137.5 x (0+2+5+9+15 = 31) = 9262.5 */
	ck_assert_double_eq_tol(e.set.amount_caught, 9262.5, TOL);
	ck_assert_double_eq_tol(e.set.value_detection_rate, 9262.5 / 15387.5,
	    TOL);
	/* 7 honest alerts per 5 frauds caught: 1.4:1 */
	ck_assert_double_eq_tol(e.set.false_positive_ratio, 1.4, TOL);
	ck_assert_double_eq_tol(e.set.precision, 5.0 / 12, TOL);
	/* r2 declines rows 5 11 14; the other 9 alerts are refers */
	ck_assert_uint_eq(e.declines, 3);
	ck_assert_uint_eq(e.refers, 9);

	/* r0: rows 0 1 2 8 14 15; frauds 0 2 15; alone on 0 and 15 */
	ck_assert_uint_eq(e.rule[0].alerts, 6);
	ck_assert_uint_eq(e.rule[0].frauds_caught, 3);
	ck_assert_uint_eq(e.rule[0].unique_frauds, 2);
	ck_assert_uint_eq(e.rule[0].false_positives, 3);
	ck_assert_double_eq_tol(e.rule[0].alert_rate, 6.0 / 20, TOL);
	ck_assert_double_eq_tol(e.rule[0].detection_rate, 3.0 / 7, TOL);
	/* 3 x 1000 + 137.5 x (0 + 2 + 15) = 5337.5 */
	ck_assert_double_eq_tol(e.rule[0].value_detection_rate,
	    5337.5 / 15387.5, TOL);
	ck_assert_double_eq_tol(e.rule[0].false_positive_ratio, 1.0, TOL);
	ck_assert_double_eq_tol(e.rule[0].precision, 0.5, TOL);
	/* r1: rows 2 4 6 9 17; frauds 2 9; alone on 9 */
	ck_assert_uint_eq(e.rule[1].alerts, 5);
	ck_assert_uint_eq(e.rule[1].frauds_caught, 2);
	ck_assert_uint_eq(e.rule[1].unique_frauds, 1);
	/* 2 x 1000 + 137.5 x 11 = 3512.5 */
	ck_assert_double_eq_tol(e.rule[1].amount_caught, 3512.5, TOL);
	ck_assert_double_eq_tol(e.rule[1].false_positive_ratio, 1.5, TOL);
	ck_assert_double_eq_tol(e.rule[1].precision, 0.4, TOL);
	/* r2: rows 5 11 14; fraud 5, alone */
	ck_assert_uint_eq(e.rule[2].alerts, 3);
	ck_assert_uint_eq(e.rule[2].frauds_caught, 1);
	ck_assert_uint_eq(e.rule[2].unique_frauds, 1);
	ck_assert_double_eq_tol(e.rule[2].false_positive_ratio, 2.0, TOL);
	ck_assert_double_eq_tol(e.rule[2].detection_rate, 1.0 / 7, TOL);

	/* Days 0, 1, 2: 6, 3 and 3 alerts, 4 a day, the busiest 6. */
	ck_assert_uint_eq(e.days, 3);
	ck_assert_double_eq_tol(e.alerts_per_day, 4.0, TOL);
	ck_assert_uint_eq(e.max_alerts_day, 6);
	/* Capacity 2.5: 2 alerts a day worked; every day is over, by 4, 1
	   and 1.  Worked, highest risk first: day 0 row 5 (decline), row 2
	   (two rules): both fraud; day 1 row 11 (decline), row 8 (earlier
	   than 9): none; day 2 row 14 (decline), row 15 (earlier than 17):
	   one.  3 frauds of 7. */
	ck_assert_uint_eq(e.days_over, 3);
	ck_assert_uint_eq(e.alerts_over, 6);
	ck_assert_uint_eq(e.worked, 6);
	ck_assert_uint_eq(e.frauds_worked, 3);
	ck_assert_double_eq_tol(e.detection_at_capacity, 3.0 / 7, TOL);
	fraud_eval_done(&e);

	/* From day 1: rows 8..19 -- 12 events, frauds 9 12 15 18, alerts 8
	   9 11 14 15 17, caught 9 and 15. */
	fraud_evaluate(&d, D, NAN, &e);
	ck_assert_uint_eq(e.events, 12);
	ck_assert_uint_eq(e.frauds, 4);
	ck_assert_uint_eq(e.set.alerts, 6);
	ck_assert_uint_eq(e.set.frauds_caught, 2);
	ck_assert_double_eq_tol(e.set.detection_rate, 0.5, TOL);
	ck_assert_uint_eq(e.days, 2);
	ck_assert(isnan(e.detection_at_capacity));
	ck_assert_uint_eq(e.worked, 0);
	fraud_eval_done(&e);

	/* Rows before d.first are history: not counted. */
	d.first = 8;
	fraud_evaluate(&d, -INFINITY, NAN, &e);
	ck_assert_uint_eq(e.events, 12);
	ck_assert_uint_eq(e.set.alerts, 6);
	fraud_eval_done(&e);
	fraud_data_done(&d);
}
END_TEST

/* Without a label every fraud figure is n/a (NaN); without an amount
   the value figures. */
START_TEST(test_figures_no_label)
{
	struct fraud_data d;
	struct fraud_eval e;

	hand_data(&d, 0, 0);
	fraud_evaluate(&d, -INFINITY, NAN, &e);
	ck_assert_uint_eq(e.set.alerts, 12);
	ck_assert_double_eq_tol(e.set.alert_rate, 0.6, TOL);
	ck_assert(isnan(e.set.detection_rate));
	ck_assert(isnan(e.set.false_positive_ratio));
	ck_assert(isnan(e.set.precision));
	ck_assert(isnan(e.set.value_detection_rate));
	fraud_eval_done(&e);
	fraud_data_done(&d);
	hand_data(&d, 1, 0);
	fraud_evaluate(&d, -INFINITY, NAN, &e);
	ck_assert_double_eq_tol(e.set.detection_rate, 5.0 / 7, TOL);
	ck_assert(isnan(e.set.value_detection_rate));
	fraud_eval_done(&e);
	fraud_data_done(&d);
}
END_TEST

/*
 * The fraud scorecard on the 20 events above: points (fewer, more fraud
 * risk) of each row,
 *
 *   frauds  row:    0    2    5    9   12   15   18
 *           points: 500  520  600  480  560  540  700
 *   honest  row:    1    3    4    6    7    8   10   11   13   14   16
 *           points: 530  650  620  600  680  490  700  640  660  610  690
 *           row:    17   19
 *           points: 470  720
 *
 * AUC by pair counting, P(a fraud has fewer points than an honest event),
 * ties 1/2, over 7 x 13 = 91 pairs.  Honest points sorted: 470 490 530
 * 600 610 620 640 650 660 680 690 700 720.  Honest above each fraud:
 *   480: 12 (all but 470)          500: 11 (not 470, 490)
 *   520: 11 (530 is above)         540: 10 (not 470, 490, 530)
 *   560: 10                        600: 9 above + 1 tie (row 6) = 9.5
 *   700: 1 above (720) + 1 tie (row 10) = 1.5
 * 12 + 11 + 11 + 10 + 10 + 9.5 + 1.5 = 65; AUC = 65 / 91 = 5/7.
 *
 * From day 1 (rows 8..19): frauds 9 12 15 18 (480 560 540 700), honest 8
 * 10 11 13 14 16 17 19 (490 700 640 660 610 690 470 720), 32 pairs:
 *   480: 7 (all but 470)   540: 6 (490, 470 below)   560: 6
 *   700: 1 + 1/2 tie = 1.5;  20.5 / 32 = 0.640625.
 *
 * Capacity 2.5 (2 a day), fewest points first:
 *   day 0 alerts 0 (500 F) 1 (530) 2 (520 F) 4 (620) 5 (600 F) 6 (600):
 *     worked 0, 2 -> 2 frauds (the rules' order: 5, 2 -> 2)
 *   day 1 alerts 8 (490) 9 (480 F) 11 (640): worked 9, 8 -> 1 (rules:
 *     11, 8 -> 0)
 *   day 2 alerts 14 (610) 15 (540 F) 17 (470): worked 17, 15 -> 1
 *     (rules: 14, 15 -> 1)
 *   4 frauds of 7 in 6 alerts worked; by the rules 3 of 7.
 * Capacity 4: day 0 works 0, 2, 1 and then one of 5 and 6, tied at 600
 * points: the tie goes to the rules' order, 5 (a decline) first, a
 * fraud: 3 frauds; days 1 and 2 work all three alerts: 1 each.  5 of 7.
 */
static const double hand_points[20] = { 500, 530, 520, 650, 620, 600, 600,
    680, 490, 480, 700, 640, 560, 660, 610, 540, 690, 470, 700, 720 };

START_TEST(test_scorecard_hand)
{
	struct fraud_data d;
	struct fraud_eval e;

	hand_data(&d, 1, 1);
	d.score = xcalloc(20, sizeof *d.score);
	memcpy(d.score, hand_points, sizeof hand_points);
	fraud_evaluate(&d, -INFINITY, 2.5, &e);
	ck_assert_int_eq(e.scored, 1);
	ck_assert_double_eq_tol(e.auc, 65.0 / 91, TOL);
	ck_assert_uint_eq(e.worked, 6);
	ck_assert_uint_eq(e.frauds_worked, 4);
	ck_assert_double_eq_tol(e.detection_at_capacity, 4.0 / 7, TOL);
	ck_assert_uint_eq(e.worked_rules, 6);
	ck_assert_uint_eq(e.frauds_worked_rules, 3);
	ck_assert_double_eq_tol(e.detection_at_capacity_rules, 3.0 / 7, TOL);
	/* The rest of the evaluation does not move. */
	ck_assert_uint_eq(e.set.alerts, 12);
	ck_assert_uint_eq(e.days_over, 3);
	fraud_eval_done(&e);

	fraud_evaluate(&d, -INFINITY, 4, &e);
	ck_assert_uint_eq(e.worked, 10);
	ck_assert_uint_eq(e.frauds_worked, 5);
	fraud_eval_done(&e);

	fraud_evaluate(&d, D, NAN, &e);
	ck_assert_double_eq_tol(e.auc, 20.5 / 32, TOL);
	ck_assert(isnan(e.detection_at_capacity));
	ck_assert(isnan(e.detection_at_capacity_rules));
	fraud_eval_done(&e);
	fraud_data_done(&d);

	/* Without a label: no AUC, no detection. */
	hand_data(&d, 0, 0);
	d.score = xcalloc(20, sizeof *d.score);
	memcpy(d.score, hand_points, sizeof hand_points);
	fraud_evaluate(&d, -INFINITY, 2.5, &e);
	ck_assert_int_eq(e.scored, 1);
	ck_assert(isnan(e.auc));
	ck_assert_uint_eq(e.worked, 6);
	ck_assert(isnan(e.detection_at_capacity));
	fraud_eval_done(&e);
	fraud_data_done(&d);

	/* Without a scorecard: not scored, no AUC. */
	hand_data(&d, 1, 0);
	fraud_evaluate(&d, -INFINITY, 2.5, &e);
	ck_assert_int_eq(e.scored, 0);
	ck_assert(isnan(e.auc));
	ck_assert_uint_eq(e.frauds_worked, 3);
	fraud_eval_done(&e);
	fraud_data_done(&d);
}
END_TEST

/* ------------------------------------------------------- through a db */

static void
import_text(const char *table, const char *csv)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;
	char path[300];

	snprintf(path, sizeof path, "%s.csv", cur_path);
	write_file(path, csv);
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = path;
	spec.table = table;
	ck_assert_msg(csv_import(cur_db, &spec, &sum, &err) == 0, "import: %s",
	    err.msg);
	import_summary_done(&sum);
	unlink(path);
}

static struct policy *
policy_text(const char *yaml)
{
	struct rd_err err;
	struct policy *p;
	char path[300];

	snprintf(path, sizeof path, "%s.yaml", cur_path);
	write_file(path, yaml);
	p = policy_load(path, &err);
	unlink(path);
	ck_assert_msg(p != NULL, "policy: %s:%ld:%ld: %s", err.file, err.line,
	    err.col, err.msg);
	return p;
}

/*
 * Dates without a time: every application of a day is at its midnight,
 * so applications of the same day never count one another.  Device and
 * zip together key the feature; an empty device keys nothing.
 *
 *   row  day         device zip  n_2d (earlier, same device and zip,
 *                                       within 2 days)   rule n_2d >= 1
 *    1   2024-03-01  d1     10   0                        -
 *    2   2024-03-01  d1     10   0 (same day)             -
 *    3   2024-03-02  d1     10   2 (rows 1, 2)            refer
 *    4   2024-03-02  d1     11   0 (another zip)          -
 *    5   2024-03-03  d1     10   3 (1 and 2 at t - 2 d: in; 3)  refer
 *    6   2024-03-04  d1     10   2 (3 and 5; 1, 2 out)    refer
 *    7   2024-03-04         10   0 (no device)            -
 *   The applicants (second table): row 1 on 2024-03-05, d1 10: earlier
 *   5 and 6 of the history (3 is at t - 3 d: out) -> 2; row 2 on
 *   2024-03-05, d9 10 -> 0.
 */
START_TEST(test_load_dates_and_history)
{
	struct fraud_data d;
	struct rd_err err;
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;
	const char *both[2] = { "hist", "today" };
	const double want[9] = { 0, 0, 2, 0, 3, 2, 0, 2, 0 };
	size_t i;

	fresh_db_open("fraud-load");
	import_text("hist", "id,day,device,zip,kind\n"
	    "1,2024-03-01,d1,10,web\n2,2024-03-01,d1,10,web\n"
	    "3,2024-03-02,d1,10,web\n4,2024-03-02,d1,11,web\n"
	    "5,2024-03-03,d1,10,web\n6,2024-03-04,d1,10,web\n"
	    "7,2024-03-04,,10,web\n");
	import_text("today", "id,day,device,zip,kind\n"
	    "1,2024-03-05,d1,10,web\n2,2024-03-05,d9,10,web\n");
	p = policy_text("name: t\nfraud:\n  time: day\n  features:\n"
	    "    - {name: n_2d, count: earlier, same: [device, zip], "
	    "within: 2d}\n  rules:\n"
	    "    - {name: again, when: n_2d >= 1 and kind = 'web', "
	    "action: refer, reason: F9}\n");
	ck_assert_int_eq(policy_fraud_check_columns(p, cur_db, "hist", &errs),
	    0);
	ck_assert_int_eq(fraud_data_load(cur_db, p, both, 2, 0, &d, &err), 0);
	ck_assert_uint_eq(d.n, 9);
	for (i = 0; i < 9; i++)
		ck_assert_msg(d.feat[0][i] == want[i], "row %zu: %g, wanted %g",
		    i, d.feat[0][i], want[i]);
	for (i = 0; i < 9; i++)
		ck_assert_int_eq(d.action[i], want[i] >= 1 ?
		    POLICY_FRAUD_REFER : -1);
	/* 2024-03-01 is 19,783 days after 1970-01-01. */
	ck_assert_double_eq(d.t[0], 19783.0 * D);
	fraud_data_done(&d);
	/* Scored from the second table: the history's rules not run. */
	ck_assert_int_eq(fraud_data_load(cur_db, p, both, 2, 1, &d, &err), 0);
	ck_assert_uint_eq(d.first, 7);
	ck_assert_int_eq(d.action[2], -1);
	ck_assert_int_eq(d.action[7], POLICY_FRAUD_REFER);
	ck_assert_double_eq(d.feat[0][7], 2);
	fraud_data_done(&d);
	policy_errors_done(&errs);
	policy_free(p);
	fresh_db_close();
}
END_TEST

/* The errors of a fraud section against a table, each located. */
START_TEST(test_check_columns_errors)
{
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;

	fresh_db_open("fraud-cols");
	import_text("apps", "id,day,device,amount\n1,2024-03-01,d1,10\n");
	p = policy_text("name: t\nfraud:\n  time: when\n  amount: amt\n"
	    "  features:\n"
	    "    - {name: device, count: earlier, same: dev, within: 1d}\n"
	    "    - {name: s, sum: amountx, same: device, within: 1d}\n"
	    "  rules:\n    - {name: r, when: s > 0, action: refer, "
	    "reason: F1}\n");
	ck_assert_int_eq(policy_fraud_check_columns(p, cur_db, "apps", &errs),
	    -1);
	ck_assert_uint_eq(errs.n, 5);
	ck_assert_int_eq(errs.err[0].line, 3);
	ck_assert_int_eq(errs.err[0].col, 9);
	ck_assert_str_eq(errs.err[0].msg, "unknown column \"when\" (the time "
	    "of fraud): table \"apps\" has no such column");
	ck_assert_int_eq(errs.err[1].line, 4);
	ck_assert_str_eq(errs.err[2].msg, "unknown column \"dev\" (the key of "
	    "feature \"device\"): table \"apps\" has no such column");
	ck_assert_int_eq(errs.err[3].line, 6);
	ck_assert_int_eq(errs.err[3].col, 14);
	ck_assert(strstr(errs.err[3].msg, "feature \"device\" has the name "
	    "of a column") != NULL);
	ck_assert_str_eq(errs.err[4].msg, "unknown column \"amountx\" (the sum "
	    "column of feature \"s\"): table \"apps\" has no such column");
	policy_errors_done(&errs);
	policy_free(p);
	fresh_db_close();
}
END_TEST

/*
 * A fraud scorecard's features on a table (desk_fraud_add_features),
 * device within 7 days, and the label as the target:
 *
 *   row  day         dev  lbl   d7 (earlier, same dev, within 7 d)  y
 *    1   2024-01-01  A    0     0                                   good
 *    2   2024-01-02  A    1     1 (row 1)                           bad
 *    3   2024-01-03  B    0     0 (another device)                  good
 *    4   2024-01-03  A    -     2 (rows 1, 2)                       good
 *    5   2024-01-20  A    1     0 (window from 01-13: none)         bad
 *
 * (an empty label is not known fraud: good); 2 bads, 3 goods.
 */
START_TEST(test_card_features)
{
	struct policy *p;
	struct card_features *cf;
	struct scorecard *card, *c2;
	struct dataset *ds;
	struct rd_err err;
	const char *only[] = { "d7" };
	const double want[5] = { 0, 1, 0, 2, 0 };
	const signed char wy[5] = { DS_GOOD, DS_BAD, DS_GOOD, DS_GOOD,
	    DS_BAD };
	char *text, *text2, *bad;
	int c;
	size_t i;

	fresh_db_open("fraud-card");
	import_text("apps", "id,day,dev,amt,lbl\n"
	    "1,2024-01-01,A,10,0\n2,2024-01-02,A,20,1\n3,2024-01-03,B,30,0\n"
	    "4,2024-01-03,A,40,\n5,2024-01-20,A,50,1\n");
	p = policy_text("name: ring\nfraud:\n  time: day\n  label: lbl\n"
	    "  scorecard: fc\n  features:\n"
	    "    - {name: s3, sum: amt, same: dev, within: 3d}\n"
	    "    - {name: d7, count: earlier, same: dev, within: 7d}\n"
	    "  rules:\n    - {name: r, when: d7 >= 2, action: refer, "
	    "reason: F1}\n");
	ck_assert_str_eq(p->fraud->scorecard, "fc");
	ck_assert_int_eq(p->fraud->scorecard_at.line, 5);
	ck_assert_int_eq(p->fraud->scorecard_at.col, 14);

	/* Only the features named, with their definitions. */
	cf = desk_fraud_card_features(p, only, 1);
	ck_assert_str_eq(cf->policy, "ring");
	ck_assert_str_eq(cf->time, "day");
	ck_assert_str_eq(cf->label, "lbl");
	ck_assert_uint_eq(cf->n, 1);
	ck_assert_str_eq(cf->v[0].name, "d7");
	ck_assert_int_eq(cf->v[0].agg, CARD_FEATURE_COUNT);
	ck_assert_ptr_null(cf->v[0].column);
	ck_assert_uint_eq(cf->v[0].nsame, 1);
	ck_assert_str_eq(cf->v[0].same[0], "dev");
	ck_assert_double_eq(cf->v[0].within, 7 * D);

	ds = db_dataset_load(cur_db, "apps", &err);
	ck_assert_ptr_nonnull(ds);
	ck_assert_int_eq(desk_fraud_add_features(cur_db, cf, "lbl", "apps",
	    ds, &err), 0);
	c = ds_column_index(ds, "d7");
	ck_assert_int_ge(c, 0);
	ck_assert_int_eq(ds->cols[c].type, DS_REAL);
	for (i = 0; i < 5; i++) {
		ck_assert_msg(ds->cols[c].num[i] == want[i], "row %zu: %g, "
		    "wanted %g", i + 1, ds->cols[c].num[i], want[i]);
		ck_assert_int_eq(ds->y[i], wy[i]);
	}
	ck_assert_int_eq(ds->target, ds_column_index(ds, "lbl"));
	ck_assert_uint_eq(ds->nbad, 2);
	ck_assert_uint_eq(ds->ngood, 3);
	ck_assert_uint_eq(ds->nindet, 0);
	/* Again: d7 is now a column of ds, and a feature may not hide one. */
	ck_assert_int_eq(desk_fraud_add_features(cur_db, cf, NULL, "apps",
	    ds, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "fraud feature \"d7\" has the name of a "
	    "column of table \"apps\"; give the feature another name");
	ds_free(ds);
	/* A label the dataset lacks. */
	{
		const char *cols[] = { "amt" };

		ds = db_dataset_load_columns(cur_db, "apps", cols, 1, &err);
		ck_assert_ptr_nonnull(ds);
		ck_assert_int_eq(desk_fraud_add_features(cur_db, cf, "lbl",
		    "apps", ds, &err), -1);
		ck_assert(strstr(err.msg, "the fraud label \"lbl\" is not "
		    "among the columns") != NULL);
		ds_free(ds);
	}

	/* The scorecard's JSON keeps the features whole. */
	card = xcalloc(1, sizeof *card);
	card->name = xstrdup("fc");
	card->population = xstrdup("apps");
	card->factor = 20 / log(2);
	card->chars = xcalloc(1, sizeof *card->chars);
	card->dropped = xcalloc(1, sizeof *card->dropped);
	card_features_free(cf);
	card->features = desk_fraud_card_features(p, NULL, 0);
	text = card_serialize(card);
	c2 = card_parse(text, &err);
	ck_assert_msg(c2 != NULL, "%s", err.msg);
	ck_assert_ptr_nonnull(c2->features);
	ck_assert_uint_eq(c2->features->n, 2);
	ck_assert_str_eq(c2->features->v[0].name, "s3");
	ck_assert_int_eq(c2->features->v[0].agg, CARD_FEATURE_SUM);
	ck_assert_str_eq(c2->features->v[0].column, "amt");
	ck_assert_double_eq(c2->features->v[0].within, 3 * D);
	ck_assert_str_eq(c2->features->v[1].name, "d7");
	ck_assert_str_eq(c2->features->label, "lbl");
	text2 = card_serialize(c2);
	ck_assert_str_eq(text, text2);
	/* An unknown aggregate, a window not above 0: refused. */
	bad = xstrdup(text);
	memcpy(strstr(bad, "\"sum\""), "\"sun\"", 5);
	ck_assert_ptr_null(card_parse(bad, &err));
	ck_assert_str_eq(err.msg, "malformed scorecard: "
	    "fraud_features.features[0].agg: expected \"count\", "
	    "\"distinct\" or \"sum\"");
	free(bad);
	bad = xstrdup(text);
	memcpy(strstr(bad, "\"within\": 259200"), "\"within\": -59200",
	    16);
	ck_assert_ptr_null(card_parse(bad, &err));
	ck_assert_str_eq(err.msg, "malformed scorecard: "
	    "fraud_features.features[0].within: expected a window in "
	    "seconds > 0");
	free(bad);
	free(text);
	free(text2);
	card_free(c2);
	card_free(card);
	policy_free(p);
	fresh_db_close();
}
END_TEST

/* Windows: whole numbers and a unit. */
START_TEST(test_window_parse)
{
	double s;

	ck_assert_int_eq(policy_window_parse("7d", &s), 0);
	ck_assert_double_eq(s, 7 * D);
	ck_assert_int_eq(policy_window_parse("24h", &s), 0);
	ck_assert_double_eq(s, D);
	ck_assert_int_eq(policy_window_parse("90m", &s), 0);
	ck_assert_double_eq(s, 5400);
	ck_assert_int_eq(policy_window_parse("45s", &s), 0);
	ck_assert_double_eq(s, 45);
	ck_assert_int_eq(policy_window_parse("0d", &s), -1);
	ck_assert_int_eq(policy_window_parse("7", &s), -1);
	ck_assert_int_eq(policy_window_parse("d", &s), -1);
	ck_assert_int_eq(policy_window_parse("1.5d", &s), -1);
	ck_assert_int_eq(policy_window_parse("7days", &s), -1);
	ck_assert_int_eq(policy_window_parse("-7d", &s), -1);
	ck_assert_int_eq(policy_window_parse("7w", &s), -1);
}
END_TEST

/* ---------------------------------------------------------- tuning */

/* A fraud section by hand: features and rule conditions. */
static void
fraud_by_hand(struct policy_fraud *fr, struct policy_feature *fe,
	struct policy_fraud_rule *ru, const char *const *feat, size_t nf,
	const char *const *when, size_t nr)
{
	size_t k;

	memset(fr, 0, sizeof *fr);
	memset(fe, 0, nf * sizeof *fe);
	memset(ru, 0, nr * sizeof *ru);
	for (k = 0; k < nf; k++)
		fe[k].name = (char *)feat[k];
	for (k = 0; k < nr; k++) {
		ru[k].when = (char *)when[k];
		ru[k].action = POLICY_FRAUD_REFER;
	}
	fr->features = fe;
	fr->nfeatures = nf;
	fr->rules = ru;
	fr->nrules = nr;
}

/*
 * The thresholds of a condition: a feature compared with a number on
 * its own between AND / OR / NOT / parentheses, either way round (turned
 * so that the feature is on the left), with a sign; never inside a
 * string, next to arithmetic, after a BETWEEN, or a hexadecimal.
 */
START_TEST(test_thresholds_found)
{
	static const char *const feat[] = { "dev_7d", "addr_sum_30d",
	    "phone_mails_30d" };
	static const char *const when[] = {
		"dev_7d >= 2 and channel = 'online'",
		"20000 <= ADDR_SUM_30D or (\"phone_mails_30d\" > 1.5 and "
		    "dev_7d <> -3)",
		"dev_7d + 1 >= 2 or dev_7d >= 2 * 3 or x = dev_7d >= 2 or "
		    "note = 'dev_7d >= 2' or dev_7d >= 0x10",
		"x between dev_7d and 3 and dev_7d < 4 and not dev_7d = 1",
	};
	struct policy_fraud fr;
	struct policy_feature fe[3];
	struct policy_fraud_rule ru[4];
	struct fraud_threshold *th;
	size_t n;

	fraud_by_hand(&fr, fe, ru, feat, 3, when, 4);
	ck_assert_uint_eq(fraud_thresholds(&fr, 0, &th, &n), 1);
	ck_assert_uint_eq(th[0].feature, 0);
	ck_assert_int_eq(th[0].op, FRAUD_CMP_GE);
	ck_assert_double_eq(th[0].value, 2);
	ck_assert_uint_eq(th[0].at, 10);	/* "dev_7d >= " is 10 bytes */
	ck_assert_uint_eq(th[0].len, 1);
	ck_assert_uint_eq(th[0].cat, 0);
	ck_assert_uint_eq(th[0].clen, 11);
	free(th);

	ck_assert_uint_eq(fraud_thresholds(&fr, 1, &th, &n), 3);
	ck_assert_uint_eq(th[0].feature, 1);
	ck_assert_int_eq(th[0].op, FRAUD_CMP_GE);	/* 20000 <= f */
	ck_assert_double_eq(th[0].value, 20000);
	ck_assert_uint_eq(th[0].at, 0);
	ck_assert_uint_eq(th[0].len, 5);
	ck_assert_uint_eq(th[1].feature, 2);
	ck_assert_int_eq(th[1].op, FRAUD_CMP_GT);
	ck_assert_double_eq(th[1].value, 1.5);
	ck_assert_uint_eq(th[2].feature, 0);
	ck_assert_int_eq(th[2].op, FRAUD_CMP_NE);
	ck_assert_double_eq(th[2].value, -3);
	ck_assert_uint_eq(th[2].len, 2);	/* "-3" */
	free(th);

	ck_assert_uint_eq(fraud_thresholds(&fr, 2, &th, &n), 0);
	ck_assert_ptr_null(th);

	/* The BETWEEN's AND is not a connective: "dev_7d and 3" is not a
	   comparison; "dev_7d < 4" and "not dev_7d = 1" are. */
	ck_assert_uint_eq(fraud_thresholds(&fr, 3, &th, &n), 2);
	ck_assert_int_eq(th[0].op, FRAUD_CMP_LT);
	ck_assert_double_eq(th[0].value, 4);
	ck_assert_int_eq(th[1].op, FRAUD_CMP_EQ);
	ck_assert_double_eq(th[1].value, 1);
	free(th);
}
END_TEST

/* A condition written with moved thresholds, and with one comparison
   written as its truth. */
START_TEST(test_rule_text)
{
	static const char *const feat[] = { "dev_7d", "addr_sum_30d",
	    "phone_mails_30d" };
	static const char *const when[] = {
		"20000 <= addr_sum_30d or (phone_mails_30d > 1.5 and "
		    "dev_7d <> -3)",
	};
	struct policy_fraud fr;
	struct policy_feature fe[3];
	struct policy_fraud_rule ru[1];
	struct fraud_threshold *th;
	double v[3] = { 20000, 2.385, -3 };
	size_t n;
	char *s;

	fraud_by_hand(&fr, fe, ru, feat, 3, when, 1);
	fraud_thresholds(&fr, 0, &th, &n);
	s = fraud_rule_text(when[0], th, n, v, n, 0);
	ck_assert_str_eq(s, "20000 <= addr_sum_30d or (phone_mails_30d > "
	    "2.385 and dev_7d <> -3)");
	free(s);
	v[0] = 18250.5;
	v[2] = 7;
	s = fraud_rule_text(when[0], th, n, v, 1, 1);
	ck_assert_str_eq(s, "18250.5 <= addr_sum_30d or (1 and dev_7d <> 7)");
	free(s);
	s = fraud_rule_text(when[0], th, n, v, 0, 0);
	ck_assert_str_eq(s, "0 or (phone_mails_30d > 2.385 and dev_7d <> 7)");
	free(s);
	free(th);
}
END_TEST

/*
 * The curve of a threshold, f >= x, by hand.  Ten events in scope, four
 * frauds; rule 0 is tuned, rule 1 is "the other rule":
 *
 *   i   f    R1 R0  other  fraud   verdict of rule 0
 *   0   0    1  0   -      -       f >= x
 *   1   1    1  0   -      fraud   f >= x
 *   2   1    1  0   fires  -       f >= x
 *   3   2    1  0   -      fraud   f >= x
 *   4   2    0  0   -      -       never
 *   5   3    1  0   -      fraud   f >= x
 *   6   5    1  1   -      -       always
 *   7   3    1  0   fires  fraud   f >= x
 *   8   4    0  0   fires  -       never
 *   9   0.5  1  0   -      -       f >= x
 *
 * Rule: 1 alert always (6, no fraud) + the dependent events {0, 1, 2, 3,
 * 5, 7, 9} with f >= x; frauds among them 1, 3, 5, 7.  Set: 4 alerts
 * always (2, 6, 7, 8; fraud 7) + the dependent events no other rule
 * fires on, {0, 1, 3, 5, 9}, with f >= x; frauds among them 1, 3, 5.
 * The distinct values of the dependent events: 0, 0.5, 1, 2, 3; the
 * points are those and -1, 4 either side:
 *
 *   x     rule alerts  caught   set alerts  caught
 *   -1    1+7 = 8      4        4+5 = 9     1+3 = 4
 *   0     8            4        9           4
 *   0.5   1+6 = 7      4        4+4 = 8     4
 *   1     1+5 = 6      4        4+3 = 7     4
 *   2     1+3 = 4      3        4+2 = 6     1+2 = 3
 *   3     1+2 = 3      2        4+1 = 5     1+1 = 2
 *   4     1            0        4           1
 *
 * Rates over 10 events and 4 frauds: at x = 2 the rule's alert rate is
 * 4/10 = 0.4, detection 3/4 = 0.75; the set's 6/10 = 0.6 and 0.75.
 * With at most 5 points: 3 values at the ranks 0, 3, 6 of the 7 sorted
 * dependent values (0, 0.5, 1, 1, 2, 3, 3): 0, 1, 3; and -1, 4.
 * Applying x = 2 gives the figures of the x = 2 row to fraud_evaluate.
 */
START_TEST(test_curve_hand)
{
	static const double f[10] = { 0, 1, 1, 2, 2, 3, 5, 3, 4, 0.5 };
	static const unsigned char r[10] = { 2, 2, 2, 2, 0, 2, 3, 2, 0, 2 };
	static const int other[10] = { 0, 0, 1, 0, 0, 0, 0, 1, 1, 0 };
	static signed char fraud[10] = { 0, 1, 0, 1, 0, 1, 0, 1, 0, 0 };
	static const double want_x[7] = { -1, 0, 0.5, 1, 2, 3, 4 };
	static const size_t want[7][4] = {
		{ 8, 4, 9, 4 }, { 8, 4, 9, 4 }, { 7, 4, 8, 4 },
		{ 6, 4, 7, 4 }, { 4, 3, 6, 3 }, { 3, 2, 5, 2 },
		{ 1, 0, 4, 1 } };
	static const char *const feat[] = { "f" };
	static const char *const when[] = { "f >= 1", "other" };
	struct policy_fraud fr;
	struct policy_feature fe[1];
	struct policy_fraud_rule ru[2];
	struct fraud_data d;
	struct fraud_tune tu;
	struct fraud_curve_point *pt;
	struct fraud_eval e;
	double t[10], fv[10], *feats[1];
	uint64_t hits[10];
	signed char action[10];
	int rule[10];
	size_t i, n;

	fraud_by_hand(&fr, fe, ru, feat, 1, when, 2);
	memset(&d, 0, sizeof d);
	memset(&tu, 0, sizeof tu);
	for (i = 0; i < 10; i++) {
		t[i] = 1000.0 * (double)i;
		fv[i] = f[i];
		/* As loaded at x = 1. */
		hits[i] = (uint64_t)((f[i] >= 1 ? r[i] >> 1 : r[i]) & 1) |
		    (uint64_t)other[i] << 1;
	}
	feats[0] = fv;
	d.n = 10;
	d.t = t;
	d.fraud = fraud;
	d.nfeatures = 1;
	d.feat = feats;
	d.nrules = 2;
	d.hits = hits;
	d.action = action;
	d.rule = rule;
	tu.rule = 0;
	tu.feature = 0;
	tu.op = FRAUD_CMP_GE;
	tu.r = (unsigned char *)r;

	pt = fraud_tune_curve(&d, &tu, -INFINITY, 200, &n);
	ck_assert_uint_eq(n, 7);
	for (i = 0; i < 7; i++) {
		ck_assert_double_eq(pt[i].x, want_x[i]);
		ck_assert_uint_eq(pt[i].alerts, want[i][0]);
		ck_assert_uint_eq(pt[i].frauds_caught, want[i][1]);
		ck_assert_uint_eq(pt[i].set_alerts, want[i][2]);
		ck_assert_uint_eq(pt[i].set_frauds_caught, want[i][3]);
	}
	ck_assert_double_eq_tol(pt[4].alert_rate, 0.4, TOL);
	ck_assert_double_eq_tol(pt[4].detection_rate, 0.75, TOL);
	ck_assert_double_eq_tol(pt[4].set_alert_rate, 0.6, TOL);
	ck_assert_double_eq_tol(pt[4].set_detection_rate, 0.75, TOL);
	free(pt);

	pt = fraud_tune_curve(&d, &tu, -INFINITY, 5, &n);
	ck_assert_uint_eq(n, 5);
	ck_assert_double_eq(pt[1].x, 0);
	ck_assert_double_eq(pt[2].x, 1);
	ck_assert_uint_eq(pt[2].alerts, 6);
	ck_assert_double_eq(pt[3].x, 3);
	ck_assert_uint_eq(pt[3].set_alerts, 5);
	ck_assert_double_eq(pt[4].x, 4);
	free(pt);

	/* Only the events from t = 5000 on (5 to 9): dependent 5, 7 (f 3)
	   and 9 (f 0.5), so the points -0.5, 0.5, 3, 4; rule 1 + {5, 7, 9}
	   with f >= x; at x = 3, 1 + 2 = 3 alerts of 5 events. */
	pt = fraud_tune_curve(&d, &tu, 5000, 200, &n);
	ck_assert_uint_eq(n, 4);	/* -0.5, 0.5, 3, 4 */
	ck_assert_double_eq(pt[2].x, 3);
	ck_assert_uint_eq(pt[2].alerts, 3);
	ck_assert_double_eq_tol(pt[2].alert_rate, 0.6, TOL);
	free(pt);

	/* Moved to 2: the evaluation is the x = 2 row. */
	fraud_tune_apply(&d, &fr, &tu, 2);
	fraud_evaluate(&d, -INFINITY, NAN, &e);
	ck_assert_uint_eq(e.rule[0].alerts, 4);
	ck_assert_uint_eq(e.rule[0].frauds_caught, 3);
	ck_assert_uint_eq(e.set.alerts, 6);
	ck_assert_uint_eq(e.set.frauds_caught, 3);
	ck_assert_int_eq(d.rule[6], 0);
	ck_assert_int_eq(d.rule[8], 1);
	ck_assert_int_eq(d.action[4], -1);
	fraud_eval_done(&e);
}
END_TEST

/*
 * Through the database: the rule of test_load_dates_and_history,
 * "n_2d >= 1 and kind = 'web'", its threshold moved to 3, gives the
 * verdicts of the same policy written with "n_2d >= 3" (n_2d is 0, 0,
 * 2, 0, 3, 2, 0 on the seven events: only the fifth fires), and a
 * kind that is not 'web' never fires (R1 = R0 = 0 on it).
 */
START_TEST(test_tune_db)
{
	static const char *const pol = "name: t\nfraud:\n  time: day\n"
	    "  features:\n"
	    "    - {name: n_2d, count: earlier, same: [device, zip], "
	    "within: 2d}\n  rules:\n"
	    "    - {name: again, when: n_2d >= %s and kind = 'web', "
	    "action: refer, reason: F9}\n";
	struct fraud_data d, d3;
	struct fraud_tune tu;
	struct fraud_threshold *th;
	struct rd_err err;
	struct policy *p, *p3;
	const char *tab[1] = { "hist" };
	char yaml[600];
	double v[1] = { 1 };
	size_t n, i;

	fresh_db_open("fraud-tune");
	import_text("hist", "id,day,device,zip,kind\n"
	    "1,2024-03-01,d1,10,web\n2,2024-03-01,d1,10,web\n"
	    "3,2024-03-02,d1,10,web\n4,2024-03-02,d1,11,web\n"
	    "5,2024-03-03,d1,10,web\n6,2024-03-04,d1,10,shop\n"
	    "7,2024-03-04,,10,web\n");
	snprintf(yaml, sizeof yaml, pol, "1");
	p = policy_text(yaml);
	snprintf(yaml, sizeof yaml, pol, "3");
	p3 = policy_text(yaml);
	ck_assert_int_eq(fraud_data_load(cur_db, p, tab, 1, 0, &d, &err), 0);
	ck_assert_int_eq(fraud_data_load(cur_db, p3, tab, 1, 0, &d3, &err),
	    0);
	ck_assert_uint_eq(fraud_thresholds(p->fraud, 0, &th, &n), 1);
	ck_assert_msg(fraud_tune_prepare(cur_db, p, tab, 1, 0, &d, th, 1, v,
	    0, &tu, &err) == 0, "%s", err.msg);
	/* Row 6 is a shop: never; the others follow n_2d >= x. */
	ck_assert_uint_eq(tu.r[5], 0);
	ck_assert_uint_eq(tu.r[0], 2);
	/* The steps: the values 0, 2, 3 of the web rows. */
	ck_assert_uint_eq(tu.nsteps, 3);
	ck_assert_double_eq(tu.steps[2], 3);
	fraud_tune_apply(&d, p->fraud, &tu, 3);
	for (i = 0; i < 7; i++) {
		ck_assert_uint_eq(d.hits[i], d3.hits[i]);
		ck_assert_int_eq(d.action[i], d3.action[i]);
	}
	ck_assert_uint_eq(d.hits[4], 1);
	fraud_tune_done(&tu);
	free(th);
	fraud_data_done(&d);
	fraud_data_done(&d3);
	policy_free(p);
	policy_free(p3);
	fresh_db_close();
}
END_TEST

/*
 * A moved threshold written into the file: only the number's bytes
 * change, whether the condition is plain, single-quoted (with '' for a
 * quote) or double-quoted; a condition spread over two lines is refused
 * at its place.
 */
START_TEST(test_edit_span)
{
	static const char *const yaml = "# rules\nname: t   # kept\n"
	    "fraud:\n  time: day\n  features:\n"
	    "    - {name: n_2d, count: earlier, same: dev, within: 2d}\n"
	    "  rules:\n"
	    "    - {name: a, when: n_2d >= 1 and kind = 'web', action: "
	    "refer, reason: F1}\n"
	    "    - name: b\n      when: 'n_2d >= 2 and kind = ''shop'''\n"
	    "      action: refer\n      reason: F2\n"
	    "    - {name: c, when: \"kind = 'x' or n_2d > 4\", action: "
	    "decline, reason: F3}\n"
	    "    - name: d\n      when: n_2d >= 5\n        and kind = 'y'\n"
	    "      action: refer\n      reason: F4\n";
	struct policy_edit_span sp[3];
	struct fraud_threshold *th[4];
	struct policy *p;
	struct rd_err err;
	char path[300], *out;
	size_t n[4], k;

	fresh_db_open("fraud-edit");
	snprintf(path, sizeof path, "%s.yaml", cur_path);
	write_file(path, yaml);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	for (k = 0; k < 4; k++)
		fraud_thresholds(p->fraud, k, &th[k], &n[k]);
	for (k = 0; k < 3; k++) {
		sp[k].at = p->fraud->rules[k].when_at;
		sp[k].value = p->fraud->rules[k].when;
		sp[k].from = th[k][0].at;
		sp[k].len = th[k][0].len;
	}
	sp[0].text = "3";
	sp[1].text = "2.5";
	sp[2].text = "12";
	out = policy_edit_text_spans(p, NULL, sp, 3, NULL, &err);
	ck_assert_msg(out != NULL, "%s", err.msg);
	ck_assert_str_eq(out, "# rules\nname: t   # kept\n"
	    "fraud:\n  time: day\n  features:\n"
	    "    - {name: n_2d, count: earlier, same: dev, within: 2d}\n"
	    "  rules:\n"
	    "    - {name: a, when: n_2d >= 3 and kind = 'web', action: "
	    "refer, reason: F1}\n"
	    "    - name: b\n      when: 'n_2d >= 2.5 and kind = ''shop'''\n"
	    "      action: refer\n      reason: F2\n"
	    "    - {name: c, when: \"kind = 'x' or n_2d > 12\", action: "
	    "decline, reason: F3}\n"
	    "    - name: d\n      when: n_2d >= 5\n        and kind = 'y'\n"
	    "      action: refer\n      reason: F4\n");
	free(out);

	sp[0].at = p->fraud->rules[3].when_at;
	sp[0].value = p->fraud->rules[3].when;
	sp[0].from = th[3][0].at;
	sp[0].len = th[3][0].len;
	ck_assert_ptr_null(policy_edit_text_spans(p, NULL, sp, 1, NULL,
	    &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 15);
	ck_assert(strstr(err.msg, "on one line") != NULL);
	for (k = 0; k < 4; k++)
		free(th[k]);
	policy_free(p);
	unlink(path);
	fresh_db_close();
}
END_TEST

static Suite *
fraud_suite(void)
{
	Suite *s = suite_create("fraud");
	TCase *core = tcase_create("features");
	TCase *fig = tcase_create("figures");
	TCase *db = tcase_create("database");
	TCase *tune = tcase_create("tuning");

	tcase_add_test(core, test_count_edges_ties);
	tcase_add_test(core, test_count_order_free);
	tcase_add_test(core, test_distinct);
	tcase_add_test(core, test_sum);
	tcase_add_test(core, test_key_combine);
	tcase_add_test(core, test_window_parse);
	tcase_add_test(fig, test_figures_hand);
	tcase_add_test(fig, test_figures_no_label);
	tcase_add_test(fig, test_scorecard_hand);
	tcase_add_test(db, test_load_dates_and_history);
	tcase_add_test(db, test_check_columns_errors);
	tcase_add_test(db, test_card_features);
	suite_add_tcase(s, core);
	suite_add_tcase(s, fig);
	suite_add_tcase(s, db);
	tcase_add_test(tune, test_thresholds_found);
	tcase_add_test(tune, test_rule_text);
	tcase_add_test(tune, test_curve_hand);
	tcase_add_test(tune, test_tune_db);
	tcase_add_test(tune, test_edit_span);
	suite_add_tcase(s, tune);
	return s;
}

int
main(void)
{
	Suite *s[1];

	s[0] = fraud_suite();
	return run_suites(s, 1);
}
