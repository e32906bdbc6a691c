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
 *     report, which stays reproducible).  A simulation run also records
 *     policy_sha256 and scorecard_sha256 (below) and, when its cutoffs
 *     override the policy file's, file_cutoffs: the file's own,
 *     "segment=points ..." (NULL when the run is at the file's).
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
 * Decision runs (riskdesk decide, runstore_decide) are rows of rd_run with
 * kind "decide" and role "decide", and these columns (added to a
 * database made before them on the next run stored; NULL on a simulation
 * run): kind ("simulation" or "decide"), policy_sha256 (of the policy
 * file's bytes), scorecard_sha256 (of the stored scorecard's text),
 * input (the table, or the CSV file decided), input_rows, input_sha256
 * (of the values read, or the CSV file's bytes), output and
 * output_sha256 (NULL for standard output), version (riskdesk's), and
 * the applicants approved, referred, declined (knock-outs included, as
 * the simulation counts them) and knocked out.  A decision run stores no per-applicant rows: its output file
 * holds them.
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
	/* The policy file's own cutoffs, "seg=points ...", when cutoffs
	   override them; NULL when the run is at the file's. */
	const char *file_cutoffs;
	/* SHA-256 (hex) of the policy file's bytes and of the stored
	   scorecard's text, as the run was simulated; NULL or "" unknown
	   (stored as NULL). */
	const char *policy_sha256, *scorecard_sha256;
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

/* A decision run to record; strings may be NULL (stored as NULL). */
struct run_decide {
	const char *policy, *policy_file, *policy_sha256;
	const char *scorecard, *scorecard_sha256;
	const char *table;		/* the table decided */
	const char *input;		/* what was given: table or CSV */
	size_t input_rows;
	const char *input_sha256;
	const char *output, *output_sha256;
	const char *cutoffs;		/* "seg=points ..." */
	const char *version;
	size_t approved, referred, declined, knocked_out;
};

/*
 * Record decision run r in rd_run (one transaction), created now (UTC).
 * Returns its id (>= 1), or -1 with err (RD_EDB), the database as it was.
 */
int64_t runstore_decide(struct db *db, const struct run_decide *r,
	struct rd_err *err);

/* One stored run as runstore_list gives it; strings owned, may be NULL. */
struct run_row {
	int64_t id;
	char *kind;			/* "simulation" or "decide" */
	char *created, *policy, *policy_file, *policy_sha256;
	char *scorecard, *scorecard_sha256;
	char *input, *input_sha256;	/* input: the population of a
					   simulation run */
	size_t input_rows;		/* applicants */
	char *output, *output_sha256, *version, *role, *cutoffs;
	char *file_cutoffs;		/* NULL: at the policy file's */
	int has_counts;			/* the counts below are stored */
	size_t approved, referred, declined, knocked_out;
};

/*
 * Every run stored, oldest first, into *out (*n entries; free with
 * runstore_list_free; NULL and 0 when none).  Returns 0, or -1 with err
 * (RD_EDB).
 */
int runstore_list(struct db *db, struct run_row **out, size_t *n,
	struct rd_err *err);
void runstore_list_free(struct run_row *v, size_t n);

/*
 * Make sure runs can be recorded in db (the file and its journal
 * writable: a write tried and rolled back), before a run does work it
 * could not record.  Changes nothing.  Returns 0, or -1 with err (RD_EDB
 * naming the database: read-only, locked, full).
 */
int runstore_ready(struct db *db, struct rd_err *err);

#endif
