/*
 * report-infer.h - headless writers of reject inference: the result of
 * `riskdesk infer` and the comparison of `infer --compare`, as text or
 * JSON.  They never compute; the figures are model/infer.c's.
 */
#ifndef RD_REPORT_REPORT_INFER_H
#define RD_REPORT_REPORT_INFER_H

#include <jansson.h>
#include <stdio.h>

#include "desk/desk.h"
#include "desk/desk-infer.h"
#include "model/infer.h"
#include "report/report.h"

struct rd_err;

/*
 * The inference r of scorecard r->card from KGB scorecard kgb on table
 * with spec.  JSON: {"scorecard", "kgb", "table", "method", "settings":
 * {"factor", "bad_multiple", "cutoff_pd", "reject_weight", "bands",
 * "seed"}, "accepts", "accept_bads", "accept_bad_rate", "rejects",
 * "reject_pd_kgb", "reject_bad_rate", "ttd_bad_rate", "cutoff_pd_used",
 * "logodds_shift", "rejects_made_bad", "cap": null or {"capped",
 * "option", "bands_capped", "rejects_capped", "reject_bad_rate_asked",
 * "reject_bad_rate_reached", "rejects_made_bad", "largest_reachable"},
 * "development_rows", "development_weight", "bands": [{"capped", "lo",
 * "hi", "accepts", "bads", "bad_rate", "rejects", "reject_bads",
 * "weight"}], "coefficients":
 * [{"name", "kgb", "inferred"}], "max_coefficient_change",
 * "reproduces_kgb"}; NaN and infinities are null.  Returns 0, or -1
 * with err RD_EIO when writing fails.
 */
int report_infer(FILE *f, const struct infer_result *r,
	const struct scorecard *kgb, const char *table,
	const struct infer_spec *spec, enum report_format fmt,
	struct rd_err *err);

/*
 * The comparison c.  JSON: {"scorecard", "kgb", "table", "method",
 * "accepts", "accept_bads", "accept_bad_rate", "rejects",
 * "reject_bad_rate": {"kgb", "inferred"}, "ttd_bad_rate": {"kgb",
 * "inferred"}, "augmented": {"reject_bad_rate", "ttd_bad_rate"},
 * "relative_change", "changed_little", "bands": [{"lo",
 * "hi", "applicants", "accepts", "rejects", "score_kgb",
 * "score_inferred", "shift", "reject_pd_kgb", "reject_pd_inferred"}],
 * "characteristics": [{"name", "coef_kgb", "coef_inferred",
 * "woe_change", "bin", "woe_kgb", "woe_augmented", "points_change"}],
 * "swap": null or {"cutoff", "both", "swap_in", "swap_out", "neither",
 * "swap_in_rejects", "swap_out_rejects"}, "policy_swap": null or
 * {"policy", "swap"} with ps (desk_card_swap of the KGB as card a, the
 * inferred scorecard as card b, of the policy file policy) and "swap" as
 * report_swap_json writes it}.
 */
int report_infer_compare(FILE *f, const struct desk_infer_cmp *c,
	const struct desk_card_swap *ps, const char *policy,
	enum report_format fmt, struct rd_err *err);
/*
 * The augmented development set s an inferred scorecard was fitted on
 * (desk_infer_sample): how its rejects entered, in words (static
 * text); its lines as text, each led by indent; and as JSON {"kgb",
 * "method", "rows", "weight", "bad_weight", "bad_rate" (weighted),
 * "accepts": {"rows", "bads", "weight", "bad_weight"}, "rejects": {"rejects",
 * "rows", "entered", "weight", "bad_rows", "bad_weight"}}.
 */
const char *report_infer_entered(enum infer_method m);
void report_infer_sample_text(FILE *f, const struct desk_infer_sample *s,
	const char *indent);
json_t *report_infer_sample_json(const struct desk_infer_sample *s);
/* A weight as text: a whole number as a count, else two decimals. */
char *report_infer_weight(char *buf, double w);

/* A score band's bounds [lo, hi) as text into buf[len]: "all", "< 600",
   ">= 700", "[600, 620)" (an infinite end open). */
void report_band_label(char *buf, size_t len, double lo, double hi);

/* The same JSON object, a new reference (the document embeds it). */
json_t *report_infer_compare_json(const struct desk_infer_cmp *c,
	const struct desk_card_swap *ps, const char *policy);

/*
 * The masked-accept benchmark b of KGB scorecard kgb on table with spec.
 * JSON: {"kgb", "table", "share", "cutoff", "accepts", "accept_bads",
 * "masked", "masked_bads", "kept", "kept_bads", "rejects_left_out",
 * "settings": {"factor", "reject_weight", "bands", "seed"},
 * "true_bad_rate", "kgb_masked": {"card_pd", "card_error", "auc",
 * "card_band_error", "coef_change"}, "kgb_all_accepts": {"card_pd",
 * "auc"}, "methods": [{"method", "est_bad_rate", "error",
 * "card_pd", "card_error", "auc", "band_error", "card_band_error",
 * "coef_change"}], "bands": [{"lo", "hi", "pseudo_rejects", "bads",
 * "bad_rate", "kgb", "est": {method: rate}, "card": {method: rate}}],
 * "nearest": {"bad_rate", "band_error", "auc"} (method names or null)};
 * NaN and infinities null.  Returns 0, or -1 with err RD_EIO.
 */
int report_infer_benchmark(FILE *f, const struct infer_benchmark *b,
	const char *kgb, const char *table, const struct infer_spec *spec,
	enum report_format fmt, struct rd_err *err);

#endif
