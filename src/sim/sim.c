/*
 * sim.c - simulate an approval policy over a population (see sim.h).
 *
 * The work is split by how often it runs.  sim_prepare runs once per
 * policy and population: the data layer evaluates, in one pass over the
 * table, the first knock-out and the first segment that hold for each
 * row and every distinct EAD expression (cond_first); each applicant gets
 * a knock-out, a segment, an EAD, an LGD, a score band and a limit; then
 * each segment's applicants are reduced to their distinct scores with
 * running sums of every figure (struct sim_acc), slice after slice when
 * the population is read in slices (sim_build), with the same sums.  sim_figures runs on every
 * cutoff change (each key press in the TUI): a binary search per segment
 * and a few subtractions.  Curves, the optimiser and the swap set read
 * the same prep.
 *
 * The simulation layer sees no SQL and no YAML: expressions go to the data
 * layer as text, and the policy arrives parsed.
 */
#include "config.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/cond.h"
#include "data/db.h"
#include "data/ds.h"
#include "model/metric.h"
#include "policy/policy.h"
#include "sim/coleval.h"
#include "sim/sim.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/hash.h"
#include "util/rsort.h"
#include "util/xmalloc.h"

/* ---------------------------------------------------------- preparation */

/* An SQL condition's value is true when it is neither NULL nor 0. */
static int
is_true(double v)
{
	return !isnan(v) && v != 0;
}

/* Allocate the arrays of *prep for n applicants of policy p. */
static void
prep_alloc(struct sim_prep *prep, const struct policy *p, size_t n)
{
	size_t m = n ? n : 1, k;

	memset(prep, 0, sizeof *prep);
	prep->n = n;
	prep->nseg = p->nsegments;
	prep->nko = p->nknockouts;
	prep->policy = p;
	prep->priced = p->priced;
	prep->y = xmalloc(m * sizeof *prep->y);
	prep->score = xmalloc(m * sizeof *prep->score);
	prep->pd = xmalloc(m * sizeof *prep->pd);
	prep->ko = xmalloc(m * sizeof *prep->ko);
	prep->seg = xmalloc(m * sizeof *prep->seg);
	prep->ead = xmalloc(m * sizeof *prep->ead);
	prep->lgd = xmalloc(m * sizeof *prep->lgd);
	prep->band = xmalloc(m * sizeof *prep->band);
	prep->limit = xmalloc(m * sizeof *prep->limit);
	k = p->nsegments ? p->nsegments : 1;
	prep->matched = xcalloc(k, sizeof *prep->matched);
	prep->seg_ead_missing = xcalloc(k, sizeof *prep->seg_ead_missing);
	prep->napp = xcalloc(k, sizeof *prep->napp);
	prep->off = xcalloc(k, sizeof *prep->off);
	prep->len = xcalloc(k, sizeof *prep->len);
	prep->ko_count = xcalloc(p->nknockouts ? p->nknockouts : 1,
	    sizeof *prep->ko_count);
}

int
sim_band_of(const struct policy_segment *s, double score)
{
	size_t lo = 0, hi, mid;

	if (s->nbands == 0 || isnan(score))
		return -1;
	/* The last band whose from <= score; the first when none. */
	hi = s->nbands;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->bands[mid].from <= score)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 0 : (int)(lo - 1);
}

double
sim_band_limit(const struct policy_band *b, double income)
{
	size_t k, pick = 0;

	if (b->nincome == 0)
		return b->limit;
	for (k = 0; !isnan(income) && k < b->nincome; k++)
		if (b->income[k].min_income <= income)
			pick = k;
	return b->income[pick].limit;
}

/*
 * Set row i's knock-out, segment, EAD, LGD, band and limit (score must be
 * set), applying the rules shared by both ways of building a prep.
 */
static void
prep_set(struct sim_prep *prep, size_t i, int ko, int seg, double ead,
	double income)
{
	const struct policy *p = prep->policy;
	const struct policy_segment *ps;
	int k;

	prep->ko[i] = ko;
	prep->band[i] = -1;
	prep->limit[i] = NAN;
	if (ko >= 0) {
		prep->seg[i] = -1;
		prep->ead[i] = 0;
		prep->lgd[i] = 0;
		return;
	}
	assert(seg >= 0 && (size_t)seg < p->nsegments);
	ps = &p->segments[seg];
	prep->seg[i] = seg;
	if (isnan(ead)) {
		ead = 0;
		prep->ead_missing++;
		prep->seg_ead_missing[seg]++;
	}
	prep->ead[i] = ead;
	prep->lgd[i] = ps->lgd;
	if ((k = sim_band_of(ps, prep->score[i])) >= 0) {
		prep->band[i] = k;
		prep->limit[i] = sim_band_limit(&ps->bands[k], income);
	}
}

/* The sums of one score level of a segment. */
struct lvl {
	double score;
	size_t n, known, bad;
	double pd, el, ead, rev, limit;
};

/* Add applicant i of rows (a prep's per-row arrays) to level l. */
static void
lvl_add(struct lvl *l, const struct sim_prep *rows, size_t i)
{
	const struct policy_segment *ps = &rows->policy->segments[rows->seg[i]];
	double apr;

	l->n++;
	l->known += rows->y[i] != DS_INDET;
	l->bad += rows->y[i] == DS_BAD;
	l->pd += rows->pd[i];
	l->el += rows->pd[i] * rows->lgd[i] * rows->ead[i];
	l->ead += rows->ead[i];
	if (rows->band[i] >= 0) {
		apr = ps->bands[rows->band[i]].apr;
		if (!isnan(apr))
			l->rev += rows->ead[i] * apr;
	}
	if (!isnan(rows->limit[i]))
		l->limit += rows->limit[i];
}

/*
 * An open-addressing index of distinct doubles (-0.0 and +0.0 one key,
 * kept as first seen): slot[nslot] holds indices into the caller's array
 * of records, SIZE_MAX for an empty slot.
 */
struct dindex {
	size_t *slot;
	size_t nslot;
};

/* The record of key x in the caller's records (keys read through
   key(rec, j)): its index, or SIZE_MAX with *at the empty slot. */
static size_t
dindex_find(const struct dindex *ix, double x, const void *rec,
	double (*key)(const void *, size_t), size_t *at)
{
	size_t h = (size_t)rd_hash_double(x) & (ix->nslot - 1);

	while (ix->slot[h] != SIZE_MAX && key(rec, ix->slot[h]) != x)
		h = (h + 1) & (ix->nslot - 1);
	*at = h;
	return ix->slot[h];
}

/* Make room for a (k + 1)-th record in ix (k records indexed). */
static void
dindex_grow(struct dindex *ix, size_t k, const void *rec,
	double (*key)(const void *, size_t))
{
	size_t j, h;

	if (2 * (k + 1) <= ix->nslot)
		return;
	ix->nslot = ix->nslot ? 2 * ix->nslot : 256;
	free(ix->slot);
	ix->slot = xmalloc(ix->nslot * sizeof *ix->slot);
	for (j = 0; j < ix->nslot; j++)
		ix->slot[j] = SIZE_MAX;
	for (j = 0; j < k; j++) {
		dindex_find(ix, key(rec, j), rec, key, &h);
		ix->slot[h] = j;
	}
}

/* One distinct risk score (negated points) with its known outcomes. */
struct dcell {
	double s;
	size_t goods, bads;
};

static double
lvl_key(const void *rec, size_t j)
{
	return ((const struct lvl *)rec)[j].score;
}

static double
dcell_key(const void *rec, size_t j)
{
	return ((const struct dcell *)rec)[j].s;
}

/*
 * A prep being made from its rows, slice after slice in row order
 * (struct sim_build): per segment the distinct scores, each with the
 * sums of its applicants added in row order (so every sum is the one
 * a single pass over the table makes), and the distinct risk scores of
 * the applicants with a known outcome for the discrimination.  Memory in
 * the distinct scores, not the rows.
 */
struct sim_acc {
	struct lvl **lv;	/* [nseg][nlv[s]] in order of first seen */
	size_t *nlv, *cap;
	struct dindex *ix;	/* [nseg] */
	struct dcell *dc;	/* [ndc] */
	size_t ndc, dcap;
	struct dindex dix;
};

static void
acc_init(struct sim_acc *a, size_t nseg)
{
	size_t k = nseg ? nseg : 1;

	memset(a, 0, sizeof *a);
	a->lv = xcalloc(k, sizeof *a->lv);
	a->nlv = xcalloc(k, sizeof *a->nlv);
	a->cap = xcalloc(k, sizeof *a->cap);
	a->ix = xcalloc(k, sizeof *a->ix);
}

static void
acc_done(struct sim_acc *a, size_t nseg)
{
	size_t s;

	for (s = 0; a->lv != NULL && s < nseg; s++) {
		free(a->lv[s]);
		free(a->ix[s].slot);
	}
	free(a->lv);
	free(a->nlv);
	free(a->cap);
	free(a->ix);
	free(a->dc);
	free(a->dix.slot);
	memset(a, 0, sizeof *a);
}

/*
 * Add the applicants of rows (a prep whose per-row arrays are set, e.g.
 * one slice of the population) to prep: its counts and a's levels and
 * risk cells.  rows and prep are of the same policy.
 */
