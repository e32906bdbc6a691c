/*
 * tui.c - the workbench's terminal: setup and teardown, the main loop, the
 * screen stack, the tab bar and status line, the help box, the colour
 * table and the width-aware text helper every screen prints through.
 *
 * The loop redraws only after an event (a key or a resize) and otherwise
 * sleeps in getch().  Keys go through keys_table (keys.c): the top screen
 * of the stack gets the action first; what it does not handle falls to
 * the global rows (switch screen, help, redraw, quit).  Below
 * TUI_MIN_COLS x TUI_MIN_LINES nothing is laid out: a notice says how big
 * the terminal must be, and 'q' still quits (ncdu's ncresize does the
 * same).
 */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "desk.h"
#include "tui/keys.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------ colours */

/*
 * The colour table: one row per role, with its pair and extra attributes
 * in colour, and the attributes used instead on a monochrome terminal or
 * when NO_COLOR is set (https://no-color.org).  -1 is the terminal's
 * default colour.
 */
static const struct {
	short fg, bg;
	attr_t color;		/* added to the pair */
	attr_t mono;		/* used alone without colour */
} color_table[TUI_C_COUNT] = {
	[TUI_C_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[TUI_C_TAB] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[TUI_C_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD },
	[TUI_C_STATUS] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[TUI_C_TITLE] = { -1, -1, A_BOLD, A_BOLD },
	[TUI_C_LABEL] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[TUI_C_HEADER] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL,
	    A_BOLD | A_UNDERLINE },
	[TUI_C_GROUP] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[TUI_C_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TUI_C_MARK] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[TUI_C_DIM] = { -1, -1, A_DIM, A_DIM },
	[TUI_C_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD,
	    A_REVERSE | A_BOLD },
};

/* The attributes in use, filled by colors_init.  Curses state is global
   anyway; this only caches what the table says for this terminal. */
static attr_t color_attr[TUI_C_COUNT];

static void
colors_init(void)
{
	const char *nc = getenv("NO_COLOR");
	int i, defaults;
	short fg, bg;

	if ((nc != NULL && nc[0] != '\0') || !has_colors() ||
	    start_color() == ERR || COLOR_PAIRS < TUI_C_COUNT + 1) {
		for (i = 0; i < TUI_C_COUNT; i++)
			color_attr[i] = color_table[i].mono;
		return;
	}
	defaults = use_default_colors() == OK;
	for (i = 0; i < TUI_C_COUNT; i++) {
		fg = color_table[i].fg;
		bg = color_table[i].bg;
		if (!defaults && fg < 0)
			fg = COLOR_WHITE;
		if (!defaults && bg < 0)
			bg = COLOR_BLACK;
		init_pair((short)(i + 1), fg, bg);
		color_attr[i] = COLOR_PAIR(i + 1) | color_table[i].color;
	}
}

void
tui_color(enum tui_color c)
{
	attrset(color_attr[c]);
}

/* ------------------------------------------------------------- text */

/* Stack room for the wide form of a string; longer ones use the heap. */
#define WBUF 256

static wchar_t ellipsis = L'~';

/*
 * Decode s into wide characters ws[] (n returned) with their display
 * widths w[]; undecodable bytes and unprintable characters become '?'.
 * The arrays are *wsp and *wp: the caller's buffers of WBUF entries when
 * s fits, else fresh heap blocks the caller frees.
 */
static size_t
widen(const char *s, wchar_t **wsp, int **wp)
{
	size_t len = strlen(s), n = 0, r;
	const char *p = s, *end = s + len;
	mbstate_t st;
	wchar_t wc;
	int cw;

	if (len + 1 > WBUF) {
		*wsp = xcalloc(len + 1, sizeof **wsp);
		*wp = xcalloc(len + 1, sizeof **wp);
	}
	memset(&st, 0, sizeof st);
	while (p < end) {
		r = mbrtowc(&wc, p, (size_t)(end - p), &st);
		if (r == (size_t)-1 || r == (size_t)-2) {
			wc = L'?';
			r = 1;
			memset(&st, 0, sizeof st);
		} else if (r == 0) {
			break;
		}
		cw = wcwidth(wc);
		if (cw < 0 || (cw == 0 && n == 0)) {
			wc = L'?';
			cw = 1;
		}
		(*wsp)[n] = wc;
		(*wp)[n] = cw;
		n++;
		p += r;
	}
	(*wsp)[n] = L'\0';
	return n;
}

