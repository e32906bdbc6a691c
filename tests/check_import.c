/*
 * check_import.c - Check tests of the import's dialects, types, keys,
 * rejects and atomicity (data/csv-import.c, data/sniff.c), the data
 * profile (data/profile.c) and the link of applicant and performance
 * tables (data/link.c).
 *
 * Fixtures are files under tests/data/csv/; databases are scratch files
 * in the build directory.  Each dialect test asserts stored values read
 * back through SQLite; each failure test asserts the exact error (file,
 * line, column, what was expected) and that the database is unchanged.
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
#include "data/db.h"
#include "data/ds.h"
#include "data/link.h"
#include "data/profile.h"
#include "data/sniff.h"
#include "util/err.h"

#include "testutil.h"
#include "testdb.h"

/* ------------------------------------------------------------- helpers */

/* Checked fixture: a fresh empty database per test (testdb.h). */
static void
fresh_setup(void)
{
	fresh_db_open("import");
}

static void
fresh_teardown(void)
{
	fresh_db_close();
}

/* A spec for tests/data/<dir>/<prefix><name> into table. */
static void
spec_at(struct import_spec *spec, const char *dir, const char *prefix,
	const char *name, const char *table)
{
	static char path[4][1024];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/tests/data/%s/%s%s", RD_SRCDIR,
	    dir, prefix, name);
	memset(spec, 0, sizeof *spec);
	spec->csv_path = path[k];
	spec->table = table;
}

/* A spec for tests/data/csv/<name> into table. */
static void
spec_for(struct import_spec *spec, const char *name, const char *table)
{
	spec_at(spec, "csv", "", name, table);
}

static void
run_ok(const struct import_spec *spec, struct import_summary *sum)
{
	struct rd_err err;
	char buf[2048];

	rd_err_clear(&err);
	ck_assert_msg(csv_import(cur_db, spec, sum, &err) == 0, "import: %s",
	    rd_err_format(&err, buf, sizeof buf));
}

static long long
q_int(const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	ck_assert_msg(sqlite3_prepare_v2(db_sqlite(cur_db), sql, -1, &st,
	    NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db_sqlite(cur_db)));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *
q_text(const char *sql)
{
	static char buf[4][512];
	static int k;
	sqlite3_stmt *st;
	const unsigned char *t;

	k = (k + 1) % 4;
	ck_assert_msg(sqlite3_prepare_v2(db_sqlite(cur_db), sql, -1, &st,
	    NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db_sqlite(cur_db)));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	snprintf(buf[k], sizeof buf[k], "%s", t ? (const char *)t : "<NULL>");
	sqlite3_finalize(st);
	return buf[k];
}

/*
 * A fingerprint of everything a failed import could have touched: the
 * schema, the metadata tables, and the user tables' row counts.
 */
static char *
db_state(void)
{
	static const char *const sql = "SELECT (SELECT group_concat(type || "
	    "':' || name || ':' || ifnull(sql, ''), ';') FROM (SELECT * FROM "
	    "sqlite_master ORDER BY name)) || '|' || (SELECT ifnull("
	    "group_concat(name || ',' || ifnull(target, '') || ',' || rows || "
	    "',' || bads || ',' || goods, ';'), '') FROM rd_table) || '|' || "
	    "(SELECT count(*) FROM rd_reject) || '|' || (SELECT count(*) FROM "
	    "rd_special)";
	sqlite3_stmt *st;
	char *s;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(cur_db), sql, -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/*
 * Run spec expecting failure of class cls at line:col with message msg
 * (0 = none; line -1: any), and the database exactly as before.
 */
static void
run_fails(const struct import_spec *spec, enum rd_err_class cls, long line,
	long col, const char *msg)
{
	struct import_summary sum;
	struct rd_err err;
	char *before = db_state(), *after;

	rd_err_clear(&err);
	ck_assert_int_eq(csv_import(cur_db, spec, &sum, &err), -1);
	ck_assert_int_eq(err.cls, cls);
	if (line > 0)
		ck_assert_str_eq(err.file, spec->csv_path);
	if (line >= 0)
		ck_assert_int_eq(err.line, line);
	ck_assert_int_eq(err.col, col);
	ck_assert_str_eq(err.msg, msg);
	ck_assert_ptr_null(sum.columns);
	ck_assert_int_eq(sqlite3_get_autocommit(db_sqlite(cur_db)), 1);
	after = db_state();
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
}

/* A user table with rows, so "unchanged" means something. */
static void
seed(void)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "pipe.csv", "seed");
	run_ok(&spec, &sum);
	import_summary_done(&sum);
}

/* ============================================================ dialects */

START_TEST(test_sniff)
{
	static const char a[] = "\"a,b\";c;d\n\"e,f\";g;h\n";
	static const char b[] = "x\ty,z\n1\t2,3\n4\t5,6\n";
	static const char c[] = "one column\nvalue\n";
	static const char d[] = "a|b|c\n\"multi\nline|x\"|2|3\n4|5|6\n";

	/* Commas inside quotes do not count; a consistent count wins. */
	ck_assert_int_eq(sniff_delimiter(a, strlen(a)), ';');
	/* Tab splits 3 of 3 records into 2 fields; so does the comma, but
	 * the tab comes... first in the list only after ',' and ';': both
	 * score 3, the earlier (',') would win, so give ',' an odd row. */
	ck_assert_int_eq(sniff_delimiter(b, strlen(b)), ',');
	ck_assert_int_eq(sniff_delimiter(c, strlen(c)), ',');
	ck_assert_int_eq(sniff_delimiter(d, strlen(d)), '|');
}
END_TEST

START_TEST(test_utf8_check)
{
	struct utf8_state st;
	/* "é" is C3 A9; split between two pieces it is still valid. */
	static const unsigned char ok1[] = { 'a', 0xC3 }, ok2[] = { 0xA9, 'b' };
	static const unsigned char overlong[] = { 'x', 0xC0, 0x80 };
	static const unsigned char surrogate[] = { 0xED, 0xA0, 0x80 };
	static const unsigned char big[] = { 0xF4, 0x90, 0x80, 0x80 };
	static const unsigned char han[] = { 0xE5, 0xA7, 0x93, 'z' };

	memset(&st, 0, sizeof st);
	ck_assert_uint_eq(utf8_check(&st, ok1, 2), 2);
	ck_assert_uint_eq(st.need, 1);
	ck_assert_uint_eq(utf8_check(&st, ok2, 2), 2);
	ck_assert_uint_eq(st.need, 0);
	memset(&st, 0, sizeof st);
	ck_assert_uint_eq(utf8_check(&st, overlong, 3), 1);
	memset(&st, 0, sizeof st);
	ck_assert_uint_eq(utf8_check(&st, surrogate, 3), 1);
	memset(&st, 0, sizeof st);
	ck_assert_uint_eq(utf8_check(&st, big, 4), 1);
	memset(&st, 0, sizeof st);
	ck_assert_uint_eq(utf8_check(&st, han, 4), 4);
}
END_TEST

START_TEST(test_semicolon_decimal_comma)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "semicolon-decimal.csv", "eu");
	spec.decimal_comma = 1;
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.delimiter, ';');
	ck_assert_int_eq(sum.columns[1].type, IMPORT_REAL);
	ck_assert_uint_eq(sum.nwarnings, 0);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT group_concat(amount, '|') FROM eu"),
	    "1.5|-2.25|10.0");
	ck_assert_str_eq(q_text("SELECT city FROM eu WHERE id = 2"),
	    "Berlin; Mitte");
	ck_assert_str_eq(q_text("SELECT city FROM eu WHERE id = 1"),
	    "K\xc3\xb6ln");

	/* Without the flag "1,5" is text, kept as written, and the summary
	   says the column looks like numbers with a decimal comma. */
	spec.table = "eu2";
	spec.decimal_comma = 0;
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_TEXT);
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "column \"amount\" is stored as "
	    "text: of its 3 values, 1 is a number as written and 2 are "
	    "written with a decimal comma (the first \"1,5\" at line 2); to "
	    "read them as numbers, import with --decimal-comma");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT amount FROM eu2 WHERE id = 1"), "1,5");
}
END_TEST

START_TEST(test_tab)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "tab.tsv", "t");
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.delimiter, '\t');
	ck_assert_int_eq(sum.columns[2].type, IMPORT_REAL);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT name FROM t WHERE id = 1"),
	    "tab\there");
	ck_assert_str_eq(q_text("SELECT score FROM t WHERE id = 2"), "-0.75");
}
END_TEST

START_TEST(test_pipe_and_given_delimiter)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "pipe.csv", "p");
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.delimiter, '|');
	ck_assert_uint_eq(sum.columns[2].missing, 1);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT code FROM p WHERE id = 2"), "B|C");
	ck_assert_str_eq(q_text("SELECT typeof(amount) FROM p WHERE id = 3"),
	    "null");
	/* A delimiter given wins over sniffing: one column per line. */
	spec_for(&spec, "dates.csv", "p2");
	spec.delimiter = ';';
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.ncolumns, 1);
	ck_assert_str_eq(sum.columns[0].name, "id,opened,bad_date");
	import_summary_done(&sum);
}
END_TEST

START_TEST(test_chinese_round_trip)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "chinese.csv", "\xe8\xa1\xa8");	/* 表 */
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[0].name, "\xe5\xa7\x93\xe5\x90\x8d");
	ck_assert_int_eq(sum.columns[2].type, IMPORT_INTEGER);
	import_summary_done(&sum);
	/* SELECT 城市 FROM 表 WHERE 姓名 = '张三' */
	ck_assert_str_eq(q_text("SELECT \"\xe5\x9f\x8e\xe5\xb8\x82\" FROM "
	    "\"\xe8\xa1\xa8\" WHERE \"\xe5\xa7\x93\xe5\x90\x8d\" = "
	    "'\xe5\xbc\xa0\xe4\xb8\x89'"), "\xe5\x8c\x97\xe4\xba\xac");
}
END_TEST

