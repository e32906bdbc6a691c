/*
 * report-fraud.c - the figures of a fraud rule set as text or JSON (see
 * report-fraud.h).
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "desk/desk-fraud.h"
#include "report/report-fraud.h"
#include "report/report-out.h"
#include "util/err.h"
#include "util/fmt.h"

/* A ratio such as the false-positive ratio, "12.3:1", or n/a. */
static const char *
fpr_text(char *buf, double x)
{
	if (!isfinite(x))
		return "n/a";
	snprintf(buf, FMT_BUF, "%.1f:1", x);
	return buf;
}

/* A rate, or n/a when it cannot be computed. */
static const char *
pct(char *buf, double x)
{
	return fmt_pct_na(buf, x, isnan(x) ? FMT_NA : NULL);
}

/* The figures of one rule or the set as JSON members of o. */
static void
figures_json(json_t *o, const struct fraud_figures *f, int rule)
{
	json_object_set_new(o, "alerts", report_jcount(f->alerts));
	json_object_set_new(o, "frauds_caught",
	    report_jcount(f->frauds_caught));
	if (rule)
		json_object_set_new(o, "unique_frauds",
		    report_jcount(f->unique_frauds));
	json_object_set_new(o, "false_positives",
	    report_jcount(f->false_positives));
	json_object_set_new(o, "alert_rate", report_jnum(f->alert_rate));
	json_object_set_new(o, "detection_rate",
	    report_jnum(f->detection_rate));
	json_object_set_new(o, "value_detection_rate",
	    report_jnum(f->value_detection_rate));
	json_object_set_new(o, "false_positive_ratio",
	    report_jnum(f->false_positive_ratio));
	json_object_set_new(o, "precision", report_jnum(f->precision));
	json_object_set_new(o, "amount_caught", report_jnum(f->amount_caught));
}

/* The fraud scorecard's figures as a JSON object. */
static json_t *
scorecard_json(const char *name, const struct fraud_eval *e)
{
	json_t *o = json_object();
	int cap = !isnan(e->capacity);

	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "auc", report_jnum(e->auc));
	json_object_set_new(o, "alerts_worked", cap ?
	    report_jcount(e->worked) : json_null());
	json_object_set_new(o, "frauds_worked", cap && e->labelled ?
	    report_jcount(e->frauds_worked) : json_null());
	json_object_set_new(o, "detection_at_capacity",
	    report_jnum(e->detection_at_capacity));
	json_object_set_new(o, "frauds_worked_by_rules", cap && e->labelled ?
	    report_jcount(e->frauds_worked_rules) : json_null());
	json_object_set_new(o, "detection_at_capacity_by_rules",
	    report_jnum(e->detection_at_capacity_rules));
	return o;
}

json_t *
report_fraud_json(const struct policy *p, const char *table,
	const struct fraud_eval *e)
{
	const struct policy_fraud *fr = p->fraud;
	json_t *root = json_object(), *rules = json_object(), *r;
	size_t k;

	json_object_set_new(root, "policy", json_string(p->name));
	json_object_set_new(root, "table", json_string(table));
	json_object_set_new(root, "events", report_jcount(e->events));
	json_object_set_new(root, "frauds", e->labelled ?
	    report_jcount(e->frauds) : json_null());
	json_object_set_new(root, "fraud_amount", e->valued ?
	    report_jnum(e->fraud_amount) : json_null());
	figures_json(root, &e->set, 0);
	json_object_set_new(root, "declines", report_jcount(e->declines));
	json_object_set_new(root, "refers", report_jcount(e->refers));
	json_object_set_new(root, "days", report_jcount(e->days));
	json_object_set_new(root, "alerts_per_day",
	    report_jnum(e->alerts_per_day));
	json_object_set_new(root, "max_alerts_day",
	    report_jcount(e->max_alerts_day));
	json_object_set_new(root, "capacity", report_jnum(e->capacity));
	if (!isnan(e->capacity)) {
		json_object_set_new(root, "days_over_capacity",
		    report_jcount(e->days_over));
		json_object_set_new(root, "alerts_over_capacity",
		    report_jcount(e->alerts_over));
		json_object_set_new(root, "alerts_worked",
		    report_jcount(e->worked));
		json_object_set_new(root, "frauds_worked", e->labelled ?
		    report_jcount(e->frauds_worked) : json_null());
		json_object_set_new(root, "detection_rate_at_capacity",
		    report_jnum(e->detection_at_capacity));
	}
	if (e->scored)
		json_object_set_new(root, "scorecard", scorecard_json(
		    fr->scorecard, e));
	for (k = 0; k < e->nrules; k++) {
		r = json_object();
		json_object_set_new(r, "action", json_string(
		    policy_fraud_action_names[fr->rules[k].action]));
		json_object_set_new(r, "when", json_string(fr->rules[k].when));
		json_object_set_new(r, "reason",
		    json_string(fr->rules[k].reason));
		figures_json(r, &e->rule[k], 1);
		json_object_set_new(rules, fr->rules[k].name, r);
	}
	json_object_set_new(root, "rules", rules);
	return root;
}

