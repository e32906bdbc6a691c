/*
 * report-monitor.c - portfolio monitoring as text and JSON (see
 * report-monitor.h).  Presents desk_monitor's figures; computes nothing
 * but shares for showing (a count over its total).
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/bin.h"
#include "model/card.h"
#include "model/monitor.h"
#include "model/validate.h"
#include "report/report-monitor.h"
#include "report/report-out.h"
#include "report/report-svg.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

static double
share(size_t a, size_t b)
{
	return b ? (double)a / (double)b : NAN;
}

static json_t *
json_period(const struct desk_monitor *m, const struct desk_mon_period *p)
{
	json_t *o = json_object(), *ch = json_array();
	size_t k;

	json_object_set_new(o, "period", json_string(p->label));
	json_object_set_new(o, "months", json_integer(p->months));
	json_object_set_new(o, "psi_adjusted", json_boolean(p->psi_adjusted));
	json_object_set_new(o, "csi_adjusted",
	    json_integer((json_int_t)p->csi_adjusted));
	json_object_set_new(o, "applications", report_jcount(p->apps));
	json_object_set_new(o, "approved", report_jcount(p->approved));
	json_object_set_new(o, "referred", report_jcount(p->referred));
	json_object_set_new(o, "declined", report_jcount(p->declined));
	json_object_set_new(o, "undecided", report_jcount(p->other));
	json_object_set_new(o, "booked", report_jcount(p->booked));
	json_object_set_new(o, "approval_rate",
	    report_jnum(share(p->approved, p->apps)));
	json_object_set_new(o, "refer_rate",
	    report_jnum(share(p->referred, p->apps)));
	json_object_set_new(o, "decline_rate",
	    report_jnum(share(p->declined, p->apps)));
	json_object_set_new(o, "psi", report_jnum(p->psi));
	json_object_set_new(o, "psi_reading",
	    json_string(validate_psi_reading(p->psi)));
	json_object_set_new(o, "psi_critical", report_jnum(p->psi_crit));
	json_object_set_new(o, "psi_flag", json_boolean(p->psi_flag));
	json_object_set_new(o, "score_shift", report_jnum(p->score_shift));
	for (k = 0; k < m->card->nchars; k++)
		json_array_append_new(ch, json_pack("{s:s, s:o, s:s, s:o}",
		    "name", m->card->chars[k].ch->name, "csi",
		    report_jnum(p->csi[k]), "reading",
		    validate_psi_reading(p->csi[k]), "points_shift",
		    report_jnum(p->shift[k])));
	json_object_set_new(o, "characteristics", ch);
	json_object_set_new(o, "matured", report_jcount(p->matured));
	json_object_set_new(o, "bads", report_jcount(p->bads));
	json_object_set_new(o, "auc", report_jnum(p->auc));
	json_object_set_new(o, "gini", report_jnum(p->gini));
	json_object_set_new(o, "ks", report_jnum(p->ks));
	json_object_set_new(o, "auc_p", report_jnum(p->auc_p));
	if (m->overrides) {
		json_object_set_new(o, "low_side", report_jcount(p->low_side));
		json_object_set_new(o, "high_side",
		    report_jcount(p->high_side));
		json_object_set_new(o, "low_side_rate",
		    report_jnum(p->low_rate));
		json_object_set_new(o, "high_side_rate",
		    report_jnum(p->high_rate));
		json_object_set_new(o, "low_side_alert",
		    json_boolean(p->low_flag));
		json_object_set_new(o, "high_side_alert",
		    json_boolean(p->high_flag));
	}
	if (p->seg_apps != NULL) {
		json_t *sa = json_array();

		for (k = 0; k <= m->nsegments; k++)
			json_array_append_new(sa, json_pack("{s:s, s:o, s:o, "
			    "s:o, s:o}", "segment", k < m->nsegments ?
			    m->segments[k] : "(knocked out)", "applications",
			    report_jcount(p->seg_apps[k]), "approved",
			    report_jcount(p->seg_approved[k]), "referred",
			    report_jcount(p->seg_referred[k]), "declined",
			    report_jcount(p->seg_declined[k])));
		json_object_set_new(o, "segments", sa);
	}
	return o;
}

static int
report_json(FILE *f, const struct desk_monitor *m, struct rd_err *err)
{
	const struct desk_monitor_spec *s = &m->spec;
	json_t *root = json_object(), *a;
	char b[8];
	size_t i, j, k;

	json_object_set_new(root, "scorecard", json_string(m->card->name));
	json_object_set_new(root, "applications", json_string(s->applications));
	json_object_set_new(root, "performance", json_string(s->performance));
	json_object_set_new(root, "settings", json_pack("{s:s, s:i, s:i, s:i, "
	    "s:o, s:o, s:o, s:o, s:o, s:o}", "by", s->by == 3 ? "quarter" :
	    "month", "bad_dpd", s->bad_dpd, "window", s->window, "bins",
	    (int)s->bins, "psi_alpha", report_jnum(s->psi_alpha), "amber",
	    report_jnum(s->amber), "red", report_jnum(s->red), "policy",
	    report_jstr(s->policy), "cutoff", report_jnum(s->cutoff),
	    "override_max", report_jnum(s->override_max)));
	json_object_set_new(root, "development", json_pack("{s:s, s:o, s:o, "
	    "s:o}", "table", m->card->population, "rows",
	    report_jcount(m->dev_n), "auc", report_jnum(m->dev_auc),
	    "mean_score", report_jnum(m->dev_mean_score)));
	if (m->snapshots)
		monitor_month_format(m->last_month, b);
	json_object_set_new(root, "counts", json_pack("{s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o, s:o, s:o}", "applications",
	    report_jcount(m->applications), "snapshots_before_application",
	    report_jcount(m->before_app), "unobserved_in_window",
	    report_jcount(m->unobserved),
	    "outside_range", report_jcount(m->outside), "undated",
	    report_jcount(m->undated), "snapshots",
	    report_jcount(m->snapshots), "orphan_snapshots",
	    report_jcount(m->orphans), "snapshots_out_of_range",
	    report_jcount(m->skipped), "last_snapshot_month",
	    m->snapshots ? json_string(b) : json_null()));
	a = json_array();
	for (i = 0; i < m->nbreaks; i++)
		json_array_append_new(a, report_jnum(m->breaks[i]));
	json_object_set_new(root, "score_bands", a);
	a = json_array();
	for (i = 0; i < m->nperiods; i++)
		json_array_append_new(a, json_period(m, &m->periods[i]));
	json_object_set_new(root, "periods", a);
	json_object_set_new(root, "discrimination", json_pack("{s:o, s:o, "
	    "s:o, s:o, s:o, s:o}", "matured", report_jcount(m->matured),
	    "bads", report_jcount(m->bads), "auc", report_jnum(m->auc),
	    "gini", report_jnum(2 * m->auc - 1), "ks", report_jnum(m->ks),
	    "auc_p", report_jnum(m->auc_p)));
	if (m->has_backtest) {
		const struct mon_backtest *bt = &m->backtest;
		json_t *g = json_array();

		for (i = 0; i < bt->ngrades; i++) {
			const struct mon_grade *gr = &bt->grades[i];

			json_array_append_new(g, json_pack("{s:o, s:o, s:o, "
			    "s:o, s:o, s:o, s:o, s:o, s:s}", "lo",
			    report_jnum(gr->lo), "hi", report_jnum(gr->hi),
			    "n", report_jcount(gr->n), "defaults",
			    report_jcount(gr->d), "pd", report_jnum(gr->pd),
			    "default_rate", report_jnum(gr->dr), "binomial_p",
			    report_jnum(gr->binom_p), "jeffreys_p",
			    report_jnum(gr->jeffreys_p), "light", gr->light));
		}
		json_object_set_new(root, "backtest", json_pack("{s:o, s:o, "
		    "s:o, s:o, s:i, s:o, s:o, s:o}", "grades", g, "n",
		    report_jcount(bt->n), "defaults", report_jcount(bt->d),
		    "hl", report_jnum(bt->hl), "hl_df", bt->hl_df, "hl_p",
		    report_jnum(bt->hl_p), "herfindahl",
		    report_jnum(bt->herfindahl), "herfindahl_normalised",
		    report_jnum(bt->herfindahl_norm)));
	} else
		json_object_set_new(root, "backtest", json_null());
	if (m->has_vintage) {
		const struct mon_vintage *v = &m->vintage;
		json_t *c = json_array();

		for (i = 0; i < v->ncohorts; i++) {
			json_t *r = json_array();

			monitor_month_format(v->c0 + (int)i, b);
			for (k = 0; k < v->nmob; k++)
				json_array_append_new(r,
				    report_jnum(v->rate[i * v->nmob + k]));
			json_array_append_new(c, json_pack("{s:s, s:o, s:o}",
			    "cohort", b, "accounts",
			    report_jcount(v->accounts[i]), "rate", r));
		}
		json_object_set_new(root, "vintages", json_pack("{s:i, s:o}",
		    "bad_dpd", s->bad_dpd, "cohorts", c));
	} else
		json_object_set_new(root, "vintages", json_null());
	if (m->has_vintage) {
		const struct mon_roll *r = &m->roll;
		json_t *bk = json_array(), *cnt = json_array(),
		    *rt = json_array(), *rl = json_array(),
		    *fl = json_array();

		for (i = 0; i < MON_NBUCKETS; i++) {
			json_t *cr = json_array(), *rr = json_array();

			json_array_append_new(bk,
			    json_string(monitor_bucket_name((int)i)));
			for (j = 0; j < MON_NBUCKETS; j++) {
				json_array_append_new(cr,
				    report_jcount(r->count[i][j]));
				json_array_append_new(rr,
				    report_jnum(r->rate[i][j]));
			}
			json_array_append_new(cnt, cr);
			json_array_append_new(rt, rr);
		}
		for (i = 0; i + 1 < MON_NBUCKETS; i++) {
			json_array_append_new(rl, report_jnum(r->roll[i]));
			json_array_append_new(fl,
			    report_jnum(r->flow_to_co[i]));
		}
		json_object_set_new(root, "roll_rates", json_pack("{s:o, s:o, "
		    "s:o, s:o, s:o, s:o, s:o}", "buckets", bk, "count", cnt,
		    "rate", rt, "roll", rl, "flow_to_charge_off", fl, "pairs",
		    report_jcount(r->pairs), "gaps", report_jcount(r->gaps)));
	} else
		json_object_set_new(root, "roll_rates", json_null());
	return report_json_emit(f, root, err);
}

/* A number with d decimals, "-" for NaN. */
static const char *
num(char *buf, double x, int d)
{
	if (isnan(x))
		return "-";
	snprintf(buf, 32, "%.*f", d, x);
	return buf;
}

