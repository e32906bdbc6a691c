/*
 * report-bin.c - the characteristic analysis and its stability as text
 * or JSON (see report-bin.h).  Text tables use the fmt_ helpers the TUI
 * uses; JSON goes through jansson.  Nothing here computes a figure: bad
 * rates, shares, WoE, IV, Gini, KS and CSI come from the model layer.
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report-out.h"
#include "report/report-parts.h"
#include "report/report-bin.h"
#include "util/err.h"
#include "util/fmt.h"

/* The conventions, one sentence each; printed with every table. */
static const char *const conv_woe =
    "WoE = ln(%good / %bad): positive = safer than average";
static const char *const conv_iv = "IV = sum over bins of (%good - %bad) x WoE";
static const char *const conv_interval =
    "numeric bins are [lower, upper): closed on the left, open on the right";
static const char *const conv_missing = "missing values and each special "
    "value have bins of their own, never merged into a range";
static const char *const conv_unseen = "applied to another table: an "
    "unseen level goes to the other bin, else to the bin of largest "
    "development count; values beyond the development range go to the "
    "edge bins; missing values go to the missing bin (WoE 0 when the "
    "development data had none)";

static const char *
kind_word(enum bin_kind k)
{
	switch (k) {
	case BIN_RANGE:
		return "range";
	case BIN_LEVELS:
		return "levels";
	case BIN_SPECIAL:
		return "special";
	case BIN_MISSING:
		break;
	}
	return "missing";
}

static json_t *
conventions_json(const struct bin_spec *spec)
{
	json_t *o = json_object();
	char adj[320];

	snprintf(adj, sizeof adj, "a bin with no goods or no bads gets %g "
	    "added to its good and its bad count before its WoE is taken "
	    "(flagged adjusted, with a warning); WoE and IV are never "
	    "infinite", spec->woe_adjust);
	json_object_set_new(o, "woe", json_string(conv_woe));
	json_object_set_new(o, "iv", json_string(conv_iv));
	json_object_set_new(o, "zero_cell", json_string(adj));
	json_object_set_new(o, "zero_cell_adjustment",
	    json_real(spec->woe_adjust));
	json_object_set_new(o, "interval", json_string(conv_interval));
	json_object_set_new(o, "interval_closed", json_string("left"));
	json_object_set_new(o, "missing", json_string(conv_missing));
	json_object_set_new(o, "apply", json_string(conv_unseen));
	json_object_set_new(o, "iv_strength", json_string("< 0.02 "
	    "unpredictive, 0.02-0.1 weak, 0.1-0.3 medium, 0.3-0.5 strong, "
	    "> 0.5 suspicious"));
	return o;
}

static void
conventions_text(FILE *f, const struct bin_spec *spec)
{
	fprintf(f, "conventions:\n  %s; %s.\n  %s.\n  %s.\n", conv_woe, conv_iv,
	    conv_interval, conv_missing);
	fprintf(f, "  a bin with no goods or no bads gets %g added to both "
	    "counts before its WoE is taken\n  (marked *); WoE and IV are "
	    "never infinite.\n", spec->woe_adjust);
	fprintf(f, "  IV strength: < 0.02 unpredictive, 0.02-0.1 weak, "
	    "0.1-0.3 medium, 0.3-0.5 strong, > 0.5 suspicious.\n");
}

static const char *
status_text(const struct characteristic *ch)
{
	return ch->status != NULL ? ch->status : "usable";
}

/* A characteristic that splits goods from bads on its own (bin.h
   bin_splits) while one bin: its IV is unbounded, not the 0 of its bin. */
static int
separates(const struct characteristic *ch)
{
	return ch->splits != NULL && ch->status != NULL;
}

/* A figure of ch as shown: "inf" for the IV of a separating
   characteristic, "-" for its Gini and KS (those of its one bin, 0, would
   call the strongest predictor there is useless). */
