/*
 * scr-data.c - the Data screen: the tables of the database, importing a
 * CSV file as a new one, and the profile of the selected table.
 *
 * Top: one line per imported table (rows, bads, goods, indeterminate and
 * target, from its metadata); Up/Down select, Enter makes the selected
 * table the one under study on the Characteristics and Model screens, 'i'
 * imports a CSV file (path, checked readable at once, Tab completing it;
 * for a ;-separated file whether numbers have a decimal comma; table
 * name, target, bad value and riskdesk import's --type, --special, --na,
 * --date-format, --role, --decimal-comma, --thousands and --replace asked
 * on the status line, the last import of the same file offering what it
 * was given and the options its warnings suggested) under a progress bar
 * that Esc cancels; a cancelled or failed import leaves the database as
 * it was, and the import's first warning ends on the status line, every
 * one in the message log.  Below: the selected table's profile
 * (data/profile.h): per column its type, missing share, distinct values
 * and, for numbers, the median and range, or for an identifier why it is
 * one (rd_column); '[' and ']' select a column, given in full on the last
 * line (a long name, every figure, the top categories).  The profile is
 * computed by the data layer once per table selected and kept until the
 * next import, or until another process writes to the database
 * (tui_data_gen), when the tables are read again.
 */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/profile.h"
#include "data/sniff.h"
#include "desk/desk.h"
#include "desk/desk-study.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct data_view {
	struct desk *desk;	/* borrowed */
	char **tables;		/* owned, NULL-terminated; NULL: read again */
	struct table_meta *meta;	/* [ntables] owned */
	int ntables;
	int sel, first;		/* selected table, first shown */
	int th;			/* table lines at the last draw */
	struct profile *prof;	/* owned: of tables[sel], or NULL */
	int prof_for;		/* the table index prof is of, -1 none */
	char prof_err[RD_ERR_MSG];
	int cfirst, ch;		/* first column shown, column lines */
	int csel;		/* the column given in full below */
	/* The last import asked for, to offer again: its file, table,
	   target, bad value, and the options its warnings suggested. */
	char last_path[1024], last_table[256], last_target[256];
	char last_bad[256], suggest[1024];
	unsigned data_gen;	/* tui_data_gen when the tables were read */
};

static void
forget_tables(struct data_view *v)
{
	int i;

	if (v->tables != NULL) {
		for (i = 0; i < v->ntables; i++) {
			free(v->tables[i]);
			table_meta_done(&v->meta[i]);
		}
		free(v->tables);
		free(v->meta);
	}
	v->tables = NULL;
	v->meta = NULL;
	v->ntables = 0;
	profile_free(v->prof);
	v->prof = NULL;
	v->prof_for = -1;
}

static void
read_tables(struct data_view *v)
{
	struct rd_err err;
	int i;

	rd_err_clear(&err);
	forget_tables(v);
	if ((v->tables = desk_tables(v->desk, &err)) == NULL) {
		v->tables = xcalloc(1, sizeof *v->tables);
		return;
	}
	while (v->tables[v->ntables] != NULL)
		v->ntables++;
	v->meta = xcalloc((size_t)v->ntables + 1, sizeof *v->meta);
	for (i = 0; i < v->ntables; i++)
		desk_table_meta(v->desk, v->tables[i], &v->meta[i], &err);
}

static void *
data_open(struct tui *t, struct desk *d)
{
	struct data_view *v = xcalloc(1, sizeof *v);
	const struct desk_policy *s = desk_policy_slot(d, 0);
	int i;

	(void)t;
	v->desk = d;
	v->prof_for = -1;
	read_tables(v);
	/* Start on the policy's population. */
	for (i = 0; s != NULL && i < v->ntables; i++)
		if (strcmp(v->tables[i], s->policy->population) == 0)
			v->sel = i;
	return v;
}

static void
data_close(void *view)
{
	struct data_view *v = view;

	forget_tables(v);
	free(v);
}

/* ------------------------------------------------------------ drawing */

/* Tables up to this many rows are profiled when selected. */
#define PROFILE_AT_ONCE 5000

#define W_ROWS 10
#define W_N 8
#define W_TYPE 8
#define W_MISS 8
#define W_DIST 9
#define W_NUM 10