static void
acc_rows(struct sim_acc *a, struct sim_prep *prep, const struct sim_prep *rows)
{
	size_t i, s, j, h;
	double v;

	prep->ead_missing += rows->ead_missing;
	for (s = 0; s < prep->nseg; s++)
		prep->seg_ead_missing[s] += rows->seg_ead_missing[s];
	for (i = 0; i < rows->n; i++) {
		signed char y = rows->y[i];

		prep->nknown += y != DS_INDET;
		prep->nbad += y == DS_BAD;
		v = rows->score[i];
		if ((y == DS_GOOD || y == DS_BAD) && !isnan(v)) {
			/* Points are higher for safer applicants: the
			   discrimination ranks the negated points. */
			double r = -v;

			dindex_grow(&a->dix, a->ndc, a->dc, dcell_key);
			if ((j = dindex_find(&a->dix, r, a->dc, dcell_key,
			    &h)) == SIZE_MAX) {
				if (a->ndc == a->dcap) {
					a->dcap = a->dcap ? 2 * a->dcap : 256;
					a->dc = xreallocarray(a->dc, a->dcap,
					    sizeof *a->dc);
				}
				j = a->ndc++;
				a->dc[j].s = r;
				a->dc[j].goods = a->dc[j].bads = 0;
				a->dix.slot[h] = j;
			}
			if (y == DS_BAD)
				a->dc[j].bads++;
			else
				a->dc[j].goods++;
		}
		if (rows->ko[i] >= 0) {
			prep->ko_count[rows->ko[i]]++;
			continue;
		}
		s = (size_t)rows->seg[i];
		prep->napp[s]++;
		prep->nkept++;
		if (isnan(v))
			continue;
		dindex_grow(&a->ix[s], a->nlv[s], a->lv[s], lvl_key);
		if ((j = dindex_find(&a->ix[s], v, a->lv[s], lvl_key, &h)) ==
		    SIZE_MAX) {
			if (a->nlv[s] == a->cap[s]) {
				a->cap[s] = a->cap[s] ? 2 * a->cap[s] : 256;
				a->lv[s] = xreallocarray(a->lv[s], a->cap[s],
				    sizeof *a->lv[s]);
			}
			j = a->nlv[s]++;
			memset(&a->lv[s][j], 0, sizeof a->lv[s][j]);
			a->lv[s][j].score = v;
			a->ix[s].slot[h] = j;
		}
		lvl_add(&a->lv[s][j], rows, i);
	}
}

/* Levels by score, highest first (scores are distinct). */
static int
lvl_desc(const void *x, const void *y)
{
	double a = ((const struct lvl *)x)->score;
	double b = ((const struct lvl *)y)->score;

	return a > b ? -1 : a < b;
}

/*
 * Turn a's levels into prep's sorted levels and running sums, and its
 * risk cells into prep's discrimination cells, ascending risk (see
 * sim.h).  a is released.
 */
static void
acc_finish(struct sim_acc *a, struct sim_prep *prep)
{
	size_t nseg = prep->nseg, s, j, c, ncum, tot = 0;
	struct lvl *l;

	for (s = 0; s < nseg; s++) {
		/* A segment that takes no row has no levels (nor array). */
		if (a->nlv[s] > 1)
			qsort(a->lv[s], a->nlv[s], sizeof *a->lv[s],
			    lvl_desc);
		prep->off[s] = tot;
		prep->len[s] = a->nlv[s];
		tot += a->nlv[s];
	}
	prep->nlevels = tot;
	ncum = tot + nseg + 1;
	prep->levels = xmalloc((tot ? tot : 1) * sizeof *prep->levels);
	prep->cum_n = xcalloc(ncum, sizeof *prep->cum_n);
	prep->cum_known = xcalloc(ncum, sizeof *prep->cum_known);
	prep->cum_bad = xcalloc(ncum, sizeof *prep->cum_bad);
	prep->cum_pd = xcalloc(ncum, sizeof *prep->cum_pd);
	prep->cum_el = xcalloc(ncum, sizeof *prep->cum_el);
	prep->cum_ead = xcalloc(ncum, sizeof *prep->cum_ead);
	prep->cum_rev = xcalloc(ncum, sizeof *prep->cum_rev);
	prep->cum_limit = xcalloc(ncum, sizeof *prep->cum_limit);
	for (s = 0; s < nseg; s++) {
		c = prep->off[s] + s;
		for (j = 0; j < a->nlv[s]; j++, c++) {
			l = &a->lv[s][j];
			prep->levels[prep->off[s] + j] = l->score;
			prep->cum_n[c + 1] = prep->cum_n[c] + l->n;
			prep->cum_known[c + 1] = prep->cum_known[c] + l->known;
			prep->cum_bad[c + 1] = prep->cum_bad[c] + l->bad;
			prep->cum_pd[c + 1] = prep->cum_pd[c] + l->pd;
			prep->cum_el[c + 1] = prep->cum_el[c] + l->el;
			prep->cum_ead[c + 1] = prep->cum_ead[c] + l->ead;
			prep->cum_rev[c + 1] = prep->cum_rev[c] + l->rev;
			prep->cum_limit[c + 1] = prep->cum_limit[c] + l->limit;
		}
	}
	rsort_by_double(a->dc, a->ndc, sizeof *a->dc,
	    offsetof(struct dcell, s));
	prep->ndisc = a->ndc;
	prep->disc_risk = xmalloc((a->ndc ? a->ndc : 1) *
	    sizeof *prep->disc_risk);
	prep->disc_goods = xmalloc((a->ndc ? a->ndc : 1) *
	    sizeof *prep->disc_goods);
	prep->disc_bads = xmalloc((a->ndc ? a->ndc : 1) *
	    sizeof *prep->disc_bads);
	for (j = 0; j < a->ndc; j++) {
		prep->disc_risk[j] = a->dc[j].s;
		prep->disc_goods[j] = a->dc[j].goods;
		prep->disc_bads[j] = a->dc[j].bads;
	}
	acc_done(a, nseg);
}

/* Build the levels, running sums and counts of *prep from its own
   per-row arrays (one slice: the whole population). */
static void
prep_index(struct sim_prep *prep)
{
	struct sim_acc a;
	size_t s, *miss = xcalloc(prep->nseg ? prep->nseg : 1, sizeof *miss);
	size_t m = prep->ead_missing;

	/* acc_rows adds the rows' EAD counts to the prep's: the same prep
	   here, so they are counted once. */
	memcpy(miss, prep->seg_ead_missing, prep->nseg * sizeof *miss);
	acc_init(&a, prep->nseg);
	acc_rows(&a, prep, prep);
	prep->ead_missing = m;
	for (s = 0; s < prep->nseg; s++)
		prep->seg_ead_missing[s] = miss[s];
	free(miss);
	acc_finish(&a, prep);
}

/* Index of expr in exprs[*n], appending it when new. */
static size_t
expr_slot(const char **exprs, size_t *n, const char *expr)
{
	size_t k;

	for (k = 0; k < *n; k++)
		if (strcmp(exprs[k], expr) == 0)
			return k;
	exprs[*n] = expr;
	return (*n)++;
}

#define NO_EXPR ((size_t)-1)

/*
 * Record every segment whose EAD is infinite or negative on a row it
 * takes, located at its ead, in errs.  ko_i, seg_i and val as cond_first
 * gives them, ead_x[nseg] the value index of each segment's EAD.
 */
static void
ead_problems(const struct policy *p, const double *ko_i, const double *seg_i,
	double *const *val, const size_t *ead_x, size_t n,
	struct policy_errors *errs)
{
	size_t nseg = p->nsegments, k, i, neg, inf;
	struct rd_err e;
	int seg, bad;

	for (k = 0; k < nseg; k++) {
		const struct policy_segment *s = &p->segments[k];

		neg = inf = 0;
		for (i = 0; i < n; i++) {
			double v;

			if (!isnan(ko_i[i]) && ko_i[i] >= 0)
				continue;
			seg = isnan(seg_i[i]) || seg_i[i] < 0 ?
			    (int)nseg - 1 : (int)seg_i[i];
			if ((size_t)seg != k)
				continue;
			v = val[ead_x[k]][i];
			inf += isinf(v) != 0;
			neg += v < 0 && !isinf(v);
		}
		for (bad = 0; bad < 2; bad++) {
			size_t m = bad == 0 ? inf : neg;

			if (m == 0)
				continue;
			rd_err_setloc(&e, RD_EINPUT, p->path, s->ead_at.line,
			    s->ead_at.col, "EAD is %s on %zu row%s of segment "
			    "\"%s\"", bad == 0 ? "infinite" : "negative", m,
			    m == 1 ? "" : "s", s->name);
			policy_errors_add(errs, &e);
		}
	}
}

/* Each of exprs[n] checked by db_expr_check: 0, or -1 with err. */
static int
exprs_checked(struct db *db, const char *table, const char *const *exprs,
	size_t n, struct rd_err *err)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (db_expr_check(db, table, exprs[k], err) != 0)
			return -1;
	return 0;
}

/*
 * The per-row arrays of the rows of ds (the table's rows, or the slice
 * of them a window sets) into *rows (prep_alloc'd here; no levels), and
 * the rows of each segment whose EAD is infinite or negative added to
 * inf[nseg] and neg[nseg].  Returns 0 or -1 with err
 * as sim_prepare.
 */
