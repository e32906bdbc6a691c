/*
 * desk-engine.h - the policy report computed where the applicants live:
 * `riskdesk --report --engine`.  The champion (and challenger) policy
 * with its scorecard from the riskdesk database is compiled into the
 * report query (export/sql.h export_sql_report), PostgreSQL runs it over
 * the engine's table, and riskdesk reads back one row for the policy and
 * one per segment: no applicant's row leaves the engine.
 *
 * The figures fill the structures --report prints its outcome figures
 * from (sim.h struct sim_stats in a struct sim_result), so text and JSON
 * print them as --report does.  Only those figures: what needs the
 * applicants' scores in riskdesk (the model's discrimination, the
 * trade-off curves, the swap set, each knock-out's count, the document,
 * fraud outcome lines) is not available from the engine and the report
 * says so.
 *
 * Part of the desk layer, beside desk_validate_engine (desk-model.h).
 */
#ifndef RD_DESK_DESK_ENGINE_H
#define RD_DESK_DESK_ENGINE_H

#include <stddef.h>

#include "model/card.h"
#include "policy/policy.h"
#include "sim/sim.h"
#include "util/sha256.h"

struct desk;
struct rd_err;

/* One policy's figures from the engine. */
struct desk_engine_slot {
	struct policy *policy;		/* owned; NULL: no challenger */
	struct scorecard *card;		/* owned: the policy's scorecard */
	char card_sha256[RD_SHA256_HEX];	/* desk_card_sha256 */
	/* total and segments[nseg] as sim_figures fills them, cutoffs the
	   ones used (after overrides); ko_count NULL and nko 0: the query
	   counts the knocked-out, not each rule's; decision NULL. */
	struct sim_result result;
	size_t ead_missing;		/* as struct sim_prep's */
	size_t *seg_ead_missing;	/* [nseg] owned */
};

struct desk_engine_report {
	char *engine;			/* owned: "postgresql" */
	char *source;			/* owned: the engine's table */
	/* Where the outcome rule came from: the target column (NULL: none,
	   every applicant indeterminate), and whether it is the policy
	   population's rule in the riskdesk database (else --target). */
	char *target;			/* owned */
	int target_from_meta;
	char *reject;			/* owned: the reject rule's column
					   (population's), NULL when none */
	struct desk_engine_slot slot[2];	/* champion, challenger */
};

/* A --cutoff override of the champion: segment name and score. */
struct desk_engine_cutoff {
	const char *segment;
	double score;
};

/*
 * Load the policy at path (and the challenger at challenger_path, NULL:
 * none), apply the champion's cutoff overrides cut[ncut] (each segment's
 * refer band keeps its width, as sim.h says), and compute each policy's
 * report figures on the table source of the PostgreSQL database conninfo
 * names (engine.h engine_connect) with one query each.  The outcome rule
 * is target (a column of source) with the bad value(s) bad and good
 * values good[ngood] (none: every other value); target NULL: the target
 * and reject rule of the champion's population in the riskdesk database
 * (as desk_validate_engine takes the card's), none when riskdesk did not
 * import it.  Returns 0 with *out filled (free with
 * desk_engine_report_done), or -1 with err: the policy's load errors
 * (RD_EINPUT, located), a policy with nothing to score, an unknown
 * segment or a cutoff out of range (RD_EUSAGE), the scorecard not found,
 * a fraud scorecard (RD_EINPUT), an EAD negative or infinite on some
 * segment's rows (RD_EINPUT, located at its ead; every such segment in
 * d->load_errors, desk_policy_errors, err the first), no such table, a
 * column the scorecard,
 * the policy or the outcome rule needs missing (RD_EINPUT, naming it),
 * the connection or a query failed (RD_EDB, libpq's reason).
 */
int desk_report_engine(struct desk *d, const char *path,
	const char *challenger_path, const struct desk_engine_cutoff *cut,
	size_t ncut, const char *conninfo, const char *source,
	const char *target, const char *bad, const char *const *good,
	size_t ngood, struct desk_engine_report *out, struct rd_err *err);

/* Release what out holds (zeroed or filled; NULL fields are fine). */
void desk_engine_report_done(struct desk_engine_report *out);

/*
 * The sections of --report that the engine cannot give, for p: one
 * phrase, "model discrimination (AUC, Gini, KS), trade-off curves, ...",
 * written into buf[size].  Returns buf.
 */
const char *desk_engine_not_available(const struct desk_engine_report *r,
	char *buf, size_t size);

/*
 * Connect to the engine conninfo names and read the columns of table
 * source into *cols[*ncols] (engine.h engine_columns; free with
 * engine_columns_free, and *e with engine_close, after a failure too).
 * *target (may be NULL) must be one of them, matched as
 * engine_column_index matches (BAD is the column bad), and is then set to
 * the column's name in the engine (borrowed from *cols): else RD_EINPUT
 * naming it, and, when it was not named by the user (target_named 0),
 * saying it is the target of whose ("policy's population") and how to
 * name another.  Returns 0 or -1 with err (the connection's or the
 * catalogue's).
 */
struct engine;
struct sqlx_column;
int desk_engine_open(const char *conninfo, const char *source,
	const char **target, int target_named, const char *whose,
	struct engine **e, struct sqlx_column **cols, size_t *ncols,
	struct rd_err *err);

/* What a fit in the engine sent back (desk_fit_engine). */
struct desk_fit_engine_info {
	const char *engine;	/* static: "postgresql" */
	size_t classing_rows;	/* rows of aggregates the classing read */
	size_t cells;		/* rows of the bin cells query */
	size_t cell_bytes;	/* their values' bytes, as text */
	size_t rows;		/* the table's rows they count */
	char *float4;		/* the characteristics of a real (4-byte
				   float) column, "a, b", owned (free);
				   NULL when none (desk_bins float4) */
};

/*
 * Fit scorecard name on the table source of the PostgreSQL database
 * conninfo (engine.h engine_connect) where its rows live, and store it in
 * d's database as desk_fit stores one (replacing one of that name).  The
 * outcome rule is target with the bad values bad[nbad] and good values
 * good[ngood] (none: every other value), the rows whose reject_col holds
 * reject_value (NULL: no rule) rejects of no outcome, as import
 * --reject-when reads them.  spec as desk_fit's, except that its sample
 * must be the whole table (a holdout is drawn in riskdesk's row order,
 * an out-of-time split reads dates: RD_EUSAGE) and saved binnings do not
 * apply (they are a riskdesk table's).  The classing is bin --engine's
 * (desk_bins_open_engine), so the bins are those of the rows imported;
 * the fit runs in riskdesk on the rows of each combination of bins and
 * outcome (export/sql.h export_sql_bin_cells), so the scorecard is the
 * one desk_fit gives on those rows imported, figure for figure up to the
 * order of the sums (2e-11 relative; p-values far in the tail 1e-9).  The scorecard's population is source; it
 * is validated there with validate --engine.  *out receives the
 * scorecard (card_free), *info what the engine sent.  Returns 0, or -1
 * with err: RD_EUSAGE for a sample option; the connection's and
 * queries' errors (RD_EDB); no such table or column, no bads or no goods
 * (RD_EINPUT); the fit's own (card.h card_fit).
 */
struct card_fit_spec;
int desk_fit_engine(struct desk *d, const char *conninfo, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, const char *reject_col,
	const char *reject_value, const char *name,
	const struct card_fit_spec *spec, struct scorecard **out,
	struct desk_fit_engine_info *info, struct rd_err *err);

#endif
