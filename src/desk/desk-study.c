/*
 * desk-study.c - a table under study (see desk-study.h): classing step by
 * step, ranking by IV, regrouping bins by hand and fitting the chosen
 * characteristics.  Part of the facade: it joins the data layer (the
 * dataset, the scorecard store) and the model layer (bins, fit) and keeps
 * no state outside the struct desk_study it returns.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "desk/desk.h"
#include "desk/desk-internal.h"
#include "desk/desk-study.h"
#include "data/binstore.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct desk_study *
desk_study_open(struct desk *d, const char *table,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	return desk_study_open_progress(d, table, spec, NULL, err);
}

struct desk_study *
desk_study_open_progress(struct desk *d, const char *table,
	const struct card_fit_spec *spec, const struct db_progress *pr,
	struct rd_err *err)
{
	struct desk_study *st;
	struct dataset *ds;
	struct desk_left_out *left = NULL;
	size_t j, k, nleft = 0, nc = 0;
	unsigned char *skip;
	char **names;

	if ((ds = desk_bins_load(d, table, NULL, 0, pr, &left, &nleft,
	    err)) == NULL)
		return NULL;
	/* With a holdout, the study is of the development rows, as
	   riskdesk fit's classing and fit are. */
	if (spec != NULL && spec->sample.kind != CARD_SAMPLE_ALL) {
		struct dataset *dev = desk_sample_develop(ds, &spec->sample,
		    err);

		ds_free(ds);
		if ((ds = dev) == NULL) {
			desk_left_out_free(left, nleft);
			return NULL;
		}
	}
	if (desk_need_outcomes(ds, table, "classing", err) != 0) {
		ds_free(ds);
		desk_left_out_free(left, nleft);
		return NULL;
	}
	st = xcalloc(1, sizeof *st);
	if (spec != NULL)
		st->spec = *spec;
	else
		card_fit_spec_init(&st->spec);
	/* The study owns its sample's strings. */
	if (spec != NULL)
		card_sample_copy(&st->spec.sample, &spec->sample);
	if (desk_bins_lend(d, ds, &st->spec.bins, &st->lend, err) != 0 ||
	    (names = db_table_column_names(d->db, table, &nc, err)) == NULL) {
		desk_bins_lend_done(&st->lend);
		desk_left_out_free(left, nleft);
		ds_free(ds);
		free((char *)st->spec.sample.date_column);
		free((char *)st->spec.sample.after);
		free(st);
		return NULL;
	}
	/* Identifiers are never classed (a saved binning exempts a column
	   from the rule, so the lend comes first). */
	skip = xcalloc(ds->ncols + 1, 1);
	desk_bins_identify(ds, &st->spec.bins, names, nc, skip, &left, &nleft);
	for (j = 0; j < nc; j++)
		free(names[j]);
	free(names);
	st->left_out = left;
	st->nleft_out = nleft;
	st->table = xstrdup(table);
	st->ds = ds;
	st->col = xcalloc(ds->ncols + 1, sizeof *st->col);
	for (j = 0, k = 0; j < ds->ncols; j++)
		if ((int)j != ds->target && !skip[j])
			st->col[k++] = j;
	free(skip);
	st->nchars = k;
	st->chars = xcalloc(st->nchars + 1, sizeof *st->chars);
	st->rank = xcalloc(st->nchars + 1, sizeof *st->rank);
	st->edited = xcalloc(st->nchars + 1, 1);
	st->chosen = xcalloc(st->nchars + 1, 1);
	st->unsaved = xcalloc(st->nchars + 1, 1);
	st->fit_chosen = xcalloc(st->nchars + 1, 1);
	for (k = 0; k < st->nchars; k++)
		st->rank[k] = k;
	return st;
}

void
desk_study_free(struct desk_study *st)
{
	size_t j;

	if (st == NULL)
		return;
	for (j = 0; j < st->nchars; j++)
		characteristic_free(st->chars[j]);
	free(st->chars);
	free(st->col);
	free(st->rank);
	free(st->edited);
	free(st->unsaved);
	free(st->chosen);
	free(st->fit_chosen);
	desk_bins_lend_done(&st->lend);
	desk_left_out_free(st->left_out, st->nleft_out);
	free((char *)st->spec.sample.date_column);
	free((char *)st->spec.sample.after);
	card_free(st->card);
	ds_free(st->ds);
	free(st->table);
	free(st);
}

/* ------------------------------------------------------------ ranking */

/* Order of the ranking: usable before unusable, then IV descending, then
   column order, so equal IVs keep a stable place.  Returns < 0 when
   characteristic a goes before b. */
static int
rank_cmp(const struct desk_study *st, size_t a, size_t b)
{
	const struct characteristic *ca = st->chars[a], *cb = st->chars[b];
	int ua = ca->status == NULL, ub = cb->status == NULL;

	if (ua != ub)
		return ub - ua;
	if (ca->iv > cb->iv)
		return -1;
	if (ca->iv < cb->iv)
		return 1;
	return a < b ? -1 : a > b;
}

/* Insertion sort: a table has tens or hundreds of columns, and qsort has
   no context argument in C11. */