static int
slice_rows(const struct policy *p, struct db *db, const struct dataset *ds,
	const double *score, const double *pd, struct sim_prep *rows,
	size_t *inf, size_t *neg, struct cond_tally *tally, int *tally_ok,
	int sql, struct rd_err *err)
{
	const char **kos = NULL, **whens = NULL, **exprs = NULL;
	double *ko_i = NULL, *seg_i = NULL, **val = NULL, *buf = NULL, v;
	size_t *ead_x = NULL, inc_x = NO_EXPR;
	size_t n = ds->nrows, nexpr = 0, i, k, nseg = p->nsegments;
	int ko, seg, tallied, computed, rc = -1;

	memset(rows, 0, sizeof *rows);
	assert(nseg > 0);
	if (ds->table != NULL && strcmp(ds->table, p->population) != 0)
		return rd_err_set(err, RD_EINPUT, "dataset \"%s\" is not the "
		    "population \"%s\" of policy \"%s\"", ds->table,
		    p->population, p->name);

	/*
	 * One pass over the table: the first knock-out and the first
	 * segment that hold (SQLite stops at the first true condition),
	 * and each distinct EAD expression (the one most segments inherit
	 * from loss: is evaluated once) and the income.
	 */
	kos = xcalloc(p->nknockouts + 1, sizeof *kos);
	whens = xcalloc(nseg, sizeof *whens);
	exprs = xcalloc(nseg + 1, sizeof *exprs);
	ead_x = xcalloc(nseg, sizeof *ead_x);
	for (k = 0; k < p->nknockouts; k++)
		kos[k] = p->knockouts[k].when;
	for (k = 0; k + 1 < nseg; k++)
		whens[k] = p->segments[k].when;
	for (k = 0; k < nseg; k++)
		ead_x[k] = expr_slot(exprs, &nexpr, p->segments[k].ead);
	if (p->income != NULL)
		inc_x = expr_slot(exprs, &nexpr, p->income);
	ko_i = xmalloc((n ? n : 1) * sizeof *ko_i);
	seg_i = xmalloc((n ? n : 1) * sizeof *seg_i);
	val = xcalloc(nexpr, sizeof *val);
	buf = xmalloc(nexpr * (n ? n : 1) * sizeof *buf);
	for (k = 0; k < nexpr; k++)
		val[k] = buf + k * n;
	/*
	 * Tallied: every condition on every row.  A pass that fails so is
	 * made again as without, which fails or not as it always did, and
	 * the tallies are dropped (sim_build_tally).
	 */
	/*
	 * The rows are in ds, column by column: computed there when
	 * coleval can give SQLite's values (the expressions checked by
	 * SQLite first, as cond_first checks them), else SQLite's pass.
	 */
	if (exprs_checked(db, p->population, kos, p->nknockouts, err) != 0 ||
	    exprs_checked(db, p->population, whens, nseg - 1, err) != 0 ||
	    exprs_checked(db, p->population, exprs, nexpr, err) != 0)
		goto out;
	computed = !sql && ds->table != NULL && coleval_first(db, ds, kos,
	    p->nknockouts, ko_i, whens, nseg - 1, seg_i, tally != NULL &&
	    *tally_ok ? tally : NULL, exprs, nexpr, val);
	tallied = computed && tally != NULL && *tally_ok;
	if (!computed) {
		tallied = tally != NULL && *tally_ok && cond_first_tally(db,
		    p->population, kos, p->nknockouts, ko_i, whens, nseg - 1,
		    seg_i, tally, exprs, nexpr, val, n, err) == 0;
		if (!tallied && cond_first(db, p->population, kos,
		    p->nknockouts, ko_i, whens, nseg - 1, seg_i, exprs, nexpr,
		    val, n, err) < 0)
			goto out;
	}
	if (tally != NULL && !tallied)
		*tally_ok = 0;

	prep_alloc(rows, p, n);
	rows->has_rows = 1;
	for (i = 0; i < n; i++) {
		rows->y[i] = ds->y != NULL ? ds->y[i] : DS_INDET;
		rows->score[i] = score[i];
		rows->pd[i] = pd[i];
		ko = isnan(ko_i[i]) ? -1 : (int)ko_i[i];
		/* No segment true: the last one, the default, takes it. */
		seg = isnan(seg_i[i]) || seg_i[i] < 0 ? (int)nseg - 1 :
		    (int)seg_i[i];
		v = ko < 0 ? val[ead_x[seg]][i] : 0;
		if (ko < 0) {
			inf[seg] += isinf(v) != 0;
			neg[seg] += v < 0 && !isinf(v);
		}
		prep_set(rows, i, ko, seg, v, inc_x == NO_EXPR ? NAN :
		    val[inc_x][i]);
	}
	rc = 0;
out:
	free(kos);
	free(whens);
	free(exprs);
	free(ead_x);
	free(ko_i);
	free(seg_i);
	free(val);
	free(buf);
	return rc;
}

/*
 * The first EAD problem of p counted in inf[nseg] and neg[nseg] (rows of
 * a segment whose EAD is infinite, negative), in err as ead_problems
 * words it; 0 when none.
 */
static int
ead_counted(const struct policy *p, const size_t *inf, const size_t *neg,
	struct rd_err *err)
{
	size_t k, m;
	int bad;

	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];

		for (bad = 0; bad < 2; bad++) {
			m = bad == 0 ? inf[k] : neg[k];
			if (m == 0)
				continue;
			if (err != NULL)
				rd_err_setloc(err, RD_EINPUT, p->path,
				    s->ead_at.line, s->ead_at.col, "EAD is %s "
				    "on %zu row%s of segment \"%s\"", bad == 0 ?
				    "infinite" : "negative", m, m == 1 ? "" :
				    "s", s->name);
			return -1;
		}
	}
	return 0;
}

/*
 * EADs each finite that sum past the largest double (1e308 on a few
 * rows): the exposure, expected loss, revenue, credit limit, funding
 * cost or profit of a segment, or of all of them, would print as inf.
 * The sums over every level bound those at any cutoff (the amounts are
 * not negative), and funding cost + expected loss bounds what profit
 * takes away.  Refused as an infinite EAD is, located at the first such
 * segment's ead, with what to do; 0 when none.
 */
static int
ead_overflow(const struct policy *p, const struct sim_prep *prep,
	struct rd_err *err)
{
	static const char *const what[] = { "EAD", "expected loss",
	    "revenue", "credit limit", "funding cost", "profit" };
	double tot[4] = { 0, 0, 0, 0 };
	size_t k, w;

	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];
		size_t c = prep->off[k] + k + prep->len[k];
		double v[6], t[6];
		char of[256];

		v[0] = prep->cum_ead[c];
		v[1] = prep->cum_el[c];
		v[2] = prep->cum_rev[c];
		v[3] = prep->cum_limit[c];
		for (w = 0; w < 4; w++) {
			tot[w] += v[w];
			t[w] = tot[w];
		}
		/* Funding cost and profit as stats_finish makes them. */
		v[4] = t[4] = v[5] = t[5] = 0;
		if (prep->priced) {
			v[4] = p->funding_rate * v[0];
			v[5] = isinf(fabs(v[4]) + v[1]) ? INFINITY :
			    v[2] - v[4] - v[1];
			t[4] = p->funding_rate * t[0];
			t[5] = isinf(fabs(t[4]) + t[1]) ? INFINITY :
			    t[2] - t[4] - t[1];
		}
		for (w = 0; w < 6; w++) {
			if (!isinf(v[w]) && (k + 1 < p->nsegments ||
			    !isinf(t[w])))
				continue;
			if (isinf(v[w]))
				snprintf(of, sizeof of, "segment \"%s\"",
				    s->name);
			else
				snprintf(of, sizeof of, "the segments "
				    "together");
			rd_err_setloc(err, RD_EINPUT, p->path, s->ead_at.line,
			    s->ead_at.col, "the %s of %s sums past the "
			    "largest number a double holds (%.17g), though "
			    "each row's EAD is finite: exposure, expected "
			    "loss and profit would be infinite; the EAD holds "
			    "values near that limit (1e308 standing for "
			    "something else, or an amount in the wrong "
			    "unit): fix the column or scale the EAD (ead: "
			    "<column> / 1000)", what[w], of, DBL_MAX);
			return -1;
		}
	}
	return 0;
}

/* A prep being made slice by slice (sim.h). */
struct sim_build {
	const struct policy *p;
	int keep;		/* keep the per-row arrays */
	struct sim_prep prep;	/* counts so far; rows when keep */
	struct sim_acc acc;
	size_t *inf, *neg;	/* [nseg] EAD problems so far */
	struct cond_tally *tally; /* [nko + nseg - 1] or NULL: sim_build_tally */
	int tally_ok;		/* every slice so far tallied */
	size_t tally_rows;	/* the rows they count */
	int sql;		/* sim_build_sql */
};

struct sim_build *
sim_build_new(const struct policy *p, int keep_rows)
{
	struct sim_build *b = xcalloc(1, sizeof *b);

	assert(p->nsegments > 0);
	b->p = p;
	b->keep = keep_rows;
	prep_alloc(&b->prep, p, 0);
	b->prep.n = 0;
	acc_init(&b->acc, p->nsegments);
	b->inf = xcalloc(p->nsegments, sizeof *b->inf);
	b->neg = xcalloc(p->nsegments, sizeof *b->neg);
	return b;
}

