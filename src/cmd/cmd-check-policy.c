/*
 * cmd-check-policy.c - "riskdesk check-policy": validate policy files
 * without simulating them; exit 1 when any has an error.
 *
 * Without a database (no --db, no riskdesk.db here) only the file is
 * checked.  With one, the policy is also checked against its population:
 * the scorecard and its columns, every expression, every EAD on the rows
 * of its segment; then the conditions are evaluated over the applicants
 * for the warnings of sim_policy_warnings and sim_overlap_messages
 * (overlapping segments, applicants left to the default by a NULL,
 * shadowed segments), which are errors for a policy that declares
 * hit: unique.  Every error of a file is printed, not only the first.
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
#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "report/report.h"
#include "util/err.h"
#include "util/xmalloc.h"

/*
 * The checks of p against its population in db, every error appended to
 * errs.  Returns -1 (errs holding the error) when the data cannot be
 * read, else 0.
 */
static int
check_population(const struct policy *p, struct db *db,
	struct policy_errors *errs)
{
	struct rd_err err;

	rd_err_clear(&err);
	if (desk_check_policy_data(db, p, &err) != 0) {
		policy_errors_add(errs, &err);
		/* No such table: every check of its columns would say
		   so again. */
		if (err.line == p->population_at.line &&
		    err.col == p->population_at.col &&
		    strstr(err.msg, "does not exist") != NULL)
			return 0;
	}
	/* The checks --report, decide and export make too. */
	rd_err_clear(&err);
	if (desk_check_policy_table(db, p, NULL, 0, NULL, errs, &err) < 0) {
		policy_errors_add(errs, &err);
		return -1;
	}
	if (errs->n > 0)
		return 0;
	rd_err_clear(&err);
	if (sim_check_ead_all(p, db, errs, &err) < 0) {
		policy_errors_add(errs, &err);
		return -1;
	}
	return 0;
}

/*
 * What p's conditions do on its population: warnings appended to
 * (*w)[*nw], and for a hit: unique policy the overlaps as errors in errs.
 * Returns -1 (errs holding the error) when the conditions cannot be
 * evaluated.
 */
static int
check_conditions(const struct policy *p, struct db *db, char ***w,
	size_t *nw, struct policy_errors *errs)
{
	struct sim_overlap o;
	struct rd_err err;

	rd_err_clear(&err);
	if ((*w = sim_policy_warnings(p, db, nw, &err)) == NULL) {
		policy_errors_add(errs, &err);
		return -1;
	}
	if (sim_overlap(p, db, &o, &err) != 0) {
		policy_errors_add(errs, &err);
		return -1;
	}
	sim_overlap_messages(p, &o, w, nw, errs);
	sim_overlap_done(&o);
	return 0;
}

/* Check the policy file at path; returns 0 when it passes, else 1. */
static int
check_one(const char *path, struct db *db)
{
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;
	char **w = NULL;
	size_t nw = 0, k;
	int rc = 0;

	p = policy_load_all(path, &errs);
	if (p == NULL) {
		/* A policy of collections alone (riskdesk collect) has no
		   scorecard, population nor segment. */
		struct policy_errors ce = { NULL, 0, 0 };
		struct policy *c = policy_load_collect_all(path, &ce);

		size_t k;
		int has = 1;

		for (k = 0; k < ce.n; k++)
			if (strncmp(ce.err[k].msg, "missing required key "
			    "\"collections\"", 34) == 0)
				has = 0;
		if (c != NULL && c->nsegments == 0) {
			policy_errors_done(&errs);
			p = c;
		} else if (c == NULL && has && ce.n < errs.n) {
			/* The collections loader's errors, without those of
			   the approval keys it does not need. */
			policy_errors_done(&errs);
			errs = ce;
			memset(&ce, 0, sizeof ce);
		} else {
			policy_free(c);
		}
		policy_errors_done(&ce);
	}
	/* The fraud rules against their table: the population, else
	   nothing to check them against; the check decide, --report, the
	   workbench and export make (columns, then the times). */
	if (p != NULL && db != NULL && p->fraud != NULL &&
	    p->population != NULL)
		desk_fraud_check(db, p, p->population, &errs);
	if (p != NULL && db != NULL && p->nsegments > 0 && errs.n == 0 &&
	    check_population(p, db, &errs) == 0) {
		/* The warnings on the conditions go with the errors of
		   another kind (a reason code, overlapping segments under
		   hit: unique, already among them); conditions that cannot
		   be evaluated are already an error. */
		struct policy_errors seen = { NULL, 0, 0 };

		check_conditions(p, db, &w, &nw, errs.n == 0 ? &errs :
		    &seen);
		policy_errors_done(&seen);
	}
	if (p != NULL && p->collect != NULL && db != NULL && errs.n == 0)
		policy_check_collect_all(p, db, &errs);
	/* Whatever the class (a file that cannot be read too), a policy
	   that does not pass is exit status 1 (riskdesk(1)). */
	if (errs.n > 0) {
		cmd_fail_all(errs.err, errs.n, errs.dropped);
		rc = 1;
	}
	for (k = 0; k < nw; k++)
		fprintf(stderr, "riskdesk: %s\n", w[k]);
	if (rc == 0 && p->nsegments == 0) {
		if (p->fraud != NULL)
			printf("%s: ok (%zu fraud feature%s, %zu fraud "
			    "rule%s)%s\n", path, p->fraud->nfeatures,
			    p->fraud->nfeatures == 1 ? "" : "s",
			    p->fraud->nrules, p->fraud->nrules == 1 ? "" : "s",
			    db == NULL || p->population == NULL ? "; columns "
			    "not checked: no database or no population "
			    "(riskdesk fraud checks them against its table)" :
			    "");
		if (p->collect != NULL)
			printf("%s: ok (collections: %zu treatment%s, %zu "
			    "strategy rule%s)%s\n", path, p->collect->ntreat,
			    p->collect->ntreat == 1 ? "" : "s",
			    p->collect->nrules, p->collect->nrules == 1 ? "" :
			    "s", db == NULL ? "; tables, columns and buckets "
			    "not checked: no database (use --db <file>)" : "");
	} else if (rc == 0)
		printf("%s: ok (%zu knock-out%s, %zu segment%s)%s\n", path,
		    p->nknockouts, p->nknockouts == 1 ? "" : "s",
		    p->nsegments, p->nsegments == 1 ? "" : "s", db == NULL ?
		    "; columns and population not checked: no database "
		    "(use --db <file>)" : "");
	sim_warnings_free(w, nw);
	policy_errors_done(&errs);
	policy_free(p);
	return rc;
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
	int c, i, rc, worst = 0;

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
	/* The population is checked only against an existing database. */
	if (dbpath == NULL && access(CMD_DEFAULT_DB, F_OK) == 0)
		dbpath = CMD_DEFAULT_DB;
	if (dbpath != NULL && (db = db_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	for (i = optind; i < argc; i++) {
		rc = check_one(argv[i], db);
		if (rc > worst)
			worst = rc;
	}
	db_close(db);
	return worst;
}
