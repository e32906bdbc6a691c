/*
 * desk-fraud.c - the facade of the fraud rules (desk-fraud.h): the policy
 * loaded and checked, then fraud/fraud.h.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "desk/desk-internal.h"
#include "data/db.h"
#include "data/ds.h"
#include "data/events.h"
#include "model/card.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/* A located error at mark at of p, appended to errs. */
static void
at_policy(struct policy_errors *errs, const struct policy *p,
	struct policy_mark at, const char *msg)
{
	struct rd_err e;

	rd_err_setloc(&e, RD_EINPUT, p->path, at.line, at.col, "%s", msg);
	policy_errors_add(errs, &e);
}

/* Whether table is one of db's tables; else an error appended. */
static int
have_table(struct db *db, const char *table, const char *what,
	struct policy_errors *errs)
{
	char **t;
	struct rd_err e;
	size_t k;
	int found = 0;

	rd_err_clear(&e);
	if ((t = db_table_list(db, &e)) == NULL) {
		policy_errors_add(errs, &e);
		return 0;
	}
	for (k = 0; t[k] != NULL; k++) {
		found |= strcmp(t[k], table) == 0;
		free(t[k]);
	}
	free(t);
	if (!found) {
		rd_err_set(&e, RD_EINPUT, "no table \"%s\" in the database "
		    "(%s); import it first", table, what);
		policy_errors_add(errs, &e);
	}
	return found;
}

/* Every time of table's column p->fraud->time read as the features read
   it; a fault appended to errs, located at the section's "time:" key. */
static int
time_check(struct db *db, const struct policy *p, const char *table,
	struct policy_errors *errs)
{
	struct events_col c;
	struct rd_err e;
	int64_t *rowid = NULL;
	size_t n = 0, ends[1];
	const char *tables[1];

	memset(&c, 0, sizeof c);
	c.name = p->fraud->time;
	c.kind = EVENTS_TIME;
	tables[0] = table;
	rd_err_clear(&e);
	if (events_load(db, tables, 1, &c, 1, &rowid, &n, ends, &e) != 0) {
		if (e.cls == RD_EINPUT)
			at_policy(errs, p, p->fraud->time_at, e.msg);
		else
			policy_errors_add(errs, &e);
		return -1;
	}
	free(rowid);
	events_col_done(&c);
	return 0;
}

int
desk_fraud_check(struct db *db, const struct policy *p, const char *table,
	struct policy_errors *errs)
{
	if (p->fraud == NULL)
		return 0;
	if (table == NULL)
		table = p->population;
	if (table == NULL)
		return 0;
	if (policy_fraud_check_columns(p, db, table, errs) != 0)
		return -1;
	return time_check(db, p, table, errs);
}

/*
 * A warning in out->warnings for each key column (same:) of p's features
 * on table whose values are one value written several ways: keys match
 * as exact text, so a ring that varies the writing of its phone is
 * counted as several phones.  Each column once, named with its first
 * feature.  Returns 0, or -1 with err (RD_EDB).
 */
static int
key_warnings(struct db *db, const struct policy *p, const char *table,
	struct desk_fraud *out, struct rd_err *err)
{
	const struct policy_fraud *fr = p->fraud;
	size_t f, k, g, h;
	char n1[FMT_BUF], n2[FMT_BUF];

	for (f = 0; f < fr->nfeatures; f++)
		for (k = 0; k < fr->features[f].nsame; k++) {
			const char *col = fr->features[f].same[k];
			struct events_variants v;
			int seen = 0;

			for (g = 0; g <= f && !seen; g++)
				for (h = 0; h < (g < f ? fr->features[g].nsame :
				    k); h++)
					if (strcmp(fr->features[g].same[h],
					    col) == 0)
						seen = 1;
			if (seen)
				continue;
			if (events_key_variants(db, table, col, &v, err) != 0)
				return -1;
			if (v.groups == 0)
				continue;
			fmt_count(n1, (double)v.values);
			fmt_count(n2, (double)v.groups);
			out->warnings = xreallocarray(out->warnings,
			    out->nwarnings + 1, sizeof *out->warnings);
			out->warnings[out->nwarnings++] = xasprintf("column "
			    "\"%s\" of table \"%s\" (a key of feature "
			    "\"%s\"): %s spellings of %s value%s are equal but "
			    "for blanks, case or punctuation (\"%s\" and "
			    "\"%s\") and count as different keys; if they "
			    "are one phone, address or device, write them one "
			    "way (an UPDATE in SQL) before the run", col, table,
			    fr->features[f].name, n1, n2, v.groups == 1 ? "" :
			    "s", v.eg1, v.eg2);
		}
	return 0;
}

