/*
 * report-fraud.h - the figures of a fraud rule set (desk-fraud.h) as text
 * or JSON, for riskdesk fraud.  Presents only; fraud.c computes.
 */
#ifndef RD_REPORT_FRAUD_H
#define RD_REPORT_FRAUD_H

#include <jansson.h>
#include <stdio.h>

struct desk_fraud;
struct fraud_eval;
struct policy;
struct rd_err;

/*
 * Write f's figures to out: the set, then one line per rule, then the
 * alerts by day against the capacity.  json: one object with the keys
 * events, frauds, alerts, frauds_caught, alert_rate, detection_rate,
 * value_detection_rate, false_positive_ratio, precision, fraud_amount,
 * amount_caught, declines, refers, days, alerts_per_day, max_alerts_day,
 * capacity (and with one days_over_capacity, alerts_over_capacity,
 * alerts_worked, frauds_worked, detection_rate_at_capacity), and rules,
 * an object keyed by rule name with its action, condition (when) and
 * reason, alerts, frauds_caught, unique_frauds and the rule's rates; a figure that cannot be computed
 * is null (n/a in text).  Returns 0, or -1 with err (RD_EIO).
 */
int report_fraud(FILE *out, const struct desk_fraud *f, int json,
	struct rd_err *err);

/* The text and the JSON object of report_fraud for the figures e of the
   fraud rules of p on table (--report shows them after the policy);
   the caller owns the object. */
void report_fraud_text(FILE *out, const struct policy *p, const char *table,
	const struct fraud_eval *e);
json_t *report_fraud_json(const struct policy *p, const char *table,
	const struct fraud_eval *e);

/*
 * Write each scored event of f as a CSV line to out: row (the rowid), the
 * time as seconds since 1970-01-01 00:00:00, each feature (its name as
 * the header), fraud_action (refer, decline or empty), fraud_rule and
 * fraud_reason (of the action, empty when none), rules (the names of
 * every rule that fires, separated by '+'), and fraud (the label, when
 * the policy names one).  Numbers as %.17g.  Returns 0, or -1 with err
 * (RD_EIO).
 */
int report_fraud_events(FILE *out, const struct desk_fraud *f,
	struct rd_err *err);

#endif
