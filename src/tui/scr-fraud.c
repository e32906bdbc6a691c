/*
 * scr-fraud.c - the Fraud screen: the fraud rules of the champion policy
 * (its fraud section, riskdesk-policy(5) FRAUD RULES; or a policy of
 * fraud rules only) evaluated on its population through desk_fraud_run,
 * the path of `riskdesk fraud`: the figures of the rule set, then one
 * line per rule with its threshold, alerts, alert rate, frauds caught,
 * unique frauds, detection rate, false-positive ratio and precision; the
 * selected rule's condition as it stands, its threshold; and, when there
 * is room, the curve of detection rate against alert rate as that
 * threshold moves, the current point marked ('v': the rule's own curve
 * or the rule set's).
 *
 * Up/Down select a rule; Left/Right move its threshold (a number its
 * condition compares a feature with, desk-fraud-tune.h) to the next
 * value of the feature that changes a verdict, '[' ']' choose among its
 * thresholds.  Every move goes through desk_fraud_tune_set, which
 * evaluates the rule set again over the features computed once, so the
 * figures on the next draw are the core's.  A '*' marks a threshold
 * that differs from the policy file's; 'w' writes the moved thresholds
 * into a policy file, every other byte kept (desk_fraud_save).  The
 * evaluation is made again when the champion's policy is loaded anew,
 * and when its table is written (desk_table_gen: imported again through
 * the workbench, or by another process); thresholds moved and not saved
 * are carried over where the file still has their numbers
 * (desk_fraud_tune_carry).  The champion's outcome lines on the
 * Trade-offs screen follow the moved thresholds (desk_fraud_moved).
 * Nothing is computed here.
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
#include <unistd.h>

#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "desk/desk-fraud-tune.h"
#include "tui/plot.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct fraud_view {
	struct desk *desk;		/* borrowed */
	int have;			/* f holds an evaluation */
	struct desk_fraud f;
	struct desk_fraud_tune t;	/* its thresholds */
	char why[RD_ERR_FILE + RD_ERR_MSG + 8];	/* why there is none */
	char terr[RD_ERR_MSG];		/* why the threshold cannot move */
	/* The policy file and its fingerprint the evaluation is of. */
	char path[1024];
	char sha[RD_SHA256_HEX];
	unsigned long gen;		/* of its table (desk_table_gen) */
	int sel, first;
	size_t th;			/* of the selected rule's thresholds */
	size_t tried;			/* the threshold whose preparation
					   failed (terr says why), or t.nth */
	int set_curve;			/* 'v': the rule set's curve */
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
drop(struct fraud_view *v)
{
	desk_fraud_tune_done(&v->t);
	desk_fraud_done(&v->f);
	v->have = 0;
}

static void
fraud_close(void *view)
{
	struct fraud_view *v = view;

	if (v == NULL)
		return;
	drop(v);
	free(v);
}

/* The index in v->t of the selected threshold, or v->t.nth for none. */
static size_t
selected(const struct fraud_view *v)
{
	size_t n, first;

	if (!v->have)
		return v->t.nth;
	first = desk_fraud_tune_of_rule(&v->t, (size_t)v->sel, &n);
	if (n == 0)
		return v->t.nth;
	return first + (v->th < n ? v->th : n - 1);
}

/* Evaluate the fraud rules when they are not those shown; make the
   selected threshold the one tuned. */
