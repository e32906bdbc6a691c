/*
 * check_util.c - tests of the util layer: located errors, exit codes,
 * number formatting shared by the report and the TUI.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "testutil.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

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
	ck_assert_str_eq(fmt_stat(b, 0.78860), "0.7886");
	ck_assert_str_eq(fmt_count(b, 1000), "1,000");
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
	tcase_add_test(tc, test_err_exit_codes);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
fmt_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_fmt_numbers);
	tcase_add_test(tc, test_xmalloc_strings);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *s[] = { err_suite(), fmt_suite() };

	return run_suites(s, 2);
}
