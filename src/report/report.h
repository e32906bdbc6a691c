/*
 * report.h - headless writers: the import summary, the fitted scorecard
 * and the policy report, as text for people or JSON for programs.
 *
 * Writers never compute: every figure comes from the core (desk, sim,
 * card).  Output is deterministic: C locale, fixed precision, stable order,
 * no timestamps.  In JSON a rate with no denominator (NaN) is null; rates
 * are fractions 0..1; money is in the population's currency units.  A
 * figure that needs outcomes the population lacks prints "n/a" with the
 * core's reason (sim_bad_rate_na, metric_na_reason); in JSON it is null
 * and its object carries "na_reason".
 */
#ifndef RD_REPORT_REPORT_H
#define RD_REPORT_REPORT_H

#include <stdio.h>

#include "data/csv-import.h"
#include "desk/desk.h"
#include "model/card.h"

struct rd_err;

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_HTML,	/* the document only (report_document) */
	REPORT_XLSX	/* the document only (report_document) */
};

/* Parse "text", "json", "html" or "xlsx"; returns 0, or -1 for anything
   else.  The commands other than --report take text and json only. */
int report_format_parse(const char *s, enum report_format *fmt);

/*
 * The document's format for a file name, by its extension, in any case:
 * .html or .htm the page, .xlsx the workbook, .json, .txt the text; a
 * name without an extension is the page.  Returns 0, or -1 for another
 * extension (.pdf, .xls): the caller refuses the name rather than write
 * one format under another's name.
 */
int report_format_for_path(const char *path, enum report_format *fmt);

/*
 * The policy report of the desk's champion (and challenger, when loaded):
 * model discrimination, approval/refer/decline rates, bad rate, expected
 * bad rate, exposure and expected loss, knock-outs and segments.  Returns
 * 0, or -1 with err RD_EIO when writing fails, RD_EUSAGE when no policy is
 * loaded.
 */
int report_policy(FILE *f, const struct desk *d, enum report_format fmt,
	struct rd_err *err);

/*
 * What report_policy_with adds to the policy report.  The swap set of the
 * champion against the challenger is always there when a challenger is
 * loaded (text table and JSON "swap_set"), and the optimiser's section
 * ("optimiser") whenever desk_optimise has run on the champion.
 */
struct report_policy_opts {
	int curves;	/* the trade-off curves: text tables, JSON "tradeoff" */
};

/*
 * As report_policy, with the sections of *o (NULL: none).  JSON keys of
 * report_policy are kept; new ones are added.  A frontier is printed at
 * REPORT_FRONTIER_ROWS evenly spaced points at most (text) and
 * REPORT_FRONTIER_JSON (JSON), always with its ends and the chosen point.
 */
#define REPORT_FRONTIER_ROWS 21
#define REPORT_FRONTIER_JSON 101
int report_policy_with(FILE *f, const struct desk *d, enum report_format fmt,
	const struct report_policy_opts *o, struct rd_err *err);

/*
 * The policy report computed in an engine (desk-engine.h): per policy
 * the outcome figures of report_policy, the policy and each segment,
 * and with a challenger "challenger" and the challenger - champion
 * "change" (approval_rate, bad_rate, expected_bad_rate, expected_loss);
 * JSON keys as report_policy's, with "engine" ({name, source, target,
 * target_from, reject, not_available}).  What the engine cannot give is
 * named in one line (text) or "not_available" (JSON), never printed as
 * zeros.  Returns 0, or -1 with err RD_EIO when writing fails.
 */
struct desk_engine_report;
int report_policy_engine(FILE *f, const struct desk_engine_report *r,
	enum report_format fmt, struct rd_err *err);

/*
 * The summary of an import of table (report-data.c).  JSON: {"table",
 * "rows_read", "rows_imported", "rows_rejected", "indeterminate", "bads",
 * "goods", "columns": [{"name", "type", "missing", "special",
 * "name_from": "header" | "empty header cell" | "repeated header name" |
 * "--names" | "numbered", "header" (the cell as written, when the name
 * differs), "date_format", "role", "role_note", "suggest": [options]}],
 * "renamed": [{"column" (1-based), "header", "name"}], "delimiter",
 * "warnings": [...]}.
 */
int report_import(FILE *f, const char *table, const struct import_summary *s,
	enum report_format fmt, struct rd_err *err);

