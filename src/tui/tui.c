/*
 * tui.c - the workbench's terminal: setup and teardown, the main loop, the
 * screen stack, the tab bar and status line, the help box and the message
 * log, prompts (with a file's path completed by Tab), the colour table
 * and the width-aware text helpers every screen prints through (cut with
 * an ellipsis, wrapped, a path shortened from the left).
 *
 * The loop redraws only after an event (a key or a resize) and otherwise
 * sleeps in getch(); before it draws, the loaded policies are scored
 * again when their scorecard or population moved (up_to_date).  Keys go through keys_table (keys.c): the top screen
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
#include <dirent.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "desk/desk.h"
#include "desk/desk-doc.h"
#include "desk/desk-study.h"
#include "report/report.h"
#include "tui/keys.h"
#include "tui/term-probe.h"
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

/* tui_wrap; words 0 breaks between any two characters (tui_wrap_chars). */
static int
wrap(const char *s, int width, int words, size_t *len, size_t *next)
{
	wchar_t wbuf[WBUF], *ws = wbuf;
	int ibuf[WBUF], *w = ibuf, acc = 0;
	size_t i, n, brk = 0, cut, bytes, nl;
	mbstate_t st;

	*len = *next = 0;
	if (s[0] == '\0')
		return 0;
	if (width < 1)
		width = 1;
	/* A line break in the text ends the line there. */
	nl = strcspn(s, "\n");
	{
		char *line = xstrndup(s, nl);

		n = widen(line, &ws, &w);
		free(line);
	}
	/* How many characters fit; the last blank among them is the
	   break when the rest does not fit. */
	for (i = 0; i < n && acc + w[i] <= width; i++) {
		acc += w[i];
		if (ws[i] == L' ' && i > 0)
			brk = i;
	}
	while (i < n && w[i] == 0)
		i++;
	cut = i;
	if (cut < n && brk > 0 && words)
		cut = brk;
	if (cut == 0)
		cut = 1;
	/* Back to bytes: the source's bytes of the first cut characters,
	   decoded again as widen decoded them. */
	memset(&st, 0, sizeof st);
	for (i = 0, bytes = 0; i < cut && bytes < nl; i++) {
		size_t r = mbrtowc(NULL, s + bytes, nl - bytes, &st);

		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			r = 1;
			memset(&st, 0, sizeof st);
		}
		bytes += r;
	}
	*len = bytes;
	while (words && bytes < nl && s[bytes] == ' ')
		bytes++;
	if (bytes == nl && s[nl] == '\n')
		bytes++;
	*next = bytes;
	if (ws != wbuf) {
		free(ws);
		free(w);
	}
	return 1;
}

int
tui_wrap(const char *s, int width, size_t *len, size_t *next)
{
	return wrap(s, width, 1, len, next);
}

int
tui_wrap_chars(const char *s, int width, size_t *len, size_t *next)
{
	return wrap(s, width, 0, len, next);
}

int
tui_wrap_lines(const char *s, int width)
{
	size_t len, next;
	int n = 0;

	while (tui_wrap(s, width, &len, &next)) {
		n++;
		s += next;
	}
	return n > 0 ? n : 1;
}

int
tui_put_wrapped(int y, int x, int width, int skip, int maxl, const char *s)
{
	size_t len, next;
	int n = 0;
	char *line;

	while (tui_wrap(s, width, &len, &next)) {
		if (n >= skip && n - skip < maxl) {
			line = xstrndup(s, len);
			tui_put(y + n - skip, x, width, TUI_LEFT, line);
			free(line);
		}
		n++;
		s += next;
	}
	if (n == 0 && skip == 0 && maxl > 0)
		tui_put(y, x, width, TUI_LEFT, "");
	return n > 0 ? n : 1;
}

/* The last characters of s that fit in width columns: a pointer into s
   at a character boundary. */
static const char *
tail_fit(const char *s, int width)
{
	const char *p = s;
	size_t len = strlen(s), r;
	mbstate_t st;

	while (*p != '\0' && tui_width(p) > width) {
		memset(&st, 0, sizeof st);
		r = mbrtowc(NULL, p, len - (size_t)(p - s), &st);
		p += r == (size_t)-1 || r == (size_t)-2 || r == 0 ? 1 : r;
	}
	return p;
}

char *
tui_path_fit(const char *path, int width, char *buf, size_t len)
{
	const char *base = strrchr(path, '/'), *tail;

	base = base != NULL ? base + 1 : path;
	if (tui_width(path) <= width) {
		snprintf(buf, len, "%s", path);
		return buf;
	}
	tail = tail_fit(path, width - 1);
	/* At least "…/file.yaml": the slash says a directory was cut. */
	if (tail > base)
		tail = base > path ? base - 1 : base;
	snprintf(buf, len, "%s%s", ellipsis == L'\u2026' ? "\xe2\x80\xa6" :
	    "~", tail);
	return buf;
}

char *
tui_err_fit(const struct rd_err *err, int width, char *buf, size_t len)
{
	char loc[64], *rest, *path;
	const char *base;
	int room, bw;

	rd_err_format(err, buf, len);
	if (err->file[0] == '\0' || tui_width(buf) <= width)
		return buf;
	if (err->line > 0 && err->col > 0)
		snprintf(loc, sizeof loc, ":%ld:%ld: ", err->line, err->col);
	else if (err->line > 0)
		snprintf(loc, sizeof loc, ":%ld: ", err->line);
	else
		snprintf(loc, sizeof loc, ": ");
	rest = xmalloc(strlen(loc) + strlen(err->msg) + 1);
	strcpy(rest, loc);
	strcat(rest, err->msg);
	/* The path gives way from the left, down to its file name: the
	   line, the column and the message are what matter. */
	base = strrchr(err->file, '/');
	base = base != NULL ? base + 1 : err->file;
	bw = tui_width(base);
	room = width - tui_width(rest);
	if (room < bw + 2)
		room = bw + 2;
	path = xmalloc(strlen(err->file) + 8);
	tui_path_fit(err->file, room, path, strlen(err->file) + 8);
	snprintf(buf, len, "%s%s", path, rest);
	free(path);
	free(rest);
	return buf;
}

int
tui_split_words(char *line, char **words, int max)
{
	char *r = line, *w = line;
	int n = 0;
	char q;

	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '\0')
			return n;
		if (n == max)
			return -1;
		words[n++] = w;
		while (*r != '\0' && *r != ' ' && *r != '\t') {
			if (*r == '\'' || *r == '"') {
				q = *r++;
				while (*r != '\0' && *r != q)
					*w++ = *r++;
				if (*r != q)
					return -1;
				r++;
			} else {
				*w++ = *r++;
			}
		}
		if (*r != '\0')
			r++;
		*w++ = '\0';
	}
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

/*
 * Where a moving key (Up, Down, PgUp, PgDn, Home, End) takes position v
 * of a list of n lines paged by page: *to, unclamped.  Returns 0 when act
 * is not one.
 */
static int
key_move(enum key_action act, int v, int n, int page, int *to)
{
	switch (act) {
	case KA_UP:
		*to = v - 1;
		return 1;
	case KA_DOWN:
		*to = v + 1;
		return 1;
	case KA_PAGE_UP:
		*to = v - page;
		return 1;
	case KA_PAGE_DOWN:
		*to = v + page;
		return 1;
	case KA_HOME:
		*to = 0;
		return 1;
	case KA_END:
		*to = n;
		return 1;
	default:
		return 0;
	}
}

int
tui_scroll_key(enum key_action act, int *first, int n, int h)
{
	int old = *first, to;

	if (!key_move(act, *first, n, h > 1 ? h - 1 : 1, &to))
		return 0;
	*first = tui_scroll_fit(to, -1, n, h);
	return TUI_HANDLED | (*first != old ? TUI_REDRAW : 0);
}

int
tui_select_key(enum key_action act, int *sel, int n, int h)
{
	int old = *sel, to;

	if (!key_move(act, *sel, n, h > 1 ? h - 1 : 1, &to))
		return 0;
	*sel = to >= n ? n - 1 : to;
	if (*sel < 0)
		*sel = 0;
	return TUI_HANDLED | (*sel != old ? TUI_REDRAW : 0);
}

