/*
 * scr-infer.c - the Inference screen: reject inference from a KGB
 * scorecard, and the KGB and inferred scorecards side by side.
 *
 * The top lines hold the inference to run, in riskdesk infer's words
 * (--from, --name, --method and the method's options, their defaults the
 * command's: infer_spec_init, infer_spec_option).  'f' runs it under a
 * progress bar through desk_infer, the path of `riskdesk infer`, which
 * stores the inferred scorecard, its settings and its augmented
 * development set as the command stores them; then the comparison is
 * made through desk_infer_compare and desk_card_swap, the path of
 * `riskdesk infer --compare --policy <the champion's file>`.  The list
 * below shows that comparison: the rejects' estimated bad rate and the
 * through-the-door bad rate under each scorecard and in the augmented set,
 * the score shift by KGB score band, the characteristics by largest WoE
 * change, and the swap set of the champion policy (its file's cutoffs)
 * scored with each scorecard.  Up/Down select a line, given in full on
 * the last line.  Nothing is computed here.
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
#include "desk/desk-infer.h"
#include "desk/desk-model.h"
#include "desk/desk-study.h"
#include "model/card.h"
#include "model/infer.h"
#include "report/report-infer.h"
#include "sim/sim.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

#define NAME_MAX_LEN 256

struct infer_view {
	struct desk *desk;		/* borrowed */
	/* The inference to run: riskdesk infer's options. */
	struct infer_spec spec;
	int seed_set;			/* --seed given (parceling only) */
	char from[NAME_MAX_LEN];	/* KGB scorecard; "" none yet */
	char name[NAME_MAX_LEN];	/* the inferred scorecard */
	int name_set;			/* name given, not derived */
	char table[NAME_MAX_LEN];	/* --table; "" the KGB's population */
	int defaulted;			/* from and the comparison tried */
	/* The comparison shown (have), of the database as at gen. */
	int have;
	struct desk_infer_cmp cmp;
	int have_ps;
	struct desk_card_swap ps;
	char policy[1024];		/* the policy file of ps */
	char ps_why[RD_ERR_MSG + 64];	/* why there is no swap set */
	char run_note[512];		/* what the last run said */
	unsigned gen;
	int first, sel, h, n;		/* the list, last draw */
};

static void *
infer_open(struct tui *t, struct desk *d)
{
	struct infer_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	infer_spec_init(&v->spec);
	return v;
}

static void
drop_cmp(struct infer_view *v)
{
	if (v->have)
		desk_infer_cmp_done(&v->cmp);
	if (v->have_ps)
		desk_card_swap_done(&v->ps);
	v->have = v->have_ps = 0;
}

static void
infer_close(void *view)
{
	struct infer_view *v = view;

	drop_cmp(v);
	free(v);
}

/* ----------------------------------------------------------- settings */

/* The name of the inferred scorecard when none is given: the KGB's and
   the method's, "german_hard_cutoff". */
static void
derive_name(struct infer_view *v)
{
	char *p;

	if (v->name_set || v->from[0] == '\0')
		return;
	snprintf(v->name, sizeof v->name, "%.200s_%s", v->from,
	    infer_method_name(v->spec.method));
	for (p = v->name + (strlen(v->from) < 200 ? strlen(v->from) : 200);
	    *p != '\0'; p++)
		if (*p == '-')
			*p = '_';
}

/* A number as the options line gives it back: the shortest text that
   reads as the same double. */
static char *
num_text(char *buf, double x)
{
	int prec;

	for (prec = 6; prec < 17; prec++) {
		snprintf(buf, FMT_BUF, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	if (prec == 17)
		snprintf(buf, FMT_BUF, "%.17g", x);
	return buf;
}

/* The inference to run in riskdesk infer's words, the options left at
   their defaults left out, into buf[len]. */
static void
options_text(const struct infer_view *v, char *buf, size_t len)
{
	struct infer_spec def;
	char b[FMT_BUF];
	size_t off;

	infer_spec_init(&def);
	snprintf(buf, len, "--from %s --name %s --method %s",
	    v->from[0] != '\0' ? v->from : "?", v->name[0] != '\0' ?
	    v->name : "?", infer_method_name(v->spec.method));
#define ADD(...) (off = strlen(buf), snprintf(buf + off, len - off, \
	__VA_ARGS__))
	if (v->table[0] != '\0')
		ADD(" --table %s", v->table);
	if (!isnan(v->spec.factor))
		ADD(" --factor %s", num_text(b, v->spec.factor));
	if (!isnan(v->spec.bad_multiple))
		ADD(" --bad-multiple %s", num_text(b, v->spec.bad_multiple));
	if (!isnan(v->spec.cutoff_pd))
		ADD(" --cutoff %s", num_text(b, v->spec.cutoff_pd));
	if (v->spec.reject_weight != def.reject_weight)
		ADD(" --reject-weight %s", num_text(b,
		    v->spec.reject_weight));
	if (v->spec.bands != def.bands)
		ADD(" --bands %zu", v->spec.bands);
	if (v->seed_set)
		ADD(" --seed %lu", v->spec.seed);
#undef ADD
}