int
desk_fraud_run(struct desk *d, const char *policy_path, const char *table,
	double from, struct desk_fraud *out, struct rd_err *err)
{
	struct policy_errors *errs = &d->load_errors;
	struct rd_err e;
	const char *tables[1];

	memset(out, 0, sizeof *out);
	out->from = from;
	policy_errors_done(errs);
	if ((out->policy = policy_load_all(policy_path, errs)) == NULL)
		goto fail;
	if (out->policy->fraud == NULL) {
		rd_err_set(&e, RD_EINPUT, "%s: the policy has no fraud "
		    "section: add \"fraud:\" with time, features and rules "
		    "(riskdesk-policy(5), FRAUD RULES)", policy_path);
		policy_errors_add(errs, &e);
		goto fail;
	}
	if (table == NULL && out->policy->population == NULL) {
		rd_err_set(&e, RD_EUSAGE, "fraud needs --table <name>: policy "
		    "%s names no population", policy_path);
		policy_errors_add(errs, &e);
		goto fail;
	}
	out->table = xstrdup(table != NULL ? table : out->policy->population);
	if (!have_table(d->db, out->table, table != NULL ? "--table" :
	    "the policy's population", errs)) {
		if (table == NULL)
			desk_relocate(&errs->err[errs->n - 1], out->policy,
			    out->policy->population_at);
		goto fail;
	}
	if (desk_fraud_check(d->db, out->policy, out->table, errs) != 0)
		goto fail;
	tables[0] = out->table;
	rd_err_clear(&e);
	if (fraud_data_load(d->db, out->policy, tables, 1, 0, &out->data,
	    &e) != 0) {
		policy_errors_add(errs, &e);
		goto fail;
	}
	if (desk_fraud_card_score(d->db, out->policy, out->table, &out->data,
	    errs) != 0)
		goto fail;
	fraud_evaluate(&out->data, from, out->policy->fraud->capacity,
	    &out->eval);
	if (key_warnings(d->db, out->policy, out->table, out, &e) != 0) {
		policy_errors_add(errs, &e);
		goto fail;
	}
	return 0;
fail:
	*err = errs->err[0];
	desk_fraud_done(out);
	return -1;
}

void
desk_fraud_done(struct desk_fraud *f)
{
	size_t k;

	if (f == NULL)
		return;
	for (k = 0; k < f->nwarnings; k++)
		free(f->warnings[k]);
	free(f->warnings);
	policy_free(f->policy);
	free(f->table);
	fraud_data_done(&f->data);
	fraud_eval_done(&f->eval);
	memset(f, 0, sizeof *f);
}

int
desk_fraud_verdicts(struct desk *d, const struct policy *p,
	const char *table, const char *history, struct fraud_data *out,
	struct policy_errors *errs)
{
	const char *tables[2];
	struct rd_err e;
	size_t n = 0, before = errs->n;

	memset(out, 0, sizeof *out);
	if (history == NULL)
		history = p->fraud->history;
	/* A history that is the table itself adds nothing: its rows are
	   each other's history already. */
	if (history != NULL && strcmp(history, table) != 0) {
		if (!have_table(d->db, history, "the fraud history",
		    errs)) {
			if (p->fraud->history != NULL &&
			    strcmp(history, p->fraud->history) == 0)
				at_policy(errs, p, p->fraud->history_at,
				    errs->err[errs->n - 1].msg);
			return -1;
		}
		if (desk_fraud_check(d->db, p, history, errs) != 0)
			return -1;
		tables[n++] = history;
	}
	if (desk_fraud_check(d->db, p, table, errs) != 0)
		return -1;
	tables[n++] = table;
	rd_err_clear(&e);
	if (fraud_data_load(d->db, p, tables, n, n - 1, out, &e) != 0) {
		policy_errors_add(errs, &e);
		return -1;
	}
	return errs->n == before ? 0 : -1;
}

int
desk_fraud_policy(struct db *db, const struct policy *p, const char *table,
	double from, struct fraud_data *data, struct fraud_eval *eval,
	struct policy_errors *errs)
{
	const char *tables[1];
	struct rd_err e;

