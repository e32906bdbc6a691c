/*
 * collect.h - collections strategy: what each treatment achieved in each
 * delinquency bucket (cure and roll rates), randomised tests of
 * challenger treatments against the champion, and the plan of a strategy
 * applied to a month's delinquent accounts within capacity, with an
 * optimiser of treatment by account under the same capacities.
 *
 * Buckets: 0 current, 1 = 1-29 days past due, 2 = 30-59, 3 = 60-89,
 * 4 = 90+, 5 = charged off.  The outcome of a treatment given to an
 * account in month m is its bucket in month m + 1: cured (bucket 0),
 * rolled forward (a bucket above the one it was treated in) or stayed
 * (the same bucket, or a lower one other than current).  Months are
 * whole numbers m = 12 * year + month - 1 (monitor_month_parse).
 *
 * The history is built in two streaming passes, the treatment log first
 * (collect_hist_log), then the snapshots (collect_hist_snapshot): memory
 * grows with the treatments logged, never with the snapshots, and each
 * snapshot costs two hash look-ups.  The plan keeps the delinquent
 * accounts of one month.
 */
#ifndef RD_MODEL_COLLECT_H
#define RD_MODEL_COLLECT_H

#include <stddef.h>
#include <stdint.h>

struct rd_err;

#define COLLECT_NBUCKETS 6	/* 0 current .. 5 charged off */
#define COLLECT_MAX_TREAT 64	/* distinct treatments in a log */
#define COLLECT_NONE ((size_t)-1)

/* The history under construction (collect.c). */
struct collect_hist;

/* A new, empty history; free with collect_hist_free. */
struct collect_hist *collect_hist_new(void);
void collect_hist_free(struct collect_hist *h);

/*
 * Record that account (len bytes) was given treatment in month (text
 * "YYYY-MM" or an ISO date) from row row (1-based, for messages) of the
 * treatment log.  Returns 0, or -1 with err RD_EINPUT "row N: ..." for a
 * NULL account, month or treatment, a month of another shape, the same
 * account treated twice in one month, or more than COLLECT_MAX_TREAT
 * distinct treatments.
 */
int collect_hist_log(struct collect_hist *h, const char *account,
	size_t len, const char *month, const char *treatment, size_t row,
	struct rd_err *err);

/*
 * Record one snapshot: account in month with bucket (an integer 0..5)
 * and balance (finite, currency units); rowid identifies the row in its
 * table (kept for the plan, collect_hist_plan_rows).  Call after every
 * collect_hist_log.  Returns 0, or -1 with err RD_EINPUT "row N: ..."
 * for a NULL account or month, a month of another shape, a bucket that
 * is not an integer 0..5, a balance that is not a number, or the same
 * account twice in one month when it was treated then.
 */
int collect_hist_snapshot(struct collect_hist *h, const char *account,
	size_t len, const char *month, double bucket, double balance,
	int64_t rowid, size_t row, struct rd_err *err);
/* (A snapshot in bucket 0 or 5 is not looked up as the month treated,
   only as the month after: half the look-ups, most snapshots being
   current; so a second snapshot of a month is caught when the account
   is delinquent in it.) */

/*
 * The month whose delinquent snapshots (bucket 1..4) are kept for the
 * plan: month (monitor.h numbering), or -1 (the default) for the last
 * month of the snapshots.  A month before the last also limits
 * collect_rates to the treatments before it.  Call before the snapshots.
 */
void collect_hist_plan_month(struct collect_hist *h, int month);

/*
 * The rowids of the kept snapshots, in the order recorded: *rows
 * borrowed from h (valid until collect_hist_free), *n of them.  Memory
 * holds one month's delinquent snapshots at most (with month -1, the
 * list restarts when a later month appears).
 */
void collect_hist_plan_rows(const struct collect_hist *h,
	const int64_t **rows, size_t *n);

/* The last month of any snapshot, or -1 when none was recorded. */
int collect_hist_last_month(const struct collect_hist *h);

