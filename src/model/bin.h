/*
 * bin.h - classing of characteristics into bins, and their WoE and IV.
 *
 * Conventions (printed with every table):
 *   WoE_i = ln( (good_i / G) / (bad_i / B) ): positive = safer than average.
 *   IV    = sum_i (good_i / G - bad_i / B) * WoE_i.
 *   Numeric bins are half-open, closed on the left: [lower, upper), the
 *   first bin starting at -inf and the last ending at +inf.
 *   Missing values (NaN / NULL) form a bin of their own, and so does each
 *   declared special value of a numeric column (e.g. -999 "no record");
 *   neither is ever merged into a range.
 *   Text levels holding less than other_share of the column's non-missing
 *   rows are grouped in one bin labelled "other", which also takes levels
 *   not seen in development.
 *   A bin with no goods or no bads gets 0.5 added to its good and its bad
 *   count before its WoE is taken (G and B are not changed), so WoE and IV
 *   are always finite; the bin is flagged adjusted.  (SAS Enterprise Miner's
 *   adjustment; see Siddiqi, Credit Risk Scorecards, 2006, ch. 6.)
 *   A text level seen only in rows without a known outcome has no bad rate:
 *   fine classing lists it in no bin, so it is never grouped by its own
 *   evidence and takes the unseen-level fallback (bin_fallback: the bin
 *   flagged other, else the level bin of largest count); the
 *   characteristic counts such levels (nfallback) so reports can say so.
 * Only rows with a known outcome (y GOOD or BAD) are counted.
 *
 * Cost: a numeric column is placed by binary search over its cuts, a text
 * column through a level -> bin map built once per call from the sorted
 * level lists (bin_level_map), so counting, applying and scoring are
 * O(n + L log L) for n rows and L levels, whatever the cardinality.
 */
#ifndef RD_MODEL_BIN_H
#define RD_MODEL_BIN_H

#include <stddef.h>

#include "data/colscan.h"
#include "data/ds.h"

struct rd_err;

struct characteristic;

/*
 * The WoE trend an optimal coarse classing must follow along the numeric
 * ranges (lowest values first): strictly ascending, strictly descending,
 * the better of the two (auto), rising then falling (peak), falling then
 * rising (valley), or none.  Peak and valley include the monotonic cases.
 */
enum bin_trend {
	BIN_TREND_AUTO,
	BIN_TREND_ASCENDING,
	BIN_TREND_DESCENDING,
	BIN_TREND_PEAK,
	BIN_TREND_VALLEY,
	BIN_TREND_NONE
};

/* Special values of one numeric column (all borrowed). */
struct bin_colspecial {
	const char *column;
	const double *values;	/* [nvalues] */
	size_t nvalues;
};

/* Tunable constants of binning, with their defaults from bin_spec_init. */
struct bin_spec {
	int nquantiles;		/* numeric fine bins wanted; default 20 */
	double woe_adjust;	/* added to zero cells' counts; default 0.5 */
	double other_share;	/* fine: text levels under this share of the
				   non-missing rows go to "other"; default
				   0.01; 0 keeps every level alone */
	double min_share;	/* coarse: least share of the known-outcome
				   rows per range or level bin; default 0.05 */
	size_t min_goods;	/* coarse: least goods per bin; default 1 */
	size_t min_bads;	/* coarse: least bads per bin; default 1 */
	enum bin_trend trend;	/* coarse: default BIN_TREND_AUTO */
	double turn_p;		/* coarse, BIN_TREND_AUTO: a peak or valley
				   replaces the best monotonic grouping only
				   when chance explains its IV gain with a
				   probability below this (bin_coarse);
				   default 0.01 */
	size_t max_dp;		/* coarse: more fine bins than this are first
				   pooled, in order, into max_dp blocks of
				   about equal counts (bounds the O(n^2)
				   memory and O(n^3) time); default 1000 */
	const double *specials;	/* [nspecials] borrowed: special values of
				   every numeric column; default none */
	size_t nspecials;
	/* Special values of single columns (e.g. declared at import), added
	   to specials for the column named: [ncolspecials] borrowed. */
	const struct bin_colspecial *colspecials;
	size_t ncolspecials;
	/* Saved binnings (bin_characteristic uses one of the column's name
	   and type instead of the optimal classing): [nsaved] borrowed,
	   default none. */
	struct characteristic *const *saved;
	size_t nsaved;
	/* Identifier rule (bin_identifier) for a column without a recorded
	   role or a saved binning: a text column of N distinct non-missing
	   values in M non-missing rows with N > id_min_levels and N >
	   id_share * M, unless most of its levels are written as numbers
	   (a column of numbers made text by a few other cells); or a
	   numeric one of M > id_min_levels distinct whole numbers forming
	   one run min, min + 1, ..., min + M - 1 (a row number or
	   sequential application number) that is either 0.. or 1.. in row
	   order, or in a column named like an id (colscan_name_is_id), or
	   over M >= id_run_rows rows (below that a run may be a
	   characteristic: 60 applicants of 60 different ages).  Defaults
	   0.5, 50 and 100; id_share >= 1 turns the text rule off. */
	double id_share;
	size_t id_min_levels;
	size_t id_run_rows;
	/* Overfitting warning: a text characteristic whose column holds more
	   than many_levels distinct levels (with rows) is flagged
	   many_levels; default 50.  A WoE per level, or groups chosen by the
	   levels' own bad rates, then follow noise in small levels. */
	size_t many_levels;
	/* PSI / CSI: a count of 0 in one sample only becomes psi_adjust
	   (bin_csi); default 0.5. */
	double psi_adjust;
	/* Worker threads of bin_characteristics: 0 (the default) one per
	   processor online, at most BIN_THREADS_MAX; 1 classes on the
	   calling thread. */
	int threads;
};

