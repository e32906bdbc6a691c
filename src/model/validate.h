/*
 * validate.h - the statistics a model validator asks for, on a scored
 * sample: discrimination (AUC, Gini, KS with the score at its peak, ROC
 * points), the gains table by score group, the Hosmer-Lemeshow test on
 * groups of PD, calibration and distribution by score band, and the
 * population stability index (PSI) of the score; and the development /
 * holdout splits they are computed on.
 *
 * Scores are scorecard points: higher means safer.  Only rows with a known
 * outcome (y DS_GOOD / DS_BAD) and a score that is not NaN enter
 * validate_sample; PSI uses every row that has a score.
 *
 * Missing outcomes.  AUC, Gini, KS, the ROC points and the gains table
 * compare bads with goods: with no known outcome, no bads or no goods
 * they are NaN or empty, and the validation's na says why
 * (metric_na_reason).  The bad rate, the score bands and Hosmer-Lemeshow
 * need only known outcomes: with none they are NaN or empty too; with no
 * bads (or only bads) they are computed (a bad rate of 0, or 1).
 *
 * Grouping rule (gains table and Hosmer-Lemeshow): the m rows are sorted
 * (by score ascending, riskiest first; by PD ascending), and sorted
 * position i belongs to group floor(i G / m); rows with equal values are
 * never split: a run of ties goes wholly to the group of its first row.
 * Groups left empty by that rule are not listed.
 *
 * Gains row g: count, bads, bad rate = bads / count, cumulative share of
 * all bads (the capture rate), cumulative share of rows, lift = bad rate /
 * overall bad rate, cumulative lift = cumulative bad rate / overall.
 *
 * Hosmer-Lemeshow (Hosmer, Lemeshow and Sturdivant, Applied Logistic
 * Regression, 3rd ed., 2013, s. 5.2.2):
 *   HL = sum_g (O_g - E_g)^2 / (E_g (1 - E_g / n_g)),
 * O_g the bads in group g, E_g the sum of its PDs, n_g its rows; df =
 * groups - 2; p = P(chi^2_df > HL) by gsl_cdf_chisq_Q.
 *
 * Score bands: [k w, (k + 1) w) for whole k, w = band_width points, from
 * the band of the lowest score to that of the highest: count, goods, bads,
 * share of rows, share of the goods and of the bads (the score
 * distributions of each outcome), observed bad rate, mean predicted PD.
 *
 * ROC: one point per distinct score t, (FPR, TPR) = (share of goods,
 * share of bads) scoring <= t, i.e. declined by a cutoff just above t;
 * starts at (0, 0) and ends at (1, 1).  AUC, Gini and KS as metric.h.
 *
 * PSI = sum_i (a_i - e_i) ln(a_i / e_i), e_i the development (base) share
 * of bin i, a_i the new share.  Bins [b_j, b_j+1) from breaks, or from the
 * base sample's quantiles j/q (j = 1..q-1, linear interpolation: R's
 * quantile type 7, gsl_stats_quantile_from_sorted_data), duplicate breaks
 * dropped; NaN scores form a missing bin (only listed when there are
 * some).  The sum is bin.h bin_csi, the one rule of PSI and CSI: a bin
 * empty in both samples adds nothing; a bin empty in one sample only has
 * no logarithm, so psi_strict is then NaN and psi replaces each such zero
 * count by adjust (0.5, validate_spec psi_adjust) and re-sums both totals
 * (the rule of the reference tables in tests/data/oracle), with the bin
 * flagged.  Reading: below 0.1 stable, 0.1 to 0.25 some shift, 0.25 and
 * above a significant shift.
 */
#ifndef RD_MODEL_VALIDATE_H
#define RD_MODEL_VALIDATE_H

#include <stddef.h>

#include "data/ds.h"
#include "model/metric.h"
#include "model/bin.h"

struct rd_err;

struct validate_spec {
	int ngroups;		/* gains table groups; default 10 (deciles) */
	int hl_groups;		/* Hosmer-Lemeshow groups; default 10 */
	double band_width;	/* score band width in points; default 20 */
	int psi_bins;		/* PSI quantile bins; default 10 */
	double psi_adjust;	/* PSI: a zero count in one sample only
				   becomes this; default 0.5 */
};

