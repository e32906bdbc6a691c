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
 *   credit_limit  = sum of the credit limits granted to the approved (the
 *                   limit of each one's score band, see policy.h; 0 where
 *                   the band grants none)
 * and, when the policy is priced (some band has an apr), per year:
 *   revenue       = sum EAD x APR over approved (APR of the score band;
 *                   0 in a band without one)
 *   funding_cost  = sum EAD x funding_rate over approved
 *                 (= funding_rate x exposure)
 *   profit        = revenue - funding_cost - expected_loss
 * (NaN when the policy is not priced).
 * Knocked-out applicants belong to no segment; segment figures count the
 * applicants that reached the segment.  Every rate whose denominator is 0
 * is NaN (a segment nobody reaches, bad_rate with no known approved).
 *
 * Outcomes.  Only bad rates (here, in the swap set and on the curves) and
 * the discrimination measures (sim_discrimination) need known outcomes;
 * every other figure comes from the scores, PDs, EADs and conditions, so
 * a population without a target (every y DS_INDET), with outcomes for
 * some rows only, with no bads or with only bads simulates in full.  A
 * bad rate over applicants none of whom has a known outcome is NaN and
 * sim_bad_rate_na says why ("no known outcomes in table new_apps"); a
 * bad rate of an empty set is NaN with no reason (nothing to rate).  With
 * no bads a bad rate is 0, with only bads 1: true figures; AUC, Gini and
 * KS, which compare bads with goods, are then NaN with the reason.
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
 * every condition and EAD once, and reduces each segment's applicants to
 * their distinct scores with running sums of every figure; sim_build does
 * the same slice by slice, without keeping the rows), then
 * sim_figures or sim_run as
 * often as cutoffs change: a cutoff move is a binary search per segment,
 * not a pass over the applicants.  sim_curve, sim_optimise and sim_swap
 * read the same prep.
 */
#ifndef RD_SIM_SIM_H
#define RD_SIM_SIM_H

#include <stddef.h>

#include "data/cond.h"
#include "data/ds.h"
#include "model/metric.h"
#include "policy/policy.h"

struct rd_err;
struct db;

enum sim_decision {
	SIM_APPROVE,
	SIM_REFER,
	SIM_DECLINE,
	SIM_KNOCKOUT
};

/*
 * Evaluated policy inputs.  The per-row arrays (y .. limit, [n], owned)
 * are there when has_rows is set: a prep made by sim_prepare,
 * sim_prep_from_arrays or a sim_build that keeps them.  A prep made slice
 * by slice without them (sim_build_new with keep_rows 0) holds only what
 * its figures need, in memory of its distinct scores: sim_figures,
 * sim_curve, sim_optimise and sim_discrimination work on it, sim_run and
 * sim_swap_rows need the rows.
 */
