/*
 * policy-edit.h - write a policy back with new cutoffs, keeping the
 * author's file as it was: comments, key order, quoting and spacing.
 *
 * Only the cutoff scalars (and the refer scalars, which move with them)
 * are replaced, in place in the text, at the spans libyaml's start and
 * end marks give for them; every other byte is copied.  A refer bound
 * keeps its distance below the cutoff, as sim_run treats a cutoff
 * override (sim.h), so the written policy simulates exactly as the moved
 * one did.
 */
#ifndef RD_POLICY_POLICY_EDIT_H
#define RD_POLICY_POLICY_EDIT_H

#include <stddef.h>

#include "policy/policy.h"

struct rd_err;

/*
 * The text of p's file (p->path, read again now) with segment k's cutoff
 * written as cutoffs[k] (p->nsegments entries) and its refer bound, when
 * it has one, as cutoffs[k] - (cutoff - refer); when the new cutoff is
 * below the start of the segment's first score band, that start is
 * written as the cutoff (the first band takes the approved scores below
 * its start anyway, so the file stays valid and simulates the same).
 * Numbers are written as
 * plain decimals, never in exponent notation: whole numbers without a
 * decimal part ("600"), others with the fewest decimals strtod reads
 * back exactly ("520.5").  Segments whose cutoff is unchanged keep their text.  Returns
 * a heap string (caller frees) with its length in *len (may be NULL), or
 * NULL with err: RD_EIO when the file cannot be read, RD_EINPUT located
 * at the file when it no longer parses or its cutoff values are not where
 * p says (the file changed since it was loaded).
 */
char *policy_edit_text(const struct policy *p, const double *cutoffs,
	size_t *len, struct rd_err *err);

/*
 * Write policy_edit_text's result to path out (which may be p->path)
 * through util/afile.h: a temporary file beside it (mkstemp, owner-only),
 * synced and renamed over it, so a failure leaves out as it was; a file
 * replaced keeps its mode (a 0600 policy stays 0600), a new one is 0600.
 * Returns 0, or -1 with err (as policy_edit_text; RD_EIO when out cannot
 * be written).
 */
int policy_edit_write(const struct policy *p, const double *cutoffs,
	const char *out, struct rd_err *err);

/*
 * A part of a scalar's value to write anew: bytes [from, from + len) of
 * value (the scalar's value as p holds it, borrowed), written at mark at
 * (the scalar's start, as policy_load recorded it: a fraud rule's
 * when_at), replaced by text (borrowed, under 400 bytes).  Used to move a
 * number inside a condition.
 */
struct policy_edit_span {
	struct policy_mark at;
	const char *value;
	size_t from, len;
	const char *text;
};

/*
 * policy_edit_text and policy_edit_write with the parts spans[nspans]
 * written too (nspans may be 0, spans NULL; cutoffs may be NULL when p
 * has no segment).  A scalar whose text in the file is not its value
 * byte for byte but for its quotes -- one spread over lines, a block
 * scalar, a double-quoted one with escapes -- is refused: RD_EINPUT
 * located at it, asking for it on one line.
 */
char *policy_edit_text_spans(const struct policy *p, const double *cutoffs,
	const struct policy_edit_span *spans, size_t nspans, size_t *len,
	struct rd_err *err);
int policy_edit_write_spans(const struct policy *p, const double *cutoffs,
	const struct policy_edit_span *spans, size_t nspans, const char *out,
	struct rd_err *err);

/*
 * x as a plain decimal, as an edit writes numbers into a policy file:
 * never in exponent notation; a whole number with no decimal part
 * ("600"), any other with the fewest decimals (at most 340) that strtod
 * reads back as x ("20000.5").  buf[len]: len 400 holds any double.
 */
void policy_number_text(char *buf, size_t len, double x);

#endif
