/*
 * fraud.c - velocity and linkage characteristics, fraud rules and their
 * figures (see fraud.h for the definitions and the algorithm).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "data/events.h"
#include "fraud/fraud.h"
#include "model/metric.h"
#include "util/hash.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------- keys */

/*
 * A hash from a pair of codes to a dense code: open addressing over
 * uint64 keys (a << 32 | b), slot value code + 1.
 */
struct pair_map {
	uint64_t *key;
	int32_t *val;
	size_t nslot, n;
};

static int32_t
pair_code(struct pair_map *m, uint64_t k)
{
	size_t j, mask = m->nslot - 1;

	for (j = rd_mix64(k) & mask; m->val[j] != 0; j = (j + 1) & mask)
		if (m->key[j] == k)
			return m->val[j] - 1;
	m->key[j] = k;
	m->val[j] = (int32_t)++m->n;
	return m->val[j] - 1;
}

void
fraud_key_combine(size_t n, const int32_t *const *codes, size_t ncols,
	int32_t *out)
{
	struct pair_map m;
	size_t i, c;

	memcpy(out, codes[0], n * sizeof *out);
	if (ncols < 2)
		return;
	/* At most n distinct pairs: 2n slots and a power of two. */
	for (m.nslot = 16; m.nslot < 2 * n; m.nslot *= 2)
		;
	m.key = xcalloc(m.nslot, sizeof *m.key);
	m.val = xcalloc(m.nslot, sizeof *m.val);
	for (c = 1; c < ncols; c++) {
		memset(m.val, 0, m.nslot * sizeof *m.val);
		m.n = 0;
		for (i = 0; i < n; i++)
			out[i] = out[i] < 0 || codes[c][i] < 0 ? -1 :
			    pair_code(&m, (uint64_t)(uint32_t)out[i] << 32 |
			    (uint32_t)codes[c][i]);
	}
	free(m.key);
	free(m.val);
}

/* --------------------------------------------------------- features */

/* One event in the sort: its key, its time as an ordered integer, its
   place in the stream. */
struct ev {
	uint64_t t;
	int32_t key;
	uint32_t i;
};

/* The bits of a double as an unsigned integer in the same order (IEEE
   754: flip the sign bit of a positive, every bit of a negative). */
static uint64_t
time_bits(double t)
{
	uint64_t u;

	memcpy(&u, &t, sizeof u);
	return (u >> 63) ? ~u : u | (uint64_t)1 << 63;
}

/* The double of time_bits' integer. */
static double
bits_time(uint64_t u)
{
	double t;

	u = (u >> 63) ? u & ~((uint64_t)1 << 63) : ~u;
	memcpy(&t, &u, sizeof t);
	return t;
}

/*
 * Sort e[m] by (key, t, i), stably, given in i order: a least significant
 * digit radix sort in 16-bit digits, the time's four, then the key's two
 * (each pass stable, so the last decides and ties keep the earlier
 * order); a digit that is the same in every event (the high bits of
 * times within a few years) costs a count, not a pass.  tmp[m] is the
 * scratch.  O(m) a pass, against O(m log m) comparisons for qsort.
 */
static void
ev_sort(struct ev *e, struct ev *tmp, size_t m)
{
	static const int shift[6] = { 0, 16, 32, 48, 0, 16 };
	size_t *cnt = xcalloc(65536, sizeof *cnt), k, sum, c;
	struct ev *src = e, *dst = tmp, *sw;
	int pass;

	for (pass = 0; pass < 6; pass++) {
		memset(cnt, 0, 65536 * sizeof *cnt);
		for (k = 0; k < m; k++)
			cnt[pass < 4 ? (src[k].t >> shift[pass]) & 0xffff :
			    ((uint32_t)src[k].key >> shift[pass]) & 0xffff]++;
		if (m == 0 || cnt[pass < 4 ? (src[0].t >> shift[pass]) &
		    0xffff : ((uint32_t)src[0].key >> shift[pass]) & 0xffff] ==
		    m)
			continue;	/* one digit for all: nothing moves */
		for (k = 0, sum = 0; k < 65536; k++) {
			c = cnt[k];
			cnt[k] = sum;
			sum += c;
		}
		for (k = 0; k < m; k++) {
			size_t d = pass < 4 ? (src[k].t >> shift[pass]) &
			    0xffff : ((uint32_t)src[k].key >> shift[pass]) &
			    0xffff;

			dst[cnt[d]++] = src[k];
		}
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != e)
		memcpy(e, src, m * sizeof *e);
	free(cnt);
}

