/*
 * cmd-fraud.c - "riskdesk fraud": a policy's fraud rules evaluated on the
 * events of a table with known outcomes (desk-fraud.h), the figures as
 * text or JSON (report-fraud.h).
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "data/datefmt.h"
#include "data/events.h"
#include "desk/desk.h"
#include "desk/desk-fraud.h"
#include "report/report-fraud.h"
#include "util/afile.h"
#include "util/err.h"

/*
 * --from after every event: the figures are all empty, which is said on
 * standard error with the table's last event time (UTC), so a mistyped
 * year is seen; the run is not failed (a scheduled job may run before
 * the day's events arrive).
 */
static void
from_warning(const char *from, const struct fraud_data *data)
{
	double last = -INFINITY;
	size_t i;
	time_t t;
	struct tm tm;
	char when[32] = "?";

	for (i = 0; i < data->n; i++)
		if (data->t[i] > last)
			last = data->t[i];
	t = (time_t)last;
	if (isfinite(last) && gmtime_r(&t, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "riskdesk: warning: no event at or after --from %s "
	    "(the last is at %s UTC): the figures count no event\n", from,
	    when);
}

int
cmd_fraud(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "table", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "events", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = CMD_DEFAULT_DB, *policy = NULL, *table = NULL;
	const char *events = NULL;
	struct afile *af = NULL;
	struct desk_fraud f;
	struct datefmt_tm tm;
	struct rd_err err;
	struct desk *d;
	double from = -INFINITY;
	int c, json = 0, has_time, rc;
	size_t k;
	long off;
	const char *optfrom = NULL;

	rd_err_clear(&err);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'p': policy = optarg; break;
		case 't': table = optarg; break;
		case 'f':
			optfrom = optarg;
			if (!datefmt_parse_iso_zoned(optarg, strlen(optarg),
			    &tm, &has_time, &off))
				return cmd_usage_error("--from: expected an ISO "
				    "8601 date or date-time (2024-03-01, "
				    "2024-03-01 08:00:00, 2024-03-01T08:00Z), "
				    "found \"%s\"", optarg);
			from = events_seconds(tm.y, tm.m, tm.d, tm.H, tm.M,
			    tm.S) - (double)off;
			break;
		case 'j': json = 1; break;
		case 'e': events = optarg; break;
		case 'h': cmd_help(stdout); return 0;
		default: return cmd_usage_error("bad option to fraud");
		}
	}
	if (optind != argc)
		return cmd_usage_error("fraud takes no operand (\"%s\")",
		    argv[optind]);
	if (policy == NULL)
		return cmd_usage_error("fraud needs --policy <file>");
	if (events != NULL) {
		const char *in[] = { "the policy", policy };

		if (*events == '\0')
			return cmd_usage_error("--events: expected a file "
			    "name, found nothing");
		if (afile_check_target("--events", events, dbpath, in, 1,
		    &err) != 0)
			return cmd_usage_error("%s", err.msg);
	}
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	if (desk_fraud_run(d, policy, table, from, &f, &err) != 0) {
		rc = err.cls == RD_EUSAGE ? cmd_fail(&err) :
		    cmd_fail_all(d->load_errors.err, d->load_errors.n,
		    d->load_errors.dropped);
		desk_close(d);
		return rc;
	}
	rc = 0;
	if (f.eval.events == 0 && f.data.n > 0 && isfinite(from))
		from_warning(optfrom, &f.data);
	for (k = 0; k < f.nwarnings; k++)
		fprintf(stderr, "riskdesk: warning: %s\n", f.warnings[k]);
	if (events != NULL) {
		if ((af = afile_open(events, &err)) == NULL ||
		    report_fraud_events(afile_stream(af), &f, &err) != 0 ||
		    afile_commit(af, &err) != 0)
			rc = cmd_fail(&err);
		else
			af = NULL;
	}
	if (rc == 0)
		rc = report_fraud(stdout, &f, json, &err) == 0 ? 0 :
		    cmd_fail(&err);
	afile_abort(af);
	desk_fraud_done(&f);
	desk_close(d);
	return rc;
}
