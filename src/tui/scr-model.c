/*
 * scr-model.c - the Model screen: choose the characteristics, fit a
 * scorecard on them, read its coefficients and fit statistics, save it.
 *
 * Left: the characteristics of the table under study by IV, each with its
 * check box (Space).  Right: the last fit (desk_study_fit, the model
 * layer's card_fit_chars on the current bins): its coefficients with
 * standard errors and Wald p-values, the characteristics the fit left out
 * and why, and the fit statistics (rows, bads, log-likelihood, AIC,
 * iterations, AUC, Gini, KS on the development rows).  'f' fits, 'w'
 * stores the scorecard in the database (desk_study_save); an unsaved fit
 * is marked in the status line and asked about on quitting.
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
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

struct model_view {
	struct desk *desk;	/* borrowed */
	int sel, first, h;	/* the list: selected rank, first shown */
	int cfirst;		/* first coefficient line shown */
};

static void *
model_open(struct tui *t, struct desk *d)
{
	struct model_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
model_close(void *view)
{
	free(view);
}

#define W_LIST 34

static void
draw_list(struct model_view *v, const struct desk_study *st, int y, int x,
	int w, int h)
{
	char b[FMT_BUF];
	int n = (int)st->nchars, i, nchosen = 0;
	size_t j;

	for (j = 0; j < st->nchars; j++)
		nchosen += st->chosen[j];
	v->h = h - 1;
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	v->first = tui_scroll_fit(v->first, v->sel, n, v->h);
	tui_color(TUI_C_HEADER);
	tui_put(y, x, w, TUI_LEFT, "");
	tui_putf(y, x, w - 8, TUI_LEFT, "Use Characteristic (%d chosen)",
	    nchosen);
	tui_put(y, x + w - 8, 8, TUI_RIGHT, "IV");
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < v->h && v->first + i < n; i++) {
		size_t k = st->rank[v->first + i];
		const struct characteristic *ch = st->chars[k];

		tui_color(v->first + i == v->sel ? TUI_C_SELECTED :
		    ch->status != NULL ? TUI_C_DIM : TUI_C_NORMAL);
		tui_put(y + 1 + i, x, w, TUI_LEFT, "");
		tui_put(y + 1 + i, x, 4, TUI_LEFT, st->chosen[k] ? "[x]" :
		    "[ ]");
		tui_put(y + 1 + i, x + 4, w - 13, TUI_LEFT, ch->name);
		tui_put(y + 1 + i, x + w - 8, 8, TUI_RIGHT, fmt_stat(b,
		    ch->iv));
		tui_color(TUI_C_NORMAL);
	}
}