static void
rank(struct desk_study *st)
{
	size_t k, m, x;

	if (st->nclassed < st->nchars)
		return;
	for (k = 0; k < st->nchars; k++) {
		x = k;
		for (m = k; m > 0 && rank_cmp(st, x, st->rank[m - 1]) < 0;
		    m--)
			st->rank[m] = st->rank[m - 1];
		st->rank[m] = x;
	}
}

int
desk_study_class_step(struct desk_study *st, struct rd_err *err)
{
	const struct ds_column *col;
	size_t j;

	if (st->nclassed < st->nchars) {
		j = st->nclassed;
		col = &st->ds->cols[st->col[j]];
		st->chars[j] = bin_characteristic(st->ds, col, &st->spec.bins,
		    err);
		if (st->chars[j] == NULL)
			return -1;
		st->nclassed++;
		if (st->nclassed < st->nchars)
			return 1;
	}
	for (j = 0; j < st->nchars; j++)
		st->chosen[j] = st->chars[j]->status == NULL &&
		    st->chars[j]->iv >= st->spec.min_iv;
	rank(st);
	return 0;
}

double
desk_study_progress(const struct desk_study *st)
{
	return st->nchars == 0 ? 1.0 : (double)st->nclassed /
	    (double)st->nchars;
}

/* ---------------------------------------------------------- regrouping */

/* Check j and bin i; the bin must not be the missing one. */
static int
check_bin(const struct desk_study *st, size_t j, size_t i,
	struct rd_err *err)
{
	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (i >= st->chars[j]->nbins)
		return rd_err_set(err, RD_EUSAGE, "no bin %zu of %s", i + 1,
		    st->chars[j]->name);
	if (st->chars[j]->bins[i].kind == BIN_MISSING ||
	    st->chars[j]->bins[i].kind == BIN_SPECIAL)
		return rd_err_set(err, RD_EUSAGE, "the %s bin stays a bin of "
		    "its own", st->chars[j]->bins[i].kind == BIN_MISSING ?
		    "missing" : "special");
	return 0;
}

/* After characteristic j changed: mark it, re-rank; one that lost its
   use (a status) leaves the model. */
static void
changed(struct desk_study *st, size_t j)
{
	st->edited[j] = 1;
	st->unsaved[j] = 1;
	st->bins_gen++;
	if (st->chars[j]->status != NULL)
		st->chosen[j] = 0;
	rank(st);
}

int
desk_study_merge(struct desk_study *st, size_t j, size_t i,
	struct rd_err *err)
{
	if (check_bin(st, j, i, err) != 0 || check_bin(st, j, i + 1, err) != 0)
		return -1;
	if (bin_merge(st->chars[j], i, st->ds, &st->ds->cols[st->col[j]],
	    &st->spec.bins, err) != 0)
		return -1;
	changed(st, j);
	return 0;
}

int
desk_study_move(struct desk_study *st, size_t j, const char *level, int to,
	struct rd_err *err)
{
	if (j >= st->nchars || st->chars[j] == NULL)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (st->chars[j]->numeric)
		return rd_err_set(err, RD_EUSAGE, "%s is numeric: split or "
		    "merge its ranges instead", st->chars[j]->name);
	if (bin_move_level(st->chars[j], level, to, st->ds,
	    &st->ds->cols[st->col[j]], &st->spec.bins, err) != 0)
		return -1;
	changed(st, j);
	return 0;
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

int
desk_study_split(struct desk_study *st, size_t j, size_t i,
	struct rd_err *err)
{
	const struct characteristic *ch;
	const struct ds_column *col;
	const struct bin *b;
	double *v, at = NAN;
	size_t r, m = 0;

	if (check_bin(st, j, i, err) != 0)
		return -1;
	ch = st->chars[j];
	b = &ch->bins[i];
	col = &st->ds->cols[st->col[j]];
	if (!ch->numeric) {
		if (b->nlevels < 2)
			return rd_err_set(err, RD_EUSAGE, "bin %s holds a single "
			    "level", b->label);
		if (bin_move_level(st->chars[j], b->levels[b->nlevels - 1], -1,
		    st->ds, col, &st->spec.bins, err) != 0)
			return -1;
		changed(st, j);
		return 0;
	}
	/* The rows with a known outcome: a split of them leaves no part
	   without evidence (bin_split refuses one that would). */
	v = xcalloc(st->ds->nrows + 1, sizeof *v);
	for (r = 0; r < st->ds->nrows; r++) {
		double x = col->num[r];

		if ((st->ds->y[r] == DS_GOOD || st->ds->y[r] == DS_BAD) &&
		    bin_index_num(ch, x) == (int)i)
			v[m++] = x;
	}
	qsort(v, m, sizeof *v, cmp_double);
	if (m > 0) {
		at = v[m / 2];
		if (at == v[0]) {
			/* The smallest value: take the next larger one. */
			for (r = m / 2; r < m && v[r] == v[0]; r++)
				;
			at = r < m ? v[r] : NAN;
		}
	}
	free(v);
	if (isnan(at))
		return rd_err_set(err, RD_EUSAGE, "bin %s holds a single value",
		    b->label);
	if (bin_split(st->chars[j], i, at, st->ds, col, &st->spec.bins,
	    err) != 0)
		return -1;
	changed(st, j);
	return 0;
}

int
desk_study_reset(struct desk_study *st, size_t j, struct rd_err *err)
{
	struct characteristic *ch;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	ch = bin_characteristic(st->ds, &st->ds->cols[st->col[j]],
	    &st->spec.bins, err);
	if (ch == NULL)
		return -1;
	characteristic_free(st->chars[j]);
	st->chars[j] = ch;
	changed(st, j);
	/* Back as at opening: nothing to save. */
	st->edited[j] = 0;
	st->unsaved[j] = 0;
	return 0;
}

/* ------------------------------------------------------------ fitting */

/* A fit in progress: the copies it works on and what it makes. */
struct desk_study_fit {
	const struct dataset *ds;	/* borrowed from the study */
	unsigned long bins_gen;		/* of the study at the start */
	unsigned char *chosen;		/* [nchars] owned: the choice then */
	char *name;
	struct characteristic **chars;	/* [n] owned until the run */
	size_t n;
	struct card_fit_spec spec;
	struct scorecard *card;		/* the result, owned */
};

struct desk_study_fit *
desk_study_fit_begin(struct desk_study *st, const char *name,
	struct rd_err *err)
{
	struct desk_study_fit *f;
	size_t j;

