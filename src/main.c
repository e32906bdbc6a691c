/*
 * main.c - command line of riskdesk: option parsing, dispatch to the desk
 * and the front ends, and the mapping of error classes to exit codes
 * (riskdesk(1), EXIT STATUS).  No figure is computed here.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk.h"
#include "report/report.h"
#include "tui/keys.h"
#include "tui/tui.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define DEFAULT_DB "riskdesk.db"
#define MAX_CUTOFFS 64

static const char usage_text[] =
"usage: riskdesk [--db <file>] [--policy <file> [--challenger <file>]]\n"
"       riskdesk --report [--db <file>] --policy <file> [--challenger <file>]\n"
"                [--cutoff <segment>=<score>]... [--format text | json]\n"
"                [--output <file>]\n"
"       riskdesk import [--db <file>] --table <name> [--target <column>\n"
"                --bad <value> [--good <value>]...] [--replace] [--json] <csv>\n"
"       riskdesk fit [--db <file>] --table <name> --name <scorecard>\n"
"                [--base-score <points>] [--base-odds <odds>] [--pdo <points>]\n"
"                [--bins <n>] [--min-iv <iv>] [--json]\n"
"       riskdesk check-policy [--db <file>] <policy>...\n"
"       riskdesk --help | --version\n"
"\n"
"Without --report, riskdesk opens the interactive workbench (a terminal is\n"
"needed).  --db defaults to " DEFAULT_DB " in the current directory.\n"
"\n"
"options:\n"
"  --db <file>             the riskdesk database (SQLite)\n"
"  --policy <file>         the champion approval policy (YAML)\n"
"  --challenger <file>     a challenger policy to compare with the champion\n"
"  --report                print the policy report and exit (no terminal)\n"
"  --cutoff <seg>=<score>  override a segment's cutoff (repeatable)\n"
"  --format text | json    report format (default text)\n"
"  --output <file>         write the report to a file instead of stdout\n"
"  --table <name>          table to import into or fit on\n"
"  --target <column>       the outcome column of an import\n"
"  --bad <value>           the target value that marks a bad\n"
"  --good <value>          a target value that marks a good (repeatable;\n"
"                          default: every other non-missing value)\n"
"  --replace               replace an existing table of the same name\n"
"  --json                  print a command's summary as JSON\n"
"  --name <scorecard>      name under which the scorecard is stored\n"
"  --base-score <points>   score at the base odds (default 600)\n"
"  --base-odds <odds>      good:bad odds at the base score (default 50)\n"
"  --pdo <points>          points to double the odds (default 20)\n"
"  --bins <n>              fine quantile bins per number (default 10)\n"
"  --min-iv <iv>           leave out characteristics below this IV\n"
"                          (default 0.02)\n"
"  --help                  show this help\n"
"  --version               show the version\n"
"\n"
"exit status: 0 ok, 1 bad input, 2 usage, 3 numerical failure,\n"
"4 file or database error.  See riskdesk(1) and riskdesk-policy(5).\n";

/* Print a one-line error and return the exit code of its class. */
static int
fail(const struct rd_err *err)
{
	char buf[RD_ERR_MSG + RD_ERR_FILE + 64];

	fprintf(stderr, "riskdesk: %s\n", rd_err_format(err, buf, sizeof buf));
	return rd_err_exit_code(err->cls);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "riskdesk: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'riskdesk --help'.\n");
	return 2;
}

/* Parse a whole string as a finite number. */
static int
parse_num(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (end == s || *end != '\0' || errno != 0 || !isfinite(*out)) ?
	    -1 : 0;
}

/* --------------------------------------------------------------- import */

static int
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
	const char *dbpath = DEFAULT_DB;
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
				return usage_error("at most 16 --good values%s",
				    "");
			spec.good[spec.ngood++] = optarg;
			break;
		case 'r': spec.replace = 1; break;
		case 'j': json = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return usage_error("bad option to import%s", "");
		}
	}
	if (optind != argc - 1)
		return usage_error("import takes one CSV file%s", "");
	if (spec.table == NULL)
		return usage_error("import needs --table <name>%s", "");
	if ((spec.target == NULL) != (spec.bad == NULL))
		return usage_error("--target and --bad go together%s", "");
	if (spec.ngood > 0 && spec.target == NULL)
		return usage_error("--good needs --target and --bad%s", "");
	spec.csv_path = argv[optind];
	if ((d = desk_open(dbpath, &err)) == NULL)
		return fail(&err);
	rc = desk_import(d, &spec, &sum, &err);
	if (rc == 0)
		rc = report_import(stdout, spec.table, &sum,
		    json ? REPORT_JSON : REPORT_TEXT, &err);
	import_summary_done(&sum);
	desk_close(d);
	return rc == 0 ? 0 : fail(&err);
}

