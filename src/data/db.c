/*
 * db.c - the riskdesk database (see db.h): opening it, the metadata tables,
 * loading an imported table column-wise into a struct dataset, stored
 * scorecards, and read-only SQL expressions for policy rules and segments.
 *
 * This is the bottom of the data layer and, with csv-import.c, the only
 * place that speaks SQL.  Values always travel as bound parameters; table
 * and column names cannot be bound, so they are quoted as identifiers by
 * db_ident_cat.  Every SQLite failure is copied into the caller's rd_err at
 * once, because the next SQLite call may overwrite sqlite3_errmsg().
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/db.h"
#include "data/ds.h"
#include "util/hash.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct db {
	sqlite3 *h;
	char *path;	/* owned copy of the name given to db_open */
	/* Functions an expression may call (expr_funcs_load): deterministic
	   scalar ones, and aggregate or window ones (refused later with
	   their own message); NULL until first needed. */
	char **funcs;
	size_t nfuncs;
	/* db_window_set: every row pass reads rowids in [lo, hi) only. */
	int window;
	sqlite3_int64 lo, hi;
	/* The relation db_rowid_range last found with rows but no rowids
	   (a view): a window never applies to it, its rows are read whole
	   (owned; NULL when none). */
	char *whole;
	/* Set during db_expr_check_with and db_expr_scan_with: expressions
	   may call rd_value(), the values given by name. */
	int with_values;
};

static const char *const db_schema[] = {
	"CREATE TABLE IF NOT EXISTS rd_table(name TEXT PRIMARY KEY, "
	    "target TEXT, bad TEXT, good TEXT, source TEXT, rows INTEGER, "
	    "bads INTEGER, goods INTEGER, indeterminate INTEGER)",
	"CREATE TABLE IF NOT EXISTS rd_scorecard(name TEXT PRIMARY KEY, "
	    "population TEXT, body TEXT)",
	"CREATE TABLE IF NOT EXISTS rd_special(tbl TEXT, col TEXT, "
	    "value TEXT, PRIMARY KEY (tbl, col, value))",
	"CREATE TABLE IF NOT EXISTS rd_reject(tbl TEXT, line INTEGER, "
	    "raw TEXT, reason TEXT)",
	"CREATE TABLE IF NOT EXISTS rd_column(tbl TEXT, col TEXT, "
	    "role TEXT, note TEXT, PRIMARY KEY (tbl, col))",
	"CREATE TABLE IF NOT EXISTS rd_reject_rule(tbl TEXT PRIMARY KEY, "
	    "col TEXT, value TEXT, rejects INTEGER, known INTEGER)",
	"CREATE TABLE IF NOT EXISTS rd_inference(name TEXT PRIMARY KEY, "
	    "kgb TEXT, population TEXT, method TEXT, spec TEXT)",
	"CREATE TABLE IF NOT EXISTS rd_infer_row(name TEXT, src INTEGER, "
	    "reject INTEGER, bad INTEGER, weight REAL)",
};

/* ------------------------------------------------------------- helpers */

/* Record SQLite's current error on h as RD_EDB: "what: sqlite message". */
static int
db_fail(struct rd_err *err, sqlite3 *h, const char *what)
{
	return rd_err_set(err, RD_EDB, "%s: %s", what, sqlite3_errmsg(h));
}

/*
 * A read of table by rowid failed to prepare: the reason, and when the
 * table has no rowid column (a WITHOUT ROWID table) what to do, in err.
 * Returns -1.
 */
static int
read_fail(struct rd_err *err, sqlite3 *h, const char *table,
	const char *rowid, const char *what)
{
	char want[96];

	snprintf(want, sizeof want, "no such column: %s", rowid);
	if (strcmp(sqlite3_errmsg(h), want) == 0)
		return rd_err_set(err, RD_EINPUT, "%s \"%s\": it has no rowid "
		    "(a WITHOUT ROWID table), and riskdesk reads a table's "
		    "rows in rowid order: copy it into an ordinary table "
		    "first (CREATE TABLE t AS SELECT * FROM \"%s\") and use "
		    "that", what, table, table);
	return db_fail(err, h, what);
}

/* Append the plain text t to the heap string s (NULL = empty). */
static char *
str_cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}


/* Whether the window, if one is set, applies to a pass over table: not
   to a relation whose rows have no rowid (db_rowid_range found it),
   which is read whole. */
static int
window_on(const struct db *db, const char *table)
{
	return db->window && !(db->whole != NULL && table != NULL &&
	    strcmp(db->whole, table) == 0);
}

/*
 * Append the row order of a pass over a table to sql: " ORDER BY rowid",
 * after " WHERE rowid >= lo AND rowid < hi" while a window is set
 * (rowid: the name rowid is reachable under); window_cat the window
 * alone.
 */
static char *
window_cat(const struct db *db, const char *table, char *sql,
	const char *rowid)
{
	char w[96];

	if (window_on(db, table)) {
		sql = str_cat(str_cat(sql, " WHERE "), rowid);
		snprintf(w, sizeof w, " >= %lld AND ", (long long)db->lo);
		sql = str_cat(str_cat(str_cat(sql, w), rowid), "");
		snprintf(w, sizeof w, " < %lld", (long long)db->hi);
		sql = str_cat(sql, w);
	}
	return sql;
}

static char *
rows_cat(const struct db *db, const char *table, char *sql,
	const char *rowid)
{
	sql = window_cat(db, table, sql, rowid);
	return str_cat(str_cat(sql, " ORDER BY "), rowid);
}

void
db_window_set(struct db *db, int64_t lo, int64_t hi)
{
	db->window = 1;
	db->lo = lo;
	db->hi = hi;
}

void
db_window_clear(struct db *db)
{
	db->window = 0;
}

int
db_rowless(const struct db *db, const char *table)
{
	return db->whole != NULL && strcmp(db->whole, table) == 0;
}

int
db_window_get(const struct db *db, const char *table, int64_t *lo,
	int64_t *hi)
{
	if (window_on(db, table)) {
		*lo = db->lo;
		*hi = db->hi;
	}
	return window_on(db, table);
}

char *
db_ident_cat(char *sql, const char *name)
{
	size_t n = sql ? strlen(sql) : 0, extra = 2;
	const char *p;
	char *o;

	for (p = name; *p != '\0'; p++)
		extra += (*p == '"') ? 2 : 1;
	sql = xrealloc(sql, n + extra + 1);
	o = sql + n;
	*o++ = '"';
	for (p = name; *p != '\0'; p++) {
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return sql;
}

/* Copy the text of column i of the current row, NULL for SQL NULL. */
static char *
col_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/*
 * The value v (a column of the current row, from sqlite3_column_value) as
 * db_column_num reads it.  One call into SQLite per value read instead of
 * a sqlite3_column_type and a sqlite3_column_int64, _double or _text,
 * each of which passes through the statement's error check; the value is
 * the same.  v is the statement's own (unprotected) value: read it on the
 * thread that steps the statement, before the next step.  t is
 * sqlite3_value_type(v), which the caller has asked already.
 */
static double value_text_num(sqlite3_value *v, int t);

static inline double
value_num_typed(sqlite3_value *v, int t)
{
	if (t == SQLITE_INTEGER)
		return (double)sqlite3_value_int64(v);
	if (t == SQLITE_FLOAT)
		return sqlite3_value_double(v);
	return value_text_num(v, t);
}

/* value_num_typed of a value neither integer nor real (t its type): text
   that reads whole as a finite number, else NaN. */
static double
value_text_num(sqlite3_value *v, int t)
{
	const char *s;
	char *end;
	double x;

	switch (t) {
	case SQLITE_TEXT:
		s = (const char *)sqlite3_value_text(v);
		if (s == NULL || *s == '\0')
			return NAN;
		errno = 0;
		x = strtod(s, &end);
		if (*end != '\0' || errno == ERANGE || !isfinite(x))
			return NAN;
		return x;
	default:
		return NAN;
	}
}

/* value_num_typed, t being sqlite3_value_type(v) already asked. */
static double
value_num(sqlite3_value *v)
{
	return value_num_typed(v, sqlite3_value_type(v));
}

double
db_column_num(sqlite3_stmt *st, int i)
{
	return value_num(sqlite3_column_value(st, i));
}

int
db_int_inexact(sqlite3_value *v, double d)
{
	if (d < 0x1p53 && d > -0x1p53)
		return 0;
	if (sqlite3_value_type(v) != SQLITE_INTEGER)
		return 0;
	return d >= 0x1p63 || (int64_t)d != sqlite3_value_int64(v);
}

/*
 * Column names and declared types of table, in table order.  Returns the
 * number of columns (0 when the table does not exist) or -1 with err.
 * *names and *types are heap arrays of heap strings (types may hold NULL).
 */
static int
table_columns(sqlite3 *h, const char *table, char ***names, char ***types,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*names = *types = NULL;
	if (sqlite3_prepare_v2(h, "SELECT name, type FROM "
	    "pragma_table_info(?1) ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, h, "cannot read table columns");
	if (db_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			*names = xreallocarray(*names, cap, sizeof **names);
			*types = xreallocarray(*types, cap, sizeof **types);
		}
		(*names)[n] = col_strdup(st, 0);
		(*types)[n] = col_strdup(st, 1);
		if ((*names)[n] == NULL)
			(*names)[n] = xstrdup("");
		n++;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return (int)n;

fail:
	db_fail(err, h, "cannot read table columns");
	sqlite3_finalize(st);
	while (n > 0) {
		n--;
		free((*names)[n]);
		free((*types)[n]);
	}
	free(*names);
	free(*types);
	*names = *types = NULL;
	return -1;
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * The name under which rowid is reachable: a user column called rowid
 * shadows it, so take the first of SQLite's three aliases that no column
 * uses.  NULL when all three are taken.
 */
static const char *
rowid_alias(char **names, size_t n)
{
	static const char *const alias[] = { "rowid", "_rowid_", "oid" };
	size_t a, j;

	for (a = 0; a < 3; a++) {
		for (j = 0; j < n; j++)
			if (sqlite3_stricmp(names[j], alias[a]) == 0)
				break;
		if (j == n)
			return alias[a];
	}
	return NULL;
}

/* --------------------------------------------------------- open, close */

/*
 * How long a statement waits for another process's lock before it fails
 * with SQLITE_BUSY, for every handle opened from now on: a process-wide
 * setting, as sqlite3_config is, set once by main.c before any database
 * is opened (db_set_busy_timeout).
 */
static int busy_ms = DB_BUSY_TIMEOUT_DEFAULT;

void
db_set_busy_timeout(int ms)
{
	busy_ms = ms < 0 ? 0 : ms;
}

int
db_busy_timeout(void)
{
	return busy_ms;
}

/* db_open and db_open_existing: create says whether a missing file is
 * created (1) or an error (0). */
static void load_row_step(sqlite3_context *ctx, int argc,
	sqlite3_value **argv);
static void load_row_final(sqlite3_context *ctx);

static struct db *
open_db(const char *path, int create, struct rd_err *err)
{
	struct db *db;
	sqlite3 *h = NULL;
	size_t i;

	/* SQLite's memory statistics take a global mutex on every
	 * allocation; riskdesk never reads them.  Only possible before
	 * SQLite initialises, so a later call just fails, harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* One thread per struct db (db.h), so no per-call mutex. */
	if (!create && access(path, F_OK) != 0) {
		rd_err_set(err, RD_EIO, "cannot open database %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	{
		struct stat st;

		if (path[0] != '\0' && stat(path, &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			rd_err_set(err, RD_EIO, "cannot open database %s: it "
			    "is a directory; name a database file (e.g. %s/"
			    "riskdesk.db)", path, path);
			return NULL;
		}
	}
	/* A new database is owner-only whatever the umask: it holds
	 * personal data.  SQLite gives its journal and WAL files the
	 * database's mode. */
	if (create && strcmp(path, ":memory:") != 0 && path[0] != '\0' &&
	    access(path, F_OK) != 0 && errno == ENOENT) {
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);

		if (fd < 0 && errno != EEXIST) {
			rd_err_set(err, RD_EIO, "cannot create database %s: "
			    "%s", path, strerror(errno));
			return NULL;
		}
		if (fd >= 0)
			close(fd);
	}
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX, NULL)
	    != SQLITE_OK) {
		if (h == NULL)
			rd_err_set(err, RD_EDB, "cannot open database: "
			    "out of memory");
		else
			rd_err_setloc(err, RD_EDB, path, 0, 0,
			    "cannot open database: %s", sqlite3_errmsg(h));
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_extended_result_codes(h, 1);
	sqlite3_busy_timeout(h, busy_ms);
	/*
	 * A double-quoted name is a column, never a string: with SQLite's
	 * legacy fallback a misspelt "monthly incme" in a policy would
	 * silently compare a constant string instead of failing.
	 */
	sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
	if (sqlite3_exec(h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL)
	    != SQLITE_OK)
		goto fail;
	/* The reader of load_cols (not for a schema's triggers or views). */
	if (sqlite3_create_function_v2(h, "rd_load_row", -1, SQLITE_UTF8 |
	    SQLITE_DIRECTONLY, NULL, NULL, load_row_step, load_row_final,
	    NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < sizeof db_schema / sizeof db_schema[0]; i++)
		if (sqlite3_exec(h, db_schema[i], NULL, NULL, NULL)
		    != SQLITE_OK)
			goto fail;
	db = xcalloc(1, sizeof *db);
	db->h = h;
	db->path = xstrdup(path);
	return db;

fail:
	rd_err_setloc(err, RD_EDB, path, 0, 0, "cannot open database: %s",
	    sqlite3_errmsg(h));
	sqlite3_close(h);
	return NULL;
}

struct db *
db_open(const char *path, struct rd_err *err)
{
	return open_db(path, 1, err);
}

struct db *
db_open_existing(const char *path, struct rd_err *err)
{
	return open_db(path, 0, err);
}

void
db_interrupt(struct db *db)
{
	/* Safe from another thread while a query runs (sqlite3_interrupt). */
	sqlite3_interrupt(db->h);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	sqlite3_close(db->h);
	free(db->path);
	free(db->whole);
	strv_free(db->funcs, db->nfuncs);
	free(db);
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

struct sqlite3 *
db_sqlite(struct db *db)
{
	return db->h;
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *t, int n,
	void (*del)(void *))
{
	int rc = sqlite3_bind_text(st, i, t, n, del);

	if (rc == SQLITE_NOMEM)
		xmalloc_failed(t != NULL ? (n >= 0 ? (size_t)n : strlen(t)) :
		    0);
	return rc;
}

int
db_bind_blob(sqlite3_stmt *st, int i, const void *b, int n,
	void (*del)(void *))
{
	int rc = sqlite3_bind_blob(st, i, b, n, del);

	if (rc == SQLITE_NOMEM)
		xmalloc_failed(n > 0 ? (size_t)n : 0);
	return rc;
}

int
db_copy_table_from(struct db *db, const char *src_path, const char *table,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *sql;
	int rc, n = 0, ret = -1;

	if (sqlite3_prepare_v2(db->h, "ATTACH DATABASE ? AS rd_src", -1, &st,
	    NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot attach the history's "
		    "database");
	db_bind_text(st, 1, src_path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(err, db->h, "cannot attach the history's "
		    "database");
	/* The table is there, imported (a plain table with its metadata).
	   */
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM rd_src."
	    "sqlite_schema AS s JOIN rd_src.rd_table AS t ON t.name = "
	    "s.name WHERE s.type = 'table' AND s.name = ?", -1, &st,
	    NULL) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read the history's database");
		goto detach;
	}
	db_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else {
		db_fail(err, db->h, "cannot read the history's database");
		sqlite3_finalize(st);
		goto detach;
	}
	sqlite3_finalize(st);
	if (n == 0) {
		rd_err_set(err, RD_EINPUT, "no table \"%s\" in %s (the fraud "
		    "history); import it first", table, src_path);
		goto detach;
	}
	sql = db_ident_cat(str_cat(NULL, "CREATE TABLE main."), table);
	sql = db_ident_cat(str_cat(sql, " AS SELECT * FROM rd_src."), table);
	sql = str_cat(sql, " ORDER BY rowid");
	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		db_fail(err, db->h, "cannot copy the history table");
		goto detach;
	}
	/* Its metadata: an imported table as the source knows it (its
	   target coding and counts, its columns' roles and specials). */
	for (n = 0; n < 3; n++) {
		static const char *const meta[3] = {
			"INSERT INTO main.rd_table SELECT * FROM "
			    "rd_src.rd_table WHERE name = ?1",
			"INSERT INTO main.rd_column SELECT * FROM "
			    "rd_src.rd_column WHERE tbl = ?1",
			"INSERT INTO main.rd_special SELECT * FROM "
			    "rd_src.rd_special WHERE tbl = ?1"
		};

		if (sqlite3_prepare_v2(db->h, meta[n], -1, &st, NULL) !=
		    SQLITE_OK) {
			db_fail(err, db->h, "cannot copy the history table's "
			    "metadata");
			goto detach;
		}
		db_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_fail(err, db->h, "cannot copy the history table's "
			    "metadata");
			goto detach;
		}
	}
	ret = 0;
detach:
	if (sqlite3_exec(db->h, "DETACH DATABASE rd_src", NULL, NULL, NULL) !=
	    SQLITE_OK && ret == 0)
		ret = db_fail(err, db->h, "cannot detach the history's "
		    "database");
	return ret;
}

int
db_data_version(struct db *db, int64_t *v, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->h, "PRAGMA data_version", -1, &st, NULL)
	    != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, db->h, "cannot read the database's version");
		sqlite3_finalize(st);
		return -1;
	}
	*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* ------------------------------------------------------------ metadata */

/* Fill meta's reject rule from rd_reject_rule (none: NULL and 0). */
static int
reject_rule_read(struct db *db, struct table_meta *meta, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db->h, "SELECT col, value, rejects, known "
	    "FROM rd_reject_rule WHERE tbl = ?1", -1, &st, NULL) != SQLITE_OK ||
	    db_bind_text(st, 1, meta->name, -1, SQLITE_STATIC) !=
	    SQLITE_OK) {
		db_fail(err, db->h, "cannot read the reject rule");
		sqlite3_finalize(st);
		table_meta_done(meta);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		meta->reject_col = col_strdup(st, 0);
		meta->reject_value = col_strdup(st, 1);
		meta->rejects = sqlite3_column_int64(st, 2);
		meta->rejects_known = sqlite3_column_int64(st, 3);
		if (meta->reject_value == NULL)
			meta->reject_value = xstrdup("");
	} else if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read the reject rule");
		sqlite3_finalize(st);
		table_meta_done(meta);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
db_table_meta(struct db *db, const char *table, struct table_meta *meta,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(meta, 0, sizeof *meta);
	if (sqlite3_prepare_v2(db->h, "SELECT target, bad, good, source, "
	    "rows, bads, goods, indeterminate FROM rd_table WHERE name = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot read table metadata");
	if (db_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read table metadata");
		sqlite3_finalize(st);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return rd_err_set(err, RD_EINPUT, "no imported table named "
		    "\"%s\"", table);
	}
	if (rc != SQLITE_ROW) {
		db_fail(err, db->h, "cannot read table metadata");
		sqlite3_finalize(st);
		return -1;
	}
	meta->name = xstrdup(table);
	meta->target = col_strdup(st, 0);
	meta->bad = col_strdup(st, 1);
	meta->good = col_strdup(st, 2);
	if (meta->good == NULL)
		meta->good = xstrdup("");
	meta->source = col_strdup(st, 3);
	meta->rows = sqlite3_column_int64(st, 4);
	meta->bads = sqlite3_column_int64(st, 5);
	meta->goods = sqlite3_column_int64(st, 6);
	meta->indeterminate = sqlite3_column_int64(st, 7);
	sqlite3_finalize(st);
	return reject_rule_read(db, meta, err);
}

void
table_meta_done(struct table_meta *meta)
{
	if (meta == NULL)
		return;
	free(meta->name);
	free(meta->target);
	free(meta->bad);
	free(meta->good);
	free(meta->source);
	free(meta->reject_col);
	free(meta->reject_value);
	memset(meta, 0, sizeof *meta);
}

char **
db_table_list(struct db *db, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char **v;
	size_t n = 0, cap = 8;
	int rc;

	if (sqlite3_prepare_v2(db->h, "SELECT name FROM rd_table "
	    "ORDER BY name", -1, &st, NULL) != SQLITE_OK) {
		db_fail(err, db->h, "cannot list tables");
		return NULL;
	}
	v = xreallocarray(NULL, cap, sizeof *v);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n + 1 >= cap) {
			cap *= 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n] = col_strdup(st, 0);
		if (v[n] != NULL)
			n++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot list tables");
		sqlite3_finalize(st);
		strv_free(v, n);
		return NULL;
	}
	sqlite3_finalize(st);
	v[n] = NULL;
	return v;
}

