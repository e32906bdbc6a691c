/*
 * desk-collect.c - collections in the session (see desk-collect.h):
 * the policy's tables read by data/coll-scan.c into model/collect.c.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/coll-scan.h"
#include "desk/desk-collect.h"
#include "desk/desk-internal.h"
#include "model/monitor.h"
#include "util/err.h"
#include "util/xmalloc.h"

static void
errs_add(struct policy_errors *errs, const struct rd_err *e)
{
	policy_errors_add(errs, e);
}

/* The strategy arrays of policy p into *st (which takes p). */
static void
strategy_init(struct desk_strategy *st, struct policy *p)
{
	const struct policy_collect *c = p->collect;
	size_t t, q;

	memset(st, 0, sizeof *st);
	st->policy = p;
	st->treat = xcalloc(c->ntreat + 1, sizeof *st->treat);
	st->cost = xcalloc(c->ntreat + 1, sizeof *st->cost);
	st->capacity = xcalloc(c->ntreat + 1, sizeof *st->capacity);
	for (t = 0; t < c->ntreat; t++) {
		st->treat[t] = c->treat[t].name;
		st->cost[t] = c->treat[t].cost;
		st->capacity[t] = c->treat[t].capacity;
	}
	st->rule_treat = xcalloc(c->nrules + 1, sizeof *st->rule_treat);
	st->rule_chall = xcalloc(c->nrules + 1, sizeof *st->rule_chall);
	st->rule_share = xcalloc(c->nrules + 1, sizeof *st->rule_share);
	st->rule_stream = xcalloc(c->nrules + 1, sizeof *st->rule_stream);
	for (q = 0; q < c->nrules; q++) {
		st->rule_treat[q] = c->rules[q].treatment;
		st->rule_chall[q] = c->rules[q].challenger;
		st->rule_share[q] = c->rules[q].share;
		st->rule_stream[q] = c->rules[q].stream;
	}
	st->s.ntreat = c->ntreat;
	st->s.treat = st->treat;
	st->s.cost = st->cost;
	st->s.capacity = st->capacity;
	st->s.nrules = c->nrules;
	st->s.rule_treat = st->rule_treat;
	st->s.rule_chall = st->rule_chall;
	st->s.rule_share = st->rule_share;
	st->s.rule_stream = st->rule_stream;
	collect_accounts_init(&st->acc, c->nrules);
}

static void
strategy_done(struct desk_strategy *st)
{
	collect_accounts_done(&st->acc);
	collect_plan_done(&st->plan);
	free(st->treat);
	free(st->cost);
	free(st->capacity);
	free(st->rule_treat);
	free(st->rule_chall);
	free(st->rule_share);
	free(st->rule_stream);
	policy_free(st->policy);
	memset(st, 0, sizeof *st);
}

/* Load and check the policy at path; NULL with errs. */
static struct policy *
load(struct desk *d, const char *path, struct policy_errors *errs)
{
	struct policy *p = policy_load_collect_all(path, errs);

	if (p == NULL)
		return NULL;
	if (policy_check_collect_all(p, desk_db(d), errs) != 0) {
		policy_free(p);
		return NULL;
	}
	return p;
}

static void
columns_of(const struct policy_collect *c, struct coll_columns *cols)
{
	cols->account = c->account;
	cols->month = c->month;
	cols->bucket = c->bucket;
	cols->balance = c->balance;
	cols->score = c->score;
	cols->treatment = c->treatment;
}

static int
on_log(void *arg, const struct coll_row *r)
{
	void **a = arg;

	return collect_hist_log(a[0], r->account, r->account_len, r->month,
	    r->treatment, r->row, a[1]);
}

static int
on_snapshot(void *arg, const struct coll_row *r)
{
	void **a = arg;

	return collect_hist_snapshot(a[0], r->account, r->account_len,
	    r->month, r->bucket, r->balance, r->rowid, r->row, a[1]);
}

/* The month's rows: each strategy's accounts with its own rules. */
struct month_arg {
	struct desk_collect *c;
	struct rd_err *err;
};

static int
on_month(void *arg, const struct coll_row *r)
{
	struct month_arg *m = arg;
	struct desk_strategy *ch = &m->c->champ, *cl = &m->c->chall;

	if (collect_accounts_add(&ch->acc, r->account, r->account_len,
	    r->bucket, r->balance, r->truth, r->row, m->err) != 0)
		return -1;
	if (cl->policy != NULL && collect_accounts_add(&cl->acc, r->account,
	    r->account_len, r->bucket, r->balance, r->truth + ch->s.nrules,
	    r->row, m->err) != 0)
		return -1;
	return 0;
}