static void
draw_tables(struct data_view *v, int y, int x, int w)
{
	char b[FMT_BUF], pos[32];
	/* Goods and indeterminate go first when the terminal is narrow. */
	int wide = w >= 76, ncount = wide ? 3 : 1, fixed, nw, i, cx;

	fixed = W_ROWS + 1 + ncount * (W_N + 1) + 1 + 14;
	nw = w - fixed;
	if (nw > 30)
		nw = 30;
	if (nw < 12)
		nw = 12;
	tui_color(TUI_C_HEADER);
	tui_put(y, x - 1, w + 2, TUI_LEFT, "");
	pos[0] = '\0';
	if (v->ntables > v->th)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->th, v->ntables);
	cx = x;
	tui_put_heading(y, cx, nw, "Table", pos);
	cx += nw + 1;
	tui_put(y, cx, W_ROWS, TUI_RIGHT, "Rows");
	cx += W_ROWS + 1;
	tui_put(y, cx, W_N, TUI_RIGHT, "Bads");
	cx += W_N + 1;
	if (wide) {
		tui_put(y, cx, W_N, TUI_RIGHT, "Goods");
		cx += W_N + 1;
		tui_put(y, cx, W_N, TUI_RIGHT, "Indet.");
		cx += W_N + 1;
	}
	tui_put(y, cx + 1, x + w - cx - 1, TUI_LEFT, "Target");
	tui_color(TUI_C_NORMAL);
	if (v->ntables == 0) {
		tui_color(TUI_C_DIM);
		tui_put(y + 1, x, w, TUI_LEFT, "no tables yet: i imports a "
		    "CSV file");
		tui_color(TUI_C_NORMAL);
		return;
	}
	for (i = 0; i < v->th && v->first + i < v->ntables; i++) {
		const struct table_meta *m = &v->meta[v->first + i];
		int yy = y + 1 + i;

		cx = x;
		tui_color(v->first + i == v->sel ? TUI_C_SELECTED :
		    TUI_C_NORMAL);
		tui_put(yy, x - 1, w + 2, TUI_LEFT, "");
		tui_put(yy, cx, nw, TUI_LEFT, v->tables[v->first + i]);
		cx += nw + 1;
		tui_put(yy, cx, W_ROWS, TUI_RIGHT, fmt_count(b,
		    (double)m->rows));
		cx += W_ROWS + 1;
		tui_put(yy, cx, W_N, TUI_RIGHT, m->target != NULL ?
		    fmt_count(b, (double)m->bads) : "-");
		cx += W_N + 1;
		if (wide) {
			tui_put(yy, cx, W_N, TUI_RIGHT, m->target != NULL ?
			    fmt_count(b, (double)m->goods) : "-");
			cx += W_N + 1;
			tui_put(yy, cx, W_N, TUI_RIGHT, m->target != NULL ?
			    fmt_count(b, (double)m->indeterminate) : "-");
			cx += W_N + 1;
		}
		tui_put(yy, cx + 1, x + w - cx - 1, TUI_LEFT,
		    m->target != NULL ? m->target : "none");
		tui_color(TUI_C_NORMAL);
	}
}

static const char *
type_name(enum import_type t)
{
	return import_type_name(t);
}

/*
 * A column of the profile in full, wrapped in at most lines lines from y:
 * its name whatever its length, type, missing share, distinct values,
 * and its range and median, top categories, or why it is an identifier.
 */
static void
draw_column_detail(const struct profile_column *c, int y, int x, int w,
	int lines)
{
	char line[2048], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	size_t off, k;

	off = (size_t)snprintf(line, sizeof line, "%s%s: %s, %s missing, %s "
	    "distinct", c->name, c->is_target ? " (target)" : "",
	    import_type_name(c->type), fmt_pct(b1, c->missing_pct / 100),
	    fmt_count(b2, (double)c->distinct));
	if (c->role != NULL)
		snprintf(line + off, sizeof line - off, "; %s",
		    c->role_note != NULL && c->role_note[0] != '\0' ?
		    c->role_note : c->role);
	else if (c->type == IMPORT_INTEGER || c->type == IMPORT_REAL)
		snprintf(line + off, sizeof line - off, "; min %s, median %s, "
		    "max %s", fmt_stat(b1, c->min), fmt_stat(b2, c->q[3]),
		    fmt_stat(b3, c->max));
	else
		for (k = 0; k < c->ntop && off < sizeof line; k++)
			off += (size_t)snprintf(line + off, sizeof line - off,
			    "%s%s %s", k == 0 ? "; top: " : ", ",
			    c->top[k].value, fmt_pct(b1, c->top[k].share));
	tui_color(TUI_C_DIM);
	tui_put_wrapped(y, x, w, 0, lines, line);
	tui_color(TUI_C_NORMAL);
}