/*
 * Parse line (modified) as riskdesk infer's options into v: every
 * option not given takes its default.  Returns 0, or -1 with err
 * (RD_EUSAGE) and v untouched.
 */
static int
parse_options(struct infer_view *v, char *line, struct rd_err *err)
{
	struct infer_view n = *v;
	char *w[64], *opt, *arg, *eq;
	int nw = tui_split_words(line, w, 64), i, rc, method_set = 0;

	if (nw < 0)
		return rd_err_set(err, RD_EUSAGE, "an option's quote is not "
		    "closed, or there are too many words");
	infer_spec_init(&n.spec);
	n.name_set = n.seed_set = 0;
	n.table[0] = '\0';
	for (i = 0; i < nw; i++) {
		opt = w[i];
		if (strncmp(opt, "--", 2) != 0)
			return rd_err_set(err, RD_EUSAGE, "expected an option "
			    "such as --method fuzzy, found \"%s\"", opt);
		if ((eq = strchr(opt, '=')) != NULL) {
			*eq = '\0';
			arg = eq + 1;
		} else if (i + 1 < nw)
			arg = w[++i];
		else
			return rd_err_set(err, RD_EUSAGE, "%s needs a value",
			    opt);
		if (strcmp(opt, "--from") == 0)
			snprintf(n.from, sizeof n.from, "%s", arg);
		else if (strcmp(opt, "--name") == 0) {
			snprintf(n.name, sizeof n.name, "%s", arg);
			n.name_set = 1;
		} else if (strcmp(opt, "--table") == 0)
			snprintf(n.table, sizeof n.table, "%s", arg);
		else if ((rc = infer_spec_option(&n.spec, opt, arg, err)) < 0)
			return -1;
		else if (rc > 0)
			return rd_err_set(err, RD_EUSAGE, "%s is not an infer "
			    "option here: --from, --name, --table, --method, "
			    "--factor, --bad-multiple, --cutoff, "
			    "--reject-weight, --bands, --seed", opt);
		else {
			method_set |= strcmp(opt, "--method") == 0;
			n.seed_set |= strcmp(opt, "--seed") == 0;
		}
	}
	if (!method_set)
		n.spec.method = v->spec.method;
	/* As riskdesk infer refuses them. */
	if (n.seed_set && n.spec.method != INFER_PARCELING)
		return rd_err_set(err, RD_EUSAGE, "--seed goes with --method "
		    "parceling");
	if (n.from[0] == '\0' || strcmp(n.from, "?") == 0)
		return rd_err_set(err, RD_EUSAGE, "infer needs --from "
		    "<scorecard>: the KGB scorecard fitted on the accepts");
	if (infer_spec_check(&n.spec, err) != 0)
		return -1;
	if (!n.name_set || strcmp(n.name, "?") == 0) {
		n.name_set = 0;
		derive_name(&n);
	}
	/* The comparison stays until another is made. */
	v->spec = n.spec;
	v->seed_set = n.seed_set;
	memcpy(v->from, n.from, sizeof v->from);
	memcpy(v->name, n.name, sizeof v->name);
	memcpy(v->table, n.table, sizeof v->table);
	v->name_set = n.name_set;
	return 0;
}

/* ----------------------------------------------------------- the job */

/*
 * Run in tui_job's worker: the inference when run is set (desk_infer,
 * riskdesk infer's path), then the comparison (desk_infer_compare) and
 * the swap set of the champion's policy file (desk_card_swap), each a
 * step, all into the job; the view takes them when the job is done.
 */
struct infer_job {
	struct tui *t;
	struct desk *desk;
	int run, stage;
	struct infer_spec spec;
	const char *from, *name, *table;	/* borrowed from the view */
	const char *policy;		/* NULL: no champion */
	struct infer_result r;
	int have_r;
	char note[512];
	struct desk_infer_cmp cmp;
	int have_cmp;
	struct desk_card_swap ps;
	int have_ps;
	char ps_why[RD_ERR_MSG + 64];
};

static int
job_step(void *arg, double *done, struct rd_err *err)
{
	struct infer_job *j = arg;
	struct rd_err perr;

	if (j->stage == 0 && j->run) {
		j->spec.logit.cancel = tui_job_cancel_flag(j->t);
		if (desk_infer(j->desk, j->table[0] != '\0' ? j->table : NULL,
		    j->from, j->name, &j->spec, &j->r, err) != 0)
			return -1;
		j->have_r = 1;
		*done = 0.6;
		j->stage = 1;
		return 1;
	}
	if (j->stage <= 1) {
		if (desk_infer_compare(j->desk, j->name, NAN, 0, &j->cmp,
		    err) != 0)
			return -1;
		j->have_cmp = 1;
		*done = 0.8;
		j->stage = 2;
		return 1;
	}
	j->ps_why[0] = '\0';
	if (j->policy == NULL)
		snprintf(j->ps_why, sizeof j->ps_why, "no policy loaded: o "
		    "opens one");
	else {
		rd_err_clear(&perr);
		if (desk_card_swap(j->desk, j->policy, j->cmp.kgb,
		    j->cmp.name, &j->ps, &perr) == 0)
			j->have_ps = 1;
		else
			rd_err_format(&perr, j->ps_why, sizeof j->ps_why);
	}
	*done = 1;
	return 0;
}

