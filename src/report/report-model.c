/*
 * report-model.c - writers for the model views (see report.h, "models"):
 * a raw logistic fit, a scorecard's validation, and the points table as
 * CSV or YAML for scoring outside riskdesk.  Headless like report.c:
 * every figure comes from the core; this file only lays it out.
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report-out.h"
#include "report/report-parts.h"
#include "report/report.h"
#include "util/err.h"
#include "util/fmt.h"

/* ------------------------------------------------------------- logit */

/* What R's glm.fit says for the same rows, word for word. */
#define R_WARNING "fitted probabilities numerically 0 or 1 occurred"

static const char *
term_name(const struct desk_logit *l, long j)
{
	return j >= 0 && (size_t)j < l->design.p ? l->design.names[j] : "";
}

/*
 * The warning of a fit with rows fitted at probability numerically 0 or
 * 1, as one object: counts, the column most often behind it, whether the
 * maximum was proven finite, and each listed row (table rowid, fitted
 * P(bad), outcome, its own column).
 */
static json_t *
extreme_json(const struct desk_logit *l)
{
	const struct logit_result *r = &l->res;
	json_t *o = json_object(), *rows = json_array();
	size_t k;

	json_object_set_new(o, "warning", json_string("fitted probabilities "
	    "numerically 0 or 1"));
	json_object_set_new(o, "r_warning", json_string("glm.fit: "
	    R_WARNING));
	json_object_set_new(o, "n_rows", json_integer((json_int_t)r->nextreme));
	json_object_set_new(o, "n_fitted_1",
	    json_integer((json_int_t)r->nextreme1));
	json_object_set_new(o, "n_fitted_0",
	    json_integer((json_int_t)(r->nextreme - r->nextreme1)));
	json_object_set_new(o, "column", r->extreme_main >= 0 ?
	    json_string(term_name(l, r->extreme_main)) : json_null());
	json_object_set_new(o, "maximum_finite",
	    json_boolean(r->finite_proven));
	for (k = 0; k < r->nlisted; k++) {
		json_t *e = json_object();

		json_object_set_new(e, "row",
		    json_integer((json_int_t)l->extreme_rowid[k]));
		json_object_set_new(e, "p_bad", report_jnum(r->extreme_p[k]));
		json_object_set_new(e, "y", json_integer(
		    (json_int_t)l->design.y[r->extreme[k]]));
		json_object_set_new(e, "column", r->extreme_col[k] >= 0 ?
		    json_string(term_name(l, r->extreme_col[k])) :
		    json_null());
		json_array_append_new(rows, e);
	}
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "rows_listed",
	    json_integer((json_int_t)r->nlisted));
	return o;
}

/* Rows named in the text warning. */
#define TEXT_ROWS 10

static void
extreme_text(FILE *f, const struct desk_logit *l)
{
	const struct logit_result *r = &l->res;
	char a[FMT_BUF], b[FMT_BUF], c0[FMT_BUF], c1[FMT_BUF];
	size_t k;

	fprintf(f, "\nwarning: fitted probabilities numerically 0 or 1 on %s "
	    "of %s rows (%s at 0, %s at 1), most often through '%s' (R's "
	    "glm.fit warns \"%s\")\n", fmt_count(a, (double)r->nextreme),
	    fmt_count(b, (double)r->n), fmt_count(c0,
	    (double)(r->nextreme - r->nextreme1)), fmt_count(c1,
	    (double)r->nextreme1), term_name(l, r->extreme_main),
	    R_WARNING);
	fprintf(f, "  %s: ", r->nextreme == 1 ? "row" : "rows");
	for (k = 0; k < r->nlisted && k < TEXT_ROWS; k++)
		fprintf(f, "%s%lld (P(bad) %.3g, %s)", k > 0 ? ", " : "",
		    (long long)l->extreme_rowid[k], r->extreme_p[k],
		    term_name(l, r->extreme_col[k]));
	if (r->nextreme > k)
		fprintf(f, ", and %s more", fmt_count(a,
		    (double)(r->nextreme - k)));
	fprintf(f, "\n  %s\n", r->finite_proven ? "the likelihood has a "
	    "finite maximum (no separation, checked by linear programming): "
	    "the estimates stand" : "the fit converged with these rows far "
	    "out: the estimates stand");
}

