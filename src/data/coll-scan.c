/*
 * coll-scan.c - one pass each over the collections tables (see
 * coll-scan.h).  Plain SELECTs over the named columns in rowid order;
 * the strategy's conditions, checked read-only by db_expr_check, are
 * evaluated by SQLite as CASE columns of the same SELECT.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "data/coll-scan.h"
#include "data/db.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* Append t to heap string s (NULL = empty). */
static char *
cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}

int
coll_columns_check(struct db *db, const char *table,
	const char *const *want, size_t n, size_t *missing,
	struct rd_err *err)
{
	char **names, list[256];
	size_t nn = 0, i, j, off;
	int found;

	if (missing != NULL)
		*missing = n;
	if ((names = db_table_column_names(db, table, &nn, err)) == NULL) {
		if (err != NULL && err->cls == RD_EINPUT)
			rd_err_set(err, RD_EINPUT, "no table named \"%s\": "
			    "import it first (riskdesk import)", table);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (want[i] == NULL)
			continue;
		for (j = 0, found = 0; j < nn && !found; j++)
			found = strcmp(names[j], want[i]) == 0;
		if (found)
			continue;
		list[0] = '\0';
		for (j = 0, off = 0; j < nn && off < sizeof list; j++)
			off += (size_t)snprintf(list + off, sizeof list - off,
			    "%s%s", j ? ", " : "", names[j]);
		if (missing != NULL)
			*missing = i;
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no column "
		    "\"%s\" (it has %s)", table, want[i], list);
		for (j = 0; j < nn; j++)
			free(names[j]);
		free(names);
		return -1;
	}
	for (j = 0; j < nn; j++)
		free(names[j]);
	free(names);
	return 0;
}

/* Run the prepared st, calling fn per row; ncond condition columns
   follow the first first columns.  Returns 0 or -1 with err. */
/* One row of st into *r (truth[nconds] filled). */
static void
row_of(sqlite3_stmt *st, int snapshots, size_t nconds, unsigned char *truth,
	struct coll_row *r)
{
	size_t k;
	int first = snapshots ? 6 : 4;

	r->rowid = sqlite3_column_int64(st, 0);
	r->account = (const char *)sqlite3_column_text(st, 1);
	r->account_len = (size_t)sqlite3_column_bytes(st, 1);
	r->month = (const char *)sqlite3_column_text(st, 2);
	if (snapshots) {
		r->bucket = db_column_num(st, 3);
		r->balance = db_column_num(st, 4);
		r->score = db_column_num(st, 5);
	} else {
		r->treatment = (const char *)sqlite3_column_text(st, 3);
		r->bucket = r->balance = r->score = NAN;
	}
	for (k = 0; k < nconds; k++)
		truth[k] = (unsigned char)sqlite3_column_int(st,
		    first + (int)k);
}

static int
run(struct db *db, sqlite3_stmt *st, int snapshots, size_t nconds,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err)
{
	struct coll_row r;
	unsigned char *truth = xcalloc(nconds ? nconds : 1, 1);
	int rc;

	memset(&r, 0, sizeof r);
	r.truth = truth;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.row++;
		row_of(st, snapshots, nconds, truth, &r);
		if (fn(arg, &r) != 0) {
			free(truth);
			return -1;
		}
	}
	free(truth);
	if (rc != SQLITE_DONE)
		return rd_err_set(err, (rc & 0xff) == SQLITE_ERROR ? RD_EINPUT :
		    RD_EDB, "cannot read the collections tables: %s",
		    sqlite3_errmsg(db_sqlite(db)));
	return 0;
}

/*
 * "SELECT rowid, account, month, <bucket, balance, score | treatment>,
 * CASE WHEN (cond) THEN 1 ELSE 0 END... FROM table" (caller frees).
 */
static char *
select_sql(const char *table, const struct coll_columns *cols,
	int snapshots, const char *const *conds, size_t nconds)
{
	char *sql;
	size_t k;

	sql = db_ident_cat(cat(NULL, "SELECT rowid, "), cols->account);
	sql = db_ident_cat(cat(sql, ", "), cols->month);
	if (snapshots) {
		sql = db_ident_cat(cat(sql, ", "), cols->bucket);
		sql = db_ident_cat(cat(sql, ", "), cols->balance);
		sql = cols->score != NULL ? db_ident_cat(cat(sql, ", "),
		    cols->score) : cat(sql, ", NULL");
	} else {
		sql = db_ident_cat(cat(sql, ", "), cols->treatment);
	}
	for (k = 0; k < nconds; k++)
		sql = cat(cat(cat(sql, ", CASE WHEN ("), conds[k]),
		    ") THEN 1 ELSE 0 END");
	return db_ident_cat(cat(sql, " FROM "), table);
}

