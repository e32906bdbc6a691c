/*
 * scr-collect.c - the Collections screen: a collections strategy
 * (riskdesk-policy(5), collections:) as riskdesk collect reports it:
 * the strategy's rules with the accounts each takes, the plan of the
 * month (and a challenger strategy's beside it), the optimiser, the
 * rates per bucket and treatment and the randomised tests.  A rule's
 * treatment and a treatment's capacity can be changed here; the month is
 * then planned again by the core (desk_collect_replan) on the accounts
 * already read.  Every figure is the core's.
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk/desk.h"
#include "desk/desk-collect.h"
#include "model/monitor.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

#define PATH_LEN 1024

struct collect_view {
	struct desk *desk;
	struct desk_collect c;
	int have;			/* c holds a result */
	int tried;			/* the load of path was tried */
	char path[PATH_LEN];		/* the policy, "" none */
	char seen[PATH_LEN];		/* the desk's, at the last look */
	char chall[PATH_LEN];		/* the challenger, "" none */
	char seen_chall[PATH_LEN];	/* the desk's collections challenger
					   (--challenger), at the last look */
	struct rd_err err;		/* of the last failed load */
	int failed;
	int own;			/* path opened here (o) */
	int desk_err;			/* err is the workbench's policy
					   that did not load */
	int sel;			/* the selected strategy rule */
	int first;			/* the first line shown */
	int follow;			/* keep the selected rule in view */
	int h;				/* lines of the last draw */
};

/* The job of a load: desk_collect in one step. */
struct load_job {
	struct collect_view *v;
	struct policy_errors errs;
	int rc;
};

static int
load_step(void *arg, double *done, struct rd_err *err)
{
	struct load_job *j = arg;

	(void)err;
	j->rc = desk_collect(j->v->desk, j->v->path, j->v->chall[0] ?
	    j->v->chall : NULL, NULL, &j->v->c, &j->errs);
	*done = 1;
	return 0;
}

/* Read path (and the challenger) into the view, under a progress bar. */
static void
load(struct collect_view *v, struct tui *t)
{
	struct load_job j;
	struct rd_err err;
	int rc;

	if (v->have)
		desk_collect_done(&v->c);
	v->have = v->failed = 0;
	v->tried = 1;
	v->sel = v->first = 0;
	v->follow = 1;
	if (v->path[0] == '\0')
		return;
	memset(&j, 0, sizeof j);
	j.v = v;
	j.rc = -1;
	rd_err_clear(&err);
	rc = tui_job(t, "reading the collections tables", load_step, &j,
	    &err);
	if (rc == 0 && j.rc == 0) {
		v->have = 1;
	} else {
		v->failed = 1;
		if (j.errs.n > 0)
			v->err = j.errs.err[0];
		else
			v->err = err;
		tui_message_err(t, "collections", &v->err);
	}
	policy_errors_done(&j.errs);
}

/* The path of the collections policy the desk has as champion (a credit
   policy with a collections section, or a collections strategy alone),
   or "". */
static const char *
desk_collect_path(const struct desk *d)
{
	const struct desk_policy *s = desk_policy_slot(d, 0);

	if (s != NULL && s->policy != NULL && s->policy->collect != NULL)
		return s->policy->path;
	if (desk_collect_only(d) != NULL)
		return desk_collect_only(d)->path;
	return "";
}

/* The desk's collections policy into v->path, else the bundled one in
   the current directory, else "". */
static void
default_path(struct collect_view *v)
{
	snprintf(v->seen, sizeof v->seen, "%s", desk_collect_path(v->desk));
	if (v->seen[0] != '\0')
		snprintf(v->path, sizeof v->path, "%s", v->seen);
	else if (access("policies/collections.yaml", R_OK) == 0)
		snprintf(v->path, sizeof v->path, "%s",
		    "policies/collections.yaml");
	else
		v->path[0] = '\0';
}

static void *
coll_open(struct tui *t, struct desk *d)
{
	struct collect_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	default_path(v);
	return v;
}

/* The error of the policy the workbench was asked for, when it did not
   load and no policy is in use (the Policy screen shows it at its
   line), else NULL. */
