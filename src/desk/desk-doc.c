/*
 * desk-doc.c - the model and policy document assembled once from the
 * desk (see desk-doc.h).  Everything here calls the facade; the figures
 * are the core's (sim, model/validate, model/bin), never recomputed.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "desk/desk-doc.h"
#include "desk/desk-fraud.h"
#include "model/card.h"
#include "policy/policy.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------ policy */

/* The figures of the champion's fraud rules on its population. */
static void
fraud_fill(const struct desk *d, struct desk_doc_policy *out)
{
	const struct desk_policy *c = out->slot[0].slot;
	struct policy_errors errs = { NULL, 0, 0 };

	if (c->policy->fraud == NULL)
		return;
	if (desk_fraud_policy(d->db, c->policy, c->policy->population,
	    -INFINITY, &out->fraud, &out->fraud_eval, &errs) != 0) {
		if (errs.n > 0)
			snprintf(out->fraud_msg, sizeof out->fraud_msg,
			    "%s", errs.err[0].msg);
		policy_errors_done(&errs);
		return;
	}
	out->have_fraud = 1;
}

int
desk_doc_policy_fill(const struct desk *d, int curves,
	struct desk_doc_policy *out, struct rd_err *err)
{
	struct rd_err werr;
	int which;

	memset(out, 0, sizeof *out);
	if (desk_policy_slot(d, 0) == NULL)
		return rd_err_set(err, RD_EUSAGE, "no policy loaded");
	for (which = 0; which <= 1; which++) {
		struct desk_doc_slot *s = &out->slot[which];
		int k;

		s->slot = desk_policy_slot(d, which);
		if (s->slot == NULL || !curves)
			continue;
		s->ncurves = s->slot->policy->nsegments + 1;
		s->curves = xcalloc(s->ncurves, sizeof *s->curves);
		/* Overall first, then each segment: desk_curve cannot fail
		   for an index of a loaded slot. */
		for (k = -1; k < (int)s->slot->policy->nsegments; k++)
			desk_curve(d, which, k, &s->curves[k + 1]);
	}
	if (out->slot[1].slot != NULL) {
		rd_err_clear(&werr);
		out->have_swap = desk_swap(d, &out->swap, &werr) == 0;
		if (!out->have_swap)
			snprintf(out->swap_msg, sizeof out->swap_msg, "%s",
			    werr.msg);
	}
	fraud_fill(d, out);
	return 0;
}

void
desk_doc_policy_done(struct desk_doc_policy *p)
{
	int which;
	size_t k;

	for (which = 0; which <= 1; which++) {
		for (k = 0; k < p->slot[which].ncurves; k++)
			sim_curve_done(&p->slot[which].curves[k]);
		free(p->slot[which].curves);
	}
	fraud_data_done(&p->fraud);
	fraud_eval_done(&p->fraud_eval);
	memset(p, 0, sizeof *p);
}

/* ---------------------------------------------------------- document */

void
desk_document_spec_init(struct desk_document_spec *spec)
{
	memset(spec, 0, sizeof *spec);
	validate_spec_init(&spec->vspec);
	bin_spec_init(&spec->bspec);
}

/* ---------------------------------------------------------- prefetch */

struct desk_doc_prefetch {
	pthread_t th;
	int running;			/* th to join */
	char *db_path, *policy_path;	/* owned copies */
	const struct bin_spec *bspec;	/* borrowed */
	char *table;			/* owned: the table analysed */
	struct desk_bins *bins;		/* owned until taken; NULL: none */
};

/* The thread: its own desk on the file, the policy's scorecard's
   population, its analysis.  Any failure leaves bins NULL. */