/* The outcome counts of one treatment in one bucket. */
struct collect_rate {
	int bucket;		/* 1..4 */
	size_t treatment;	/* index into collect_result.names */
	size_t n;		/* treated in the bucket, next month known */
	size_t cured;		/* next month current (bucket 0) */
	size_t rolled;		/* next month in a higher bucket */
	size_t stayed;		/* n - cured - rolled */
	double cure_rate;	/* cured / n */
	double roll_rate;	/* rolled / n */
	double balance;		/* sum of the balances when treated */
	double cured_balance;	/* sum of the balances of those cured */
};

/*
 * A randomised test in one bucket: treatment against the bucket's
 * champion (its most frequent treatment; ties to the first in names).
 * The statistics are R's prop.test(x = c(x1, x0), n = c(n1, n0),
 * correct = TRUE) (R, src/library/stats/R/prop.test.R), group 1 the
 * challenger:
 *   d = p1 - p0, p = (x1 + x0) / (n1 + n0),
 *   YATES = min(0.5, |d| / (1/n1 + 1/n0)),
 *   X2 = sum over the 2 x 2 cells of (|O - E| - YATES)^2 / E,
 *   p_value = P(chi2 with 1 df > X2),
 *   CI = d -/+ (z_0.975 sqrt(p1 q1 / n1 + p0 q0 / n0)
 *        + YATES (1/n1 + 1/n0)), clipped to [-1, 1].
 * p_value is NaN when p is 0 or 1 (no variation: R gives NaN too).
 * power: the chance that a two-sided test at alpha = 0.05 on samples of
 * n1 and n0 detects a true difference equal to d (the normal
 * approximation of Fleiss, Levin and Paik, Statistical Methods for Rates
 * and Proportions, 3rd ed., 2003, sec. 4.2; with n1 = n0 it is R's
 * power.prop.test(n, p1, p0)):
 *   power = Phi((|d| - z_0.975 sqrt(pbar qbar (1/n1 + 1/n0)))
 *               / sqrt(p1 q1 / n1 + p0 q0 / n0)),
 *   pbar = (n1 p1 + n0 p0) / (n1 + n0);
 * enough is power >= 0.8.  NaN power when p1 = p0 or the variance is 0.
 */
struct collect_test {
	int bucket;
	size_t treatment, champion;	/* indices into names */
	size_t n1, x1, n0, x0;	/* treated and cured: challenger, champion */
	double p1, p0;
	double difference, ci_low, ci_high, statistic, p_value, power;
	int enough;
};

/* Rates and tests from the whole history. */
struct collect_result {
	char **names;		/* [nnames] owned: treatments in the order
				   first seen in the log */
	size_t nnames;
	struct collect_rate *rates;	/* [nrates] owned, by bucket then
					   names order; only n > 0 */
	size_t nrates;
	struct collect_test *tests;	/* [ntests] owned, by bucket */
	size_t ntests;
	size_t logged;		/* rows of the treatment log */
	size_t snapshots;	/* rows of the snapshot table */
	size_t not_delinquent;	/* treated in a month without a snapshot
				   in bucket 1..4 (none, current or
				   charged off) */
	size_t open;		/* treated in 1..4, no snapshot the month
				   after (the outcome is not yet known) */
	/* A plan of a month before the last (collect_hist_plan_month):
	   the rates and tests are of the treatments before it, whose
	   outcomes were known when it was planned; later counts those of
	   that month or after with an outcome, left out (no look-ahead).
	   rates_before is that month, -1 when the rates are of the whole
	   history (the last month planned: nothing after it). */
	size_t later;
	int rates_before;
	int first_month, last_month;	/* of the snapshots; -1 none */
};

/*
 * The rates per bucket 1..4 and treatment, and the tests, from h: of
 * every treatment with an outcome, or, when h plans a month before the
 * last (collect_hist_plan_month), of the treatments before that month
 * only (out->later, out->rates_before).  Fills *out
 * (collect_result_done) and returns 0; -1 with err RD_EINPUT when no
 * snapshot was recorded.
 */
