/*
 * scr-monitor.c - the Monitor screen: riskdesk monitor's figures for the
 * champion's scorecard, over the tables monitor reads by default
 * (applications, performance), with the champion's policy for the
 * segments and overrides when it fits the applications table.
 *
 * Top: the period series as four charts (PSI of the score, Gini on
 * matured outcomes, approval rate, low-side override rate), or with v
 * the vintage curves (each cohort's cumulative bad rate by months on
 * book, one glyph per cohort, keyed below the chart).  Below, a
 * scrolling list: per period the PSI with its reading and flag and the
 * discrimination; the back-test's bands and tests; the vintages by month
 * on book; the roll-rate matrix and the flow to charge-off.  Every
 * figure is desk_monitor's, computed under a progress bar when the
 * screen is first shown and again on Enter; nothing is computed here.
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
#include "desk/desk-monitor.h"
#include "model/monitor.h"
#include "model/validate.h"
#include "tui/plot.h"
#include "tui/tui.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct mon_view {
	struct desk *desk;	/* borrowed */
	struct desk_monitor m;
	int have;		/* m is filled */
	int tried;		/* computed (or failed) for card_sha */
	char card_sha[RD_SHA256_HEX];
	char err[RD_ERR_MSG + 160];
	int policy_used;	/* the champion's policy gave the overrides */
	/* The series, [nperiods] owned. */
	double *x, *psi, *gini, *approve, *low;
	char **lines;		/* [nlines] owned: the list */
	size_t nlines;
	int first, h;		/* list scroll, lines shown */
	int vintages;		/* the charts show the vintage curves */
	double *mob;		/* [vintage.nmob] owned: 0, 1, ... */
};

