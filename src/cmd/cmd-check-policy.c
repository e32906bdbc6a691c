/*
 * cmd-check-policy.c - "riskdesk check-policy": validate policy files
 * without simulating them; exit 1 when any has an error.
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
cmd_check_policy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = NULL;
	struct rd_err err;
	struct db *db = NULL;
	int c, i, bad = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to check-policy");
		}
	}
	if (optind == argc)
		return cmd_usage_error("check-policy needs a policy file");
	rd_err_clear(&err);
	/* Columns are checked only against an existing database. */
	if (dbpath == NULL && access(CMD_DEFAULT_DB, F_OK) == 0)
		dbpath = CMD_DEFAULT_DB;
	if (dbpath != NULL && (db = db_open(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	for (i = optind; i < argc; i++) {
		struct policy *p = policy_load(argv[i], &err);

		if (p != NULL && db != NULL &&
		    policy_check_columns(p, db, p->population, &err) != 0) {
			policy_free(p);
			p = NULL;
		}
		if (p == NULL) {
			cmd_fail(&err);
			bad = 1;
			continue;
		}
		printf("%s: ok (%zu knock-outs, %zu segments)%s\n", argv[i],
		    p->nknockouts, p->nsegments, db == NULL ?
		    "; columns not checked: no database" : "");
		policy_free(p);
	}
	db_close(db);
	return bad;
}

