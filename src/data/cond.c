/*
 * cond.c - first-match evaluation of conditions (see cond.h).  Builds one
 * CASE expression per list of conditions and hands it, with the value
 * expressions, to db_expr_eval, which checks it under the read-only
 * authorizer and evaluates it in one pass.  Part of the data layer, the
 * only place that writes SQL.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/cond.h"
#include "data/db.h"
#include "util/err.h"
#include "util/xmalloc.h"

/*
 * "CASE WHEN (c0) THEN 0 WHEN (c1) THEN 1 ... ELSE -1 END" (caller
 * frees).  Each condition is a single checked expression, so the
 * parentheses hold it whole.
 */
static char *
case_of(const char *const *conds, size_t n)
{
	size_t k, len = 32, off;
	char *s;

	for (k = 0; k < n; k++)
		len += strlen(conds[k]) + 40;
	s = xmalloc(len);
	off = (size_t)snprintf(s, len, "CASE");
	for (k = 0; k < n; k++)
		off += (size_t)snprintf(s + off, len - off, " WHEN (%s) THEN %zu",
		    conds[k], k);
	snprintf(s + off, len - off, " ELSE -1 END");
	return s;
}

int
cond_first(struct db *db, const char *table,
	const char *const *conds_a, size_t na, double *first_a,
	const char *const *conds_b, size_t nb, double *first_b,
	const char *const *exprs, size_t nval, double **vals, size_t nrows,
	struct rd_err *err)
{
	const char **all;
	double **out;
	char *ca = NULL, *cb = NULL;
	size_t k, n = 0;
	int rc = -1;

	for (k = 0; k < na; k++)
		if (db_expr_check(db, table, conds_a[k], err) != 0)
			return -1;
	for (k = 0; k < nb; k++)
		if (db_expr_check(db, table, conds_b[k], err) != 0)
			return -1;
	all = xcalloc(nval + 2, sizeof *all);
	out = xcalloc(nval + 2, sizeof *out);
	/* An empty list matches nothing: no CASE needed. */
	if (na > 0) {
		ca = case_of(conds_a, na);
		all[n] = ca;
		out[n++] = first_a;
	} else
		for (k = 0; k < nrows; k++)
			first_a[k] = -1;
	if (nb > 0) {
		cb = case_of(conds_b, nb);
		all[n] = cb;
		out[n++] = first_b;
	} else if (first_b != NULL)
		for (k = 0; k < nrows; k++)
			first_b[k] = -1;
	for (k = 0; k < nval; k++) {
		all[n] = exprs[k];
		out[n++] = vals[k];
	}
	rc = db_expr_eval(db, table, all, n, out, nrows, err);
	free(ca);
	free(cb);
	free(all);
	free(out);
	return rc;
}

int
cond_constant(struct db *db, const char *expr, int *constant,
	double *value, struct rd_err *err)
{
	sqlite3 *h = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	char *sql;
	size_t len;
	int rc;

	*constant = 0;
	*value = NAN;
	/*
	 * A function may not be deterministic (random()), so an expression
	 * that calls one is never taken for a constant.
	 */
	if (strchr(expr, '(') != NULL)
		return 0;
	len = strlen(expr) + 16;
	sql = xmalloc(len);
	snprintf(sql, len, "SELECT (%s)", expr);
	rc = sqlite3_prepare_v2(h, sql, -1, &st, &tail);
	/* A column name does not compile without a table: not constant. */
	if (rc != SQLITE_OK || st == NULL || (tail != NULL && *tail != '\0')) {
		free(sql);
		sqlite3_finalize(st);
		return 0;
	}
	free(sql);
	if (!sqlite3_stmt_readonly(st) || sqlite3_step(st) != SQLITE_ROW) {
		rd_err_set(err, RD_EDB, "cannot evaluate \"%s\": %s", expr,
		    sqlite3_errmsg(h));
		sqlite3_finalize(st);
		return -1;
	}
	*constant = 1;
	switch (sqlite3_column_type(st, 0)) {
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		*value = sqlite3_column_double(st, 0);
		break;
	case SQLITE_TEXT: {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		char *end;
		double d = t != NULL ? strtod(t, &end) : NAN;

		*value = t != NULL && end != t && *end == '\0' ? d : NAN;
		break;
	}
	default:
		*value = NAN;
	}
	sqlite3_finalize(st);
	return 0;
}
