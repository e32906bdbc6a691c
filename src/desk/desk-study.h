/*
 * desk-study.h - a table under study: its characteristics classed and
 * ranked by IV, the bins regrouped by hand, the characteristics chosen for
 * a model, the model fitted and saved.  The interactive workbench keeps
 * one study open at a time; every figure it shows of the study (counts,
 * WoE, IV, coefficients) comes from here and from the model layer.
 *
 * Call sequence (each classing step is short, so a front end can draw a
 * progress bar and honour a cancel key between steps, GSL's
 * init/iterate/test idea):
 *   st = desk_study_open(d, table, err);
 *   while ((rc = desk_study_class_step(st, err)) == 1)
 *       draw(desk_study_progress(st));
 *   ... desk_study_merge / _split_at / _move / _set_trend ... each an
 *       edit that desk_study_undo takes back and desk_study_redo makes
 *       again; desk_study_reset goes back to the classing as opened ...
 *   desk_study_fit(st, name, err);
 *   desk_study_save_check(d, st, &what, err);  (ask before replacing)
 *   desk_study_save(d, st, err);
 *   desk_study_free(st);
 * After any call that changes bins (an edit, undo, redo, reset) or fits,
 * pointers into st->chars[j] or st->card taken before are dead: re-read
 * them.  rev[j] changes with every change of chars[j], so a front end
 * that keeps something derived from it (the fine classes, the level
 * list) knows when to fetch it again.
 */
#ifndef RD_DESK_STUDY_H
#define RD_DESK_STUDY_H

#include <stddef.h>

#include "desk/desk-bin.h"
#include "model/bin.h"
#include "model/card.h"

struct desk;
struct dataset;
struct rd_err;
struct study_hist;

/*
 * What the optimal classing of one characteristic is solved under, set
 * per characteristic (desk_study_set_*); each starts as the study's spec
 * and the column's special values.
 */
struct desk_study_setting {
	enum bin_trend trend;	/* WoE trend of the ranges (bin.h) */
	double min_share;	/* least share of the known-outcome rows per
				   range or level bin, [0, 1) */
	double *specials;	/* [nspecials] owned: special values of a
				   numeric characteristic, each a bin */
	size_t nspecials;
	int other_kind;		/* 1: classed as the other kind than the
				   table's column (numbers as categories,
				   a text of numbers as numbers); such a
				   binning, and a scorecard using it, stay
				   in the study: the table's column keeps
				   its type, so they are never saved */
};

/* Undo keeps this many edits of a characteristic; older ones go. */
#define DESK_STUDY_UNDO_MAX 200

struct desk_study {
	char *table;			/* owned */
	struct dataset *ds;		/* owned: the table, with its target
					   (recorded identifiers not loaded) */
	/* One characteristic per column except the target and the
	   identifiers, in column order: col[j] is its index in ds->cols;
	   chars[j] NULL until classed. */
	size_t nchars;
	size_t *col;			/* [nchars] owned */
	struct characteristic **chars;	/* [nchars] owned */
	size_t nclassed;		/* chars[0 .. nclassed - 1] are done */
	/* rank[r] = j of the r-th characteristic by IV, largest first,
	   unusable ones (a status) last; valid once nclassed == nchars and
	   kept so after every change of bins. */
	size_t *rank;			/* [nchars] owned */
	unsigned char *edited;		/* [nchars] 1: regrouped by hand */
	unsigned char *unsaved;		/* [nchars] 1: regrouped since the
					   binning was last saved */
	unsigned char *chosen;		/* [nchars] 1: goes into the model */
	struct card_fit_spec spec;	/* binning, fit and scaling settings;
					   spec.bins points into lend */
	struct desk_bins_lend lend;	/* the table's saved binnings and
					   declared special values, as
					   desk_fit uses them */
	struct scorecard *card;		/* owned: the last fit, or NULL */
	int card_saved;			/* card is stored in the database */
	/* What the fit was made from: bins_gen counts the changes of the
	   bins (regrouping, reset) and fit_gen is its value at the fit;
	   fit_chosen[nchars] (owned) the choice of characteristics then.
	   desk_study_fit_stale compares them. */
	unsigned long bins_gen, fit_gen;
	unsigned char *fit_chosen;
	char *card_unsavable;		/* owned: why card cannot be saved
					   (it uses a characteristic of the
					   other kind), or NULL */
	/* Per characteristic, [nchars] owned: the settings of its optimal
	   classing, its edit history (undo and redo), the revision of its
	   bins (changes with every change), and its column read as the
	   other kind (ds.h ds_column_as_text / _as_number) while
	   setting[j].other_kind, else NULL. */
	struct desk_study_setting *setting;
	struct study_hist *hist;
	unsigned long *rev;
	struct ds_column **kindcol;
	unsigned long next_id;		/* the next edit's state id */
	/* The identifiers, never classed, ranked or chosen (desk-bin.h
	   desk_bins_identify), in table column order: [nleft_out] owned. */
	struct desk_left_out *left_out;
	size_t nleft_out;
};