static void
job_done(struct infer_job *j)
{
	if (j->have_r)
		infer_result_done(&j->r);
	if (j->have_cmp)
		desk_infer_cmp_done(&j->cmp);
	if (j->have_ps)
		desk_card_swap_done(&j->ps);
}

/* The term whose coefficient changed most from the KGB to the inferred
   card r->card, with its unit, as the CLI names it ("the intercept
   (log-odds of bad)", "age (log-odds of bad per unit of WoE)"), into
   buf[size]; "a term" when the KGB cannot be read.  Returns buf. */
static const char *
change_term(const struct infer_view *v, const struct infer_result *r,
	char *buf, size_t size)
{
	struct scorecard *kgb;
	struct rd_err err;
	size_t k;

	snprintf(buf, size, "a term");
	if (r->card == NULL ||
	    (kgb = desk_scorecard(v->desk, v->from, &err)) == NULL)
		return buf;
	k = infer_coef_term(kgb, r->card);
	if (k == 0)
		snprintf(buf, size, "the intercept (log-odds of bad)");
	else
		snprintf(buf, size, "%s (log-odds of bad per unit of WoE)",
		    kgb->chars[k - 1].ch->name);
	card_free(kgb);
	return buf;
}

/*
 * Run the inference of v (run set) or only compare scorecard v->name
 * with its KGB, under a progress bar; the comparison replaces the one
 * shown when it is made.  Says what happened on the status line.
 */
static void
run(struct infer_view *v, struct tui *t, int run)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	struct infer_job j;
	struct rd_err err;
	char title[NAME_MAX_LEN * 2 + 64], term[NAME_MAX_LEN + 48];
	int rc;

	memset(&j, 0, sizeof j);
	j.t = t;
	j.desk = v->desk;
	j.run = run;
	j.stage = run ? 0 : 1;
	j.spec = v->spec;
	j.from = v->from;
	j.name = v->name;
	j.table = v->table;
	j.policy = s != NULL ? s->policy->path : NULL;
	rd_err_clear(&err);
	if (run)
		snprintf(title, sizeof title, "Inferring %s from %s (%s)",
		    v->name, v->from, infer_method_name(v->spec.method));
	else
		snprintf(title, sizeof title, "Comparing %s with its KGB "
		    "scorecard", v->name);
	rc = tui_job(t, title, job_step, &j, &err);
	if (rc == 0) {
		drop_cmp(v);
		v->cmp = j.cmp;
		v->have = 1;
		j.have_cmp = 0;
		v->ps = j.ps;
		v->have_ps = j.have_ps;
		j.have_ps = 0;
		snprintf(v->ps_why, sizeof v->ps_why, "%s", j.ps_why);
		snprintf(v->policy, sizeof v->policy, "%s", j.policy != NULL ?
		    j.policy : "");
		v->gen = tui_data_gen(t);
		v->sel = v->first = 0;
		if (run) {
			snprintf(v->run_note, sizeof v->run_note, "%s",
			    j.r.reproduces ? "fuzzy augmentation without a "
			    "factor reproduces the KGB coefficients: the "
			    "rejects add no information" : "");
			tui_message(t, 0, "inferred scorecard %s stored (%s "
			    "from %s; largest coefficient change %.5f, of %s)",
			    v->name, infer_method_name(v->spec.method),
			    v->from, j.r.coef_diff, change_term(v, &j.r,
			    term, sizeof term));
		}
	} else if (rc == 1) {
		tui_message(t, 0, "cancelled: %s", run ? "no scorecard stored"
		    : "the comparison shown stays");
	} else if (run && !j.have_r) {
		tui_message(t, 1, "cannot infer %s: %s", v->name, err.msg);
	} else {
		tui_message(t, 1, "cannot compare %s: %s", v->name, err.msg);
	}
	job_done(&j);
}

/* Compare scorecard name (not the name of the inference to run) with its
   KGB. */
static void
compare_name(struct infer_view *v, struct tui *t, const char *name)
{
	char keep[NAME_MAX_LEN];

	memcpy(keep, v->name, sizeof keep);
	snprintf(v->name, sizeof v->name, "%s", name);
	run(v, t, 0);
	memcpy(v->name, keep, sizeof v->name);
}

/*
 * The first time the screen shows: the KGB is the champion's scorecard,
 * or, when that was made by riskdesk infer, the scorecard it was made
 * from, and then that comparison shows at once.
 */
