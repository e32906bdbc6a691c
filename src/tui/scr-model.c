/*
 * scr-model.c - the Model screen: choose the characteristics, set the fit
 * options riskdesk fit takes, fit a scorecard on them, read its
 * coefficients, VIFs, correlations, selection steps and fit statistics,
 * save it.
 *
 * Left: the characteristics of the table under study by IV, each with its
 * check box (Space).  Right: the last fit (desk_study_fit, the model
 * layer's card_fit_chars on the current bins), in views that 'v' cycles:
 * the coefficients with standard errors, Wald p-values (and VIFs when
 * there is room); the VIFs with their flags and the pairs of WoE columns
 * correlated beyond the limit; the selection steps; the characteristics
 * the fit left out and why.  Above them the fit statistics (rows, bads,
 * log-likelihood, AIC, iterations, AUC, Gini, KS on the development
 * rows).  '[' and ']' scroll the view; the line at the bottom gives the
 * selected characteristic in full (name, IV, and its figures in the fit).
 *
 * 'e' sets the fit options in riskdesk fit's words (--holdout, --seed,
 * --oot-after, --date-column, --select, --criterion, --vif-max,
 * --corr-max, --pdo, --base-score, --base-odds): a holdout opens the study
 * again on the development rows (tui_set_fit_options), so the classing,
 * the ranking and the fit are of the rows riskdesk fit develops on, and
 * the card remembers its sample for the Validation screen.  'f' fits, 'w'
 * stores the scorecard in the database (desk_study_save); an unsaved fit
 * is marked in the status line and asked about on quitting, a fit that
 * no longer follows the bins or the choice (desk_study_fit_stale) in
 * its title.  The policies that score with a scorecard saved here are
 * scored with it again before the next draw (tui.c, desk_refresh),
 * moved cutoffs kept.
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
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* What the right side shows of the fit ('v' cycles). */
enum model_fit_view {
	MV_COEF,		/* coefficients, SE, p-value (VIF) */
	MV_VIF,			/* VIFs, flags, correlated pairs */
	MV_STEPS,		/* the selection steps */
	MV_DROPPED,		/* the characteristics left out */
	MV_COUNT
};

static const char *const view_name[MV_COUNT] = {
	"Coefficients", "VIF, correlations", "Selection", "Left out"
};

struct model_view {
	struct desk *desk;	/* borrowed */
	int sel, first, h;	/* the list: selected rank, first shown */
	int cfirst, ch, cn;	/* the fit view: first line, shown, in all */
	enum model_fit_view fv;
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
#define W_NUM 9

/* ------------------------------------------------------- fit options */

/* A number as the options are written: "0.3", "20". */
static char *
num(char *buf, double x)
{
	snprintf(buf, FMT_BUF, "%.10g", x);
	return buf;
}

/*
 * The fit options spec differs from the defaults by, in riskdesk fit's
 * words, into buf[len] ("" when none).
 */
static void
options_text(const struct card_fit_spec *spec, char *buf, size_t len)
{
	struct card_fit_spec def;
	char b[FMT_BUF];
	size_t off = 0;

#define ADD(...) (off += (size_t)snprintf(buf + off, off < len ? len - off : 0, \
	__VA_ARGS__), off = off < len ? off : len)
	card_fit_spec_init(&def);
	buf[0] = '\0';
	if (spec->sample.kind == CARD_SAMPLE_RANDOM)
		ADD(" --holdout %s --seed %lu", num(b, spec->sample.holdout),
		    spec->sample.seed);
	else if (spec->sample.kind == CARD_SAMPLE_OOT)
		ADD(" --oot-after %s --date-column %s", spec->sample.after,
		    spec->sample.date_column);
	if (spec->select.method != SELECT_NONE)
		ADD(" --select %s", select_method_name(spec->select.method));
	if (spec->select.criterion != def.select.criterion)
		ADD(" --criterion p");
	if (spec->select.vif_max != def.select.vif_max)
		ADD(" --vif-max %s", num(b, spec->select.vif_max));
	if (spec->select.corr_max != def.select.corr_max)
		ADD(" --corr-max %s", num(b, spec->select.corr_max));
	if (spec->scaling.pdo != def.scaling.pdo)
		ADD(" --pdo %s", num(b, spec->scaling.pdo));
	if (spec->scaling.base_score != def.scaling.base_score)
		ADD(" --base-score %s", num(b, spec->scaling.base_score));
	if (spec->scaling.base_odds != def.scaling.base_odds)
		ADD(" --base-odds %s", num(b, spec->scaling.base_odds));