static void
fraud_prepare(void *view, struct tui *t)
{
	struct fraud_view *v = view;
	const struct desk_policy *c = desk_policy_slot(v->desk, 0);
	const char *sha = "";
	const struct policy *p = desk_fraud_source(v->desk, &sha);
	struct rd_err err;
	size_t k;
	int same;

	if (p == NULL) {
		drop(v);
		v->path[0] = '\0';
		if (c == NULL)
			snprintf(v->why, sizeof v->why, "no policy loaded: "
			    "open the workbench with --policy <file>");
		else
			snprintf(v->why, sizeof v->why, "policy %s has no "
			    "fraud rules (a fraud section: see "
			    "riskdesk-policy(5), FRAUD RULES)",
			    c->policy->name);
		return;
	}
	same = v->path[0] != '\0' && strcmp(v->path, p->path) == 0 &&
	    strcmp(v->sha, sha) == 0;
	if (!same || (v->have && desk_table_gen(v->desk, v->f.table) !=
	    v->gen)) {
		struct desk_fraud nf;
		struct desk_fraud_tune nt;

		snprintf(v->path, sizeof v->path, "%s", p->path);
		snprintf(v->sha, sizeof v->sha, "%s", sha);
		v->terr[0] = '\0';
		rd_err_clear(&err);
		if (desk_fraud_run(v->desk, p->path, NULL, -INFINITY, &nf,
		    &err) != 0) {
			drop(v);
			snprintf(v->why, sizeof v->why, "%s%s%s", err.file,
			    err.file[0] != '\0' ? ": " : "", err.msg);
			return;
		}
		desk_fraud_tune_init(&nf, &nt);
		/* The thresholds moved and not saved stay moved: on the
		   table written again, or the file loaded again where it
		   has the same numbers (one written from Trade-offs). */
		rd_err_clear(&err);
		if (v->have && desk_fraud_tune_moved(&v->t) > 0 &&
		    (desk_fraud_tune_carry(v->desk, &v->f, &v->t, &nf, &nt,
		    &err), err.cls != RD_OK))
			tui_message(t, 1, "cannot move the threshold again: "
			    "%s", err.msg);
		drop(v);
		v->f = nf;
		v->t = nt;
		v->gen = desk_table_gen(v->desk, v->f.table);
		if (desk_fraud_tune_moved(&v->t) > 0)
			desk_fraud_moved(v->desk, &v->f, v->sha,
			    desk_fraud_tune_moved(&v->t));
		v->tried = v->t.nth;
		v->have = 1;
		/* The same rule stays selected when there still is one (a
		   policy written and loaded again). */
		if (v->sel >= (int)v->f.eval.nrules) {
			v->sel = v->first = 0;
			v->th = 0;
		}
	}
	/* Once per threshold selected: a failure is not tried again at
	   every draw (it costs a pass over the table). */
	k = selected(v);
	if (k < v->t.nth && v->t.tuned != k && v->tried != k) {
		rd_err_clear(&err);
		v->terr[0] = '\0';
		if (desk_fraud_tune_select(v->desk, &v->f, &v->t, k,
		    &err) != 0) {
			snprintf(v->terr, sizeof v->terr, "%s", err.msg);
			v->tried = k;
		} else
			v->tried = v->t.nth;
	}
}

static const char *
pct(char *buf, double x)
{
	return fmt_pct_na(buf, x, isnan(x) ? FMT_NA : NULL);
}

/* A threshold as the policy would have it written: "2", "20000.5". */
static char *
fmt_threshold(char *buf, double x)
{
	snprintf(buf, FMT_BUF, "%.10g", x);
	return buf;
}

static char *
axis_pct(char *buf, double x)
{
	return fmt_pct(buf, x);
}

