/*
 * bench-fit.c - the steps of a raw logistic fit timed one by one, for
 * bench-fit.sh: loading the table from the database, building the design
 * matrix (design_build) and the IRLS fit (logit_fit).
 *
 *   bench-fit <db> <table> <ref column=level>... -- <column>...
 *
 * Prints "load S", "design S", "fit S" (processor seconds of this
 * process, which a busy machine disturbs less than the wall clock), the
 * rows used, the parameters, the iterations and the log-likelihood.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "data/db.h"
#include "model/design.h"
#include "model/logit.h"
#include "util/err.h"

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct design d;
	struct logit_spec sp;
	struct logit_result r;
	const char *refs[16], *vars[64];
	size_t nr = 0, nv = 0;
	int i = 3;
	double t0, t1, t2, t3;

	if (argc < 4) {
		fputs("usage: bench-fit <db> <table> <ref>... -- <column>...\n",
		    stderr);
		return 2;
	}
	gsl_set_error_handler_off();
	rd_err_clear(&err);
	for (; i < argc && strcmp(argv[i], "--") != 0 && nr < 16; i++)
		refs[nr++] = argv[i];
	for (i++; i < argc && nv < 64; i++)
		vars[nv++] = argv[i];
	if ((db = db_open(argv[1], &err)) == NULL)
		goto fail;
	t0 = now();
	/* As riskdesk fit --raw loads: the target and the model's columns. */
	if ((ds = db_dataset_load_columns(db, argv[2], vars, nv, &err)) ==
	    NULL)
		goto fail;
	t1 = now();
	if (design_build(ds, vars, nv, refs, nr, &d, &err) != 0)
		goto fail;
	t2 = now();
	logit_spec_init(&sp);
	if (logit_fit(d.X, d.y, NULL, d.n, d.p, NULL, &sp, &r, &err) != 0)
		goto fail;
	t3 = now();
	printf("load %.3f\ndesign %.3f\nfit %.3f\nn %zu\np %zu\n"
	    "iterations %d\nloglik %.10f\n", t1 - t0, t2 - t1, t3 - t2, d.n,
	    d.p, r.iterations, r.loglik);
	logit_result_done(&r);
	design_done(&d);
	ds_free(ds);
	db_close(db);
	return 0;
fail:
	fprintf(stderr, "bench-fit: %s\n", err.msg);
	return 1;
}
