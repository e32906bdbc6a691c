/*
 * coarse.c - optimal coarse classing: the fine bins of a characteristic
 * merged into consecutive groups of maximal IV under a WoE trend and
 * minimum bin sizes (see bin.h, bin_coarse), and the choice of binning
 * card_fit makes for each column (bin_characteristic).
 *
 * Part of the model layer, on top of bin.c.  Only counts are merged: the
 * rows are never read again, so a coarse classing costs O(n^3) in the
 * number n of fine bins (20 by default) whatever the number of rows.
 *
 * The dynamic programme.  Let the fine bins 0 .. n-1 be in their order
 * (ranges ascending; text levels by bad rate, highest first) and S(i, j)
 * the group of bins i .. j-1, with WoE w(i, j) and IV part v(i, j) from its
 * summed counts (bin.h conventions, zero-cell adjustment included).  IV is
 * a sum of the groups' parts, so with
 *   F(j, i, p) = the largest IV of a grouping of bins 0 .. j-1 whose last
 *                group is S(i, j), in phase p (0, or 1 after the turn of a
 *                peak or valley),
 *   F(j, 0, 0) = v(0, j)                       when S(0, j) is allowed,
 *   F(j, i, q) = v(i, j) + max_{k < i, p} F(i, k, p)
 *                over the k, p whose step w(k, i) -> w(i, j) the trend
 *                allows from phase p into phase q,
 * the optimum is max_{i, p} F(n, i, p), exact.  A group is allowed when it
 * holds at least min_share of the known-outcome rows, min_goods goods and
 * min_bads bads.  Ties keep the first optimum found (smaller k, then
 * phase 0), so the result is deterministic.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "model/bin.h"
#include "util/err.h"
#include "util/progress.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* One fine bin's counts, in merge order, and where it came from. */
struct cell {
	size_t src;		/* index into fine->bins */
	size_t goods, bads;
	double bad_rate;	/* NaN when empty: sorted last */
};

static int
cmp_bad_rate(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int xn = isnan(x->bad_rate), yn = isnan(y->bad_rate);

	if (xn != yn)
		return xn - yn;
	if (!xn && x->bad_rate != y->bad_rate)
		return x->bad_rate > y->bad_rate ? -1 : 1;
	return (x->src > y->src) - (x->src < y->src);
}

/* WoE and IV part of a group of g goods and d bads (bin.h conventions). */
static void
group_woe(double g, double d, double G, double B, double adjust,
	double *woe, double *iv)
{
	if (g + d == 0) {
		*woe = *iv = 0;
		return;
	}
	if (g == 0 || d == 0) {
		g += adjust;
		d += adjust;
	}
	*woe = log((g / G) / (d / B));
	*iv = (g / G - d / B) * *woe;
}

/*
 * The phase after a step of WoE change dw from phase p under trend t, or
 * -1 when the trend forbids it.
 */
static int
next_phase(enum bin_trend t, int p, double dw)
{
	switch (t) {
	case BIN_TREND_ASCENDING:
		return dw > 0 ? 0 : -1;
	case BIN_TREND_DESCENDING:
		return dw < 0 ? 0 : -1;
	case BIN_TREND_PEAK:
		if (dw > 0)
			return p == 0 ? 0 : -1;
		return dw < 0 ? 1 : -1;
	case BIN_TREND_VALLEY:
		if (dw < 0)
			return p == 0 ? 0 : -1;
		return dw > 0 ? 1 : -1;
	case BIN_TREND_AUTO:
	case BIN_TREND_NONE:
		break;
	}
	return 0;
}

/*
 * Solve the programme for n cells under trend t.  cut[] receives the
 * group starts after the first (ncut of them, increasing); returns the
 * optimal IV, or -INFINITY when no grouping is allowed.
 */
