/*
 * collect.c - collections rates, randomised tests, plan and optimiser
 * (see collect.h for the definitions and their sources).
 *
 * The history is an open-addressing hash table keyed by (account,
 * month) of the treatments logged; account identifiers live in one
 * growing arena.  Each snapshot looks up its own month (the bucket and
 * balance when treated) and the month before (the outcome of a
 * treatment given then).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "model/collect.h"
#include "model/monitor.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/xmalloc.h"

struct entry {
	uint64_t hash;		/* 0: empty slot */
	size_t off;		/* the account in the arena */
	size_t len;
	double balance;		/* when treated */
	int month;
	short treat;		/* index into names */
	signed char bucket;	/* when treated; -1 no snapshot */
	signed char next;	/* the month after; -1 no snapshot */
};

struct collect_hist {
	struct entry *slot;	/* [cap] */
	size_t cap, used;
	char *arena;
	size_t alen, aalloc;
	char *names[COLLECT_MAX_TREAT];
	size_t nnames;
	size_t logged, snapshots;
	int first_month, last_month;
	/* Bit filter of the keys present (key >> (64 - fbits)): a snapshot
	   whose bit is clear needs no probe of the table, which is larger
	   than the caches.  Built at the first snapshot. */
	uint64_t *filter;
	unsigned fbits;
	/* The plan month's delinquent rows. */
	int plan_month, keep_month;
	int64_t *keep;
	size_t nkeep, akeep;
};

/* ---------------------------------------------------------------- hashing */

