/*
 * check_data.c - Check tests of the data layer: the database module
 * (db.c: metadata, dataset loading, scorecards, read-only expressions) and
 * the CSV import (csv-import.c).
 *
 * Fixtures are files under tests/data/csv/ (read through srcpath) and the
 * bundled data/german_credit.csv; databases are scratch files in the
 * current (build) directory, removed by the fixtures' teardown.  Tests
 * assert stored values: they read back through db_dataset_load or through
 * SQLite directly, never only the import's own summary.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/colscan.h"
#include "data/csv-import.h"
#include "data/datefmt.h"
#include "data/cond.h"
#include "data/db.h"
#include "data/ds.h"
#include "util/err.h"

#include "testutil.h"
#include "testdb.h"

/* ------------------------------------------------------------- helpers */

/* Checked fixture: a fresh empty database per test (testdb.h). */
static void
fresh_setup(void)
{
	fresh_db_open("data");
}

static void
fresh_teardown(void)
{
	fresh_db_close();
}

/* 1: import_file fails on a row it would otherwise reject. */
static int import_strict;

/* Import tests/data/csv/<name> (or a path under the source tree). */
static int
import_file(struct db *db, const char *rel, const char *table,
	const char *target, const char *bad, const char *good, int replace,
	struct import_summary *sum, struct rd_err *err)
{
	struct import_spec spec;

	memset(&spec, 0, sizeof spec);
	spec.csv_path = srcpath(rel);
	spec.table = table;
	spec.target = target;
	spec.bad = bad;
	if (good != NULL) {
		spec.good[0] = good;
		spec.ngood = 1;
	}
	spec.replace = replace;
	spec.strict = import_strict;
	rd_err_clear(err);
	return csv_import(db, &spec, sum, err);
}

/* Import that must succeed; the summary is released. */
static void
import_ok(struct db *db, const char *rel, const char *table,
	const char *target, const char *bad, const char *good)
{
	struct import_summary sum;
	struct rd_err err;
	char buf[2048];

	ck_assert_msg(import_file(db, rel, table, target, bad, good, 0, &sum,
	    &err) == 0, "import %s: %s", rel, rd_err_format(&err, buf,
	    sizeof buf));
	import_summary_done(&sum);
}

/* The single integer a query returns. */
static long long
q_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The single text a query returns ("<NULL>" for NULL), in a static buffer. */
static const char *
q_text(struct db *db, const char *sql)
{
	static char buf[4][512];
	static int k;
	sqlite3_stmt *st;
	const unsigned char *t;

	k = (k + 1) % 4;
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	snprintf(buf[k], sizeof buf[k], "%s", t ? (const char *)t : "<NULL>");
	sqlite3_finalize(st);
	return buf[k];
}

static const char *
level_of(const struct dataset *ds, const char *col, size_t row)
{
	int j = ds_column_index(ds, col);
	int c;

	ck_assert_int_ge(j, 0);
	ck_assert_int_eq(ds->cols[j].type, DS_TEXT);
	c = ds->cols[j].code[row];
	return c < 0 ? NULL : ds->cols[j].levels[c];
}

static double
num_of(const struct dataset *ds, const char *col, size_t row)
{
	int j = ds_column_index(ds, col);

	ck_assert_int_ge(j, 0);
	ck_assert_int_ne(ds->cols[j].type, DS_TEXT);
	return ds->cols[j].num[row];
}

/*
 * Unchecked fixture (once per test case): the German credit data imported
 * into a scratch database that the checked fixture reopens per test.
 */
static char german_path[256];
static struct db *gdb;

static void
german_setup_once(void)
{
	struct db *db;
	struct rd_err err;

	snprintf(german_path, sizeof german_path, "%s", scratch_db("german"));
	db = db_open(german_path, &err);
	ck_assert_msg(db != NULL, "db_open: %s", err.msg);
	import_ok(db, "data/german_credit.csv", "german", "creditability",
	    "bad", NULL);
	db_close(db);
}

static void
german_teardown_once(void)
{
	unlink(german_path);
}

static void
german_setup(void)
{
	struct rd_err err;

	gdb = db_open(german_path, &err);
	ck_assert_msg(gdb != NULL, "db_open: %s", err.msg);
}

static void
german_teardown(void)
{
	db_close(gdb);
	gdb = NULL;
}

/* ======================================================== db: core */

START_TEST(test_db_meta_and_list)
{
	struct table_meta meta;
	struct rd_err err;
	char **names;

	ck_assert_int_eq(db_table_meta(gdb, "german", &meta, &err), 0);
	ck_assert_str_eq(meta.name, "german");
	ck_assert_str_eq(meta.target, "creditability");
	ck_assert_str_eq(meta.bad, "bad");
	ck_assert_str_eq(meta.good, "");
	ck_assert_str_eq(meta.source, srcpath("data/german_credit.csv"));
	ck_assert_int_eq(meta.rows, 1000);
	ck_assert_int_eq(meta.bads, 300);
	ck_assert_int_eq(meta.goods, 700);
	ck_assert_int_eq(meta.indeterminate, 0);
	table_meta_done(&meta);
	ck_assert_ptr_null(meta.name);

	names = db_table_list(gdb, &err);
	ck_assert_ptr_nonnull(names);
	ck_assert_str_eq(names[0], "german");
	ck_assert_ptr_null(names[1]);
	free(names[0]);
	free(names);
	ck_assert_str_eq(db_path(gdb), german_path);
}
END_TEST