int
tui_width(const char *s)
{
	wchar_t wbuf[WBUF], *ws = wbuf;
	int ibuf[WBUF], *w = ibuf, total = 0;
	size_t i, n = widen(s, &ws, &w);

	for (i = 0; i < n; i++)
		total += w[i];
	if (ws != wbuf) {
		free(ws);
		free(w);
	}
	return total;
}

static void
spaces(int n)
{
	while (n-- > 0)
		addch(' ');
}

void
tui_put(int y, int x, int width, enum tui_align align, const char *s)
{
	wchar_t wbuf[WBUF], *ws = wbuf;
	int ibuf[WBUF], *w = ibuf, total = 0, room, acc;
	size_t i, k, n;

	if (width <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	n = widen(s, &ws, &w);
	for (i = 0; i < n; i++)
		total += w[i];
	move(y, x);
	if (total <= width) {
		if (align == TUI_RIGHT)
			spaces(width - total);
		addnwstr(ws, (int)n);
		if (align != TUI_RIGHT)
			spaces(width - total);
	} else if (align == TUI_LEFT_TAIL) {
		/* Keep the end: "...dir/file.db". */
		room = width > 1 ? width - 1 : width;
		acc = 0;
		for (k = n; k > 0 && acc + w[k - 1] <= room; k--)
			acc += w[k - 1];
		if (width > 1)
			addnwstr(&ellipsis, 1);
		addnwstr(ws + k, (int)(n - k));
		spaces(room - acc);
	} else {
		room = width > 1 ? width - 1 : width;
		acc = 0;
		for (k = 0; k < n && acc + w[k] <= room; k++)
			acc += w[k];
		/* Keep combining marks with their base character. */
		while (k < n && w[k] == 0)
			k++;
		addnwstr(ws, (int)k);
		spaces(room - acc);
		if (width > 1)
			addnwstr(&ellipsis, 1);
	}
	if (ws != wbuf) {
		free(ws);
		free(w);
	}
}

void
tui_putf(int y, int x, int width, enum tui_align align, const char *fmt,
	...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tui_put(y, x, width, align, buf);
}

void
tui_kv(int y, int x, int lw, int vw, const char *label, const char *value)
{
	tui_color(TUI_C_LABEL);
	tui_put(y, x, lw, TUI_LEFT, label);
	tui_color(TUI_C_NORMAL);
	tui_put(y, x + lw, vw, TUI_RIGHT, value);
}

void
tui_put_heading(int y, int x, int width, const char *label, const char *pos)
{
	int pw = pos != NULL ? tui_width(pos) : 0;

	tui_put(y, x, width, TUI_LEFT, label);
	if (pw > 0 && tui_width(label) + 2 + pw <= width)
		tui_put(y, x + width - pw, pw, TUI_LEFT, pos);
}

int
tui_scroll_fit(int first, int cur, int n, int h)
{
	if (h <= 0)
		return 0;
	if (cur >= 0) {
		if (cur < first)
			first = cur;
		if (cur >= first + h)
			first = cur - h + 1;
	}
	if (first > n - h)
		first = n - h;
	if (first < 0)
		first = 0;
	return first;
}

void
tui_draw_no_policy(const struct tui_area *a)
{
	static const char *const lines[] = {
		"no policy loaded: riskdesk --db FILE --policy FILE",
		"",
		"Import a table and fit a scorecard on it, then name both",
		"in a policy file (see riskdesk-policy(5)) to work on it here.",
	};
	int i, n = (int)(sizeof lines / sizeof lines[0]), w, y;

	y = a->top + (a->lines - n) / 2;
	for (i = 0; i < n; i++) {
		w = tui_width(lines[i]);
		tui_color(i == 0 ? TUI_C_TITLE : TUI_C_DIM);
		tui_put(y + i, a->left + (a->cols > w ? (a->cols - w) / 2 : 0),
		    a->cols, TUI_LEFT, lines[i]);
	}
	tui_color(TUI_C_NORMAL);
}

/* ---------------------------------------------------------- the stack */

#define TUI_STACK 4

struct tui_frame {
	const struct tui_screen *scr;
	void *view;
};

struct tui {
	struct desk *desk;
	void *views[3];			/* of tabs[], open for the session */
	int tab;			/* the tab at the bottom of the stack */
	struct tui_frame stack[TUI_STACK];
	int depth;
	struct tui_area area;		/* of the last draw */
	char msg[256];			/* until the next key */
	int msg_error;
};

static const struct tui_screen *const tabs[] = {
	&scr_data, &scr_card, &scr_policy
};
#define NTABS ((int)(sizeof tabs / sizeof tabs[0]))

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
}