void
sim_build_free(struct sim_build *b)
{
	if (b == NULL)
		return;
	acc_done(&b->acc, b->p->nsegments);
	sim_prep_done(&b->prep);
	free(b->inf);
	free(b->neg);
	free(b->tally);
	free(b);
}

void
sim_build_sql(struct sim_build *b)
{
	b->sql = 1;
}

void
sim_build_tally(struct sim_build *b)
{
	const struct policy *p = b->p;

	free(b->tally);
	b->tally = xcalloc(p->nknockouts + p->nsegments, sizeof *b->tally);
	b->tally_ok = 1;
	b->tally_rows = 0;
}

int
sim_build_tallies(const struct sim_build *b, struct cond_tally **tally,
	size_t *rows)
{
	size_t m = b->p->nknockouts + b->p->nsegments;

	*tally = NULL;
	*rows = 0;
	if (b->tally == NULL || !b->tally_ok)
		return 0;
	*tally = xmalloc(m * sizeof **tally);
	memcpy(*tally, b->tally, m * sizeof **tally);
	*rows = b->tally_rows;
	return 1;
}

/* Append the per-row arrays of rows to those of to (taken over, not
   copied, when to has none yet; rows' are then NULL). */
static void
rows_append(struct sim_prep *to, struct sim_prep *rows)
{
	size_t n = to->n + rows->n, m = n ? n : 1, o = to->n;

	if (to->n == 0) {
#define TAKE(f) do { \
		free(to->f); \
		to->f = rows->f; \
		rows->f = NULL; \
	} while (0)
		TAKE(y);
		TAKE(score);
		TAKE(pd);
		TAKE(ko);
		TAKE(seg);
		TAKE(ead);
		TAKE(lgd);
		TAKE(band);
		TAKE(limit);
#undef TAKE
		return;
	}

#define APPEND(f) do { \
		to->f = xreallocarray(to->f, m, sizeof *to->f); \
		memcpy(to->f + o, rows->f, rows->n * sizeof *to->f); \
	} while (0)
	APPEND(y);
	APPEND(score);
	APPEND(pd);
	APPEND(ko);
	APPEND(seg);
	APPEND(ead);
	APPEND(lgd);
	APPEND(band);
	APPEND(limit);
#undef APPEND
}

int
sim_build_add(struct sim_build *b, struct db *db, const struct dataset *ds,
	const double *score, const double *pd, struct rd_err *err)
{
	struct sim_prep rows;

	if (slice_rows(b->p, db, ds, score, pd, &rows, b->inf, b->neg,
	    b->tally, &b->tally_ok, b->sql, err) != 0)
		return -1;
	b->tally_rows += rows.n;
	acc_rows(&b->acc, &b->prep, &rows);
	if (b->keep)
		rows_append(&b->prep, &rows);
	b->prep.n += rows.n;
	sim_prep_done(&rows);
	return 0;
}

/* The knock-outs of p into kos, its segment conditions into whens, its
   EADs into exprs (ead_x[k] each segment's; arrays sized by the caller). */
static void
policy_lists(const struct policy *p, const char **kos, const char **whens,
	const char **exprs, size_t *nexpr, size_t *ead_x)
{
	size_t k;

	for (k = 0; k < p->nknockouts; k++)
		kos[k] = p->knockouts[k].when;
	for (k = 0; k + 1 < p->nsegments; k++)
		whens[k] = p->segments[k].when;
	for (k = 0; k < p->nsegments; k++)
		ead_x[k] = expr_slot(exprs, nexpr, p->segments[k].ead);
}

int
sim_slice_rows(const struct policy *pa, const struct policy *pb,
	struct db *db, const struct dataset *ds, const double *score_a,
	const double *pd_a, const double *score_b, const double *pd_b,
	struct sim_prep *rows_a, struct sim_prep *rows_b, struct rd_err *err)
{
	const struct policy *pp[2] = { pa, pb };
	const double *sc[2] = { score_a, score_b }, *pr[2] = { pd_a, pd_b };
	struct sim_prep *rows[2] = { rows_a, rows_b };
	const char **lists[4], **exprs;
	size_t nlist[4], *ead_x[2], n = ds->nrows, nexpr = 0, i, w, m;
	double *first[4], **val, *buf;
	int ko, seg, rc = -1;

	memset(rows_a, 0, sizeof *rows_a);
	memset(rows_b, 0, sizeof *rows_b);
	m = n ? n : 1;
	exprs = xcalloc(pa->nsegments + pb->nsegments + 1, sizeof *exprs);
	for (w = 0; w < 2; w++) {
		assert(pp[w]->nsegments > 0);
		lists[2 * w] = xcalloc(pp[w]->nknockouts + 1, sizeof **lists);
		lists[2 * w + 1] = xcalloc(pp[w]->nsegments, sizeof **lists);
		nlist[2 * w] = pp[w]->nknockouts;
		nlist[2 * w + 1] = pp[w]->nsegments - 1;
		ead_x[w] = xcalloc(pp[w]->nsegments, sizeof *ead_x[w]);
		policy_lists(pp[w], lists[2 * w], lists[2 * w + 1], exprs,
		    &nexpr, ead_x[w]);
		first[2 * w] = xmalloc(m * sizeof *first[0]);
		first[2 * w + 1] = xmalloc(m * sizeof *first[0]);
	}
	val = xcalloc(nexpr + 1, sizeof *val);
	buf = xmalloc((nexpr ? nexpr : 1) * m * sizeof *buf);
	for (i = 0; i < nexpr; i++)
		val[i] = buf + i * m;
	/* Both policies' conditions and EADs in one pass over the slice;
	   what the two share is evaluated once. */
	if (cond_first_n(db, pa->population,
	    (const char *const *const *)lists, nlist, first, 4, exprs, nexpr,
	    val, n, err) < 0)
		goto out;
	for (w = 0; w < 2; w++) {
		size_t nseg = pp[w]->nsegments;

		prep_alloc(rows[w], pp[w], n);
		rows[w]->has_rows = 1;
		for (i = 0; i < n; i++) {
			double ki = first[2 * w][i], si = first[2 * w + 1][i];

			rows[w]->y[i] = ds->y != NULL ? ds->y[i] : DS_INDET;
			rows[w]->score[i] = sc[w][i];
			rows[w]->pd[i] = pr[w][i];
			ko = isnan(ki) ? -1 : (int)ki;
			seg = isnan(si) || si < 0 ? (int)nseg - 1 : (int)si;
			prep_set(rows[w], i, ko, seg, ko < 0 ?
			    val[ead_x[w][seg]][i] : 0, NAN);
		}
	}
	rc = 0;
out:
	for (w = 0; w < 4; w++) {
		free(lists[w]);
		free(first[w]);
	}
	free(ead_x[0]);
	free(ead_x[1]);
	free(exprs);
	free(val);
	free(buf);
	return rc;
}

/*
 * How many applicants not knocked out segment k's own condition holds
 * for, over the rows of the table the window (if any) sets: ko[n] the
 * first knock-out of each row as cond_first gives it.
 */
static size_t
matched_rows(const struct policy *p, struct db *db, size_t k, size_t n,
	const int *ko, size_t *matched, struct rd_err *err)
{
	const char *one = p->segments[k].when;
	double *buf = xmalloc((n ? n : 1) * sizeof *buf);
	size_t i;

	if (db_expr_eval(db, p->population, &one, 1, &buf, n, err) < 0) {
		free(buf);
		return 1;
	}
	for (i = 0; i < n; i++)
		*matched += ko[i] < 0 && is_true(buf[i]);
	free(buf);
	return 0;
}

/*
 * Segment k's matched count (a segment nobody reached) read again over
 * the table in windows of slice rowids (0: whole): each window's rows
 * (a dataset of no columns gives their number), their first knock-outs
 * as cond_first gives them, and k's own condition.
 */
static int
matched_pass(const struct policy *p, struct db *db, size_t k, size_t slice,
	size_t *matched, struct rd_err *err)
{
	const char **kos = xcalloc(p->nknockouts + 1, sizeof *kos);
	double *ko_i = NULL;
	int *ko = NULL;
	int64_t lo = 0, hi;
	size_t n, i, j;
	int more = 1, rc = -1;

	for (j = 0; j < p->nknockouts; j++)
		kos[j] = p->knockouts[j].when;
	if (slice > 0) {
		if (db_rowid_range(db, p->population, &lo, &hi, &n, err) < 0)
			goto out;
		if (n == 0)
			slice = 0;
	}
	while (more == 1) {
		int64_t end = slice == 0 || lo > INT64_MAX - (int64_t)slice ?
		    INT64_MAX : lo + (int64_t)slice;
		struct dataset *ds;

		if (slice > 0)
			db_window_set(db, lo, end);
		ds = db_dataset_load_columns(db, p->population, NULL, 0, err);
		if (ds != NULL) {
			n = ds->nrows;
			ds_free(ds);
			ko_i = xreallocarray(ko_i, n ? n : 1, sizeof *ko_i);
			ko = xreallocarray(ko, n ? n : 1, sizeof *ko);
		}
		if (ds == NULL || cond_first(db, p->population, kos,
		    p->nknockouts, ko_i, NULL, 0, NULL, NULL, 0, NULL, n,
		    err) < 0) {
			if (slice > 0)
				db_window_clear(db);
			goto out;
		}
		for (i = 0; i < n; i++)
			ko[i] = isnan(ko_i[i]) ? -1 : (int)ko_i[i];
		j = matched_rows(p, db, k, n, ko, matched, err);
		if (slice > 0)
			db_window_clear(db);
		if (j != 0)
			goto out;
		if (slice == 0 || end == INT64_MAX)
			break;
		more = db_next_rowid(db, p->population, end, &lo, err);
	}
	if (more < 0)
		goto out;
	rc = 0;
out:
	free(kos);
	free(ko_i);
	free(ko);
	return rc;
}