	memset(data, 0, sizeof *data);
	memset(eval, 0, sizeof *eval);
	if (desk_fraud_check(db, p, table, errs) != 0)
		return -1;
	tables[0] = table;
	rd_err_clear(&e);
	if (fraud_data_load(db, p, tables, 1, 0, data, &e) != 0) {
		policy_errors_add(errs, &e);
		return -1;
	}
	if (desk_fraud_card_score(db, p, table, data, errs) != 0) {
		fraud_data_done(data);
		return -1;
	}
	fraud_evaluate(data, from, p->fraud->capacity, eval);
	return 0;
}

/* ------------------------------------------------- the fraud score */

struct card_features *
desk_fraud_card_features(const struct policy *p, const char *const *names,
	size_t nnames)
{
	const struct policy_fraud *fr = p->fraud;
	struct card_features *cf = xcalloc(1, sizeof *cf);
	size_t k, j;

	cf->policy = xstrdup(p->name != NULL ? p->name : "");
	cf->time = xstrdup(fr->time);
	cf->label = xstrdup(fr->label != NULL ? fr->label : "");
	cf->v = xcalloc(fr->nfeatures + 1, sizeof *cf->v);
	for (k = 0; k < fr->nfeatures; k++) {
		const struct policy_feature *f = &fr->features[k];
		struct card_feature *c;

		for (j = 0; names != NULL && j < nnames; j++)
			if (strcmp(names[j], f->name) == 0)
				break;
		if (names != NULL && j == nnames)
			continue;
		c = &cf->v[cf->n++];
		c->name = xstrdup(f->name);
		c->agg = f->agg == POLICY_FRAUD_COUNT ? CARD_FEATURE_COUNT :
		    f->agg == POLICY_FRAUD_DISTINCT ? CARD_FEATURE_DISTINCT :
		    CARD_FEATURE_SUM;
		c->column = f->column != NULL ? xstrdup(f->column) : NULL;
		c->same = xcalloc(f->nsame, sizeof *c->same);
		for (j = 0; j < f->nsame; j++)
			c->same[j] = xstrdup(f->same[j]);
		c->nsame = f->nsame;
		c->within = f->within;
	}
	return cf;
}

int
desk_fraud_add_features(struct db *db, const struct card_features *f,
	const char *label, const char *table, struct dataset *ds,
	struct rd_err *err)
{
	struct policy pol;
	struct policy_fraud fr;
	struct fraud_data fd;
	const char *tables[1];
	size_t k, i, j;
	int lab = -1;

	for (k = 0; k < f->n; k++)
		if (ds_column_index(ds, f->v[k].name) >= 0)
			return rd_err_set(err, RD_EINPUT, "fraud feature "
			    "\"%s\" has the name of a column of table "
			    "\"%s\"; give the feature another name",
			    f->v[k].name, table);
	if (label != NULL && (lab = ds_column_index(ds, label)) < 0)
		return rd_err_set(err, RD_EINPUT, "the fraud label \"%s\" is "
		    "not among the columns read from table \"%s\" (left out "
		    "with --exclude, or recorded as an identifier?)", label,
		    table);
	/* A fraud section of the features alone, its strings borrowed
	   from f: fraud_data_load computes them as for the rules. */
	memset(&pol, 0, sizeof pol);
	memset(&fr, 0, sizeof fr);
	pol.name = f->policy;
	pol.fraud = &fr;
	fr.time = f->time;
	fr.label = (char *)label;
	fr.capacity = NAN;
	fr.features = xcalloc(f->n + 1, sizeof *fr.features);
	fr.nfeatures = f->n;
	for (k = 0; k < f->n; k++) {
		struct policy_feature *pf = &fr.features[k];

		pf->name = f->v[k].name;
		pf->agg = f->v[k].agg == CARD_FEATURE_COUNT ?
		    POLICY_FRAUD_COUNT : f->v[k].agg == CARD_FEATURE_DISTINCT ?
		    POLICY_FRAUD_DISTINCT : POLICY_FRAUD_SUM;
		pf->column = f->v[k].column;
		pf->same = f->v[k].same;
		pf->nsame = f->v[k].nsame;
		pf->within = f->v[k].within;
	}
	tables[0] = table;
	k = fraud_data_load(db, &pol, tables, 1, 0, &fd, err);
	free(fr.features);
	if (k != 0)
		return -1;
	/* Both in rowid order: a merge puts each event on its row. */
	for (k = 0; k < fd.nfeatures; k++) {
		double *col = xreallocarray(NULL, ds->nrows ? ds->nrows : 1,
		    sizeof *col);

		for (i = 0, j = 0; i < ds->nrows; i++) {
			while (j < fd.n && fd.rowid[j] < ds->rowid[i])
				j++;
			col[i] = j < fd.n && fd.rowid[j] == ds->rowid[i] ?
			    fd.feat[k][j] : NAN;
		}
		ds_column_add_num(ds, f->v[k].name, col);
	}
	if (label != NULL) {
		if (ds->y == NULL)
			ds->y = xcalloc(ds->nrows ? ds->nrows : 1, 1);
		ds->nbad = ds->ngood = ds->nindet = 0;
		for (i = 0, j = 0; i < ds->nrows; i++) {
			while (j < fd.n && fd.rowid[j] < ds->rowid[i])
				j++;
			if (ds->reject != NULL && ds->reject[i])
				ds->y[i] = DS_INDET;
			else
				ds->y[i] = j < fd.n && fd.rowid[j] ==
				    ds->rowid[i] && fd.fraud[j] ? DS_BAD :
				    DS_GOOD;
			if (ds->y[i] == DS_BAD)
				ds->nbad++;
			else if (ds->y[i] == DS_GOOD)
				ds->ngood++;
			else
				ds->nindet++;
		}
		ds->target = lab;
	}
	fraud_data_done(&fd);
	return 0;
}

