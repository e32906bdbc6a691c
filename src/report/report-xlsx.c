/*
 * report-xlsx.c - the model and policy document as an Excel workbook
 * (report.h, report_document) through libxlsxwriter: one sheet per
 * section (document, data, characteristics, model, scorecard,
 * performance, stability, policy), numbers written as numbers with a
 * number format, the header row of each sheet frozen, column widths set.
 *
 * It presents the structures of desk-doc.h and computes nothing.  A
 * figure that is not available (NaN) is the text "n/a", the open end of
 * a score bin "-inf" or "inf" as in the other reports.  The workbook's
 * creation time is the document's stated time, so the same inputs give
 * the same bytes.  libxlsxwriter writes to a file name: the workbook is
 * made in a private temporary file (mkstemp, owner-only, removed at exit
 * or on a signal like an afile's: "<target>.tmp-XXXXXX" beside the
 * target when there is one, as an afile's own temporary, so that a
 * SIGKILL leaves nothing elsewhere; "riskdesk-xlsx-XXXXXX" in $TMPDIR
 * for standard output) and copied to the stream, so that --output stays
 * whole or absent (afile.h) and stdout works too.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "report/report-doc.h"
#include "report/report-infer.h"
#include "report/report-parts.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/fmt.h"

struct book {
	lxw_workbook *wb;
	lxw_format *head, *count, *pct, *stat, *money, *pval, *text, *bold;
};

/* A sheet being filled: the next row. */
struct sheet {
	struct book *b;
	lxw_worksheet *ws;
	lxw_row_t row;
};

static void
sheet_open(struct sheet *s, struct book *b, const char *name)
{
	s->b = b;
	s->ws = workbook_add_worksheet(b->wb, name);
	s->row = 0;
}

/* A header row; the first header row of a sheet is frozen. */
static void
head(struct sheet *s, const char *const *h)
{
	lxw_col_t c;

	for (c = 0; h[c] != NULL; c++)
		worksheet_write_string(s->ws, s->row, c, h[c], s->b->head);
	if (s->row == 0)
		worksheet_freeze_panes(s->ws, 1, 0);
	s->row++;
}

static void
str(struct sheet *s, lxw_col_t c, const char *v)
{
	if (v != NULL)
		worksheet_write_string(s->ws, s->row, c, v, s->b->text);
}

/* A number in format fmt, or "n/a" for NaN and infinities. */
static void
numf(struct sheet *s, lxw_col_t c, double v, lxw_format *fmt)
{
	if (isfinite(v))
		worksheet_write_number(s->ws, s->row, c, v, fmt);
	else
		worksheet_write_string(s->ws, s->row, c, FMT_NA, s->b->text);
}

/* A bin's bound: a number, or "-inf" / "inf" for the open end of the
   first or last bin, as the text and HTML reports write "[-inf, 462)". */
static void
bound(struct sheet *s, lxw_col_t c, double v)
{
	if (isinf(v))
		str(s, c, v < 0 ? "-inf" : "inf");
	else
		numf(s, c, v, s->b->stat);
}

static void
cnt(struct sheet *s, lxw_col_t c, size_t n)
{
	worksheet_write_number(s->ws, s->row, c, (double)n, s->b->count);
}

static void
title(struct sheet *s, const char *t)
{
	if (s->row > 0)
		s->row++;
	worksheet_write_string(s->ws, s->row++, 0, t, s->b->bold);
}

static void
widths(struct sheet *s, const double *w)
{
	lxw_col_t c;

	for (c = 0; w[c] > 0; c++)
		worksheet_set_column(s->ws, c, c, w[c], NULL);
}

/* --------------------------------------------------------- sheets */

static void
sh_document(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 22, 34, 70, 0 };
	struct sheet s;
	char when[64];
	size_t k;

	sheet_open(&s, b, "Document");
	head(&s, (const char *[]){ "item", "value", "detail", NULL });
	str(&s, 0, "document");
	str(&s, 1, "model and policy document");
	s.row++;
	str(&s, 0, "riskdesk version");
	str(&s, 1, PACKAGE_VERSION);
	s.row++;
	str(&s, 0, "time (UTC)");
	str(&s, 1, report_doc_time(when, sizeof when, doc->time));
	s.row++;
	for (k = 0; k < doc->ninputs; k++) {
		str(&s, 0, doc->inputs[k].what);
		str(&s, 1, doc->inputs[k].name);
		str(&s, 2, doc->inputs[k].sha256);
		s.row++;
	}
	for (k = 0; k < 2; k++) {
		const struct desk_policy *sl = doc->pol.slot[k].slot;
		char *m = sl != NULL ? report_moved_text(sl->policy,
		    sl->result.cutoffs) : NULL;

		if (m == NULL)
			continue;
		str(&s, 0, k == 0 ? "champion cutoffs" : "challenger cutoffs");
		str(&s, 1, REPORT_MOVED_HEAD);
		str(&s, 2, m);
		s.row++;
		free(m);
	}
	for (k = 0; report_doc_conventions[k][0] != NULL; k++) {
		str(&s, 0, "convention");
		str(&s, 1, report_doc_conventions[k][0]);
		str(&s, 2, report_doc_conventions[k][1]);
		s.row++;
	}
	widths(&s, w);
}

