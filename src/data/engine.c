/*
 * engine.c - a thin libpq client (engine.h): connect, read a table's
 * columns from the catalogue, run one query and hand its rows over as
 * text.  The only file that includes libpq-fe.h.
 *
 * Results are read in libpq's single-row mode, so a query that gives far
 * more rows than an aggregate should is stopped at ENGINE_MAX_ROWS
 * without the client holding them all.
 */
#include "config.h"

#include <errno.h>
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "data/ds.h"
#include "data/engine.h"
#include "data/sqltext.h"
#include "util/err.h"
#include "util/progress.h"
#include "util/xmalloc.h"

struct engine {
	PGconn *conn;
	int range_failed;	/* the last query stopped on 22003 */
};

/* The first line of a libpq message, without its "ERROR:  " head. */
static void
first_line(const char *msg, char *buf, size_t len)
{
	size_t n;

	if (msg == NULL || *msg == '\0')
		msg = "no reason given";
	if (strncmp(msg, "ERROR:  ", 8) == 0)
		msg += 8;
	n = strcspn(msg, "\n");
	if (n >= len)
		n = len - 1;
	memcpy(buf, msg, n);
	buf[n] = '\0';
}

struct engine *
engine_connect(const char *conninfo, struct rd_err *err)
{
	/* conninfo is expanded in place of dbname, so what it says
	   overrides the timeout and the name given before it. */
	const char *const keys[] = { "connect_timeout", "application_name",
	    "dbname", NULL };
	const char *const vals[] = { "10", "riskdesk", conninfo, NULL };
	struct engine *e;
	PGconn *c;
	PGresult *r;
	char why[512];

	c = PQconnectdbParams(keys, vals, 1);
	if (c == NULL)
		xmalloc_failed(sizeof(void *));
	if (PQstatus(c) != CONNECTION_OK) {
		first_line(PQerrorMessage(c), why, sizeof why);
		PQfinish(c);
		rd_err_set(err, RD_EDB, "cannot connect to PostgreSQL: %s; "
		    "check the connection string (host, port, dbname, user, "
		    "password) and that the server is running and accepts "
		    "the connection", why);
		return NULL;
	}
	/* Doubles as text that reads back to the same double; dates and
	   text as the import would store them. */
	r = PQexec(c, "SET extra_float_digits = 3; SET DateStyle = 'ISO'; "
	    "SET client_encoding = 'UTF8'");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		first_line(PQresultErrorMessage(r), why, sizeof why);
		PQclear(r);
		PQfinish(c);
		rd_err_set(err, RD_EDB, "cannot set up the PostgreSQL "
		    "session: %s", why);
		return NULL;
	}
	PQclear(r);
	e = xcalloc(1, sizeof *e);
	e->conn = c;
	return e;
}

void
engine_close(struct engine *e)
{
	if (e == NULL)
		return;
	PQfinish(e->conn);
	free(e);
}

long
engine_column_index(const struct sqlx_column *cols, size_t n,
	const char *name)
{
	size_t k;
	long found = -1;

	for (k = 0; k < n; k++)
		if (strcmp(cols[k].name, name) == 0)
			return (long)k;
	for (k = 0; k < n; k++)
		if (strcasecmp(cols[k].name, name) == 0) {
			if (found >= 0)
				return -1;
			found = (long)k;
		}
	return found;
}

int
engine_range_failed(const struct engine *e)
{
	return e->range_failed;
}

const char *
engine_name(const struct engine *e)
{
	(void)e;
	return "postgresql";
}

