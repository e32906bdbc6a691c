/*
 * link.c - applicant and performance extracts into a modelling table
 * (see link.h).  Data layer: SQL only, inside one transaction.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "data/link.h"
#include "util/err.h"
#include "util/xmalloc.h"

static int
db_fail(struct rd_err *err, sqlite3 *h, const char *what)
{
	return rd_err_set(err, RD_EDB, "%s: %s", what, sqlite3_errmsg(h));
}

static char *
cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}

static char *
ident(char *s, const char *name)
{
	return db_ident_cat(s, name);
}

struct cols {
	char **name, **type;
	size_t n;
};

static void
cols_done(struct cols *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->name[i]);
		free(c->type[i]);
	}
	free(c->name);
	free(c->type);
	memset(c, 0, sizeof *c);
}

/* Columns of table; 0 with c filled (c->n 0: no such table), or -1. */
static int
cols_read(sqlite3 *h, const char *table, struct cols *c, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(c, 0, sizeof *c);
	if (sqlite3_prepare_v2(h, "SELECT name, type FROM pragma_table_info("
	    "?1) ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, h, "cannot read table columns");
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *n = sqlite3_column_text(st, 0);
		const unsigned char *t = sqlite3_column_text(st, 1);

		c->name = xreallocarray(c->name, c->n + 1, sizeof *c->name);
		c->type = xreallocarray(c->type, c->n + 1, sizeof *c->type);
		c->name[c->n] = xstrdup(n ? (const char *)n : "");
		c->type[c->n++] = xstrdup(t ? (const char *)t : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(err, h, "cannot read table columns");
	return 0;
}

static int
cols_find(const struct cols *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (sqlite3_stricmp(c->name[i], name) == 0)
			return (int)i;
	return -1;
}

static int
run(sqlite3 *h, char *sql, struct rd_err *err)
{
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);

	free(sql);
	return rc == SQLITE_OK ? 0 : db_fail(err, h, "cannot link tables");
}

/* Collect the keys a query returns (one column, in order) into k. */
static int
keys_collect(sqlite3 *h, char *sql, struct link_keys *k, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, h, "cannot check keys");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);

		if (k->nfirst < LINK_SHOW_KEYS)
			k->first[k->nfirst++] = xstrdup(v ? (const char *)v :
			    "");
		k->count++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(err, h, "cannot check keys");
}

/* A single count. */
static int
count1(sqlite3 *h, char *sql, size_t *n, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	free(sql);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, h, "cannot count rows");
		sqlite3_finalize(st);
		return -1;
	}
	*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* Duplicate keys of table, by first appearance. */
static char *
dup_sql(const char *table, const char *on)
{
	char *s = ident(cat(NULL, "SELECT CAST("), on);

	s = ident(cat(s, " AS TEXT) FROM "), table);
	s = ident(cat(s, " WHERE "), on);
	s = ident(cat(s, " IS NOT NULL GROUP BY "), on);
	return cat(s, " HAVING count(*) > 1 ORDER BY min(_rowid_)");
}