static double
solve(const struct cell *c, size_t n, double G, double B,
	const struct bin_spec *spec, enum bin_trend t, size_t *cut,
	size_t *ncut)
{
	size_t n1 = n + 1, i, j, k;
	double *cg = xcalloc(n1, sizeof *cg), *cb = xcalloc(n1, sizeof *cb);
	double *w = xmalloc(n1 * n1 * sizeof *w);
	double *v = xmalloc(n1 * n1 * sizeof *v);
	char *ok = xcalloc(n1 * n1, 1);
	double *F = xmalloc(2 * n1 * n1 * sizeof *F);
	long *from = xmalloc(2 * n1 * n1 * sizeof *from);
	double least = spec->min_share * (G + B), best = -INFINITY;
	long at;
	int p, q;

#define IX(j, i) ((j) * n1 + (i))
#define FX(j, i, p) ((size_t)(p) * n1 * n1 + (j) * n1 + (i))
	for (i = 0; i < n; i++) {
		cg[i + 1] = cg[i] + (double)c[i].goods;
		cb[i + 1] = cb[i] + (double)c[i].bads;
	}
	for (j = 1; j <= n; j++)
		for (i = 0; i < j; i++) {
			double g = cg[j] - cg[i], d = cb[j] - cb[i];

			group_woe(g, d, G, B, spec->woe_adjust, &w[IX(j, i)],
			    &v[IX(j, i)]);
			ok[IX(j, i)] = g + d >= least &&
			    g >= (double)spec->min_goods &&
			    d >= (double)spec->min_bads;
		}
	for (k = 0; k < 2 * n1 * n1; k++) {
		F[k] = -INFINITY;
		from[k] = -1;
	}
	for (j = 1; j <= n; j++) {
		if (ok[IX(j, 0)])
			F[FX(j, 0, 0)] = v[IX(j, 0)];
		for (i = 1; i < j; i++) {
			if (!ok[IX(j, i)])
				continue;
			for (k = 0; k < i; k++)
				for (p = 0; p < 2; p++) {
					double f = F[FX(i, k, p)], cand;

					if (f == -INFINITY)
						continue;
					q = next_phase(t, p,
					    w[IX(j, i)] - w[IX(i, k)]);
					if (q < 0)
						continue;
					cand = f + v[IX(j, i)];
					if (cand > F[FX(j, i, q)]) {
						F[FX(j, i, q)] = cand;
						from[FX(j, i, q)] =
						    (long)(k * 2 + (size_t)p);
					}
				}
		}
	}
	at = -1;
	for (i = 0; i < n; i++)
		for (p = 0; p < 2; p++)
			if (F[FX(n, i, p)] > best) {
				best = F[FX(n, i, p)];
				at = (long)(i * 2 + (size_t)p);
			}
	*ncut = 0;
	if (at >= 0) {
		/* Walk back from the last group to the first. */
		size_t end = n, start = (size_t)at / 2;
		int ph = (int)(at % 2);

		while (start > 0) {
			long f = from[FX(end, start, ph)];

			cut[(*ncut)++] = start;
			end = start;
			start = (size_t)f / 2;
			ph = (int)(f % 2);
		}
		for (i = 0; i < *ncut / 2; i++) {
			size_t x = cut[i];

			cut[i] = cut[*ncut - 1 - i];
			cut[*ncut - 1 - i] = x;
		}
	}
#undef IX
#undef FX
	free(cg);
	free(cb);
	free(w);
	free(v);
	free(ok);
	free(F);
	free(from);
	return best;
}

/*
 * The programme under BIN_TREND_AUTO (bin.h): ascending and descending,
 * the better kept (ascending on a tie); then peak and valley, the better
 * kept (peak on a tie), which replaces the monotonic grouping only when
 * its IV gain is more than chance gives.  The J-divergence of a grouping
 * times G B / (G + B), that is IV / (1/G + 1/B), is asymptotically
 * chi-square with (groups - 1) degrees of freedom under no association
 * (Kullback, Information Theory and Statistics, 1959, ch. 6), so the
 * gain D = (IV_turn - IV_mono) / (1/G + 1/B) is read as a chi-square of
 * (groups_turn - groups_mono) degrees of freedom (at least 1), and the
 * turn is taken when its upper tail is below spec->turn_p.  A turn that
 * noise explains would make points rise and fall with the value for no
 * reason.  cut[] and *ncut receive the grouping; returns the trend used.
 */
