/*
 * infer.h - reject inference: a scorecard for the whole through-the-door
 * (TTD) population, not only for the applicants once accepted.
 *
 * A scorecard developed on the accepts alone (known good/bad, KGB) has
 * never seen the outcome of a declined applicant.  Inference gives the
 * rejects (ds->reject, data/ds.h) outcomes inferred from the KGB
 * scorecard, builds the augmented development set (accepts with their
 * known outcome, rejects with inferred ones, each row with a weight) and
 * refits the scorecard's logistic regression on it by weighted IRLS
 * (logit.h) over the KGB scorecard's own characteristics, bins and WoE
 * (its design), giving the inferred scorecard.
 *
 * Notation: A accepts (rows with a known outcome, not rejects; the
 * indeterminate ones take no part), B_A of them bad, r_A = B_A / A; R
 * rejects; p_i the KGB model's P(bad) of reject i (the logistic model's
 * own, 1 / (1 + exp(-eta_i)) with eta_i = b0 + sum_j b_j WoE_j, before
 * its points are rounded); w the reject weight (spec.reject_weight).
 * Score bands: spec.bands bands of the KGB score cut at the accepts'
 * quantiles (cut k at sorted position floor(k A / bands), a cut equal to
 * the previous one dropped), the first open below and the last above,
 * so each band holds accepts; band k has A_k accepts, B_k bads among
 * them, r_k = B_k / A_k, and R_k rejects.
 *
 *   hard cutoff: a reject is bad when p_i >= c, good otherwise, weight
 *     w.  c is spec.cutoff_pd when given; otherwise c is set so that
 *     the bads number n* = round(M r_A R) with --bad-multiple M, else
 *     round(X sum_i p_i) with factor X (default 1: as many bads as the
 *     KGB model expects): c is the p of the n-th riskiest reject, and a
 *     group of rejects of equal p at the boundary is taken whole or not
 *     at all, whichever count is nearer n* (the lower on a tie).
 *     n* can exceed R (X sum_i p_i > R, or M r_A > 1): then every
 *     reject is bad and the result says so (capped, asked_bad_rate).
 *     (Siddiqi 2017, ch. 9 "hard cutoff"; SAS EM Reject Inference node,
 *     "Hard Cutoff".)
 *   fuzzy augmentation: each reject enters twice, as a bad of weight
 *     w p'_i and as a good of weight w (1 - p'_i).  Without a factor
 *     p'_i = p_i.  With factor X (or --bad-multiple M), p'_i =
 *     1 / (1 + exp(-(eta_i + s))) with the one shift s of the log-odds
 *     (bisection) that makes mean p' = X mean p (or = M r_A): the
 *     ordering of the rejects is kept and no p' leaves (0, 1).  Without a
 *     factor the clones' score equations vanish at the KGB estimate
 *     (sum_i w [p_i (1 - p_i) - (1 - p_i) p_i] x_i = 0), so the refit
 *     returns the KGB coefficients, as the result states (reproduces).
 *     (Siddiqi 2017, ch. 9 "fuzzy augmentation"; SAS EM "Fuzzy";
 *     Refaat, Credit Risk Scorecards: Development and Implementation
 *     using SAS, 2011, ch. 12, whose macros scale the rejects' bad rate.)
 *   parceling: in band k, n_k = round(min(1, X r_k) R_k) of its rejects,
 *     chosen at random (GSL mt19937 seeded with spec.seed, a partial
 *     Fisher-Yates shuffle of the band's rejects in row order), are
 *     bad, the rest good, weight w; X is the event-rate increase factor
 *     (default 1); a band with X r_k > 1 is capped at all its rejects
 *     bad, and the result counts it (capped).  (Siddiqi 2017, ch. 9
 *     "parceling"; SAS EM
 *     "Parceling"; Ehrhardt et al., "Reject inference methods in credit
 *     scoring", J. Appl. Stat. 48(13-15), 2021, s. 3.)
 *   reweighting: no reject enters; each accept of band k is weighted
 *     (A_k + R_k) / A_k, the inverse of the band's acceptance rate, so
 *     the accepts stand for the whole population of their band.
 *     (Ehrhardt et al. 2021, s. 3 "Reweighting"; Siddiqi 2017, ch. 9.)
 *
 * The refit: the design of the KGB scorecard (an intercept and the WoE
 * of each of its characteristics' bins, as fitted) over the augmented
 * rows, the outcomes and weights above, logit_fit with spec.logit; the
 * inferred scorecard keeps the KGB's bins, WoE and scaling and takes the
 * new coefficients (card_set_coefficients), its development statistics
 * on the accepts.
 *
 * Cost: one pass to score, a sort of the rejects (hard cutoff) or of the
 * accepts' scores (bands), and the IRLS over at most A + 2R rows: O(n log
 * n) and memory linear in the rows.
 */
