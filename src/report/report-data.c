/*
 * report-data.c - import, profile and link summaries as text or JSON
 * (see report-data.h and report.h).  Report layer: formats what the data
 * layer computed.
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report-out.h"
#include "report/report-data.h"
#include "util/err.h"
#include "util/fmt.h"

static const char *const qname[PROFILE_NQ] = { "p1", "p5", "p25", "p50",
    "p75", "p95", "p99" };

static const char *
lower_type(enum import_type t)
{
	switch (t) {
	case IMPORT_INTEGER:
		return "integer";
	case IMPORT_REAL:
		return "real";
	case IMPORT_DATE:
		return "date";
	default:
		return "text";
	}
}

/* ------------------------------------------------------------ import */

static const char *
name_from_text(enum import_name_from f)
{
	switch (f) {
	case IMPORT_NAME_EMPTY:
		return "empty header cell";
	case IMPORT_NAME_REPEATED:
		return "repeated header name";
	case IMPORT_NAME_GIVEN:
		return "--names";
	case IMPORT_NAME_NUMBERED:
		return "numbered";
	default:
		return "header";
	}
}

static json_t *
strings_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; k < n; k++)
		json_array_append_new(a, json_string(v[k]));
	return a;
}

static json_t *
import_column_json(const struct import_column *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "type", json_string(lower_type(c->type)));
	json_object_set_new(o, "missing", report_jcount(c->missing));
	json_object_set_new(o, "special", report_jcount(c->special));
	json_object_set_new(o, "name_from",
	    json_string(name_from_text(c->name_from)));
	if (c->header != NULL)
		json_object_set_new(o, "header", json_string(c->header));
	if (c->date_format != NULL)
		json_object_set_new(o, "date_format",
		    json_string(c->date_format));
	json_object_set_new(o, "role", report_jstr(c->role));
	json_object_set_new(o, "role_note", report_jstr(c->role_note));
	json_object_set_new(o, "suggest", strings_json(c->suggest,
	    c->nsuggest));
	return o;
}

/* The rejected rows: their count by reason, the first one's, where
   they are kept. */
static json_t *
rejects_json(const struct import_summary *s)
{
	json_t *o = json_object(), *by = json_object();
	size_t k;

	json_object_set_new(o, "rows", report_jcount(s->rows_rejected));
	for (k = 0; k < IMPORT_REJ_N; k++)
		if (s->rejected_by[k] > 0)
			json_object_set_new(by, import_reject_name(
			    (enum import_reject)k, 1),
			    report_jcount(s->rejected_by[k]));
	json_object_set_new(o, "by_reason", by);
	if (s->reject_reason != NULL)
		json_object_set_new(o, "first", json_pack("{s:I, s:o, s:s}",
		    "line", (json_int_t)s->reject_line, "column",
		    s->reject_col > 0 ? json_integer(s->reject_col) :
		    json_null(), "reason", s->reject_reason));
	else
		json_object_set_new(o, "first", json_null());
	json_object_set_new(o, "table", json_string("rd_reject"));
	return o;
}

/* The spellings of listed target values the rows hold. */
static json_t *
variants_json(const struct import_summary *s)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; k < s->nvariants; k++) {
		const struct import_variant *v = &s->variants[k];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:I, "
		    "s:s}", "value", v->value, "spells", v->of_bad ? "bad" :
		    "good", "listed", v->of, "rows", report_jcount(v->rows),
		    "line", (json_int_t)v->line, "counted_as", v->counted ==
		    DS_GOOD ? "good" : "indeterminate"));
	}
	return a;
}

