/*
 * cmd-decide.c - "riskdesk decide": the batch decision run.  Every
 * applicant of a table, or of a CSV file read with the import rules into
 * a scratch database removed afterwards, decided by a policy and its
 * scorecard (desk.h desk_decide_open / desk_decide_run, sim/decide.h),
 * one record each to a file that appears whole or not at all (or to
 * standard output); a summary on stderr; the run recorded in rd_run with
 * the fingerprints of what it decided with and on.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "data/runstore.h"
#include "desk/desk.h"
#include "report/report-decide.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* Set by SIGINT and SIGTERM: the run stops at the next record and
   removes what it wrote. */
static volatile sig_atomic_t stopped;

static void
on_signal(int sig)
{
	(void)sig;
	stopped = 1;
}

struct sink {
	struct decide_writer *w;
	const char *path;	/* "standard output" when none */
	int file;		/* an --output file, left as it was on error */
	struct rd_err *err;
};

static int
emit(void *arg, const struct decide_record *r)
{
	struct sink *s = arg;

	if (stopped)
		return rd_err_set(s->err, RD_EIO, "interrupted: %s", s->file ?
		    "nothing written, the output left as it was" :
		    "the output is incomplete");
	if (decide_writer_row(s->w, r) == 0)
		return 0;
	return rd_err_set(s->err, RD_EIO, "cannot write %s: %s%s", s->path,
	    strerror(errno), s->file ? " (left as it was)" : "");
}

/* In err's message, the scratch table ("table "applicants"", "table
   'applicants'") named as the file it was read from. */
static void
scratch_named(struct rd_err *err, const char *csv)
{
	static const char *const as[] = { "table \"applicants\"",
	    "table 'applicants'" };
	char out[RD_ERR_MSG], *at;
	size_t k;

	for (k = 0; k < 2; k++)
		while ((at = strstr(err->msg, as[k])) != NULL) {
			snprintf(out, sizeof out, "%.*sfile %s%s",
			    (int)(at - err->msg), err->msg, csv,
			    at + strlen(as[k]));
			memcpy(err->msg, out, sizeof out);
		}
}

static const char *const db_side[] = { "", "-journal", "-wal", "-shm" };
#define NSIDE (sizeof db_side / sizeof db_side[0])

/* The scratch database's files, removed at exit and by the signal
   handlers of afile until remove_db (one scratch database a run). */
static char *scratch_files[NSIDE];
static int scratch_track[NSIDE] = { -1, -1, -1, -1 };

/*
 * Track the scratch database at path (the caller's heap string, borrowed
 * until remove_db) before mkstemp makes it, so that no allocation stands
 * between its making and its tracking; then, made, its side files.
 */
static void
track_db(char *path, int made)
{
	size_t k;

	if (!made) {
		scratch_files[0] = path;
		scratch_track[0] = afile_track(path);
		return;
	}
	for (k = 1; k < NSIDE; k++) {
		scratch_files[k] = xasprintf("%s%s", path, db_side[k]);
		scratch_track[k] = afile_track(scratch_files[k]);
	}
}

/* Remove a scratch database and its side files. */
static void
remove_db(const char *path)
{
	size_t k, n = strlen(path) + 16;
	char *p = xmalloc(n);

	for (k = 0; k < NSIDE; k++) {
		snprintf(p, n, "%s%s", path, db_side[k]);
		(void)unlink(p);
		afile_untrack(scratch_track[k]);
		scratch_track[k] = -1;
		if (k > 0)
			free(scratch_files[k]);
		scratch_files[k] = NULL;
	}
	free(p);
}

/* The columns of table in db with their types, from an empty load (the
   window holds no row); NULL when the table is not there. */
static struct dataset *
column_types(struct db *db, const char *table)
{
	struct rd_err e;
	struct dataset *ds;

	rd_err_clear(&e);
	db_window_set(db, 1, 1);
	ds = db_dataset_load(db, table, &e);
	db_window_clear(db);
	return ds;
}

/*
 * The columns of the scratch table whose type differs from that of the
 * same column in the tables the scorecard was developed on and the policy
 * names (ref[nref], may hold NULL): the type to read each with, into
 * types (heap, *ntypes).
 */
