/*
 * testds.h - helpers of the Check programs that work on datasets: small
 * datasets built by hand (so a test's arithmetic can be written out next
 * to it) and the reference values bundled under tests/data/oracle.
 *
 * Included by one .c file per test program; every function is static inline.
 * Ownership: a hand-built dataset is freed with ds_free; oracle JSON with
 * json_decref; a database import_to opened with db_close.
 */
#ifndef RD_TESTS_TESTDS_H
#define RD_TESTS_TESTDS_H

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* An empty hand-built dataset of n rows, all good, no target column. */
static inline struct dataset *
hand_ds(size_t n)
{
	struct dataset *ds = xcalloc(1, sizeof *ds);
	size_t i;

	ds->table = xstrdup("hand");
	ds->nrows = n;
	ds->target = -1;
	ds->y = xcalloc(n > 0 ? n : 1, sizeof *ds->y);
	ds->rowid = xcalloc(n > 0 ? n : 1, sizeof *ds->rowid);
	for (i = 0; i < n; i++)
		ds->rowid[i] = (int64_t)i + 1;
	ds->ngood = n;
	return ds;
}

/* Set the outcome of every row from y[nrows] and count it. */
static inline void
hand_set_y(struct dataset *ds, const signed char *y)
{
	size_t i;

	ds->nbad = ds->ngood = ds->nindet = 0;
	for (i = 0; i < ds->nrows; i++) {
		ds->y[i] = y[i];
		if (y[i] == DS_BAD)
			ds->nbad++;
		else if (y[i] == DS_GOOD)
			ds->ngood++;
		else
			ds->nindet++;
	}
}

/* Add a numeric column v[nrows] (NaN = NULL); returns its index. */
static inline int
hand_num(struct dataset *ds, const char *name, const double *v)
{
	struct ds_column *c;
	size_t i;

	ds->cols = xreallocarray(ds->cols, ds->ncols + 1, sizeof *ds->cols);
	c = &ds->cols[ds->ncols];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->type = DS_REAL;
	c->num = xmalloc((ds->nrows + 1) * sizeof *c->num);
	for (i = 0; i < ds->nrows; i++) {
		c->num[i] = v[i];
		c->nmissing += isnan(v[i]);
	}
	return (int)ds->ncols++;
}

static inline int
hand_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add a text column v[nrows] (NULL = missing), levels sorted by strcmp as
   the data layer sorts them; returns its index. */
static inline int
hand_text(struct dataset *ds, const char *name, const char *const *v)
{
	struct ds_column *c;
	size_t i, k;

	ds->cols = xreallocarray(ds->cols, ds->ncols + 1, sizeof *ds->cols);
	c = &ds->cols[ds->ncols];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->type = DS_TEXT;
	c->code = xmalloc((ds->nrows + 1) * sizeof *c->code);
	c->levels = xmalloc((ds->nrows + 1) * sizeof *c->levels);
	for (i = 0; i < ds->nrows; i++) {
		if (v[i] == NULL)
			continue;
		for (k = 0; k < c->nlevels; k++)
			if (strcmp(c->levels[k], v[i]) == 0)
				break;
		if (k == c->nlevels)
			c->levels[c->nlevels++] = xstrdup(v[i]);
	}
	qsort(c->levels, c->nlevels, sizeof *c->levels, hand_cmp_str);
	for (i = 0; i < ds->nrows; i++) {
		c->code[i] = v[i] == NULL ? -1 : ds_level_code(c, v[i]);
		c->nmissing += v[i] == NULL;
	}
	return (int)ds->ncols++;
}

/* Import csv into table of a scratch database; returns the open db. */
static inline struct db *
import_to(const char *path, const char *csv, const char *table,
	const char *target, const char *bad)
{
	struct rd_err err;
	struct import_spec spec;
	struct import_summary sum;
	struct db *db;

	rd_err_clear(&err);
	db = db_open(path, &err);
	ck_assert_msg(db != NULL, "db_open: %s", err.msg);
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = srcpath(csv);
	spec.table = table;
	spec.target = target;
	spec.bad = bad;
	ck_assert_msg(csv_import(db, &spec, &sum, &err) == 0, "import: %s",
	    err.msg);
	import_summary_done(&sum);
	return db;
}

/* csv (relative to the source tree) imported into a scratch database
   as table, with its target coded, and loaded; the database removed. */
static inline struct dataset *
load_csv(const char *rel, const char *table, const char *target,
	const char *bad)
{
	const char *path = scratch_db(table);
	struct db *db = import_to(path, rel, table, target, bad);
	struct dataset *ds;
	struct rd_err err;

	rd_err_clear(&err);
	ds = db_dataset_load(db, table, &err);
	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	db_close(db);
	unlink(path);
	return ds;
}

/* A bundled oracle file, tests/data/oracle/<file>, parsed. */
static inline json_t *
oracle_load(const char *file)
{
	char rel[256];
	json_error_t jerr;
	json_t *j;

	snprintf(rel, sizeof rel, "tests/data/oracle/%s", file);
	j = json_load_file(srcpath(rel), 0, &jerr);
	ck_assert_msg(j != NULL, "%s: %s", rel, jerr.text);
	return j;
}

/* The number under key in object o (a test failure when it is not one). */
static inline double
jnum(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_number(v), "oracle key '%s' not a number", key);
	return json_number_value(v);
}

#endif
