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
	struct policy_mark at, when_at;
};

struct policy_segment {
	char *name;		/* owned */
	char *when;		/* owned SQL condition; NULL for the default */
	double cutoff;		/* approve when score >= cutoff */
	double refer;		/* refer when refer <= score < cutoff; NaN none */
	double lgd;		/* loss given default, 0..1 */
	char *ead;		/* owned: SQL expression for EAD */
	struct policy_mark at, when_at, ead_at, cutoff_at;
};

struct policy {
	char *path;		/* owned: the file it was read from */
	char *name;		/* owned: "name:" or the file's base name */
	char *scorecard;	/* owned */
	char *population;	/* owned */
	struct policy_rule *knockouts;	/* [nknockouts] owned */
	size_t nknockouts;
	struct policy_segment *segments;	/* [nsegments] owned, >= 1 */
	size_t nsegments;
};

/*
 * Read and validate the policy file at path.  Returns a policy to free
 * with policy_free, or NULL with err located in the file: RD_EIO when it
 * cannot be read, RD_EINPUT for YAML syntax, an unknown key (naming the
 * nearest valid one), a wrong type, a missing required key, a duplicate
 * segment or knock-out name, LGD outside [0, 1], a refer bound not below
 * its cutoff, a default segment that is not last, aliases or nesting
 * beyond fixed limits.
 */
struct policy *policy_load(const char *path, struct rd_err *err);

/*
 * Check every condition and EAD expression of p against the columns of
 * table in db (db_expr_check).  Returns 0, or -1 with err located at the
 * expression in the policy file.
 */
int policy_check_columns(const struct policy *p, struct db *db,
	const char *table, struct rd_err *err);

/* Index of the segment called name, or -1. */
int policy_segment_index(const struct policy *p, const char *name);

void policy_free(struct policy *p);

#endif