static void
draw_profile(struct data_view *v, struct tui *t, int y, int x, int w,
	int h)
{
	const struct profile *p;
	const struct desk_study *st = NULL;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], pos[32];
	int i, nw, cx, n, minmax, wn, dl;

	(void)t;
	if (v->ntables == 0 || h < 3)
		return;
	if (v->prof_for != v->sel) {
		struct rd_err err;

		rd_err_clear(&err);
		profile_free(v->prof);
		v->prof = NULL;
		v->prof_for = v->sel;
		v->cfirst = 0;
		v->csel = 0;
		v->prof_err[0] = '\0';
		/* A small table is profiled at once; a large one only on
		   'p', in the background, as it takes a while. */
		if (v->meta[v->sel].rows <= PROFILE_AT_ONCE)
			v->prof = desk_profile(v->desk, v->tables[v->sel], 3,
			    &err);
		else
			v->prof_for = -2;
		snprintf(v->prof_err, sizeof v->prof_err, "%s", err.msg);
	}
	if (v->prof_for == -2) {
		tui_color(TUI_C_DIM);
		tui_putf(y, x, w, TUI_LEFT, "%s has %s rows: p profiles it "
		    "(Esc cancels)", v->tables[v->sel],
		    fmt_count(b1, (double)v->meta[v->sel].rows));
		tui_color(TUI_C_NORMAL);
		v->prof_for = v->sel;
		return;
	}
	if ((p = v->prof) == NULL && v->prof_err[0] == '\0') {
		tui_color(TUI_C_DIM);
		tui_putf(y, x, w, TUI_LEFT, "%s has %s rows: p profiles it "
		    "(Esc cancels)", v->tables[v->sel],
		    fmt_count(b1, (double)v->meta[v->sel].rows));
		tui_color(TUI_C_NORMAL);
		return;
	}
	if (p == NULL) {
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "no profile: %s", v->prof_err);
		tui_color(TUI_C_NORMAL);
		return;
	}
	(void)st;
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Profile of %s", p->table);
	tui_color(TUI_C_DIM);
	cx = tui_width(p->table) + 13;
	tui_putf(y, x + cx, w - cx, TUI_LEFT, "%s rows, %s refused at "
	    "import, bad rate %s%s%s", fmt_count(b1, (double)p->rows),
	    fmt_count(b2, (double)p->rejected), fmt_pct(b3, p->bad_rate),
	    p->target != NULL ? ", target " : "",
	    p->target != NULL ? p->target : "");
	tui_color(TUI_C_NORMAL);
	y++;
	h--;
	n = (int)p->ncols;
	/* The last line (two on a narrow terminal) gives the selected
	   column in full. */
	dl = w < 100 ? 2 : 1;
	v->ch = h - 1 - dl;
	if (v->csel >= n)
		v->csel = n - 1;
	if (v->csel < 0)
		v->csel = 0;
	v->cfirst = tui_scroll_fit(v->cfirst, v->csel, n, v->ch);
	draw_column_detail(&p->cols[v->csel], y + h - dl, x, w, dl);
	/* The numbers as the command-line profile prints them (fmt_stat,
	   every digit): their column widens to the longest. */
	for (i = 0, wn = W_NUM; i < n; i++) {
		const struct profile_column *c = &p->cols[i];

		if (c->type != IMPORT_INTEGER && c->type != IMPORT_REAL)
			continue;
		if ((int)strlen(fmt_stat(b1, c->min)) > wn)
			wn = (int)strlen(b1);
		if ((int)strlen(fmt_stat(b1, c->max)) > wn)
			wn = (int)strlen(b1);
		if ((int)strlen(fmt_stat(b1, c->q[3])) > wn)
			wn = (int)strlen(b1);
	}
	/* Min and max go first when the terminal is narrow. */
	minmax = w >= 76 && w - W_TYPE - W_MISS - W_DIST - 3 * wn - 6 >= 10;
	nw = w - W_TYPE - W_MISS - W_DIST - (minmax ? 3 : 1) * wn -
	    (minmax ? 6 : 4);
	for (i = 0, cx = 20; i < n; i++)
		if (tui_width(p->cols[i].name) > cx)
			cx = tui_width(p->cols[i].name);
	if (nw > cx + 1)
		nw = cx + 1;
	if (nw < (minmax ? 10 : 12))
		nw = minmax ? 10 : 12;
	tui_color(TUI_C_HEADER);
	tui_put(y, x - 1, w + 2, TUI_LEFT, "");
	pos[0] = '\0';
	if (n > v->ch)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->cfirst + 1,
		    v->cfirst + v->ch < n ? v->cfirst + v->ch : n, n);
	cx = x;
	tui_put_heading(y, cx, nw, "Column", pos);
	cx += nw + 1;
	tui_put(y, cx, W_TYPE, TUI_LEFT, "Type");
	cx += W_TYPE + 1;
	tui_put(y, cx, W_MISS, TUI_RIGHT, "Missing");
	cx += W_MISS + 1;
	tui_put(y, cx, W_DIST, TUI_RIGHT, "Distinct");
	cx += W_DIST + 1;
	if (minmax) {
		tui_put(y, cx, wn, TUI_RIGHT, "Min");
		cx += wn + 1;
	}
	tui_put(y, cx, wn, TUI_RIGHT, "Median");
	cx += wn + 1;
	if (minmax)
		tui_put(y, cx, wn, TUI_RIGHT, "Max");
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < v->ch && v->cfirst + i < n; i++) {
		const struct profile_column *c = &p->cols[v->cfirst + i];
		int yy = y + 1 + i, num = c->type == IMPORT_INTEGER ||
		    c->type == IMPORT_REAL;

		cx = x;
		tui_color(v->cfirst + i == v->csel ? TUI_C_SELECTED :
		    c->is_target ? TUI_C_LABEL : TUI_C_NORMAL);
		tui_put(yy, cx, nw, TUI_LEFT, c->name);
		tui_color(TUI_C_NORMAL);
		cx += nw + 1;
		tui_put(yy, cx, W_TYPE, TUI_LEFT, type_name(c->type));
		cx += W_TYPE + 1;
		tui_put(yy, cx, W_MISS, TUI_RIGHT, fmt_pct(b1,
		    c->missing_pct / 100));
		cx += W_MISS + 1;
		tui_put(yy, cx, W_DIST, TUI_RIGHT, fmt_count(b1,
		    (double)c->distinct));
		cx += W_DIST + 1;
		if (c->role != NULL) {
			/* An identifier: why, in place of its figures. */
			tui_color(TUI_C_DIM);
			tui_put(yy, cx, x + w - cx, TUI_LEFT,
			    c->role_note != NULL && c->role_note[0] != '\0' ?
			    c->role_note : c->role);
			tui_color(TUI_C_NORMAL);
			continue;
		}
		if (num) {
			fmt_stat(b1, c->min);
			fmt_stat(b2, c->q[3]);
			fmt_stat(b3, c->max);
		} else if (c->ntop > 0) {
			tui_color(TUI_C_DIM);
			tui_putf(yy, cx, x + w - cx, TUI_LEFT, "top: %s %s",
			    c->top[0].value, fmt_pct(b1, c->top[0].share));
			tui_color(TUI_C_NORMAL);
			continue;
		} else {
			continue;
		}
		if (minmax) {
			tui_put(yy, cx, wn, TUI_RIGHT, b1);
			cx += wn + 1;
		}
		tui_put(yy, cx, wn, TUI_RIGHT, b2);
		cx += wn + 1;
		if (minmax)
			tui_put(yy, cx, wn, TUI_RIGHT, b3);
	}
}