static const struct rd_err *
desk_failed(const struct collect_view *v, struct tui *t)
{
	if (desk_policy_slot(v->desk, 0) != NULL ||
	    desk_unscored(v->desk) != NULL)
		return NULL;
	return tui_policy_error(t);
}

static void
coll_close(void *view)
{
	struct collect_view *v = view;

	if (v == NULL)
		return;
	if (v->have)
		desk_collect_done(&v->c);
	free(v);
}

static void
coll_prepare(void *view, struct tui *t)
{
	struct collect_view *v = view;
	const char *now = desk_collect_path(v->desk);
	const struct rd_err *pe = desk_failed(v, t);

	const char *dc = desk_collect_challenger(v->desk);

	/* A collections policy opened as the champion since: show it. */
	if (now[0] != '\0' && strcmp(now, v->seen) != 0) {
		snprintf(v->seen, sizeof v->seen, "%s", now);
		snprintf(v->path, sizeof v->path, "%s", now);
		v->tried = 0;
		v->own = 0;
	}
	/* A collections strategy loaded as the workbench's challenger
	   (--challenger): planned beside it, as x would. */
	if (dc != NULL && strcmp(dc, v->seen_chall) != 0) {
		snprintf(v->seen_chall, sizeof v->seen_chall, "%s", dc);
		snprintf(v->chall, sizeof v->chall, "%s", dc);
		v->tried = 0;
	}
	/* The policy asked for did not load: its error, not another
	   policy's plan (o opens one here all the same). */
	if (pe != NULL && !v->own) {
		if (v->have)
			desk_collect_done(&v->c);
		v->have = 0;
		v->failed = v->desk_err = v->tried = 1;
		v->err = *pe;
		snprintf(v->path, sizeof v->path, "%s", pe->file);
		return;
	}
	if (v->desk_err) {
		/* That error is gone: back to the policy in use. */
		v->desk_err = v->failed = v->tried = 0;
		default_path(v);
	}
	if (!v->tried)
		load(v, t);
}

/* ------------------------------------------------------------- drawing */

/* The lines of the screen, drawn from first: kind says how. */
enum line_kind { L_TEXT, L_HEAD, L_RULE, L_DIM };

struct line {
	enum line_kind kind;
	int rule;			/* L_RULE: its index */
	char text[512];
};

struct lines {
	struct line *v;
	int n, alloc;
};

static struct line *
add(struct lines *ls, enum line_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct line *
add(struct lines *ls, enum line_kind kind, const char *fmt, ...)
{
	struct line *l;
	va_list ap;

	if (ls->n == ls->alloc) {
		ls->alloc = ls->alloc ? 2 * ls->alloc : 64;
		ls->v = xreallocarray(ls->v, (size_t)ls->alloc,
		    sizeof *ls->v);
	}
	l = &ls->v[ls->n++];
	l->kind = kind;
	l->rule = -1;
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof l->text, fmt, ap);
	va_end(ap);
	return l;
}

/* One plan line as text: accounts, cures, cured balance, cost, capacity,
   used. */
static void
plan_cells(char *buf, size_t len, const struct collect_line *l)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char b6[FMT_BUF];

	snprintf(buf, len, "%9s %10s %14s %10s %9s %7s",
	    fmt_count(b1, (double)l->accounts),
	    fmt_stat(b2, l->expected_cures),
	    fmt_money(b3, l->expected_cured_balance), fmt_money(b4, l->cost),
	    isfinite(l->capacity) ? fmt_count(b5, l->capacity) :
	    isnan(l->capacity) ? "" : "none",
	    isnan(l->used) ? "" : fmt_pct(b6, l->used));
}