static void
push(struct tui *t, const struct tui_screen *scr, void *view)
{
	if (t->depth == TUI_STACK)
		return;
	t->stack[t->depth].scr = scr;
	t->stack[t->depth].view = view;
	t->depth++;
}

static void
pop(struct tui *t)
{
	struct tui_frame *f;

	if (t->depth <= 1)
		return;
	f = &t->stack[--t->depth];
	if (f->scr->close != NULL)
		f->scr->close(f->view);
}

static void
show_tab(struct tui *t, int tab)
{
	while (t->depth > 1)
		pop(t);
	t->tab = (tab + NTABS) % NTABS;
	t->stack[0].scr = tabs[t->tab];
	t->stack[0].view = t->views[t->tab];
	t->depth = 1;
}

/* ------------------------------------------------------- the help box */

/* Lists the keys_table rows of the screen beneath and the global ones. */
struct help_view {
	const char *screen;
	int first;			/* first line shown */
	int n, h;			/* lines in all, lines shown */
};

/*
 * Walk the help text: the rows of the screen beneath, then the global
 * ones, each group under a heading and the groups a blank line apart.
 * fn (may be NULL) gets each line's index and either a heading or a row.
 * Returns the number of lines.
 */
static int
help_lines(const char *screen, void (*fn)(void *, int, const char *,
	const struct key_binding *), void *arg)
{
	const char *groups[2] = { screen, KEYS_GLOBAL };
	const struct key_binding *kb;
	char title[64];
	int g, i = 0;

	for (g = 0; g < 2; g++) {
		if (g > 0)
			i++;
		if (g == 0)
			snprintf(title, sizeof title, "%s screen", groups[g]);
		else
			snprintf(title, sizeof title, "Everywhere");
		if (fn != NULL)
			fn(arg, i, title, NULL);
		i++;
		for (kb = keys_table; kb->screen != NULL; kb++) {
			if (strcmp(kb->screen, groups[g]) != 0)
				continue;
			if (fn != NULL)
				fn(arg, i, NULL, kb);
			i++;
		}
	}
	return i;
}

struct help_draw {
	int y, x, w, first, h;
	int kw;				/* width of the keys column */
};

static void
help_line(void *arg, int i, const char *heading, const struct key_binding *kb)
{
	const struct help_draw *hd = arg;
	int y = hd->y + i - hd->first, kw = hd->kw;

	if (i < hd->first || i >= hd->first + hd->h)
		return;
	if (kb == NULL) {
		tui_color(TUI_C_GROUP);
		tui_put(y, hd->x, hd->w, TUI_LEFT, heading);
		return;
	}
	if (kw > hd->w / 2)
		kw = hd->w / 2;
	tui_color(TUI_C_LABEL);
	tui_put(y, hd->x, kw, TUI_LEFT, kb->keys);
	tui_color(TUI_C_NORMAL);
	tui_put(y, hd->x + kw, hd->w - kw, TUI_LEFT, kb->action);
}

