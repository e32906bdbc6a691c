/*
 * cmd-bin.c - "riskdesk bin": characteristic analysis of a table (fine
 * and optimal coarse classing, WoE, IV, Gini, KS), regrouping of one
 * characteristic, saving, the YAML binning spec and the stability of the
 * binnings on another table (see desk-bin.h).
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "report/report-bin.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

enum edit_kind { EDIT_MERGE, EDIT_SPLIT, EDIT_MOVE };

struct edit {
	enum edit_kind kind;
	const char *arg;	/* the option's argument, for messages */
};

/* A whole number from lo to hi; 0 ok, -1 otherwise. */
static int
parse_whole(const char *s, double lo, double hi, double *out)
{
	return cmd_parse_num(s, out) == 0 && *out >= lo && *out <= hi &&
	    *out == floor(*out) ? 0 : -1;
}

/*
 * "--special <column>=<v>,<v>..." into *cs (column and values owned), or
 * "--special <v>,<v>..." appended to specials[*n] (every numeric column;
 * the array grows).  Returns 0 or -1.
 */
static int
parse_specials(const char *arg, struct bin_colspecial *cs, double **specials,
	size_t *n)
{
	const char *eq = strchr(arg, '='), *p = eq != NULL ? eq + 1 : arg;
	double *v = xcalloc(strlen(p) + 1, sizeof *v);
	size_t nv = 0;
	char *copy = xstrdup(p), *tok, *save = NULL;

	memset(cs, 0, sizeof *cs);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if (cmd_parse_num(tok, &v[nv++]) < 0)
			goto fail;
	if (nv == 0 || (eq != NULL && eq == arg))
		goto fail;
	free(copy);
	if (eq != NULL) {
		cs->column = xstrndup(arg, (size_t)(eq - arg));
		cs->values = v;
		cs->nvalues = nv;
		return 0;
	}
	*specials = xreallocarray(*specials, *n + nv, sizeof **specials);
	memcpy(*specials + *n, v, nv * sizeof *v);
	*n += nv;
	free(v);
	return 0;
fail:
	free(copy);
	free(v);
	return -1;
}

static int
run_edit(struct desk_bins *b, size_t k, const struct edit *e,
	struct rd_err *err)
{
	double x, at;
	char *sep, *copy;
	int rc;

	switch (e->kind) {
	case EDIT_MERGE:
		if (parse_whole(e->arg, 1, 1e9, &x) < 0)
			return rd_err_set(err, RD_EUSAGE, "--merge: expected a "
			    "bin number, found \"%s\"", e->arg);
		return desk_bins_merge(b, k, (size_t)x - 1, err);
	case EDIT_SPLIT:
		copy = xstrdup(e->arg);
		sep = strchr(copy, ':');
		if (sep == NULL || (*sep = '\0', parse_whole(copy, 1, 1e9,
		    &x)) < 0 || cmd_parse_num(sep + 1, &at) < 0) {
			free(copy);
			return rd_err_set(err, RD_EUSAGE, "--split: expected "
			    "<bin>:<value>, found \"%s\"", e->arg);
		}
		free(copy);
		return desk_bins_split(b, k, (size_t)x - 1, at, err);
	case EDIT_MOVE:
		copy = xstrdup(e->arg);
		sep = strrchr(copy, '=');
		if (sep == NULL) {
			free(copy);
			return rd_err_set(err, RD_EUSAGE, "--move: expected "
			    "<level>=<bin> or <level>=new, found \"%s\"",
			    e->arg);
		}
		*sep = '\0';
		if (strcmp(sep + 1, "new") == 0)
			x = 0;
		else if (parse_whole(sep + 1, 1, 1e9, &x) < 0) {
			free(copy);
			return rd_err_set(err, RD_EUSAGE, "--move: expected "
			    "<level>=<bin> or <level>=new, found \"%s\"",
			    e->arg);
		}
		rc = desk_bins_move(b, k, copy, (int)x - 1, err);
		free(copy);
		return rc;
	}
	return -1;
}

/*
 * bin --engine: the analysis of a PostgreSQL table where it lives
 * (desk_bins_open_engine).  Its bins are not kept (binnings are saved
 * per riskdesk table, which an engine's table is not), so the options
 * that edit, save, export, apply or compare them (other) are refused.
 */