struct sim_prep {
	size_t n;
	int has_rows;
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
	size_t *seg_ead_missing;	/* [nseg] the same per segment */
	int *band;		/* score band in the row's segment, -1 when
				   knocked out or the segment has none */
	double *limit;		/* credit limit of the band, NaN when none */
	size_t *matched;	/* [nseg] applicants not knocked out whose
				   own condition is true: exact for a
				   segment nobody reaches (then > 0 means
				   shadowed) and for the default; otherwise
				   the applicants it takes */
	int priced;		/* the policy's priced flag */
	size_t *ko_count;	/* [nko] applicants each knock-out declines */
	size_t *napp;		/* [nseg] applicants each segment takes */
	size_t nkept;		/* applicants not knocked out */
	size_t nknown, nbad;	/* applicants with a known outcome, and the
				   bads among them (knocked-out included) */
	/*
	 * Per segment s, the distinct scores of its applicants, highest
	 * first (NaN scores are left out: they never pass a cutoff), in
	 * levels[off[s] .. off[s] + len[s]); running sums over the levels at
	 * cum_off = off[s] + s: entry cum_off + j sums the applicants of the
	 * first j levels (entry cum_off is 0).  Approving score >= c in s
	 * approves the first j levels, j found by binary search; cum_n gives
	 * how many applicants that is.  The levels are gathered through a
	 * hash of the exact scores (-0.0 and +0.0 one), each level's sums
	 * added in row order, then sorted: memory in the distinct scores
	 * (some hundreds for a points scorecard), whatever the rows.
	 */
	size_t *off, *len;	/* [nseg] */
	double *levels;		/* [nlevels] scores, descending per segment */
	size_t nlevels;
	size_t *cum_n, *cum_known, *cum_bad;	/* [nlevels + nseg] */
	double *cum_pd, *cum_el, *cum_ead, *cum_rev, *cum_limit;
	/*
	 * The applicants with a known outcome and a score (knocked-out ones
	 * too) as cells of distinct risk scores (the negated points,
	 * -0.0 and +0.0 one, kept as first seen), ascending: disc_goods[k]
	 * and disc_bads[k] at disc_risk[k], [ndisc] owned; what
	 * sim_discrimination reads.
	 */
	double *disc_risk;
	size_t *disc_goods, *disc_bads;
	size_t ndisc;
};

struct sim_stats {
	size_t applicants, approved, referred, declined, knocked_out;
	size_t approved_known, approved_bad;
	double approval_rate, refer_rate, decline_rate;
	double bad_rate, exp_bad_rate;
	double exposure, expected_loss;
	double credit_limit;
	double revenue, funding_cost, profit;	/* NaN when not priced */
};

struct sim_result {
	struct sim_stats total;
	struct sim_stats *segments;	/* [nseg] owned */
	size_t nseg;
	size_t *ko_count;	/* [nko] applicants declined by each rule */
	size_t nko;
	double *cutoffs;	/* [nseg] cutoffs used, owned */
	unsigned char *decision;	/* [n] enum sim_decision, owned; NULL
					   from sim_figures */
};

/*
 * Evaluate policy p over table p->population of db for the applicants of
 * ds (same table, same row order) with score[ds->nrows] (points) and
 * pd[ds->nrows] (probability of bad, 0..1).  The first knock-out and the
 * first segment that hold, every distinct EAD expression and the income
 * are computed from the columns of ds where sim/coleval.h gives SQLite's
 * values (ds then holds the columns the expressions read), else in one
 * pass of SQLite over the table (cond_first); a segment nobody
 * reaches has its own condition evaluated once more, for matched.
 * Knocked-out rows get seg -1, ead 0 and lgd 0.  An EAD that is negative
 * or infinite on any row of its segment is an error (RD_EINPUT located at
 * the segment's ead in p->path, naming how many rows).
 * ds->y is copied (all DS_INDET when ds has no target).  p is borrowed and
 * must outlive the prep; score and pd are copied.  Returns 0 and fills
 * *prep (release with sim_prep_done), or -1 with err: RD_EINPUT when ds is
 * not p->population, otherwise as cond_first reports it.
 */
int sim_prepare(const struct policy *p, struct db *db,
	const struct dataset *ds, const double *score, const double *pd,
	struct sim_prep *prep, struct rd_err *err);

/* sim_prepare, by SQLite's pass alone when sql is 1 (sim_build_sql). */
int sim_prepare_how(const struct policy *p, struct db *db,
	const struct dataset *ds, const double *score, const double *pd,
	int sql, struct sim_prep *prep, struct rd_err *err);

