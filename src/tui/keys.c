/*
 * keys.c - the key-binding table (see keys.h) and its two readers that do
 * not need a terminal: the lookup used by tui.c's dispatch and the roff
 * printer behind riskdesk(1)'s KEYS section.
 */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/keys.h"

#define CTRL(c) ((c) & 0x1f)

/* Shared rows of the two scrolling screens. */
#define SCROLL_ROWS(scr) \
	{ scr, "Up, k", "scroll up one line", KA_UP, \
	  { KEY_UP, 'k' } }, \
	{ scr, "Down, j", "scroll down one line", KA_DOWN, \
	  { KEY_DOWN, 'j' } }, \
	{ scr, "PgUp", "scroll up one page", KA_PAGE_UP, \
	  { KEY_PPAGE } }, \
	{ scr, "PgDn, Space", "scroll down one page", KA_PAGE_DOWN, \
	  { KEY_NPAGE, ' ' } }, \
	{ scr, "Home, g", "go to the top", KA_HOME, \
	  { KEY_HOME, 'g' } }, \
	{ scr, "End, G", "go to the bottom", KA_END, \
	  { KEY_END, 'G' } }

/* Rows of the screens whose Up/Down select a row of a list. */
#define SELECT_ROWS(scr, what) \
	{ scr, "Up, k", "select the previous " what, KA_UP, \
	  { KEY_UP, 'k' } }, \
	{ scr, "Down, j", "select the next " what, KA_DOWN, \
	  { KEY_DOWN, 'j' } }, \
	{ scr, "PgUp", "select one page up", KA_PAGE_UP, \
	  { KEY_PPAGE } }, \
	{ scr, "PgDn", "select one page down", KA_PAGE_DOWN, \
	  { KEY_NPAGE } }, \
	{ scr, "Home, g", "select the first " what, KA_HOME, \
	  { KEY_HOME, 'g' } }, \
	{ scr, "End, G", "select the last " what, KA_END, \
	  { KEY_END, 'G' } }

/* Rows of the boxes over a screen: the key list and the message log. */
#define BOX_ROWS(scr, what) \
	SCROLL_ROWS(scr), \
	{ scr, "any other key", "close " what, KA_NONE, { 0 } }

