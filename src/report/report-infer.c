/*
 * report-infer.c - reject inference as text and JSON (see
 * report-infer.h).  Presents model/infer.c's figures; computes nothing.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report-infer.h"
#include "report/report-out.h"
#include "util/err.h"
#include "util/fmt.h"

void
report_band_label(char *buf, size_t len, double lo, double hi)
{
	if (isinf(lo) && isinf(hi))
		snprintf(buf, len, "all");
	else if (isinf(lo))
		snprintf(buf, len, "< %g", hi);
	else if (isinf(hi))
		snprintf(buf, len, ">= %g", lo);
	else
		snprintf(buf, len, "[%g, %g)", lo, hi);
}

/* A number, null when not finite. */
static json_t *
jfin(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static const char *
method_text(enum infer_method m)
{
	switch (m) {
	case INFER_HARD_CUTOFF:
		return "hard cutoff: rejects with a KGB PD at or above the "
		    "cutoff are bads, the rest goods";
	case INFER_FUZZY:
		return "fuzzy augmentation: each reject a bad of weight "
		    "P(bad) and a good of weight P(good)";
	case INFER_PARCELING:
		return "parceling: in each KGB score band a share of the "
		    "rejects (the band's known bad rate times the event-rate "
		    "increase factor) made bad at random";
	case INFER_REWEIGHTING:
		return "reweighting: accepts weighted by the inverse of their "
		    "score band's acceptance rate";
	}
	return "";
}

const char *
report_infer_entered(enum infer_method m)
{
	switch (m) {
	case INFER_HARD_CUTOFF:
		return "once each, bad when the KGB PD is at or above the "
		    "cutoff, else good";
	case INFER_FUZZY:
		return "twice each, as a bad of weight P(bad) and a good of "
		    "weight 1 - P(bad)";
	case INFER_PARCELING:
		return "once each, a share of each KGB score band made bad at "
		    "random";
	case INFER_REWEIGHTING:
		return "none: the accepts are weighted by the inverse of their "
		    "KGB score band's acceptance rate";
	}
	return "";
}

char *
report_infer_weight(char *buf, double w)
{
	if (fabs(w - round(w)) < 1e-6)
		return fmt_count(buf, round(w));
	snprintf(buf, FMT_BUF, "%.2f", w);
	return buf;
}

void
report_infer_sample_text(FILE *f, const struct desk_infer_sample *s,
	const char *indent)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];

	fprintf(f, "%s%s rows, weight %s, weighted bads %s (%s)\n", indent,
	    fmt_count(b1, (double)s->rows), report_infer_weight(b2,
	    s->weight), report_infer_weight(b3, s->bad_weight), fmt_pct(b4,
	    s->weight > 0 ? s->bad_weight / s->weight : NAN));
	fprintf(f, "%saccepts: %s rows with their known outcome, %s bad, "
	    "weight %s\n", indent, fmt_count(b1, (double)s->accepts),
	    fmt_count(b2, (double)s->accept_bads),
	    report_infer_weight(b3, s->accept_weight));
	if (s->spec.method == INFER_REWEIGHTING) {
		fprintf(f, "%srejects: %s\n", indent,
		    report_infer_entered(s->spec.method));
		return;
	}
	fprintf(f, "%srejects: %s entered %s; %s rows, weight %s, weighted "
	    "bads %s\n", indent, fmt_count(b1, (double)s->rejects),
	    report_infer_entered(s->spec.method),
	    fmt_count(b2, (double)s->reject_rows),
	    report_infer_weight(b3, s->reject_weight),
	    report_infer_weight(b4, s->reject_bad_weight));
}

json_t *
report_infer_sample_json(const struct desk_infer_sample *s)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:{s:o, s:o, s:o, "
	    "s:o}, s:{s:o, s:o, s:s, s:o, s:o, s:o}}", "kgb", s->kgb, "method",
	    infer_method_name(s->spec.method), "rows", report_jcount(s->rows),
	    "weight", jfin(s->weight), "bad_weight", jfin(s->bad_weight),
	    "bad_rate", jfin(s->weight > 0 ? s->bad_weight / s->weight : NAN),
	    "accepts", "rows", report_jcount(s->accepts), "bads",
	    report_jcount(s->accept_bads), "weight", jfin(s->accept_weight),
	    "bad_weight", jfin(s->accept_bad_weight),
	    "rejects", "rejects", report_jcount(s->rejects), "rows",
	    report_jcount(s->reject_rows), "entered",
	    report_infer_entered(s->spec.method), "weight",
	    jfin(s->reject_weight), "bad_rows",
	    report_jcount(s->reject_bad_rows), "bad_weight",
	    jfin(s->reject_bad_weight));
}