int
fraud_feature(size_t n, const double *t, const int32_t *key,
	enum policy_fraud_agg agg, const int32_t *dcode, size_t ndcodes,
	const double *sval, double within, double *out)
{
	struct ev *e = xreallocarray(NULL, n ? n : 1, sizeof *e), *tmp;
	int32_t *cnt = NULL;
	size_t m = 0, g0, g1, lo, hi, k, ndist;
	long double sum;

	for (k = 0; k < n; k++) {
		out[k] = 0;
		if (key[k] < 0)
			continue;
		e[m].key = key[k];
		e[m].i = (uint32_t)k;
		e[m].t = time_bits(t[k]);
		m++;
	}
	tmp = xreallocarray(NULL, m ? m : 1, sizeof *tmp);
	ev_sort(e, tmp, m);
	free(tmp);
	if (agg == POLICY_FRAUD_DISTINCT)
		cnt = xcalloc(ndcodes ? ndcodes : 1, sizeof *cnt);
	for (g0 = 0; g0 < m; g0 = g1) {
		for (g1 = g0 + 1; g1 < m && e[g1].key == e[g0].key; g1++)
			;
		/* [lo, hi): the earlier events of e[k] in the window. */
		lo = hi = g0;
		sum = 0;
		ndist = 0;
		for (k = g0; k < g1; k++) {
			double tk = bits_time(e[k].t);

			for (; hi < k && e[hi].t < e[k].t; hi++) {
				uint32_t j = e[hi].i;

				if (agg == POLICY_FRAUD_SUM && !isnan(sval[j]))
					sum += sval[j];
				else if (agg == POLICY_FRAUD_DISTINCT &&
				    dcode[j] >= 0 && cnt[dcode[j]]++ == 0)
					ndist++;
			}
			for (; lo < hi && bits_time(e[lo].t) < tk - within;
			    lo++) {
				uint32_t j = e[lo].i;

				if (agg == POLICY_FRAUD_SUM && !isnan(sval[j]))
					sum -= sval[j];
				else if (agg == POLICY_FRAUD_DISTINCT &&
				    dcode[j] >= 0 && --cnt[dcode[j]] == 0)
					ndist--;
			}
			if (lo == hi)
				sum = 0;
			switch (agg) {
			case POLICY_FRAUD_COUNT:
				out[e[k].i] = (double)(hi - lo);
				break;
			case POLICY_FRAUD_DISTINCT:
				out[e[k].i] = (double)ndist;
				break;
			case POLICY_FRAUD_SUM:
				out[e[k].i] = (double)sum;
				break;
			}
		}
		/* Leave the counters at 0 for the next key. */
		if (agg == POLICY_FRAUD_DISTINCT)
			for (; lo < hi; lo++)
				if (dcode[e[lo].i] >= 0)
					cnt[dcode[e[lo].i]]--;
	}
	free(cnt);
	free(e);
	return 0;
}

/* ---------------------------------------------------- loading a stream */

/* Index of column name in cols[*n], added when new. */
static size_t
col_add(struct events_col *cols, size_t *n, const char *name,
	enum events_kind kind)
{
	size_t k;

