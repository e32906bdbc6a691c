/*
 * desk-engine.c - the policy report computed in PostgreSQL (desk-engine.h):
 * the policy, after the --cutoff overrides, compiled into the report query
 * of export/sql.h, run by the server over its table, and its rows (the
 * policy's, then one per segment) read into the structures the report
 * prints.  Part of the desk layer; the connection is data/engine.h's.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/db.h"
#include "data/ds.h"
#include "data/engine.h"
#include "desk/desk.h"
#include "desk/desk-engine.h"
#include "desk/desk-internal.h"
#include "desk/desk-model.h"
#include "export/sql.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* The report query's columns, in its order (export_sql_report). */
enum {
	RQ_SEGMENT, RQ_APPLICANTS, RQ_APPROVED, RQ_REFERRED, RQ_DECLINED,
	RQ_KNOCKED_OUT, RQ_APPROVAL_RATE, RQ_REFER_RATE, RQ_DECLINE_RATE,
	RQ_APPROVED_KNOWN, RQ_APPROVED_BAD, RQ_BAD_RATE, RQ_EXP_BAD_RATE,
	RQ_EXPOSURE, RQ_EXPECTED_LOSS, RQ_CREDIT_LIMIT, RQ_REVENUE,
	RQ_FUNDING_COST, RQ_PROFIT, RQ_EAD_MISSING, RQ_NCOLS
};

struct rows {
	struct desk_engine_slot *slot;
	size_t nrows;		/* rows read so far */
	struct rd_err *err;
};

static int
read_count(const char *v, size_t *out, struct rd_err *err)
{
	char *end;
	unsigned long long n;

	/* SUM over no rows is NULL: a segment nobody reaches. */
	if (v == NULL) {
		*out = 0;
		return 0;
	}
	n = strtoull(v, &end, 10);
	if (*end != '\0' || v[0] == '-' || v[0] == '\0')
		return rd_err_set(err, RD_EDB, "the report query gave the "
		    "count \"%s\"", v);
	*out = (size_t)n;
	return 0;
}

/* A figure; NULL (no denominator, not priced) is NaN. */
static int
read_figure(const char *v, double *out, struct rd_err *err)
{
	char *end;

	if (v == NULL) {
		*out = NAN;
		return 0;
	}
	*out = strtod(v, &end);
	if (*end != '\0' || v[0] == '\0')
		return rd_err_set(err, RD_EDB, "the report query gave the "
		    "figure \"%s\", not a number", v);
	return 0;
}

static int
report_row(void *ctx, int ncols, const char *const *vals)
{
	struct rows *r = ctx;
	struct desk_engine_slot *s = r->slot;
	const struct policy *p = s->policy;
	struct sim_stats *st;
	size_t *eadna;
	int rc = 0;

	if (ncols != RQ_NCOLS)
		return rd_err_set(r->err, RD_EDB, "the report query gave %d "
		    "columns, not %d", ncols, RQ_NCOLS);
	if (r->nrows > p->nsegments)
		return rd_err_set(r->err, RD_EDB, "the report query gave more "
		    "rows than the policy and its %zu segments", p->nsegments);
	/* The policy's row first (segment NULL), then the segments in the
	   policy's order. */
	if (r->nrows == 0) {
		if (vals[RQ_SEGMENT] != NULL)
			return rd_err_set(r->err, RD_EDB, "the report query "
			    "gave segment \"%s\" before the policy's row",
			    vals[RQ_SEGMENT]);
		st = &s->result.total;
		eadna = &s->ead_missing;
	} else {
		const char *want = p->segments[r->nrows - 1].name;

		if (vals[RQ_SEGMENT] == NULL ||
		    strcmp(vals[RQ_SEGMENT], want) != 0)
			return rd_err_set(r->err, RD_EDB, "the report query "
			    "gave segment \"%s\" where \"%s\" was due",
			    vals[RQ_SEGMENT] != NULL ? vals[RQ_SEGMENT] :
			    "(null)", want);
		st = &s->result.segments[r->nrows - 1];
		eadna = &s->seg_ead_missing[r->nrows - 1];
	}
	rc |= read_count(vals[RQ_APPLICANTS], &st->applicants, r->err);
	rc |= read_count(vals[RQ_APPROVED], &st->approved, r->err);
	rc |= read_count(vals[RQ_REFERRED], &st->referred, r->err);
	rc |= read_count(vals[RQ_DECLINED], &st->declined, r->err);
	rc |= read_count(vals[RQ_KNOCKED_OUT], &st->knocked_out, r->err);
	rc |= read_figure(vals[RQ_APPROVAL_RATE], &st->approval_rate, r->err);
	rc |= read_figure(vals[RQ_REFER_RATE], &st->refer_rate, r->err);
	rc |= read_figure(vals[RQ_DECLINE_RATE], &st->decline_rate, r->err);
	rc |= read_count(vals[RQ_APPROVED_KNOWN], &st->approved_known,
	    r->err);
	rc |= read_count(vals[RQ_APPROVED_BAD], &st->approved_bad, r->err);
	rc |= read_figure(vals[RQ_BAD_RATE], &st->bad_rate, r->err);
	rc |= read_figure(vals[RQ_EXP_BAD_RATE], &st->exp_bad_rate, r->err);
	rc |= read_figure(vals[RQ_EXPOSURE], &st->exposure, r->err);
	rc |= read_figure(vals[RQ_EXPECTED_LOSS], &st->expected_loss,
	    r->err);
	rc |= read_figure(vals[RQ_CREDIT_LIMIT], &st->credit_limit, r->err);
	rc |= read_figure(vals[RQ_REVENUE], &st->revenue, r->err);
	rc |= read_figure(vals[RQ_FUNDING_COST], &st->funding_cost, r->err);
	rc |= read_figure(vals[RQ_PROFIT], &st->profit, r->err);
	rc |= read_count(vals[RQ_EAD_MISSING], eadna, r->err);
	if (rc != 0)
		return -1;
	r->nrows++;
	return 0;
}

