/*
 * desk-bin.h - characteristic analysis on the open desk: fine and optimal
 * coarse classing of every characteristic of a table, manual regrouping,
 * saving the binnings in the database, the YAML binning spec, and the
 * stability (CSI) of the binnings on another table.  The command line
 * ("riskdesk bin") and the TUI's Characteristics screen call only these.
 *
 * Typical sequences:
 *   analyse: desk_bins_open -> read b->chars -> desk_bins_free
 *   regroup: desk_bins_open -> desk_bins_merge / _split / _move (WoE and
 *            IV current on return) -> desk_bins_save -> desk_bins_free
 *   reset:   desk_bins_forget (the saved binning is removed and the
 *            optimal coarse classing computed again)
 *   headless: desk_bins_export on one machine; desk_bins_apply_spec on
 *            another (the binnings are rebuilt and saved); desk_fit then
 *            uses them (card_fit takes the saved binning of each column).
 * Pointers into a struct desk_bins stay valid until the next call that
 * changes the characteristic they point into.
 */
#ifndef RD_DESK_BIN_H
#define RD_DESK_BIN_H

#include <stddef.h>

#include "data/ds.h"
#include "model/bin.h"

struct desk;
struct db_progress;
struct rd_err;

/* ------------------------------------------------------- identifiers */

/* A column left out of binning, ranking and fitting, and why. */
struct desk_left_out {
	char *name;		/* owned */
	char *why;		/* owned, e.g. "identifier: 30,000 distinct
				   values in 30,000 rows" */
};

void desk_left_out_free(struct desk_left_out *v, size_t n);

/*
 * The columns of table recorded as identifiers (db.h rd_column, role
 * DS_ROLE_IDENTIFIER), in table column order, each with its note (bin.h
 * bin_identifier's wording): *out a heap array of *n (free with
 * desk_left_out_free; NULL and 0 when none).  Reads no row.  Returns 0
 * or -1 with err (RD_EINPUT no such table, RD_EDB).
 */
int desk_identifiers(struct desk *d, const char *table,
	struct desk_left_out **out, size_t *n, struct rd_err *err);

/*
 * Load table for binning: every column but those recorded as identifiers,
 * which are never read (a unique id of a million rows costs more to load
 * than all the characteristics together); with names not NULL only the
 * columns named in names[nnames] (and the target).  pr as
 * db_dataset_load_progress (may be NULL).  *left / *nleft receive the
 * recorded identifiers (desk_identifiers), all of them.  Returns the
 * dataset (free with ds_free) or NULL with err.
 */
struct dataset *desk_bins_load(struct desk *d, const char *table,
	const char *const *names, size_t nnames, const struct db_progress *pr,
	struct desk_left_out **left, size_t *nleft, struct rd_err *err);

/*
 * Load of table only the columns named in names[n] that it has, and its
 * target (a name it lacks is left for the caller to report, e.g. "no
 * such column"): what scoring or applying binnings needs, without the
 * identifiers and other columns.  NULL with err as db_dataset_load.
 */
struct dataset *desk_load_named(struct desk *d, const char *table,
	const char *const *names, size_t n, struct rd_err *err);

/* desk_load_named with the read's progress reported to pr (db.h; NULL:
   the process's default hook). */
struct db_progress;
struct dataset *desk_load_named_progress(struct desk *d, const char *table,
	const char *const *names, size_t n, const struct db_progress *pr,
	struct rd_err *err);

/*
 * After the load: every column of ds but the target that bin_identifier
 * calls an identifier under spec (a recorded role, or the rule of struct
 * bin_spec for a column without a saved binning) gets skip[j] = 1 and is
 * added to *left / *nleft (the array grows), which end up in table
 * column order with the recorded ones (names[ncols], the table's
 * columns in order).  skip[ds->ncols].
 */
void desk_bins_identify(const struct dataset *ds, const struct bin_spec *spec,
	char *const *names, size_t ncols, unsigned char *skip,
	struct desk_left_out **left, size_t *nleft);