static const char *
pct(char *buf, double x)
{
	if (isnan(x))
		return "-";
	snprintf(buf, 32, "%.1f%%", 100 * x);
	return buf;
}

/* A count as the other commands' text writes it: "4,454". */
static const char *
cnt(char *buf, size_t n)
{
	return fmt_count(buf, (double)n);
}

/*
 * The periods the applications' months cover only in part (the first or
 * last quarter of the data): "2024-Q3 (2 of 3 months)", comma-separated
 * into buf[len]; returns how many.  Their counts and rates are of fewer
 * months than the others'.
 */
static size_t
partial_list(const struct desk_monitor *m, char *buf, size_t len)
{
	size_t i, n = 0, at = 0;
	int by = m->spec.by;

	buf[0] = '\0';
	for (i = 0; i < m->nperiods; i++) {
		const struct desk_mon_period *p = &m->periods[i];
		int w;

		if (p->months >= by)
			continue;
		w = snprintf(buf + at, len - at, "%s%s (%d of %d months)",
		    n > 0 ? ", " : "", p->label, p->months, by);
		if (w > 0 && (size_t)w < len - at)
			at += (size_t)w;
		n++;
	}
	return n;
}

/*
 * Where the 0.5 rule was applied: "the PSI of 2024-01, 2024-03; 4 CSI
 * figures" into buf[len]; 0 when nowhere.
 */