static void
infer_prepare(void *view, struct tui *t)
{
	struct infer_view *v = view;
	const struct desk_policy *s = desk_policy_slot(v->desk, 0);
	const struct desk_study *st = tui_study_peek(t);
	struct rd_err err;
	int made;

	if (v->have && v->gen != tui_data_gen(t)) {
		/* Another process wrote to the database: compare again. */
		char name[NAME_MAX_LEN];

		v->gen = tui_data_gen(t);
		snprintf(name, sizeof name, "%s", v->cmp.name);
		compare_name(v, t, name);
		return;
	}
	if (v->defaulted)
		return;
	v->defaulted = 1;
	rd_err_clear(&err);
	if (s != NULL && (made = desk_infer_made(v->desk, s->card->name,
	    &err)) > 0) {
		snprintf(v->name, sizeof v->name, "%s", s->card->name);
		v->name_set = 1;
		run(v, t, 0);
		if (v->have) {
			snprintf(v->from, sizeof v->from, "%s", v->cmp.kgb);
			v->spec.method = v->cmp.spec.method;
		}
		return;
	}
	if (s != NULL)
		snprintf(v->from, sizeof v->from, "%s", s->card->name);
	else if (st != NULL && st->card != NULL && st->card_saved)
		snprintf(v->from, sizeof v->from, "%s", st->card->name);
	derive_name(v);
}

/* ------------------------------------------------------------ the list */

/*
 * The list, line by line: the rejects' and the through-the-door bad rate
 * under each scorecard; the score bands; the characteristics; the swap
 * set.  Headings and blanks are lines of their own.
 */
enum line_kind {
	IL_BLANK,
	IL_TITLE,		/* k: a section's title */
	IL_COUNTS,		/* accepts, bads, rejects */
	IL_RATE_HEAD,
	IL_RATE,		/* k: 0 rejects, 1 through the door */
	IL_CHANGE,
	IL_NOTE,		/* the last run's note */
	IL_BAND_HEAD,
	IL_BAND,		/* k */
	IL_CHAR_HEAD,
	IL_CHAR,		/* k */
	IL_SWAP_HEAD,
	IL_SWAP,		/* k: 0..3 the cells */
	IL_SWAP_DIFF,
	IL_SWAP_WHY		/* why there is no swap set */
};

struct infer_line {
	enum line_kind kind;
	size_t k;
};

static const char *const section_titles[] = {
	"Score shift by KGB score band (all applicants)",
	"Characteristics by largest WoE change (augmented set against the "
	"accepts)",
	"Swap set of the champion policy (its file's cutoffs) scored with "
	"the KGB scorecard and the inferred one"
};

/* Line i of the list into *l; 0 past its end. */
static int
list_line(const struct infer_view *v, int i, struct infer_line *l)
{
	const struct infer_comparison *m = &v->cmp.cmp;
	int nb = (int)m->nbands, nc = (int)m->nchars;
	int head = 6 + (v->run_note[0] != '\0');

	memset(l, 0, sizeof *l);
	if (!v->have)
		return 0;
	if (i < head) {
		static const enum line_kind top[] = { IL_COUNTS,
		    IL_RATE_HEAD, IL_RATE, IL_RATE, IL_CHANGE, IL_NOTE };

		if (i == head - 1) {
			l->kind = IL_BLANK;
			return 1;
		}
		l->kind = top[i];
		l->k = i == 3;
		return 1;
	}
	i -= head;
	if (i < 2 + nb + 1) {
		l->kind = i == 0 ? IL_TITLE : i == 1 ? IL_BAND_HEAD : i <
		    2 + nb ? IL_BAND : IL_BLANK;
		l->k = i >= 2 ? (size_t)(i - 2) : 0;
		return 1;
	}
	i -= 2 + nb + 1;
	if (i < 2 + nc + 1) {
		l->kind = i == 0 ? IL_TITLE : i == 1 ? IL_CHAR_HEAD : i <
		    2 + nc ? IL_CHAR : IL_BLANK;
		l->k = i == 0 ? 1 : i >= 2 ? (size_t)(i - 2) : 0;
		return 1;
	}
	i -= 2 + nc + 1;
	if (!v->have_ps) {
		if (i > 1)
			return 0;
		l->kind = i == 0 ? IL_TITLE : IL_SWAP_WHY;
		l->k = 2;
		return 1;
	}
	if (i > 6)
		return 0;
	l->kind = i == 0 ? IL_TITLE : i == 1 ? IL_SWAP_HEAD : i < 6 ?
	    IL_SWAP : IL_SWAP_DIFF;
	l->k = i == 0 ? 2 : i >= 2 ? (size_t)(i - 2) : 0;
	return 1;
}

static int
list_count(const struct infer_view *v)
{
	struct infer_line l;
	int n = 0;

	while (list_line(v, n, &l))
		n++;
	return n;
}

