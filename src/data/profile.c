/*
 * profile.c - data profile of an imported table (see profile.h).
 *
 * Data layer: reads the table with SQL, one column at a time.  Numeric
 * statistics are computed here from the sorted cells: the mean and the
 * sample standard deviation in two passes (the second on deviations from
 * the mean, which keeps cancellation small), quantiles by R's type 7.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "data/profile.h"
#include "util/err.h"
#include "util/xmalloc.h"

const double profile_qlevel[PROFILE_NQ] = { 0.01, 0.05, 0.25, 0.50, 0.75,
    0.95, 0.99 };

static int
db_fail(struct rd_err *err, sqlite3 *h, const char *what)
{
	return rd_err_set(err, RD_EDB, "%s: %s", what, sqlite3_errmsg(h));
}

static char *
str_cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}

/* "SELECT <pre> "col" <mid> "table" <post>" as a heap string. */
static char *
sql_col(const char *pre, const char *col, const char *mid,
	const char *table, const char *post)
{
	char *s = str_cat(NULL, pre);

	s = db_ident_cat(s, col);
	s = str_cat(s, mid);
	s = db_ident_cat(s, table);
	return str_cat(s, post);
}

static int
prep(sqlite3 *h, char *sql, sqlite3_stmt **st, struct rd_err *err)
{
	int rc = sqlite3_prepare_v2(h, sql, -1, st, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, h, "cannot profile table");
	return 0;
}

double
profile_quantile(const double *x, size_t n, double p)
{
	double h, f;
	size_t i;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	f = floor(h);
	i = (size_t)f;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - f) * (x[i + 1] - x[i]);
}

static enum import_type
decl_import_type(const char *decl)
{
	char up[64];
	size_t i;

	if (decl == NULL)
		return IMPORT_TEXT;
	for (i = 0; decl[i] != '\0' && i + 1 < sizeof up; i++)
		up[i] = (decl[i] >= 'a' && decl[i] <= 'z') ?
		    (char)(decl[i] - 'a' + 'A') : decl[i];
	up[i] = '\0';
	if (strcmp(up, "DATE") == 0)
		return IMPORT_DATE;
	if (strstr(up, "INT"))
		return IMPORT_INTEGER;
	if (up[0] == '\0' || strstr(up, "CHAR") || strstr(up, "CLOB") ||
	    strstr(up, "TEXT") || strstr(up, "BLOB"))
		return IMPORT_TEXT;
	return IMPORT_REAL;
}

/* Missing and distinct counts. */
static int
col_counts(sqlite3 *h, const char *table, struct profile_column *c,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;

	{
		char *s = str_cat(NULL, "SELECT count(*) - count(");

		s = db_ident_cat(s, c->name);

		s = db_ident_cat(str_cat(s, "), count(DISTINCT "), c->name);
		s = db_ident_cat(str_cat(s, ") FROM "), table);
		if (prep(h, s, &st, err) != 0)
			return -1;
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, h, "cannot profile table");
		sqlite3_finalize(st);
		return -1;
	}
	c->missing = (size_t)sqlite3_column_int64(st, 0);
	c->distinct = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return 0;
}

/* Numeric statistics of the integer and real cells. */
static int
col_numbers(sqlite3 *h, const char *table, struct profile_column *c,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	double *x = NULL, sum = 0, ss = 0;
	size_t n = 0, cap = 0, i, k;
	int rc;

	if (prep(h, sql_col("SELECT ", c->name, " AS v FROM ", table,
	    " WHERE typeof(v) IN ('integer', 'real') ORDER BY v"), &st,
	    err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			x = xreallocarray(x, cap, sizeof *x);
		}
		x[n++] = sqlite3_column_double(st, 0);
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, h, "cannot profile table");
		sqlite3_finalize(st);
		free(x);
		return -1;
	}
	sqlite3_finalize(st);
	c->n = n;
	c->min = n ? x[0] : NAN;
	c->max = n ? x[n - 1] : NAN;
	for (i = 0; i < n; i++)
		sum += x[i];
	c->mean = n ? sum / (double)n : NAN;
	for (i = 0; i < n; i++)
		ss += (x[i] - c->mean) * (x[i] - c->mean);
	c->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
	for (k = 0; k < PROFILE_NQ; k++)
		c->q[k] = profile_quantile(x, n, profile_qlevel[k]);
	free(x);
	return 0;
}

/* The ntop largest categories. */
static int
col_top(sqlite3 *h, const char *table, struct profile_column *c,
	size_t ntop, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t present = c->count - c->missing;
	int rc;

	if (prep(h, sql_col("SELECT CAST(", c->name, " AS TEXT) AS v, "
	    "count(*) FROM ", table, " WHERE v IS NOT NULL GROUP BY v "
	    "ORDER BY 2 DESC, 1 LIMIT ?1"), &st, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)ntop);
	c->top = xcalloc(ntop, sizeof *c->top);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct profile_cat *t = &c->top[c->ntop++];
		const unsigned char *v = sqlite3_column_text(st, 0);

		t->value = xstrdup(v ? (const char *)v : "");
		t->count = (size_t)sqlite3_column_int64(st, 1);
		t->share = present ? (double)t->count / (double)present : NAN;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(err, h, "cannot profile table");
	return 0;
}

