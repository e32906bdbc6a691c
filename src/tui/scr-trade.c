/*
 * scr-trade.c - the Trade-offs screen: the cutoff of each segment under
 * the risk officer's hands, the curves it moves along, and champion
 * against challenger.
 *
 * Top left: the overall figures (approval, bad rate among approved with a
 * known outcome, expected loss, refer rate, expected bad rate, exposure,
 * revenue, funding cost, profit, credit limits, knocked out; then, when
 * either policy has fraud rules, its outcome lines, fraud rules first, as
 * decide and --report count them: struct desk_policy lines), beside the
 * challenger's when one is loaded and the selected segment's; a short
 * terminal shows the first three, says which show and scrolls to the
 * others with '[' and ']'.  Top right, when there is room, the
 * applicants each knock-out rule declined, scrolled with the figures.
 * Then one line per segment (cutoff, applicants, approval rate, bad rate,
 * expected loss; on a wide terminal refer rate, expected bad rate and
 * profit too), and the selected one in words.  Up/Down select a
 * segment, Left/Right move its cutoff, and every move goes through
 * desk_set_cutoff, which simulates again, so the figures on the next draw
 * are the core's.  A '*' marks a cutoff that differs from the policy
 * file's.  Below, when there is room, a chart ('v' cycles): the selected
 * segment's approval rate against bad rate, or against expected loss, as
 * its cutoff moves (sim_curve through desk_curve) with the current point
 * marked; or the swap set of champion and challenger (desk_swap).  'x'
 * hands the arrows to the challenger's cutoffs; 'w' writes the moved
 * cutoffs into a policy file, its comments kept (desk_save_policy).
 *
 * The figures are those of the scorecard the status line names for each
 * policy: tui.c scores a policy again before a draw when its scorecard
 * or population moved (desk_refresh).  When that failed, or a policy
 * file changed since it was loaded, the line above the segments says so
 * and which key brings the figures up to date; the swap set is then
 * refused rather than compare two versions of a scorecard (desk_swap).
 *
 * A bad rate that needs outcomes the population lacks shows "n/a"
 * (sim_bad_rate_na, as the report prints it), its reason on the line
 * under the segment detail; the bad-rate charts then plot the expected
 * bad rate, which needs none, and say so.
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
#include <unistd.h>

#include "desk/desk.h"
#include "tui/plot.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* What the chart below the segments shows. */
enum trade_chart {
	CHART_BAD,		/* segment: bad rate against approval rate */
	CHART_LOSS,		/* segment: expected loss against approval */
	CHART_ALL_BAD,		/* overall, one common cutoff: bad rate */
	CHART_ALL_LOSS,		/* overall: expected loss */
	CHART_SWAP,		/* the swap set */
	CHART_COUNT
};

struct trade_view {
	struct desk *desk;	/* borrowed */
	int side;		/* 0 champion, 1 challenger: whose cutoffs */
	int sel;		/* selected segment */
	int first;		/* first segment shown */
	int h;			/* segment lines at the last draw */
	int ffirst, fh;		/* the figures: first shown, shown */
	enum trade_chart chart;
};

static void *
trade_open(struct tui *t, struct desk *d)
{
	struct trade_view *v = xcalloc(1, sizeof *v);

	(void)t;
	v->desk = d;
	return v;
}

static void
trade_close(void *view)
{
	free(view);
}

/* A cutoff as the user typed it in the policy: "520", "520.5". */
static char *
fmt_cutoff(char *buf, double cutoff)
{
	snprintf(buf, FMT_BUF, "%.10g", cutoff);
	return buf;
}

/* ------------------------------------------------------------ figures */

enum figure {
	F_APPROVAL,
	F_BAD,
	F_LOSS,
	F_REFER,
	F_EXP_BAD,
	F_EXPOSURE,
	F_REVENUE,
	F_FUNDING,
	F_PROFIT,
	F_LIMITS,
	F_KNOCKED_OUT,
	F_BASE,		/* the figures of every policy; then, when a
			   policy shown has fraud rules, the outcome lines
			   (line_rows) */
	F_COUNT = F_BASE + 2 * DECIDE_NLINES + 1
};

/*
 * The outcome lines, fraud rules first (struct desk_policy lines, as
 * decide and --report count them), after the figures above: each line's
 * applicants, then its share of them; the credit approvals the fraud
 * rules stop last.  The fraud lines first, next to the knock-outs above.
 */
