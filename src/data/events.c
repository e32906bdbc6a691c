/*
 * events.c - a table read as a stream of events (see events.h).  Part of
 * the data layer: the one SELECT of the columns, in rowid order.
 */
#include "config.h"

#include <ctype.h>
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
#include "util/hash.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/*
 * The distinct texts of one column during a read: an open-addressing hash
 * whose slots hold the text's hash (high 32 bits) and its code + 1 (low
 * 32 bits; 0 empty), so that a probe touches one slot and, on a match,
 * the text -- a million distinct device ids cost two cache misses each,
 * not four -- over strings kept end to end in one arena (no heap block
 * per text).  nslot is a power of two at least twice n.
 */
struct intern {
	char *arena;
	size_t used, cap;
	uint32_t *off;		/* [n] offset of each text in arena */
	size_t n, ncap;
	uint64_t *slot;		/* [nslot] */
	size_t nslot;
};

static void
intern_grow(struct intern *m)
{
	uint64_t *old = m->slot;
	size_t i, j, mask, nold = m->nslot;

	m->nslot = m->nslot ? 2 * m->nslot : 1024;
	m->slot = xcalloc(m->nslot, sizeof *m->slot);
	mask = m->nslot - 1;
	for (i = 0; i < nold; i++) {
		if (old[i] == 0)
			continue;
		for (j = (old[i] >> 32) & mask; m->slot[j] != 0;
		    j = (j + 1) & mask)
			;
		m->slot[j] = old[i];
	}
	free(old);
}

/* Whether s[len] is empty or only white space ("  " keys nothing). */
static int
blank(const unsigned char *s, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++)
		if (!isspace(s[k]))
			return 0;
	return 1;
}

/* The code of s[len], a new one when it is new; -1 when the arena would
   pass 4 GiB (the caller fails). */
static int32_t
intern_code(struct intern *m, const unsigned char *s, size_t len)
{
	uint32_t h = rd_fnv1a(s, len);
	size_t j, mask;

	if (2 * (m->n + 1) > m->nslot)
		intern_grow(m);
	mask = m->nslot - 1;
	for (j = h & mask; m->slot[j] != 0; j = (j + 1) & mask) {
		size_t k = (uint32_t)m->slot[j] - 1;

		if ((uint32_t)(m->slot[j] >> 32) == h &&
		    memcmp(m->arena + m->off[k], s, len) == 0 &&
		    m->arena[m->off[k] + len] == '\0')
			return (int32_t)k;
	}
	if (m->used + len + 1 > UINT32_MAX || m->n >= INT32_MAX)
		return -2;
	if (m->n == m->ncap) {
		m->ncap = m->ncap ? m->ncap + m->ncap / 2 : 1024;
		m->off = xreallocarray(m->off, m->ncap, sizeof *m->off);
	}
	while (m->used + len + 1 > m->cap) {
		m->cap = m->cap ? m->cap + m->cap / 2 : 65536;
		m->arena = xrealloc(m->arena, m->cap);
	}
	memcpy(m->arena + m->used, s, len);
	m->arena[m->used + len] = '\0';
	m->off[m->n] = (uint32_t)m->used;
	m->used += len + 1;
	m->slot[j] = (uint64_t)h << 32 | (uint64_t)(m->n + 1);
	return (int32_t)m->n++;
}

static void
intern_free(struct intern *m)
{
	free(m->arena);
	free(m->off);
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

/* One table of the stream: its rowid's name and its rows' place. */
struct part {
	const char *table;
	const char *alias;	/* static */
	size_t base, n;		/* its rows are [base, base + n) */
};

/* Check table's columns and find its rowid's name into *pt. */
static int
part_open(struct db *db, const char *table, const struct events_col *cols,
	size_t ncols, struct part *pt, struct rd_err *err)
{
	char **names;
	size_t nnames = 0, k, j;
	int ret = -1;

	pt->table = table;
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
	if ((pt->alias = rowid_name(names, nnames)) == NULL) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has columns named "
		    "rowid, _rowid_ and oid; cannot order its rows", table);
		goto done;
	}
	ret = 0;
done:
	for (j = 0; j < nnames; j++)
		free(names[j]);
	free(names);
	return ret;
}

/* The times of a pass that are not ISO 8601: how many, the first (its
   row and text, NULL for NULL) and the first that is, for the error. */