/* ------------------------------------------------------- dataset loading */

/*
 * Levels of one text column while the table is read: an open-addressing
 * hash from text to a provisional code (order of first appearance).  slot
 * holds code + 1, 0 for empty; nslot is a power of two kept at least twice
 * n.  After the scan the levels are sorted and the codes renumbered.
 */
struct level_map {
	char **levels;		/* [n] owned until moved to the dataset */
	size_t n, cap;
	uint32_t *slot;		/* [nslot] */
	uint32_t *hash;		/* [cap] hash of each level */
	size_t *len;		/* [cap] length of each level */
	uint64_t *head;		/* [cap] each level's first 8 bytes
				   (level_head) */
	size_t nslot;
};

/* Levels a map looks up by comparing with each in turn (their length
   and first eight bytes) rather than by hashing: a column of a few
   (a channel, a region) compares in fewer steps than it hashes. */
#define LEVEL_FEW 8

/* The first min(len, 8) bytes of s as a word, the rest zero. */
static inline uint64_t
level_head(const unsigned char *s, size_t len)
{
	uint64_t w = 0;
	size_t k;

	if (len >= 8) {
		memcpy(&w, s, sizeof w);
		return w;
	}
	for (k = 0; k < len; k++)
		w |= (uint64_t)s[k] << (8 * k);
	return w;
}

static void
level_map_grow(struct level_map *m)
{
	size_t i, j, mask;

	m->nslot = m->nslot ? 2 * m->nslot : 64;
	free(m->slot);
	m->slot = xcalloc(m->nslot, sizeof *m->slot);
	mask = m->nslot - 1;
	for (i = 0; i < m->n; i++) {
		for (j = m->hash[i] & mask; m->slot[j] != 0; j = (j + 1) & mask)
			;
		m->slot[j] = (uint32_t)(i + 1);
	}
}

/* The provisional code of text s (len bytes), adding it when new. */
static int
level_map_code(struct level_map *m, const unsigned char *s, size_t len)
{
	uint32_t h;
	size_t j, mask;

	if (m->n <= LEVEL_FEW) {
		uint64_t w = level_head(s, len);

		for (j = 0; j < m->n; j++)
			if (m->head[j] == w && m->len[j] == len &&
			    (len <= 8 || memcmp(m->levels[j] + 8, s + 8,
			    len - 8) == 0))
				return (int)j;
		/* New: into the hash too, for when the levels are many. */
	}
	h = rd_hash_bytes(s, len);
	if (2 * (m->n + 1) > m->nslot)
		level_map_grow(m);
	mask = m->nslot - 1;
	for (j = h & mask; m->slot[j] != 0; j = (j + 1) & mask) {
		size_t k = m->slot[j] - 1;

		if (m->hash[k] == h && m->len[k] == len &&
		    memcmp(m->levels[k], s, len) == 0)
			return (int)k;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->levels = xreallocarray(m->levels, m->cap,
		    sizeof *m->levels);
		m->hash = xreallocarray(m->hash, m->cap, sizeof *m->hash);
		m->len = xreallocarray(m->len, m->cap, sizeof *m->len);
		m->head = xreallocarray(m->head, m->cap, sizeof *m->head);
	}
	/* Every byte kept (a NUL inside a text cell too), so that a level
	   is compared over its whole length. */
	m->levels[m->n] = xmalloc(len + 1);
	memcpy(m->levels[m->n], s, len);
	m->levels[m->n][len] = '\0';
	m->hash[m->n] = h;
	m->len[m->n] = len;
	m->head[m->n] = level_head(s, len);
	m->slot[j] = (uint32_t)(m->n + 1);
	return (int)m->n++;
}

/* A level and its number, sorted together: no shared state, so loads
   may run on several threads at once. */
struct level_ref {
	const char *s;
	size_t k;
};

static int
cmp_level_ref(const void *a, const void *b)
{
	return strcmp(((const struct level_ref *)a)->s,
	    ((const struct level_ref *)b)->s);
}

/*
 * Move the levels of m into col sorted by strcmp and renumber the nrows
 * codes to match.  m keeps no levels afterwards.
 */
static void
level_map_finish(struct level_map *m, struct ds_column *col, size_t nrows)
{
	struct level_ref *ref;
	size_t *order, i;
	int *newcode;

	order = xreallocarray(NULL, m->n ? m->n : 1, sizeof *order);
	newcode = xreallocarray(NULL, m->n ? m->n : 1, sizeof *newcode);
	ref = xreallocarray(NULL, m->n ? m->n : 1, sizeof *ref);
	for (i = 0; i < m->n; i++) {
		ref[i].s = m->levels[i];
		ref[i].k = i;
	}
	qsort(ref, m->n, sizeof *ref, cmp_level_ref);
	for (i = 0; i < m->n; i++)
		order[i] = ref[i].k;
	free(ref);
	col->levels = xreallocarray(NULL, m->n ? m->n : 1,
	    sizeof *col->levels);
	for (i = 0; i < m->n; i++) {
		col->levels[i] = m->levels[order[i]];
		newcode[order[i]] = (int)i;
	}
	col->nlevels = m->n;
	for (i = 0; i < nrows; i++)
		if (col->code[i] >= 0)
			col->code[i] = newcode[col->code[i]];
	free(order);
	free(newcode);
	free(m->levels);
	free(m->hash);
	free(m->len);
	free(m->head);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static void
level_map_free(struct level_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->levels[i]);
	free(m->levels);
	free(m->hash);
	free(m->len);
	free(m->head);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static enum ds_type
decl_type(const char *decl)
{
	char up[64];
	size_t i;

	/* The import declares exactly INTEGER, REAL, TEXT or DATE; others
	 * follow SQLite's affinity rules (sqlite.org/datatype3.html, 3.1),
	 * with NUMERIC read as REAL and BLOB or none as TEXT. */
	if (decl == NULL || decl[0] == '\0')
		return DS_TEXT;
	for (i = 0; decl[i] != '\0' && i + 1 < sizeof up; i++)
		up[i] = (decl[i] >= 'a' && decl[i] <= 'z') ?
		    (char)(decl[i] - 'a' + 'A') : decl[i];
	up[i] = '\0';
	if (strstr(up, "INT"))
		return DS_INTEGER;
	/* DATE columns of an import hold ISO text: read as categories. */
	if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT") ||
	    strstr(up, "BLOB") || strcmp(up, "DATE") == 0)
		return DS_TEXT;
	return DS_REAL;
}

/* Whether db's text is UTF-8 (PRAGMA encoding), where the BINARY
   collation orders text as strcmp does its bytes; 0 also when it cannot
   be told. */
static int
db_utf8(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int utf8 = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA encoding", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *e = sqlite3_column_text(st, 0);

		utf8 = e != NULL && strcmp((const char *)e, "UTF-8") == 0;
	}
	sqlite3_finalize(st);
	return utf8;
}

/* The affinity SQLite gives a column declared decl (datatype3.html 3.1)
   as ds.h's affinity: 'N' for INTEGER, REAL and NUMERIC alike. */
static char
decl_affinity(const char *decl)
{
	char up[256];
	size_t i;

	if (decl == NULL || decl[0] == '\0')
		return 'B';
	for (i = 0; decl[i] != '\0' && i + 1 < sizeof up; i++)
		up[i] = (decl[i] >= 'a' && decl[i] <= 'z') ?
		    (char)(decl[i] - 'a' + 'A') : decl[i];
	up[i] = '\0';
	if (decl[i] != '\0')
		return 0;	/* too long to tell: unknown */
	if (strstr(up, "INT"))
		return 'N';
	if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT"))
		return 'T';
	if (strstr(up, "BLOB"))
		return 'B';
	return 'N';
}

/* Whether decl is the import's DATE (ISO text, decl_type DS_TEXT). */
static int
decl_is_date(const char *decl)
{
	return decl != NULL && strcasecmp(decl, "DATE") == 0;
}

/* ------------------------------------------------------ target coding */

/* The tab-separated list s split into pieces of the copy *buf: the
   count, the pieces in *v (caller frees). */
