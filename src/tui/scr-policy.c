/*
 * scr-policy.c - the Policy screen: the policy as loaded from its YAML
 * file, and the file itself.
 *
 * One scrolling list: the champion's knock-out rules (condition, reason,
 * applicants declined), its segments (condition, cutoff, refer band, LGD,
 * EAD, score bands with their limits and APR), then the YAML file with
 * line numbers.  When the last policy load failed (the 'o' or 'O' keys,
 * tui_load_policy), the failure comes first, located file:line:col (with
 * several errors, their count and the first SCR_POLICY_ERRORS of them,
 * as desk_policy_errors lists them), and the file shown is the failed
 * one, scrolled to the first error line; every error line is highlighted
 * with a caret under the column.  What the screen shows of the policy is
 * read from the desk's policy struct at each draw.  Nothing is cut: a
 * long line wraps (at blanks; a file's line where the width runs out,
 * under its number, the caret under the right part), and the path in the
 * heading of the errors gives way from the left.
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "desk/desk.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* How many errors of a failed load the screen lists. */
#define SCR_POLICY_ERRORS 5

struct policy_view {
	struct desk *desk;	/* borrowed */
	struct tui *tui;	/* borrowed */
	int first;		/* first list line shown */
	int h, n;		/* lines shown and in all, last draw */
	/* The file shown: its path and lines, read again when the path or
	   the error changes. */
	char *path;
	char **lines;
	size_t nlines;
	long err_line;		/* the error's line shown, 0 none */
	int scrolled;		/* scrolled to the error already */
};

static void
free_lines(struct policy_view *v)
{
	size_t i;

	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v->path);
	v->lines = NULL;
	v->nlines = 0;
	v->path = NULL;
}

/* Read the file at path into v->lines (tabs shown as spaces). */
static void
read_lines(struct policy_view *v, const char *path)
{
	FILE *fp;
	char *line = NULL, *p;
	size_t cap = 0, acap = 0;
	ssize_t r;

	free_lines(v);
	v->path = xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	while ((r = getline(&line, &cap, fp)) != -1) {
		while (r > 0 && (line[r - 1] == '\n' || line[r - 1] == '\r'))
			line[--r] = '\0';
		for (p = line; *p != '\0'; p++)
			if (*p == '\t')
				*p = ' ';
		if (v->nlines == acap) {
			acap = acap == 0 ? 64 : 2 * acap;
			v->lines = xrealloc(v->lines, acap * sizeof *v->lines);
		}
		v->lines[v->nlines++] = xstrdup(line);
	}
	free(line);
	fclose(fp);
}

static void *
policy_open(struct tui *t, struct desk *d)
{
	struct policy_view *v = xcalloc(1, sizeof *v);

	v->desk = d;
	v->tui = t;
	return v;
}

static void
policy_close(void *view)
{
	struct policy_view *v = view;

	free_lines(v);
	free(v);
}

static char *
fmt_num(char *buf, double x)
{
	snprintf(buf, FMT_BUF, "%.10g", x);
	return buf;
}

/* ------------------------------------------------------------ the list */

/*
 * The list is produced line by line through emit(): kind says how to
 * draw it, text is its content.  Counting and drawing walk it the same
 * way, so scrolling knows the length.
 */
enum line_kind {
	L_TITLE,
	L_ERROR,
	L_GROUP,
	L_TEXT,
	L_DIM,
	L_FILE,			/* a file line; num is its number */
	L_FILE_ERROR,		/* the error's line */
	L_CARET			/* the caret under the error's column */
};

struct walk {
	const struct tui_area *a;
	int first, h, i;
	int draw;
	int lnw;		/* width of the line numbers */
};

/* One line of the screen: num is a file line's number, 0 for the
   continuation of a long one. */