/* err from a failed result r (cleared here): the message and detail. */
static int
result_fail(PGresult *r, PGconn *c, const char *what, struct rd_err *err)
{
	char why[512], detail[256];
	const char *d = r != NULL ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)
	    : NULL;
	const char *st = r != NULL ? PQresultErrorField(r, PG_DIAG_SQLSTATE) :
	    NULL;
	/* 22003, numeric_value_out_of_range: where SQLite carries an
	   integer that overflows on as a real (and riskdesk computes in
	   reals), PostgreSQL stops. */
	int range = st != NULL && strcmp(st, "22003") == 0;
	const char *hint = "";

	first_line(r != NULL && *PQresultErrorMessage(r) != '\0' ?
	    PQresultErrorMessage(r) : PQerrorMessage(c), why, sizeof why);
	if (d != NULL)
		first_line(d, detail, sizeof detail);
	PQclear(r);
	/* A float8 past the largest double says "value out of range:
	   overflow"; an integer type names itself ("bigint out of
	   range"). */
	if (range && strstr(why, "value out of range") != NULL)
		hint = "; a real value or a sum of reals went past the "
		    "largest double (about 1.8e308), a figure riskdesk "
		    "refuses too";
	else if (range)
		hint = "; an integer expression went past the range of its "
		    "PostgreSQL type, where riskdesk and SQLite carry on in "
		    "reals: write its arithmetic in reals (x * 1.0)";
	return rd_err_set(err, RD_EDB, "%s: %s%s%s%s%s", what, why,
	    d != NULL ? " (" : "", d != NULL ? detail : "", d != NULL ? ")" :
	    "", hint);
}

/* date, timestamp and timestamptz: the profile's dates; real. */
static int
pg_kind(const char *t)
{
	return strcmp(t, "date") == 0 || strcmp(t, "timestamp") == 0 ?
	    ENGINE_DATE : strcmp(t, "timestamptz") == 0 ? ENGINE_DATE_TZ :
	    strcmp(t, "float4") == 0 ? ENGINE_FLOAT4 : 0;
}

static enum ds_type
pg_type(const char *t)
{
	static const char *const ints[] = { "int2", "int4", "int8", NULL };
	static const char *const reals[] = { "float4", "float8", "numeric",
	    NULL };
	size_t k;

	for (k = 0; ints[k] != NULL; k++)
		if (strcmp(t, ints[k]) == 0)
			return DS_INTEGER;
	for (k = 0; reals[k] != NULL; k++)
		if (strcmp(t, reals[k]) == 0)
			return DS_REAL;
	return DS_TEXT;
}

void
engine_columns_free(struct sqlx_column *cols, size_t ncols)
{
	size_t k;

	for (k = 0; cols != NULL && k < ncols; k++)
		free((char *)cols[k].name);
	free(cols);
}

int
engine_columns(struct engine *e, const char *source,
	struct sqlx_column **cols, size_t *ncols, struct rd_err *err)
{
	return engine_columns_dates(e, source, cols, ncols, NULL, err);
}

/* Whether a and b are the same name to SQLite: ASCII without case. */
static int
same_nocase(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/*
 * Two columns whose names differ only in case (loan and "LOAN", as
 * PostgreSQL allows): riskdesk reads names as SQLite does, without case,
 * so a card's characteristic, a policy's column or a --char could be
 * either; refused, naming both.
 */
static int
case_twins(const char *source, const struct sqlx_column *cols, size_t n,
	struct rd_err *err)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (same_nocase(cols[i].name, cols[j].name))
				return rd_err_set(err, RD_EINPUT, "table \"%s\" "
				    "has columns \"%s\" and \"%s\", whose names "
				    "differ only in case: riskdesk reads names "
				    "without case, as SQLite does, and cannot "
				    "tell them apart; name with --source a view "
				    "of the table that renames one of them",
				    source, cols[i].name, cols[j].name);
	return 0;
}

