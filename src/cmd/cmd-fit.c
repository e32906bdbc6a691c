/*
 * cmd-fit.c - "riskdesk fit": bin, fit and scale a scorecard on a table and
 * store it in the database (see model/card.h).
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
cmd_fit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "name", required_argument, NULL, 'n' },
		{ "base-score", required_argument, NULL, 's' },
		{ "base-odds", required_argument, NULL, 'o' },
		{ "pdo", required_argument, NULL, 'p' },
		{ "bins", required_argument, NULL, 'B' },
		{ "min-iv", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct card_fit_spec spec;
	struct scorecard *card = NULL;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *table = NULL, *name = NULL;
	struct desk *d;
	double x;
	int c, json = 0, rc;

	rd_err_clear(&err);
	card_fit_spec_init(&spec);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': table = optarg; break;
		case 'n': name = optarg; break;
		case 's':
			if (cmd_parse_num(optarg, &x) != 0)
				return cmd_usage_error("--base-score: expected a "
				    "number, found \"%s\"", optarg);
			spec.scaling.base_score = x;
			break;
		case 'o':
			if (cmd_parse_num(optarg, &x) != 0 || x <= 0)
				return cmd_usage_error("--base-odds: expected a "
				    "positive number, found \"%s\"", optarg);
			spec.scaling.base_odds = x;
			break;
		case 'p':
			if (cmd_parse_num(optarg, &x) != 0 || x <= 0)
				return cmd_usage_error("--pdo: expected a positive "
				    "number, found \"%s\"", optarg);
			spec.scaling.pdo = x;
			break;
		case 'B':
			if (cmd_parse_num(optarg, &x) != 0 || x < 2 || x > 1000 ||
			    x != floor(x))
				return cmd_usage_error("--bins: expected a whole "
				    "number from 2 to 1000, found \"%s\"",
				    optarg);
			spec.bins.nquantiles = (int)x;
			break;
		case 'i':
			if (cmd_parse_num(optarg, &x) != 0 || x < 0)
				return cmd_usage_error("--min-iv: expected a "
				    "number >= 0, found \"%s\"", optarg);
			spec.min_iv = x;
			break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to fit");
		}
	}
	if (optind != argc)
		return cmd_usage_error("fit takes no file argument (\"%s\")",
		    argv[optind]);
	if (table == NULL || name == NULL)
		return cmd_usage_error("fit needs --table <name> and --name "
		    "<scorecard>");
	if ((d = desk_open(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = desk_fit(d, table, name, &spec, &card, &err);
	if (rc == 0)
		rc = report_fit(stdout, card, json ? REPORT_JSON : REPORT_TEXT,
		    &err);
	card_free(card);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}

