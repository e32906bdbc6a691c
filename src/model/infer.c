/*
 * infer.c - reject inference (see infer.h): the rejects' inferred
 * outcomes by hard cutoff, fuzzy augmentation, parceling or
 * reweighting, the weighted refit of the KGB scorecard's design, the
 * comparison of the two scorecards, and the masked-accept benchmark.
 *
 * Model layer: it sees datasets and scorecards, never SQL; the desk
 * (desk-infer.c) loads the population and stores what comes out.  GSL
 * only for the seeded random choice of parceling.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "model/bin.h"
#include "model/binned.h"
#include "model/infer.h"
#include "model/metric.h"
#include "util/err.h"
#include "util/xmalloc.h"

static const char *const method_names[] = {
	"hard-cutoff", "fuzzy", "parceling", "reweighting"
};

const char *
infer_method_name(enum infer_method m)
{
	return (size_t)m < sizeof method_names / sizeof *method_names ?
	    method_names[m] : "?";
}

int
infer_method_parse(const char *s, enum infer_method *m)
{
	size_t k;

	for (k = 0; k < sizeof method_names / sizeof *method_names; k++)
		if (strcmp(s, method_names[k]) == 0) {
			*m = (enum infer_method)k;
			return 0;
		}
	return -1;
}

void
infer_spec_init(struct infer_spec *spec)
{
	memset(spec, 0, sizeof *spec);
	spec->method = INFER_FUZZY;
	spec->factor = NAN;
	spec->bad_multiple = NAN;
	spec->cutoff_pd = NAN;
	spec->reject_weight = 1;
	spec->bands = 10;
	spec->seed = 1;
	spec->little = 0.1;
	spec->same_tol = 1e-8;
	logit_spec_init(&spec->logit);
}

/* A finite number filling all of s, as the command line takes one. */
static int
opt_num(const char *s, double *x)
{
	char *end;

	errno = 0;
	*x = strtod(s, &end);
	return end == s || *end != '\0' || errno != 0 || !isfinite(*x) ?
	    -1 : 0;
}

int
infer_spec_option(struct infer_spec *spec, const char *opt, const char *arg,
	struct rd_err *err)
{
	double x;

	if (strcmp(opt, "--method") == 0) {
		if (infer_method_parse(arg, &spec->method) != 0)
			return rd_err_set(err, RD_EUSAGE, "--method: expected "
			    "hard-cutoff, fuzzy, parceling or reweighting, "
			    "found \"%s\"", arg);
		return 0;
	}
	if (strcmp(opt, "--factor") != 0 && strcmp(opt, "--bad-multiple") !=
	    0 && strcmp(opt, "--cutoff") != 0 && strcmp(opt,
	    "--reject-weight") != 0 && strcmp(opt, "--bands") != 0 &&
	    strcmp(opt, "--seed") != 0)
		return 1;
	if (opt_num(arg, &x) != 0)
		return rd_err_set(err, RD_EUSAGE, "%s: expected a number, "
		    "found \"%s\"", opt, arg);
	if (strcmp(opt, "--factor") == 0)
		spec->factor = x;
	else if (strcmp(opt, "--bad-multiple") == 0)
		spec->bad_multiple = x;
	else if (strcmp(opt, "--cutoff") == 0)
		spec->cutoff_pd = x;
	else if (strcmp(opt, "--reject-weight") == 0)
		spec->reject_weight = x;
	else if (strcmp(opt, "--bands") == 0) {
		if (!(x >= 2 && x <= 1000 && x == floor(x)))
			return rd_err_set(err, RD_EUSAGE, "--bands: expected "
			    "a whole number from 2 to 1000, found \"%s\"",
			    arg);
		spec->bands = (size_t)x;
	} else {
		if (!(x >= 0 && x <= 4294967295.0 && x == floor(x)))
			return rd_err_set(err, RD_EUSAGE, "--seed: expected a "
			    "whole number from 0 to 4294967295, found \"%s\"",
			    arg);
		spec->seed = (unsigned long)x;
	}
	return 0;
}

int
infer_spec_check(const struct infer_spec *spec, struct rd_err *err)
{
	const char *m = infer_method_name(spec->method);

	if (!isnan(spec->factor) && !(spec->factor > 0 &&
	    isfinite(spec->factor)))
		return rd_err_set(err, RD_EUSAGE, "--factor: expected a "
		    "number > 0, found %g", spec->factor);
	if (!isnan(spec->bad_multiple) && !(spec->bad_multiple > 0 &&
	    isfinite(spec->bad_multiple)))
		return rd_err_set(err, RD_EUSAGE, "--bad-multiple: expected a "
		    "number > 0, found %g", spec->bad_multiple);
	if (!isnan(spec->factor) && !isnan(spec->bad_multiple))
		return rd_err_set(err, RD_EUSAGE, "--factor and "
		    "--bad-multiple do not go together: the first scales the "
		    "KGB scorecard's estimate, the second the accepts' bad "
		    "rate");
	if (!isnan(spec->cutoff_pd)) {
		if (spec->method != INFER_HARD_CUTOFF)
			return rd_err_set(err, RD_EUSAGE, "--cutoff is for "
			    "--method hard-cutoff, not %s", m);
		if (!(spec->cutoff_pd > 0 && spec->cutoff_pd < 1))
			return rd_err_set(err, RD_EUSAGE, "--cutoff: expected "
			    "a PD in (0, 1), found %g", spec->cutoff_pd);
		if (!isnan(spec->factor) || !isnan(spec->bad_multiple))
			return rd_err_set(err, RD_EUSAGE, "--cutoff sets the "
			    "cutoff itself: not with --factor or "
			    "--bad-multiple");
	}
	if (!isnan(spec->bad_multiple) && (spec->method == INFER_PARCELING ||
	    spec->method == INFER_REWEIGHTING))
		return rd_err_set(err, RD_EUSAGE, "--bad-multiple is for "
		    "--method hard-cutoff or fuzzy, not %s (parceling takes "
		    "--factor)", m);
	if (!isnan(spec->factor) && spec->method == INFER_REWEIGHTING)
		return rd_err_set(err, RD_EUSAGE, "--factor is not for "
		    "--method reweighting: it infers no outcome");
	if (spec->reject_weight != 1 && spec->method == INFER_REWEIGHTING)
		return rd_err_set(err, RD_EUSAGE, "%s",
		    INFER_REWEIGHTING_NO_WEIGHT);
	if (!(spec->reject_weight > 0 && isfinite(spec->reject_weight)))
		return rd_err_set(err, RD_EUSAGE, "--reject-weight: expected "
		    "a number > 0, found %g", spec->reject_weight);
	if (spec->bands < 2 || spec->bands > 1000)
		return rd_err_set(err, RD_EUSAGE, "--bands: expected a whole "
		    "number from 2 to 1000, found %zu", spec->bands);
	return 0;
}

char *
infer_spec_format(const struct infer_spec *spec)
{
	return xasprintf("method=%s factor=%.17g bad_multiple=%.17g "
	    "cutoff=%.17g reject_weight=%.17g bands=%zu seed=%lu",
	    infer_method_name(spec->method), spec->factor, spec->bad_multiple,
	    spec->cutoff_pd, spec->reject_weight, spec->bands, spec->seed);
}

/* A number as infer_spec_format writes it ("nan" included). */
static int
spec_num(const char *v, double *x)
{
	char *end;

	if (strcmp(v, "nan") == 0 || strcmp(v, "-nan") == 0) {
		*x = NAN;
		return 0;
	}
	errno = 0;
	*x = strtod(v, &end);
	return *end != '\0' || errno != 0 || !isfinite(*x) ? -1 : 0;
}

int
infer_spec_parse(const char *text, struct infer_spec *spec,
	struct rd_err *err)
{
	char *copy = xstrdup(text), *save = NULL, *tok;
	int rc = 0;

