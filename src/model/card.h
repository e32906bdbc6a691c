/*
 * card.h - the points scorecard: WoE logistic model scaled into points.
 *
 * Scaling (Siddiqi 2006, ch. 6; Anderson, The Credit Scoring Toolkit, 2007):
 *   score  = offset + factor * ln(good:bad odds)
 *   factor = PDO / ln 2
 *   offset = base_score - factor * ln(base_odds)
 * With the model's log-odds of bad eta = b0 + sum_j b_j WoE_j(x):
 *   ln(good:bad odds) = -eta, so
 *   base points       = offset - factor * b0
 *   points of bin i of characteristic j = -factor * b_j * WoE_ji.
 * Points are rounded to whole numbers (half away from zero) per attribute;
 * the score of an applicant is base points + the sum of the rounded points
 * of the bins it falls in.  PD of a score s:
 *   PD = 1 / (1 + exp((s - offset) / factor)).
 */
#ifndef RD_MODEL_CARD_H
#define RD_MODEL_CARD_H

#include <stddef.h>
#include <stdint.h>

#include "data/ds.h"
#include "model/bin.h"
#include "model/logit.h"
#include "model/select.h"

struct rd_err;

struct card_scaling {
	double base_score;	/* points at base_odds; default 600 */
	double base_odds;	/* good:bad odds at base_score; default 50 */
	double pdo;		/* points to double the odds; default 20 */
};

/* Fill *sc with the defaults above: 600 points at 50:1, PDO 20. */
void card_scaling_init(struct card_scaling *sc);

/*
 * Which rows of the population a scorecard was developed on; the rest is
 * its holdout (validate.h has the split rules).  The desk applies it
 * before fitting and again before validating, so both see the same rows.
 */
enum card_sample_kind {
	CARD_SAMPLE_ALL,	/* every row develops */
	CARD_SAMPLE_RANDOM,	/* holdout = round(holdout n) rows by seed */
	CARD_SAMPLE_OOT		/* holdout = rows with date_column > after */
};

struct card_sample {
	enum card_sample_kind kind;
	double holdout;		/* RANDOM: fraction held out, (0, 1) */
	unsigned long seed;	/* RANDOM: mt19937 seed */
	const char *date_column;	/* OOT; borrowed in a spec, owned in
					   a scorecard */
	const char *after;	/* OOT: held out when later than this */
};

struct card_fit_spec {
	struct card_scaling scaling;
	struct bin_spec bins;
	struct logit_spec logit;
	double min_iv;		/* characteristics below this IV are left out
				   unless named in forced;
				   default 0.02 */
	struct select_spec select;	/* stepwise selection; default none */
	const char *const *forced;	/* [nforced] borrowed: characteristic
					   names always kept (selection never
					   removes them, a wrong sign is
					   flagged, not dropped); default
					   NULL */
	size_t nforced;
	struct card_sample sample;	/* development / holdout split the
					   desk applies before fitting;
					   default CARD_SAMPLE_ALL */
	const char *const *exclude;	/* [nexclude] borrowed: columns
					   never made characteristics
					   (identifiers, dates); listed as
					   dropped "excluded"; default NULL */
	size_t nexclude;
	/* Identifiers (bin.h bin_identifier, under bins.id_share and
	   bins.id_min_levels) are never binned: card_fit lists each as
	   "name: <why>".  Those the caller left out of ds altogether
	   (recorded identifiers are not loaded) are given here as
	   "name: reason" texts, listed first: [nleft_out] borrowed,
	   default none. */
	const char *const *left_out;
	size_t nleft_out;
};

/* Defaults of every part: card_scaling_init, bin_spec_init,
   logit_spec_init, min_iv 0.02, no exclusions, nothing left out. */
void card_fit_spec_init(struct card_fit_spec *spec);

/*
 * The scaling bounds card_fit accepts: CARD_PDO_MIN <= pdo <=
 * CARD_PDO_MAX, 0 < base_odds <= CARD_ODDS_MAX, |base_score| <=
 * CARD_SCORE_MAX (beyond them the factor and offset overflow, or, with a
 * PDO under one point, the points of most attributes round to 0).
 * Returns 0, or -1 with err RD_EINPUT naming the field and its range.
 */