/*
 * A prep made slice by slice, so that a population of any length is
 * simulated in memory of a slice and of its distinct scores:
 * sim_build_new, then sim_build_add for each slice of the population in
 * rowid order (the window, db.h db_window_set, set by the caller around
 * the call; ds, score and pd that slice's rows, as sim_prepare takes
 * them), then sim_build_finish.  Each score level's sums are added in row
 * order whatever the slices, so the prep's figures are those of
 * sim_prepare on the whole table, bit for bit; sim_prepare is this with
 * one slice.  keep_rows keeps the per-row arrays (has_rows) as well.
 * sim_build_new cannot fail; sim_build_add returns 0 or -1 with err as
 * sim_prepare (the builder is then still to be freed, sim_build_free).
 * sim_build_finish takes the builder (freed, also on failure) and fills
 * *prep: it reports an infinite or negative EAD, counted over every
 * slice, as sim_prepare does, and for a segment nobody reached reads its
 * condition over the table again, in windows of slice rowids (0: the
 * whole table at once; the caller's window, if any, cleared by then).
 * Returns 0, or -1 with err.
 */
struct sim_build;
struct sim_build *sim_build_new(const struct policy *p, int keep_rows);
int sim_build_add(struct sim_build *b, struct db *db,
	const struct dataset *ds, const double *score, const double *pd,
	struct rd_err *err);
int sim_build_finish(struct sim_build *b, struct db *db, size_t slice,
	struct sim_prep *prep, struct rd_err *err);
void sim_build_free(struct sim_build *b);

/*
 * Have b tally p's conditions as sim_policy_warnings counts them, in the
 * pass sim_build_add makes over each slice: every condition is then
 * evaluated on every row, the first true one chosen as SQLite's CASE
 * chooses it (cond_first_tally), and the figures are those without.  A
 * slice whose pass fails so (a condition failing on a row CASE would not
 * reach) is read as without and the tallies are dropped.  Call before
 * the first sim_build_add.  sim_build_tallies, before sim_build_finish,
 * copies them into *tally (heap, [nknockouts + nsegments], the last
 * unused; caller frees) with *rows the rows they count, and returns 1;
 * 0 (and *tally NULL) when there are none.
 */
void sim_build_tally(struct sim_build *b);

/*
 * The conditions, EADs and income of every slice evaluated by SQLite's
 * pass (cond_first), never from the columns read (sim/coleval.h): the
 * same figures, for the tests that compare the two (the environment's
 * RISKDESK_SQL_CONDITIONS, riskdesk(1)).  Call before the first
 * sim_build_add.
 */
void sim_build_sql(struct sim_build *b);
int sim_build_tallies(const struct sim_build *b, struct cond_tally **tally,
	size_t *rows);

/*
 * The per-row arrays of the rows of ds (a slice, as sim_build_add takes
 * it) under policy pa with score_a and pd_a into *rows_a, and under pb
 * with score_b and pd_b into *rows_b (pa and pb of the same population;
 * arrays [ds->nrows], borrowed), both with has_rows set and no levels nor
 * counts: what sim_swap_rows reads.  The two policies' conditions and
 * EADs are evaluated in one pass over the slice, what they share once
 * (cond_first_n).  No check of the EADs (each prep's build made it), and
 * the income is not read (limit as for an unknown income: the swap set
 * reads no limit).  Returns 0, or -1 with err as sim_prepare.  Release
 * both with sim_prep_done.
 */
int sim_slice_rows(const struct policy *pa, const struct policy *pb,
	struct db *db, const struct dataset *ds, const double *score_a,
	const double *pd_a, const double *score_b, const double *pd_b,
	struct sim_prep *rows_a, struct sim_prep *rows_b, struct rd_err *err);

/*
 * Build a prep directly from arrays (copied), for tests and for callers
 * that evaluated the policy themselves.  Arrays are [n]; ko and seg as in
 * struct sim_prep (seg is ignored where ko >= 0 and must be a valid index
 * elsewhere); y may be NULL (all indeterminate), income may be NULL (no
 * income).  lgd, band, limit and pricing come from each row's segment in
 * p; a NaN ead counts as 0 and in ead_missing, as in sim_prepare.
 * matched counts each row under its own segment only.  p is borrowed.
 * Cannot fail.
 */
void sim_prep_from_arrays(struct sim_prep *prep, const struct policy *p,
	size_t n, const signed char *y, const double *score, const double *pd,
	const int *ko, const int *seg, const double *ead, const double *income);

