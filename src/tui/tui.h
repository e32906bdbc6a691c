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
 * friends replace the results those pointers reach.  Before each draw
 * tui.c brings the desk up to date (desk_check, desk_refresh under a
 * progress bar), so a screen never shows figures of a scorecard older
 * than the database's.  No figure is computed in the TUI; numbers are
 * formatted with util/fmt.h as the report does.
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
 * moved in it).  start (may be NULL) is the error of a policy that did
 * not load before: the workbench then opens on the Policy screen with
 * that error at its line (and every error desk_policy_errors lists).
 * Returns 0 on a normal quit with the terminal restored, or -1 with err
 * RD_EUSAGE when stdin/stdout is not a terminal or the terminal type
 * cannot be used.
 */
int tui_run(struct desk *d, const struct rd_err *start, struct rd_err *err);

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
	/* Called before each draw of the screen on top, outside any draw:
	   the place to start long work the view needs (tui_job) rather
	   than doing it inside draw.  May be NULL. */
	void (*prepare)(void *view, struct tui *t);
	/* What the view holds that is not saved, in words, into buf[len]
	   (the quit question lists it); returns 0 when nothing.  May be
	   NULL. */
	int (*unsaved)(void *view, char *buf, size_t len);
};

extern const struct tui_screen scr_data;
extern const struct tui_screen scr_chars;
extern const struct tui_screen scr_model;
extern const struct tui_screen scr_card;
extern const struct tui_screen scr_valid;
extern const struct tui_screen scr_policy;
extern const struct tui_screen scr_trade;
extern const struct tui_screen scr_infer;
extern const struct tui_screen scr_monitor;
extern const struct tui_screen scr_fraud;
extern const struct tui_screen scr_collect;

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

/*
 * Split line (modified in place) into words at blanks as a shell would,
 * '...' and "..." quoting (the options riskdesk suggests are written so:
 * --special 'monthly income=-1').  words[max] point into line.  Returns
 * their number, or -1 when there are more than max or a quote is not
 * closed.
 */
int tui_split_words(char *line, char **words, int max);

/* Display width of the UTF-8 string s in the current locale. */
int tui_width(const char *s);

/*
 * The first line of the UTF-8 string s wrapped at width display
 * columns: its first *len bytes fit (broken at the last blank that fits,
 * else between two characters, never inside one; at least one
 * character), and the next line starts *next bytes into s (the blanks at
 * the break, or a '\n' that ends the line, skipped).  Returns 0 when s
 * is empty, else 1.
 */
int tui_wrap(const char *s, int width, size_t *len, size_t *next);

/* The same, broken where the width runs out, blanks kept (a file's
   line, whose columns count). */
int tui_wrap_chars(const char *s, int width, size_t *len, size_t *next);

/* Lines s takes wrapped at width (tui_wrap); 1 for an empty string. */
int tui_wrap_lines(const char *s, int width);

/*
 * Print s wrapped at width from (y, x): its lines skip .. skip + maxl - 1
 * only (the others are someone else's to scroll to).  Returns the lines s
 * takes in all.
 */
int tui_put_wrapped(int y, int x, int width, int skip, int maxl,
	const char *s);

/* path in at most width columns when it can be: cut from the left
   ("…/dir/file.yaml"), never into its file name.  Into buf[len]. */
char *tui_path_fit(const char *path, int width, char *buf, size_t len);

/*
 * A located error as "file:line:col: message" in at most width columns
 * when it can be: a long path gives way from the left ("…/dir/file.yaml"),
 * down to its file name, so that the line, the column and the message
 * show.  Into buf[len]; returns buf.
 */
char *tui_err_fit(const struct rd_err *err, int width, char *buf,
	size_t len);

/*
 * Show a one-line message in the status line until the next key; error
 * selects the error colour.  Every message is kept in the message log
 * ('~', the last 50 in full): one wider than the status line ends there
 * in "[~]".
 */