static int
adjusted_list(const struct desk_monitor *m, char *buf, size_t len)
{
	size_t i, at = 0, ncsi = 0, npsi = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < m->nperiods; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		ncsi += p->csi_adjusted;
		if (!p->psi_adjusted)
			continue;
		w = snprintf(buf + at, len - at, "%s%s", npsi++ == 0 ?
		    "the PSI of " : ", ", p->label);
		if (w > 0 && (size_t)w < len - at)
			at += (size_t)w;
	}
	if (ncsi > 0)
		snprintf(buf + at, len - at, "%s%zu CSI figure%s", npsi > 0 ?
		    "; " : "", ncsi, ncsi == 1 ? "" : "s");
	return npsi > 0 || ncsi > 0;
}

static void
partial_note(FILE *f, const struct desk_monitor *m)
{
	char b[512];

	if (partial_list(m, b, sizeof b) > 0)
		fprintf(f, "  partial periods, the data covering part of "
		    "them: %s\n", b);
	if (adjusted_list(m, b, sizeof b))
		fprintf(f, "  a score band or bin empty in one sample only "
		    "counts 0.5 there (no logarithm of 0): %s\n", b);
}

static void
text_stability(FILE *f, const struct desk_monitor *m)
{
	char b1[FMT_BUF], b2[FMT_BUF + 1], b3[FMT_BUF], b4[FMT_BUF];
	size_t i, k;
	int t;

	fprintf(f, "\nstability of the score against development (%s row%s "
	    "of %s; %zu score band%s at its quantiles)\n", cnt(b1, m->dev_n),
	    fmt_s(m->dev_n), m->card->population, m->nbreaks + 1,
	    fmt_s(m->nbreaks + 1));
	fprintf(f, "  PSI reading: < 0.10 stable, 0.10-0.25 some shift, "
	    ">= 0.25 significant shift; critical value (1/N_dev + 1/N) "
	    "chi2_%zu(%.2f) (Yurdakul and Naranjo 2020)\n", m->nbreaks,
	    1 - m->spec.psi_alpha);
	fprintf(f, "  %-8s %8s %8s  %-18s %8s %-8s %12s\n", "period",
	    "apps", "PSI", "reading", "critical", "flag", "score shift");
	for (i = 0; i < m->nperiods; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		fprintf(f, "  %-8s %8s %8s  %-18s %8s %-8s %12s\n", p->label,
		    cnt(b4, p->apps), num(b1, p->psi, 4),
		    validate_psi_reading(p->psi), num(b2, p->psi_crit, 4),
		    isnan(p->psi) ? "-" : p->psi_flag ? "SHIFT" : "ok",
		    num(b3, p->score_shift, 2));
	}
	partial_note(f, m);
	for (t = 0; t < 2; t++) {
		fprintf(f, "\n%s\n", t == 0 ? "characteristic stability "
		    "(CSI against development; reading as the PSI's)" :
		    "points shift per characteristic (mean points of the "
		    "period - of development; they add up to the score "
		    "shift)");
		fprintf(f, "  %-30s", t == 0 ? "characteristic" :
		    "characteristic");
		for (i = 0; i < m->nperiods; i++)
			fprintf(f, " %8s", m->periods[i].label);
		fputc('\n', f);
		for (k = 0; k < m->card->nchars; k++) {
			fprintf(f, "  %-30.30s", m->card->chars[k].ch->name);
			for (i = 0; i < m->nperiods; i++) {
				const struct desk_mon_period *p =
				    &m->periods[i];

				if (t == 0)
					fprintf(f, " %8s",
					    num(b1, p->csi[k], 4));
				else {
					snprintf(b2, sizeof b2, "%s%s",
					    p->shift[k] > 0 ? "+" : "",
					    num(b1, p->shift[k], 2));
					fprintf(f, " %8s", b2);
				}
			}
			fputc('\n', f);
		}
	}
}

static void
text_discrimination(FILE *f, const struct desk_monitor *m)
{
	char b1[32], b2[32], b3[32], b4[32], b5[FMT_BUF], b6[FMT_BUF];
	size_t i;

	fprintf(f, "\ndiscrimination on matured outcomes (bad: %d+ days past "
	    "due or charged off within %d month%s on book); development AUC "
	    "%s, test p = 1 - Phi((AUC_dev - AUC) / SE), Hanley-McNeil SE\n",
	    m->spec.bad_dpd, m->spec.window, fmt_s((size_t)m->spec.window),
	    num(b1, m->dev_auc, 4));
	fprintf(f, "  %-8s %8s %6s %8s %8s %8s %8s\n", "period", "matured",
	    "bads", "AUC", "Gini", "KS", "p");
	for (i = 0; i < m->nperiods; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		fprintf(f, "  %-8s %8s %6s %8s %8s %8s %8s\n", p->label,
		    cnt(b5, p->matured), cnt(b6, p->bads), num(b1, p->auc, 4),
		    num(b2, p->gini, 4), num(b3, p->ks, 4),
		    num(b4, p->auc_p, 4));
	}
	fprintf(f, "  %-8s %8s %6s %8s %8s %8s %8s\n", "all",
	    cnt(b5, m->matured), cnt(b6, m->bads), num(b1, m->auc, 4), num(b2, 2 * m->auc - 1, 4),
	    num(b3, m->ks, 4), num(b4, m->auc_p, 4));
}