#undef ADD
	if (buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
}

/* A number of the options: the whole word, finite. */
static int
parse_num(const char *s, double *x)
{
	char *end;

	*x = strtod(s, &end);
	return end == s || *end != '\0' || !isfinite(*x) ? -1 : 0;
}

/*
 * Parse the fit options of line into *spec (which holds the current
 * ones; the sample's strings point into line, which must live as long):
 * riskdesk fit's options, checked as it checks them.  Returns 0, or -1
 * with err RD_EUSAGE in its words.
 */
static int
parse_options(char *line, struct card_fit_spec *spec, struct rd_err *err)
{
	struct card_fit_spec def;
	char *w[64], *name, *arg, *eq;
	int n = tui_split_words(line, w, 64), i, seed_set = 0, has_date = 0;
	double x;

	if (n < 0)
		return rd_err_set(err, RD_EUSAGE, "an option's quote is not "
		    "closed, or there are too many words");
	/* Every option not given is its default. */
	card_fit_spec_init(&def);
	spec->scaling = def.scaling;
	spec->select = def.select;
	spec->sample = def.sample;
	for (i = 0; i < n; i++) {
		name = w[i];
		if (strncmp(name, "--", 2) != 0)
			return rd_err_set(err, RD_EUSAGE, "expected an option "
			    "such as --holdout 0.3, found \"%s\"", name);
		if ((eq = strchr(name, '=')) != NULL) {
			*eq = '\0';
			arg = eq + 1;
		} else if (i + 1 < n) {
			arg = w[++i];
		} else {
			return rd_err_set(err, RD_EUSAGE, "%s needs a value",
			    name);
		}
		if (strcmp(name, "--holdout") == 0) {
			if (parse_num(arg, &x) != 0 || !(x > 0 && x < 1))
				return rd_err_set(err, RD_EUSAGE, "--holdout: "
				    "expected a fraction between 0 and 1, "
				    "found \"%s\"", arg);
			spec->sample.kind = CARD_SAMPLE_RANDOM;
			spec->sample.holdout = x;
		} else if (strcmp(name, "--seed") == 0) {
			if (parse_num(arg, &x) != 0 || x < 0 || x != floor(x) ||
			    x > 4294967295.0)
				return rd_err_set(err, RD_EUSAGE, "--seed: "
				    "expected a whole number from 0 to "
				    "4294967295, found \"%s\"", arg);
			spec->sample.seed = (unsigned long)x;
			seed_set = 1;
		} else if (strcmp(name, "--oot-after") == 0) {
			spec->sample.kind = CARD_SAMPLE_OOT;
			spec->sample.after = arg;
		} else if (strcmp(name, "--date-column") == 0) {
			spec->sample.date_column = arg;
			has_date = 1;
		} else if (strcmp(name, "--select") == 0) {
			if (select_method_parse(arg, &spec->select.method) != 0)
				return rd_err_set(err, RD_EUSAGE, "--select: "
				    "expected forward, backward or stepwise, "
				    "found \"%s\"", arg);
		} else if (strcmp(name, "--criterion") == 0) {
			if (strcmp(arg, "aic") == 0)
				spec->select.criterion = SELECT_AIC;
			else if (strcmp(arg, "p") == 0)
				spec->select.criterion = SELECT_PVALUE;
			else
				return rd_err_set(err, RD_EUSAGE, "--criterion: "
				    "expected aic or p, found \"%s\"", arg);
		} else if (strcmp(name, "--vif-max") == 0) {
			if (parse_num(arg, &x) != 0 || x < 1)
				return rd_err_set(err, RD_EUSAGE, "--vif-max: "
				    "expected a number >= 1, found \"%s\"",
				    arg);
			spec->select.vif_max = x;
		} else if (strcmp(name, "--corr-max") == 0) {
			if (parse_num(arg, &x) != 0 || x <= 0 || x > 1)
				return rd_err_set(err, RD_EUSAGE, "--corr-max: "
				    "expected a number in (0, 1], found "
				    "\"%s\"", arg);
			spec->select.corr_max = x;
		} else if (strcmp(name, "--pdo") == 0) {
			if (parse_num(arg, &x) != 0 || !(x >= CARD_PDO_MIN &&
			    x <= CARD_PDO_MAX))
				return rd_err_set(err, RD_EUSAGE, "--pdo: "
				    "expected a number from %g to %g, found "
				    "\"%s\"", CARD_PDO_MIN, CARD_PDO_MAX, arg);
			spec->scaling.pdo = x;
		} else if (strcmp(name, "--base-score") == 0) {
			if (parse_num(arg, &x) != 0 || !(fabs(x) <=
			    CARD_SCORE_MAX))
				return rd_err_set(err, RD_EUSAGE,
				    "--base-score: expected a number from %g "
				    "to %g, found \"%s\"", -CARD_SCORE_MAX,
				    CARD_SCORE_MAX, arg);
			spec->scaling.base_score = x;
		} else if (strcmp(name, "--base-odds") == 0) {
			if (parse_num(arg, &x) != 0 || !(x > 0 &&
			    x <= CARD_ODDS_MAX))
				return rd_err_set(err, RD_EUSAGE,
				    "--base-odds: expected a number in (0, "
				    "%g], found \"%s\"", CARD_ODDS_MAX, arg);
			spec->scaling.base_odds = x;
		} else {
			return rd_err_set(err, RD_EUSAGE, "%s is not a fit "
			    "option here: --holdout, --seed, --oot-after, "
			    "--date-column, --select, --criterion, --vif-max, "
			    "--corr-max, --pdo, --base-score, --base-odds "
			    "(Space chooses the characteristics)", name);
		}
	}
	if (spec->sample.kind == CARD_SAMPLE_OOT && !has_date)
		return rd_err_set(err, RD_EUSAGE, "--oot-after needs "
		    "--date-column <column>");
	if (seed_set && spec->sample.kind != CARD_SAMPLE_RANDOM)
		return rd_err_set(err, RD_EUSAGE, "--seed goes with --holdout");
	if (has_date && spec->sample.kind != CARD_SAMPLE_OOT)
		return rd_err_set(err, RD_EUSAGE, "--date-column goes with "
		    "--oot-after");
	return 0;
}