int
desk_fraud_card_complete(struct db *db, const struct scorecard *card,
	const char *table, int label_target, struct dataset *ds,
	struct rd_err *err)
{
	const char *label;

	if (card->features == NULL)
		return 0;
	label = card->features->label;
	if (!label_target || ds_column_index(ds, label) < 0)
		label = NULL;
	return desk_fraud_add_features(db, card->features, label, table, ds,
	    err);
}

/*
 * When every feature of cf (NULL: none, nothing to do) is defined as one
 * of fr's (same name, aggregate, columns and window, same time column),
 * append those columns of data (one table's events, rowid order) to ds
 * by rowid and return 1; else touch nothing and return 0.
 */
static int
features_from_data(const struct card_features *cf,
	const struct policy_fraud *fr, const struct fraud_data *data,
	struct dataset *ds)
{
	size_t *at, k, j, i, r;
	int same = 1;

	if (cf == NULL)
		return 1;
	if (strcmp(cf->time, fr->time) != 0)
		return 0;
	at = xcalloc(cf->n + 1, sizeof *at);
	for (k = 0; same && k < cf->n; k++) {
		const struct card_feature *c = &cf->v[k];

		same = 0;
		for (j = 0; !same && j < fr->nfeatures; j++) {
			const struct policy_feature *f = &fr->features[j];
			int agg = f->agg == POLICY_FRAUD_COUNT ?
			    CARD_FEATURE_COUNT : f->agg ==
			    POLICY_FRAUD_DISTINCT ? CARD_FEATURE_DISTINCT :
			    CARD_FEATURE_SUM;

			if (strcmp(c->name, f->name) != 0 ||
			    (int)c->agg != agg || c->within != f->within ||
			    c->nsame != f->nsame || (c->column == NULL) !=
			    (f->column == NULL) || (c->column != NULL &&
			    strcmp(c->column, f->column) != 0))
				continue;
			for (i = 0; i < c->nsame; i++)
				if (strcmp(c->same[i], f->same[i]) != 0)
					break;
			if (i == c->nsame) {
				same = 1;
				at[k] = j;
			}
		}
		same = same && ds_column_index(ds, c->name) < 0;
	}
	if (!same) {
		free(at);
		return 0;
	}
	for (k = 0; k < cf->n; k++) {
		double *col = xreallocarray(NULL, ds->nrows ? ds->nrows : 1,
		    sizeof *col);

		for (i = 0, r = 0; i < ds->nrows; i++) {
			while (r < data->n && data->rowid[r] < ds->rowid[i])
				r++;
			col[i] = r < data->n && data->rowid[r] ==
			    ds->rowid[i] ? data->feat[at[k]][r] : NAN;
		}
		ds_column_add_num(ds, cf->v[k].name, col);
	}
	free(at);
	return 1;
}