int
report_logit(FILE *f, const struct desk_logit *l, enum report_format fmt,
	struct rd_err *err)
{
	const struct logit_result *r = &l->res;
	char n1[FMT_BUF], n2[FMT_BUF];
	size_t j;

	if (fmt == REPORT_JSON) {
		json_t *root = json_object(), *coefs = json_array();
		json_t *warn = json_array();

		json_object_set_new(root, "table", json_string(l->table));
		json_object_set_new(root, "model", json_string("raw"));
		if (l->weights != NULL)
			json_object_set_new(root, "weights",
			    json_string(l->weights));
		for (j = 0; j < r->p; j++) {
			json_t *c = json_object();

			json_object_set_new(c, "term",
			    json_string(l->design.names[j]));
			json_object_set_new(c, "estimate", report_jnum(r->beta[j]));
			json_object_set_new(c, "std_error", report_jnum(r->se[j]));
			json_object_set_new(c, "z", report_jnum(r->z[j]));
			json_object_set_new(c, "p_value", report_jnum(r->pval[j]));
			json_array_append_new(coefs, c);
		}
		json_object_set_new(root, "coefficients", coefs);
		json_object_set_new(root, "loglik", report_jnum(r->loglik));
		json_object_set_new(root, "deviance", report_jnum(r->deviance));
		json_object_set_new(root, "null_deviance",
		    report_jnum(r->null_deviance));
		json_object_set_new(root, "aic", report_jnum(r->aic));
		json_object_set_new(root, "bic", report_jnum(r->bic));
		json_object_set_new(root, "n_used",
		    json_integer((json_int_t)r->n));
		json_object_set_new(root, "n_bad",
		    json_integer((json_int_t)r->n_bad));
		json_object_set_new(root, "iterations",
		    json_integer(r->iterations));
		if (r->start_rows > 0)
			json_object_set_new(root, "start_rows",
			    json_integer((json_int_t)r->start_rows));
		json_object_set_new(root, "converged",
		    json_boolean(r->converged));
		if (r->nextreme > 0)
			json_array_append_new(warn, extreme_json(l));
		json_object_set_new(root, "warnings", warn);
		return report_json_emit(f, root, err);
	}
	fprintf(f, "logistic regression of the target of table \"%s\" (raw "
	    "variables)%s%s\n", l->table, l->weights ? ", weights " : "",
	    l->weights ? l->weights : "");
	fprintf(f, "%s rows used, %s bad; %d IRLS iterations",
	    fmt_count(n1, (double)r->n), fmt_count(n2, (double)r->n_bad),
	    r->iterations);
	if (r->start_rows > 0)
		fprintf(f, " (from the fit on a sample of %s rows)",
		    fmt_count(n1, (double)r->start_rows));
	fprintf(f, ", %s\n\n", r->converged ? "converged" : "not converged");
	fprintf(f, "%-48s %14s %12s %9s %10s\n", "term", "estimate",
	    "std.error", "z", "p-value");
	for (j = 0; j < r->p; j++) {
		char pv[FMT_BUF];

		fmt_cell(f, l->design.names[j], 48);
		fprintf(f, " %14.6g %12.6g %9.3f %10s\n", r->beta[j], r->se[j], r->z[j],
		    fmt_pval(pv, r->pval[j]));
	}
	fprintf(f, "\nlog-likelihood %.6f, deviance %.6f (null %.6f)\n",
	    r->loglik, r->deviance, r->null_deviance);
	fprintf(f, "AIC %.6f, BIC %.6f\n", r->aic, r->bic);
	if (r->nextreme > 0)
		extreme_text(f, l);
	return report_text_done(f, err);
}