void
tui_draw_no_policy(struct tui *t, const struct tui_area *a)
{
	static const char *const none[] = {
		"no policy loaded: riskdesk --db FILE --policy FILE",
		"",
		"Import a table and fit a scorecard on it, then name both",
		"in a policy file (see riskdesk-policy(5)) to work on it here.",
	};
	const struct policy *fo = desk_unscored(tui_desk(t));
	char first[300];
	const char *only[4], *const *lines = none;
	int i, n = (int)(sizeof none / sizeof none[0]), w, y;

	if (fo != NULL) {
		/* This screen needs a scorecard: say so, and where the
		   policy's own sections are shown. */
		snprintf(first, sizeof first, "policy %s holds %s only: no "
		    "scorecard, no segments", fo->name,
		    policy_unscored_holds(fo));
		only[0] = first;
		only[1] = "";
		only[2] = fo->collect == NULL ? "The Fraud screen (0) shows "
		    "its rules. This screen needs a scorecard: name one" :
		    fo->fraud == NULL ? "The Collections screen (C) shows its "
		    "strategy. This screen needs a scorecard: name one" :
		    "The Fraud (0) and Collections (C) screens show them. "
		    "This screen needs a scorecard: name one";
		only[3] = "and segments in the policy (see riskdesk-policy(5)) "
		    "to work on credit decisions here.";
		lines = only;
	}

	y = a->top + (a->lines - n) / 2;
	for (i = 0; i < n; i++) {
		w = tui_width(lines[i]);
		tui_color(i == 0 ? TUI_C_TITLE : TUI_C_DIM);
		tui_put(y + i, a->left + (a->cols > w ? (a->cols - w) / 2 : 0),
		    a->cols, TUI_LEFT, lines[i]);
	}
	tui_color(TUI_C_NORMAL);
}

#define CTRL_KEY(c) ((c) & 0x1f)

struct job_run;

/* ---------------------------------------------------------- the stack */

#define TUI_STACK 4

struct tui_frame {
	const struct tui_screen *scr;
	void *view;
};

/* Messages kept for the message log ('~'). */
#define TUI_LOG 50

struct tui_logged {
	char *text;			/* owned, in full */
	int error;
};

/* The most screens the tab bar holds (tabs[] below). */
#define TUI_MAX_TABS 16

struct tui {
	struct desk *desk;
	void *views[TUI_MAX_TABS];	/* of tabs[], open for the session */
	int tab;			/* the tab at the bottom of the stack */
	struct tui_frame stack[TUI_STACK];
	int depth;
	struct tui_area area;		/* of the last draw */
	int msg_on;			/* a message shows until the next key */
	char msg[RD_ERR_MSG + 256];	/* the message, or the words before
					   msg_err when msg_located */
	int msg_error;
	int msg_located;		/* msg_err follows msg, fitted to the
					   line at each draw */
	struct rd_err msg_err;
	/* The last TUI_LOG messages in full, a ring: log[(log_next - 1) %
	   TUI_LOG] the newest, log_n in use. */
	struct tui_logged log[TUI_LOG];
	size_t log_n, log_next;
	struct desk_study *study;	/* owned, or NULL */
	/* The fit options studies open and fit with (sample, selection,
	   scaling); the sample's strings are fit_date and fit_after. */
	struct card_fit_spec fit;
	char fit_date[256], fit_after[64];
	int study_tried;		/* the default study was tried */
	unsigned study_gen;		/* counts the studies opened */
	struct rd_err policy_err;	/* of the last failed policy load */
	long progress_at;		/* tui_progress: last drawn, ms */
	struct job_run *job;		/* the job running, or NULL */
	int progress_cancel;		/* tui_progress: Esc was pressed */
	int refreshing;			/* scoring again: the screens, whose
					   figures are out of date, are not
					   drawn */
	unsigned data_gen;		/* counts the writes of other
					   processes seen (others_wrote) */
};

static const struct tui_screen *const tabs[] = {
	&scr_data, &scr_chars, &scr_model, &scr_card, &scr_valid,
	&scr_policy, &scr_trade, &scr_infer, &scr_monitor, &scr_fraud,
	&scr_collect
};

/* Short tab titles for a narrow terminal, in the order of tabs[]. */
static const char *const tab_short[] = {
	"Data", "Chars", "Model", "Card", "Valid", "Policy", "Trade",
	"Infer", "Mon", "Fraud", "Coll"
};
/* The key that shows each of tabs[], as keys.c binds it: the Monitor
   screen is 9, the Fraud screen 0, the Collections screen C. */
static const char tab_key[] = "1234567890C";
#define NTABS ((int)(sizeof tabs / sizeof tabs[0]))
_Static_assert(sizeof tab_key - 1 == sizeof tabs / sizeof tabs[0],
    "a key for each of tabs[]");
_Static_assert(sizeof tabs / sizeof tabs[0] <= TUI_MAX_TABS,
    "struct tui holds a view for each of tabs[]");
_Static_assert(sizeof tab_short / sizeof tab_short[0] ==
    sizeof tabs / sizeof tabs[0], "a short title for each of tabs[]");

/* The place of screen scr in tabs[] (0 when it is not there). */
static int
tab_of(const struct tui_screen *scr)
{
	int i;

	for (i = 0; i < (int)(sizeof tabs / sizeof tabs[0]); i++)
		if (tabs[i] == scr)
			return i;
	return 0;
}

/* The screen of a policy with nothing to score: Fraud when it has fraud
   rules, else Collections. */
static int
unscored_tab(const struct desk *d)
{
	return desk_fraud_only(d) != NULL ? tab_of(&scr_fraud) :
	    tab_of(&scr_collect);
}

/* Keep text in the message log, the oldest going when it is full. */
static void
log_add(struct tui *t, const char *text, int error)
{
	struct tui_logged *l = &t->log[t->log_next % TUI_LOG];

	free(l->text);
	l->text = xstrdup(text);
	l->error = error;
	t->log_next++;
	if (t->log_n < TUI_LOG)
		t->log_n++;
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	t->msg_located = 0;
	t->msg_on = 1;
	log_add(t, t->msg, error);
}

