/*
 * scr-valid.c - the Validation screen: how well the scorecard the status
 * line names (the last fit of the table under study, saved or not, else
 * the champion's) separates bads from goods, and whether its population
 * has shifted.
 *
 * desk_validate (model/validate.h) computes everything once per
 * scorecard, on the card's development table (and holdout, when it was
 * fitted with one), with the PSI of the score against the holdout or, when
 * the policy's population is another table, against that table.  'v'
 * cycles the views: the ROC curve and the KS curves (cumulative shares of
 * bads and goods by score) drawn in the terminal, the gains table, the
 * calibration by score band (observed bad rate against mean PD) with the
 * Hosmer-Lemeshow test, and the PSI by score bin.  A headline with AUC,
 * Gini and KS stays above every view.  A card with a holdout shows its
 * development and holdout samples side by side (the tables keep the
 * columns that fit, the others a key away: 's' shows one sample over the
 * whole width).  Bands and PSI bins are written [a, b), gains groups
 * [lowest, highest] score, every bound as validate writes it (%.6g: a
 * PSI quantile break 531.4 is not rounded).  What needs outcomes the sample
 * lacks (no known outcome, no bads or no goods) shows "n/a" with the
 * reason desk_validate gives, as the validate command prints it.
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

#include "desk/desk.h"
#include "desk/desk-study.h"
#include "model/validate.h"
#include "tui/plot.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

enum valid_chart {
	V_ROC,
	V_KS,
	V_GAINS,
	V_CALIB,
	V_PSI,
	V_COUNT
};

static const char *const chart_name[V_COUNT] = {
	"ROC curve", "KS curves", "Gains table", "Calibration", "PSI"
};

/* Which samples the views show, when the card has a holdout ('s'). */
enum valid_show {
	SHOW_BOTH,		/* side by side */
	SHOW_DEV,		/* the development sample, the whole width */
	SHOW_HOLDOUT,
	SHOW_COUNT
};

struct valid_view {
	struct desk *desk;	/* borrowed */
	enum valid_chart chart;
	enum valid_show show;
	int first, h, n;	/* table scrolling */
	/* The validation of the card last shown (have), computed again
	   when it is not the one of the card and PSI table to show
	   (desk_validation_current); tried records a failed or cancelled
	   attempt, err why, until the card changes or Enter. */
	int have;
	struct desk_validation val;
	char tried[RD_SHA256_HEX];
	char err[RD_ERR_MSG];
};

static void *
valid_open(struct tui *t, struct desk *d)
{
	struct valid_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
valid_close(void *view)
{
	struct valid_view *v = view;

	if (v->have)
		desk_validation_done(&v->val);
	free(v);
}

/* The card the status line names: the last fit of the study (*fresh set
   when it is not saved), else the champion's; NULL when neither. */
static const struct scorecard *
shown_card(struct valid_view *v, struct tui *t, int *fresh)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct desk_study *st = tui_study_peek(t);

	*fresh = 0;
	if (st != NULL && st->card != NULL) {
		*fresh = !st->card_saved;
		return st->card;
	}
	return s != NULL ? s->card : NULL;
}

/* desk_validate as a job: it reads the card's table from the database
   and sorts its scores, which takes seconds on a million rows. */
struct valid_job {
	struct valid_view *v;
	const struct scorecard *card;
	const char *psi;
};

static int
valid_step(void *arg, double *done, struct rd_err *err)
{
	struct valid_job *vj = arg;
	struct validate_spec spec;

	validate_spec_init(&spec);
	*done = 1;
	return desk_validate_card(vj->v->desk, vj->card, NULL, vj->psi,
	    &spec, &vj->v->val, err);
}

static void
valid_interrupt(void *arg)
{
	desk_interrupt(arg);
}

