/*
 * desk-fraud-tune.h - the fraud rules' thresholds under the risk
 * officer's hands (the workbench's Fraud screen): listed, moved with the
 * figures evaluated again at once, the curve of the selected one, and
 * the moved thresholds written into the policy file.  The numbers are
 * fraud/fraud-tune.h's over the features a desk_fraud computed once.
 *
 * Call sequence: desk_fraud_run, then desk_fraud_tune_init on its
 * result; desk_fraud_tune_select for the threshold shown (one SQL pass
 * over the table for its rule, and the curve); desk_fraud_tune_set for
 * each move (a pass in memory; f->eval is evaluated again);
 * desk_fraud_save to write the file; desk_fraud_tune_carry to keep the
 * moves over a new evaluation of the same policy.  desk_fraud_tune_done,
 * then desk_fraud_done.
 */
#ifndef RD_DESK_FRAUD_TUNE_H
#define RD_DESK_FRAUD_TUNE_H

#include "desk/desk-fraud.h"
#include "fraud/fraud-tune.h"

struct desk;
struct rd_err;

/* The curve's points at most (fraud_tune_curve's maxpts). */
#define DESK_FRAUD_CURVE_POINTS 200

struct desk_fraud_tune {
	struct fraud_threshold *th;	/* [nth] owned: every rule's, rule
					   by rule, in the order written */
	size_t nth;
	double *values;			/* [nth] owned: as moved */
	size_t tuned;			/* the threshold tune is of; nth:
					   none */
	struct fraud_tune tune;
	struct fraud_curve_point *curve;	/* [ncurve] owned */
	size_t ncurve;
};

/* List the thresholds of f's rules into *t (zeroed first; release with
   desk_fraud_tune_done).  Returns t->nth. */
size_t desk_fraud_tune_init(const struct desk_fraud *f,
	struct desk_fraud_tune *t);

void desk_fraud_tune_done(struct desk_fraud_tune *t);

/* The first threshold of rule r in t, or t->nth when it has none; *n
   the rule's count. */
size_t desk_fraud_tune_of_rule(const struct desk_fraud_tune *t, size_t r,
	size_t *n);

/*
 * Make threshold k the one tuned: its rule's verdicts with the
 * comparison true and false (fraud_tune_prepare on f's table), and its
 * curve over f's events in scope.  Nothing is done when k is tuned
 * already.  Returns 0, or -1 with err as fraud_tune_prepare (then none
 * is tuned).
 */
int desk_fraud_tune_select(struct desk *d, struct desk_fraud *f,
	struct desk_fraud_tune *t, size_t k, struct rd_err *err);

/*
 * Move threshold k to x (selected first when it is not), and evaluate
 * f's rule set again into f->eval.  Returns 0, or -1 with err: RD_EUSAGE
 * for an x that is not a finite number; desk_fraud_tune_select's.
 */
int desk_fraud_tune_set(struct desk *d, struct desk_fraud *f,
	struct desk_fraud_tune *t, size_t k, double x, struct rd_err *err);

/*
 * The value steps distinct values of the feature away from threshold
 * k's (which must be tuned): the values where the rule's verdict on some
 * event changes (t->tune.steps), past the last the largest plus 1 and
 * before the first the smallest minus 1.  Moving by one step changes
 * the figures whenever anything can.
 */
double desk_fraud_tune_step(const struct desk_fraud_tune *t, size_t k,
	int steps);

/* How many thresholds are not where the file has them. */
size_t desk_fraud_tune_moved(const struct desk_fraud_tune *t);

/*
 * Carry the thresholds moved in ot (of the evaluation of) over to t (of
 * f, an evaluation of the same policy loaded again, or of its table
 * written again): a threshold of t whose rule has the same name, with
 * the same comparison at the same place among the rule's thresholds and
 * the same number in the file, is moved where ot's is (desk_fraud_tune_
 * set).  A number the file changed is the file's.  Returns how many were
 * carried; err is set when one could not be (the others after it are not
 * tried).
 */
size_t desk_fraud_tune_carry(struct desk *d, const struct desk_fraud *of,
	const struct desk_fraud_tune *ot, struct desk_fraud *f,
	struct desk_fraud_tune *t, struct rd_err *err);

/*
 * Write f's policy with the thresholds as moved into path (may be the
 * policy's own file), every other byte as it was (policy_edit_write_
 * spans; a champion's moved cutoffs are written too when the champion is
 * that file), then load the written file as the champion when f's policy
 * was the champion's.  Returns 0, or -1 with err: afile_check_target's,
 * policy_edit_write_spans', desk_load_policy's.
 */
int desk_fraud_save(struct desk *d, const struct desk_fraud *f,
	const struct desk_fraud_tune *t, const char *path, struct rd_err *err);

#endif