void
tui_log(struct tui *t, int error, const char *fmt, ...)
{
	char text[RD_ERR_MSG + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	log_add(t, text, error);
}

/* Show what, then err fitted to the line at each draw (tui_err_fit). */
static void
message_located(struct tui *t, int error, const char *what,
	const struct rd_err *err)
{
	char full[RD_ERR_FILE + RD_ERR_MSG + 320];

	snprintf(t->msg, sizeof t->msg, "%s", what);
	t->msg_err = *err;
	t->msg_error = error;
	t->msg_located = 1;
	t->msg_on = 1;
	snprintf(full, sizeof full, "%s", what);
	rd_err_format(err, full + strlen(full), sizeof full - strlen(full));
	log_add(t, full, error);
}

void
tui_message_err(struct tui *t, const char *what, const struct rd_err *err)
{
	message_located(t, 1, what, err);
}

void
tui_message_path(struct tui *t, int error, const char *what,
	const char *path, const char *fmt, ...)
{
	struct rd_err e;
	va_list ap;

	rd_err_clear(&e);
	snprintf(e.file, sizeof e.file, "%s", path);
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	message_located(t, error, what, &e);
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

/* ------------------------------------------- the help and log boxes */

/*
 * Two boxes over the screen, each a list of wrapped lines that scrolls:
 * the keys of the screen beneath ('?') and the last messages in full
 * ('~').  A box keeps its place in the list; its size follows the
 * terminal at every draw.
 */
struct box_view {
	const char *screen;		/* help: the screen beneath */
	int first;			/* first line shown */
	int n, h;			/* lines in all, lines shown */
};

/* The frame of a box at (by, bx), bh x bw, blank inside, its title on
   the top edge. */
static void
draw_frame(int by, int bx, int bh, int bw, const char *title)
{
	int i;

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
	tui_putf(by, bx + 2, tui_width(title) + 2, TUI_LEFT, " %s ", title);
	tui_color(TUI_C_NORMAL);
}

/* Where the lines of a box go: y, x, width, and the window of lines
   [first, first + h) that shows; draw 0 only counts. */
struct box_walk {
	int y, x, w, first, h;
	int kw;				/* help: width of the keys column */
	int draw;
	int i;				/* lines so far */
};

/* Whether line i of the box shows, and where: its row into *y. */
static int
box_shows(const struct box_walk *bw, int i, int *y)
{
	*y = bw->y + i - bw->first;
	return bw->draw && i >= bw->first && i < bw->first + bw->h;
}

/* text wrapped at width from column x, indented by nothing: each line
   of it a line of the box. */
static void
box_text(struct box_walk *bw, int x, int width, const char *text)
{
	size_t len, next;
	char *line;
	int y;

	if (!tui_wrap(text, width, &len, &next)) {
		bw->i++;
		return;
	}
	do {
		if (box_shows(bw, bw->i, &y)) {
			line = xstrndup(text, len);
			tui_put(y, x, width, TUI_LEFT, line);
			free(line);
		}
		bw->i++;
		text += next;
	} while (tui_wrap(text, width, &len, &next));
}

/*
 * The help text: the rows of the screen beneath, then the global ones,
 * each group under a heading and the groups a blank line apart; an
 * action wider than its column wraps under itself.
 */
static void
help_walk(const char *screen, struct box_walk *bw)
{
	const char *groups[2] = { screen, KEYS_GLOBAL };
	const struct key_binding *kb;
	char title[64];
	int g, y, kw = bw->kw > bw->w / 2 ? bw->w / 2 : bw->kw;

	bw->i = 0;
	for (g = 0; g < 2; g++) {
		if (g > 0)
			bw->i++;
		if (g == 0)
			snprintf(title, sizeof title, "%s screen", groups[g]);
		else
			snprintf(title, sizeof title, "Everywhere");
		if (box_shows(bw, bw->i, &y)) {
			tui_color(TUI_C_GROUP);
			tui_put(y, bw->x, bw->w, TUI_LEFT, title);
		}
		bw->i++;
		for (kb = keys_table; kb->screen != NULL; kb++) {
			if (strcmp(kb->screen, groups[g]) != 0)
				continue;
			if (box_shows(bw, bw->i, &y)) {
				tui_color(TUI_C_LABEL);
				tui_put(y, bw->x, kw, TUI_LEFT, kb->keys);
			}
			tui_color(TUI_C_NORMAL);
			box_text(bw, bw->x + kw, bw->w - kw, kb->action);
		}
	}
	tui_color(TUI_C_NORMAL);
}

/*
 * The message log: the newest message first, each in full, wrapped; an
 * error marked with '!' in the error colour.
 */
static void
log_walk(struct tui *t, struct box_walk *bw)
{
	size_t k;
	int y;

	bw->i = 0;
	if (t->log_n == 0) {
		if (box_shows(bw, bw->i, &y)) {
			tui_color(TUI_C_DIM);
			tui_put(y, bw->x, bw->w, TUI_LEFT, "no messages yet");
		}
		bw->i++;
	}
	for (k = 0; k < t->log_n; k++) {
		const struct tui_logged *l =
		    &t->log[(t->log_next - 1 - k) % TUI_LOG];

		if (box_shows(bw, bw->i, &y)) {
			tui_color(l->error ? TUI_C_ERROR : TUI_C_DIM);
			tui_put(y, bw->x, 1, TUI_LEFT, l->error ? "!" : "-");
		}
		tui_color(TUI_C_NORMAL);
		box_text(bw, bw->x + 2, bw->w - 2, l->text);
	}
	tui_color(TUI_C_NORMAL);
}

static void
box_draw(struct box_view *bv, struct tui *t, const struct tui_area *a,
	int help)
{
	const struct key_binding *kb;
	struct box_walk bw;
	int bwid, bh, by, bx, kw = 0;

	for (kb = keys_table; kb->screen != NULL; kb++)
		if (tui_width(kb->keys) > kw)
			kw = tui_width(kb->keys);
	bwid = a->cols - 4 < (help ? 76 : 100) ? a->cols - 4 :
	    (help ? 76 : 100);
	memset(&bw, 0, sizeof bw);
	bw.w = bwid - 4;
	bw.kw = kw + 2;
	if (help)
		help_walk(bv->screen, &bw);
	else
		log_walk(t, &bw);
	bv->n = bw.i;
	bh = bv->n + 4 < a->lines ? bv->n + 4 : a->lines;
	by = a->top + (a->lines - bh) / 2;
	bx = a->left + (a->cols - bwid) / 2;
	bv->h = bh - 4;
	bv->first = tui_scroll_fit(bv->first, -1, bv->n, bv->h);
	draw_frame(by, bx, bh, bwid, help ? "Keys" :
	    "Messages, the newest first");
	bw.y = by + 1;
	bw.x = bx + 2;
	bw.first = bv->first;
	bw.h = bv->h;
	bw.draw = 1;
	if (help)
		help_walk(bv->screen, &bw);
	else
		log_walk(t, &bw);
	tui_color(TUI_C_DIM);
	tui_putf(by + bh - 2, bx + 2, bwid - 4, TUI_LEFT, "%s",
	    bv->n > bv->h ? "Up/Down, PgUp/PgDn scroll, any other key "
	    "closes" : "any key closes");
	tui_color(TUI_C_NORMAL);
}

static void
help_draw(void *view, struct tui *t, const struct tui_area *a)
{
	box_draw(view, t, a, 1);
}

static void
log_draw(void *view, struct tui *t, const struct tui_area *a)
{
	box_draw(view, t, a, 0);
}

static int
box_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct box_view *bv = view;
	int flags;

	(void)t;
	(void)ch;
	(void)a;
	if ((flags = tui_scroll_key(act, &bv->first, bv->n, bv->h)) != 0)
		return flags;
	return TUI_HANDLED | TUI_REDRAW | TUI_CLOSE;
}

static void
box_close(void *view)
{
	free(view);
}

static const struct tui_screen help_screen = {
	.name = "Help",
	.close = box_close,
	.draw = help_draw,
	.key = box_key,
};

static const struct tui_screen log_screen = {
	.name = "Messages",
	.close = box_close,
	.draw = log_draw,
	.key = box_key,
};

/* ------------------------------------------------------ bars, drawing */

/*
 * The label of tab i in style 0 (full title), 1 (short title) or 2 (its
 * key alone) into label[len]; returns its width in columns.
 */
static int
tab_label(int i, int style, char *label, size_t len)
{
	if (style == 2)
		snprintf(label, len, " %c ", tab_key[i]);
	else
		snprintf(label, len, " %c %s ", tab_key[i], style == 0 ?
		    tabs[i]->name : tab_short[i]);
	return tui_width(label);
}

/*
 * The style of each tab's label on a bar COLS wide: the full titles when
 * they all fit; else short titles, from the first tab on, as many as fit
 * with the rest shown by their key alone, the current tab's always
 * titled.  style[NTABS] receives them.
 */
static void
tab_styles(const struct tui *t, int *style)
{
	char label[64];
	int i, w = 0, room;

	for (i = 0; i < NTABS; i++)
		w += tab_label(i, 0, label, sizeof label);
	if (w <= COLS) {
		for (i = 0; i < NTABS; i++)
			style[i] = 0;
		return;
	}
	w = 0;
	for (i = 0; i < NTABS; i++) {
		style[i] = 2;
		w += tab_label(i, 2, label, sizeof label);
	}
	room = COLS - w;
	style[t->tab] = 1;
	room -= tab_label(t->tab, 1, label, sizeof label) -
	    tab_label(t->tab, 2, label, sizeof label);
	for (i = 0; i < NTABS; i++) {
		int more;

		if (i == t->tab)
			continue;
		more = tab_label(i, 1, label, sizeof label) -
		    tab_label(i, 2, label, sizeof label);
		if (more > room)
			break;
		style[i] = 1;
		room -= more;
	}
}

static void
draw_tabs(struct tui *t)
{
	int i, x = 0, w, style[TUI_MAX_TABS];
	char label[64];

	tab_styles(t, style);
	tui_color(TUI_C_TAB);
	tui_put(0, 0, COLS, TUI_LEFT, "");
	for (i = 0; i < NTABS && x < COLS; i++) {
		w = tab_label(i, style[i], label, sizeof label);
		tui_color(i == t->tab ? TUI_C_TAB_ACTIVE : TUI_C_TAB);
		tui_put(0, x, w, TUI_LEFT, label);
		x += w;
	}
	tui_color(TUI_C_TAB);
	w = tui_width(PACKAGE_STRING) + 1;
	if (x + w + 2 <= COLS)
		tui_put(0, COLS - w, w, TUI_LEFT, PACKAGE_STRING);
}

/* Whether a slot's cutoffs differ from its policy file's. */
static int
cutoffs_moved(const struct desk_policy *s)
{
	size_t k;

	if (s == NULL)
		return 0;
	for (k = 0; k < s->policy->nsegments; k++)
		if (s->cutoffs[k] != s->policy->segments[k].cutoff)
			return 1;
	return 0;
}

/* What tells that a message goes on beyond the line, and how to read it
   all (the message log). */
#define MORE_HINT " [~]"

/*
 * The message on status line y: a located error with its path shortened
 * from the left so that the line, column and message show; a message
 * wider than the terminal cut, with MORE_HINT at the end.
 */
static void
draw_message(struct tui *t, int y)
{
	char text[RD_ERR_FILE + RD_ERR_MSG + 320];
	int room = COLS - 1, hw = tui_width(MORE_HINT);

	snprintf(text, sizeof text, "%s", t->msg);
	if (t->msg_located)
		tui_err_fit(&t->msg_err, room - tui_width(text),
		    text + strlen(text), sizeof text - strlen(text));
	tui_color(t->msg_error ? TUI_C_ERROR : TUI_C_STATUS);
	tui_put(y, 0, COLS, TUI_LEFT, "");
	if (tui_width(text) <= room || room <= hw + 10) {
		tui_put(y, 1, room, TUI_LEFT, text);
	} else {
		tui_put(y, 1, room - hw, TUI_LEFT, text);
		tui_put(y, 1 + room - hw, hw, TUI_LEFT, MORE_HINT);
	}
	tui_color(TUI_C_NORMAL);
}

/*
 * What the status line says of slot which at level: 0 "policy example*
 * (card german 3f2a1c0)", 1 "example*: german 3f2a1c0", for the
 * challenger "challenger ..." and "vs ..."; a '*' marks moved cutoffs,
 * and figures out of date (desk_stale) say so.  "" for an empty slot.
 */
static void
slot_words(struct tui *t, int which, int level, char *buf, size_t len)
{
	const struct desk_policy *s = desk_policy_slot(t->desk, which);
	char card[128];
	int stale = desk_stale(t->desk, which) != 0;

	buf[0] = '\0';
	if (s == NULL)
		return;
	desk_card_label(t->desk, which, card, sizeof card);
	if (level == 0)
		snprintf(buf, len, "  %s %s%s (card %s%s)", which ?
		    "challenger" : "policy", s->policy->name,
		    cutoffs_moved(s) ? "*" : "", card, stale ?
		    ", out of date" : "");
	else
		snprintf(buf, len, "  %s%s%s: %s%s", which ? "vs " : "",
		    s->policy->name, cutoffs_moved(s) ? "*" : "", card,
		    stale ? "!" : "");
}

/*
 * The left part of the status line when a policy is loaded, the richest
 * that fits in room columns: the table, the study's fit when it is not
 * the champion's scorecard as saved ("card tui_refit*", '*' not saved),
 * and which scorecard each policy is scored with (slot_words), shorter
 * and shorter.
 */
static void
status_policies(struct tui *t, int room, char *buf, size_t len)
{
	const struct desk_policy *s = desk_policy_slot(t->desk, 0);
	const struct desk_study *st = t->study;
	char table[256], fit[256], pol[2][2][256];
	int level, drop;

	snprintf(table, sizeof table, "  table %s", st != NULL ? st->table :
	    s->policy->population);
	fit[0] = '\0';
	if (st != NULL && st->card != NULL && (!st->card_saved ||
	    strcmp(st->card->name, s->card->name) != 0))
		snprintf(fit, sizeof fit, "  card %s%s", st->card->name,
		    st->card_saved ? "" : "*");
	for (level = 0; level < 2; level++) {
		slot_words(t, 0, level, pol[0][level], sizeof pol[0][level]);
		slot_words(t, 1, level, pol[1][level], sizeof pol[1][level]);
	}
	/* The table goes first, then the short forms, then the fit. */
	for (level = 0; level < 2; level++)
		for (drop = 0; drop < 3; drop++) {
			snprintf(buf, len, "%s%s%s%s", drop == 0 ? table : "",
			    drop < 2 ? fit : "", pol[0][level],
			    pol[1][level]);
			if (tui_width(buf) <= room)
				return;
		}
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
	char rest[1280], right[160];
	int y = LINES - 1, rw, pw, restw, avail;

	if (t->msg_on) {
		draw_message(t, y);
		return;
	}
	if (top->scr->help != NULL)
		hint = top->scr->help(top->view);
	snprintf(right, sizeof right, "%s%s? keys  q quit ",
	    hint != NULL ? hint : "", hint != NULL ? "  " : "");
	pw = tui_width(path);
	if (s != NULL)
		/* The path gives way down to 12 columns before the names
		   do. */
		status_policies(t, COLS - 1 - 4 - (pw < 12 ? pw : 12), rest,
		    sizeof rest);
	else if (t->study != NULL)
		snprintf(rest, sizeof rest, "  table %s  card %s%s  no policy",
		    t->study->table, t->study->card != NULL ?
		    t->study->card->name : "-", t->study->card != NULL &&
		    !t->study->card_saved ? "*" : "");
	else if (desk_unscored(t->desk) != NULL)
		snprintf(rest, sizeof rest, "  policy %s (%s only)",
		    desk_unscored(t->desk)->name,
		    desk_fraud_only(t->desk) == NULL ? "collections" :
		    desk_collect_only(t->desk) == NULL ? "fraud rules" :
		    "fraud rules and collections");
	else
		snprintf(rest, sizeof rest, "  no policy loaded");
	/* The names come first: the screen's hint goes when they would not
	   fit beside it (it is in the '?' list too), then the reminder of
	   '?' and 'q', then the path gives way (cut at its start, keeping
	   the file name), then the names. */
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
	for (i = 0; i < t->depth && !t->refreshing; i++) {
		tui_color(TUI_C_NORMAL);
		t->stack[i].scr->draw(t->stack[i].view, t, &t->area);
	}
	draw_status(t);
	tui_color(TUI_C_NORMAL);
	refresh();
}

/* ---------------------------------------------------------- the loop */

/* What is not saved, in words, into buf; "" when everything is. */
static void
unsaved(struct tui *t, char *buf, size_t len)
{
	const struct desk_policy *ch = desk_policy_slot(t->desk, 0);
	const struct desk_policy *cl = desk_policy_slot(t->desk, 1);
	size_t i;

	buf[0] = '\0';
	if (cutoffs_moved(ch))
		snprintf(buf, len, "cutoffs of %s", ch->policy->name);
	if (cutoffs_moved(cl))
		snprintf(buf + strlen(buf), len - strlen(buf), "%scutoffs of "
		    "%s", buf[0] != '\0' ? ", " : "", cl->policy->name);
	if (t->study != NULL && desk_study_unsaved(t->study) > 0)
		snprintf(buf + strlen(buf), len - strlen(buf), "%sbinnings of "
		    "%zu characteristics", buf[0] != '\0' ? ", " : "",
		    desk_study_unsaved(t->study));
	if (t->study != NULL && t->study->card != NULL &&
	    !t->study->card_saved)
		snprintf(buf + strlen(buf), len - strlen(buf), "%sscorecard "
		    "%s", buf[0] != '\0' ? ", " : "", t->study->card->name);
	for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		char one[256];

		if (tabs[i]->unsaved == NULL ||
		    tabs[i]->unsaved(t->views[i], one, sizeof one) == 0)
			continue;
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
		    buf[0] != '\0' ? ", " : "", one);
	}
}

