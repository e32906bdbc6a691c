/*
 * monitor.c - vintages, roll rates, PD back-testing, the AUC test and
 * the PSI critical value of portfolio monitoring (monitor.h).
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "model/monitor.h"
#include "util/err.h"
#include "util/xmalloc.h"

static const char *const bucket_names[MON_NBUCKETS] = {
	"current", "1-29", "30-59", "60-89", "90+", "charged off"
};

const char *
monitor_bucket_name(int b)
{
	return b >= 0 && b < MON_NBUCKETS ? bucket_names[b] : "?";
}

int
monitor_bucket(double dpd, int charged_off)
{
	if (charged_off)
		return MON_CO;
	if (!(dpd >= 0))
		return -1;
	if (dpd < 1)
		return MON_CURRENT;
	if (dpd < 30)
		return MON_1_29;
	if (dpd < 60)
		return MON_30_59;
	if (dpd < 90)
		return MON_60_89;
	return MON_90P;
}


/* The first and last cohort of cohort[na] (INT_MIN: none), into *c0 and
   *c1; left as they are when there is none. */
static void
cohort_range(const int *cohort, size_t na, int *c0, int *c1)
{
	size_t i;

	for (i = 0; i < na; i++) {
		if (cohort[i] == INT_MIN)
			continue;
		if (cohort[i] < *c0)
			*c0 = cohort[i];
		if (cohort[i] > *c1)
			*c1 = cohort[i];
	}
}

/* Days of month mo (1-12) of year y, Gregorian. */
static int
month_days(int y, int mo)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[mo - 1];
}

int
monitor_month_parse(const char *s, int *m)
{
	int y = 0, mo = 0, day, i;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = 10 * y + (s[i] - '0');
	}
	if (s[4] != '-' || s[5] < '0' || s[5] > '9' || s[6] < '0' ||
	    s[6] > '9')
		return -1;
	mo = 10 * (s[5] - '0') + (s[6] - '0');
	if (mo < 1 || mo > 12 || (s[7] != '\0' && s[7] != '-'))
		return -1;
	if (s[7] == '-') {
		/* A date: its day must exist (2024-02-30 and 2024-03-99
		   do not), a time after it is let be. */
		if (s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
			return -1;
		day = 10 * (s[8] - '0') + (s[9] - '0');
		if (day < 1 || day > month_days(y, mo) ||
		    (s[10] != '\0' && s[10] != 'T' && s[10] != ' '))
			return -1;
	}
	*m = 12 * y + mo - 1;
	return 0;
}

void
monitor_month_format(int m, char buf[8])
{
	int y = m >= 0 ? (m / 12) % 10000 : 0, mo = m >= 0 ? m % 12 + 1 : 1;

	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + mo / 10);
	buf[6] = (char)('0' + mo % 10);
	buf[7] = '\0';
}

static void vintage_rates(const int *cohort, const int *badmob, size_t na,
	const unsigned char *obs, struct mon_vintage *out);

int
monitor_vintage(const size_t *acct, const int *month, const double *dpd,
	const unsigned char *co, size_t n, const int *cohort, size_t na,
	int bad_dpd, struct mon_vintage *out, struct rd_err *err)
{
	int *badmob, c0 = INT_MAX, c1 = INT_MIN, last = INT_MIN;
	unsigned char *obs;
	size_t i;

	memset(out, 0, sizeof *out);
	cohort_range(cohort, na, &c0, &c1);
	if (c0 == INT_MAX || n == 0)
		return rd_err_set(err, RD_EINPUT, "vintages: %s",
		    n == 0 ? "no snapshot" : "no account has an origination "
		    "month");
	for (i = 0; i < n; i++)
		if (month[i] > last)
			last = month[i];
	if (last < c1)
		last = c1;
	out->c0 = c0;
	out->ncohorts = (size_t)(c1 - c0) + 1;
	out->nmob = (size_t)(last - c0) + 1;
	out->accounts = xcalloc(out->ncohorts, sizeof *out->accounts);
	out->rate = xmalloc(out->ncohorts * out->nmob * sizeof *out->rate);
	/* The first bad month on book of each account (INT_MAX: never). */
	badmob = xmalloc((na > 0 ? na : 1) * sizeof *badmob);
	for (i = 0; i < na; i++)
		badmob[i] = INT_MAX;
	/* obs[c * nmob + k]: an account of cohort c has a snapshot at
	   month on book k. */
	obs = xcalloc(out->ncohorts * out->nmob, 1);
	for (i = 0; i < n; i++) {
		int coh = cohort[acct[i]], mob;

		if (coh == INT_MIN)
			continue;
		mob = month[i] - coh;
		if (mob < 0) {
			out->snapshots_before++;
			continue;
		}
		obs[(size_t)(coh - c0) * out->nmob + (size_t)mob] = 1;
		if ((co != NULL && co[i]) || dpd[i] >= bad_dpd)
			if (mob < badmob[acct[i]])
				badmob[acct[i]] = mob;
	}
	vintage_rates(cohort, badmob, na, obs, out);
	free(obs);
	free(badmob);
	return 0;
}