/* Solve under t1 and under t2 and keep the better (t1 on a tie) in
   cut[] and *ncut, its trend in *t; returns its IV. */
static double
solve_better(const struct cell *c, size_t n, double G, double B,
	const struct bin_spec *spec, enum bin_trend t1, enum bin_trend t2,
	size_t *cut, size_t *ncut, enum bin_trend *t)
{
	size_t *c2 = xmalloc((n + 1) * sizeof *c2), n2 = 0;
	double a = solve(c, n, G, B, spec, t1, cut, ncut);
	double b = solve(c, n, G, B, spec, t2, c2, &n2);

	*t = t1;
	if (b > a) {
		memcpy(cut, c2, n2 * sizeof *cut);
		*ncut = n2;
		*t = t2;
		a = b;
	}
	free(c2);
	return a;
}

static enum bin_trend
solve_auto(const struct cell *c, size_t n, double G, double B,
	const struct bin_spec *spec, size_t *cut, size_t *ncut)
{
	size_t *c2 = xmalloc((n + 1) * sizeof *c2), n2 = 0;
	double mono, turn, gain, df;
	enum bin_trend t, tt;

	mono = solve_better(c, n, G, B, spec, BIN_TREND_ASCENDING,
	    BIN_TREND_DESCENDING, cut, ncut, &t);
	turn = solve_better(c, n, G, B, spec, BIN_TREND_PEAK,
	    BIN_TREND_VALLEY, c2, &n2, &tt);
	/* A peak or valley without a turn is monotonic, and no better than
	   the monotonic optimum: only a real turn can gain. */
	if (turn > mono && isfinite(turn)) {
		gain = mono == -INFINITY ? INFINITY : (turn - mono) /
		    (1 / G + 1 / B);
		df = n2 > *ncut ? (double)(n2 - *ncut) : 1;
		if (gain == INFINITY || gsl_cdf_chisq_Q(gain, df) <
		    spec->turn_p) {
			memcpy(cut, c2, n2 * sizeof *cut);
			*ncut = n2;
			t = tt;
		}
	}
	free(c2);
	return t;
}

/*
 * Fine bin f, merged by coarse classing into group x, holds only goods
 * or only bads where x holds both: is that more than chance?  Under the
 * overall bad rate q = B / (G + B), n known rows of one outcome come with
 * probability q^n (all bad) or (1 - q)^n (all good); below 1% the bin is
 * taken to mean something (a collections flag, a fraud marker) that the
 * merge hides.  Appends it to m[len] at *off (the first three named) and
 * returns 1 when it counts.
 */
static int
pure_note(const struct bin *f, const struct bin *x, double G, double B,
	char *m, size_t len, size_t *off, size_t npure)
{
	double q = B / (G + B), n = (double)(f->goods + f->bads);
	int bads = f->goods == 0;

	if (n == 0 || (f->goods > 0 && f->bads > 0) || x->goods == 0 ||
	    x->bads == 0 || !(G > 0 && B > 0))
		return 0;
	if (!(pow(bads ? q : 1 - q, n) < 0.01))
		return 0;
	if (npure < 3 && *off < len)
		*off += (size_t)snprintf(m + *off, len - *off, "%s%s %s holds "
		    "only %s (%.0f of %.0f rows with a known outcome) but "
		    "was merged into %s", npure > 0 ? "; " : "",
		    f->kind == BIN_LEVELS ? (f->nlevels > 1 ? "levels" :
		    "level") : "range", f->label, bads ? "bads" : "goods", n,
		    n, x->label);
	return 1;
}

/* The J-divergence test of the fine bins of a text characteristic (see
   bin.h, chance_p), into ch. */
static void
chance(struct characteristic *ch, const struct characteristic *fine)
{
	double G = (double)fine->goods, B = (double)fine->bads;
	size_t b, k = 0;

	if (fine->numeric || !(G > 0 && B > 0))
		return;
	for (b = 0; b < fine->nbins; b++)
		k += fine->bins[b].count > 0;
	if (k < 5)
		return;
	ch->chance_bins = k;
	ch->chance_p = gsl_cdf_chisq_Q(fine->iv / (1 / G + 1 / B),
	    (double)(k - 1));
}

