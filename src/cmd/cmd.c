/*
 * cmd.c - the table of subcommands, the --help text built from it, and
 * helpers shared by the commands (see cmd.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "data/db.h"
#include "data/sqltext.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

const struct cmd_entry cmd_table[] = {
	{ "import",
	  "import [--db <file>] --table <name> [--target <column>\n"
	  "--bad <value> [--good <value>]...] [--replace | --append]\n"
	  "[--delimiter <char>] [--decimal-comma] [--thousands <char>]\n"
	  "[--encoding <name>] [--type <column>=<type>]... [--na <value>]...\n"
	  "[--special <column>=<value>,...]... [--id <column>\n"
	  "[--on-duplicate error | first]] [--no-header [--names <name>,...]]\n"
	  "[--date-format <column>=<format>]...\n"
	  "[--role <column>=identifier | ordinary]...\n"
	  "[--reject-when <column>=<value>] [--strict]\n"
	  "[--max-field <bytes>] [--json] <csv>",
	  cmd_import },
	{ "profile",
	  "profile [--db <file>] --table <name> [--top <n>] [--json]\n"
	  "profile --engine <conninfo> --source <table> [--target <column>\n"
	  "--bad <value> [--good <value>]...] [--top <n>] [--json]",
	  cmd_profile },
	{ "link",
	  "link [--db <file>] --applicants <table> --performance <table>\n"
	  "--on <column> --target <column> --bad <value> [--good <value>]...\n"
	  "[--as <name>] [--replace] [--reject-when <column>=<value>]\n"
	  "[--json]",
	  cmd_link },
	{ "fit",
	  "fit [--db <file>] --table <name> --name <scorecard>\n"
	  "[--base-score <points>] [--base-odds <odds>] [--pdo <points>]\n"
	  "[--bins <n>] [--min-iv <iv>] [--l2 <x>]\n"
	  "[--select forward | backward | stepwise [--criterion aic | p]]\n"
	  "[--force <char>,...] [--exclude <column>,...]...\n"
	  "[--features-from <policy>] [--vif-max <x>] [--corr-max <r>]\n"
	  "[--holdout <fraction> [--seed <n>] |\n"
	  "--oot-after <date> --date-column <column>] [--json]",
	  cmd_fit },
	{ "fit",
	  "fit [--db <file>] --table <name> --raw --vars <column>,...\n"
	  "[--ref <column>=<level>]... [--weights <column>]\n"
	  "[--missing-level <text>] [--l2 <x>] [--json]",
	  cmd_fit },
	{ "fit",
	  "fit [--db <file>] --engine <conninfo> --source <table>\n"
	  "--target <column> --bad <value> [--good <value>]...\n"
	  "[--reject-when <column>=<value>] --name <scorecard>\n"
	  "[--base-score <points>] [--base-odds <odds>] [--pdo <points>]\n"
	  "[--bins <n>] [--min-iv <iv>] [--l2 <x>]\n"
	  "[--select forward | backward | stepwise [--criterion aic | p]]\n"
	  "[--force <char>,...] [--exclude <column>,...]...\n"
	  "[--vif-max <x>] [--corr-max <r>] [--json]",
	  cmd_fit },
	{ "infer",
	  "infer [--db <file>] [--table <name>] --from <scorecard>\n"
	  "--name <scorecard> --method hard-cutoff | fuzzy | parceling |\n"
	  "reweighting [--factor <x> | --bad-multiple <m>] [--cutoff <pd>]\n"
	  "[--reject-weight <w>] [--bands <n>] [--seed <n>] [--json]\n"
	  "infer [--db <file>] --compare --name <scorecard> [--cutoff <score>]\n"
	  "[--bands <n>] [--policy <file>] [--json]\n"
	  "infer [--db <file>] [--table <name>] --from <scorecard>\n"
	  "--masked <share> [--method <name>] [--factor <x>]\n"
	  "[--reject-weight <w>] [--bands <n>] [--seed <n>] [--json]",
	  cmd_infer },
	{ "monitor",
	  "monitor [--db <file>] --name <scorecard> [--applications <table>]\n"
	  "[--performance <table>] [--id <column>] [--app-date <column>]\n"
	  "[--decision <column>] [--perf-id <column>] [--month <column>]\n"
	  "[--dpd <column>] [--charge-off <column>] [--by month | quarter]\n"
	  "[--from <YYYY-MM>] [--to <YYYY-MM>] [--bad-dpd <days>]\n"
	  "[--window <months>] [--bins <n>] [--psi-alpha <x>] [--amber <x>]\n"
	  "[--red <x>] [--policy <file> | --cutoff <score>]\n"
	  "[--override-max <share>] [--json | --format text | json | html]\n"
	  "[--output <file>]",
	  cmd_monitor },
	{ "bin",
	  "bin [--db <file>] --table <name> [--char <name>]... [--fine <n>]\n"
	  "[--other-share <x>] [--min-share <x>] [--min-goods <n>]\n"
	  "[--min-bads <n>] [--trend auto | ascending | descending | peak |\n"
	  "valley | none] [--special [<column>=]<value>,...]...\n"
	  "[--woe-adjust <x>] [--merge <bin>]... [--split <bin>:<value>]...\n"
	  "[--move <level>=<bin> | <level>=new]... [--save] [--reset]\n"
	  "[--export <file.yaml>] [--apply <file.yaml>] [--csi <table>]\n"
	  "[--features-from <policy>] [--json]\n"
	  "bin --engine <conninfo> --source <table> --target <column>\n"
	  "--bad <value> [--good <value>]... [--reject-when <column>=<value>]\n"
	  "[--char <name>]...\n"
	  "[--fine <n>] [--other-share <x>] [--min-share <x>]\n"
	  "[--min-goods <n>] [--min-bads <n>] [--trend <trend>]\n"
	  "[--special [<column>=]<value>,...]... [--woe-adjust <x>]\n"
	  "[--json]",
	  cmd_bin },
	{ "validate",
	  "validate [--db <file>] --name <scorecard> [--table <name>]\n"
	  "[--psi-table <name>] [--groups <n>] [--band <points>] [--json]\n"
	  "validate [--db <file>] --name <scorecard> --engine <conninfo>\n"
	  "--source <table> [--target <column> --bad <value>\n"
	  "[--good <value>]...] [--groups <n>] [--band <points>] [--json]",
	  cmd_validate },
	{ "points",
	  "points [--db <file>] --name <scorecard> [--format csv | yaml]",
	  cmd_points },
	{ "check-policy",
	  "check-policy [--db <file>] <policy>...",
	  cmd_check_policy },
	{ "decide",
	  "decide [--db <file>] --policy <file> [--table <name> | <csv>]\n"
	  "[--output <file>] [--format csv | jsonl] [--explain] [--exact]\n"
	  "[--reasons <n>] [--id <column>] [--delimiter <char>]\n"
	  "[--encoding <name>] [--na <value>]... [--history <table>]",
	  cmd_decide },
	{ "fraud",
	  "fraud [--db <file>] --policy <file> [--table <name>]\n"
	  "[--from <time>] [--events <file>] [--json]",
	  cmd_fraud },
	{ "runs",
	  "runs [--db <file>] [--json]",
	  cmd_runs },
	{ "export",
	  "export [--db <file>] --policy <file> [--format sql | sql-report]\n"
	  "[--dialect sqlite | postgresql | duckdb | spark | trino | bigquery]\n"
	  "[--table <name>] [--source <name>] [--id <column>] [--reasons <n>]\n"
	  "[--view <name>] [--credit-only] [--output <file>]\n"
	  "export [--db <file>] --format pmml (--name <scorecard> | --policy "
	  "<file> [--credit-only])\n"
	  "export [--db <file>] --policy <file> --format edge-cases "
	  "[--table <name>] [--credit-only]",
	  cmd_export },
	{ "collect",
	  "collect [--db <file>] --policy <file> [--challenger <file>]\n"
	  "[--month <YYYY-MM>] [--json]",
	  cmd_collect },
	{ NULL, NULL, NULL }
};

/* Every option of every mode; riskdesk(1) must list each (docsync). */
static const char options_text[] =
"options:\n"
"  --db <file>             the riskdesk database (SQLite); default\n"
"                          " CMD_DEFAULT_DB " in the current directory\n"
"  --policy <file>         the champion approval policy (YAML); infer\n"
"                          --compare: its swap set under both scorecards;\n"
"                          monitor: its segments and overrides\n"
"  --challenger <file>     a challenger policy to compare with the champion\n"
"                          (collect: a challenger strategy planned beside)\n"
"  --month <YYYY-MM>       collect: the month whose delinquent accounts are\n"
"                          planned (default: the last month)\n"
"  --report                print the policy report and exit (no terminal)\n"
"  --cutoff <seg>=<score>  override a segment's cutoff (repeatable);\n"
"                          monitor --cutoff <score>: the overrides\n"
"                          against approving at this score or above\n"
"  --format text | json | html | xlsx\n"
"                          report format (default text); html and xlsx\n"
"                          are the document; decide: csv (default) or\n"
"                          jsonl; monitor: text, json or html (a page\n"
"                          of its own)\n"
"  --output <file>         write the report (decide: the decisions) to a\n"
"                          file instead of stdout, whole or not at all\n"
"  --curves                add the trade-off curves to the report\n"
"  --optimise bad_rate=<x> | el=<x>\n"
"                          per-segment cutoffs approving the most within\n"
"                          an expected bad rate or expected loss\n"
"  --save-run              store every applicant's outcome as a run in\n"
"                          the database\n"
"  --document              the full model and policy document (data,\n"
"                          characteristics, model, performance,\n"
"                          stability, policy) instead of the policy report\n"
"  --report-time <time>    the time the document states (UTC, e.g.\n"
"                          2024-05-01T09:30:00Z), so it is byte-stable\n""  --table <name>          table to import into, fit on or decide\n"
"  --target <column>       the outcome column of an import\n"
"  --bad <value>           the target value that marks a bad\n"
"  --good <value>          a target value that marks a good (repeatable;\n"
"                          default: every other non-missing value)\n"
"  --replace               replace an existing table of the same name\n"
"  --append                import: add the rows to an existing table\n"
"                          whose columns match by name and type\n"
"  --delimiter <char>      import: field delimiter, one character or tab\n"
"                          (default: sniffed among , ; tab |)\n"
"  --decimal-comma         import: numbers are written 1,5 (needs a\n"
"                          delimiter other than ,)\n"
"  --thousands <char>      import: accept and drop this thousands\n"
"                          separator in numbers (, . ' or space)\n"
"  --encoding <name>       import: convert from this encoding (iconv,\n"
"                          e.g. latin1, GB18030); default UTF-8, checked\n"
"  --type <column>=<type>  import: integer, real, text or date instead\n"
"                          of the inferred type (repeatable)\n"
"  --na <value>            import: another missing-value marker\n"
"  --special <column>=<value>,...\n"
"                          import: special values kept and recorded\n"
"                          bin: special values with a bin each; without\n"
"                          <column>= for every numeric column\n"
"  --id <column>           import: a key column whose values must be\n"
"                          unique (an identifier); decide: the column\n"
"                          keying the records (default: the key column);\n"
"                          monitor: the applications' id (default\n"
"                          app_id)\n"
"  --on-duplicate error | first\n"
"                          import: fail on a repeated id (default) or\n"
"                          keep the first and reject the others\n"
"  --strict                import: fail on a row instead of rejecting it\n"
"  --max-field <bytes>     import: the longest field taken (default\n"
"                          1048576, 1 MiB); a longer one fails the import\n"
"  --no-header             import: the first line is data, not names\n"
"  --names <name>,...      import with --no-header: the column names\n"
"                          (default column_1, column_2, ...)\n"
"  --date-format <column>=<format>\n"
"                          import: dates of a column written so, e.g.\n"
"                          %d/%m/%Y (%Y %y %m %d %b %B %H %M %S),\n"
"                          stored as YYYY-MM-DD (repeatable)\n"
"  --role <column>=identifier | ordinary\n"
"                          import: overrule the identifier rule for a\n"
"                          column (repeatable)\n"
"  --top <n>               profile: categories shown per text column\n"
"                          (default 10)\n"
"  --applicants <table>    link: the applications table\n"
"  --performance <table>   link: the booked accounts' performance table\n"
"  --on <column>           link: the key column in both tables\n"
"  --as <name>             link: the modelling table to create (default\n"
"                          model)\n"
"  --json                  print a command's summary as JSON (--report:\n"
"                          --format json)\n"
"  --name <scorecard>      name under which the scorecard is stored\n"
"  --base-score <points>   score at the base odds (default 600)\n"
"  --base-odds <odds>      good:bad odds at the base score (default 50)\n"
"  --pdo <points>          points to double the odds, 1 to 1000\n"
"                          (default 20)\n"
"  --bins <n>              fine quantile bins per number (default 20);\n"
"                          monitor: score bands of the PSI and the\n"
"                          back-test (default 10)\n"
"  --min-iv <iv>           leave out characteristics below this IV\n"
"                          (default 0.02)\n"
"  --raw                   fit: a logistic regression on raw columns\n"
"                          (no binning, no scorecard), coded as R's glm\n"
"  --vars <column>,...     the predictors of --raw: numbers as they are,\n"
"                          text dummy-coded against its first level\n"
"  --ref <column>=<level>  reference level of a text predictor\n"
"  --weights <column>      observation weights of --raw (numeric column)\n"
"  --missing-level <text>  --raw: a missing text value is this level\n"
"                          instead of leaving the row out\n"
"  --l2 <x>                ridge penalty x times the sum of squared\n"
"                          coefficients (intercept free; default 0)\n"
"  --select <method>       forward, backward or stepwise selection of the\n"
"                          characteristics\n"
"  --criterion aic | p     selection by AIC (default) or Wald p-value\n"
"                          (enter below 0.05, leave above 0.10)\n"
"  --force <char>,...      characteristics always kept (one that cannot\n"
"                          be fitted is left out with a note)\n"
"  --exclude <column>,...  fit: columns never made characteristics\n"
"                          (identifiers, dates; repeatable)\n"
"  --features-from <policy> fit, bin: a fraud scorecard, the policy's\n"
"                          fraud features beside the columns, its label\n"
"                          the target\n"
"  --vif-max <x>           flag a VIF above x (default 5)\n"
"  --corr-max <r>          flag WoE columns correlated above |r| (default\n"
"                          0.7)\n"
"  --holdout <fraction>    hold out this fraction of rows at random and\n"
"                          develop the scorecard on the rest\n"
"  --seed <n>              seed of the holdout draw (GSL mt19937; default 0);\n"
"                          infer: of parceling's draw (default 1)\n"
"  --reject-when <column>=<value>\n"
"                          import, link: rows holding value are rejects\n"
"                          (declined, no outcome)\n"
"  --from <scorecard>      infer: the KGB scorecard fitted on the accepts;\n"
"                          monitor --from <YYYY-MM>: the first\n"
"                          application month\n"
"  --method <name>         infer: hard-cutoff, fuzzy, parceling or\n"
"                          reweighting\n"
"  --factor <x>            infer: the event-rate increase factor (default\n"
"                          1): the rejects' bad rate is x times the KGB\n"
"                          scorecard's (hard-cutoff, fuzzy) or, parceling,\n"
"                          x times their score band's known bad rate\n"
"  --bad-multiple <m>      infer: the rejects' bad rate is m times the\n"
"                          accepts' (hard-cutoff, fuzzy)\n"
"  --reject-weight <w>     infer: weight of each reject row (default 1;\n"
"                          not for --method reweighting)\n"
"  --bands <n>             infer: KGB score bands at the accepts'\n"
"                          quantiles (default 10)\n"
"  --compare               infer: the KGB and the inferred scorecard\n"
"                          side by side\n"
"  --masked <share>        infer: benchmark the methods on the lowest-\n"
"                          scoring share of the accepts, outcomes hidden\n"
"  --oot-after <date>      out-of-time holdout: rows dated after this\n"
"  --date-column <column>  the date column of --oot-after\n"
"  --psi-table <name>      validate, the document: PSI of the score (and\n"
"                          the document's CSI) against this table\n"
"  --groups <n>            validate: score groups of the gains table and\n"
"                          PD groups of Hosmer-Lemeshow (default 10)\n"
"  --band <points>         validate: width of the score bands (default 20)\n"
"  --engine <conninfo>     profile, bin, validate, --report: the PostgreSQL\n"
"                          database holding --source (a libpq URI or\n"
"                          key=value string); profile and bin run their\n"
"                          aggregates there, validate counts the rows by\n"
"                          score there, --report computes the policy's\n"
"                          figures there, one row per segment back\n"
"  --applications <table>  monitor: the applications table (default\n"
"                          applications)\n"
"  --app-date <column>     monitor: the application date (default\n"
"                          app_date)\n"
"  --decision <column>     monitor: the decision taken, approve, refer or\n"
"                          decline (default decision)\n"
"  --perf-id <column>      monitor: the performance table's account id\n"
"                          (default the --id column, app_id)\n"
"  --month <column>        monitor: the snapshot month (default month)\n"
"  --dpd <column>          monitor: days past due or bucket (default dpd)\n"
"  --charge-off <column>   monitor: the charge-off flag (default\n"
"                          charged_off)\n"
"  --by month | quarter    monitor: the period (default month)\n"
"  --to <YYYY-MM>          monitor: the last application month (--from\n"
"                          the first)\n"
"  --bad-dpd <days>        monitor: a bad is this many days past due or\n"
"                          charged off (default 90)\n"
"  --window <months>       monitor: the outcome window in months on book\n"
"                          (default 12)\n"
"  --psi-alpha <x>         monitor: level of the sample-size-adjusted PSI\n"
"                          critical value (default 0.05)\n"
"  --amber <x>             monitor: amber light below this p (default 0.05)\n"
"  --red <x>               monitor: red light below this p (default 0.01)\n"
"  --override-max <share>  monitor: alert above this override rate\n"
"                          (default 0.05)\n"
"  --char <name>           bin: the characteristic to show or regroup\n"
"                          (repeatable; default all)\n"
"  --fine <n>              bin: fine quantile bins per number (default 20)\n"
"  --other-share <x>       bin: text levels under this share of the rows\n"
"                          are grouped as \"other\" (default 0.01)\n"
"  --min-share <x>         bin: least share of the rows per coarse bin\n"
"                          (default 0.05)\n"
"  --min-goods <n>         bin: least goods per coarse bin (default 1)\n"
"  --min-bads <n>          bin: least bads per coarse bin (default 1)\n"
"  --trend <trend>         bin: WoE trend of the coarse bins: auto\n"
"                          (default), ascending, descending, peak, valley\n"
"                          or none\n"
"  --woe-adjust <x>        bin: added to both counts of a bin with no goods\n"
"                          or no bads (default 0.5)\n"
"  --merge <bin>           bin: merge bin <bin> with the next one\n"
"  --split <bin>:<value>   bin: split a range; <value> starts the new bin\n"
"  --move <level>=<bin>    bin: move a text level to bin <bin>, or to a\n"
"                          new group with <level>=new\n"
"  --save                  bin: save the binnings shown in the database\n"
"  --reset                 bin: forget the saved binning of --char\n"
"  --export <file.yaml>    bin: write the binnings as a YAML binning spec\n"
"  --apply <file.yaml>     bin: rebuild and save the binnings of a spec\n"
"  --csi <table>           bin: stability (CSI) of each binning on table\n"
"  --dialect <name>        export: sqlite, postgresql, duckdb, spark, trino,\n"
"                          bigquery\n"
"  --source <name>         the table's name in the engine: export's query,\n"
"                          and profile, bin, validate, --report with\n"
"                          --engine\n"
"  --view <name>           export: write CREATE VIEW <name>\n"
"  --credit-only           export: the credit policy alone of a policy with\n"
"                          fraud rules (refused without it)\n"
"  --exact                 decide: numbers that read back to the same double\n"
"  --history <table>       decide: the table of earlier events the fraud\n"
"                          features are computed against (default: the\n"
"                          policy's fraud: history)\n"
"  --from <time>           fraud: the figures of the events at or after\n"
"                          this ISO 8601 date or date-time\n"
"  --events <file>         fraud: every event's features and verdict (CSV)\n"
"  --explain               decide: each characteristic's attribute and\n"
"                          points in every record\n"
"  --reasons <n>           decide: adverse reasons per decline or refer\n"
"                          (default 4, at most 16)\n"
"  --busy-timeout <seconds>\n"
"                          every command: wait so long for a lock another\n"
"                          process holds on the database before failing\n"
"                          with \"database is locked\" (default 10)\n"
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
	    "                [--cutoff <segment>=<score>]...\n"
	    "                [--json | --format text | json | html | xlsx]\n"
	    "                [--output <file>] [--curves] "
	    "[--optimise bad_rate=<x> | el=<x>]\n"
	    "                [--save-run] [--document] [--psi-table <table>] "
	    "[--report-time <time>]\n", f);
	fputs("       riskdesk --report [--db <file>] --policy <file> "
	    "[--challenger <file>]\n"
	    "                --engine <conninfo> --source <table> "
	    "[--cutoff <segment>=<score>]...\n"
	    "                [--target <column> --bad <value> "
	    "[--good <value>]...]\n"
	    "                [--json | --format text | json] "
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
	fputs("       riskdesk --help | --version\n", f);
	fputs("Every form takes [--busy-timeout <seconds>], before or after "
	    "the command.\n\n", f);
	fputs("Without --report or a command, riskdesk opens the interactive\n"
	    "workbench (a terminal is needed).\n\n", f);
	fputs(options_text, f);
	fputs("\nexit status: 0 ok, 1 bad input, 2 usage, 3 numerical "
	    "failure,\n4 file or database error, 130 interrupted.  Outputs "
	    "are written whole or\nnot at all, new files owner-only (0600): "
	    "see RELIABILITY in riskdesk(1)\nand riskdesk-policy(5).\n", f);
}