struct bad_times {
	size_t n, row, good;	/* good: the ISO 8601 times */
	size_t other;		/* of them, written in another layout than
				   the first (iso): a --date-format of that
				   one layout would reject them */
	int null;
	char first[64], iso[64], iso_other[64];
};

/* 1 when ISO time t (len bytes) is written in the layout of iso: the
   same length, digits where it has digits and the same other
   characters elsewhere ("2024-03-21 08:00:00" against
   "2024-03-21T08:00:00Z" or "2024-03-24": 0). */
static int
same_layout(const unsigned char *t, size_t len, const char *iso)
{
	size_t k;

	if (len != strlen(iso))
		return 0;
	for (k = 0; k < len; k++) {
		int d = t[k] >= '0' && t[k] <= '9';

		if (d != (iso[k] >= '0' && iso[k] <= '9') ||
		    (!d && t[k] != (unsigned char)iso[k]))
			return 0;
	}
	return 1;
}

/* Keep text t (len bytes) in buf[64], cut short. */
static void
keep_text(char *buf, const unsigned char *t, size_t len)
{
	if (len > 63)
		len = 63;
	memcpy(buf, t, len);
	buf[len] = '\0';
}

/*
 * The error of times that are not ISO 8601 in column col: the first
 * found, how many there are when more than one, and what to do.  When
 * most times are ISO 8601 (a few rows written otherwise), correcting
 * those rows, or, when the ISO times are all in one layout, the
 * --date-format of that layout, which rejects the rows it cannot read
 * (with ISO times in two layouts or more, correcting alone: one layout
 * would reject valid rows too); never a layout that reads the odd row
 * and would reject all the others.  Otherwise, when
 * the first reads in a layout the import knows (a day-first or
 * month-first date, with a time of day after it or not), the
 * --date-format that stores the column as ISO 8601.
 */
static void
time_error(struct rd_err *err, const char *table, const char *col,
	const struct bad_times *b)
{
	static const char *const layouts[] = {
		"%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
		"%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
		"%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"
	};
	struct datefmt_tm tm;
	const char *fmt = NULL, *t = b->null ? NULL : b->first;
	char n1[FMT_BUF], n2[FMT_BUF], n3[FMT_BUF], what[RD_ERR_MSG];
	size_t k, n = t != NULL ? strlen(t) : 0;

	if (t == NULL)
		snprintf(what, sizeof what, "row %zu of table \"%s\", column "
		    "\"%s\": expected an ISO 8601 date or date-time, found "
		    "NULL (every event needs its time)", b->row, table, col);
	else
		snprintf(what, sizeof what, "row %zu of table \"%s\", column "
		    "\"%s\": expected an ISO 8601 date or date-time "
		    "(2024-03-01 08:00:00, 2024-03-01T08:00:00Z), found "
		    "\"%.40s\"", b->row, table, col, t);
	/* Every row that is not counted, not only the first named. */
	if (b->good <= b->n && b->n > 1) {
		size_t m = strlen(what);

		fmt_count(n1, (double)b->n);
		fmt_count(n2, (double)(b->n + b->good));
		snprintf(what + m, sizeof what - m, "; %s of its %s rows are "
		    "not", n1, n2);
	}
	if (b->good > b->n) {
		/* The layout of the ISO times, for --date-format. */
		n = strlen(b->iso);
		for (k = 0; k < DATEFMT_NISO && fmt == NULL; k++)
			if (datefmt_parse(datefmt_auto[k], b->iso, n, &tm))
				fmt = datefmt_auto[k];
		fmt_count(n1, (double)b->n);
		fmt_count(n2, (double)(b->n + b->good));
		fmt_count(n3, (double)b->good);
		if (fmt != NULL && b->other > 0) {
			/* One layout would also reject the valid rows
			   written in another: correcting is the way. */
			char n4[FMT_BUF];

			fmt_count(n4, (double)b->other);
			rd_err_set(err, RD_EINPUT, "%s; %s of its %s rows "
			    "%s not, the other %s are (\"%s\", \"%s\"): "
			    "correct %s in the file and import the table "
			    "again (a --date-format reads one layout: %s='%s' "
			    "would also reject the %s valid rows written "
			    "otherwise)", what, n1, n2, b->n == 1 ? "is" :
			    "are", n3, b->iso, b->iso_other, b->n == 1 ?
			    "that row" : "those rows", col, fmt, n4);
		} else if (fmt != NULL)
			rd_err_set(err, RD_EINPUT, "%s; %s of its %s rows "
			    "%s not, the other %s are (\"%s\"): correct %s "
			    "in the file and import the table again, or import "
			    "it with --date-format %s='%s', which reads the "
			    "ISO 8601 times and rejects the rows it cannot "
			    "read (to rd_reject)", what, n1, n2, b->n == 1 ?
			    "is" : "are", n3, b->iso, b->n == 1 ?
			    "that row" : "those rows", col, fmt);
		else
			rd_err_set(err, RD_EINPUT, "%s; %s of its %s rows "
			    "%s not, the other %s are (\"%s\"): correct %s "
			    "in the file and import the table again", what,
			    n1, n2, b->n == 1 ? "is" : "are", n3, b->iso,
			    b->n == 1 ? "that row" : "those rows");
		return;
	}
	for (k = 0; t != NULL && k < DATEFMT_NAUTO && fmt == NULL; k++)
		if (datefmt_parse(datefmt_auto[k], t, n, &tm))
			fmt = datefmt_auto[k];
	for (k = 0; t != NULL && k < sizeof layouts / sizeof *layouts &&
	    fmt == NULL; k++)
		if (datefmt_parse(layouts[k], t, n, &tm))
			fmt = layouts[k];
	if (t != NULL && fmt != NULL)
		rd_err_set(err, RD_EINPUT, "%s: import the table again with "
		    "--date-format %s='%s'%s to store the times as ISO 8601",
		    what, col, fmt, fmt[1] == 'Y' ? "" : " (or with day "
		    "and month swapped, as the file means them)");
	else
		rd_err_set(err, RD_EINPUT, "%s", what);
}