static int
bin_engine(const char *engine, const char *table, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, const char *reject,
	const char *const *names, size_t nnames, const struct bin_spec *spec,
	int json, int other)
{
	struct desk_bins *b = NULL;
	struct rd_err err;
	size_t *which = NULL, k;
	char *rcol = NULL;
	const char *eq = reject != NULL ? strchr(reject, '=') : NULL;
	int rc = 0;

	rd_err_clear(&err);
	if (engine == NULL)
		return cmd_usage_error("--source, --target, --bad, --good and "
		    "--reject-when go with --engine");
	if (table != NULL)
		return cmd_usage_error("--engine bins a table of the engine: "
		    "name it with --source, not --table");
	if (source == NULL)
		return cmd_usage_error("--engine needs --source <table>");
	if (cmd_engine_outcome(target, bad, nbad, good, ngood, reject) != 0)
		return 2;
	if (other)
		return cmd_usage_error("--engine does not go with --merge, "
		    "--split, --move, --reset, --save, --export, --apply, "
		    "--csi or --features-from: binnings are kept per "
		    "riskdesk table, and an engine's table is not one "
		    "(import it to edit or save its bins)");
	if (reject != NULL)
		rcol = xstrndup(reject, (size_t)(eq - reject));
	b = desk_bins_open_engine(engine, source, target, bad, nbad, good,
	    ngood, rcol, eq != NULL ? eq + 1 : NULL, names, nnames, spec,
	    &err);
	free(rcol);
	if (b == NULL)
		return cmd_fail(&err);
	if (b->float4 != NULL) {
		char w[1024];

		fprintf(stderr, "warning: %s\n", desk_bins_float4_warning(w,
		    sizeof w, b->float4));
	}
	which = xcalloc(nnames + 1, sizeof *which);
	for (k = 0; k < nnames; k++) {
		int i = desk_bins_index(b, names[k]);
		const struct desk_left_out *lo;

		if (i < 0 && (lo = desk_bins_left_out(b, names[k])) != NULL) {
			rd_err_set(&err, RD_EINPUT, "column \"%s\" of table "
			    "\"%s\" is not binned: %s", names[k], source,
			    lo->why);
			rc = cmd_fail(&err);
			goto out;
		}
		if (i < 0) {
			rd_err_set(&err, RD_EINPUT, "table \"%s\" has no "
			    "characteristic \"%s\"", source, names[k]);
			rc = cmd_fail(&err);
			goto out;
		}
		which[k] = (size_t)i;
	}
	if (report_bins(stdout, b, nnames > 0 ? which : NULL, nnames,
	    json ? REPORT_JSON : REPORT_TEXT, &err) < 0)
		rc = cmd_fail(&err);
out:
	free(which);
	desk_bins_free(b);
	return rc;
}

