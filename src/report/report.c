/*
 * report.c - headless writers onto a FILE * (see report.h).  Text tables
 * use the same fmt_ helpers as the TUI so both show the same digits; JSON
 * goes through jansson.  Nothing here computes a figure.
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "desk/desk-engine.h"
#include "policy/policy.h"
#include "report/report.h"
#include "report/report-fraud.h"
#include "report/report-out.h"
#include "report/report-parts.h"
#include "report/report-table.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

int
report_format_parse(const char *s, enum report_format *fmt)
{
	if (strcmp(s, "text") == 0)
		*fmt = REPORT_TEXT;
	else if (strcmp(s, "json") == 0)
		*fmt = REPORT_JSON;
	else if (strcmp(s, "html") == 0)
		*fmt = REPORT_HTML;
	else if (strcmp(s, "xlsx") == 0)
		*fmt = REPORT_XLSX;
	else
		return -1;
	return 0;
}

int
report_format_for_path(const char *path, enum report_format *fmt)
{
	static const struct {
		const char *ext;
		enum report_format fmt;
	} ext[] = {
		{ "html", REPORT_HTML }, { "htm", REPORT_HTML },
		{ "xlsx", REPORT_XLSX }, { "json", REPORT_JSON },
		{ "txt", REPORT_TEXT }
	};
	const char *base = strrchr(path, '/'), *dot;
	size_t k;

	base = base != NULL ? base + 1 : path;
	/* A leading dot (".profile") starts a name, not an extension. */
	if ((dot = strrchr(base, '.')) == NULL || dot == base) {
		*fmt = REPORT_HTML;
		return 0;
	}
	for (k = 0; k < sizeof ext / sizeof ext[0]; k++)
		if (strcasecmp(dot + 1, ext[k].ext) == 0) {
			*fmt = ext[k].fmt;
			return 0;
		}
	return -1;
}

/* A JSON number, or null for NaN and infinities. */
static json_t *
jnum(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *
jstr(const char *s)
{
	return s == NULL ? json_null() : json_string(s);
}

/* Dump root (consumed) to f followed by a newline (report-out.h). */
static int
json_emit(FILE *f, json_t *root, struct rd_err *err)
{
	return report_json_emit(f, root, err);
}

static int
text_done(FILE *f, struct rd_err *err)
{
	if (fflush(f) != 0 || ferror(f))
		return rd_err_set(err, RD_EIO, "cannot write the report: %s",
		    strerror(errno));
	return 0;
}

/* --------------------------------------------------------------- fit */

static json_t *
coef_json(const char *term, double est, double se, double p)
{
	json_t *c = json_object();

	json_object_set_new(c, "term", json_string(term));
	json_object_set_new(c, "estimate", jnum(est));
	json_object_set_new(c, "std_error", jnum(se));
	json_object_set_new(c, "z", jnum(se > 0 ? est / se : NAN));
	json_object_set_new(c, "p_value", jnum(p));
	return c;
}

/* The development sample of a card fitted with a holdout. */
static void
fit_text_sample(FILE *f, const struct scorecard *card, const char *who)
{
	if (card->sample.kind == CARD_SAMPLE_RANDOM)
		fprintf(f, "%sdeveloped on a random %.4g of the rows (holdout "
		    "%.4g, seed %lu)\n", who, 1 - card->sample.holdout,
		    card->sample.holdout, card->sample.seed);
	else if (card->sample.kind == CARD_SAMPLE_OOT)
		fprintf(f, "%sdeveloped on the rows with %s up to %s (later "
		    "rows held out)\n", who, card->sample.date_column,
		    card->sample.after);
	if (card->features != NULL) {
		const struct card_features *cf = card->features;
		size_t k;

		fprintf(f, "a fraud scorecard: target %s = 1; fraud features "
		    "of policy %s, computed again when it scores:",
		    cf->label, cf->policy);
		for (k = 0; k < cf->n; k++)
			fprintf(f, "%s %s", k > 0 ? "," : "", cf->v[k].name);
		fprintf(f, "%s\n", cf->n == 0 ? " none used" : "");
	}
}

/*
 * Text after the points table: rounding, VIF and wrong signs, the
 * selection steps, and the score -> PD table over the card's range.
 */
static void
fit_text_extra(FILE *f, const struct scorecard *card)
{
	static const size_t vif_w[] = { 48, 8, 0 };
	static const size_t step_w[] = { 2, 1, 44, 0 };
	struct report_table tab;
	struct card_pd_row *t;
	double lo, hi, step = card->scaling.pdo;
	char head[96], vif[FMT_BUF];
	size_t j, n;

	fprintf(f, "\nrounding points to whole numbers moves a development "
	    "score by at most %.2f\n(at most %.2f for any combination of "
	    "attributes)\n", card->round_max_dev, card->round_max);
	snprintf(head, sizeof head, "flags (VIF above %g is high)",
	    card->vif_max);
	report_table_init(&tab, "lrl", vif_w);
	report_table_row(&tab, "characteristic", "VIF", head);
	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];
		char flags[128];
		size_t len;

		snprintf(flags, sizeof flags, "%s%s%s",
		    cc->vif > card->vif_max ? " high VIF;" : "",
		    cc->wrong_sign ? " wrong sign (points run against WoE);" :
		    "", cc->forced ? " forced in;" : "");
		len = strlen(flags);
		if (len > 0)
			flags[len - 1] = '\0';	/* the last ';' */
		snprintf(vif, sizeof vif, "%.3f", cc->vif);
		report_table_row(&tab, cc->ch->name, vif, flags[0] == ' ' ?
		    flags + 1 : flags);
	}
	fputc('\n', f);
	report_table_print(f, &tab, "  ");
	report_table_done(&tab);
	if (card->corr != NULL) {
		size_t a, b, np = 0;

		for (a = 0; a < card->nchars; a++)
			for (b = a + 1; b < card->nchars; b++) {
				double r = card->corr[a * card->nchars + b];

				if (!(fabs(r) > card->corr_max))
					continue;
				if (np++ == 0)
					fprintf(f, "\ncorrelated WoE columns "
					    "(|r| above %g):\n",
					    card->corr_max);
				fprintf(f, "  %s, %s: r = %.3f\n",
				    card->chars[a].ch->name,
				    card->chars[b].ch->name, r);
			}
	}
	if (card->select_method != NULL) {
		fprintf(f, "\n%s selection, %zu step%s:\n",
		    card->select_method, card->nsteps,
		    card->nsteps == 1 ? "" : "s");
		report_table_init(&tab, "rlll", step_w);
		for (j = 0; j < card->nsteps; j++) {
			char no[FMT_BUF], rest[96], pv[FMT_BUF];

			snprintf(no, sizeof no, "%zu", j + 1);
			snprintf(rest, sizeof rest, "AIC %.4f  p %s",
			    card->steps[j].aic,
			    fmt_pval(pv, card->steps[j].pval));
			report_table_row(&tab, no,
			    card->steps[j].entered ? "+" : "-",
			    card->steps[j].name, rest);
		}
		report_table_print(f, &tab, "  ");
		report_table_done(&tab);
	}
	card_score_range(card, &lo, &hi);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	t = card_pd_table(card, lo, hi, step, &n);
	fprintf(f, "\nscore -> PD\n  %8s %16s %10s\n", "score",
	    "odds good:bad", "PD");
	for (j = 0; j < n; j++)
		fprintf(f, "  %8.0f %14.4g:1 %10.6f\n", t[j].score, t[j].odds,
		    t[j].pd);
	free(t);
}