/*
 * One pass over the rows of pt: the rowid and the columns idx[nidx] of
 * cols.  The first pass of a table (fill) appends the rowids at
 * *n (at most cap rows in all); the later ones check that the rows come
 * again in the same order (the savepoint holds the snapshot).
 */
static int
read_pass(struct db *db, struct part *pt, struct events_col *cols,
	const size_t *idx, size_t nidx, struct intern *in, int64_t *rowid,
	int fill, size_t *n, size_t cap, struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char *sql, *p;
	int64_t lo, hi;
	size_t x, i = pt->base;
	struct bad_times bad;
	const char *badcol = NULL;
	int rc, ret = -1;

	memset(&bad, 0, sizeof bad);
	sql = xasprintf("SELECT %s", pt->alias);
	for (x = 0; x < nidx; x++) {
		p = db_ident_cat(xasprintf("%s, ", sql), cols[idx[x]].name);
		free(sql);
		sql = p;
	}
	p = db_ident_cat(xasprintf("%s FROM ", sql), pt->table);
	free(sql);
	sql = p;
	p = db_window_get(db, pt->table, &lo, &hi) ?
	    xasprintf("%s WHERE %s >= %lld AND %s < %lld ORDER BY %s", sql,
	    pt->alias, (long long)lo, pt->alias, (long long)hi, pt->alias) :
	    xasprintf("%s ORDER BY %s", sql, pt->alias);
	free(sql);
	sql = p;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		rd_err_set(err, RD_EDB, "cannot read table \"%s\": %s",
		    pt->table, sqlite3_errmsg(h));
		goto done;
	}
	for (; (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
		int64_t r = sqlite3_column_int64(st, 0);

		if (fill ? i == cap : i == pt->base + pt->n ||
		    rowid[i] != r) {
			rd_err_set(err, RD_EDB, "table \"%s\" changed while "
			    "it was read", pt->table);
			goto done;
		}
		if (fill)
			rowid[i] = r;
		for (x = 0; x < nidx; x++) {
			struct events_col *c = &cols[idx[x]];
			int col = (int)x + 1, type = sqlite3_column_type(st, col);
			const unsigned char *t;
			size_t len;

			switch (c->kind) {
			case EVENTS_CODE:
				t = sqlite3_column_text(st, col);
				len = (size_t)sqlite3_column_bytes(st, col);
				c->code[i] = type == SQLITE_NULL || t == NULL ||
				    blank(t, len) ? -1 :
				    intern_code(&in[idx[x]], t, len);
				if (c->code[i] == -2) {
					rd_err_set(err, RD_EINPUT, "column "
					    "\"%s\" of table \"%s\" holds more "
					    "distinct text than a key can "
					    "(4 GiB)", c->name, pt->table);
					goto done;
				}
				break;
			case EVENTS_NUM:
				if (type == SQLITE_INTEGER || type ==
				    SQLITE_FLOAT)
					c->num[i] = sqlite3_column_double(st,
					    col);
				else if (type == SQLITE_TEXT) {
					double v;

					/* Text that is not a number is a
					   column of another meaning: refused,
					   never summed or read as 0. */
					t = sqlite3_column_text(st, col);
					if (t == NULL || (*t != '\0' &&
					    !db_number_text((const char *)t,
					    &v))) {
						rd_err_set(err, RD_EINPUT,
						    "row %zu of table \"%s\", "
						    "column \"%s\": expected a "
						    "number, found \"%.40s\"",
						    i - pt->base + 1, pt->table,
						    c->name, t != NULL ?
						    (const char *)t : "");
						goto done;
					}
					c->num[i] = *t == '\0' ? NAN : v;
				} else
					c->num[i] = NAN;
				break;
			case EVENTS_TIME: {
				struct datefmt_tm tm;
				int has_time;
				long off;

				t = sqlite3_column_text(st, col);
				len = (size_t)sqlite3_column_bytes(st, col);
				if (type != SQLITE_TEXT || t == NULL ||
				    !datefmt_parse_iso_zoned((const char *)t,
				    len, &tm, &has_time, &off)) {
					/* Counted to the end of the pass,
					   for the advice. */
					if (bad.n++ == 0) {
						badcol = c->name;
						bad.row = i - pt->base + 1;
						bad.null = t == NULL;
						if (t != NULL)
							keep_text(bad.first,
							    t, len);
					}
					c->num[i] = NAN;
					break;
				}
				if (bad.good++ == 0)
					keep_text(bad.iso, t, len);
				else if (!same_layout(t, len, bad.iso) &&
				    bad.other++ == 0)
					keep_text(bad.iso_other, t, len);
				/* An offset east of UTC is that much
				   later than the instant: times compare in
				   UTC. */
				c->num[i] = events_seconds(tm.y, tm.m, tm.d,
				    tm.H, tm.M, tm.S) - (double)off;
				break;
			}
			}
		}
	}
	if (rc != SQLITE_DONE) {
		rd_err_set(err, RD_EDB, "cannot read table \"%s\": %s",
		    pt->table, sqlite3_errmsg(h));
		goto done;
	}
	if (bad.n > 0) {
		time_error(err, pt->table, badcol, &bad);
		goto done;
	}
	if (fill) {
		pt->n = i - pt->base;
		*n = i;
	} else if (i != pt->base + pt->n) {
		rd_err_set(err, RD_EDB, "table \"%s\" changed while it was "
		    "read", pt->table);
		goto done;
	}
	ret = 0;
done:
	sqlite3_finalize(st);
	free(sql);
	return ret;
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
 * The columns are read in passes: first the rowids, every column that is
 * not coded and the first coded one, table after table; then each other
 * coded column alone, table after table, its interned texts dropped before the next column's are
 * made.  So at most one column's distinct texts are held at a time (a
 * million distinct e-mails cost some 40 MB while their column is read),
 * for one more scan of the table per coded column.  A savepoint holds one
 * snapshot of the database across the passes.
 */
