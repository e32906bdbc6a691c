/*
 * desk-infer.c - reject inference in the session (see desk-infer.h):
 * load, run model/infer.c, store; and the comparison from what was
 * stored.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/db.h"
#include "data/ds.h"
#include "desk/desk-bin.h"
#include "desk/desk-infer.h"
#include "desk/desk-internal.h"
#include "desk/desk-model.h"
#include "model/binned.h"
#include "model/card.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* The columns of card's characteristics of table, and its target; with
   want_date, the date column of an out-of-time sample too. */
static struct dataset *
infer_load_cols(struct desk *d, const char *table,
	const struct scorecard *card, int want_date, struct rd_err *err)
{
	const char **names = xcalloc(card->nchars + 2, sizeof *names);
	struct dataset *ds;
	size_t k, n = 0;

	for (k = 0; k < card->nchars; k++)
		names[n++] = card->chars[k].ch->name;
	if (want_date && card->sample.kind == CARD_SAMPLE_OOT &&
	    card->sample.date_column != NULL) {
		for (k = 0; k < n; k++)
			if (strcmp(names[k], card->sample.date_column) == 0)
				break;
		if (k == n)
			names[n++] = card->sample.date_column;
	}
	ds = desk_load_named(d, table, names, n, err);
	free(names);
	return ds;
}

static struct dataset *
infer_load(struct desk *d, const char *table, const struct scorecard *card,
	struct rd_err *err)
{
	return infer_load_cols(d, table, card, 0, err);
}

/*
 * The rows of table an inference from card uses: every row, but when
 * table is card's own population and card was fitted with a holdout or
 * an out-of-time sample, its development rows only (desk_sample_develop,
 * the split fit and validate make), so that the holdout stays out of
 * sample for the inferred scorecard too.  *held: the rows of table left
 * out (0 when none).  NULL with err.
 */
static struct dataset *
infer_load_dev(struct desk *d, const char *table,
	const struct scorecard *card, size_t *held, struct rd_err *err)
{
	struct dataset *ds;
	size_t all;
	int split = card->sample.kind != CARD_SAMPLE_ALL &&
	    strcmp(table, card->population) == 0;

	*held = 0;
	if ((ds = infer_load_cols(d, table, card, split, err)) == NULL ||
	    !split)
		return ds;
	/* In place: no copy of the development rows beside the table's. */
	all = ds->nrows;
	if (desk_sample_develop_in_place(ds, &card->sample, err) != 0) {
		ds_free(ds);
		return NULL;
	}
	*held = all - ds->nrows;
	return ds;
}

/*
 * Stored scorecard kgb and the columns of its characteristics of table
 * (NULL: its population, then *table points into *card); with held
 * (not NULL) the rows infer_load_dev keeps, the count left out in
 * *held, else every row.  Returns 0 or
 * -1 with err and nothing to free.
 */
static int
infer_open(struct desk *d, const char **table, const char *kgb,
	size_t *held, struct scorecard **card, struct dataset **ds,
	struct rd_err *err)
{
	if ((*card = desk_scorecard(d, kgb, err)) == NULL)
		return -1;
	if (*table == NULL)
		*table = (*card)->population;
	if ((*ds = held != NULL ? infer_load_dev(d, *table, *card, held, err) :
	    infer_load(d, *table, *card, err)) == NULL) {
		card_free(*card);
		*card = NULL;
		return -1;
	}
	return 0;
}

/*
 * The first row of table (none when it is empty; every row of a view,
 * whose rows have no rowid: db_rowid_range) as infer_load_cols reads it,
 * for the checks made before the table is read in slices: a column's
 * type is judged as on every row, and an empty table is called empty.
 * NULL with err.
 */
static struct dataset *
infer_first_rows(struct desk *d, const char *table,
	const struct scorecard *card, int want_date, struct rd_err *err)
{
	struct dataset *ds;
	int64_t lo = 0, hi = 0;
	size_t n = 0;

	if (db_rowid_range(desk_db(d), table, &lo, &hi, &n, err) < 0)
		return NULL;
	db_window_set(desk_db(d), n > 0 ? lo : 1, n > 0 && lo < INT64_MAX ?
	    lo + 1 : 1);
	ds = infer_load_cols(d, table, card, want_date, err);
	db_window_clear(desk_db(d));
	return ds;
}

