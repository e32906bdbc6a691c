/*
 * desk-decide.c - the facade of the batch decision run (desk.h,
 * desk_decide_open and desk_decide_run): the policy and its scorecard
 * loaded and checked against the table to decide, the identifier chosen,
 * the fingerprints taken, then sim/decide.h slice by slice.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "desk/desk-internal.h"
#include "export/sqlexpr.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* Whether column of table is present and unique on every row (1), not
   (0), or could not be checked (-1, err set). */
static int
key_unique(struct db *db, const char *table, const char *column,
	struct rd_err *err)
{
	size_t nnull, ndup;
	char *dup = NULL;

	if (db_key_check(db, table, column, &nnull, &ndup, &dup, err) < 0)
		return -1;
	free(dup);
	return nnull == 0 && ndup == 0;
}

/*
 * The column keying the decisions when the officer names none: the key
 * column of the import (--id), else the first column proven present and
 * unique among those recorded as identifiers by --role, then the other
 * recorded identifiers in table order that are not a row number (R's row
 * names), then row numbers; NULL (the rowid) when none is.  An identifier
 * is only nearly unique (a timestamp, an e-mail: 95% distinct values), so
 * one that repeats a value is passed over, never chosen to fail the run.
 * *proven is set when the column was checked here.  Heap string.
 */
static char *
default_id(struct db *db, const char *table, int *proven,
	struct rd_err *err)
{
	struct db_column_role *r = NULL;
	char **cols = NULL, *id = NULL;
	size_t n = 0, nc = 0, k, j;
	int pass, take;

	*proven = 0;
	if (db_column_roles(db, table, &r, &n, err) < 0)
		return NULL;
	if ((cols = db_table_column_names(db, table, &nc, err)) == NULL) {
		db_column_roles_free(r, n);
		return NULL;
	}
	for (pass = 0; pass < 4 && id == NULL; pass++)
		for (j = 0; j < nc && id == NULL; j++)
			for (k = 0; k < n && id == NULL; k++) {
				if (strcmp(r[k].column, cols[j]) != 0 ||
				    strcmp(r[k].role, DS_ROLE_IDENTIFIER) != 0)
					continue;
				take = pass == 0 ? strstr(r[k].note, "(--id)")
				    != NULL : pass == 1 ? strstr(r[k].note,
				    "--role") != NULL : pass == 2 ?
				    strstr(r[k].note, "row number") == NULL :
				    strstr(r[k].note, "row number") != NULL;
				if (!take)
					continue;
				if (pass == 0) {
					id = xstrdup(cols[j]);
					continue;
				}
				/* An error checking it is no proof. */
				if (key_unique(db, table, cols[j], err) == 1) {
					id = xstrdup(cols[j]);
					*proven = 1;
				}
			}
	for (j = 0; j < nc; j++)
		free(cols[j]);
	free(cols);
	db_column_roles_free(r, n);
	rd_err_clear(err);
	return id;
}

/* The columns of card and the id exist in table, with the scorecard's
   types: an empty slice loaded and binned. */
static int
check_columns(struct db *db, const char *table, const struct scorecard *card,
	const char *id, struct rd_err *err)
{
	const char **keep = xcalloc(card->nchars + 2, sizeof *keep);
	struct dataset *ds;
	size_t k, n = 0;
	int rc = -1;

	for (k = 0; k < card->nchars; k++)
		keep[n++] = card->chars[k].ch->name;
	if (id != NULL)
		keep[n++] = id;
	db_window_set(db, 1, 1);
	ds = db_dataset_load_columns(db, table, keep, n, err);
	db_window_clear(db);
	if (ds != NULL) {
		int bin[1];

		rc = card_bins(card, ds, bin, NULL, err);
		ds_free(ds);
	}
	free(keep);
	return rc;
}