/* The rows a sample develops on, n of them, in words, into buf[len]. */
static void
sample_text(const struct card_sample *s, size_t n, char *buf, size_t len)
{
	char b[FMT_BUF], r[FMT_BUF];

	fmt_count(r, (double)n);
	switch (s->kind) {
	case CARD_SAMPLE_RANDOM:
		snprintf(buf, len, "development: %s rows; holdout %s, seed %lu",
		    r, num(b, s->holdout), s->seed);
		break;
	case CARD_SAMPLE_OOT:
		snprintf(buf, len, "development: %s rows, %s up to %s", r,
		    s->date_column, s->after);
		break;
	default:
		snprintf(buf, len, "every row develops: %s rows", r);
		break;
	}
}

/* --------------------------------------------------------------- list */

static void
draw_list(struct model_view *v, const struct desk_study *st, int y, int x,
	int w, int h)
{
	char b[FMT_BUF], pos[32];
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
	pos[0] = '\0';
	if (n > v->h)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < n ? v->first + v->h : n, n);
	snprintf(b, sizeof b, "%d chosen", nchosen);
	tui_put_heading(y, x, w - 8, tui_width(pos) + 8 < w - 8 ?
	    "Use Characteristic" : "Use", pos[0] != '\0' ? pos : b);
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

