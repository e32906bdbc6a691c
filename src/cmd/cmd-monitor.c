/*
 * cmd-monitor.c - "riskdesk monitor": portfolio monitoring of a stored
 * scorecard over an application table and a performance table of
 * monthly snapshots (desk/desk-monitor.h), as text, JSON or an HTML
 * page, on standard output or written to --output through afile.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "desk/desk-monitor.h"
#include "model/monitor.h"
#include "report/report-monitor.h"
#include "util/afile.h"
#include "util/err.h"

/* A whole number from lo to hi, or a usage error (returns 2). */
static int
int_opt(const char *opt, const char *s, int lo, int hi, int *out)
{
	double v;

	if (cmd_parse_num(s, &v) != 0 || v != floor(v) || v < lo || v > hi)
		return cmd_usage_error("%s: expected a whole number from %d "
		    "to %d, found \"%s\"", opt, lo, hi, s);
	*out = (int)v;
	return 0;
}

static int
share_opt(const char *opt, const char *s, double *out)
{
	if (cmd_parse_num(s, out) != 0 || *out < 0 || *out > 1)
		return cmd_usage_error("%s: expected a number from 0 to 1, "
		    "found \"%s\"", opt, s);
	return 0;
}

int
cmd_monitor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "applications", required_argument, NULL, 'A' },
		{ "performance", required_argument, NULL, 'P' },
		{ "id", required_argument, NULL, 'i' },
		{ "app-date", required_argument, NULL, 'D' },
		{ "decision", required_argument, NULL, 'E' },
		{ "perf-id", required_argument, NULL, 'I' },
		{ "month", required_argument, NULL, 'M' },
		{ "dpd", required_argument, NULL, 'p' },
		{ "charge-off", required_argument, NULL, 'C' },
		{ "by", required_argument, NULL, 'b' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "bad-dpd", required_argument, NULL, 'B' },
		{ "window", required_argument, NULL, 'w' },
		{ "bins", required_argument, NULL, 'N' },
		{ "psi-alpha", required_argument, NULL, 'a' },
		{ "amber", required_argument, NULL, 'm' },
		{ "red", required_argument, NULL, 'r' },
		{ "policy", required_argument, NULL, 'y' },
		{ "cutoff", required_argument, NULL, 'c' },
		{ "override-max", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct desk_monitor_spec s;
	struct desk_monitor m;
	const char *dbpath = CMD_DEFAULT_DB, *output = NULL;
	enum report_format fmt = REPORT_TEXT;
	struct afile *af = NULL;
	struct rd_err err;
	struct desk *d;
	int c, json = 0, rc, v;
	double x;

	rd_err_clear(&err);
	desk_monitor_spec_init(&s);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'n': s.card = optarg; break;
		case 'A': s.applications = optarg; break;
		case 'P': s.performance = optarg; break;
		case 'i': s.id = optarg; break;
		case 'D': s.app_date = optarg; break;
		case 'E': s.decision = optarg; break;
		case 'I': s.perf_id = optarg; break;
		case 'M': s.month = optarg; break;
		case 'p': s.dpd = optarg; break;
		case 'C': s.charge_off = optarg; break;
		case 'b':
			if (strcmp(optarg, "month") == 0)
				s.by = 1;
			else if (strcmp(optarg, "quarter") == 0)
				s.by = 3;
			else
				return cmd_usage_error("--by: expected month "
				    "or quarter, found \"%s\"", optarg);
			break;
		case 'f':
		case 't':
			if (monitor_month_parse(optarg, &v) != 0)
				return cmd_usage_error("--%s: expected a month "
				    "YYYY-MM, found \"%s\"", c == 'f' ? "from" :
				    "to", optarg);
			if (c == 'f')
				s.from = v;
			else
				s.to = v;
			break;
		case 'B':
			if (int_opt("--bad-dpd", optarg, 1, 3650,
			    &s.bad_dpd) != 0)
				return 2;
			break;
		case 'w':
			if (int_opt("--window", optarg, 1, 600, &s.window) != 0)
				return 2;
			break;
		case 'N':
			if (int_opt("--bins", optarg, 2, 100, &v) != 0)
				return 2;
			s.bins = (size_t)v;
			break;
		case 'a':
			if (share_opt("--psi-alpha", optarg, &s.psi_alpha) != 0)
				return 2;
			break;
		case 'm':
			if (share_opt("--amber", optarg, &s.amber) != 0)
				return 2;
			break;
		case 'r':
			if (share_opt("--red", optarg, &s.red) != 0)
				return 2;
			break;
		case 'y': s.policy = optarg; break;
		case 'c':
			if (cmd_parse_num(optarg, &x) != 0)
				return cmd_usage_error("--cutoff: expected a "
				    "score, found \"%s\"", optarg);
			s.cutoff = x;
			break;
		case 'o':
			if (share_opt("--override-max", optarg,
			    &s.override_max) != 0)
				return 2;
			break;
		case 'j': json = 1; break;
		case 'F':
			if (report_format_parse(optarg, &fmt) != 0 ||
			    fmt == REPORT_XLSX)
				return cmd_usage_error("--format: expected "
				    "text, json or html, found \"%s\"", optarg);
			break;
		case 'O': output = optarg; break;
		case 'h': cmd_help(stdout); return 0;
		default:
			return cmd_usage_error("bad option to monitor");
		}
	}
	if (optind != argc)
		return cmd_usage_error("monitor takes no file arguments");
	if (s.card == NULL)
		return cmd_usage_error("monitor needs --name <scorecard>");
	if (s.policy != NULL && !isnan(s.cutoff))
		return cmd_usage_error("--policy and --cutoff: give one, the "
		    "decisions the overrides are judged against");
	if (json && fmt != REPORT_TEXT && fmt != REPORT_JSON)
		return cmd_usage_error("--json and --format %s: give one",
		    fmt == REPORT_HTML ? "html" : "?");
	if (json)
		fmt = REPORT_JSON;
	if (output != NULL) {
		const char *in[] = { "the policy", s.policy };

		if (afile_check_target("--output", output, dbpath, in, 1,
		    &err) != 0)
			return cmd_usage_error("%s", err.msg);
	}
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	rc = desk_monitor(d, &s, &m, &err);
	if (rc == 0) {
		if (output != NULL && (af = afile_open(output, &err)) == NULL)
			rc = -1;
		if (rc == 0)
			rc = report_monitor(af != NULL ? afile_stream(af) :
			    stdout, &m, fmt, &err);
		if (af != NULL)
			rc = rc == 0 ? afile_commit(af, &err) :
			    afile_fail(af, &err);
		desk_monitor_done(&m);
	}
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}