/* Ask for a policy file and load it into slot challenger. */
static int
open_policy(struct tui *t, int challenger)
{
	const struct desk_policy *s = desk_policy_slot(t->desk, challenger);
	char path[1024];

	snprintf(path, sizeof path, "%s", s != NULL ? s->policy->path : "");
	if (tui_prompt_path(t, challenger ? "challenger policy file:" :
	    "policy file:", path, sizeof path) != 0 || path[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_load_policy(t, path, challenger) == 0) {
		tui_message_path(t, 0, "loaded ", path, "as the %s",
		    challenger ? "challenger" : "champion");
		if (!challenger && desk_unscored(t->desk) != NULL)
			show_tab(t, unscored_tab(t->desk));
	} else
		show_tab(t, 5);
	return TUI_HANDLED | TUI_REDRAW;
}

static void up_to_date(struct tui *t, int force);

/* What the global rows of keys_table do.  Returns TUI_* flags. */
static int
global_key(struct tui *t, enum key_action act)
{
	struct box_view *hv;
	char what[512];

	switch (act) {
	case KA_SCREEN_DATA:
	case KA_SCREEN_CHARS:
	case KA_SCREEN_MODEL:
	case KA_SCREEN_CARD:
	case KA_SCREEN_VALID:
	case KA_SCREEN_POLICY:
	case KA_SCREEN_TRADE:
	case KA_SCREEN_INFER:
	case KA_SCREEN_MONITOR:
	case KA_SCREEN_FRAUD:
	case KA_SCREEN_COLLECT:
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
	case KA_MESSAGES:
		if (t->depth == TUI_STACK)
			return TUI_HANDLED;
		push(t, &log_screen, xcalloc(1, sizeof(struct box_view)));
		return TUI_HANDLED | TUI_REDRAW;
	case KA_OPEN_POLICY:
	case KA_OPEN_CHALLENGER:
		return open_policy(t, act == KA_OPEN_CHALLENGER);
	case KA_REDRAW:
		up_to_date(t, 1);
		clearok(curscr, TRUE);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_QUIT:
		unsaved(t, what, sizeof what);
		if (what[0] != '\0' && !tui_confirm(t, "not saved: %s. Quit "
		    "anyway? (y/n)", what))
			return TUI_HANDLED | TUI_REDRAW;
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

/* ------------------------------------------------ prompts and jobs */

struct desk *
tui_desk(struct tui *t)
{
	return t->desk;
}

/* The question and the answer on the last line, the cursor at pos
   (bytes into buf). */
static void
draw_prompt(const char *question, const char *buf, size_t pos)
{
	char *head = xstrndup(buf, pos);
	int qw = tui_width(question) + 1, x;

	tui_color(TUI_C_STATUS);
	tui_put(LINES - 1, 0, COLS, TUI_LEFT, "");
	tui_put(LINES - 1, 0, qw, TUI_LEFT, question);
	tui_color(TUI_C_NORMAL);
	x = qw + 1;
	/* Keep the cursor in view: show the tail when the text is long. */
	if (x + tui_width(head) >= COLS - 1)
		tui_put(LINES - 1, x, COLS - x, TUI_LEFT_TAIL, head);
	else
		tui_put(LINES - 1, x, COLS - x, TUI_LEFT, buf);
	x += tui_width(head);
	if (x >= COLS)
		x = COLS - 1;
	move(LINES - 1, x);
	free(head);
	refresh();
}

/* ------------------------------------------------- completing paths */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The entries of the directory of the path typed so far (head, the text
 * before the cursor) whose names start with its last part, sorted, each
 * a directory's with a '/' after it: NULL-terminated, *n of them, the
 * caller frees each and the array.  "~/" at the start is the home
 * directory; names starting with '.' only when the part does.
 * *from receives where the last part starts in head.
 */
static char **
path_matches(const char *head, size_t *n, size_t *from)
{
	const char *slash = strrchr(head, '/'), *base, *home;
	char *dir, *full;
	char **m = NULL;
	size_t cap = 0, blen;
	struct dirent *e;
	struct stat sb;
	DIR *dp;

	*n = 0;
	*from = slash != NULL ? (size_t)(slash - head) + 1 : 0;
	base = head + *from;
	blen = strlen(base);
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == head)
		dir = xstrdup("/");
	else
		dir = xstrndup(head, (size_t)(slash - head));
	if ((dir[0] == '~' && (dir[1] == '\0' || dir[1] == '/')) &&
	    (home = getenv("HOME")) != NULL) {
		full = xmalloc(strlen(home) + strlen(dir) + 1);
		sprintf(full, "%s%s", home, dir + 1);
		free(dir);
		dir = full;
	}
	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return NULL;
	}
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_name[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(e->d_name, base, blen) != 0)
			continue;
		if (*n + 2 > cap) {
			cap = cap == 0 ? 16 : 2 * cap;
			m = xreallocarray(m, cap, sizeof *m);
		}
		full = xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(full, "%s/%s", dir, e->d_name);
		m[*n] = xmalloc(strlen(e->d_name) + 2);
		sprintf(m[*n], "%s%s", e->d_name, stat(full, &sb) == 0 &&
		    S_ISDIR(sb.st_mode) ? "/" : "");
		free(full);
		(*n)++;
	}
	closedir(dp);
	free(dir);
	if (m == NULL)
		return NULL;
	m[*n] = NULL;
	qsort(m, *n, sizeof *m, cmp_names);
	return m;
}

