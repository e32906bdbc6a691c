/*
 * sim.c - simulate an approval policy over a population (see sim.h).
 *
 * The work is split by how often it runs.  sim_prepare runs once per
 * policy and population: it asks the data layer to evaluate every
 * knock-out condition, segment condition and EAD expression in one pass
 * over the table (db_expr_eval), and reduces them to one knock-out index,
 * one segment index, one EAD and one LGD per applicant.  sim_run runs on
 * every cutoff change (each key press in the TUI): a single loop over the
 * applicants with no allocation per row, accumulating per-segment counts
 * and sums, which are then added up into the totals.
 *
 * The simulation layer sees no SQL and no YAML: expressions go to the data
 * layer as text, and the policy arrives parsed.
 */
#include "config.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "data/ds.h"
#include "policy/policy.h"
#include "sim/sim.h"
#include "util/err.h"
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
	size_t m = n ? n : 1;

	memset(prep, 0, sizeof *prep);
	prep->n = n;
	prep->nseg = p->nsegments;
	prep->nko = p->nknockouts;
	prep->policy = p;
	prep->y = xmalloc(m * sizeof *prep->y);
	prep->score = xmalloc(m * sizeof *prep->score);
	prep->pd = xmalloc(m * sizeof *prep->pd);
	prep->ko = xmalloc(m * sizeof *prep->ko);
	prep->seg = xmalloc(m * sizeof *prep->seg);
	prep->ead = xmalloc(m * sizeof *prep->ead);
	prep->lgd = xmalloc(m * sizeof *prep->lgd);
}

/*
 * Set row i's knock-out, segment, EAD and LGD, applying the rules shared
 * by both ways of building a prep.
 */
