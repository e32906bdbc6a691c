/*
 * cmd-import.c - "riskdesk import": a CSV file into a typed table (see
 * data/csv-import.h), with its summary as text or JSON.
 *
 * The front end's part of an import: parsing the options into an
 * import_spec, a SIGINT and SIGTERM handler that only sets the flag the
 * core polls (so Ctrl-C or a kill rolls the import back), and the
 * progress bar, drawn on
 * stderr when it is a terminal and the import has run for over a second.
 * A database the command creates is built under a temporary name and
 * linked into place only when the import succeeded (struct new_db), so a
 * refused, interrupted or killed import leaves no database behind.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "report/report.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

#define PROGRESS_DELAY 1.0	/* seconds before the bar appears */
#define PROGRESS_EVERY 0.1	/* seconds between redraws */

/* Set by SIGINT and SIGTERM: the import rolls back at its next batch. */
static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct progress {
	int tty;		/* stderr is a terminal */
	int drawn;		/* something is on the line */
	struct timespec start;	/* of the import */
	struct timespec pass_start;
	double last;		/* seconds since start of the last draw */
	int pass;
};

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
progress_draw(void *arg, const struct import_progress *p)
{
	struct progress *pr = arg;
	char b1[FMT_BUF], b2[FMT_BUF], tail[2 * FMT_BUF + 16];
	double frac, secs;

	if (p->pass != pr->pass) {
		pr->pass = p->pass;
		clock_gettime(CLOCK_MONOTONIC, &pr->pass_start);
	}
	if (!pr->tty || (secs = since(&pr->start)) < PROGRESS_DELAY ||
	    secs - pr->last < PROGRESS_EVERY)
		return;
	pr->last = secs;
	frac = p->bytes_total ? (double)p->bytes_done /
	    (double)p->bytes_total : 0;
	secs = since(&pr->pass_start);
	snprintf(tail, sizeof tail, "%s rows  %s rows/s",
	    fmt_count(b1, (double)p->rows),
	    fmt_count(b2, secs > 0 ? floor((double)p->rows / secs) : 0));
	cmd_progress_line(p->pass == 1 ? "reading  " : "importing", frac,
	    tail);
	pr->drawn = 1;
}

/*
 * A database the import creates is built under a temporary name beside
 * its path (mkstemp: owner-only, exclusive) and linked into place only
 * when the import succeeded, so a failed, interrupted or killed first
 * import never leaves a database at the path: at most, after a SIGKILL,
 * "<db>.tmp-XXXXXX" and its journal, owner-only.  Until then the exit
 * and the signal handlers remove them (afile_track).
 */
struct new_db {
	const char *path;	/* where the database goes */
	char *tmp;		/* where it is built */
	char *side[3];		/* tmp's journal, WAL and shared memory */
	int track[4];		/* afile_track handles */
};

static int
new_db_begin(struct new_db *nd, const char *path, struct rd_err *err)
{
	static const char *const side[] = { "-journal", "-wal", "-shm" };
	size_t k;
	int fd;

	memset(nd, 0, sizeof *nd);
	nd->path = path;
	nd->tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(nd->tmp)) < 0) {
		rd_err_set(err, RD_EIO, "cannot create database %s: %s", path,
		    strerror(errno));
		free(nd->tmp);
		nd->tmp = NULL;
		return -1;
	}
	close(fd);
	nd->track[0] = afile_track(nd->tmp);
	for (k = 0; k < 3; k++) {
		nd->side[k] = xasprintf("%s%s", nd->tmp, side[k]);
		nd->track[k + 1] = afile_track(nd->side[k]);
	}
	return 0;
}

/* Where an error names the temporary database, name the database. */
static void
new_db_named(const struct new_db *nd, struct rd_err *err)
{
	char out[RD_ERR_MSG], *at;

	if (strcmp(err->file, nd->tmp) == 0)
		snprintf(err->file, sizeof err->file, "%s", nd->path);
	while ((at = strstr(err->msg, nd->tmp)) != NULL) {
		snprintf(out, sizeof out, "%.*s%s%s", (int)(at - err->msg),
		    err->msg, nd->path, at + strlen(nd->tmp));
		memcpy(err->msg, out, sizeof out);
	}
}