/* The names m[n] in columns over the lines above the status line, as
   many as fit, the last line saying how many more there are. */
static void
draw_matches(char *const *m, size_t n)
{
	int cw = 0, ncol, nrow, maxrow = LINES - 3, r, c;
	size_t k, shown;

	for (k = 0; k < n; k++)
		if (tui_width(m[k]) + 2 > cw)
			cw = tui_width(m[k]) + 2;
	if (cw > COLS)
		cw = COLS;
	ncol = COLS / cw > 0 ? COLS / cw : 1;
	nrow = (int)((n + (size_t)ncol - 1) / (size_t)ncol);
	shown = n;
	if (nrow > maxrow) {
		nrow = maxrow;
		shown = (size_t)(nrow - 1) * (size_t)ncol;
	}
	tui_color(TUI_C_NORMAL);
	for (r = 0; r < nrow; r++)
		tui_put(LINES - 1 - nrow + r, 0, COLS, TUI_LEFT, "");
	for (k = 0; k < shown; k++) {
		r = (int)(k % (size_t)nrow);
		c = (int)(k / (size_t)nrow);
		tui_put(LINES - 1 - nrow + r, c * cw, cw, TUI_LEFT, m[k]);
	}
	if (shown < n) {
		tui_color(TUI_C_DIM);
		tui_putf(LINES - 2, 0, COLS, TUI_LEFT, "and %zu more: type more "
		    "of the name", n - shown);
	}
	tui_color(TUI_C_NORMAL);
}

/*
 * Complete the path before the cursor of line (n bytes, room for len - 1):
 * as far as the names that match agree, a directory with its '/'; when
 * that adds nothing and several match, list them.  Returns 1 when it
 * listed names (the screen needs drawing again), else 0.
 */
static int
complete_path(char *line, size_t *n, size_t *pos, size_t len)
{
	char *head = xstrndup(line, *pos), **m;
	size_t nm, from, typed, common, k, add;
	int listed = 0;

	m = path_matches(head, &nm, &from);
	typed = strlen(head) - from;
	free(head);
	if (m == NULL) {
		beep();
		return 0;
	}
	common = strlen(m[0]);
	for (k = 1; k < nm; k++) {
		size_t i = 0;

		while (i < common && m[k][i] == m[0][i])
			i++;
		common = i;
	}
	/* Never half a UTF-8 character. */
	while (common > typed && ((unsigned char)m[0][common] & 0xC0) == 0x80)
		common--;
	add = common > typed ? common - typed : 0;
	if (add > 0 && *n + add < len) {
		memmove(line + *pos + add, line + *pos, *n - *pos + 1);
		memcpy(line + *pos, m[0] + typed, add);
		*pos += add;
		*n += add;
	} else if (nm > 1) {
		draw_matches(m, nm);
		listed = 1;
	} else {
		beep();
	}
	for (k = 0; k < nm; k++)
		free(m[k]);
	free(m);
	return listed;
}

/* tui_prompt, with Tab completing a path when paths is set. */
static int
prompt(struct tui *t, const char *question, char *buf, size_t len,
	int paths)
{
	char *line = xcalloc(len + 1, 1);
	size_t n, pos;
	int ch, rc = -1, listed = 0;

	snprintf(line, len, "%s", buf);
	n = pos = strlen(line);
	curs_set(1);
	for (;;) {
		draw_prompt(question, line, pos);
		ch = getch();
		if (ch == KEY_RESIZE || (listed && ch != '\t')) {
			/* Also clears the names a Tab listed. */
			listed = 0;
			draw(t);
			if (ch == KEY_RESIZE)
				continue;
		}
		if (ch == ERR)
			continue;
		if (ch == 27 || ch == CTRL_KEY('G'))
			break;
		if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
			snprintf(buf, len, "%s", line);
			rc = 0;
			break;
		}
		if (ch == '\t' && paths) {
			listed = complete_path(line, &n, &pos, len);
		} else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) &&
		    pos > 0) {
			/* Back over one UTF-8 character. */
			size_t from = pos - 1;

			while (from > 0 && ((unsigned char)line[from] & 0xC0) ==
			    0x80)
				from--;
			memmove(line + from, line + pos, n - pos + 1);
			n -= pos - from;
			pos = from;
		} else if (ch == KEY_DC && pos < n) {
			size_t to = pos + 1;

			while (to < n && ((unsigned char)line[to] & 0xC0) ==
			    0x80)
				to++;
			memmove(line + pos, line + to, n - to + 1);
			n -= to - pos;
		} else if (ch == KEY_LEFT && pos > 0) {
			pos--;
			while (pos > 0 && ((unsigned char)line[pos] & 0xC0) ==
			    0x80)
				pos--;
		} else if (ch == KEY_RIGHT && pos < n) {
			pos++;
			while (pos < n && ((unsigned char)line[pos] & 0xC0) ==
			    0x80)
				pos++;
		} else if (ch == KEY_HOME || ch == CTRL_KEY('A')) {
			pos = 0;
		} else if (ch == KEY_END || ch == CTRL_KEY('E')) {
			pos = n;
		} else if (ch == CTRL_KEY('U')) {
			memmove(line, line + pos, n - pos + 1);
			n -= pos;
			pos = 0;
		} else if (ch >= 32 && ch < 256 && ch != 127 && n + 1 < len) {
			/* Bytes of UTF-8 arrive one getch() each. */
			memmove(line + pos + 1, line + pos, n - pos + 1);
			line[pos++] = (char)ch;
			n++;
		}
	}
	curs_set(0);
	free(line);
	return rc;
}

int
tui_prompt(struct tui *t, const char *question, char *buf, size_t len)
{
	return prompt(t, question, buf, len, 0);
}

int
tui_prompt_path(struct tui *t, const char *question, char *buf,
	size_t len)
{
	return prompt(t, question, buf, len, 1);
}

int
tui_confirm(struct tui *t, const char *fmt, ...)
{
	char q[512];
	va_list ap;
	int ch;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	for (;;) {
		/* A question wider than the line takes the lines above it:
		   the (y/n) at its end must show. */
		int nl = tui_wrap_lines(q, COLS - 2), i;

		if (nl > LINES - 1)
			nl = LINES - 1;
		tui_color(TUI_C_ERROR);
		for (i = 0; i < nl; i++)
			tui_put(LINES - nl + i, 0, COLS, TUI_LEFT, "");
		tui_put_wrapped(LINES - nl, 1, COLS - 2,
		    tui_wrap_lines(q, COLS - 2) - nl, nl, q);
		tui_color(TUI_C_NORMAL);
		refresh();
		ch = getch();
		if (ch == KEY_RESIZE) {
			draw(t);
			continue;
		}
		if (ch == ERR)
			continue;
		return ch == 'y' || ch == 'Y';
	}
}

/* Lines of text wrapped at w columns (words kept whole when they fit;
   "; " ends a line): up to max into line[], *n of them. */