#define CARD_PDO_MIN 1.0
#define CARD_PDO_MAX 1000.0
#define CARD_ODDS_MAX 1e6
#define CARD_SCORE_MAX 1e6
int card_scaling_check(const struct card_scaling *sc, struct rd_err *err);

/* One step of variable selection, as stored with a scorecard. */
struct card_step {
	char *name;		/* owned: the characteristic */
	int entered;		/* 1 entered, 0 removed */
	double aic, pval;	/* as struct select_step */
};

/*
 * A velocity or linkage characteristic a scorecard was fitted on, as a
 * policy's fraud section declares it (riskdesk-policy(5), FRAUD RULES):
 * over the earlier events with the same key (every column of same[]
 * equal, none NULL or empty) within the window, their count, the number
 * of distinct non-empty values of column, or the sum of column.  The
 * model layer only keeps it; the desk computes it (fraud_feature).
 */
enum card_feature_agg {
	CARD_FEATURE_COUNT,
	CARD_FEATURE_DISTINCT,
	CARD_FEATURE_SUM
};

/* The names of enum card_feature_agg, in its order: "count",
   "distinct", "sum" (the keys of the policy's feature items). */
extern const char *const card_feature_agg_names[];

struct card_feature {
	char *name;		/* owned: the characteristic's name */
	enum card_feature_agg agg;
	char *column;		/* owned: distinct's or sum's column; NULL
				   for count */
	char **same;		/* [nsame] owned key columns, >= 1 */
	size_t nsame;
	double within;		/* the window, seconds, > 0 and finite */
};

/* The fraud features of a scorecard and where they were declared. */
struct card_features {
	char *policy;		/* owned: the name of the policy whose fraud
				   section declared them */
	char *time;		/* owned: the event time column */
	char *label;		/* owned: the known outcome the card was
				   fitted on, 1 = fraud (its target) */
	struct card_feature *v;	/* [n] owned; the features the scorecard's
				   characteristics use, in policy order */
	size_t n;
};

/* Free f and all it owns.  NULL is a no-op. */
void card_features_free(struct card_features *f);

/* One characteristic of the scorecard: its bins and their points. */
struct card_char {
	struct characteristic *ch;	/* owned */
	double coef;		/* b_j */
	double se, pval;	/* its standard error and Wald p-value */
	double *points;		/* [ch->nbins] rounded points, owned */
	double vif;		/* variance inflation factor of its WoE
				   column among the card's (select.h) */
	int forced;		/* 1 when kept by the forced-in list */
	int wrong_sign;		/* 1 when coef > 0: points would run against
				   the WoE (only kept when forced) */
};

/* A count a card stored by an older riskdesk does not hold. */
#define CARD_COUNT_UNKNOWN ((size_t)-1)

/* Put before the reason of a forced characteristic that is left out all
   the same, in a scorecard's dropped list: "name: " CARD_FORCED_DROPPED
   "reason". */
#define CARD_FORCED_DROPPED "left out although forced (--force): "