/* ds has a target and rejects marked (0), or not (-1 with err, the
   message infer_run gives). */
static int
infer_check_outcomes(const struct dataset *ds, const char *table,
	struct rd_err *err)
{
	if (ds->y == NULL)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no target: "
		    "inference needs the accepts' outcomes", table);
	if (ds->reject == NULL)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no rejects "
		    "marked: import it with --reject-when <column>=<value>",
		    table);
	return 0;
}

/* ds has card's columns, named and typed as scoring reads them (0), or
   not (-1 with err naming table).  The bins of ds's rows are made and
   let go ([nrows x nchars]). */
static int
infer_check_cols(const struct scorecard *card, const struct dataset *ds,
	const char *table, struct rd_err *err)
{
	size_t m = ds->nrows * card->nchars;
	int *bin = xmalloc((m > 0 ? m : 1) * sizeof *bin);
	int rc;

	if ((rc = card_bins(card, ds, bin, NULL, err)) != 0)
		desk_err_in_table(err, table);
	free(bin);
	return rc;
}

/*
 * The rows an inference from card uses (infer_load_dev's) read from
 * table in slices (desk_binned_load_rows) as a binned sample of card's
 * characteristics with the rowid of each row: no dataset of the table
 * is held.  Checks first, on its first row, what infer_run checks (a target,
 * a reject rule, the card's columns) so that the messages are the
 * same.  every_row: every row of table, whatever card's sample (as
 * --compare reads it).  *held and *all: the rows left out and the
 * table's rows.  Returns 0, or -1 with err and nothing to free.
 */
static int
infer_load_binned(struct desk *d, const char *table,
	const struct scorecard *card, int every_row, struct binned_sample *bs,
	struct desk_rowids *rowids, size_t *held, size_t *all,
	struct rd_err *err)
{
	struct characteristic **chars;
	struct card_sample every;
	struct dataset *ds;
	int split = !every_row && card->sample.kind != CARD_SAMPLE_ALL &&
	    strcmp(table, card->population) == 0, rc;
	size_t k;

	*held = *all = 0;
	if ((ds = infer_first_rows(d, table, card, split, err)) == NULL)
		return -1;
	rc = infer_check_outcomes(ds, table, err);
	if (rc == 0)
		rc = infer_check_cols(card, ds, table, err);
	ds_free(ds);
	if (rc != 0)
		return -1;
	memset(&every, 0, sizeof every);
	every.kind = CARD_SAMPLE_ALL;
	chars = xmalloc((card->nchars > 0 ? card->nchars : 1) *
	    sizeof *chars);
	for (k = 0; k < card->nchars; k++)
		chars[k] = card->chars[k].ch;
	rc = desk_binned_load_rows(d, table, split ? &card->sample : &every,
	    chars, card->nchars, bs, rowids, all, err);
	free(chars);
	if (rc == 0)
		*held = *all - (bs->n + bs->nother);
	return rc;
}

/* Where the augmented rows of an inference come from, for storing them
   row by row (db_inference_put_rows): the result, and the rowids of the
   dataset (ds) or of the binned sample (ids). */
struct aug_src {
	const struct infer_result *out;
	const struct dataset *ds;
	struct desk_rowids *ids;	/* read forward as the rows come */
	size_t nknown;			/* the sample's known rows */
};

static void
aug_row(const void *ctx, size_t i, struct db_infer_row *row)
{
	const struct aug_src *a = ctx;
	size_t r = a->out->rows[i];

	row->src = a->ds != NULL ? a->ds->rowid[r] : r < a->nknown ?
	    desk_rowid_at(&a->ids->known, r) :
	    desk_rowid_at(&a->ids->other, r - a->nknown);
	row->reject = a->out->is_reject[i];
	row->bad = a->out->y[i];
	row->weight = a->out->w[i];
}

