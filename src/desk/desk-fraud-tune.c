/*
 * desk-fraud-tune.c - the fraud rules' thresholds moved on a desk_fraud
 * (desk-fraud-tune.h): fraud/fraud-tune.h over the features computed
 * once, and the policy file written through policy/policy-edit.h.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "desk/desk.h"
#include "desk/desk-fraud-tune.h"
#include "desk/desk-internal.h"
#include "policy/policy-edit.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

size_t
desk_fraud_tune_init(const struct desk_fraud *f, struct desk_fraud_tune *t)
{
	const struct policy_fraud *fr = f->policy->fraud;
	size_t r, n, k;

	memset(t, 0, sizeof *t);
	for (r = 0; r < fr->nrules; r++) {
		struct fraud_threshold *th;

		fraud_thresholds(fr, r, &th, &n);
		t->th = xreallocarray(t->th, t->nth + n + 1, sizeof *t->th);
		for (k = 0; k < n; k++)
			t->th[t->nth + k] = th[k];
		t->nth += n;
		free(th);
	}
	t->values = xcalloc(t->nth + 1, sizeof *t->values);
	for (k = 0; k < t->nth; k++)
		t->values[k] = t->th[k].value;
	t->tuned = t->nth;
	return t->nth;
}

void
desk_fraud_tune_done(struct desk_fraud_tune *t)
{
	if (t == NULL)
		return;
	free(t->th);
	free(t->values);
	fraud_tune_done(&t->tune);
	free(t->curve);
	memset(t, 0, sizeof *t);
}

size_t
desk_fraud_tune_of_rule(const struct desk_fraud_tune *t, size_t r, size_t *n)
{
	size_t k, first = t->nth;

	*n = 0;
	for (k = 0; k < t->nth; k++)
		if (t->th[k].rule == r) {
			if (first == t->nth)
				first = k;
			(*n)++;
		}
	return first;
}

int
desk_fraud_tune_select(struct desk *d, struct desk_fraud *f,
	struct desk_fraud_tune *t, size_t k, struct rd_err *err)
{
	const char *tables[1];
	size_t first, n;

	if (k >= t->nth)
		return rd_err_set(err, RD_EUSAGE, "no threshold %zu", k);
	if (t->tuned == k)
		return 0;
	fraud_tune_done(&t->tune);
	free(t->curve);
	t->curve = NULL;
	t->ncurve = 0;
	t->tuned = t->nth;
	/* The rule's thresholds, as fraud_rule_text takes them. */
	first = desk_fraud_tune_of_rule(t, t->th[k].rule, &n);
	tables[0] = f->table;
	if (fraud_tune_prepare(desk_db(d), f->policy, tables, 1, 0, &f->data,
	    t->th + first, n, t->values + first, k - first, &t->tune,
	    err) != 0)
		return -1;
	t->tuned = k;
	t->curve = fraud_tune_curve(&f->data, &t->tune, f->from,
	    DESK_FRAUD_CURVE_POINTS, &t->ncurve);
	return 0;
}

int
desk_fraud_tune_set(struct desk *d, struct desk_fraud *f,
	struct desk_fraud_tune *t, size_t k, double x, struct rd_err *err)
{
	if (!isfinite(x))
		return rd_err_set(err, RD_EUSAGE, "a threshold must be a "
		    "number");
	if (desk_fraud_tune_select(d, f, t, k, err) != 0)
		return -1;
	t->values[k] = x;
	fraud_tune_apply(&f->data, f->policy->fraud, &t->tune, x);
	fraud_eval_done(&f->eval);
	fraud_evaluate(&f->data, f->from, f->policy->fraud->capacity,
	    &f->eval);
	return 0;
}