static const char *
fig_text(char *buf, const struct characteristic *ch, double x, int iv)
{
	return !separates(ch) ? fmt_stat(buf, x) : iv ? "inf" : "-";
}

/* The IV strength as shown: "separates" for a separating one. */
static const char *
strength_text(const struct characteristic *ch)
{
	return separates(ch) ? "separates" : bin_iv_strength(ch->iv);
}

static const char *
trend_text(const struct characteristic *ch)
{
	if (!ch->numeric)
		return "by bad rate";
	return bin_trend_name(bin_trend_observed(ch));
}

/* ------------------------------------------------------------- bins */

/*
 * The warnings of a characteristic, as sentences.  Numeric: values that
 * seem to stand for something else (with the --special that gives them
 * bins of their own) and whole-number codes (with the --type that classes
 * them as categories), as import and profile word them (colscan.h).
 * Text: many levels (overfitting) and the levels left to the
 * unseen-level fallback.
 */
static void
char_notes(const struct characteristic *ch, const struct bin_spec *spec,
	void (*put)(void *, const char *), void *ctx)
{
	char m[768], n1[FMT_BUF], n2[FMT_BUF], n3[FMT_BUF];
	size_t k;
	int at;

	if (ch->splits != NULL && ch->status != NULL)
		put(ctx, ch->splits);
	if (ch->pure != NULL)
		put(ctx, ch->pure);
	if (ch->numeric) {
		for (k = 0; k < ch->nsentinels; k++)
			put(ctx, colscan_sentinel_text(m, sizeof m, ch->name,
			    &ch->sentinels[k]));
		if (ch->ncodes > 0 && !ch->big_integers)
			put(ctx, colscan_codes_text(m, sizeof m, ch->name,
			    ch->codes, ch->ncodes, 1));
		if (ch->big_integers)
			put(ctx, bin_big_integers_text(m, sizeof m,
			    ch));
		return;
	}
	if (ch->many_levels) {
		snprintf(m, sizeof m, "%s levels (more than %zu): a WoE per "
		    "level, or groups made from the levels' own bad rates, "
		    "follow the noise of the small levels and overfit; group "
		    "the levels by their meaning (--move) or leave the "
		    "characteristic out (fit --exclude %s)", fmt_count(n1,
		    (double)ch->nlevels), spec->many_levels, ch->name);
		put(ctx, m);
	}
	if (ch->chance_bins > 0 && ch->chance_p > 0.01 && ch->status == NULL) {
		snprintf(m, sizeof m, "the IV of its %zu fine bins is within "
		    "what chance gives (p = %.2g under no association, "
		    "J-divergence test): groups made from the levels' own bad "
		    "rates follow noise and overfit; group the levels by their "
		    "meaning (--move) or leave the characteristic out (fit "
		    "--exclude %s)", ch->chance_bins, ch->chance_p, ch->name);
		put(ctx, m);
	}
	if (ch->nfallback == 0)
		return;
	at = bin_fallback(ch);
	fmt_count(n1, (double)ch->nfallback);
	fmt_count(n2, (double)ch->fallback_rows);
	fmt_count(n3, (double)ch->fallback_known);
	if (ch->fallback_known == 0)
		snprintf(m, sizeof m, "%s level%s (%.200s%s; %s rows) %s seen "
		    "only in rows without a known outcome: no bad rate, so in "
		    "no bin; %s the unseen-level fallback, %s%d (%.200s)", n1,
		    ch->nfallback == 1 ? "" : "s", ch->fallback_levels,
		    ch->nfallback > 3 ? ", ..." : "", n2,
		    ch->nfallback == 1 ? "is" : "are",
		    ch->nfallback == 1 ? "it takes" : "they take",
		    at >= 0 ? "bin " : "none", at >= 0 ? at + 1 : 0,
		    at >= 0 ? ch->bins[at].label : "not scored");
	else
		snprintf(m, sizeof m, "%s level%s (%.200s%s; %s rows, %s with "
		    "a known outcome) %s in no bin of this binning: %s the "
		    "unseen-level fallback, %s%d (%.200s)", n1,
		    ch->nfallback == 1 ? "" : "s", ch->fallback_levels,
		    ch->nfallback > 3 ? ", ..." : "", n2, n3,
		    ch->nfallback == 1 ? "is" : "are",
		    ch->nfallback == 1 ? "it takes" : "they take",
		    at >= 0 ? "bin " : "none", at >= 0 ? at + 1 : 0,
		    at >= 0 ? ch->bins[at].label : "not scored");
	put(ctx, m);
}

