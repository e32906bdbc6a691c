/*
 * settings.c - named values kept in the database (see settings.h).
 */
#include "config.h"

#include <sqlite3.h>
#include <stddef.h>

#include "data/db.h"
#include "data/settings.h"
#include "util/err.h"
#include "util/xmalloc.h"

static int
settings_table(sqlite3 *s, struct rd_err *err)
{
	if (sqlite3_exec(s, "CREATE TABLE IF NOT EXISTS rd_setting("
	    "key TEXT PRIMARY KEY, value TEXT)", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot create rd_setting: %s",
		    sqlite3_errmsg(s));
	return 0;
}

char *
db_setting_get(struct db *db, const char *key, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char *value = NULL;
	int rc;

	rc = sqlite3_prepare_v2(s, "SELECT value FROM rd_setting WHERE key = ?",
	    -1, &st, NULL);
	if (rc != SQLITE_OK) {
		/* No table yet means no setting, not an error. */
		sqlite3_finalize(st);
		return NULL;
	}
	db_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		value = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rd_err_set(err, RD_EDB, "cannot read setting %s: %s", key,
		    sqlite3_errmsg(s));
	sqlite3_finalize(st);
	return value;
}

int
db_setting_put(struct db *db, const char *key, const char *value,
	struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	int rc;

	if (settings_table(s, err) != 0)
		return -1;
	if (sqlite3_prepare_v2(s, "INSERT OR REPLACE INTO rd_setting(key, "
	    "value) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot store setting %s: %s",
		    key, sqlite3_errmsg(s));
	db_bind_text(st, 1, key, -1, SQLITE_STATIC);
	db_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rd_err_set(err, RD_EDB, "cannot store setting %s: %s",
		    key, sqlite3_errmsg(s));
	return 0;
}
