/*
 * metric.c - AUC and KS of a risk score (see metric.h for the definitions).
 *
 * Model layer; used by card.c for the development statistics and by the
 * simulation for champion/challenger comparisons.  Both measures sort the
 * known-outcome rows by score once (a radix sort, linear) and walk the groups of tied
 * scores, so ties are handled exactly: AUC counts a tied bad-good pair as
 * 1/2 (the average-rank Mann-Whitney statistic), KS evaluates the CDFs only
 * between distinct scores.  Counts are kept as integers, so the KS maximum
 * is found without rounding ties.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/metric.h"
#include "util/fmt.h"
#include "util/rsort.h"
#include "util/xmalloc.h"

struct scored {
	double s;
	int bad;
};

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
	rsort_by_double(v, k, sizeof *v, offsetof(struct scored, s));
	*m = k;
	*nb = b;
	return v;
}

/*
 * The tie groups of the sorted rows v[m]: goods[] and bads[] per group
 * in increasing score order, first[] the index into v of each group's
 * first row (may be NULL).  Returns the number of groups; caller frees.
 */
static size_t
groups(const struct scored *v, size_t m, size_t **goods, size_t **bads,
	size_t **first)
{
	size_t i, j, n = 0;

	*goods = xcalloc(m > 0 ? m : 1, sizeof **goods);
	*bads = xcalloc(m > 0 ? m : 1, sizeof **bads);
	if (first != NULL)
		*first = xmalloc((m > 0 ? m : 1) * sizeof **first);
	for (i = 0; i < m; i = j, n++) {
		if (first != NULL)
			(*first)[n] = i;
		for (j = i; j < m && v[j].s == v[i].s; j++) {
			if (v[j].bad)
				(*bads)[n]++;
			else
				(*goods)[n]++;
		}
	}
	return n;
}

double
metric_auc_counts(const size_t *goods, const size_t *bads, size_t nv)
{
	double below = 0, sum = 0, nb = 0, ng = 0;
	size_t k;

	for (k = 0; k < nv; k++) {
		nb += (double)bads[k];
		ng += (double)goods[k];
	}
	if (nb == 0 || ng == 0)
		return NAN;
	/* Each bad beats the goods scored lower and ties half of the goods
	   scored equal: sum over tie groups of bads (goods below + goods
	   here / 2). */
	for (k = 0; k < nv; k++) {
		sum += (double)bads[k] * (below + 0.5 * (double)goods[k]);
		below += (double)goods[k];
	}
	return sum / (nb * ng);
}

double
metric_ks_counts(const size_t *goods, const size_t *bads, size_t nv,
	size_t *at)
{
	int64_t cb = 0, cg = 0, best = -1, nb = 0, ng = 0;
	size_t k, where = 0;

	for (k = 0; k < nv; k++) {
		nb += (int64_t)bads[k];
		ng += (int64_t)goods[k];
	}
	if (nb == 0 || ng == 0)
		return NAN;
	/* |F_bad(t) - F_good(t)| = |cb ng - cg nb| / (nb ng): compare the
	   integer numerators, keep the first (lowest) t of a tie. */
	for (k = 0; k < nv; k++) {
		int64_t d;

		cb += (int64_t)bads[k];
		cg += (int64_t)goods[k];
		d = cb * ng - cg * nb;
		if (d < 0)
			d = -d;
		if (d > best) {
			best = d;
			where = k;
		}
	}
	if (at != NULL)
		*at = where;
	return (double)best / ((double)nb * (double)ng);
}

double
metric_auc(const double *score, const signed char *y, size_t n)
{
	size_t m, nb, nv, *g, *b;
	struct scored *v = collect(score, y, n, &m, &nb);
	double auc;

	nv = groups(v, m, &g, &b, NULL);
	auc = metric_auc_counts(g, b, nv);
	free(v);
	free(g);
	free(b);
	return auc;
}

double
metric_ks(const double *score, const signed char *y, size_t n, double *at)
{
	size_t m, nb, nv, *g, *b, *first, k = 0;
	struct scored *v = collect(score, y, n, &m, &nb);
	double ks;

	nv = groups(v, m, &g, &b, &first);
	ks = metric_ks_counts(g, b, nv, &k);
	if (at != NULL)
		*at = isnan(ks) ? NAN : v[first[k]].s;
	free(v);
	free(g);
	free(b);
	free(first);
	return ks;
}

double
metric_auc_ks(const double *score, const signed char *y, size_t n,
	double *ks, double *at)
{
	size_t m, nb, nv, *g, *b, *first, k = 0;
	struct scored *v = collect(score, y, n, &m, &nb);
	double auc;

	nv = groups(v, m, &g, &b, &first);
	auc = metric_auc_counts(g, b, nv);
	*ks = metric_ks_counts(g, b, nv, &k);
	if (at != NULL)
		*at = isnan(*ks) ? NAN : v[first[k]].s;
	free(v);
	free(g);
	free(b);
	free(first);
	return auc;
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