/* Whether RISKDESK_INFER_ROWS asks for the inference from the table's
   rows loaded whole (a dataset), as before it was read in slices. */
static int
infer_rows_whole(void)
{
	const char *e = getenv("RISKDESK_INFER_ROWS");

	return e != NULL && *e != '\0' && strcmp(e, "0") != 0;
}

int
desk_infer(struct desk *d, const char *table, const char *kgb,
	const char *name, const struct infer_spec *spec,
	struct infer_result *out, struct rd_err *err)
{
	struct scorecard *card;
	struct dataset *ds = NULL;
	struct binned_sample bs;
	struct desk_rowids ids;
	struct aug_src src;
	char *body = NULL, *settings = NULL;
	size_t held = 0, all = 0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(&bs, 0, sizeof bs);
	memset(&ids, 0, sizeof ids);
	memset(&src, 0, sizeof src);
	if (strcmp(kgb, name) == 0)
		return rd_err_set(err, RD_EUSAGE, "--name \"%s\" is the KGB "
		    "scorecard's own: give the inferred scorecard another name "
		    "so that both are kept", name);
	if (infer_spec_check(spec, err) != 0)
		return -1;
	if (infer_rows_whole()) {
		if (infer_open(d, &table, kgb, &held, &card, &ds, err) != 0)
			return -1;
		if (infer_run(card, ds, name, spec, out, err) != 0) {
			desk_err_in_table(err, table);
			goto done;
		}
		all = ds->nrows + held;
	} else {
		if ((card = desk_scorecard(d, kgb, err)) == NULL)
			return -1;
		if (table == NULL)
			table = card->population;
		if (infer_load_binned(d, table, card, 0, &bs, &ids, &held,
		    &all, err) != 0)
			goto done;
		if (infer_run_binned(card, &bs, name, spec, out, err) != 0) {
			desk_err_in_table(err, table);
			goto done;
		}
		/* The bins are done with: only the rowids are stored. */
		src.nknown = bs.n;
		binned_done(&bs);
	}
	out->held_out = held;
	out->table_rows = all;
	src.out = out;
	src.ds = ds;
	src.ids = &ids;
	if (card_check_text(out->card, err) != 0)
		goto done;
	settings = infer_spec_format(spec);
	body = card_serialize(out->card);
	if (db_inference_put_rows(desk_db(d), name, kgb, table,
	    infer_method_name(spec->method), settings, body, aug_row, &src,
	    out->n, err) != 0)
		goto done;
	desk_card_stored(d, name, body);
	rc = 0;
done:
	if (rc != 0)
		infer_result_done(out);
	free(body);
	free(settings);
	ds_free(ds);
	binned_done(&bs);
	desk_rowids_done(&ids);
	card_free(card);
	return rc;
}

/* Index of rowid in ds->rowid (ascending), or ds->nrows. */
static size_t
row_index(const struct dataset *ds, int64_t rowid)
{
	size_t lo = 0, hi = ds->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ds->rowid[mid] < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ds->nrows && ds->rowid[lo] == rowid ? lo : ds->nrows;
}

int
desk_infer_made(struct desk *d, const char *name, struct rd_err *err)
{
	struct db_inference inf;
	int got = db_inference_get(desk_db(d), name, &inf, err);

	if (got > 0)
		db_inference_done(&inf);
	return got < 0 ? -1 : got > 0;
}