/*
 * Score band of score in segment s of p (see struct policy_band): the
 * last band whose from <= score, the first band when below them all; -1
 * when the segment has no bands or score is NaN.
 */
int sim_band_of(const struct policy_segment *s, double score);

/*
 * Credit limit of band b for an applicant with income (NaN: unknown): the
 * band's limit, or its income band's (policy.h); NaN when none.
 */
double sim_band_limit(const struct policy_band *b, double income);

/*
 * Simulate with cutoffs[prep->nseg] (NULL: the policy's own; the refer
 * bands move with them, see above).  *res is output only: any previous
 * content is overwritten, not freed.  Fills *res (release with
 * sim_result_done); res->cutoffs holds the cutoffs used, res->decision
 * every applicant's decision.  The figures as sim_figures gives them, then
 * one pass over the applicants for the decisions, a fixed number of
 * allocations (none per row).  Cannot fail.
 */
void sim_run(const struct sim_prep *prep, const double *cutoffs,
	struct sim_result *res);

/*
 * As sim_run without the per-applicant decisions (res->decision NULL):
 * the figures from the sorted scores and running sums, O(nseg log n), no
 * pass over the applicants.  This is what a cutoff move costs (well under
 * 5 ms on 1,000,000 applicants; tests/bench/bench-sim.sh).  Cannot fail.
 */
void sim_figures(const struct sim_prep *prep, const double *cutoffs,
	struct sim_result *res);

/*
 * Whether segment s is shadowed: no applicant reaches it although its own
 * condition is true for some applicant not knocked out, so earlier
 * segments take them all (reached counts from a result).
 */
int sim_segment_shadowed(const struct sim_prep *prep,
	const struct sim_result *res, size_t s);

/* ---------------------------------------------------------- trade-offs */

/*
 * One point of a trade-off curve: every applicant of the set (a segment,
 * or all) with score >= cutoff approved, no refer band.  Rates as in
 * struct sim_stats; approval_rate is over the set's applicants (for the
 * overall curve, through-the-door: knocked-out applicants are never
 * approved, so the curve starts at the share not knocked out).
 */
struct sim_curve_point {
	double cutoff;
	size_t approved, approved_known;	/* bad_rate is over the
						   approved_known */
	double approval_rate, bad_rate, exp_bad_rate;
	double exposure, expected_loss, profit;	/* profit NaN unpriced */
};

struct sim_curve {
	int seg;			/* segment index, -1 overall */
	struct sim_curve_point *pt;	/* [n] owned, ascending cutoff */
	size_t n;
	char na[METRIC_REASON_MAX];	/* when no applicant of the set has
					   a known outcome (every point's
					   bad_rate NaN), why; else "" */
};

#define SIM_CURVE_MAX 512	/* default point budget of a curve */

/*
 * The trade-off curve of segment seg (-1: overall, every segment's
 * cutoff set to the same value) as the cutoff moves over the whole score
 * range: one point at each distinct score of the set, ascending, then one
 * above the highest score (approval 0).  The first point's cutoff is the
 * lowest score: approval 100% of the set (overall: of those not knocked
 * out).  When there are more than max_points - 1 distinct scores (0:
 * SIM_CURVE_MAX), the cutoffs are max_points - 1 evenly spaced values
 * from the lowest score to the highest, then the point above.  An empty
 * set gives one point, cutoff 0, rates NaN.  Each point is a binary
 * search per segment.  A point's bad_rate is NaN when none of its
 * approved has a known outcome (out->na says why when that holds for the
 * whole set).  Release with sim_curve_done.  Cannot fail.
 */
void sim_curve(const struct sim_prep *prep, int seg, size_t max_points,
	struct sim_curve *out);
void sim_curve_done(struct sim_curve *c);