	infer_spec_init(spec);
	for (tok = strtok_r(copy, " ", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		double x = 0;

		if (eq == NULL) {
			rc = -1;
			break;
		}
		*eq++ = '\0';
		if (strcmp(tok, "method") == 0)
			rc = infer_method_parse(eq, &spec->method);
		else if (strcmp(tok, "seed") == 0 || strcmp(tok, "bands") == 0) {
			rc = spec_num(eq, &x);
			if (rc == 0 && !(x >= 0 && x == floor(x)))
				rc = -1;
			if (rc == 0 && tok[0] == 's')
				spec->seed = (unsigned long)x;
			else if (rc == 0)
				spec->bands = (size_t)x;
		} else if (spec_num(eq, &x) != 0)
			rc = -1;
		else if (strcmp(tok, "factor") == 0)
			spec->factor = x;
		else if (strcmp(tok, "bad_multiple") == 0)
			spec->bad_multiple = x;
		else if (strcmp(tok, "cutoff") == 0)
			spec->cutoff_pd = x;
		else if (strcmp(tok, "reject_weight") == 0)
			spec->reject_weight = x;
		else
			rc = -1;
	}
	free(copy);
	if (rc != 0)
		return rd_err_set(err, RD_EINPUT, "malformed inference "
		    "settings: \"%s\"", text);
	return 0;
}

/* ------------------------------------------------------------ helpers */

static double
expit(double eta)
{
	return 1 / (1 + exp(-eta));
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Band cuts from the accepts' scores s[m] (sorted here, or left as they
 * were when counted): cut k at the value at sorted position
 * floor(k m / nb), k = 1 .. nb - 1, a cut equal to the
 * previous one (or to the smallest score) dropped.  *cuts a heap array
 * of *ncuts; band b is [cuts[b - 1], cuts[b]) with -inf and +inf ends.
 */
static void
band_cuts(double *s, size_t m, size_t nb, double **cuts, size_t *ncuts)
{
	size_t k, n = 0, *cnt = NULL, span = 0, i;
	double lo = 0, hi = 0, first;

	/*
	 * Scores in points are whole numbers in a short range: counted per
	 * value, the sorted position q is found in the cumulative counts,
	 * in one pass and no sort (s is left as it was).  Anything else
	 * (a fraction, NaN, -0, a range past 2^20) is sorted.
	 */
	for (i = 0; i < m; i++) {
		double x = s[i];

		if (!(x == floor(x)) || (x == 0 && signbit(x)) ||
		    !(fabs(x) < 0x1p52))
			break;
		if (i == 0 || x < lo)
			lo = x;
		if (i == 0 || x > hi)
			hi = x;
	}
	if (m > 0 && i == m && hi - lo < 0x1p20) {
		span = (size_t)(hi - lo) + 1;
		cnt = xcalloc(span, sizeof *cnt);
		for (i = 0; i < m; i++)
			cnt[(size_t)(s[i] - lo)]++;
	} else
		qsort(s, m, sizeof *s, cmp_double);
	first = cnt != NULL ? lo : m > 0 ? s[0] : 0;
	*cuts = xmalloc(nb * sizeof **cuts);
	{
		size_t v = 0, below = 0;	/* values under lo + v */

		for (k = 1; k < nb && m > 0; k++) {
			size_t q = k * m / nb;
			double c;

			if (cnt != NULL) {
				/* The value at sorted position q: the first
				   whose cumulative count passes q. */
				while (below + cnt[v] <= q)
					below += cnt[v++];
				c = lo + (double)v;
			} else
				c = s[q];
			if (c == first || (n > 0 && c == (*cuts)[n - 1]))
				continue;
			(*cuts)[n++] = c;
		}
	}
	free(cnt);
	*ncuts = n;
}

/* The band of score x under cuts[n]: the number of cuts <= x. */
static size_t
band_of(const double *cuts, size_t n, double x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cuts[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* WoE of bin b of card characteristic k, 0 for no bin. */
static double
woe_of(const struct scorecard *card, size_t k, int b)
{
	return b < 0 ? 0 : card->chars[k].ch->bins[b].woe;
}

/* Round half away from zero, as the points are rounded. */
static double
round_half(double x)
{
	return round(x);
}

/*
 * The shift s of the log-odds eta[n] with mean expit(eta + s) = t, by
 * Newton's method kept inside a bracket (bisection when a step leaves
 * it); t in (0, 1).
 */
static double
logodds_shift(const double *eta, size_t n, double t)
{
	double lo = -60, hi = 60, s = 0;
	int it;

	for (it = 0; it < 200; it++) {
		double f = 0, d = 0, next;
		size_t i;

		for (i = 0; i < n; i++) {
			double p = expit(eta[i] + s);

			f += p;
			d += p * (1 - p);
		}
		f = f / (double)n - t;
		d /= (double)n;
		if (f > 0)
			hi = s;
		else
			lo = s;
		if (fabs(f) < 1e-15 || hi - lo < 1e-14)
			break;
		next = d > 0 ? s - f / d : (lo + hi) / 2;
		if (!(next > lo && next < hi))
			next = (lo + hi) / 2;
		s = next;
	}
	return s;
}

/* Append one row to the augmented set of r (capacity *cap). */
static void
add_row(struct infer_result *r, size_t *cap, size_t row, int bad, double w,
	int is_reject)
{
	if (r->n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		r->rows = xreallocarray(r->rows, *cap, sizeof *r->rows);
		r->y = xreallocarray(r->y, *cap, sizeof *r->y);
		r->w = xreallocarray(r->w, *cap, sizeof *r->w);
		r->is_reject = xreallocarray(r->is_reject, *cap,
		    sizeof *r->is_reject);
	}
	r->rows[r->n] = row;
	r->y[r->n] = (signed char)bad;
	r->w[r->n] = w;
	r->is_reject[r->n] = (unsigned char)is_reject;
	r->n++;
}

/* Rejects ordered by p descending, ties by row ascending. */
struct pref {
	double p;
	size_t row;
};

static int
cmp_pref(const void *a, const void *b)
{
	const struct pref *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? 1 : -1;
	return (x->row > y->row) - (x->row < y->row);
}

/*
 * The first n of v[m] (sorted by cmp_pref) to take, groups of equal p
 * whole or not at all: of the group boundaries n <= most, the nearest
 * want (the lower on a tie); 0 when none is nearer than 0.
 */
static size_t
group_cut(const struct pref *v, size_t m, double want, size_t most)
{
	size_t best = 0, k = 0;
	double bestd = fabs(want);

	while (k < m) {
		size_t e = k;
		double d;

		while (e < m && v[e].p == v[k].p)
			e++;
		d = fabs((double)e - want);
		if (d < bestd && e <= most) {
			bestd = d;
			best = e;
		}
		k = e;
	}
	return best;
}

/* ------------------------------------------------------------ methods */

static int
is_accept(const struct dataset *ds, size_t i)
{
	return ds->y[i] != DS_INDET && (ds->reject == NULL || !ds->reject[i]);
}

/*
 * The population of an inference, as a binned sample (model/binned.h)
 * of the KGB scorecard's characteristics, rejects kept apart
 * (keep_reject): row i < bs->n is known row i, an accept; row i >=
 * bs->n is other row i - bs->n, a reject or an indeterminate one.  The
 * accepts and the rejects each stay in table order, which is all the
 * methods use of the order (the accepts, then the rejects, each in row
 * order; ties by row).  Scores, log-odds and bands are made from a row's
 * bins when they are needed: nothing per row is held but the sample.
 */
struct scored {
	const struct scorecard *kgb;
	const struct binned_sample *bs;
	size_t nall;		/* bs->n + bs->nother */
	double *cuts;
	size_t ncuts;
};

/* bin + 1 of row i under characteristic k (0: no bin). */
static unsigned
row_bin(const struct binned_sample *bs, size_t k, size_t i)
{
	return i < bs->n ? binned_known(bs, k, i) :
	    binned_other(bs, k, i - bs->n);
}

static int
row_accept(const struct scored *sc, size_t i)
{
	return i < sc->bs->n;
}

static int
row_reject(const struct scored *sc, size_t i)
{
	return i >= sc->bs->n && binned_other_reject(sc->bs, i - sc->bs->n);
}

/* The rounded KGB score of row i, summed as card_score sums it. */
static double
row_score(const struct scored *sc, size_t i)
{
	const struct scorecard *card = sc->kgb;
	double s = card->base_points;
	size_t k;

	for (k = 0; k < card->nchars; k++) {
		unsigned b = row_bin(sc->bs, k, i);

		if (b > 0)
			s += card->chars[k].points[b - 1];
	}
	return s;
}

/* The KGB log-odds of bad of row i (unrounded): b0 + sum b_k WoE_k. */
static double
row_eta(const struct scored *sc, size_t i)
{
	const struct scorecard *card = sc->kgb;
	double e = card->intercept;
	size_t k;

	for (k = 0; k < card->nchars; k++)
		e += card->chars[k].coef * woe_of(card, k,
		    (int)row_bin(sc->bs, k, i) - 1);
	return e;
}

static size_t
row_band(const struct scored *sc, size_t i)
{
	return band_of(sc->cuts, sc->ncuts, row_score(sc, i));
}

/* Rejects by row ascending. */
static int
cmp_row(const void *a, const void *b)
{
	const struct pref *x = a, *y = b;

	return (x->row > y->row) - (x->row < y->row);
}

static void
hard_cutoff(const struct scored *sc, const struct infer_spec *spec,
	struct infer_result *r, size_t *cap)
{
	struct pref *v = xmalloc((r->rejects ? r->rejects : 1) * sizeof *v);
	size_t i, m = 0, nbad;
	double c = spec->cutoff_pd, sum = 0;

	for (i = sc->bs->n; i < sc->nall; i++)
		if (row_reject(sc, i)) {
			v[m].p = expit(row_eta(sc, i));
			v[m].row = i;
			sum += v[m].p;
			m++;
		}
	qsort(v, m, sizeof *v, cmp_pref);
	if (isnan(c)) {
		double want = !isnan(spec->bad_multiple) ? spec->bad_multiple *
		    r->accept_bad_rate * (double)m : (isnan(spec->factor) ? 1 :
		    spec->factor) * sum;
		size_t best = group_cut(v, m, round_half(want), m);

		nbad = best;
		c = nbad > 0 ? v[nbad - 1].p : NAN;
		r->asked_bad_rate = m > 0 ? want / (double)m : NAN;
		r->max_factor = !isnan(spec->bad_multiple) ?
		    1 / r->accept_bad_rate : (double)m / sum;
		if (round_half(want) > (double)m) {
			r->capped = 1;
			r->capped_rejects = m;
		}
	} else {
		for (nbad = 0; nbad < m && v[nbad].p >= c; nbad++)
			;
	}
	r->cutoff_pd = c;
	r->reject_bads_n = nbad;
	/* Rows in row order: the bads, v[0 .. nbad), put in row order and
	   met as the rejects are walked. */
	qsort(v, nbad, sizeof *v, cmp_row);
	{
		size_t q = 0;

		for (i = sc->bs->n; i < sc->nall; i++)
			if (row_reject(sc, i)) {
				int bad = q < nbad && v[q].row == i;

				q += bad;
				add_row(r, cap, i, bad, spec->reject_weight, 1);
				r->bands[row_band(sc, i)].reject_bads += bad;
			}
	}
	r->reject_bad_rate = m > 0 ? (double)nbad / (double)m : NAN;
	free(v);
}

static int
fuzzy(const struct scored *sc, const struct infer_spec *spec,
	struct infer_result *r, size_t *cap, struct rd_err *err)
{
	double *eta = xmalloc((r->rejects ? r->rejects : 1) * sizeof *eta);
	double sum = 0, t, s = 0, sp = 0;
	size_t i, m = 0;

	for (i = sc->bs->n; i < sc->nall; i++)
		if (row_reject(sc, i)) {
			eta[m] = row_eta(sc, i);
			sum += expit(eta[m]);
			m++;
		}
	if (!isnan(spec->factor) || !isnan(spec->bad_multiple)) {
		t = !isnan(spec->bad_multiple) ? spec->bad_multiple *
		    r->accept_bad_rate : spec->factor * sum / (double)m;
		if (!(t > 0 && t < 1)) {
			free(eta);
			return rd_err_set(err, RD_EINPUT, "%s asks the rejects' "
			    "bad rate to be %.4g, which is not a rate in "
			    "(0, 1): give a smaller one",
			    !isnan(spec->bad_multiple) ? "--bad-multiple" :
			    "--factor", t);
		}
		s = logodds_shift(eta, m, t);
	}
	r->shift = s;
	for (i = sc->bs->n, m = 0; i < sc->nall; i++) {
		double p;

		if (!row_reject(sc, i))
			continue;
		p = expit(eta[m++] + s);
		sp += p;
		add_row(r, cap, i, 1, spec->reject_weight * p, 1);
		add_row(r, cap, i, 0, spec->reject_weight * (1 - p), 1);
		r->bands[row_band(sc, i)].reject_bads += p;
	}
	r->reject_bad_rate = sp / (double)m;
	free(eta);
	return 0;
}

static void
parceling(const struct scored *sc, const struct infer_spec *spec,
	struct infer_result *r, size_t *cap)
{
	size_t nb = r->nbands, i, k, *start, *fill, *order, n0 = sc->bs->n;
	unsigned char *bad = xcalloc(sc->nall - n0 ? sc->nall - n0 : 1, 1);
	double x = isnan(spec->factor) ? 1 : spec->factor;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	size_t total = 0;

	double asked = 0, top = 0;

	gsl_rng_set(rng, spec->seed);
	/* The rejects of each band, in row order (a counting sort). */
	start = xcalloc(nb + 1, sizeof *start);
	fill = xcalloc(nb, sizeof *fill);
	order = xmalloc((r->rejects ? r->rejects : 1) * sizeof *order);
	for (k = 0; k < nb; k++)
		start[k + 1] = start[k] + r->bands[k].rejects;
	for (i = n0; i < sc->nall; i++)
		if (row_reject(sc, i)) {
			k = row_band(sc, i);
			order[start[k] + fill[k]++] = i;
		}
	for (k = 0; k < nb; k++) {
		struct infer_band *b = &r->bands[k];
		size_t rk = b->rejects, nk, j;
		double share = x * b->bad_rate;

		if (rk > 0) {
			asked += share * (double)rk;
			if (b->bad_rate > top)
				top = b->bad_rate;
		}
		if (share > 1) {
			share = 1;
			if (rk > 0) {
				r->capped++;
				r->capped_rejects += rk;
			}
		}
		nk = (size_t)round_half(share * (double)rk);
		for (j = 0; j < nk; j++) {
			size_t u = j + (size_t)gsl_rng_uniform_int(rng,
			    (unsigned long)(rk - j)), t;

			t = order[start[k] + j];
			order[start[k] + j] = order[start[k] + u];
			order[start[k] + u] = t;
			bad[order[start[k] + j] - n0] = 1;
		}
		b->reject_bads = (double)nk;
		total += nk;
	}
	for (i = n0; i < sc->nall; i++)
		if (row_reject(sc, i))
			add_row(r, cap, i, bad[i - n0], spec->reject_weight, 1);
	r->reject_bads_n = total;
	r->reject_bad_rate = (double)total / (double)r->rejects;
	r->asked_bad_rate = asked / (double)r->rejects;
	r->max_factor = top > 0 ? 1 / top : INFINITY;
	gsl_rng_free(rng);
	free(start);
	free(fill);
	free(order);
	free(bad);
}

/* ---------------------------------------------------------------- run */

void
infer_result_done(struct infer_result *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r->y);
	free(r->w);
	free(r->is_reject);
	free(r->bands);
	card_free(r->card);
	memset(r, 0, sizeof *r);
}

/* Bands of the accepts' scores (a double per accept while the cuts are
   found). */
static void
make_bands(struct scored *sc, size_t nb)
{
	size_t m = sc->bs->n, i;
	double *s = xmalloc((m ? m : 1) * sizeof *s);

	for (i = 0; i < m; i++)
		s[i] = row_score(sc, i);
	band_cuts(s, m, nb, &sc->cuts, &sc->ncuts);
	free(s);
}

/* Check ds for inference: a target, rejects, accepts of both kinds. */
static int
need_rejects(const struct dataset *ds, struct rd_err *err)
{
	if (ds->y == NULL)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no "
		    "target: inference needs the accepts' outcomes", ds->table);
	if (ds->reject == NULL || ds->nreject == 0)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no rejects "
		    "marked: import it with --reject-when <column>=<value>",
		    ds->table);
	if (ds->nbad == 0 || ds->ngood == 0)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no %s "
		    "among its accepts: inference needs bads and goods",
		    ds->table, ds->nbad == 0 ? "bads" : "goods");
	return 0;
}

