/*
 * cmd-runs.c - "riskdesk runs": the runs stored in the database, decision
 * runs with the fingerprints of what they decided with and on
 * (data/runstore.h), as text or JSON.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cmd/cmd.h"
#include "data/runstore.h"
#include "desk/desk.h"
#include "report/report-decide.h"
#include "util/err.h"

int
cmd_runs(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = CMD_DEFAULT_DB;
	struct run_row *v = NULL;
	struct rd_err err;
	struct desk *d;
	size_t n = 0;
	int c, json = 0, rc;

	rd_err_clear(&err);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to runs");
		}
	}
	if (optind != argc)
		return cmd_usage_error("runs takes no file argument (\"%s\")",
		    argv[optind]);
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = runstore_list(d->db, &v, &n, &err);
	if (rc == 0)
		rc = report_runs(stdout, v, n, json, &err);
	runstore_list_free(v, n);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