static uint64_t
fnv1a(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The slot key of an account hash and a month: never 0. */
static uint64_t
key_of(uint64_t ha, int month)
{
	uint64_t h = ha ^ ((uint64_t)(unsigned)month * 0x9e3779b97f4a7c15ULL);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

/*
 * FNV-1a alone mixes its high bits poorly for short identifiers that
 * differ in their last characters (A0000001, A0000002, ...): its top
 * bits then fall below 0.2 for 28% of such accounts.  The finaliser of
 * splitmix64 spreads every input bit over the whole word first.
 */
double
collect_draw(const char *account, size_t len)
{
	return (double)(rd_mix64(fnv1a(account, len)) >> 11) * 0x1.0p-53;
}

/* The draw of mixed identifier hash m in the stream of key k (0: none). */
static double
stream_draw(uint64_t m, uint64_t k)
{
	return (double)((k != 0 ? rd_mix64(m ^ k) : m) >> 11) * 0x1.0p-53;
}

/* The key of a stream text (0 for NULL). */
static uint64_t
stream_key(const char *stream)
{
	uint64_t k;

	if (stream == NULL)
		return 0;
	k = rd_mix64(fnv1a(stream, strlen(stream)));
	return k != 0 ? k : 1;
}

double
collect_draw_stream(const char *account, size_t len, const char *stream)
{
	return stream_draw(rd_mix64(fnv1a(account, len)), stream_key(stream));
}

/* The entry of (account, month), or NULL. */
static struct entry *
find(const struct collect_hist *h, uint64_t key, const char *account,
	size_t len, int month)
{
	size_t i;

	if (h->cap == 0)
		return NULL;
	for (i = key & (h->cap - 1); h->slot[i].hash != 0;
	    i = (i + 1) & (h->cap - 1)) {
		const struct entry *e = &h->slot[i];

		if (e->hash == key && e->month == month && e->len == len &&
		    memcmp(h->arena + e->off, account, len) == 0)
			return &h->slot[i];
	}
	return NULL;
}

static void
grow(struct collect_hist *h)
{
	struct entry *old = h->slot;
	size_t oldcap = h->cap, i, j;

	h->cap = oldcap ? 2 * oldcap : 1024;
	h->slot = xcalloc(h->cap, sizeof *h->slot);
	for (i = 0; i < oldcap; i++) {
		if (old[i].hash == 0)
			continue;
		for (j = old[i].hash & (h->cap - 1); h->slot[j].hash != 0;
		    j = (j + 1) & (h->cap - 1))
			;
		h->slot[j] = old[i];
	}
	free(old);
}

struct collect_hist *
collect_hist_new(void)
{
	struct collect_hist *h = xcalloc(1, sizeof *h);

	h->first_month = h->last_month = -1;
	h->plan_month = h->keep_month = -1;
	return h;
}

void
collect_hist_free(struct collect_hist *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nnames; i++)
		free(h->names[i]);
	free(h->slot);
	free(h->arena);
	free(h->filter);
	free(h->keep);
	free(h);
}

void
collect_hist_plan_month(struct collect_hist *h, int month)
{
	h->plan_month = month;
}

void
collect_hist_plan_rows(const struct collect_hist *h, const int64_t **rows,
	size_t *n)
{
	*rows = h->keep;
	*n = h->nkeep;
}

/* Build the bit filter: at least 16 bits per key, at least 2^16. */
static void
filter_build(struct collect_hist *h)
{
	size_t i;

	h->fbits = 16;
	while (h->fbits < 40 && ((uint64_t)1 << h->fbits) < 16 * h->used)
		h->fbits++;
	h->filter = xcalloc(((size_t)1 << h->fbits) / 64, sizeof *h->filter);
	for (i = 0; i < h->cap; i++) {
		uint64_t b = h->slot[i].hash >> (64 - h->fbits);

		if (h->slot[i].hash != 0)
			h->filter[b / 64] |= (uint64_t)1 << (b % 64);
	}
}

/* Whether key may be in the table (the filter's bit is set). */
static int
maybe(const struct collect_hist *h, uint64_t key)
{
	uint64_t b = key >> (64 - h->fbits);

	return (h->filter[b / 64] >> (b % 64)) & 1;
}

/* Keep rowid for the plan when month m is the plan month. */
static void
keep_row(struct collect_hist *h, int m, int64_t rowid)
{
	if (h->plan_month >= 0 ? m != h->plan_month : m < h->keep_month)
		return;
	if (m != h->keep_month) {
		h->keep_month = m;
		h->nkeep = 0;
	}
	if (h->nkeep == h->akeep) {
		h->akeep = h->akeep ? 2 * h->akeep : 1024;
		h->keep = xreallocarray(h->keep, h->akeep, sizeof *h->keep);
	}
	h->keep[h->nkeep++] = rowid;
}

/* "account \"x\"" shortened for messages, into buf[64]. */
static const char *
acct_words(const char *account, size_t len, char buf[64])
{
	snprintf(buf, 64, "\"%.*s%s\"", (int)(len > 40 ? 40 : len), account,
	    len > 40 ? "..." : "");
	return buf;
}

static int
parse_month(const char *month, size_t row, int *m, struct rd_err *err)
{
	if (month == NULL)
		return rd_err_set(err, RD_EINPUT, "row %zu: the month is "
		    "empty: expected YYYY-MM or a date YYYY-MM-DD", row);
	if (monitor_month_parse(month, m) != 0)
		return rd_err_set(err, RD_EINPUT, "row %zu: month \"%.40s\": "
		    "expected YYYY-MM or a date YYYY-MM-DD", row, month);
	return 0;
}

int
collect_hist_log(struct collect_hist *h, const char *account, size_t len,
	const char *month, const char *treatment, size_t row,
	struct rd_err *err)
{
	struct entry *e;
	uint64_t key;
	size_t t, j;
	char buf[64];
	int m;

	if (account == NULL || len == 0)
		return rd_err_set(err, RD_EINPUT, "row %zu: the account is "
		    "empty: every treatment names the account given it", row);
	if (parse_month(month, row, &m, err) != 0)
		return -1;
	if (treatment == NULL || treatment[0] == '\0')
		return rd_err_set(err, RD_EINPUT, "row %zu: the treatment is "
		    "empty", row);
	for (t = 0; t < h->nnames; t++)
		if (strcmp(h->names[t], treatment) == 0)
			break;
	if (t == h->nnames) {
		if (h->nnames == COLLECT_MAX_TREAT)
			return rd_err_set(err, RD_EINPUT, "row %zu: more than "
			    "%d distinct treatments (\"%.40s\"): is the "
			    "treatment column the right one?", row,
			    COLLECT_MAX_TREAT, treatment);
		h->names[h->nnames++] = xstrdup(treatment);
	}
	key = key_of(fnv1a(account, len), m);
	if ((e = find(h, key, account, len, m)) != NULL)
		return rd_err_set(err, RD_EINPUT, "row %zu: account %s is "
		    "given a second treatment in %.7s (\"%s\", then \"%.40s\"): "
		    "one treatment per account and month", row,
		    acct_words(account, len, buf), month, h->names[e->treat],
		    treatment);
	if (2 * (h->used + 1) > h->cap)
		grow(h);
	if (h->alen + len > h->aalloc) {
		h->aalloc = h->aalloc ? 2 * h->aalloc : 65536;
		while (h->alen + len > h->aalloc)
			h->aalloc *= 2;
		h->arena = xrealloc(h->arena, h->aalloc);
	}
	memcpy(h->arena + h->alen, account, len);
	for (j = key & (h->cap - 1); h->slot[j].hash != 0;
	    j = (j + 1) & (h->cap - 1))
		;
	e = &h->slot[j];
	e->hash = key;
	e->off = h->alen;
	e->len = len;
	e->month = m;
	e->treat = (short)t;
	e->bucket = e->next = -1;
	e->balance = NAN;
	h->alen += len;
	h->used++;
	h->logged++;
	return 0;
}

/* Check a bucket cell: an integer 0..5.  0 or -1 with err. */
static int
bucket_ok(double bucket, size_t row, struct rd_err *err)
{
	if (isnan(bucket))
		return rd_err_set(err, RD_EINPUT, "row %zu: the bucket is "
		    "empty or not a number: expected 0 (current) to 5 "
		    "(charged off)", row);
	if (bucket != floor(bucket) || bucket < 0 || bucket > 5)
		return rd_err_set(err, RD_EINPUT, "row %zu: bucket %g: "
		    "expected a whole number 0 (current) to 5 (charged off)",
		    row, bucket);
	return 0;
}

int
collect_hist_snapshot(struct collect_hist *h, const char *account,
	size_t len, const char *month, double bucket, double balance,
	int64_t rowid, size_t row, struct rd_err *err)
{
	struct entry *e;
	uint64_t ha, key;
	char buf[64];
	int m;

	if (account == NULL || len == 0)
		return rd_err_set(err, RD_EINPUT, "row %zu: the account is "
		    "empty", row);
	if (parse_month(month, row, &m, err) != 0 ||
	    bucket_ok(bucket, row, err) != 0)
		return -1;
	if (!isfinite(balance))
		return rd_err_set(err, RD_EINPUT, "row %zu: the balance is "
		    "empty or not a number", row);
	h->snapshots++;
	if (h->first_month < 0 || m < h->first_month)
		h->first_month = m;
	if (m > h->last_month)
		h->last_month = m;
	if (bucket >= 1 && bucket <= 4)
		keep_row(h, m, rowid);
	if (h->used == 0)
		return 0;
	if (h->filter == NULL)
		filter_build(h);
	ha = fnv1a(account, len);
	key = key_of(ha, m);
	if (bucket >= 1 && bucket <= 4 && maybe(h, key) &&
	    (e = find(h, key, account, len, m)) != NULL) {
		if (e->bucket >= 0)
			return rd_err_set(err, RD_EINPUT, "row %zu: account %s "
			    "has a second snapshot in %.7s: one snapshot per "
			    "account and month", row,
			    acct_words(account, len, buf), month);
		e->bucket = (signed char)bucket;
		e->balance = balance;
	}
	key = key_of(ha, m - 1);
	if (maybe(h, key) && (e = find(h, key, account, len, m - 1)) != NULL)
		e->next = (signed char)bucket;
	return 0;
}

int
collect_hist_last_month(const struct collect_hist *h)
{
	return h->last_month;
}

/* ------------------------------------------------------- rates and tests */

void
collect_prop_test(size_t x1, size_t n1, size_t x0, size_t n0, int correct,
	struct collect_test *t)
{
	double p1, p0, p, d, sn, yates, z, width, o[4], e[4], x2, se, sp;
	double pbar;
	int k;

	t->n1 = n1;
	t->x1 = x1;
	t->n0 = n0;
	t->x0 = x0;
	t->p1 = p1 = n1 ? (double)x1 / (double)n1 : NAN;
	t->p0 = p0 = n0 ? (double)x0 / (double)n0 : NAN;
	t->difference = d = p1 - p0;
	t->ci_low = t->ci_high = t->statistic = t->p_value = NAN;
	t->power = NAN;
	t->enough = 0;
	if (n1 == 0 || n0 == 0)
		return;
	sn = 1.0 / (double)n1 + 1.0 / (double)n0;
	yates = correct ? 0.5 : 0;
	if (fabs(d) / sn < yates)
		yates = fabs(d) / sn;
	z = gsl_cdf_ugaussian_Pinv(0.975);
	width = z * sqrt(p1 * (1 - p1) / (double)n1 +
	    p0 * (1 - p0) / (double)n0) + yates * sn;
	t->ci_low = fmax(d - width, -1);
	t->ci_high = fmin(d + width, 1);
	p = (double)(x1 + x0) / (double)(n1 + n0);
	o[0] = (double)x1;
	o[1] = (double)x0;
	o[2] = (double)(n1 - x1);
	o[3] = (double)(n0 - x0);
	e[0] = (double)n1 * p;
	e[1] = (double)n0 * p;
	e[2] = (double)n1 * (1 - p);
	e[3] = (double)n0 * (1 - p);
	if (p > 0 && p < 1) {
		for (x2 = 0, k = 0; k < 4; k++)
			x2 += (fabs(o[k] - e[k]) - yates) *
			    (fabs(o[k] - e[k]) - yates) / e[k];
		t->statistic = x2;
		t->p_value = gsl_cdf_chisq_Q(x2, 1);
	}
	pbar = ((double)n1 * p1 + (double)n0 * p0) / (double)(n1 + n0);
	se = sqrt(p1 * (1 - p1) / (double)n1 + p0 * (1 - p0) / (double)n0);
	sp = sqrt(pbar * (1 - pbar) * sn);
	if (d != 0 && se > 0) {
		t->power = gsl_cdf_ugaussian_P((fabs(d) - z * sp) / se);
		t->enough = t->power >= 0.8;
	}
}

void
collect_result_done(struct collect_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->rates);
	free(r->tests);
	memset(r, 0, sizeof *r);
}