START_TEST(test_db_dataset_columns)
{
	/* Only the named columns and the target, in table order, with the
	   same values as the whole load. */
	static const char *const want[] = { "housing", "age_in_years" };
	static const char *const bad[] = { "housing", "nope" };
	struct rd_err err;
	struct dataset *all, *ds;
	int a, h;
	size_t i;

	all = db_dataset_load(gdb, "german", &err);
	ck_assert_msg(all != NULL, "load: %s", err.msg);
	ds = db_dataset_load_columns(gdb, "german", want, 2, &err);
	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	ck_assert_uint_eq(ds->nrows, 1000);
	ck_assert_uint_eq(ds->ncols, 3);
	ck_assert_str_eq(ds->cols[0].name, "age_in_years");
	ck_assert_str_eq(ds->cols[1].name, "housing");
	ck_assert_str_eq(ds->cols[2].name, "creditability");
	ck_assert_int_eq(ds->target, 2);
	ck_assert_uint_eq(ds->nbad, 300);
	ck_assert_uint_eq(ds->ngood, 700);
	a = ds_column_index(all, "age_in_years");
	h = ds_column_index(all, "housing");
	ck_assert_uint_eq(ds->cols[1].nlevels, all->cols[h].nlevels);
	for (i = 0; i < 1000; i++) {
		ck_assert(ds->cols[0].num[i] == all->cols[a].num[i]);
		ck_assert_int_eq(ds->cols[1].code[i], all->cols[h].code[i]);
		ck_assert_int_eq(ds->y[i], all->y[i]);
		ck_assert_int_eq(ds->rowid[i], all->rowid[i]);
	}
	ds_free(ds);
	/* None named: the target alone. */
	ds = db_dataset_load_columns(gdb, "german", NULL, 0, &err);
	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	ck_assert_uint_eq(ds->ncols, 1);
	ck_assert_int_eq(ds->target, 0);
	ds_free(ds);
	ck_assert_ptr_null(db_dataset_load_columns(gdb, "german", bad, 2,
	    &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "table \"german\" has no column \"nope\"");
	ds_free(all);
}
END_TEST

START_TEST(test_db_dataset_german)
{
	struct rd_err err;
	struct dataset *ds;
	const struct ds_column *c;
	int j;

	ds = db_dataset_load(gdb, "german", &err);
	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	ck_assert_str_eq(ds->table, "german");
	ck_assert_uint_eq(ds->nrows, 1000);
	ck_assert_uint_eq(ds->ncols, 21);
	ck_assert_int_eq(ds->target, 20);
	ck_assert_str_eq(ds->cols[ds->target].name, "creditability");
	ck_assert_uint_eq(ds->nbad, 300);
	ck_assert_uint_eq(ds->ngood, 700);
	ck_assert_uint_eq(ds->nindet, 0);
	/* Rows 1 and 2 of the file: good, then bad. */
	ck_assert_int_eq(ds->y[0], DS_GOOD);
	ck_assert_int_eq(ds->y[1], DS_BAD);
	ck_assert_int_eq(ds->rowid[0], 1);
	ck_assert_int_eq(ds->rowid[999], 1000);

	/* Levels in byte order: '.' (0x2e) < '0' (0x30) < 'n'. */
	j = ds_column_index(ds, "status_of_existing_checking_account");
	ck_assert_int_eq(j, 0);
	c = &ds->cols[j];
	ck_assert_uint_eq(c->nlevels, 4);
	ck_assert_str_eq(c->levels[0], "... < 0 DM");
	ck_assert_str_eq(c->levels[1],
	    "... >= 200 DM / salary assignments for at least 1 year");
	ck_assert_str_eq(c->levels[2], "0 <= ... < 200 DM");
	ck_assert_str_eq(c->levels[3], "no checking account");
	ck_assert_int_eq(c->code[0], 0);
	ck_assert_int_eq(c->code[1], 2);
	ck_assert_uint_eq(c->nmissing, 0);

	/* Row 1, as in the file. */
	ck_assert_double_eq(num_of(ds, "duration_in_month", 0), 6);
	ck_assert_str_eq(level_of(ds, "credit_history", 0),
	    "critical account/ other credits existing (not at this bank)");
	ck_assert_str_eq(level_of(ds, "purpose", 0), "radio/television");
	ck_assert_double_eq(num_of(ds, "credit_amount", 0), 1169);
	ck_assert_double_eq(num_of(ds, "age_in_years", 0), 67);
	ck_assert_str_eq(level_of(ds, "telephone", 0),
	    "yes, registered under the customers name");
	ck_assert_str_eq(level_of(ds, "creditability", 0), "good");
	ck_assert_double_eq(num_of(ds, "credit_amount", 1), 5951);
	ck_assert_int_eq(ds->cols[ds_column_index(ds, "age_in_years")].type,
	    DS_INTEGER);
	ds_free(ds);
}
END_TEST

START_TEST(test_db_expr_check_ok)
{
	struct rd_err err;

	ck_assert_msg(db_expr_check(gdb, "german",
	    "age_in_years < 25 AND housing = 'rent'", &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(db_expr_check(gdb, "german", "credit_amount / "
	    "duration_in_month > 250.5 OR purpose IN ('car (new)', "
	    "'car (used)')", &err), 0);
	ck_assert_int_eq(db_expr_check(gdb, "german", "CASE WHEN "
	    "age_in_years IS NULL THEN 0 ELSE abs(age_in_years - 40) END",
	    &err), 0);
	/* Quotes hide ';', '--' and parentheses from the scan. */
	ck_assert_int_eq(db_expr_check(gdb, "german", "purpose = 'a; -- )'",
	    &err), 0);
}
END_TEST

/*
 * Functions: only those SQLite flags deterministic, and not printf() or
 * format(); 'now' and the clock functions without an argument are refused.
 */
START_TEST(test_db_expr_deterministic)
{
	static const char *const refused[][2] = {
		{ "random() > 0", "function random() is not allowed: "
		  "policy expressions must give the same result on every run" },
		{ "randomblob(4) = x'00'", "function randomblob() is not "
		  "allowed: policy expressions must give the same result on "
		  "every run" },
		{ "changes() = 0", "function changes() is not allowed: policy "
		  "expressions must give the same result on every run" },
		{ "last_insert_rowid() = 0", "function last_insert_rowid() is "
		  "not allowed: policy expressions must give the same result "
		  "on every run" },
		{ "total_changes() = 0", "function total_changes() is not "
		  "allowed: policy expressions must give the same result on "
		  "every run" },
		{ "sqlite_version() > '3'", "function sqlite_version() is not "
		  "allowed: policy expressions must give the same result on "
		  "every run" },
		{ "CURRENT_TIMESTAMP > '2000'", "function current_timestamp() "
		  "is not allowed: policy expressions must give the same "
		  "result on every run" },
		{ "date('now') > '2000'", "'now' is not allowed: policy "
		  "expressions must give the same result on every run" },
		{ "julianday(' Now ') > 0", "'now' is not allowed: policy "
		  "expressions must give the same result on every run" },
		{ "date () > '2000'", "date() without an argument is not "
		  "allowed: policy expressions must give the same result on "
		  "every run" },
		{ "printf('%.*c', 1000000000, 'x') = ''", "function printf() "
		  "is not allowed in an expression: its width can ask for any "
		  "amount of memory" },
		{ "sum(age_in_years) OVER () > 0",
		  "window functions are not allowed in an expression" },
	};
	static const char *const allowed[] = {
		"substr(housing, 1, 2) = 're' AND lower(housing) LIKE 'r%'",
		"upper(housing) GLOB 'R*' AND instr(housing, 'e') > 0",
		"trim(housing) = housing AND length(purpose) > 0",
		"char(65) = 'A' AND abs(age_in_years) = age_in_years",
		"round(credit_amount / 3.0) > 0 AND coalesce(age_in_years, 0)",
		"ifnull(age_in_years, 0) > iif(housing = 'rent', 20, 30)",
		"max(age_in_years, 30) > min(age_in_years, 30)",
		"date('2020-01-31', '+1 day') = '2020-02-01'",
		"purpose <> 'nowhere' AND purpose <> 'know'",
	};
	struct rd_err err;
	size_t i;

	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		rd_err_clear(&err);
		ck_assert_msg(db_expr_check(gdb, "german", refused[i][0], &err)
		    == -1, "accepted %s", refused[i][0]);
		ck_assert_int_eq(err.cls, RD_EINPUT);
		ck_assert_str_eq(err.msg, refused[i][1]);
	}
	for (i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		ck_assert_msg(db_expr_check(gdb, "german", allowed[i], &err)
		    == 0, "%s: %s", allowed[i], err.msg);
}
END_TEST

START_TEST(test_db_expr_eval_german)
{
	static const char *const ex[] = { "age_in_years < 25 AND "
	    "housing = 'rent'", "credit_amount * 1.5", "purpose" };
	double *out[3];
	struct rd_err err;
	size_t i, n = 1000, young_renters = 0;

	for (i = 0; i < 3; i++)
		out[i] = malloc(n * sizeof **out);
	ck_assert_msg(db_expr_eval(gdb, "german", ex, 3, out, n, &err) == 0,
	    "%s", err.msg);
	for (i = 0; i < n; i++) {
		ck_assert(out[0][i] == 0 || out[0][i] == 1);
		young_renters += out[0][i] == 1;
		ck_assert(isnan(out[2][i]));	/* text, not a number */
	}
	/* Cross-check against SQLite counting the same rows. */
	ck_assert_int_eq((long long)young_renters, q_int(gdb, "SELECT "
	    "count(*) FROM german WHERE age_in_years < 25 AND housing = "
	    "'rent'"));
	ck_assert_int_gt(young_renters, 0);
	/* credit_amount of rows 1 and 2: 1169 * 1.5, 5951 * 1.5. */
	ck_assert_double_eq_tol(out[1][0], 1753.5, 1e-9);
	ck_assert_double_eq_tol(out[1][1], 8926.5, 1e-9);
	for (i = 0; i < 3; i++)
		free(out[i]);
}
END_TEST

/*
 * cond_first_n with four lists (two policies' knock-outs and segments,
 * the second pair the first's text again) and expressions, one written
 * twice: each list and expression as cond_first gives it alone, the
 * repeated ones copied.
 */
START_TEST(test_cond_first_n)
{
	static const char *const ko[] = { "credit_amount > 12000",
	    "age_in_years < 21" };
	static const char *const seg[] = { "housing = 'rent'",
	    "NULL", "age_in_years < 30" };
	static const char *const ex[] = { "credit_amount * 0.9",
	    "duration_in_month", "credit_amount * 0.9" };
	const char *const *lists[4] = { ko, seg, ko, seg };
	size_t nlist[4] = { 2, 3, 2, 0 }, i, k, n = 1000;
	double *first[4], *v[3], *k1, *s1, *w[3];
	struct rd_err err;

	for (k = 0; k < 4; k++)
		first[k] = malloc(n * sizeof **first);
	for (k = 0; k < 3; k++) {
		v[k] = malloc(n * sizeof **v);
		w[k] = malloc(n * sizeof **w);
	}
	k1 = malloc(n * sizeof *k1);
	s1 = malloc(n * sizeof *s1);
	ck_assert_msg(cond_first_n(gdb, "german", lists, nlist, first, 4, ex,
	    3, v, n, &err) == 0, "%s", err.msg);
	ck_assert_msg(cond_first(gdb, "german", ko, 2, k1, seg, 3, s1, ex, 3,
	    w, n, &err) == 0, "%s", err.msg);
	for (i = 0; i < n; i++) {
		ck_assert(first[0][i] == k1[i] && first[2][i] == k1[i]);
		ck_assert(first[1][i] == s1[i]);
		ck_assert(first[3][i] == -1);
		for (k = 0; k < 3; k++)
			ck_assert(v[k][i] == w[k][i]);
	}
	for (k = 0; k < 4; k++)
		free(first[k]);
	for (k = 0; k < 3; k++) {
		free(v[k]);
		free(w[k]);
	}
	free(k1);
	free(s1);
}
END_TEST

START_TEST(test_db_scorecard)
{
	struct rd_err err;
	char *body;

	ck_assert_int_eq(db_scorecard_put(gdb, "card-a", "german",
	    "{\"pdo\": 20}", &err), 0);
	body = db_scorecard_get(gdb, "card-a", &err);
	ck_assert_str_eq(body, "{\"pdo\": 20}");
	free(body);
	/* A second put of the same name replaces the first. */
	ck_assert_int_eq(db_scorecard_put(gdb, "card-a", "german2",
	    "{\"pdo\": 40}", &err), 0);
	body = db_scorecard_get(gdb, "card-a", &err);
	ck_assert_str_eq(body, "{\"pdo\": 40}");
	free(body);
	ck_assert_int_eq(q_int(gdb, "SELECT count(*) FROM rd_scorecard"), 1);
	ck_assert_str_eq(q_text(gdb, "SELECT population FROM rd_scorecard"),
	    "german2");
}
END_TEST

/* Row i of a made-up augmented set: every field a function of i. */
static void
infer_row_of(const void *ctx, size_t i, struct db_infer_row *r)
{
	(void)ctx;
	r->src = (int64_t)(3 * i + 1);
	r->reject = i % 3 == 0;
	r->bad = i % 5 == 0;
	r->weight = 1 + (double)i / 7;
}

START_TEST(test_db_inference_rows)
{
	/* Stored 64 to an INSERT, the rest one at a time: 3 x 64 + 5
	   rows read back as written, in order; a second put of the name
	   replaces them; n = 0 and n below 64 as well. */
	static const size_t ns[] = { 197, 5, 0, 64 };
	struct db_infer_row *rows, want;
	size_t n, i, k;
	struct rd_err err;

	for (k = 0; k < sizeof ns / sizeof ns[0]; k++) {
		ck_assert_int_eq(db_inference_put_rows(gdb, "inf-a", "kgb",
		    "german", "fuzzy", "{}", "{\"pdo\": 20}", infer_row_of,
		    NULL, ns[k], &err), 0);
		ck_assert_int_eq(db_inference_rows(gdb, "inf-a", &rows, &n,
		    &err), 0);
		ck_assert_uint_eq(n, ns[k]);
		for (i = 0; i < n; i++) {
			infer_row_of(NULL, i, &want);
			ck_assert_int_eq(rows[i].src, want.src);
			ck_assert_int_eq(rows[i].reject, want.reject);
			ck_assert_int_eq(rows[i].bad, want.bad);
			ck_assert(rows[i].weight == want.weight);
		}
		free(rows);
		ck_assert_int_eq(q_int(gdb, "SELECT count(*) FROM "
		    "rd_infer_row"), (int)ns[k]);
	}
}
END_TEST

/* ======================================================== db: edge */

START_TEST(test_db_expr_eval_nulls)
{
	static const char *const ex[] = { "score", "score > 1", "id * 2",
	    "note IS NULL", "name" };
	double *out[5];
	struct rd_err err;
	size_t i;

	import_ok(cur_db, "tests/data/csv/tiny.csv", "tiny", NULL, NULL,
	    NULL);
	for (i = 0; i < 5; i++)
		out[i] = malloc(5 * sizeof **out);
	ck_assert_msg(db_expr_eval(cur_db, "tiny", ex, 5, out, 5, &err) == 0,
	    "%s", err.msg);
	/* score: 2.385, -0.5, N/A, 1e3, 7 */
	ck_assert_double_eq(out[0][0], 2.385);
	ck_assert_double_eq(out[0][1], -0.5);
	ck_assert(isnan(out[0][2]));
	ck_assert_double_eq(out[0][3], 1000);
	ck_assert_double_eq(out[0][4], 7);
	/* comparison with NULL is NULL -> NaN */
	ck_assert_double_eq(out[1][0], 1);
	ck_assert_double_eq(out[1][1], 0);
	ck_assert(isnan(out[1][2]));
	ck_assert_double_eq(out[2][4], 10);
	/* note: plain, two lines, ?, NULL, x */
	ck_assert_double_eq(out[3][0], 0);
	ck_assert_double_eq(out[3][2], 1);
	ck_assert_double_eq(out[3][3], 1);
	ck_assert_double_eq(out[3][4], 0);
	for (i = 0; i < 5; i++) {
		ck_assert(isnan(out[4][i]));
		free(out[i]);
	}
}
END_TEST

/*
 * Text that is not a number, counted on the masked rows only.  tiny.csv's
 * name column: "Smith, John", "say "hi"", NA, "", "spaced" (rows 1-5;
 * NA and the empty field import as NULL); score: 2.385, -0.5, N/A (NULL),
 * 1e3, 7.
 */
START_TEST(test_db_expr_text_rows)
{
	static const unsigned char all[5] = { 1, 1, 1, 1, 1 };
	static const unsigned char some[5] = { 0, 1, 0, 1, 1 };
	struct rd_err err;
	size_t count;
	char *first;

	import_ok(cur_db, "tests/data/csv/tiny.csv", "tiny", NULL, NULL,
	    NULL);
	ck_assert_msg(db_expr_text_rows(cur_db, "tiny", "name", all, 5,
	    &count, &first, &err) == 0, "%s", err.msg);
	/* NULL is not text: rows 1, 2 and 5. */
	ck_assert_uint_eq(count, 3);
	ck_assert_str_eq(first, "Smith, John");
	free(first);
	ck_assert_int_eq(db_expr_text_rows(cur_db, "tiny", "name", some, 5,
	    &count, &first, &err), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(first, "say \"hi\"");
	free(first);
	/* Numbers are not counted. */
	ck_assert_int_eq(db_expr_text_rows(cur_db, "tiny", "score", all, 5,
	    &count, &first, &err), 0);
	ck_assert_uint_eq(count, 0);
	ck_assert_ptr_null(first);
}
END_TEST

START_TEST(test_db_levels_byte_order)
{
	struct rd_err err;
	struct dataset *ds;
	const struct ds_column *k;

	import_ok(cur_db, "tests/data/csv/levels.csv", "lv", NULL, NULL,
	    NULL);
	ds = db_dataset_load(cur_db, "lv", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_int_eq(ds->target, -1);
	ck_assert_ptr_null(ds->y);
	k = &ds->cols[0];
	/* rows b, B, a, e-acute (0xc3 0xa9), b, empty: byte order puts
	 * 'B' (0x42) before 'a' (0x61) and UTF-8 after ASCII. */
	ck_assert_uint_eq(k->nlevels, 4);
	ck_assert_str_eq(k->levels[0], "B");
	ck_assert_str_eq(k->levels[1], "a");
	ck_assert_str_eq(k->levels[2], "b");
	ck_assert_str_eq(k->levels[3], "\xc3\xa9");
	ck_assert_int_eq(k->code[0], 2);
	ck_assert_int_eq(k->code[1], 0);
	ck_assert_int_eq(k->code[2], 1);
	ck_assert_int_eq(k->code[3], 3);
	ck_assert_int_eq(k->code[4], 2);
	ck_assert_int_eq(k->code[5], -1);
	ck_assert_uint_eq(k->nmissing, 1);
	ck_assert_int_eq(ds_level_code(k, "b"), 2);
	ds_free(ds);
}
END_TEST

START_TEST(test_db_rowid_column)
{
	static const char *const ex[] = { "rowid" };
	double v[3], *out[1] = { v };
	struct rd_err err;
	struct dataset *ds;

	/* A column called rowid shadows SQLite's rowid; rows still come in
	 * insertion order. */
	import_ok(cur_db, "tests/data/csv/rowid-col.csv", "r", NULL, NULL,
	    NULL);
	ds = db_dataset_load(cur_db, "r", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nrows, 3);
	ck_assert_int_eq(ds->rowid[0], 1);
	ck_assert_int_eq(ds->rowid[2], 3);
	ck_assert_double_eq(num_of(ds, "rowid", 0), 30);
	ck_assert_double_eq(num_of(ds, "rowid", 2), 10);
	ck_assert_str_eq(level_of(ds, "v", 0), "a");
	ck_assert_str_eq(level_of(ds, "v", 2), "c");
	ds_free(ds);
	ck_assert_int_eq(db_expr_eval(cur_db, "r", ex, 1, out, 3, &err), 0);
	ck_assert_double_eq(v[0], 30);
	ck_assert_double_eq(v[2], 10);
}
END_TEST

/*
 * A table with an index that covers the columns read: SQLite scans the
 * index (rows in its order, c b a's a b c) for a plain SELECT, but a
 * dataset's rows are the table's in rowid order, whatever the path the
 * read takes (rd_load_row on a table NOT INDEXED).
 */
START_TEST(test_db_read_rowid_order)
{
	static const char *const want[] = { "v" };
	sqlite3_stmt *st;
	struct rd_err err;
	struct dataset *ds;

	import_ok(cur_db, "tests/data/csv/rowid-order.csv", "q", NULL, NULL,
	    NULL);
	ck_assert_int_eq(sqlite3_exec(db_sqlite(cur_db), "CREATE INDEX q_v "
	    "ON q(v)", NULL, NULL, NULL), SQLITE_OK);
	/* The trap: the index's order. */
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(cur_db), "SELECT "
	    "group_concat(rowid) FROM q", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "3,2,1");
	sqlite3_finalize(st);
	ds = db_dataset_load_columns(cur_db, "q", want, 1, &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nrows, 3);
	ck_assert_int_eq(ds->rowid[0], 1);
	ck_assert_int_eq(ds->rowid[1], 2);
	ck_assert_int_eq(ds->rowid[2], 3);
	ck_assert_str_eq(level_of(ds, "v", 0), "c");
	ck_assert_str_eq(level_of(ds, "v", 1), "b");
	ck_assert_str_eq(level_of(ds, "v", 2), "a");
	ds_free(ds);
}
END_TEST

START_TEST(test_db_empty_table)
{
	struct rd_err err;
	struct dataset *ds;

	import_ok(cur_db, "tests/data/csv/header-only.csv", "h", NULL, NULL,
	    NULL);
	ds = db_dataset_load(cur_db, "h", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nrows, 0);
	ck_assert_uint_eq(ds->ncols, 2);
	ck_assert_int_eq(ds->cols[0].type, DS_TEXT);
	ck_assert_uint_eq(ds->cols[0].nlevels, 0);
	ds_free(ds);
}
END_TEST

START_TEST(test_db_ident_cat)
{
	char *s = db_ident_cat(NULL, "a\"b");

	ck_assert_str_eq(s, "\"a\"\"b\"");
	s = db_ident_cat(s, "");
	ck_assert_str_eq(s, "\"a\"\"b\"\"\"");
	free(s);
}
END_TEST

/* ====================================================== db: errors */

START_TEST(test_db_expr_unknown_column)
{
	struct rd_err err;

	ck_assert_int_eq(db_expr_check(gdb, "german", "foo < 3 AND "
	    "age_in_years > 1", &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "unknown column \"foo\" in expression");
}
END_TEST

START_TEST(test_db_expr_injection)
{
	static const char *const bad[] = {
		"1); DROP TABLE german; --",
		"1) FROM german; DROP TABLE german; --",
		"1; DELETE FROM german",
		"age_in_years -- comment",
		"age_in_years /* comment */",
		"(age_in_years",
	};
	struct rd_err err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(db_expr_check(gdb, "german", bad[i], &err) == -1,
		    "accepted: %s", bad[i]);
		ck_assert_int_eq(err.cls, RD_EINPUT);
	}
	ck_assert_int_eq(db_expr_check(gdb, "german",
	    "1); DROP TABLE german; --", &err), -1);
	ck_assert_str_eq(err.msg, "unbalanced ')' at column 2 of expression");
	ck_assert_int_eq(q_int(gdb, "SELECT count(*) FROM german"), 1000);
}
END_TEST

START_TEST(test_db_expr_subquery)
{
	static const char *const bad[] = {
		"(SELECT 1)",
		"age_in_years IN (SELECT age_in_years FROM german)",
		"EXISTS (SELECT 1 FROM rd_table)",
		"(SELECT count(*) FROM sqlite_master) > 0",
	};
	struct rd_err err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(db_expr_check(gdb, "german", bad[i], &err) == -1,
		    "accepted: %s", bad[i]);
		ck_assert_int_eq(err.cls, RD_EINPUT);
	}
	ck_assert_int_eq(db_expr_check(gdb, "german", "(SELECT 1)", &err),
	    -1);
	ck_assert_str_eq(err.msg, "sub-queries are not allowed in an "
	    "expression");
}
END_TEST

START_TEST(test_db_expr_other_errors)
{
	struct rd_err err;
	double v[4], *out[1] = { v };
	const char *ex[1];

	/* An aggregate would collapse the rows. */
	ck_assert_int_eq(db_expr_check(gdb, "german", "sum(age_in_years)",
	    &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(db_expr_check(gdb, "german", "age_in_years <", &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(db_expr_check(gdb, "german", "  ", &err), -1);
	ck_assert_str_eq(err.msg, "empty expression");
	ck_assert_int_eq(db_expr_check(gdb, "german", "1, 2", &err), -1);
	ck_assert_int_eq(db_expr_check(gdb, "german", "purpose = 'car", &err),
	    -1);
	ck_assert_str_eq(err.msg, "expected a closing ' for the ' at column "
	    "11 of expression, found the end");
	ck_assert_int_eq(db_expr_check(gdb, "german", "age_in_years = ?",
	    &err), -1);
	ck_assert_str_eq(err.msg, "expected values in the expression, found "
	    "a parameter");
	ck_assert_int_eq(db_expr_check(gdb, "nosuch", "1", &err), -1);
	ck_assert_str_eq(err.msg, "unknown table \"nosuch\"");
	/* Row count mismatch. */
	ex[0] = "age_in_years";
	ck_assert_int_eq(db_expr_eval(gdb, "german", ex, 1, out, 4, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ex[0] = "nope";
	ck_assert_int_eq(db_expr_eval(gdb, "german", ex, 1, out, 4, &err), -1);
	ck_assert_str_eq(err.msg, "unknown column \"nope\" in expression");
}
END_TEST

START_TEST(test_db_load_errors)
{
	struct rd_err err;
	struct table_meta meta;

	ck_assert_ptr_null(db_dataset_load(gdb, "nosuch", &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "no imported table named \"nosuch\"");
	ck_assert_int_eq(db_table_meta(gdb, "rd_table", &meta, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_null(db_scorecard_get(gdb, "none", &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "no scorecard named \"none\" in the database");
}
END_TEST

START_TEST(test_db_open_error)
{
	struct rd_err err;

	/* A directory cannot be opened as a database: said so, a file
	   system error (status 4, as a database error). */
	ck_assert_ptr_null(db_open(".", &err));
	ck_assert_int_eq(err.cls, RD_EIO);
	ck_assert_str_eq(err.msg, "cannot open database .: it is a directory; "
	    "name a database file (e.g. ./riskdesk.db)");
	/* A file that cannot be made is the file system's error. */
	ck_assert_ptr_null(db_open("no/such/dir/x.db", &err));
	ck_assert_int_eq(err.cls, RD_EIO);
	ck_assert_str_eq(err.msg, "cannot create database no/such/dir/x.db: "
	    "No such file or directory");
}
END_TEST

/* db_open_existing never creates the file; it opens one that exists. */
START_TEST(test_db_open_existing)
{
	const char *path = scratch_db("existing");
	char want[512];
	struct rd_err err;
	struct db *db;

	ck_assert_ptr_null(db_open_existing(path, &err));
	ck_assert_int_eq(err.cls, RD_EIO);
	ck_assert_str_eq(err.file, "");
	snprintf(want, sizeof want, "cannot open database %s: No such file "
	    "or directory", path);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(access(path, F_OK), -1);
	db = db_open(path, &err);
	ck_assert_ptr_nonnull(db);
	db_close(db);
	db = db_open_existing(path, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	db_close(db);
	unlink(path);
}
END_TEST

/* =================================================== csv_import: core */

START_TEST(test_csv_german)
{
	static const char *const integer[] = { "duration_in_month",
	    "credit_amount",
	    "installment_rate_in_percentage_of_disposable_income",
	    "present_residence_since", "age_in_years",
	    "number_of_existing_credits_at_this_bank",
	    "number_of_people_being_liable_to_provide_maintenance_for" };
	struct import_summary sum;
	struct rd_err err;
	size_t j, k;

	ck_assert_msg(import_file(cur_db, "data/german_credit.csv", "g",
	    "creditability", "bad", NULL, 0, &sum, &err) == 0, "%s",
	    err.msg);
	ck_assert_uint_eq(sum.rows_read, 1000);
	ck_assert_uint_eq(sum.rows_imported, 1000);
	ck_assert_uint_eq(sum.rows_rejected, 0);
	ck_assert_uint_eq(sum.bads, 300);
	ck_assert_uint_eq(sum.goods, 700);
	ck_assert_uint_eq(sum.indeterminate, 0);
	ck_assert_uint_eq(sum.ncolumns, 21);
	ck_assert_str_eq(sum.columns[3].name, "purpose");
	for (j = 0; j < sum.ncolumns; j++) {
		enum import_type want = IMPORT_TEXT;

		for (k = 0; k < sizeof integer / sizeof integer[0]; k++)
			if (strcmp(sum.columns[j].name, integer[k]) == 0)
				want = IMPORT_INTEGER;
		ck_assert_msg(sum.columns[j].type == want, "column %s",
		    sum.columns[j].name);
		ck_assert_uint_eq(sum.columns[j].missing, 0);
	}
	import_summary_done(&sum);

	/* Stored types and values, read back through SQLite. */
	ck_assert_str_eq(q_text(cur_db, "SELECT type FROM pragma_table_info("
	    "'g') WHERE name = 'duration_in_month'"), "INTEGER");
	ck_assert_str_eq(q_text(cur_db, "SELECT type FROM pragma_table_info("
	    "'g') WHERE name = 'credit_amount'"), "INTEGER");
	ck_assert_str_eq(q_text(cur_db, "SELECT type FROM pragma_table_info("
	    "'g') WHERE name = 'purpose'"), "TEXT");
	ck_assert_str_eq(q_text(cur_db, "SELECT typeof(credit_amount) FROM g "
	    "WHERE rowid = 1"), "integer");
	ck_assert_str_eq(q_text(cur_db, "SELECT telephone FROM g WHERE "
	    "rowid = 1"), "yes, registered under the customers name");
	/* CR LF: the last column holds no '\r'. */
	ck_assert_str_eq(q_text(cur_db, "SELECT creditability FROM g WHERE "
	    "rowid = 1"), "good");
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM g WHERE "
	    "instr(creditability, char(13)) > 0 OR instr(status_of_existing_"
	    "checking_account, char(13)) > 0"), 0);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM g WHERE "
	    "creditability = 'bad'"), 300);
	ck_assert_str_eq(q_text(cur_db, "SELECT status_of_existing_checking_"
	    "account || '|' || duration_in_month || '|' || purpose || '|' || "
	    "age_in_years FROM g WHERE rowid = 1"),
	    "... < 0 DM|6|radio/television|67");
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM g"), 1000);
	ck_assert_int_eq(q_int(cur_db, "SELECT bads FROM rd_table WHERE "
	    "name = 'g'"), 300);
}
END_TEST

START_TEST(test_csv_tiny)
{
	struct import_summary sum;
	struct rd_err err;
	struct dataset *ds;

	ck_assert_msg(import_file(cur_db, "tests/data/csv/tiny.csv", "tiny",
	    "flag", "bad", "good", 0, &sum, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(sum.rows_read, 5);
	/* flag: good, bad, unknown, good, (empty): with good = "good" the
	 * unknown and the missing value are indeterminate. */
	ck_assert_uint_eq(sum.bads, 1);
	ck_assert_uint_eq(sum.goods, 2);
	ck_assert_uint_eq(sum.indeterminate, 2);
	ck_assert_int_eq(sum.columns[0].type, DS_INTEGER);
	ck_assert_int_eq(sum.columns[1].type, DS_TEXT);
	ck_assert_int_eq(sum.columns[2].type, DS_REAL);
	ck_assert_int_eq(sum.columns[3].type, DS_TEXT);
	ck_assert_int_eq(sum.columns[4].type, DS_TEXT);
	ck_assert_uint_eq(sum.columns[0].missing, 0);
	ck_assert_uint_eq(sum.columns[1].missing, 2);	/* NA, empty */
	ck_assert_uint_eq(sum.columns[2].missing, 1);	/* N/A */
	ck_assert_uint_eq(sum.columns[3].missing, 1);	/* empty */
	ck_assert_uint_eq(sum.columns[4].missing, 2);	/* ?, NULL */
	import_summary_done(&sum);

	ck_assert_str_eq(q_text(cur_db, "SELECT name FROM tiny WHERE id = 1"),
	    "Smith, John");
	ck_assert_str_eq(q_text(cur_db, "SELECT name FROM tiny WHERE id = 2"),
	    "say \"hi\"");
	ck_assert_str_eq(q_text(cur_db, "SELECT note FROM tiny WHERE id = 2"),
	    "line one\nline two");
	/* Blanks inside an unquoted field are kept. */
	ck_assert_str_eq(q_text(cur_db, "SELECT name FROM tiny WHERE id = 5"),
	    "  spaced  ");
	/* The last line had no newline and is imported. */
	ck_assert_str_eq(q_text(cur_db, "SELECT note FROM tiny WHERE id = 5"),
	    "x");
	ck_assert_str_eq(q_text(cur_db, "SELECT typeof(score) FROM tiny "
	    "WHERE id = 4"), "real");
	ck_assert_str_eq(q_text(cur_db, "SELECT typeof(score) FROM tiny "
	    "WHERE id = 5"), "real");
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM tiny WHERE "
	    "name IS NULL"), 2);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM tiny WHERE "
	    "score IS NULL"), 1);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM tiny WHERE "
	    "note IS NULL"), 2);
	ck_assert_str_eq(q_text(cur_db, "SELECT good FROM rd_table WHERE "
	    "name = 'tiny'"), "good");

	ds = db_dataset_load(cur_db, "tiny", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nbad, 1);
	ck_assert_uint_eq(ds->ngood, 2);
	ck_assert_uint_eq(ds->nindet, 2);
	ck_assert_int_eq(ds->y[0], DS_GOOD);
	ck_assert_int_eq(ds->y[1], DS_BAD);
	ck_assert_int_eq(ds->y[2], DS_INDET);
	ck_assert_int_eq(ds->y[3], DS_GOOD);
	ck_assert_int_eq(ds->y[4], DS_INDET);
	ck_assert_double_eq_tol(num_of(ds, "score", 0), 2.385, 1e-12);
	ck_assert(isnan(num_of(ds, "score", 2)));
	ck_assert_uint_eq(ds->cols[2].nmissing, 1);
	ck_assert_ptr_null(level_of(ds, "name", 2));
	ds_free(ds);
}
END_TEST

START_TEST(test_csv_good_default)
{
	struct import_summary sum;
	struct rd_err err;
	struct dataset *ds;

	/* No good values: every non-missing value but "bad" is good. */
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/tiny.csv", "t2",
	    "flag", "bad", NULL, 0, &sum, &err), 0);
	ck_assert_uint_eq(sum.bads, 1);
	ck_assert_uint_eq(sum.goods, 3);
	ck_assert_uint_eq(sum.indeterminate, 1);
	import_summary_done(&sum);
	ds = db_dataset_load(cur_db, "t2", &err);
	ck_assert_ptr_nonnull(ds);
	ck_assert_uint_eq(ds->nbad, 1);
	ck_assert_uint_eq(ds->ngood, 3);
	ck_assert_uint_eq(ds->nindet, 1);
	ck_assert_int_eq(ds->y[2], DS_GOOD);
	ds_free(ds);
}
END_TEST

START_TEST(test_csv_bom_crlf)
{
	struct import_summary sum;
	struct rd_err err;

	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/bom-crlf.csv",
	    "b", NULL, NULL, NULL, 0, &sum, &err), 0);
	ck_assert_str_eq(sum.columns[0].name, "x");
	ck_assert_uint_eq(sum.rows_read, 3);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text(cur_db, "SELECT y FROM b WHERE x = 1"), "a");
	ck_assert_str_eq(q_text(cur_db, "SELECT y FROM b WHERE x = 2"),
	    "b\r\nc");
	ck_assert_str_eq(q_text(cur_db, "SELECT y FROM b WHERE x = 3"), "d");
	ck_assert_str_eq(q_text(cur_db, "SELECT typeof(x) FROM b LIMIT 1"),
	    "integer");
}
END_TEST

/* =================================================== csv_import: edge */

START_TEST(test_csv_header_injection)
{
	struct import_summary sum;
	struct rd_err err;

	import_ok(cur_db, "tests/data/csv/small.csv", "x", NULL, NULL, NULL);
	ck_assert_int_eq(import_file(cur_db,
	    "tests/data/csv/inject-header.csv", "inj", NULL, NULL, NULL, 0,
	    &sum, &err), 0);
	ck_assert_str_eq(sum.columns[0].name, "a\"b; DROP TABLE x");
	import_summary_done(&sum);
	ck_assert_int_eq(q_int(cur_db, "SELECT \"a\"\"b; DROP TABLE x\" FROM "
	    "inj"), 1);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM x"), 2);
	ck_assert_str_eq(q_text(cur_db, "SELECT name FROM pragma_table_info("
	    "'inj') WHERE cid = 0"), "a\"b; DROP TABLE x");
}
END_TEST

START_TEST(test_csv_replace)
{
	struct import_summary sum;
	struct rd_err err;

	import_ok(cur_db, "tests/data/csv/tiny.csv", "t", "flag", "bad",
	    NULL);
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/small.csv", "t",
	    NULL, NULL, NULL, 1, &sum, &err), 0);
	import_summary_done(&sum);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM t"), 2);
	ck_assert_str_eq(q_text(cur_db, "SELECT name FROM t WHERE id = 11"),
	    "newer");
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM rd_table"), 1);
	ck_assert_str_eq(q_text(cur_db, "SELECT target FROM rd_table"),
	    "<NULL>");
	ck_assert_int_eq(q_int(cur_db, "SELECT rows FROM rd_table"), 2);
	ck_assert_str_eq(q_text(cur_db, "SELECT source FROM rd_table"),
	    srcpath("tests/data/csv/small.csv"));
}
END_TEST

