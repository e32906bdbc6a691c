/*
 * policy.h - approval policies written in YAML (riskdesk-policy(5)).
 *
 * A policy names a scorecard and a population table, lists knock-out rules
 * (applied first, in order) and segments (tried in order, first match
 * wins; the last segment has no condition and takes every row left).  Each
 * segment has a cutoff (approve when score >= cutoff), an optional refer
 * band [refer, cutoff), and loss parameters: LGD (a fraction 0..1) and EAD
 * (an expression over the population's columns, in currency units).
 * Conditions and EAD are SQL expressions evaluated by SQLite under a
 * read-only authorizer (db_expr_check), so a policy can never change data.
 *
 * A segment may divide its approved applicants into score bands, each
 * with a credit limit (a fixed amount, or one per income band, the income
 * being an expression named at the top level) and an annual percentage
 * rate (APR) for a revenue figure; funding_rate is the annual cost of
 * funds.  Bands are contiguous: band k holds scores in [from, to), the
 * next starts where it ends, the last is open above, and the first starts
 * at or below the segment's cutoff.
 *
 * Loading validates the structure: every error is located at file:line:col
 * (1-based, from libyaml's marks) and says what was expected.  Checking
 * the expressions against a table's columns is policy_check_columns.
 */
#ifndef RD_POLICY_POLICY_H
#define RD_POLICY_POLICY_H

#include <stddef.h>

struct rd_err;
struct db;

/* Where in the YAML file something was written (1-based). */
struct policy_mark {
	long line, col;
};

struct policy_rule {
	char *name;		/* owned */
	char *when;		/* owned: SQL condition */
	char *reason;		/* owned: reason code, e.g. "KO01" */
	struct policy_mark at, when_at;	/* the item; its when value */
};

/* One income band of a score band: incomes >= min_income. */
struct policy_income_limit {
	double min_income;
	double limit;		/* currency units, >= 0 */
	struct policy_mark at;
};

/*
 * One score band of a segment: approved scores in [from, to), to =
 * +INFINITY on the last band.  The first band also takes approved scores
 * below its from (a cutoff moved below it at run time).  limit is NaN
 * when the band grants none; with income limits (nincome > 0, ascending
 * min_income) the limit is that of the last income band whose min_income
 * <= the applicant's income, the first band's when the income is below
 * every min_income or NULL.  apr NaN: the band is not priced.
 */
struct policy_band {
	double from, to;
	double limit;
	double apr;
	struct policy_income_limit *income;	/* [nincome] owned */
	size_t nincome;
	struct policy_mark at, from_at, to_at;
};

struct policy_segment {
	char *name;		/* owned */
	char *when;		/* owned SQL condition; NULL for the default */
	double cutoff;		/* approve when score >= cutoff */
	double refer;		/* refer when refer <= score < cutoff; NaN none */
	double lgd;		/* loss given default, 0..1 */
	char *ead;		/* owned: SQL expression for EAD */
	/* the item and its values; when_at {0, 0} on the default segment,
	   ead_at / lgd_at at the "loss:" entry when inherited, refer_at
	   {0, 0} without a refer band */
	struct policy_mark at, when_at, ead_at, cutoff_at, refer_at, lgd_at;
	struct policy_band *bands;	/* [nbands] owned, ascending; may be
					   0: no limit, not priced */
	size_t nbands;
};

/*
 * How segments share applicants (the "hit" key).  First match: an
 * applicant matching several segment conditions goes to the first, and
 * overlap is allowed (a warning on the population).  Unique: the policy
 * declares its segment conditions mutually exclusive, so an applicant
 * matching two is an error on the population.
 */
enum policy_hit {
	POLICY_HIT_FIRST = 0,
	POLICY_HIT_UNIQUE
};

/* One entry of "reason_codes:". */
struct policy_reason {
	char *characteristic;	/* owned: the key */
	char *code;		/* owned: the value, e.g. "R07" */
	struct policy_mark at;	/* the key */
};

/*
 * The collections strategy ("collections:"; riskdesk collect).  Each
 * treatment is an entry of "costs:" (cost per account treated, currency
 * units, >= 0) with an optional monthly capacity in accounts (INFINITY
 * when none).  Strategy rules are tried in order on each delinquent
 * account: the first whose condition is true and whose treatment has
 * capacity left gives the treatment; a rule with a challenger gives the
 * challenger to a share of the accounts it takes instead (a randomised
 * test; which accounts, collect.h).  Conditions are SQL expressions
 * over the snapshot table's columns, as segment conditions are over the
 * population's.
 */
