/*
 * desk.h - the open session: the facade every front end calls.
 *
 * A struct desk owns the database handle, the population dataset, the
 * scorecard, the policy (champion and optionally a challenger) and their
 * simulation results.  The TUI and the report only borrow from it, and
 * re-fetch after any call that reloads (desk_load_policy, desk_fit,
 * desk_set_cutoff): pointers returned before such a call are dead after it.
 *
 * Typical sequences:
 *   report:  desk_open -> desk_load_policy -> desk_simulate -> read ->
 *            desk_close
 *   TUI:     desk_open -> desk_load_policy -> desk_simulate; then
 *            desk_set_cutoff on each key press.
 *   trade-offs view: desk_curve per segment and overall (once per policy
 *            load), desk_set_cutoff on each key press and slot->result
 *            for the current point, desk_swap for the swap set,
 *            desk_optimise for the chosen cutoffs and the efficient
 *            frontier (slot->opt; a frontier point's cutoffs with
 *            sim_opt_frontier_cutoffs, applied with desk_set_cutoffs).
 * Characteristic analysis (fine and coarse classing, regrouping, saved
 * binnings, the YAML binning spec, CSI) has its own part of the facade:
 * desk-bin.h.  desk_fit uses the saved binnings.
 */
#ifndef RD_DESK_H
#define RD_DESK_H

#include <stddef.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "model/card.h"
#include "model/design.h"
#include "model/validate.h"
#include "policy/policy.h"
#include "sim/decide.h"
#include "sim/sim.h"

struct rd_err;

struct desk_policy {
	struct policy *policy;		/* owned */
	struct scorecard *card;		/* owned: the policy's scorecard */
	struct dataset *ds;		/* owned: its population */
	double *score;			/* [ds->nrows] owned */
	double *pd;			/* [ds->nrows] owned */
	struct sim_prep prep;
	struct sim_result result;	/* at the current cutoffs */
	double *cutoffs;		/* [nsegments] current, owned */
	int simulated;
	struct sim_opt opt;		/* the last desk_optimise, owned */
	int optimised;			/* opt is filled */
	char **warnings;		/* [nwarnings] owned: desk_lint */
	size_t nwarnings;
	int linted;			/* warnings are filled */
};

struct desk {
	struct db *db;			/* owned */
	struct desk_policy champion;
	struct desk_policy challenger;	/* policy NULL when none */
	struct policy_errors load_errors;	/* of the last failed
						   desk_load_policy */
};

/*
 * Open the database at path (created if missing).  Returns a desk to
 * close with desk_close, or NULL with err.  Turns GSL's abort-on-error
 * handler off for the process.
 */
struct desk *desk_open(const char *path, struct rd_err *err);

/* As desk_open, but the database must exist (db_open_existing): a missing
   file fails with RD_EIO instead of creating an empty database. */
struct desk *desk_open_existing(const char *path, struct rd_err *err);
void desk_close(struct desk *d);

/* Import a CSV (see csv_import); summary filled on success. */
int desk_import(struct desk *d, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err);

/*
 * Fit scorecard name on table and store it in the database, replacing one
 * of the same name.  *out receives the scorecard (caller frees with
 * card_free).  Returns 0 or -1 with err.
 */
int desk_fit(struct desk *d, const char *table, const char *name,
	const struct card_fit_spec *spec, struct scorecard **out,
	struct rd_err *err);

/*
 * Whether table's dataset ds can serve what needs known outcomes of both
 * kinds (what: "binning", "a scorecard fit", ...: WoE, IV and a logistic
 * fit compare bads with goods).  Returns 0 when ds has known bads and
 * goods (some rows may be indeterminate), else -1 with err RD_EINPUT:
 *   table "T" has no target: <what> needs known outcomes; import it with
 *     --target and --bad
 *   table "T" has no known outcomes: every row's target "C" is
 *     indeterminate (neither the bad value nor a good one); ...
 *   table "T" has no bads (no goods) among its N known outcomes: <what>
 *     needs bads and goods; check the --bad value it was imported with
 * The one check bin, fit, fit --raw and the workbench's study make.
 */
int desk_need_outcomes(const struct dataset *ds, const char *table,
	const char *what, struct rd_err *err);

/* Load a stored scorecard (caller frees), or NULL with err. */
struct scorecard *desk_scorecard(struct desk *d, const char *name,
	struct rd_err *err);

/*
 * Load, validate and simulate the policy at path as the champion
 * (challenger = 0) or the challenger (1): its scorecard and population
 * come from the database.  Replaces what was loaded before in that slot.
 * Returns 0 or -1 with err (nothing changes on error).
 */
