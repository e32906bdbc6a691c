/*
 * validate.c - validation statistics of a scored sample, PSI, and the
 * development / holdout splits (see validate.h for every definition).
 *
 * Model layer, on GSL (chi-squared tail, quantiles, the seeded generator)
 * and metric.c (AUC, KS).  The desk scores a table with card_score and
 * hands the scores and PDs here; nothing here knows about scorecards.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "model/metric.h"
#include "model/validate.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/rsort.h"
#include "util/xmalloc.h"

void
validate_spec_init(struct validate_spec *spec)
{
	spec->ngroups = 10;
	spec->hl_groups = 10;
	spec->band_width = 20;
	spec->psi_bins = 10;
	spec->psi_adjust = 0.5;
}

void
validation_done(struct validation *v)
{
	if (v == NULL)
		return;
	free(v->roc);
	free(v->gains);
	free(v->hl);
	free(v->bands);
	memset(v, 0, sizeof *v);
}

void
val_psi_done(struct val_psi *p)
{
	if (p == NULL)
		return;
	free(p->breaks);
	free(p->bins);
	memset(p, 0, sizeof *p);
}

/* ----------------------------------------------------------- cells */

/*
 * The statistics are taken over cells: one distinct (score, PD) with its
 * goods and bads.  A sample of rows is its cells (validate_sample makes
 * them); an engine's GROUP BY gives them directly (validate_cells).  The
 * rows a cell stands for are consecutive in the sorted order, so every
 * rule of validate.h (ties never split, a run of ties in the group of its
 * first row) reads the same on cells as on rows.
 */

/* Sort c[n] by (score, PD) and merge equal keys: the new count. */
static size_t
cells_merge(struct val_cell *c, size_t n)
{
	size_t i, k = 0;

	rsort_by_double(c, n, sizeof *c, offsetof(struct val_cell, pd));
	rsort_by_double(c, n, sizeof *c, offsetof(struct val_cell, score));
	for (i = 0; i < n; i++) {
		if (k > 0 && c[k - 1].score == c[i].score &&
		    c[k - 1].pd == c[i].pd) {
			c[k - 1].goods += c[i].goods;
			c[k - 1].bads += c[i].bads;
		} else {
			c[k++] = c[i];
		}
	}
	return k;
}

/*
 * The score bands of the cells c[nc] (sorted by score, nc > 0, m rows):
 * see validate.h.
 */
static void
val_bands(struct validation *v, const struct val_cell *c, size_t nc,
	size_t m, double w)
{
	double k0 = floor(c[0].score / w), k1 = floor(c[nc - 1].score / w);
	size_t nbands = (size_t)(k1 - k0) + 1, b, i, nbad = 0;
	double *sumpd = xcalloc(nbands, sizeof *sumpd);

	v->bands = xcalloc(nbands, sizeof *v->bands);
	v->nbands = nbands;
	for (b = 0; b < nbands; b++) {
		v->bands[b].lo = (k0 + (double)b) * w;
		v->bands[b].hi = (k0 + (double)b + 1) * w;
	}
	for (i = 0; i < nc; i++) {
		size_t cnt = c[i].goods + c[i].bads;

		b = (size_t)(floor(c[i].score / w) - k0);
		if (b >= nbands)	/* rounding at the top edge */
			b = nbands - 1;
		v->bands[b].count += cnt;
		v->bands[b].bads += c[i].bads;
		sumpd[b] += c[i].pd * (double)cnt;
	}
	for (b = 0; b < nbands; b++)
		nbad += v->bands[b].bads;
	for (b = 0; b < nbands; b++) {
		struct val_band *B = &v->bands[b];

		B->goods = B->count - B->bads;
		/* Shares of each outcome's own total: the score
		   distributions of goods and of bads (NaN without any). */
		B->good_share = nbad < m ? (double)B->goods /
		    (double)(m - nbad) : NAN;
		B->bad_share = nbad > 0 ? (double)B->bads / (double)nbad :
		    NAN;
		B->share = (double)B->count / (double)m;
		B->bad_rate = B->count > 0 ? (double)B->bads /
		    (double)B->count : NAN;
		B->mean_pd = B->count > 0 ? sumpd[b] /
		    (double)B->count : NAN;
	}
	free(sumpd);
}