/* Validate the card shown when it changed since the last time. */
static void
valid_prepare(void *view, struct tui *t)
{
	struct valid_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct scorecard *card;
	struct valid_job vj;
	struct rd_err err;
	char title[300], sha[RD_SHA256_HEX];
	int rc, fresh;

	if ((card = shown_card(v, t, &fresh)) == NULL)
		return;
	vj.psi = s != NULL && strcmp(card->population,
	    s->policy->population) != 0 ? s->policy->population : NULL;
	if (v->have && desk_validation_current(&v->val, card, vj.psi))
		return;
	desk_card_sha256(card, sha);
	if (!v->have && strcmp(v->tried, sha) == 0)
		return;		/* failed on this card: Enter tries again */
	if (v->have)
		desk_validation_done(&v->val);
	v->have = 0;
	v->err[0] = '\0';
	memcpy(v->tried, sha, sizeof sha);
	vj.v = v;
	vj.card = card;
	rd_err_clear(&err);
	snprintf(title, sizeof title, "Validating %s", card->name);
	rc = tui_job_interruptible(t, title, valid_step, &vj, valid_interrupt,
	    v->desk, &err);
	if (rc == 0)
		v->have = 1;
	else if (rc > 0)
		snprintf(v->err, sizeof v->err, "cancelled; Enter validates "
		    "again");
	else
		snprintf(v->err, sizeof v->err, "%s", err.msg);
}

static char *
axis_share(char *buf, double x)
{
	return fmt_pct(buf, x);
}

static char *
axis_points(char *buf, double x)
{
	return fmt_count(buf, x);
}

/* A score bound as riskdesk validate writes one: "512", "512.5",
   "-inf", "inf". */
static char *
bound(char *buf, double x)
{
	if (isinf(x))
		snprintf(buf, FMT_BUF, "%sinf", x < 0 ? "-" : "");
	else
		snprintf(buf, FMT_BUF, "%.6g", x);
	return buf;
}

/*
 * A score range: a gains group closed at both ends (its lowest and
 * highest score, "[480, 512]"), a band or a PSI bin open at the top
 * ("[500, 520)").
 */
static char *
range(char *buf, size_t len, double lo, double hi, int closed)
{
	char a[FMT_BUF], b[FMT_BUF];

	snprintf(buf, len, "[%s, %s%c", bound(a, lo), bound(b, hi),
	    closed ? ']' : ')');
	return buf;
}

/* ------------------------------------------------------------ tables */

/*
 * The table views are tables of columns, each with a heading, a width
 * and a priority: a narrow panel (development and holdout side by side
 * at 80 columns) keeps the columns of priority 0 and adds the others as
 * they fit, in their places; 's' shows one sample over the whole width,
 * with every column.
 */
struct vcol {
	const char *head;
	int w;
	int prio;
};

static const struct vcol gains_cols[] = {
	{ "Score range", 0, 0 }, { "Count", 6, 0 }, { "Bads", 5, 1 },
	{ "Bad rate", 8, 0 }, { "Cum. bads", 9, 0 }, { "Cum. rows", 9, 1 },
	{ "Lift", 5, 2 }, { "Cum. lift", 9, 2 }
};

static const struct vcol calib_cols[] = {
	{ "Score band", 0, 0 }, { "Count", 6, 1 }, { "Goods", 6, 2 },
	{ "Bads", 5, 2 }, { "Share", 7, 1 }, { "Bad rate", 8, 0 },
	{ "Mean PD", 8, 0 }
};

static const struct vcol psi_cols[] = {
	{ "Score bin", 0, 0 }, { "Base", 6, 0 }, { "New", 6, 0 },
	{ "Base %", 7, 1 }, { "New %", 7, 1 }, { "Contribution", 12, 0 }
};

#define MAXCOLS 8

/* The columns of the chart's table, *n of them. */
static const struct vcol *
table_cols(enum valid_chart c, int *n)
{
	switch (c) {
	case V_GAINS:
		*n = (int)(sizeof gains_cols / sizeof gains_cols[0]);
		return gains_cols;
	case V_CALIB:
		*n = (int)(sizeof calib_cols / sizeof calib_cols[0]);
		return calib_cols;
	default:
		*n = (int)(sizeof psi_cols / sizeof psi_cols[0]);
		return psi_cols;
	}
}

/* Rows of the chart's table for sample d. */
static int
table_rows(const struct valid_view *v, const struct validation *d)
{
	switch (v->chart) {
	case V_GAINS:
		return (int)d->ngains;
	case V_CALIB:
		return (int)d->nbands;
	default:
		return v->val.has_psi ? (int)v->val.psi.nbins : 0;
	}
}

/* Cell (row k, column c) of the chart's table for sample d, into
   buf[FMT_BUF * 3]. */