static void
put_warning_json(void *ctx, const char *s)
{
	json_array_append_new((json_t *)ctx, json_string(s));
}

static void
put_warning_text(void *ctx, const char *s)
{
	fprintf((FILE *)ctx, "  warning: %s\n", s);
}

static json_t *
bin_json(const struct bin *x, int split)
{
	json_t *o = json_object();
	size_t i;

	json_object_set_new(o, "label", json_string(x->label));
	json_object_set_new(o, "kind", json_string(kind_word(x->kind)));
	if (x->kind == BIN_RANGE) {
		json_object_set_new(o, "lower", report_jnum(x->lower));
		json_object_set_new(o, "upper", report_jnum(x->upper));
	} else if (x->kind == BIN_LEVELS) {
		json_t *c = json_array();

		for (i = 0; i < x->nlevels; i++)
			json_array_append_new(c, json_string(x->levels[i]));
		json_object_set_new(o, "categories", c);
		json_object_set_new(o, "other", json_boolean(x->other));
	} else if (x->kind == BIN_SPECIAL) {
		json_object_set_new(o, "value", report_jnum(x->lower));
	}
	json_object_set_new(o, "count", report_jcount(x->count));
	json_object_set_new(o, "goods", report_jcount(x->goods));
	json_object_set_new(o, "bads", report_jcount(x->bads));
	json_object_set_new(o, "bad_rate", report_jnum(x->bad_rate));
	json_object_set_new(o, "pct_goods", report_jnum(x->pct_goods));
	json_object_set_new(o, "pct_bads", report_jnum(x->pct_bads));
	/* The one bin of a separating characteristic has no WoE of use. */
	json_object_set_new(o, "woe", split ? json_null() :
	    report_jnum(x->woe));
	json_object_set_new(o, "iv", split ? json_null() :
	    report_jnum(x->iv));
	json_object_set_new(o, "adjusted", json_boolean(x->adjusted));
	return o;
}