START_TEST(test_gb18030)
{
	struct import_spec spec;
	struct import_summary sum;

	seed();
	/* Not UTF-8: 姓 in GB18030 is D0 D5; D0 could start a UTF-8
	 * sequence, D5 cannot continue it: the first invalid byte is the
	 * D0, byte 1 of line 1, and two high bytes in a row suggest a
	 * double-byte encoding. */
	spec_for(&spec, "gb18030.csv", "g");
	run_fails(&spec, RD_EINPUT, 1, 1, "expected UTF-8 text, found byte "
	    "0xD0 ('\xC3\x90' in latin1 and cp1252), which byte 0xD5 does "
	    "not continue; the file is in another encoding: import with "
	    "--encoding GB18030 (or the file's own: --encoding latin1, "
	    "--encoding cp1252 for Windows files)");
	spec.encoding = "GB18030";
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[1].name, "\xe5\x9f\x8e\xe5\xb8\x82");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT \"\xe5\x9f\x8e\xe5\xb8\x82\" || "
	    "\"\xe9\x87\x91\xe9\xa2\x9d\" FROM g WHERE rowid = 2"),
	    "\xe4\xb8\x8a\xe6\xb5\xb7" "7");
	/* The file is read twice: a device or pipe is refused. */
	spec.csv_path = "/dev/null";
	spec.table = "g3";
	spec.encoding = NULL;
	run_fails(&spec, RD_EIO, 0, 0, "expected a regular file (it is "
	    "read twice), found a device: save it to a file first (e.g. "
	    "cat > file.csv) and import that");
	spec_for(&spec, "gb18030.csv", "g");
	spec.encoding = "NO-SUCH-CODESET";
	spec.table = "g2";
	run_fails(&spec, RD_EUSAGE, 0, 0, "unknown encoding "
	    "\"NO-SUCH-CODESET\" (see iconv --list)");
}
END_TEST

START_TEST(test_latin1)
{
	struct import_spec spec;
	struct import_summary sum;

	seed();
	/* "M\xfcller": the 0xFC is byte 2 of line 2. */
	spec_for(&spec, "latin1.csv", "l");
	run_fails(&spec, RD_EINPUT, 2, 2, "expected UTF-8 text, found byte "
	    "0xFC ('\xC3\xBC' in latin1 and cp1252); the file is in another "
	    "encoding: import with "
	    "--encoding latin1 (or the file's own: --encoding cp1252 for "
	    "Windows files, --encoding GB18030 for Chinese)");
	spec.encoding = "latin1";
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT name || ' ' || city FROM l WHERE "
	    "rowid = 1"), "M\xc3\xbcller K\xc3\xb6ln");
	ck_assert_str_eq(q_text("SELECT city FROM l WHERE rowid = 2"),
	    "Z\xc3\xbcrich");
	/* 0xFC is no ASCII: the converter stops at line 2, byte 2. */
	spec.encoding = "ASCII";
	spec.table = "l2";
	run_fails(&spec, RD_EINPUT, 2, 2, "expected ASCII text, found a "
	    "byte sequence invalid in it (starting with byte 0xFC); is the "
	    "file in ASCII?  Give its encoding with --encoding (see iconv "
	    "--list)");
}
END_TEST

START_TEST(test_thousands)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "thousands.csv", "t1");
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_TEXT);
	ck_assert_int_eq(sum.columns[2].type, IMPORT_INTEGER);
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "column \"amount\" is stored as "
	    "text: of its 3 values, 1 is a number as written and 2 are "
	    "written with thousands separators (the first \"1,234\" at line "
	    "2); to read them as numbers, import with --thousands ,");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT amount FROM t1 WHERE id = 1"),
	    "1,234");

	spec.table = "t2";
	spec.thousands = ',';
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_REAL);
	ck_assert_uint_eq(sum.nwarnings, 0);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT group_concat(amount, '|') FROM t2"),
	    "1234.0|12345.5|999.0");
}
END_TEST

START_TEST(test_dates)
{
	struct import_spec spec;
	struct import_summary sum;
	struct dataset *ds;
	struct rd_err err;
	int j;

	spec_for(&spec, "dates.csv", "d");
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_DATE);
	/* 2023-02-29 and 2024-13-01 do not exist: text. */
	ck_assert_int_eq(sum.columns[2].type, IMPORT_TEXT);
	ck_assert_uint_eq(sum.columns[1].missing, 1);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT type FROM pragma_table_info('d') "
	    "WHERE name = 'opened'"), "DATE");
	ck_assert_str_eq(q_text("SELECT typeof(opened) || opened FROM d "
	    "WHERE id = 2"), "text2024-02-29");
	/* Datasets read DATE columns as text categories. */
	ds = db_dataset_load(cur_db, "d", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	j = ds_column_index(ds, "opened");
	ck_assert_int_eq(ds->cols[j].type, DS_TEXT);
	ck_assert_str_eq(ds->cols[j].levels[ds->cols[j].code[1]],
	    "2024-02-29");
	ds_free(ds);
}
END_TEST

/* ======================================================= types, values */

START_TEST(test_forced_types_and_rejects)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_type_opt t[2] = { { "age", IMPORT_INTEGER },
	    { "code", IMPORT_TEXT } };
	struct db_reject *rj;
	struct rd_err err;
	size_t n, total;

	seed();
	spec_for(&spec, "forced.csv", "f");
	spec.types = t;
	spec.ntypes = 2;
	spec.strict = 1;
	/* Line 3 "2,abc,008": field 2 starts at byte column 3. */
	run_fails(&spec, RD_EINPUT, 3, 3, "column \"age\" (field 2): expected "
	    "an integer, found \"abc\"");
	spec.strict = 0;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_read, 3);
	ck_assert_uint_eq(sum.rows_imported, 2);
	ck_assert_uint_eq(sum.rows_rejected, 1);
	ck_assert_int_eq(sum.columns[2].type, IMPORT_TEXT);
	import_summary_done(&sum);
	/* Forced text keeps leading zeros that inference would drop. */
	ck_assert_str_eq(q_text("SELECT group_concat(code, '|') FROM f"),
	    "007|x9");
	ck_assert_int_eq(db_rejects(cur_db, "f", 10, &rj, &n, &total, &err),
	    0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(total, 1);
	ck_assert_int_eq(rj[0].line, 3);
	ck_assert_str_eq(rj[0].raw, "2,abc,008");
	ck_assert_str_eq(rj[0].reason, "column \"age\" (field 2): expected "
	    "an integer, found \"abc\"");
	db_rejects_free(rj, n);
	/* An unknown column in a type is an input error. */
	t[0].column = "nosuch";
	spec.table = "f2";
	run_fails(&spec, RD_EINPUT, 1, 0, "expected column \"nosuch\" (given "
	    "a type) in the header, found no such column; the columns are "
	    "\"id\", \"age\", \"code\"");
}
END_TEST

START_TEST(test_na_markers)
{
	struct import_spec spec;
	struct import_summary sum;
	const char *na[] = { "abc", "x9" };

	spec_for(&spec, "forced.csv", "f");
	spec.na = na;
	spec.nna = 2;
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_INTEGER);
	ck_assert_uint_eq(sum.columns[1].missing, 1);
	ck_assert_uint_eq(sum.columns[2].missing, 1);
	ck_assert_int_eq(sum.columns[2].type, IMPORT_TEXT);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT typeof(age) FROM f WHERE id = 2"),
	    "null");
	/* "007" has a leading zero: code is TEXT and keeps it. */
	ck_assert_str_eq(q_text("SELECT code FROM f WHERE id = 1"), "007");
}
END_TEST

START_TEST(test_special_values)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_special sp[3] = { { "income", "-999" },
	    { "income", "9999" }, { "grade", "-999" } };
	struct db_special *v;
	struct rd_err err;
	size_t n;

	spec_for(&spec, "special.csv", "s");
	spec.special = sp;
	spec.nspecial = 3;
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_INTEGER);
	ck_assert_uint_eq(sum.columns[1].special, 2);
	ck_assert_uint_eq(sum.columns[1].missing, 1);
	ck_assert_uint_eq(sum.columns[2].special, 1);
	ck_assert_uint_eq(sum.columns[0].special, 0);
	import_summary_done(&sum);
	/* The values stay as they were. */
	ck_assert_int_eq(q_int("SELECT income FROM s WHERE id = 2"), -999);
	ck_assert_int_eq(db_special_values(cur_db, "s", "income", &v, &n,
	    &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].text, "-999");
	ck_assert_double_eq(v[0].num, -999);
	ck_assert_str_eq(v[1].text, "9999");
	ck_assert_double_eq(v[1].num, 9999);
	db_special_free(v, n);
	ck_assert_int_eq(db_special_values(cur_db, "s", "id", &v, &n, &err),
	    0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(test_target_codings)
{
	static const struct {
		const char *col, *bad, *good;
		size_t bads, goods, indet;
	} c[] = {
		/* Y Y bad; N good; empty and X indeterminate */
		{ "yn", "Y", "N", 2, 1, 2 },
		/* good twice; "unknown" indeterminate */
		{ "word", "bad", "good", 2, 2, 1 },
		/* 2 bad, 1 good, 3 indeterminate */
		{ "num21", "2", "1", 2, 2, 1 },
		/* 1 bad, 0 good, the empty cell indeterminate */
		{ "num10", "1", "0", 2, 2, 1 },
	};
	struct import_spec spec;
	struct import_summary sum;
	struct dataset *ds;
	struct rd_err err;
	char table[16];
	size_t k;

	for (k = 0; k < sizeof c / sizeof c[0]; k++) {
		snprintf(table, sizeof table, "c%zu", k);
		spec_for(&spec, "codings.csv", table);
		spec.target = c[k].col;
		spec.bad = c[k].bad;
		spec.good[0] = c[k].good;
		spec.ngood = 1;
		run_ok(&spec, &sum);
		ck_assert_uint_eq(sum.bads, c[k].bads);
		ck_assert_uint_eq(sum.goods, c[k].goods);
		ck_assert_uint_eq(sum.indeterminate, c[k].indet);
		import_summary_done(&sum);
		ds = db_dataset_load(cur_db, table, &err);
		ck_assert_msg(ds != NULL, "%s", err.msg);
		ck_assert_uint_eq(ds->nbad, c[k].bads);
		ck_assert_uint_eq(ds->ngood, c[k].goods);
		ck_assert_uint_eq(ds->nindet, c[k].indet);
		ck_assert_int_eq(ds->y[0], DS_BAD);
		ck_assert_int_eq(ds->y[3], DS_INDET);
		ds_free(ds);
	}
}
END_TEST

/* A bad value or a good value that matches no row fails the import,
 * listing the target values found; the database is unchanged. */
START_TEST(test_target_value_absent)
{
	struct import_spec spec;
	struct import_summary sum;

	seed();
	/* num10 holds 1, 0, 0, "", 1 (codings.csv), an INTEGER column:
	 * its target compares as numbers, so "1.0" is 1: rows 1 and 5
	 * bad, 2 and 3 good, 4 (missing) indeterminate. */
	spec_for(&spec, "codings.csv", "t1");
	spec.target = "num10";
	spec.bad = "1.0";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 2);
	ck_assert_uint_eq(sum.goods, 2);
	ck_assert_uint_eq(sum.indeterminate, 1);
	ck_assert_uint_eq(sum.nvariants, 0);
	import_summary_done(&sum);
	/* As text the column's "1" is "1.0" spelt otherwise: a typo. */
	spec.table = "t2";
	spec.types = &(struct import_type_opt){ "num10", IMPORT_TEXT };
	spec.ntypes = 1;
	run_fails(&spec, RD_EINPUT, 0, 0, "no row has the bad value \"1.0\" "
	    "in column \"num10\"; values found: \"0\", \"1\"");
	spec.types = NULL;
	spec.ntypes = 0;
	spec.table = "t";
	/* Values compare with their case: yn holds Y, N, "", X. */
	spec.target = "yn";
	spec.bad = "y";
	run_fails(&spec, RD_EINPUT, 0, 0, "no row has the bad value \"y\" in "
	    "column \"yn\"; values found: \"N\", \"X\", \"Y\"");
	/* The bad value is there but a good one is not. */
	spec.bad = "Y";
	spec.good[0] = "N";
	spec.good[1] = "n";
	spec.ngood = 2;
	run_fails(&spec, RD_EINPUT, 0, 0, "no row has the good value \"n\" "
	    "in column \"yn\"; values found: \"N\", \"X\", \"Y\"");
	/* Both present: imported (Y Y bad, N good, X and "" indeterminate). */
	spec.ngood = 1;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 2);
	ck_assert_uint_eq(sum.goods, 1);
	ck_assert_uint_eq(sum.indeterminate, 2);
	import_summary_done(&sum);
}
END_TEST

