/*
 * cmd-infer.c - "riskdesk infer": reject inference from a KGB scorecard
 * (model/infer.h), the inferred scorecard stored beside it; with
 * --compare, the two scorecards side by side.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "desk/desk-infer.h"
#include "report/report-infer.h"
#include "util/err.h"

/* Parse a number option into *x, with bounds said in the message. */
static int
num_opt(const char *opt, const char *arg, double *x)
{
	if (cmd_parse_num(arg, x) != 0)
		return cmd_usage_error("%s: expected a number, found \"%s\"",
		    opt, arg);
	return 0;
}

/* infer --masked: the benchmark; nothing stored. */
static int
masked(const char *dbpath, const char *table, const char *from,
	const char *name, int compare, int method_set, const char *share_arg,
	const char *cutoff_arg, struct infer_spec *spec, int json)
{
	static const enum infer_method all[] = { INFER_HARD_CUTOFF,
	    INFER_FUZZY, INFER_PARCELING, INFER_REWEIGHTING };
	struct infer_benchmark b;
	struct rd_err err;
	struct desk *d;
	double share;
	int rc;

	rd_err_clear(&err);
	if (compare || name != NULL)
		return cmd_usage_error("infer --masked takes no --%s: the "
		    "benchmark stores no scorecard", compare ? "compare" :
		    "name");
	if (from == NULL)
		return cmd_usage_error("infer --masked needs --from "
		    "<scorecard>: the KGB scorecard fitted on the accepts");
	if (cutoff_arg != NULL)
		return cmd_usage_error("infer --masked takes --factor, not "
		    "--cutoff: every method is run with the same settings");
	if (num_opt("--masked", share_arg, &share) != 0)
		return 2;
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = desk_infer_benchmark(d, table, from, share, method_set ?
	    &spec->method : all, method_set ? 1 : 4, spec, &b, &err);
	if (rc == 0) {
		struct scorecard *kgb = desk_scorecard(d, from, &err);

		rc = kgb == NULL ? -1 : report_infer_benchmark(stdout, &b,
		    from, table != NULL ? table : kgb->population, spec, json ?
		    REPORT_JSON : REPORT_TEXT, &err);
		card_free(kgb);
		infer_benchmark_done(&b);
	}
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}

/* Option c of opts with its argument into *spec (infer_spec_option, the
   workbench's path too); 0, or 2 after a usage message. */
static int
spec_opt(struct infer_spec *spec, const struct option *opts, int c,
	const char *arg)
{
	struct rd_err err;
	char name[64];

	while (opts->name != NULL && opts->val != c)
		opts++;
	snprintf(name, sizeof name, "--%s", opts->name);
	rd_err_clear(&err);
	if (infer_spec_option(spec, name, arg, &err) != 0) {
		cmd_usage_error("%s", err.msg);
		return 2;
	}
	return 0;
}