static void
build(const struct collect_view *v, struct lines *ls)
{
	const struct desk_collect *c = &v->c;
	const struct desk_strategy *st = &c->champ;
	const struct policy_collect *pc = st->policy->collect;
	const struct collect_result *r = &c->res;
	char m[8], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char b5[FMT_BUF], b6[FMT_BUF], cells[256];
	size_t q, t, i;

	monitor_month_format(c->month, m);
	add(ls, L_TEXT, "policy \"%s\": %s delinquent accounts in %s%s%s",
	    st->policy->name, fmt_count(b1, (double)st->plan.accounts), m,
	    c->chall.policy != NULL ? "; challenger " : "",
	    c->chall.policy != NULL ? c->chall.policy->name : "");
	add(ls, L_TEXT, "%s", "");
	add(ls, L_HEAD, "%-16s %-28s %-20s %9s", "strategy rule", "when",
	    "treatment", "accounts");
	for (q = 0; q < pc->nrules; q++) {
		struct line *l;
		size_t tr = st->rule_treat[q];
		char treat[64];

		if (st->rule_chall[q] != COLLECT_NONE)
			snprintf(treat, sizeof treat, "%s (%s %.0f%%)",
			    st->treat[tr], st->treat[st->rule_chall[q]],
			    100 * st->rule_share[q]);
		else
			snprintf(treat, sizeof treat, "%s%s", st->treat[tr],
			    tr != pc->rules[q].treatment ? " *" : "");
		l = add(ls, L_RULE, "%-16.16s %-28.28s %-20.20s %9s",
		    pc->rules[q].name, pc->rules[q].when, treat,
		    fmt_count(b1, (double)st->plan.by_rule[q]));
		l->rule = (int)q;
	}
	add(ls, L_TEXT, "%s", "");
	add(ls, L_HEAD, "%-12s %9s %10s %14s %10s %9s %7s", "plan",
	    "accounts", "exp. cures", "exp. cured bal", "cost", "capacity",
	    "used");
	for (t = 0; t < st->s.ntreat; t++) {
		plan_cells(cells, sizeof cells, &st->plan.lines[t]);
		add(ls, L_TEXT, "%-12.12s %s", st->treat[t], cells);
	}
	plan_cells(cells, sizeof cells, &st->plan.total);
	add(ls, L_TEXT, "%-12s %s", "plan total", cells);
	add(ls, L_DIM, "fell past a full treatment %s, untreated %s, "
	    "challenged %s, unrated %s",
	    fmt_count(b1, (double)st->plan.fell),
	    fmt_count(b2, (double)st->plan.untreated),
	    fmt_count(b3, (double)st->plan.challenged),
	    fmt_count(b4, (double)st->plan.total.unrated));
	if (c->chall.policy != NULL) {
		const struct desk_strategy *ch = &c->chall;

		add(ls, L_TEXT, "%s", "");
		add(ls, L_HEAD, "%-12s %9s %10s %14s %10s %9s %7s",
		    "challenger", "accounts", "exp. cures", "exp. cured bal",
		    "cost", "capacity", "used");
		for (t = 0; t < ch->s.ntreat; t++) {
			plan_cells(cells, sizeof cells, &ch->plan.lines[t]);
			add(ls, L_TEXT, "%-12.12s %s", ch->treat[t], cells);
		}
		plan_cells(cells, sizeof cells, &ch->plan.total);
		add(ls, L_TEXT, "%-12s %s", "plan total", cells);
	}
	add(ls, L_TEXT, "%s", "");
	add(ls, L_HEAD, "%-12s %9s %10s %14s %10s %9s %7s", "optimiser",
	    "accounts", "exp. cures", "exp. cured bal", "cost", "capacity",
	    "used");
	for (t = 0; t < st->s.ntreat; t++) {
		plan_cells(cells, sizeof cells, &c->opt.plan.lines[t]);
		add(ls, L_TEXT, "%-12.12s %s", st->treat[t], cells);
	}
	plan_cells(cells, sizeof cells, &c->opt.plan.total);
	add(ls, L_TEXT, "%-12s %s", "plan total", cells);
	add(ls, L_DIM, "cured balance - cost: optimiser %s, strategy %s; LP "
	    "bound %s, gap %s", fmt_money(b1, c->opt.value),
	    fmt_money(b2, st->plan.value), fmt_money(b3, c->opt.bound),
	    fmt_money(b4, c->opt.gap));
	add(ls, L_TEXT, "%s", "");
	add(ls, L_HEAD, "%-6s %-12s %9s %9s %9s %9s %14s", "bucket",
	    "rates", "n", "cure rate", "roll rate", "cured", "cured balance");
	for (i = 0; i < r->nrates; i++) {
		const struct collect_rate *x = &r->rates[i];

		add(ls, L_TEXT, "%-6d %-12.12s %9s %9s %9s %9s %14s",
		    x->bucket, r->names[x->treatment],
		    fmt_count(b1, (double)x->n), fmt_pct(b2, x->cure_rate),
		    fmt_pct(b3, x->roll_rate),
		    fmt_count(b4, (double)x->cured),
		    fmt_money(b5, x->cured_balance));
	}
	add(ls, L_TEXT, "%s", "");
	add(ls, L_HEAD, "%-6s %-24s %10s %22s %9s %7s", "bucket",
	    "test vs champion", "difference", "95% interval", "p-value",
	    "power");
	if (r->ntests == 0)
		add(ls, L_DIM, "no bucket was given more than one treatment");
	for (i = 0; i < r->ntests; i++) {
		const struct collect_test *x = &r->tests[i];
		char name[64], ci[2 * FMT_BUF + 4];

		snprintf(name, sizeof name, "%.11s vs %.11s",
		    r->names[x->treatment], r->names[x->champion]);
		snprintf(ci, sizeof ci, "%s, %s", fmt_pts(b1, x->ci_low),
		    fmt_pts(b2, x->ci_high));
		add(ls, L_TEXT, "%-6d %-24s %10s %22s %9s %7s%s", x->bucket,
		    name, fmt_pts(b3, x->difference), ci,
		    fmt_pval(b4, x->p_value), isnan(x->power) ? "n/a" :
		    fmt_pct(b6, x->power), x->enough ? "" : " (too few)");
	}
}

