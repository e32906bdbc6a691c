/*
 * scr-chars.c - the Characteristics screen: every characteristic of the
 * table under study ranked by IV, and one characteristic's bins with a
 * bar chart of their WoE, regrouped by hand.
 *
 * The ranking lists, largest IV first, each characteristic's bins, IV,
 * its reading (bin_iv_strength), Gini, whether it goes into the model and
 * whether it was regrouped.  Enter opens the selected one: its bins,
 * numbered, with count, goods, bads, bad rate, WoE and IV contribution
 * (a zero-cell adjusted WoE marked *, as riskdesk bin marks it), and a
 * bar per bin on the axis common to every characteristic of the study
 * (desk_study_woe_axis), left for a negative WoE (riskier than average)
 * and right for a positive one.  Under the bins, a pane details the
 * selected bin: its bounds in readable numbers, its share of the rows,
 * the levels of a group; the fine classes can be shown beside (f).
 *
 * Regrouping: m merges the selected bins (J/K or Shift-Up/Down select a
 * range of neighbours), s splits a range at a typed value (the median
 * offered) or puts a level in a bin of its own, c moves a level chosen
 * from a list that typing filters, t, %, S and T change what the
 * optimal classing is solved under; u undoes one edit, r redoes, R
 * resets.  Each calls desk-study.c, which counts the bins again with the
 * model layer, so every figure is the core's; the screen only finds
 * rows by what was typed.  After each edit the status line gives the IV
 * before and after and the WoE trend.
 */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ctype.h>
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-study.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* Why the level list is open. */
enum pick_why {
	PICK_MOVE,		/* c: a level to move to another bin */
	PICK_SPLIT,		/* s on a group: a level to put apart */
	PICK_SHOW		/* Enter on a group: its levels, to read */
};

/* The list of levels, over the bins while open. */
struct picker {
	int on;
	enum pick_why why;
	int bin;		/* SPLIT, SHOW: the group listed; -1 all */
	char filter[128];
	size_t *idx;		/* [n] rows of the level table shown */
	size_t n;
	int sel, first, h;
};

struct chars_view {
	struct desk *desk;	/* borrowed */
	int detail;		/* 0: the ranking; 1: one characteristic */
	int sel, first, h;	/* ranking: selected rank, first shown */
	int bin, bfirst, bh;	/* detail: selected bin, first shown */
	int anchor;		/* detail: the other end of the selected
				   range of bins, -1 for none */
	int fine;		/* detail: the fine classes are shown */
	int ffirst;		/* detail: first fine class shown */
	size_t cur;		/* detail: the characteristic (index j) */
	unsigned gen;		/* tui_study_gen of the study shown */
	/* What the core derived from characteristic cache_j at revision
	   cache_rev (desk_study.h rev): fetched again when either moves. */
	int cached;
	size_t cache_j;
	unsigned long cache_rev;
	unsigned cache_gen;
	struct characteristic *fc;	/* owned: the fine classes */
	int *ffrom, *fto;		/* [fc->nbins] owned: their bins */
	struct bin_level_row *lv;	/* [nlv] owned: text levels */
	size_t nlv;
	struct picker pk;
};

static void
cache_drop(struct chars_view *v)
{
	characteristic_free(v->fc);
	free(v->ffrom);
	free(v->fto);
	free(v->lv);
	v->fc = NULL;
	v->ffrom = v->fto = NULL;
	v->lv = NULL;
	v->nlv = 0;
	v->cached = 0;
}

/* The fine classes and the levels of the characteristic shown. */
static void
cache_fill(struct chars_view *v, struct tui *t, const struct desk_study *st)
{
	struct rd_err err;

	if (v->cached && v->cache_j == v->cur && v->cache_gen ==
	    tui_study_gen(t) && v->cache_rev == st->rev[v->cur])
		return;
	cache_drop(v);
	rd_err_clear(&err);
	v->fc = desk_study_fine(st, v->cur, &v->ffrom, &v->fto, &err);
	v->lv = desk_study_levels(st, v->cur, &v->nlv);
	v->cached = 1;
	v->cache_j = v->cur;
	v->cache_gen = tui_study_gen(t);
	v->cache_rev = st->rev[v->cur];
}

/* A new table under study opens on its ranking, from the top. */
static void
new_study(struct chars_view *v, struct tui *t)
{
	if (v->gen == tui_study_gen(t))
		return;
	v->gen = tui_study_gen(t);
	v->detail = 0;
	v->sel = v->first = 0;
	v->bin = v->bfirst = 0;
	v->anchor = -1;
	v->ffirst = 0;
	v->cur = 0;
	v->pk.on = 0;
	cache_drop(v);
}

static void *
chars_open(struct tui *t, struct desk *d)
{
	struct chars_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	v->anchor = -1;
	return v;
}

static void
chars_close(void *view)
{
	struct chars_view *v = view;

	cache_drop(v);
	free(v->pk.idx);
	free(v);
}

/* The notice when nothing is under study. */
static void
draw_none(const struct tui_area *a)
{
	tui_color(TUI_C_TITLE);
	tui_put(a->top + a->lines / 2 - 1, a->left + 2, a->cols - 4,
	    TUI_LEFT, "no table under study");
	tui_color(TUI_C_DIM);
	tui_put(a->top + a->lines / 2, a->left + 2, a->cols - 4, TUI_LEFT,
	    "On the Data screen (1), select a table with a target and press "
	    "Enter, or i to import one.");
	tui_color(TUI_C_NORMAL);
}

/* ------------------------------------------------------------ ranking */

#define W_RANK 4
#define W_BINS 5
#define W_IV 8
#define W_STRENGTH 13
#define W_GINI 8
#define W_MARK 3

/* "left out: ID (identifier: ...), ..." on the area's last line. */
static void
draw_left_out(const struct desk_study *st, const struct tui_area *a)
{
	char line[512];
	size_t k, off;

	off = (size_t)snprintf(line, sizeof line, "left out, never ranked: ");
	for (k = 0; k < st->nleft_out && off < sizeof line; k++)
		off += (size_t)snprintf(line + off, sizeof line - off,
		    "%s%s (%s)", k > 0 ? "; " : "", st->left_out[k].name,
		    st->left_out[k].why);
	tui_color(TUI_C_DIM);
	tui_put(a->top + a->lines - 1, a->left + 1, a->cols - 2, TUI_LEFT,
	    line);
	tui_color(TUI_C_NORMAL);
}