/* ---------------------------------------------------------------- fit */

/* The card's characteristic named name, or NULL. */
static const struct card_char *
card_char_named(const struct scorecard *c, const char *name)
{
	size_t k;

	for (k = 0; k < c->nchars; k++)
		if (strcmp(c->chars[k].ch->name, name) == 0)
			return &c->chars[k];
	return NULL;
}

/* The flags of a characteristic of the card, as riskdesk fit writes
   them ("high VIF; forced in"), into buf[len]. */
static char *
char_flags(const struct scorecard *c, const struct card_char *cc,
	char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", cc->vif > c->vif_max ? "; high VIF" :
	    "", cc->wrong_sign ? "; wrong sign" : "", cc->forced ?
	    "; forced in" : "");
	if (buf[0] == ';')
		memmove(buf, buf + 2, strlen(buf + 2) + 1);
	return buf;
}

/*
 * The lines of the fit view: line li of view fv, into buf (what *kind
 * says how to draw: 0 text, 1 a heading, 2 dim); 0 past the end.  cols
 * is the width of the view, for the coefficient table's columns.
 */
struct fit_line {
	int kind;		/* 0 a row, 1 a group heading, 2 dim */
	const struct card_char *cc;	/* the row's characteristic, or NULL */
	char text[512];
	char num[4][FMT_BUF];	/* right-aligned figures of a row */
	int nnum;
};

static int
fit_line(const struct scorecard *c, enum model_fit_view fv, int li,
	struct fit_line *fl)
{
	size_t k, a, b, np;

	memset(fl, 0, sizeof *fl);
	switch (fv) {
	case MV_COEF:
		if (li == 0) {
			snprintf(fl->text, sizeof fl->text, "(intercept)");
			fmt_stat(fl->num[0], c->intercept);
			fmt_stat(fl->num[1], c->intercept_se);
			fmt_pval(fl->num[2], c->intercept_pval);
			fl->nnum = 3;
			return 1;
		}
		if (li > (int)c->nchars)
			return 0;
		fl->cc = &c->chars[li - 1];
		snprintf(fl->text, sizeof fl->text, "%s", fl->cc->ch->name);
		fmt_stat(fl->num[0], fl->cc->coef);
		fmt_stat(fl->num[1], fl->cc->se);
		fmt_pval(fl->num[2], fl->cc->pval);
		snprintf(fl->num[3], FMT_BUF, "%.3f", fl->cc->vif);
		fl->nnum = 4;
		return 1;
	case MV_VIF:
		if (li < (int)c->nchars) {
			char flags[96];

			fl->cc = &c->chars[li];
			snprintf(fl->num[0], FMT_BUF, "%.3f", fl->cc->vif);
			fl->nnum = 1;
			snprintf(fl->text, sizeof fl->text, "%s%s%s",
			    fl->cc->ch->name, char_flags(c, fl->cc, flags,
			    sizeof flags)[0] != '\0' ? "  " : "", flags);
			return 1;
		}
		li -= (int)c->nchars;
		if (c->corr == NULL)
			return 0;
		if (li == 0)
			return 1;
		if (li == 1) {
			fl->kind = 1;
			snprintf(fl->text, sizeof fl->text, "WoE columns with "
			    "|r| above %g", c->corr_max);
			return 1;
		}
		/* The pairs in card order, as riskdesk fit lists them. */
		for (a = 0, np = 0; a < c->nchars; a++)
			for (b = a + 1; b < c->nchars; b++) {
				double r = c->corr[a * c->nchars + b];

				if (!(fabs(r) > c->corr_max))
					continue;
				if ((int)np++ == li - 2) {
					snprintf(fl->text, sizeof fl->text,
					    "%s, %s: r = %.3f",
					    c->chars[a].ch->name,
					    c->chars[b].ch->name, r);
					return 1;
				}
			}
		if (np == 0 && li == 2) {
			fl->kind = 2;
			snprintf(fl->text, sizeof fl->text, "none");
			return 1;
		}
		return 0;
	case MV_STEPS:
		if (c->select_method == NULL) {
			if (li > 0)
				return 0;
			fl->kind = 2;
			snprintf(fl->text, sizeof fl->text, "no selection ran: "
			    "e sets --select forward, backward or stepwise");
			return 1;
		}
		if (li == 0) {
			fl->kind = 1;
			snprintf(fl->text, sizeof fl->text, "%s selection, %zu "
			    "step%s", c->select_method, c->nsteps,
			    c->nsteps == 1 ? "" : "s");
			return 1;
		}
		if ((size_t)li > c->nsteps)
			return 0;
		k = (size_t)li - 1;
		snprintf(fl->text, sizeof fl->text, "%zu %s %s", k + 1,
		    c->steps[k].entered ? "+" : "-", c->steps[k].name);
		snprintf(fl->num[0], FMT_BUF, "%.4f", c->steps[k].aic);
		fmt_pval(fl->num[1], c->steps[k].pval);
		fl->nnum = 2;
		return 1;
	case MV_DROPPED:
		if (c->ndropped == 0) {
			if (li > 0)
				return 0;
			fl->kind = 2;
			snprintf(fl->text, sizeof fl->text, "none left out");
			return 1;
		}
		if ((size_t)li >= c->ndropped)
			return 0;
		snprintf(fl->text, sizeof fl->text, "%s", c->dropped[li]);
		return 1;
	case MV_COUNT:
		break;
	}
	return 0;
}

