/*
 * desk.h - the open session: the facade every front end calls.
 *
 * A struct desk owns the database handle, the population dataset, the
 * scorecard, the policy (champion and optionally a challenger) and their
 * simulation results.  The TUI and the report only borrow from it, and
 * re-fetch after any call that reloads (desk_load_policy, desk_fit,
 * desk_set_cutoff, desk_refresh): pointers returned before such a call
 * are dead after it.
 *
 * Typical sequences:
 *   report:  desk_open -> desk_load_policy -> desk_simulate -> read ->
 *            desk_close
 *   TUI:     desk_open -> desk_load_policy -> desk_simulate; then
 *            desk_set_cutoff on each key press, and before each draw
 *            desk_check and, when it finds work, desk_refresh.
 *   trade-offs view: desk_curve per segment and overall, desk_set_cutoff
 *            on each key press and slot->result for the current point,
 *            desk_swap for the swap set, desk_optimise for the chosen
 *            cutoffs and the efficient frontier (slot->opt; a frontier
 *            point's cutoffs with sim_opt_frontier_cutoffs, applied with
 *            desk_set_cutoffs).
 *
 * One source of truth.  Every figure a slot holds derives from four
 * inputs: the stored text of its scorecard, its policy file, its
 * population table and its cutoffs.  The result follows the cutoffs at
 * once (desk_set_cutoff simulates again); the other three are stamped
 * (struct desk_stamp) when the slot is computed.  A write through the
 * desk (desk_fit, desk_study_save, desk_import --replace or --append,
 * desk_save_policy) marks the slots it puts out of date, and desk_check
 * finds the writes of other processes too; desk_stale says which inputs
 * moved.  desk_refresh scores a slot whose scorecard or population moved
 * again, keeping its policy and cutoffs, so that its figures are those
 * of --report --cutoff on the same database; a changed policy file is
 * another policy, left to desk_load_policy.  The optimiser's result
 * goes with the scores it was computed on; curves, the swap set and the
 * discrimination are derived from the slot when asked.
 *
 * Characteristic analysis (fine and coarse classing, regrouping, saved
 * binnings, the YAML binning spec, CSI) has its own part of the facade:
 * desk-bin.h.  desk_fit uses the saved binnings.  Models and validation
 * are desk-model.h, included here.
 */
#ifndef RD_DESK_H
#define RD_DESK_H

#include <stddef.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "desk/desk-model.h"
#include "model/card.h"
#include "model/design.h"
#include "model/validate.h"
#include "policy/policy.h"
#include "fraud/fraud.h"
#include "sim/decide.h"
#include "sim/sim.h"
#include "util/err.h"
#include "util/sha256.h"

struct rd_err;

/*
 * What a slot's figures were computed from, or what its inputs are now.
 * Two equal stamps mean equal figures at equal cutoffs.
 */
struct desk_stamp {
	/* SHA-256 of the scorecard's text as the database stores it (the
	   card_sha256 a decision run records); "" when the database has no
	   scorecard of that name. */
	char card_sha256[RD_SHA256_HEX];
	/* SHA-256 of the policy file's bytes; "" when it cannot be read. */
	char policy_sha256[RD_SHA256_HEX];
	/* How many times the desk has seen the population table imported
	   again (desk_import with --replace or --append). */
	unsigned long data_gen;
};

/* Hex digits of a stamp shown to the officer, as git abbreviates. */
#define DESK_SHORT_HASH 7

/* Why a slot's figures are out of date (desk_stale). */
#define DESK_STALE_CARD 0x1	/* its scorecard was stored again or
				   removed */
#define DESK_STALE_DATA 0x2	/* its population table was imported
				   again */
#define DESK_STALE_POLICY 0x4	/* its policy file changed or went */
#define DESK_STALE_FAILED 0x8	/* scoring again with the inputs as they
				   are failed: slot->failed_msg */

