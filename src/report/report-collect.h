/*
 * report-collect.h - the headless writer of riskdesk collect: rates per
 * bucket and treatment, the randomised tests, the plan of the strategy
 * (and a challenger's) for a month, and the optimiser, as text or JSON.
 * It never computes; the figures are model/collect.c's.
 */
#ifndef RD_REPORT_REPORT_COLLECT_H
#define RD_REPORT_REPORT_COLLECT_H

#include <stdio.h>

#include "desk/desk-collect.h"
#include "report/report.h"

struct rd_err;

/*
 * Write c.  JSON: {"policy", "snapshots", "treatments", "month",
 * "history": {"snapshots", "treatments_logged", "first_month",
 * "last_month", "with_outcome", "open", "not_delinquent"}, "rates": {"BUCKET/TREATMENT": {"bucket",
 * "treatment", "n", "cured", "rolled", "stayed", "cure_rate",
 * "roll_rate", "balance", "cured_balance"}}, "tests":
 * {"BUCKET/TREATMENT-vs-CHAMPION": {"bucket", "treatment", "champion",
 * "n", "cured", "n_champion", "cured_champion", "cure_rate",
 * "cure_rate_champion", "difference", "ci_low", "ci_high", "statistic",
 * "p_value", "power", "enough"}}, "plan": PLAN, "challenger_plan": PLAN
 * or null, "optimiser": {"method", "treatments", "plan_total",
 * "untreated", "value", "bound", "gap", "strategy_value"}} where PLAN is
 * {"policy", "month", "accounts", "treatments": {"TREATMENT":
 * {"accounts", "expected_cures", "expected_cured_balance", "cost",
 * "capacity", "capacity_used", "unrated"}}, "plan_total": {the same
 * keys}, "fell", "untreated", "challenged", "rules": {"RULE":
 * accounts}}; capacity null when none, NaN and infinities null.
 * Returns 0, or -1 with err RD_EIO when writing fails.
 */
int report_collect(FILE *f, const struct desk_collect *c,
	enum report_format fmt, struct rd_err *err);

#endif