/* Whether table is not in db, with err saying which tables are. */
static int
no_table(struct db *db, const char *table, struct rd_err *err)
{
	char **t = db_table_list(db, err), list[400];
	size_t k, off = 0;
	int missing = 1;

	if (t == NULL)
		return 0;
	list[0] = '\0';
	for (k = 0; t[k] != NULL; k++) {
		if (strcmp(t[k], table) == 0)
			missing = 0;
		if (off < sizeof list - 80)
			off += (size_t)snprintf(list + off, sizeof list - off,
			    "%s%s", k ? ", " : "", t[k]);
		else if (off < sizeof list - 4)
			off += (size_t)snprintf(list + off, sizeof list - off,
			    ", ...");
		free(t[k]);
	}
	free(t);
	if (missing)
		rd_err_set(err, RD_EINPUT, "no table \"%s\" in the database "
		    "(its tables: %s); import it first, or name one with "
		    "--table", table, list[0] ? list : "none");
	return missing;
}

/* The largest finite double: beyond it an EAD is infinite. */
#define EAD_DBL_MAX "1.7976931348623157e308"

/*
 * One pass over the table of pp (its population): whether some
 * segment's EAD gives text that is not a number on some row (1), none
 * does (0), or the pass failed (-1, err set); with 0, *range is 1 when
 * some EAD is infinite or negative on some row, whoever takes it (then
 * ead_out_of_range asks whether on an applicant its segment takes),
 * else 0.  Only the EADs' columns are read.
 */
static int
ead_scan(struct db *db, const struct policy *pp, int *range,
	struct rd_err *err)
{
	const char **exprs = xcalloc(pp->nsegments + 1, sizeof *exprs);
	char *cond = xstrdup("0"), *t;
	size_t k, j, n = 0;
	int text = 0, rc;

	rd_err_clear(err);
	*range = 0;
	for (k = 0; k < pp->nsegments; k++) {
		/* Each distinct expression once. */
		for (j = 0; j < n; j++)
			if (strcmp(exprs[j], pp->segments[k].ead) == 0)
				break;
		if (j == n) {
			exprs[n++] = pp->segments[k].ead;
			t = xasprintf("%s OR (%s) < 0 OR abs((%s)) > %s", cond,
			    pp->segments[k].ead, pp->segments[k].ead,
			    EAD_DBL_MAX);
			free(cond);
			cond = t;
		}
	}
	rc = db_expr_text_or(db, pp->population, exprs, n, cond, &text,
	    range, err);
	free(exprs);
	free(cond);
	if (rc != 0)
		return -1;
	return text;
}

/*
 * Whether every segment's EAD of p is arithmetic (sqlx_always_number
 * over the columns of table): never text on any row, so a pass looking
 * for text finds none.  1 or 0 (0 when the columns cannot be read).
 */
static int
ead_numeric(struct db *db, const struct policy *p, const char *table)
{
	struct sqlx_column *cols;
	struct rd_err e;
	char **names;
	size_t nc = 0, k;
	int num = 1;

	if ((names = db_table_column_names(db, table, &nc, &e)) == NULL)
		return 0;
	cols = xcalloc(nc ? nc : 1, sizeof *cols);
	for (k = 0; k < nc; k++) {
		cols[k].name = names[k];
		cols[k].type = DS_REAL;
	}
	for (k = 0; k < p->nsegments && num; k++)
		num = sqlx_always_number(p->segments[k].ead, cols, nc);
	for (k = 0; k < nc; k++)
		free(names[k]);
	free(names);
	free(cols);
	return num;
}

/* The id column keys every applicant once: present and unique. */
static void
check_key(struct db *db, const char *table, const char *id,
	struct policy_errors *errs)
{
	size_t nnull, ndup;
	char *dup = NULL, what[2 * FMT_BUF + 160], n1[FMT_BUF], n2[FMT_BUF];
	struct rd_err e;