static void
data_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct data_view *v = view;
	const struct desk_study *st;
	int x = a->left + 1, w = a->cols - 2, y = a->top;
	char title[512];

	/* Another process wrote: the tables again, the same one selected. */
	if (v->tables != NULL && v->data_gen != tui_data_gen(t)) {
		char *was = v->sel < v->ntables ? xstrdup(v->tables[v->sel]) :
		    NULL;
		int i;

		read_tables(v);
		for (i = 0; was != NULL && i < v->ntables; i++)
			if (strcmp(v->tables[i], was) == 0)
				v->sel = i;
		free(was);
	}
	if (v->tables == NULL)
		read_tables(v);
	v->data_gen = tui_data_gen(t);
	st = tui_study_peek(t);
	/* The database's path gives way from the left. */
	tui_color(TUI_C_TITLE);
	snprintf(title, sizeof title, "Tables of ");
	tui_path_fit(db_path(v->desk->db), w - 10, title + 10,
	    sizeof title - 10);
	tui_put(y, x, w, TUI_LEFT, title);
	if (st != NULL && tui_width(title) + 30 < w) {
		tui_color(TUI_C_DIM);
		tui_putf(y, x + tui_width(title) + 2, w - tui_width(title) - 2,
		    TUI_LEFT, "under study: %s", st->table);
	}
	tui_color(TUI_C_NORMAL);
	y++;
	/* The table list gets up to a third of the lines, the profile the
	   rest. */
	v->th = v->ntables < 1 ? 1 : v->ntables;
	if (v->th > (a->lines - 2) / 3)
		v->th = (a->lines - 2) / 3 > 1 ? (a->lines - 2) / 3 : 1;
	if (v->sel >= v->ntables)
		v->sel = v->ntables > 0 ? v->ntables - 1 : 0;
	v->first = tui_scroll_fit(v->first, v->sel, v->ntables, v->th);
	draw_tables(v, y, x, w);
	y += 1 + v->th + 1;
	draw_profile(v, t, y, x, w, a->top + a->lines - y);
}

