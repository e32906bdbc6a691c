/*
 * desk-model.h - the desk's model part (desk-model.c): the outcomes a
 * table must have before anything compares goods with bads, stored
 * scorecards, scorecards developed on a sample with a holdout, raw
 * logistic fits for checking against R, and the validation of a
 * scorecard.  The Model, Scorecard and Validation screens read the
 * structures below; the command line prints them with report-model.c.
 *
 * This part sits under the session (desk.h, which includes this header
 * for the front ends): it reaches the database through desk-internal.h
 * and never calls back into the session.
 */
#ifndef RD_DESK_MODEL_H
#define RD_DESK_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "data/ds.h"
#include "model/card.h"
#include "model/design.h"
#include "model/logit.h"
#include "model/validate.h"
#include "util/sha256.h"

struct desk;
struct rd_err;

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
 * Fit a scorecard on ds as desk_fit does, after applying spec->sample: a
 * random or out-of-time holdout is set aside (validate.h) and the card is
 * developed on the rest; the card records the sample so that
 * desk_validate sees the same split.  Takes ds over: it is freed as soon
 * as it is no longer needed (once the development rows are copied out,
 * or the characteristics classed: card_fit_take), also on failure.
 * Returns the card (card_free) or NULL with err.
 */
struct scorecard *desk_card_fit_sample(struct dataset *ds,
	const char *name, const struct card_fit_spec *spec,
	struct rd_err *err);

/*
 * The binned sample (model/binned.h) of table for chars[k] (borrowed:
 * classed already, none with a status), over the development rows under
 * sample s, read slice by slice (65,536 rowids at a time, db_window_set,
 * as validate reads): each slice's rows of the characteristics' columns,
 * the target and the date column of an out-of-time sample are loaded,
 * marked (a random holdout's marks drawn once for every row, in rowid
 * order, as desk_sample_develop draws them), and their development rows'
 * bins appended (card_binned_append).  Memory of a slice and the sample:
 * about k + 1 bytes per development row.  card_fit_binned on it gives
 * the card card_fit_chars gives on desk_sample_develop of the table
 * loaded whole.  Not for a fraud card's features (they are computed from
 * the whole table, not read).  Returns 0 with *bs filled (binned_done),
 * or -1 with err (RD_EDB; RD_EINPUT: a column missing or of another type,
 * an out-of-time split leaving a sample empty; RD_EUSAGE: a bad holdout
 * fraction), *bs then empty.
 */
struct binned_sample;
struct characteristic;
int desk_binned_load(struct desk *d, const char *table,
	const struct card_sample *s, struct characteristic *const *chars,
	size_t k, struct binned_sample *bs, struct rd_err *err);

/* The rowids of a binned sample's rows, those of its known rows and
   those of its other rows, each in table order, held as the differences
   from the rowid before (the first from 0), zigzag-coded varints: a
   byte a row where rows are near each other (owned; release with
   desk_rowids_done, safe on a zeroed one).  Read back with
   desk_rowid_at. */
struct desk_rowid_run {
	unsigned char *b;	/* the coded differences */
	size_t len, cap;	/* bytes used, allocated */
	size_t n;		/* rowids */
	int64_t last;		/* the last appended */
	/* The reader's place: the next rowid's byte, its index, the rowid
	   before it. */
	size_t at, idx;
	int64_t cur;
};

struct desk_rowids {
	struct desk_rowid_run known, other;
};

/*
 * The rowid of row i of run r (i < r->n).  Reading forward (i at or
 * after the last asked) costs the rows stepped over; backward starts
 * again from the first.
 */
int64_t desk_rowid_at(struct desk_rowid_run *r, size_t i);
void desk_rowids_done(struct desk_rowids *r);

/*
 * desk_binned_load, and with rowids (not NULL) the sample keeps its
 * rejects apart (binned.h keep_reject) and *rowids gets the rowid of
 * each of its rows (8 bytes a row more), as reject inference needs to
 * store its augmented set; *table_rows (not NULL) the rows of the table
 * read, development or not.  On error *rowids is empty too.
 */
int desk_binned_load_rows(struct desk *d, const char *table,
	const struct card_sample *s, struct characteristic *const *chars,
	size_t k, struct binned_sample *bs, struct desk_rowids *rowids,
	size_t *table_rows, struct rd_err *err);

/*
 * desk_sample_develop in place: ds keeps its development rows under s
 * only (validate_subset_in_place), so that no copy is held beside it.
 * Returns 0, or -1 with err as desk_sample_develop (ds unchanged).
 */