static void
text_backtest(FILE *f, const struct desk_monitor *m)
{
	const struct mon_backtest *bt = &m->backtest;
	char b1[32], b2[32], b3[32], b4[32], b5[32], lab[64];
	char b6[FMT_BUF], b7[FMT_BUF];
	size_t i;

	fprintf(f, "\nPD back-test per score band (matured outcomes of all "
	    "periods): binomial p = 1 - F_Bin(D - 1; N, PD), Jeffreys p = "
	    "F_Beta(PD; D + 1/2, N - D + 1/2) (ECB 2019); light of the "
	    "Jeffreys p: red < %g, amber < %g, else green\n", m->spec.red,
	    m->spec.amber);
	if (!m->has_backtest) {
		if (m->snapshots == 0)
			fprintf(f, "  no matured outcome: no snapshot\n");
		else
			fprintf(f, "  no matured outcome: no account is %d "
			    "months on book by the last snapshot\n",
			    m->spec.window);
		return;
	}
	fprintf(f, "  %-16s %7s %6s %8s %8s %10s %10s  %s\n", "band", "N",
	    "D", "PD", "DR", "binomial p", "Jeffreys p", "light");
	for (i = 0; i < bt->ngrades; i++) {
		const struct mon_grade *g = &bt->grades[i];

		if (isinf(g->lo))
			snprintf(lab, sizeof lab, "< %g", g->hi);
		else if (isinf(g->hi))
			snprintf(lab, sizeof lab, ">= %g", g->lo);
		else
			snprintf(lab, sizeof lab, "[%g, %g)", g->lo, g->hi);
		fprintf(f, "  %-16s %7s %6s %8s %8s %10s %10s  %s\n", lab,
		    cnt(b6, g->n), cnt(b7, g->d), pct(b1, g->pd), pct(b2, g->dr),
		    num(b3, g->binom_p, 4), num(b4, g->jeffreys_p, 4),
		    g->light);
	}
	fprintf(f, "  Hosmer-Lemeshow %s, df %d (grades), p %s; Herfindahl "
	    "%s (normalised %s)\n", num(b1, bt->hl, 3), bt->hl_df,
	    num(b2, bt->hl_p, 4), num(b3, bt->herfindahl, 4),
	    num(b5, bt->herfindahl_norm, 4));
}

static void
text_decisions(FILE *f, const struct desk_monitor *m)
{
	char b1[32], b2[32], b3[32], b4[32], b5[32];
	char b6[FMT_BUF], b7[FMT_BUF];
	size_t i, k;

	fprintf(f, "\ndecisions as taken (undecided: no decision "
	    "recorded)\n");
	fprintf(f, "  %-8s %8s %9s %9s %9s %9s %8s\n", "period", "apps",
	    "approve", "refer", "decline", "undecided", "booked");
	for (i = 0; i < m->nperiods; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		fprintf(f, "  %-8s %8s %9s %9s %9s %9s %8s\n", p->label,
		    cnt(b6, p->apps), pct(b1, share(p->approved, p->apps)),
		    pct(b2, share(p->referred, p->apps)),
		    pct(b3, share(p->declined, p->apps)),
		    pct(b4, share(p->other, p->apps)), cnt(b7, p->booked));
		if (p->seg_apps != NULL)
			for (k = 0; k <= m->nsegments; k++)
				if (p->seg_apps[k] > 0)
					fprintf(f, "    %-16.16s %4s %9s "
					    "%9s %9s\n", k < m->nsegments ?
					    m->segments[k] : "(knocked out)",
					    cnt(b6, p->seg_apps[k]),
					    pct(b1, share(p->seg_approved[k],
					    p->seg_apps[k])),
					    pct(b2, share(p->seg_referred[k],
					    p->seg_apps[k])),
					    pct(b3, share(p->seg_declined[k],
					    p->seg_apps[k])));
	}
	if (!m->overrides)
		return;
	fprintf(f, "\noverrides against %s: low-side = booked that it "
	    "declines (/ booked), high-side = declined that it approves "
	    "(/ declined); alert above %s\n", m->spec.policy ?
	    m->spec.policy : "the cutoff", pct(b5, m->spec.override_max));
	fprintf(f, "  %-8s %9s %9s %9s %9s\n", "period", "low-side", "rate",
	    "high-side", "rate");
	for (i = 0; i < m->nperiods; i++) {
		const struct desk_mon_period *p = &m->periods[i];

		fprintf(f, "  %-8s %9s %8s%s %9s %8s%s\n", p->label,
		    cnt(b6, p->low_side), pct(b1, p->low_rate), p->low_flag ?
		    "!" : " ", cnt(b7, p->high_side), pct(b4, p->high_rate),
		    p->high_flag ? "!" : " ");
	}
}

static void
text_vintages(FILE *f, const struct desk_monitor *m)
{
	const struct mon_vintage *v = &m->vintage;
	char b[8], b1[32], b2[FMT_BUF];
	size_t i, k;

	fprintf(f, "\nvintages: share of each cohort ever %d+ days past due "
	    "or charged off by months on book\n", m->spec.bad_dpd);
	fprintf(f, "  %-8s %8s", "cohort", "accounts");
	for (k = 0; k < v->nmob; k++)
		fprintf(f, " %6zu", k);
	fputc('\n', f);
	for (i = 0; i < v->ncohorts; i++) {
		monitor_month_format(v->c0 + (int)i, b);
		fprintf(f, "  %-8s %8s", b, cnt(b2, v->accounts[i]));
		for (k = 0; k < v->nmob; k++) {
			double r = v->rate[i * v->nmob + k];

			fprintf(f, " %6s", isnan(r) ? "" : pct(b1, r));
		}
		fputc('\n', f);
	}
}

