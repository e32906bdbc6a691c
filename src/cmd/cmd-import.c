/*
 * cmd-import.c - "riskdesk import": a CSV file into a typed table (see
 * data/csv-import.h), with its summary as text or JSON.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "desk.h"
#include "report/report.h"
#include "util/err.h"
#include "util/xmalloc.h"

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "target", required_argument, NULL, 'T' },
		{ "bad", required_argument, NULL, 'b' },
		{ "good", required_argument, NULL, 'g' },
		{ "replace", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_spec spec = { 0 };
	struct import_summary sum = { 0 };
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB;
	struct desk *d;
	int c, json = 0, rc;

	rd_err_clear(&err);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': spec.table = optarg; break;
		case 'T': spec.target = optarg; break;
		case 'b': spec.bad = optarg; break;
		case 'g':
			if (spec.ngood == IMPORT_MAX_GOOD)
				return cmd_usage_error("at most 16 --good values");
			spec.good[spec.ngood++] = optarg;
			break;
		case 'r': spec.replace = 1; break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to import");
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error("import takes one CSV file");
	if (spec.table == NULL)
		return cmd_usage_error("import needs --table <name>");
	if ((spec.target == NULL) != (spec.bad == NULL))
		return cmd_usage_error("--target and --bad go together");
	if (spec.ngood > 0 && spec.target == NULL)
		return cmd_usage_error("--good needs --target and --bad");
	spec.csv_path = argv[optind];
	if ((d = desk_open(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = desk_import(d, &spec, &sum, &err);
	if (rc == 0)
		rc = report_import(stdout, spec.table, &sum,
		    json ? REPORT_JSON : REPORT_TEXT, &err);
	import_summary_done(&sum);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}

