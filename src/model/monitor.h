/*
 * monitor.h - portfolio monitoring after go-live: how booked accounts
 * perform (vintages, delinquency roll rates) and whether the scorecard
 * still predicts (PD back-testing per grade, the AUC against
 * development, the sample-size-adjusted PSI critical value).
 *
 * Months are whole numbers m = 12 * year + (month - 1), so that months
 * on book are a difference (monitor_month_parse).  Accounts are dense
 * indices 0..naccounts-1 given by the caller.
 *
 * Delinquency buckets (enum mon_bucket): current (0 days past due),
 * 1-29, 30-59, 60-89, 90+ days past due, and charged off, which absorbs:
 * a snapshot flagged charged off is in that bucket whatever its days
 * past due.
 */
#ifndef RD_MODEL_MONITOR_H
#define RD_MODEL_MONITOR_H

#include <stddef.h>

struct rd_err;

enum mon_bucket {
	MON_CURRENT, MON_1_29, MON_30_59, MON_60_89, MON_90P, MON_CO,
	MON_NBUCKETS
};

/* "current", "1-29", "30-59", "60-89", "90+", "charged off"; static. */
const char *monitor_bucket_name(int b);

/* The bucket of a snapshot: charged_off != 0 gives MON_CO, else by
   dpd (days past due >= 0).  -1 for a negative or NaN dpd. */
int monitor_bucket(double dpd, int charged_off);

/*
 * Parse "YYYY-MM" or an ISO date "YYYY-MM-DD" (a day that exists in
 * that month, Gregorian; a time may follow after "T" or a space) into
 * *m = 12 * year + month - 1.  Returns 0, or -1 when s is not of that
 * shape or names a month 13 or a day such as 2024-03-99 or 2023-02-29.
 */
int monitor_month_parse(const char *s, int *m);

/* Write month m as "YYYY-MM" into buf[8]. */
void monitor_month_format(int m, char buf[8]);

/*
 * Vintages: cumulative ever-N+ bad rate by months on book per cohort.
 *
 * Input: n snapshots with acct[n] (0..na-1), month[n], dpd[n] and co[n]
 * (charged-off flag); cohort[na] the origination month of each account
 * (INT_MIN: an account without one, not counted).  An account is bad
 * from the first snapshot with dpd >= bad_dpd or charged off; its bad
 * month on book is that month - its cohort.
 *
 * Output: cohorts c0 = the first origination month, ncohorts = last -
 * first + 1; for cohort c (origination month c0 + c) and months on book
 * k in 0..nmob-1 (nmob: up to the last month on book at which some
 * cohort has a snapshot, at most last snapshot month - c0 + 1; the
 * months no cohort reached are not kept):
 *   rate[c * nmob + k] = accounts of c bad at month on book <= k /
 *                        accounts of c,
 * NaN when no account of the cohort has a snapshot at month on book k
 * (not observed: after the last snapshot month, before the cohort's
 * first snapshot -- a cohort first reported a month after origination
 * is blank at month on book 0 -- or a month missing from the middle of
 * its history; the first figure after a blank counts what the later
 * snapshots show), or the cohort has no account.  accounts[c] the
 * cohort sizes.  One pass over the snapshots and one over the accounts;
 * memory ncohorts * nmob bytes besides the output.
 */
struct mon_vintage {
	int c0;
	size_t ncohorts, nmob;
	size_t *accounts;	/* [ncohorts] owned */
	double *rate;		/* [ncohorts * nmob] owned */
	size_t snapshots_before;	/* snapshots dated before the
					   cohort month: ignored */
};

/* Returns 0, or -1 with err RD_EINPUT when no account has a cohort or
   no snapshot is given. */
int monitor_vintage(const size_t *acct, const int *month, const double *dpd,
	const unsigned char *co, size_t n, const int *cohort, size_t na,
	int bad_dpd, struct mon_vintage *out, struct rd_err *err);
void mon_vintage_done(struct mon_vintage *v);

/*
 * The vintages of monitor_vintage from what a pass over the snapshots
 * folded, without the snapshots: cohort[na] as there; badmob[na] the
 * first month on book at which each account is bad (INT_MAX: never;
 * only the accounts with a cohort are read); last the last snapshot
 * month (INT_MIN: no snapshot); seen[sn * sw] the months on book seen,
 * seen[c * sw + k] non-zero when an account of origination month s0 + c
 * has a snapshot k months after it.  Every snapshot is taken to be at
 * or after its cohort month (snapshots_before 0).  The same figures as
 * monitor_vintage over those snapshots; memory that of the output.
 * Returns 0, or -1 with err RD_EINPUT as monitor_vintage.
 */
int monitor_vintage_fold(const int *cohort, const int *badmob, size_t na,
	int last, const unsigned char *seen, int s0, size_t sn, size_t sw,
	struct mon_vintage *out, struct rd_err *err);

/*
 * Roll rates: count[from][to] of month-to-month transitions, a pair
 * being two snapshots of one account in consecutive months (m, m + 1);
 * a gap of a month or more breaks the chain (counted in gaps).  rate =
 * count / row total (NaN for an empty row).  Flow rates (the usual
 * net-flow chain): roll[b] = rate[b][b + 1] for b = current .. 90+
 * (90+ rolls to charged off); flow_to_co[b] = roll[b] * roll[b + 1] *
 * ... * roll[90+], the share of bucket b expected to reach charge-off
 * by rolling forward one bucket a month.  Sorting the n snapshots by
 * (account, month): n log n; memory n indices.  Duplicate snapshots of
 * one account and month are an error.
 */
