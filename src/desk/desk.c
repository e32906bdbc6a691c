/*
 * desk.c - the open session (see desk.h): the one place where the data,
 * model, policy and simulation layers meet.  Front ends call only this
 * facade and read the structures it owns.  It keeps each loaded policy's
 * figures true to their inputs: every slot is stamped with the scorecard
 * text, policy file and population it was computed from, and scored
 * again when they move (desk_check, desk_refresh).
 */
#include "config.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/binstore.h"
#include "data/colagg.h"
#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "desk/desk-fraud.h"
#include "desk/desk-internal.h"
#include "data/runstore.h"
#include "data/profile.h"
#include "data/settings.h"
#include "policy/policy-edit.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/sha256.h"
#include "util/xmalloc.h"
#include "util/progress.h"
#include "model/binned.h"

void
desk_set_slice(struct desk *d, size_t slice)
{
	d->slice = slice;
}

void
desk_set_tally(struct desk *d, int on)
{
	d->tally = on;
}

void
desk_set_sql_conditions(struct desk *d, int on)
{
	d->sql_conditions = on;
}

void
desk_set_fit_rows(struct desk *d, int rows)
{
	d->fit_rows = rows;
}

struct desk *
desk_open(const char *path, struct rd_err *err)
{
	struct desk *d;
	struct db *db;

	/* GSL aborts on error by default; every status is checked instead. */
	gsl_set_error_handler_off();
	if ((db = db_open(path, err)) == NULL)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->db = db;
	return d;
}

static void
slot_done(struct desk_policy *s)
{
	sim_opt_done(&s->opt);
	sim_warnings_free(s->warnings, s->nwarnings);
	free(s->tally);
	sim_result_done(&s->result);
	sim_prep_done(&s->prep);
	free(s->fraud);
	free(s->cutoffs);
	free(s->score);
	free(s->pd);
	ds_free(s->ds);
	card_free(s->card);
	policy_free(s->policy);
	memset(s, 0, sizeof *s);
}

void
desk_close(struct desk *d)
{
	size_t k;

	if (d == NULL)
		return;
	slot_done(&d->champion);
	slot_done(&d->challenger);
	policy_free(d->unscored);
	free(d->collect_challenger);
	policy_errors_done(&d->load_errors);
	for (k = 0; k < d->ndata; k++) {
		free(d->data[k].table);
		free(d->data[k].stamp);
	}
	free(d->data);
	db_close(d->db);
	free(d);
}

struct db *
desk_db(struct desk *d)
{
	return d->db;
}

/* How many times the desk has seen table imported again (0: never). */
static unsigned long
data_gen(const struct desk *d, const char *table)
{
	size_t k;

	for (k = 0; k < d->ndata; k++)
		if (strcmp(d->data[k].table, table) == 0)
			return d->data[k].gen;
	return 0;
}

unsigned long
desk_table_gen(const struct desk *d, const char *table)
{
	return data_gen(d, table);
}

/* The entry of table in d->data, made when missing. */
static struct desk_table_gen *
table_entry(struct desk *d, const char *table)
{
	size_t k;

	for (k = 0; k < d->ndata; k++)
		if (strcmp(d->data[k].table, table) == 0)
			return &d->data[k];
	d->data = xreallocarray(d->data, d->ndata + 1, sizeof *d->data);
	d->data[d->ndata].table = xstrdup(table);
	d->data[d->ndata].gen = 0;
	d->data[d->ndata].stamp = NULL;
	return &d->data[d->ndata++];
}

/* Table was imported again: count it, and the slots whose population it
   is see their inputs move. */
static void
data_moved(struct desk *d, const char *table)
{
	struct desk_policy *slots[2] = { &d->champion, &d->challenger };
	struct desk_table_gen *g = table_entry(d, table);
	int i;

	g->gen++;
	for (i = 0; i < 2; i++)
		if (slots[i]->policy != NULL &&
		    strcmp(slots[i]->policy->population, table) == 0)
			slots[i]->now.data_gen = g->gen;
}

/* The metadata of table as one line (heap), or NULL when it has none. */
static char *
table_stamp(struct desk *d, const char *table)
{
	struct table_meta m;
	struct rd_err e;
	char *s;

	if (db_table_meta(d->db, table, &m, &e) != 0)
		return NULL;
	s = xasprintf("%lld\t%lld\t%lld\t%lld\t%s\t%s\t%s\t%s",
	    (long long)m.rows, (long long)m.bads, (long long)m.goods,
	    (long long)m.indeterminate, m.target ? m.target : "",
	    m.bad ? m.bad : "", m.good ? m.good : "", m.source ? m.source :
	    "");
	table_meta_done(&m);
	return s;
}

/* Note table's metadata as seen now (the desk's own import). */
static void
restamp(struct desk *d, const char *table)
{
	struct desk_table_gen *g;

	if (!d->have_version)
		return;
	g = table_entry(d, table);
	free(g->stamp);
	g->stamp = table_stamp(d, table);
}

int
desk_db_changed(struct desk *d, char ***moved, struct rd_err *err)
{
	char **tables, *stamp;
	size_t i, n = 0;
	int64_t v;
	int first = !d->have_version;

	*moved = xcalloc(1, sizeof **moved);
	if (db_data_version(d->db, &v, err) != 0)
		return -1;
	if (!first && v == d->version)
		return 0;
	if ((tables = db_table_list(d->db, err)) == NULL)
		return -1;
	d->version = v;
	d->have_version = 1;
	for (i = 0; tables[i] != NULL; i++) {
		struct desk_table_gen *g = table_entry(d, tables[i]);

		stamp = table_stamp(d, tables[i]);
		if (!first && (g->stamp == NULL || stamp == NULL ||
		    strcmp(g->stamp, stamp) != 0)) {
			data_moved(d, tables[i]);
			*moved = xreallocarray(*moved, n + 2, sizeof **moved);
			(*moved)[n++] = xstrdup(tables[i]);
			(*moved)[n] = NULL;
		}
		free(g->stamp);
		g->stamp = stamp;
		free(tables[i]);
	}
	free(tables);
	return first ? 0 : 1;
}

int
desk_import(struct desk *d, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err)
{
	struct rd_err e;
	char **saved, *list, *t;
	size_t k;

	if (csv_import(d->db, spec, sum, err) != 0)
		return -1;
	if (spec->mode != IMPORT_CREATE || spec->replace)
		data_moved(d, spec->table);
	restamp(d, spec->table);
	if (spec->mode != IMPORT_REPLACE && spec->mode != IMPORT_APPEND)
		return 0;
	/* Binnings saved on the rows before are kept (the officer's work),
	   but never applied to new rows unsaid. */
	rd_err_clear(&e);
	if ((saved = db_binning_list(d->db, spec->table, &e)) == NULL ||
	    saved[0] == NULL) {
		free(saved);
		return 0;
	}
	list = xstrdup("");
	for (k = 0; saved[k] != NULL; k++) {
		if (k < 5) {
			t = xasprintf("%s%s%s", list, k ? ", " : "", saved[k]);
			free(list);
			list = t;
		}
		free(saved[k]);
	}
	free(saved);
	sum->warnings = xreallocarray(sum->warnings, sum->nwarnings + 1,
	    sizeof *sum->warnings);
	sum->warnings[sum->nwarnings++] = xasprintf("the saved binning%s of "
	    "%s%s %s made on the rows before this import and still %s: "
	    "check them with riskdesk bin --table %s, or forget one with "
	    "riskdesk bin --table %s --char <name> --reset", k == 1 ? "" : "s",
	    list, k > 5 ? ", ..." : "", k == 1 ? "was" : "were",
	    k == 1 ? "applies" : "apply", spec->table, spec->table);
	free(list);
	return 0;
}

/*
 * What a scorecard fit under spec reads of table: the target, every
 * column not in spec->exclude and not recorded as an identifier, and the
 * out-of-time date column, as keep[*nkeep] (owned, its names pointing
 * into names[*nnames], the table's columns, owned: the caller frees
 * both).  The recorded identifiers not read go to *left_out as "name:
 * why" lines (heap strings, *nleft_out of them).  Returns 0, or -1 with
 * err, also for an excluded or forced name the table lacks.  fit_load
 * loads them.
 */