/* Text: the rejected rows by reason, the first, where they are. */
static void
rejects_text(FILE *f, const struct import_summary *s)
{
	char b[FMT_BUF], col[48] = "";
	size_t k, n = 0;

	if (s->rows_rejected == 0 || s->reject_reason == NULL)
		return;
	fputs("  rows refused:", f);
	for (k = 0; k < IMPORT_REJ_N; k++)
		if (s->rejected_by[k] > 0)
			fprintf(f, "%s %s with %s", n++ ? "," : "", fmt_count(b,
			    (double)s->rejected_by[k]), import_reject_name(
			    (enum import_reject)k, 0));
	if (s->reject_col > 0)
		snprintf(col, sizeof col, ", column %ld", s->reject_col);
	fprintf(f, "; the first at line %ld%s: %s\n", s->reject_line, col,
	    s->reject_reason);
	fputs("  they are kept in table rd_reject (line, raw text, reason); "
	    "--strict fails the import at the first instead\n", f);
}

int
report_import(FILE *f, const char *table, const struct import_summary *s,
	enum report_format fmt, struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t j;

	if (fmt == REPORT_JSON) {
		json_t *root = json_object(), *cols = json_array();
		json_t *ren = json_array();
		char d[2] = { s->delimiter, '\0' };

		json_object_set_new(root, "table", json_string(table));
		json_object_set_new(root, "rows_read",
		    report_jcount(s->rows_read));
		json_object_set_new(root, "rows_imported",
		    report_jcount(s->rows_imported));
		json_object_set_new(root, "rows_rejected",
		    report_jcount(s->rows_rejected));
		json_object_set_new(root, "rejected", rejects_json(s));
		/* Without a target there are no outcomes to count. */
		json_object_set_new(root, "target", report_jstr(s->target));
		json_object_set_new(root, "indeterminate", s->target ?
		    report_jcount(s->indeterminate) : json_null());
		json_object_set_new(root, "bads", s->target ?
		    report_jcount(s->bads) : json_null());
		json_object_set_new(root, "goods", s->target ?
		    report_jcount(s->goods) : json_null());
		if (s->rejects > 0) {
			json_object_set_new(root, "rejects",
			    report_jcount(s->rejects));
			json_object_set_new(root, "rejects_with_outcome",
			    report_jcount(s->rejects_known));
		}
		json_object_set_new(root, "target_variants",
		    variants_json(s));
		for (j = 0; j < s->ncolumns; j++) {
			const struct import_column *c = &s->columns[j];

			json_array_append_new(cols, import_column_json(c));
			if (c->name_from == IMPORT_NAME_HEADER ||
			    c->name_from == IMPORT_NAME_GIVEN)
				continue;
			json_array_append_new(ren, json_pack("{s:I, s:o, s:s, "
			    "s:s}", "column", (json_int_t)(j + 1), "header",
			    report_jstr(c->header), "name", c->name,
			    "reason", name_from_text(c->name_from)));
		}
		json_object_set_new(root, "columns", cols);
		json_object_set_new(root, "renamed", ren);
		json_object_set_new(root, "delimiter", json_string(d));
		json_object_set_new(root, "warnings", strings_json(s->warnings,
		    s->nwarnings));
		return report_json_emit(f, root, err);
	}
	fprintf(f, "imported %s rows into table \"%s\" (%zu columns)\n",
	    fmt_count(b1, (double)s->rows_imported), table, s->ncolumns);
	if (s->target != NULL)
		fprintf(f, "  bads %s, goods %s, indeterminate %s, rows "
		    "refused %s\n", fmt_count(b1, (double)s->bads),
		    fmt_count(b2, (double)s->goods),
		    fmt_count(b3, (double)s->indeterminate),
		    fmt_count(b4, (double)s->rows_rejected));
	else
		fprintf(f, "  no target (no bads or goods counted), rows "
		    "refused %s\n", fmt_count(b4, (double)s->rows_rejected));
	if (s->rejects > 0)
		fprintf(f, "  rejects (declined, no outcome) %s, of them %s "
		    "with an outcome in the target, not used\n",
		    fmt_count(b1, (double)s->rejects),
		    fmt_count(b2, (double)s->rejects_known));
	rejects_text(f, s);
	for (j = 0; j < s->ncolumns; j++) {
		const struct import_column *c = &s->columns[j];

		/* Padded by display width: "年龄" takes four columns. */
		fputs("  ", f);
		fmt_pad(f, c->name, 56, 1);
		fprintf(f, " %-8s missing %s", lower_type(c->type),
		    fmt_count(b1, (double)c->missing));
		if (c->special > 0)
			fprintf(f, ", special %s",
			    fmt_count(b1, (double)c->special));
		if (c->date_format != NULL)
			fprintf(f, ", written %s", c->date_format);
		if (c->role_note != NULL && c->role_note[0] != '\0')
			fprintf(f, ", %s", c->role_note);
		else if (c->role != NULL)
			fprintf(f, ", %s", c->role);
		fputc('\n', f);
	}
	for (j = 0; j < s->nwarnings; j++)
		fprintf(f, "warning: %s\n", s->warnings[j]);
	return report_text_done(f, err);
}