/* Check bs for inference: rejects, accepts of both kinds. */
static int
need_rejects_binned(const struct binned_sample *bs, struct rd_err *err)
{
	if (bs->nreject == 0)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no rejects "
		    "marked: import it with --reject-when <column>=<value>",
		    bs->table);
	if (bs->nbad == 0 || bs->nbad == bs->n)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no %s "
		    "among its accepts: inference needs bads and goods",
		    bs->table, bs->nbad == 0 ? "bads" : "goods");
	return 0;
}

/* The augmented design row by row (logit.h): 1 and the WoE of each
   characteristic's bin of row rows[i] of the binned sample. */
struct aug_design {
	size_t nc;
	const struct binned_sample *bs;
	const size_t *rows;
	const double *const *woe;	/* [nc]: WoE by bin + 1, 0 first */
	const size_t *nbins;		/* [nc]: bins of each */
};

static void
aug_design_row(const void *ctx, size_t i, double *x)
{
	const struct aug_design *a = ctx;
	size_t k, r = a->rows[i];

	x[0] = 1;
	for (k = 0; k < a->nc; k++)
		x[k + 1] = a->woe[k][row_bin(a->bs, k, r)];
}

/* Rows of the design made at a time from the bins, column by column. */
#define AUG_CHUNK 256

/* Whether rows[n] (n > 0) are known rows that follow one another: the
   known rows of an augmented set come each once and in order (the
   accepts), so a run of them spanning n rows is n rows in a row. */
static int
run_of_known(const struct binned_sample *bs, const size_t *rows, size_t n)
{
	return rows[n - 1] < bs->n && rows[n - 1] - rows[0] == n - 1;
}

/* bin + 1 under characteristic k of rows[n] of bs into b[n] (n <=
   AUG_CHUNK): the width looked up once for the run. */
static void
rows_bins(const struct binned_sample *bs, size_t k, const size_t *rows,
	size_t n, unsigned *b)
{
	const struct binned_col *c = &bs->col[k];
	size_t r, nk = bs->n;

	if (c->wide) {
		const uint16_t *kn = c->known, *ot = c->other;

		for (r = 0; r < n; r++)
			b[r] = rows[r] < nk ? kn[rows[r]] : ot[rows[r] - nk];
	} else {
		const uint8_t *kn = c->known, *ot = c->other;

		for (r = 0; r < n; r++)
			b[r] = rows[r] < nk ? kn[rows[r]] : ot[rows[r] - nk];
	}
}

/* Rows i .. i + n - 1 of the augmented design, as aug_design_row. */
static void
aug_design_rows(const void *ctx, size_t i, size_t n, double *x)
{
	const struct aug_design *a = ctx;
	size_t p = a->nc + 1, r, k, c0, m;
	unsigned b[AUG_CHUNK];

	for (r = 0; r < n; r++)
		x[r * p] = 1;
	for (c0 = 0; c0 < n; c0 += m) {
		const size_t *rows = a->rows + i + c0;
		int run;

		m = n - c0 < AUG_CHUNK ? n - c0 : AUG_CHUNK;
		run = run_of_known(a->bs, rows, m);
		for (k = 0; k < a->nc; k++) {
			const struct binned_col *c = &a->bs->col[k];
			const double *wk = a->woe[k];
			double *xk = x + c0 * p + k + 1;

			if (run && !c->wide) {
				const uint8_t *kn = (const uint8_t *)c->known +
				    rows[0];

				for (r = 0; r < m; r++)
					xk[r * p] = wk[kn[r]];
			} else if (run) {
				const uint16_t *kn = (const uint16_t *)c->known +
				    rows[0];

				for (r = 0; r < m; r++)
					xk[r * p] = wk[kn[r]];
			} else {
				rows_bins(a->bs, k, rows, m, b);
				for (r = 0; r < m; r++)
					xk[r * p] = wk[b[r]];
			}
		}
	}
}

/*
 * eta[n] = X beta of the augmented design: per characteristic the
 * products WoE x beta_k of its bins, looked up and summed per row in
 * column order from 0 + 1 x beta_0, as logit.c sums a row (the same
 * value to the bit: each row's additions in the same order, made a
 * characteristic at a time over a run of rows).
 */
static void
aug_design_predict(const void *ctx, const double *beta, size_t n,
	double *eta)
{
	const struct aug_design *a = ctx;
	double **t = xmalloc((a->nc > 0 ? a->nc : 1) * sizeof *t);
	size_t i, k, b, nb, r, m;
	unsigned bins[AUG_CHUNK];

	for (k = 0; k < a->nc; k++) {
		nb = a->nbins[k];
		t[k] = xmalloc((nb + 1) * sizeof **t);
		for (b = 0; b <= nb; b++)
			t[k][b] = a->woe[k][b] * beta[k + 1];
	}
	for (i = 0; i < n; i += m) {
		const size_t *rows = a->rows + i;
		double *e = eta + i;
		int run;

		m = n - i < AUG_CHUNK ? n - i : AUG_CHUNK;
		run = run_of_known(a->bs, rows, m);
		for (r = 0; r < m; r++) {
			e[r] = 0;
			e[r] += 1 * beta[0];
		}
		for (k = 0; k < a->nc; k++) {
			const struct binned_col *c = &a->bs->col[k];
			const double *tk = t[k];

			if (run && !c->wide) {
				const uint8_t *kn = (const uint8_t *)c->known +
				    rows[0];

				for (r = 0; r < m; r++)
					e[r] += tk[kn[r]];
			} else if (run) {
				const uint16_t *kn = (const uint16_t *)c->known +
				    rows[0];

				for (r = 0; r < m; r++)
					e[r] += tk[kn[r]];
			} else {
				rows_bins(a->bs, k, rows, m, bins);
				for (r = 0; r < m; r++)
					e[r] += tk[bins[r]];
			}
		}
	}
	for (k = 0; k < a->nc; k++)
		free(t[k]);
	free(t);
}

/* logit_rows vouch: every WoE finite, and a WoE column is all ones only
   when a bin's WoE is exactly 1, which is left to the rows to say. */
static int
aug_design_vouch(const void *ctx, int *ones)
{
	const struct aug_design *a = ctx;
	size_t k, b;

	ones[0] = 1;
	for (k = 0; k < a->nc; k++) {
		for (b = 0; b <= a->nbins[k]; b++)
			if (!isfinite(a->woe[k][b]) || a->woe[k][b] == 1)
				return -1;
		ones[k + 1] = 0;
	}
	return 0;
}

/*
 * A copy of design (its bins, WoE and scaling) named name, population
 * bs->table, with the coefficients of the weighted WoE logistic
 * regression over rows[n] of bs (outcomes y[n], weights w[n], NULL: 1);
 * its development statistics on bs's rows.  Returns the card (card_free)
 * or NULL with err (logit_fit's, card_set_coefficients_binned's).
 */
static struct scorecard *
refit_design(const struct scorecard *design, const struct binned_sample *bs,
	const size_t *rows, const signed char *yv, const double *w, size_t n,
	const char *name, const struct logit_spec *ls, struct rd_err *err)
{
	size_t p = design->nchars + 1, nc = design->nchars, i, k;
	double *y = xmalloc((n ? n : 1) * sizeof *y);
	const char **names = xmalloc(p * sizeof *names);
	double **woe = xmalloc((nc > 0 ? nc : 1) * sizeof *woe);
	size_t *nbins = xmalloc((nc > 0 ? nc : 1) * sizeof *nbins);
	struct aug_design ad = { nc, bs, rows, NULL, nbins };
	struct logit_rows src = { p, aug_design_row, &ad, aug_design_rows,
		aug_design_predict, NULL, aug_design_vouch };
	struct logit_result res;
	struct scorecard *card;
	char *text;
	int rc;

	names[0] = "(Intercept)";
	for (k = 0; k < nc; k++) {
		const struct characteristic *ch = design->chars[k].ch;
		size_t b;

		names[k + 1] = ch->name;
		nbins[k] = ch->nbins;
		woe[k] = xmalloc((ch->nbins + 1) * sizeof **woe);
		woe[k][0] = woe_of(design, k, -1);
		for (b = 0; b < ch->nbins; b++)
			woe[k][b + 1] = woe_of(design, k, (int)b);
	}
	ad.woe = (const double *const *)woe;
	for (i = 0; i < n; i++)
		y[i] = yv[i];
	memset(&res, 0, sizeof res);
	/* Row by row from the bins: no n x p array (logit_fit_rows). */
	rc = logit_fit_rows(&src, y, w, n, names, ls, &res, err);
	for (k = 0; k < nc; k++)
		free(woe[k]);
	free(woe);
	free(nbins);
	free(y);
	free(names);
	if (rc != 0)
		return NULL;
	text = card_serialize(design);
	card = card_parse(text, err);
	free(text);
	if (card != NULL) {
		free(card->name);
		card->name = xstrdup(name);
		free(card->population);
		card->population = xstrdup(bs->table);
		if (card_set_coefficients_binned(card, &res, bs, err) != 0) {
			card_free(card);
			card = NULL;
		}
	}
	logit_result_done(&res);
	return card;
}

size_t
infer_coef_term(const struct scorecard *a, const struct scorecard *b)
{
	double d = fabs(a->intercept - b->intercept);
	size_t k, t = 0;

	for (k = 0; k < a->nchars; k++)
		if (fabs(a->chars[k].coef - b->chars[k].coef) > d) {
			d = fabs(a->chars[k].coef - b->chars[k].coef);
			t = k + 1;
		}
	return t;
}

/* A term's coefficient: the intercept for term 0, else chars[term - 1]'s
   (infer_coef_term). */
static double
term_coef(const struct scorecard *c, size_t term)
{
	return term == 0 ? c->intercept : c->chars[term - 1].coef;
}

/* max |b_a - b_b| over the intercept and every coefficient of two cards
   of one design. */
static double
coef_diff(const struct scorecard *a, const struct scorecard *b)
{
	size_t t = infer_coef_term(a, b);

	return fabs(term_coef(a, t) - term_coef(b, t));
}

/* The benchmark's change of the KGB refitted on the kept accepts mk:
   out's kgb_coef_diff, its term and both coefficients. */
static void
masked_change(const struct scorecard *kgb, const struct scorecard *mk,
	struct infer_benchmark *out)
{
	size_t t = infer_coef_term(kgb, mk);

	out->kgb_coef_diff = coef_diff(kgb, mk);
	free(out->kgb_coef_term);
	out->kgb_coef_term = xstrdup(t == 0 ? "(Intercept)" :
	    kgb->chars[t - 1].ch->name);
	out->kgb_coef_from = term_coef(kgb, t);
	out->kgb_coef_to = term_coef(mk, t);
}