static int
fit_columns(struct desk *d, const char *table, const struct card_fit_spec *spec,
	char ***namesp, size_t *nnames, const char ***keepp, size_t *nkeep,
	char ***left_out, size_t *nleft_out, struct rd_err *err)
{
	struct desk_left_out *ids = NULL;
	size_t nids = 0, i;
	struct table_meta meta;
	const char **keep;
	char **names;
	size_t n, m = 0, j, k;

	*namesp = NULL;
	*keepp = NULL;
	*nnames = *nkeep = 0;
	if (db_table_meta(d->db, table, &meta, err) != 0)
		return -1;
	for (k = 0; k < spec->nexclude && meta.target != NULL; k++)
		if (strcmp(spec->exclude[k], meta.target) == 0) {
			rd_err_set(err, RD_EINPUT, "cannot exclude \"%s\": it "
			    "is the target of table \"%s\"", meta.target,
			    table);
			table_meta_done(&meta);
			return -1;
		}
	/* The target forced: never a characteristic, said so (the card
	   marks it left out although forced, and fit notes it). */
	for (k = 0; k < spec->nforced && meta.target != NULL; k++)
		if (strcmp(spec->forced[k], meta.target) == 0) {
			*left_out = xreallocarray(*left_out, *nleft_out + 1,
			    sizeof **left_out);
			(*left_out)[(*nleft_out)++] = xasprintf("%s: it is "
			    "the target of table \"%s\"", meta.target, table);
			break;
		}
	table_meta_done(&meta);
	if ((names = db_table_column_names(d->db, table, &n, err)) == NULL)
		return -1;
	for (k = 0; k < spec->nexclude; k++) {
		for (j = 0; j < n; j++)
			if (strcmp(names[j], spec->exclude[k]) == 0)
				break;
		if (j == n) {
			rd_err_set(err, RD_EINPUT, "cannot exclude \"%s\": "
			    "table \"%s\" has no such column",
			    spec->exclude[k], table);
			goto done;
		}
	}
	for (k = 0; k < spec->nforced; k++) {
		for (j = 0; j < n; j++)
			if (strcmp(names[j], spec->forced[k]) == 0)
				break;
		if (j == n) {
			rd_err_set(err, RD_EINPUT, "cannot force \"%s\": "
			    "table \"%s\" has no such column",
			    spec->forced[k], table);
			goto done;
		}
	}
	/* Recorded identifiers are not even read (desk-bin.h). */
	if (desk_identifiers(d, table, &ids, &nids, err) != 0)
		goto done;
	keep = xcalloc(n + 1, sizeof *keep);
	for (j = 0; j < n; j++) {
		int want = 1, excluded = 0, id = 0;

		for (k = 0; want && k < spec->nexclude; k++)
			want = strcmp(names[j], spec->exclude[k]) != 0;
		excluded = !want;
		for (i = 0; want && i < nids; i++)
			if (strcmp(names[j], ids[i].name) == 0)
				want = 0, id = 1;
		if (spec->sample.kind == CARD_SAMPLE_OOT &&
		    spec->sample.date_column != NULL &&
		    strcmp(names[j], spec->sample.date_column) == 0)
			want = 1;
		if (want)
			keep[m++] = names[j];
		else if (id && !excluded) {
			*left_out = xreallocarray(*left_out, *nleft_out + 1,
			    sizeof **left_out);
			(*left_out)[(*nleft_out)++] = xasprintf("%s: %s",
			    names[j], ids[i - 1].why);
		}
	}
	desk_left_out_free(ids, nids);
	*namesp = names;
	*nnames = n;
	*keepp = keep;
	*nkeep = m;
	return 0;
done:
	for (j = 0; j < n; j++)
		free(names[j]);
	free(names);
	return -1;
}

/* 1 when name is one of list[n]. */
static int
listed_in(const char *const *list, size_t n, const char *name)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(list[k], name) == 0)
			return 1;
	return 0;
}

static struct dataset *
fit_load(struct desk *d, const char *table, const struct card_fit_spec *spec,
	char ***left_out, size_t *nleft_out, struct rd_err *err)
{
	struct dataset *ds;
	const char **keep;
	char **names;
	size_t n, m, j;

	if (fit_columns(d, table, spec, &names, &n, &keep, &m, left_out,
	    nleft_out, err) != 0)
		return NULL;
	ds = db_dataset_load_columns(d->db, table, keep, m, err);
	free(keep);
	for (j = 0; j < n; j++)
		free(names[j]);
	free(names);
	return ds;
}

/* Rows whose bins fit_streamed holds at once. */
#define FILL_PART 16384

/*
 * A scorecard fit of the whole of table without holding its rows: the
 * classing of desk_bins_open_codes (one read keeping each column's
 * distinct values with their rows per outcome, and each row's code and
 * outcome), the characteristics left out as card_fit leaves them (the
 * recorded identifiers, the excluded, then in column order those the
 * identifier rule names, those with a status, those below --min-iv), and
 * a binned sample made from the codes through a code -> bin map per
 * candidate (bin_index_num / bin_index_text of each distinct value, as
 * the rows' own values would give); the columns go before the fit runs
 * on the sample (card_fit_binned).  The scorecard of card_fit on the
 * loaded table, figure for figure (the same bins, sums in the same row
 * order); memory 2 or 4 bytes a row and column read, then a byte a row
 * per candidate.  Returns the card, or NULL with err (*in_fit 1 when
 * the fit itself failed, as card_fit's failures are, the table's read
 * and classing 0); *rows 1 (err clear) when a saved binning of a
 * single bin needs the rows to say whether its column separates, which
 * the caller then loads.
 */
static struct scorecard *
fit_streamed(struct desk *d, const char *table, const char *name,
	const struct card_fit_spec *spec, int *rows, int *in_fit,
	struct rd_err *err)
{
	struct desk_bins *b = NULL;
	struct colagg *a = NULL;
	struct characteristic **cand = NULL;
	struct binned_sample bs;
	struct binned_fill fill;
	struct scorecard *card = NULL;
	const char **keep = NULL;
	char **names = NULL, **left = NULL, **dropped = NULL;
	signed char *y = NULL;
	int *bin = NULL, *map = NULL;
	size_t nnames = 0, nkeep = 0, nleft = 0, nd = 0, nc = 0, j, k, i;

	*rows = 0;
	*in_fit = 0;
	memset(&bs, 0, sizeof bs);
	if (fit_columns(d, table, spec, &names, &nnames, &keep, &nkeep,
	    &left, &nleft, err) != 0)
		goto done;
	if ((b = desk_bins_open_codes(d, table, keep, nkeep, &spec->bins,
	    "a scorecard fit", &a, err)) == NULL)
		goto done;
	dropped = xcalloc(nleft + spec->nexclude + a->ncols + 1,
	    sizeof *dropped);
	for (k = 0; k < nleft; k++)
		dropped[nd++] = xstrdup(left[k]);
	for (k = 0; k < spec->nexclude; k++) {
		for (j = 0; j < k; j++)
			if (strcmp(spec->exclude[j], spec->exclude[k]) == 0)
				break;
		if (j == k)
			dropped[nd++] = xasprintf("%s: excluded",
			    spec->exclude[k]);
	}
	cand = xcalloc(a->ncols + 1, sizeof *cand);
	for (j = 0; j < a->ncols; j++) {
		const char *cn = a->cols[j].name;
		int kk;
		struct characteristic *ch;

		if ((int)j == a->target)
			continue;
		if ((kk = desk_bins_index(b, cn)) < 0) {
			const struct desk_left_out *lo =
			    desk_bins_left_out(b, cn);

			if (lo != NULL)
				dropped[nd++] = xasprintf("%s: %s", cn,
				    lo->why);
			continue;
		}
		ch = b->chars[kk];
		if (ch->status != NULL && ch->splits == NULL &&
		    ch->pure == NULL && strncmp(ch->status, "single bin",
		    10) == 0 && b->saved[kk]) {
			/* bin_splits reads the rows (card.c drop_status). */
			*rows = 1;
			goto done;
		}
		if (ch->status != NULL)
			dropped[nd++] = xasprintf("%s: %s", cn, ch->splits !=
			    NULL ? ch->splits : ch->pure != NULL ? ch->pure :
			    ch->status);
		else if (ch->iv < spec->min_iv && !listed_in(spec->forced,
		    spec->nforced, cn))
			dropped[nd++] = xasprintf("%s: IV %.4f below %.4g", cn,
			    ch->iv, spec->min_iv);
		else {
			/* The fit takes its own. */
			cand[nc++] = characteristic_copy(ch);
		}
	}
	/* Each row's bin per candidate, from its code. */
	y = xmalloc(a->nrows > 0 ? a->nrows : 1);
	for (i = 0; i < a->nrows; i++)
		y[i] = a->outcome[i] == COLAGG_GOOD ? DS_GOOD :
		    a->outcome[i] == COLAGG_BAD ? DS_BAD : DS_INDET;
	binned_init(&bs, table, cand, nc);
	binned_append_outcomes(&bs, y, a->nrows);
	bs.nindet = a->nindet;
	bs.nreject = a->nreject;
	/* Each row's bin a part at a time (FILL_PART ints, cache-sized). */
	bin = xmalloc(FILL_PART * sizeof *bin);
	for (k = 0; k < nc; k++) {
		const struct colagg_col *c = &a->cols[colagg_index(a,
		    cand[k]->name)];

		map = xreallocarray(map, c->ndistinct + 2, sizeof *map);
		for (i = 0; i < c->ndistinct; i++)
			map[i] = c->type != DS_TEXT ? bin_index_num(cand[k],
			    c->num[i]) : bin_index_text(cand[k], c->text[i]);
		map[c->ndistinct] = c->type != DS_TEXT ?
		    bin_index_num(cand[k], NAN) : bin_index_text(cand[k],
		    NULL);
		binned_fill_begin(&bs, &fill);
		for (i = 0; i < a->nrows; i += FILL_PART) {
			size_t m = a->nrows - i < FILL_PART ? a->nrows - i :
			    FILL_PART;

			colagg_map_codes_part(a, c, map, i, m, bin);
			binned_fill_part(&bs, k, bin, y + i, m, &fill);
		}
	}
	free(bin);
	bin = NULL;
	free(y);
	y = NULL;
	colagg_free(a);
	a = NULL;
	*in_fit = 1;
	card = card_fit_binned(&bs, name, cand, nc,
	    (const char *const *)dropped, nd, spec, err);
	nc = 0;		/* taken over, also on failure */
done:
	for (k = 0; k < nc; k++)
		characteristic_free(cand[k]);
	free(cand);
	for (k = 0; k < nd; k++)
		free(dropped[k]);
	free(dropped);
	free(map);
	free(bin);
	free(y);
	binned_done(&bs);
	colagg_free(a);
	desk_bins_free(b);
	for (k = 0; k < nleft; k++)
		free(left[k]);
	free(left);
	free(keep);
	for (k = 0; k < nnames; k++)
		free(names[k]);
	free(names);
	return card;
}