static void
wrap_lines(const char *text, int w, char line[][512], int max, int *n)
{
	const char *p = text;

	*n = 0;
	while (*p != '\0' && *n < max) {
		size_t len = strlen(p), cut = len, i, brk = 0;
		const char *semi = strstr(p, "; ");

		if (semi != NULL && (size_t)(semi - p) + 1 < cut)
			cut = (size_t)(semi - p) + 1;
		/* The longest head of whole words within w columns. */
		for (i = 1; i <= cut && i < 511; i++) {
			char *head = xstrndup(p, i);
			int hw = tui_width(head);

			free(head);
			if (hw > w)
				break;
			if (i == cut || p[i] == ' ')
				brk = i;
		}
		if (brk == 0)
			brk = i > 1 ? i - 1 : 1;
		snprintf(line[*n], 512, "%.*s", (int)brk, p);
		(*n)++;
		p += brk;
		while (*p == ' ')
			p++;
	}
}

int
tui_confirm_box(struct tui *t, const char *question, const char *text)
{
	char line[16][512];
	int n, i, ch, bw, top, left;

	for (;;) {
		draw(t);
		bw = COLS - 4 < 100 ? COLS - 4 : 100;
		wrap_lines(text, bw - 4, line, 16, &n);
		top = (LINES - n - 4) / 2;
		if (top < 1)
			top = 1;
		left = (COLS - bw) / 2;
		tui_color(TUI_C_STATUS);
		for (i = 0; i < n + 4; i++)
			tui_put(top + i, left, bw, TUI_LEFT, "");
		tui_putf(top, left + 2, bw - 4, TUI_LEFT, "%s", question);
		tui_color(TUI_C_NORMAL);
		for (i = 0; i < n; i++)
			tui_put(top + 1 + i, left + 2, bw - 4, TUI_LEFT, line[i]);
		tui_color(TUI_C_STATUS);
		tui_put(top + n + 2, left + 2, bw - 4, TUI_LEFT,
		    "y: yes, any other key: no");
		tui_color(TUI_C_NORMAL);
		refresh();
		ch = getch();
		if (ch == KEY_RESIZE || ch == ERR)
			continue;
		return ch == 'y' || ch == 'Y';
	}
}

/* The progress box over the screen: title, bar, share done. */
static void draw_job_box(const char *title, double done);

static void
draw_job(struct tui *t, const char *title, double done)
{
	draw(t);
	draw_job_box(title, done);
}

/* The box alone, over what the terminal shows. */
static void
draw_job_box(const char *title, double done)
{
	int bw = COLS - 8 < 60 ? COLS - 8 : 60, by = LINES / 2 - 2;
	int bx = (COLS - bw) / 2, barw = bw - 4, fill, i;
	char pct[16];

	if (bw < 10 || by < 0)
		return;
	if (done < 0 || done != done)
		done = 0;
	if (done > 1)
		done = 1;
	fill = (int)(done * barw);
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < 5; i++)
		tui_put(by + i, bx, bw, TUI_LEFT, "");
	mvaddch(by, bx, ACS_ULCORNER);
	mvhline(by, bx + 1, ACS_HLINE, bw - 2);
	mvaddch(by, bx + bw - 1, ACS_URCORNER);
	mvvline(by + 1, bx, ACS_VLINE, 3);
	mvvline(by + 1, bx + bw - 1, ACS_VLINE, 3);
	mvaddch(by + 4, bx, ACS_LLCORNER);
	mvhline(by + 4, bx + 1, ACS_HLINE, bw - 2);
	mvaddch(by + 4, bx + bw - 1, ACS_LRCORNER);
	tui_color(TUI_C_TITLE);
	tui_put(by + 1, bx + 2, bw - 4, TUI_LEFT, title);
	tui_color(TUI_C_SELECTED);
	tui_put(by + 2, bx + 2, fill, TUI_LEFT, "");
	tui_color(TUI_C_DIM);
	for (i = fill; i < barw; i++)
		mvaddch(by + 2, bx + 2 + i, ACS_CKBOARD);
	snprintf(pct, sizeof pct, "%3.0f%%", 100 * done);
	tui_color(TUI_C_NORMAL);
	tui_putf(by + 3, bx + 2, bw - 4, TUI_LEFT, "%s   Esc cancels", pct);
	refresh();
}

