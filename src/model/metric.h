/*
 * metric.h - discrimination measures of a score against a 0/1 outcome.
 *
 * Scores are "risk" scores: higher means more likely bad.  For scorecard
 * points (higher = safer) pass the negated points.  Rows with y not 0/1
 * (indeterminate) and rows with a NaN score are ignored; y NULL (a table
 * without a target) means no row has a known outcome.  Both group the
 * rows by distinct score (a hash) and sort the distinct scores: time
 * linear in the rows, scratch memory in the distinct scores (some
 * hundreds for scorecard points; the rows for a continuous score).
 *   AUC  = P(score of a random bad > score of a random good), ties count 1/2
 *          (the Mann-Whitney U statistic / (n_bad n_good), average ranks).
 *   Gini = 2 AUC - 1.
 *   KS   = max over distinct scores t of |F_bad(t) - F_good(t)|, with the
 *          empirical CDFs of bads and goods; tied scores are never split.
 */
#ifndef RD_MODEL_METRIC_H
#define RD_MODEL_METRIC_H

#include <stddef.h>

/* AUC of score[n] against y[n] (may be NULL); NaN when there are no bads
   or no goods. */
double metric_auc(const double *score, const signed char *y, size_t n);

/*
 * KS of score[n] against y[n] (may be NULL), as a fraction 0..1; NaN when
 * there are no bads or no goods.  When at is not NULL it receives the score t at which
 * the maximum is reached, the CDFs being P(score <= t) (the lowest such t
 * when several reach it; NaN when KS is NaN).
 */
double metric_ks(const double *score, const signed char *y, size_t n,
	double *at);

/*
 * Both of the above from one grouping of the rows: returns the AUC of
 * metric_auc, with the KS of metric_ks in *ks and its score in *at (at
 * may be NULL).  The figures equal the two calls' exactly.
 */
double metric_auc_ks(const double *score, const signed char *y, size_t n,
	double *ks, double *at);

/*
 * Why a figure that needs outcomes is not available on a sample of known
 * rows with a known outcome, bad of them bad: written into buf (at least
 * METRIC_REASON_MAX bytes) and returned, or NULL (buf "") when it is
 * available.  need_both: the figure needs bads and goods (AUC, Gini, KS,
 * ROC, gains and lift: any comparison of the two); otherwise known rows
 * suffice (a bad rate, calibration, Hosmer-Lemeshow).  where names the
 * sample ("table new_apps"; NULL: none).  The reasons, in this order:
 *   "no known outcomes in <where>"       known == 0
 *   "no bads among the N known outcomes in <where>"    (need_both)
 *   "no goods among the N known outcomes in <where>"   (need_both)
 * with N written as fmt_count writes counts.  Every front end shows a
 * figure that is not available as "n/a" with this reason (text), or null
 * beside a "na_reason" (JSON).
 */
#define METRIC_REASON_MAX 256
const char *metric_na_reason(size_t known, size_t bad, int need_both,
	const char *where, char *buf);

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