struct desk_policy {
	struct policy *policy;		/* owned */
	struct scorecard *card;		/* owned: the policy's scorecard */
	struct dataset *ds;		/* owned: its population; NULL when
					   not kept (desk_set_slice) */
	double *score;			/* [ds->nrows] owned, or NULL */
	double *pd;			/* [ds->nrows] owned, or NULL */
	struct sim_prep prep;
	struct sim_result result;	/* at the current cutoffs */
	double *cutoffs;		/* [nsegments] current, owned */
	int simulated;
	struct sim_opt opt;		/* the last desk_optimise, owned */
	int optimised;			/* opt is filled */
	char **warnings;		/* [nwarnings] owned: desk_lint */
	size_t nwarnings;
	int linted;			/* warnings are filled */
	struct cond_tally *tally;	/* owned, or NULL: its conditions'
					   values as simulated, for desk_lint
					   (desk_set_tally) */
	size_t tally_rows;		/* the rows tally counts */
	struct sim_disc disc;		/* of the scores (desk_model_stats) */
	/* The policy's fraud rules on its population as decide applies
	   them to that table (desk-fraud.h desk_fraud_verdicts, the
	   section's history included): each row's action, -1 none, and
	   the outcome lines at the current cutoffs, fraud rules first
	   (sim/decide.h decide_lines_count).  fraud NULL when the policy
	   has no fraud section (a policy whose rules cannot be evaluated
	   does not load: desk-fraud.h desk_fraud_check); fraud_msg "". */
	signed char *fraud;		/* [ds->nrows] owned */
	/* The population's counts as read (those of ds when kept): rows,
	   bads, goods, indeterminate (rejects apart) and rejects; whether
	   the table has a target and a reject rule. */
	struct desk_pop {
		size_t rows, bad, good, indet, reject;
		int has_target, has_reject;
	} pop;
	char fraud_msg[RD_ERR_MSG];
	struct decide_lines lines;	/* valid when fraud */
	/* The thresholds moved on the Fraud screen that fraud and lines
	   are at (desk_fraud_moved); 0: the policy file's. */
	size_t fraud_moved;
	/* Provenance (see the top of this file): made, the inputs the
	   figures were computed from; now, the inputs as last seen
	   (desk_check, or a write through the desk); failed, the inputs a
	   desk_refresh could not score with (zeroed when none), and why. */
	struct desk_stamp made, now, failed;
	char failed_msg[RD_ERR_MSG];
};

/* A table the desk has seen imported again, and how many times. */
struct desk_table_gen {
	char *table;			/* owned */
	unsigned long gen;
	char *stamp;			/* owned: its metadata as last seen
					   (desk_db_changed), or NULL */
};

struct desk {
	struct db *db;			/* owned */
	struct desk_policy champion;
	struct desk_policy challenger;	/* policy NULL when none */
	struct policy_errors load_errors;	/* of the last failed
						   desk_load_policy */
	struct desk_table_gen *data;	/* [ndata] owned */
	size_t ndata;
	int64_t version;		/* PRAGMA data_version last seen */
	int have_version;		/* desk_db_changed has looked */
	/* A policy with nothing to score (no scorecard, no segments: fraud
	   rules, a collections strategy or both) loaded as the champion:
	   the champion slot is then empty and this holds it, with its
	   file's fingerprint as loaded.  NULL when none. */
	struct policy *unscored;	/* owned */
	char unscored_sha[RD_SHA256_HEX];
	/* A collections strategy alone loaded as the challenger: its file,
	   for the Collections screen to plan beside the champion's (the
	   challenger slot, of credit policies, stays as it was).  Owned;
	   NULL when none. */
	char *collect_challenger;
	size_t slice;			/* desk_set_slice; 0: keep the rows */
	int fit_rows;			/* desk_set_fit_rows */
	int tally;			/* desk_set_tally */
	int sql_conditions;		/* desk_set_sql_conditions */
};

/*
 * Rows (rowids) of a slice when a policy is simulated without keeping its
 * population's rows (desk_set_slice), as decide and validate read.
 */
#define DESK_SIM_SLICE 65536

/*
 * How the policies loaded from now on are simulated.  slice 0 (the
 * default): the population is read whole and kept with the slot (ds,
 * score, pd and the prep's rows), which the workbench, the document
 * (its validation and fingerprints), desk_save_run and the fraud
 * outcome lines need.  slice > 0: read, scored and simulated slice by
 * slice, slice rowids at a time (sim_build), and not kept: the slot's
 * ds, score, pd are NULL and its prep has no rows, so memory does not
 * grow with the rows; every figure (sim_figures, curves, optimiser,
 * discrimination, the swap set, read again slice by slice) is the same
 * bit for bit.  A policy with fraud rules keeps its rows whatever the
 * slice.  The policy report (--report) sets DESK_SIM_SLICE.
 */
void desk_set_slice(struct desk *d, size_t slice);