/* Whether band b of r was capped at every reject bad (parceling). */
static int
band_capped(const struct infer_result *r, const struct infer_spec *spec,
	const struct infer_band *b)
{
	return r->method == INFER_PARCELING && b->rejects > 0 &&
	    (isnan(spec->factor) ? 1 : spec->factor) * b->bad_rate > 1;
}

/* The option that asked for the rejects' bad rate: "--factor" or
   "--bad-multiple". */
static const char *
asked_by(const struct infer_spec *spec)
{
	return !isnan(spec->bad_multiple) ? "--bad-multiple" : "--factor";
}

/* The cap at 100% (infer.h asked_bad_rate): null when nothing was
   asked that could be capped. */
static json_t *
cap_json(const struct infer_result *r, const struct infer_spec *spec)
{
	if (isnan(r->asked_bad_rate))
		return json_null();
	return json_pack("{s:b, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "capped", r->capped > 0, "option", asked_by(spec),
	    "bands_capped", r->method == INFER_PARCELING ?
	    report_jcount(r->capped) : json_null(), "rejects_capped",
	    report_jcount(r->capped_rejects), "reject_bad_rate_asked",
	    jfin(r->asked_bad_rate), "reject_bad_rate_reached",
	    jfin(r->reject_bad_rate), "rejects_made_bad",
	    report_jcount(r->reject_bads_n), "largest_reachable",
	    jfin(r->max_factor));
}

/* The text lines saying the cap bound, when it did; marked: the capped
   bands are starred in the band table that follows. */
static void
cap_text(FILE *f, const struct infer_result *r,
	const struct infer_spec *spec, int marked)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];

	if (r->capped == 0)
		return;
	fmt_pct(b1, r->asked_bad_rate);
	fmt_pct(b2, r->reject_bad_rate);
	if (r->method == INFER_HARD_CUTOFF)
		fprintf(f, "  capped at 100%%: %s %g asks for a rejects' bad "
		    "rate of %s, more bads than the %s rejects:\n  every "
		    "reject is made bad (bad rate reached %s); %s %g cannot "
		    "be reached, at most %.4g can\n", asked_by(spec),
		    !isnan(spec->bad_multiple) ? spec->bad_multiple :
		    spec->factor, b1, fmt_count(b3, (double)r->rejects), b2,
		    asked_by(spec), !isnan(spec->bad_multiple) ?
		    spec->bad_multiple : spec->factor, r->max_factor);
	else
		fprintf(f, "  capped at 100%%: in %zu band%s (%s rejects%s) "
		    "%g times the band's bad rate exceeds 100%%,\n"
		    "  so all their rejects are made bad; the rejects' bad "
		    "rate reached is %s, asked for %s:\n  --factor %g cannot "
		    "be applied in every band, at most %.4g can\n",
		    r->capped, r->capped == 1 ? "" : "s",
		    fmt_count(b3, (double)r->capped_rejects),
		    marked ? ", marked *" : "",
		    isnan(spec->factor) ? 1 : spec->factor, b2, b1,
		    isnan(spec->factor) ? 1 : spec->factor, r->max_factor);
}

/*
 * "<lead>1.65146, of Age (log-odds of bad per unit of WoE): -0.98765 in
 * the KGB, -2.63911 refitted" and a new line: the largest change of a
 * coefficient between two fits of one design (infer_coef_term), diff =
 * |to - from|, with the term it is of (term NULL: the intercept, in
 * log-odds of bad) and both values, five decimals as the coefficient
 * table writes them.  A coefficient of a WoE-coded characteristic is
 * the change of the log-odds of bad per unit of its WoE (fit regresses
 * bad on the WoE: logit P(bad) = b0 + sum b_k WoE_k).
 */
static void
coef_change(FILE *f, const char *lead, double diff, const char *term,
	double from, const char *from_name, double to, const char *to_name)
{
	fprintf(f, "%s%.5f, of %s%s (log-odds of bad%s):\n  %.5f in %s, "
	    "%.5f %s\n", lead, diff, term != NULL ? "" : "the intercept",
	    term != NULL ? term : "", term != NULL ? " per unit of WoE" : "",
	    from, from_name, to, to_name);
}

