/*
 * decide.c - the batch decision run, slice by slice (see decide.h).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "sim/decide.h"
#include "util/err.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* Add name to the column list v[*n] unless there. */
static void
keep_add(const char ***v, size_t *n, size_t *cap, const char *name)
{
	size_t k;

	for (k = 0; k < *n; k++)
		if (strcmp((*v)[k], name) == 0)
			return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = name;
}

/* The columns the policy's expressions read, appended to the list (owned
   copies in *own). */
static int
expr_columns(struct db *db, const struct policy *p, const char *table,
	const char ***v, size_t *n, size_t *cap, char ***own, size_t *nown,
	struct rd_err *err)
{
	const char *e[1];
	size_t k, m, j;
	char **cols;

	for (k = 0; k < p->nknockouts + 2 * p->nsegments + 1; k++) {
		if (k < p->nknockouts)
			e[0] = p->knockouts[k].when;
		else if (k < p->nknockouts + p->nsegments)
			e[0] = p->segments[k - p->nknockouts].when;
		else if (k < p->nknockouts + 2 * p->nsegments)
			e[0] = p->segments[k - p->nknockouts -
			    p->nsegments].ead;
		else
			e[0] = p->income;
		if (e[0] == NULL)
			continue;
		if (db_expr_columns(db, table, e[0], &cols, &m, err) < 0)
			return -1;
		for (j = 0; j < m; j++) {
			*own = xreallocarray(*own, *nown + 1, sizeof **own);
			(*own)[(*nown)++] = cols[j];
			keep_add(v, n, cap, cols[j]);
		}
		free(cols);
	}
	return 0;
}

static void
summary_alloc(struct decide_summary *sum, const struct policy *p,
	const struct scorecard *card)
{
	memset(sum, 0, sizeof *sum);
	sum->nseg = p->nsegments;
	sum->nko = p->nknockouts;
	sum->nchars = card->nchars;
	sum->seg_applicants = xcalloc(sum->nseg + 1, sizeof(size_t));
	sum->seg_approved = xcalloc(sum->nseg + 1, sizeof(size_t));
	sum->seg_referred = xcalloc(sum->nseg + 1, sizeof(size_t));
	sum->seg_declined = xcalloc(sum->nseg + 1, sizeof(size_t));
	sum->ko_count = xcalloc(sum->nko + 1, sizeof(size_t));
	sum->char_fallback = xcalloc(sum->nchars + 1, sizeof(size_t));
	sum->revenue = NAN;
}

void
decide_summary_done(struct decide_summary *sum)
{
	if (sum == NULL)
		return;
	free(sum->seg_applicants);
	free(sum->seg_approved);
	free(sum->seg_referred);
	free(sum->seg_declined);
	free(sum->ko_count);
	free(sum->char_fallback);
	memset(sum, 0, sizeof *sum);
}

/* The figures of one slice's result into the run's summary. */
static void
summary_add(struct decide_summary *sum, const struct sim_prep *prep,
	const struct sim_result *res)
{
	const struct sim_stats *t = &res->total;
	size_t s, k;

	sum->applicants += t->applicants;
	sum->approved += t->approved;
	sum->referred += t->referred;
	sum->declined += t->declined;
	sum->knocked_out += t->knocked_out;
	for (s = 0; s < sum->nseg; s++) {
		sum->seg_applicants[s] += res->segments[s].applicants;
		sum->seg_approved[s] += res->segments[s].approved;
		sum->seg_referred[s] += res->segments[s].referred;
		sum->seg_declined[s] += res->segments[s].declined;
	}
	for (k = 0; k < sum->nko; k++)
		sum->ko_count[k] += res->ko_count[k];
	sum->ead_missing += prep->ead_missing;
	sum->exposure += t->exposure;
	sum->expected_loss += t->expected_loss;
	sum->credit_limit += t->credit_limit;
	if (prep->priced)
		sum->revenue = (isnan(sum->revenue) ? 0 : sum->revenue) +
		    t->revenue;
}

