/*
 * desk-fraud.c - the facade of the fraud rules (desk-fraud.h): the policy
 * loaded and checked, then fraud/fraud.h.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "desk/desk-internal.h"
#include "util/err.h"
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
	if (policy_fraud_check_columns(out->policy, d->db, out->table,
	    errs) != 0)
		goto fail;
	tables[0] = out->table;
	rd_err_clear(&e);
	if (fraud_data_load(d->db, out->policy, tables, 1, 0, &out->data,
	    &e) != 0) {
		policy_errors_add(errs, &e);
		goto fail;
	}
	fraud_evaluate(&out->data, from, out->policy->fraud->capacity,
	    &out->eval);
	return 0;
fail:
	*err = errs->err[0];
	desk_fraud_done(out);
	return -1;
}

void
desk_fraud_done(struct desk_fraud *f)
{
	if (f == NULL)
		return;
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
		if (policy_fraud_check_columns(p, d->db, history, errs) != 0)
			return -1;
		tables[n++] = history;
	}
	if (policy_fraud_check_columns(p, d->db, table, errs) != 0)
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
	if (policy_fraud_check_columns(p, db, table, errs) != 0)
		return -1;
	tables[0] = table;
	rd_err_clear(&e);
	if (fraud_data_load(db, p, tables, 1, 0, data, &e) != 0) {
		policy_errors_add(errs, &e);
		return -1;
	}
	fraud_evaluate(data, from, p->fraud->capacity, eval);
	return 0;
}