#define BIN_THREADS_MAX 8

/* Fill *spec with the defaults above. */
void bin_spec_init(struct bin_spec *spec);

enum bin_kind {
	BIN_RANGE,		/* numeric [lower, upper) */
	BIN_LEVELS,		/* one or more text levels */
	BIN_MISSING,		/* NULL values */
	BIN_SPECIAL		/* one declared special value, in lower */
};

struct bin {
	enum bin_kind kind;
	double lower, upper;	/* BIN_RANGE: [lower, upper), may be -/+INF */
	char **levels;		/* BIN_LEVELS: [nlevels] owned */
	size_t nlevels;
	char *label;		/* owned, e.g. "[26, 35)", "rent", "missing" */
	size_t count, goods, bads;	/* known-outcome rows in the bin */
	double woe;		/* ln(%good / %bad), after adjustment */
	double iv;		/* this bin's IV contribution */
	int adjusted;		/* 1 when the zero-cell adjustment was used */
	int other;		/* BIN_LEVELS: takes unseen levels ("other") */
	size_t nother;		/* BIN_LEVELS: the last nother levels are the
				   small ones fine classing grouped as other */
	double bad_rate;	/* bads / count; 0 when empty */
	double pct_goods;	/* goods / G (share of goods), 0 when G is 0 */
	double pct_bads;	/* bads / B (share of bads), 0 when B is 0 */
	double share;		/* count / (G + B): the bin's share of the
				   rows with a known outcome, 0 when none */
};

/*
 * A binned characteristic.  Bins are ordered: ranges ascending and
 * contiguous (the first from -inf, the last to +inf), or level groups (in
 * level order from bin_fine, in the caller's order from bin_from_groups,
 * by bad rate from bin_coarse); then the special-value bins of a numeric
 * characteristic in the order declared; then the missing bin last (if
 * any).  A characteristic is numeric (ranges
 * only) or text (level groups only), never both.
 */
struct characteristic {
	char *name;		/* owned: the column name */
	int numeric;		/* 1: ranges; 0: level groups */
	struct bin *bins;	/* [nbins] owned */
	size_t nbins;
	size_t goods, bads;	/* G and B: known-outcome totals */
	double iv;
	char *status;		/* owned; NULL when usable, else why not
				   ("single bin", "no bads", ...) */
	double gini, ks;	/* of the WoE-coded characteristic (bin_woe) */
	size_t nadjusted;	/* bins given the zero-cell adjustment */
	enum bin_trend trend;	/* the trend of a coarse classing, else
				   BIN_TREND_NONE */
	double xmin, xmax;	/* numeric: the development range of the
				   values in ranges (NaN when none) */
	/* Text, from the last count (bin_count): levels of the column that
	   hold rows of any outcome; of them, nfallback no bin lists (seen
	   only in rows without a known outcome when fine classing made the
	   bins, or new since), placed by bin_fallback: their rows of any
	   outcome (fallback_rows) and with a known outcome
	   (fallback_known); fallback_levels names the first few ("a, b,
	   c"), owned, NULL when nfallback is 0.  many_levels: 1 when
	   nlevels > the spec's many_levels (bin_woe). */
	size_t nlevels;
	size_t nfallback, fallback_rows, fallback_known;
	char *fallback_levels;
	int many_levels;
	/* Numeric, from the values the ranges hold when fine classing made
	   the bins (colscan.h, default thresholds; zero otherwise): groups
	   of extreme values that seem to stand for something else (-999,
	   9999, 98), which --special would give bins of their own; and when
	   the values are a handful of whole-number codes (SEX 1/2), the
	   codes ascending in codes[0..ncodes), else ncodes 0. */
	struct colscan_sentinel sentinels[2];
	size_t nsentinels;
	double codes[COLSCAN_FEW];
	size_t ncodes;
	/* Set by the fine classing of a column whose integer cells past
	   2^53 no double holds exactly (bin_mark_big_integers): how many
	   such cells, and the least; as doubles such integers are a
	   neighbour's value, so its bins can merge distinct integers. */
	size_t big_integers;
	long long big_integers_eg;
	/* Set by bin_optimal when the column splits goods from bads on its
	   own (bin_splits): why, with the ways out, owned; while the
	   characteristic has a single bin its status is then "separates
	   goods from bads" (bin_woe).  NULL otherwise. */
	char *splits;
	/* Set by bin_coarse when fine bins that hold only goods or only
	   bads, more than chance explains at the overall bad rate
	   (bin_pure_note), were merged into bins holding both, which
	   hides them (a "Y" flag whose 14 known rows are all bad, merged
	   with "N"): what, where and the ways out, owned; npure of them.
	   NULL and 0 otherwise. */
	char *pure;
	size_t npure;
	/* Text, set by bin_coarse from the fine classing when it has at
	   least 5 bins: could the fine bins' IV be chance?  Under no
	   association IV / (1/G + 1/B) is asymptotically chi-square with
	   chance_bins - 1 degrees of freedom (the J-divergence test,
	   Kullback, Information Theory and Statistics, 1959, ch. 6);
	   chance_p is its upper tail.  Above 0.01, groups chosen by the
	   levels' own bad rates follow noise (an overfitting warning).
	   chance_bins 0 when not computed. */
	double chance_p;
	size_t chance_bins;
};