int
collect_rates(const struct collect_hist *h, struct collect_result *out,
	struct rd_err *err)
{
	struct collect_rate grid[COLLECT_NBUCKETS][COLLECT_MAX_TREAT];
	size_t i, t, c, champ;
	int b;

	memset(out, 0, sizeof *out);
	out->first_month = out->last_month = out->rates_before = -1;
	if (h->snapshots == 0)
		return rd_err_set(err, RD_EINPUT, "the snapshot table has no "
		    "row: nothing to measure");
	/* A month before the last is planned with what was known then:
	   the outcomes of the treatments before it. */
	if (h->plan_month >= 0 && h->plan_month < h->last_month)
		out->rates_before = h->plan_month;
	memset(grid, 0, sizeof grid);
	for (i = 0; i < h->cap; i++) {
		const struct entry *e = &h->slot[i];
		struct collect_rate *g;

		if (e->hash == 0)
			continue;
		if (e->bucket < 0) {
			out->not_delinquent++;
			continue;
		}
		if (e->next < 0) {
			out->open++;
			continue;
		}
		if (out->rates_before >= 0 && e->month >= out->rates_before) {
			out->later++;
			continue;
		}
		g = &grid[e->bucket][e->treat];
		g->n++;
		g->balance += e->balance;
		if (e->next == 0) {
			g->cured++;
			g->cured_balance += e->balance;
		} else if (e->next > e->bucket) {
			g->rolled++;
		}
	}
	out->names = xcalloc(h->nnames ? h->nnames : 1, sizeof *out->names);
	for (t = 0; t < h->nnames; t++)
		out->names[t] = xstrdup(h->names[t]);
	out->nnames = h->nnames;
	out->rates = xcalloc(4 * (h->nnames ? h->nnames : 1),
	    sizeof *out->rates);
	out->tests = xcalloc(4 * (h->nnames ? h->nnames : 1),
	    sizeof *out->tests);
	for (b = 1; b <= 4; b++) {
		champ = COLLECT_NONE;
		for (t = 0, c = 0; t < h->nnames; t++) {
			struct collect_rate *g = &grid[b][t];

			if (g->n == 0)
				continue;
			g->bucket = b;
			g->treatment = t;
			g->stayed = g->n - g->cured - g->rolled;
			g->cure_rate = (double)g->cured / (double)g->n;
			g->roll_rate = (double)g->rolled / (double)g->n;
			out->rates[out->nrates++] = *g;
			if (champ == COLLECT_NONE || g->n > grid[b][champ].n)
				champ = t;
			c++;
		}
		if (c < 2)
			continue;
		for (t = 0; t < h->nnames; t++) {
			struct collect_test *ts;

			if (t == champ || grid[b][t].n == 0)
				continue;
			ts = &out->tests[out->ntests++];
			ts->bucket = b;
			ts->treatment = t;
			ts->champion = champ;
			collect_prop_test(grid[b][t].cured, grid[b][t].n,
			    grid[b][champ].cured, grid[b][champ].n, 1, ts);
		}
	}
	out->logged = h->logged;
	out->snapshots = h->snapshots;
	out->first_month = h->first_month;
	out->last_month = h->last_month;
	return 0;
}