/*
 * Finish a new database (closed by now): with keep, link it into place
 * (never over a database another process made meanwhile); either way
 * the temporary name goes.  Returns 0, or -1 with err (RD_EIO).
 */
static int
new_db_end(struct new_db *nd, int keep, struct rd_err *err)
{
	size_t k;
	int rc = 0;

	new_db_named(nd, err);
	if (keep && link(nd->tmp, nd->path) != 0) {
		if (errno == EEXIST)
			rc = rd_err_set(err, RD_EIO, "cannot create database "
			    "%s: another process created it during the "
			    "import; nothing imported, import again", nd->path);
		else
			rc = rd_err_set(err, RD_EIO, "cannot create database "
			    "%s: %s; nothing imported", nd->path,
			    strerror(errno));
	}
	for (k = 0; k < 3; k++) {
		(void)unlink(nd->side[k]);
		afile_untrack(nd->track[k + 1]);
		free(nd->side[k]);
	}
	if (unlink(nd->tmp) != 0 && errno != ENOENT)
		fprintf(stderr, "riskdesk: cannot remove %s: %s\n", nd->tmp,
		    strerror(errno));
	afile_untrack(nd->track[0]);
	free(nd->tmp);
	nd->tmp = NULL;
	if (keep && rc == 0)
		afile_sync_dir(nd->path);
	return rc;
}

/* Split s (modified) at commas into v[*n], at most max, each name
   without the blanks around it ("a, b" is "a" and "b").  A name holding
   a comma is written as a CSV field is, in double quotes with a quote
   inside doubled: "amount, EUR" (as fit --exclude takes it).  Returns 0,
   -1 past max, -2 for a quote not closed, -3 for text after a closing
   quote (*bad: the offset of that name's quote in s). */