struct characteristic *
bin_coarse(const struct characteristic *fine, const struct bin_spec *spec)
{
	struct characteristic *ch;
	struct cell *c = xmalloc((fine->nbins + 1) * sizeof *c);
	size_t *cut = xmalloc((fine->nbins + 1) * sizeof *cut);
	size_t n = 0, ncut = 0, b, g, i, l, nblk, *start, nlv;
	size_t poff = 0;
	char pure[768];
	struct cell *blk;
	double G = (double)fine->goods, B = (double)fine->bads;
	enum bin_trend t = fine->numeric ? spec->trend : BIN_TREND_ASCENDING;

	for (b = 0; b < fine->nbins; b++) {
		const struct bin *x = &fine->bins[b];

		if (x->kind != BIN_RANGE && x->kind != BIN_LEVELS)
			continue;
		c[n].src = b;
		c[n].goods = x->goods;
		c[n].bads = x->bads;
		c[n].bad_rate = x->count > 0 ?
		    (double)x->bads / (double)x->count : NAN;
		n++;
	}
	if (!fine->numeric)
		qsort(c, n, sizeof *c, cmp_bad_rate);
	/*
	 * More fine bins than spec->max_dp are pooled first, in order, into
	 * max_dp blocks of about equal row counts (block k starts at cell
	 * start[k]); the programme is then exact over the blocks.
	 */
	start = xmalloc((n + 1) * sizeof *start);
	nblk = n;
	for (i = 0; i <= n; i++)
		start[i] = i;
	if (spec->max_dp >= 2 && n > spec->max_dp) {
		double total = 0, acc = 0;

		for (i = 0; i < n; i++)
			total += (double)(c[i].goods + c[i].bads);
		nblk = 0;
		for (i = 0; i < n; i++) {
			if (i == 0 || (acc >= total * (double)nblk /
			    (double)spec->max_dp && nblk < spec->max_dp))
				start[nblk++] = i;
			acc += (double)(c[i].goods + c[i].bads);
		}
		start[nblk] = n;
	}
	blk = xcalloc(nblk + 1, sizeof *blk);
	for (i = 0; i < nblk; i++)
		for (l = start[i]; l < start[i + 1]; l++) {
			blk[i].goods += c[l].goods;
			blk[i].bads += c[l].bads;
		}
	if (G > 0 && B > 0 && nblk > 1) {
		if (t == BIN_TREND_AUTO)
			t = solve_auto(blk, nblk, G, B, spec, cut, &ncut);
		else
			solve(blk, nblk, G, B, spec, t, cut, &ncut);
	} else if (t == BIN_TREND_AUTO) {
		t = BIN_TREND_ASCENDING;
	}
	/* Block cuts to cell cuts. */
	for (i = 0; i < ncut; i++)
		cut[i] = start[cut[i]];
	free(start);
	free(blk);

	/* Build the groups, then copy the special and missing bins. */
	ch = xcalloc(1, sizeof *ch);
	ch->name = xstrdup(fine->name);
	ch->numeric = fine->numeric;
	ch->trend = t;
	ch->xmin = fine->xmin;
	ch->xmax = fine->xmax;
	memcpy(ch->sentinels, fine->sentinels, sizeof ch->sentinels);
	ch->nsentinels = fine->nsentinels;
	memcpy(ch->codes, fine->codes, sizeof ch->codes);
	ch->ncodes = fine->ncodes;
	ch->big_integers = fine->big_integers;
	ch->big_integers_eg = fine->big_integers_eg;
	ch->goods = fine->goods;
	ch->bads = fine->bads;
	/* The column's levels and those left to the fallback are those of
	   the fine classing: merging lists no new level. */
	ch->nlevels = fine->nlevels;
	ch->nfallback = fine->nfallback;
	ch->fallback_rows = fine->fallback_rows;
	ch->fallback_known = fine->fallback_known;
	ch->fallback_levels = fine->fallback_levels != NULL ?
	    xstrdup(fine->fallback_levels) : NULL;
	ch->bins = xcalloc(fine->nbins + 1, sizeof *ch->bins);
	for (g = 0; g <= ncut && n > 0; g++) {
		size_t lo = g == 0 ? 0 : cut[g - 1];
		size_t hi = g == ncut ? n : cut[g];
		struct bin *x = &ch->bins[ch->nbins++];

		x->kind = fine->bins[c[lo].src].kind;
		x->lower = x->upper = NAN;
		/* Room for every level of the group at once: the small
		   levels grouped as other may sit in any fine bin of it. */
		nlv = 0;
		for (i = lo; i < hi; i++)
			nlv += fine->bins[c[i].src].nlevels;
		if (x->kind == BIN_LEVELS)
			x->levels = xmalloc((nlv + 1) * sizeof *x->levels);
		for (i = lo; i < hi; i++) {
			const struct bin *f = &fine->bins[c[i].src];

			x->count += f->count;
			x->goods += f->goods;
			x->bads += f->bads;
			x->other |= f->other;
			/* Plain levels first; the other-grouped below. */
			for (l = 0; l + f->nother < f->nlevels; l++)
				x->levels[x->nlevels++] =
				    xstrdup(f->levels[l]);
		}
		for (i = lo; i < hi; i++) {
			const struct bin *f = &fine->bins[c[i].src];

			for (l = f->nlevels - f->nother; l < f->nlevels; l++)
				x->levels[x->nlevels++] =
				    xstrdup(f->levels[l]);
			x->nother += f->nother;
		}
		if (x->kind == BIN_RANGE) {
			x->lower = fine->bins[c[lo].src].lower;
			x->upper = fine->bins[c[hi - 1].src].upper;
		}
		x->label = bin_label(x);
		for (i = lo; i < hi && hi - lo > 1; i++)
			ch->npure += (size_t)pure_note(&fine->bins[c[i].src],
			    x, G, B, pure, sizeof pure, &poff, ch->npure);
	}
	if (ch->npure > 0) {
		const struct bin *f = NULL;
		char more[48] = "", way[256], n1[FMT_BUF];

		/* The way out for the first pure level, as options to type. */
		for (i = 0; i < n && f == NULL; i++)
			if (fine->bins[c[i].src].kind == BIN_LEVELS &&
			    (fine->bins[c[i].src].goods == 0 ||
			    fine->bins[c[i].src].bads == 0))
				f = &fine->bins[c[i].src];
		if (ch->npure > 3)
			snprintf(more, sizeof more, " and %s more",
			    fmt_count(n1, (double)(ch->npure - 3)));
		if (f != NULL && f->nlevels == 1)
			snprintf(way, sizeof way, "riskdesk bin --char '%s' "
			    "--move '%s=new'", fine->name, f->levels[0]);
		else
			snprintf(way, sizeof way, "riskdesk bin --char '%s' "
			    "%s", fine->name, fine->numeric ?
			    "--split BIN:VALUE" : "--move LEVEL=new");
		ch->pure = xasprintf("%s%s: coarse classing, which wants a "
		    "good and a bad in every bin, hides %s; a knock-out rule "
		    "candidate, or keep it apart with %s (its WoE takes the "
		    "%g zero-cell adjustment)", pure, more, ch->npure > 1 ?
		    "them" : "it", way, spec->woe_adjust);
	}
	for (b = 0; b < fine->nbins; b++) {
		const struct bin *f = &fine->bins[b];
		struct bin *x;

		if (f->kind != BIN_SPECIAL && f->kind != BIN_MISSING)
			continue;
		x = &ch->bins[ch->nbins++];
		*x = *f;
		x->levels = NULL;
		x->nlevels = 0;
		x->label = xstrdup(f->label);
	}
	bin_woe(ch, spec);
	chance(ch, fine);
	free(c);
	free(cut);
	return ch;
}

