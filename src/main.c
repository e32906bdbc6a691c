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
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "desk/desk-doc.h"
#include "desk/desk-engine.h"
#include "report/report.h"
#include "tui/keys.h"
#include "tui/tui.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define MAX_CUTOFFS 64

struct main_opts {
	const char *db, *policy, *challenger, *output;
	const char *cutoff[MAX_CUTOFFS];
	int ncutoff;
	int report;
	enum report_format fmt;
	int curves;		/* --curves */
	const char *optimise;	/* --optimise bad_rate=X | el=X */
	int save_run;		/* --save-run */
	int document;		/* --document (html and xlsx always) */
	const char *psi_table;	/* --psi-table */
	const char *report_time;	/* --report-time */
	/* --engine CONNINFO --source TABLE [--target COL --bad V
	   [--good V]...]: the report computed in PostgreSQL */
	const char *engine, *source, *target;
	char *bad;			/* tab-separated, owned */
	const char *good[MAX_CUTOFFS];
	int ngood;
};

/*
 * "--optimise bad_rate=0.12" or "--optimise el=25000": run the optimiser
 * on the champion; the report prints its choice and frontier.
 */
static int
apply_optimise(struct desk *d, const char *arg, struct rd_err *err)
{
	struct sim_opt_spec spec = { 0 };
	const char *eq = strchr(arg, '=');
	double x;

	if (eq == NULL || cmd_parse_num(eq + 1, &x) != 0)
		return rd_err_set(err, RD_EUSAGE, "--optimise: expected "
		    "bad_rate=<fraction> or el=<amount>, found \"%s\"", arg);
	if ((size_t)(eq - arg) == 8 && strncmp(arg, "bad_rate", 8) == 0)
		spec.kind = SIM_TARGET_BAD_RATE;
	else if ((size_t)(eq - arg) == 2 && strncmp(arg, "el", 2) == 0)
		spec.kind = SIM_TARGET_EL;
	else
		return rd_err_set(err, RD_EUSAGE, "--optimise: expected "
		    "bad_rate=<fraction> or el=<amount>, found \"%s\"", arg);
	spec.target = x;
	return desk_optimise(d, 0, &spec, err);
}

/* "--save-run": store each loaded policy's run; say so on stderr so the
   report itself stays the same from run to run. */
static int
save_runs(struct desk *d, struct rd_err *err)
{
	long long id;
	int which;

	for (which = 0; which <= 1; which++) {
		if (desk_policy_slot(d, which) == NULL)
			continue;
		if (desk_save_run(d, which, &id, err) != 0)
			return -1;
		fprintf(stderr, "riskdesk: %s run stored as run %lld\n",
		    which ? "challenger" : "champion", id);
	}
	return 0;
}

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
		    cmd_parse_num(eq + 1, &x) != 0)
			return rd_err_set(err, RD_EUSAGE, "--cutoff: expected "
			    "<segment>=<score>, found \"%s\"", o->cutoff[i]);
		if (fabs(x) > DESK_CUTOFF_MAX)
			return rd_err_set(err, RD_EUSAGE, "--cutoff: expected a "
			    "score between %g and %g, found \"%s\"",
			    -DESK_CUTOFF_MAX, DESK_CUTOFF_MAX, eq + 1);
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
 * with this database, when their files are still there; otherwise it
 * opens empty and says how to load one.  A file that is there but no
 * longer loads is the workbench's to show: its error goes to *failed
 * (the first one).
 */
static void
reopen_last(struct desk *d, struct rd_err *failed)
{
	int which;

	for (which = 0; which <= 1; which++) {
		char *path = desk_last_policy(d, which);
		struct rd_err e;

		rd_err_clear(&e);
		/* A challenger is reopened only beside its champion. */
		if (path != NULL && path[0] != '\0' &&
		    access(path, R_OK) == 0 &&
		    (which == 0 || desk_policy_slot(d, 0) != NULL) &&
		    desk_load_policy(d, path, which, &e) != 0 &&
		    failed->cls == RD_OK)
			*failed = e;
		free(path);
	}
}

/*
 * "--report-time 2024-05-01T09:30:00Z" (UTC) or seconds since 1970:
 * the time the document states, fixed so that two runs give the same
 * bytes.  Later than 1970-01-01T00:00:00Z: the workbook library takes a
 * creation time of 0 for "now", which would make the workbook differ
 * from run to run.  Returns 0, -1 for text that is not such a time, or
 * -2 for a date or time the calendar does not have (2024-02-30, 25:00).
 */