struct mon_roll {
	size_t count[MON_NBUCKETS][MON_NBUCKETS];
	double rate[MON_NBUCKETS][MON_NBUCKETS];
	double roll[MON_NBUCKETS - 1];
	double flow_to_co[MON_NBUCKETS - 1];
	size_t pairs, gaps;
};

/* Returns 0, or -1 with err RD_EINPUT (a bad dpd: *bad_row the
   snapshot; two snapshots of one account in one month). */
int monitor_roll(const size_t *acct, const int *month, const double *dpd,
	const unsigned char *co, size_t n, struct mon_roll *out,
	size_t *bad_row, struct rd_err *err);

/* The rates, roll and flow_to_co of out from its count (as monitor_roll
   sets them), for counts folded from snapshots read in (account, month)
   order one account at a time. */
void monitor_roll_rates(struct mon_roll *out);

/*
 * PD back-testing of one grade with n obligors, d defaults, predicted
 * PD pd (the grade's mean PD):
 *   binomial p = 1 - F_Bin(d - 1; n, pd) = P(X >= d), 1 for d = 0;
 *   Jeffreys p = F_Beta(pd; d + 1/2, n - d + 1/2)
 * (ECB, Instructions for reporting the validation results of internal
 * models, 2019, s. 2.5.3.1 and 2.5.3.2; gsl_cdf_binomial_Q,
 * gsl_cdf_beta_P).  Small p: more defaults than the PD predicts.  NaN
 * for n = 0 or pd outside (0, 1).
 */
double monitor_binomial_p(size_t n, size_t d, double pd);
double monitor_jeffreys_p(size_t n, size_t d, double pd);

/* Traffic light of a one-sided p: "red" below red_alpha, "amber" below
   amber_alpha, else "green"; "n/a" for NaN.  Static. */
const char *monitor_light(double p, double amber_alpha, double red_alpha);

struct mon_grade {
	double lo, hi;		/* [lo, hi) in points */
	size_t n, d;		/* obligors and defaults */
	double pd;		/* mean predicted PD */
	double dr;		/* d / n */
	double binom_p, jeffreys_p;
	const char *light;	/* of jeffreys_p */
};

/*
 * Out-of-sample Hosmer-Lemeshow over k grades (ECB 2019 s. 2.5.3.3):
 *   HL = sum_g (d_g - n_g pd_g)^2 / (n_g pd_g (1 - pd_g)),
 * df = k (the grades with obligors), p = P(chi^2_df > HL).  Herfindahl
 * index of the grade distribution: H = sum_g (n_g / n)^2; with k grades
 * also the normalised (k H - 1) / (k - 1) (0 even, 1 all in one grade).
 */
struct mon_backtest {
	struct mon_grade *grades;	/* [ngrades] owned */
	size_t ngrades;
	size_t n, d;
	double hl, hl_p;
	int hl_df;
	double herfindahl, herfindahl_norm;
};

/*
 * Grades [breaks[j-1], breaks[j]) with breaks[nbreaks] increasing
 * (grade 0 from -inf, the last to +inf; nbreaks + 1 grades) over the
 * rows with y[i] 0 / 1 (others ignored) and a finite score[i]; pd[i]
 * the predicted PD.  Empty grades are listed with n = 0 and left out of
 * HL and its df.  Thresholds amber_alpha > red_alpha.  Returns 0 (out
 * freed with mon_backtest_done).
 */
int monitor_backtest(const double *score, const double *pd,
	const signed char *y, size_t n, const double *breaks, size_t nbreaks,
	double amber_alpha, double red_alpha, struct mon_backtest *out,
	struct rd_err *err);
void mon_backtest_done(struct mon_backtest *b);

/*
 * Hanley-McNeil standard error of an AUC a from nb bads and ng goods
 * (Hanley and McNeil, Radiology 143, 1982, eq. 2):
 *   Q1 = a / (2 - a), Q2 = 2 a^2 / (1 + a),
 *   SE^2 = (a (1 - a) + (nb - 1)(Q1 - a^2) + (ng - 1)(Q2 - a^2)) / (nb ng).
 * The test of a current AUC against the development AUC (ECB 2019 s.
 * 2.5.4.1): z = (auc_dev - auc) / SE(auc), p = 1 - Phi(z); small p: the
 * discrimination has dropped.  NaN when nb or ng is 0.
 */
double monitor_auc_se(double a, size_t nb, size_t ng);
double monitor_auc_test_p(double auc_dev, double auc, size_t nb, size_t ng);

/*
 * Sample-size-adjusted PSI critical value (Yurdakul and Naranjo,
 * "Statistical properties of the population stability index", Journal
 * of Risk Model Validation 14(4), 2020): under no shift PSI is
 * approximately (1/nb + 1/nn) chi^2 with bins - 1 degrees of freedom,
 * so the critical value at level alpha is
 *   (1/nb + 1/nn) chi^2_{bins-1}(1 - alpha)  (gsl_cdf_chisq_Qinv).
 */
double monitor_psi_critical(size_t nb, size_t nn, size_t bins, double alpha);

#endif