struct characteristic *
bin_optimal(const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err)
{
	struct characteristic *fine = bin_fine(ds, col, spec, err), *ch;
	char why[1024];

	if (fine == NULL)
		return NULL;

	ch = bin_coarse(fine, spec);
	characteristic_free(fine);
	/* One bin because the column splits goods from bads: say so. */
	if (bin_single(ch) && bin_splits(ds, col, spec->woe_adjust, why,
	    sizeof why))
		bin_mark_splits(ch, why);
	return ch;
}

int
bin_single(const struct characteristic *ch)
{
	return ch->status != NULL && strncmp(ch->status, "single bin",
	    10) == 0;
}

void
bin_mark_splits(struct characteristic *ch, const char *why)
{
	free(ch->status);
	ch->status = xstrdup("separates goods from bads");
	free(ch->splits);
	ch->splits = xstrdup(why);
	/* The split says it all: its pure fine bins are no news. */
	free(ch->pure);
	ch->pure = NULL;
	ch->npure = 0;
}

struct characteristic *
bin_characteristic(const struct dataset *ds, const struct ds_column *col,
	const struct bin_spec *spec, struct rd_err *err)
{
	size_t k;

	for (k = 0; k < spec->nsaved; k++) {
		const struct characteristic *s = spec->saved[k];
		struct characteristic *ch;

		if (strcmp(s->name, col->name) != 0 ||
		    (s->numeric != 0) != (col->type != DS_TEXT))
			continue;
		ch = characteristic_copy(s);
		if (bin_recount(ch, ds, col, spec, err) < 0) {
			characteristic_free(ch);
			return NULL;
		}
		return ch;
	}
	return bin_optimal(ds, col, spec, err);
}