void tui_message(struct tui *t, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A message about a file: what, then "path: " and the rest (fmt), the
 * path shortened from the left to fit the line ("loaded …/p/x.yaml: as
 * the champion"); in full in the log.
 */
void tui_message_path(struct tui *t, int error, const char *what,
	const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Keep a message in the log only, for '~' to show (the warnings of an
   import beyond the first). */
void tui_log(struct tui *t, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The same for a failure: what (e.g. "cannot write the policy: ") then
   err, its path shortened to fit the line (tui_err_fit); in full in the
   log. */
void tui_message_err(struct tui *t, const char *what,
	const struct rd_err *err);

/*
 * A table's heading for its first column: label, and pos (e.g. "1-12/40",
 * may be NULL) right-aligned in the same width when both fit; only label
 * otherwise.  In the current attributes.
 */
void tui_put_heading(int y, int x, int width, const char *label,
	const char *pos);

/*
 * Fill area a with the notice that no policy is loaded (every screen
 * needs the champion slot) and how to load one; or, when the policy
 * loaded has nothing to score (desk_unscored: fraud rules or a
 * collections strategy only), that it has no scorecard nor segments, that
 * the screen needs them, and which screen shows what the policy holds.
 */
void tui_draw_no_policy(struct tui *t, const struct tui_area *a);

/*
 * First line to show of a list of n lines in a window of h lines, so
 * that line cur (or, for cur < 0, the scroll position first) is visible
 * and the window is not scrolled past the end.
 */
int tui_scroll_fit(int first, int cur, int n, int h);

/*
 * Scroll a list of n lines shown h at a time by a scrolling key (Up,
 * Down, PgUp, PgDn, Home, End) and fit it (tui_scroll_fit).  *first is
 * the first line shown.  Returns 0 when act is not a scrolling key,
 * else TUI_HANDLED, with TUI_REDRAW when *first changed.
 */
int tui_scroll_key(enum key_action act, int *first, int n, int h);

/*
 * Move the selection *sel of a list of n lines shown h at a time by a
 * selecting key (Up, Down, PgUp, PgDn, Home, End), kept in 0 .. n - 1.
 * Returns 0 when act is not one, else TUI_HANDLED, with TUI_REDRAW when
 * *sel changed.
 */
int tui_select_key(enum key_action act, int *sel, int n, int h);

/* The desk the workbench runs on (borrowed). */
struct desk *tui_desk(struct tui *t);

/*
 * Ask a question on the status line and let the user edit an answer in
 * buf (len bytes, holding the initial text): Enter accepts (returns 0),
 * Esc or Ctrl-G gives up (returns -1, buf unchanged).  Left/Right,
 * Home/End, Backspace and Delete edit; the screen keeps redrawing on
 * resize meanwhile.
 */
int tui_prompt(struct tui *t, const char *question, char *buf, size_t len);

/* The same for a file name: Tab completes the path before the cursor as
   far as the names that match agree (a directory with its '/', "~/" the
   home directory), and lists them over the screen when several do. */
int tui_prompt_path(struct tui *t, const char *question, char *buf,
	size_t len);

/* Ask a yes/no question on the status line: 1 for y, 0 for anything
   else (n, Esc, Enter). */
int tui_confirm(struct tui *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Ask a yes/no question whose reasons do not fit a line: a box over the
 * screen with question as its title and text wrapped at word breaks
 * (each "; " also starts a line), then "y: yes, any other key: no".
 * Returns 1 for y, else 0.
 */
int tui_confirm_box(struct tui *t, const char *question, const char *text);

/*
 * Run long work in steps under a progress bar titled title.  The steps
 * run in a worker thread while this thread keeps reading keys (every 30
 * ms): Esc cancels, a resize redraws the bar.  step(arg, &done, err) does
 * a piece of the work and returns 1 while more remain, 0 when finished,
 * -1 on failure; it sets done to the share finished, 0..1.  The step must
 * touch only what arg reaches, and the screens must not be drawn from it
 * (only the bar is drawn meanwhile).  Returns 0 when the work finished, 1 when it was
 * cancelled (step is not called again; the caller undoes what it must),
 * -1 with err when a step failed.
 */
int tui_job(struct tui *t, const char *title,
	int (*step)(void *arg, double *done, struct rd_err *err), void *arg,
	struct rd_err *err);

/* The same, calling interrupt(iarg) from this thread when Esc is
   pressed, for work the core stops that way (desk_interrupt). */
int tui_job_interruptible(struct tui *t, const char *title,
	int (*step)(void *arg, double *done, struct rd_err *err), void *arg,
	void (*interrupt)(void *iarg), void *iarg, struct rd_err *err);

/* The cancel flag of the job running (non-zero once Esc was pressed), for
   a step to hand to the core (e.g. logit_spec.cancel); NULL outside a
   job. */
const _Atomic int *tui_job_cancel_flag(struct tui *t);

/*
 * The table under study on the Characteristics and Model screens (owned
 * by the TUI), or NULL.  tui_study_open replaces it with table, classing
 * its characteristics under a progress bar; returns 0, 1 when cancelled
 * (the old study stays), or -1 after showing the error.  When nothing is
 * under study yet, tui_study opens the champion's population (or the
 * first table with a target) the first time it is asked.
 */
struct desk_study *tui_study(struct tui *t);
int tui_study_open(struct tui *t, const char *table);

/* The study, without opening the default one (may be NULL). */
struct desk_study *tui_study_peek(struct tui *t);

/* How many studies tui_study_open has opened: a screen that keeps a
   place in the study sees a new table when the count changes. */
unsigned tui_study_gen(struct tui *t);

/* How many times the workbench has seen another process write to the
   database: a screen that keeps what it read from the database (the Data
   screen's tables) reads it again when the count changes. */
unsigned tui_data_gen(struct tui *t);

/*
 * For work that reports progress through a callback of the core (an
 * import's progress hook): show the progress bar titled title at share
 * done (0..1), at most every 50 ms, and read the keys typed meanwhile.
 * Returns 1 once Esc was pressed (the caller then asks the core to
 * cancel), else 0.  tui_progress_end closes the bar.
 */
int tui_progress(struct tui *t, const char *title, double done);
void tui_progress_end(struct tui *t);

/*
 * Reload the champion (challenger 0) or challenger from path under a
 * progress bar (Esc cancels), keeping what was loaded when it fails or is
 * cancelled; the error, located in the file, is shown on the Policy
 * screen.  Returns 0 or -1.
 */
int tui_load_policy(struct tui *t, const char *path, int challenger);

/*
 * Write the slot's policy with its current cutoffs to path and load it
 * again (desk_save_policy) under a progress bar.  Returns 0, or -1 with
 * err (also when cancelled).
 */
int tui_save_policy(struct tui *t, int challenger, const char *path,
	struct rd_err *err);

/* The last error of a policy load (file, line, message), or NULL. */
const struct rd_err *tui_policy_error(struct tui *t);

/*
 * The fit options of the studies (riskdesk fit's --holdout, --seed,
 * --oot-after, --date-column, --select, --criterion, --vif-max,
 * --corr-max, --pdo, --base-score, --base-odds): what the next study
 * opens with and the Model screen fits with.  Borrowed, the TUI's.
 */
struct card_fit_spec;
const struct card_fit_spec *tui_fit_options(struct tui *t);

/*
 * Take spec's sample, selection and scaling as the fit options (copied).
 * A sample that sets aside other rows opens the study again on its new
 * development rows (tui_study_open: the classing is of the development
 * sample, as riskdesk fit's; its regrouping is lost), the rest applies to
 * the study at once.  Returns 0, 1 when the new study was cancelled or
 * -1 when it failed (shown): then the options and the study stay.  A
 * study of another table starts with every row developing.
 */
int tui_set_fit_options(struct tui *t, const struct card_fit_spec *spec);

/*
 * Ask for a file name (its extension, in any case, picks the format:
 * report_format_for_path; another extension is refused with a message,
 * nothing written) and write the model and policy document of the
 * desk as it is, moved cutoffs included (report_document_write, the path
 * of riskdesk --report --document), under a progress bar; say where it
 * went, or why not.  The Validation and Trade-offs screens' D.  Returns
 * TUI_HANDLED | TUI_REDRAW.
 */
int tui_write_document(struct tui *t);

#endif
