/*
 * scr-data.c - the Data screen: the tables of the database, importing a
 * CSV file as a new one, and the profile of the selected table.
 *
 * Top: one line per imported table (rows, bads, goods, indeterminate and
 * target, from its metadata); Up/Down select, Enter makes the selected
 * table the one under study on the Characteristics and Model screens, 'i'
 * imports a CSV file (path, checked readable at once; for a ;-separated
 * file whether numbers have a decimal comma; table name, target and bad
 * value asked on the status line) under a progress bar that Esc cancels;
 * a cancelled or failed import leaves the database as it was, and the
 * import's warnings (e.g. numbers stored as text) end on the status
 * line.  Below: the selected
 * table's profile (data/profile.h): per column its type, missing share,
 * distinct values and, for numbers, the median and range, or for an
 * identifier why it is one (rd_column); '[' and ']' scroll it.  The profile is computed by the data layer once per table
 * selected and kept until the next import.
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
#include "desk.h"
#include "desk-study.h"
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

static void
draw_profile(struct data_view *v, struct tui *t, int y, int x, int w,
	int h)
{
	const struct profile *p;
	const struct desk_study *st = NULL;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], pos[32];
	int i, nw, cx, n, minmax, wn;

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
	tui_putf(y, x + cx, w - cx, TUI_LEFT, "%s rows, %s rejected at "
	    "import, bad rate %s%s%s", fmt_count(b1, (double)p->rows),
	    fmt_count(b2, (double)p->rejected), fmt_pct(b3, p->bad_rate),
	    p->target != NULL ? ", target " : "",
	    p->target != NULL ? p->target : "");
	tui_color(TUI_C_NORMAL);
	y++;
	h--;
	n = (int)p->ncols;
	v->ch = h - 1;
	v->cfirst = tui_scroll_fit(v->cfirst, -1, n, v->ch);
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
		tui_color(c->is_target ? TUI_C_LABEL : TUI_C_NORMAL);
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

	if (v->tables == NULL)
		read_tables(v);
	st = tui_study_peek(t);
	tui_color(TUI_C_TITLE);
	snprintf(title, sizeof title, "Tables of %s", db_path(v->desk->db));
	tui_put(y, x, w, TUI_LEFT_TAIL, title);
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

static int
do_import(struct data_view *v, struct tui *t)
{
	struct import_spec spec;
	struct import_summary sum;
	struct import_job job;
	struct rd_err err;
	char path[1024] = "", table[256], target[256] = "", bad[256] = "";
	char b[FMT_BUF], why[256], delim;
	int i, rc, comma = 0;

	if (tui_prompt(t, "import CSV file:", path, sizeof path) != 0 ||
	    path[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if ((delim = probe_csv(path, why, sizeof why)) == 0) {
		tui_message(t, 1, "cannot read %s: %s", path, why);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* A ;-separated file usually writes its numbers 1,5. */
	if (delim == ';')
		comma = tui_confirm(t, "';'-separated file: numbers with a "
		    "decimal comma (1,5)? (y/n)");
	default_table(path, table, sizeof table);
	if (tui_prompt(t, "as table:", table, sizeof table) != 0 ||
	    table[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_prompt(t, "target column (empty: none):", target,
	    sizeof target) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	if (target[0] != '\0' && (tui_prompt(t, "bad value of the target:",
	    bad, sizeof bad) != 0 || bad[0] == '\0'))
		return TUI_HANDLED | TUI_REDRAW;
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = path;
	spec.table = table;
	spec.target = target[0] != '\0' ? target : NULL;
	spec.bad = bad[0] != '\0' ? bad : NULL;
	spec.mode = IMPORT_CREATE;
	spec.decimal_comma = comma;
	memset(&job, 0, sizeof job);
	job.t = t;
	snprintf(job.title, sizeof job.title, "Importing %s", path);
	spec.cancel = &job.cancel;
	spec.progress = import_progress;
	spec.progress_arg = &job;
	rd_err_clear(&err);
	tui_progress(t, job.title, 0);
	rc = desk_import(v->desk, &spec, &sum, &err);
	tui_progress_end(t);
	if (rc != 0) {
		if (job.cancel)
			tui_message(t, 0, "import cancelled; the database is "
			    "unchanged");
		else
			tui_message(t, 1, "import failed: %s",
			    rd_err_format(&err, (char[512]){ 0 }, 512));
	} else if (sum.nwarnings > 0) {
		/* The first warning, in full as far as the line goes: the
		   command line's import prints them all. */
		tui_message(t, 1, "imported %s rows into %s%s; %zu warning%s: "
		    "%s", fmt_count(b, (double)sum.rows_imported), table,
		    sum.rows_rejected > 0 ? " (some rows rejected)" : "",
		    sum.nwarnings, sum.nwarnings > 1 ? "s" : "",
		    sum.warnings[0]);
	} else {
		tui_message(t, 0, "imported %s rows into %s%s",
		    fmt_count(b, (double)sum.rows_imported), table,
		    sum.rows_rejected > 0 ? " (some rows rejected)" : "");
	}
	if (rc == 0) {
		import_summary_done(&sum);
		read_tables(v);
		for (i = 0; i < v->ntables; i++)
			if (strcmp(v->tables[i], table) == 0)
				v->sel = i;
	}
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
	int old = v->sel, oldc = v->cfirst, page = v->th > 1 ? v->th - 1 : 1;

	(void)ch;
	(void)a;
	switch (act) {
	case KA_UP:
		v->sel--;
		break;
	case KA_DOWN:
		v->sel++;
		break;
	case KA_PAGE_UP:
		v->sel -= page;
		break;
	case KA_PAGE_DOWN:
		v->sel += page;
		break;
	case KA_HOME:
		v->sel = 0;
		break;
	case KA_END:
		v->sel = v->ntables - 1;
		break;
	case KA_LEFT:
		v->cfirst -= v->ch > 1 ? v->ch - 1 : 1;
		if (v->cfirst < 0)
			v->cfirst = 0;
		return TUI_HANDLED | (v->cfirst != oldc ? TUI_REDRAW : 0);
	case KA_RIGHT:
		v->cfirst += v->ch > 1 ? v->ch - 1 : 1;
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
	if (v->sel >= v->ntables)
		v->sel = v->ntables - 1;
	if (v->sel < 0)
		v->sel = 0;
	return TUI_HANDLED | (v->sel != old ? TUI_REDRAW : 0);
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