int desk_load_policy(struct desk *d, const char *path, int challenger,
	struct rd_err *err);

/*
 * Every error the last desk_load_policy found, in the order found, err
 * being the first: all the policy file's own (policy_load_all), then its
 * scorecard, population and every expression's (policy_check_columns_all),
 * then, for a policy that declares hit: unique, each overlap on the
 * population (sim_check_unique).  Empty (n 0) after a load that
 * succeeded.  Borrowed: valid until the next desk_load_policy or
 * desk_close.
 */
const struct policy_errors *desk_policy_errors(const struct desk *d);

/*
 * The policy file last opened in the workbench in slot challenger (0
 * champion, 1 challenger) with this database, as an absolute path the
 * caller frees; NULL (or "") when none was.
 */
char *desk_last_policy(struct desk *d, int challenger);

/*
 * Remember the files of both slots in the database (table rd_setting), an
 * empty slot as "", so that the workbench reopens the same pair.  Only the
 * workbench calls this: a report never writes to the database.  Returns 0
 * or -1 with err (RD_EDB, e.g. a read-only database).
 */
int desk_remember_policies(struct desk *d, struct rd_err *err);

/* The largest cutoff magnitude desk_set_cutoff accepts, in points. */
#define DESK_CUTOFF_MAX 1e6

/*
 * Move segment seg's cutoff of the champion (challenger = 0) or the
 * challenger and simulate again.  Returns 0, or -1 with err RD_EUSAGE for
 * an unknown segment or a cutoff that is not a number within
 * +-DESK_CUTOFF_MAX.
 */
int desk_set_cutoff(struct desk *d, int challenger, size_t seg,
	double cutoff, struct rd_err *err);

/* Segment index by name, -1 when unknown. */
int desk_segment_index(const struct desk *d, int challenger,
	const char *name);

/*
 * Discrimination of the policy's scorecard on its population's rows with
 * a known outcome (AUC, Gini = 2 AUC - 1, KS as a fraction, ks_at the
 * score in points where the KS peaks), from the simulation: *st as
 * sim_discrimination fills it (sim.h; model/metric.h), so that with no
 * known outcome, no bads or no goods the four are NaN and st->na says why
 * ("no known outcomes in table new_apps").  Returns 0, or -1 when no
 * policy is loaded in the slot.
 */
int desk_model_stats(const struct desk *d, int challenger,
	struct sim_disc *st);

/* The slot (borrowed), or NULL when no policy is loaded in it. */
const struct desk_policy *desk_policy_slot(const struct desk *d,
	int challenger);

/* ------------------------------------------------ for the workbench */

/* The tables of the database (db_table_list: NULL-terminated, sorted;
   the caller frees each string and the array), or NULL with err. */
char **desk_tables(struct desk *d, struct rd_err *err);

/* A table's metadata (db_table_meta; release with table_meta_done). */
int desk_table_meta(struct desk *d, const char *table,
	struct table_meta *meta, struct rd_err *err);

/* The data profile of table (data/profile.h profile_table, ntop top
   categories per text column; free with profile_free), or NULL with err. */
struct profile;
struct profile *desk_profile(struct desk *d, const char *table, size_t ntop,
	struct rd_err *err);

/* Stop the database read running in another thread (db_interrupt), e.g.
   a desk_profile the user cancels; it then fails with RD_EDB. */
void desk_interrupt(struct desk *d);

/*
 * The trade-off curve (sim_curve, at most SIM_CURVE_MAX points) of
 * segment seg of the slot's policy, -1 for overall.  Fills *out (release
 * with sim_curve_done) and returns 0, or -1 (out zeroed) when no policy
 * is loaded in the slot or seg is out of range.
 */
int desk_curve(const struct desk *d, int challenger, int seg,
	struct sim_curve *out);

/*
 * The swap set (sim_swap) of the champion and the challenger at their
 * current cutoffs.  Returns 0, or -1 with err (RD_EUSAGE without both
 * policies; as sim_swap when their populations differ).
 */
int desk_swap(const struct desk *d, struct sim_swap *out,
	struct rd_err *err);

/*
 * Write the slot's policy with its current cutoffs to path (which may be
 * the file it came from) by policy_edit_write, keeping the author's text
 * and comments, then load path into the slot, so its file cutoffs are the
 * current ones.  Returns 0, or -1 with err (as policy_edit_write, or as
 * desk_load_policy: then the file is written but the slot unchanged).
 */
int desk_save_policy(struct desk *d, int challenger, const char *path,
	struct rd_err *err);

/* ------------------------------------------------- trade-offs and runs */