const struct collect_rate *
collect_rate_find(const struct collect_result *r, int bucket,
	const char *name)
{
	size_t i;

	for (i = 0; i < r->nrates; i++)
		if (r->rates[i].bucket == bucket &&
		    strcmp(r->names[r->rates[i].treatment], name) == 0)
			return &r->rates[i];
	return NULL;
}

/* ------------------------------------------------------------- accounts */

void
collect_accounts_init(struct collect_accounts *a, size_t nrules)
{
	memset(a, 0, sizeof *a);
	a->nrules = nrules;
}

void
collect_accounts_done(struct collect_accounts *a)
{
	if (a == NULL)
		return;
	free(a->bucket);
	free(a->balance);
	free(a->draw);
	free(a->mix);
	free(a->truth);
	memset(a, 0, sizeof *a);
}

int
collect_accounts_add(struct collect_accounts *a, const char *account,
	size_t len, double bucket, double balance,
	const unsigned char *truth, size_t row, struct rd_err *err)
{
	if (bucket_ok(bucket, row, err) != 0)
		return -1;
	if (bucket < 1 || bucket > 4)
		return 0;
	if (!isfinite(balance))
		return rd_err_set(err, RD_EINPUT, "row %zu: the balance is "
		    "empty or not a number", row);
	if (a->n == a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 1024;
		a->bucket = xrealloc(a->bucket, a->alloc);
		a->balance = xreallocarray(a->balance, a->alloc,
		    sizeof *a->balance);
		a->draw = xreallocarray(a->draw, a->alloc, sizeof *a->draw);
		a->mix = xreallocarray(a->mix, a->alloc, sizeof *a->mix);
		a->truth = xreallocarray(a->truth, a->alloc,
		    a->nrules ? a->nrules : 1);
	}
	a->bucket[a->n] = (unsigned char)bucket;
	a->balance[a->n] = balance;
	a->mix[a->n] = rd_mix64(fnv1a(account != NULL ? account : "",
	    account != NULL ? len : 0));
	a->draw[a->n] = stream_draw(a->mix[a->n], 0);
	if (a->nrules > 0)
		memcpy(a->truth + a->n * a->nrules, truth, a->nrules);
	a->n++;
	return 0;
}