/* rej: a last column of rejects (declined, no outcome), counted apart
   from the indeterminate ("-" for a table without a reject rule). */
static void
data_row(struct sheet *s, const char *what, const char *table,
	const struct dataset *ds, int rej)
{
	if (rej && ds->reject != NULL)
		cnt(s, 7, ds->nreject);
	else if (rej)
		str(s, 7, "-");
	str(s, 0, what);
	str(s, 1, table);
	cnt(s, 2, ds->nrows);
	cnt(s, 3, ds->nbad);
	cnt(s, 4, ds->ngood);
	cnt(s, 5, ds->nindet);
	numf(s, 6, ds_bad_rate(ds), s->b->pct);
	s->row++;
}

static void
sample_row(struct sheet *s, const char *what, const struct validation *v)
{
	str(s, 0, what);
	cnt(s, 2, v->n);
	cnt(s, 3, v->n_bad);
	numf(s, 6, v->bad_rate, s->b->pct);
	s->row++;
}

/* One row of the augmented set: rows, weight, weighted bads. */
static void
aug_row(struct sheet *s, const char *what, size_t rows, double w,
	double bw)
{
	str(s, 0, what);
	cnt(s, 2, rows);
	numf(s, 3, w, s->b->stat);
	numf(s, 4, bw, s->b->stat);
	numf(s, 6, w > 0 ? bw / w : NAN, s->b->pct);
	s->row++;
}

/* The augmented development set an inferred scorecard was fitted on. */
static void
infer_rows(struct sheet *s, const struct desk_infer_sample *a)
{
	char t[256];

	snprintf(t, sizeof t, "fitted on: the augmented development set of "
	    "reject inference (%s from KGB scorecard %s)",
	    infer_method_name(a->spec.method), a->kgb);
	title(s, t);
	head(s, (const char *[]){ "augmented set", "rejects entered", "rows",
	    "weight", "weighted bads", "", "bad rate (weighted)", NULL });
	aug_row(s, "all rows (fitted on)", a->rows, a->weight, a->bad_weight);
	aug_row(s, "accepts (known outcome)", a->accepts, a->accept_weight,
	    a->accept_bad_weight);
	if (a->spec.method != INFER_REWEIGHTING) {
		str(s, 1, report_infer_entered(a->spec.method));
		aug_row(s, "rejects (inferred outcome)", a->reject_rows,
		    a->reject_weight, a->reject_bad_weight);
	}
}

static void
sh_data(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 22, 24, 12, 10, 10, 14, 10, 0 };
	struct sheet s;

	int rej = doc->pop->reject != NULL || (doc->bins != NULL &&
	    doc->bins->ds->reject != NULL);

	sheet_open(&s, b, "Data");
	if (rej)
		head(&s, (const char *[]){ "what", "table", "rows", "bads",
		    "goods", "indeterminate", "bad rate", "rejects", NULL });
	else
		head(&s, (const char *[]){ "what", "table", "rows", "bads",
		    "goods", "indeterminate", "bad rate", NULL });
	if (doc->bins != NULL)
		data_row(&s, "development table", doc->bins->table,
		    doc->bins->ds, rej);
	data_row(&s, "policy population",
	    doc->pol.slot[0].slot->policy->population, doc->pop, rej);
	if (doc->has_val) {
		sample_row(&s, doc->val.has_holdout ? "development sample" :
		    "sample (all rows)", &doc->val.dev);
		if (doc->val.has_holdout)
			sample_row(&s, "holdout sample", &doc->val.holdout);
	}
	if (doc->by_infer)
		infer_rows(&s, &doc->infer_sample);
	widths(&s, w);
}