/* Fill *spec with the defaults above. */
void validate_spec_init(struct validate_spec *spec);

struct val_roc {
	double score;		/* cutoff just above this score */
	double fpr, tpr;	/* goods / bads scoring <= score */
};

struct val_gains {
	double lo, hi;		/* lowest and highest score in the group */
	size_t count, bads;
	double bad_rate, cum_bad_share, cum_count_share, lift, cum_lift;
};

struct val_hl {
	double pd_lo, pd_hi;	/* lowest and highest PD in the group */
	size_t count, bads;	/* n_g and O_g */
	double expected;	/* E_g = sum of PD */
};

struct val_band {
	double lo, hi;		/* [lo, hi) in points */
	size_t count, goods, bads;
	double share;		/* count / n */
	double good_share;	/* goods / the sample's goods (the score
				   distribution of goods), NaN without
				   goods */
	double bad_share;	/* bads / the sample's bads, NaN without
				   bads */
	double bad_rate;	/* bads / count, NaN when empty */
	double mean_pd;		/* mean PD, NaN when empty */
};

/* Everything validate_sample computes; arrays owned. */
struct validation {
	size_t n, n_bad;	/* rows with a known outcome and a score */
	char na[METRIC_REASON_MAX];	/* "" when there are bads and goods;
					   else why auc, gini, ks, ks_at
					   are NaN and roc and gains empty
					   (and, when n is 0, bad_rate,
					   bands and hl too) */
	double bad_rate;
	double auc, gini, ks, ks_at;	/* ks_at: points where KS peaks */
	struct val_roc *roc;
	size_t nroc;
	struct val_gains *gains;
	size_t ngains;
	struct val_hl *hl;
	size_t nhl;
	double hl_stat, hl_p;
	int hl_df;
	struct val_band *bands;
	size_t nbands;
};

/*
 * Validate score[n] (points) and pd[n] (PD of each row) against y[n]
 * (DS_GOOD / DS_BAD; others ignored; NULL: no row has a known outcome).
 * Borrowed for the call.  Returns 0 with *v filled (free with
 * validation_done; without bads and goods as "Missing outcomes" above
 * says, v->na naming no sample: the caller may write it again with
 * metric_na_reason and the sample's name), or -1 with err RD_EUSAGE for
 * a spec with ngroups or hl_groups < 3 or band_width <= 0.
 */
int validate_sample(const double *score, const double *pd,
	const signed char *y, size_t n, const struct validate_spec *spec,
	struct validation *v, struct rd_err *err);

/* One distinct (score, PD) of a sample: its known outcomes. */
struct val_cell {
	double score, pd;
	size_t goods, bads;
};

/*
 * validate_sample on the rows the cells[ncells] stand for: cell k is
 * goods + bads rows of that score and PD (any order, keys may repeat;
 * cells with a NaN score or no rows are ignored), e.g. the GROUP BY of
 * an engine (score histogram).  The same figures as validate_sample on
 * those rows (validate_sample is this on a cell per row), except for
 * the order of the floating-point sums of PDs (mean PD of a band, E_g of
 * Hosmer-Lemeshow: sum of pd x count per cell).  Memory and time are in
 * the cells, not the rows.  cells borrowed; returns as validate_sample.
 */
int validate_cells(const struct val_cell *cells, size_t ncells,
	const struct validate_spec *spec, struct validation *v,
	struct rd_err *err);

/*
 * The cells of a sample made row by row, in memory proportional to its
 * distinct (score, PD) keys, not its rows (a scorecard's scores are sums
 * of whole points: some hundreds of keys for millions of rows).
 * val_acc_add adds goods good and bads bad rows of a key (a NaN score or
 * no rows: nothing); c[0..n) are the cells so far, in order of first
 * appearance, for validate_cells.  -0.0 and +0.0 are one key.  Free
 * with val_acc_done.
 */
struct val_acc {
	struct val_cell *c;	/* [n] owned */
	size_t n, cap;
	size_t *slot;		/* [nslot] open-addressing index into c */
	size_t nslot;
};

void val_acc_init(struct val_acc *a);
void val_acc_add(struct val_acc *a, double score, double pd, size_t goods,
	size_t bads);