int
cmd_infer(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "name", required_argument, NULL, 'n' },
		{ "method", required_argument, NULL, 'm' },
		{ "factor", required_argument, NULL, 'F' },
		{ "bad-multiple", required_argument, NULL, 'M' },
		{ "cutoff", required_argument, NULL, 'c' },
		{ "reject-weight", required_argument, NULL, 'w' },
		{ "bands", required_argument, NULL, 'b' },
		{ "seed", required_argument, NULL, 's' },
		{ "compare", no_argument, NULL, 'C' },
		{ "masked", required_argument, NULL, 'k' },
		{ "policy", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct infer_spec spec;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *table = NULL, *from = NULL;
	const char *name = NULL, *cutoff_arg = NULL, *masked_arg = NULL;
	const char *policy = NULL;
	int c, json = 0, compare = 0, method_set = 0, seed_set = 0, rc;
	int bands_set = 0, weight_set = 0;
	struct desk *d;

	rd_err_clear(&err);
	infer_spec_init(&spec);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': table = optarg; break;
		case 'f': from = optarg; break;
		case 'n': name = optarg; break;
		case 'm':
		case 'F':
		case 'M':
		case 'w':
		case 'b':
		case 's':
			if (spec_opt(&spec, opts, c, optarg) != 0)
				return 2;
			method_set |= c == 'm';
			bands_set |= c == 'b';
			seed_set |= c == 's';
			weight_set |= c == 'w';
			break;
		case 'c': cutoff_arg = optarg; break;
		case 'C': compare = 1; break;
		case 'k': masked_arg = optarg; break;
		case 'p': policy = optarg; break;
		case 'j': json = 1; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to infer");
		}
	}
	if (optind != argc)
		return cmd_usage_error("infer takes no file argument (\"%s\")",
		    argv[optind]);
	if (policy != NULL && !compare)
		return cmd_usage_error("--policy goes with infer --compare: "
		    "the policy's swap set under the two scorecards");
	if (masked_arg != NULL)
		return masked(dbpath, table, from, name, compare, method_set,
		    masked_arg, cutoff_arg, &spec, json);
	if (name == NULL)
		return cmd_usage_error("infer needs --name <scorecard>: the "
		    "inferred scorecard to make, or with --compare to compare");
	if (compare) {
		struct desk_infer_cmp cmp;
		struct desk_card_swap ps;
		double cut = NAN;

		memset(&ps, 0, sizeof ps);
		if (from != NULL || method_set || table != NULL ||
		    !isnan(spec.factor) || !isnan(spec.bad_multiple) ||
		    seed_set || spec.reject_weight != 1)
			return cmd_usage_error("infer --compare takes --name, "
			    "--cutoff <score>, --bands and --policy: the rest "
			    "is stored with the inferred scorecard");
		if (cutoff_arg != NULL && num_opt("--cutoff", cutoff_arg,
		    &cut) != 0)
			return 2;
		if ((d = desk_open_existing(dbpath, &err)) == NULL)
			return cmd_fail(&err);
		rc = desk_infer_compare(d, name, cut, bands_set ? spec.bands :
		    0, &cmp, &err);
		if (rc == 0 && policy != NULL) {
			rc = desk_card_swap(d, policy, cmp.kgb, cmp.name, &ps,
			    &err);
			if (rc != 0)
				desk_infer_cmp_done(&cmp);
		}
		if (rc == 0) {
			rc = report_infer_compare(stdout, &cmp, policy != NULL ?
			    &ps : NULL, policy, json ? REPORT_JSON :
			    REPORT_TEXT, &err);
			desk_infer_cmp_done(&cmp);
			desk_card_swap_done(&ps);
		}
		desk_close(d);
		return rc == 0 ? 0 : cmd_fail(&err);
	}
	if (from == NULL)
		return cmd_usage_error("infer needs --from <scorecard>: the KGB "
		    "scorecard fitted on the accepts");
	if (!method_set)
		return cmd_usage_error("infer needs --method hard-cutoff | "
		    "fuzzy | parceling | reweighting");
	if (cutoff_arg != NULL && num_opt("--cutoff", cutoff_arg,
	    &spec.cutoff_pd) != 0)
		return 2;
	if (seed_set && spec.method != INFER_PARCELING)
		return cmd_usage_error("--seed goes with --method parceling");
	if (weight_set && spec.method == INFER_REWEIGHTING)
		return cmd_usage_error(INFER_REWEIGHTING_NO_WEIGHT);
	if (infer_spec_check(&spec, &err) != 0)
		return cmd_fail(&err);
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	{
		struct infer_result r;
		struct scorecard *kgb = desk_scorecard(d, from, &err);

		rc = kgb == NULL ? -1 : desk_infer(d, table, from, name, &spec,
		    &r, &err);
		if (rc == 0) {
			rc = report_infer(stdout, &r, kgb, table != NULL ?
			    table : kgb->population, &spec, json ? REPORT_JSON :
			    REPORT_TEXT, &err);
			infer_result_done(&r);
		}
		card_free(kgb);
	}
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
