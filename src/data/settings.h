/*
 * settings.h - small named values kept in the database between sessions,
 * such as the policy last opened, so that "riskdesk --db FILE" reopens
 * the workbench where the officer left it.
 *
 * Table: rd_setting(key TEXT PRIMARY KEY, value TEXT), created on first
 * write.
 */
#ifndef RD_DATA_SETTINGS_H
#define RD_DATA_SETTINGS_H

struct db;
struct rd_err;

/*
 * The value stored under key, as a heap string the caller frees; NULL when
 * there is none (err untouched) or on a database error (err filled, class
 * RD_EDB).
 */
char *db_setting_get(struct db *db, const char *key, struct rd_err *err);

/* Store value under key, replacing any.  Returns 0 or -1 with err. */
int db_setting_put(struct db *db, const char *key, const char *value,
	struct rd_err *err);

#endif