static void
draw_ranking(struct chars_view *v, const struct desk_study *st,
	const struct tui_area *a)
{
	char b1[FMT_BUF], pos[32];
	int x = a->left + 1, w = a->cols - 2, y = a->top, n, i, nw, cx;

	n = (int)st->nchars;
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Characteristics of %s by IV",
	    st->table);
	tui_color(TUI_C_DIM);
	cx = tui_width(st->table) + 27;
	tui_putf(y, x + cx, w - cx, TUI_LEFT, "%s rows, %s bad, %s good",
	    fmt_count(b1, (double)st->ds->nrows), fmt_count((char[FMT_BUF]){
	    0 }, (double)st->ds->nbad), fmt_count((char[FMT_BUF]){ 0 },
	    (double)st->ds->ngood));
	tui_color(TUI_C_NORMAL);
	y += 2;
	/* The identifiers, never ranked, on the last line. */
	v->h = a->lines - 3 - (st->nleft_out > 0);
	if (st->nleft_out > 0)
		draw_left_out(st, a);
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	v->first = tui_scroll_fit(v->first, v->sel, n, v->h);
	nw = w - W_RANK - W_BINS - W_IV - W_STRENGTH - W_GINI - W_MARK - 7;
	for (i = 0, cx = 24; i < n; i++)
		if (tui_width(st->chars[i]->name) > cx)
			cx = tui_width(st->chars[i]->name);
	if (nw > cx + 1)
		nw = cx + 1;
	tui_color(TUI_C_HEADER);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	pos[0] = '\0';
	if (n > v->h)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < n ? v->first + v->h : n, n);
	cx = x;
	tui_put(y, cx, W_RANK, TUI_RIGHT, "#");
	cx += W_RANK + 1;
	tui_put(y, cx, W_MARK, TUI_LEFT, "Use");
	cx += W_MARK + 1;
	tui_put_heading(y, cx, nw, "Characteristic", pos);
	cx += nw + 1;
	tui_put(y, cx, W_BINS, TUI_RIGHT, "Bins");
	cx += W_BINS + 1;
	tui_put(y, cx, W_IV, TUI_RIGHT, "IV");
	cx += W_IV + 1;
	tui_put(y, cx, W_STRENGTH, TUI_LEFT, "Strength");
	cx += W_STRENGTH + 1;
	tui_put(y, cx, W_GINI, TUI_RIGHT, "Gini");
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < v->h && v->first + i < n; i++) {
		size_t j = st->rank[v->first + i];
		const struct characteristic *ch = st->chars[j];
		int yy = y + 1 + i, selected = v->first + i == v->sel;

		tui_color(selected ? TUI_C_SELECTED : TUI_C_NORMAL);
		tui_put(yy, a->left, a->cols, TUI_LEFT, "");
		cx = x;
		tui_putf(yy, cx, W_RANK, TUI_RIGHT, "%d", v->first + i + 1);
		cx += W_RANK + 1;
		tui_put(yy, cx, W_MARK, TUI_LEFT, st->chosen[j] ? "[x]" :
		    "[ ]");
		cx += W_MARK + 1;
		tui_putf(yy, cx, nw, TUI_LEFT, "%s%s", ch->name,
		    st->edited[j] ? " ~" : "");
		cx += nw + 1;
		tui_putf(yy, cx, W_BINS, TUI_RIGHT, "%zu", ch->nbins);
		cx += W_BINS + 1;
		/* A separating characteristic: IV unbounded (bin.h). */
		tui_put(yy, cx, W_IV, TUI_RIGHT, ch->splits != NULL &&
		    ch->status != NULL ? "inf" : fmt_stat(b1, ch->iv));
		cx += W_IV + 1;
		tui_put(yy, cx, W_STRENGTH, TUI_LEFT, ch->status != NULL ?
		    ch->status : bin_iv_strength(ch->iv));
		cx += W_STRENGTH + 1;
		tui_put(yy, cx, W_GINI, TUI_RIGHT, fmt_stat(b1, ch->gini));
		tui_color(TUI_C_NORMAL);
	}
}

/* ------------------------------------------------------------- detail */

#define W_NUM 3
#define W_COUNT 7
#define W_SHARE 7
#define W_RATE 8
#define W_WOE 8
#define W_IVC 7
#define BAR_MIN 11
#define FINE_W 36	/* the fine classes beside the bins */

/* The selected range of bins, lo .. hi. */
static void
sel_range(const struct chars_view *v, int *lo, int *hi)
{
	*lo = *hi = v->bin;
	if (v->anchor >= 0) {
		*lo = v->anchor < v->bin ? v->anchor : v->bin;
		*hi = v->anchor < v->bin ? v->bin : v->anchor;
	}
}

/* A bar of WoE woe on the axis [-axis, axis], w columns from x. */
static void
draw_bar(int y, int x, int w, double woe, double axis)
{
	int half = (w - 1) / 2, len, i;

	tui_color(TUI_C_DIM);
	mvaddch(y, x + half, ACS_VLINE);
	if (!(axis > 0) || !isfinite(woe))
		return;
	len = (int)lround(fabs(woe) / axis * half);
	if (len > half)
		len = half;
	tui_color(woe < 0 ? TUI_C_ERROR : TUI_C_SELECTED);
	for (i = 1; i <= len; i++)
		mvaddch(y, woe < 0 ? x + half - i : x + half + i, ' ');
	/* On a monochrome terminal the bar must show without colour. */
	if (len > 0)
		mvaddch(y, woe < 0 ? x + half - len : x + half + len,
		    woe < 0 ? '<' : '>');
	tui_color(TUI_C_NORMAL);
}

/* The heading of the bars: the axis's ends and what they mean. */
static void
draw_bar_heading(int y, int x, int w, double axis)
{
	char lo[FMT_BUF], hi[FMT_BUF], mid[64];
	int half = (w - 1) / 2;

	snprintf(lo, sizeof lo, "-%g", axis);
	snprintf(hi, sizeof hi, "+%g", axis);
	snprintf(mid, sizeof mid, w >= 27 ? "riskier WoE safer" : "WoE");
	tui_put(y, x, w, TUI_LEFT, lo);
	tui_put(y, x + w - tui_width(hi), tui_width(hi), TUI_LEFT, hi);
	tui_put(y, x + half - tui_width(mid) / 2, tui_width(mid), TUI_LEFT,
	    mid);
}

/*
 * Under the title of a characteristic, its first warning as bin gives
 * them (report-bin.c).  Numeric: values that seem to stand for something
 * else, else whole-number codes.  Text: the overfitting warning of many
 * levels, else the levels left to the unseen-level fallback.  Returns 1
 * when it wrote a line.
 */
static int
draw_char_warning(const struct characteristic *ch,
	const struct bin_spec *spec, int y, int x, int w)
{
	char b1[FMT_BUF], vals[128], opt[512];
	int at, wrote = 1;

	if (ch->splits != NULL && ch->status != NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "warning: %s", ch->splits);
		tui_color(TUI_C_NORMAL);
		return 1;
	}
	if (!ch->numeric && !ch->many_levels && ch->chance_bins > 0 &&
	    ch->chance_p > 0.01 && ch->status == NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "warning: IV of %zu levels within "
		    "chance (p = %.2g): groups follow noise; group by meaning "
		    "(c) or leave it out", ch->chance_bins, ch->chance_p);
		tui_color(TUI_C_NORMAL);
		return 1;
	}
	if (ch->pure != NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "warning: %s", ch->pure);
		tui_color(TUI_C_NORMAL);
		return 1;
	}
	if (ch->numeric) {
		tui_color(TUI_C_ERROR);
		if (ch->nsentinels > 0) {
			const struct colscan_sentinel *g = &ch->sentinels[0];

			colscan_sentinel_values(vals, sizeof vals, g);
			tui_putf(y, x, w, TUI_LEFT, "warning: %s (%s rows) "
			    "stand%s apart: if %s for something else, make "
			    "%s special (S), or declare %s", vals,
			    fmt_count(b1, (double)g->count),
			    g->nv > 1 ? "" : "s", g->nv > 1 ? "they stand" :
			    "it stands", g->nv > 1 ? "them" : "it",
			    colscan_option(opt, sizeof opt, "--special",
			    ch->name, vals));
		} else if (ch->ncodes > 0) {
			tui_color(TUI_C_DIM);
			tui_putf(y, x, w, TUI_LEFT, "%zu whole-number values: "
			    "if they are codes, class them as categories (T) "
			    "or re-import with %s", ch->ncodes,
			    colscan_option(opt, sizeof opt, "--type", ch->name,
			    "text"));
		} else {
			wrote = 0;
		}
		tui_color(TUI_C_NORMAL);
		return wrote;
	}
	tui_color(TUI_C_ERROR);
	if (ch->many_levels) {
		tui_putf(y, x, w, TUI_LEFT, "warning: %s levels (more than "
		    "%zu) overfit: group them by meaning (c) or leave the "
		    "characteristic out", fmt_count(b1, (double)ch->nlevels),
		    spec->many_levels);
	} else if (ch->nfallback > 0) {
		at = bin_fallback(ch);
		tui_color(TUI_C_DIM);
		tui_putf(y, x, w, TUI_LEFT, "%s level%s without a known "
		    "outcome (%s) in no bin: unseen-level fallback, %s",
		    fmt_count(b1, (double)ch->nfallback),
		    ch->nfallback == 1 ? "" : "s", ch->fallback_levels,
		    at >= 0 ? ch->bins[at].label : "not scored");
	} else {
		wrote = 0;
	}
	tui_color(TUI_C_NORMAL);
	return wrote;
}

