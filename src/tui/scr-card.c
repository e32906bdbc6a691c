/*
 * scr-card.c - the Scorecard screen: the champion policy's scorecard,
 * or the scorecard just fitted on the Model screen while it is not saved.
 *
 * Top: its name and development table, the scaling (base score at base
 * odds, PDO), the base points and its discrimination (AUC, Gini, KS) on
 * the development sample, and on the policy's population when that is
 * another table ("n/a" and, on the line below, the reason when that has
 * no known outcome, no bads or no goods).  Below: every characteristic with its IV, then its bins
 * with label, count, bads, WoE and points, and where a value no bin lists
 * scores (the "other" row of a text characteristic, the "missing" row of
 * one without a missing bin: card_other_bin, card_missing_bin); a
 * scrolling list like the points table of riskdesk points, ending with
 * the characteristics left out.  Up/Down select a line, and the last
 * line gives it in full (a long name or label, a note).
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
#include "model/bin.h"
#include "tui/tui.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct card_view {
	struct desk *desk;	/* borrowed */
	int first;		/* first list line shown */
	int sel;		/* the selected line, given in full below */
	int h, n;		/* list lines shown and in all, last draw */
};

static void *
card_open(struct tui *t, struct desk *d)
{
	struct card_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
card_close(void *view)
{
	free(view);
}

/* Widths of the list's number columns; the label takes what is left. */
#define W_COUNT 8
#define W_BADS 7
#define W_WOE 9
#define W_POINTS 7
#define W_NUMS (W_COUNT + W_BADS + W_WOE + W_POINTS + 4)

/* Bins given the zero-cell adjustment, marked * after their WoE. */
static size_t
count_adjusted(const struct scorecard *card)
{
	size_t j, n = 0;

	for (j = 0; j < card->nchars; j++)
		n += card->chars[j].ch->nadjusted;
	return n;
}

/*
 * The list, line by line: per characteristic a heading and its bins,
 * then where a value no bin lists scores (the points table's "other" row
 * of a text characteristic; its "missing" row when development had no
 * missing value, the missing bin being among the bins otherwise); then
 * the notes (a blank line first: the legend of the * and what the fit
 * changed in the bins), then a blank line, a heading and one line per
 * characteristic left out.
 */
enum card_line_kind {
	CL_CHAR,		/* j: the characteristic's heading */
	CL_BIN,			/* j, k: a bin */
	CL_OTHER,		/* j: a level no bin lists */
	CL_MISSING,		/* j: a NULL without a missing bin */
	CL_BLANK,
	CL_ADJUSTED,		/* the legend of the * */
	CL_NOTE,		/* k: a note of the fit */
	CL_GROUP,		/* "Characteristics left out" */
	CL_DROPPED		/* k: one left out */
};

struct card_line {
	enum card_line_kind kind;
	size_t j, k;
};

/* Line i of the list into *cl; 0 past its end. */
static int
card_line(const struct scorecard *card, int i, struct card_line *cl)
{
	size_t j;
	int n;

	memset(cl, 0, sizeof *cl);
	for (j = 0; j < card->nchars; j++) {
		const struct characteristic *ch = card->chars[j].ch;

		cl->j = j;
		n = 1 + (int)ch->nbins + !ch->numeric +
		    (card_missing_bin(card, j) < 0);
		if (i >= n) {
			i -= n;
			continue;
		}
		if (i == 0)
			cl->kind = CL_CHAR;
		else if (i <= (int)ch->nbins) {
			cl->kind = CL_BIN;
			cl->k = (size_t)(i - 1);
		} else if (!ch->numeric && i == (int)ch->nbins + 1)
			cl->kind = CL_OTHER;
		else
			cl->kind = CL_MISSING;
		return 1;
	}
	n = (count_adjusted(card) > 0) + (int)card->nnotes;
	if (n > 0) {
		if (i == 0) {
			cl->kind = CL_BLANK;
			return 1;
		}
		if (i <= n) {
			cl->kind = count_adjusted(card) > 0 && i == 1 ?
			    CL_ADJUSTED : CL_NOTE;
			cl->k = (size_t)(i - 1 - (count_adjusted(card) > 0));
			return 1;
		}
		i -= n + 1;
	}
	if (card->ndropped == 0 || i >= 2 + (int)card->ndropped)
		return 0;
	cl->kind = i == 0 ? CL_BLANK : i == 1 ? CL_GROUP : CL_DROPPED;
	cl->k = (size_t)(i - 2);
	return 1;
}

static int
list_count(const struct scorecard *card)
{
	struct card_line cl;
	int n = 0;

	while (card_line(card, n, &cl))
		n++;
	return n;
}

#define ADJUSTED_NOTE "* WoE adjusted: the bin has no goods or no bads " \
	"(zero-cell adjustment)"

/* The bin a value no bin lists scores as, in words, into buf[len]. */
static char *
fallback_text(const struct scorecard *card, const struct card_line *cl,
	char *buf, size_t len)
{
	const struct characteristic *ch = card->chars[cl->j].ch;
	int b = cl->kind == CL_OTHER ? card_other_bin(card, cl->j) :
	    card_missing_bin(card, cl->j);

	if (cl->kind == CL_OTHER)
		snprintf(buf, len, "other (a level not listed): as %s",
		    b >= 0 ? ch->bins[b].label : "no bin, 0 points");
	else
		snprintf(buf, len, "missing: 0 points (none in development)");
	return buf;
}

/* Points of a line that has some, NaN otherwise. */
static double
line_points(const struct scorecard *card, const struct card_line *cl)
{
	int b;

	if (cl->kind == CL_BIN)
		return card->chars[cl->j].points[cl->k];
	if (cl->kind == CL_OTHER || cl->kind == CL_MISSING) {
		b = cl->kind == CL_OTHER ? card_other_bin(card, cl->j) :
		    card_missing_bin(card, cl->j);
		return b >= 0 ? card->chars[cl->j].points[b] : 0;
	}
	return NAN;
}

static void
draw_line(int y, int x, int w, int lw, const struct scorecard *card,
	const struct card_line *cl, int selected)
{
	const struct card_char *cc = &card->chars[cl->j];
	const struct bin *b;
	char buf[FMT_BUF], text[512];

	tui_color(selected ? TUI_C_SELECTED : TUI_C_NORMAL);
	tui_put(y, x - 1, w + 2, TUI_LEFT, "");
	switch (cl->kind) {
	case CL_CHAR:
		if (!selected)
			tui_color(TUI_C_GROUP);
		tui_put(y, x, lw, TUI_LEFT, cc->ch->name);
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_putf(y, x + lw + 1, W_NUMS, TUI_RIGHT, "IV %s %s",
		    fmt_stat(buf, cc->ch->iv), bin_iv_strength(cc->ch->iv));
		break;
	case CL_BIN:
		b = &cc->ch->bins[cl->k];
		tui_put(y, x + 2, lw - 2, TUI_LEFT, b->label);
		x += lw + 1;
		tui_put(y, x, W_COUNT, TUI_RIGHT, fmt_count(buf,
		    (double)b->count));
		x += W_COUNT + 1;
		tui_put(y, x, W_BADS, TUI_RIGHT, fmt_count(buf,
		    (double)b->bads));
		x += W_BADS + 1;
		tui_put(y, x, W_WOE, TUI_RIGHT, fmt_stat(buf, b->woe));
		tui_put(y, x + W_WOE, 1, TUI_LEFT, b->adjusted ? "*" : "");
		x += W_WOE + 1;
		if (!selected)
			tui_color(TUI_C_TITLE);
		tui_put(y, x, W_POINTS, TUI_RIGHT, fmt_count(buf,
		    cc->points[cl->k]));
		break;
	case CL_OTHER:
	case CL_MISSING:
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_put(y, x + 2, lw - 2 + W_NUMS - W_POINTS, TUI_LEFT,
		    fallback_text(card, cl, text, sizeof text));
		if (!selected)
			tui_color(TUI_C_TITLE);
		tui_put(y, x + lw + 1 + W_NUMS - W_POINTS, W_POINTS,
		    TUI_RIGHT, fmt_count(buf, line_points(card, cl)));
		break;
	case CL_ADJUSTED:
	case CL_NOTE:
	case CL_DROPPED:
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_put(y, x + 2, w - 2, TUI_LEFT, cl->kind == CL_ADJUSTED ?
		    ADJUSTED_NOTE : cl->kind == CL_NOTE ?
		    card->notes[cl->k] : card->dropped[cl->k]);
		break;
	case CL_GROUP:
		if (!selected)
			tui_color(TUI_C_GROUP);
		tui_put(y, x, w, TUI_LEFT, "Characteristics left out");
		break;
	case CL_BLANK:
		break;
	}
	tui_color(TUI_C_NORMAL);
}

static void
draw_list(struct card_view *v, const struct scorecard *card, int top,
	int x, int w)
{
	struct card_line cl;
	int lw = w - W_NUMS - 1, i;

	for (i = 0; i < v->h && card_line(card, v->first + i, &cl); i++)
		draw_line(top + i, x, w, lw, card, &cl, v->first + i ==
		    v->sel);
}

/*
 * The selected line in full, wrapped in at most lines lines at y: a
 * characteristic's name and figures, a bin's label and figures, where
 * other levels or a NULL score, a note or a characteristic left out.
 */
static void
draw_detail(struct card_view *v, const struct scorecard *card, int y,
	int x, int w, int lines)
{
	struct card_line cl;
	const struct card_char *cc;
	const struct bin *b;
	char text[2048], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], fb[512];

	if (!card_line(card, v->sel, &cl))
		return;
	cc = &card->chars[cl.j];
	switch (cl.kind) {
	case CL_CHAR:
		snprintf(text, sizeof text, "%s: IV %s (%s), %zu bins, "
		    "coefficient %s", cc->ch->name, fmt_stat(b1, cc->ch->iv),
		    bin_iv_strength(cc->ch->iv), cc->ch->nbins,
		    fmt_stat(b2, cc->coef));
		break;
	case CL_BIN:
		b = &cc->ch->bins[cl.k];
		snprintf(text, sizeof text, "%s, bin %zu: %s: %s rows, %s "
		    "bads, WoE %s%s, %s points", cc->ch->name, cl.k + 1,
		    b->label, fmt_count(b1, (double)b->count),
		    fmt_count(b2, (double)b->bads), fmt_stat(b3, b->woe),
		    b->adjusted ? " (adjusted)" : "",
		    fmt_count((char[FMT_BUF]){ 0 }, cc->points[cl.k]));
		break;
	case CL_OTHER:
	case CL_MISSING:
		snprintf(text, sizeof text, "%s: %s, %s points", cc->ch->name,
		    fallback_text(card, &cl, fb, sizeof fb),
		    fmt_count(b1, line_points(card, &cl)));
		break;
	case CL_ADJUSTED:
		snprintf(text, sizeof text, "%s", ADJUSTED_NOTE);
		break;
	case CL_NOTE:
		snprintf(text, sizeof text, "%s", card->notes[cl.k]);
		break;
	case CL_DROPPED:
		snprintf(text, sizeof text, "left out: %s",
		    card->dropped[cl.k]);
		break;
	default:
		return;
	}
	tui_color(TUI_C_DIM);
	tui_put_wrapped(y, x, w, 0, lines, text);
	tui_color(TUI_C_NORMAL);
}

