/*
 * report-data.h - headless writers for the data commands: the profile of
 * a table and the summary of a link, as text or JSON.  They never
 * compute; the figures come from data/profile.h and data/link.h.
 */
#ifndef RD_REPORT_REPORT_DATA_H
#define RD_REPORT_REPORT_DATA_H

#include <stdio.h>

#include "data/link.h"
#include "data/profile.h"
#include "report/report.h"

struct rd_err;

/*
 * The profile p.  JSON: {"table", "rows", "rejected", "target", "bads",
 * "goods", "indeterminate", "bad_rate", "columns": [{"name", "type",
 * "count", "missing", "missing_pct", "distinct", and by type "min",
 * "max", "mean", "sd", "quantiles": {"p1", "p5", "p25", "p50", "p75",
 * "p95", "p99"}; "top": [{"value", "count", "share"}]; "first", "last",
 * "months": [{"month", "count"}]}]}; NaN is null.  A profile of an
 * engine's table (profile_engine) adds "engine", "source" and
 * "roles_detected": false after "table", and its text a line saying
 * that it has no roles.  Returns 0, or -1 with err RD_EIO when writing
 * fails.
 */
int report_profile(FILE *f, const struct profile *p, enum report_format fmt,
	struct rd_err *err);

/*
 * The summary of a link into table as.  JSON: {"table", "applicants",
 * "performance", "linked", "bads", "goods", "indeterminate", "target",
 * "duplicate_applicant_keys", "duplicate_performance_keys",
 * "orphan_performance_keys": {"count", "first": [...]}}.
 */
int report_link(FILE *f, const char *as, const struct link_summary *s,
	enum report_format fmt, struct rd_err *err);

#endif
