/*
 * scr-chars.c - the Characteristics screen: every characteristic of the
 * table under study ranked by IV, and one characteristic's bins with a
 * bar chart of their WoE, regrouped by hand.
 *
 * The ranking lists, largest IV first, each characteristic's bins, IV,
 * its reading (bin_iv_strength), Gini, whether it goes into the model and
 * whether it was regrouped.  Enter opens the selected one: its bins with
 * count, goods, bads, bad rate, WoE and IV contribution, and a bar per
 * bin, left of the axis for a negative WoE (riskier than average) and
 * right for a positive one.  'm' merges the selected bin with the next,
 * 's' splits it, 'c' moves a category to another bin, 'u' undoes the
 * regrouping; each calls desk-study.c,
 * which counts the bins again with the model layer, so every figure is
 * the core's.  Space chooses the characteristic for the model.
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
#include "desk/desk-study.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct chars_view {
	struct desk *desk;	/* borrowed */
	int detail;		/* 0: the ranking; 1: one characteristic */
	int sel, first, h;	/* ranking: selected rank, first shown */
	int bin, bfirst, bh;	/* detail: selected bin, first shown */
	size_t cur;		/* detail: the characteristic (index j) */
	unsigned gen;		/* tui_study_gen of the study shown */
};

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
	v->cur = 0;
}

static void *
chars_open(struct tui *t, struct desk *d)
{
	struct chars_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
chars_close(void *view)
{
	free(view);
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

#define W_COUNT 7
#define W_RATE 8
#define W_WOE 8

static void
draw_bar(int y, int x, int w, double woe, double scale)
{
	int half = (w - 1) / 2, len, i;

	tui_color(TUI_C_DIM);
	mvaddch(y, x + half, ACS_VLINE);
	if (!(scale > 0) || !isfinite(woe))
		return;
	len = (int)lround(fabs(woe) / scale * half);
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

/*
 * Under the title of a characteristic, its first warning as bin gives
 * them (report-bin.c).  Numeric: values that seem to stand for something
 * else, else whole-number codes.  Text: the overfitting warning of many
 * levels, else the levels left to the unseen-level fallback.
 */
static void
draw_char_warning(const struct characteristic *ch,
	const struct bin_spec *spec, int y, int x, int w)
{
	char b1[FMT_BUF], vals[128], opt[512];
	int at;

	if (ch->splits != NULL && ch->status != NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "warning: %s", ch->splits);
		tui_color(TUI_C_NORMAL);
		return;
	}
	if (!ch->numeric && !ch->many_levels && ch->chance_bins > 0 &&
	    ch->chance_p > 0.01 && ch->status == NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "warning: IV of %zu levels within "
		    "chance (p = %.2g): groups follow noise; group by meaning "
		    "(c) or leave it out", ch->chance_bins, ch->chance_p);
		tui_color(TUI_C_NORMAL);
		return;
	}
	if (ch->pure != NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "warning: %s", ch->pure);
		tui_color(TUI_C_NORMAL);
		return;
	}
	if (ch->numeric) {
		tui_color(TUI_C_ERROR);
		if (ch->nsentinels > 0) {
			const struct colscan_sentinel *g = &ch->sentinels[0];

			colscan_sentinel_values(vals, sizeof vals, g);
			tui_putf(y, x, w, TUI_LEFT, "warning: %s (%s rows) "
			    "stand%s apart: if %s for something else, declare "
			    "%s", vals, fmt_count(b1, (double)g->count),
			    g->nv > 1 ? "" : "s", g->nv > 1 ? "they stand" :
			    "it stands", colscan_option(opt, sizeof opt,
			    "--special", ch->name, vals));
		} else if (ch->ncodes > 0) {
			tui_color(TUI_C_DIM);
			tui_putf(y, x, w, TUI_LEFT, "%zu whole-number values: "
			    "if they are codes, re-import with %s", ch->ncodes,
			    colscan_option(opt, sizeof opt, "--type", ch->name,
			    "text"));
		}
		tui_color(TUI_C_NORMAL);
		return;
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
	}
	tui_color(TUI_C_NORMAL);
}