/*
 * Hosmer-Lemeshow on G groups of PD of the cells c[nc] (m rows, m > 0;
 * c is sorted again, by PD): see validate.h.  A run of equal PD is one
 * tie, in the group of its first row.
 */
static void
val_hl(struct validation *v, struct val_cell *c, size_t nc, size_t m, int G)
{
	size_t i, j, pos = 0;
	int g = -1;
	struct val_hl *H = NULL;

	rsort_by_double(c, nc, sizeof *c, offsetof(struct val_cell, pd));
	v->hl = xcalloc((size_t)G, sizeof *v->hl);
	v->hl_stat = 0;
	for (i = 0; i < nc; i = j) {
		int gi = (int)((double)pos * G / (double)m);

		if (gi != g) {
			H = &v->hl[v->nhl++];
			H->pd_lo = c[i].pd;
			g = gi;
		}
		for (j = i; j < nc && c[j].pd == c[i].pd; j++) {
			size_t cnt = c[j].goods + c[j].bads;

			H->count += cnt;
			H->bads += c[j].bads;
			H->expected += c[j].pd * (double)cnt;
			H->pd_hi = c[j].pd;
			pos += cnt;
		}
	}
	for (i = 0; i < v->nhl; i++) {
		double e = v->hl[i].expected;

		H = &v->hl[i];
		if (e > 0 && e < (double)H->count)
			v->hl_stat += ((double)H->bads - e) *
			    ((double)H->bads - e) /
			    (e * (1 - e / (double)H->count));
	}
	v->hl_df = (int)v->nhl - 2;
	v->hl_p = v->hl_df > 0 ? gsl_cdf_chisq_Q(v->hl_stat,
	    (double)v->hl_df) : NAN;
}

/* validate_cells on c[nc], which it sorts, merges and reorders. */
static int
validate_own_cells(struct val_cell *c, size_t nc,
	const struct validate_spec *spec, struct validation *v,
	struct rd_err *err)
{
	size_t m = 0, i, j, k, nb = 0, ng, nd = 0, *dg, *db, *dpos;
	double cb = 0, cn = 0, *ds;

	memset(v, 0, sizeof *v);
	if (spec->ngroups < 3 || spec->hl_groups < 3 ||
	    !(spec->band_width > 0))
		return rd_err_set(err, RD_EUSAGE, "validation needs at least 3 "
		    "groups and a band width > 0");
	/* Cells of no known outcome or no score are no rows here. */
	for (i = k = 0; i < nc; i++)
		if (!isnan(c[i].score) && c[i].goods + c[i].bads > 0)
			c[k++] = c[i];
	nc = cells_merge(c, k);
	for (i = 0; i < nc; i++) {
		m += c[i].goods + c[i].bads;
		nb += c[i].bads;
	}
	ng = m - nb;
	v->n = m;
	v->n_bad = nb;
	v->bad_rate = m > 0 ? (double)nb / (double)m : NAN;
	v->auc = v->gini = v->ks = v->ks_at = NAN;
	v->hl_stat = v->hl_p = NAN;
	if (metric_na_reason(m, nb, 1, NULL, v->na) != NULL) {
		/* What needs only known outcomes, when there are some. */
		if (m > 0) {
			val_bands(v, c, nc, m, spec->band_width);
			val_hl(v, c, nc, m, spec->hl_groups);
		}
		return 0;
	}