static void
coll_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct collect_view *v = view;
	struct lines ls = { NULL, 0, 0 };
	char buf[RD_ERR_MSG + 600], pb[PATH_LEN];
	int y, k, cur = -1;

	(void)t;
	tui_color(TUI_C_TITLE);
	tui_put(a->top, a->left, a->cols, TUI_LEFT, "Collections");
	if (v->path[0] != '\0')
		tui_put(a->top, a->left + 13, a->cols - 13, TUI_LEFT_TAIL,
		    tui_path_fit(v->path, a->cols - 13, pb, sizeof pb));
	tui_color(TUI_C_NORMAL);
	if (!v->have) {
		if (v->failed) {
			int y0 = a->top + 2;

			if (v->desk_err) {
				y0 += 1 + tui_put_wrapped(y0, a->left,
				    a->cols, 0, 3, "the policy has an error "
				    "and did not load; the Policy screen (6) "
				    "shows it at its line, where o opens the "
				    "file again once it is fixed:");
			}
			tui_color(TUI_C_ERROR);
			tui_put_wrapped(y0, a->left, a->cols, 0,
			    a->lines - 2 - (y0 - a->top), tui_err_fit(&v->err,
			    a->cols * 4, buf, sizeof buf));
			tui_color(TUI_C_NORMAL);
		} else {
			tui_put(a->top + 2, a->left, a->cols, TUI_LEFT,
			    "no collections policy: o opens one (a policy with "
			    "a collections: section, riskdesk-policy(5))");
		}
		v->h = 0;
		return;
	}
	build(v, &ls);
	for (k = 0; v->follow && k < ls.n; k++)
		if (ls.v[k].rule == v->sel)
			cur = k;
	v->h = a->lines - 1;
	v->first = tui_scroll_fit(v->first, cur, ls.n, v->h);
	for (y = 0, k = v->first; y < v->h && k < ls.n; y++, k++) {
		switch (ls.v[k].kind) {
		case L_HEAD:
			tui_color(TUI_C_HEADER);
			break;
		case L_DIM:
			tui_color(TUI_C_DIM);
			break;
		case L_RULE:
			tui_color(ls.v[k].rule == v->sel ? TUI_C_SELECTED :
			    TUI_C_NORMAL);
			break;
		default:
			tui_color(TUI_C_NORMAL);
		}
		tui_put(a->top + 1 + y, a->left, a->cols, TUI_LEFT,
		    ls.v[k].text);
	}
	tui_color(TUI_C_NORMAL);
	free(ls.v);
}