#ifndef RD_MODEL_INFER_H
#define RD_MODEL_INFER_H

#include <stddef.h>

#include "data/ds.h"
#include "model/card.h"
#include "model/logit.h"
#include "util/err.h"

struct rd_err;

enum infer_method {
	INFER_HARD_CUTOFF,
	INFER_FUZZY,
	INFER_PARCELING,
	INFER_REWEIGHTING
};

/* "hard-cutoff", "fuzzy", "parceling", "reweighting". */
const char *infer_method_name(enum infer_method m);
/* Parse one of those names; 0, or -1 when s is none of them. */
int infer_method_parse(const char *s, enum infer_method *m);

struct infer_spec {
	enum infer_method method;
	double factor;		/* X, the event-rate increase factor: the
				   rejects' bad rate is X times what the KGB
				   scorecard says (hard cutoff, fuzzy,
				   parceling); NaN: none (1) */
	double bad_multiple;	/* M: the rejects' bad rate is M times the
				   accepts' r_A (hard cutoff, fuzzy); NaN:
				   none.  Not with factor. */
	double cutoff_pd;	/* hard cutoff: c given, in (0, 1); NaN: set
				   from factor or bad_multiple */
	double reject_weight;	/* w, > 0; default 1 */
	size_t bands;		/* score bands (parceling, reweighting, the
				   comparison); default 10 */
	unsigned long seed;	/* parceling; default 1 */
	double little;		/* the comparison says inference changed
				   little when the rejects' estimated bad
				   rate moved by at most this fraction of
				   the KGB's; default 0.1 */
	double same_tol;	/* coefficients within this of the KGB's
				   are the KGB's (fuzzy without a factor);
				   default 1e-8 */
	struct logit_spec logit;	/* the refit; logit_spec_init */
};

/* Fill *spec with the defaults above (method fuzzy). */
void infer_spec_init(struct infer_spec *spec);

/*
 * Check spec for method: factor and bad_multiple > 0 and not both;
 * cutoff_pd in (0, 1) and only for hard cutoff, not with factor or
 * bad_multiple; bad_multiple not for parceling or reweighting; factor
 * not for reweighting; reject_weight > 0; 2 <= bands <= 1000.  Returns
 * 0, or -1 with err RD_EUSAGE naming the option (--factor,
 * --bad-multiple, --cutoff, --reject-weight, --bands).
 */
int infer_spec_check(const struct infer_spec *spec, struct rd_err *err);

/* The refusal of --reject-weight with --method reweighting, which puts
   no reject row in the fit (infer_spec_check, infer's command line). */
#define INFER_REWEIGHTING_NO_WEIGHT "--reject-weight is not for --method " \
	"reweighting: no reject enters its fit"

/*
 * Set option opt of riskdesk infer ("--method", "--factor",
 * "--bad-multiple", "--cutoff" (the PD of the hard cutoff),
 * "--reject-weight", "--bands", "--seed") in *spec from its text arg,
 * with the command's checks: a method name; a finite number; --bands a
 * whole number from 2 to 1000; --seed a whole number from 0 to
 * 4294967295.  The command line and the workbench both set the options
 * through it, so that they take the same words and defaults.  Returns
 * 0; 1 when opt is none of these (spec untouched); -1 with err
 * RD_EUSAGE naming the option and what was found.  infer_spec_check
 * still checks the options against each other.
 */
int infer_spec_option(struct infer_spec *spec, const char *opt,
	const char *arg, struct rd_err *err);

/*
 * The settings of spec as one line of text, "method=fuzzy factor=2
 * bad_multiple=nan cutoff=nan reject_weight=1 bands=10 seed=1", doubles
 * with 17 significant digits (stored with an inference; caller frees),
 * and back (unknown keys refused: -1 with err RD_EINPUT).
 */
char *infer_spec_format(const struct infer_spec *spec);
int infer_spec_parse(const char *text, struct infer_spec *spec,
	struct rd_err *err);