static const struct {
	const char *label;
	int line;		/* enum decide_line; -1 approvals stopped */
	int rate;		/* the share of the applicants */
} line_rows[F_COUNT - F_BASE] = {
	{ "Fraud decline", DECIDE_LINE_FRAUD_DECLINE, 0 },
	{ "Fraud decline rate", DECIDE_LINE_FRAUD_DECLINE, 1 },
	{ "Fraud refer", DECIDE_LINE_FRAUD_REFER, 0 },
	{ "Fraud refer rate", DECIDE_LINE_FRAUD_REFER, 1 },
	{ "Knock-out, fraud 1st", DECIDE_LINE_KNOCKOUT, 0 },
	{ "Knock-out rate", DECIDE_LINE_KNOCKOUT, 1 },
	{ "Credit decline", DECIDE_LINE_CREDIT_DECLINE, 0 },
	{ "Credit decline rate", DECIDE_LINE_CREDIT_DECLINE, 1 },
	{ "Credit refer", DECIDE_LINE_CREDIT_REFER, 0 },
	{ "Credit refer rate", DECIDE_LINE_CREDIT_REFER, 1 },
	{ "Approve, fraud 1st", DECIDE_LINE_APPROVE, 0 },
	{ "Approval, fraud 1st", DECIDE_LINE_APPROVE, 1 },
	{ "Approvals stopped", -1, 0 },
};

/* The figures shown: the outcome lines too when the champion or the
   challenger has fraud rules. */
static int
nfigures(const struct desk_policy *champ, const struct desk_policy *chall)
{
	return (champ != NULL && champ->policy->fraud != NULL) ||
	    (chall != NULL && chall->policy->fraud != NULL) ? F_COUNT :
	    F_BASE;
}

/* Outcome-line figure f of slot s: "no rules" when its policy has no
   fraud rules, "n/a" when they could not be evaluated. */
static char *
line_figure(char *buf, const struct desk_policy *s, int f)
{
	const struct decide_lines *l = &s->lines;
	int line = line_rows[f - F_BASE].line;
	size_t n;

	if (s->policy->fraud == NULL) {
		snprintf(buf, FMT_BUF, "no rules");
		return buf;
	}
	if (s->fraud == NULL) {
		snprintf(buf, FMT_BUF, "%s", FMT_NA);
		return buf;
	}
	n = line < 0 ? l->fraud_stopped : l->n[line];
	if (line_rows[f - F_BASE].rate)
		fmt_pct(buf, l->applicants > 0 ? (double)n /
		    (double)l->applicants : NAN);
	else
		fmt_count(buf, (double)n);
	/* At thresholds moved on the Fraud screen: marked as there. */
	if (s->fraud_moved > 0 && strlen(buf) + 1 < FMT_BUF)
		strcat(buf, "*");
	return buf;
}

/* The approval rate's label beside the outcome lines of fraud rules:
   the rate of the credit policy alone, as the other figures are, the
   approval after the fraud rules being "Approval, fraud 1st" (as
   --report's text says "by the credit policy alone"). */
#define APPROVAL_CREDIT_ONLY "Approval, credit only"

/* In order of importance: a short terminal shows the first ones and
   scrolls to the others ('[' and ']'). */
static const char *const figure_label[F_BASE] = {
	[F_APPROVAL] = "Approval rate",
	[F_BAD] = "Bad rate (approved)",
	[F_LOSS] = "Expected loss",
	[F_REFER] = "Refer rate",
	[F_EXP_BAD] = "Expected bad rate",
	[F_EXPOSURE] = "Exposure",
	[F_REVENUE] = "Revenue (a year)",
	[F_FUNDING] = "Funding cost",
	[F_PROFIT] = "Profit",
	[F_LIMITS] = "Credit limits",
	[F_KNOCKED_OUT] = "Knocked out",
};

/* Figure f of st, a result of slot s. */
static char *
figure(char *buf, const struct desk_policy *s, const struct sim_stats *st,
	enum figure f)
{
	char na[METRIC_REASON_MAX];

	if (f >= F_BASE && f < F_COUNT)
		return line_figure(buf, s, (int)f);
	switch (f) {
	case F_APPROVAL:
		return fmt_pct(buf, st->approval_rate);
	case F_BAD:
		return fmt_pct_na(buf, st->bad_rate, sim_bad_rate_na(&s->prep,
		    st->approved, st->approved_known, "approved", na));
	case F_LOSS:
		return fmt_money(buf, st->expected_loss);
	case F_REFER:
		return fmt_pct(buf, st->refer_rate);
	case F_EXP_BAD:
		return fmt_pct(buf, st->exp_bad_rate);
	case F_EXPOSURE:
		return fmt_money(buf, st->exposure);
	case F_REVENUE:
	case F_FUNDING:
	case F_PROFIT:
		/* A policy without an APR in its bands earns nothing the
		   simulation can count. */
		if (!s->policy->priced) {
			snprintf(buf, FMT_BUF, "not priced");
			return buf;
		}
		return fmt_money(buf, f == F_REVENUE ? st->revenue :
		    f == F_FUNDING ? st->funding_cost : st->profit);
	case F_LIMITS:
		return fmt_money(buf, st->credit_limit);
	case F_KNOCKED_OUT:
		return fmt_count(buf, (double)st->knocked_out);
	case F_BASE:
	case F_COUNT:
		break;
	}
	buf[0] = '\0';
	return buf;
}

#define W_LABEL 21
#define W_FIG 13