/* The headings of the view's table; the number columns' count. */
static int
fit_heading(enum model_fit_view fv, int vif, const char **head)
{
	static const char *const coef[] = { "Coefficient", "Estimate", "SE",
	    "p-value", "VIF" };
	static const char *const vifs[] = { "Characteristic, flags", "VIF" };
	static const char *const steps[] = { "Step", "AIC", "p-value" };
	static const char *const one[] = { "" };
	const char *const *h = fv == MV_COEF ? coef : fv == MV_VIF ? vifs :
	    fv == MV_STEPS ? steps : one;
	int n = fv == MV_COEF ? (vif ? 4 : 3) : fv == MV_VIF ? 1 :
	    fv == MV_STEPS ? 2 : 0, i;

	for (i = 0; i <= n; i++)
		head[i] = h[i];
	return n;
}

static void
draw_fit(struct model_view *v, const struct desk_study *st, int y, int x,
	int w, int h)
{
	const struct scorecard *c = st->card;
	const struct characteristic *selch = NULL;
	const char *head[5];
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], pos[32];
	struct fit_line fl;
	int i, top = y, nnum, vif, nw, cx, li, map[5];

	if (c == NULL) {
		tui_color(TUI_C_DIM);
		tui_put_wrapped(y, x, w, 0, h, "no fit yet: choose "
		    "characteristics with Space, then f fits");
		tui_color(TUI_C_NORMAL);
		v->cn = v->ch = 0;
		return;
	}
	if (v->sel >= 0 && v->sel < (int)st->nchars)
		selch = st->chars[st->rank[v->sel]];
	tui_color(desk_study_fit_stale(st) ? TUI_C_ERROR : TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Scorecard %s%s", c->name,
	    desk_study_fit_stale(st) ? " (out of date: f refits)" :
	    st->card_saved ? " (saved)" : " (not saved: w saves)");
	tui_color(TUI_C_NORMAL);
	y++;
	tui_putf(y++, x, w, TUI_LEFT, "Rows %s, bads %s; %d iterations%s",
	    fmt_count(b1, (double)c->n), fmt_count(b2, (double)c->n_bad),
	    c->iterations, c->start_rows > 0 ? " (from a sample's fit)" :
	    "");
	/* Rows without an outcome, when the table has some: the
	   indeterminate and the rejects apart. */
	if (c->n_indet != CARD_COUNT_UNKNOWN &&
	    c->n_reject != CARD_COUNT_UNKNOWN &&
	    c->n_indet + c->n_reject > 0)
		tui_putf(y++, x, w, TUI_LEFT, "Left out: %s indeterminate, "
		    "%s rejects", fmt_count(b1, (double)c->n_indet),
		    fmt_count(b2, (double)c->n_reject));
	tui_putf(y++, x, w, TUI_LEFT, "Log-likelihood %s  AIC %s",
	    fmt_stat(b1, c->loglik), fmt_stat(b2, c->aic));
	tui_putf(y++, x, w, TUI_LEFT, "AUC %s  Gini %s  KS %s",
	    fmt_stat(b1, c->auc), fmt_stat(b2, c->gini), fmt_stat(b3, c->ks));
	/* The view shown, and that 'v' shows the others. */
	cx = tui_width(view_name[v->fv]) + 2;
	tui_color(TUI_C_TAB_ACTIVE);
	tui_putf(y, x, cx, TUI_LEFT, " %s ", view_name[v->fv]);
	tui_color(TUI_C_DIM);
	tui_putf(y, x + cx + 1, w - cx - 1, TUI_LEFT, "%d/%d  v: %s",
	    (int)v->fv + 1, MV_COUNT, view_name[(v->fv + 1) % MV_COUNT]);
	tui_color(TUI_C_NORMAL);
	y++;
	/* The VIF goes in the coefficient table when the names keep 20
	   columns beside it; on a narrow terminal the SE goes too, so that
	   the names keep 12 (the line at the bottom has every figure). */
	vif = w - 4 * (W_NUM + 1) >= 20;
	nnum = fit_heading(v->fv, vif, head);
	for (i = 0; i < 5; i++)
		map[i] = i;
	if (v->fv == MV_COEF && w - nnum * (W_NUM + 1) < 12) {
		nnum = 2;
		map[2] = 3;
		head[2] = head[3];
	}
	nw = w - nnum * (W_NUM + 1);
	/* A line of figures is one line, a line of text (a pair of
	   correlated characteristics, a reason for leaving one out) wraps:
	   the view scrolls over the lines of the screen. */
	for (li = 0, v->cn = 0; fit_line(c, v->fv, li, &fl); li++)
		v->cn += fl.nnum > 0 ? 1 : tui_wrap_lines(fl.text, w);
	v->ch = h - (y - top) - 1;
	v->cfirst = tui_scroll_fit(v->cfirst, -1, v->cn, v->ch);
	pos[0] = '\0';
	if (v->cn > v->ch)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->cfirst + 1,
		    v->cfirst + v->ch < v->cn ? v->cfirst + v->ch : v->cn,
		    v->cn);
	tui_color(TUI_C_HEADER);
	tui_put(y, x, w, TUI_LEFT, "");
	tui_put_heading(y, x, nw, head[0], pos);
	for (i = 0; i < nnum; i++)
		tui_put(y, x + nw + i * (W_NUM + 1) + 1, W_NUM, TUI_RIGHT,
		    head[i + 1]);
	tui_color(TUI_C_NORMAL);
	y++;
	for (li = 0, i = 0; i < v->cfirst + v->ch && fit_line(c, v->fv, li,
	    &fl); li++) {
		int yy = y + i - v->cfirst, k, n, sel = fl.cc != NULL &&
		    selch != NULL && strcmp(fl.cc->ch->name, selch->name) == 0;

		tui_color(sel ? TUI_C_SELECTED : fl.kind == 1 ? TUI_C_GROUP :
		    fl.kind == 2 ? TUI_C_DIM : TUI_C_NORMAL);
		if (fl.nnum == 0) {
			n = tui_wrap_lines(fl.text, w);
			if (i + n > v->cfirst)
				tui_put_wrapped(yy > y ? yy : y, x, w,
				    v->cfirst > i ? v->cfirst - i : 0,
				    v->ch - (yy > y ? yy - y : 0), fl.text);
			i += n;
			tui_color(TUI_C_NORMAL);
			continue;
		}
		if (i++ < v->cfirst)
			continue;
		tui_put(yy, x, w, TUI_LEFT, "");
		tui_put(yy, x, nw, TUI_LEFT, fl.text);
		for (k = 0; k < nnum && map[k + 1] - 1 < fl.nnum; k++)
			tui_put(yy, x + nw + k * (W_NUM + 1) + 1, W_NUM,
			    TUI_RIGHT, fl.num[map[k + 1] - 1]);
		tui_color(TUI_C_NORMAL);
	}
}

