/*
 * bench-bin.c - time the characteristic analysis of a large table: fine
 * classing and optimal coarse classing of every characteristic (not part
 * of make check; run by bench-bin.sh).
 *
 *   bench-bin <db> <table> [<column to leave out>...]
 *
 * Loads the table (timed apart), then bins every column except the
 * target and those named, with the defaults (20 fine bins, 5% minimum bin
 * share, auto trend) and the special values declared at import, and
 * prints the time, the rows per second and each characteristic's IV
 * and time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "model/bin.h"
#include "util/err.h"

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct rd_err err;
	struct desk *d;
	struct dataset *ds;
	struct bin_spec spec;
	struct desk_bins_lend lend;
	struct characteristic **ch;
	double t0, t1, t2, *tk;
	clock_t c0;
	size_t j, n = 0;
	int a;

	if (argc < 3) {
		fprintf(stderr, "usage: bench-bin <db> <table> [<skip>...]\n");
		return 2;
	}
	rd_err_clear(&err);
	if ((d = desk_open(argv[1], &err)) == NULL)
		goto fail;
	t0 = now();
	if ((ds = db_dataset_load(d->db, argv[2], &err)) == NULL)
		goto fail;
	t1 = now();
	bin_spec_init(&spec);
	if (desk_bins_lend(d, ds, &spec, &lend, &err) < 0)
		goto fail;
	ch = calloc(ds->ncols + 1, sizeof *ch);
	tk = calloc(ds->ncols + 1, sizeof *tk);
	t2 = now();
	c0 = clock();
	for (j = 0; j < ds->ncols; j++) {
		int skip = (int)j == ds->target;

		for (a = 3; a < argc; a++)
			skip |= strcmp(argv[a], ds->cols[j].name) == 0;
		if (skip)
			continue;
		tk[n] = now();
		if ((ch[n] = bin_optimal(ds, &ds->cols[j], &spec, &err)) ==
		    NULL)
			goto fail;
		tk[n] = now() - tk[n];
		n++;
	}
	t1 = now() - t2 + 0 * t1;
	printf("loaded %zu rows x %zu columns in %.3f s\n", ds->nrows,
	    ds->ncols, t2 - t0);
	printf("binned %zu characteristics (fine %d + optimal coarse) in "
	    "%.3f s (%.3f s of CPU): %.0f rows/s, %.0f cells/s\n", n,
	    spec.nquantiles, t1, (double)(clock() - c0) / CLOCKS_PER_SEC,
	    (double)ds->nrows / t1, (double)ds->nrows * (double)n / t1);
	for (j = 0; j < n; j++) {
		printf("  %-20s %2zu bins  IV %.4f  %6.3f s  %s\n",
		    ch[j]->name, ch[j]->nbins, ch[j]->iv, tk[j],
		    ch[j]->status != NULL ? ch[j]->status : "usable");
		characteristic_free(ch[j]);
	}
	free(ch);
	free(tk);
	desk_bins_lend_done(&lend);
	ds_free(ds);
	desk_close(d);
	return 0;

fail:
	fprintf(stderr, "bench-bin: %s\n", err.msg);
	return 1;
}