/*
 * Draw nfig figure rows, from figure first, under a heading line at y:
 * the champion's and the challenger's totals, then the selected segment
 * seg of slot s (the side being worked on).  When rows are hidden the
 * heading says which show and that '[' and ']' scroll.  Returns the
 * first column right of the block.
 */
static int
draw_figures(int y, int x, int first, int nfig,
	const struct desk_policy *champ, const struct desk_policy *chall,
	const struct desk_policy *s, size_t seg)
{
	char b[FMT_BUF];
	int f, i, ncol = chall != NULL ? 3 : 2, nf = nfigures(champ, chall);

	tui_color(TUI_C_DIM);
	if (nfig < nf)
		tui_putf(y, x, W_LABEL, TUI_LEFT, "%d-%d/%d  [ ] more",
		    first + 1, first + nfig, nf);
	else
		tui_put(y, x, W_LABEL, TUI_LEFT, "");
	tui_color(TUI_C_TITLE);
	tui_put(y, x + W_LABEL, W_FIG, TUI_RIGHT, "Champion");
	if (chall != NULL)
		tui_put(y, x + W_LABEL + W_FIG, W_FIG, TUI_RIGHT,
		    "Challenger");
	tui_color(TUI_C_LABEL);
	tui_put(y, x + W_LABEL + (ncol - 1) * W_FIG + 1, W_FIG - 1,
	    TUI_RIGHT, s->policy->segments[seg].name);
	for (i = 0; i < nfig && first + i < nf; i++) {
		f = first + i;
		tui_kv(y + 1 + i, x, W_LABEL, W_FIG, f >= F_BASE ?
		    line_rows[f - F_BASE].label : nf == F_COUNT && f ==
		    F_APPROVAL ? APPROVAL_CREDIT_ONLY : figure_label[f],
		    figure(b, champ, &champ->result.total, (enum figure)f));
		if (chall != NULL)
			tui_put(y + 1 + i, x + W_LABEL + W_FIG, W_FIG,
			    TUI_RIGHT, figure(b, chall, &chall->result.total,
			    (enum figure)f));
		tui_color(TUI_C_LABEL);
		tui_put(y + 1 + i, x + W_LABEL + (ncol - 1) * W_FIG, W_FIG,
		    TUI_RIGHT, f >= F_KNOCKED_OUT ? "" : figure(b, s,
		    &s->result.segments[seg], (enum figure)f));
		tui_color(TUI_C_NORMAL);
	}
	return x + W_LABEL + ncol * W_FIG;
}

/*
 * The knock-out counts in lines y .. y + h - 1 from column x, width w,
 * from rule first on: they scroll with the figures beside them, and the
 * heading says which show when not all do.
 */
static void
draw_knockouts(int y, int x, int w, int h, int first,
	const struct desk_policy *s)
{
	const struct policy *p = s->policy;
	char b[FMT_BUF], pos[80];
	size_t k;
	int cw = 9, i;

	pos[0] = '\0';
	if (p->nknockouts > (size_t)(h - 1) && first < (int)p->nknockouts)
		snprintf(pos, sizeof pos, "%d-%d/%zu", first + 1,
		    first + h - 1 < (int)p->nknockouts ? first + h - 1 :
		    (int)p->nknockouts, p->nknockouts);
	tui_color(TUI_C_TITLE);
	tui_put_heading(y, x, w - cw, "Knock-out", pos);
	tui_put(y, x + w - cw, cw, TUI_RIGHT, "Declined");
	tui_color(TUI_C_NORMAL);
	if (p->nknockouts == 0) {
		tui_color(TUI_C_DIM);
		tui_put(y + 1, x, w, TUI_LEFT, "no knock-out rules");
		tui_color(TUI_C_NORMAL);
		return;
	}
	for (i = 0; i < h - 1 && first + i < (int)p->nknockouts; i++) {
		k = (size_t)(first + i);
		tui_color(TUI_C_LABEL);
		tui_putf(y + 1 + i, x, w - cw, TUI_LEFT, "%s %s",
		    p->knockouts[k].reason, p->knockouts[k].name);
		tui_color(TUI_C_NORMAL);
		tui_put(y + 1 + i, x + w - cw, cw, TUI_RIGHT,
		    fmt_count(b, (double)s->result.ko_count[k]));
	}
}

/* ----------------------------------------------------------- segments */

/*
 * The segment table's columns.  The name takes what the numbers leave;
 * the file's cutoff gets a column when there is room, and a narrow
 * terminal gets narrower number columns.
 */
#define W_CUT 7
#define W_FILE 6
#define W_NAME_MIN 10

struct seg_cols {
	int name, cut, file, ttd, approval, bad, el;	/* start columns */
	int refer, expbad, profit;	/* with has_more */
	int wname, wttd, wrate, wel;			/* widths */
	int has_file;
	int has_more;		/* a wide terminal: refer rate, expected bad
				   rate, profit too */
	const char *ttd_head;
};