/* --------------------------------------------------------------- keys */

/* Plan again after a change; a failure goes to the status line. */
static void
replan(struct collect_view *v, struct tui *t)
{
	struct rd_err err;

	rd_err_clear(&err);
	if (desk_collect_replan(&v->c, &err) != 0)
		tui_message_err(t, "plan", &err);
}

static int
coll_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct collect_view *v = view;
	struct desk_strategy *st = &v->c.champ;
	char buf[PATH_LEN], *end;
	size_t n, tr;
	double cap;

	(void)ch;
	(void)a;
	switch (act) {
	case KA_OPEN_POLICY:
	case KA_OPEN_CHALLENGER:
		snprintf(buf, sizeof buf, "%s", act == KA_OPEN_POLICY ?
		    v->path : v->chall);
		if (tui_prompt_path(t, act == KA_OPEN_POLICY ? "collections "
		    "policy: " : "challenger strategy (empty: none): ", buf,
		    sizeof buf) != 0)
			return TUI_HANDLED | TUI_REDRAW;
		snprintf(act == KA_OPEN_POLICY ? v->path : v->chall,
		    PATH_LEN, "%s", buf);
		if (act == KA_OPEN_POLICY) {
			v->own = 1;
			v->desk_err = 0;
		}
		load(v, t);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_CUTOFF_RESET_ALL:
		load(v, t);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	if (!v->have)
		return 0;
	n = st->s.nrules;
	switch (act) {
	case KA_RIGHT:
	case KA_LEFT:
		/* The next treatment, never the rule's challenger: a test
		   needs another treatment than the champion's. */
		tr = st->rule_treat[v->sel];
		do
			tr = act == KA_RIGHT ? (tr + 1) % st->s.ntreat :
			    (tr + st->s.ntreat - 1) % st->s.ntreat;
		while (tr == st->rule_chall[v->sel] &&
		    tr != st->rule_treat[v->sel]);
		if (tr == st->rule_treat[v->sel]) {
			tui_message(t, 1, "strategy rule %s: no treatment "
			    "other than its own and its challenger's",
			    st->policy->collect->rules[v->sel].name);
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->rule_treat[v->sel] = tr;
		replan(v, t);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_OPTIONS:
		tr = st->rule_treat[v->sel];
		if (isinf(st->capacity[tr]))
			snprintf(buf, sizeof buf, "none");
		else
			snprintf(buf, sizeof buf, "%.15g", st->capacity[tr]);
		{
			char q[128];

			snprintf(q, sizeof q, "capacity of %.40s per month "
			    "(accounts; none): ", st->treat[tr]);
			if (tui_prompt(t, q, buf, sizeof buf) != 0)
				return TUI_HANDLED | TUI_REDRAW;
		}
		if (strcmp(buf, "none") == 0 || buf[0] == '\0') {
			st->capacity[tr] = INFINITY;
		} else {
			cap = strtod(buf, &end);
			if (*end != '\0' || !(cap >= 0) || isinf(cap)) {
				tui_message(t, 1, "capacity: expected a number "
				    ">= 0 or none, found \"%s\"", buf);
				return TUI_HANDLED | TUI_REDRAW;
			}
			st->capacity[tr] = cap;
		}
		replan(v, t);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_PAGE_UP:
	case KA_PAGE_DOWN:
		v->first += act == KA_PAGE_UP ? -v->h : v->h;
		if (v->first < 0)
			v->first = 0;
		v->follow = 0;
		return TUI_HANDLED | TUI_REDRAW;
	default:
		v->follow = 1;
		return tui_select_key(act, &v->sel, (int)n, (int)n);
	}
}

static const char *
coll_help(void *view)
{
	(void)view;
	return "Left/Right treatment  c capacity  o open  x challenger";
}

const struct tui_screen scr_collect = {
	.name = "Collections",
	.open = coll_open,
	.close = coll_close,
	.draw = coll_draw,
	.key = coll_key,
	.help = coll_help,
	.prepare = coll_prepare,
};