/* The curve of the selected threshold k, h lines from y. */
static void
draw_curve(struct fraud_view *v, int y, int x, int w, int h, size_t k)
{
	const struct desk_fraud_tune *t = &v->t;
	const struct fraud_eval *e = &v->f.eval;
	const struct policy_fraud *fr = v->f.policy->fraud;
	const struct fraud_threshold *th = &t->th[k];
	const struct fraud_figures *g = &e->rule[th->rule];
	struct plot_series ser;
	struct plot_axes ax;
	char b[FMT_BUF];

	if (t->tuned != k || t->ncurve == 0 || h < 6)
		return;
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "%s: detection rate against alert rate "
	    "as %s %s x moves, O at %s", v->set_curve ? "The rule set" :
	    fr->rules[th->rule].name, fr->features[th->feature].name,
	    fraud_cmp_names[th->op], fmt_threshold(b, t->values[k]));
	tui_color(TUI_C_NORMAL);
	memset(&ser, 0, sizeof ser);
	ser.x = v->set_curve ? &t->curve[0].set_alert_rate :
	    &t->curve[0].alert_rate;
	ser.y = v->set_curve ? &t->curve[0].set_detection_rate :
	    &t->curve[0].detection_rate;
	ser.stride = sizeof t->curve[0];
	ser.n = t->ncurve;
	ser.glyph = '*';
	memset(&ax, 0, sizeof ax);
	ax.xmin = 0;
	ax.xmax = NAN;
	plot_range(&ser, 0, &ax.xmin, &ax.xmax);
	if (isnan(ax.xmax) || ax.xmax <= 0)
		ax.xmax = 1;
	ax.ymin = 0;
	ax.ymax = 1;
	ax.xfmt = axis_pct;
	ax.yfmt = axis_pct;
	ax.xlabel = "alert rate";
	ax.ylabel = "detection";
	plot_draw(y + 1, x, h - 1, w, &ax, &ser, 1, v->set_curve ?
	    e->set.alert_rate : g->alert_rate, v->set_curve ?
	    e->set.detection_rate : g->detection_rate);
}