/*
 * The refit of the KGB design on the augmented set of r, its steps
 * started from the KGB's coefficients: the augmented set's estimate is
 * near them (fuzzy augmentation without a factor has it there), so a
 * step or two reach it where R's start takes some seven.
 */
static int
refit(const struct scorecard *kgb, const struct binned_sample *bs,
	const char *name, const struct infer_spec *spec,
	struct infer_result *r, struct rd_err *err)
{
	struct logit_spec ls = spec->logit;
	double *b0 = xmalloc((kgb->nchars + 1) * sizeof *b0);
	size_t k;
	int finite = isfinite(kgb->intercept);

	b0[0] = kgb->intercept;
	for (k = 0; k < kgb->nchars; k++) {
		b0[k + 1] = kgb->chars[k].coef;
		finite = finite && isfinite(b0[k + 1]);
	}
	if (finite)
		ls.start = b0;
	r->card = refit_design(kgb, bs, r->rows, r->y, r->w, r->n, name,
	    &ls, err);
	free(b0);
	if (r->card == NULL)
		return -1;
	r->coef_diff = coef_diff(kgb, r->card);
	r->reproduces = r->coef_diff <= spec->same_tol;
	return 0;
}

/* out as infer_run starts it. */
static void
result_start(struct infer_result *out, const struct infer_spec *spec)
{
	memset(out, 0, sizeof *out);
	out->method = spec->method;
	out->cutoff_pd = NAN;
	out->asked_bad_rate = NAN;
	out->max_factor = NAN;
}

int
infer_run_binned(const struct scorecard *kgb, const struct binned_sample *bs,
	const char *name, const struct infer_spec *spec,
	struct infer_result *out, struct rd_err *err)
{
	struct scored sc;
	size_t i, k, cap = 0;
	int rc = -1;

	result_start(out, spec);
	memset(&sc, 0, sizeof sc);
	if (infer_spec_check(spec, err) != 0 ||
	    need_rejects_binned(bs, err) != 0)
		return -1;
	if (bs->k != kgb->nchars || bs->oreject == NULL)
		return rd_err_set(err, RD_EINPUT, "the binned sample of table "
		    "\"%s\" is not of scorecard \"%s\" with its rejects",
		    bs->table, kgb->name);
	sc.kgb = kgb;
	sc.bs = bs;
	sc.nall = bs->n + bs->nother;
	make_bands(&sc, spec->bands);
	out->nbands = sc.ncuts + 1;
	out->bands = xcalloc(out->nbands, sizeof *out->bands);
	for (k = 0; k < out->nbands; k++) {
		out->bands[k].lo = k == 0 ? -INFINITY : sc.cuts[k - 1];
		out->bands[k].hi = k == sc.ncuts ? INFINITY : sc.cuts[k];
	}
	/* The rejects' mean p in row order, over all rows as before. */
	for (i = 0; i < sc.nall; i++) {
		struct infer_band *b;

		if (row_reject(&sc, i)) {
			b = &out->bands[row_band(&sc, i)];
			b->rejects++;
			out->rejects++;
			out->reject_pd_kgb += expit(row_eta(&sc, i));
		} else if (row_accept(&sc, i)) {
			b = &out->bands[row_band(&sc, i)];
			b->accepts++;
			b->bads += bs->y[i] == DS_BAD;
		}
	}
	out->reject_pd_kgb /= (double)out->rejects;
	for (k = 0; k < out->nbands; k++) {
		struct infer_band *b = &out->bands[k];

		b->bad_rate = b->accepts ? (double)b->bads /
		    (double)b->accepts : NAN;
		out->accepts += b->accepts;
		out->accept_bads += b->bads;
	}
	out->accept_bad_rate = (double)out->accept_bads /
	    (double)out->accepts;

	/* The augmented set's rows are known now: its arrays made to size
	   (no doubling's spare room). */
	cap = bs->n + (spec->method == INFER_FUZZY ? 2 * out->rejects :
	    spec->method == INFER_REWEIGHTING ? 0 : out->rejects);
	cap = cap > 0 ? cap : 1;
	out->rows = xreallocarray(NULL, cap, sizeof *out->rows);
	out->y = xreallocarray(NULL, cap, sizeof *out->y);
	out->w = xreallocarray(NULL, cap, sizeof *out->w);
	out->is_reject = xreallocarray(NULL, cap, sizeof *out->is_reject);
	/* The accepts, in row order: weight 1, or the band's inverse
	   acceptance rate when reweighting. */
	for (i = 0; i < bs->n; i++) {
		double w = 1;

		if (spec->method == INFER_REWEIGHTING) {
			struct infer_band *b = &out->bands[row_band(&sc, i)];

			w = (double)(b->accepts + b->rejects) /
			    (double)b->accepts;
		}
		add_row(out, &cap, i, bs->y[i] == DS_BAD, w, 0);
	}
	switch (spec->method) {
	case INFER_HARD_CUTOFF:
		hard_cutoff(&sc, spec, out, &cap);
		break;
	case INFER_FUZZY:
		if (fuzzy(&sc, spec, out, &cap, err) != 0)
			goto done;
		break;
	case INFER_PARCELING:
		parceling(&sc, spec, out, &cap);
		break;
	case INFER_REWEIGHTING: {
		double sum = 0;

		for (k = 0; k < out->nbands; k++) {
			struct infer_band *b = &out->bands[k];

			b->weight = (double)(b->accepts + b->rejects) /
			    (double)b->accepts;
			b->reject_bads = b->bad_rate * (double)b->rejects;
			sum += b->reject_bads;
		}
		out->reject_bad_rate = sum / (double)out->rejects;
		break;
	}
	}
	out->ttd_bad_rate = ((double)out->accept_bads + (double)out->rejects *
	    out->reject_bad_rate) / (double)(out->accepts + out->rejects);
	if (refit(kgb, bs, name, spec, out, err) != 0)
		goto done;
	rc = 0;
done:
	free(sc.cuts);
	if (rc != 0)
		infer_result_done(out);
	return rc;
}

int
infer_run(const struct scorecard *kgb, const struct dataset *ds,
	const char *name, const struct infer_spec *spec,
	struct infer_result *out, struct rd_err *err)
{
	struct characteristic **chars;
	struct binned_sample bs;
	size_t *at = NULL, i, nk = 0, no = 0;
	int rc = -1;

	result_start(out, spec);
	if (infer_spec_check(spec, err) != 0 || need_rejects(ds, err) != 0)
		return -1;
	chars = xmalloc((kgb->nchars > 0 ? kgb->nchars : 1) * sizeof *chars);
	for (i = 0; i < kgb->nchars; i++)
		chars[i] = kgb->chars[i].ch;
	binned_init(&bs, ds->table, chars, kgb->nchars);
	bs.keep_reject = 1;
	if (card_binned_append(&bs, ds, chars, err) != 0)
		goto done;
	if (infer_run_binned(kgb, &bs, name, spec, out, err) != 0)
		goto done;
	/* The rows of the augmented set back into ds's row numbers. */
	at = xmalloc((ds->nrows ? ds->nrows : 1) * sizeof *at);
	for (i = 0; i < ds->nrows; i++)
		if (ds->y[i] == DS_GOOD || ds->y[i] == DS_BAD)
			at[nk++] = i;
	for (i = 0; i < ds->nrows; i++)
		if (!(ds->y[i] == DS_GOOD || ds->y[i] == DS_BAD))
			at[nk + no++] = i;
	for (i = 0; i < out->n; i++)
		out->rows[i] = at[out->rows[i]];
	rc = 0;
done:
	free(at);
	free(chars);
	binned_done(&bs);
	return rc;
}

/* ------------------------------------------------- scored dataset */

/* A dataset scored by the KGB scorecard, for the comparison and the
   benchmark, which see every row of their dataset. */
struct scored_ds {
	const struct dataset *ds;
	double *score;		/* [nrows] rounded KGB score */
	double *eta;		/* [nrows] KGB log-odds of bad (unrounded) */
	size_t *band;		/* [nrows] */
	double *cuts;
	size_t ncuts;
};

/*
 * Score ds with card: rounded scores, the model's log-odds of bad, and
 * the bins (bin[nrows * nchars] as card_bins16 gives them: bin + 1,
 * caller frees).  Returns 0 or -1.
 */
static int
score_rows(const struct scorecard *card, const struct dataset *ds,
	double *score, double *eta, uint16_t **binp, struct rd_err *err)
{
	size_t nc = card->nchars, i, k;
	uint16_t *bin = xmalloc((ds->nrows * nc > 0 ? ds->nrows * nc : 1) *
	    sizeof *bin);

	if (card_score(card, ds, score, NULL, err) != 0 ||
	    card_bins16(card, ds, bin, err) != 0) {
		free(bin);
		return -1;
	}
	for (i = 0; i < ds->nrows; i++) {
		double e = card->intercept;

		for (k = 0; k < nc; k++)
			e += card->chars[k].coef * woe_of(card, k,
			    (int)bin[i * nc + k] - 1);
		eta[i] = e;
	}
	*binp = bin;
	return 0;
}

/* Bands of the accepts' scores, and each row's band. */
static void
make_bands_ds(struct scored_ds *sc, size_t nb)
{
	const struct dataset *ds = sc->ds;
	double *s = xmalloc((ds->nrows ? ds->nrows : 1) * sizeof *s);
	size_t i, m = 0;

	for (i = 0; i < ds->nrows; i++)
		if (is_accept(ds, i))
			s[m++] = sc->score[i];
	band_cuts(s, m, nb, &sc->cuts, &sc->ncuts);
	free(s);
	sc->band = xmalloc((ds->nrows ? ds->nrows : 1) * sizeof *sc->band);
	for (i = 0; i < ds->nrows; i++)
		sc->band[i] = band_of(sc->cuts, sc->ncuts, sc->score[i]);
}

static void
scored_ds_done(struct scored_ds *sc)
{
	free(sc->score);
	free(sc->eta);
	free(sc->band);
	free(sc->cuts);
}


/* --------------------------------------------------------- comparison */

void
infer_comparison_done(struct infer_comparison *c)
{
	size_t k;

	if (c == NULL)
		return;
	for (k = 0; k < c->nchars; k++)
		free(c->chars[k].name);
	free(c->bands);
	free(c->chars);
	memset(c, 0, sizeof *c);
}