/* Free prep's per-row arrays (the rows kept) and set them NULL. */
static void
prep_rows_free(struct sim_prep *prep)
{
	free(prep->y);
	free(prep->score);
	free(prep->pd);
	free(prep->ko);
	free(prep->seg);
	free(prep->ead);
	free(prep->lgd);
	free(prep->band);
	free(prep->limit);
	prep->y = NULL;
	prep->score = prep->pd = prep->ead = prep->lgd = NULL;
	prep->limit = NULL;
	prep->ko = prep->seg = prep->band = NULL;
}

int
sim_build_finish(struct sim_build *b, struct db *db, size_t slice,
	struct sim_prep *prep, struct rd_err *err)
{
	const struct policy *p = b->p;
	size_t k, nseg = p->nsegments;
	int rc = -1;

	memset(prep, 0, sizeof *prep);
	if (ead_counted(p, b->inf, b->neg, err) != 0)
		goto out;
	*prep = b->prep;
	memset(&b->prep, 0, sizeof b->prep);
	if (!b->keep)
		prep_rows_free(prep);
	prep->has_rows = b->keep;
	acc_finish(&b->acc, prep);
	if (ead_overflow(p, prep, err) != 0) {
		sim_prep_done(prep);
		goto out;
	}
	/*
	 * A segment nobody reached: does its own condition hold for anyone
	 * not knocked out (so earlier segments took them all)?  Rare, so
	 * evaluated only then.
	 */
	for (k = 0; k < nseg; k++) {
		if (prep->napp[k] > 0 || k + 1 == nseg) {
			prep->matched[k] = k + 1 == nseg ? prep->nkept :
			    prep->napp[k];
			continue;
		}
		if (prep->has_rows ? matched_rows(p, db, k, prep->n, prep->ko,
		    &prep->matched[k], err) != 0 : matched_pass(p, db, k,
		    slice, &prep->matched[k], err) != 0) {
			sim_prep_done(prep);
			goto out;
		}
	}
	rc = 0;
out:
	sim_build_free(b);
	return rc;
}

int
sim_prepare(const struct policy *p, struct db *db, const struct dataset *ds,
	const double *score, const double *pd, struct sim_prep *prep,
	struct rd_err *err)
{
	return sim_prepare_how(p, db, ds, score, pd, 0, prep, err);
}

int
sim_prepare_how(const struct policy *p, struct db *db,
	const struct dataset *ds, const double *score, const double *pd,
	int sql, struct sim_prep *prep, struct rd_err *err)
{
	struct sim_build *b;

	memset(prep, 0, sizeof *prep);
	assert(p->nsegments > 0);
	if (ds->table != NULL && strcmp(ds->table, p->population) != 0)
		return rd_err_set(err, RD_EINPUT, "dataset \"%s\" is not the "
		    "population \"%s\" of policy \"%s\"", ds->table,
		    p->population, p->name);
	b = sim_build_new(p, 1);
	if (sql)
		sim_build_sql(b);
	if (sim_build_add(b, db, ds, score, pd, err) != 0) {
		sim_build_free(b);
		return -1;
	}
	return sim_build_finish(b, db, 0, prep, err);
}

void
sim_prep_from_arrays(struct sim_prep *prep, const struct policy *p,
	size_t n, const signed char *y, const double *score, const double *pd,
	const int *ko, const int *seg, const double *ead, const double *income)
{
	size_t i;

	prep_alloc(prep, p, n);
	for (i = 0; i < n; i++) {
		prep->y[i] = y != NULL ? y[i] : DS_INDET;
		prep->score[i] = score[i];
		prep->pd[i] = pd[i];
		assert(ko[i] < (int)p->nknockouts);
		prep_set(prep, i, ko[i], seg[i], ead[i],
		    income != NULL ? income[i] : NAN);
		if (ko[i] < 0)
			prep->matched[seg[i]]++;
	}
	prep_index(prep);
	prep->has_rows = 1;
}

void
sim_prep_done(struct sim_prep *prep)
{
	if (prep == NULL)
		return;
	prep_rows_free(prep);
	free(prep->matched);
	free(prep->seg_ead_missing);
	free(prep->ko_count);
	free(prep->napp);
	free(prep->off);
	free(prep->len);
	free(prep->levels);
	free(prep->cum_n);
	free(prep->cum_known);
	free(prep->cum_bad);
	free(prep->cum_pd);
	free(prep->cum_el);
	free(prep->cum_ead);
	free(prep->cum_rev);
	free(prep->cum_limit);
	free(prep->disc_risk);
	free(prep->disc_goods);
	free(prep->disc_bads);
	memset(prep, 0, sizeof *prep);
}

/* ------------------------------------------------------------ simulation */

static double
ratio(double num, size_t den)
{
	return den > 0 ? num / (double)den : NAN;
}

/*
 * Turn counts into rates.  During accumulation exp_bad_rate holds the sum
 * of PD over the approved; here it becomes their mean.  funding_rate is
 * the policy's.
 */
static void
stats_finish(struct sim_stats *st, int priced, double funding_rate)
{
	st->approval_rate = ratio((double)st->approved, st->applicants);
	st->refer_rate = ratio((double)st->referred, st->applicants);
	st->decline_rate = ratio((double)st->declined, st->applicants);
	st->bad_rate = ratio((double)st->approved_bad, st->approved_known);
	st->exp_bad_rate = ratio(st->exp_bad_rate, st->approved);
	if (priced) {
		st->funding_cost = funding_rate * st->exposure;
		st->profit = st->revenue - st->funding_cost -
		    st->expected_loss;
	} else
		st->revenue = st->funding_cost = st->profit = NAN;
}

/* How many of segment s's levels are >= c. */
static size_t
levels_at_least(const struct sim_prep *prep, size_t s, double c)
{
	const double *v = prep->levels + prep->off[s];
	size_t lo = 0, hi = prep->len[s], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] >= c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Applicants of segment s in its first j levels. */
static size_t
count_levels(const struct sim_prep *prep, size_t s, size_t j)
{
	size_t a = prep->off[s] + s;

	return prep->cum_n[a + j] - prep->cum_n[a];
}

/* Add the first j levels of segment s to *st as approved, with their
   sums (exp_bad_rate holds the PD sum). */
static void
add_approved(const struct sim_prep *prep, size_t s, size_t j,
	struct sim_stats *st)
{
	size_t a = prep->off[s] + s, b = a + j;

	st->approved += prep->cum_n[b] - prep->cum_n[a];
	st->approved_known += prep->cum_known[b] - prep->cum_known[a];
	st->approved_bad += prep->cum_bad[b] - prep->cum_bad[a];
	st->exp_bad_rate += prep->cum_pd[b] - prep->cum_pd[a];
	st->expected_loss += prep->cum_el[b] - prep->cum_el[a];
	st->exposure += prep->cum_ead[b] - prep->cum_ead[a];
	st->revenue += prep->cum_rev[b] - prep->cum_rev[a];
	st->credit_limit += prep->cum_limit[b] - prep->cum_limit[a];
}

/* Add two unfinished stats (sums and counts). */
static void
stats_add(struct sim_stats *to, const struct sim_stats *st)
{
	to->applicants += st->applicants;
	to->approved += st->approved;
	to->referred += st->referred;
	to->declined += st->declined;
	to->approved_known += st->approved_known;
	to->approved_bad += st->approved_bad;
	to->exp_bad_rate += st->exp_bad_rate;
	to->exposure += st->exposure;
	to->expected_loss += st->expected_loss;
	to->credit_limit += st->credit_limit;
	to->revenue += st->revenue;
}

void
sim_figures(const struct sim_prep *prep, const double *cutoffs,
	struct sim_result *res)
{
	const struct policy *p = prep->policy;
	const struct policy_segment *ps;
	struct sim_stats *st, *tot = &res->total;
	size_t s, nseg = prep->nseg, nko = prep->nko, i, ka, kr, na, nr;
	double lo;

	memset(res, 0, sizeof *res);
	res->nseg = nseg;
	res->nko = nko;
	res->segments = xcalloc(nseg ? nseg : 1, sizeof *res->segments);
	res->ko_count = xcalloc(nko ? nko : 1, sizeof *res->ko_count);
	res->cutoffs = xcalloc(nseg ? nseg : 1, sizeof *res->cutoffs);
	/* Knock-out counts do not depend on cutoffs. */
	for (i = 0; i < nko; i++)
		res->ko_count[i] = prep->ko_count[i];