void
report_fraud_text(FILE *out, const struct policy *p, const char *table,
	const struct fraud_eval *e)
{
	const struct policy_fraud *fr = p->fraud;
	const struct fraud_figures *g;
	char a[FMT_BUF], b[FMT_BUF], c[FMT_BUF], d[FMT_BUF], x[FMT_BUF];
	char y[FMT_BUF], z[FMT_BUF], q[FMT_BUF];
	size_t k, w = 4;

	fprintf(out, "Fraud rules of policy %s on table %s\n", p->name,
	    table);
	fprintf(out, "  events %s, known frauds %s%s%s\n",
	    fmt_count(a, (double)e->events), e->labelled ?
	    fmt_count(b, (double)e->frauds) : "n/a (no label)",
	    e->valued ? ", fraud amount " : "",
	    e->valued ? fmt_money(c, e->fraud_amount) : "");
	g = &e->set;
	fprintf(out, "\nRule set (an alert: any rule fires)\n");
	fprintf(out, "  alerts                 %s (%s of events; %s declines, "
	    "%s refers)\n", fmt_count(a, (double)g->alerts),
	    pct(b, g->alert_rate), fmt_count(c, (double)e->declines),
	    fmt_count(d, (double)e->refers));
	fprintf(out, "  frauds caught          %s\n", e->labelled ?
	    fmt_count(a, (double)g->frauds_caught) : "n/a");
	fprintf(out, "  detection rate         %s\n",
	    pct(a, g->detection_rate));
	fprintf(out, "  value detection rate   %s%s%s%s\n",
	    pct(a, g->value_detection_rate), e->valued ? " (" : "",
	    e->valued ? fmt_money(b, g->amount_caught) : "",
	    e->valued ? " caught)" : "");
	fprintf(out, "  false positives        %s\n", e->labelled ?
	    fmt_count(a, (double)g->false_positives) : "n/a");
	fprintf(out, "  false-positive ratio   %s (honest alerts per fraud "
	    "caught)\n", fpr_text(a, g->false_positive_ratio));
	fprintf(out, "  precision              %s\n", pct(a, g->precision));

	for (k = 0; k < e->nrules; k++)
		if (strlen(fr->rules[k].name) > w)
			w = strlen(fr->rules[k].name);
	fprintf(out, "\nBy rule\n  %-*s  %-7s %-6s %9s %8s %9s %8s %8s %9s "
	    "%7s %7s\n", (int)w, "rule", "action", "reason", "alerts",
	    "rate", "caught", "unique", "detect", "value", "FPR",
	    "prec");
	for (k = 0; k < e->nrules; k++) {
		g = &e->rule[k];
		fprintf(out, "  %-*s  %-7s %-6s %9s %8s %9s %8s %8s %9s %7s "
		    "%7s\n", (int)w, fr->rules[k].name,
		    policy_fraud_action_names[fr->rules[k].action],
		    fr->rules[k].reason, fmt_count(a, (double)g->alerts),
		    pct(b, g->alert_rate), e->labelled ? fmt_count(c,
		    (double)g->frauds_caught) : "n/a", e->labelled ?
		    fmt_count(d, (double)g->unique_frauds) : "n/a",
		    pct(x, g->detection_rate),
		    pct(y, g->value_detection_rate),
		    fpr_text(z, g->false_positive_ratio),
		    pct(q, g->precision));
	}
	fprintf(out, "  (caught: frauds among the alerts; unique: frauds no "
	    "other rule catches; FPR: false-positive ratio)\n");

	fprintf(out, "\nAlerts by day\n");
	fprintf(out, "  days                   %s\n",
	    fmt_count(a, (double)e->days));
	fprintf(out, "  alerts per day         %s (busiest day %s)\n",
	    fmt_stat_na(a, e->alerts_per_day, isnan(e->alerts_per_day) ?
	    FMT_NA : NULL),
	    fmt_count(b, (double)e->max_alerts_day));
	if (isnan(e->capacity)) {
		fprintf(out, "  capacity               none given\n");
	} else {
		fprintf(out, "  capacity               %s alerts a day\n",
		    fmt_count(a, e->capacity));
		fprintf(out, "  days over capacity     %s (%s alerts beyond "
		    "it)\n", fmt_count(a, (double)e->days_over),
		    fmt_count(b, (double)e->alerts_over));
		fprintf(out, "  worked, highest risk first  %s alerts, %s "
		    "frauds (detection %s)\n", fmt_count(a, (double)e->worked),
		    e->labelled ? fmt_count(b, (double)e->frauds_worked) :
		    "n/a", pct(c, e->detection_at_capacity));
	}
	if (e->scored) {
		fprintf(out, "\nFraud scorecard %s (ranks the alerts worked: "
		    "fewest points first)\n", fr->scorecard);
		fprintf(out, "  AUC                    %s%s\n",
		    fmt_stat_na(a, e->auc, isnan(e->auc) ? FMT_NA : NULL),
		    e->labelled ? "" : " (no label)");
		if (isnan(e->capacity)) {
			fprintf(out, "  detection at capacity  n/a (no "
			    "capacity)\n");
		} else {
			fprintf(out, "  detection at capacity  %s (%s frauds "
			    "in %s alerts worked)\n",
			    pct(a, e->detection_at_capacity), e->labelled ?
			    fmt_count(b, (double)e->frauds_worked) : "n/a",
			    fmt_count(c, (double)e->worked));
			fprintf(out, "  by the rules' order    %s (%s frauds)\n",
			    pct(a, e->detection_at_capacity_rules),
			    e->labelled ? fmt_count(b,
			    (double)e->frauds_worked_rules) : "n/a");
		}
	}
}