static void
sh_chars(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 24, 8, 10, 12, 9, 6, 28, 10, 10, 10, 10,
	    10, 10, 10, 10, 9, 0 };
	const struct desk_bins *bs = doc->bins;
	struct sheet s;
	size_t r, i;

	sheet_open(&s, b, "Characteristics");
	head(&s, (const char *[]){ "characteristic", "IV rank", "IV",
	    "strength", "in model", "bin", "label", "count", "goods", "bads",
	    "bad rate", "% goods", "% bads", "WoE", "IV of bin", "adjusted",
	    NULL });
	if (bs == NULL) {
		str(&s, 0, doc->bins_na);
		widths(&s, w);
		return;
	}
	for (r = 0; r < bs->nchars; r++) {
		const struct characteristic *ch = bs->chars[doc->iv_rank[r]];
		int sep = report_char_separates(ch);
		size_t k;
		int in = 0;

		for (k = 0; k < doc->card->nchars; k++)
			in |= strcmp(doc->card->chars[k].ch->name,
			    ch->name) == 0;
		for (i = 0; i < ch->nbins; i++) {
			const struct bin *x = &ch->bins[i];

			str(&s, 0, ch->name);
			cnt(&s, 1, r + 1);
			if (sep)
				str(&s, 2, "inf");
			else
				numf(&s, 2, ch->iv, b->stat);
			str(&s, 3, sep ? "separates" : bin_iv_strength(ch->iv));
			str(&s, 4, in ? "yes" : "no");
			cnt(&s, 5, i + 1);
			str(&s, 6, x->label);
			cnt(&s, 7, x->count);
			cnt(&s, 8, x->goods);
			cnt(&s, 9, x->bads);
			numf(&s, 10, x->bad_rate, b->pct);
			numf(&s, 11, x->pct_goods, b->pct);
			numf(&s, 12, x->pct_bads, b->pct);
			numf(&s, 13, sep ? NAN : x->woe, b->stat);
			numf(&s, 14, sep ? NAN : x->iv, b->stat);
			str(&s, 15, x->adjusted ? "yes" : "no");
			s.row++;
		}
	}
	worksheet_autofilter(s.ws, 0, 0, s.row - 1, 15);
	widths(&s, w);
}

static void
sh_model(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 26, 12, 12, 10, 12, 10, 10, 0 };
	const struct scorecard *c = doc->card;
	struct sheet s;
	size_t k;

	sheet_open(&s, b, "Model");
	head(&s, (const char *[]){ "term (WoE-coded)", "estimate",
	    "std. error", "z", "Wald p", "VIF", "IV", NULL });
	str(&s, 0, "(Intercept)");
	numf(&s, 1, c->intercept, b->stat);
	numf(&s, 2, c->intercept_se, b->stat);
	numf(&s, 3, c->intercept_se > 0 ? c->intercept / c->intercept_se :
	    NAN, b->stat);
	numf(&s, 4, c->intercept_pval, b->pval);
	s.row++;
	for (k = 0; k < c->nchars; k++) {
		const struct card_char *cc = &c->chars[k];

		str(&s, 0, cc->ch->name);
		numf(&s, 1, cc->coef, b->stat);
		numf(&s, 2, cc->se, b->stat);
		numf(&s, 3, cc->se > 0 ? cc->coef / cc->se : NAN, b->stat);
		numf(&s, 4, cc->pval, b->pval);
		numf(&s, 5, cc->vif, b->stat);
		numf(&s, 6, cc->ch->iv, b->stat);
		s.row++;
	}
	title(&s, "fit");
	{
		static const char *const name[] = { "rows used", "bads",
		    "log-likelihood", "AIC", "iterations", "AUC (development)",
		    "Gini (development)", "KS (development)", "base score",
		    "base odds (good:bad)", "PDO", "factor", "offset",
		    "rounding: most a development score moves",
		    "rounding: most any score moves", NULL };
		const double v[] = { (double)c->n, (double)c->n_bad, c->loglik,
		    c->aic, (double)c->iterations, c->auc, c->gini, c->ks,
		    c->scaling.base_score, c->scaling.base_odds,
		    c->scaling.pdo, c->factor, c->offset, c->round_max_dev,
		    c->round_max };

		for (k = 0; name[k] != NULL; k++) {
			str(&s, 0, name[k]);
			numf(&s, 1, v[k], k < 2 || k == 4 ? b->count :
			    b->stat);
			s.row++;
		}
	}
	widths(&s, w);
}

static void
sh_points(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 26, 32, 10, 10, 10, 9, 0 };
	const struct scorecard *c = doc->card;
	struct sheet s;
	size_t k, j;

	sheet_open(&s, b, "Scorecard");
	head(&s, (const char *[]){ "characteristic", "attribute", "count",
	    "WoE", "points", "adjusted", NULL });
	str(&s, 0, "(base points)");
	numf(&s, 4, c->base_points, b->count);
	s.row++;
	for (k = 0; k < c->nchars; k++) {
		const struct card_char *cc = &c->chars[k];

		for (j = 0; j < cc->ch->nbins; j++) {
			const struct bin *x = &cc->ch->bins[j];

			str(&s, 0, cc->ch->name);
			str(&s, 1, x->label);
			cnt(&s, 2, x->count);
			numf(&s, 3, x->woe, b->stat);
			numf(&s, 4, cc->points[j], b->count);
			str(&s, 5, x->adjusted ? "yes" : "no");
			s.row++;
		}
	}
	widths(&s, w);
}