/* ----------------------------------------------------------- profile */

static int
numeric(const struct profile_column *c)
{
	return c->type == IMPORT_INTEGER || c->type == IMPORT_REAL;
}

static json_t *
column_json(const struct profile_column *c)
{
	json_t *o = json_object();
	size_t k;

	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "type", json_string(lower_type(c->type)));
	if (c->is_target)
		json_object_set_new(o, "target", json_true());
	json_object_set_new(o, "count", report_jcount(c->count));
	json_object_set_new(o, "missing", report_jcount(c->missing));
	json_object_set_new(o, "missing_pct", report_jnum(c->missing_pct));
	json_object_set_new(o, "distinct", report_jcount(c->distinct));
	json_object_set_new(o, "role", report_jstr(c->role));
	json_object_set_new(o, "role_note", report_jstr(c->role_note));
	json_object_set_new(o, "warnings", strings_json(c->warnings,
	    c->nwarnings));
	json_object_set_new(o, "suggest", strings_json(c->suggest,
	    c->nsuggest));
	if (numeric(c)) {
		json_t *q = json_object();

		json_object_set_new(o, "n", report_jcount(c->n));
		json_object_set_new(o, "min", report_jnum(c->min));
		json_object_set_new(o, "max", report_jnum(c->max));
		json_object_set_new(o, "mean", report_jnum(c->mean));
		json_object_set_new(o, "sd", report_jnum(c->sd));
		for (k = 0; k < PROFILE_NQ; k++)
			json_object_set_new(q, qname[k], report_jnum(c->q[k]));
		json_object_set_new(o, "quantiles", q);
	}
	if (c->ntop > 0 || c->type == IMPORT_TEXT) {
		json_t *a = json_array();

		for (k = 0; k < c->ntop; k++) {
			json_t *t = json_object();

			json_object_set_new(t, "value",
			    json_string(c->top[k].value));
			json_object_set_new(t, "count",
			    report_jcount(c->top[k].count));
			json_object_set_new(t, "share", report_jnum(c->top[k].share));
			json_array_append_new(a, t);
		}
		json_object_set_new(o, "top", a);
	}
	if (c->type == IMPORT_DATE) {
		json_t *a = json_array();

		json_object_set_new(o, "first", c->first[0] ?
		    json_string(c->first) : json_null());
		json_object_set_new(o, "last", c->last[0] ?
		    json_string(c->last) : json_null());
		for (k = 0; k < c->nmonths; k++) {
			json_t *m = json_object();

			json_object_set_new(m, "month",
			    json_string(c->months[k].month));
			json_object_set_new(m, "count",
			    report_jcount(c->months[k].count));
			json_array_append_new(a, m);
		}
		json_object_set_new(o, "months", a);
	}
	return o;
}