static void *
prefetch_run(void *arg)
{
	struct desk_doc_prefetch *pf = arg;
	struct desk *d2;
	struct policy *p = NULL;
	struct scorecard *card = NULL;
	struct rd_err e;
	char *body = NULL;

	if ((d2 = desk_open_existing(pf->db_path, &e)) == NULL)
		return NULL;
	if ((p = policy_load(pf->policy_path, &e)) != NULL &&
	    p->scorecard != NULL &&
	    (body = db_scorecard_get(d2->db, p->scorecard, &e)) != NULL &&
	    (card = card_parse(body, &e)) != NULL) {
		pf->table = xstrdup(card->population);
		pf->bins = desk_bins_open(d2, pf->table, pf->bspec, &e);
	}
	card_free(card);
	free(body);
	policy_free(p);
	desk_close(d2);
	return NULL;
}

struct desk_doc_prefetch *
desk_doc_prefetch_start(const char *db_path, const char *policy_path,
	const struct bin_spec *bspec)
{
	struct desk_doc_prefetch *pf = xcalloc(1, sizeof *pf);

	pf->db_path = xstrdup(db_path);
	pf->policy_path = xstrdup(policy_path);
	pf->bspec = bspec;
	pf->running = pthread_create(&pf->th, NULL, prefetch_run, pf) == 0;
	return pf;
}

/* The analysis of table, if the prefetch made it (then the caller's);
   NULL otherwise. */
static struct desk_bins *
prefetch_take(struct desk_doc_prefetch *pf, const char *table)
{
	struct desk_bins *b = NULL;

	if (pf == NULL)
		return NULL;
	if (pf->running) {
		pthread_join(pf->th, NULL);
		pf->running = 0;
	}
	if (pf->bins != NULL && pf->table != NULL &&
	    strcmp(pf->table, table) == 0) {
		b = pf->bins;
		pf->bins = NULL;
	}
	return b;
}

void
desk_doc_prefetch_free(struct desk_doc_prefetch *pf)
{
	if (pf == NULL)
		return;
	if (pf->running)
		pthread_join(pf->th, NULL);
	desk_bins_free(pf->bins);
	free(pf->table);
	free(pf->db_path);
	free(pf->policy_path);
	free(pf);
}

/* The IV a ranking sorts by: a separating characteristic's is unbounded
   (bin.h: its one bin's IV of 0 would call it useless). */
static double
rank_iv(const struct characteristic *ch)
{
	if (ch->splits != NULL && ch->status != NULL)
		return INFINITY;
	return isnan(ch->iv) ? -INFINITY : ch->iv;
}

/* The characteristics being ranked, for the comparison below. */
static const struct desk_bins *rank_bins;

static int
by_iv(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double x = rank_iv(rank_bins->chars[i]);
	double y = rank_iv(rank_bins->chars[j]);

	if (x != y)
		return x > y ? -1 : 1;
	return i < j ? -1 : i > j;
}

/*
 * The ranking by IV.  qsort takes no context: the table is set for the
 * call (the document is built on one thread).
 */
static size_t *
iv_ranking(const struct desk_bins *b)
{
	size_t *r = xcalloc(b->nchars + 1, sizeof *r), k;

	for (k = 0; k < b->nchars; k++)
		r[k] = k;
	rank_bins = b;
	qsort(r, b->nchars, sizeof *r, by_iv);
	rank_bins = NULL;
	return r;
}

static void
add_input(struct desk_document *doc, const char *what, const char *name,
	const char *sha)
{
	struct desk_doc_input *in = &doc->inputs[doc->ninputs++];

	in->what = what;
	in->name = name;
	snprintf(in->sha256, sizeof in->sha256, "%s", sha);
}

/*
 * The inputs' fingerprints: each policy file's bytes and its
 * scorecard's stored text (the stamps the slots were computed from), and
 * every value of the champion's population that was scored (ds_hash_rows
 * after the column names, as a decision run fingerprints its input).
 */