struct policy_treatment {
	char *name;		/* owned */
	double cost;		/* per account treated, >= 0 */
	double capacity;	/* accounts per month, >= 0; INFINITY none */
	struct policy_mark at, capacity_at;	/* its cost entry; its
						   capacity entry or {0, 0} */
};

struct policy_action {
	char *name;		/* owned */
	char *when;		/* owned SQL condition */
	size_t treatment;	/* index into the treatments */
	size_t challenger;	/* index, or (size_t)-1 when no test */
	double share;		/* share given the challenger, (0, 1); 0 none */
	char *stream;		/* owned text mixed into the draw; NULL: the
				   draw shared by every rule */
	struct policy_mark at, when_at, treatment_at, challenger_at;
};

struct policy_collect {
	char *snapshots;	/* owned: table of monthly snapshots */
	char *treatments;	/* owned: table of treatments given */
	/* owned column names: of both tables (account, month), of the
	   snapshots (bucket, balance, score: NULL when none), of the
	   treatment log (treatment) */
	char *account, *month, *bucket, *balance, *score, *treatment;
	struct policy_treatment *treat;	/* [ntreat] owned, file order */
	size_t ntreat;
	struct policy_action *rules;	/* [nrules] owned, >= 1 */
	size_t nrules;
	struct policy_mark at, snapshots_at, treatments_at;
};

/* ------------------------------------------------------- fraud rules */

/*
 * The "fraud:" section: velocity and linkage characteristics computed
 * point in time over a table of events (applications), and rules on them.
 * An earlier event of event i (time t) is an event j != i of the same
 * table with t - within <= t_j < t: the far edge of the window is
 * inclusive, the event's own time exclusive, so events at the same time
 * are never earlier than one another.  The key (same:) of an event is the
 * values of its key columns; an event with one of them NULL, empty or
 * only white space has no key: it matches no event and no event matches
 * it.
 */
enum policy_fraud_agg {
	POLICY_FRAUD_COUNT,	/* count: earlier -- how many earlier events */
	POLICY_FRAUD_DISTINCT,	/* distinct: C -- distinct non-empty values
				   of C among them */
	POLICY_FRAUD_SUM	/* sum: C -- the sum of C over them (NULL
				   cells add nothing; 0 when none) */
};

struct policy_feature {
	char *name;		/* owned */
	enum policy_fraud_agg agg;
	char *column;		/* owned: C of distinct / sum; NULL for count */
	char **same;		/* [nsame] owned key columns, >= 1 */
	size_t nsame;
	double within;		/* the window in seconds, > 0 */
	/* the item; its name, column (count's value for count), first key
	   column and within values */
	struct policy_mark at, name_at, column_at, same_at, within_at;
};

enum policy_fraud_action {
	POLICY_FRAUD_REFER,
	POLICY_FRAUD_DECLINE
};

#define POLICY_FRAUD_MAX_RULES 64	/* rules of one policy */
#define POLICY_FRAUD_MAX_FEATURES 64	/* features of one policy */

struct policy_fraud_rule {
	char *name;		/* owned */
	char *when;		/* owned: SQL condition over columns and
				   features */
	enum policy_fraud_action action;
	char *reason;		/* owned: reason code, e.g. "F01" */
	struct policy_mark at, when_at;
};

struct policy_fraud {
	char *time;		/* owned: the event time column */
	char *label;		/* owned: 1 = fraud; NULL when none */
	char *amount;		/* owned: exposure column; NULL when none */
	char *history;		/* owned: decide's history table; NULL */
	char *scorecard;	/* owned: the fraud scorecard that ranks the
				   alerts worked under capacity (fit with
				   --features-from); NULL when none */
	double capacity;	/* alerts a day; NaN when none */
	struct policy_feature *features;	/* [nfeatures] owned */
	size_t nfeatures;
	struct policy_fraud_rule *rules;	/* [nrules] owned, >= 1 */
	size_t nrules;
	struct policy_mark at, time_at, label_at, amount_at, history_at;
	struct policy_mark scorecard_at;
};

/* The values of a fraud rule's "action", in enum policy_fraud_action
   order. */
extern const char *const policy_fraud_action_names[];

/* The longest window a feature may have: 36,500 days (about 100 years,
   3,153,600,000 s); a longer one is refused where it is written. */