const struct key_binding keys_table[] = {
	{ KEYS_GLOBAL, "1", "show the Data screen", KA_SCREEN_DATA,
	  { '1' } },
	{ KEYS_GLOBAL, "2", "show the Characteristics screen",
	  KA_SCREEN_CHARS, { '2' } },
	{ KEYS_GLOBAL, "3", "show the Model screen", KA_SCREEN_MODEL,
	  { '3' } },
	{ KEYS_GLOBAL, "4", "show the Scorecard screen", KA_SCREEN_CARD,
	  { '4' } },
	{ KEYS_GLOBAL, "5", "show the Validation screen", KA_SCREEN_VALID,
	  { '5' } },
	{ KEYS_GLOBAL, "6", "show the Policy screen", KA_SCREEN_POLICY,
	  { '6' } },
	{ KEYS_GLOBAL, "7", "show the Trade-offs screen", KA_SCREEN_TRADE,
	  { '7' } },
	{ KEYS_GLOBAL, "8", "show the Inference screen", KA_SCREEN_INFER,
	  { '8' } },
	{ KEYS_GLOBAL, "9", "show the Monitor screen", KA_SCREEN_MONITOR,
	  { '9' } },
	{ KEYS_GLOBAL, "0", "show the Fraud screen", KA_SCREEN_FRAUD,
	  { '0' } },
	{ KEYS_GLOBAL, "C", "show the Collections screen",
	  KA_SCREEN_COLLECT, { 'C' } },
	{ KEYS_GLOBAL, "Tab", "show the next screen", KA_NEXT_SCREEN,
	  { '\t' } },
	{ KEYS_GLOBAL, "Shift-Tab", "show the previous screen",
	  KA_PREV_SCREEN, { KEY_BTAB } },
	{ KEYS_GLOBAL, "?, F1", "list the keys of the current screen",
	  KA_HELP, { '?', KEY_F(1) } },
	{ KEYS_GLOBAL, "~", "show the last messages in full, the newest "
	  "first (a message wider than the status line ends in \"[~]\")",
	  KA_MESSAGES, { '~' } },
	{ KEYS_GLOBAL, "o", "open a policy file as the champion (Tab completes "
	  "the path)",
	  KA_OPEN_POLICY, { 'o' } },
	{ KEYS_GLOBAL, "O", "open a policy file as the challenger (Tab "
	  "completes the path)",
	  KA_OPEN_CHALLENGER, { 'O' } },
	{ KEYS_GLOBAL, "Ctrl-L", "redraw the terminal, read again what "
	  "another process changed in the database (also looked for every "
	  "second and before every key), and score again a policy left out "
	  "of date by a failed or cancelled scoring",
	  KA_REDRAW, { CTRL('L') } },
	{ KEYS_GLOBAL, "q, F10", "quit (asks first when there are unsaved "
	  "changes)", KA_QUIT, { 'q', KEY_F(10) } },

	SELECT_ROWS("Data", "table"),
	{ "Data", "Enter", "study the selected table on the "
	  "Characteristics and Model screens", KA_SELECT,
	  { '\r', '\n', KEY_ENTER } },
	{ "Data", "i", "import a CSV file as a new table: its path (Tab "
	  "completes), table, target, bad value, then riskdesk import's "
	  "--type, --special, --na (and --date-format, --role, "
	  "--decimal-comma, --thousands, --replace), offered as the last "
	  "import's warnings suggest them", KA_IMPORT, { 'i' } },
	{ "Data", "p", "profile the selected table (a large one is not "
	  "profiled until asked)", KA_PROFILE, { 'p' } },
	{ "Data", "[", "select the previous column of the profile (given "
	  "in full at the bottom)", KA_LEFT, { '[' } },
	{ "Data", "]", "select the next column of the profile", KA_RIGHT,
	  { ']' } },

	SELECT_ROWS("Characteristics", "characteristic or bin"),
	{ "Characteristics", "Enter", "show the bins of the selected "
	  "characteristic; on its bins, list every level of the selected "
	  "group", KA_SELECT, { '\r', '\n', KEY_ENTER } },
	{ "Characteristics", "Esc", "back to the ranking by IV", KA_BACK,
	  { 27 } },
	{ "Characteristics", "Left, h",
	  "bins of the previous characteristic by IV", KA_LEFT,
	  { KEY_LEFT, 'h' } },
	{ "Characteristics", "Right, l",
	  "bins of the next characteristic by IV", KA_RIGHT,
	  { KEY_RIGHT, 'l' } },
	{ "Characteristics", "Shift-Up, K", "select the bins from the one "
	  "above too (a range of neighbours to merge)", KA_EXTEND_UP,
	  { KEY_SR, 'K' } },
	{ "Characteristics", "Shift-Down, J", "select the bins to the one "
	  "below too", KA_EXTEND_DOWN, { KEY_SF, 'J' } },
	{ "Characteristics", "m", "merge the selected bins, or the selected "
	  "bin with the next", KA_MERGE, { 'm' } },
	{ "Characteristics", "s", "split the selected range at a value typed "
	  "(the median of its values offered), or put a level of the "
	  "selected group, chosen from its list, in a bin of its own",
	  KA_SPLIT, { 's' } },
	{ "Characteristics", "c", "move a level of a text characteristic, "
	  "chosen from a list that typing filters, to another bin",
	  KA_MOVE_LEVEL, { 'c' } },
	{ "Characteristics", "u", "undo the last regrouping of the "
	  "characteristic, one edit at a time", KA_UNDO, { 'u' } },
	{ "Characteristics", "r, Ctrl-R", "redo the regrouping undone last",
	  KA_REDO, { 'r', CTRL('R') } },
	{ "Characteristics", "R", "reset the characteristic to the classing "
	  "the table was opened with (asks first; u takes it back)",
	  KA_REGROUP_RESET, { 'R' } },
	{ "Characteristics", "t", "WoE trend of the characteristic's optimal "
	  "classing: auto, ascending, descending, peak, valley or none; "
	  "solved again at once", KA_TREND, { 't' } },
	{ "Characteristics", "%", "least share of the rows in each bin; "
	  "solved again at once", KA_MIN_SHARE, { '%' } },
	{ "Characteristics", "S", "special values of the characteristic, "
	  "each a bin of its own; solved again at once", KA_SPECIALS,
	  { 'S' } },
	{ "Characteristics", "T", "class the characteristic as categories "
	  "or as numbers, and back; solved again at once (not saved: the "
	  "table keeps its column's type)", KA_KIND, { 'T' } },
	{ "Characteristics", "f", "show the fine classes beside the bins, "
	  "or hide them", KA_FINE, { 'f' } },
	{ "Characteristics", "w", "save the characteristic's binning in the "
	  "database (fits and riskdesk bin use it)", KA_SAVE, { 'w' } },
	{ "Characteristics", "Space", "choose the characteristic for the "
	  "model, or leave it out", KA_TOGGLE, { ' ' } },

	{ "Level list", "Up, Down, PgUp, PgDn", "select a level", KA_NONE,
	  { KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE } },
	{ "Level list", "any character", "filter the levels: those "
	  "containing what is typed, in any case", KA_NONE, { 0 } },
	{ "Level list", "Backspace", "take back a character of the filter",
	  KA_NONE, { KEY_BACKSPACE, 127, 8 } },
	{ "Level list", "Enter", "take the selected level", KA_NONE,
	  { '\r', '\n', KEY_ENTER } },
	{ "Level list", "Esc", "close the list", KA_NONE, { 27 } },

	SELECT_ROWS("Model", "characteristic"),
	{ "Model", "Space", "choose the characteristic for the model, or "
	  "leave it out", KA_TOGGLE, { ' ' } },
	{ "Model", "e", "set the fit options as riskdesk fit takes them "
	  "(--holdout and --seed, --oot-after and --date-column, --select, "
	  "--criterion, --vif-max, --corr-max, --pdo, --base-score, "
	  "--base-odds); a holdout classes the development rows again",
	  KA_OPTIONS, { 'e' } },
	{ "Model", "f", "fit a scorecard on the chosen characteristics",
	  KA_FIT, { 'f' } },
	{ "Model", "v", "show the next view of the fit: coefficients, VIFs "
	  "and correlated pairs, selection steps, characteristics left out",
	  KA_VIEW, { 'v' } },
	{ "Model", "[", "scroll the view of the fit up", KA_LEFT, { '[' } },
	{ "Model", "]", "scroll the view of the fit down", KA_RIGHT,
	  { ']' } },
	{ "Model", "w", "save the fitted scorecard in the database",
	  KA_SAVE, { 'w' } },

	SELECT_ROWS("Scorecard", "line (given in full at the bottom)"),

	SCROLL_ROWS("Validation"),
	{ "Validation", "v", "show the next chart: ROC, KS, gains, "
	  "calibration, PSI", KA_VIEW, { 'v' } },
	{ "Validation", "s", "of a scorecard with a holdout: the "
	  "development and holdout samples side by side, then the "
	  "development alone, then the holdout alone (every column of a "
	  "table)", KA_SAMPLE, { 's' } },
	{ "Validation", "Enter", "validate the scorecard again", KA_SELECT,
	  { '\r', '\n', KEY_ENTER } },
	{ "Validation", "D", "write the model and policy document to a "
	  "file: .html (the page with its charts), .xlsx (the workbook), "
	  ".json or .txt, in any case (another extension is refused), as "
	  "riskdesk --report --document does",
	  KA_DOCUMENT, { 'D' } },

	SCROLL_ROWS("Policy"),

	{ "Trade-offs", "Up, k", "select the previous segment", KA_UP,
	  { KEY_UP, 'k' } },
	{ "Trade-offs", "Down, j", "select the next segment", KA_DOWN,
	  { KEY_DOWN, 'j' } },
	{ "Trade-offs", "Home, g", "select the first segment", KA_HOME,
	  { KEY_HOME, 'g' } },
	{ "Trade-offs", "End, G", "select the last segment", KA_END,
	  { KEY_END, 'G' } },
	{ "Trade-offs", "Right, l", "raise the segment's cutoff by 1 point",
	  KA_CUTOFF_UP, { KEY_RIGHT, 'l' } },
	{ "Trade-offs", "Left, h", "lower the segment's cutoff by 1 point",
	  KA_CUTOFF_DOWN, { KEY_LEFT, 'h' } },
	{ "Trade-offs", "PgUp, Shift-Right, +",
	  "raise the segment's cutoff by 10 points", KA_CUTOFF_UP10,
	  { KEY_PPAGE, KEY_SRIGHT, '+' } },
	{ "Trade-offs", "PgDn, Shift-Left, -",
	  "lower the segment's cutoff by 10 points", KA_CUTOFF_DOWN10,
	  { KEY_NPAGE, KEY_SLEFT, '-' } },
	{ "Trade-offs", "r",
	  "put the segment's cutoff back to the policy file's",
	  KA_CUTOFF_RESET, { 'r' } },
	{ "Trade-offs", "R", "put every cutoff back to the policy file's",
	  KA_CUTOFF_RESET_ALL, { 'R' } },
	{ "Trade-offs", "[", "scroll the figures (and the knock-outs beside "
	  "them) up, when not all show", KA_LEFT, { '[' } },
	{ "Trade-offs", "]", "scroll the figures down: refer rate, expected "
	  "bad rate, exposure, revenue, funding cost, profit, credit limits, "
	  "knocked out and, with fraud rules, the outcome lines (fraud "
	  "decline and refer, knock-out, credit decline and refer, approve)",
	  KA_RIGHT, { ']' } },
	{ "Trade-offs", "v", "show the next chart: bad rate, then expected "
	  "loss, against approval rate for the segment and for all "
	  "segments at one cutoff; the swap set", KA_VIEW,
	  { 'v' } },
	{ "Trade-offs", "x", "move the challenger's cutoffs instead of the "
	  "champion's, and back", KA_SIDE, { 'x' } },
	{ "Trade-offs", "w", "write the policy with the moved cutoffs to a "
	  "YAML file, comments kept (Tab completes the path)", KA_SAVE, { 'w' } },
	{ "Trade-offs", "D", "write the model and policy document at the "
	  "moved cutoffs to a file: .html, .xlsx, .json or .txt, in any "
	  "case (another extension is refused)",
	  KA_DOCUMENT, { 'D' } },

	SELECT_ROWS("Inference", "line (given in full at the bottom)"),
	{ "Inference", "e", "set the inference to run as riskdesk infer "
	  "takes it (--from, --name, --table, --method, --factor, "
	  "--bad-multiple, --cutoff, --reject-weight, --bands, --seed; the "
	  "command's defaults)", KA_OPTIONS, { 'e' } },
	{ "Inference", "m", "the next method: hard-cutoff, fuzzy, parceling, "
	  "reweighting (a --name not given follows it)", KA_METHOD, { 'm' } },
	{ "Inference", "f", "run the inference and store the inferred "
	  "scorecard as riskdesk infer does (asks before it replaces a "
	  "stored one), then compare it with the KGB scorecard", KA_FIT,
	  { 'f' } },
	{ "Inference", "c", "compare a scorecard riskdesk infer made with its "
	  "KGB scorecard, as riskdesk infer --compare --policy does with the "
	  "champion's policy file", KA_COMPARE, { 'c' } },
	{ "Inference", "Enter", "compare again", KA_SELECT,
	  { '\r', '\n', KEY_ENTER } },
	SCROLL_ROWS("Monitor"),
	{ "Monitor", "Enter", "monitor the champion's scorecard again, as "
	  "riskdesk monitor does with its defaults and the champion's policy",
	  KA_SELECT, { '\r', '\n', KEY_ENTER } },
	{ "Monitor", "v", "show the vintage curves (each cohort's cumulative "
	  "bad rate by months on book) in place of the period charts, and "
	  "back", KA_VIEW, { 'v' } },
	{ "Fraud", "Up, k", "select the previous rule (its condition and "
	  "threshold below the rules)", KA_UP, { KEY_UP, 'k' } },
	{ "Fraud", "Down, j", "select the next rule", KA_DOWN,
	  { KEY_DOWN, 'j' } },
	{ "Fraud", "Home, g", "select the first rule", KA_HOME,
	  { KEY_HOME, 'g' } },
	{ "Fraud", "End, G", "select the last rule", KA_END,
	  { KEY_END, 'G' } },
	{ "Fraud", "Right, l", "raise the rule's threshold to the next value "
	  "of its feature that changes a verdict, and evaluate the rules "
	  "again", KA_CUTOFF_UP, { KEY_RIGHT, 'l' } },
	{ "Fraud", "Left, h", "lower the rule's threshold to the previous "
	  "such value", KA_CUTOFF_DOWN, { KEY_LEFT, 'h' } },
	{ "Fraud", "PgUp, Shift-Right, +", "raise the threshold by 10 such "
	  "values", KA_CUTOFF_UP10, { KEY_PPAGE, KEY_SRIGHT, '+' } },
	{ "Fraud", "PgDn, Shift-Left, -", "lower the threshold by 10 such "
	  "values", KA_CUTOFF_DOWN10, { KEY_NPAGE, KEY_SLEFT, '-' } },
	{ "Fraud", "[", "the rule's previous threshold, when its condition "
	  "has several", KA_LEFT, { '[' } },
	{ "Fraud", "]", "the rule's next threshold", KA_RIGHT, { ']' } },
	{ "Fraud", "r", "put the threshold back to the policy file's",
	  KA_CUTOFF_RESET, { 'r' } },
	{ "Fraud", "R", "put every threshold back to the policy file's",
	  KA_CUTOFF_RESET_ALL, { 'R' } },
	{ "Fraud", "v", "show the curve of the rule set instead of the "
	  "rule's, and back", KA_VIEW, { 'v' } },
	{ "Fraud", "w", "write the policy with the moved thresholds to a "
	  "YAML file, every other byte kept (Tab completes the path)",
	  KA_SAVE, { 'w' } },

	{ "Collections", "Up, k", "select the previous strategy rule", KA_UP,
	  { KEY_UP, 'k' } },
	{ "Collections", "Down, j", "select the next strategy rule", KA_DOWN,
	  { KEY_DOWN, 'j' } },
	{ "Collections", "Home, g", "select the first strategy rule",
	  KA_HOME, { KEY_HOME, 'g' } },
	{ "Collections", "End, G", "select the last strategy rule", KA_END,
	  { KEY_END, 'G' } },
	{ "Collections", "PgUp", "scroll the plans, rates and tests up",
	  KA_PAGE_UP, { KEY_PPAGE } },
	{ "Collections", "PgDn", "scroll the plans, rates and tests down",
	  KA_PAGE_DOWN, { KEY_NPAGE } },
	{ "Collections", "Right, l", "give the selected rule the next "
	  "treatment of costs (never its challenger), and plan the month "
	  "again", KA_RIGHT, { KEY_RIGHT, 'l' } },
	{ "Collections", "Left, h", "give the selected rule the previous "
	  "treatment (never its challenger), and plan the month again",
	  KA_LEFT, { KEY_LEFT, 'h' } },
	{ "Collections", "c", "set the monthly capacity of the selected "
	  "rule's treatment (accounts, or none), and plan the month again",
	  KA_OPTIONS, { 'c' } },
	{ "Collections", "o", "open a policy with a collections section "
	  "(Tab completes the path)", KA_OPEN_POLICY, { 'o' } },
	{ "Collections", "x", "open a challenger strategy planned beside "
	  "the policy's (empty: none)", KA_OPEN_CHALLENGER, { 'x' } },
	{ "Collections", "R", "read the policy again: its treatments and "
	  "capacities as the file has them", KA_CUTOFF_RESET_ALL, { 'R' } },

	BOX_ROWS("Help", "the list of keys"),
	BOX_ROWS("Messages", "the messages"),

	{ NULL, NULL, NULL, KA_NONE, { 0 } }
};