START_TEST(test_csv_header_only)
{
	struct import_summary sum;
	struct rd_err err;

	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/header-only.csv",
	    "h", "b", "1", NULL, 0, &sum, &err), 0);
	ck_assert_uint_eq(sum.rows_read, 0);
	ck_assert_uint_eq(sum.ncolumns, 2);
	ck_assert_int_eq(sum.columns[1].type, DS_TEXT);
	ck_assert_uint_eq(sum.bads + sum.goods + sum.indeterminate, 0);
	import_summary_done(&sum);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM h"), 0);
}
END_TEST

START_TEST(test_csv_int_edges)
{
	struct import_summary sum;
	struct import_type_opt real = { "over", IMPORT_REAL };
	struct import_spec spec;
	struct rd_err err;

	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/int-edge.csv",
	    "ie", NULL, NULL, NULL, 0, &sum, &err), 0);
	/* INT64_MAX and INT64_MIN fit; INT64_MAX + 1 (line 2) among two
	 * integers is rejected with its row, never a reason to round the
	 * column to reals; a column of markers only is TEXT. */
	ck_assert_int_eq(sum.columns[0].type, DS_INTEGER);
	ck_assert_int_eq(sum.columns[1].type, DS_INTEGER);
	ck_assert_int_eq(sum.columns[2].type, DS_TEXT);
	ck_assert_uint_eq(sum.rows_imported, 2);
	ck_assert_uint_eq(sum.rows_rejected, 1);
	ck_assert_int_eq(sum.reject_line, 2);
	ck_assert_str_eq(sum.reject_reason, "column \"over\" (field 2): "
	    "expected an integer, found \"9223372036854775808\", past the "
	    "64-bit range of an integer (--type over=text keeps its digits)");
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "column \"over\": 1 value is an "
	    "integer past the 64-bit range (\"9223372036854775808\" at line "
	    "2): its row is rejected, to rd_reject, rather than the column "
	    "rounded to real numbers; --type over=real reads it as numbers, "
	    "rounded, --type over=text keeps the column's digits as text");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text(cur_db, "SELECT big FROM ie WHERE rowid = 1"),
	    "-9223372036854775808");

	/* Asked for with --type over=real: stored as a real, and said. */
	memset(&spec, 0, sizeof spec);
	spec.csv_path = srcpath("tests/data/csv/int-edge.csv");
	spec.table = "ie";
	spec.replace = 1;
	spec.types = &real;
	spec.ntypes = 1;
	ck_assert_int_eq(csv_import(cur_db, &spec, &sum, &err), 0);
	ck_assert_int_eq(sum.columns[1].type, DS_REAL);
	ck_assert_uint_eq(sum.rows_imported, 3);
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "column \"over\": 1 integer past "
	    "the 64-bit range (\"9223372036854775808\" at line 2) is stored "
	    "as a real number, rounded to about 16 significant digits; --type "
	    "over=text keeps the column's digits as text");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text(cur_db, "SELECT big FROM ie WHERE rowid = 1"),
	    "9223372036854775807");
	ck_assert_str_eq(q_text(cur_db, "SELECT big FROM ie WHERE rowid = 2"),
	    "-9223372036854775808");
	ck_assert_str_eq(q_text(cur_db, "SELECT typeof(over) FROM ie WHERE "
	    "rowid = 1"), "real");
	/* 2^63 is a double exactly. */
	ck_assert_int_eq(q_int(cur_db, "SELECT over = 9.223372036854775808e18 "
	    "FROM ie WHERE rowid = 1"), 1);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM ie WHERE miss "
	    "IS NULL"), 3);
}
END_TEST