#define POLICY_WINDOW_MAX (36500.0 * 86400.0)

/*
 * A window written as a whole number and a unit -- s (seconds), m
 * (minutes), h (hours) or d (days of 86,400 s): "7d", "24h", "90m" --
 * into *seconds.  Returns 0, or -1 when text is not one.  A number too
 * long to hold stays a window (of more than POLICY_WINDOW_MAX) so the
 * caller can say it is too long.
 */
int policy_window_parse(const char *text, double *seconds);

struct policy {
	char *path;		/* owned: the file it was read from */
	char *name;		/* owned: "name:" or the file's base name */
	char *scorecard;	/* owned */
	char *population;	/* owned */
	struct policy_rule *knockouts;	/* [nknockouts] owned */
	size_t nknockouts;
	struct policy_segment *segments;	/* [nsegments] owned, >= 1 */
	size_t nsegments;
	/* where the scorecard and population values are written, for
	   callers that report a missing scorecard or table at the policy */
	struct policy_mark scorecard_at, population_at;
	char *income;		/* owned SQL expression, NULL when none */
	struct policy_mark income_at;
	double funding_rate;	/* annual, fraction of EAD; default 0 */
	int priced;		/* some band has an apr: revenue and profit
				   are reported */
	enum policy_hit hit;
	struct policy_mark hit_at;	/* {0, 0} when not written */
	/* "reason_codes:": the adverse reason code of a characteristic
	   (riskdesk decide), in file order; a characteristic not listed is
	   its own code (policy_reason_code). */
	struct policy_reason *reasons;	/* [nreasons] owned */
	size_t nreasons;
	/* "collections:", NULL when not written.  A policy loaded with
	   policy_load_collect_all always has it, and may have no scorecard,
	   population nor segment (nsegments 0). */
	struct policy_collect *collect;	/* owned */
	/* "fraud:", NULL when the policy has none.  A policy with a fraud
	   section may leave out scorecard, population and segments: it then
	   holds fraud rules only (nsegments 0, scorecard NULL). */
	struct policy_fraud *fraud;	/* owned */
};

/*
 * Every error found in one policy, in the order found, each located.  A
 * zeroed struct is an empty list; release with policy_errors_done.  At
 * most POLICY_MAX_ERRORS are kept (a hostile file could hold a hundred
 * thousand); dropped counts the rest.
 */
#define POLICY_MAX_ERRORS 100
struct policy_errors {
	struct rd_err *err;	/* [n] owned */
	size_t n;
	size_t dropped;
};

/*
 * Append a copy of *err to e, unless an error with the same file,
 * location and message is there already (two checks that meet the same
 * fault, such as a missing population table, report it once).
 */
void policy_errors_add(struct policy_errors *e, const struct rd_err *err);

/* Free what e holds and empty it.  NULL is a no-op. */
void policy_errors_done(struct policy_errors *e);

/* ------------------------------------------------------ the schema table */

/*
 * Every key a policy may hold, in one table (like tmux's options-table.c):
 * it drives the unknown-key check and its nearest-key suggestion, the type
 * and range checks, the required-key check, and the test that keeps
 * riskdesk-policy(5) in step (every key of the table must be documented
 * there, under the section of its context).
 */

/* Where a key may appear. */
enum policy_ctx {
	POLICY_CTX_TOP,		/* the top-level mapping */
	POLICY_CTX_LOSS,	/* the "loss:" mapping */
	POLICY_CTX_KNOCKOUT,	/* an item of "knockouts:" */
	POLICY_CTX_SEGMENT,	/* an item of "segments:" */
	POLICY_CTX_BAND,	/* an item of a segment's "bands:" */
	POLICY_CTX_INCOME,	/* an item of a band's "income_limits:" */
	POLICY_CTX_COLLECT,	/* the "collections:" mapping */
	POLICY_CTX_COLUMNS,	/* the "columns:" mapping of collections */
	POLICY_CTX_ACTION,	/* an item of collections' "strategy:" */
	POLICY_CTX_FRAUD,	/* the "fraud:" mapping */
	POLICY_CTX_FEATURE,	/* an item of fraud's "features:" */
	POLICY_CTX_FRULE	/* an item of fraud's "rules:" */
};