static void
gains_rows(struct sheet *s, const char *name, const struct validation *v)
{
	size_t i;

	for (i = 0; i < v->ngains; i++) {
		const struct val_gains *g = &v->gains[i];

		str(s, 0, name);
		cnt(s, 1, i + 1);
		numf(s, 2, g->lo, s->b->count);
		numf(s, 3, g->hi, s->b->count);
		cnt(s, 4, g->count);
		cnt(s, 5, g->bads);
		numf(s, 6, g->bad_rate, s->b->pct);
		numf(s, 7, g->cum_bad_share, s->b->pct);
		numf(s, 8, g->cum_count_share, s->b->pct);
		numf(s, 9, g->lift, s->b->stat);
		numf(s, 10, g->cum_lift, s->b->stat);
		s->row++;
	}
}

static void
summary_row(struct sheet *s, const char *name, const struct validation *v)
{
	str(s, 0, name);
	cnt(s, 1, v->n);
	cnt(s, 2, v->n_bad);
	numf(s, 3, v->bad_rate, s->b->pct);
	numf(s, 4, v->auc, s->b->stat);
	numf(s, 5, v->gini, s->b->stat);
	numf(s, 6, v->ks, s->b->stat);
	numf(s, 7, v->ks_at, s->b->count);
	numf(s, 8, v->hl_stat, s->b->stat);
	numf(s, 9, (double)v->hl_df, s->b->count);
	numf(s, 10, v->hl_p, s->b->pval);
	s->row++;
}

static void
sh_perf(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 16, 8, 11, 11, 10, 10, 10, 12, 12, 10, 12,
	    0 };
	const char *hold = doc->card->sample.kind == CARD_SAMPLE_OOT ?
	    "out of time" : "holdout";
	struct sheet s;

	sheet_open(&s, b, "Performance");
	head(&s, (const char *[]){ "sample", "group", "score from",
	    "score to", "count", "bads", "bad rate", "cum. bads", "cum. rows",
	    "lift", "cum. lift", NULL });
	if (!doc->has_val) {
		str(&s, 0, doc->val_na);
		widths(&s, w);
		return;
	}
	gains_rows(&s, "development", &doc->val.dev);
	if (doc->val.has_holdout)
		gains_rows(&s, hold, &doc->val.holdout);
	title(&s, "discrimination and calibration");
	head(&s, (const char *[]){ "sample", "rows", "bads", "bad rate",
	    "AUC", "Gini", "KS", "KS at (points)", "Hosmer-Lemeshow", "df",
	    "p", NULL });
	summary_row(&s, "development", &doc->val.dev);
	if (doc->val.has_holdout)
		summary_row(&s, hold, &doc->val.holdout);
	widths(&s, w);
}

static void
sh_stab(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 24, 14, 14, 12, 12, 12, 36, 0 };
	const struct desk_validation *v = &doc->val;
	struct sheet s;
	size_t i;

	sheet_open(&s, b, "Stability");
	head(&s, (const char *[]){ "score bin from", "score bin to",
	    "base rows", "new rows", "base share", "new share", "PSI term",
	    NULL });
	if (doc->has_val && v->has_psi) {
		for (i = 0; i < v->psi.nbins; i++) {
			const struct val_psi_bin *x = &v->psi.bins[i];

			if (isnan(x->lo))
				str(&s, 0, "missing");
			else {
				bound(&s, 0, x->lo);
				bound(&s, 1, x->hi);
			}
			cnt(&s, 2, x->n_base);
			cnt(&s, 3, x->n_new);
			numf(&s, 4, x->share_base, b->pct);
			numf(&s, 5, x->share_new, b->pct);
			numf(&s, 6, x->contrib, b->stat);
			s.row++;
		}
		str(&s, 0, "PSI");
		numf(&s, 6, v->psi.psi, b->stat);
		s.row++;
		str(&s, 0, "reading");
		str(&s, 6, validate_psi_reading(v->psi.psi));
		s.row++;
	} else {
		str(&s, 0, doc->has_val ? "PSI n/a: no holdout and no other "
		    "table" : doc->val_na);
		s.row++;
	}
	title(&s, "CSI of the characteristics");
	head(&s, (const char *[]){ "characteristic", "CSI", "reading",
	    "adjusted", NULL });
	if (doc->csi == NULL) {
		str(&s, 0, doc->csi_na);
	} else {
		for (i = 0; i < doc->csi->n; i++) {
			const struct desk_csi_char *x = &doc->csi->v[i];

			str(&s, 0, doc->bins->chars[x->k]->name);
			if (x->missing_col != NULL) {
				str(&s, 1, FMT_NA);
				str(&s, 2, x->missing_col);
			} else {
				numf(&s, 1, x->csi, b->stat);
				str(&s, 2, x->reading);
				str(&s, 3, x->adjusted ? "yes" : "no");
			}
			s.row++;
		}
	}
	widths(&s, w);
}