int
link_tables(struct db *db, const struct link_spec *spec,
	struct link_summary *sum, struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	struct cols a, p;
	sqlite3_stmt *st = NULL;
	char *sql = NULL, *good = NULL, **pname = NULL;
	size_t i, k, nseen = 0;
	int in_tx = 0, ret = -1, rc, ti = -1;

	memset(sum, 0, sizeof *sum);
	memset(&a, 0, sizeof a);
	memset(&p, 0, sizeof p);
	if (!spec->applicants || !spec->performance || !spec->on ||
	    !spec->target || !spec->bad || !spec->as)
		return rd_err_set(err, RD_EUSAGE, "link needs the applicants "
		    "and performance tables, a key, a target, a bad value and "
		    "a name");
	if (db_table_name_check(spec->as, err) != 0)
		return -1;
	if (sqlite3_strnicmp(spec->as, "rd_", 3) == 0 ||
	    sqlite3_strnicmp(spec->as, "sqlite_", 7) == 0)
		return rd_err_set(err, RD_EUSAGE, "table name \"%s\" is "
		    "reserved", spec->as);
	if (sqlite3_stricmp(spec->as, spec->applicants) == 0 ||
	    sqlite3_stricmp(spec->as, spec->performance) == 0)
		return rd_err_set(err, RD_EUSAGE, "expected a new table name "
		    "for the link, found \"%s\", one of its sources", spec->as);
	if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(err, h, "cannot start transaction");
	in_tx = 1;
	if (cols_read(h, spec->applicants, &a, err) != 0 ||
	    cols_read(h, spec->performance, &p, err) != 0)
		goto done;
	if (a.n == 0 || p.n == 0) {
		rd_err_set(err, RD_EINPUT, "no table named \"%s\"", a.n == 0 ?
		    spec->applicants : spec->performance);
		goto done;
	}
	if (cols_find(&a, spec->on) < 0 || cols_find(&p, spec->on) < 0) {
		rd_err_set(err, RD_EINPUT, "expected key column \"%s\" in "
		    "table \"%s\", found no such column", spec->on,
		    cols_find(&a, spec->on) < 0 ? spec->applicants :
		    spec->performance);
		goto done;
	}
	if (cols_find(&p, spec->target) < 0) {
		rd_err_set(err, RD_EINPUT, "expected target column \"%s\" in "
		    "table \"%s\", found no such column", spec->target,
		    spec->performance);
		goto done;
	}
	{
		int exists = 0;

		if (sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master "
		    "WHERE name = ?1 COLLATE NOCASE", -1, &st, NULL)
		    != SQLITE_OK)
			goto dbfail;
		db_bind_text(st, 1, spec->as, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			exists = sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
		st = NULL;
		if (exists && !spec->replace) {
			rd_err_set(err, RD_EDB, "table \"%s\" exists; use "
			    "--replace", spec->as);
			goto done;
		}
		if (exists) {
			if (run(h, ident(cat(NULL, "DROP TABLE "), spec->as),
			    err) != 0)
				goto done;
			static const char *const meta_sql[] = {
				"DELETE FROM rd_table WHERE name = ?1 "
				    "COLLATE NOCASE",
				"DELETE FROM rd_special WHERE tbl = ?1 "
				    "COLLATE NOCASE",
				"DELETE FROM rd_reject WHERE tbl = ?1 "
				    "COLLATE NOCASE",
				"DELETE FROM rd_reject_rule WHERE tbl = ?1 "
				    "COLLATE NOCASE",
			};

			for (k = 0; k < 4; k++) {
				if (sqlite3_prepare_v2(h, meta_sql[k], -1, &st,
				    NULL) != SQLITE_OK)
					goto dbfail;
				db_bind_text(st, 1, spec->as, -1,
				    SQLITE_STATIC);
				rc = sqlite3_step(st);
				sqlite3_finalize(st);
				st = NULL;
				if (rc != SQLITE_DONE)
					goto dbfail;
			}
		}
	}

	/* Key problems. */
	if (keys_collect(h, dup_sql(spec->applicants, spec->on),
	    &sum->dup_applicants, err) != 0 ||
	    keys_collect(h, dup_sql(spec->performance, spec->on),
	    &sum->dup_performance, err) != 0)
		goto done;
	sql = ident(cat(NULL, "SELECT CAST(q."), spec->on);
	sql = ident(cat(sql, " AS TEXT) FROM "), spec->performance);
	sql = ident(cat(sql, " AS q WHERE q."), spec->on);
	sql = ident(cat(sql, " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "),
	    spec->applicants);
	sql = ident(cat(sql, " AS r WHERE r."), spec->on);
	sql = ident(cat(sql, " = q."), spec->on);
	sql = cat(sql, ") ORDER BY q._rowid_");
	if (keys_collect(h, sql, &sum->orphans, err) != 0)
		goto done;
	sql = NULL;

	/* The new table: applicant columns, then performance columns but
	 * the key, renamed perf_<name> on a clash. */
	pname = xcalloc(p.n, sizeof *pname);
	for (i = 0; i < p.n; i++) {
		if (sqlite3_stricmp(p.name[i], spec->on) == 0)
			continue;
		if (cols_find(&a, p.name[i]) >= 0) {
			pname[i] = cat(cat(NULL, "perf_"), p.name[i]);
			if (cols_find(&a, pname[i]) >= 0 ||
			    cols_find(&p, pname[i]) >= 0) {
				rd_err_set(err, RD_EINPUT, "cannot name "
				    "performance column \"%s\": \"%s\" is "
				    "taken", p.name[i], pname[i]);
				goto done;
			}
		} else {
			pname[i] = xstrdup(p.name[i]);
		}
		if (sqlite3_stricmp(p.name[i], spec->target) == 0)
			ti = (int)i;
	}
	sum->target = xstrdup(pname[ti]);
	sql = ident(cat(NULL, "CREATE TABLE "), spec->as);
	for (i = 0; i < a.n; i++) {
		sql = ident(cat(sql, i ? ", " : " ("), a.name[i]);
		sql = cat(cat(sql, " "), a.type[i]);
	}
	for (i = 0; i < p.n; i++) {
		if (pname[i] == NULL)
			continue;
		sql = ident(cat(sql, ", "), pname[i]);
		sql = cat(cat(sql, " "), p.type[i]);
	}
	if (run(h, cat(sql, ")"), err) != 0) {
		sql = NULL;
		goto done;
	}
	sql = ident(cat(NULL, "INSERT INTO "), spec->as);
	sql = cat(sql, " SELECT ");
	for (i = 0; i < a.n; i++)
		sql = ident(cat(sql, i ? ", a." : "a."), a.name[i]);
	for (i = 0; i < p.n; i++)
		if (pname[i] != NULL)
			sql = ident(cat(sql, ", q."), p.name[i]);
	sql = ident(cat(sql, " FROM "), spec->applicants);
	sql = ident(cat(sql, " AS a LEFT JOIN (SELECT * FROM "),
	    spec->performance);
	sql = ident(cat(sql, " WHERE "), spec->on);
	sql = ident(cat(sql, " IN (SELECT "), spec->on);
	sql = ident(cat(sql, " FROM "), spec->performance);
	sql = ident(cat(sql, " GROUP BY "), spec->on);
	sql = ident(cat(sql, " HAVING count(*) = 1)) AS q ON a."), spec->on);
	sql = ident(cat(sql, " = q."), spec->on);
	sql = cat(sql, " ORDER BY a._rowid_");
	if (run(h, sql, err) != 0) {
		sql = NULL;
		goto done;
	}
	sql = NULL;
	if (count1(h, ident(cat(NULL, "SELECT count(*) FROM "), spec->as),
	    &sum->applicants, err) != 0 ||
	    count1(h, ident(cat(NULL, "SELECT count(*) FROM "),
	    spec->performance), &sum->performance, err) != 0)
		goto done;

	/* Outcome counts, comparing text as the import does. */
	sql = ident(cat(NULL, "SELECT CAST("), sum->target);
	sql = ident(cat(sql, " AS TEXT), count(*), count("), pname[ti]);
	sql = ident(cat(sql, ") FROM "), spec->as);
	sql = cat(sql, " GROUP BY 1");
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	free(sql);
	sql = NULL;
	if (rc != SQLITE_OK)
		goto dbfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		size_t n = (size_t)sqlite3_column_int64(st, 1);
		int is_good = spec->ngood == 0;

		if (v == NULL) {
			sum->indeterminate += n;
			continue;
		}
		/* The values seen, for the message when the bad value is
		 * not among them. */
		if (++nseen <= 10) {
			good = cat(cat(good, good ? ", \"" : "\""), v);
			good = cat(good, "\"");
		} else if (nseen == 11) {
			good = cat(good, ", ...");
		}
		if (strcmp(v, spec->bad) == 0) {
			sum->bads += n;
			continue;
		}
		for (k = 0; k < spec->ngood && !is_good; k++)
			is_good = strcmp(v, spec->good[k]) == 0;
		if (is_good)
			sum->goods += n;
		else
			sum->indeterminate += n;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto dbfail;
	if (sum->bads == 0) {
		rd_err_set(err, RD_EINPUT, "no row has the bad value \"%s\" in "
		    "column \"%s\" of the linked rows; values found: %s",
		    spec->bad, sum->target, good ? good : "none");
		goto done;
	}
	free(good);
	good = NULL;
	sql = ident(cat(NULL, "SELECT count("), pname[ti]);
	sql = ident(cat(sql, ") FROM "), spec->as);
	if (count1(h, sql, &sum->linked, err) != 0) {
		sql = NULL;
		goto done;
	}
	sql = NULL;

	/* Metadata: the target and the applicants' special values. */
	good = cat(NULL, "");
	for (k = 0; k < spec->ngood; k++)
		good = cat(cat(good, k ? "\t" : ""), spec->good[k]);
	if (sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO rd_table(name, "
	    "target, bad, good, source, rows, bads, goods, indeterminate) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &st, NULL)
	    != SQLITE_OK)
		goto dbfail;
	sql = cat(cat(cat(NULL, spec->applicants), " + "), spec->performance);
	db_bind_text(st, 1, spec->as, -1, SQLITE_STATIC);
	db_bind_text(st, 2, sum->target, -1, SQLITE_STATIC);
	db_bind_text(st, 3, spec->bad, -1, SQLITE_STATIC);
	db_bind_text(st, 4, good, -1, SQLITE_STATIC);
	db_bind_text(st, 5, sql, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)sum->applicants);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)sum->bads);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)sum->goods);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)sum->indeterminate);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	free(sql);
	sql = NULL;
	if (rc != SQLITE_DONE)
		goto dbfail;
	if (sqlite3_prepare_v2(h, "INSERT OR IGNORE INTO rd_special(tbl, col, "
	    "value) SELECT ?1, col, value FROM rd_special WHERE tbl = ?2", -1,
	    &st, NULL) != SQLITE_OK)
		goto dbfail;
	db_bind_text(st, 1, spec->as, -1, SQLITE_STATIC);
	db_bind_text(st, 2, spec->applicants, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto dbfail;
	if (spec->reject_col != NULL) {
		struct table_meta m2;

		if (db_reject_rule_mark(db, spec->as, spec->reject_col,
		    spec->reject_value, &sum->rejects, &sum->rejects_known,
		    err) != 0 || db_table_meta(db, spec->as, &m2, err) != 0)
			goto done;
		sum->bads = (size_t)m2.bads;
		sum->goods = (size_t)m2.goods;
		sum->indeterminate = (size_t)m2.indeterminate;
		table_meta_done(&m2);
	}
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto dbfail;
	in_tx = 0;
	ret = 0;
	goto done;

dbfail:
	db_fail(err, h, "cannot link tables");
done:
	sqlite3_finalize(st);
	if (in_tx && !sqlite3_get_autocommit(h))
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	if (pname != NULL)
		for (i = 0; i < p.n; i++)
			free(pname[i]);
	free(pname);
	free(sql);
	free(good);
	cols_done(&a);
	cols_done(&p);
	if (ret != 0)
		link_summary_done(sum);
	return ret;
}

static void
keys_done(struct link_keys *k)
{
	size_t i;

	for (i = 0; i < k->nfirst; i++)
		free(k->first[i]);
	memset(k, 0, sizeof *k);
}

void
link_summary_done(struct link_summary *sum)
{
	if (sum == NULL)
		return;
	keys_done(&sum->dup_applicants);
	keys_done(&sum->dup_performance);
	keys_done(&sum->orphans);
	free(sum->target);
	sum->target = NULL;
}