/*
 * What the database lends binning for one table: the saved binnings and
 * the special values declared for its columns at import (db.h
 * db_special_values; the numeric ones) added to those spec already has
 * (their column names stay borrowed).  desk_bins_lend fills it and points
 * spec->saved / spec->colspecials into it; keep it until spec is no longer
 * used, then desk_bins_lend_done.
 */
struct desk_bins_lend {
	struct characteristic **saved;	/* [nsaved] owned, uncounted */
	size_t nsaved;
	struct bin_colspecial *cs;	/* [ncs] owned; values owned */
	size_t ncs;
};

/*
 * Fill *l for table's columns (ds) and point spec at it.  Returns 0 or -1
 * with err (RD_EDB, a saved binning that does not parse); *l is then
 * empty.
 */
int desk_bins_lend(struct desk *d, const struct dataset *ds,
	struct bin_spec *spec, struct desk_bins_lend *l, struct rd_err *err);
void desk_bins_lend_done(struct desk_bins_lend *l);

struct desk_bins {
	char *table;			/* owned */
	struct dataset *ds;		/* owned: the development table */
	struct bin_spec spec;		/* a copy; specials owned */
	double *specials;		/* [spec.nspecials] owned */
	struct desk_bins_lend lend;	/* declared specials (spec points in) */
	struct characteristic **chars;	/* [nchars] owned, column order,
					   the target and the identifiers
					   left out */
	int *col;			/* [nchars] column index in ds */
	int *saved;			/* [nchars] 1: from / in the database */
	size_t nchars;
	/* The identifiers, never binned (recorded ones not even loaded),
	   in table column order: [nleft_out] owned. */
	struct desk_left_out *left_out;
	size_t nleft_out;
	/* desk_bins_open_engine: the engine's name ("postgresql"), table
	   then names its table; NULL for a riskdesk table. */
	char *engine;			/* owned */
	size_t engine_rows;		/* rows of aggregates the engine
					   sent, all queries */
	int rejects_marked;		/* desk_bins_open_engine: a reject
					   rule was given (ds->nreject counts
					   its rows; ds->reject is NULL) */
	/* desk_bins_open_engine: the characteristics of a real (4-byte
	   float) column, "a, b" (owned; NULL when none), read as the
	   shortest decimals that give the float4 back (25.01, not
	   25.010000228881836): said by desk_bins_float4_warning. */
	char *float4;
};

/*
 * The warning on the real (4-byte float) columns of an engine's table,
 * names "a, b" (desk_bins float4), into buf[len]; returns buf.
 */
char *desk_bins_float4_warning(char *buf, size_t len, const char *names);

/*
 * The analysis of desk_bins_open_chars for the table or view source of
 * the PostgreSQL database conninfo, computed where its rows live
 * (data/engine-bin.h): the server returns the order statistics fine
 * classing selects and the rows per fine bin (or level) and outcome, and
 * the same model code as bin_fine then classes them (bin_fine_ranges,
 * bin_fine_levels, bin_coarse), so the bins, counts, WoE, IV, Gini, KS
 * and trend are those of the same rows in a riskdesk table.  The outcome
 * is target's: bad[nbad], good[ngood] (all other non-NULL values when
 * ngood is 0); reject_col (NULL: none) holding reject_value marks a
 * reject, without an outcome whatever its target holds, as import
 * --reject-when does (reject_col is left out, with the reason).  The
 * characteristics are only[nonly] (0: every column but the target and
 * reject_col); an engine's table has no recorded roles and identifier
 * detection needs the rows in order, so no identifier is left out.  ds holds only the row and outcome counts (no columns, no
 * target), col[] is -1, nothing is saved: the regrouping, saving and
 * stability calls need a riskdesk table.  Returns the analysis
 * (desk_bins_free) or NULL with err (engine_bin_open's; RD_EINPUT when
 * the table has no bads or no goods; RD_EDB).
 */
