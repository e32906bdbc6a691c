/*
 * cmd-profile.c - "riskdesk profile": the data profile of an imported
 * table (see data/profile.h), as text or JSON; with --engine, of a table
 * in a PostgreSQL database, computed there (profile_engine).
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
#include "util/xmalloc.h"

int
cmd_profile(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "top", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "engine", required_argument, NULL, 'E' },
		{ "source", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 'T' },
		{ "bad", required_argument, NULL, 'B' },
		{ "good", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = CMD_DEFAULT_DB, *table = NULL;
	const char *engine = NULL, *source = NULL, *target = NULL;
	const char **bad = NULL, **good = NULL;
	size_t nbad = 0, ngood = 0;
	struct profile *p = NULL;
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
			    top > 1000 || top != (double)(int)top) {
				rc = cmd_usage_error("--top: expected a "
				    "whole number 1..1000, found \"%s\"",
				    optarg);
				goto out;
			}
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
			bad = xreallocarray(bad, nbad + 1, sizeof *bad);
			bad[nbad++] = optarg;
			break;
		case 'G':
			good = xreallocarray(good, ngood + 1, sizeof *good);
			good[ngood++] = optarg;
			break;
		case 'h': cmd_help(stdout); rc = 0; goto out;
		default: rc = cmd_usage_error("bad option to profile"); goto out;
		}
	}
	rc = 2;
	if (optind != argc)
		cmd_usage_error("profile takes no file arguments");
	else if (engine != NULL && table != NULL)
		cmd_usage_error("--engine profiles a table of the engine: "
		    "name it with --source, not --table");
	else if (engine != NULL && source == NULL)
		cmd_usage_error("--engine needs --source <table>");
	else if (engine == NULL && (source != NULL || target != NULL ||
	    nbad > 0 || ngood > 0))
		cmd_usage_error("--source, --target, --bad and --good go with "
		    "--engine");
	else if (engine == NULL && table == NULL)
		cmd_usage_error("profile needs --table <name>");
	else if (target != NULL && nbad == 0)
		cmd_usage_error("--target needs --bad <value>");
	else if (target == NULL && (nbad > 0 || ngood > 0))
		cmd_usage_error("--bad and --good go with --target <column>");
	else
		rc = cmd_check_outcome((const char *const *)bad, nbad,
		    (const char *const *)good, ngood);
	if (rc != 0)
		goto out;
	if (engine != NULL) {
		p = profile_engine(engine, source, target, bad, nbad, good,
		    ngood, (size_t)top, &err);
	} else {
		if ((d = desk_open_existing(dbpath, &err)) == NULL) {
			rc = cmd_fail(&err);
			goto out;
		}
		p = profile_table(d->db, table, (size_t)top, &err);
		desk_close(d);
	}
	rc = p == NULL ? -1 : report_profile(stdout, p, json ? REPORT_JSON :
	    REPORT_TEXT, &err);
	rc = rc == 0 ? 0 : cmd_fail(&err);
out:
	profile_free(p);
	free(bad);
	free(good);
	return rc;
}
