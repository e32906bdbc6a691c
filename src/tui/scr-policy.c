/*
 * scr-policy.c - the Policy screen: the champion's outcome, and the
 * cutoff of each segment under the risk officer's hands.
 *
 * Top left: the overall figures (approval, bad rate among approved with a
 * known outcome, expected loss, refer rate, expected bad rate, exposure,
 * knocked out), beside the challenger's when one is loaded; top right,
 * when there is room, the applicants each knock-out rule declined.
 * Below: one line per segment (cutoff, applicants, approval rate, bad rate,
 * expected loss).  Up/Down select a segment, Left/Right move its cutoff,
 * and every move goes through desk_set_cutoff, which simulates again, so
 * the figures on the next draw are the core's.  A '*' marks a cutoff that
 * differs from the policy file's; the line under the table spells out the
 * selected segment.
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

#include "desk.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct policy_view {
	struct desk *desk;	/* borrowed */
	int sel;		/* selected segment */
	int first;		/* first segment shown */
	int h;			/* segment lines at the last draw */
};

static void *
policy_open(struct tui *t, struct desk *d)
{
	struct policy_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
policy_close(void *view)
{
	free(view);
}

/* A cutoff as the user typed it in the policy: "520", "520.5". */
static char *
fmt_cutoff(char *buf, double cutoff)
{
	snprintf(buf, FMT_BUF, "%.10g", cutoff);
	return buf;
}

/* ------------------------------------------------------------ figures */

enum figure {
	F_APPROVAL,
	F_BAD,
	F_LOSS,
	F_REFER,
	F_EXP_BAD,
	F_EXPOSURE,
	F_KNOCKED_OUT,
	F_COUNT
};

/* In order of importance: a short terminal keeps the first ones. */
static const char *const figure_label[F_COUNT] = {
	[F_APPROVAL] = "Approval rate",
	[F_BAD] = "Bad rate (approved)",
	[F_LOSS] = "Expected loss",
	[F_REFER] = "Refer rate",
	[F_EXP_BAD] = "Expected bad rate",
	[F_EXPOSURE] = "Exposure",
	[F_KNOCKED_OUT] = "Knocked out",
};

static char *
figure(char *buf, const struct sim_stats *st, enum figure f)
{
	switch (f) {
	case F_APPROVAL:
		return fmt_pct(buf, st->approval_rate);
	case F_BAD:
		return fmt_pct(buf, st->bad_rate);
	case F_LOSS:
		return fmt_money(buf, st->expected_loss);
	case F_REFER:
		return fmt_pct(buf, st->refer_rate);
	case F_EXP_BAD:
		return fmt_pct(buf, st->exp_bad_rate);
	case F_EXPOSURE:
		return fmt_money(buf, st->exposure);
	case F_KNOCKED_OUT:
		return fmt_count(buf, (double)st->knocked_out);
	case F_COUNT:
		break;
	}
	buf[0] = '\0';
	return buf;
}

#define W_LABEL 21
#define W_FIG 13

/* Draw the first nfig figure rows under a heading line at y; returns the
   first column right of the block. */
static int
draw_figures(int y, int x, int nfig, const struct desk_policy *champ,
	const struct desk_policy *chall)
{
	char b[FMT_BUF];
	int f, ncol = chall != NULL ? 2 : 1;

	tui_color(TUI_C_LABEL);
	tui_put(y, x, W_LABEL, TUI_LEFT, "");
	tui_color(TUI_C_TITLE);
	tui_put(y, x + W_LABEL, W_FIG, TUI_RIGHT, "Champion");
	if (chall != NULL)
		tui_put(y, x + W_LABEL + W_FIG, W_FIG, TUI_RIGHT,
		    "Challenger");
	for (f = 0; f < nfig && f < F_COUNT; f++) {
		tui_kv(y + 1 + f, x, W_LABEL, W_FIG, figure_label[f],
		    figure(b, &champ->result.total, (enum figure)f));
		if (chall != NULL)
			tui_put(y + 1 + f, x + W_LABEL + W_FIG, W_FIG,
			    TUI_RIGHT, figure(b, &chall->result.total,
			    (enum figure)f));
	}
	return x + W_LABEL + ncol * W_FIG;
}

/* The knock-out counts in lines y .. y + h - 1 from column x, width w. */
static void
draw_knockouts(int y, int x, int w, int h, const struct desk_policy *s)
{
	const struct policy *p = s->policy;
	char b[FMT_BUF];
	size_t k, shown;
	int cw = 9;

	tui_color(TUI_C_TITLE);
	tui_put(y, x, w - cw, TUI_LEFT, "Knock-out");
	tui_put(y, x + w - cw, cw, TUI_RIGHT, "Declined");
	tui_color(TUI_C_NORMAL);
	if (p->nknockouts == 0) {
		tui_color(TUI_C_DIM);
		tui_put(y + 1, x, w, TUI_LEFT, "no knock-out rules");
		tui_color(TUI_C_NORMAL);
		return;
	}
	shown = p->nknockouts;
	if ((int)shown > h - 1)
		shown = h - 1 > 0 ? (size_t)(h - 2) : 0;
	for (k = 0; k < shown; k++) {
		tui_color(TUI_C_LABEL);
		tui_putf(y + 1 + (int)k, x, w - cw, TUI_LEFT, "%s %s",
		    p->knockouts[k].reason, p->knockouts[k].name);
		tui_color(TUI_C_NORMAL);
		tui_put(y + 1 + (int)k, x + w - cw, cw, TUI_RIGHT,
		    fmt_count(b, (double)s->result.ko_count[k]));
	}
	if (shown < p->nknockouts && h > 1) {
		tui_color(TUI_C_DIM);
		tui_putf(y + 1 + (int)shown, x, w, TUI_LEFT, "+%zu more",
		    p->nknockouts - shown);
		tui_color(TUI_C_NORMAL);
	}
}

/* ----------------------------------------------------------- segments */

/*
 * The segment table's columns.  The name takes what the numbers leave;
 * the file's cutoff gets a column when there is room, and a narrow
 * terminal gets narrower number columns.
 */
#define W_CUT 7
#define W_FILE 6
#define W_NAME_MIN 10

struct seg_cols {
	int name, cut, file, ttd, approval, bad, el;	/* start columns */
	int wname, wttd, wrate, wel;			/* widths */
	int has_file;
	const char *ttd_head;
};

static void
seg_layout(struct seg_cols *c, int x, int w, const struct policy *p)
{
	int fixed, next, widest = 16;
	size_t k;

	c->wttd = 10;
	c->wrate = 9;
	c->wel = 12;
	c->ttd_head = "Applicants";
	fixed = W_CUT + 1 + c->wttd + 2 * c->wrate + c->wel + 5;
	if (w - fixed - 1 < W_NAME_MIN) {
		c->wttd = 8;
		c->wrate = 8;
		c->wel = 10;
		c->ttd_head = "TTD";
		fixed = W_CUT + 1 + c->wttd + 2 * c->wrate + c->wel + 5;
	}
	c->has_file = w - fixed - W_FILE - 2 >= 16;
	if (c->has_file)
		fixed += W_FILE + 1;
	c->wname = w - fixed - 1;
	/* On a wide terminal the names need not push the figures away. */
	for (k = 0; k < p->nsegments; k++)
		if (tui_width(p->segments[k].name) > widest)
			widest = tui_width(p->segments[k].name);
	if (c->wname > widest + 1)
		c->wname = widest + 1;
	if (c->wname < W_NAME_MIN)
		c->wname = W_NAME_MIN;
	c->name = x;
	c->cut = c->name + c->wname + 1;
	next = c->cut + W_CUT + 2;	/* the cutoff, its mark, a space */
	c->file = next;
	if (c->has_file)
		next += W_FILE + 1;
	c->ttd = next;
	c->approval = c->ttd + c->wttd + 1;
	c->bad = c->approval + c->wrate + 1;
	c->el = c->bad + c->wrate + 1;
}

/* The headings; pos says which segments show when not all do. */
static void
draw_seg_header(int y, const struct tui_area *a, const struct seg_cols *c,
	const char *pos)
{
	tui_color(TUI_C_HEADER);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	tui_put_heading(y, c->name, c->wname, "Segment", pos);
	tui_put(y, c->cut, W_CUT, TUI_RIGHT, "Cutoff");
	if (c->has_file)
		tui_put(y, c->file, W_FILE, TUI_RIGHT, "File");
	tui_put(y, c->ttd, c->wttd, TUI_RIGHT, c->ttd_head);
	tui_put(y, c->approval, c->wrate, TUI_RIGHT, "Approval");
	tui_put(y, c->bad, c->wrate, TUI_RIGHT, "Bad rate");
	tui_put(y, c->el, c->wel, TUI_RIGHT, "Exp. loss");
	tui_color(TUI_C_NORMAL);
}

static void
draw_segment(int y, const struct tui_area *a, const struct seg_cols *c,
	const struct desk_policy *s, size_t k, int selected)
{
	const struct sim_stats *st = &s->result.segments[k];
	const struct policy_segment *ps = &s->policy->segments[k];
	int moved = s->cutoffs[k] != ps->cutoff;
	enum tui_color base = selected ? TUI_C_SELECTED : TUI_C_NORMAL;
	char b[FMT_BUF];

	tui_color(base);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	tui_put(y, c->name, c->wname, TUI_LEFT, ps->name);
	tui_put(y, c->cut, W_CUT, TUI_RIGHT, fmt_cutoff(b, s->cutoffs[k]));
	if (moved) {
		if (!selected)
			tui_color(TUI_C_MARK);
		tui_put(y, c->cut + W_CUT, 1, TUI_LEFT, "*");
		tui_color(base);
	}
	if (c->has_file) {
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_put(y, c->file, W_FILE, TUI_RIGHT,
		    fmt_cutoff(b, ps->cutoff));
		tui_color(base);
	}
	tui_put(y, c->ttd, c->wttd, TUI_RIGHT,
	    fmt_count(b, (double)st->applicants));
	tui_put(y, c->approval, c->wrate, TUI_RIGHT,
	    fmt_pct(b, st->approval_rate));
	tui_put(y, c->bad, c->wrate, TUI_RIGHT, fmt_pct(b, st->bad_rate));
	tui_put(y, c->el, c->wel, TUI_RIGHT,
	    fmt_money(b, st->expected_loss));
	tui_color(TUI_C_NORMAL);
}

/* The selected segment in words, under the table. */
static void
draw_detail(int y, int x, int w, const struct desk_policy *s, size_t k)
{
	const struct policy_segment *ps = &s->policy->segments[k];
	char cut[FMT_BUF], ref[FMT_BUF], lgd[FMT_BUF], line[512];

	snprintf(line, sizeof line, "%s%s%s: file cutoff %s%s%s, LGD %s, "
	    "EAD %s", ps->name, ps->when != NULL ? " when " : " (default)",
	    ps->when != NULL ? ps->when : "", fmt_cutoff(cut, ps->cutoff),
	    isnan(ps->refer) ? "" : ", refer from ",
	    isnan(ps->refer) ? "" : fmt_cutoff(ref, ps->refer),
	    fmt_pct(lgd, ps->lgd), ps->ead);
	tui_color(TUI_C_DIM);
	tui_put(y, x, w, TUI_LEFT, line);
	tui_color(TUI_C_NORMAL);
}

/* ------------------------------------------------------------ drawing */

static void
policy_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct policy_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct desk_policy *ch = desk_policy_slot(v->desk, 1);
	struct seg_cols c;
	char b[FMT_BUF], title[256], ttd[FMT_BUF + 32], pos[64];
	int x = a->left + 1, w = a->cols - 2, y = a->top, nseg, smin, nfig;
	int left, blank, detail, right, i, ko_beside;

	(void)t;
	if (s == NULL) {
		tui_draw_no_policy(a);
		return;
	}
	nseg = (int)s->policy->nsegments;
	if (v->sel >= nseg)
		v->sel = nseg - 1;

	/* Share the lines: title, figure heading and segment heading
	   always; the figures get what at least three segment lines leave;
	   a blank line and the detail line only when there is room. */
	smin = nseg < 3 ? nseg : 3;
	nfig = a->lines - 3 - smin;
	if (nfig > F_COUNT)
		nfig = F_COUNT;
	if (nfig < 0)
		nfig = 0;
	left = a->lines - 3 - nfig;
	blank = left >= smin + 2;
	left -= blank;
	detail = left >= smin + 1;
	left -= detail;
	v->h = left > 0 ? left : 0;
	v->first = tui_scroll_fit(v->first, v->sel, nseg, v->h);

	tui_color(TUI_C_TITLE);
	if (ch != NULL)
		snprintf(title, sizeof title, "Policy %s  vs challenger %s",
		    s->policy->name, ch->policy->name);
	else
		snprintf(title, sizeof title, "Policy %s", s->policy->name);
	tui_put(y, x, w, TUI_LEFT, title);
	snprintf(ttd, sizeof ttd, "%s applicants (TTD)",
	    fmt_count(b, (double)s->result.total.applicants));
	if (tui_width(title) + tui_width(ttd) + 2 <= w) {
		tui_color(TUI_C_DIM);
		tui_put(y, x + tui_width(title) + 2, tui_width(ttd), TUI_LEFT,
		    ttd);
	}
	tui_color(TUI_C_NORMAL);
	y++;

	right = draw_figures(y, x, nfig, s, ch);
	ko_beside = w - (right - x) >= 26 && nfig > 0;
	if (ko_beside)
		draw_knockouts(y, right + 4, w - (right - x) - 4 < 44 ?
		    w - (right - x) - 4 : 44, nfig + 1, s);
	y += 1 + nfig + blank;

	seg_layout(&c, x, w, s->policy);
	pos[0] = '\0';
	if (nseg > v->h)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < nseg ? v->first + v->h : nseg, nseg);
	draw_seg_header(y, a, &c, pos);
	y++;
	for (i = 0; i < v->h && v->first + i < nseg; i++)
		draw_segment(y + i, a, &c, s, (size_t)(v->first + i),
		    v->first + i == v->sel);
	/* Right under the table, a blank line apart when there is room. */
	i = nseg - v->first < v->h ? nseg - v->first : v->h;
	y += i + (i < v->h);
	if (detail)
		draw_detail(y++, x, w, s, (size_t)v->sel);
	/* A narrow terminal has the knock-outs here, when it is tall enough
	   for a blank line, the heading and three rules (or all of them). */
	i = (int)s->policy->nknockouts;
	if (!ko_beside && a->top + a->lines - y >= 2 + (i < 1 ? 1 : i > 3 ?
	    3 : i))
		draw_knockouts(y + 1, x, w < 40 ? w : 40,
		    a->top + a->lines - y - 1, s);
}

