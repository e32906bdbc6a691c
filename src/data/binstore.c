/*
 * binstore.c - saved binnings of characteristics (see binstore.h).  The
 * table is created on the first write, so reading a database that never
 * saved a binning finds none rather than failing.
 */
#include "config.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>

#include "data/binstore.h"
#include "data/db.h"
#include "util/err.h"
#include "util/xmalloc.h"

static int
binning_table(sqlite3 *s, struct rd_err *err)
{
	if (sqlite3_exec(s, "CREATE TABLE IF NOT EXISTS rd_binning("
	    "tbl TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, "
	    "PRIMARY KEY(tbl, name))", NULL, NULL, NULL) != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot create rd_binning: %s",
		    sqlite3_errmsg(s));
	return 0;
}

/* 1 when rd_binning exists, 0 when not, -1 on error. */
static int
binning_exists(sqlite3 *s, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'rd_binning'", -1, &st, NULL) !=
	    SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot read the schema: %s",
		    sqlite3_errmsg(s));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return rd_err_set(err, RD_EDB, "cannot read the schema: %s",
	    sqlite3_errmsg(s));
}

int
db_binning_put(struct db *db, const char *table, const char *name,
	const char *body, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	int rc;

	if (binning_table(s, err) != 0)
		return -1;
	if (sqlite3_prepare_v2(s, "INSERT OR REPLACE INTO rd_binning(tbl, "
	    "name, body) VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot save the binning of "
		    "%s: %s", name, sqlite3_errmsg(s));
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	db_bind_text(st, 2, name, -1, SQLITE_STATIC);
	db_bind_text(st, 3, body, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		rd_err_set(err, RD_EDB, "cannot save the binning of %s: %s",
		    name, sqlite3_errmsg(s));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

char *
db_binning_get(struct db *db, const char *table, const char *name,
	struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char *body = NULL;
	int rc;

	if (binning_exists(s, err) <= 0)
		return NULL;
	if (sqlite3_prepare_v2(s, "SELECT body FROM rd_binning WHERE tbl = ? "
	    "AND name = ?", -1, &st, NULL) != SQLITE_OK) {
		rd_err_set(err, RD_EDB, "cannot read the binning of %s: %s",
		    name, sqlite3_errmsg(s));
		return NULL;
	}
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	db_bind_text(st, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		body = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rd_err_set(err, RD_EDB, "cannot read the binning of %s: %s",
		    name, sqlite3_errmsg(s));
	sqlite3_finalize(st);
	return body;
}

int
db_binning_delete(struct db *db, const char *table, const char *name,
	struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = binning_exists(s, err)) <= 0)
		return rc;
	if (sqlite3_prepare_v2(s, "DELETE FROM rd_binning WHERE tbl = ? AND "
	    "name = ?", -1, &st, NULL) != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot remove the binning of "
		    "%s: %s", name, sqlite3_errmsg(s));
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	db_bind_text(st, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rd_err_set(err, RD_EDB, "cannot remove the binning of "
		    "%s: %s", name, sqlite3_errmsg(s));
	return 0;
}

char **
db_binning_list(struct db *db, const char *table, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char **v = xcalloc(1, sizeof *v);
	size_t n = 0;
	int rc;

	if ((rc = binning_exists(s, err)) <= 0) {
		if (rc < 0) {
			free(v);
			return NULL;
		}
		return v;
	}
	if (sqlite3_prepare_v2(s, "SELECT name FROM rd_binning WHERE tbl = ? "
	    "ORDER BY name", -1, &st, NULL) != SQLITE_OK) {
		rd_err_set(err, RD_EDB, "cannot list binnings: %s",
		    sqlite3_errmsg(s));
		free(v);
		return NULL;
	}
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 2, sizeof *v);
		v[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		v[n] = NULL;
	}
	if (rc != SQLITE_DONE) {
		rd_err_set(err, RD_EDB, "cannot list binnings: %s",
		    sqlite3_errmsg(s));
		while (n > 0)
			free(v[--n]);
		free(v);
		v = NULL;
	}
	sqlite3_finalize(st);
	return v;
}