/*
 * Open table of d's database for study: load it (it must have a target;
 * desk_bins_load, so recorded identifiers are not read; with a holdout in
 * spec->sample only its development rows, desk_sample_develop, as
 * riskdesk fit develops on them: the study keeps a copy of the sample and
 * a card it fits records it), borrow its saved
 * binnings and special values (desk_bins_lend), so that classing gives
 * what desk_fit would, and leave out the identifiers (left_out).  spec
 * NULL means
 * card_fit_spec_init's defaults.  Nothing is classed yet.
 * Returns a study to free with desk_study_free, or NULL with err (as
 * db_dataset_load; RD_EINPUT when the table has no target).
 */
struct desk_study *desk_study_open(struct desk *d, const char *table,
	const struct card_fit_spec *spec, struct rd_err *err);

/* The same, reporting the load's progress through pr (data/db.h
   db_dataset_load_progress; may be NULL): a load pr cancels fails with
   RD_EUSAGE "cancelled". */
struct db_progress;
struct desk_study *desk_study_open_progress(struct desk *d,
	const char *table, const struct card_fit_spec *spec,
	const struct db_progress *pr, struct rd_err *err);

/*
 * Class the next characteristic as card_fit does (bin_characteristic
 * with spec.bins: a saved binning, else the optimal coarse classing).  Returns
 * 1 when more remain, 0 when all are done (then rank is filled and the
 * default choice made: every usable characteristic with IV >=
 * spec.min_iv, the rule card_fit applies), or -1 with err.
 */
int desk_study_class_step(struct desk_study *st, struct rd_err *err);

/* Share of the classing done, 0..1. */
double desk_study_progress(const struct desk_study *st);

/*
 * Merge bin i of characteristic j with bin i + 1 (neither a missing nor
 * a special bin): for a numeric characteristic the break between them
 * goes, for a text one the two level groups become one, and counts, WoE
 * and IV are computed again on the table (bin_merge).  Marks j edited and
 * re-ranks.  Returns 0, or -1 with err RD_EUSAGE when j or i is out of
 * range or a bin is a missing or special one.
 */
int desk_study_merge(struct desk_study *st, size_t j, size_t i,
	struct rd_err *err);

/*
 * Merge bins first .. last of characteristic j into one, as one edit
 * (bin_merge of each neighbour in turn; all or nothing).  first == last
 * merges nothing and fails.  Errors as desk_study_merge (RD_EUSAGE for a
 * missing or special bin among them, last out of range, first >= last).
 */
int desk_study_merge_range(struct desk_study *st, size_t j, size_t first,
	size_t last, struct rd_err *err);

/*
 * Split bin i of characteristic j in two.  Numeric: at the value
 * desk_study_split_offer offers (the median of the bin's values, or the
 * least value above the smallest when more than half tie there), so
 * neither part is left without evidence (bin_split).  Text: the bin's
 * last level becomes a bin of its own after the last level bin
 * (bin_move_level).  Returns 0, or -1 with err RD_EUSAGE when the bin
 * holds a single value or level, or is the missing bin.
 */
int desk_study_split(struct desk_study *st, size_t j, size_t i,
	struct rd_err *err);

/*
 * The split offered for range bin i of numeric characteristic j
 * (bin.h bin_split_offer on the study's table).  Returns 0 or -1 with
 * err (RD_EUSAGE: no such bin, not a range).
 */
