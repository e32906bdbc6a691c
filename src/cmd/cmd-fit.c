/*
 * cmd-fit.c - "riskdesk fit": bin, fit and scale a scorecard on a table and
 * store it in the database (see model/card.h); or, with --raw, fit a
 * logistic regression on raw columns coded as R's glm codes them, for
 * checking against R (model/design.h).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "desk/desk-engine.h"
#include "desk/desk-bin.h"
#include "report/report.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

/*
 * Split the list s of option opt, "a,b,c", appending fresh strings to
 * list[cap] from *n.  A name holding a comma is written as a CSV field
 * is, in double quotes with a quote inside doubled: "amount, EUR" (as
 * Excel and R write such a header).  Returns 0, or -1 after a usage
 * error naming opt (a quote not closed, or text after a closing quote).
 */
static int
split_list(const char *opt, const char *s, size_t *n, char **list,
	size_t cap)
{
	const char *p = s;

	while (*n < cap) {
		const char *c;
		size_t len;

		if (*p == '"') {
			char *b = xmalloc(strlen(p) + 1);
			size_t k = 0;

			for (p++; *p != '\0' && !(p[0] == '"' && p[1] != '"');
			    p++) {
				if (*p == '"')
					p++;	/* "" is one quote */
				b[k++] = *p;
			}
			b[k] = '\0';
			if (*p != '"' || (p[1] != ',' && p[1] != '\0')) {
				free(b);
				cmd_usage_error("%s: %s in \"%s\": write a "
				    "name holding a comma in double quotes, "
				    "\"amount, EUR\", a quote inside doubled",
				    opt, *p != '"' ? "a quote is not closed" :
				    "text after a closing quote", s);
				return -1;
			}
			if (k > 0)
				list[(*n)++] = b;
			else
				free(b);
			if (p[1] == '\0')
				break;
			p += 2;
			continue;
		}
		c = strchr(p, ',');
		len = c != NULL ? (size_t)(c - p) : strlen(p);
		if (len > 0)
			list[(*n)++] = xstrndup(p, len);
		if (c == NULL)
			break;
		p = c + 1;
	}
	return 0;
}

#define MAXLIST 256

/* 1 when name cannot name a scorecard: empty, or with a control
   character (C0, DEL) that would garble a listing or a terminal. */
/* A characteristic named by --force that the fit left out all the same
   (it cannot be fitted: one value, all NULL, values only in rejects,
   collinear) is never left out silently: a note on stderr, as the list
   of characteristics left out and the JSON say it.  A characteristic
   of integers past 2^53 (bin.h big_integers): a warning. */
static void
note_forced_dropped(const struct scorecard *card)
{
	size_t k;

	for (k = 0; k < card->ndropped; k++)
		if (card_forced_dropped(card->dropped[k]))
			fprintf(stderr, "note: %s\n", card->dropped[k]);
	/* Integers past 2^53, which the classing took as doubles. */
	for (k = 0; k < card->nchars; k++)
		if (card->chars[k].ch->big_integers) {
			char w[768];

			fprintf(stderr, "warning: %s\n", bin_big_integers_text(w,
			    sizeof w, card->chars[k].ch));
		}
}