static char *
table_cell(const struct valid_view *v, const struct validation *d, int k,
	int c, char *buf)
{
	size_t len = FMT_BUF * 3;

	buf[0] = '\0';
	if (v->chart == V_GAINS) {
		const struct val_gains *g = &d->gains[k];

		switch (c) {
		case 0: return range(buf, len, g->lo, g->hi, 1);
		case 1: return fmt_count(buf, (double)g->count);
		case 2: return fmt_count(buf, (double)g->bads);
		case 3: return fmt_pct(buf, g->bad_rate);
		case 4: return fmt_pct(buf, g->cum_bad_share);
		case 5: return fmt_pct(buf, g->cum_count_share);
		case 6: snprintf(buf, len, "%.2f", g->lift); return buf;
		default: snprintf(buf, len, "%.2f", g->cum_lift); return buf;
		}
	}
	if (v->chart == V_CALIB) {
		const struct val_band *bd = &d->bands[k];

		switch (c) {
		case 0: return range(buf, len, bd->lo, bd->hi, 0);
		case 1: return fmt_count(buf, (double)bd->count);
		case 2: return fmt_count(buf, (double)bd->goods);
		case 3: return fmt_count(buf, (double)bd->bads);
		case 4: return fmt_pct(buf, bd->share);
		case 5: return fmt_pct(buf, bd->bad_rate);
		default: return fmt_pct(buf, bd->mean_pd);
		}
	}
	{
		const struct val_psi_bin *pb = &v->val.psi.bins[k];

		switch (c) {
		case 0:
			if (isnan(pb->lo))
				snprintf(buf, len, "missing");
			else
				range(buf, len, pb->lo, pb->hi, 0);
			return buf;
		case 1: return fmt_count(buf, (double)pb->n_base);
		case 2: return fmt_count(buf, (double)pb->n_new);
		case 3: return fmt_pct(buf, pb->share_base);
		case 4: return fmt_pct(buf, pb->share_new);
		default: return fmt_stat(buf, pb->contrib);
		}
	}
}

/*
 * Which columns show in width w: use[ncol] set, widths in cw[ncol] (the
 * range column as wide as its widest cell of samples d[nd]).  Returns
 * how many columns do not show.
 */
static int
table_fit(const struct valid_view *v, const struct validation *const *d,
	int nd, int w, const struct vcol *cols, int ncol, int *use, int *cw)
{
	char buf[FMT_BUF * 3];
	int i, k, s, p, sum, hidden = 0;

	cw[0] = tui_width(cols[0].head);
	for (s = 0; s < nd; s++)
		for (k = 0; k < table_rows(v, d[s]); k++)
			if (tui_width(table_cell(v, d[s], k, 0, buf)) > cw[0])
				cw[0] = tui_width(buf);
	for (i = 1; i < ncol; i++)
		cw[i] = cols[i].w;
	sum = -1;
	for (p = 0; p <= 2; p++)
		for (i = 0; i < ncol; i++) {
			if (cols[i].prio != p)
				continue;
			use[i] = p == 0 || sum + 1 + cw[i] <= w;
			if (use[i])
				sum += 1 + cw[i];
			else
				hidden++;
		}
	return hidden;
}