/*
 * Numbers written with a leading zero: codes (half of the numbers or more
 * so written, or all of one width) keep their text, other numbers are
 * read as numbers; a warning states each choice and the other reading.
 */
START_TEST(test_leading_zeros)
{
	struct import_spec spec;
	struct import_summary sum;

	/* leading-zero.csv, per column: code 007 12 "" -> TEXT (one of two
	 * numbers with a leading zero); neg -0123 5 7 -> INTEGER (one of
	 * three, widths 5, 1, 1); zero 0 0 0 -> INTEGER; half 0.5 1.5 0 ->
	 * REAL; mixed 12 0123 "" -> TEXT (one of two); plus +01 3 4 ->
	 * INTEGER (one of three); negzero -0 0.25 -0.5 -> REAL ("0" and
	 * "0.5" are numbers, "-0" has no leading zero). */
	spec_for(&spec, "leading-zero.csv", "lz");
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.ncolumns, 8);
	ck_assert_int_eq(sum.columns[0].type, IMPORT_INTEGER);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_TEXT);
	ck_assert_int_eq(sum.columns[2].type, IMPORT_INTEGER);
	ck_assert_int_eq(sum.columns[3].type, IMPORT_INTEGER);
	ck_assert_int_eq(sum.columns[4].type, IMPORT_REAL);
	ck_assert_int_eq(sum.columns[5].type, IMPORT_TEXT);
	ck_assert_int_eq(sum.columns[6].type, IMPORT_INTEGER);
	ck_assert_int_eq(sum.columns[7].type, IMPORT_REAL);
	ck_assert_uint_eq(sum.nwarnings, 4);
	ck_assert_str_eq(sum.warnings[0], "column \"code\": 1 of 2 values "
	    "are written with a leading zero (e.g. \"007\") and that is half "
	    "of them or more: kept as text, as codes whose zeros matter; to "
	    "read them as numbers, import with --type code=integer");
	ck_assert_str_eq(sum.warnings[1], "column \"neg\": 1 of 3 values "
	    "are written with a leading zero (e.g. \"-0123\"): read as "
	    "numbers (\"-0123\" is -123); to keep them as text, import with "
	    "--type neg=text");
	ck_assert_str_eq(sum.warnings[3], "column \"plus\": 1 of 3 values "
	    "are written with a leading zero (e.g. \"+01\"): read as numbers "
	    "(\"+01\" is 1); to keep them as text, import with --type "
	    "plus=text");
	ck_assert_uint_eq(sum.columns[2].nsuggest, 1);
	ck_assert_str_eq(sum.columns[2].suggest[0], "--type neg=text");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT code FROM lz WHERE id = 1"), "007");
	ck_assert_str_eq(q_text("SELECT typeof(code) FROM lz WHERE id = 2"),
	    "text");
	ck_assert_str_eq(q_text("SELECT neg FROM lz WHERE id = 1"), "-123");
	ck_assert_str_eq(q_text("SELECT mixed FROM lz WHERE id = 2"), "0123");
	ck_assert_str_eq(q_text("SELECT plus FROM lz WHERE id = 1"), "1");
	ck_assert_str_eq(q_text("SELECT typeof(half) FROM lz WHERE id = 1"),
	    "real");
}
END_TEST

/* Every name starting with rd_ or sqlite_, in any case, is refused. */
START_TEST(test_reserved_names)
{
	static const char *const names[] = { "rd_setting", "RD_TABLE",
	    "Rd_binning", "rd_new", "sqlite_master" };
	struct import_spec spec;
	char msg[256];
	size_t k;

	seed();
	for (k = 0; k < sizeof names / sizeof names[0]; k++) {
		spec_for(&spec, "pipe.csv", names[k]);
		spec.mode = IMPORT_REPLACE;
		snprintf(msg, sizeof msg, "table name \"%s\" is reserved: "
		    "names starting with rd_ or sqlite_ (in any case) belong "
		    "to riskdesk and SQLite", names[k]);
		run_fails(&spec, RD_EUSAGE, 0, 0, msg);
		spec.mode = IMPORT_APPEND;
		run_fails(&spec, RD_EUSAGE, 0, 0, msg);
	}
}
END_TEST

/* Blank, over-long and control-character names are refused. */
START_TEST(test_bad_table_names)
{
	char longname[DB_TABLE_NAME_MAX + 2];
	struct import_spec spec;
	struct import_summary sum;

	seed();
	spec_for(&spec, "pipe.csv", " ");
	run_fails(&spec, RD_EUSAGE, 0, 0, "expected a table name, found only "
	    "blanks");
	spec.table = "a\x01" "b";
	run_fails(&spec, RD_EUSAGE, 0, 0, "expected a table name without "
	    "control characters, found byte 0x01 at byte 2");
	spec.table = "ab\x7f";
	run_fails(&spec, RD_EUSAGE, 0, 0, "expected a table name without "
	    "control characters, found byte 0x7f at byte 3");
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	spec.table = longname;
	run_fails(&spec, RD_EUSAGE, 0, 0, "expected a table name of at most "
	    "128 bytes, found 129 bytes");
	/* 128 bytes is fine. */
	longname[DB_TABLE_NAME_MAX] = '\0';
	run_ok(&spec, &sum);
	import_summary_done(&sum);
}
END_TEST

/* The same value as bad and good is refused before any work. */
START_TEST(test_bad_is_good)
{
	struct import_spec spec;

	seed();
	spec_for(&spec, "codings.csv", "c");
	spec.target = "num10";
	spec.bad = "1";
	spec.good[0] = "0";
	spec.good[1] = "1";
	spec.ngood = 2;
	run_fails(&spec, RD_EUSAGE, 0, 0, "\"1\" given as both a bad and "
	    "a good value");
}
END_TEST

/* ====================================================== keys, rejects */

START_TEST(test_duplicate_ids)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;
	char want[2048];

	seed();
	spec_for(&spec, "dup-id.csv", "d");
	spec.id = "id";
	snprintf(want, sizeof want, "expected unique values in id column "
	    "\"id\", found 2 duplicates (\"1\" first) at lines 4, 6; use "
	    "--on-duplicate first to keep the first of each");
	run_fails(&spec, RD_EINPUT, 4, 0, want);
	spec.on_duplicate = IMPORT_DUP_FIRST;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_imported, 3);
	ck_assert_uint_eq(sum.rows_rejected, 2);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT group_concat(v, '') FROM d"), "abd");
	ck_assert_str_eq(q_text("SELECT group_concat(line || ':' || raw || "
	    "':' || reason, ';') FROM rd_reject WHERE tbl = 'd'"),
	    "4:1,c:duplicate id \"1\" in column \"id\";"
	    "6:2,e:duplicate id \"2\" in column \"id\"");
	/* strict turns the reject into a failure at its line. */
	spec.table = "d2";
	spec.strict = 1;
	run_fails(&spec, RD_EINPUT, 4, 0, "duplicate id \"1\" in column "
	    "\"id\"");
	(void)err;
}
END_TEST

START_TEST(test_field_count_reject)
{
	struct import_spec spec;
	struct import_summary sum;

	seed();
	spec_for(&spec, "badcount.csv", "b");
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_read, 4);
	ck_assert_uint_eq(sum.rows_rejected, 1);
	import_summary_done(&sum);
	ck_assert_int_eq(q_int("SELECT count(*) FROM b"), 3);
	ck_assert_str_eq(q_text("SELECT rows FROM rd_table WHERE name = 'b'"),
	    "3");
	spec.table = "b2";
	spec.strict = 1;
	run_fails(&spec, RD_EINPUT, 5, 0, "expected 3 fields, found 2");
}
END_TEST

START_TEST(test_append_and_replace)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "append1.csv", "ap");
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	/* Same columns in another order. */
	spec_for(&spec, "append2.csv", "ap");
	spec.mode = IMPORT_APPEND;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_imported, 1);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT group_concat(a || b, '|') FROM ap"),
	    "1x|2y|3z");
	ck_assert_int_eq(q_int("SELECT rows FROM rd_table WHERE name = 'ap'"),
	    3);
	/* Text into the INTEGER column a: refused, nothing changes. */
	spec_for(&spec, "append-bad.csv", "ap");
	spec.mode = IMPORT_APPEND;
	run_fails(&spec, RD_EINPUT, 1, 0, "column \"a\": expected INTEGER "
	    "values to append to table \"ap\", found TEXT");
	spec_for(&spec, "pipe.csv", "ap");
	spec.mode = IMPORT_APPEND;
	run_fails(&spec, RD_EINPUT, 1, 0, "expected column \"a\" of table "
	    "\"ap\" in the header, found no such column");
	spec.mode = IMPORT_CREATE;
	run_fails(&spec, RD_EUSAGE, 0, 0, "table \"ap\" exists; use "
	    "--replace or --append");
	spec.mode = IMPORT_REPLACE;
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	ck_assert_int_eq(q_int("SELECT count(*) FROM ap"), 3);
	ck_assert_str_eq(q_text("SELECT code FROM ap WHERE id = 2"), "B|C");
}
END_TEST