	/* The distinct scores, ascending: goods, bads and the position of
	   the first row of each. */
	ds = xmalloc(nc * sizeof *ds);
	dg = xcalloc(nc, sizeof *dg);
	db = xcalloc(nc, sizeof *db);
	dpos = xmalloc(nc * sizeof *dpos);
	for (i = 0, k = 0; i < nc; i = j, nd++) {
		ds[nd] = c[i].score;
		dpos[nd] = k;
		for (j = i; j < nc && c[j].score == c[i].score; j++) {
			dg[nd] += c[j].goods;
			db[nd] += c[j].bads;
		}
		k += dg[nd] + db[nd];
	}

	/* AUC and KS by metric.c on the risk (negated points): its tie
	   groups are the distinct scores, highest first. */
	{
		size_t *rg = xmalloc(nd * sizeof *rg);
		size_t *rb = xmalloc(nd * sizeof *rb), at = 0;

		for (i = 0; i < nd; i++) {
			rg[i] = dg[nd - 1 - i];
			rb[i] = db[nd - 1 - i];
		}
		v->auc = metric_auc_counts(rg, rb, nd);
		v->ks = metric_ks_counts(rg, rb, nd, &at);
		v->gini = 2 * v->auc - 1;
		v->ks_at = ds[nd - 1 - at];
		free(rg);
		free(rb);
	}

	/* ROC, riskiest first: one point per distinct score. */
	v->roc = xmalloc((nd + 1) * sizeof *v->roc);
	v->roc[0].score = -INFINITY;
	v->roc[0].fpr = v->roc[0].tpr = 0;
	v->nroc = 1;
	for (i = 0; i < nd; i++) {
		cb += (double)db[i];
		cn += (double)dg[i];
		v->roc[v->nroc].score = ds[i];
		v->roc[v->nroc].fpr = cn / (double)ng;
		v->roc[v->nroc].tpr = cb / (double)nb;
		v->nroc++;
	}

	/* Gains: a run of equal scores goes to the group of its first
	   row. */
	v->gains = xcalloc((size_t)spec->ngroups, sizeof *v->gains);
	cb = cn = 0;
	for (i = 0; i < nd; i = j) {
		struct val_gains *G = &v->gains[v->ngains++];
		int g = (int)((double)dpos[i] * spec->ngroups / (double)m);

		G->lo = ds[i];
		for (j = i; j < nd && (int)((double)dpos[j] *
		    spec->ngroups / (double)m) == g; j++) {
			G->count += dg[j] + db[j];
			G->bads += db[j];
			G->hi = ds[j];
		}
		cb += (double)G->bads;
		cn += (double)G->count;
		G->bad_rate = (double)G->bads / (double)G->count;
		G->cum_bad_share = cb / (double)nb;
		G->cum_count_share = cn / (double)m;
		G->lift = G->bad_rate / v->bad_rate;
		G->cum_lift = (cb / cn) / v->bad_rate;
	}
	free(ds);
	free(dg);
	free(db);
	free(dpos);

	val_bands(v, c, nc, m, spec->band_width);
	val_hl(v, c, nc, m, spec->hl_groups);
	return 0;
}

void
val_acc_init(struct val_acc *a)
{
	memset(a, 0, sizeof *a);
}

/* A hash of a cell's key, its score and PD. */
static size_t
acc_hash(double score, double pd)
{
	return (size_t)rd_mix64(rd_hash_double(score) * 0x9e3779b97f4a7c15ULL ^
	    rd_hash_double(pd));
}

static void
acc_grow(struct val_acc *a)
{
	size_t nslot = a->nslot ? 2 * a->nslot : 1024, i;

	free(a->slot);
	a->slot = xmalloc(nslot * sizeof *a->slot);
	for (i = 0; i < nslot; i++)
		a->slot[i] = SIZE_MAX;
	a->nslot = nslot;
	for (i = 0; i < a->n; i++) {
		size_t k = acc_hash(a->c[i].score, a->c[i].pd) & (nslot - 1);

		while (a->slot[k] != SIZE_MAX)
			k = (k + 1) & (nslot - 1);
		a->slot[k] = i;
	}
}

