/*
 * report-collect.c - riskdesk collect as text or JSON (see
 * report-collect.h).
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "model/monitor.h"
#include "report/report-collect.h"
#include "report/report-out.h"
#include "util/err.h"
#include "util/fmt.h"

static json_t *
month_json(int m)
{
	char b[8];

	if (m < 0)
		return json_null();
	monitor_month_format(m, b);
	return json_string(b);
}

static json_t *
line_json(const struct collect_line *l)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "accounts",
	    report_jcount(l->accounts), "expected_cures",
	    report_jnum(l->expected_cures), "expected_cured_balance",
	    report_jnum(l->expected_cured_balance), "cost",
	    report_jnum(l->cost), "capacity", report_jnum(l->capacity),
	    "capacity_used", report_jnum(l->used),
	    "unrated", report_jcount(l->unrated));
}

/* Per rule with a challenger: the share asked and reached. */
static json_t *
chall_json(const struct desk_strategy *st, const struct collect_plan *p)
{
	const struct policy_collect *pc = st->policy->collect;
	json_t *o = json_object();
	size_t q;

	for (q = 0; q < p->nrules; q++) {
		const struct policy_action *ru = &pc->rules[q];

		if (ru->challenger == (size_t)-1)
			continue;
		json_object_set_new(o, ru->name, json_pack("{s:s, s:o, s:o, "
		    "s:o, s:o, s:o, s:b, s:o, s:o, s:o}", "challenger",
		    st->treat[ru->challenger], "accounts",
		    report_jcount(p->home[q]), "drawn",
		    report_jcount(p->chall_drawn[q]), "given_challenger",
		    report_jcount(p->chall_given[q]), "share_asked",
		    report_jnum(ru->share), "share_reached",
		    report_jnum(p->home[q] > 0 ? (double)p->chall_given[q] /
		    (double)p->home[q] : NAN), "capacity_bound",
		    p->chall_given[q] < p->chall_drawn[q], "stream",
		    ru->stream != NULL ? json_string(ru->stream) :
		    json_null(), "mean_balance_drawn",
		    report_jnum(p->chall_drawn[q] > 0 ? p->chall_bal_drawn[q] /
		    (double)p->chall_drawn[q] : NAN), "mean_balance_given",
		    report_jnum(p->chall_given[q] > 0 ? p->chall_bal_given[q] /
		    (double)p->chall_given[q] : NAN)));
	}
	return o;
}

static json_t *
plan_json(const struct desk_strategy *st, const struct collect_plan *p,
	int month, int rules)
{
	json_t *o = json_object(), *tr = json_object(), *ru = json_object();
	size_t t, q;

	json_object_set_new(o, "policy", json_string(st->policy->name));
	json_object_set_new(o, "month", month_json(month));
	json_object_set_new(o, "accounts", report_jcount(p->accounts));
	for (t = 0; t < p->ntreat; t++)
		json_object_set_new(tr, st->treat[t], line_json(&p->lines[t]));
	json_object_set_new(o, "treatments", tr);
	json_object_set_new(o, "plan_total", line_json(&p->total));
	if (rules) {
		json_object_set_new(o, "fell", report_jcount(p->fell));
		json_object_set_new(o, "untreated",
		    report_jcount(p->untreated));
		json_object_set_new(o, "challenged",
		    report_jcount(p->challenged));
		for (q = 0; q < p->nrules; q++)
			json_object_set_new(ru,
			    st->policy->collect->rules[q].name,
			    report_jcount(p->by_rule[q]));
		json_object_set_new(o, "rules", ru);
		json_object_set_new(o, "challengers", chall_json(st, p));
	} else {
		json_object_set_new(o, "untreated",
		    report_jcount(p->untreated));
		json_decref(ru);
	}
	return o;
}

/* Treatments logged with an outcome: those the rates count and those
   after the month planned, left out of them. */