static void
help_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct help_view *hv = view;
	struct help_draw hd;
	const struct key_binding *kb;
	int bw, bh, by, bx, i, kw = 0;

	(void)t;
	hv->n = help_lines(hv->screen, NULL, NULL);
	for (kb = keys_table; kb->screen != NULL; kb++)
		if (tui_width(kb->keys) > kw)
			kw = tui_width(kb->keys);
	kw += 2;
	bw = a->cols - 4 < 76 ? a->cols - 4 : 76;
	bh = hv->n + 4 < a->lines ? hv->n + 4 : a->lines;
	by = a->top + (a->lines - bh) / 2;
	bx = a->left + (a->cols - bw) / 2;
	hv->h = bh - 4;
	hv->first = tui_scroll_fit(hv->first, -1, hv->n, hv->h);

	tui_color(TUI_C_NORMAL);
	for (i = 0; i < bh; i++)
		tui_put(by + i, bx, bw, TUI_LEFT, "");
	mvaddch(by, bx, ACS_ULCORNER);
	mvhline(by, bx + 1, ACS_HLINE, bw - 2);
	mvaddch(by, bx + bw - 1, ACS_URCORNER);
	mvvline(by + 1, bx, ACS_VLINE, bh - 2);
	mvvline(by + 1, bx + bw - 1, ACS_VLINE, bh - 2);
	mvaddch(by + bh - 1, bx, ACS_LLCORNER);
	mvhline(by + bh - 1, bx + 1, ACS_HLINE, bw - 2);
	mvaddch(by + bh - 1, bx + bw - 1, ACS_LRCORNER);
	tui_color(TUI_C_TITLE);
	tui_put(by, bx + 2, 6, TUI_LEFT, " Keys ");

	hd.y = by + 1;
	hd.x = bx + 2;
	hd.w = bw - 4;
	hd.first = hv->first;
	hd.h = hv->h;
	hd.kw = kw;
	help_lines(hv->screen, help_line, &hd);

	tui_color(TUI_C_DIM);
	tui_putf(by + bh - 2, bx + 2, bw - 4, TUI_LEFT, "%s",
	    hv->n > hv->h ? "Up/Down scroll, any other key closes" :
	    "any key closes");
	tui_color(TUI_C_NORMAL);
}

static int
help_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct help_view *hv = view;

	(void)t;
	(void)ch;
	(void)a;
	if (act == KA_UP && hv->first > 0) {
		hv->first--;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == KA_DOWN && hv->first + hv->h < hv->n) {
		hv->first++;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == KA_UP || act == KA_DOWN)
		return TUI_HANDLED;
	return TUI_HANDLED | TUI_REDRAW | TUI_CLOSE;
}

static void
help_close(void *view)
{
	free(view);
}

static const struct tui_screen help_screen = {
	.name = "Help",
	.close = help_close,
	.draw = help_draw,
	.key = help_key,
};

/* ------------------------------------------------------ bars, drawing */

static void
draw_tabs(struct tui *t)
{
	int i, x = 0, w;
	char label[64];

	tui_color(TUI_C_TAB);
	tui_put(0, 0, COLS, TUI_LEFT, "");
	for (i = 0; i < NTABS && x < COLS; i++) {
		snprintf(label, sizeof label, " %d %s ", i + 1, tabs[i]->name);
		w = tui_width(label);
		tui_color(i == t->tab ? TUI_C_TAB_ACTIVE : TUI_C_TAB);
		tui_put(0, x, w, TUI_LEFT, label);
		x += w;
	}
	tui_color(TUI_C_TAB);
	w = tui_width(PACKAGE_STRING) + 1;
	if (x + w + 2 <= COLS)
		tui_put(0, COLS - w, w, TUI_LEFT, PACKAGE_STRING);
}

