/*
 * desk-monitor.h - the desk's portfolio-monitoring part (desk-monitor.c):
 * whether a stored scorecard still works on the applications that came
 * after it, and how the booked accounts perform.  The statistics are
 * model/monitor.c's, model/validate.c's (PSI), bin.c's (CSI) and
 * metric.c's (AUC, KS); this part loads the tables, links them and cuts
 * the periods.
 *
 * Two tables, both imported with riskdesk import:
 *   applications: one row per application: an id, an application date
 *     (YYYY-MM-DD or YYYY-MM), the decision taken (approve / refer /
 *     decline, see desk_monitor_decision) and every characteristic of
 *     the scorecard (its score is computed, never read);
 *   performance: one row per account and snapshot month: the
 *     application's id, the month (YYYY-MM or a date), days past due
 *     (a number, or a bucket "current", "1-29", "30-59", "60-89",
 *     "90+"), the charge-off flag.  Other columns (a balance) are not
 *     read.
 * An application is booked when it has a snapshot.  Its cohort is its
 * application month.  Its outcome is matured when the last snapshot
 * month of the table is at least window months after its cohort; it is
 * then bad when a snapshot within window months on book is bad_dpd+
 * days past due or charged off, else good (a loan paid off early and
 * never bad is a good).
 *
 * It sits under the session, as desk-model.h does.
 */
#ifndef RD_DESK_MONITOR_H
#define RD_DESK_MONITOR_H

#include <stddef.h>

#include "model/monitor.h"

struct desk;
struct rd_err;
struct scorecard;

struct desk_monitor_spec {
	const char *card;		/* stored scorecard */
	const char *applications;	/* table; default "applications" */
	const char *performance;	/* table; default "performance" */
	const char *id;			/* applications' id; "app_id" */
	const char *app_date;		/* "app_date" */
	const char *decision;		/* "decision" */
	const char *perf_id;		/* performance's id; NULL: id */
	const char *month;		/* "month" */
	const char *dpd;		/* "dpd" */
	const char *charge_off;		/* "charged_off" */
	int by;				/* months per period: 1 or 3 */
	int from, to;			/* application months kept;
					   INT_MIN / INT_MAX: all */
	int bad_dpd;			/* 90 */
	int window;			/* outcome window, months on book; 12 */
	size_t bins;			/* score bands (development
					   quantiles) of PSI and back-test;
					   10 */
	double psi_alpha;		/* of the adjusted PSI flag; 0.05 */
	double amber, red;		/* traffic light; 0.05, 0.01 */
	const char *policy;		/* a policy file: segments and
					   overrides; NULL none */
	double cutoff;			/* without a policy: approve at
					   score >= cutoff; NaN none */
	double override_max;		/* override rate alert; 0.05 */
};

/* The defaults above. */
void desk_monitor_spec_init(struct desk_monitor_spec *s);

/* The decision of an application by its text: "approve" ("approved",
   "accept", "accepted", "a"), "refer" ("referred", "r"), "decline"
   ("declined", "reject", "rejected", "d"), any case; -1 for another
   word.  Returns 0 approve, 1 refer, 2 decline. */
int desk_monitor_decision(const char *s);

/* Days past due of a bucket name ("current" 0, "1-29" 1, "30-59" 30,
   "60-89" 60, "90+" 90); NaN for another text. */
double desk_monitor_bucket_dpd(const char *s);

/* One period (a month, or a quarter with by 3). */
struct desk_mon_period {
	int start;			/* first month of the period */
	char label[12];			/* "2024-01" or "2024-Q1" */
	int months;			/* months of it within the span of the
					   applications' months: by, or fewer
					   for a partial quarter */
	size_t apps;			/* applications */
	size_t approved, referred, declined, other;	/* as taken */
	size_t booked;
	/* Stability against development (all applications). */
	double psi;			/* NaN with no application */
	double psi_crit;		/* monitor_psi_critical at psi_alpha */
	int psi_flag;			/* psi > psi_crit */
	int psi_adjusted;		/* a score band empty in one sample
					   only counted 0.5 there
					   (validate_psi) */
	size_t csi_adjusted;		/* characteristics whose CSI so
					   counted an empty bin */
	double *csi;			/* [nchars] owned */
	double *shift;			/* [nchars] owned: mean points of the
					   period - of development */
	double score_shift;		/* mean score - development's */
	/* Discrimination on matured outcomes of booked applications. */
	size_t matured, bads;
	double auc, gini, ks;
	double auc_p;			/* monitor_auc_test_p vs the card's
					   development AUC */
	/* Overrides, when a policy or a cutoff is given: booked that it
	   declines (low-side), declined that it approves (high-side). */
	size_t low_side, high_side;
	double low_rate, high_rate;	/* / booked, / declined */
	int low_flag, high_flag;	/* rate > override_max */
	/* With a policy: applications per segment (nsegments + 1, the last
	   the knocked out) and their decisions as taken. */
	size_t *seg_apps, *seg_approved, *seg_referred, *seg_declined;
};

struct desk_monitor {
	struct scorecard *card;		/* owned */
	struct desk_monitor_spec spec;	/* as run; strings borrowed from
					   the caller's spec */
	size_t dev_n;			/* development rows (PSI base) */
	double dev_auc;			/* the card's */
	size_t dev_nb, dev_ng;
	double dev_mean_score;
	double *dev_mean_points;	/* [nchars] owned */
	double *breaks;			/* [nbreaks] owned: score bands */
	size_t nbreaks;
	struct desk_mon_period *periods;	/* [nperiods] owned */
	size_t nperiods;
	size_t applications;		/* in the range */
	size_t outside;			/* out of --from/--to */
	size_t undated;			/* no application month */
	size_t snapshots, orphans, skipped;
	size_t before_app;		/* snapshots dated before their
					   application's month: left out */
	size_t unobserved;		/* booked applications old enough
					   to have matured whose first
					   snapshot is after the outcome
					   window: left out of the matured */
	int last_month;			/* last snapshot month */
	struct mon_backtest backtest;	/* matured outcomes, all periods */
	int has_backtest;
	double auc, auc_p;		/* all matured, vs development */
	double ks;			/* all matured */
	size_t matured, bads;
	struct mon_vintage vintage;
	struct mon_roll roll;
	int has_vintage;
	char **segments;		/* [nsegments] owned, with a policy */
	size_t nsegments;
	int overrides;			/* a policy or cutoff was given */
};

/*
 * Monitor scorecard spec->card over the two tables (see above): per
 * period of spec->by months the PSI of the score and the CSI and points
 * shift of every characteristic against the card's development rows,
 * the decisions and overrides, the AUC / Gini / KS on matured outcomes;
 * over all periods the PD back-test per score band, the vintages and the
 * roll rates.  Fills *out (desk_monitor_done) and returns 0; -1 with err:
 * RD_EUSAGE for a bad spec; RD_EINPUT for an unknown scorecard, table or
 * column, a duplicate id, a bad month, decision or days past due
 * (located by table, row and column), no application in the range;
 * RD_EDB.  Memory: the applications' columns, and per application a few
 * bytes of what the snapshots fold into; the snapshots are not kept
 * when each account's months come in increasing order (else, or with
 * RISKDESK_MONITOR_ROWS=1, 21 bytes each, sorted: the same figures).
 */
int desk_monitor(struct desk *d, const struct desk_monitor_spec *spec,
	struct desk_monitor *out, struct rd_err *err);
void desk_monitor_done(struct desk_monitor *m);

#endif