/* A WoE trend in words, with whether it is monotonic. */
static const char *
trend_words(const struct characteristic *ch)
{
	switch (bin_trend_observed(ch)) {
	case BIN_TREND_ASCENDING:
		return "ascending (monotonic)";
	case BIN_TREND_DESCENDING:
		return "descending (monotonic)";
	case BIN_TREND_PEAK:
		return "peak (not monotonic: up, then down)";
	case BIN_TREND_VALLEY:
		return "valley (not monotonic: down, then up)";
	case BIN_TREND_AUTO:
	case BIN_TREND_NONE:
		break;
	}
	return ch->numeric ? "none (not monotonic)" : "by bad rate (groups of "
	    "levels)";
}

/* The same in few words, for the status line. */
static const char *
trend_short(const struct characteristic *ch)
{
	switch (bin_trend_observed(ch)) {
	case BIN_TREND_ASCENDING:
		return "ascending, monotonic";
	case BIN_TREND_DESCENDING:
		return "descending, monotonic";
	case BIN_TREND_PEAK:
		return "peak, not monotonic";
	case BIN_TREND_VALLEY:
		return "valley, not monotonic";
	case BIN_TREND_AUTO:
	case BIN_TREND_NONE:
		break;
	}
	return ch->numeric ? "none, not monotonic" : "by bad rate";
}

/*
 * The second line: the WoE trend as the bins stand, what the optimal
 * classing is solved under, and the common axis of the bars.
 */
static void
draw_settings(const struct desk_study *st, size_t j, double axis, int y,
	int x, int w)
{
	const struct desk_study_setting *s = &st->setting[j];
	const struct characteristic *ch = st->chars[j];
	char part[5][256], b1[FMT_BUF], v[48], line[1024];
	size_t k, off, np = 0;

	snprintf(part[np++], sizeof part[0], "WoE %s", trend_words(ch));
	if (s->other_kind)
		snprintf(part[np++], sizeof part[0], "classed as %s (not "
		    "saved)", ch->numeric ? "numbers" : "categories");
	snprintf(part[np++], sizeof part[0], "%s%s%sleast share %s",
	    ch->numeric ? "trend " : "", ch->numeric ?
	    bin_trend_name(s->trend) : "", ch->numeric ? ", " : "",
	    fmt_pct(b1, s->min_share));
	if (ch->numeric) {
		off = (size_t)snprintf(part[np], sizeof part[0], "special %s",
		    s->nspecials == 0 ? "none" : "");
		for (k = 0; k < s->nspecials && off < sizeof part[0]; k++)
			off += (size_t)snprintf(part[np] + off, sizeof part[0] -
			    off, "%s%s", k > 0 ? " " : "", bin_readable_num(v,
			    sizeof v, s->specials[k], 17));
		np++;
	}
	snprintf(part[np++], sizeof part[0], "bars on the common axis +-%g",
	    axis);
	/* As many parts as fit, in order; the axis also heads the bars. */
	off = (size_t)snprintf(line, sizeof line, "%s", part[0]);
	for (k = 1; k < np; k++)
		if (tui_width(line) + 2 + tui_width(part[k]) <= w)
			off += (size_t)snprintf(line + off, sizeof line - off,
			    "; %s", part[k]);
	tui_color(TUI_C_DIM);
	tui_put(y, x, w, TUI_LEFT, line);
	tui_color(TUI_C_NORMAL);
}

/* Columns of the bins table for a width. */
struct cols {
	int lw, goods, share, bw;
};

static void
layout(int w, int lwant, struct cols *c)
{
	int fixed;

	c->goods = w >= 100;
	c->share = w >= 92;
	fixed = W_NUM + 1 + (2 + c->goods) * (W_COUNT + 1) +
	    c->share * (W_SHARE + 1) + W_RATE + 1 + W_WOE + 1 + W_IVC + 3;
	c->lw = lwant;
	c->bw = w - c->lw - 1 - fixed;
	if (c->bw < 15) {
		c->lw -= 15 - c->bw;
		if (c->lw < 14)
			c->lw = 14;
		c->bw = w - c->lw - 1 - fixed;
	}
	if (c->bw > 41)
		c->bw = 41;
}

static void
draw_bins(struct chars_view *v, const struct desk_study *st, double axis,
	int y, int x, int w, int h)
{
	const struct characteristic *ch = st->chars[v->cur];
	char b1[FMT_BUF], pos[32];
	int n = (int)ch->nbins, i, cx, lo, hi, lw = 16, sep;
	struct cols c;
	size_t k;

	sep = ch->splits != NULL && ch->status != NULL;
	for (k = 0; k < ch->nbins; k++)
		if (tui_width(ch->bins[k].label) + 1 > lw)
			lw = tui_width(ch->bins[k].label) + 1;
	layout(w, lw, &c);
	v->bh = h - 1;
	v->bfirst = tui_scroll_fit(v->bfirst, v->bin, n, v->bh);
	sel_range(v, &lo, &hi);
	tui_color(TUI_C_HEADER);
	tui_put(y, x - 1, w + 1, TUI_LEFT, "");
	pos[0] = '\0';
	if (n > v->bh)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->bfirst + 1,
		    v->bfirst + v->bh < n ? v->bfirst + v->bh : n, n);
	cx = x;
	tui_put(y, cx, W_NUM, TUI_RIGHT, "#");
	cx += W_NUM + 1;
	tui_put_heading(y, cx, c.lw, "Bin", pos);
	cx += c.lw + 1;
	tui_put(y, cx, W_COUNT, TUI_RIGHT, "Count");
	cx += W_COUNT + 1;
	if (c.share) {
		tui_put(y, cx, W_SHARE, TUI_RIGHT, "% rows");
		cx += W_SHARE + 1;
	}
	if (c.goods) {
		tui_put(y, cx, W_COUNT, TUI_RIGHT, "Goods");
		cx += W_COUNT + 1;
	}
	tui_put(y, cx, W_COUNT, TUI_RIGHT, "Bads");
	cx += W_COUNT + 1;
	tui_put(y, cx, W_RATE, TUI_RIGHT, "Bad rate");
	cx += W_RATE + 1;
	tui_put(y, cx, W_WOE, TUI_RIGHT, "WoE");
	cx += W_WOE + 1;
	tui_put(y, cx, W_IVC, TUI_RIGHT, "IV");
	cx += W_IVC + 3;
	if (c.bw >= BAR_MIN)
		draw_bar_heading(y, cx, c.bw, axis);
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < v->bh && v->bfirst + i < n; i++) {
		int b = v->bfirst + i, yy = y + 1 + i;
		const struct bin *x0 = &ch->bins[b];

		tui_color(b >= lo && b <= hi ? TUI_C_SELECTED : TUI_C_NORMAL);
		tui_put(yy, x - 1, w + 1 - (c.bw >= BAR_MIN ? c.bw : 0),
		    TUI_LEFT, "");
		cx = x;
		tui_putf(yy, cx, W_NUM, TUI_RIGHT, "%d", b + 1);
		cx += W_NUM + 1;
		tui_put(yy, cx, c.lw, TUI_LEFT, x0->label);
		cx += c.lw + 1;
		tui_put(yy, cx, W_COUNT, TUI_RIGHT, fmt_count(b1,
		    (double)x0->count));
		cx += W_COUNT + 1;
		if (c.share) {
			tui_put(yy, cx, W_SHARE, TUI_RIGHT, fmt_pct(b1,
			    x0->share));
			cx += W_SHARE + 1;
		}
		if (c.goods) {
			tui_put(yy, cx, W_COUNT, TUI_RIGHT, fmt_count(b1,
			    (double)x0->goods));
			cx += W_COUNT + 1;
		}
		tui_put(yy, cx, W_COUNT, TUI_RIGHT, fmt_count(b1,
		    (double)x0->bads));
		cx += W_COUNT + 1;
		tui_put(yy, cx, W_RATE, TUI_RIGHT, fmt_pct(b1, x0->bad_rate));
		cx += W_RATE + 1;
		/* The one bin of a separating characteristic has no WoE of
		   use: "-", as the report shows it. */
		tui_put(yy, cx, W_WOE, TUI_RIGHT, sep ? "-" : fmt_stat(b1,
		    x0->woe));
		cx += W_WOE + 1;
		tui_put(yy, cx, W_IVC, TUI_RIGHT, sep ? "-" : fmt_stat(b1,
		    x0->iv));
		/* The zero-cell adjustment, marked after the IV as riskdesk
		   bin marks it. */
		tui_put(yy, cx + W_IVC + 1, 1, TUI_LEFT, x0->adjusted ? "*" :
		    "");
		cx += W_IVC + 3;
		tui_color(TUI_C_NORMAL);
		if (c.bw >= BAR_MIN)
			draw_bar(yy, cx, c.bw, x0->woe, axis);
	}
}

