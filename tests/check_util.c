/*
 * check_util.c - tests of the util layer: located errors, exit codes,
 * number formatting shared by the report and the TUI, and output files
 * that appear whole or not at all (afile).
 */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "report/report.h"
#include "report/report-table.h"
#include "testutil.h"
#include "util/hash.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/rsort.h"
#include "util/xmalloc.h"

/* The radix sort orders as a stable insertion sort with "x < y" does:
   ties (including -0.0 against +0.0) keep their order, -inf first,
   +inf last, subnormals and huge values in place; records move whole. */
struct rs_rec {
	int tag;
	double key;
	char pad[3];
};

/*
 * rd_hash_bytes reads every byte and the length: strings that differ in
 * any one byte (in a whole word, in the tail), or only in length (a NUL
 * byte more), hash apart; the same bytes hash alike wherever they lie.
 */
START_TEST(test_hash_bytes_every_byte)
{
	unsigned char a[40], b[40], c[48];
	size_t len, i;

	for (i = 0; i < sizeof a; i++)
		a[i] = (unsigned char)('a' + i % 26);
	for (len = 0; len <= 20; len++) {
		uint32_t h = rd_hash_bytes(a, len);

		memcpy(c + 3, a, len);
		ck_assert_uint_eq(rd_hash_bytes(c + 3, len), h);
		memcpy(b, a, sizeof b);
		b[len] = 0;
		ck_assert_uint_ne(rd_hash_bytes(b, len + 1), h);
		for (i = 0; i < len; i++) {
			memcpy(b, a, sizeof b);
			b[i] ^= 1;
			ck_assert_msg(rd_hash_bytes(b, len) != h,
			    "length %zu: byte %zu changed, same hash", len, i);
		}
	}
}
END_TEST

START_TEST(test_rsort_stable_as_insertion)
{
	static const double pool[] = { 0.0, -0.0, 1.0, -1.0, 0.5, -2.5,
	    1e-310, -1e-310, 1e300, -1e300, 3.0, 3.0 };
	enum { N = 3000 };
	struct rs_rec *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
	double d[5] = { 2, -0.0, 0.0, -1, 2 };
	unsigned long seed = 12345;
	size_t i, j;

	for (i = 0; i < N; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		a[i].tag = (int)i;
		a[i].key = (seed >> 33) % 7 == 0 ? ((seed >> 20) & 1 ?
		    INFINITY : -INFINITY) : pool[(seed >> 40) % 12] +
		    (double)((seed >> 50) % 3);
		memset(a[i].pad, (int)(i & 0x7f), sizeof a[i].pad);
	}
	memcpy(b, a, N * sizeof *a);
	/* Reference: insertion sort, moving while strictly greater. */
	for (i = 1; i < N; i++) {
		struct rs_rec x = b[i];

		for (j = i; j > 0 && b[j - 1].key > x.key; j--)
			b[j] = b[j - 1];
		b[j] = x;
	}
	rsort_by_double(a, N, sizeof *a, offsetof(struct rs_rec, key));
	for (i = 0; i < N; i++) {
		ck_assert_int_eq(a[i].tag, b[i].tag);
		ck_assert(memcmp(&a[i].key, &b[i].key, sizeof a[i].key) == 0);
		ck_assert(memcmp(a[i].pad, b[i].pad, sizeof a[i].pad) == 0);
	}
	/* Plain doubles: 2, -0, 0, -1, 2 -> -1, -0, 0, 2, 2 (the zeros in
	   their first order). */
	rsort_by_double(d, 5, sizeof *d, 0);
	ck_assert(d[0] == -1 && d[3] == 2 && d[4] == 2);
	ck_assert(signbit(d[1]) && !signbit(d[2]));
	rsort_by_double(d, 0, sizeof *d, 0);
	rsort_by_double(d, 1, sizeof *d, 0);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_err_format_located)
{
	struct rd_err err;
	char buf[256];

	rd_err_clear(&err);
	ck_assert_int_eq(err.cls, RD_OK);
	ck_assert_int_eq(rd_err_setloc(&err, RD_EINPUT, "x.csv", 17, 4,
	    "expected %d fields, found %d", 21, 20), -1);
	ck_assert_str_eq(rd_err_format(&err, buf, sizeof buf),
	    "x.csv:17:4: expected 21 fields, found 20");
	rd_err_setloc(&err, RD_EINPUT, "x.csv", 3, 0, "bad");
	ck_assert_str_eq(rd_err_format(&err, buf, sizeof buf), "x.csv:3: bad");
	rd_err_set(&err, RD_EDB, "database is locked");
	ck_assert_str_eq(rd_err_format(&err, buf, sizeof buf),
	    "database is locked");
	/* A short buffer is truncated, never overrun. */
	rd_err_setloc(&err, RD_EINPUT, "policy.yaml", 12, 7, "unknown key");
	rd_err_format(&err, buf, 8);
	ck_assert_str_eq(buf, "policy.");
}
END_TEST