static void
seg_layout(struct seg_cols *c, int x, int w, const struct policy *p)
{
	int fixed, next, widest = 16;
	size_t k;

	c->wttd = 10;
	c->wrate = 9;
	c->wel = 12;
	c->ttd_head = "Applicants";
	fixed = W_CUT + 1 + c->wttd + 2 * c->wrate + c->wel + 5;
	if (w - fixed - 1 < W_NAME_MIN) {
		c->wttd = 8;
		c->wrate = 8;
		c->wel = 10;
		c->ttd_head = "TTD";
		fixed = W_CUT + 1 + c->wttd + 2 * c->wrate + c->wel + 5;
	}
	c->has_file = w - fixed - W_FILE - 2 >= 16;
	if (c->has_file)
		fixed += W_FILE + 1;
	for (k = 0; k < p->nsegments; k++)
		if (tui_width(p->segments[k].name) > widest)
			widest = tui_width(p->segments[k].name);
	/* The rest of a segment's figures when the names keep their room
	   (they are all in the figures above, for the selected one). */
	c->has_more = w - fixed - 1 - 2 * (c->wrate + 1) - (c->wel + 1) >=
	    widest + 1;
	if (c->has_more)
		fixed += 2 * (c->wrate + 1) + c->wel + 1;
	c->wname = w - fixed - 1;
	/* On a wide terminal the names need not push the figures away. */
	if (c->wname > widest + 1)
		c->wname = widest + 1;
	if (c->wname < W_NAME_MIN)
		c->wname = W_NAME_MIN;
	c->name = x;
	c->cut = c->name + c->wname + 1;
	next = c->cut + W_CUT + 2;	/* the cutoff, its mark, a space */
	c->file = next;
	if (c->has_file)
		next += W_FILE + 1;
	c->ttd = next;
	c->approval = c->ttd + c->wttd + 1;
	c->bad = c->approval + c->wrate + 1;
	c->el = c->bad + c->wrate + 1;
	c->refer = c->el + c->wel + 1;
	c->expbad = c->refer + c->wrate + 1;
	c->profit = c->expbad + c->wrate + 1;
}

/* The headings; pos says which segments show when not all do. */
static void
draw_seg_header(int y, const struct tui_area *a, const struct seg_cols *c,
	const char *pos)
{
	tui_color(TUI_C_HEADER);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	tui_put_heading(y, c->name, c->wname, "Segment", pos);
	tui_put(y, c->cut, W_CUT, TUI_RIGHT, "Cutoff");
	if (c->has_file)
		tui_put(y, c->file, W_FILE, TUI_RIGHT, "File");
	tui_put(y, c->ttd, c->wttd, TUI_RIGHT, c->ttd_head);
	tui_put(y, c->approval, c->wrate, TUI_RIGHT, "Approval");
	tui_put(y, c->bad, c->wrate, TUI_RIGHT, "Bad rate");
	tui_put(y, c->el, c->wel, TUI_RIGHT, "Exp. loss");
	if (c->has_more) {
		tui_put(y, c->refer, c->wrate, TUI_RIGHT, "Refer");
		tui_put(y, c->expbad, c->wrate, TUI_RIGHT, "Exp. bad");
		tui_put(y, c->profit, c->wel, TUI_RIGHT, "Profit");
	}
	tui_color(TUI_C_NORMAL);
}

static void
draw_segment(int y, const struct tui_area *a, const struct seg_cols *c,
	const struct desk_policy *s, size_t k, int selected)
{
	const struct sim_stats *st = &s->result.segments[k];
	const struct policy_segment *ps = &s->policy->segments[k];
	int moved = s->cutoffs[k] != ps->cutoff;
	enum tui_color base = selected ? TUI_C_SELECTED : TUI_C_NORMAL;
	char b[FMT_BUF], na[METRIC_REASON_MAX];

	tui_color(base);
	tui_put(y, a->left, a->cols, TUI_LEFT, "");
	tui_put(y, c->name, c->wname, TUI_LEFT, ps->name);
	tui_put(y, c->cut, W_CUT, TUI_RIGHT, fmt_cutoff(b, s->cutoffs[k]));
	if (moved) {
		if (!selected)
			tui_color(TUI_C_MARK);
		tui_put(y, c->cut + W_CUT, 1, TUI_LEFT, "*");
		tui_color(base);
	}
	if (c->has_file) {
		if (!selected)
			tui_color(TUI_C_DIM);
		tui_put(y, c->file, W_FILE, TUI_RIGHT,
		    fmt_cutoff(b, ps->cutoff));
		tui_color(base);
	}
	tui_put(y, c->ttd, c->wttd, TUI_RIGHT,
	    fmt_count(b, (double)st->applicants));
	tui_put(y, c->approval, c->wrate, TUI_RIGHT,
	    fmt_pct(b, st->approval_rate));
	tui_put(y, c->bad, c->wrate, TUI_RIGHT, fmt_pct_na(b, st->bad_rate,
	    sim_bad_rate_na(&s->prep, st->approved, st->approved_known,
	    "approved", na)));
	tui_put(y, c->el, c->wel, TUI_RIGHT,
	    fmt_money(b, st->expected_loss));
	if (c->has_more) {
		tui_put(y, c->refer, c->wrate, TUI_RIGHT, figure(b, s, st,
		    F_REFER));
		tui_put(y, c->expbad, c->wrate, TUI_RIGHT, figure(b, s, st,
		    F_EXP_BAD));
		tui_put(y, c->profit, c->wel, TUI_RIGHT, figure(b, s, st,
		    F_PROFIT));
	}
	tui_color(TUI_C_NORMAL);
}