/* The table of sample d (title above it when not NULL) in h lines. */
static void
draw_table_of(struct valid_view *v, const struct validation *d,
	const char *title, int y, int x, int w, int h)
{
	const struct validation *one[1];
	const struct vcol *cols;
	char buf[FMT_BUF * 3], b[2][FMT_BUF];
	int ncol, use[MAXCOLS], cw[MAXCOLS], hidden, i, k, cx, rows, foot;

	if (title != NULL) {
		tui_color(TUI_C_GROUP);
		tui_put(y, x, w, TUI_LEFT, title);
		y++;
		h--;
	}
	if ((v->chart == V_GAINS || (v->chart == V_CALIB && d->n == 0)) &&
	    d->na[0] != '\0') {
		tui_color(TUI_C_DIM);
		tui_put_wrapped(y, x, w, 0, h, v->chart == V_GAINS ?
		    "gains table n/a: " : "calibration n/a: ");
		tui_put_wrapped(y + 1, x, w, 0, h - 1, d->na);
		tui_color(TUI_C_NORMAL);
		return;
	}
	cols = table_cols(v->chart, &ncol);
	one[0] = d;
	hidden = table_fit(v, one, 1, w, cols, ncol, use, cw);
	rows = table_rows(v, d);
	/* The last line: Hosmer-Lemeshow, the PSI, what is hidden. */
	foot = v->chart == V_CALIB || v->chart == V_PSI || hidden > 0;
	tui_color(TUI_C_HEADER);
	tui_put(y, x, w, TUI_LEFT, "");
	for (i = 0, cx = x; i < ncol; i++) {
		if (!use[i])
			continue;
		tui_put(y, cx, cw[i], i == 0 ? TUI_LEFT : TUI_RIGHT,
		    cols[i].head);
		cx += cw[i] + 1;
	}
	tui_color(TUI_C_NORMAL);
	for (k = 0; k < h - 1 - foot && v->first + k < rows; k++) {
		int r = v->first + k;

		for (i = 0, cx = x; i < ncol; i++) {
			if (!use[i])
				continue;
			tui_put(y + 1 + k, cx, cw[i], i == 0 ? TUI_LEFT :
			    TUI_RIGHT, table_cell(v, d, r, i, buf));
			cx += cw[i] + 1;
		}
		if (v->chart == V_PSI && v->val.psi.bins[r].flag !=
		    BIN_PSI_OK)
			tui_putf(y + 1 + k, cx, x + w - cx, TUI_LEFT, "%s%s",
			    v->val.psi.bins[r].flag == BIN_PSI_EMPTY_BOTH ?
			    "" : "* ", bin_psi_flag_text(
			    v->val.psi.bins[r].flag));
	}
	if (!foot)
		return;
	tui_color(TUI_C_DIM);
	if (v->chart == V_CALIB && d->n > 0)
		tui_putf(y + h - 1, x, w, TUI_LEFT, "%s %s on %d df, p = %s",
		    w < 45 ? "H-L" : "Hosmer-Lemeshow", fmt_stat(b[0],
		    d->hl_stat), d->hl_df, fmt_pval(b[1], d->hl_p));
	else if (v->chart == V_PSI && v->val.has_psi) {
		char adj[96] = "";

		if (v->val.psi.adjusted)
			snprintf(adj, sizeof adj, "; * a bin empty in one "
			    "sample: its zero count became %g",
			    v->val.psi.adjust);
		tui_putf(y + h - 1, x, w, TUI_LEFT, "PSI %s (%s), development "
		    "against %s%s", fmt_stat(b[0], v->val.psi.psi),
		    validate_psi_reading(v->val.psi.psi),
		    v->val.psi_against, adj);
	} else if (v->chart == V_PSI)
		tui_put(y + h - 1, x, w, TUI_LEFT, "no PSI: the scorecard has "
		    "no holdout and the policy scores its development table");
	else
		tui_putf(y + h - 1, x, w, TUI_LEFT, "+%d column%s: s shows "
		    "them", hidden, hidden > 1 ? "s" : "");
	tui_color(TUI_C_NORMAL);
}

/* ------------------------------------------------------------ charts */