static int
bad_name(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;

	if (*p == '\0')
		return 1;
	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

/*
 * fit --engine: a scorecard fitted on a PostgreSQL table where it lives
 * (desk_fit_engine), stored in the riskdesk database as desk_fit stores
 * one.  The sample options that draw rows in riskdesk's order or need
 * the rows' dates are refused with what to do instead.
 */
static int
fit_engine(const char *dbpath, const char *engine, const char *table,
	const char *source, const char *target, const char *const *bad,
	size_t nbad, const char *const *good, size_t ngood,
	const char *reject, const char *name, int raw, const char *features,
	int json, struct card_fit_spec *spec, char *const *forced,
	size_t nforced, char *const *excl, size_t nexcl)
{
	const char *eq = reject != NULL ? strchr(reject, '=') : NULL;
	struct desk_fit_engine_info info;
	struct scorecard *card = NULL;
	struct rd_err err;
	struct desk *d;
	char *rcol = NULL;
	size_t k;
	int rc;

	rd_err_clear(&err);
	if (engine == NULL)
		return cmd_usage_error("--source, --target, --bad, --good and "
		    "--reject-when go with --engine");
	if (table != NULL)
		return cmd_usage_error("--engine fits on a table of the "
		    "engine: name it with --source, not --table");
	if (source == NULL)
		return cmd_usage_error("--engine needs --source <table>");
	if (name == NULL || bad_name(name))
		return cmd_usage_error("fit --engine needs --name <scorecard> "
		    "(non-empty, without control characters)");
	if (raw || features != NULL)
		return cmd_usage_error("--engine fits a scorecard: --raw and "
		    "--features-from need the rows in riskdesk");
	if (cmd_engine_outcome(target, bad, nbad, good, ngood, reject) != 0)
		return 2;
	if (spec->sample.kind == CARD_SAMPLE_RANDOM)
		return cmd_usage_error("--holdout does not go with --engine: "
		    "a random holdout is drawn row by row in riskdesk's "
		    "order, which an engine's table has not; fit on a view "
		    "of the development rows and validate the others with "
		    "validate --engine");
	if (spec->sample.kind == CARD_SAMPLE_OOT)
		return cmd_usage_error("--oot-after does not go with --engine: "
		    "fit on a view of the development months (CREATE VIEW "
		    "... WHERE <date> <= '<month>') and validate the later "
		    "ones with validate --engine --source <their view>");
	for (k = 0; k < nforced; k++) {
		size_t e;

		for (e = 0; e < nexcl; e++)
			if (strcmp(forced[k], excl[e]) == 0)
				return cmd_usage_error("\"%s\" is both forced "
				    "in (--force) and left out (--exclude)",
				    forced[k]);
	}
	spec->forced = (const char *const *)forced;
	spec->nforced = nforced;
	spec->exclude = (const char *const *)excl;
	spec->nexclude = nexcl;
	memset(&info, 0, sizeof info);
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		return cmd_fail(&err);
	if (reject != NULL)
		rcol = xstrndup(reject, (size_t)(eq - reject));
	rc = desk_fit_engine(d, engine, source, target, bad, nbad, good,
	    ngood, rcol, eq != NULL ? eq + 1 : NULL, name, spec, &card,
	    &info, &err);
	free(rcol);
	if (rc == 0)
		rc = report_fit(stdout, card, json ? REPORT_JSON : REPORT_TEXT,
		    &err);
	if (rc == 0 && !json) {
		char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];

		printf("\nfitted in the engine (%s, table \"%s\"): %s rows of "
		    "aggregates for the classing, %s cells of bins and "
		    "outcome (%s bytes) for %s rows\n", info.engine, source,
		    fmt_count(b1, (double)info.classing_rows),
		    fmt_count(b2, (double)info.cells),
		    fmt_count(b3, (double)info.cell_bytes),
		    fmt_count(b4, (double)info.rows));
	}
	for (k = 0; rc == 0 && k < card->nchars; k++)
		if (card->chars[k].forced && card->chars[k].ch->iv <
		    spec->min_iv)
			fprintf(stderr, "note: %s is forced in with IV %.4f "
			    "below --min-iv %g\n", card->chars[k].ch->name,
			    card->chars[k].ch->iv, spec->min_iv);
	if (rc == 0)
		note_forced_dropped(card);
	if (rc == 0 && info.float4 != NULL) {
		char w[1024];

		fprintf(stderr, "warning: %s\n", desk_bins_float4_warning(w,
		    sizeof w, info.float4));
	}
	free(info.float4);
	card_free(card);
	desk_close(d);
	return rc == 0 ? 0 : cmd_fail(&err);
}

