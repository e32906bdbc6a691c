/*
 * gen-population.c - a synthetic applicant population for riskdesk's
 * import benchmark and for the applicant/performance link path.
 *
 * Standalone (libc and libm only), deterministic for a given seed
 * (splitmix64 generator, Box-Muller normals), so every run of the
 * benchmark reads the same bytes.
 *
 * Usage:
 *   gen-population [-n ROWS] [-s SEED] [-o FILE]
 *       one CSV with the decision and the outcome (default stdout)
 *   gen-population [-n ROWS] [-s SEED] -a APPLICANTS -p PERFORMANCE
 *       the same population as two extracts: applications as decided,
 *       and the performance of the booked accounts
 *
 * Columns of the population (18):
 *   app_id          1..N
 *   app_date        ISO date, uniform over 2023-01-01 .. 2024-12-30
 *   channel         branch 40%, online 35%, broker 15%, partner 10%
 *   region          north, south, east, west, central (equal shares)
 *   housing         own 40%, mortgage 30%, rent 25%, other 5%
 *   employment      employed 65%, self-employed 15%, retired 10%,
 *                   student 5%, unemployed 5%
 *   age             18..80, normal(42, 12) rounded and clipped
 *   income          monthly, lognormal: exp(normal(ln 3000, 0.5))
 *   dti             debt-to-income, 0..1.5: 0.35 + normal(0, 0.15)
 *   utilisation     0..1.2: uniform(0, 1) + 0.2 uniform(0, 1) - 0.1
 *   delinquencies   past delinquencies, geometric with mean 0.4
 *   inquiries       credit inquiries in 6 months, geometric mean 1.2
 *   months_on_file  credit history length, 0..480: age-driven
 *   requested_limit 500..50000, about income x 3, rounded to 100
 *   decision        approved or rejected
 *   bad             1 or 0 for approved applicants, empty for rejected
 *   ead             exposure at default of approved applicants
 *   lgd             loss given default of approved applicants, 0.1..0.9
 * Missing values: each characteristic cell (channel .. requested_limit)
 * is empty with probability 0.03.  Special values: income and
 * months_on_file are -999 (not known) with probability 0.01 each.
 *
 * The bad flag follows a known logistic model on the true values (before
 * cells are blanked or set to -999):
 *   z = -2.10 - 0.025 (age - 42) - 0.45 ln(income / 3000)
 *       + 1.60 (dti - 0.35) + 1.10 (utilisation - 0.5)
 *       + 0.45 delinquencies + 0.12 inquiries - 0.004 (months_on_file - 120)
 *       + channel (online 0.20, broker 0.35, partner 0.10, branch 0)
 *       + housing (rent 0.25, other 0.10, own -0.20, mortgage 0)
 *   PD = 1 / (1 + exp(-z)),  bad ~ Bernoulli(PD).
 * An applicant is rejected with probability 0.04 + 0.45 PD (about 12% of
 * the population): rejected applicants have no outcome.
 * EAD = requested_limit x (0.4 + 0.5 utilisation) (x 1.2 for a bad);
 * LGD = 0.25 + 0.5 u (u uniform) for a bad, 0.1 + 0.3 u for a good.
 *
 * Split extracts: applicants.csv holds app_id .. decision; performance.csv
 * holds, for the approved applicants that booked (95%): account_id,
 * app_id, balance, credit_limit, worst_delinquency (days past due: 0, 30,
 * 60 for goods; 90 or 120 for bads), charge_off (EAD x LGD for a bad,
 * else 0) and bad (1/0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen-rng.h"

static int
missing(void)
{
	return unif() < 0.03;
}

static void
usage(void)
{
	fputs("usage: gen-population [-n rows] [-s seed] [-o file]\n"
	    "       gen-population [-n rows] [-s seed] -a applicants.csv "
	    "-p performance.csv\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	static const char *const channel[] = { "branch", "online", "broker",
	    "partner" };
	static const double channel_cum[] = { 0.40, 0.75, 0.90 };
	static const double channel_b[] = { 0, 0.20, 0.35, 0.10 };
	static const char *const region[] = { "north", "south", "east",
	    "west", "central" };
	static const double region_cum[] = { 0.2, 0.4, 0.6, 0.8 };
	static const char *const housing[] = { "own", "mortgage", "rent",
	    "other" };
	static const double housing_cum[] = { 0.40, 0.70, 0.95 };
	static const double housing_b[] = { -0.20, 0, 0.25, 0.10 };
	static const char *const employment[] = { "employed", "self-employed",
	    "retired", "student", "unemployed" };
	static const double employment_cum[] = { 0.65, 0.80, 0.90, 0.95 };
	const char *out = NULL, *apath = NULL, *ppath = NULL;
	unsigned long long seed = 20240601ULL;
	long n = 1000000, i, nrej = 0, nbad = 0, account = 5000000;
	FILE *f, *pf = NULL;
	int c;

	while ((c = getopt(argc, argv, "n:s:o:a:p:")) != -1) {
		switch (c) {
		case 'n': n = atol(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'o': out = optarg; break;
		case 'a': apath = optarg; break;
		case 'p': ppath = optarg; break;
		default: usage();
		}
	}
	if (n < 1 || optind != argc || (apath == NULL) != (ppath == NULL))
		usage();
	rng_state = seed;
	if (apath != NULL)
		out = apath;
	f = out ? fopen(out, "w") : stdout;
	if (f == NULL) {
		perror(out);
		return 1;
	}
	if (ppath != NULL && (pf = fopen(ppath, "w")) == NULL) {
		perror(ppath);
		return 1;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	fputs("app_id,app_date,channel,region,housing,employment,age,income,"
	    "dti,utilisation,delinquencies,inquiries,months_on_file,"
	    "requested_limit,decision", f);
	fputs(pf ? "\n" : ",bad,ead,lgd\n", f);
	if (pf != NULL) {
		setvbuf(pf, NULL, _IOFBF, 1 << 20);
		fputs("account_id,app_id,balance,credit_limit,"
		    "worst_delinquency,charge_off,bad\n", pf);
	}
	for (i = 1; i <= n; i++) {
		int ch = pick(channel_cum, 4), rg = pick(region_cum, 5);
		int ho = pick(housing_cum, 4), em = pick(employment_cum, 5);
		int age = (int)clip(floor(normal(42, 12) + 0.5), 18, 80);
		double income = floor(exp(normal(log(3000), 0.5)));
		double dti = clip(0.35 + normal(0, 0.15), 0, 1.5);
		double util = clip(unif() + 0.2 * unif() - 0.1, 0, 1.2);
		int del = geometric(0.4), inq = geometric(1.2);
		int mof = (int)clip((age - 18) * 12 * (0.3 + 0.7 * unif()), 0,
		    480);
		double lim = clip(floor(income * 3 * (0.5 + unif()) / 100) *
		    100, 500, 50000);
		double z, pd, ead, lgd, book;
		int bad, rejected, y, m, d;

		z = -2.10 - 0.025 * (age - 42) - 0.45 * log(income / 3000) +
		    1.60 * (dti - 0.35) + 1.10 * (util - 0.5) + 0.45 * del +
		    0.12 * inq - 0.004 * (mof - 120) + channel_b[ch] +
		    housing_b[ho];
		pd = 1 / (1 + exp(-z));
		bad = unif() < pd;
		rejected = unif() < 0.04 + 0.45 * pd;
		ead = lim * (0.4 + 0.5 * util) * (bad ? 1.2 : 1);
		lgd = bad ? 0.25 + 0.5 * unif() : 0.1 + 0.3 * unif();
		book = unif();	/* drawn in both modes: same population */
		civil(19358 + (long)(unif() * 730), &y, &m, &d);

		fprintf(f, "%ld,%04d-%02d-%02d,", i, y, m, d);
		fprintf(f, "%s,", missing() ? "" : channel[ch]);
		fprintf(f, "%s,", missing() ? "" : region[rg]);
		fprintf(f, "%s,", missing() ? "" : housing[ho]);
		fprintf(f, "%s,", missing() ? "" : employment[em]);
		if (missing()) fputc(',', f); else fprintf(f, "%d,", age);
		if (missing()) fputc(',', f);
		else fprintf(f, "%.0f,", unif() < 0.01 ? -999.0 : income);
		if (missing()) fputc(',', f); else fprintf(f, "%.3f,", dti);
		if (missing()) fputc(',', f); else fprintf(f, "%.3f,", util);
		if (missing()) fputc(',', f); else fprintf(f, "%d,", del);
		if (missing()) fputc(',', f); else fprintf(f, "%d,", inq);
		if (missing()) fputc(',', f);
		else fprintf(f, "%d,", unif() < 0.01 ? -999 : mof);
		if (missing()) fputc(',', f); else fprintf(f, "%.0f,", lim);
		fputs(rejected ? "rejected" : "approved", f);
		nrej += rejected;
		if (pf == NULL) {
			if (rejected)
				fputs(",,,\n", f);
			else
				fprintf(f, ",%d,%.2f,%.4f\n", bad, ead, lgd);
			nbad += !rejected && bad;
			continue;
		}
		fputc('\n', f);
		if (rejected || book >= 0.95)
			continue;	/* rejected, or not booked */
		nbad += bad;
		fprintf(pf, "%ld,%ld,%.2f,%.0f,%d,%.2f,%d\n", account++, i,
		    ead / (bad ? 1.2 : 1), lim, bad ? (book < 0.475 ? 90 :
		    120) : (int)(book / 0.95 * 3) * 30, bad ? ead * lgd : 0,
		    bad);
	}
	if (fclose(f) != 0 || (pf != NULL && fclose(pf) != 0)) {
		perror("write");
		return 1;
	}
	fprintf(stderr, "gen-population: %ld rows, %ld rejected (%.1f%%), "
	    "%ld bads with an outcome\n", n, nrej, 100.0 * (double)nrej /
	    (double)n, nbad);
	return 0;
}
