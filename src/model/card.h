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

#include "data/ds.h"
#include "model/bin.h"
#include "model/logit.h"

struct rd_err;

struct card_scaling {
	double base_score;	/* points at base_odds; default 600 */
	double base_odds;	/* good:bad odds at base_score; default 50 */
	double pdo;		/* points to double the odds; default 20 */
};

/* Fill *sc with the defaults above: 600 points at 50:1, PDO 20. */
void card_scaling_init(struct card_scaling *sc);

struct card_fit_spec {
	struct card_scaling scaling;
	struct bin_spec bins;
	struct logit_spec logit;
	double min_iv;		/* characteristics below this IV are left out;
				   default 0.02 */
};

/* Defaults of every part: card_scaling_init, bin_spec_init,
   logit_spec_init, min_iv 0.02. */
void card_fit_spec_init(struct card_fit_spec *spec);

/* One characteristic of the scorecard: its bins and their points. */
struct card_char {
	struct characteristic *ch;	/* owned */
	double coef;		/* b_j */
	double se, pval;	/* its standard error and Wald p-value */
	double *points;		/* [ch->nbins] rounded points, owned */
};

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
	double auc, gini, ks, ks_at;
	double loglik, aic;
	int iterations;
	/* Characteristics considered and left out, with the reason. */
	char **dropped;		/* [ndropped] owned "name: reason" */
	size_t ndropped;
};

/*
 * Fit a scorecard on ds (which must have a target): fine-class every
 * column except the target with bin_fine (spec->bins), keep those usable
 * (status NULL) with IV >= spec->min_iv, and go on as card_fit_chars.
 * Characteristics left out are listed in dropped as "name: reason".
 * Returns the scorecard (free with card_free) or NULL with err (RD_EINPUT:
 * no target, no characteristic left; RD_ENUMERIC: the fit failed other
 * than by collinearity).
 */
struct scorecard *card_fit(const struct dataset *ds, const char *name,
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
 * until every sign is right.  Then points are scaled with spec->scaling
 * and rounded, and the development statistics computed on the rounded
 * score of ds.  Returns the scorecard (free with card_free) or NULL with
 * err (RD_EINPUT: no target, a column missing or of another type, no
 * characteristic left; RD_ENUMERIC: the fit failed other than by
 * collinearity).
 */
struct scorecard *card_fit_chars(const struct dataset *ds, const char *name,
	struct characteristic **chars, size_t nchars,
	const struct card_fit_spec *spec, struct rd_err *err);

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
 * development statistics and the dropped list.  Doubles are written with
 * 17 significant digits, so card_parse(card_serialize(c)) scores every row
 * exactly as c does; NaN is written as null.  card_parse returns a card to
 * free with card_free, or NULL with err RD_EINPUT on malformed text (JSON
 * syntax with its line and column, or "malformed scorecard: ..." naming
 * the offending key; bins are checked as bin.h requires: numeric ranges
 * contiguous from -inf to +inf, then at most one missing bin, last).
 */
char *card_serialize(const struct scorecard *card);
struct scorecard *card_parse(const char *text, struct rd_err *err);

/* Free card and all it owns.  NULL is a no-op. */
/*
 * Reason codes of one applicant (the usual adverse-action method): the
 * characteristics ordered by the points the applicant lost against the
 * characteristic's best attribute (max points of its bins - points of the
 * applicant's bin), largest loss first, ties in scorecard order; those
 * with no loss are not listed.  row indexes ds (matched by column name as
 * in card_score).  out[max] receives indices into card->chars and lost[max]
 * (may be NULL) the points lost.  Returns the number written (<= max), or
 * (size_t)-1 when ds lacks a characteristic's column.
 */
size_t card_reasons(const struct scorecard *card, const struct dataset *ds,
	size_t row, size_t max, size_t *out, double *lost);

void card_free(struct scorecard *card);

#endif