int
engine_columns_dates(struct engine *e, const char *source,
	struct sqlx_column **cols, size_t *ncols, int **kind,
	struct rd_err *err)
{
	/* The name is quoted part by part, as the exported query quotes
	   it (sqlx_ident), so both find the same table; a domain is read
	   as its base type. */
	static const char sql[] =
	    "SELECT a.attname, bt.typname FROM pg_attribute a "
	    "JOIN pg_type t ON t.oid = a.atttypid "
	    "JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' "
	    "THEN t.typbasetype ELSE t.oid END "
	    "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 "
	    "AND NOT a.attisdropped ORDER BY a.attnum";
	char *q = NULL, *part;
	const char *s = source, *dot;
	const char *params[1];
	PGresult *r;
	int n, k;

	*cols = NULL;
	*ncols = 0;
	if (kind != NULL)
		*kind = NULL;
	/* Each part of the name quoted ("a"."b"). */
	do {
		size_t len;

		dot = strchr(s, '.');
		len = dot != NULL ? (size_t)(dot - s) : strlen(s);
		part = PQescapeIdentifier(e->conn, s, len);
		if (part == NULL) {
			free(q);
			return rd_err_set(err, RD_EINPUT, "source \"%s\": %s",
			    source, PQerrorMessage(e->conn));
		}
		if (q == NULL) {
			q = xstrdup(part);
		} else {
			char *t = xasprintf("%s.%s", q, part);

			free(q);
			q = t;
		}
		PQfreemem(part);
		s = dot != NULL ? dot + 1 : NULL;
	} while (s != NULL);
	params[0] = q;
	r = PQexecParams(e->conn, sql, 1, NULL, params, NULL, NULL, 0);
	free(q);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return result_fail(r, e->conn, "cannot read the columns of "
		    "the source", err);
	n = PQntuples(r);
	if (n == 0) {
		PQclear(r);
		return rd_err_set(err, RD_EINPUT, "no table \"%s\" in the "
		    "PostgreSQL database (or it has no columns); check "
		    "--source and the schema", source);
	}
	*cols = xcalloc((size_t)n, sizeof **cols);
	if (kind != NULL)
		*kind = xcalloc((size_t)n, sizeof **kind);
	for (k = 0; k < n; k++) {
		(*cols)[k].name = xstrdup(PQgetvalue(r, k, 0));
		(*cols)[k].type = pg_type(PQgetvalue(r, k, 1));
		(*cols)[k].float4 = pg_kind(PQgetvalue(r, k, 1)) ==
		    ENGINE_FLOAT4;
		if (kind != NULL)
			(*kind)[k] = pg_kind(PQgetvalue(r, k, 1));
	}
	*ncols = (size_t)n;
	PQclear(r);
	if (case_twins(source, *cols, *ncols, err) != 0) {
		engine_columns_free(*cols, *ncols);
		*cols = NULL;
		*ncols = 0;
		if (kind != NULL) {
			free(*kind);
			*kind = NULL;
		}
		return -1;
	}
	return 0;
}

/*
 * A signal that ends the process (SIGINT, SIGTERM, SIGHUP) while a query
 * runs cancels it on the server first: otherwise the server runs it to
 * its end after riskdesk is gone, a full scan a Ctrl-C.  The handler
 * sends the cancel request (PQcancel is async-signal-safe), puts back
 * the disposition the process had and raises the signal again, so the
 * process ends (or carries on) as it would have without a query.
 */
static const int query_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NQSIG (sizeof query_signals / sizeof *query_signals)
static PGcancel *volatile running;
static struct sigaction query_old[NQSIG];

static void
on_query_signal(int sig)
{
	PGcancel *cn = running;
	char buf[256];
	size_t k;

	running = NULL;
	if (cn != NULL)
		(void)PQcancel(cn, buf, sizeof buf);
	for (k = 0; k < NQSIG; k++)
		sigaction(query_signals[k], &query_old[k], NULL);
	raise(sig);
}