/* The selected segment in words, under the table, wrapped in at most
   maxl lines; returns the lines it took. */
static int
draw_detail(int y, int x, int w, int maxl, const struct desk_policy *s,
	size_t k)
{
	const struct policy_segment *ps = &s->policy->segments[k];
	char cut[FMT_BUF], ref[FMT_BUF], lgd[FMT_BUF], line[512];
	int n;

	snprintf(line, sizeof line, "%s%s%s: file cutoff %s%s%s, LGD %s, "
	    "EAD %s", ps->name, ps->when != NULL ? " when " : " (default)",
	    ps->when != NULL ? ps->when : "", fmt_cutoff(cut, ps->cutoff),
	    isnan(ps->refer) ? "" : ", refer from ",
	    isnan(ps->refer) ? "" : fmt_cutoff(ref, ps->refer),
	    fmt_pct(lgd, ps->lgd), ps->ead);
	tui_color(TUI_C_DIM);
	n = tui_put_wrapped(y, x, w, 0, maxl, line);
	tui_color(TUI_C_NORMAL);
	return n < maxl ? n : maxl;
}

/*
 * Why a bad rate on the screen is "n/a", into na[METRIC_REASON_MAX]: the
 * selected segment's, else the policy's; NULL when neither is.
 */
static const char *
bad_rate_na(const struct desk_policy *s, size_t k, char *na)
{
	const struct sim_stats *st = &s->result.segments[k];

	if (sim_bad_rate_na(&s->prep, st->approved, st->approved_known,
	    "approved", na) != NULL)
		return na;
	st = &s->result.total;
	return sim_bad_rate_na(&s->prep, st->approved, st->approved_known,
	    "approved", na);
}

/* ------------------------------------------------------------ charts */

static char *
axis_pct(char *buf, double x)
{
	return fmt_pct(buf, x);
}

static char *
axis_money(char *buf, double x)
{
	return fmt_money(buf, x);
}

/*
 * The selected segment's curve (or the overall one, every segment at one
 * common cutoff), h lines from y, with its title above.  The mark is the
 * segment's (or the policy's) figures at the current cutoffs.
 */
static void
draw_curve(struct trade_view *v, int y, int x, int w, int h,
	const struct desk_policy *s)
{
	int all = v->chart == CHART_ALL_BAD || v->chart == CHART_ALL_LOSS;
	int loss = v->chart == CHART_LOSS || v->chart == CHART_ALL_LOSS;
	const struct sim_stats *st = all ? &s->result.total :
	    &s->result.segments[v->sel];
	const struct policy_segment *ps = &s->policy->segments[v->sel];
	struct sim_curve cv;
	struct plot_series ser;
	struct plot_axes ax;
	char cut[FMT_BUF];
	const char *what;
	int exp_bad;

	if (desk_curve(v->desk, v->side, all ? -1 : v->sel, &cv) != 0)
		return;
	/* No outcome in the set: the expected bad rate takes the bad
	   rate's place, said in the title. */
	exp_bad = !loss && cv.na[0] != '\0';
	what = loss ? "expected loss" : exp_bad ? "expected bad rate (bad "
	    "rate n/a)" : "bad rate";
	tui_color(TUI_C_TITLE);
	if (all)
		tui_putf(y, x, w, TUI_LEFT, "All segments at one cutoff: %s "
		    "against approval rate; O the current cutoffs", what);
	else
		tui_putf(y, x, w, TUI_LEFT, "%s: %s against approval rate as "
		    "the cutoff moves, O at %s", ps->name, what,
		    fmt_cutoff(cut, s->cutoffs[v->sel]));
	tui_color(TUI_C_NORMAL);
	memset(&ser, 0, sizeof ser);
	ser.x = &cv.pt[0].approval_rate;
	ser.y = loss ? &cv.pt[0].expected_loss : exp_bad ?
	    &cv.pt[0].exp_bad_rate : &cv.pt[0].bad_rate;
	ser.stride = sizeof cv.pt[0];
	ser.n = cv.n;
	ser.glyph = '*';
	memset(&ax, 0, sizeof ax);
	ax.xmin = 0;
	ax.xmax = 1;
	ax.ymin = 0;
	ax.ymax = NAN;
	plot_range(&ser, 1, &ax.ymin, &ax.ymax);
	if (isnan(ax.ymax) || ax.ymax <= 0)
		ax.ymax = 1;
	ax.xfmt = axis_pct;
	ax.yfmt = loss ? axis_money : axis_pct;
	ax.xlabel = "approval rate";
	ax.ylabel = loss ? "EL" : exp_bad ? "exp. bad" : "bad rate";
	plot_draw(y + 1, x, h - 1, w, &ax, &ser, 1, st->approval_rate,
	    loss ? st->expected_loss : exp_bad ? st->exp_bad_rate :
	    st->bad_rate);
	sim_curve_done(&cv);
}