/* desk_fit, with the fraud features and label of policy p (NULL: the
   table's columns and target alone). */
static int
fit_card(struct desk *d, const char *table, const char *name,
	const struct card_fit_spec *spec, const struct policy *p,
	struct scorecard **out, struct rd_err *err)
{
	struct dataset *ds;
	struct scorecard *card;
	struct card_fit_spec tspec = *spec;
	const char **tforced = NULL, **texcl = NULL, **feats = NULL;
	char *body, **left = NULL;
	size_t nleft = 0, k, j, nfeat = 0;
	int rc;

	*out = NULL;
	if (p == NULL && spec->sample.kind == CARD_SAMPLE_ALL && !d->fit_rows) {
		/* The whole table, no features: fitted from each row's
		   codes, the rows never held. */
		int rows, in_fit;

		card = fit_streamed(d, table, name, spec, &rows, &in_fit, err);
		if (card == NULL && !rows) {
			/* Named as the fit from the rows names its errors. */
			if (in_fit && (err->cls == RD_EINPUT ||
			    err->cls == RD_ENUMERIC))
				desk_err_in_table(err, table);
			return -1;
		}
		if (card != NULL)
			goto store;
	}
	if (p != NULL) {
		/* --force and --exclude may name features: the table is read
		   by its own names, the features left out not computed. */
		tforced = xcalloc(spec->nforced + 1, sizeof *tforced);
		texcl = xcalloc(spec->nexclude + 1, sizeof *texcl);
		feats = xcalloc(p->fraud->nfeatures + 1, sizeof *feats);
		tspec.nforced = tspec.nexclude = 0;
		for (k = 0; k < spec->nforced; k++)
			if (policy_fraud_feature(p, spec->forced[k]) < 0)
				tforced[tspec.nforced++] = spec->forced[k];
		for (k = 0; k < spec->nexclude; k++)
			if (policy_fraud_feature(p, spec->exclude[k]) < 0)
				texcl[tspec.nexclude++] = spec->exclude[k];
		for (k = 0; k < p->fraud->nfeatures; k++) {
			const char *f = p->fraud->features[k].name;

			for (j = 0; j < spec->nexclude; j++)
				if (strcmp(spec->exclude[j], f) == 0)
					break;
			if (j == spec->nexclude)
				feats[nfeat++] = f;
		}
		tspec.forced = tforced;
		tspec.exclude = texcl;
	}
	ds = fit_load(d, table, &tspec, &left, &nleft, err);
	free(tforced);
	free(texcl);
	if (ds == NULL) {
		free(feats);
		for (k = 0; k < nleft; k++)
			free(left[k]);
		free(left);
		return -1;
	}
	rc = p != NULL ? desk_fraud_dataset(d->db, p, table, feats, nfeat, ds,
	    err) : 0;
	free(feats);
	if (rc != 0 ||
	    desk_need_outcomes(ds, table, "a scorecard fit", err) != 0) {
		ds_free(ds);
		for (k = 0; k < nleft; k++)
			free(left[k]);
		free(left);
		return -1;
	}
	{
		/* The officer's saved binnings take the place of the optimal
		   coarse classing of their columns, and declared special
		   values get bins of their own (desk-bin.h). */
		struct card_fit_spec sp = *spec;
		struct desk_bins_lend lend;

		sp.left_out = (const char *const *)left;
		sp.nleft_out = nleft;
		if (desk_bins_lend(d, ds, &sp.bins, &lend, err) < 0) {
			card = NULL;
			ds_free(ds);
		} else {
			/* The dataset goes once the fit has its binned
			   sample, before the iterations. */
			card = desk_card_fit_sample(ds, name, &sp, err);
			desk_bins_lend_done(&lend);
		}
	}
	for (k = 0; k < nleft; k++)
		free(left[k]);
	free(left);
	if (card == NULL) {
		if (err->cls == RD_EINPUT || err->cls == RD_ENUMERIC)
			desk_err_in_table(err, table);
		return -1;
	}
	if (p != NULL) {
		/* The card remembers the features it scores with, so that
		   scoring computes them again. */
		const char **names = xcalloc(card->nchars + 1, sizeof *names);

		for (k = 0; k < card->nchars; k++)
			names[k] = card->chars[k].ch->name;
		card->features = desk_fraud_card_features(p, names,
		    card->nchars);
		free(names);
	}
store:
	if (card_check_text(card, err) != 0) {
		card_free(card);
		return -1;
	}
	body = card_serialize(card);
	rc = db_scorecard_put(d->db, name, table, body, err);
	if (rc == 0)
		desk_card_stored(d, name, body);
	free(body);
	if (rc != 0) {
		card_free(card);
		return -1;
	}
	*out = card;
	return 0;
}

int
desk_fit(struct desk *d, const char *table, const char *name,
	const struct card_fit_spec *spec, struct scorecard **out,
	struct rd_err *err)
{
	return fit_card(d, table, name, spec, NULL, out, err);
}

int
desk_fit_features(struct desk *d, const char *table, const char *name,
	const char *features_from, const struct card_fit_spec *spec,
	struct scorecard **out, struct rd_err *err)
{
	struct policy *p;
	int rc;

	*out = NULL;
	if ((p = desk_fraud_features_policy(d, features_from, table, err)) ==
	    NULL)
		return -1;
	rc = fit_card(d, table, name, spec, p, out, err);
	policy_free(p);
	return rc;
}

/*
 * The population table as a policy's simulation needs it: the columns of
 * card's characteristics that the table has (one it lacks is card_score's
 * error, with the characteristic named) and the target.  The rest of the
 * row (an application id of a million distinct values, columns only the
 * policy's expressions read, which SQLite evaluates) is never loaded.
 * NULL with err; card NULL loads every column.
 */
static struct dataset *
population_load_pr(struct db *db, const char *table,
	const struct scorecard *card, const struct policy *p,
	const struct db_progress *pr, struct rd_err *err);

static struct dataset *
population_load(struct db *db, const char *table,
	const struct scorecard *card, struct rd_err *err)
{
	return population_load_pr(db, table, card, NULL, NULL, err);
}

/*
 * The columns of table that the expressions of policy p read (its
 * knock-outs, segments, EADs and income), those not in keep[*m] appended
 * (heap names in *own[*nown], the caller frees them).  An expression
 * SQLite does not take adds nothing: the policy's checks report it.
 * Returns 0, or -1 with err when SQLite itself failed (out of memory, a
 * read error: RD_EDB), which is the load's failure, never a cue to load
 * fewer columns.
 */
static int
policy_columns(struct db *db, const char *table, const struct policy *p,
	const char **keep, size_t *m, size_t cap, char ***own, size_t *nown,
	struct rd_err *err)
{
	size_t k, j, l, nc, ne = p->nknockouts + 2 * p->nsegments + 1;
	char **cols;
	struct rd_err e;

	for (k = 0; k < ne; k++) {
		const char *x = k < p->nknockouts ? p->knockouts[k].when :
		    k < p->nknockouts + p->nsegments ?
		    p->segments[k - p->nknockouts].when :
		    k < p->nknockouts + 2 * p->nsegments ?
		    p->segments[k - p->nknockouts - p->nsegments].ead :
		    p->income;

		if (x == NULL)
			continue;
		rd_err_clear(&e);
		if (db_expr_columns(db, table, x, &cols, &nc, &e) != 0) {
			if (e.cls == RD_EDB) {
				*err = e;
				return -1;
			}
			continue;
		}
		for (j = 0; j < nc; j++) {
			for (l = 0; l < *m; l++)
				if (strcmp(keep[l], cols[j]) == 0)
					break;
			if (l == *m && *m < cap) {
				keep[(*m)++] = cols[j];
				*own = xreallocarray(*own, *nown + 1,
				    sizeof **own);
				(*own)[(*nown)++] = cols[j];
			} else {
				free(cols[j]);
			}
		}
		free(cols);
	}
	return 0;
}

/*
 * population_load with the progress hook pr (NULL: the default) and,
 * with a policy p (may be NULL), the columns its expressions read too,
 * so that the simulation computes them from the rows read (sim/coleval.h)
 * instead of reading the table again.
 */