int
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
		{ "raw", no_argument, NULL, 'r' },
		{ "vars", required_argument, NULL, 'v' },
		{ "ref", required_argument, NULL, 'R' },
		{ "weights", required_argument, NULL, 'w' },
		{ "missing-level", required_argument, NULL, 'M' },
		{ "l2", required_argument, NULL, 'l' },
		{ "select", required_argument, NULL, 'S' },
		{ "criterion", required_argument, NULL, 'c' },
		{ "force", required_argument, NULL, 'f' },
		{ "vif-max", required_argument, NULL, 'V' },
		{ "corr-max", required_argument, NULL, 'C' },
		{ "holdout", required_argument, NULL, 'H' },
		{ "seed", required_argument, NULL, 'e' },
		{ "oot-after", required_argument, NULL, 'O' },
		{ "date-column", required_argument, NULL, 'D' },
		{ "exclude", required_argument, NULL, 'X' },
		{ "features-from", required_argument, NULL, 'F' },
		{ "engine", required_argument, NULL, 'E' },
		{ "source", required_argument, NULL, 'u' },
		{ "target", required_argument, NULL, 'T' },
		{ "bad", required_argument, NULL, 'Y' },
		{ "good", required_argument, NULL, 'G' },
		{ "reject-when", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct card_fit_spec spec;
	struct scorecard *card = NULL;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *table = NULL, *name = NULL;
	const char *weights = NULL, *missing = NULL, *features = NULL;
	const char *engine = NULL, *source = NULL, *target = NULL;
	const char *reject = NULL, *bad[MAXLIST], *good[MAXLIST];
	char *vars[MAXLIST], *refs[MAXLIST], *forced[MAXLIST], *excl[MAXLIST];
	size_t nvars = 0, nrefs = 0, nforced = 0, nexcl = 0, k;
	size_t nbad = 0, ngood = 0;
	struct desk *d;
	double x;
	int c, json = 0, raw = 0, rc = 2, seed_set = 0;

	rd_err_clear(&err);
	card_fit_spec_init(&spec);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': table = optarg; break;
		case 'n': name = optarg; break;
		case 's':
			if (cmd_parse_num(optarg, &x) != 0 ||
			    !(fabs(x) <= CARD_SCORE_MAX)) {
				cmd_usage_error("--base-score: expected a "
				    "number from %g to %g, found \"%s\"",
				    -CARD_SCORE_MAX, CARD_SCORE_MAX, optarg);
				goto out;
			}
			spec.scaling.base_score = x;
			break;
		case 'o':
			if (cmd_parse_num(optarg, &x) != 0 ||
			    !(x > 0 && x <= CARD_ODDS_MAX)) {
				cmd_usage_error("--base-odds: expected a "
				    "number in (0, %g], found \"%s\"",
				    CARD_ODDS_MAX, optarg);
				goto out;
			}
			spec.scaling.base_odds = x;
			break;
		case 'p':
			if (cmd_parse_num(optarg, &x) != 0 ||
			    !(x >= CARD_PDO_MIN && x <= CARD_PDO_MAX)) {
				cmd_usage_error("--pdo: expected a number from "
				    "%g to %g, found \"%s\"", CARD_PDO_MIN,
				    CARD_PDO_MAX, optarg);
				goto out;
			}
			spec.scaling.pdo = x;
			break;
		case 'B':
			if (cmd_parse_num(optarg, &x) != 0 || x < 2 ||
			    x > 1000 || x != floor(x)) {
				cmd_usage_error("--bins: expected a whole "
				    "number from 2 to 1000, found \"%s\"",
				    optarg);
				goto out;
			}
			spec.bins.nquantiles = (int)x;
			break;
		case 'i':
			if (cmd_parse_num(optarg, &x) != 0 || x < 0) {
				cmd_usage_error("--min-iv: expected a "
				    "number >= 0, found \"%s\"", optarg);
				goto out;
			}
			spec.min_iv = x;
			break;
		case 'j': json = 1; break;
		case 'r': raw = 1; break;
		case 'v':
			if (split_list("--vars", optarg, &nvars, vars,
			    MAXLIST) != 0)
				goto out;
			break;
		case 'R':
			if (nrefs < MAXLIST)
				refs[nrefs++] = xstrdup(optarg);
			break;
		case 'w': weights = optarg; break;
		case 'M': missing = optarg; break;
		case 'l':
			if (cmd_parse_num(optarg, &x) != 0 || x < 0) {
				cmd_usage_error("--l2: expected a number >= 0, "
				    "found \"%s\"", optarg);
				goto out;
			}
			spec.logit.l2 = x;
			break;
		case 'S':
			if (select_method_parse(optarg, &spec.select.method)
			    != 0) {
				cmd_usage_error("--select: expected forward, "
				    "backward or stepwise, found \"%s\"",
				    optarg);
				goto out;
			}
			break;
		case 'c':
			if (strcmp(optarg, "aic") == 0)
				spec.select.criterion = SELECT_AIC;
			else if (strcmp(optarg, "p") == 0)
				spec.select.criterion = SELECT_PVALUE;
			else {
				cmd_usage_error("--criterion: expected aic or "
				    "p, found \"%s\"", optarg);
				goto out;
			}
			break;
		case 'f':
			if (split_list("--force", optarg, &nforced, forced,
			    MAXLIST) != 0)
				goto out;
			break;
		case 'X':
			if (split_list("--exclude", optarg, &nexcl, excl,
			    MAXLIST) != 0)
				goto out;
			break;
		case 'V':
			if (cmd_parse_num(optarg, &x) != 0 || x < 1) {
				cmd_usage_error("--vif-max: expected a number "
				    ">= 1, found \"%s\"", optarg);
				goto out;
			}
			spec.select.vif_max = x;
			break;
		case 'C':
			if (cmd_parse_num(optarg, &x) != 0 || x <= 0 || x > 1) {
				cmd_usage_error("--corr-max: expected a number "
				    "in (0, 1], found \"%s\"", optarg);
				goto out;
			}
			spec.select.corr_max = x;
			break;
		case 'H':
			if (cmd_parse_num(optarg, &x) != 0 ||
			    !(x > 0 && x < 1)) {
				cmd_usage_error("--holdout: expected a "
				    "fraction between 0 and 1, found \"%s\"",
				    optarg);
				goto out;
			}
			spec.sample.kind = CARD_SAMPLE_RANDOM;
			spec.sample.holdout = x;
			break;
		case 'e':
			if (cmd_parse_num(optarg, &x) != 0 || x < 0 ||
			    x != floor(x) || x > 4294967295.0) {
				cmd_usage_error("--seed: expected a whole "
				    "number from 0 to 4294967295, found \"%s\"",
				    optarg);
				goto out;
			}
			spec.sample.seed = (unsigned long)x;
			seed_set = 1;
			break;
		case 'O':
			spec.sample.kind = CARD_SAMPLE_OOT;
			spec.sample.after = optarg;
			break;
		case 'D': spec.sample.date_column = optarg; break;
		case 'F': features = optarg; break;
		case 'E': engine = optarg; break;
		case 'u':
			if ((source = cmd_source_arg(optarg)) == NULL)
				goto out;
			break;
		case 'T': target = optarg; break;
		case 'Y':
			if (nbad < MAXLIST)
				bad[nbad++] = optarg;
			break;
		case 'G':
			if (ngood < MAXLIST)
				good[ngood++] = optarg;
			break;
		case 'W': reject = optarg; break;
		case 'h': cmd_help(stdout); rc = 0; goto out;
		default: cmd_usage_error("bad option to fit"); goto out;
		}
	}
	if (optind != argc) {
		cmd_usage_error("fit takes no file argument (\"%s\")",
		    argv[optind]);
		goto out;
	}
	if (engine != NULL || source != NULL || target != NULL || nbad > 0 ||
	    ngood > 0 || reject != NULL) {
		rc = fit_engine(dbpath, engine, table, source, target, bad, nbad,
		    good, ngood, reject, name, raw, features, json, &spec,
		    forced, nforced, excl, nexcl);
		goto out;
	}
	if (table == NULL || (name == NULL && !raw)) {
		cmd_usage_error("fit needs --table <name> and --name "
		    "<scorecard> (or --raw --vars <columns>)");
		goto out;
	}
	if (name != NULL && !raw && bad_name(name)) {
		cmd_usage_error("--name: expected a non-empty scorecard name "
		    "without control characters");
		goto out;
	}
	if (raw && name != NULL) {
		cmd_usage_error("--raw fits are not stored; --name goes with "
		    "a scorecard fit");
		goto out;
	}
	for (k = 0; k < nforced; k++) {
		size_t e;

		for (e = 0; e < nexcl; e++)
			if (strcmp(forced[k], excl[e]) == 0)
				break;
		if (e < nexcl) {
			cmd_usage_error("\"%s\" is both forced in (--force) "
			    "and left out (--exclude)", forced[k]);
			goto out;
		}
	}
	if (raw && nexcl > 0) {
		cmd_usage_error("--exclude does not go with --raw (name the "
		    "columns with --vars)");
		goto out;
	}
	if (raw && features != NULL) {
		cmd_usage_error("--features-from goes with a scorecard fit, "
		    "not --raw");
		goto out;
	}
	if (raw && nvars == 0) {
		cmd_usage_error("fit --raw needs --vars <column>,...");
		goto out;
	}
	if (!raw && (nvars > 0 || nrefs > 0 || weights != NULL ||
	    missing != NULL)) {
		cmd_usage_error("--vars, --ref, --weights and --missing-level "
		    "go with --raw");
		goto out;
	}
	if (spec.sample.kind == CARD_SAMPLE_OOT &&
	    spec.sample.date_column == NULL) {
		cmd_usage_error("--oot-after needs --date-column <column>");
		goto out;
	}
	if (seed_set && spec.sample.kind != CARD_SAMPLE_RANDOM) {
		cmd_usage_error("--seed goes with --holdout");
		goto out;
	}
	spec.forced = (const char *const *)forced;
	spec.nforced = nforced;
	spec.exclude = (const char *const *)excl;
	spec.nexclude = nexcl;
	if ((d = desk_open_existing(dbpath, &err)) == NULL) {
		rc = cmd_fail(&err);
		goto out;
	}
	/* RISKDESK_FIT_ROWS=1: the fit of a whole table from the rows
	   loaded, for the tests that hold it equal to the streamed one. */
	{
		const char *e = getenv("RISKDESK_FIT_ROWS");

		desk_set_fit_rows(d, e != NULL && strcmp(e, "1") == 0);
	}
	if (raw) {
		struct desk_logit l;
		char n1[FMT_BUF], n2[FMT_BUF];

		rc = desk_fit_raw(d, table, (const char *const *)vars, nvars,
		    (const char *const *)refs, nrefs, weights, missing,
		    &spec.logit, &l, &err);
		if (rc == 0)
			rc = report_logit(stdout, &l, json ? REPORT_JSON :
			    REPORT_TEXT, &err);
		for (size_t k = 0; rc == 0 && k < l.nnotes; k++)
			fprintf(stderr, "warning: %s\n", l.notes[k]);
		/* As R's glm.fit warns, on stderr too: the estimates stand,
		   but a script should see it. */
		if (rc == 0 && l.res.nextreme > 0)
			fprintf(stderr, "warning: fitted probabilities "
			    "numerically 0 or 1 on %s of %s rows (first: "
			    "row %lld, through '%s'); the maximum likelihood "
			    "is %s\n", fmt_count(n1, (double)l.res.nextreme),
			    fmt_count(n2, (double)l.res.n),
			    (long long)l.extreme_rowid[0],
			    l.res.extreme_main >= 0 ?
			    l.design.names[l.res.extreme_main] : "?",
			    l.res.finite_proven ? "finite (no separation)" :
			    "reached");
		desk_logit_done(&l);
	} else {
		rc = features != NULL ? desk_fit_features(d, table, name,
		    features, &spec, &card, &err) : desk_fit(d, table, name,
		    &spec, &card, &err);
		if (rc != 0 && d->load_errors.n > 0) {
			rc = cmd_fail_all(d->load_errors.err,
			    d->load_errors.n, d->load_errors.dropped);
			desk_close(d);
			goto out;
		}
		if (rc == 0)
			rc = report_fit(stdout, card, json ? REPORT_JSON :
			    REPORT_TEXT, &err);
		/* --force overrides the --min-iv pre-filter: say so. */
		for (k = 0; rc == 0 && k < card->nchars; k++)
			if (card->chars[k].forced &&
			    card->chars[k].ch->iv < spec.min_iv)
				fprintf(stderr, "note: %s is forced in with "
				    "IV %.4f below --min-iv %g\n",
				    card->chars[k].ch->name,
				    card->chars[k].ch->iv, spec.min_iv);
		if (rc == 0)
			note_forced_dropped(card);
		card_free(card);
	}
	desk_close(d);
	rc = rc == 0 ? 0 : cmd_fail(&err);
out:
	for (k = 0; k < nvars; k++)
		free(vars[k]);
	for (k = 0; k < nrefs; k++)
		free(refs[k]);
	for (k = 0; k < nforced; k++)
		free(forced[k]);
	for (k = 0; k < nexcl; k++)
		free(excl[k]);
	return rc;
}