/* -------------------------------------------------------------- keys */

struct import_job {
	struct tui *t;
	volatile sig_atomic_t cancel;
	char title[1100];
};

static void
import_progress(void *arg, const struct import_progress *p)
{
	struct import_job *job = arg;
	double done = p->bytes_total > 0 ? (double)p->bytes_done /
	    (double)p->bytes_total : 0;

	/* Two passes over the file: types, then rows. */
	done = p->pass == 1 ? done / 2 : 0.5 + done / 2;
	if (tui_progress(job->t, job->title, done))
		job->cancel = 1;
}

/* A table name from the file name: its base name without extension. */
static void
default_table(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	char *dot;

	snprintf(buf, len, "%s", base != NULL ? base + 1 : path);
	if ((dot = strrchr(buf, '.')) != NULL && dot != buf)
		*dot = '\0';
}

/*
 * Check that path can be read and sniff its delimiter from its first 64
 * KiB as the import will (sniff_delimiter).  Returns the delimiter, or 0
 * with the reason in why[len].
 */
static char
probe_csv(const char *path, char *why, size_t len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	char d;

	if (f == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return 0;
	}
	buf = xmalloc(65536);
	n = fread(buf, 1, 65536, f);
	if (ferror(f)) {
		snprintf(why, len, "%s", strerror(errno));
		free(buf);
		fclose(f);
		return 0;
	}
	fclose(f);
	d = sniff_delimiter(buf, n);
	free(buf);
	return d;
}

/* The most of each repeated option an import takes from the prompt. */
#define IMPORT_OPTS 64

/* riskdesk import's options as typed at the prompt; the strings point
   into the words of the line. */
struct import_opts {
	struct import_type_opt types[IMPORT_OPTS];
	size_t ntypes;
	struct import_special special[4 * IMPORT_OPTS];
	size_t nspecial;
	const char *na[IMPORT_OPTS];
	size_t nna;
	struct import_date_opt dates[IMPORT_OPTS];
	size_t ndates;
	struct import_role_opt roles[IMPORT_OPTS];
	size_t nroles;
	int decimal_comma;
	char thousands;
	int replace;
};

/*
 * Parse line (modified: o's strings point into it) as riskdesk import
 * parses --type, --special, --na, --date-format, --role,
 * --decimal-comma, --thousands and --replace.  Returns 0, or -1 with err
 * RD_EUSAGE in the command's words.
 */