int
report_infer(FILE *f, const struct infer_result *r,
	const struct scorecard *kgb, const char *table,
	const struct infer_spec *spec, enum report_format fmt,
	struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], lab[96];
	double wsum = 0;
	size_t i, k;

	for (i = 0; i < r->n; i++)
		wsum += r->w[i];
	if (fmt == REPORT_JSON) {
		json_t *root = json_object(), *bands = json_array();
		json_t *coefs = json_array();

		json_object_set_new(root, "scorecard",
		    json_string(r->card->name));
		json_object_set_new(root, "kgb", json_string(kgb->name));
		json_object_set_new(root, "table", json_string(table));
		json_object_set_new(root, "method",
		    json_string(infer_method_name(r->method)));
		json_object_set_new(root, "settings", json_pack("{s:o, s:o, "
		    "s:o, s:o, s:o, s:o}", "factor", jfin(spec->factor),
		    "bad_multiple", jfin(spec->bad_multiple), "cutoff_pd",
		    jfin(spec->cutoff_pd), "reject_weight",
		    jfin(spec->reject_weight), "bands",
		    report_jcount(spec->bands), "seed",
		    report_jcount(spec->seed)));
		json_object_set_new(root, "accepts", report_jcount(r->accepts));
		json_object_set_new(root, "accept_bads",
		    report_jcount(r->accept_bads));
		json_object_set_new(root, "accept_bad_rate",
		    jfin(r->accept_bad_rate));
		json_object_set_new(root, "rejects", report_jcount(r->rejects));
		json_object_set_new(root, "reject_pd_kgb",
		    jfin(r->reject_pd_kgb));
		json_object_set_new(root, "reject_bad_rate",
		    jfin(r->reject_bad_rate));
		json_object_set_new(root, "ttd_bad_rate",
		    jfin(r->ttd_bad_rate));
		json_object_set_new(root, "cutoff_pd_used", jfin(r->cutoff_pd));
		json_object_set_new(root, "logodds_shift",
		    r->method == INFER_FUZZY ? json_real(r->shift) :
		    json_null());
		json_object_set_new(root, "rejects_made_bad",
		    r->method == INFER_HARD_CUTOFF || r->method ==
		    INFER_PARCELING ? report_jcount(r->reject_bads_n) :
		    json_null());
		json_object_set_new(root, "cap", cap_json(r, spec));
		json_object_set_new(root, "holdout_left_out",
		    report_jcount(r->held_out));
		json_object_set_new(root, "development_rows",
		    report_jcount(r->n));
		json_object_set_new(root, "development_weight", json_real(wsum));
		for (k = 0; k < r->nbands; k++) {
			const struct infer_band *b = &r->bands[k];

			json_array_append_new(bands, json_pack("{s:o, s:o, "
			    "s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "capped",
			    band_capped(r, spec, b) ? json_true() :
			    json_false(), "lo", jfin(b->lo),
			    "hi", jfin(b->hi), "accepts",
			    report_jcount(b->accepts), "bads",
			    report_jcount(b->bads), "bad_rate",
			    jfin(b->bad_rate), "rejects",
			    report_jcount(b->rejects), "reject_bads",
			    jfin(b->reject_bads), "weight",
			    r->method == INFER_REWEIGHTING ?
			    jfin(b->weight) : json_null()));
		}
		json_object_set_new(root, "bands", bands);
		json_array_append_new(coefs, json_pack("{s:s, s:o, s:o}",
		    "name", "(Intercept)", "kgb", jfin(kgb->intercept),
		    "inferred", jfin(r->card->intercept)));
		for (k = 0; k < kgb->nchars; k++)
			json_array_append_new(coefs, json_pack("{s:s, s:o, "
			    "s:o}", "name", kgb->chars[k].ch->name, "kgb",
			    jfin(kgb->chars[k].coef), "inferred",
			    jfin(r->card->chars[k].coef)));
		json_object_set_new(root, "coefficients", coefs);
		json_object_set_new(root, "max_coefficient_change",
		    jfin(r->coef_diff));
		json_object_set_new(root, "reproduces_kgb",
		    json_boolean(r->reproduces));
		return report_json_emit(f, root, err);
	}
	fprintf(f, "scorecard \"%s\" inferred from KGB scorecard \"%s\" on "
	    "table \"%s\"\n", r->card->name, kgb->name, table);
	fprintf(f, "method: %s\n", method_text(r->method));
	if (!isnan(spec->factor))
		fprintf(f, "  event-rate increase factor %g: the rejects' bad "
		    "rate is %g times %s\n", spec->factor, spec->factor,
		    r->method == INFER_PARCELING ? "the known bad rate of "
		    "their KGB score band (its accepts')" : "the KGB "
		    "scorecard's");
	if (!isnan(spec->bad_multiple))
		fprintf(f, "  bad multiple %g: the rejects' bad rate is %g "
		    "times the accepts'\n", spec->bad_multiple,
		    spec->bad_multiple);
	if (spec->reject_weight != 1)
		fprintf(f, "  reject weight %g\n", spec->reject_weight);
	if (r->method == INFER_HARD_CUTOFF)
		fprintf(f, "  cutoff PD %s%s: %s rejects made bad\n",
		    isnan(r->cutoff_pd) ? "none" : fmt_stat(b1, r->cutoff_pd),
		    isnan(spec->cutoff_pd) ? " (set from the bads wanted)" :
		    " (given)", fmt_count(b2, (double)r->reject_bads_n));
	if (r->method == INFER_FUZZY && r->shift != 0)
		fprintf(f, "  log-odds shift of the rejects' P(bad): %+.6f\n",
		    r->shift);
	if (r->method == INFER_PARCELING)
		fprintf(f, "  seed %lu: %s rejects made bad\n", spec->seed,
		    fmt_count(b1, (double)r->reject_bads_n));
	cap_text(f, r, spec, 1);
	if (r->held_out > 0)
		fprintf(f, "the KGB's holdout left out: %s of the %s rows, so "
		    "that the inferred scorecard's\n  holdout stays out of "
		    "sample; the rows below are its development rows\n",
		    fmt_count(b1, (double)r->held_out),
		    fmt_count(b2, (double)r->table_rows));
	fprintf(f, "accepts %s, %s bad (%s); rejects %s\n",
	    fmt_count(b1, (double)r->accepts),
	    fmt_count(b2, (double)r->accept_bads),
	    fmt_pct(b3, r->accept_bad_rate),
	    fmt_count(b4, (double)r->rejects));
	fprintf(f, "rejects' bad rate: KGB model %s (mean PD of its unrounded "
	    "log-odds), inferred %s\n",
	    fmt_pct(b1, r->reject_pd_kgb), fmt_pct(b2, r->reject_bad_rate));
	fprintf(f, "through-the-door bad rate estimate: %s\n",
	    fmt_pct(b1, r->ttd_bad_rate));
	fprintf(f, "augmented development set: %s rows, weight %.6g "
	    "(stored with the scorecard)\n", fmt_count(b1, (double)r->n),
	    wsum);
	fprintf(f, "\nKGB score band      accepts      bads  bad rate   "
	    "rejects  inferred bads%s\n", r->method == INFER_REWEIGHTING ?
	    "   weight" : "");
	for (k = 0; k < r->nbands; k++) {
		const struct infer_band *b = &r->bands[k];

		report_band_label(lab, sizeof lab, b->lo, b->hi);
		fprintf(f, "%-16s %10s %9s %9s %9s %14.2f", lab,
		    fmt_count(b1, (double)b->accepts),
		    fmt_count(b2, (double)b->bads), fmt_pct(b3, b->bad_rate),
		    fmt_count(b4, (double)b->rejects), b->reject_bads);
		if (r->method == INFER_REWEIGHTING)
			fprintf(f, " %8.4f", b->weight);
		if (band_capped(r, spec, b))
			fputs(" *", f);
		fputc('\n', f);
	}
	fprintf(f, "\nterm (WoE-coded)                          KGB    "
	    "inferred\n");
	fprintf(f, "%-32s %12.5f %11.5f\n", "(Intercept)", kgb->intercept,
	    r->card->intercept);
	for (k = 0; k < kgb->nchars; k++)
		fprintf(f, "%-32s %12.5f %11.5f\n", kgb->chars[k].ch->name,
		    kgb->chars[k].coef, r->card->chars[k].coef);
	{
		size_t t = infer_coef_term(kgb, r->card);

		coef_change(f, "largest coefficient change: ", r->coef_diff,
		    t == 0 ? NULL : kgb->chars[t - 1].ch->name, t == 0 ?
		    kgb->intercept : kgb->chars[t - 1].coef, "the KGB",
		    t == 0 ? r->card->intercept : r->card->chars[t - 1].coef,
		    "inferred");
	}
	if (r->method == INFER_FUZZY && isnan(spec->factor) &&
	    isnan(spec->bad_multiple) && r->reproduces)
		fprintf(f, "fuzzy augmentation without a factor reproduces the "
		    "KGB coefficients: the clones' score equations vanish at "
		    "the KGB estimate, so the rejects add no information\n");
	return ferror(f) ? rd_err_set(err, RD_EIO, "cannot write the "
	    "report") : 0;
}