struct desk_bins *desk_bins_open_engine(const char *conninfo,
	const char *source, const char *target, const char *const *bad,
	size_t nbad, const char *const *good, size_t ngood,
	const char *reject_col, const char *reject_value,
	const char *const *only, size_t nonly, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * Load table (it must have a target; desk_bins_load) and bin every column
 * but the target and the identifiers (desk_bins_identify; listed in
 * left_out): its saved binning when the database has one, else the
 * optimal coarse classing under spec (specials copied).  Returns the
 * analysis to free with desk_bins_free, or NULL with err (RD_EINPUT: no
 * such table, no target; RD_EDB; a saved binning that does not parse).
 */
struct desk_bins *desk_bins_open(struct desk *d, const char *table,
	const struct bin_spec *spec, struct rd_err *err);

/*
 * desk_bins_open for the columns named in names[nnames] only (the others
 * are neither read nor binned; a name the table lacks is simply not
 * there, see desk_bins_index): for showing or regrouping a few
 * characteristics of a large table.  names NULL: every column.
 */
struct desk_bins *desk_bins_open_chars(struct desk *d, const char *table,
	const char *const *names, size_t nnames, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * desk_bins_open_chars without holding the table: one pass in slices
 * (data/colagg.h) keeps of each column read only its distinct values
 * with their rows per outcome, and everything bins_open computes from
 * rows is computed from them exactly: the identifier rule
 * (bin_identifier_agg), the saved binnings counted again
 * (bin_recount_cells), the fine classing (its order statistics from the
 * cumulative counts, bin_fine_ranges, bin_fine_levels), the optimal
 * coarse classing and bin_splits.  The characteristics, left_out and
 * counts are those of desk_bins_open_chars on the same table; memory is
 * O(sum of the columns' distinct values), not O(rows x columns).  b->ds
 * holds the counts and the columns' names, types and roles but no rows
 * (ncols columns, num and code NULL; b->col indexes it): what needs rows
 * (desk_bins_fine, merge, split, move, optimal, forget, apply_spec, csi
 * and fraud features) needs desk_bins_open_chars.  Errors as
 * desk_bins_open_chars.
 */
struct desk_bins *desk_bins_open_agg(struct desk *d, const char *table,
	const char *const *names, size_t nnames, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * desk_bins_open_agg that also keeps each row's code in its column's
 * dictionary and each row's outcome (colagg_read with keep_codes): *codes
 * receives the aggregate (colagg_free; b->col[k] indexes its columns as
 * it does b->ds's), so that once the characteristics are final a code ->
 * bin map gives every row's bin (colagg_map_codes) without reading the
 * table again: 2 or 4 bytes a row and column, and one for the outcome.
 * what names the work in the error of a table without bads or goods
 * ("binning", "a scorecard fit"; desk_need_outcomes).  *codes is
 * untouched on failure.
 */
struct colagg;
struct desk_bins *desk_bins_open_codes(struct desk *d, const char *table,
	const char *const *only, size_t nonly, const struct bin_spec *spec,
	const char *what, struct colagg **codes, struct rd_err *err);

/*
 * desk_bins_open_chars on the fraud features of the policy at
 * features_from beside the table's columns, its label the target (as
 * fit --features-from has them, desk-fraud.h desk_fraud_dataset): names
 * may name features too.  Saved binnings of a feature are kept under
 * the table and the feature's name, and fit --features-from uses them.
 * NULL with err; the policy's errors, located, all in d->load_errors.
 */
struct desk_bins *desk_bins_open_features(struct desk *d, const char *table,
	const char *features_from, const char *const *names, size_t nnames,
	const struct bin_spec *spec, struct rd_err *err);
void desk_bins_free(struct desk_bins *b);

/* Index of characteristic name, or -1. */
int desk_bins_index(const struct desk_bins *b, const char *name);

/* The left_out entry of column name (an identifier), or NULL. */
const struct desk_left_out *desk_bins_left_out(const struct desk_bins *b,
	const char *name);

/*
 * The fine classing of characteristic k under b->spec, for showing next
 * to the coarse bins.  Caller frees with characteristic_free; NULL with
 * err as bin_fine.
 */
struct characteristic *desk_bins_fine(const struct desk_bins *b, size_t k,
	struct rd_err *err);

/*
 * Regroup characteristic k (bin.h bin_merge, bin_split, bin_move_level;
 * bins 0-based, to -1 for a new group).  WoE, IV, Gini and KS are current
 * on return.  The change is in memory until desk_bins_save.  Returns 0 or
 * -1 with err RD_EUSAGE, the characteristic unchanged.
 */
int desk_bins_merge(struct desk_bins *b, size_t k, size_t bin,
	struct rd_err *err);
int desk_bins_split(struct desk_bins *b, size_t k, size_t bin, double at,
	struct rd_err *err);
int desk_bins_move(struct desk_bins *b, size_t k, const char *level, int to,
	struct rd_err *err);

/* Replace characteristic k by its optimal coarse classing (not saved). */
int desk_bins_optimal(struct desk_bins *b, size_t k, struct rd_err *err);

/*
 * Save characteristic k's binning in the database (data/binstore.h), so
 * the next desk_bins_open and desk_fit use it.  Returns 0 or -1 with err.
 */
int desk_bins_save(struct desk *d, struct desk_bins *b, size_t k,
	struct rd_err *err);

/*
 * Remove characteristic k's saved binning and recompute its optimal
 * coarse classing.  Returns 0 or -1 with err.
 */
int desk_bins_forget(struct desk *d, struct desk_bins *b, size_t k,
	struct rd_err *err);

/*
 * Write the binnings of the characteristics in which[n] (indices; all
 * when which is NULL) to the YAML binning spec at path (policy/binspec.h).
 * Returns 0 or -1 with err RD_EIO.
 */
int desk_bins_export(const struct desk_bins *b, const size_t *which,
	size_t n, const char *path, struct rd_err *err);

/*
 * Read the YAML binning spec at path, rebuild each of its characteristics
 * on b's table (bin_from_def) and save it in the database.  All or
 * nothing: on any error (file, a column the table lacks or of the other
 * type) nothing is saved and b is unchanged.  *napplied (may be NULL)
 * receives the number applied.  Returns 0 or -1 with err.
 */
int desk_bins_apply_spec(struct desk *d, struct desk_bins *b,
	const char *path, size_t *napplied, struct rd_err *err);


/* Stability of one characteristic's binning on another table. */
struct desk_csi_char {
	size_t k;			/* index into b->chars */
	struct bin_applied base;	/* the development table, all rows */
	struct bin_applied cur;		/* the other table */
	double *share_base, *share_cur;	/* [cur.nbins] owned: the shares
					   before any adjustment */
	double *contrib;		/* [cur.nbins] owned: each bin's term */
	enum bin_psi_flag *flag;	/* [cur.nbins] owned: empty where */
	double csi;			/* NaN when a table has no rows */
	int adjusted;			/* 1: a bin empty in one table only,
					   its zero count became adjust */
	double adjust;			/* b->spec.psi_adjust */
	const char *reading;		/* bin_csi_reading; static */
	char *missing_col;		/* owned: set when the other table lacks
					   the column or has the other type */
};

struct desk_csi {
	char *table;			/* owned: the other table */
	struct desk_csi_char *v;	/* [n] owned, in b->chars order */
	size_t n;
};

/*
 * CSI of every characteristic of b between its development table and
 * table (bin.h bin_apply, bin_csi), over all rows of each.  A column the
 * other table lacks is reported (missing_col), not an error.  Returns the
 * result to free with desk_csi_free, or NULL with err.
 */
struct desk_csi *desk_bins_csi(struct desk *d, const struct desk_bins *b,
	const char *table, struct rd_err *err);
void desk_csi_free(struct desk_csi *c);

/*
 * Keep only the characteristics of c whose index into b->chars is one of
 * which[n] (in c's order), freeing the others.  which NULL: keep all.
 */
void desk_csi_keep(struct desk_csi *c, const size_t *which, size_t n);

#endif