	for (s = 0; s < nseg; s++) {
		ps = &p->segments[s];
		st = &res->segments[s];
		res->cutoffs[s] = cutoffs != NULL ? cutoffs[s] : ps->cutoff;
		/*
		 * Lower edge of the refer band: the band keeps its width
		 * under an override.  NaN (no band) is never <= a score.
		 */
		lo = res->cutoffs[s] - (ps->cutoff - ps->refer);
		ka = levels_at_least(prep, s, res->cutoffs[s]);
		kr = isnan(lo) ? ka : levels_at_least(prep, s, lo);
		if (kr < ka)
			kr = ka;
		na = count_levels(prep, s, ka);
		nr = count_levels(prep, s, kr);
		st->applicants = prep->napp[s];
		add_approved(prep, s, ka, st);
		st->referred = nr - na;
		st->declined = prep->napp[s] - nr;
		stats_add(tot, st);
		stats_finish(st, prep->priced, p->funding_rate);
	}
	/* Totals: the segments plus the knocked-out, who are declined. */
	for (s = 0; s < nko; s++)
		tot->knocked_out += res->ko_count[s];
	tot->applicants += tot->knocked_out;
	tot->declined += tot->knocked_out;
	stats_finish(tot, prep->priced, p->funding_rate);
}

void
sim_run(const struct sim_prep *prep, const double *cutoffs,
	struct sim_result *res)
{
	const struct policy *p = prep->policy;
	double *lo, sc;
	size_t i, s, nseg = prep->nseg;
	int k;

	assert(prep->has_rows);
	sim_figures(prep, cutoffs, res);
	res->decision = xmalloc(prep->n ? prep->n : 1);
	lo = xcalloc(nseg ? nseg : 1, sizeof *lo);
	for (s = 0; s < nseg; s++)
		lo[s] = res->cutoffs[s] - (p->segments[s].cutoff -
		    p->segments[s].refer);
	for (i = 0; i < prep->n; i++) {
		if (prep->ko[i] >= 0) {
			res->decision[i] = SIM_KNOCKOUT;
			continue;
		}
		k = prep->seg[i];
		sc = prep->score[i];
		if (sc >= res->cutoffs[k])
			res->decision[i] = SIM_APPROVE;
		else if (sc >= lo[k])
			res->decision[i] = SIM_REFER;
		else
			res->decision[i] = SIM_DECLINE;
	}
	free(lo);
}

int
sim_segment_shadowed(const struct sim_prep *prep,
	const struct sim_result *res, size_t s)
{
	return res->segments[s].applicants == 0 && prep->matched[s] > 0;
}

void
sim_result_done(struct sim_result *res)
{
	if (res == NULL)
		return;
	free(res->segments);
	free(res->ko_count);
	free(res->cutoffs);
	free(res->decision);
	memset(res, 0, sizeof *res);
}

/* ------------------------------------------------------------ curves */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The figures of the set (segment seg, or all with seg -1) at cutoff c. */
static void
curve_point(const struct sim_prep *prep, int seg, double c,
	struct sim_curve_point *pt)
{
	struct sim_stats st;
	size_t s, applicants = 0;

	memset(&st, 0, sizeof st);
	for (s = 0; s < prep->nseg; s++) {
		if (seg >= 0 && (size_t)seg != s)
			continue;
		add_approved(prep, s, levels_at_least(prep, s, c), &st);
		applicants += prep->napp[s];
	}
	if (seg < 0)
		applicants = prep->n;
	st.applicants = applicants;
	stats_finish(&st, prep->priced, prep->policy->funding_rate);
	pt->cutoff = c;
	pt->approved = st.approved;
	pt->approved_known = st.approved_known;
	pt->approval_rate = st.approval_rate;
	pt->bad_rate = st.bad_rate;
	pt->exp_bad_rate = st.exp_bad_rate;
	pt->exposure = st.exposure;
	pt->expected_loss = st.expected_loss;
	pt->profit = st.profit;
}

/* The population's reason for an unavailable bad rate: no applicant has
   a known outcome (buf[METRIC_REASON_MAX]); NULL when some has one. */
static const char *
population_na(const struct sim_prep *prep, char *buf)
{
	char where[METRIC_REASON_MAX];

	snprintf(where, sizeof where, "table %s", prep->policy->population);
	return metric_na_reason(prep->nknown, prep->nbad, 0, where, buf);
}

/* Why no bad rate of the curve of seg (-1: all) can be had, into
   na[METRIC_REASON_MAX]: none of the set's scored applicants has a known
   outcome.  "" otherwise, or for an empty set. */
static void
curve_na(const struct sim_prep *prep, int seg, char *na)
{
	size_t s, known = 0, count = 0, a;

	na[0] = '\0';
	for (s = 0; s < prep->nseg; s++) {
		if (seg >= 0 && (size_t)seg != s)
			continue;
		a = prep->off[s] + s;
		known += prep->cum_known[a + prep->len[s]] -
		    prep->cum_known[a];
		count += prep->cum_n[a + prep->len[s]] - prep->cum_n[a];
	}
	if (count == 0 || known > 0 || population_na(prep, na) != NULL)
		return;
	snprintf(na, METRIC_REASON_MAX, "no known outcomes among the %s "
	    "scored applicants of %s%s", fmt_count((char[FMT_BUF]){ 0 },
	    (double)count), seg >= 0 ? "segment " : "the policy",
	    seg >= 0 ? prep->policy->segments[seg].name : "");
}

void
sim_curve(const struct sim_prep *prep, int seg, size_t max_points,
	struct sim_curve *out)
{
	double *v, lo, hi;
	size_t s, m = 0, k, nd, i;

	if (max_points < 2)
		max_points = SIM_CURVE_MAX;
	memset(out, 0, sizeof *out);
	out->seg = seg;
	/* The set's scores, ascending and distinct. */
	v = xmalloc((prep->nlevels ? prep->nlevels : 1) * sizeof *v);
	for (s = 0; s < prep->nseg; s++) {
		if (seg >= 0 && (size_t)seg != s)
			continue;
		for (k = 0; k < prep->len[s]; k++)
			v[m++] = prep->levels[prep->off[s] + k];
	}
	curve_na(prep, seg, out->na);
	qsort(v, m, sizeof *v, cmp_double);
	for (nd = 0, k = 0; k < m; k++)
		if (nd == 0 || v[k] != v[nd - 1])
			v[nd++] = v[k];
	if (nd == 0) {
		out->n = 1;
		out->pt = xcalloc(1, sizeof *out->pt);
		curve_point(prep, seg, 0, &out->pt[0]);
		free(v);
		return;
	}
	lo = v[0];
	hi = v[nd - 1];
	if (nd > max_points - 1) {
		/* Evenly spaced from the lowest score to the highest. */
		nd = max_points - 1;
		for (i = 0; i < nd; i++)
			v[i] = nd > 1 ? lo + (hi - lo) * (double)i /
			    (double)(nd - 1) : lo;
	}
	out->n = nd + 1;
	out->pt = xcalloc(out->n, sizeof *out->pt);
	for (i = 0; i < nd; i++)
		curve_point(prep, seg, v[i], &out->pt[i]);
	/* One above the highest score: nobody approved. */
	curve_point(prep, seg, hi + 1, &out->pt[nd]);
	free(v);
}

void
sim_curve_done(struct sim_curve *c)
{
	if (c == NULL)
		return;
	free(c->pt);
	memset(c, 0, sizeof *c);
}

/* ---------------------------------------------------------- optimiser */

/*
 * Candidate cutoffs of segment s, highest first: cand[0] approves nobody
 * (one above the highest score, or the policy's cutoff for an empty
 * segment), cand[j] every score >= it; cnt[j] how many that approves and
 * lv[j] how many levels.  With more than maxc levels, evenly spaced ones
 * and the last.
 */
static size_t
opt_candidates(const struct sim_prep *prep, size_t s, size_t maxc,
	double **candp, size_t **cntp, size_t **lvp)
{
	const double *v = prep->levels + prep->off[s];
	size_t len = prep->len[s], step, nc, j, k;
	double *cand;
	size_t *cnt, *lv;

	step = len > maxc ? (len + maxc - 1) / maxc : 1;
	nc = len / step + 2;
	cand = xmalloc(nc * sizeof *cand);
	cnt = xmalloc(nc * sizeof *cnt);
	lv = xmalloc(nc * sizeof *lv);
	cand[0] = len > 0 ? v[0] + 1 : prep->policy->segments[s].cutoff;
	cnt[0] = 0;
	lv[0] = 0;
	j = 1;
	for (k = 1; k <= len; k++) {
		if (k % step != 0 && k != len)
			continue;
		cand[j] = v[k - 1];
		cnt[j] = count_levels(prep, s, k);
		lv[j] = k;
		j++;
	}
	*candp = cand;
	*cntp = cnt;
	*lvp = lv;
	return j;
}

int
sim_optimise(const struct sim_prep *prep, const struct sim_opt_spec *spec,
	struct sim_opt *out, struct rd_err *err)
{
	size_t nseg = prep->nseg, s, j, a, amax = 0, best, maxc, w;
	double *cost, *alt, *ncost, *nalt, c, x;
	int bad_rate = spec->kind == SIM_TARGET_BAD_RATE;
	size_t A, k;