/* The glyphs of the vintage curves, one per cohort, reused past 35. */
static const char cohort_glyph[] = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static void *
mon_open(struct tui *t, struct desk *d)
{
	struct mon_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
forget(struct mon_view *v)
{
	size_t i;

	if (v->have)
		desk_monitor_done(&v->m);
	v->have = 0;
	free(v->x);
	free(v->psi);
	free(v->gini);
	free(v->approve);
	free(v->low);
	free(v->mob);
	v->x = v->psi = v->gini = v->approve = v->low = v->mob = NULL;
	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
	v->first = 0;
}

static void
mon_close(void *view)
{
	struct mon_view *v = view;

	forget(v);
	free(v);
}

static void
add_line(struct mon_view *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
add_line(struct mon_view *v, const char *fmt, ...)
{
	va_list ap;
	char buf[2048];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	v->lines = xreallocarray(v->lines, v->nlines + 1, sizeof *v->lines);
	v->lines[v->nlines++] = xstrdup(buf);
}

static const char *
num(char *buf, double x, int d)
{
	if (isnan(x))
		return "-";
	snprintf(buf, FMT_BUF, "%.*f", d, x);
	return buf;
}

/* A share as fmt_pct writes it; blank for NaN (not yet observed, no
   denominator). */
static const char *
pct(char *buf, double x, const char *blank)
{
	return isnan(x) ? blank : fmt_pct(buf, x);
}

static double
share(size_t a, size_t b)
{
	return b ? (double)a / (double)b : NAN;
}

/* The series and the list's lines, from v->m. */
static void
layout(struct mon_view *v)
{
	const struct desk_monitor *m = &v->m;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char b6[FMT_BUF], b7[FMT_BUF], row[2048], mon[8];
	size_t i, j, k, n = m->nperiods, len;

	v->x = xmalloc((n ? n : 1) * sizeof *v->x);
	v->psi = xmalloc((n ? n : 1) * sizeof *v->psi);
	v->gini = xmalloc((n ? n : 1) * sizeof *v->gini);
	v->approve = xmalloc((n ? n : 1) * sizeof *v->approve);
	v->low = xmalloc((n ? n : 1) * sizeof *v->low);
	for (i = 0; i < n; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		v->x[i] = p->start;
		v->psi[i] = p->psi;
		v->gini[i] = p->gini;
		v->approve[i] = share(p->approved, p->apps);
		v->low[i] = m->overrides ? p->low_rate : NAN;
	}
	add_line(v, "Period    apps     PSI  reading            critical "
	    "flag    matured  bads     Gini       KS  AUC p   approve  "
	    "low-side");
	for (i = 0; i < n; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		char c1[FMT_BUF], c2[FMT_BUF], c3[FMT_BUF];

		add_line(v, "%-8s %5s  %6s  %-18s %8s %-6s %7s %5s %8s "
		    "%8s %6s %8s %8s", p->label, fmt_count(c1,
		    (double)p->apps), num(b1, p->psi, 4),
		    validate_psi_reading(p->psi), num(b2, p->psi_crit, 4),
		    isnan(p->psi) ? "-" : p->psi_flag ? "SHIFT" : "ok",
		    fmt_count(c2, (double)p->matured), fmt_count(c3,
		    (double)p->bads), num(b3, p->gini, 4),
		    num(b4, p->ks, 4), num(b5, p->auc_p, 3),
		    pct(b6, share(p->approved, p->apps), "-"),
		    m->overrides ? pct(b7, p->low_rate, "-") : "-");
	}
	add_line(v, "%s", "");
	if (m->has_backtest) {
		const struct mon_backtest *bt = &m->backtest;

		add_line(v, "PD back-test per score band (matured outcomes): "
		    "Jeffreys light red < %g, amber < %g", m->spec.red,
		    m->spec.amber);
		add_line(v, "Band                  N      D       PD       DR  "
		    "binomial p  Jeffreys p  light");
		for (i = 0; i < bt->ngrades; i++) {
			const struct mon_grade *g = &bt->grades[i];
			char lab[64];

			if (isinf(g->lo))
				snprintf(lab, sizeof lab, "< %g", g->hi);
			else if (isinf(g->hi))
				snprintf(lab, sizeof lab, ">= %g", g->lo);
			else
				snprintf(lab, sizeof lab, "[%g, %g)", g->lo,
				    g->hi);
			add_line(v, "%-16s %7s %6s %8s %8s %10s  %10s  %s",
			    lab, fmt_count(b5, (double)g->n), fmt_count(b6,
			    (double)g->d), pct(b1, g->pd, "-"),
			    pct(b2, g->dr, "-"),
			    num(b3, g->binom_p, 4), num(b4, g->jeffreys_p, 4),
			    g->light);
		}
		add_line(v, "Hosmer-Lemeshow %s, df %d, p %s; Herfindahl %s",
		    num(b1, bt->hl, 3), bt->hl_df, num(b2, bt->hl_p, 4),
		    num(b3, bt->herfindahl, 4));
	} else
		add_line(v, "PD back-test: no matured outcome yet (%d month%s "
		    "on book)", m->spec.window, fmt_s((size_t)m->spec.window));
	add_line(v, "%s", "");
	if (!m->has_vintage) {
		add_line(v, "Vintages and roll rates: no snapshot of these "
		    "applications");
		return;
	}
	v->mob = xmalloc((m->vintage.nmob ? m->vintage.nmob : 1) *
	    sizeof *v->mob);
	for (k = 0; k < m->vintage.nmob; k++)
		v->mob[k] = (double)k;
	add_line(v, "Vintages: ever %d+ days past due or charged off, by "
	    "months on book", m->spec.bad_dpd);
	len = (size_t)snprintf(row, sizeof row, "Cohort   accounts");
	for (k = 0; k < m->vintage.nmob && len < sizeof row - 8; k++)
		len += (size_t)snprintf(row + len, sizeof row - len, " %6zu",
		    k);
	add_line(v, "%s", row);
	for (i = 0; i < m->vintage.ncohorts; i++) {
		monitor_month_format(m->vintage.c0 + (int)i, mon);
		len = (size_t)snprintf(row, sizeof row, "%-8s %8s", mon,
		    fmt_count(b2, (double)m->vintage.accounts[i]));
		for (k = 0; k < m->vintage.nmob && len < sizeof row - 8; k++)
			len += (size_t)snprintf(row + len, sizeof row - len,
			    " %6s", pct(b1, m->vintage.rate[i *
			    m->vintage.nmob + k], ""));
		add_line(v, "%s", row);
	}
	add_line(v, "%s", "");
	add_line(v, "Roll rates: month-to-month transitions (%s pair%s, %s "
	    "gap%s), share of the row", fmt_count(b1, (double)m->roll.pairs),
	    fmt_s(m->roll.pairs), fmt_count(b2, (double)m->roll.gaps),
	    fmt_s(m->roll.gaps));
	len = (size_t)snprintf(row, sizeof row, "%-12s", "from \\ to");
	for (j = 0; j < MON_NBUCKETS; j++)
		len += (size_t)snprintf(row + len, sizeof row - len, " %11s",
		    monitor_bucket_name((int)j));
	add_line(v, "%s", row);
	for (i = 0; i < MON_NBUCKETS; i++) {
		len = (size_t)snprintf(row, sizeof row, "%-12s",
		    monitor_bucket_name((int)i));
		for (j = 0; j < MON_NBUCKETS; j++)
			len += (size_t)snprintf(row + len, sizeof row - len,
			    " %11s", pct(b1, m->roll.rate[i][j], "-"));
		add_line(v, "%s", row);
	}
	len = (size_t)snprintf(row, sizeof row, "Flow to charge-off:");
	for (i = 0; i + 1 < MON_NBUCKETS; i++)
		len += (size_t)snprintf(row + len, sizeof row - len, " %s %s",
		    monitor_bucket_name((int)i),
		    pct(b1, m->roll.flow_to_co[i], "-"));
	add_line(v, "%s", row);
}

struct mon_job {
	struct mon_view *v;
	struct desk_monitor_spec spec;
};

static int
mon_step(void *arg, double *done, struct rd_err *err)
{
	struct mon_job *j = arg;

	if (desk_monitor(j->v->desk, &j->spec, &j->v->m, err) != 0)
		return -1;
	*done = 1;
	return 0;
}

static void
mon_interrupt(void *arg)
{
	desk_interrupt(arg);
}

/* Monitor the champion's scorecard when it changed since the last time
   (or force: Enter). */
static void
compute(struct mon_view *v, struct tui *t, int force)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	struct mon_job j;
	struct rd_err err;
	char sha[RD_SHA256_HEX], title[300];
	int rc;

	if (s == NULL)
		return;
	desk_card_sha256(s->card, sha);
	if (!force && v->tried && strcmp(v->card_sha, sha) == 0)
		return;
	forget(v);
	v->tried = 1;
	v->err[0] = '\0';
	memcpy(v->card_sha, sha, sizeof sha);
	j.v = v;
	desk_monitor_spec_init(&j.spec);
	j.spec.card = s->card->name;
	j.spec.policy = s->policy->path;
	snprintf(title, sizeof title, "Monitoring %s", s->card->name);
	rd_err_clear(&err);
	rc = tui_job_interruptible(t, title, mon_step, &j, mon_interrupt,
	    v->desk, &err);
	v->policy_used = rc == 0;
	if (rc < 0 && j.spec.policy != NULL) {
		/* The policy may not fit the applications table: the
		   figures without its segments and overrides. */
		j.spec.policy = NULL;
		rd_err_clear(&err);
		rc = tui_job_interruptible(t, title, mon_step, &j,
		    mon_interrupt, v->desk, &err);
	}
	if (rc == 0) {
		v->have = 1;
		layout(v);
	} else if (rc > 0)
		snprintf(v->err, sizeof v->err, "cancelled; Enter monitors "
		    "again");
	else
		snprintf(v->err, sizeof v->err, "%s (riskdesk monitor reads "
		    "the tables applications and performance: see "
		    "riskdesk(1))", err.msg);
}

static void
mon_prepare(void *view, struct tui *t)
{
	compute(view, t, 0);
}

static char *
axis_month(char *buf, double x)
{
	char m[8];

	monitor_month_format((int)x, m);
	snprintf(buf, FMT_BUF, "%s", m);
	return buf;
}

static char *
axis_stat(char *buf, double x)
{
	return fmt_stat(buf, x);
}

static char *
axis_share(char *buf, double x)
{
	return fmt_pct(buf, x);
}

static void
chart(int y, int x, int h, int w, const struct mon_view *v,
	const double *ys, const char *name, plot_fmt yfmt)
{
	struct plot_series s;
	struct plot_axes ax;
	size_t n = v->m.nperiods;

	memset(&s, 0, sizeof s);
	memset(&ax, 0, sizeof ax);
	s.x = v->x;
	s.y = ys;
	s.n = n;
	s.glyph = '*';
	s.name = name;
	ax.xmin = v->x[0];
	ax.xmax = n > 1 ? v->x[n - 1] : v->x[0] + 1;
	ax.ymin = 0;
	ax.ymax = 0;
	plot_range(&s, 1, &ax.ymin, &ax.ymax);
	if (!(ax.ymax > ax.ymin))
		ax.ymax = ax.ymin + 1;
	ax.xfmt = axis_month;
	ax.yfmt = yfmt;
	tui_color(TUI_C_LABEL);
	tui_put(y, x, w, TUI_LEFT, name);
	tui_color(TUI_C_NORMAL);
	plot_draw(y + 1, x, h - 1, w, &ax, &s, 1, NAN, NAN);
}

static char *
axis_mob(char *buf, double x)
{
	snprintf(buf, FMT_BUF, "%.0f", x);
	return buf;
}

/* The vintage curves in h x w at (y, x): one series per cohort, its
   glyph keyed on the chart's last line. */
static void
vintage_chart(int y, int x, int h, int w, const struct mon_view *v)
{
	const struct mon_vintage *vt = &v->m.vintage;
	struct plot_series *s;
	struct plot_axes ax;
	char mon[8], key[16];
	size_t i, len = 0;
	int col = x;

	tui_color(TUI_C_LABEL);
	tui_putf(y, x, w, TUI_LEFT, "Vintage curves: cumulative bad rate "
	    "(ever %d+ days past due or charged off) by months on book; "
	    "glyph = cohort", v->m.spec.bad_dpd);
	tui_color(TUI_C_NORMAL);
	if (!v->m.has_vintage || vt->ncohorts == 0 || vt->nmob == 0) {
		tui_put(y + 1, x, w, TUI_LEFT, "no snapshot of these "
		    "applications: no vintage");
		return;
	}
	s = xcalloc(vt->ncohorts, sizeof *s);
	memset(&ax, 0, sizeof ax);
	for (i = 0; i < vt->ncohorts; i++) {
		s[i].x = v->mob;
		s[i].y = vt->rate + i * vt->nmob;
		s[i].n = vt->nmob;
		s[i].glyph = cohort_glyph[i % (sizeof cohort_glyph - 1)];
	}
	ax.xmin = 0;
	ax.xmax = vt->nmob > 1 ? (double)(vt->nmob - 1) : 1;
	ax.ymin = 0;
	ax.ymax = 0;
	for (i = 0; i < vt->ncohorts; i++)
		plot_range(&s[i], 1, &ax.ymin, &ax.ymax);
	if (!(ax.ymax > ax.ymin))
		ax.ymax = ax.ymin + 0.01;
	ax.xfmt = axis_mob;
	ax.yfmt = axis_share;
	ax.xlabel = "months on book";
	plot_draw(y + 1, x, h - 2, w, &ax, s, vt->ncohorts, NAN, NAN);
	free(s);
	/* The key: glyph and cohort month; when they do not all fit,
	   the first two and the last (the cohorts are consecutive
	   months, one glyph each in order). */
	if (vt->ncohorts * 11 > (size_t)w + 2 && vt->ncohorts > 3) {
		char m1[8], m2[8], ml[8];

		monitor_month_format(vt->c0, m1);
		monitor_month_format(vt->c0 + 1, m2);
		monitor_month_format(vt->c0 + (int)vt->ncohorts - 1, ml);
		tui_putf(y + h - 1, x, w, TUI_LEFT, "cohorts: 1 %s  2 %s  "
		    "...  %c %s (one glyph a month, in order)", m1, m2,
		    cohort_glyph[(vt->ncohorts - 1) %
		    (sizeof cohort_glyph - 1)], ml);
		return;
	}
	for (i = 0; i < vt->ncohorts; i++) {
		monitor_month_format(vt->c0 + (int)i, mon);
		len = (size_t)snprintf(key, sizeof key, "%c %s",
		    cohort_glyph[i % (sizeof cohort_glyph - 1)], mon);
		tui_put(y + h - 1, col, (int)len, TUI_LEFT, key);
		col += (int)len + 2;
	}
}

static void
mon_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct mon_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	char mon[8], b1[FMT_BUF], b2[FMT_BUF];
	int x = a->left + 1, w = a->cols - 2, y = a->top, ch, cw, i;

	(void)t;
	if (s == NULL) {
		tui_draw_no_policy(t, a);
		return;
	}
	tui_color(TUI_C_TITLE);
	if (!v->have) {
		tui_putf(y, x, w, TUI_LEFT, "Monitor: scorecard %s",
		    s->card->name);
		tui_color(TUI_C_ERROR);
		tui_put_wrapped(y + 2, x, w, 0, a->lines - 2, v->err[0] ?
		    v->err : "not monitored yet: Enter monitors");
		tui_color(TUI_C_NORMAL);
		return;
	}
	if (v->m.snapshots)
		monitor_month_format(v->m.last_month, mon);
	else
		strcpy(mon, "-");
	tui_putf(y, x, w, TUI_LEFT, "Monitor: scorecard %s; %s: %s "
	    "application%s in %zu period%s; %s: %s snapshot%s to %s%s",
	    v->m.card->name, v->m.spec.applications, fmt_count(b1,
	    (double)v->m.applications), fmt_s(v->m.applications),
	    v->m.nperiods, fmt_s(v->m.nperiods), v->m.spec.performance,
	    fmt_count(b2, (double)v->m.snapshots), fmt_s(v->m.snapshots), mon,
	    v->policy_used ? "; overrides against the champion" : "");
	tui_color(TUI_C_NORMAL);
	y++;
	/* Charts: two rows of two when there is room. */
	ch = (a->lines - 2) / 3;
	if (ch > 10)
		ch = 10;
	cw = w / 2 - 1;
	if (v->vintages && ch >= 6 && w >= 40) {
		vintage_chart(y, x, 2 * ch, w, v);
		y += 2 * ch;
	} else if (ch >= 6 && cw >= 20) {
		chart(y, x, ch, cw, v, v->psi, "PSI of the score", axis_stat);
		chart(y, x + cw + 2, ch, cw, v, v->gini,
		    "Gini (matured outcomes)", axis_stat);
		chart(y + ch, x, ch, cw, v, v->approve, "Approval rate",
		    axis_share);
		chart(y + ch, x + cw + 2, ch, cw, v, v->low,
		    v->m.overrides ? "Low-side override rate" :
		    "Low-side override rate (no policy)", axis_share);
		y += 2 * ch;
	}
	v->h = a->top + a->lines - y;
	if (v->h < 1)
		return;
	v->first = tui_scroll_fit(v->first, -1, (int)v->nlines, v->h);
	for (i = 0; i < v->h && v->first + i < (int)v->nlines; i++)
		tui_put(y + i, x, w, TUI_LEFT, v->lines[v->first + i]);
}

static int
mon_key(void *view, struct tui *t, enum key_action act, int c,
	const struct tui_area *a)
{
	struct mon_view *v = view;
	int r;

	(void)c;
	(void)a;
	if (act == KA_SELECT) {
		compute(v, t, 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == KA_VIEW) {
		v->vintages = !v->vintages;
		return TUI_HANDLED | TUI_REDRAW;
	}
	r = tui_scroll_key(act, &v->first, (int)v->nlines, v->h);
	return r;
}

static const char *
mon_help(void *view)
{
	(void)view;
	return "arrows scroll  v vintage curves / period charts  "
	    "Enter monitor again";
}

const struct tui_screen scr_monitor = {
	.name = "Monitor",
	.open = mon_open,
	.close = mon_close,
	.draw = mon_draw,
	.key = mon_key,
	.help = mon_help,
	.prepare = mon_prepare,
};