/*
 * The selected characteristic in full on line y: its name (never cut
 * here: the line wraps to a second when it must), IV, and what the fit
 * made of it.
 */
static void
draw_detail(struct model_view *v, const struct desk_study *st, int y,
	int x, int w, int lines)
{
	const struct characteristic *ch;
	const struct card_char *cc;
	char line[1024], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], fl[96];
	size_t k;

	if (v->sel < 0 || v->sel >= (int)st->nchars)
		return;
	ch = st->chars[st->rank[v->sel]];
	cc = st->card != NULL ? card_char_named(st->card, ch->name) : NULL;
	if (ch->status != NULL)
		snprintf(line, sizeof line, "%s: %s", ch->name, ch->status);
	else if (cc != NULL)
		snprintf(line, sizeof line, "%s: IV %s (%s); coefficient %s, "
		    "SE %s, p %s, VIF %.3f%s%s", ch->name, fmt_stat(b1, ch->iv),
		    bin_iv_strength(ch->iv), fmt_stat(b2, cc->coef),
		    fmt_stat(b3, cc->se), fmt_pval((char[FMT_BUF]){ 0 },
		    cc->pval), cc->vif, char_flags(st->card, cc, fl,
		    sizeof fl)[0] != '\0' ? "; " : "", fl);
	else {
		const char *why = NULL;

		for (k = 0; st->card != NULL && k < st->card->ndropped; k++)
			if (strncmp(st->card->dropped[k], ch->name,
			    strlen(ch->name)) == 0 &&
			    st->card->dropped[k][strlen(ch->name)] == ':')
				why = st->card->dropped[k] + strlen(ch->name) +
				    2;
		snprintf(line, sizeof line, "%s: IV %s (%s)%s%s", ch->name,
		    fmt_stat(b1, ch->iv), bin_iv_strength(ch->iv),
		    why != NULL ? "; left out of the fit: " :
		    st->chosen[st->rank[v->sel]] ? "; chosen" : "; not chosen",
		    why != NULL ? why : "");
	}
	tui_color(TUI_C_DIM);
	tui_put_wrapped(y, x, w, 0, lines, line);
	tui_color(TUI_C_NORMAL);
}