/* ----------------------------------------------------------------- plans */

/* rate[b * ntreat + t]: the cure rate of strategy treatment t in bucket
   b (NaN: no history). */
static double *
rate_table(const struct collect_result *r, const struct collect_strategy *s)
{
	double *rate = xmalloc(COLLECT_NBUCKETS * (s->ntreat ? s->ntreat : 1) *
	    sizeof *rate);
	const struct collect_rate *cr;
	size_t t;
	int b;

	for (b = 0; b < COLLECT_NBUCKETS; b++)
		for (t = 0; t < s->ntreat; t++) {
			cr = collect_rate_find(r, b, s->treat[t]);
			rate[b * s->ntreat + t] = cr != NULL ? cr->cure_rate :
			    NAN;
		}
	return rate;
}

static void
plan_init(struct collect_plan *p, const struct collect_strategy *s)
{
	size_t t;

	memset(p, 0, sizeof *p);
	p->ntreat = s->ntreat;
	p->lines = xcalloc(s->ntreat ? s->ntreat : 1, sizeof *p->lines);
	for (t = 0; t < s->ntreat; t++)
		p->lines[t].capacity = s->capacity[t];
	p->nrules = s->nrules;
	p->by_rule = xcalloc(s->nrules ? s->nrules : 1, sizeof *p->by_rule);
	p->home = xcalloc(s->nrules ? s->nrules : 1, sizeof *p->home);
	p->chall_drawn = xcalloc(s->nrules ? s->nrules : 1,
	    sizeof *p->chall_drawn);
	p->chall_given = xcalloc(s->nrules ? s->nrules : 1,
	    sizeof *p->chall_given);
	p->chall_bal_drawn = xcalloc(s->nrules ? s->nrules : 1,
	    sizeof *p->chall_bal_drawn);
	p->chall_bal_given = xcalloc(s->nrules ? s->nrules : 1,
	    sizeof *p->chall_bal_given);
	p->total.capacity = NAN;
}