static void
text_roll(FILE *f, const struct desk_monitor *m)
{
	const struct mon_roll *r = &m->roll;
	char b1[FMT_BUF], b2[FMT_BUF];
	size_t i, j;

	fprintf(f, "\nroll rates: month-to-month transitions between buckets "
	    "(%s pair%s, %s gap%s), share of the row\n", cnt(b1, r->pairs),
	    fmt_s(r->pairs), cnt(b2, r->gaps), fmt_s(r->gaps));
	fprintf(f, "  %-12s", "from \\ to");
	for (j = 0; j < MON_NBUCKETS; j++)
		fprintf(f, " %12s", monitor_bucket_name((int)j));
	fprintf(f, " %9s\n", "pairs");
	for (i = 0; i < MON_NBUCKETS; i++) {
		size_t tot = 0;

		fprintf(f, "  %-12s", monitor_bucket_name((int)i));
		for (j = 0; j < MON_NBUCKETS; j++) {
			tot += r->count[i][j];
			fprintf(f, " %12s", pct(b1, r->rate[i][j]));
		}
		fprintf(f, " %9s\n", cnt(b1, tot));
	}
	fprintf(f, "  flow to charge-off (product of the forward rolls):");
	for (i = 0; i + 1 < MON_NBUCKETS; i++)
		fprintf(f, " %s %s%s", monitor_bucket_name((int)i),
		    pct(b1, r->flow_to_co[i]), i + 2 < MON_NBUCKETS ? "," :
		    "");
	fputc('\n', f);
}


/* ------------------------------------------------------------- HTML */

/* The columns of periods or months on book of a table on the page, at
   most: wider, it is cut into tables of H_COLS (A4 is ~700 px wide). */
#define H_COLS 8

static void
h_td(FILE *f, const char *s)
{
	fputs("<td>", f);
	svg_esc(f, s);
	fputs("</td>", f);
}

static void
h_th(FILE *f, const char *s)
{
	fputs("<th>", f);
	svg_esc(f, s);
	fputs("</th>", f);
}

/* One side of a period's overrides as cells: the base (booked or
   declined), the overrides, their rate and ALERT when flagged. */
static void
h_override(FILE *f, size_t base, size_t n, double rate, int flag)
{
	char b[FMT_BUF], r[FMT_BUF + 8];

	cnt(b, base);
	h_td(f, b);
	cnt(b, n);
	h_td(f, b);
	snprintf(r, sizeof r, "%s%s", pct(b, rate), flag ? " ALERT" : "");
	h_td(f, r);
}

/* A period series as a line chart, the x axis labelled with the
   periods' names (share: y a share, its axis within 0 and 100%). */
static void
h_chart(FILE *f, const struct desk_monitor *m, const double *y,
	const char *title, const char *ylabel, int share_)
{
	double *x = xmalloc((m->nperiods ? m->nperiods : 1) * sizeof *x);
	const char **lab = xmalloc((m->nperiods ? m->nperiods : 1) *
	    sizeof *lab);
	struct svg_series s;
	struct svg_lines c;
	size_t i;

	for (i = 0; i < m->nperiods; i++) {
		x[i] = (double)i;
		lab[i] = m->periods[i].label;
	}
	memset(&s, 0, sizeof s);
	memset(&c, 0, sizeof c);
	s.name = title;
	s.x = x;
	s.y = y;
	s.n = m->nperiods;
	s.markers = 1;
	c.title = title;
	c.x.label = m->spec.by == 3 ? "quarter" : "month";
	c.x.lo = c.x.hi = NAN;
	c.x.cat = lab;
	c.x.ncat = m->nperiods;
	c.y.label = ylabel;
	c.y.pct = share_;
	c.y.share = share_;
	c.y.lo = c.y.hi = NAN;
	c.s = &s;
	c.ns = 1;
	fputs("<figure>", f);
	svg_lines(f, &c);
	fputs("</figure>\n", f);
	free(lab);
	free(x);
}

/* The vintage curves: cumulative bad rate by months on book, SVG_STYLES
   cohorts a chart (each its own dash and marker, so a chart reads in
   greyscale), all charts on one y range so that they compare. */
static void
h_vintage_charts(FILE *f, const struct desk_monitor *m)
{
	const struct mon_vintage *v = &m->vintage;
	struct svg_series s[SVG_STYLES];
	struct svg_lines c;
	char names[SVG_STYLES][16], m1[8], m2[8], title[96];
	double *x, hi = 0;
	size_t i, k, c0;

	if (v->ncohorts == 0 || v->nmob == 0)
		return;
	x = xmalloc(v->nmob * sizeof *x);
	for (k = 0; k < v->nmob; k++)
		x[k] = (double)k;
	for (i = 0; i < v->ncohorts * v->nmob; i++)
		if (!isnan(v->rate[i]) && v->rate[i] > hi)
			hi = v->rate[i];
	for (c0 = 0; c0 < v->ncohorts; c0 += SVG_STYLES) {
		size_t n = v->ncohorts - c0 < SVG_STYLES ?
		    v->ncohorts - c0 : SVG_STYLES;

		memset(s, 0, sizeof s);
		memset(&c, 0, sizeof c);
		for (i = 0; i < n; i++) {
			monitor_month_format(v->c0 + (int)(c0 + i), names[i]);
			s[i].name = names[i];
			s[i].x = x;
			s[i].y = v->rate + (c0 + i) * v->nmob;
			s[i].n = v->nmob;
			s[i].style = (int)i;
			s[i].markers = v->nmob <= 24;
		}
		monitor_month_format(v->c0 + (int)c0, m1);
		monitor_month_format(v->c0 + (int)(c0 + n - 1), m2);
		snprintf(title, sizeof title, "Vintage curves, cohorts %s to "
		    "%s", m1, m2);
		c.title = title;
		c.x.label = "months on book";
		c.x.lo = 0;
		c.x.hi = v->nmob > 1 ? (double)(v->nmob - 1) : 1;
		c.x.whole = 1;
		c.y.label = "cumulative bad rate";
		c.y.pct = 1;
		c.y.share = 1;
		c.y.lo = 0;
		c.y.hi = hi > 0 ? hi : 0.01;
		c.s = s;
		c.ns = n;
		fputs("<figure>", f);
		svg_lines(f, &c);
		fputs("</figure>\n", f);
	}
	free(x);
}