	memset(out, 0, sizeof *out);
	if (!isfinite(spec->target) || spec->target < 0 ||
	    (bad_rate && spec->target > 1))
		return rd_err_set(err, RD_EUSAGE, "the optimiser's target must "
		    "be %s, found %g", bad_rate ? "a bad rate from 0 to 1" :
		    "an expected loss of 0 or more", spec->target);
	out->spec = *spec;
	out->nseg = nseg;
	maxc = spec->max_candidates ? spec->max_candidates :
	    SIM_OPT_CANDIDATES;
	out->ntotal = prep->nkept;
	w = out->ntotal + 1;
	out->cand = xcalloc(nseg ? nseg : 1, sizeof *out->cand);
	out->cand_n = xcalloc(nseg ? nseg : 1, sizeof *out->cand_n);
	out->cand_lv = xcalloc(nseg ? nseg : 1, sizeof *out->cand_lv);
	out->ncand = xcalloc(nseg ? nseg : 1, sizeof *out->ncand);
	out->seg_max = xcalloc(nseg ? nseg : 1, sizeof *out->seg_max);
	out->back = xmalloc((nseg ? nseg : 1) * w * sizeof *out->back);
	out->cutoffs = xcalloc(nseg ? nseg : 1, sizeof *out->cutoffs);
	cost = xmalloc(w * sizeof *cost);
	alt = xmalloc(w * sizeof *alt);
	ncost = xmalloc(w * sizeof *ncost);
	nalt = xmalloc(w * sizeof *nalt);

	/*
	 * cost[A]: the least sum of the optimised cost (sum PD or EL) over
	 * the segments so far approving exactly A; alt[A] the other sum of
	 * that choice.  Unreachable counts cost +inf.
	 */
	cost[0] = 0;
	alt[0] = 0;
	for (s = 0; s < nseg; s++) {
		size_t base = prep->off[s] + s;
		size_t nmax;

		out->ncand[s] = opt_candidates(prep, s, maxc, &out->cand[s],
		    &out->cand_n[s], &out->cand_lv[s]);
		nmax = amax + prep->napp[s];
		for (A = 0; A <= nmax; A++) {
			ncost[A] = INFINITY;
			nalt[A] = 0;
			out->back[s * w + A] = 0;
		}
		for (a = 0; a <= amax; a++) {
			if (isinf(cost[a]))
				continue;
			for (j = 0; j < out->ncand[s]; j++) {
				size_t lv = out->cand_lv[s][j];

				k = out->cand_n[s][j];
				c = bad_rate ? prep->cum_pd[base + lv] :
				    prep->cum_el[base + lv];
				x = bad_rate ? prep->cum_el[base + lv] :
				    prep->cum_pd[base + lv];
				if (cost[a] + c < ncost[a + k]) {
					ncost[a + k] = cost[a] + c;
					nalt[a + k] = alt[a] + x;
					out->back[s * w + a + k] = (unsigned)j;
				}
			}
		}
		amax = nmax;
		out->seg_max[s] = amax;
		memcpy(cost, ncost, (amax + 1) * sizeof *cost);
		memcpy(alt, nalt, (amax + 1) * sizeof *alt);
	}

	/* The efficient frontier: counts whose cost beats every larger one. */
	out->frontier = xcalloc(amax + 1, sizeof *out->frontier);
	c = INFINITY;
	for (A = amax + 1; A-- > 0;) {
		struct sim_frontier_point *fp;

		if (isinf(cost[A]) || cost[A] >= c)
			continue;
		c = cost[A];
		fp = &out->frontier[out->nfrontier++];
		fp->approved = A;
		fp->approval_rate = ratio((double)A, prep->n);
		fp->exp_bad_rate = ratio(bad_rate ? cost[A] : alt[A], A);
		fp->expected_loss = bad_rate ? alt[A] : cost[A];
	}
	/* Ascending approvals. */
	for (j = 0; j < out->nfrontier / 2; j++) {
		struct sim_frontier_point t = out->frontier[j];

		out->frontier[j] = out->frontier[out->nfrontier - 1 - j];
		out->frontier[out->nfrontier - 1 - j] = t;
	}
	best = 0;
	for (j = 0; j < out->nfrontier; j++) {
		const struct sim_frontier_point *fp = &out->frontier[j];
		double sumpd = fp->approved > 0 ? fp->exp_bad_rate *
		    (double)fp->approved : 0;

		/* A small slack for the rounding of the sums. */
		if (bad_rate ? sumpd <= spec->target * (double)fp->approved *
		    (1 + 1e-12) : fp->expected_loss <= spec->target *
		    (1 + 1e-12) + 1e-9)
			best = j;
	}
	out->chosen = best;
	out->feasible = out->nfrontier > 0 &&
	    out->frontier[best].approved > 0;
	if (out->nfrontier > 0)
		sim_opt_frontier_cutoffs(prep, out, best, out->cutoffs);
	else
		for (s = 0; s < nseg; s++)
			out->cutoffs[s] = prep->policy->segments[s].cutoff;
	sim_figures(prep, out->cutoffs, &out->result);
	free(cost);
	free(alt);
	free(ncost);
	free(nalt);
	return 0;
}

void
sim_opt_frontier_cutoffs(const struct sim_prep *prep,
	const struct sim_opt *opt, size_t k, double *cutoffs)
{
	size_t s, A = opt->frontier[k].approved, w = opt->ntotal + 1;
	unsigned j;

	(void)prep;
	for (s = opt->nseg; s-- > 0;) {
		j = opt->back[s * w + A];
		cutoffs[s] = opt->cand[s][j];
		A -= opt->cand_n[s][j];
	}
}

void
sim_opt_done(struct sim_opt *opt)
{
	size_t s;

	if (opt == NULL)
		return;
	for (s = 0; opt->cand != NULL && s < opt->nseg; s++) {
		free(opt->cand[s]);
		free(opt->cand_n[s]);
		free(opt->cand_lv[s]);
	}
	free(opt->cand_lv);
	free(opt->cand);
	free(opt->cand_n);
	free(opt->ncand);
	free(opt->seg_max);
	free(opt->back);
	free(opt->cutoffs);
	free(opt->frontier);
	sim_result_done(&opt->result);
	memset(opt, 0, sizeof *opt);
}

/* ------------------------------------------- champion vs challenger */

/* Row i into cell c; in_a, in_b: whether a, b approve it.  Its expected
   loss counts under a policy that approves it only: a declined
   applicant has no exposure. */
static void
cell_add(struct sim_swap_cell *c, const struct sim_prep *a,
	const struct sim_prep *b, size_t i, int in_a, int in_b)
{
	c->count++;
	if (a->y[i] != DS_INDET) {
		c->known++;
		if (a->y[i] == DS_BAD)
			c->bad++;
	}
	if (in_a)
		c->el_champion += a->pd[i] * a->lgd[i] * a->ead[i];
	if (in_b)
		c->el_challenger += b->pd[i] * b->lgd[i] * b->ead[i];
}

/* The cutoff of segment s of prep under cuts (NULL: the policy's). */
static double
cut_of(const struct sim_prep *prep, const double *cuts, size_t s)
{
	return cuts != NULL ? cuts[s] : prep->policy->segments[s].cutoff;
}

/* Row i of prep, a credit approval, stopped by a fraud rule: into *st. */
static void
stop_add(struct sim_swap_stop *st, const struct sim_prep *prep, size_t i)
{
	st->count++;
	if (prep->y[i] != DS_INDET) {
		st->known++;
		if (prep->y[i] == DS_BAD)
			st->bad++;
	}
	st->pd += prep->pd[i];
	st->el += prep->pd[i] * prep->lgd[i] * prep->ead[i];
}

void
sim_swap_rows(const struct sim_prep *a, const double *cut_a,
	const signed char *fa, const struct sim_prep *b, const double *cut_b,
	const signed char *fb, struct sim_swap *out)
{
	struct sim_swap_cell *cells[4];
	size_t i;
	int in_a, in_b;

	assert(a->has_rows && b->has_rows && a->n == b->n);
	cells[0] = &out->neither;
	cells[1] = &out->swap_out;	/* champion only */
	cells[2] = &out->swap_in;	/* challenger only */
	cells[3] = &out->both;
	for (i = 0; i < a->n; i++) {
		in_a = a->ko[i] < 0 && a->score[i] >= cut_of(a, cut_a,
		    (size_t)a->seg[i]);
		in_b = b->ko[i] < 0 && b->score[i] >= cut_of(b, cut_b,
		    (size_t)b->seg[i]);
		/* The fraud rules come first (decide). */
		if (in_a && fa != NULL && fa[i] >= 0) {
			stop_add(&out->stop_a, a, i);
			in_a = 0;
		}
		if (in_b && fb != NULL && fb[i] >= 0) {
			stop_add(&out->stop_b, b, i);
			in_b = 0;
		}
		cell_add(cells[in_a + 2 * in_b], a, b, i, in_a, in_b);
	}
}

int
sim_swap_check(const struct sim_prep *a, const struct sim_prep *b,
	struct rd_err *err)
{
	if (a->n != b->n || strcmp(a->policy->population,
	    b->policy->population) != 0)
		return rd_err_set(err, RD_EINPUT, "no swap set: the champion "
		    "runs on \"%s\" and the challenger on \"%s\"",
		    a->policy->population, b->policy->population);
	return 0;
}

/*
 * The totals of t, finished, with the approvals st its fraud rules stop
 * counted out (none: t as it is, bit for bit).
 */