/*
 * Appending cannot redefine the target: codings.csv has num10 (bad 1,
 * good 0) and yn; another target, bad value or good list is refused and
 * the table stays as it was; the same (target name in any case) or none
 * keeps the stored coding.
 */
START_TEST(test_append_keeps_target)
{
	static const char *const msg = "table \"cd\" has target num10 with "
	    "bad value \"1\" and its good values; --append must give the "
	    "same (or none)";
	struct import_spec spec;
	struct import_summary sum;

	spec_for(&spec, "codings.csv", "cd");
	spec.target = "num10";
	spec.bad = "1";
	spec.good[0] = "0";
	spec.ngood = 1;
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	spec.mode = IMPORT_APPEND;
	spec.bad = "0";
	spec.good[0] = "1";
	run_fails(&spec, RD_EINPUT, -1, 0, msg);
	spec.target = "yn";
	spec.bad = "Y";
	spec.ngood = 0;
	run_fails(&spec, RD_EINPUT, -1, 0, msg);
	spec.target = "num10";
	spec.bad = "1";
	spec.good[0] = "2";
	spec.ngood = 1;
	run_fails(&spec, RD_EINPUT, -1, 0, msg);
	ck_assert_int_eq(q_int("SELECT count(*) FROM cd"), 5);
	/* The same definition, and none: the stored coding is kept.  Per
	 * file num10 is 1,0,0,(missing),1: 2 bad, 2 good, 1 indeterminate. */
	spec.target = "NUM10";
	spec.good[0] = "0";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 2);
	ck_assert_uint_eq(sum.goods, 2);
	import_summary_done(&sum);
	spec.target = spec.bad = NULL;
	spec.ngood = 0;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 2);
	ck_assert_uint_eq(sum.goods, 2);
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT target || ':' || bad || ':' || good "
	    "|| ':' || bads || ':' || goods FROM rd_table WHERE name = 'cd'"),
	    "num10:1:0:6:6");
}
END_TEST

/* A quoted field opened on line 3 and closed badly on line 4: the error
 * is at the first character after the closing quote, naming where the
 * field opened. */
START_TEST(test_quote_error_line)
{
	static const char csv[] = "a,b\n1,2\n3,\"open\n4\"y\n";
	struct import_spec spec;
	FILE *f;

	seed();
	f = fopen("quote-line.csv", "w");
	ck_assert_ptr_nonnull(f);
	fputs(csv, f);
	fclose(f);
	memset(&spec, 0, sizeof spec);
	spec.csv_path = "quote-line.csv";
	spec.table = "ql";
	run_fails(&spec, RD_EINPUT, 4, 3, "expected ',' or end of line after "
	    "the closing quote of the field opened at line 3 column 3, found "
	    "'y'");
	unlink("quote-line.csv");
}
END_TEST

START_TEST(test_full_disk)
{
	struct import_spec spec;

	seed();
	/* SQLite answers SQLITE_FULL once the file would pass max_page_count
	 * pages, as it does on a full disk: the schema page and the
	 * metadata tables and their indexes (a page each) take 15 pages,
	 * so 17 leave room to create the new table but not for its rows. */
	ck_assert_int_eq(sqlite3_exec(db_sqlite(cur_db), "PRAGMA "
	    "max_page_count = 17", NULL, NULL, NULL), SQLITE_OK);
	spec_for(&spec, "../../../data/german_credit.csv", "g");
	run_fails(&spec, RD_EDB, -1, 0, "cannot insert record: database or "
	    "disk is full");
}
END_TEST

/* Progress callback that records passes and cancels in pass 2. */
struct watch {
	int saw[3];
	uint64_t last_done, total;
	volatile sig_atomic_t cancel;
	int cancel_in_pass;
};

static void
watch_progress(void *arg, const struct import_progress *p)
{
	struct watch *w = arg;

	w->saw[p->pass] = 1;
	w->last_done = p->bytes_done;
	w->total = p->bytes_total;
	if (p->pass == w->cancel_in_pass)
		w->cancel = 1;
}

START_TEST(test_progress_and_cancel)
{
	struct import_spec spec;
	struct import_summary sum;
	struct watch w;

	seed();
	memset(&w, 0, sizeof w);
	spec_for(&spec, "../../../data/german_credit.csv", "g");
	spec.progress = watch_progress;
	spec.progress_arg = &w;
	spec.cancel = &w.cancel;
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	ck_assert(w.saw[1] && w.saw[2]);
	/* 268042 bytes: ls -l data/german_credit.csv */
	ck_assert_uint_eq(w.total, 268042);
	ck_assert_uint_eq(w.last_done, w.total);

	/* Cancel during pass 2 (268042 bytes are five 64 KiB blocks): the
	 * rows inserted so far roll back. */
	memset(&w, 0, sizeof w);
	w.cancel_in_pass = 2;
	spec.table = "g2";
	run_fails(&spec, RD_EINPUT, 0, 0, "interrupted: nothing imported");
}
END_TEST

/* ============================================================ profile */

START_TEST(test_profile_small)
{
	struct import_spec spec;
	struct import_summary sum;
	struct profile *p;
	struct rd_err err;
	const struct profile_column *c;

	spec_for(&spec, "profile.csv", "pr");
	spec.target = "bad";
	spec.bad = "1";
	spec.good[0] = "0";
	spec.ngood = 1;
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	p = profile_table(cur_db, "pr", 0, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_uint_eq(p->rows, 6);
	ck_assert_uint_eq(p->ncols, 5);
	/* bads 2 (ids 2, 5) of 6 known: 1/3. */
	ck_assert_double_eq_tol(p->bad_rate, 1.0 / 3, 1e-12);

	/* amount: 2.385, 7.5, (missing), 10, 4.25, -1.  n = 5, sorted
	 * -1, 2.385, 4.25, 7.5, 10.  mean = 23.135 / 5 = 4.627.  Squared
	 * deviations 31.663129 + 5.026564 + 0.142129 + 8.254129 +
	 * 28.869129 = 73.95508; sd = sqrt(73.95508 / 4) = 4.2998569744.
	 * R type 7: h = 4p; p1: -1 + 0.04 * 3.385 = -0.8646; p5: -1 + 0.2 *
	 * 3.385 = -0.323; p25 = x[1] = 2.385; p50 = 4.25; p75 = 7.5; p95:
	 * 7.5 + 0.8 * 2.5 = 9.5; p99: 7.5 + 0.96 * 2.5 = 9.9.  (Checked with
	 * Python 3.11 statistics.mean/stdev.) */
	c = &p->cols[1];
	ck_assert_int_eq(c->type, IMPORT_REAL);
	ck_assert_uint_eq(c->missing, 1);
	ck_assert_double_eq_tol(c->missing_pct, 100.0 / 6, 1e-12);
	ck_assert_uint_eq(c->distinct, 5);
	ck_assert_uint_eq(c->n, 5);
	ck_assert_double_eq_tol(c->min, -1, 1e-12);
	ck_assert_double_eq_tol(c->max, 10, 1e-12);
	ck_assert_double_eq_tol(c->mean, 4.627, 1e-12);
	ck_assert_double_eq_tol(c->sd, 4.299856974365543, 1e-12);
	ck_assert_double_eq_tol(c->q[0], -0.8646, 1e-12);
	ck_assert_double_eq_tol(c->q[1], -0.323, 1e-12);
	ck_assert_double_eq_tol(c->q[2], 2.385, 1e-12);
	ck_assert_double_eq_tol(c->q[3], 4.25, 1e-12);
	ck_assert_double_eq_tol(c->q[4], 7.5, 1e-12);
	ck_assert_double_eq_tol(c->q[5], 9.5, 1e-12);
	ck_assert_double_eq_tol(c->q[6], 9.9, 1e-12);

	/* grade: A 3, B 2, C 1 of 6. */
	c = &p->cols[2];
	ck_assert_int_eq(c->type, IMPORT_TEXT);
	ck_assert_uint_eq(c->ntop, 3);
	ck_assert_str_eq(c->top[0].value, "A");
	ck_assert_double_eq_tol(c->top[0].share, 0.5, 1e-12);
	ck_assert_str_eq(c->top[1].value, "B");
	ck_assert_double_eq_tol(c->top[1].share, 2.0 / 6, 1e-12);
	ck_assert_str_eq(c->top[2].value, "C");

	/* opened: 2024-01-15 .. 2024-03-05; Jan 2, Feb 2, Mar 1. */
	c = &p->cols[3];
	ck_assert_int_eq(c->type, IMPORT_DATE);
	ck_assert_str_eq(c->first, "2024-01-15");
	ck_assert_str_eq(c->last, "2024-03-05");
	ck_assert_uint_eq(c->nmonths, 3);
	ck_assert_str_eq(c->months[0].month, "2024-01");
	ck_assert_uint_eq(c->months[0].count, 2);
	ck_assert_str_eq(c->months[1].month, "2024-02");
	ck_assert_uint_eq(c->months[1].count, 2);
	ck_assert_uint_eq(c->months[2].count, 1);

	/* The target: 0 four times, 1 twice. */
	c = &p->cols[4];
	ck_assert(c->is_target);
	ck_assert_str_eq(c->top[0].value, "0");
	ck_assert_uint_eq(c->top[0].count, 4);
	profile_free(p);

	ck_assert_ptr_null(profile_table(cur_db, "nosuch", 0, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
}
END_TEST

/* ------------------------------------------ profile: counts = cells */

/* Bit-equal doubles (any NaN equals any NaN). */
static int
same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static int
cmp_dbl(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* The next of a 64-bit LCG (Knuth's MMIX constants), top bits as
   a uniform draw in [0, 1). */
static double
lcg_unif(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*s >> 11) / 9007199254740992.0;
}

/*
 * The figures of numeric column col of table t as computed from every
 * cell sorted (profile_table before it counted distinct values): the
 * cells sorted with qsort, min and max at the ends, profile_quantile, the
 * distinct count from adjacent cells, the mean and the sum of squared
 * deviations in two passes over the sorted cells scaled by 2^-e, and the
 * warnings from colscan_add over the sorted cells, declared special
 * values left out.  Into ref (name and type set by the caller).
 */
static void
profile_from_cells(const char *t, struct profile_column *ref)
{
	char sql[256];
	sqlite3_stmt *st;
	struct db_special *sp;
	struct colscan cs;
	struct rd_err err;
	double *x = NULL, sum = 0, ss = 0, big, mean;
	size_t n = 0, cap = 0, i, k, nsp;
	int e = 0;

	snprintf(sql, sizeof sql, "SELECT \"%s\" FROM \"%s\" WHERE typeof("
	    "\"%s\") IN ('integer', 'real')", ref->name, t, ref->name);
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(cur_db), sql, -1, &st,
	    NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			x = realloc(x, cap * sizeof *x);
			ck_assert_ptr_nonnull(x);
		}
		x[n++] = sqlite3_column_double(st, 0);
	}
	sqlite3_finalize(st);
	qsort(x, n, sizeof *x, cmp_dbl);
	ref->n = n;
	ref->min = n ? x[0] : NAN;
	ref->max = n ? x[n - 1] : NAN;
	big = n ? fmax(fabs(x[0]), fabs(x[n - 1])) : 0;
	if (big > 0)
		frexp(big, &e);
	for (i = 0; i < n; i++)
		sum += ldexp(x[i], -e);
	mean = n ? sum / (double)n : NAN;
	ref->mean = ldexp(mean, e);
	for (i = 0; i < n; i++) {
		double d = ldexp(x[i], -e) - mean;

		ss += d * d;
	}
	ref->sd = n > 1 ? ldexp(sqrt(ss / (double)(n - 1)), e) : NAN;
	for (k = 0; k < PROFILE_NQ; k++)
		ref->q[k] = profile_quantile(x, n, profile_qlevel[k]);
	ref->distinct = 0;
	for (i = 0; i < n; i++)
		if (i == 0 || x[i] != x[i - 1])
			ref->distinct++;
	ck_assert_int_eq(db_special_values(cur_db, t, ref->name, &sp, &nsp,
	    &err), 0);
	colscan_init(&cs);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nsp; k++)
			if (sp[k].num == x[i])
				break;
		if (k == nsp)
			colscan_add(&cs, x[i]);
	}
	profile_column_warnings(ref, &cs, 0, 0);
	db_special_free(sp, nsp);
	free(x);
}