	rd_err_clear(&e);
	if (db_key_check(db, table, id, &nnull, &ndup, &dup, &e) < 0) {
		policy_errors_add(errs, &e);
		return;
	}
	if (ndup == 0 && nnull == 0)
		return;
	if (ndup > 0 && nnull > 0)
		snprintf(what, sizeof what, "%s repeated value%s (first "
		    "\"%.60s\") and %s rows without one", fmt_count(n1,
		    (double)ndup), ndup == 1 ? "" : "s", dup ? dup : "",
		    fmt_count(n2, (double)nnull));
	else if (ndup > 0)
		snprintf(what, sizeof what, "%s repeated value%s (first "
		    "\"%.60s\")", fmt_count(n1, (double)ndup),
		    ndup == 1 ? "" : "s", dup ? dup : "");
	else
		snprintf(what, sizeof what, "%s row%s without a value",
		    fmt_count(n2, (double)nnull), nnull == 1 ? "" : "s");
	rd_err_set(&e, RD_EINPUT, "column \"%s\" of table \"%s\" cannot key "
	    "the decisions: %s; give a column that is present and unique "
	    "with --id, or make one the key at import (import --id)", id,
	    table, what);
	policy_errors_add(errs, &e);
	free(dup);
}

/* Every "reason_codes:" key names a characteristic of the scorecard. */
static void
check_reason_codes(const struct policy *p, const struct scorecard *card,
	struct policy_errors *errs)
{
	struct rd_err e;
	size_t k, j;

	for (k = 0; k < p->nreasons; k++) {
		for (j = 0; j < card->nchars; j++)
			if (strcmp(card->chars[j].ch->name,
			    p->reasons[k].characteristic) == 0)
				break;
		if (j < card->nchars)
			continue;
		rd_err_setloc(&e, RD_EINPUT, p->path, p->reasons[k].at.line,
		    p->reasons[k].at.col, "reason code for \"%s\", which is "
		    "not a characteristic of scorecard \"%s\" (%zu "
		    "characteristics: %s%s); riskdesk points --name %s lists "
		    "them", p->reasons[k].characteristic, card->name,
		    card->nchars, card->nchars > 0 ? card->chars[0].ch->name :
		    "none", card->nchars > 1 ? ", ..." : "", card->name);
		policy_errors_add(errs, &e);
	}
}

int
desk_check_reason_codes(struct db *db, const struct policy *p,
	struct policy_errors *errs)
{
	struct scorecard *card;
	struct rd_err e;
	char *body;

	if (p->nreasons == 0)
		return 0;
	rd_err_clear(&e);
	/* A missing scorecard is reported where the policy names it. */
	if ((body = db_scorecard_get(db, p->scorecard, &e)) == NULL)
		return 0;
	card = card_parse(body, &e);
	free(body);
	if (card == NULL)
		return 0;
	check_reason_codes(p, card, errs);
	card_free(card);
	return 0;
}

/* Append err to errs located at mark of p: "<what>: <message>". */
static void
type_error(const struct policy *p, struct policy_mark mark, const char *what,
	const struct rd_err *err, struct policy_errors *errs)
{
	struct rd_err e;

	rd_err_setloc(&e, RD_EINPUT, p->path, mark.line, mark.col, "%s: %s",
	    what, err->msg);
	policy_errors_add(errs, &e);
}

/*
 * The type rule of export (export/sqlexpr.h sqlx_check_types) on the
 * conditions and the income of p (amounts 0), or on its EADs (amounts 1),
 * over the columns of table, each fault appended to errs located where
 * the expression is written.  Returns -1 with err when the table's
 * columns cannot be read, else 0.
 */