/* Date range and rows per month. */
static int
col_dates(sqlite3 *h, const char *table, struct profile_column *c,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	{
		char *s = db_ident_cat(str_cat(NULL, "SELECT min("), c->name);

		s = db_ident_cat(str_cat(s, "), max("), c->name);
		s = db_ident_cat(str_cat(s, ") FROM "), table);
		if (prep(h, s, &st, err) != 0)
			return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *a = sqlite3_column_text(st, 0);
		const unsigned char *b = sqlite3_column_text(st, 1);

		snprintf(c->first, sizeof c->first, "%s", a ? (const char *)a :
		    "");
		snprintf(c->last, sizeof c->last, "%s", b ? (const char *)b :
		    "");
	}
	sqlite3_finalize(st);
	if (prep(h, sql_col("SELECT substr(", c->name, ", 1, 7) AS m, "
	    "count(*) FROM ", table, " WHERE m IS NOT NULL GROUP BY m "
	    "ORDER BY m"), &st, err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *m = sqlite3_column_text(st, 0);

		if (c->nmonths == cap) {
			cap = cap ? 2 * cap : 16;
			c->months = xreallocarray(c->months, cap,
			    sizeof *c->months);
		}
		snprintf(c->months[c->nmonths].month, 8, "%s",
		    m ? (const char *)m : "");
		c->months[c->nmonths++].count =
		    (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(err, h, "cannot profile table");
	return 0;
}

struct profile *
profile_table(struct db *db, const char *table, size_t ntop,
	struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	struct table_meta meta;
	struct profile *p;
	sqlite3_stmt *st = NULL;
	size_t cap = 0, j, k;
	int rc;

	if (ntop == 0)
		ntop = PROFILE_TOP;
	if (db_table_meta(db, table, &meta, err) != 0)
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->table = xstrdup(table);
	p->target = meta.target ? xstrdup(meta.target) : NULL;
	p->bads = (size_t)meta.bads;
	p->goods = (size_t)meta.goods;
	p->indeterminate = (size_t)meta.indeterminate;
	p->bad_rate = p->bads + p->goods ? (double)p->bads /
	    (double)(p->bads + p->goods) : NAN;
	table_meta_done(&meta);

	if (prep(h, db_ident_cat(str_cat(NULL, "SELECT count(*), (SELECT "
	    "count(*) FROM rd_reject WHERE tbl = ?1) FROM "), table), &st,
	    err) != 0)
		goto fail;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, h, "cannot profile table");
		sqlite3_finalize(st);
		goto fail;
	}
	p->rows = (size_t)sqlite3_column_int64(st, 0);
	p->rejected = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(h, "SELECT name, type FROM pragma_table_info("
	    "?1) ORDER BY cid", -1, &st, NULL) != SQLITE_OK) {
		db_fail(err, h, "cannot profile table");
		goto fail;
	}
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(st, 0);
		struct profile_column *c;

		if (p->ncols == cap) {
			cap = cap ? 2 * cap : 16;
			p->cols = xreallocarray(p->cols, cap, sizeof *p->cols);
		}
		c = &p->cols[p->ncols++];
		memset(c, 0, sizeof *c);
		c->name = xstrdup(name ? (const char *)name : "");
		c->type = decl_import_type((const char *)
		    sqlite3_column_text(st, 1));
		c->is_target = p->target && strcmp(p->target, c->name) == 0;
		c->count = p->rows;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(err, h, "cannot profile table");
		goto fail;
	}
	for (j = 0; j < p->ncols; j++) {
		struct profile_column *c = &p->cols[j];

		c->min = c->max = c->mean = c->sd = NAN;
		for (k = 0; k < PROFILE_NQ; k++)
			c->q[k] = NAN;
		if (col_counts(h, table, c, err) != 0)
			goto fail;
		c->missing_pct = c->count ? 100.0 * (double)c->missing /
		    (double)c->count : NAN;
		if ((c->type == IMPORT_INTEGER || c->type == IMPORT_REAL) &&
		    col_numbers(h, table, c, err) != 0)
			goto fail;
		if ((c->type == IMPORT_TEXT || c->is_target) &&
		    col_top(h, table, c, ntop, err) != 0)
			goto fail;
		if (c->type == IMPORT_DATE && col_dates(h, table, c, err) != 0)
			goto fail;
	}
	return p;

fail:
	profile_free(p);
	return NULL;
}

void
profile_free(struct profile *p)
{
	size_t j, k;

	if (p == NULL)
		return;
	for (j = 0; j < p->ncols; j++) {
		for (k = 0; k < p->cols[j].ntop; k++)
			free(p->cols[j].top[k].value);
		free(p->cols[j].top);
		free(p->cols[j].months);
		free(p->cols[j].name);
	}
	free(p->cols);
	free(p->table);
	free(p->target);
	free(p);
}
