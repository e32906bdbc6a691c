/*
 * sim.h - policy simulation over a population: decisions, approval rate,
 * bad rate and expected loss, overall and per segment.
 *
 * Per applicant, in order: the first knock-out rule whose condition is true
 * declines it (decision KNOCKOUT); otherwise the first segment whose
 * condition is true takes it (a NULL condition is not true), and its score
 * decides: approve when score >= cutoff, refer when refer <= score < cutoff,
 * decline below.  Figures, for a set of applicants (all, or one segment):
 *   approval_rate = approved / applicants (through-the-door, TTD)
 *   refer_rate, decline_rate likewise (decline includes knock-outs)
 *   bad_rate      = bads / (bads + goods) among approved with a known
 *                   outcome (NaN when none)
 *   exp_bad_rate  = mean PD over all approved
 *   exposure      = sum EAD over approved
 *   expected_loss = sum PD x LGD x EAD over approved (Basel EL)
 * Knocked-out applicants belong to no segment; segment figures count the
 * applicants that reached the segment.  Every rate whose denominator is 0
 * is NaN (a segment nobody reaches, bad_rate with no known approved).
 *
 * Conditions follow SQL: a NULL condition (NaN) is not true, so the row
 * falls through to the next knock-out or segment; any other non-zero value
 * is true.  An EAD that evaluates to NULL or to text that is not a number
 * counts as 0 exposure; sim_prepare counts those rows in ead_missing so a
 * front end can warn.  A NaN score is never >= a cutoff: it declines.
 *
 * Cutoff overrides (sim_run's cutoffs) keep each segment's refer band
 * width: with the policy's cutoff c and refer r, an override c' refers
 * scores in [c' - (c - r), c').  A segment without a refer band has none
 * under any override.
 *
 * Call sequence: sim_prepare once per policy and population (it evaluates
 * every condition and EAD once), then sim_run as often as cutoffs change.
 */
#ifndef RD_SIM_SIM_H
#define RD_SIM_SIM_H

#include <stddef.h>

#include "data/ds.h"
#include "policy/policy.h"

struct rd_err;
struct db;

enum sim_decision {
	SIM_APPROVE,
	SIM_REFER,
	SIM_DECLINE,
	SIM_KNOCKOUT
};

/* Evaluated policy inputs per applicant; all arrays [n], owned. */
struct sim_prep {
	size_t n;
	size_t nseg, nko;
	const struct policy *policy;	/* borrowed: must outlive the prep */
	signed char *y;		/* DS_GOOD / DS_BAD / DS_INDET */
	double *score;		/* scorecard points */
	double *pd;
	int *ko;		/* index of the first knock-out that fired, -1 */
	int *seg;		/* segment index, -1 when knocked out */
	double *ead;		/* EAD under the applicant's segment */
	double *lgd;		/* LGD of the applicant's segment */
	size_t ead_missing;	/* rows of a segment whose EAD was NULL or
				   not a number, counted as 0 in ead */
};

struct sim_stats {
	size_t applicants, approved, referred, declined, knocked_out;
	size_t approved_known, approved_bad;
	double approval_rate, refer_rate, decline_rate;
	double bad_rate, exp_bad_rate;
	double exposure, expected_loss;
};

struct sim_result {
	struct sim_stats total;
	struct sim_stats *segments;	/* [nseg] owned */
	size_t nseg;
	size_t *ko_count;	/* [nko] applicants declined by each rule */
	size_t nko;
	double *cutoffs;	/* [nseg] cutoffs used, owned */
	unsigned char *decision;	/* [n] enum sim_decision, owned */
};

/*
 * Evaluate policy p over table p->population of db for the applicants of
 * ds (same table, same row order) with score[ds->nrows] (points) and
 * pd[ds->nrows] (probability of bad, 0..1).  Every knock-out condition,
 * segment condition and distinct EAD expression is evaluated in one
 * db_expr_eval call.  Knocked-out rows get seg -1, ead 0 and lgd 0.
 * ds->y is copied (all DS_INDET when ds has no target).  p is borrowed and
 * must outlive the prep; score and pd are copied.  Returns 0 and fills
 * *prep (release with sim_prep_done), or -1 with err: RD_EINPUT when ds is
 * not p->population, otherwise as db_expr_eval reports it.
 */
int sim_prepare(const struct policy *p, struct db *db,
	const struct dataset *ds, const double *score, const double *pd,
	struct sim_prep *prep, struct rd_err *err);

/*
 * Build a prep directly from arrays (copied), for tests and for callers
 * that evaluated the policy themselves.  Arrays are [n]; ko and seg as in
 * struct sim_prep (seg is ignored where ko >= 0 and must be a valid index
 * elsewhere); y may be NULL (all indeterminate).  lgd comes from each
 * row's segment in p; a NaN ead counts as 0 and in ead_missing, as in
 * sim_prepare.  p is borrowed.  Cannot fail.
 */
void sim_prep_from_arrays(struct sim_prep *prep, const struct policy *p,
	size_t n, const signed char *y, const double *score, const double *pd,
	const int *ko, const int *seg, const double *ead);

/*
 * Simulate with cutoffs[prep->nseg] (NULL: the policy's own; the refer
 * bands move with them, see above).  *res is output only: any previous
 * content is overwritten, not freed.  Fills *res (release with
 * sim_result_done); res->cutoffs holds the cutoffs used.  One pass over
 * the applicants, a fixed number of allocations (none per row), so it can
 * run on every key press.  Cannot fail.
 */
void sim_run(const struct sim_prep *prep, const double *cutoffs,
	struct sim_result *res);

/* Free what a prep / result owns (not the struct).  Safe on zeroed ones. */
void sim_prep_done(struct sim_prep *prep);
void sim_result_done(struct sim_result *res);

#endif
