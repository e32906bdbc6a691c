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

/* What the swap set's "EL champion" and "EL challenger" columns hold
   (sim.h, struct sim_swap_cell), said under the table in every format. */
#define SWAP_EL_NOTE "EL: the expected loss of the cell's applicants a " \
	"policy approves; none under a policy that declines them"

#endif
