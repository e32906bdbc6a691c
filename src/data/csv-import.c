/*
 * csv-import.c - CSV files into typed SQLite tables (see csv-import.h).
 *
 * Part of the data layer, beside db.c; the only other module that writes
 * SQL.  libcsv tokenises the file; this file adds what libcsv leaves out:
 * physical line numbers for error messages, missing-value markers, type
 * inference, and the transaction that makes an import all or nothing.
 *
 * The file is read twice, in 64 KiB blocks, so memory is bounded by the
 * longest record rather than the file:
 *   pass 1  reads the header, checks every record's field count and infers
 *           each column's type from every cell;
 *   pass 2  runs inside BEGIN IMMEDIATE ... COMMIT: drops an old table when
 *           asked to, creates the new one, inserts every record through one
 *           prepared statement, counts the target and writes the rd_table
 *           row.  Any failure rolls back, so the database is as it was.
 *
 * Line numbers: libcsv reports fields and records but not positions, so
 * each block is fed to it one physical line (up to and including '\n') at
 * a time.  A record that begins in a piece of input must begin on that
 * piece's line; we note the line whenever the parser sits between records
 * (its pstate is ROW_NOT_BEGUN, 0 in libcsv 3) before a piece is fed, and
 * again when a record ends (a lone CR may end a record mid-line).  The
 * record's first field callback then copies that line as the record's
 * start line.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define IMPORT_BLOCK 65536	/* bytes per fread */
#define CSV_ROW_NOT_BEGUN 0	/* libcsv's parser state between records */

/* What pass 1 learns about one column. */
struct col_stat {
	int maybe_int;		/* non-missing cells so far integers */
	int maybe_real;		/* non-missing cells so far numbers */
	size_t present;		/* non-missing cells */
	size_t missing;		/* missing-marker cells */
	enum ds_type type;	/* decided after pass 1 */
};

/*
 * State shared by the libcsv callbacks.  failed is set with err filled by
 * the first error; every callback returns at once afterwards and the
 * feeding loop stops after the current piece.
 */
struct imp {
	const struct import_spec *spec;
	struct rd_err *err;
	int failed;
	int pass;		/* 1 or 2 */

	/* position */
	long line;		/* physical line of the piece being fed */
	long next_start;	/* start line of the next record */
	long rec_line;		/* start line of the current record */
	size_t nfield;		/* fields seen in the current record */
	size_t nrec;		/* records done; the header is record 0 */

	/* header */
	char **names;		/* [ncols] owned */
	size_t ncols, capnames;
	struct col_stat *stat;	/* [ncols] */

	/* pass 2 */
	sqlite3 *h;
	sqlite3_stmt *ins;
	char *row;		/* current record's fields, each NUL-ended */
	size_t rowlen, rowcap;
	size_t *off, *len;	/* [ncols] field j at row + off[j], len[j] */
	size_t rows1;		/* records found by pass 1 */
};

/* ------------------------------------------------------------- cells */

/* The missing-value markers: empty, NA, N/A, NULL, ?; exact, untrimmed. */
static int
cell_missing(const char *s, size_t len)
{
	switch (len) {
	case 0:
		return 1;
	case 1:
		return s[0] == '?';
	case 2:
		return memcmp(s, "NA", 2) == 0;
	case 3:
		return memcmp(s, "N/A", 3) == 0;
	case 4:
		return memcmp(s, "NULL", 4) == 0;
	default:
		return 0;
	}
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A whole cell (len bytes, NUL after them) as a 64-bit integer: an
 * optional sign then digits only, in range.  Returns 1 and sets *v, or 0.
 */
static int
cell_int(const char *s, size_t len, int64_t *v)
{
	size_t i = 0;
	uint64_t x = 0, lim;
	int neg = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == len)
		return 0;
	/* Accumulate the magnitude, refusing anything past INT64_MAX (or
	 * its negative's magnitude, one more). */
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (d > 9 || x > (lim - d) / 10)
			return 0;
		x = 10 * x + d;
	}
	if (neg)
		*v = x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x;
	else
		*v = (int64_t)x;
	return 1;
}