START_TEST(test_err_exit_codes)
{
	/* The table of riskdesk(1), EXIT STATUS. */
	ck_assert_int_eq(rd_err_exit_code(RD_OK), 0);
	ck_assert_int_eq(rd_err_exit_code(RD_EINPUT), 1);
	ck_assert_int_eq(rd_err_exit_code(RD_EUSAGE), 2);
	ck_assert_int_eq(rd_err_exit_code(RD_ENUMERIC), 3);
	ck_assert_int_eq(rd_err_exit_code(RD_EIO), 4);
	ck_assert_int_eq(rd_err_exit_code(RD_EDB), 4);
	/* A NULL err is allowed and still reports failure. */
	ck_assert_int_eq(rd_err_set(NULL, RD_EIO, "x"), -1);
}
END_TEST

START_TEST(test_fmt_numbers)
{
	char b[FMT_BUF];

	ck_assert_str_eq(fmt_pct(b, 0.12345), "12.35%");
	ck_assert_str_eq(fmt_pct(b, 0.7), "70.00%");
	ck_assert_str_eq(fmt_pct(b, NAN), "-");
	ck_assert_str_eq(fmt_money(b, 1234567.4), "1,234,567");
	ck_assert_str_eq(fmt_money(b, 999.5), "1,000");
	ck_assert_str_eq(fmt_money(b, 12), "12");
	ck_assert_str_eq(fmt_money(b, -2385.2), "-2,385");
	ck_assert_str_eq(fmt_money(b, -0.2), "0");
	/* Past what FMT_BUF holds grouped: the magnitude, not a cut. */
	ck_assert_str_eq(fmt_money(b, 4.454e63), "4.454e+63");
	ck_assert_str_eq(fmt_money(b, -1.7976931348623157e308),
	    "-1.79769e+308");
	ck_assert_str_eq(fmt_money(b, 1e35),
	    "99,999,999,999,999,996,863,366,107,917,975,552");
	ck_assert_str_eq(fmt_money(b, 1e36), "1e+36");
	ck_assert_str_eq(fmt_count(b, 1e60), "1e+60");
	ck_assert_str_eq(fmt_stat(b, 0.78860), "0.7886");
	ck_assert_str_eq(fmt_count(b, 1000), "1,000");
	/* p-values: 3 significant digits down to the double epsilon
	   2.220446e-16; below it (and an underflow to 0) "<2e-16", as R's
	   format.pval(eps = .Machine$double.eps). */
	ck_assert_str_eq(fmt_pval(b, 0.31745), "0.317");
	ck_assert_str_eq(fmt_pval(b, 9.2812e-25), "<2e-16");
	ck_assert_str_eq(fmt_pval(b, 0), "<2e-16");
	ck_assert_str_eq(fmt_pval(b, 2.3e-16), "2.3e-16");
	ck_assert_str_eq(fmt_pval(b, 2.2e-16), "<2e-16");
	ck_assert_str_eq(fmt_pval(b, 1), "1");
	ck_assert_str_eq(fmt_pval(b, NAN), "-");
}
END_TEST

