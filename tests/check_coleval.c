/*
 * check_coleval.c - sim/coleval.h against SQLite itself: the first true
 * condition of each list, the tallies and the values that coleval_first
 * computes from a dataset's columns must be, bit for bit, what
 * cond_first and cond_first_tally get from SQLite (the library linked,
 * sqlite3_libversion() printed) on the same rows.  The rows are made to
 * be awkward: NULLs, -0.0, infinities, integers and reals in one column,
 * text in a REAL column, a NOCASE column, ISO dates; the expressions are
 * drawn at random from the grammar coleval takes and a little more, and
 * the hand-written ones pin what must be taken and what declined.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "testdb.h"
#include "data/cond.h"
#include "data/ds.h"
#include "sim/coleval.h"
#include "util/xmalloc.h"

#define NROWS 1500

static uint64_t rng = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
exec(const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_sqlite(cur_db), sql, NULL, NULL, &msg);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
}

/*
 * Table t: i INTEGER (small integers, NULLs), r REAL (reals, -0.0, inf,
 * NULLs), n NUMERIC (integers and reals row by row), m (no type:
 * integers), z INTEGER (0 and 1), s TEXT (categories, '', NULL), d DATE
 * (ISO text), c TEXT COLLATE NOCASE, bad REAL (one text cell), nul TEXT
 * ('rent', 'rent' NUL 'x', NULL).
 */
static void
make_table(void)
{
	static const char *const cats[] = { "'rent'", "'own'", "'Rent'",
	    "''", "NULL", "'b'", "'a'", "'rent '" };
	static const char *const reals[] = { "0.5", "-0.0", "0.0", "2.5",
	    "-1.25", "1e308", "9e999", "-9e999", "NULL", "3.0", "0.1" };
	char sql[512];
	int k;

	exec("CREATE TABLE t(i INTEGER, r REAL, n NUMERIC, m, z INTEGER, "
	    "s TEXT, d DATE, c TEXT COLLATE NOCASE, bad REAL, nul TEXT)");
	exec("INSERT INTO rd_table(name, source, rows) VALUES ('t', 'test', "
	    "1500)");
	exec("BEGIN");
	for (k = 0; k < NROWS; k++) {
		char iv[16];

		if (rnd(7) == 0)
			snprintf(iv, sizeof iv, "NULL");
		else
			snprintf(iv, sizeof iv, "%d", (int)rnd(13) - 6);
		snprintf(sql, sizeof sql, "INSERT INTO t VALUES (%s, %s, %s, "
		    "%d, %d, %s, '2024-%02u-%02u', %s, %s, %s)", iv,
		    reals[rnd(11)], rnd(2) ? "7" : "-2.5", (int)rnd(9) - 4,
		    (int)rnd(2), cats[rnd(8)], 1 + rnd(12), 1 + rnd(28),
		    cats[rnd(8)], k == 700 ? "'x'" : "1.5", k % 3 == 0 ?
		    "'rent'" : k % 3 == 1 ? "CAST(X'72656E740078' AS TEXT)" :
		    "NULL");
		exec(sql);
	}
	exec("COMMIT");
}

static struct dataset *
load(void)
{
	struct rd_err err;
	struct dataset *ds = db_dataset_load(cur_db, "t", &err);

	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	return ds;
}

/* Bits equal, or both NaN (SQL NULL). */
static int
same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return memcmp(&a, &b, sizeof a) == 0;
}

/*
 * conds_a[na], conds_b[nb], exprs[nv] by SQLite and by coleval (tallied
 * when tally): 1 when coleval took them and every figure agreed, 0 when
 * it declined; a disagreement fails the test naming the expression.
 */
