/*
 * desk-internal.h - what the desk's own files (src/desk*.c) share and
 * the front ends never call: the database of a desk, the naming of a
 * table in an error, and the hook through which every write of a
 * scorecard tells the session, so that the policies scored with that
 * scorecard are marked out of date (desk.h, desk_stale).
 *
 * The parts of the facade (desk-model.c, ...) include this header and
 * their own, never desk.h: the session uses the parts, the parts reach
 * the session only through these calls.
 */
#ifndef RD_DESK_INTERNAL_H
#define RD_DESK_INTERNAL_H

#include "policy/policy.h"

struct db;
struct desk;
struct rd_err;

/*
 * Put an input error without a file of its own at mark of policy p, so
 * that a missing scorecard or column is reported where the policy names
 * it.
 */
void desk_relocate(struct rd_err *err, const struct policy *p,
	struct policy_mark mark);

/*
 * The credit scorecard of policy p (its "scorecard" key) read from db and
 * parsed; sha256 (NULL: not wanted) gets the fingerprint of the stored
 * text.  A scorecard that is missing, cannot be read or is a fraud
 * scorecard (fitted with --features-from: it ranks a fraud section's
 * alerts, its features computed from earlier events) is an error at that
 * key, the same for check-policy, the report, the workbench and decide.
 * Returns the card (card_free) or NULL with err.
 */
struct scorecard *desk_policy_card(struct db *db, const struct policy *p,
	char *sha256, struct rd_err *err);

/*
 * What desk_check_policy_table left to a run (*deferred): every segment
 * of p whose EAD is infinite or negative on an applicant it takes of
 * table, counted over the whole table and worded as check-policy words
 * it ("EAD is negative on n rows of segment ...", located at the ead),
 * appended to errs.  For a run that stopped on such an EAD, so that its
 * verdict is check-policy's.  Returns 0, or -1 with err when a query
 * fails.
 */
int desk_ead_range_errors(struct db *db, const struct policy *p,
	const char *table, struct policy_errors *errs, struct rd_err *err);

/* The desk's database (borrowed: valid until desk_close). */
struct db *desk_db(struct desk *d);

/* Name table in err's message, before the rest ("table "t": ..."),
   unless the message names it already. */
void desk_err_in_table(struct rd_err *err, const char *table);

/*
 * Scorecard name was just stored with the text body in d's database (by
 * desk_fit, desk_study_save): every loaded policy that names it now
 * scores with an older card than the database holds, unless body is the
 * text it was scored with.  Marks them (desk_stale DESK_STALE_CARD); the
 * next desk_refresh scores them again.  No I/O.
 */
void desk_card_stored(struct desk *d, const char *name, const char *body);

#endif
