/*
 * report-bin.h - the characteristic analysis ("riskdesk bin") as text for
 * people or JSON for programs: per characteristic its IV with the strength
 * reading, Gini and KS of the WoE-coded characteristic, status and bins;
 * and the stability (CSI) of the binnings on another table with the
 * fallbacks used.  Every table and every JSON document carries the
 * conventions (WoE sign, zero-cell adjustment, interval closure, missing
 * and special bins).  Writers never compute: the figures come from
 * desk-bin.h.
 */
#ifndef RD_REPORT_REPORT_BIN_H
#define RD_REPORT_REPORT_BIN_H

#include <stddef.h>
#include <stdio.h>

#include "desk/desk-bin.h"
#include "report/report.h"

struct rd_err;

/*
 * The characteristics which[n] of b (indices; all when which is NULL): a
 * summary table, the identifiers left out with the reason, then each
 * characteristic's bins with a warning for every bin given the zero-cell
 * adjustment, for a text characteristic of many levels (overfitting) and
 * for levels no bin lists (seen only in rows without a known outcome:
 * the unseen-level fallback).  JSON: {"table", "rows", "goods", "bads",
 * "conventions": {...}, "spec": {... "many_levels", "id_share",
 * "id_min_levels"}, "characteristics": [{"name", "type", "source",
 * "trend", "iv", "strength", "gini", "ks", "status", "goods", "bads",
 * text only: "levels", "many_levels", "unseen_level_fallback": {"levels",
 * "rows", "rows_with_outcome", "bin"}; "warnings", "bins": [{"label",
 * "kind", "lower", "upper" | "categories", "other" | "value", "count",
 * "goods", "bads", "bad_rate", "pct_goods", "pct_bads", "woe", "iv",
 * "adjusted"}]}], "left_out": [{"name", "reason"}]}; infinities are
 * null.  A table classed in an engine (b->engine) adds "engine",
 * "source", "identifiers_detected": false and "engine_rows" (rows of
 * aggregates that left the engine) after "table", and its text
 * a line saying so.  Returns 0 or -1 with err RD_EIO.
 */
int report_bins(FILE *f, const struct desk_bins *b, const size_t *which,
	size_t n, enum report_format fmt, struct rd_err *err);

/*
 * CSI of every characteristic of b on the other table of c, with the
 * reading (< 0.1 stable, 0.1-0.25 some shift, >= 0.25 significant shift), the
 * shares and term per bin, the bins empty in one table (flagged, with the
 * adjustment used: "adjusted", "adjustment", per bin "empty": "no",
 * "both", "development" or "this table") and the fallbacks applied
 * (unseen levels, values beyond the development range, missing values
 * without a development missing bin).  Returns 0 or -1 with err RD_EIO.
 */
int report_csi(FILE *f, const struct desk_bins *b, const struct desk_csi *c,
	enum report_format fmt, struct rd_err *err);

#endif