/* -------------------------------------------------------- validation */

static json_t *
sample_json(const struct validation *v)
{
	json_t *o = json_object(), *a;
	size_t i;

	json_object_set_new(o, "n", json_integer((json_int_t)v->n));
	json_object_set_new(o, "n_bad", json_integer((json_int_t)v->n_bad));
	json_object_set_new(o, "bad_rate", report_jnum(v->bad_rate));
	json_object_set_new(o, "auc", report_jnum(v->auc));
	json_object_set_new(o, "gini", report_jnum(v->gini));
	json_object_set_new(o, "ks", report_jnum(v->ks));
	json_object_set_new(o, "ks_score", report_jnum(v->ks_at));
	if (v->na[0] != '\0')
		json_object_set_new(o, "na_reason", json_string(v->na));
	a = json_array();
	for (i = 0; i < v->ngains; i++) {
		const struct val_gains *g = &v->gains[i];
		json_t *r = json_object();

		json_object_set_new(r, "score_lo", report_jnum(g->lo));
		json_object_set_new(r, "score_hi", report_jnum(g->hi));
		json_object_set_new(r, "count",
		    json_integer((json_int_t)g->count));
		json_object_set_new(r, "bads",
		    json_integer((json_int_t)g->bads));
		json_object_set_new(r, "bad_rate", report_jnum(g->bad_rate));
		json_object_set_new(r, "cum_bad_share",
		    report_jnum(g->cum_bad_share));
		json_object_set_new(r, "cum_count_share",
		    report_jnum(g->cum_count_share));
		json_object_set_new(r, "lift", report_jnum(g->lift));
		json_object_set_new(r, "cum_lift", report_jnum(g->cum_lift));
		json_array_append_new(a, r);
	}
	json_object_set_new(o, "gains", a);
	{
		json_t *hl = json_object(), *groups = json_array();

		json_object_set_new(hl, "statistic", report_jnum(v->hl_stat));
		json_object_set_new(hl, "df", json_integer(v->hl_df));
		json_object_set_new(hl, "p_value", report_jnum(v->hl_p));
		for (i = 0; i < v->nhl; i++) {
			json_t *r = json_object();

			json_object_set_new(r, "pd_lo", report_jnum(v->hl[i].pd_lo));
			json_object_set_new(r, "pd_hi", report_jnum(v->hl[i].pd_hi));
			json_object_set_new(r, "count",
			    json_integer((json_int_t)v->hl[i].count));
			json_object_set_new(r, "observed_bads",
			    json_integer((json_int_t)v->hl[i].bads));
			json_object_set_new(r, "expected_bads",
			    report_jnum(v->hl[i].expected));
			json_array_append_new(groups, r);
		}
		json_object_set_new(hl, "groups", groups);
		json_object_set_new(o, "hosmer_lemeshow", hl);
	}
	a = json_array();
	for (i = 0; i < v->nbands; i++) {
		const struct val_band *b = &v->bands[i];
		json_t *r = json_object();

		json_object_set_new(r, "score_lo", report_jnum(b->lo));
		json_object_set_new(r, "score_hi", report_jnum(b->hi));
		json_object_set_new(r, "count",
		    json_integer((json_int_t)b->count));
		json_object_set_new(r, "goods",
		    json_integer((json_int_t)b->goods));
		json_object_set_new(r, "bads",
		    json_integer((json_int_t)b->bads));
		json_object_set_new(r, "share", report_jnum(b->share));
		json_object_set_new(r, "good_share",
		    report_jnum(b->good_share));
		json_object_set_new(r, "bad_share", report_jnum(b->bad_share));
		json_object_set_new(r, "observed_bad_rate", report_jnum(b->bad_rate));
		json_object_set_new(r, "predicted_pd", report_jnum(b->mean_pd));
		json_array_append_new(a, r);
	}
	json_object_set_new(o, "bands", a);
	a = json_array();
	for (i = 0; i < v->nroc; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "score", report_jnum(v->roc[i].score));
		json_object_set_new(r, "fpr", report_jnum(v->roc[i].fpr));
		json_object_set_new(r, "tpr", report_jnum(v->roc[i].tpr));
		json_array_append_new(a, r);
	}
	json_object_set_new(o, "roc", a);
	return o;
}