/*
 * profile_table keeps each numeric column's distinct values with their
 * counts, not its cells; its figures must be those of the sorted cells,
 * bit for bit.  A generated table of 200,000 rows: an id (200,000
 * distinct values: past the hash table, into sorted runs merged in turn,
 * and the radix sorts), amounts in cents with ties (past the table too,
 * repeats merged), a declared -999, a share of millions and one amount
 * in 13% of the rows, values of every magnitude up to 1.7e308 (the
 * scaling of the sums), counts 0..6 with a nines code 99 (a few values:
 * qsort; a sentinel warning), codes 1/2 (the codes warning), and a rate
 * of 0.1 in 83% of the rows, 0.25 and 0.7 (0.1 added 166,000 times is
 * not 0.1 times 166,000: the mean and sd tell the order of the
 * additions); NULLs in each.
 */
START_TEST(test_profile_counts_equal_cells)
{
	static const char *const cols[] = { "id", "amt", "big", "cnt",
	    "code", "rate" };
	struct import_special sp = { "amt", "-999" };
	struct import_spec spec;
	struct import_summary sum;
	struct profile *p;
	struct rd_err err;
	char path[256];
	unsigned long long seed = 20261207;
	size_t i, j, k, nwarn = 0;
	FILE *fp;

	snprintf(path, sizeof path, "scratch-profile-%ld.csv",
	    (long)getpid());
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("id,amt,big,cnt,code,rate,y\n", fp);
	for (i = 1; i <= 200000; i++) {
		double u = lcg_unif(&seed), v = lcg_unif(&seed);
		double w = lcg_unif(&seed);

		fprintf(fp, "%zu,", i);
		if (u < 0.05)
			fputs(",", fp);
		else if (u < 0.12)
			fputs("-999,", fp);
		else if (u < 0.17)
			fprintf(fp, "%.2f,", 1e6 * (1 + 9 * v));
		else if (u < 0.3)
			fputs("1234.57,", fp);
		else
			fprintf(fp, "%.2f,", floor(v * 4e5 - 1e5) / 100);
		if (w < 0.04)
			fputs(",", fp);
		else if (w < 0.2)
			fprintf(fp, "%.17g,", (2 * v - 1) * 1.7e308);
		else if (w < 0.3)
			fprintf(fp, "%.17g,", v * 1e-300);
		else if (w < 0.45)
			fputs("0.1,", fp);
		else
			fprintf(fp, "%.17g,", (v - 0.3) * 1e9);
		if (u > 0.97)
			fputs(",", fp);
		else if (v < 0.03)
			fputs("99,", fp);
		else
			fprintf(fp, "%d,", (int)(w * 7));
		fprintf(fp, "%s,%s,%d\n", u > 0.99 ? "" : v < 0.4 ? "1" :
		    "2", w < 0.02 ? "" : w < 0.85 ? "0.1" : w < 0.95 ? "0.25" :
		    "0.7", w < 0.3);
	}
	ck_assert_int_eq(fclose(fp), 0);
	memset(&spec, 0, sizeof spec);
	spec.csv_path = path;
	spec.table = "pc";
	spec.target = "y";
	spec.bad = "1";
	spec.special = &sp;
	spec.nspecial = 1;
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	unlink(path);

	p = profile_table(cur_db, "pc", 0, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	for (k = 0; k < sizeof cols / sizeof *cols; k++) {
		struct profile_column ref;
		const struct profile_column *c;

		for (j = 0; j < p->ncols; j++)
			if (strcmp(p->cols[j].name, cols[k]) == 0)
				break;
		ck_assert_uint_lt(j, p->ncols);
		c = &p->cols[j];
		memset(&ref, 0, sizeof ref);
		ref.name = (char *)cols[k];
		ref.type = c->type;
		profile_from_cells("pc", &ref);
		ck_assert_uint_eq(c->n, ref.n);
		ck_assert_uint_eq(c->distinct, ref.distinct);
		ck_assert_msg(same_double(c->min, ref.min) &&
		    same_double(c->max, ref.max), "%s: min/max", cols[k]);
		ck_assert_msg(same_double(c->mean, ref.mean), "%s: mean "
		    "%.17g, from the cells %.17g", cols[k], c->mean, ref.mean);
		ck_assert_msg(same_double(c->sd, ref.sd), "%s: sd %.17g, "
		    "from the cells %.17g", cols[k], c->sd, ref.sd);
		for (i = 0; i < PROFILE_NQ; i++)
			ck_assert_msg(same_double(c->q[i], ref.q[i]), "%s: "
			    "q[%zu] %.17g, from the cells %.17g", cols[k], i,
			    c->q[i], ref.q[i]);
		if (c->role == NULL) {
			ck_assert_uint_eq(c->nwarnings, ref.nwarnings);
			for (i = 0; i < c->nwarnings; i++)
				ck_assert_str_eq(c->warnings[i],
				    ref.warnings[i]);
			ck_assert_uint_eq(c->nsuggest, ref.nsuggest);
			for (i = 0; i < c->nsuggest; i++)
				ck_assert_str_eq(c->suggest[i],
				    ref.suggest[i]);
			nwarn += c->nwarnings;
		}
		for (i = 0; i < ref.nwarnings; i++)
			free(ref.warnings[i]);
		free(ref.warnings);
		for (i = 0; i < ref.nsuggest; i++)
			free(ref.suggest[i]);
		free(ref.suggest);
	}
	/* The id went past the table, and warnings were compared: the
	   nines of cnt and the codes of code at least. */
	ck_assert_uint_eq(p->cols[0].distinct, 200000);
	ck_assert_uint_ge(nwarn, 2);
	profile_free(p);
}
END_TEST

START_TEST(test_profile_german)
{
	struct import_spec spec;
	struct import_summary sum;
	struct profile *p;
	struct rd_err err;
	const struct profile_column *c;
	size_t j;

	spec_for(&spec, "../../../data/german_credit.csv", "g");
	spec.target = "creditability";
	spec.bad = "bad";
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	p = profile_table(cur_db, "g", 3, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_double_eq_tol(p->bad_rate, 0.3, 1e-12);
	/* Reference: Python 3.11 on data/german_credit.csv,
	 * statistics.mean / statistics.stdev of duration_in_month:
	 * 20.903 and 12.058814452756375; type-7 quantiles 6, 6, 12, 18, 24,
	 * 48, 60; credit_amount mean 3271.258, sd 2822.7368759604406, p95
	 * 9162.7 (h = 949.05: 9162.7), p99 14180.39. */
	for (j = 0; j < p->ncols; j++)
		if (strcmp(p->cols[j].name, "duration_in_month") == 0)
			break;
	c = &p->cols[j];
	ck_assert_uint_eq(c->n, 1000);
	ck_assert_double_eq_tol(c->mean, 20.903, 1e-9);
	ck_assert_double_eq_tol(c->sd, 12.058814452756375, 1e-9);
	ck_assert_double_eq_tol(c->min, 4, 1e-12);
	ck_assert_double_eq_tol(c->max, 72, 1e-12);
	ck_assert_double_eq_tol(c->q[2], 12, 1e-12);
	ck_assert_double_eq_tol(c->q[3], 18, 1e-12);
	ck_assert_double_eq_tol(c->q[5], 48, 1e-12);
	for (j = 0; j < p->ncols; j++)
		if (strcmp(p->cols[j].name, "credit_amount") == 0)
			break;
	c = &p->cols[j];
	ck_assert_double_eq_tol(c->mean, 3271.258, 1e-9);
	ck_assert_double_eq_tol(c->sd, 2822.7368759604406, 1e-8);
	ck_assert_double_eq_tol(c->q[5], 9162.7, 1e-8);
	ck_assert_double_eq_tol(c->q[6], 14180.39, 1e-8);
	/* purpose: radio/television 280 of 1000. */
	for (j = 0; j < p->ncols; j++)
		if (strcmp(p->cols[j].name, "purpose") == 0)
			break;
	c = &p->cols[j];
	ck_assert_uint_eq(c->ntop, 3);
	ck_assert_str_eq(c->top[0].value, "radio/television");
	ck_assert_double_eq_tol(c->top[0].share, 0.28, 1e-12);
	ck_assert_str_eq(c->top[1].value, "car (new)");
	ck_assert_uint_eq(c->top[1].count, 234);
	profile_free(p);
}
END_TEST

/* =============================================================== link */

START_TEST(test_link)
{
	struct import_spec spec;
	struct import_summary sum;
	struct link_spec ls;
	struct link_summary lsum;
	struct dataset *ds;
	struct rd_err err;

	spec_for(&spec, "applicants.csv", "apps");
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	spec_for(&spec, "performance.csv", "perf");
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	memset(&ls, 0, sizeof ls);
	ls.applicants = "apps";
	ls.performance = "perf";
	ls.on = "app_id";
	ls.target = "bad";
	ls.bad = "1";
	ls.good[0] = "0";
	ls.ngood = 1;
	ls.as = "model";
	ck_assert_msg(link_tables(cur_db, &ls, &lsum, &err) == 0, "%s",
	    err.msg);
	/* Six applicant rows.  1 -> good, 2 -> bad; 4 has two performance
	 * rows (not attributable), 3 and both 5s have none: 4
	 * indeterminate.  Performance key 9 has no applicant. */
	ck_assert_uint_eq(lsum.applicants, 6);
	ck_assert_uint_eq(lsum.performance, 5);
	ck_assert_uint_eq(lsum.linked, 2);
	ck_assert_uint_eq(lsum.bads, 1);
	ck_assert_uint_eq(lsum.goods, 1);
	ck_assert_uint_eq(lsum.indeterminate, 4);
	ck_assert_uint_eq(lsum.dup_applicants.count, 1);
	ck_assert_str_eq(lsum.dup_applicants.first[0], "5");
	ck_assert_uint_eq(lsum.dup_performance.count, 1);
	ck_assert_str_eq(lsum.dup_performance.first[0], "4");
	ck_assert_uint_eq(lsum.orphans.count, 1);
	ck_assert_str_eq(lsum.orphans.first[0], "9");
	ck_assert_str_eq(lsum.target, "bad");
	link_summary_done(&lsum);
	ck_assert_str_eq(q_text("SELECT group_concat(app_id || ':' || "
	    "ifnull(balance, '-'), ' ') FROM model"),
	    "1:500 2:1200 3:- 4:- 5:- 5:-");
	ck_assert_str_eq(q_text("SELECT type FROM pragma_table_info('model') "
	    "WHERE name = 'balance'"), "INTEGER");
	ds = db_dataset_load(cur_db, "model", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_uint_eq(ds->nbad, 1);
	ck_assert_uint_eq(ds->ngood, 1);
	ck_assert_uint_eq(ds->nindet, 4);
	ds_free(ds);
	/* Again without --replace: refused, unchanged. */
	ck_assert_int_eq(link_tables(cur_db, &ls, &lsum, &err), -1);
	ck_assert_str_eq(err.msg, "table \"model\" exists; use --replace");
	ls.replace = 1;
	ls.on = "nosuch";
	ck_assert_int_eq(link_tables(cur_db, &ls, &lsum, &err), -1);
	ck_assert_str_eq(err.msg, "expected key column \"nosuch\" in table "
	    "\"apps\", found no such column");
	ck_assert_int_eq(q_int("SELECT count(*) FROM model"), 6);
	/* The new table may not replace one of its sources. */
	ls.on = "app_id";
	ls.as = "perf";
	ck_assert_int_eq(link_tables(cur_db, &ls, &lsum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_int_eq(q_int("SELECT count(*) FROM perf"), 5);
	/* A bad value no linked row has: refused, nothing written. */
	ls.as = "model2";
	ls.bad = "yes";
	ck_assert_int_eq(link_tables(cur_db, &ls, &lsum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "no row has the bad value \"yes\" in "
	    "column \"bad\" of the linked rows; values found: \"0\", \"1\"");
	ck_assert_int_eq(q_int("SELECT count(*) FROM sqlite_master WHERE "
	    "name = 'model2'"), 0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM rd_table WHERE "
	    "name = 'model2'"), 0);
	/* Nor a blank name. */
	ls.bad = "1";
	ls.as = " ";
	ck_assert_int_eq(link_tables(cur_db, &ls, &lsum, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
}
END_TEST

/* ===================================== real-world files (realworld/) */

/* A spec for tests/data/realworld/import-<name>.csv into table. */
static void
spec_rw(struct import_spec *spec, const char *name, const char *table)
{
	char file[256];

	snprintf(file, sizeof file, "%s.csv", name);
	spec_at(spec, "realworld", "import-", file, table);
}

/* The recorded note of column col of table t, or "<none>". */
static const char *
role_note(const char *t, const char *col)
{
	static char sql[512];

	snprintf(sql, sizeof sql, "SELECT ifnull((SELECT role || '|' || note "
	    "FROM rd_column WHERE tbl = '%s' AND col = '%s'), '<none>')", t,
	    col);
	return q_text(sql);
}

/*
 * R's write.csv: an empty first header cell over row numbers.  The cell
 * is named column_1 and stated; the row numbers 1..25 in file order are
 * recorded as an identifier; the target Status counts 2 bad of every 5
 * rows (rows i with i mod 5 in {1, 4}): 10 bads, 15 goods.
 */
START_TEST(test_header_r_row_names)
{
	struct import_spec spec;
	struct import_summary sum;
	struct dataset *ds;
	struct rd_err err;

	spec_rw(&spec, "rnames", "cd");
	spec.target = "Status";
	spec.bad = "bad";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 10);
	ck_assert_uint_eq(sum.goods, 15);
	ck_assert_str_eq(sum.columns[0].name, "column_1");
	ck_assert_int_eq(sum.columns[0].name_from, IMPORT_NAME_EMPTY);
	ck_assert_str_eq(sum.columns[0].header, "");
	ck_assert_str_eq(sum.columns[0].role, DS_ROLE_IDENTIFIER);
	ck_assert_str_eq(sum.columns[0].role_note, "identifier: row number "
	    "1..25");
	ck_assert_int_eq(sum.columns[1].name_from, IMPORT_NAME_HEADER);
	ck_assert_ptr_null(sum.columns[1].header);
	ck_assert_ptr_null(sum.columns[1].role);
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "column 1 has no name in the "
	    "header; named \"column_1\"");
	import_summary_done(&sum);
	ck_assert_str_eq(role_note("cd", "column_1"), "identifier|identifier: "
	    "row number 1..25");
	ck_assert_str_eq(role_note("cd", "Income"), "ordinary|");
	/* The dataset carries the role for binning and fitting. */
	ds = db_dataset_load(cur_db, "cd", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	ck_assert_int_eq(ds_column_is_identifier(&ds->cols[0]), 1);
	ck_assert_int_eq(ds_column_is_identifier(&ds->cols[2]), 0);
	ds_free(ds);
	/* The same from a BOM, CR LF lines and no last newline. */
	spec_rw(&spec, "bom-crlf", "bc");
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[0].name, "column_1");
	ck_assert_str_eq(sum.columns[0].role_note, "identifier: row number "
	    "1..20");
	ck_assert_uint_eq(sum.rows_imported, 20);
	import_summary_done(&sum);
	ck_assert_int_eq(q_int("SELECT Income FROM bc WHERE column_1 = 20"),
	    160);
}
END_TEST

/* Repeated names get R's suffixes (names compare without case), stated,
 * with a warning naming --no-header. */
START_TEST(test_header_repeated_names)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_rw(&spec, "dupnames", "dn");
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[1].name, "age");
	ck_assert_str_eq(sum.columns[2].name, "Age.1");
	ck_assert_str_eq(sum.columns[2].header, "Age");
	ck_assert_int_eq(sum.columns[2].name_from, IMPORT_NAME_REPEATED);
	ck_assert_str_eq(sum.columns[3].name, "age.2");
	ck_assert_str_eq(sum.warnings[0], "column 3, \"Age\", repeats the "
	    "name of column 2, \"age\" (names compare without case); named "
	    "\"Age.1\"");
	ck_assert_str_eq(sum.warnings[1], "column 4, \"age\", repeats the "
	    "name of column 2, \"age\"; named \"age.2\"");
	ck_assert_str_eq(sum.warnings[2], "the first line repeats a name: if "
	    "it is data, not names, import with --no-header (and --names to "
	    "name the columns)");
	import_summary_done(&sum);
	/* id 103, 106, ..., 160: unique, named like an id, not dense (58
	 * > 1.5 x 20). */
	ck_assert_str_eq(role_note("dn", "id"), "identifier|identifier: 20 "
	    "distinct values in 20 rows");
	ck_assert_int_eq(q_int("SELECT \"age.2\" FROM dn WHERE id = 103"), 47);
	/* The old fixtures: an empty cell between names, "a,b,A". */
	spec_for(&spec, "empty-name.csv", "en");
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[1].name, "column_2");
	import_summary_done(&sum);
	spec_for(&spec, "dup-name.csv", "du");
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[2].name, "A.1");
	import_summary_done(&sum);
}
END_TEST

/* A first line of data: a warning without --no-header; with it, names
 * given or numbered, and the first line imported as a row. */
START_TEST(test_header_no_header)
{
	static const char *const names[] = { "grade", "flag", "amount" };
	struct import_spec spec;
	struct import_summary sum;

	spec_rw(&spec, "noheader", "nh");
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_imported, 24);
	ck_assert_str_eq(sum.columns[2].name, "1.5");
	ck_assert_str_eq(sum.warnings[0], "the first line is all numbers: if "
	    "it is data, not names, import with --no-header (and --names to "
	    "name the columns)");
	import_summary_done(&sum);

	spec_rw(&spec, "noheader", "nh2");
	spec.no_header = 1;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_read, 25);
	ck_assert_uint_eq(sum.rows_imported, 25);
	ck_assert_str_eq(sum.columns[0].name, "column_1");
	ck_assert_int_eq(sum.columns[0].name_from, IMPORT_NAME_NUMBERED);
	ck_assert_str_eq(sum.columns[2].name, "column_3");
	import_summary_done(&sum);
	/* Line 1 is "6,1,1.5"; rows i = 1..25 hold 13 i mod 7, i mod 2,
	 * 1.5 i: the sum of column_3 is 1.5 x 325 = 487.5. */
	ck_assert_int_eq(q_int("SELECT column_1 FROM nh2 WHERE rowid = 1"),
	    6);
	ck_assert_str_eq(q_text("SELECT sum(column_3) FROM nh2"), "487.5");

	spec_rw(&spec, "noheader", "nh3");
	spec.no_header = 1;
	spec.names = names;
	spec.nnames = 3;
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[1].name, "flag");
	ck_assert_int_eq(sum.columns[1].name_from, IMPORT_NAME_GIVEN);
	import_summary_done(&sum);
	ck_assert_int_eq(q_int("SELECT sum(flag) FROM nh3"), 13);

	/* Two names for three fields: a usage error, nothing imported. */
	spec_rw(&spec, "noheader", "nh4");
	spec.no_header = 1;
	spec.names = names;
	spec.nnames = 2;
	run_fails(&spec, RD_EUSAGE, 1, 0, "--names gives 2 names, but the "
	    "first line has 3 fields; give one name for each");
	/* Names without --no-header, an empty or a repeated name. */
	spec.no_header = 0;
	run_fails(&spec, RD_EUSAGE, 0, 0, "--names goes with --no-header (a "
	    "header names the columns itself)");
	spec.no_header = 1;
	spec.names = (const char *const[]){ "a", "A", "b" };
	spec.nnames = 3;
	run_fails(&spec, RD_EUSAGE, 0, 0, "--names: name 2, \"A\", repeats "
	    "name 1, \"a\" (case does not tell names apart)");
	spec.names = (const char *const[]){ "a", " ", "b" };
	run_fails(&spec, RD_EUSAGE, 0, 0, "--names: name 2 is empty");
}
END_TEST

