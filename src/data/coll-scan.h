/*
 * coll-scan.h - the collections tables read in one pass each: the
 * monthly account snapshots and the log of treatments given (column
 * names from a policy's collections section, riskdesk-policy(5)).  Rows
 * are handed to a callback one at a time, so memory does not grow with
 * the table; the figures are model/collect.c's.
 */
#ifndef RD_DATA_COLL_SCAN_H
#define RD_DATA_COLL_SCAN_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct rd_err;

/* The column names of the two tables (borrowed strings). */
struct coll_columns {
	const char *account, *month;	/* in both tables */
	const char *bucket, *balance;	/* snapshots */
	const char *score;		/* snapshots; NULL when none */
	const char *treatment;		/* the treatment log */
};

/*
 * One row as the scans present it; every pointer is borrowed for the
 * call.  account and month are the cells as text (an integer account
 * as its digits), NULL when the cell is NULL.  Numbers are NaN when
 * NULL or text that is not a number.
 */
struct coll_row {
	size_t row;		/* 1-based, rowid order */
	int64_t rowid;		/* the row's rowid */
	const char *account;
	size_t account_len;
	const char *month;
	double bucket, balance, score;	/* snapshots; score NaN without */
	const char *treatment;		/* the treatment log */
	const unsigned char *truth;	/* [nconds] 1 when condition k is
					   true on the row, else 0 */
};

/*
 * Check that table exists with every column named in want[n] (NULL
 * entries skipped).  Returns 0; -1 with err RD_EINPUT "table \"t\" has
 * no column \"c\" (it has a, b, ...)" or "no table named \"t\"", with
 * *missing (may be NULL) the index in want of the missing column, or n
 * for a missing table; RD_EDB.
 */
int coll_columns_check(struct db *db, const char *table,
	const char *const *want, size_t n, size_t *missing,
	struct rd_err *err);

/*
 * One pass over the treatment log table in rowid order: fn(arg, &r)
 * with r.account, r.month and r.treatment (text, NULL when NULL).  fn
 * returns 0 to go on, non-zero to stop (the scan then returns -1 with
 * err as fn left it).  Returns 0, or -1 with err (RD_EINPUT for an
 * unknown table or column, RD_EDB).
 */
int coll_scan_log(struct db *db, const char *table,
	const struct coll_columns *cols,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err);

/*
 * One pass over the snapshot table in rowid order: fn(arg, &r) with
 * account, month, bucket, balance and score.  month7 non-NULL: only
 * rows whose month cell starts with those 7 characters ("2024-06"),
 * with r.truth[k] the truth of conds[k] (nconds read-only SQL
 * conditions over the table, each checked with db_expr_check; true as
 * cond_first takes it: not NULL and not 0).  fn as coll_scan_log.
 * Returns 0, or -1 with err (db_expr_check's for a condition, RD_EDB).
 */
int coll_scan_snapshots(struct db *db, const char *table,
	const struct coll_columns *cols, const char *month7,
	const char *const *conds, size_t nconds,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err);

/*
 * The snapshot rows rowids[n] of table, in that order, each with the
 * truth of conds[nconds] (as coll_scan_snapshots gives it); r.row is the
 * index in rowids + 1.  A rowid not in the table is skipped.  One look-up
 * by rowid each.  Returns 0, or -1 with err as coll_scan_snapshots.
 */
int coll_scan_rows(struct db *db, const char *table,
	const struct coll_columns *cols, const int64_t *rowids, size_t n,
	const char *const *conds, size_t nconds,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err);

/*
 * Whether the strategy conditions conds[0..nconds) (each checked with
 * db_expr_check over table) cover bucket: whether one of them is true on
 * every probe row of table whose column bucket_col is bucket, whose
 * columns that no condition reads are NULL, and whose other columns the
 * conditions read take NULL, empty text, 0, 1e9 or -1e9 (every
 * combination when they read at most 4 such columns; else all at one
 * value, then each column at each value with the rest at each value).
 * *covers is 1 when every probe is covered, 0 when none is, -1 when some
 * are; then why (whysz bytes) names the first uncovered probe's values,
 * such as "balance is NULL, score = 1e9" ("" when no other column is
 * read).  Returns 0, or -1 with err.
 */
int coll_conds_cover(struct db *db, const char *table,
	const char *bucket_col, const char *const *conds, size_t nconds,
	int bucket, int *covers, char *why, size_t whysz, struct rd_err *err);

#endif