/* ------------------------------------------------------------------ fit */

static int
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
	const char *dbpath = DEFAULT_DB, *table = NULL, *name = NULL;
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
			if (parse_num(optarg, &x) != 0)
				return usage_error("--base-score: expected a "
				    "number, found \"%s\"", optarg);
			spec.scaling.base_score = x;
			break;
		case 'o':
			if (parse_num(optarg, &x) != 0 || x <= 0)
				return usage_error("--base-odds: expected a "
				    "positive number, found \"%s\"", optarg);
			spec.scaling.base_odds = x;
			break;
		case 'p':
			if (parse_num(optarg, &x) != 0 || x <= 0)
				return usage_error("--pdo: expected a positive "
				    "number, found \"%s\"", optarg);
			spec.scaling.pdo = x;
			break;
		case 'B':
			if (parse_num(optarg, &x) != 0 || x < 2 || x > 1000 ||
			    x != floor(x))
				return usage_error("--bins: expected a whole "
				    "number from 2 to 1000, found \"%s\"",
				    optarg);
			spec.bins.nquantiles = (int)x;
			break;
		case 'i':
			if (parse_num(optarg, &x) != 0 || x < 0)
				return usage_error("--min-iv: expected a "
				    "number >= 0, found \"%s\"", optarg);
			spec.min_iv = x;
			break;
		case 'j': json = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return usage_error("bad option to fit%s", "");
		}
	}
	if (optind != argc)
		return usage_error("fit takes no file argument (\"%s\")",
		    argv[optind]);
	if (table == NULL || name == NULL)
		return usage_error("fit needs --table <name> and --name "
		    "<scorecard>%s", "");
	if ((d = desk_open(dbpath, &err)) == NULL)
		return fail(&err);
	rc = desk_fit(d, table, name, &spec, &card, &err);
	if (rc == 0)
		rc = report_fit(stdout, card, json ? REPORT_JSON : REPORT_TEXT,
		    &err);
	card_free(card);
	desk_close(d);
	return rc == 0 ? 0 : fail(&err);
}

/* --------------------------------------------------------- check-policy */