int
cmd_bin(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "table", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "char", required_argument, NULL, 'c' },
		{ "fine", required_argument, NULL, 'f' },
		{ "other-share", required_argument, NULL, 'O' },
		{ "min-share", required_argument, NULL, 'm' },
		{ "min-goods", required_argument, NULL, 'g' },
		{ "min-bads", required_argument, NULL, 'b' },
		{ "trend", required_argument, NULL, 'T' },
		{ "special", required_argument, NULL, 'S' },
		{ "woe-adjust", required_argument, NULL, 'a' },
		{ "merge", required_argument, NULL, 'M' },
		{ "split", required_argument, NULL, 'P' },
		{ "move", required_argument, NULL, 'V' },
		{ "save", no_argument, NULL, 's' },
		{ "reset", no_argument, NULL, 'r' },
		{ "export", required_argument, NULL, 'e' },
		{ "apply", required_argument, NULL, 'A' },
		{ "csi", required_argument, NULL, 'C' },
		{ "features-from", required_argument, NULL, 'F' },
		{ "engine", required_argument, NULL, 'E' },
		{ "source", required_argument, NULL, 'u' },
		{ "target", required_argument, NULL, 'y' },
		{ "bad", required_argument, NULL, 'B' },
		{ "good", required_argument, NULL, 'G' },
		{ "reject-when", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct bin_spec spec;
	struct rd_err err;
	const char *dbpath = CMD_DEFAULT_DB, *table = NULL;
	const char *export = NULL, *apply = NULL, *csi = NULL;
	const char *features = NULL, *engine = NULL, *source = NULL;
	const char *target = NULL, *reject = NULL;
	const char **bad = xcalloc((size_t)argc + 1, sizeof *bad);
	const char **good = xcalloc((size_t)argc + 1, sizeof *good);
	size_t nbad = 0, ngood = 0;
	const char **names = xcalloc((size_t)argc + 1, sizeof *names);
	struct edit *edits = xcalloc((size_t)argc + 1, sizeof *edits);
	double *specials = NULL;
	struct bin_colspecial *cs_opt = xcalloc((size_t)argc + 1,
	    sizeof *cs_opt);
	size_t *which = NULL, nnames = 0, nedits = 0, nspecials = 0, ncs = 0;
	size_t k;
	struct desk *d = NULL;
	struct desk_bins *b = NULL;
	struct desk_csi *cs = NULL;
	double x;
	int c, json = 0, save = 0, reset = 0, rc = 0;

	rd_err_clear(&err);
	bin_spec_init(&spec);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 't': table = optarg; break;
		case 'j': json = 1; break;
		case 'c': names[nnames++] = optarg; break;
		case 'f':
			if (parse_whole(optarg, 2, 1000, &x) < 0) {
				rc = cmd_usage_error("--fine: expected a whole "
				    "number from 2 to 1000, found \"%s\"",
				    optarg);
				goto out;
			}
			spec.nquantiles = (int)x;
			break;
		case 'O':
		case 'm':
			if (cmd_parse_num(optarg, &x) < 0 || x < 0 || x >= 1) {
				rc = cmd_usage_error("--%s: expected a share "
				    "from 0 to below 1, found \"%s\"",
				    c == 'O' ? "other-share" : "min-share",
				    optarg);
				goto out;
			}
			if (c == 'O')
				spec.other_share = x;
			else
				spec.min_share = x;
			break;
		case 'g':
		case 'b':
			if (parse_whole(optarg, 0, 1e9, &x) < 0) {
				rc = cmd_usage_error("--%s: expected a whole "
				    "number >= 0, found \"%s\"", c == 'g' ?
				    "min-goods" : "min-bads", optarg);
				goto out;
			}
			if (c == 'g')
				spec.min_goods = (size_t)x;
			else
				spec.min_bads = (size_t)x;
			break;
		case 'T':
			if (bin_trend_parse(optarg, &spec.trend) < 0) {
				rc = cmd_usage_error("--trend: expected auto, "
				    "ascending, descending, peak, valley or "
				    "none, found \"%s\"", optarg);
				goto out;
			}
			break;
		case 'S':
			if (parse_specials(optarg, &cs_opt[ncs], &specials,
			    &nspecials) < 0) {
				rc = cmd_usage_error("--special: expected "
				    "[<column>=]<number>,..., found \"%s\"",
				    optarg);
				goto out;
			}
			if (cs_opt[ncs].column != NULL)
				ncs++;
			break;
		case 'a':
			if (cmd_parse_num(optarg, &x) < 0 || x <= 0) {
				rc = cmd_usage_error("--woe-adjust: expected a "
				    "positive number, found \"%s\"", optarg);
				goto out;
			}
			spec.woe_adjust = x;
			break;
		case 'M':
		case 'P':
		case 'V':
			edits[nedits].kind = c == 'M' ? EDIT_MERGE :
			    c == 'P' ? EDIT_SPLIT : EDIT_MOVE;
			edits[nedits++].arg = optarg;
			break;
		case 's': save = 1; break;
		case 'r': reset = 1; break;
		case 'e': export = optarg; break;
		case 'A': apply = optarg; break;
		case 'C': csi = optarg; break;
		case 'F': features = optarg; break;
		case 'E': engine = optarg; break;
		case 'u':
			if ((source = cmd_source_arg(optarg)) == NULL) {
				rc = 2;
				goto out;
			}
			break;
		case 'y': target = optarg; break;
		case 'B': bad[nbad++] = optarg; break;
		case 'G': good[ngood++] = optarg; break;
		case 'R': reject = optarg; break;
		case 'h':
			cmd_help(stdout);
			goto out;
		default:
			rc = cmd_usage_error("bad option to bin");
			goto out;
		}
	}
	spec.specials = specials;
	spec.nspecials = nspecials;
	spec.colspecials = cs_opt;
	spec.ncolspecials = ncs;
	if (optind != argc) {
		rc = cmd_usage_error("bin takes no file argument (\"%s\")",
		    argv[optind]);
		goto out;
	}
	if (engine != NULL || source != NULL || target != NULL || nbad > 0 ||
	    ngood > 0 || reject != NULL) {
		rc = bin_engine(engine, table, source, target, bad, nbad, good,
		    ngood, reject, names, nnames, &spec, json, nedits > 0 || save ||
		    reset || export != NULL || apply != NULL || csi != NULL ||
		    features != NULL);
		goto out;
	}
	if (table == NULL) {
		rc = cmd_usage_error("bin needs --table <name>");
		goto out;
	}
	if (export != NULL) {
		const char *in[] = { "the binning spec applied (--apply)",
		    apply };

		if (*export == '\0') {
			rc = cmd_usage_error("--export: expected a file name, "
			    "found nothing");
			goto out;
		}
		if (afile_check_target("--export", export, dbpath, in, 1,
		    &err) != 0) {
			rc = cmd_usage_error("%s", err.msg);
			goto out;
		}
		cmd_catch_output_signals();
	}
	if ((nedits > 0 || reset) && nnames != 1) {
		rc = cmd_usage_error("--merge, --split, --move and --reset "
		    "need exactly one --char <name>");
		goto out;
	}
	/* Named characteristics: only their columns are read and binned
	   (a spec to apply may name any). */
	if (features != NULL && csi != NULL) {
		rc = cmd_usage_error("--csi does not go with --features-from "
		    "(the features are computed on the table binned)");
		goto out;
	}
	if ((d = desk_open_existing(dbpath, &err)) == NULL)
		goto fail;
	/* Only edits, a spec applied, --reset, --csi and fraud features
	   need the rows held; the analysis itself (and --save, --export)
	   is made from the columns' distinct values, read in one pass. */
	if (features != NULL)
		b = desk_bins_open_features(d, table, features, nnames > 0 &&
		    apply == NULL ? (const char *const *)names : NULL, nnames,
		    &spec, &err);
	else if (nedits > 0 || reset || apply != NULL || csi != NULL)
		b = desk_bins_open_chars(d, table, nnames > 0 &&
		    apply == NULL ? names : NULL, nnames, &spec, &err);
	else
		b = desk_bins_open_agg(d, table, nnames > 0 ? names : NULL,
		    nnames, &spec, &err);
	if (b == NULL && d->load_errors.n > 0) {
		rc = cmd_fail_all(d->load_errors.err, d->load_errors.n,
		    d->load_errors.dropped);
		goto out;
	}
	if (b == NULL)
		goto fail;
	which = xcalloc(nnames + 1, sizeof *which);
	for (k = 0; k < nnames; k++) {
		int i = desk_bins_index(b, names[k]);
		const struct desk_left_out *lo;

		if (i < 0 && (lo = desk_bins_left_out(b, names[k])) != NULL) {
			rd_err_set(&err, RD_EINPUT, "column \"%s\" of table "
			    "\"%s\" is not binned: %s (an identifier is "
			    "never binned, ranked or fitted)", names[k], table,
			    lo->why);
			goto fail;
		}
		if (i < 0) {
			rd_err_set(&err, RD_EINPUT, "table \"%s\" has no "
			    "characteristic \"%s\"", table, names[k]);
			goto fail;
		}
		which[k] = (size_t)i;
	}
	if (apply != NULL && desk_bins_apply_spec(d, b, apply, NULL,
	    &err) < 0)
		goto fail;
	if (reset && desk_bins_forget(d, b, which[0], &err) < 0)
		goto fail;
	for (k = 0; k < nedits; k++)
		if (run_edit(b, which[0], &edits[k], &err) < 0)
			goto fail;
	/* Edits are saved, so a refit and the next session use them. */
	if (nedits > 0 || save) {
		size_t n = nnames > 0 ? nnames : b->nchars;

		for (k = 0; k < n; k++)
			if (desk_bins_save(d, b, nnames > 0 ? which[k] : k,
			    &err) < 0)
				goto fail;
	}
	if (export != NULL && desk_bins_export(b, nnames > 0 ? which : NULL,
	    nnames, export, &err) < 0)
		goto fail;
	if (csi != NULL) {
		if ((cs = desk_bins_csi(d, b, csi, &err)) != NULL &&
		    nnames > 0)
			desk_csi_keep(cs, which, nnames);
		if (cs == NULL ||
		    report_csi(stdout, b, cs, json ? REPORT_JSON : REPORT_TEXT,
		    &err) < 0)
			goto fail;
	} else if (report_bins(stdout, b, nnames > 0 ? which : NULL, nnames,
	    json ? REPORT_JSON : REPORT_TEXT, &err) < 0) {
		goto fail;
	}
	goto out;

fail:
	rc = cmd_fail(&err);
out:
	desk_csi_free(cs);
	desk_bins_free(b);
	desk_close(d);
	free(which);
	free(names);
	free(bad);
	free(good);
	free(edits);
	free(specials);
	for (k = 0; k < ncs; k++) {
		free((char *)cs_opt[k].column);
		free((double *)cs_opt[k].values);
	}
	free(cs_opt);
	return rc;
}