/* Width of the list in at most w columns: the widest label and the
   numbers (the heading needs 40 columns). */
static int
list_width(const struct scorecard *card, int w)
{
	int lw = 40 - W_NUMS - 1;
	size_t j, k;

	for (j = 0; j < card->nchars; j++) {
		const struct characteristic *ch = card->chars[j].ch;

		if (tui_width(ch->name) > lw)
			lw = tui_width(ch->name);
		for (k = 0; k < ch->nbins; k++)
			if (2 + tui_width(ch->bins[k].label) > lw)
				lw = 2 + tui_width(ch->bins[k].label);
	}
	return lw + 1 + W_NUMS < w ? lw + 1 + W_NUMS : w;
}

static void
label(int y, int x, int w, const char *text)
{
	tui_color(TUI_C_LABEL);
	tui_put(y, x, w, TUI_LEFT, text);
	tui_color(TUI_C_NORMAL);
}

/* The card to show: a fit not saved yet, else the champion's (NULL when
   there is neither); *fresh says it is the fit. */
static const struct scorecard *
shown_card(struct card_view *v, struct tui *t, int *fresh)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct desk_study *st = tui_study_peek(t);

	*fresh = st != NULL && st->card != NULL && !st->card_saved;
	if (*fresh)
		return st->card;
	return s != NULL ? s->card : NULL;
}

