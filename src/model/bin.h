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
 * A binned characteristic.  Bins are ordered: ranges ascending, then level
 * groups in level order, then the missing bin last (if any).
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
 * Fine-class column col (nrows = ds->nrows) against ds->y: numbers into up
 * to spec->nquantiles quantile bins whose cut points are distinct data
 * values (ties are never split), text one bin per level, NULL its own bin;
 * then WoE and IV (bin_woe).  Returns a characteristic to free with
 * characteristic_free, or NULL with err (RD_EINPUT when ds has no target).
 * A constant column is returned with status "single bin", not an error.
 */
struct characteristic *bin_fine(const struct dataset *ds,
	const struct ds_column *col, const struct bin_spec *spec,
	struct rd_err *err);

/*
 * Build a characteristic from explicit bins: breaks b[0] < ... < b[k-1]
 * giving (-inf, b0), [b0, b1), ..., [b(k-1), +inf) for a numeric column, or
 * groups of levels for a text column (groups[g] is a NULL-terminated list;
 * levels in no group are an error).  Counts, WoE and IV are computed on ds.
 * Returns NULL with err on a bad specification.
 */
struct characteristic *bin_from_breaks(const struct dataset *ds,
	const struct ds_column *col, const double *breaks, size_t nbreaks,
	const struct bin_spec *spec, struct rd_err *err);
struct characteristic *bin_from_groups(const struct dataset *ds,
	const struct ds_column *col, const char *const *const *groups,
	size_t ngroups, const struct bin_spec *spec, struct rd_err *err);

/*
 * Recompute counts, WoE and IV of ch from the rows of col and y (nrows
 * each).  Used after bins change.
 */
void bin_count(struct characteristic *ch, const struct ds_column *col,
	const signed char *y, size_t nrows);
void bin_woe(struct characteristic *ch, const struct bin_spec *spec);

/*
 * Bin index for a value: x for numeric (NaN -> missing bin), text for a
 * level (NULL -> missing bin).  An unseen level goes to the bin with the
 * largest count; a NULL with no missing bin goes to... the missing bin is
 * always present in a fitted characteristic's table once scored (WoE 0).
 * Returns -1 only when no bin can take the value.
 */
int bin_index_num(const struct characteristic *ch, double x);
int bin_index_text(const struct characteristic *ch, const char *text);

/* Free ch and all it owns.  NULL is a no-op. */
void characteristic_free(struct characteristic *ch);

/* IV strength reading: "unpredictive" < 0.02 <= "weak" < 0.1 <= "medium"
   < 0.3 <= "strong" < 0.5 <= "suspicious".  Static string. */
const char *bin_iv_strength(double iv);

#endif
