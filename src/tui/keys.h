/*
 * keys.h - the one key-binding table of the workbench.
 *
 * Every key the TUI answers to is a row of keys_table: tui.c dispatches
 * through it, the '?' help box lists the rows of the current screen, and
 * `riskdesk --keys-roff` prints it as the KEYS section of riskdesk(1), so
 * the three cannot drift apart (htop's Action_setBindings does the same).
 * To add a key: add a row here and handle its action in the screen's key
 * hook; the help box and the man page follow.
 *
 * Rows are grouped by screen, "global" first; within a screen a code is
 * bound once, and a screen row wins over a global row with the same code.
 * This header does not include curses, so main.c can use it.
 */
#ifndef RD_TUI_KEYS_H
#define RD_TUI_KEYS_H

#include <stdio.h>

/* What a key asks for.  Screens receive these, never raw key codes. */
enum key_action {
	KA_NONE = 0,
	/* global, handled by tui.c */
	KA_SCREEN_DATA,		/* the nine tabs, in tab order */
	KA_SCREEN_CHARS,
	KA_SCREEN_MODEL,
	KA_SCREEN_CARD,
	KA_SCREEN_VALID,
	KA_SCREEN_POLICY,
	KA_SCREEN_TRADE,
	KA_SCREEN_INFER,
	KA_SCREEN_MONITOR,
	KA_SCREEN_FRAUD,
	KA_SCREEN_COLLECT,
	KA_NEXT_SCREEN,
	KA_PREV_SCREEN,
	KA_HELP,
	KA_MESSAGES,		/* the message log */
	KA_REDRAW,
	KA_QUIT,
	/* movement, given to the screen */
	KA_UP,
	KA_DOWN,
	KA_PAGE_UP,
	KA_PAGE_DOWN,
	KA_HOME,
	KA_END,
	/* Policy screen: the selected segment's cutoff */
	KA_CUTOFF_UP,
	KA_CUTOFF_DOWN,
	KA_CUTOFF_UP10,
	KA_CUTOFF_DOWN10,
	KA_CUTOFF_RESET,
	KA_CUTOFF_RESET_ALL,
	/* screen commands */
	KA_SELECT,		/* Enter: open or use the selected row */
	KA_BACK,		/* Esc: leave a detail view */
	KA_IMPORT,		/* Data: import a CSV */
	KA_PROFILE,		/* Data: profile a large table */
	KA_LEFT,		/* Characteristics: previous bin */
	KA_RIGHT,		/* Characteristics: next bin */
	KA_MERGE,
	KA_SPLIT,
	KA_MOVE_LEVEL,
	KA_REGROUP_RESET,
	/* Characteristics: regrouping (one characteristic's bins) */
	KA_EXTEND_UP,		/* grow the selection of bins upwards */
	KA_EXTEND_DOWN,
	KA_UNDO,
	KA_REDO,
	KA_TREND,
	KA_MIN_SHARE,
	KA_SPECIALS,
	KA_KIND,		/* classed as numbers or as categories */
	KA_FINE,		/* the fine classes beside the coarse bins */
	KA_TOGGLE,		/* Model: choose a characteristic */
	KA_FIT,
	KA_OPTIONS,		/* Model: the fit options */
	KA_SAVE,		/* store the fitted scorecard / write the policy */
	KA_OPEN_POLICY,
	KA_OPEN_CHALLENGER,
	KA_VIEW,		/* next chart or table of the screen */
	KA_SAMPLE,		/* Validation: which samples show */
	KA_SIDE,		/* Trade-offs: work on champion or challenger */
	KA_DOCUMENT,		/* Validation, Trade-offs: write the document */
	KA_METHOD,		/* Inference: the next method */
	KA_COMPARE		/* Inference: compare an inferred scorecard */
};

#define KEYS_MAX_CODES 4

/* The screen name of the rows that apply on every screen. */
#define KEYS_GLOBAL "global"

struct key_binding {
	const char *screen;	/* KEYS_GLOBAL or a screen's tab name */
	const char *keys;	/* the keys as help and riskdesk(1) show them */
	const char *action;	/* what they do: lowercase, no full stop */
	enum key_action id;
	int codes[KEYS_MAX_CODES];	/* curses key codes, 0-terminated
					   when fewer than KEYS_MAX_CODES */
};

/* The table, terminated by a row whose screen is NULL.  Static. */
extern const struct key_binding keys_table[];

/*
 * The action bound to key code on screen (its own rows first, then the
 * global ones), or KA_NONE.  screen may be NULL for the global rows only.
 */
enum key_action keys_lookup(const char *screen, int code);

/*
 * Print the body of riskdesk(1)'s KEYS section in roff: one .SS per
 * screen ("Everywhere", then each screen) and a .TP entry per row, with
 * roff's special characters escaped.  The caller writes ".SH KEYS".
 */
void keys_print_roff(FILE *f);

#endif