static void
draw_detail(struct chars_view *v, const struct desk_study *st,
	const struct tui_area *a)
{
	const struct characteristic *ch = st->chars[v->cur];
	char b1[FMT_BUF], b2[FMT_BUF];
	int x = a->left + 1, w = a->cols - 2, y = a->top, n, i, lw, cx, bw;
	int goods = w >= 100, fixed;
	double scale = 0;
	size_t k;

	n = (int)ch->nbins;
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "%s%s", ch->name, st->unsaved[v->cur] ?
	    " (regrouped, not saved)" : st->edited[v->cur] ? " (regrouped)" :
	    "");
	tui_color(TUI_C_DIM);
	cx = tui_width(ch->name) + (st->unsaved[v->cur] ? 23 :
	    st->edited[v->cur] ? 13 : 0) + 2;
	tui_putf(y, x + cx, w - cx, TUI_LEFT, "IV %s %s, Gini %s, %s bins%s%s",
	    ch->splits != NULL && ch->status != NULL ? "inf" :
	    fmt_stat(b1, ch->iv), ch->status != NULL ? ch->status :
	    bin_iv_strength(ch->iv), fmt_stat(b2, ch->gini),
	    fmt_count((char[FMT_BUF]){ 0 }, (double)ch->nbins),
	    st->chosen[v->cur] ? ", in the model" : "",
	    ch->nadjusted > 0 ? ", zero cells adjusted" : "");
	tui_color(TUI_C_NORMAL);
	draw_char_warning(ch, &st->spec.bins, y + 1, x, w);
	y += 2;
	v->bh = a->lines - 4;
	if (v->bin >= n)
		v->bin = n - 1;
	if (v->bin < 0)
		v->bin = 0;
	v->bfirst = tui_scroll_fit(v->bfirst, v->bin, n, v->bh);
	for (k = 0; k < ch->nbins; k++)
		if (isfinite(ch->bins[k].woe) && fabs(ch->bins[k].woe) > scale)
			scale = fabs(ch->bins[k].woe);
	/* Columns: label, count, goods, bads, bad rate, WoE, IV, then the
	   bar in what is left (at least 11 columns, else no bar). */
	lw = 18;
	for (k = 0; k < ch->nbins; k++)
		if (tui_width(ch->bins[k].label) + 1 > lw)
			lw = tui_width(ch->bins[k].label) + 1;
	fixed = (2 + goods) * (W_COUNT + 1) + W_RATE + 2 * W_WOE + 4;
	bw = w - lw - fixed;
	if (bw < 17) {
		lw -= 17 - bw;
		if (lw < 14)
			lw = 14;
		bw = w - lw - fixed;
	}
	if (bw > 41)
		bw = 41;
	tui_color(TUI_C_HEADER);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	cx = x;
	tui_put(y, cx, lw, TUI_LEFT, "Bin");
	cx += lw + 1;
	tui_put(y, cx, W_COUNT, TUI_RIGHT, "Count");
	cx += W_COUNT + 1;
	if (goods) {
		tui_put(y, cx, W_COUNT, TUI_RIGHT, "Goods");
		cx += W_COUNT + 1;
	}
	tui_put(y, cx, W_COUNT, TUI_RIGHT, "Bads");
	cx += W_COUNT + 1;
	tui_put(y, cx, W_RATE, TUI_RIGHT, "Bad rate");
	cx += W_RATE + 1;
	tui_put(y, cx, W_WOE, TUI_RIGHT, "WoE");
	cx += W_WOE + 1;
	tui_put(y, cx, W_WOE, TUI_RIGHT, "IV");
	cx += W_WOE + 2;
	if (bw >= 11)
		tui_put(y, cx, bw, TUI_LEFT, bw >= 23 ?
		    "- riskier  WoE  safer +" : "-  WoE  +");
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < v->bh && v->bfirst + i < n; i++) {
		const struct bin *b = &ch->bins[v->bfirst + i];
		int yy = y + 1 + i, selected = v->bfirst + i == v->bin;

		tui_color(selected ? TUI_C_SELECTED : TUI_C_NORMAL);
		tui_put(yy, a->left, a->cols, TUI_LEFT, "");
		cx = x;
		tui_put(yy, cx, lw, TUI_LEFT, b->label);
		cx += lw + 1;
		tui_put(yy, cx, W_COUNT, TUI_RIGHT, fmt_count(b1,
		    (double)b->count));
		cx += W_COUNT + 1;
		if (goods) {
			tui_put(yy, cx, W_COUNT, TUI_RIGHT, fmt_count(b1,
			    (double)b->goods));
			cx += W_COUNT + 1;
		}
		tui_put(yy, cx, W_COUNT, TUI_RIGHT, fmt_count(b1,
		    (double)b->bads));
		cx += W_COUNT + 1;
		tui_put(yy, cx, W_RATE, TUI_RIGHT, fmt_pct(b1, b->bad_rate));
		cx += W_RATE + 1;
		/* The one bin of a separating characteristic has no WoE of
		   use: "-", as the report shows it. */
		tui_put(yy, cx, W_WOE, TUI_RIGHT, ch->splits != NULL &&
		    ch->status != NULL ? "-" : fmt_stat(b1, b->woe));
		/* The zero-cell adjustment, marked in the gap. */
		tui_put(yy, cx + W_WOE, 1, TUI_LEFT, b->adjusted ? "*" : "");
		cx += W_WOE + 1;
		tui_put(yy, cx, W_WOE, TUI_RIGHT, ch->splits != NULL &&
		    ch->status != NULL ? "-" : fmt_stat(b1, b->iv));
		cx += W_WOE + 2;
		tui_color(TUI_C_NORMAL);
		if (bw >= 11)
			draw_bar(yy, cx, bw, b->woe, scale);
	}
	tui_color(TUI_C_DIM);
	tui_put(a->top + a->lines - 1, x, w, TUI_LEFT, ch->nadjusted > 0 ?
	    "m merge  s split  c move category  u undo  w save  Esc ranking"
	    "   * WoE adjusted (no goods or no bads)" :
	    "m merge  s split  c move category  u undo  w save  Esc ranking");
	tui_color(TUI_C_NORMAL);
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
	if (v->detail)
		draw_detail(v, st, a);
	else
		draw_ranking(v, st, a);
}