/* From now until catch_off, a signal cancels c's query (NULL: none). */
static PGcancel *
catch_on(PGconn *c)
{
	struct sigaction sa;
	PGcancel *cn = PQgetCancel(c);
	size_t k;

	if (cn == NULL)
		return NULL;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_query_signal;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < NQSIG; k++)
		sigaddset(&sa.sa_mask, query_signals[k]);
	running = cn;
	/* A signal the process ignores (nohup's SIGHUP, a background
	   job's SIGINT) stays ignored: it cancels nothing. */
	for (k = 0; k < NQSIG; k++) {
		sigaction(query_signals[k], NULL, &query_old[k]);
		if (query_old[k].sa_handler != SIG_IGN)
			sigaction(query_signals[k], &sa, NULL);
	}
	return cn;
}

static void
catch_off(PGcancel *cn)
{
	sigset_t all, old;
	size_t k;

	if (cn == NULL)
		return;
	/* The handlers put back with the signals held, so that none comes
	   between and finds the cancel object freed. */
	sigemptyset(&all);
	for (k = 0; k < NQSIG; k++)
		sigaddset(&all, query_signals[k]);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (running != NULL)
		for (k = 0; k < NQSIG; k++)
			sigaction(query_signals[k], &query_old[k], NULL);
	running = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
	PQfreeCancel(cn);
}

/* Stop the running query and read what is left of its results. */
static void
cancel_drain(PGconn *c)
{
	PGcancel *cn = PQgetCancel(c);
	char buf[256];
	PGresult *r;

	if (cn != NULL) {
		(void)PQcancel(cn, buf, sizeof buf);
		PQfreeCancel(cn);
	}
	while ((r = PQgetResult(c)) != NULL)
		PQclear(r);
}

static int
zone_row(void *ctx, int ncols, const char *const *vals)
{
	char **z = ctx;

	if (ncols == 1 && vals[0] != NULL && *z == NULL)
		*z = xstrdup(vals[0]);
	return 0;
}

int
engine_time_zone(struct engine *e, char *buf, size_t len, struct rd_err *err)
{
	char *z = NULL;

	if (engine_query(e, "SELECT current_setting('TimeZone')", zone_row,
	    &z, err) != 0)
		return -1;
	snprintf(buf, len, "%s", z != NULL ? z : "?");
	free(z);
	return 0;
}

/* Seconds since *t0 (CLOCK_MONOTONIC). */
static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Wait until c has a result to give without blocking, reporting the
 * seconds the server has been working as the progress of a step
 * "querying" (util/progress.h; a front end shows it after its own delay,
 * on a terminal only): an aggregate over many rows gives nothing until
 * the server has read them all.  *shown is set once reported.  A failed
 * poll or read leaves the rest to PQgetResult, which blocks and reports
 * the failure.
 */
static void
wait_result(PGconn *c, const struct timespec *t0, int *shown)
{
	int fd = PQsocket(c);

	while (fd >= 0 && PQisBusy(c)) {
		struct pollfd p;

		p.fd = fd;
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, 250) < 0 && errno != EINTR)
			return;
		if (PQconsumeInput(c) == 0)
			return;
		if (rd_progress_on()) {
			/* 0 only at the first report, which starts the
			   front end's clock. */
			double s = since(t0);

			rd_progress("querying", !*shown ? 0 : s < 1 ? 1 :
			    (size_t)s, 0, "s on PostgreSQL", NULL);
			*shown = 1;
		}
	}
}