static void
stats_row(struct sheet *s, const char *pol, const char *seg, double cutoff,
	const struct sim_stats *st)
{
	lxw_format *m = s->b->money;

	str(s, 0, pol);
	str(s, 1, seg);
	numf(s, 2, cutoff, s->b->count);
	cnt(s, 3, st->applicants);
	cnt(s, 4, st->approved);
	cnt(s, 5, st->referred);
	cnt(s, 6, st->declined);
	numf(s, 7, st->approval_rate, s->b->pct);
	numf(s, 8, st->refer_rate, s->b->pct);
	numf(s, 9, st->bad_rate, s->b->pct);
	numf(s, 10, st->exp_bad_rate, s->b->pct);
	numf(s, 11, st->exposure, m);
	numf(s, 12, st->expected_loss, m);
	numf(s, 13, st->credit_limit, m);
	numf(s, 14, st->revenue, m);
	numf(s, 15, st->funding_cost, m);
	numf(s, 16, st->profit, m);
	s->row++;
}

/* The four cells of swap set w, a row each from s's current row. */
static void
swap_rows(struct book *b, struct sheet *s, const struct sim_swap *w)
{
	static const char *const lab[4] = {
		"approved by both", "swap-in", "swap-out", "declined by both"
	};
	const struct sim_swap_cell *c[4] = {
		&w->both, &w->swap_in, &w->swap_out, &w->neither
	};
	size_t k;

	for (k = 0; k < 4; k++) {
		str(s, 0, lab[k]);
		cnt(s, 1, c[k]->count);
		cnt(s, 2, c[k]->known);
		cnt(s, 3, c[k]->bad);
		numf(s, 4, c[k]->bad_rate, b->pct);
		numf(s, 5, c[k]->el_champion, b->money);
		numf(s, 6, c[k]->el_challenger, b->money);
		s->row++;
	}
	str(s, 0, SWAP_EL_NOTE);
	s->row++;
}

/* Reject inference: the --compare figures, KGB against inferred. */
static void
sh_infer(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 30, 12, 12, 12, 12, 14, 10, 14, 12, 0 };
	const struct infer_comparison *m = &doc->infer.cmp;
	struct sheet s;
	char lab[96];
	size_t k;

	sheet_open(&s, b, "Reject inference");
	head(&s, (const char *[]){ "", "KGB", "inferred", "augmented set",
	    NULL });
	if (!doc->has_infer) {
		str(&s, 0, doc->infer_na);
		widths(&s, w);
		return;
	}
	str(&s, 0, "KGB scorecard");
	str(&s, 1, doc->infer.kgb);
	str(&s, 2, doc->infer.name);
	str(&s, 3, infer_method_name(doc->infer.spec.method));
	s.row++;
	str(&s, 0, "rejects' estimated bad rate");
	numf(&s, 1, m->reject_pd_kgb, b->pct);
	numf(&s, 2, m->reject_pd_inf, b->pct);
	numf(&s, 3, m->reject_aug, b->pct);
	s.row++;
	str(&s, 0, "through-the-door bad rate");
	numf(&s, 1, m->ttd_kgb, b->pct);
	numf(&s, 2, m->ttd_inf, b->pct);
	numf(&s, 3, m->ttd_aug, b->pct);
	s.row++;
	str(&s, 0, "accepts, bads, rejects");
	cnt(&s, 1, m->accepts);
	cnt(&s, 2, m->accept_bads);
	cnt(&s, 3, m->rejects);
	s.row++;
	title(&s, "score shift by KGB score band");
	head(&s, (const char *[]){ "KGB score band", "applicants", "accepts",
	    "rejects", "mean KGB", "mean inferred", "shift",
	    "rejects' PD KGB", "inferred", NULL });
	for (k = 0; k < m->nbands; k++) {
		const struct infer_cmp_band *bd = &m->bands[k];

		report_band_label(lab, sizeof lab, bd->lo, bd->hi);
		str(&s, 0, lab);
		cnt(&s, 1, bd->applicants);
		cnt(&s, 2, bd->accepts);
		cnt(&s, 3, bd->rejects);
		numf(&s, 4, bd->score_kgb, b->stat);
		numf(&s, 5, bd->score_inf, b->stat);
		numf(&s, 6, bd->shift, b->stat);
		numf(&s, 7, bd->reject_pd_kgb, b->pct);
		numf(&s, 8, bd->reject_pd_inf, b->pct);
		s.row++;
	}
	title(&s, "characteristics by largest WoE change");
	head(&s, (const char *[]){ "characteristic", "coef KGB", "inferred",
	    "|dWoE|", "bin", "WoE KGB", "WoE augmented", "|dpoints|", NULL });
	for (k = 0; k < m->nchars; k++) {
		const struct infer_cmp_char *h = &m->chars[k];

		str(&s, 0, h->name);
		numf(&s, 1, h->coef_kgb, b->stat);
		numf(&s, 2, h->coef_inf, b->stat);
		numf(&s, 3, h->woe_change, b->stat);
		cnt(&s, 4, h->worst_bin + 1);
		numf(&s, 5, h->woe_kgb, b->stat);
		numf(&s, 6, h->woe_aug, b->stat);
		numf(&s, 7, h->points_change, b->count);
		s.row++;
	}
	title(&s, "the policy's swap set: KGB (champion) vs inferred "
	    "(challenger), at the policy's cutoffs");
	head(&s, (const char *[]){ "cell", "count", "known", "bad",
	    "bad rate", "EL champion", "EL challenger", NULL });
	if (!doc->has_infer_swap)
		str(&s, 0, doc->infer_swap_na);
	else
		swap_rows(b, &s, &doc->infer_swap.swap);
	widths(&s, w);
}