/* Widths of the columns. */
#define W_LABEL 28		/* the rates' labels */
#define W_RATE 10
#define W_BAND 12		/* a score band's label */
#define W_NUM 8
#define W_CNUM 9		/* the characteristics' figures */
#define W_BIN 4
#define W_CELL 24		/* a swap cell's label */
#define W_MONEY 12

/* Put texts cols[n] right-aligned in widths w[n] from x, a space
   before each. */
static void
put_row(int y, int x, int n, const int *w, char cols[][FMT_BUF])
{
	int i;

	for (i = 0; i < n; i++) {
		tui_put(y, x + 1, w[i], TUI_RIGHT, cols[i]);
		x += w[i] + 1;
	}
}

static const struct sim_swap_cell *
swap_cell(const struct sim_swap *sw, size_t k)
{
	return k == 0 ? &sw->both : k == 1 ? &sw->swap_in : k == 2 ?
	    &sw->swap_out : &sw->neither;
}

static const char *const swap_rows[] = {
	"Approved by both", "Swap-in (inferred only)",
	"Swap-out (KGB only)", "Approved by neither"
};

/* A swap cell's figures: count, known, bad, bad rate, EL under the
   KGB and under the inferred scorecard. */
static void
swap_cols(const struct infer_view *v, const struct sim_swap_cell *cell,
	char c[][FMT_BUF])
{
	char na[METRIC_REASON_MAX];

	fmt_count(c[0], (double)cell->count);
	fmt_count(c[1], (double)cell->known);
	fmt_count(c[2], (double)cell->bad);
	fmt_pct_na(c[3], cell->bad_rate, sim_bad_rate_na(&v->ps.a.prep,
	    cell->count, cell->known, "applicants", na));
	fmt_money(c[4], cell->el_champion);
	fmt_money(c[5], cell->el_challenger);
}

/* The changes of the swap set, inferred minus KGB, into buf[len]. */
static char *
diff_text(const struct infer_view *v, char *buf, size_t len)
{
	const struct sim_swap *sw = &v->ps.swap;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];

	if (sw->na[0] != '\0')
		snprintf(b2, sizeof b2, "%s", FMT_NA);
	else
		fmt_pts(b2, sw->d_bad_rate);
	snprintf(buf, len, "Inferred - KGB: approval %s, bad rate %s, "
	    "expected bad rate %s, EL %s%s", fmt_pts(b1, sw->d_approval_rate),
	    b2, fmt_pts(b3, sw->d_exp_bad_rate), sw->d_expected_loss >= 0 ?
	    "+" : "-", fmt_money(b4, fabs(sw->d_expected_loss)));
	return buf;
}

/* The characteristic name's width at list width w. */
static int
char_width(int w)
{
	int cw = w - 7 * (W_CNUM + 1) - (W_BIN + 1);

	return cw > 10 ? cw : 10;
}