static int
parse_report_time(const char *s, time_t *t)
{
	struct tm tm;
	int y, mo, d, h, mi, se, n = 0;
	double x;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi,
	    &se, &n) == 6 && s[n] == '\0') {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = se;
		*t = timegm(&tm);
		/* timegm carries 2024-02-30 over to March 1st and 25:00 to
		   the next day: a time that does not come back as it was
		   written does not exist (a leap second neither, as POSIX
		   time has none). */
		if (!gmtime_r(t, &tm) || tm.tm_year != y - 1900 ||
		    tm.tm_mon != mo - 1 || tm.tm_mday != d ||
		    tm.tm_hour != h || tm.tm_min != mi || tm.tm_sec != se)
			return -2;
		return *t > 0 ? 0 : -1;
	}
	if (cmd_parse_num(s, &x) == 0 && x > 0 && x < 1e11 &&
	    x == floor(x)) {
		*t = (time_t)x;
		return 0;
	}
	return -1;
}

/* The report, the document or the workbook, to --output whole or not
   at all (afile.h), or to standard output. */
/* Whether the report asked for is the document (desk-doc.h). */
/*
 * Rows of a slice of the policy report: DESK_SIM_SLICE, or the value of
 * RISKDESK_SIM_SLICE (a positive count; for the tests that compare a
 * report read in small slices with one read whole, which the value
 * "whole" asks for).
 */
static size_t
report_slice(void)
{
	const char *e = getenv("RISKDESK_SIM_SLICE");
	char *end;
	unsigned long long v;

	if (e == NULL || *e == '\0')
		return DESK_SIM_SLICE;
	if (strcmp(e, "whole") == 0)
		return 0;
	v = strtoull(e, &end, 10);
	return *end == '\0' && v > 0 ? (size_t)v : DESK_SIM_SLICE;
}

/* Whether RISKDESK_REPORT_TALLY is 0 (desk_set_tally). */
static int
report_tally_off(void)
{
	const char *e = getenv("RISKDESK_REPORT_TALLY");

	return e != NULL && strcmp(e, "0") == 0;
}

static int
is_document(const struct main_opts *o)
{
	return o->report && (o->document || o->fmt == REPORT_HTML ||
	    o->fmt == REPORT_XLSX);
}

/* spec: the document's (is_document), its analysis perhaps prefetched. */
static int
write_report(struct desk *d, const struct main_opts *o,
	struct desk_document_spec *spec, struct rd_err *err)
{
	struct report_policy_opts ro = { .curves = o->curves };
	struct afile *a;
	int rc;

	if (is_document(o)) {
		spec->psi_table = o->psi_table;
		spec->time = time(NULL);
		if (o->report_time != NULL)
			parse_report_time(o->report_time, &spec->time);
		return report_document_write(d, spec, o->fmt, o->output,
		    stdout, err);
	}
	if (o->output == NULL)
		return report_policy_with(stdout, d, o->fmt, &ro, err);
	if ((a = afile_open(o->output, err)) == NULL)
		return -1;
	if ((rc = report_policy_with(afile_stream(a), d, o->fmt, &ro, err))
	    != 0)
		return afile_fail(a, err);
	return afile_commit(a, err);
}

/*
 * --report --engine: the figures computed where the applicants live
 * (desk-engine.h), written as text or JSON.  Only what the query gives:
 * the options that need the applicants' scores in riskdesk are refused.
 */
/*
 * Report err and return its exit code: with every error of the policy
 * d holds (desk_policy_errors) when err is the first of several, as a
 * policy's check lists them, else err alone.
 */
static int
fail_policy(const struct desk *d, const struct rd_err *err)
{
	const struct policy_errors *pe = desk_policy_errors(d);

	if (pe->n > 1 && pe->err[0].line == err->line &&
	    strcmp(pe->err[0].msg, err->msg) == 0)
		return cmd_fail_all(pe->err, pe->n, pe->dropped);
	return cmd_fail(err);
}