static int
split_names(char *s, const char **v, size_t max, size_t *n, size_t *bad)
{
	char *p = s;

	for (;;) {
		char *comma, *e;

		if (*n == max)
			return -1;
		while (*p == ' ')
			p++;
		if (*p == '"') {
			char *q = p + 1, *o = p;

			*bad = (size_t)(p - s);
			for (; *q != '\0' && !(q[0] == '"' && q[1] != '"');
			    q++) {
				if (*q == '"')
					q++;	/* "" is one quote */
				*o++ = *q;
			}
			if (*q != '"')
				return -2;
			for (e = q + 1; *e == ' '; e++)
				;
			if (*e != ',' && *e != '\0')
				return -3;
			*o = '\0';
			v[(*n)++] = p;
			if (*e == '\0')
				return 0;
			p = e + 1;
			continue;
		}
		comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		for (e = p + strlen(p); e > p && e[-1] == ' '; e--)
			e[-1] = '\0';
		v[(*n)++] = p;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* "tab", "\t" or one character. */
static int
parse_char(const char *s, char *out)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
		*out = '\t';
	else if (strcmp(s, "space") == 0)
		*out = ' ';
	else if (strlen(s) == 1)
		*out = s[0];
	else
		return -1;
	return 0;
}

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "target", required_argument, NULL, 'T' },
		{ "bad", required_argument, NULL, 'b' },
		{ "good", required_argument, NULL, 'g' },
		{ "replace", no_argument, NULL, 'r' },
		{ "append", no_argument, NULL, 'a' },
		{ "delimiter", required_argument, NULL, 'D' },
		{ "decimal-comma", no_argument, NULL, 'c' },
		{ "thousands", required_argument, NULL, 'k' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "type", required_argument, NULL, 'y' },
		{ "na", required_argument, NULL, 'n' },
		{ "special", required_argument, NULL, 's' },
		{ "id", required_argument, NULL, 'i' },
		{ "on-duplicate", required_argument, NULL, 'o' },
		{ "strict", no_argument, NULL, 'S' },
		{ "no-header", no_argument, NULL, 'H' },
		{ "names", required_argument, NULL, 'N' },
		{ "date-format", required_argument, NULL, 'F' },
		{ "role", required_argument, NULL, 'R' },
		{ "reject-when", required_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "max-field", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_spec spec = { 0 };
	struct import_summary sum = { 0 };
	struct import_type_opt *types;
	struct import_date_opt *dates;
	struct import_role_opt *roles;
	struct import_special *special = NULL;
	const char **na, **names;
	char *names_copy = NULL;
	size_t at = 0;
	struct stat sb;
	struct new_db nd;
	int db_existed;
	size_t nspecial = 0, capspecial = 0;
	struct progress pr;
	struct sigaction sa, old_int, old_term;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB;
	char *copies[64];
	size_t ncopies = 0, k;
	struct desk *d;
	int c, json = 0, rc, ret, imported = 0;

	rd_err_clear(&err);
	types = xcalloc((size_t)argc + 1, sizeof *types);
	dates = xcalloc((size_t)argc + 1, sizeof *dates);
	roles = xcalloc((size_t)argc + 1, sizeof *roles);
	na = xcalloc((size_t)argc + 1, sizeof *na);
	names = NULL;
	spec.types = types;
	spec.dates = dates;
	spec.roles = roles;
	spec.na = na;
	ret = -1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *eq, *v, *p;

		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': spec.table = optarg; break;
		case 'T': spec.target = optarg; break;
		case 'b':
			/* Repeated: more bad values ("bad", "Bad"). */
			if (spec.bad == NULL) {
				spec.bad = optarg;
				break;
			}
			if (spec.nmore_bad + 1 == IMPORT_MAX_GOOD) {
				ret = cmd_usage_error("at most %d --bad "
				    "values", IMPORT_MAX_GOOD);
				goto out;
			}
			spec.more_bad[spec.nmore_bad++] = optarg;
			break;
		case 'W':
			if (spec.reject_col != NULL) {
				ret = cmd_usage_error("--reject-when given "
				    "twice: one column marks the rejects");
				goto out;
			}
			if (cmd_reject_when(optarg, &v,
			    &spec.reject_value) != 0) {
				ret = 2;
				goto out;
			}
			if (ncopies == sizeof copies / sizeof *copies) {
				free(v);
				ret = cmd_usage_error("too many options");
				goto out;
			}
			copies[ncopies++] = v;
			spec.reject_col = v;
			break;
		case 'g':
			if (spec.ngood == IMPORT_MAX_GOOD) {
				ret = cmd_usage_error("at most 16 --good "
				    "values");
				goto out;
			}
			spec.good[spec.ngood++] = optarg;
			break;
		case 'r':
		case 'a':
			if (spec.mode != IMPORT_CREATE && spec.mode !=
			    (c == 'r' ? IMPORT_REPLACE : IMPORT_APPEND)) {
				ret = cmd_usage_error("--replace and --append "
				    "do not go together");
				goto out;
			}
			spec.mode = c == 'r' ? IMPORT_REPLACE : IMPORT_APPEND;
			break;
		case 'D':
			if (parse_char(optarg, &spec.delimiter) != 0) {
				ret = cmd_usage_error("--delimiter: expected "
				    "one character or \"tab\", found \"%s\"",
				    optarg);
				goto out;
			}
			break;
		case 'c': spec.decimal_comma = 1; break;
		case 'k':
			if (parse_char(optarg, &spec.thousands) != 0) {
				ret = cmd_usage_error("--thousands: expected "
				    "one character or \"space\", found \"%s\"",
				    optarg);
				goto out;
			}
			break;
		case 'e': spec.encoding = optarg; break;
		case 'y':
			eq = strrchr(optarg, '=');
			if (eq == NULL || eq == optarg || import_type_parse(
			    eq + 1, &types[spec.ntypes].type) != 0) {
				ret = cmd_usage_error("--type: expected "
				    "<column>=integer|real|text|date, found "
				    "\"%s\"",
				    optarg);
				goto out;
			}
			*eq = '\0';
			types[spec.ntypes++].column = optarg;
			break;
		case 'n': na[spec.nna++] = optarg; break;
		case 's':
			eq = strchr(optarg, '=');
			/* An empty value (x=, x=1,,2 x=1,) is refused
			   as x= is. */
			if (eq == NULL || eq == optarg || eq[1] == '\0' ||
			    eq[1] == ',' || strstr(eq, ",,") != NULL ||
			    optarg[strlen(optarg) - 1] == ',' ||
			    ncopies == sizeof copies / sizeof copies[0]) {
				ret = cmd_usage_error("--special: expected "
				    "<column>=<value>[,<value>]..., found "
				    "\"%s\"", optarg);
				goto out;
			}
			*eq = '\0';
			v = copies[ncopies++] = xstrdup(eq + 1);
			for (p = v; p != NULL; ) {
				char *comma = strchr(p, ',');

				if (comma != NULL)
					*comma = '\0';
				if (nspecial == capspecial) {
					capspecial = capspecial ?
					    2 * capspecial : 8;
					special = xreallocarray(special,
					    capspecial, sizeof *special);
				}
				special[nspecial].column = optarg;
				special[nspecial++].value = p;
				p = comma ? comma + 1 : NULL;
			}
			break;
		case 'i': spec.id = optarg; break;
		case 'o':
			if (strcmp(optarg, "first") == 0)
				spec.on_duplicate = IMPORT_DUP_FIRST;
			else if (strcmp(optarg, "error") == 0)
				spec.on_duplicate = IMPORT_DUP_ERROR;
			else {
				ret = cmd_usage_error("--on-duplicate: "
				    "expected error or first, found \"%s\"",
				    optarg);
				goto out;
			}
			break;
		case 'S': spec.strict = 1; break;
		case 'H': spec.no_header = 1; break;
		case 'N':
			/* At most one name per character of the list. */
			free(names_copy);
			free(names);
			names_copy = xstrdup(optarg);
			names = xcalloc(strlen(optarg) + 2, sizeof *names);
			spec.nnames = 0;
			if ((rc = split_names(names_copy, names,
			    strlen(optarg) + 1, &spec.nnames, &at)) < -1) {
				ret = cmd_usage_error("--names: %s in \"%s\" "
				    "(the quote at character %zu): write a name "
				    "holding a comma in double quotes, \"amount, "
				    "EUR\", a quote inside doubled", rc == -2 ?
				    "a quote is not closed" :
				    "text after a closing quote", optarg, at + 1);
				goto out;
			}
			spec.names = names;
			break;
		case 'F':
			/* The column is what comes before the first '='. */
			eq = strchr(optarg, '=');
			if (eq == NULL || eq == optarg || eq[1] == '\0') {
				ret = cmd_usage_error("--date-format: expected "
				    "<column>=<format>, e.g. "
				    "app_date=%%d/%%m/%%Y, found \"%s\"",
				    optarg);
				goto out;
			}
			*eq = '\0';
			dates[spec.ndates].column = optarg;
			dates[spec.ndates++].format = eq + 1;
			break;
		case 'R':
			eq = strrchr(optarg, '=');
			if (eq == NULL || eq == optarg ||
			    (strcmp(eq + 1, "identifier") != 0 &&
			    strcmp(eq + 1, "ordinary") != 0)) {
				ret = cmd_usage_error("--role: expected "
				    "<column>=identifier|ordinary, found "
				    "\"%s\"", optarg);
				goto out;
			}
			roles[spec.nroles].identifier =
			    strcmp(eq + 1, "identifier") == 0;
			*eq = '\0';
			roles[spec.nroles++].column = optarg;
			break;
		case 'j': json = 1; break;
		case 'M': {
			double x;

			if (cmd_parse_num(optarg, &x) != 0 || x < 1 ||
			    x > 1e9 || x != (double)(size_t)x) {
				ret = cmd_usage_error("--max-field: expected "
				    "a whole number of bytes from 1 to "
				    "1000000000, found \"%s\"", optarg);
				goto out;
			}
			spec.max_field = (size_t)x;
			break;
		}
		case 'h': cmd_help(stdout); ret = 0; goto out;
		default:
			ret = cmd_usage_error("bad option to import");
			goto out;
		}
	}
	spec.special = special;
	spec.nspecial = nspecial;
	if (optind != argc - 1) {
		ret = cmd_usage_error("import takes one CSV file");
		goto out;
	}
	if (spec.table == NULL) {
		ret = cmd_usage_error("import needs --table <name>");
		goto out;
	}
	if ((spec.target == NULL) != (spec.bad == NULL)) {
		ret = cmd_usage_error("--target and --bad go together");
		goto out;
	}
	for (k = 0; spec.bad != NULL && k < spec.ngood; k++) {
		size_t i;
		const char *b = spec.bad;

		for (i = 0; b != NULL; b = i < spec.nmore_bad ?
		    spec.more_bad[i++] : NULL)
			if (strcmp(spec.good[k], b) == 0) {
				ret = cmd_usage_error("\"%s\" given as both "
				    "--bad and --good", b);
				goto out;
			}
	}
	if (spec.ngood > 0 && spec.target == NULL) {
		ret = cmd_usage_error("--good needs --target and --bad");
		goto out;
	}
	if (spec.on_duplicate == IMPORT_DUP_FIRST && spec.id == NULL) {
		ret = cmd_usage_error("--on-duplicate needs --id <column>");
		goto out;
	}
	if (spec.nnames > 0 && !spec.no_header) {
		ret = cmd_usage_error("--names goes with --no-header (a header "
		    "names the columns itself)");
		goto out;
	}
	for (k = 0; k < spec.nroles; k++)
		if (spec.id != NULL && !roles[k].identifier &&
		    strcmp(roles[k].column, spec.id) == 0) {
			ret = cmd_usage_error("--id %s and --role %s=ordinary "
			    "contradict each other: an id column is an "
			    "identifier", spec.id, spec.id);
			goto out;
		}
	spec.csv_path = argv[optind];
	/* Before the database file is made: a signal from then on rolls
	 * back and removes it, never leaves it half made. */
	interrupted = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	db_existed = stat(dbpath, &sb) == 0;
	if (!db_existed && new_db_begin(&nd, dbpath, &err) != 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		ret = cmd_fail(&err);
		goto out;
	}
	if ((d = desk_open(db_existed ? dbpath : nd.tmp, &err)) == NULL) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		if (!db_existed)
			new_db_end(&nd, 0, &err);
		ret = cmd_fail(&err);
		goto out;
	}

	memset(&pr, 0, sizeof pr);
	pr.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &pr.start);
	pr.pass_start = pr.start;
	spec.progress = progress_draw;
	spec.progress_arg = &pr;
	spec.cancel = &interrupted;

	rc = desk_import(d, &spec, &sum, &err);
	imported = rc == 0;
	desk_close(d);
	/* A new database is put in place only now, whole. */
	if (!db_existed && new_db_end(&nd, imported, &err) != 0) {
		rc = -1;
		imported = 0;
	}

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (pr.drawn)
		fputs("\r\033[K", stderr);
	if (rc != 0 && interrupted) {
		fputs("riskdesk: interrupted: nothing imported\n", stderr);
		ret = 130;
		import_summary_done(&sum);
		goto out;
	}
	if (rc == 0 && report_import(stdout, spec.table, &sum,
	    json ? REPORT_JSON : REPORT_TEXT, &err) != 0) {
		/* The import is committed; only its summary is lost. */
		char msg[RD_ERR_MSG];

		snprintf(msg, sizeof msg, "%s", err.msg);
		rd_err_set(&err, err.cls, "imported table %s, but could not "
		    "write the summary: %s", spec.table, msg);
		rc = -1;
	}
	import_summary_done(&sum);
	ret = rc == 0 ? 0 : cmd_fail(&err);

out:
	for (k = 0; k < ncopies; k++)
		free(copies[k]);
	free(special);
	free(types);
	free(dates);
	free(roles);
	free(na);
	free(names);
	free(names_copy);
	return ret;
}
