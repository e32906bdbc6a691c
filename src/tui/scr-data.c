/*
 * scr-data.c - the Data screen: the champion policy's population table.
 *
 * Top: the through-the-door counts (rows, bads, goods, indeterminate) and
 * the bad rate of the known outcomes.  Below: one line per column with
 * its type, missing count, number of levels and role (the target, or a
 * characteristic the scorecard uses), scrolled with the arrows.
 *
 * Everything shown is read from the champion slot's dataset and scorecard
 * at each draw; the view keeps only its scroll position.
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
#include "util/fmt.h"
#include "util/xmalloc.h"

struct data_view {
	struct desk *desk;	/* borrowed */
	int first;		/* first column shown */
	int h;			/* list lines at the last draw */
};

/* Lines above the column list: title, four figure lines, a blank line
   and the column headings. */
#define DATA_HEAD 7

static void *
data_open(struct tui *t, struct desk *d)
{
	struct data_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
data_close(void *view)
{
	free(view);
}

static const char *
type_name(enum ds_type type)
{
	switch (type) {
	case DS_INTEGER:
		return "INTEGER";
	case DS_REAL:
		return "REAL";
	case DS_TEXT:
		return "TEXT";
	}
	return "?";
}

/* The column's role: the target, a scorecard characteristic, or none. */
static const char *
role(const struct desk_policy *s, size_t j)
{
	size_t k;

	if (s->ds->target == (int)j)
		return "target";
	for (k = 0; k < s->card->nchars; k++)
		if (strcmp(s->card->chars[k].ch->name,
		    s->ds->cols[j].name) == 0)
			return "scored";
	return "";
}

/* Widths of the list's columns; the name takes what is left. */
#define W_NO 4
#define W_TYPE 8
#define W_MISSING 9
#define W_LEVELS 8
#define W_ROLE 7

static void
data_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct data_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct dataset *ds;
	const struct ds_column *c;
	char b1[FMT_BUF], pos[64], title[256];
	int x = a->left + 1, w = a->cols - 2, y = a->top, nw, cx, i, n;
	int lw = 16, vw = 11, gap = 4;

	(void)t;
	if (s == NULL) {
		tui_draw_no_policy(a);
		return;
	}
	ds = s->ds;
	n = (int)ds->ncols;

	tui_color(TUI_C_TITLE);
	snprintf(title, sizeof title, "Population %s", ds->table);
	tui_put(y, x, w, TUI_LEFT, title);
	tui_color(TUI_C_DIM);
	cx = tui_width(title) + 2;
	tui_putf(y, x + cx, w - cx, TUI_LEFT, "target %s, scorecard %s",
	    ds->target >= 0 ? ds->cols[ds->target].name : "none",
	    s->card->name);

	tui_kv(y + 1, x, lw, vw, "Rows (TTD)", fmt_count(b1,
	    (double)ds->nrows));
	tui_kv(y + 2, x, lw, vw, "Bads", fmt_count(b1, (double)ds->nbad));
	tui_kv(y + 3, x, lw, vw, "Goods", fmt_count(b1, (double)ds->ngood));
	tui_kv(y + 4, x, lw, vw, "Indeterminate", fmt_count(b1,
	    (double)ds->nindet));
	cx = x + lw + vw + gap;
	tui_kv(y + 1, cx, lw, vw, "Bad rate", fmt_pct(b1,
	    ds_bad_rate(ds)));
	tui_kv(y + 2, cx, lw, vw, "Columns", fmt_count(b1, (double)n));
	tui_kv(y + 3, cx, lw, vw, "Scored", fmt_count(b1,
	    (double)s->card->nchars));

	/* The column list. */
	v->h = a->lines - DATA_HEAD;
	v->first = tui_scroll_fit(v->first, -1, n, v->h);
	nw = w - W_NO - W_TYPE - W_MISSING - W_LEVELS - W_ROLE - 5;
	/* On a wide terminal the names need not push the figures away. */
	for (i = 0, cx = 24; i < n; i++)
		if (tui_width(ds->cols[i].name) > cx)
			cx = tui_width(ds->cols[i].name);
	if (nw > cx + 1)
		nw = cx + 1;
	y = a->top + DATA_HEAD - 1;
	tui_color(TUI_C_HEADER);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	cx = x;
	tui_put(y, cx, W_NO, TUI_RIGHT, "#");
	cx += W_NO + 1;
	pos[0] = '\0';
	if (n > v->h)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < n ? v->first + v->h : n, n);
	tui_put_heading(y, cx, nw, "Column", pos);
	cx += nw + 1;
	tui_put(y, cx, W_TYPE, TUI_LEFT, "Type");
	cx += W_TYPE + 1;
	tui_put(y, cx, W_MISSING, TUI_RIGHT, "Missing");
	cx += W_MISSING + 1;
	tui_put(y, cx, W_LEVELS, TUI_RIGHT, "Levels");
	cx += W_LEVELS + 1;
	tui_put(y, cx, W_ROLE, TUI_LEFT, "Role");
	tui_color(TUI_C_NORMAL);

	for (i = 0; i < v->h && v->first + i < n; i++) {
		c = &ds->cols[v->first + i];
		y = a->top + DATA_HEAD + i;
		cx = x;
		tui_color(TUI_C_DIM);
		tui_putf(y, cx, W_NO, TUI_RIGHT, "%d", v->first + i + 1);
		tui_color(TUI_C_NORMAL);
		cx += W_NO + 1;
		tui_put(y, cx, nw, TUI_LEFT, c->name);
		cx += nw + 1;
		tui_put(y, cx, W_TYPE, TUI_LEFT, type_name(c->type));
		cx += W_TYPE + 1;
		tui_put(y, cx, W_MISSING, TUI_RIGHT,
		    fmt_count(b1, (double)c->nmissing));
		cx += W_MISSING + 1;
		tui_put(y, cx, W_LEVELS, TUI_RIGHT, c->type == DS_TEXT ?
		    fmt_count(b1, (double)c->nlevels) : "-");
		cx += W_LEVELS + 1;
		tui_color(TUI_C_LABEL);
		tui_put(y, cx, W_ROLE, TUI_LEFT, role(s, (size_t)(v->first +
		    i)));
		tui_color(TUI_C_NORMAL);
	}
}

static int
data_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct data_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	int n, old = v->first, page = v->h > 1 ? v->h - 1 : 1;

	(void)t;
	(void)ch;
	(void)a;
	if (s == NULL)
		return 0;
	n = (int)s->ds->ncols;
	switch (act) {
	case KA_UP:
		v->first--;
		break;
	case KA_DOWN:
		v->first++;
		break;
	case KA_PAGE_UP:
		v->first -= page;
		break;
	case KA_PAGE_DOWN:
		v->first += page;
		break;
	case KA_HOME:
		v->first = 0;
		break;
	case KA_END:
		v->first = n;
		break;
	default:
		return 0;
	}
	v->first = tui_scroll_fit(v->first, -1, n, v->h);
	return TUI_HANDLED | (v->first != old ? TUI_REDRAW : 0);
}

static const char *
data_help(void *view)
{
	(void)view;
	return "Up/Down scroll";
}

const struct tui_screen scr_data = {
	.name = "Data",
	.open = data_open,
	.close = data_close,
	.draw = data_draw,
	.key = data_key,
	.help = data_help,
};