static int
run_engine(const struct main_opts *o)
{
	struct desk_engine_cutoff cut[MAX_CUTOFFS];
	struct desk_engine_report r;
	struct rd_err err;
	struct desk *d;
	char *seg[MAX_CUTOFFS];
	struct afile *a = NULL;
	int i, rc;

	rd_err_clear(&err);
	if (o->fmt == REPORT_HTML || o->fmt == REPORT_XLSX || o->document)
		return cmd_usage_error("--engine reports the policy's figures "
		    "as text or json: the document (--document, --format html "
		    "or xlsx) needs the applicants' scores in riskdesk");
	if (o->curves || o->optimise != NULL)
		return cmd_usage_error("--engine gives the figures at the "
		    "policy's cutoffs: --curves and --optimise need every "
		    "applicant's score in riskdesk");
	if (o->save_run)
		return cmd_usage_error("--engine does not save runs: "
		    "--save-run stores the decisions of the riskdesk table");
	if (o->psi_table != NULL || o->report_time != NULL)
		return cmd_usage_error("--psi-table and --report-time go with "
		    "the document, which --engine does not write");
	if (o->source == NULL)
		return cmd_usage_error("--engine needs --source <table>");
	if (o->target != NULL && o->bad == NULL)
		return cmd_usage_error("--target needs --bad <value>");
	if (o->target == NULL && (o->bad != NULL || o->ngood > 0))
		return cmd_usage_error("--bad and --good go with --target "
		    "<column>");
	if (cmd_check_outcome((const char *const *)&o->bad, o->bad != NULL, (const char *const *)
	    o->good, o->ngood) != 0)
		return 2;
	for (i = 0; i < o->ncutoff; i++) {
		const char *eq = strrchr(o->cutoff[i], '=');
		double x;

		if (eq == NULL || eq == o->cutoff[i] ||
		    cmd_parse_num(eq + 1, &x) != 0) {
			rc = cmd_usage_error("--cutoff: expected "
			    "<segment>=<score>, found \"%s\"", o->cutoff[i]);
			while (i-- > 0)
				free(seg[i]);
			return rc;
		}
		seg[i] = xstrndup(o->cutoff[i], (size_t)(eq - o->cutoff[i]));
		cut[i].segment = seg[i];
		cut[i].score = x;
	}
	if (o->output != NULL) {
		const char *in[] = { "the policy", o->policy,
		    "the challenger", o->challenger };

		if (*o->output == '\0' || afile_check_target("--output",
		    o->output, o->db, in, 2, &err) != 0) {
			rc = cmd_usage_error("%s", *o->output == '\0' ?
			    "--output: expected a file name, found nothing" :
			    err.msg);
			goto out;
		}
	}
	if ((d = desk_open_existing(o->db, &err)) == NULL) {
		rc = cmd_fail(&err);
		goto out;
	}
	rc = desk_report_engine(d, o->policy, o->challenger, cut,
	    (size_t)o->ncutoff, o->engine, o->source, o->target, o->bad,
	    o->good, (size_t)o->ngood, &r, &err);
	if (rc == 0 && o->output == NULL) {
		rc = report_policy_engine(stdout, &r, o->fmt, &err);
	} else if (rc == 0) {
		if ((a = afile_open(o->output, &err)) == NULL)
			rc = -1;
		else if ((rc = report_policy_engine(afile_stream(a), &r,
		    o->fmt, &err)) != 0)
			rc = afile_fail(a, &err);
		else
			rc = afile_commit(a, &err);
	}
	if (rc == 0)
		desk_engine_report_done(&r);
	/* Faults of the policy found on the data (each segment's EAD):
	   every one, as --report names them. */
	if (rc != 0)
		rc = fail_policy(d, &err);
	desk_close(d);
out:
	for (i = 0; i < o->ncutoff; i++)
		free(seg[i]);
	return rc;
}