static json_t *
char_json(const struct desk_bins *b, size_t k)
{
	const struct characteristic *ch = b->chars[k];
	json_t *o = json_object(), *bins = json_array(), *w = json_array();
	size_t i;

	json_object_set_new(o, "name", json_string(ch->name));
	json_object_set_new(o, "type", json_string(ch->numeric ? "numeric" :
	    "text"));
	json_object_set_new(o, "source", json_string(b->saved[k] ? "saved" :
	    "optimal"));
	json_object_set_new(o, "trend", json_string(trend_text(ch)));
	/* A separating characteristic: IV and strength null, the reason
	   under "separates". */
	json_object_set_new(o, "iv", separates(ch) ? json_null() :
	    report_jnum(ch->iv));
	json_object_set_new(o, "strength", separates(ch) ? json_null() :
	    json_string(bin_iv_strength(ch->iv)));
	json_object_set_new(o, "separates", separates(ch) ?
	    json_string(ch->splits) : json_null());
	json_object_set_new(o, "chance_p", ch->chance_bins > 0 ?
	    report_jnum(ch->chance_p) : json_null());
	json_object_set_new(o, "pure_merged", ch->pure != NULL ?
	    json_string(ch->pure) : json_null());
	json_object_set_new(o, "gini", separates(ch) ? json_null() :
	    report_jnum(ch->gini));
	json_object_set_new(o, "ks", separates(ch) ? json_null() :
	    report_jnum(ch->ks));
	json_object_set_new(o, "status", json_string(status_text(ch)));
	json_object_set_new(o, "goods", report_jcount(ch->goods));
	json_object_set_new(o, "bads", report_jcount(ch->bads));
	for (i = 0; i < ch->nbins; i++) {
		json_array_append_new(bins, bin_json(&ch->bins[i],
		    separates(ch)));
		if (ch->bins[i].adjusted) {
			char m[512];

			snprintf(m, sizeof m, "bin %zu (%.400s) has no %s: "
			    "zero-cell adjustment used", i + 1,
			    ch->bins[i].label, ch->bins[i].goods == 0 ?
			    "goods" : "bads");
			json_array_append_new(w, json_string(m));
		}
	}
	char_notes(ch, &b->spec, put_warning_json, w);
	if (!ch->numeric) {
		json_t *fb = json_object();
		int at = bin_fallback(ch);

		json_object_set_new(o, "levels", report_jcount(ch->nlevels));
		json_object_set_new(o, "many_levels",
		    json_boolean(ch->many_levels));
		json_object_set_new(fb, "levels",
		    report_jcount(ch->nfallback));
		json_object_set_new(fb, "rows",
		    report_jcount(ch->fallback_rows));
		json_object_set_new(fb, "rows_with_outcome",
		    report_jcount(ch->fallback_known));
		json_object_set_new(fb, "bin", at >= 0 ?
		    json_integer(at + 1) : json_null());
		json_object_set_new(o, "unseen_level_fallback", fb);
	}
	json_object_set_new(o, "warnings", w);
	json_object_set_new(o, "bins", bins);
	return o;
}

static void
char_text(FILE *f, const struct desk_bins *b, size_t k)
{
	const struct characteristic *ch = b->chars[k];
	char s1[FMT_BUF], s2[FMT_BUF], s3[FMT_BUF], s4[FMT_BUF], s5[FMT_BUF];
	char s6[FMT_BUF], s7[FMT_BUF], s8[FMT_BUF];
	size_t i, lw = 5;

	fprintf(f, "\n%s (%s, %s, %s)\n", ch->name, ch->numeric ? "numeric" :
	    "text", b->saved[k] ? "saved binning" : "optimal binning",
	    trend_text(ch));
	fprintf(f, "  IV %s %s, Gini %s, KS %s, %s\n", fig_text(s1, ch, ch->iv, 1),
	    strength_text(ch), fig_text(s2, ch, ch->gini, 0),
	    fig_text(s3, ch, ch->ks, 0), status_text(ch));
	for (i = 0; i < ch->nbins; i++)
		if (fmt_width(ch->bins[i].label) > lw)
			lw = fmt_width(ch->bins[i].label);
	if (lw > 40)
		lw = 40;
	fprintf(f, "  %3s %-*s %9s %9s %9s %8s %8s %8s %8s %7s\n", "#",
	    (int)lw, "bin", "count", "goods", "bads", "bad rate", "%goods",
	    "%bads", "WoE", "IV");
	for (i = 0; i < ch->nbins; i++) {
		const struct bin *x = &ch->bins[i];

		fprintf(f, "  %3zu ", i + 1);
		fmt_cell(f, x->label, lw);
		fprintf(f, " %9s %9s %9s %8s %8s %8s %8s %7s%s\n",
		    fmt_count(s1, (double)x->count),
		    fmt_count(s2, (double)x->goods),
		    fmt_count(s3, (double)x->bads), fmt_pct(s4, x->bad_rate),
		    fmt_pct(s5, x->pct_goods), fmt_pct(s6, x->pct_bads),
		    separates(ch) ? "-" : fmt_stat(s7, x->woe),
		    separates(ch) ? "-" : fmt_stat(s8, x->iv),
		    x->adjusted ? " *" : "");
		if (fmt_width(x->label) > lw)
			fprintf(f, "      (%s)\n", x->label);
	}
	for (i = 0; i < ch->nbins; i++)
		if (ch->bins[i].adjusted)
			fprintf(f, "  warning: bin %zu has no %s: zero-cell "
			    "adjustment used (*)\n", i + 1,
			    ch->bins[i].goods == 0 ? "goods" : "bads");
	char_notes(ch, &b->spec, put_warning_text, f);
}