static void
emit_line(struct walk *w, enum line_kind kind, long num, const char *text)
{
	int y = w->a->top + 1 + w->i - w->first, x = w->a->left + 1;
	int cols = w->a->cols - 2;

	if (w->draw && w->i >= w->first && w->i < w->first + w->h) {
		switch (kind) {
		case L_TITLE:
			tui_color(TUI_C_TITLE);
			break;
		case L_ERROR:
		case L_FILE_ERROR:
			tui_color(TUI_C_ERROR);
			break;
		case L_GROUP:
			tui_color(TUI_C_GROUP);
			break;
		case L_DIM:
			tui_color(TUI_C_DIM);
			break;
		default:
			tui_color(TUI_C_NORMAL);
			break;
		}
		if (kind == L_FILE || kind == L_FILE_ERROR || kind == L_CARET) {
			if (kind != L_FILE_ERROR)
				tui_color(TUI_C_DIM);
			if (kind == L_CARET || num == 0)
				tui_put(y, x, w->lnw + 1, TUI_LEFT, "");
			else
				tui_putf(y, x, w->lnw + 1, TUI_RIGHT, "%ld ",
				    num);
			tui_color(kind == L_FILE_ERROR ? TUI_C_ERROR :
			    kind == L_CARET ? TUI_C_MARK : TUI_C_NORMAL);
			tui_put(y, x + w->lnw + 1, cols - w->lnw - 1,
			    TUI_LEFT, text);
		} else {
			tui_put(y, x, cols, TUI_LEFT, text);
		}
		tui_color(TUI_C_NORMAL);
	}
	w->i++;
}

/* The width a file's line has beside its number. */
static int
file_width(const struct walk *w)
{
	int fw = w->a->cols - 2 - w->lnw - 1;

	return fw > 1 ? fw : 1;
}

/*
 * A line of the list, wrapped so that nothing is cut: text at the blanks
 * that fit, a file's line where the width runs out (under its number).
 */
static void
emit(struct walk *w, enum line_kind kind, long num, const char *text)
{
	int file = kind == L_FILE || kind == L_FILE_ERROR;
	int width = file ? file_width(w) : w->a->cols - 2;
	size_t len, next;
	char *part;

	if (kind == L_CARET || (file ? !tui_wrap_chars(text, width, &len,
	    &next) : !tui_wrap(text, width, &len, &next))) {
		emit_line(w, kind, num, text);
		return;
	}
	do {
		part = xstrndup(text, len);
		emit_line(w, kind, num, part);
		free(part);
		num = 0;
		text += next;
	} while (file ? tui_wrap_chars(text, width, &len, &next) :
	    tui_wrap(text, width, &len, &next));
}

static void
emitf(struct walk *w, enum line_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
emitf(struct walk *w, enum line_kind kind, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	emit(w, kind, 0, buf);
}

/* The policy as loaded: knock-outs, segments, bands. */
static void
walk_policy(struct walk *w, const struct desk_policy *s)
{
	const struct policy *p = s->policy;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t k, m;

	emitf(w, L_TITLE, "Policy %s", p->name);
	emitf(w, L_DIM, "file %s", p->path);
	emitf(w, L_DIM, "scorecard %s on population %s", p->scorecard,
	    p->population);
	emit(w, L_TEXT, 0, "");
	emitf(w, L_GROUP, "Knock-outs (%zu), tried in order", p->nknockouts);
	for (k = 0; k < p->nknockouts; k++)
		emitf(w, L_TEXT, "  %-5s %s  when %s  (%s declined, line %ld)",
		    p->knockouts[k].reason, p->knockouts[k].name,
		    p->knockouts[k].when,
		    fmt_count(b1, (double)s->result.ko_count[k]),
		    p->knockouts[k].at.line);
	emit(w, L_TEXT, 0, "");
	emitf(w, L_GROUP, "Segments (%zu), first match wins", p->nsegments);
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *g = &p->segments[k];

		emitf(w, L_TEXT, "  %s%s%s  (line %ld)", g->name,
		    g->when != NULL ? " when " : " (default: every other "
		    "applicant)", g->when != NULL ? g->when : "", g->at.line);
		if (isnan(g->refer))
			emitf(w, L_DIM, "    cutoff %s, no refer band, LGD %s, "
			    "EAD %s", fmt_num(b1, g->cutoff),
			    fmt_pct(b3, g->lgd), g->ead);
		else
			emitf(w, L_DIM, "    cutoff %s, refer from %s, LGD %s, "
			    "EAD %s", fmt_num(b1, g->cutoff),
			    fmt_num(b2, g->refer), fmt_pct(b3, g->lgd),
			    g->ead);
		for (m = 0; m < g->nbands; m++) {
			const struct policy_band *bd = &g->bands[m];

			emitf(w, L_DIM, "    band [%s, %s): limit %s, APR %s",
			    fmt_num(b1, bd->from), isinf(bd->to) ? "inf" :
			    fmt_num(b2, bd->to), bd->nincome > 0 ? "by income" :
			    fmt_money(b3, bd->limit), fmt_pct(b4, bd->apr));
		}
	}
}

/*
 * The errors of the failed load err is the first of (desk_policy_errors),
 * or err alone when the desk holds another list: *n of them.
 */