static int
run_main(const struct main_opts *o)
{
	struct rd_err err, start;
	struct desk_document_spec spec;
	struct desk *d;
	int rc = 0, created, ran = 0, failed = -1;
	size_t i;

	rd_err_clear(&err);
	rd_err_clear(&start);
	if (o->report && o->policy == NULL)
		return cmd_usage_error("--report needs --policy <file>");
	if (o->challenger != NULL && o->policy == NULL)
		return cmd_usage_error("--challenger needs --policy <file>");
	if (!o->report && (o->ncutoff > 0 || o->output != NULL))
		return cmd_usage_error("--cutoff and --output go with --report");
	if (!o->report && (o->curves || o->optimise != NULL || o->save_run ||
	    o->document || o->psi_table != NULL || o->report_time != NULL))
		return cmd_usage_error("--curves, --optimise, --save-run, "
		    "--document, --psi-table and --report-time go with --report");
	if (!o->report && (o->engine != NULL || o->source != NULL ||
	    o->target != NULL || o->bad != NULL || o->ngood > 0))
		return cmd_usage_error("--engine, --source, --target, --bad and "
		    "--good go with --report");
	if (o->engine == NULL && (o->source != NULL || o->target != NULL ||
	    o->bad != NULL || o->ngood > 0))
		return cmd_usage_error("--source, --target, --bad and --good go "
		    "with --engine");
	if (o->report_time != NULL) {
		time_t t;
		int rc = parse_report_time(o->report_time, &t);

		if (rc == -2)
			return cmd_usage_error("--report-time: \"%s\" is no "
			    "date and time of the calendar (month 01-12, a day "
			    "the month has, hour 00-23, minute and second "
			    "00-59): give a real UTC time such as "
			    "2024-05-01T09:30:00Z", o->report_time);
		if (rc != 0)
			return cmd_usage_error("--report-time: expected a UTC "
			    "time after 1970-01-01T00:00:00Z such as "
			    "2024-05-01T09:30:00Z, or seconds since 1970 (at "
			    "least 1), found \"%s\"", o->report_time);
	}
	if (o->engine != NULL)
		return run_engine(o);
	if (o->report && o->fmt == REPORT_XLSX && o->output == NULL &&
	    isatty(STDOUT_FILENO))
		return cmd_usage_error("--format xlsx writes a workbook: give "
		    "--output <file.xlsx> or redirect the output");
	if (!o->report && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cmd_usage_error("the workbench needs a terminal; use "
		    "--report for headless output");
	if (o->report && o->output != NULL) {
		const char *in[] = { "the policy", o->policy,
		    "the challenger", o->challenger };

		if (*o->output == '\0')
			return cmd_usage_error("--output: expected a file "
			    "name, found nothing");
		if (afile_check_target("--output", o->output, o->db, in, 2,
		    &err) != 0)
			return cmd_usage_error("%s", err.msg);
		/* The report is computed without a point to stop at: a
		   signal ends the process, the output left as it was. */
		cmd_catch_output_signals();
	}
	/* A report reads an existing database; it never creates one. */
	if (o->report && access(o->db, F_OK) != 0) {
		rd_err_set(&err, RD_EIO, "cannot open database %s: %s", o->db,
		    strerror(errno));
		return cmd_fail(&err);
	}
	/* A database this run creates is removed again when the policy
	   does not load, unless something was imported into it. */
	created = access(o->db, F_OK) != 0 && errno == ENOENT;
	if ((d = desk_open(o->db, &err)) == NULL)
		return cmd_fail(&err);
	/* The policy report reads its population slice by slice, in memory
	   that does not grow with the rows; the workbench, the document and
	   --save-run keep the rows (desk_set_slice). */
	/* The report's warnings are counted in the simulation's pass;
	   RISKDESK_REPORT_TALLY=0, for the tests that compare the two,
	   counts them in a pass of their own. */
	if (o->report && !report_tally_off())
		desk_set_tally(d, 1);
	desk_set_sql_conditions(d, cmd_sql_conditions());
	if (o->report && !is_document(o) && !o->save_run) {
		desk_set_slice(d, report_slice());
		/* Each slice allocates what the last one freed: from the
		   same pages (xmalloc_reuse). */
		if (report_slice() > 0)
			xmalloc_reuse();
	}
	/* The document's characteristic analysis starts now, beside the
	   policy's simulation (desk_doc_prefetch_start). */
	desk_document_spec_init(&spec);
	if (is_document(o))
		spec.prefetch = desk_doc_prefetch_start(o->db, o->policy,
		    &spec.bspec);
	if (o->policy != NULL && (rc = desk_load_policy(d, o->policy, 0,
	    &err)) != 0)
		failed = 0;
	else if (o->policy == NULL && !o->report)
		reopen_last(d, &start);
	/* A policy of fraud rules or collections only opens in the
	   workbench (its Fraud or Collections screen); a report has nothing
	   of it to write. */
	if (rc == 0 && o->report && desk_unscored(d) != NULL) {
		policy_unscored_err(desk_unscored(d), "a report needs a credit "
		    "policy", &err);
		rc = -1;
	}
	if (rc == 0 && o->challenger != NULL && (rc = desk_load_policy(d,
	    o->challenger, 1, &err)) != 0)
		failed = 1;
	/* A collections strategy is planned by collect (and the
	   workbench's Collections screen), not compared in a report. */
	if (rc == 0 && o->report && desk_collect_challenger(d) != NULL) {
		rd_err_set(&err, RD_EUSAGE, "--challenger %s holds a "
		    "collections strategy only: a report compares credit "
		    "policies; plan it beside the champion's with riskdesk "
		    "collect --policy <file> --challenger %s", o->challenger,
		    o->challenger);
		rc = -1;
	}
	/* The workbench opens on a policy that does not load: the Policy
	   screen shows the error at its line, and the officer fixes the
	   file and opens it again. */
	if (rc != 0 && !o->report) {
		start = err;
		rc = 0;
	}
	if (rc == 0)
		rc = apply_cutoffs(d, o, &err);
	if (rc == 0 && o->optimise != NULL)
		rc = apply_optimise(d, o->optimise, &err);
	if (rc == 0 && o->save_run)
		rc = save_runs(d, &err);
	if (rc == 0 && o->report)
		rc = desk_lint(d, &err);
	if (rc == 0 && o->report) {
		rc = write_report(d, o, &spec, &err);
	} else if (rc == 0) {
		struct rd_err ignored;

		/* Reopen this pair next time; a read-only database cannot
		   remember, which is no reason to refuse the workbench. */
		if (o->policy != NULL && failed < 0)
			desk_remember_policies(d, &ignored);
		ran = 1;
		rc = tui_run(d, start.cls != RD_OK ? &start : NULL, &err);
		/* Quit with the policy asked for still not loaded: the
		   command failed, and says why as without the workbench.
		   A champion of fraud rules or collections only is loaded
		   though its slot is empty. */
		if (rc == 0 && failed >= 0 && desk_policy_slot(d, failed) ==
		    NULL && (failed == 1 || desk_unscored(d) == NULL)) {
			err = start;
			rc = -1;
			ran = 0;
		}
	}
	if (rc != 0 && created && !ran) {
		struct rd_err ignored;
		char **tables = desk_tables(d, &ignored);

		created = tables != NULL && tables[0] == NULL;
		for (i = 0; tables != NULL && tables[i] != NULL; i++)
			free(tables[i]);
		free(tables);
	} else {
		created = 0;
	}
	/* A policy that did not load: every error found, not the first. */
	if (rc != 0 && !ran)
		rc = fail_policy(d, &err);
	else if (rc != 0)
		rc = cmd_fail(&err);
	desk_doc_prefetch_free(spec.prefetch);
	desk_close(d);
	if (created)
		unlink(o->db);
	return rc;
}

/*
 * Whatever a command printed on standard output must have reached it: a
 * full disk or a closed file behind stdout (--help > /dev/full) is an
 * error of class RD_EIO, exit 4, never a silent success.  A command that
 * failed already keeps its own status and message.
 */
static int
stdout_done(int rc)
{
	int bad;

	errno = 0;
	bad = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad && rc == 0) {
		fprintf(stderr, "riskdesk: cannot write standard output: %s\n",
		    errno != 0 ? strerror(errno) : "write error");
		rc = rd_err_exit_code(RD_EIO);
	}
	return rc;
}