static struct dataset *
population_load_pr(struct db *db, const char *table,
	const struct scorecard *card, const struct policy *p,
	const struct db_progress *pr, struct rd_err *err)
{
	const char **keep;
	char **cols, **own = NULL;
	size_t nc = 0, j, k, m = 0, nown = 0;
	struct dataset *ds;

	if (card == NULL)
		return pr != NULL ? db_dataset_load_progress(db, table, pr,
		    err) : db_dataset_load(db, table, err);
	/* A failure to list the columns (SQLite out of memory among them)
	   is the load's failure, never a cue to load every column. */
	if ((cols = db_table_column_names(db, table, &nc, err)) == NULL)
		return NULL;
	keep = xcalloc(nc + 1, sizeof *keep);
	for (j = 0; j < nc; j++)
		for (k = 0; k < card->nchars; k++)
			if (strcmp(cols[j], card->chars[k].ch->name) == 0) {
				keep[m++] = cols[j];
				break;
			}
	if (p != NULL && policy_columns(db, table, p, keep, &m, nc, &own,
	    &nown, err) != 0)
		ds = NULL;
	else
		ds = pr != NULL ? db_dataset_load_columns_progress(db, table,
		    keep, m, pr, err) : db_dataset_load_columns(db, table, keep,
		    m, err);
	free(keep);
	for (j = 0; j < nc; j++)
		free(cols[j]);
	free(cols);
	for (j = 0; j < nown; j++)
		free(own[j]);
	free(own);
	return ds;
}

/* The population's counts of slot s: those of ds added. */
static void
pop_add(struct desk_policy *s, const struct dataset *ds)
{
	s->pop.rows += ds->nrows;
	s->pop.bad += ds->nbad;
	s->pop.good += ds->ngood;
	s->pop.indet += ds->nindet;
	s->pop.reject += ds->nreject;
	s->pop.has_target = ds->y != NULL;
	s->pop.has_reject = ds->reject != NULL;
}

/*
 * A pass over the population of policy p in windows of slice rowids
 * (db_window_set; slice 0: the whole table at once, no window): the
 * first window's rows loaded (population_load with card, which fails as
 * it does on the whole table), then, slice after slice, *ds holds the
 * window's rows.  pass_open returns 0 with *ds the first slice's, or -1
 * with err (*ds NULL); pass_next frees *ds and loads the next, returning
 * 1, 0 when none is left, or -1 with err.  An empty table, or one whose
 * rowids cannot be read, is read whole (its errors are then the load's).
 */
struct pop_pass {
	struct db *db;
	const char *table;
	const struct scorecard *card;
	const struct policy *policy;	/* may be NULL */
	size_t slice, nrows, off;
	int64_t lo, end;
};

static int
pass_load(struct pop_pass *ps, struct dataset **ds, struct rd_err *err)
{
	if (ps->slice > 0) {
		ps->end = ps->lo <= INT64_MAX - (int64_t)ps->slice ?
		    ps->lo + (int64_t)ps->slice : INT64_MAX;
		rd_progress("reading", ps->off, ps->nrows, "rows", NULL);
		db_window_set(ps->db, ps->lo, ps->end);
	}
	*ds = population_load_pr(ps->db, ps->table, ps->card, ps->policy,
	    ps->slice > 0 ? &db_progress_none : NULL, err);
	if (ps->slice > 0)
		db_window_clear(ps->db);
	if (*ds == NULL)
		return -1;
	ps->off += (*ds)->nrows;
	return 0;
}

static int
pass_open(struct pop_pass *ps, struct db *db, const char *table,
	const struct scorecard *card, const struct policy *p, size_t slice,
	struct dataset **ds, struct rd_err *err)
{
	struct rd_err e;
	int64_t hi;

	memset(ps, 0, sizeof *ps);
	ps->db = db;
	ps->table = table;
	ps->card = card;
	ps->policy = p;
	ps->slice = slice;
	if (slice > 0 && (db_rowid_range(db, table, &ps->lo, &hi, &ps->nrows,
	    &e) != 0 || ps->nrows == 0))
		ps->slice = 0;
	return pass_load(ps, ds, err);
}

static int
pass_next(struct pop_pass *ps, struct dataset **ds, struct rd_err *err)
{
	int more;

	ds_free(*ds);
	*ds = NULL;
	if (ps->slice == 0 || ps->end == INT64_MAX)
		return 0;
	if ((more = db_next_rowid(ps->db, ps->table, ps->end, &ps->lo,
	    err)) <= 0)
		return more;
	return pass_load(ps, ds, err) == 0 ? 1 : -1;
}

/* The end of a pass: its bar cleared. */
static void
pass_close(struct pop_pass *ps)
{
	if (ps->slice > 0)
		rd_progress(NULL, 0, 0, NULL, NULL);
}

/* Score ds with card into *score and *pd (grown to ds->nrows). */
static int
pass_score(const struct scorecard *card, const struct dataset *ds,
	double **score, double **pd, struct rd_err *err)
{
	size_t n = ds->nrows ? ds->nrows : 1;

	*score = xreallocarray(*score, n, sizeof **score);
	*pd = xreallocarray(*pd, n, sizeof **pd);
	memset(*score, 0, n * sizeof **score);
	memset(*pd, 0, n * sizeof **pd);
	return card_score(card, ds, *score, *pd, err);
}

/*
 * Put an input error without a file of its own at mark of policy p, so
 * that a missing scorecard or column is reported where the policy names it.
 */
void
desk_relocate(struct rd_err *err, const struct policy *p,
	struct policy_mark mark)
{
	char msg[RD_ERR_MSG];

	if (err == NULL || err->cls != RD_EINPUT || err->file[0] != '\0')
		return;
	memcpy(msg, err->msg, sizeof msg);
	rd_err_setloc(err, RD_EINPUT, p->path, mark.line, mark.col, "%s",
	    msg);
}

struct scorecard *
desk_policy_card(struct db *db, const struct policy *p, char *sha256,
	struct rd_err *err)
{
	struct scorecard *card = NULL;
	char *body;

	if ((body = db_scorecard_get(db, p->scorecard, err)) != NULL) {
		if (sha256 != NULL)
			rd_sha256_buf(body, strlen(body), sha256);
		card = card_parse(body, err);
		free(body);
	}
	if (card != NULL && card->features != NULL) {
		rd_err_set(err, RD_EINPUT, "scorecard \"%s\" is a fraud "
		    "scorecard (fitted with --features-from), and a policy's "
		    "scorecard scores credit risk: name a credit scorecard "
		    "here, and the fraud card in the policy's fraud section "
		    "(scorecard: %s) to rank its alerts", card->name,
		    card->name);
		card_free(card);
		card = NULL;
	}
	if (card == NULL)
		desk_relocate(err, p, p->scorecard_at);
	return card;
}

/*
 * Score and simulate s->policy into the rest of *s (all but the policy
 * zeroed): its scorecard read from the database (made.card_sha256 stamped
 * from the text read), its population loaded (made.data_gen), the
 * columns, expressions and unique segments checked, the scores, the
 * simulation at cutoffs[nsegments] (NULL: the policy's) and the
 * discrimination.  On failure everything built is released but the
 * policy, and errs holds every error found: the checks that do not
 * depend on one another all run, so a missing scorecard does not hide an
 * unknown column.  Returns 0 or -1.
 */
/*
 * The outcome lines of slot s at its current cutoffs, fraud rules first:
 * each row's credit decision (sim_run, as the figures) with its fraud
 * action.  Nothing when the slot has no fraud verdicts.
 */
static void
slot_lines(struct desk_policy *s)
{
	struct sim_result res;

	if (s->fraud == NULL)
		return;
	sim_run(&s->prep, s->cutoffs, &res);
	decide_lines_count(&s->lines, &s->prep, res.decision, s->fraud);
	sim_result_done(&res);
}

/*
 * The fraud verdicts of slot s's population, as decide gives them for
 * that table, one per row of s->ds, then the lines.  Returns 0, or -1
 * with the errors appended to errs: a policy whose fraud rules cannot be
 * evaluated does not load, as decide refuses it (never credit figures
 * without the rules).
 */
static int
slot_fraud(struct desk *d, struct desk_policy *s, struct policy_errors *errs)
{
	const struct policy *p = s->policy;
	struct fraud_data f;
	size_t i, j;

	s->fraud_msg[0] = '\0';
	if (desk_fraud_verdicts(d, p, p->population, NULL, &f, errs) != 0)
		return -1;
	/* Both in rowid order: the population's rows after the history's
	   in f. */
	s->fraud = xmalloc(s->ds->nrows + 1);
	for (i = 0, j = f.first; i < s->ds->nrows; i++) {
		while (j < f.n && f.rowid[j] < s->ds->rowid[i])
			j++;
		s->fraud[i] = j < f.n && f.rowid[j] == s->ds->rowid[i] ?
		    f.action[j] : -1;
	}
	fraud_data_done(&f);
	slot_lines(s);
	return 0;
}

static int
slot_build(struct desk *d, struct desk_policy *s, const double *cutoffs,
	struct policy_errors *errs)
{
	struct policy *p = s->policy;
	struct sim_build *b = NULL;
	struct pop_pass ps;
	struct dataset *ds = NULL;
	double *score = NULL, *pd = NULL;
	struct rd_err e;
	size_t k, slice;
	int more = 1, open = 0, deferred = 0;

