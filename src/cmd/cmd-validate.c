/*
 * cmd-validate.c - "riskdesk validate": the validation statistics of a
 * stored scorecard on its development sample and holdout, the PSI of its
 * score against another table, and the score -> PD table
 * (model/validate.h, desk.h desk_validate); with --engine, of a table in
 * a PostgreSQL database, computed there (desk_validate_engine).
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "report/report.h"
#include "util/err.h"
#include "util/xmalloc.h"

int
cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "table", required_argument, NULL, 't' },
		{ "psi-table", required_argument, NULL, 'P' },
		{ "groups", required_argument, NULL, 'g' },
		{ "band", required_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'j' },
		{ "engine", required_argument, NULL, 'E' },
		{ "source", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 'T' },
		{ "bad", required_argument, NULL, 'B' },
		{ "good", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct validate_spec vs;
	struct desk_validation v;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *name = NULL, *table = NULL;
	const char *psi = NULL, *engine = NULL, *source = NULL;
	const char *target = NULL, **good = NULL;
	char *bad = NULL;
	size_t ngood = 0;
	struct desk *d;
	double x;
	int c, json = 0, rc;

	rd_err_clear(&err);
	validate_spec_init(&vs);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'n': name = optarg; break;
		case 't': table = optarg; break;
		case 'P': psi = optarg; break;
		case 'g':
			if (cmd_parse_num(optarg, &x) != 0 || x < 3 ||
			    x > 1000 || x != floor(x)) {
				rc = cmd_usage_error("--groups: expected a "
				    "whole number from 3 to 1000, found "
				    "\"%s\"", optarg);
				goto out;
			}
			vs.ngroups = vs.hl_groups = (int)x;
			break;
		case 'b':
			if (cmd_parse_num(optarg, &x) != 0 || x <= 0) {
				rc = cmd_usage_error("--band: expected a "
				    "positive number of points, found \"%s\"",
				    optarg);
				goto out;
			}
			vs.band_width = x;
			break;
		case 'j': json = 1; break;
		case 'E': engine = optarg; break;
		case 's':
			if ((source = cmd_source_arg(optarg)) == NULL) {
				rc = 2;
				goto out;
			}
			break;
		case 'T': target = optarg; break;
		case 'B':
			if (bad == NULL) {
				bad = xstrdup(optarg);
			} else {
				char *t = xasprintf("%s\t%s", bad, optarg);

				free(bad);
				bad = t;
			}
			break;
		case 'G':
			good = xreallocarray(good, ngood + 1, sizeof *good);
			good[ngood++] = optarg;
			break;
		case 'h': cmd_help(stdout); rc = 0; goto out;
		default: rc = cmd_usage_error("bad option to validate"); goto out;
		}
	}
	rc = 2;
	if (optind != argc)
		cmd_usage_error("validate takes no file argument (\"%s\")",
		    argv[optind]);
	else if (name == NULL)
		cmd_usage_error("validate needs --name <scorecard>");
	else if (engine != NULL && (table != NULL || psi != NULL))
		cmd_usage_error("--engine validates a table of the engine: "
		    "name it with --source, not --table or --psi-table");
	else if (engine != NULL && source == NULL)
		cmd_usage_error("--engine needs --source <table>");
	else if (engine == NULL && (source != NULL || target != NULL ||
	    bad != NULL || ngood > 0))
		cmd_usage_error("--source, --target, --bad and --good go with "
		    "--engine");
	else if (target != NULL && bad == NULL)
		cmd_usage_error("--target needs --bad <value>");
	else if (target == NULL && (bad != NULL || ngood > 0))
		cmd_usage_error("--bad and --good go with --target <column>");
	else
		rc = cmd_check_outcome((const char *const *)&bad, bad != NULL, (const char *const *)
		    good, ngood);
	if (rc != 0)
		goto out;
	if ((d = desk_open_existing(dbpath, &err)) == NULL) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (engine != NULL)
		rc = desk_validate_engine(d, name, engine, source, target, bad,
		    good, ngood, &vs, &v, &err);
	else
		rc = desk_validate(d, name, table, psi, &vs, &v, &err);
	if (rc == 0)
		rc = report_validation(stdout, &v, json ? REPORT_JSON :
		    REPORT_TEXT, &err);
	desk_validation_done(&v);
	desk_close(d);
	rc = rc == 0 ? 0 : cmd_fail(&err);
out:
	free(bad);
	free(good);
	return rc;
}