START_TEST(test_csv_numeric_target)
{
	struct import_summary sum;
	struct rd_err err;
	struct dataset *ds;

	/* y holds "01", 0, 1 and "": one number in three written with a
	 * leading zero among numbers of different widths, so y is INTEGER
	 * and "01" is 1, the bad value, with a warning that says so and
	 * names --type y=text.  Rows: 01 bad, 0 good, 1 bad, "" missing;
	 * the summary and the loaded dataset agree. */
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/num-target.csv",
	    "nt", "y", "1", NULL, 0, &sum, &err), 0);
	ck_assert_int_eq(sum.columns[1].type, DS_INTEGER);
	ck_assert_uint_eq(sum.bads, 2);
	ck_assert_uint_eq(sum.goods, 1);
	ck_assert_uint_eq(sum.indeterminate, 1);
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "column \"y\": 1 of 3 values are "
	    "written with a leading zero (e.g. \"01\"): read as numbers "
	    "(\"01\" is 1); to keep them as text, import with --type y=text");
	import_summary_done(&sum);
	ck_assert_int_eq(q_int(cur_db, "SELECT y FROM nt WHERE x = 1"), 1);
	ds = db_dataset_load(cur_db, "nt", &err);
	ck_assert_ptr_nonnull(ds);
	ck_assert_uint_eq(ds->nbad, 2);
	ck_assert_uint_eq(ds->ngood, 1);
	ck_assert_uint_eq(ds->nindet, 1);
	ck_assert_int_eq(ds->y[0], DS_BAD);
	ck_assert_int_eq(ds->y[1], DS_GOOD);
	ck_assert_int_eq(ds->y[2], DS_BAD);
	ck_assert_int_eq(ds->y[3], DS_INDET);
	ds_free(ds);
}
END_TEST

