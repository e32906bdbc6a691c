/*
 * cmd.c - the table of subcommands, the --help text built from it, and
 * helpers shared by the commands (see cmd.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/err.h"

const struct cmd_entry cmd_table[] = {
	{ "import",
	  "import [--db <file>] --table <name> [--target <column>\n"
	  "--bad <value> [--good <value>]...] [--replace] [--json] <csv>",
	  cmd_import },
	{ "fit",
	  "fit [--db <file>] --table <name> --name <scorecard>\n"
	  "[--base-score <points>] [--base-odds <odds>] [--pdo <points>]\n"
	  "[--bins <n>] [--min-iv <iv>] [--json]",
	  cmd_fit },
	{ "check-policy",
	  "check-policy [--db <file>] <policy>...",
	  cmd_check_policy },
	{ NULL, NULL, NULL }
};

/* Every option of every mode; riskdesk(1) must list each (docsync). */
static const char options_text[] =
"options:\n"
"  --db <file>             the riskdesk database (SQLite); default\n"
"                          " CMD_DEFAULT_DB " in the current directory\n"
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
"  --version               show the version\n";

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *c;

	for (c = cmd_table; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void
cmd_help(FILE *f)
{
	const struct cmd_entry *c;

	fputs("usage: riskdesk [--db <file>] [--policy <file> "
	    "[--challenger <file>]]\n", f);
	fputs("       riskdesk --report [--db <file>] --policy <file> "
	    "[--challenger <file>]\n"
	    "                [--cutoff <segment>=<score>]... [--format text | json] "
	    "[--output <file>]\n", f);
	for (c = cmd_table; c->name != NULL; c++) {
		const char *line = c->synopsis, *nl;

		/* Continuation lines are indented under the command. */
		fputs("       riskdesk ", f);
		while ((nl = strchr(line, '\n')) != NULL) {
			fprintf(f, "%.*s\n                ", (int)(nl - line),
			    line);
			line = nl + 1;
		}
		fprintf(f, "%s\n", line);
	}
	fputs("       riskdesk --help | --version\n\n", f);
	fputs("Without --report or a command, riskdesk opens the interactive\n"
	    "workbench (a terminal is needed).\n\n", f);
	fputs(options_text, f);
	fputs("\nexit status: 0 ok, 1 bad input, 2 usage, 3 numerical "
	    "failure,\n4 file or database error.  See riskdesk(1) and "
	    "riskdesk-policy(5).\n", f);
}

int
cmd_fail(const struct rd_err *err)
{
	char buf[RD_ERR_MSG + RD_ERR_FILE + 64];

	fprintf(stderr, "riskdesk: %s\n", rd_err_format(err, buf, sizeof buf));
	return rd_err_exit_code(err->cls);
}

int
cmd_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("riskdesk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'riskdesk --help'.\n", stderr);
	return 2;
}

int
cmd_parse_num(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (end == s || *end != '\0' || errno != 0 || !isfinite(*out)) ?
	    -1 : 0;
}