/* Give treatment t to account i of a in plan p. */
static void
plan_give(struct collect_plan *p, const struct collect_strategy *s,
	const double *rate, const struct collect_accounts *a, size_t i,
	size_t t)
{
	struct collect_line *l = &p->lines[t];
	double cr = rate[a->bucket[i] * s->ntreat + t];

	l->accounts++;
	l->cost += s->cost[t];
	if (isnan(cr)) {
		l->unrated++;
		return;
	}
	l->expected_cures += cr;
	l->expected_cured_balance += cr * a->balance[i];
}

static void
plan_total(struct collect_plan *p)
{
	size_t t;

	memset(&p->total, 0, sizeof p->total);
	p->total.capacity = p->total.used = NAN;
	for (t = 0; t < p->ntreat; t++) {
		struct collect_line *l = &p->lines[t];

		l->used = isfinite(l->capacity) && l->capacity > 0 ?
		    (double)l->accounts / l->capacity : NAN;
		p->total.accounts += p->lines[t].accounts;
		p->total.expected_cures += p->lines[t].expected_cures;
		p->total.expected_cured_balance +=
		    p->lines[t].expected_cured_balance;
		p->total.cost += p->lines[t].cost;
		p->total.unrated += p->lines[t].unrated;
	}
	p->value = p->total.expected_cured_balance - p->total.cost;
}

/* Account order: key ascending (-balance, or draw / share), then
   table order. */
struct claim {
	double key;
	size_t i;
};