static void
draw_line(const struct infer_view *v, int y, int x, int w,
	const struct infer_line *l, int selected)
{
	static const int band_w[] = { W_NUM, W_NUM, W_NUM, W_NUM, W_NUM,
	    W_NUM, W_NUM, W_NUM };
	static const int char_w[] = { W_CNUM, W_CNUM, W_CNUM, W_BIN, W_CNUM,
	    W_CNUM, W_CNUM };
	static const int swap_w[] = { W_NUM, W_NUM, W_NUM, W_NUM, W_MONEY,
	    W_MONEY };
	const struct infer_comparison *m = &v->cmp.cmp;
	char c[8][FMT_BUF], lab[96], text[512];
	const struct sim_swap_cell *cell;
	int cw = char_width(w);

	tui_color(selected ? TUI_C_SELECTED : TUI_C_NORMAL);
	tui_put(y, x - 1, w + 2, TUI_LEFT, "");
	switch (l->kind) {
	case IL_BLANK:
		break;
	case IL_TITLE:
		if (!selected)
			tui_color(TUI_C_GROUP);
		tui_put(y, x, w, TUI_LEFT, section_titles[l->k]);
		break;
	case IL_COUNTS:
		tui_putf(y, x, w, TUI_LEFT, "Accepts %s, %s bad (%s); rejects "
		    "%s", fmt_count(c[0], (double)m->accepts),
		    fmt_count(c[1], (double)m->accept_bads),
		    fmt_pct(c[2], m->accept_bad_rate),
		    fmt_count(c[3], (double)m->rejects));
		break;
	case IL_RATE_HEAD:
		if (!selected)
			tui_color(TUI_C_HEADER);
		tui_put(y, x, W_LABEL, TUI_LEFT, "");
		snprintf(c[0], FMT_BUF, "KGB");
		snprintf(c[1], FMT_BUF, "inferred");
		snprintf(c[2], FMT_BUF, "augmented");
		put_row(y, x + W_LABEL, 3, (const int[]){ W_RATE, W_RATE,
		    W_RATE }, c);
		break;
	case IL_RATE:
		if (!selected)
			tui_color(TUI_C_LABEL);
		tui_put(y, x, W_LABEL, TUI_LEFT, l->k == 0 ?
		    "Rejects' estimated bad rate" : "Through-the-door bad rate");
		if (!selected)
			tui_color(TUI_C_NORMAL);
		fmt_pct(c[0], l->k == 0 ? m->reject_pd_kgb : m->ttd_kgb);
		fmt_pct(c[1], l->k == 0 ? m->reject_pd_inf : m->ttd_inf);
		fmt_pct(c[2], l->k == 0 ? m->reject_aug : m->ttd_aug);
		put_row(y, x + W_LABEL, 3, (const int[]){ W_RATE, W_RATE,
		    W_RATE }, c);
		break;
	case IL_CHANGE:
		tui_putf(y, x, w, TUI_LEFT, "The rejects' estimated bad rate "
		    "moved by %s of the KGB's: %s", fmt_pct(c[0], m->change),
		    m->little ? "inference changed little" : "inference "
		    "changed the estimate");
		break;
	case IL_NOTE:
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_put(y, x, w, TUI_LEFT, v->run_note);
		break;
	case IL_BAND_HEAD:
		if (!selected)
			tui_color(TUI_C_HEADER);
		tui_put(y, x, W_BAND, TUI_LEFT, "Score band");
		{
			static const char *const h[] = { "applic.",
			    "accepts", "rejects", "KGB", "inferred",
			    "shift", "PD KGB", "PD inf." };
			int i;

			for (i = 0; i < 8; i++)
				snprintf(c[i], FMT_BUF, "%s", h[i]);
		}
		put_row(y, x + W_BAND, 8, band_w, c);
		break;
	case IL_BAND: {
		const struct infer_cmp_band *b = &m->bands[l->k];

		report_band_label(lab, sizeof lab, b->lo, b->hi);
		tui_put(y, x, W_BAND, TUI_LEFT, lab);
		fmt_count(c[0], (double)b->applicants);
		fmt_count(c[1], (double)b->accepts);
		fmt_count(c[2], (double)b->rejects);
		snprintf(c[3], FMT_BUF, "%.1f", b->score_kgb);
		snprintf(c[4], FMT_BUF, "%.1f", b->score_inf);
		snprintf(c[5], FMT_BUF, "%+.1f", b->shift);
		fmt_pct(c[6], b->reject_pd_kgb);
		fmt_pct(c[7], b->reject_pd_inf);
		put_row(y, x + W_BAND, 8, band_w, c);
		break;
	}
	case IL_CHAR_HEAD:
		if (!selected)
			tui_color(TUI_C_HEADER);
		tui_put(y, x, cw, TUI_LEFT, "Characteristic");
		{
			static const char *const h[] = { "coef KGB",
			    "inferred", "|dWoE|", "bin", "WoE KGB",
			    "WoE aug", "|dpts|" };
			int i;

			for (i = 0; i < 7; i++)
				snprintf(c[i], FMT_BUF, "%s", h[i]);
		}
		put_row(y, x + cw, 7, char_w, c);
		break;
	case IL_CHAR: {
		const struct infer_cmp_char *h = &m->chars[l->k];

		tui_put(y, x, cw, TUI_LEFT, h->name);
		fmt_stat(c[0], h->coef_kgb);
		fmt_stat(c[1], h->coef_inf);
		fmt_stat(c[2], h->woe_change);
		snprintf(c[3], FMT_BUF, "%zu", h->worst_bin + 1);
		fmt_stat(c[4], h->woe_kgb);
		fmt_stat(c[5], h->woe_aug);
		snprintf(c[6], FMT_BUF, "%g", h->points_change);
		put_row(y, x + cw, 7, char_w, c);
		break;
	}
	case IL_SWAP_HEAD:
		if (!selected)
			tui_color(TUI_C_HEADER);
		tui_put(y, x, W_CELL, TUI_LEFT, "Applicants");
		snprintf(c[0], FMT_BUF, "Count");
		snprintf(c[1], FMT_BUF, "Known");
		snprintf(c[2], FMT_BUF, "Bad");
		snprintf(c[3], FMT_BUF, "Bad rate");
		snprintf(c[4], FMT_BUF, "EL KGB");
		snprintf(c[5], FMT_BUF, "EL inferred");
		put_row(y, x + W_CELL, 6, swap_w, c);
		break;
	case IL_SWAP:
		cell = swap_cell(&v->ps.swap, l->k);
		if (!selected)
			tui_color(TUI_C_LABEL);
		tui_put(y, x, W_CELL, TUI_LEFT, swap_rows[l->k]);
		if (!selected)
			tui_color(TUI_C_NORMAL);
		swap_cols(v, cell, c);
		put_row(y, x + W_CELL, 6, swap_w, c);
		break;
	case IL_SWAP_DIFF:
		tui_put(y, x, w, TUI_LEFT, diff_text(v, text, sizeof text));
		break;
	case IL_SWAP_WHY:
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_put(y, x, w, TUI_LEFT, v->ps_why);
		break;
	}
	tui_color(TUI_C_NORMAL);
}