/* ================================================= csv_import: errors */

/* The database holds no user table and no metadata row. */
static void
assert_db_empty(struct db *db)
{
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name NOT LIKE 'rd\\_%' ESCAPE '\\'"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM rd_table"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM rd_reject"), 0);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM rd_special"), 0);
}

/* Import rel expecting failure; returns the formatted message. */
static const char *
import_fails(const char *rel, const char *target, enum rd_err_class cls,
	struct rd_err *err)
{
	static char buf[2048];
	struct import_summary sum;

	ck_assert_int_eq(import_file(cur_db, rel, "bad", target, "bad", NULL,
	    0, &sum, err), -1);
	ck_assert_int_eq(err->cls, cls);
	ck_assert_ptr_null(sum.columns);
	assert_db_empty(cur_db);
	return rd_err_format(err, buf, sizeof buf);
}

static void
assert_located(const struct rd_err *err, const char *rel, long line,
	long col, const char *msg)
{
	ck_assert_str_eq(err->file, srcpath(rel));
	ck_assert_int_eq(err->line, line);
	ck_assert_int_eq(err->col, col);
	ck_assert_str_eq(err->msg, msg);
}

START_TEST(test_csv_field_count)
{
	struct rd_err err;
	const char *s;
	char want[1200];

	struct import_summary sum;

	/* Without strict the record goes to rd_reject with its line and raw
	 * text; the others are imported. */
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/badcount.csv",
	    "soft", NULL, NULL, NULL, 0, &sum, &err), 0);
	ck_assert_uint_eq(sum.rows_rejected, 1);
	ck_assert_uint_eq(sum.rows_imported, sum.rows_read - 1);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text(cur_db, "SELECT line || '|' || raw || '|' || "
	    "reason FROM rd_reject WHERE tbl = 'soft'"),
	    "5|7,8|expected 3 fields, found 2");
	ck_assert_int_eq(sqlite3_exec(db_sqlite(cur_db), "DROP TABLE soft; "
	    "DELETE FROM rd_table; DELETE FROM rd_reject", NULL, NULL, NULL),
	    SQLITE_OK);

	/* Record "7,8" starts on physical line 5: the quoted field of
	 * record 3 spans lines 3 and 4. */
	import_strict = 1;
	s = import_fails("tests/data/csv/badcount.csv", NULL, RD_EINPUT, &err);
	assert_located(&err, "tests/data/csv/badcount.csv", 5, 0,
	    "expected 3 fields, found 2");
	snprintf(want, sizeof want, "%s:5: expected 3 fields, found 2",
	    srcpath("tests/data/csv/badcount.csv"));
	ck_assert_str_eq(s, want);
}
END_TEST

START_TEST(test_csv_exists)
{
	struct import_summary sum;
	struct rd_err err;

	import_ok(cur_db, "tests/data/csv/tiny.csv", "t", NULL, NULL, NULL);
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/small.csv", "t",
	    NULL, NULL, NULL, 0, &sum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_str_eq(err.msg, "table \"t\" exists; use --replace or "
	    "--append");
	/* SQLite table names ignore ASCII case. */
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/small.csv", "T",
	    NULL, NULL, NULL, 0, &sum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM t"), 5);
	ck_assert_str_eq(q_text(cur_db, "SELECT name FROM t WHERE id = 1"),
	    "Smith, John");
	ck_assert_int_eq(q_int(cur_db, "SELECT rows FROM rd_table WHERE "
	    "name = 't'"), 5);
}
END_TEST

