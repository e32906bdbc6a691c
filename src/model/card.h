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

void card_scaling_init(struct card_scaling *sc);

struct card_fit_spec {
	struct card_scaling scaling;
	struct bin_spec bins;
	struct logit_spec logit;
	double min_iv;		/* characteristics below this IV are left out;
				   default 0.02 */
};

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
	/* Development statistics, on the rounded score. */
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
 * characteristic except the target, keep those usable with IV >=
 * spec->min_iv, fit the WoE logistic regression, scale and round points,
 * and compute AUC, Gini and KS of the score on ds.  A characteristic whose
 * coefficient cannot be estimated is dropped and the model refitted.
 * Returns the scorecard (free with card_free) or NULL with err.
 */
struct scorecard *card_fit(const struct dataset *ds, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err);

/*
 * Score every row of ds (matched to characteristics by column name):
 * score[ds->nrows] receives the points, pd[ds->nrows] (may be NULL) the PD.
 * Returns 0, or -1 with err RD_EINPUT when ds lacks a characteristic's
 * column or its type differs.
 */
int card_score(const struct scorecard *card, const struct dataset *ds,
	double *score, double *pd, struct rd_err *err);

/* PD of a score under the card's scaling (formula above). */
double card_pd(const struct scorecard *card, double score);

/*
 * Serialise to JSON text (caller frees) and back.  card_parse returns NULL
 * with err RD_EINPUT on malformed text.
 */
char *card_serialize(const struct scorecard *card);
struct scorecard *card_parse(const char *text, struct rd_err *err);

void card_free(struct scorecard *card);

#endif