/*
 * SQLite's "database is locked" (SQLITE_BUSY after the busy timeout)
 * said in full: whose lock, how long riskdesk waited, and the option
 * that waits longer.  Other errors are copied as they are.
 */
static void
locked_said(const struct rd_err *in, struct rd_err *out)
{
	static const char locked[] = "database is locked";
	const char *at = strstr(in->msg, locked);
	char msg[RD_ERR_MSG];

	*out = *in;
	if (in->cls != RD_EDB || at == NULL)
		return;
	snprintf(msg, sizeof msg, "%.*s%s by another process (waited %g s; "
	    "--busy-timeout <seconds> waits longer)%s", (int)(at - in->msg),
	    in->msg, locked, db_busy_timeout() / 1000.0,
	    at + sizeof locked - 1);
	memcpy(out->msg, msg, sizeof msg);
}

int
cmd_fail(const struct rd_err *err)
{
	char buf[RD_ERR_MSG + RD_ERR_FILE + 64];
	struct rd_err e;

	locked_said(err, &e);
	fprintf(stderr, "riskdesk: %s\n", rd_err_format(&e, buf, sizeof buf));
	return rd_err_exit_code(err->cls);
}

int
cmd_fail_all(const struct rd_err *v, size_t n, size_t dropped)
{
	char buf[RD_ERR_MSG + RD_ERR_FILE + 64];
	size_t i;

	for (i = 0; i < n; i++) {
		struct rd_err e;

		locked_said(&v[i], &e);
		fprintf(stderr, "riskdesk: %s\n",
		    rd_err_format(&e, buf, sizeof buf));
	}
	if (dropped > 0)
		fprintf(stderr, "riskdesk: %zu more error%s not shown\n",
		    dropped, dropped == 1 ? "" : "s");
	if (n + dropped > 1)
		fprintf(stderr, "riskdesk: %s%s%zu errors\n", v[0].file,
		    v[0].file[0] != '\0' ? ": " : "", n + dropped);
	return rd_err_exit_code(v[0].cls);
}

