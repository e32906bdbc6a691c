/*
 * cmd-validate.c - "riskdesk validate": the validation statistics of a
 * stored scorecard on its development sample and holdout, the PSI of its
 * score against another table, and the score -> PD table
 * (model/validate.h, desk.h desk_validate).
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "report/report.h"
#include "util/err.h"

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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct validate_spec vs;
	struct desk_validation v;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *name = NULL, *table = NULL;
	const char *psi = NULL;
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
			    x > 1000 || x != floor(x))
				return cmd_usage_error("--groups: expected a "
				    "whole number from 3 to 1000, found "
				    "\"%s\"", optarg);
			vs.ngroups = vs.hl_groups = (int)x;
			break;
		case 'b':
			if (cmd_parse_num(optarg, &x) != 0 || x <= 0)
				return cmd_usage_error("--band: expected a "
				    "positive number of points, found \"%s\"",
				    optarg);
			vs.band_width = x;
			break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to validate");
		}
	}
	if (optind != argc)
		return cmd_usage_error("validate takes no file argument "
		    "(\"%s\")", argv[optind]);
	if (name == NULL)
		return cmd_usage_error("validate needs --name <scorecard>");
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = desk_validate(d, name, table, psi, &vs, &v, &err);
	if (rc == 0)
		rc = report_validation(stdout, &v, json ? REPORT_JSON :
		    REPORT_TEXT, &err);
	desk_validation_done(&v);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
