/*
 * runstore.c - simulation runs and their per-applicant outcomes in the
 * database (see runstore.h).  Part of the data layer: the only SQL about
 * runs is here.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Columns added to rd_run for decision runs (a database made before
   they existed gains them on the next run stored). */
static const char *const run_extra[][2] = {
	{ "kind", "TEXT" }, { "policy_sha256", "TEXT" },
	{ "scorecard_sha256", "TEXT" }, { "input", "TEXT" },
	{ "input_rows", "INTEGER" }, { "input_sha256", "TEXT" },
	{ "output", "TEXT" }, { "output_sha256", "TEXT" },
	{ "version", "TEXT" }, { "approved", "INTEGER" },
	{ "referred", "INTEGER" }, { "declined", "INTEGER" },
	{ "knocked_out", "INTEGER" }, { "file_cutoffs", "TEXT" },
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
		db_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
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

/* The run tables, and rd_run's later columns; in the caller's
   transaction.  Returns 0, or -1 with the error in s. */
static int
schema(sqlite3 *s)
{
	sqlite3_stmt *st = NULL;
	unsigned char have[sizeof run_extra / sizeof run_extra[0]];
	size_t i, k;

	for (i = 0; i < sizeof runstore_schema / sizeof *runstore_schema; i++)
		if (sqlite3_exec(s, runstore_schema[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			return -1;
	memset(have, 0, sizeof have);
	if (sqlite3_prepare_v2(s, "SELECT name FROM pragma_table_info("
	    "'rd_run')", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);

		for (k = 0; c != NULL && k < sizeof have; k++)
			if (strcmp(c, run_extra[k][0]) == 0)
				have[k] = 1;
	}
	sqlite3_finalize(st);
	for (k = 0; k < sizeof have; k++) {
		char sql[96];

		if (have[k])
			continue;
		snprintf(sql, sizeof sql, "ALTER TABLE rd_run ADD COLUMN %s %s",
		    run_extra[k][0], run_extra[k][1]);
		if (sqlite3_exec(s, sql, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	}
	return 0;
}

struct runstore *
runstore_begin(struct db *db, const struct run_header *h, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	struct runstore *w;

	if (sqlite3_exec(s, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		sql_fail(s, err, "store the run");
		return NULL;
	}
	if (schema(s) != 0)
		goto fail;
	if (sqlite3_prepare_v2(s, "INSERT INTO rd_run(policy, policy_file, "
	    "scorecard, population, role, cutoffs, applicants, created, kind, "
	    "file_cutoffs, policy_sha256, scorecard_sha256) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now'), 'simulation', ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, h->policy);
	bind_text(st, 2, h->policy_file);
	bind_text(st, 3, h->scorecard);
	bind_text(st, 4, h->population);
	bind_text(st, 5, h->role);
	bind_text(st, 6, h->cutoffs);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)h->applicants);
	bind_text(st, 8, h->file_cutoffs);
	bind_text(st, 9, h->policy_sha256 != NULL && h->policy_sha256[0] !=
	    '\0' ? h->policy_sha256 : NULL);
	bind_text(st, 10, h->scorecard_sha256 != NULL &&
	    h->scorecard_sha256[0] != '\0' ? h->scorecard_sha256 : NULL);
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

int64_t
runstore_decide(struct db *db, const struct run_decide *r, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	int64_t id;

	if (sqlite3_exec(s, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(s, err, "record the run");
	if (schema(s) != 0 ||
	    sqlite3_prepare_v2(s, "INSERT INTO rd_run(policy, policy_file, "
	    "scorecard, population, role, cutoffs, applicants, created, kind, "
	    "policy_sha256, scorecard_sha256, input, input_rows, "
	    "input_sha256, output, output_sha256, version, approved, "
	    "referred, declined, knocked_out) VALUES (?1, ?2, ?3, ?4, "
	    "'decide', ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
	    "'decide', ?7, ?8, ?9, ?6, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17)", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, r->policy);
	bind_text(st, 2, r->policy_file);
	bind_text(st, 3, r->scorecard);
	bind_text(st, 4, r->table);
	bind_text(st, 5, r->cutoffs);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)r->input_rows);
	bind_text(st, 7, r->policy_sha256);
	bind_text(st, 8, r->scorecard_sha256);
	bind_text(st, 9, r->input);
	bind_text(st, 10, r->input_sha256);
	bind_text(st, 11, r->output);
	bind_text(st, 12, r->output_sha256);
	bind_text(st, 13, r->version);
	sqlite3_bind_int64(st, 14, (sqlite3_int64)r->approved);
	sqlite3_bind_int64(st, 15, (sqlite3_int64)r->referred);
	sqlite3_bind_int64(st, 16, (sqlite3_int64)r->declined);
	sqlite3_bind_int64(st, 17, (sqlite3_int64)r->knocked_out);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	id = (int64_t)sqlite3_last_insert_rowid(s);
	if (sqlite3_exec(s, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		st = NULL;
		goto fail;
	}
	return id;
fail:
	sql_fail(s, err, "record the run");
	sqlite3_finalize(st);
	sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

int
runstore_list(struct db *db, struct run_row **out, size_t *n,
	struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	struct run_row *v = NULL;
	size_t m = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* No run stored yet: no table, no runs. */
	if (sqlite3_prepare_v2(s, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'rd_run'", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(s, err, "list the runs");
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : sql_fail(s, err,
		    "list the runs");
	if (sqlite3_exec(s, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(s, err, "list the runs");
	if (schema(s) != 0 || sqlite3_exec(s, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		sql_fail(s, err, "list the runs");
		sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (sqlite3_prepare_v2(s, "SELECT id, coalesce(kind, 'simulation'), "
	    "created, policy, policy_file, policy_sha256, scorecard, "
	    "scorecard_sha256, coalesce(input, population), input_sha256, "
	    "coalesce(input_rows, applicants), output, output_sha256, "
	    "version, role, cutoffs, approved, referred, declined, "
	    "knocked_out, file_cutoffs FROM rd_run ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return sql_fail(s, err, "list the runs");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct run_row *r;

		if (m == cap) {
			cap = cap ? 2 * cap : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		r = &v[m++];
		memset(r, 0, sizeof *r);
		r->id = (int64_t)sqlite3_column_int64(st, 0);
		r->kind = col_text(st, 1);
		r->created = col_text(st, 2);
		r->policy = col_text(st, 3);
		r->policy_file = col_text(st, 4);
		r->policy_sha256 = col_text(st, 5);
		r->scorecard = col_text(st, 6);
		r->scorecard_sha256 = col_text(st, 7);
		r->input = col_text(st, 8);
		r->input_sha256 = col_text(st, 9);
		r->input_rows = (size_t)sqlite3_column_int64(st, 10);
		r->output = col_text(st, 11);
		r->output_sha256 = col_text(st, 12);
		r->version = col_text(st, 13);
		r->role = col_text(st, 14);
		r->cutoffs = col_text(st, 15);
		r->has_counts = sqlite3_column_type(st, 16) != SQLITE_NULL;
		r->approved = (size_t)sqlite3_column_int64(st, 16);
		r->referred = (size_t)sqlite3_column_int64(st, 17);
		r->declined = (size_t)sqlite3_column_int64(st, 18);
		r->knocked_out = (size_t)sqlite3_column_int64(st, 19);
		r->file_cutoffs = col_text(st, 20);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		runstore_list_free(v, m);
		return sql_fail(s, err, "list the runs");
	}
	*out = v;
	*n = m;
	return 0;
}

void
runstore_list_free(struct run_row *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		free(v[k].kind);
		free(v[k].created);
		free(v[k].policy);
		free(v[k].policy_file);
		free(v[k].policy_sha256);
		free(v[k].scorecard);
		free(v[k].scorecard_sha256);
		free(v[k].input);
		free(v[k].input_sha256);
		free(v[k].output);
		free(v[k].output_sha256);
		free(v[k].version);
		free(v[k].role);
		free(v[k].cutoffs);
		free(v[k].file_cutoffs);
	}
	free(v);
}

/* Set user_version to what it is: page 1 written, nothing changed. */
static int
probe(sqlite3 *s)
{
	sqlite3_stmt *st = NULL;
	char sql[64];
	int v = 0;

	if (sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	return sqlite3_exec(s, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int
runstore_ready(struct db *db, struct rd_err *err)
{
	sqlite3 *s = db_sqlite(db);

	if (sqlite3_db_readonly(s, "main") == 1)
		return rd_err_set(err, RD_EDB, "cannot record runs in %s: the "
		    "database is read-only here; give a database you can write "
		    "with --db", db_path(db));
	/* A write of the header page, rolled back: the journal beside the
	   database can be made, so the run's record will be too.  Nothing
	   is committed here: the run tables are made with the run's record,
	   in its transaction, so that a run that fails leaves the database
	   as it was. */
	if (sqlite3_exec(s, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    probe(s) != 0) {
		rd_err_set(err, RD_EDB, "cannot record runs in %s: %s",
		    db_path(db), sqlite3_errmsg(s));
		sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) {
		rd_err_set(err, RD_EDB, "cannot record runs in %s: %s",
		    db_path(db), sqlite3_errmsg(s));
		sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}