	for (k = 0; k < *n; k++)
		if (strcmp(cols[k].name, name) == 0 && cols[k].kind == kind)
			return k;
	cols[*n].name = name;
	cols[*n].kind = kind;
	return (*n)++;
}

/* Where rule verdicts go while the conditions are scanned. */
struct verdict {
	struct fraud_data *d;
	const struct policy_fraud *fr;
	size_t base;		/* stream row of the table's first row */
};

static int
verdict_row(void *arg, size_t row, const double *v)
{
	struct verdict *vd = arg;
	struct fraud_data *d = vd->d;
	size_t i = vd->base + row, r;
	uint64_t h = 0;
	int action = -1, rule = -1;

	for (r = 0; r < vd->fr->nrules; r++) {
		if (isnan(v[r]) || v[r] == 0)
			continue;
		h |= (uint64_t)1 << r;
		if ((int)vd->fr->rules[r].action > action) {
			action = (int)vd->fr->rules[r].action;
			rule = (int)r;
		}
	}
	d->hits[i] = h;
	d->action[i] = (signed char)action;
	d->rule[i] = rule;
	return 0;
}

int
fraud_data_load(struct db *db, const struct policy *p,
	const char *const *tables, size_t ntables, size_t scored,
	struct fraud_data *out, struct rd_err *err)
{
	const struct policy_fraud *fr = p->fraud;
	struct events_col *cols;
	const char **names = NULL, **conds = NULL;
	size_t ncols = 0, k, j, *ends, it, ilabel = 0, iamount = 0;
	size_t **isame, *icol;
	int32_t *key = NULL;
	const int32_t **kc;
	int ret = -1;