static int
check_types(struct db *db, const struct policy *p, const char *table,
	int amounts, struct policy_errors *errs, struct rd_err *err)
{
	struct dataset *ds;
	struct sqlx_column *cols;
	struct rd_err e;
	char what[200];
	int64_t first;
	size_t k;
	int got;

	/* An empty table has no types to check against (import types its
	   columns text); its emptiness is reported where it is read.  A
	   relation without rowids (a view) is checked. */
	rd_err_clear(&e);
	if ((got = db_next_rowid(db, table, 0, &first, &e)) == 0)
		return 0;
	/* The columns alone: the window holds no row. */
	db_window_set(db, 1, 1);
	ds = db_dataset_load(db, table, err);
	db_window_clear(db);
	if (ds == NULL)
		return -1;
	cols = xcalloc(ds->ncols + 1, sizeof *cols);
	for (k = 0; k < ds->ncols; k++) {
		cols[k].name = ds->cols[k].name;
		cols[k].type = ds->cols[k].type;
	}
	rd_err_clear(&e);
	for (k = 0; k < p->nknockouts && !amounts; k++) {
		const struct policy_rule *r = &p->knockouts[k];

		if (sqlx_check_types(r->when, cols, ds->ncols, SQLX_CONDITION,
		    &e) != 0) {
			snprintf(what, sizeof what, "knock-out \"%s\"",
			    r->name);
			type_error(p, r->when_at, what, &e, errs);
		}
	}
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];

		snprintf(what, sizeof what, "segment \"%s\"", s->name);
		if (!amounts && s->when != NULL && sqlx_check_types(s->when,
		    cols, ds->ncols, SQLX_CONDITION, &e) != 0)
			type_error(p, s->when_at, what, &e, errs);
		/* An EAD inherited from loss: is located there, once. */
		if (amounts && sqlx_check_types(s->ead, cols, ds->ncols,
		    SQLX_NUMBER, &e) != 0)
			type_error(p, s->ead_at, "EAD", &e, errs);
	}
	if (!amounts && p->income != NULL && sqlx_check_types(p->income,
	    cols, ds->ncols, SQLX_NUMBER, &e) != 0)
		type_error(p, p->income_at, "income", &e, errs);
	free(cols);
	ds_free(ds);
	return 0;
}

/*
 * The applicants segment k of p takes, as an SQL condition over the
 * population (caller frees): no knock-out true (NULL passes, as
 * cond_first reads them), no earlier segment's condition true and, but
 * for the default segment, its own true.
 */
static char *
segment_cond(const struct policy *p, size_t k)
{
	char *s = xstrdup("1"), *t;
	size_t j;

	for (j = 0; j < p->nknockouts; j++) {
		t = xasprintf("%s AND (CASE WHEN (%s) THEN 0 ELSE 1 END)", s,
		    p->knockouts[j].when);
		free(s);
		s = t;
	}
	for (j = 0; j <= k && j + 1 < p->nsegments; j++) {
		t = xasprintf("%s AND (CASE WHEN (%s) THEN %d ELSE %d END)", s,
		    p->segments[j].when, j == k, j != k);
		free(s);
		s = t;
	}
	return s;
}

/*
 * A segment whose EAD is NULL on every applicant it takes of table (at
 * least one), as sim_check_ead_all finds it: an error located at its
 * ead, "EAD is NULL on every applicant of segment ... (all n)".  One
 * query a segment that stops at the first applicant with an EAD; the
 * applicants are counted only when there is none.  Returns -1 with err
 * when the query fails, else 0.
 */
static int
ead_all_null(struct db *db, const struct policy *p, const char *table,
	struct policy_errors *errs, struct rd_err *err)
{
	struct rd_err e;
	size_t k, n;
	char *seg, *known;
	int rc = 0;

	for (k = 0; k < p->nsegments && rc == 0; k++) {
		const struct policy_segment *s = &p->segments[k];

		seg = segment_cond(p, k);
		known = xasprintf("%s AND (%s) IS NOT NULL", seg, s->ead);
		if (db_expr_count(db, table, known, 1, &n, err) != 0) {
			rc = -1;
		} else if (n == 0) {
			/* No applicant with an EAD: how many without. */
			if (db_expr_count(db, table, seg, SIZE_MAX, &n,
			    err) != 0) {
				rc = -1;
			} else if (n > 0) {
				rd_err_setloc(&e, RD_EINPUT, p->path,
				    s->ead_at.line, s->ead_at.col, "EAD is "
				    "NULL on every applicant of segment \"%s\" "
				    "(all %zu)", s->name, n);
				policy_errors_add(errs, &e);
			}
		}
		free(seg);
		free(known);
	}
	return rc;
}

/*
 * The applicants of p whose EAD is infinite or negative, as one SQL
 * condition (heap): one CASE that takes each row where the decision
 * takes it (the first knock-out that holds, else the first segment whose
 * condition holds, else the last), so that each condition is evaluated
 * at most once a row, as in the decision's own pass; a NULL condition
 * holds no more than a false one, as in segment_cond.
 */
