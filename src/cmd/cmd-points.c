/*
 * cmd-points.c - "riskdesk points": export a stored scorecard's points
 * table as CSV or YAML (report.h report_card_points), from which scoring
 * a row gives exactly the score riskdesk gives.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "report/report.h"
#include "util/err.h"

int
cmd_points(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	enum report_points_format fmt = REPORT_POINTS_CSV;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *name = NULL;
	struct scorecard *card;
	struct desk *d;
	int c, rc;

	rd_err_clear(&err);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'n': name = optarg; break;
		case 'F':
			if (strcmp(optarg, "csv") == 0)
				fmt = REPORT_POINTS_CSV;
			else if (strcmp(optarg, "yaml") == 0)
				fmt = REPORT_POINTS_YAML;
			else
				return cmd_usage_error("--format: expected csv "
				    "or yaml, found \"%s\"", optarg);
			break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to points");
		}
	}
	if (optind != argc)
		return cmd_usage_error("points takes no file argument "
		    "(\"%s\")", argv[optind]);
	if (name == NULL)
		return cmd_usage_error("points needs --name <scorecard>");
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	card = desk_scorecard(d, name, &err);
	rc = card != NULL ? report_card_points(stdout, card, fmt, &err) : -1;
	card_free(card);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