int
report_fraud(FILE *out, const struct desk_fraud *f, int json,
	struct rd_err *err)
{
	if (json)
		return report_json_emit(out, report_fraud_json(f->policy,
		    f->table, &f->eval), err);
	report_fraud_text(out, f->policy, f->table, &f->eval);
	return report_text_done(out, err);
}

/* s as a CSV field (quoted when it holds a comma, a quote or a line
   end). */
static void
csv_put(FILE *out, const char *s)
{
	fmt_csv_field(out, s);
}

int
report_fraud_events(FILE *out, const struct desk_fraud *f,
	struct rd_err *err)
{
	const struct fraud_data *d = &f->data;
	const struct policy_fraud *fr = f->policy->fraud;
	size_t i, k;
	int first;

	fputs("row,time", out);
	for (k = 0; k < fr->nfeatures; k++) {
		fputc(',', out);
		csv_put(out, fr->features[k].name);
	}
	fputs(",fraud_action,fraud_rule,fraud_reason,rules", out);
	if (d->score != NULL)
		fputs(",fraud_score", out);
	if (d->fraud != NULL)
		fputs(",fraud", out);
	fputc('\n', out);
	for (i = d->first; i < d->n; i++) {
		fprintf(out, "%lld,%.17g", (long long)d->rowid[i], d->t[i]);
		for (k = 0; k < d->nfeatures; k++)
			fprintf(out, ",%.17g", d->feat[k][i]);
		fputc(',', out);
		if (d->action[i] >= 0) {
			fputs(policy_fraud_action_names[d->action[i]], out);
			fputc(',', out);
			csv_put(out, fr->rules[d->rule[i]].name);
			fputc(',', out);
			csv_put(out, fr->rules[d->rule[i]].reason);
		} else
			fputs(",,", out);	/* no action, rule, reason */
		fputc(',', out);
		for (k = 0, first = 1; k < d->nrules; k++)
			if (d->hits[i] >> k & 1) {
				if (!first)
					fputc('+', out);
				csv_put(out, fr->rules[k].name);
				first = 0;
			}
		if (d->score != NULL)
			fprintf(out, ",%.17g", d->score[i]);
		if (d->fraud != NULL)
			fprintf(out, ",%d", d->fraud[i]);
		fputc('\n', out);
	}
	return report_text_done(out, err);
}