static size_t
split_tabs(const char *s, char **buf, char ***v)
{
	size_t n = 0;
	char *p;

	*buf = xstrdup(s != NULL ? s : "");
	*v = NULL;
	if ((*buf)[0] == '\0')
		return 0;
	*v = xreallocarray(NULL, strlen(*buf) + 1, sizeof **v);
	for (p = *buf;;) {
		char *tab = strchr(p, '\t');

		(*v)[n++] = p;
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

int
db_number_text(const char *s, double *v)
{
	const char *p = s;
	char *end;

	while (*p == ' ' || *p == '\t')
		p++;
	/* Decimal only: strtod's hex, inf and nan are no target values. */
	if (!(isdigit((unsigned char)*p) || *p == '.' || *p == '+' ||
	    *p == '-') || strpbrk(p, "xXiInN") != NULL)
		return 0;
	errno = 0;
	*v = strtod(p, &end);
	if (end == p || !isfinite(*v))
		return 0;
	while (*end == ' ' || *end == '\t')
		end++;
	return *end == '\0';
}

/* The values of list[n] as numbers, NaN for one that is none. */
static double *
list_numbers(char *const *list, size_t n)
{
	double *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	size_t k;

	for (k = 0; k < n; k++)
		if (!db_number_text(list[k], &v[k]))
			v[k] = NAN;
	return v;
}

void
db_target_rule_init(struct db_target_rule *r, const char *bad,
	const char *good, int numeric)
{
	memset(r, 0, sizeof *r);
	r->numeric = numeric;
	r->nbad = split_tabs(bad, &r->badbuf, &r->bad);
	r->ngood = split_tabs(good, &r->goodbuf, &r->good);
	r->badv = list_numbers(r->bad, r->nbad);
	r->goodv = list_numbers(r->good, r->ngood);
}

signed char
db_target_rule_text(const struct db_target_rule *r, const char *text)
{
	double x;
	size_t k;

	if (text == NULL)
		return DS_INDET;
	if (r->numeric && db_number_text(text, &x))
		return db_target_rule_num(r, x);
	for (k = 0; k < r->nbad; k++)
		if (strcmp(text, r->bad[k]) == 0)
			return DS_BAD;
	if (r->ngood == 0)
		return DS_GOOD;
	for (k = 0; k < r->ngood; k++)
		if (strcmp(text, r->good[k]) == 0)
			return DS_GOOD;
	return DS_INDET;
}

signed char
db_target_rule_num(const struct db_target_rule *r, double x)
{
	size_t k;

	for (k = 0; k < r->nbad; k++)
		if (r->badv[k] == x)
			return DS_BAD;
	if (r->ngood == 0)
		return DS_GOOD;
	for (k = 0; k < r->ngood; k++)
		if (r->goodv[k] == x)
			return DS_GOOD;
	return DS_INDET;
}

void
db_target_rule_done(struct db_target_rule *r)
{
	if (r == NULL)
		return;
	free(r->bad);
	free(r->good);
	free(r->badv);
	free(r->goodv);
	free(r->badbuf);
	free(r->goodbuf);
	memset(r, 0, sizeof *r);
}

/* Number of rows of table (quoted identifier already in qtable) in the
   window when one is set. */
static int
table_count(struct db *db, const char *table, const char *qtable,
	const char *rowid, size_t *n, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *h = db->h;
	char *sql = str_cat(str_cat(NULL, "SELECT count(*) FROM "), qtable);
	int rc;

	/* The order is idle in a count: only the window matters. */
	if (window_on(db, table))
		sql = rows_cat(db, table, sql, rowid);

	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return read_fail(err, h, table, rowid, "cannot count rows");
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, h, "cannot count rows");
		sqlite3_finalize(st);
		return -1;
	}
	*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

struct dataset *
db_dataset_load(struct db *db, const char *table, struct rd_err *err)
{
	return db_dataset_load_progress(db, table, NULL, err);
}

/*
 * Keep of names[*n] / types[*n] only the columns listed in keep[nkeep]
 * and the target (may be NULL), in table order, freeing the others.
 * Returns 0, or -1 with err RD_EINPUT naming a listed column the table
 * lacks.
 */
static int
keep_columns(char **names, char **types, int *n, const char *const *keep,
	size_t nkeep, const char *target, const char *table,
	struct rd_err *err)
{
	size_t k;
	int j, m = 0;

	for (k = 0; k < nkeep; k++) {
		for (j = 0; j < *n; j++)
			if (strcmp(names[j], keep[k]) == 0)
				break;
		if (j == *n)
			return rd_err_set(err, RD_EINPUT, "table \"%s\" has no "
			    "column \"%s\"", table, keep[k]);
	}
	for (j = 0; j < *n; j++) {
		int want = target != NULL && strcmp(names[j], target) == 0;

		for (k = 0; !want && k < nkeep; k++)
			want = strcmp(names[j], keep[k]) == 0;
		if (want) {
			names[m] = names[j];
			types[m] = types[j];
			m++;
		} else {
			free(names[j]);
			free(types[j]);
		}
	}
	*n = m;
	return 0;
}

/* The widest window of rowids whose rows load_cols reads into arrays of
   the window's width, uncounted (slices are DECIDE_SLICE and
   DESK_SIM_SLICE, 65,536 rowids); a wider one is counted first. */
#define DB_WINDOW_CAP_MAX ((uint64_t)1 << 20)

static struct dataset *load_cols(struct db *db, const char *table,
	const char *const *keep, size_t nkeep, const struct db_progress *pr,
	size_t chunk, db_chunk_fn *fn, void *arg, struct rd_err *err);

static int
progress_none(void *arg, size_t done, size_t total)
{
	(void)arg;
	(void)done;
	(void)total;
	return 0;
}

const struct db_progress db_progress_none = { progress_none, NULL };

/* db_progress_default: the hook of loads given none. */
static struct db_progress progress_default;

void
db_progress_default(const struct db_progress *pr)
{
	if (pr != NULL)
		progress_default = *pr;
	else
		memset(&progress_default, 0, sizeof progress_default);
}

struct dataset *
db_dataset_load_progress(struct db *db, const char *table,
	const struct db_progress *pr, struct rd_err *err)
{
	return load_cols(db, table, NULL, 0, pr, 0, NULL, NULL, err);
}

struct dataset *
db_dataset_load_columns(struct db *db, const char *table,
	const char *const *cols, size_t ncols, struct rd_err *err)
{
	static const char *const none[1] = { NULL };

	return load_cols(db, table, cols != NULL ? cols : none,
	    cols != NULL ? ncols : 0, NULL, 0, NULL, NULL, err);
}

struct dataset *
db_dataset_load_columns_progress(struct db *db, const char *table,
	const char *const *cols, size_t ncols, const struct db_progress *pr,
	struct rd_err *err)
{
	static const char *const none[1] = { NULL };

	return load_cols(db, table, cols != NULL ? cols : none,
	    cols != NULL ? ncols : 0, pr, 0, NULL, NULL, err);
}

int
db_dataset_scan_columns(struct db *db, const char *table,
	const char *const *cols, size_t ncols, size_t chunk,
	const struct db_progress *pr, db_chunk_fn *fn, void *arg,
	struct rd_err *err)
{
	static const char *const none[1] = { NULL };
	struct dataset *ds;

	ds = load_cols(db, table, cols == NULL && ncols == SIZE_MAX ? NULL :
	    cols != NULL ? cols : none, cols != NULL ? ncols : 0,
	    pr, chunk > 0 ? chunk : 1, fn, arg, err);
	if (ds == NULL)
		return -1;
	ds_free(ds);
	return 0;
}

/* Copy the recorded column roles of ds->table into its columns. */
static int
load_roles(struct db *db, struct dataset *ds, struct rd_err *err)
{
	struct db_column_role *r;
	size_t n, k;
	int j;

	if (db_column_roles(db, ds->table, &r, &n, err) != 0)
		return -1;
	for (k = 0; k < n; k++) {
		if ((j = ds_column_index(ds, r[k].column)) < 0)
			continue;
		free(ds->cols[j].role);
		free(ds->cols[j].role_note);
		ds->cols[j].role = xstrdup(r[k].role);
		ds->cols[j].role_note = xstrdup(r[k].note);
	}
	db_column_roles_free(r, n);
	return 0;
}

/* The 64-bit integer of cell v (its double x) for ds.h exact[]: an
   INTEGER as SQLite holds it, a whole REAL in range its value, else 0
   (whose double differs from x: no integer, ds_cell_int64). */
static int64_t
exact_cell(sqlite3_value *v, double x)
{
	if (sqlite3_value_type(v) == SQLITE_INTEGER)
		return sqlite3_value_int64(v);
	if (x == floor(x) && x >= -0x1p63 && x < 0x1p63)
		return (int64_t)x;
	return 0;
}

/* Numeric column c meets its first integer no double holds at row i of
   arrays of cap rows: exact[] from here on, rows 0..i-1 (exact in num,
   or not integers) from num. */
static void
exact_start(struct ds_column *c, size_t i, size_t cap)
{
	size_t k;

	c->exact = xreallocarray(NULL, cap ? cap : 1, sizeof *c->exact);
	for (k = 0; k < i; k++) {
		double x = c->num[k];

		c->exact[k] = x == floor(x) && x >= -0x1p63 && x < 0x1p63 ?
		    (int64_t)x : 0;
	}
}

/*
 * Hand the rows read so far, ds->nrows = n of them, to fn as a dataset
 * (the text columns' levels those of the chunk), then make ds empty
 * again for the next chunk.  Returns fn's result.
 */
static int
chunk_emit(struct dataset *ds, struct level_map *maps, size_t n,
	db_chunk_fn *fn, void *arg, struct rd_err *err)
{
	size_t j, l, cap = ds->nrows;
	int rc;

	ds->nrows = n;
	for (j = 0; j < ds->ncols; j++)
		if (ds->cols[j].type == DS_TEXT)
			level_map_finish(&maps[j], &ds->cols[j], n);
	rc = fn(arg, ds, err);
	ds->nrows = cap;
	ds->nbad = ds->ngood = ds->nindet = 0;
	ds->nreject = ds->nreject_known = 0;
	if (ds->reject != NULL)
		memset(ds->reject, 0, cap * sizeof *ds->reject);
	for (j = 0; j < ds->ncols; j++) {
		struct ds_column *c = &ds->cols[j];

		c->nmissing = 0;
		c->ninexact = 0;
		c->ncell_int = c->ncell_real = c->ncell_odd = 0;
		for (l = 0; l < c->nlevels; l++)
			free(c->levels[l]);
		free(c->levels);
		c->levels = NULL;
		c->nlevels = 0;
	}
	return rc;
}

/* Whether table is an ordinary table of the main database (not a view,
   a virtual table or one WITHOUT ROWID): one rd_load_row reads. */
static int
plain_table(sqlite3 *h, const char *table)
{
	sqlite3_stmt *st = NULL;
	int yes = 0;

	if (sqlite3_prepare_v2(h, "SELECT 1 FROM main.sqlite_schema WHERE "
	    "type = 'table' AND name = ?1 AND sql NOT LIKE 'CREATE VIRTUAL%' "
	    "AND sql NOT LIKE '%WITHOUT%ROWID%'", -1, &st, NULL) ==
	    SQLITE_OK &&
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) == SQLITE_OK)
		yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/*
 * What load_cols's rows need between them: the dataset (or chunk) being
 * filled, the text levels met so far, the outcome and reject rules, the
 * chunk callback and the progress; i the row of the chunk, at of the
 * table.
 */
struct row_load {
	struct dataset *ds;
	struct level_map *maps;
	const struct db_target_rule *rule;	/* NULL: no target */
	const struct db_target_rule *rrule;	/* NULL: no reject column */
	db_chunk_fn *fn;
	void *arg;
	const struct db_progress *pr;
	const char *table;
	size_t total, i, at;
	int64_t last;		/* the rowid of row at - 1 */
	struct rd_err *err;
	int failed;		/* err is set: the read stops */
};

/*
 * One row of the table into L: v[0] its rowid, v[1 .. ncols] the kept
 * columns, v[ncols + 1] the reject column when there is one.  0, or -1
 * with L->err set.
 */
static int
load_row(struct row_load *L, sqlite3_value **v)
{
	struct dataset *ds = L->ds;
	size_t i, j;

	if (L->at == L->total) {
		rd_err_set(L->err, RD_EDB, "table \"%s\" grew while "
		    "it was read", L->table);
		return -1;
	}
	if (L->fn != NULL && L->i == ds->nrows) {
		if (chunk_emit(ds, L->maps, L->i, L->fn, L->arg, L->err) != 0)
			return -1;
		L->i = 0;
	}
	i = L->i;
	if (L->pr != NULL && L->at % DB_PROGRESS_ROWS == 0 &&
	    L->pr->fn(L->pr->arg, L->at, L->total) != 0) {
		rd_err_set(L->err, RD_EUSAGE, "cancelled");
		return -1;
	}
	ds->rowid[i] = sqlite3_value_int64(v[0]);
	for (j = 0; j < ds->ncols; j++) {
		struct ds_column *c = &ds->cols[j];
		sqlite3_value *cv = v[j + 1];
		int t = sqlite3_value_type(cv);

		if (c->type != DS_TEXT) {
			double x = value_num_typed(cv, t);

			c->ncell_int += t == SQLITE_INTEGER;
			c->ncell_real += t == SQLITE_FLOAT;
			c->ncell_odd += t == SQLITE_TEXT ||
			    t == SQLITE_BLOB;

			c->num[i] = x;
			if (isnan(x))
				c->nmissing++;
			else if (!(x < 0x1p53 && x > -0x1p53) &&
			    db_int_inexact(cv, x)) {
				long long iv = sqlite3_value_int64(cv);

				if (c->ninexact++ == 0 ||
				    iv < c->inexact_eg)
					c->inexact_eg = iv;
				if (c->exact == NULL)
					exact_start(c, i, ds->nrows);
			}
			if (c->exact != NULL)
				c->exact[i] = exact_cell(cv, x);
		} else if (t == SQLITE_NULL) {
			c->code[i] = -1;
			c->nmissing++;
		} else {
			const unsigned char *s;

			size_t len;

			s = sqlite3_value_text(cv);
			if (s == NULL) {
				rd_err_set(L->err, RD_EDB, "cannot read "
				    "table: out of memory");
				return -1;
			}
			len = strlen((const char *)s);
			/* A number, a blob, or text with a NUL
			   byte, which the level holds only up to
			   it. */
			c->ncell_odd += t != SQLITE_TEXT ||
			    (size_t)sqlite3_value_bytes(cv) != len;
			c->code[i] = level_map_code(&L->maps[j], s, len);
		}
		if ((int)j == ds->target) {
			signed char y;

			y = t == SQLITE_NULL ? DS_INDET :
			    c->type != DS_TEXT && !isnan(c->num[i]) ?
			    db_target_rule_num(L->rule, c->num[i]) :
			    db_target_rule_text(L->rule, (const char *)
			    sqlite3_value_text(cv));
			ds->y[i] = y;
		}
	}
	if (L->rrule != NULL) {
		sqlite3_value *rv = v[ds->ncols + 1];
		int t = sqlite3_value_type(rv);
		double x = t == SQLITE_TEXT || t == SQLITE_NULL ? NAN :
		    value_num_typed(rv, t);
		signed char r;

		r = t == SQLITE_NULL ? DS_INDET : isnan(x) ?
		    db_target_rule_text(L->rrule, (const char *)
		    sqlite3_value_text(rv)) :
		    db_target_rule_num(L->rrule, x);
		if (r == DS_BAD) {
			ds->reject[i] = 1;
			ds->nreject++;
			if (ds->y != NULL) {
				ds->nreject_known += ds->y[i] !=
				    DS_INDET;
				ds->y[i] = DS_INDET;
			}
		}
	}
	if (ds->y != NULL && !(ds->reject != NULL && ds->reject[i])) {
		if (ds->y[i] == DS_BAD)
			ds->nbad++;
		else if (ds->y[i] == DS_GOOD)
			ds->ngood++;
		else
			ds->nindet++;
	}
	L->i++;
	L->at++;
	return 0;
}

/*
 * rd_load_row(reader, rowid, columns...): the aggregate through which a
 * read takes its rows inside SQLite's own loop, one call a row instead
 * of a sqlite3_step and a sqlite3_column_value a column (some 30 % of
 * the cost of reading a table).  reader is the struct row_load, bound
 * with sqlite3_bind_pointer under the type LOAD_ROW_PTR.  The rows of a
 * scan NOT INDEXED come in rowid order; a row out of it fails the read
 * all the same.
 */
#define LOAD_ROW_PTR "riskdesk_row_load"

static void
load_row_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct row_load *L = argc >= 2 ?
	    sqlite3_value_pointer(argv[0], LOAD_ROW_PTR) : NULL;
	int64_t r;

	if (L == NULL) {
		sqlite3_result_error(ctx, "rd_load_row: no reader", -1);
		return;
	}
	if (L->failed)
		return;
	r = sqlite3_value_int64(argv[1]);
	if (L->at > 0 && r <= L->last) {
		rd_err_set(L->err, RD_EDB, "the rows of table \"%s\" came "
		    "out of rowid order", L->table);
		L->failed = 1;
	} else if (load_row(L, argv + 1) != 0) {
		L->failed = 1;
	}
	L->last = r;
	if (L->failed)
		sqlite3_result_error(ctx, L->err->msg, -1);
}