static int
cmp_src(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
desk_infer_sample(struct desk *d, const char *name,
	struct desk_infer_sample *out, struct rd_err *err)
{
	struct db_inference inf;
	struct db_infer_row *rows = NULL;
	int64_t *src = NULL;
	size_t n = 0, i, m = 0;
	int got;

	memset(out, 0, sizeof *out);
	if ((got = db_inference_get(desk_db(d), name, &inf, err)) <= 0)
		return got;
	if (infer_spec_parse(inf.spec, &out->spec, err) != 0 ||
	    db_inference_rows(desk_db(d), name, &rows, &n, err) != 0) {
		db_inference_done(&inf);
		return -1;
	}
	out->kgb = xstrdup(inf.kgb);
	out->population = xstrdup(inf.population);
	db_inference_done(&inf);
	src = xmalloc((n ? n : 1) * sizeof *src);
	out->rows = n;
	for (i = 0; i < n; i++) {
		const struct db_infer_row *r = &rows[i];
		double bw = r->bad ? r->weight : 0;

		out->weight += r->weight;
		out->bad_weight += bw;
		if (r->reject) {
			out->reject_rows++;
			out->reject_bad_rows += r->bad != 0;
			out->reject_weight += r->weight;
			out->reject_bad_weight += bw;
			src[m++] = r->src;
		} else {
			out->accepts++;
			out->accept_bads += r->bad != 0;
			out->accept_weight += r->weight;
			out->accept_bad_weight += bw;
		}
	}
	/* Distinct rejects: fuzzy's clones share their source row. */
	qsort(src, m, sizeof *src, cmp_src);
	for (i = 0; i < m; i++)
		out->rejects += i == 0 || src[i] != src[i - 1];
	free(src);
	free(rows);
	return 1;
}

void
desk_infer_sample_done(struct desk_infer_sample *s)
{
	if (s == NULL)
		return;
	free(s->kgb);
	free(s->population);
	memset(s, 0, sizeof *s);
}

/*
 * The row of a binned sample (infer_run_binned's numbering) of rowid src
 * in run r of its rowids (known, the first is row base; other, base
 * bs->n), read from *pos on (forward; from the first again when src is
 * before *pos): the augmented rows come in row order but for fuzzy's
 * clones, which repeat their row.  (size_t)-1 when src is not there.
 */
static size_t
run_find(struct desk_rowid_run *r, size_t *pos, size_t base, int64_t src)
{
	if (*pos >= r->n || desk_rowid_at(r, *pos) > src)
		*pos = 0;
	while (*pos < r->n && desk_rowid_at(r, *pos) < src)
		(*pos)++;
	return *pos < r->n && desk_rowid_at(r, *pos) == src ? base + *pos :
	    (size_t)-1;
}

/* The rows of a binned sample in table order (rowid ascending): its
   known and other rows merged by their rowids. */
struct table_order {
	struct desk_rowids *ids;
	size_t nknown, k, o;
};

static size_t
table_next(void *ctx)
{
	struct table_order *t = ctx;

	if (t->k < t->ids->known.n && (t->o >= t->ids->other.n ||
	    desk_rowid_at(&t->ids->known, t->k) <
	    desk_rowid_at(&t->ids->other, t->o)))
		return t->k++;
	return t->nknown + t->o++;
}

/*
 * desk_infer_compare from the table read in slices: a binned sample of
 * kgb's characteristics over every row of table with their rowids
 * (checked first on one row, as infer_load_binned checks), the
 * augmented rows mapped onto it by rowid.  Returns 0 or -1 with err.
 */
static int
compare_binned(struct desk *d, const char *table,
	const struct scorecard *kgb, const struct scorecard *card,
	const char *name, double cutoff, struct desk_infer_cmp *out,
	struct rd_err *err)
{
	struct binned_sample bs;
	struct desk_rowids ids;
	struct table_order ord;
	struct db_infer_row *rows = NULL;
	size_t n = 0, i, *idx = NULL, kpos = 0, opos = 0, held, all;
	signed char *y = NULL;
	double *w = NULL;
	int rc;

	memset(&bs, 0, sizeof bs);
	memset(&ids, 0, sizeof ids);
	rc = infer_load_binned(d, table, kgb, 1, &bs, &ids, &held, &all,
	    err);
	if (rc != 0 ||
	    (rc = db_inference_rows(desk_db(d), name, &rows, &n, err)) != 0)
		goto done;
	rc = -1;
	idx = xmalloc((n ? n : 1) * sizeof *idx);
	y = xmalloc(n ? n : 1);
	w = xmalloc((n ? n : 1) * sizeof *w);
	for (i = 0; i < n; i++) {
		size_t r = rows[i].reject ?
		    run_find(&ids.other, &opos, bs.n, rows[i].src) :
		    run_find(&ids.known, &kpos, 0, rows[i].src);

		/* Not a row of the table now: past its rows, as
		   infer_compare refuses it. */
		idx[i] = r != (size_t)-1 ? r : bs.n + bs.nother;
		y[i] = (signed char)rows[i].bad;
		w[i] = rows[i].weight;
	}
	free(rows);
	rows = NULL;
	memset(&ord, 0, sizeof ord);
	ord.ids = &ids;
	ord.nknown = bs.n;
	if (infer_compare_binned(kgb, card, &bs, table_next, &ord, idx, y, w,
	    n, &out->spec, cutoff, &out->cmp, err) != 0) {
		desk_err_in_table(err, table);
		goto done;
	}
	rc = 0;
done:
	free(rows);
	free(idx);
	free(y);
	free(w);
	binned_done(&bs);
	desk_rowids_done(&ids);
	return rc;
}

/* The error of infer --compare on a name that no inference made: no
   scorecard of that name, or one made otherwise; either way with the
   inferred scorecards the database holds.  Returns -1. */
static int
no_inference(struct desk *d, const char *name, struct rd_err *err)
{
	char *body, *names, what[RD_ERR_MSG / 2];

	if ((body = db_scorecard_get(desk_db(d), name, err)) == NULL &&
	    err->cls != RD_EINPUT)
		return -1;
	if (body != NULL)
		snprintf(what, sizeof what, "scorecard \"%s\" was not made "
		    "by riskdesk infer", name);
	else
		snprintf(what, sizeof what, "no scorecard named \"%s\" in "
		    "the database", name);
	free(body);
	rd_err_clear(err);
	if ((names = db_inference_names(desk_db(d), err)) == NULL)
		return -1;
	/* A long list is cut at a whole name, within the message. */
	if (strlen(names) > RD_ERR_MSG / 2) {
		char *cut;

		names[RD_ERR_MSG / 2] = '\0';
		if ((cut = strrchr(names, ',')) != NULL)
			strcpy(cut, ", ...");
	}
	if (*names == '\0')
		rd_err_set(err, RD_EINPUT, "%s, and it holds no inferred "
		    "scorecard: make one with infer --from <scorecard> --name "
		    "<name> --method <method>", what);
	else
		rd_err_set(err, RD_EINPUT, "%s; its inferred scorecards: %s",
		    what, names);
	free(names);
	return -1;
}

int
desk_infer_compare(struct desk *d, const char *name, double cutoff,
	size_t bands, struct desk_infer_cmp *out, struct rd_err *err)
{
	struct db_inference inf;
	struct scorecard *kgb = NULL, *card = NULL;
	struct dataset *ds = NULL;
	struct db_infer_row *rows = NULL;
	size_t n = 0, i, *idx = NULL;
	signed char *y = NULL;
	double *w = NULL;
	int rc = -1, got;

	memset(out, 0, sizeof *out);
	if ((got = db_inference_get(desk_db(d), name, &inf, err)) < 0)
		return -1;
	if (got == 0)
		return no_inference(d, name, err);
	if (infer_spec_parse(inf.spec, &out->spec, err) != 0 ||
	    (kgb = desk_scorecard(d, inf.kgb, err)) == NULL ||
	    (card = desk_scorecard(d, name, err)) == NULL)
		goto done;
	if (bands > 0)
		out->spec.bands = bands;
	{
		/* The stored rows are found again by rowid, which a view's
		   rows lack: no comparison rather than a wrong one. */
		int64_t lo, hi;
		size_t nr;

		if (db_rowid_range(desk_db(d), inf.population, &lo, &hi, &nr,
		    err) < 0)
			goto done;
		if (db_rowless(desk_db(d), inf.population)) {
			rd_err_set(err, RD_EINPUT, "infer --compare: \"%s\" is "
			    "a view, whose rows have no rowid by which to find "
			    "the inference's rows again: infer from a table "
			    "(CREATE TABLE t AS SELECT * FROM \"%s\") to compare",
			    inf.population, inf.population);
			goto done;
		}
	}
	if (!infer_rows_whole()) {
		if (compare_binned(d, inf.population, kgb, card, name, cutoff,
		    out, err) != 0)
			goto done;
		goto made;
	}
	if ((ds = infer_load(d, inf.population, kgb, err)) == NULL ||
	    db_inference_rows(desk_db(d), name, &rows, &n, err) != 0)
		goto done;
	idx = xmalloc((n ? n : 1) * sizeof *idx);
	y = xmalloc(n ? n : 1);
	w = xmalloc((n ? n : 1) * sizeof *w);
	for (i = 0; i < n; i++) {
		idx[i] = row_index(ds, rows[i].src);
		y[i] = (signed char)rows[i].bad;
		w[i] = rows[i].weight;
	}
	if (infer_compare(kgb, card, ds, idx, y, w, n, &out->spec, cutoff,
	    &out->cmp, err) != 0) {
		desk_err_in_table(err, inf.population);
		goto done;
	}
made:
	out->name = xstrdup(name);
	out->kgb = xstrdup(inf.kgb);
	out->population = xstrdup(inf.population);
	rc = 0;
done:
	db_inference_done(&inf);
	free(rows);
	free(idx);
	free(y);
	free(w);
	ds_free(ds);
	card_free(kgb);
	card_free(card);
	return rc;
}

void
desk_infer_cmp_done(struct desk_infer_cmp *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free(c->kgb);
	free(c->population);
	infer_comparison_done(&c->cmp);
	memset(c, 0, sizeof *c);
}

/*
 * desk_infer_benchmark from the table read in slices: a binned sample of
 * kgb's characteristics over every row (checked first on one row, as
 * infer_load_binned checks), for infer_benchmark_binned.
 */
static int
benchmark_binned(struct desk *d, const char *table, const char *kgb,
	double share, const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err)
{
	struct characteristic **chars;
	struct card_sample every;
	struct binned_sample bs;
	struct scorecard *card;
	struct dataset *ds;
	size_t k;
	int rc;

	memset(&bs, 0, sizeof bs);
	if ((card = desk_scorecard(d, kgb, err)) == NULL)
		return -1;
	if (table == NULL)
		table = card->population;
	if ((ds = infer_first_rows(d, table, card, 0, err)) == NULL) {
		card_free(card);
		return -1;
	}
	/* Without a target: infer_benchmark's refusal, after its checks of
	   the options, on the one row read. */
	rc = ds->y == NULL ? infer_benchmark(card, ds, share, methods,
	    nmethods, spec, out, err) == 0 ? rd_err_set(err, RD_EINPUT,
	    "table \"%s\" has no target", table) : -1 : 0;
	if (rc == 0)
		rc = infer_check_cols(card, ds, table, err);
	ds_free(ds);
	if (rc != 0) {
		card_free(card);
		return -1;
	}
	memset(&every, 0, sizeof every);
	every.kind = CARD_SAMPLE_ALL;
	chars = xmalloc((card->nchars > 0 ? card->nchars : 1) *
	    sizeof *chars);
	for (k = 0; k < card->nchars; k++)
		chars[k] = card->chars[k].ch;
	rc = desk_binned_load(d, table, &every, chars, card->nchars, &bs,
	    err);
	free(chars);
	if (rc == 0 && (rc = infer_benchmark_binned(card, &bs, share,
	    methods, nmethods, spec, out, err)) != 0 && err != NULL &&
	    err->cls == RD_EINPUT)
		desk_err_in_table(err, table);
	binned_done(&bs);
	card_free(card);
	return rc;
}

int
desk_infer_benchmark(struct desk *d, const char *table, const char *kgb,
	double share, const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err)
{
	struct scorecard *card;
	struct dataset *ds = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!infer_rows_whole())
		return benchmark_binned(d, table, kgb, share, methods,
		    nmethods, spec, out, err);
	if (infer_open(d, &table, kgb, NULL, &card, &ds, err) != 0)
		return -1;
	if (infer_benchmark(card, ds, share, methods, nmethods, spec, out,
	    err) != 0) {
		if (err != NULL && err->cls == RD_EINPUT)
			desk_err_in_table(err, table);
		goto done;
	}
	rc = 0;
done:
	ds_free(ds);
	card_free(card);
	return rc;
}