/*
 * Fine-class column col (nrows = ds->nrows) against ds->y.
 *   Numeric: the non-missing values of the column (all rows, whatever their
 *   outcome) are sorted once; for k = 1 .. spec->nquantiles - 1 the cut is
 *   the value at sorted position floor(k m / q) (m values), so every cut is
 *   a data value and, bins being closed on the left, tied values are never
 *   split.  Cuts equal to the smallest value or to the previous cut are
 *   dropped, so there may be fewer than q bins.  O(m log m).
 *   Values equal to one of spec->specials are left out of the cuts and
 *   get a BIN_SPECIAL bin each (present even when no row holds it).
 *   Text: one bin per level, in level (byte) order; the levels holding
 *   less than spec->other_share of the non-missing rows (any outcome) are
 *   put together in one bin labelled "other" (flag other), placed last
 *   among the level bins, when there are any.  A level none of whose rows
 *   has a known outcome is in no bin: it takes the unseen-level fallback
 *   (bin_fallback) and is counted in nfallback.  O(n + L).
 *   NULL: a BIN_MISSING bin, last, only when the column has NULLs.
 *   The cuts come from a selection of the order statistics (nested
 *   quickselect), not a full sort: O(m log q).
 * Then counts, WoE and IV (bin_count, bin_woe).  Returns a characteristic
 * to free with characteristic_free, or NULL with err (RD_EINPUT when ds has
 * no target, RD_EUSAGE when spec->nquantiles < 1).  A column with fewer than
 * two bins (any kind) holding rows is returned with status "single bin",
 * not an error; "no bads" / "no goods" (first) when B or G is 0.
 */