/* Prepare sql (freed) on db; NULL with err. */
static sqlite3_stmt *
prepare(struct db *db, const char *table, char *sql, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		rd_err_set(err, RD_EDB, "cannot read table \"%s\": %s", table,
		    sqlite3_errmsg(db_sqlite(db)));
	free(sql);
	return st;
}

int
coll_scan_log(struct db *db, const char *table,
	const struct coll_columns *cols,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err)
{
	const char *want[3] = { cols->account, cols->month, cols->treatment };
	sqlite3_stmt *st;
	int rc;

	if (coll_columns_check(db, table, want, 3, NULL, err) != 0)
		return -1;
	st = prepare(db, table, cat(select_sql(table, cols, 0, NULL, 0),
	    " ORDER BY rowid"), err);
	if (st == NULL)
		return -1;
	rc = run(db, st, 0, 0, fn, arg, err);
	sqlite3_finalize(st);
	return rc;
}

/* Check the snapshot columns and conditions. */
static int
snap_check(struct db *db, const char *table, const struct coll_columns *cols,
	const char *const *conds, size_t nconds, struct rd_err *err)
{
	const char *want[5] = { cols->account, cols->month, cols->bucket,
	    cols->balance, cols->score };
	size_t k;

	if (coll_columns_check(db, table, want, 5, NULL, err) != 0)
		return -1;
	for (k = 0; k < nconds; k++)
		if (db_expr_check(db, table, conds[k], err) != 0)
			return -1;
	return 0;
}

int
coll_scan_snapshots(struct db *db, const char *table,
	const struct coll_columns *cols, const char *month7,
	const char *const *conds, size_t nconds,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;

	if (snap_check(db, table, cols, conds, nconds, err) != 0)
		return -1;
	sql = select_sql(table, cols, 1, conds, nconds);
	if (month7 != NULL) {
		sql = db_ident_cat(cat(sql, " WHERE substr("), cols->month);
		sql = cat(sql, ", 1, 7) = ?1");
	}
	if ((st = prepare(db, table, cat(sql, " ORDER BY rowid"), err)) ==
	    NULL)
		return -1;
	if (month7 != NULL)
		db_bind_text(st, 1, month7, -1, SQLITE_STATIC);
	rc = run(db, st, 1, nconds, fn, arg, err);
	sqlite3_finalize(st);
	return rc;
}

int
coll_scan_rows(struct db *db, const char *table,
	const struct coll_columns *cols, const int64_t *rowids, size_t n,
	const char *const *conds, size_t nconds,
	int (*fn)(void *arg, const struct coll_row *r), void *arg,
	struct rd_err *err)
{
	struct coll_row r;
	unsigned char *truth;
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE, ret = -1;

	if (snap_check(db, table, cols, conds, nconds, err) != 0)
		return -1;
	st = prepare(db, table, cat(select_sql(table, cols, 1, conds, nconds),
	    " WHERE rowid = ?1"), err);
	if (st == NULL)
		return -1;
	truth = xcalloc(nconds ? nconds : 1, 1);
	memset(&r, 0, sizeof r);
	r.truth = truth;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, rowids[i]);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW)
			break;
		r.row = i + 1;
		row_of(st, 1, nconds, truth, &r);
		if (fn(arg, &r) != 0)
			goto done;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rd_err_set(err, (rc & 0xff) == SQLITE_ERROR ? RD_EINPUT :
		    RD_EDB, "cannot read the collections tables: %s",
		    sqlite3_errmsg(db_sqlite(db)));
		goto done;
	}
	ret = 0;
done:
	free(truth);
	sqlite3_finalize(st);
	return ret;
}

int
coll_cond_covers(struct db *db, const char *table,
	const char *bucket_col, const char *cond, int bucket, int *covers,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char **names, *sql;
	size_t n = 0, j;
	int rc;

	*covers = 0;
	if ((names = db_table_column_names(db, table, &n, err)) == NULL)
		return -1;
	sql = cat(NULL, "SELECT CASE WHEN (");
	sql = cat(cat(sql, cond), ") THEN 1 ELSE 0 END FROM (SELECT ");
	for (j = 0; j < n; j++) {
		sql = cat(sql, j ? ", " : "");
		sql = cat(sql, strcmp(names[j], bucket_col) == 0 ? "?1" :
		    "NULL");
		sql = db_ident_cat(cat(sql, " AS "), names[j]);
		free(names[j]);
	}
	free(names);
	sql = cat(sql, ")");
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		rd_err_set(err, RD_EINPUT, "cannot evaluate condition: %s",
		    sqlite3_errmsg(db_sqlite(db)));
		free(sql);
		return -1;
	}
	free(sql);
	sqlite3_bind_int(st, 1, bucket);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*covers = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rd_err_set(err, RD_EINPUT, "cannot evaluate condition: "
		    "%s", sqlite3_errmsg(db_sqlite(db)));
	return 0;
}