/*
 * The champion's overrides into p itself: the cutoff, and the refer
 * band's lower edge moved with it (sim_figures: c' - (c - r), NaN kept
 * when there is no band), so the query decides as --report does.
 */
static int
apply_overrides(struct policy *p, const struct desk_engine_cutoff *cut,
	size_t ncut, struct rd_err *err)
{
	size_t i;

	for (i = 0; i < ncut; i++) {
		int k = policy_segment_index(p, cut[i].segment);
		struct policy_segment *s;

		if (k < 0)
			return rd_err_set(err, RD_EUSAGE, "--cutoff: no segment "
			    "\"%s\" in the policy", cut[i].segment);
		if (!isfinite(cut[i].score) ||
		    fabs(cut[i].score) > DESK_CUTOFF_MAX)
			return rd_err_set(err, RD_EUSAGE, "cutoff must be "
			    "between %g and %g points, found %g",
			    -DESK_CUTOFF_MAX, DESK_CUTOFF_MAX, cut[i].score);
		s = &p->segments[k];
		s->refer = cut[i].score - (s->cutoff - s->refer);
		s->cutoff = cut[i].score;
	}
	return 0;
}

/* Load one policy and its scorecard into s. */
static int
slot_load(struct desk *d, const char *path, struct desk_engine_slot *s,
	struct rd_err *err)
{
	if ((s->policy = policy_load(path, err)) == NULL)
		return -1;
	if (s->policy->scorecard == NULL || s->policy->nsegments == 0)
		return rd_err_set(err, RD_EINPUT, "%s: policy \"%s\" has no "
		    "scorecard and segments: a report needs a credit policy",
		    path, s->policy->name);
	if ((s->card = desk_scorecard(d, s->policy->scorecard, err)) == NULL)
		return -1;
	if (s->card->features != NULL)
		return rd_err_set(err, RD_EINPUT, "scorecard \"%s\" scores "
		    "fraud features that riskdesk computes from events: its "
		    "policy cannot be reported on in an engine",
		    s->card->name);
	desk_card_sha256(s->card, s->card_sha256);
	return 0;
}

/*
 * The engine's columns cols[ncols] typed as riskdesk's table of the
 * policy's population types them (export reads them so: an INTEGER
 * column as BIGINT, so that integer division is SQLite's), a column that
 * table lacks keeping its engine type.  A column that is text in one and
 * a number in the other keeps its engine type and is marked in
 * clash[ncols] with riskdesk's type (else -1); the target and reject
 * columns are left as the engine has them.  A population riskdesk does
 * not hold types nothing.  Returns 0, or -1 with err.
 */