struct scorecard {
	char *name;		/* owned */
	char *population;	/* owned: the development table */
	struct card_scaling scaling;
	double factor, offset;
	double intercept, intercept_se, intercept_pval;
	double base_points;	/* rounded */
	struct card_char *chars;	/* [nchars] owned */
	size_t nchars;
	/* Development statistics, on the rounded score of the rows with a
	   known outcome: n rows, n_bad bads; auc, gini, ks of the negated
	   points (metric.h: higher points = safer); ks_at the points where
	   the KS is reached. */
	size_t n, n_bad;
	/* Rows of the development sample left out of the fit, counted
	   apart: indeterminate (outcome neither bad nor good) and rejects
	   (declined, no outcome; ds.h reject).  CARD_COUNT_UNKNOWN in a
	   card stored before they were kept. */
	size_t n_indet, n_reject;
	double auc, gini, ks, ks_at;
	double loglik, aic;
	int iterations;		/* IRLS steps over all the rows */
	size_t start_rows;	/* > 0: they started from the fit on a
				   sample of so many rows (logit.h) */
	/* Characteristics considered and left out, with the reason; one
	   named by --force (card_fit_spec forced) that is left out all the
	   same has CARD_FORCED_DROPPED before its reason. */
	char **dropped;		/* [ndropped] owned "name: reason" */
	size_t ndropped;
	/* Notes on the bins, one sentence each: what the fit changed (an
	   empty range merged into its neighbour, bin.h
	   bin_merge_empty_ranges) and where the levels no bin lists score
	   (the unseen-level fallback): [nnotes] owned. */
	char **notes;
	size_t nnotes;
	/* Rounding: the largest |rounded - unrounded score| over the
	   development rows, and over every possible combination of
	   attributes (the sum of each characteristic's largest rounding
	   error of one sign, and the base points', the larger sign). */
	double round_max_dev, round_max;
	/* Pearson correlations of the characteristics' WoE columns on the
	   development rows, [nchars * nchars] row-major, owned (NULL after
	   card_parse of a card without them). */
	double *corr;
	double corr_max, vif_max;	/* flag |r| and VIF above these
					   (select_spec's, at the fit) */
	/* Stepwise selection, when used: method name and the steps as
	   "+name" / "-name" with the AIC and p-value after each. */
	char *select_method;	/* owned; NULL when no selection ran */
	struct card_step *steps;	/* [nsteps] owned */
	size_t nsteps;
	struct card_sample sample;	/* strings owned */
	/* The fraud features among its characteristics, NULL when none:
	   characteristics computed point in time from the events of the
	   table scored (fraud/fraud.h), again whenever the card scores. */
	struct card_features *features;	/* owned */
};

/*
 * Whether an entry of a scorecard's dropped list ("name: reason") is a
 * characteristic named by --force that the fit left out all the same
 * (CARD_FORCED_DROPPED): 1 or 0.
 */
int card_forced_dropped(const char *dropped);

/*
 * Fit a scorecard on ds (which must have a target): class every column
 * except the target, the excluded ones and the identifiers (bin.h
 * bin_identifier; never binned) with bin_characteristic (spec->bins),
 * keep those usable (status NULL) with IV >= spec->min_iv, and go on as
 * card_fit_chars.  Characteristics left out are listed in dropped as
 * "name: reason": spec->left_out first, then the excluded ones, then in
 * column order.
 * Returns the scorecard (free with card_free) or NULL with err (RD_EINPUT:
 * no target, no characteristic left; RD_ENUMERIC: the fit failed other
 * than by collinearity).
 */
struct scorecard *card_fit(const struct dataset *ds, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err);

/*
 * card_fit taking ds over: ds is freed as soon as the fit no longer
 * needs it, once the characteristics are classed and the bins of its
 * rows put in a binned sample (model/binned.h: a byte or two per row and
 * characteristic, and one for the outcome), before the iterations of the
 * logistic regression; also on failure.  The scorecard is the one
 * card_fit gives, figure for figure.
 */
struct scorecard *card_fit_take(struct dataset *ds, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err);

/*
 * Fit a scorecard on ds with the given characteristics (bins and WoE used
 * as they are: build them on ds, e.g. with bin_from_breaks /
 * bin_from_groups).  Takes ownership of every chars[k] (the array itself
 * stays the caller's), also on failure.  Each is matched to the column of
 * ds of its name and type.  A characteristic with a status is dropped.  The
 * design is an intercept and one WoE column per characteristic over the
 * rows with a known outcome; a value in no bin (a NULL when there is no
 * missing bin) has WoE 0.  The WoE logistic regression is fitted with
 * spec->logit; when it fails on collinearity the characteristic named by
 * the failure is dropped and the model refitted; when a coefficient is
 * positive (with WoE = ln(%good/%bad) the coefficients of a sound model are
 * negative: more WoE, fewer bads) the characteristic with the largest
 * positive coefficient is dropped ("wrong sign") and the model refitted,
 * until every sign is right (a characteristic named in spec->forced is
 * never dropped for its sign: it stays, flagged wrong_sign).  With
 * spec->select.method set, stepwise selection (select.h) runs first over
 * the usable characteristics, forced ones always in; those not chosen are
 * listed in dropped as "not selected (<method> by <criterion>)" and the
 * steps kept in the card.  A range bin of a final characteristic that
 * holds no row with a known outcome is merged into its neighbour
 * (bin_merge_empty_ranges, noted in notes), so no empty range gets points
 * of its own and its values score as the neighbour's; the levels of a text
 * characteristic that no bin lists (seen only in rows without a known
 * outcome) are noted with the bin they score as.  Then points are
 * scaled with spec->scaling
 * and rounded, the development statistics computed on the rounded
 * score of ds, and the rounding error, the correlation matrix and the
 * VIFs of the final WoE columns recorded.  Returns the scorecard (free
 * with card_free) or NULL with err (RD_EINPUT: no target, a column missing or of another type, no
 * characteristic left; RD_ENUMERIC: the fit failed other than by
 * collinearity).
 */