/*
 * One sample.  What needs outcomes the sample lacks is "n/a" with the
 * reason (v->na): AUC, Gini, KS and the gains table without bads and
 * goods; also the bad rate, Hosmer-Lemeshow and the calibration without
 * any known outcome.
 */
static void
sample_text(FILE *f, const char *title, const struct validation *v)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	const char *none = v->n == 0 ? v->na : NULL;	/* no outcome */
	size_t i;

	fprintf(f, "%s: %s rows with a known outcome, %s bad (%s)\n", title,
	    fmt_count(b1, (double)v->n), fmt_count(b2, (double)v->n_bad),
	    fmt_pct_na(b3, v->bad_rate, none));
	if (v->na[0] != '\0')
		fprintf(f, "  AUC %s  Gini %s  KS %s (%s)\n", FMT_NA, FMT_NA,
		    FMT_NA, v->na);
	else
		fprintf(f, "  AUC %s  Gini %s  KS %s (peak at %.0f points)\n",
		    fmt_stat(b1, v->auc), fmt_stat(b2, v->gini),
		    fmt_stat(b3, v->ks), v->ks_at);
	if (none != NULL)
		fprintf(f, "  Hosmer-Lemeshow %s (%s)\n\n", FMT_NA, none);
	else
		fprintf(f, "  Hosmer-Lemeshow %.4f on %d df, p = %s (%zu groups "
		    "of PD)\n\n", v->hl_stat, v->hl_df,
		    fmt_pval(b1, v->hl_p), v->nhl);
	if (v->na[0] != '\0')
		fprintf(f, "  gains by score group: %s (%s)\n", FMT_NA, v->na);
	else {
		fprintf(f, "  gains by score group (riskiest first)\n");
		fprintf(f, "  %-15s %8s %7s %8s %9s %9s %6s %8s\n", "score",
		    "count", "bads", "bad rate", "cum bads", "cum rows",
		    "lift", "cum lift");
	}
	for (i = 0; i < v->ngains; i++) {
		const struct val_gains *g = &v->gains[i];
		char sc[32];

		snprintf(sc, sizeof sc, "%.0f-%.0f", g->lo, g->hi);
		fprintf(f, "  %-15s %8s %7zu %8s %9s %9s %6.2f %8.2f\n", sc,
		    fmt_count(b1, (double)g->count), g->bads,
		    fmt_pct(b2, g->bad_rate), fmt_pct(b3, g->cum_bad_share),
		    fmt_pct(b4, g->cum_count_share), g->lift, g->cum_lift);
	}
	if (none != NULL) {
		fprintf(f, "\n  calibration by score band: %s (%s)\n\n",
		    FMT_NA, none);
		return;
	}
	fprintf(f, "\n  calibration and distribution by score band\n");
	fprintf(f, "  %-15s %8s %7s %7s %7s %9s %9s\n", "score", "count",
	    "goods", "bads", "share", "observed", "predicted");
	for (i = 0; i < v->nbands; i++) {
		const struct val_band *b = &v->bands[i];
		char sc[32];

		snprintf(sc, sizeof sc, "[%.0f, %.0f)", b->lo, b->hi);
		fprintf(f, "  %-15s %8s %7zu %7zu %7s %9s %9s\n", sc,
		    fmt_count(b1, (double)b->count), b->goods, b->bads,
		    fmt_pct(b2, b->share), fmt_pct(b3, b->bad_rate),
		    fmt_pct(b4, b->mean_pd));
	}
	fprintf(f, "\n");
}