static int
compare(struct dataset *ds, const char *const *a, size_t na,
	const char *const *b, size_t nb, const char *const *v, size_t nv,
	int tally)
{
	size_t n = ds->nrows, k, i;
	double *fa = xcalloc(n, sizeof *fa), *fb = xcalloc(n, sizeof *fb);
	double *ga = xcalloc(n, sizeof *ga), *gb = xcalloc(n, sizeof *gb);
	double **vs = xcalloc(nv + 1, sizeof *vs), **ws;
	struct cond_tally ts[16], tc[16];
	struct rd_err err;
	int got, rc;

	ws = xcalloc(nv + 1, sizeof *ws);
	for (k = 0; k < nv; k++) {
		vs[k] = xcalloc(n, sizeof **vs);
		ws[k] = xcalloc(n, sizeof **ws);
	}
	memset(ts, 0, sizeof ts);
	memset(tc, 0, sizeof tc);
	rc = tally ? cond_first_tally(cur_db, "t", a, na, fa, b, nb, fb, ts,
	    v, nv, vs, n, &err) : cond_first(cur_db, "t", a, na, fa, b, nb,
	    fb, v, nv, vs, n, &err);
	got = coleval_first(cur_db, ds, a, na, ga, b, nb, gb,
	    tally ? tc : NULL, v, nv, ws);
	/* An expression SQLite fails on (an integer overflow) is
	   SQLite's to report: declined. */
	ck_assert_msg(rc == 0 || !got, "SQLite fails (%s), coleval took "
	    "it (%s ...)", err.msg, na ? a[0] : nv ? v[0] : "");
	if (rc != 0)
		got = 0;
	for (i = 0; got && i < n; i++) {
		ck_assert_msg(same(fa[i], ga[i]), "row %zu: first of A %g, "
		    "coleval %g (%s ...)", i, fa[i], ga[i], na ? a[0] : "");
		if (nb > 0)
			ck_assert_msg(same(fb[i], gb[i]), "row %zu: first of "
			    "B %g, coleval %g (%s)", i, fb[i], gb[i], b[0]);
		for (k = 0; k < nv; k++)
			ck_assert_msg(same(vs[k][i], ws[k][i]), "row %zu: "
			    "%s is %.17g in SQLite, %.17g in coleval", i,
			    v[k], vs[k][i], ws[k][i]);
	}
	for (k = 0; got && tally && k < na + nb; k++) {
		const char *e = k < na ? a[k] : b[k - na];

		ck_assert_msg(ts[k].fired == tc[k].fired && ts[k].nul ==
		    tc[k].nul && ts[k].other == tc[k].other, "tally of %s: "
		    "SQLite %zu true %zu NULL other %d, coleval %zu %zu %d",
		    e, ts[k].fired, ts[k].nul, ts[k].other, tc[k].fired,
		    tc[k].nul, tc[k].other);
	}
	for (k = 0; k < nv; k++) {
		free(vs[k]);
		free(ws[k]);
	}
	free(vs);
	free(ws);
	free(fa);
	free(fb);
	free(ga);
	free(gb);
	return got;
}

/* One expression as a value and as the only condition of a list. */
static int
one(struct dataset *ds, const char *e, int tally)
{
	const char *v[1] = { e };
	int a = compare(ds, v, 1, NULL, 0, NULL, 0, tally);
	int b = compare(ds, NULL, 0, NULL, 0, v, 1, 0);

	ck_assert_msg(a == b, "%s: taken as a condition %d, as a value %d",
	    e, a, b);
	return a;
}

/* ------------------------------------------------- random expressions */

static const char *const num_cols[] = { "i", "r", "n", "m", "z" };
static const char *const num_lits[] = { "0", "1", "2", "-3", "7", "0.5",
    "-0.0", "2.5", "0.1", "1e308", "3.0", "-0", "9007199254740993", "TRUE",
    "FALSE", "-9223372036854775808", "9223372036854775808", "-+0.0",
    "+2" };
#define NLITS (sizeof num_lits / sizeof num_lits[0])
static const char *const txt_lits[] = { "'rent'", "'own'", "''", "'b'",
    "'Rent'", "'2024-06-01'", "'5'", "'rent '" };

static char *num(int depth);

