/*
 * cmd-export.c - "riskdesk export": a policy and its scorecard compiled
 * for other engines: the decision query or the report query in one of
 * six SQL dialects (export/sql.h), the scorecard as PMML 4.4
 * (export/pmml.h), or a table of edge cases to verify a deployment with
 * (export/edge.h).  The policy and scorecard are loaded and checked
 * against the table as `riskdesk decide` checks them (desk_decide_open),
 * so what is exported is what decide would run.  The output appears
 * whole or not at all.
 *
 * A policy's fraud rules are not exported: their features count earlier
 * events of the history riskdesk reads, which a query over the day's
 * applicants (or a PMML scorecard) cannot.  A policy with a fraud section
 * is refused, since its export would approve applicants its rules stop,
 * unless --credit-only asks for the credit policy alone; the output's
 * header and stderr then say the fraud rules are not in it.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "data/db.h"
#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "export/edge.h"
#include "export/pmml.h"
#include "export/sql.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

enum fmt { F_SQL, F_SQL_REPORT, F_PMML, F_EDGE };

/* The columns of table (an empty load: the window holds no row). */
static struct dataset *
table_columns(struct db *db, const char *table, struct rd_err *err)
{
	struct dataset *ds;

	db_window_set(db, 1, 1);
	ds = db_dataset_load(db, table, err);
	db_window_clear(db);
	return ds;
}

/* The first row of table, for the edge cases' base row. */
static struct dataset *
first_row(struct db *db, const char *table, struct rd_err *err)
{
	struct dataset *ds;
	int64_t lo;
	int got;

	if ((got = db_next_rowid(db, table, 0, &lo, err)) < 0)
		return NULL;
	if (got == 0)
		lo = 1;
	db_window_set(db, lo, lo + 1);
	ds = db_dataset_load(db, table, err);
	db_window_clear(db);
	return ds;
}

/*
 * The export of dd's policy, which has a fraud section, as format fmt:
 * the section checked against the table as decide checks it (every error
 * printed, *rc set: 1), then refused unless credit_only (located at the
 * section, what the export cannot do and the way out); with it, a
 * warning on stderr.  Returns 0 to go on, else -1 with *rc the exit
 * status.
 */