static int
by_key(const void *x, const void *y)
{
	const struct claim *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Give account i the treatment of the first true rule from rule q on
   whose treatment has capacity left (plan_give); counts fell and
   untreated. */
static void
plan_champion(struct collect_plan *out, const struct collect_strategy *s,
	const double *rate, const struct collect_accounts *a, size_t *used,
	size_t i, size_t q)
{
	int fell = 0;
	size_t t;

	for (; q < s->nrules; q++) {
		if (!a->truth[i * s->nrules + q])
			continue;
		t = s->rule_treat[q];
		if ((double)used[t] < s->capacity[t]) {
			used[t]++;
			plan_give(out, s, rate, a, i, t);
			out->by_rule[q]++;
			out->fell += (size_t)fell;
			return;
		}
		fell = 1;
	}
	out->fell += (size_t)fell;
	out->untreated++;
}

int
collect_plan(const struct collect_result *r,
	const struct collect_strategy *s, const struct collect_accounts *a,
	struct collect_plan *out, struct rd_err *err)
{
	double *rate, d;
	size_t *used, *home, i, k, q, c, nc = 0, nn = 0;
	struct claim *champ, *chall;

	if (a->nrules != s->nrules)
		return rd_err_set(err, RD_EINPUT, "the accounts were read with "
		    "%zu rules, the strategy has %zu", a->nrules, s->nrules);
	plan_init(out, s);
	rate = rate_table(r, s);
	used = xcalloc(s->ntreat ? s->ntreat : 1, sizeof *used);
	home = xmalloc((a->n ? a->n : 1) * sizeof *home);
	champ = xmalloc((a->n ? a->n : 1) * sizeof *champ);
	chall = xmalloc((a->n ? a->n : 1) * sizeof *chall);
	out->accounts = a->n;
	for (i = 0; i < a->n; i++) {
		for (q = 0; q < s->nrules && !a->truth[i * s->nrules + q]; q++)
			;
		home[i] = q;
		if (q < s->nrules) {
			out->home[q]++;
			if (s->rule_chall[q] != COLLECT_NONE) {
				d = s->rule_stream != NULL ?
				    stream_draw(a->mix[i], stream_key(
				    s->rule_stream[q])) : a->draw[i];
				if (d < s->rule_share[q]) {
					out->chall_drawn[q]++;
					out->chall_bal_drawn[q] +=
					    a->balance[i];
					chall[nc].key = d / s->rule_share[q];
					chall[nc++].i = i;
					continue;
				}
			}
		}
		champ[nn].key = -a->balance[i];
		champ[nn++].i = i;
	}
	qsort(champ, nn, sizeof *champ, by_key);
	qsort(chall, nc, sizeof *chall, by_key);
	for (k = 0; k < nn; k++)
		plan_champion(out, s, rate, a, used, champ[k].i, 0);
	for (k = 0; k < nc; k++) {
		i = chall[k].i;
		q = home[i];
		c = s->rule_chall[q];
		if ((double)used[c] < s->capacity[c]) {
			used[c]++;
			plan_give(out, s, rate, a, i, c);
			out->challenged++;
			out->chall_given[q]++;
			out->chall_bal_given[q] += a->balance[i];
			out->by_rule[q]++;
		} else {
			plan_champion(out, s, rate, a, used, i, q);
		}
	}
	plan_total(out);
	free(chall);
	free(champ);
	free(home);
	free(used);
	free(rate);
	return 0;
}

void
collect_plan_done(struct collect_plan *p)
{
	if (p == NULL)
		return;
	free(p->lines);
	free(p->by_rule);
	free(p->home);
	free(p->chall_drawn);
	free(p->chall_given);
	free(p->chall_bal_drawn);
	free(p->chall_bal_given);
	memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------ optimiser */

struct move {
	double gain;
	size_t i, t;
};

static int
by_gain(const void *x, const void *y)
{
	const struct move *a = x, *b = y;

	if (a->gain != b->gain)
		return a->gain > b->gain ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

/* v(i, t), or -INFINITY when t has no history in i's bucket. */
static double
worth(const struct collect_strategy *s, const double *rate,
	const struct collect_accounts *a, size_t i, size_t t)
{
	double cr = rate[a->bucket[i] * s->ntreat + t];

	return isnan(cr) ? -INFINITY : cr * a->balance[i] - s->cost[t];
}

/*
 * The Lagrangian L(l) (collect.h) and its subgradient g[t] = cap_t -
 * accounts whose best move under l is t (capacitated t only).
 */
static double
lagrangian(const struct collect_strategy *s, const double *rate,
	const struct collect_accounts *a, const double *l, double *g)
{
	double sum = 0, best, v;
	size_t i, t, arg;

	for (t = 0; t < s->ntreat; t++)
		g[t] = isinf(s->capacity[t]) ? 0 : s->capacity[t];
	for (i = 0; i < a->n; i++) {
		best = 0;
		arg = COLLECT_NONE;
		for (t = 0; t < s->ntreat; t++) {
			v = worth(s, rate, a, i, t) - l[t];
			if (v > best) {
				best = v;
				arg = t;
			}
		}
		sum += best;
		if (arg != COLLECT_NONE && !isinf(s->capacity[arg]))
			g[arg] -= 1;
	}
	for (t = 0; t < s->ntreat; t++)
		if (!isinf(s->capacity[t]))
			sum += l[t] * s->capacity[t];
	return sum;
}

int
collect_optimise(const struct collect_result *r,
	const struct collect_strategy *s, const struct collect_accounts *a,
	struct collect_opt *out, struct rd_err *err)
{
	double *rate, *l, *g, *lmin, v, bv, bound, theta = 1, norm, lv;
	size_t *choice, *used, nmoves = 0, ncap = 0, i, t, k, stall = 0;
	struct move *mv;
	int it;

	(void)err;
	memset(out, 0, sizeof *out);
	plan_init(&out->plan, s);
	rate = rate_table(r, s);
	choice = xmalloc((a->n ? a->n : 1) * sizeof *choice);
	used = xcalloc(s->ntreat ? s->ntreat : 1, sizeof *used);
	l = xcalloc(s->ntreat ? s->ntreat : 1, sizeof *l);
	lmin = xcalloc(s->ntreat ? s->ntreat : 1, sizeof *lmin);
	g = xcalloc(s->ntreat ? s->ntreat : 1, sizeof *g);
	for (t = 0; t < s->ntreat; t++)
		ncap += !isinf(s->capacity[t]);
	mv = xmalloc((a->n * ncap > 0 ? a->n * ncap : 1) * sizeof *mv);
	out->plan.accounts = a->n;
	/* Each account's best treatment without capacity, or none. */
	for (i = 0; i < a->n; i++) {
		choice[i] = COLLECT_NONE;
		bv = 0;
		for (t = 0; t < s->ntreat; t++) {
			if (!isinf(s->capacity[t]))
				continue;
			v = worth(s, rate, a, i, t);
			if (v > bv) {
				bv = v;
				choice[i] = t;
			}
		}
		for (t = 0; t < s->ntreat; t++) {
			if (isinf(s->capacity[t]))
				continue;
			v = worth(s, rate, a, i, t) - bv;
			if (v > 0) {
				mv[nmoves].gain = v;
				mv[nmoves].i = i;
				mv[nmoves].t = t;
				nmoves++;
			}
		}
	}
	qsort(mv, nmoves, sizeof *mv, by_gain);
	{
		unsigned char *moved = xcalloc(a->n ? a->n : 1, 1);

		for (k = 0; k < nmoves; k++) {
			i = mv[k].i;
			t = mv[k].t;
			if (moved[i] || (double)used[t] >= s->capacity[t])
				continue;
			moved[i] = 1;
			used[t]++;
			choice[i] = t;
			l[t] = mv[k].gain;	/* the marginal gain so far */
		}
		free(moved);
	}
	/* Capacity left over: the multiplier starts at 0. */
	for (t = 0; t < s->ntreat; t++)
		if (!isinf(s->capacity[t]) && (double)used[t] < s->capacity[t])
			l[t] = 0;
	out->value = 0;
	for (i = 0; i < a->n; i++) {
		if (choice[i] == COLLECT_NONE) {
			out->plan.untreated++;
			continue;
		}
		out->value += worth(s, rate, a, i, choice[i]);
		plan_give(&out->plan, s, rate, a, i, choice[i]);
	}
	plan_total(&out->plan);
	/* The bound: projected subgradient descent on the Lagrangian. */
	bound = lagrangian(s, rate, a, l, g);
	memcpy(lmin, l, s->ntreat * sizeof *l);
	for (it = 0; it < 200 && ncap > 0; it++) {
		lv = lagrangian(s, rate, a, l, g);
		if (lv < bound - 1e-9 * fabs(bound)) {
			bound = lv;
			memcpy(lmin, l, s->ntreat * sizeof *l);
			stall = 0;
		} else if (++stall >= 10) {
			theta /= 2;
			stall = 0;
		}
		for (norm = 0, t = 0; t < s->ntreat; t++)
			norm += g[t] * g[t];
		if (norm == 0 || lv - out->value <= 1e-12 * fabs(lv))
			break;
		for (t = 0; t < s->ntreat; t++)
			if (!isinf(s->capacity[t]))
				l[t] = fmax(0, l[t] - theta * (lv - out->value) /
				    norm * g[t]);
	}
	out->bound = bound;
	out->gap = fmax(0, bound - out->value);
	free(mv);
	free(g);
	free(l);
	free(lmin);
	free(used);
	free(choice);
	free(rate);
	return 0;
}

void
collect_opt_done(struct collect_opt *o)
{
	if (o == NULL)
		return;
	collect_plan_done(&o->plan);
	memset(o, 0, sizeof *o);
}
