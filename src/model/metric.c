/*
 * metric.c - AUC and KS of a risk score (see metric.h for the definitions).
 *
 * Model layer; used by card.c for the development statistics and by the
 * simulation for champion/challenger comparisons.  Both measures sort the
 * known-outcome rows by score once (O(n log n)) and walk the groups of tied
 * scores, so ties are handled exactly: AUC counts a tied bad-good pair as
 * 1/2 (the average-rank Mann-Whitney statistic), KS evaluates the CDFs only
 * between distinct scores.  Counts are kept as integers, so the KS maximum
 * is found without rounding ties.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/metric.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct scored {
	double s;
	int bad;
};

static int
cmp_scored(const void *a, const void *b)
{
	double x = ((const struct scored *)a)->s;
	double y = ((const struct scored *)b)->s;

	return (x > y) - (x < y);
}

/*
 * The known-outcome rows with a non-NaN score, sorted by score ascending
 * (none when y is NULL).  Returns the array (caller frees) and their
 * count in *m, bads in *nb.
 */
static struct scored *
collect(const double *score, const signed char *y, size_t n, size_t *m,
	size_t *nb)
{
	struct scored *v = xmalloc((n > 0 ? n : 1) * sizeof *v);
	size_t i, k = 0, b = 0;

	for (i = 0; y != NULL && i < n; i++) {
		if ((y[i] != 0 && y[i] != 1) || isnan(score[i]))
			continue;
		v[k].s = score[i];
		v[k].bad = y[i] == 1;
		b += v[k].bad;
		k++;
	}
	qsort(v, k, sizeof *v, cmp_scored);
	*m = k;
	*nb = b;
	return v;
}

double
metric_auc(const double *score, const signed char *y, size_t n)
{
	size_t m, nb, ng, i, j;
	struct scored *v = collect(score, y, n, &m, &nb);
	double below = 0, sum = 0;

	ng = m - nb;
	if (nb == 0 || ng == 0) {
		free(v);
		return NAN;
	}
	/* Each bad beats the goods scored lower and ties half of the goods
	   scored equal: sum over tie groups of bads (goods below + goods
	   here / 2). */
	for (i = 0; i < m; i = j) {
		size_t gb = 0, gg = 0;

		for (j = i; j < m && v[j].s == v[i].s; j++) {
			if (v[j].bad)
				gb++;
			else
				gg++;
		}
		sum += (double)gb * (below + 0.5 * (double)gg);
		below += (double)gg;
	}
	free(v);
	return sum / ((double)nb * (double)ng);
}

double
metric_ks(const double *score, const signed char *y, size_t n, double *at)
{
	size_t m, nb, ng, i, j;
	struct scored *v = collect(score, y, n, &m, &nb);
	int64_t cb = 0, cg = 0, best = -1;
	double where = NAN;

	ng = m - nb;
	if (nb == 0 || ng == 0) {
		free(v);
		if (at != NULL)
			*at = NAN;
		return NAN;
	}
	/* |F_bad(t) - F_good(t)| = |cb ng - cg nb| / (nb ng): compare the
	   integer numerators, keep the first (lowest) t of a tie. */
	for (i = 0; i < m; i = j) {
		int64_t d;

		for (j = i; j < m && v[j].s == v[i].s; j++) {
			if (v[j].bad)
				cb++;
			else
				cg++;
		}
		d = cb * (int64_t)ng - cg * (int64_t)nb;
		if (d < 0)
			d = -d;
		if (d > best) {
			best = d;
			where = v[i].s;
		}
	}
	free(v);
	if (at != NULL)
		*at = where;
	return (double)best / ((double)nb * (double)ng);
}

const char *
metric_na_reason(size_t known, size_t bad, int need_both, const char *where,
	char *buf)
{
	char n[FMT_BUF];
	const char *in = where != NULL ? " in " : "";

	if (where == NULL)
		where = "";
	buf[0] = '\0';
	if (known == 0)
		snprintf(buf, METRIC_REASON_MAX, "no known outcomes%s%s", in,
		    where);
	else if (need_both && (bad == 0 || bad == known))
		snprintf(buf, METRIC_REASON_MAX, "no %s among the %s known "
		    "outcome%s%s%s", bad == 0 ? "bads" : "goods",
		    fmt_count(n, (double)known), known == 1 ? "" : "s", in,
		    where);
	return buf[0] != '\0' ? buf : NULL;
}
