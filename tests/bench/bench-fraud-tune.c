/*
 * bench-fraud-tune.c - how long moving a fraud rule's threshold takes on
 * a large application stream (run by bench-fraud.sh; not part of make
 * check).
 *
 *   bench-fraud-tune <db> <policy.yaml>
 *
 * On table fraud_apps of db, with the policy's fraud section (the
 * bundled policies/fraud.yaml), times:
 *   load:     fraud_data_load (every feature and rule, once);
 *   prepare:  fraud_tune_prepare for each rule's first threshold (one
 *             SQL pass for the rule with its comparison true and false);
 *   move:     fraud_tune_apply + fraud_evaluate, the work of one key
 *             press on the Fraud screen, mean and worst over 200 moves
 *             up and down the feature's values;
 *   curve:    fraud_tune_curve at 200 points.
 * Prints wall and CPU seconds; bench-fraud.sh sets them against a
 * sqlite3 scan of the same rows.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/db.h"
#include "fraud/fraud.h"
#include "fraud/fraud-tune.h"
#include "policy/policy.h"
#include "util/err.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *tab[1] = { "fraud_apps" };
	struct rd_err err;
	struct db *db;
	struct policy *p;
	struct fraud_data d;
	struct fraud_eval e;
	struct fraud_tune tu;
	struct fraud_threshold *th;
	struct fraud_curve_point *pt;
	double t0, c0, t1, c1, x, worst, total;
	size_t r, n, npts, k, at;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-fraud-tune <db> <policy.yaml>\n");
		return 2;
	}
	if ((db = db_open(argv[1], &err)) == NULL ||
	    (p = policy_load(argv[2], &err)) == NULL)
		goto fail;
	t0 = now();
	c0 = cpu();
	if (fraud_data_load(db, p, tab, 1, 0, &d, &err) != 0)
		goto fail;
	t1 = now();
	c1 = cpu();
	printf("load:    %zu events, %zu features, %zu rules in %.3f s "
	    "(CPU %.3f s)\n", d.n, d.nfeatures, d.nrules, t1 - t0, c1 - c0);
	for (r = 0; r < p->fraud->nrules; r++) {
		double v[64];

		if (fraud_thresholds(p->fraud, r, &th, &n) == 0)
			continue;
		for (k = 0; k < n && k < 64; k++)
			v[k] = th[k].value;
		t0 = now();
		c0 = cpu();
		if (fraud_tune_prepare(db, p, tab, 1, 0, &d, th, n, v, 0, &tu,
		    &err) != 0)
			goto fail;
		t1 = now();
		c1 = cpu();
		printf("%-12s prepare %.3f s (CPU %.3f s), %zu values\n",
		    p->fraud->rules[r].name, t1 - t0, c1 - c0, tu.nsteps);
		/* 200 moves: up and down the values. */
		worst = total = 0;
		for (k = 0, at = 0; k < 200 && tu.nsteps > 0; k++) {
			at = (k / 20) % 2 == 0 ? at + 1 : at - 1;
			if (at >= tu.nsteps)
				at = tu.nsteps - 1;
			x = tu.steps[at];
			t0 = now();
			fraud_tune_apply(&d, p->fraud, &tu, x);
			fraud_evaluate(&d, -INFINITY, p->fraud->capacity, &e);
			t1 = now() - t0;
			total += t1;
			if (t1 > worst)
				worst = t1;
			fraud_eval_done(&e);
		}
		printf("%-12s move    mean %.4f s, worst %.4f s (apply and "
		    "evaluate)\n", "", total / 200, worst);
		t0 = now();
		pt = fraud_tune_curve(&d, &tu, -INFINITY, 200, &npts);
		t1 = now();
		printf("%-12s curve   %zu points in %.4f s\n", "", npts,
		    t1 - t0);
		free(pt);
		/* Back to the file's value for the next rule. */
		fraud_tune_apply(&d, p->fraud, &tu, th[0].value);
		fraud_tune_done(&tu);
		free(th);
	}
	fraud_data_done(&d);
	policy_free(p);
	db_close(db);
	return 0;
fail:
	fprintf(stderr, "bench-fraud-tune: %s%s%s\n", err.file,
	    err.file[0] != '\0' ? ": " : "", err.msg);
	return 1;
}