START_TEST(test_csv_rollback_after_drop)
{
	struct import_summary sum;
	struct rd_err err;

	/* Fail at the very end of pass 2 (the metadata write), after the old
	 * table was dropped and the new one filled: all of it rolls back. */
	import_ok(cur_db, "tests/data/csv/tiny.csv", "t", "flag", "bad",
	    NULL);
	ck_assert_int_eq(sqlite3_exec(db_sqlite(cur_db), "CREATE TRIGGER stop "
	    "BEFORE INSERT ON rd_table BEGIN SELECT RAISE(ABORT, 'blocked'); "
	    "END", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(import_file(cur_db, "tests/data/csv/small.csv", "t",
	    NULL, NULL, NULL, 1, &sum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EDB);
	ck_assert_str_eq(err.msg, "cannot write table metadata: blocked");
	ck_assert_int_eq(q_int(cur_db, "SELECT count(*) FROM t"), 5);
	ck_assert_str_eq(q_text(cur_db, "SELECT note FROM t WHERE id = 2"),
	    "line one\nline two");
	ck_assert_str_eq(q_text(cur_db, "SELECT target FROM rd_table WHERE "
	    "name = 't'"), "flag");
	ck_assert_int_eq(sqlite3_get_autocommit(db_sqlite(cur_db)), 1);
}
END_TEST

START_TEST(test_csv_header_errors)
{
	struct rd_err err;

	import_fails("tests/data/csv/empty.csv", NULL, RD_EINPUT, &err);
	assert_located(&err, "tests/data/csv/empty.csv", 1, 0,
	    "expected a header line, found an empty file: no header line and "
	    "no data rows");
	import_fails("tests/data/csv/tiny.csv", "nosuch", RD_EINPUT, &err);
	assert_located(&err, "tests/data/csv/tiny.csv", 1, 0,
	    "expected target column \"nosuch\" in the header, found no such "
	    "column; the columns are \"id\", \"name\", \"score\", "
	    "\"flag\", \"note\"");
}
END_TEST

START_TEST(test_csv_quote_errors)
{
	struct rd_err err;

	/* 3,"x"y: the 'y' at column 6 follows a closing quote. */
	import_fails("tests/data/csv/bad-quote.csv", NULL, RD_EINPUT, &err);
	assert_located(&err, "tests/data/csv/bad-quote.csv", 3, 6,
	    "expected ',' or end of line after a closing quote, found 'y'");
	/* The record opening a quote on line 3 (column 3) never closes
	 * it: the error is where the quoted field starts. */
	import_fails("tests/data/csv/unterminated.csv", NULL, RD_EINPUT, &err);
	assert_located(&err, "tests/data/csv/unterminated.csv", 3, 3,
	    "expected a closing '\"' for the quoted field opened here, found "
	    "end of file (unterminated quoted field)");
}
END_TEST

/*
 * Write a CSV under the current directory whose records straddle the
 * importer's 64 KiB read blocks: header, 3000 records of 40 bytes (line
 * 10 opens a quoted field closed on line 11), then last_line.
 */
static const char *
write_long_csv(const char *last_line)
{
	static char path[256];
	FILE *fp;
	int i;

	snprintf(path, sizeof path, "scratch-long-%ld.csv", (long)getpid());
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "a,b\n");
	for (i = 2; i <= 3001; i++) {
		if (i == 10)
			fprintf(fp, "%d,\"%034d\n", i, 0);
		else if (i == 11)
			fprintf(fp, "%034d\"\n", 0);
		else
			fprintf(fp, "%04d,%034d\n", i, 0);
	}
	fputs(last_line, fp);
	fclose(fp);
	return path;
}

START_TEST(test_csv_block_boundaries)
{
	struct import_summary sum;
	struct import_spec spec;
	struct rd_err err;
	char *line;

	memset(&spec, 0, sizeof spec);
	spec.table = "long";
	spec.strict = 1;
	/* The file is about 120 KB: the field-count error on line 3002 lies
	 * past the first block. */
	spec.csv_path = write_long_csv("1,2,3\n");
	ck_assert_int_eq(csv_import(cur_db, &spec, &sum, &err), -1);
	ck_assert_int_eq(err.line, 3002);
	ck_assert_str_eq(err.msg, "expected 2 fields, found 3");
	/* A 70000-byte line spans two blocks: the column still counts from
	 * the line's start ('y' after 70000 + 4 bytes). */
	line = malloc(70010);
	memset(line, 'A', 70000);
	strcpy(line + 70000, ",\"x\"y\n");
	spec.csv_path = write_long_csv(line);
	free(line);
	ck_assert_int_eq(csv_import(cur_db, &spec, &sum, &err), -1);
	ck_assert_int_eq(err.line, 3002);
	ck_assert_int_eq(err.col, 70005);
	assert_db_empty(cur_db);
	/* And a good long file imports every record. */
	spec.csv_path = write_long_csv("");
	ck_assert_int_eq(csv_import(cur_db, &spec, &sum, &err), 0);
	ck_assert_uint_eq(sum.rows_read, 2999);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text(cur_db, "SELECT b FROM long WHERE rowid = 9"),
	    "0000000000000000000000000000000000\n"
	    "0000000000000000000000000000000000");
	ck_assert_int_eq(q_int(cur_db, "SELECT a FROM long WHERE rowid = "
	    "2999"), 3001);
	unlink(spec.csv_path);
}
END_TEST

START_TEST(test_csv_io_and_usage_errors)
{
	struct import_summary sum;
	struct import_spec spec;
	struct rd_err err;

	import_fails("tests/data/csv/no-such-file.csv", NULL, RD_EIO, &err);
	ck_assert_str_eq(err.file, srcpath("tests/data/csv/no-such-file.csv"));
	memset(&spec, 0, sizeof spec);
	spec.csv_path = srcpath("tests/data/csv/tiny.csv");
	spec.table = "rd_table";
	ck_assert_int_eq(csv_import(cur_db, &spec, &sum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	spec.table = "t";
	spec.target = "flag";
	ck_assert_int_eq(csv_import(cur_db, &spec, &sum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	assert_db_empty(cur_db);
}
END_TEST

/* ------------------------------------------------------------- suites */

/* ============================================ datefmt: date layouts */

/* Every conversion, read and rewritten in ISO form. */
START_TEST(test_datefmt_parse)
{
	struct datefmt_tm tm;
	char iso[DATEFMT_ISO_MAX];

	ck_assert_int_eq(datefmt_parse("%d/%m/%Y", "7/3/2023", 8, &tm), 1);
	ck_assert_int_eq(tm.y, 2023);
	ck_assert_int_eq(tm.m, 3);
	ck_assert_int_eq(tm.d, 7);
	datefmt_iso(&tm, 0, iso);
	ck_assert_str_eq(iso, "2023-03-07");
	ck_assert_int_eq(datefmt_parse("%d-%b-%Y", "05-jan-2024", 11, &tm),
	    1);
	datefmt_iso(&tm, 0, iso);
	ck_assert_str_eq(iso, "2024-01-05");
	ck_assert_int_eq(datefmt_parse("%B %d, %Y", "February 29, 2024", 17,
	    &tm), 1);
	datefmt_iso(&tm, 0, iso);
	ck_assert_str_eq(iso, "2024-02-29");
	/* 2023 is no leap year; April has 30 days; month 13, hour 24. */
	ck_assert_int_eq(datefmt_parse("%d/%m/%Y", "29/02/2023", 10, &tm), 0);
	ck_assert_int_eq(datefmt_parse("%d/%m/%Y", "31/04/2023", 10, &tm), 0);
	ck_assert_int_eq(datefmt_parse("%m/%d/%Y", "13/01/2023", 10, &tm), 0);
	ck_assert_int_eq(datefmt_parse("%Y-%m-%d %H:%M", "2023-01-01 24:00",
	    16, &tm), 0);
	/* The whole text, nothing more, nothing less. */
	ck_assert_int_eq(datefmt_parse("%Y-%m-%d", "2023-01-01x", 11, &tm), 0);
	ck_assert_int_eq(datefmt_parse("%Y-%m-%d", "23-01-01", 8, &tm), 0);
	/* %y: 69-99 are 1969-1999, 00-68 2000-2068 (POSIX). */
	ck_assert_int_eq(datefmt_parse("%d.%m.%y", "01.02.68", 8, &tm), 1);
	ck_assert_int_eq(tm.y, 2068);
	ck_assert_int_eq(datefmt_parse("%d.%m.%y", "01.02.69", 8, &tm), 1);
	ck_assert_int_eq(tm.y, 1969);
	/* Time of day, %% and the date-time form. */
	ck_assert_int_eq(datefmt_parse("%Y%m%d %H%%%M%%%S", "20230704 9%05%07",
	    16, &tm), 1);
	datefmt_iso(&tm, 1, iso);
	ck_assert_str_eq(iso, "2023-07-04 09:05:07");
	ck_assert_int_eq(datefmt_has_time("%d/%m/%Y"), 0);
	ck_assert_int_eq(datefmt_has_time("%d/%m/%Y %H:%M"), 1);
}
END_TEST

START_TEST(test_datefmt_check_and_iso)
{
	char why[160];
	struct datefmt_tm tm;
	int t;

	ck_assert_int_eq(datefmt_check("%d/%m/%Y", why, sizeof why), 0);
	ck_assert_int_eq(datefmt_check("%d/%m", why, sizeof why), -1);
	ck_assert_str_eq(why, "no year (%Y or %y)");
	ck_assert_int_eq(datefmt_check("%Y-%d", why, sizeof why), -1);
	ck_assert_str_eq(why, "no month (%m, %b or %B)");
	ck_assert_int_eq(datefmt_check("%Y-%m-%q", why, sizeof why), -1);
	ck_assert_str_eq(why, "unknown conversion %q (known: %Y %y %m %b %B "
	    "%d %H %M %S %%)");
	ck_assert_int_eq(datefmt_check("%Y-%m-%d%", why, sizeof why), -1);
	ck_assert_str_eq(why, "a lone '%' at the end");
	ck_assert_int_eq(datefmt_is_iso("2023-02-28"), 1);
	ck_assert_int_eq(datefmt_is_iso("2023-02-30"), 0);
	ck_assert_int_eq(datefmt_is_iso("2023-2-28"), 0);
	ck_assert_int_eq(datefmt_is_iso("2023-02-28 23:59:59"), 1);
	ck_assert_int_eq(datefmt_is_iso("2023-02-28T23:59:59"), 1);
	ck_assert_int_eq(datefmt_is_iso("28/02/2023"), 0);
	/* The ISO layouts mixed; the day-first/month-first pairs. */
	ck_assert_int_eq(datefmt_parse_iso("2023-01-05T10:11", 16, &tm, &t),
	    1);
	ck_assert_int_eq(t, 1);
	ck_assert_int_eq(tm.M, 11);
	ck_assert_int_eq(datefmt_parse_iso("2023-01-05", 10, &tm, &t), 1);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(datefmt_auto_twin(6), 7);
	ck_assert_str_eq(datefmt_auto[6], "%d/%m/%Y");
	ck_assert_str_eq(datefmt_auto[7], "%m/%d/%Y");
	ck_assert_int_eq(datefmt_auto_twin(9), 8);
	ck_assert_int_eq(datefmt_auto_twin(0), -1);
}
END_TEST

/* ISO 8601 UTC offsets (ISO 8601-1:2019, 4.3.13): "Z", +hh:mm, +hhmm,
   +hh; the offset is seconds east of UTC, so UTC = written - offset. */
#define ZONED(s, tm, t, off) \
	datefmt_parse_iso_zoned((s), strlen(s), (tm), (t), (off))
START_TEST(test_datefmt_zoned)
{
	struct datefmt_tm tm;
	int t;
	long off = 99;

	ck_assert_int_eq(ZONED("2024-03-01 08:00:00", &tm, &t, &off), 1);
	ck_assert_int_eq(off, 0);
	ck_assert_int_eq(ZONED("2024-03-01T08:00:00Z", &tm, &t, &off), 1);
	ck_assert_int_eq(off, 0);
	ck_assert_int_eq(tm.H, 8);
	ck_assert_int_eq(t, 1);
	/* +01:30 = 1 * 3600 + 30 * 60 = 5400 s east. */
	ck_assert_int_eq(ZONED("2024-03-01T08:00:00+01:30", &tm, &t, &off),
	    1);
	ck_assert_int_eq(off, 5400);
	/* -0530 = -(5 * 3600 + 30 * 60) = -19800. */
	ck_assert_int_eq(ZONED("2024-03-01T08:00-0530", &tm, &t, &off), 1);
	ck_assert_int_eq(off, -19800);
	ck_assert_int_eq(tm.M, 0);
	ck_assert_int_eq(ZONED("2024-03-01 23:59:59+14", &tm, &t, &off), 1);
	ck_assert_int_eq(off, 50400);
	/* Refused: no time before the offset, hours past 14, minutes past
	   59, a bad form, a bad date. */
	ck_assert_int_eq(ZONED("2024-03-01Z", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("2024-03-01+01:00", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("2024-03-01T08:00+15:00", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("2024-03-01T08:00+01:60", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("2024-03-01T08:00+1:00", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("2024-02-30T08:00Z", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("Z", &tm, &t, &off), 0);
	ck_assert_int_eq(ZONED("+01:00", &tm, &t, &off), 0);
}
END_TEST

/* ======================================= colscan: sentinels, codes, ids */

/*
 * Sentinels by hand (thresholds of colscan_default: 5 rows and 1 % at
 * least; far 0.5, nines 0.1 of the rest's range).  income: 95 values
 * 1000, 1100, ..., 10400 and -999 five times (n = 100, share 5 / 100 =
 * 5 %): negative where the rest is not (sign).  The other cases are
 * worked out beside each.
 */
/* Two summaries hold the same: counts, tails, cuts, and while the column
   has few values the same values with the same counts (in any order). */
static void
same_colscan(const struct colscan *a, const struct colscan *b)
{
	size_t i, k;

	ck_assert_uint_eq(a->n, b->n);
	ck_assert_int_eq(a->all_int, b->all_int);
	ck_assert_int_eq(a->many, b->many);
	ck_assert_uint_eq(a->nlo, b->nlo);
	ck_assert_uint_eq(a->nhi, b->nhi);
	ck_assert(a->lo_cut == b->lo_cut && a->hi_cut == b->hi_cut);
	for (i = 0; i < a->nlo; i++) {
		ck_assert(a->lo[i].v == b->lo[i].v);
		ck_assert_uint_eq(a->lo[i].count, b->lo[i].count);
	}
	for (i = 0; i < a->nhi; i++) {
		ck_assert(a->hi[i].v == b->hi[i].v);
		ck_assert_uint_eq(a->hi[i].count, b->hi[i].count);
	}
	if (a->many)
		return;
	ck_assert_uint_eq(a->nfew, b->nfew);
	for (i = 0; i < a->nfew; i++) {
		for (k = 0; k < b->nfew; k++)
			if (b->few[k].v == a->few[i].v)
				break;
		ck_assert_uint_lt(k, b->nfew);
		ck_assert_uint_eq(a->few[i].count, b->few[k].count);
	}
}

/*
 * colscan_add_count(s, x, c) leaves the summary of c calls of
 * colscan_add(s, x): over columns of 3, 16, 17 and 40 distinct values
 * (the few, the first beyond them, many), -999 and 9999 among them,
 * whole and not, each value's rows added one at a time in a shuffled
 * order against each value once with its count, in ascending,
 * descending and the engine's order (the 8 smallest, the 8 largest,
 * then one value between with the count of all between).
 */
START_TEST(test_colscan_add_count)
{
	static const size_t ndist[] = { 3, 16, 17, 40 };
	double v[40], x[2000];
	size_t cnt[40], d, i, k, n, t, between;
	unsigned seed = 2385;
	struct colscan one, up, down, eng;

	for (t = 0; t < 2 * sizeof ndist / sizeof *ndist; t++) {
		d = ndist[t / 2];
		for (k = 0; k < d; k++) {
			v[k] = k == 0 ? -999 : k == d - 1 ? 9999 :
			    12.5 * (double)k + (t % 2 ? 0.385 : 0);
			cnt[k] = 1 + (k * 7 + t) % 23;
		}
		for (k = 0, n = 0; k < d; k++)
			for (i = 0; i < cnt[k]; i++)
				x[n++] = v[k];
		for (i = n - 1; i > 0; i--) {
			double tmp;

			seed = seed * 1103515245u + 12345u;
			k = (seed >> 8) % (i + 1);
			tmp = x[i];
			x[i] = x[k];
			x[k] = tmp;
		}
		colscan_init(&one);
		for (i = 0; i < n; i++)
			colscan_add(&one, x[i]);
		colscan_init(&up);
		colscan_init(&down);
		for (k = 0; k < d; k++) {
			colscan_add_count(&up, v[k], cnt[k]);
			colscan_add_count(&down, v[d - 1 - k], cnt[d - 1 - k]);
		}
		colscan_add_count(&up, NAN, 4);
		colscan_add_count(&up, 2.385, 0);
		same_colscan(&one, &up);
		same_colscan(&one, &down);
		if (d <= COLSCAN_FEW)
			continue;
		colscan_init(&eng);
		for (k = 0, between = n; k < COLSCAN_TAIL; k++) {
			colscan_add_count(&eng, v[k], cnt[k]);
			colscan_add_count(&eng, v[d - 1 - k], cnt[d - 1 - k]);
			between -= cnt[k] + cnt[d - 1 - k];
		}
		colscan_add_count(&eng, v[COLSCAN_TAIL], between);
		same_colscan(&one, &eng);
	}
}
END_TEST

START_TEST(test_colscan_sentinels)
{
	struct colscan s;
	struct colscan_sentinel g[2];
	char buf[1024];
	double x[200];
	size_t i, n;

	colscan_init(&s);
	for (i = 0; i < 95; i++)
		colscan_add(&s, 1000 + 100.0 * (double)i);
	for (i = 0; i < 5; i++)
		colscan_add(&s, -999);
	colscan_add(&s, NAN);
	ck_assert_uint_eq(s.n, 100);
	ck_assert_uint_eq(colscan_sentinels(&s, &colscan_default, g), 1);
	ck_assert_int_eq(g[0].high, 0);
	ck_assert_uint_eq(g[0].nv, 1);
	ck_assert_double_eq(g[0].v[0], -999);
	ck_assert_uint_eq(g[0].count, 5);
	ck_assert_double_eq_tol(g[0].share, 0.05, 1e-15);
	ck_assert_double_eq(g[0].rest_lo, 1000);
	ck_assert_double_eq(g[0].rest_hi, 10400);
	ck_assert_int_eq(g[0].why, COLSCAN_SIGN);
	ck_assert_str_eq(colscan_sentinel_text(buf, sizeof buf, "income",
	    &g[0]), "column \"income\": -999 (5 rows, 5.00% of the values) "
	    "is negative where no other value is (1000 to 10400); if it "
	    "stands for something else (missing, not applicable), declare "
	    "it: --special income=-999");
	/* The same values in an array, in another order: the same group. */
	for (i = 0; i < 100; i++)
		x[i] = i < 5 ? -999 : 1000 + 100.0 * (double)(99 - i);
	ck_assert_uint_eq(colscan_sentinels_array(x, 100, &colscan_default,
	    g), 1);
	ck_assert_double_eq(g[0].v[0], -999);
	ck_assert_uint_eq(g[0].count, 5);

	/* age 18..77 once each, 99 five times: gap 99 - 77 = 22 >= 0.1 x
	 * (77 - 18) = 5.9, nines, high end. */
	for (i = 0, n = 0; i < 60; i++)
		x[n++] = 18 + (double)i;
	for (i = 0; i < 5; i++)
		x[n++] = 99;
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    1);
	ck_assert_int_eq(g[0].high, 1);
	ck_assert_int_eq(g[0].why, COLSCAN_NINES);
	ck_assert_double_eq(g[0].rest_lo, 18);
	ck_assert_double_eq(g[0].rest_hi, 77);

	/* Months 0..59 with 96 three times and 98 four times: 96 alone is
	 * too few (3 < 5); {96, 98} hold 7 of 67 and stand 96 - 59 = 37 >=
	 * 0.1 x 59 above the rest. */
	for (i = 0, n = 0; i < 60; i++)
		x[n++] = (double)i;
	for (i = 0; i < 3; i++)
		x[n++] = 96;
	for (i = 0; i < 4; i++)
		x[n++] = 98;
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    1);
	ck_assert_uint_eq(g[0].nv, 2);
	ck_assert_double_eq(g[0].v[0], 96);
	ck_assert_double_eq(g[0].v[1], 98);
	ck_assert_uint_eq(g[0].count, 7);
	ck_assert_str_eq(colscan_sentinel_values(buf, sizeof buf, &g[0]),
	    "96,98");

	/* Far: 0..29 and 5000 in 6 of 36 values: 5000 - 29 >= 0.5 x 29. */
	for (i = 0, n = 0; i < 30; i++)
		x[n++] = (double)i;
	for (i = 0; i < 6; i++)
		x[n++] = 5000;
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    1);
	ck_assert_int_eq(g[0].why, COLSCAN_FAR);

	/* Not sentinels: 5000 in 2 rows only (2 < 5); a cap (100 in 10 of
	 * 100 rows, 11 above a rest 0..89: 11 < 0.5 x 89); zeros under
	 * counts 1..9 (gap 1 < 0.5 x 8); MARRIAGE-like codes 0..3 (a rest
	 * of three values is no spread: far needs 10). */
	for (i = 0, n = 0; i < 50; i++)
		x[n++] = (double)i;
	x[n++] = 5000;
	x[n++] = 5000;
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    0);
	for (i = 0, n = 0; i < 90; i++)
		x[n++] = (double)(i % 100);
	for (i = 0; i < 10; i++)
		x[n++] = 100;
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    0);
	for (i = 0, n = 0; i < 100; i++)
		x[n++] = i < 70 ? 0 : (double)(i % 9 + 1);
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    0);
	for (i = 0, n = 0; i < 100; i++)
		x[n++] = (double)(i % 4);
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    0);
}
END_TEST

/* Both ends at once, each judged against the rest without the other. */
START_TEST(test_colscan_sentinels_both_ends)
{
	struct colscan_sentinel g[2];
	double x[120];
	size_t i, n = 0;

	/* -1 six times, 9999 six times, 0..99 once each (n = 112). */
	for (i = 0; i < 6; i++) {
		x[n++] = -1;
		x[n++] = 9999;
	}
	for (i = 0; i < 100; i++)
		x[n++] = (double)i;
	ck_assert_uint_eq(colscan_sentinels_array(x, n, &colscan_default, g),
	    2);
	ck_assert_int_eq(g[0].high, 0);
	ck_assert_double_eq(g[0].v[0], -1);
	ck_assert_double_eq(g[0].rest_hi, 99);
	ck_assert_int_eq(g[1].high, 1);
	ck_assert_double_eq(g[1].v[0], 9999);
	ck_assert_double_eq(g[1].rest_lo, 0);
	ck_assert_double_eq(g[1].rest_hi, 99);
}
END_TEST

START_TEST(test_colscan_codes)
{
	struct colscan s;
	double v[COLSCAN_FEW];
	char buf[512];
	size_t i, nv;

	/* EDUCATION-like 0..6 over 70 values: codes, values ascending. */
	colscan_init(&s);
	for (i = 0; i < 70; i++)
		colscan_add(&s, (double)((i * 3) % 7));
	ck_assert_int_eq(colscan_codes(&s, &colscan_default, v, &nv), 1);
	ck_assert_uint_eq(nv, 7);
	ck_assert_double_eq(v[0], 0);
	ck_assert_double_eq(v[6], 6);
	ck_assert_str_eq(colscan_codes_text(buf, sizeof buf, "EDUCATION", v,
	    nv, 0), "column \"EDUCATION\" holds 7 distinct whole numbers (0, "
	    "1, 2, 3, 4, 5, 6): if they are codes rather than quantities, "
	    "import with --type EDUCATION=text to class them as categories");
	/* Too few values (19 < 20), too many levels (11 > 10), not whole,
	 * one level. */
	colscan_init(&s);
	for (i = 0; i < 19; i++)
		colscan_add(&s, (double)(i % 2));
	ck_assert_int_eq(colscan_codes(&s, &colscan_default, v, &nv), 0);
	colscan_init(&s);
	for (i = 0; i < 110; i++)
		colscan_add(&s, (double)(i % 11));
	ck_assert_int_eq(colscan_codes(&s, &colscan_default, v, &nv), 0);
	colscan_init(&s);
	for (i = 0; i < 40; i++)
		colscan_add(&s, 0.5 + (double)(i % 2));
	ck_assert_int_eq(colscan_codes(&s, &colscan_default, v, &nv), 0);
	colscan_init(&s);
	for (i = 0; i < 40; i++)
		colscan_add(&s, 3);
	ck_assert_int_eq(colscan_codes(&s, &colscan_default, v, &nv), 0);
	/* The summary keeps exact counts of the extremes beyond its few. */
	colscan_init(&s);
	for (i = 0; i < 1000; i++)
		colscan_add(&s, (double)(i % 250));
	ck_assert_int_eq(s.many, 1);
	ck_assert_double_eq(s.lo[0].v, 0);
	ck_assert_uint_eq(s.lo[0].count, 4);
	ck_assert_double_eq(s.hi[0].v, 249);
	ck_assert_double_eq(s.hi[7].v, 242);
	ck_assert_uint_eq(s.hi[7].count, 4);
}
END_TEST

START_TEST(test_colscan_identifier)
{
	struct colscan_idfacts f;
	char note[256] = "";

	memset(&f, 0, sizeof f);
	f.kind = COLSCAN_INTEGER;
	f.name = "ID";
	f.rows = f.present = f.distinct = 30000;
	f.consecutive = 1;
	f.min = 1;
	f.max = 30000;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: row number 1..30,000");
	/* A short run 1..8 is a row number only in a column named like an
	   id or not named at all; an amount 1..8 in 8 rows is data. */
	f.rows = f.present = f.distinct = 8;
	f.max = 8;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: row number 1..8");
	f.name = "amount";
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.unnamed = 1;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	f.unnamed = 0;
	/* R's row names of a batch of two, 9001 and 9004: not consecutive,
	   under the 20 rows uniqueness needs, yet an empty header cell
	   over distinct values is a key; an unnamed column of a file
	   without a header (ages 25, 40) is not. */
	f.consecutive = 0;
	f.rows = f.present = f.distinct = 2;
	f.min = 9001;
	f.max = 9004;
	f.unnamed = 1;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.empty_name = 1;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: unnamed column (row names), 2 "
	    "distinct values");
	f.distinct = 1;		/* 9001 twice: not a key */
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.unnamed = f.empty_name = 0;
	f.consecutive = 1;
	f.min = 1;
	f.max = 8;
	f.rows = f.present = f.distinct = 8;
	/* Consecutive from elsewhere: in a column named like an id, or
	   over 100 rows; 25 ages 21..45 sorted in the file are ages. */
	f.name = "age";
	f.rows = f.present = f.distinct = 19;
	f.min = 21;
	f.max = 39;
	f.distinct = 0;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.rows = f.present = 25;
	f.max = 45;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.name = "app_no";
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: consecutive numbers 21..45 in "
	    "file order");
	f.name = "age";
	f.rows = f.present = 99;
	f.max = 119;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.rows = f.present = 100;
	f.max = 120;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: consecutive numbers 21..120 in "
	    "file order");
	/* Unique text: 950 of 1,000 is nearly unique, 949 is not. */
	f.kind = COLSCAN_TEXT;
	f.consecutive = 0;
	f.rows = 1010;
	f.present = 1000;
	f.distinct = 950;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: 950 distinct values in 1,010 "
	    "rows");
	f.distinct = 949;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	/* Text most of whose values are numbers (an income with a "NaN")
	   is a characteristic, however unique. */
	f.distinct = 1000;
	f.numeric_text = 1;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.numeric_text = 0;
	/* Unique whole numbers: an amount (sparse, named as one) is not,
	 * one named like an id or dense is; negative ones never. */
	f.kind = COLSCAN_INTEGER;
	f.rows = f.present = f.distinct = 40;
	f.name = "amount";
	f.min = 1200;
	f.max = 98000;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.name = "customerId";
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	f.name = "cust_no";
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	/* Dense (max - min + 1 <= 1.5 x distinct) and unnamed: 40
	   different ages 21..60 in 40 rows are ages; from 100 rows on,
	   dense unique numbers are an id. */
	f.name = "age";
	f.min = 21;
	f.max = 60;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.name = "";
	f.unnamed = 1;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	f.unnamed = 0;
	f.name = "customer";
	f.rows = f.present = f.distinct = 100;
	f.min = 1;
	f.max = 150;	/* 150 <= 1.5 x 100 */
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	ck_assert_str_eq(note, "identifier: 100 distinct values in 100 "
	    "rows");
	f.max = 151;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.rows = f.present = f.distinct = 40;
	f.name = "app_id";
	f.min = -5;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	/* Real numbers and dates without time never; timestamps may. */
	f.kind = COLSCAN_REAL;
	f.min = 1;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.kind = COLSCAN_DATE;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	f.kind = COLSCAN_DATETIME;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 1);
	/* Too few rows (19 < 20). */
	f.rows = f.present = f.distinct = 19;
	ck_assert_int_eq(colscan_identifier(&f, &colscan_default, note,
	    sizeof note), 0);
	ck_assert_int_eq(colscan_name_is_id("ID"), 1);
	ck_assert_int_eq(colscan_name_is_id("app_id"), 1);
	ck_assert_int_eq(colscan_name_is_id("CustomerID"), 1);
	ck_assert_int_eq(colscan_name_is_id("account key"), 1);
	ck_assert_int_eq(colscan_name_is_id("paid"), 0);
	ck_assert_int_eq(colscan_name_is_id("Idade"), 0);
	ck_assert_int_eq(colscan_name_is_id("valid_to"), 0);
	ck_assert_int_eq(colscan_name_is_id("cust_no"), 1);
	ck_assert_int_eq(colscan_name_is_id("AccountNr"), 1);
	ck_assert_int_eq(colscan_name_is_id("loan number"), 1);
	ck_assert_int_eq(colscan_name_is_id("number_of_loans"), 0);
	ck_assert_int_eq(colscan_name_is_id("no_of_children"), 0);
	ck_assert_int_eq(colscan_name_is_id("casino"), 0);
}
END_TEST