static int
fraud_refused(struct desk *d, const struct desk_decision *dd,
	const char *path, const char *fmt, int credit_only, int *rc)
{
	const struct policy_fraud *f = dd->policy->fraud;
	struct policy_errors fe = { NULL, 0, 0 };
	struct rd_err e;
	int pmml = strcmp(fmt, "pmml") == 0;

	if (desk_fraud_check(d->db, dd->policy, dd->table, &fe) != 0) {
		*rc = cmd_fail_all(fe.err, fe.n, fe.dropped);
		policy_errors_done(&fe);
		return -1;
	}
	policy_errors_done(&fe);
	if (credit_only) {
		fprintf(stderr, "riskdesk: warning: %s:%ld:%ld: --credit-only: "
		    "the policy's %zu fraud rule%s %s not in the %s; it "
		    "decides as the credit policy alone\n", path, f->at.line,
		    f->at.col, f->nrules, f->nrules == 1 ? "" : "s",
		    f->nrules == 1 ? "is" : "are", pmml ? "PMML" : "SQL");
		return 0;
	}
	rd_err_setloc(&e, RD_EINPUT, path, f->at.line, f->at.col, "policy "
	    "\"%s\" has fraud rules, which export --format %s cannot hold: "
	    "their features count earlier events of the event history "
	    "riskdesk decide reads; without them the %s would approve "
	    "applicants the rules decline or refer.  Run the policy with "
	    "riskdesk decide, or export the credit policy alone with "
	    "--credit-only", dd->policy->name, fmt, pmml ? "PMML" : "SQL");
	*rc = cmd_fail(&e);
	return -1;
}

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "name", required_argument, NULL, 'N' },
		{ "table", required_argument, NULL, 't' },
		{ "source", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "dialect", required_argument, NULL, 'D' },
		{ "id", required_argument, NULL, 'i' },
		{ "reasons", required_argument, NULL, 'r' },
		{ "view", required_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "credit-only", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = CMD_DEFAULT_DB, *policy = NULL, *name = NULL;
	const char *table = NULL, *source = NULL, *id = NULL, *view = NULL;
	const char *output = NULL;
	enum fmt fmt = F_SQL;
	int dialect = SQLX_SQLITE, dialect_set = 0, opened = 0;
	size_t nreasons = 4, k;
	struct desk *d = NULL;
	struct desk_decision dd;
	struct dataset *cols_ds = NULL, *row_ds = NULL;
	struct sqlx_column *cols = NULL;
	struct table_meta meta;
	struct scorecard *card = NULL;
	struct afile *af = NULL;
	struct rd_err err;
	char *text = NULL, *body = NULL, *comment = NULL;
	FILE *out;
	double x;
	int c, rc = 1, have_meta = 0, credit_only = 0;
	const char *fmt_name = "sql";

	rd_err_clear(&err);
	memset(&dd, 0, sizeof dd);
	memset(&meta, 0, sizeof meta);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'p': policy = optarg; break;
		case 'N': name = optarg; break;
		case 't': table = optarg; break;
		case 's':
			if ((source = cmd_source_arg(optarg)) == NULL)
				return 2;
			break;
		case 'i': id = optarg; break;
		case 'v': view = optarg; break;
		case 'o': output = optarg; break;
		case 'C': credit_only = 1; break;
		case 'F':
			fmt_name = optarg;
			if (strcmp(optarg, "sql") == 0)
				fmt = F_SQL;
			else if (strcmp(optarg, "sql-report") == 0)
				fmt = F_SQL_REPORT;
			else if (strcmp(optarg, "pmml") == 0)
				fmt = F_PMML;
			else if (strcmp(optarg, "edge-cases") == 0)
				fmt = F_EDGE;
			else
				return cmd_usage_error("--format: expected sql, "
				    "sql-report, pmml or edge-cases, found "
				    "\"%s\"", optarg);
			break;
		case 'D':
			if ((dialect = sqlx_dialect_find(optarg)) < 0)
				return cmd_usage_error("--dialect: expected "
				    "sqlite, postgresql, duckdb, spark, trino "
				    "or bigquery, found \"%s\"", optarg);
			dialect_set = 1;
			break;
		case 'r':
			if (cmd_parse_num(optarg, &x) != 0 || x < 0 || x > 16 ||
			    x != (double)(size_t)x)
				return cmd_usage_error("--reasons: expected a "
				    "whole number from 0 to 16, found \"%s\"",
				    optarg);
			nreasons = (size_t)x;
			break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to export");
		}
	}
	if (optind != argc)
		return cmd_usage_error("export takes no file argument (\"%s\"); "
		    "write to a file with --output", argv[optind]);
	if (fmt == F_PMML ? policy == NULL && name == NULL : policy == NULL)
		return cmd_usage_error(fmt == F_PMML ? "export --format pmml "
		    "needs --name SCORECARD or --policy FILE" :
		    "export needs --policy FILE");
	if (fmt == F_PMML && (dialect_set || view || source))
		return cmd_usage_error("--dialect, --view and --source go with "
		    "the SQL formats");
	if (fmt == F_EDGE && (dialect_set || view || source))
		return cmd_usage_error("--dialect, --view and --source go with "
		    "the SQL formats");
	if (output != NULL && *output == '\0')
		return cmd_usage_error("--output: expected a file name, found "
		    "nothing");
	if (output != NULL) {
		const char *in[] = { "the policy", policy };

		if (afile_check_target("--output", output, dbpath, in, 1,
		    &err) != 0)
			return cmd_usage_error("%s", err.msg);
		/* A signal ends the process, the output left as it was. */
		cmd_catch_output_signals();
	}

	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		goto fail;
	if (policy != NULL) {
		if (desk_decide_open(d, policy, table, id, 0, &dd, &err) != 0) {
			rc = cmd_fail_all(d->load_errors.err, d->load_errors.n,
			    d->load_errors.dropped);
			goto done;
		}
		opened = 1;
		if (name != NULL && strcmp(name, dd.card->name) != 0) {
			rc = cmd_usage_error("--name %s: the policy's scorecard "
			    "is %s", name, dd.card->name);
			goto done;
		}
		card = dd.card;
		if (dd.policy->fraud != NULL &&
		    fraud_refused(d, &dd, policy, fmt_name, credit_only,
		    &rc) != 0)
			goto done;
	} else {
		if ((body = db_scorecard_get(d->db, name, &err)) == NULL ||
		    (card = card_parse(body, &err)) == NULL)
			goto fail;
	}

	if (fmt == F_SQL || fmt == F_SQL_REPORT || fmt == F_EDGE) {
		if ((cols_ds = table_columns(d->db, dd.table, &err)) == NULL)
			goto fail;
		cols = xcalloc(cols_ds->ncols + 1, sizeof *cols);
		for (k = 0; k < cols_ds->ncols; k++) {
			cols[k].name = cols_ds->cols[k].name;
			cols[k].type = cols_ds->cols[k].type;
		}
		/* A table riskdesk did not import has no metadata (no
		   target to report on); any other failure to read it
		   (SQLite out of memory) is this run's, never a report
		   without the target. */
		if (db_table_meta(d->db, dd.table, &meta, &err) == 0)
			have_meta = 1;
		else if (err.cls != RD_EINPUT)
			goto fail;
		rd_err_clear(&err);
	}
	if (fmt == F_EDGE && (row_ds = first_row(d->db, dd.table, &err)) ==
	    NULL)
		goto fail;

	if (output != NULL && (af = afile_open(output, &err)) == NULL)
		goto fail;
	out = af != NULL ? afile_stream(af) : stdout;
	if (fmt == F_SQL || fmt == F_SQL_REPORT) {
		struct export_sql_spec s;

		memset(&s, 0, sizeof s);
		s.dialect = (enum sqlx_dialect)dialect;
		s.source = source != NULL ? source : dd.table;
		s.id = dd.id;
		s.nreasons = nreasons;
		s.view = view;
		s.cols = cols;
		s.ncols = cols_ds->ncols;
		if (have_meta) {
			s.target = meta.target;
			s.bad = meta.bad;
			s.good = meta.good;
		}
		comment = xasprintf("policy \"%s\" (%s, sha256 %s)\nscorecard "
		    "\"%s\" (sha256 %s)\ncolumns typed as table \"%s\" of %s%s",
		    dd.policy->name, policy, dd.policy_sha256, dd.card->name,
		    dd.card_sha256, dd.table, dbpath, dd.policy->fraud != NULL ?
		    "\nTHE CREDIT POLICY ALONE (--credit-only): the policy's "
		    "fraud rules are not in\nthis query; run them with riskdesk "
		    "decide, which reads the event history" : "");
		s.comment = comment;
		text = fmt == F_SQL ? export_sql_decisions(dd.policy, card, &s,
		    &err) : export_sql_report(dd.policy, card, &s, &err);
		if (text == NULL)
			goto fail;
		if (fputs(text, out) == EOF) {
			rd_err_set(&err, RD_EIO, "cannot write %s: %s",
			    output != NULL ? output : "standard output",
			    strerror(errno));
			goto fail;
		}
	} else if (fmt == F_PMML) {
		if (export_pmml(out, card, opened ? dd.policy : NULL, &err) != 0)
			goto fail;
	} else {
		struct sqlx_column *rowcols = cols;

		if (export_edge_cases(out, dd.policy, card, rowcols,
		    cols_ds->ncols, row_ds, dd.id, &err) != 0)
			goto fail;
	}
	if (af != NULL) {
		rc = afile_commit(af, &err);
		af = NULL;
		if (rc != 0)
			goto fail;
	} else if (fflush(stdout) != 0 || ferror(stdout)) {
		rd_err_set(&err, RD_EIO, "cannot write standard output: %s",
		    strerror(errno));
		goto fail;
	}
	rc = 0;
	goto done;
fail:
	if (af != NULL) {
		afile_fail(af, &err);
		af = NULL;
	}
	rc = cmd_fail(&err);
done:
	afile_abort(af);
	free(text);
	free(comment);
	free(cols);
	ds_free(cols_ds);
	ds_free(row_ds);
	if (have_meta)
		table_meta_done(&meta);
	if (opened)
		desk_decision_done(&dd);
	else
		card_free(card);
	free(body);
	desk_close(d);
	return rc;
}