/* A random condition of at most depth levels (heap). */
static char *
cond(int depth)
{
	static const char *const cmps[] = { "<", "<=", ">", ">=", "=", "<>",
	    "==", "!=", "IS", "IS NOT" };
	unsigned pick = depth <= 0 ? rnd(4) : rnd(11);
	char *x = NULL, *y = NULL, *z = NULL, *o;

	switch (pick) {
	case 0:
		x = num(depth - 1);
		y = num(depth - 1);
		o = xasprintf("%s %s %s", x, cmps[rnd(10)], y);
		break;
	case 1:
		o = xasprintf("%s %s %s", rnd(4) ? "s" : rnd(2) ? "d" : "c",
		    cmps[rnd(10)], txt_lits[rnd(8)]);
		break;
	case 2:
		o = xasprintf("%s %s (%s, %s)", rnd(2) ? "s" : "d", rnd(3) ?
		    "IN" : "NOT IN", txt_lits[rnd(8)], txt_lits[rnd(8)]);
		break;
	case 3:
		o = xasprintf("%s IS %sNULL", rnd(2) ? num_cols[rnd(5)] : "s",
		    rnd(2) ? "NOT " : "");
		break;
	case 4:
		x = cond(depth - 1);
		y = cond(depth - 1);
		o = xasprintf("(%s) %s (%s)", x, rnd(2) ? "AND" : "OR", y);
		break;
	case 5:
		x = cond(depth - 1);
		o = xasprintf("NOT (%s)", x);
		break;
	case 6:
		x = num(depth - 1);
		o = xasprintf("%s %sIN (%s, %s, %s)", x, rnd(2) ? "NOT " : "",
		    num_lits[rnd(NLITS)], num_lits[rnd(NLITS)], num_lits[rnd(NLITS)]);
		break;
	case 7:
		x = num(depth - 1);
		y = num(depth - 1);
		z = num(depth - 1);
		o = xasprintf("%s %sBETWEEN %s AND %s", x, rnd(2) ? "NOT " :
		    "", y, z);
		break;
	case 8:
		o = xasprintf("%s", rnd(2) ? "TRUE" : "FALSE");
		break;
	case 9:
		x = num(depth - 1);
		o = xasprintf("%s", x);	/* a number as a condition */
		break;
	default:
		o = xasprintf("s %sBETWEEN 'b' AND 'rent'", rnd(2) ? "NOT " :
		    "");
		break;
	}
	free(x);
	free(y);
	free(z);
	return o;
}

/* A random number of at most depth levels (heap). */
static char *
num(int depth)
{
	static const char *const ops[] = { "+", "-", "*", "/", "%" };
	static const char *const fns[] = { "coalesce", "ifnull", "min",
	    "max" };
	unsigned pick = depth <= 0 ? rnd(2) : rnd(6);
	char *x = NULL, *y = NULL, *o;

	switch (pick) {
	case 0:
		o = xasprintf("%s", num_cols[rnd(5)]);
		break;
	case 1:
		o = xasprintf("%s", num_lits[rnd(NLITS)]);
		break;
	case 2:
	case 3:
		x = num(depth - 1);
		y = num(depth - 1);
		o = xasprintf("(%s %s %s)", x, ops[rnd(5)], y);
		break;
	case 4:
		/* "- -3", not "--3", which starts a comment. */
		x = num(depth - 1);
		o = xasprintf("- %s", x);
		break;
	default:
		x = num(depth - 1);
		y = num(depth - 1);
		o = rnd(5) == 0 ? xasprintf("abs(%s)", x) :
		    xasprintf("%s(%s, %s)", fns[rnd(4)], x, y);
		break;
	}
	free(x);
	free(y);
	return o;
}

START_TEST(test_coleval_random)
{
	struct dataset *ds;
	char *a[3], *b[2], *v[2];
	const char *pa[3], *pb[2], *pv[2];
	int round, taken = 0, k;

	fresh_db_open("coleval");
	make_table();
	ds = load();
	printf("coleval: against SQLite %s\n", sqlite3_libversion());
	for (round = 0; round < 600; round++) {
		for (k = 0; k < 3; k++)
			pa[k] = a[k] = cond(1 + (int)rnd(3));
		for (k = 0; k < 2; k++) {
			pb[k] = b[k] = cond(1 + (int)rnd(3));
			pv[k] = v[k] = num(1 + (int)rnd(3));
		}
		taken += compare(ds, pa, 3, pb, 2, pv, 2, round % 2);
		/* Each alone, so that one declined does not hide the
		   others. */
		taken += one(ds, pa[0], 1) + one(ds, pb[0], 0);
		taken += compare(ds, NULL, 0, NULL, 0, pv, 1, 0);
		for (k = 0; k < 3; k++)
			free(a[k]);
		for (k = 0; k < 2; k++) {
			free(b[k]);
			free(v[k]);
		}
	}
	printf("coleval: %d of %d random lists taken\n", taken, 4 * 600);
	/* Not a vacuous comparison: most are taken. */
	ck_assert_int_ge(taken, 4 * 600 / 4);
	ds_free(ds);
	fresh_db_close();
}
END_TEST