static void
model_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct model_view *v = view;
	const struct desk_study *st = tui_study_peek(t);
	char opts[512], samp[256];
	int x = a->left + 1, w = a->cols - 2, y = a->top, lw, h;

	if (st == NULL || st->nclassed < st->nchars) {
		tui_color(TUI_C_DIM);
		tui_put(a->top + a->lines / 2, x, w, TUI_LEFT, "no table under "
		    "study: select one on the Data screen (1) and press Enter");
		tui_color(TUI_C_NORMAL);
		return;
	}
	sample_text(&st->spec.sample, st->ds->nrows, samp, sizeof samp);
	tui_color(TUI_C_TITLE);
	tui_putf(y, x, w, TUI_LEFT, "Model on %s", st->table);
	tui_color(TUI_C_DIM);
	tui_put(y, x + tui_width(st->table) + 11, w - tui_width(st->table) -
	    11, TUI_LEFT, samp);
	y++;
	/* The options on one line, or on two when they are long (the blank
	   line under them gives way). */
	options_text(tui_fit_options(t), opts, sizeof opts);
	if (opts[0] == '\0')
		snprintf(opts, sizeof opts, "none: every row, no selection");
	if (tui_width(opts) + 15 <= w - 13)
		strcat(opts, "  (e sets them)");
	tui_color(TUI_C_LABEL);
	tui_put(y, x, 13, TUI_LEFT, "Fit options");
	tui_color(TUI_C_NORMAL);
	tui_put_wrapped(y, x + 13, w - 13, 0, 2, opts);
	y += 2;
	/* The last line (two on a narrow terminal) gives the selected
	   characteristic in full. */
	h = a->top + a->lines - y - (w < 100 ? 2 : 1);
	lw = w / 2 < W_LIST ? w / 2 : W_LIST;
	draw_list(v, st, y, x, lw, h);
	draw_fit(v, st, y, x + lw + 2, w - lw - 2, h);
	draw_detail(v, st, y + h, x, w, w < 100 ? 2 : 1);
}