/* What a key's value must be. */
enum policy_type {
	POLICY_T_STRING,	/* a non-empty scalar */
	POLICY_T_NUMBER,	/* a plain scalar strtod reads whole */
	POLICY_T_EXPR,		/* a non-empty scalar: an SQL expression */
	POLICY_T_MAP,		/* a mapping */
	POLICY_T_LIST,		/* a list of mappings */
	POLICY_T_NAMES		/* a column name, or a list of them */
};

enum policy_need {
	POLICY_OPTIONAL,
	POLICY_REQUIRED,
	POLICY_REQUIRED_BUT_LAST,	/* required on every item of its list
					   but the last, refused on the last */
	POLICY_REQUIRED_UNLESS_FRAUD	/* required, unless the policy holds
					   a fraud: section and none of the
					   credit keys (scorecard, segments) */
};

struct policy_key {
	enum policy_ctx ctx;
	const char *name;
	enum policy_type type;
	enum policy_need need;
	double min, max;	/* inclusive range of a number; -/+INFINITY
				   when unbounded */
	const char *dflt;	/* the default in words, NULL when none */
	const char *doc;	/* one line of documentation */
};

/* The table, policy_schema_count rows, grouped by context. */
extern const struct policy_key policy_schema[];
extern const size_t policy_schema_count;

/* The values of the top-level key "hit", in enum policy_hit order. */
extern const char *const policy_hit_names[];

/* Limits that refuse hostile files before they cost memory. */
#define POLICY_MAX_DEPTH 16		/* nested mappings and lists */
#define POLICY_MAX_NODES 100000		/* scalars, mappings and lists */

/* The row for key name in context ctx, or NULL. */
const struct policy_key *policy_schema_find(enum policy_ctx ctx,
	const char *name);

/*
 * The key of context ctx nearest to name by edit distance (optimal string
 * alignment: insertions, deletions, substitutions and swaps of neighbours
 * cost 1; case is ignored), or NULL when none is close: the distance must
 * be at most 2, or at most a third of the key's length.  Ties go to the
 * first in the table.  The string returned is static.
 */
const char *policy_schema_nearest(enum policy_ctx ctx, const char *name);

/*
 * The name of names[n] nearest to name by the same distance (case
 * ignored), or NULL when none is close: one edit, or at most a quarter
 * of the name's length (a column's name is often short, and "rate" is
 * not "age").  The string returned is names'.
 */
const char *policy_nearest_name(const char *name, char *const *names,
	size_t n);

/*
 * Set err (RD_EINPUT) for p, a policy with nothing to score (no
 * scorecard: fraud rules, a collections strategy or both), used where a
 * credit policy is needed: located at its fraud section, else its
 * collections section, "policy \"x\" holds fraud rules only (no
 * scorecard, no segments): " then need (may be NULL, such as "decide
 * needs a credit policy") and what reads such a policy ("riskdesk fraud
 * evaluates them").
 */
void policy_unscored_err(const struct policy *p, const char *need,
	struct rd_err *err);

/* What p, a policy with nothing to score, holds: "fraud rules", "a
   collections strategy" or "fraud rules and a collections strategy". */
const char *policy_unscored_holds(const struct policy *p);

/* The context's name as messages and the man page use it ("segment"). */
const char *policy_ctx_name(enum policy_ctx ctx);

/* ------------------------------------------------------------- policies */

/*
 * Read and validate the policy file at path.  Returns a policy to free
 * with policy_free, or NULL with every error found appended to errs, each
 * located in the file: RD_EIO when it cannot be read, RD_EINPUT for YAML
 * syntax, an unknown key (naming the nearest valid one), a wrong type, a
 * number written with a leading zero or in hexadecimal (YAML 1.1 reads
 * them as octal or hex: the message says how to write it), a missing
 * required key, a duplicate segment or knock-out name, LGD outside
 * [0, 1], a refer bound not below its cutoff, a default segment that is
 * not last, a segment whose condition repeats an earlier segment's (it
 * can never be reached), score bands that overlap, leave a gap, end at or
 * below where they start or start above the cutoff, a band with both
 * limit and income_limits, income bands not in ascending order, income
 * limits without an income expression, a "hit" other than first or
 * unique, aliases or nesting beyond fixed limits.  The messages, with
 * examples, are listed under VALIDATION ERRORS in riskdesk-policy(5).  A
 * YAML syntax error, an alias or a limit stops reading (one error); past
 * that every error of the file is reported, and a value found wrong is
 * not reported again as missing.  Every segment of a loaded policy has an
 * lgd and an ead (its own or the "loss:" default; ead_at then points at
 * the loss entry), a when on every segment but the last, and the last has
 * none.
 */
