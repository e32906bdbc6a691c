/*
 * report-parts.h - the parts of the report writers that the document
 * writers (report-doc.c: text and JSON; report-html.c; report-xlsx.c)
 * assemble: each section as a JSON value built from the core's
 * structures, never computed.  Internal to src/report.
 *
 * Every builder returns a new reference the caller owns (json_decref, or
 * give it to a container with json_object_set_new).  The JSON of a
 * section is exactly what its own command prints: report_fit_json is
 * "riskdesk fit --json", report_validation_json "riskdesk validate
 * --json", report_bins_json "riskdesk bin --json", report_csi_json
 * "riskdesk bin --csi --json", report_policy_json "riskdesk --report
 * --format json".
 */
#ifndef RD_REPORT_REPORT_PARTS_H
#define RD_REPORT_REPORT_PARTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "desk/desk-doc.h"

struct bin_spec;
struct characteristic;

json_t *report_fit_json(const struct scorecard *card);
json_t *report_validation_json(const struct desk_validation *v);
/* which[n] indices into b->chars, or NULL for all (n ignored). */
json_t *report_bins_json(const struct desk_bins *b, const size_t *which,
	size_t n);
json_t *report_csi_json(const struct desk_bins *b, const struct desk_csi *c);
json_t *report_policy_json(const struct desk *d,
	const struct desk_doc_policy *p);

/* The policy report's text body (after its title line). */
void report_policy_text(FILE *f, const struct desk *d,
	const struct desk_doc_policy *p);

/*
 * The bins of ch as "riskdesk bin --json" lists them (label, kind,
 * bounds or categories, count, goods, bads, bad_rate, pct_goods,
 * pct_bads, woe, iv, adjusted): an array.
 */
json_t *report_char_bins_json(const struct characteristic *ch);

/* The binning conventions as "riskdesk bin --json" states them: an
   object of sentences (woe, iv, zero_cell, interval, missing, apply,
   iv_strength) and values (zero_cell_adjustment, interval_closed). */
json_t *report_conventions_json(const struct bin_spec *spec);

/* The WoE trend of ch in words, as "riskdesk bin" prints it. */
const char *report_char_trend(const struct characteristic *ch);

/* 1 when ch splits goods from bads on its own (its IV is unbounded and
   its bins' WoE of no use), as "riskdesk bin" marks it. */
int report_char_separates(const struct characteristic *ch);

/*
 * Cutoffs that override a policy file's: p's segments at cutoffs[k]
 * (k < p->nsegments: the figures' cutoffs, sim_result.cutoffs).  The
 * refer bound at an overridden cutoff keeps the band's width, as the
 * simulation takes it (sim.c): cutoffs[k] - (file cutoff - file refer),
 * NaN without a refer band.
 *
 * report_cutoff_moved: 1 when segment k is not at its file's cutoff.
 * report_refer_at: segment k's refer bound at cutoffs[k].
 * report_moved_text: the overridden segments in words, "renters 523,
 *   refer from 508 (the file: 520, refer from 505); ..." (a string the
 *   caller frees), or NULL when none is.
 * report_moved_json: an array of {"segment", "cutoff", "file_cutoff",
 *   "refer", "file_refer"} (null refer without a band), one per
 *   overridden segment ([] when none): new reference.
 */
struct policy;
int report_cutoff_moved(const struct policy *p, const double *cutoffs,
	size_t k);
double report_refer_at(const struct policy *p, const double *cutoffs,
	size_t k);
char *report_moved_text(const struct policy *p, const double *cutoffs);
json_t *report_moved_json(const struct policy *p, const double *cutoffs);

/* The sentence that says the figures are at overridden cutoffs, before
   report_moved_text's list. */
#define REPORT_MOVED_HEAD "cutoffs overriding the policy file's (every " \
	"figure is at these, not at the file's)"

/* What the swap set's "EL champion" and "EL challenger" columns hold
   (sim.h, struct sim_swap_cell), said under the table in every format. */
#define SWAP_EL_NOTE "EL: the expected loss of the cell's applicants a " \
	"policy approves; none under a policy that declines them"

#endif
