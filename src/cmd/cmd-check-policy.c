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

/*
 * Segments the population never reaches although their own condition
 * holds for some applicant (earlier segments take them all): a warning on
 * stderr, located at the segment, that leaves the exit status alone, as
 * it depends on the data rather than on the policy.  Returns -1 (with the
 * error printed) when the conditions cannot be evaluated.
 */
static int
warn_unreached(const struct policy *p, struct db *db)
{
	size_t *reached, *matched, k;
	struct rd_err err;
	int rc = 0;

	reached = xcalloc(p->nsegments, sizeof *reached);
	matched = xcalloc(p->nsegments, sizeof *matched);
	rd_err_clear(&err);
	if (sim_reach(p, db, reached, matched, &err) != 0) {
		cmd_fail(&err);
		rc = -1;
	}
	for (k = 0; rc == 0 && k < p->nsegments; k++)
		if (reached[k] == 0 && matched[k] > 0)
			fprintf(stderr, "riskdesk: %s:%ld:%ld: warning: segment "
			    "\"%s\" is never reached on \"%s\": earlier "
			    "segments take all %zu applicants its condition "
			    "matches\n", p->path, p->segments[k].at.line,
			    p->segments[k].at.col, p->segments[k].name,
			    p->population, matched[k]);
	free(reached);
	free(matched);
	return rc;
}

/*
 * What p's conditions do on its population (sim_policy_warnings): each
 * warning on stderr, the exit status left alone.  Returns -1 (with the
 * error printed) when the conditions cannot be evaluated.
 */
static int
warn_data(const struct policy *p, struct db *db)
{
	struct rd_err err;
	char **w;
	size_t n, k;

	rd_err_clear(&err);
	if ((w = sim_policy_warnings(p, db, &n, &err)) == NULL) {
		cmd_fail(&err);
		return -1;
	}
	for (k = 0; k < n; k++)
		fprintf(stderr, "riskdesk: %s\n", w[k]);
	sim_warnings_free(w, n);
	return 0;
}

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
	if (dbpath != NULL && (db = db_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	for (i = optind; i < argc; i++) {
		struct policy *p = policy_load(argv[i], &err);

		if (p != NULL && db != NULL &&
		    (desk_check_policy_data(db, p, &err) != 0 ||
		    policy_check_columns(p, db, p->population, &err) != 0)) {
			policy_free(p);
			p = NULL;
		}
		if (p == NULL) {
			cmd_fail(&err);
			bad = 1;
			continue;
		}
		if (db != NULL && sim_check_ead(p, db, &err) != 0) {
			cmd_fail(&err);
			policy_free(p);
			bad = 1;
			continue;
		}
		if (db != NULL && warn_data(p, db) != 0) {
			policy_free(p);
			bad = 1;
			continue;
		}
		if (db != NULL && warn_unreached(p, db) != 0) {
			policy_free(p);
			bad = 1;
			continue;
		}
		printf("%s: ok (%zu knock-out%s, %zu segment%s)%s\n", argv[i],
		    p->nknockouts, p->nknockouts == 1 ? "" : "s",
		    p->nsegments, p->nsegments == 1 ? "" : "s", db == NULL ?
		    "; columns not checked: no database" : "");
		policy_free(p);
	}
	db_close(db);
	return bad;
}