/* -------------------------------------------------------------- keys */

/* Report a failed edit, or that it worked. */
static int
edited(struct tui *t, int rc, const struct rd_err *err, const char *what)
{
	if (rc != 0)
		tui_message(t, 1, "cannot %s: %s", what, err->msg);
	return TUI_HANDLED | TUI_REDRAW;
}

/*
 * 'c': move a category of the selected bin to another bin.  The category
 * is the bin's only level, or the one typed; the target is a bin number
 * as listed (1-based), or empty for a bin of its own.
 */
static int
move_level(struct tui *t, struct chars_view *v, struct desk_study *st)
{
	const struct characteristic *c = st->chars[v->cur];
	const struct bin *b;
	char level[256], to[32], *end;
	struct rd_err err;
	long k = -1;

	rd_err_clear(&err);
	/* tui_prompt offers the buffer's text for editing. */
	level[0] = to[0] = '\0';
	if (c->numeric) {
		tui_message(t, 1, "%s is numeric: split (s) or merge (m) its "
		    "ranges", c->name);
		return TUI_HANDLED | TUI_REDRAW;
	}
	b = &c->bins[v->bin];
	if (b->kind != BIN_LEVELS || b->nlevels == 0) {
		tui_message(t, 1, "bin %s holds no category to move", b->label);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (b->nlevels == 1)
		snprintf(level, sizeof level, "%s", b->levels[0]);
	else if (tui_prompt(t, "category to move:", level, sizeof level) != 0 ||
	    level[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_prompt(t, "to bin number (empty: a bin of its own):", to,
	    sizeof to) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	if (to[0] != '\0') {
		k = strtol(to, &end, 10);
		if (*end != '\0' || k < 1 || k > (long)c->nbins) {
			tui_message(t, 1, "expected a bin number from 1 to %zu, "
			    "found \"%s\"", c->nbins, to);
			return TUI_HANDLED | TUI_REDRAW;
		}
		k--;
	}
	return edited(t, desk_study_move(st, v->cur, level, (int)k, &err),
	    &err, "move the category");
}

static int
chars_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct chars_view *v = view;
	struct desk_study *st = tui_study_peek(t);
	struct rd_err err;
	int n, *sel, page, rc;

	(void)ch;
	(void)a;
	if (st == NULL || st->nclassed < st->nchars)
		return 0;
	new_study(v, t);
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
		v->detail = 1;
		v->bin = 0;
		v->bfirst = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_BACK:
		if (!v->detail)
			return 0;
		v->detail = 0;
		/* Back on the characteristic's place in the ranking. */
		for (v->sel = 0; v->sel < (int)st->nchars &&
		    st->rank[v->sel] != v->cur; v->sel++)
			;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_LEFT:
	case KA_RIGHT:
		if (!v->detail)
			return 0;
		for (v->sel = 0; v->sel < (int)st->nchars &&
		    st->rank[v->sel] != v->cur; v->sel++)
			;
		v->sel += act == KA_LEFT ? -1 : 1;
		if (v->sel < 0)
			v->sel = 0;
		if (v->sel >= (int)st->nchars)
			v->sel = (int)st->nchars - 1;
		v->cur = st->rank[v->sel];
		v->bin = 0;
		v->bfirst = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_MERGE:
	case KA_SPLIT:
	case KA_REGROUP_RESET:
		if (!v->detail) {
			tui_message(t, 0, "Enter opens the bins first");
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (act == KA_MERGE)
			rc = desk_study_merge(st, v->cur, (size_t)v->bin, &err);
		else if (act == KA_SPLIT)
			rc = desk_study_split(st, v->cur, (size_t)v->bin, &err);
		else
			rc = desk_study_reset(st, v->cur, &err);
		return edited(t, rc, &err, act == KA_MERGE ? "merge" :
		    act == KA_SPLIT ? "split" : "undo");
	case KA_MOVE_LEVEL:
		if (!v->detail) {
			tui_message(t, 0, "Enter opens the bins first");
			return TUI_HANDLED | TUI_REDRAW;
		}
		return move_level(t, v, st);
	case KA_SAVE:
		if (desk_study_save_bins(v->desk, st, v->cur, &err) != 0)
			tui_message(t, 1, "cannot save the binning: %s",
			    err.msg);
		else
			tui_message(t, 0, "saved the binning of %s",
			    st->chars[v->cur]->name);
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

	return v->detail ? "m merge  s split  w save" : "Enter bins  Space use";
}

const struct tui_screen scr_chars = {
	.name = "Characteristics",
	.open = chars_open,
	.close = chars_close,
	.draw = chars_draw,
	.key = chars_key,
	.help = chars_help,
};