static int
report_html(FILE *f, const struct desk_monitor *m, struct rd_err *err)
{
	const struct desk_monitor_spec *s = &m->spec;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], lab[64], mon[8];
	double *y = xmalloc((m->nperiods ? m->nperiods : 1) * sizeof *y);
	size_t i, j, k, i0;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8"
	    "\"><title>Monitoring of ", f);
	svg_esc(f, m->card->name);
	fputs("</title><style>body{font-family:sans-serif;margin:2em}"
	    "table{border-collapse:collapse;margin:1em 0;font-size:14px}"
	    "td,th{border:1px solid #999;padding:2px 6px;text-align:right}"
	    "th{background:#eee}td:first-child{text-align:left;"
	    "max-width:12em;overflow-wrap:anywhere}figure{display:inline-block;"
	    "margin:0 1em 1em 0}svg.chart{width:560px;max-width:100%}"
	    "</style></head><body>\n", f);
	svg_defs(f);
	fputs("<h1>Monitoring of scorecard ", f);
	svg_esc(f, m->card->name);
	fputs("</h1>\n<p>", f);
	fprintf(f, "Applications: table %s, %s in %zu period%s (by %s); "
	    "performance: table %s, %s snapshot%s", s->applications,
	    cnt(b1, m->applications), m->nperiods, fmt_s(m->nperiods),
	    s->by == 3 ? "quarter" : "month", s->performance,
	    cnt(b2, m->snapshots), fmt_s(m->snapshots));
	if (m->snapshots) {
		monitor_month_format(m->last_month, mon);
		fprintf(f, " to %s", mon);
	}
	fprintf(f, ". A bad: %d+ days past due or charged off within %d "
	    "month%s on book. Development: %s row%s of %s, AUC %s.</p>\n",
	    s->bad_dpd, s->window, fmt_s((size_t)s->window),
	    cnt(b2, m->dev_n), fmt_s(m->dev_n),
	    m->card->population,
	    num(b1, m->dev_auc, 4));
	if (m->unobserved)
		fprintf(f, "<p>Booked applications with no snapshot within "
		    "the outcome window of %d month%s on book (the first one "
		    "later): %s, no outcome, left out of the matured.</p>\n",
		    s->window, fmt_s((size_t)s->window),
		    cnt(b1, m->unobserved));

	for (i = 0; i < m->nperiods; i++)
		y[i] = m->periods[i].psi;
	h_chart(f, m, y, "PSI of the score", "PSI", 0);
	for (i = 0; i < m->nperiods; i++)
		y[i] = m->periods[i].gini;
	h_chart(f, m, y, "Gini on matured outcomes", "Gini", 0);
	for (i = 0; i < m->nperiods; i++)
		y[i] = share(m->periods[i].approved, m->periods[i].apps);
	h_chart(f, m, y, "Approval rate", "approved / applications", 1);
	if (m->overrides) {
		for (i = 0; i < m->nperiods; i++)
			y[i] = m->periods[i].low_rate;
		h_chart(f, m, y, "Low-side override rate",
		    "low-side / booked", 1);
	}

	fputs("<h2>Periods</h2>\n<p>PSI reading: below 0.10 stable, 0.10 to "
	    "0.25 some shift, 0.25 and above a significant shift; critical "
	    "value (1/N_dev + 1/N) chi-squared quantile (Yurdakul and "
	    "Naranjo 2020). AUC p: Hanley-McNeil test against the "
	    "development AUC.</p>\n", f);
	/* Three tables a period a row, each narrow enough for the page:
	   the stability of the score, the discrimination on matured
	   outcomes, the decisions and overrides. */
	for (j = 0; j < 3; j++) {
		static const char *const h[3][8] = {
			{ "period", "applications", "PSI", "reading",
			  "critical", "flag", "score shift", NULL },
			{ "period", "matured", "bads", "AUC", "Gini", "KS",
			  "AUC p", NULL },
			{ "period", "applications", "approve", "refer",
			  "decline", "booked", "low-side", "high-side" } };
		static const char *const t[3] = { "Stability of the score",
		    "Discrimination on matured outcomes",
		    "Decisions and overrides" };

		fprintf(f, "<h3>%s</h3>\n<table><tr>", t[j]);
		for (i = 0; i < 8 && h[j][i] != NULL; i++)
			h_th(f, h[j][i]);
		fputs("</tr>\n", f);
		for (i = 0; i < m->nperiods; i++) {
			const struct desk_mon_period *p = &m->periods[i];

			fputs("<tr>", f);
			h_td(f, p->label);
			if (j == 0) {
				cnt(b1, p->apps);
				h_td(f, b1);
				h_td(f, num(b1, p->psi, 4));
				h_td(f, validate_psi_reading(p->psi));
				h_td(f, num(b1, p->psi_crit, 4));
				h_td(f, isnan(p->psi) ? "-" : p->psi_flag ?
				    "SHIFT" : "ok");
				h_td(f, num(b1, p->score_shift, 2));
			} else if (j == 1) {
				cnt(b1, p->matured);
				h_td(f, b1);
				cnt(b1, p->bads);
				h_td(f, b1);
				h_td(f, num(b1, p->auc, 4));
				h_td(f, num(b1, p->gini, 4));
				h_td(f, num(b1, p->ks, 4));
				h_td(f, num(b1, p->auc_p, 4));
			} else {
				cnt(b1, p->apps);
				h_td(f, b1);
				h_td(f, pct(b1, share(p->approved, p->apps)));
				h_td(f, pct(b1, share(p->referred, p->apps)));
				h_td(f, pct(b1, share(p->declined, p->apps)));
				cnt(b1, p->booked);
				h_td(f, b1);
				h_td(f, m->overrides ? pct(b2, p->low_rate) :
				    "-");
				h_td(f, m->overrides ? pct(b3, p->high_rate) :
				    "-");
			}
			fputs("</tr>\n", f);
		}
		fputs("</table>\n", f);
	}
	{
		char b[512];

		if (partial_list(m, b, sizeof b) > 0) {
			fputs("<p>Partial periods, the data covering part of "
			    "them: ", f);
			svg_esc(f, b);
			fputs(".</p>\n", f);
		}
		if (adjusted_list(m, b, sizeof b)) {
			fputs("<p>A score band or bin empty in one sample only "
			    "counts 0.5 there (no logarithm of 0): ", f);
			svg_esc(f, b);
			fputs(".</p>\n", f);
		}
	}

	if (m->nsegments > 0) {
		static const char *const h[] = { "period", "segment",
		    "applications", "approve", "refer", "decline" };

		fputs("<h2>Decisions by segment</h2>\n<p>Decisions as taken, "
		    "by the segment the policy places each application in "
		    "(knocked out: by a knock-out before any segment).</p>\n"
		    "<table><tr>", f);
		for (i = 0; i < sizeof h / sizeof *h; i++)
			h_th(f, h[i]);
		fputs("</tr>\n", f);
		for (i = 0; i < m->nperiods; i++) {
			const struct desk_mon_period *p = &m->periods[i];

			if (p->seg_apps == NULL)
				continue;
			for (k = 0; k <= m->nsegments; k++) {
				if (p->seg_apps[k] == 0)
					continue;
				fputs("<tr>", f);
				h_td(f, p->label);
				h_td(f, k < m->nsegments ? m->segments[k] :
				    "(knocked out)");
				cnt(b1, p->seg_apps[k]);
				h_td(f, b1);
				h_td(f, pct(b1, share(p->seg_approved[k],
				    p->seg_apps[k])));
				h_td(f, pct(b1, share(p->seg_referred[k],
				    p->seg_apps[k])));
				h_td(f, pct(b1, share(p->seg_declined[k],
				    p->seg_apps[k])));
				fputs("</tr>\n", f);
			}
		}
		fputs("</table>\n", f);
	}
	if (m->overrides) {
		static const char *const h[] = { "period", "booked",
		    "low-side", "low-side rate", "declined", "high-side",
		    "high-side rate" };

		fputs("<h2>Overrides</h2>\n<p>Against ", f);
		svg_esc(f, s->policy ? s->policy : "the cutoff");
		fprintf(f, ": low-side = booked applications it declines (rate "
		    "of the booked), high-side = declined applications it "
		    "approves (rate of the declined); ALERT above %s.</p>\n"
		    "<table><tr>", pct(b1, s->override_max));
		for (i = 0; i < sizeof h / sizeof *h; i++)
			h_th(f, h[i]);
		fputs("</tr>\n", f);
		for (i = 0; i < m->nperiods; i++) {
			const struct desk_mon_period *p = &m->periods[i];

			fputs("<tr>", f);
			h_td(f, p->label);
			h_override(f, p->booked, p->low_side, p->low_rate,
			    p->low_flag);
			h_override(f, p->declined, p->high_side, p->high_rate,
			    p->high_flag);
			fputs("</tr>\n", f);
		}
		fputs("</table>\n", f);
	}

	for (j = 0; j < 2; j++) {
		fputs(j == 0 ? "<h2>Characteristic stability (CSI)</h2>\n" :
		    "<h2>Points shift per characteristic (mean points of the "
		    "period - of development)</h2>\n", f);
		/* H_COLS - 2 periods a table (the characteristic's name
		   is wide), so that it fits the page. */
		for (i0 = 0; i0 < m->nperiods; i0 += H_COLS - 2) {
			size_t i1 = i0 + H_COLS - 2 < m->nperiods ? i0 +
			    H_COLS - 2 : m->nperiods;

			fputs("<table><tr><th>characteristic</th>", f);
			for (i = i0; i < i1; i++)
				h_th(f, m->periods[i].label);
			fputs("</tr>\n", f);
			for (k = 0; k < m->card->nchars; k++) {
				fputs("<tr>", f);
				h_td(f, m->card->chars[k].ch->name);
				for (i = i0; i < i1; i++)
					h_td(f, num(b1, j == 0 ?
					    m->periods[i].csi[k] :
					    m->periods[i].shift[k], j == 0 ?
					    4 : 2));
				fputs("</tr>\n", f);
			}
			fputs("</table>\n", f);
		}
	}

	fprintf(f, "<h2>PD back-test per score band</h2>\n<p>Binomial p = 1 "
	    "- F_Bin(D - 1; N, PD); Jeffreys p = F_Beta(PD; D + 1/2, N - D "
	    "+ 1/2) (ECB, 2019); light of the Jeffreys p: red below %g, "
	    "amber below %g, else green.</p>\n", s->red, s->amber);
	if (m->has_backtest) {
		const struct mon_backtest *bt = &m->backtest;
		static const char *const h[] = { "band", "N", "D", "PD",
		    "default rate", "binomial p", "Jeffreys p", "light" };

		fputs("<table><tr>", f);
		for (i = 0; i < sizeof h / sizeof *h; i++)
			h_th(f, h[i]);
		fputs("</tr>\n", f);
		for (i = 0; i < bt->ngrades; i++) {
			const struct mon_grade *g = &bt->grades[i];

			if (isinf(g->lo))
				snprintf(lab, sizeof lab, "< %g", g->hi);
			else if (isinf(g->hi))
				snprintf(lab, sizeof lab, ">= %g", g->lo);
			else
				snprintf(lab, sizeof lab, "[%g, %g)", g->lo,
				    g->hi);
			fputs("<tr>", f);
			h_td(f, lab);
			cnt(b1, g->n);
			h_td(f, b1);
			cnt(b1, g->d);
			h_td(f, b1);
			h_td(f, pct(b1, g->pd));
			h_td(f, pct(b1, g->dr));
			h_td(f, num(b1, g->binom_p, 4));
			h_td(f, num(b1, g->jeffreys_p, 4));
			h_td(f, g->light);
			fputs("</tr>\n", f);
		}
		fprintf(f, "</table>\n<p>Hosmer-Lemeshow %s, df %d (bands), p "
		    "%s; Herfindahl %s (normalised %s).</p>\n",
		    num(b1, bt->hl, 3), bt->hl_df, num(b2, bt->hl_p, 4),
		    num(b3, bt->herfindahl, 4),
		    num(lab, bt->herfindahl_norm, 4));
	} else
		fputs("<p>No matured outcome.</p>\n", f);

	if (m->has_vintage) {
		const struct mon_vintage *v = &m->vintage;
		const struct mon_roll *r = &m->roll;

		fprintf(f, "<h2>Vintages</h2>\n<p>Share of each cohort ever "
		    "%d+ days past due or charged off by months on book.</p>\n",
		    s->bad_dpd);
		h_vintage_charts(f, m);
		/* H_COLS months on book a table, so that it fits the
		   page. */
		for (i0 = 0; i0 < v->nmob; i0 += H_COLS) {
			size_t i1 = i0 + H_COLS < v->nmob ? i0 + H_COLS :
			    v->nmob;

			fputs("<table><tr><th>cohort</th><th>accounts</th>",
			    f);
			for (k = i0; k < i1; k++)
				fprintf(f, "<th>%zu</th>", k);
			fputs("</tr>\n", f);
			for (i = 0; i < v->ncohorts; i++) {
				monitor_month_format(v->c0 + (int)i, mon);
				fputs("<tr>", f);
				h_td(f, mon);
				cnt(b1, v->accounts[i]);
				h_td(f, b1);
				for (k = i0; k < i1; k++) {
					double x = v->rate[i * v->nmob + k];

					h_td(f, isnan(x) ? "" : pct(b1, x));
				}
				fputs("</tr>\n", f);
			}
			fputs("</table>\n", f);
		}
		fprintf(f, "<h2>Roll rates</h2>\n<p>Month-to-month "
		    "transitions (%s pair%s, %s gap%s), share of the "
		    "row.</p>\n<table><tr><th>from \\ to</th>",
		    cnt(b1, r->pairs), fmt_s(r->pairs), cnt(b2, r->gaps),
		    fmt_s(r->gaps));
		for (j = 0; j < MON_NBUCKETS; j++)
			h_th(f, monitor_bucket_name((int)j));
		fputs("<th>flow to charge-off</th></tr>\n", f);
		for (i = 0; i < MON_NBUCKETS; i++) {
			fputs("<tr>", f);
			h_td(f, monitor_bucket_name((int)i));
			for (j = 0; j < MON_NBUCKETS; j++)
				h_td(f, pct(b1, r->rate[i][j]));
			h_td(f, i + 1 < MON_NBUCKETS ?
			    pct(b1, r->flow_to_co[i]) : "");
			fputs("</tr>\n", f);
		}
		fputs("</table>\n", f);
	}
	fputs("</body></html>\n", f);
	free(y);
	return report_text_done(f, err);
}