const char *
cmd_source_arg(const char *arg)
{
	static char *kept;
	char why[256];
	char *s = sqlx_source_name(arg, why, sizeof why);

	if (s == NULL) {
		cmd_usage_error("--source \"%s\": %s", arg, why);
		return NULL;
	}
	free(kept);
	kept = s;
	return s;
}

int
cmd_engine_outcome(const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, const char *reject)
{
	const char *eq = reject != NULL ? strchr(reject, '=') : NULL;

	if (target == NULL)
		return cmd_usage_error("--engine needs --target <column> and "
		    "--bad <value>: an engine's table has no recorded "
		    "target");
	if (nbad == 0)
		return cmd_usage_error("--target needs --bad <value>");
	if (cmd_check_outcome(bad, nbad, good, ngood) != 0)
		return 2;
	if (reject != NULL && (eq == NULL || eq == reject))
		return cmd_usage_error("--reject-when: expected "
		    "<column>=<value>, found \"%s\"", reject);
	return 0;
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
cmd_check_outcome(const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood)
{
	size_t i, k, n;
	const char *b;

	/* A --bad given more than once may be one tab-separated list. */
	for (i = 0; i < nbad; i++)
		for (b = bad[i]; b != NULL; b = b[n] == '\t' ? b + n + 1 :
		    NULL) {
			n = strcspn(b, "\t");
			for (k = 0; k < ngood; k++)
				if (strlen(good[k]) == n &&
				    strncmp(good[k], b, n) == 0)
					return cmd_usage_error("\"%s\" given "
					    "as both --bad and --good",
					    good[k]);
		}
	return 0;
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

/* Async-signal-safe: unlink(2), write(2) and _exit(2) only. */
static void
on_output_signal(int sig)
{
	static const char msg[] = "riskdesk: interrupted: nothing written, "
	    "the output left as it was\n";

	(void)sig;
	afile_cleanup_now();
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(130);
}

void
cmd_catch_output_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_output_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int
cmd_reject_when(const char *arg, char **col, const char **value)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg)
		return cmd_usage_error("--reject-when: expected "
		    "<column>=<value>, found \"%s\"", arg);
	*col = xstrndup(arg, (size_t)(eq - arg));
	*value = eq + 1;
	return 0;
}

int
cmd_sql_conditions(void)
{
	const char *e = getenv("RISKDESK_SQL_CONDITIONS");

	return e != NULL && strcmp(e, "1") == 0;
}