static int
cmp_char(const void *a, const void *b)
{
	const struct infer_cmp_char *x = a, *y = b;

	if (x->woe_change != y->woe_change)
		return x->woe_change < y->woe_change ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Whether inf has kgb's characteristics and bins, in order. */
static int
same_design(const struct scorecard *kgb, const struct scorecard *inf)
{
	size_t k;

	if (kgb->nchars != inf->nchars)
		return 0;
	for (k = 0; k < kgb->nchars; k++)
		if (strcmp(kgb->chars[k].ch->name, inf->chars[k].ch->name) !=
		    0 || kgb->chars[k].ch->nbins != inf->chars[k].ch->nbins)
			return 0;
	return 1;
}

/* bin + 1 of row i under characteristic k: of a card_bins16 array
   (ctx: struct bins16), or of a binned sample (ctx: the sample). */
struct bins16 {
	const uint16_t *bin;
	size_t nc;
};

static unsigned
bin_of16(const void *ctx, size_t i, size_t k)
{
	const struct bins16 *b = ctx;

	return b->bin[i * b->nc + k];
}

static unsigned
bin_of_sample(const void *ctx, size_t i, size_t k)
{
	return row_bin(ctx, k, i);
}

/* The comparison's characteristics: WoE on the augmented set. */
static void
compare_chars(const struct scorecard *kgb, const struct scorecard *inf,
	unsigned (*bin_of)(const void *, size_t, size_t), const void *ctx,
	const size_t *rows, const signed char *y, const double *w, size_t n,
	struct infer_comparison *out)
{
	size_t nc = kgb->nchars, i, k, b;

	out->nchars = nc;
	out->chars = xcalloc(nc ? nc : 1, sizeof *out->chars);
	for (k = 0; k < nc; k++) {
		const struct characteristic *ch = kgb->chars[k].ch;
		struct infer_cmp_char *c = &out->chars[k];
		double *g = xcalloc(ch->nbins + 1, sizeof *g);
		double *bd = xcalloc(ch->nbins + 1, sizeof *bd);
		double G = 0, B = 0;

		c->name = xstrdup(ch->name);
		c->coef_kgb = kgb->chars[k].coef;
		c->coef_inf = inf->chars[k].coef;
		for (i = 0; i < n; i++) {
			int bb = (int)bin_of(ctx, rows[i], k) - 1;

			if (bb < 0)
				continue;
			if (y[i])
				bd[bb] += w[i];
			else
				g[bb] += w[i];
		}
		for (b = 0; b < ch->nbins; b++) {
			G += g[b];
			B += bd[b];
		}
		for (b = 0; b < ch->nbins; b++) {
			double gb = g[b], bb = bd[b], woe, d, pts;

			if (gb == 0 && bb == 0)
				woe = 0;
			else {
				if (gb == 0 || bb == 0) {
					gb += 0.5;
					bb += 0.5;
				}
				woe = log((gb / G) / (bb / B));
			}
			d = fabs(woe - ch->bins[b].woe);
			if (b == 0 || d > c->woe_change) {
				c->woe_change = d;
				c->worst_bin = b;
				c->woe_kgb = ch->bins[b].woe;
				c->woe_aug = woe;
			}
			pts = fabs(inf->chars[k].points[b] -
			    kgb->chars[k].points[b]);
			if (pts > c->points_change)
				c->points_change = pts;
		}
		free(g);
		free(bd);
	}
	qsort(out->chars, nc, sizeof *out->chars, cmp_char);
}

int
infer_compare(const struct scorecard *kgb, const struct scorecard *inf,
	const struct dataset *ds, const size_t *rows, const signed char *y,
	const double *w, size_t n, const struct infer_spec *spec,
	double cutoff, struct infer_comparison *out, struct rd_err *err)
{
	struct scored_ds sc;
	size_t nr = ds->nrows, i, k;
	double *s2 = NULL, *pd1 = NULL, *pd2 = NULL, *sum_s1 = NULL;
	double *sum_s2 = NULL, *sum_p1 = NULL, *sum_p2 = NULL;
	uint16_t *bin = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(&sc, 0, sizeof sc);
	if (need_rejects(ds, err) != 0)
		return -1;
	if (!same_design(kgb, inf))
		return rd_err_set(err, RD_EINPUT, "scorecards \"%s\" and \"%s\" "
		    "have other characteristics or bins: the comparison needs "
		    "an inferred scorecard of the KGB's design", kgb->name,
		    inf->name);
	sc.ds = ds;
	sc.score = xmalloc((nr ? nr : 1) * sizeof *sc.score);
	sc.eta = xmalloc((nr ? nr : 1) * sizeof *sc.eta);
	s2 = xmalloc((nr ? nr : 1) * sizeof *s2);
	pd1 = xmalloc((nr ? nr : 1) * sizeof *pd1);
	pd2 = xmalloc((nr ? nr : 1) * sizeof *pd2);
	if (score_rows(kgb, ds, sc.score, sc.eta, &bin, err) != 0 ||
	    card_score(kgb, ds, sc.score, pd1, err) != 0 ||
	    card_score(inf, ds, s2, pd2, err) != 0)
		goto done;
	for (i = 0; i < n; i++)
		if (rows[i] >= nr) {
			rd_err_set(err, RD_EINPUT, "the augmented set names row "
			    "%zu of a table of %zu rows: the population changed "
			    "since the inference; run infer again", rows[i] + 1,
			    nr);
			goto done;
		}
	make_bands_ds(&sc, spec->bands);
	out->nbands = sc.ncuts + 1;
	out->bands = xcalloc(out->nbands, sizeof *out->bands);
	sum_s1 = xcalloc(out->nbands, sizeof *sum_s1);
	sum_s2 = xcalloc(out->nbands, sizeof *sum_s2);
	sum_p1 = xcalloc(out->nbands, sizeof *sum_p1);
	sum_p2 = xcalloc(out->nbands, sizeof *sum_p2);
	out->has_swap = !isnan(cutoff);
	out->cutoff = cutoff;
	for (i = 0; i < nr; i++) {
		struct infer_cmp_band *b = &out->bands[sc.band[i]];
		size_t bi = sc.band[i];

		b->applicants++;
		sum_s1[bi] += sc.score[i];
		sum_s2[bi] += s2[i];
		if (ds->reject[i]) {
			b->rejects++;
			out->rejects++;
			sum_p1[bi] += pd1[i];
			sum_p2[bi] += pd2[i];
			out->reject_pd_kgb += pd1[i];
			out->reject_pd_inf += pd2[i];
		} else if (ds->y[i] != DS_INDET) {
			b->accepts++;
			out->accepts++;
			out->accept_bads += ds->y[i] == DS_BAD;
		}
		if (out->has_swap) {
			int a1 = sc.score[i] >= cutoff, a2 = s2[i] >= cutoff;

			out->both += a1 && a2;
			out->neither += !a1 && !a2;
			out->swap_in += !a1 && a2;
			out->swap_out += a1 && !a2;
			out->swap_in_rejects += !a1 && a2 && ds->reject[i];
			out->swap_out_rejects += a1 && !a2 && ds->reject[i];
		}
	}
	out->accept_bad_rate = (double)out->accept_bads / (double)out->accepts;
	out->ttd_kgb = ((double)out->accept_bads + out->reject_pd_kgb) /
	    (double)(out->accepts + out->rejects);
	out->ttd_inf = ((double)out->accept_bads + out->reject_pd_inf) /
	    (double)(out->accepts + out->rejects);
	out->reject_pd_kgb /= (double)out->rejects;
	out->reject_pd_inf /= (double)out->rejects;
	{
		double rw = 0, rb = 0, aw = 0, ab = 0;
		double ar = (double)(out->accepts + out->rejects);

		for (i = 0; i < n; i++) {
			if (ds->reject[rows[i]]) {
				rw += w[i];
				rb += y[i] ? w[i] : 0;
			} else {
				aw += w[i];
				ab += y[i] ? w[i] : 0;
			}
		}
		if (rw > 0) {
			out->reject_aug = rb / rw;
			out->ttd_aug = ((double)out->accept_bads +
			    (double)out->rejects * out->reject_aug) / ar;
		} else {
			out->ttd_aug = aw > 0 ? ab / aw : NAN;
			out->reject_aug = (out->ttd_aug * ar -
			    (double)out->accept_bads) / (double)out->rejects;
		}
	}
	out->change = fabs(out->reject_pd_inf - out->reject_pd_kgb) /
	    out->reject_pd_kgb;
	out->little = out->change <= spec->little;
	for (k = 0; k < out->nbands; k++) {
		struct infer_cmp_band *b = &out->bands[k];
		double m = (double)b->applicants;

		b->lo = k == 0 ? -INFINITY : sc.cuts[k - 1];
		b->hi = k == sc.ncuts ? INFINITY : sc.cuts[k];
		b->score_kgb = m > 0 ? sum_s1[k] / m : NAN;
		b->score_inf = m > 0 ? sum_s2[k] / m : NAN;
		b->shift = b->score_inf - b->score_kgb;
		b->reject_pd_kgb = b->rejects ? sum_p1[k] /
		    (double)b->rejects : NAN;
		b->reject_pd_inf = b->rejects ? sum_p2[k] /
		    (double)b->rejects : NAN;
	}
	{
		struct bins16 b16;

		b16.bin = bin;
		b16.nc = kgb->nchars;
		compare_chars(kgb, inf, bin_of16, &b16, rows, y, w, n, out);
	}
	rc = 0;
done:
	free(bin);
	free(s2);
	free(pd1);
	free(pd2);
	free(sum_s1);
	free(sum_s2);
	free(sum_p1);
	free(sum_p2);
	scored_ds_done(&sc);
	if (rc != 0)
		infer_comparison_done(out);
	return rc;
}

int
infer_compare_binned(const struct scorecard *kgb,
	const struct scorecard *inf, const struct binned_sample *bs,
	size_t (*next)(void *), void *next_ctx, const size_t *rows,
	const signed char *y, const double *w, size_t n,
	const struct infer_spec *spec, double cutoff,
	struct infer_comparison *out, struct rd_err *err)
{
	struct scored sc;
	size_t nr = bs->n + bs->nother, t, i, k;
	double *sum_s1 = NULL, *sum_s2 = NULL, *sum_p1 = NULL;
	double *sum_p2 = NULL;

	memset(out, 0, sizeof *out);
	memset(&sc, 0, sizeof sc);
	if (need_rejects_binned(bs, err) != 0)
		return -1;
	if (!same_design(kgb, inf))
		return rd_err_set(err, RD_EINPUT, "scorecards \"%s\" and \"%s\" "
		    "have other characteristics or bins: the comparison needs "
		    "an inferred scorecard of the KGB's design", kgb->name,
		    inf->name);
	if (bs->k != kgb->nchars || bs->oreject == NULL)
		return rd_err_set(err, RD_EINPUT, "the binned sample of table "
		    "\"%s\" is not of scorecard \"%s\" with its rejects",
		    bs->table, kgb->name);
	for (i = 0; i < n; i++)
		if (rows[i] >= nr)
			return rd_err_set(err, RD_EINPUT, "the augmented set "
			    "names row %zu of a table of %zu rows: the "
			    "population changed since the inference; run infer "
			    "again", rows[i] + 1, nr);
	sc.kgb = kgb;
	sc.bs = bs;
	sc.nall = nr;
	make_bands(&sc, spec->bands);
	out->nbands = sc.ncuts + 1;
	out->bands = xcalloc(out->nbands, sizeof *out->bands);
	sum_s1 = xcalloc(out->nbands, sizeof *sum_s1);
	sum_s2 = xcalloc(out->nbands, sizeof *sum_s2);
	sum_p1 = xcalloc(out->nbands, sizeof *sum_p1);
	sum_p2 = xcalloc(out->nbands, sizeof *sum_p2);
	out->has_swap = !isnan(cutoff);
	out->cutoff = cutoff;
	/* Every row in table order, as infer_compare's loop over ds. */
	for (t = 0; t < nr; t++) {
		size_t r = next != NULL ? next(next_ctx) : t, bi;
		struct infer_cmp_band *b;
		double s1 = row_score(&sc, r), s2 = inf->base_points;
		int rej = row_reject(&sc, r);

		for (k = 0; k < inf->nchars; k++) {
			unsigned bb = row_bin(bs, k, r);

			if (bb > 0)
				s2 += inf->chars[k].points[bb - 1];
		}
		bi = band_of(sc.cuts, sc.ncuts, s1);
		b = &out->bands[bi];
		b->applicants++;
		sum_s1[bi] += s1;
		sum_s2[bi] += s2;
		if (rej) {
			double p1 = card_pd(kgb, s1), p2 = card_pd(inf, s2);

			b->rejects++;
			out->rejects++;
			sum_p1[bi] += p1;
			sum_p2[bi] += p2;
			out->reject_pd_kgb += p1;
			out->reject_pd_inf += p2;
		} else if (row_accept(&sc, r)) {
			b->accepts++;
			out->accepts++;
			out->accept_bads += bs->y[r] == DS_BAD;
		}
		if (out->has_swap) {
			int a1 = s1 >= cutoff, a2 = s2 >= cutoff;

			out->both += a1 && a2;
			out->neither += !a1 && !a2;
			out->swap_in += !a1 && a2;
			out->swap_out += a1 && !a2;
			out->swap_in_rejects += !a1 && a2 && rej;
			out->swap_out_rejects += a1 && !a2 && rej;
		}
	}
	out->accept_bad_rate = (double)out->accept_bads / (double)out->accepts;
	out->ttd_kgb = ((double)out->accept_bads + out->reject_pd_kgb) /
	    (double)(out->accepts + out->rejects);
	out->ttd_inf = ((double)out->accept_bads + out->reject_pd_inf) /
	    (double)(out->accepts + out->rejects);
	out->reject_pd_kgb /= (double)out->rejects;
	out->reject_pd_inf /= (double)out->rejects;
	{
		double rw = 0, rb = 0, aw = 0, ab = 0;
		double ar = (double)(out->accepts + out->rejects);

		for (i = 0; i < n; i++) {
			if (row_reject(&sc, rows[i])) {
				rw += w[i];
				rb += y[i] ? w[i] : 0;
			} else {
				aw += w[i];
				ab += y[i] ? w[i] : 0;
			}
		}
		if (rw > 0) {
			out->reject_aug = rb / rw;
			out->ttd_aug = ((double)out->accept_bads +
			    (double)out->rejects * out->reject_aug) / ar;
		} else {
			out->ttd_aug = aw > 0 ? ab / aw : NAN;
			out->reject_aug = (out->ttd_aug * ar -
			    (double)out->accept_bads) / (double)out->rejects;
		}
	}
	out->change = fabs(out->reject_pd_inf - out->reject_pd_kgb) /
	    out->reject_pd_kgb;
	out->little = out->change <= spec->little;
	for (k = 0; k < out->nbands; k++) {
		struct infer_cmp_band *b = &out->bands[k];
		double m = (double)b->applicants;

		b->lo = k == 0 ? -INFINITY : sc.cuts[k - 1];
		b->hi = k == sc.ncuts ? INFINITY : sc.cuts[k];
		b->score_kgb = m > 0 ? sum_s1[k] / m : NAN;
		b->score_inf = m > 0 ? sum_s2[k] / m : NAN;
		b->shift = b->score_inf - b->score_kgb;
		b->reject_pd_kgb = b->rejects ? sum_p1[k] /
		    (double)b->rejects : NAN;
		b->reject_pd_inf = b->rejects ? sum_p2[k] /
		    (double)b->rejects : NAN;
	}
	compare_chars(kgb, inf, bin_of_sample, bs, rows, y, w, n, out);
	free(sum_s1);
	free(sum_s2);
	free(sum_p1);
	free(sum_p2);
	free(sc.cuts);
	return 0;
}

/* ---------------------------------------------------------- benchmark */

void
infer_benchmark_done(struct infer_benchmark *b)
{
	size_t k;

	if (b == NULL)
		return;
	for (k = 0; k < b->nbands; k++) {
		free(b->bands[k].est);
		free(b->bands[k].card);
	}
	free(b->bands);
	free(b->methods);
	free(b->kgb_coef_term);
	memset(b, 0, sizeof *b);
}

/* Put what before err's message (the step that failed). */
static void
err_prefix(struct rd_err *err, const char *what)
{
	size_t l = strlen(what), m;

	if (err == NULL || l >= sizeof err->msg)
		return;
	m = strlen(err->msg);
	if (l + m >= sizeof err->msg)
		m = sizeof err->msg - 1 - l;	/* the end is cut */
	memmove(err->msg + l, err->msg, m);
	memcpy(err->msg, what, l);
	err->msg[l + m] = '\0';
}

/*
 * Mask the lowest-scoring share of the accepts of ds under score[]:
 * masked[i] 1 for a pseudo-reject.  Fills out's counts and cutoff.
 */
static int
mask_accepts(const struct dataset *ds, const double *score, double share,
	unsigned char *masked, struct infer_benchmark *out,
	struct rd_err *err)
{
	struct pref *v = xmalloc((ds->nrows ? ds->nrows : 1) * sizeof *v);
	size_t i, m = 0, best;
	double want;

	/* By p = -score descending: the score ascending, ties by row. */
	for (i = 0; i < ds->nrows; i++)
		if (is_accept(ds, i)) {
			v[m].p = -score[i];
			v[m].row = i;
			out->accept_bads += ds->y[i] == DS_BAD;
			m++;
		}
	out->accepts = m;
	qsort(v, m, sizeof *v, cmp_pref);
	want = round_half(share * (double)m);
	/* A score's accepts masked whole or not at all, one kept. */
	best = m > 0 ? group_cut(v, m, want, m - 1) : 0;
	if (best == 0) {
		free(v);
		return rd_err_set(err, RD_EINPUT, "--masked %g masks no "
		    "accept: the %zu lowest-scoring of %zu accepts wanted, "
		    "but the lowest score is shared by more (a score's "
		    "accepts are masked whole); give a larger share", share,
		    (size_t)want, m);
	}
	for (i = 0; i < best; i++) {
		masked[v[i].row] = 1;
		out->masked_bads += ds->y[v[i].row] == DS_BAD;
	}
	out->masked = best;
	out->cutoff = -v[best].p;
	out->kept = m - best;
	out->kept_bads = out->accept_bads - out->masked_bads;
	free(v);
	if (out->kept_bads == 0 || out->kept_bads == out->kept)
		return rd_err_set(err, RD_EINPUT, "--masked %g leaves no %s "
		    "among the %zu accepts kept: the KGB cannot be refitted; "
		    "give a smaller share", share, out->kept_bads == 0 ?
		    "bads" : "goods", out->kept);
	return 0;
}

/*
 * The masked KGB: kgb's bins with WoE from the kept accepts of dsm
 * (bin[] their bins under kgb), refitted on them.
 */
static struct scorecard *
masked_kgb(const struct scorecard *kgb, const struct dataset *dsm,
	const uint16_t *bin, const struct logit_spec *ls, struct rd_err *err)
{
	size_t nc = kgb->nchars, i, k, n = 0, *rows;
	char *text = card_serialize(kgb);
	struct scorecard *design = card_parse(text, err), *card = NULL;
	struct characteristic **chars;
	struct binned_sample smp;
	struct bin_spec bs;
	signed char *y;

	free(text);
	if (design == NULL)
		return NULL;
	chars = xmalloc((nc > 0 ? nc : 1) * sizeof *chars);
	bin_spec_init(&bs);
	for (k = 0; k < nc; k++) {
		struct characteristic *ch = design->chars[k].ch;
		size_t b;

		for (b = 0; b < ch->nbins; b++)
			ch->bins[b].count = ch->bins[b].goods =
			    ch->bins[b].bads = 0;
		ch->goods = ch->bads = 0;
		for (i = 0; i < dsm->nrows; i++) {
			int bb = (int)bin[i * nc + k] - 1;

			if (dsm->y[i] == DS_INDET || bb < 0)
				continue;
			ch->bins[bb].count++;
			if (dsm->y[i] == DS_BAD) {
				ch->bins[bb].bads++;
				ch->bads++;
			} else {
				ch->bins[bb].goods++;
				ch->goods++;
			}
		}
		bin_woe(ch, &bs);
	}
	/* The known rows, in row order, are the binned sample's known
	   part. */
	for (k = 0; k < nc; k++)
		chars[k] = design->chars[k].ch;
	binned_init(&smp, dsm->table, chars, nc);
	smp.keep_reject = 1;
	if (card_binned_append(&smp, dsm, chars, err) == 0) {
		n = smp.n;
		rows = xmalloc((n ? n : 1) * sizeof *rows);
		y = xmalloc(n ? n : 1);
		for (i = 0; i < n; i++) {
			rows[i] = i;
			y[i] = smp.y[i] == DS_BAD;
		}
		card = refit_design(design, &smp, rows, y, NULL, n, kgb->name,
		    ls, err);
		free(rows);
		free(y);
	}
	binned_done(&smp);
	free(chars);
	card_free(design);
	if (card == NULL)
		err_prefix(err, "refitting the KGB on the kept accepts: ");
	return card;
}

/* Mean over the pseudo-rejects per band and in all of x[] (NaN left
   out of nothing: every pseudo-reject has a value). */
static double
bench_band_means(const struct infer_benchmark *b, const size_t *band,
	const unsigned char *masked, size_t nrows, const double *x,
	double *mean)
{
	size_t i, k;
	double all = 0, err = 0;

	for (k = 0; k < b->nbands; k++)
		mean[k] = 0;
	for (i = 0; i < nrows; i++)
		if (masked[i]) {
			mean[band[i]] += x[i];
			all += x[i];
		}
	for (k = 0; k < b->nbands; k++) {
		const struct infer_bench_band *bb = &b->bands[k];

		mean[k] /= (double)bb->n;
		err += (double)bb->n * fabs(mean[k] - bb->bad_rate);
	}
	mean[b->nbands] = err / (double)b->masked;
	return all / (double)b->masked;
}

/* P(bad) of every row under card (the model's, unrounded), and the AUC
   of its log-odds on the pseudo-rejects. */
static int
bench_pd(const struct scorecard *card, const struct dataset *ds,
	const unsigned char *masked, double *pd, double *auc,
	struct rd_err *err)
{
	size_t i, m = 0, nr = ds->nrows;
	double *score = xmalloc((nr ? nr : 1) * sizeof *score);
	double *eta = xmalloc((nr ? nr : 1) * sizeof *eta);
	signed char *y = xmalloc(nr ? nr : 1);
	uint16_t *bin = NULL;

	if (score_rows(card, ds, score, eta, &bin, err) != 0) {
		free(score);
		free(eta);
		free(y);
		return -1;
	}
	for (i = 0; i < nr; i++) {
		pd[i] = expit(eta[i]);
		if (masked[i]) {
			eta[m] = eta[i];
			y[m++] = ds->y[i] == DS_BAD;
		}
	}
	*auc = metric_auc(eta, y, m);
	free(bin);
	free(score);
	free(eta);
	free(y);
	return 0;
}

/* The index of the smallest finite v[n] when no other is within 1e-12
   of it; else n. */
static size_t
best_of(const double *v, size_t n)
{
	size_t j, best = n;

	for (j = 0; j < n; j++)
		if (isfinite(v[j]) && (best == n || v[j] < v[best]))
			best = j;
	for (j = 0; j < n && best < n; j++)
		if (j != best && isfinite(v[j]) && v[j] - v[best] <= 1e-12)
			return n;
	return best;
}

/* Each pseudo-reject's inferred P(bad) under result r into est[]. */
static void
bench_estimates(const struct infer_result *r, const double *score,
	const unsigned char *masked, size_t nrows, double *est)
{
	double *den = xcalloc(nrows ? nrows : 1, sizeof *den);
	size_t i, k;

	for (i = 0; i < nrows; i++)
		est[i] = 0;
	if (r->method == INFER_REWEIGHTING) {
		double *cuts = xmalloc(r->nbands * sizeof *cuts);

		for (k = 1; k < r->nbands; k++)
			cuts[k - 1] = r->bands[k].lo;
		for (i = 0; i < nrows; i++)
			if (masked[i])
				est[i] = r->bands[band_of(cuts, r->nbands - 1,
				    score[i])].bad_rate;
		free(cuts);
		free(den);
		return;
	}
	for (i = 0; i < r->n; i++)
		if (r->is_reject[i]) {
			est[r->rows[i]] += r->w[i] * r->y[i];
			den[r->rows[i]] += r->w[i];
		}
	for (i = 0; i < nrows; i++)
		if (masked[i])
			est[i] = den[i] > 0 ? est[i] / den[i] : 0;
	free(den);
}

/* Method j of b did not run: its figures NaN. */
static void
bench_method_failed(struct infer_benchmark *b, size_t j)
{
	struct infer_bench_method *m = &b->methods[j];
	size_t k;

	m->est_bad_rate = m->card_pd = m->auc = m->band_error = NAN;
	m->card_band_error = m->coef_diff = NAN;
	m->asked_bad_rate = m->reject_bad_rate = m->max_factor = NAN;
	for (k = 0; k < b->nbands; k++)
		b->bands[k].est[j] = b->bands[k].card[j] = NAN;
}

int
infer_benchmark(const struct scorecard *kgb, const struct dataset *ds,
	double share, const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err)
{
	size_t nr = ds->nrows, i, k, j;
	double *score = xmalloc((nr ? nr : 1) * sizeof *score);
	double *eta = xmalloc((nr ? nr : 1) * sizeof *eta);
	double *pd = xmalloc((nr ? nr : 1) * sizeof *pd);
	double *est = xmalloc((nr ? nr : 1) * sizeof *est);
	double *s = NULL, *cuts = NULL, *mean = NULL;
	unsigned char *masked = xcalloc(nr ? nr : 1, 1);
	unsigned char *rej = xcalloc(nr ? nr : 1, 1);
	signed char *y = xmalloc(nr ? nr : 1);
	size_t *band = xmalloc((nr ? nr : 1) * sizeof *band), ncuts = 0;
	struct scorecard *mk = NULL;
	struct dataset dsm;
	uint16_t *bin = NULL;
	int rc = -1;
	size_t failed = 0;

	memset(out, 0, sizeof *out);
	out->share = share;
	if (!(share > 0 && share < 1)) {
		rd_err_set(err, RD_EUSAGE, "--masked: expected a share in "
		    "(0, 1), found %g", share);
		goto done;
	}
	if (!isnan(spec->cutoff_pd) || !isnan(spec->bad_multiple)) {
		rd_err_set(err, RD_EUSAGE, "--masked takes --factor, not %s: "
		    "every method is run with the same settings",
		    !isnan(spec->cutoff_pd) ? "--cutoff" : "--bad-multiple");
		goto done;
	}
	if (infer_spec_check(spec, err) != 0)
		goto done;
	if (ds->y == NULL) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no target: the "
		    "benchmark hides outcomes of accepts", ds->table);
		goto done;
	}
	if (ds->nbad == 0 || ds->ngood == 0) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no %s among its "
		    "accepts", ds->table, ds->nbad == 0 ? "bads" : "goods");
		goto done;
	}
	if (score_rows(kgb, ds, score, eta, &bin, err) != 0 ||
	    mask_accepts(ds, score, share, masked, out, err) != 0)
		goto done;
	out->rejects = ds->nreject;
	{
		/* The KGB itself on the pseudo-rejects: a reference. */
		size_t m = 0;

		out->full_pd = 0;
		for (i = 0; i < nr; i++)
			if (masked[i]) {
				out->full_pd += expit(eta[i]);
				eta[m] = eta[i];
				y[m++] = ds->y[i] == DS_BAD;
			}
		out->full_pd /= (double)m;
		out->full_auc = metric_auc(eta, y, m);
	}

	/* The masked view: kept accepts with their outcome, pseudo-rejects
	   as rejects, everything else indeterminate. */
	dsm = *ds;
	for (i = 0; i < nr; i++) {
		y[i] = is_accept(ds, i) && !masked[i] ? ds->y[i] : DS_INDET;
		rej[i] = masked[i];
	}
	dsm.y = y;
	dsm.reject = rej;
	dsm.nreject = out->masked;
	dsm.nreject_known = 0;
	dsm.nbad = out->kept_bads;
	dsm.ngood = out->kept - out->kept_bads;
	dsm.nindet = nr - out->kept - out->masked;
	if ((mk = masked_kgb(kgb, &dsm, bin, &spec->logit, err)) == NULL)
		goto done;
	masked_change(kgb, mk, out);

	/* The pseudo-rejects' bands: the masked KGB's score at their
	   quantiles. */
	free(bin);
	bin = NULL;
	if (score_rows(mk, ds, score, eta, &bin, err) != 0)
		goto done;
	s = xmalloc(out->masked * sizeof *s);
	for (i = 0, j = 0; i < nr; i++)
		if (masked[i])
			s[j++] = score[i];
	band_cuts(s, out->masked, spec->bands, &cuts, &ncuts);
	out->nbands = ncuts + 1;
	out->bands = xcalloc(out->nbands, sizeof *out->bands);
	out->nmethods = nmethods;
	out->methods = xcalloc(nmethods ? nmethods : 1, sizeof *out->methods);
	for (k = 0; k < out->nbands; k++) {
		struct infer_bench_band *b = &out->bands[k];

		b->lo = k == 0 ? -INFINITY : cuts[k - 1];
		b->hi = k == ncuts ? INFINITY : cuts[k];
		b->est = xcalloc(nmethods ? nmethods : 1, sizeof *b->est);
		b->card = xcalloc(nmethods ? nmethods : 1, sizeof *b->card);
	}
	for (i = 0; i < nr; i++) {
		band[i] = band_of(cuts, ncuts, score[i]);
		if (masked[i]) {
			out->bands[band[i]].n++;
			out->bands[band[i]].bads += ds->y[i] == DS_BAD;
		}
	}
	for (k = 0; k < out->nbands; k++)
		out->bands[k].bad_rate = (double)out->bands[k].bads /
		    (double)out->bands[k].n;
	out->true_bad_rate = (double)out->masked_bads / (double)out->masked;
	mean = xmalloc((out->nbands + 1) * sizeof *mean);
	if (bench_pd(mk, ds, masked, pd, &out->kgb_auc, err) != 0)
		goto done;
	out->kgb_pd = bench_band_means(out, band, masked, nr, pd, mean);
	for (k = 0; k < out->nbands; k++)
		out->bands[k].kgb = mean[k];
	out->kgb_band_error = mean[out->nbands];

	for (j = 0; j < nmethods; j++) {
		struct infer_bench_method *bm = &out->methods[j];
		struct infer_spec sp = *spec;
		struct infer_result r;

		bm->method = sp.method = methods[j];
		if (sp.method == INFER_REWEIGHTING) {
			sp.factor = NAN;
			sp.reject_weight = 1;
		}
		if (infer_run(mk, &dsm, infer_method_name(sp.method), &sp, &r,
		    err) != 0) {
			char what[64];

			/* This method cannot run here: say why, compare
			   the others. */
			snprintf(what, sizeof what, "benchmark of %s: ",
			    infer_method_name(sp.method));
			snprintf(bm->error, sizeof bm->error, "%s", err->msg);
			err_prefix(err, what);
			bench_method_failed(out, j);
			failed++;
			continue;
		}
		bm->asked_bad_rate = r.asked_bad_rate;
		bm->reject_bad_rate = r.reject_bad_rate;
		bm->max_factor = r.max_factor;
		bm->capped = r.capped;
		bm->capped_rejects = r.capped_rejects;
		bm->reject_bads_n = r.reject_bads_n;
		bm->rejects = r.rejects;
		bench_estimates(&r, score, masked, nr, est);
		bm->est_bad_rate = bench_band_means(out, band, masked, nr, est,
		    mean);
		for (k = 0; k < out->nbands; k++)
			out->bands[k].est[j] = mean[k];
		bm->band_error = mean[out->nbands];
		bm->coef_diff = coef_diff(mk, r.card);
		if (bench_pd(r.card, ds, masked, pd, &bm->auc, err) != 0) {
			infer_result_done(&r);
			goto done;
		}
		infer_result_done(&r);
		bm->card_pd = bench_band_means(out, band, masked, nr, pd, mean);
		for (k = 0; k < out->nbands; k++)
			out->bands[k].card[j] = mean[k];
		bm->card_band_error = mean[out->nbands];
	}
	if (nmethods > 0 && failed == nmethods)
		goto done;	/* err: the last method's */
	{
		double *v = xmalloc((nmethods ? nmethods : 1) * sizeof *v);

		for (j = 0; j < nmethods; j++)
			v[j] = fabs(out->methods[j].est_bad_rate -
			    out->true_bad_rate);
		out->best_rate = best_of(v, nmethods);
		for (j = 0; j < nmethods; j++)
			v[j] = out->methods[j].band_error;
		out->best_band = best_of(v, nmethods);
		for (j = 0; j < nmethods; j++)
			v[j] = -out->methods[j].auc;
		out->best_auc = best_of(v, nmethods);
		free(v);
	}
	rc = 0;