json_t *
report_infer_compare_json(const struct desk_infer_cmp *c,
	const struct desk_card_swap *ps, const char *policy)
{
	const struct infer_comparison *m = &c->cmp;
	size_t k;
	json_t *root = json_object(), *bands = json_array();
	json_t *chars = json_array();

	json_object_set_new(root, "scorecard", json_string(c->name));
	json_object_set_new(root, "kgb", json_string(c->kgb));
	json_object_set_new(root, "table", json_string(c->population));
	json_object_set_new(root, "method",
	    json_string(infer_method_name(c->spec.method)));
	json_object_set_new(root, "accepts", report_jcount(m->accepts));
	json_object_set_new(root, "accept_bads",
	    report_jcount(m->accept_bads));
	json_object_set_new(root, "accept_bad_rate",
	    jfin(m->accept_bad_rate));
	json_object_set_new(root, "rejects", report_jcount(m->rejects));
	json_object_set_new(root, "reject_bad_rate", json_pack("{s:o, "
	    "s:o}", "kgb", jfin(m->reject_pd_kgb), "inferred",
	    jfin(m->reject_pd_inf)));
	json_object_set_new(root, "ttd_bad_rate", json_pack("{s:o, "
	    "s:o}", "kgb", jfin(m->ttd_kgb), "inferred",
	    jfin(m->ttd_inf)));
	json_object_set_new(root, "augmented", json_pack("{s:o, s:o}",
	    "reject_bad_rate", jfin(m->reject_aug), "ttd_bad_rate",
	    jfin(m->ttd_aug)));
	json_object_set_new(root, "relative_change", jfin(m->change));
	json_object_set_new(root, "changed_little",
	    json_boolean(m->little));
	for (k = 0; k < m->nbands; k++) {
		const struct infer_cmp_band *b = &m->bands[k];

		json_array_append_new(bands, json_pack("{s:o, s:o, "
		    "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "lo",
		    jfin(b->lo), "hi", jfin(b->hi), "applicants",
		    report_jcount(b->applicants), "accepts",
		    report_jcount(b->accepts), "rejects",
		    report_jcount(b->rejects), "score_kgb",
		    jfin(b->score_kgb), "score_inferred",
		    jfin(b->score_inf), "shift", jfin(b->shift),
		    "reject_pd_kgb", jfin(b->reject_pd_kgb),
		    "reject_pd_inferred", jfin(b->reject_pd_inf)));
	}
	json_object_set_new(root, "bands", bands);
	for (k = 0; k < m->nchars; k++) {
		const struct infer_cmp_char *h = &m->chars[k];

		json_array_append_new(chars, json_pack("{s:s, s:o, "
		    "s:o, s:o, s:o, s:o, s:o, s:o}", "name", h->name,
		    "coef_kgb", jfin(h->coef_kgb), "coef_inferred",
		    jfin(h->coef_inf), "woe_change",
		    jfin(h->woe_change), "bin",
		    report_jcount(h->worst_bin + 1), "woe_kgb",
		    jfin(h->woe_kgb), "woe_augmented",
		    jfin(h->woe_aug), "points_change",
		    jfin(h->points_change)));
	}
	json_object_set_new(root, "characteristics", chars);
	json_object_set_new(root, "swap", !m->has_swap ? json_null() :
	    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "cutoff",
	    jfin(m->cutoff), "both", report_jcount(m->both),
	    "swap_in", report_jcount(m->swap_in), "swap_out",
	    report_jcount(m->swap_out), "neither",
	    report_jcount(m->neither), "swap_in_rejects",
	    report_jcount(m->swap_in_rejects), "swap_out_rejects",
	    report_jcount(m->swap_out_rejects)));
	json_object_set_new(root, "policy_swap", ps == NULL ?
	    json_null() : json_pack("{s:s, s:o}", "policy", policy,
	    "swap", report_swap_json(&ps->a.prep, &ps->swap)));
	return root;
}