static void
fit_json_extra(json_t *root, const struct scorecard *card)
{
	json_t *a = json_array(), *o;
	struct card_pd_row *t;
	double lo, hi, step = card->scaling.pdo;
	size_t j, n;
	char odds[64];

	snprintf(odds, sizeof odds, "%g:1", card->scaling.base_odds);
	json_object_set_new(root, "base_odds_good_bad", json_string(odds));
	if (card->features != NULL) {
		json_t *names = json_array();

		o = json_object();
		json_object_set_new(o, "policy",
		    json_string(card->features->policy));
		json_object_set_new(o, "time",
		    json_string(card->features->time));
		json_object_set_new(o, "label",
		    json_string(card->features->label));
		for (j = 0; j < card->features->n; j++)
			json_array_append_new(names,
			    json_string(card->features->v[j].name));
		json_object_set_new(o, "features", names);
		json_object_set_new(root, "fraud_features", o);
	}
	json_object_set_new(root, "round_max_dev", jnum(card->round_max_dev));
	json_object_set_new(root, "round_max", jnum(card->round_max));
	if (card->corr != NULL) {
		size_t r, c;

		o = json_array();
		for (r = 0; r < card->nchars; r++) {
			json_t *row = json_array();

			for (c = 0; c < card->nchars; c++)
				json_array_append_new(row, jnum(
				    card->corr[r * card->nchars + c]));
			json_array_append_new(o, row);
		}
		json_object_set_new(root, "correlation", o);
		json_object_set_new(root, "corr_max", jnum(card->corr_max));
		json_object_set_new(root, "vif_max", jnum(card->vif_max));
	}
	if (card->select_method != NULL) {
		o = json_object();
		json_object_set_new(o, "method",
		    json_string(card->select_method));
		for (j = 0; j < card->nsteps; j++) {
			json_t *st = json_object();

			json_object_set_new(st, "name",
			    json_string(card->steps[j].name));
			json_object_set_new(st, "action", json_string(
			    card->steps[j].entered ? "enter" : "remove"));
			json_object_set_new(st, "aic",
			    jnum(card->steps[j].aic));
			json_object_set_new(st, "p_value",
			    jnum(card->steps[j].pval));
			json_array_append_new(a, st);
		}
		json_object_set_new(o, "steps", a);
		json_object_set_new(root, "selection", o);
		a = json_array();
	}
	card_score_range(card, &lo, &hi);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	t = card_pd_table(card, lo, hi, step, &n);
	for (j = 0; j < n; j++) {
		o = json_object();
		json_object_set_new(o, "score", jnum(t[j].score));
		json_object_set_new(o, "odds_good_bad", jnum(t[j].odds));
		json_object_set_new(o, "pd", jnum(t[j].pd));
		json_array_append_new(a, o);
	}
	free(t);
	json_object_set_new(root, "score_pd", a);
}

json_t *
report_fit_json(const struct scorecard *card)
{
	size_t j, k;
	json_t *root = json_object(), *coefs = json_array();
	json_t *chars = json_array(), *dropped = json_array();
	json_t *sc = json_object();

	json_object_set_new(root, "scorecard", json_string(card->name));
	json_object_set_new(root, "population",
	    json_string(card->population));
	json_object_set_new(sc, "base_score",
	    jnum(card->scaling.base_score));
	json_object_set_new(sc, "base_odds",
	    jnum(card->scaling.base_odds));
	json_object_set_new(sc, "pdo", jnum(card->scaling.pdo));
	json_object_set_new(sc, "factor", jnum(card->factor));
	json_object_set_new(sc, "offset", jnum(card->offset));
	json_object_set_new(root, "scaling", sc);
	json_array_append_new(coefs, coef_json("(Intercept)",
	    card->intercept, card->intercept_se,
	    card->intercept_pval));
	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];
		json_t *c = json_object(), *bins = json_array();

		json_array_append_new(coefs, coef_json(cc->ch->name,
		    cc->coef, cc->se, cc->pval));
		json_object_set_new(c, "name",
		    json_string(cc->ch->name));
		json_object_set_new(c, "iv", jnum(cc->ch->iv));
		json_object_set_new(c, "vif", jnum(cc->vif));
		json_object_set_new(c, "forced",
		    json_boolean(cc->forced));
		json_object_set_new(c, "wrong_sign",
		    json_boolean(cc->wrong_sign));
		for (k = 0; k < cc->ch->nbins; k++) {
			const struct bin *b = &cc->ch->bins[k];
			json_t *jb = json_object();

			json_object_set_new(jb, "label",
			    json_string(b->label));
			json_object_set_new(jb, "count",
			    json_integer((json_int_t)b->count));
			json_object_set_new(jb, "goods",
			    json_integer((json_int_t)b->goods));
			json_object_set_new(jb, "bads",
			    json_integer((json_int_t)b->bads));
			json_object_set_new(jb, "woe", jnum(b->woe));
			json_object_set_new(jb, "adjusted",
			    json_boolean(b->adjusted));
			json_object_set_new(jb, "points",
			    jnum(cc->points[k]));
			json_array_append_new(bins, jb);
		}
		json_object_set_new(c, "bins", bins);
		json_array_append_new(chars, c);
	}
	for (j = 0; j < card->ndropped; j++)
		json_array_append_new(dropped,
		    json_string(card->dropped[j]));
	if (card->nnotes > 0) {
		json_t *nt = json_array();

		for (j = 0; j < card->nnotes; j++)
			json_array_append_new(nt,
			    json_string(card->notes[j]));
		json_object_set_new(root, "notes", nt);
	}
	json_object_set_new(root, "coefficients", coefs);
	json_object_set_new(root, "loglik", jnum(card->loglik));
	json_object_set_new(root, "aic", jnum(card->aic));
	json_object_set_new(root, "iterations",
	    json_integer(card->iterations));
	if (card->start_rows > 0)
		json_object_set_new(root, "start_rows",
		    json_integer((json_int_t)card->start_rows));
	json_object_set_new(root, "n_used",
	    json_integer((json_int_t)card->n));
	json_object_set_new(root, "n_bad",
	    json_integer((json_int_t)card->n_bad));
	json_object_set_new(root, "n_indeterminate",
	    card->n_indet == CARD_COUNT_UNKNOWN ? json_null() :
	    json_integer((json_int_t)card->n_indet));
	json_object_set_new(root, "n_rejects",
	    card->n_reject == CARD_COUNT_UNKNOWN ? json_null() :
	    json_integer((json_int_t)card->n_reject));
	json_object_set_new(root, "auc", jnum(card->auc));
	json_object_set_new(root, "gini", jnum(card->gini));
	json_object_set_new(root, "ks", jnum(card->ks));
	json_object_set_new(root, "base_points",
	    jnum(card->base_points));
	json_object_set_new(root, "characteristics", chars);
	json_object_set_new(root, "dropped", dropped);
	fit_json_extra(root, card);
	return root;
}

int
report_fit(FILE *f, const struct scorecard *card, enum report_format fmt,
	struct rd_err *err)
{
	if (fmt == REPORT_JSON)
		return json_emit(f, report_fit_json(card), err);
	return report_fit_text_on(f, card, NULL, err);
}