static char *
ead_range_cond(const struct policy *p)
{
	char *any = xstrdup("CASE"), *t;
	size_t k, nseg = p->nsegments;

	for (k = 0; k < p->nknockouts; k++) {
		t = xasprintf("%s WHEN (%s) THEN 0", any, p->knockouts[k].when);
		free(any);
		any = t;
	}
	for (k = 0; k < nseg; k++) {
		const char *ead = p->segments[k].ead;

		if (k + 1 < nseg)
			t = xasprintf("%s WHEN (%s) THEN ((%s) < 0 OR "
			    "abs((%s)) > %s)", any, p->segments[k].when, ead,
			    ead, EAD_DBL_MAX);
		else if (k == 0 && p->nknockouts == 0)
			t = xasprintf("((%s) < 0 OR abs((%s)) > %s)", ead, ead,
			    EAD_DBL_MAX);
		else
			t = xasprintf("%s ELSE ((%s) < 0 OR abs((%s)) > %s) "
			    "END", any, ead, ead, EAD_DBL_MAX);
		free(any);
		any = t;
	}
	return any;
}

/*
 * A segment whose EAD is infinite, or negative, on an applicant it takes
 * of table, once ead_scan has found such an EAD on some row:
 * sim_check_ead_all's errors ("EAD is infinite on n rows of segment
 * ...", then negative), located at its ead.  One query finds whether an
 * applicant has one (ead_range_cond; none: no more), and the rows of
 * each segment are counted only then.  Returns -1 with err when a query
 * fails, else 0.
 */
static int
ead_out_of_range(struct db *db, const struct policy *p, const char *table,
	struct policy_errors *errs, struct rd_err *err)
{
	struct rd_err e;
	char *seg, *cond, *any = ead_range_cond(p);
	size_t k, n;
	int kind, rc = 0;

	if (db_expr_count(db, table, any, 1, &n, err) != 0)
		rc = -1;
	free(any);
	if (rc != 0 || n == 0)
		return rc;
	for (k = 0; k < p->nsegments && rc == 0; k++) {
		const struct policy_segment *s = &p->segments[k];

		seg = segment_cond(p, k);
		for (kind = 0; kind < 2 && rc == 0; kind++) {
			cond = kind == 0 ? xasprintf("%s AND abs((%s)) > %s",
			    seg, s->ead, EAD_DBL_MAX) : xasprintf("%s AND "
			    "(%s) < 0 AND abs((%s)) <= %s", seg, s->ead, s->ead,
			    EAD_DBL_MAX);
			if (db_expr_count(db, table, cond, SIZE_MAX, &n,
			    err) != 0) {
				rc = -1;
			} else if (n > 0) {
				rd_err_setloc(&e, RD_EINPUT, p->path,
				    s->ead_at.line, s->ead_at.col, "EAD is %s "
				    "on %zu row%s of segment \"%s\"", kind == 0 ?
				    "infinite" : "negative", n, n == 1 ? "" : "s",
				    s->name);
				policy_errors_add(errs, &e);
			}
			free(cond);
		}
		free(seg);
	}
	return rc;
}

static int check_policy_rows(struct db *db, const struct policy *p,
	const struct policy *pp, const char *table, size_t before, int run,
	int *deferred, struct policy_errors *errs, struct rd_err *err);

int
desk_check_policy_table(struct db *db, const struct policy *p,
	const char *table, int run, int *deferred, struct policy_errors *errs,
	struct rd_err *err)
{
	struct policy pp = *p;
	size_t before = errs->n + errs->dropped;

	rd_err_clear(err);
	if (table == NULL)
		table = p->population;
	pp.population = (char *)table;
	desk_check_reason_codes(db, p, errs);
	return check_policy_rows(db, p, &pp, table, before, run, deferred,
	    errs, err);
}

/*
 * desk_check_policy_table past the reason codes: pp is p on table; before
 * the errors errs held on entry (the return value counts from it).  A
 * fault of one kind does not hide one of another: the checks on the rows
 * run whenever the columns and the conditions are sound, a reason code
 * or an EAD at fault or not, so that one verdict names every fault.
 */
