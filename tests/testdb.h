/*
 * testdb.h - the checked fixture of the data-layer test programs: a fresh
 * empty database per test, opened in the build directory and removed
 * (with its journal) afterwards.  Included by one .c per test program;
 * cur_db is the running test's database.
 */
#ifndef RD_TESTS_TESTDB_H
#define RD_TESTS_TESTDB_H

#include <stdio.h>
#include <unistd.h>

#include "testutil.h"
#include "data/db.h"
#include "util/err.h"

static char cur_path[256];	/* scratch database of the running test */
static struct db *cur_db;

/* Open a fresh scratch database named after tag as cur_db. */
static inline void
fresh_db_open(const char *tag)
{
	struct rd_err err;

	snprintf(cur_path, sizeof cur_path, "%s", scratch_db(tag));
	cur_db = db_open(cur_path, &err);
	ck_assert_msg(cur_db != NULL, "db_open: %s", err.msg);
}

/* Close cur_db and remove its file and journal. */
static inline void
fresh_db_close(void)
{
	char j[300];

	db_close(cur_db);
	cur_db = NULL;
	unlink(cur_path);
	snprintf(j, sizeof j, "%s-journal", cur_path);
	unlink(j);
}

#endif