int
report_profile(FILE *f, const struct profile *p, enum report_format fmt,
	struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t j, k;

	if (fmt == REPORT_JSON) {
		json_t *root = json_object(), *cols = json_array();

		json_object_set_new(root, "table", json_string(p->table));
		if (p->engine != NULL) {
			/* Where it was profiled; an engine's table has no
			   roles (the identifier rule runs at import). */
			json_object_set_new(root, "engine",
			    json_string(p->engine));
			json_object_set_new(root, "source",
			    json_string(p->table));
			json_object_set_new(root, "roles_detected",
			    json_false());
		}
		json_object_set_new(root, "rows", report_jcount(p->rows));
		json_object_set_new(root, "rejected", report_jcount(p->rejected));
		json_object_set_new(root, "target", p->target ?
		    json_string(p->target) : json_null());
		json_object_set_new(root, "bads", p->target ?
		    report_jcount(p->bads) : json_null());
		json_object_set_new(root, "goods", p->target ?
		    report_jcount(p->goods) : json_null());
		json_object_set_new(root, "indeterminate", p->target ?
		    report_jcount(p->indeterminate) : json_null());
		json_object_set_new(root, "bad_rate", report_jnum(p->bad_rate));
		if (p->reject_col != NULL)
			json_object_set_new(root, "rejects", json_pack("{s:s, "
			    "s:s, s:o, s:o}", "column", p->reject_col, "value",
			    p->reject_value, "count", report_jcount(p->rejects),
			    "with_outcome", report_jcount(p->rejects_known)));
		for (j = 0; j < p->ncols; j++)
			json_array_append_new(cols, column_json(&p->cols[j]));
		json_object_set_new(root, "columns", cols);
		return report_json_emit(f, root, err);
	}
	if (p->engine != NULL)
		fprintf(f, "table \"%s\" in %s, profiled there: %s rows, %zu "
		    "columns\nroles: none detected (riskdesk detects "
		    "identifiers at import; this table was not imported)\n",
		    p->table, p->engine, fmt_count(b1, (double)p->rows),
		    p->ncols);
	else
		fprintf(f, "table \"%s\": %s rows, %zu columns, %s refused at "
		    "import\n", p->table, fmt_count(b1, (double)p->rows),
		    p->ncols, fmt_count(b2, (double)p->rejected));
	if (p->target != NULL)
		fprintf(f, "target %s: bads %s, goods %s, indeterminate %s, "
		    "bad rate %s\n", p->target, fmt_count(b1, (double)p->bads),
		    fmt_count(b2, (double)p->goods),
		    fmt_count(b3, (double)p->indeterminate),
		    fmt_pct(b4, p->bad_rate));
	if (p->reject_col != NULL)
		fprintf(f, "rejects (declined, no outcome; %s = %s): %s, of "
		    "them %s with an outcome in the target, not used\n",
		    p->reject_col, p->reject_value,
		    fmt_count(b1, (double)p->rejects),
		    fmt_count(b2, (double)p->rejects_known));
	for (j = 0; j < p->ncols; j++) {
		const struct profile_column *c = &p->cols[j];

		fprintf(f, "\n%s (%s%s%s%s): missing %s (%s), distinct %s\n",
		    c->name, lower_type(c->type), c->is_target ? ", target" :
		    "", c->role != NULL ? ", " : "", c->role == NULL ? "" :
		    c->role_note != NULL && c->role_note[0] != '\0' ?
		    c->role_note : c->role, fmt_count(b1, (double)c->missing),
		    fmt_pct(b2, c->missing_pct / 100),
		    fmt_count(b3, (double)c->distinct));
		if (numeric(c)) {
			fprintf(f, "  min %s  max %s  mean %s  sd %s\n",
			    fmt_stat(b1, c->min), fmt_stat(b2, c->max),
			    fmt_stat(b3, c->mean), fmt_stat(b4, c->sd));
			fputs("  quantiles", f);
			for (k = 0; k < PROFILE_NQ; k++)
				fprintf(f, "  %s %s", qname[k],
				    fmt_stat(b1, c->q[k]));
			fputc('\n', f);
		}
		for (k = 0; k < c->ntop; k++) {
			/* A level's line breaks are shown, not made. */
			char *v = fmt_visible(c->top[k].value);

			fprintf(f, "  %-40s %10s  %s\n", v != NULL ? v :
			    c->top[k].value, fmt_count(b1,
			    (double)c->top[k].count), fmt_pct(b2,
			    c->top[k].share));
			free(v);
		}
		if (c->type == IMPORT_DATE) {
			fprintf(f, "  from %s to %s\n", c->first[0] ? c->first :
			    "-", c->last[0] ? c->last : "-");
			for (k = 0; k < c->nmonths; k++)
				fprintf(f, "  %s %10s\n", c->months[k].month,
				    fmt_count(b1, (double)c->months[k].count));
		}
		for (k = 0; k < c->nwarnings; k++)
			fprintf(f, "  warning: %s\n", c->warnings[k]);
	}
	return report_text_done(f, err);
}