START_TEST(test_colscan_option)
{
	char buf[256];

	ck_assert_str_eq(colscan_option(buf, sizeof buf, "--type", "SEX",
	    "text"), "--type SEX=text");
	ck_assert_str_eq(colscan_option(buf, sizeof buf, "--special",
	    "default.payment.next.month", "-1"), "--special "
	    "default.payment.next.month=-1");
	ck_assert_str_eq(colscan_option(buf, sizeof buf, "--special",
	    "my col", "-2,-1"), "--special 'my col=-2,-1'");
	ck_assert_str_eq(colscan_option(buf, sizeof buf, "--type", "it's",
	    "text"), "--type 'it'\\''s=text'");
	ck_assert_str_eq(colscan_option(buf, sizeof buf, "--type", "年龄",
	    "text"), "--type 年龄=text");
	ck_assert_str_eq(colscan_option(buf, sizeof buf, "--date-format", "d",
	    "%d/%m/%Y"), "--date-format d=%d/%m/%Y");
}
END_TEST

static Suite *
db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, german_setup_once,
	    german_teardown_once);
	tcase_add_checked_fixture(tc, german_setup, german_teardown);
	tcase_add_test(tc, test_db_meta_and_list);
	tcase_add_test(tc, test_db_dataset_german);
	tcase_add_test(tc, test_db_dataset_columns);
	tcase_add_test(tc, test_db_expr_check_ok);
	tcase_add_test(tc, test_db_expr_deterministic);
	tcase_add_test(tc, test_db_expr_eval_german);
	tcase_add_test(tc, test_cond_first_n);
	tcase_add_test(tc, test_db_scorecard);
	tcase_add_test(tc, test_db_inference_rows);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_db_expr_eval_nulls);
	tcase_add_test(tc, test_db_expr_text_rows);
	tcase_add_test(tc, test_db_levels_byte_order);
	tcase_add_test(tc, test_db_rowid_column);
	tcase_add_test(tc, test_db_read_rowid_order);
	tcase_add_test(tc, test_db_empty_table);
	tcase_add_test(tc, test_db_ident_cat);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_unchecked_fixture(tc, german_setup_once,
	    german_teardown_once);
	tcase_add_checked_fixture(tc, german_setup, german_teardown);
	tcase_add_test(tc, test_db_expr_unknown_column);
	tcase_add_test(tc, test_db_expr_injection);
	tcase_add_test(tc, test_db_expr_subquery);
	tcase_add_test(tc, test_db_expr_other_errors);
	tcase_add_test(tc, test_db_load_errors);
	tcase_add_test(tc, test_db_open_error);
	tcase_add_test(tc, test_db_open_existing);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
