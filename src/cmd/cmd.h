/*
 * cmd.h - the subcommands of the command line ("riskdesk import", ...),
 * one file each (cmd-<name>.c), and the helpers they share.
 *
 * Each command parses its own options with getopt_long, calls the desk,
 * writes through the report writers, and returns the process exit code
 * (riskdesk(1), EXIT STATUS).  To add a command: write cmd-<name>.c with
 * int cmd_<name>(int argc, char **argv), declare it here, add it to
 * cmd_table in cmd.c with its synopsis, and add its options to the option
 * list in cmd.c (tests/docsync.sh checks riskdesk(1) lists them).
 */
#ifndef RD_CMD_CMD_H
#define RD_CMD_CMD_H

#include <stdio.h>

struct rd_err;

#define CMD_DEFAULT_DB "riskdesk.db"

struct cmd_entry {
	const char *name;	/* the word after "riskdesk" */
	const char *synopsis;	/* usage lines after "riskdesk", \n-separated */
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

/* The commands, ended by an entry with name NULL. */
extern const struct cmd_entry cmd_table[];

/* The command called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Print the whole --help text (synopses, options, exit status) to f. */
void cmd_help(FILE *f);

/* Print err as one line "riskdesk: file:line:col: msg" on stderr and
   return the exit code of its class. */
int cmd_fail(const struct rd_err *err);

/*
 * Print each of v[n] (n >= 1) as cmd_fail does, then, when there is more
 * than one, "riskdesk: <file of the first>: <count> errors" (dropped
 * counts errors found but not kept, which are said to be left out).
 * Returns the exit code of the first error's class.
 */
int cmd_fail_all(const struct rd_err *v, size_t n, size_t dropped);

/*
 * --source's argument, written SQL's way ("risk"."Loans 2024") or plain
 * (risk.Loans 2024), as the dotted name the engine and export read
 * (data/sqltext.h sqlx_source_name).  Returns it (kept until the next
 * call; not to be freed), or NULL after printing the usage error: the
 * caller exits 2.
 */
const char *cmd_source_arg(const char *arg);

/*
 * The outcome an --engine command that classes (bin, fit) must be given,
 * an engine's table having no recorded target: target with its bad[nbad]
 * and good[ngood] values (cmd_check_outcome), and reject, when given, as
 * <column>=<value>.  Returns 0, or 2 after printing the usage error.
 */
int cmd_engine_outcome(const char *target, const char *const *bad,
	size_t nbad, const char *const *good, size_t ngood,
	const char *reject);

/* Print a usage error and the hint to run --help on stderr; returns 2. */
int cmd_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * The outcome rule's values: a value given both as --bad (bad[nbad]) and
 * as --good (good[ngood]; each bad may be a tab-separated list) is a
 * usage error, as import says it ("\"1\"
 * given as both --bad and --good").  Returns 0, or 2 after printing it.
 */
int cmd_check_outcome(const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood);

/*
 * From now on SIGINT, SIGTERM and SIGHUP end the process with status 130
 * and "interrupted: nothing written, the output left as it was" on
 * stderr, after removing the temporary file of any output being written
 * (afile_cleanup_now).  For a command that computes without a point to
 * stop at; the database is SQLite's to keep whole, as after a kill.
 */
void cmd_catch_output_signals(void);

/*
 * A progress bar for every table a command reads into memory
 * (db_progress_default), drawn on standard error when it is a terminal
 * and a read lasts more than a second, and cleared when the read ends or
 * at exit; nothing otherwise.  Call once, before the command runs; never
 * for the workbench, which draws its own.
 */
void cmd_progress_install(void);

/* One progress line on standard error: "\r<what> [####....]  45%  <tail>"
   (frac in [0, 1], clamped), flushed. */
void cmd_progress_line(const char *what, double frac, const char *tail);

/* Parse the whole string s as a finite number; 0 ok, -1 otherwise. */
int cmd_parse_num(const char *s, double *out);

/*
 * Parse --reject-when <column>=<value> (import, link): the value may hold
 * '=', the name not.  *col receives a heap copy of the column (caller
 * frees), *value a pointer into arg.  Returns 0, or 2 after a usage
 * message (no '=', or no column).
 */
int cmd_reject_when(const char *arg, char **col, const char **value);

/*
 * Whether the environment's RISKDESK_SQL_CONDITIONS is 1: a policy's
 * conditions and amounts evaluated by SQLite's pass alone, never from
 * the columns read (desk_set_sql_conditions), for the tests that
 * compare the two.
 */
int cmd_sql_conditions(void);

int cmd_import(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_infer(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_check_policy(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_points(int argc, char **argv);
int cmd_bin(int argc, char **argv);
int cmd_decide(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_fraud(int argc, char **argv);

#endif