/* The selected line in full into buf[len]: the names and figures a
   narrow terminal cuts. */
static void
line_detail(const struct infer_view *v, const struct infer_line *l,
	char *buf, size_t len)
{
	const struct infer_comparison *m = &v->cmp.cmp;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char lab[96];

	buf[0] = '\0';
	switch (l->kind) {
	case IL_CHAR: {
		const struct infer_cmp_char *h = &m->chars[l->k];

		snprintf(buf, len, "%s: coefficient KGB %s, inferred %s; "
		    "largest WoE change %s in bin %zu (WoE KGB %s, augmented "
		    "%s); largest points change %g", h->name,
		    fmt_stat(b1, h->coef_kgb), fmt_stat(b2, h->coef_inf),
		    fmt_stat(b3, h->woe_change), h->worst_bin + 1,
		    fmt_stat(b4, h->woe_kgb), fmt_stat(b5, h->woe_aug),
		    h->points_change);
		break;
	}
	case IL_BAND: {
		const struct infer_cmp_band *b = &m->bands[l->k];

		report_band_label(lab, sizeof lab, b->lo, b->hi);
		snprintf(buf, len, "KGB score %s: %s applicants (%s accepts, "
		    "%s rejects); mean score KGB %.1f, inferred %.1f; "
		    "rejects' mean PD KGB %s, inferred %s", lab,
		    fmt_count(b1, (double)b->applicants),
		    fmt_count(b2, (double)b->accepts),
		    fmt_count(b3, (double)b->rejects), b->score_kgb,
		    b->score_inf, fmt_pct(b4, b->reject_pd_kgb),
		    fmt_pct(b5, b->reject_pd_inf));
		break;
	}
	case IL_RATE:
	case IL_RATE_HEAD:
		snprintf(buf, len, "KGB and inferred: mean PD of each "
		    "scorecard's rounded points over the rejects; augmented: "
		    "the inferred "
		    "outcomes themselves");
		break;
	case IL_SWAP: {
		char c[6][FMT_BUF];

		swap_cols(v, swap_cell(&v->ps.swap, l->k), c);
		snprintf(buf, len, "%s: %s applicants, %s with a known "
		    "outcome, %s bad, bad rate %s; EL under KGB %s, under "
		    "inferred %s", swap_rows[l->k], c[0], c[1], c[2], c[3],
		    c[4], c[5]);
		break;
	}
	case IL_COUNTS:
		snprintf(buf, len, "KGB scorecard %s against inferred "
		    "scorecard %s (%s) on table %s", v->cmp.kgb, v->cmp.name,
		    infer_method_name(v->cmp.spec.method), v->cmp.population);
		break;
	case IL_SWAP_DIFF:
		diff_text(v, buf, len);
		break;
	case IL_TITLE:
	case IL_SWAP_HEAD:
		if (l->k == 2 || l->kind != IL_TITLE)
			snprintf(buf, len, "policy %s scored with KGB %s "
			    "(champion) and inferred %s (challenger), its "
			    "own cutoffs", v->policy, v->cmp.kgb, v->cmp.name);
		break;
	case IL_SWAP_WHY:
		snprintf(buf, len, "%s", v->ps_why);
		break;
	default:
		break;
	}
}

static void
label(int y, int x, int w, const char *text)
{
	tui_color(TUI_C_LABEL);
	tui_put(y, x, w, TUI_LEFT, text);
	tui_color(TUI_C_NORMAL);
}

static void
infer_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct infer_view *v = view;
	struct infer_line l;
	char opts[1024], detail[2048], pos[64];
	int x = a->left + 1, w = a->cols - 2, y = a->top, lw = 11, i, dl;

	(void)t;
	tui_color(TUI_C_TITLE);
	tui_put(y, x, w, TUI_LEFT, "Reject inference: a scorecard for the "
	    "whole through-the-door population");
	y++;
	options_text(v, opts, sizeof opts);
	label(y, x, lw, "Run");
	tui_put(y, x + lw, w - lw, TUI_LEFT, opts);
	y++;
	label(y, x, lw, "Compared");
	if (v->have)
		tui_putf(y, x + lw, w - lw, TUI_LEFT, "%s, inferred from %s "
		    "by %s on %s", v->cmp.name, v->cmp.kgb,
		    infer_method_name(v->cmp.spec.method),
		    v->cmp.population);
	else {
		tui_color(TUI_C_DIM);
		tui_put(y, x + lw, w - lw, TUI_LEFT, v->from[0] == '\0' ?
		    "nothing yet: e names the KGB scorecard (--from), f runs "
		    "the inference" : "nothing yet: f runs the inference, c "
		    "compares a scorecard riskdesk infer made");
		tui_color(TUI_C_NORMAL);
	}
	y += 2;

	dl = a->cols < 100 ? 2 : 1;
	v->n = list_count(v);
	v->h = a->lines - (y - a->top) - dl;
	if (v->h < 1)
		v->h = 1;
	if (v->sel >= v->n)
		v->sel = v->n - 1;
	if (v->sel < 0)
		v->sel = 0;
	v->first = tui_scroll_fit(v->first, v->sel, v->n, v->h);
	for (i = 0; i < v->h && list_line(v, v->first + i, &l); i++)
		draw_line(v, y + i, x, w, &l, v->first + i == v->sel);
	if (v->n > v->h) {
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < v->n ? v->first + v->h : v->n, v->n);
		tui_color(TUI_C_DIM);
		tui_put(y - 1, x + w - tui_width(pos), tui_width(pos),
		    TUI_RIGHT, pos);
		tui_color(TUI_C_NORMAL);
	}
	if (v->have && list_line(v, v->sel, &l)) {
		line_detail(v, &l, detail, sizeof detail);
		tui_color(TUI_C_DIM);
		tui_put_wrapped(a->top + a->lines - dl, x, w, 0, dl, detail);
		tui_color(TUI_C_NORMAL);
	}
}