static int
parse_import_opts(char *line, struct import_opts *o, struct rd_err *err)
{
	char *w[4 * IMPORT_OPTS], *name, *arg, *eq, *p;
	int n = tui_split_words(line, w, 4 * IMPORT_OPTS), i;

	memset(o, 0, sizeof *o);
	if (n < 0)
		return rd_err_set(err, RD_EUSAGE, "an option's quote is not "
		    "closed, or there are too many words");
	for (i = 0; i < n; i++) {
		name = w[i];
		arg = NULL;
		if ((eq = strchr(name, '=')) != NULL && strncmp(name, "--", 2)
		    == 0) {
			*eq = '\0';
			arg = eq + 1;
		}
		if (strcmp(name, "--decimal-comma") == 0) {
			o->decimal_comma = 1;
			continue;
		}
		if (strcmp(name, "--replace") == 0) {
			o->replace = 1;
			continue;
		}
		if (strcmp(name, "--type") != 0 && strcmp(name, "--special") !=
		    0 && strcmp(name, "--na") != 0 && strcmp(name,
		    "--date-format") != 0 && strcmp(name, "--role") != 0 &&
		    strcmp(name, "--thousands") != 0)
			return rd_err_set(err, RD_EUSAGE, "expected --type, "
			    "--special, --na, --date-format, --role, "
			    "--decimal-comma, --thousands or --replace, found "
			    "\"%s\" (riskdesk import takes the others)", name);
		if (arg == NULL && i + 1 < n)
			arg = w[++i];
		if (arg == NULL)
			return rd_err_set(err, RD_EUSAGE, "%s needs a value",
			    name);
		if (o->ntypes == IMPORT_OPTS || o->nna == IMPORT_OPTS ||
		    o->ndates == IMPORT_OPTS || o->nroles == IMPORT_OPTS)
			return rd_err_set(err, RD_EUSAGE, "more than %d of an "
			    "option: use riskdesk import", IMPORT_OPTS);
		if (strcmp(name, "--type") == 0) {
			eq = strrchr(arg, '=');
			if (eq == NULL || eq == arg || import_type_parse(eq + 1,
			    &o->types[o->ntypes].type) != 0)
				return rd_err_set(err, RD_EUSAGE, "--type: "
				    "expected <column>=integer|real|text|date, "
				    "found \"%s\"", arg);
			*eq = '\0';
			o->types[o->ntypes++].column = arg;
		} else if (strcmp(name, "--special") == 0) {
			eq = strchr(arg, '=');
			if (eq == NULL || eq == arg || eq[1] == '\0')
				return rd_err_set(err, RD_EUSAGE, "--special: "
				    "expected <column>=<value>[,<value>]..., "
				    "found \"%s\"", arg);
			*eq = '\0';
			for (p = eq + 1; p != NULL; ) {
				char *comma = strchr(p, ',');

				if (comma != NULL)
					*comma = '\0';
				if (o->nspecial == 4 * IMPORT_OPTS)
					return rd_err_set(err, RD_EUSAGE,
					    "too many special values: use "
					    "riskdesk import");
				o->special[o->nspecial].column = arg;
				o->special[o->nspecial++].value = p;
				p = comma != NULL ? comma + 1 : NULL;
			}
		} else if (strcmp(name, "--na") == 0) {
			o->na[o->nna++] = arg;
		} else if (strcmp(name, "--date-format") == 0) {
			eq = strchr(arg, '=');
			if (eq == NULL || eq == arg || eq[1] == '\0')
				return rd_err_set(err, RD_EUSAGE,
				    "--date-format: expected <column>=<format>, "
				    "e.g. app_date=%%d/%%m/%%Y, found \"%s\"",
				    arg);
			*eq = '\0';
			o->dates[o->ndates].column = arg;
			o->dates[o->ndates++].format = eq + 1;
		} else if (strcmp(name, "--role") == 0) {
			eq = strrchr(arg, '=');
			if (eq == NULL || eq == arg || (strcmp(eq + 1,
			    "identifier") != 0 && strcmp(eq + 1, "ordinary") !=
			    0))
				return rd_err_set(err, RD_EUSAGE, "--role: "
				    "expected <column>=identifier|ordinary, "
				    "found \"%s\"", arg);
			o->roles[o->nroles].identifier = strcmp(eq + 1,
			    "identifier") == 0;
			*eq = '\0';
			o->roles[o->nroles++].column = arg;
		} else {
			if (strcmp(arg, "space") == 0)
				o->thousands = ' ';
			else if (strlen(arg) == 1)
				o->thousands = arg[0];
			else
				return rd_err_set(err, RD_EUSAGE,
				    "--thousands: expected one character or "
				    "\"space\", found \"%s\"", arg);
		}
	}
	return 0;
}