int
events_load(struct db *db, const char *const *tables, size_t ntables,
	struct events_col *cols, size_t ncols, int64_t **rowid, size_t *n,
	size_t *ends, struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	struct intern *in;
	struct part *pt;
	size_t *idx, nidx = 0, k, t, cap = 0, rows, first;
	int64_t lo, hi;
	int ret = -1, open = 0;

	*rowid = NULL;
	*n = 0;
	for (k = 0; k < ncols; k++) {
		cols[k].code = NULL;
		cols[k].num = NULL;
		cols[k].ncodes = 0;
	}
	in = xcalloc(ncols ? ncols : 1, sizeof *in);
	pt = xcalloc(ntables ? ntables : 1, sizeof *pt);
	idx = xcalloc(ncols ? ncols : 1, sizeof *idx);
	if (sqlite3_exec(h, "SAVEPOINT rd_events", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		rd_err_set(err, RD_EDB, "cannot read the database: %s",
		    sqlite3_errmsg(h));
		goto done;
	}
	open = 1;
	for (t = 0; t < ntables; t++) {
		if (part_open(db, tables[t], cols, ncols, &pt[t], err) != 0 ||
		    db_rowid_range(db, tables[t], &lo, &hi, &rows, err) != 0)
			goto done;
		cap += rows;
	}
	*rowid = xreallocarray(NULL, cap ? cap : 1, sizeof **rowid);
	for (k = 0; k < ncols; k++) {
		if (cols[k].kind == EVENTS_CODE)
			cols[k].code = xreallocarray(NULL, cap ? cap : 1,
			    sizeof *cols[k].code);
		else {
			cols[k].num = xreallocarray(NULL, cap ? cap : 1,
			    sizeof *cols[k].num);
			idx[nidx++] = k;
		}
	}
	/* The first coded column rides with the first pass. */
	for (k = 0; k < ncols && cols[k].kind != EVENTS_CODE; k++)
		;
	first = k;
	if (first < ncols)
		idx[nidx++] = first;
	for (t = 0; t < ntables; t++) {
		pt[t].base = *n;
		if (read_pass(db, &pt[t], cols, idx, nidx, in, *rowid, 1, n,
		    cap, err) != 0)
			goto done;
		ends[t] = *n;
	}
	if (first < ncols) {
		cols[first].ncodes = in[first].n;
		intern_free(&in[first]);
	}
	for (k = 0; k < ncols; k++) {
		if (cols[k].kind != EVENTS_CODE || k == first)
			continue;
		for (t = 0; t < ntables; t++)
			if (read_pass(db, &pt[t], cols, &k, 1, in, *rowid, 0,
			    n, cap, err) != 0)
				goto done;
		cols[k].ncodes = in[k].n;
		intern_free(&in[k]);
	}
	ret = 0;
done:
	if (open)
		sqlite3_exec(h, "RELEASE rd_events", NULL, NULL, NULL);
	for (k = 0; k < ncols; k++)
		intern_free(&in[k]);
	free(in);
	free(pt);
	free(idx);
	if (ret != 0) {
		for (k = 0; k < ncols; k++)
			events_col_done(&cols[k]);
		free(*rowid);
		*rowid = NULL;
		*n = 0;
	}
	return ret;
}

int
events_key_variants(struct db *db, const char *table, const char *col,
	struct events_variants *out, struct rd_err *err)
{
	static const char *const punct[] = { " ", "-", ".", ",", "(", ")",
	    "+", "/", "_", "#" };
	sqlite3 *h = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	char *c = db_ident_cat(xstrdup(""), col);
	char *t = db_ident_cat(xstrdup(""), table), *norm, *sql;
	size_t k;
	int rc;

	memset(out, 0, sizeof *out);
	/* lower(replace(...replace(CAST(c AS TEXT), ' ', '')..., '#', '')) */
	norm = xasprintf("CAST(%s AS TEXT)", c);
	for (k = 0; k < sizeof punct / sizeof *punct; k++) {
		char *r = xasprintf("replace(%s, '%s', '')", norm, punct[k]);

		free(norm);
		norm = r;
	}
	sql = xasprintf("SELECT count(*) OVER (), sum(nv) OVER (), v1, v2 "
	    "FROM (SELECT count(DISTINCT %s) AS nv, min(%s) AS v1, "
	    "max(%s) AS v2 FROM %s WHERE typeof(%s) = 'text' AND "
	    "trim(%s) <> '' GROUP BY lower(%s) HAVING count(DISTINCT %s) "
	    "> 1) ORDER BY v1 LIMIT 1", c, c, c, t, c, c, norm, c);
	free(norm);
	free(c);
	free(t);
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *a = sqlite3_column_text(st, 2);
		const unsigned char *b = sqlite3_column_text(st, 3);

		out->groups = (size_t)sqlite3_column_int64(st, 0);
		out->values = (size_t)sqlite3_column_int64(st, 1);
		if (a != NULL)
			keep_text(out->eg1, a, strlen((const char *)a));
		if (b != NULL)
			keep_text(out->eg2, b, strlen((const char *)b));
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		rd_err_set(err, RD_EDB, "cannot read table \"%s\": %s",
		    table, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	free(sql);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? 0 : -1;
}