static json_t *
keys_json(const struct link_keys *k)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(o, "count", report_jcount(k->count));
	for (i = 0; i < k->nfirst; i++)
		json_array_append_new(a, json_string(k->first[i]));
	json_object_set_new(o, "first", a);
	return o;
}

static void
keys_text(FILE *f, const char *what, const struct link_keys *k)
{
	char b[FMT_BUF];
	size_t i;

	fprintf(f, "  %s: %s", what, fmt_count(b, (double)k->count));
	for (i = 0; i < k->nfirst; i++)
		fprintf(f, "%s%s", i ? ", " : " (", k->first[i]);
	if (k->nfirst > 0)
		fputs(k->count > k->nfirst ? ", ...)" : ")", f);
	fputc('\n', f);
}

int
report_link(FILE *f, const char *as, const struct link_summary *s,
	enum report_format fmt, struct rd_err *err)
{
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF];

	if (fmt == REPORT_JSON) {
		json_t *root = json_object();

		json_object_set_new(root, "table", json_string(as));
		json_object_set_new(root, "applicants", report_jcount(s->applicants));
		json_object_set_new(root, "performance",
		    report_jcount(s->performance));
		json_object_set_new(root, "linked", report_jcount(s->linked));
		json_object_set_new(root, "target", json_string(s->target));
		json_object_set_new(root, "bads", report_jcount(s->bads));
		json_object_set_new(root, "goods", report_jcount(s->goods));
		json_object_set_new(root, "indeterminate",
		    report_jcount(s->indeterminate));
		if (s->rejects > 0) {
			json_object_set_new(root, "rejects",
			    report_jcount(s->rejects));
			json_object_set_new(root, "rejects_with_outcome",
			    report_jcount(s->rejects_known));
		}
		json_object_set_new(root, "duplicate_applicant_keys",
		    keys_json(&s->dup_applicants));
		json_object_set_new(root, "duplicate_performance_keys",
		    keys_json(&s->dup_performance));
		json_object_set_new(root, "orphan_performance_keys",
		    keys_json(&s->orphans));
		return report_json_emit(f, root, err);
	}
	fprintf(f, "linked %s of %s applicants into table \"%s\" "
	    "(target %s)\n", fmt_count(b1, (double)s->linked),
	    fmt_count(b2, (double)s->applicants), as, s->target);
	fprintf(f, "  bads %s, goods %s, indeterminate %s\n",
	    fmt_count(b1, (double)s->bads), fmt_count(b2, (double)s->goods),
	    fmt_count(b3, (double)s->indeterminate));
	if (s->rejects > 0)
		fprintf(f, "  rejects (declined, no outcome) %s, of them %s "
		    "with an outcome in the target, not used\n",
		    fmt_count(b1, (double)s->rejects),
		    fmt_count(b2, (double)s->rejects_known));
	keys_text(f, "duplicate applicant keys", &s->dup_applicants);
	keys_text(f, "duplicate performance keys", &s->dup_performance);
	keys_text(f, "performance keys without an applicant", &s->orphans);
	return report_text_done(f, err);
}