static void
fraud_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct fraud_view *v = view;
	const struct fraud_eval *e = &v->f.eval;
	const struct policy_fraud *fr;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char b5[FMT_BUF], b6[FMT_BUF], b7[FMT_BUF], b8[FMT_BUF + 2];
	int y = a->top, w = a->cols, x = a->left, h, k, n, nw = 14, rest, y0;
	size_t sk, nth, first;
	char *cond;

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
	/* A fraud scorecard ranks the alerts worked (fraud_evaluate). */
	if (e->scored)
		tui_putf(y++, x, w, TUI_LEFT, "fraud scorecard %s: AUC %s; "
		    "detection at capacity %s, by the rules' order %s",
		    v->f.policy->fraud->scorecard != NULL ?
		    v->f.policy->fraud->scorecard : "?",
		    isnan(e->auc) ? "n/a" : (snprintf(b1, sizeof b1, "%.4f",
		    e->auc), b1), pct(b2, e->detection_at_capacity),
		    pct(b3, e->detection_at_capacity_rules));
	y++;
	tui_color(TUI_C_HEADER);
	tui_putf(y++, x, w, TUI_LEFT, "%-*s %-7s %10s %8s %7s %7s %7s %8s "
	    "%7s %8s", nw, "rule", "action", "threshold", "alerts", "rate",
	    "caught", "unique", "detect", "FPR", "prec");
	tui_color(TUI_C_NORMAL);
	n = (int)e->nrules;
	y0 = y;
	/* The rules, then two lines of detail; the curve below them when
	   7 lines or more are left for it. */
	rest = a->top + a->lines - y - 2;
	h = rest - n >= 7 ? n : rest - 7 >= 3 ? rest - 7 : rest;
	if (h > n)
		h = n;
	if (h < 1)
		h = 1;
	if (v->sel < v->first)
		v->first = v->sel;
	if (v->sel >= v->first + h)
		v->first = v->sel - h + 1;
	for (k = v->first; k < n && k < v->first + h; k++) {
		const struct fraud_figures *g = &e->rule[k];
		char name[64];

		sk = k == v->sel ? selected(v) :
		    desk_fraud_tune_of_rule(&v->t, (size_t)k, &nth);
		if (sk < v->t.nth)
			snprintf(b8, sizeof b8, "%s%s", fmt_threshold(b7,
			    v->t.values[sk]), v->t.values[sk] !=
			    v->t.th[sk].value ? "*" : "");
		else
			snprintf(b8, sizeof b8, "-");
		snprintf(name, sizeof name, "%.*s", nw, fr->rules[k].name);
		tui_color(k == v->sel ? TUI_C_SELECTED : TUI_C_NORMAL);
		tui_putf(y++, x, w, TUI_LEFT, "%-*s %-7s %10s %8s %7s %7s %7s "
		    "%8s %7s %8s", nw, name,
		    policy_fraud_action_names[fr->rules[k].action], b8,
		    fmt_count(b1, (double)g->alerts), pct(b2, g->alert_rate),
		    e->labelled ? fmt_count(b3, (double)g->frauds_caught) :
		    "n/a", e->labelled ? fmt_count(b4,
		    (double)g->unique_frauds) : "n/a",
		    pct(b5, g->detection_rate),
		    isnan(g->false_positive_ratio) ? "n/a" :
		    (snprintf(b6, sizeof b6, "%.1f:1", g->false_positive_ratio),
		    b6), pct(b7, g->precision));
	}
	tui_color(TUI_C_NORMAL);
	if (n == 0)
		return;
	y = y0 + h;
	/* The selected rule: its condition as it stands, its threshold. */
	first = desk_fraud_tune_of_rule(&v->t, (size_t)v->sel, &nth);
	cond = fraud_rule_text(fr->rules[v->sel].when, v->t.th + first, nth,
	    v->t.values + first, nth, 0);
	tui_color(TUI_C_DIM);
	tui_putf(y++, x, w, TUI_LEFT, "%s (%s): %s", fr->rules[v->sel].name,
	    fr->rules[v->sel].reason, cond);
	free(cond);
	sk = selected(v);
	if (sk >= v->t.nth)
		tui_put(y++, x, w, TUI_LEFT, "no threshold: the condition "
		    "compares no feature with a number on its own");
	else if (v->terr[0] != '\0' && v->tried == sk) {
		tui_color(TUI_C_ERROR);
		tui_put(y++, x, w, TUI_LEFT, v->terr);
	} else
		tui_putf(y++, x, w, TUI_LEFT, "threshold %zu of %zu: %s %s %s"
		    "%s%s%s; Left/Right move it", sk - first + 1, nth,
		    fr->features[v->t.th[sk].feature].name,
		    fraud_cmp_names[v->t.th[sk].op],
		    fmt_threshold(b1, v->t.values[sk]),
		    v->t.values[sk] != v->t.th[sk].value ? " (the file: " :
		    "", v->t.values[sk] != v->t.th[sk].value ?
		    fmt_threshold(b2, v->t.th[sk].value) : "",
		    v->t.values[sk] != v->t.th[sk].value ? ")" : "");
	tui_color(TUI_C_NORMAL);
	if (sk < v->t.nth && a->top + a->lines - y >= 7)
		draw_curve(v, y, x + 1, w - 2, a->top + a->lines - y, sk);
}

/* ------------------------------------------------------------- keys */

static int
move_to(struct fraud_view *v, struct tui *t, size_t k, double x)
{
	struct rd_err err;

	rd_err_clear(&err);
	if (desk_fraud_tune_set(v->desk, &v->f, &v->t, k, x, &err) != 0)
		tui_message(t, 1, "cannot move the threshold: %s", err.msg);
	else
		/* The Trade-offs screen's outcome lines follow. */
		desk_fraud_moved(v->desk, &v->f, v->sha,
		    desk_fraud_tune_moved(&v->t));
	return TUI_HANDLED | TUI_REDRAW;
}

/* Write the policy with its moved thresholds: to a new file, or over
   its own after the user confirms. */