/* ------------------------------------------------- many columns at once */

/* The work of bin_characteristics: the next column to class is taken
   by whichever thread is free. */
struct class_pool {
	const struct dataset *ds;
	const struct ds_column *const *cols;
	size_t n;
	const struct bin_spec *spec;
	struct characteristic **out;
	struct rd_err *errs;	/* [n] */
	atomic_size_t next;
	atomic_size_t done;	/* characteristics classed, for progress */
};

static void *
class_worker(void *arg)
{
	struct class_pool *p = arg;
	size_t k;

	while ((k = atomic_fetch_add(&p->next, 1)) < p->n) {
		rd_err_clear(&p->errs[k]);
		p->out[k] = bin_characteristic(p->ds, p->cols[k], p->spec,
		    &p->errs[k]);
		rd_progress("classing", atomic_fetch_add(&p->done, 1) + 1,
		    p->n, "characteristics", p->cols[k]->name);
	}
	return NULL;
}

int
bin_characteristics(const struct dataset *ds,
	const struct ds_column *const *cols, size_t n,
	const struct bin_spec *spec, struct characteristic **out,
	struct rd_err *err)
{
	struct class_pool p;
	pthread_t tid[BIN_THREADS_MAX];
	size_t nt = spec->threads > 0 ? (size_t)spec->threads : 0, t, k, nok;
	long cpus;

	if (nt == 0) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		nt = cpus > 0 ? (size_t)cpus : 1;
	}
	if (nt > BIN_THREADS_MAX)
		nt = BIN_THREADS_MAX;
	if (nt > n)
		nt = n > 0 ? n : 1;
	p.ds = ds;
	p.cols = cols;
	p.n = n;
	p.spec = spec;
	p.out = out;
	p.errs = xcalloc(n > 0 ? n : 1, sizeof *p.errs);
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	if (n > 0)
		rd_progress("classing", 0, n, "characteristics", NULL);
	/* The calling thread works too; a thread that cannot start leaves
	   its share to the others. */
	for (nok = 0, t = 1; t < nt; t++)
		if (pthread_create(&tid[nok], NULL, class_worker, &p) == 0)
			nok++;
	class_worker(&p);
	for (t = 0; t < nok; t++)
		pthread_join(tid[t], NULL);
	for (k = 0; k < n && out[k] != NULL; k++)
		;
	if (k < n) {
		if (err != NULL)
			*err = p.errs[k];
		for (k = 0; k < n; k++) {
			characteristic_free(out[k]);
			out[k] = NULL;
		}
		free(p.errs);
		return -1;
	}
	free(p.errs);
	return 0;
}