static void
fingerprints(struct desk_document *doc)
{
	const struct desk_policy *c = doc->pol.slot[0].slot;
	const struct desk_policy *h = doc->pol.slot[1].slot;
	struct rd_sha256 *sh = rd_sha256_new();
	char hex[RD_SHA256_HEX];
	size_t j;

	add_input(doc, "champion policy", c->policy->path,
	    c->made.policy_sha256);
	add_input(doc, "scorecard", c->card->name, c->made.card_sha256);
	for (j = 0; j < c->ds->ncols; j++)
		rd_sha256_update(sh, c->ds->cols[j].name,
		    strlen(c->ds->cols[j].name) + 1);
	ds_hash_rows(c->ds, sh);
	rd_sha256_hex(sh, hex);
	add_input(doc, "population", c->policy->population, hex);
	if (h != NULL) {
		add_input(doc, "challenger policy", h->policy->path,
		    h->made.policy_sha256);
		add_input(doc, "challenger scorecard", h->card->name,
		    h->made.card_sha256);
	}
}

/* The table the PSI and CSI compare with (see desk_document_spec). */
static const char *
other_table(const struct desk_document *doc,
	const struct desk_document_spec *spec)
{
	const struct desk_policy *c = doc->pol.slot[0].slot;

	if (spec->psi_table != NULL)
		return spec->psi_table;
	if (strcmp(c->policy->population, doc->card->population) != 0)
		return c->policy->population;
	return NULL;
}

/*
 * The validation of the scorecard on the champion's rows, already scored
 * (desk_validate_scored), and the inputs' fingerprints: work on memory
 * only, done on a thread of its own while the characteristic analysis
 * reads the table, so the document costs what the larger of the two
 * costs.  The thread reads the desk's slots and writes only doc->val,
 * doc->inputs and its own error.
 */
struct val_job {
	struct desk *d;
	struct desk_document *doc;
	const struct desk_document_spec *spec;
	int rc;
	struct rd_err err;
};

static void *
val_run(void *arg)
{
	struct val_job *j = arg;
	const struct desk_policy *c = j->doc->pol.slot[0].slot;

	fingerprints(j->doc);
	rd_err_clear(&j->err);
	j->rc = desk_validate_scored(j->d, j->doc->card, c->ds, c->score,
	    c->pd, NULL, &j->spec->vspec, &j->doc->val, &j->err);
	return NULL;
}

/* Whether the validation needs nothing but memory (see val_run). */
static int
val_in_memory(const struct desk_document *doc, const char *other)
{
	const struct desk_policy *c = doc->pol.slot[0].slot;
	const struct card_sample *s = &doc->card->sample;

	return other == NULL &&
	    strcmp(c->policy->population, doc->card->population) == 0 &&
	    (s->kind != CARD_SAMPLE_OOT || (s->date_column != NULL &&
	    ds_column_index(c->ds, s->date_column) >= 0));
}

struct desk_document *
desk_document_open(struct desk *d, const struct desk_document_spec *spec,
	struct rd_err *err)
{
	struct val_job job;
	pthread_t th;
	int threaded = 0;
	struct desk_document *doc = xcalloc(1, sizeof *doc);
	const struct desk_policy *c;
	const char *other;
	struct rd_err e;

	if (desk_doc_policy_fill(d, 1, &doc->pol, err) != 0) {
		free(doc);
		return NULL;
	}
	c = doc->pol.slot[0].slot;
	doc->card = c->card;
	doc->pop = c->ds;
	doc->time = spec->time;
	other = other_table(doc, spec);
	job.d = d;
	job.doc = doc;
	job.spec = spec;
	job.rc = -1;
	if (val_in_memory(doc, other))
		threaded = pthread_create(&th, NULL, val_run, &job) == 0;
	if (!threaded)
		fingerprints(doc);