/* ---------------------------------------------------------------- keys */

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

/* 'e': the fit options in riskdesk fit's words. */
static int
set_options(struct model_view *v, struct tui *t, struct desk_study *st)
{
	struct card_fit_spec spec = *tui_fit_options(t);
	struct rd_err err;
	char line[512], *copy;
	size_t j;
	int rc, date = -1;

	options_text(&spec, line, sizeof line);
	if (tui_prompt(t, "fit options (as riskdesk fit takes them):", line,
	    sizeof line) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	copy = xstrdup(line);
	rd_err_clear(&err);
	if (parse_options(copy, &spec, &err) != 0) {
		tui_message(t, 1, "fit options: %s", err.msg);
		free(copy);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (desk_study_unsaved(st) > 0 && spec.sample.kind !=
	    st->spec.sample.kind && !tui_confirm(t, "a new holdout classes "
	    "the table again: the regrouping of %zu characteristics not "
	    "saved goes. Go on? (y/n)", desk_study_unsaved(st))) {
		free(copy);
		return TUI_HANDLED | TUI_REDRAW;
	}
	rc = tui_set_fit_options(t, &spec);
	free(copy);
	if (rc != 0)
		return TUI_HANDLED | TUI_REDRAW;
	/* The study may be new: its date column is no characteristic. */
	st = tui_study_peek(t);
	if (st != NULL && spec.sample.kind == CARD_SAMPLE_OOT)
		for (j = 0; j < st->nchars; j++)
			if (st->chars[j] != NULL && strcmp(st->chars[j]->name,
			    st->spec.sample.date_column) == 0) {
				st->chosen[j] = 0;
				date = (int)j;
			}
	tui_message(t, 0, "fit options set%s: f fits with them", date >= 0 ||
	    spec.sample.kind == CARD_SAMPLE_OOT ? "; the date column is not "
	    "chosen" : "");
	v->cfirst = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static int
save(struct model_view *v, struct tui *t, struct desk_study *st)
{
	struct rd_err err;
	int rc;
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
	/* The desk marked the policies that score with it: they are scored
	   again before the next draw, and say so. */
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
	int cpage = v->ch > 1 ? v->ch - 1 : 1, flags;

	(void)ch;
	(void)a;
	if (st == NULL || st->nclassed < st->nchars)
		return 0;
	if ((flags = tui_select_key(act, &v->sel, (int)st->nchars, v->h)) != 0)
		return flags;
	switch (act) {
	case KA_LEFT:
		v->cfirst = v->cfirst - cpage > 0 ? v->cfirst - cpage : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_RIGHT:
		v->cfirst = tui_scroll_fit(v->cfirst + cpage, -1, v->cn,
		    v->ch);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_VIEW:
		v->fv = (enum model_fit_view)((v->fv + 1) % MV_COUNT);
		v->cfirst = 0;
		return TUI_HANDLED | TUI_REDRAW;
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
	case KA_OPTIONS:
		return set_options(v, t, st);
	case KA_SAVE:
		return save(v, t, st);
	default:
		return 0;
	}
}

static const char *
model_help(void *view)
{
	(void)view;
	return "Space use  e options  f fit  v view  w save";
}

const struct tui_screen scr_model = {
	.name = "Model",
	.open = model_open,
	.close = model_close,
	.draw = model_draw,
	.key = model_key,
	.help = model_help,
};