static const struct rd_err *
load_errors(struct policy_view *v, const struct rd_err *err, size_t *n,
	size_t *dropped)
{
	const struct policy_errors *pe = desk_policy_errors(v->desk);

	*n = 0;
	*dropped = 0;
	if (err == NULL)
		return NULL;
	if (pe->n > 0 && pe->err[0].line == err->line &&
	    pe->err[0].col == err->col && strcmp(pe->err[0].msg,
	    err->msg) == 0) {
		*n = pe->n;
		*dropped = pe->dropped;
		return pe->err;
	}
	*n = 1;
	return err;
}

/*
 * The column of the first of errs[n] at line of file path, 0 when none
 * is there.
 */
static long
error_col(const struct rd_err *errs, size_t n, const char *path, long line)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (errs[k].line == line && (errs[k].file[0] == '\0' ||
		    strcmp(errs[k].file, path) == 0))
			return errs[k].col > 0 ? errs[k].col : 1;
	return 0;
}

/* Characters in the first len bytes of s (UTF-8; a bad byte counts
   one, as the screen shows it). */
static long
nchars(const char *s, size_t len)
{
	mbstate_t st;
	size_t off = 0, r;
	long n = 0;

	memset(&st, 0, sizeof st);
	while (off < len) {
		r = mbrtowc(NULL, s + off, len - off, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			r = 1;
			memset(&st, 0, sizeof st);
		}
		off += r;
		n++;
	}
	return n;
}

/*
 * An error line of the file, col its error's column (1-based, in
 * characters): its parts as emit wraps them, the caret under the column
 * after the part that holds it.
 */
static void
emit_error_line(struct walk *w, long num, const char *text, long col)
{
	char caret[1024], *part;
	size_t len, next;
	long at = 0, c, n;
	int first = 1;

	if (!tui_wrap_chars(text, file_width(w), &len, &next))
		len = next = 0;
	for (;;) {
		n = nchars(text, len);
		part = xstrndup(text, len);
		emit_line(w, L_FILE_ERROR, first ? num : 0, part);
		free(part);
		first = 0;
		if (col - 1 >= at && (col - 1 < at + n || next == len)) {
			/* Columns count characters; a caret under it. */
			c = col - 1 - at;
			if (c > (long)sizeof caret - 2)
				c = (long)sizeof caret - 2;
			memset(caret, ' ', (size_t)c);
			caret[c] = '^';
			caret[c + 1] = '\0';
			emit_line(w, L_CARET, 0, caret);
			col = 0;
		}
		at += n;
		text += next;
		if (!tui_wrap_chars(text, file_width(w), &len, &next))
			break;
	}
}

/* The file, with each error line and a caret under its column; *err_at
   receives the list line of line err_line of the file (-1 when none). */
static void
walk_file(struct walk *w, struct policy_view *v, const struct rd_err *errs,
	size_t nerrs, long err_line, int *err_at)
{
	size_t i;

	emit(w, L_TEXT, 0, "");
	emitf(w, L_GROUP, "%s", v->path);
	if (v->nlines == 0) {
		emit(w, L_DIM, 0, "  (cannot read the file)");
		return;
	}
	for (i = 0; i < v->nlines; i++) {
		long col = error_col(errs, nerrs, v->path, (long)i + 1);

		if ((long)i + 1 == err_line)
			*err_at = w->i;
		if (col > 0)
			emit_error_line(w, (long)i + 1, v->lines[i], col);
		else
			emit(w, L_FILE, (long)i + 1, v->lines[i]);
	}
}

/* The whole list; returns its length.  Also notes where the error line
   is, for the first scroll. */
