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
 * Gini and KS stays above every view.  What needs outcomes the sample
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

#include "desk.h"
#include "desk-study.h"
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

struct valid_view {
	struct desk *desk;	/* borrowed */
	enum valid_chart chart;
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

/* The table views: a heading and rows, scrolled. */
static void
draw_table(struct valid_view *v, int y, int x, int w, int h)
{
	const struct validation *d = &v->val.dev;
	char b[8][FMT_BUF], line[512], hbuf[256];
	int i, n;
	const char *head;

	/* Headings in the widths of the rows' formats below. */
	switch (v->chart) {
	case V_GAINS:
		n = (int)d->ngains;
		snprintf(hbuf, sizeof hbuf, "%15s %6s %5s %8s %9s %9s %5s %9s",
		    "Score range", "Count", "Bads", "Bad rate", "Cum. bads",
		    "Cum. rows", "Lift", "Cum. lift");
		break;
	case V_CALIB:
		n = (int)d->nbands;
		snprintf(hbuf, sizeof hbuf, "%15s %6s %7s %8s %8s",
		    "Score band", "Count", "Share", "Bad rate", "Mean PD");
		break;
	default:
		n = v->val.has_psi ? (int)v->val.psi.nbins : 0;
		snprintf(hbuf, sizeof hbuf, "%15s %6s %6s %7s %7s %12s",
		    "Score bin", "Base", "New", "Base %", "New %",
		    "Contribution");
		break;
	}
	head = hbuf;
	if ((v->chart == V_GAINS || (v->chart == V_CALIB && d->n == 0)) &&
	    d->na[0] != '\0') {
		v->n = v->h = 0;
		tui_color(TUI_C_DIM);
		tui_putf(y, x, w, TUI_LEFT, "%s n/a: %s", v->chart == V_GAINS ?
		    "Gains table" : "Calibration", d->na);
		tui_color(TUI_C_NORMAL);
		return;
	}
	v->n = n;
	v->h = h - 2;
	v->first = tui_scroll_fit(v->first, -1, n, v->h);
	tui_color(TUI_C_HEADER);
	tui_put(y, x, w, TUI_LEFT, head);
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < v->h && v->first + i < n; i++) {
		int k = v->first + i;

		if (v->chart == V_GAINS) {
			const struct val_gains *g = &d->gains[k];

			snprintf(line, sizeof line, "%6s - %-6s %6s %5s %8s "
			    "%9s %9s %5.2f %9.2f", fmt_count(b[0], g->lo),
			    fmt_count(b[1], g->hi), fmt_count(b[2],
			    (double)g->count), fmt_count(b[3],
			    (double)g->bads), fmt_pct(b[4], g->bad_rate),
			    fmt_pct(b[5], g->cum_bad_share), fmt_pct(b[6],
			    g->cum_count_share), g->lift, g->cum_lift);
		} else if (v->chart == V_CALIB) {
			const struct val_band *bd = &d->bands[k];

			snprintf(line, sizeof line, "%6s - %-6s %6s %7s %8s "
			    "%8s", fmt_count(b[0], bd->lo), fmt_count(b[1],
			    bd->hi), fmt_count(b[2], (double)bd->count),
			    fmt_pct(b[3], bd->share), fmt_pct(b[4],
			    bd->bad_rate), fmt_pct(b[5], bd->mean_pd));
		} else {
			const struct val_psi_bin *pb = &v->val.psi.bins[k];

			if (isnan(pb->lo))
				snprintf(b[0], FMT_BUF, "missing");
			else
				fmt_count(b[0], pb->lo);
			/* A bin empty in one sample is marked (its zero
			   count was adjusted), one empty in both said so. */
			snprintf(line, sizeof line, "%6s - %-6s %6s %6s %7s "
			    "%7s %12s%s%s", b[0], isnan(pb->hi) ? "" :
			    isinf(pb->hi) ? "inf" : fmt_count(b[1], pb->hi),
			    fmt_count(b[2], (double)pb->n_base),
			    fmt_count(b[3], (double)pb->n_new),
			    fmt_pct(b[4], pb->share_base), fmt_pct(b[5],
			    pb->share_new), fmt_stat(b[6], pb->contrib),
			    pb->flag == BIN_PSI_OK ? "" : pb->flag ==
			    BIN_PSI_EMPTY_BOTH ? "   " : " * ",
			    bin_psi_flag_text(pb->flag));
		}
		tui_put(y + 1 + i, x, w, TUI_LEFT, line);
	}
	tui_color(TUI_C_DIM);
	if (v->chart == V_CALIB)
		tui_putf(y + h - 1, x, w, TUI_LEFT, "Hosmer-Lemeshow %s on %d "
		    "df, p = %s", fmt_stat(b[0], d->hl_stat), d->hl_df,
		    fmt_pval(b[1], d->hl_p));
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
	tui_color(TUI_C_NORMAL);
}

static void
draw_chart(struct valid_view *v, int y, int x, int w, int h)
{
	const struct validation *d = &v->val.dev;
	static const double diag[2] = { 0, 1 };
	struct plot_series s[2];
	struct plot_axes ax;
	char b1[FMT_BUF];

	if (d->na[0] != '\0') {
		tui_color(TUI_C_DIM);
		tui_putf(y, x, w, TUI_LEFT, "%s n/a: %s", v->chart == V_ROC ?
		    "ROC curve" : "KS curves", d->na);
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
		ax.xlabel = "share of goods declined";
		ax.ylabel = "bads";
		tui_color(TUI_C_DIM);
		tui_put(y, x, w, TUI_LEFT, "* ROC of the score   . chance "
		    "(AUC 0.5)");
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
	tui_putf(y, x, w, TUI_LEFT, "* bads   + goods scoring at or below;"
	    " KS %s at %s points", fmt_stat(b1, d->ks),
	    fmt_count((char[FMT_BUF]){ 0 }, d->ks_at));
	tui_color(TUI_C_NORMAL);
	plot_draw(y + 1, x, h - 1, w, &ax, s, 2, NAN, NAN);
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
		tui_draw_no_policy(a);
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
		tui_putf(y + 2, x, w, TUI_LEFT, "cannot validate: %s", v->err);
		tui_color(TUI_C_NORMAL);
		return;
	}
	d = &v->val.dev;
	headline(y + 1, x, w, "Development:", d);
	if (v->val.has_holdout)
		headline(y + 2, x, w, "Holdout:    ", &v->val.holdout);
	y += 3;
	/* The views as a row of names, the current one marked. */
	for (i = 0, cx = x; i < V_COUNT; i++) {
		tui_color(i == (int)v->chart ? TUI_C_TAB_ACTIVE : TUI_C_DIM);
		tui_putf(y, cx, tui_width(chart_name[i]) + 2, TUI_LEFT, " %s ",
		    chart_name[i]);
		cx += tui_width(chart_name[i]) + 3;
	}
	tui_color(TUI_C_DIM);
	if (cx + 10 < x + w)
		tui_put(y, cx, x + w - cx, TUI_LEFT, "(v next)");
	tui_color(TUI_C_NORMAL);
	y += 1;
	if (v->chart == V_ROC || v->chart == V_KS)
		draw_chart(v, y, x, w, a->top + a->lines - y);
	else
		draw_table(v, y, x, w, a->top + a->lines - y);
}

static int
valid_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct valid_view *v = view;

	(void)t;
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
	default:
		return tui_scroll_key(act, &v->first, v->n, v->h);
	}
}

static const char *
valid_help(void *view)
{
	(void)view;
	return "v next chart";
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