/* Milliseconds on a monotonic clock. */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * A job runs its steps in a worker thread, so the terminal keeps
 * answering whatever a step costs.  The worker touches only the job's
 * own data (the step's arg); the UI thread meanwhile draws nothing but
 * the progress box (the screens read the desk, which the step may be
 * changing) and reads the keys: Esc sets cancel, which the worker checks
 * between steps and a step may hand to the core (tui_job_cancel_flag).
 */
struct job_run {
	int (*step)(void *arg, double *done, struct rd_err *err);
	void *arg;
	void (*interrupt)(void *iarg);	/* on Esc, may be NULL */
	void *iarg;
	struct rd_err *err;
	int rc;
	_Atomic int cancel;
	_Atomic int finished;
	_Atomic double done;
};

static void *
job_worker(void *p)
{
	struct job_run *j = p;
	double done = 0;
	int rc;

	do {
		rc = j->step(j->arg, &done, j->err);
		atomic_store(&j->done, done);
	} while (rc == 1 && !atomic_load(&j->cancel));
	j->rc = rc;
	atomic_store(&j->finished, 1);
	return NULL;
}

const _Atomic int *
tui_job_cancel_flag(struct tui *t)
{
	return t->job != NULL ? &t->job->cancel : NULL;
}

int
tui_job(struct tui *t, const char *title,
	int (*step)(void *arg, double *done, struct rd_err *err), void *arg,
	struct rd_err *err)
{
	return tui_job_interruptible(t, title, step, arg, NULL, NULL, err);
}

int
tui_job_interruptible(struct tui *t, const char *title,
	int (*step)(void *arg, double *done, struct rd_err *err), void *arg,
	void (*interrupt)(void *iarg), void *iarg, struct rd_err *err)
{
	struct job_run j;
	pthread_t th;
	long start = now_ms(), last = 0;
	char line[256];
	int ch, cancelled;

	memset(&j, 0, sizeof j);
	j.step = step;
	j.arg = arg;
	j.interrupt = interrupt;
	j.iarg = iarg;
	j.err = err;
	atomic_init(&j.cancel, 0);
	atomic_init(&j.finished, 0);
	atomic_init(&j.done, 0.0);
	t->job = &j;
	draw_job(t, title, 0);
	if (pthread_create(&th, NULL, job_worker, &j) != 0) {
		/* No thread: run the steps here. */
		job_worker(&j);
	} else {
		timeout(30);
		while (!atomic_load(&j.finished)) {
			ch = getch();
			if (ch == 27 && !atomic_load(&j.cancel)) {
				atomic_store(&j.cancel, 1);
				if (j.interrupt != NULL)
					j.interrupt(j.iarg);
			}
			if (ch == KEY_RESIZE)
				last = 0;
			if (now_ms() - last < 100)
				continue;
			snprintf(line, sizeof line, "%s (%.1f s)%s", title,
			    (double)(now_ms() - start) / 1000.0,
			    atomic_load(&j.cancel) ? " - cancelling" : "");
			draw_job_box(line, atomic_load(&j.done));
			last = now_ms();
		}
		timeout(-1);
		pthread_join(th, NULL);
	}
	t->job = NULL;
	cancelled = atomic_load(&j.cancel) && j.rc != 0;
	if (cancelled) {
		tui_message(t, 0, "cancelled: %s", title);
		return 1;
	}
	return j.rc;
}

int
tui_progress(struct tui *t, const char *title, double done)
{
	int ch;

	if (t->progress_at == 0)
		t->progress_cancel = 0;
	nodelay(stdscr, TRUE);
	while ((ch = getch()) != ERR) {
		if (ch == 27)
			t->progress_cancel = 1;
		if (ch == KEY_RESIZE)
			t->progress_at = 1;
	}
	nodelay(stdscr, FALSE);
	if (t->progress_at <= 1 || now_ms() - t->progress_at >= 50) {
		draw_job(t, t->progress_cancel ? "Cancelling..." : title, done);
		t->progress_at = now_ms();
	}
	return t->progress_cancel;
}

void
tui_progress_end(struct tui *t)
{
	t->progress_at = 0;
	t->progress_cancel = 0;
}

/* ------------------------------------------------------ the study */

struct desk_study *
tui_study_peek(struct tui *t)
{
	return t->study;
}


static int
study_step(void *arg, double *done, struct rd_err *err)
{
	struct desk_study *st = arg;
	int rc = desk_study_class_step(st, err);

	*done = desk_study_progress(st);
	return rc;
}

/* The dataset load's progress, drawn by tui_progress. */
struct load_job {
	struct tui *t;
	const char *title;
};

static int
load_progress(void *arg, size_t done, size_t total)
{
	struct load_job *ld = arg;

	return tui_progress(ld->t, ld->title, total > 0 ? (double)done /
	    (double)total : 0);
}

int
tui_study_open(struct tui *t, const char *table)
{
	struct desk_study *st;
	struct rd_err err;
	struct load_job ld;
	struct db_progress pr;
	char title[256];
	int rc;

	rd_err_clear(&err);
	t->study_tried = 1;
	/* A holdout is of the table it was set on. */
	if (t->study == NULL || strcmp(t->study->table, table) != 0)
		t->fit.sample.kind = CARD_SAMPLE_ALL;
	snprintf(title, sizeof title, "Loading %s", table);
	ld.t = t;
	ld.title = title;
	pr.fn = load_progress;
	pr.arg = &ld;
	tui_progress(t, title, 0);
	st = desk_study_open_progress(t->desk, table, &t->fit, &pr, &err);
	tui_progress_end(t);
	if (st == NULL) {
		if (strcmp(err.msg, "cancelled") == 0) {
			tui_message(t, 0, "loading %s: cancelled", table);
			return 1;
		}
		tui_message(t, 1, "cannot study %s: %s", table, err.msg);
		return -1;
	}
	snprintf(title, sizeof title, "Classing the characteristics of %s",
	    table);
	rc = tui_job(t, title, study_step, st, &err);
	if (rc != 0) {
		if (rc < 0)
			tui_message(t, 1, "cannot class %s: %s", table, err.msg);
		desk_study_free(st);
		return rc;
	}
	desk_study_free(t->study);
	t->study = st;
	t->study_gen++;
	return 0;
}

struct desk_study *
tui_study(struct tui *t)
{
	const struct desk_policy *s;
	struct rd_err err;
	char **tables;
	size_t i;

	if (t->study != NULL || t->study_tried)
		return t->study;
	t->study_tried = 1;
	if ((s = desk_policy_slot(t->desk, 0)) != NULL) {
		tui_study_open(t, s->policy->population);
		return t->study;
	}
	rd_err_clear(&err);
	if ((tables = desk_tables(t->desk, &err)) == NULL)
		return NULL;
	for (i = 0; tables[i] != NULL && t->study == NULL; i++) {
		struct table_meta m;

		if (desk_table_meta(t->desk, tables[i], &m, &err) == 0) {
			if (m.target != NULL)
				tui_study_open(t, tables[i]);
			table_meta_done(&m);
		}
	}
	for (i = 0; tables[i] != NULL; i++)
		free(tables[i]);
	free(tables);
	return t->study;
}

/* Loading a policy reads and scores its population: a job, so that a
   million rows keep the terminal answering; Esc interrupts the reads. */
struct policy_job {
	struct desk *desk;
	const char *path;
	int challenger;
	int save;		/* 1: desk_save_policy to path instead */
};

static int
policy_step(void *arg, double *done, struct rd_err *err)
{
	struct policy_job *pj = arg;

	*done = 1;
	if (pj->save)
		return desk_save_policy(pj->desk, pj->challenger, pj->path,
		    err);
	return desk_load_policy(pj->desk, pj->path, pj->challenger, err);
}

static void
policy_interrupt(void *arg)
{
	desk_interrupt(arg);
}

int
tui_load_policy(struct tui *t, const char *path, int challenger)
{
	struct policy_job pj;
	struct rd_err err;
	char title[1100];
	int rc;

	rd_err_clear(&err);
	pj.desk = t->desk;
	pj.path = path;
	pj.challenger = challenger;
	pj.save = 0;
	snprintf(title, sizeof title, "Loading %s", path);
	rc = tui_job_interruptible(t, title, policy_step, &pj,
	    policy_interrupt, t->desk, &err);
	if (rc > 0)
		return -1;
	if (rc != 0) {
		t->policy_err = err;
		if (t->policy_err.file[0] == '\0')
			snprintf(t->policy_err.file, sizeof t->policy_err.file,
			    "%s", path);
		tui_message_err(t, "", &t->policy_err);
		return -1;
	}
	rd_err_clear(&t->policy_err);
	return 0;
}

int
tui_save_policy(struct tui *t, int challenger, const char *path,
	struct rd_err *err)
{
	struct policy_job pj;
	char title[1100];
	int rc;

	pj.desk = t->desk;
	pj.path = path;
	pj.challenger = challenger;
	pj.save = 1;
	snprintf(title, sizeof title, "Writing %s", path);
	rc = tui_job_interruptible(t, title, policy_step, &pj,
	    policy_interrupt, t->desk, err);
	if (rc > 0)
		rd_err_set(err, RD_EUSAGE, "cancelled; the file may be "
		    "written but the policy was not loaded again");
	return rc == 0 ? 0 : -1;
}

const struct rd_err *
tui_policy_error(struct tui *t)
{
	return t->policy_err.cls != RD_OK ? &t->policy_err : NULL;
}

/* ------------------------------------------- figures true to inputs */

/* Scoring policies again reads their population: a job, as a load. */
struct refresh_job {
	struct desk *desk;
	int force;
};

static int
refresh_step(void *arg, double *done, struct rd_err *err)
{
	struct refresh_job *rj = arg;

	*done = 1;
	return desk_refresh(rj->desk, rj->force, err);
}

/*
 * Before the screens are drawn: see what moved under the loaded policies
 * (desk_check) and score again those whose scorecard or population did
 * (desk_refresh), under a progress bar, so that no screen shows a figure
 * of an older scorecard; force (Ctrl-L) tries again what failed.  The
 * status line says what was done; a policy that could not be scored
 * again stays marked out of date there and on the Trade-offs screen.
 */
static void
up_to_date(struct tui *t, int force)
{
	struct refresh_job rj;
	struct rd_err err;
	char names[300], card[2][128], title[400];
	int which, rc, n = 0, one = -1;

	desk_check(t->desk);
	names[0] = '\0';
	for (which = 0; which <= 1; which++) {
		unsigned bits = desk_stale(t->desk, which);

		if (!(bits & (DESK_STALE_CARD | DESK_STALE_DATA)) ||
		    ((bits & DESK_STALE_FAILED) && !force))
			continue;
		snprintf(names + strlen(names), sizeof names - strlen(names),
		    "%s%s", n++ > 0 ? " and " : "",
		    desk_policy_slot(t->desk, which)->policy->name);
		one = which;
	}
	if (n == 0)
		return;
	rj.desk = t->desk;
	rj.force = force;
	rd_err_clear(&err);
	snprintf(title, sizeof title, "Scoring %s again", names);
	t->refreshing = 1;
	rc = tui_job_interruptible(t, title, refresh_step, &rj,
	    policy_interrupt, t->desk, &err);
	t->refreshing = 0;
	desk_card_label(t->desk, 0, card[0], sizeof card[0]);
	desk_card_label(t->desk, 1, card[1], sizeof card[1]);
	if (rc > 0)
		tui_message(t, 1, "scoring %s again: cancelled; the figures "
		    "are out of date until Ctrl-L", names);
	else if (rc < 0)
		tui_message(t, 1, "%s out of date, not scored again: %s; "
		    "Ctrl-L tries again", names, err.msg);
	else if (n == 1 || strcmp(card[0], card[1]) == 0)
		tui_message(t, 0, "%s now scored with %s, cutoffs kept",
		    names, card[one]);
	else
		tui_message(t, 0, "%s now scored with %s and %s, cutoffs "
		    "kept", names, card[0], card[1]);
}

/*
 * Another process may write to the database while the workbench is open
 * (an import or a fit in another terminal, a night job).  Its commits
 * change SQLite's PRAGMA data_version, which desk_db_changed compares:
 * while the workbench waits for a key (every TUI_POLL_MS), before it
 * handles one, and on Ctrl-L.  Then the Data screen reads its tables
 * again (tui_data_gen), the policies whose population or scorecard moved
 * are scored again (up_to_date, at the next draw), the table under study
 * is classed again when nothing of it is unsaved, and the status line
 * says what was read again.
 */
#define TUI_POLL_MS 1000

unsigned
tui_data_gen(struct tui *t)
{
	return t->data_gen;
}

/* Returns 1 when another process wrote (the screens must be drawn). */
static int
others_wrote(struct tui *t)
{
	char **moved = NULL, names[400] = "", *table;
	struct rd_err err;
	size_t i, n = 0;
	int rc, study = 0;

	rd_err_clear(&err);
	rc = desk_db_changed(t->desk, &moved, &err);
	for (i = 0; moved != NULL && moved[i] != NULL; i++) {
		if (t->study != NULL && strcmp(moved[i], t->study->table) == 0)
			study = 1;
		if (strlen(names) + strlen(moved[i]) + 8 < sizeof names)
			snprintf(names + strlen(names), sizeof names -
			    strlen(names), "%s%s", n++ > 0 ? ", " : "",
			    moved[i]);
		free(moved[i]);
	}
	free(moved);
	if (rc <= 0)
		return 0;
	t->data_gen++;
	if (study && (desk_study_unsaved(t->study) > 0 ||
	    (t->study->card != NULL && !t->study->card_saved))) {
		tui_message(t, 1, "another process changed table %s, under "
		    "study with unsaved work: the study shows the rows as "
		    "they were; Enter on the Data screen studies it again",
		    t->study->table);
		return 1;
	}
	if (study) {
		table = xstrdup(t->study->table);
		rc = tui_study_open(t, table);
		free(table);
		if (rc != 0)
			return 1;
	}
	if (n > 0)
		tui_message(t, 0, "the database changed (another process): "
		    "read again %s%s", names, study ? ", classed again" : "");
	else
		tui_message(t, 0, "the database changed (another process): "
		    "tables as they were, scorecards and runs read again");
	return 1;
}

static void
loop(struct tui *t)
{
	const struct tui_frame *top;
	enum key_action act;
	struct timespec t0, t1;
	int ch, flags, dirty = 1, errs = 0;

	for (;;) {
		/* The Characteristics and Model screens need a table under
		   study: open the default one the first time they show. */
		if (!t->study_tried && (tabs[t->tab] == &scr_chars ||
		    tabs[t->tab] == &scr_model)) {
			draw(t);
			tui_study(t);
			dirty = 1;
		}
		if (dirty && !too_small())
			up_to_date(t, 0);
		top = &t->stack[t->depth - 1];
		if (dirty && top->scr->prepare != NULL && !too_small())
			top->scr->prepare(top->view, t);
		if (dirty)
			draw(t);
		dirty = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		timeout(TUI_POLL_MS);
		ch = getch();
		timeout(-1);
		/* ERR after the wait: no key, a moment to look for the
		   writes of other processes.  ERR at once means a signal or
		   a terminal that is gone; do not spin on the latter. */
		if (ch == ERR) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec -
			    t0.tv_nsec) / 1000000 >= TUI_POLL_MS / 2) {
				errs = 0;
				if (t->depth == 1 && !too_small() &&
				    others_wrote(t))
					dirty = 1;
			} else if (++errs == 1000) {
				return;
			}
			continue;
		}
		errs = 0;
		if (ch == KEY_RESIZE) {
			dirty = 1;
			continue;
		}
		if (t->msg_on) {
			t->msg_on = 0;
			dirty = 1;
		}
		if (too_small()) {
			if (keys_lookup(NULL, ch) == KA_QUIT &&
			    (global_key(t, KA_QUIT) & TUI_QUIT))
				return;
			dirty = 1;
			continue;
		}
		/* A key: first what others wrote meanwhile, so that it acts
		   on the database as it is. */
		if (t->depth == 1 && others_wrote(t))
			dirty = 1;
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
tui_run(struct desk *d, const struct rd_err *start, struct rd_err *err)
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
	if (tui_term_usable(term, err) != 0)
		return -1;
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
	card_fit_spec_init(&t.fit);
	t.fit.sample.date_column = t.fit_date;
	t.fit.sample.after = t.fit_after;
	for (i = 0; i < NTABS; i++)
		t.views[i] = tabs[i]->open != NULL ? tabs[i]->open(&t, d) :
		    NULL;
	/* What the database holds now: later, what others changed. */
	{
		char **moved = NULL;
		struct rd_err ignored;
		size_t k;

		desk_db_changed(d, &moved, &ignored);
		for (k = 0; moved != NULL && moved[k] != NULL; k++)
			free(moved[k]);
		free(moved);
	}
	/* A policy of fraud rules or collections only has nothing but its
	   Fraud or Collections screen. */
	show_tab(&t, desk_unscored(d) != NULL ? unscored_tab(d) : 0);
	if (start != NULL && start->cls != RD_OK) {
		/* A policy that did not load: its error at its line. */
		t.policy_err = *start;
		show_tab(&t, 5);
		tui_message_err(&t, "not loaded: ", start);
	}

	loop(&t);

	desk_study_free(t.study);
	while (t.depth > 1)
		pop(&t);
	for (i = 0; i < NTABS; i++)
		if (tabs[i]->close != NULL)
			tabs[i]->close(t.views[i]);
	for (i = 0; i < TUI_LOG; i++)
		free(t.log[i].text);
	endwin();
	delscreen(sc);
	rd_fatal_hook = NULL;
	return 0;
}

