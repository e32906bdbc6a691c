/*
 * desk-fraud.h - the desk's fraud part (desk-fraud.c): a policy's fraud
 * rules loaded and checked against a table, the features computed and
 * the rules evaluated (fraud/fraud.h), and the figures on known fraud.
 * The numbers are fraud.c's; this part loads and checks.
 */
#ifndef RD_DESK_FRAUD_H
#define RD_DESK_FRAUD_H

#include "fraud/fraud.h"

struct desk;
struct rd_err;

/* An evaluation of a policy's fraud rules on a table. */
struct desk_fraud {
	struct policy *policy;	/* owned */
	char *table;		/* owned: the table evaluated */
	double from;		/* figures of events at or after this
				   (seconds), -INFINITY: all */
	struct fraud_data data;
	struct fraud_eval eval;
	/* Warnings on the data (desk_fraud_run): a linkage key column
	   whose values are one value written several ways (events.h
	   events_key_variants), one line each, owned.  [nwarnings] */
	char **warnings;
	size_t nwarnings;
};

/*
 * The one check of p's fraud section (none: 0) against table of db
 * (NULL: p->population; neither: 0, nothing checked) that every command
 * makes before it runs or passes the rules (check-policy, fraud, --report,
 * the workbench, decide, export): the columns the section names
 * (policy_fraud_check_columns), then every value of its time column an
 * ISO 8601 date or date-time as the features read it (events_load: NULL
 * or another text is refused, the bad rows counted), a fault located at
 * the section's "time:" key.  Each error is appended to errs.  Returns 0
 * when there is none, else -1.
 */
struct policy_errors;
int desk_fraud_check(struct db *db, const struct policy *p,
	const char *table, struct policy_errors *errs);

/*
 * Load the policy at policy_path, check its fraud section against table
 * (NULL: the policy's population), compute the features of every event
 * of table and evaluate the rules; figures for events at or after from
 * (seconds; -INFINITY for all: earlier events still count as history).
 * A key column (same:) whose values are equal but for blanks, case or
 * punctuation gets a line in out->warnings (they stay different keys).
 * Fills *out (release with desk_fraud_done) and returns 0; -1 with every
 * error in d->load_errors (err the first): RD_EINPUT for a policy without
 * a fraud section, no table named (no --table, no population), an
 * unknown table or column, and fraud_data_load's errors; RD_EIO, RD_EDB.
 */
int desk_fraud_run(struct desk *d, const char *policy_path,
	const char *table, double from, struct desk_fraud *out,
	struct rd_err *err);

void desk_fraud_done(struct desk_fraud *f);

/*
 * The fraud rules of loaded policy p (with a fraud section) evaluated on
 * table of db, as desk_fraud_run does, into *data and *eval (release with
 * fraud_data_done and fraud_eval_done; zeroed on failure).  Returns 0, or
 * -1 with the errors appended to errs.
 */
int desk_fraud_policy(struct db *db, const struct policy *p,
	const char *table, double from, struct fraud_data *data,
	struct fraud_eval *eval, struct policy_errors *errs);

/*
 * The fraud verdicts of the applicants of table under policy p (which
 * has a fraud section): their features computed against the history
 * table (history NULL: p->fraud->history; none: the applicants alone),
 * the applicants counting as history for later applicants in time
 * order.  *out holds the history's rows first (out->first of them), the
 * applicants' after, in rowid order.  Checks the fraud section against
 * both tables first; errors appended to errs.  Returns 0, or -1 with
 * errs holding the error.
 */
int desk_fraud_verdicts(struct desk *d, const struct policy *p,
	const char *table, const char *history, struct fraud_data *out,
	struct policy_errors *errs);

/* ------------------------------------------------- the fraud score */

struct card_features;
struct dataset;

/*
 * The fraud features of policy p (with a fraud section) as a scorecard
 * keeps them (model/card.h): those whose name is in names[nnames], or
 * all of them when names is NULL, in policy order, with the policy's
 * name, time column and label (which p must have: a fraud card's
 * target).  Returns a heap copy (card_features_free).
 */
struct card_features *desk_fraud_card_features(const struct policy *p,
	const char *const *names, size_t nnames);

/*
 * Compute the fraud features f point in time over every event of table
 * (fraud_data_load: the same computation as the rules') and append each
 * to ds, a dataset of the same table, as a numeric column of the
 * feature's name (rows matched by rowid; a row of ds that the events
 * lack reads NULL).  With label (a column, may be NULL) the label coded
 * as the rules read it becomes ds's target: 1 bad (fraud), any other
 * value good, a reject (ds->reject) indeterminate; y, nbad, ngood and
 * nindet are set again and ds->target points at the label's column,
 * which ds must hold.  Returns 0, or -1 with err: RD_EINPUT for a
 * feature named as a column of ds, a label ds lacks, and as
 * fraud_data_load reports it; RD_EDB.
 */
int desk_fraud_add_features(struct db *db, const struct card_features *f,
	const char *label, const char *table, struct dataset *ds,
	struct rd_err *err);

/*
 * The policy at path loaded for its fraud features (fit and bin
 * --features-from): it must have a fraud section with a label, checked
 * against table (policy_fraud_check_columns).  Returns the policy
 * (policy_free), or NULL with every error, located, in d->load_errors
 * (err the first): RD_EINPUT for a policy without a fraud section or a
 * label and the section's errors against the table; RD_EIO.
 */
struct policy *desk_fraud_features_policy(struct desk *d, const char *path,
	const char *table, struct rd_err *err);

/*
 * ds, a dataset of table, made ready to bin or fit on the fraud
 * features of p (loaded by desk_fraud_features_policy): the table's
 * recorded target, when another column than the label, is dropped (an
 * outcome is no characteristic), the features named in only[nonly]
 * (only NULL: all) appended and the label made the target
 * (desk_fraud_add_features; ds must hold the label's column).  Returns
 * 0, or -1 with err as desk_fraud_add_features.
 */
int desk_fraud_dataset(struct db *db, const struct policy *p,
	const char *table, const char *const *only, size_t nonly,
	struct dataset *ds, struct rd_err *err);

/*
 * The fraud features of card (card->features; none: 0, nothing done)
 * computed over the events of table and appended to ds, a dataset of
 * that table loaded without them (desk_fraud_add_features).  With
 * label_target, the card's label becomes ds's target when ds holds its
 * column (load it with the card's columns), so that a fraud card is
 * measured on fraud.  Returns 0, or -1 with err as
 * desk_fraud_add_features.
 */
struct scorecard;
int desk_fraud_card_complete(struct db *db, const struct scorecard *card,
	const char *table, int label_target, struct dataset *ds,
	struct rd_err *err);

/*
 * The points of the fraud scorecard p->fraud->scorecard (none: 0,
 * nothing done) on the events of table, into data->score (owned by
 * data; rows matched by rowid), its features computed again from the
 * card's definitions.  Call before fraud_evaluate, on data loaded from
 * table alone.  Returns 0, or -1 with the error appended to errs,
 * located at the policy's scorecard key: RD_EINPUT for a scorecard not
 * in the database (named, with what to do), a column of the card the
 * table lacks; RD_EDB.
 */
int desk_fraud_card_score(struct db *db, const struct policy *p,
	const char *table, struct fraud_data *data,
	struct policy_errors *errs);

#endif