static int
save_policy(struct fraud_view *v, struct tui *t)
{
	struct rd_err err;
	char path[1024];

	snprintf(path, sizeof path, "%s", v->f.policy->path);
	if (tui_prompt_path(t, "write the policy to:", path,
	    sizeof path) != 0 || path[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (access(path, F_OK) == 0 && !tui_confirm(t, "%s exists: "
	    "overwrite it? (y/n)", path))
		return TUI_HANDLED | TUI_REDRAW;
	rd_err_clear(&err);
	if (desk_fraud_save(v->desk, &v->f, &v->t, path, &err) != 0)
		tui_message_err(t, "cannot write the policy: ", &err);
	else
		tui_message_path(t, 0, "wrote ", path, "comments kept");
	return TUI_HANDLED | TUI_REDRAW;
}

static int
fraud_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct fraud_view *v = view;
	int n = v->have ? (int)v->f.eval.nrules : 0, steps;
	size_t k = selected(v), nth, first, j;

	(void)ch;
	(void)a;
	switch (act) {
	case KA_UP:
		if (v->sel > 0) {
			v->sel--;
			v->th = 0;
		}
		return TUI_HANDLED | TUI_REDRAW;
	case KA_DOWN:
		if (v->sel + 1 < n) {
			v->sel++;
			v->th = 0;
		}
		return TUI_HANDLED | TUI_REDRAW;
	case KA_HOME:
		v->sel = 0;
		v->th = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_END:
		v->sel = n > 0 ? n - 1 : 0;
		v->th = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_LEFT:
		if (v->th > 0)
			v->th--;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_RIGHT:
		desk_fraud_tune_of_rule(&v->t, (size_t)v->sel, &nth);
		if (v->th + 1 < nth)
			v->th++;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_CUTOFF_UP:
	case KA_CUTOFF_DOWN:
	case KA_CUTOFF_UP10:
	case KA_CUTOFF_DOWN10:
		if (k >= v->t.nth) {
			tui_message(t, 1, "rule %s has no threshold to move",
			    n > 0 ? v->f.policy->fraud->rules[v->sel].name :
			    "-");
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (v->t.tuned != k)	/* its preparation failed */
			return TUI_HANDLED | TUI_REDRAW;
		steps = act == KA_CUTOFF_UP ? 1 : act == KA_CUTOFF_DOWN ? -1 :
		    act == KA_CUTOFF_UP10 ? 10 : -10;
		return move_to(v, t, k, desk_fraud_tune_step(&v->t, k, steps));
	case KA_CUTOFF_RESET:
		if (k < v->t.nth && v->t.tuned == k)
			return move_to(v, t, k, v->t.th[k].value);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_CUTOFF_RESET_ALL:
		first = k;
		for (j = 0; j < v->t.nth; j++)
			if (v->t.values[j] != v->t.th[j].value)
				move_to(v, t, j, v->t.th[j].value);
		/* Back to the threshold shown. */
		if (first < v->t.nth) {
			struct rd_err err;

			rd_err_clear(&err);
			desk_fraud_tune_select(v->desk, &v->f, &v->t, first,
			    &err);
		}
		return TUI_HANDLED | TUI_REDRAW;
	case KA_VIEW:
		v->set_curve = !v->set_curve;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_SAVE:
		if (!v->have)
			return TUI_HANDLED;
		return save_policy(v, t);
	default:
		return 0;
	}
}

static const char *
fraud_help(void *view)
{
	(void)view;
	return "Left/Right threshold  [ ] which  v curve  w write";
}

static int
fraud_unsaved(void *view, char *buf, size_t len)
{
	struct fraud_view *v = view;
	size_t n = v->have ? desk_fraud_tune_moved(&v->t) : 0;

	if (n == 0)
		return 0;
	snprintf(buf, len, "%zu fraud threshold%s of %s", n, n == 1 ? "" :
	    "s", v->f.policy->name);
	return 1;
}

const struct tui_screen scr_fraud = {
	.name = "Fraud",
	.open = fraud_open,
	.close = fraud_close,
	.draw = fraud_draw,
	.key = fraud_key,
	.help = fraud_help,
	.prepare = fraud_prepare,
	.unsaved = fraud_unsaved,
};