static enum key_action
lookup_in(const char *screen, int code)
{
	const struct key_binding *kb;
	int i;

	for (kb = keys_table; kb->screen != NULL; kb++) {
		if (strcmp(kb->screen, screen) != 0)
			continue;
		for (i = 0; i < KEYS_MAX_CODES && kb->codes[i] != 0; i++)
			if (kb->codes[i] == code)
				return kb->id;
	}
	return KA_NONE;
}

enum key_action
keys_lookup(const char *screen, int code)
{
	enum key_action a = KA_NONE;

	if (screen != NULL)
		a = lookup_in(screen, code);
	if (a == KA_NONE)
		a = lookup_in(KEYS_GLOBAL, code);
	return a;
}

/* ------------------------------------------------------------- roff */

/* Write s with roff's escape character and hyphens escaped. */
static void
roff_text(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else if (s[i] == '-')
			fputs("\\-", f);
		else
			fputc(s[i], f);
	}
}

/* Start a text line: a leading '.' or '\'' would be read as a request. */
static void
roff_line(FILE *f, const char *s)
{
	if (s[0] == '.' || s[0] == '\'')
		fputs("\\&", f);
	roff_text(f, s, strlen(s));
	fputc('\n', f);
}

/* The keys "Up, k" as "\fBUp\fR, \fBk\fR"; words that name no key
   (a row without codes, "any other key") in italics. */