static void
draw_chart_of(struct valid_view *v, const struct validation *d,
	const char *title, int y, int x, int w, int h)
{
	static const double diag[2] = { 0, 1 };
	struct plot_series s[2];
	struct plot_axes ax;
	char b1[FMT_BUF];

	if (title != NULL) {
		tui_color(TUI_C_GROUP);
		tui_put(y, x, w, TUI_LEFT, title);
		tui_color(TUI_C_NORMAL);
		y++;
		h--;
	}
	if (d->na[0] != '\0') {
		tui_color(TUI_C_DIM);
		tui_put_wrapped(y, x, w, 0, h, v->chart == V_ROC ?
		    "ROC curve n/a: " : "KS curves n/a: ");
		tui_put_wrapped(y + 1, x, w, 0, h - 1, d->na);
		tui_color(TUI_C_NORMAL);
		return;
	}
	memset(s, 0, sizeof s);
	memset(&ax, 0, sizeof ax);
	ax.ymin = 0;
	ax.ymax = 1;
	ax.yfmt = axis_share;
	if (v->chart == V_ROC) {
		s[0].x = &d->roc[0].fpr;
		s[0].y = &d->roc[0].tpr;
		s[0].stride = sizeof d->roc[0];
		s[0].n = d->nroc;
		s[0].glyph = '*';
		s[1].x = diag;
		s[1].y = diag;
		s[1].n = 2;
		s[1].glyph = '.';
		ax.xmin = 0;
		ax.xmax = 1;
		ax.xfmt = axis_share;
		ax.xlabel = w < 60 ? "goods declined" :
		    "share of goods declined";
		ax.ylabel = "bads";
		tui_color(TUI_C_DIM);
		tui_putf(y, x, w, TUI_LEFT, "* ROC, AUC %s   . chance",
		    fmt_stat(b1, d->auc));
		tui_color(TUI_C_NORMAL);
		plot_draw(y + 1, x, h - 1, w, &ax, s, 2, NAN, NAN);
		return;
	}
	/* KS: cumulative shares of bads (*) and goods (+) at or below
	   each score; the gap is widest at ks_at. */
	s[0].x = &d->roc[0].score;
	s[0].y = &d->roc[0].tpr;
	s[0].stride = sizeof d->roc[0];
	s[0].n = d->nroc;
	s[0].glyph = '*';
	s[1] = s[0];
	s[1].y = &d->roc[0].fpr;
	s[1].glyph = '+';
	ax.xmin = NAN;
	ax.xmax = NAN;
	plot_range(&s[0], 0, &ax.xmin, &ax.xmax);
	ax.xfmt = axis_points;
	ax.xlabel = "score";
	ax.ylabel = "cum.";
	tui_color(TUI_C_DIM);
	tui_putf(y, x, w, TUI_LEFT, "* bads + goods%s; KS %s at %s",
	    w < 60 ? "" : " scoring at or below", fmt_stat(b1, d->ks),
	    fmt_count((char[FMT_BUF]){ 0 }, d->ks_at));
	tui_color(TUI_C_NORMAL);
	plot_draw(y + 1, x, h - 1, w, &ax, s, 2, NAN, NAN);
}

/* The holdout's name: "Out-of-time" when the card's holdout is its later
   rows (--oot-after), as validate's text names it. */
static const char *
hold_name(const struct valid_view *v)
{
	return v->val.card != NULL && v->val.card->sample.kind ==
	    CARD_SAMPLE_OOT ? "Out-of-time" : "Holdout";
}

/*
 * The chart or table of the view for the samples shown: development and
 * holdout side by side, or one of them over the whole width ('s'); the
 * PSI compares the two, so it is one table.
 */
static void
draw_view(struct valid_view *v, int y, int x, int w, int h)
{
	const struct validation *d = &v->val.dev, *o = &v->val.holdout;
	int table = v->chart != V_ROC && v->chart != V_KS, lw;
	int two = v->val.has_holdout && v->chart != V_PSI &&
	    v->show == SHOW_BOTH;

	v->n = table ? table_rows(v, v->show == SHOW_HOLDOUT &&
	    v->val.has_holdout ? o : d) : 0;
	if (two && table && table_rows(v, o) > v->n)
		v->n = table_rows(v, o);
	v->h = h - 2 - (two || (v->val.has_holdout && v->chart != V_PSI));
	v->first = tui_scroll_fit(v->first, -1, v->n, v->h);
	if (two) {
		lw = (w - 2) / 2;
		if (table) {
			draw_table_of(v, d, "Development", y, x, lw, h);
			draw_table_of(v, o, hold_name(v), y, x + lw + 2,
			    w - lw - 2, h);
		} else {
			draw_chart_of(v, d, "Development", y, x, lw, h);
			draw_chart_of(v, o, hold_name(v), y, x + lw + 2,
			    w - lw - 2, h);
		}
		return;
	}
	if (v->val.has_holdout && v->chart != V_PSI) {
		const struct validation *one = v->show == SHOW_HOLDOUT ? o : d;
		const char *t = v->show == SHOW_HOLDOUT ? hold_name(v) :
		    "Development";

		if (table)
			draw_table_of(v, one, t, y, x, w, h);
		else
			draw_chart_of(v, one, t, y, x, w, h);
		return;
	}
	if (table)
		draw_table_of(v, d, NULL, y, x, w, h);
	else
		draw_chart_of(v, d, NULL, y, x, w, h);
}