static void
prep_set(struct sim_prep *prep, size_t i, int ko, int seg, double ead)
{
	const struct policy *p = prep->policy;

	prep->ko[i] = ko;
	if (ko >= 0) {
		prep->seg[i] = -1;
		prep->ead[i] = 0;
		prep->lgd[i] = 0;
		return;
	}
	assert(seg >= 0 && (size_t)seg < p->nsegments);
	prep->seg[i] = seg;
	if (isnan(ead)) {
		ead = 0;
		prep->ead_missing++;
	}
	prep->ead[i] = ead;
	prep->lgd[i] = p->segments[seg].lgd;
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

int
sim_prepare(const struct policy *p, struct db *db, const struct dataset *ds,
	const double *score, const double *pd, struct sim_prep *prep,
	struct rd_err *err)
{
	const char **exprs = NULL;
	double **out = NULL, *buf = NULL, v;
	size_t *ko_x = NULL, *when_x = NULL, *ead_x = NULL;
	size_t n = ds->nrows, nexpr = 0, i, k, maxexpr;
	int ko, seg, rc = -1;

	memset(prep, 0, sizeof *prep);
	assert(p->nsegments > 0);
	if (ds->table != NULL && strcmp(ds->table, p->population) != 0)
		return rd_err_set(err, RD_EINPUT, "dataset \"%s\" is not the "
		    "population \"%s\" of policy \"%s\"", ds->table,
		    p->population, p->name);

	/*
	 * One list of distinct expressions, so one pass over the table;
	 * identical texts (the EAD most segments inherit from loss:) are
	 * evaluated once.
	 */
	maxexpr = p->nknockouts + 2 * p->nsegments;
	exprs = xcalloc(maxexpr, sizeof *exprs);
	ko_x = xcalloc(p->nknockouts ? p->nknockouts : 1, sizeof *ko_x);
	when_x = xcalloc(p->nsegments, sizeof *when_x);
	ead_x = xcalloc(p->nsegments, sizeof *ead_x);
	for (k = 0; k < p->nknockouts; k++)
		ko_x[k] = expr_slot(exprs, &nexpr, p->knockouts[k].when);
	for (k = 0; k < p->nsegments; k++) {
		when_x[k] = p->segments[k].when != NULL ?
		    expr_slot(exprs, &nexpr, p->segments[k].when) : NO_EXPR;
		ead_x[k] = expr_slot(exprs, &nexpr, p->segments[k].ead);
	}
	out = xcalloc(nexpr, sizeof *out);
	buf = xcalloc(nexpr * (n ? n : 1), sizeof *buf);
	for (k = 0; k < nexpr; k++)
		out[k] = buf + k * n;
	if (db_expr_eval(db, p->population, exprs, nexpr, out, n, err) < 0)
		goto out;

	prep_alloc(prep, p, n);
	for (i = 0; i < n; i++) {
		prep->y[i] = ds->y != NULL ? ds->y[i] : DS_INDET;
		prep->score[i] = score[i];
		prep->pd[i] = pd[i];
		ko = -1;
		for (k = 0; k < p->nknockouts; k++) {
			if (is_true(out[ko_x[k]][i])) {
				ko = (int)k;
				break;
			}
		}
		/* No segment true: the last one, the default, takes it. */
		seg = (int)p->nsegments - 1;
		for (k = 0; ko < 0 && k < p->nsegments; k++) {
			if (when_x[k] == NO_EXPR ||
			    is_true(out[when_x[k]][i])) {
				seg = (int)k;
				break;
			}
		}
		v = ko < 0 ? out[ead_x[seg]][i] : 0;
		prep_set(prep, i, ko, seg, v);
	}
	rc = 0;
out:
	free(exprs);
	free(ko_x);
	free(when_x);
	free(ead_x);
	free(out);
	free(buf);
	return rc;
}

void
sim_prep_from_arrays(struct sim_prep *prep, const struct policy *p,
	size_t n, const signed char *y, const double *score, const double *pd,
	const int *ko, const int *seg, const double *ead)
{
	size_t i;

	prep_alloc(prep, p, n);
	for (i = 0; i < n; i++) {
		prep->y[i] = y != NULL ? y[i] : DS_INDET;
		prep->score[i] = score[i];
		prep->pd[i] = pd[i];
		assert(ko[i] < (int)p->nknockouts);
		prep_set(prep, i, ko[i], seg[i], ead[i]);
	}
}

void
sim_prep_done(struct sim_prep *prep)
{
	if (prep == NULL)
		return;
	free(prep->y);
	free(prep->score);
	free(prep->pd);
	free(prep->ko);
	free(prep->seg);
	free(prep->ead);
	free(prep->lgd);
	memset(prep, 0, sizeof *prep);
}

/* ------------------------------------------------------------ simulation */

static double
ratio(double num, size_t den)
{
	return den > 0 ? num / (double)den : NAN;
}

/*
 * Turn counts into rates.  During the loop exp_bad_rate holds the sum of
 * PD over the approved; here it becomes their mean.
 */
static void
stats_finish(struct sim_stats *st)
{
	st->approval_rate = ratio((double)st->approved, st->applicants);
	st->refer_rate = ratio((double)st->referred, st->applicants);
	st->decline_rate = ratio((double)st->declined, st->applicants);
	st->bad_rate = ratio((double)st->approved_bad, st->approved_known);
	st->exp_bad_rate = ratio(st->exp_bad_rate, st->approved);
}

void
sim_run(const struct sim_prep *prep, const double *cutoffs,
	struct sim_result *res)
{
	const struct policy *p = prep->policy;
	const struct policy_segment *ps;
	struct sim_stats *st, *tot = &res->total;
	double *lo, sc, pd;
	size_t i, s, nseg = prep->nseg, nko = prep->nko;
	int k;

	memset(res, 0, sizeof *res);
	res->nseg = nseg;
	res->nko = nko;
	res->segments = xcalloc(nseg ? nseg : 1, sizeof *res->segments);
	res->ko_count = xcalloc(nko ? nko : 1, sizeof *res->ko_count);
	res->cutoffs = xcalloc(nseg ? nseg : 1, sizeof *res->cutoffs);
	res->decision = xmalloc(prep->n ? prep->n : 1);

	/*
	 * Lower edge of each refer band: the band keeps its width under an
	 * override.  NaN (no band) is never <= a score.
	 */
	lo = xcalloc(nseg ? nseg : 1, sizeof *lo);
	for (s = 0; s < nseg; s++) {
		ps = &p->segments[s];
		res->cutoffs[s] = cutoffs != NULL ? cutoffs[s] : ps->cutoff;
		lo[s] = res->cutoffs[s] - (ps->cutoff - ps->refer);
	}

	for (i = 0; i < prep->n; i++) {
		if ((k = prep->ko[i]) >= 0) {
			res->decision[i] = SIM_KNOCKOUT;
			res->ko_count[k]++;
			continue;
		}
		st = &res->segments[prep->seg[i]];
		st->applicants++;
		sc = prep->score[i];
		if (sc >= res->cutoffs[prep->seg[i]]) {
			res->decision[i] = SIM_APPROVE;
			pd = prep->pd[i];
			st->approved++;
			if (prep->y[i] == DS_BAD) {
				st->approved_known++;
				st->approved_bad++;
			} else if (prep->y[i] == DS_GOOD)
				st->approved_known++;
			st->exp_bad_rate += pd;
			st->exposure += prep->ead[i];
			st->expected_loss += pd * prep->lgd[i] * prep->ead[i];
		} else if (sc >= lo[prep->seg[i]]) {
			res->decision[i] = SIM_REFER;
			st->referred++;
		} else {
			res->decision[i] = SIM_DECLINE;
			st->declined++;
		}
	}
	free(lo);

	/* Totals: the segments plus the knocked-out, who are declined. */
	for (s = 0; s < nseg; s++) {
		st = &res->segments[s];
		tot->applicants += st->applicants;
		tot->approved += st->approved;
		tot->referred += st->referred;
		tot->declined += st->declined;
		tot->approved_known += st->approved_known;
		tot->approved_bad += st->approved_bad;
		tot->exp_bad_rate += st->exp_bad_rate;
		tot->exposure += st->exposure;
		tot->expected_loss += st->expected_loss;
		stats_finish(st);
	}
	for (s = 0; s < nko; s++)
		tot->knocked_out += res->ko_count[s];
	tot->applicants += tot->knocked_out;
	tot->declined += tot->knocked_out;
	stats_finish(tot);
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