/*
 * The optimiser: per-segment cutoffs that approve as many applicants as
 * possible while the overall expected bad rate (mean PD of the approved,
 * SIM_TARGET_BAD_RATE) or the overall expected loss (SIM_TARGET_EL, in
 * currency) stays within target.
 *
 * Each segment's choices are its distinct scores (approve every score >=
 * it) and "approve none"; with more than max_candidates distinct scores
 * (0: SIM_OPT_CANDIDATES) evenly spaced ones of them.  An exact dynamic
 * programme over the number approved: after segments 0..s, for every
 * count A the least sum of cost (sum PD, or EL) of any choice approving A
 * (O(n x candidates) per segment).  The efficient frontier is every A
 * whose least cost is below that of every larger A.  The choice for the
 * target is the largest A on the frontier with sum PD <= target x A
 * (bad rate) or EL <= target; a dominated A never beats it, so the result
 * is the optimum over all combinations of the candidate cutoffs (checked
 * against brute force in tests/check_sim.c).  Refer bands are ignored
 * while optimising (referred applicants are not approved either way) and
 * move with the cutoffs afterwards.  Ties between choices of equal count
 * and cost go to the higher cutoffs.
 */
enum sim_target {
	SIM_TARGET_BAD_RATE,
	SIM_TARGET_EL
};

#define SIM_OPT_CANDIDATES 1000

struct sim_opt_spec {
	enum sim_target kind;
	double target;		/* bad rate as a fraction, or EL in currency */
	size_t max_candidates;	/* per segment; 0: SIM_OPT_CANDIDATES */
};

struct sim_frontier_point {
	size_t approved;
	double approval_rate;	/* through-the-door */
	double exp_bad_rate;	/* mean PD of the approved */
	double expected_loss;
};

struct sim_opt {
	struct sim_opt_spec spec;
	size_t nseg;
	double *cutoffs;	/* [nseg] owned: the chosen cutoffs */
	int feasible;		/* some applicant can be approved within
				   the target */
	struct sim_result result;	/* figures at the chosen cutoffs
					   (no decisions), owned */
	struct sim_frontier_point *frontier;	/* [nfrontier] owned,
						   ascending approved */
	size_t nfrontier;
	size_t chosen;		/* index in frontier of the choice */
	/* for sim_opt_frontier_cutoffs */
	size_t ntotal;		/* applicants not knocked out */
	unsigned *back;		/* [nseg x (ntotal + 1)] choice per count */
	size_t *seg_max;	/* [nseg] approvals reachable after s */
	double **cand;		/* [nseg][ncand[s]] candidate cutoffs */
	size_t **cand_n;	/* [nseg][ncand[s]] approvals of each */
	size_t **cand_lv;	/* [nseg][ncand[s]] levels of each */
	size_t *ncand;
};

/*
 * Run the optimiser on prep with spec; fills *out (release with
 * sim_opt_done).  Returns 0, or -1 with err RD_EUSAGE for a negative or
 * non-finite target or a bad rate target above 1.
 */
int sim_optimise(const struct sim_prep *prep, const struct sim_opt_spec *spec,
	struct sim_opt *out, struct rd_err *err);

/* The cutoffs[nseg] of frontier point k of opt (k < opt->nfrontier). */
void sim_opt_frontier_cutoffs(const struct sim_prep *prep,
	const struct sim_opt *opt, size_t k, double *cutoffs);

void sim_opt_done(struct sim_opt *opt);

/* ------------------------------------------- champion vs challenger */

/*
 * One cell of the swap set: applicants, those with a known outcome, the
 * bads among them (bad_rate = bad / known, NaN when none), and the
 * expected loss sum PD x LGD x EAD the cell carries under each policy,
 * of the applicants that policy approves, at its segment's LGD and EAD:
 * 0 under a policy that declines the cell (swap-in under the champion,
 * swap-out under the challenger, declined by both under either), as a
 * declined applicant has no exposure.  So each policy's column sums to
 * its expected loss, and their difference is d_expected_loss.
 */
