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
 *   ... desk_study_merge / desk_study_reset / desk_study_choose ...
 *   desk_study_fit(st, name, err); desk_study_save(d, st, err);
 *   desk_study_free(st);
 * After any call that changes bins (merge, reset) or fits, pointers into
 * st->chars[j] or st->card taken before are dead: re-read them.
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
 * Split bin i of characteristic j in two.  Numeric: at the median of the
 * bin's values (the value at sorted position floor(m / 2) of the m values
 * in the bin of rows with a known outcome), so the cut is a data value,
 * ties stay together and neither part is left without evidence; when
 * that is the bin's smallest value the next larger value is used
 * (bin_split).  Text: the bin's last level becomes a bin of
 * its own after the last level bin (bin_move_level).  Returns 0, or -1 with err RD_EUSAGE when the bin holds
 * a single value or level, or is the missing bin.
 */
int desk_study_split(struct desk_study *st, size_t j, size_t i,
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

/* Class characteristic j again as desk_study_class_step did (with the
   saved binnings as of opening), dropping the regrouping; it is then
   neither edited nor unsaved.  Returns 0 or -1. */
int desk_study_reset(struct desk_study *st, size_t j, struct rd_err *err);

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
 * with it.  Returns 0, or -1 with err (RD_EUSAGE when nothing is fitted,
 * RD_EDB).
 */
int desk_study_save(struct desk *d, struct desk_study *st,
	struct rd_err *err);

/*
 * Save characteristic j's binning in d's database (data/binstore.h, the
 * text of bin_def_format) for the study's table, so that desk_fit and
 * the next study of the table use it; clears unsaved[j].  Returns 0 or
 * -1 with err (RD_EUSAGE for a bad j, RD_EDB).
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