/*
 * These serve the report and the workbench's trade-off view alike.  The
 * slot's result always holds the figures at its current cutoffs, without
 * per-applicant decisions (result.decision is NULL): desk_set_cutoff costs
 * a binary search per segment (sim_figures), under 5 ms on 1,000,000
 * applicants, so a view can re-read result on every key press.
 */

/*
 * Set every cutoff of the slot at once (cutoffs[nsegments], e.g. an
 * optimiser's choice or one of its frontier points) and simulate again.
 * Returns 0, or -1 with err RD_EUSAGE when no policy is loaded or a cutoff
 * is not finite.
 */
int desk_set_cutoffs(struct desk *d, int challenger, const double *cutoffs,
	struct rd_err *err);

/*
 * Trade-off curves and the swap set come from desk_curve and desk_swap
 * above.  A curve does not depend on the current cutoffs: a view computes
 * it once per policy load and marks the current cutoff on it.
 */

/*
 * Run the optimiser (sim_optimise) on the slot and keep the result in
 * slot->opt (replacing an earlier one): the chosen cutoffs, the figures
 * at them and the efficient frontier.  The slot's own cutoffs do not
 * change; apply the choice with desk_set_cutoffs(d, challenger,
 * slot->opt.cutoffs, err), or a frontier point's with
 * sim_opt_frontier_cutoffs first.  Returns 0, or -1 with err (RD_EUSAGE:
 * no policy, a bad target).
 */
int desk_optimise(struct desk *d, int challenger,
	const struct sim_opt_spec *spec, struct rd_err *err);

/*
 * Store the slot's run at its current cutoffs in the database
 * (data/runstore.h): every applicant's knock-out, segment, band, decision,
 * decline reasons (the knock-out's reason code, or for a score decline or
 * refer the scorecard's DESK_REASONS top reason codes, card_reasons), the
 * credit limit, score, PD and EAD.  *id receives the run's id.  Returns 0,
 * or -1 with err (RD_EUSAGE no policy, RD_EDB; the database is then
 * unchanged).
 */
#define DESK_REASONS 3
int desk_save_run(struct desk *d, int challenger, long long *id,
	struct rd_err *err);

/* ------------------------------------------------ models and validation
 * (desk-model.c).  The Model, Scorecard and Validation screens read the
 * structures below; the command line prints them with report-model.c.
 */

/*
 * Fit a scorecard on ds as desk_fit does, after applying spec->sample: a
 * random or out-of-time holdout is set aside (validate.h) and the card is
 * developed on the rest; the card records the sample so that
 * desk_validate sees the same split.  Returns the card (card_free) or NULL
 * with err.
 */
struct scorecard *desk_card_fit_sample(const struct dataset *ds,
	const char *name, const struct card_fit_spec *spec,
	struct rd_err *err);

/*
 * The development rows of ds under sample s (those desk_card_fit_sample
 * develops on; every row for CARD_SAMPLE_ALL), in order, as a new
 * dataset (ds_free), or NULL with err as the split fails (validate.h;
 * --oot-after on text that is not ISO dates).
 */
struct dataset *desk_sample_develop(const struct dataset *ds,
	const struct card_sample *s, struct rd_err *err);

/* A raw-variable logistic fit (design.h coding), for checking against R. */
struct desk_logit {
	char *table;		/* owned */
	struct design design;	/* names[p], n rows used */
	struct logit_result res;
	char *weights;		/* owned weight column, or NULL */
	/* [res.nlisted] owned: the table rowid of each row of res.extreme
	   (fitted probability numerically 0 or 1), or NULL when none. */
	int64_t *extreme_rowid;
};

/*
 * Fit table's target on vars[nvars] coded as design_build codes them
 * (refs[nrefs] "column=level" references; with missing_level not NULL a
 * NULL in a text column is that level, design_build_missing), with
 * observation weights from
 * the numeric column weights (NULL: all 1; a NULL weight leaves the row
 * out) and spec (l2 etc.).  Fills *out (free with desk_logit_done) and
 * returns 0, or -1 with err: RD_EINPUT for a column of vars or weights
 * that table lacks (listing its columns) or a text weight column, and the
 * design_build_missing errors (with the default design_limits: a design
 * too large is refused before it is built) and logit_fit errors, each
 * message led by 'table "<table>": ' unless it names the table already.
 * A fit whose maximum is finite
 * succeeds even when some rows are fitted at probability 0 or 1 (R's
 * glm.fit warning): out->res.nextreme counts them and extreme_rowid
 * names the listed ones by table rowid.
 */
int desk_fit_raw(struct desk *d, const char *table, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	const char *weights, const char *missing_level,
	const struct logit_spec *spec, struct desk_logit *out,
	struct rd_err *err);
void desk_logit_done(struct desk_logit *l);