static size_t
with_outcome(const struct collect_result *r)
{
	size_t i, n = r->later;

	for (i = 0; i < r->nrates; i++)
		n += r->rates[i].n;
	return n;
}


/* Whether the policy has a cost for treatment name. */
static int
costed(const struct policy_collect *pc, const char *name)
{
	size_t j;

	for (j = 0; j < pc->ntreat; j++)
		if (strcmp(pc->treat[j].name, name) == 0)
			return 1;
	return 0;
}

static int
write_json(FILE *f, const struct desk_collect *c, struct rd_err *err)
{
	const struct collect_result *r = &c->res;
	const struct policy_collect *pc = c->champ.policy->collect;
	json_t *root = json_object(), *rates = json_object();
	json_t *tests = json_object(), *opt;
	char key[2 * 256 + 16];
	size_t i;

	json_object_set_new(root, "policy",
	    json_string(c->champ.policy->name));
	json_object_set_new(root, "snapshots", json_string(pc->snapshots));
	json_object_set_new(root, "treatments", json_string(pc->treatments));
	json_object_set_new(root, "month", month_json(c->month));
	json_object_set_new(root, "history", json_pack("{s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o}", "snapshots", report_jcount(r->snapshots),
	    "treatments_logged", report_jcount(r->logged), "first_month",
	    month_json(r->first_month), "last_month",
	    month_json(r->last_month), "with_outcome",
	    report_jcount(with_outcome(r)), "open", report_jcount(r->open),
	    "not_delinquent", report_jcount(r->not_delinquent)));
	/* The rates' history: the whole of it, or the treatments before
	   the month planned (later: those left out). */
	json_object_set_new(root, "rates_from", json_pack("{s:o, s:o}",
	    "before", r->rates_before >= 0 ? month_json(r->rates_before) :
	    json_null(), "later_left_out", report_jcount(r->later)));
	for (i = 0; i < r->nrates; i++) {
		const struct collect_rate *x = &r->rates[i];

		snprintf(key, sizeof key, "%d/%.256s", x->bucket,
		    r->names[x->treatment]);
		json_object_set_new(rates, key, json_pack("{s:i, s:s, s:o, "
		    "s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "bucket", x->bucket,
		    "treatment", r->names[x->treatment], "n",
		    report_jcount(x->n), "cured", report_jcount(x->cured),
		    "rolled", report_jcount(x->rolled), "stayed",
		    report_jcount(x->stayed), "cure_rate",
		    report_jnum(x->cure_rate), "roll_rate",
		    report_jnum(x->roll_rate), "balance",
		    report_jnum(x->balance), "cured_balance",
		    report_jnum(x->cured_balance)));
	}
	json_object_set_new(root, "rates", rates);
	{
		json_t *nc = json_array();

		for (i = 0; i < r->nnames; i++)
			if (!costed(pc, r->names[i]))
				json_array_append_new(nc,
				    json_string(r->names[i]));
		json_object_set_new(root, "logged_without_cost", nc);
	}
	for (i = 0; i < r->ntests; i++) {
		const struct collect_test *t = &r->tests[i];

		snprintf(key, sizeof key, "%d/%.256s-vs-%.256s", t->bucket,
		    r->names[t->treatment], r->names[t->champion]);
		json_object_set_new(tests, key, json_pack("{s:i, s:s, s:s, "
		    "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
		    "s:o, s:b}", "bucket", t->bucket, "treatment",
		    r->names[t->treatment], "champion", r->names[t->champion],
		    "n", report_jcount(t->n1), "cured", report_jcount(t->x1),
		    "n_champion", report_jcount(t->n0), "cured_champion",
		    report_jcount(t->x0), "cure_rate", report_jnum(t->p1),
		    "cure_rate_champion", report_jnum(t->p0), "difference",
		    report_jnum(t->difference), "ci_low",
		    report_jnum(t->ci_low), "ci_high", report_jnum(t->ci_high),
		    "statistic", report_jnum(t->statistic), "p_value",
		    report_jnum(t->p_value), "power", report_jnum(t->power),
		    "enough", t->enough));
	}
	json_object_set_new(root, "tests", tests);
	json_object_set_new(root, "plan", plan_json(&c->champ,
	    &c->champ.plan, c->month, 1));
	json_object_set_new(root, "challenger_plan", c->chall.policy != NULL ?
	    plan_json(&c->chall, &c->chall.plan, c->month, 1) : json_null());
	opt = plan_json(&c->champ, &c->opt.plan, c->month, 0);
	json_object_del(opt, "policy");
	json_object_set_new(opt, "method", json_string("greedy by gain per "
	    "unit of capacity; bound: Lagrangian dual of the LP"));
	json_object_set_new(opt, "value", report_jnum(c->opt.value));
	json_object_set_new(opt, "bound", report_jnum(c->opt.bound));
	json_object_set_new(opt, "gap", report_jnum(c->opt.gap));
	json_object_set_new(opt, "strategy_value",
	    report_jnum(c->champ.plan.value));
	json_object_set_new(root, "optimiser", opt);
	return report_json_emit(f, root, err);
}