/* The figures of the rule set or of one rule from column c on: alerts,
   alert rate, frauds caught, unique (a rule), detection, value
   detection, false positives, false-positive ratio, precision; a count
   of frauds n/a without a label. */
static void
fraud_cells(struct sheet *s, lxw_col_t c, const struct fraud_figures *g,
	int labelled, int rule)
{
	struct book *b = s->b;

	cnt(s, c, g->alerts);
	numf(s, c + 1, g->alert_rate, b->pct);
	if (labelled) {
		cnt(s, c + 2, g->frauds_caught);
		if (rule)
			cnt(s, c + 3, g->unique_frauds);
		cnt(s, c + 6, g->false_positives);
	} else {
		str(s, c + 2, FMT_NA);
		if (rule)
			str(s, c + 3, FMT_NA);
		str(s, c + 6, FMT_NA);
	}
	numf(s, c + 4, g->detection_rate, b->pct);
	numf(s, c + 5, g->value_detection_rate, b->pct);
	numf(s, c + 7, g->false_positive_ratio, b->stat);
	numf(s, c + 8, g->precision, b->pct);
}

/* A labelled figure on a row of its own: what, then the number. */
static void
fraud_row(struct sheet *s, const char *what, double v, lxw_format *fmt)
{
	str(s, 0, what);
	numf(s, 1, v, fmt);
	s->row++;
}

/*
 * The champion's fraud rules on its population, as the text and JSON
 * reports give them (report-fraud.c, the same struct fraud_eval): the
 * events, each rule with its condition, action and reason and its
 * figures, the set, the alerts by day against the capacity, the fraud
 * scorecard, the credit approvals the rules stop.
 */
static void
fraud_rows(struct sheet *s, const struct desk_document *doc)
{
	const struct desk_policy *p = doc->pol.slot[0].slot;
	const struct policy_fraud *fr = p->policy->fraud;
	const struct fraud_eval *e = &doc->pol.fraud_eval;
	struct book *b = s->b;
	size_t k;

	if (fr == NULL)
		return;
	title(s, "fraud rules of the champion on its population");
	if (!doc->pol.have_fraud) {
		str(s, 0, "fraud rules not evaluated:");
		str(s, 1, doc->pol.fraud_msg);
		s->row++;
		return;
	}
	fraud_row(s, "events", (double)e->events, b->count);
	if (e->labelled)
		fraud_row(s, "known frauds", (double)e->frauds, b->count);
	else {
		str(s, 0, "known frauds");
		str(s, 1, "n/a (no label)");
		s->row++;
	}
	if (e->valued) {
		fraud_row(s, "fraud amount", e->fraud_amount, b->money);
		fraud_row(s, "amount caught", e->set.amount_caught, b->money);
	}
	fraud_row(s, "declines", (double)e->declines, b->count);
	fraud_row(s, "refers", (double)e->refers, b->count);
	fraud_row(s, "days", (double)e->days, b->count);
	fraud_row(s, "alerts per day", e->alerts_per_day, b->stat);
	fraud_row(s, "alerts on the busiest day", (double)e->max_alerts_day,
	    b->count);
	if (!isnan(e->capacity)) {
		fraud_row(s, "capacity (alerts a day)", e->capacity, b->count);
		fraud_row(s, "days over capacity", (double)e->days_over,
		    b->count);
		fraud_row(s, "alerts beyond capacity", (double)e->alerts_over,
		    b->count);
		fraud_row(s, "alerts worked", (double)e->worked, b->count);
		if (e->labelled)
			fraud_row(s, "frauds worked", (double)e->frauds_worked,
			    b->count);
		fraud_row(s, "detection rate at capacity",
		    e->detection_at_capacity, b->pct);
	}
	if (e->scored) {
		str(s, 0, "fraud scorecard");
		str(s, 1, fr->scorecard);
		s->row++;
		fraud_row(s, "fraud scorecard AUC", e->auc, b->stat);
		if (!isnan(e->capacity))
			fraud_row(s, "detection at capacity by the rules' "
			    "order", e->detection_at_capacity_rules, b->pct);
	}
	if (p->fraud != NULL)
		fraud_row(s, "credit approvals the fraud rules stop",
		    (double)p->lines.fraud_stopped, b->count);
	head(s, (const char *[]){ "rule", "condition", "action", "reason",
	    "alerts", "alert rate", "frauds caught", "unique", "detection",
	    "value detection", "false positives", "FPR", "precision",
	    NULL });
	for (k = 0; k < e->nrules && k < fr->nrules; k++) {
		str(s, 0, fr->rules[k].name);
		str(s, 1, fr->rules[k].when);
		str(s, 2, policy_fraud_action_names[fr->rules[k].action]);
		str(s, 3, fr->rules[k].reason);
		fraud_cells(s, 4, &e->rule[k], e->labelled, 1);
		s->row++;
	}
	str(s, 0, "rule set (any rule)");
	fraud_cells(s, 4, &e->set, e->labelled, 0);
	s->row++;
}