static json_t *
left_out_json(const struct desk_bins *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->nleft_out; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "name",
		    json_string(b->left_out[i].name));
		json_object_set_new(o, "reason",
		    json_string(b->left_out[i].why));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
report_bins_json(const struct desk_bins *b, const size_t *which, size_t n)
{
	const struct bin_spec *sp = &b->spec;
	size_t i;
	json_t *root = json_object(), *spec = json_object();
	json_t *chars = json_array(), *sv = json_array();

	if (which == NULL)
		n = b->nchars;

	json_object_set_new(root, "table", json_string(b->table));
	if (b->engine != NULL) {
		/* Classed where it lives; an engine's table has no roles
		   and the identifier rule needs its rows in order. */
		json_object_set_new(root, "engine", json_string(b->engine));
		json_object_set_new(root, "source", json_string(b->table));
		json_object_set_new(root, "identifiers_detected",
		    json_false());
		json_object_set_new(root, "engine_rows",
		    report_jcount(b->engine_rows));
	}
	json_object_set_new(root, "rows", report_jcount(b->ds->nrows));
	json_object_set_new(root, "goods", report_jcount(b->ds->ngood));
	json_object_set_new(root, "bads", report_jcount(b->ds->nbad));
	if (b->ds->reject != NULL || b->rejects_marked) {
		/* A table with rejects marked: both classes left out. */
		json_object_set_new(root, "indeterminate",
		    report_jcount(b->ds->nindet));
		json_object_set_new(root, "rejects",
		    report_jcount(b->ds->nreject));
	}
	json_object_set_new(root, "conventions", conventions_json(sp));
	json_object_set_new(spec, "fine_bins",
	    json_integer(sp->nquantiles));
	json_object_set_new(spec, "other_share",
	    json_real(sp->other_share));
	json_object_set_new(spec, "min_share", json_real(sp->min_share));
	json_object_set_new(spec, "min_goods", report_jcount(sp->min_goods));
	json_object_set_new(spec, "min_bads", report_jcount(sp->min_bads));
	json_object_set_new(spec, "trend",
	    json_string(bin_trend_name(sp->trend)));
	json_object_set_new(spec, "many_levels",
	    report_jcount(sp->many_levels));
	json_object_set_new(spec, "id_share", json_real(sp->id_share));
	json_object_set_new(spec, "id_min_levels",
	    report_jcount(sp->id_min_levels));
	json_object_set_new(spec, "id_run_rows",
	    report_jcount(sp->id_run_rows));
	for (i = 0; i < sp->nspecials; i++)
		json_array_append_new(sv, json_real(sp->specials[i]));
	json_object_set_new(spec, "special", sv);
	json_object_set_new(root, "spec", spec);
	for (i = 0; i < n; i++)
		json_array_append_new(chars, char_json(b,
		    which != NULL ? which[i] : i));
	json_object_set_new(root, "characteristics", chars);
	json_object_set_new(root, "left_out", left_out_json(b));
	return root;
}

