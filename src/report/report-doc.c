/*
 * report-doc.c - the model and policy document (report.h,
 * report_document) as text and JSON, and the dispatch to the HTML and
 * workbook writers.  Each section is the one its own command prints,
 * over the structures of desk-doc.h: nothing is computed here.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report.h"
#include "report/report-bin.h"
#include "report/report-doc.h"
#include "report/report-infer.h"
#include "report/report-out.h"
#include "report/report-parts.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/fmt.h"

/* ------------------------------------------------------------ shared */

char *
report_doc_time(char *buf, size_t len, time_t t)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t);
	return buf;
}

const char *const report_doc_conventions[][2] = {
	{ "target", "y = 1 for a bad; a row whose target is neither bad "
	  "nor good is indeterminate: counted, left out of modelling and "
	  "bad rates" },
	{ "odds", "odds are good:bad; score = offset + factor x ln(odds), "
	  "factor = PDO / ln 2; PD = 1 / (1 + exp((score - offset) / "
	  "factor)); higher scores are safer" },
	{ "discrimination", "AUC counts ties as one half; Gini = 2 AUC - 1; "
	  "KS is the largest gap between the score distributions of bads "
	  "and goods, as a fraction" },
	{ "psi", "PSI and CSI = sum (%new - %base) x ln(%new / %base); a bin "
	  "empty in both samples adds nothing, a zero count of a bin empty "
	  "in one sample only becomes the adjustment (0.5) and the totals are "
	  "re-summed; "
	  "< 0.1 stable, 0.1-0.25 some shift, >= 0.25 significant shift" },
	{ "policy", "knock-outs first, then the first segment whose "
	  "condition holds; approve at score >= cutoff, refer in [refer, "
	  "cutoff), decline below; approval rate is a share of all "
	  "applicants (through the door); bad rate is among approved "
	  "applicants with a known outcome; EL = sum PD x LGD x EAD over "
	  "the approved" },
	{ NULL, NULL }
};

/* ------------------------------------------------------------- JSON */

static json_t *
counts_json(const char *table, const struct dataset *ds)
{
	json_t *o = json_object();

	json_object_set_new(o, "table", json_string(table));
	json_object_set_new(o, "rows", report_jcount(ds->nrows));
	json_object_set_new(o, "target", json_boolean(ds->y != NULL));
	json_object_set_new(o, "bads", report_jcount(ds->nbad));
	json_object_set_new(o, "goods", report_jcount(ds->ngood));
	json_object_set_new(o, "indeterminate", report_jcount(ds->nindet));
	if (ds->reject != NULL)
		json_object_set_new(o, "rejects", report_jcount(ds->nreject));
	json_object_set_new(o, "bad_rate", report_jnum(ds_bad_rate(ds)));
	return o;
}

static json_t *
sample_counts_json(const struct validation *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "n", report_jcount(v->n));
	json_object_set_new(o, "n_bad", report_jcount(v->n_bad));
	json_object_set_new(o, "bad_rate", report_jnum(v->bad_rate));
	return o;
}

/* The sample design of the scorecard, as fit records it. */
static json_t *
design_json(const struct scorecard *card)
{
	json_t *o = json_object();
	const struct card_sample *s = &card->sample;

	json_object_set_new(o, "kind", json_string(s->kind ==
	    CARD_SAMPLE_RANDOM ? "random holdout" : s->kind ==
	    CARD_SAMPLE_OOT ? "out of time" : "all rows"));
	if (s->kind == CARD_SAMPLE_RANDOM) {
		json_object_set_new(o, "holdout_fraction",
		    report_jnum(s->holdout));
		json_object_set_new(o, "seed",
		    json_integer((json_int_t)s->seed));
	} else if (s->kind == CARD_SAMPLE_OOT) {
		json_object_set_new(o, "date_column",
		    report_jstr(s->date_column));
		json_object_set_new(o, "after", report_jstr(s->after));
	}
	return o;
}

static json_t *
na_json(const char *why)
{
	json_t *o = json_object();

	json_object_set_new(o, "na_reason", json_string(why));
	return o;
}