static void
line_text(FILE *f, const char *name, const struct collect_line *l)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char b6[FMT_BUF];

	fprintf(f, "%-12.12s %9s %14s %22s %12s %9s %6s\n", name,
	    fmt_count(b1, (double)l->accounts),
	    fmt_stat(b2, l->expected_cures),
	    fmt_money(b3, l->expected_cured_balance), fmt_money(b4, l->cost),
	    isfinite(l->capacity) ? fmt_count(b5, l->capacity) :
	    isnan(l->capacity) ? "" : "none",
	    isnan(l->used) ? "" : fmt_pct(b6, l->used));
}

/* Per rule with a challenger: drawn, given, the share asked and reached,
   and a line when the challenger's capacity bound. */
static void
chall_text(FILE *f, const struct desk_strategy *st,
	const struct collect_plan *p)
{
	const struct policy_collect *pc = st->policy->collect;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	size_t q;

	for (q = 0; q < p->nrules; q++) {
		const struct policy_action *ru = &pc->rules[q];
		const char *c;

		if (ru->challenger == (size_t)-1)
			continue;
		c = st->treat[ru->challenger];
		fprintf(f, "challenger %s of rule %s: %s of its %s accounts "
		    "drawn, %s given %s; share asked %s, reached %s\n", c,
		    ru->name, fmt_count(b1, (double)p->chall_drawn[q]),
		    fmt_count(b2, (double)p->home[q]),
		    fmt_count(b3, (double)p->chall_given[q]), c,
		    fmt_pct(b4, ru->share), p->home[q] > 0 ? fmt_pct(b5,
		    (double)p->chall_given[q] / (double)p->home[q]) : "-");
		if (p->chall_given[q] > 0)
			fprintf(f, "  mean balance: drawn %s, given %s %s\n",
			    fmt_money(b1, p->chall_bal_drawn[q] /
			    (double)p->chall_drawn[q]), c, fmt_money(b2,
			    p->chall_bal_given[q] / (double)p->chall_given[q]));
		if (p->chall_given[q] < p->chall_drawn[q])
			fprintf(f, "  the capacity of %s bound (the champions "
			    "are served first): the test of rule %s is "
			    "smaller than asked; %s drawn accounts got the "
			    "champion\n", c, ru->name, fmt_count(b1,
			    (double)(p->chall_drawn[q] - p->chall_given[q])));
	}
}