START_TEST(test_coleval_taken)
{
	/* What a policy writes: taken, and SQLite's to the bit. */
	static const char *const yes[] = {
		"i < 3", "i >= -2 AND r < 1.0", "r > 0.5 OR i IS NULL",
		"s = 'rent'", "'rent' = s", "s <> 'own'", "s IN ('own', 'b')",
		"s NOT IN ('own', '')", "s IS NULL OR i < 0",
		"s IS 'rent'", "s IS NOT 'rent'", "s < 'b'", "d >= '2024-06-01'",
		"d BETWEEN '2024-03-01' AND '2024-09-30'",
		"i / 2", "-i / 2", "r / 0", "i / 0",
		"-r", "-i", "-0.0", "-(0.0)", "0 - r", "abs(r)", "abs(i)",
		"coalesce(i, 0) > 3", "ifnull(r, -1)", "min(i, r)", "max(i, z)",
		"min(r, -0.0, 0.0)", "max(0.0, -0.0, r)", "i IN (1, 2, -3)",
		"i NOT IN (1, 2)", "i BETWEEN -1 AND 2", "i NOT BETWEEN -1 AND 2",
		"z", "r", "NOT z", "TRUE", "FALSE AND i IS NULL", "i == 2",
		"i != 2", "i IS NOT NULL", "i ISNULL", "m NOTNULL", "i IS 2",
		"r IS NOT NULL AND r * 2 >= 1", "n * 0.8", "-n", "n / 0.5",
		"n - r", "-+0.0", "- +r", "-(+0.0)", "-(0.0)", "i IS 1",
		"i = TRUE"
	};
	static const char *const no[] = {
		"CASE WHEN i > 0 THEN 1 ELSE 0 END", "s LIKE 'r%'",
		"s || 'x' = 'rentx'", "i % 2", "c = 'rent'", "d > '5'",
		"s = 5", "i = '2'", "bad > 1", "NULL", "i IN ()", "n / 2",
		"CAST(r AS INTEGER)", "substr(s, 1, 1) = 'r'", "n + n", "n * 2",
		"i * 4503599627370496 > 0",
		"m / 2", "max(i, m)",
		"i > 9007199254740993", "s", "i = s", "s < d",
		/* Truth tests, not comparisons with 1 and 0. */
		"i IS TRUE", "r IS NOT TRUE", "i IS FALSE", "z IS NOT FALSE",
		"i IS (TRUE)", "TRUE IS i",
		/* The least integer, which SQLite reads negated. */
		"i / -9223372036854775808 < 0",
		/* Text with a NUL byte: the level holds what is before it. */
		"nul = 'rent'"
	};
	struct dataset *ds;
	size_t k;

	fresh_db_open("coleval-hand");
	make_table();
	ds = load();
	for (k = 0; k < sizeof yes / sizeof yes[0]; k++)
		ck_assert_msg(one(ds, yes[k], 1) == 1, "declined: %s",
		    yes[k]);
	for (k = 0; k < sizeof no / sizeof no[0]; k++)
		ck_assert_msg(compare(ds, NULL, 0, NULL, 0, &no[k], 1, 0) ==
		    0, "taken: %s", no[k]);
	ds_free(ds);
	fresh_db_close();
}
END_TEST