	/* The characteristic analysis needs bads and goods: a population
	   without them is a section that says so, not a failure. */
	rd_err_clear(&e);
	doc->bins = prefetch_take(spec->prefetch, doc->card->population);
	if (doc->bins == NULL)
		doc->bins = desk_bins_open(d, doc->card->population,
		    &spec->bspec, &e);
	if (doc->bins == NULL) {
		if (e.cls != RD_EINPUT) {
			*err = e;
			if (threaded) {
				pthread_join(th, NULL);
				if (job.rc == 0)
					desk_validation_done(&doc->val);
			}
			goto fail;
		}
		snprintf(doc->bins_na, sizeof doc->bins_na, "%s", e.msg);
	} else {
		doc->iv_rank = iv_ranking(doc->bins);
	}

	rd_err_clear(&e);
	/* The champion's rows are the scorecard's population, scored
	   already: validated as they are, not read and scored again. */
	if (threaded) {
		pthread_join(th, NULL);
		e = job.err;
	} else if (strcmp(c->policy->population, doc->card->population) ==
	    0) {
		job.rc = desk_validate_scored(d, doc->card, c->ds, c->score,
		    c->pd, other, &spec->vspec, &doc->val, &e);
	} else {
		job.rc = desk_validate_card(d, doc->card, NULL, other,
		    &spec->vspec, &doc->val, &e);
	}
	if (job.rc == 0) {
		doc->has_val = 1;
	} else {
		if (e.cls != RD_EINPUT) {
			*err = e;
			goto fail;
		}
		snprintf(doc->val_na, sizeof doc->val_na, "%s", e.msg);
	}

	if (other == NULL)
		snprintf(doc->csi_na, sizeof doc->csi_na, "the policy is "
		    "applied to the scorecard's own population \"%s\": give "
		    "--psi-table <table> to compare the characteristics with "
		    "another table", doc->card->population);
	else if (doc->bins == NULL)
		snprintf(doc->csi_na, sizeof doc->csi_na, "%s", doc->bins_na);
	else {
		doc->csi_table = xstrdup(other);
		if ((doc->csi = desk_bins_csi(d, doc->bins, other, err)) ==
		    NULL)
			goto fail;
	}
	if ((doc->by_infer = desk_infer_sample(d, doc->card->name,
	    &doc->infer_sample, err)) < 0)
		goto fail;
	doc->infer_holdout_in = doc->by_infer && doc->has_val &&
	    doc->val.has_holdout && doc->infer_sample.accepts >
	    doc->val.dev.n;
	if (doc->by_infer) {
		rd_err_clear(&e);
		if (desk_infer_compare(d, doc->card->name, NAN, 0,
		    &doc->infer, &e) == 0)
			doc->has_infer = 1;
		else if (e.cls != RD_EINPUT) {
			*err = e;
			goto fail;
		} else
			snprintf(doc->infer_na, sizeof doc->infer_na, "%s",
			    e.msg);
	}
	if (doc->has_infer) {
		rd_err_clear(&e);
		if (desk_card_swap(d, c->policy->path, doc->infer.kgb,
		    doc->infer.name, &doc->infer_swap, &e) == 0)
			doc->has_infer_swap = 1;
		else if (e.cls != RD_EINPUT) {
			*err = e;
			goto fail;
		} else
			snprintf(doc->infer_swap_na, sizeof
			    doc->infer_swap_na, "%s", e.msg);
	}
	return doc;

fail:
	desk_document_free(doc);
	return NULL;
}

void
desk_document_free(struct desk_document *doc)
{
	if (doc == NULL)
		return;
	desk_doc_policy_done(&doc->pol);
	desk_bins_free(doc->bins);
	free(doc->iv_rank);
	if (doc->has_val)
		desk_validation_done(&doc->val);
	desk_csi_free(doc->csi);
	free(doc->csi_table);
	desk_infer_sample_done(&doc->infer_sample);
	if (doc->has_infer)
		desk_infer_cmp_done(&doc->infer);
	if (doc->has_infer_swap)
		desk_card_swap_done(&doc->infer_swap);
	free(doc);
}