static struct import_type_opt *
retype(const struct dataset *got, struct dataset *const *ref, size_t nref,
	size_t *ntypes)
{
	struct import_type_opt *t = xcalloc(got->ncols + 1, sizeof *t);
	size_t j, r;

	*ntypes = 0;
	for (j = 0; j < got->ncols; j++)
		for (r = 0; r < nref; r++) {
			int c = ref[r] != NULL ? ds_column_index(ref[r],
			    got->cols[j].name) : -1;
			enum ds_type want;

			if (c < 0)
				continue;
			want = ref[r]->cols[c].type;
			/* A column of integers is read as integers whatever
			   its other cells are: "9.0" is 9, "9.5" and "1e300"
			   are refused at their cell. */
			if ((want == DS_TEXT) != (got->cols[j].type == DS_TEXT) ||
			    (want == DS_INTEGER && got->cols[j].type ==
			    DS_REAL)) {
				t[*ntypes].column = got->cols[j].name;
				t[(*ntypes)++].type = want == DS_TEXT ?
				    IMPORT_TEXT : want == DS_INTEGER ?
				    IMPORT_INTEGER : IMPORT_REAL;
			}
			break;
		}
	return t;
}

/*
 * The import's advice in msg (a NUL-terminated message) rewritten to name
 * decide's own options: "import with --encoding latin1" becomes "decide
 * with --encoding latin1", for each option decide takes (--encoding,
 * --na, --delimiter); advice naming an option decide does not take is
 * left as it is.  "import" and "decide" have one length: msg keeps its.
 */
static void
own_advice(char *msg)
{
	static const char *const own[] = { "import with --encoding",
	    "import with --na", "import with --delimiter" };
	char *at;
	size_t k;

	for (k = 0; k < sizeof own / sizeof own[0]; k++)
		for (at = msg; (at = strstr(at, own[k])) != NULL;
		    at += strlen(own[k]))
			memcpy(at, "decide", 6);
}

/*
 * Read csv with the import rules into table "applicants" of a fresh
 * scratch database, with the policy's scorecard copied from d: *scratch
 * the open desk, *path its file (caller removes).  Every row must be
 * taken (strict: a row that cannot be is a located error, never an
 * applicant left undecided), and a column is read with the type it has in
 * the scorecard's development table and the policy's population (a code
 * column imported as text stays text; a number column with a cell that
 * is not a number is an error at that cell, not a column of text; an
 * integer column takes whole numbers however written, "9.0" as 9, and
 * refuses "9.5" or "1e300" at the cell).  The
 * import's warnings go to stderr.  Returns 0, or -1 with err (the scratch
 * database then removed).
 */
/*
 * Whether warning w of the import is about the time column of p's fraud
 * section being text: the fraud check refuses that column after the
 * import with its own error, located at the policy, whose advice fits a
 * time (the import's --na would make a NULL time, which every event
 * lacks the right to).
 */
static int
fraud_time_warning(const struct policy *p, const char *w)
{
	char *want;
	int is;

	if (p->fraud == NULL)
		return 0;
	want = xasprintf("column \"%s\" is stored as text", p->fraud->time);
	is = strncmp(w, want, strlen(want)) == 0;
	free(want);
	return is;
}

static int
csv_scratch(struct desk *d, const char *policy_path, struct import_spec *spec,
	struct desk **scratch, char **path, struct rd_err *err)
{
	const char *tmpdir = getenv("TMPDIR");
	struct import_summary sum;
	struct import_type_opt *types = NULL;
	struct dataset *ref[2] = { NULL, NULL }, *got = NULL;
	struct scorecard *card = NULL;
	struct policy *p;
	char *body = NULL;
	size_t k;
	int fd, rc = -1;