/* One KGB score band [lo, hi) (lo -inf for the first, hi +inf last). */
struct infer_band {
	double lo, hi;
	size_t accepts, bads;	/* A_k, B_k: known outcomes, not rejects */
	size_t rejects;		/* R_k */
	double bad_rate;	/* r_k = B_k / A_k */
	double reject_bads;	/* the rejects' inferred bads (hard cutoff
				   and parceling: a count; fuzzy: sum of
				   p'; reweighting: r_k R_k, what the
				   weights assume) */
	double weight;		/* reweighting: (A_k + R_k) / A_k, else 0 */
};

/*
 * The result of an inference.  The augmented development set is
 * rows[n] (indices into ds, ascending but for fuzzy's clones, which
 * follow the accepts), y[n] (1 bad, 0 good), w[n] and is_reject[n].
 */
struct infer_result {
	enum infer_method method;
	size_t n;
	size_t *rows;
	signed char *y;
	double *w;
	unsigned char *is_reject;
	size_t accepts, accept_bads, rejects;	/* A, B_A, R */
	double accept_bad_rate;		/* r_A */
	double reject_pd_kgb;		/* mean p_i over the rejects */
	double reject_bad_rate;		/* the rejects' inferred bad rate:
					   sum_k reject_bads / R */
	double ttd_bad_rate;		/* (B_A + R reject_bad_rate) /
					   (A + R) */
	double cutoff_pd;		/* hard cutoff: c used; else NaN */
	double shift;			/* fuzzy: s (0 without a factor) */
	size_t reject_bads_n;		/* hard cutoff, parceling: rejects
					   made bad */
	/* The cap at 100%: the rejects' bad rate asked for (hard cutoff
	   set from --factor or --bad-multiple: the bads wanted / R;
	   parceling: sum_k X r_k R_k / R, before any band is capped), NaN
	   when nothing is asked (fuzzy, which refuses a rate outside (0,
	   1), reweighting, a given cutoff).  capped: hard cutoff, 1 when
	   the bads wanted, round(want), exceed R (every reject is made
	   bad); parceling, the bands with X r_k > 1 and rejects, whose
	   share is cut to 1.  capped_rejects: the rejects of those
	   bands (hard cutoff: R).  max_factor: the largest --factor (or
	   --bad-multiple) whose bads could all be made, R / sum_i p_i (R
	   / (r_A R)) for hard cutoff, 1 / max r_k over the bands with
	   rejects for parceling; NaN otherwise. */
	double asked_bad_rate;
	size_t capped, capped_rejects;
	double max_factor;
	struct infer_band *bands;	/* [nbands] owned */
	size_t nbands;
	struct scorecard *card;		/* owned: the inferred scorecard */
	double coef_diff;		/* max |b_inferred - b_KGB| over
					   the intercept and every
					   coefficient */
	int reproduces;			/* coef_diff <= spec.same_tol */
	/* Set by the caller, 0 here: the rows of the table left out before
	   inference (the KGB's holdout or out-of-time sample, so that it
	   stays out of sample), and the table's rows. */
	size_t held_out, table_rows;
};

/*
 * Infer the rejects of ds under KGB scorecard kgb (borrowed) with spec,
 * build the augmented set and refit as above; the inferred scorecard
 * is named name (population ds->table).  ds must have a target, known
 * bads and goods among its accepts, and rejects (ds->reject, nreject >
 * 0); it is scored as card_score scores.  Fills *out (release with
 * infer_result_done) and returns 0; -1 with err: RD_EINPUT (no target,
 * no rejects, no accepts of both outcomes, a column of the card
 * missing, a target bad rate outside (0, 1) for fuzzy or hard cutoff),
 * RD_EUSAGE (infer_spec_check), RD_ENUMERIC (the refit failed, as
 * logit_fit says).
 */
int infer_run(const struct scorecard *kgb, const struct dataset *ds,
	const char *name, const struct infer_spec *spec,
	struct infer_result *out, struct rd_err *err);
void infer_result_done(struct infer_result *r);