unsigned
tui_study_gen(struct tui *t)
{
	return t->study_gen;
}

const struct card_fit_spec *
tui_fit_options(struct tui *t)
{
	return &t->fit;
}

/* Whether samples a and b set aside the same rows. */
static int
same_sample(const struct card_sample *a, const struct card_sample *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case CARD_SAMPLE_RANDOM:
		return a->holdout == b->holdout && a->seed == b->seed;
	case CARD_SAMPLE_OOT:
		return strcmp(a->date_column, b->date_column) == 0 &&
		    strcmp(a->after, b->after) == 0;
	default:
		return 1;
	}
}

int
tui_set_fit_options(struct tui *t, const struct card_fit_spec *spec)
{
	struct card_sample old = t->fit.sample;
	char date[sizeof t->fit_date], after[sizeof t->fit_after];
	int rc = 0;

	snprintf(date, sizeof date, "%s", t->fit_date);
	snprintf(after, sizeof after, "%s", t->fit_after);
	old.date_column = date;
	old.after = after;
	t->fit.scaling = spec->scaling;
	t->fit.select = spec->select;
	t->fit.sample = spec->sample;
	snprintf(t->fit_date, sizeof t->fit_date, "%s",
	    spec->sample.date_column != NULL ? spec->sample.date_column : "");
	snprintf(t->fit_after, sizeof t->fit_after, "%s",
	    spec->sample.after != NULL ? spec->sample.after : "");
	t->fit.sample.date_column = t->fit_date;
	t->fit.sample.after = t->fit_after;
	if (t->study == NULL)
		return 0;
	if (!same_sample(&old, &t->fit.sample)) {
		char *table = xstrdup(t->study->table);

		rc = tui_study_open(t, table);
		free(table);
		if (rc != 0) {
			/* The study stays on its rows: so do the options. */
			t->fit.sample = old;
			snprintf(t->fit_date, sizeof t->fit_date, "%s", date);
			snprintf(t->fit_after, sizeof t->fit_after, "%s",
			    after);
			t->fit.sample.date_column = t->fit_date;
			t->fit.sample.after = t->fit_after;
			return rc;
		}
	}
	t->study->spec.scaling = t->fit.scaling;
	t->study->spec.select = t->fit.select;
	return 0;
}

/* ------------------------------------------------- the document */

struct doc_job {
	struct desk *desk;
	const char *path;
	enum report_format fmt;
};

static int
doc_step(void *arg, double *done, struct rd_err *err)
{
	struct doc_job *j = arg;
	struct desk_document_spec spec;

	desk_document_spec_init(&spec);
	spec.time = time(NULL);
	if (report_document_write(j->desk, &spec, j->fmt, j->path, NULL,
	    err) != 0)
		return -1;
	*done = 1;
	return 0;
}

static void
doc_interrupt(void *arg)
{
	desk_interrupt(arg);
}

int
tui_write_document(struct tui *t)
{
	const struct desk_policy *s = desk_policy_slot(t->desk, 0);
	struct doc_job j;
	struct rd_err err;
	char path[1024], title[1100];
	const char *base;
	int rc;

	if (s == NULL) {
		tui_message(t, 1, "no policy loaded: the document needs a "
		    "champion (o on the Policy screen)");
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(path, sizeof path, "%s-%s.html", s->card->name,
	    s->policy->name);
	if (tui_prompt_path(t, "write the model and policy document "
	    "(.html, .xlsx, .json or .txt) to:", path, sizeof path) != 0 ||
	    path[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (report_format_for_path(path, &j.fmt) != 0) {
		base = strrchr(path, '/');
		tui_message_path(t, 1, "not written: ", path, "no %s "
		    "format: name it .html, .xlsx, .json or .txt",
		    strrchr(base != NULL ? base : path, '.'));
		return TUI_HANDLED | TUI_REDRAW;
	}
	rd_err_clear(&err);
	if (desk_check_output(t->desk, "the document", path, &err) != 0) {
		tui_message_err(t, "", &err);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (access(path, F_OK) == 0 && !tui_confirm(t, "%s exists: "
	    "overwrite it? (y/n)", path))
		return TUI_HANDLED | TUI_REDRAW;
	j.desk = t->desk;
	j.path = path;
	rd_err_clear(&err);
	snprintf(title, sizeof title, "Writing %s", path);
	rc = tui_job_interruptible(t, title, doc_step, &j, doc_interrupt,
	    t->desk, &err);
	if (rc > 0)
		tui_message(t, 0, "cancelled: no document written");
	else if (rc < 0)
		tui_message_err(t, "cannot write the document: ", &err);
	else
		tui_message_path(t, 0, "wrote ", path, "the model and policy "
		    "document (%s)", j.fmt == REPORT_XLSX ? "workbook" :
		    j.fmt == REPORT_JSON ? "JSON" : j.fmt == REPORT_TEXT ?
		    "text" : "HTML");
	return TUI_HANDLED | TUI_REDRAW;
}