	memset(out, 0, sizeof *out);
	cols = xcalloc(1 + 2 + 3 * fr->nfeatures + 16, sizeof *cols);
	it = col_add(cols, &ncols, fr->time, EVENTS_TIME);
	if (fr->label != NULL)
		ilabel = col_add(cols, &ncols, fr->label, EVENTS_NUM);
	if (fr->amount != NULL)
		iamount = col_add(cols, &ncols, fr->amount, EVENTS_NUM);
	isame = xcalloc(fr->nfeatures + 1, sizeof *isame);
	icol = xcalloc(fr->nfeatures + 1, sizeof *icol);
	for (k = 0; k < fr->nfeatures; k++) {
		const struct policy_feature *f = &fr->features[k];

		cols = xreallocarray(cols, ncols + f->nsame + 2, sizeof *cols);
		isame[k] = xcalloc(f->nsame, sizeof **isame);
		for (j = 0; j < f->nsame; j++)
			isame[k][j] = col_add(cols, &ncols, f->same[j],
			    EVENTS_CODE);
		if (f->agg != POLICY_FRAUD_COUNT)
			icol[k] = col_add(cols, &ncols, f->column,
			    f->agg == POLICY_FRAUD_SUM ? EVENTS_NUM :
			    EVENTS_CODE);
	}
	ends = xcalloc(ntables + 1, sizeof *ends);
	if (events_load(db, tables, ntables, cols, ncols, &out->rowid,
	    &out->n, ends, err) != 0)
		goto done;
	out->first = scored > 0 ? ends[scored - 1] : 0;
	out->t = cols[it].num;
	cols[it].num = NULL;
	if (fr->label != NULL) {
		out->fraud = xcalloc(out->n ? out->n : 1, 1);
		/* The label is 1 (fraud), 0 or missing (not known to be
		   fraud); any other number, a 2 or a 0.5, is a column of
		   another meaning. */
		for (k = 0; k < out->n; k++) {
			double v = cols[ilabel].num[k];

			if (!isnan(v) && v != 0 && v != 1) {
				rd_err_set(err, RD_EINPUT, "the fraud label "
				    "\"%s\" is %g on event %zu (rowid %lld): "
				    "expected 1 for a fraud, 0 or empty for "
				    "none; recode the column", fr->label, v,
				    k + 1, (long long)out->rowid[k]);
				goto done;
			}
			out->fraud[k] = v == 1;
		}
	}
	/* Features; each column freed once no feature needs it, so that
	   the rules run with the features and little else. */
	out->nfeatures = fr->nfeatures;
	out->feat = xcalloc(fr->nfeatures + 1, sizeof *out->feat);
	key = xreallocarray(NULL, out->n ? out->n : 1, sizeof *key);
	kc = xcalloc(16 + 1, sizeof *kc);
	for (k = 0; k < fr->nfeatures; k++) {
		const struct policy_feature *f = &fr->features[k];

		kc = xreallocarray(kc, f->nsame, sizeof *kc);
		for (j = 0; j < f->nsame; j++)
			kc[j] = cols[isame[k][j]].code;
		fraud_key_combine(out->n, kc, f->nsame, key);
		out->feat[k] = xreallocarray(NULL, out->n ? out->n : 1,
		    sizeof **out->feat);
		fraud_feature(out->n, out->t, key, f->agg,
		    f->agg == POLICY_FRAUD_DISTINCT ? cols[icol[k]].code : NULL,
		    f->agg == POLICY_FRAUD_DISTINCT ? cols[icol[k]].ncodes : 0,
		    f->agg == POLICY_FRAUD_SUM ? cols[icol[k]].num : NULL,
		    f->within, out->feat[k]);
	}
	free(kc);
	free(key);
	key = NULL;
	for (k = 0; k < ncols; k++)
		if (k != iamount || fr->amount == NULL)
			events_col_done(&cols[k]);
	if (fr->amount != NULL) {
		out->amount = cols[iamount].num;
		cols[iamount].num = NULL;
	}
	/* Rules, table by table, on the rows scored. */
	out->nrules = fr->nrules;
	out->hits = xcalloc(out->n ? out->n : 1, sizeof *out->hits);
	out->action = xreallocarray(NULL, out->n ? out->n : 1,
	    sizeof *out->action);
	out->rule = xreallocarray(NULL, out->n ? out->n : 1,
	    sizeof *out->rule);
	memset(out->action, -1, out->n);
	for (k = 0; k < out->n; k++)
		out->rule[k] = -1;
	names = xcalloc(fr->nfeatures + 1, sizeof *names);
	for (k = 0; k < fr->nfeatures; k++)
		names[k] = fr->features[k].name;
	conds = xcalloc(fr->nrules + 1, sizeof *conds);
	for (k = 0; k < fr->nrules; k++)
		conds[k] = fr->rules[k].when;
	for (j = scored; j < ntables; j++) {
		struct verdict vd;
		size_t base = j > 0 ? ends[j - 1] : 0;
		const double **fv = xcalloc(fr->nfeatures + 1, sizeof *fv);

		for (k = 0; k < fr->nfeatures; k++)
			fv[k] = out->feat[k] + base;
		vd.d = out;
		vd.fr = fr;
		vd.base = base;
		/* A features-only section (a scorecard's) has no rules. */
		k = fr->nrules == 0 ? 0 : db_expr_scan_with(db, tables[j],
		    names, fv, fr->nfeatures, out->rowid + base,
		    ends[j] - base, conds, fr->nrules, verdict_row, &vd, err);
		free(fv);
		if (k != 0)
			goto done;
	}
	ret = 0;
done:
	for (k = 0; k < ncols; k++)
		events_col_done(&cols[k]);
	for (k = 0; k < fr->nfeatures; k++)
		free(isame[k]);
	free(isame);
	free(icol);
	free(cols);
	free(ends);
	free(key);
	free(names);
	free(conds);
	if (ret != 0)
		fraud_data_done(out);
	return ret;
}