/* The tail of monitor_vintage and monitor_vintage_fold: out's c0,
   ncohorts and nmob set and its arrays allocated, obs[ncohorts * nmob]
   and the first bad month on book of each account (INT_MAX never) ->
   the cohort sizes and the rates. */
static void
vintage_rates(const int *cohort, const int *badmob, size_t na,
	const unsigned char *obs, struct mon_vintage *out)
{
	size_t *bad, i, c, k, keep;
	int c0 = out->c0;

	/* bad[c * nmob + k]: accounts of c first bad at month on book k. */
	bad = xcalloc(out->ncohorts * out->nmob, sizeof *bad);
	for (i = 0; i < na; i++) {
		if (cohort[i] == INT_MIN)
			continue;
		c = (size_t)(cohort[i] - c0);
		out->accounts[c]++;
		if (badmob[i] != INT_MAX)
			bad[c * out->nmob + (size_t)badmob[i]]++;
	}
	for (c = 0; c < out->ncohorts; c++) {
		size_t cum = 0;

		for (k = 0; k < out->nmob; k++) {
			cum += bad[c * out->nmob + k];
			out->rate[c * out->nmob + k] = obs[c * out->nmob + k] &&
			    out->accounts[c] > 0 ? (double)cum /
			    (double)out->accounts[c] : NAN;
		}
	}
	free(bad);
	/* The months on book no cohort reached (past the oldest cohort's
	   last snapshot) hold no figure: cut them off. */
	for (keep = out->nmob; keep > 1; keep--) {
		for (c = 0; c < out->ncohorts; c++)
			if (!isnan(out->rate[c * out->nmob + keep - 1]))
				break;
		if (c < out->ncohorts)
			break;
	}
	if (keep < out->nmob) {
		for (c = 1; c < out->ncohorts; c++)
			memmove(out->rate + c * keep, out->rate + c * out->nmob,
			    keep * sizeof *out->rate);
		out->nmob = keep;
	}
}

int
monitor_vintage_fold(const int *cohort, const int *badmob, size_t na,
	int last, const unsigned char *seen, int s0, size_t sn, size_t sw,
	struct mon_vintage *out, struct rd_err *err)
{
	int c0 = INT_MAX, c1 = INT_MIN;
	unsigned char *obs;
	size_t c, k;

	memset(out, 0, sizeof *out);
	cohort_range(cohort, na, &c0, &c1);
	if (c0 == INT_MAX || last == INT_MIN)
		return rd_err_set(err, RD_EINPUT, "vintages: %s",
		    last == INT_MIN ? "no snapshot" : "no account has an "
		    "origination month");
	if (last < c1)
		last = c1;
	out->c0 = c0;
	out->ncohorts = (size_t)(c1 - c0) + 1;
	out->nmob = (size_t)(last - c0) + 1;
	out->accounts = xcalloc(out->ncohorts, sizeof *out->accounts);
	out->rate = xmalloc(out->ncohorts * out->nmob * sizeof *out->rate);
	obs = xcalloc(out->ncohorts * out->nmob, 1);
	for (c = 0; c < sn; c++) {
		int coh = s0 + (int)c;

		if (coh < c0 || coh > c1)
			continue;
		for (k = 0; k < sw && k < out->nmob; k++)
			if (seen[c * sw + k])
				obs[(size_t)(coh - c0) * out->nmob + k] = 1;
	}
	vintage_rates(cohort, badmob, na, obs, out);
	free(obs);
	return 0;
}

