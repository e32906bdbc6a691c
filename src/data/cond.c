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

/*
 * Check the conditions a[na], then b[nb], with db_expr_check, in that
 * order: 0, or -1 with err as the first that fails sets it.
 */
static int
check_two(struct db *db, const char *table, const char *const *a,
	size_t na, const char *const *b, size_t nb, struct rd_err *err)
{
	size_t k;

	for (k = 0; k < na; k++)
		if (db_expr_check(db, table, a[k], err) != 0)
			return -1;
	for (k = 0; k < nb; k++)
		if (db_expr_check(db, table, b[k], err) != 0)
			return -1;
	return 0;
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

	if (check_two(db, table, conds_a, na, conds_b, nb, err) != 0)
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

void
cond_tally_add(struct cond_tally *t, unsigned char truth)
{
	t->fired += (truth & DB_TRUE) != 0;
	t->nul += (truth & DB_NULL) != 0;
	if (truth & DB_OTHER)
		t->other = 1;
}

/* Where cond_first_tally's rows go. */
struct tally_dest {
	const char *table;
	size_t na, nb, nval, nrows, seen;
	double *first_a, *first_b, **vals;
	struct cond_tally *tally;
	struct rd_err *err;
};

static int
tally_row(void *arg, size_t i, const double *v, const unsigned char *truth)
{
	struct tally_dest *d = arg;
	size_t k, nc = d->na + d->nb;

	if (i == d->nrows)
		return rd_err_set(d->err, RD_EINPUT, "table \"%s\" has more "
		    "than the expected %zu rows", d->table, d->nrows);
	/* CASE's answer: the index of the first true one, else -1. */
	for (k = 0; k < d->na && !(truth[k] & DB_TRUE); k++)
		;
	d->first_a[i] = k < d->na ? (double)k : -1;
	if (d->first_b != NULL) {
		for (k = 0; k < d->nb && !(truth[d->na + k] & DB_TRUE); k++)
			;
		d->first_b[i] = k < d->nb ? (double)k : -1;
	}
	/* As sim_policy_warnings counted them. */
	for (k = 0; k < nc; k++)
		cond_tally_add(&d->tally[k], truth[k]);
	for (k = 0; k < d->nval; k++)
		d->vals[k][i] = v[nc + k];
	d->seen = i + 1;
	return 0;
}

int
cond_first_tally(struct db *db, const char *table,
	const char *const *conds_a, size_t na, double *first_a,
	const char *const *conds_b, size_t nb, double *first_b,
	struct cond_tally *tally, const char *const *exprs, size_t nval,
	double **vals, size_t nrows, struct rd_err *err)
{
	struct tally_dest d;
	const char **all;
	size_t k, n = 0;
	int rc;

	if (check_two(db, table, conds_a, na, conds_b, nb, err) != 0)
		return -1;
	all = xcalloc(na + nb + nval + 1, sizeof *all);
	for (k = 0; k < na; k++)
		all[n++] = conds_a[k];
	for (k = 0; k < nb; k++)
		all[n++] = conds_b[k];
	for (k = 0; k < nval; k++)
		all[n++] = exprs[k];
	memset(&d, 0, sizeof d);
	d.table = table;
	d.na = na;
	d.nb = nb;
	d.nval = nval;
	d.nrows = nrows;
	d.first_a = first_a;
	d.first_b = first_b;
	d.vals = vals;
	d.tally = tally;
	d.err = err;
	rc = db_expr_scan_truth(db, table, all, n, na + nb, tally_row, &d,
	    err);
	free(all);
	if (rc != 0)
		return -1;
	if (d.seen != nrows)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has %zu rows, "
		    "expected %zu", table, d.seen, nrows);
	return 0;
}