struct scorecard *card_fit_chars(const struct dataset *ds, const char *name,
	struct characteristic **chars, size_t nchars,
	const struct card_fit_spec *spec, struct rd_err *err);

/*
 * The fit of card_fit_chars from a binned sample (model/binned.h) instead
 * of a dataset: bs holds, in column j, the bins of chars[j] (j < nchars
 * = bs->k; none with a status) for its development rows, made with
 * binned_init and card_binned_append (from a dataset, or from a table
 * read slice by slice).  dropped[ndropped] (borrowed) are the
 * characteristics already left out, "name: reason", listed first.  Takes
 * ownership of every chars[k] (the array itself stays the caller's), also
 * on failure; bs stays the caller's (its bins are renumbered where an
 * empty range is merged).  The scorecard, with the population's name
 * bs->table, is the one card_fit_chars gives on the dataset the sample
 * was made from, figure for figure: the same sums in the same row order.
 * Returns NULL with err as card_fit_chars.
 */
struct binned_sample;
struct scorecard *card_fit_binned(struct binned_sample *bs, const char *name,
	struct characteristic **chars, size_t nchars,
	const char *const *dropped, size_t ndropped,
	const struct card_fit_spec *spec, struct rd_err *err);

/*
 * Append the rows of ds (which must have a target) to bs for chars[bs->k]
 * (borrowed), each matched to the column of ds of its name and type
 * (binned_append).  Returns 0, or -1 with err RD_EINPUT as card_score
 * (no target, a column missing or of another type), bs unchanged.
 */
int card_binned_append(struct binned_sample *bs, const struct dataset *ds,
	struct characteristic *const *chars, struct rd_err *err);

/*
 * Score every row of ds (matched to characteristics by column name):
 * score[ds->nrows] receives the points, pd[ds->nrows] (may be NULL) the PD.
 * A numeric value goes to its range (bin_index_num), a text value to the
 * bin listing its level (an unseen level to the bin with the largest
 * development count, bin_index_text); a NULL goes to the missing bin, or,
 * when the characteristic has none (no NULLs in development), scores 0
 * points.  Rows of any outcome are scored.  Returns 0, or -1 with err
 * RD_EINPUT when ds lacks a characteristic's column or its type differs.
 */
int card_score(const struct scorecard *card, const struct dataset *ds,
	double *score, double *pd, struct rd_err *err);

/* PD of a score under the card's scaling: the inverse of the scaling,
   PD = 1 / (1 + exp((score - offset) / factor)). */
double card_pd(const struct scorecard *card, double score);

/*
 * Serialise to JSON text (caller frees with free()) and back.  The text
 * is an object with "format": "riskdesk scorecard" and "version": 1 (a
 * parser refuses other formats and versions) and holds everything needed
 * to score and to show the card: name, population,
 * scaling, factor, offset, intercept, base points, per characteristic its
 * name, kind, coefficient, SE, p-value, IV and bins (kind, lower/upper with
 * null for an infinity, levels, label, counts, WoE, IV, points), the
 * development statistics and the dropped list; with fraud features,
 * "fraud_features": {policy, time, label, features: [{name, agg, column (null
 * for count), same: [...], within (seconds)}]}.  Doubles are written with
 * 17 significant digits, so card_parse(card_serialize(c)) scores every row
 * exactly as c does; NaN is written as null.  card_parse returns a card to
 * free with card_free, or NULL with err RD_EINPUT on malformed text (JSON
 * syntax with its line and column, or "malformed scorecard: ..." naming
 * the offending key; bins are checked as bin.h requires: numeric ranges
 * contiguous from -inf to +inf, then at most one missing bin, last).
 */
