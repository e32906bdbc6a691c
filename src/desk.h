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
 */
#ifndef RD_DESK_H
#define RD_DESK_H

#include <stddef.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "model/card.h"
#include "policy/policy.h"
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
};

struct desk {
	struct db *db;			/* owned */
	struct desk_policy champion;
	struct desk_policy challenger;	/* policy NULL when none */
};

/*
 * Open the database at path (created if missing).  Returns a desk to
 * close with desk_close, or NULL with err.  Turns GSL's abort-on-error
 * handler off for the process.
 */
struct desk *desk_open(const char *path, struct rd_err *err);
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
 * The policy file last loaded into slot challenger (0 champion, 1
 * challenger) with this database, as an absolute path the caller frees;
 * NULL when none was.  desk_load_policy remembers each file it loads (in
 * the database's rd_setting table; a read-only database remembers
 * nothing, silently).
 */
char *desk_last_policy(struct desk *d, int challenger);

/*
 * Move segment seg's cutoff of the champion (challenger = 0) or the
 * challenger and simulate again.  Returns 0, or -1 with err RD_EUSAGE for
 * an unknown segment.
 */
int desk_set_cutoff(struct desk *d, int challenger, size_t seg,
	double cutoff, struct rd_err *err);

/* Segment index by name, -1 when unknown. */
int desk_segment_index(const struct desk *d, int challenger,
	const char *name);

/*
 * Discrimination of the policy's scorecard on its population's rows with
 * a known outcome (AUC, Gini = 2 AUC - 1, KS as a fraction, ks_at the
 * score in points where the KS peaks); see model/metric.h.  Returns 0, or
 * -1 when no policy is loaded in the slot.
 */
struct desk_model_stats {
	double auc, gini, ks, ks_at;
	size_t n_known, n_bad;
};
int desk_model_stats(const struct desk *d, int challenger,
	struct desk_model_stats *st);

/* The slot (borrowed), or NULL when no policy is loaded in it. */
const struct desk_policy *desk_policy_slot(const struct desk *d,
	int challenger);

#endif