json_t *
report_validation_json(const struct desk_validation *v)
{
	const struct scorecard *c = v->card;
	size_t i;
	json_t *root = json_object(), *sc = json_object(), *a;

	json_object_set_new(root, "scorecard", json_string(c->name));
	json_object_set_new(root, "table", json_string(v->table));
	if (v->engine != NULL) {
		json_object_set_new(root, "engine", json_string(v->engine));
		json_object_set_new(root, "indeterminate",
		    report_jcount(v->n_unknown));
		json_object_set_new(root, "engine_rows",
		    report_jcount(v->engine_rows));
		json_object_set_new(root, "engine_bytes",
		    report_jcount(v->engine_bytes));
	}
	json_object_set_new(sc, "base_score",
	    report_jnum(c->scaling.base_score));
	json_object_set_new(sc, "base_odds",
	    report_jnum(c->scaling.base_odds));
	json_object_set_new(sc, "pdo", report_jnum(c->scaling.pdo));
	json_object_set_new(root, "scaling", sc);
	json_object_set_new(root, "development", sample_json(&v->dev));
	if (v->has_holdout)
		json_object_set_new(root, "holdout",
		    sample_json(&v->holdout));
	if (v->has_psi) {
		json_t *p = json_object(), *bins = json_array();

		json_object_set_new(p, "base",
		    report_jstr(v->psi_base));
		json_object_set_new(p, "against",
		    json_string(v->psi_against));
		json_object_set_new(p, "psi", report_jnum(v->psi.psi));
		json_object_set_new(p, "psi_strict",
		    report_jnum(v->psi.psi_strict));
		json_object_set_new(p, "reading", json_string(
		    validate_psi_reading(v->psi.psi)));
		json_object_set_new(p, "adjusted",
		    json_boolean(v->psi.adjusted));
		json_object_set_new(p, "adjustment", v->psi.adjusted ?
		    json_real(v->psi.adjust) : json_null());
		json_object_set_new(p, "rule", json_string("a bin "
		    "empty in both samples adds nothing; a zero count "
		    "of a bin empty in one sample only becomes the "
		    "adjustment and both totals are re-summed"));
		for (i = 0; i < v->psi.nbins; i++) {
			const struct val_psi_bin *b = &v->psi.bins[i];
			json_t *r = json_object();

			json_object_set_new(r, "lower", report_jnum(b->lo));
			json_object_set_new(r, "upper", report_jnum(b->hi));
			json_object_set_new(r, "n_base", json_integer(
			    (json_int_t)b->n_base));
			json_object_set_new(r, "n_new", json_integer(
			    (json_int_t)b->n_new));
			json_object_set_new(r, "share_base",
			    report_jnum(b->share_base));
			json_object_set_new(r, "share_new",
			    report_jnum(b->share_new));
			json_object_set_new(r, "contribution",
			    report_jnum(b->contrib));
			json_object_set_new(r, "empty", json_string(
			    b->flag == BIN_PSI_EMPTY_BOTH ? "both" :
			    b->flag == BIN_PSI_EMPTY_BASE ?
			    "development" : b->flag ==
			    BIN_PSI_EMPTY_CUR ? "other" : "no"));
			json_array_append_new(bins, r);
		}
		json_object_set_new(p, "bins", bins);
		json_object_set_new(root, "psi", p);
	}
	a = json_array();
	for (i = 0; i < v->npd; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "score",
		    report_jnum(v->pd_table[i].score));
		json_object_set_new(r, "odds_good_bad",
		    report_jnum(v->pd_table[i].odds));
		json_object_set_new(r, "pd", report_jnum(v->pd_table[i].pd));
		json_array_append_new(a, r);
	}
	json_object_set_new(root, "score_pd", a);
	return root;
}

int
report_validation(FILE *f, const struct desk_validation *v,
	enum report_format fmt, struct rd_err *err)
{
	const struct scorecard *c = v->card;
	size_t i;