void
val_acc_add(struct val_acc *a, double score, double pd, size_t goods,
	size_t bads)
{
	size_t k;

	if (isnan(score) || goods + bads == 0)
		return;
	if (2 * (a->n + 1) > a->nslot)
		acc_grow(a);
	k = acc_hash(score, pd) & (a->nslot - 1);
	while (a->slot[k] != SIZE_MAX) {
		struct val_cell *c = &a->c[a->slot[k]];

		if (c->score == score && (c->pd == pd ||
		    (isnan(c->pd) && isnan(pd)))) {
			c->goods += goods;
			c->bads += bads;
			return;
		}
		k = (k + 1) & (a->nslot - 1);
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 256;
		a->c = xreallocarray(a->c, a->cap, sizeof *a->c);
	}
	a->c[a->n].score = score;
	a->c[a->n].pd = pd;
	a->c[a->n].goods = goods;
	a->c[a->n].bads = bads;
	a->slot[k] = a->n++;
}

void
val_acc_done(struct val_acc *a)
{
	if (a == NULL)
		return;
	free(a->c);
	free(a->slot);
	memset(a, 0, sizeof *a);
}

int
validate_cells(const struct val_cell *cells, size_t ncells,
	const struct validate_spec *spec, struct validation *v,
	struct rd_err *err)
{
	struct val_cell *c = xmalloc((ncells > 0 ? ncells : 1) * sizeof *c);
	int rc;

	if (ncells > 0)
		memcpy(c, cells, ncells * sizeof *c);
	rc = validate_own_cells(c, ncells, spec, v, err);
	free(c);
	return rc;
}

int
validate_sample(const double *score, const double *pd,
	const signed char *y, size_t n, const struct validate_spec *spec,
	struct validation *v, struct rd_err *err)
{
	struct val_cell *c = xmalloc((n > 0 ? n : 1) * sizeof *c);
	size_t i, m = 0;
	int rc;

	/* A cell per row with a known outcome and a score. */
	for (i = 0; y != NULL && i < n; i++) {
		if ((y[i] != DS_GOOD && y[i] != DS_BAD) || isnan(score[i]))
			continue;
		c[m].score = score[i];
		c[m].pd = pd[i];
		c[m].bads = y[i] == DS_BAD;
		c[m].goods = !c[m].bads;
		m++;
	}
	rc = validate_own_cells(c, m, spec, v, err);
	free(c);
	return rc;
}

/* ------------------------------------------------------------- PSI */

const char *
validate_psi_reading(double psi)
{
	if (isnan(psi))
		return "n/a";
	if (psi < 0.1)
		return "stable";
	if (psi < 0.25)
		return "some shift";
	return "significant shift";
}