/* ------------------------------------------------------------- keys */

static int
move_cutoff(struct policy_view *v, struct tui *t, size_t seg, double to)
{
	struct rd_err err;

	rd_err_clear(&err);
	if (desk_set_cutoff(v->desk, 0, seg, to, &err) != 0)
		tui_message(t, 1, "cannot move the cutoff: %s", err.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
policy_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct policy_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	size_t k, sel;
	int nseg, old = v->sel;
	double step;

	(void)ch;
	(void)a;
	if (s == NULL)
		return 0;
	nseg = (int)s->policy->nsegments;
	sel = (size_t)v->sel;
	switch (act) {
	case KA_UP:
		if (v->sel > 0)
			v->sel--;
		break;
	case KA_DOWN:
		if (v->sel < nseg - 1)
			v->sel++;
		break;
	case KA_HOME:
		v->sel = 0;
		break;
	case KA_END:
		v->sel = nseg - 1;
		break;
	case KA_CUTOFF_UP:
	case KA_CUTOFF_DOWN:
	case KA_CUTOFF_UP10:
	case KA_CUTOFF_DOWN10:
		step = act == KA_CUTOFF_UP ? 1 : act == KA_CUTOFF_DOWN ? -1 :
		    act == KA_CUTOFF_UP10 ? 10 : -10;
		return move_cutoff(v, t, sel, s->cutoffs[sel] + step);
	case KA_CUTOFF_RESET:
		return move_cutoff(v, t, sel, s->policy->segments[sel].cutoff);
	case KA_CUTOFF_RESET_ALL:
		for (k = 0; k < (size_t)nseg; k++) {
			/* Re-fetch: each call replaces the results. */
			s = desk_policy_slot(v->desk, 0);
			if (s->cutoffs[k] != s->policy->segments[k].cutoff)
				move_cutoff(v, t, k,
				    s->policy->segments[k].cutoff);
		}
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
	return TUI_HANDLED | (v->sel != old ? TUI_REDRAW : 0);
}

static const char *
policy_help(void *view)
{
	(void)view;
	return "Up/Down segment  Left/Right cutoff";
}

const struct tui_screen scr_policy = {
	.name = "Policy",
	.open = policy_open,
	.close = policy_close,
	.draw = policy_draw,
	.key = policy_key,
	.help = policy_help,
};