/*
 * infer_run on a binned sample (model/binned.h) instead of a dataset:
 * bs (borrowed) holds in column k the bins of kgb->chars[k] for every
 * row of the population (appended from its datasets with
 * card_binned_append, keep_reject set so that the rejects are told from
 * the indeterminate rows); its table names the inferred scorecard's
 * population.  The rows of the augmented set (out->rows) are then rows
 * of bs: i < bs->n its known row i (an accept), else its other row i -
 * bs->n (a reject).  The same figures as infer_run on the dataset the
 * sample was made from, to the bit (the same sums in the same order:
 * the accepts, then the rejects, each in row order); memory: the sample
 * (about k + 1 bytes a row), what a method keeps per reject (a double,
 * or a double and a row number for hard cutoff's order) and the
 * augmented set.  infer_run is this on the sample of its dataset.
 * Returns 0 or -1 with err as infer_run (RD_EINPUT too for a sample
 * without keep_reject or of another number of characteristics).
 */
struct binned_sample;
int infer_run_binned(const struct scorecard *kgb,
	const struct binned_sample *bs, const char *name,
	const struct infer_spec *spec, struct infer_result *out,
	struct rd_err *err);

/* ---------------------------------------------------------- comparison */

/* One KGB score band of the comparison (all applicants banded as
   infer_run bands them). */
struct infer_cmp_band {
	double lo, hi;
	size_t applicants, accepts, rejects;
	double score_kgb, score_inf;	/* mean scores of the applicants */
	double shift;			/* score_inf - score_kgb */
	double reject_pd_kgb, reject_pd_inf;	/* mean PD of its rejects
						   (NaN when none) */
};

/* The WoE of one characteristic's bins on the accepts (the KGB's) and
   on the augmented set (weighted counts). */
struct infer_cmp_char {
	char *name;		/* owned: the characteristic */
	double coef_kgb, coef_inf;
	double woe_change;	/* max over bins |WoE_aug - WoE_KGB| */
	size_t worst_bin;	/* the bin where it is reached */
	double woe_kgb, woe_aug;	/* of that bin */
	double points_change;	/* max over bins |points_inf - points_kgb| */
};

struct infer_comparison {
	size_t accepts, accept_bads, rejects;
	double accept_bad_rate;
	double reject_pd_kgb, reject_pd_inf;	/* mean PD of the rejects
						   under each scorecard
						   (card_score's, from the
						   rounded score) */
	double ttd_kgb, ttd_inf;	/* (B_A + sum PD of rejects) / (A + R)
					   under each */
	double reject_aug, ttd_aug;	/* the inference's own estimates,
					   from the augmented set: the
					   rejects' weighted bad rate sum w y
					   / sum w over their rows, and (B_A +
					   R reject_aug) / (A + R); with no
					   reject rows (reweighting) ttd_aug
					   = sum w y / sum w over the accepts
					   and reject_aug = (ttd_aug (A + R)
					   - B_A) / R */
	double change;			/* |reject_pd_inf - reject_pd_kgb| /
					   reject_pd_kgb */
	int little;			/* change <= spec little */
	struct infer_cmp_band *bands;	/* [nbands] owned */
	size_t nbands;
	struct infer_cmp_char *chars;	/* [nchars] owned, by woe_change
					   descending */
	size_t nchars;
	int has_swap;			/* a cutoff was given */
	double cutoff;			/* score: approve at >= cutoff */
	size_t both, swap_in, swap_out, neither;	/* of all applicants:
							   approved by both,
							   by the inferred
							   only, by the KGB
							   only, by neither */
	size_t swap_in_rejects, swap_out_rejects;	/* of them rejects */
};

/*
 * Compare KGB scorecard kgb with the inferred scorecard inf (both
 * borrowed, same characteristics and bins as infer_run makes them) on
 * ds, whose augmented set is rows[n], y[n], w[n] (as infer_result holds
 * them; for the WoE of the augmented set: per bin, weighted goods g and
 * bads b, WoE = ln((g / G) / (b / B)), a bin with g or b 0 taking 0.5
 * added to both as bin.h's zero-cell rule).  spec gives bands and
 * little.  cutoff: a score to approve at (swap set), NaN for none.
 * Fills *out (release with infer_comparison_done) and returns 0, or -1
 * with err (RD_EINPUT: a column missing, no rejects, cards of other
 * characteristics).
 */
int infer_compare(const struct scorecard *kgb, const struct scorecard *inf,
	const struct dataset *ds, const size_t *rows, const signed char *y,
	const double *w, size_t n, const struct infer_spec *spec,
	double cutoff, struct infer_comparison *out, struct rd_err *err);
void infer_comparison_done(struct infer_comparison *c);