int
desk_fraud_card_score(struct db *db, const struct policy *p,
	const char *table, struct fraud_data *data, struct policy_errors *errs)
{
	const struct policy_fraud *fr = p->fraud;
	struct scorecard *card = NULL;
	struct dataset *ds = NULL;
	const char **names = NULL;
	struct rd_err e;
	char *text, msg[sizeof e.msg];
	double *score = NULL;
	size_t k, j, m = 0, i;
	int ret = -1, named = 0;

	if (fr->scorecard == NULL)
		return 0;
	rd_err_clear(&e);
	if ((text = db_scorecard_get(db, fr->scorecard, &e)) == NULL) {
		if (e.cls == RD_EINPUT) {
			snprintf(e.msg, sizeof e.msg, "no scorecard named "
			    "\"%.128s\" in the database (the fraud "
			    "scorecard): fit it with riskdesk fit --table "
			    "%.128s --name %.128s --features-from <policy>",
			    fr->scorecard, table, fr->scorecard);
			named = 1;
		}
		goto done;
	}
	card = card_parse(text, &e);
	free(text);
	if (card == NULL)
		goto done;
	/* The card's characteristics the table holds; its features are
	   computed again. */
	names = xcalloc(card->nchars + 1, sizeof *names);
	for (k = 0; k < card->nchars; k++) {
		for (j = 0; card->features != NULL && j < card->features->n;
		    j++)
			if (strcmp(card->features->v[j].name,
			    card->chars[k].ch->name) == 0)
				break;
		if (card->features == NULL || j == card->features->n)
			names[m++] = card->chars[k].ch->name;
	}
	if ((ds = db_dataset_load_columns(db, table, names, m, &e)) == NULL)
		goto done;
	/* Features defined as the policy's are those just computed for
	   the rules: taken from data rather than computed again. */
	if (!features_from_data(card->features, fr, data, ds) &&
	    desk_fraud_card_complete(db, card, table, 0, ds, &e) != 0)
		goto done;
	score = xreallocarray(NULL, ds->nrows ? ds->nrows : 1, sizeof *score);
	if (card_score(card, ds, score, NULL, &e) != 0)
		goto done;
	free(data->score);
	data->score = xreallocarray(NULL, data->n ? data->n : 1,
	    sizeof *data->score);
	for (i = 0, j = 0; i < data->n; i++) {
		while (j < ds->nrows && ds->rowid[j] < data->rowid[i])
			j++;
		data->score[i] = j < ds->nrows && ds->rowid[j] ==
		    data->rowid[i] ? score[j] : NAN;
	}
	ret = 0;
done:
	if (ret != 0) {
		struct rd_err located;

		snprintf(msg, sizeof msg, "%s", e.msg);
		if (e.cls == RD_EINPUT && fr->scorecard_at.line > 0) {
			rd_err_setloc(&located, RD_EINPUT, p->path,
			    fr->scorecard_at.line, fr->scorecard_at.col,
			    named ? "%s" : "%s (the fraud scorecard "
			    "\"%.128s\")", msg, fr->scorecard);
			policy_errors_add(errs, &located);
		} else
			policy_errors_add(errs, &e);
	}
	free(score);
	free(names);
	ds_free(ds);
	card_free(card);
	return ret;
}

struct policy *
desk_fraud_features_policy(struct desk *d, const char *path,
	const char *table, struct rd_err *err)
{
	struct policy_errors *errs = &d->load_errors;
	struct policy *p;
	struct rd_err e;

	policy_errors_done(errs);
	if ((p = policy_load_all(path, errs)) == NULL)
		goto fail;
	if (p->fraud == NULL) {
		rd_err_set(&e, RD_EINPUT, "%s: the policy has no fraud "
		    "section: --features-from takes the features of a "
		    "\"fraud:\" section (riskdesk-policy(5), FRAUD RULES)",
		    path);
		policy_errors_add(errs, &e);
		goto fail;
	}
	if (p->fraud->label == NULL) {
		rd_err_setloc(&e, RD_EINPUT, p->path, p->fraud->at.line,
		    p->fraud->at.col, "a fraud scorecard needs known fraud "
		    "as its target: add \"label: <column>\" (1 = fraud) to "
		    "the fraud section");
		policy_errors_add(errs, &e);
		goto fail;
	}
	if (policy_fraud_check_columns(p, d->db, table, errs) != 0)
		goto fail;
	return p;
fail:
	*err = errs->err[0];
	policy_free(p);
	return NULL;
}

int
desk_fraud_dataset(struct db *db, const struct policy *p, const char *table,
	const char *const *only, size_t nonly, struct dataset *ds,
	struct rd_err *err)
{
	struct card_features *cf;
	int rc;

	if (ds->target >= 0 &&
	    strcmp(ds->cols[ds->target].name, p->fraud->label) != 0) {
		size_t j = (size_t)ds->target;

		ds->target = -1;
		ds_column_remove(ds, j);
	}
	cf = desk_fraud_card_features(p, only, nonly);
	rc = desk_fraud_add_features(db, cf, p->fraud->label, table, ds, err);
	card_features_free(cf);
	return rc;
}
