/*
 * events.c - a table read as a stream of events (see events.h).  Part of
 * the data layer: the one SELECT of the columns, in rowid order.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/datefmt.h"
#include "data/db.h"
#include "data/events.h"
#include "util/err.h"
#include "util/xmalloc.h"

/*
 * The distinct texts of one column during a read: an open-addressing hash
 * (slot holds code + 1, 0 empty; nslot a power of two at least twice n)
 * over strings kept end to end in one arena, so a million distinct
 * device ids cost their bytes and 20 more each, not a heap block each.
 */
struct intern {
	char *arena;
	size_t used, cap;
	size_t *off;		/* [n] offset of each text in arena */
	uint32_t *hash;		/* [n] */
	size_t n, ncap;
	uint32_t *slot;		/* [nslot] */
	size_t nslot;
};

static uint32_t
hash_text(const unsigned char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

static void
intern_grow(struct intern *m)
{
	size_t i, j, mask;

	m->nslot = m->nslot ? 2 * m->nslot : 1024;
	free(m->slot);
	m->slot = xcalloc(m->nslot, sizeof *m->slot);
	mask = m->nslot - 1;
	for (i = 0; i < m->n; i++) {
		for (j = m->hash[i] & mask; m->slot[j] != 0; j = (j + 1) & mask)
			;
		m->slot[j] = (uint32_t)(i + 1);
	}
}

/* The code of s[len], a new one when it is new. */
static int32_t
intern_code(struct intern *m, const unsigned char *s, size_t len)
{
	uint32_t h = hash_text(s, len);
	size_t j, mask;

	if (2 * (m->n + 1) > m->nslot)
		intern_grow(m);
	mask = m->nslot - 1;
	for (j = h & mask; m->slot[j] != 0; j = (j + 1) & mask) {
		size_t k = m->slot[j] - 1;

		if (m->hash[k] == h && memcmp(m->arena + m->off[k], s, len) ==
		    0 && m->arena[m->off[k] + len] == '\0')
			return (int32_t)k;
	}
	if (m->n == m->ncap) {
		m->ncap = m->ncap ? 2 * m->ncap : 1024;
		m->off = xreallocarray(m->off, m->ncap, sizeof *m->off);
		m->hash = xreallocarray(m->hash, m->ncap, sizeof *m->hash);
	}
	while (m->used + len + 1 > m->cap) {
		m->cap = m->cap ? 2 * m->cap : 65536;
		m->arena = xrealloc(m->arena, m->cap);
	}
	memcpy(m->arena + m->used, s, len);
	m->arena[m->used + len] = '\0';
	m->off[m->n] = m->used;
	m->hash[m->n] = h;
	m->used += len + 1;
	m->slot[j] = (uint32_t)(m->n + 1);
	return (int32_t)m->n++;
}

static void
intern_free(struct intern *m)
{
	free(m->arena);
	free(m->off);
	free(m->hash);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

double
events_seconds(int y, int m, int d, int H, int M, int S)
{
	/* days_from_civil (H. Hinnant, "chrono-Compatible Low-Level Date
	   Algorithms"): days since 1970-01-01. */
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	double days = (double)(era * 146097 + doe - 719468);

	return days * 86400.0 + H * 3600.0 + M * 60.0 + S;
}

/* The column list's alias of rowid (a column may be called rowid). */
static const char *
rowid_name(char **names, size_t n)
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

void
events_col_done(struct events_col *c)
{
	if (c == NULL)
		return;
	free(c->code);
	free(c->num);
	c->code = NULL;
	c->num = NULL;
	c->ncodes = 0;
}

/*
 * Append the rows of table to the arrays (*cap of them allocated, *n
 * filled), coding text through in[ncols].
 */
static int
read_table(struct db *db, const char *table, struct events_col *cols,
	size_t ncols, struct intern *in, int64_t **rowid, size_t *n,
	size_t *capp, struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char **names = NULL, *sql = NULL, *p;
	const char *alias;
	int64_t lo, hi;
	size_t nnames = 0, k, j, i = *n, cap = *capp, rows;
	int rc, ret = -1, window;

	if ((names = db_table_column_names(db, table, &nnames, err)) == NULL)
		return -1;
	if (nnames == 0) {
		rd_err_set(err, RD_EINPUT, "unknown table \"%s\"", table);
		goto done;
	}
	for (k = 0; k < ncols; k++) {
		for (j = 0; j < nnames; j++)
			if (strcmp(names[j], cols[k].name) == 0)
				break;
		if (j == nnames) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" has no column "
			    "\"%s\"", table, cols[k].name);
			goto done;
		}
	}
	if ((alias = rowid_name(names, nnames)) == NULL) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has columns named "
		    "rowid, _rowid_ and oid; cannot order its rows", table);
		goto done;
	}
	/* Rows first, to size the arrays once (a count is one pass over
	   the b-tree's pages, no row decoded). */
	if (db_rowid_range(db, table, &lo, &hi, &rows, err) != 0)
		goto done;
	sql = xasprintf("SELECT %s", alias);
	for (k = 0; k < ncols; k++) {
		p = db_ident_cat(xasprintf("%s, ", sql), cols[k].name);
		free(sql);
		sql = p;
	}
	p = db_ident_cat(xasprintf("%s FROM ", sql), table);
	free(sql);
	sql = p;
	window = db_window_get(db, &lo, &hi);
	p = window ? xasprintf("%s WHERE %s >= %lld AND %s < %lld ORDER BY %s",
	    sql, alias, (long long)lo, alias, (long long)hi, alias) :
	    xasprintf("%s ORDER BY %s", sql, alias);
	free(sql);
	sql = p;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		rd_err_set(err, RD_EDB, "cannot read table \"%s\": %s", table,
		    sqlite3_errmsg(h));
		goto done;
	}
	if (i + rows > cap) {
		cap = i + (rows > 0 ? rows : 1);
		*rowid = xreallocarray(*rowid, cap, sizeof **rowid);
		for (k = 0; k < ncols; k++) {
			if (cols[k].kind == EVENTS_CODE)
				cols[k].code = xreallocarray(cols[k].code,
				    cap, sizeof *cols[k].code);
			else
				cols[k].num = xreallocarray(cols[k].num, cap,
				    sizeof *cols[k].num);
		}
	}
	for (; (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
		if (i == cap) {
			cap *= 2;
			*rowid = xreallocarray(*rowid, cap, sizeof **rowid);
			for (k = 0; k < ncols; k++) {
				if (cols[k].code != NULL)
					cols[k].code = xreallocarray(
					    cols[k].code, cap,
					    sizeof *cols[k].code);
				else
					cols[k].num = xreallocarray(
					    cols[k].num, cap,
					    sizeof *cols[k].num);
			}
		}
		(*rowid)[i] = sqlite3_column_int64(st, 0);
		for (k = 0; k < ncols; k++) {
			int c = (int)k + 1, type = sqlite3_column_type(st, c);
			const unsigned char *t;
			size_t len;

			switch (cols[k].kind) {
			case EVENTS_CODE:
				t = sqlite3_column_text(st, c);
				len = (size_t)sqlite3_column_bytes(st, c);
				cols[k].code[i] = type == SQLITE_NULL ||
				    t == NULL || len == 0 ? -1 :
				    intern_code(&in[k], t, len);
				break;
			case EVENTS_NUM:
				if (type == SQLITE_INTEGER || type ==
				    SQLITE_FLOAT)
					cols[k].num[i] =
					    sqlite3_column_double(st, c);
				else if (type == SQLITE_TEXT) {
					double v;

					t = sqlite3_column_text(st, c);
					cols[k].num[i] = t != NULL &&
					    db_number_text((const char *)t,
					    &v) ? v : NAN;
				} else
					cols[k].num[i] = NAN;
				break;
			case EVENTS_TIME: {
				struct datefmt_tm tm;
				int has_time;

				t = sqlite3_column_text(st, c);
				len = (size_t)sqlite3_column_bytes(st, c);
				if (type != SQLITE_TEXT || t == NULL ||
				    !datefmt_parse_iso((const char *)t, len,
				    &tm, &has_time)) {
					rd_err_set(err, RD_EINPUT, "row %zu of "
					    "table \"%s\", column \"%s\": "
					    "expected an ISO 8601 date or "
					    "date-time, found %s%.40s%s",
					    i - *n + 1, table, cols[k].name,
					    t != NULL ? "\"" : "",
					    t != NULL ? (const char *)t :
					    "NULL", t != NULL ? "\"" : "");
					goto done;
				}
				cols[k].num[i] = events_seconds(tm.y, tm.m,
				    tm.d, tm.H, tm.M, tm.S);
				break;
			}
			}
		}
	}
	if (rc != SQLITE_DONE) {
		rd_err_set(err, RD_EDB, "cannot read table \"%s\": %s", table,
		    sqlite3_errmsg(h));
		goto done;
	}
	ret = 0;
done:
	*n = i;
	*capp = cap;
	sqlite3_finalize(st);
	free(sql);
	for (j = 0; j < nnames; j++)
		free(names[j]);
	free(names);
	return ret;
}

int
events_load(struct db *db, const char *const *tables, size_t ntables,
	struct events_col *cols, size_t ncols, int64_t **rowid, size_t *n,
	size_t *ends, struct rd_err *err)
{
	struct intern *in;
	size_t k, t, cap = 0;
	int ret = 0;

	*rowid = NULL;
	*n = 0;
	for (k = 0; k < ncols; k++) {
		cols[k].code = NULL;
		cols[k].num = NULL;
		cols[k].ncodes = 0;
	}
	in = xcalloc(ncols ? ncols : 1, sizeof *in);
	for (t = 0; t < ntables && ret == 0; t++) {
		ret = read_table(db, tables[t], cols, ncols, in, rowid, n,
		    &cap, err);
		ends[t] = *n;
	}
	for (k = 0; k < ncols; k++) {
		cols[k].ncodes = in[k].n;
		intern_free(&in[k]);
	}
	free(in);
	if (ret != 0) {
		for (k = 0; k < ncols; k++)
			events_col_done(&cols[k]);
		free(*rowid);
		*rowid = NULL;
		*n = 0;
	}
	return ret;
}