void
mon_vintage_done(struct mon_vintage *v)
{
	free(v->accounts);
	free(v->rate);
	memset(v, 0, sizeof *v);
}

/* A snapshot's sort key and row. */
struct snap_key {
	size_t acct;
	int month;
	size_t row;
};

static int
cmp_snap(const void *a, const void *b)
{
	const struct snap_key *x = a, *y = b;

	if (x->acct != y->acct)
		return x->acct < y->acct ? -1 : 1;
	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/*
 * Whether the snapshots are already in (account, month) order, so that
 * the sort can be skipped: the usual export of a performance table is.
 */
static int
snaps_sorted(const size_t *acct, const int *month, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (acct[i] < acct[i - 1] || (acct[i] == acct[i - 1] &&
		    month[i] < month[i - 1]))
			return 0;
	return 1;
}

int
monitor_roll(const size_t *acct, const int *month, const double *dpd,
	const unsigned char *co, size_t n, struct mon_roll *out,
	size_t *bad_row, struct rd_err *err)
{
	struct snap_key *ord = NULL;
	size_t i, r;
	int b, prev = -1, sorted;

	memset(out, 0, sizeof *out);
	sorted = snaps_sorted(acct, month, n);
	if (!sorted) {
		ord = xmalloc((n > 0 ? n : 1) * sizeof *ord);
		for (i = 0; i < n; i++) {
			ord[i].acct = acct[i];
			ord[i].month = month[i];
			ord[i].row = i;
		}
		qsort(ord, n, sizeof *ord, cmp_snap);
	}
	for (r = 0; r < n; r++) {
		size_t p = r > 0 ? (sorted ? r - 1 : ord[r - 1].row) : 0;

		i = sorted ? r : ord[r].row;
		b = monitor_bucket(dpd[i], co != NULL && co[i]);
		if (b < 0) {
			*bad_row = i;
			free(ord);
			return rd_err_set(err, RD_EINPUT, "snapshot %zu: "
			    "expected days past due >= 0, found %g", i + 1,
			    dpd[i]);
		}
		if (r > 0 && acct[p] == acct[i]) {
			if (month[p] == month[i]) {
				*bad_row = i;
				free(ord);
				return rd_err_set(err, RD_EINPUT, "snapshot "
				    "%zu: a second snapshot of one account "
				    "in one month", i + 1);
			}
			if (month[i] == month[p] + 1) {
				out->count[prev][b]++;
				out->pairs++;
			} else {
				out->gaps++;
			}
		}
		prev = b;
	}
	free(ord);
	monitor_roll_rates(out);
	return 0;
}

void
monitor_roll_rates(struct mon_roll *out)
{
	int b;

	for (b = 0; b < MON_NBUCKETS; b++) {
		size_t tot = 0;
		int t;

		for (t = 0; t < MON_NBUCKETS; t++)
			tot += out->count[b][t];
		for (t = 0; t < MON_NBUCKETS; t++)
			out->rate[b][t] = tot > 0 ? (double)out->count[b][t] /
			    (double)tot : NAN;
	}
	for (b = 0; b < MON_NBUCKETS - 1; b++)
		out->roll[b] = out->rate[b][b + 1];
	for (b = MON_NBUCKETS - 2; b >= 0; b--)
		out->flow_to_co[b] = out->roll[b] *
		    (b == MON_NBUCKETS - 2 ? 1.0 : out->flow_to_co[b + 1]);
}

double
monitor_binomial_p(size_t n, size_t d, double pd)
{
	if (n == 0 || !(pd > 0 && pd < 1) || d > n)
		return NAN;
	if (d == 0)
		return 1.0;
	return gsl_cdf_binomial_Q((unsigned)(d - 1), pd, (unsigned)n);
}

double
monitor_jeffreys_p(size_t n, size_t d, double pd)
{
	if (n == 0 || !(pd > 0 && pd < 1) || d > n)
		return NAN;
	return gsl_cdf_beta_P(pd, (double)d + 0.5, (double)(n - d) + 0.5);
}

const char *
monitor_light(double p, double amber_alpha, double red_alpha)
{
	if (isnan(p))
		return "n/a";
	if (p < red_alpha)
		return "red";
	if (p < amber_alpha)
		return "amber";
	return "green";
}

int
monitor_backtest(const double *score, const double *pd,
	const signed char *y, size_t n, const double *breaks, size_t nbreaks,
	double amber_alpha, double red_alpha, struct mon_backtest *out,
	struct rd_err *err)
{
	double *sumpd;
	size_t i, g, ng = nbreaks + 1;

	memset(out, 0, sizeof *out);
	if (!(amber_alpha > red_alpha && red_alpha > 0 && amber_alpha < 1))
		return rd_err_set(err, RD_EUSAGE, "back-testing: expected "
		    "0 < red level < amber level < 1, found %g and %g",
		    red_alpha, amber_alpha);
	out->grades = xcalloc(ng, sizeof *out->grades);
	out->ngrades = ng;
	sumpd = xcalloc(ng, sizeof *sumpd);
	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = nbreaks;

		if ((y[i] != 0 && y[i] != 1) || !isfinite(score[i]))
			continue;
		/* grade = number of breaks <= score */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (breaks[mid] <= score[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		out->grades[lo].n++;
		out->grades[lo].d += (size_t)y[i];
		sumpd[lo] += pd[i];
	}
	for (g = 0; g < ng; g++) {
		struct mon_grade *gr = &out->grades[g];

		gr->lo = g == 0 ? -INFINITY : breaks[g - 1];
		gr->hi = g == nbreaks ? INFINITY : breaks[g];
		out->n += gr->n;
		out->d += gr->d;
		gr->pd = gr->n > 0 ? sumpd[g] / (double)gr->n : NAN;
		gr->dr = gr->n > 0 ? (double)gr->d / (double)gr->n : NAN;
		gr->binom_p = monitor_binomial_p(gr->n, gr->d, gr->pd);
		gr->jeffreys_p = monitor_jeffreys_p(gr->n, gr->d, gr->pd);
		gr->light = monitor_light(gr->jeffreys_p, amber_alpha,
		    red_alpha);
		if (gr->n > 0 && gr->pd > 0 && gr->pd < 1) {
			double e = (double)gr->n * gr->pd;

			out->hl += ((double)gr->d - e) * ((double)gr->d - e) /
			    (e * (1 - gr->pd));
			out->hl_df++;
		}
	}
	out->hl_p = out->hl_df > 0 ? gsl_cdf_chisq_Q(out->hl,
	    (double)out->hl_df) : NAN;
	if (out->n > 0) {
		for (g = 0; g < ng; g++) {
			double s = (double)out->grades[g].n / (double)out->n;

			out->herfindahl += s * s;
		}
		out->herfindahl_norm = ng > 1 ? ((double)ng *
		    out->herfindahl - 1) / (double)(ng - 1) : NAN;
	} else {
		out->herfindahl = out->herfindahl_norm = NAN;
	}
	free(sumpd);
	return 0;
}

void
mon_backtest_done(struct mon_backtest *b)
{
	free(b->grades);
	memset(b, 0, sizeof *b);
}

double
monitor_auc_se(double a, size_t nb, size_t ng)
{
	double q1, q2, v;

	if (nb == 0 || ng == 0 || isnan(a))
		return NAN;
	q1 = a / (2 - a);
	q2 = 2 * a * a / (1 + a);
	v = (a * (1 - a) + ((double)nb - 1) * (q1 - a * a) +
	    ((double)ng - 1) * (q2 - a * a)) / ((double)nb * (double)ng);
	return v > 0 ? sqrt(v) : 0;
}

double
monitor_auc_test_p(double auc_dev, double auc, size_t nb, size_t ng)
{
	double se = monitor_auc_se(auc, nb, ng);

	if (isnan(se) || isnan(auc_dev) || se == 0)
		return NAN;
	return gsl_cdf_ugaussian_Q((auc_dev - auc) / se);
}

double
monitor_psi_critical(size_t nb, size_t nn, size_t bins, double alpha)
{
	if (nb == 0 || nn == 0 || bins < 2 || !(alpha > 0 && alpha < 1))
		return NAN;
	return (1.0 / (double)nb + 1.0 / (double)nn) *
	    gsl_cdf_chisq_Qinv(alpha, (double)(bins - 1));
}