	rd_err_clear(&e);
	if (p->scorecard == NULL) {
		/* Fraud rules or collections only: nothing to score. */
		policy_unscored_err(p, NULL, &e);
		policy_errors_add(errs, &e);
		goto fail;
	}
	if ((s->card = desk_policy_card(d->db, p, s->made.card_sha256,
	    &e)) == NULL)
		policy_errors_add(errs, &e);
	s->made.data_gen = data_gen(d, p->population);
	/*
	 * The population is read and simulated slice by slice when the
	 * desk does not keep the rows (desk_set_slice); fraud verdicts are
	 * matched row by row, so a policy with fraud rules keeps them.
	 */
	slice = p->fraud != NULL ? 0 : d->slice;
	if (pass_open(&ps, d->db, p->population, s->card, p, slice, &ds,
	    &e) != 0) {
		desk_relocate(&e, p, p->population_at);
		policy_errors_add(errs, &e);
	} else if (desk_check_policy_table(d->db, p, NULL, 1, &deferred,
	    errs, &e) < 0) {
		/* check-policy's and decide's checks. */
		policy_errors_add(errs, &e);
	} else {
		/* The fraud section's, as every command checks it. */
		desk_fraud_check(d->db, p, NULL, errs);
	}
	open = 1;
	/* desk_check_policy_table checks hit: unique too. */
	if (errs->n > 0)
		goto fail;
	b = sim_build_new(p, ps.slice == 0);
	if (d->tally)
		sim_build_tally(b);
	if (d->sql_conditions)
		sim_build_sql(b);
	while (more == 1) {
		int64_t lo = ps.lo, end = ps.end;

		if (pass_score(s->card, ds, &score, &pd, &e) != 0) {
			desk_relocate(&e, p, p->population_at);
			policy_errors_add(errs, &e);
			goto fail;
		}
		pop_add(s, ds);
		if (ps.slice > 0)
			db_window_set(d->db, lo, end);
		k = (size_t)sim_build_add(b, d->db, ds, score, pd, &e);
		if (ps.slice > 0)
			db_window_clear(d->db);
		if (k != 0) {
			policy_errors_add(errs, &e);
			goto fail;
		}
		if (ps.slice == 0) {
			/* The rows are kept with the slot. */
			s->ds = ds;
			s->score = score;
			s->pd = pd;
			ds = NULL;
			score = pd = NULL;
			break;
		}
		if ((more = pass_next(&ps, &ds, &e)) < 0) {
			policy_errors_add(errs, &e);
			goto fail;
		}
	}
	pass_close(&ps);
	open = 0;
	/* Read in slices: the last slice's scores are the builder's no
	   more. */
	free(score);
	free(pd);
	score = pd = NULL;
	free(s->tally);
	sim_build_tallies(b, &s->tally, &s->tally_rows);
	k = sim_build_finish(b, d->db, ps.slice, &s->prep, &e) != 0;
	b = NULL;
	if (k != 0) {
		/* The EADs' range left to the build: check-policy's
		   verdict, every segment at fault. */
		struct rd_err e2;
		size_t had = errs->n;

		rd_err_clear(&e2);
		if (deferred && e.cls == RD_EINPUT &&
		    desk_ead_range_errors(d->db, p, p->population, errs,
		    &e2) != 0) {
			/* The check itself fails (an integer overflow in
			   abs()), as check-policy's does: its error. */
			errs->n = had;
			policy_errors_add(errs, &e2);
		}
		if (errs->n == had)
			policy_errors_add(errs, &e);
		goto fail;
	}
	s->cutoffs = xcalloc(p->nsegments, sizeof *s->cutoffs);
	for (k = 0; k < p->nsegments; k++)
		s->cutoffs[k] = cutoffs != NULL ? cutoffs[k] :
		    p->segments[k].cutoff;
	sim_figures(&s->prep, s->cutoffs, &s->result);
	s->simulated = 1;
	if (p->fraud != NULL && slot_fraud(d, s, errs) != 0)
		goto fail;
	sim_discrimination(&s->prep, &s->disc);
	return 0;
fail:
	if (open)
		pass_close(&ps);
	sim_build_free(b);
	ds_free(ds);
	free(score);
	free(pd);
	s->policy = NULL;
	slot_done(s);
	s->policy = p;
	return -1;
}

/* The policy at path scored with stored scorecard card into *s
   (zeroed first; on failure zeroed again, err the first error). */
static int
card_slot(struct desk *d, const char *path, const char *card,
	struct desk_policy *s, struct rd_err *err)
{
	struct policy_errors errs;
	int rc = -1;

	memset(s, 0, sizeof *s);
	memset(&errs, 0, sizeof errs);
	if ((s->policy = policy_load_all(path, &errs)) != NULL) {
		free(s->policy->scorecard);
		s->policy->scorecard = xstrdup(card);
		rc = slot_build(d, s, NULL, &errs);
	}
	if (rc != 0) {
		if (err != NULL && errs.n > 0)
			*err = errs.err[0];
		slot_done(s);
	}
	policy_errors_done(&errs);
	return rc;
}

int
desk_card_swap(struct desk *d, const char *path, const char *card_a,
	const char *card_b, struct desk_card_swap *out, struct rd_err *err)
{
	memset(out, 0, sizeof *out);
	if (card_slot(d, path, card_a, &out->a, err) != 0 ||
	    card_slot(d, path, card_b, &out->b, err) != 0 ||
	    sim_swap(&out->a.prep, out->a.cutoffs, out->a.fraud,
	    &out->b.prep, out->b.cutoffs, out->b.fraud, &out->swap,
	    err) != 0) {
		desk_card_swap_done(out);
		return -1;
	}
	return 0;
}

void
desk_card_swap_done(struct desk_card_swap *s)
{
	if (s == NULL)
		return;
	slot_done(&s->a);
	slot_done(&s->b);
	memset(s, 0, sizeof *s);
}

/*
 * Build a complete slot for the policy at path into *s (zeroed first).
 * On failure everything built so far is released, *s stays zeroed, and
 * d->load_errors holds every error found (err the first).  Returns 0,
 * -1, or 1 for a policy of fraud rules only: s->policy and
 * s->made.policy_sha256 are set, nothing else (nothing to score).
 */
static int
slot_load(struct desk *d, const char *path, struct desk_policy *s,
	struct rd_err *err)
{
	struct policy_errors *errs = &d->load_errors;
	struct rd_err e;

	memset(s, 0, sizeof *s);
	policy_errors_done(errs);
	if ((s->policy = policy_load_all(path, errs)) == NULL)
		goto fail;
	/* The bytes just parsed (a file that cannot be read again is
	   stamped "", so the next desk_check calls it changed). */
	if (rd_sha256_file(path, s->made.policy_sha256, &e) != 0)
		s->made.policy_sha256[0] = '\0';
	/* Fraud rules or collections only: nothing to score; the caller
	   keeps it. */
	if (s->policy->scorecard == NULL && (s->policy->fraud != NULL ||
	    s->policy->collect != NULL))
		return 1;
	if (slot_build(d, s, NULL, errs) != 0)
		goto fail;
	s->now = s->made;
	return 0;
fail:
	if (err != NULL && errs->n > 0)
		*err = errs->err[0];
	slot_done(s);
	return -1;
}

const struct policy_errors *
desk_policy_errors(const struct desk *d)
{
	return &d->load_errors;
}

int
desk_load_policy(struct desk *d, const char *path, int challenger,
	struct rd_err *err)
{
	struct desk_policy fresh;
	struct desk_policy *slot = challenger ? &d->challenger : &d->champion;
	int rc;

	if ((rc = slot_load(d, path, &fresh, err)) < 0)
		return -1;
	if (rc == 1 && challenger && fresh.policy->fraud != NULL) {
		const struct policy *p = fresh.policy;
		struct rd_err e;

		rd_err_setloc(&e, RD_EINPUT, path, p->fraud->at.line,
		    p->fraud->at.col, "policy \"%s\" holds fraud rules only "
		    "(no scorecard, no segments): open it as the champion (o) "
		    "to see them on the Fraud screen", p->name);
		policy_errors_add(&d->load_errors, &e);
		if (err != NULL)
			*err = e;
		slot_done(&fresh);
		return -1;
	}
	/* A collections strategy alone is checked against its tables now
	   (tables, columns, expressions, every bucket covered), and fraud
	   rules alone against their population (desk_fraud_check), as a
	   credit policy is against its population: one with an error does
	   not load, and the workbench shows the error at its line. */
	if (rc == 1 && ((fresh.policy->collect != NULL &&
	    policy_check_collect_all(fresh.policy, d->db,
	    &d->load_errors) != 0) || desk_fraud_check(d->db, fresh.policy,
	    NULL, &d->load_errors) != 0)) {
		if (err != NULL && d->load_errors.n > 0)
			*err = d->load_errors.err[0];
		slot_done(&fresh);
		return -1;
	}
	/* A collections challenger: planned on the Collections screen
	   beside the champion's strategy, the credit slots untouched. */
	if (rc == 1 && challenger) {
		free(d->collect_challenger);
		d->collect_challenger = xstrdup(path);
		slot_done(&fresh);
		return 0;
	}
	if (!challenger) {
		policy_free(d->unscored);
		d->unscored = NULL;
	}
	slot_done(slot);
	if (rc == 1) {
		d->unscored = fresh.policy;
		memcpy(d->unscored_sha, fresh.made.policy_sha256,
		    sizeof d->unscored_sha);
		return 0;
	}
	*slot = fresh;
	return 0;
}