struct characteristic *bin_fine(const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * Record on ch, the fine classing of a column, that n of the column's
 * integer cells are past 2^53 and held by no double exactly (the reader
 * counts them: ds.h ninexact, db_int_inexact), eg the least of them.
 * n 0 clears the mark.  A column whose values only look large (a REAL
 * 1e308, the integer 10^16 that a double holds) is not marked.
 */
void bin_mark_big_integers(struct characteristic *ch, size_t n,
	long long eg);

/*
 * The warning on a characteristic with big_integers, naming it and the
 * least such integer, into buf[len]; returns buf.
 */
char *bin_big_integers_text(char *buf, size_t len,
	const struct characteristic *ch);

/*
 * Fine classing from aggregates, for a table that lives in an engine
 * (desk_bins_open_engine): bin_fine's own steps, fed with the summary of
 * a column instead of its rows, so that the bins, counts and WoE are
 * those bin_fine gives on the same rows.
 *   bin_specials_of: the special values bin_fine uses for the column
 *     name (spec->specials, then those of spec->colspecials naming it,
 *     repeats and non-finite values dropped; none for a text column):
 *     a heap array of *n (caller frees; may be non-NULL when *n is 0).
 *   bin_fine_positions: the 0-based positions, among the m values of a
 *     numeric column that go to ranges (not NULL, not special) sorted
 *     ascending, whose values are the candidate cuts: floor(k m / q) for
 *     k = 1 .. q - 1 (q = spec->nquantiles), repeats dropped, into
 *     pos[q - 1] (increasing); returns their number.
 *   bin_fine_ranges: the numeric characteristic, its counts zero, from
 *     m, the smallest and largest such value, the values at[npos] at
 *     those positions, cs (colscan.h) the summary of the m values (the
 *     sentinels and codes), and missing (1: the column has NULLs, a
 *     missing bin last).  Count it with bin_count_cells (each bin's
 *     rows by bin_index_num's rule), then bin_woe.  Free with
 *     characteristic_free.
 *   bin_count_cells: the counts of ch from goods[nbins] and bads[nbins]
 *     (known-outcome rows per bin); G and B their sums.
 *   bin_fine_levels: the text characteristic, counted and weighed, from
 *     the rows per level of col (only col->name, levels and nlevels are
 *     read; levels sorted by strcmp): all[] of any outcome, goods[] and
 *     bads[] (each [col->nlevels]), the NULL rows' goods and bads, and
 *     missing (1: the column has NULLs).
 */
double *bin_specials_of(const struct bin_spec *spec, const char *name,
	int numeric, size_t *n);
size_t bin_fine_positions(size_t m, const struct bin_spec *spec,
	size_t *pos);
struct characteristic *bin_fine_ranges(const char *name, size_t m,
	double vmin, double vmax, const double *at, size_t npos,
	const struct colscan *cs, int missing, const struct bin_spec *spec);
void bin_count_cells(struct characteristic *ch, const size_t *goods,
	const size_t *bads);
struct characteristic *bin_fine_levels(const struct ds_column *col,
	const size_t *all, const size_t *goods, const size_t *bads,
	size_t mgoods, size_t mbads, int missing, const struct bin_spec *spec);

/*
 * Build a characteristic from explicit bins: breaks b[0] < ... < b[k-1]
 * (finite, strictly increasing; k may be 0) giving (-inf, b0), [b0, b1),
 * ..., [b(k-1), +inf) for a numeric column, or groups of levels for a text
 * column: groups[g] is a NULL-terminated list of level texts, and the bins
 * keep the order of the groups (not level order).  A missing bin is added,
 * last, when the column has NULLs.  Counts, WoE and IV are computed on ds.
 * Returns a characteristic (free with characteristic_free) or NULL with err
 * RD_EINPUT: ds has no target, column of the wrong type, breaks not
 * increasing or not finite, an empty group, a level that is not a level of
 * col, a level in two groups, or a level of col in no group.
 */
struct characteristic *bin_from_breaks(const struct dataset *ds,
	const struct ds_column *col, const double *breaks, size_t nbreaks,
	const struct bin_spec *spec, struct rd_err *err);
struct characteristic *bin_from_groups(const struct dataset *ds,
	const struct ds_column *col, const char *const *const *groups,
	size_t ngroups, const struct bin_spec *spec, struct rd_err *err);

/*
 * Recompute the counts of ch from the rows of col and y (nrows each; only
 * y DS_GOOD / DS_BAD rows count), and G and B as their sums over the bins.
 * A text level that no bin lists is counted where bin_fallback puts it
 * (decided before the counts are reset); a row no bin takes (a NULL
 * without a missing bin) is not counted.  Also fills nlevels and the
 * fallback fields of a text characteristic (every row counts there).
 * Used after bins change; call bin_woe next.  O(nrows + L log L).
 */
void bin_count(struct characteristic *ch, const struct ds_column *col,
	const signed char *y, size_t nrows);

/*
 * WoE, IV and status of ch from its counts, by the conventions above: a
 * bin with no rows has WoE and IV 0 (no evidence); a bin with no goods or
 * no bads gets spec->woe_adjust added to both counts (nadjusted counts
 * them; reports warn).  status is "no bads" / "no goods" when B / G is 0
 * (then every WoE and IV is 0), else "single bin" when fewer than two
 * bins of any kind (range, level group, missing, special) hold rows,
 * else NULL.  Also fills every bin's bad
 * rate and shares, many_levels (text: nlevels > spec->many_levels), and
 * the characteristic's Gini and KS: those of the
 * score WoE(bin of the row) over the known-outcome rows, higher WoE =
 * safer, computed exactly from the bins (rows of equal WoE are tied):
 *   AUC  = sum_k (b_k/B) (G_above_k/G + g_k/(2G)), Gini = 2 AUC - 1
 *   KS   = max over WoE cut points of |cum b/B - cum g/G|
 * (G_above_k: goods in bins of higher WoE); both 0 when G or B is 0.
 * This is metric_auc / metric_ks of model/metric.h on the WoE column.
 */
void bin_woe(struct characteristic *ch, const struct bin_spec *spec);

/*
 * The shares of every bin of ch from its counts and ch's totals G and B:
 * bad_rate = bads / count, pct_goods = goods / G, pct_bads = bads / B,
 * share = count / (G + B) (each 0 when its denominator is).  bin_woe
 * calls it; so does card_parse, whose stored bins keep only the counts.
 */
void bin_shares(struct characteristic *ch);

/*
 * Bin index for a value.  bin_index_num: x for a numeric characteristic,
 * found by binary search over the ranges; NaN goes to the missing bin.
 * bin_index_text: the bin listing level text; NULL goes to the missing bin;
 * a level no bin lists (unseen in development) goes to bin_fallback.  Both
 * return -1 when no bin can take the value: a NULL when ch has no missing
 * bin (callers then use WoE 0 and 0 points), or the wrong kind of
 * characteristic.  bin_index_text reads every level of ch (O(L)): for the
 * levels of a whole column use bin_level_map.
 */
int bin_index_num(const struct characteristic *ch, double x);
int bin_index_text(const struct characteristic *ch, const char *text);

/*
 * bin_index_num of every value x[n] into out[n], the lookup prepared once
 * (a branch-free search over the cuts): for scoring a whole column.  A
 * text characteristic gives -1 everywhere.
 */
void bin_index_num_all(const struct characteristic *ch, const double *x,
	size_t n, int *out);

/*
 * The unseen-level fallback of a text characteristic: the first bin
 * flagged other, else the level bin with the largest count (the first of
 * equal ones); -1 when ch has no level bin or is numeric.
 */
int bin_fallback(const struct characteristic *ch);

/*
 * The bin of every level of text column col under ch: map[col->nlevels]
 * receives bin_index_text(ch, col->levels[l]) for each level code l, and
 * listed[col->nlevels] (may be NULL) 1 when a bin lists the level, 0 when
 * it took the fallback.  The levels of ch are sorted once and merged with
 * the column's sorted levels: O(L log L + col->nlevels) for L levels in
 * ch, never a search per row.  ch must be text.
 */
void bin_level_map(const struct characteristic *ch,
	const struct ds_column *col, int *map, unsigned char *listed);

/*
 * 1 when column col (of a dataset of nrows rows) is an identifier, never
 * binned, ranked or fitted, with why[len] saying so; else 0.  In order:
 * a recorded role DS_ROLE_IDENTIFIER (why: its note, else "identifier
 * (recorded)"); a column imported as a date (col->date: why
 * BIN_DATE_WHY, below); any other recorded role (DS_ROLE_ORDINARY: judged at
 * import) is not one; otherwise, for a column without a record (a table
 * made before roles were recorded, or by other means), unless
 * spec->saved holds a binning of the column (the officer's choice), the
 * rule of struct bin_spec (id_share,
 * id_min_levels): why "identifier: 1,000,000 distinct values in 1,000,000
 * rows".  O(1) for text, O(nrows) for numbers.
 */
int bin_identifier(const struct ds_column *col, size_t nrows,
	const struct bin_spec *spec, char *why, size_t len);

/* Why bin_identifier leaves out a column imported as a date (ds.h
   date), second in its order: after a recorded identifier, before any
   recorded role or saved binning (a date's levels are its days). */
#define BIN_DATE_WHY "a date: not a characteristic as it stands; derive " \
	"one from it with SQL (e.g. the months since it)"

/*
 * bin_identifier of a column known by its distinct values (colagg.h),
 * not its rows: col gives the name, type, recorded role, nmissing and,
 * for text, the levels (nlevels, any order); sequence is what the rule
 * reads of a numeric column's rows: 1 when its non-missing values are
 * distinct whole numbers forming one run min .. min + m - 1; row_number
 * 1 when none is missing and they run 0, 1, ... or 1, 2, ... in row
 * order.  Same return and why.  O(1) for numbers, O(L) for text.
 */
int bin_identifier_agg(const struct ds_column *col, size_t nrows,
	int sequence, int row_number, const struct bin_spec *spec, char *why,
	size_t len);

/*
 * bin_recount from the distinct values of column col, not its rows:
 * numeric x[n] the values (any order, no NaN), text the levels of col
 * (col->levels[col->nlevels], sorted by strcmp, n = col->nlevels) with
 * all[n] their rows of any outcome; goods[n] and bads[n] the rows with
 * a known outcome; mgoods and mbads those of the NULL rows; col->nmissing
 * whether there are NULLs (a missing bin is added then, as bin_recount
 * does).  Each value's rows go where bin_count puts its rows (bin_index_num;
 * the level map and the fallback for text), so the counts, WoE, IV,
 * Gini and KS equal bin_recount's on the same rows.  Returns 0, or -1
 * with err RD_EINPUT when col is of the other type.
 */
int bin_recount_cells(struct characteristic *ch, const struct ds_column *col,
	const double *x, const size_t *all, const size_t *goods,
	const size_t *bads, size_t n, size_t mgoods, size_t mbads,
	const struct bin_spec *spec, struct rd_err *err);

/*
 * The display label of b from its kind and bounds or levels: "[26, 35)",
 * "rent, own", "own, other (a, b)" (a group with the small levels a, b
 * grouped as other; it takes unseen levels), "rent, other" (a group taking
 * unseen levels), "special -999", "missing"; a level named "other" is
 * quoted ("\"other\", other (ignore)").  A list of more than
 * BIN_LABEL_LEVELS levels shows the first ones and "and N more" (the bin
 * keeps them all).  Caller frees.
 */
#define BIN_LABEL_LEVELS 12
char *bin_label(const struct bin *b);

/*
 * A characteristic that splits goods from bads on its own has no finite
 * WoE and no finite coefficient: coarse classing, which wants a good and
 * a bad in every bin, can only leave it as one bin, which would hide the
 * strongest predictor there is ("single bin", IV 0).  bin_splits tells.
 *
 * Does col alone split the rows of ds with a known outcome and a value?
 * Numeric: every bad on one side of a value t, every good on the other (t
 * itself may hold both: quasi-complete).  Text: every level holds only
 * goods or only bads.  When it does, write into why[len] BIN_SPLITS, the
 * split and the ways out (a knock-out, leaving it out, or binning by hand,
 * whose pure bins take the woe_adjust zero-cell adjustment) and return 1;
 * else 0 (why untouched).  One pass over the rows; 0 without outcomes.
 */
#define BIN_SPLITS "separates goods from bads on its own"
int bin_splits(const struct dataset *ds, const struct ds_column *col,
	double woe_adjust, char *why, size_t len);

/*
 * bin_splits from aggregates: a numeric column's known-outcome non-NULL
 * rows, ng goods from gmin to gmax and nb bads from bmin to bmax (special
 * values included); a text column's goods g[] and bads b[] per level
 * (each [col->nlevels]; col's name and levels only).  Same return and
 * text as bin_splits.
 */
int bin_splits_num(const char *name, size_t ng, size_t nb, double gmin,
	double gmax, double bmin, double bmax, double woe_adjust, char *why,
	size_t len);
int bin_splits_levels(const struct ds_column *col, const size_t *g,
	const size_t *b, double woe_adjust, char *why, size_t len);

/*
 * bin_single: 1 when ch's status is "single bin" (any variant).
 * bin_mark_splits: what bin_optimal does to such a coarse classing when
 * the column splits goods from bads (bin_splits gave why): status
 * "separates goods from bads", splits why (copied), no pure note.
 */
int bin_single(const struct characteristic *ch);
void bin_mark_splits(struct characteristic *ch, const char *why);

/* Free ch and all it owns.  NULL is a no-op. */
void characteristic_free(struct characteristic *ch);

/* IV strength reading: "unpredictive" < 0.02 <= "weak" < 0.1 <= "medium"
   < 0.3 <= "strong" < 0.5 <= "suspicious".  Static string. */
const char *bin_iv_strength(double iv);

/* ------------------------------------------------ explicit definitions */

/*
 * A binning given by its boundaries alone (the form saved in the database
 * and in a YAML binning spec): breaks b[0] < ... < b[nbreaks-1] for a
 * numeric column, giving (-inf, b0), [b0, b1), ..., [b(k-1), +inf); or
 * groups[ngroups] of level texts (groups[g] NULL-terminated) for a text
 * column, other_group the group that takes unlisted levels (-1: none, then
 * the largest bin does) and other_levels how many of its last levels were
 * grouped as other for their small share; specials[nspecials] for a numeric column; missing
 * 1 to have a missing bin even when the column has no NULLs (one is added
 * anyway when it has).  All pointers are borrowed.
 */
struct bin_def {
	int numeric;
	const double *breaks;
	size_t nbreaks;
	const double *specials;
	size_t nspecials;
	const char *const *const *groups;
	size_t ngroups;
	int other_group;
	size_t other_levels;
	int missing;
};

/*
 * Build the characteristic of def on column col of ds and count it (WoE,
 * IV, Gini, KS as bin_woe).  Unlike bin_from_groups, levels of def that col
 * does not have are kept (their bins count 0) and levels of col that def
 * does not list are counted where bin_index_text puts them, so a binning
 * can be applied to any table.  Returns a characteristic (free with
 * characteristic_free) or NULL with err RD_EINPUT: no target, type
 * mismatch, breaks not finite and increasing, a special not finite or
 * twice, an empty group, a level in two groups, other_group out of range.
 */
struct characteristic *bin_from_def(const struct dataset *ds,
	const struct ds_column *col, const struct bin_def *def,
	const struct bin_spec *spec, struct rd_err *err);

/*
 * A deep copy of ch (bins, levels, labels, counts).  Caller frees with
 * characteristic_free.
 */
struct characteristic *characteristic_copy(const struct characteristic *ch);

/*
 * The text form of a binning saved in the database (boundaries, specials,
 * level groups, the other flag, the missing bin and the development
 * range; no counts).  One line each:
 *   riskdesk binning 1
 *   name <text>            type numeric | text
 *   range <lower> <upper>  (%.17g, "-inf" / "inf")
 *   special <value>        levels <0|1 other> <nother> <level>\t<level>...
 *   missing                xrange <min> <max>
 * Texts escape backslash, tab and newline as \\, \t, \n.
 * bin_def_format returns a heap string (caller frees).  bin_def_parse
 * returns a characteristic with zero counts (count it on a dataset with
 * bin_recount) or NULL with err RD_EINPUT "malformed binning: line N: ..."
 * (ranges must be contiguous from -inf to inf, bins in the order of
 * struct characteristic).
 */
char *bin_def_format(const struct characteristic *ch);
struct characteristic *bin_def_parse(const char *text, struct rd_err *err);

/*
 * Count ch again on column col of ds (bin_count) and weigh it (bin_woe);
 * a missing bin is added when col has NULLs and ch has none.  Returns 0,
 * or -1 with err RD_EINPUT when ds has no target or col is of the other
 * type.
 */
int bin_recount(struct characteristic *ch, const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

/* ---------------------------------------------------------- regrouping */

/*
 * Manual regrouping.  Each edits ch in place and counts it again on col of
 * ds (bin_recount), so WoE, IV, Gini and KS are current on return.
 *   bin_merge: bins b and b + 1 become one: two adjacent ranges, or two
 *     level groups (the levels of b + 1 follow those of b; other carries).
 *   bin_split: range bin b = [l, u) becomes [l, at) and [at, u); needs
 *     l < at < u (at is the closed lower end of the new upper bin), and
 *     both parts must hold rows with a known outcome: at above the
 *     smallest and at most the largest such value in the bin (an empty
 *     bin has no WoE to give points to).
 *   bin_move_level: text level goes from its group to group to (an index
 *     of a level bin), or to a new group placed after the last level bin
 *     when to is -1; a group left empty is removed.
 *     A level of col that no bin lists (bin_fallback placed it) may be
 *     moved into a group too: the officer's choice, not its bad rate.
 * Bin indices are 0-based into ch->bins.  Returns 0, or -1 with err
 * RD_EUSAGE (no such bin, not adjacent ranges or groups, a missing or
 * special bin, at outside the bin or leaving a part empty, unknown level)
 * and ch unchanged.
 */
int bin_merge(struct characteristic *ch, size_t b, const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);
int bin_split(struct characteristic *ch, size_t b, double at,
	const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err);
int bin_move_level(struct characteristic *ch, const char *level, int to,
	const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err);

/*
 * Merge every range bin of ch holding no row with a known outcome into
 * its neighbour (the range before it, or after it for the first), so that
 * no range is left without evidence (a scorecard gives such a bin no
 * points of its own: its values score as the neighbour).  Counts add up
 * (the empty bin adds none), so WoE and IV are recomputed with bin_woe
 * and stay as they were for every other bin.  When notes is not NULL,
 * one "name: range [a, b) holds no rows with a known outcome: merged
 * into [c, d)" line per merge is appended to *notes[*nnotes] (heap
 * strings; the array grows).  Returns the number of bins merged.
 */
size_t bin_merge_empty_ranges(struct characteristic *ch,
	const struct bin_spec *spec, char ***notes, size_t *nnotes);

/* ------------------------------------------------ aids to regrouping */

/*
 * The split offered for range bin b of numeric ch (regroup.c): over the
 * values of col in the bin of the rows of ds with a known outcome (n of
 * them, smallest lo, largest hi; a range holds no missing or special
 * value), median is R's median() (the middle value of the sorted values,
 * or the mean of the two middle ones when n is even), and offer is the
 * median when a split there leaves both parts with rows, else (the median
 * is lo: more than half the rows tie at the smallest value) the least
 * value above lo; NaN when every row has one value or there is none
 * (bin_split would refuse any cut).  O(n log n).
 */
struct bin_split_offer {
	double median, offer;
	double lo, hi;
	size_t n;
};

/* Returns 0, or -1 with err RD_EUSAGE (no bin b, not a range) or
   RD_EINPUT (ds without a target, a text column); out all NaN then. */
int bin_split_offer(const struct characteristic *ch, size_t b,
	const struct dataset *ds, const struct ds_column *col,
	struct bin_split_offer *out, struct rd_err *err);

/*
 * Bounds in readable rounded numbers.  bin_readable_digits: the fewest
 * significant digits, at least BIN_READABLE_DIGITS, at which the lower
 * ends of the ranges of ch rounded stay distinct (so neighbours never
 * read alike); 17 at most.  bin_readable_num: x rounded to digits
 * significant digits, in plain decimals without trailing zeros ("26",
 * "0.3333", "1235000"; %g beyond 1e15 or below 1e-6), "-inf" / "+inf",
 * into buf[len]; returns buf.  bin_readable_bounds: bin b of ch as
 * "[26, 35)" (closed on the left, open on the right), "(-inf, 35)" (an
 * infinite end is never reached), "= -999" (a special value, every
 * digit), "missing", or "3 levels"; returns 1 when a bound was rounded
 * (the label, bin_label, has every digit), else 0.
 */
#define BIN_READABLE_DIGITS 4
int bin_readable_digits(const struct characteristic *ch);
char *bin_readable_num(char *buf, size_t len, double x, int digits);
int bin_readable_bounds(const struct characteristic *ch, size_t b, char *buf,
	size_t len);

/* One level of a text column under a binning (bin_level_rows). */
struct bin_level_row {
	const char *level;	/* borrowed from the column */
	size_t rows;		/* rows of any outcome */
	size_t count, goods, bads;	/* rows with a known outcome */
	double share;		/* count / (G + B) of ch; 0 when none */
	int bin;		/* its bin under ch: the group listing it,
				   else the unseen-level fallback; -1 */
	int listed;		/* 1: a group lists it; 0: the fallback */
};

/*
 * Every level of text column col (in col's level order) with its rows
 * in ds and its bin under text characteristic ch (bin_level_map): one
 * pass over the rows, O(n + L log L).  Returns a heap array of *n rows
 * (caller frees; the level texts stay col's), or NULL and 0 when ch is
 * numeric or col not text.
 */
struct bin_level_row *bin_level_rows(const struct characteristic *ch,
	const struct ds_column *col, const struct dataset *ds, size_t *n);

/*
 * Where each fine bin of fine went in coarse, a classing of the same
 * column (col, needed for a text one; may be NULL for a numeric one):
 * first[f] and last[f] (each [fine->nbins]) receive the first and last
 * coarse bin holding part of fine bin f, equal when it went whole into
 * one (a hand split inside a fine range, or the levels of a fine "other"
 * group moved apart, give first < last); -1 when no coarse bin holds it
 * (a special value or missing bin the coarse classing lacks).  Ranges
 * by their bounds (binary search), levels through bin_level_map: O(F
 * log C + L log L).
 */
void bin_fine_map(const struct characteristic *fine,
	const struct characteristic *coarse, const struct ds_column *col,
	int *first, int *last);

/*
 * The common axis of WoE bars across characteristics chars[n] (NULL
 * entries and those with a status skipped): the largest |WoE| of a bin
 * holding rows, rounded up to a multiple of BIN_AXIS_STEP (at least one
 * step), so bars of every characteristic compare at a glance.
 */
#define BIN_AXIS_STEP 0.5
double bin_woe_axis(const struct characteristic *const *chars, size_t n);

/* ------------------------------------------------ optimal coarse classing */

/*
 * Optimal coarse classing (coarse.c).  The range bins (numeric) or the
 * level bins sorted by bad rate, highest first, ties in bin order (text;
 * WoE then ascends) of fine are merged into consecutive groups that
 * maximise the characteristic's IV subject to:
 *   every group holds >= spec->min_share of the known-outcome rows, >=
 *   spec->min_goods goods and >= spec->min_bads bads;
 *   the groups' WoE follows spec->trend (numeric; text uses ascending in
 *   its bad-rate order), strictly: equal WoE of neighbours is refused.
 * Special and missing bins are copied as they are, never merged.  IV is a
 * sum over bins, so the problem is solved exactly by dynamic programming
 * over (end of the last group, start of the last group, phase of a peak /
 * valley): O(n^3) for n fine bins, deterministic (the first optimum in
 * order of increasing group starts wins); exact over the fine bins when
 * there are at most spec->max_dp of them.  AUTO solves all four trends,
 * as optbinning's auto considers them: the better of ascending and
 * descending (ascending on a tie), unless the better of peak and valley
 * (peak on a tie) gains IV beyond chance: the gain D = (IV_turn -
 * IV_mono) / (1/G + 1/B) read as chi-square with (groups_turn -
 * groups_mono) degrees of freedom, at least 1 (the J-divergence test,
 * Kullback 1959, ch. 6), has an upper tail below spec->turn_p.  When no
 * grouping meets the constraints every range / level bin is merged into
 * one (status "single bin" unless a missing or special bin holds rows
 * too).  Returns a new characteristic (trend set to
 * the trend used) to free with characteristic_free.
 * Reference: Navas-Palencia, "Optimal binning: mathematical programming
 * formulation", 2020, solves the same problem as a MIP; the DP here is
 * exact because the objective is separable over consecutive groups.
 */
struct characteristic *bin_coarse(const struct characteristic *fine,
	const struct bin_spec *spec);

/*
 * bin_fine then bin_coarse.  Returns the coarse characteristic or NULL
 * with err as bin_fine.
 */
struct characteristic *bin_optimal(const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * The binning card_fit uses for col: a copy of spec->saved's
 * characteristic of col's name and type counted on ds (bin_recount), when
 * there is one, else bin_optimal.  NULL with err as those.
 */
struct characteristic *bin_characteristic(const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * bin_characteristic for the columns cols[n] of ds at once: out[k]
 * receives that of cols[k] (free each with characteristic_free).  The
 * columns are shared among spec->threads threads, each column classed
 * whole by one, so the result is that of classing them one by one.
 * Returns 0, or -1 with err of the first column in cols order that
 * failed; out then holds nothing.
 */
int bin_characteristics(const struct dataset *ds,
	const struct ds_column *const *cols, size_t n,
	const struct bin_spec *spec, struct characteristic **out,
	struct rd_err *err);

/* "ascending", "descending", ...; bin_trend_parse returns 0 or -1. */
const char *bin_trend_name(enum bin_trend t);
int bin_trend_parse(const char *s, enum bin_trend *t);

/*
 * The WoE trend ch shows as it is, whatever classing made it: over the
 * numeric range bins holding rows, lowest values first, every step of
 * WoE up (ascending), every step down (descending), up then down once
 * (peak), down then up once (valley); none for anything else (two equal
 * neighbours, more than one turn, fewer than two such bins, a text
 * characteristic).  Reports label the trend with this, not ch->trend
 * (the constraint a coarse classing was made under).
 */
enum bin_trend bin_trend_observed(const struct characteristic *ch);

/* ------------------------------------------- applying and stability */

/*
 * The binning ch applied to column col of another table (nrows rows, any
 * outcome).  Fallbacks, each counted so the output can state it:
 *   a level no bin lists -> the bin flagged other, else the non-missing
 *     bin of largest development count (unseen, unseen_bin, unseen_other);
 *   a number below xmin / above xmax -> the first / last range (below,
 *     above; the edge ranges reach -inf / +inf);
 *   NULL -> the missing bin; when ch has none, an extra bin at index
 *     ch->nbins (added_missing 1) with WoE 0 and a warning.
 */
struct bin_applied {
	size_t nbins;		/* ch->nbins + added_missing */
	size_t *count;		/* [nbins] rows per bin, owned */
	size_t n;		/* rows */
	size_t unseen, below, above, missing;
	int unseen_bin;		/* where unseen levels go, -1 when none */
	int unseen_other;	/* 1: that is the other bin */
	int added_missing;
};

/* Returns 0, or -1 with err RD_EINPUT when col is of the other type. */
int bin_apply(const struct characteristic *ch, const struct ds_column *col,
	size_t nrows, struct bin_applied *out, struct rd_err *err);
void bin_applied_done(struct bin_applied *a);

/* How a bin entered a PSI or CSI (bin_csi). */
enum bin_psi_flag {
	BIN_PSI_OK,		/* rows in both samples */
	BIN_PSI_EMPTY_BOTH,	/* no row in either: adds nothing */
	BIN_PSI_EMPTY_BASE,	/* no row in the base sample: adjusted */
	BIN_PSI_EMPTY_CUR	/* no row in the other sample: adjusted */
};

/*
 * PSI of counts base[nbins] (development) and cur[nbins] (the other
 * sample): sum_i (a_i - e_i) ln(a_i / e_i), e_i = base[i] / sum base,
 * a_i = cur[i] / sum cur.  The one rule of riskdesk for PSI (validate.h,
 * the score) and CSI (a characteristic's bins):
 *   a bin empty in both samples adds nothing: it is left out of both
 *     totals and its term is 0 (flag BIN_PSI_EMPTY_BOTH);
 *   when a bin is empty in one sample only, there is no logarithm: every
 *     such zero count is replaced by adjust (0.5 by default, bin_spec /
 *     validate_spec psi_adjust) and both totals are re-summed over the
 *     bins that count, *adjusted set to 1 and the bin flagged
 *     BIN_PSI_EMPTY_BASE / BIN_PSI_EMPTY_CUR;
 *   else the value is the plain sum (*adjusted 0).
 * Per bin (each array [nbins], may be NULL): share_base / share_cur the
 * shares before any adjustment (count / total), contrib the term of the
 * sum, flag as above.  Returns NaN when either sample has no rows.
 * (The 0.5 rule is that of the reference tables in tests/data/oracle.)
 */
double bin_csi(const size_t *base, const size_t *cur, size_t nbins,
	double adjust, double *share_base, double *share_cur, double *contrib,
	enum bin_psi_flag *flag, int *adjusted);

/* What a flag means, for reports: "", "empty in both samples: adds
   nothing", "empty in the development sample", "empty in the other
   sample".  Static string. */
const char *bin_psi_flag_text(enum bin_psi_flag f);

/* The reading of a CSI or PSI: < 0.1 "stable", < 0.25 "some shift",
   else "significant shift".  Static string. */
const char *bin_csi_reading(double csi);

#endif