static void
sh_policy(struct book *b, const struct desk_document *doc)
{
	static const double w[] = { 14, 20, 8, 11, 11, 11, 11, 10, 10, 10, 10,
	    14, 14, 14, 14, 14, 14, 0 };
	struct sheet s;
	int which;
	size_t k;

	sheet_open(&s, b, "Policy");
	head(&s, (const char *[]){ "policy", "segment", "cutoff", "TTD",
	    "approved", "referred", "declined", "approval rate",
	    "refer rate", "bad rate", "exp. bad rate", "exposure", "EL",
	    "credit limits", "revenue", "funding cost", "profit", NULL });
	for (which = 0; which <= 1; which++) {
		const struct desk_policy *p = doc->pol.slot[which].slot;
		const char *name = which ? "challenger" : "champion";

		if (p == NULL)
			continue;
		for (k = 0; k < p->policy->nsegments; k++)
			stats_row(&s, name, p->policy->segments[k].name,
			    p->result.cutoffs[k], &p->result.segments[k]);
		stats_row(&s, name, "total", NAN, &p->result.total);
	}
	/* Cutoffs the figures are at that are not the policy file's. */
	for (which = 0; which <= 1; which++) {
		const struct desk_policy *p = doc->pol.slot[which].slot;
		char *m = p != NULL ? report_moved_text(p->policy,
		    p->result.cutoffs) : NULL;

		if (m == NULL)
			continue;
		free(m);
		title(&s, which ? "the challenger's " REPORT_MOVED_HEAD :
		    "the champion's " REPORT_MOVED_HEAD);
		head(&s, (const char *[]){ "segment", "cutoff", "refer from",
		    "file cutoff", "file refer from", NULL });
		for (k = 0; k < p->policy->nsegments; k++) {
			if (!report_cutoff_moved(p->policy, p->result.cutoffs,
			    k))
				continue;
			str(&s, 0, p->policy->segments[k].name);
			numf(&s, 1, p->result.cutoffs[k], b->count);
			numf(&s, 2, report_refer_at(p->policy,
			    p->result.cutoffs, k), b->count);
			numf(&s, 3, p->policy->segments[k].cutoff, b->count);
			numf(&s, 4, p->policy->segments[k].refer, b->count);
			s.row++;
		}
	}
	for (which = 0; which <= 1; which++) {
		const struct desk_policy *p = doc->pol.slot[which].slot;

		if (p == NULL || p->policy->nknockouts == 0)
			continue;
		title(&s, which ? "knock-outs of the challenger" :
		    "knock-outs of the champion");
		head(&s, (const char *[]){ "knock-out", "reason", "declined",
		    NULL });
		for (k = 0; k < p->policy->nknockouts; k++) {
			str(&s, 0, p->policy->knockouts[k].name);
			str(&s, 1, p->policy->knockouts[k].reason);
			cnt(&s, 2, p->result.ko_count[k]);
			s.row++;
		}
	}
	/* The outcome lines of a policy with fraud rules, fraud rules
	   first as decide applies them (struct desk_policy lines). */
	for (which = 0; which <= 1; which++) {
		const struct desk_policy *p = doc->pol.slot[which].slot;
		double n;

		if (p == NULL || p->policy->fraud == NULL)
			continue;
		title(&s, which ? "outcome lines of the challenger, fraud "
		    "rules first as decide applies them" : "outcome lines of "
		    "the champion, fraud rules first as decide applies them");
		if (p->fraud == NULL) {
			str(&s, 0, "fraud rules not evaluated:");
			str(&s, 1, p->fraud_msg);
			s.row++;
			continue;
		}
		head(&s, (const char *[]){ "line", "applicants", "rate",
		    NULL });
		n = (double)p->lines.applicants;
		for (k = 0; k < DECIDE_NLINES; k++) {
			str(&s, 0, decide_line_names[k]);
			cnt(&s, 1, p->lines.n[k]);
			numf(&s, 2, n > 0 ? (double)p->lines.n[k] / n : NAN,
			    b->pct);
			s.row++;
		}
		str(&s, 0, "total");
		cnt(&s, 1, p->lines.applicants);
		s.row++;
		str(&s, 0, "credit approvals the fraud rules stop");
		cnt(&s, 1, p->lines.fraud_stopped);
		s.row++;
	}
	fraud_rows(&s, doc);
	if (doc->pol.slot[1].slot != NULL) {
		title(&s, "swap set (champion vs challenger; a referral is "
		    "not an approval)");
		head(&s, (const char *[]){ "cell", "count", "known", "bad",
		    "bad rate", "EL champion", "EL challenger", NULL });
		if (!doc->pol.have_swap)
			str(&s, 0, doc->pol.swap_msg);
		else
			swap_rows(b, &s, &doc->pol.swap);
	}
	widths(&s, w);
}