int
report_monitor(FILE *f, const struct desk_monitor *m,
	enum report_format fmt, struct rd_err *err)
{
	char b[8], b1[FMT_BUF], b2[FMT_BUF];

	if (fmt == REPORT_JSON)
		return report_json(f, m, err);
	if (fmt == REPORT_HTML)
		return report_html(f, m, err);
	fprintf(f, "monitoring of scorecard %s: applications %s (%s in %zu "
	    "period%s), performance %s (%s snapshot%s", m->card->name,
	    m->spec.applications, cnt(b1, m->applications), m->nperiods,
	    fmt_s(m->nperiods), m->spec.performance, cnt(b2, m->snapshots),
	    fmt_s(m->snapshots));
	if (m->snapshots) {
		monitor_month_format(m->last_month, b);
		fprintf(f, " to %s", b);
	}
	fprintf(f, ")\n");
	if (m->snapshots == 0)
		fprintf(f, "  no snapshot of these applications in %s%s: no "
		    "outcome, vintage or roll rate can be measured\n",
		    m->spec.performance, m->orphans ? "" : " (the table has "
		    "none of their ids, or no rows)");
	if (m->orphans)
		fprintf(f, "  %s snapshot%s of ids no application has: "
		    "ignored\n", cnt(b1, m->orphans), fmt_s(m->orphans));
	if (m->before_app)
		fprintf(f, "  %s snapshot%s dated before their application's "
		    "month: left out\n", cnt(b1, m->before_app),
		    fmt_s(m->before_app));
	if (m->unobserved)
		fprintf(f, "  booked applications with no snapshot within "
		    "the outcome window of %d month%s on book (the first one "
		    "later): %s, no outcome, left out of the matured\n",
		    m->spec.window, fmt_s((size_t)m->spec.window),
		    cnt(b1, m->unobserved));
	if (m->outside || m->undated)
		fprintf(f, "  %s application%s outside the months asked "
		    "for, %s without a date: left out\n", cnt(b1, m->outside),
		    fmt_s(m->outside), cnt(b2, m->undated));
	text_stability(f, m);
	text_discrimination(f, m);
	text_backtest(f, m);
	text_decisions(f, m);
	if (m->has_vintage) {
		text_vintages(f, m);
		text_roll(f, m);
	} else
		fprintf(f, "\nvintages and roll rates: no snapshot of these "
		    "applications\n");
	return report_text_done(f, err);
}
