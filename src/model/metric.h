/*
 * metric.h - discrimination measures of a score against a 0/1 outcome.
 *
 * Scores are "risk" scores: higher means more likely bad.  For scorecard
 * points (higher = safer) pass the negated points.  Rows with y not 0/1
 * (indeterminate) and rows with a NaN score are ignored.  Both sort once:
 * O(n log n) time, O(n) scratch memory.
 *   AUC  = P(score of a random bad > score of a random good), ties count 1/2
 *          (the Mann-Whitney U statistic / (n_bad n_good), average ranks).
 *   Gini = 2 AUC - 1.
 *   KS   = max over distinct scores t of |F_bad(t) - F_good(t)|, with the
 *          empirical CDFs of bads and goods; tied scores are never split.
 */
#ifndef RD_MODEL_METRIC_H
#define RD_MODEL_METRIC_H

#include <stddef.h>

/* AUC of score[n] against y[n]; NaN when there are no bads or no goods. */
double metric_auc(const double *score, const signed char *y, size_t n);

/*
 * KS of score[n] against y[n], as a fraction 0..1; NaN when there are no
 * bads or no goods.  When at is not NULL it receives the score t at which
 * the maximum is reached, the CDFs being P(score <= t) (the lowest such t
 * when several reach it; NaN when KS is NaN).
 */
double metric_ks(const double *score, const signed char *y, size_t n,
	double *at);

/*
 * The same two measures of a score taking nv values, from its counts:
 * goods[k] and bads[k] the known-outcome rows at the k-th value in
 * increasing risk order.  No sort, O(nv); the sums are those metric_auc
 * and metric_ks make, in the same order, so the results are identical.
 * metric_ks_counts puts the index k of the maximum in *at (may be NULL;
 * unchanged when the KS is NaN).
 */
double metric_auc_counts(const size_t *goods, const size_t *bads, size_t nv);
double metric_ks_counts(const size_t *goods, const size_t *bads, size_t nv,
	size_t *at);

#endif