void
fraud_data_done(struct fraud_data *d)
{
	size_t k;

	if (d == NULL)
		return;
	free(d->rowid);
	free(d->t);
	free(d->fraud);
	free(d->amount);
	for (k = 0; k < d->nfeatures; k++)
		free(d->feat[k]);
	free(d->feat);
	free(d->hits);
	free(d->action);
	free(d->rule);
	free(d->score);
	memset(d, 0, sizeof *d);
}

/* ---------------------------------------------------------- figures */

static double
ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

/* The rates of f from its counts. */
static void
figures_rates(struct fraud_figures *f, const struct fraud_eval *e)
{
	f->false_positives = f->alerts - f->frauds_caught;
	f->alert_rate = ratio((double)f->alerts, (double)e->events);
	if (!e->labelled) {
		f->detection_rate = f->value_detection_rate = NAN;
		f->false_positive_ratio = f->precision = NAN;
		f->amount_caught = NAN;
		return;
	}
	f->detection_rate = ratio((double)f->frauds_caught, (double)e->frauds);
	f->value_detection_rate = e->valued ? ratio(f->amount_caught,
	    e->fraud_amount) : NAN;
	if (!e->valued)
		f->amount_caught = NAN;
	f->false_positive_ratio = ratio((double)f->false_positives,
	    (double)f->frauds_caught);
	f->precision = ratio((double)f->frauds_caught, (double)f->alerts);
}

/* An alert in the day's queue. */
struct alert {
	int64_t day;
	int action;
	int nrules;
	double t;
	double score;	/* the fraud scorecard's points; 0 without one */
	size_t i;
};

/* The order by the rules: by day, then declines before refers, more
   rules fired before fewer, earlier before later. */
static int
alert_cmp(const void *a, const void *b)
{
	const struct alert *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->action != y->action)
		return x->action > y->action ? -1 : 1;
	if (x->nrules != y->nrules)
		return x->nrules > y->nrules ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The order by the fraud scorecard: by day, then fewest points (the
   highest fraud risk) first, an event without points (NaN) last, then
   as alert_cmp. */