int desk_study_split_offer(const struct desk_study *st, size_t j, size_t i,
	struct bin_split_offer *out, struct rd_err *err);

/*
 * Split range bin i of numeric characteristic j at at: [l, at) and [at,
 * u) (bin_split).  Refused, with the reason and the values that would
 * do, when at is outside the bin or a part would hold no row with a
 * known outcome.  Returns 0, or -1 with err (RD_EUSAGE, RD_EINPUT) and j
 * unchanged.
 */
int desk_study_split_at(struct desk_study *st, size_t j, size_t i, double at,
	struct rd_err *err);

/*
 * Move the category level of text characteristic j to bin to (an index of
 * a level bin), or to a bin of its own after the last level bin when to is
 * -1 (bin_move_level); a bin left empty goes.  Counts, WoE and IV are
 * computed again on the table.  Marks j edited and re-ranks.  Returns 0,
 * or -1 with err RD_EUSAGE (j out of range, a numeric characteristic, an
 * unknown level, a missing or special bin) and j unchanged.
 */
int desk_study_move(struct desk_study *st, size_t j, const char *level,
	int to, struct rd_err *err);

/*
 * Class characteristic j again as desk_study_class_step did (with the
 * saved binnings and the settings as of opening), dropping the
 * regrouping: an edit like the others (undo takes it back), after which
 * j is not edited, and unsaved only when another binning was saved
 * since opening.  Returns 0 or -1 with err.
 */
int desk_study_reset(struct desk_study *st, size_t j, struct rd_err *err);

/*
 * Undo the last edit of characteristic j (its bins and settings as they
 * were before it), or redo the last one undone; a new edit drops what
 * could be redone.  Up to DESK_STUDY_UNDO_MAX edits are kept.  Returns 0,
 * or -1 with err RD_EUSAGE "nothing to undo" / "nothing to redo".
 * desk_study_undo_text / _redo_text: what undo or redo would take back
 * or make again ("merge bins 2-3", "split bin 4 at 35", "trend peak"),
 * or NULL when nothing; valid until the next change of j.
 */
int desk_study_undo(struct desk_study *st, size_t j, struct rd_err *err);
int desk_study_redo(struct desk_study *st, size_t j, struct rd_err *err);
const char *desk_study_undo_text(const struct desk_study *st, size_t j);
const char *desk_study_redo_text(const struct desk_study *st, size_t j);

/*
 * Solve characteristic j's optimal classing again at once (bin_optimal,
 * the spec's other settings kept) under a changed setting, as one edit:
 *   _set_trend: the WoE trend (BIN_TREND_AUTO tries the four, bin.h);
 *   _set_min_share: the least share of rows per bin, in [0, 1);
 *   _set_specials: the special values values[n] of a numeric
 *     characteristic (n 0: none), each finite, each a bin of its own;
 *   _set_other_kind: 1 classes a numeric column as categories (each
 *     distinct number a level) or a text column as numbers (each level
 *     that reads as a number; the others become missing, counted into
 *     *nnot, may be NULL); 0 back to the column's type.
 * Returns 0, or -1 with err RD_EUSAGE (bad j, a share out of range, a
 * special value that is not finite or given twice, specials of a text
 * characteristic, a text column none of whose levels is a number) and
 * j unchanged.
 */
int desk_study_set_trend(struct desk_study *st, size_t j, enum bin_trend t,
	struct rd_err *err);
int desk_study_set_min_share(struct desk_study *st, size_t j, double share,
	struct rd_err *err);
int desk_study_set_specials(struct desk_study *st, size_t j,
	const double *values, size_t n, struct rd_err *err);
int desk_study_set_other_kind(struct desk_study *st, size_t j, int on,
	size_t *nnot, struct rd_err *err);

/*
 * The fine classing of characteristic j under its settings (bin_fine on
 * the column as classed), for showing beside the coarse bins; first[] and
 * last[] (may be NULL, else [fine->nbins]) receive where each fine bin
 * went among st->chars[j]'s bins (bin.h bin_fine_map).  Caller frees
 * with characteristic_free; NULL with err as bin_fine.
 */
struct characteristic *desk_study_fine(const struct desk_study *st,
	size_t j, int **first, int **last, struct rd_err *err);