/* The swap set of champion and challenger, h lines from y. */
static void
draw_swap(struct trade_view *v, int y, int x, int w, int h)
{
	static const char *const rows[] = {
		"Approved by both", "Swap-in (challenger only)",
		"Swap-out (champion only)", "Approved by neither"
	};
	struct sim_swap sw;
	struct rd_err err;
	const struct sim_swap_cell *cell[4];
	const struct desk_policy *champ = desk_policy_slot(v->desk, 0);
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char na[METRIC_REASON_MAX];
	int i, cw = 10, ew = 14, lw;

	lw = w - 2 * cw - 2 * ew;
	if (lw > 28)
		lw = 28;
	tui_color(TUI_C_TITLE);
	tui_put(y, x, w, TUI_LEFT, "Swap set: champion against challenger "
	    "at the current cutoffs");
	tui_color(TUI_C_NORMAL);
	rd_err_clear(&err);
	if (desk_swap(v->desk, &sw, &err) != 0) {
		tui_color(TUI_C_DIM);
		tui_putf(y + 1, x, w, TUI_LEFT, "%s%s", err.msg,
		    desk_policy_slot(v->desk, 1) == NULL ? " (O opens one)" :
		    "");
		tui_color(TUI_C_NORMAL);
		return;
	}
	cell[0] = &sw.both;
	cell[1] = &sw.swap_in;
	cell[2] = &sw.swap_out;
	cell[3] = &sw.neither;
	tui_color(TUI_C_HEADER);
	tui_put(y + 1, x, w, TUI_LEFT, "");
	tui_put(y + 1, x, lw, TUI_LEFT, "Applicants");
	tui_put(y + 1, x + lw, cw, TUI_RIGHT, "Count");
	tui_put(y + 1, x + lw + cw, cw, TUI_RIGHT, "Bad rate");
	tui_put(y + 1, x + lw + 2 * cw, ew, TUI_RIGHT, "EL champion");
	tui_put(y + 1, x + lw + 2 * cw + ew, ew, TUI_RIGHT, "EL challenger");
	tui_color(TUI_C_NORMAL);
	for (i = 0; i < 4 && i + 2 < h; i++) {
		tui_color(TUI_C_LABEL);
		tui_put(y + 2 + i, x, lw, TUI_LEFT, rows[i]);
		tui_color(TUI_C_NORMAL);
		tui_put(y + 2 + i, x + lw, cw, TUI_RIGHT,
		    fmt_count(b1, (double)cell[i]->count));
		tui_put(y + 2 + i, x + lw + cw, cw, TUI_RIGHT,
		    fmt_pct_na(b2, cell[i]->bad_rate, sim_bad_rate_na(
		    &champ->prep, cell[i]->count, cell[i]->known,
		    "applicants", na)));
		tui_put(y + 2 + i, x + lw + 2 * cw, ew, TUI_RIGHT,
		    fmt_money(b3, cell[i]->el_champion));
		tui_put(y + 2 + i, x + lw + 2 * cw + ew, ew, TUI_RIGHT,
		    fmt_money(b4, cell[i]->el_challenger));
	}
	if (sw.na[0] != '\0')
		snprintf(b2, sizeof b2, "%s", FMT_NA);
	else
		fmt_pts(b2, sw.d_bad_rate);
	if (h > 7)
		tui_putf(y + 7, x, w, TUI_LEFT, "Challenger - champion: "
		    "approval %s, bad rate %s, EL %s%s",
		    fmt_pts(b1, sw.d_approval_rate), b2,
		    sw.d_expected_loss >= 0 ? "+" : "-",
		    fmt_money(b3, fabs(sw.d_expected_loss)));
	if (h > 8 && sw.na[0] != '\0') {
		tui_color(TUI_C_DIM);
		tui_putf(y + 8, x, w, TUI_LEFT, "Bad rate n/a: %s", sw.na);
		tui_color(TUI_C_NORMAL);
	}
}

/* ------------------------------------------------------------ drawing */

/*
 * When the figures of either policy are out of date (desk_stale), say
 * why and the key that brings them up to date on line y.
 */
static void
draw_stale(struct trade_view *v, int y, int x, int w)
{
	char why[RD_ERR_MSG];
	unsigned bits;
	int which;

	for (which = 0; which <= 1; which++) {
		if (desk_stale_why(v->desk, which, why, sizeof why) == NULL)
			continue;
		bits = desk_stale(v->desk, which);
		tui_color(TUI_C_ERROR);
		tui_putf(y, x, w, TUI_LEFT, "Out of date, %s: %s",
		    bits & (DESK_STALE_CARD | DESK_STALE_DATA) ?
		    "Ctrl-L scores again" : which ? "O reloads the file" :
		    "o reloads the file", why);
		tui_color(TUI_C_NORMAL);
		return;
	}
}