/* The id of row i as text into buf (NULL when NULL). */
static const char *
id_text(const struct ds_column *c, size_t i, char *buf, size_t len)
{
	double v;

	if (c == NULL)
		return NULL;
	if (c->type == DS_TEXT)
		return c->code[i] < 0 ? NULL : c->levels[c->code[i]];
	v = c->num[i];
	if (isnan(v))
		return NULL;
	if (v == floor(v) && fabs(v) < 9e15) {
		/* Whole numbers (most ids) without printf. */
		uint64_t u = (uint64_t)fabs(v);
		char t[24];
		size_t k = sizeof t, m = 0;

		do {
			t[--k] = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (v < 0)
			buf[m++] = '-';
		memcpy(buf + m, t + k, sizeof t - k);
		buf[m + sizeof t - k] = '\0';
	} else {
		snprintf(buf, len, "%.17g", v);
	}
	return buf;
}

/* Everything one slice needs, released together. */
struct slice {
	struct dataset *ds;
	double *score, *pd, *lost;
	int *bin;
	unsigned char *fb, *need;
	size_t *reason, *nreason;
	struct sim_prep prep;
	struct sim_result res;
};

static void
slice_done(struct slice *s)
{
	ds_free(s->ds);
	free(s->score);
	free(s->pd);
	free(s->lost);
	free(s->bin);
	free(s->fb);
	free(s->need);
	free(s->reason);
	free(s->nreason);
	sim_prep_done(&s->prep);
	sim_result_done(&s->res);
	memset(s, 0, sizeof *s);
}

/*
 * Decide the rows of the current window: one slice through the
 * simulation, each record emitted.  Returns 0 or -1 with err.
 */
static int
slice_run(struct db *db, const struct policy *p, const struct scorecard *card,
	const char *table, const struct decide_spec *spec,
	const char *const *keep, size_t nkeep,
	int (*emit)(void *, const struct decide_record *), void *arg,
	struct decide_summary *sum, struct rd_err *err)
{
	struct slice s;
	size_t n, nc = card->nchars, i, k, max = spec->nreasons;
	const struct ds_column *idc = NULL;
	struct decide_record r;
	char idbuf[40];
	int rc = -1;

	memset(&s, 0, sizeof s);
	if ((s.ds = db_dataset_load_columns(db, table, keep, nkeep,
	    err)) == NULL)
		return -1;
	n = s.ds->nrows;
	if (n == 0) {
		slice_done(&s);
		return 0;
	}
	if (spec->input != NULL)
		ds_hash_rows(s.ds, spec->input);
	if (spec->id != NULL) {
		int c = ds_column_index(s.ds, spec->id);

		if (c < 0) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" has no column "
			    "\"%s\" to key the decisions", table, spec->id);
			goto out;
		}
		idc = &s.ds->cols[c];
	}
	s.bin = xmalloc(n * (nc ? nc : 1) * sizeof *s.bin);
	s.fb = xmalloc(n * (nc ? nc : 1));
	if (card_bins(card, s.ds, s.bin, s.fb, err) < 0)
		goto out;
	/* The score as card_score sums it: base points, then each
	   characteristic's points in card order, 0 where no bin takes the
	   value. */
	s.score = xmalloc(n * sizeof *s.score);
	s.pd = xmalloc(n * sizeof *s.pd);
	for (i = 0; i < n; i++) {
		double sc = card->base_points;

		for (k = 0; k < nc; k++)
			if (s.bin[i * nc + k] >= 0)
				sc += card->chars[k].points[s.bin[i * nc + k]];
		s.score[i] = sc;
		s.pd[i] = card_pd(card, sc);
	}
	if (sim_prepare(p, db, s.ds, s.score, s.pd, &s.prep, err) < 0)
		goto out;
	sim_run(&s.prep, spec->cutoffs, &s.res);
	s.reason = xmalloc(n * (max ? max : 1) * sizeof *s.reason);
	s.lost = xmalloc(n * (max ? max : 1) * sizeof *s.lost);
	s.nreason = xmalloc(n * sizeof *s.nreason);
	/* Reasons for the declines and refers only. */
	s.need = xmalloc(n);
	for (i = 0; i < n; i++)
		s.need[i] = s.res.decision[i] == SIM_DECLINE ||
		    s.res.decision[i] == SIM_REFER;
	card_reasons_bins(card, s.bin, n, s.need, max, s.reason, s.lost,
	    s.nreason);
	summary_add(sum, &s.prep, &s.res);

	for (i = 0; i < n; i++) {
		enum sim_decision d = (enum sim_decision)s.res.decision[i];
		const struct policy_segment *ps;

		memset(&r, 0, sizeof r);
		r.rowid = s.ds->rowid[i];
		r.id = id_text(idc, i, idbuf, sizeof idbuf);
		r.score = s.score[i];
		r.pd = s.pd[i];
		r.decision = d;
		r.ko = s.prep.ko[i];
		r.seg = s.prep.seg[i];
		r.band = -1;
		r.limit = r.apr = NAN;
		r.ead = r.lgd = NAN;
		if (r.ko < 0) {
			ps = &p->segments[r.seg];
			r.ead = s.prep.ead[i];
			r.lgd = s.prep.lgd[i];
			if (d == SIM_APPROVE) {
				r.band = s.prep.band[i];
				r.limit = s.prep.limit[i];
				if (r.band >= 0)
					r.apr = ps->bands[r.band].apr;
				r.el = s.prep.pd[i] * s.prep.lgd[i] *
				    s.prep.ead[i];
			}
		}
		if (d == SIM_DECLINE || d == SIM_REFER) {
			r.nreasons = s.nreason[i];
			r.reason = s.reason + i * max;
			r.lost = s.lost + i * max;
		}
		r.fallback = s.fb + i * nc;
		for (k = 0; k < nc; k++)
			if (r.fallback[k]) {
				r.nfallback++;
				sum->char_fallback[k]++;
			}
		sum->fallback_applicants += r.nfallback > 0;
		if (spec->explain)
			r.bin = s.bin + i * nc;
		if (emit(arg, &r) != 0)
			goto out;
	}
	rc = 0;