static void
draw_fit(struct model_view *v, const struct desk_study *st, int y, int x,
	int w, int h)
{
	const struct scorecard *c = st->card;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	int i, lines, nw = w - 3 * 9, top = y;
	size_t k;

	if (c == NULL) {
		tui_color(TUI_C_DIM);
		tui_put(y, x, w, TUI_LEFT, "no fit yet: choose characteristics "
		    "with Space, then f fits");
		tui_color(TUI_C_NORMAL);
		return;
	}
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Scorecard %s%s", c->name,
	    st->card_saved ? " (saved)" : " (not saved: w saves)");
	tui_color(TUI_C_NORMAL);
	y++;
	tui_kv(y++, x, 16, w - 16 > 24 ? 24 : w - 16, "Rows, bads", "");
	tui_putf(y - 1, x + 16, w - 16, TUI_LEFT, "%s, %s",
	    fmt_count(b1, (double)c->n), fmt_count(b2, (double)c->n_bad));
	tui_kv(y++, x, 16, 0, "Log-likelihood", "");
	tui_putf(y - 1, x + 16, w - 16, TUI_LEFT, "%s   AIC %s   %d "
	    "iterations", fmt_stat(b1, c->loglik), fmt_stat(b2, c->aic),
	    c->iterations);
	tui_kv(y++, x, 16, 0, "Discrimination", "");
	tui_putf(y - 1, x + 16, w - 16, TUI_LEFT, "AUC %s  Gini %s  KS %s",
	    fmt_stat(b1, c->auc), fmt_stat(b2, c->gini), fmt_stat(b3, c->ks));
	y++;
	tui_color(TUI_C_HEADER);
	tui_put(y, x, w, TUI_LEFT, "");
	tui_put(y, x, nw, TUI_LEFT, "Coefficient");
	tui_put(y, x + nw, 9, TUI_RIGHT, "Estimate");
	tui_put(y, x + nw + 9, 9, TUI_RIGHT, "SE");
	tui_put(y, x + nw + 18, 9, TUI_RIGHT, "p-value");
	tui_color(TUI_C_NORMAL);
	y++;
	/* Intercept, the characteristics, then those left out. */
	lines = 1 + (int)c->nchars + (c->ndropped > 0 ? 1 +
	    (int)c->ndropped : 0);
	h -= y - top;
	v->cfirst = tui_scroll_fit(v->cfirst, -1, lines, h);
	for (i = 0; i < h && v->cfirst + i < lines; i++) {
		int li = v->cfirst + i, yy = y + i;

		if (li == 0) {
			tui_put(yy, x, nw, TUI_LEFT, "(intercept)");
			tui_put(yy, x + nw, 9, TUI_RIGHT,
			    fmt_stat(b1, c->intercept));
			tui_put(yy, x + nw + 9, 9, TUI_RIGHT,
			    fmt_stat(b1, c->intercept_se));
			tui_put(yy, x + nw + 18, 9, TUI_RIGHT,
			    fmt_pval(b1, c->intercept_pval));
		} else if (li <= (int)c->nchars) {
			const struct card_char *cc = &c->chars[li - 1];

			tui_put(yy, x, nw, TUI_LEFT, cc->ch->name);
			tui_put(yy, x + nw, 9, TUI_RIGHT, fmt_stat(b1,
			    cc->coef));
			tui_put(yy, x + nw + 9, 9, TUI_RIGHT, fmt_stat(b1,
			    cc->se));
			tui_put(yy, x + nw + 18, 9, TUI_RIGHT, fmt_pval(b1,
			    cc->pval));
		} else if (li == (int)c->nchars + 1) {
			tui_color(TUI_C_GROUP);
			tui_put(yy, x, w, TUI_LEFT, "Left out");
			tui_color(TUI_C_NORMAL);
		} else {
			k = (size_t)(li - (int)c->nchars - 2);
			tui_color(TUI_C_DIM);
			tui_put(yy, x + 2, w - 2, TUI_LEFT, c->dropped[k]);
			tui_color(TUI_C_NORMAL);
		}
	}
}

static void
model_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct model_view *v = view;
	const struct desk_study *st = tui_study_peek(t);
	int x = a->left + 1, w = a->cols - 2, y = a->top, lw;

	if (st == NULL || st->nclassed < st->nchars) {
		tui_color(TUI_C_DIM);
		tui_put(a->top + a->lines / 2, x, w, TUI_LEFT, "no table under "
		    "study: select one on the Data screen (1) and press Enter");
		tui_color(TUI_C_NORMAL);
		return;
	}
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Model on %s", st->table);
	tui_color(TUI_C_NORMAL);
	y += 2;
	lw = w / 2 < W_LIST ? w / 2 : W_LIST;
	draw_list(v, st, y, x, lw, a->top + a->lines - y);
	draw_fit(v, st, y, x + lw + 2, w - lw - 2, a->top + a->lines - y);
}

/* The fit as a job: one step in the worker thread, cancelled between
   the iterations of the logistic regression. */
struct fit_job {
	struct tui *t;
	struct desk_study_fit *f;
};

static int
fit_step(void *arg, double *done, struct rd_err *err)
{
	struct fit_job *fj = arg;
	int rc;

	rc = desk_study_fit_run(fj->f, tui_job_cancel_flag(fj->t), err);
	*done = 1;
	return rc;
}