int collect_rates(const struct collect_hist *h, struct collect_result *out,
	struct rd_err *err);
void collect_result_done(struct collect_result *r);

/* The rate of treatment name in bucket b, or NULL when none was seen. */
const struct collect_rate *collect_rate_find(const struct collect_result *r,
	int bucket, const char *name);

/*
 * The two-proportion test of x1 of n1 against x0 of n0 as in struct
 * collect_test (correct: 1 for R's correct = TRUE, 0 for FALSE).  Fills
 * t's statistics (not bucket, treatment, champion).
 */
void collect_prop_test(size_t x1, size_t n1, size_t x0, size_t n0,
	int correct, struct collect_test *t);

/* ------------------------------------------------------------- the plan */

/* A strategy as the plan reads it (borrowed arrays). */
struct collect_strategy {
	size_t ntreat;
	const char *const *treat;	/* [ntreat] treatment names */
	const double *cost;		/* [ntreat] per account, >= 0 */
	const double *capacity;		/* [ntreat] accounts per month;
					   INFINITY none */
	size_t nrules;
	const size_t *rule_treat;	/* [nrules] index into treat */
	const size_t *rule_chall;	/* [nrules] index or COLLECT_NONE */
	const double *rule_share;	/* [nrules] share to the challenger */
	const char *const *rule_stream;	/* [nrules] text mixed into the
					   rule's draw, NULL entry: the
					   shared draw; NULL: none at all */
};

/* The delinquent accounts (bucket 1..4) of one month. */
struct collect_accounts {
	size_t n, alloc;
	size_t nrules;
	unsigned char *bucket;	/* [n] */
	double *balance;	/* [n] */
	double *draw;		/* [n] in [0, 1): the account's draw for the
				   challenger split (collect_draw) */
	uint64_t *mix;		/* [n] rd_mix64 of the identifier's hash:
				   the seed of a rule's stream draw */
	unsigned char *truth;	/* [n * nrules] rule k true on account i at
				   truth[i * nrules + k] */
};

void collect_accounts_init(struct collect_accounts *a, size_t nrules);
void collect_accounts_done(struct collect_accounts *a);

/*
 * Add account (len bytes) with bucket and balance and the truth of the
 * strategy's rules on it (truth[nrules]); accounts not in buckets 1..4
 * are skipped.  Returns 0, or -1 with err RD_EINPUT "row N: ..." for a
 * bucket that is not an integer 0..5 or a balance not a number.
 */
int collect_accounts_add(struct collect_accounts *a, const char *account,
	size_t len, double bucket, double balance,
	const unsigned char *truth, size_t row, struct rd_err *err);

/*
 * The draw of an account for a challenger split: the FNV-1a 64-bit hash
 * of its identifier's bytes, then the splitmix64 finaliser (rd_mix64),
 * top 53 bits over 2^53, in [0, 1).  An account whose draw is below a
 * rule's share is given the challenger: uniform across accounts, even
 * sequential identifiers, and the same for one account from month to
 * month and run to run.
 */
double collect_draw(const char *account, size_t len);

/*
 * The draw of an account in a rule's stream (the policy's "stream:"
 * text): the splitmix64 finaliser of (the mixed hash of the identifier,
 * as in collect_draw) XOR (the mixed FNV-1a hash of the stream), top 53
 * bits over 2^53.  Two rules with different streams draw independently
 * of each other; stream NULL is collect_draw.
 */
double collect_draw_stream(const char *account, size_t len,
	const char *stream);

/* One treatment's line of a plan (or the total). */
struct collect_line {
	size_t accounts;
	double expected_cures;		/* sum of cure_rate(bucket, t) */
	double expected_cured_balance;	/* sum of cure_rate * balance */
	double cost;			/* accounts * cost(t) */
	double capacity;		/* INFINITY none; total: NaN */
	double used;			/* accounts / capacity; NaN without
					   a capacity or with capacity 0 */
	size_t unrated;			/* accounts whose bucket has no
					   history of t: counted, no cure
					   expected */
};