/*
 * Names with dots, spaces, '-', brackets and Chinese characters in every
 * option that names a column.  Rows i = 1..30: the target is 1 when i mod
 * 4 = 0 (7 bads), a-b is -999 when i mod 6 = 0 (5 rows).
 */
START_TEST(test_header_odd_names)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_type_opt types[2] = { { "my col", IMPORT_TEXT },
	    { "年龄", IMPORT_REAL } };
	struct import_special sp = { "a-b", "-999" };
	struct import_role_opt role = { "LIMIT_BAL", 1 };
	struct profile *p;
	struct rd_err err;

	spec_rw(&spec, "oddnames", "odd");
	spec.target = "default.payment.next.month";
	spec.bad = "1";
	spec.types = types;
	spec.ntypes = 2;
	spec.special = &sp;
	spec.nspecial = 1;
	spec.roles = &role;
	spec.nroles = 1;
	spec.id = "x/y (%)";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 7);
	ck_assert_uint_eq(sum.goods, 23);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_TEXT);
	ck_assert_uint_eq(sum.columns[2].special, 5);
	ck_assert_int_eq(sum.columns[4].type, IMPORT_REAL);
	ck_assert_str_eq(sum.columns[3].role_note, "identifier: key column "
	    "(--id), 30 unique values");
	ck_assert_str_eq(sum.columns[5].role_note, "identifier: set by "
	    "--role");
	import_summary_done(&sum);
	p = profile_table(cur_db, "odd", 0, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(p->cols[0].is_target, 1);
	ck_assert_str_eq(p->cols[5].role_note, "identifier: set by --role");
	/* -999 is declared: no warning for it. */
	ck_assert_uint_eq(p->cols[2].nwarnings, 0);
	profile_free(p);
	/* The target cannot be an identifier, nor the id column ordinary. */
	role.column = "default.payment.next.month";
	run_fails(&spec, RD_EUSAGE, 0, 0, "the target "
	    "\"default.payment.next.month\" cannot be an identifier");
	role.column = "x/y (%)";
	role.identifier = 0;
	spec.table = "odd2";
	run_fails(&spec, RD_EUSAGE, 1, 0, "id column \"x/y (%)\" is given the "
	    "role ordinary; an id column is an identifier");
}
END_TEST