static int
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
		case 'h': fputs(usage_text, stdout); return 0;
		default: return usage_error("bad option to check-policy%s",
		    "");
		}
	}
	if (optind == argc)
		return usage_error("check-policy needs a policy file%s", "");
	rd_err_clear(&err);
	/* Columns are checked only against an existing database. */
	if (dbpath == NULL && access(DEFAULT_DB, F_OK) == 0)
		dbpath = DEFAULT_DB;
	if (dbpath != NULL && (db = db_open(dbpath, &err)) == NULL)
		return fail(&err);
	for (i = optind; i < argc; i++) {
		struct policy *p = policy_load(argv[i], &err);

		if (p != NULL && db != NULL &&
		    policy_check_columns(p, db, p->population, &err) != 0) {
			policy_free(p);
			p = NULL;
		}
		if (p == NULL) {
			fail(&err);
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

/* ------------------------------------------------------ report and TUI */

struct main_opts {
	const char *db, *policy, *challenger, *output;
	const char *cutoff[MAX_CUTOFFS];
	int ncutoff;
	int report;
	enum report_format fmt;
};

/* Apply "--cutoff SEG=SCORE" overrides to the champion. */
static int
apply_cutoffs(struct desk *d, const struct main_opts *o, struct rd_err *err)
{
	int i;

	for (i = 0; i < o->ncutoff; i++) {
		const char *eq = strrchr(o->cutoff[i], '=');
		char *seg;
		double x;
		int k;

		if (eq == NULL || eq == o->cutoff[i] ||
		    parse_num(eq + 1, &x) != 0)
			return rd_err_set(err, RD_EUSAGE, "--cutoff: expected "
			    "<segment>=<score>, found \"%s\"", o->cutoff[i]);
		seg = xstrndup(o->cutoff[i], (size_t)(eq - o->cutoff[i]));
		k = desk_segment_index(d, 0, seg);
		if (k < 0) {
			rd_err_set(err, RD_EUSAGE, "--cutoff: no segment "
			    "\"%s\" in the policy", seg);
			free(seg);
			return -1;
		}
		free(seg);
		if (desk_set_cutoff(d, 0, (size_t)k, x, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * The workbench opened without --policy shows the policies last used
 * with this database, when their files still load; otherwise it opens
 * empty and says how to load one.
 */
static void
reopen_last(struct desk *d)
{
	int which;

	for (which = 0; which <= 1; which++) {
		char *path = desk_last_policy(d, which);
		struct rd_err ignored;

		if (path != NULL && access(path, R_OK) == 0)
			desk_load_policy(d, path, which, &ignored);
		free(path);
	}
}

static int
run_main(const struct main_opts *o)
{
	struct rd_err err;
	struct desk *d;
	FILE *out = stdout;
	int rc = 0;

	rd_err_clear(&err);
	if (o->report && o->policy == NULL)
		return usage_error("--report needs --policy <file>%s", "");
	if (o->challenger != NULL && o->policy == NULL)
		return usage_error("--challenger needs --policy <file>%s", "");
	if (!o->report && (o->ncutoff > 0 || o->output != NULL))
		return usage_error("--cutoff and --output go with --report%s",
		    "");
	if (!o->report && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return usage_error("the workbench needs a terminal; use "
		    "--report for headless output%s", "");
	if ((d = desk_open(o->db, &err)) == NULL)
		return fail(&err);
	if (o->policy != NULL)
		rc = desk_load_policy(d, o->policy, 0, &err);
	else if (!o->report)
		reopen_last(d);
	if (rc == 0 && o->challenger != NULL)
		rc = desk_load_policy(d, o->challenger, 1, &err);
	if (rc == 0)
		rc = apply_cutoffs(d, o, &err);
	if (rc == 0 && o->report) {
		if (o->output != NULL && (out = fopen(o->output, "w")) ==
		    NULL)
			rc = rd_err_set(&err, RD_EIO, "cannot write %s: %s",
			    o->output, strerror(errno));
		if (rc == 0)
			rc = report_policy(out, d, o->fmt, &err);
		if (out != stdout && out != NULL && fclose(out) != 0 &&
		    rc == 0)
			rc = rd_err_set(&err, RD_EIO, "cannot write %s: %s",
			    o->output, strerror(errno));
	} else if (rc == 0) {
		rc = tui_run(d, &err);
	}
	desk_close(d);
	return rc == 0 ? 0 : fail(&err);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "challenger", required_argument, NULL, 'c' },
		{ "report", no_argument, NULL, 'r' },
		{ "cutoff", required_argument, NULL, 'C' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "keys-roff", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct main_opts o = { .db = DEFAULT_DB, .fmt = REPORT_TEXT };
	int c;

	/* Locale for ncursesw's wide characters; numbers stay in C. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");

	if (argc > 1 && strcmp(argv[1], "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "fit") == 0)
		return cmd_fit(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "check-policy") == 0)
		return cmd_check_policy(argc - 1, argv + 1);

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.db = optarg; break;
		case 'p': o.policy = optarg; break;
		case 'c': o.challenger = optarg; break;
		case 'r': o.report = 1; break;
		case 'C':
			if (o.ncutoff == MAX_CUTOFFS)
				return usage_error("too many --cutoff options%s",
				    "");
			o.cutoff[o.ncutoff++] = optarg;
			break;
		case 'f':
			if (report_format_parse(optarg, &o.fmt) != 0)
				return usage_error("--format: expected text or "
				    "json, found \"%s\"", optarg);
			break;
		case 'o': o.output = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		case 'V': printf("riskdesk %s\n", PACKAGE_VERSION); return 0;
		case 'K': keys_print_roff(stdout); return 0;
		default: return usage_error("unknown option%s", "");
		}
	}
	if (optind < argc)
		return usage_error("unknown command \"%s\"", argv[optind]);
	return run_main(&o);
}