/* Bin of x: the number of breaks <= x (binary search); NaN -> missing. */
static size_t
psi_bin(const double *br, size_t nbr, double x)
{
	size_t lo = 0, hi = nbr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (br[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The PSI of out's bins once their breaks and counts are in (see
 * validate_psi): shares, contributions and the sum, by bin_csi.
 */
static void
psi_sum(struct val_psi *out, double adjust)
{
	size_t k, *cb, *cn;
	double *sb, *sn, *ct;
	enum bin_psi_flag *fl;

	/* The sum is bin_csi's: the same rule as a characteristic's CSI. */
	cb = xmalloc(out->nbins * sizeof *cb);
	cn = xmalloc(out->nbins * sizeof *cn);
	sb = xmalloc(out->nbins * sizeof *sb);
	sn = xmalloc(out->nbins * sizeof *sn);
	ct = xmalloc(out->nbins * sizeof *ct);
	fl = xmalloc(out->nbins * sizeof *fl);
	for (k = 0; k < out->nbins; k++) {
		cb[k] = out->bins[k].n_base;
		cn[k] = out->bins[k].n_new;
	}
	out->adjust = adjust;
	out->psi = bin_csi(cb, cn, out->nbins, adjust, sb, sn, ct, fl,
	    &out->adjusted);
	out->psi_strict = out->adjusted ? NAN : out->psi;
	for (k = 0; k < out->nbins; k++) {
		out->bins[k].share_base = sb[k];
		out->bins[k].share_new = sn[k];
		out->bins[k].contrib = ct[k];
		out->bins[k].flag = fl[k];
	}
	free(cb);
	free(cn);
	free(sb);
	free(sn);
	free(ct);
	free(fl);
}

/* Check breaks[nbreaks] and copy them into out. */
static int
psi_given_breaks(struct val_psi *out, const double *breaks, size_t nbreaks,
	struct rd_err *err)
{
	size_t k;

	for (k = 0; k < nbreaks; k++)
		if (!isfinite(breaks[k]) ||
		    (k > 0 && !(breaks[k] > breaks[k - 1])))
			return rd_err_set(err, RD_EINPUT, "PSI breaks must be "
			    "finite and increasing");
	out->breaks = xmalloc((nbreaks > 0 ? nbreaks : 1) *
	    sizeof *out->breaks);
	memcpy(out->breaks, breaks, nbreaks * sizeof *breaks);
	out->nbreaks = nbreaks;
	return 0;
}

/* The bins of out from its breaks, with a missing bin when nmiss > 0;
   returns the number of range bins. */
static size_t
psi_bins(struct val_psi *out, size_t nmiss)
{
	size_t nr = out->nbreaks + 1, k;

	out->nbins = nr + (nmiss > 0);
	out->bins = xcalloc(out->nbins, sizeof *out->bins);
	for (k = 0; k < out->nbins; k++) {
		struct val_psi_bin *B = &out->bins[k];

		if (k == nr) {
			B->lo = B->hi = NAN;
			continue;
		}
		B->lo = k == 0 ? -INFINITY : out->breaks[k - 1];
		B->hi = k == nr - 1 ? INFINITY : out->breaks[k];
	}
	return nr;
}

int
validate_psi(const double *base, size_t nb, const double *new_,
	size_t nn, const double *breaks, size_t nbreaks, int spec_bins,
	double adjust, struct val_psi *out, struct rd_err *err)
{
	size_t i, k, nr, nmiss = 0;

	memset(out, 0, sizeof *out);
	if (nb == 0 || nn == 0)
		return rd_err_set(err, RD_EINPUT, "PSI needs rows in both "
		    "samples (%zu and %zu)", nb, nn);
	if (breaks != NULL) {
		if (psi_given_breaks(out, breaks, nbreaks, err) != 0)
			return -1;
	} else {
		double *s = xmalloc(nb * sizeof *s);
		size_t m = 0;
		int q = spec_bins > 1 ? spec_bins : 2;

		for (i = 0; i < nb; i++)
			if (!isnan(base[i]))
				s[m++] = base[i];
		rsort_by_double(s, m, sizeof *s, 0);
		out->breaks = xmalloc((size_t)q * sizeof *out->breaks);
		for (k = 1; k < (size_t)q && m > 0; k++) {
			double b = gsl_stats_quantile_from_sorted_data(s, 1, m,
			    (double)k / q);

			if (out->nbreaks == 0 ||
			    b > out->breaks[out->nbreaks - 1])
				out->breaks[out->nbreaks++] = b;
		}
		free(s);
	}
	for (i = 0; i < nb; i++)
		nmiss += isnan(base[i]);
	for (i = 0; i < nn; i++)
		nmiss += isnan(new_[i]);
	nr = psi_bins(out, nmiss);
	for (i = 0; i < nb; i++)
		out->bins[isnan(base[i]) ? nr :
		    psi_bin(out->breaks, out->nbreaks, base[i])].n_base++;
	for (i = 0; i < nn; i++)
		out->bins[isnan(new_[i]) ? nr :
		    psi_bin(out->breaks, out->nbreaks, new_[i])].n_new++;
	out->n_base = nb;
	out->n_new = nn;
	psi_sum(out, adjust);
	return 0;
}

/* Rows of a PSI cell. */
static size_t
cell_rows(const struct val_cell *c)
{
	return c->goods + c->bads;
}

/* The value at 0-based sorted position i of the rows of the cells c[n]
   (sorted by score, no NaN), cum[n] their cumulative rows. */
static double
cells_at(const struct val_cell *c, const size_t *cum, size_t n, size_t i)
{
	size_t lo = 0, hi = n;

	/* The first cell whose cumulative count exceeds i. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cum[mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c[lo < n ? lo : n - 1].score;
}

int
validate_psi_cells(const struct val_cell *base, size_t nbc, size_t base_nan,
	const struct val_cell *new_, size_t nnc, size_t new_nan,
	const double *breaks, size_t nbreaks, int spec_bins, double adjust,
	struct val_psi *out, struct rd_err *err)
{
	size_t i, k, nr, nb = base_nan, nn = new_nan, m = 0;

	memset(out, 0, sizeof *out);
	for (i = 0; i < nbc; i++)
		if (!isnan(base[i].score))
			nb += cell_rows(&base[i]);
	for (i = 0; i < nnc; i++)
		if (!isnan(new_[i].score))
			nn += cell_rows(&new_[i]);
	if (nb == 0 || nn == 0)
		return rd_err_set(err, RD_EINPUT, "PSI needs rows in both "
		    "samples (%zu and %zu)", nb, nn);
	if (breaks != NULL) {
		if (psi_given_breaks(out, breaks, nbreaks, err) != 0)
			return -1;
	} else {
		struct val_cell *s = xmalloc((nbc > 0 ? nbc : 1) * sizeof *s);
		size_t *cum, ns = 0;
		int q = spec_bins > 1 ? spec_bins : 2;

		for (i = 0; i < nbc; i++)
			if (!isnan(base[i].score) && cell_rows(&base[i]) > 0)
				s[ns++] = base[i];
		rsort_by_double(s, ns, sizeof *s,
		    offsetof(struct val_cell, score));
		cum = xmalloc((ns > 0 ? ns : 1) * sizeof *cum);
		for (i = 0; i < ns; i++) {
			m += cell_rows(&s[i]);
			cum[i] = m;
		}
		out->breaks = xmalloc((size_t)q * sizeof *out->breaks);
		for (k = 1; k < (size_t)q && m > 0; k++) {
			/* gsl_stats_quantile_from_sorted_data on the rows
			   the cells stand for: index f (m - 1), linear
			   between its two neighbours. */
			double f = (double)k / q, idx = f * (double)(m - 1);
			size_t lhs = (size_t)idx;
			double delta = idx - (double)lhs, b;

			if (lhs == m - 1)
				b = cells_at(s, cum, ns, lhs);
			else
				b = (1 - delta) * cells_at(s, cum, ns, lhs) +
				    delta * cells_at(s, cum, ns, lhs + 1);
			if (out->nbreaks == 0 ||
			    b > out->breaks[out->nbreaks - 1])
				out->breaks[out->nbreaks++] = b;
		}
		free(cum);
		free(s);
	}
	nr = psi_bins(out, base_nan + new_nan);
	for (i = 0; i < nbc; i++)
		if (!isnan(base[i].score))
			out->bins[psi_bin(out->breaks, out->nbreaks,
			    base[i].score)].n_base += cell_rows(&base[i]);
	for (i = 0; i < nnc; i++)
		if (!isnan(new_[i].score))
			out->bins[psi_bin(out->breaks, out->nbreaks,
			    new_[i].score)].n_new += cell_rows(&new_[i]);
	if (base_nan + new_nan > 0) {
		out->bins[nr].n_base += base_nan;
		out->bins[nr].n_new += new_nan;
	}
	out->n_base = nb;
	out->n_new = nn;
	psi_sum(out, adjust);
	return 0;
}