	if (fmt == REPORT_JSON)
		return report_json_emit(f, report_validation_json(v), err);
	fprintf(f, "validation of scorecard \"%s\" on table \"%s\"%s%s%s\n",
	    c->name, v->table, v->engine != NULL ? " (" : "",
	    v->engine != NULL ? v->engine : "", v->engine != NULL ? ")" : "");
	if (v->engine != NULL) {
		char n1[FMT_BUF], n2[FMT_BUF], n3[FMT_BUF];

		fprintf(f, "computed in the engine from its counts by score "
		    "(%s rows of counts, %s bytes, sent back); %s rows of "
		    "indeterminate outcome left out\n",
		    fmt_count(n1, (double)v->engine_rows),
		    fmt_count(n2, (double)v->engine_bytes),
		    fmt_count(n3, (double)v->n_unknown));
	}
	fprintf(f, "scaling: %g points at %g:1 good:bad odds, PDO %g\n\n",
	    c->scaling.base_score, c->scaling.base_odds, c->scaling.pdo);
	sample_text(f, v->has_holdout ? "development sample" :
	    v->engine != NULL || strcmp(v->table, c->population) != 0 ?
	    "sample (the whole table)" :
	    "sample", &v->dev);
	if (v->has_holdout)
		sample_text(f, c->sample.kind == CARD_SAMPLE_OOT ?
		    "out-of-time sample" : "holdout sample", &v->holdout);
	if (v->has_psi) {
		const char *base = v->psi_base != NULL ? v->psi_base :
		    "development";
		int wb, wn;

		fprintf(f, "PSI of the score, %s vs %s: %.4f (%s; "
		    "< 0.1 stable, 0.1-0.25 some shift, >= 0.25 significant)\n",
		    base,
		    v->psi_against, v->psi.psi,
		    validate_psi_reading(v->psi.psi));
		/* The columns are named by their samples (a table's name
		   may be long: the column widens to it). */
		wb = strlen(base) > 11 ? (int)strlen(base) : 11;
		wn = strlen(v->psi_against) > 11 ? (int)strlen(v->psi_against) :
		    11;
		fprintf(f, "  %-24s %*s %*s %8s\n", "score band", wb, base, wn,
		    v->psi_against, "term");
		for (i = 0; i < v->psi.nbins; i++) {
			const struct val_psi_bin *b = &v->psi.bins[i];
			char sc[48], n1[FMT_BUF], n2[FMT_BUF];

			if (isnan(b->lo))
				snprintf(sc, sizeof sc, "missing");
			else
				snprintf(sc, sizeof sc, "[%.6g, %.6g)", b->lo,
				    b->hi);
			fprintf(f, "  %-24s %*s %*s %8.4f%s%s\n", sc, wb,
			    fmt_count(n1, (double)b->n_base), wn,
			    fmt_count(n2, (double)b->n_new), b->contrib,
			    b->flag == BIN_PSI_OK ? "" : b->flag ==
			    BIN_PSI_EMPTY_BOTH ? "   " : " * ",
			    bin_psi_flag_text(b->flag));
		}
		if (v->psi.adjusted)
			fprintf(f, "  * a bin empty in one sample only: its zero "
			    "count became %g and the totals were re-summed\n",
			    v->psi.adjust);
		fprintf(f, "\n");
	}
	fprintf(f, "score -> PD (score range %.0f to %.0f)\n", v->score_lo,
	    v->score_hi);
	fprintf(f, "  %8s %14s %10s\n", "score", "odds good:bad", "PD");
	for (i = 0; i < v->npd; i++)
		fprintf(f, "  %8.1f %12.4g:1 %10.6f\n", v->pd_table[i].score,
		    v->pd_table[i].odds, v->pd_table[i].pd);
	return report_text_done(f, err);
}

/* ------------------------------------------------------ points table */