/* Rows the figures block scrolls over: the figures, or the knock-outs
   beside them when there are more of those. */
static int
fig_rows(const struct desk *d, const struct desk_policy *s)
{
	int nf = nfigures(desk_policy_slot(d, 0), desk_policy_slot(d, 1));

	return (int)s->policy->nknockouts > nf ?
	    (int)s->policy->nknockouts : nf;
}

static void
trade_draw(void *view, struct tui *t, const struct tui_area *a)
{
	struct trade_view *v = view;
	const struct desk_policy *champ = desk_policy_slot(v->desk, 0);
	const struct desk_policy *ch = desk_policy_slot(v->desk, 1);
	const struct desk_policy *s;
	struct seg_cols c;
	char b[FMT_BUF], title[256], ttd[FMT_BUF + 32], pos[64];
	char na[METRIC_REASON_MAX];
	int x = a->left + 1, w = a->cols - 2, y = a->top, nseg, nfig;
	int avail, chart_h = 0, right, i, ko_beside;

	(void)t;
	if (champ == NULL) {
		tui_draw_no_policy(t, a);
		return;
	}
	if (v->side && ch == NULL)
		v->side = 0;
	s = v->side ? ch : champ;
	nseg = (int)s->policy->nsegments;
	if (v->sel >= nseg)
		v->sel = nseg - 1;

	/* Share the lines: the title, the figures (all of them on a tall
	   terminal, at least the three that matter most, and '[' ']' scroll
	   to the others), the segments (all, or at least three), then the
	   detail line and the chart when at least 7 lines are left for it
	   (12 before a figure is hidden). */
	nfig = a->lines - 4 - (nseg < 3 ? nseg : 3) - 2 - 12;
	if (nfig > nfigures(champ, ch))
		nfig = nfigures(champ, ch);
	if (nfig < 3)
		nfig = 3;
	v->fh = nfig;
	v->ffirst = tui_scroll_fit(v->ffirst, -1, fig_rows(v->desk, s),
	    nfig);
	avail = a->lines - (nfig + 4);
	if (avail - nseg - 2 >= 7) {
		v->h = nseg;
		chart_h = avail - nseg - 2;
	} else if (avail - 3 - 2 >= 7 && nseg > 3) {
		v->h = 3;
		chart_h = avail - 3 - 2;
	} else {
		v->h = avail > 0 ? avail : 0;
	}
	v->first = tui_scroll_fit(v->first, v->sel, nseg, v->h);

	tui_color(TUI_C_TITLE);
	if (ch != NULL)
		snprintf(title, sizeof title, "%s %s  vs %s %s",
		    v->side ? "Challenger" : "Policy", s->policy->name,
		    v->side ? "champion" : "challenger",
		    (v->side ? champ : ch)->policy->name);
	else
		snprintf(title, sizeof title, "Policy %s", s->policy->name);
	tui_put(y, x, w, TUI_LEFT, title);
	snprintf(ttd, sizeof ttd, "%s applicants (TTD)",
	    fmt_count(b, (double)s->result.total.applicants));
	if (tui_width(title) + tui_width(ttd) + 2 <= w) {
		tui_color(TUI_C_DIM);
		tui_put(y, x + tui_width(title) + 2, tui_width(ttd), TUI_LEFT,
		    ttd);
	}
	tui_color(TUI_C_NORMAL);
	y++;

	right = draw_figures(y, x, v->ffirst < nfigures(champ, ch) - nfig ?
	    v->ffirst : nfigures(champ, ch) - nfig, nfig, champ, ch, s,
	    (size_t)v->sel);
	ko_beside = w - (right - x) >= 26 && nfig > 0;
	if (ko_beside)
		draw_knockouts(y, right + 4, w - (right - x) - 4 < 44 ?
		    w - (right - x) - 4 : 44, nfig + 1, v->ffirst, s);
	y += 1 + nfig + 1;
	draw_stale(v, y - 1, x, w);

	seg_layout(&c, x, w, s->policy);
	pos[0] = '\0';
	if (nseg > v->h)
		snprintf(pos, sizeof pos, "%d-%d/%d", v->first + 1,
		    v->first + v->h < nseg ? v->first + v->h : nseg, nseg);
	draw_seg_header(y, a, &c, pos);
	y++;
	for (i = 0; i < v->h && v->first + i < nseg; i++)
		draw_segment(y + i, a, &c, s, (size_t)(v->first + i),
		    v->first + i == v->sel);
	y += v->h;
	if (chart_h == 0)
		return;
	/* Two lines for the segment in words and why a bad rate is n/a;
	   a third, taken from the chart, when both need it. */
	i = draw_detail(y, x, w, 2, s, (size_t)v->sel);
	if (bad_rate_na(s, (size_t)v->sel, na) != NULL) {
		tui_color(TUI_C_DIM);
		tui_putf(y + i, x, w, TUI_LEFT, "Bad rate n/a: %s", na);
		tui_color(TUI_C_NORMAL);
		i++;
	}
	if (i > 2) {
		y++;
		chart_h--;
	}
	y += 2;
	if (v->chart == CHART_SWAP)
		draw_swap(v, y, x, w, chart_h);
	else
		draw_curve(v, y, x, w, chart_h, s);
}

