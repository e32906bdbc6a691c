/*
 * gen-collect.c - a synthetic card portfolio for riskdesk collect: the
 * monthly snapshots of every account and the log of the collections
 * treatments given, with a randomised champion/challenger test.
 *
 *   gen-collect <accounts> <months> <seed> <snapshots.csv> <actions.csv>
 *
 * Synthetic: no real account is described.  Each account has a
 * behaviour score ~ N(600, 50) and a balance ~ lognormal (median 2,000),
 * starting current in 2024-01.  Each month a current account falls into
 * bucket 1 with probability 3% shifted by its score (logit, -1 per 100
 * points above 600).  A delinquent account (bucket 1-4) is treated by
 * the champion strategy of policies/collections.yaml: bucket 1 an SMS,
 * bucket 2 a call, bucket 3 a field visit, bucket 4 the agency, with
 * three randomised tests: a letter instead of the SMS for 20% of bucket
 * 1 drawn at random, an SMS instead of the call for 25% of bucket 2, a
 * letter instead of the field visit for 30% of bucket 3.  The
 * next month it cures (bucket 0) with probability
 *   logit^-1(logit(base[b]) + effect[t] + (score - 600) / 100),
 * base = 0.40, 0.22, 0.10, 0.04 by bucket 1..4 and effect: sms 0,
 * letter +0.25, call +0.45, field +0.60, agency 0; else rolls to b + 1
 * (5: charged off) with probability roll[b] = 0.30, 0.40, 0.45, 0.35,
 * less 0.10 after a call or field visit, else stays.  Charged-off
 * accounts stay in bucket 5.  Balances move by N(0, 2%) a month.
 *
 * Columns: snapshots account,month,bucket,balance,score; actions
 * account,month,treatment.  The same arguments give the same bytes
 * (splitmix64, gen-rng.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gen-rng.h"

static double
logistic(double x)
{
	return 1 / (1 + exp(-x));
}

static double
logit(double p)
{
	return log(p / (1 - p));
}

enum { SMS, LETTER, CALL, FIELD, AGENCY };
static const char *const names[] = { "sms", "letter", "call", "field",
    "agency" };

int
main(int argc, char **argv)
{
	static const double base[5] = { 0, 0.40, 0.22, 0.10, 0.04 };
	static const double roll[5] = { 0, 0.30, 0.40, 0.45, 0.35 };
	static const double effect[5] = { 0, 0.25, 0.45, 0.60, 0 };
	long na, nm, i, m;
	FILE *fs, *fa;
	int *bucket, *score;
	double *bal;

	if (argc != 6) {
		fprintf(stderr, "usage: gen-collect <accounts> <months> <seed> "
		    "<snapshots.csv> <actions.csv>\n");
		return 2;
	}
	na = atol(argv[1]);
	nm = atol(argv[2]);
	rng_state = strtoull(argv[3], NULL, 10);
	if (na <= 0 || nm <= 0 || nm > 120) {
		fprintf(stderr, "gen-collect: accounts > 0, months 1..120\n");
		return 2;
	}
	if ((fs = fopen(argv[4], "w")) == NULL ||
	    (fa = fopen(argv[5], "w")) == NULL) {
		perror("gen-collect");
		return 1;
	}
	bucket = calloc((size_t)na, sizeof *bucket);
	score = calloc((size_t)na, sizeof *score);
	bal = calloc((size_t)na, sizeof *bal);
	if (bucket == NULL || score == NULL || bal == NULL) {
		fprintf(stderr, "gen-collect: out of memory\n");
		return 1;
	}
	for (i = 0; i < na; i++) {
		score[i] = (int)lround(normal(600, 50));
		bal[i] = exp(normal(log(2000), 0.8));
	}
	fprintf(fs, "account,month,bucket,balance,score\n");
	fprintf(fa, "account,month,treatment\n");
	for (m = 0; m < nm; m++) {
		int y = 2024 + (int)(m / 12), mo = (int)(m % 12) + 1;

		for (i = 0; i < na; i++) {
			int b = bucket[i], t;
			double z = (score[i] - 600) / 100.0, p;

			fprintf(fs, "A%07ld,%04d-%02d,%d,%.2f,%d\n", i + 1, y, mo,
			    b, bal[i], score[i]);
			/* Next month's bucket. */
			if (b == 0) {
				p = logistic(logit(0.03) - z);
				bucket[i] = unif() < p ? 1 : 0;
			} else if (b < 5) {
				if (b == 1)
					t = unif() < 0.20 ? LETTER : SMS;
				else if (b == 2)
					t = unif() < 0.25 ? SMS : CALL;
				else if (b == 3)
					t = unif() < 0.30 ? LETTER : FIELD;
				else
					t = AGENCY;
				fprintf(fa, "A%07ld,%04d-%02d,%s\n", i + 1, y, mo,
				    names[t]);
				p = logistic(logit(base[b]) + effect[t] + z);
				if (unif() < p)
					bucket[i] = 0;
				else if (unif() < roll[b] - (t == CALL ||
				    t == FIELD ? 0.10 : 0))
					bucket[i] = b + 1;
			}
			if (bucket[i] < 5) {
				bal[i] *= 1 + normal(0, 0.02);
				if (bal[i] < 0)
					bal[i] = 0;
			}
		}
	}
	free(bucket);
	free(score);
	free(bal);
	if (fclose(fs) != 0 || fclose(fa) != 0) {
		perror("gen-collect");
		return 1;
	}
	return 0;
}