int desk_sample_develop_in_place(struct dataset *ds,
	const struct card_sample *s, struct rd_err *err);

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
	char **notes;		/* [nnotes] owned warnings on the inputs
				   (special values read as numbers) */
	size_t nnotes;
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
	char *psi_against;		/* owned: "holdout", "out-of-time"
					   (the card's holdout is out of
					   time) or a table name */
	char *psi_base;			/* owned: what the PSI compares with:
					   "development" (the card's own
					   development rows, also when another
					   table is validated), or the
					   validated table when the card's
					   population is gone */
	struct val_psi psi;
	struct card_pd_row *pd_table;	/* [npd] owned: the card's score
					   range in steps of PDO / 4 */
	size_t npd;
	double score_lo, score_hi;	/* card_score_range */
	/* What it was computed from (desk_validation_current): the card's
	   stamp (desk_card_sha256) and the table of the PSI, NULL when
	   none was asked for. */
	char card_sha256[RD_SHA256_HEX];
	char *psi_table;		/* owned */
	/* Validated where the rows live (desk_validate_engine): the
	   engine's name ("postgresql"), table then names its table;
	   NULL for a table of the riskdesk database. */
	char *engine;			/* owned */
	size_t n_unknown;		/* rows of indeterminate outcome
					   (desk_validate_engine only) */
	size_t engine_rows;		/* rows of counts the engine sent
					   back, and the bytes of their
					   values as text: what left the
					   engine (desk_validate_engine) */
	size_t engine_bytes;
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
 * Validate scorecard name on the table source of the PostgreSQL
 * database conninfo names (engine.h engine_connect), without its rows
 * leaving the engine: the server computes, in one pass over source, the
 * number of rows of each distinct (score, outcome) (export/sql.h
 * export_sql_score_hist, the score as the exported decision query
 * computes it), and the figures are computed from those counts
 * (validate_cells, PD = card_pd of each score): the same as desk_validate
 * gives on the same rows in a riskdesk table.  The whole table is
 * validated (no holdout, no PSI: as desk_validate with another table).
 * The outcome is target (a column of source) with the bad value(s) bad
 * (tab-separated) and the good ones good[ngood] (none: every other
 * value), as import's --target, --bad, --good; with target NULL, the
 * target rule of the card's population in the riskdesk database, and its
 * reject rule (import --reject-when: a reject has no outcome; source
 * must have the column), or, when the population has none, every row
 * indeterminate.  Rows of indeterminate outcome are
 * counted in out->n_unknown.  Returns 0 with *out filled (out->table
 * source, out->engine "postgresql"; free with desk_validation_done), or
 * -1 with err: the card not found (RD_EINPUT), a fraud card
 * (RD_EINPUT), the connection or query failed (RD_EDB, libpq's reason),
 * no such table, no target column, a characteristic's column missing or
 * of another type (RD_EINPUT, naming it), validate_cells' errors.
 */
int desk_validate_engine(struct desk *d, const char *name,
	const char *conninfo, const char *source, const char *target,
	const char *bad, const char *const *good, size_t ngood,
	const struct validate_spec *vs, struct desk_validation *out,
	struct rd_err *err);
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
 * desk_validate_card on the card's own population (table NULL) from rows
 * the caller has loaded and scored already: ds (the population's rows in
 * table order, with the card's columns and the target, e.g. a policy
 * slot's), score[ds->nrows] and pd[ds->nrows] as card_score gives them;
 * all borrowed.  The same figures as desk_validate_card without reading
 * and scoring the table again (an out-of-time card whose date column ds
 * lacks is read again).  Returns as desk_validate_card.
 */
int desk_validate_scored(struct desk *d, const struct scorecard *card,
	const struct dataset *ds, const double *score, const double *pd,
	const char *psi_table, const struct validate_spec *vspec,
	struct desk_validation *out, struct rd_err *err);

/*
 * Whether v (filled by desk_validate or desk_validate_card) is the
 * validation of card with the PSI against psi_table (NULL: the holdout or
 * none), i.e. what desk_validate_card(d, card, NULL, psi_table, ...) would
 * compute now: the cards' stamps (desk_card_sha256) and the PSI tables
 * are equal.  A view keeps a validation while this holds and asks again
 * when it does not.
 */
int desk_validation_current(const struct desk_validation *v,
	const struct scorecard *card, const char *psi_table);

/*
 * The stamp of a scorecard: the SHA-256 of its text as the database
 * stores it (card_serialize), into hex[RD_SHA256_HEX].  Two cards with
 * the same stamp score every applicant alike; the stamp of a stored
 * card is the card_sha256 a decision run records.
 */
void desk_card_sha256(const struct scorecard *card, char *hex);

#endif