/* The fine classes, h lines from y: label, count, WoE, their bin. */
static void
draw_fine(struct chars_view *v, int y, int x, int w, int h)
{
	const struct characteristic *f = v->fc;
	char b1[FMT_BUF], to[32], pos[32];
	int n, i, lw, lo, hi;

	if (f == NULL) {
		tui_color(TUI_C_DIM);
		tui_put(y, x, w, TUI_LEFT, "no fine classes");
		tui_color(TUI_C_NORMAL);
		return;
	}
	n = (int)f->nbins;
	sel_range(v, &lo, &hi);
	/* Keep the fine classes of the selected bin in view. */
	for (i = 0; i < n && !(v->fto[i] >= lo && v->ffrom[i] <= hi); i++)
		;
	if (i < n && (i < v->ffirst || i >= v->ffirst + h - 1))
		v->ffirst = i;
	v->ffirst = tui_scroll_fit(v->ffirst, -1, n, h - 1);
	lw = w - (W_COUNT + 1) - (W_WOE + 1) - 7;
	tui_color(TUI_C_HEADER);
	tui_put(y, x, w, TUI_LEFT, "");
	pos[0] = '\0';
	if (n > h - 1)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->ffirst + 1,
		    v->ffirst + h - 1 < n ? v->ffirst + h - 1 : n, n);
	tui_put_heading(y, x, lw, "Fine class", pos);
	tui_put(y, x + lw + 1, W_COUNT, TUI_RIGHT, "Count");
	tui_put(y, x + lw + W_COUNT + 2, W_WOE, TUI_RIGHT, "WoE");
	tui_put(y, x + lw + W_COUNT + W_WOE + 3, 6, TUI_RIGHT, "Bin");
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < h - 1 && v->ffirst + i < n; i++) {
		int k = v->ffirst + i, yy = y + 1 + i;
		const struct bin *b = &f->bins[k];

		if (v->ffrom[k] < 0)
			snprintf(to, sizeof to, "-");
		else if (v->ffrom[k] == v->fto[k])
			snprintf(to, sizeof to, "%d", v->ffrom[k] + 1);
		else
			snprintf(to, sizeof to, "%d-%d", v->ffrom[k] + 1,
			    v->fto[k] + 1);
		tui_color(v->fto[k] >= lo && v->ffrom[k] <= hi &&
		    v->ffrom[k] >= 0 ? TUI_C_MARK : TUI_C_NORMAL);
		tui_put(yy, x, lw, TUI_LEFT, b->label);
		tui_put(yy, x + lw + 1, W_COUNT, TUI_RIGHT, fmt_count(b1,
		    (double)b->count));
		tui_put(yy, x + lw + W_COUNT + 2, W_WOE, TUI_RIGHT,
		    fmt_stat(b1, b->woe));
		tui_put(yy, x + lw + W_COUNT + W_WOE + 3, 6, TUI_RIGHT, to);
		tui_color(TUI_C_NORMAL);
	}
}

/*
 * The pane of the selected bin, h lines from y: its bounds in readable
 * numbers, its rows and share, and every level of a group (as many as
 * fit; Enter lists them all).
 */
static void
draw_pane(struct chars_view *v, const struct desk_study *st, int y, int x,
	int w, int h)
{
	const struct characteristic *ch = st->chars[v->cur];
	const struct bin *b = &ch->bins[v->bin];
	char bounds[160], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	char line[1024], item[384], what[400];
	int rounded, row = 0, lo, hi, shown = 0, total = 0;
	size_t k, off;

	sel_range(v, &lo, &hi);
	tui_color(TUI_C_LABEL);
	if (lo != hi) {
		tui_putf(y, x, w, TUI_LEFT, "Bins %d-%d selected: m merges them "
		    "into one", lo + 1, hi + 1);
		tui_color(TUI_C_NORMAL);
		row = 1;
	}
	rounded = bin_readable_bounds(ch, (size_t)v->bin, bounds,
	    sizeof bounds);
	tui_color(TUI_C_LABEL);
	tui_putf(y + row, x, w, TUI_LEFT, "Bin %d%s%s: %s rows, %s of the %s "
	    "with a known outcome", v->bin + 1, b->kind == BIN_LEVELS ? "" :
	    " ", b->kind == BIN_LEVELS ? "" : b->kind == BIN_RANGE ? bounds :
	    b->label, fmt_count(b1, (double)b->count), fmt_pct(b2, b->share),
	    fmt_count(b3, (double)(ch->goods + ch->bads)));
	tui_color(TUI_C_NORMAL);
	if (++row >= h)
		return;
	/* Goods and bads, then what the bounds take in. */
	what[0] = '\0';
	if (b->kind == BIN_RANGE) {
		int d = bin_readable_digits(ch);

		if (isinf(b->lower) && isinf(b->upper))
			snprintf(what, sizeof what, "; every value");
		else if (isinf(b->lower))
			snprintf(what, sizeof what, "; values below %s",
			    bin_readable_num(b1, sizeof b1, b->upper, d));
		else if (isinf(b->upper))
			snprintf(what, sizeof what, "; values from %s up",
			    bin_readable_num(b1, sizeof b1, b->lower, d));
		else
			snprintf(what, sizeof what, "; values from %s "
			    "(included) to %s (excluded)", bin_readable_num(b1,
			    sizeof b1, b->lower, d), bin_readable_num(b2,
			    sizeof b2, b->upper, d));
		if (rounded)
			snprintf(what + strlen(what), sizeof what -
			    strlen(what), ", rounded: exactly %s", b->label);
	}
	tui_color(TUI_C_DIM);
	tui_putf(y + row, x, w, TUI_LEFT, "%s good, %s bad%s%s", fmt_count(b1,
	    (double)b->goods), fmt_count(b2, (double)b->bads), b->adjusted ?
	    " (* no goods or no bads: WoE adjusted)" : "", what);
	tui_color(TUI_C_NORMAL);
	if (++row >= h || b->kind != BIN_LEVELS || v->lv == NULL)
		return;
	/* The group's levels, each with its rows and share, wrapped. */
	for (k = 0; k < v->nlv; k++)
		total += v->lv[k].bin == v->bin && v->lv[k].rows > 0;
	off = (size_t)snprintf(line, sizeof line, "%d level%s: ", total,
	    total == 1 ? "" : "s");
	for (k = 0; k < v->nlv && row < h; k++) {
		const struct bin_level_row *l = &v->lv[k];
		int iw;

		if (l->bin != v->bin || l->rows == 0)
			continue;
		snprintf(item, sizeof item, "%s%s (%s rows, %s%s)", shown > 0 ?
		    ", " : "", l->level, fmt_count(b1, (double)l->count),
		    fmt_pct(b2, l->share), l->listed ? "" : ", fallback");
		iw = tui_width(item);
		if (tui_width(line) + iw > w && off > 0) {
			tui_put(y + row, x, w, TUI_LEFT, line);
			row++;
			off = 0;
			line[0] = '\0';
			if (row == h - 1 && total - shown > 1)
				break;
		}
		if (row >= h)
			break;
		off += (size_t)snprintf(line + off, sizeof line - off, "%s",
		    shown > 0 && off == 0 ? item + 2 : item);
		shown++;
	}
	if (shown < total)
		snprintf(line + off, sizeof line - off, "%s... %d more: Enter "
		    "lists them all", off > 0 ? " " : "", total - shown);
	if (row < h)
		tui_put(y + row, x, w, TUI_LEFT, line);
}