/* ----------------------------------------------------------- splits */

void
validate_split_random(size_t n, double frac, unsigned long seed,
	unsigned char *hold)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	size_t k = (size_t)llround(frac * (double)n), i;
	size_t *all, *pick;

	if (rng == NULL) {
		fprintf(stderr, "riskdesk: out of memory\n");
		if (rd_fatal_hook != NULL)
			rd_fatal_hook();
		exit(4);
	}
	gsl_rng_set(rng, seed);
	memset(hold, 0, n);
	if (k > n)
		k = n;
	all = xmalloc((n > 0 ? n : 1) * sizeof *all);
	pick = xmalloc((k > 0 ? k : 1) * sizeof *pick);
	for (i = 0; i < n; i++)
		all[i] = i;
	if (k > 0)
		gsl_ran_choose(rng, pick, k, all, n, sizeof *all);
	for (i = 0; i < k; i++)
		hold[pick[i]] = 1;
	free(all);
	free(pick);
	gsl_rng_free(rng);
}

int
validate_split_oot(const struct dataset *ds, const char *col,
	const char *after, unsigned char *hold, struct rd_err *err)
{
	int c = ds_column_index(ds, col);
	const struct ds_column *dc;
	size_t i, nd = 0, nh = 0;
	double a = NAN;

	if (c < 0)
		return rd_err_set(err, RD_EINPUT, "no date column '%s' in "
		    "table '%s'", col, ds->table ? ds->table : "?");
	dc = &ds->cols[c];
	if (dc->type != DS_TEXT) {
		char *end;

		a = strtod(after, &end);
		if (end == after || *end != '\0' || !isfinite(a))
			return rd_err_set(err, RD_EINPUT, "--oot-after: "
			    "expected a number for the numeric column '%s', "
			    "found '%s'", col, after);
	}
	for (i = 0; i < ds->nrows; i++) {
		if (dc->type == DS_TEXT)
			hold[i] = dc->code[i] < 0 ? 2 :
			    strcmp(dc->levels[dc->code[i]], after) > 0;
		else
			hold[i] = isnan(dc->num[i]) ? 2 : dc->num[i] > a;
		nd += hold[i] == 0;
		nh += hold[i] == 1;
	}
	if (nd == 0 || nh == 0)
		return rd_err_set(err, RD_EINPUT, "out-of-time split on '%s' "
		    "after '%s' leaves %zu development and %zu holdout rows "
		    "(both are needed)", col, after, nd, nh);
	return 0;
}

