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
#include <string.h>

#include "report/report.h"
#include "util/err.h"
#include "util/fmt.h"

#define JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
	JSON_REAL_PRECISION(12))

int
report_format_parse(const char *s, enum report_format *fmt)
{
	if (strcmp(s, "text") == 0)
		*fmt = REPORT_TEXT;
	else if (strcmp(s, "json") == 0)
		*fmt = REPORT_JSON;
	else
		return -1;
	return 0;
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

/* Dump root (consumed) to f followed by a newline. */
static int
json_emit(FILE *f, json_t *root, struct rd_err *err)
{
	int rc = json_dumpf(root, f, JSON_FLAGS);

	json_decref(root);
	if (rc != 0 || fputc('\n', f) == EOF || ferror(f))
		return rd_err_set(err, RD_EIO, "cannot write the report: %s",
		    strerror(errno));
	return 0;
}

static int
text_done(FILE *f, struct rd_err *err)
{
	if (fflush(f) != 0 || ferror(f))
		return rd_err_set(err, RD_EIO, "cannot write the report: %s",
		    strerror(errno));
	return 0;
}

static const char *
type_name(enum ds_type t)
{
	switch (t) {
	case DS_INTEGER:
		return "integer";
	case DS_REAL:
		return "real";
	case DS_TEXT:
		return "text";
	}
	return "?";
}

/* ------------------------------------------------------------ import */

int
report_import(FILE *f, const char *table, const struct import_summary *s,
	enum report_format fmt, struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t j;

	if (fmt == REPORT_JSON) {
		json_t *root = json_object(), *cols = json_array();

		json_object_set_new(root, "table", json_string(table));
		json_object_set_new(root, "rows_read",
		    json_integer((json_int_t)s->rows_read));
		json_object_set_new(root, "rows_imported",
		    json_integer((json_int_t)s->rows_imported));
		json_object_set_new(root, "rows_rejected",
		    json_integer((json_int_t)s->rows_rejected));
		json_object_set_new(root, "indeterminate",
		    json_integer((json_int_t)s->indeterminate));
		json_object_set_new(root, "bads",
		    json_integer((json_int_t)s->bads));
		json_object_set_new(root, "goods",
		    json_integer((json_int_t)s->goods));
		for (j = 0; j < s->ncolumns; j++) {
			json_t *c = json_object();

			json_object_set_new(c, "name",
			    json_string(s->columns[j].name));
			json_object_set_new(c, "type",
			    json_string(type_name(s->columns[j].type)));
			json_object_set_new(c, "missing",
			    json_integer((json_int_t)s->columns[j].missing));
			json_array_append_new(cols, c);
		}
		json_object_set_new(root, "columns", cols);
		return json_emit(f, root, err);
	}
	fprintf(f, "imported %s rows into table \"%s\" (%zu columns)\n",
	    fmt_count(b1, (double)s->rows_imported), table, s->ncolumns);
	fprintf(f, "  bads %s, goods %s, indeterminate %s, rejected %s\n",
	    fmt_count(b1, (double)s->bads), fmt_count(b2, (double)s->goods),
	    fmt_count(b3, (double)s->indeterminate),
	    fmt_count(b4, (double)s->rows_rejected));
	for (j = 0; j < s->ncolumns; j++)
		fprintf(f, "  %-56s %-8s missing %s\n", s->columns[j].name,
		    type_name(s->columns[j].type),
		    fmt_count(b1, (double)s->columns[j].missing));
	return text_done(f, err);
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

int
report_fit(FILE *f, const struct scorecard *card, enum report_format fmt,
	struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];
	size_t j, k;

	if (fmt == REPORT_JSON) {
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
		json_object_set_new(root, "coefficients", coefs);
		json_object_set_new(root, "loglik", jnum(card->loglik));
		json_object_set_new(root, "aic", jnum(card->aic));
		json_object_set_new(root, "iterations",
		    json_integer(card->iterations));
		json_object_set_new(root, "n_used",
		    json_integer((json_int_t)card->n));
		json_object_set_new(root, "n_bad",
		    json_integer((json_int_t)card->n_bad));
		json_object_set_new(root, "auc", jnum(card->auc));
		json_object_set_new(root, "gini", jnum(card->gini));
		json_object_set_new(root, "ks", jnum(card->ks));
		json_object_set_new(root, "base_points",
		    jnum(card->base_points));
		json_object_set_new(root, "characteristics", chars);
		json_object_set_new(root, "dropped", dropped);
		return json_emit(f, root, err);
	}

	fprintf(f, "scorecard \"%s\" on table \"%s\": %s rows with a known "
	    "outcome, %s bad\n", card->name, card->population,
	    fmt_count(b1, (double)card->n), fmt_count(b2, (double)card->n_bad));
	fprintf(f, "scaling: %g points at %g:1 good:bad odds, PDO %g "
	    "(factor %.4f, offset %.4f)\n\n", card->scaling.base_score,
	    card->scaling.base_odds, card->scaling.pdo, card->factor,
	    card->offset);
	fprintf(f, "%-56s %10s %10s %10s %7s\n", "term (WoE-coded)",
	    "estimate", "std.error", "p-value", "IV");
	fprintf(f, "%-56s %10.5f %10.5f %10.3g %7s\n", "(Intercept)",
	    card->intercept, card->intercept_se, card->intercept_pval, "");
	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];

		fprintf(f, "%-56s %10.5f %10.5f %10.3g %7.4f\n", cc->ch->name,
		    cc->coef, cc->se, cc->pval, cc->ch->iv);
	}
	fprintf(f, "\nlog-likelihood %.4f, AIC %.4f, %d IRLS iterations\n",
	    card->loglik, card->aic, card->iterations);
	fprintf(f, "AUC %s  Gini %s  KS %s (development sample, "
	    "scored in points)\n\n", fmt_stat(b1, card->auc),
	    fmt_stat(b2, card->gini), fmt_stat(b3, card->ks));

	fprintf(f, "points table (base points %.0f)\n", card->base_points);
	fprintf(f, "  %-40s %-28s %6s %8s %7s\n", "characteristic", "attribute",
	    "count", "WoE", "points");
	for (j = 0; j < card->nchars; j++) {
		const struct card_char *cc = &card->chars[j];

		for (k = 0; k < cc->ch->nbins; k++) {
			const struct bin *b = &cc->ch->bins[k];

			fprintf(f, "  %-40.40s %-28.28s %6zu %8.4f %7.0f\n",
			    k == 0 ? cc->ch->name : "", b->label, b->count,
			    b->woe, cc->points[k]);
		}
	}
	if (card->ndropped > 0) {
		fprintf(f, "\ncharacteristics left out:\n");
		for (j = 0; j < card->ndropped; j++)
			fprintf(f, "  %s\n", card->dropped[j]);
	}
	return text_done(f, err);
}