const struct policy *
desk_unscored(const struct desk *d)
{
	return d->unscored;
}

const struct policy *
desk_fraud_only(const struct desk *d)
{
	return d->unscored != NULL && d->unscored->fraud != NULL ?
	    d->unscored : NULL;
}

const char *
desk_collect_challenger(const struct desk *d)
{
	return d->collect_challenger;
}

const struct policy *
desk_collect_only(const struct desk *d)
{
	return d->unscored != NULL && d->unscored->collect != NULL ?
	    d->unscored : NULL;
}

int
desk_fraud_moved(struct desk *d, const struct desk_fraud *f,
	const char *sha256, size_t moved)
{
	struct desk_policy *s = &d->champion;
	const struct policy *p = s->policy;
	const struct fraud_data *fd = &f->data;
	size_t i, j;

	if (p == NULL || p->fraud == NULL || s->fraud == NULL ||
	    s->ds == NULL || f->policy == NULL || f->table == NULL ||
	    p->fraud->history != NULL || strcmp(f->policy->path,
	    p->path) != 0 || strcmp(f->table, p->population) != 0 ||
	    strcmp(sha256, s->made.policy_sha256) != 0)
		return 0;
	/* Both in rowid order, as slot_fraud matches them. */
	for (i = 0, j = fd->first; i < s->ds->nrows; i++) {
		while (j < fd->n && fd->rowid[j] < s->ds->rowid[i])
			j++;
		s->fraud[i] = j < fd->n && fd->rowid[j] == s->ds->rowid[i] ?
		    fd->action[j] : -1;
	}
	s->fraud_moved = moved;
	slot_lines(s);
	return 1;
}

const struct policy *
desk_fraud_source(const struct desk *d, const char **sha)
{
	if (d->champion.policy != NULL && d->champion.policy->fraud != NULL) {
		if (sha != NULL)
			*sha = d->champion.made.policy_sha256;
		return d->champion.policy;
	}
	if (desk_fraud_only(d) != NULL && sha != NULL)
		*sha = d->unscored_sha;
	return desk_fraud_only(d);
}

/* ---------------------------------------------- staleness and refresh */

static struct desk_policy *
slot_of(struct desk *d, int challenger)
{
	return challenger ? &d->challenger : &d->champion;
}

/* The stamp of slot s's policy file as it is now into now. */
static void
look_policy_file(struct desk_policy *s)
{
	struct rd_err e;

	if (rd_sha256_file(s->policy->path, s->now.policy_sha256, &e) != 0)
		s->now.policy_sha256[0] = '\0';
}

void
desk_card_stored(struct desk *d, const char *name, const char *body)
{
	char sha[RD_SHA256_HEX];
	int which;

	rd_sha256_buf(body, strlen(body), sha);
	for (which = 0; which <= 1; which++) {
		struct desk_policy *s = slot_of(d, which);

		if (s->policy != NULL && strcmp(s->policy->scorecard, name) == 0)
			memcpy(s->now.card_sha256, sha, sizeof sha);
	}
}

unsigned
desk_check(struct desk *d)
{
	unsigned stale = 0;
	int which;

	for (which = 0; which <= 1; which++) {
		struct desk_policy *s = slot_of(d, which);
		struct rd_err e;
		char *body;

		if (s->policy == NULL)
			continue;
		/* A scorecard the database no longer holds (or cannot give)
		   is stamped "": a refresh then says why it cannot score. */
		rd_err_clear(&e);
		if ((body = db_scorecard_get(d->db, s->policy->scorecard,
		    &e)) != NULL) {
			rd_sha256_buf(body, strlen(body), s->now.card_sha256);
			free(body);
		} else
			s->now.card_sha256[0] = '\0';
		look_policy_file(s);
		s->now.data_gen = data_gen(d, s->policy->population);
		stale |= desk_stale(d, which);
	}
	return stale;
}

/* Whether the scorecard and population of a and b are the same. */
static int
same_scoring(const struct desk_stamp *a, const struct desk_stamp *b)
{
	return strcmp(a->card_sha256, b->card_sha256) == 0 &&
	    a->data_gen == b->data_gen;
}

unsigned
desk_stale(const struct desk *d, int challenger)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);
	unsigned bits = 0;

	if (s == NULL)
		return 0;
	if (strcmp(s->made.card_sha256, s->now.card_sha256) != 0)
		bits |= DESK_STALE_CARD;
	if (s->made.data_gen != s->now.data_gen)
		bits |= DESK_STALE_DATA;
	if (strcmp(s->made.policy_sha256, s->now.policy_sha256) != 0)
		bits |= DESK_STALE_POLICY;
	if ((bits & (DESK_STALE_CARD | DESK_STALE_DATA)) &&
	    s->failed_msg[0] != '\0' && same_scoring(&s->failed, &s->now))
		bits |= DESK_STALE_FAILED;
	return bits;
}

int
desk_needs_refresh(const struct desk *d)
{
	int which;

	for (which = 0; which <= 1; which++) {
		unsigned bits = desk_stale(d, which);

		if ((bits & (DESK_STALE_CARD | DESK_STALE_DATA)) &&
		    !(bits & DESK_STALE_FAILED))
			return 1;
	}
	return 0;
}

/*
 * Score slot s again with its policy as loaded and its cutoffs (desk.h,
 * desk_refresh).  On failure s keeps its figures, with the inputs that
 * failed and the reason recorded.  Returns 0 or -1 with err.
 */
static int
slot_rescore(struct desk *d, struct desk_policy *s, struct rd_err *err)
{
	struct desk_policy fresh;
	struct policy_errors errs;

	memset(&fresh, 0, sizeof fresh);
	memset(&errs, 0, sizeof errs);
	fresh.policy = s->policy;
	if (slot_build(d, &fresh, s->cutoffs, &errs) != 0) {
		*err = errs.err[0];
		policy_errors_done(&errs);
		s->failed = s->now;
		snprintf(s->failed_msg, sizeof s->failed_msg, "%s", err->msg);
		return -1;
	}
	policy_errors_done(&errs);
	/* The policy's stamp stays the one it was loaded with; the other
	   inputs are what was just read. */
	memcpy(fresh.made.policy_sha256, s->made.policy_sha256,
	    sizeof fresh.made.policy_sha256);
	fresh.now = fresh.made;
	memcpy(fresh.now.policy_sha256, s->now.policy_sha256,
	    sizeof fresh.now.policy_sha256);
	/* Knock-out and segment warnings depend on the population, not on
	   the scores. */
	if (s->made.data_gen == fresh.made.data_gen) {
		fresh.warnings = s->warnings;
		fresh.nwarnings = s->nwarnings;
		fresh.linted = s->linted;
		s->warnings = NULL;
		s->nwarnings = 0;
	}
	s->policy = NULL;	/* now fresh's */
	slot_done(s);
	*s = fresh;
	return 0;
}

int
desk_refresh(struct desk *d, int force, struct rd_err *err)
{
	struct rd_err first;
	int which, rc = 0;

	rd_err_clear(&first);
	for (which = 0; which <= 1; which++) {
		struct desk_policy *s = slot_of(d, which);
		unsigned bits = desk_stale(d, which);

		if (!(bits & (DESK_STALE_CARD | DESK_STALE_DATA)) ||
		    ((bits & DESK_STALE_FAILED) && !force))
			continue;
		if (slot_rescore(d, s, err) != 0) {
			if (rc == 0)
				first = *err;
			rc = -1;
		}
	}
	if (rc != 0)
		*err = first;
	return rc;
}

/* The first DESK_SHORT_HASH digits of a stamp, or "none". */
static const char *
short_hash(char *buf, const char *sha)
{
	if (sha[0] == '\0')
		return "none";
	memcpy(buf, sha, DESK_SHORT_HASH);
	buf[DESK_SHORT_HASH] = '\0';
	return buf;
}