struct sim_swap_cell {
	size_t count, known, bad;
	double bad_rate;
	double el_champion, el_challenger;
};

/*
 * The swap set of champion a and challenger b over the same applicants:
 * approved by both, swap-in (the challenger approves, the champion does
 * not), swap-out (the champion approves, the challenger does not),
 * declined by both ("not approved": referred, declined or knocked out).
 * The changes are challenger minus champion of the overall approval rate,
 * bad rate, expected bad rate and expected loss.
 */
/* The credit approvals of one policy its fraud rules stop (a rule
   declines or refers them): how many, known outcomes, bads, their PD and
   expected-loss sums. */
struct sim_swap_stop {
	size_t count, known, bad;
	double pd, el;
};

struct sim_swap {
	struct sim_swap_cell both, swap_in, swap_out, neither;
	/* the approvals the champion's (stop_a) and the challenger's
	   (stop_b) fraud rules stop, counted out of the approved in the
	   cells and the changes; zero without fraud verdicts */
	struct sim_swap_stop stop_a, stop_b;
	double d_approval_rate, d_bad_rate, d_exp_bad_rate, d_expected_loss;
	char na[METRIC_REASON_MAX];	/* why d_bad_rate is NaN when a
					   policy's bad rate is not
					   available (sim_bad_rate_na of
					   its approved); else "" */
};

/*
 * Compute the swap set of a at cutoffs cut_a[a->nseg] and b at
 * cut_b[b->nseg] (NULL: the policies' own).  Rows are matched by
 * position: both preps must be of the same population.  fa[a->n] and
 * fb[b->n] are each policy's fraud verdicts (NULL: none), as decide
 * gives them: >= 0 where a fraud rule declines or refers the row
 * (enum policy_fraud_action), -1 where none fires; a row a rule stops is
 * not approved, whatever its score, and the changes count it out of the
 * approved (decide's "approval rate = approve / n").  Returns 0, or -1
 * with err RD_EINPUT when the populations differ (by table name or row
 * count).  One pass over the applicants.
 */
int sim_swap(const struct sim_prep *a, const double *cut_a,
	const signed char *fa, const struct sim_prep *b, const double *cut_b,
	const signed char *fb, struct sim_swap *out, struct rd_err *err);

/*
 * sim_swap in parts, for preps without their rows: sim_swap_check (0, or
 * -1 with err as sim_swap), out zeroed by the caller, sim_swap_rows for
 * each slice of the population in rowid order (a and b that slice's rows
 * under each policy, has_rows, as sim_slice_rows gives them, fa and fb
 * the fraud verdicts of that slice's rows or NULL: the cells' sums are
 * added in row order, so they equal sim_swap's bit for bit), then
 * sim_swap_finish with the whole preps for the rates and changes.
 * Cutoffs and verdicts as sim_swap.
 */
int sim_swap_check(const struct sim_prep *a, const struct sim_prep *b,
	struct rd_err *err);
void sim_swap_rows(const struct sim_prep *a, const double *cut_a,
	const signed char *fa, const struct sim_prep *b, const double *cut_b,
	const signed char *fb, struct sim_swap *out);
void sim_swap_finish(const struct sim_prep *a, const double *cut_a,
	const struct sim_prep *b, const double *cut_b, struct sim_swap *out);
/* ------------------------------------------------------------ outcomes */

/*
 * Why the bad rate of a set of count applicants, known of them with a
 * known outcome, is not available (a sim_stats' approved and
 * approved_known, a swap cell's count and known, a curve point's approved
 * and approved_known): NULL (buf "") when known > 0, or when count is 0
 * (an empty set: its NaN needs no reason); else written into buf (at
 * least METRIC_REASON_MAX bytes) and returned: "no known outcomes in
 * table T" when no applicant of the population has one, otherwise "no
 * known outcome among the N <of>" (of, plural: "approved",
 * "applicants"; a final s is dropped when N is 1).
 */