done:
	free(score);
	free(eta);
	free(pd);
	free(est);
	free(s);
	free(cuts);
	free(mean);
	free(masked);
	free(rej);
	free(y);
	free(band);
	free(bin);
	card_free(mk);
	if (rc != 0)
		infer_benchmark_done(out);
	return rc;
}

/* ------------------------------------------------- benchmark, binned */

/* The rounded score and the log-odds of bad of row i of bs under card
   (of bs's characteristics and bins), as score_rows makes them. */
static double
sample_score(const struct scorecard *card, const struct binned_sample *bs,
	size_t i)
{
	struct scored sc;

	memset(&sc, 0, sizeof sc);
	sc.kgb = card;
	sc.bs = bs;
	return row_score(&sc, i);
}

static double
sample_eta(const struct scorecard *card, const struct binned_sample *bs,
	size_t i)
{
	struct scored sc;

	memset(&sc, 0, sizeof sc);
	sc.kgb = card;
	sc.bs = bs;
	return row_eta(&sc, i);
}

/* bench_pd over the pseudo-rejects only: mrow[m] their known rows of
   bs, pd[m] their P(bad) under card, *auc of its log-odds. */
static void
bench_pd_binned(const struct scorecard *card, const struct binned_sample *bs,
	const size_t *mrow, const signed char *my, size_t m, double *pd,
	double *auc)
{
	double *eta = xmalloc((m ? m : 1) * sizeof *eta);
	size_t i;

	for (i = 0; i < m; i++) {
		eta[i] = sample_eta(card, bs, mrow[i]);
		pd[i] = expit(eta[i]);
	}
	*auc = metric_auc(eta, my, m);
	free(eta);
}