/* One key of the footer: its key and what it does now. */
struct fkey {
	const char *key;
	char what[96];
};

/*
 * The footer: every key of the bins and what it does now (the edit u
 * would undo, the merge m would make), packed into two lines.
 */
static void
draw_footer(struct chars_view *v, const struct desk_study *st, int y, int x,
	int w)
{
	const struct characteristic *ch = st->chars[v->cur];
	const char *u = desk_study_undo_text(st, v->cur);
	const char *r = desk_study_redo_text(st, v->cur);
	struct fkey k[20];
	char line[2][512];
	int n = 0, i, l = 0, lo, hi;
	size_t off[2] = { 0, 0 };

	sel_range(v, &lo, &hi);
#define KEY(kk, ...) do { k[n].key = kk; snprintf(k[n].what, \
	sizeof k[n].what, __VA_ARGS__); n++; } while (0)
	if (lo != hi)
		KEY("m", "merge %d-%d", lo + 1, hi + 1);
	else
		KEY("m", "merge with next");
	KEY("J/K", "select");
	KEY("s", "split");
	if (!ch->numeric)
		KEY("c", "move level");
	KEY("u", "undo%s%.40s", u != NULL ? " " : "", u != NULL ? u : "");
	KEY("r", "redo%s%.40s", r != NULL ? " " : "", r != NULL ? r : "");
	KEY("R", "reset");
	if (ch->numeric)
		KEY("t", "trend");
	KEY("%", "least share");
	if (ch->numeric)
		KEY("S", "specials");
	KEY("T", "as %s", ch->numeric ? "categories" : "numbers");
	KEY("f", "%s fine", v->fine ? "hide" : "show");
	if (!ch->numeric)
		KEY("Enter", "levels");
	KEY("w", "save");
	KEY("Esc", "ranking");
#undef KEY
	line[0][0] = line[1][0] = '\0';
	for (i = 0; i < n && l < 2; i++) {
		char item[160];
		int iw;

		snprintf(item, sizeof item, "%s%s %s", off[l] > 0 ? "  " : "",
		    k[i].key, k[i].what);
		iw = tui_width(item);
		if ((int)off[l] + iw > w && off[l] > 0) {
			if (++l == 2)
				break;
			snprintf(item, sizeof item, "%s %s", k[i].key,
			    k[i].what);
		}
		off[l] += (size_t)snprintf(line[l] + off[l],
		    sizeof line[l] - off[l], "%s", item);
	}
	tui_color(TUI_C_DIM);
	tui_put(y, x, w, TUI_LEFT, line[0]);
	tui_put(y + 1, x, w, TUI_LEFT, line[1]);
	tui_color(TUI_C_NORMAL);
}

static void
draw_detail(struct chars_view *v, struct tui *t, const struct desk_study *st,
	const struct tui_area *a)
{
	const struct characteristic *ch = st->chars[v->cur];
	char b1[FMT_BUF], b2[FMT_BUF], line[256];
	int x = a->left + 1, w = a->cols - 2, y = a->top, n, cx, pane, rows;
	int beside, tw;
	double axis = desk_study_woe_axis(st);

	cache_fill(v, t, st);
	n = (int)ch->nbins;
	if (v->bin >= n)
		v->bin = n - 1;
	if (v->bin < 0)
		v->bin = 0;
	if (v->anchor >= n)
		v->anchor = n - 1;
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "%s%s", ch->name, st->unsaved[v->cur] ?
	    " (regrouped, not saved)" : st->edited[v->cur] ? " (regrouped)" :
	    "");
	tui_color(TUI_C_DIM);
	cx = tui_width(ch->name) + (st->unsaved[v->cur] ? 23 :
	    st->edited[v->cur] ? 13 : 0) + 2;
	snprintf(line, sizeof line, "IV %s %s, %s bins, Gini %s",
	    ch->splits != NULL && ch->status != NULL ? "inf" :
	    fmt_stat(b1, ch->iv), ch->status != NULL ? ch->status :
	    bin_iv_strength(ch->iv), fmt_count((char[FMT_BUF]){ 0 },
	    (double)ch->nbins), fmt_stat(b2, ch->gini));
	/* What fits of the rest. */
	if (st->chosen[v->cur] && cx + tui_width(line) + 14 <= w)
		strcat(line, ", in the model");
	if (ch->nadjusted > 0 && cx + tui_width(line) + 23 <= w)
		strcat(line, ", * zero cells adjusted");
	tui_put(y, x + cx, w - cx, TUI_LEFT, line);
	tui_color(TUI_C_NORMAL);
	draw_settings(st, v->cur, axis, y + 1, x, w);
	y += 2 + draw_char_warning(ch, &st->spec.bins, y + 2, x, w);
	/* What is left: the bins (heading and rows), the pane of the
	   selected bin, the footer's two lines. */
	rows = a->top + a->lines - y;
	pane = a->lines >= 30 ? 5 : 3;
	/* The fine classes beside the bins when the terminal is wide,
	   instead of them when not. */
	beside = v->fine && w >= 80 + FINE_W;
	tw = beside ? w * 62 / 100 : w;
	if (tw < 78)
		tw = 78;
	if (v->fine && !beside)
		draw_fine(v, y, x, w, rows - pane - 2);
	else
		draw_bins(v, st, axis, y, x, tw, rows - pane - 2);
	if (beside)
		draw_fine(v, y, x + tw + 1, w - tw - 1, rows - pane - 2);
	draw_pane(v, st, y + rows - pane - 2, x, w, pane);
	draw_footer(v, st, a->top + a->lines - 2, x, w);
}

/* --------------------------------------------------------- level list */