static void
roff_keys(FILE *f, const struct key_binding *kb)
{
	const char *p = kb->keys, *comma;

	if (p[0] == '.' || p[0] == '\'')
		fputs("\\&", f);
	if (kb->codes[0] == 0) {
		fputs("\\fI", f);
		roff_text(f, p, strlen(p));
		fputs("\\fR\n", f);
		return;
	}
	for (;;) {
		comma = strstr(p, ", ");
		fputs("\\fB", f);
		roff_text(f, p, comma != NULL ? (size_t)(comma - p) :
		    strlen(p));
		fputs("\\fR", f);
		if (comma == NULL)
			break;
		fputs(", ", f);
		p = comma + 2;
	}
	fputc('\n', f);
}

void
keys_print_roff(FILE *f)
{
	const struct key_binding *kb;
	const char *last = NULL;

	for (kb = keys_table; kb->screen != NULL; kb++) {
		if (last == NULL || strcmp(last, kb->screen) != 0) {
			if (strcmp(kb->screen, KEYS_GLOBAL) == 0)
				fputs(".SS Everywhere\n", f);
			else if (strcmp(kb->screen, "Help") == 0)
				fputs(".SS In the list of keys (?)\n", f);
			else if (strcmp(kb->screen, "Messages") == 0)
				fputs(".SS In the message log (~)\n", f);
			else if (strcmp(kb->screen, "Level list") == 0)
				fputs(".SS In the list of levels "
				    "(Characteristics: c, s, Enter)\n", f);
			else
				fprintf(f, ".SS %s screen\n", kb->screen);
			last = kb->screen;
		}
		fputs(".TP\n", f);
		roff_keys(f, kb);
		roff_line(f, kb->action);
	}
}