static void
load_row_final(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

/* keep NULL: every column; else keep[nkeep] and the target.  fn not
   NULL: rows handed to fn chunk rows at a time (db_dataset_scan_columns)
   and an empty dataset returned. */
static struct dataset *
load_cols(struct db *db, const char *table, const char *const *keep,
	size_t nkeep, const struct db_progress *pr, size_t chunk,
	db_chunk_fn *fn, void *arg, struct rd_err *err)
{
	size_t total = 0, at = 0;
	struct table_meta meta;
	struct db_target_rule rule, rrule;
	struct dataset *ds = NULL;
	struct level_map *maps = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3_value **vals = NULL;
	struct row_load L;
	char **names = NULL, **types = NULL, *sql = NULL, *qtable = NULL;
	char *cols = NULL;
	const char *rowid;
	int ncols = 0, rc, have_rule = 0, have_rrule = 0, uncounted = 0;
	int utf8;
	size_t i = 0, j;

	if (pr == NULL && progress_default.fn != NULL)
		pr = &progress_default;
	memset(&rule, 0, sizeof rule);
	memset(&rrule, 0, sizeof rrule);
	if (db_table_meta(db, table, &meta, err) != 0)
		return NULL;
	ncols = table_columns(db->h, table, &names, &types, err);
	if (ncols < 0)
		goto fail;
	if (ncols == 0) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" is in rd_table but "
		    "does not exist", table);
		goto fail;
	}
	if ((rowid = rowid_alias(names, (size_t)ncols)) == NULL) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has columns named "
		    "rowid, _rowid_ and oid; cannot order its rows", table);
		goto fail;
	}
	if (meta.reject_col != NULL) {
		/* The reject column is read after the kept ones, whether or
		   not it is kept, and coded by the rule of a bad value. */
		for (j = 0; j < (size_t)ncols; j++)
			if (strcmp(names[j], meta.reject_col) == 0)
				break;
		if (j == (size_t)ncols) {
			rd_err_set(err, RD_EINPUT, "reject column \"%s\" of "
			    "table \"%s\" does not exist", meta.reject_col,
			    table);
			goto fail;
		}
		db_target_rule_init(&rrule, meta.reject_value, NULL,
		    decl_type(types[j]) != DS_TEXT);
		have_rrule = 1;
	}
	if (keep != NULL && keep_columns(names, types, &ncols, keep, nkeep,
	    meta.target, table, err) != 0)
		goto fail;
	qtable = db_ident_cat(NULL, table);

	ds = xcalloc(1, sizeof *ds);
	ds->table = xstrdup(table);
	ds->target = -1;
	ds->ncols = (size_t)ncols;
	ds->cols = xcalloc(ds->ncols, sizeof *ds->cols);
	/* A window of rowids [lo, hi) holds at most hi - lo rows: arrays of
	   that size, filled as far as the rows go, save a count of the
	   window (a pass over its rows) before each slice. */
	if (fn == NULL && window_on(db, table) && db->hi > db->lo &&
	    (uint64_t)db->hi - (uint64_t)db->lo <= DB_WINDOW_CAP_MAX) {
		ds->nrows = (size_t)((uint64_t)db->hi - (uint64_t)db->lo);
		uncounted = 1;
	} else if (table_count(db, table, qtable, rowid, &ds->nrows, err) != 0)
		goto fail;
	/* In chunks the arrays hold one chunk; ds->nrows is their size,
	   total the rows of the table. */
	total = ds->nrows;
	if (fn != NULL && ds->nrows > chunk)
		ds->nrows = chunk;
	ds->rowid = xreallocarray(NULL, ds->nrows ? ds->nrows : 1,
	    sizeof *ds->rowid);
	maps = xcalloc(ds->ncols, sizeof *maps);
	utf8 = db_utf8(db);
	for (j = 0; j < ds->ncols; j++) {
		struct ds_column *c = &ds->cols[j];
		const char *coll = NULL;

		c->name = xstrdup(names[j]);
		c->type = decl_type(types[j]);
		c->date = decl_is_date(types[j]);
		c->cells_known = 1;
		c->affinity = decl_affinity(types[j]);
		/* A view's column has no collation to look up: unknown;
		   in a UTF-16 database BINARY orders UTF-16 bytes. */
		c->binary = utf8 && sqlite3_table_column_metadata(db->h,
		    NULL, table, names[j], NULL, &coll, NULL, NULL, NULL) ==
		    SQLITE_OK && coll != NULL && strcasecmp(coll, "BINARY") == 0;
		if (c->type == DS_TEXT)
			c->code = xreallocarray(NULL, ds->nrows ? ds->nrows : 1,
			    sizeof *c->code);
		else
			c->num = xreallocarray(NULL, ds->nrows ? ds->nrows : 1,
			    sizeof *c->num);
	}
	if (meta.target != NULL) {
		ds->target = ds_column_index(ds, meta.target);
		if (ds->target < 0) {
			rd_err_set(err, RD_EINPUT, "target column \"%s\" of "
			    "table \"%s\" does not exist", meta.target, table);
			goto fail;
		}
		ds->y = xreallocarray(NULL, ds->nrows ? ds->nrows : 1,
		    sizeof *ds->y);
		db_target_rule_init(&rule, meta.bad, meta.good,
		    ds->cols[ds->target].type != DS_TEXT);
		have_rule = 1;
	}

	/* The roles first, so that every chunk has them. */
	if (load_roles(db, ds, err) != 0)
		goto fail;
	/* The columns: the rowid, the kept ones, the reject column. */
	cols = str_cat(NULL, rowid);
	for (j = 0; j < ds->ncols; j++)
		cols = db_ident_cat(str_cat(cols, ", "), names[j]);
	if (have_rrule) {
		cols = db_ident_cat(str_cat(cols, ", "), meta.reject_col);
		ds->reject = xcalloc(ds->nrows ? ds->nrows : 1,
		    sizeof *ds->reject);
	}
	memset(&L, 0, sizeof L);
	L.ds = ds;
	L.maps = maps;
	L.rule = have_rule ? &rule : NULL;
	L.rrule = have_rrule ? &rrule : NULL;
	L.fn = fn;
	L.arg = arg;
	L.pr = pr;
	L.table = table;
	L.total = total;
	L.err = err;
	/* An ordinary table through rd_load_row, in SQLite's loop; a view
	   (or anything else) row by row. */
	if (plain_table(db->h, table)) {
		sql = str_cat(str_cat(str_cat(str_cat(NULL, "SELECT "
		    "rd_load_row(?1, "), cols), ") FROM "), qtable);
		sql = window_cat(db, table, str_cat(sql, " NOT INDEXED"),
		    rowid);
		if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) !=
		    SQLITE_OK ||
		    sqlite3_bind_pointer(st, 1, &L, LOAD_ROW_PTR, NULL) !=
		    SQLITE_OK) {
			sqlite3_finalize(st);
			st = NULL;
			free(sql);
			sql = NULL;
		}
	}
	if (st != NULL) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (L.failed)
			goto fail;
	} else {
		size_t nv = ds->ncols + 1 + (have_rrule ? 1 : 0), k;

		sql = str_cat(str_cat(str_cat(str_cat(NULL, "SELECT "), cols),
		    " FROM "), qtable);
		sql = rows_cat(db, table, sql, rowid);
		if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) !=
		    SQLITE_OK) {
			read_fail(err, db->h, table, rowid,
			    "cannot read table");
			goto fail;
		}
		vals = xcalloc(nv, sizeof *vals);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (k = 0; k < nv; k++)
				vals[k] = sqlite3_column_value(st, (int)k);
			if (load_row(&L, vals) != 0)
				goto fail;
		}
	}
	at = L.at;
	i = L.i;
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read table");
		goto fail;
	}
	if (uncounted) {
		ds->nrows = at;
		total = at;
	}
	if (at != total) {
		rd_err_set(err, RD_EDB, "table \"%s\" shrank while it was "
		    "read", table);
		goto fail;
	}
	if (pr != NULL)
		(void)pr->fn(pr->arg, total, total);	/* done */
	sqlite3_finalize(st);
	st = NULL;
	/* A chunked read hands the last chunk (or an empty one) here. */
	if (fn != NULL) {
		if (chunk_emit(ds, maps, i, fn, arg, err) != 0)
			goto fail;
		ds->nrows = 0;
	} else {
		for (j = 0; j < ds->ncols; j++)
			if (ds->cols[j].type == DS_TEXT)
				level_map_finish(&maps[j], &ds->cols[j],
				    ds->nrows);
	}
	free(maps);
	free(sql);
	free(cols);
	free(vals);
	free(qtable);
	strv_free(names, (size_t)ncols);
	strv_free(types, (size_t)ncols);
	if (have_rule)
		db_target_rule_done(&rule);
	if (have_rrule)
		db_target_rule_done(&rrule);
	table_meta_done(&meta);
	return ds;

fail:
	sqlite3_finalize(st);
	if (maps != NULL)
		for (j = 0; j < (size_t)ncols; j++)
			level_map_free(&maps[j]);
	free(maps);
	free(sql);
	free(cols);
	free(vals);
	free(qtable);
	if (ncols > 0) {
		strv_free(names, (size_t)ncols);
		strv_free(types, (size_t)ncols);
	}
	if (have_rule)
		db_target_rule_done(&rule);
	if (have_rrule)
		db_target_rule_done(&rrule);
	table_meta_done(&meta);
	ds_free(ds);
	return NULL;
}

/* -------------------------------------------------------------- rejects */

/* Run sql with text parameters a and b (either may be NULL: unbound). */
static int
exec_text2(sqlite3 *h, const char *sql, const char *a, const char *b,
	const char *what, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK ||
	    (a != NULL && db_bind_text(st, 1, a, -1, SQLITE_STATIC) !=
	    SQLITE_OK) || (b != NULL && db_bind_text(st, 2, b, -1,
	    SQLITE_STATIC) != SQLITE_OK) || sqlite3_step(st) != SQLITE_DONE) {
		db_fail(err, h, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
db_reject_rule_clear(struct db *db, const char *table, struct rd_err *err)
{
	return exec_text2(db->h, "DELETE FROM rd_reject_rule WHERE tbl = ?1 "
	    "COLLATE NOCASE", table, NULL, "cannot clear the reject rule",
	    err);
}

/* A cell's code under rule r (column k of the current row of st). */
static signed char
cell_code(sqlite3_stmt *st, int k, const struct db_target_rule *r)
{
	int t = sqlite3_column_type(st, k);

	if (t == SQLITE_NULL)
		return DS_INDET;
	if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
		return db_target_rule_num(r, db_column_num(st, k));
	return db_target_rule_text(r, (const char *)sqlite3_column_text(st,
	    k));
}

int
db_reject_target_err(struct rd_err *err, const char *table, const char *col,
	const char *value)
{
	return rd_err_set(err, RD_EINPUT, "--reject-when %s=%s: column "
	    "\"%s\" is the outcome (the target) of table \"%s\", and a "
	    "reject has no outcome: name the column that records the "
	    "decline (e.g. --reject-when decision=declined), or leave such "
	    "rows indeterminate", col, value, col, table);
}

int
db_reject_rule_mark(struct db *db, const char *table, const char *col,
	const char *value, size_t *rejects, size_t *known, struct rd_err *err)
{
	struct table_meta meta;
	struct db_target_rule rr, tr;
	sqlite3_stmt *st = NULL;
	char **names = NULL, **types = NULL, *sql = NULL;
	long long cnt[3] = { 0, 0, 0 };	/* indeterminate, good, bad */
	size_t nrej = 0, nknown = 0;
	int ncols, j, jc = -1, jt = -1, rc, ret = -1;

	memset(&rr, 0, sizeof rr);
	memset(&tr, 0, sizeof tr);
	if (db_table_meta(db, table, &meta, err) != 0)
		return -1;
	if (meta.reject_col != NULL) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has rejects marked "
		    "already (%s=%s)", table, meta.reject_col,
		    meta.reject_value);
		table_meta_done(&meta);
		return -1;
	}
	if ((ncols = table_columns(db->h, table, &names, &types, err)) < 0) {
		table_meta_done(&meta);
		return -1;
	}
	for (j = 0; j < ncols; j++) {
		if (strcmp(names[j], col) == 0)
			jc = j;
		if (meta.target != NULL && strcmp(names[j], meta.target) == 0)
			jt = j;
	}
	if (jc < 0) {
		rd_err_set(err, RD_EINPUT, "--reject-when %s=%s: table \"%s\" "
		    "has no column \"%s\"", col, value, table, col);
		goto done;
	}
	if (jc == jt) {
		db_reject_target_err(err, table, col, value);
		goto done;
	}
	db_target_rule_init(&rr, value, NULL, decl_type(types[jc]) !=
	    DS_TEXT);
	if (jt >= 0)
		db_target_rule_init(&tr, meta.bad, meta.good,
		    decl_type(types[jt]) != DS_TEXT);
	sql = db_ident_cat(str_cat(NULL, "SELECT "), col);
	if (jt >= 0)
		sql = db_ident_cat(str_cat(sql, ", "), meta.target);
	sql = db_ident_cat(str_cat(sql, " FROM "), table);
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(err, db->h, "cannot mark the rejects");
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		signed char y;

		if (cell_code(st, 0, &rr) != DS_BAD)
			continue;
		nrej++;
		if (jt < 0)
			continue;
		y = cell_code(st, 1, &tr);
		cnt[y == DS_BAD ? 2 : y == DS_GOOD ? 1 : 0]++;
		nknown += y != DS_INDET;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot mark the rejects");
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (nrej == 0) {
		char *vals = db_column_values(db->h, table, col);

		rd_err_set(err, RD_EINPUT, "--reject-when %s=%s: no row of "
		    "column \"%s\" holds \"%s\" (values found: %s); check "
		    "the value (compared %s)", col, value, col, value, vals,
		    rr.numeric ? "as a number" : "exactly, as text");
		free(vals);
		goto done;
	}
	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO rd_reject_rule"
	    "(tbl, col, value, rejects, known) VALUES (?1, ?2, ?3, ?4, ?5)",
	    -1, &st, NULL) != SQLITE_OK ||
	    db_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_bind_text(st, 2, col, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_bind_text(st, 3, value, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, (sqlite3_int64)nrej) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, (sqlite3_int64)nknown) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		db_fail(err, db->h, "cannot record the reject rule");
		goto done;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db->h, "UPDATE rd_table SET bads = bads - ?1, "
	    "goods = goods - ?2, indeterminate = indeterminate - ?3 WHERE "
	    "name = ?4", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, cnt[2]) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, cnt[1]) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, cnt[0]) != SQLITE_OK ||
	    db_bind_text(st, 4, table, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		db_fail(err, db->h, "cannot record the reject rule");
		goto done;
	}
	if (rejects != NULL)
		*rejects = nrej;
	if (known != NULL)
		*known = nknown;
	ret = 0;