int
report_fit_text_on(FILE *f, const struct scorecard *card,
	const char *fitted_on, struct rd_err *err)
{
	static const size_t points_w[] = { 40, 28, 6, 8, 7 };
	struct report_table tab;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	size_t j, k, nadj = 0;

	fprintf(f, "scorecard \"%s\" on table \"%s\": %s rows with a known "
	    "outcome, %s bad\n", card->name, card->population,
	    fmt_count(b1, (double)card->n), fmt_count(b2, (double)card->n_bad));
	if (fitted_on != NULL)
		fputs(fitted_on, f);
	else if (card->n_indet != CARD_COUNT_UNKNOWN &&
	    card->n_reject != CARD_COUNT_UNKNOWN)
		fprintf(f, "left out of the fit: %s indeterminate, %s rejects "
		    "(declined, no outcome)\n", fmt_count(b1,
		    (double)card->n_indet), fmt_count(b2,
		    (double)card->n_reject));
	fprintf(f, "scaling: %g points at %g:1 good:bad odds, PDO %g "
	    "(factor %.4f, offset %.4f)\n", card->scaling.base_score,
	    card->scaling.base_odds, card->scaling.pdo, card->factor,
	    card->offset);
	fit_text_sample(f, card, fitted_on != NULL ? "its KGB was " : "");
	fprintf(f, "\n");
	fprintf(f, "%-56s %10s %10s %10s %7s\n", "term (WoE-coded)",
	    "estimate", "std.error", "p-value", "IV");
	fprintf(f, "%-56s %10.5f %10.5f %10s %7s\n", "(Intercept)",
	    card->intercept, card->intercept_se,
	    fmt_pval(b1, card->intercept_pval), "");
	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];

		/* By display width: a Chinese name keeps the columns. */
		fmt_cell(f, cc->ch->name, 56);
		fprintf(f, " %10.5f %10.5f %10s %7.4f\n", cc->coef, cc->se,
		    fmt_pval(b1, cc->pval), cc->ch->iv);
	}
	fprintf(f, "\nlog-likelihood %.4f, AIC %.4f, %d IRLS iterations",
	    card->loglik, card->aic, card->iterations);
	if (card->start_rows > 0)
		fprintf(f, " (from the fit on a sample of %s rows)",
		    fmt_count(b1, (double)card->start_rows));
	fputc('\n', f);
	fprintf(f, "AUC %s  Gini %s  KS %s (development sample, "
	    "scored in points)\n\n", fmt_stat(b1, card->auc),
	    fmt_stat(b2, card->gini), fmt_stat(b3, card->ks));

	fprintf(f, "points table (base points %.0f)\n", card->base_points);
	report_table_init(&tab, "llrrr", points_w);
	/* Grouped levels can make a label of any length. */
	report_table_cap(&tab, 1, REPORT_ATTR_MAX);
	report_table_row(&tab, "characteristic", "attribute", "count", "WoE",
	    "points");
	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];

		for (k = 0; k < cc->ch->nbins; k++) {
			const struct bin *b = &cc->ch->bins[k];
			char n[FMT_BUF], w[FMT_BUF], pt[FMT_BUF];

			fmt_count(n, (double)b->count);
			/* The zero-cell adjustment is marked where the WoE
			   is shown (legend below the table). */
			snprintf(w, sizeof w, "%.4f%s", b->woe,
			    b->adjusted ? "*" : "");
			nadj += (size_t)b->adjusted;
			snprintf(pt, sizeof pt, "%.0f", cc->points[k]);
			report_table_row(&tab, k == 0 ? cc->ch->name : "",
			    b->label, n, w, pt);
		}
	}
	report_table_print(f, &tab, "  ");
	report_table_done(&tab);
	if (nadj > 0)
		fprintf(f, "  * WoE adjusted: the bin has no goods or no bads, "
		    "so the zero-cell adjustment was\n    added to both its "
		    "counts before its WoE was taken\n");
	if (card->nnotes > 0) {
		fprintf(f, "\nnotes on the bins:\n");
		for (j = 0; j < card->nnotes; j++)
			fprintf(f, "  %s\n", card->notes[j]);
	}
	if (card->ndropped > 0) {
		fprintf(f, "\ncharacteristics left out:\n");
		for (j = 0; j < card->ndropped; j++)
			fprintf(f, "  %s\n", card->dropped[j]);
	}
	fit_text_extra(f, card);
	return text_done(f, err);
}

/* ------------------------------------------------------------ policy */

/*
 * The "na_reason" of a JSON object whose figures needing outcomes are
 * null (see riskdesk(1), REPORTS): set when na is a reason.
 */
static void
json_na(json_t *o, const char *na)
{
	if (na != NULL && na[0] != '\0')
		json_object_set_new(o, "na_reason", json_string(na));
}

/* The figures of st; na: why its bad rate is not available, or NULL. */
static json_t *
stats_json_na(const struct sim_stats *st, const char *na)
{
	json_t *o = json_object();

	json_object_set_new(o, "applicants",
	    json_integer((json_int_t)st->applicants));
	json_object_set_new(o, "approved",
	    json_integer((json_int_t)st->approved));
	json_object_set_new(o, "referred",
	    json_integer((json_int_t)st->referred));
	json_object_set_new(o, "declined",
	    json_integer((json_int_t)st->declined));
	json_object_set_new(o, "knocked_out",
	    json_integer((json_int_t)st->knocked_out));
	json_object_set_new(o, "approval_rate", jnum(st->approval_rate));
	json_object_set_new(o, "refer_rate", jnum(st->refer_rate));
	json_object_set_new(o, "decline_rate", jnum(st->decline_rate));
	json_object_set_new(o, "approved_known",
	    json_integer((json_int_t)st->approved_known));
	json_object_set_new(o, "approved_bad",
	    json_integer((json_int_t)st->approved_bad));
	json_object_set_new(o, "bad_rate", jnum(st->bad_rate));
	json_na(o, na);
	json_object_set_new(o, "expected_bad_rate", jnum(st->exp_bad_rate));
	json_object_set_new(o, "exposure", jnum(st->exposure));
	json_object_set_new(o, "expected_loss", jnum(st->expected_loss));
	json_object_set_new(o, "credit_limit", jnum(st->credit_limit));
	json_object_set_new(o, "revenue", jnum(st->revenue));
	json_object_set_new(o, "funding_cost", jnum(st->funding_cost));
	json_object_set_new(o, "profit", jnum(st->profit));
	return o;
}

static json_t *
stats_json(const struct sim_prep *prep, const struct sim_stats *st)
{
	char na[METRIC_REASON_MAX];

	return stats_json_na(st, sim_bad_rate_na(prep, st->approved,
	    st->approved_known, "approved", na));
}

/* The outcome lines of slot s as JSON; NULL when its policy has no
   fraud rules, JSON null when they could not be evaluated. */
static json_t *
lines_json(const struct desk_policy *s)
{
	const struct decide_lines *l = &s->lines;
	double n = (double)l->applicants;
	json_t *o;
	char key[64];
	size_t k;

	if (s->policy->fraud == NULL)
		return NULL;
	if (s->fraud == NULL)
		return json_null();
	o = json_object();
	json_object_set_new(o, "applicants",
	    json_integer((json_int_t)l->applicants));
	for (k = 0; k < DECIDE_NLINES; k++) {
		json_object_set_new(o, decide_line_keys[k],
		    json_integer((json_int_t)l->n[k]));
		snprintf(key, sizeof key, "%s_rate", decide_line_keys[k]);
		json_object_set_new(o, key, jnum(n > 0 ?
		    (double)l->n[k] / n : NAN));
	}
	json_object_set_new(o, "fraud_stopped",
	    json_integer((json_int_t)l->fraud_stopped));
	return o;
}

int
report_cutoff_moved(const struct policy *p, const double *cutoffs, size_t k)
{
	return cutoffs[k] != p->segments[k].cutoff;
}

double
report_refer_at(const struct policy *p, const double *cutoffs, size_t k)
{
	const struct policy_segment *sg = &p->segments[k];

	return cutoffs[k] - (sg->cutoff - sg->refer);
}

char *
report_moved_text(const struct policy *p, const double *cutoffs)
{
	char *out = NULL, *t, one[256];
	size_t k;

	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];

		if (!report_cutoff_moved(p, cutoffs, k))
			continue;
		if (isnan(sg->refer))
			snprintf(one, sizeof one, "%s %g (the file: %g)",
			    sg->name, cutoffs[k], sg->cutoff);
		else
			snprintf(one, sizeof one, "%s %g, refer from %g (the "
			    "file: %g, refer from %g)", sg->name, cutoffs[k],
			    report_refer_at(p, cutoffs, k), sg->cutoff,
			    sg->refer);
		t = xasprintf("%s%s%s", out != NULL ? out : "", out != NULL ?
		    "; " : "", one);
		free(out);
		out = t;
	}
	return out;
}

json_t *
report_moved_json(const struct policy *p, const double *cutoffs)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];
		json_t *o;

		if (!report_cutoff_moved(p, cutoffs, k))
			continue;
		o = json_object();
		json_object_set_new(o, "segment", jstr(sg->name));
		json_object_set_new(o, "cutoff", jnum(cutoffs[k]));
		json_object_set_new(o, "file_cutoff", jnum(sg->cutoff));
		json_object_set_new(o, "refer", jnum(report_refer_at(p,
		    cutoffs, k)));
		json_object_set_new(o, "file_refer", jnum(sg->refer));
		json_array_append_new(a, o);
	}
	return a;
}

/* The line of text that says which cutoffs override the file's, when
   any does. */
static void
moved_line(FILE *f, const struct policy *p, const double *cutoffs)
{
	char *m = report_moved_text(p, cutoffs);

	if (m != NULL)
		fprintf(f, "%s: %s\n", REPORT_MOVED_HEAD, m);
	free(m);
}

/* The file's cutoff and refer bound beside segment k's figures: JSON
   carries both the cutoff the figures are at and the file's. */
static void
seg_cut_json(json_t *o, const struct policy *p, const double *cutoffs,
	size_t k)
{
	json_object_set_new(o, "file_cutoff", jnum(p->segments[k].cutoff));
	json_object_set_new(o, "refer", jnum(report_refer_at(p, cutoffs,
	    k)));
	json_object_set_new(o, "file_refer", jnum(p->segments[k].refer));
}