int
report_bins(FILE *f, const struct desk_bins *b, const size_t *which,
	size_t n, enum report_format fmt, struct rd_err *err)
{
	const struct bin_spec *sp = &b->spec;
	char s1[FMT_BUF], s2[FMT_BUF], s3[FMT_BUF], s4[FMT_BUF];
	size_t i;

	if (which == NULL)
		n = b->nchars;
	if (fmt == REPORT_JSON)
		return report_json_emit(f, report_bins_json(b, which, n), err);
	fprintf(f, "characteristic analysis of table \"%s\": %s rows, %s "
	    "goods, %s bads\n", b->table, fmt_count(s1, (double)b->ds->nrows),
	    fmt_count(s2, (double)b->ds->ngood),
	    fmt_count(s3, (double)b->ds->nbad));
	if (b->engine != NULL)
		fprintf(f, "  classed in %s, where the rows live; identifiers: "
		    "none detected (no recorded\n  roles, and the rule needs "
		    "the rows in order): name columns with --char\n",
		    b->engine);
	if (b->ds->nindet > 0 || b->ds->reject != NULL ||
	    b->rejects_marked) {
		fprintf(f, "  left out of the WoE and IV: %s indeterminate",
		    fmt_count(s1, (double)b->ds->nindet));
		if (b->ds->reject != NULL || b->rejects_marked)
			fprintf(f, ", %s rejects (declined, no outcome)",
			    fmt_count(s2, (double)b->ds->nreject));
		fputc('\n', f);
	}
	conventions_text(f, sp);
	fprintf(f, "  fine classing: %d quantile bins; levels under %s of the "
	    "rows grouped as \"other\";\n  a level seen only in rows "
	    "without a known outcome is in no bin and takes the\n  "
	    "unseen-level fallback; more than %zu levels are warned about "
	    "(overfitting).\n", sp->nquantiles, fmt_pct(s1, sp->other_share),
	    sp->many_levels);
	fprintf(f, "  coarse classing: maximum IV with WoE trend %s; each bin "
	    ">= %s of the rows,\n  >= %zu goods and >= %zu bads.\n\n",
	    bin_trend_name(sp->trend), fmt_pct(s2, sp->min_share),
	    sp->min_goods, sp->min_bads);
	fprintf(f, "  %-40s %-7s %4s %7s %-12s %7s %7s  %s\n",
	    "characteristic", "type", "bins", "IV", "strength", "Gini", "KS",
	    "status");
	for (i = 0; i < n; i++) {
		const struct characteristic *ch = b->chars[which != NULL ?
		    which[i] : i];

		fputs("  ", f);
		fmt_cell(f, ch->name, 40);
		fprintf(f, " %-7s %4zu %7s %-12s %7s %7s  %s\n",
		    ch->numeric ? "numeric" : "text", ch->nbins,
		    fig_text(s1, ch, ch->iv, 1), strength_text(ch),
		    fig_text(s2, ch, ch->gini, 0), fig_text(s4, ch, ch->ks, 0),
		    status_text(ch));
	}
	if (b->nleft_out > 0) {
		fprintf(f, "\n  left out (never binned, ranked or fitted):\n");
		for (i = 0; i < b->nleft_out; i++)
		{
			fputs("  ", f);
			fmt_cell(f, b->left_out[i].name, 40);
			fprintf(f, " %s\n", b->left_out[i].why);
		}
	}
	for (i = 0; i < n; i++)
		char_text(f, b, which != NULL ? which[i] : i);
	return report_text_done(f, err);
}

/* ------------------------------------------------------------ stability */

/* The fallbacks used on the other table, as sentences (JSON list). */
static void
notes(const struct characteristic *ch, const struct bin_applied *a,
	void (*put)(void *, const char *), void *ctx)
{
	char m[768], lo[FMT_BUF], hi[FMT_BUF];

	if (a->unseen > 0 && a->unseen_bin >= 0) {
		snprintf(m, sizeof m, "%zu rows with levels unseen in "
		    "development went to bin %d (%.400s): %s", a->unseen,
		    a->unseen_bin + 1, ch->bins[a->unseen_bin].label,
		    a->unseen_other ? "the other bin" :
		    "the bin of largest development count");
		put(ctx, m);
	}
	if (a->below > 0) {
		snprintf(m, sizeof m, "%zu rows below the development range "
		    "(min %s) went to the first bin", a->below,
		    fmt_stat(lo, ch->xmin));
		put(ctx, m);
	}
	if (a->above > 0) {
		snprintf(m, sizeof m, "%zu rows above the development range "
		    "(max %s) went to the last range bin", a->above,
		    fmt_stat(hi, ch->xmax));
		put(ctx, m);
	}
	if (a->added_missing) {
		snprintf(m, sizeof m, "warning: %zu missing values but no "
		    "missing bin in development: a missing bin was added "
		    "with WoE 0", a->missing);
		put(ctx, m);
	}
}