/* fmt_pad (left 0 or 1) or fmt_cell (left -1) into a string:
   open_memstream, read back. */
static char *
padded(const char *s, size_t width, int left)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	if (left < 0)
		fmt_cell(f, s, width);
	else
		fmt_pad(f, s, width, left);
	fclose(f);
	return buf;
}

/*
 * Display widths: "\xe4\xb8\xad\xe6\x96\x87" is U+4E2D U+6587
 * (Chinese "zhongwen"), two wide characters = 4 columns in a UTF-8
 * locale (Unicode East Asian Width W); "\xc3\xa9" is e-acute, one
 * column.  In the C locale every UTF-8 character counts one.
 */
START_TEST(test_fmt_width)
{
	char *p;

	ck_assert_uint_eq(fmt_width(""), 0);
	ck_assert_uint_eq(fmt_width("renters"), 7);
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	ck_assert_uint_eq(fmt_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	ck_assert_uint_eq(fmt_width("caf\xc3\xa9"), 4);
	p = padded("\xe4\xb8\xad\xe6\x96\x87", 6, 1);
	ck_assert_str_eq(p, "\xe4\xb8\xad\xe6\x96\x87  ");
	free(p);
	p = padded("caf\xc3\xa9", 6, 0);
	ck_assert_str_eq(p, "  caf\xc3\xa9");
	free(p);
	/* Cut to 5 columns: two wide characters (4) and the ellipsis (1). */
	p = fmt_trunc("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5);
	ck_assert_str_eq(p, "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6");
	free(p);
	/* 4 columns hold one wide character, then the ellipsis. */
	p = fmt_trunc("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4);
	ck_assert_str_eq(p, "\xe4\xb8\xad\xe2\x80\xa6");
	free(p);
	setlocale(LC_CTYPE, "C");
	ck_assert_uint_eq(fmt_width("\xe4\xb8\xad\xe6\x96\x87"), 2);
	p = fmt_trunc("salary assignments", 7);
	ck_assert_str_eq(p, "salary\xe2\x80\xa6");
	free(p);
	p = fmt_trunc("salary", 6);
	ck_assert_str_eq(p, "salary");
	free(p);
	/* A table cell (C locale: a character, one column) is cut by
	   characters, never inside one (printf's precision counts bytes:
	   "%-4.4s" would end in the first byte of the second character),
	   then padded. */
	p = padded("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97x", 3, -1);
	ck_assert_str_eq(p, "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6");
	free(p);
	p = padded("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5, -1);
	ck_assert_str_eq(p, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97  ");
	free(p);
	p = padded("salary assignments", 7, -1);
	ck_assert_str_eq(p, "salary\xe2\x80\xa6");
	free(p);
	p = padded("age", 5, -1);
	ck_assert_str_eq(p, "age  ");
	free(p);
	/* Wider than the width: written whole. */
	p = padded("1,234,567", 4, 0);
	ck_assert_str_eq(p, "1,234,567");
	free(p);
	/* Control characters are shown, never written: a level holding a
	   line break stays on its line. */
	ck_assert_ptr_null(fmt_visible("plain"));
	p = fmt_visible("ligne1\nligne2\r\tx\x01\x7f");
	ck_assert_str_eq(p, "ligne1\\nligne2\\r\\tx\\x01\\x7f");
	free(p);
	p = padded("a\nb", 6, -1);
	ck_assert_str_eq(p, "a\\nb  ");
	free(p);
}
END_TEST

/*
 * A table is as wide as its widest cell per column (at least the
 * minimum), columns one space apart: nothing is cut and nothing runs
 * together.
 */
START_TEST(test_report_table)
{
	static const size_t minw[] = { 4, 3 };
	struct report_table t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	report_table_init(&t, "lr", minw);
	report_table_row(&t, "segment", "EL");
	report_table_row(&t, "a", "123,456,789,012");
	report_table_row(&t, "a_very_long_segment_name", NULL);
	report_table_cap(&t, 0, 10);
	report_table_row(&t, "a_capped_long_name", "1");
	report_table_print(f, &t, "  ");
	report_table_done(&t);
	fclose(f);
	ck_assert_str_eq(buf,
	    "  segment                               EL\n"
	    "  a                        123,456,789,012\n"
	    "  a_very_long_segment_name                \n"
	    "  a_capped_\xe2\x80\xa6" "                             1\n");
	free(buf);
}
END_TEST

/* The document's format from a file name's extension, in any case; a
   name without one is the page; another extension is refused. */
START_TEST(test_report_format_for_path)
{
	static const struct {
		const char *path;
		int rc;
		enum report_format fmt;
	} c[] = {
		{ "doc.html", 0, REPORT_HTML }, { "doc.HTML", 0, REPORT_HTML },
		{ "doc.htm", 0, REPORT_HTML }, { "doc.Xlsx", 0, REPORT_XLSX },
		{ "x/doc.xlsx", 0, REPORT_XLSX }, { "doc.JSON", 0, REPORT_JSON },
		{ "doc.txt", 0, REPORT_TEXT }, { "doc", 0, REPORT_HTML },
		{ "./dir.d/doc", 0, REPORT_HTML }, { ".doc", 0, REPORT_HTML },
		{ "x.pdf", -1, REPORT_HTML }, { "doc.xls", -1, REPORT_HTML },
		{ "doc.html.bak", -1, REPORT_HTML }, { "doc.", -1, REPORT_HTML }
	};
	size_t k;

	for (k = 0; k < sizeof c / sizeof c[0]; k++) {
		enum report_format fmt = REPORT_TEXT;

		ck_assert_msg(report_format_for_path(c[k].path, &fmt) ==
		    c[k].rc, "%s", c[k].path);
		if (c[k].rc == 0)
			ck_assert_msg(fmt == c[k].fmt, "%s", c[k].path);
	}
}
END_TEST

START_TEST(test_xmalloc_strings)
{
	char *s = xasprintf("%s=%d", "seg", 540);
	char *t = xstrndup("renters", 4);

	ck_assert_str_eq(s, "seg=540");
	ck_assert_str_eq(t, "rent");
	free(s);
	free(t);
}
END_TEST

static Suite *
err_suite(void)
{
	Suite *s = suite_create("err");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_err_format_located);
	tcase_add_test(tc, test_rsort_stable_as_insertion);
	tcase_add_test(tc, test_hash_bytes_every_byte);
	tcase_add_test(tc, test_err_exit_codes);
	suite_add_tcase(s, tc);
	return s;
}

/* CSV fields by RFC 4180, section 2: a field holding a comma, a quote or
   a line break is quoted and its quotes doubled; others as they are. */
START_TEST(test_fmt_csv_field)
{
	static const char *const in[] = { "plain", "", "a,b", "say \"hi\"",
	    "two\nlines", "cr\r", "\"" };
	static const char *const out[] = { "plain", "", "\"a,b\"",
	    "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"cr\r\"",
	    "\"\"\"\"" };
	size_t k;

	for (k = 0; k < sizeof in / sizeof in[0]; k++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		ck_assert_ptr_nonnull(f);
		fmt_csv_field(f, in[k]);
		fclose(f);
		ck_assert_str_eq(buf, out[k]);
		free(buf);
	}
}
END_TEST

static Suite *
fmt_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_fmt_numbers);
	tcase_add_test(tc, test_fmt_width);
	tcase_add_test(tc, test_fmt_csv_field);
	tcase_add_test(tc, test_report_table);
	tcase_add_test(tc, test_xmalloc_strings);
	tcase_add_test(tc, test_report_format_for_path);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------ afile */

/* A fresh, empty scratch folder of the build directory (static). */
static const char *
afile_dir(const char *tag)
{
	static char dir[256];
	char cmd[600];

	snprintf(dir, sizeof dir, "scratch-afile-%s-%ld", tag, (long)getpid());
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir '%s'", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	return dir;
}

static void
afile_dir_done(const char *dir)
{
	char cmd[400];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The number of entries of dir (without . and ..). */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The first line of path, in a static buffer ("" when unreadable). */
static const char *
got(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (f != NULL) {
		if (fgets(buf, sizeof buf, f) == NULL)
			buf[0] = '\0';
		fclose(f);
	}
	return buf;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* A new file is 0600 whatever the umask; a replaced one keeps its mode. */
START_TEST(test_afile_modes)
{
	const char *dir = afile_dir("modes");
	char path[300];
	struct rd_err err;
	struct afile *a;
	mode_t old = umask(022);

	snprintf(path, sizeof path, "%s/report.txt", dir);
	a = afile_open(path, &err);
	ck_assert_ptr_nonnull(a);
	fputs("new\n", afile_stream(a));
	ck_assert_int_eq(afile_commit(a, &err), 0);
	ck_assert_str_eq(got(path), "new\n");
	ck_assert_int_eq(mode_of(path), 0600);
	/* Shared with a group on purpose: rewritten, still 0640. */
	ck_assert_int_eq(chmod(path, 0640), 0);
	a = afile_open(path, &err);
	fputs("again\n", afile_stream(a));
	ck_assert_int_eq(afile_commit(a, &err), 0);
	ck_assert_str_eq(got(path), "again\n");
	ck_assert_int_eq(mode_of(path), 0640);
	ck_assert_int_eq(entries(dir), 1);
	umask(old);
	afile_dir_done(dir);
}
END_TEST

/* Aborted, or a write that fails (a file size limit: the disk full at
   4 KiB), the old file stays as it was and no temporary file is left. */
START_TEST(test_afile_failure_keeps_old)
{
	const char *dir = afile_dir("fail");
	char path[300];
	struct rd_err err;
	struct afile *a;
	struct rlimit rl = { 4096, 4096 };
	int k;

	snprintf(path, sizeof path, "%s/out.csv", dir);
	put(path, "old\n");
	a = afile_open(path, &err);
	fputs("half of the new", afile_stream(a));
	afile_abort(a);
	ck_assert_str_eq(got(path), "old\n");
	ck_assert_int_eq(entries(dir), 1);

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	a = afile_open(path, &err);
	ck_assert_ptr_nonnull(a);
	for (k = 0; k < 10000; k++)
		fputs("0123456789\n", afile_stream(a));
	rd_err_clear(&err);
	ck_assert_int_eq(afile_commit(a, &err), -1);
	ck_assert_int_eq(err.cls, RD_EIO);
	ck_assert_msg(strstr(err.msg, "(left as it was)") != NULL, "%s",
	    err.msg);
	ck_assert_str_eq(got(path), "old\n");
	ck_assert_int_eq(entries(dir), 1);
	afile_dir_done(dir);
}
END_TEST

/* A process that exits before the commit (xmalloc's "out of memory")
   leaves no temporary file, nor the target. */
START_TEST(test_afile_exit_removes_temporary)
{
	const char *dir = afile_dir("exit");
	char path[300];
	pid_t pid;
	int status;

	snprintf(path, sizeof path, "%s/new.txt", dir);
	if ((pid = fork()) == 0) {
		struct rd_err err;
		struct afile *a = afile_open(path, &err);

		fputs("never committed\n", afile_stream(a));
		fflush(afile_stream(a));
		exit(4);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 4);
	ck_assert_int_eq(entries(dir), 0);
	afile_dir_done(dir);
}
END_TEST

/* Outputs that would destroy an input are refused, by inode and name. */
START_TEST(test_afile_check_target)
{
	const char *dir = afile_dir("target");
	char db[300], journal[300], alias[300], other[300], pol[300];
	const char *in[] = { "the policy", pol, "the CSV file", NULL };
	struct rd_err err;
	FILE *f;

	snprintf(db, sizeof db, "%s/rd.db", dir);
	snprintf(journal, sizeof journal, "%s/rd.db-journal", dir);
	snprintf(alias, sizeof alias, "%s/alias.db", dir);
	snprintf(other, sizeof other, "%s/other.db", dir);
	snprintf(pol, sizeof pol, "%s/p.yaml", dir);
	put(db, "");
	put(pol, "name: p\n");
	ck_assert_int_eq(link(db, alias), 0);
	f = fopen(other, "w");
	fwrite("SQLite format 3\0 and pages", 1, 27, f);
	fclose(f);

	ck_assert_int_eq(afile_check_target("--output", db, db, in, 2, &err),
	    -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	/* Another name of the same file (a hard link). */
	ck_assert_int_eq(afile_check_target("--output", alias, db, in, 2,
	    &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "would overwrite the database"));
	/* The journal, which does not exist yet. */
	ck_assert_int_eq(afile_check_target("--output", journal, db, in, 2,
	    &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "(its journal)"));
	ck_assert_int_eq(afile_check_target("--export", pol, db, in, 2,
	    &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "is the policy of this run"));
	/* Any SQLite database, not only this run's. */
	ck_assert_int_eq(afile_check_target("--export", other, NULL, NULL, 0,
	    &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "is a SQLite database"));
	/* A new file, or an old report: fine. */
	snprintf(other, sizeof other, "%s/report.txt", dir);
	ck_assert_int_eq(afile_check_target("--output", other, db, in, 2,
	    &err), 0);
	put(other, "old report\n");
	ck_assert_int_eq(afile_check_target("--output", other, db, in, 2,
	    &err), 0);
	afile_dir_done(dir);
}
END_TEST

/* A device is written as it is, never replaced by a rename. */
START_TEST(test_afile_device)
{
	struct rd_err err;
	struct afile *a = afile_open("/dev/null", &err);
	struct stat st;

	ck_assert_ptr_nonnull(a);
	fputs("gone\n", afile_stream(a));
	ck_assert_int_eq(afile_commit(a, &err), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

/*
 * An output larger than afile's write-back piece (32 MB) goes to disk and
 * out of the page cache piece by piece as it is written: the file that
 * appears is every byte written, in order (72 MB of a counter, written
 * in uneven pieces, read back), and the temporary file is gone.
 */
START_TEST(test_afile_large_drop_behind)
{
	const char *dir = afile_dir("large");
	char path[300], buf[65536];
	struct afile *a;
	struct rd_err err;
	uint64_t x = 0, y = 0;
	size_t total = 0, n, i;
	FILE *f;

	snprintf(path, sizeof path, "%s/big.bin", dir);
	ck_assert_ptr_nonnull(a = afile_open(path, &err));
	while (total < ((size_t)72 << 20)) {
		n = 1000 + total % 60000;
		for (i = 0; i + 8 <= n; i += 8, x++)
			memcpy(buf + i, &x, 8);
		ck_assert_uint_eq(fwrite(buf, 1, i, afile_stream(a)), i);
		total += i;
	}
	ck_assert_int_eq(afile_commit(a, &err), 0);
	ck_assert_int_eq(entries(dir), 1);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	for (n = 0; (i = fread(buf, 1, sizeof buf, f)) > 0; n += i) {
		size_t k;

		ck_assert_uint_eq(i % 8, 0);
		for (k = 0; k < i; k += 8, y++) {
			uint64_t v;

			memcpy(&v, buf + k, 8);
			if (v != y)
				break;
		}
		ck_assert_msg(k == i, "word %llu reads otherwise",
		    (unsigned long long)y);
	}
	fclose(f);
	ck_assert_uint_eq(n, total);
	ck_assert_uint_eq(y, x);
	afile_dir_done(dir);
}
END_TEST

static Suite *
afile_suite(void)
{
	Suite *s = suite_create("afile");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_afile_modes);
	tcase_add_test(tc, test_afile_failure_keeps_old);
	tcase_add_test(tc, test_afile_exit_removes_temporary);
	tcase_add_test(tc, test_afile_check_target);
	tcase_add_test(tc, test_afile_device);
	tcase_add_test(tc, test_afile_large_drop_behind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *s[] = { err_suite(), fmt_suite(), afile_suite() };

	return run_suites(s, 3);
}