/* ------------------------------------------------------------ policy */

static json_t *
stats_json(const struct sim_stats *st)
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
	json_object_set_new(o, "expected_bad_rate", jnum(st->exp_bad_rate));
	json_object_set_new(o, "exposure", jnum(st->exposure));
	json_object_set_new(o, "expected_loss", jnum(st->expected_loss));
	return o;
}

static json_t *
slot_json(const struct desk *d, int which)
{
	const struct desk_policy *s = desk_policy_slot(d, which);
	const struct policy *p = s->policy;
	struct desk_model_stats ms;
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
	json_object_set_new(root, "model", model);

	pol = json_object();
	json_object_set_new(pol, "name", jstr(p->name));
	json_object_set_new(pol, "file", jstr(p->path));
	json_object_set_new(pol, "population", jstr(p->population));
	stats = stats_json(&s->result.total);
	json_object_update(pol, stats);
	json_decref(stats);
	json_object_set_new(root, "policy", pol);
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
		json_t *o = stats_json(&s->result.segments[k]);
		json_t *named = json_object();

		json_object_set_new(named, "name", jstr(p->segments[k].name));
		json_object_set_new(named, "cutoff",
		    jnum(s->result.cutoffs[k]));
		json_object_set_new(named, "lgd", jnum(p->segments[k].lgd));
		json_object_update(named, o);
		json_decref(o);
		json_array_append_new(segs, named);
	}
	json_object_set_new(root, "segments", segs);
	return root;
}

static void
text_stats_line(FILE *f, const char *label, const struct sim_stats *st,
	double cutoff)
{
	char ap[FMT_BUF], rf[FMT_BUF], br[FMT_BUF], eb[FMT_BUF], ex[FMT_BUF];
	char el[FMT_BUF], n[FMT_BUF], cut[FMT_BUF];

	cut[0] = '\0';
	if (!isnan(cutoff))
		snprintf(cut, sizeof cut, "%.0f", cutoff);
	fprintf(f, "  %-18.18s %6s %9s %8s %8s %8s %8s %12s %12s\n", label,
	    cut, fmt_count(n, (double)st->applicants),
	    fmt_pct(ap, st->approval_rate), fmt_pct(rf, st->refer_rate),
	    fmt_pct(br, st->bad_rate), fmt_pct(eb, st->exp_bad_rate),
	    fmt_money(ex, st->exposure), fmt_money(el, st->expected_loss));
}