/*
 * "--busy-timeout <seconds>" (or "--busy-timeout=<seconds>"), accepted
 * before or after the command word by every command and the workbench:
 * taken out of argv (argc updated) and set for every database opened
 * (db_set_busy_timeout).  Returns 0, or 2 after a usage error.
 */
static int
take_busy_timeout(int *argc, char **argv)
{
	int i, j;

	for (i = 1; i < *argc; i++) {
		const char *v = NULL;
		int used = 1;
		double x;

		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--busy-timeout") == 0) {
			if (i + 1 == *argc)
				return cmd_usage_error("--busy-timeout: expected "
				    "a number of seconds, found nothing");
			v = argv[i + 1];
			used = 2;
		} else if (strncmp(argv[i], "--busy-timeout=", 15) == 0) {
			v = argv[i] + 15;
		} else {
			continue;
		}
		if (cmd_parse_num(v, &x) != 0 || x < 0 || x > 86400)
			return cmd_usage_error("--busy-timeout: expected seconds "
			    "from 0 to 86400, found \"%s\"", v);
		db_set_busy_timeout((int)(x * 1000 + 0.5));
		for (j = i; j + used <= *argc; j++)
			argv[j] = argv[j + used];
		*argc -= used;
		i--;
	}
	return 0;
}

static int
run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "challenger", required_argument, NULL, 'c' },
		{ "report", no_argument, NULL, 'r' },
		{ "cutoff", required_argument, NULL, 'C' },
		{ "format", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "keys-roff", no_argument, NULL, 'K' },
		{ "curves", no_argument, NULL, 'T' },
		{ "optimise", required_argument, NULL, 'O' },
		{ "save-run", no_argument, NULL, 'S' },
		{ "document", no_argument, NULL, 'D' },
		{ "psi-table", required_argument, NULL, 'P' },
		{ "report-time", required_argument, NULL, 't' },
		{ "engine", required_argument, NULL, 'E' },
		{ "source", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 'g' },
		{ "bad", required_argument, NULL, 'b' },
		{ "good", required_argument, NULL, 'G' },
		{ NULL, 0, NULL, 0 }
	};
	struct main_opts o = { .db = CMD_DEFAULT_DB, .fmt = REPORT_TEXT };
	enum report_format fmt;
	int c, json = 0, nfmt = 0;

	/* Locale for ncursesw's wide characters; numbers stay in C. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	if (take_busy_timeout(&argc, argv) != 0)
		return 2;

	if (argc > 1 && argv[1][0] != '-') {
		const struct cmd_entry *c = cmd_find(argv[1]);

		if (c == NULL)
			return cmd_usage_error("unknown command \"%s\"",
			    argv[1]);
		cmd_progress_install();
		return c->run(argc - 1, argv + 1);
	}

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.db = optarg; break;
		case 'p': o.policy = optarg; break;
		case 'c': o.challenger = optarg; break;
		case 'r': o.report = 1; break;
		case 'C':
			if (o.ncutoff == MAX_CUTOFFS)
				return cmd_usage_error("too many --cutoff options");
			o.cutoff[o.ncutoff++] = optarg;
			break;
		case 'f':
			if (report_format_parse(optarg, &fmt) != 0)
				return cmd_usage_error("--format: expected text, "
				    "json, html or xlsx, found \"%s\"", optarg);
			if (json && fmt != REPORT_JSON)
				return cmd_usage_error("--json and --format %s "
				    "do not go together", optarg);
			o.fmt = fmt;
			nfmt++;
			break;
		case 'j':
			/* As every command's --json: --format json. */
			if (nfmt > 0 && o.fmt != REPORT_JSON)
				return cmd_usage_error("--json and --format %s "
				    "do not go together", o.fmt == REPORT_TEXT ?
				    "text" : o.fmt == REPORT_HTML ? "html" :
				    "xlsx");
			json = 1;
			o.fmt = REPORT_JSON;
			break;
		case 'o': o.output = optarg; break;
		case 'h': cmd_help(stdout); return 0;
		case 'V': printf("riskdesk %s\n", PACKAGE_VERSION); return 0;
		case 'K': keys_print_roff(stdout); return 0;
		case 'T': o.curves = 1; break;
		case 'O': o.optimise = optarg; break;
		case 'S': o.save_run = 1; break;
		case 'D': o.document = 1; break;
		case 'P': o.psi_table = optarg; break;
		case 't': o.report_time = optarg; break;
		case 'E': o.engine = optarg; break;
		case 's':
			if ((o.source = cmd_source_arg(optarg)) == NULL)
				return 2;
			break;
		case 'g': o.target = optarg; break;
		case 'b':
			if (o.bad == NULL) {
				o.bad = xstrdup(optarg);
			} else {
				char *t = xasprintf("%s\t%s", o.bad, optarg);

				free(o.bad);
				o.bad = t;
			}
			break;
		case 'G':
			if (o.ngood == MAX_CUTOFFS)
				return cmd_usage_error("too many --good options");
			o.good[o.ngood++] = optarg;
			break;
		default: return cmd_usage_error("unknown option");
		}
	}
	if (optind < argc)
		return cmd_usage_error("unknown command \"%s\"", argv[optind]);
	if (o.report)
		cmd_progress_install();
	c = run_main(&o);
	free(o.bad);
	return c;
}

int
main(int argc, char **argv)
{
	return stdout_done(run(argc, argv));
}