static void
card_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct card_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct scorecard *card;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], pos[64];
	int x = a->left + 1, w = a->cols - 2, y = a->top, lw = 15, head, cx;
	int fresh, have_pop, dl;
	struct sim_disc pop;

	if ((card = shown_card(v, t, &fresh)) == NULL) {
		tui_draw_no_policy(t, a);
		return;
	}
	/* Discrimination on the policy's population, when that is another
	   table: of the scores the champion is simulated with now. */
	have_pop = !fresh && s != NULL && strcmp(s->card->population,
	    s->policy->population) != 0 && desk_model_stats(v->desk, 0,
	    &pop) == 0;

	tui_color(TUI_C_TITLE);
	if (fresh && desk_study_fit_stale(tui_study_peek(t)))
		tui_putf(y, x, w, TUI_LEFT, "Scorecard %s  (just fitted, out "
		    "of date: f on the Model screen fits again)", card->name);
	else if (!fresh && (desk_stale(v->desk, 0) & DESK_STALE_CARD))
		tui_putf(y, x, w, TUI_LEFT, "Scorecard %s %.*s  (out of date: "
		    "the database holds another version)", card->name,
		    DESK_SHORT_HASH, s->made.card_sha256);
	else
		tui_putf(y, x, w, TUI_LEFT, "Scorecard %s%s", card->name,
		    fresh ? "  (just fitted, not saved: w on the Model screen "
		    "saves it)" : "");
	y++;
	label(y, x, lw, "Developed on");
	tui_putf(y, x + lw, w - lw, TUI_LEFT, "%s: %s rows, %s bad",
	    card->population, fmt_count(b1, (double)card->n),
	    fmt_count(b2, (double)card->n_bad));
	y++;
	if (card->n_indet != CARD_COUNT_UNKNOWN &&
	    card->n_reject != CARD_COUNT_UNKNOWN &&
	    card->n_indet + card->n_reject > 0) {
		label(y, x, lw, "Left out");
		tui_putf(y, x + lw, w - lw, TUI_LEFT, "%s indeterminate, %s "
		    "rejects (declined, no outcome)", fmt_count(b1,
		    (double)card->n_indet), fmt_count(b2,
		    (double)card->n_reject));
		y++;
	}
	label(y, x, lw, "Scaling");
	tui_putf(y, x + lw, w - lw, TUI_LEFT,
	    "%s points at %g:1, PDO %g, base points %s",
	    fmt_count(b1, card->scaling.base_score), card->scaling.base_odds,
	    card->scaling.pdo, fmt_count(b2, card->base_points));
	y++;
	label(y, x, lw, "Discrimination");
	tui_putf(y, x + lw, w - lw, TUI_LEFT, "AUC %s   Gini %s   KS %s",
	    fmt_stat(b1, card->auc), fmt_stat(b2, card->gini),
	    fmt_stat(b3, card->ks));
	y++;
	if (have_pop) {
		tui_color(TUI_C_LABEL);
		tui_putf(y, x, lw, TUI_LEFT, "On %s", s->policy->population);
		tui_color(TUI_C_NORMAL);
		if (pop.na[0] != '\0') {
			/* The reason on a line of its own: it is long. */
			tui_putf(y, x + lw, w - lw, TUI_LEFT, "AUC %s   Gini "
			    "%s   KS %s", FMT_NA, FMT_NA, FMT_NA);
			y++;
			tui_color(TUI_C_DIM);
			tui_put(y, x + lw, w - lw, TUI_LEFT, pop.na);
			tui_color(TUI_C_NORMAL);
		} else
			tui_putf(y, x + lw, w - lw, TUI_LEFT,
			    "AUC %s   Gini %s   KS %s",
			    fmt_stat(b1, pop.auc), fmt_stat(b2,
			    pop.gini), fmt_stat(b3, pop.ks));
		y++;
	}
	y++;

	/* On a wide terminal the labels need not push the figures away. */
	w = list_width(card, w);

	/* Column headings, then the list; the last line (two on a narrow
	   terminal) gives the selected line in full. */
	head = y - a->top + 1;
	dl = a->cols < 100 ? 2 : 1;
	v->n = list_count(card);
	v->h = a->lines - head - dl;
	if (v->sel >= v->n)
		v->sel = v->n - 1;
	if (v->sel < 0)
		v->sel = 0;
	v->first = tui_scroll_fit(v->first, v->sel, v->n, v->h);
	tui_color(TUI_C_HEADER);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	pos[0] = '\0';
	if (v->n > v->h)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < v->n ? v->first + v->h : v->n, v->n);
	cx = x;
	tui_put_heading(y, cx, w - W_NUMS - 1,
	    tui_width("Characteristic / attribute") + 2 + tui_width(pos) <=
	    w - W_NUMS - 1 ? "Characteristic / attribute" : "Attribute", pos);
	cx += w - W_NUMS;
	tui_put(y, cx, W_COUNT, TUI_RIGHT, "Count");
	cx += W_COUNT + 1;
	tui_put(y, cx, W_BADS, TUI_RIGHT, "Bads");
	cx += W_BADS + 1;
	tui_put(y, cx, W_WOE, TUI_RIGHT, "WoE");
	cx += W_WOE + 1;
	tui_put(y, cx, W_POINTS, TUI_RIGHT, "Points");
	tui_color(TUI_C_NORMAL);
	draw_list(v, card, y + 1, x, w);
	draw_detail(v, card, a->top + a->lines - dl, x, a->cols - 2, dl);
}

static int
card_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct card_view *v = view;
	int fresh;

	(void)ch;
	(void)a;
	if (shown_card(v, t, &fresh) == NULL)
		return 0;
	return tui_select_key(act, &v->sel, v->n, v->h);
}

static const char *
card_help(void *view)
{
	(void)view;
	return "Up/Down select a line";
}

const struct tui_screen scr_card = {
	.name = "Scorecard",
	.open = card_open,
	.close = card_close,
	.draw = card_draw,
	.key = card_key,
	.help = card_help,
};