done:
	sqlite3_finalize(st);
	free(sql);
	strv_free(names, ncols > 0 ? (size_t)ncols : 0);
	strv_free(types, ncols > 0 ? (size_t)ncols : 0);
	db_target_rule_done(&rr);
	db_target_rule_done(&tr);
	table_meta_done(&meta);
	return ret;
}

/* ------------------------------------------------------------ inference */

/* Row i of an array of rows, for db_inference_put. */
static void
infer_row_of_array(const void *ctx, size_t i, struct db_infer_row *row)
{
	*row = ((const struct db_infer_row *)ctx)[i];
}

int
db_inference_put(struct db *db, const char *name, const char *kgb,
	const char *population, const char *method, const char *spec,
	const char *body, const struct db_infer_row *rows, size_t n,
	struct rd_err *err)
{
	return db_inference_put_rows(db, name, kgb, population, method, spec,
	    body, infer_row_of_array, rows, n, err);
}

/* Augmented rows one INSERT stores (db_inference_put_rows). */
#define INFER_BATCH 64

int
db_inference_put_rows(struct db *db, const char *name, const char *kgb,
	const char *population, const char *method, const char *spec,
	const char *body, void (*row)(const void *ctx, size_t i,
	struct db_infer_row *r), const void *ctx, size_t n,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int batch = 0;

	if (sqlite3_exec(db->h, "SAVEPOINT rd_inference", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_fail(err, db->h, "cannot store the inference");
	if (db_scorecard_put(db, name, population, body, err) != 0)
		goto fail;
	if (exec_text2(db->h, "DELETE FROM rd_infer_row WHERE name = ?1",
	    name, NULL, "cannot store the inference", err) != 0)
		goto fail;
	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO rd_inference"
	    "(name, kgb, population, method, spec) VALUES (?1, ?2, ?3, ?4, "
	    "?5)", -1, &st, NULL) != SQLITE_OK ||
	    db_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_bind_text(st, 2, kgb, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_bind_text(st, 3, population, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    db_bind_text(st, 4, method, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_bind_text(st, 5, spec, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		db_fail(err, db->h, "cannot store the inference");
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	/*
	 * INFER_BATCH rows a statement (one INSERT of that many VALUES),
	 * the rest one at a time: the same rows in the same order, for a
	 * third of the time of a statement a row.
	 */
	for (i = 0; i < n; ) {
		size_t k, m = n - i >= INFER_BATCH ? INFER_BATCH : 1;

		if (st == NULL || (m == 1 && batch)) {
			char *sql = str_cat(NULL, "INSERT INTO rd_infer_row("
			    "name, src, reject, bad, weight) VALUES ");

			for (k = 0; k < m; k++) {
				char v[80];

				snprintf(v, sizeof v, "%s(?1, ?%zu, ?%zu, "
				    "?%zu, ?%zu)", k ? ", " : "", 4 * k + 2,
				    4 * k + 3, 4 * k + 4, 4 * k + 5);
				sql = str_cat(sql, v);
			}
			sqlite3_finalize(st);
			st = NULL;
			batch = m > 1;
			if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) !=
			    SQLITE_OK || db_bind_text(st, 1, name, -1,
			    SQLITE_STATIC) != SQLITE_OK) {
				free(sql);
				db_fail(err, db->h, "cannot store the "
				    "inference");
				goto fail;
			}
			free(sql);
		}
		for (k = 0; k < m; k++, i++) {
			struct db_infer_row r;
			int c = (int)(4 * k);

			row(ctx, i, &r);
			if (sqlite3_bind_int64(st, c + 2, r.src) != SQLITE_OK ||
			    sqlite3_bind_int(st, c + 3, r.reject) !=
			    SQLITE_OK ||
			    sqlite3_bind_int(st, c + 4, r.bad) != SQLITE_OK ||
			    sqlite3_bind_double(st, c + 5, r.weight) !=
			    SQLITE_OK) {
				db_fail(err, db->h, "cannot store the "
				    "inference");
				goto fail;
			}
		}
		if (sqlite3_step(st) != SQLITE_DONE ||
		    sqlite3_reset(st) != SQLITE_OK) {
			db_fail(err, db->h, "cannot store the inference");
			goto fail;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db->h, "RELEASE rd_inference", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_fail(err, db->h, "cannot store the inference");
		st = NULL;
		goto fail;
	}
	return 0;
fail:
	sqlite3_finalize(st);
	sqlite3_exec(db->h, "ROLLBACK TO rd_inference", NULL, NULL, NULL);
	sqlite3_exec(db->h, "RELEASE rd_inference", NULL, NULL, NULL);
	return -1;
}

int
db_inference_get(struct db *db, const char *name, struct db_inference *out,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(db->h, "SELECT kgb, population, method, spec "
	    "FROM rd_inference WHERE name = ?1", -1, &st, NULL) != SQLITE_OK ||
	    db_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read the inference");
		sqlite3_finalize(st);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->name = xstrdup(name);
		out->kgb = col_strdup(st, 0);
		out->population = col_strdup(st, 1);
		out->method = col_strdup(st, 2);
		out->spec = col_strdup(st, 3);
		sqlite3_finalize(st);
		if (out->kgb == NULL || out->population == NULL ||
		    out->method == NULL || out->spec == NULL) {
			db_inference_done(out);
			return rd_err_set(err, RD_EDB, "inference of \"%s\" is "
			    "incomplete in rd_inference", name);
		}
		return 1;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read the inference");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

char *
db_inference_names(struct db *db, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *list = xstrdup(""), *t;
	int rc;

	if (sqlite3_prepare_v2(db->h, "SELECT name FROM rd_inference "
	    "ORDER BY name", -1, &st, NULL) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read the inferences");
		free(list);
		return NULL;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *n = sqlite3_column_text(st, 0);

		t = xasprintf("%s%s\"%s\"", list, *list ? ", " : "",
		    n != NULL ? (const char *)n : "");
		free(list);
		list = t;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read the inferences");
		sqlite3_finalize(st);
		free(list);
		return NULL;
	}
	sqlite3_finalize(st);
	return list;
}

void
db_inference_done(struct db_inference *inf)
{
	if (inf == NULL)
		return;
	free(inf->name);
	free(inf->kgb);
	free(inf->population);
	free(inf->method);
	free(inf->spec);
	memset(inf, 0, sizeof *inf);
}

int
db_inference_rows(struct db *db, const char *name, struct db_infer_row **rows,
	size_t *n, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT src, reject, bad, weight FROM "
	    "rd_infer_row WHERE name = ?1 ORDER BY rowid", -1, &st, NULL) !=
	    SQLITE_OK ||
	    db_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read the inference");
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		(*rows)[*n].src = sqlite3_column_int64(st, 0);
		(*rows)[*n].reject = sqlite3_column_int(st, 1);
		(*rows)[*n].bad = sqlite3_column_int(st, 2);
		(*rows)[*n].weight = sqlite3_column_double(st, 3);
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read the inference");
		sqlite3_finalize(st);
		free(*rows);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* ---------------------------------------------------------- scorecards */

int
db_scorecard_put(struct db *db, const char *name, const char *population,
	const char *body, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO rd_scorecard"
	    "(name, population, body) VALUES (?1, ?2, ?3)", -1, &st, NULL)
	    != SQLITE_OK)
		return db_fail(err, db->h, "cannot store scorecard");
	if (db_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    db_bind_text(st, 2, population, -1, SQLITE_STATIC)
	    != SQLITE_OK ||
	    db_bind_text(st, 3, body, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		db_fail(err, db->h, "cannot store scorecard");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

char *
db_scorecard_get(struct db *db, const char *name, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *body;
	int rc;

	if (sqlite3_prepare_v2(db->h, "SELECT body FROM rd_scorecard "
	    "WHERE name = ?1", -1, &st, NULL) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read scorecard");
		return NULL;
	}
	if (db_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_fail(err, db->h, "cannot read scorecard");
		sqlite3_finalize(st);
		return NULL;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		rd_err_set(err, RD_EINPUT, "no scorecard named \"%s\" in the "
		    "database", name);
		return NULL;
	}
	if (rc != SQLITE_ROW) {
		db_fail(err, db->h, "cannot read scorecard");
		sqlite3_finalize(st);
		return NULL;
	}
	body = col_strdup(st, 0);
	sqlite3_finalize(st);
	return body ? body : xstrdup("");
}

/* -------------------------------------------------- read-only expressions */

/*
 * Expressions come from policy files and the TUI, so they are untrusted
 * SQL fragments pasted into "SELECT (expr) FROM "table"".  Three fences
 * keep them to reading one table:
 *   1. a lexical scan refuses ';', comments, unbalanced parentheses and
 *      unterminated quotes outside quotes, so the fragment cannot close
 *      our '(' and append clauses (WHERE, UNION, a second statement);
 *   2. an authorizer, active while the statement is compiled, allows one
 *      SELECT (a second one is a sub-query), reads of that table and
 *      function calls, and denies everything else;
 *   3. a non-empty tail after the compiled statement is refused, and so
 *      are parameters ('?', ':x'), which nobody binds and would read NULL.
 * A second compile as "SELECT 1 FROM t WHERE (expr)" refuses aggregate and
 * window functions, which would change the number of result rows.
 */
struct expr_auth {
	const char *table;
	const char *sql;	/* the statement being compiled */
	const struct db *db;
	int with_values;	/* rd_value() allowed */
	int nselect;
	char why[RD_ERR_MSG / 2];	/* reason of the first denial */
	/* When cols is not NULL, the distinct columns read are appended
	   to *cols (heap strings, *ncols of them). */
	char ***cols;
	size_t *ncols;
};

/* Append column to *ea->cols unless it is there already. */
static void
expr_note_column(struct expr_auth *ea, const char *column)
{
	size_t i;

	if (ea->cols == NULL || column == NULL || column[0] == '\0')
		return;
	for (i = 0; i < *ea->ncols; i++)
		if (sqlite3_stricmp((*ea->cols)[i], column) == 0)
			return;
	*ea->cols = xreallocarray(*ea->cols, *ea->ncols + 1,
	    sizeof **ea->cols);
	(*ea->cols)[(*ea->ncols)++] = xstrdup(column);
}

/*
 * Load db->funcs from pragma_function_list: the names of the scalar
 * functions SQLite flags deterministic (SQLITE_DETERMINISTIC, 0x800), and
 * of the aggregate and window functions.  Everything else (random(),
 * changes(), sqlite_version(), application functions) gives a different
 * result from run to run or database to database and is refused, as are
 * printf() and format(), whose width argument can ask for any amount of
 * memory.  Returns 0 or -1 with err.
 */
static int
expr_funcs_load(struct db *db, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (db->funcs != NULL)
		return 0;
	if (sqlite3_prepare_v2(db->h, "SELECT DISTINCT name FROM "
	    "pragma_function_list WHERE ((type = 's' AND (flags & 2048) != 0) "
	    "OR type IN ('a', 'w')) AND name NOT IN ('printf', 'format') "
	    "ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot list SQL functions");
	db->funcs = xcalloc(1, sizeof *db->funcs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *name = col_strdup(st, 0);

		if (name == NULL)
			continue;
		if (db->nfuncs + 1 >= cap) {
			cap = cap ? 2 * cap : 64;
			db->funcs = xreallocarray(db->funcs, cap,
			    sizeof *db->funcs);
		}
		db->funcs[db->nfuncs++] = name;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		strv_free(db->funcs, db->nfuncs);
		db->funcs = NULL;
		db->nfuncs = 0;
		return db_fail(err, db->h, "cannot list SQL functions");
	}
	return 0;
}

static int
expr_func_allowed(const struct db *db, const char *name)
{
	size_t i;

	for (i = 0; i < db->nfuncs; i++)
		if (sqlite3_stricmp(db->funcs[i], name) == 0)
			return 1;
	return 0;
}

/*
 * Whether word (lowercase letters and '_') appears in sql as a keyword
 * or name outside quotes, case-insensitively; with call set, only when
 * followed by "(" and ")" with nothing but spaces between (a call with
 * no argument).
 */
static int
sql_has_word(const char *sql, const char *word, int call)
{
	size_t n = strlen(word);
	const char *p;

	for (p = sql; *p != '\0'; p++) {
		if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') {
			char q = *p == '[' ? ']' : *p;

			for (p++; *p != '\0' && *p != q; p++)
				;
			if (*p == '\0')
				return 0;
			continue;
		}
		if ((p > sql && (isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_' || p[-1] == '$')) ||
		    sqlite3_strnicmp(p, word, (int)n) != 0 ||
		    isalnum((unsigned char)p[n]) || p[n] == '_' ||
		    p[n] == '$')
			continue;
		if (!call)
			return 1;
		{
			const char *q = p + n;

			while (isspace((unsigned char)*q))
				q++;
			if (*q++ != '(')
				continue;
			while (isspace((unsigned char)*q))
				q++;
			if (*q == ')')
				return 1;
		}
	}
	return 0;
}

/*
 * Whether sql holds the string 'now' (any case, any spaces around it),
 * which makes the date and time functions read the clock.
 */
static int
sql_has_now(const char *sql)
{
	const char *p, *a, *b;

	for (p = sql; *p != '\0'; p++) {
		if (*p != '\'' && *p != '"' && *p != '`' && *p != '[')
			continue;
		{
			char q = *p == '[' ? ']' : *p;

			for (a = ++p; *p != '\0' && *p != q; p++)
				;
			if (*p == '\0')
				return 0;
			b = p;
			if (q != '\'')
				continue;
			while (a < b && isspace((unsigned char)*a))
				a++;
			while (b > a && isspace((unsigned char)b[-1]))
				b--;
			if (b - a == 3 && sqlite3_strnicmp(a, "now", 3) == 0)
				return 1;
		}
	}
	return 0;
}

static const char expr_same[] = "policy expressions must give the same "
    "result on every run";

static int
expr_authorize(void *arg, int action, const char *a1, const char *a2,
	const char *dbname, const char *trigger)
{
	struct expr_auth *ea = arg;

	(void)trigger;
	switch (action) {
	case SQLITE_SELECT:
		if (++ea->nselect == 1)
			return SQLITE_OK;
		/* SQLite compiles "f(x) OVER (...)" as a sub-query too. */
		if (ea->why[0] == '\0' && sql_has_word(ea->sql, "over", 0) &&
		    !sql_has_word(ea->sql + 6, "select", 0))
			snprintf(ea->why, sizeof ea->why, "window functions "
			    "are not allowed in an expression");
		if (ea->why[0] == '\0')
			snprintf(ea->why, sizeof ea->why, "sub-queries are "
			    "not allowed in an expression");
		return SQLITE_DENY;
	case SQLITE_READ:
		/* dbname is NULL for the read SQLite reports when a
		 * statement uses a table but none of its columns. */
		if (a1 != NULL && sqlite3_stricmp(a1, ea->table) == 0 &&
		    (dbname == NULL || strcmp(dbname, "main") == 0)) {
			expr_note_column(ea, a2);
			return SQLITE_OK;
		}
		if (ea->why[0] == '\0')
			snprintf(ea->why, sizeof ea->why, "expression may only "
			    "read table \"%s\", not \"%s\"", ea->table,
			    a1 ? a1 : "?");
		return SQLITE_DENY;
	case SQLITE_FUNCTION:
		if (a2 != NULL && expr_func_allowed(ea->db, a2))
			return SQLITE_OK;
		if (a2 != NULL && ea->with_values &&
		    strcmp(a2, "rd_value") == 0)
			return SQLITE_OK;
		if (ea->why[0] == '\0' && a2 != NULL &&
		    (sqlite3_stricmp(a2, "printf") == 0 ||
		    sqlite3_stricmp(a2, "format") == 0))
			snprintf(ea->why, sizeof ea->why, "function %s() is not "
			    "allowed in an expression: its width can ask for "
			    "any amount of memory", a2);
		if (ea->why[0] == '\0')
			snprintf(ea->why, sizeof ea->why, "function %.64s() is "
			    "not allowed: %s", a2 ? a2 : "?", expr_same);
		return SQLITE_DENY;
	default:
		if (ea->why[0] == '\0')
			snprintf(ea->why, sizeof ea->why, "operation not "
			    "allowed in an expression");
		return SQLITE_DENY;
	}
}

/* Fence 1: see above.  Columns in messages are 1-based bytes of expr. */
static int
expr_scan(const char *expr, struct rd_err *err)
{
	const char *p, *open, *paren = NULL;
	long depth = 0;

	for (p = expr; *p != '\0'; p++) {
		char q;

		switch (*p) {
		case '\'':
		case '"':
		case '`':
		case '[':
			q = (*p == '[') ? ']' : *p;
			open = p;
			for (p++; *p != '\0'; p++) {
				if (*p != q)
					continue;
				if (q != ']' && p[1] == q) {
					p++;
					continue;
				}
				break;
			}
			if (*p == '\0')
				return rd_err_set(err, RD_EINPUT, "expected a "
				    "closing %c for the %c at column %ld of "
				    "expression, found the end", q, *open,
				    (long)(open - expr) + 1);
			break;
		case '(':
			if (depth++ == 0)
				paren = p;
			break;
		case ')':
			if (--depth < 0)
				return rd_err_set(err, RD_EINPUT, "unbalanced "
				    "')' at column %ld of expression",
				    (long)(p - expr) + 1);
			break;
		case ';':
			return rd_err_set(err, RD_EINPUT, "';' not allowed in "
			    "an expression (column %ld)", (long)(p - expr) + 1);
		case '-':
			if (p[1] == '-')
				return rd_err_set(err, RD_EINPUT, "comments "
				    "not allowed in an expression (column "
				    "%ld)", (long)(p - expr) + 1);
			break;
		case '/':
			if (p[1] == '*')
				return rd_err_set(err, RD_EINPUT, "comments "
				    "not allowed in an expression (column "
				    "%ld)", (long)(p - expr) + 1);
			break;
		default:
			break;
		}
	}
	if (depth > 0)
		return rd_err_set(err, RD_EINPUT, "unbalanced '(' at column "
		    "%ld of expression", (long)(paren - expr) + 1);
	return 0;
}

/*
 * A step of an expression's evaluation failed: the expression's fault
 * (SQLITE_ERROR: an integer overflow in abs(), a malformed JSON argument)
 * is RD_EINPUT; out of memory, a disk or lock error is the database's,
 * RD_EDB.  Returns -1.
 */
static int
expr_run_fail(struct rd_err *err, sqlite3 *h)
{
	int code = sqlite3_errcode(h) & 0xff;

	return rd_err_set(err, code == SQLITE_ERROR ? RD_EINPUT : RD_EDB,
	    "cannot evaluate expression: %s", sqlite3_errmsg(h));
}

/*
 * Turn a failed compile of an expression into an RD_EINPUT message; a
 * failure that is no fault of the expression (out of memory, a disk or
 * lock error) is the database's, RD_EDB, never blamed on the policy.
 */
static int
expr_fail(struct rd_err *err, sqlite3 *h, const struct expr_auth *ea,
	const char *table)
{
	const char *msg = sqlite3_errmsg(h);
	static const char col[] = "no such column: ";
	static const char tab[] = "no such table: ";
	int code = sqlite3_errcode(h) & 0xff;

	if (code != SQLITE_ERROR && code != SQLITE_AUTH && code != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "cannot read the expression: %s",
		    msg);
	if (ea->why[0] != '\0')
		return rd_err_set(err, RD_EINPUT, "%s", ea->why);
	if (strncmp(msg, col, sizeof col - 1) == 0)
		return rd_err_set(err, RD_EINPUT, "unknown column \"%s\" in "
		    "expression", msg + sizeof col - 1);
	if (strncmp(msg, tab, sizeof tab - 1) == 0)
		return rd_err_set(err, RD_EINPUT, "unknown table \"%s\"",
		    table);
	return rd_err_set(err, RD_EINPUT, "invalid expression: %s", msg);
}

static int
only_space(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
		    *s != '\f' && *s != '\v')
			return 0;
	return 1;
}

/*
 * Compile sql under the expression authorizer for table.  Returns the
 * statement (caller finalizes) or NULL with err.  The authorizer is
 * removed before returning.
 */
static sqlite3_stmt *
expr_prepare_cols(struct db *db, const char *table, const char *sql,
	char ***cols, size_t *ncols, struct rd_err *err)
{
	struct expr_auth ea;
	sqlite3 *h = db->h;
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int rc;

	if (expr_funcs_load(db, err) != 0)
		return NULL;
	memset(&ea, 0, sizeof ea);
	ea.table = table;
	ea.sql = sql;
	ea.db = db;
	ea.with_values = db->with_values;
	ea.cols = cols;
	ea.ncols = ncols;
	if (sqlite3_set_authorizer(h, expr_authorize, &ea) != SQLITE_OK) {
		db_fail(err, h, "cannot install expression authorizer");
		return NULL;
	}
	rc = sqlite3_prepare_v2(h, sql, -1, &st, &tail);
	if (rc != SQLITE_OK)
		expr_fail(err, h, &ea, table);
	sqlite3_set_authorizer(h, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	if (st == NULL) {
		rd_err_set(err, RD_EINPUT, "empty expression");
		return NULL;
	}
	if (sqlite3_bind_parameter_count(st) > 0) {
		sqlite3_finalize(st);
		rd_err_set(err, RD_EINPUT, "expected values in the expression, "
		    "found a parameter");
		return NULL;
	}
	if (tail != NULL && !only_space(tail)) {
		sqlite3_finalize(st);
		rd_err_set(err, RD_EINPUT, "expected one expression, found "
		    "more text after it");
		return NULL;
	}
	return st;
}

/* As expr_prepare_cols, without collecting the columns read. */
static sqlite3_stmt *
expr_prepare(struct db *db, const char *table, const char *sql,
	struct rd_err *err)
{
	return expr_prepare_cols(db, table, sql, NULL, NULL, err);
}

/*
 * SQLite's own words for a syntax error in an expression name a token of
 * the statement riskdesk wrapped around it ("near \")\": syntax error"
 * when the expression stops after "and") or a term the user never wrote
 * ("row value misused" for 4,000).  Say instead where in the expression
 * it went wrong and what to write, from the error's byte offset in the
 * statement (sqlite3_error_offset, SQLite 3.38) less off, the bytes
 * before the expression.  Leaves err as it is for other errors.
 */
static void
expr_syntax_hint(struct db *db, const char *expr, size_t off,
	struct rd_err *err)
{
	static const char pre[] = "invalid expression: ";
	const char *m = err->msg, *p, *last = NULL, *lend = NULL;
	size_t n = strlen(expr);
	int at = sqlite3_error_offset(db->h), depth = 0;
	char word[48];

	if (err->cls != RD_EINPUT || strncmp(m, pre, sizeof pre - 1) != 0)
		return;
	m += sizeof pre - 1;
	if (strcmp(m, "row value misused") == 0) {
		/* A comma outside a function's or in's parentheses. */
		for (p = expr; *p != '\0'; p++) {
			if (*p == '\'' || *p == '"') {
				char q = *p;

				for (p++; *p != '\0' && *p != q; p++)
					;
				if (*p == '\0')
					break;
			} else if (*p == '(')
				depth++;
			else if (*p == ')')
				depth--;
			else if (*p == ',' && depth == 0)
				break;
		}
		if (*p == ',')
			rd_err_set(err, RD_EINPUT, "unexpected ',' at column %ld "
			    "of the expression: write numbers without a "
			    "thousands separator (4000, not 4,000); a list of "
			    "values goes in parentheses (x in (1, 2))",
			    (long)(p - expr) + 1);
		return;
	}
	if (strstr(m, "syntax error") == NULL &&
	    strstr(m, "incomplete input") == NULL)
		return;
	if (at < 0 || (size_t)at < off || (size_t)at - off >= n) {
		/* At the wrapper's closing parenthesis or later: the
		   expression stops too early.  Name its last word. */
		for (p = expr; *p != '\0'; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' &&
			    *p != '\r') {
				if (p == expr || p[-1] == ' ' || p[-1] == '\t' ||
				    p[-1] == '\n' || p[-1] == '\r')
					last = p;
				lend = p + 1;
			}
		if (last == NULL)
			return;
		snprintf(word, sizeof word, "%.*s", (int)(lend - last > 40 ?
		    40 : lend - last), last);
		rd_err_set(err, RD_EINPUT, "the expression ends too early, "
		    "after \"%s\": complete the condition (e.g. x = 'a' and "
		    "y > 1)", word);
		return;
	}
	p = expr + (at - (int)off);
	snprintf(word, sizeof word, "%.*s", (int)strcspn(p, " \t\n\r") > 40 ?
	    40 : (int)strcspn(p, " \t\n\r"), p);
	rd_err_set(err, RD_EINPUT, "syntax error at column %ld of the "
	    "expression, near \"%s\": see riskdesk-policy(5), CONDITIONS "
	    "AND EXPRESSIONS", (long)(p - expr) + 1, word);
}

/*
 * The row id (rowid, oid, _rowid_) is the order the rows were stored in,
 * no property of an applicant: a decision must not hang on it.  Returns
 * -1 with err when expr reads it and table has no column of that name,
 * else 0.
 */
static int
expr_rowid_check(struct db *db, const char *table, const char *expr,
	struct rd_err *err)
{
	static const char *const rid[] = { "rowid", "oid", "_rowid_" };
	char **names = NULL, **types = NULL;
	int nc = -1, j;
	size_t i;

	for (i = 0; i < sizeof rid / sizeof rid[0]; i++) {
		if (!sql_has_word(expr, rid[i], 0))
			continue;
		if (nc < 0 && (nc = table_columns(db->h, table, &names,
		    &types, err)) < 0)
			return -1;
		for (j = 0; j < nc; j++)
			if (strcasecmp(names[j], rid[i]) == 0)
				break;
		if (j == nc) {
			strv_free(names, (size_t)nc);
			strv_free(types, (size_t)nc);
			return rd_err_set(err, RD_EINPUT, "%s is the order the "
			    "rows were stored in, not a column of table \"%s\": "
			    "a decision must not depend on it", rid[i], table);
		}
	}
	if (nc >= 0) {
		strv_free(names, (size_t)nc);
		strv_free(types, (size_t)nc);
	}
	return 0;
}

int
db_expr_check(struct db *db, const char *table, const char *expr,
	struct rd_err *err)
{
	sqlite3_stmt *st;
	char *qtable, *sql;
	int ncol;

	if (only_space(expr))
		return rd_err_set(err, RD_EINPUT, "empty expression");
	if (expr_scan(expr, err) != 0)
		return -1;
	if (sql_has_now(expr))
		return rd_err_set(err, RD_EINPUT, "'now' is not allowed: %s",
		    expr_same);
	{
		/* Without an argument they read the clock too. */
		static const char *const clock[] = { "date", "time",
		    "datetime", "julianday", "unixepoch", "strftime" };
		size_t i;

		for (i = 0; i < sizeof clock / sizeof clock[0]; i++)
			if (sql_has_word(expr, clock[i], 1))
				return rd_err_set(err, RD_EINPUT, "%s() without "
				    "an argument is not allowed: %s", clock[i],
				    expr_same);
	}
	if (!db->with_values && expr_rowid_check(db, table, expr, err) != 0)
		return -1;
	qtable = db_ident_cat(NULL, table);
	sql = str_cat(str_cat(str_cat(str_cat(NULL, "SELECT ("), expr),
	    ") FROM "), qtable);
	st = expr_prepare(db, table, sql, err);
	free(sql);
	if (st == NULL) {
		free(qtable);
		expr_syntax_hint(db, expr, sizeof "SELECT (" - 1, err);
		return -1;
	}
	ncol = sqlite3_column_count(st);
	sqlite3_finalize(st);
	if (ncol != 1) {
		free(qtable);
		return rd_err_set(err, RD_EINPUT, "expected one expression, "
		    "found %d", ncol);
	}
	/* Aggregate and window functions are refused in a WHERE clause. */
	sql = str_cat(str_cat(str_cat(str_cat(NULL, "SELECT 1 FROM "), qtable),
	    " WHERE ("), expr);
	sql = str_cat(sql, ")");
	free(qtable);
	st = expr_prepare(db, table, sql, err);
	free(sql);
	if (st == NULL)
		return -1;
	sqlite3_finalize(st);
	return 0;
}

/* Where db_expr_eval's rows go: out[k][i], at most nrows of them. */
struct eval_dest {
	const char *table;
	double **out;
	size_t nexpr, nrows, seen;
	struct rd_err *err;
};

static int
eval_row(void *arg, size_t i, const double *vals)
{
	struct eval_dest *d = arg;
	size_t k;

	if (i == d->nrows)
		return rd_err_set(d->err, RD_EINPUT, "table \"%s\" has more "
		    "than the expected %zu rows", d->table, d->nrows);
	for (k = 0; k < d->nexpr; k++)
		d->out[k][i] = vals[k];
	d->seen = i + 1;
	return 0;
}

int
db_expr_eval(struct db *db, const char *table, const char *const *exprs,
	size_t nexpr, double **out, size_t nrows, struct rd_err *err)
{
	struct eval_dest d = { table, out, nexpr, nrows, 0, err };

	if (db_expr_scan(db, table, exprs, nexpr, eval_row, &d, err) != 0)
		return -1;
	if (d.seen != nrows)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has %zu rows, "
		    "expected %zu", table, d.seen, nrows);
	return 0;
}

int
db_expr_text_or(struct db *db, const char *table, const char *const *exprs,
	size_t n, const char *cond, int *text, int *cond_seen,
	struct rd_err *err)
{
	sqlite3_stmt *st;
	char *sql, *where;
	size_t k;
	int rc;

	*text = *cond_seen = 0;
	for (k = 0; k < n; k++)
		if (db_expr_check(db, table, exprs[k], err) != 0)
			return -1;
	if (cond != NULL && db_expr_check(db, table, cond, err) != 0)
		return -1;
	sql = str_cat(NULL, "SELECT ");
	where = str_cat(NULL, " WHERE 0");
	for (k = 0; k < n; k++) {
		sql = str_cat(str_cat(str_cat(sql, "("), exprs[k]), "), ");
		where = str_cat(str_cat(str_cat(where, " OR typeof(("),
		    exprs[k]), ")) = 'text'");
	}
	sql = str_cat(str_cat(str_cat(sql, "("), cond != NULL ? cond : "0"),
	    ") FROM ");
	sql = db_ident_cat(sql, table);
	if (cond != NULL)
		where = str_cat(str_cat(str_cat(where, " OR ("), cond), ")");
	sql = str_cat(sql, where);
	free(where);
	st = expr_prepare(db, table, sql, err);
	free(sql);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < n; k++)
			if (sqlite3_column_type(st, (int)k) == SQLITE_TEXT &&
			    isnan(db_column_num(st, (int)k)))
				break;
		if (k < n) {
			*text = 1;
			break;
		}
		if (db_column_num(st, (int)n) != 0 &&
		    !isnan(db_column_num(st, (int)n)))
			*cond_seen = 1;
	}
	if (*text == 0 && rc != SQLITE_DONE) {
		expr_run_fail(err, db->h);
		sqlite3_finalize(st);
		return -1;
	}
	if (*text)
		*cond_seen = 0;
	sqlite3_finalize(st);
	return 0;
}

int
db_expr_count(struct db *db, const char *table, const char *expr,
	size_t limit, size_t *n, struct rd_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	int rc = SQLITE_DONE;

	*n = 0;
	if (db_expr_check(db, table, expr, err) != 0)
		return -1;
	/* Counted as they come (the authorizer allows no sub-query). */
	sql = str_cat(NULL, "SELECT 1 FROM ");
	sql = db_ident_cat(sql, table);
	sql = str_cat(str_cat(str_cat(sql, " WHERE ("), expr), ")");
	st = expr_prepare(db, table, sql, err);
	free(sql);
	if (st == NULL)
		return -1;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		(*n)++;
	if (*n < limit && rc != SQLITE_DONE) {
		expr_run_fail(err, db->h);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
db_expr_text_rows(struct db *db, const char *table, const char *expr,
	const unsigned char *mask, size_t nrows, size_t *count, char **first,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL, **types = NULL, *sql = NULL;
	const char *rowid;
	size_t i;
	int ncols, rc, ret = -1;

	*count = 0;
	*first = NULL;
	if (db_expr_check(db, table, expr, err) != 0)
		return -1;
	ncols = table_columns(db->h, table, &names, &types, err);
	if (ncols < 0)
		return -1;
	rowid = ncols > 0 ? rowid_alias(names, (size_t)ncols) : NULL;
	if (rowid == NULL) {
		rd_err_set(err, RD_EINPUT, "cannot order the rows of table "
		    "\"%s\"", table);
		goto done;
	}
	sql = str_cat(str_cat(str_cat(NULL, "SELECT ("), expr), ") FROM ");
	sql = db_ident_cat(sql, table);
	sql = rows_cat(db, table, sql, rowid);
	st = expr_prepare(db, table, sql, err);
	if (st == NULL)
		goto done;
	for (i = 0; (rc = sqlite3_step(st)) == SQLITE_ROW && i < nrows; i++) {
		if (!mask[i] || sqlite3_column_type(st, 0) != SQLITE_TEXT ||
		    !isnan(db_column_num(st, 0)))
			continue;
		if ((*count)++ == 0)
			*first = col_strdup(st, 0);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		expr_run_fail(err, db->h);
		free(*first);
		*first = NULL;
		goto done;
	}
	ret = 0;
done:
	sqlite3_finalize(st);
	free(sql);
	strv_free(names, (size_t)ncols);
	strv_free(types, (size_t)ncols);
	return ret;
}

int
db_is_keyword(const char *name)
{
	size_t len = strlen(name);

	return len <= INT32_MAX && sqlite3_keyword_check(name, (int)len);
}

int
db_expr_columns(struct db *db, const char *table, const char *expr,
	char ***cols, size_t *ncols, struct rd_err *err)
{
	sqlite3_stmt *st;
	char *sql;

	*cols = NULL;
	*ncols = 0;
	if (db_expr_check(db, table, expr, err) != 0)
		return -1;
	sql = db_ident_cat(str_cat(str_cat(str_cat(NULL, "SELECT ("), expr),
	    ") FROM "), table);
	st = expr_prepare_cols(db, table, sql, cols, ncols, err);
	free(sql);
	if (st == NULL) {
		strv_free(*cols, *ncols);
		*cols = NULL;
		*ncols = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * The name table's rowid is reachable under (rowid_alias, a static
 * string), or NULL with err: RD_EINPUT for an unknown table or one whose
 * columns hide it.
 */
static const char *
table_rowid(struct db *db, const char *table, struct rd_err *err)
{
	char **names = NULL, **types = NULL;
	const char *alias = NULL;
	int ncols = table_columns(db->h, table, &names, &types, err);

	if (ncols < 0)
		return NULL;
	if (ncols == 0)
		rd_err_set(err, RD_EINPUT, "unknown table \"%s\"", table);
	else if ((alias = rowid_alias(names, (size_t)ncols)) == NULL)
		rd_err_set(err, RD_EINPUT, "table \"%s\" has columns named "
		    "rowid, _rowid_ and oid; cannot order its rows", table);
	strv_free(names, (size_t)ncols);
	strv_free(types, (size_t)ncols);
	return alias;
}

/* "SELECT <what> FROM table <tail>" with every "@" in what and tail
   standing for the rowid's name, prepared; NULL with err. */
static sqlite3_stmt *
rowid_query(struct db *db, const char *table, const char *what,
	const char *tail, struct rd_err *err)
{
	const char *alias = table_rowid(db, table, err), *p;
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	int rc;

	if (alias == NULL)
		return NULL;
	sql = str_cat(NULL, "SELECT ");
	for (p = what; *p != '\0'; p++) {
		char c[2] = { *p, '\0' };

		sql = str_cat(sql, *p == '@' ? alias : c);
	}
	sql = db_ident_cat(str_cat(sql, " FROM "), table);
	for (p = tail; *p != '\0'; p++) {
		char c[2] = { *p, '\0' };

		sql = str_cat(sql, *p == '@' ? alias : c);
	}
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		read_fail(err, db->h, table, alias, "cannot read table");
		return NULL;
	}
	return st;
}

int
db_next_rowid(struct db *db, const char *table, int64_t from,
	int64_t *rowid, struct rd_err *err)
{
	/* min() over a rowid range is one seek in the table's b-tree. */
	sqlite3_stmt *st = rowid_query(db, table, "min(@)", " WHERE @ >= ?1",
	    err);
	int ret = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, db->h, "cannot read table");
	} else {
		ret = sqlite3_column_type(st, 0) != SQLITE_NULL;
		if (ret)
			*rowid = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return ret;
}

int
db_rowid_range(struct db *db, const char *table, int64_t *lo, int64_t *hi,
	size_t *n, struct rd_err *err)
{
	/* Three queries, each answered without a pass over the rows: min()
	   and max() of the rowid alone are a seek to either end of the
	   table's b-tree, and a bare count(*) counts its pages' cells
	   without reading a record.  Together in one SELECT they were a
	   pass over every row. */
	static const char *const what[3] = { "min(@)", "max(@)", "count(*)" };
	int64_t v[3];
	int k, none = 0;

	for (k = 0; k < 3; k++) {
		sqlite3_stmt *st = rowid_query(db, table, what[k], "", err);

		if (st == NULL)
			return -1;
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_fail(err, db->h, "cannot read table");
			sqlite3_finalize(st);
			return -1;
		}
		if (k == 0)
			none = sqlite3_column_type(st, 0) == SQLITE_NULL;
		v[k] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	*lo = v[0];
	*hi = v[1];
	*n = (size_t)v[2];
	/*
	 * Rows without a rowid (a view's): no window of rowids holds them,
	 * so none applies to this relation; a pass reads it whole, the
	 * first window's read taking every row (and db_next_rowid finds no
	 * next rowid).  Rows are never left out of a slice unread.
	 */
	if (none && v[2] > 0) {
		if (db->whole == NULL || strcmp(db->whole, table) != 0) {
			free(db->whole);
			db->whole = xstrdup(table);
		}
	} else if (db->whole != NULL && strcmp(db->whole, table) == 0) {
		free(db->whole);
		db->whole = NULL;
	}
	return 0;
}

/* Whether table has a unique index on column alone. */
static int
unique_index(struct db *db, const char *table, const char *column)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM "
	    "pragma_index_list(?1) AS l, pragma_index_info(l.name) AS i "
	    "WHERE l.\"unique\" AND i.name = ?2 AND (SELECT count(*) FROM "
	    "pragma_index_info(l.name)) = 1", -1, &st, NULL) == SQLITE_OK) {
		db_bind_text(st, 1, table, -1, SQLITE_STATIC);
		db_bind_text(st, 2, column, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			found = sqlite3_column_int64(st, 0) > 0;
	}
	sqlite3_finalize(st);
	return found;
}

int
db_key_check(struct db *db, const char *table, const char *column,
	size_t *nnull, size_t *ndup, char **dup, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *sql;
	int rc;

	*nnull = *ndup = 0;
	*dup = NULL;
	if (unique_index(db, table, column)) {
		/* NULLs may still be there: a unique index allows them. */
		sql = str_cat(NULL, "SELECT count(*) FROM ");
		sql = db_ident_cat(sql, table);
		sql = db_ident_cat(str_cat(sql, " WHERE "), column);
		sql = str_cat(sql, " IS NULL");
	} else {
		sql = str_cat(NULL, "SELECT count(*) - count(");
		sql = db_ident_cat(sql, column);
		sql = str_cat(sql, "), count(");
		sql = db_ident_cat(sql, column);
		sql = str_cat(sql, ") - count(DISTINCT ");
		sql = db_ident_cat(sql, column);
		sql = db_ident_cat(str_cat(sql, ") FROM "), table);
	}
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(err, db->h, "cannot check the key column");
	}
	*nnull = (size_t)sqlite3_column_int64(st, 0);
	if (sqlite3_column_count(st) > 1)
		*ndup = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (*ndup == 0)
		return 0;
	sql = str_cat(NULL, "SELECT ");
	sql = db_ident_cat(sql, column);
	sql = db_ident_cat(str_cat(sql, " FROM "), table);
	sql = db_ident_cat(str_cat(sql, " WHERE "), column);
	sql = str_cat(sql, " IS NOT NULL GROUP BY ");
	sql = db_ident_cat(sql, column);
	sql = str_cat(sql, " HAVING count(*) > 1 LIMIT 1");
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		*dup = col_strdup(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/*
 * The truth bits of v (DB_TRUE, DB_NULL, DB_OTHER; db.h).  DB_TRUE as
 * sqlite3VdbeBooleanValue: NULL false, an integer != 0, anything else
 * its real value != 0.0.
 */
static unsigned char
value_truth(sqlite3_value *v)
{
	sqlite3_int64 i;
	double d;

	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		i = sqlite3_value_int64(v);
		return (unsigned char)((i != 0 ? DB_TRUE : 0) |
		    (i != 0 && i != 1 ? DB_OTHER : 0));
	case SQLITE_FLOAT:
		d = sqlite3_value_double(v);
		return (unsigned char)((d != 0.0 ? DB_TRUE : 0) |
		    (d != 0.0 && d != 1.0 ? DB_OTHER : 0));
	default:
		/* Text or blob: never 0/1 as a comparison gives it. */
		return (unsigned char)((sqlite3_value_double(v) != 0.0 ?
		    DB_TRUE : 0) | DB_OTHER);
	}
}

/*
 * db_expr_scan and db_expr_scan_truth: fn (when set) as the one, fn_t
 * (otherwise) as the other, with truth[k] for k < ntruth.
 */
static int
rows_scan(struct db *db, const char *table, const char *const *exprs,
	size_t nexpr, size_t ntruth,
	int (*fn)(void *arg, size_t row, const double *vals),
	int (*fn_t)(void *arg, size_t row, const double *vals,
	const unsigned char *truth), void *arg, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL, **types = NULL, *sql = NULL;
	double *vals = NULL;
	unsigned char *truth = NULL;
	const char *rowid;
	size_t i, k;
	int ncols, rc, ret = -1;

	for (k = 0; k < nexpr; k++)
		if (db_expr_check(db, table, exprs[k], err) != 0)
			return -1;
	ncols = table_columns(db->h, table, &names, &types, err);
	if (ncols < 0)
		return -1;
	if (ncols == 0)
		return rd_err_set(err, RD_EINPUT, "unknown table \"%s\"",
		    table);
	rowid = rowid_alias(names, (size_t)ncols);
	if (rowid == NULL) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has columns named "
		    "rowid, _rowid_ and oid; cannot order its rows", table);
		goto done;
	}
	sql = str_cat(NULL, "SELECT ");
	for (k = 0; k < nexpr; k++)
		sql = str_cat(str_cat(str_cat(sql, k ? ", (" : "("),
		    exprs[k]), ")");
	if (nexpr == 0)
		sql = str_cat(sql, "NULL");
	sql = db_ident_cat(str_cat(sql, " FROM "), table);
	sql = rows_cat(db, table, sql, rowid);
	st = expr_prepare(db, table, sql, err);
	if (st == NULL)
		goto done;
	vals = xcalloc(nexpr ? nexpr : 1, sizeof *vals);
	truth = xcalloc(ntruth ? ntruth : 1, sizeof *truth);
	for (i = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
		for (k = 0; k < nexpr; k++) {
			sqlite3_value *v = sqlite3_column_value(st, (int)k);

			vals[k] = value_num(v);
			if (k < ntruth)
				truth[k] = value_truth(v);
		}
		if ((fn != NULL ? fn(arg, i, vals) : fn_t(arg, i, vals,
		    truth)) != 0) {
			ret = -1;
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		expr_run_fail(err, db->h);
		goto done;
	}
	ret = 0;
done:
	sqlite3_finalize(st);
	free(sql);
	free(vals);
	free(truth);
	strv_free(names, (size_t)ncols);
	strv_free(types, (size_t)ncols);
	return ret;
}

int
db_expr_scan(struct db *db, const char *table, const char *const *exprs,
	size_t nexpr, int (*fn)(void *arg, size_t row, const double *vals),
	void *arg, struct rd_err *err)
{
	return rows_scan(db, table, exprs, nexpr, 0, fn, NULL, arg, err);
}

int
db_expr_scan_truth(struct db *db, const char *table,
	const char *const *exprs, size_t nexpr, size_t ntruth,
	int (*fn)(void *arg, size_t row, const double *vals,
	const unsigned char *truth), void *arg, struct rd_err *err)
{
	return rows_scan(db, table, exprs, nexpr, ntruth, NULL, fn, arg, err);
}

/* ---------------------------------------------------- column roles */

int
db_column_role_set(struct db *db, const char *table, const char *column,
	const char *role, const char *note, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *sql = role != NULL ?
	    "INSERT OR REPLACE INTO rd_column(tbl, col, role, note) "
	    "VALUES (?1, ?2, ?3, ?4)" :
	    "DELETE FROM rd_column WHERE tbl = ?1 AND col = ?2";
	int rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot record column role");
	rc = db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = db_bind_text(st, 2, column, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && role != NULL)
		rc = db_bind_text(st, 3, role, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && role != NULL)
		rc = db_bind_text(st, 4, note ? note : "", -1,
		    SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot record column role");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
db_column_roles(struct db *db, const char *table,
	struct db_column_role **out, size_t *n, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT col, role, note FROM rd_column "
	    "WHERE tbl = ?1 ORDER BY col", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot read column roles");
	rc = db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_column_role *r;

		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		r = &(*out)[(*n)++];
		r->column = col_strdup(st, 0);
		r->role = col_strdup(st, 1);
		r->note = col_strdup(st, 2);
		if (r->column == NULL)
			r->column = xstrdup("");
		if (r->role == NULL)
			r->role = xstrdup("");
		if (r->note == NULL)
			r->note = xstrdup("");
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read column roles");
		sqlite3_finalize(st);
		db_column_roles_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

void
db_column_roles_free(struct db_column_role *r, size_t n)
{
	size_t k;

	if (r == NULL)
		return;
	for (k = 0; k < n; k++) {
		free(r[k].column);
		free(r[k].role);
		free(r[k].note);
	}
	free(r);
}

/* ------------------------------------------------- special values */

int
db_special_values(struct db *db, const char *table, const char *column,
	struct db_special **out, size_t *n, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT value FROM rd_special WHERE "
	    "tbl = ?1 AND col = ?2 ORDER BY value", -1, &st, NULL)
	    != SQLITE_OK)
		return db_fail(err, db->h, "cannot read special values");
	rc = db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = db_bind_text(st, 2, column, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_special *v;
		char *end;

		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		v = &(*out)[(*n)++];
		v->text = col_strdup(st, 0);
		if (v->text == NULL)
			v->text = xstrdup("");
		errno = 0;
		v->num = strtod(v->text, &end);
		/* A subnormal number (5e-324) is one, though strtod says
		   ERANGE; one past a double's range is none. */
		if (v->text[0] == '\0' || *end != '\0' || (errno == ERANGE &&
		    v->num == 0) || !isfinite(v->num))
			v->num = NAN;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read special values");
		sqlite3_finalize(st);
		db_special_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

void
db_special_free(struct db_special *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* ------------------------------------------------------- rejected rows */

int
db_rejects(struct db *db, const char *table, size_t max,
	struct db_reject **out, size_t *n, size_t *total, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	*n = *total = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT line, raw, reason, "
	    "count(*) OVER () FROM rd_reject WHERE tbl = ?1 ORDER BY line, "
	    "rowid LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot read rejected rows");
	rc = db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	*out = xcalloc(max ? max : 1, sizeof **out);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_reject *r = &(*out)[(*n)++];

		r->line = sqlite3_column_int64(st, 0);
		r->raw = col_strdup(st, 1);
		r->reason = col_strdup(st, 2);
		*total = (size_t)sqlite3_column_int64(st, 3);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, db->h, "cannot read rejected rows");
		sqlite3_finalize(st);
		db_rejects_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

void
db_rejects_free(struct db_reject *r, size_t n)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(r[i].raw);
		free(r[i].reason);
	}
	free(r);
}

/* Up to DB_VALUES_SHOWN distinct values of column col of table, as text,
   sorted, quoted and comma-separated ("..." after them when there are
   more), or "none"; heap string, the caller frees. */
char *
db_column_values(sqlite3 *h, const char *table, const char *col)
{
	sqlite3_stmt *st = NULL;
	char *sql, *out = NULL;
	int n = 0;

	sql = db_ident_cat(str_cat(NULL, "SELECT DISTINCT CAST("), col);
	sql = db_ident_cat(str_cat(sql, " AS TEXT) AS v FROM "), table);
	sql = str_cat(sql, " WHERE v IS NOT NULL ORDER BY 1 LIMIT ?1");
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, DB_VALUES_SHOWN + 1);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(st,
			    0);

			if (n++ == DB_VALUES_SHOWN) {
				out = str_cat(out, ", ...");
				break;
			}
			out = str_cat(str_cat(str_cat(str_cat(out, n > 1 ?
			    ", " : ""), "\""), v ? v : ""), "\"");
		}
	}
	sqlite3_finalize(st);
	free(sql);
	return out != NULL ? out : str_cat(NULL, "none");
}

/* ------------------------------------------------------- column names */

char **
db_table_column_names(struct db *db, const char *table, size_t *n,
	struct rd_err *err)
{
	char **names, **types;
	int k = table_columns(db->h, table, &names, &types, err);

	if (k < 0)
		return NULL;
	strv_free(types, (size_t)k);
	if (k == 0) {
		free(names);
		rd_err_set(err, RD_EINPUT, "table \"%s\" does not exist", table);
		return NULL;
	}
	names = xreallocarray(names, (size_t)k + 1, sizeof *names);
	names[k] = NULL;
	if (n != NULL)
		*n = (size_t)k;
	return names;
}

int
db_table_name_check(const char *name, struct rd_err *err)
{
	const unsigned char *p;
	int blank = 1;

	if (name == NULL || name[0] == '\0')
		return rd_err_set(err, RD_EUSAGE, "expected a table name, "
		    "found none");
	if (strlen(name) > DB_TABLE_NAME_MAX)
		return rd_err_set(err, RD_EUSAGE, "expected a table name of "
		    "at most %d bytes, found %zu bytes", DB_TABLE_NAME_MAX,
		    strlen(name));
	for (p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return rd_err_set(err, RD_EUSAGE, "expected a table "
			    "name without control characters, found byte "
			    "0x%02x at byte %zu", *p,
			    (size_t)(p - (const unsigned char *)name) + 1);
		if (*p != ' ')
			blank = 0;
	}
	if (blank)
		return rd_err_set(err, RD_EUSAGE, "expected a table name, "
		    "found only blanks");
	return 0;
}

/* -------------------------------------- expressions over given values */

/*
 * Values that are not columns of the table (the fraud features) reach an
 * expression through the function rd_value(k, rowid), registered on the
 * connection for the call only and allowed by the authorizer only then:
 * the expression is rewritten, each name of the values written as a
 * column (bare or quoted) becoming rd_value(k, <rowid>).  The function
 * finds the row among the given rowids (ascending) from where it found
 * the last one, so a pass in rowid order costs O(1) a row.  It is not
 * flagged deterministic: SQLite would then be free to evaluate it once.
 */
struct expr_values {
	const double *const *vals;	/* [n][nrows] */
	const int64_t *rowid;		/* [nrows] ascending */
	size_t nvals, nrows, hint;
};

static void
rd_value_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct expr_values *ev = sqlite3_user_data(cx);
	sqlite3_int64 k, r;
	size_t lo, hi, mid;
	double v;

	(void)argc;
	k = sqlite3_value_int64(argv[0]);
	r = sqlite3_value_int64(argv[1]);
	if (k < 0 || (size_t)k >= ev->nvals || ev->nrows == 0) {
		sqlite3_result_null(cx);
		return;
	}
	if (ev->hint < ev->nrows && ev->rowid[ev->hint] == r)
		mid = ev->hint;
	else if (ev->hint + 1 < ev->nrows && ev->rowid[ev->hint + 1] == r)
		mid = ev->hint + 1;
	else {
		lo = 0;
		hi = ev->nrows;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ev->rowid[mid] < r)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == ev->nrows || ev->rowid[lo] != r) {
			sqlite3_result_null(cx);
			return;
		}
		mid = lo;
	}
	ev->hint = mid;
	v = ev->vals[k][mid];
	if (isnan(v))
		sqlite3_result_null(cx);
	else
		sqlite3_result_double(cx, v);
}