int
report_infer_compare(FILE *f, const struct desk_infer_cmp *c,
	const struct desk_card_swap *ps, const char *policy,
	enum report_format fmt, struct rd_err *err)
{
	const struct infer_comparison *m = &c->cmp;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char lab[96];
	size_t k;

	if (fmt == REPORT_JSON)
		return report_json_emit(f, report_infer_compare_json(c, ps,
		    policy), err);
	fprintf(f, "KGB scorecard \"%s\" against inferred scorecard \"%s\" "
	    "(%s) on table \"%s\"\n", c->kgb, c->name,
	    infer_method_name(c->spec.method), c->population);
	fprintf(f, "accepts %s, %s bad (%s); rejects %s\n",
	    fmt_count(b1, (double)m->accepts),
	    fmt_count(b2, (double)m->accept_bads),
	    fmt_pct(b3, m->accept_bad_rate),
	    fmt_count(b4, (double)m->rejects));
	fprintf(f, "                                 KGB   inferred  "
	    "augmented set\n");
	fprintf(f, "rejects' estimated bad rate %9s  %9s  %13s\n",
	    fmt_pct(b1, m->reject_pd_kgb), fmt_pct(b2, m->reject_pd_inf),
	    fmt_pct(b3, m->reject_aug));
	fprintf(f, "through-the-door bad rate   %9s  %9s  %13s\n",
	    fmt_pct(b1, m->ttd_kgb), fmt_pct(b2, m->ttd_inf),
	    fmt_pct(b3, m->ttd_aug));
	fprintf(f, "(KGB and inferred: mean PD of each scorecard's rounded "
	    "points over the rejects,\nas decide scores them; infer itself "
	    "gives the KGB model's unrounded PD.\nAugmented set: the "
	    "inferred outcomes themselves, which a scorecard of the same\n"
	    "characteristics can only approach where rejects and accepts "
	    "share attributes)\n");
	fprintf(f, "the rejects' estimated bad rate moved by %s of the KGB's:"
	    " %s\n", fmt_pct(b1, m->change), m->little ? "inference changed "
	    "little" : "inference changed the estimate");
	fprintf(f, "\nKGB score band   applicants  accepts  rejects  mean KGB "
	    "mean inferred    shift  rejects' PD KGB  inferred\n");
	for (k = 0; k < m->nbands; k++) {
		const struct infer_cmp_band *b = &m->bands[k];

		report_band_label(lab, sizeof lab, b->lo, b->hi);
		fprintf(f, "%-16s %10s %8s %8s %8.1f %13.1f %+8.1f %16s %9s\n",
		    lab, fmt_count(b1, (double)b->applicants),
		    fmt_count(b2, (double)b->accepts),
		    fmt_count(b3, (double)b->rejects), b->score_kgb,
		    b->score_inf, b->shift, fmt_pct(b4, b->reject_pd_kgb),
		    fmt_pct(b5, b->reject_pd_inf));
	}
	fprintf(f, "\ncharacteristics by largest WoE change (the augmented set "
	    "against the accepts)\n");
	fprintf(f, "%-32s %9s %9s %8s %5s %9s %9s %7s\n", "characteristic",
	    "coef KGB", "inferred", "|dWoE|", "bin", "WoE KGB", "WoE aug",
	    "|dpts|");
	for (k = 0; k < m->nchars; k++) {
		const struct infer_cmp_char *h = &m->chars[k];

		fprintf(f, "%-32s %9.4f %9.4f %8.4f %5zu %9.4f %9.4f %7g\n",
		    h->name, h->coef_kgb, h->coef_inf, h->woe_change,
		    h->worst_bin + 1, h->woe_kgb, h->woe_aug,
		    h->points_change);
	}
	if (m->has_swap) {
		fprintf(f, "\nswap set at cutoff %g (approve at score >= "
		    "cutoff), all applicants:\n", m->cutoff);
		fprintf(f, "  approved by both %s, swap-in (inferred only) %s "
		    "(%s rejects),\n", fmt_count(b1, (double)m->both),
		    fmt_count(b2, (double)m->swap_in),
		    fmt_count(b3, (double)m->swap_in_rejects));
		fprintf(f, "  swap-out (KGB only) %s (%s rejects), declined by "
		    "both %s\n", fmt_count(b1, (double)m->swap_out),
		    fmt_count(b2, (double)m->swap_out_rejects),
		    fmt_count(b3, (double)m->neither));
	}
	if (ps != NULL) {
		char head[512];

		snprintf(head, sizeof head, "policy %s scored with KGB "
		    "\"%s\" (champion) and inferred \"%s\" (challenger), "
		    "its own cutoffs,\non its population \"%s\"", policy,
		    c->kgb, c->name, ps->a.policy->population);
		report_swap_text(f, &ps->a.prep, &ps->swap, head);
	}
	return ferror(f) ? rd_err_set(err, RD_EIO, "cannot write the "
	    "report") : 0;
}