static void
plan_text(FILE *f, const struct desk_strategy *st,
	const struct collect_plan *p, const char *heading, int month)
{
	char m[8], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	size_t t, q;

	monitor_month_format(month, m);
	fprintf(f, "\n%s: policy \"%s\", %s: %s delinquent accounts\n",
	    heading, st->policy->name, m, fmt_count(b1, (double)p->accounts));
	fprintf(f, "%-12s %9s %14s %22s %12s %9s %6s\n", "treatment",
	    "accounts", "expected cures", "expected cured balance", "cost",
	    "capacity", "used");
	for (t = 0; t < p->ntreat; t++)
		line_text(f, st->treat[t], &p->lines[t]);
	line_text(f, "plan total", &p->total);
	fprintf(f, "rules:");
	for (q = 0; q < p->nrules; q++)
		fprintf(f, "%s %s %s", q ? "," : "",
		    st->policy->collect->rules[q].name,
		    fmt_count(b1, (double)p->by_rule[q]));
	fprintf(f, "\nfell past a rule over capacity: %s; untreated: %s; "
	    "given a challenger: %s\n", fmt_count(b1, (double)p->fell),
	    fmt_count(b2, (double)p->untreated),
	    fmt_count(b3, (double)p->challenged));
	chall_text(f, st, p);
	if (p->total.unrated > 0)
		fprintf(f, "given a treatment never logged in their bucket "
		    "(no cure expected of them): %s\n",
		    fmt_count(b1, (double)p->total.unrated));
}