int
engine_query(struct engine *e, const char *sql,
	int (*row)(void *ctx, int ncols, const char *const *vals), void *ctx,
	struct rd_err *err)
{
	PGresult *r;
	const char **vals = NULL;
	size_t rows = 0;
	int rc = 0, done = 0, shown = 0;
	PGcancel *cn;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	e->range_failed = 0;
	if (PQsendQuery(e->conn, sql) != 1 || PQsetSingleRowMode(e->conn)
	    != 1) {
		cancel_drain(e->conn);
		return result_fail(NULL, e->conn, "cannot run the query", err);
	}
	cn = catch_on(e->conn);
	while (!done && (wait_result(e->conn, &t0, &shown),
	    r = PQgetResult(e->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(r);
		int nf, f;

		if (st == PGRES_TUPLES_OK) {
			/* The end of the rows. */
			PQclear(r);
			continue;
		}
		if (st != PGRES_SINGLE_TUPLE) {
			const char *ss = PQresultErrorField(r,
			    PG_DIAG_SQLSTATE);

			e->range_failed = ss != NULL && strcmp(ss, "22003") ==
			    0;
			rc = result_fail(r, e->conn, "the query failed on "
			    "PostgreSQL", err);
			done = 1;
			break;
		}
		if (++rows > ENGINE_MAX_ROWS) {
			PQclear(r);
			rc = rd_err_set(err, RD_EDB, "the query gives more than "
			    "%d rows; an aggregate should give far fewer",
			    ENGINE_MAX_ROWS);
			done = 1;
			break;
		}
		nf = PQnfields(r);
		vals = xreallocarray(vals, (size_t)(nf > 0 ? nf : 1),
		    sizeof *vals);
		for (f = 0; f < nf; f++)
			vals[f] = PQgetisnull(r, 0, f) ? NULL :
			    PQgetvalue(r, 0, f);
		if (row(ctx, nf, vals) != 0) {
			rc = -1;
			done = 1;
		}
		PQclear(r);
	}
	if (done)
		cancel_drain(e->conn);
	catch_off(cn);
	if (shown)
		rd_progress(NULL, 0, 0, NULL, NULL);
	free(vals);
	return rc;
}

/* ------------------------------------------------- the queries' pieces */

void
engine_sql_add(struct engine_sql *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap * 2 + (size_t)n + 256;
		b->s = xrealloc(b->s, b->cap);
	}
}

int
engine_text_count(const char *s, size_t *out)
{
	char *end;
	unsigned long long n;

	if (s == NULL || *s == '-' || *s == '\0')
		return -1;
	n = strtoull(s, &end, 10);
	if (*end != '\0')
		return -1;
	*out = (size_t)n;
	return 0;
}

int
engine_text_int(const char *s, long long *out)
{
	char *end;

	*out = 0;
	if (s == NULL)
		return 0;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return *end != '\0' || end == s || errno == ERANGE ? -1 : 0;
}

void
engine_sql_inexact(struct engine_sql *b, const char *raw)
{
	engine_sql_add(b, "CASE WHEN %s BETWEEN -9007199254740992 AND "
	    "9007199254740992 THEN NULL WHEN %s >= 9223372036854775296 THEN "
	    "%s::int8 WHEN %s::float8::int8 <> %s THEN %s::int8 END", raw, raw,
	    raw, raw, raw, raw);
}

int
engine_text_number(const char *s, double *out)
{
	char *end;

	if (s == NULL) {
		*out = NAN;
		return 0;
	}
	*out = strtod(s, &end);
	return *end != '\0' || end == s ? -1 : 0;
}

void
engine_sql_values_in(struct engine_sql *b, const struct sqlx_column *c,
	const char *q, const char *const *val, size_t n)
{
	size_t k;
	int any = 0;

	engine_sql_add(b, "(");
	for (k = 0; k < n; k++) {
		char *lit;
		double x;

		if (c->type != DS_TEXT) {
			if (engine_text_number(val[k], &x) != 0 || !isfinite(x))
				continue;
			lit = sqlx_double(SQLX_POSTGRESQL, x);
			engine_sql_add(b, "%s%s::float8 = %s", any ? " OR " : "",
			    q, lit);
		} else {
			lit = sqlx_string(SQLX_POSTGRESQL, val[k]);
			engine_sql_add(b, "%s%s::text = %s", any ? " OR " : "",
			    q, lit);
		}
		free(lit);
		any = 1;
	}
	engine_sql_add(b, "%s)", any ? "" : "FALSE");
}