/*
 * A whole cell as a finite decimal number: [sign] digits [. digits]
 * [e [sign] digits], or with the digits after the point only.  The
 * syntax check keeps strtod's extras (leading blanks, hex, inf, nan) out;
 * strtod then converts, in the C locale that riskdesk keeps for
 * LC_NUMERIC.  Returns 1 and sets *v (unless v is NULL), or 0.
 */
static int
cell_real(const char *s, size_t len, double *v)
{
	size_t i = 0, digits = 0;
	int expo = 0;
	char *end;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && is_digit(s[i]); i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && is_digit(s[i]); i++)
			digits++;
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && is_digit(s[i]); i++)
			e++;
		if (e == 0)
			return 0;
		expo = 1;
	}
	if (i != len)
		return 0;
	/* Without an exponent a number of fewer than 300 characters is
	 * finite: pass 1 (v == NULL) need not convert it. */
	if (v == NULL && !expo && len < 300)
		return 1;
	{
		double x = strtod(s, &end);

		if (end != s + len || !isfinite(x))
			return 0;
		if (v != NULL)
			*v = x;
	}
	return 1;
}

static const char *
type_name(enum ds_type t)
{
	switch (t) {
	case DS_INTEGER:
		return "INTEGER";
	case DS_REAL:
		return "REAL";
	default:
		return "TEXT";
	}
}

/* ------------------------------------------------------------ errors */

