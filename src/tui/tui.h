/*
 * tui.h - the interactive workbench: an ncurses front end over the desk.
 *
 * The public part is tui_run, called by main.c.  The rest of this header
 * is the contract between tui.c and the screens (tui/scr-<name>.c).
 *
 * tui.c owns the terminal (newterm/endwin), the main loop, the screen
 * stack (one of the tab screens at the bottom, the help box above it when
 * shown), resizing and the "terminal too small" notice, the tab bar on the
 * first line and the status line on the last.  A screen owns only view
 * state (cursor, scroll) and borrows the desk: it re-reads every figure
 * from desk_policy_slot() on each draw, because desk_set_cutoff and
 * friends replace the results those pointers reach.  No figure is computed
 * in the TUI; numbers are formatted with util/fmt.h as the report does.
 *
 * Only src/tui includes curses; this header does not, so main.c can
 * include it.
 */
#ifndef RD_TUI_TUI_H
#define RD_TUI_TUI_H

#include <stdarg.h>

#include "tui/keys.h"

struct desk;
struct rd_err;

/*
 * Run the workbench on the controlling terminal until the user quits.
 * The desk is borrowed for the duration (cutoffs moved in the TUI stay
 * moved in it).  Returns 0 on a normal quit with the terminal restored, or
 * -1 with err RD_EUSAGE when stdin/stdout is not a terminal or the
 * terminal type cannot be used.
 */
int tui_run(struct desk *d, struct rd_err *err);

/* --------------------------------------------- for the screens only */

/* Smallest terminal the screens are laid out for. */
#define TUI_MIN_COLS 60
#define TUI_MIN_LINES 15

/* Flags a screen's key hook returns. */
#define TUI_HANDLED 0x1		/* the key meant something here */
#define TUI_REDRAW 0x2		/* the view changed: draw again */
#define TUI_QUIT 0x4		/* leave the workbench */
#define TUI_CLOSE 0x8		/* pop this screen off the stack */

/* The part of the terminal a screen draws in (stdscr coordinates). */
struct tui_area {
	int top, left;
	int lines, cols;
};

struct tui;

/*
 * A screen.  Call sequence: open once when the TUI starts, then draw and
 * key any number of times (draw after every key that returned
 * TUI_REDRAW, and after a resize), then close once.
 */
struct tui_screen {
	const char *name;	/* tab title and keys_table screen name */
	/* View state for desk d (freed by close), or NULL for none. */
	void *(*open)(struct tui *t, struct desk *d);
	void (*close)(void *view);
	/* Draw into a, which is already blank. */
	void (*draw)(void *view, struct tui *t, const struct tui_area *a);
	/* React to act (from keys_table) or, for KA_NONE, to the raw
	   curses code ch; a is the area of the last draw.  Returns
	   TUI_* flags. */
	int (*key)(void *view, struct tui *t, enum key_action act, int ch,
		const struct tui_area *a);
	/* A short key hint for the status line, e.g. "arrows scroll";
	   static or owned by the view.  May be NULL. */
	const char *(*help)(void *view);
};

extern const struct tui_screen scr_data;
extern const struct tui_screen scr_card;
extern const struct tui_screen scr_policy;

/* Roles in the colour table; each has a monochrome fallback. */
enum tui_color {
	TUI_C_NORMAL,
	TUI_C_TAB,		/* inactive tab and the tab bar */
	TUI_C_TAB_ACTIVE,
	TUI_C_STATUS,		/* status line */
	TUI_C_TITLE,		/* a screen's first line */
	TUI_C_LABEL,		/* "Approval rate", "Scaling" ... */
	TUI_C_HEADER,		/* column headings of a table */
	TUI_C_GROUP,		/* a characteristic above its bins */
	TUI_C_SELECTED,		/* the selected row */
	TUI_C_MARK,		/* a changed cutoff */
	TUI_C_DIM,		/* secondary text */
	TUI_C_ERROR,		/* messages about failures */
	TUI_C_COUNT
};

/* Set the attributes of stdscr for role c. */
void tui_color(enum tui_color c);

/* How tui_put fits a string into its width. */
enum tui_align {
	TUI_LEFT,		/* pad on the right, cut the end */
	TUI_RIGHT,		/* pad on the left, cut the end */
	TUI_LEFT_TAIL		/* pad on the right, cut the start (paths) */
};

/*
 * Print the UTF-8 string s at line y, column x in exactly width display
 * columns of stdscr, in the current attributes: padded with spaces, or cut
 * with an ellipsis when wider.  Double-width characters (CJK) count as
 * two columns and are never split; bytes that are not valid in the locale
 * and control characters show as '?'.  Does nothing when width <= 0.
 */
void tui_put(int y, int x, int width, enum tui_align align, const char *s);
void tui_putf(int y, int x, int width, enum tui_align align,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * A figure: label in the label colour, left-aligned in lw columns, then
 * value right-aligned in vw columns, at (y, x).
 */
void tui_kv(int y, int x, int lw, int vw, const char *label,
	const char *value);

/* Display width of the UTF-8 string s in the current locale. */
int tui_width(const char *s);

/*
 * Show a one-line message in the status line until the next key; error
 * selects the error colour.
 */
void tui_message(struct tui *t, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A table's heading for its first column: label, and pos (e.g. "1-12/40",
 * may be NULL) right-aligned in the same width when both fit; only label
 * otherwise.  In the current attributes.
 */
void tui_put_heading(int y, int x, int width, const char *label,
	const char *pos);

/*
 * Fill area a with the notice that no policy is loaded (every screen
 * needs the champion slot) and how to load one.
 */
void tui_draw_no_policy(const struct tui_area *a);

/*
 * First line to show of a list of n lines in a window of h lines, so
 * that line cur (or, for cur < 0, the scroll position first) is visible
 * and the window is not scrolled past the end.
 */
int tui_scroll_fit(int first, int cur, int n, int h);

#endif