static void
slot_text(FILE *f, const struct desk *d, int which)
{
	const struct desk_policy *s = desk_policy_slot(d, which);
	const struct policy *p = s->policy;
	const struct sim_stats *t = &s->result.total;
	struct desk_model_stats ms;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t k;

	desk_model_stats(d, which, &ms);
	fprintf(f, "%s policy \"%s\" (%s)\n", which ? "challenger" :
	    "champion", p->name, p->path);
	fprintf(f, "population \"%s\": %s applicants (TTD), %s bad, %s good, "
	    "%s indeterminate\n", p->population,
	    fmt_count(b1, (double)s->ds->nrows),
	    fmt_count(b2, (double)s->ds->nbad),
	    fmt_count(b3, (double)s->ds->ngood),
	    fmt_count(b4, (double)s->ds->nindet));
	fprintf(f, "scorecard \"%s\": %g points at %g:1, PDO %g\n",
	    s->card->name, s->card->scaling.base_score,
	    s->card->scaling.base_odds, s->card->scaling.pdo);
	fprintf(f, "model on known outcomes: AUC %s  Gini %s  KS %s "
	    "(peak at %.0f points)\n\n", fmt_stat(b1, ms.auc),
	    fmt_stat(b2, ms.gini), fmt_stat(b3, ms.ks), ms.ks_at);

	fprintf(f, "  %-18s %6s %9s %8s %8s %8s %8s %12s %12s\n", "segment",
	    "cutoff", "TTD", "approve", "refer", "bad", "exp.bad",
	    "exposure", "EL");
	for (k = 0; k < p->nsegments; k++)
		text_stats_line(f, p->segments[k].name,
		    &s->result.segments[k], s->result.cutoffs[k]);
	text_stats_line(f, "knocked out", &(struct sim_stats){
	    .applicants = t->knocked_out, .approval_rate = NAN,
	    .refer_rate = NAN, .bad_rate = NAN, .exp_bad_rate = NAN,
	    .exposure = NAN, .expected_loss = NAN }, NAN);
	text_stats_line(f, "total", t, NAN);
	fprintf(f, "\n  approved %s, referred %s, declined %s (%s by "
	    "knock-outs)\n", fmt_count(b1, (double)t->approved),
	    fmt_count(b2, (double)t->referred),
	    fmt_count(b3, (double)t->declined),
	    fmt_count(b4, (double)t->knocked_out));
	fprintf(f, "  bad rate among approved with a known outcome: %s "
	    "(%zu of %zu)\n", fmt_pct(b1, t->bad_rate), t->approved_bad,
	    t->approved_known);
	fprintf(f, "  expected loss of approved (sum PD x LGD x EAD): %s on "
	    "exposure %s\n", fmt_money(b1, t->expected_loss),
	    fmt_money(b2, t->exposure));
	if (p->nknockouts > 0) {
		fprintf(f, "\n  %-28s %-8s %9s\n", "knock-out", "reason",
		    "declined");
		for (k = 0; k < p->nknockouts; k++)
			fprintf(f, "  %-28.28s %-8.8s %9s\n",
			    p->knockouts[k].name, p->knockouts[k].reason,
			    fmt_count(b1, (double)s->result.ko_count[k]));
	}
}

int
report_policy(FILE *f, const struct desk *d, enum report_format fmt,
	struct rd_err *err)
{
	if (desk_policy_slot(d, 0) == NULL)
		return rd_err_set(err, RD_EUSAGE, "no policy loaded");
	if (fmt == REPORT_JSON) {
		json_t *root = slot_json(d, 0);

		if (desk_policy_slot(d, 1) != NULL)
			json_object_set_new(root, "challenger",
			    slot_json(d, 1));
		return json_emit(f, root, err);
	}
	fprintf(f, "riskdesk policy report\n\n");
	slot_text(f, d, 0);
	if (desk_policy_slot(d, 1) != NULL) {
		fprintf(f, "\n");
		slot_text(f, d, 1);
	}
	return text_done(f, err);
}