csv_import_suite(void)
{
	Suite *s = suite_create("csv_import");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_csv_german);
	tcase_add_test(tc, test_csv_tiny);
	tcase_add_test(tc, test_csv_good_default);
	tcase_add_test(tc, test_csv_bom_crlf);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_csv_header_injection);
	tcase_add_test(tc, test_csv_replace);
	tcase_add_test(tc, test_csv_header_only);
	tcase_add_test(tc, test_csv_int_edges);
	tcase_add_test(tc, test_csv_numeric_target);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_csv_field_count);
	tcase_add_test(tc, test_csv_exists);
	tcase_add_test(tc, test_csv_rollback_after_drop);
	tcase_add_test(tc, test_csv_header_errors);
	tcase_add_test(tc, test_csv_quote_errors);
	tcase_add_test(tc, test_csv_block_boundaries);
	tcase_add_test(tc, test_csv_io_and_usage_errors);
	suite_add_tcase(s, tc);
	return s;
}

/* The pure modules under the import: date layouts, column summaries. */
static Suite *
values_suite(void)
{
	Suite *s = suite_create("values");
	TCase *tc;

	tc = tcase_create("datefmt");
	tcase_add_test(tc, test_datefmt_parse);
	tcase_add_test(tc, test_datefmt_check_and_iso);
	tcase_add_test(tc, test_datefmt_zoned);
	suite_add_tcase(s, tc);
	tc = tcase_create("colscan");
	tcase_add_test(tc, test_colscan_sentinels);
	tcase_add_test(tc, test_colscan_add_count);
	tcase_add_test(tc, test_colscan_sentinels_both_ends);
	tcase_add_test(tc, test_colscan_codes);
	tcase_add_test(tc, test_colscan_identifier);
	tcase_add_test(tc, test_colscan_option);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *suites[3];

	suites[0] = db_suite();
	suites[1] = csv_import_suite();
	suites[2] = values_suite();
	return run_suites(suites, 3);
}