/*
 * Validation of a stored scorecard: the development sample and, when the
 * card was fitted with a holdout, the holdout (both re-derived from the
 * card's sample spec on table, by default the card's population); and the
 * PSI of the score between the development rows and the holdout, or
 * psi_table when given (every row of it).
 */
struct desk_validation {
	struct scorecard *card;		/* owned */
	char *table;			/* owned: the table validated */
	struct validation dev;
	int has_holdout;
	struct validation holdout;
	int has_psi;
	char *psi_against;		/* owned: "holdout" or a table name */
	struct val_psi psi;
	struct card_pd_row *pd_table;	/* [npd] owned: the card's score
					   range in steps of PDO / 4 */
	size_t npd;
	double score_lo, score_hi;	/* card_score_range */
};

/*
 * Validate scorecard name (see above) with vspec.  table and psi_table
 * may be NULL.  Returns 0 with *out filled (free with
 * desk_validation_done), or -1 with err.
 */
int desk_validate(struct desk *d, const char *name, const char *table,
	const char *psi_table, const struct validate_spec *vspec,
	struct desk_validation *out, struct rd_err *err);
void desk_validation_done(struct desk_validation *v);
/*
 * desk_validate on card (borrowed: a copy is validated and kept in
 * out->card), e.g. a fit not saved yet.  Returns as desk_validate (a card
 * that does not copy: RD_EINPUT).
 */
int desk_validate_card(struct desk *d, const struct scorecard *card,
	const char *table, const char *psi_table,
	const struct validate_spec *vspec, struct desk_validation *out,
	struct rd_err *err);

/*
 * Check, without a desk, what loading policy p over db needs from the
 * data: the scorecard it names exists and parses (an error located at
 * p's "scorecard:" value), its population table loads and has every
 * characteristic column of the scorecard with a compatible type (located
 * at "population:").  Returns 0, or -1 with err.
 */
int desk_check_policy_data(struct db *db, const struct policy *p,
	struct rd_err *err);

/*
 * Fill each loaded slot's warnings with sim_policy_warnings (conditions
 * that fire on no applicant or on all, segments that match none,
 * conditions that are no comparison), once per load: a report shows
 * them.  Returns 0, or -1 with err.
 */
int desk_lint(struct desk *d, struct rd_err *err);

/* ------------------------------------------------ batch decisions */

/*
 * A decision run being prepared or done (desk_decide_open): what it
 * decides with and on, and what it found.
 */
struct desk_decision {
	struct policy *policy;		/* owned */
	struct scorecard *card;		/* owned: the policy's scorecard */
	char *table;			/* owned: the table decided */
	char *id;			/* owned: the column keying the
					   records; NULL: the rowid */
	char policy_sha256[65];		/* of the policy file's bytes */
	char card_sha256[65];		/* of the stored scorecard's text */
	char input_sha256[65];		/* of the values read (after the
					   run; ds_hash_rows) */
	struct decide_summary sum;	/* after the run */
};

/*
 * Load the policy at policy_path and its scorecard, and check them
 * against table (NULL: the policy's population): the scorecard's columns
 * and their types, the id column, the policy's expressions, overlapping
 * segments of a hit: unique policy -- every error found, in
 * d->load_errors (err the first), as desk_load_policy.  id NULL takes
 * the table's key column (--id at import), else a column recorded as an
 * identifier (--role, then the first in table order), else none (the
 * rowid keys the records).  Nothing is read row by row but for the
 * hit: unique check.  Returns 0 with *out filled (release with
 * desk_decision_done), or -1 with err and *out released.
 */
int desk_decide_open(struct desk *d, const char *policy_path,
	const char *table, const char *id, struct desk_decision *out,
	struct rd_err *err);

/*
 * Decide every applicant of dd->table (sim/decide.h decide_run with
 * spec; its id and input are set here), emit(arg, record) for each;
 * dd->sum and dd->input_sha256 are filled.  Returns 0 or -1 with err.
 */
int desk_decide_run(struct desk *d, struct desk_decision *dd,
	const struct decide_spec *spec,
	int (*emit)(void *arg, const struct decide_record *r), void *arg,
	struct rd_err *err);

void desk_decision_done(struct desk_decision *dd);

/*
 * Internal to the desk's files: put an input error without a file of its
 * own at mark of policy p, so that a missing scorecard or column is
 * reported where the policy names it.
 */
void desk_relocate(struct rd_err *err, const struct policy *p,
	struct policy_mark mark);

/* Internal: name table in err's message, before the rest ("table "t":
   ..."), unless the message names it already. */
void desk_err_in_table(struct rd_err *err, const char *table);

#endif
