/*
 * fuzz-sqlexpr.c - the SQL expression translator of export
 * (export/sqlexpr.h): any text as a policy condition or amount over the
 * German credit table's columns, rewritten for each of the six dialects,
 * as a condition and as a number, with its literals and the columns it
 * reads collected.
 *
 * A property is checked where SQLite itself can judge: an expression
 * SQLite accepts (db_expr_check) whose SQLite translation as a number
 * succeeds must give a translation SQLite accepts too (unless it nests
 * past SQLite's parser limits), with the same value on every row (both NULL, or equal; db_expr_eval reads a
 * condition as 1 or 0, as the translation as a number writes it).  A
 * difference aborts: the export would decide otherwise than riskdesk.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "data/ds.h"
#include "desk/desk.h"
#include "export/sqlexpr.h"
#include "fuzz.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define GERMAN_ROWS 1000

static struct dataset *cols_ds;
static struct sqlx_column *cols;

static void
free_cols(void)
{
	free(cols);
	ds_free(cols_ds);
}

/* The German table's columns and their types (an empty load). */
static void
load_cols(struct desk *d)
{
	struct rd_err err;
	size_t k;

	if (cols != NULL)
		return;
	db_window_set(d->db, 1, 1);
	cols_ds = db_dataset_load(d->db, "german_credit", &err);
	db_window_clear(d->db);
	if (cols_ds == NULL) {
		fprintf(stderr, "fuzz: cannot read the columns: %s\n",
		    err.msg);
		abort();
	}
	cols = xcalloc(cols_ds->ncols, sizeof *cols);
	for (k = 0; k < cols_ds->ncols; k++) {
		cols[k].name = cols_ds->cols[k].name;
		cols[k].type = cols_ds->cols[k].type;
	}
	atexit(free_cols);
}

/* Abort unless expr and its SQLite translation sql agree on every row. */
static void
same_values(struct desk *d, const char *expr, const char *sql)
{
	const char *exprs[2] = { expr, sql };
	double *a = xcalloc(GERMAN_ROWS, sizeof *a);
	double *b = xcalloc(GERMAN_ROWS, sizeof *b);
	double *out[2] = { a, b };
	struct rd_err err;
	size_t i;

	rd_err_clear(&err);
	/* Only SQLite's limits on nesting may refuse what it accepted:
	   the translation nests deeper than its source. */
	if (db_expr_check(d->db, "german_credit", sql, &err) != 0 &&
	    strstr(err.msg, "parser stack overflow") == NULL &&
	    strstr(err.msg, "too large") == NULL) {
		fprintf(stderr, "fuzz: SQLite refuses the translation of "
		    "[%.400s]: [%.400s...]: %s\n", expr, sql, err.msg);
		abort();
	}
	if (err.cls == RD_OK && db_expr_eval(d->db, "german_credit", exprs,
	    2, out, GERMAN_ROWS, &err) == 0)
		for (i = 0; i < GERMAN_ROWS; i++)
			if (isnan(a[i]) != isnan(b[i]) ||
			    (!isnan(a[i]) && a[i] != b[i])) {
				fprintf(stderr, "fuzz: row %zu: [%s] is %.17g, "
				    "its translation [%.400s] %.17g\n", i + 1, expr,
				    a[i], sql, b[i]);
				abort();
			}
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fuzz_german();
	char *expr = fuzz_string(data, size);
	unsigned char *used;
	int dl, want;

	load_cols(d);
	used = xcalloc(cols_ds->ncols, 1);
	for (dl = 0; dl < SQLX_NDIALECTS; dl++)
		for (want = 0; want < 2; want++) {
			struct sqlx_literals lits = { NULL, 0 };
			struct rd_err err;
			char *sql;

			sql = sqlx_translate(expr, cols, cols_ds->ncols,
			    (enum sqlx_dialect)dl, want ? SQLX_NUMBER :
			    SQLX_CONDITION, &lits, used, &err);
			if (sql != NULL && dl == SQLX_SQLITE && want &&
			    db_expr_check(d->db, "german_credit", expr,
			    &err) == 0)
				same_values(d, expr, sql);
			free(sql);
			sqlx_literals_done(&lits);
		}
	free(used);
	free(expr);
	return 0;
}
