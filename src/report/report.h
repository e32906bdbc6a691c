/*
 * report.h - headless writers: the import summary, the fitted scorecard
 * and the policy report, as text for people or JSON for programs.
 *
 * Writers never compute: every figure comes from the core (desk, sim,
 * card).  Output is deterministic: C locale, fixed precision, stable order,
 * no timestamps.  In JSON a rate with no denominator (NaN) is null; rates
 * are fractions 0..1; money is in the population's currency units.
 */
#ifndef RD_REPORT_REPORT_H
#define RD_REPORT_REPORT_H

#include <stdio.h>

#include "data/csv-import.h"
#include "desk.h"
#include "model/card.h"

struct rd_err;

enum report_format {
	REPORT_TEXT,
	REPORT_JSON
};

/* Parse "text" or "json"; returns 0, or -1 for anything else. */
int report_format_parse(const char *s, enum report_format *fmt);

/*
 * The policy report of the desk's champion (and challenger, when loaded):
 * model discrimination, approval/refer/decline rates, bad rate, expected
 * bad rate, exposure and expected loss, knock-outs and segments.  Returns
 * 0, or -1 with err RD_EIO when writing fails, RD_EUSAGE when no policy is
 * loaded.
 */
int report_policy(FILE *f, const struct desk *d, enum report_format fmt,
	struct rd_err *err);

/* The summary of an import of table from csv. */
int report_import(FILE *f, const char *table, const struct import_summary *s,
	enum report_format fmt, struct rd_err *err);

/*
 * A fitted scorecard: coefficients with standard errors and Wald p-values,
 * AUC, Gini and KS on the development sample, the points table and the
 * characteristics left out.
 */
int report_fit(FILE *f, const struct scorecard *card, enum report_format fmt,
	struct rd_err *err);

#endif
