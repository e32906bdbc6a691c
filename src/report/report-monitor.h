/*
 * report-monitor.h - the portfolio monitoring of `riskdesk monitor` as
 * text or JSON.  Presents what desk_monitor computed; computes nothing.
 */
#ifndef RD_REPORT_REPORT_MONITOR_H
#define RD_REPORT_REPORT_MONITOR_H

#include <stdio.h>

#include "desk/desk-monitor.h"
#include "report/report.h"

struct rd_err;

/*
 * Write m to f.  HTML: a page of its own (inline SVG charts of the PSI,
 * the Gini, the approval rate and, with a policy or cutoff, the low-side
 * override rate by period; then the tables of the text).  Text: the sections "stability", "characteristics"
 * (CSI and points shift per period), "discrimination", "back-test",
 * "decisions", "overrides" (with a policy or cutoff), "vintages" and
 * "roll rates".  JSON: {"scorecard", "applications", "performance",
 * "settings": {...}, "development": {"rows", "auc", "mean_score"},
 * "counts": {...}, "score_bands": [breaks], "periods": [{"period",
 * "applications", "approved", "referred", "declined", "booked",
 * "approval_rate", "refer_rate", "decline_rate", "psi", "psi_reading",
 * "psi_critical", "psi_flag", "score_shift", "characteristics":
 * [{"name", "csi", "reading", "points_shift"}], "matured", "bads",
 * "auc", "gini", "ks", "auc_p", "low_side", "high_side",
 * "low_side_rate", "high_side_rate", "low_side_alert",
 * "high_side_alert", "segments": [{"segment", "applications",
 * "approved", "referred", "declined"}]}], "discrimination": {"matured",
 * "bads", "auc", "gini", "auc_p"}, "backtest": {"grades": [{"lo", "hi",
 * "n", "defaults", "pd", "default_rate", "binomial_p", "jeffreys_p",
 * "light"}], "n", "defaults", "hl", "hl_df", "hl_p", "herfindahl",
 * "herfindahl_normalised"}, "vintages": {"cohorts": [{"cohort",
 * "accounts", "rate": [by months on book]}]}, "roll_rates": {"buckets",
 * "count", "rate", "roll", "flow_to_charge_off", "pairs", "gaps"}};
 * NaN and infinities are null.  Returns 0, or -1 with err RD_EIO.
 */
int report_monitor(FILE *f, const struct desk_monitor *m,
	enum report_format fmt, struct rd_err *err);

#endif