json_t *
report_doc_json(const struct desk *d, const struct desk_document *doc)
{
	json_t *root = json_object(), *hdr = json_object();
	json_t *in = json_array(), *conv, *data = json_object(), *o;
	char when[64];
	size_t k;

	json_object_set_new(hdr, "title", json_string("model and policy "
	    "document"));
	json_object_set_new(hdr, "riskdesk_version",
	    json_string(PACKAGE_VERSION));
	json_object_set_new(hdr, "time", json_string(report_doc_time(when,
	    sizeof when, doc->time)));
	for (k = 0; k < doc->ninputs; k++) {
		o = json_object();
		json_object_set_new(o, "what",
		    json_string(doc->inputs[k].what));
		json_object_set_new(o, "name",
		    report_jstr(doc->inputs[k].name));
		json_object_set_new(o, "sha256",
		    json_string(doc->inputs[k].sha256));
		json_array_append_new(in, o);
	}
	json_object_set_new(hdr, "inputs", in);
	/* The cutoffs the figures are at where they are not the files':
	   the hashes above are of the files. */
	o = json_object();
	for (k = 0; k < 2; k++) {
		const struct desk_policy *sl = doc->pol.slot[k].slot;

		if (sl != NULL)
			json_object_set_new(o, k == 0 ? "champion" :
			    "challenger", report_moved_json(sl->policy,
			    sl->result.cutoffs));
	}
	json_object_set_new(hdr, "cutoffs_overridden", o);
	conv = doc->bins != NULL ? report_conventions_json(&doc->bins->spec) :
	    json_object();
	for (k = 0; report_doc_conventions[k][0] != NULL; k++)
		json_object_set_new(conv, report_doc_conventions[k][0],
		    json_string(report_doc_conventions[k][1]));
	json_object_set_new(hdr, "conventions", conv);
	json_object_set_new(root, "document", hdr);

	/* Data: the development table, the samples, the population the
	   policy decides. */
	if (doc->bins != NULL)
		json_object_set_new(data, "development_table",
		    counts_json(doc->bins->table, doc->bins->ds));
	else
		json_object_set_new(data, "development_table",
		    na_json(doc->bins_na));
	o = design_json(doc->card);
	if (doc->by_infer) {
		json_object_set_new(o, "kind", json_string("augmented by "
		    "reject inference"));
		json_object_set_new(o, "augmented",
		    report_infer_sample_json(&doc->infer_sample));
		json_object_set_new(o, "holdout_in_augmented",
		    json_boolean(doc->infer_holdout_in));
	}
	if (doc->has_val) {
		json_object_set_new(o, "development",
		    sample_counts_json(&doc->val.dev));
		if (doc->val.has_holdout)
			json_object_set_new(o, "holdout",
			    sample_counts_json(&doc->val.holdout));
	}
	json_object_set_new(data, "sample", o);
	json_object_set_new(data, "population", counts_json(
	    doc->pol.slot[0].slot->policy->population, doc->pop));
	json_object_set_new(root, "data", data);

	if (doc->bins != NULL) {
		json_t *rank = json_array(), *model = json_array();

		o = report_bins_json(doc->bins, NULL, 0);
		for (k = 0; k < doc->bins->nchars; k++)
			json_array_append_new(rank, json_string(
			    doc->bins->chars[doc->iv_rank[k]]->name));
		json_object_set_new(o, "iv_rank", rank);
		for (k = 0; k < doc->card->nchars; k++) {
			const struct card_char *cc = &doc->card->chars[k];
			json_t *c = json_object();

			json_object_set_new(c, "name",
			    json_string(cc->ch->name));
			json_object_set_new(c, "iv", report_jnum(cc->ch->iv));
			json_object_set_new(c, "trend",
			    json_string(report_char_trend(cc->ch)));
			json_object_set_new(c, "bins",
			    report_char_bins_json(cc->ch));
			json_array_append_new(model, c);
		}
		json_object_set_new(o, "model", model);
		json_object_set_new(root, "characteristics", o);
	} else {
		json_object_set_new(root, "characteristics",
		    na_json(doc->bins_na));
	}
	json_object_set_new(root, "model", report_fit_json(doc->card));
	json_object_set_new(root, "validation", doc->has_val ?
	    report_validation_json(&doc->val) : na_json(doc->val_na));
	o = json_object();
	json_object_set_new(o, "csi", doc->csi != NULL ?
	    report_csi_json(doc->bins, doc->csi) : na_json(doc->csi_na));
	json_object_set_new(root, "stability", o);
	json_object_set_new(root, "policy", report_policy_json(d, &doc->pol));
	if (doc->by_infer && doc->has_infer) {
		o = report_infer_compare_json(&doc->infer,
		    doc->has_infer_swap ? &doc->infer_swap : NULL,
		    doc->pol.slot[0].slot->policy->path);
		if (!doc->has_infer_swap)
			json_object_set_new(o, "policy_swap",
			    na_json(doc->infer_swap_na));
		json_object_set_new(root, "reject_inference", o);
	} else if (doc->by_infer)
		json_object_set_new(root, "reject_inference",
		    na_json(doc->infer_na));
	return root;
}

/* ------------------------------------------------------------- text */

static int
doc_text(FILE *f, const struct desk *d, const struct desk_document *doc,
	struct rd_err *err)
{
	char when[64];
	size_t k;

	fprintf(f, "riskdesk model and policy document\n\n");
	fprintf(f, "riskdesk %s, made %s\n", PACKAGE_VERSION,
	    report_doc_time(when, sizeof when, doc->time));
	fprintf(f, "inputs (SHA-256):\n");
	for (k = 0; k < doc->ninputs; k++)
		fprintf(f, "  %-20s %s  %s\n", doc->inputs[k].what,
		    doc->inputs[k].sha256[0] != '\0' ? doc->inputs[k].sha256 :
		    "-", doc->inputs[k].name != NULL ? doc->inputs[k].name :
		    "");
	for (k = 0; k < 2; k++) {
		const struct desk_policy *sl = doc->pol.slot[k].slot;
		char *m = sl != NULL ? report_moved_text(sl->policy,
		    sl->result.cutoffs) : NULL;

		if (m != NULL)
			fprintf(f, "%s %s: %s\n", k == 0 ? "champion" :
			    "challenger", REPORT_MOVED_HEAD, m);
		free(m);
	}
	fprintf(f, "conventions:\n");
	for (k = 0; report_doc_conventions[k][0] != NULL; k++)
		fprintf(f, "  %s: %s\n", report_doc_conventions[k][0],
		    report_doc_conventions[k][1]);

