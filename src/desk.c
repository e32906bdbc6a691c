/*
 * desk.c - the open session (see desk.h): the one place where the data,
 * model, policy and simulation layers meet.  Front ends call only this
 * facade and read the structures it owns.
 */
#include "config.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "data/settings.h"
#include "model/metric.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct desk *
desk_open(const char *path, struct rd_err *err)
{
	struct desk *d;
	struct db *db;

	/* GSL aborts on error by default; every status is checked instead. */
	gsl_set_error_handler_off();
	if ((db = db_open(path, err)) == NULL)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->db = db;
	return d;
}

static void
slot_done(struct desk_policy *s)
{
	sim_result_done(&s->result);
	sim_prep_done(&s->prep);
	free(s->cutoffs);
	free(s->score);
	free(s->pd);
	ds_free(s->ds);
	card_free(s->card);
	policy_free(s->policy);
	memset(s, 0, sizeof *s);
}

void
desk_close(struct desk *d)
{
	if (d == NULL)
		return;
	slot_done(&d->champion);
	slot_done(&d->challenger);
	db_close(d->db);
	free(d);
}

int
desk_import(struct desk *d, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err)
{
	return csv_import(d->db, spec, sum, err);
}

int
desk_fit(struct desk *d, const char *table, const char *name,
	const struct card_fit_spec *spec, struct scorecard **out,
	struct rd_err *err)
{
	struct dataset *ds;
	struct scorecard *card;
	char *body;
	int rc;

	*out = NULL;
	if ((ds = db_dataset_load(d->db, table, err)) == NULL)
		return -1;
	if (ds->target < 0) {
		ds_free(ds);
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no target; "
		    "import it with --target and --bad", table);
	}
	card = card_fit(ds, name, spec, err);
	ds_free(ds);
	if (card == NULL)
		return -1;
	body = card_serialize(card);
	rc = db_scorecard_put(d->db, name, table, body, err);
	free(body);
	if (rc != 0) {
		card_free(card);
		return -1;
	}
	*out = card;
	return 0;
}

struct scorecard *
desk_scorecard(struct desk *d, const char *name, struct rd_err *err)
{
	char *body;
	struct scorecard *card;

	if ((body = db_scorecard_get(d->db, name, err)) == NULL)
		return NULL;
	card = card_parse(body, err);
	free(body);
	return card;
}

/*
 * Build a complete slot for the policy at path into *s (zeroed first).
 * On failure everything built so far is released and *s stays zeroed.
 */
static int
slot_load(struct desk *d, const char *path, struct desk_policy *s,
	struct rd_err *err)
{
	size_t k;

	memset(s, 0, sizeof *s);
	if ((s->policy = policy_load(path, err)) == NULL)
		goto fail;
	if ((s->card = desk_scorecard(d, s->policy->scorecard, err)) == NULL)
		goto fail;
	if ((s->ds = db_dataset_load(d->db, s->policy->population, err)) ==
	    NULL)
		goto fail;
	if (policy_check_columns(s->policy, d->db, s->policy->population,
	    err) != 0)
		goto fail;
	s->score = xcalloc(s->ds->nrows, sizeof *s->score);
	s->pd = xcalloc(s->ds->nrows, sizeof *s->pd);
	if (card_score(s->card, s->ds, s->score, s->pd, err) != 0)
		goto fail;
	if (sim_prepare(s->policy, d->db, s->ds, s->score, s->pd, &s->prep,
	    err) != 0)
		goto fail;
	s->cutoffs = xcalloc(s->policy->nsegments, sizeof *s->cutoffs);
	for (k = 0; k < s->policy->nsegments; k++)
		s->cutoffs[k] = s->policy->segments[k].cutoff;
	sim_run(&s->prep, s->cutoffs, &s->result);
	s->simulated = 1;
	return 0;
fail:
	slot_done(s);
	return -1;
}

int
desk_load_policy(struct desk *d, const char *path, int challenger,
	struct rd_err *err)
{
	struct desk_policy fresh;
	struct desk_policy *slot = challenger ? &d->challenger : &d->champion;

	char *abs;

	if (slot_load(d, path, &fresh, err) != 0)
		return -1;
	slot_done(slot);
	*slot = fresh;
	if ((abs = realpath(path, NULL)) != NULL) {
		db_setting_put(d->db, challenger ? "challenger" : "policy", abs,
		    NULL);
		free(abs);
	}
	return 0;
}

char *
desk_last_policy(struct desk *d, int challenger)
{
	return db_setting_get(d->db, challenger ? "challenger" : "policy",
	    NULL);
}

int
desk_set_cutoff(struct desk *d, int challenger, size_t seg, double cutoff,
	struct rd_err *err)
{
	struct desk_policy *s = challenger ? &d->challenger : &d->champion;

	if (s->policy == NULL)
		return rd_err_set(err, RD_EUSAGE, "no %s policy loaded",
		    challenger ? "challenger" : "champion");
	if (seg >= s->policy->nsegments)
		return rd_err_set(err, RD_EUSAGE, "no segment %zu", seg);
	if (!isfinite(cutoff))
		return rd_err_set(err, RD_EUSAGE, "cutoff must be a number");
	s->cutoffs[seg] = cutoff;
	sim_result_done(&s->result);
	sim_run(&s->prep, s->cutoffs, &s->result);
	return 0;
}

int
desk_segment_index(const struct desk *d, int challenger, const char *name)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);

	return s == NULL ? -1 : policy_segment_index(s->policy, name);
}

const struct desk_policy *
desk_policy_slot(const struct desk *d, int challenger)
{
	const struct desk_policy *s = challenger ? &d->challenger :
	    &d->champion;

	return s->policy == NULL ? NULL : s;
}

int
desk_model_stats(const struct desk *d, int challenger,
	struct desk_model_stats *st)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);
	double *risk;
	size_t i, n;

	memset(st, 0, sizeof *st);
	if (s == NULL)
		return -1;
	n = s->ds->nrows;
	/* Points are higher for safer applicants: negate for a risk score. */
	risk = xcalloc(n, sizeof *risk);
	for (i = 0; i < n; i++)
		risk[i] = -s->score[i];
	st->auc = metric_auc(risk, s->ds->y, n);
	st->gini = 2.0 * st->auc - 1.0;
	st->ks = metric_ks(risk, s->ds->y, n, &st->ks_at);
	st->ks_at = -st->ks_at;
	st->n_known = s->ds->nbad + s->ds->ngood;
	st->n_bad = s->ds->nbad;
	free(risk);
	return 0;
}
