/*
 * fraud.h - application fraud rules: velocity and linkage characteristics
 * computed point in time over a stream of events, rules on them, and the
 * figures a fraud team tunes a rule set by on known fraud.
 *
 * Features (riskdesk-policy(5), "FRAUD RULES").  The earlier events of
 * event i, at time t, are the events j of the stream with the same key
 * and t - within <= t_j < t: the far edge of the window is inclusive,
 * the near edge exclusive, so an event never counts itself and events at
 * the same time never count one another (the tie rule: what happened at
 * the same second, or on the same day when times are dates, is not
 * "earlier").  An event whose key is NULL or empty matches nothing:
 * its features are 0 and it counts for no other event.  count is the
 * number of earlier events; distinct: C the number of distinct non-empty
 * values of C among them; sum: C the sum of C over them (NULL cells add
 * nothing; 0 when there is none).
 *
 * Computation: the events with a key are sorted once by (key, time, row)
 * (O(n log n)); then each key's events are walked in time order with two
 * pointers bounding the window [lo, hi) of earlier events, which only
 * move forward, keeping the count, a running sum, and for distinct a
 * count per value (exact: no sketch).  Memory: the sort array (16 bytes
 * an event), and for distinct a counter per value of C.  Never a
 * self-join.
 *
 * Rules are the policy's conditions (SQL expressions, db_expr_scan_with)
 * over the event's columns and its features.  An event's action is
 * decline when a declining rule fires, else refer when a referring one
 * does; its rule is the first firing rule, in policy order, with that
 * action.
 *
 * The layer uses the data layer (events.h, db.h), the policy and the
 * model's AUC (metric.h, for a fraud scorecard's figures); the
 * front ends (cmd, report, tui) only present what it computes.
 */
#ifndef RD_FRAUD_FRAUD_H
#define RD_FRAUD_FRAUD_H

#include <stddef.h>
#include <stdint.h>

#include "policy/policy.h"

struct db;
struct rd_err;

/* --------------------------------------------------- features, pure */

/*
 * The key of each event from the codes of its key columns codes[ncols]
 * (each [n], -1 for NULL or empty): out[i] a code equal for events whose
 * codes are all equal, -1 when one of them is -1.  Codes are dense from
 * 0.  O(n) with a hash of the pairs.
 */
void fraud_key_combine(size_t n, const int32_t *const *codes, size_t ncols,
	int32_t *out);

/*
 * One feature of every event: out[i] (n of them) for event i at time
 * t[i] (seconds) with key key[i] (-1: none), over the window within
 * (seconds, > 0).  agg POLICY_FRAUD_COUNT needs nothing more;
 * POLICY_FRAUD_DISTINCT the codes dcode[n] (-1: empty, not counted) of
 * which there are ndcodes; POLICY_FRAUD_SUM the values sval[n] (NaN adds
 * nothing).  Sums are accumulated in long double and reset to 0 whenever
 * the window empties.  Returns 0.
 */
int fraud_feature(size_t n, const double *t, const int32_t *key,
	enum policy_fraud_agg agg, const int32_t *dcode, size_t ndcodes,
	const double *sval, double within, double *out);

/* ------------------------------------------------ a table's events */

/*
 * The events of one or more tables (history first, then the events
 * scored), their features and the rules' verdicts.  Arrays [n] are in
 * stream order: each table's rows in rowid order, tables one after the
 * other.  Owned; release with fraud_data_done.
 */
struct fraud_data {
	size_t n;
	int64_t *rowid;		/* [n] */
	double *t;		/* [n] event time, seconds */
	signed char *fraud;	/* [n] 1 known fraud, 0 not; NULL: no label */
	double *amount;		/* [n] exposure, NaN when NULL; NULL: none */
	size_t nfeatures;
	double **feat;		/* [nfeatures][n] */
	size_t nrules;
	uint64_t *hits;		/* [n] bit r set: rule r fires */
	signed char *action;	/* [n] -1 none, else enum
				   policy_fraud_action */
	int *rule;		/* [n] the rule of the action, -1 none */
	size_t first;		/* rows before it are history: features
				   counted, rules not evaluated */
	double *score;		/* [n] owned: the points of a fraud
				   scorecard (fewer points, more fraud
				   risk); NULL when none.  Set by the
				   caller before fraud_evaluate. */
};