struct dataset *
validate_subset(const struct dataset *ds, const unsigned char *keep,
	unsigned char want)
{
	struct dataset *s = xcalloc(1, sizeof *s);
	size_t i, j, k, m = 0;

	for (i = 0; i < ds->nrows; i++)
		m += keep[i] == want;
	s->table = xstrdup(ds->table != NULL ? ds->table : "");
	s->nrows = m;
	s->ncols = ds->ncols;
	s->target = ds->target;
	s->cols = xcalloc(ds->ncols > 0 ? ds->ncols : 1, sizeof *s->cols);
	s->rowid = xmalloc((m > 0 ? m : 1) * sizeof *s->rowid);
	if (ds->y != NULL)
		s->y = xmalloc(m > 0 ? m : 1);
	if (ds->reject != NULL)
		s->reject = xmalloc(m > 0 ? m : 1);
	for (j = 0; j < ds->ncols; j++) {
		const struct ds_column *c = &ds->cols[j];
		struct ds_column *d = &s->cols[j];

		d->name = xstrdup(c->name);
		d->type = c->type;
		d->date = c->date;
		d->role = c->role != NULL ? xstrdup(c->role) : NULL;
		d->role_note = c->role_note != NULL ? xstrdup(c->role_note) :
		    NULL;
		d->ninexact = c->ninexact;
		d->inexact_eg = c->inexact_eg;
		if (c->type == DS_TEXT) {
			d->code = xmalloc((m > 0 ? m : 1) * sizeof *d->code);
			d->levels = xmalloc((c->nlevels > 0 ? c->nlevels : 1) *
			    sizeof *d->levels);
			for (k = 0; k < c->nlevels; k++)
				d->levels[k] = xstrdup(c->levels[k]);
			d->nlevels = c->nlevels;
		} else {
			d->num = xmalloc((m > 0 ? m : 1) * sizeof *d->num);
			if (c->exact != NULL)
				d->exact = xmalloc((m > 0 ? m : 1) *
				    sizeof *d->exact);
		}
	}
	for (i = 0, k = 0; i < ds->nrows; i++) {
		if (keep[i] != want)
			continue;
		for (j = 0; j < ds->ncols; j++) {
			const struct ds_column *c = &ds->cols[j];
			struct ds_column *d = &s->cols[j];

			if (c->type == DS_TEXT) {
				d->code[k] = c->code[i];
				d->nmissing += c->code[i] < 0;
			} else {
				d->num[k] = c->num[i];
				d->nmissing += isnan(c->num[i]);
				if (c->exact != NULL)
					d->exact[k] = c->exact[i];
			}
		}
		s->rowid[k] = ds->rowid[i];
		if (ds->reject != NULL) {
			s->reject[k] = ds->reject[i];
			s->nreject += ds->reject[i];
		}
		if (ds->y != NULL) {
			s->y[k] = ds->y[i];
			if (ds->reject != NULL && ds->reject[i])
				;	/* a reject: neither, nor indeterminate */
			else if (ds->y[i] == DS_BAD)
				s->nbad++;
			else if (ds->y[i] == DS_GOOD)
				s->ngood++;
			else
				s->nindet++;
		}
		k++;
	}
	return s;
}