static int
fit(struct model_view *v, struct tui *t, struct desk_study *st)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	struct fit_job fj;
	struct rd_err err;
	char name[256], title[300];
	int rc;

	snprintf(name, sizeof name, "%s", st->card != NULL ? st->card->name :
	    s != NULL && strcmp(s->policy->population, st->table) == 0 ?
	    s->policy->scorecard : st->table);
	if (tui_prompt(t, "fit scorecard named:", name, sizeof name) != 0 ||
	    name[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	rd_err_clear(&err);
	if ((fj.f = desk_study_fit_begin(st, name, &err)) == NULL) {
		tui_message(t, 1, "cannot fit: %s", err.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	fj.t = t;
	snprintf(title, sizeof title, "Fitting %s on %s rows", name,
	    fmt_count((char[FMT_BUF]){ 0 }, (double)st->ds->nrows));
	rc = tui_job(t, title, fit_step, &fj, &err);
	if (desk_study_fit_end(st, fj.f) == 0)
		tui_message(t, 0, "fitted %s on %zu characteristics: w saves it",
		    name, st->card->nchars);
	else if (rc < 0)
		tui_message(t, 1, "cannot fit: %s", err.msg);
	v->cfirst = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static int
save(struct model_view *v, struct tui *t, struct desk_study *st)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	struct rd_err err;
	size_t k;
	int moved = 0, rc;
	char *what = NULL, q[256];

	if (st->card == NULL) {
		tui_message(t, 1, "nothing to save: f fits a scorecard first");
		return TUI_HANDLED | TUI_REDRAW;
	}
	rd_err_clear(&err);
	/* Never replace a stored scorecard without saying what changes. */
	if ((rc = desk_study_save_check(v->desk, st, &what, &err)) < 0) {
		tui_message(t, 1, "cannot save: %s", err.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (rc > 0) {
		snprintf(q, sizeof q, "Replace the stored scorecard %s?",
		    st->card->name);
		rc = tui_confirm_box(t, q, what);
		free(what);
		if (!rc) {
			tui_message(t, 0, "kept the stored scorecard %s; f fits "
			    "under another name", st->card->name);
			return TUI_HANDLED | TUI_REDRAW;
		}
	}
	if (desk_study_save(v->desk, st, &err) != 0) {
		tui_message(t, 1, "cannot save: %s", err.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* The champion scores with this card: load it again so every
	   screen shows the new one, unless that would drop moved cutoffs. */
	if (s != NULL && strcmp(s->policy->scorecard, st->card->name) == 0) {
		for (k = 0; k < s->policy->nsegments; k++)
			moved |= s->cutoffs[k] != s->policy->segments[k].cutoff;
		if (!moved && tui_load_policy(t, s->policy->path, 0) == 0) {
			tui_message(t, 0, "saved %s; policy %s now scores with "
			    "it", st->card->name, s->policy->name);
			return TUI_HANDLED | TUI_REDRAW;
		}
	}
	tui_message(t, 0, "saved scorecard %s in the database",
	    st->card->name);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
model_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct model_view *v = view;
	struct desk_study *st = tui_study_peek(t);
	size_t k;
	int page = v->h > 1 ? v->h - 1 : 1;

	(void)ch;
	(void)a;
	if (st == NULL || st->nclassed < st->nchars)
		return 0;
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
		v->sel = (int)st->nchars - 1;
		break;
	case KA_TOGGLE:
		if (v->sel < 0 || v->sel >= (int)st->nchars)
			return TUI_HANDLED;
		k = st->rank[v->sel];
		if (st->chars[k]->status != NULL) {
			tui_message(t, 1, "%s cannot go into a model: %s",
			    st->chars[k]->name, st->chars[k]->status);
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->chosen[k] = !st->chosen[k];
		return TUI_HANDLED | TUI_REDRAW;
	case KA_FIT:
		return fit(v, t, st);
	case KA_SAVE:
		return save(v, t, st);
	default:
		return 0;
	}
	if (v->sel >= (int)st->nchars)
		v->sel = (int)st->nchars - 1;
	if (v->sel < 0)
		v->sel = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static const char *
model_help(void *view)
{
	(void)view;
	return "Space use  f fit  w save";
}

const struct tui_screen scr_model = {
	.name = "Model",
	.open = model_open,
	.close = model_close,
	.draw = model_draw,
	.key = model_key,
	.help = model_help,
};
