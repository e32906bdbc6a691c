/*
 * bin.h - classing of characteristics into bins, and their WoE and IV.
 *
 * Conventions (printed with every table):
 *   WoE_i = ln( (good_i / G) / (bad_i / B) ): positive = safer than average.
 *   IV    = sum_i (good_i / G - bad_i / B) * WoE_i.
 *   Numeric bins are half-open, closed on the left: [lower, upper), the
 *   first bin starting at -inf and the last ending at +inf.
 *   Missing values (NaN / NULL) form a bin of their own.
 *   A bin with no goods or no bads gets 0.5 added to its good and its bad
 *   count before its WoE is taken (G and B are not changed), so WoE and IV
 *   are always finite; the bin is flagged adjusted.  (SAS Enterprise Miner's
 *   adjustment; see Siddiqi, Credit Risk Scorecards, 2006, ch. 6.)
 * Only rows with a known outcome (y GOOD or BAD) are counted.
 */
#ifndef RD_MODEL_BIN_H
#define RD_MODEL_BIN_H

#include <stddef.h>

#include "data/ds.h"

struct rd_err;

/* Tunable constants of binning, with their defaults from bin_spec_init. */
struct bin_spec {
	int nquantiles;		/* numeric fine bins wanted; default 10 */
	double woe_adjust;	/* added to zero cells' counts; default 0.5 */
};

/* Fill *spec with the defaults above. */
void bin_spec_init(struct bin_spec *spec);

enum bin_kind {
	BIN_RANGE,		/* numeric [lower, upper) */
	BIN_LEVELS,		/* one or more text levels */
	BIN_MISSING		/* NULL values */
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
};

/*
 * A binned characteristic.  Bins are ordered: ranges ascending and
 * contiguous (the first from -inf, the last to +inf), or level groups (in
 * level order from bin_fine, in the caller's order from bin_from_groups);
 * then the missing bin last (if any).  A characteristic is numeric (ranges
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
};

/*
 * Fine-class column col (nrows = ds->nrows) against ds->y.
 *   Numeric: the non-missing values of the column (all rows, whatever their
 *   outcome) are sorted once; for k = 1 .. spec->nquantiles - 1 the cut is
 *   the value at sorted position floor(k m / q) (m values), so every cut is
 *   a data value and, bins being closed on the left, tied values are never
 *   split.  Cuts equal to the smallest value or to the previous cut are
 *   dropped, so there may be fewer than q bins.  O(m log m).
 *   Text: one bin per level, in level (byte) order.
 *   NULL: a BIN_MISSING bin, last, only when the column has NULLs.
 * Then counts, WoE and IV (bin_count, bin_woe).  Returns a characteristic
 * to free with characteristic_free, or NULL with err (RD_EINPUT when ds has
 * no target, RD_EUSAGE when spec->nquantiles < 1).  A column with fewer than
 * two non-missing bins holding rows is returned with status "single bin",
 * not an error; "no bads" / "no goods" when B or G is 0.
 */
struct characteristic *bin_fine(const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

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
 * A text level that no bin lists is counted where bin_index_text puts it;
 * a row no bin takes (a NULL without a missing bin) is not counted.  Used
 * after bins change; call bin_woe next.
 */
void bin_count(struct characteristic *ch, const struct ds_column *col,
	const signed char *y, size_t nrows);

/*
 * WoE, IV and status of ch from its counts, by the conventions above: a
 * bin with no rows has WoE and IV 0 (no evidence); a bin with no goods or
 * no bads gets spec->woe_adjust added to both counts.  status is "single
 * bin" when fewer than two non-missing bins hold rows, else "no bads" /
 * "no goods" when B / G is 0 (then every WoE and IV is 0), else NULL.
 */
void bin_woe(struct characteristic *ch, const struct bin_spec *spec);

/*
 * Bin index for a value.  bin_index_num: x for a numeric characteristic,
 * found by binary search over the ranges; NaN goes to the missing bin.
 * bin_index_text: the bin listing level text; NULL goes to the missing bin;
 * a level no bin lists (unseen in development) goes to the non-missing bin
 * with the largest count (the first of equal ones).  Both return -1 when
 * no bin can take the value: a NULL when ch has no missing bin (callers
 * then use WoE 0 and 0 points), or the wrong kind of characteristic.
 */
int bin_index_num(const struct characteristic *ch, double x);
int bin_index_text(const struct characteristic *ch, const char *text);

/* Free ch and all it owns.  NULL is a no-op. */
void characteristic_free(struct characteristic *ch);

/* IV strength reading: "unpredictive" < 0.02 <= "weak" < 0.1 <= "medium"
   < 0.3 <= "strong" < 0.5 <= "suspicious".  Static string. */
const char *bin_iv_strength(double iv);

#endif