/* ------------------------------------------------------------ book */

static lxw_format *
fmt(lxw_workbook *wb, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	if (num != NULL)
		format_set_num_format(f, num);
	return f;
}

/* Copy the file at path to f. */
static int
copy_out(const char *path, FILE *f, struct rd_err *err)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (in == NULL)
		return rd_err_set(err, RD_EIO, "cannot read the workbook: %s",
		    strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, f) != n)
			break;
	if (ferror(in) || fflush(f) != 0 || ferror(f)) {
		fclose(in);
		return rd_err_set(err, RD_EIO, "cannot write the report: %s",
		    strerror(errno));
	}
	fclose(in);
	return 0;
}

int
report_doc_xlsx(FILE *f, const char *target, const struct desk *d,
	const struct desk_document *doc, struct rd_err *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], where[4096];
	struct book b;
	lxw_workbook_options opt;
	lxw_doc_properties props;
	lxw_error e;
	int fd, rc, track;

	(void)d;
	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	if (target != NULL)
		rc = snprintf(path, sizeof path, "%s.tmp-XXXXXX", target);
	else
		rc = snprintf(path, sizeof path, "%s/riskdesk-xlsx-XXXXXX",
		    dir);
	if (rc < 0 || (size_t)rc >= sizeof path)
		return rd_err_set(err, RD_EIO, "cannot make a temporary file "
		    "for the workbook: its name is too long");
	if ((fd = mkstemp(path)) < 0)
		return rd_err_set(err, RD_EIO, "cannot make a temporary file "
		    "for the workbook %s %s: %s", target != NULL ? "beside" :
		    "in", target != NULL ? target : dir, strerror(errno));
	close(fd);
	/* Removed at exit and by a signal's handler too (afile.h). */
	track = afile_track(path);
	/* libxlsxwriter's own scratch files (made and unlinked at once)
	   go beside the target too, where its data will be. */
	memset(&opt, 0, sizeof opt);
	if (target != NULL) {
		char *slash;

		snprintf(where, sizeof where, "%s", target);
		if ((slash = strrchr(where, '/')) == NULL)
			snprintf(where, sizeof where, ".");
		else if (slash == where)
			slash[1] = '\0';
		else
			*slash = '\0';
		opt.tmpdir = where;
	}
	memset(&b, 0, sizeof b);
	if ((b.wb = workbook_new_opt(path, &opt)) == NULL) {
		unlink(path);
		afile_untrack(track);
		return rd_err_set(err, RD_EIO, "cannot start the workbook");
	}
	memset(&props, 0, sizeof props);
	props.title = "model and policy document";
	props.author = "riskdesk " PACKAGE_VERSION;
	props.created = doc->time;
	workbook_set_properties(b.wb, &props);
	b.head = fmt(b.wb, NULL);
	format_set_bold(b.head);
	format_set_bg_color(b.head, 0xE6E6E6);
	format_set_bottom(b.head, LXW_BORDER_THIN);
	b.bold = fmt(b.wb, NULL);
	format_set_bold(b.bold);
	b.text = fmt(b.wb, NULL);
	b.count = fmt(b.wb, "#,##0");
	b.pct = fmt(b.wb, "0.00%");
	b.stat = fmt(b.wb, "0.0000");
	b.money = fmt(b.wb, "#,##0");
	b.pval = fmt(b.wb, "0.000E+00");

	sh_document(&b, doc);
	sh_data(&b, doc);
	sh_chars(&b, doc);
	sh_model(&b, doc);
	sh_points(&b, doc);
	sh_perf(&b, doc);
	sh_stab(&b, doc);
	sh_policy(&b, doc);
	if (doc->by_infer)
		sh_infer(&b, doc);
	e = workbook_close(b.wb);
	if (e != LXW_NO_ERROR) {
		unlink(path);
		afile_untrack(track);
		return rd_err_set(err, RD_EIO, "cannot write the workbook: %s",
		    lxw_strerror(e));
	}
	rc = copy_out(path, f, err);
	unlink(path);
	afile_untrack(track);
	return rc;
}
