/*
 * runstore.c - simulation runs and their per-applicant outcomes in the
 * database (see runstore.h).  Part of the data layer: the only SQL about
 * runs is here.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "data/db.h"
#include "data/runstore.h"
#include "util/err.h"
#include "util/xmalloc.h"

static const char *const runstore_schema[] = {
	"CREATE TABLE IF NOT EXISTS rd_run("
	"id INTEGER PRIMARY KEY, policy TEXT, policy_file TEXT, "
	"scorecard TEXT, population TEXT, role TEXT, cutoffs TEXT, "
	"applicants INTEGER, created TEXT)",
	"CREATE TABLE IF NOT EXISTS rd_run_outcome("
	"run INTEGER NOT NULL REFERENCES rd_run(id) ON DELETE CASCADE, "
	"row INTEGER NOT NULL, knockout TEXT, segment TEXT, band INTEGER, "
	"decision TEXT NOT NULL, reasons TEXT, score REAL, pd REAL, "
	"ead REAL, credit_limit REAL, PRIMARY KEY (run, row))",
};

struct runstore {
	sqlite3 *s;
	sqlite3_stmt *ins;
	int64_t id;
};

static int
sql_fail(sqlite3 *s, struct rd_err *err, const char *what)
{
	return rd_err_set(err, RD_EDB, "cannot %s: %s", what,
	    sqlite3_errmsg(s));
}

static void
bind_text(sqlite3_stmt *st, int i, const char *t)
{
	if (t != NULL)
		sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_real(sqlite3_stmt *st, int i, double x)
{
	if (isfinite(x))
		sqlite3_bind_double(st, i, x);
	else
		sqlite3_bind_null(st, i);
}

struct runstore *
runstore_begin(struct db *db, const struct run_header *h, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	struct runstore *w;
	size_t i;

	if (sqlite3_exec(s, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		sql_fail(s, err, "store the run");
		return NULL;
	}
	for (i = 0; i < sizeof runstore_schema / sizeof *runstore_schema; i++)
		if (sqlite3_exec(s, runstore_schema[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			goto fail;
	if (sqlite3_prepare_v2(s, "INSERT INTO rd_run(policy, policy_file, "
	    "scorecard, population, role, cutoffs, applicants, created) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now'))", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, h->policy);
	bind_text(st, 2, h->policy_file);
	bind_text(st, 3, h->scorecard);
	bind_text(st, 4, h->population);
	bind_text(st, 5, h->role);
	bind_text(st, 6, h->cutoffs);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)h->applicants);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	w = xcalloc(1, sizeof *w);
	w->s = s;
	w->id = (int64_t)sqlite3_last_insert_rowid(s);
	if (sqlite3_prepare_v2(s, "INSERT INTO rd_run_outcome(run, row, "
	    "knockout, segment, band, decision, reasons, score, pd, ead, "
	    "credit_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
	    &w->ins, NULL) != SQLITE_OK) {
		free(w);
		goto fail;
	}
	return w;
fail:
	sql_fail(s, err, "store the run");
	sqlite3_finalize(st);
	sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
	return NULL;
}

int
runstore_add(struct runstore *w, const struct run_outcome *o,
	struct rd_err *err)
{
	sqlite3_stmt *st = w->ins;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)w->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)o->row);
	bind_text(st, 3, o->knockout);
	bind_text(st, 4, o->segment);
	if (o->band >= 0)
		sqlite3_bind_int(st, 5, o->band + 1);
	else
		sqlite3_bind_null(st, 5);
	bind_text(st, 6, o->decision);
	bind_text(st, 7, o->reasons);
	bind_real(st, 8, o->score);
	bind_real(st, 9, o->pd);
	bind_real(st, 10, o->ead);
	bind_real(st, 11, o->limit);
	if (sqlite3_step(st) != SQLITE_DONE)
		return sql_fail(w->s, err, "store an outcome");
	return 0;
}

int64_t
runstore_commit(struct runstore *w, struct rd_err *err)
{
	int64_t id = w->id;

	sqlite3_finalize(w->ins);
	if (sqlite3_exec(w->s, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sql_fail(w->s, err, "store the run");
		sqlite3_exec(w->s, "ROLLBACK", NULL, NULL, NULL);
		id = -1;
	}
	free(w);
	return id;
}

void
runstore_abort(struct runstore *w)
{
	if (w == NULL)
		return;
	sqlite3_finalize(w->ins);
	sqlite3_exec(w->s, "ROLLBACK", NULL, NULL, NULL);
	free(w);
}

int
runstore_count(struct db *db, int64_t run, const char *decision,
	size_t *count, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s, "SELECT count(*) FROM rd_run_outcome "
	    "WHERE run = ?1 AND (?2 IS NULL OR decision = ?2)", -1, &st,
	    NULL) != SQLITE_OK)
		return sql_fail(s, err, "count outcomes");
	sqlite3_bind_int64(st, 1, (sqlite3_int64)run);
	bind_text(st, 2, decision);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = (size_t)sqlite3_column_int64(st, 0);
	else
		sql_fail(s, err, "count outcomes");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

char *
runstore_reasons(struct db *db, int64_t run, int64_t row, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	const unsigned char *t;
	char *out = NULL;
	int rc;

	if (sqlite3_prepare_v2(s, "SELECT reasons FROM rd_run_outcome "
	    "WHERE run = ? AND row = ?", -1, &st, NULL) != SQLITE_OK) {
		sql_fail(s, err, "read an outcome");
		return NULL;
	}
	sqlite3_bind_int64(st, 1, (sqlite3_int64)run);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t = sqlite3_column_text(st, 0);
		out = xstrdup(t != NULL ? (const char *)t : "");
	} else if (rc == SQLITE_DONE)
		rd_err_set(err, RD_EINPUT, "no outcome for row %lld of run "
		    "%lld", (long long)row, (long long)run);
	else
		sql_fail(s, err, "read an outcome");
	sqlite3_finalize(st);
	return out;
}