/* Does s contain f, in any case (ASCII letters folded)? */
static int
contains(const char *s, const char *f)
{
	size_t n = strlen(f), i, k;

	if (n == 0)
		return 1;
	for (i = 0; s[i] != '\0'; i++) {
		for (k = 0; k < n && s[i + k] != '\0' &&
		    tolower((unsigned char)s[i + k]) ==
		    tolower((unsigned char)f[k]); k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* The rows of the level table the list shows: its group's (or all),
   those holding rows, containing the filter. */
static void
pick_refilter(struct chars_view *v)
{
	struct picker *p = &v->pk;
	size_t k;

	free(p->idx);
	p->idx = xcalloc(v->nlv + 1, sizeof *p->idx);
	p->n = 0;
	for (k = 0; k < v->nlv; k++)
		if ((p->bin < 0 || v->lv[k].bin == p->bin) &&
		    v->lv[k].rows > 0 && contains(v->lv[k].level, p->filter))
			p->idx[p->n++] = k;
	if (p->sel >= (int)p->n)
		p->sel = (int)p->n - 1;
	if (p->sel < 0)
		p->sel = 0;
}

static void
pick_open(struct chars_view *v, struct tui *t, const struct desk_study *st,
	enum pick_why why, int bin)
{
	size_t k;

	cache_fill(v, t, st);
	v->pk.on = 1;
	v->pk.why = why;
	v->pk.bin = bin;
	v->pk.filter[0] = '\0';
	v->pk.sel = v->pk.first = 0;
	pick_refilter(v);
	/* Start on a level of the selected bin. */
	for (k = 0; k < v->pk.n; k++)
		if (v->lv[v->pk.idx[k]].bin == v->bin) {
			v->pk.sel = (int)k;
			break;
		}
}

static void
draw_picker(struct chars_view *v, const struct desk_study *st,
	const struct tui_area *a)
{
	struct picker *p = &v->pk;
	const struct characteristic *ch = st->chars[v->cur];
	int top = a->top + 1, left = a->left, w = a->cols;
	int h = a->lines - 1, i, lw, y;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], bin[16];

	tui_color(TUI_C_NORMAL);
	for (i = 0; i < h; i++)
		tui_put(top + i, left, w, TUI_LEFT, "");
	tui_color(TUI_C_TITLE);
	if (p->why == PICK_MOVE)
		tui_putf(top, left + 1, w - 2, TUI_LEFT, "Move a level of %s: "
		    "type to filter, Enter takes it, Esc closes (%zu of %zu)",
		    ch->name, p->n, v->nlv);
	else if (p->why == PICK_SPLIT)
		tui_putf(top, left + 1, w - 2, TUI_LEFT, "Split bin %d of %s: "
		    "the level for a bin of its own (Enter; Esc closes)",
		    p->bin + 1, ch->name);
	else
		tui_putf(top, left + 1, w - 2, TUI_LEFT, "Levels of bin %d of "
		    "%s (%zu): type to filter, Esc closes", p->bin + 1,
		    ch->name, p->n);
	tui_color(TUI_C_LABEL);
	tui_putf(top + 1, left + 1, w - 2, TUI_LEFT, "filter: %s_", p->filter);
	lw = w - 2 - 6 - 3 * (W_COUNT + 1) - 1;
	tui_color(TUI_C_HEADER);
	tui_put(top + 2, left, w, TUI_LEFT, "");
	tui_put(top + 2, left + 1, lw, TUI_LEFT, "Level");
	tui_put(top + 2, left + 1 + lw + 1, 5, TUI_RIGHT, "Bin");
	tui_put(top + 2, left + lw + 8, W_COUNT, TUI_RIGHT, "Count");
	tui_put(top + 2, left + lw + 9 + W_COUNT, W_COUNT, TUI_RIGHT, "Bads");
	tui_put(top + 2, left + lw + 10 + 2 * W_COUNT, W_COUNT, TUI_RIGHT,
	    "% rows");
	tui_color(TUI_C_NORMAL);
	p->h = h - 3;
	p->first = tui_scroll_fit(p->first, p->sel, (int)p->n, p->h);
	for (i = 0; i < p->h && p->first + i < (int)p->n; i++) {
		const struct bin_level_row *l = &v->lv[p->idx[p->first + i]];

		y = top + 3 + i;
		tui_color(p->first + i == p->sel ? TUI_C_SELECTED :
		    TUI_C_NORMAL);
		tui_put(y, left, w, TUI_LEFT, "");
		if (l->bin >= 0)
			snprintf(bin, sizeof bin, "%d%s", l->bin + 1,
			    l->listed ? "" : "*");
		else
			snprintf(bin, sizeof bin, "-");
		tui_put(y, left + 1, lw, TUI_LEFT, l->level);
		tui_put(y, left + 1 + lw + 1, 5, TUI_RIGHT, bin);
		tui_put(y, left + lw + 8, W_COUNT, TUI_RIGHT, fmt_count(b1,
		    (double)l->count));
		tui_put(y, left + lw + 9 + W_COUNT, W_COUNT, TUI_RIGHT,
		    fmt_count(b2, (double)l->bads));
		tui_put(y, left + lw + 10 + 2 * W_COUNT, W_COUNT, TUI_RIGHT,
		    fmt_pct(b3, l->share));
	}
	tui_color(TUI_C_NORMAL);
	if (p->n == 0) {
		tui_color(TUI_C_DIM);
		tui_put(top + 3, left + 1, w - 2, TUI_LEFT, "no level contains "
		    "what is typed");
		tui_color(TUI_C_NORMAL);
	}
}

static void
chars_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct chars_view *v = view;
	const struct desk_study *st = tui_study_peek(t);

	if (st == NULL || st->nclassed < st->nchars) {
		draw_none(a);
		return;
	}
	new_study(v, t);
	if (v->cur >= st->nchars)
		v->cur = 0;
	if (!v->detail) {
		draw_ranking(v, st, a);
		return;
	}
	draw_detail(v, t, st, a);
	if (v->pk.on)
		draw_picker(v, st, a);
}

/* -------------------------------------------------------------- keys */

/*
 * After an edit: the error, or what the edit did with the IV before and
 * after and the WoE trend it leaves.
 */
static int
edited(struct tui *t, const struct desk_study *st, size_t j, int rc,
	const struct rd_err *err, const char *what, double iv0)
{
	const struct characteristic *ch = st->chars[j];
	char b1[FMT_BUF], b2[FMT_BUF];

	if (rc != 0 && strncmp(err->msg, "cannot ", 7) == 0)
		tui_message(t, 1, "%s", err->msg);
	else if (rc != 0)
		tui_message(t, 1, "cannot %s: %s", what, err->msg);
	else
		tui_message(t, 0, "%.48s: IV %s -> %s, %s bins, WoE %s", what,
		    fmt_stat(b1, iv0), fmt_stat(b2, ch->iv), fmt_count(
		    (char[FMT_BUF]){ 0 }, (double)ch->nbins),
		    trend_short(ch));
	return TUI_HANDLED | TUI_REDRAW;
}

/* edited() for an edit that succeeded (rc 0) or failed: what it did
   is the study's own text of it, else "cannot <fail>". */
static int
done(struct tui *t, const struct desk_study *st, size_t j, int rc,
	const struct rd_err *err, const char *fail, double iv0)
{
	return edited(t, st, j, rc, err, rc == 0 ? desk_study_undo_text(st, j) :
	    fail, iv0);
}

/* A number typed: the whole text must read as one. */
static int
parse_number(const char *s, double *x)
{
	char *end;

	*x = strtod(s, &end);
	while (*end == ' ')
		end++;
	return end != s && *end == '\0' && isfinite(*x) ? 0 : -1;
}

/* s on a range: split at a typed value, the median offered. */
static int
split_range(struct tui *t, struct chars_view *v, struct desk_study *st)
{
	const struct characteristic *ch = st->chars[v->cur];
	struct bin_split_offer o;
	struct rd_err err;
	char buf[64], q[256], m[48];
	double at, iv0 = ch->iv;

	rd_err_clear(&err);
	if (desk_study_split_offer(st, v->cur, (size_t)v->bin, &o, &err) !=
	    0)
		return edited(t, st, v->cur, -1, &err, "split", iv0);
	buf[0] = '\0';
	if (!isnan(o.offer))
		bin_readable_num(buf, sizeof buf, o.offer, 17);
	bin_readable_num(m, sizeof m, o.median, 17);
	if (o.n == 0)
		snprintf(q, sizeof q, "split bin %d %s at (no row with a known "
		    "outcome):", v->bin + 1, ch->bins[v->bin].label);
	else if (!isnan(o.offer) && o.offer != o.median)
		snprintf(q, sizeof q, "split bin %d %s at (median %s is its "
		    "smallest value):", v->bin + 1, ch->bins[v->bin].label, m);
	else
		snprintf(q, sizeof q, "split bin %d %s at (median %s):",
		    v->bin + 1, ch->bins[v->bin].label, m);
	if (tui_prompt(t, q, buf, sizeof buf) != 0 || buf[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (parse_number(buf, &at) != 0) {
		tui_message(t, 1, "cannot split: expected a number, found "
		    "\"%s\"", buf);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return done(t, st, v->cur, desk_study_split_at(st, v->cur,
	    (size_t)v->bin, at, &err), &err, "split", iv0);
}

/* Enter in the level list: move the level chosen, or split it off. */
static int
pick_take(struct tui *t, struct chars_view *v, struct desk_study *st)
{
	struct picker *p = &v->pk;
	const struct characteristic *ch = st->chars[v->cur];
	struct rd_err err;
	char level[512], to[32], q[600], *end;
	double iv0 = ch->iv;
	long k = -1;
	size_t nlev;

	if (p->n == 0)
		return TUI_HANDLED | TUI_REDRAW;
	snprintf(level, sizeof level, "%s", v->lv[p->idx[p->sel]].level);
	p->on = 0;
	rd_err_clear(&err);
	if (p->why == PICK_SHOW)
		return TUI_HANDLED | TUI_REDRAW;
	if (p->why == PICK_SPLIT)
		return done(t, st, v->cur, desk_study_move(st, v->cur, level,
		    -1, &err), &err, "split the group", iv0);
	for (nlev = 0; nlev < ch->nbins && ch->bins[nlev].kind == BIN_LEVELS;
	    nlev++)
		;
	to[0] = '\0';
	snprintf(q, sizeof q, "move %s to bin (1-%zu, empty: a bin of its "
	    "own):", level, nlev);
	if (tui_prompt(t, q, to, sizeof to) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	if (to[0] != '\0') {
		k = strtol(to, &end, 10);
		if (*end != '\0' || k < 1 || k > (long)nlev) {
			tui_message(t, 1, "cannot move %s: expected a bin number "
			    "from 1 to %zu, found \"%s\"", level, nlev, to);
			return TUI_HANDLED | TUI_REDRAW;
		}
		k--;
	}
	return done(t, st, v->cur, desk_study_move(st, v->cur, level,
	    (int)k, &err), &err, "move the level", iv0);
}

/* A key while the level list is open: it takes every key. */
static int
pick_key(struct tui *t, struct chars_view *v, struct desk_study *st,
	int ch)
{
	struct picker *p = &v->pk;
	size_t len = strlen(p->filter);
	int page = p->h > 1 ? p->h - 1 : 1;

	switch (ch) {
	case 27:
		p->on = 0;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		return pick_take(t, v, st);
	case KEY_UP:
		p->sel--;
		break;
	case KEY_DOWN:
		p->sel++;
		break;
	case KEY_PPAGE:
		p->sel -= page;
		break;
	case KEY_NPAGE:
		p->sel += page;
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		/* Back one character, not one byte of UTF-8. */
		while (len > 0 && ((unsigned char)p->filter[len - 1] & 0xc0) ==
		    0x80)
			len--;
		if (len > 0)
			len--;
		p->filter[len] = '\0';
		pick_refilter(v);
		break;
	default:
		if (ch >= 32 && ch < 256 && ch != 127 &&
		    len + 1 < sizeof p->filter) {
			p->filter[len] = (char)ch;
			p->filter[len + 1] = '\0';
			p->sel = 0;
			pick_refilter(v);
		}
		break;
	}
	if (p->sel >= (int)p->n)
		p->sel = (int)p->n - 1;
	if (p->sel < 0)
		p->sel = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

/* t, %, S: ask for a setting and solve the classing again. */
static int
setting_key(struct tui *t, struct chars_view *v, struct desk_study *st,
	enum key_action act)
{
	const struct characteristic *ch = st->chars[v->cur];
	const struct desk_study_setting *s = &st->setting[v->cur];
	struct rd_err err;
	char buf[512], q[256], *tok, *save = NULL;
	double x, iv0 = ch->iv, *vals;
	enum bin_trend tr;
	size_t k, n = 0, off = 0;
	int rc;

	rd_err_clear(&err);
	if (act == KA_TREND) {
		if (!ch->numeric) {
			tui_message(t, 1, "%s is grouped in the order of its "
			    "levels' bad rates: no WoE trend to set", ch->name);
			return TUI_HANDLED | TUI_REDRAW;
		}
		snprintf(buf, sizeof buf, "%s", bin_trend_name(s->trend));
		snprintf(q, sizeof q, "trend of %s (auto, ascending, "
		    "descending, peak, valley, none):", ch->name);
		if (tui_prompt(t, q, buf, sizeof buf) != 0)
			return TUI_HANDLED | TUI_REDRAW;
		if (bin_trend_parse(buf, &tr) != 0) {
			tui_message(t, 1, "expected auto, ascending, "
			    "descending, peak, valley or none, found \"%s\"",
			    buf);
			return TUI_HANDLED | TUI_REDRAW;
		}
		rc = desk_study_set_trend(st, v->cur, tr, &err);
		return done(t, st, v->cur, rc, &err, "set the trend", iv0);
	}
	if (act == KA_MIN_SHARE) {
		snprintf(buf, sizeof buf, "%g", s->min_share * 100);
		snprintf(q, sizeof q, "least share of the rows in each bin of "
		    "%s, in %%:", ch->name);
		if (tui_prompt(t, q, buf, sizeof buf) != 0 || buf[0] == '\0')
			return TUI_HANDLED | TUI_REDRAW;
		if (parse_number(buf, &x) != 0) {
			tui_message(t, 1, "expected a percentage from 0 to "
			    "below 100, found \"%s\"", buf);
			return TUI_HANDLED | TUI_REDRAW;
		}
		rc = desk_study_set_min_share(st, v->cur, x / 100, &err);
		return done(t, st, v->cur, rc, &err, "set the least share",
		    iv0);
	}
	if (!ch->numeric) {
		tui_message(t, 1, "%s is classed as categories: special values "
		    "are for numbers", ch->name);
		return TUI_HANDLED | TUI_REDRAW;
	}
	buf[0] = '\0';
	for (k = 0; k < s->nspecials && off < sizeof buf; k++)
		off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s",
		    k > 0 ? "," : "", bin_readable_num(q, sizeof q,
		    s->specials[k], 17));
	snprintf(q, sizeof q, "special values of %s (comma-separated, "
	    "empty: none):", ch->name);
	if (tui_prompt(t, q, buf, sizeof buf) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	vals = xcalloc(strlen(buf) + 1, sizeof *vals);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (parse_number(tok, &vals[n]) != 0) {
			tui_message(t, 1, "expected numbers separated by "
			    "commas, found \"%s\"", tok);
			free(vals);
			return TUI_HANDLED | TUI_REDRAW;
		}
		n++;
	}
	rc = desk_study_set_specials(st, v->cur, vals, n, &err);
	free(vals);
	return done(t, st, v->cur, rc, &err, "set the special values", iv0);
}

/* The keys of one characteristic's bins. */
static int
detail_key(struct tui *t, struct chars_view *v, struct desk_study *st,
	enum key_action act)
{
	const struct characteristic *ch = st->chars[v->cur];
	struct rd_err err;
	double iv0 = ch->iv;
	size_t nnot = 0;
	int lo, hi, rc;

	rd_err_clear(&err);
	sel_range(v, &lo, &hi);
	switch (act) {
	case KA_EXTEND_UP:
	case KA_EXTEND_DOWN:
		if (v->anchor < 0)
			v->anchor = v->bin;
		v->bin += act == KA_EXTEND_UP ? -1 : 1;
		if (v->bin < 0)
			v->bin = 0;
		if (v->bin >= (int)ch->nbins)
			v->bin = (int)ch->nbins - 1;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_MERGE:
		rc = lo == hi ? desk_study_merge(st, v->cur, (size_t)lo, &err) :
		    desk_study_merge_range(st, v->cur, (size_t)lo, (size_t)hi,
		    &err);
		if (rc == 0) {
			v->bin = lo;
			v->anchor = -1;
		}
		return done(t, st, v->cur, rc, &err, "merge", iv0);
	case KA_SPLIT:
		v->anchor = -1;
		if (ch->bins[v->bin].kind == BIN_RANGE)
			return split_range(t, v, st);
		if (ch->bins[v->bin].kind != BIN_LEVELS) {
			tui_message(t, 1, "cannot split: the %s bin stays a bin "
			    "of its own", ch->bins[v->bin].label);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ch->bins[v->bin].nlevels < 2) {
			tui_message(t, 1, "cannot split: bin %d holds the "
			    "single level %s", v->bin + 1,
			    ch->bins[v->bin].label);
			return TUI_HANDLED | TUI_REDRAW;
		}
		pick_open(v, t, st, PICK_SPLIT, v->bin);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_MOVE_LEVEL:
		if (ch->numeric) {
			tui_message(t, 1, "%s is numeric: split (s) or merge (m) "
			    "its ranges, or class it as categories (T)",
			    ch->name);
			return TUI_HANDLED | TUI_REDRAW;
		}
		pick_open(v, t, st, PICK_MOVE, -1);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_SELECT:
		if (ch->bins[v->bin].kind != BIN_LEVELS) {
			tui_message(t, 0, "bin %d is %s: no levels to list",
			    v->bin + 1, ch->bins[v->bin].label);
			return TUI_HANDLED | TUI_REDRAW;
		}
		pick_open(v, t, st, PICK_SHOW, v->bin);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_UNDO:
	case KA_REDO:
		{
			const char *what = act == KA_UNDO ?
			    desk_study_undo_text(st, v->cur) :
			    desk_study_redo_text(st, v->cur);
			char msg[160];

			snprintf(msg, sizeof msg, "%s %s", act == KA_UNDO ?
			    "undid" : "redid", what != NULL ? what : "");
			rc = act == KA_UNDO ? desk_study_undo(st, v->cur,
			    &err) : desk_study_redo(st, v->cur, &err);
			v->anchor = -1;
			return edited(t, st, v->cur, rc, &err, rc == 0 ? msg :
			    act == KA_UNDO ? "undo" : "redo", iv0);
		}
	case KA_REGROUP_RESET:
		if (!tui_confirm(t, "reset? (y/n) %s back to its classing as "
		    "opened; u takes it back", ch->name))
			return TUI_HANDLED | TUI_REDRAW;
		v->anchor = -1;
		rc = desk_study_reset(st, v->cur, &err);
		return done(t, st, v->cur, rc, &err, "reset", iv0);
	case KA_TREND:
	case KA_MIN_SHARE:
	case KA_SPECIALS:
		v->anchor = -1;
		return setting_key(t, v, st, act);
	case KA_KIND:
		v->anchor = -1;
		rc = desk_study_set_other_kind(st, v->cur,
		    !st->setting[v->cur].other_kind, &nnot, &err);
		if (rc == 0 && nnot > 0) {
			tui_message(t, 0, "classed %s as numbers: %zu level%s "
			    "not numbers went to the missing bin", ch->name,
			    nnot, nnot == 1 ? "" : "s");
			return TUI_HANDLED | TUI_REDRAW;
		}
		return done(t, st, v->cur, rc, &err, "class it so", iv0);
	case KA_FINE:
		v->fine = !v->fine;
		v->ffirst = 0;
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	return 0;
}

/* Select characteristic r of the ranking for the detail. */
static void
show_rank(struct chars_view *v, const struct desk_study *st, int r)
{
	if (r < 0)
		r = 0;
	if (r >= (int)st->nchars)
		r = (int)st->nchars - 1;
	v->sel = r;
	v->cur = st->rank[r];
	v->bin = v->bfirst = 0;
	v->anchor = -1;
	v->ffirst = 0;
}

/* The rank of the characteristic shown. */
static int
rank_of(const struct chars_view *v, const struct desk_study *st)
{
	int r;

	for (r = 0; r < (int)st->nchars && st->rank[r] != v->cur; r++)
		;
	return r;
}

static int
chars_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct chars_view *v = view;
	struct desk_study *st = tui_study_peek(t);
	struct rd_err err;
	int n, *sel, page, rc;

	(void)a;
	if (st == NULL || st->nclassed < st->nchars)
		return 0;
	new_study(v, t);
	if (v->detail && v->pk.on)
		return pick_key(t, v, st, ch);
	rd_err_clear(&err);
	if (!v->detail && v->sel < (int)st->nchars && v->sel >= 0)
		v->cur = st->rank[v->sel];
	n = v->detail ? (int)st->chars[v->cur]->nbins : (int)st->nchars;
	sel = v->detail ? &v->bin : &v->sel;
	page = v->detail ? v->bh - 1 : v->h - 1;
	if (page < 1)
		page = 1;
	switch (act) {
	case KA_UP:
		(*sel)--;
		break;
	case KA_DOWN:
		(*sel)++;
		break;
	case KA_PAGE_UP:
		*sel -= page;
		break;
	case KA_PAGE_DOWN:
		*sel += page;
		break;
	case KA_HOME:
		*sel = 0;
		break;
	case KA_END:
		*sel = n - 1;
		break;
	case KA_SELECT:
		if (v->detail)
			return detail_key(t, v, st, act);
		v->detail = 1;
		show_rank(v, st, v->sel);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_BACK:
		if (!v->detail)
			return 0;
		v->detail = 0;
		v->anchor = -1;
		/* Back on the characteristic's place in the ranking. */
		v->sel = rank_of(v, st);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_LEFT:
	case KA_RIGHT:
		if (!v->detail)
			return 0;
		show_rank(v, st, rank_of(v, st) + (act == KA_LEFT ? -1 : 1));
		return TUI_HANDLED | TUI_REDRAW;
	case KA_MERGE:
	case KA_SPLIT:
	case KA_MOVE_LEVEL:
	case KA_REGROUP_RESET:
	case KA_EXTEND_UP:
	case KA_EXTEND_DOWN:
	case KA_UNDO:
	case KA_REDO:
	case KA_TREND:
	case KA_MIN_SHARE:
	case KA_SPECIALS:
	case KA_KIND:
	case KA_FINE:
		if (!v->detail) {
			tui_message(t, 0, "Enter opens the bins first");
			return TUI_HANDLED | TUI_REDRAW;
		}
		return detail_key(t, v, st, act);
	case KA_SAVE:
		rc = desk_study_save_bins(v->desk, st, v->cur, &err);
		if (rc != 0)
			tui_message(t, 1, "not saved: %s", err.msg);
		else
			tui_message(t, 0, "saved the binning of %s (%zu bins): "
			    "fits and riskdesk bin use it",
			    st->chars[v->cur]->name, st->chars[v->cur]->nbins);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_TOGGLE:
		if (st->chars[v->cur]->status != NULL) {
			tui_message(t, 1, "%s cannot go into a model: %s",
			    st->chars[v->cur]->name, st->chars[v->cur]->status);
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->chosen[v->cur] = !st->chosen[v->cur];
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
	/* A plain move drops the selected range. */
	if (v->detail)
		v->anchor = -1;
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static const char *
chars_help(void *view)
{
	struct chars_view *v = view;

	if (v->detail && v->pk.on)
		return "type filters  Enter takes  Esc closes";
	return v->detail ? "m merge  s split  u undo" : "Enter bins  Space use";
}

const struct tui_screen scr_chars = {
	.name = "Characteristics",
	.open = chars_open,
	.close = chars_close,
	.draw = chars_draw,
	.key = chars_key,
	.help = chars_help,
};
