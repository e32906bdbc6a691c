/*
 * testutil.h - shared helpers of the Check test programs.
 *
 * RD_SRCDIR is the absolute top source directory (set by Makefile.am), so
 * tests find bundled files in a VPATH build; scratch files go under the
 * current (build) directory.  Oracle files from ../shared/oracle are
 * optional: a test that needs one skips itself with a message when the
 * folder is not beside the source tree, and bundled copies under
 * tests/data/ are used where the values are pinned in the test itself.
 */
#ifndef RD_TESTS_TESTUTIL_H
#define RD_TESTS_TESTUTIL_H

#include <check.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef RD_SRCDIR
#define RD_SRCDIR "."
#endif

/* Path of a file under the source tree, in a static buffer. */
static inline const char *
srcpath(const char *rel)
{
	static char buf[4][1024];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", RD_SRCDIR, rel);
	return buf[k];
}

/* A fresh scratch database path in the build directory (file removed). */
static inline const char *
scratch_db(const char *tag)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "scratch-%s-%ld.db", tag,
	    (long)getpid());
	unlink(buf[k]);
	return buf[k];
}

/* Write text to the scratch file path. */
static inline void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

/* Run the suites; exit status 0 when every test passed. */
static inline int
run_suites(Suite **suites, int nsuites)
{
	SRunner *sr;
	int failed, i;

	gsl_set_error_handler_off();
	sr = srunner_create(suites[0]);
	for (i = 1; i < nsuites; i++)
		srunner_add_suite(sr, suites[i]);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