const char *sim_bad_rate_na(const struct sim_prep *prep, size_t count,
	size_t known, const char *of, char *buf);

/*
 * Discrimination of the prep's scores against its outcomes, on every
 * applicant with a known outcome and a score (knocked-out ones too):
 * AUC, Gini = 2 AUC - 1, KS as a fraction and ks_at, the score in points
 * where it peaks (model/metric.h, on the negated points).  When they
 * cannot be had (no known outcome, no bads or no goods) they are NaN and
 * na holds metric_na_reason's reason for "table T"; else na is "".
 */
struct sim_disc {
	double auc, gini, ks, ks_at;
	size_t n_known, n_bad;
	char na[METRIC_REASON_MAX];
};
void sim_discrimination(const struct sim_prep *prep, struct sim_disc *out);

/*
 * Reachability of p's segments over its population in db, without scores:
 * reached[k] the applicants not knocked out that segment k takes (first
 * match), matched[k] those for whom its own condition is true (the
 * default: all not knocked out); both [p->nsegments].  A segment with
 * reached 0 and matched > 0 can never be reached on this population:
 * earlier segments take every row it would match.  The counts of
 * sim_overlap (one pass, truth decided as the simulation decides it).
 * Returns 0, or -1 with err as sim_overlap reports it.
 */
int sim_reach(const struct policy *p, struct db *db, size_t *reached,
	size_t *matched, struct rd_err *err);

/*
 * Check every segment's EAD over p's population in db on the rows the
 * segment takes (after knock-outs, first match): an EAD that gives text
 * that is not a number, or is negative or infinite, on any such row is an
 * error located at the segment's ead in p->path ("expected a number for
 * EAD, found text ..."; "EAD is negative on N rows ...").  NULL is not an
 * error: sim_prepare counts it in ead_missing; but an EAD that is NULL
 * on every row a segment takes (at least one) is ("EAD is NULL on every
 * applicant of segment ...").  Returns 0, or -1 with err
 * (RD_EINPUT, or as cond_first reports it).
 */
int sim_check_ead(const struct policy *p, struct db *db, struct rd_err *err);

/*
 * As sim_check_ead, every error (all segments, each kind) appended to
 * errs.  Returns 0 when none was found, 1 when some were, -1 with err
 * when the expressions cannot be evaluated.
 */
int sim_check_ead_all(const struct policy *p, struct db *db,
	struct policy_errors *errs, struct rd_err *err);

/*
 * The data-dependent warnings on policy p over its population in db
 * (sim-lint.c), each a heap string "path:line:col: warning: ..." located
 * at the condition's when: a knock-out that fires on no applicant or on
 * every one; a segment whose condition matches no applicant; a condition
 * that is not a comparison (no comparison or logical operator outside
 * its quotes, or a value other than 0, 1 and NULL on some applicant:
 * "when: credit_amount" is true for any non-zero amount).  Conditions
 * are evaluated on their own, before knock-outs and earlier segments.
 * Returns the array (sim_warnings_free; *nwarn entries, possibly 0), or
 * NULL with err as db_table_meta and db_expr_eval report it.
 */
char **sim_policy_warnings(const struct policy *p, struct db *db,
	size_t *nwarn, struct rd_err *err);
void sim_warnings_free(char **w, size_t n);

/*
 * sim_policy_warnings from the tallies of p's conditions a sim_build
 * made (sim_build_tally): tally[] its knock-outs' in order, then its
 * segments' (all but the default), over rows rows -- the warnings
 * sim_policy_warnings gives on the same table, without its pass.  Cannot
 * fail.  Returns the array (sim_warnings_free; *nwarn entries).
 */
char **sim_policy_warnings_tallied(const struct policy *p,
	const struct cond_tally *tally, size_t rows, size_t *nwarn);

/* ------------------------------------------- conditions on the population */