out:
	slice_done(&s);
	return rc;
}

int
decide_run(struct db *db, const struct policy *p,
	const struct scorecard *card, const char *table,
	const struct decide_spec *spec,
	int (*emit)(void *arg, const struct decide_record *r), void *arg,
	struct decide_summary *sum, struct rd_err *err)
{
	struct policy pp = *p;
	const char **keep = NULL;
	char **own = NULL;
	size_t nkeep = 0, cap = 0, nown = 0, k;
	int64_t lo, hi;
	size_t slice = spec->slice > 0 ? spec->slice : DECIDE_SLICE;
	int more, rc = -1;

	summary_alloc(sum, p, card);
	if (spec->nreasons > DECIDE_REASONS_MAX)
		return rd_err_set(err, RD_EUSAGE, "at most %d adverse reasons "
		    "a record, found %zu", DECIDE_REASONS_MAX, spec->nreasons);
	/* The simulation of the policy over this table. */
	pp.population = (char *)table;
	for (k = 0; k < card->nchars; k++)
		keep_add(&keep, &nkeep, &cap, card->chars[k].ch->name);
	if (spec->id != NULL)
		keep_add(&keep, &nkeep, &cap, spec->id);
	/* What the input hash covers: every column the decision reads. */
	if (spec->input != NULL && expr_columns(db, p, table, &keep, &nkeep,
	    &cap, &own, &nown, err) < 0)
		goto out;
	more = db_next_rowid(db, table, INT64_MIN, &lo, err);
	while (more == 1) {
		hi = lo <= INT64_MAX - (int64_t)slice ? lo + (int64_t)slice :
		    INT64_MAX;
		db_window_set(db, lo, hi);
		if (slice_run(db, &pp, card, table, spec, keep, nkeep, emit,
		    arg, sum, err) < 0)
			goto out;
		if (hi == INT64_MAX)
			break;
		more = db_next_rowid(db, table, hi, &lo, err);
	}
	if (more < 0)
		goto out;
	rc = 0;
out:
	db_window_clear(db);
	for (k = 0; k < nown; k++)
		free(own[k]);
	free(own);
	free(keep);
	return rc;
}
