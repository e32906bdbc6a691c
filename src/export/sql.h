/*
 * sql.h - a policy and its scorecard compiled into one SQL query, so the
 * decisions run where the data lives (PostgreSQL, DuckDB, Spark SQL,
 * Trino, BigQuery, SQLite) and give, applicant for applicant, what
 * `riskdesk decide` gives.
 *
 * The decision query reads the source table once (a CTE that reads each
 * column the scorecard and the policy need, a REAL column's NaN as NULL)
 * and computes per applicant, as sim/decide.h does:
 *   - each characteristic's bin, with one CASE per characteristic
 *     commented with its name and IV: NULL first (the missing bin, or no
 *     bin: 0 points), then each special value, then the ranges [lower,
 *     upper) by their upper ends, or the level lists of a text
 *     characteristic, a level no bin lists taking the unseen-level
 *     fallback (bin.h bin_fallback);
 *   - its points and the points lost against its best attribute
 *     (card_best_points); the score = base points + the sum, the PD =
 *     1 / (1 + exp((score - offset) / factor));
 *   - the first knock-out whose condition is true, the first segment
 *     whose condition is true (the last takes the rest), the decision
 *     (approve at score >= cutoff, refer at score >= refer, else
 *     decline), the score band and limit (income bands by the policy's
 *     income), the APR, the EAD (NULL counts 0) and EL = PD x LGD x EAD
 *     of an approved applicant;
 *   - the adverse reasons of a refer or decline: the reason codes by
 *     points lost, largest first, ties in scorecard order, a code shared
 *     by several characteristics given once at its largest loss;
 *   - the fallbacks taken, and with each characteristic its attribute,
 *     points and fallback flag.
 * The columns are those of `riskdesk decide --explain` (report-decide.h),
 * with the same names and empty (NULL) fields.  Conditions and amounts
 * are rewritten by sqlexpr.h.  The text is deterministic: the same
 * inputs give the same bytes.
 *
 * The report query computes, inside the engine, the figures of
 * `riskdesk --report` (sim.h) for the policy as a whole and per segment:
 * applicants, approved, referred, declined, knocked_out, the rates,
 * approved_known, approved_bad, bad_rate, expected_bad_rate, exposure,
 * expected_loss, credit_limit, revenue, funding_cost, profit and
 * ead_missing, one row each (segment NULL for the policy's row, first).
 */
#ifndef RD_EXPORT_SQL_H
#define RD_EXPORT_SQL_H

#include <stddef.h>

#include "export/sqlexpr.h"
#include "model/card.h"
#include "policy/policy.h"

struct rd_err;

struct export_sql_spec {
	enum sqlx_dialect dialect;
	const char *source;	/* the table as the engine names it; dots
				   separate schema parts */
	const char *id;		/* the column keying the records; NULL:
				   SQLite's rowid, named "row" */
	size_t nreasons;	/* adverse reason columns */
	const char *view;	/* NULL, or CREATE VIEW view AS the query */
	const struct sqlx_column *cols;	/* [ncols] the table's columns */
	size_t ncols;
	/* The report's outcome: target column (NULL: none, every applicant
	   indeterminate) and its tab-separated bad and good values as
	   db.h's target rule reads them (good "" = every other value). */
	const char *target;
	const char *bad, *good;
	/* The reject rule of the population (db.h table_meta): rows whose
	   column reject is reject_value are rejects, of no outcome whatever
	   their target holds; reject NULL: none.  Read by the score
	   histogram and the report query (the decision query gives no
	   outcome). */
	const char *reject, *reject_value;
	const char *comment;	/* lines put at the top, each "-- "
				   prefixed; may be NULL */
};

/*
 * The decision query (or view) of p with card under spec, as text
 * (caller frees), or NULL with err: RD_EINPUT located in p->path at the
 * expression for one that cannot be rewritten (sqlexpr.h), RD_EUSAGE
 * when spec->id is NULL and the dialect is not SQLite (only SQLite has a
 * rowid), RD_EINPUT when a characteristic's column is missing from cols
 * or of another type.
 */
char *export_sql_decisions(const struct policy *p,
	const struct scorecard *card, const struct export_sql_spec *spec,
	struct rd_err *err);

/* The report query, as export_sql_decisions (the id is not needed). */
char *export_sql_report(const struct policy *p, const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err);

/*
 * The EAD check of the report (sim.h sim_check_ead) as a query over
 * spec->source: one row per segment that takes a row (after the
 * knock-outs, first match), ordered by it: rd_seg (the segment's index
 * in p), infinite (rows whose EAD is past the largest double either way,
 * or not a number) and negative (the other rows whose EAD is below 0).
 * As export_sql_report (same errors); the text is its own, the report
 * query's unchanged.
 */
char *export_sql_ead_check(const struct policy *p,
	const struct scorecard *card, const struct export_sql_spec *spec,
	struct rd_err *err);

/*
 * The score histogram of card over spec->source, for validating a
 * population where it lives: one query reading the source once and
 * giving one row per distinct (score, outcome), ordered by both:
 *   score    base points + each characteristic's points, as the decision
 *            query computes it (never NULL: a NULL cell takes the
 *            missing bin or 0 points);
 *   outcome  1 bad, 0 good, NULL indeterminate, by the target rule of
 *            spec->target, bad and good as the report query reads it
 *            (no target: every row NULL); a reject (spec->reject) is
 *            NULL whatever its target holds;
 *   n        the rows, count(*).
 * Only spec's dialect, source, cols, ncols, target, bad, good, reject,
 * reject_value, view and comment are read (no key is needed).  Returns
 * the text (caller frees), or NULL with err RD_EINPUT when a
 * characteristic's column is missing from cols or of another type, or the
 * reject column is missing (naming it).
 */
char *export_sql_score_hist(const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err);

/*
 * The bin cells of card's characteristics over spec->source, for fitting
 * a scorecard where the applicants live: one query reading the source
 * once and giving one row per distinct combination of bins and outcome,
 * ordered by all of them:
 *   b0 .. b<nchars - 1>  each characteristic's bin, as the decision
 *            query's CASE finds it: the bin's index in ch->bins; a NULL
 *            cell the missing bin (-1 when there is none); a value no
 *            range takes -1, a level no bin lists -2;
 *   outcome  1 bad, 0 good, NULL indeterminate, as export_sql_score_hist
 *            reads the target and reject rules;
 *   n        the rows, count(*).
 * A fit over these cells, each weighted by n, has the estimates of the
 * fit over the rows (the likelihood is a sum over rows, and rows of one
 * cell have the same design row and outcome).  Only card's
 * characteristics are read, not its points (a card being fitted has
 * none).  The spec fields read and the errors are export_sql_score_hist's.
 * The rows grow as the product of the bins, at most the table's rows.
 */
char *export_sql_bin_cells(const struct scorecard *card,
	const struct export_sql_spec *spec, struct rd_err *err);

#endif