static json_t *
slot_json(const struct desk *d, int which)
{
	const struct desk_policy *s = desk_policy_slot(d, which);
	const struct policy *p = s->policy;
	struct sim_disc ms;
	json_t *root = json_object(), *model = json_object();
	json_t *pol, *stats, *kos = json_array(), *segs = json_array();
	size_t k;

	desk_model_stats(d, which, &ms);
	json_object_set_new(model, "scorecard", json_string(s->card->name));
	json_object_set_new(model, "n", json_integer((json_int_t)ms.n_known));
	json_object_set_new(model, "n_bad", json_integer((json_int_t)ms.n_bad));
	json_object_set_new(model, "auc", jnum(ms.auc));
	json_object_set_new(model, "gini", jnum(ms.gini));
	json_object_set_new(model, "ks", jnum(ms.ks));
	json_object_set_new(model, "ks_score", jnum(ms.ks_at));
	json_na(model, ms.na);
	json_object_set_new(root, "model", model);

	pol = json_object();
	json_object_set_new(pol, "name", jstr(p->name));
	json_object_set_new(pol, "file", jstr(p->path));
	json_object_set_new(pol, "cutoffs_overridden", report_moved_json(p,
	    s->result.cutoffs));
	json_object_set_new(pol, "population", jstr(p->population));
	stats = stats_json(&s->prep, &s->result.total);
	json_object_update(pol, stats);
	json_decref(stats);
	json_object_set_new(pol, "ead_missing",
	    json_integer((json_int_t)s->prep.ead_missing));
	if (s->nwarnings > 0) {
		json_t *w = json_array();

		for (k = 0; k < s->nwarnings; k++)
			json_array_append_new(w, jstr(s->warnings[k]));
		json_object_set_new(pol, "warnings", w);
	}
	json_object_set_new(root, "policy", pol);
	{
		json_t *l = lines_json(s);

		if (l != NULL)
			json_object_set_new(root, "outcome_lines", l);
	}
	for (k = 0; k < p->nknockouts; k++) {
		json_t *o = json_object();

		json_object_set_new(o, "name", jstr(p->knockouts[k].name));
		json_object_set_new(o, "reason", jstr(p->knockouts[k].reason));
		json_object_set_new(o, "declined",
		    json_integer((json_int_t)s->result.ko_count[k]));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	for (k = 0; k < p->nsegments; k++) {
		json_t *o = stats_json(&s->prep, &s->result.segments[k]);
		json_t *named = json_object();

		json_object_set_new(named, "name", jstr(p->segments[k].name));
		json_object_set_new(named, "cutoff",
		    jnum(s->result.cutoffs[k]));
		seg_cut_json(named, p, s->result.cutoffs, k);
		json_object_set_new(named, "lgd", jnum(p->segments[k].lgd));
		json_object_set_new(named, "shadowed", json_boolean(
		    sim_segment_shadowed(&s->prep, &s->result, k)));
		json_object_update(named, o);
		json_decref(o);
		json_object_set_new(named, "ead_missing", json_integer(
		    (json_int_t)s->prep.seg_ead_missing[k]));
		json_array_append_new(segs, named);
	}
	json_object_set_new(root, "segments", segs);
	return root;
}

/* The segment table: a header row, then stats_row per line. */
static void
stats_table(struct report_table *t)
{
	static const size_t minw[] = { 18, 6, 9, 8, 8, 8, 8, 12, 12 };

	report_table_init(t, "lrrrrrrrr", minw);
	report_table_row(t, "segment", "cutoff", "TTD", "approve", "refer",
	    "bad", "exp.bad", "exposure", "EL");
}

/*
 * One line of the segment table; a bad rate that is not available for
 * lack of outcomes shows "n/a" (prep NULL: plain "-", the knocked-out
 * line).  The reasons are listed under the table by stats_notes.
 */
static void
stats_row_na(struct report_table *t, const char *label,
	const struct sim_stats *st, double cutoff, const char *na)
{
	char ap[FMT_BUF], rf[FMT_BUF], br[FMT_BUF], eb[FMT_BUF], ex[FMT_BUF];
	char el[FMT_BUF], n[FMT_BUF], cut[FMT_BUF];

	cut[0] = '\0';
	if (!isnan(cutoff))
		snprintf(cut, sizeof cut, "%.0f", cutoff);
	report_table_row(t, label, cut, fmt_count(n, (double)st->applicants),
	    fmt_pct(ap, st->approval_rate), fmt_pct(rf, st->refer_rate),
	    fmt_pct_na(br, st->bad_rate, na), fmt_pct(eb, st->exp_bad_rate),
	    fmt_money(ex, st->exposure), fmt_money(el, st->expected_loss));
}

static void
stats_row(struct report_table *t, const struct sim_prep *prep,
	const char *label, const struct sim_stats *st, double cutoff)
{
	char na[METRIC_REASON_MAX];

	stats_row_na(t, label, st, cutoff, prep == NULL ? NULL :
	    sim_bad_rate_na(prep, st->approved, st->approved_known,
	    "approved", na));
}

/*
 * Under a segment table: why each "n/a" bad rate is one.  A reason of the
 * whole population ("no known outcomes in table T") once; otherwise each
 * line's own, named.
 */
static void
stats_notes(FILE *f, const struct sim_prep *prep, const struct policy *p,
	const struct sim_stats *segs, const struct sim_stats *total)
{
	char na[METRIC_REASON_MAX];
	size_t k;

	if (prep->nknown == 0) {
		if (sim_bad_rate_na(prep, total->approved,
		    total->approved_known, "approved", na) != NULL)
			fprintf(f, "  bad rate n/a: %s\n", na);
		return;
	}
	for (k = 0; k <= p->nsegments; k++) {
		const struct sim_stats *st = k < p->nsegments ? &segs[k] :
		    total;

		if (sim_bad_rate_na(prep, st->approved, st->approved_known,
		    "approved", na) != NULL)
			fprintf(f, "  bad rate n/a for %s: %s\n", k <
			    p->nsegments ? p->segments[k].name : "total", na);
	}
}

/*
 * The table of credit limits, revenue, funding cost, EL and profit of a
 * priced policy p, segment by segment (segs[p->nsegments]) and total,
 * with the line saying how they are taken.
 */
static void
money_table(FILE *f, const struct policy *p, const struct sim_stats *segs,
	const struct sim_stats *total)
{
	static const size_t minw[] = { 18, 12, 12, 12, 12, 12 };
	const struct sim_stats *st;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char b5[FMT_BUF];
	struct report_table t;
	size_t k;

	report_table_init(&t, "lrrrrr", minw);
	report_table_row(&t, "segment", "limits", "revenue", "funding", "EL",
	    "profit");
	for (k = 0; k <= p->nsegments; k++) {
		st = k < p->nsegments ? &segs[k] : total;
		report_table_row(&t, k < p->nsegments ? p->segments[k].name :
		    "total", fmt_money(b1, st->credit_limit),
		    fmt_money(b2, st->revenue), fmt_money(b3, st->funding_cost),
		    fmt_money(b4, st->expected_loss), fmt_money(b5, st->profit));
	}
	fputc('\n', f);
	report_table_print(f, &t, "  ");
	report_table_done(&t);
	fprintf(f, "  a year: revenue = sum EAD x APR, funding = sum EAD x %g, "
	    "profit = revenue - funding - EL\n", p->funding_rate);
}

/*
 * Credit limits and, for a priced policy, revenue and profit per segment;
 * then a warning for each segment no applicant can reach.
 */
static void
slot_text_money(FILE *f, const struct desk_policy *s)
{
	const struct policy *p = s->policy;
	char b1[FMT_BUF];
	size_t k;

	if (p->priced) {
		money_table(f, p, s->result.segments, &s->result.total);
	} else if (s->result.total.credit_limit > 0) {
		fprintf(f, "  credit limits granted to the approved: %s\n",
		    fmt_money(b1, s->result.total.credit_limit));
	}
	for (k = 0; k < p->nsegments; k++)
		if (sim_segment_shadowed(&s->prep, &s->result, k))
			fprintf(f, "  warning: segment \"%s\" is never reached: "
			    "earlier segments take all %s applicants its "
			    "condition matches\n", p->segments[k].name,
			    fmt_count(b1, (double)s->prep.matched[k]));
}

/*
 * The outcome lines of slot s, fraud rules first (sim/decide.h
 * decide_lines, as decide counts them), when its policy has fraud rules.
 */
static void
lines_text(FILE *f, const struct desk_policy *s)
{
	static const size_t minw[] = { 16, 10, 8 };
	const struct decide_lines *l = &s->lines;
	struct report_table tab;
	char b1[FMT_BUF], b2[FMT_BUF];
	double n = (double)l->applicants;
	size_t k;

	if (s->policy->fraud == NULL)
		return;
	if (s->fraud == NULL) {
		fprintf(f, "\n  fraud rules not evaluated, outcome lines "
		    "without them not shown: %s\n", s->fraud_msg);
		return;
	}
	fprintf(f, "\n  outcome lines, fraud rules first (as decide applies "
	    "them):\n");
	report_table_init(&tab, "lrr", minw);
	report_table_row(&tab, "line", "applicants", "rate");
	for (k = 0; k < DECIDE_NLINES; k++)
		report_table_row(&tab, decide_line_names[k],
		    fmt_count(b1, (double)l->n[k]),
		    fmt_pct(b2, n > 0 ? (double)l->n[k] / n : NAN));
	report_table_row(&tab, "total", fmt_count(b1, n),
	    fmt_pct(b2, n > 0 ? 1.0 : NAN));
	report_table_print(f, &tab, "    ");
	report_table_done(&tab);
	fprintf(f, "  approval rate %s = 1 - (knock-out + fraud decline + "
	    "fraud refer + credit decline + credit refer) / applicants\n",
	    fmt_pct(b1, n > 0 ? (double)l->n[DECIDE_LINE_APPROVE] / n : NAN));
	fprintf(f, "  credit approvals the fraud rules stop (they come "
	    "first): %s\n", fmt_count(b1, (double)l->fraud_stopped));
}

static void
slot_text(FILE *f, const struct desk *d, int which)
{
	const struct desk_policy *s = desk_policy_slot(d, which);
	const struct policy *p = s->policy;
	const struct sim_stats *t = &s->result.total;
	struct sim_disc ms;
	struct report_table tab;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t k, c;

	desk_model_stats(d, which, &ms);
	fprintf(f, "%s policy \"%s\" (%s)\n", which ? "challenger" :
	    "champion", p->name, p->path);
	moved_line(f, p, s->result.cutoffs);
	if (!s->pop.has_target)
		fprintf(f, "population \"%s\": %s applicants (TTD), no target "
		    "(no known outcomes)\n", p->population,
		    fmt_count(b1, (double)s->pop.rows));
	else
		fprintf(f, "population \"%s\": %s applicants (TTD), %s bad, "
		    "%s good, %s indeterminate\n", p->population,
		    fmt_count(b1, (double)s->pop.rows),
		    fmt_count(b2, (double)s->pop.bad),
		    fmt_count(b3, (double)s->pop.good),
		    fmt_count(b4, (double)s->pop.indet));
	if (s->pop.has_reject)
		fprintf(f, "  and %s rejects (declined, no outcome) among the "
		    "applicants, left out of bad rates as the indeterminate "
		    "are\n", fmt_count(b1, (double)s->pop.reject));
	fprintf(f, "scorecard \"%s\": %g points at %g:1, PDO %g\n",
	    s->card->name, s->card->scaling.base_score,
	    s->card->scaling.base_odds, s->card->scaling.pdo);
	if (ms.na[0] != '\0')
		fprintf(f, "model on known outcomes: AUC %s  Gini %s  KS %s "
		    "(%s)\n\n", FMT_NA, FMT_NA, FMT_NA, ms.na);
	else
		fprintf(f, "model on known outcomes: AUC %s  Gini %s  KS %s "
		    "(peak at %.0f points)\n\n", fmt_stat(b1, ms.auc),
		    fmt_stat(b2, ms.gini), fmt_stat(b3, ms.ks), ms.ks_at);

	stats_table(&tab);
	for (k = 0; k < p->nsegments; k++)
		stats_row(&tab, &s->prep, p->segments[k].name,
		    &s->result.segments[k], s->result.cutoffs[k]);
	stats_row(&tab, NULL, "knocked out", &(struct sim_stats){
	    .applicants = t->knocked_out, .approval_rate = NAN,
	    .refer_rate = NAN, .bad_rate = NAN, .exp_bad_rate = NAN,
	    .exposure = NAN, .expected_loss = NAN }, NAN);
	stats_row(&tab, &s->prep, "total", t, NAN);
	report_table_print(f, &tab, "  ");
	report_table_done(&tab);
	stats_notes(f, &s->prep, p, s->result.segments, t);
	fprintf(f, "\n  approved %s, referred %s, declined %s (%s by "
	    "knock-outs)%s\n", fmt_count(b1, (double)t->approved),
	    fmt_count(b2, (double)t->referred),
	    fmt_count(b3, (double)t->declined),
	    fmt_count(b4, (double)t->knocked_out), p->fraud != NULL ?
	    " by the credit policy alone" : "");
	{
		char na[METRIC_REASON_MAX];

		if (sim_bad_rate_na(&s->prep, t->approved, t->approved_known,
		    "approved", na) != NULL)
			fprintf(f, "  bad rate among approved with a known "
			    "outcome: %s (%s)\n", FMT_NA, na);
		else
			fprintf(f, "  bad rate among approved with a known "
			    "outcome: %s (%s of %s)\n", fmt_pct(b1,
			    t->bad_rate), fmt_count(b2,
			    (double)t->approved_bad), fmt_count(b3,
			    (double)t->approved_known));
	}
	fprintf(f, "  expected loss of approved (sum PD x LGD x EAD): %s on "
	    "exposure %s\n", fmt_money(b1, t->expected_loss),
	    fmt_money(b2, t->exposure));
	lines_text(f, s);
	if (s->prep.ead_missing > 0) {
		fprintf(f, "  warning: EAD is NULL or not a number on %s "
		    "applicant%s, counted as 0 exposure (",
		    fmt_count(b1, (double)s->prep.ead_missing),
		    s->prep.ead_missing == 1 ? "" : "s");
		for (k = 0, c = 0; k < p->nsegments; k++)
			if (s->prep.seg_ead_missing[k] > 0)
				fprintf(f, "%s%s %s", c++ ? ", " : "",
				    p->segments[k].name, fmt_count(b1,
				    (double)s->prep.seg_ead_missing[k]));
		fputs(")\n", f);
	}
	for (k = 0; k < s->nwarnings; k++)
		fprintf(f, "  %s\n", s->warnings[k]);
	slot_text_money(f, s);
	if (p->nknockouts > 0) {
		static const size_t minw[] = { 28, 8, 9 };

		report_table_init(&tab, "llr", minw);
		report_table_row(&tab, "knock-out", "reason", "declined");
		for (k = 0; k < p->nknockouts; k++)
			report_table_row(&tab, p->knockouts[k].name,
			    p->knockouts[k].reason,
			    fmt_count(b1, (double)s->result.ko_count[k]));
		fputc('\n', f);
		report_table_print(f, &tab, "  ");
		report_table_done(&tab);
	}
}

/* ------------------------------------------------ swap set, curves */

static json_t *
cell_json(const struct sim_prep *prep, const struct sim_swap_cell *c)
{
	json_t *o = json_object();
	char na[METRIC_REASON_MAX];

	json_object_set_new(o, "count", json_integer((json_int_t)c->count));
	json_object_set_new(o, "known", json_integer((json_int_t)c->known));
	json_object_set_new(o, "bad", json_integer((json_int_t)c->bad));
	json_object_set_new(o, "bad_rate", jnum(c->bad_rate));
	json_na(o, sim_bad_rate_na(prep, c->count, c->known, "applicants",
	    na));
	json_object_set_new(o, "expected_loss_champion",
	    jnum(c->el_champion));
	json_object_set_new(o, "expected_loss_challenger",
	    jnum(c->el_challenger));
	return o;
}

json_t *
report_swap_json(const struct sim_prep *prep, const struct sim_swap *w)
{
	json_t *o = json_object(), *ch = json_object();

	json_object_set_new(o, "approved_by_both", cell_json(prep, &w->both));
	json_object_set_new(o, "swap_in", cell_json(prep, &w->swap_in));
	json_object_set_new(o, "swap_out", cell_json(prep, &w->swap_out));
	json_object_set_new(o, "declined_by_both", cell_json(prep,
	    &w->neither));
	json_object_set_new(ch, "approval_rate", jnum(w->d_approval_rate));
	json_object_set_new(ch, "bad_rate", jnum(w->d_bad_rate));
	json_na(ch, w->na);
	json_object_set_new(ch, "expected_bad_rate", jnum(w->d_exp_bad_rate));
	json_object_set_new(ch, "expected_loss", jnum(w->d_expected_loss));
	json_object_set_new(o, "change", ch);
	return o;
}

void
report_swap_text(FILE *f, const struct sim_prep *prep,
	const struct sim_swap *w, const char *heading)
{
	static const char *label[4] = {
		"approved by both", "swap-in", "swap-out", "declined by both"
	};
	const struct sim_swap_cell *c[4] = {
		&w->both, &w->swap_in, &w->swap_out, &w->neither
	};
	static const size_t minw[] = { 18, 9, 9, 9, 8, 14, 14 };
	struct report_table t;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char b5[FMT_BUF], b6[FMT_BUF], na[4][METRIC_REASON_MAX];
	size_t k;
	int said;

	fprintf(f, "\n%s: swap set (approved or not; referred counts as not "
	    "approved)\n", heading);
	report_table_init(&t, "lrrrrrr", minw);
	report_table_row(&t, "cell", "count", "known", "bad", "bad",
	    "EL champion", "EL challenger");
	for (k = 0; k < 4; k++)
		report_table_row(&t, label[k],
		    fmt_count(b1, (double)c[k]->count),
		    fmt_count(b2, (double)c[k]->known),
		    fmt_count(b3, (double)c[k]->bad),
		    fmt_pct_na(b4, c[k]->bad_rate, sim_bad_rate_na(prep,
		    c[k]->count, c[k]->known, "applicants", na[k])),
		    fmt_money(b5, c[k]->el_champion),
		    fmt_money(b6, c[k]->el_challenger));
	report_table_print(f, &t, "  ");
	report_table_done(&t);
	fprintf(f, "  %s\n", SWAP_EL_NOTE);
	/* Why a bad rate is n/a: the population's reason once (it is every
	   cell's), else each cell's own. */
	for (k = 0, said = 0; k < 4; k++) {
		if (na[k][0] == '\0' || said)
			continue;
		if (prep->nknown == 0) {
			fprintf(f, "  bad rate n/a: %s\n", na[k]);
			said = 1;
		} else
			fprintf(f, "  bad rate n/a for %s: %s\n", label[k],
			    na[k]);
	}
	if (w->na[0] != '\0')
		snprintf(b2, sizeof b2, "%s", FMT_NA);
	else
		fmt_pts(b2, w->d_bad_rate);
	fprintf(f, "  challenger - champion: approval rate %s, bad rate %s, "
	    "expected bad rate %s, EL %s%s\n", fmt_pts(b1, w->d_approval_rate),
	    b2, fmt_pts(b3, w->d_exp_bad_rate),
	    w->d_expected_loss >= 0 ? "+" : "-",
	    fmt_money(b4, fabs(w->d_expected_loss)));
}

static json_t *
curve_json(const struct sim_curve *c, const char *name)
{
	json_t *o = json_object(), *pts = json_array();
	size_t k;

	json_object_set_new(o, "segment", jstr(name));
	json_na(o, c->na);
	for (k = 0; k < c->n; k++) {
		const struct sim_curve_point *p = &c->pt[k];
		json_t *j = json_object();

		json_object_set_new(j, "cutoff", jnum(p->cutoff));
		json_object_set_new(j, "approved",
		    json_integer((json_int_t)p->approved));
		json_object_set_new(j, "approved_known",
		    json_integer((json_int_t)p->approved_known));
		json_object_set_new(j, "approval_rate", jnum(p->approval_rate));
		json_object_set_new(j, "bad_rate", jnum(p->bad_rate));
		json_object_set_new(j, "expected_bad_rate",
		    jnum(p->exp_bad_rate));
		json_object_set_new(j, "exposure", jnum(p->exposure));
		json_object_set_new(j, "expected_loss", jnum(p->expected_loss));
		json_object_set_new(j, "profit", jnum(p->profit));
		json_array_append_new(pts, j);
	}
	json_object_set_new(o, "points", pts);
	return o;
}

static void
curve_text(FILE *f, const struct sim_curve *c, const char *name, int priced)
{
	static const size_t minw[] = { 8, 9, 8, 8, 8, 12, 12 };
	struct report_table t;
	char b0[FMT_BUF], b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	char b4[FMT_BUF], b5[FMT_BUF], b6[FMT_BUF];
	size_t k, unknown = 0;

	fprintf(f, "\n  trade-off: %s (every score >= cutoff approved)\n",
	    name);
	report_table_init(&t, "rrrrrrr", minw);
	report_table_row(&t, "cutoff", "approved", "approve", "bad",
	    "exp.bad", "EL", priced ? "profit" : "");
	for (k = 0; k < c->n; k++) {
		const struct sim_curve_point *p = &c->pt[k];

		/* Approved applicants, none with a known outcome. */
		int na = p->approved > 0 && p->approved_known == 0;

		unknown += (size_t)na;
		snprintf(b0, sizeof b0, "%.6g", p->cutoff);
		report_table_row(&t, b0,
		    fmt_count(b1, (double)p->approved),
		    fmt_pct(b2, p->approval_rate),
		    fmt_pct_na(b3, p->bad_rate, na ? FMT_NA : NULL),
		    fmt_pct(b4, p->exp_bad_rate),
		    fmt_money(b5, p->expected_loss),
		    priced ? fmt_money(b6, p->profit) : "");
	}
	report_table_print(f, &t, "  ");
	report_table_done(&t);
	if (c->na[0] != '\0')
		fprintf(f, "  bad rate n/a: %s\n", c->na);
	else if (unknown > 0)
		fprintf(f, "  bad rate n/a: no known outcome among the approved "
		    "at %zu of the cutoffs\n", unknown);
}

/* Index k of the frontier shown when at most max rows are: evenly spaced
   ones, the ends and the chosen one. */
static int
frontier_shown(const struct sim_opt *o, size_t k, size_t max)
{
	size_t n = o->nfrontier, step;

	if (n <= max || k == 0 || k + 1 == n || k == o->chosen)
		return 1;
	step = (n + max - 3) / (max - 2);
	return k % step == 0;
}

static json_t *
opt_json(const struct desk_policy *s)
{
	const struct sim_opt *o = &s->opt;
	const struct policy *p = s->policy;
	json_t *root = json_object(), *cuts = json_array(), *fr = json_array();
	json_t *st;
	size_t k;

	json_object_set_new(root, "target", json_string(o->spec.kind ==
	    SIM_TARGET_BAD_RATE ? "expected_bad_rate" : "expected_loss"));
	json_object_set_new(root, "limit", jnum(o->spec.target));
	json_object_set_new(root, "feasible", json_boolean(o->feasible));
	for (k = 0; k < p->nsegments; k++) {
		json_t *c = stats_json(&s->prep, &o->result.segments[k]);
		json_t *named = json_object();

		json_object_set_new(named, "name", jstr(p->segments[k].name));
		json_object_set_new(named, "cutoff", jnum(o->cutoffs[k]));
		json_object_update(named, c);
		json_decref(c);
		json_array_append_new(cuts, named);
	}
	json_object_set_new(root, "segments", cuts);
	st = stats_json(&s->prep, &o->result.total);
	json_object_set_new(root, "policy", st);
	for (k = 0; k < o->nfrontier; k++) {
		const struct sim_frontier_point *fp = &o->frontier[k];
		json_t *j;

		if (!frontier_shown(o, k, REPORT_FRONTIER_JSON))
			continue;
		j = json_object();
		json_object_set_new(j, "approved",
		    json_integer((json_int_t)fp->approved));
		json_object_set_new(j, "approval_rate", jnum(fp->approval_rate));
		json_object_set_new(j, "expected_bad_rate",
		    jnum(fp->exp_bad_rate));
		json_object_set_new(j, "expected_loss", jnum(fp->expected_loss));
		json_object_set_new(j, "chosen", json_boolean(k == o->chosen));
		json_array_append_new(fr, j);
	}
	json_object_set_new(root, "frontier_points",
	    json_integer((json_int_t)o->nfrontier));
	json_object_set_new(root, "frontier", fr);
	return root;
}

static void
opt_text(FILE *f, const struct desk_policy *s)
{
	const struct sim_opt *o = &s->opt;
	const struct policy *p = s->policy;
	struct report_table tab;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t k;

	if (o->spec.kind == SIM_TARGET_BAD_RATE)
		fprintf(f, "\noptimiser: most approvals with an expected bad "
		    "rate of at most %s\n", fmt_pct(b1, o->spec.target));
	else
		fprintf(f, "\noptimiser: most approvals with an expected loss "
		    "of at most %s\n", fmt_money(b1, o->spec.target));
	if (!o->feasible)
		fprintf(f, "  no applicant can be approved within the target\n");
	stats_table(&tab);
	for (k = 0; k < p->nsegments; k++)
		stats_row(&tab, &s->prep, p->segments[k].name,
		    &o->result.segments[k], o->cutoffs[k]);
	stats_row(&tab, &s->prep, "total", &o->result.total, NAN);
	report_table_print(f, &tab, "  ");
	report_table_done(&tab);
	stats_notes(f, &s->prep, p, o->result.segments, &o->result.total);
	fprintf(f, "\n  efficient frontier: %s point%s (most approvals for "
	    "each expected %s)\n", fmt_count(b1, (double)o->nfrontier),
	    o->nfrontier == 1 ? "" : "s",
	    o->spec.kind == SIM_TARGET_BAD_RATE ? "bad rate" : "loss");
	{
		static const size_t minw[] = { 9, 8, 8, 12, 0 };

		report_table_init(&tab, "rrrrl", minw);
	}
	report_table_row(&tab, "approved", "approve", "exp.bad", "EL", "");
	for (k = 0; k < o->nfrontier; k++) {
		const struct sim_frontier_point *fp = &o->frontier[k];

		if (!frontier_shown(o, k, REPORT_FRONTIER_ROWS))
			continue;
		/* The cell after EL starts one space further on. */
		report_table_row(&tab, fmt_count(b1, (double)fp->approved),
		    fmt_pct(b2, fp->approval_rate),
		    fmt_pct(b3, fp->exp_bad_rate),
		    fmt_money(b4, fp->expected_loss),
		    k == o->chosen ? " <- chosen" : "");
	}
	report_table_print(f, &tab, "  ");
	report_table_done(&tab);
}

/* Every curve of a slot into root (JSON) or f (text). */
static void
curves_out(FILE *f, json_t *root, const struct desk_doc_slot *s)
{
	json_t *arr = root != NULL ? json_array() : NULL;
	size_t k;

	for (k = 0; k < s->ncurves; k++) {
		const char *name = k == 0 ? "overall" :
		    s->slot->policy->segments[k - 1].name;

		if (arr != NULL)
			json_array_append_new(arr, curve_json(&s->curves[k],
			    name));
		else
			curve_text(f, &s->curves[k], name,
			    s->slot->policy->priced);
	}
	if (root != NULL)
		json_object_set_new(root, "tradeoff", arr);
}

int
report_policy(FILE *f, const struct desk *d, enum report_format fmt,
	struct rd_err *err)
{
	return report_policy_with(f, d, fmt, NULL, err);
}

json_t *
report_policy_json(const struct desk *d, const struct desk_doc_policy *p)
{
	const struct desk_policy *champ = p->slot[0].slot;
	json_t *root = slot_json(d, 0);

	if (p->slot[0].ncurves > 0)
		curves_out(NULL, root, &p->slot[0]);
	if (champ->optimised)
		json_object_set_new(root, "optimiser", opt_json(champ));
	if (p->slot[1].slot != NULL) {
		json_t *ch = slot_json(d, 1);

		if (p->slot[1].ncurves > 0)
			curves_out(NULL, ch, &p->slot[1]);
		json_object_set_new(root, "challenger", ch);
		json_object_set_new(root, "swap_set", p->have_swap ?
		    report_swap_json(&champ->prep, &p->swap) : json_null());
	}
	if (p->have_fraud) {
		json_t *fr = report_fraud_json(champ->policy,
		    champ->policy->population, &p->fraud_eval);

		json_object_set_new(fr, "approvals_stopped",
		    champ->fraud == NULL ? json_null() :
		    json_integer((json_int_t)champ->lines.fraud_stopped));
		json_object_set_new(root, "fraud", fr);
	} else if (p->fraud_msg[0] != '\0')
		json_object_set_new(root, "fraud", json_null());
	return root;
}

void
report_policy_text(FILE *f, const struct desk *d,
	const struct desk_doc_policy *p)
{
	const struct desk_policy *champ = p->slot[0].slot;

	slot_text(f, d, 0);
	curves_out(f, NULL, &p->slot[0]);
	if (champ->optimised)
		opt_text(f, champ);
	if (p->slot[1].slot != NULL) {
		fprintf(f, "\n");
		slot_text(f, d, 1);
		if (p->have_swap)
			report_swap_text(f, &champ->prep, &p->swap,
			    "champion vs challenger");
		else
			fprintf(f, "\n%s\n", p->swap_msg);
	}
	if (p->have_fraud) {
		fprintf(f, "\n");
		report_fraud_text(f, champ->policy, champ->policy->population,
		    &p->fraud_eval);
	} else if (p->fraud_msg[0] != '\0')
		fprintf(f, "\nfraud rules not evaluated: %s\n", p->fraud_msg);
}

int
report_policy_with(FILE *f, const struct desk *d, enum report_format fmt,
	const struct report_policy_opts *o, struct rd_err *err)
{
	struct desk_doc_policy p;
	int rc;

	if (desk_doc_policy_fill(d, o != NULL && o->curves, &p, err) != 0)
		return -1;
	if (fmt == REPORT_JSON) {
		rc = json_emit(f, report_policy_json(d, &p), err);
	} else {
		fprintf(f, "riskdesk policy report\n\n");
		report_policy_text(f, d, &p);
		rc = text_done(f, err);
	}
	desk_doc_policy_done(&p);
	return rc;
}

/* ------------------------------------------- the report from an engine */

/*
 * Why a bad rate of the engine's report is n/a: approved applicants, none
 * with a known outcome.  The engine gives no per-row outcomes, so the
 * reason is the rule's (no target) or the count's.
 */
static const char *
engine_na(const struct desk_engine_report *r, const struct sim_stats *st,
	char *buf)
{
	char n[FMT_BUF];

	if (st->approved == 0 || st->approved_known > 0)
		return NULL;
	if (r->target == NULL)
		snprintf(buf, METRIC_REASON_MAX, "no target for table \"%s\" "
		    "(name it with --target and --bad)", r->source);
	else
		snprintf(buf, METRIC_REASON_MAX, "no known outcome among the "
		    "%s approved", fmt_count(n, (double)st->approved));
	return buf;
}

static json_t *
engine_slot_json(const struct desk_engine_report *r, int which)
{
	const struct desk_engine_slot *s = &r->slot[which];
	const struct policy *p = s->policy;
	json_t *root = json_object(), *model = json_object();
	json_t *pol = json_object(), *segs = json_array(), *kos = json_array();
	char na[METRIC_REASON_MAX];
	size_t k;

	json_object_set_new(model, "scorecard", json_string(s->card->name));
	json_object_set_new(model, "scorecard_sha256",
	    json_string(s->card_sha256));
	json_object_set_new(root, "model", model);
	json_object_set_new(pol, "name", jstr(p->name));
	json_object_set_new(pol, "file", jstr(p->path));
	json_object_set_new(pol, "cutoffs_overridden", report_moved_json(p,
	    s->result.cutoffs));
	json_object_set_new(pol, "population", jstr(p->population));
	json_object_update_new(pol, stats_json_na(&s->result.total,
	    engine_na(r, &s->result.total, na)));
	json_object_set_new(pol, "ead_missing",
	    json_integer((json_int_t)s->ead_missing));
	json_object_set_new(root, "policy", pol);
	/* Each rule's count is not the query's: names and reasons only. */
	for (k = 0; k < p->nknockouts; k++) {
		json_t *o = json_object();

		json_object_set_new(o, "name", jstr(p->knockouts[k].name));
		json_object_set_new(o, "reason", jstr(p->knockouts[k].reason));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	for (k = 0; k < p->nsegments; k++) {
		const struct sim_stats *st = &s->result.segments[k];
		json_t *o = json_object();

		json_object_set_new(o, "name", jstr(p->segments[k].name));
		json_object_set_new(o, "cutoff", jnum(s->result.cutoffs[k]));
		seg_cut_json(o, p, s->result.cutoffs, k);
		json_object_set_new(o, "lgd", jnum(p->segments[k].lgd));
		json_object_update_new(o, stats_json_na(st, engine_na(r, st,
		    na)));
		json_object_set_new(o, "ead_missing",
		    json_integer((json_int_t)s->seg_ead_missing[k]));
		json_array_append_new(segs, o);
	}
	json_object_set_new(root, "segments", segs);
	return root;
}

/* challenger - champion of the figures both give. */
static void
engine_change(const struct desk_engine_report *r, double *d_ap, double *d_br,
	double *d_eb, double *d_el)
{
	const struct sim_stats *a = &r->slot[0].result.total;
	const struct sim_stats *b = &r->slot[1].result.total;

	*d_ap = b->approval_rate - a->approval_rate;
	*d_br = b->bad_rate - a->bad_rate;
	*d_eb = b->exp_bad_rate - a->exp_bad_rate;
	*d_el = b->expected_loss - a->expected_loss;
}

static json_t *
engine_json(const struct desk_engine_report *r)
{
	json_t *root = engine_slot_json(r, 0), *eng = json_object();
	char buf[512];

	json_object_set_new(eng, "name", jstr(r->engine));
	json_object_set_new(eng, "source", jstr(r->source));
	json_object_set_new(eng, "target", r->target != NULL ?
	    jstr(r->target) : json_null());
	json_object_set_new(eng, "target_from", json_string(r->target == NULL ?
	    "none" : r->target_from_meta ? "population" : "--target"));
	if (r->reject != NULL)
		json_object_set_new(eng, "reject", jstr(r->reject));
	json_object_set_new(eng, "not_available", json_string(
	    desk_engine_not_available(r, buf, sizeof buf)));
	json_object_set_new(root, "engine", eng);
	if (r->slot[1].policy != NULL) {
		json_t *ch = json_object();
		double ap, br, eb, el;

		json_object_set_new(root, "challenger", engine_slot_json(r, 1));
		engine_change(r, &ap, &br, &eb, &el);
		json_object_set_new(ch, "approval_rate", jnum(ap));
		json_object_set_new(ch, "bad_rate", jnum(br));
		json_object_set_new(ch, "expected_bad_rate", jnum(eb));
		json_object_set_new(ch, "expected_loss", jnum(el));
		json_object_set_new(root, "change", ch);
	}
	return root;
}

static void
engine_slot_text(FILE *f, const struct desk_engine_report *r, int which)
{
	const struct desk_engine_slot *s = &r->slot[which];
	const struct policy *p = s->policy;
	const struct sim_stats *t = &s->result.total, *st;
	struct report_table tab;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char na[METRIC_REASON_MAX];
	size_t k, c;

	fprintf(f, "%s policy \"%s\" (%s)\n", which ? "challenger" :
	    "champion", p->name, p->path);
	moved_line(f, p, s->result.cutoffs);
	fprintf(f, "table \"%s\" (%s): %s applicants (TTD)\n", r->source,
	    r->engine, fmt_count(b1, (double)t->applicants));
	fprintf(f, "scorecard \"%s\": %g points at %g:1, PDO %g\n",
	    s->card->name, s->card->scaling.base_score,
	    s->card->scaling.base_odds, s->card->scaling.pdo);
	fputc('\n', f);
	stats_table(&tab);
	for (k = 0; k < p->nsegments; k++) {
		st = &s->result.segments[k];
		stats_row_na(&tab, p->segments[k].name, st,
		    s->result.cutoffs[k], engine_na(r, st, na));
	}
	stats_row_na(&tab, "knocked out", &(struct sim_stats){
	    .applicants = t->knocked_out, .approval_rate = NAN,
	    .refer_rate = NAN, .bad_rate = NAN, .exp_bad_rate = NAN,
	    .exposure = NAN, .expected_loss = NAN }, NAN, NULL);
	stats_row_na(&tab, "total", t, NAN, engine_na(r, t, na));
	report_table_print(f, &tab, "  ");
	report_table_done(&tab);
	for (k = 0; k <= p->nsegments; k++) {
		st = k < p->nsegments ? &s->result.segments[k] : t;
		if (engine_na(r, st, na) != NULL)
			fprintf(f, "  bad rate n/a for %s: %s\n", k <
			    p->nsegments ? p->segments[k].name : "total", na);
	}
	fprintf(f, "\n  approved %s, referred %s, declined %s (%s by "
	    "knock-outs)\n", fmt_count(b1, (double)t->approved),
	    fmt_count(b2, (double)t->referred),
	    fmt_count(b3, (double)t->declined),
	    fmt_count(b4, (double)t->knocked_out));
	if (engine_na(r, t, na) != NULL)
		fprintf(f, "  bad rate among approved with a known outcome: "
		    "%s (%s)\n", FMT_NA, na);
	else
		fprintf(f, "  bad rate among approved with a known outcome: "
		    "%s (%s of %s)\n", fmt_pct(b1, t->bad_rate),
		    fmt_count(b2, (double)t->approved_bad),
		    fmt_count(b3, (double)t->approved_known));
	fprintf(f, "  expected loss of approved (sum PD x LGD x EAD): %s on "
	    "exposure %s\n", fmt_money(b1, t->expected_loss),
	    fmt_money(b2, t->exposure));
	if (s->ead_missing > 0) {
		fprintf(f, "  warning: EAD is NULL or not a number on %s "
		    "applicant%s, counted as 0 exposure (",
		    fmt_count(b1, (double)s->ead_missing),
		    s->ead_missing == 1 ? "" : "s");
		for (k = 0, c = 0; k < p->nsegments; k++)
			if (s->seg_ead_missing[k] > 0)
				fprintf(f, "%s%s %s", c++ ? ", " : "",
				    p->segments[k].name, fmt_count(b1,
				    (double)s->seg_ead_missing[k]));
		fputs(")\n", f);
	}
	if (p->priced) {
		money_table(f, p, s->result.segments, t);
	} else if (t->credit_limit > 0) {
		fprintf(f, "  credit limits granted to the approved: %s\n",
		    fmt_money(b1, t->credit_limit));
	}
}

static void
engine_text(FILE *f, const struct desk_engine_report *r)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char buf[512];

	fprintf(f, "riskdesk policy report, computed in %s on table \"%s\"\n",
	    r->engine, r->source);
	if (r->target == NULL)
		fprintf(f, "outcome: none (no target: every applicant "
		    "indeterminate)\n");
	else
		fprintf(f, "outcome: column \"%s\" (%s)%s%s%s\n", r->target,
		    r->target_from_meta ? "the target rule of the policy's "
		    "population" : "--target", r->reject != NULL ? ", rejects "
		    "by column \"" : "", r->reject != NULL ? r->reject : "",
		    r->reject != NULL ? "\" without an outcome" : "");
	fprintf(f, "not available from the engine: %s\n\n",
	    desk_engine_not_available(r, buf, sizeof buf));
	engine_slot_text(f, r, 0);
	if (r->slot[1].policy != NULL) {
		double ap, br, eb, el;

		fputc('\n', f);
		engine_slot_text(f, r, 1);
		engine_change(r, &ap, &br, &eb, &el);
		if (isnan(br))
			snprintf(b2, sizeof b2, "%s", FMT_NA);
		else
			fmt_pts(b2, br);
		fprintf(f, "\nchallenger - champion: approval rate %s, bad "
		    "rate %s, expected bad rate %s, EL %s%s\n",
		    fmt_pts(b1, ap), b2, fmt_pts(b3, eb), el >= 0 ? "+" : "-",
		    fmt_money(b4, fabs(el)));
	}
}

int
report_policy_engine(FILE *f, const struct desk_engine_report *r,
	enum report_format fmt, struct rd_err *err)
{
	if (fmt == REPORT_JSON)
		return json_emit(f, engine_json(r), err);
	engine_text(f, r);
	return text_done(f, err);
}