/*
 * Whether the policies loaded from now on tally their conditions in the
 * simulation's own pass (on: 1), so that desk_lint finds their warnings
 * without a pass of its own: every knock-out and segment condition is
 * then evaluated on every row (sim_build_tally) where the simulation
 * alone stops at the first true one, the figures the same.  The policy
 * report (--report), which lints, sets it; off by default.
 */
void desk_set_tally(struct desk *d, int on);

/*
 * Whether the policies loaded from now on have their conditions and
 * amounts evaluated by SQLite's pass alone (on 1), never from the
 * columns read (sim_build_sql): the same figures, for the tests
 * (RISKDESK_SQL_CONDITIONS).  Off by default.
 */
void desk_set_sql_conditions(struct desk *d, int on);

/*
 * How desk_fit classes and fits a whole table (no holdout, no
 * out-of-time split, no fraud features).  rows 0 (the default): from
 * one read keeping each column's distinct values and each row's code
 * (desk_bins_open_codes), the rows never held; rows 1: from the table
 * loaded as a dataset, as a sample's fit always is.  The scorecard is
 * the same either way, figure for figure: the tests hold the two equal
 * (RISKDESK_FIT_ROWS).
 */
void desk_set_fit_rows(struct desk *d, int rows);

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

/*
 * The policy loaded as champion when it has nothing to score: a
 * "fraud:" section, a "collections:" section or both, and no scorecard
 * nor segments (desk_load_policy keeps it apart, and the champion slot
 * stays empty); or NULL.  Borrowed until the next desk_load_policy.
 */
const struct policy *desk_unscored(const struct desk *d);

/*
 * The champion's fraud verdicts at the thresholds moved on the Fraud
 * screen: f, an evaluation of the champion's policy file (fingerprint
 * sha256, as desk_fraud_source gives it) on its population
 * (desk-fraud.h desk_fraud_run, its thresholds moved with
 * desk_fraud_tune_set; moved of them differ from the file's), replaces
 * the champion's verdicts row by row, and its outcome lines and the swap
 * set count them (d->champion.fraud_moved = moved).  Only where f's
 * verdicts are decide's: the champion's file unchanged since f was made,
 * f of its population, and no history table in the policy (decide's
 * features then count the history, f's do not).  Returns 1 when applied,
 * else 0, the champion's verdicts left as they are.
 */
struct desk_fraud;
int desk_fraud_moved(struct desk *d, const struct desk_fraud *f,
	const char *sha256, size_t moved);

/* desk_unscored when it holds fraud rules, else NULL. */
const struct policy *desk_fraud_only(const struct desk *d);

/* desk_unscored when it holds a collections strategy, else NULL. */
const struct policy *desk_collect_only(const struct desk *d);

/* The file of the collections strategy alone loaded as the challenger
   (desk_load_policy), or NULL.  Borrowed until the next load. */
const char *desk_collect_challenger(const struct desk *d);

/*
 * The policy whose fraud rules the workbench shows: the champion's when
 * it has a fraud section, else desk_fraud_only; NULL when neither.
 * *sha (may be NULL) receives the fingerprint of its file as loaded.
 * Borrowed until the next desk_load_policy.
 */
const struct policy *desk_fraud_source(const struct desk *d,
	const char **sha);

/*
 * How many times the desk has seen table written since it opened (an
 * import through the desk, or another process's write found by
 * desk_db_changed): a view computed from the table is out of date when
 * this moved.  0 for a table never seen written.
 */
unsigned long desk_table_gen(const struct desk *d, const char *table);

/*
 * Whether another process committed to the database since the last call
 * (db_data_version; the desk's own writes do not count).  The first call
 * only notes what the database holds and returns 0.  When another
 * process wrote, every table whose metadata (rows, bads, goods,
 * indeterminate, target coding, source file) differs from what the desk
 * last saw, or that is new, is put in *moved (heap, NULL-terminated, each
 * name heap; caller frees, also when 0 is returned) and counts as
 * imported again: the loaded policies whose population it is are marked
 * DESK_STALE_DATA, as after desk_import, for desk_refresh.  Returns 1
 * when another process wrote (*moved may still be empty: a scorecard, a
 * run), 0 when not, -1 with err.
 */
int desk_db_changed(struct desk *d, char ***moved, struct rd_err *err);

/* Import a CSV (see csv_import); summary filled on success.  An import
   that replaces a table or appends to it marks the loaded policies whose
   population it is (DESK_STALE_DATA). */
int desk_import(struct desk *d, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err);