char *
desk_stale_why(const struct desk *d, int challenger, char *buf, size_t len)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);
	unsigned bits = desk_stale(d, challenger);
	char h1[DESK_SHORT_HASH + 1], h2[DESK_SHORT_HASH + 1];
	size_t off;

	buf[0] = '\0';
	if (s == NULL || bits == 0)
		return NULL;
	off = (size_t)snprintf(buf, len, "policy %s", s->policy->name);
	if ((bits & DESK_STALE_CARD) && off < len)
		off += (size_t)snprintf(buf + off, len - off, " is scored "
		    "with scorecard %s %s, %s", s->policy->scorecard,
		    short_hash(h1, s->made.card_sha256),
		    s->now.card_sha256[0] == '\0' ? "no longer in the "
		    "database" : "stored again since");
	if ((bits & DESK_STALE_CARD) && s->now.card_sha256[0] != '\0' &&
	    off < len)
		off += (size_t)snprintf(buf + off, len - off, " (%s)",
		    short_hash(h2, s->now.card_sha256));
	if ((bits & DESK_STALE_DATA) && off < len)
		off += (size_t)snprintf(buf + off, len - off, "%s table %s "
		    "was imported again since it was scored",
		    (bits & DESK_STALE_CARD) ? ";" : ":",
		    s->policy->population);
	if ((bits & DESK_STALE_POLICY) && off < len)
		off += (size_t)snprintf(buf + off, len - off, "%s its file %s "
		    "%s since it was loaded", (bits & (DESK_STALE_CARD |
		    DESK_STALE_DATA)) ? ";" : ":", s->policy->path,
		    s->now.policy_sha256[0] == '\0' ? "cannot be read" :
		    "changed");
	if ((bits & DESK_STALE_FAILED) && off < len)
		snprintf(buf + off, len - off, "; scoring it again failed: %s",
		    s->failed_msg);
	return buf;
}

char *
desk_card_label(const struct desk *d, int challenger, char *buf, size_t len)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);
	char h[DESK_SHORT_HASH + 1];

	if (s == NULL)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%s %s", s->card->name,
		    short_hash(h, s->made.card_sha256));
	return buf;
}

int
desk_remember_policies(struct desk *d, struct rd_err *err)
{
	int which;

	for (which = 0; which <= 1; which++) {
		const struct desk_policy *s = desk_policy_slot(d, which);
		char *abs = s != NULL ? realpath(s->policy->path, NULL) :
		    which == 0 && d->unscored != NULL ?
		    realpath(d->unscored->path, NULL) : NULL;
		int rc;

		/* An empty value forgets a challenger no longer paired. */
		rc = db_setting_put(d->db, which ? "challenger" : "policy",
		    abs != NULL ? abs : "", err);
		free(abs);
		if (rc != 0)
			return -1;
	}
	return 0;
}

char *
desk_last_policy(struct desk *d, int challenger)
{
	return db_setting_get(d->db, challenger ? "challenger" : "policy",
	    NULL);
}

int
desk_set_cutoff(struct desk *d, int challenger, size_t seg, double cutoff,
	struct rd_err *err)
{
	struct desk_policy *s = challenger ? &d->challenger : &d->champion;

	if (s->policy == NULL)
		return rd_err_set(err, RD_EUSAGE, "no %s policy loaded",
		    challenger ? "challenger" : "champion");
	if (seg >= s->policy->nsegments)
		return rd_err_set(err, RD_EUSAGE, "no segment %zu", seg);
	if (!isfinite(cutoff))
		return rd_err_set(err, RD_EUSAGE, "cutoff must be a number");
	if (fabs(cutoff) > DESK_CUTOFF_MAX)
		return rd_err_set(err, RD_EUSAGE, "cutoff must be between %g "
		    "and %g points, found %g", -DESK_CUTOFF_MAX,
		    DESK_CUTOFF_MAX, cutoff);
	s->cutoffs[seg] = cutoff;
	sim_result_done(&s->result);
	sim_figures(&s->prep, s->cutoffs, &s->result);
	slot_lines(s);
	return 0;
}

int
desk_segment_index(const struct desk *d, int challenger, const char *name)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);

	return s == NULL ? -1 : policy_segment_index(s->policy, name);
}

const struct desk_policy *
desk_policy_slot(const struct desk *d, int challenger)
{
	const struct desk_policy *s = challenger ? &d->challenger :
	    &d->champion;

	return s->policy == NULL ? NULL : s;
}

int
desk_model_stats(const struct desk *d, int challenger, struct sim_disc *st)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);

	memset(st, 0, sizeof *st);
	if (s == NULL)
		return -1;
	*st = s->disc;
	return 0;
}

/* ------------------------------------------------ for the workbench */

char **
desk_tables(struct desk *d, struct rd_err *err)
{
	return db_table_list(d->db, err);
}

int
desk_table_meta(struct desk *d, const char *table, struct table_meta *meta,
	struct rd_err *err)
{
	return db_table_meta(d->db, table, meta, err);
}

struct profile *
desk_profile(struct desk *d, const char *table, size_t ntop,
	struct rd_err *err)
{
	return profile_table(d->db, table, ntop, err);
}

void
desk_interrupt(struct desk *d)
{
	db_interrupt(d->db);
}

int
desk_curve(const struct desk *d, int challenger, int seg,
	struct sim_curve *out)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);

	memset(out, 0, sizeof *out);
	if (s == NULL || seg < -1 || (seg >= 0 &&
	    (size_t)seg >= s->policy->nsegments))
		return -1;
	sim_curve(&s->prep, seg, 0, out);
	return 0;
}

/*
 * The swap set of slots a and b, which do not keep their rows: the
 * population read again slice by slice, each slice loaded and scored
 * under each slot's scorecard and evaluated under each policy
 * (sim_slice_rows), its rows added to the cells in row order
 * (sim_swap_rows).  Returns 0, or -1 with err.
 */
static int
swap_pass(const struct desk *d, const struct desk_policy *a,
	const struct desk_policy *b, struct sim_swap *out, struct rd_err *err)
{
	const char *table = a->policy->population;
	struct pop_pass ps;
	struct dataset *da = NULL, *db = NULL;
	double *sa = NULL, *pa = NULL, *sb = NULL, *pb = NULL;
	struct sim_prep ra, rb;
	size_t off = 0;
	int more = 1, rc = -1, bad;
	/* One scorecard text for both: its rows and scores read once. */
	int one = a->made.card_sha256[0] != '\0' &&
	    strcmp(a->made.card_sha256, b->made.card_sha256) == 0;

	memset(out, 0, sizeof *out);
	if (sim_swap_check(&a->prep, &b->prep, err) != 0)
		return -1;
	if (pass_open(&ps, d->db, table, a->card, NULL, d->slice > 0 ?
	    d->slice : DESK_SIM_SLICE, &da, err) != 0)
		return -1;
	while (more == 1) {
		if (ps.slice > 0)
			db_window_set(d->db, ps.lo, ps.end);
		db = one ? da : population_load_pr(d->db, table, b->card,
		    NULL, ps.slice > 0 ? &db_progress_none : NULL, err);
		bad = db == NULL;
		if (!bad && db->nrows != da->nrows) {
			rd_err_set(err, RD_EDB, "table \"%s\" changed while "
			    "it was read", table);
			bad = 1;
		}
		if (!bad)
			bad = pass_score(a->card, da, &sa, &pa, err) != 0 ||
			    (!one && pass_score(b->card, db, &sb, &pb,
			    err) != 0);
		if (!bad)
			bad = sim_slice_rows(a->policy, b->policy, d->db, da, sa,
			    pa, one ? sa : sb, one ? pa : pb, &ra, &rb,
			    err) != 0;
		if (ps.slice > 0)
			db_window_clear(d->db);
		if (!one)
			ds_free(db);
		db = NULL;
		if (bad)
			goto out;
		/* A slot's fraud verdicts are of its whole population,
		   in the same row order: this slice's from off. */
		sim_swap_rows(&ra, a->cutoffs, a->fraud != NULL ?
		    a->fraud + off : NULL, &rb, b->cutoffs, b->fraud != NULL ?
		    b->fraud + off : NULL, out);
		off += ra.n;
		sim_prep_done(&ra);
		sim_prep_done(&rb);
		if ((more = pass_next(&ps, &da, err)) < 0)
			goto out;
	}
	sim_swap_finish(&a->prep, a->cutoffs, &b->prep, b->cutoffs, out);
	rc = 0;
out:
	pass_close(&ps);
	ds_free(da);
	free(sa);
	free(pa);
	free(sb);
	free(pb);
	return rc;
}

int
desk_swap(const struct desk *d, struct sim_swap *out, struct rd_err *err)
{
	const struct desk_policy *a = desk_policy_slot(d, 0);
	const struct desk_policy *b = desk_policy_slot(d, 1);

	char why[RD_ERR_MSG];
	int which;

	memset(out, 0, sizeof *out);
	if (a == NULL || b == NULL)
		return rd_err_set(err, RD_EUSAGE, "the swap set needs a champion "
		    "and a challenger");
	/* Two versions of one scorecard would be compared: never. */
	for (which = 0; which <= 1; which++)
		if (desk_stale(d, which) & (DESK_STALE_CARD | DESK_STALE_DATA))
			return rd_err_set(err, RD_EUSAGE, "no swap set: %s",
			    desk_stale_why(d, which, why, sizeof why));
	if (a->prep.has_rows && b->prep.has_rows)
		return sim_swap(&a->prep, a->cutoffs, a->fraud, &b->prep,
		    b->cutoffs, b->fraud, out, err);
	return swap_pass(d, a, b, out, err);
}

int
desk_check_output(const struct desk *d, const char *what, const char *path,
	struct rd_err *err)
{
	const struct desk_policy *a = desk_policy_slot(d, 0);
	const struct desk_policy *b = desk_policy_slot(d, 1);
	const char *in[] = {
		"the champion's policy", a != NULL ? a->policy->path : NULL,
		"the challenger's policy", b != NULL ? b->policy->path : NULL
	};