/*
 * A plan: the strategy on a month's accounts.  An account is drawn for
 * the challenger of the first rule true on it (its home rule) when its
 * draw (in the rule's stream) is below the rule's share.  First, every
 * account not drawn is taken by balance, largest first (ties in table
 * order), so capacity goes where the most is owed, and given the
 * treatment of the first rule true on it whose treatment has capacity
 * left.  Then the drawn accounts, in the order of draw / share (random,
 * and the same spread over each rule: no balance bias), are given their
 * rule's challenger while it has capacity left; a drawn account the
 * challenger cannot take goes through the rules as the others did.  So
 * a challenger has only the capacity the champions leave, and when that
 * binds the test is smaller than asked (chall_given < chall_drawn),
 * with the same fraction of each rule's drawn accounts served.  An
 * account that passes a true rule for lack of capacity is counted in
 * fell; one left with no treatment in untreated.
 */
struct collect_plan {
	struct collect_line *lines;	/* [ntreat] owned, strategy order */
	size_t ntreat;
	struct collect_line total;
	size_t *by_rule;	/* [nrules] owned: accounts each rule took */
	size_t nrules;
	size_t accounts;	/* delinquent accounts of the month */
	size_t fell;		/* passed a true rule over capacity */
	size_t untreated;	/* no rule gave a treatment */
	size_t challenged;	/* given a rule's challenger */
	size_t *home;		/* [nrules] owned: accounts whose first true
				   rule it is */
	size_t *chall_drawn;	/* [nrules] owned: of home, drawn below the
				   share */
	size_t *chall_given;	/* [nrules] owned: of drawn, given the
				   challenger */
	double *chall_bal_drawn, *chall_bal_given;	/* [nrules] owned:
				   balance sums of those two groups */
	double value;		/* expected cured balance - cost */
};

/*
 * Plan strategy s on accounts a with the cure rates of r.  Fills *out
 * (collect_plan_done) and returns 0; -1 with err RD_EINPUT when a's rule
 * count is not s's.
 */
int collect_plan(const struct collect_result *r,
	const struct collect_strategy *s, const struct collect_accounts *a,
	struct collect_plan *out, struct rd_err *err);
void collect_plan_done(struct collect_plan *p);

/*
 * The optimiser: each account i of a (bucket b, balance B) is given at
 * most one treatment t with a history in b, worth
 *   v(i, t) = cure_rate(b, t) * B - cost(t),
 * so as to maximise the sum of v (expected cured balance minus cost)
 * within the capacities; no treatment is worth 0.  Greedy: each account
 * first takes its best treatment without capacity (or none when all are
 * worth less than 0); then the moves to a treatment with capacity, gain
 * g = v(i, t) - v(i, first), are taken largest gain first (a capacity
 * unit per account, so gain per unit of capacity is the gain), at most
 * one per account, while the treatment has capacity left.  The bound is
 * the Lagrangian dual of the linear programme (for multipliers l >= 0 on
 * the capacities, sum_i max(0, max_t v(i, t) - l_t) + sum_t l_t cap_t is
 * at least the LP optimum, which is at least any assignment's value),
 * minimised over l by 200 projected subgradient steps from the greedy's
 * marginal gains (Fisher, Management Science 27(1), 1981); gap = bound
 * - value.  The plan's lines are filled as collect_plan's (fell and
 * by_rule are 0).
 */
struct collect_opt {
	struct collect_plan plan;
	double value;		/* expected cured balance - cost */
	double bound;		/* the Lagrangian (LP) upper bound */
	double gap;		/* bound - value, >= 0 */
};

int collect_optimise(const struct collect_result *r,
	const struct collect_strategy *s, const struct collect_accounts *a,
	struct collect_opt *out, struct rd_err *err);
void collect_opt_done(struct collect_opt *o);

#endif
