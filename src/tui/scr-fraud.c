/*
 * scr-fraud.c - the Fraud screen: the champion policy's fraud rules (its
 * fraud section, riskdesk-policy(5) FRAUD RULES) evaluated on its
 * population through desk_fraud_run, the path of `riskdesk fraud`: the
 * figures of the rule set, then one line per rule with its alerts, alert
 * rate, frauds caught, unique frauds, detection rate, false-positive
 * ratio and precision, and the selected rule's condition and reason at
 * the bottom.  Up/Down select a rule.  The evaluation is made again when
 * the champion's policy file or the database changes (its generation, as
 * the desk counts it).  Nothing is computed here.
 */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct fraud_view {
	struct desk *desk;		/* borrowed */
	int have;			/* f holds an evaluation */
	struct desk_fraud f;
	char why[RD_ERR_FILE + RD_ERR_MSG + 8];	/* why there is none */
	/* The policy file and its fingerprint the evaluation is of. */
	char path[1024];
	char sha[RD_SHA256_HEX];
	int sel, first;
};

static void *
fraud_open(struct tui *t, struct desk *d)
{
	struct fraud_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
fraud_close(void *view)
{
	struct fraud_view *v = view;

	if (v == NULL)
		return;
	desk_fraud_done(&v->f);
	free(v);
}

/* Evaluate the champion's fraud rules when they are not those shown. */
static void
fraud_prepare(void *view, struct tui *t)
{
	struct fraud_view *v = view;
	const struct desk_policy *c = desk_policy_slot(v->desk, 0);
	struct rd_err err;

	(void)t;
	if (c == NULL) {
		desk_fraud_done(&v->f);
		v->have = 0;
		v->path[0] = '\0';
		snprintf(v->why, sizeof v->why, "no policy loaded: open the "
		    "workbench with --policy <file>");
		return;
	}
	if (v->path[0] != '\0' && strcmp(v->path, c->policy->path) == 0 &&
	    strcmp(v->sha, c->made.policy_sha256) == 0)
		return;
	snprintf(v->path, sizeof v->path, "%s", c->policy->path);
	snprintf(v->sha, sizeof v->sha, "%s", c->made.policy_sha256);
	desk_fraud_done(&v->f);
	v->have = 0;
	v->sel = v->first = 0;
	if (c->policy->fraud == NULL) {
		snprintf(v->why, sizeof v->why, "policy %s has no fraud rules "
		    "(a fraud section: see riskdesk-policy(5), FRAUD RULES)",
		    c->policy->name);
		return;
	}
	rd_err_clear(&err);
	if (desk_fraud_run(v->desk, c->policy->path, NULL, -INFINITY, &v->f,
	    &err) != 0) {
		snprintf(v->why, sizeof v->why, "%s%s%s", err.file,
		    err.file[0] != '\0' ? ": " : "", err.msg);
		return;
	}
	v->have = 1;
}

static const char *
pct(char *buf, double x)
{
	return fmt_pct_na(buf, x, isnan(x) ? FMT_NA : NULL);
}

static void
fraud_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct fraud_view *v = view;
	const struct fraud_eval *e = &v->f.eval;
	const struct policy_fraud *fr;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char b5[FMT_BUF], b6[FMT_BUF], b7[FMT_BUF];
	int y = a->top, w = a->cols, x = a->left, h, k, n, nw = 14;

	(void)t;
	if (!v->have) {
		tui_color(TUI_C_TITLE);
		tui_put(y, x, w, TUI_LEFT, "Fraud rules");
		tui_color(TUI_C_DIM);
		tui_put(y + 2, x, w, TUI_LEFT, v->why);
		tui_color(TUI_C_NORMAL);
		return;
	}
	fr = v->f.policy->fraud;
	tui_color(TUI_C_TITLE);
	tui_putf(y++, x, w, TUI_LEFT, "Fraud rules of policy %s on table %s",
	    v->f.policy->name, v->f.table);
	tui_color(TUI_C_NORMAL);
	tui_putf(y++, x, w, TUI_LEFT, "events %s, known frauds %s; alerts %s "
	    "(%s), %s declines, %s refers", fmt_count(b1, (double)e->events),
	    e->labelled ? fmt_count(b2, (double)e->frauds) : "n/a",
	    fmt_count(b3, (double)e->set.alerts), pct(b4, e->set.alert_rate),
	    fmt_count(b5, (double)e->declines), fmt_count(b6,
	    (double)e->refers));
	tui_putf(y++, x, w, TUI_LEFT, "caught %s: detection %s, value %s, "
	    "false-positive ratio %s, precision %s", e->labelled ?
	    fmt_count(b1, (double)e->set.frauds_caught) : "n/a",
	    pct(b2, e->set.detection_rate),
	    pct(b3, e->set.value_detection_rate),
	    isnan(e->set.false_positive_ratio) ? "n/a" :
	    (snprintf(b4, sizeof b4, "%.1f:1", e->set.false_positive_ratio),
	    b4), pct(b5, e->set.precision));
	if (isnan(e->capacity))
		tui_putf(y++, x, w, TUI_LEFT, "alerts a day %s, busiest %s; "
		    "no capacity given", fmt_stat(b1, e->alerts_per_day),
		    fmt_count(b2, (double)e->max_alerts_day));
	else
		tui_putf(y++, x, w, TUI_LEFT, "alerts a day %s, busiest %s; "
		    "capacity %s: %s days over, %s frauds worked (%s)",
		    fmt_stat(b1, e->alerts_per_day), fmt_count(b2,
		    (double)e->max_alerts_day), fmt_count(b3, e->capacity),
		    fmt_count(b4, (double)e->days_over), e->labelled ?
		    fmt_count(b5, (double)e->frauds_worked) : "n/a",
		    pct(b6, e->detection_at_capacity));
	y++;
	tui_color(TUI_C_HEADER);
	tui_putf(y++, x, w, TUI_LEFT, "%-*s %-7s %8s %7s %7s %7s %8s %7s %8s",
	    nw, "rule", "action", "alerts", "rate", "caught", "unique",
	    "detect", "FPR", "prec");
	tui_color(TUI_C_NORMAL);
	n = (int)e->nrules;
	h = a->top + a->lines - 2 - y;
	if (h < 1)
		h = 1;
	if (v->sel < v->first)
		v->first = v->sel;
	if (v->sel >= v->first + h)
		v->first = v->sel - h + 1;
	for (k = v->first; k < n && k < v->first + h; k++) {
		const struct fraud_figures *g = &e->rule[k];
		char name[64];

		snprintf(name, sizeof name, "%.*s", nw, fr->rules[k].name);
		tui_color(k == v->sel ? TUI_C_SELECTED : TUI_C_NORMAL);
		tui_putf(y++, x, w, TUI_LEFT, "%-*s %-7s %8s %7s %7s %7s %8s "
		    "%7s %8s", nw, name,
		    policy_fraud_action_names[fr->rules[k].action],
		    fmt_count(b1, (double)g->alerts), pct(b2, g->alert_rate),
		    e->labelled ? fmt_count(b3, (double)g->frauds_caught) :
		    "n/a", e->labelled ? fmt_count(b4,
		    (double)g->unique_frauds) : "n/a",
		    pct(b5, g->detection_rate),
		    isnan(g->false_positive_ratio) ? "n/a" :
		    (snprintf(b6, sizeof b6, "%.1f:1", g->false_positive_ratio),
		    b6), pct(b7, g->precision));
	}
	tui_color(TUI_C_DIM);
	if (n > 0)
		tui_putf(a->top + a->lines - 1, x, w, TUI_LEFT, "%s (%s): %s",
		    fr->rules[v->sel].name, fr->rules[v->sel].reason,
		    fr->rules[v->sel].when);
	tui_color(TUI_C_NORMAL);
}

static int
fraud_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct fraud_view *v = view;
	int n = v->have ? (int)v->f.eval.nrules : 0, page = a->lines - 8;

	(void)t;
	(void)ch;
	if (page < 1)
		page = 1;
	switch (act) {
	case KA_UP:
		if (v->sel > 0)
			v->sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_DOWN:
		if (v->sel + 1 < n)
			v->sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_PAGE_UP:
		v->sel = v->sel > page ? v->sel - page : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_PAGE_DOWN:
		v->sel = v->sel + page < n ? v->sel + page :
		    (n > 0 ? n - 1 : 0);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_HOME:
		v->sel = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_END:
		v->sel = n > 0 ? n - 1 : 0;
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

static const char *
fraud_help(void *view)
{
	(void)view;
	return "Up/Down select a rule";
}

const struct tui_screen scr_fraud = {
	"Fraud", fraud_open, fraud_close, fraud_draw, fraud_key, fraud_help,
	fraud_prepare
};
