/*
 * metric.c - AUC and KS of a risk score (see metric.h for the definitions).
 *
 * Model layer; used by card.c for the development statistics and by the
 * simulation for champion/challenger comparisons.  Both measures gather
 * the known-outcome rows into groups of tied scores (a hash of the
 * distinct scores, then a radix sort of them: time linear in the rows,
 * memory in the distinct scores, some hundreds for a scorecard's points)
 * and walk the groups in score order, so ties are handled exactly: AUC counts a tied bad-good pair as
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
#include <string.h>

#include "model/metric.h"
#include "util/fmt.h"
#include "util/hash.h"
#include "util/rsort.h"
#include "util/xmalloc.h"

/* A distinct score with its goods and bads. */
struct scored {
	double s;
	size_t goods, bads;
};

/*
 * The tie groups of the known-outcome rows with a non-NaN score (none
 * when y is NULL): one per distinct score, ascending, with its goods and
 * bads, made through a hash of the distinct scores (memory and sort in
 * the distinct scores, not the rows; -0.0 and +0.0 are one score, kept
 * as the first row gives it).  Returns the groups (caller frees) and
 * their number in *nv.
 */
static struct scored *
groups(const double *score, const signed char *y, size_t n, size_t *nv)
{
	struct scored *v = NULL;
	size_t *slot = NULL, nslot = 0, k = 0, cap = 0, i, j;

	for (i = 0; y != NULL && i < n; i++) {
		size_t h;

		if ((y[i] != 0 && y[i] != 1) || isnan(score[i]))
			continue;
		if (2 * (k + 1) > nslot) {
			nslot = nslot ? 2 * nslot : 1024;
			free(slot);
			slot = xmalloc(nslot * sizeof *slot);
			for (j = 0; j < nslot; j++)
				slot[j] = SIZE_MAX;
			for (j = 0; j < k; j++) {
				h = (size_t)rd_hash_double(v[j].s) & (nslot - 1);
				while (slot[h] != SIZE_MAX)
					h = (h + 1) & (nslot - 1);
				slot[h] = j;
			}
		}
		h = (size_t)rd_hash_double(score[i]) & (nslot - 1);
		while (slot[h] != SIZE_MAX && v[slot[h]].s != score[i])
			h = (h + 1) & (nslot - 1);
		if (slot[h] == SIZE_MAX) {
			if (k == cap) {
				cap = cap ? 2 * cap : 256;
				v = xreallocarray(v, cap, sizeof *v);
			}
			v[k].s = score[i];
			v[k].goods = v[k].bads = 0;
			slot[h] = k++;
		}
		if (y[i] == 1)
			v[slot[h]].bads++;
		else
			v[slot[h]].goods++;
	}
	free(slot);
	if (v == NULL)
		v = xmalloc(sizeof *v);
	rsort_by_double(v, k, sizeof *v, offsetof(struct scored, s));
	*nv = k;
	return v;
}

/* The goods and bads of the groups g[nv] as two arrays (caller frees). */
static void
group_counts(const struct scored *g, size_t nv, size_t **goods,
	size_t **bads)
{
	size_t k;

	*goods = xmalloc((nv > 0 ? nv : 1) * sizeof **goods);
	*bads = xmalloc((nv > 0 ? nv : 1) * sizeof **bads);
	for (k = 0; k < nv; k++) {
		(*goods)[k] = g[k].goods;
		(*bads)[k] = g[k].bads;
	}
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
	size_t nv, *g, *b;
	struct scored *v = groups(score, y, n, &nv);
	double auc;

	group_counts(v, nv, &g, &b);
	auc = metric_auc_counts(g, b, nv);
	free(v);
	free(g);
	free(b);
	return auc;
}

double
metric_ks(const double *score, const signed char *y, size_t n, double *at)
{
	size_t nv, *g, *b, k = 0;
	struct scored *v = groups(score, y, n, &nv);
	double ks;

	group_counts(v, nv, &g, &b);
	ks = metric_ks_counts(g, b, nv, &k);
	if (at != NULL)
		*at = isnan(ks) ? NAN : v[k].s;
	free(v);
	free(g);
	free(b);
	return ks;
}

double
metric_auc_ks(const double *score, const signed char *y, size_t n,
	double *ks, double *at)
{
	size_t nv, *g, *b, k = 0;
	struct scored *v = groups(score, y, n, &nv);
	double auc;

	group_counts(v, nv, &g, &b);
	auc = metric_auc_counts(g, b, nv);
	*ks = metric_ks_counts(g, b, nv, &k);
	if (at != NULL)
		*at = isnan(*ks) ? NAN : v[k].s;
	free(v);
	free(g);
	free(b);
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