void
validate_subset_in_place(struct dataset *ds, const unsigned char *keep,
	unsigned char want)
{
	size_t i, j, k = 0, m = 0;

	for (i = 0; i < ds->nrows; i++)
		m += keep[i] == want;
	for (j = 0; j < ds->ncols; j++)
		ds->cols[j].nmissing = 0;
	ds->nreject = ds->nreject_known = 0;
	ds->nbad = ds->ngood = ds->nindet = 0;
	/* Row k <= i is written after row i is read: in order, in place. */
	for (i = 0; i < ds->nrows; i++) {
		if (keep[i] != want)
			continue;
		for (j = 0; j < ds->ncols; j++) {
			struct ds_column *c = &ds->cols[j];

			if (c->type == DS_TEXT) {
				c->code[k] = c->code[i];
				c->nmissing += c->code[i] < 0;
			} else {
				c->num[k] = c->num[i];
				c->nmissing += isnan(c->num[i]);
				if (c->exact != NULL)
					c->exact[k] = c->exact[i];
			}
		}
		if (ds->rowid != NULL)
			ds->rowid[k] = ds->rowid[i];
		if (ds->reject != NULL) {
			ds->reject[k] = ds->reject[i];
			ds->nreject += ds->reject[i];
		}
		if (ds->y != NULL) {
			ds->y[k] = ds->y[i];
			if (ds->reject != NULL && ds->reject[i])
				;	/* a reject: neither, nor indeterminate */
			else if (ds->y[i] == DS_BAD)
				ds->nbad++;
			else if (ds->y[i] == DS_GOOD)
				ds->ngood++;
			else
				ds->nindet++;
		}
		k++;
	}
	ds->nrows = m;
	if (m == 0)
		m = 1;
	for (j = 0; j < ds->ncols; j++) {
		struct ds_column *c = &ds->cols[j];

		if (c->type == DS_TEXT)
			c->code = xreallocarray(c->code, m, sizeof *c->code);
		else
			c->num = xreallocarray(c->num, m, sizeof *c->num);
		if (c->exact != NULL)
			c->exact = xreallocarray(c->exact, m,
			    sizeof *c->exact);
	}
	if (ds->rowid != NULL)
		ds->rowid = xreallocarray(ds->rowid, m, sizeof *ds->rowid);
	if (ds->reject != NULL)
		ds->reject = xrealloc(ds->reject, m);
	if (ds->y != NULL)
		ds->y = xrealloc(ds->y, m);
}
