/*
 * fraud-tune.h - moving a fraud rule's threshold: the numbers a rule's
 * condition compares a feature with, the rule set evaluated again with
 * one of them moved, and the curve of detection rate against alert rate
 * the threshold moves along.
 *
 * A threshold is a numeric literal compared with a feature in a rule's
 * "when:" (riskdesk-policy(5), FRAUD RULES): "dev_7d >= 2" or
 * "20000 <= addr_sum_30d", where the comparison stands on its own in the
 * condition -- at its start or after "(", AND, OR or NOT, and followed by
 * its end, ")", AND or OR -- so that the condition is true exactly when
 * it would be with the comparison replaced by its truth.  That is what
 * lets the rule be evaluated for any value x of the threshold from two
 * verdicts per event computed once: R1, the condition with the
 * comparison written as true, and R0, written as false; the rule fires
 * on an event with feature value f at threshold x when
 *     f OP x ? R1 : R0
 * (a feature is never NULL, so the comparison is always true or false).
 * Moving a threshold is then a linear pass over the events in memory:
 * the features are not computed again and no SQL is run.
 *
 * The call sequence: fraud_thresholds lists a rule's thresholds;
 * fraud_tune_prepare evaluates R1 and R0 for one of them (one SQL pass
 * over the table, as fraud_data_load's rules); fraud_tune_apply sets the
 * rule's verdicts in a fraud_data for a value, after which
 * fraud_evaluate gives the figures; fraud_tune_curve gives the curve.
 */
#ifndef RD_FRAUD_FRAUD_TUNE_H
#define RD_FRAUD_FRAUD_TUNE_H

#include <stddef.h>

#include "fraud/fraud.h"

struct db;
struct rd_err;

/* A comparison of a feature f with a threshold x, written f OP x (a
   literal on the left is turned round: "2 <= f" is f >= 2). */
enum fraud_cmp {
	FRAUD_CMP_GE,		/* f >= x */
	FRAUD_CMP_GT,		/* f > x */
	FRAUD_CMP_LE,		/* f <= x */
	FRAUD_CMP_LT,		/* f < x */
	FRAUD_CMP_EQ,		/* f = x, f == x */
	FRAUD_CMP_NE		/* f != x, f <> x */
};

/* The operators as written f OP x, in enum fraud_cmp order. */
extern const char *const fraud_cmp_names[];

/* Whether f OP x. */
int fraud_cmp_true(enum fraud_cmp op, double f, double x);

/* One threshold of a rule: byte spans into the rule's when text. */
struct fraud_threshold {
	size_t rule;		/* index in p->fraud->rules */
	size_t feature;		/* index in p->fraud->features */
	enum fraud_cmp op;
	double value;		/* as written */
	size_t at, len;		/* the literal (with its sign) */
	size_t cat, clen;	/* the whole comparison */
};

/*
 * The thresholds of rule r of fr, in the order written, into a heap
 * array *out (caller frees; NULL when none) of *n.  Names are matched
 * without regard to case, bare or "double-quoted"; text in 'quotes' is
 * skipped.  A comparison that does not stand on its own (see above), or
 * whose literal is not a plain decimal number, is not a threshold.
 * Returns *n.
 */
size_t fraud_thresholds(const struct policy_fraud *fr, size_t r,
	struct fraud_threshold **out, size_t *n);

/*
 * The text of a rule condition when with its thresholds th[nth] (all of
 * one rule, in fraud_thresholds' order) written as values[nth] (plain
 * decimals that read back exactly); and, when subst < nth, comparison
 * subst written as truth ("1" or "0") instead.  A heap string the caller
 * frees.
 */
char *fraud_rule_text(const char *when, const struct fraud_threshold *th,
	size_t nth, const double *values, size_t subst, int truth);

/*
 * One threshold under tuning: the verdicts R1 and R0 of its rule on
 * every event, and the values the threshold can usefully take.
 */
struct fraud_tune {
	size_t rule;		/* the rule */
	size_t feature;		/* the feature compared */
	enum fraud_cmp op;
	unsigned char *r;	/* [n] bit 1: R1, bit 0: R0 (scored
				   rows only; 0 on history rows) */
	double *steps;		/* [nsteps] ascending: the distinct values
				   of the feature on scored events whose
				   verdict depends on the threshold */
	size_t nsteps;
};

/*
 * Prepare the tuning of threshold th[which] of rule th->rule of policy p
 * on d, loaded by fraud_data_load(db, p, tables, ntables, scored) (same
 * arguments), the rule's other thresholds being at values[] (th[nth]
 * and values[nth] as fraud_rule_text): R1 and R0 evaluated on the
 * scored rows in one SQL pass, then checked against d's verdicts of the
 * rule at values[which] (d must hold them: as loaded, or as left by
 * fraud_tune_apply).  Fills *out (release with fraud_tune_done).
 * Returns 0, or -1 with err: db_expr_scan_with's errors; RD_EINPUT when
 * the rule's verdicts do not follow from R1 and R0 (the threshold is not
 * one that can be moved alone).
 */
int fraud_tune_prepare(struct db *db, const struct policy *p,
	const char *const *tables, size_t ntables, size_t scored,
	const struct fraud_data *d, const struct fraud_threshold *th,
	size_t nth, const double *values, size_t which,
	struct fraud_tune *out, struct rd_err *err);

void fraud_tune_done(struct fraud_tune *tu);

/*
 * Set rule tu->rule's verdicts on the scored rows of d for the threshold
 * at x, and each row's action and rule again (as fraud_data_load: decline
 * when a declining rule fires, else refer; the first firing rule in
 * policy order with that action).  fr is the policy's fraud section.
 * O(n).
 */
void fraud_tune_apply(struct fraud_data *d, const struct policy_fraud *fr,
	const struct fraud_tune *tu, double x);

/* One point of the curve: the threshold at x. */
struct fraud_curve_point {
	double x;
	size_t alerts, frauds_caught;		/* the rule's */
	size_t set_alerts, set_frauds_caught;	/* the rule set's */
	double alert_rate, detection_rate;	/* the rule's */
	double set_alert_rate, set_detection_rate;
};

/*
 * The curve of the tuned threshold over d's scored rows with time >=
 * from (as fraud_evaluate): for each x of at most maxpts (>= 4) values
 * -- the distinct values of the feature on the events whose verdict
 * depends on the threshold (every one when there are at most maxpts -
 * 2, else those at maxpts - 2 evenly spaced ranks of the events sorted
 * by the value), and one value either side of them (the smallest minus
 * 1, the largest plus 1), ascending -- the alerts and frauds caught of
 * the rule and of the set (an event alerts when any rule fires), and
 * their rates (over the events and the frauds in scope; NaN without a
 * label or a fraud).  The other rules' verdicts are d's.  One sort of
 * the dependent events by value, then one pass of cumulative counts:
 * O(n + m log m).  Returns a heap array (caller frees) of *npts points,
 * or NULL with *npts 0 when no event depends on the threshold.
 */
struct fraud_curve_point *fraud_tune_curve(const struct fraud_data *d,
	const struct fraud_tune *tu, double from, size_t maxpts,
	size_t *npts);

#endif