void val_acc_done(struct val_acc *a);
void validation_done(struct validation *v);

struct val_psi_bin {
	double lo, hi;		/* [lo, hi); NaN for the missing bin */
	size_t n_base, n_new;
	double share_base, share_new;	/* before any adjustment */
	double contrib;		/* this bin's term of psi (0.5 rule) */
	enum bin_psi_flag flag;	/* empty in one sample, both, or neither */
};

struct val_psi {
	size_t n_base, n_new;
	double *breaks;		/* [nbreaks] owned */
	size_t nbreaks;
	struct val_psi_bin *bins;	/* [nbins] owned */
	size_t nbins;
	double psi;		/* zero counts replaced by adjust */
	double psi_strict;	/* NaN when a bin is empty in one sample
				   only */
	int adjusted;		/* 1: some bin is empty in one sample */
	double adjust;		/* the replacement count used */
};

/*
 * PSI of new[nn] against base[nb] (borrowed), with breaks[nbreaks]
 * (strictly increasing, finite) or, when breaks is NULL, the base
 * sample's quantile breaks for spec_bins bins; adjust is the count a bin
 * empty in one sample only is given (validate_spec psi_adjust).  Returns
 * 0 with *out filled (free with val_psi_done), or -1 with err RD_EINPUT
 * when either sample has no row, or breaks are not increasing.
 */
int validate_psi(const double *base, size_t nb, const double *new_,
	size_t nn, const double *breaks, size_t nbreaks, int spec_bins,
	double adjust, struct val_psi *out, struct rd_err *err);
/*
 * validate_psi on samples given as cells (validate.h struct val_cell,
 * goods + bads being the rows of a score, whatever their outcome; PD not
 * read): base[nbc] and new_[nnc], plus base_nan and new_nan rows of no
 * score (the missing bin).  The same breaks (the quantiles of the rows
 * the base cells stand for, as gsl_stats_quantile_from_sorted_data takes
 * them), counts and PSI as validate_psi on those rows.  Borrowed;
 * returns as validate_psi.
 */
int validate_psi_cells(const struct val_cell *base, size_t nbc,
	size_t base_nan, const struct val_cell *new_, size_t nnc,
	size_t new_nan, const double *breaks, size_t nbreaks, int spec_bins,
	double adjust, struct val_psi *out, struct rd_err *err);
void val_psi_done(struct val_psi *p);

/* "stable" (< 0.1), "some shift" (< 0.25), "significant shift"; static
   text, "n/a" for NaN. */
const char *validate_psi_reading(double psi);

/*
 * Random holdout: of the n rows, k = round(frac n) chosen by
 * gsl_ran_choose with a gsl_rng of type mt19937 seeded with seed (the
 * same seed gives the same rows on every platform GSL runs on); hold[n]
 * receives 1 for a holdout row, 0 for development.  frac in (0, 1).
 */
void validate_split_random(size_t n, double frac, unsigned long seed,
	unsigned char *hold);

/*
 * Out-of-time holdout by column col of ds: a row is held out when its
 * value is after `after` (text compared byte by byte, so ISO 8601 dates
 * YYYY-MM-DD order correctly; a numeric column compared as numbers after
 * parsing `after`); a NULL date is in neither sample (hold 2).  Returns
 * 0, or -1 with err RD_EINPUT: no such column, `after` not a number for a
 * numeric column, or either sample empty.
 */
int validate_split_oot(const struct dataset *ds, const char *col,
	const char *after, unsigned char *hold, struct rd_err *err);

/*
 * A copy of the rows of ds with keep[i] == want, in order (a column's
 * levels are kept whole, so level codes stay valid).  Free with ds_free.
 */
struct dataset *validate_subset(const struct dataset *ds,
	const unsigned char *keep, unsigned char want);

/*
 * validate_subset done in place: ds keeps only its rows with keep[i] ==
 * want, in order, and ends as validate_subset's copy would be, field for
 * field (counts recomputed the same way), its arrays shrunk to the rows
 * kept, so that no second dataset is ever held.  Cannot fail.
 */
void validate_subset_in_place(struct dataset *ds, const unsigned char *keep,
	unsigned char want);

#endif
