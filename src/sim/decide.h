/*
 * decide.h - the batch decision run: every applicant of a table decided
 * by a policy and its scorecard, one record each, in rowid order, with
 * memory bounded whatever the number of rows.
 *
 * The table is read in slices of at most DECIDE_SLICE rowids
 * (db_window_set); each slice goes through exactly what the simulation
 * does to a whole population -- card_score, sim_prepare, sim_run at the
 * policy's cutoffs (or given ones) -- so every decision, limit, EAD and
 * expected loss equals the one --report and the workbench count.  On top
 * of the simulation each record carries:
 *
 *   adverse reasons of a decline or refer (not of a knock-out, which has
 *     its own reason code): the characteristics that cost the applicant
 *     most points against the characteristic's best attribute (points of
 *     the best bin - points of the applicant's bin), largest first, ties
 *     in scorecard order, those with no loss left out, at most nreasons
 *     (card_reasons_bins; the "points below maximum" method of US
 *     adverse-action notices and SAS's adverse characteristics);
 *   fallbacks: the characteristics whose value took a documented fallback
 *     instead of a bin of its own (card_bins: a level unseen in
 *     development, a NULL without a missing bin);
 *   with explain, every characteristic's bin (attribute) and points.
 *
 * Slices are fixed rowid ranges [first + k x slice, first + (k + 1) x
 * slice) when the rowids are dense (an imported table's are 1..n):
 * threads, each with a connection of its own, decide them side by side
 * while the calling thread hands the finished ones to emit in order.
 * Sparse rowids are decided one slice after another, each from the next
 * rowid there is.  Either way the records come in rowid order and are the
 * same bytes.
 *
 * Memory: per slice held (at most threads + 1), the columns read (the
 * scorecard's, the identifier and those the policy's expressions read)
 * and the simulation arrays, O(DECIDE_SLICE x columns), independent of
 * the table's rows.
 */
#ifndef RD_SIM_DECIDE_H
#define RD_SIM_DECIDE_H

#include <stddef.h>
#include <stdint.h>

#include "model/card.h"
#include "policy/policy.h"
#include "sim/sim.h"

struct db;
struct rd_err;
struct rd_sha256;

#define DECIDE_SLICE 65536	/* rowids per slice */
#define DECIDE_REASONS_MAX 16	/* most adverse reasons a record holds */
#define DECIDE_REASONS 4	/* the default */
#define DECIDE_THREADS 2	/* threads deciding slices, by default */
#define DECIDE_THREADS_MAX 8

/*
 * The fraud verdicts of the applicants (fraud/fraud.h fraud_data, the
 * rows scored), found by rowid.  Fraud rules come first: an applicant a
 * fraud rule flags is declined or referred as the rule says, whatever the
 * credit policy would decide (an approval it stops grants no limit and
 * carries no expected loss).
 */
struct decide_fraud {
	const int64_t *rowid;		/* [n] ascending */
	const signed char *action;	/* [n] -1 none, enum
					   policy_fraud_action */
	const int *rule;		/* [n] index into p->fraud->rules */
	size_t n;
};

/*
 * The outcome lines of the approval figures, the fraud rules first (as
 * decide applies them): each applicant falls in exactly one line, taken
 * in this order --
 *   fraud decline, fraud refer: a fraud rule flags the applicant (its
 *     action), whatever the credit policy decides, knock-outs included;
 *   knock-out: not flagged, and a knock-out rule fires;
 *   credit decline, credit refer, approve: neither, and the score
 *     against the segment's cutoff (and refer band) decides.
 * (The enum lists them the other way round, in the reports' order.)
 * So the lines add up to the applicants, and the approval rate is
 *   approve / n = 1 - (fraud decline + fraud refer + knock-out
 *                      + credit decline + credit refer) / n.
 */
enum decide_line {
	DECIDE_LINE_APPROVE,
	DECIDE_LINE_CREDIT_REFER,
	DECIDE_LINE_CREDIT_DECLINE,
	DECIDE_LINE_KNOCKOUT,
	DECIDE_LINE_FRAUD_REFER,
	DECIDE_LINE_FRAUD_DECLINE,
	DECIDE_NLINES
};

/* The lines' names as reports write them ("fraud refer"), and their
   JSON keys ("fraud_referred"), in enum decide_line order. */
extern const char *const decide_line_names[DECIDE_NLINES];
extern const char *const decide_line_keys[DECIDE_NLINES];

struct decide_lines {
	size_t applicants;
	size_t n[DECIDE_NLINES];	/* applicants in each line */
	size_t fraud_stopped;	/* credit approvals a fraud rule takes */
};

/*
 * Count one applicant into *l: credit is what the credit policy decides
 * at the cutoffs, ko the knock-out that fired (-1 none; a credit of
 * SIM_KNOCKOUT counts as one too), fraud the action of the fraud rule
 * that flags it (enum policy_fraud_action) or -1 when none.  Returns
 * the applicant's line.  decide_run and the simulation's figures
 * (decide_lines_count) both count through it.
 */
enum decide_line decide_lines_add(struct decide_lines *l,
	enum sim_decision credit, int ko, int fraud);