	fprintf(f, "\n== characteristic analysis\n\n");
	if (doc->bins != NULL) {
		if (report_bins(f, doc->bins, NULL, 0, REPORT_TEXT, err) != 0)
			return -1;
	} else {
		fprintf(f, "n/a: %s\n", doc->bins_na);
	}
	fprintf(f, "\n== model\n\n");
	if (doc->by_infer) {
		char *on = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&on, &len);
		int rc;

		if (m == NULL)
			return rd_err_set(err, RD_EIO, "cannot write the "
			    "report");
		fprintf(m, "fitted on the augmented development set that "
		    "riskdesk infer stored with it\n(%s from KGB scorecard "
		    "\"%s\"), not on these rows alone:\n",
		    infer_method_name(doc->infer_sample.spec.method),
		    doc->infer_sample.kgb);
		report_infer_sample_text(m, &doc->infer_sample, "  ");
		fprintf(m, "the rows with a known outcome above, and the AUC, "
		    "Gini and KS below, are the accepts'\n");
		if (doc->infer_holdout_in)
			fprintf(m, "the inference did not hold the KGB's "
			    "holdout out: its accepts are in the augmented "
			    "set,\nso the holdout figures are not out of "
			    "sample\n");
		fclose(m);
		rc = report_fit_text_on(f, doc->card, on, err);
		free(on);
		if (rc != 0)
			return -1;
	} else if (report_fit(f, doc->card, REPORT_TEXT, err) != 0)
		return -1;
	fprintf(f, "\n== performance\n\n");
	if (doc->has_val) {
		if (report_validation(f, &doc->val, REPORT_TEXT, err) != 0)
			return -1;
	} else {
		fprintf(f, "n/a: %s\n", doc->val_na);
	}
	fprintf(f, "\n== stability\n\n");
	if (doc->csi != NULL) {
		if (report_csi(f, doc->bins, doc->csi, REPORT_TEXT, err) != 0)
			return -1;
	} else {
		fprintf(f, "characteristic stability (CSI) n/a: %s\n",
		    doc->csi_na);
	}
	fprintf(f, "\n== policy\n\n");
	report_policy_text(f, d, &doc->pol);
	if (doc->by_infer) {
		fprintf(f, "\n== reject inference\n\n");
		if (!doc->has_infer)
			fprintf(f, "n/a: %s\n", doc->infer_na);
		else if (report_infer_compare(f, &doc->infer,
		    doc->has_infer_swap ? &doc->infer_swap : NULL,
		    doc->pol.slot[0].slot->policy->path, REPORT_TEXT,
		    err) != 0)
			return -1;
		else if (!doc->has_infer_swap)
			fprintf(f, "\nswap set of the policy under the KGB and "
			    "the inferred scorecard n/a: %s\n",
			    doc->infer_swap_na);
	}
	return report_text_done(f, err);
}

/* report_document with the path f goes to in the end (NULL: a
   stream), where a workbook's scratch file is made. */
static int
document(FILE *f, const char *path, const struct desk *d,
	const struct desk_document *doc, enum report_format fmt,
	struct rd_err *err)
{
	switch (fmt) {
	case REPORT_JSON:
		return report_json_emit(f, report_doc_json(d, doc), err);
	case REPORT_HTML:
		return report_doc_html(f, d, doc, err);
	case REPORT_XLSX:
		return report_doc_xlsx(f, path, d, doc, err);
	case REPORT_TEXT:
		break;
	}
	return doc_text(f, d, doc, err);
}

int
report_document(FILE *f, const struct desk *d,
	const struct desk_document *doc, enum report_format fmt,
	struct rd_err *err)
{
	return document(f, NULL, d, doc, fmt, err);
}

int
report_document_write(struct desk *d, const struct desk_document_spec *spec,
	enum report_format fmt, const char *path, FILE *out,
	struct rd_err *err)
{
	struct desk_document *doc;
	struct afile *a = NULL;
	int rc;

	if ((doc = desk_document_open(d, spec, err)) == NULL)
		return -1;
	if (path != NULL) {
		if ((a = afile_open(path, err)) == NULL) {
			desk_document_free(doc);
			return -1;
		}
		out = afile_stream(a);
	}
	rc = document(out, path, d, doc, fmt, err);
	if (a != NULL)
		rc = rc == 0 ? afile_commit(a, err) : afile_fail(a, err);
	desk_document_free(doc);
	return rc;
}