static int
walk_all(struct walk *w, struct policy_view *v, int *err_at)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct rd_err *err = tui_policy_error(v->tui), *errs;
	char where[1024];
	size_t nerrs, dropped, k;

	w->i = 0;
	*err_at = -1;
	errs = load_errors(v, err, &nerrs, &dropped);
	if (err != NULL && nerrs + dropped > 1) {
		char head[64], path[1024];
		const char *tail = nerrs > SCR_POLICY_ERRORS ? "; the first:" :
		    ":";

		/* The path gives way from the left: the file in full is the
		   heading above its lines. */
		snprintf(head, sizeof head, "%zu errors in ", nerrs + dropped);
		tui_path_fit(err->file, w->a->cols - 2 - tui_width(head) -
		    tui_width(tail), path, sizeof path);
		emitf(w, L_ERROR, "%s%s%s", head, path, tail);
		/* The file is said once, above; each error by its line. */
		for (k = 0; k < nerrs && k < SCR_POLICY_ERRORS; k++) {
			if (errs[k].line > 0 && strcmp(errs[k].file,
			    err->file) == 0)
				emitf(w, L_ERROR, "  line %ld, column %ld: %s",
				    errs[k].line, errs[k].col, errs[k].msg);
			else
				emitf(w, L_ERROR, "  %s", rd_err_format(
				    &errs[k], where, sizeof where));
		}
		if (nerrs + dropped > SCR_POLICY_ERRORS)
			emitf(w, L_DIM, "  and %zu more: riskdesk check-policy "
			    "lists them all", nerrs + dropped -
			    SCR_POLICY_ERRORS);
	} else if (err != NULL)
		emit(w, L_ERROR, 0, tui_err_fit(err, w->a->cols - 2, where,
		    sizeof where));
	if (err != NULL) {
		emitf(w, L_DIM, "not loaded; %s", s != NULL ?
		    "the policy below is still in use" : "no policy in use");
		emit(w, L_TEXT, 0, "");
	}
	if (s != NULL)
		walk_policy(w, s);
	else if (err == NULL && desk_unscored(v->desk) != NULL)
		emitf(w, L_DIM, "policy %s holds %s only: no scorecard, no "
		    "segments; the %s shows %s", desk_unscored(v->desk)->name,
		    policy_unscored_holds(desk_unscored(v->desk)),
		    desk_fraud_only(v->desk) == NULL ? "Collections screen (C)"
		    : desk_collect_only(v->desk) == NULL ? "Fraud screen (0)" :
		    "Fraud screen (0) its rules, the Collections screen (C)",
		    desk_fraud_only(v->desk) == NULL ? "its strategy" :
		    desk_collect_only(v->desk) == NULL ? "them" :
		    "its strategy");
	else if (err == NULL)
		emit(w, L_DIM, 0, "no policy loaded: o opens a policy file");
	if (v->path != NULL)
		walk_file(w, v, errs, nerrs, err != NULL ? err->line : 0,
		    err_at);
	return w->i;
}

static void
policy_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct policy_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct rd_err *err = tui_policy_error(t);
	const char *want = err != NULL ? err->file : s != NULL ?
	    s->policy->path : desk_unscored(v->desk) != NULL ?
	    desk_unscored(v->desk)->path : NULL;
	struct walk w;
	char pos[64];
	int err_at;

	/* Read the file again when another one is to be shown, or the
	   error changed (the author may have fixed it meanwhile). */
	if (want != NULL && (v->path == NULL || strcmp(v->path, want) != 0 ||
	    v->err_line != (err != NULL ? err->line : 0))) {
		read_lines(v, want);
		v->err_line = err != NULL ? err->line : 0;
		v->scrolled = 0;
	}
	memset(&w, 0, sizeof w);
	w.a = a;
	w.lnw = 3;
	if (v->nlines >= 1000)
		w.lnw = 5;
	v->n = walk_all(&w, v, &err_at);
	v->h = a->lines - 1;
	if (!v->scrolled && err != NULL && err->line > 0 && err_at >= 0) {
		/* Show the error line a third of the way down. */
		v->first = err_at - v->h / 3;
		v->scrolled = 1;
	}
	v->first = tui_scroll_fit(v->first, -1, v->n, v->h);
	w.first = v->first;
	w.h = v->h;
	w.draw = 1;
	walk_all(&w, v, &err_at);
	/* The position, right-aligned on the first line. */
	if (v->n > v->h) {
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < v->n ? v->first + v->h : v->n, v->n);
		tui_color(TUI_C_DIM);
		tui_put(a->top, a->left + a->cols - 1 - tui_width(pos),
		    tui_width(pos), TUI_LEFT, pos);
		tui_color(TUI_C_NORMAL);
	}
	tui_color(TUI_C_LABEL);
	tui_put(a->top, a->left + 1, a->cols - 3 - (int)strlen(pos),
	    TUI_LEFT, "The policy as loaded, and its file");
	tui_color(TUI_C_NORMAL);
}

static int
policy_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct policy_view *v = view;

	(void)t;
	(void)ch;
	(void)a;
	return tui_scroll_key(act, &v->first, v->n, v->h);
}

static const char *
policy_help(void *view)
{
	(void)view;
	return "Up/Down scroll  o open";
}

const struct tui_screen scr_policy = {
	.name = "Policy",
	.open = policy_open,
	.close = policy_close,
	.draw = policy_draw,
	.key = policy_key,
	.help = policy_help,
};
