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
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to link");
		}
	}
	if (optind != argc)
		return cmd_usage_error("link takes no file arguments");
	if (!spec.applicants || !spec.performance || !spec.on ||
	    !spec.target || !spec.bad)
		return cmd_usage_error("link needs --applicants, "
		    "--performance, --on, --target and --bad");
	if (spec.as == NULL)
		spec.as = "model";
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = link_tables(d->db, &spec, &sum, &err);
	if (rc == 0)
		rc = report_link(stdout, spec.as, &sum, json ? REPORT_JSON :
		    REPORT_TEXT, &err);
	link_summary_done(&sum);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