START_TEST(test_coleval_cells)
{
	/* The reader's count of cells by storage class, and a dataset
	   not read from a table declined. */
	struct dataset *ds;
	struct dataset sub;
	const char *e[1] = { "i > 0" };
	double f[4], *vs[1];
	int ci, cr, cn, cb, cs, cc;

	fresh_db_open("coleval-cells");
	make_table();
	ds = load();
	ci = ds_column_index(ds, "i");
	cr = ds_column_index(ds, "r");
	cn = ds_column_index(ds, "n");
	cb = ds_column_index(ds, "bad");
	cs = ds_column_index(ds, "s");
	cc = ds_column_index(ds, "c");
	ck_assert(ds->cols[ci].cells_known && ds->cols[ci].affinity == 'N');
	ck_assert_int_eq(ds->cols[ci].ncell_real, 0);
	ck_assert_int_eq(ds->cols[ci].ncell_int + ds->cols[ci].nmissing,
	    NROWS);
	/* REAL affinity: 3.0 and 1e308 are reals as SQLite returns them. */
	ck_assert_int_eq(ds->cols[cr].ncell_int, 0);
	ck_assert(ds->cols[cn].ncell_int > 0 && ds->cols[cn].ncell_real > 0);
	ck_assert_int_eq(ds->cols[cb].ncell_odd, 1);
	ck_assert_int_eq(ds->cols[ds_column_index(ds, "nul")].ncell_odd,
	    NROWS / 3);
	ck_assert_int_eq(ds->cols[cs].ncell_odd, 0);
	ck_assert(ds->cols[cs].binary && ds->cols[cs].affinity == 'T');
	ck_assert(!ds->cols[cc].binary);
	ck_assert_int_eq(ds_column_index(ds, "d") >= 0 &&
	    ds->cols[ds_column_index(ds, "d")].affinity == 'N', 1);
	/* The same columns, not known to be SQLite's cells: declined. */
	sub = *ds;
	sub.nrows = 4;
	sub.cols = xcalloc(ds->ncols, sizeof *sub.cols);
	memcpy(sub.cols, ds->cols, ds->ncols * sizeof *sub.cols);
	sub.cols[ci].cells_known = 0;
	vs[0] = f;
	ck_assert_int_eq(coleval_first(cur_db, &sub, NULL, 0, f, NULL, 0,
	    NULL, NULL, e, 1, vs), 0);
	free(sub.cols);
	ds_free(ds);
	fresh_db_close();
}
END_TEST

START_TEST(test_coleval_utf16)
{
	/* In a UTF-16 database BINARY orders UTF-16 bytes ('\xc4\x80'
	   U+0100 before 'e\xcc\x81'... and after 'z' in UTF-8): text
	   comparisons are left to SQLite, numbers are not. */
	static const char *const cities[] = { "'abc'", "'\xc4\x80" "bc'",
	    "'zed'", "'\xc3\xa9" "clair'" };
	const char *path = scratch_db("coleval-utf16");
	const char *lt[1] = { "s < 'b'" }, *num[1] = { "i < 2" };
	struct dataset *ds;
	sqlite3 *h;
	char sql[200];
	struct rd_err err;
	int k;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA encoding = 'UTF-16le'; "
	    "CREATE TABLE t(s TEXT, i INTEGER)", NULL, NULL, NULL), SQLITE_OK);
	for (k = 0; k < 40; k++) {
		snprintf(sql, sizeof sql, "INSERT INTO t VALUES (%s, %d)",
		    cities[k % 4], k % 5);
		ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL),
		    SQLITE_OK);
	}
	sqlite3_close(h);
	cur_db = db_open(path, &err);
	ck_assert_msg(cur_db != NULL, "%s", err.msg);
	snprintf(cur_path, sizeof cur_path, "%s", path);
	exec("INSERT INTO rd_table(name, source, rows) VALUES ('t', 'test', "
	    "40)");
	ds = load();
	ck_assert(!ds->cols[ds_column_index(ds, "s")].binary);
	ck_assert_int_eq(compare(ds, lt, 1, NULL, 0, NULL, 0, 1), 0);
	ck_assert_int_eq(compare(ds, num, 1, NULL, 0, NULL, 0, 1), 1);
	ds_free(ds);
	fresh_db_close();
}
END_TEST

static Suite *
coleval_suite(void)
{
	Suite *s = suite_create("coleval");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_coleval_random);
	tcase_add_test(tc, test_coleval_taken);
	tcase_add_test(tc, test_coleval_cells);
	tcase_add_test(tc, test_coleval_utf16);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(coleval_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