/*
 * infer_compare on a binned sample (model/binned.h) of kgb's
 * characteristics over every row of the population, rejects kept apart
 * (keep_reject), instead of a dataset: rows[n] are rows of bs as
 * infer_run_binned numbers them (i < bs->n its known row i, else its
 * other row i - bs->n).  next (not NULL) gives, call by call, the row of
 * bs of each row of the table in table order (bs->n + bs->nother calls,
 * next_ctx passed), so that the sums run in infer_compare's order; NULL:
 * the known rows, then the others.  Scores, PDs and bins come from each
 * row's bins as card_score finds them: nothing per row is held but the
 * sample (and a double per accept while the bands are cut).  The same
 * figures as infer_compare on the dataset the sample was made from, to
 * the bit.  Returns 0 or -1 with err as infer_compare.
 */
int infer_compare_binned(const struct scorecard *kgb,
	const struct scorecard *inf, const struct binned_sample *bs,
	size_t (*next)(void *), void *next_ctx, const size_t *rows,
	const signed char *y, const double *w, size_t n,
	const struct infer_spec *spec, double cutoff,
	struct infer_comparison *out, struct rd_err *err);


/* ---------------------------------------------------------- benchmark */

/*
 * The masked-accept benchmark: how close each method comes to outcomes
 * that are known but hidden from it.
 *
 *   1. The accepts (known outcome, not rejects; ds's real rejects and
 *      indeterminate rows take no part) are scored by the KGB scorecard
 *      (rounded points, as card_score).  The lowest-scoring share of
 *      them become pseudo-rejects: those scoring below a score cutoff,
 *      a group of accepts of equal score taken whole or not at all, the
 *      count nearest round(share A) (the lower on a tie), at least one
 *      masked and one kept.  Their outcomes are hidden.
 *   2. The KGB is refitted on the kept accepts: its bins kept, each
 *      bin's WoE recomputed from the kept accepts' goods and bads as
 *      bin_woe does (a bin with none of them: WoE 0, no evidence; a bin
 *      with no goods or no bads: bin_spec_init's woe_adjust 0.5 added to
 *      both), the logistic regression refitted (spec.logit): the masked
 *      KGB.  Only the bins' bounds were drawn with the hidden outcomes.
 *   3. Each method (infer_run with spec, method set; the factor not
 *      for reweighting) infers the pseudo-rejects from the masked KGB.
 *   4. Against the hidden truth: per method the pseudo-rejects' bad
 *      rate as inferred (mean of each one's inferred P(bad): its
 *      weighted share of bad rows in the augmented set, sum w y / sum w;
 *      reweighting: the bad rate r_k of the accepts of its band), the
 *      inferred scorecard's mean P(bad) over them (the model's,
 *      1 / (1 + exp(-eta)), before points are rounded) and its AUC on
 *      them (eta as the risk score, metric_auc); by score band of the
 *      pseudo-rejects (the masked KGB's rounded score cut at their own
 *      quantiles into spec.bands bands, as infer_run cuts the accepts'),
 *      the true bad rate and each estimate, and the band error
 *      sum_b n_b |est_b - true_b| / n.  The masked KGB's own mean P(bad),
 *      AUC and band error are given beside them: no inference; and the
 *      KGB's mean P(bad) and AUC on them, a reference only (it was
 *      fitted with their outcomes).
 *
 * Nothing is stored.  Cost: the masking is a sort of the accepts; each
 * method one infer_run and one scoring pass: O(n log n) per method.
 */

/* One score band of the pseudo-rejects. */
struct infer_bench_band {
	double lo, hi;		/* the masked KGB's score, [lo, hi) */
	size_t n, bads;		/* pseudo-rejects, of them bad (hidden) */
	double bad_rate;	/* the truth: bads / n */
	double kgb;		/* the masked KGB's mean P(bad) */
	double *est;		/* [nmethods] owned: each method's mean
				   inferred P(bad) */
	double *card;		/* [nmethods] owned: each inferred
				   scorecard's mean P(bad) */
};

/* One method's result against the truth. */
struct infer_bench_method {
	enum infer_method method;
	double est_bad_rate;	/* the pseudo-rejects' bad rate as inferred */
	double card_pd;		/* the inferred scorecard's mean P(bad) */
	double auc;		/* the inferred scorecard's AUC on them */
	double band_error;	/* of est, sum_b n_b |est_b - true_b| / n */
	double card_band_error;	/* the same of card */
	double coef_diff;	/* max |b_inferred - b_masked KGB| */
	/* The cap at 100% of the method's run, as infer_result's:
	   asked_bad_rate (NaN when nothing was asked), capped,
	   capped_rejects, max_factor, and reject_bad_rate (the rate
	   reached), reject_bads_n, rejects (the pseudo-rejects). */
	double asked_bad_rate, reject_bad_rate, max_factor;
	size_t capped, capped_rejects, reject_bads_n, rejects;
	/* "" when the method ran; else why it could not (infer_run's
	   message, e.g. fuzzy refusing a bad rate >= 100%), and its
	   figures above and in the bands are NaN. */
	char error[RD_ERR_MSG];
};