/* ------------------------------------------------------------- keys */

static int
move_cutoff(struct trade_view *v, struct tui *t, size_t seg, double to)
{
	struct rd_err err;

	rd_err_clear(&err);
	if (desk_set_cutoff(v->desk, v->side, seg, to, &err) != 0)
		tui_message(t, 1, "cannot move the cutoff: %s", err.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Write the worked policy with its cutoffs: to a new file, or over its
   own after the user confirms. */
static int
save_policy(struct trade_view *v, struct tui *t)
{
	const struct desk_policy *s = desk_policy_slot(v->desk, v->side);
	struct rd_err err;
	char path[1024];

	snprintf(path, sizeof path, "%s", s->policy->path);
	if (tui_prompt_path(t, "write the policy to:", path, sizeof path) != 0 ||
	    path[0] == '\0')
		return TUI_HANDLED | TUI_REDRAW;
	if (access(path, F_OK) == 0 && !tui_confirm(t, "%s exists: "
	    "overwrite it? (y/n)", path))
		return TUI_HANDLED | TUI_REDRAW;
	rd_err_clear(&err);
	if (tui_save_policy(t, v->side, path, &err) != 0)
		tui_message_err(t, "cannot write the policy: ", &err);
	else
		tui_message_path(t, 0, "wrote ", path, "comments kept");
	return TUI_HANDLED | TUI_REDRAW;
}

static int
trade_key(void *view, struct tui *t, enum key_action act, int ch,
	const struct tui_area *a)
{
	struct trade_view *v = view;
	const struct desk_policy *s;
	size_t k, sel;
	int nseg, old = v->sel;
	double step;

	(void)ch;
	(void)a;
	if (v->side && desk_policy_slot(v->desk, 1) == NULL)
		v->side = 0;
	if ((s = desk_policy_slot(v->desk, v->side)) == NULL)
		return 0;
	nseg = (int)s->policy->nsegments;
	if (v->sel >= nseg)
		v->sel = nseg - 1;
	sel = (size_t)v->sel;
	switch (act) {
	case KA_UP:
		if (v->sel > 0)
			v->sel--;
		break;
	case KA_DOWN:
		if (v->sel < nseg - 1)
			v->sel++;
		break;
	case KA_HOME:
		v->sel = 0;
		break;
	case KA_END:
		v->sel = nseg - 1;
		break;
	case KA_CUTOFF_UP:
	case KA_CUTOFF_DOWN:
	case KA_CUTOFF_UP10:
	case KA_CUTOFF_DOWN10:
		step = act == KA_CUTOFF_UP ? 1 : act == KA_CUTOFF_DOWN ? -1 :
		    act == KA_CUTOFF_UP10 ? 10 : -10;
		return move_cutoff(v, t, sel, s->cutoffs[sel] + step);
	case KA_CUTOFF_RESET:
		return move_cutoff(v, t, sel, s->policy->segments[sel].cutoff);
	case KA_CUTOFF_RESET_ALL:
		for (k = 0; k < (size_t)nseg; k++) {
			/* Re-fetch: each call replaces the results. */
			s = desk_policy_slot(v->desk, v->side);
			if (s->cutoffs[k] != s->policy->segments[k].cutoff)
				move_cutoff(v, t, k,
				    s->policy->segments[k].cutoff);
		}
		return TUI_HANDLED | TUI_REDRAW;
	case KA_VIEW:
		v->chart = (enum trade_chart)((v->chart + 1) % CHART_COUNT);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_LEFT:
		v->ffirst = v->ffirst > v->fh ? v->ffirst - v->fh : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_RIGHT:
		v->ffirst = tui_scroll_fit(v->ffirst + v->fh, -1,
		    fig_rows(v->desk, s), v->fh);
		return TUI_HANDLED | TUI_REDRAW;
	case KA_SIDE:
		if (desk_policy_slot(v->desk, 1) == NULL) {
			tui_message(t, 1, "no challenger loaded (O opens one)");
			return TUI_HANDLED | TUI_REDRAW;
		}
		v->side = !v->side;
		v->sel = 0;
		v->first = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case KA_DOCUMENT:
		return tui_write_document(t);
	case KA_SAVE:
		return save_policy(v, t);
	default:
		return 0;
	}
	return TUI_HANDLED | (v->sel != old ? TUI_REDRAW : 0);
}

static const char *
trade_help(void *view)
{
	(void)view;
	return "Left/Right cutoff  [ ] figures  v chart  w write  D document";
}

const struct tui_screen scr_trade = {
	.name = "Trade-offs",
	.open = trade_open,
	.close = trade_close,
	.draw = trade_draw,
	.key = trade_key,
	.help = trade_help,
};