int
cond_first_n(struct db *db, const char *table,
	const char *const *const *lists, const size_t *nlist,
	double *const *first, size_t nl, const char *const *exprs,
	size_t nval, double **vals, size_t nrows, struct rd_err *err)
{
	const char **all;
	double **out;
	char **cs;
	size_t *src, k, j, l, n = 0;
	int rc = -1;

	for (l = 0; l < nl; l++)
		for (k = 0; k < nlist[l]; k++)
			if (db_expr_check(db, table, lists[l][k], err) != 0)
				return -1;
	all = xcalloc(nl + nval + 1, sizeof *all);
	out = xcalloc(nl + nval + 1, sizeof *out);
	cs = xcalloc(nl + 1, sizeof *cs);
	/* src[l]: the list (or nl + k, the expression) whose values list l
	   (expression k) copies, or itself. */
	src = xcalloc(nl + nval + 1, sizeof *src);
	for (l = 0; l < nl; l++) {
		src[l] = l;
		if (nlist[l] == 0) {
			/* An empty list matches nothing: no CASE needed. */
			for (k = 0; k < nrows; k++)
				first[l][k] = -1;
			continue;
		}
		cs[l] = case_of(lists[l], nlist[l]);
		for (j = 0; j < l; j++)
			if (cs[j] != NULL && strcmp(cs[j], cs[l]) == 0)
				break;
		if (j < l) {
			src[l] = j;
			continue;
		}
		all[n] = cs[l];
		out[n++] = first[l];
	}
	for (k = 0; k < nval; k++) {
		src[nl + k] = nl + k;
		for (j = 0; j < k; j++)
			if (strcmp(exprs[j], exprs[k]) == 0)
				break;
		if (j < k) {
			src[nl + k] = nl + j;
			continue;
		}
		all[n] = exprs[k];
		out[n++] = vals[k];
	}
	if (n > 0 && db_expr_eval(db, table, all, n, out, nrows, err) < 0)
		goto out;
	for (l = 0; l < nl; l++)
		if (src[l] != l)
			memcpy(first[l], first[src[l]], nrows * sizeof **first);
	for (k = 0; k < nval; k++)
		if (src[nl + k] != nl + k)
			memcpy(vals[k], vals[src[nl + k] - nl], nrows *
			    sizeof **vals);
	rc = 0;
out:
	for (l = 0; l < nl; l++)
		free(cs[l]);
	free(cs);
	free(src);
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

/* ------------------------------------------------------ the row scan */

struct scan_state {
	size_t nko, nc, ncols;
	signed char *truth;
	unsigned char *null;
	int (*fn)(void *arg, const struct cond_row *row);
	void *arg;
};

static int
scan_row(void *arg, size_t i, const double *v)
{
	struct scan_state *ss = arg;
	struct cond_row r;
	size_t k, off = ss->nko > 0;

	r.row = i;
	r.ko = ss->nko > 0 && !isnan(v[0]) && v[0] >= 0 ? (long)v[0] : -1;
	for (k = 0; k < ss->nc; k++)
		ss->truth[k] = isnan(v[off + k]) ? -1 : v[off + k] != 0;
	for (k = 0; k < ss->ncols; k++)
		ss->null[k] = v[off + ss->nc + k] != 0;
	r.truth = ss->truth;
	r.null = ss->null;
	return ss->fn(ss->arg, &r);
}

int
cond_scan(struct db *db, const char *table,
	const char *const *kos, size_t nko,
	const char *const *conds, size_t nc,
	const char *const *cols, size_t ncols,
	int (*fn)(void *arg, const struct cond_row *row), void *arg,
	struct rd_err *err)
{
	struct scan_state ss;
	char **all;
	size_t k, n = 0, len;
	int rc;

	if (check_two(db, table, kos, nko, conds, nc, err) != 0)
		return -1;
	all = xcalloc(1 + nc + ncols, sizeof *all);
	if (nko > 0)
		all[n++] = case_of(kos, nko);
	/*
	 * NULL apart from false: a condition is evaluated a second time
	 * only on the rows where it is not true.
	 */
	for (k = 0; k < nc; k++) {
		len = 2 * strlen(conds[k]) + 64;
		all[n] = xmalloc(len);
		snprintf(all[n++], len, "CASE WHEN (%s) THEN 1 WHEN (%s) IS "
		    "NULL THEN NULL ELSE 0 END", conds[k], conds[k]);
	}
	for (k = 0; k < ncols; k++) {
		all[n] = db_ident_cat(NULL, cols[k]);
		all[n] = xrealloc(all[n], strlen(all[n]) + sizeof " IS NULL");
		strcat(all[n++], " IS NULL");
	}
	memset(&ss, 0, sizeof ss);
	ss.nko = nko;
	ss.nc = nc;
	ss.ncols = ncols;
	ss.truth = xcalloc(nc ? nc : 1, sizeof *ss.truth);
	ss.null = xcalloc(ncols ? ncols : 1, sizeof *ss.null);
	ss.fn = fn;
	ss.arg = arg;
	rc = db_expr_scan(db, table, (const char *const *)all, n, scan_row,
	    &ss, err);
	for (k = 0; k < n; k++)
		free(all[k]);
	free(all);
	free(ss.truth);
	free(ss.null);
	return rc;
}
