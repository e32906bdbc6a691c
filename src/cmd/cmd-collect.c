/*
 * cmd-collect.c - "riskdesk collect": the collections strategy of a
 * policy measured and planned (desk-collect.h): rates per bucket and
 * treatment, randomised tests, the plan of a month (and a challenger
 * strategy's), and the optimiser.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "desk/desk-collect.h"
#include "report/report-collect.h"
#include "util/err.h"

int
cmd_collect(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "challenger", required_argument, NULL, 'c' },
		{ "month", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct policy_errors errs = { NULL, 0, 0 };
	struct desk_collect c;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *policy = NULL;
	const char *challenger = NULL, *month = NULL;
	struct desk *d;
	int ch, json = 0, rc;

	rd_err_clear(&err);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': dbpath = optarg; break;
		case 'p': policy = optarg; break;
		case 'c': challenger = optarg; break;
		case 'm': month = optarg; break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to collect");
		}
	}
	if (optind != argc)
		return cmd_usage_error("collect takes no file argument (\"%s\")",
		    argv[optind]);
	if (policy == NULL)
		return cmd_usage_error("collect needs --policy <file>: a policy "
		    "with a collections section (riskdesk-policy(5))");
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = desk_collect(d, policy, challenger, month, &c, &errs);
	if (rc != 0) {
		rc = cmd_fail_all(errs.err, errs.n, errs.dropped);
		policy_errors_done(&errs);
		desk_close(d);
		return rc;
	}
	rc = report_collect(stdout, &c, json ? REPORT_JSON : REPORT_TEXT,
	    &err);
	desk_collect_done(&c);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