/*
 * Identifiers among columns that merely look unique (import-ids.csv,
 * rows i = 1..40): row = i (a row number); app_id "A" and 7919 i mod
 * 100000 (unique text); cust_no a shuffle of 1..40 (unique, dense);
 * customer_id 500000 + 7919 x cust_no (unique, sparse, named like an
 * id); income a real amount and amount a random whole amount (unique,
 * sparse, not named as ids: measures); applied_at a unique date-time;
 * app_date a date, grade three letters.  The officer's roles overrule.
 */
START_TEST(test_identifiers)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_role_opt roles[2] = { { "cust_no", 0 }, { "amount",
	    1 } };

	spec_rw(&spec, "ids", "ids");
	spec.target = "y";
	spec.bad = "1";
	run_ok(&spec, &sum);
	import_summary_done(&sum);
	/* Every column but the target is recorded: 5 identifiers, 4
	   ordinary columns. */
	ck_assert_int_eq(q_int("SELECT count(*) FROM rd_column WHERE tbl = "
	    "'ids' AND role = 'identifier'"), 5);
	ck_assert_int_eq(q_int("SELECT count(*) FROM rd_column WHERE tbl = "
	    "'ids'"), 9);
	ck_assert_str_eq(role_note("ids", "row"), "identifier|identifier: "
	    "row number 1..40");
	ck_assert_str_eq(role_note("ids", "app_id"), "identifier|identifier: "
	    "40 distinct values in 40 rows");
	ck_assert_str_eq(role_note("ids", "cust_no"), "identifier|identifier: "
	    "40 distinct values in 40 rows");
	ck_assert_str_eq(role_note("ids", "customer_id"), "identifier|"
	    "identifier: 40 distinct values in 40 rows");
	ck_assert_str_eq(role_note("ids", "applied_at"), "identifier|"
	    "identifier: 40 distinct values in 40 rows");
	ck_assert_str_eq(role_note("ids", "income"), "ordinary|");
	ck_assert_str_eq(role_note("ids", "amount"), "ordinary|");
	ck_assert_str_eq(role_note("ids", "app_date"), "ordinary|");

	spec_rw(&spec, "ids", "ids");
	spec.mode = IMPORT_REPLACE;
	spec.roles = roles;
	spec.nroles = 2;
	run_ok(&spec, &sum);
	ck_assert_ptr_null(sum.columns[2].role);
	ck_assert_str_eq(sum.columns[5].role_note, "identifier: set by "
	    "--role");
	import_summary_done(&sum);
	ck_assert_str_eq(role_note("ids", "cust_no"), "ordinary|ordinary: "
	    "set by --role");
	ck_assert_str_eq(role_note("ids", "amount"), "identifier|identifier: "
	    "set by --role");

	/* Appending keeps the roles; --role may change one. */
	spec_rw(&spec, "ids", "ids");
	spec.mode = IMPORT_APPEND;
	roles[0].identifier = 1;
	spec.roles = roles;
	spec.nroles = 1;
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[0].role_note, "identifier: row number "
	    "1..40");
	ck_assert_str_eq(sum.columns[2].role_note, "identifier: set by "
	    "--role");
	import_summary_done(&sum);
	ck_assert_int_eq(q_int("SELECT count(*) FROM rd_column WHERE tbl = "
	    "'ids' AND role = 'identifier'"), 6);
}
END_TEST

/*
 * Values that stand for something else, and codes (import-sentinel.csv,
 * rows i = 1..60): income -999 when i mod 10 = 0 (6 rows, 10 %), else
 * 1000 + 7919 i mod 90000 (2383 to 90246); age 99 when i mod 11 = 0 (5
 * rows), else 18 + 7 i mod 53 (18 to 70); months_since 98 when i mod 12
 * = 0, 96 when i mod 20 = 0 otherwise (7 rows), else 5 i mod 61 (1 to
 * 55); util 100 when i mod 8 = 0 (a cap: no warning); n_inq, SEX and
 * EDUCATION few whole numbers.  Declaring -999 silences its warning.
 */
START_TEST(test_sentinels_and_codes)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_special sp = { "income", "-999" };
	struct profile *p;
	struct rd_err err;

	spec_rw(&spec, "sentinel", "sn");
	spec.target = "y";
	spec.bad = "1";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.nwarnings, 6);
	ck_assert_str_eq(sum.warnings[0], "column \"income\": -999 (6 rows, "
	    "10.00% of the values) is negative where no other value is (2383 "
	    "to 90246); if it stands for something else (missing, not "
	    "applicable), declare it: --special income=-999");
	ck_assert_str_eq(sum.warnings[1], "column \"age\": 99 (5 rows, 8.33% "
	    "of the values) is a code of nines above the other values (18 to "
	    "70); if it stands for something else (missing, not applicable), "
	    "declare it: --special age=99");
	ck_assert_str_eq(sum.warnings[2], "column \"months_since\": 96,98 (7 "
	    "rows, 11.67% of the values) are a code of nines above the other "
	    "values (1 to 55); if they stand for something else (missing, not "
	    "applicable), declare them: --special months_since=96,98");
	ck_assert_str_eq(sum.warnings[4], "column \"SEX\" holds 2 distinct "
	    "whole numbers (1, 2): if they are codes rather than quantities, "
	    "import with --type SEX=text to class them as categories");
	ck_assert_str_eq(sum.columns[1].suggest[0], "--special income=-999");
	ck_assert_uint_eq(sum.columns[4].nsuggest, 0);
	ck_assert_str_eq(sum.columns[6].suggest[0], "--type SEX=text");
	/* Nothing changed: SEX stays a number. */
	ck_assert_int_eq(sum.columns[6].type, IMPORT_INTEGER);
	ck_assert_uint_eq(sum.columns[8].nsuggest, 0);	/* the target */
	import_summary_done(&sum);
	/* The profile says the same of the same values. */
	p = profile_table(cur_db, "sn", 0, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_uint_eq(p->cols[1].nwarnings, 1);
	ck_assert_str_eq(p->cols[3].warnings[0], "column \"months_since\": "
	    "96,98 (7 rows, 11.67% of the values) are a code of nines above "
	    "the other values (1 to 55); if they stand for something else "
	    "(missing, not applicable), declare them: --special "
	    "months_since=96,98");
	ck_assert_str_eq(p->cols[6].warnings[0], "column \"SEX\" holds 2 "
	    "distinct whole numbers (1, 2): if they are codes rather than "
	    "quantities, re-import with --type SEX=text to class them as "
	    "categories");
	ck_assert_str_eq(p->cols[6].suggest[0], "--type SEX=text");
	ck_assert_uint_eq(p->cols[0].nwarnings, 0);	/* an identifier */
	profile_free(p);

	spec_rw(&spec, "sentinel", "sn2");
	spec.target = "y";
	spec.bad = "1";
	spec.special = &sp;
	spec.nspecial = 1;
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.columns[1].special, 6);
	ck_assert_uint_eq(sum.columns[1].nsuggest, 0);
	ck_assert_uint_eq(sum.nwarnings, 5);
	import_summary_done(&sum);
	p = profile_table(cur_db, "sn2", 0, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_uint_eq(p->cols[1].nwarnings, 0);
	profile_free(p);
}
END_TEST

/*
 * Leading zeros (import-leadzero.csv, rows i = 1..30): branch is 700 x
 * (i mod 7) in four digits (9 of 30 written "0700", "0000"...: codes of
 * one width, kept as text); n_cards i mod 12, "05" and "08" at rows 5
 * and 17 (numbers).
 */