struct policy *policy_load_all(const char *path, struct policy_errors *errs);

/* As policy_load_all, giving only the first error, in err. */
struct policy *policy_load(const char *path, struct rd_err *err);

/*
 * As policy_load_all, for riskdesk collect: "collections:" is required,
 * and scorecard, population and segments are required only when one of
 * them (or knockouts) is written.  Besides the structure, the section's
 * own errors are reported located: a strategy rule's treatment or
 * challenger that is not an entry of costs ("treatment \"x\" has no
 * cost: add it to costs"), a capacity for a treatment without a cost
 * (unknown treatment), a cost or capacity that is not a number >= 0, a
 * duplicate rule name, a challenger without a share or the reverse, a
 * challenger equal to the rule's treatment.
 */
struct policy *policy_load_collect_all(const char *path,
	struct policy_errors *errs);

/*
 * Check p's collections section against db: both tables imported, the
 * columns named present (located at the table's entry or "columns:"),
 * every rule condition valid over the snapshot table (located at its
 * when, as policy_check_columns_all words it), and every delinquent
 * bucket 1 to 4 covered: some rule's condition is true on an account of
 * that bucket whatever its other columns (tried with the columns the
 * conditions read at several values, coll_conds_cover), else "bucket 3
 * is never covered: ..." or "bucket 3 is not covered when balance is
 * NULL: ..." located at the collections section.  Errors are appended to
 * errs; returns 0 when there is none, else -1.  RD_EDB stops the check.
 */
int policy_check_collect_all(const struct policy *p, struct db *db,
	struct policy_errors *errs);

/* Index of treatment name in c, or -1. */
int policy_treatment_index(const struct policy_collect *c, const char *name);

/*
 * Check every condition, EAD and income expression of p against the
 * columns of table in db (db_expr_check); table NULL means p->population.
 * Every error found is appended to errs; returns 0 when there is none,
 * else -1.  When table is not an imported table, db_table_meta's error
 * alone (located at "population:" when table is the population).  An
 * expression's RD_EINPUT error is located where it is written (an EAD
 * inherited from "loss:" at the loss entry); the message is
 * db_expr_check's (e.g. unknown column "foo" in expression), except that
 * a column whose name is not a bare SQL name (a space, '-', '.', a
 * leading digit, or an SQL keyword SQLite failed on) written without
 * double quotes is named with the way to quote it: column "monthly
 * income" must be quoted: write "monthly income" (in YAML: when:
 * '"monthly income" > 5000').  Such a column written bare is refused even
 * when SQLite reads something else into it ("credit-amount" as credit
 * minus amount).  Then, when every expression is valid, each segment
 * condition that is a constant (cond_constant: no column, no function)
 * is refused: always true before other segments ("segment \"b\" can never
 * be reached: the condition of segment \"a\" (line n) is always true",
 * located at the next segment), or never true ("... its condition is
 * never true", at the condition).  Other error classes (RD_EDB) stop the
 * check.
 */
int policy_check_columns_all(const struct policy *p, struct db *db,
	const char *table, struct policy_errors *errs);

/* As policy_check_columns_all, giving only the first error, in err. */
int policy_check_columns(const struct policy *p, struct db *db,
	const char *table, struct rd_err *err);

/*
 * Check the fraud section of p (none: 0) against the columns of table in
 * db (NULL: p->population): every column it names exists (time, label,
 * amount, each feature's key and distinct / sum columns), no feature is
 * called as a column (a rule could not tell them apart), and every rule's
 * condition is an expression over the columns and features
 * (db_expr_check_with).  Each error is appended to errs, located where the
 * policy writes the name.  Returns 0 when there is none, else -1.
 */
int policy_fraud_check_columns(const struct policy *p, struct db *db,
	const char *table, struct policy_errors *errs);

/* Index of the segment called name, or -1. */
int policy_segment_index(const struct policy *p, const char *name);

/* The index of the feature of p's fraud section named name (exactly),
   or -1 when none (or p has no fraud section). */
int policy_fraud_feature(const struct policy *p, const char *name);

/* Free p and everything it owns.  NULL is a no-op. */
void policy_free(struct policy *p);

/*
 * The adverse reason code of the characteristic called name: its
 * "reason_codes:" entry, else name itself.  Borrowed from p or name.
 */
const char *policy_reason_code(const struct policy *p, const char *name);

#endif
