/*
 * runstore.h - simulation runs kept in the database: one row per run and
 * one per applicant of the run, so a decision can be traced afterwards
 * ("why was applicant 123 declined under the champion of last Tuesday?").
 *
 * Tables (created on the first run stored):
 *   rd_run(id INTEGER PRIMARY KEY, policy TEXT, policy_file TEXT,
 *          scorecard TEXT, population TEXT, role TEXT, cutoffs TEXT,
 *          applicants INTEGER, created TEXT)
 *     role is "champion" or "challenger"; cutoffs "segment=points ..."
 *     as simulated; created the UTC time of storing (never printed in a
 *     report, which stays reproducible).
 *   rd_run_outcome(run INTEGER, row INTEGER, knockout TEXT, segment TEXT,
 *          band INTEGER, decision TEXT, reasons TEXT, score REAL, pd REAL,
 *          ead REAL, credit_limit REAL, PRIMARY KEY (run, row))
 *     row is the population's rowid; knockout the rule that fired (NULL
 *     when none); segment NULL when knocked out; band 1-based, NULL when
 *     none; decision "approve", "refer", "decline" or "knockout";
 *     reasons the knock-out's reason code, or for a score decline or refer
 *     the scorecard's reason codes, most points lost first, separated by
 *     spaces (NULL when approved); credit_limit NULL when none.
 *
 * Call sequence: runstore_begin, runstore_add per applicant, then
 * runstore_commit (or runstore_abort): all in one transaction, so a
 * failure leaves the database as it was.  Run ids count up from 1 in a
 * new database, so runs are reproducible.
 */
#ifndef RD_DATA_RUNSTORE_H
#define RD_DATA_RUNSTORE_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct rd_err;
struct runstore;

struct run_header {
	const char *policy, *policy_file, *scorecard, *population;
	const char *role;		/* "champion" or "challenger" */
	const char *cutoffs;		/* "seg=points ..." */
	size_t applicants;
};

/* One applicant's outcome; strings may be NULL (stored as NULL). */
struct run_outcome {
	int64_t row;
	const char *knockout, *segment, *decision, *reasons;
	int band;			/* 0-based; -1 none */
	double score, pd, ead, limit;	/* NaN is stored as NULL */
};

/*
 * Start storing a run described by h.  Returns a writer for runstore_add
 * and runstore_commit, or NULL with err (RD_EDB).
 */
struct runstore *runstore_begin(struct db *db, const struct run_header *h,
	struct rd_err *err);

/* Store one outcome.  Returns 0 or -1 with err (RD_EDB); on failure call
   runstore_abort. */
int runstore_add(struct runstore *w, const struct run_outcome *o,
	struct rd_err *err);

/* Commit and free w.  Returns the run id (>= 1), or -1 with err, having
   rolled back. */
int64_t runstore_commit(struct runstore *w, struct rd_err *err);

/* Roll back and free w.  NULL is a no-op. */
void runstore_abort(struct runstore *w);

/*
 * The number of outcomes of run with decision (NULL: all) into *count.
 * Returns 0, or -1 with err (RD_EDB).
 */
int runstore_count(struct db *db, int64_t run, const char *decision,
	size_t *count, struct rd_err *err);

/*
 * The reasons stored for row of run, as a heap string the caller frees
 * ("" when NULL).  NULL with err (RD_EINPUT when there is no such
 * outcome, RD_EDB).
 */
char *runstore_reasons(struct db *db, int64_t run, int64_t row,
	struct rd_err *err);

#endif