/*
 * Fit scorecard name on table and store it in the database, replacing one
 * of the same name.  *out receives the scorecard (caller frees with
 * card_free).  The loaded policies that name it are marked out of date
 * (DESK_STALE_CARD) unless they were scored with that very text.
 * Returns 0 or -1 with err.
 */
int desk_fit(struct desk *d, const char *table, const char *name,
	const struct card_fit_spec *spec, struct scorecard **out,
	struct rd_err *err);

/*
 * desk_fit of a fraud scorecard: the fraud features of the policy at
 * features_from (its fraud section) computed point in time over table
 * (desk-fraud.h desk_fraud_add_features) are characteristics beside the
 * table's columns, and the section's label (1 = fraud) is the target in
 * place of the table's (whose column, when another, is left out).  The
 * card keeps the definitions of the features it uses (card->features),
 * so that scoring computes them again.  Returns 0, or -1 with err; the
 * policy's errors, located, all in d->load_errors (err the first):
 * RD_EINPUT for a policy without a fraud section or a label, a column
 * of the section the table lacks, a feature named as a column.
 */
int desk_fit_features(struct desk *d, const char *table, const char *name,
	const char *features_from, const struct card_fit_spec *spec,
	struct scorecard **out, struct rd_err *err);


/* The policy of one file under two scorecards, and its swap set. */
struct desk_card_swap {
	struct desk_policy a, b;	/* the policy scored with card a, with
					   card b (its own cutoffs) */
	struct sim_swap swap;		/* a as champion, b as challenger */
};

/*
 * Load the policy at path twice, scored once with stored scorecard
 * card_a and once with card_b instead of the one it names (its
 * population, segments and cutoffs as written), simulate both and
 * compute the swap set (sim_swap): approved under both, swap-in
 * (approved under b only), swap-out (under a only), neither, with each
 * cell's known outcomes and bad rate.  The champion and challenger of d
 * are not touched.  Fills *out (desk_card_swap_done) and returns 0; -1
 * with err as desk_load_policy (RD_EINPUT for a scorecard that is not
 * stored or does not fit the population).
 */
int desk_card_swap(struct desk *d, const char *path, const char *card_a,
	const char *card_b, struct desk_card_swap *out, struct rd_err *err);
void desk_card_swap_done(struct desk_card_swap *s);

/*
 * Load, validate and simulate the policy at path as the champion
 * (challenger = 0) or the challenger (1): its scorecard and population
 * come from the database.  Replaces what was loaded before in that slot.
 * A policy with nothing to score (fraud rules or a collections strategy
 * only), loaded as the champion, empties the champion slot and is kept
 * as desk_unscored.  As the challenger, a collections strategy alone is
 * kept as desk_collect_challenger (the Collections screen plans it
 * beside the champion's strategy; the challenger slot is untouched),
 * and fraud rules alone are refused (RD_EINPUT).  A collections
 * strategy alone is checked against the database first
 * (policy_check_collect_all): with an error it does not load.  Returns 0
 * or -1 with err (nothing changes on error).
 */
int desk_load_policy(struct desk *d, const char *path, int challenger,
	struct rd_err *err);

/*
 * Every error the last desk_load_policy found, in the order found, err
 * being the first: all the policy file's own (policy_load_all), then its
 * scorecard, population and every expression's (policy_check_columns_all),
 * then, for a policy that declares hit: unique, each overlap on the
 * population (sim_check_unique); for a collections strategy alone, its
 * check against its tables (policy_check_collect_all).  Empty (n 0)
 * after a load that
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
 * ("no known outcomes in table new_apps").  Computed when the slot is
 * scored (load, refresh), so reading it costs nothing.  Returns 0, or -1
 * when no policy is loaded in the slot.
 */
int desk_model_stats(const struct desk *d, int challenger,
	struct sim_disc *st);

/* The slot (borrowed), or NULL when no policy is loaded in it. */
const struct desk_policy *desk_policy_slot(const struct desk *d,
	int challenger);

/* ---------------------------------------------- staleness and refresh */

/*
 * Look at the inputs of every loaded slot as they are now: the stored
 * text of its scorecard (one row of the database), its policy file's
 * bytes and its population's generation; record them in slot->now.  A
 * front end calls it before it shows figures, to see the writes of other
 * processes too (a fit from the command line); the desk's own writes
 * mark the slots without it.  Returns the union of the slots' desk_stale
 * bits.  Never fails: an input it cannot read is a stale one ("" stamp).
 */