/* The name of method k of b, or NULL for none. */
static const char *
bench_name(const struct infer_benchmark *b, size_t k)
{
	return k < b->nmethods ? infer_method_name(b->methods[k].method) :
	    NULL;
}

static json_t *
jname(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* A rate or "n/a" into buf. */
static const char *
pct_or_na(char *buf, double x)
{
	if (!isfinite(x))
		return "n/a";
	return fmt_pct(buf, x);
}

/* Method m's run as an infer_result holding only its cap, for cap_json
   and cap_text. */
static struct infer_result
bench_cap(const struct infer_bench_method *m)
{
	struct infer_result r;

	memset(&r, 0, sizeof r);
	r.method = m->method;
	r.asked_bad_rate = m->asked_bad_rate;
	r.reject_bad_rate = m->reject_bad_rate;
	r.max_factor = m->max_factor;
	r.capped = m->capped;
	r.capped_rejects = m->capped_rejects;
	r.reject_bads_n = m->reject_bads_n;
	r.rejects = m->rejects;
	return r;
}

int
report_infer_benchmark(FILE *f, const struct infer_benchmark *b,
	const char *kgb, const char *table, const struct infer_spec *spec,
	enum report_format fmt, struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF], b5[FMT_BUF];
	char b6[FMT_BUF], b7[FMT_BUF], lab[96], auc[32];
	size_t j, k;

	if (fmt == REPORT_JSON) {
		json_t *root = json_object(), *ms = json_array();
		json_t *bands = json_array();

		json_object_set_new(root, "kgb", json_string(kgb));
		json_object_set_new(root, "table", json_string(table));
		json_object_set_new(root, "share", jfin(b->share));
		json_object_set_new(root, "cutoff", jfin(b->cutoff));
		json_object_set_new(root, "accepts", report_jcount(b->accepts));
		json_object_set_new(root, "accept_bads",
		    report_jcount(b->accept_bads));
		json_object_set_new(root, "masked", report_jcount(b->masked));
		json_object_set_new(root, "masked_bads",
		    report_jcount(b->masked_bads));
		json_object_set_new(root, "kept", report_jcount(b->kept));
		json_object_set_new(root, "kept_bads",
		    report_jcount(b->kept_bads));
		json_object_set_new(root, "rejects_left_out",
		    report_jcount(b->rejects));
		json_object_set_new(root, "settings", json_pack("{s:o, s:o, "
		    "s:o, s:o}", "factor", jfin(spec->factor),
		    "reject_weight", jfin(spec->reject_weight), "bands",
		    report_jcount(spec->bands), "seed",
		    report_jcount(spec->seed)));
		json_object_set_new(root, "true_bad_rate",
		    jfin(b->true_bad_rate));
		json_object_set_new(root, "kgb_masked", json_pack("{s:o, s:o, "
		    "s:o, s:o, s:o}", "card_pd", jfin(b->kgb_pd), "card_error",
		    jfin(b->kgb_pd - b->true_bad_rate), "auc",
		    jfin(b->kgb_auc), "card_band_error",
		    jfin(b->kgb_band_error), "coef_change",
		    jfin(b->kgb_coef_diff)));
		json_object_set_new(root, "kgb_all_accepts", json_pack("{s:o, "
		    "s:o}", "card_pd", jfin(b->full_pd), "auc",
		    jfin(b->full_auc)));
		for (j = 0; j < b->nmethods; j++) {
			const struct infer_bench_method *m = &b->methods[j];
			struct infer_result cr = bench_cap(m);

			json_array_append_new(ms, json_pack("{s:s, s:o, s:o, "
			    "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "method",
			    infer_method_name(m->method), "est_bad_rate",
			    jfin(m->est_bad_rate), "error",
			    m->error[0] != '\0' ? json_string(m->error) :
			    jfin(m->est_bad_rate - b->true_bad_rate),
			    "card_pd", jfin(m->card_pd), "card_error",
			    jfin(m->card_pd - b->true_bad_rate), "auc",
			    jfin(m->auc), "band_error", jfin(m->band_error),
			    "card_band_error", jfin(m->card_band_error),
			    "coef_change", jfin(m->coef_diff), "ran",
			    json_boolean(m->error[0] == '\0'), "cap",
			    m->error[0] != '\0' ? json_null() :
			    cap_json(&cr, spec)));
		}
		json_object_set_new(root, "methods", ms);
		for (k = 0; k < b->nbands; k++) {
			const struct infer_bench_band *bb = &b->bands[k];
			json_t *est = json_object(), *card = json_object();

			for (j = 0; j < b->nmethods; j++) {
				const char *n = bench_name(b, j);

				json_object_set_new(est, n, jfin(bb->est[j]));
				json_object_set_new(card, n, jfin(bb->card[j]));
			}
			json_array_append_new(bands, json_pack("{s:o, s:o, "
			    "s:o, s:o, s:o, s:o, s:o, s:o}", "lo",
			    jfin(bb->lo), "hi", jfin(bb->hi), "pseudo_rejects",
			    report_jcount(bb->n), "bads",
			    report_jcount(bb->bads), "bad_rate",
			    jfin(bb->bad_rate), "kgb", jfin(bb->kgb), "est",
			    est, "card", card));
		}
		json_object_set_new(root, "bands", bands);
		json_object_set_new(root, "nearest", json_pack("{s:o, s:o, "
		    "s:o}", "bad_rate", jname(bench_name(b, b->best_rate)),
		    "band_error", jname(bench_name(b, b->best_band)), "auc",
		    jname(bench_name(b, b->best_auc))));
		return report_json_emit(f, root, err);
	}
	fprintf(f, "masked-accept benchmark of KGB scorecard \"%s\" on table "
	    "\"%s\"\n", kgb, table);
	fprintf(f, "accepts %s, %s bad (%s); masked as pseudo-rejects: the "
	    "%s scoring below %g (share %g asked, %s of the accepts),\n"
	    "  %s bad (%s), outcomes hidden from every method\n",
	    fmt_count(b1, (double)b->accepts),
	    fmt_count(b2, (double)b->accept_bads),
	    fmt_pct(b3, (double)b->accept_bads / (double)b->accepts),
	    fmt_count(b4, (double)b->masked), b->cutoff, b->share,
	    fmt_pct(b5, (double)b->masked / (double)b->accepts),
	    fmt_count(b6, (double)b->masked_bads),
	    fmt_pct(b7, b->true_bad_rate));
	fprintf(f, "the KGB refitted on the %s kept accepts (%s bad): its "
	    "bins kept, WoE from the kept\n  accepts; ",
	    fmt_count(b1, (double)b->kept),
	    fmt_count(b2, (double)b->kept_bads));
	coef_change(f, "largest coefficient change ", b->kgb_coef_diff,
	    b->kgb_coef_term != NULL && strcmp(b->kgb_coef_term,
	    "(Intercept)") != 0 ? b->kgb_coef_term : NULL, b->kgb_coef_from,
	    "the KGB", b->kgb_coef_to, "refitted");
	if (b->rejects > 0)
		fprintf(f, "the table's %s rejects take no part\n",
		    fmt_count(b1, (double)b->rejects));
	if (!isnan(spec->factor))
		fprintf(f, "event-rate increase factor %g (hard-cutoff, fuzzy, "
		    "parceling)\n", spec->factor);
	fprintf(f, "\npseudo-rejects' bad rate: true %s\n",
	    fmt_pct(b1, b->true_bad_rate));
	fprintf(f, "%-20s %9s %8s %10s %8s %7s %10s %10s\n", "method",
	    "inferred", "error", "scorecard", "error", "AUC", "band err",
	    "band err");
	fprintf(f, "%-20s %9s %8s %10s %8s %7s %10s %10s\n", "", "outcomes",
	    "pts", "mean PD", "pts", "", "inferred", "scorecard");
	snprintf(auc, sizeof auc, "%.4f", b->kgb_auc);
	fprintf(f, "%-20s %9s %8s %10s %+8.1f %7s %10s %10.4f\n",
	    "KGB, no inference", "-", "-", fmt_pct(b1, b->kgb_pd),
	    100 * (b->kgb_pd - b->true_bad_rate),
	    isfinite(b->kgb_auc) ? auc : "n/a", "-", b->kgb_band_error);
	for (j = 0; j < b->nmethods; j++) {
		const struct infer_bench_method *m = &b->methods[j];

		if (m->error[0] != '\0') {
			fprintf(f, "%-20s did not run: %s\n",
			    infer_method_name(m->method), m->error);
			continue;
		}
		snprintf(auc, sizeof auc, "%.4f", m->auc);
		fprintf(f, "%-20s %9s %+8.1f %10s %+8.1f %7s %10.4f "
		    "%10.4f\n", infer_method_name(m->method),
		    fmt_pct(b1, m->est_bad_rate),
		    100 * (m->est_bad_rate - b->true_bad_rate),
		    fmt_pct(b2, m->card_pd),
		    100 * (m->card_pd - b->true_bad_rate),
		    isfinite(m->auc) ? auc : "n/a", m->band_error,
		    m->card_band_error);
	}
	snprintf(auc, sizeof auc, "%.4f", b->full_auc);
	fprintf(f, "%-20s %9s %8s %10s %+8.1f %7s\n", "KGB, all accepts *",
	    "-", "-", fmt_pct(b1, b->full_pd),
	    100 * (b->full_pd - b->true_bad_rate),
	    isfinite(b->full_auc) ? auc : "n/a");
	fprintf(f, "(error: estimate - truth, in points of bad rate; AUC of "
	    "each scorecard on the\npseudo-rejects; band error: sum over "
	    "bands of n |estimate - truth| / n; KGB, no\ninference: refitted "
	    "on the kept accepts; * the KGB as stored, fitted with the\n"
	    "hidden outcomes: a reference, not a method)\n");
	for (j = 0; j < b->nmethods; j++) {
		struct infer_result cr = bench_cap(&b->methods[j]);

		if (b->methods[j].error[0] != '\0' || cr.capped == 0)
			continue;
		fprintf(f, "%s, on the %s pseudo-rejects:\n",
		    infer_method_name(cr.method),
		    fmt_count(b1, (double)cr.rejects));
		cap_text(f, &cr, spec, 0);
	}
	if (b->nmethods > 0)
		fprintf(f, "nearest the truth: bad rate %s, by band %s, AUC "
		    "%s\n", b->best_rate < b->nmethods ? bench_name(b,
		    b->best_rate) : "a tie", b->best_band < b->nmethods ?
		    bench_name(b, b->best_band) : "a tie", b->best_auc <
		    b->nmethods ? bench_name(b, b->best_auc) : "a tie");
	fprintf(f, "\npseudo-rejects by masked KGB score band: true bad rate "
	    "and each method's\ninferred outcomes\n");
	fprintf(f, "%-16s %8s %8s %8s", "score band", "n", "true", "KGB");
	for (j = 0; j < b->nmethods; j++)
		fprintf(f, " %12s", bench_name(b, j));
	fputc('\n', f);
	for (k = 0; k < b->nbands; k++) {
		const struct infer_bench_band *bb = &b->bands[k];

		report_band_label(lab, sizeof lab, bb->lo, bb->hi);
		fprintf(f, "%-16s %8s %8s %8s", lab,
		    fmt_count(b1, (double)bb->n), fmt_pct(b2, bb->bad_rate),
		    pct_or_na(b3, bb->kgb));
		for (j = 0; j < b->nmethods; j++)
			fprintf(f, " %12s", pct_or_na(b1, bb->est[j]));
		fputc('\n', f);
	}
	return ferror(f) ? rd_err_set(err, RD_EIO, "cannot write the "
	    "report") : 0;
}