/* ------------------------------------------------------------ the keys */

/* 'e': the inference's options in riskdesk infer's words. */
static int
set_options(struct infer_view *v, struct tui *t)
{
	struct rd_err err;
	char line[1024];

	options_text(v, line, sizeof line);
	if (tui_prompt(t, "infer options (as riskdesk infer takes them):",
	    line, sizeof line) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	rd_err_clear(&err);
	if (parse_options(v, line, &err) != 0)
		tui_message(t, 1, "infer options: %s", err.msg);
	else
		tui_message(t, 0, "infer options set: f runs the inference");
	return TUI_HANDLED | TUI_REDRAW;
}

/* 'm': the next method; a name not given follows it. */
static int
next_method(struct infer_view *v, struct tui *t)
{
	struct rd_err err;
	struct infer_spec s = v->spec;

	s.method = (enum infer_method)(((int)s.method + 1) % 4);
	/* Options the next method does not take are dropped. */
	rd_err_clear(&err);
	if (infer_spec_check(&s, &err) != 0) {
		struct infer_spec def;

		infer_spec_init(&def);
		def.method = s.method;
		def.bands = s.bands;
		def.reject_weight = s.reject_weight;
		s = def;
	}
	if (s.method != INFER_PARCELING)
		v->seed_set = 0;
	v->spec = s;
	derive_name(v);
	tui_message(t, 0, "method %s: f runs it", infer_method_name(s.method));
	return TUI_HANDLED | TUI_REDRAW;
}

/* 'f': run the inference, asking before a stored scorecard is
   replaced. */
static int
run_key(struct infer_view *v, struct tui *t)
{
	struct scorecard *old;
	struct rd_err err;

	if (v->from[0] == '\0' || v->name[0] == '\0') {
		tui_message(t, 1, "no KGB scorecard: e sets --from, the "
		    "scorecard fitted on the accepts");
		return TUI_HANDLED | TUI_REDRAW;
	}
	rd_err_clear(&err);
	if (strcmp(v->from, v->name) != 0 &&
	    (old = desk_scorecard(v->desk, v->name, &err)) != NULL) {
		card_free(old);
		if (!tui_confirm(t, "scorecard %s is stored: replace it with "
		    "the inferred one? (y/n)", v->name))
			return TUI_HANDLED | TUI_REDRAW;
	}
	run(v, t, 1);
	return TUI_HANDLED | TUI_REDRAW;
}

/* 'c': compare a scorecard riskdesk infer made with its KGB. */
static int
compare_key(struct infer_view *v, struct tui *t)
{
	char name[NAME_MAX_LEN];

	snprintf(name, sizeof name, "%s", v->have ? v->cmp.name : v->name);
	if (tui_prompt(t, "compare the inferred scorecard:", name,
	    sizeof name) != 0 || name[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	compare_name(v, t, name);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
infer_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct infer_view *v = view;
	char name[NAME_MAX_LEN];

	(void)ch;
	(void)a;
	switch (act) {
	case KA_OPTIONS:
		return set_options(v, t);
	case KA_METHOD:
		return next_method(v, t);
	case KA_FIT:
		return run_key(v, t);
	case KA_COMPARE:
		return compare_key(v, t);
	case KA_SELECT:
		if (!v->have)
			return TUI_HANDLED;
		snprintf(name, sizeof name, "%s", v->cmp.name);
		compare_name(v, t, name);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return tui_select_key(act, &v->sel, v->n, v->h);
	}
}

static const char *
infer_help(void *view)
{
	(void)view;
	return "e options  m method  f infer  c compare";
}

const struct tui_screen scr_infer = {
	.name = "Inference",
	.open = infer_open,
	.close = infer_close,
	.draw = infer_draw,
	.key = infer_key,
	.help = infer_help,
	.prepare = infer_prepare,
};
