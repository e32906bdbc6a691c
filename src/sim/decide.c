/*
 * decide.c - the batch decision run, slice by slice (see decide.h).
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "sim/decide.h"
#include "util/err.h"
#include "util/progress.h"
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
	sum->nfraud = p->fraud != NULL ? p->fraud->nrules : 0;
	sum->fraud_count = xcalloc(sum->nfraud + 1, sizeof(size_t));
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
	free(sum->fraud_count);
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

/* The id of row i as text into buf of len >= 24 bytes (NULL when
   NULL): a whole number as its integer digits, exactly as SQLite holds
   it (ds_cell_int64: 19-digit account numbers too), text as text. */
static const char *
id_text(const struct ds_column *c, size_t i, char *buf, size_t len)
{
	int64_t w;

	if (c == NULL)
		return NULL;
	if (c->type == DS_TEXT)
		return c->code[i] < 0 ? NULL : c->levels[c->code[i]];
	if (isnan(c->num[i]))
		return NULL;
	if (ds_cell_int64(c, i, &w)) {
		/* Whole numbers (most ids) without printf. */
		uint64_t u = w < 0 ? 0 - (uint64_t)w : (uint64_t)w;
		char t[24];
		size_t k = sizeof t, m = 0;

		do {
			t[--k] = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (w < 0)
			buf[m++] = '-';
		memcpy(buf + m, t + k, sizeof t - k);
		buf[m + sizeof t - k] = '\0';
	} else {
		snprintf(buf, len, "%.17g", c->num[i]);
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

/* What every slice of a run shares, read-only while it runs. */
struct ctx {
	const struct policy *p;		/* with the table as population */
	const struct scorecard *card;
	const char *table;
	const struct decide_spec *spec;
	const char *const *keep;
	size_t nkeep;
	size_t max;			/* reasons found per row: spec's, or
					   every characteristic when codes are
					   shared (slice_emit keeps one each) */
	size_t nrows;			/* rows of the table, for progress */
};

/*
 * Decide the rows of db's current window through the simulation into *s
 * (zeroed first): load, bins, scores, sim_prepare, sim_run, reasons.
 * Returns 0 or -1 with err (*s then released).
 */
static int
slice_compute(struct db *db, const struct ctx *c, struct slice *s,
	struct rd_err *err)
{
	const struct scorecard *card = c->card;
	size_t n, nc = card->nchars, i, k, max = c->max;

	memset(s, 0, sizeof *s);
	if ((s->ds = db_dataset_load_columns_progress(db, c->table, c->keep,
	    c->nkeep, &db_progress_none, err)) == NULL)
		return -1;
	n = s->ds->nrows;
	if (n == 0)
		return 0;
	if (c->spec->id != NULL && ds_column_index(s->ds, c->spec->id) < 0) {
		rd_err_set(err, RD_EINPUT, "table \"%s\" has no column \"%s\" "
		    "to key the decisions", c->table, c->spec->id);
		goto fail;
	}
	s->bin = xmalloc(n * (nc ? nc : 1) * sizeof *s->bin);
	s->fb = xmalloc(n * (nc ? nc : 1));
	if (card_bins(card, s->ds, s->bin, s->fb, err) < 0)
		goto fail;
	/* The score as card_score sums it: base points, then each
	   characteristic's points in card order, 0 where no bin takes the
	   value. */
	s->score = xmalloc(n * sizeof *s->score);
	s->pd = xmalloc(n * sizeof *s->pd);
	for (i = 0; i < n; i++) {
		double sc = card->base_points;

		for (k = 0; k < nc; k++)
			if (s->bin[i * nc + k] >= 0)
				sc += card->chars[k].points[s->bin[i * nc + k]];
		s->score[i] = sc;
		s->pd[i] = card_pd(card, sc);
	}
	if (sim_prepare_how(c->p, db, s->ds, s->score, s->pd,
	    c->spec->sql_conditions, &s->prep, err) < 0)
		goto fail;
	sim_run(&s->prep, c->spec->cutoffs, &s->res);
	s->reason = xmalloc(n * (max ? max : 1) * sizeof *s->reason);
	s->lost = xmalloc(n * (max ? max : 1) * sizeof *s->lost);
	s->nreason = xmalloc(n * sizeof *s->nreason);
	/* Reasons for the declines and refers only. */
	s->need = xmalloc(n);
	for (i = 0; i < n; i++)
		s->need[i] = s->res.decision[i] == SIM_DECLINE ||
		    s->res.decision[i] == SIM_REFER;
	card_reasons_bins(card, s->bin, n, s->need, max, s->reason, s->lost,
	    s->nreason);
	return 0;
fail:
	slice_done(s);
	return -1;
}

/* ------------------------------------------------------ outcome lines */

const char *const decide_line_names[DECIDE_NLINES] = {
	[DECIDE_LINE_APPROVE] = "approve",
	[DECIDE_LINE_CREDIT_REFER] = "credit refer",
	[DECIDE_LINE_CREDIT_DECLINE] = "credit decline",
	[DECIDE_LINE_KNOCKOUT] = "knock-out",
	[DECIDE_LINE_FRAUD_REFER] = "fraud refer",
	[DECIDE_LINE_FRAUD_DECLINE] = "fraud decline",
};

const char *const decide_line_keys[DECIDE_NLINES] = {
	[DECIDE_LINE_APPROVE] = "approved",
	[DECIDE_LINE_CREDIT_REFER] = "credit_referred",
	[DECIDE_LINE_CREDIT_DECLINE] = "credit_declined",
	[DECIDE_LINE_KNOCKOUT] = "knocked_out",
	[DECIDE_LINE_FRAUD_REFER] = "fraud_referred",
	[DECIDE_LINE_FRAUD_DECLINE] = "fraud_declined",
};

enum decide_line
decide_lines_add(struct decide_lines *l, enum sim_decision credit, int ko,
	int fraud)
{
	enum decide_line k;

	if (fraud >= 0) {
		k = fraud == POLICY_FRAUD_DECLINE ? DECIDE_LINE_FRAUD_DECLINE :
		    DECIDE_LINE_FRAUD_REFER;
		l->fraud_stopped += credit == SIM_APPROVE;
	} else if (ko >= 0 || credit == SIM_KNOCKOUT)
		k = DECIDE_LINE_KNOCKOUT;
	else if (credit == SIM_APPROVE)
		k = DECIDE_LINE_APPROVE;
	else if (credit == SIM_REFER)
		k = DECIDE_LINE_CREDIT_REFER;
	else
		k = DECIDE_LINE_CREDIT_DECLINE;
	l->applicants++;
	l->n[k]++;
	return k;
}

void
decide_lines_count(struct decide_lines *l, const struct sim_prep *prep,
	const unsigned char *decision, const signed char *fraud)
{
	size_t i;

	memset(l, 0, sizeof *l);
	for (i = 0; i < prep->n; i++)
		decide_lines_add(l, (enum sim_decision)decision[i],
		    prep->ko[i], fraud != NULL ? fraud[i] : -1);
}

/* The fraud verdict of rowid in f: its index, or -1 when not flagged. */
static long
fraud_find(const struct decide_fraud *f, int64_t rowid)
{
	size_t lo = 0, hi = f->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->rowid[mid] < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == f->n || f->rowid[lo] != rowid || f->action[lo] < 0)
		return -1;
	return (long)lo;
}

/*
 * Apply fraud verdict k of f to record r (decided by the credit policy)
 * and move it in the summary from its credit decision to the fraud one.
 */
static void
fraud_apply(const struct policy *p, const struct decide_fraud *f, long k,
	struct decide_record *r, struct decide_summary *sum)
{
	enum sim_decision to = f->action[k] == POLICY_FRAUD_DECLINE ?
	    SIM_DECLINE : SIM_REFER;

	r->fraud_rule = f->rule[k];
	sum->fraud_count[r->fraud_rule]++;
	(void)p;
	switch (r->credit) {
	case SIM_APPROVE:
		sum->approved--;
		if (r->seg >= 0)
			sum->seg_approved[r->seg]--;
		sum->exposure -= r->ead;
		sum->expected_loss -= r->el;
		if (!isnan(r->limit))
			sum->credit_limit -= r->limit;
		if (!isnan(r->apr) && !isnan(sum->revenue))
			sum->revenue -= r->ead * r->apr;
		r->band = -1;
		r->limit = r->apr = NAN;
		r->el = 0;
		break;
	case SIM_REFER:
		sum->referred--;
		if (r->seg >= 0)
			sum->seg_referred[r->seg]--;
		break;
	default:
		sum->declined--;
		if (r->ko >= 0) {
			/* The fraud rule came first: no knock-out. */
			sum->knocked_out--;
			sum->ko_count[r->ko]--;
			r->ko = -1;
		} else if (r->seg >= 0)
			sum->seg_declined[r->seg]--;
		break;
	}
	r->decision = to;
	/* Its reason is the fraud rule's, not the score's. */
	r->nreasons = 0;
	if (to == SIM_DECLINE)
		sum->declined++;
	else
		sum->referred++;
	if (r->seg >= 0) {
		if (to == SIM_DECLINE)
			sum->seg_declined[r->seg]++;
		else
			sum->seg_referred[r->seg]++;
	}
}

/*
 * Hand a computed slice over, in row order: its values to the input's
 * hash, its figures to the summary, each record to emit.  Returns 0, or
 * -1 with err as emit left it.
 */
static int
slice_emit(const struct ctx *c, struct slice *s,
	int (*emit)(void *, const struct decide_record *), void *arg,
	struct decide_summary *sum)
{
	const struct scorecard *card = c->card;
	const struct policy *p = c->p;
	size_t n = s->ds != NULL ? s->ds->nrows : 0, nc = card->nchars, i, k;
	size_t max = c->max, want = c->spec->nreasons, j, m;
	size_t rs[DECIDE_REASONS_MAX];
	double ls[DECIDE_REASONS_MAX];
	const struct ds_column *idc = NULL;
	struct decide_record r;
	char idbuf[40];

	if (n == 0)
		return 0;
	if (c->spec->input != NULL)
		ds_hash_rows(s->ds, c->spec->input);
	if (c->spec->id != NULL)
		idc = &s->ds->cols[ds_column_index(s->ds, c->spec->id)];
	summary_add(sum, &s->prep, &s->res);
	rd_progress("deciding", sum->applicants, c->nrows, "rows", NULL);
	for (i = 0; i < n; i++) {
		enum sim_decision d = (enum sim_decision)s->res.decision[i];
		const struct policy_segment *ps;

		memset(&r, 0, sizeof r);
		r.rowid = s->ds->rowid[i];
		r.id = id_text(idc, i, idbuf, sizeof idbuf);
		r.score = s->score[i];
		r.pd = s->pd[i];
		r.decision = d;
		r.ko = s->prep.ko[i];
		r.seg = s->prep.seg[i];
		r.band = -1;
		r.limit = r.apr = NAN;
		r.ead = r.lgd = NAN;
		if (r.ko < 0) {
			ps = &p->segments[r.seg];
			r.ead = s->prep.ead[i];
			r.lgd = s->prep.lgd[i];
			if (d == SIM_APPROVE) {
				r.band = s->prep.band[i];
				r.limit = s->prep.limit[i];
				if (r.band >= 0)
					r.apr = ps->bands[r.band].apr;
				r.el = s->prep.pd[i] * s->prep.lgd[i] *
				    s->prep.ead[i];
			}
		}
		if ((d == SIM_DECLINE || d == SIM_REFER) && p->nreasons == 0) {
			r.nreasons = s->nreason[i];
			r.reason = s->reason + i * max;
			r.lost = s->lost + i * max;
		} else if (d == SIM_DECLINE || d == SIM_REFER) {
			/* Characteristics that share a reason code give it
			   once, at the largest loss, and the next ones fill
			   up to want. */
			const size_t *cand = s->reason + i * max;

			for (m = 0, k = 0; k < s->nreason[i] && m < want; k++) {
				const char *code = policy_reason_code(p,
				    card->chars[cand[k]].ch->name);

				for (j = 0; j < m; j++)
					if (strcmp(code, policy_reason_code(p,
					    card->chars[rs[j]].ch->name)) == 0)
						break;
				if (j < m)
					continue;
				rs[m] = cand[k];
				ls[m++] = s->lost[i * max + k];
			}
			r.nreasons = m;
			r.reason = rs;
			r.lost = ls;
		}
		r.fallback = s->fb + i * nc;
		for (k = 0; k < nc; k++)
			if (r.fallback[k]) {
				r.nfallback++;
				sum->char_fallback[k]++;
			}
		sum->fallback_applicants += r.nfallback > 0;
		if (c->spec->explain)
			r.bin = s->bin + i * nc;
		r.fraud_rule = -1;
		r.credit = d;
		{
			long fk = c->spec->fraud != NULL ?
			    fraud_find(c->spec->fraud, r.rowid) : -1;

			decide_lines_add(&sum->lines, r.credit, r.ko, fk >= 0 ?
			    c->spec->fraud->action[fk] : -1);
			if (fk >= 0)
				fraud_apply(p, c->spec->fraud, fk, &r, sum);
		}
		if (emit(arg, &r) != 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------ in parallel */

/*
 * Slices k = 0 .. nslices - 1 cover rowids [first + k x size, first +
 * (k + 1) x size).  Worker threads, each with a connection of its own,
 * compute them in turn into a ring of slots; the calling thread hands
 * them over in order as they complete, so the records come out in row
 * order while the next slices are being decided.  At most nring slices
 * are held at once.
 */
struct slot {
	int state;		/* 0 free, 1 computing, 2 done, 3 failed */
	struct slice s;
	struct rd_err err;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	const struct ctx *c;
	struct slot *ring;
	size_t nring;
	size_t next;		/* next slice to compute */
	size_t nslices;
	size_t emitted;		/* slices handed over */
	int stop;
	int64_t first, size;
};

struct worker {
	struct pool *pool;
	struct db *db;
	pthread_t tid;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *q = w->pool;
	size_t k;
	struct slot *sl;
	int rc;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (!q->stop && q->next < q->nslices &&
		    q->next - q->emitted >= q->nring)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->stop || q->next >= q->nslices) {
			pthread_mutex_unlock(&q->mu);
			break;
		}
		k = q->next++;
		sl = &q->ring[k % q->nring];
		sl->state = 1;
		pthread_mutex_unlock(&q->mu);

		rd_err_clear(&sl->err);
		db_window_set(w->db, q->first + (int64_t)k * q->size,
		    q->first + (int64_t)(k + 1) * q->size);
		rc = slice_compute(w->db, q->c, &sl->s, &sl->err);
		db_window_clear(w->db);

		pthread_mutex_lock(&q->mu);
		sl->state = rc == 0 ? 2 : 3;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
	return NULL;
}

static int
run_parallel(struct db *db, const struct ctx *c, int64_t first,
	size_t nslices, size_t size, size_t nthreads,
	int (*emit)(void *, const struct decide_record *), void *arg,
	struct decide_summary *sum, struct rd_err *err)
{
	struct pool q;
	struct worker w[DECIDE_THREADS_MAX];
	size_t t, nt = 0, k;
	int rc = 0;

	memset(&q, 0, sizeof q);
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.cv, NULL);
	q.c = c;
	q.nring = nthreads + 1;
	q.ring = xcalloc(q.nring, sizeof *q.ring);
	q.nslices = nslices;
	q.first = first;
	q.size = (int64_t)size;
	/* The first worker reads through the caller's connection, the
	   others through connections of their own. */
	for (t = 0; t < nthreads; t++) {
		w[t].pool = &q;
		w[t].db = t == 0 ? db : db_open_existing(db_path(db), err);
		if (w[t].db == NULL)
			break;
		if (pthread_create(&w[t].tid, NULL, work, &w[t]) != 0) {
			if (t > 0)
				db_close(w[t].db);
			break;
		}
		nt++;
	}
	if (nt == 0) {
		rc = rd_err_set(err, RD_EIO, "cannot start a thread to decide");
		goto out;
	}
	rd_err_clear(err);
	for (k = 0; k < nslices && rc == 0; k++) {
		struct slot *sl = &q.ring[k % q.nring];

		pthread_mutex_lock(&q.mu);
		while (sl->state != 2 && sl->state != 3)
			pthread_cond_wait(&q.cv, &q.mu);
		pthread_mutex_unlock(&q.mu);
		if (sl->state == 3) {
			*err = sl->err;
			rc = -1;
		} else if (slice_emit(c, &sl->s, emit, arg, sum) != 0) {
			rc = -1;
		}
		slice_done(&sl->s);
		pthread_mutex_lock(&q.mu);
		sl->state = 0;
		q.emitted++;
		if (rc != 0)
			q.stop = 1;
		pthread_cond_broadcast(&q.cv);
		pthread_mutex_unlock(&q.mu);
	}
	pthread_mutex_lock(&q.mu);
	q.stop = 1;
	pthread_cond_broadcast(&q.cv);
	pthread_mutex_unlock(&q.mu);
out:
	for (t = 0; t < nt; t++) {
		pthread_join(w[t].tid, NULL);
		if (t > 0)
			db_close(w[t].db);
	}
	for (k = 0; k < q.nring; k++)
		slice_done(&q.ring[k].s);
	free(q.ring);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.cv);
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
	size_t threads = spec->threads > 0 ? spec->threads : DECIDE_THREADS;
	size_t nrows, nslices;
	struct ctx c;
	int rc = -1;

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
	c.p = &pp;
	c.card = card;
	c.table = table;
	c.spec = spec;
	c.keep = keep;
	c.nkeep = nkeep;
	c.max = spec->nreasons;
	/* With reason codes shared by several characteristics, every
	   characteristic is a candidate: the codes are given once each, so
	   the N-th code can come from any of them. */
	if (spec->nreasons > 0 && p->nreasons > 0 && c.max < card->nchars)
		c.max = card->nchars;
	if (db_rowid_range(db, table, &lo, &hi, &nrows, err) < 0)
		goto out;
	if (nrows == 0) {
		rc = 0;
		goto out;
	}
	c.nrows = nrows;
	rd_progress("deciding", 0, nrows, "rows", NULL);
	/* Rowids dense enough for slices of fixed rowid ranges (an imported
	   table's are 1..n): in parallel.  Else one slice after another,
	   each starting at the next rowid there is. */
	nslices = (size_t)(((uint64_t)hi - (uint64_t)lo) / slice) + 1;
	if (threads > DECIDE_THREADS_MAX)
		threads = DECIDE_THREADS_MAX;
	if (hi <= INT64_MAX - (int64_t)slice &&
	    nslices <= 2 * (nrows / slice + 1) + 16) {
		if (run_parallel(db, &c, lo, nslices, slice, threads, emit,
		    arg, sum, err) < 0)
			goto out;
	} else {
		int more = 1;

		while (more == 1) {
			struct slice s;
			int64_t end = lo <= INT64_MAX - (int64_t)slice ?
			    lo + (int64_t)slice : INT64_MAX;

			db_window_set(db, lo, end);
			if (slice_compute(db, &c, &s, err) < 0)
				goto out;
			if (slice_emit(&c, &s, emit, arg, sum) < 0) {
				slice_done(&s);
				goto out;
			}
			slice_done(&s);
			if (end == INT64_MAX)
				break;
			more = db_next_rowid(db, table, end, &lo, err);
		}
		if (more < 0)
			goto out;
	}
	rc = 0;
out:
	rd_progress(NULL, 0, 0, NULL, NULL);
	db_window_clear(db);
	for (k = 0; k < nown; k++)
		free(own[k]);
	free(own);
	free(keep);
	return rc;
}