static int
write_text(FILE *f, const struct desk_collect *c, struct rd_err *err)
{
	const struct collect_result *r = &c->res;
	const struct policy_collect *pc = c->champ.policy->collect;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char b6[FMT_BUF], b7[FMT_BUF], m1[8], m2[8], m3[8];
	char ci[2 * FMT_BUF + 8];
	size_t i, t;

	monitor_month_format(r->first_month, m1);
	monitor_month_format(r->last_month, m2);
	monitor_month_format(r->rates_before >= 0 ? r->rates_before : 0, m3);
	fprintf(f, "collections: policy \"%s\" (snapshots \"%s\", treatments "
	    "\"%s\")\n", c->champ.policy->name, pc->snapshots, pc->treatments);
	fprintf(f, "history: %s snapshots from %s to %s; %s treatments "
	    "logged: %s with an outcome, %s open (no snapshot the month "
	    "after), %s not delinquent (no snapshot in buckets 1-4 that "
	    "month)\n",
	    fmt_count(b1, (double)r->snapshots), m1, m2,
	    fmt_count(b2, (double)r->logged),
	    fmt_count(b3, (double)with_outcome(r)),
	    fmt_count(b4, (double)r->open),
	    fmt_count(b5, (double)r->not_delinquent));
	/* Treatments of the log the policy has no cost for: their rates
	   are the log's, but no rule can give them. */
	{
		size_t k, n = 0;

		for (k = 0; k < r->nnames; k++)
			if (!costed(pc, r->names[k]))
				fprintf(f, "%s%s", n++ ? ", " : "logged but "
				    "not in the policy's costs (rates shown; no "
				    "rule can give them): ", r->names[k]);
		if (n > 0)
			fputc('\n', f);
	}
	if (r->rates_before >= 0)
		fprintf(f, "%s is planned with what was known then: the rates "
		    "and tests are of the treatments before it; %s treated "
		    "in %s or after, with an outcome, are left out\n",
		    m3, fmt_count(b1, (double)r->later), m3);
	if (r->logged == 0)
		fprintf(f, "the treatment log is empty: no cure rate is known, "
		    "so every plan's expected cures are 0\n");
	else if (r->nrates == 0 && r->rates_before >= 0)
		fprintf(f, "no treatment before %s has an outcome: no cure "
		    "rate was known then, so every plan's expected cures are "
		    "0\n", m3);
	if (r->rates_before >= 0)
		fprintf(f, "\nrates (treatments before %s; cured: current the "
		    "month after, rolled: a higher bucket)\n", m3);
	else
		fprintf(f, "\nrates (whole history; cured: current the month "
		    "after, rolled: a higher bucket)\n");
	fprintf(f, "%-6s %-12s %9s %9s %9s %9s %9s %14s %14s\n", "bucket",
	    "treatment", "n", "cured", "rolled", "cure rate", "roll rate",
	    "balance", "cured balance");
	for (i = 0; i < r->nrates; i++) {
		const struct collect_rate *x = &r->rates[i];

		fprintf(f, "%-6d %-12.12s %9s %9s %9s %9s %9s %14s %14s\n",
		    x->bucket, r->names[x->treatment],
		    fmt_count(b1, (double)x->n),
		    fmt_count(b2, (double)x->cured),
		    fmt_count(b3, (double)x->rolled),
		    fmt_pct(b4, x->cure_rate), fmt_pct(b5, x->roll_rate),
		    fmt_money(b6, x->balance),
		    fmt_money(b7, x->cured_balance));
	}
	fprintf(f, "\ntests (cure rate against the bucket's champion, its most "
	    "frequent treatment; R prop.test, correct = TRUE; power at "
	    "alpha 0.05)\n");
	if (r->ntests == 0)
		fprintf(f, "no bucket had more than one treatment\n");
	else
		fprintf(f, "%-6s %-26s %9s %9s %10s %-24s %9s %7s %s\n",
		    "bucket", "treatment vs champion", "cure rate", "champion",
		    "difference", "95% interval", "p-value", "power",
		    "enough");
	for (i = 0; i < r->ntests; i++) {
		const struct collect_test *x = &r->tests[i];
		char name[64];

		snprintf(name, sizeof name, "%.12s vs %.12s",
		    r->names[x->treatment], r->names[x->champion]);
		snprintf(ci, sizeof ci, "[%s, %s]", fmt_pts(b1, x->ci_low),
		    fmt_pts(b2, x->ci_high));
		fprintf(f, "%-6d %-26s %9s %9s %10s %-24s %9s %7s %s\n",
		    x->bucket, name, fmt_pct(b3, x->p1), fmt_pct(b4, x->p0),
		    fmt_pts(b5, x->difference), ci, fmt_pval(b6, x->p_value),
		    isnan(x->power) ? "n/a" : fmt_pct(b7, x->power),
		    x->enough ? "yes" : "no");
	}
	plan_text(f, &c->champ, &c->champ.plan, "plan", c->month);
	if (c->chall.policy != NULL)
		plan_text(f, &c->chall, &c->chall.plan, "challenger plan",
		    c->month);
	fprintf(f, "\noptimiser (greedy by gain per unit of capacity, under "
	    "the policy's costs and capacities)\n");
	fprintf(f, "%-12s %9s %14s %22s %12s %9s %6s\n", "treatment",
	    "accounts", "expected cures", "expected cured balance", "cost",
	    "capacity", "used");
	for (t = 0; t < c->opt.plan.ntreat; t++)
		line_text(f, c->champ.treat[t], &c->opt.plan.lines[t]);
	line_text(f, "plan total", &c->opt.plan.total);
	fprintf(f, "untreated (no treatment worth its cost): %s\n",
	    fmt_count(b1, (double)c->opt.plan.untreated));
	fprintf(f, "expected cured balance - cost: optimiser %s, strategy %s; "
	    "LP bound %s, gap %s (%s of the bound)\n",
	    fmt_money(b1, c->opt.value),
	    fmt_money(b2, c->champ.plan.value),
	    fmt_money(b3, c->opt.bound), fmt_money(b4, c->opt.gap),
	    c->opt.bound > 0 ? fmt_pct(b5, c->opt.gap / c->opt.bound) :
	    "n/a");
	return report_text_done(f, err);
}

int
report_collect(FILE *f, const struct desk_collect *c, enum report_format fmt,
	struct rd_err *err)
{
	if (fmt == REPORT_JSON)
		return write_json(f, c, err);
	return write_text(f, c, err);
}
