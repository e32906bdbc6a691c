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

/*
 * The values a probe gives each column the conditions read besides the
 * bucket: NULL, empty text, 0 and numbers far either side of any
 * threshold a strategy would write.
 */
static const struct probe_value {
	const char *text;	/* NULL: bind a number */
	double num;
	const char *says;	/* how the message reads it */
} probe_values[] = {
	{ NULL, NAN, "is NULL" }, { "", 0, "is empty" },
	{ NULL, 0, "= 0" }, { NULL, 1e9, "= 1e9" }, { NULL, -1e9, "= -1e9" },
};
#define NPROBE_VALUES (sizeof probe_values / sizeof probe_values[0])
#define PROBE_FULL_MAX 4	/* every combination up to this many columns */

static void
probe_bind(sqlite3_stmt *st, int param, size_t v)
{
	const struct probe_value *pv = &probe_values[v];

	if (pv->text != NULL)
		sqlite3_bind_text(st, param, pv->text, -1, SQLITE_STATIC);
	else if (isnan(pv->num))
		sqlite3_bind_null(st, param);
	else
		sqlite3_bind_double(st, param, pv->num);
}

/*
 * The next probe's value index for each of the k read columns into val:
 * every combination when k is small; else all columns at one value,
 * then each column at each value with the others at each value.
 * Returns 0 when there is no next probe.
 */
static int
probe_next(size_t *val, size_t k, size_t *step)
{
	size_t i, s = (*step)++, nv = NPROBE_VALUES, col, v, rest;

	if (k <= PROBE_FULL_MAX) {
		for (i = 0; i < k; i++, s /= nv)
			val[i] = s % nv;
		return s == 0;	/* 0 after the last of nv^k steps */
	}
	if (s < nv) {
		for (i = 0; i < k; i++)
			val[i] = s;
		return 1;
	}
	s -= nv;
	if (s >= k * nv * nv)
		return 0;
	col = s / (nv * nv);
	v = s / nv % nv;
	rest = s % nv;
	for (i = 0; i < k; i++)
		val[i] = i == col ? v : rest;
	return 1;
}

int
coll_conds_cover(struct db *db, const char *table, const char *bucket_col,
	const char *const *conds, size_t nconds, int bucket, int *covers,
	char *why, size_t whysz, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char **names, **read = NULL, *sql, num[32];
	size_t n = 0, nread = 0, k = 0, i, j, step = 0, off;
	size_t *col = NULL, *val = NULL;
	int rc = SQLITE_DONE, ret = -1, any = 0, some = 0;

	*covers = 1;
	if (why != NULL && whysz > 0)
		why[0] = '\0';
	if ((names = db_table_column_names(db, table, &n, err)) == NULL)
		return -1;
	col = xcalloc(n + 1, sizeof *col);
	val = xcalloc(n + 1, sizeof *val);
	/* The columns, other than the bucket, that some condition reads. */
	for (i = 0; i < nconds; i++) {
		if (db_expr_columns(db, table, conds[i], &read, &nread, err)
		    != 0)
			goto done;
		for (j = 0; j < n; j++) {
			size_t r, seen;

			if (sqlite3_stricmp(names[j], bucket_col) == 0)
				continue;
			for (r = 0; r < nread; r++)
				if (strcmp(read[r], names[j]) == 0)
					break;
			for (seen = 0; seen < k && col[seen] != j; seen++)
				;
			if (r < nread && seen == k)
				col[k++] = j;
		}
		for (j = 0; j < nread; j++)
			free(read[j]);
		free(read);
	}
	sql = cat(NULL, "SELECT CASE WHEN ");
	for (i = 0; i < nconds; i++)
		sql = cat(cat(cat(sql, i ? " OR (" : "("), conds[i]), ")");
	if (nconds == 0)
		sql = cat(sql, "0");
	sql = cat(sql, " THEN 1 ELSE 0 END FROM (SELECT ");
	for (j = 0; j < n; j++) {
		snprintf(num, sizeof num, "%s?%zu", j ? ", " : "", j + 1);
		sql = db_ident_cat(cat(cat(sql, num), " AS "), names[j]);
	}
	sql = cat(sql, ")");
	rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		rd_err_set(err, RD_EINPUT, "cannot evaluate condition: %s",
		    sqlite3_errmsg(db_sqlite(db)));
		goto done;
	}
	while (probe_next(val, k, &step)) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		for (j = 0; j < n; j++)
			if (sqlite3_stricmp(names[j], bucket_col) == 0)
				sqlite3_bind_int(st, (int)j + 1, bucket);
		for (i = 0; i < k; i++)
			probe_bind(st, (int)col[i] + 1, val[i]);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		if (sqlite3_column_int(st, 0)) {
			some = 1;
			continue;
		}
		if (any++)
			continue;
		/* The first uncovered probe, in words. */
		for (i = 0, off = 0; why != NULL && i < k && off < whysz;
		    i++)
			off += (size_t)snprintf(why + off, whysz - off,
			    "%s%s %s", i ? ", " : "", names[col[i]],
			    probe_values[val[i]].says);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rd_err_set(err, RD_EINPUT, "cannot evaluate condition: %s",
		    sqlite3_errmsg(db_sqlite(db)));
		goto done;
	}
	/* 1 covered, 0 never (no probe), -1 only for some values. */
	*covers = !any ? 1 : some ? -1 : 0;
	ret = 0;
done:
	sqlite3_finalize(st);
	for (j = 0; j < n; j++)
		free(names[j]);
	free(names);
	free(col);
	free(val);
	return ret;
}