static int
type_as_population(struct desk *d, const char *population,
	struct sqlx_column *cols, size_t ncols, const char *target,
	const char *reject, int *clash, struct rd_err *err)
{
	struct dataset *ds;
	size_t k, j;

	for (k = 0; k < ncols; k++)
		clash[k] = -1;
	db_window_set(desk_db(d), 1, 1);
	ds = db_dataset_load(desk_db(d), population, err);
	db_window_clear(desk_db(d));
	if (ds == NULL) {
		if (err->cls != RD_EINPUT)
			return -1;
		rd_err_clear(err);
		return 0;
	}
	for (k = 0; k < ncols; k++) {
		if ((target != NULL && strcmp(cols[k].name, target) == 0) ||
		    (reject != NULL && strcmp(cols[k].name, reject) == 0))
			continue;
		for (j = 0; j < ds->ncols; j++)
			if (strcasecmp(ds->cols[j].name, cols[k].name) == 0)
				break;
		if (j == ds->ncols || ds->cols[j].type == cols[k].type)
			continue;
		if ((ds->cols[j].type == DS_TEXT) != (cols[k].type == DS_TEXT))
			clash[k] = (int)ds->cols[j].type;
		else
			cols[k].type = ds->cols[j].type;
	}
	ds_free(ds);
	return 0;
}

/*
 * A column of another kind (text, number) in the engine's table than in
 * riskdesk's is an error when the policy or its scorecard reads it: the
 * query is compiled without it, and fails then.  0 when none is read.
 */
static int
clash_check(const struct desk_engine_slot *s, const struct export_sql_spec
	*spec, const int *clash, struct rd_err *err)
{
	struct export_sql_spec t = *spec;
	struct sqlx_column *less;
	struct rd_err e;
	size_t k, j, m;
	char *sql;

	/* Typed as riskdesk has them, the policy must compile (else its
	   own error is the one to give). */
	for (k = 0; k < spec->ncols && clash[k] < 0; k++)
		;
	if (k == spec->ncols)
		return 0;
	less = xcalloc(spec->ncols + 1, sizeof *less);
	for (k = 0; k < spec->ncols; k++) {
		less[k] = spec->cols[k];
		if (clash[k] >= 0)
			less[k].type = (enum ds_type)clash[k];
	}
	t.cols = less;
	rd_err_clear(&e);
	if ((sql = export_sql_report(s->policy, s->card, &t, &e)) == NULL) {
		free(less);
		return 0;
	}
	free(sql);
	for (k = 0; k < spec->ncols; k++) {
		if (clash[k] < 0)
			continue;
		for (j = m = 0; j < spec->ncols; j++)
			if (j != k) {
				less[m] = spec->cols[j];
				if (clash[j] >= 0)
					less[m].type = (enum ds_type)clash[j];
				m++;
			}
		t.cols = less;
		t.ncols = m;
		rd_err_clear(&e);
		sql = export_sql_report(s->policy, s->card, &t, &e);
		if (sql != NULL) {
			free(sql);
			continue;
		}
		free(less);
		return rd_err_set(err, RD_EINPUT, "column \"%s\" is %s in the "
		    "engine's table \"%s\", %s in riskdesk's table \"%s\" "
		    "(the policy's population): the policy and its scorecard "
		    "read it as riskdesk's table has it; give the engine a "
		    "view of the table that casts it", spec->cols[k].name,
		    spec->cols[k].type == DS_TEXT ? "text" : "a number",
		    spec->source, clash[k] == DS_TEXT ? "text" : "a number",
		    s->policy->population);
	}
	free(less);
	return 0;
}

/* The rows of the EAD check: rd_seg, infinite, negative.  Every fault
   found goes to errs, in segment order, as sim_check_ead_all lists it. */
struct ead_rows {
	const struct policy *p;
	struct rd_err *err;
	struct policy_errors *errs;
	int found;
};

static int
ead_row(void *ctx, int ncols, const char *const *vals)
{
	struct ead_rows *r = ctx;
	const struct policy_segment *sg;
	struct rd_err e;
	size_t seg, n[2];
	int bad;

	if (ncols != 3)
		return rd_err_set(r->err, RD_EDB, "the EAD query gave %d "
		    "columns, not 3", ncols);
	if (read_count(vals[0], &seg, r->err) != 0 ||
	    read_count(vals[1], &n[0], r->err) != 0 ||
	    read_count(vals[2], &n[1], r->err) != 0)
		return -1;
	if (vals[0] == NULL || seg >= r->p->nsegments)
		return rd_err_set(r->err, RD_EDB, "the EAD query gave segment "
		    "\"%s\"", vals[0] != NULL ? vals[0] : "(null)");
	sg = &r->p->segments[seg];
	/* As sim_check_ead_all: the infinite first, then the negative. */
	for (bad = 0; bad < 2; bad++) {
		if (n[bad] == 0)
			continue;
		rd_err_setloc(&e, RD_EINPUT, r->p->path, sg->ead_at.line,
		    sg->ead_at.col, "EAD is %s on %zu row%s of segment \"%s\"",
		    bad == 0 ? "infinite" : "negative", n[bad], n[bad] == 1 ?
		    "" : "s", sg->name);
		policy_errors_add(r->errs, &e);
		r->found = 1;
	}
	return 0;
}