/*
 * The status line: database, table, scorecard and policy on the left, the
 * screen's key hint on the right; a message, when there is one, instead.
 */
static void
draw_status(struct tui *t)
{
	const struct desk_policy *s = desk_policy_slot(t->desk, 0);
	const struct tui_frame *top = &t->stack[t->depth - 1];
	const char *hint = NULL, *path = db_path(t->desk->db);
	char rest[512], right[160];
	int y = LINES - 1, rw, pw, restw, avail;

	if (t->msg[0] != '\0') {
		tui_color(t->msg_error ? TUI_C_ERROR : TUI_C_STATUS);
		tui_putf(y, 0, COLS, TUI_LEFT, " %s", t->msg);
		tui_color(TUI_C_NORMAL);
		return;
	}
	if (top->scr->help != NULL)
		hint = top->scr->help(top->view);
	snprintf(right, sizeof right, "%s%s? keys  q quit ",
	    hint != NULL ? hint : "", hint != NULL ? "  " : "");
	if (s != NULL)
		snprintf(rest, sizeof rest, "  table %s  card %s  policy %s",
		    s->policy->population, s->policy->scorecard,
		    s->policy->name);
	else
		snprintf(rest, sizeof rest, "  no policy loaded");
	/* The names come first: the screen's hint goes when they would not
	   fit beside it (it is in the '?' list too), then the reminder of
	   '?' and 'q', then the path gives way (cut at its start, keeping
	   the file name), then the names. */
	pw = tui_width(path);
	restw = tui_width(rest);
	if (4 + pw + restw + tui_width(right) + 1 > COLS)
		snprintf(right, sizeof right, "? keys  q quit ");
	if (4 + pw + restw + tui_width(right) + 1 > COLS)
		right[0] = '\0';
	rw = tui_width(right);
	tui_color(TUI_C_STATUS);
	tui_put(y, 0, COLS, TUI_LEFT, "");
	tui_put(y, COLS - rw, rw, TUI_RIGHT, right);
	avail = COLS - rw - 1 - 4;
	if (pw + restw > avail) {
		pw = avail - restw;
		if (pw < 12)
			pw = 12;
		if (pw > tui_width(path))
			pw = tui_width(path);
	}
	tui_put(y, 1, 3, TUI_LEFT, "db ");
	tui_put(y, 4, pw, TUI_LEFT_TAIL, path);
	tui_put(y, 4 + pw, avail - pw, TUI_LEFT, rest);
	tui_color(TUI_C_NORMAL);
}

static void
draw_too_small(void)
{
	char need[64], have[64];
	int y = LINES / 2 - 1;

	snprintf(need, sizeof need, "terminal too small (need %dx%d)",
	    TUI_MIN_COLS, TUI_MIN_LINES);
	snprintf(have, sizeof have, "now %dx%d - q quits", COLS, LINES);
	if (y < 0)
		y = 0;
	tui_color(TUI_C_NORMAL);
	tui_put(y, 0, COLS, TUI_LEFT, "");
	tui_putf(y, (COLS - tui_width(need)) / 2 > 0 ?
	    (COLS - tui_width(need)) / 2 : 0, COLS, TUI_LEFT, "%s", need);
	if (y + 1 < LINES)
		tui_putf(y + 1, (COLS - tui_width(have)) / 2 > 0 ?
		    (COLS - tui_width(have)) / 2 : 0, COLS, TUI_LEFT, "%s",
		    have);
}

static int
too_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

static void
draw(struct tui *t)
{
	int i;

	tui_color(TUI_C_NORMAL);
	erase();
	if (too_small()) {
		draw_too_small();
		refresh();
		return;
	}
	t->area.top = 1;
	t->area.left = 0;
	t->area.lines = LINES - 2;
	t->area.cols = COLS;
	draw_tabs(t);
	for (i = 0; i < t->depth; i++) {
		tui_color(TUI_C_NORMAL);
		t->stack[i].scr->draw(t->stack[i].view, t, &t->area);
	}
	draw_status(t);
	tui_color(TUI_C_NORMAL);
	refresh();
}