static int
value_name_char(int c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/*
 * expr with every name of names[n] written as a column replaced by
 * rd_value(k, rowid); heap string.  A name is a bare word (not followed
 * by '(' and not next to a '.') or a word in double quotes, backquotes
 * or brackets, compared without regard to case as SQLite compares
 * column names; text in single quotes is left as it is.
 */
static char *
values_rewrite(const char *expr, const char *const *names, size_t n,
	const char *rowid)
{
	char *out = str_cat(NULL, ""), call[64], *word;
	const char *p = expr, *start, *q;
	size_t k, len;

	while (*p != '\0') {
		char c = *p;

		if (c == '\'') {
			start = p++;
			while (*p != '\0' && !(*p == '\'' && p[1] != '\''))
				p += *p == '\'' ? 2 : 1;
			if (*p != '\0')
				p++;
			word = xstrndup(start, (size_t)(p - start));
			out = str_cat(out, word);
			free(word);
			continue;
		}
		if (c == '"' || c == '`' || c == '[' ||
		    (value_name_char((unsigned char)c) &&
		    !isdigit((unsigned char)c))) {
			int quoted = !value_name_char((unsigned char)c);
			char close = c == '[' ? ']' : c;
			const char *before;

			start = p;
			if (quoted) {
				for (p++; *p != '\0' && *p != close; p++)
					;
				len = (size_t)(p - start - 1);
				if (*p != '\0')
					p++;
			} else {
				while (value_name_char((unsigned char)*p))
					p++;
				len = (size_t)(p - start);
			}
			word = xstrndup(start + quoted, len);
			for (before = start; before > expr &&
			    isspace((unsigned char)before[-1]); before--)
				;
			for (q = p; isspace((unsigned char)*q); q++)
				;
			for (k = 0; k < n; k++)
				if (sqlite3_stricmp(word, names[k]) == 0 &&
				    strlen(names[k]) == len)
					break;
			if (k < n && !(before > expr && before[-1] == '.') &&
			    *q != '.' && (quoted || *q != '(')) {
				snprintf(call, sizeof call, "rd_value(%zu, ", k);
				out = str_cat(str_cat(str_cat(out, call), rowid),
				    ")");
			} else {
				char *w = xstrndup(start, (size_t)(p - start));

				out = str_cat(out, w);
				free(w);
			}
			free(word);
			continue;
		}
		{
			char one[2] = { c, '\0' };

			out = str_cat(out, one);
			p++;
		}
	}
	return out;
}

/* Register rd_value on db for ev (NULL: remove it). */
static int
values_register(struct db *db, struct expr_values *ev, struct rd_err *err)
{
	if (sqlite3_create_function_v2(db->h, "rd_value", 2, SQLITE_UTF8, ev,
	    ev != NULL ? rd_value_fn : NULL, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(err, db->h, "cannot register rd_value");
	db->with_values = ev != NULL;
	return 0;
}

int
db_expr_check_with(struct db *db, const char *table,
	const char *const *names, size_t n, const char *expr,
	struct rd_err *err)
{
	struct expr_values ev;
	const char *rowid = table_rowid(db, table, err);
	char *sql;
	int rc;

	if (rowid == NULL || expr_rowid_check(db, table, expr, err) != 0)
		return -1;
	memset(&ev, 0, sizeof ev);
	ev.nvals = n;
	if (values_register(db, &ev, err) != 0)
		return -1;
	sql = values_rewrite(expr, names, n, rowid);
	rc = db_expr_check(db, table, sql, err);
	free(sql);
	values_register(db, NULL, NULL);
	return rc;
}

int
db_expr_scan_with(struct db *db, const char *table,
	const char *const *names, const double *const *vals, size_t n,
	const int64_t *rowid, size_t nrows,
	const char *const *exprs, size_t nexpr,
	int (*fn)(void *arg, size_t row, const double *vals), void *arg,
	struct rd_err *err)
{
	struct expr_values ev;
	const char *alias = table_rowid(db, table, err);
	char **sql;
	size_t k;
	int rc;

	if (alias == NULL)
		return -1;
	memset(&ev, 0, sizeof ev);
	ev.vals = vals;
	ev.nvals = n;
	ev.rowid = rowid;
	ev.nrows = nrows;
	if (values_register(db, &ev, err) != 0)
		return -1;
	sql = xcalloc(nexpr ? nexpr : 1, sizeof *sql);
	for (k = 0; k < nexpr; k++)
		sql[k] = values_rewrite(exprs[k], names, n, alias);
	rc = db_expr_scan(db, table, (const char *const *)sql, nexpr, fn,
	    arg, err);
	for (k = 0; k < nexpr; k++)
		free(sql[k]);
	free(sql);
	values_register(db, NULL, NULL);
	return rc;
}