double
desk_fraud_tune_step(const struct desk_fraud_tune *t, size_t k, int steps)
{
	const double *s = t->tune.steps;
	size_t n = t->tune.nsteps, lo = 0, hi = n;
	double x = t->values[k];
	long at;

	if (t->tuned != k || n == 0 || steps == 0)
		return x;
	/* lo: the first step >= x. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Positions: -1 below every step, n above them all. */
	if (steps > 0)
		at = (long)lo + (lo < n && s[lo] == x ? steps : steps - 1);
	else
		at = (long)lo + steps;
	if (at < 0)
		return s[0] - 1;
	if (at >= (long)n)
		return s[n - 1] + 1;
	return s[at];
}

size_t
desk_fraud_tune_moved(const struct desk_fraud_tune *t)
{
	size_t k, n = 0;

	for (k = 0; k < t->nth; k++)
		n += t->values[k] != t->th[k].value;
	return n;
}

size_t
desk_fraud_tune_carry(struct desk *d, const struct desk_fraud *of,
	const struct desk_fraud_tune *ot, struct desk_fraud *f,
	struct desk_fraud_tune *t, struct rd_err *err)
{
	const struct policy_fraud *ofr = of->policy->fraud;
	const struct policy_fraud *fr = f->policy->fraud;
	size_t k, j, n = 0, nth, first, ofirst, on;

	for (k = 0; k < t->nth; k++) {
		const struct fraud_threshold *h = &t->th[k];

		first = desk_fraud_tune_of_rule(t, h->rule, &nth);
		for (j = 0; j < ot->nth; j++) {
			const struct fraud_threshold *o = &ot->th[j];

			if (strcmp(ofr->rules[o->rule].name,
			    fr->rules[h->rule].name) != 0)
				continue;
			ofirst = desk_fraud_tune_of_rule(ot, o->rule, &on);
			/* The same comparison of the same rule, its number
			   in the file as it was. */
			if (on != nth || j - ofirst != k - first ||
			    o->op != h->op || o->value != h->value ||
			    strcmp(ofr->features[o->feature].name,
			    fr->features[h->feature].name) != 0 ||
			    ot->values[j] == o->value)
				break;
			if (desk_fraud_tune_set(d, f, t, k, ot->values[j],
			    err) != 0)
				return n;
			n++;
			break;
		}
	}
	return n;
}

int
desk_fraud_save(struct desk *d, const struct desk_fraud *f,
	const struct desk_fraud_tune *t, const char *path, struct rd_err *err)
{
	const struct policy *p = f->policy;
	const struct desk_policy *champ = desk_policy_slot(d, 0);
	const struct policy *src = desk_fraud_source(d, NULL);
	struct policy_edit_span *sp;
	char (*num)[400];
	double *cutoffs;
	size_t k, n = 0;
	int rc, reload;

	if (afile_check_target("the policy", path, db_path(desk_db(d)), NULL,
	    0, err) != 0)
		return -1;
	sp = xcalloc(t->nth + 1, sizeof *sp);
	num = xcalloc(t->nth + 1, sizeof *num);
	for (k = 0; k < t->nth; k++) {
		const struct fraud_threshold *h = &t->th[k];

		if (t->values[k] == h->value)
			continue;
		policy_number_text(num[n], sizeof num[n], t->values[k]);
		sp[n].at = p->fraud->rules[h->rule].when_at;
		sp[n].value = p->fraud->rules[h->rule].when;
		sp[n].from = h->at;
		sp[n].len = h->len;
		sp[n].text = num[n];
		n++;
	}
	/* The champion's file: its cutoffs as moved go in too, and the
	   written file becomes the champion. */
	reload = src != NULL && strcmp(src->path, p->path) == 0;
	cutoffs = xcalloc(p->nsegments + 1, sizeof *cutoffs);
	for (k = 0; k < p->nsegments; k++)
		cutoffs[k] = reload && champ != NULL && champ->policy == src &&
		    src->nsegments == p->nsegments ? champ->cutoffs[k] :
		    p->segments[k].cutoff;
	rc = policy_edit_write_spans(p, cutoffs, sp, n, path, err);
	free(cutoffs);
	free(sp);
	free(num);
	if (rc != 0)
		return -1;
	if (reload)
		return desk_load_policy(d, path, 0, err);
	return 0;
}