/*
 * Read the events of tables[ntables] (history tables first; the rows of
 * tables from index scored on are the ones scored), compute every
 * feature of p->fraud over the whole stream, and evaluate the rules on
 * the rows scored (each row's condition over its own table's columns).
 * The label's 1 (a number, or text reading as 1) is fraud, anything else
 * (0, NULL) not.  Fills *out (zeroed first).  Returns 0, or -1 with err:
 * as events_load and db_expr_scan_with report it.  The caller has
 * checked the columns (policy_fraud_check_columns).
 */
int fraud_data_load(struct db *db, const struct policy *p,
	const char *const *tables, size_t ntables, size_t scored,
	struct fraud_data *out, struct rd_err *err);

void fraud_data_done(struct fraud_data *d);

/* ----------------------------------------------------------- figures */

/* The figures of one rule, or of the whole set (an alert: any rule). */
struct fraud_figures {
	size_t alerts;		/* events the rule fires on */
	size_t frauds_caught;	/* of them, known fraud */
	size_t false_positives;	/* alerts - frauds_caught */
	size_t unique_frauds;	/* frauds no other rule catches (rules) */
	double amount_caught;	/* sum of amount over frauds caught */
	double alert_rate;	/* alerts / events */
	double detection_rate;	/* frauds_caught / frauds */
	double value_detection_rate;	/* amount_caught / fraud amount */
	double false_positive_ratio;	/* false_positives / frauds_caught:
					   honest alerts per fraud caught */
	double precision;	/* frauds_caught / alerts */
};

/*
 * The evaluation of a rule set.  A figure that cannot be computed is NaN
 * (printed n/a): without a label every figure of fraud; without an amount
 * the value figures; a ratio whose denominator is 0.
 */
struct fraud_eval {
	size_t events;		/* events in scope */
	size_t frauds;		/* of them known fraud */
	double fraud_amount;	/* sum of amount over the frauds */
	int labelled, valued;	/* a label, an amount column */
	struct fraud_figures set;
	struct fraud_figures *rule;	/* [nrules] owned */
	size_t nrules;
	size_t declines, refers;	/* events by their action */
	/* By calendar day (floor of time / 86,400 s) over the days from
	   the first event in scope to the last: */
	size_t days;
	double alerts_per_day;	/* set.alerts / days */
	size_t max_alerts_day;	/* alerts on the busiest day */
	/* With a capacity (NaN: none): the team works at most floor(
	   capacity) alerts a day, the highest-risk first -- declines before
	   refers, then more rules fired before fewer, then earlier before
	   later; the rest wait. */
	double capacity;
	size_t days_over;	/* days with more alerts than capacity */
	size_t alerts_over;	/* alerts beyond capacity, summed by day */
	size_t worked;		/* alerts worked */
	size_t frauds_worked;	/* frauds among them */
	double detection_at_capacity;	/* frauds_worked / frauds */
	/* With a fraud scorecard (d->score): the alerts of a day are
	   worked fewest points first (the highest fraud risk), the order
	   above breaking ties, and worked, frauds_worked and
	   detection_at_capacity are of that order; the same figures of
	   the order by the rules alone are kept for comparison.  auc: the
	   scorecard's AUC on the events in scope against the label, P(a
	   fraud has fewer points than an honest event), ties 1/2 (metric.h
	   metric_auc of the negated points); NaN without a label, a fraud
	   or an honest event. */
	int scored;		/* d->score was given */
	double auc;
	size_t worked_rules, frauds_worked_rules;
	double detection_at_capacity_rules;
};

/*
 * The figures of d's scored rows with time >= from (-INFINITY: all) into
 * *e (zeroed first; release with fraud_eval_done).  capacity as in
 * p->fraud (NaN: none).  O(n + a log a) for a alerts; with d->score,
 * O(n log n) for the AUC.
 */
void fraud_evaluate(const struct fraud_data *d, double from, double capacity,
	struct fraud_eval *e);

void fraud_eval_done(struct fraud_eval *e);

#endif