unsigned desk_check(struct desk *d);

/*
 * The DESK_STALE_* bits of the slot: which of its inputs differ from
 * those its figures were computed from (slot->now against slot->made);
 * 0 when it is up to date or holds no policy.  No I/O.
 */
unsigned desk_stale(const struct desk *d, int challenger);

/*
 * Whether desk_refresh(d, 0, ...) has work: a slot whose scorecard or
 * population moved, with inputs it has not failed on before.
 */
int desk_needs_refresh(const struct desk *d);

/*
 * Score again every slot whose scorecard or population moved (not one
 * whose policy file changed alone: that is another policy, for
 * desk_load_policy): the stored scorecard and the population are read
 * again and scored, and the policy as loaded simulated at the slot's
 * cutoffs, moved ones kept, so that the figures equal those of
 * desk_load_policy followed by desk_set_cutoffs (--report --cutoff) on
 * the same database.  The discrimination is computed again and the
 * optimiser's result, of the old scores, dropped (optimised 0).  A slot
 * that fails keeps its old figures, marked DESK_STALE_FAILED with the
 * reason in failed_msg, and is not tried again with the same inputs
 * unless force is set.  Reads the population: a front end runs it under
 * a progress bar (desk_interrupt stops it, as a failure).  Returns 0
 * when every slot it tried was scored again, else -1 with err the first
 * failure.
 */
int desk_refresh(struct desk *d, int force, struct rd_err *err);

/*
 * Why the slot is out of date, in words, into buf (len bytes): e.g.
 * "policy example is scored with scorecard german 3f2a1c0, stored again
 * since (9e41b07)", "... the policy file changed since it was loaded",
 * with the failure of the last refresh after it.  Returns buf, or NULL
 * (buf "") when the slot is up to date or empty.
 */
char *desk_stale_why(const struct desk *d, int challenger, char *buf,
	size_t len);

/*
 * The scorecard a slot's figures were computed with, for showing: its
 * name, a space and the first DESK_SHORT_HASH digits of its stamp
 * ("german 3f2a1c0"), so that a scorecard saved again under the same
 * name reads differently.  Into buf (len bytes); returns buf, "" for an
 * empty slot.
 */
char *desk_card_label(const struct desk *d, int challenger, char *buf,
	size_t len);

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
 * policies, or when either is out of date by its scorecard or population
 * (desk_stale): the two would be scored with different versions of their
 * inputs, and the message says which (desk_stale_why); as sim_swap when
 * their populations differ).
 */
int desk_swap(const struct desk *d, struct sim_swap *out,
	struct rd_err *err);

/*
 * Refuse path as the file an output of the desk is written to (what
 * names it in the message: "the document") when it is the desk's
 * database or one of its side files, the champion's or the challenger's
 * policy file, or any other SQLite database (afile_check_target).
 * Returns 0, or -1 with err RD_EUSAGE saying which input path is.
 */
int desk_check_output(const struct desk *d, const char *what,
	const char *path, struct rd_err *err);

/*
 * Write the slot's policy with its current cutoffs to path (which may be
 * the file it came from) by policy_edit_write, keeping the author's text
 * and comments, then load path into the slot, so its file cutoffs are the
 * current ones.  The other slot, when path is its policy file, is marked
 * DESK_STALE_POLICY.  Returns 0, or -1 with err (as policy_edit_write, or
 * as desk_load_policy: then the file is written but the slot unchanged).
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
 * above.  A curve does not depend on the current cutoffs, only on the
 * scores (a load or a refresh changes them): a view may compute it once
 * per scoring and mark the current cutoff on it.
 */

/*
 * Run the optimiser (sim_optimise) on the slot and keep the result in
 * slot->opt (replacing an earlier one): the chosen cutoffs, the figures
 * at them and the efficient frontier.  The slot's own cutoffs do not
 * change; apply the choice with desk_set_cutoffs(d, challenger,
 * slot->opt.cutoffs, err), or a frontier point's with
 * sim_opt_frontier_cutoffs first.  The result belongs to the scores it
 * was computed on: desk_refresh drops it.  Returns 0, or -1 with err
 * (RD_EUSAGE: no policy, a bad target).
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
	/* 1 when the EADs' range is checked by the run, not before it
	   (desk_check_policy_table's run). */
	int ead_deferred;
	/* The fraud verdicts (desk_decide_fraud), NULL when none. */
	struct fraud_data *fraud;	/* owned */
	struct decide_fraud fraud_view;	/* its scored rows, for the run */
};