/* The figures of slot s over the engine's table. */
/* A query of policy p failed on the server (RD_EDB): the message names
   the policy whose expressions the query computes.  Returns -1. */
static int
in_policy(const struct policy *p, struct rd_err *err)
{
	char msg[RD_ERR_MSG];

	if (err->cls != RD_EDB)
		return -1;
	snprintf(msg, sizeof msg, "%s", err->msg);
	return rd_err_set(err, RD_EDB, "policy \"%s\" (%s): %s", p->name,
	    p->path, msg);
}

static int
slot_query(struct desk *d, struct engine *e, struct desk_engine_slot *s,
	const struct export_sql_spec *base, const int *clash,
	struct rd_err *err)
{
	struct ead_rows er;
	char *esql;
	struct export_sql_spec spec = *base;
	const struct policy *p = s->policy;
	struct sim_result *res = &s->result;
	struct rows r;
	char *sql, *comment;
	size_t k;
	int rc;

	memset(res, 0, sizeof *res);
	res->nseg = p->nsegments;
	res->segments = xcalloc(p->nsegments, sizeof *res->segments);
	res->cutoffs = xcalloc(p->nsegments, sizeof *res->cutoffs);
	for (k = 0; k < p->nsegments; k++)
		res->cutoffs[k] = p->segments[k].cutoff;
	s->seg_ead_missing = xcalloc(p->nsegments,
	    sizeof *s->seg_ead_missing);
	comment = xasprintf("policy \"%s\" (%s)\nscorecard \"%s\" (sha256 "
	    "%s)", p->name, p->path, s->card->name, s->card_sha256);
	spec.comment = comment;
	if (clash_check(s, &spec, clash, err) != 0) {
		free(comment);
		return -1;
	}
	sql = export_sql_report(p, s->card, &spec, err);
	esql = sql != NULL ? export_sql_ead_check(p, s->card, &spec, err) :
	    NULL;
	free(comment);
	if (sql == NULL) {
		char msg[RD_ERR_MSG];

		/* The policy's expression errors keep their location. */
		if (err->line > 0)
			return -1;
		snprintf(msg, sizeof msg, "%s", err->msg);
		return rd_err_set(err, err->cls, "source \"%s\": %s",
		    spec.source, msg);
	}
	/* A negative or infinite EAD is an error, as --report has it. */
	er.p = p;
	er.err = err;
	er.errs = &d->load_errors;
	er.found = 0;
	policy_errors_done(er.errs);
	if (esql == NULL) {
		free(sql);
		return -1;
	}
	rc = engine_query(e, esql, ead_row, &er, err);
	free(esql);
	if (rc != 0 || er.found) {
		free(sql);
		if (rc != 0)
			return in_policy(p, err);
		*err = er.errs->err[0];
		return -1;
	}
	r.slot = s;
	r.nrows = 0;
	r.err = err;
	rc = engine_query(e, sql, report_row, &r, err);
	free(sql);
	if (rc != 0)
		return in_policy(p, err);
	if (r.nrows != p->nsegments + 1)
		return rd_err_set(err, RD_EDB, "the report query gave %zu rows, "
		    "not the policy's and its %zu segments'", r.nrows,
		    p->nsegments);
	return 0;
}


int
desk_engine_open(const char *conninfo, const char *source,
	const char **target, int target_named, const char *whose,
	struct engine **e, struct sqlx_column **cols, size_t *ncols,
	struct rd_err *err)
{
	long k;

	*e = NULL;
	*cols = NULL;
	*ncols = 0;
	if ((*e = engine_connect(conninfo, err)) == NULL ||
	    engine_columns(*e, source, cols, ncols, err) != 0)
		return -1;
	if (*target == NULL)
		return 0;
	if ((k = engine_column_index(*cols, *ncols, *target)) >= 0) {
		*target = (*cols)[k].name;
		return 0;
	}
	return rd_err_set(err, RD_EINPUT, "table \"%s\" has no target column "
	    "\"%s\"%s%s%s", source, *target, target_named ? "" : " (the target "
	    "of the ", target_named ? "" : whose, target_named ? "" : "); name "
	    "it with --target and --bad");
}

