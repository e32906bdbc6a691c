/*
 * report-html.c - the model and policy document as one self-contained
 * HTML page (report.h, report_document): no script, no font, nothing
 * fetched; inline SVG charts (report-svg.c); CSS that prints on A4.
 *
 * It presents the structures of desk-doc.h and computes nothing: every
 * number is formatted with the fmt_ helpers the text report uses, and
 * every numeric cell names the figure it shows in the JSON document by a
 * JSON pointer (data-j, with data-f its format: count, pct, stat, money,
 * pval, num), so a test can hold each one against the JSON report.
 * Cells that repeat the policy file's own settings (refer bounds, band
 * limits) carry data-f="def" instead.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report-doc.h"
#include "report/report-infer.h"
#include "report/report-out.h"
#include "report/report-parts.h"
#include "report/report-svg.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

#define PTR_MAX 256

static const char css[] =
"@page { size: A4; margin: 14mm 12mm; }\n"
"body { font: 10pt/1.35 \"DejaVu Sans\", Arial, sans-serif; color: #000;"
" background: #fff; max-width: 186mm; margin: 0 auto; padding: 6px; }\n"
"h1 { font-size: 17pt; margin: 0 0 4px; }\n"
"h2 { font-size: 13.5pt; border-bottom: 2px solid #000; margin: 18px 0 6px;"
" break-before: page; page-break-before: always; }\n"
"h2.first { break-before: auto; page-break-before: auto; }\n"
"h3 { font-size: 11pt; margin: 12px 0 4px; break-after: avoid;"
" page-break-after: avoid; }\n"
"p { margin: 4px 0; }\n"
"table { border-collapse: collapse; margin: 4px 0 10px; font-size: 8.5pt; }\n"
"thead { display: table-header-group; }\n"
"tr, figure, svg.chart, .keep { break-inside: avoid;"
" page-break-inside: avoid; }\n"
"th, td { border: 1px solid #999; padding: 1px 4px; vertical-align: top; }\n"
"th { background: #e6e6e6; text-align: left; font-weight: bold; }\n"
"td.n { text-align: right; white-space: nowrap;"
" font-variant-numeric: tabular-nums; }\n"
"tr.total td { font-weight: bold; border-top: 2px solid #000; }\n"
".two { display: grid; grid-template-columns: 1fr 1fr; gap: 8px;"
" align-items: start; }\n"
".two > * { min-width: 0; }\n"
".pair { display: flex; flex-wrap: wrap; gap: 0 12px;"
" align-items: flex-start; }\n"
".pair > * { flex: 1 1 auto; }\n"
"figure { margin: 6px 0 10px; }\n"
"figcaption { font-size: 8pt; color: #222; margin-top: 2px; }\n"
"svg.chart { width: 100%; height: auto; display: block; }\n"
"svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }\n"
".hash { font-family: \"DejaVu Sans Mono\", monospace; font-size: 7.5pt;"
" word-break: break-all; }\n"
".na { font-style: italic; }\n"
".warn { border-left: 3px solid #000; padding-left: 6px; }\n"
"table.conv th { background: none; border: 0; padding: 1px 8px 1px 0; }\n"
"table.conv td { border: 0; padding: 1px 0; }\n"
"nav ol { columns: 2; font-size: 9.5pt; }\n"
"code { font-family: \"DejaVu Sans Mono\", monospace; font-size: 8.5pt; }\n"
"@media screen { body { padding: 12px; } }\n";

/* ------------------------------------------------------------ cells */

static void
esc(FILE *f, const char *s)
{
	svg_esc(f, s);
}

/*
 * A numeric cell (tag "td") or an inline figure (tag "span"): text as
 * shown, kind its format, the JSON pointer from ptr and its arguments.
 */
static void
vfig(FILE *f, const char *tag, const char *kind, const char *text,
	const char *ptr, va_list ap)
{
	char p[PTR_MAX];

	vsnprintf(p, sizeof p, ptr, ap);
	fprintf(f, "<%s%s data-f=\"%s\" data-j=\"", tag,
	    strcmp(tag, "td") == 0 ? " class=\"n\"" : "", kind);
	esc(f, p);
	fputs("\">", f);
	esc(f, text);
	fprintf(f, "</%s>", tag);
}

static void
num(FILE *f, const char *kind, const char *text, const char *ptr, ...)
	__attribute__((format(printf, 4, 5)));
static void
num(FILE *f, const char *kind, const char *text, const char *ptr, ...)
{
	va_list ap;

	va_start(ap, ptr);
	vfig(f, "td", kind, text, ptr, ap);
	va_end(ap);
}

static void
span(FILE *f, const char *kind, const char *text, const char *ptr, ...)
	__attribute__((format(printf, 4, 5)));
static void
span(FILE *f, const char *kind, const char *text, const char *ptr, ...)
{
	va_list ap;

	va_start(ap, ptr);
	vfig(f, "span", kind, text, ptr, ap);
	va_end(ap);
}

/* A text cell.  A name such as number_of_existing_credits_at_this_bank
   may break after each underscore, so that a table of long names fits
   the page's width. */
static void
td(FILE *f, const char *text)
{
	char c[2] = { 0, 0 };

	fputs("<td>", f);
	for (; text != NULL && *text != '\0'; text++) {
		c[0] = *text;
		esc(f, c);
		if (*text == '_' && text[1] != '\0')
			fputs("<wbr>", f);
	}
	fputs("</td>", f);
}

/* A cell repeating a setting of the policy file. */
static void
tddef(FILE *f, const char *text)
{
	fputs("<td class=\"n\" data-f=\"def\">", f);
	esc(f, text);
	fputs("</td>", f);
}