/*
 * What p's segment conditions do on its population, found in one pass
 * (cond_scan) without scores; knocked-out applicants are left out, as
 * they never reach a segment.  Segment k < nseg - 1 has a condition; the
 * last is the default.
 *
 *   both[a * nseg + b], a < b < nseg - 1: applicants for whom the
 *     conditions of a and b are both true (first match gives a);
 *   null_default[k]: applicants the default takes only because segment
 *     k's condition is NULL for them (no condition is true, k's is NULL;
 *     an applicant with two NULL conditions counts under both);
 *   null_col[k * ncols + c]: of those, the ones with column cols[c] NULL
 *     (c among the columns k's condition reads: col_of[k][0..ncol_of[k]]);
 *     when none of them is NULL the condition is NULL for another reason
 *     (a division by zero, a function of NULL).
 */
struct sim_overlap {
	size_t nseg;
	size_t rows, kept;	/* applicants; those not knocked out */
	size_t *reached;	/* [nseg] first match; the default: the rest */
	size_t *matched;	/* [nseg] own condition true; default: kept */
	size_t *both;		/* [nseg * nseg] */
	size_t *first;		/* [nseg * nseg] the first applicant of
				 * both[], as the 1-based row of the table
				 * in rowid order; 0: none */
	size_t *null_default;	/* [nseg] */
	char **cols;		/* [ncols] owned: every column a segment
				   condition reads */
	size_t ncols;
	size_t **col_of;	/* [nseg][ncol_of[k]] indices into cols */
	size_t *ncol_of;
	size_t *null_col;	/* [nseg * ncols] */
};

/*
 * Fill *o (zeroed first; release with sim_overlap_done) for policy p over
 * its population in db: one pass over the rows, memory independent of
 * their number.  Returns 0, or -1 with err as db_table_meta,
 * db_expr_columns and cond_scan report it.
 */
int sim_overlap(const struct policy *p, struct db *db, struct sim_overlap *o,
	struct rd_err *err);
void sim_overlap_done(struct sim_overlap *o);

/*
 * The findings of o (sim_overlap of p) as located messages, in segment
 * order.  Warnings, appended to (*warn)[*nwarn] as heap strings "path:
 * line:col: warning: ..." (free with sim_warnings_free; *warn may start
 * NULL): each pair of segments with applicants matching both ("12
 * applicants match both \"a\" and \"b\"; first match gives \"a\"",
 * at b's condition), unless p->hit is unique; the applicants the default
 * takes only because a condition is NULL ("37 applicants fall to the
 * default segment \"d\" only because the condition of segment \"a\" is
 * NULL for them (column \"income\" NULL on 37); ...", at a's
 * condition); a segment no applicant reaches although its condition
 * matches some ("segment \"b\" is never reached on \"t\": earlier
 * segments take all 3 applicants its condition matches", at the
 * segment).  When p->hit is unique, each overlapping pair is an error
 * appended to errs instead, naming the first applicant and what to do
 * ("segments must not overlap (hit: unique): 12 applicants match both
 * \"a\" and \"b\" (the first on row 7 of \"t\"); hit: unique wants
 * segment conditions that no applicant matches two of: narrow them, or
 * declare hit: first to give each applicant the first segment it
 * matches", RD_EINPUT at b's condition).
 */
void sim_overlap_messages(const struct policy *p, const struct sim_overlap *o,
	char ***warn, size_t *nwarn, struct policy_errors *errs);

/*
 * For a policy that declares hit: unique, its overlapping segments on
 * its population as errors appended to errs (sim_overlap_messages);
 * nothing for a first-match policy.  Returns 0 when none was added, 1
 * when some were, -1 with err when the conditions cannot be evaluated.
 */
int sim_check_unique(const struct policy *p, struct db *db,
	struct policy_errors *errs, struct rd_err *err);

/* Free what a prep / result owns (not the struct).  Safe on zeroed ones. */
void sim_prep_done(struct sim_prep *prep);
void sim_result_done(struct sim_result *res);

#endif