	*scratch = NULL;
	*path = xasprintf("%s/riskdesk-decide-XXXXXX",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	/* Removed even by an exit for want of memory. */
	track_db(*path, 0);
	if ((fd = mkstemp(*path)) < 0) {
		rd_err_set(err, RD_EIO, "cannot create a scratch database "
		    "%s: %s", *path, strerror(errno));
		afile_untrack(scratch_track[0]);
		scratch_track[0] = -1;
		scratch_files[0] = NULL;
		free(*path);
		*path = NULL;
		return -1;
	}
	close(fd);
	track_db(*path, 1);
	memset(&sum, 0, sizeof sum);
	if ((p = policy_load(policy_path, err)) == NULL)
		goto out;
	if (p->scorecard == NULL) {
		policy_unscored_err(p, "decide needs a credit policy", err);
		goto out;
	}
	if ((body = db_scorecard_get(d->db, p->scorecard, err)) == NULL) {
		/* Where the policy names it. */
		char msg[RD_ERR_MSG];

		memcpy(msg, err->msg, sizeof msg);
		/* Its class kept: no such scorecard is the policy's fault,
		   out of memory the database's. */
		rd_err_setloc(err, err->cls, p->path, p->scorecard_at.line,
		    p->scorecard_at.col, "%s", msg);
		goto out;
	}
	if ((card = card_parse(body, err)) == NULL)
		goto out;
	ref[0] = column_types(d->db, card->population);
	ref[1] = column_types(d->db, p->population);
	if ((*scratch = desk_open(*path, err)) == NULL)
		goto out;
	spec->table = "applicants";
	spec->strict = 1;
	if (desk_import(*scratch, spec, &sum, err) != 0) {
		own_advice(err->msg);
		goto out;
	}
	/* Types as developed: one more reading when they differ. */
	if ((got = column_types((*scratch)->db, "applicants")) != NULL &&
	    (types = retype(got, ref, 2, &spec->ntypes)) != NULL &&
	    spec->ntypes > 0) {
		import_summary_done(&sum);
		memset(&sum, 0, sizeof sum);
		spec->types = types;
		spec->mode = IMPORT_REPLACE;
		if (desk_import(*scratch, spec, &sum, err) != 0) {
			own_advice(err->msg);
			goto out;
		}
	}
	/* What bears on the decisions; not the modelling advice (codes to
	   class as categories, values to declare special), which the
	   scorecard's bins have settled, nor a column of numbers that some
	   cells ("1,5", "12%", "(250.00)") made text: a column developed
	   as numbers was read again as numbers above, each such cell an
	   error, and one developed as text is read as text, as developed. */
	for (k = 0; k < sum.nwarnings; k++)
		if (strstr(sum.warnings[k], "to class them as categories") ==
		    NULL && strstr(sum.warnings[k], ": --special ") == NULL &&
		    (strstr(sum.warnings[k], "\" is stored as text: of its ")
		    == NULL || (strstr(sum.warnings[k], "; to read them as "
		    "numbers, import with") == NULL && strstr(sum.warnings[k],
		    "; no option of import reads") == NULL)) &&
		    !fraud_time_warning(p, sum.warnings[k])) {
			/* Import's way to read a column otherwise is not
			   decide's: the reading alone. */
			const char *w = sum.warnings[k], *tail;

			own_advice(sum.warnings[k]);
			tail = strstr(w, "; if the parentheses mean something "
			    "else");
			fprintf(stderr, "riskdesk: %s: warning: %.*s\n",
			    spec->csv_path, tail != NULL ? (int)(tail - w) :
			    (int)strlen(w), w);
		}
	if (sum.rows_imported == 0) {
		rd_err_set(err, RD_EINPUT, "%s: no applicants to decide (a "
		    "header and no rows)", spec->csv_path);
		goto out;
	}
	if (db_scorecard_put((*scratch)->db, p->scorecard, "applicants", body,
	    err) != 0)
		goto out;
	rc = 0;
out:
	import_summary_done(&sum);
	free(body);
	card_free(card);
	ds_free(ref[0]);
	ds_free(ref[1]);
	ds_free(got);
	free(types);
	spec->types = NULL;
	spec->ntypes = 0;
	policy_free(p);
	if (rc != 0) {
		desk_close(*scratch);
		*scratch = NULL;
		remove_db(*path);
		free(*path);
		*path = NULL;
	}
	return rc;
}

/* "seg=points ..." of the policy's cutoffs; heap string. */
static char *
cutoff_words(const struct policy *p)
{
	char *s = xstrdup(""), *t;
	size_t k;

	for (k = 0; k < p->nsegments; k++) {
		t = xasprintf("%s%s%s=%.10g", s, k ? " " : "",
		    p->segments[k].name, p->segments[k].cutoff);
		free(s);
		s = t;
	}
	return s;
}

int
cmd_decide(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "table", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'F' },
		{ "explain", no_argument, NULL, 'x' },
		{ "exact", no_argument, NULL, 'X' },
		{ "reasons", required_argument, NULL, 'r' },
		{ "id", required_argument, NULL, 'i' },
		{ "delimiter", required_argument, NULL, 'D' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "na", required_argument, NULL, 'n' },
		{ "history", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = CMD_DEFAULT_DB, *policy = NULL, *table = NULL;
	const char *output = NULL, *csv = NULL, *id = NULL, **na;
	const char *history = NULL;
	enum decide_format fmt = DECIDE_CSV;
	struct decide_spec spec;
	struct import_spec ispec;
	struct desk *d = NULL, *scratch = NULL, *work;
	struct desk_decision dd;
	struct afile *af = NULL;
	struct sink sink;
	struct rd_err err;
	char *scratch_path = NULL, *cuts = NULL, *what = NULL;
	struct rd_sha256 *out_hash = NULL;
	struct sigaction sa, old_int, old_term, old_pipe;
	int signals = 0;
	char out_sha[RD_SHA256_HEX], in_sha[RD_SHA256_HEX];
	double x;
	int c, rc = 1, opened = 0, exact = 0;

	rd_err_clear(&err);
	memset(&spec, 0, sizeof spec);
	memset(&ispec, 0, sizeof ispec);
	memset(&dd, 0, sizeof dd);
	spec.nreasons = DECIDE_REASONS;
	spec.sql_conditions = cmd_sql_conditions();
	na = xcalloc((size_t)argc + 1, sizeof *na);
	ispec.na = na;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'p': policy = optarg; break;
		case 't': table = optarg; break;
		case 'o': output = optarg; break;
		case 'F':
			if (strcmp(optarg, "csv") == 0)
				fmt = DECIDE_CSV;
			else if (strcmp(optarg, "jsonl") == 0)
				fmt = DECIDE_JSONL;
			else {
				rc = cmd_usage_error("--format: expected csv "
				    "or jsonl, found \"%s\"", optarg);
				goto done;
			}
			break;
		case 'x': spec.explain = 1; break;
		case 'X': exact = 1; break;
		case 'r':
			if (cmd_parse_num(optarg, &x) != 0 || x < 0 ||
			    x > DECIDE_REASONS_MAX || x != (double)(size_t)x) {
				rc = cmd_usage_error("--reasons: expected a "
				    "whole number from 0 to %d, found \"%s\"",
				    DECIDE_REASONS_MAX, optarg);
				goto done;
			}
			spec.nreasons = (size_t)x;
			break;
		case 'i': id = optarg; break;
		case 'D':
			if (strcmp(optarg, "tab") == 0 ||
			    strcmp(optarg, "\\t") == 0)
				ispec.delimiter = '\t';
			else if (strlen(optarg) == 1)
				ispec.delimiter = optarg[0];
			else {
				rc = cmd_usage_error("--delimiter: expected "
				    "one character or \"tab\", found \"%s\"",
				    optarg);
				goto done;
			}
			break;
		case 'e': ispec.encoding = optarg; break;
		case 'n': na[ispec.nna++] = optarg; break;
		case 'H': history = optarg; break;
		case 'h': cmd_help(stdout); rc = 0; goto done;
		default:
			rc = cmd_usage_error("bad option to decide");
			goto done;
		}
	}
	if (optind < argc)
		csv = argv[optind++];
	if (optind != argc) {
		rc = cmd_usage_error("decide takes one CSV file at most "
		    "(\"%s\")", argv[optind]);
		goto done;
	}
	if (policy == NULL) {
		rc = cmd_usage_error("decide needs --policy <file>");
		goto done;
	}
	if (csv != NULL && table != NULL) {
		rc = cmd_usage_error("decide takes --table or a CSV file, not "
		    "both");
		goto done;
	}
	if (csv == NULL && (ispec.delimiter || ispec.encoding || ispec.nna)) {
		rc = cmd_usage_error("--delimiter, --encoding and --na go with "
		    "a CSV file");
		goto done;
	}
	if (output != NULL && *output == '\0') {
		rc = cmd_usage_error("--output: expected a file name, found "
		    "nothing");
		goto done;
	}
	if (output != NULL) {
		const char *in[] = { "the policy", policy, "the CSV file",
		    csv };

		if (afile_check_target("--output", output, dbpath, in, 2,
		    &err) != 0) {
			rc = cmd_usage_error("%s", err.msg);
			goto done;
		}
	}

	/* Ctrl-C and SIGTERM stop the run cleanly (the scratch database
	   and the temporary output removed); a closed pipe is a write
	   error, not a silent death. */
	stopped = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old_pipe);
	signals = 1;
	ispec.cancel = &stopped;
	if ((d = desk_open_existing(dbpath, &err)) == NULL ||
	    runstore_ready(d->db, &err) != 0)
		goto fail;
	work = d;
	if (csv != NULL) {
		ispec.csv_path = csv;
		ispec.id = id;
		if (csv_scratch(d, policy, &ispec, &scratch, &scratch_path,
		    &err) != 0)
			goto fail;
		work = scratch;
		table = "applicants";
	}
	/*
	 * Into a file made whole at the end, the EADs' range is checked
	 * as the rows are decided (one pass fewer; a fault leaves no
	 * file); onto standard output, before the first record.
	 */
	if (desk_decide_open(work, policy, table, id, output != NULL, &dd,
	    &err) != 0) {
		size_t k;

		/* The scratch table is the officer's file. */
		for (k = 0; csv != NULL && k < work->load_errors.n; k++)
			scratch_named(&work->load_errors.err[k], csv);
		rc = cmd_fail_all(work->load_errors.err, work->load_errors.n,
		    work->load_errors.dropped);
		goto done;
	}
	opened = 1;
	if (dd.policy->fraud == NULL && history != NULL) {
		rc = cmd_usage_error("--history goes with a policy that has "
		    "fraud rules; policy %s has none", policy);
		goto done;
	}
	if (dd.policy->fraud != NULL && csv != NULL) {
		/* The history lives in the officer's database, the
		   applicants in the scratch one: the history is copied
		   beside them, so their features count it. */
		const char *h = history != NULL ? history :
		    dd.policy->fraud->history;

		if (h != NULL && strcmp(h, "applicants") == 0) {
			rd_err_set(&err, RD_EUSAGE, "the fraud history table "
			    "\"applicants\" has the name decide gives the "
			    "applicants of %s: name another history table, or "
			    "import the file and decide it with --table", csv);
			goto fail;
		}
		if (h != NULL && db_copy_table_from(scratch->db, dbpath, h,
		    &err) != 0)
			goto fail;
	}
	if (desk_decide_fraud(work, &dd, history, &err) != 0) {
		size_t k;

		for (k = 0; csv != NULL && k < work->load_errors.n; k++)
			scratch_named(&work->load_errors.err[k], csv);
		rc = cmd_fail_all(work->load_errors.err, work->load_errors.n,
		    work->load_errors.dropped);
		goto done;
	}
	/* A file of applicants and no history: the features count the
	   file's events alone, which a job that forgot --history must
	   hear of (a ring's earlier applications are not seen). */
	if (dd.fraud != NULL && csv != NULL && history == NULL &&
	    dd.policy->fraud->history == NULL) {
		char n1[FMT_BUF];

		fprintf(stderr, "riskdesk: warning: %s: fraud features computed "
		    "on the %s applicant%s of the file alone: no history table; "
		    "give --history <table> (or history: in the policy's fraud "
		    "section) to count earlier applications\n", csv,
		    fmt_count(n1, (double)dd.fraud_view.n),
		    dd.fraud_view.n == 1 ? "" : "s");
	}
	if (output != NULL) {
		if ((af = afile_open(output, &err)) == NULL)
			goto fail;
	}
	sink.path = output != NULL ? output : "standard output";
	sink.file = output != NULL;
	sink.err = &err;
	out_hash = rd_sha256_new();
	sink.w = decide_writer_new(af != NULL ? afile_stream(af) : stdout,
	    fmt, dd.policy, dd.card, dd.id, spec.nreasons, spec.explain,
	    out_hash);
	decide_writer_exact(sink.w, exact);
	rc = desk_decide_run(work, &dd, &spec, emit, &sink, &err);
	/* The header of a table of no rows. */
	if (rc == 0 && decide_writer_end(sink.w) != 0)
		rc = rd_err_set(&err, RD_EIO, "cannot write %s: %s%s",
		    sink.path, strerror(errno), sink.file ?
		    " (left as it was)" : "");
	decide_writer_free(sink.w);
	if (rc != 0 && !stopped && work->load_errors.n > 0) {
		size_t k;

		/* The policy's verdict, every fault (an EAD out of range
		   that the run found), as desk_decide_open gives it. */
		for (k = 0; csv != NULL && k < work->load_errors.n; k++)
			scratch_named(&work->load_errors.err[k], csv);
		rc = cmd_fail_all(work->load_errors.err, work->load_errors.n,
		    work->load_errors.dropped);
		goto done;
	}
	if (rc != 0)
		goto fail;
	rd_sha256_hex(out_hash, out_sha);
	out_hash = NULL;
	if (af != NULL) {
		rc = afile_commit(af, &err);
		af = NULL;
		if (rc != 0)
			goto fail;
	} else if (fflush(stdout) != 0 || ferror(stdout)) {
		rd_err_set(&err, RD_EIO, "cannot write standard output: %s",
		    strerror(errno));
		goto fail;
	}
	what = csv != NULL ? xasprintf("file %s", csv) :
	    xasprintf("table \"%s\"", dd.table);
	report_decide_summary(stderr, &dd.sum, dd.policy, dd.card, what);

	/* The run, in the officer's database: what it decided with and on. */
	{
		struct run_decide r;
		int64_t run;

		memset(&r, 0, sizeof r);
		if (csv != NULL && rd_sha256_file(csv, in_sha, &err) != 0)
			goto fail;
		cuts = cutoff_words(dd.policy);
		r.policy = dd.policy->name;
		r.policy_file = policy;
		r.policy_sha256 = dd.policy_sha256;
		r.scorecard = dd.card->name;
		r.scorecard_sha256 = dd.card_sha256;
		r.table = dd.table;
		r.input = csv != NULL ? csv : dd.table;
		r.input_rows = dd.sum.applicants;
		r.input_sha256 = csv != NULL ? in_sha : dd.input_sha256;
		r.output = output;
		r.output_sha256 = out_sha;
		r.cutoffs = cuts;
		r.version = PACKAGE_VERSION;
		r.approved = dd.sum.approved;
		r.referred = dd.sum.referred;
		r.declined = dd.sum.declined;
		r.knocked_out = dd.sum.knocked_out;
		if ((run = runstore_decide(d->db, &r, &err)) < 0) {
			/* The decisions are out; only their record is not. */
			char msg[RD_ERR_MSG];

			snprintf(msg, sizeof msg, "%s", err.msg);
			if (output != NULL)
				rd_err_set(&err, err.cls, "decisions written to "
				    "%s, but the run could not be recorded: %s",
				    output, msg);
			goto fail;
		}
		fprintf(stderr, "  run %lld recorded in %s (riskdesk runs)\n",
		    (long long)run, dbpath);
	}
	rc = 0;
	goto done;
fail:
	if (stopped) {
		fprintf(stderr, "riskdesk: interrupted: nothing decided%s\n",
		    output != NULL ? ", the output left as it was" : "");
		rc = 130;
	} else {
		rc = cmd_fail(&err);
	}
done:
	if (signals) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGPIPE, &old_pipe, NULL);
	}
	afile_abort(af);
	rd_sha256_free(out_hash);
	free(cuts);
	free(what);
	if (opened)
		desk_decision_done(&dd);
	if (scratch != NULL) {
		desk_close(scratch);
		remove_db(scratch_path);
	}
	free(scratch_path);
	desk_close(d);
	free(na);
	return rc;
}