char *card_serialize(const struct scorecard *card);
struct scorecard *card_parse(const char *text, struct rd_err *err);

/*
 * Whether card_serialize can hold every text of card: its name and
 * population, and its characteristics' names, bin labels and levels,
 * come from the table's columns and cells, which another program may
 * have written in bytes that are not UTF-8, and JSON holds UTF-8 only.
 * Returns 0, or -1 with err RD_EINPUT naming the characteristic and the
 * text (its bytes that are not UTF-8 written \xHH) and what to do.  To
 * be asked before a card is stored, so that a card that could not be
 * read back is refused, not stored.
 */
int card_check_text(const struct scorecard *card, struct rd_err *err);

/*
 * The points of characteristic cc's best attribute among stated values:
 * the largest points of its range and level bins, the missing bin and
 * special values left out (an applicant at the best real value is never
 * told that a missing value would have scored more); of the missing and
 * special bins when it has nothing else.
 */
double card_best_points(const struct card_char *cc);

/*
 * Reason codes of one applicant (the usual adverse-action method): the
 * characteristics ordered by the points the applicant lost against the
 * characteristic's best attribute (card_best_points - points of the
 * applicant's bin), largest loss first, ties in scorecard order; those
 * with no loss are not listed.  row indexes ds (matched by column name as
 * in card_score).  out[max] receives indices into card->chars and lost[max]
 * (may be NULL) the points lost.  Returns the number written (<= max), or
 * (size_t)-1 when ds lacks a characteristic's column.
 */
size_t card_reasons(const struct scorecard *card, const struct dataset *ds,
	size_t row, size_t max, size_t *out, double *lost);

/*
 * card_reasons for every row of ds at once, the bins of each column
 * found in one pass (a text column's levels looked up once, not per row):
 * for row i, out[i * max ..] and lost[i * max ..] (may be NULL) receive
 * its reasons and n[i] their number.  out[ds->nrows * max],
 * n[ds->nrows].  Returns 0, or -1 with err RD_EINPUT when ds lacks a
 * characteristic's column or its type differs.
 */
int card_reasons_all(const struct scorecard *card, const struct dataset *ds,
	size_t max, size_t *out, double *lost, size_t *n, struct rd_err *err);

/*
 * The bin of every row of ds for every characteristic of card, found as
 * card_score finds them (a text column's levels mapped once):
 * bin[i * card->nchars + k] for row i and characteristic k, -1 where no
 * bin takes the value (a NULL without a missing bin: 0 points).  With
 * fallback (may be NULL), fallback[i * nchars + k] is 1 where the value
 * took a documented fallback rather than a bin of its own: a text level
 * no bin lists (the unseen-level fallback, bin.h bin_fallback) or a NULL
 * without a missing bin.  Both arrays [ds->nrows * card->nchars],
 * caller-owned.  Returns 0, or -1 with err RD_EINPUT when ds lacks a
 * characteristic's column or its type differs.
 */
int card_bins(const struct scorecard *card, const struct dataset *ds,
	int *bin, unsigned char *fallback, struct rd_err *err);

/*
 * card_bins in two bytes a bin: bin[i * card->nchars + k] is card_bins'
 * bin + 1 (0: no bin takes the value), [ds->nrows * card->nchars],
 * caller-owned; half the memory of card_bins' ints, for a pass that
 * keeps every row's bins (reject inference).  Returns 0, or -1 with err
 * RD_EINPUT as card_bins, or when a characteristic has more than
 * CARD_BINS16_MAX bins.
 */
#define CARD_BINS16_MAX 65534
int card_bins16(const struct scorecard *card, const struct dataset *ds,
	uint16_t *bin, struct rd_err *err);