/* The options the warnings of an import suggest, each once, into
   buf[len] ("" when none). */
static void
suggested(const struct import_summary *sum, char *buf, size_t len)
{
	size_t j, k, off = 0;

	buf[0] = '\0';
	for (j = 0; j < sum->ncolumns; j++)
		for (k = 0; k < sum->columns[j].nsuggest; k++) {
			const char *o = sum->columns[j].suggest[k];

			if (strstr(buf, o) != NULL ||
			    off + strlen(o) + 2 >= len)
				continue;
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    off > 0 ? " " : "", o);
		}
}

/* Whether the database has a table named table. */
static int
has_table(const struct data_view *v, const char *table)
{
	int i;

	for (i = 0; i < v->ntables; i++)
		if (strcmp(v->tables[i], table) == 0)
			return 1;
	return 0;
}

static int
do_import(struct data_view *v, struct tui *t)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_job job;
	struct import_opts *o;
	struct rd_err err;
	char path[1024] = "", table[256], target[256] = "", bad[256] = "";
	char opts[1024] = "", words[1024], b[FMT_BUF], why[256], delim;
	int i, rc, comma = 0, again;
	size_t k;

	if (tui_prompt_path(t, "import CSV file:", path, sizeof path) != 0 ||
	    path[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if ((delim = probe_csv(path, why, sizeof why)) == 0) {
		tui_message_path(t, 1, "cannot read ", path, "%s", why);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* The same file again: what it was imported with, and the options
	   its warnings suggested. */
	again = strcmp(path, v->last_path) == 0;
	/* A ;-separated file usually writes its numbers 1,5. */
	if (delim == ';')
		comma = tui_confirm(t, "';'-separated file: numbers with a "
		    "decimal comma (1,5)? (y/n)");
	if (again)
		snprintf(table, sizeof table, "%s", v->last_table);
	else
		default_table(path, table, sizeof table);
	if (tui_prompt(t, "as table:", table, sizeof table) != 0 ||
	    table[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (again) {
		snprintf(target, sizeof target, "%s", v->last_target);
		snprintf(bad, sizeof bad, "%s", v->last_bad);
		snprintf(opts, sizeof opts, "%s", v->suggest);
	}
	if (tui_prompt(t, "target column (empty: none):", target,
	    sizeof target) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	if (target[0] != '\0' && (tui_prompt(t, "bad value of the target:",
	    bad, sizeof bad) != 0 || bad[0] == '\0'))
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_prompt(t, "options (--type C=T --special C=V,V --na V; "
	    "Enter: none):", opts, sizeof opts) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	o = xcalloc(1, sizeof *o);
	snprintf(words, sizeof words, "%s", opts);
	rd_err_clear(&err);
	if (parse_import_opts(words, o, &err) != 0) {
		tui_message(t, 1, "import options: %s", err.msg);
		free(o);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (has_table(v, table) && !o->replace) {
		if (!tui_confirm(t, "table %s exists: replace it? (y/n)",
		    table)) {
			free(o);
			return TUI_HANDLED | TUI_REDRAW;
		}
		o->replace = 1;
	}
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = path;
	spec.table = table;
	spec.target = target[0] != '\0' ? target : NULL;
	spec.bad = bad[0] != '\0' ? bad : NULL;
	spec.mode = o->replace ? IMPORT_REPLACE : IMPORT_CREATE;
	spec.decimal_comma = comma || o->decimal_comma;
	spec.thousands = o->thousands;
	spec.types = o->types;
	spec.ntypes = o->ntypes;
	spec.special = o->special;
	spec.nspecial = o->nspecial;
	spec.na = o->na;
	spec.nna = o->nna;
	spec.dates = o->dates;
	spec.ndates = o->ndates;
	spec.roles = o->roles;
	spec.nroles = o->nroles;
	memset(&job, 0, sizeof job);
	job.t = t;
	snprintf(job.title, sizeof job.title, "Importing %s", path);
	spec.cancel = &job.cancel;
	spec.progress = import_progress;
	spec.progress_arg = &job;
	tui_progress(t, job.title, 0);
	rc = desk_import(v->desk, &spec, &sum, &err);
	tui_progress_end(t);
	free(o);
	if (rc != 0) {
		if (job.cancel)
			tui_message(t, 0, "import cancelled; the database is "
			    "unchanged");
		else
			tui_message_err(t, "import failed: ", &err);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* Offered again at the next import of this file. */
	snprintf(v->last_path, sizeof v->last_path, "%s", path);
	snprintf(v->last_table, sizeof v->last_table, "%s", table);
	snprintf(v->last_target, sizeof v->last_target, "%s", target);
	snprintf(v->last_bad, sizeof v->last_bad, "%s", bad);
	suggested(&sum, v->suggest, sizeof v->suggest);
	if (sum.nwarnings > 0) {
		/* Every warning in the log, as the command line's import
		   prints them all; the first on the status line. */
		for (k = sum.nwarnings; k-- > 1; )
			tui_log(t, 1, "import of %s, warning %zu: %s", table,
			    k + 1, sum.warnings[k]);
		tui_message(t, 1, "imported %s rows into %s%s; %zu warning%s: "
		    "%s", fmt_count(b, (double)sum.rows_imported), table,
		    sum.rows_rejected > 0 ? " (some rows refused)" : "",
		    sum.nwarnings, sum.nwarnings > 1 ? "s" : "",
		    sum.warnings[0]);
	} else {
		tui_message(t, 0, "imported %s rows into %s%s",
		    fmt_count(b, (double)sum.rows_imported), table,
		    sum.rows_rejected > 0 ? " (some rows refused)" : "");
	}
	import_summary_done(&sum);
	read_tables(v);
	for (i = 0; i < v->ntables; i++)
		if (strcmp(v->tables[i], table) == 0)
			v->sel = i;
	return TUI_HANDLED | TUI_REDRAW;
}

/* Profiling a large table: one step in the worker thread, stopped by
   desk_interrupt when the user presses Esc. */
struct profile_job {
	struct data_view *v;
	const char *table;
	struct profile *prof;
};

static int
profile_step(void *arg, double *done, struct rd_err *err)
{
	struct profile_job *pj = arg;

	pj->prof = desk_profile(pj->v->desk, pj->table, 3, err);
	*done = 1;
	return pj->prof != NULL ? 0 : -1;
}

static void
profile_interrupt(void *arg)
{
	desk_interrupt(arg);
}

static int
do_profile(struct data_view *v, struct tui *t)
{
	struct profile_job pj;
	struct rd_err err;
	char title[300];
	int rc;

	if (v->ntables == 0)
		return TUI_HANDLED;
	memset(&pj, 0, sizeof pj);
	pj.v = v;
	pj.table = v->tables[v->sel];
	snprintf(title, sizeof title, "Profiling %s", pj.table);
	rd_err_clear(&err);
	rc = tui_job_interruptible(t, title, profile_step, &pj,
	    profile_interrupt, v->desk, &err);
	if (rc == 0) {
		profile_free(v->prof);
		v->prof = pj.prof;
		v->prof_for = v->sel;
		v->prof_err[0] = '\0';
	} else {
		profile_free(pj.prof);
		if (rc < 0)
			tui_message(t, 1, "cannot profile %s: %s", pj.table,
			    err.msg);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
data_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct data_view *v = view;
	int oldc = v->csel, flags;

	(void)ch;
	(void)a;
	if ((flags = tui_select_key(act, &v->sel, v->ntables, v->th)) != 0)
		return flags;
	switch (act) {
	case KA_LEFT:
		if (v->csel > 0)
			v->csel--;
		return TUI_HANDLED | (v->csel != oldc ? TUI_REDRAW : 0);
	case KA_RIGHT:
		v->csel++;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_IMPORT:
		return do_import(v, t);
	case KA_PROFILE:
		return do_profile(v, t);
	case KA_SELECT:
		if (v->ntables == 0)
			return TUI_HANDLED;
		if (v->meta[v->sel].target == NULL) {
			tui_message(t, 1, "%s has no target to study; import "
			    "it with a target column", v->tables[v->sel]);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (tui_study_open(t, v->tables[v->sel]) == 0)
			tui_message(t, 0, "studying %s: 2 shows its "
			    "characteristics", v->tables[v->sel]);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

static const char *
data_help(void *view)
{
	(void)view;
	return "Enter study  i import";
}

const struct tui_screen scr_data = {
	.name = "Data",
	.open = data_open,
	.close = data_close,
	.draw = data_draw,
	.key = data_key,
	.help = data_help,
};