/*
 * A fitted scorecard: coefficients with standard errors and Wald p-values,
 * AUC, Gini and KS on the development sample, the points table and the
 * characteristics left out.
 */
int report_fit(FILE *f, const struct scorecard *card, enum report_format fmt,
	struct rd_err *err);
/*
 * report_fit's text with fitted_on (whole lines) in place of the line
 * of the rows left out of the fit: for a scorecard fitted on other rows
 * than its table's known outcomes (reject inference's augmented set),
 * whose holdout line, if any, is then its KGB's ("its KGB was developed
 * on ...").  fitted_on NULL: report_fit's text.
 */
int report_fit_text_on(FILE *f, const struct scorecard *card,
	const char *fitted_on, struct rd_err *err);

/* ------------------------------------------------ models (report-model.c) */

/*
 * A raw-variable logistic fit: coefficients (term, estimate, std_error,
 * z, p_value; "(Intercept)" and "column=level" terms), loglik, deviance,
 * null_deviance, aic, bic, n_used, n_bad, iterations, converged.
 */
int report_logit(FILE *f, const struct desk_logit *l, enum report_format fmt,
	struct rd_err *err);

/*
 * A scorecard's validation: per sample AUC, Gini, KS and the score at its
 * peak, the gains table, Hosmer-Lemeshow, calibration and distribution by
 * score band, ROC points (JSON only); the PSI with its reading; the score
 * -> PD table.
 */
int report_validation(FILE *f, const struct desk_validation *v,
	enum report_format fmt, struct rd_err *err);

/*
 * The points table of a card, for scoring outside riskdesk, as CSV or
 * YAML (plain text).  Rows: the base points, then per characteristic one
 * row per range [lower, upper) ("-inf"/"inf" at the ends, 17 significant
 * digits so boundaries are exact), per special value, per text level, an
 * "other" row (a level not listed) for text, and always a "missing" row
 * (NULL; 0 points when the card has no missing bin).  The score of a row
 * is the base points plus, per characteristic, the points of the row that
 * takes its value: exactly card_score's.
 */
enum report_points_format {
	REPORT_POINTS_CSV,
	REPORT_POINTS_YAML
};
int report_card_points(FILE *f, const struct scorecard *card,
	enum report_points_format fmt, struct rd_err *err);

/* ---------------------------------------------- the document (report-doc.c) */

struct desk_document;

/*
 * The full model and policy document doc of d (desk-doc.h) in fmt:
 *   text  the sections as the commands print them: characteristic
 *         analysis (riskdesk bin), the scorecard (riskdesk fit), its
 *         validation (riskdesk validate), stability (riskdesk bin --csi)
 *         and the policy report, under a header of conventions, version,
 *         inputs and time;
 *   json  one object: "document" (version, time, inputs with their
 *         SHA-256, conventions), "data", "characteristics" (the bin
 *         --json object, "iv_rank" and "model": the bins of each
 *         characteristic of the scorecard), "model" (fit --json),
 *         "validation" (validate --json), "stability" ("csi": bin --csi
 *         --json), "policy" (--report --format json with the curves);
 *         a section the data cannot give is {"na_reason"};
 *   html  one self-contained page (report-html.c): the same figures in
 *         tables, each numeric cell naming its JSON figure (data-j, a
 *         JSON pointer into the json document), and inline SVG charts;
 *   xlsx  a workbook (report-xlsx.c), one sheet per section.
 * Deterministic: the same inputs and doc->time give the same bytes.
 * Returns 0, or -1 with err RD_EIO when writing fails.
 */
int report_document(FILE *f, const struct desk *d,
	const struct desk_document *doc, enum report_format fmt,
	struct rd_err *err);

/*
 * Assemble the document of d under spec (desk_document_open) and write
 * it in fmt to the file at path, whole or not at all (util/afile.h), or,
 * with path NULL, to out.  The one way the command line and the
 * workbench write it.  Returns 0, or -1 with err (desk_document_open's
 * errors; RD_EIO: the file cannot be written, and is then as it was).
 */
struct desk_document_spec;
int report_document_write(struct desk *d,
	const struct desk_document_spec *spec, enum report_format fmt,
	const char *path, FILE *out, struct rd_err *err);

#endif