static void
stop_out(struct sim_stats *t, const struct sim_swap_stop *st)
{
	double pd;

	if (st->count == 0)
		return;
	pd = t->exp_bad_rate * (double)t->approved - st->pd;
	t->approved -= st->count;
	t->approved_known -= st->known;
	t->approved_bad -= st->bad;
	t->expected_loss -= st->el;
	t->approval_rate = ratio((double)t->approved, t->applicants);
	t->bad_rate = ratio((double)t->approved_bad, t->approved_known);
	t->exp_bad_rate = ratio(pd, t->approved);
}

void
sim_swap_finish(const struct sim_prep *a, const double *cut_a,
	const struct sim_prep *b, const double *cut_b, struct sim_swap *out)
{
	struct sim_result ra, rb;
	struct sim_swap_cell *cells[4];
	size_t i;

	sim_figures(a, cut_a, &ra);
	sim_figures(b, cut_b, &rb);
	stop_out(&ra.total, &out->stop_a);
	stop_out(&rb.total, &out->stop_b);
	cells[0] = &out->neither;
	cells[1] = &out->swap_out;
	cells[2] = &out->swap_in;
	cells[3] = &out->both;
	for (i = 0; i < 4; i++)
		cells[i]->bad_rate = ratio((double)cells[i]->bad,
		    cells[i]->known);
	out->d_approval_rate = rb.total.approval_rate -
	    ra.total.approval_rate;
	out->d_bad_rate = rb.total.bad_rate - ra.total.bad_rate;
	out->d_exp_bad_rate = rb.total.exp_bad_rate - ra.total.exp_bad_rate;
	out->d_expected_loss = rb.total.expected_loss -
	    ra.total.expected_loss;
	if (sim_bad_rate_na(a, ra.total.approved, ra.total.approved_known,
	    "approved by the champion", out->na) == NULL)
		sim_bad_rate_na(b, rb.total.approved, rb.total.approved_known,
		    "approved by the challenger", out->na);
	sim_result_done(&ra);
	sim_result_done(&rb);
}

int
sim_swap(const struct sim_prep *a, const double *cut_a,
	const signed char *fa, const struct sim_prep *b, const double *cut_b,
	const signed char *fb, struct sim_swap *out, struct rd_err *err)
{
	memset(out, 0, sizeof *out);
	if (sim_swap_check(a, b, err) != 0)
		return -1;
	sim_swap_rows(a, cut_a, fa, b, cut_b, fb, out);
	sim_swap_finish(a, cut_a, b, cut_b, out);
	return 0;
}

/* ------------------------------------------------------------ outcomes */

const char *
sim_bad_rate_na(const struct sim_prep *prep, size_t count, size_t known,
	const char *of, char *buf)
{
	size_t len;

	buf[0] = '\0';
	if (count == 0 || known > 0)
		return NULL;
	if (population_na(prep, buf) != NULL)
		return buf;
	/* "the 1 applicant", "the 12 applicants" */
	len = strlen(of);
	if (count == 1 && len > 0 && of[len - 1] == 's')
		len--;
	snprintf(buf, METRIC_REASON_MAX, "no known outcome among the %s %.*s",
	    fmt_count((char[FMT_BUF]){ 0 }, (double)count), (int)len, of);
	return buf;
}

void
sim_discrimination(const struct sim_prep *prep, struct sim_disc *out)
{
	char where[METRIC_REASON_MAX];
	size_t k = 0;

	memset(out, 0, sizeof *out);
	/* The cells of the negated points (a risk score), ascending: the
	   groups metric_auc_ks makes of the rows, so the same figures. */
	out->n_known = prep->nknown;
	out->n_bad = prep->nbad;
	out->auc = metric_auc_counts(prep->disc_goods, prep->disc_bads,
	    prep->ndisc);
	out->ks = metric_ks_counts(prep->disc_goods, prep->disc_bads,
	    prep->ndisc, &k);
	out->ks_at = isnan(out->ks) ? NAN : prep->disc_risk[k];
	out->gini = 2.0 * out->auc - 1.0;
	out->ks_at = -out->ks_at;
	snprintf(where, sizeof where, "table %s", prep->policy->population);
	if (metric_na_reason(prep->nknown, prep->nbad, 1, where,
	    out->na) == NULL && isnan(out->auc))
		/* Known bads and goods, but none of one kind has a score. */
		snprintf(out->na, sizeof out->na, "no scored bads or no scored "
		    "goods in table %s", prep->policy->population);
}

/* -------------------------------------------------------- reachability */

int
sim_reach(const struct policy *p, struct db *db, size_t *reached,
	size_t *matched, struct rd_err *err)
{
	struct sim_overlap o;

	if (sim_overlap(p, db, &o, err) != 0)
		return -1;
	memcpy(reached, o.reached, p->nsegments * sizeof *reached);
	memcpy(matched, o.matched, p->nsegments * sizeof *matched);
	sim_overlap_done(&o);
	return 0;
}

int
sim_check_ead_all(const struct policy *p, struct db *db,
	struct policy_errors *errs, struct rd_err *err)
{
	const char **kos, **whens, **eads;
	double *ko_i, *seg_i, **val, *buf;
	unsigned char *mask, *texty;
	struct table_meta meta;
	struct rd_err e;
	size_t n, nseg = p->nsegments, i, k, *ead_x, count;
	size_t before = errs->n + errs->dropped;
	char *first = NULL;
	int rc = -1, seg;

	if (db_table_meta(db, p->population, &meta, err) < 0)
		return -1;
	n = (size_t)meta.rows;
	table_meta_done(&meta);
	kos = xcalloc(p->nknockouts + 1, sizeof *kos);
	whens = xcalloc(nseg, sizeof *whens);
	eads = xcalloc(nseg, sizeof *eads);
	ead_x = xcalloc(nseg, sizeof *ead_x);
	texty = xcalloc(nseg, sizeof *texty);
	for (k = 0; k < p->nknockouts; k++)
		kos[k] = p->knockouts[k].when;
	for (k = 0; k < nseg; k++) {
		whens[k] = p->segments[k].when;
		eads[k] = p->segments[k].ead;
		ead_x[k] = k;
	}
	ko_i = xmalloc((n ? n : 1) * sizeof *ko_i);
	seg_i = xmalloc((n ? n : 1) * sizeof *seg_i);
	mask = xmalloc(n ? n : 1);
	val = xcalloc(nseg, sizeof *val);
	buf = xmalloc(nseg * (n ? n : 1) * sizeof *buf);
	for (k = 0; k < nseg; k++)
		val[k] = buf + k * n;
	if (cond_first(db, p->population, kos, p->nknockouts, ko_i, whens,
	    nseg - 1, seg_i, eads, nseg, val, n, err) < 0)
		goto out;
	for (k = 0; k < nseg; k++) {
		const struct policy_segment *s = &p->segments[k];

		for (i = 0; i < n; i++) {
			seg = isnan(seg_i[i]) || seg_i[i] < 0 ?
			    (int)nseg - 1 : (int)seg_i[i];
			mask[i] = (isnan(ko_i[i]) || ko_i[i] < 0) &&
			    (size_t)seg == k;
		}
		if (db_expr_text_rows(db, p->population, s->ead, mask, n,
		    &count, &first, err) < 0)
			goto out;
		texty[k] = count > 0;
		if (count > 0) {
			rd_err_setloc(&e, RD_EINPUT, p->path, s->ead_at.line,
			    s->ead_at.col, "expected a number for EAD, found "
			    "text \"%.40s\" on %zu row%s of segment \"%s\"",
			    first != NULL ? first : "", count, count == 1 ?
			    "" : "s", s->name);
			policy_errors_add(errs, &e);
		}
		free(first);
		first = NULL;
	}
	ead_problems(p, ko_i, seg_i, val, ead_x, n, errs);
	/* An EAD that is NULL on every applicant a segment takes leaves
	   its expected loss unknown: the expression cannot be right. */
	for (k = 0; k < nseg; k++) {
		const struct policy_segment *s = &p->segments[k];
		size_t rows = 0, nulls = 0;

		for (i = 0; i < n; i++) {
			if (!isnan(ko_i[i]) && ko_i[i] >= 0)
				continue;
			seg = isnan(seg_i[i]) || seg_i[i] < 0 ?
			    (int)nseg - 1 : (int)seg_i[i];
			if ((size_t)seg != k)
				continue;
			rows++;
			nulls += isnan(val[k][i]) != 0;
		}
		/* Text is NaN too: reported above already. */
		if (rows > 0 && nulls == rows && !texty[k]) {
			rd_err_setloc(&e, RD_EINPUT, p->path, s->ead_at.line,
			    s->ead_at.col, "EAD is NULL on every applicant of "
			    "segment \"%s\" (all %zu)", s->name, rows);
			policy_errors_add(errs, &e);
		}
	}
	rc = errs->n + errs->dropped > before;
out:
	free(kos);
	free(whens);
	free(eads);
	free(ead_x);
	free(texty);
	free(ko_i);
	free(seg_i);
	free(mask);
	free(val);
	free(buf);
	return rc;
}

int
sim_check_ead(const struct policy *p, struct db *db, struct rd_err *err)
{
	struct policy_errors errs = { NULL, 0, 0 };
	int rc;

	rc = sim_check_ead_all(p, db, &errs, err);
	if (rc == 1) {
		if (err != NULL)
			*err = errs.err[0];
		rc = -1;
	}
	policy_errors_done(&errs);
	return rc;
}