/* A sample's rows, bad rate, AUC, Gini and KS; "n/a" and the reason
   for what its outcomes do not allow. */
static void
headline(int y, int x, int w, const char *title, const struct validation *d)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];

	tui_putf(y, x, w, TUI_LEFT, "%s %s rows, bad rate %s, AUC %s  Gini %s"
	    "  KS %s%s%s%s", title, fmt_count(b1, (double)d->n),
	    fmt_pct_na(b2, d->bad_rate, d->n == 0 ? d->na : NULL),
	    fmt_stat_na(b3, d->auc, d->na), fmt_stat_na(b4, d->gini, d->na),
	    fmt_stat_na(b5, d->ks, d->na), d->na[0] != '\0' ? "  (" : "",
	    d->na, d->na[0] != '\0' ? ")" : "");
}

static void
valid_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct valid_view *v = view;
	const struct scorecard *card;
	const struct validation *d;
	int x = a->left + 1, w = a->cols - 2, y = a->top, i, cx, fresh;

	if ((card = shown_card(v, t, &fresh)) == NULL) {
		tui_draw_no_policy(t, a);
		return;
	}
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Validation of %s on %s%s", card->name,
	    card->population, fresh ? "  (just fitted, not saved)" : "");
	tui_color(TUI_C_NORMAL);
	if (!v->have && v->err[0] == '\0')
		return;
	if (!v->have) {
		tui_color(TUI_C_ERROR);
		tui_put_wrapped(y + 2, x, w, 0, a->lines - 2, v->err);
		tui_color(TUI_C_NORMAL);
		return;
	}
	d = &v->val.dev;
	headline(y + 1, x, w, v->val.has_holdout ? "Development:" : "Sample:",
	    d);
	if (v->val.has_holdout)
		headline(y + 2, x, w, strcmp(hold_name(v), "Holdout") == 0 ?
		    "Holdout:    " : "Out-of-time:", &v->val.holdout);
	y += v->val.has_holdout ? 3 : 2;
	/* The views as a row of names, the current one marked. */
	for (i = 0, cx = x; i < V_COUNT && cx < x + w; i++) {
		int nw = tui_width(chart_name[i]) + 2;

		tui_color(i == (int)v->chart ? TUI_C_TAB_ACTIVE : TUI_C_DIM);
		tui_putf(y, cx, nw < x + w - cx ? nw : x + w - cx, TUI_LEFT,
		    " %s ", chart_name[i]);
		cx += nw + 1;
	}
	tui_color(TUI_C_DIM);
	if (cx + 10 < x + w)
		tui_put(y, cx, x + w - cx, TUI_LEFT, v->val.has_holdout ?
		    "(v next, s samples)" : "(v next)");
	tui_color(TUI_C_NORMAL);
	y += 1;
	draw_view(v, y, x, w, a->top + a->lines - y);
}

static int
valid_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct valid_view *v = view;

	(void)ch;
	(void)a;
	switch (act) {
	case KA_SELECT:
		/* Forget the validation: prepare runs it again. */
		if (v->have)
			desk_validation_done(&v->val);
		v->have = 0;
		v->tried[0] = '\0';
		return TUI_HANDLED | TUI_REDRAW;
	case KA_VIEW:
		v->chart = (enum valid_chart)((v->chart + 1) % V_COUNT);
		v->first = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_DOCUMENT:
		return tui_write_document(t);
	case KA_SAMPLE:
		if (!v->have || !v->val.has_holdout) {
			tui_message(t, 0, "one sample only: the scorecard was "
			    "fitted without a holdout (e on the Model screen "
			    "sets one)");
			return TUI_HANDLED | TUI_REDRAW;
		}
		v->show = (enum valid_show)((v->show + 1) % SHOW_COUNT);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return tui_scroll_key(act, &v->first, v->n, v->h);
	}
}

static const char *
valid_help(void *view)
{
	(void)view;
	return "v next chart  s samples  D document";
}

const struct tui_screen scr_valid = {
	.name = "Validation",
	.open = valid_open,
	.close = valid_close,
	.draw = valid_draw,
	.key = valid_key,
	.help = valid_help,
	.prepare = valid_prepare,
};