static void
put_json(void *ctx, const char *s)
{
	json_array_append_new((json_t *)ctx, json_string(s));
}

static void
put_text(void *ctx, const char *s)
{
	fprintf((FILE *)ctx, "  %s\n", s);
}

json_t *
report_csi_json(const struct desk_bins *b, const struct desk_csi *c)
{
	size_t i, j;
	json_t *root = json_object(), *chars = json_array();
	json_t *conv = conventions_json(&b->spec);
	char cv[512];

	snprintf(cv, sizeof cv, "CSI = sum over bins of (%%new - "
	    "%%development) x ln(%%new / %%development), all rows; a "
	    "bin empty in both tables adds nothing; when a bin is "
	    "empty in one table only, each such zero count becomes %g "
	    "and the totals are re-summed (flagged, \"adjusted\"); "
	    "< 0.1 stable, 0.1-0.25 some shift, >= 0.25 significant shift",
	    b->spec.psi_adjust);
	json_object_set_new(conv, "csi", json_string(cv));
	json_object_set_new(root, "development", json_string(b->table));
	json_object_set_new(root, "table", json_string(c->table));
	json_object_set_new(root, "conventions", conv);
	for (i = 0; i < c->n; i++) {
		const struct desk_csi_char *x = &c->v[i];
		const struct characteristic *ch = b->chars[x->k];
		json_t *o = json_object(), *bins = json_array();
		json_t *nt = json_array();

		json_object_set_new(o, "name", json_string(ch->name));
		if (x->missing_col != NULL) {
			json_object_set_new(o, "csi", json_null());
			json_object_set_new(o, "status",
			    json_string(x->missing_col));
			json_array_append_new(chars, o);
			continue;
		}
		json_object_set_new(o, "csi", report_jnum(x->csi));
		json_object_set_new(o, "reading",
		    json_string(x->reading));
		json_object_set_new(o, "adjusted",
		    json_boolean(x->adjusted));
		json_object_set_new(o, "adjustment", x->adjusted ?
		    json_real(x->adjust) : json_null());
		for (j = 0; j < x->cur.nbins; j++) {
			json_t *bo = json_object();

			json_object_set_new(bo, "label", json_string(
			    j < ch->nbins ? ch->bins[j].label :
			    "missing (added)"));
			json_object_set_new(bo, "count_development",
			    report_jcount(j < x->base.nbins ?
			    x->base.count[j] : 0));
			json_object_set_new(bo, "count",
			    report_jcount(x->cur.count[j]));
			json_object_set_new(bo, "share_development",
			    report_jnum(x->share_base[j]));
			json_object_set_new(bo, "share",
			    report_jnum(x->share_cur[j]));
			json_object_set_new(bo, "contribution",
			    report_jnum(x->contrib[j]));
			json_object_set_new(bo, "empty", json_string(
			    x->flag[j] == BIN_PSI_EMPTY_BOTH ? "both" :
			    x->flag[j] == BIN_PSI_EMPTY_BASE ?
			    "development" : x->flag[j] ==
			    BIN_PSI_EMPTY_CUR ? "this table" : "no"));
			json_array_append_new(bins, bo);
		}
		json_object_set_new(o, "bins", bins);
		notes(ch, &x->cur, put_json, nt);
		json_object_set_new(o, "notes", nt);
		json_array_append_new(chars, o);
	}
	json_object_set_new(root, "characteristics", chars);
	return root;
}