int
desk_collect_replan(struct desk_collect *c, struct rd_err *err)
{
	collect_plan_done(&c->champ.plan);
	collect_plan_done(&c->chall.plan);
	collect_opt_done(&c->opt);
	if (collect_plan(&c->res, &c->champ.s, &c->champ.acc, &c->champ.plan,
	    err) != 0)
		return -1;
	if (c->chall.policy != NULL && collect_plan(&c->res, &c->chall.s,
	    &c->chall.acc, &c->chall.plan, err) != 0)
		return -1;
	return collect_optimise(&c->res, &c->champ.s, &c->champ.acc, &c->opt,
	    err);
}

int
desk_collect(struct desk *d, const char *policy, const char *challenger,
	const char *month, struct desk_collect *out,
	struct policy_errors *errs)
{
	struct policy *p, *q = NULL;
	const struct policy_collect *pc;
	struct coll_columns cols;
	struct collect_hist *h = NULL;
	struct month_arg ma;
	struct rd_err e;
	const char **conds = NULL;
	char m7[8], m7a[8], m7b[8];
	const int64_t *rows;
	size_t nrows;
	void *arg[2];
	size_t k, n;
	int m = -1, rc = -1;

	memset(out, 0, sizeof *out);
	rd_err_clear(&e);
	if (month != NULL && (monitor_month_parse(month, &m) != 0 ||
	    strlen(month) != 7)) {
		rd_err_set(&e, RD_EUSAGE, "--month \"%s\": expected YYYY-MM, "
		    "e.g. 2024-06", month);
		errs_add(errs, &e);
		return -1;
	}
	if ((p = load(d, policy, errs)) == NULL)
		return -1;
	if (challenger != NULL && (q = load(d, challenger, errs)) == NULL) {
		policy_free(p);
		return -1;
	}
	pc = p->collect;
	if (q != NULL && (strcmp(q->collect->snapshots, pc->snapshots) != 0 ||
	    strcmp(q->collect->bucket, pc->bucket) != 0)) {
		rd_err_setloc(&e, RD_EINPUT, q->path,
		    q->collect->snapshots_at.line,
		    q->collect->snapshots_at.col, "the challenger reads "
		    "snapshots \"%s\" (bucket \"%s\"), the policy \"%s\" "
		    "(bucket \"%s\"): a challenger strategy is planned on the "
		    "policy's accounts", q->collect->snapshots,
		    q->collect->bucket, pc->snapshots, pc->bucket);
		errs_add(errs, &e);
		policy_free(p);
		policy_free(q);
		return -1;
	}
	strategy_init(&out->champ, p);
	if (q != NULL)
		strategy_init(&out->chall, q);
	columns_of(pc, &cols);
	h = collect_hist_new();
	collect_hist_plan_month(h, month != NULL ? m : -1);
	arg[0] = h;
	arg[1] = &e;
	if (coll_scan_log(desk_db(d), pc->treatments, &cols, on_log, arg,
	    &e) != 0) {
		desk_err_in_table(&e, pc->treatments);
		goto fail;
	}
	if (coll_scan_snapshots(desk_db(d), pc->snapshots, &cols, NULL, NULL,
	    0, on_snapshot, arg, &e) != 0) {
		desk_err_in_table(&e, pc->snapshots);
		goto fail;
	}
	if (collect_rates(h, &out->res, &e) != 0) {
		desk_err_in_table(&e, pc->snapshots);
		goto fail;
	}
	if (month == NULL)
		m = out->res.last_month;
	out->month = m;
	monitor_month_format(m, m7);
	n = p->collect->nrules + (q != NULL ? q->collect->nrules : 0);
	conds = xcalloc(n + 1, sizeof *conds);
	for (k = 0; k < p->collect->nrules; k++)
		conds[k] = p->collect->rules[k].when;
	for (k = 0; q != NULL && k < q->collect->nrules; k++)
		conds[p->collect->nrules + k] = q->collect->rules[k].when;
	ma.c = out;
	ma.err = &e;
	collect_hist_plan_rows(h, &rows, &nrows);
	if (coll_scan_rows(desk_db(d), pc->snapshots, &cols, rows, nrows,
	    conds, n, on_month, &ma, &e) != 0) {
		desk_err_in_table(&e, pc->snapshots);
		goto fail;
	}
	if (month != NULL && (m < out->res.first_month ||
	    m > out->res.last_month)) {
		monitor_month_format(out->res.first_month, m7a);
		monitor_month_format(out->res.last_month, m7b);
		rd_err_set(&e, RD_EINPUT, "no snapshot in %s: the snapshots of "
		    "table \"%s\" run from %s to %s", m7, pc->snapshots, m7a,
		    m7b);
		goto fail;
	}
	if (desk_collect_replan(out, &e) != 0)
		goto fail;
	rc = 0;
	goto done;
fail:
	errs_add(errs, &e);
	desk_collect_done(out);
done:
	free(conds);
	collect_hist_free(h);
	return rc;
}

void
desk_collect_done(struct desk_collect *c)
{
	if (c == NULL)
		return;
	collect_result_done(&c->res);
	collect_opt_done(&c->opt);
	strategy_done(&c->champ);
	strategy_done(&c->chall);
	memset(c, 0, sizeof *c);
}