/* Fail at the current record's start line. */
static void
imp_fail_rec(struct imp *im, enum rd_err_class cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
imp_fail_rec(struct imp *im, enum rd_err_class cls, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	if (im->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd_err_setloc(im->err, cls, im->spec->csv_path, im->rec_line, 0,
	    "%s", msg);
	im->failed = 1;
}

static int
db_fail(struct rd_err *err, sqlite3 *h, const char *what)
{
	return rd_err_set(err, RD_EDB, "%s: %s", what, sqlite3_errmsg(h));
}

/* --------------------------------------------------------- callbacks */

static void
header_field(struct imp *im, const char *s, size_t len)
{
	if (im->ncols == im->capnames) {
		im->capnames = im->capnames ? 2 * im->capnames : 32;
		im->names = xreallocarray(im->names, im->capnames,
		    sizeof *im->names);
	}
	im->names[im->ncols++] = xstrndup(s, len);
}

/* The header is complete: check its names, set up the column state. */
static void
header_done(struct imp *im)
{
	size_t j, k;

	for (j = 0; j < im->ncols; j++) {
		if (im->names[j][0] == '\0') {
			imp_fail_rec(im, RD_EINPUT, "expected a name for "
			    "column %zu, found an empty field", j + 1);
			return;
		}
		/* SQLite folds ASCII case in identifiers. */
		for (k = 0; k < j; k++)
			if (sqlite3_stricmp(im->names[k], im->names[j]) == 0) {
				imp_fail_rec(im, RD_EINPUT, "duplicate column "
				    "name \"%s\" (columns %zu and %zu)",
				    im->names[j], k + 1, j + 1);
				return;
			}
	}
	im->stat = xcalloc(im->ncols, sizeof *im->stat);
	for (j = 0; j < im->ncols; j++)
		im->stat[j].maybe_int = im->stat[j].maybe_real = 1;
	im->off = xcalloc(im->ncols, sizeof *im->off);
	im->len = xcalloc(im->ncols, sizeof *im->len);
}

/* Pass 1: one data cell of column j. */
static void
infer_cell(struct col_stat *cs, const char *s, size_t len)
{
	int64_t i;

	if (cell_missing(s, len)) {
		cs->missing++;
		return;
	}
	cs->present++;
	if (cs->maybe_int && !cell_int(s, len, &i))
		cs->maybe_int = 0;
	if (!cs->maybe_int && cs->maybe_real && !cell_real(s, len, NULL))
		cs->maybe_real = 0;
}

static void
cb_field(void *s, size_t len, void *arg)
{
	struct imp *im = arg;
	size_t j;

	if (im->failed)
		return;
	if (im->nfield == 0)
		im->rec_line = im->next_start;
	j = im->nfield++;
	if (im->nrec == 0) {
		if (im->pass == 1)
			header_field(im, s, len);
		return;
	}
	if (j >= im->ncols)
		return;		/* counted; the record end reports it */
	if (im->pass == 1) {
		infer_cell(&im->stat[j], s, len);
		return;
	}
	if (im->rowlen + len + 1 > im->rowcap) {
		im->rowcap = 2 * (im->rowlen + len + 1);
		im->row = xrealloc(im->row, im->rowcap);
	}
	memcpy(im->row + im->rowlen, s, len);
	im->row[im->rowlen + len] = '\0';
	im->off[j] = im->rowlen;
	im->len[j] = len;
	im->rowlen += len + 1;
}

/* Pass 2: bind the buffered record and insert it. */
static void
insert_record(struct imp *im)
{
	sqlite3_stmt *st = im->ins;
	size_t j;
	int rc = SQLITE_OK;

	for (j = 0; j < im->ncols && rc == SQLITE_OK; j++) {
		const char *s = im->row + im->off[j];
		size_t len = im->len[j];
		int k = (int)j + 1;
		int64_t i;
		double d;

		if (cell_missing(s, len)) {
			rc = sqlite3_bind_null(st, k);
			continue;
		}
		switch (im->stat[j].type) {
		case DS_INTEGER:
			if (!cell_int(s, len, &i))
				goto changed;
			rc = sqlite3_bind_int64(st, k, i);
			break;
		case DS_REAL:
			if (!cell_real(s, len, &d))
				goto changed;
			rc = sqlite3_bind_double(st, k, d);
			break;
		default:
			/* The buffer outlives the step below. */
			rc = sqlite3_bind_text(st, k, s, (int)len,
			    SQLITE_STATIC);
			break;
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		imp_fail_rec(im, RD_EDB, "cannot insert record: %s",
		    sqlite3_errmsg(im->h));
		sqlite3_reset(st);
		return;
	}
	if (sqlite3_reset(st) != SQLITE_OK)
		imp_fail_rec(im, RD_EDB, "cannot insert record: %s",
		    sqlite3_errmsg(im->h));
	return;

changed:
	imp_fail_rec(im, RD_EIO, "column %zu: expected a %s value, found "
	    "\"%.40s\" (file changed during import?)", j + 1,
	    type_name(im->stat[j].type), im->row + im->off[j]);
}

static void
cb_record(int c, void *arg)
{
	struct imp *im = arg;

	(void)c;
	if (im->failed)
		return;
	if (im->nrec == 0) {
		if (im->pass == 1)
			header_done(im);
		else if (im->nfield != im->ncols)
			imp_fail_rec(im, RD_EIO, "header changed during "
			    "import");
	} else if (im->nfield != im->ncols) {
		imp_fail_rec(im, RD_EINPUT, "expected %zu fields, found %zu",
		    im->ncols, im->nfield);
	} else if (im->pass == 2) {
		if (im->nrec > im->rows1)
			imp_fail_rec(im, RD_EIO, "file grew during import");
		else
			insert_record(im);
	}
	im->nrec++;
	im->nfield = 0;
	im->rowlen = 0;
	im->next_start = im->line;
}

/* libcsv trims blanks around unquoted fields by default; we keep them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* ------------------------------------------------------------ feeding */

/*
 * Run one pass over fp (at its start) through libcsv with the callbacks
 * above.  Returns 0, or -1 with im->err filled.
 */
static int
feed_file(struct imp *im, FILE *fp)
{
	struct csv_parser p;
	unsigned char *buf;
	size_t n, line_off = 0;
	int first = 1, ret = -1;
	const char *path = im->spec->csv_path;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
	    != 0)
		return rd_err_set(im->err, RD_EIO, "cannot set up the CSV "
		    "parser");
	csv_set_space_func(&p, no_space);
	buf = xmalloc(IMPORT_BLOCK);
	im->line = im->next_start = im->rec_line = 1;
	im->nfield = im->nrec = im->rowlen = 0;
	while ((n = fread(buf, 1, IMPORT_BLOCK, fp)) > 0) {
		unsigned char *q = buf, *end = buf + n;

		if (first && n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB &&
		    buf[2] == 0xBF)
			q += 3;		/* UTF-8 byte order mark */
		first = 0;
		while (q < end) {
			unsigned char *nl = memchr(q, '\n', (size_t)(end - q));
			size_t len = nl ? (size_t)(nl - q) + 1 :
			    (size_t)(end - q);
			size_t done;

			if (p.pstate == CSV_ROW_NOT_BEGUN)
				im->next_start = im->line;
			done = csv_parse(&p, q, len, cb_field, cb_record, im);
			if (im->failed)
				goto out;
			if (done < len) {
				long col = (long)(line_off + done) + 1;

				if (csv_error(&p) != CSV_EPARSE)
					rd_err_setloc(im->err, RD_EIO, path,
					    im->line, col, "cannot parse: %s",
					    csv_strerror(csv_error(&p)));
				else if (p.quoted)
					rd_err_setloc(im->err, RD_EINPUT, path,
					    im->line, col, "expected ',' or "
					    "end of line after a closing "
					    "quote, found '%c'", q[done]);
				else
					rd_err_setloc(im->err, RD_EINPUT, path,
					    im->line, col, "expected no '\"' "
					    "inside an unquoted field, found "
					    "one (quote the field and double "
					    "the '\"')");
				goto out;
			}
			if (nl != NULL) {
				im->line++;
				line_off = 0;
			} else {
				line_off += len;
			}
			q += len;
		}
	}
	if (ferror(fp)) {
		rd_err_setloc(im->err, RD_EIO, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	if (csv_fini(&p, cb_field, cb_record, im) != 0) {
		if (!im->failed)
			rd_err_setloc(im->err, RD_EINPUT, path, im->nfield ?
			    im->rec_line : im->next_start, 0, "expected a "
			    "closing '\"', found end of file (unterminated "
			    "quoted field)");
		goto out;
	}
	if (im->failed)
		goto out;
	ret = 0;

out:
	csv_free(&p);
	free(buf);
	return ret;
}

/* ------------------------------------------------------ SQL helpers */

static char *
str_cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}

static int
exec(sqlite3 *h, const char *sql, const char *what, struct rd_err *err)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(err, h, what);
	return 0;
}

/*
 * Whether a table called name exists (SQLite compares names without ASCII
 * case).  Returns 0 and sets *exists, or -1 with err.  *real receives a
 * heap copy of the stored spelling when it exists (caller frees).
 */
static int
table_exists(sqlite3 *h, const char *name, int *exists, char **real,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*exists = 0;
	*real = NULL;
	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?1 COLLATE NOCASE", -1, &st, NULL)
	    != SQLITE_OK)
		return db_fail(err, h, "cannot look up table");
	if (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		*exists = 1;
		*real = xstrdup(t ? (const char *)t : name);
	} else if (rc != SQLITE_DONE) {
		goto fail;
	}
	sqlite3_finalize(st);
	return 0;

fail:
	db_fail(err, h, "cannot look up table");
	sqlite3_finalize(st);
	return -1;
}

/* Drop table real (as stored) and its metadata row. */
static int
drop_table(sqlite3 *h, const char *real, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *sql = db_ident_cat(str_cat(NULL, "DROP TABLE "), real);
	int rc;

	rc = exec(h, sql, "cannot drop the old table", err);
	free(sql);
	if (rc != 0)
		return -1;
	if (sqlite3_prepare_v2(h, "DELETE FROM rd_table WHERE name = ?1 "
	    "COLLATE NOCASE", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, h, "cannot drop the old table");
	if (sqlite3_bind_text(st, 1, real, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		db_fail(err, h, "cannot drop the old table");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static int
create_table(struct imp *im, struct rd_err *err)
{
	char *sql = db_ident_cat(str_cat(NULL, "CREATE TABLE "),
	    im->spec->table);
	size_t j;
	int rc;

	sql = str_cat(sql, " (");
	for (j = 0; j < im->ncols; j++) {
		sql = db_ident_cat(str_cat(sql, j ? ", " : ""), im->names[j]);
		sql = str_cat(str_cat(sql, " "), type_name(im->stat[j].type));
	}
	sql = str_cat(sql, ")");
	rc = exec(im->h, sql, "cannot create table", err);
	free(sql);
	if (rc != 0)
		return -1;

	sql = db_ident_cat(str_cat(NULL, "INSERT INTO "), im->spec->table);
	sql = str_cat(sql, " VALUES (");
	for (j = 0; j < im->ncols; j++)
		sql = str_cat(sql, j ? ", ?" : "?");
	sql = str_cat(sql, ")");
	rc = sqlite3_prepare_v2(im->h, sql, -1, &im->ins, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, im->h, "cannot prepare insert");
	return 0;
}

/*
 * Count bad, good and indeterminate rows of the new table.  The values are
 * read back as text through SQLite, exactly as db_dataset_load reads them,
 * so the two always agree (for an INTEGER target "01" is stored and read
 * back as "1").
 */
static int
count_target(struct imp *im, struct import_summary *sum, struct rd_err *err)
{
	const struct import_spec *spec = im->spec;
	sqlite3_stmt *st = NULL;
	char *sql;
	int rc;

	sql = db_ident_cat(str_cat(NULL, "SELECT CAST("), spec->target);
	sql = db_ident_cat(str_cat(sql, " AS TEXT), count(*) FROM "),
	    spec->table);
	sql = str_cat(sql, " GROUP BY 1");
	rc = sqlite3_prepare_v2(im->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, im->h, "cannot count target values");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		size_t n = (size_t)sqlite3_column_int64(st, 1), k;
		int good = 0;

		if (v == NULL) {
			sum->indeterminate += n;
			continue;
		}
		if (strcmp(v, spec->bad) == 0) {
			sum->bads += n;
			continue;
		}
		if (spec->ngood == 0)
			good = 1;
		for (k = 0; k < spec->ngood && !good; k++)
			good = strcmp(v, spec->good[k]) == 0;
		if (good)
			sum->goods += n;
		else
			sum->indeterminate += n;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, im->h, "cannot count target values");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static int
write_meta(struct imp *im, const struct import_summary *sum,
	struct rd_err *err)
{
	const struct import_spec *spec = im->spec;
	sqlite3_stmt *st = NULL;
	char *good = str_cat(NULL, "");
	size_t k;
	int rc;

	for (k = 0; k < spec->ngood; k++)
		good = str_cat(str_cat(good, k ? "\t" : ""), spec->good[k]);
	if (sqlite3_prepare_v2(im->h, "INSERT OR REPLACE INTO rd_table(name, "
	    "target, bad, good, source, rows, bads, goods, indeterminate) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &st, NULL)
	    != SQLITE_OK) {
		free(good);
		return db_fail(err, im->h, "cannot write table metadata");
	}
	rc = sqlite3_bind_text(st, 1, spec->table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = spec->target ? sqlite3_bind_text(st, 2, spec->target, -1,
		    SQLITE_STATIC) : sqlite3_bind_null(st, 2);
	if (rc == SQLITE_OK)
		rc = spec->target ? sqlite3_bind_text(st, 3, spec->bad, -1,
		    SQLITE_STATIC) : sqlite3_bind_null(st, 3);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, good, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 5, spec->csv_path, -1,
		    SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 6,
		    (sqlite3_int64)sum->rows_imported);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 7, (sqlite3_int64)sum->bads);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 8, (sqlite3_int64)sum->goods);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 9,
		    (sqlite3_int64)sum->indeterminate);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	free(good);
	if (rc != SQLITE_DONE) {
		db_fail(err, im->h, "cannot write table metadata");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Check the spec before touching the file or the database. */
static int
spec_check(const struct import_spec *spec, struct rd_err *err)
{
	size_t k;

	if (spec->table == NULL || spec->table[0] == '\0')
		return rd_err_set(err, RD_EUSAGE, "expected a table name, "
		    "found none");
	if (sqlite3_stricmp(spec->table, "rd_table") == 0 ||
	    sqlite3_stricmp(spec->table, "rd_scorecard") == 0 ||
	    sqlite3_strnicmp(spec->table, "sqlite_", 7) == 0)
		return rd_err_set(err, RD_EUSAGE, "table name \"%s\" is "
		    "reserved", spec->table);
	if (spec->target != NULL && spec->bad == NULL)
		return rd_err_set(err, RD_EUSAGE, "target \"%s\" given "
		    "without a bad value", spec->target);
	if (spec->ngood > IMPORT_MAX_GOOD)
		return rd_err_set(err, RD_EUSAGE, "expected at most %d good "
		    "values, found %zu", IMPORT_MAX_GOOD, spec->ngood);
	for (k = 0; k < spec->ngood; k++)
		if (spec->good[k] == NULL || strchr(spec->good[k], '\t'))
			return rd_err_set(err, RD_EUSAGE, "expected a good "
			    "value without a tab, found \"%s\"",
			    spec->good[k] ? spec->good[k] : "(null)");
	return 0;
}

/* ----------------------------------------------------------- import */

int
csv_import(struct db *db, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err)
{
	static const char *const sync_mode[] = { "PRAGMA synchronous = 0",
	    "PRAGMA synchronous = 1", "PRAGMA synchronous = 2",
	    "PRAGMA synchronous = 3" };
	struct imp im;
	sqlite3_stmt *st = NULL;
	FILE *fp = NULL;
	char *real = NULL;
	int exists, in_tx = 0, old_sync = -1, ret = -1;
	int target = -1;
	size_t j;

	memset(sum, 0, sizeof *sum);
	memset(&im, 0, sizeof im);
	im.spec = spec;
	im.err = err;
	im.h = db_sqlite(db);
	if (spec_check(spec, err) != 0)
		return -1;

	/* Refuse early when the table is there, before reading the file;
	 * the check is repeated inside the transaction. */
	if (table_exists(im.h, spec->table, &exists, &real, err) != 0)
		return -1;
	free(real);
	real = NULL;
	if (exists && !spec->replace)
		return rd_err_set(err, RD_EDB, "table \"%s\" exists; use "
		    "--replace", spec->table);

	if ((fp = fopen(spec->csv_path, "rb")) == NULL)
		return rd_err_setloc(err, RD_EIO, spec->csv_path, 0, 0,
		    "cannot open: %s", strerror(errno));

	/* Pass 1: header, field counts, types. */
	im.pass = 1;
	if (feed_file(&im, fp) != 0)
		goto done;
	if (im.nrec == 0) {
		rd_err_setloc(err, RD_EINPUT, spec->csv_path, 1, 0, "expected "
		    "a header line, found an empty file");
		goto done;
	}
	if (spec->target != NULL) {
		for (j = 0; j < im.ncols; j++)
			if (strcmp(im.names[j], spec->target) == 0)
				target = (int)j;
		if (target < 0) {
			rd_err_setloc(err, RD_EINPUT, spec->csv_path, 1, 0,
			    "expected target column \"%s\" in the header, "
			    "found no such column", spec->target);
			goto done;
		}
	}
	im.rows1 = im.nrec - 1;
	for (j = 0; j < im.ncols; j++) {
		struct col_stat *cs = &im.stat[j];

		if (cs->present == 0)
			cs->type = DS_TEXT;
		else if (cs->maybe_int)
			cs->type = DS_INTEGER;
		else if (cs->maybe_real)
			cs->type = DS_REAL;
		else
			cs->type = DS_TEXT;
	}

	/* Pass 2, in one transaction.  synchronous = NORMAL keeps the
	 * rollback journal's atomicity and saves an fsync per commit phase;
	 * the connection's own setting is restored afterwards. */
	if (sqlite3_prepare_v2(im.h, "PRAGMA synchronous", -1, &st, NULL)
	    == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		old_sync = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (old_sync > 1 && old_sync <= 3 &&
	    exec(im.h, sync_mode[1], "cannot set synchronous", err) != 0)
		goto done;
	if (exec(im.h, "BEGIN IMMEDIATE", "cannot start transaction", err)
	    != 0)
		goto done;
	in_tx = 1;
	if (table_exists(im.h, spec->table, &exists, &real, err) != 0)
		goto done;
	if (exists) {
		if (!spec->replace) {
			rd_err_set(err, RD_EDB, "table \"%s\" exists; use "
			    "--replace", spec->table);
			goto done;
		}
		if (drop_table(im.h, real, err) != 0)
			goto done;
	}
	if (create_table(&im, err) != 0)
		goto done;
	rewind(fp);
	im.pass = 2;
	if (feed_file(&im, fp) != 0)
		goto done;
	if (im.nrec - 1 != im.rows1) {
		rd_err_setloc(err, RD_EIO, spec->csv_path, 0, 0, "file "
		    "changed during import: %zu records, then %zu",
		    im.rows1, im.nrec - 1);
		goto done;
	}
	sqlite3_finalize(im.ins);
	im.ins = NULL;
	sum->rows_read = sum->rows_imported = im.rows1;
	if (spec->target != NULL && count_target(&im, sum, err) != 0)
		goto done;
	if (write_meta(&im, sum, err) != 0)
		goto done;
	if (exec(im.h, "COMMIT", "cannot commit import", err) != 0)
		goto done;
	in_tx = 0;

	sum->ncolumns = im.ncols;
	sum->columns = xcalloc(im.ncols ? im.ncols : 1, sizeof *sum->columns);
	for (j = 0; j < im.ncols; j++) {
		sum->columns[j].name = im.names[j];
		im.names[j] = NULL;
		sum->columns[j].type = im.stat[j].type;
		sum->columns[j].missing = im.stat[j].missing;
	}
	ret = 0;

done:
	sqlite3_finalize(im.ins);
	if (in_tx && !sqlite3_get_autocommit(im.h))
		sqlite3_exec(im.h, "ROLLBACK", NULL, NULL, NULL);
	if (old_sync > 1 && old_sync <= 3)
		sqlite3_exec(im.h, sync_mode[old_sync], NULL, NULL, NULL);
	if (fp != NULL)
		fclose(fp);
	free(real);
	for (j = 0; j < im.ncols; j++)
		free(im.names[j]);
	free(im.names);
	free(im.stat);
	free(im.row);
	free(im.off);
	free(im.len);
	if (ret != 0) {
		import_summary_done(sum);
		memset(sum, 0, sizeof *sum);
	}
	return ret;
}

void
import_summary_done(struct import_summary *sum)
{
	size_t j;

	if (sum == NULL)
		return;
	for (j = 0; j < sum->ncolumns; j++)
		free(sum->columns[j].name);
	free(sum->columns);
	sum->columns = NULL;
	sum->ncolumns = 0;
}
