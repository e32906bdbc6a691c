/*
 * desk-collect.h - the desk's collections part (desk-collect.c): read a
 * policy's collections section, measure every treatment from the
 * snapshot and treatment tables it names, and plan its strategy (and a
 * challenger strategy's) on one month's delinquent accounts, with the
 * optimiser beside them.  The numbers are model/collect.c's; this part
 * loads, runs and keeps them for the front ends, and plans again when
 * the workbench changes a rule's treatment or a capacity.
 */
#ifndef RD_DESK_COLLECT_H
#define RD_DESK_COLLECT_H

#include "model/collect.h"
#include "policy/policy.h"

struct desk;
struct rd_err;

/* One strategy as planned: its policy and the arrays the plan reads
   (collect_strategy), owned here so that they can be changed. */
struct desk_strategy {
	struct policy *policy;		/* owned */
	const char **treat;		/* [ntreat] borrowed from policy */
	double *cost, *capacity;	/* [ntreat] owned */
	size_t *rule_treat, *rule_chall;	/* [nrules] owned */
	double *rule_share;		/* [nrules] owned */
	const char **rule_stream;	/* [nrules] owned array of the
					   policy's texts (NULL none) */
	struct collect_strategy s;	/* points at the arrays above */
	struct collect_accounts acc;	/* the month's accounts with the
					   truth of this strategy's rules */
	struct collect_plan plan;
};

struct desk_collect {
	struct collect_result res;	/* rates and tests, whole history */
	int month;			/* the plan's month (monitor.h) */
	struct desk_strategy champ;
	struct desk_strategy chall;	/* policy NULL when none */
	struct collect_opt opt;		/* under the champion's costs and
					   capacities */
};

/*
 * Read policy (policy_load_collect_all) and challenger (NULL: none), check
 * them against the database (policy_check_collect_all), read the
 * treatment log and the snapshots once each for the rates and tests, and
 * the snapshots of month (text YYYY-MM; NULL: the last month of the
 * snapshots) once more for the plans and the optimiser.  The challenger
 * is planned on the accounts of the policy's snapshot table, with the
 * policy's rates.  Fills *out (desk_collect_done) and returns 0; -1 with
 * every error found in errs: the policies' located errors, RD_EUSAGE for
 * a month not written YYYY-MM, RD_EINPUT for a month without snapshots,
 * a challenger reading other tables, and the tables' bad rows ("table
 * \"perf\": row 12: bucket 7: expected ..."), RD_EDB.
 */
int desk_collect(struct desk *d, const char *policy, const char *challenger,
	const char *month, struct desk_collect *out,
	struct policy_errors *errs);

/*
 * Plan again after a change to a strategy's rule_treat or capacity (the
 * workbench): the plans of both strategies and the optimiser, on the
 * accounts already read.  Returns 0, or -1 with err.
 */
int desk_collect_replan(struct desk_collect *c, struct rd_err *err);

void desk_collect_done(struct desk_collect *c);

#endif
