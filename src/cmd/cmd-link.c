/*
 * cmd-link.c - "riskdesk link": an applicant table and a performance table
 * into a modelling table (see data/link.h), with a summary of the keys.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "data/link.h"
#include "desk/desk.h"
#include "report/report-data.h"
#include "util/err.h"

int
cmd_link(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "applicants", required_argument, NULL, 'A' },
		{ "performance", required_argument, NULL, 'P' },
		{ "on", required_argument, NULL, 'o' },
		{ "target", required_argument, NULL, 'T' },
		{ "bad", required_argument, NULL, 'b' },
		{ "good", required_argument, NULL, 'g' },
		{ "as", required_argument, NULL, 'a' },
		{ "replace", no_argument, NULL, 'r' },
		{ "reject-when", required_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct link_spec spec = { 0 };
	struct link_summary sum;
	const char *dbpath = CMD_DEFAULT_DB;
	struct rd_err err;
	struct desk *d;
	int c, json = 0, rc;
	char *reject_col = NULL;

	rd_err_clear(&err);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'A': spec.applicants = optarg; break;
		case 'P': spec.performance = optarg; break;
		case 'o': spec.on = optarg; break;
		case 'T': spec.target = optarg; break;
		case 'b': spec.bad = optarg; break;
		case 'g':
			if (spec.ngood == IMPORT_MAX_GOOD)
				return cmd_usage_error("at most 16 --good "
				    "values");
			spec.good[spec.ngood++] = optarg;
			break;
		case 'a': spec.as = optarg; break;
		case 'r': spec.replace = 1; break;
		case 'W':
			if (reject_col != NULL) {
				free(reject_col);
				return cmd_usage_error("--reject-when given "
				    "twice: one column marks the rejects");
			}
			if (cmd_reject_when(optarg, &reject_col,
			    &spec.reject_value) != 0)
				return 2;
			spec.reject_col = reject_col;
			break;
		case 'j': json = 1; break;
		case 'h': free(reject_col); cmd_help(stdout); return 0;
		default:
			free(reject_col);
			return cmd_usage_error("bad option to link");
		}
	}
	if (optind != argc || !spec.applicants || !spec.performance ||
	    !spec.on || !spec.target || !spec.bad) {
		free(reject_col);
		return optind != argc ? cmd_usage_error("link takes no file "
		    "arguments") : cmd_usage_error("link needs --applicants, "
		    "--performance, --on, --target and --bad");
	}
	if (spec.as == NULL)
		spec.as = "model";
	if ((d = desk_open_existing(dbpath, &err)) == NULL) {
		free(reject_col);
		return cmd_fail(&err);
	}
	rc = link_tables(d->db, &spec, &sum, &err);
	if (rc == 0)
		rc = report_link(stdout, spec.as, &sum, json ? REPORT_JSON :
		    REPORT_TEXT, &err);
	link_summary_done(&sum);
	desk_close(d);
	free(reject_col);
	return rc == 0 ? 0 : cmd_fail(&err);
}
