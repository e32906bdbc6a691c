/*
 * cmd-profile.c - "riskdesk profile": the data profile of an imported
 * table (see data/profile.h), as text or JSON.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "data/profile.h"
#include "desk/desk.h"
#include "report/report-data.h"
#include "util/err.h"

int
cmd_profile(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "top", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = CMD_DEFAULT_DB, *table = NULL;
	struct profile *p;
	struct rd_err err;
	struct desk *d;
	double top = 0;
	int c, json = 0, rc;

	rd_err_clear(&err);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': table = optarg; break;
		case 'n':
			if (cmd_parse_num(optarg, &top) != 0 || top < 1 ||
			    top > 1000 || top != (double)(int)top)
				return cmd_usage_error("--top: expected a "
				    "whole number 1..1000, found \"%s\"",
				    optarg);
			break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to profile");
		}
	}
	if (optind != argc)
		return cmd_usage_error("profile takes no file arguments");
	if (table == NULL)
		return cmd_usage_error("profile needs --table <name>");
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	p = profile_table(d->db, table, (size_t)top, &err);
	rc = p == NULL ? -1 : report_profile(stdout, p, json ? REPORT_JSON :
	    REPORT_TEXT, &err);
	profile_free(p);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