/*
 * Every level of text characteristic j's column with its rows and bin
 * (bin.h bin_level_rows): a heap array of *n (caller frees; the level
 * texts live as long as the study), NULL and 0 for a numeric one.
 */
struct bin_level_row *desk_study_levels(const struct desk_study *st,
	size_t j, size_t *n);

/*
 * The common axis of the WoE bars of every classed characteristic of
 * the study (bin.h bin_woe_axis over those without a status).
 */
double desk_study_woe_axis(const struct desk_study *st);

/*
 * Fit scorecard name on the chosen characteristics with their current
 * bins (card_fit_chars with spec; the study's characteristics are copied,
 * not given away).  Replaces st->card (card_saved 0).  Returns 0, or -1
 * with err as card_fit_chars (RD_EINPUT when none is chosen).
 */
int desk_study_fit(struct desk_study *st, const char *name,
	struct rd_err *err);

/*
 * The same fit in three parts, for a front end that runs the long middle
 * part in a worker thread while it keeps answering keys:
 *   f = desk_study_fit_begin(st, name, err);      copies the chosen bins
 *   rc = desk_study_fit_run(f, &cancel, err);     reads st->ds only
 *   desk_study_fit_end(st, f);                    installs the card
 * While desk_study_fit_run runs, st must not change and only reading st
 * is safe.  cancel (may be NULL) is polled between the fit's iterations
 * (logit_spec.cancel): once non-zero the run fails with RD_EUSAGE
 * "cancelled".  desk_study_fit_end installs the card of a run that
 * succeeded (returns 0; card_saved 0), or leaves st->card as it was
 * (returns -1); either way it frees f.  begin returns NULL with err as
 * desk_study_fit.
 */
struct desk_study_fit;
struct desk_study_fit *desk_study_fit_begin(struct desk_study *st,
	const char *name, struct rd_err *err);
int desk_study_fit_run(struct desk_study_fit *f, const _Atomic int *cancel,
	struct rd_err *err);
int desk_study_fit_end(struct desk_study *st, struct desk_study_fit *f);

/*
 * Store st->card in d's database under its name with the study's table as
 * its population, replacing one of that name; sets card_saved.  The
 * loaded policies that score with a scorecard of that name are marked
 * out of date (desk.h, desk_stale), so the next desk_refresh scores them
 * with it.  Returns 0, or -1 with err (RD_EUSAGE when nothing is fitted
 * or card_unsavable says why not, RD_EDB).
 */
int desk_study_save(struct desk *d, struct desk_study *st,
	struct rd_err *err);

/*
 * Before desk_study_save: would it replace a stored scorecard?  Returns
 * 0 when d's database holds none of st->card's name (*what NULL), 1
 * when it does, with *what (heap, caller frees) saying what saving
 * changes, development sample first:
 *   "development sample german (1,000 rows with a known outcome) ->
 *   german (700); holdout none -> 30% at random (seed 1); 12 -> 9
 *   characteristics"
 * each part "unchanged: ..." when it is; or -1 with err (RD_EUSAGE
 * nothing fitted, RD_EDB).  A stored one that cannot be read is said so.
 */
int desk_study_save_check(struct desk *d, const struct desk_study *st,
	char **what, struct rd_err *err);

/*
 * Save characteristic j's binning in d's database (data/binstore.h, the
 * text of bin_def_format) for the study's table, so that desk_fit and
 * the next study of the table use it; clears unsaved[j].  Returns 0 or
 * -1 with err (RD_EUSAGE for a bad j or a characteristic classed as the
 * other kind, RD_EDB).
 */
int desk_study_save_bins(struct desk *d, struct desk_study *st, size_t j,
	struct rd_err *err);

/*
 * Whether st->card no longer follows from the study: a characteristic was
 * regrouped or reset since the fit, or the choice of characteristics
 * (st->chosen) differs from the fit's.  0 when there is no fit.  The
 * card itself stays what it is (it can be validated and saved); a new fit
 * follows the study again.
 */
int desk_study_fit_stale(const struct desk_study *st);

/* Number of characteristics regrouped and not saved. */
size_t desk_study_unsaved(const struct desk_study *st);

/* Free st and all it owns.  NULL is a no-op. */
void desk_study_free(struct desk_study *st);

#endif