static int
check_policy_rows(struct db *db, const struct policy *p,
	const struct policy *pp, const char *table, size_t before, int run,
	int *deferred, struct policy_errors *errs, struct rd_err *err)
{
	size_t mid;
	struct rd_err e;
	int text = 0, range = 0, defer;

	if (policy_check_columns_all(p, db, table, errs) != 0)
		return 1;
	mid = errs->n + errs->dropped;
	if (check_types(db, p, table, 0, errs, err) != 0)
		return -1;
	if (errs->n + errs->dropped > mid)
		return 1;
	/*
	 * An EAD that gives text is an error, not an exposure of 0: a pass
	 * that returns at the first text value, and only when there is one,
	 * the located errors of sim_check_ead_all, which name the value and
	 * the rows of each segment (a negative or infinite EAD stops the run
	 * in sim_prepare).  The same pass finds whether an EAD is infinite
	 * or negative on some row (whether on an applicant of its segment
	 * is asked below only then).  Then the type rule on the EADs, for
	 * text that SQLite turns into a number ('owner' + 0 is 0).
	 */
	rd_err_clear(&e);
	defer = run && ead_numeric(db, p, table);
	if (deferred != NULL)
		*deferred = defer;
	switch (defer ? 0 : ead_scan(db, pp, &range, &e)) {
	case 0:
		break;
	case 1:
		if (sim_check_ead_all(pp, db, errs, err) < 0)
			return -1;
		text = 1;
		break;
	default:
		*err = e;
		return -1;
	}
	if (!text && check_types(db, p, table, 1, errs, err) != 0)
		return -1;
	if (errs->n + errs->dropped == mid && range &&
	    ead_out_of_range(db, p, table, errs, err) != 0)
		return -1;
	/* On the population, the EAD of a segment must be known for one of
	   its applicants (a batch to decide may be small). */
	if (errs->n + errs->dropped == mid &&
	    strcmp(table, p->population) == 0 &&
	    ead_all_null(db, p, table, errs, err) != 0)
		return -1;
	/* Segments that overlap under hit: unique: a fault of the
	   conditions, whatever the EADs. */
	if (sim_check_unique(pp, db, errs, err) < 0)
		return -1;
	return errs->n + errs->dropped > before;
}

int
desk_decide_open(struct desk *d, const char *policy_path, const char *table,
	const char *id, int run, struct desk_decision *out, struct rd_err *err)
{
	struct policy_errors *errs = &d->load_errors;
	struct policy pp;
	struct rd_err e;
	size_t nfatal;
	int proven = 0;

	memset(out, 0, sizeof *out);
	policy_errors_done(errs);
	if ((out->policy = policy_load_all(policy_path, errs)) == NULL)
		goto fail;
	if (out->policy->scorecard == NULL) {
		policy_unscored_err(out->policy, "decide needs a credit "
		    "policy", &e);
		policy_errors_add(errs, &e);
		goto fail;
	}
	out->table = xstrdup(table != NULL ? table : out->policy->population);
	rd_err_clear(&e);
	if (no_table(d->db, out->table, &e)) {
		if (table == NULL)
			desk_relocate(&e, out->policy,
			    out->policy->population_at);
		policy_errors_add(errs, &e);
		goto fail;
	}
	if ((out->card = desk_policy_card(d->db, out->policy,
	    out->card_sha256, &e)) == NULL)
		policy_errors_add(errs, &e);
	if (id != NULL)
		out->id = xstrdup(id);
	else if ((out->id = default_id(d->db, out->table, &proven,
	    &e)) == NULL && e.cls != RD_OK)
		policy_errors_add(errs, &e);
	if (out->card != NULL && check_columns(d->db, out->table, out->card,
	    out->id, &e) < 0) {
		if (table == NULL)
			desk_relocate(&e, out->policy,
			    out->policy->population_at);
		policy_errors_add(errs, &e);
	}
	/* Faults past here do not stop the checks that follow: one verdict
	   names them all. */
	nfatal = errs->n;
	if (out->card != NULL)
		check_reason_codes(out->policy, out->card, errs);
	if (nfatal == 0 && out->id != NULL && !proven)
		check_key(d->db, out->table, out->id, errs);
	if (nfatal > 0)
		goto fail;
	/* check-policy's and the report's checks (the reason codes made
	   above). */
	pp = *out->policy;
	pp.population = out->table;
	if (check_policy_rows(d->db, out->policy, &pp, out->table,
	    errs->n + errs->dropped, run, &out->ead_deferred, errs, &e) < 0)
		policy_errors_add(errs, &e);
	if (errs->n > 0)
		goto fail;
	if (rd_sha256_file(policy_path, out->policy_sha256, &e) < 0) {
		policy_errors_add(errs, &e);
		goto fail;
	}
	return 0;
fail:
	*err = errs->err[0];
	desk_decision_done(out);
	return -1;
}