/*
 * For a policy with fraud rules (dd->policy->fraud; none: 0 and nothing
 * done), after desk_decide_open: the features of dd->table's applicants
 * computed against the history table (history NULL: the policy's
 * "fraud: history"; neither: the applicants alone), the applicants
 * counting as history for later applicants in time order, and the rules
 * evaluated on them (desk-fraud.h desk_fraud_verdicts); desk_decide_run
 * then applies them before the credit policy.  Returns 0, or -1 with
 * every error in d->load_errors (err the first).
 */
int desk_decide_fraud(struct desk *d, struct desk_decision *dd,
	const char *history, struct rd_err *err);

/*
 * Load the policy at policy_path and its scorecard, and check them
 * against table (NULL: the policy's population): the scorecard's columns
 * and their types, the id column, the policy's expressions, overlapping
 * segments of a hit: unique policy -- every error found, in
 * d->load_errors (err the first), as desk_load_policy.  id NULL takes
 * the table's key column (--id at import), else a column recorded as an
 * identifier (--role, then the first in table order), else none (the
 * rowid keys the records).  Nothing is read row by row but for the
 * hit: unique check.  run is desk_check_policy_table's: 1 when
 * desk_decide_run follows, which then checks the range of an arithmetic
 * EAD itself (dd->ead_deferred; a run stopped by one leaves every such
 * fault in d->load_errors, check-policy's verdict); 0 to check
 * everything here (export).
 * Returns 0 with *out filled (release with desk_decision_done), or -1
 * with err and *out released.
 */
int desk_decide_open(struct desk *d, const char *policy_path,
	const char *table, const char *id, int run,
	struct desk_decision *out, struct rd_err *err);

/*
 * Decide every applicant of dd->table (sim/decide.h decide_run with
 * spec; its id and input are set here), emit(arg, record) for each;
 * dd->sum and dd->input_sha256 are filled.  Returns 0 or -1 with err;
 * d->load_errors is emptied first and, when the run stopped on an EAD
 * out of range that it checks itself (dd->ead_deferred), holds every
 * segment at fault, worded and counted as check-policy does (err the
 * first).
 */
int desk_decide_run(struct desk *d, struct desk_decision *dd,
	const struct decide_spec *spec,
	int (*emit)(void *arg, const struct decide_record *r), void *arg,
	struct rd_err *err);

void desk_decision_done(struct desk_decision *dd);

/*
 * Every "reason_codes:" key of p names a characteristic of its scorecard
 * in db: errors appended to errs, located at the key (check-policy's
 * check; desk_decide_open makes it too).  Nothing when the scorecard
 * cannot be loaded (that error is the scorecard check's).  Returns 0.
 */
int desk_check_reason_codes(struct db *db, const struct policy *p,
	struct policy_errors *errs);

/*
 * The checks of policy p against table in db (NULL: its population) that
 * check-policy, --report, decide and export make alike, so that a policy
 * one of them refuses the others refuse with the same located errors:
 * desk_check_reason_codes; policy_check_columns_all; then, when every
 * expression is valid, export's type rule (export/sqlexpr.h
 * sqlx_check_types: text compared with a number, text where a number is
 * wanted, text as a condition) on every condition and the income,
 * "knock-out \"x\": text compared with a number: ..." located at the
 * expression; then, when none breaks it, an EAD that gives text on a row
 * of its segment (sim_check_ead_all's errors, which name the value and
 * the rows; a pass that stops at the first text value finds whether
 * there is one); then the type rule on the EADs ("EAD: an operand of
 * arithmetic is text; ...", located at the ead); then an EAD infinite or
 * negative on an applicant of its segment ("EAD is negative on n rows of
 * segment ...").  With run (the checks before a run that decides every
 * row and counts such EADs itself, over the whole table, with the same
 * located error: --report, decide), an EAD whose value is arithmetic
 * (export/sqlexpr.h sqlx_always_number), which can never be text, is
 * left to the run: no pass over the rows here for it, and *deferred
 * (may be NULL) is set to 1.  Errors are appended to errs; returns 0
 * when none was added, 1 when some were, -1 with err when the table
 * cannot be read.
 */
int desk_check_policy_table(struct db *db, const struct policy *p,
	const char *table, int run, int *deferred, struct policy_errors *errs,
	struct rd_err *err);




#endif