static void
yaml_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* A bound as text: 17 significant digits, "-inf"/"inf" (YAML: .inf). */
static const char *
bound(char *buf, size_t len, double x, int yaml)
{
	if (isinf(x))
		snprintf(buf, len, "%s%s", x < 0 ? "-" : "",
		    yaml ? ".inf" : "inf");
	else
		snprintf(buf, len, "%.17g", x);
	return buf;
}

/* One attribute row. */
static void
points_row(FILE *f, enum report_points_format fmt, const char *name,
	const char *kind, const char *lo, const char *hi, const char *value,
	double points, int first)
{
	if (fmt == REPORT_POINTS_CSV) {
		fmt_csv_field(f, name);
		fprintf(f, ",%s,%s,%s,", kind, lo ? lo : "", hi ? hi : "");
		if (value != NULL)
			fmt_csv_field(f, value);
		fprintf(f, ",%.17g\n", points);
		return;
	}
	if (first) {
		fputs("  - name: ", f);
		yaml_str(f, name);
		fputs("\n    attributes:\n", f);
	}
	fprintf(f, "      - {kind: %s", kind);
	if (lo != NULL)
		fprintf(f, ", lower: %s, upper: %s", lo, hi);
	if (value != NULL) {
		fputs(", value: ", f);
		yaml_str(f, value);
	}
	fprintf(f, ", points: %.17g}\n", points);
}

int
report_card_points(FILE *f, const struct scorecard *card,
	enum report_points_format fmt, struct rd_err *err)
{
	char lo[40], hi[40], val[40];
	size_t k, b, i;
	int y = fmt == REPORT_POINTS_YAML;

	if (y) {
		fputs("# riskdesk scorecard points table: score = base_points "
		    "+ the points of\n# the attribute taking each "
		    "characteristic's value (ranges [lower, upper);\n# "
		    "a text level not listed scores as \"other\"; NULL as "
		    "\"missing\")\nscorecard: ", f);
		yaml_str(f, card->name);
		fprintf(f, "\nscaling: {base_score: %.17g, base_odds_good_bad: "
		    "%.17g, pdo: %.17g, factor: %.17g, offset: %.17g}\n",
		    card->scaling.base_score, card->scaling.base_odds,
		    card->scaling.pdo, card->factor, card->offset);
		fprintf(f, "base_points: %.17g\ncharacteristics:\n",
		    card->base_points);
	} else {
		fputs("characteristic,kind,lower,upper,value,points\n", f);
		fprintf(f, "(base),base,,,,%.17g\n", card->base_points);
	}
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		const struct characteristic *ch = cc->ch;
		int first = 1, miss = card_missing_bin(card, k), o;

		for (b = 0; b < ch->nbins; b++) {
			const struct bin *x = &ch->bins[b];

			switch (x->kind) {
			case BIN_RANGE:
				points_row(f, fmt, ch->name, "range",
				    bound(lo, sizeof lo, x->lower, y),
				    bound(hi, sizeof hi, x->upper, y), NULL,
				    cc->points[b], first);
				break;
			case BIN_SPECIAL:
				points_row(f, fmt, ch->name, "special", NULL,
				    NULL, bound(val, sizeof val, x->lower, 0),
				    cc->points[b], first);
				break;
			case BIN_LEVELS:
				for (i = 0; i < x->nlevels; i++) {
					points_row(f, fmt, ch->name, "level",
					    NULL, NULL, x->levels[i],
					    cc->points[b], first);
					first = 0;
				}
				break;
			case BIN_MISSING:
				continue;
			}
			first = 0;
		}
		if (!ch->numeric) {
			/* Where card_score puts a level no bin lists. */
			o = card_other_bin(card, k);
			points_row(f, fmt, ch->name, "other", NULL, NULL, NULL,
			    o >= 0 ? cc->points[o] : 0, first);
			first = 0;
		}
		points_row(f, fmt, ch->name, "missing", NULL, NULL, NULL,
		    miss >= 0 ? cc->points[miss] : 0, first);
	}
	return report_text_done(f, err);
}