struct infer_benchmark {
	double share;			/* asked */
	double cutoff;			/* accepts scoring below it masked */
	size_t accepts, accept_bads;	/* A, B_A before masking */
	size_t masked, masked_bads;	/* pseudo-rejects, their bads */
	size_t kept, kept_bads;
	size_t rejects;			/* ds's real rejects, left out */
	double true_bad_rate;		/* masked_bads / masked */
	double kgb_pd, kgb_auc;		/* the masked KGB's, as card_pd, auc */
	double kgb_band_error;
	double kgb_coef_diff;		/* max |b_masked - b_KGB| over the
					   intercept and every coefficient */
	char *kgb_coef_term;		/* owned: the term of kgb_coef_diff,
					   "(Intercept)" or a characteristic's
					   name */
	double kgb_coef_from, kgb_coef_to; /* its coefficient in the KGB
					   and refitted */
	double full_pd, full_auc;	/* the KGB's own (fitted with the
					   hidden outcomes): a reference */
	struct infer_bench_band *bands;	/* [nbands] owned */
	size_t nbands;
	struct infer_bench_method *methods;	/* [nmethods] owned */
	size_t nmethods;
	/* Indices into methods of the nearest to the truth: the smallest
	   |est_bad_rate - true_bad_rate|, the smallest band_error, the
	   largest AUC; nmethods when the best is shared (within 1e-12) or
	   none is finite. */
	size_t best_rate, best_band, best_auc;
};

/*
 * Run the benchmark above on ds with KGB scorecard kgb (borrowed) for
 * methods[nmethods] (distinct) with spec (its factor, reject_weight,
 * bands, seed, logit; method ignored).  share in (0, 1).  A method
 * whose infer_run fails (fuzzy at a factor asking a bad rate >= 100%,
 * a refit that fails) does not end the benchmark: its error says why
 * and the others are compared.  Fills *out (infer_benchmark_done) and
 * returns 0; -1 with err: RD_EUSAGE (share outside (0, 1),
 * spec.cutoff_pd or spec.bad_multiple given, infer_spec_check),
 * RD_EINPUT (no target; no accepts of both outcomes; the share masks
 * none or all of them, or leaves the kept ones without bads or goods:
 * each says so and how many; a column of the card missing; every
 * method failing: the last one's message, naming it), RD_ENUMERIC (the
 * masked KGB's refit failed, as logit_fit says, naming the step).
 */
int infer_benchmark(const struct scorecard *kgb, const struct dataset *ds,
	double share, const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err);
void infer_benchmark_done(struct infer_benchmark *b);

/*
 * infer_benchmark on a binned sample (model/binned.h) of kgb's
 * characteristics over the rows of the population instead of a dataset:
 * its known rows are the accepts.  The masked view is a second binned
 * sample of the accepts only (the kept ones known, the pseudo-rejects
 * other and rejects, each in row order: the real rejects and the
 * indeterminate rows take no part in any figure); scores, log-odds and
 * bands are made from each row's bins.  Memory: the two samples (about
 * k + 1 bytes an accept each), a row number, an outcome and five doubles
 * per pseudo-reject, a double per accept while they are masked, and the
 * augmented set of one method at a time.  The same figures as
 * infer_benchmark on the dataset the sample was made from, to the bit
 * (the same sums in the same order).  Returns 0 or -1 with err as
 * infer_benchmark (the caller checks for a target).
 */
int infer_benchmark_binned(const struct scorecard *kgb,
	const struct binned_sample *bs, double share,
	const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err);

/*
 * The term whose coefficient differs most between two scorecards of one
 * design (a's characteristics in b's order): 0 for the intercept, k + 1
 * for a->chars[k]; the first of equal ones.  |its difference| is
 * coef_diff and kgb_coef_diff above.
 */
size_t infer_coef_term(const struct scorecard *a, const struct scorecard *b);


#endif
