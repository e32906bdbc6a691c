/*
 * scr-card.c - the Scorecard screen: the champion policy's scorecard,
 * or the scorecard just fitted on the Model screen while it is not saved.
 *
 * Top: its name and development table, the scaling (base score at base
 * odds, PDO), the base points and its discrimination (AUC, Gini, KS) on
 * the development sample, and on the policy's population when that is
 * another table ("n/a" and, on the line below, the reason when that has
 * no known outcome, no bads or no goods).  Below: every characteristic with its IV, then its bins
 * with label, count, bads, WoE and points; a scrolling list like the
 * report's points table, ending with the characteristics left out.
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
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "desk-study.h"
#include "model/bin.h"
#include "tui/tui.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct card_view {
	struct desk *desk;	/* borrowed */
	int first;		/* first list line shown */
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

/* Lines of the notes after the bins: the legend of the * and what the
   fit changed in the bins. */
static int
notes_count(const struct scorecard *card)
{
	return (count_adjusted(card) > 0) + (int)card->nnotes;
}

/* Lines of the list: per characteristic a heading and its bins, then
   the notes (a blank line first), then a blank line, a heading and one
   line per characteristic left out. */
static int
list_count(const struct scorecard *card)
{
	size_t j;
	int n = 0;

	for (j = 0; j < card->nchars; j++)
		n += 1 + (int)card->chars[j].ch->nbins;
	if (notes_count(card) > 0)
		n += 1 + notes_count(card);
	if (card->ndropped > 0)
		n += 2 + (int)card->ndropped;
	return n;
}

static void
draw_char(int y, int x, int lw, const struct card_char *cc)
{
	char b[FMT_BUF];

	tui_color(TUI_C_GROUP);
	tui_put(y, x, lw, TUI_LEFT, cc->ch->name);
	tui_color(TUI_C_DIM);
	tui_putf(y, x + lw + 1, W_NUMS, TUI_RIGHT, "IV %s %s",
	    fmt_stat(b, cc->ch->iv), bin_iv_strength(cc->ch->iv));
	tui_color(TUI_C_NORMAL);
}

static void
draw_bin(int y, int x, int lw, const struct bin *b, double points)
{
	char buf[FMT_BUF];

	tui_put(y, x, 2, TUI_LEFT, "");
	tui_put(y, x + 2, lw - 2, TUI_LEFT, b->label);
	x += lw + 1;
	tui_put(y, x, W_COUNT, TUI_RIGHT, fmt_count(buf, (double)b->count));
	x += W_COUNT + 1;
	tui_put(y, x, W_BADS, TUI_RIGHT, fmt_count(buf, (double)b->bads));
	x += W_BADS + 1;
	tui_put(y, x, W_WOE, TUI_RIGHT, fmt_stat(buf, b->woe));
	tui_put(y, x + W_WOE, 1, TUI_LEFT, b->adjusted ? "*" : "");
	x += W_WOE + 1;
	tui_color(TUI_C_TITLE);
	tui_put(y, x, W_POINTS, TUI_RIGHT, fmt_count(buf, points));
	tui_color(TUI_C_NORMAL);
}

static void
draw_list(struct card_view *v, const struct scorecard *card, int top,
	int x, int w)
{
	int lw = w - W_NUMS - 1, i = 0, y;
	size_t j, k;

	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];

		if (i >= v->first + v->h)
			return;
		if (i >= v->first)
			draw_char(top + i - v->first, x, lw, cc);
		i++;
		for (k = 0; k < cc->ch->nbins; k++, i++) {
			if (i < v->first || i >= v->first + v->h)
				continue;
			draw_bin(top + i - v->first, x, lw, &cc->ch->bins[k],
			    cc->points[k]);
		}
	}
	if (notes_count(card) > 0) {
		i++;
		tui_color(TUI_C_DIM);
		if (count_adjusted(card) > 0) {
			if (i >= v->first && i < v->first + v->h)
				tui_put(top + i - v->first, x + 2, w - 2,
				    TUI_LEFT, "* WoE adjusted: the bin has no "
				    "goods or no bads (zero-cell adjustment)");
			i++;
		}
		for (j = 0; j < card->nnotes; j++, i++)
			if (i >= v->first && i < v->first + v->h)
				tui_put(top + i - v->first, x + 2, w - 2,
				    TUI_LEFT, card->notes[j]);
		tui_color(TUI_C_NORMAL);
	}
	if (card->ndropped == 0)
		return;
	i++;
	if (i >= v->first && i < v->first + v->h) {
		tui_color(TUI_C_GROUP);
		tui_put(top + i - v->first, x, w, TUI_LEFT,
		    "Characteristics left out");
		tui_color(TUI_C_NORMAL);
	}
	i++;
	for (j = 0; j < card->ndropped; j++, i++) {
		if (i < v->first || i >= v->first + v->h)
			continue;
		y = top + i - v->first;
		tui_color(TUI_C_DIM);
		tui_put(y, x + 2, w - 2, TUI_LEFT, card->dropped[j]);
		tui_color(TUI_C_NORMAL);
	}
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
	int fresh, have_pop;
	struct sim_disc pop;

	if ((card = shown_card(v, t, &fresh)) == NULL) {
		tui_draw_no_policy(a);
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

	/* Column headings, then the list. */
	head = y - a->top + 1;
	v->n = list_count(card);
	v->h = a->lines - head;
	v->first = tui_scroll_fit(v->first, -1, v->n, v->h);
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
	return tui_scroll_key(act, &v->first, v->n, v->h);
}

static const char *
card_help(void *view)
{
	(void)view;
	return "Up/Down scroll";
}

const struct tui_screen scr_card = {
	.name = "Scorecard",
	.open = card_open,
	.close = card_close,
	.draw = card_draw,
	.key = card_key,
	.help = card_help,
};