static int
alert_cmp_score(const void *a, const void *b)
{
	const struct alert *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (isnan(x->score) != isnan(y->score))
		return isnan(x->score) ? 1 : -1;
	if (!isnan(x->score) && x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return alert_cmp(a, b);
}

/*
 * Work the queue q[na] (sorted by day, then in the order the team works
 * them) at floor(capacity) alerts a day: *worked the alerts worked,
 * *caught the frauds among them.
 */
static void
work_queue(const struct fraud_data *d, const struct alert *q, size_t na,
	double capacity, size_t *worked, size_t *caught)
{
	size_t k, i, r;

	*worked = *caught = 0;
	for (k = 0; k < na; k = i) {
		for (i = k; i < na && q[i].day == q[k].day; i++)
			;
		for (r = k; r < i && (double)(r - k) < floor(capacity); r++) {
			(*worked)++;
			if (d->fraud != NULL && d->fraud[q[r].i])
				(*caught)++;
		}
	}
}

static int
popcount64(uint64_t x)
{
	int c = 0;

	for (; x != 0; x &= x - 1)
		c++;
	return c;
}

/* The AUC of d->score's negated points against the label over the
   scored rows with time >= from (metric_auc). */
static double
score_auc(const struct fraud_data *d, double from)
{
	double *risk = xreallocarray(NULL, d->n ? d->n : 1, sizeof *risk), a;
	signed char *y = xreallocarray(NULL, d->n ? d->n : 1, 1);
	size_t i, m = 0;

	for (i = d->first; i < d->n; i++) {
		if (!(d->t[i] >= from))
			continue;
		risk[m] = -d->score[i];
		y[m++] = d->fraud[i] ? 1 : 0;
	}
	a = metric_auc(risk, y, m);
	free(risk);
	free(y);
	return a;
}

void
fraud_evaluate(const struct fraud_data *d, double from, double capacity,
	struct fraud_eval *e)
{
	struct alert *q;
	size_t i, r, na = 0, k, run;
	int64_t day0 = 0, day1 = 0, day;
	int any = 0;

	memset(e, 0, sizeof *e);
	e->nrules = d->nrules;
	e->rule = xcalloc(d->nrules + 1, sizeof *e->rule);
	e->labelled = d->fraud != NULL;
	e->valued = d->fraud != NULL && d->amount != NULL;
	e->capacity = capacity;
	q = xreallocarray(NULL, d->n ? d->n : 1, sizeof *q);
	for (i = d->first; i < d->n; i++) {
		int fraud = d->fraud != NULL && d->fraud[i];
		double amt = d->amount != NULL && !isnan(d->amount[i]) ?
		    d->amount[i] : 0;
		uint64_t h = d->hits[i];

		if (!(d->t[i] >= from))
			continue;
		e->events++;
		day = (int64_t)floor(d->t[i] / 86400.0);
		if (!any || day < day0)
			day0 = day;
		if (!any || day > day1)
			day1 = day;
		any = 1;
		if (fraud) {
			e->frauds++;
			e->fraud_amount += amt;
		}
		if (h == 0)
			continue;
		e->set.alerts++;
		if (d->action[i] == POLICY_FRAUD_DECLINE)
			e->declines++;
		else
			e->refers++;
		if (fraud) {
			e->set.frauds_caught++;
			e->set.amount_caught += amt;
		}
		for (r = 0; r < d->nrules; r++) {
			if (!(h >> r & 1))
				continue;
			e->rule[r].alerts++;
			if (fraud) {
				e->rule[r].frauds_caught++;
				e->rule[r].amount_caught += amt;
				if (h == (uint64_t)1 << r)
					e->rule[r].unique_frauds++;
			}
		}
		q[na].day = day;
		q[na].action = d->action[i];
		q[na].nrules = popcount64(h);
		q[na].t = d->t[i];
		q[na].score = d->score != NULL ? d->score[i] : 0;
		q[na].i = i;
		na++;
	}
	figures_rates(&e->set, e);
	for (r = 0; r < d->nrules; r++)
		figures_rates(&e->rule[r], e);
	e->days = any ? (size_t)(day1 - day0 + 1) : 0;
	e->alerts_per_day = ratio((double)e->set.alerts, (double)e->days);
	qsort(q, na, sizeof *q, alert_cmp);
	for (k = 0; k < na; k = i) {
		for (i = k; i < na && q[i].day == q[k].day; i++)
			;
		run = i - k;
		if (run > e->max_alerts_day)
			e->max_alerts_day = run;
		if (isnan(capacity))
			continue;
		if ((double)run > floor(capacity)) {
			e->days_over++;
			e->alerts_over += run - (size_t)floor(capacity);
		}
	}
	if (!isnan(capacity))
		work_queue(d, q, na, capacity, &e->worked, &e->frauds_worked);
	e->detection_at_capacity = isnan(capacity) || !e->labelled ? NAN :
	    ratio((double)e->frauds_worked, (double)e->frauds);
	e->auc = NAN;
	e->detection_at_capacity_rules = NAN;
	if (d->score != NULL) {
		e->scored = 1;
		e->worked_rules = e->worked;
		e->frauds_worked_rules = e->frauds_worked;
		e->detection_at_capacity_rules = e->detection_at_capacity;
		if (!isnan(capacity)) {
			qsort(q, na, sizeof *q, alert_cmp_score);
			work_queue(d, q, na, capacity, &e->worked,
			    &e->frauds_worked);
			e->detection_at_capacity = !e->labelled ? NAN :
			    ratio((double)e->frauds_worked,
			    (double)e->frauds);
		}
		if (e->labelled)
			e->auc = score_auc(d, from);
	}
	free(q);
}

void
fraud_eval_done(struct fraud_eval *e)
{
	if (e == NULL)
		return;
	free(e->rule);
	memset(e, 0, sizeof *e);
}
