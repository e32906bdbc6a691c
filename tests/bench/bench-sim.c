/*
 * bench-sim.c - how long a policy simulation and a cutoff move take on a
 * large synthetic population (run by bench-sim.sh; not part of make check).
 *
 *   bench-sim <db> <population.csv> <policy.yaml>
 *
 * Imports the population written by gen-population.c as table "bench"
 * (target bad, bad value 1, good 0: rejected applicants are
 * indeterminate), loads it, scores every row, and then times:
 *   simulate:    sim_prepare (every condition and EAD evaluated once by
 *                SQLite, each segment sorted, running sums) + sim_figures;
 *   decisions:   sim_run (the same with every applicant's decision);
 *   cutoff move: one segment's cutoff moved and every figure recomputed
 *                (sim_figures), mean and worst over 1,000 moves;
 *   optimise:    sim_optimise for an expected bad rate of 5%.
 * The score is whole points from a fixed formula of the row's dti,
 * utilisation, delinquencies, inquiries and months on file (what a points
 * scorecard gives), so no fit is timed; PD follows from it as a
 * scorecard's would (600 points at 50:1, PDO 20).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "policy/policy.h"
#include "sim/sim.h"
#include "util/err.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the process: less disturbed than wall time on a busy
   machine. */
static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The numbers of column name (NULL when absent or text). */
static const double *
column(const struct dataset *ds, const char *name)
{
	int c = ds_column_index(ds, name);

	return c < 0 ? NULL : ds->cols[c].num;
}

/* Value i of column x, 0 when missing, not known (-999) or absent. */
static double
num(const double *x, size_t i)
{
	return x == NULL || isnan(x[i]) || x[i] == -999 ? 0 : x[i];
}

int
main(int argc, char **argv)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;
	struct db *db;
	struct dataset *ds;
	struct policy *p;
	struct sim_prep prep;
	struct sim_result res;
	double *score, *pd, *cut, t0, t1, c0, c1, worst = 0, total = 0;
	char csv[4096];
	size_t n, i, s;
	const double *dti, *util, *delq, *inq, *mof;
	int k;

	if (argc != 4) {
		fprintf(stderr, "usage: bench-sim <db> <population.csv> "
		    "<policy.yaml>\n");
		return 2;
	}
	snprintf(csv, sizeof csv, "%s", argv[2]);
	remove(argv[1]);
	t0 = now();
	if ((db = db_open(argv[1], &err)) == NULL)
		goto fail;
	memset(&spec, 0, sizeof spec);
	spec.csv_path = csv;
	spec.table = "bench";
	spec.target = "bad";
	spec.bad = "1";
	spec.good[0] = "0";
	spec.ngood = 1;
	if (csv_import(db, &spec, &sum, &err) != 0)
		goto fail;
	import_summary_done(&sum);
	t1 = now();
	printf("population: %s imported in %.2f s\n", csv, t1 - t0);

	t0 = now();
	if ((ds = db_dataset_load(db, "bench", &err)) == NULL)
		goto fail;
	if ((p = policy_load(argv[3], &err)) == NULL)
		goto fail;
	n = ds->nrows;
	score = malloc(n * sizeof *score);
	pd = malloc(n * sizeof *pd);
	dti = column(ds, "dti");
	util = column(ds, "utilisation");
	delq = column(ds, "delinquencies");
	inq = column(ds, "inquiries");
	mof = column(ds, "months_on_file");
	for (i = 0; i < n; i++) {
		score[i] = round(640 - 90 * num(dti, i) - 60 * num(util, i) -
		    25 * num(delq, i) - 8 * num(inq, i) + 0.05 * num(mof, i));
		pd[i] = 1 / (1 + exp((score[i] - 487.1) / 28.85));
	}
	t1 = now();
	printf("load:        dataset and policy in %.3f s (not simulation)\n",
	    t1 - t0);

	t0 = now();
	c0 = cpu();
	if (sim_prepare(p, db, ds, score, pd, &prep, &err) != 0)
		goto fail;
	sim_figures(&prep, NULL, &res);
	t1 = now();
	c1 = cpu();
	printf("simulate:    %zu segments, %zu knock-outs over %zu rows in "
	    "%.3f s (CPU %.3f s; approval %.2f%%, EL %.0f)\n", p->nsegments,
	    p->nknockouts, n, t1 - t0, c1 - c0, 100 * res.total.approval_rate,
	    res.total.expected_loss);
	sim_result_done(&res);

	t0 = now();
	sim_run(&prep, NULL, &res);
	t1 = now();
	printf("decisions:   every applicant's decision in %.3f s\n", t1 - t0);
	sim_result_done(&res);

	cut = calloc(p->nsegments, sizeof *cut);
	for (s = 0; s < p->nsegments; s++)
		cut[s] = p->segments[s].cutoff;
	for (k = 0; k < 1000; k++) {
		s = (size_t)k % p->nsegments;
		cut[s] = p->segments[s].cutoff + (double)(k % 41) - 20;
		t0 = now();
		sim_figures(&prep, cut, &res);
		t1 = now();
		sim_result_done(&res);
		total += t1 - t0;
		if (t1 - t0 > worst)
			worst = t1 - t0;
	}
	printf("cutoff move: overall and segment figures in %.1f us mean, "
	    "%.1f us worst (1,000 moves; the bound is 5 ms)\n",
	    1e6 * total / 1000, 1e6 * worst);
	t0 = now();
	{
		struct sim_opt_spec spec = { SIM_TARGET_BAD_RATE, 0.05, 0 };
		struct sim_opt opt;

		if (sim_optimise(&prep, &spec, &opt, &err) != 0)
			goto fail;
		t1 = now();
		printf("optimise:    expected bad rate <= 5%%: %zu approved, "
		    "%zu frontier points, in %.3f s\n",
		    opt.result.total.approved, opt.nfrontier, t1 - t0);
		sim_opt_done(&opt);
	}
	free(cut);
	free(score);
	free(pd);
	sim_prep_done(&prep);
	policy_free(p);
	ds_free(ds);
	db_close(db);
	return 0;
fail:
	fprintf(stderr, "bench-sim: %s\n", err.msg);
	return 1;
}