int
desk_ead_range_errors(struct db *db, const struct policy *p,
	const char *table, struct policy_errors *errs, struct rd_err *err)
{
	return ead_out_of_range(db, p, table, errs, err);
}

int
desk_decide_run(struct desk *d, struct desk_decision *dd,
	const struct decide_spec *spec,
	int (*emit)(void *arg, const struct decide_record *r), void *arg,
	struct rd_err *err)
{
	struct decide_spec sp = *spec;
	struct rd_sha256 *h = rd_sha256_new();
	size_t k;
	int rc;

	/* The input's fingerprint: the names of the columns, then every
	   value read (ds_hash_rows). */
	sp.id = dd->id;
	sp.input = h;
	if (dd->fraud != NULL)
		sp.fraud = &dd->fraud_view;
	for (k = 0; k < dd->card->nchars; k++)
		rd_sha256_update(h, dd->card->chars[k].ch->name,
		    strlen(dd->card->chars[k].ch->name) + 1);
	policy_errors_done(&d->load_errors);
	rc = decide_run(d->db, dd->policy, dd->card, dd->table, &sp, emit,
	    arg, &dd->sum, err);
	rd_sha256_hex(h, dd->input_sha256);
	/*
	 * A run that checks the EADs' range itself stops at the first
	 * slice with one out of range, counted in that slice: the whole
	 * table's rows counted as check-policy counts them, so that the
	 * verdict is check-policy's, word for word.
	 */
	if (rc != 0 && dd->ead_deferred && err->cls == RD_EINPUT) {
		struct rd_err e;

		rd_err_clear(&e);
		if (desk_ead_range_errors(d->db, dd->policy, dd->table,
		    &d->load_errors, &e) != 0) {
			/* The check itself fails (an integer overflow in
			   abs()), as check-policy's does: its error. */
			policy_errors_done(&d->load_errors);
			policy_errors_add(&d->load_errors, &e);
		}
		if (d->load_errors.n > 0)
			*err = d->load_errors.err[0];
	}
	return rc;
}

void
desk_decision_done(struct desk_decision *dd)
{
	if (dd == NULL)
		return;
	policy_free(dd->policy);
	card_free(dd->card);
	free(dd->table);
	free(dd->id);
	decide_summary_done(&dd->sum);
	fraud_data_done(dd->fraud);
	free(dd->fraud);
	memset(dd, 0, sizeof *dd);
}

int
desk_decide_fraud(struct desk *d, struct desk_decision *dd,
	const char *history, struct rd_err *err)
{
	struct policy_errors *errs = &d->load_errors;
	struct fraud_data *f;

	if (dd->policy->fraud == NULL)
		return 0;
	policy_errors_done(errs);
	f = xcalloc(1, sizeof *f);
	if (desk_fraud_verdicts(d, dd->policy, dd->table, history, f,
	    errs) != 0) {
		free(f);
		*err = errs->err[0];
		return -1;
	}
	dd->fraud = f;
	dd->fraud_view.rowid = f->rowid + f->first;
	dd->fraud_view.action = f->action + f->first;
	dd->fraud_view.rule = f->rule + f->first;
	dd->fraud_view.n = f->n - f->first;
	return 0;
}