	return afile_check_target(what, path, db_path(d->db), in, 2, err);
}

int
desk_save_policy(struct desk *d, int challenger, const char *path,
	struct rd_err *err)
{
	const struct desk_policy *s = desk_policy_slot(d, challenger);
	double *cut;
	int rc;

	if (s == NULL)
		return rd_err_set(err, RD_EUSAGE, "no %s policy loaded",
		    challenger ? "challenger" : "champion");
	/* Never over the database or another SQLite file (the workbench
	   takes the path as typed). */
	if (afile_check_target("the policy", path, db_path(d->db), NULL, 0,
	    err) != 0)
		return -1;
	cut = xcalloc(s->policy->nsegments, sizeof *cut);
	memcpy(cut, s->cutoffs, s->policy->nsegments * sizeof *cut);
	rc = policy_edit_write(s->policy, cut, path, err);
	/* The other slot's file may be the one written. */
	if (rc == 0 && desk_policy_slot(d, !challenger) != NULL)
		look_policy_file(slot_of(d, !challenger));
	if (rc == 0 && desk_load_policy(d, path, challenger, err) == 0) {
		/* The file now says what the slot simulated. */
		free(cut);
		return 0;
	}
	free(cut);
	return -1;
}

/* ------------------------------------------------- trade-offs and runs */

int
desk_set_cutoffs(struct desk *d, int challenger, const double *cutoffs,
	struct rd_err *err)
{
	struct desk_policy *s = challenger ? &d->challenger : &d->champion;
	size_t k;

	if (s->policy == NULL)
		return rd_err_set(err, RD_EUSAGE, "no %s policy loaded",
		    challenger ? "challenger" : "champion");
	for (k = 0; k < s->policy->nsegments; k++)
		if (!isfinite(cutoffs[k]))
			return rd_err_set(err, RD_EUSAGE, "cutoff must be a "
			    "number");
	memcpy(s->cutoffs, cutoffs, s->policy->nsegments * sizeof *cutoffs);
	sim_result_done(&s->result);
	sim_figures(&s->prep, s->cutoffs, &s->result);
	slot_lines(s);
	return 0;
}

int
desk_optimise(struct desk *d, int challenger,
	const struct sim_opt_spec *spec, struct rd_err *err)
{
	struct desk_policy *s = challenger ? &d->challenger : &d->champion;
	struct sim_opt fresh;

	if (s->policy == NULL)
		return rd_err_set(err, RD_EUSAGE, "no %s policy loaded",
		    challenger ? "challenger" : "champion");
	if (sim_optimise(&s->prep, spec, &fresh, err) != 0)
		return -1;
	sim_opt_done(&s->opt);
	s->opt = fresh;
	s->optimised = 1;
	return 0;
}

static const char *
decision_word(enum sim_decision dec)
{
	switch (dec) {
	case SIM_APPROVE:
		return "approve";
	case SIM_REFER:
		return "refer";
	case SIM_DECLINE:
		return "decline";
	case SIM_KNOCKOUT:
		return "knockout";
	}
	return "?";
}

/* "seg=points seg=points" of cuts[nsegments], cutoffs of the slot's
   policy (caller frees). */
static char *
cutoff_words(const struct desk_policy *s, const double *cuts)
{
	size_t k, len = 1, off = 0;
	char *out;

	for (k = 0; k < s->policy->nsegments; k++)
		len += strlen(s->policy->segments[k].name) + 32;
	out = xmalloc(len);
	out[0] = '\0';
	for (k = 0; k < s->policy->nsegments; k++)
		off += (size_t)snprintf(out + off, len - off, "%s%s=%.10g",
		    k ? " " : "", s->policy->segments[k].name, cuts[k]);
	return out;
}

int
desk_save_run(struct desk *d, int challenger, long long *id,
	struct rd_err *err)
{
	struct desk_policy *s = challenger ? &d->challenger : &d->champion;
	const struct policy *p = s->policy;
	struct run_header h;
	struct run_outcome o;
	struct runstore *w;
	struct sim_result res;
	char reasons[512], *cuts, *fcuts;
	size_t i, k, nr, idx[DESK_REASONS], off;
	int64_t rid;
	int rc = -1;

	if (p == NULL)
		return rd_err_set(err, RD_EUSAGE, "no %s policy loaded",
		    challenger ? "challenger" : "champion");
	if (!s->prep.has_rows)
		return rd_err_set(err, RD_EUSAGE, "the %s policy was "
		    "simulated slice by slice: its rows are not kept to save",
		    challenger ? "challenger" : "champion");
	sim_run(&s->prep, s->cutoffs, &res);
	cuts = cutoff_words(s, s->cutoffs);
	for (k = 0; k < p->nsegments; k++)
		if (s->cutoffs[k] != p->segments[k].cutoff)
			break;
	fcuts = NULL;
	if (k < p->nsegments) {
		double *fc = xmalloc(p->nsegments * sizeof *fc);

		for (k = 0; k < p->nsegments; k++)
			fc[k] = p->segments[k].cutoff;
		fcuts = cutoff_words(s, fc);
		free(fc);
	}
	memset(&h, 0, sizeof h);
	h.policy = p->name;
	h.policy_file = p->path;
	h.scorecard = s->card->name;
	h.population = p->population;
	h.role = challenger ? "challenger" : "champion";
	h.cutoffs = cuts;
	h.file_cutoffs = fcuts;
	/* The inputs the figures were computed from, as the report's
	   header states them. */
	h.policy_sha256 = s->made.policy_sha256;
	h.scorecard_sha256 = s->made.card_sha256;
	h.applicants = s->prep.n;
	if ((w = runstore_begin(d->db, &h, err)) == NULL)
		goto out;
	for (i = 0; i < s->prep.n; i++) {
		int ko = s->prep.ko[i], seg = s->prep.seg[i];

		memset(&o, 0, sizeof o);
		o.row = s->ds->rowid[i];
		o.knockout = ko >= 0 ? p->knockouts[ko].name : NULL;
		o.segment = seg >= 0 ? p->segments[seg].name : NULL;
		o.band = res.decision[i] == SIM_APPROVE ? s->prep.band[i] : -1;
		o.decision = decision_word((enum sim_decision)res.decision[i]);
		o.score = s->prep.score[i];
		o.pd = s->prep.pd[i];
		o.ead = ko >= 0 ? NAN : s->prep.ead[i];
		o.limit = res.decision[i] == SIM_APPROVE ? s->prep.limit[i] :
		    NAN;
		o.reasons = NULL;
		if (ko >= 0)
			o.reasons = p->knockouts[ko].reason;
		else if (res.decision[i] != SIM_APPROVE) {
			nr = card_reasons(s->card, s->ds, i, DESK_REASONS, idx,
			    NULL);
			reasons[0] = '\0';
			for (k = 0, off = 0; nr != (size_t)-1 && k < nr &&
			    off < sizeof reasons; k++)
				off += (size_t)snprintf(reasons + off,
				    sizeof reasons - off, "%s%s", k ? " " : "",
				    s->card->chars[idx[k]].ch->name);
			o.reasons = reasons;
		}
		if (runstore_add(w, &o, err) != 0) {
			runstore_abort(w);
			goto out;
		}
	}
	if ((rid = runstore_commit(w, err)) < 0)
		goto out;
	*id = (long long)rid;
	rc = 0;
out:
	free(cuts);
	free(fcuts);
	sim_result_done(&res);
	return rc;
}

int
desk_check_policy_data(struct db *db, const struct policy *p,
	struct rd_err *err)
{
	struct scorecard *card = NULL;
	struct dataset *ds = NULL;
	double *score = NULL;
	int rc = -1;

	if ((card = desk_policy_card(db, p, NULL, err)) == NULL)
		return -1;
	if ((ds = population_load(db, p->population, card, err)) == NULL) {
		desk_relocate(err, p, p->population_at);
		goto done;
	}
	score = xcalloc(ds->nrows ? ds->nrows : 1, sizeof *score);
	if (card_score(card, ds, score, NULL, err) != 0) {
		desk_relocate(err, p, p->population_at);
		goto done;
	}
	rc = 0;
done:
	free(score);
	ds_free(ds);
	card_free(card);
	return rc;
}

struct desk *
desk_open_existing(const char *path, struct rd_err *err)
{
	struct desk *d;
	struct db *db;

	gsl_set_error_handler_off();
	if ((db = db_open_existing(path, err)) == NULL)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->db = db;
	return d;
}

int
desk_lint(struct desk *d, struct rd_err *err)
{
	int which;

	for (which = 0; which <= 1; which++) {
		struct desk_policy *s = which ? &d->challenger : &d->champion;

		if (s->policy == NULL || s->linted)
			continue;
		/* Counted in the simulation's pass when it could. */
		if (s->tally != NULL)
			s->warnings = sim_policy_warnings_tallied(s->policy,
			    s->tally, s->tally_rows, &s->nwarnings);
		else if ((s->warnings = sim_policy_warnings(s->policy, d->db,
		    &s->nwarnings, err)) == NULL)
			return -1;
		s->linted = 1;
	}
	return 0;
}
