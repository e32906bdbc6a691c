/*
 * monscan.c - a performance table of monthly snapshots into arrays, one
 * sequential read (monscan.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/db.h"
#include "data/ds.h"
#include "data/monscan.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct monscan_keys {
	int text;
	/* Integer ids: open addressing, cap a power of two. */
	int64_t *key;
	size_t *row;		/* [cap], (size_t)-1 empty */
	size_t cap;
	/* Text ids: the column's sorted levels and each level's row. */
	const struct ds_column *col;
	size_t *level_row;	/* [nlevels], (size_t)-1 none */
};

static size_t
hash64(int64_t k, size_t cap)
{
	uint64_t x = (uint64_t)k;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

struct monscan_keys *
monscan_keys_new(const struct ds_column *col, size_t nrows, size_t *dup_row,
	struct rd_err *err)
{
	struct monscan_keys *k = xcalloc(1, sizeof *k);
	size_t i, h, first = 0;
	char what[80];

	if (col->type == DS_TEXT) {
		k->text = 1;
		k->col = col;
		k->level_row = xmalloc((col->nlevels ? col->nlevels : 1) *
		    sizeof *k->level_row);
		for (i = 0; i < col->nlevels; i++)
			k->level_row[i] = (size_t)-1;
		for (i = 0; i < nrows; i++) {
			int c = col->code[i];

			if (c < 0)
				continue;
			if (k->level_row[c] != (size_t)-1) {
				snprintf(what, sizeof what, "\"%.60s\"",
				    col->levels[c]);
				first = k->level_row[c];
				goto dup;
			}
			k->level_row[c] = i;
		}
		return k;
	}
	k->cap = 16;
	while (k->cap < 2 * nrows)
		k->cap <<= 1;
	k->key = xmalloc(k->cap * sizeof *k->key);
	k->row = xmalloc(k->cap * sizeof *k->row);
	for (i = 0; i < k->cap; i++)
		k->row[i] = (size_t)-1;
	for (i = 0; i < nrows; i++) {
		double v = col->num[i];
		int64_t key;

		if (isnan(v))
			continue;
		/* An INTEGER id is its 64-bit integer, exact past 2^53
		   (not the double nearest). */
		if (!ds_cell_int64(col, i, &key)) {
			char num[32];
			int p;

			for (p = 15; p < 17; p++) {
				snprintf(num, sizeof num, "%.*g", p, v);
				if (strtod(num, NULL) == v)
					break;
			}
			if (p == 17)
				snprintf(num, sizeof num, "%.17g", v);
			monscan_keys_free(k);
			return rd_err_set(err, RD_EINPUT, "id column \"%s\": "
			    "expected whole numbers of at most 64 bits, or "
			    "text, found %s in row %zu", col->name, num,
			    i + 1), NULL;
		}
		for (h = hash64(key, k->cap); k->row[h] != (size_t)-1;
		    h = (h + 1) & (k->cap - 1))
			if (k->key[h] == key) {
				snprintf(what, sizeof what, "%lld",
				    (long long)key);
				first = k->row[h];
				goto dup;
			}
		k->key[h] = key;
		k->row[h] = i;
	}
	return k;
dup:
	if (dup_row != NULL)
		*dup_row = i;
	rd_err_set(err, RD_EINPUT, "id column \"%s\": row %zu repeats id "
	    "%s of row %zu: an account is one application; import the "
	    "applications with --id %s to refuse duplicates", col->name,
	    i + 1, what, first + 1, col->name);
	monscan_keys_free(k);
	return NULL;
}

void
monscan_keys_free(struct monscan_keys *k)
{
	if (k == NULL)
		return;
	free(k->key);
	free(k->row);
	free(k->level_row);
	free(k);
}

static size_t
lookup_int(const struct monscan_keys *k, int64_t key)
{
	size_t h;

	for (h = hash64(key, k->cap); k->row[h] != (size_t)-1;
	    h = (h + 1) & (k->cap - 1))
		if (k->key[h] == key)
			return k->row[h];
	return (size_t)-1;
}

static size_t
lookup_text(const struct monscan_keys *k, const char *s)
{
	size_t lo = 0, hi = k->col->nlevels;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(k->col->levels[mid], s);

		if (c == 0)
			return k->level_row[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

/* The row of the id in column 0 of st; (size_t)-1 when none. */
static size_t
lookup(const struct monscan_keys *k, sqlite3_stmt *st)
{
	if (k->text) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		return s != NULL ? lookup_text(k, s) : (size_t)-1;
	}
	if (sqlite3_column_type(st, 0) == SQLITE_INTEGER)
		return lookup_int(k, sqlite3_column_int64(st, 0));
	if (sqlite3_column_type(st, 0) == SQLITE_FLOAT) {
		double v = sqlite3_column_double(st, 0);

		if (v == floor(v) && v >= -0x1p63 && v < 0x1p63)
			return lookup_int(k, (int64_t)v);
		return (size_t)-1;
	}
	{
		const char *s = (const char *)sqlite3_column_text(st, 0);
		char *end;
		long long v;

		if (s == NULL)
			return (size_t)-1;
		errno = 0;
		v = strtoll(s, &end, 10);
		return *s != '\0' && *end == '\0' && errno == 0 ?
		    lookup_int(k, v) : (size_t)-1;
	}
}

static int
flag_text(const char *s, unsigned char *f)
{
	static const char *const yes[] = { "1", "y", "yes", "true", "t" };
	static const char *const no[] = { "0", "n", "no", "false", "f", "" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *f = 1, 0;
	for (i = 0; i < sizeof no / sizeof *no; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *f = 0, 0;
	return -1;
}

int
monscan_check(struct db *db, const char *table, const struct monscan_cols *c,
	struct rd_err *err)
{
	const char *want[4] = { c->id, c->month, c->dpd, c->charge_off };
	const char *opt[4] = { "--perf-id", "--month", "--dpd",
	    "--charge-off" };
	char **names, list[512];
	size_t n, i, j, len = 0;
	int rc = 0;

	if ((names = db_table_column_names(db, table, &n, err)) == NULL)
		return rd_err_set(err, RD_EINPUT, "performance table \"%s\" "
		    "does not exist: import the snapshots with riskdesk "
		    "import --table %s", table, table);
	for (j = 0; j < 4 && rc == 0; j++) {
		for (i = 0; i < n; i++)
			if (strcmp(names[i], want[j]) == 0)
				break;
		if (i < n)
			continue;
		list[0] = '\0';
		for (i = 0, len = 0; i < n && len + 4 < sizeof list; i++)
			len += (size_t)snprintf(list + len, sizeof list - len,
			    "%s%s", i ? ", " : "", names[i]);
		rc = rd_err_set(err, RD_EINPUT, "performance table \"%s\" has "
		    "no column \"%s\" (%s): its columns are %s", table,
		    want[j], opt[j], list);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int
bad_cell(struct rd_err *err, const char *table, size_t row, int64_t rowid,
	const char *col, const char *expected, const char *found)
{
	return rd_err_set(err, RD_EINPUT, "table \"%s\", row %zu (rowid "
	    "%lld), column \"%s\": expected %s, found %s%s%s", table, row,
	    (long long)rowid, col, expected, found ? "\"" : "",
	    found ? found : "NULL", found ? "\"" : "");
}

/* "SELECT <the first n columns of c: id, month, dpd, charge_off>,
   rowid FROM <table>", a heap string. */
static char *
select_sql(const char *table, const struct monscan_cols *c, int n)
{
	const char *col[4] = { c->id, c->month, c->dpd, c->charge_off };
	char *sql = xstrdup("SELECT ");
	int i;

	for (i = 0; i < n; i++) {
		sql = db_ident_cat(sql, col[i]);
		sql = xrealloc(sql, strlen(sql) + 3);
		strcat(sql, ", ");
	}
	sql = xrealloc(sql, strlen(sql) + 16);
	strcat(sql, "rowid FROM ");
	return db_ident_cat(sql, table);
}

/* monscan_read's store of the snapshots: the arrays of out grown. */
struct store {
	struct mon_snapshots *out;
	size_t cap;
};

static int
store_one(void *arg, size_t a, int m, double dpd, unsigned char f)
{
	struct store *sa = arg;
	struct mon_snapshots *out = sa->out;

	if (out->n == sa->cap) {
		sa->cap = sa->cap ? 2 * sa->cap : 4096;
		out->acct = xreallocarray(out->acct, sa->cap,
		    sizeof *out->acct);
		out->month = xreallocarray(out->month, sa->cap,
		    sizeof *out->month);
		out->dpd = xreallocarray(out->dpd, sa->cap, sizeof *out->dpd);
		out->co = xreallocarray(out->co, sa->cap, sizeof *out->co);
	}
	out->acct[out->n] = a;
	out->month[out->n] = m;
	out->dpd[out->n] = dpd;
	out->co[out->n] = f;
	out->n++;
	return 0;
}

/* The one pass of monscan_read and monscan_each: fn(arg, ...) for each
   snapshot kept, the counters of out set (not its arrays nor n).
   Returns 0, 1 when fn stopped the pass, -1 with err. */
static int
scan(struct db *db, const char *table, const struct monscan_cols *c,
	const struct monscan_hooks *h, const struct monscan_keys *k,
	const unsigned char *keep, monscan_fn fn, void *arg,
	struct mon_snapshots *out, struct rd_err *err)
{
	sqlite3 *sq = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char *sql = NULL, lastm[32] = "";
	size_t row = 0, last_row = (size_t)-1;
	int64_t last_id = 0;
	int rc, lastmon = 0, have_last = 0;

	sql = select_sql(table, c, 4);
	rc = sqlite3_prepare_v2(sq, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "reading table \"%s\": %s",
		    table, sqlite3_errmsg(sq));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t a;
		int64_t rowid = sqlite3_column_int64(st, 4);
		const char *s;
		double dpd;
		unsigned char f = 0;
		int m, t;

		row++;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
			bad_cell(err, table, row, rowid, c->id,
			    "an account id", NULL);
			goto fail;
		}
		/* Snapshots of one account usually come together: the
		   integer id of the row before is looked up once. */
		if (!k->text && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
			int64_t id = sqlite3_column_int64(st, 0);

			if (!have_last || id != last_id) {
				last_id = id;
				last_row = lookup_int(k, id);
				have_last = 1;
			}
			a = last_row;
		} else
			a = lookup(k, st);
		if (a == (size_t)-1) {
			if (out->orphans++ == 0)
				out->first_orphan_rowid = rowid;
			continue;
		}
		if (keep != NULL && !keep[a]) {
			out->skipped++;
			continue;
		}
		/* Month: text, parsed once per distinct run. */
		s = (const char *)sqlite3_column_text(st, 1);
		if (s == NULL) {
			bad_cell(err, table, row, rowid, c->month, "a month "
			    "YYYY-MM or a date YYYY-MM-DD", NULL);
			goto fail;
		}
		if (strncmp(s, lastm, sizeof lastm) == 0 && lastm[0] != '\0')
			m = lastmon;
		else if (h->month(s, &m) != 0) {
			bad_cell(err, table, row, rowid, c->month, "a month "
			    "YYYY-MM or a date YYYY-MM-DD", s);
			goto fail;
		} else {
			if (strlen(s) < sizeof lastm)
				strcpy(lastm, s);
			else
				lastm[0] = '\0';
			lastmon = m;
		}
		t = sqlite3_column_type(st, 2);
		if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
			dpd = sqlite3_column_double(st, 2);
		else if (t == SQLITE_NULL)
			dpd = NAN;
		else {
			s = (const char *)sqlite3_column_text(st, 2);
			if (!db_number_text(s, &dpd))
				dpd = h->dpd_text(s);
		}
		if (!(dpd >= 0)) {
			s = t == SQLITE_NULL ? NULL :
			    (const char *)sqlite3_column_text(st, 2);
			bad_cell(err, table, row, rowid, c->dpd,
			    h->dpd_expected, s);
			goto fail;
		}
		t = sqlite3_column_type(st, 3);
		/* A flag is 0 or 1: a 2, a -1 or an amount charged off is
		   a column of another meaning, refused, never read as a
		   charge-off. */
		if ((t == SQLITE_INTEGER || t == SQLITE_FLOAT) &&
		    (sqlite3_column_double(st, 3) == 0 ||
		    sqlite3_column_double(st, 3) == 1))
			f = sqlite3_column_double(st, 3) == 1;
		else if (t != SQLITE_NULL && (t != SQLITE_TEXT ||
		    flag_text((const char *)sqlite3_column_text(st, 3),
		    &f) != 0)) {
			bad_cell(err, table, row, rowid, c->charge_off,
			    "a charge-off flag 0 / 1 (or yes / no, y / n, "
			    "true / false)", (const char *)
			    sqlite3_column_text(st, 3));
			goto fail;
		}
		if (fn(arg, a, m, dpd, f) != 0) {
			sqlite3_finalize(st);
			out->rows = row;
			return 1;
		}
	}
	if (rc != SQLITE_DONE) {
		rd_err_set(err, RD_EDB, "reading table \"%s\": %s", table,
		    sqlite3_errmsg(sq));
		goto fail;
	}
	sqlite3_finalize(st);
	out->rows = row;
	return 0;
fail:
	sqlite3_finalize(st);
	return -1;
}

int
monscan_read(struct db *db, const char *table,
	const struct monscan_cols *c, const struct monscan_hooks *h,
	const struct monscan_keys *k, const unsigned char *keep,
	struct mon_snapshots *out, struct rd_err *err)
{
	struct store sa = { out, 0 };

	memset(out, 0, sizeof *out);
	out->first_orphan_rowid = -1;
	if (monscan_check(db, table, c, err) != 0)
		return -1;
	{
		/* An imported table knows its rows: one allocation. */
		struct table_meta meta;
		struct rd_err e2;

		if (db_table_meta(db, table, &meta, &e2) == 0) {
			if (meta.rows > 0) {
				sa.cap = (size_t)meta.rows;
				out->acct = xmalloc(sa.cap *
				    sizeof *out->acct);
				out->month = xmalloc(sa.cap *
				    sizeof *out->month);
				out->dpd = xmalloc(sa.cap * sizeof *out->dpd);
				out->co = xmalloc(sa.cap);
			}
			table_meta_done(&meta);
		}
	}
	if (scan(db, table, c, h, k, keep, store_one, &sa, out, err) != 0) {
		mon_snapshots_done(out);
		return -1;
	}
	return 0;
}

int
monscan_each(struct db *db, const char *table,
	const struct monscan_cols *c, const struct monscan_hooks *h,
	const struct monscan_keys *k, const unsigned char *keep,
	monscan_fn fn, void *arg, struct mon_snapshots *out,
	struct rd_err *err)
{
	memset(out, 0, sizeof *out);
	out->first_orphan_rowid = -1;
	if (monscan_check(db, table, c, err) != 0)
		return -1;
	return scan(db, table, c, h, k, keep, fn, arg, out, err);
}

int
monscan_find(struct db *db, const char *table,
	const struct monscan_cols *c, const struct monscan_hooks *h,
	const struct monscan_keys *k, size_t acct, int month, size_t *row,
	int64_t *rowid, size_t max, size_t *found, struct rd_err *err)
{
	sqlite3 *sq = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char *sql;
	size_t r = 0;
	int rc, m;

	*found = 0;
	sql = select_sql(table, c, 2);
	rc = sqlite3_prepare_v2(sq, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return rd_err_set(err, RD_EDB, "reading table \"%s\": %s",
		    table, sqlite3_errmsg(sq));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);

		r++;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || s == NULL ||
		    lookup(k, st) != acct || h->month(s, &m) != 0 ||
		    m != month)
			continue;
		if (*found < max) {
			row[*found] = r;
			rowid[*found] = sqlite3_column_int64(st, 2);
		}
		(*found)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rd_err_set(err, RD_EDB, "reading table \"%s\": %s",
		    table, sqlite3_errmsg(sq));
	return 0;
}

void
mon_snapshots_done(struct mon_snapshots *s)
{
	free(s->acct);
	free(s->month);
	free(s->dpd);
	free(s->co);
	memset(s, 0, sizeof *s);
	s->first_orphan_rowid = -1;
}