int
desk_report_engine(struct desk *d, const char *path,
	const char *challenger_path, const struct desk_engine_cutoff *cut,
	size_t ncut, const char *conninfo, const char *source,
	const char *target, const char *bad, const char *const *good,
	size_t ngood, struct desk_engine_report *out, struct rd_err *err)
{
	struct table_meta meta;
	struct engine *e = NULL;
	struct sqlx_column *cols = NULL;
	struct export_sql_spec spec;
	char *goods = NULL;
	int *clash = NULL;
	size_t ncols = 0, k;
	int have_meta = 0, rc = -1, w;

	memset(out, 0, sizeof *out);
	memset(&meta, 0, sizeof meta);
	out->engine = xstrdup("postgresql");
	out->source = xstrdup(source);
	if (slot_load(d, path, &out->slot[0], err) != 0 ||
	    (challenger_path != NULL && slot_load(d, challenger_path,
	    &out->slot[1], err) != 0))
		goto done;
	if (apply_overrides(out->slot[0].policy, cut, ncut, err) != 0)
		goto done;

	memset(&spec, 0, sizeof spec);
	if (target != NULL) {
		for (k = 0; k < ngood; k++) {
			char *t = xasprintf("%s%s%s", goods != NULL ? goods :
			    "", goods != NULL ? "\t" : "", good[k]);

			free(goods);
			goods = t;
		}
		spec.target = target;
		spec.bad = bad;
		spec.good = goods != NULL ? goods : "";
	} else {
		/* The outcome as the policy's population defines it (as
		   export reads it), with its reject rule; a population
		   riskdesk did not import has none. */
		if (db_table_meta(desk_db(d), out->slot[0].policy->population,
		    &meta, err) == 0)
			have_meta = 1;
		else if (err->cls != RD_EINPUT)
			goto done;
		rd_err_clear(err);
		if (have_meta && meta.target != NULL) {
			spec.target = meta.target;
			spec.bad = meta.bad;
			spec.good = meta.good;
			spec.reject = meta.reject_col;
			spec.reject_value = meta.reject_value;
			out->target_from_meta = 1;
		}
	}
	if (spec.target != NULL)
		out->target = xstrdup(spec.target);
	if (spec.reject != NULL)
		out->reject = xstrdup(spec.reject);

	if (desk_engine_open(conninfo, source, &spec.target, target != NULL,
	    "policy's population", &e, &cols, &ncols, err) != 0)
		goto done;
	clash = xcalloc(ncols + 1, sizeof *clash);
	if (type_as_population(d, out->slot[0].policy->population, cols,
	    ncols, spec.target, spec.reject, clash, err) != 0)
		goto done;
	spec.dialect = SQLX_POSTGRESQL;
	spec.source = source;
	spec.cols = cols;
	spec.ncols = ncols;
	for (w = 0; w < 2; w++)
		if (out->slot[w].policy != NULL &&
		    slot_query(d, e, &out->slot[w], &spec, clash, err) != 0)
			goto done;
	rc = 0;
done:
	if (rc != 0)
		desk_engine_report_done(out);
	engine_close(e);
	engine_columns_free(cols, ncols);
	if (have_meta)
		table_meta_done(&meta);
	free(goods);
	free(clash);
	return rc;
}

void
desk_engine_report_done(struct desk_engine_report *out)
{
	int w;

	for (w = 0; w < 2; w++) {
		struct desk_engine_slot *s = &out->slot[w];

		sim_result_done(&s->result);
		free(s->seg_ead_missing);
		card_free(s->card);
		policy_free(s->policy);
	}
	free(out->engine);
	free(out->source);
	free(out->target);
	free(out->reject);
	memset(out, 0, sizeof *out);
}

const char *
desk_engine_not_available(const struct desk_engine_report *r, char *buf,
	size_t size)
{
	const struct policy *p = r->slot[0].policy;
	int kos = 0, fraud = 0, w;

	for (w = 0; w < 2; w++) {
		p = r->slot[w].policy;
		if (p == NULL)
			continue;
		kos |= p->nknockouts > 0;
		fraud |= p->fraud != NULL;
	}
	snprintf(buf, size, "model discrimination (AUC, Gini, KS), the "
	    "population's outcome counts, %strade-off curves, %s%spolicy "
	    "warnings and the document", kos ? "each knock-out's count, " :
	    "", r->slot[1].policy != NULL ? "the swap set, " : "",
	    fraud ? "fraud outcome lines (the fraud rules' features count "
	    "earlier events of the event history riskdesk reads, which the "
	    "SQL cannot: riskdesk --report gives them), " : "");
	return buf;
}
