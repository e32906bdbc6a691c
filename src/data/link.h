/*
 * link.h - join an applicant extract with a performance extract into a
 * modelling table.
 *
 * Applications arrive as decided; the performance of booked accounts
 * (account id, application id, balance, limit, worst delinquency,
 * charge-off, an outcome column) months later.  link_tables builds the
 * table the model is fitted on: every applicant row, in its order, with
 * the performance columns of its key.  An applicant without performance
 * (rejected, or not booked) gets NULLs there, so its outcome is
 * indeterminate: kept, counted, left out of modelling.  A key that occurs
 * more than once in the performance table cannot be attributed: those
 * applicants get no performance either.  Duplicate keys in either table
 * and performance keys with no applicant (orphans) are reported.
 *
 * The new table is registered in rd_table with the outcome column as its
 * target, so "riskdesk fit --table <as>" works on it; the applicants'
 * declared special values carry over.  With a reject rule (an
 * applicant column holding the decision, --reject-when) the declined
 * applicants are marked as rejects, counted apart from the
 * indeterminate, as import marks them.  One transaction: on error nothing
 * changes.
 */
#ifndef RD_DATA_LINK_H
#define RD_DATA_LINK_H

#include <stddef.h>

#include "data/csv-import.h"

struct db;
struct rd_err;

#define LINK_SHOW_KEYS 5	/* keys listed per problem */

struct link_spec {
	const char *applicants;	/* borrowed: table of applications */
	const char *performance; /* borrowed: table of booked accounts */
	const char *on;		/* borrowed: key column in both */
	const char *target;	/* borrowed: outcome column of performance */
	const char *bad;	/* borrowed: its bad value */
	const char *good[IMPORT_MAX_GOOD];	/* good values, or none */
	size_t ngood;
	const char *as;		/* borrowed: table to create */
	int replace;		/* 1: replace a table called as */
	/* --reject-when: the applicants whose reject_col (a column of the
	   new table) holds reject_value are rejects (db_reject_rule_mark);
	   NULL: none. */
	const char *reject_col, *reject_value;	/* borrowed */
};

/* Keys found more than once, or without a match. */
struct link_keys {
	size_t count;		/* distinct keys with the problem */
	char *first[LINK_SHOW_KEYS];	/* owned: the first few, by row */
	size_t nfirst;
};

struct link_summary {
	size_t applicants;	/* rows of the applicant table = of the new */
	size_t performance;	/* rows of the performance table */
	size_t linked;		/* applicants that got performance */
	size_t bads, goods, indeterminate;	/* of the new table, rejects
						   not counted in them */
	size_t rejects, rejects_known;	/* with reject_col: the rejects,
					   of them with an outcome (not
					   used) */
	struct link_keys dup_applicants, dup_performance, orphans;
	char *target;		/* owned: the outcome column's name in the
				   new table (prefixed "perf_" on a clash) */
};

/*
 * Create table spec->as from spec->applicants and spec->performance (see
 * above).  Performance columns other than the key keep their names unless
 * an applicant column has that name; then they are called perf_<name>.
 * Returns 0 with *sum filled (release with link_summary_done), or -1 with
 * err (RD_EINPUT for an unknown table or column, RD_EDB when the table
 * exists without spec->replace or SQLite fails; RD_EUSAGE for a bad spec).
 */
int link_tables(struct db *db, const struct link_spec *spec,
	struct link_summary *sum, struct rd_err *err);

/* Free what a summary owns.  Safe on a zeroed one. */
void link_summary_done(struct link_summary *sum);

#endif