int
report_csi(FILE *f, const struct desk_bins *b, const struct desk_csi *c,
	enum report_format fmt, struct rd_err *err)
{
	char s1[FMT_BUF], s2[FMT_BUF], s3[FMT_BUF], s4[FMT_BUF], s5[FMT_BUF];
	size_t i, j;

	if (fmt == REPORT_JSON)
		return report_json_emit(f, report_csi_json(b, c), err);
	fprintf(f, "characteristic stability (CSI) of table \"%s\" against "
	    "development table \"%s\"\n", c->table, b->table);
	fprintf(f, "conventions:\n  CSI = sum over bins of (%%new - "
	    "%%development) x ln(%%new / %%development), all rows;\n  a bin "
	    "empty in both tables adds nothing; when a bin is empty in one "
	    "table\n  only, each such zero count becomes %g and the totals "
	    "are re-summed (marked *).\n  reading: < 0.1 stable, 0.1-0.25 "
	    "some shift, >= 0.25 significant shift.\n  %s.\n  %s.\n\n",
	    b->spec.psi_adjust, conv_interval, conv_unseen);
	fprintf(f, "  %-40s %8s  %s\n", "characteristic", "CSI", "reading");
	for (i = 0; i < c->n; i++) {
		const struct desk_csi_char *x = &c->v[i];

		fputs("  ", f);
		fmt_cell(f, b->chars[x->k]->name, 40);
		if (x->missing_col != NULL)
			fprintf(f, " %8s  %s\n", "-", x->missing_col);
		else
			fprintf(f, " %8s  %s%s\n", fmt_stat(s1, x->csi),
			    x->reading, x->adjusted ? " *" : "");
	}
	for (i = 0; i < c->n; i++) {
		const struct desk_csi_char *x = &c->v[i];
		const struct characteristic *ch = b->chars[x->k];

		if (x->missing_col != NULL)
			continue;
		fprintf(f, "\n%s: CSI %s, %s%s\n", ch->name,
		    fmt_stat(s1, x->csi), x->reading, x->adjusted ?
		    " (adjusted *)" : "");
		fprintf(f, "  %3s %-30s %11s %9s %11s %9s %8s\n", "#", "bin",
		    "development", "%", "this table", "%", "term");
		for (j = 0; j < x->cur.nbins; j++) {
			fprintf(f, "  %3zu ", j + 1);
			fmt_cell(f, j < ch->nbins ? ch->bins[j].label :
			    "missing (added)", 30);
			fprintf(f, " %11s %9s %11s %9s %8s%s%s\n",
			    fmt_count(s1, (double)(j <
			    x->base.nbins ? x->base.count[j] : 0)),
			    fmt_pct(s2, x->share_base[j]),
			    fmt_count(s3, (double)x->cur.count[j]),
			    fmt_pct(s4, x->share_cur[j]),
			    fmt_stat(s5, x->contrib[j]),
			    x->flag[j] == BIN_PSI_OK ? "" :
			    x->flag[j] == BIN_PSI_EMPTY_BOTH ? "   " : " * ",
			    bin_psi_flag_text(x->flag[j]));
		}
		if (x->adjusted)
			fprintf(f, "  * a bin empty in one table only: its zero "
			    "count became %g and the totals were re-summed\n",
			    x->adjust);
		notes(ch, &x->cur, put_text, f);
	}
	return report_text_done(f, err);
}

/* ------------------------------------------------- for the document */

json_t *
report_char_bins_json(const struct characteristic *ch)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < ch->nbins; i++)
		json_array_append_new(a, bin_json(&ch->bins[i],
		    separates(ch)));
	return a;
}

json_t *
report_conventions_json(const struct bin_spec *spec)
{
	return conventions_json(spec);
}

const char *
report_char_trend(const struct characteristic *ch)
{
	return trend_text(ch);
}

int
report_char_separates(const struct characteristic *ch)
{
	return separates(ch);
}