START_TEST(test_leading_zeros_discussed)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_rw(&spec, "leadzero", "lz");
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[0].type, IMPORT_TEXT);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_INTEGER);
	ck_assert_str_eq(sum.warnings[0], "column \"branch\": 9 of 30 values "
	    "are written with a leading zero (e.g. \"0700\") and every value "
	    "has 4 characters: kept as text, as codes whose zeros matter; to "
	    "read them as numbers, import with --type branch=integer");
	ck_assert_str_eq(sum.warnings[1], "column \"n_cards\": 2 of 30 values "
	    "are written with a leading zero (e.g. \"05\"): read as numbers "
	    "(\"05\" is 5); to keep them as text, import with --type "
	    "n_cards=text");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT branch FROM lz WHERE rowid = 1"),
	    "0700");
	ck_assert_int_eq(q_int("SELECT n_cards FROM lz WHERE rowid = 17"), 8);
}
END_TEST

/*
 * Dates (import-dates.csv, rows i = 1..24, day d = 2022-11-20 + 9 i):
 * iso, d/m/Y (proven by days over 12), m/d/Y (likewise), an ambiguous
 * column (every day and month 12 or less), d.m.Y, ISO date-times, ISO
 * dates mixed with date-times, and "29-Nov-2022".
 */
START_TEST(test_dates_realworld)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_date_opt df = { "ambiguous", "%d/%m/%Y" };

	spec_rw(&spec, "dates", "dt");
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[1].type, IMPORT_DATE);
	ck_assert_str_eq(sum.columns[2].date_format, "%d/%m/%Y");
	ck_assert_str_eq(sum.columns[3].date_format, "%m/%d/%Y");
	ck_assert_int_eq(sum.columns[4].type, IMPORT_TEXT);
	ck_assert_str_eq(sum.columns[5].date_format, "%d.%m.%Y");
	ck_assert_str_eq(sum.columns[6].date_format, "%Y-%m-%dT%H:%M:%S");
	ck_assert_str_eq(sum.columns[7].date_format, "ISO 8601");
	ck_assert_str_eq(sum.columns[8].date_format, "%d-%b-%Y");
	ck_assert_str_eq(sum.warnings[0], "column \"ambiguous\": every value "
	    "reads as a date both day first and month first (e.g. "
	    "\"02/06/2023\"); kept as text, never guessed: import with "
	    "--date-format ambiguous=%d/%m/%Y or --date-format "
	    "ambiguous=%m/%d/%Y");
	ck_assert_uint_eq(sum.columns[4].nsuggest, 2);
	import_summary_done(&sum);
	/* Row 1 is 2022-11-29; row 3 has a time in mixed_iso. */
	ck_assert_str_eq(q_text("SELECT dmy || ' ' || mdy || ' ' || dotted || "
	    "' ' || named FROM dt WHERE id = 1"), "2022-11-29 2022-11-29 "
	    "2022-11-29 2022-11-29");
	ck_assert_str_eq(q_text("SELECT stamp FROM dt WHERE id = 1"),
	    "2022-11-29 01:07:11");
	ck_assert_str_eq(q_text("SELECT mixed_iso FROM dt WHERE id = 3"),
	    "2022-12-17 12:30:00");
	ck_assert_str_eq(q_text("SELECT mixed_iso FROM dt WHERE id = 1"),
	    "2022-11-29 00:00:00");
	ck_assert_str_eq(q_text("SELECT typeof(ambiguous) || ambiguous FROM "
	    "dt WHERE id = 1"), "text02/06/2023");

	/* The officer's layout: read day first. */
	spec_rw(&spec, "dates", "dt2");
	spec.dates = &df;
	spec.ndates = 1;
	run_ok(&spec, &sum);
	ck_assert_int_eq(sum.columns[4].type, IMPORT_DATE);
	ck_assert_str_eq(sum.columns[4].date_format, "%d/%m/%Y");
	import_summary_done(&sum);
	ck_assert_str_eq(q_text("SELECT ambiguous FROM dt2 WHERE id = 1"),
	    "2023-06-02");
	/* A layout that misreads: a row it cannot read is rejected, or
	 * fails the import under strict, located at its field. */
	df.column = "dmy";
	df.format = "%m/%d/%Y";
	spec_rw(&spec, "dates", "dt3");
	spec.dates = &df;
	spec.ndates = 1;
	spec.strict = 1;
	run_fails(&spec, RD_EINPUT, 2, 14, "column \"dmy\" (field 3): "
	    "expected a date written %m/%d/%Y, found \"29/11/2022\"");
	/* A layout that is none. */
	df.format = "%d/%m";
	run_fails(&spec, RD_EUSAGE, 0, 0, "--date-format \"%d/%m\" for column "
	    "\"dmy\": no year (%Y or %y)");
}
END_TEST

/* A target with only goods, or only bads, imports with a warning; a bad
 * value spelt otherwise than the file's is still a typo. */
START_TEST(test_target_all_good_all_bad)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_rw(&spec, "allgood", "ag");
	spec.target = "y";
	spec.bad = "1";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 0);
	ck_assert_uint_eq(sum.goods, 10);
	ck_assert_uint_eq(sum.nwarnings, 1);
	ck_assert_str_eq(sum.warnings[0], "no row has the bad value \"1\" in "
	    "column \"y\" (values found: \"0\"): every row with an outcome is "
	    "good; WoE, IV, scorecards and bad rates need both");
	import_summary_done(&sum);

	spec_rw(&spec, "allbad", "ab");
	spec.target = "status";
	spec.bad = "bad";
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.bads, 10);
	ck_assert_str_eq(sum.warnings[0], "every row with an outcome in "
	    "column \"status\" is bad (no goods): WoE, IV, scorecards and bad "
	    "rates need both");
	import_summary_done(&sum);
	/* A good value given that no row has, in an all-bad table. */
	spec_rw(&spec, "allbad", "ab2");
	spec.target = "status";
	spec.bad = "bad";
	spec.good[0] = "good";
	spec.ngood = 1;
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.warnings[0], "no row has the good value \"good\" "
	    "in column \"status\" (values found: \"bad\"): every row with an "
	    "outcome is bad; WoE, IV, scorecards and bad rates need both");
	import_summary_done(&sum);
	/* " BAD" is "bad" spelt otherwise: an error, as before. */
	spec_rw(&spec, "allbad", "ab3");
	spec.target = "status";
	spec.bad = " BAD";
	run_fails(&spec, RD_EINPUT, 0, 0, "no row has the bad value \" BAD\" "
	    "in column \"status\"; values found: \"bad\"");
}
END_TEST

/*
 * A run of numbers that breaks (import-idrun.csv, records 0..30): app_id
 * is 1..20 for records 0..19 (record 5, "6,77,extra", has a field too
 * many and is rejected), 1000 + k for records k = 20..29, and 3 again in
 * record 30.  30 rows imported with 29 distinct ids (3 twice): 29 >= 0.95
 * x 30, named like an id.  The run's values before the break are counted
 * without record 5's 6.
 */
START_TEST(test_identifier_run_breaks)
{
	struct import_spec spec;
	struct import_summary sum;

	spec_rw(&spec, "idrun", "ir");
	run_ok(&spec, &sum);
	ck_assert_uint_eq(sum.rows_imported, 30);
	ck_assert_uint_eq(sum.rows_rejected, 1);
	ck_assert_str_eq(sum.columns[0].role_note, "identifier: 29 distinct "
	    "values in 30 rows");
	import_summary_done(&sum);
	/* Under --on-duplicate first the consumer counts: the same. */
	spec_rw(&spec, "idrun", "ir2");
	spec.id = "score";
	spec.on_duplicate = IMPORT_DUP_FIRST;
	run_ok(&spec, &sum);
	ck_assert_str_eq(sum.columns[0].role_note, "identifier: 29 distinct "
	    "values in 30 rows");
	import_summary_done(&sum);
}
END_TEST

/* ------------------------------------------------------------- suites */

static Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc;

	tc = tcase_create("dialects");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_sniff);
	tcase_add_test(tc, test_utf8_check);
	tcase_add_test(tc, test_semicolon_decimal_comma);
	tcase_add_test(tc, test_tab);
	tcase_add_test(tc, test_pipe_and_given_delimiter);
	tcase_add_test(tc, test_chinese_round_trip);
	tcase_add_test(tc, test_gb18030);
	tcase_add_test(tc, test_latin1);
	tcase_add_test(tc, test_thousands);
	tcase_add_test(tc, test_dates);
	suite_add_tcase(s, tc);

	tc = tcase_create("values");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_forced_types_and_rejects);
	tcase_add_test(tc, test_na_markers);
	tcase_add_test(tc, test_special_values);
	tcase_add_test(tc, test_target_codings);
	tcase_add_test(tc, test_target_value_absent);
	tcase_add_test(tc, test_leading_zeros);
	tcase_add_test(tc, test_reserved_names);
	tcase_add_test(tc, test_bad_table_names);
	tcase_add_test(tc, test_bad_is_good);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_duplicate_ids);
	tcase_add_test(tc, test_field_count_reject);
	tcase_add_test(tc, test_append_and_replace);
	tcase_add_test(tc, test_append_keeps_target);
	tcase_add_test(tc, test_quote_error_line);
	tcase_add_test(tc, test_full_disk);
	tcase_add_test(tc, test_progress_and_cancel);
	suite_add_tcase(s, tc);

	tc = tcase_create("realworld");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_header_r_row_names);
	tcase_add_test(tc, test_header_repeated_names);
	tcase_add_test(tc, test_header_no_header);
	tcase_add_test(tc, test_header_odd_names);
	tcase_add_test(tc, test_identifiers);
	tcase_add_test(tc, test_identifier_run_breaks);
	tcase_add_test(tc, test_sentinels_and_codes);
	tcase_add_test(tc, test_leading_zeros_discussed);
	tcase_add_test(tc, test_dates_realworld);
	tcase_add_test(tc, test_target_all_good_all_bad);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
profile_suite(void)
{
	Suite *s = suite_create("profile_link");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, fresh_setup, fresh_teardown);
	tcase_add_test(tc, test_profile_small);
	tcase_add_test(tc, test_profile_german);
	tcase_add_test(tc, test_profile_counts_equal_cells);
	tcase_add_test(tc, test_link);
	/* 200,000 rows counted twice (a few seconds, more under the
	   sanitizers and on a busy machine). */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *suites[2];

	suites[0] = import_suite();
	suites[1] = profile_suite();
	return run_suites(suites, 2);
}
