/*
 * monscan.h - one pass over a performance table of monthly account
 * snapshots (account id, snapshot month, days past due, charge-off flag)
 * into arrays the monitoring statistics read (model/monitor.h).
 *
 * Accounts are the rows of an application table: monscan_keys maps an
 * application id (the id column of a loaded dataset) to its row, and
 * every snapshot whose id is an application row becomes one element of
 * struct mon_snapshots with acct = that row.  Snapshots of ids no
 * application has are counted (orphans), not kept.  Months are parsed
 * by a hook the caller gives (the data layer knows no calendar), and so
 * is a delinquency bucket given as text in the days-past-due column.
 *
 * Memory: 21 bytes per snapshot kept (acct, month, dpd, flag), plus 16
 * bytes per application for the keys.  Time: one sequential read of the
 * table (a hash look-up per integer id, a binary search per text id).
 */
#ifndef RD_DATA_MONSCAN_H
#define RD_DATA_MONSCAN_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct ds_column;
struct rd_err;

/* Application id -> application row. */
struct monscan_keys;

/*
 * The keys of id column col of nrows rows (borrowed while the keys
 * live: a text column's levels are looked up in place).  A NULL id is
 * no key; an integer id is the 64-bit integer SQLite holds (ds.h
 * ds_cell_int64), so 16-19 digit ids past 2^53 stay apart.  Returns the
 * keys (monscan_keys_free), or NULL with err RD_EINPUT when two rows
 * share an id (*dup_row, may be NULL, the second row) or a cell holds a
 * fraction or a real past 64 bits (ids are whole numbers or text).
 */
struct monscan_keys *monscan_keys_new(const struct ds_column *col,
	size_t nrows, size_t *dup_row, struct rd_err *err);
void monscan_keys_free(struct monscan_keys *k);

/* The columns of the performance table (borrowed names). */
struct monscan_cols {
	const char *id;		/* account = application id */
	const char *month;	/* "YYYY-MM" or an ISO date */
	const char *dpd;	/* days past due (number), or a bucket (text) */
	const char *charge_off;	/* 0 / 1, or text yes/no, true/false, y/n */
};

struct monscan_hooks {
	/* Text -> month number; 0 ok, -1 not a month. */
	int (*month)(const char *s, int *m);
	/* A text days-past-due value (a bucket name) -> days past due;
	   NaN when not one.  What the message names as expected: */
	double (*dpd_text)(const char *s);
	const char *dpd_expected;
};

struct mon_snapshots {
	size_t n;
	size_t *acct;		/* [n] application rows, owned */
	int *month;		/* [n] owned */
	double *dpd;		/* [n] owned */
	unsigned char *co;	/* [n] owned */
	size_t rows;		/* rows of the table read */
	size_t orphans;		/* rows whose id no application has */
	size_t skipped;		/* rows of applications keep[] left out */
	int64_t first_orphan_rowid;	/* -1 when none */
};

/*
 * Whether table exists and has every column of c, before any row is read
 * (monscan_read checks it again): 0, or -1 with err RD_EINPUT
 * 'performance table "T" does not exist: import the snapshots with
 * riskdesk import --table T', or '... has no column "C" (--month): its
 * columns are ...'.
 */
int monscan_check(struct db *db, const char *table,
	const struct monscan_cols *c, struct rd_err *err);

/*
 * Read every row of table (columns c) and keep the snapshots of the
 * applications k knows whose keep[row] is non-zero (keep may be NULL:
 * all).  A NULL charge-off flag is 0.  Returns 0 with *out filled
 * (mon_snapshots_done), or -1 with err and *out empty: RD_EINPUT for an
 * unknown table or column (listing the table's columns), a NULL id,
 * month or days past due, a month the hook refuses, a negative days
 * past due, a flag that is none of the words, each located as
 * 'table "T", row R (rowid), column "C": expected ..., found "..."';
 * RD_EDB when SQLite fails.
 */
int monscan_read(struct db *db, const char *table,
	const struct monscan_cols *c, const struct monscan_hooks *h,
	const struct monscan_keys *k, const unsigned char *keep,
	struct mon_snapshots *out, struct rd_err *err);
/* What monscan_each hands over of each snapshot kept: its application
   row, month, days past due (>= 0) and charge-off flag (0 / 1).  0 to
   go on, non-zero to stop the pass. */
typedef int (*monscan_fn)(void *arg, size_t acct, int month, double dpd,
	unsigned char co);

/*
 * The pass of monscan_read without the arrays: fn(arg, ...) for each
 * snapshot kept, in the table's row order, with the same refusals.
 * Memory: nothing per row.  out gets the counters (rows, orphans,
 * skipped, first_orphan_rowid); its n stays 0 and its arrays NULL.
 * Returns 0, 1 when fn stopped the pass (the counters then cover the
 * rows read so far), or -1 with err as monscan_read.
 */
int monscan_each(struct db *db, const char *table,
	const struct monscan_cols *c, const struct monscan_hooks *h,
	const struct monscan_keys *k, const unsigned char *keep,
	monscan_fn fn, void *arg, struct mon_snapshots *out,
	struct rd_err *err);

/*
 * Where the snapshots of application row acct in month are: the row
 * numbers (as monscan_read counts them, from 1) and rowids of the first
 * max such rows of table, in row[] and rowid[], their number in *found
 * (may be more than max).  One more read of the id and month columns,
 * for an error to name them.  Returns 0, or -1 with err.
 */
int monscan_find(struct db *db, const char *table,
	const struct monscan_cols *c, const struct monscan_hooks *h,
	const struct monscan_keys *k, size_t acct, int month, size_t *row,
	int64_t *rowid, size_t max, size_t *found, struct rd_err *err);

void mon_snapshots_done(struct mon_snapshots *s);

#endif