/* bench_band_means over the pseudo-rejects only (x[m], band[m]). */
static double
bench_band_means_m(const struct infer_benchmark *b, const size_t *band,
	size_t m, const double *x, double *mean)
{
	size_t i, k;
	double all = 0, err = 0;

	for (k = 0; k < b->nbands; k++)
		mean[k] = 0;
	for (i = 0; i < m; i++) {
		mean[band[i]] += x[i];
		all += x[i];
	}
	for (k = 0; k < b->nbands; k++) {
		const struct infer_bench_band *bb = &b->bands[k];

		mean[k] /= (double)bb->n;
		err += (double)bb->n * fabs(mean[k] - bb->bad_rate);
	}
	mean[b->nbands] = err / (double)b->masked;
	return all / (double)b->masked;
}

int
infer_benchmark_binned(const struct scorecard *kgb,
	const struct binned_sample *bs, double share,
	const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err)
{
	size_t na = bs->n, nc = kgb->nchars, i, k, j, m = 0, nk = 0;
	double *score = NULL, *pd = NULL, *est = NULL, *den = NULL;
	double *s = NULL, *cuts = NULL, *mean = NULL, *eta = NULL;
	unsigned char *masked = xcalloc(na ? na : 1, 1);
	signed char *my = NULL, *ky = NULL;
	size_t *band = NULL, *mrow = NULL, *krow = NULL, ncuts = 0;
	int *bin = xmalloc((nc ? nc : 1) * sizeof *bin);
	struct characteristic **chars = NULL;
	struct scorecard *mk = NULL, *design = NULL;
	struct binned_sample smp;
	struct bin_spec bsp;
	int rc = -1;
	size_t failed = 0;

	memset(out, 0, sizeof *out);
	memset(&smp, 0, sizeof smp);
	out->share = share;
	if (!(share > 0 && share < 1)) {
		rd_err_set(err, RD_EUSAGE, "--masked: expected a share in "
		    "(0, 1), found %g", share);
		goto done;
	}
	if (!isnan(spec->cutoff_pd) || !isnan(spec->bad_multiple)) {
		rd_err_set(err, RD_EUSAGE, "--masked takes --factor, not %s: "
		    "every method is run with the same settings",
		    !isnan(spec->cutoff_pd) ? "--cutoff" : "--bad-multiple");
		goto done;
	}
	if (infer_spec_check(spec, err) != 0)
		goto done;
	if (bs->nbad == 0 || bs->nbad == bs->n) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no %s among its "
		    "accepts", bs->table, bs->nbad == 0 ? "bads" : "goods");
		goto done;
	}
	if (bs->k != nc) {
		rd_err_set(err, RD_EINPUT, "the binned sample of table \"%s\" "
		    "is not of scorecard \"%s\"", bs->table, kgb->name);
		goto done;
	}
	/* The accepts' scores, masked as mask_accepts masks them. */
	{
		struct pref *v = xmalloc((na ? na : 1) * sizeof *v);
		size_t best;
		double want;

		for (i = 0; i < na; i++) {
			v[i].p = -sample_score(kgb, bs, i);
			v[i].row = i;
			out->accept_bads += bs->y[i] == DS_BAD;
		}
		out->accepts = na;
		qsort(v, na, sizeof *v, cmp_pref);
		want = round_half(share * (double)na);
		best = na > 0 ? group_cut(v, na, want, na - 1) : 0;
		if (best == 0) {
			free(v);
			rd_err_set(err, RD_EINPUT, "--masked %g masks no "
			    "accept: the %zu lowest-scoring of %zu accepts "
			    "wanted, but the lowest score is shared by more (a "
			    "score's accepts are masked whole); give a larger "
			    "share", share, (size_t)want, na);
			goto done;
		}
		for (i = 0; i < best; i++) {
			masked[v[i].row] = 1;
			out->masked_bads += bs->y[v[i].row] == DS_BAD;
		}
		out->masked = best;
		out->cutoff = -v[best].p;
		out->kept = na - best;
		out->kept_bads = out->accept_bads - out->masked_bads;
		free(v);
		if (out->kept_bads == 0 || out->kept_bads == out->kept) {
			rd_err_set(err, RD_EINPUT, "--masked %g leaves no %s "
			    "among the %zu accepts kept: the KGB cannot be "
			    "refitted; give a smaller share", share,
			    out->kept_bads == 0 ? "bads" : "goods", out->kept);
			goto done;
		}
	}
	out->rejects = bs->nreject;
	/* The pseudo-rejects (row order) and the kept accepts. */
	m = out->masked;
	nk = out->kept;
	mrow = xmalloc((m ? m : 1) * sizeof *mrow);
	my = xmalloc(m ? m : 1);
	krow = xmalloc((nk ? nk : 1) * sizeof *krow);
	ky = xmalloc(nk ? nk : 1);
	for (i = 0, j = 0, k = 0; i < na; i++)
		if (masked[i]) {
			mrow[j] = i;
			my[j++] = bs->y[i] == DS_BAD;
		} else {
			krow[k] = k;
			ky[k++] = bs->y[i] == DS_BAD;
		}
	free(masked);
	masked = NULL;
	eta = xmalloc((m ? m : 1) * sizeof *eta);
	out->full_pd = 0;
	for (i = 0; i < m; i++) {
		eta[i] = sample_eta(kgb, bs, mrow[i]);
		out->full_pd += expit(eta[i]);
	}
	out->full_pd /= (double)m;
	out->full_auc = metric_auc(eta, my, m);
	free(eta);
	eta = NULL;

	/* The masked view as a binned sample: the kept accepts known, in
	   row order, the pseudo-rejects other and rejects, in row order
	   (the real rejects and indeterminate rows take no part). */
	chars = xmalloc((nc ? nc : 1) * sizeof *chars);
	for (k = 0; k < nc; k++)
		chars[k] = kgb->chars[k].ch;
	binned_init(&smp, bs->table, chars, nc);
	smp.keep_reject = 1;
	binned_reserve(&smp, nk, m);
	for (i = 0, j = 0; i < na; i++) {
		int mine = j < m && mrow[j] == i;

		for (k = 0; k < nc; k++)
			bin[k] = (int)binned_known(bs, k, i) - 1;
		binned_append_rows(&smp, bin, mine ? DS_INDET : bs->y[i], 1);
		j += mine;
	}
	if (m > 0)
		memset(smp.oreject, 1, m);
	smp.nreject = m;
	smp.nindet = bs->n + bs->nother - nk - m;	/* as the masked view's */

	/* The masked KGB: the bins' WoE from the kept accepts, refitted on
	   them (masked_kgb). */
	{
		char *text = card_serialize(kgb);

		design = card_parse(text, err);
		free(text);
		if (design == NULL)
			goto done;
	}
	bin_spec_init(&bsp);
	for (k = 0; k < nc; k++) {
		struct characteristic *ch = design->chars[k].ch;
		size_t b;

		for (b = 0; b < ch->nbins; b++)
			ch->bins[b].count = ch->bins[b].goods =
			    ch->bins[b].bads = 0;
		ch->goods = ch->bads = 0;
		for (i = 0; i < nk; i++) {
			int bb = (int)binned_known(&smp, k, i) - 1;

			if (bb < 0)
				continue;
			ch->bins[bb].count++;
			if (smp.y[i] == DS_BAD) {
				ch->bins[bb].bads++;
				ch->bads++;
			} else {
				ch->bins[bb].goods++;
				ch->goods++;
			}
		}
		bin_woe(ch, &bsp);
	}
	mk = refit_design(design, &smp, krow, ky, NULL, nk, kgb->name,
	    &spec->logit, err);
	free(krow);
	free(ky);
	krow = NULL;
	ky = NULL;
	if (mk == NULL) {
		err_prefix(err, "refitting the KGB on the kept accepts: ");
		goto done;
	}
	masked_change(kgb, mk, out);

	/* The pseudo-rejects' bands: the masked KGB's score at their
	   quantiles. */
	score = xmalloc((m ? m : 1) * sizeof *score);
	s = xmalloc((m ? m : 1) * sizeof *s);
	for (i = 0; i < m; i++)
		s[i] = score[i] = sample_score(mk, bs, mrow[i]);
	band_cuts(s, m, spec->bands, &cuts, &ncuts);
	out->nbands = ncuts + 1;
	out->bands = xcalloc(out->nbands, sizeof *out->bands);
	out->nmethods = nmethods;
	out->methods = xcalloc(nmethods ? nmethods : 1, sizeof *out->methods);
	for (k = 0; k < out->nbands; k++) {
		struct infer_bench_band *b = &out->bands[k];

		b->lo = k == 0 ? -INFINITY : cuts[k - 1];
		b->hi = k == ncuts ? INFINITY : cuts[k];
		b->est = xcalloc(nmethods ? nmethods : 1, sizeof *b->est);
		b->card = xcalloc(nmethods ? nmethods : 1, sizeof *b->card);
	}
	band = xmalloc((m ? m : 1) * sizeof *band);
	for (i = 0; i < m; i++) {
		band[i] = band_of(cuts, ncuts, score[i]);
		out->bands[band[i]].n++;
		out->bands[band[i]].bads += my[i] != 0;
	}
	for (k = 0; k < out->nbands; k++)
		out->bands[k].bad_rate = (double)out->bands[k].bads /
		    (double)out->bands[k].n;
	out->true_bad_rate = (double)out->masked_bads / (double)out->masked;
	mean = xmalloc((out->nbands + 1) * sizeof *mean);
	pd = xmalloc((m ? m : 1) * sizeof *pd);
	est = xmalloc((m ? m : 1) * sizeof *est);
	den = xmalloc((m ? m : 1) * sizeof *den);
	bench_pd_binned(mk, bs, mrow, my, m, pd, &out->kgb_auc);
	out->kgb_pd = bench_band_means_m(out, band, m, pd, mean);
	for (k = 0; k < out->nbands; k++)
		out->bands[k].kgb = mean[k];
	out->kgb_band_error = mean[out->nbands];

	for (j = 0; j < nmethods; j++) {
		struct infer_bench_method *bm = &out->methods[j];
		struct infer_spec sp = *spec;
		struct infer_result r;

		bm->method = sp.method = methods[j];
		if (sp.method == INFER_REWEIGHTING) {
			sp.factor = NAN;
			sp.reject_weight = 1;
		}
		if (infer_run_binned(mk, &smp, infer_method_name(sp.method),
		    &sp, &r, err) != 0) {
			char what[64];

			snprintf(what, sizeof what, "benchmark of %s: ",
			    infer_method_name(sp.method));
			snprintf(bm->error, sizeof bm->error, "%s", err->msg);
			err_prefix(err, what);
			bench_method_failed(out, j);
			failed++;
			continue;
		}
		bm->asked_bad_rate = r.asked_bad_rate;
		bm->reject_bad_rate = r.reject_bad_rate;
		bm->max_factor = r.max_factor;
		bm->capped = r.capped;
		bm->capped_rejects = r.capped_rejects;
		bm->reject_bads_n = r.reject_bads_n;
		bm->rejects = r.rejects;
		/* bench_estimates: the augmented set's rejects are other
		   rows of smp, pseudo-reject rows[i] - nk. */
		for (i = 0; i < m; i++)
			est[i] = den[i] = 0;
		if (r.method == INFER_REWEIGHTING) {
			double *rc_ = xmalloc(r.nbands * sizeof *rc_);

			for (k = 1; k < r.nbands; k++)
				rc_[k - 1] = r.bands[k].lo;
			for (i = 0; i < m; i++)
				est[i] = r.bands[band_of(rc_, r.nbands - 1,
				    score[i])].bad_rate;
			free(rc_);
		} else {
			for (i = 0; i < r.n; i++)
				if (r.is_reject[i]) {
					est[r.rows[i] - nk] += r.w[i] * r.y[i];
					den[r.rows[i] - nk] += r.w[i];
				}
			for (i = 0; i < m; i++)
				est[i] = den[i] > 0 ? est[i] / den[i] : 0;
		}
		bm->est_bad_rate = bench_band_means_m(out, band, m, est, mean);
		for (k = 0; k < out->nbands; k++)
			out->bands[k].est[j] = mean[k];
		bm->band_error = mean[out->nbands];
		bm->coef_diff = coef_diff(mk, r.card);
		bench_pd_binned(r.card, bs, mrow, my, m, pd, &bm->auc);
		infer_result_done(&r);
		bm->card_pd = bench_band_means_m(out, band, m, pd, mean);
		for (k = 0; k < out->nbands; k++)
			out->bands[k].card[j] = mean[k];
		bm->card_band_error = mean[out->nbands];
	}
	if (nmethods > 0 && failed == nmethods)
		goto done;	/* err: the last method's */
	{
		double *v = xmalloc((nmethods ? nmethods : 1) * sizeof *v);

		for (j = 0; j < nmethods; j++)
			v[j] = fabs(out->methods[j].est_bad_rate -
			    out->true_bad_rate);
		out->best_rate = best_of(v, nmethods);
		for (j = 0; j < nmethods; j++)
			v[j] = out->methods[j].band_error;
		out->best_band = best_of(v, nmethods);
		for (j = 0; j < nmethods; j++)
			v[j] = -out->methods[j].auc;
		out->best_auc = best_of(v, nmethods);
		free(v);
	}
	rc = 0;
done:
	free(score);
	free(pd);
	free(est);
	free(den);
	free(s);
	free(cuts);
	free(mean);
	free(eta);
	free(masked);
	free(my);
	free(ky);
	free(mrow);
	free(krow);
	free(band);
	free(bin);
	free(chars);
	binned_done(&smp);
	card_free(design);
	card_free(mk);
	if (rc != 0)
		infer_benchmark_done(out);
	return rc;
}