/*
 * The lines of the n applicants of prep (rows in its order) with credit
 * decisions decision[n] (sim_run's, enum sim_decision) and fraud actions
 * fraud[n] (-1 none, enum policy_fraud_action; NULL: none flagged).
 * Zeroes *l first.
 */
void decide_lines_count(struct decide_lines *l, const struct sim_prep *prep,
	const unsigned char *decision, const signed char *fraud);

struct decide_spec {
	size_t nreasons;	/* adverse reasons per record, at most
				   DECIDE_REASONS_MAX; 0 none */
	const double *cutoffs;	/* [p->nsegments] or NULL: the policy's */
	const char *id;		/* column keying the records; NULL: rowid */
	int explain;		/* fill a record's bin and points */
	size_t slice;		/* rowids per slice; 0: DECIDE_SLICE */
	size_t threads;		/* threads deciding slices, each with a
				   connection of its own, at most
				   DECIDE_THREADS_MAX; 0: DECIDE_THREADS */
	/* When not NULL, every value read (the columns in table order, row
	   by row in rowid order) is hashed into input (ds_hash_rows), so a
	   run can say what it decided on. */
	struct rd_sha256 *input;
	/* Fraud verdicts to apply (NULL: none); borrowed for the run. */
	const struct decide_fraud *fraud;
	/* 1: the conditions and amounts by SQLite's pass alone
	   (sim_prepare_how), for the tests; the same records. */
	int sql_conditions;
};

/* One applicant's decision, as emitted; pointers valid during the call. */
struct decide_record {
	int64_t rowid;
	const char *id;		/* the id column's value as text; NULL when
				   NULL in the table or no id column */
	double score, pd;	/* points; probability of bad 0..1 */
	enum sim_decision decision;
	int ko;			/* index of the knock-out, -1 none */
	int seg;		/* segment index, -1 when knocked out */
	int band;		/* score band of an approved applicant in its
				   segment, -1 otherwise */
	double limit;		/* credit limit granted, NaN when not
				   approved or the band grants none */
	double apr;		/* the band's APR, NaN when not approved or
				   not priced */
	double ead, lgd;	/* of the applicant's segment; NaN when
				   knocked out (an EAD that is NULL counts as
				   0, as in the simulation) */
	double el;		/* PD x LGD x EAD when approved, else 0 */
	size_t nreasons;	/* adverse reasons (declines and refers) */
	const size_t *reason;	/* [nreasons] indices into card->chars */
	const double *lost;	/* [nreasons] points lost */
	size_t nfallback;	/* characteristics that took a fallback */
	const unsigned char *fallback;	/* [card->nchars] 1: took one */
	const int *bin;		/* [card->nchars] bin of each
				   characteristic, -1 none (0 points);
				   NULL unless explain */
	int fraud_rule;		/* the fraud rule that decided, index into
				   p->fraud->rules; -1 none */
	enum sim_decision credit;	/* what the credit policy decided */
};

/* Counts and sums of a run; arrays owned (decide_summary_done). */
struct decide_summary {
	/* declined counts the knocked out too, as struct sim_stats does */
	size_t applicants, approved, referred, declined, knocked_out;
	size_t nseg, nko, nchars;
	size_t *seg_applicants;	/* [nseg] applicants each segment takes */
	size_t *seg_approved, *seg_referred, *seg_declined;	/* [nseg] */
	size_t *ko_count;	/* [nko] declined by each knock-out */
	size_t fallback_applicants;	/* applicants with >= 1 fallback */
	size_t *char_fallback;	/* [nchars] applicants per characteristic */
	size_t ead_missing;	/* applicants whose EAD was NULL (0 used) */
	double exposure;	/* sum EAD over approved */
	double expected_loss;	/* sum PD x LGD x EAD over approved */
	double credit_limit;	/* sum of limits granted */
	double revenue;		/* sum EAD x APR over approved, NaN when
				   not priced */
	/* The outcome lines, fraud rules (spec->fraud) first: fraud
	   declines and refers, knock-outs, credit declines and refers,
	   approvals, and the credit approvals the fraud rules stop; per
	   rule (nfraud, p->fraud->nrules) the applicants each decided. */
	struct decide_lines lines;
	size_t nfraud;
	size_t *fraud_count;	/* [nfraud] */
};

/*
 * Decide every applicant of table in db (rowid order) under policy p with
 * scorecard card (p's; the caller loaded and checked both: columns exist,
 * expressions compile), calling emit(arg, record) once per applicant.
 * emit returns 0 to go on, non-zero to stop (decide_run then returns -1
 * with err as emit left it).  Fills *sum (zeroed first; release with
 * decide_summary_done).  The window of db is cleared on return.  Returns
 * 0, or -1 with err: as db_dataset_load_columns, card_score and
 * sim_prepare report it (an unknown column, a type that differs from the
 * scorecard's, an EAD that is negative), RD_EINPUT for an id column the
 * table lacks.
 */
int decide_run(struct db *db, const struct policy *p,
	const struct scorecard *card, const char *table,
	const struct decide_spec *spec,
	int (*emit)(void *arg, const struct decide_record *r), void *arg,
	struct decide_summary *sum, struct rd_err *err);

void decide_summary_done(struct decide_summary *sum);

#endif