/*
 * card_reasons_all from bins already found (card_bins' bin[nrows *
 * nchars]): out[nrows * max], lost[nrows * max] (may be NULL), n[nrows].
 * need[nrows] (may be NULL: every row) picks the rows to give reasons
 * to; the others get n[i] 0.  Cannot fail.
 */
void card_reasons_bins(const struct scorecard *card, const int *bin,
	size_t nrows, const unsigned char *need, size_t max, size_t *out,
	double *lost, size_t *n);

/*
 * Where card_score puts a value no bin of characteristic k lists: for a
 * text characteristic, a level not listed (its "other" row: the
 * unseen-level fallback, bin_index_text; -1 for a numeric one); for a
 * NULL, its missing bin ("missing").  Returns the bin's index into
 * card->chars[k].ch->bins, or -1 when the value scores 0 points (a NULL
 * when development had none).  The points table's "other" and "missing"
 * rows.
 */
int card_other_bin(const struct scorecard *card, size_t k);
int card_missing_bin(const struct scorecard *card, size_t k);

/*
 * Give card the coefficients of res (a WoE logistic fit with the same
 * design as card's: an intercept, then one WoE column per
 * characteristic in card order, e.g. a weighted refit by reject
 * inference, model/infer.h): intercept, coefficients, their standard
 * errors and p-values, loglik, AIC and iterations; points and base
 * points scaled and rounded as card_fit does; wrong_sign flags a
 * positive coefficient.  The bins and their WoE are kept.  n and n_bad
 * become ds's known outcomes and the AUC, Gini, KS and rounding errors
 * are computed again on ds's rounded scores.  Returns 0, or -1 with err
 * RD_EINPUT (res has another number of parameters; ds lacks a column).
 */
int card_set_coefficients(struct scorecard *card,
	const struct logit_result *res, const struct dataset *ds,
	struct rd_err *err);

/*
 * card_set_coefficients with the development statistics from a binned
 * sample instead of a dataset: bs (borrowed) holds in column k the bins
 * of card->chars[k] for every development row (known outcomes, then the
 * others), as binned_append makes them from the rows card_set_coefficients
 * would be given.  n, n_bad, n_indet and n_reject are bs's; the AUC,
 * Gini, KS and rounding errors come out the same as from the dataset
 * (the same sums, row by row; the discrimination on the known rows, which
 * alone it counts).  Returns 0, or -1 with err RD_EINPUT (res has another
 * number of parameters, bs another number of characteristics).
 */
int card_set_coefficients_binned(struct scorecard *card,
	const struct logit_result *res, const struct binned_sample *bs,
	struct rd_err *err);

/* Free card and all it owns.  NULL is a no-op. */
void card_free(struct scorecard *card);

/*
 * The lowest and highest score the card can give: base points plus each
 * characteristic's smallest (largest) points, a NULL without a missing
 * bin counting 0.
 */
void card_score_range(const struct scorecard *card, double *lo, double *hi);

/* One line of the score -> PD table. */
struct card_pd_row {
	double score;		/* points */
	double odds;		/* good:bad odds = exp((score - offset) /
				   factor), i.e. odds:1 */
	double pd;		/* 1 / (1 + odds) */
};

/*
 * The score -> PD table from `from` to `to` (inclusive when on the grid)
 * in steps of step points (> 0; from <= to), into a fresh array (caller
 * frees) whose length goes to *n.
 */
struct card_pd_row *card_pd_table(const struct scorecard *card, double from,
	double to, double step, size_t *n);

/*
 * The unrounded points of bin `bin` of card->chars[k]: -factor b_k WoE
 * (what the rounded points were rounded from).
 */
double card_unrounded_points(const struct scorecard *card, size_t k,
	size_t bin);

/* A copy of a sample spec whose strings the scorecard owns. */
void card_sample_copy(struct card_sample *dst, const struct card_sample *src);

/* 1 when column is s's out-of-time date column (CARD_SAMPLE_OOT's
   date_column): read for the split, never a characteristic, left out
   with CARD_OOT_DATE_WHY. */
int card_sample_date(const struct card_sample *s, const char *column);
#define CARD_OOT_DATE_WHY "the date of the out-of-time split " \
	"(--date-column), not a characteristic"

#endif