/* ---------------------------------------------------------- the loop */

/* What the global rows of keys_table do.  Returns TUI_* flags. */
static int
global_key(struct tui *t, enum key_action act)
{
	struct help_view *hv;

	switch (act) {
	case KA_SCREEN_DATA:
	case KA_SCREEN_CARD:
	case KA_SCREEN_POLICY:
		show_tab(t, (int)(act - KA_SCREEN_DATA));
		return TUI_HANDLED | TUI_REDRAW;
	case KA_NEXT_SCREEN:
		show_tab(t, t->tab + 1);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_PREV_SCREEN:
		show_tab(t, t->tab - 1);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_HELP:
		if (t->depth == TUI_STACK)
			return TUI_HANDLED;
		hv = xcalloc(1, sizeof *hv);
		hv->screen = t->stack[0].scr->name;
		push(t, &help_screen, hv);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_REDRAW:
		clearok(curscr, TRUE);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_QUIT:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static void
loop(struct tui *t)
{
	const struct tui_frame *top;
	enum key_action act;
	int ch, flags, dirty = 1, errs = 0;

	for (;;) {
		if (dirty)
			draw(t);
		dirty = 0;
		ch = getch();
		/* getch() blocks, so ERR means a signal or a terminal that is
		   gone; do not spin on the latter. */
		if (ch == ERR) {
			if (++errs == 1000)
				return;
			continue;
		}
		errs = 0;
		if (ch == KEY_RESIZE) {
			dirty = 1;
			continue;
		}
		if (t->msg[0] != '\0') {
			t->msg[0] = '\0';
			dirty = 1;
		}
		if (too_small()) {
			if (keys_lookup(NULL, ch) == KA_QUIT)
				return;
			continue;
		}
		top = &t->stack[t->depth - 1];
		act = keys_lookup(top->scr->name, ch);
		flags = top->scr->key(top->view, t, act, ch, &t->area);
		if (!(flags & TUI_HANDLED))
			flags = global_key(t, act);
		if (flags & TUI_CLOSE)
			pop(t);
		if (flags & TUI_QUIT)
			return;
		if (flags & TUI_REDRAW)
			dirty = 1;
	}
}

/* Restore the terminal before xmalloc's out-of-memory exit. */
static void
fatal_hook(void)
{
	endwin();
}

int
tui_run(struct desk *d, struct rd_err *err)
{
	struct tui t;
	SCREEN *sc;
	const char *term = getenv("TERM");
	int i;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return rd_err_set(err, RD_EUSAGE, "the TUI needs a terminal; "
		    "use --report for headless output");
	if (term == NULL || term[0] == '\0')
		return rd_err_set(err, RD_EUSAGE, "TERM is not set; the TUI "
		    "needs a terminal type (or use --report)");
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	if (MB_CUR_MAX > 1 && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		ellipsis = L'\u2026';
	fflush(stdout);
	if ((sc = newterm(NULL, stdout, stdin)) == NULL)
		return rd_err_set(err, RD_EUSAGE, "cannot use terminal type "
		    "\"%s\"; use --report for headless output", term);
	set_term(sc);
	rd_fatal_hook = fatal_hook;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	colors_init();

	memset(&t, 0, sizeof t);
	t.desk = d;
	for (i = 0; i < NTABS; i++)
		t.views[i] = tabs[i]->open != NULL ? tabs[i]->open(&t, d) :
		    NULL;
	show_tab(&t, 0);

	loop(&t);

	while (t.depth > 1)
		pop(&t);
	for (i = 0; i < NTABS; i++)
		if (tabs[i]->close != NULL)
			tabs[i]->close(t.views[i]);
	endwin();
	delscreen(sc);
	rd_fatal_hook = NULL;
	return 0;
}