static void
th_row(FILE *f, const char *const *h)
{
	fputs("<thead><tr>", f);
	for (; *h != NULL; h++) {
		fputs("<th>", f);
		esc(f, *h);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n", f);
}

static char *
cnt(char *b, size_t n)
{
	return fmt_count(b, (double)n);
}

/* "n/a" with its reason as a note. */
static void
na_para(FILE *f, const char *what, const char *why)
{
	fputs("<p class=\"na\">", f);
	esc(f, what);
	fputs(": n/a (", f);
	esc(f, why);
	fputs(")</p>\n", f);
}

static void
fig_open(FILE *f)
{
	fputs("<figure>", f);
}

static void
fig_close(FILE *f, const char *caption)
{
	fputs("<figcaption>", f);
	esc(f, caption);
	fputs("</figcaption></figure>\n", f);
}

/* ----------------------------------------------------------- header */

static void
header(FILE *f, const struct desk_document *doc)
{
	const struct desk_policy *c = doc->pol.slot[0].slot;
	char when[64];
	size_t k;
	json_t *conv;
	const char *key;
	json_t *v;

	fputs("<header>\n<h1>Model and policy document</h1>\n<p>Scorecard <b>",
	    f);
	esc(f, doc->card->name);
	fputs("</b> on table <b>", f);
	esc(f, doc->card->population);
	fputs("</b>; policy <b>", f);
	esc(f, c->policy->name);
	fputs("</b> on population <b>", f);
	esc(f, c->policy->population);
	fputs("</b>", f);
	if (doc->pol.slot[1].slot != NULL) {
		fputs("; challenger <b>", f);
		esc(f, doc->pol.slot[1].slot->policy->name);
		fputs("</b>", f);
	}
	fprintf(f, ".</p>\n<p>Made by riskdesk %s at %s.  Every figure is "
	    "riskdesk's own: the text and JSON reports give the same ones "
	    "(<code>riskdesk --report --document --format json</code>).</p>\n",
	    PACKAGE_VERSION, report_doc_time(when, sizeof when, doc->time));
	fputs("<h3>Inputs</h3>\n<table>", f);
	th_row(f, (const char *[]){ "input", "name", "SHA-256", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < doc->ninputs; k++) {
		fputs("<tr>", f);
		td(f, doc->inputs[k].what);
		td(f, doc->inputs[k].name != NULL ? doc->inputs[k].name : "");
		fputs("<td class=\"hash\">", f);
		esc(f, doc->inputs[k].sha256[0] != '\0' ?
		    doc->inputs[k].sha256 : "-");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	for (k = 0; k < 2; k++) {
		const struct desk_policy *sl = doc->pol.slot[k].slot;
		char *m = sl != NULL ? report_moved_text(sl->policy,
		    sl->result.cutoffs) : NULL;

		if (m != NULL) {
			fprintf(f, "<p class=\"moved\">%s ", k == 0 ?
			    "Champion" : "Challenger");
			esc(f, REPORT_MOVED_HEAD);
			fputs(": ", f);
			esc(f, m);
			fputs(".</p>\n", f);
		}
		free(m);
	}
	fputs("<h3>Conventions</h3>\n<table class=\"conv\">"
	    "<tbody>\n", f);
	conv = doc->bins != NULL ? report_conventions_json(&doc->bins->spec) :
	    json_object();
	for (k = 0; report_doc_conventions[k][0] != NULL; k++)
		json_object_set_new(conv, report_doc_conventions[k][0],
		    json_string(report_doc_conventions[k][1]));
	json_object_foreach(conv, key, v) {
		if (!json_is_string(v))
			continue;
		fputs("<tr><th>", f);
		esc(f, key);
		fputs("</th><td>", f);
		esc(f, json_string_value(v));
		fputs("</td></tr>\n", f);
	}
	json_decref(conv);
	fputs("</tbody></table>\n</header>\n", f);
	fputs("<nav><h3>Contents</h3><ol>"
	    "<li><a href=\"#data\">Data</a></li>"
	    "<li><a href=\"#chars\">Characteristic analysis</a></li>"
	    "<li><a href=\"#model\">The model</a></li>"
	    "<li><a href=\"#perf\">Performance</a></li>"
	    "<li><a href=\"#stab\">Stability</a></li>"
	    "<li><a href=\"#policy\">The policy</a></li>", f);
	if (doc->by_infer)
		fputs("<li><a href=\"#infer\">Reject inference</a></li>", f);
	fputs("</ol></nav>\n", f);
}

/* ------------------------------------------------------------- data */

/* rejects: the table has a column of rejects (declined, no outcome),
   counted apart from the indeterminate ("-" for a table without a reject
   rule). */
static void
counts_row(FILE *f, const char *what, const char *table,
	const struct dataset *ds, const char *ptr, int rejects)
{
	char b[FMT_BUF];

	fputs("<tr>", f);
	td(f, what);
	td(f, table);
	num(f, "count", cnt(b, ds->nrows), "%s/rows", ptr);
	num(f, "count", cnt(b, ds->nbad), "%s/bads", ptr);
	num(f, "count", cnt(b, ds->ngood), "%s/goods", ptr);
	num(f, "count", cnt(b, ds->nindet), "%s/indeterminate", ptr);
	if (rejects && ds->reject != NULL)
		num(f, "count", cnt(b, ds->nreject), "%s/rejects", ptr);
	else if (rejects)
		td(f, "-");
	num(f, "pct", fmt_pct(b, ds_bad_rate(ds)), "%s/bad_rate", ptr);
	fputs("</tr>\n", f);
}

static void
sample_row(FILE *f, const char *what, const struct validation *v,
	const char *ptr)
{
	char b[FMT_BUF];

	fputs("<tr>", f);
	td(f, what);
	num(f, "count", cnt(b, v->n), "%s/n", ptr);
	num(f, "count", cnt(b, v->n_bad), "%s/n_bad", ptr);
	num(f, "pct", fmt_pct(b, v->bad_rate), "%s/bad_rate", ptr);
	fputs("</tr>\n", f);
}

/* One row of the augmented set's table: rows, weight, weighted bads. */
static void
aug_row(FILE *f, const char *what, size_t rows, double w, double bw,
	const char *ptr)
{
	char b[FMT_BUF];

	fputs("<tr>", f);
	td(f, what);
	num(f, "count", cnt(b, rows), "/data/sample/augmented%s/rows", ptr);
	num(f, "num", report_infer_weight(b, w), "/data/sample/augmented%s/"
	    "weight", ptr);
	num(f, "num", report_infer_weight(b, bw), "/data/sample/augmented%s/"
	    "bad_weight", ptr);
	fputs("</tr>\n", f);
}

/* The augmented development set of an inferred scorecard: a paragraph
   closed by the caller, then its table. */
static void
infer_design(FILE *f, const struct desk_infer_sample *a)
{
	char b[FMT_BUF];

	fputs("The scorecard was made by reject inference (", f);
	esc(f, infer_method_name(a->spec.method));
	fputs(") from KGB scorecard ", f);
	esc(f, a->kgb);
	fputs(" and fitted on the augmented development set stored with it, "
	    "not on the accepts alone: the accepts with their known "
	    "outcome, and the rejects, entered ", f);
	esc(f, report_infer_entered(a->spec.method));
	fputs("; weighted bad rate ", f);
	span(f, "pct", fmt_pct(b, a->weight > 0 ? a->bad_weight / a->weight :
	    NAN), "/data/sample/augmented/bad_rate");
	fputs(". The development statistics (AUC, Gini, KS) are on the "
	    "accepts with a known outcome.</p>\n<table>", f);
	th_row(f, (const char *[]){ "augmented set", "rows", "weight",
	    "weighted bads", NULL });
	fputs("<tbody>\n", f);
	aug_row(f, "all rows (fitted on)", a->rows, a->weight, a->bad_weight,
	    "");
	aug_row(f, "accepts (known outcome)", a->accepts, a->accept_weight,
	    a->accept_bad_weight, "/accepts");
	if (a->spec.method != INFER_REWEIGHTING)
		aug_row(f, "rejects (inferred outcome)", a->reject_rows,
		    a->reject_weight, a->reject_bad_weight, "/rejects");
	fputs("</tbody></table>\n", f);
}

static void
sec_data(FILE *f, const struct desk_document *doc)
{
	const struct desk_policy *c = doc->pol.slot[0].slot;
	const struct card_sample *s = &doc->card->sample;
	char b[FMT_BUF];

	fputs("<section id=\"data\"><h2 class=\"first\">1. Data</h2>\n", f);
	int rej = doc->pop->reject != NULL || (doc->bins != NULL &&
	    doc->bins->ds->reject != NULL);

	fputs("<table>", f);
	if (rej)
		th_row(f, (const char *[]){ "", "table", "rows", "bads",
		    "goods", "indeterminate", "rejects", "bad rate", NULL });
	else
		th_row(f, (const char *[]){ "", "table", "rows", "bads",
		    "goods", "indeterminate", "bad rate", NULL });
	fputs("<tbody>\n", f);
	if (doc->bins != NULL)
		counts_row(f, "development table", doc->bins->table,
		    doc->bins->ds, "/data/development_table", rej);
	counts_row(f, "policy population", c->policy->population, doc->pop,
	    "/data/population", rej);
	fputs("</tbody></table>\n", f);
	if (doc->bins == NULL)
		na_para(f, "development table", doc->bins_na);
	fputs("<p>Indeterminate rows (neither bad nor good, or no outcome) "
	    "are counted and left out of modelling and bad rates; the bad "
	    "rate is among rows with a known outcome.</p>\n", f);
	if (rej)
		fputs("<p>Rejects (applicants declined, whose outcome is never "
		    "observed) are counted apart from the indeterminate rows "
		    "and likewise left out, until reject inference gives them "
		    "outcomes.</p>\n", f);
	fputs("<h3>Sample design</h3>\n<p>", f);
	if (doc->by_infer) {
		infer_design(f, &doc->infer_sample);
		fputs("<p>", f);
	}
	if (s->kind == CARD_SAMPLE_RANDOM) {
		fputs(doc->by_infer ? "Its KGB scorecard was developed on a "
		    "random sample; a holdout of " : "The scorecard was "
		    "developed on a random sample; a holdout of ", f);
		span(f, "pct", fmt_pct(b, s->holdout),
		    "/data/sample/holdout_fraction");
		fprintf(f, " of the rows (seed %lu) was set aside.", s->seed);
	} else if (s->kind == CARD_SAMPLE_OOT) {
		fputs(doc->by_infer ? "Its KGB scorecard was developed on "
		    "the rows with " : "The scorecard was developed on the "
		    "rows with ", f);
		esc(f, s->date_column);
		fputs(" up to ", f);
		esc(f, s->after);
		fputs("; later rows are the out-of-time holdout.", f);
	} else if (doc->by_infer) {
		fputs("Every row of its table took part (no holdout).", f);
	} else {
		fputs("The scorecard was developed on every row of its table "
		    "(no holdout).", f);
	}
	if (doc->infer_holdout_in)
		fputs(" The inference did not hold the KGB's holdout out: its "
		    "accepts are in the augmented set, so the holdout figures "
		    "are not out of sample.", f);
	fputs("</p>\n", f);
	if (doc->has_val) {
		fputs("<table>", f);
		th_row(f, (const char *[]){ "sample", "rows with an outcome",
		    "bads", "bad rate", NULL });
		fputs("<tbody>\n", f);
		sample_row(f, doc->by_infer ? "accepts (development "
		    "statistics)" : "development", &doc->val.dev,
		    "/data/sample/development");
		if (doc->val.has_holdout)
			sample_row(f, s->kind == CARD_SAMPLE_OOT ?
			    "out of time" : "holdout", &doc->val.holdout,
			    "/data/sample/holdout");
		fputs("</tbody></table>\n", f);
	}
	fputs("<h3>Declines of the champion policy</h3>\n<p>Under the "
	    "champion policy ", f);
	span(f, "count", cnt(b, c->result.total.declined),
	    "/policy/policy/declined");
	fputs(" applicants are declined (", f);
	span(f, "count", cnt(b, c->result.total.knocked_out),
	    "/policy/policy/knocked_out");
	fputs(" by knock-outs) and ", f);
	span(f, "count", cnt(b, c->result.total.referred),
	    "/policy/policy/referred");
	fputs(" referred, out of ", f);
	span(f, "count", cnt(b, c->result.total.applicants),
	    "/policy/policy/applicants");
	fputs(" through the door.</p>\n</section>\n", f);
}

/* --------------------------------------------- characteristic analysis */

static int
in_model(const struct scorecard *card, const char *name)
{
	size_t k;

	for (k = 0; k < card->nchars; k++)
		if (strcmp(card->chars[k].ch->name, name) == 0)
			return 1;
	return 0;
}

/* The fixed decimals of a statistic, or "inf"/"-" for a separating
   characteristic (as riskdesk bin shows them). */
static const char *
char_fig(char *b, const struct characteristic *ch, double x, int iv)
{
	return !report_char_separates(ch) ? fmt_stat(b, x) : iv ? "inf" : "-";
}

static void
woe_chart(FILE *f, const struct characteristic *ch)
{
	size_t n = ch->nbins, i;
	const char **cat = xcalloc(n + 1, sizeof *cat);
	char **note = xcalloc(n + 1, sizeof *note);
	double *woe = xcalloc(n + 1, sizeof *woe);
	double *br = xcalloc(n + 1, sizeof *br);
	char title[160], b[FMT_BUF];
	static const char *const name[] = { "WoE (bars)" };

	for (i = 0; i < n; i++) {
		cat[i] = ch->bins[i].label;
		note[i] = xstrdup(cnt(b, ch->bins[i].count));
		woe[i] = report_char_separates(ch) ? NAN : ch->bins[i].woe;
		br[i] = ch->bins[i].bad_rate;
	}
	snprintf(title, sizeof title, "%.100s: WoE and bad rate per bin",
	    ch->name);
	svg_bars(f, &(struct svg_bars){
	    .title = title, .xlabel = "bin (count above each bar)",
	    .y = { "WoE = ln(%good / %bad)", 0, NAN, NAN },
	    .cat = cat, .ncat = n, .name = name, .nser = 1, .v = woe,
	    .note = (const char *const *)note, .line = br,
	    .line_name = "bad rate (line)",
	    .y2 = { "bad rate (%)", 1, 0, NAN } });
	for (i = 0; i < n; i++)
		free(note[i]);
	free(note);
	free(cat);
	free(woe);
	free(br);
}

static void
bins_table(FILE *f, const struct characteristic *ch, const char *ptr)
{
	char b[FMT_BUF];
	size_t i;
	int sep = report_char_separates(ch);

	fputs("<table>", f);
	th_row(f, (const char *[]){ "#", "bin", "count", "goods", "bads",
	    "bad rate", "%goods", "%bads", "WoE", "IV", NULL });
	fputs("<tbody>\n", f);
	for (i = 0; i < ch->nbins; i++) {
		const struct bin *x = &ch->bins[i];

		fprintf(f, "<tr><td class=\"i\">%zu</td>", i + 1);
		td(f, x->label);
		num(f, "count", cnt(b, x->count), "%s/%zu/count", ptr, i);
		num(f, "count", cnt(b, x->goods), "%s/%zu/goods", ptr, i);
		num(f, "count", cnt(b, x->bads), "%s/%zu/bads", ptr, i);
		num(f, "pct", fmt_pct(b, x->bad_rate), "%s/%zu/bad_rate", ptr,
		    i);
		num(f, "pct", fmt_pct(b, x->pct_goods), "%s/%zu/pct_goods",
		    ptr, i);
		num(f, "pct", fmt_pct(b, x->pct_bads), "%s/%zu/pct_bads", ptr,
		    i);
		if (sep) {
			num(f, "stat", "-", "%s/%zu/woe", ptr, i);
			num(f, "stat", "-", "%s/%zu/iv", ptr, i);
		} else {
			char w[FMT_BUF + 2];

			snprintf(w, sizeof w, "%s%s", fmt_stat(b, x->woe),
			    x->adjusted ? "*" : "");
			num(f, "stat", w, "%s/%zu/woe", ptr, i);
			num(f, "stat", fmt_stat(b, x->iv), "%s/%zu/iv", ptr, i);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	for (i = 0; i < ch->nbins; i++)
		if (ch->bins[i].adjusted) {
			fputs("<p>* WoE adjusted: a bin with no goods or no "
			    "bads gets the zero-cell adjustment added to both "
			    "counts before its WoE is taken.</p>\n", f);
			break;
		}
}

static void
sec_chars(FILE *f, const struct desk_document *doc)
{
	const struct desk_bins *bs = doc->bins;
	char b[FMT_BUF], ptr[PTR_MAX];
	double max = 0;
	size_t r, k;

	fputs("<section id=\"chars\"><h2>2. Characteristic analysis</h2>\n",
	    f);
	if (bs == NULL) {
		na_para(f, "characteristic analysis", doc->bins_na);
		fputs("</section>\n", f);
		return;
	}
	fputs("<p>Every characteristic of table <b>", f);
	esc(f, bs->table);
	fputs("</b> binned as <code>riskdesk bin</code> bins it (its saved "
	    "binning, else the optimal coarse classing), ranked by "
	    "information value.</p>\n<h3>IV ranking</h3>\n<table>", f);
	th_row(f, (const char *[]){ "rank", "characteristic", "type", "bins",
	    "IV", "", "strength", "Gini", "KS", "status", "in the model",
	    NULL });
	fputs("<tbody>\n", f);
	for (r = 0; r < bs->nchars; r++) {
		const struct characteristic *ch = bs->chars[r];

		if (!report_char_separates(ch) && isfinite(ch->iv) &&
		    ch->iv > max)
			max = ch->iv;
	}
	for (r = 0; r < bs->nchars; r++) {
		size_t i = doc->iv_rank[r];
		const struct characteristic *ch = bs->chars[i];
		int sep = report_char_separates(ch);

		fprintf(f, "<tr><td class=\"i\">%zu</td>", r + 1);
		td(f, ch->name);
		td(f, ch->numeric ? "numeric" : "text");
		fprintf(f, "<td class=\"i\">%zu</td>", ch->nbins);
		num(f, "stat", char_fig(b, ch, ch->iv, 1),
		    "/characteristics/characteristics/%zu/iv", i);
		fputs("<td>", f);
		svg_cellbar(f, sep ? max : ch->iv, max);
		fputs("</td>", f);
		td(f, sep ? "separates" : bin_iv_strength(ch->iv));
		num(f, "stat", char_fig(b, ch, ch->gini, 0),
		    "/characteristics/characteristics/%zu/gini", i);
		num(f, "stat", char_fig(b, ch, ch->ks, 0),
		    "/characteristics/characteristics/%zu/ks", i);
		td(f, ch->status != NULL ? ch->status : "usable");
		td(f, in_model(doc->card, ch->name) ? "yes" : "");
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n<p>IV strength: &lt; 0.02 unpredictive, "
	    "0.02-0.1 weak, 0.1-0.3 medium, 0.3-0.5 strong, &gt; 0.5 "
	    "suspicious.</p>\n", f);
	if (bs->nleft_out > 0) {
		fputs("<p>Left out (never binned, ranked or fitted):</p><ul>",
		    f);
		for (k = 0; k < bs->nleft_out; k++) {
			fputs("<li>", f);
			esc(f, bs->left_out[k].name);
			fputs(": ", f);
			esc(f, bs->left_out[k].why);
			fputs("</li>", f);
		}
		fputs("</ul>\n", f);
	}
	fputs("<h3>The characteristics of the model</h3>\n<p>Each as the "
	    "scorecard bins it on its development rows: bins, counts, bad "
	    "rate and WoE.</p>\n", f);
	for (k = 0; k < doc->card->nchars; k++) {
		const struct characteristic *ch = doc->card->chars[k].ch;

		fputs("<div class=\"keep\"><h3>", f);
		esc(f, ch->name);
		fputs("</h3>\n<p>IV ", f);
		span(f, "stat", char_fig(b, ch, ch->iv, 1),
		    "/characteristics/model/%zu/iv", k);
		fputs(", WoE trend ", f);
		esc(f, report_char_trend(ch));
		fputs(".</p>\n", f);
		fig_open(f);
		woe_chart(f, ch);
		fig_close(f, "Bars: WoE of each bin (positive is safer than "
		    "average), left axis. Line with dots: the bin's bad rate, "
		    "right axis. The count of rows with a known outcome is "
		    "written over each bin.");
		fputs("</div>\n", f);
		snprintf(ptr, sizeof ptr, "/characteristics/model/%zu/bins", k);
		bins_table(f, ch, ptr);
	}
	fputs("</section>\n", f);
}

/* ------------------------------------------------------------ model */

static void
sec_model(FILE *f, const struct desk_document *doc)
{
	const struct scorecard *c = doc->card;
	char b[FMT_BUF];
	size_t j, k;

	fputs("<section id=\"model\"><h2>3. The model</h2>\n<p>Logistic "
	    "regression of the bad flag on the WoE of each characteristic "
	    "(IRLS), scaled to points: ", f);
	snprintf(b, sizeof b, "%g", c->scaling.base_score);
	span(f, "num", b, "/model/scaling/base_score");
	fputs(" points at good:bad odds of ", f);
	snprintf(b, sizeof b, "%g", c->scaling.base_odds);
	span(f, "num", b, "/model/scaling/base_odds");
	fputs(":1, ", f);
	snprintf(b, sizeof b, "%g", c->scaling.pdo);
	span(f, "num", b, "/model/scaling/pdo");
	fputs(" points to double the odds (factor ", f);
	span(f, "stat", fmt_stat(b, c->factor), "/model/scaling/factor");
	fputs(", offset ", f);
	span(f, "stat", fmt_stat(b, c->offset), "/model/scaling/offset");
	fputs(").  Fitted on ", f);
	span(f, "count", cnt(b, c->n), "/model/n_used");
	fputs(" development rows with a known outcome, ", f);
	span(f, "count", cnt(b, c->n_bad), "/model/n_bad");
	if (c->n_indet != CARD_COUNT_UNKNOWN &&
	    c->n_reject != CARD_COUNT_UNKNOWN) {
		fputs(" bad (left out: ", f);
		span(f, "count", cnt(b, c->n_indet), "/model/n_indeterminate");
		fputs(" indeterminate, ", f);
		span(f, "count", cnt(b, c->n_reject), "/model/n_rejects");
		fputs(" rejects)", f);
	} else
		fputs(" bad", f);
	fputs("; log-likelihood ", f);
	span(f, "stat", fmt_stat(b, c->loglik), "/model/loglik");
	fputs(", AIC ", f);
	span(f, "stat", fmt_stat(b, c->aic), "/model/aic");
	fprintf(f, ", %d iterations", c->iterations);
	if (c->start_rows > 0) {
		char sr[FMT_BUF];

		fprintf(f, " (from the fit on a sample of %s rows)",
		    fmt_count(sr, (double)c->start_rows));
	}
	fputs(".</p>\n", f);

	fputs("<h3>Coefficients</h3>\n<table>", f);
	th_row(f, (const char *[]){ "term (WoE-coded)", "estimate",
	    "std. error", "z", "Wald p", "VIF", "IV", "flags", NULL });
	fputs("<tbody>\n<tr>", f);
	td(f, "(Intercept)");
	num(f, "stat", fmt_stat(b, c->intercept),
	    "/model/coefficients/0/estimate");
	num(f, "stat", fmt_stat(b, c->intercept_se),
	    "/model/coefficients/0/std_error");
	num(f, "stat", fmt_stat(b, c->intercept_se > 0 ? c->intercept /
	    c->intercept_se : NAN), "/model/coefficients/0/z");
	num(f, "pval", fmt_pval(b, c->intercept_pval),
	    "/model/coefficients/0/p_value");
	fputs("<td></td><td></td><td></td></tr>\n", f);
	for (k = 0; k < c->nchars; k++) {
		const struct card_char *cc = &c->chars[k];

		fputs("<tr>", f);
		td(f, cc->ch->name);
		num(f, "stat", fmt_stat(b, cc->coef),
		    "/model/coefficients/%zu/estimate", k + 1);
		num(f, "stat", fmt_stat(b, cc->se),
		    "/model/coefficients/%zu/std_error", k + 1);
		num(f, "stat", fmt_stat(b, cc->se > 0 ? cc->coef / cc->se :
		    NAN), "/model/coefficients/%zu/z", k + 1);
		num(f, "pval", fmt_pval(b, cc->pval),
		    "/model/coefficients/%zu/p_value", k + 1);
		num(f, "stat", fmt_stat(b, cc->vif),
		    "/model/characteristics/%zu/vif", k);
		num(f, "stat", fmt_stat(b, cc->ch->iv),
		    "/model/characteristics/%zu/iv", k);
		fprintf(f, "<td>%s%s%s</td></tr>\n", cc->vif > c->vif_max ?
		    "high VIF " : "", cc->wrong_sign ? "wrong sign " : "",
		    cc->forced ? "forced in" : "");
	}
	fprintf(f, "</tbody></table>\n<p>A VIF above %g is flagged high.  "
	    "With WoE = ln(%%good / %%bad) a sound coefficient is negative "
	    "(more WoE, fewer bads).  Development AUC ", c->vif_max);
	span(f, "stat", fmt_stat(b, c->auc), "/model/auc");
	fputs(", Gini ", f);
	span(f, "stat", fmt_stat(b, c->gini), "/model/gini");
	fputs(", KS ", f);
	span(f, "stat", fmt_stat(b, c->ks), "/model/ks");
	fputs(" (scored in points).</p>\n", f);

	fputs("<h3>Points</h3>\n<p>Base points ", f);
	snprintf(b, sizeof b, "%.0f", c->base_points);
	span(f, "num", b, "/model/base_points");
	fputs("; a score is the base points plus the points of each "
	    "characteristic's attribute.  Rounding the points to whole "
	    "numbers moves a development score by at most ", f);
	span(f, "stat", fmt_stat(b, c->round_max_dev), "/model/round_max_dev");
	fputs(" points (at most ", f);
	span(f, "stat", fmt_stat(b, c->round_max), "/model/round_max");
	fputs(" for any combination of attributes).</p>\n<table>", f);
	th_row(f, (const char *[]){ "characteristic", "attribute", "count",
	    "WoE", "points", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < c->nchars; k++) {
		const struct card_char *cc = &c->chars[k];

		for (j = 0; j < cc->ch->nbins; j++) {
			const struct bin *x = &cc->ch->bins[j];
			char w[FMT_BUF + 2], pt[FMT_BUF];

			fputs("<tr>", f);
			td(f, j == 0 ? cc->ch->name : "");
			td(f, x->label);
			num(f, "count", cnt(b, x->count),
			    "/model/characteristics/%zu/bins/%zu/count", k, j);
			snprintf(w, sizeof w, "%s%s", fmt_stat(b, x->woe),
			    x->adjusted ? "*" : "");
			num(f, "stat", w,
			    "/model/characteristics/%zu/bins/%zu/woe", k, j);
			snprintf(pt, sizeof pt, "%.0f", cc->points[j]);
			num(f, "num", pt,
			    "/model/characteristics/%zu/bins/%zu/points", k, j);
			fputs("</tr>\n", f);
		}
	}
	fputs("</tbody></table>\n", f);
	if (c->nnotes > 0) {
		fputs("<p>Notes on the bins:</p><ul>", f);
		for (k = 0; k < c->nnotes; k++) {
			fputs("<li>", f);
			esc(f, c->notes[k]);
			fputs("</li>", f);
		}
		fputs("</ul>\n", f);
	}
	if (c->ndropped > 0) {
		fputs("<p>Characteristics left out:</p><ul>", f);
		for (k = 0; k < c->ndropped; k++) {
			fputs("<li>", f);
			esc(f, c->dropped[k]);
			fputs("</li>", f);
		}
		fputs("</ul>\n", f);
	}
	fputs("</section>\n", f);
}

/* ------------------------------------------------------ performance */

/* The samples of the validation: development, then holdout if any. */
struct samp {
	const struct validation *v;
	const char *name, *ptr;
};

static size_t
samples(const struct desk_document *doc, struct samp *s)
{
	size_t n = 0;

	s[n++] = (struct samp){ &doc->val.dev, doc->val.has_holdout ?
	    "development" : "all rows", "/validation/development" };
	if (doc->val.has_holdout)
		s[n++] = (struct samp){ &doc->val.holdout,
		    doc->card->sample.kind == CARD_SAMPLE_OOT ? "out of time" :
		    "holdout", "/validation/holdout" };
	return n;
}

static void
roc_chart(FILE *f, const struct samp *s, size_t ns)
{
	struct svg_series ser[2];
	double *x[2], *y[2];
	size_t k, i;

	for (k = 0; k < ns; k++) {
		const struct validation *v = s[k].v;

		x[k] = xcalloc(v->nroc + 1, sizeof *x[k]);
		y[k] = xcalloc(v->nroc + 1, sizeof *y[k]);
		for (i = 0; i < v->nroc; i++) {
			x[k][i] = v->roc[i].fpr;
			y[k][i] = v->roc[i].tpr;
		}
		ser[k] = (struct svg_series){ s[k].name, x[k], y[k], v->nroc,
		    (int)k, 0 };
	}
	svg_lines(f, &(struct svg_lines){ .title = "ROC",
	    .x = { "share of goods declined (%)", 1, 0, 1 },
	    .y = { "share of bads declined (%)", 1, 0, 1 }, .diagonal = 1,
	    .s = ser, .ns = ns });
	for (k = 0; k < ns; k++) {
		free(x[k]);
		free(y[k]);
	}
}

static void
ks_chart(FILE *f, const struct samp *s)
{
	const struct validation *v = s->v;
	double *x = xcalloc(v->nroc + 1, sizeof *x);
	double *g = xcalloc(v->nroc + 1, sizeof *g);
	double *bd = xcalloc(v->nroc + 1, sizeof *bd);
	struct svg_series ser[2];
	struct svg_vline vl;
	char title[96], lab[96], b1[FMT_BUF];
	size_t i;

	/* The first ROC point is (0, 0) at the lowest score: the curves
	   start where nothing is declined. */
	for (i = 0; i < v->nroc; i++) {
		x[i] = v->roc[i].score;
		g[i] = v->roc[i].fpr;
		bd[i] = v->roc[i].tpr;
	}
	ser[0] = (struct svg_series){ "bads scoring at most x", x, bd,
	    v->nroc, 0, 0 };
	ser[1] = (struct svg_series){ "goods scoring at most x", x, g,
	    v->nroc, 1, 0 };
	snprintf(lab, sizeof lab, "KS %s at %.0f points", fmt_stat(b1, v->ks),
	    v->ks_at);
	vl = (struct svg_vline){ v->ks_at, lab };
	snprintf(title, sizeof title, "KS: %s", s->name);
	svg_lines(f, &(struct svg_lines){ .title = title,
	    .x = { "score (points)", 0, NAN, NAN },
	    .y = { "cumulative share (%)", 1, 0, 1 }, .s = ser, .ns = 2,
	    .vline = isfinite(v->ks) ? &vl : NULL,
	    .nvline = isfinite(v->ks) ? 1 : 0 });
	free(x);
	free(g);
	free(bd);
}

static void
gains_chart(FILE *f, const struct samp *s, size_t ns)
{
	struct svg_series ser[2];
	double *x[2], *y[2];
	size_t k, i;

	for (k = 0; k < ns; k++) {
		const struct validation *v = s[k].v;

		/* The curve starts at the origin: no rows, no bads. */
		x[k] = xcalloc(v->ngains + 1, sizeof *x[k]);
		y[k] = xcalloc(v->ngains + 1, sizeof *y[k]);
		for (i = 0; i < v->ngains; i++) {
			x[k][i + 1] = v->gains[i].cum_count_share;
			y[k][i + 1] = v->gains[i].cum_bad_share;
		}
		ser[k] = (struct svg_series){ s[k].name, x[k], y[k],
		    v->ngains > 0 ? v->ngains + 1 : 0, (int)k, 1 };
	}
	svg_lines(f, &(struct svg_lines){ .title = "Gains: bads captured",
	    .x = { "share of rows, riskiest first (%)", 1, 0, 1 },
	    .y = { "share of all bads (%)", 1, 0, 1 }, .diagonal = 1,
	    .s = ser, .ns = ns });
	for (k = 0; k < ns; k++) {
		free(x[k]);
		free(y[k]);
	}
}

static void
lift_chart(FILE *f, const struct samp *s, size_t ns)
{
	size_t ng = 0, k, i;
	const char *names[2];
	const char **cat;
	char **lab;
	double *v;

	for (k = 0; k < ns; k++)
		if (s[k].v->ngains > ng)
			ng = s[k].v->ngains;
	cat = xcalloc(ng + 1, sizeof *cat);
	lab = xcalloc(ng + 1, sizeof *lab);
	v = xcalloc(2 * ng + 1, sizeof *v);
	for (i = 0; i < ng; i++) {
		char b[24];

		snprintf(b, sizeof b, "%zu", i + 1);
		lab[i] = xstrdup(b);
		cat[i] = lab[i];
	}
	for (k = 0; k < ns; k++) {
		names[k] = s[k].name;
		for (i = 0; i < ng; i++)
			v[k * ng + i] = i < s[k].v->ngains ?
			    s[k].v->gains[i].lift : NAN;
	}
	svg_bars(f, &(struct svg_bars){ .title = "Lift by score group",
	    .xlabel = "score group, riskiest first",
	    .y = { "lift (bad rate / overall bad rate)", 0, NAN, NAN },
	    .cat = cat, .ncat = ng, .name = names, .nser = ns, .v = v });
	for (i = 0; i < ng; i++)
		free(lab[i]);
	free(lab);
	free(cat);
	free(v);
}

static void
calib_chart(FILE *f, const struct samp *s)
{
	const struct validation *v = s->v;
	double *x = xcalloc(v->nbands + 1, sizeof *x);
	double *o = xcalloc(v->nbands + 1, sizeof *o);
	double *p = xcalloc(v->nbands + 1, sizeof *p);
	struct svg_series ser[2];
	char title[96];
	size_t i;

	for (i = 0; i < v->nbands; i++) {
		x[i] = v->bands[i].lo;
		o[i] = v->bands[i].bad_rate;
		p[i] = v->bands[i].mean_pd;
	}
	ser[0] = (struct svg_series){ "observed bad rate", x, o, v->nbands,
	    0, 1 };
	ser[1] = (struct svg_series){ "predicted PD (mean)", x, p, v->nbands,
	    1, 1 };
	snprintf(title, sizeof title, "Calibration by score band: %s",
	    s->name);
	svg_lines(f, &(struct svg_lines){ .title = title,
	    .x = { "score band, lower bound (points)", 0, NAN, NAN },
	    .y = { "bad rate (%)", 1, 0, NAN }, .s = ser, .ns = 2 });
	free(x);
	free(o);
	free(p);
}

static void
dist_chart(FILE *f, const struct samp *s)
{
	const struct validation *v = s->v;
	size_t n = v->nbands, i;
	const char **cat = xcalloc(n + 1, sizeof *cat);
	char **lab = xcalloc(n + 1, sizeof *lab);
	double *val = xcalloc(2 * n + 1, sizeof *val);
	static const char *const names[] = { "goods", "bads" };
	char title[96];

	for (i = 0; i < n; i++) {
		char b[48];

		snprintf(b, sizeof b, "[%.0f, %.0f)", v->bands[i].lo,
		    v->bands[i].hi);
		lab[i] = xstrdup(b);
		cat[i] = lab[i];
		val[i] = v->bands[i].good_share;
		val[n + i] = v->bands[i].bad_share;
	}
	snprintf(title, sizeof title, "Score distribution: %s", s->name);
	svg_bars(f, &(struct svg_bars){ .title = title,
	    .xlabel = "score band (points)",
	    .y = { "share of the outcome's rows (%)", 1, 0, NAN },
	    .cat = cat, .ncat = n, .name = names, .nser = 2, .v = val });
	for (i = 0; i < n; i++)
		free(lab[i]);
	free(lab);
	free(cat);
	free(val);
}

static void
perf_summary(FILE *f, const struct samp *s, size_t ns)
{
	char b[FMT_BUF];
	size_t k;

	fputs("<table>", f);
	th_row(f, (const char *[]){ "sample", "rows", "bads", "bad rate",
	    "AUC", "Gini", "KS", "KS at (points)", "Hosmer-Lemeshow", "df",
	    "p", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < ns; k++) {
		const struct validation *v = s[k].v;
		const char *p = s[k].ptr;

		fputs("<tr>", f);
		td(f, s[k].name);
		num(f, "count", cnt(b, v->n), "%s/n", p);
		num(f, "count", cnt(b, v->n_bad), "%s/n_bad", p);
		num(f, "pct", fmt_pct_na(b, v->bad_rate, v->n == 0 ? v->na :
		    NULL), "%s/bad_rate", p);
		num(f, "stat", fmt_stat_na(b, v->auc, v->na), "%s/auc", p);
		num(f, "stat", fmt_stat_na(b, v->gini, v->na), "%s/gini", p);
		num(f, "stat", fmt_stat_na(b, v->ks, v->na), "%s/ks", p);
		if (v->na[0] != '\0')
			num(f, "num", FMT_NA, "%s/ks_score", p);
		else {
			snprintf(b, sizeof b, "%.0f", v->ks_at);
			num(f, "num", b, "%s/ks_score", p);
		}
		num(f, "stat", fmt_stat(b, v->hl_stat),
		    "%s/hosmer_lemeshow/statistic", p);
		snprintf(b, sizeof b, "%d", v->hl_df);
		num(f, "count", b, "%s/hosmer_lemeshow/df", p);
		num(f, "pval", fmt_pval(b, v->hl_p),
		    "%s/hosmer_lemeshow/p_value", p);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	for (k = 0; k < ns; k++)
		if (s[k].v->na[0] != '\0') {
			fputs("<p class=\"na\">", f);
			esc(f, s[k].name);
			fputs(": ", f);
			esc(f, s[k].v->na);
			fputs("</p>\n", f);
		}
}

static void
gains_table(FILE *f, const struct samp *s)
{
	const struct validation *v = s->v;
	char b[FMT_BUF];
	size_t i;

	fputs("<table>", f);
	th_row(f, (const char *[]){ "score", "count", "bads", "bad rate",
	    "cum. bads", "cum. rows", "lift", "cum. lift", NULL });
	fputs("<tbody>\n", f);
	for (i = 0; i < v->ngains; i++) {
		const struct val_gains *g = &v->gains[i];
		char sc[64];

		snprintf(sc, sizeof sc, "%.0f-%.0f", g->lo, g->hi);
		fputs("<tr>", f);
		td(f, sc);
		num(f, "count", cnt(b, g->count), "%s/gains/%zu/count",
		    s->ptr, i);
		num(f, "count", cnt(b, g->bads), "%s/gains/%zu/bads", s->ptr,
		    i);
		num(f, "pct", fmt_pct(b, g->bad_rate), "%s/gains/%zu/bad_rate",
		    s->ptr, i);
		num(f, "pct", fmt_pct(b, g->cum_bad_share),
		    "%s/gains/%zu/cum_bad_share", s->ptr, i);
		num(f, "pct", fmt_pct(b, g->cum_count_share),
		    "%s/gains/%zu/cum_count_share", s->ptr, i);
		snprintf(b, sizeof b, "%.2f", g->lift);
		num(f, "num", b, "%s/gains/%zu/lift", s->ptr, i);
		snprintf(b, sizeof b, "%.2f", g->cum_lift);
		num(f, "num", b, "%s/gains/%zu/cum_lift", s->ptr, i);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void
bands_table(FILE *f, const struct samp *s)
{
	const struct validation *v = s->v;
	char b[FMT_BUF];
	size_t i;

	fputs("<table>", f);
	th_row(f, (const char *[]){ "score", "count", "goods", "bads",
	    "share", "observed", "predicted", NULL });
	fputs("<tbody>\n", f);
	for (i = 0; i < v->nbands; i++) {
		const struct val_band *x = &v->bands[i];
		char sc[64];

		snprintf(sc, sizeof sc, "[%.0f, %.0f)", x->lo, x->hi);
		fputs("<tr>", f);
		td(f, sc);
		num(f, "count", cnt(b, x->count), "%s/bands/%zu/count", s->ptr,
		    i);
		num(f, "count", cnt(b, x->goods), "%s/bands/%zu/goods", s->ptr,
		    i);
		num(f, "count", cnt(b, x->bads), "%s/bands/%zu/bads", s->ptr,
		    i);
		num(f, "pct", fmt_pct(b, x->share), "%s/bands/%zu/share",
		    s->ptr, i);
		num(f, "pct", fmt_pct(b, x->bad_rate),
		    "%s/bands/%zu/observed_bad_rate", s->ptr, i);
		num(f, "pct", fmt_pct(b, x->mean_pd),
		    "%s/bands/%zu/predicted_pd", s->ptr, i);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void
hl_table(FILE *f, const struct samp *s)
{
	const struct validation *v = s->v;
	char b[FMT_BUF];
	size_t i;

	fputs("<table>", f);
	th_row(f, (const char *[]){ "PD from", "PD to", "count",
	    "observed bads", "expected bads", NULL });
	fputs("<tbody>\n", f);
	for (i = 0; i < v->nhl; i++) {
		const struct val_hl *h = &v->hl[i];

		fputs("<tr>", f);
		num(f, "pct", fmt_pct(b, h->pd_lo),
		    "%s/hosmer_lemeshow/groups/%zu/pd_lo", s->ptr, i);
		num(f, "pct", fmt_pct(b, h->pd_hi),
		    "%s/hosmer_lemeshow/groups/%zu/pd_hi", s->ptr, i);
		num(f, "count", cnt(b, h->count),
		    "%s/hosmer_lemeshow/groups/%zu/count", s->ptr, i);
		num(f, "count", cnt(b, h->bads),
		    "%s/hosmer_lemeshow/groups/%zu/observed_bads", s->ptr, i);
		num(f, "stat", fmt_stat(b, h->expected),
		    "%s/hosmer_lemeshow/groups/%zu/expected_bads", s->ptr, i);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

/* One block per sample, side by side when there are two. */
static void
per_sample(FILE *f, const struct samp *s, size_t ns,
	void (*each)(FILE *, const struct samp *), const char *caption)
{
	size_t k;

	/* Charts are half the page wide, one sample or two.  Tables are
	   side by side only when both fit the width (on A4 the gains and
	   calibration tables do not): else one under the other. */
	fputs(caption != NULL ? "<div class=\"two\">" : ns > 1 ?
	    "<div class=\"pair\">" : "<div>", f);
	for (k = 0; k < ns; k++) {
		fputs("<div>", f);
		if (caption == NULL) {
			fputs("<p><b>", f);
			esc(f, s[k].name);
			fputs("</b></p>", f);
			each(f, &s[k]);
		} else {
			fig_open(f);
			each(f, &s[k]);
			fig_close(f, caption);
		}
		fputs("</div>", f);
	}
	fputs("</div>\n", f);
}

static void
sec_perf(FILE *f, const struct desk_document *doc)
{
	struct samp s[2];
	size_t ns;

	fputs("<section id=\"perf\"><h2>4. Performance</h2>\n", f);
	if (!doc->has_val) {
		na_para(f, "validation", doc->val_na);
		fputs("</section>\n", f);
		return;
	}
	ns = samples(doc, s);
	fputs("<p>The scorecard scored on the rows of its table with a known "
	    "outcome", f);
	if (ns > 1)
		fputs(", development and holdout side by side", f);
	fputs(".  Scores are points (higher is safer); groups and bands "
	    "run from the riskiest.</p>\n", f);
	perf_summary(f, s, ns);
	fputs("<div class=\"two\">", f);
	fig_open(f);
	roc_chart(f, s, ns);
	fig_close(f, "Each point is a cutoff just above a score: the shares "
	    "of goods and of bads declined (the false and true positive "
	    "rates).  The dash-dot diagonal is a model that ranks at "
	    "random.");
	fig_open(f);
	gains_chart(f, s, ns);
	fig_close(f, "Cumulative share of the bads among the riskiest rows, "
	    "by score group (gains table below).");
	fputs("</div>\n", f);
	per_sample(f, s, ns, ks_chart, "Cumulative score distributions of "
	    "bads and goods; KS is the largest gap, marked where it is "
	    "reached.");
	fputs("<div class=\"two\">", f);
	fig_open(f);
	lift_chart(f, s, ns);
	fig_close(f, "Bad rate of each score group over the sample's bad "
	    "rate: 1 is average risk.");
	fputs("<div></div></div>\n", f);
	per_sample(f, s, ns, calib_chart, "Observed bad rate against the mean "
	    "PD the scorecard predicts, per score band (Hosmer-Lemeshow in "
	    "the table above).");
	per_sample(f, s, ns, dist_chart, "Share of the goods and of the bads "
	    "in each score band.");
	fputs("<h3>Gains by score group</h3>\n", f);
	per_sample(f, s, ns, gains_table, NULL);
	fputs("<h3>Calibration and distribution by score band</h3>\n", f);
	per_sample(f, s, ns, bands_table, NULL);
	fputs("<h3>Hosmer-Lemeshow groups of PD</h3>\n", f);
	per_sample(f, s, ns, hl_table, NULL);
	fputs("</section>\n", f);
}

/* -------------------------------------------------------- stability */

static void
psi_chart(FILE *f, const struct desk_validation *v)
{
	size_t n = v->psi.nbins, i;
	const char **cat = xcalloc(n + 1, sizeof *cat);
	char **lab = xcalloc(n + 1, sizeof *lab);
	double *val = xcalloc(2 * n + 1, sizeof *val);
	const char *names[2];

	names[0] = v->psi_base != NULL ? v->psi_base : "development";
	names[1] = v->psi_against;
	for (i = 0; i < n; i++) {
		const struct val_psi_bin *x = &v->psi.bins[i];
		char b[64];

		if (isnan(x->lo))
			snprintf(b, sizeof b, "missing");
		else
			snprintf(b, sizeof b, "[%.6g, %.6g)", x->lo, x->hi);
		lab[i] = xstrdup(b);
		cat[i] = lab[i];
		val[i] = x->share_base;
		val[n + i] = x->share_new;
	}
	svg_bars(f, &(struct svg_bars){ .title = "PSI of the score: shares "
	    "per score bin", .xlabel = "score bin (points)",
	    .y = { "share of rows (%)", 1, 0, NAN }, .cat = cat, .ncat = n,
	    .name = names, .nser = 2, .v = val });
	for (i = 0; i < n; i++)
		free(lab[i]);
	free(lab);
	free(cat);
	free(val);
}

static void
sec_stab(FILE *f, const struct desk_document *doc)
{
	const struct desk_validation *v = &doc->val;
	char b[FMT_BUF];
	double max = 0.25;
	size_t i;

	fputs("<section id=\"stab\"><h2>5. Stability</h2>\n<h3>PSI of the "
	    "score</h3>\n", f);
	if (!doc->has_val || !v->has_psi) {
		na_para(f, "PSI of the score", !doc->has_val ? doc->val_na :
		    "the scorecard has no holdout and the policy is applied to "
		    "its own population: give --psi-table <table>");
	} else {
		fputs("<p>PSI of the score, ", f);
		esc(f, v->psi_base != NULL ? v->psi_base : "development");
		fputs(" against ", f);
		esc(f, v->psi_against);
		fputs(": ", f);
		span(f, "stat", fmt_stat(b, v->psi.psi), "/validation/psi/psi");
		fputs(" (", f);
		esc(f, validate_psi_reading(v->psi.psi));
		fputs("; &lt; 0.1 stable, 0.1-0.25 some shift, &gt;= 0.25 "
		    "significant shift).</p>\n", f);
		fig_open(f);
		psi_chart(f, v);
		fig_close(f, "Share of each sample's rows in each score bin "
		    "(bins from the base sample's deciles).");
		fputs("<table>", f);
		th_row(f, (const char *[]){ "score bin", "base rows",
		    "new rows", "base share", "new share", "term", "", NULL });
		fputs("<tbody>\n", f);
		for (i = 0; i < v->psi.nbins; i++) {
			const struct val_psi_bin *x = &v->psi.bins[i];
			char sc[64];

			if (isnan(x->lo))
				snprintf(sc, sizeof sc, "missing");
			else
				snprintf(sc, sizeof sc, "[%.6g, %.6g)", x->lo,
				    x->hi);
			fputs("<tr>", f);
			td(f, sc);
			num(f, "count", cnt(b, x->n_base),
			    "/validation/psi/bins/%zu/n_base", i);
			num(f, "count", cnt(b, x->n_new),
			    "/validation/psi/bins/%zu/n_new", i);
			num(f, "pct", fmt_pct(b, x->share_base),
			    "/validation/psi/bins/%zu/share_base", i);
			num(f, "pct", fmt_pct(b, x->share_new),
			    "/validation/psi/bins/%zu/share_new", i);
			num(f, "stat", fmt_stat(b, x->contrib),
			    "/validation/psi/bins/%zu/contribution", i);
			td(f, bin_psi_flag_text(x->flag));
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
	fputs("<h3>CSI of the characteristics</h3>\n", f);
	if (doc->csi == NULL) {
		na_para(f, "CSI", doc->csi_na);
		fputs("</section>\n", f);
		return;
	}
	fputs("<p>Each characteristic's bins on table <b>", f);
	esc(f, doc->csi->table);
	fputs("</b> against development table <b>", f);
	esc(f, doc->bins->table);
	fputs("</b>: &lt; 0.1 stable, 0.1-0.25 some shift, &gt;= 0.25 "
	    "significant shift; the bar's scale ends at 0.25 or the largest "
	    "CSI.</p>\n<table>", f);
	th_row(f, (const char *[]){ "characteristic", "CSI", "", "reading",
	    "in the model", NULL });
	fputs("<tbody>\n", f);
	for (i = 0; i < doc->csi->n; i++)
		if (isfinite(doc->csi->v[i].csi) && doc->csi->v[i].csi > max)
			max = doc->csi->v[i].csi;
	for (i = 0; i < doc->csi->n; i++) {
		const struct desk_csi_char *x = &doc->csi->v[i];
		const struct characteristic *ch = doc->bins->chars[x->k];

		fputs("<tr>", f);
		td(f, ch->name);
		if (x->missing_col != NULL) {
			num(f, "stat", "-", "/stability/csi/characteristics/"
			    "%zu/csi", i);
			td(f, "");
			td(f, x->missing_col);
		} else {
			char w[FMT_BUF + 2];

			snprintf(w, sizeof w, "%s%s", fmt_stat(b, x->csi),
			    x->adjusted ? "*" : "");
			num(f, "stat", w,
			    "/stability/csi/characteristics/%zu/csi", i);
			fputs("<td>", f);
			svg_cellbar(f, x->csi, max);
			fputs("</td>", f);
			td(f, x->reading);
		}
		td(f, in_model(doc->card, ch->name) ? "yes" : "");
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n<p>* a bin empty in one table only: its "
	    "zero count became the adjustment and the totals were "
	    "re-summed.</p>\n</section>\n", f);
}

/* ----------------------------------------------------------- policy */

/*
 * The figures of one line of an outcome table: the rates and losses
 * (money 0), or the credit limits and, priced, revenue, funding cost and
 * profit (money 1), as the text report splits them.
 */
static void
stats_cells(FILE *f, const struct sim_prep *prep, const struct sim_stats *st,
	int money, int priced, const char *p)
{
	char b[FMT_BUF], na[METRIC_REASON_MAX];

	if (money) {
		num(f, "money", fmt_money(b, st->credit_limit),
		    "%s/credit_limit", p);
		if (priced) {
			num(f, "money", fmt_money(b, st->revenue),
			    "%s/revenue", p);
			num(f, "money", fmt_money(b, st->funding_cost),
			    "%s/funding_cost", p);
			num(f, "money", fmt_money(b, st->profit), "%s/profit",
			    p);
		}
		return;
	}
	num(f, "count", cnt(b, st->applicants), "%s/applicants", p);
	num(f, "pct", fmt_pct(b, st->approval_rate), "%s/approval_rate", p);
	num(f, "pct", fmt_pct(b, st->refer_rate), "%s/refer_rate", p);
	num(f, "pct", fmt_pct_na(b, st->bad_rate, prep == NULL ? NULL :
	    sim_bad_rate_na(prep, st->approved, st->approved_known,
	    "approved", na)), "%s/bad_rate", p);
	num(f, "pct", fmt_pct(b, st->exp_bad_rate), "%s/expected_bad_rate",
	    p);
	num(f, "money", fmt_money(b, st->exposure), "%s/exposure", p);
	num(f, "money", fmt_money(b, st->expected_loss), "%s/expected_loss",
	    p);
}

static void
outcome_table(FILE *f, const struct desk_policy *s, const char *pre)
{
	const struct policy *p = s->policy;
	char b[FMT_BUF], ptr[PTR_MAX], na[METRIC_REASON_MAX];
	size_t k;
	int money;

	for (money = 0; money <= 1; money++) {
		fputs("<table>", f);
		if (!money)
			th_row(f, (const char *[]){ "segment", "cutoff", "TTD",
			    "approve", "refer", "bad", "exp. bad", "exposure",
			    "EL", NULL });
		else if (p->priced)
			th_row(f, (const char *[]){ "segment", "credit limits",
			    "revenue a year", "funding cost", "profit",
			    NULL });
		else
			th_row(f, (const char *[]){ "segment",
			    "credit limits", NULL });
		fputs("<tbody>\n", f);
		for (k = 0; k < p->nsegments; k++) {
			snprintf(ptr, sizeof ptr, "%s/segments/%zu", pre, k);
			fputs("<tr>", f);
			td(f, p->segments[k].name);
			if (!money) {
				snprintf(b, sizeof b, "%.0f",
				    s->result.cutoffs[k]);
				num(f, "num", b, "%s/cutoff", ptr);
			}
			stats_cells(f, &s->prep, &s->result.segments[k],
			    money, p->priced, ptr);
			fputs("</tr>\n", f);
		}
		if (!money) {
			fputs("<tr>", f);
			td(f, "knocked out");
			td(f, "");
			snprintf(ptr, sizeof ptr, "%s/policy/knocked_out", pre);
			num(f, "count", cnt(b, s->result.total.knocked_out),
			    "%s", ptr);
			for (k = 3; k < 9; k++)
				td(f, "");
			fputs("</tr>\n", f);
		}
		fputs("<tr class=\"total\">", f);
		td(f, "total");
		if (!money)
			td(f, "");
		snprintf(ptr, sizeof ptr, "%s/policy", pre);
		stats_cells(f, &s->prep, &s->result.total, money, p->priced,
		    ptr);
		fputs("</tr>\n</tbody></table>\n", f);
	}
	if (p->priced)
		fprintf(f, "<p>A year: revenue = sum EAD x APR, funding = sum "
		    "EAD x %g, profit = revenue - funding - EL.</p>\n",
		    p->funding_rate);
	/* Why a bad rate is n/a. */
	for (k = 0; k <= p->nsegments; k++) {
		const struct sim_stats *st = k < p->nsegments ?
		    &s->result.segments[k] : &s->result.total;

		if (sim_bad_rate_na(&s->prep, st->approved,
		    st->approved_known, "approved", na) != NULL) {
			fputs("<p class=\"na\">bad rate n/a for ", f);
			esc(f, k < p->nsegments ? p->segments[k].name :
			    "total");
			fputs(": ", f);
			esc(f, na);
			fputs("</p>\n", f);
		}
	}
}

/* Why the fraud rules were not evaluated, as a warning. */
static void
not_evaluated(FILE *f, const char *why)
{
	fputs("<p class=\"warn\">fraud rules not evaluated: ", f);
	esc(f, why);
	fputs("</p>\n", f);
}

/*
 * The outcome lines of a policy with fraud rules, fraud rules first as
 * decide applies them (struct desk_policy lines).
 */
static void
lines_table(FILE *f, const struct desk_policy *s, const char *pre)
{
	const struct decide_lines *l = &s->lines;
	double n = (double)l->applicants;
	char b[FMT_BUF];
	size_t k;

	if (s->policy->fraud == NULL)
		return;
	if (s->fraud == NULL) {
		not_evaluated(f, s->fraud_msg);
		return;
	}
	fputs("<p>The credit policy's figures above leave the fraud rules "
	    "out.  With the fraud rules first, as decide applies them, each "
	    "applicant falls in one line:</p>\n<table>", f);
	th_row(f, (const char *[]){ "line", "applicants", "rate", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < DECIDE_NLINES; k++) {
		enum decide_line j = (enum decide_line)k;

		fputs("<tr>", f);
		td(f, decide_line_names[j]);
		num(f, "count", cnt(b, l->n[j]), "%s/outcome_lines/%s", pre,
		    decide_line_keys[j]);
		num(f, "pct", fmt_pct(b, n > 0 ? (double)l->n[j] / n : NAN),
		    "%s/outcome_lines/%s_rate", pre, decide_line_keys[j]);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\">", f);
	td(f, "total");
	num(f, "count", cnt(b, l->applicants), "%s/outcome_lines/applicants",
	    pre);
	td(f, "");
	fputs("</tr>\n</tbody></table>\n<p>Approval rate = 1 - (knock-out "
	    "+ fraud decline + fraud refer + credit decline + credit refer) "
	    "/ applicants.  Credit approvals the fraud rules stop: ", f);
	span(f, "count", cnt(b, l->fraud_stopped),
	    "%s/outcome_lines/fraud_stopped", pre);
	fputs(".</p>\n", f);
}

static void
rules_tables(FILE *f, const struct desk_policy *s, const char *pre)
{
	const struct policy *p = s->policy;
	char b[FMT_BUF];
	size_t k, j;
	int moved;

	if (p->nknockouts > 0) {
		fputs("<h3>Knock-outs</h3>\n<table>", f);
		th_row(f, (const char *[]){ "knock-out", "condition",
		    "reason", "declined", NULL });
		fputs("<tbody>\n", f);
		for (k = 0; k < p->nknockouts; k++) {
			fputs("<tr>", f);
			td(f, p->knockouts[k].name);
			fputs("<td data-f=\"def\"><code>", f);
			esc(f, p->knockouts[k].when);
			fputs("</code></td>", f);
			td(f, p->knockouts[k].reason);
			num(f, "count", cnt(b, s->result.ko_count[k]),
			    "%s/knockouts/%zu/declined", pre, k);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
	fputs("<h3>Segments, cutoffs, refer bands, limits and pricing</h3>\n",
	    f);
	{
		char *m = report_moved_text(p, s->result.cutoffs);

		/* The figures are at these, not at the file's named in the
		   inputs: said before the table, each marked * in it. */
		if (m != NULL) {
			fputs("<p>* ", f);
			esc(f, REPORT_MOVED_HEAD);
			fputs(": ", f);
			esc(f, m);
			fputs(".</p>\n", f);
		}
		free(m);
	}
	fputs("<table>", f);
	th_row(f, (const char *[]){ "segment", "condition", "cutoff",
	    "refer from", "LGD", "EAD", "score bands: [from, to) limit, APR",
	    NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *sg = &p->segments[k];

		fputs("<tr>", f);
		td(f, sg->name);
		fputs("<td data-f=\"def\"><code>", f);
		esc(f, sg->when != NULL ? sg->when : "(default)");
		fputs("</code></td>", f);
		moved = report_cutoff_moved(p, s->result.cutoffs, k);
		snprintf(b, sizeof b, "%.0f%s", s->result.cutoffs[k], moved ?
		    "*" : "");
		num(f, "num", b, "%s/segments/%zu/cutoff", pre, k);
		/* The refer bound the figures are at: the file's, or the
		   moved cutoff's (the band keeps its width). */
		if (isnan(sg->refer))
			tddef(f, "-");
		else if (!moved) {
			snprintf(b, sizeof b, "%g", sg->refer);
			tddef(f, b);
		} else {
			snprintf(b, sizeof b, "%g*", report_refer_at(p,
			    s->result.cutoffs, k));
			num(f, "num", b, "%s/segments/%zu/refer", pre, k);
		}
		num(f, "pct", fmt_pct(b, sg->lgd), "%s/segments/%zu/lgd", pre,
		    k);
		fputs("<td data-f=\"def\"><code>", f);
		esc(f, sg->ead);
		fputs("</code></td><td>", f);
		for (j = 0; j < sg->nbands; j++) {
			const struct policy_band *bd = &sg->bands[j];
			char l[FMT_BUF], a[FMT_BUF];

			if (isnan(bd->limit))
				snprintf(l, sizeof l, "no limit");
			else
				fmt_money(l, bd->limit);
			if (isnan(bd->apr))
				snprintf(a, sizeof a, "not priced");
			else
				fmt_pct(a, bd->apr);
			fprintf(f, "%s[%g, %g) %s, %s", j > 0 ? "<br>" : "",
			    bd->from, bd->to, l, a);
			if (bd->nincome > 0)
				fprintf(f, " (%zu income bands)", bd->nincome);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void
tradeoff_charts(FILE *f, const struct desk_doc_slot *ds)
{
	const struct desk_policy *s = ds->slot;
	size_t k, i;

	fputs("<div class=\"two\">", f);
	for (k = 0; k < ds->ncurves; k++) {
		const struct sim_curve *c = &ds->curves[k];
		double *x = xcalloc(c->n + 1, sizeof *x);
		double *br = xcalloc(c->n + 1, sizeof *br);
		double *eb = xcalloc(c->n + 1, sizeof *eb);
		struct svg_series ser[2];
		struct svg_mark mk;
		char title[160], lab[64];
		int marked = 0;

		for (i = 0; i < c->n; i++) {
			x[i] = c->pt[i].approval_rate;
			br[i] = c->pt[i].bad_rate;
			eb[i] = c->pt[i].exp_bad_rate;
		}
		ser[0] = (struct svg_series){ "bad rate", x, br, c->n, 0, 0 };
		ser[1] = (struct svg_series){ "expected bad rate (mean PD)", x,
		    eb, c->n, 1, 0 };
		if (k == 0) {
			snprintf(title, sizeof title, "Trade-off, all "
			    "segments at one cutoff");
		} else {
			const struct sim_stats *st = &s->result.segments[k - 1];

			snprintf(title, sizeof title, "Trade-off: %.100s",
			    s->policy->segments[k - 1].name);
			snprintf(lab, sizeof lab, "cutoff %.0f",
			    s->result.cutoffs[k - 1]);
			mk = (struct svg_mark){ st->approval_rate,
			    isfinite(st->bad_rate) ? st->bad_rate :
			    st->exp_bad_rate, lab };
			marked = 1;
		}
		fig_open(f);
		svg_lines(f, &(struct svg_lines){ .title = title,
		    .x = { "approval rate (%)", 1, 0, 1 },
		    .y = { "bad rate among the approved (%)", 1, 0, NAN },
		    .s = ser, .ns = 2, .mark = marked ? &mk : NULL,
		    .nmark = (size_t)marked });
		fig_close(f, k == 0 ? "Every score as the cutoff of every "
		    "segment, from approving everyone not knocked out to "
		    "approving no one." : "Every score as the segment's "
		    "cutoff; the ring marks the policy's cutoff.");
		free(x);
		free(br);
		free(eb);
	}
	fputs("</div>\n", f);
}

static void
opt_section(FILE *f, const struct desk_policy *s)
{
	const struct sim_opt *o = &s->opt;
	const struct policy *p = s->policy;
	char b[FMT_BUF], ptr[PTR_MAX];
	size_t k;

	fputs("<h3>Optimiser</h3>\n<p>The most approvals with an expected ",
	    f);
	if (o->spec.kind == SIM_TARGET_BAD_RATE) {
		fputs("bad rate of at most ", f);
		span(f, "pct", fmt_pct(b, o->spec.target),
		    "/policy/optimiser/limit");
	} else {
		fputs("loss of at most ", f);
		span(f, "money", fmt_money(b, o->spec.target),
		    "/policy/optimiser/limit");
	}
	fputs(o->feasible ? ":</p>\n" : ": no applicant can be approved "
	    "within the target.</p>\n", f);
	fputs("<table>", f);
	th_row(f, (const char *[]){ "segment", "cutoff", "TTD", "approve",
	    "refer", "bad", "exp. bad", "exposure", "EL", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < p->nsegments; k++) {
		snprintf(ptr, sizeof ptr, "/policy/optimiser/segments/%zu", k);
		fputs("<tr>", f);
		td(f, p->segments[k].name);
		snprintf(b, sizeof b, "%.0f", o->cutoffs[k]);
		num(f, "num", b, "%s/cutoff", ptr);
		stats_cells(f, &s->prep, &o->result.segments[k], 0, 0, ptr);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\">", f);
	td(f, "total");
	td(f, "");
	stats_cells(f, &s->prep, &o->result.total, 0, 0,
	    "/policy/optimiser/policy");
	fputs("</tr>\n</tbody></table>\n", f);
}

static void
slot_section(FILE *f, const struct desk_document *doc, int which)
{
	const struct desk_doc_slot *ds = &doc->pol.slot[which];
	const struct desk_policy *s = ds->slot;
	const struct policy *p = s->policy;
	const char *pre = which ? "/policy/challenger" : "/policy";
	char b[FMT_BUF];
	size_t k;

	fprintf(f, "<h3>%s: ", which ? "Challenger" : "Champion");
	esc(f, p->name);
	fputs("</h3>\n<p>File <code>", f);
	esc(f, p->path);
	fputs("</code>; population <b>", f);
	esc(f, p->population);
	fputs("</b>; scorecard <b>", f);
	esc(f, s->card->name);
	fprintf(f, "</b>; %s match of the segments.  Model on the population's "
	    "known outcomes: AUC ", p->hit == POLICY_HIT_UNIQUE ? "unique" :
	    "first");
	span(f, "stat", fmt_stat_na(b, s->disc.auc, s->disc.na),
	    "%s/model/auc", pre);
	fputs(", Gini ", f);
	span(f, "stat", fmt_stat_na(b, s->disc.gini, s->disc.na),
	    "%s/model/gini", pre);
	fputs(", KS ", f);
	span(f, "stat", fmt_stat_na(b, s->disc.ks, s->disc.na), "%s/model/ks",
	    pre);
	if (s->disc.na[0] != '\0') {
		fputs(" (", f);
		esc(f, s->disc.na);
		fputs(")", f);
	}
	fputs(".</p>\n", f);
	rules_tables(f, s, pre);
	fputs("<h3>Outcome</h3>\n", f);
	outcome_table(f, s, pre);
	lines_table(f, s, pre);
	if (s->prep.ead_missing > 0) {
		fputs("<p class=\"warn\">EAD is NULL or not a number on ", f);
		span(f, "count", cnt(b, s->prep.ead_missing),
		    "%s/policy/ead_missing", pre);
		fputs(" applicants, counted as 0 exposure.</p>\n", f);
	}
	for (k = 0; k < s->nwarnings; k++) {
		fputs("<p class=\"warn\">", f);
		esc(f, s->warnings[k]);
		fputs("</p>\n", f);
	}
	for (k = 0; k < p->nsegments; k++)
		if (sim_segment_shadowed(&s->prep, &s->result, k)) {
			fputs("<p class=\"warn\">segment ", f);
			esc(f, p->segments[k].name);
			fputs(" is never reached: earlier segments take every "
			    "applicant its condition matches.</p>\n", f);
		}
	if (ds->ncurves > 0) {
		fputs("<h3>Trade-off curves</h3>\n", f);
		tradeoff_charts(f, ds);
	}
	if (which == 0 && s->optimised)
		opt_section(f, s);
}

/* The swap set w (prep: the champion's, for the reasons a bad rate is
   n/a) as a table, its figures at the JSON pointer jp. */
static void
swap_table(FILE *f, const struct sim_swap *w, const struct sim_prep *prep,
	const char *jp)
{
	static const char *const label[4] = {
		"approved by both", "swap-in", "swap-out", "declined by both"
	};
	static const char *const key[4] = {
		"approved_by_both", "swap_in", "swap_out", "declined_by_both"
	};
	const struct sim_swap_cell *c[4] = {
		&w->both, &w->swap_in, &w->swap_out, &w->neither
	};
	char b[FMT_BUF], el[FMT_BUF], na[METRIC_REASON_MAX];
	size_t k;

	fputs("<table>", f);
	th_row(f, (const char *[]){ "cell", "count", "known", "bad",
	    "bad rate", "EL champion", "EL challenger", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < 4; k++) {
		fputs("<tr>", f);
		td(f, label[k]);
		num(f, "count", cnt(b, c[k]->count), "%s/%s/count", jp,
		    key[k]);
		num(f, "count", cnt(b, c[k]->known), "%s/%s/known", jp,
		    key[k]);
		num(f, "count", cnt(b, c[k]->bad), "%s/%s/bad", jp, key[k]);
		num(f, "pct", fmt_pct_na(b, c[k]->bad_rate,
		    sim_bad_rate_na(prep, c[k]->count, c[k]->known,
		    "applicants", na)), "%s/%s/bad_rate", jp, key[k]);
		num(f, "money", fmt_money(b, c[k]->el_champion),
		    "%s/%s/expected_loss_champion", jp, key[k]);
		num(f, "money", fmt_money(b, c[k]->el_challenger),
		    "%s/%s/expected_loss_challenger", jp, key[k]);
		fputs("</tr>\n", f);
	}
	/* Differences of rates in percentage points with their sign, and
	   of EL with its sign, as the text report writes them. */
	fputs("</tbody></table>\n<p>A referral counts as not approved.  ",
	    f);
	esc(f, SWAP_EL_NOTE);
	fputs(".  Challenger minus champion: approval rate ", f);
	span(f, "pts", fmt_pts(b, w->d_approval_rate),
	    "%s/change/approval_rate", jp);
	fputs(", bad rate ", f);
	span(f, "pts", w->na[0] != '\0' ? FMT_NA : fmt_pts(b, w->d_bad_rate),
	    "%s/change/bad_rate", jp);
	fputs(", expected bad rate ", f);
	span(f, "pts", fmt_pts(b, w->d_exp_bad_rate),
	    "%s/change/expected_bad_rate", jp);
	fputs(", EL ", f);
	snprintf(b, sizeof b, "%c%s", w->d_expected_loss >= 0 ? '+' : '-',
	    fmt_money(el, fabs(w->d_expected_loss)));
	span(f, "money", b, "%s/change/expected_loss", jp);
	fputs(".</p>\n", f);
}

static void
swap_section(FILE *f, const struct desk_document *doc)
{
	fputs("<h3>Champion vs challenger: the swap set</h3>\n", f);
	if (!doc->pol.have_swap) {
		na_para(f, "swap set", doc->pol.swap_msg);
		return;
	}
	swap_table(f, &doc->pol.swap, &doc->pol.slot[0].slot->prep,
	    "/policy/swap_set");
}

/* name as one reference token of a JSON pointer (RFC 6901: "~" as "~0",
   "/" as "~1") into buf[size], cut short. */
static const char *
ptr_token(char *buf, size_t size, const char *name)
{
	size_t n = 0;

	for (; *name != '\0' && n + 3 < size; name++) {
		if (*name == '~' || *name == '/') {
			buf[n++] = '~';
			buf[n++] = *name == '~' ? '0' : '1';
		} else
			buf[n++] = *name;
	}
	buf[n] = '\0';
	return buf;
}

/* A rate of the fraud figures: "-" when it has no denominator. */
static void
fraud_pct(FILE *f, double x, const char *ptr, const char *key)
{
	char b[FMT_BUF];

	num(f, "pct", fmt_pct(b, x), "%s/%s", ptr, key);
}

/* A count of frauds: n/a, as a note rather than a figure, without a
   label (the JSON counts 0 there). */
static void
fraud_count(FILE *f, int labelled, size_t n, const char *ptr,
	const char *key)
{
	char b[FMT_BUF];

	if (labelled)
		num(f, "count", cnt(b, n), "%s/%s", ptr, key);
	else
		td(f, FMT_NA);
}

/* The figures of the rule set or of one rule, after its name cells:
   alerts, alert rate, frauds caught, (unique), detection, value
   detection, false positives, false-positive ratio, precision. */
static void
fraud_figure_cells(FILE *f, const struct fraud_figures *g, int labelled,
	int rule, const char *ptr)
{
	char b[FMT_BUF];

	num(f, "count", cnt(b, g->alerts), "%s/alerts", ptr);
	fraud_pct(f, g->alert_rate, ptr, "alert_rate");
	fraud_count(f, labelled, g->frauds_caught, ptr, "frauds_caught");
	if (rule)
		fraud_count(f, labelled, g->unique_frauds, ptr,
		    "unique_frauds");
	fraud_pct(f, g->detection_rate, ptr, "detection_rate");
	fraud_pct(f, g->value_detection_rate, ptr, "value_detection_rate");
	fraud_count(f, labelled, g->false_positives, ptr, "false_positives");
	num(f, "stat", fmt_stat(b, g->false_positive_ratio),
	    "%s/false_positive_ratio", ptr);
	fraud_pct(f, g->precision, ptr, "precision");
}

/*
 * The champion's fraud rules on its population, as the text and JSON
 * reports give them (report-fraud.c, from the same struct fraud_eval):
 * the set, each rule with its condition, action and reason, the alerts
 * by day against the capacity, the fraud scorecard, and the credit
 * approvals the rules stop.
 */
static void
fraud_section(FILE *f, const struct desk_document *doc)
{
	const struct desk_policy *s = doc->pol.slot[0].slot;
	const struct policy *p = s->policy;
	const struct policy_fraud *fr = p->fraud;
	const struct fraud_eval *e = &doc->pol.fraud_eval;
	const char *pre = "/policy/fraud";
	char b[FMT_BUF], ptr[PTR_MAX], tok[PTR_MAX - 32];
	size_t k;

	if (fr == NULL)
		return;
	fputs("<h3>Fraud rules</h3>\n", f);
	if (!doc->pol.have_fraud) {
		not_evaluated(f, doc->pol.fraud_msg);
		return;
	}
	fputs("<p>The fraud section of policy <b>", f);
	esc(f, p->name);
	fputs("</b> on table <b>", f);
	esc(f, p->population);
	fputs("</b>: ", f);
	span(f, "count", cnt(b, e->events), "%s/events", pre);
	fputs(" events, known frauds ", f);
	if (e->labelled)
		span(f, "count", cnt(b, e->frauds), "%s/frauds", pre);
	else
		fputs("n/a (no label)", f);
	if (e->valued) {
		fputs(", fraud amount ", f);
		span(f, "money", fmt_money(b, e->fraud_amount),
		    "%s/fraud_amount", pre);
	}
	fputs(".  An alert is an event on which any rule fires; the first "
	    "rule that fires gives the action: ", f);
	span(f, "count", cnt(b, e->declines), "%s/declines", pre);
	fputs(" declines, ", f);
	span(f, "count", cnt(b, e->refers), "%s/refers", pre);
	fputs(" refers.  FPR is the false-positive ratio, honest alerts per "
	    "fraud caught; unique, the frauds no other rule catches.</p>\n"
	    "<table>", f);
	th_row(f, (const char *[]){ "rule", "condition", "action", "reason",
	    "alerts", "alert rate", "frauds caught", "unique", "detection",
	    "value detection", "false positives", "FPR", "precision",
	    NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < e->nrules && k < fr->nrules; k++) {
		fputs("<tr>", f);
		td(f, fr->rules[k].name);
		fputs("<td data-f=\"def\"><code>", f);
		esc(f, fr->rules[k].when);
		fputs("</code></td>", f);
		td(f, policy_fraud_action_names[fr->rules[k].action]);
		td(f, fr->rules[k].reason);
		snprintf(ptr, sizeof ptr, "%s/rules/%s", pre,
		    ptr_token(tok, sizeof tok, fr->rules[k].name));
		fraud_figure_cells(f, &e->rule[k], e->labelled, 1, ptr);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\">", f);
	td(f, "rule set (any rule)");
	td(f, "");
	td(f, "");
	td(f, "");
	num(f, "count", cnt(b, e->set.alerts), "%s/alerts", pre);
	fraud_pct(f, e->set.alert_rate, pre, "alert_rate");
	fraud_count(f, e->labelled, e->set.frauds_caught, pre,
	    "frauds_caught");
	td(f, "");
	fraud_pct(f, e->set.detection_rate, pre, "detection_rate");
	fraud_pct(f, e->set.value_detection_rate, pre,
	    "value_detection_rate");
	fraud_count(f, e->labelled, e->set.false_positives, pre,
	    "false_positives");
	num(f, "stat", fmt_stat(b, e->set.false_positive_ratio),
	    "%s/false_positive_ratio", pre);
	fraud_pct(f, e->set.precision, pre, "precision");
	fputs("</tr>\n</tbody></table>\n", f);
	if (e->valued) {
		fputs("<p>Value of the frauds caught by the set: ", f);
		span(f, "money", fmt_money(b, e->set.amount_caught),
		    "%s/amount_caught", pre);
		fputs(".</p>\n", f);
	}
	fputs("<p>Alerts by day: ", f);
	span(f, "count", cnt(b, e->days), "%s/days", pre);
	fputs(" days, ", f);
	span(f, "stat", fmt_stat(b, e->alerts_per_day), "%s/alerts_per_day",
	    pre);
	fputs(" alerts a day, ", f);
	span(f, "count", cnt(b, e->max_alerts_day), "%s/max_alerts_day",
	    pre);
	fputs(" on the busiest day; ", f);
	if (isnan(e->capacity))
		fputs("no capacity given.", f);
	else {
		fputs("capacity ", f);
		span(f, "count", fmt_count(b, e->capacity), "%s/capacity",
		    pre);
		fputs(" alerts a day, exceeded on ", f);
		span(f, "count", cnt(b, e->days_over),
		    "%s/days_over_capacity", pre);
		fputs(" days (", f);
		span(f, "count", cnt(b, e->alerts_over),
		    "%s/alerts_over_capacity", pre);
		fputs(" alerts beyond it); worked, highest risk first, ", f);
		span(f, "count", cnt(b, e->worked), "%s/alerts_worked", pre);
		fputs(" alerts, ", f);
		if (e->labelled)
			span(f, "count", cnt(b, e->frauds_worked),
			    "%s/frauds_worked", pre);
		else
			fputs("n/a", f);
		fputs(" frauds (detection ", f);
		span(f, "pct", fmt_pct(b, e->detection_at_capacity),
		    "%s/detection_rate_at_capacity", pre);
		fputs(").", f);
	}
	fputs("</p>\n", f);
	if (e->scored) {
		fputs("<p>Fraud scorecard <b>", f);
		esc(f, fr->scorecard);
		fputs("</b> ranks the alerts worked, fewest points first: "
		    "AUC ", f);
		span(f, "stat", fmt_stat(b, e->auc), "%s/scorecard/auc", pre);
		if (!isnan(e->capacity)) {
			fputs(", detection at capacity ", f);
			span(f, "pct", fmt_pct(b, e->detection_at_capacity),
			    "%s/scorecard/detection_at_capacity", pre);
			fputs(" against ", f);
			span(f, "pct", fmt_pct(b,
			    e->detection_at_capacity_rules),
			    "%s/scorecard/detection_at_capacity_by_rules",
			    pre);
			fputs(" by the rules' order", f);
		}
		fputs(".</p>\n", f);
	}
	if (s->fraud != NULL) {
		fputs("<p>Credit approvals the fraud rules stop (they come "
		    "first): ", f);
		span(f, "count", cnt(b, s->lines.fraud_stopped),
		    "%s/approvals_stopped", pre);
		fputs(".</p>\n", f);
	}
}

static void
sec_policy(FILE *f, const struct desk_document *doc)
{
	fputs("<section id=\"policy\"><h2>6. The policy</h2>\n<p>Knock-outs "
	    "first, then the first segment whose condition holds; approve at "
	    "score &gt;= cutoff, refer in [refer, cutoff), decline below.  "
	    "Approval rate is a share of all applicants (through the door); "
	    "bad rate is among the approved with a known outcome; EL sums "
	    "PD x LGD x EAD over the approved.</p>\n", f);
	slot_section(f, doc, 0);
	if (doc->pol.slot[1].slot != NULL) {
		slot_section(f, doc, 1);
		swap_section(f, doc);
	}
	fraud_section(f, doc);
	fputs("</section>\n", f);
}

/* -------------------------------------------------------------- page */

/* Reject inference: the --compare figures of the KGB against the
   inferred scorecard. */
static void
sec_infer(FILE *f, const struct desk_document *doc)
{
	const struct desk_infer_cmp *c = &doc->infer;
	const struct infer_comparison *m = &c->cmp;
	char b[FMT_BUF], lab[96];
	size_t k;

	fputs("<section id=\"infer\"><h2>7. Reject inference</h2>\n", f);
	if (!doc->has_infer) {
		na_para(f, "reject inference", doc->infer_na);
		fputs("</section>\n", f);
		return;
	}
	fputs("<p>The scorecard \"", f);
	esc(f, c->name);
	fputs("\" was inferred from the KGB scorecard \"", f);
	esc(f, c->kgb);
	fputs("\" (fitted on the accepts) by ", f);
	esc(f, infer_method_name(c->spec.method));
	fputs(" on table \"", f);
	esc(f, c->population);
	fputs("\": ", f);
	span(f, "count", cnt(b, m->accepts), "/reject_inference/accepts");
	fputs(" accepts, ", f);
	span(f, "count", cnt(b, m->accept_bads),
	    "/reject_inference/accept_bads");
	fputs(" bad (", f);
	span(f, "pct", fmt_pct(b, m->accept_bad_rate),
	    "/reject_inference/accept_bad_rate");
	fputs("); ", f);
	span(f, "count", cnt(b, m->rejects), "/reject_inference/rejects");
	fputs(" rejects.</p>\n<table>", f);
	th_row(f, (const char *[]){ "", "KGB", "inferred", "augmented set",
	    NULL });
	fputs("<tbody>\n<tr>", f);
	td(f, "rejects' estimated bad rate");
	num(f, "pct", fmt_pct(b, m->reject_pd_kgb),
	    "/reject_inference/reject_bad_rate/kgb");
	num(f, "pct", fmt_pct(b, m->reject_pd_inf),
	    "/reject_inference/reject_bad_rate/inferred");
	num(f, "pct", fmt_pct(b, m->reject_aug),
	    "/reject_inference/augmented/reject_bad_rate");
	fputs("</tr>\n<tr>", f);
	td(f, "through-the-door bad rate");
	num(f, "pct", fmt_pct(b, m->ttd_kgb),
	    "/reject_inference/ttd_bad_rate/kgb");
	num(f, "pct", fmt_pct(b, m->ttd_inf),
	    "/reject_inference/ttd_bad_rate/inferred");
	num(f, "pct", fmt_pct(b, m->ttd_aug),
	    "/reject_inference/augmented/ttd_bad_rate");
	fputs("</tr>\n</tbody></table>\n<p>The rejects' estimate moved by ",
	    f);
	span(f, "pct", fmt_pct(b, m->change),
	    "/reject_inference/relative_change");
	fputs(m->little ? " of the KGB's: inference changed little.</p>\n" :
	    " of the KGB's: inference changed the estimate.</p>\n", f);
	fputs("<h3>Score shift by KGB score band</h3>\n<table>", f);
	th_row(f, (const char *[]){ "KGB score band", "applicants",
	    "accepts", "rejects", "mean KGB", "mean inferred", "shift",
	    "rejects' PD KGB", "inferred", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < m->nbands; k++) {
		const struct infer_cmp_band *bd = &m->bands[k];
		const char *p = "/reject_inference/bands";

		report_band_label(lab, sizeof lab, bd->lo, bd->hi);
		fputs("<tr>", f);
		td(f, lab);
		num(f, "count", cnt(b, bd->applicants), "%s/%zu/applicants",
		    p, k);
		num(f, "count", cnt(b, bd->accepts), "%s/%zu/accepts", p, k);
		num(f, "count", cnt(b, bd->rejects), "%s/%zu/rejects", p, k);
		snprintf(b, sizeof b, "%.1f", bd->score_kgb);
		num(f, "score", b, "%s/%zu/score_kgb", p, k);
		snprintf(b, sizeof b, "%.1f", bd->score_inf);
		num(f, "score", b, "%s/%zu/score_inferred", p, k);
		snprintf(b, sizeof b, "%.1f", bd->shift);
		num(f, "score", b, "%s/%zu/shift", p, k);
		num(f, "pct", fmt_pct(b, bd->reject_pd_kgb),
		    "%s/%zu/reject_pd_kgb", p, k);
		num(f, "pct", fmt_pct(b, bd->reject_pd_inf),
		    "%s/%zu/reject_pd_inferred", p, k);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n<h3>Characteristics by largest WoE change"
	    "</h3>\n<table>", f);
	th_row(f, (const char *[]){ "characteristic", "coef KGB", "inferred",
	    "|dWoE|", "bin", "WoE KGB", "WoE augmented", "|dpoints|", NULL });
	fputs("<tbody>\n", f);
	for (k = 0; k < m->nchars; k++) {
		const struct infer_cmp_char *h = &m->chars[k];
		const char *p = "/reject_inference/characteristics";

		fputs("<tr>", f);
		td(f, h->name);
		snprintf(b, sizeof b, "%.4f", h->coef_kgb);
		num(f, "coef", b, "%s/%zu/coef_kgb", p, k);
		snprintf(b, sizeof b, "%.4f", h->coef_inf);
		num(f, "coef", b, "%s/%zu/coef_inferred", p, k);
		snprintf(b, sizeof b, "%.4f", h->woe_change);
		num(f, "woe", b, "%s/%zu/woe_change", p, k);
		num(f, "count", cnt(b, h->worst_bin + 1), "%s/%zu/bin", p, k);
		snprintf(b, sizeof b, "%.4f", h->woe_kgb);
		num(f, "woe", b, "%s/%zu/woe_kgb", p, k);
		snprintf(b, sizeof b, "%.4f", h->woe_aug);
		num(f, "woe", b, "%s/%zu/woe_augmented", p, k);
		snprintf(b, sizeof b, "%g", h->points_change);
		num(f, "points", b, "%s/%zu/points_change", p, k);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	fputs("<h3>The policy's swap set: KGB (champion) vs inferred "
	    "(challenger)</h3>\n", f);
	if (!doc->has_infer_swap)
		na_para(f, "swap set", doc->infer_swap_na);
	else {
		fputs("<p>Policy ", f);
		esc(f, doc->pol.slot[0].slot->policy->path);
		fputs(" scored with the KGB scorecard and with the inferred "
		    "one, each at the policy's own cutoffs, on its population "
		    "\"", f);
		esc(f, doc->infer_swap.a.policy->population);
		fputs("\"; a cell's bad rate is over its applicants with a "
		    "known outcome (rejects have none).</p>\n", f);
		swap_table(f, &doc->infer_swap.swap, &doc->infer_swap.a.prep,
		    "/reject_inference/policy_swap/swap");
	}
	fputs("</section>\n", f);
}

int
report_doc_html(FILE *f, const struct desk *d,
	const struct desk_document *doc, struct rd_err *err)
{
	(void)d;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<meta name=\"generator\" content=\"riskdesk "
	    PACKAGE_VERSION "\">\n<title>", f);
	esc(f, doc->card->name);
	fputs(" / ", f);
	esc(f, doc->pol.slot[0].slot->policy->name);
	fputs(": model and policy document</title>\n<style>\n", f);
	fputs(css, f);
	fputs("</style>\n</head>\n<body>\n", f);
	svg_defs(f);
	header(f, doc);
	sec_data(f, doc);
	sec_chars(f, doc);
	sec_model(f, doc);
	sec_perf(f, doc);
	sec_stab(f, doc);
	sec_policy(f, doc);
	if (doc->by_infer)
		sec_infer(f, doc);
	fputs("</body>\n</html>\n", f);
	return report_text_done(f, err);
}