	if (st->nclassed < st->nchars) {
		rd_err_set(err, RD_EUSAGE, "the characteristics are not "
		    "classed yet");
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	f->ds = st->ds;
	f->bins_gen = st->bins_gen;
	f->chosen = xmalloc(st->nchars + 1);
	memcpy(f->chosen, st->chosen, st->nchars);
	f->name = xstrdup(name);
	f->spec = st->spec;
	f->chars = xcalloc(st->nchars + 1, sizeof *f->chars);
	for (j = 0; j < st->nchars; j++)
		if (st->chosen[j])
			f->chars[f->n++] = characteristic_copy(st->chars[j]);
	if (f->n == 0) {
		free(f->chars);
		free(f->chosen);
		free(f->name);
		free(f);
		rd_err_set(err, RD_EINPUT, "no characteristic chosen");
		return NULL;
	}
	return f;
}

int
desk_study_fit_run(struct desk_study_fit *f, const _Atomic int *cancel,
	struct rd_err *err)
{
	f->spec.logit.cancel = cancel;
	/* card_fit_chars takes the characteristics, also on failure. */
	f->card = card_fit_chars(f->ds, f->name, f->chars, f->n, &f->spec,
	    err);
	f->n = 0;
	/* The card remembers its sample, so validation splits alike. */
	if (f->card != NULL && f->spec.sample.kind != CARD_SAMPLE_ALL)
		card_sample_copy(&f->card->sample, &f->spec.sample);
	return f->card != NULL ? 0 : -1;
}

int
desk_study_fit_end(struct desk_study *st, struct desk_study_fit *f)
{
	size_t k;
	int rc = -1;

	if (f->card != NULL) {
		card_free(st->card);
		st->card = f->card;
		st->card_saved = 0;
		st->fit_gen = f->bins_gen;
		memcpy(st->fit_chosen, f->chosen, st->nchars);
		rc = 0;
	}
	for (k = 0; k < f->n; k++)
		characteristic_free(f->chars[k]);
	free(f->chars);
	free(f->chosen);
	free(f->name);
	free(f);
	return rc;
}

int
desk_study_fit(struct desk_study *st, const char *name, struct rd_err *err)
{
	struct desk_study_fit *f;
	int rc;

	if ((f = desk_study_fit_begin(st, name, err)) == NULL)
		return -1;
	rc = desk_study_fit_run(f, NULL, err);
	if (desk_study_fit_end(st, f) != 0)
		return -1;
	return rc;
}

int
desk_study_save(struct desk *d, struct desk_study *st, struct rd_err *err)
{
	char *body;
	int rc;

	if (st->card == NULL)
		return rd_err_set(err, RD_EUSAGE, "no scorecard fitted");
	body = card_serialize(st->card);
	rc = db_scorecard_put(d->db, st->card->name, st->table, body, err);
	if (rc == 0) {
		st->card_saved = 1;
		desk_card_stored(d, st->card->name, body);
	}
	free(body);
	return rc;
}

int
desk_study_save_bins(struct desk *d, struct desk_study *st, size_t j,
	struct rd_err *err)
{
	char *body;
	int rc;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	body = bin_def_format(st->chars[j]);
	rc = db_binning_put(d->db, st->table, st->chars[j]->name, body, err);
	free(body);
	if (rc == 0)
		st->unsaved[j] = 0;
	return rc;
}

int
desk_study_fit_stale(const struct desk_study *st)
{
	return st->card != NULL && (st->fit_gen != st->bins_gen ||
	    memcmp(st->fit_chosen, st->chosen, st->nchars) != 0);
}

size_t
desk_study_unsaved(const struct desk_study *st)
{
	size_t j, n = 0;

	for (j = 0; j < st->nclassed; j++)
		n += st->unsaved[j];
	return n;
}
