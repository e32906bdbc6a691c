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

#include "data/db.h"
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

/* The figures of slot s over the engine's table. */
static int
slot_query(struct engine *e, struct desk_engine_slot *s,
	const struct export_sql_spec *base, struct rd_err *err)
{
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
	sql = export_sql_report(p, s->card, &spec, err);
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
	r.slot = s;
	r.nrows = 0;
	r.err = err;
	rc = engine_query(e, sql, report_row, &r, err);
	free(sql);
	if (rc != 0)
		return -1;
	if (r.nrows != p->nsegments + 1)
		return rd_err_set(err, RD_EDB, "the report query gave %zu rows, "
		    "not the policy's and its %zu segments'", r.nrows,
		    p->nsegments);
	return 0;
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

	if ((e = engine_connect(conninfo, err)) == NULL ||
	    engine_columns(e, source, &cols, &ncols, err) != 0)
		goto done;
	if (spec.target != NULL) {
		for (k = 0; k < ncols; k++)
			if (strcmp(cols[k].name, spec.target) == 0)
				break;
		if (k == ncols) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" has no target "
			    "column \"%s\"%s", source, spec.target, target ==
			    NULL ? " (the target of the policy's population); "
			    "name it with --target and --bad" : "");
			goto done;
		}
	}
	spec.dialect = SQLX_POSTGRESQL;
	spec.source = source;
	spec.cols = cols;
	spec.ncols = ncols;
	for (w = 0; w < 2; w++)
		if (out->slot[w].policy != NULL &&
		    slot_query(e, &out->slot[w], &spec, err) != 0)
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
	    fraud ? "fraud outcome lines, " : "");
	return buf;
}
