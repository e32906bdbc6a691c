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
#include "util/fmt.h"
#include "util/xmalloc.h"

/*
 * The edit history of one characteristic.  The current state is
 * st->chars[j] with st->setting[j]; undo[] holds the states before each
 * edit (the last on top), each with what the edit did, and redo[] the
 * states undone.  Every state has an id: 0 is the classing as opened
 * (also what a reset gives), each edit a new one; the binning saved last
 * is saved (0 until a save), so j is edited while cur != 0 and unsaved
 * while cur != saved.
 */
struct study_state {
	struct characteristic *ch;	/* owned */
	struct desk_study_setting set;	/* specials owned */
	unsigned long id;
	char *what;			/* owned: the edit after this state */
};

struct study_hist {
	struct study_state *undo, *redo;	/* [nundo], [nredo] owned */
	size_t nundo, nredo;
	unsigned long cur, saved;
};

static void
setting_copy(struct desk_study_setting *dst,
	const struct desk_study_setting *src)
{
	*dst = *src;
	dst->specials = xcalloc(src->nspecials + 1, sizeof *dst->specials);
	if (src->nspecials > 0)
		memcpy(dst->specials, src->specials,
		    src->nspecials * sizeof *dst->specials);
}

static void
state_done(struct study_state *s)
{
	characteristic_free(s->ch);
	free(s->set.specials);
	free(s->what);
	memset(s, 0, sizeof *s);
}

static void
hist_done(struct study_hist *h)
{
	size_t k;

	for (k = 0; k < h->nundo; k++)
		state_done(&h->undo[k]);
	for (k = 0; k < h->nredo; k++)
		state_done(&h->redo[k]);
	free(h->undo);
	free(h->redo);
	memset(h, 0, sizeof *h);
}

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
	/* The out-of-time split's date column is read for the split, never
	   a characteristic, as riskdesk fit leaves it out. */
	for (j = 0; j < ds->ncols; j++) {
		if ((int)j == ds->target ||
		    !card_sample_date(&st->spec.sample, ds->cols[j].name))
			continue;
		for (k = 0; k < nleft; k++)
			if (strcmp(left[k].name, ds->cols[j].name) == 0)
				break;
		if (k == nleft) {
			left = xreallocarray(left, nleft + 1, sizeof *left);
			left[nleft].name = xstrdup(ds->cols[j].name);
			left[nleft++].why = NULL;
		}
		free(left[k].why);
		left[k].why = xstrdup(CARD_OOT_DATE_WHY);
		skip[j] = 1;
	}
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
	st->setting = xcalloc(st->nchars + 1, sizeof *st->setting);
	st->hist = xcalloc(st->nchars + 1, sizeof *st->hist);
	st->rev = xcalloc(st->nchars + 1, sizeof *st->rev);
	st->kindcol = xcalloc(st->nchars + 1, sizeof *st->kindcol);
	st->next_id = 1;
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
	for (j = 0; j < st->nchars; j++) {
		characteristic_free(st->chars[j]);
		free(st->setting[j].specials);
		hist_done(&st->hist[j]);
		if (st->kindcol[j] != NULL) {
			ds_column_done(st->kindcol[j]);
			free(st->kindcol[j]);
		}
	}
	free(st->chars);
	free(st->setting);
	free(st->hist);
	free(st->rev);
	free(st->kindcol);
	free(st->card_unsavable);
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

/* The settings of a classing as opened: the study's trend and least
   share, the special values the classing gave bins. */
static void
setting_init(const struct desk_study *st, const struct characteristic *ch,
	struct desk_study_setting *set)
{
	size_t b;

	memset(set, 0, sizeof *set);
	set->trend = st->spec.bins.trend;
	set->min_share = st->spec.bins.min_share;
	set->specials = xcalloc(ch->nbins + 1, sizeof *set->specials);
	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_SPECIAL)
			set->specials[set->nspecials++] = ch->bins[b].lower;
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
		setting_init(st, st->chars[j], &st->setting[j]);
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

/* The column characteristic j is classed on: the table's, or the same
   read as the other kind. */
static const struct ds_column *
study_col(const struct desk_study *st, size_t j)
{
	if (st->setting[j].other_kind && st->kindcol[j] != NULL)
		return st->kindcol[j];
	return &st->ds->cols[st->col[j]];
}

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
	const struct study_hist *h = &st->hist[j];

	st->edited[j] = h->cur != 0;
	st->unsaved[j] = h->cur != h->saved;
	st->bins_gen++;
	if (st->chars[j]->status != NULL)
		st->chosen[j] = 0;
	st->rev[j]++;
	rank(st);
}

/* The current state of j moved into *s (what the edit that follows
   did: what, owned). */
static void
take_current(struct desk_study *st, size_t j, struct study_state *s,
	char *what)
{
	s->ch = st->chars[j];
	s->set = st->setting[j];
	s->id = st->hist[j].cur;
	s->what = what;
}

/* Install state s (taken over) as j's current one. */
static void
put_current(struct desk_study *st, size_t j, struct study_state *s)
{
	st->chars[j] = s->ch;
	st->setting[j] = s->set;
	st->hist[j].cur = s->id;
	free(s->what);
	memset(s, 0, sizeof *s);
}

/* Push s onto a stack of states, dropping the oldest beyond the limit. */
static void
push_state(struct study_state **v, size_t *n, struct study_state *s)
{
	if (*n == DESK_STUDY_UNDO_MAX) {
		state_done(&(*v)[0]);
		memmove(&(*v)[0], &(*v)[1], (*n - 1) * sizeof **v);
		(*n)--;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = *s;
	memset(s, 0, sizeof *s);
}

/*
 * An edit of j: ch (taken over) and set (copied) become its current
 * state under id (0: the classing as opened), the state before goes on
 * the undo stack with what (taken over) and nothing is left to redo.
 */
static void
commit(struct desk_study *st, size_t j, struct characteristic *ch,
	const struct desk_study_setting *set, unsigned long id, char *what)
{
	struct study_hist *h = &st->hist[j];
	struct study_state old, now;
	size_t k;

	take_current(st, j, &old, what);
	push_state(&h->undo, &h->nundo, &old);
	for (k = 0; k < h->nredo; k++)
		state_done(&h->redo[k]);
	h->nredo = 0;
	memset(&now, 0, sizeof now);
	now.ch = ch;
	setting_copy(&now.set, set);
	now.id = id;
	put_current(st, j, &now);
	changed(st, j);
}

/* An edit of j's bins, the settings kept. */
static void
commit_bins(struct desk_study *st, size_t j, struct characteristic *ch,
	char *what)
{
	commit(st, j, ch, &st->setting[j], st->next_id++, what);
}

int
desk_study_merge(struct desk_study *st, size_t j, size_t i,
	struct rd_err *err)
{
	return desk_study_merge_range(st, j, i, i + 1, err);
}

int
desk_study_merge_range(struct desk_study *st, size_t j, size_t first,
	size_t last, struct rd_err *err)
{
	struct characteristic *c;
	size_t k;

	if (first >= last) {
		if (j < st->nclassed && first < st->chars[j]->nbins)
			return rd_err_set(err, RD_EUSAGE, "select two or more "
			    "neighbouring bins to merge");
		return rd_err_set(err, RD_EUSAGE, "no bin %zu to merge",
		    first + 1);
	}
	for (k = first; k <= last; k++)
		if (check_bin(st, j, k, err) != 0)
			return -1;
	c = characteristic_copy(st->chars[j]);
	for (k = first; k < last; k++)
		if (bin_merge(c, first, st->ds, study_col(st, j),
		    &st->spec.bins, err) != 0) {
			characteristic_free(c);
			return -1;
		}
	commit_bins(st, j, c, xasprintf("merge bins %zu-%zu", first + 1,
	    last + 1));
	return 0;
}

int
desk_study_move(struct desk_study *st, size_t j, const char *level, int to,
	struct rd_err *err)
{
	struct characteristic *c;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (st->chars[j]->numeric)
		return rd_err_set(err, RD_EUSAGE, "%s is numeric: split or "
		    "merge its ranges instead", st->chars[j]->name);
	c = characteristic_copy(st->chars[j]);
	if (bin_move_level(c, level, to, st->ds, study_col(st, j),
	    &st->spec.bins, err) != 0) {
		characteristic_free(c);
		return -1;
	}
	commit_bins(st, j, c, to < 0 ? xasprintf("move %s to a new bin",
	    level) : xasprintf("move %s to bin %d", level, to + 1));
	return 0;
}

int
desk_study_split_offer(const struct desk_study *st, size_t j, size_t i,
	struct bin_split_offer *out, struct rd_err *err)
{
	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	return bin_split_offer(st->chars[j], i, st->ds, study_col(st, j), out,
	    err);
}

int
desk_study_split_at(struct desk_study *st, size_t j, size_t i, double at,
	struct rd_err *err)
{
	struct characteristic *c;
	char v[48];

	if (check_bin(st, j, i, err) != 0)
		return -1;
	c = characteristic_copy(st->chars[j]);
	if (bin_split(c, i, at, st->ds, study_col(st, j), &st->spec.bins,
	    err) != 0) {
		characteristic_free(c);
		return -1;
	}
	bin_readable_num(v, sizeof v, at, 17);
	commit_bins(st, j, c, xasprintf("split bin %zu at %s", i + 1, v));
	return 0;
}

int
desk_study_split(struct desk_study *st, size_t j, size_t i,
	struct rd_err *err)
{
	const struct bin *b;
	struct bin_split_offer o;

	if (check_bin(st, j, i, err) != 0)
		return -1;
	b = &st->chars[j]->bins[i];
	if (!st->chars[j]->numeric) {
		if (b->nlevels < 2)
			return rd_err_set(err, RD_EUSAGE, "bin %s holds a single "
			    "level", b->label);
		return desk_study_move(st, j, b->levels[b->nlevels - 1], -1,
		    err);
	}
	if (desk_study_split_offer(st, j, i, &o, err) != 0)
		return -1;
	if (isnan(o.offer))
		return rd_err_set(err, RD_EUSAGE, "bin %s holds a single value",
		    b->label);
	return desk_study_split_at(st, j, i, o.offer, err);
}

int
desk_study_reset(struct desk_study *st, size_t j, struct rd_err *err)
{
	struct characteristic *ch;
	struct desk_study_setting set;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	ch = bin_characteristic(st->ds, &st->ds->cols[st->col[j]],
	    &st->spec.bins, err);
	if (ch == NULL)
		return -1;
	setting_init(st, ch, &set);
	commit(st, j, ch, &set, 0, xstrdup("reset"));
	free(set.specials);
	return 0;
}

/* Undo (dir 0) or redo (dir 1) the last edit of j. */
static int
step_history(struct desk_study *st, size_t j, int dir, struct rd_err *err)
{
	struct study_hist *h;
	struct study_state s, cur;
	struct study_state **from, **to;
	size_t *nfrom, *nto;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	h = &st->hist[j];
	from = dir ? &h->redo : &h->undo;
	nfrom = dir ? &h->nredo : &h->nundo;
	to = dir ? &h->undo : &h->redo;
	nto = dir ? &h->nundo : &h->nredo;
	if (*nfrom == 0)
		return rd_err_set(err, RD_EUSAGE, "nothing to %s for %s",
		    dir ? "redo" : "undo", st->chars[j]->name);
	s = (*from)[--*nfrom];
	/* The edit's text goes with it to the other stack. */
	take_current(st, j, &cur, s.what);
	s.what = NULL;
	push_state(to, nto, &cur);
	put_current(st, j, &s);
	changed(st, j);
	return 0;
}

int
desk_study_undo(struct desk_study *st, size_t j, struct rd_err *err)
{
	return step_history(st, j, 0, err);
}

int
desk_study_redo(struct desk_study *st, size_t j, struct rd_err *err)
{
	return step_history(st, j, 1, err);
}

/* What undo (dir 0) or redo (dir 1) of j would do, or NULL. */
static const char *
next_text(const struct desk_study *st, size_t j, int dir)
{
	const struct study_hist *h;

	if (j >= st->nclassed)
		return NULL;
	h = &st->hist[j];
	if (dir)
		return h->nredo > 0 ? h->redo[h->nredo - 1].what : NULL;
	return h->nundo > 0 ? h->undo[h->nundo - 1].what : NULL;
}

const char *
desk_study_undo_text(const struct desk_study *st, size_t j)
{
	return next_text(st, j, 0);
}

const char *
desk_study_redo_text(const struct desk_study *st, size_t j)
{
	return next_text(st, j, 1);
}

/* ------------------------------------------------ settings, re-solved */

/* The bin_spec of j's optimal classing under set. */
static void
setting_spec(const struct desk_study *st, const struct desk_study_setting *set,
	struct bin_spec *sp)
{
	*sp = st->spec.bins;
	sp->trend = set->trend;
	sp->min_share = set->min_share;
	sp->specials = set->specials;
	sp->nspecials = set->nspecials;
	sp->colspecials = NULL;
	sp->ncolspecials = 0;
	/* Solved, not the saved binning. */
	sp->saved = NULL;
	sp->nsaved = 0;
}

/* The column of j read as the other kind: made when first needed, and
   again when nnot (the levels that are not numbers) is wanted. */
static const struct ds_column *
kind_col(struct desk_study *st, size_t j, size_t *nnot)
{
	const struct ds_column *c = &st->ds->cols[st->col[j]];

	if (nnot != NULL)
		*nnot = 0;
	if (st->kindcol[j] != NULL && nnot == NULL)
		return st->kindcol[j];
	if (st->kindcol[j] != NULL)
		ds_column_done(st->kindcol[j]);
	else
		st->kindcol[j] = xcalloc(1, sizeof *st->kindcol[j]);
	if (c->type == DS_TEXT)
		ds_column_as_number(c, st->ds->nrows, st->kindcol[j], nnot,
		    NULL);
	else
		ds_column_as_text(c, st->ds->nrows, st->kindcol[j]);
	return st->kindcol[j];
}

/* Solve j's optimal classing again under set, as an edit called what
   (owned). */
static int
resolve(struct desk_study *st, size_t j, const struct desk_study_setting *set,
	char *what, struct rd_err *err)
{
	struct bin_spec sp;
	struct characteristic *ch;
	const struct ds_column *col = set->other_kind ? kind_col(st, j, NULL) :
	    &st->ds->cols[st->col[j]];

	setting_spec(st, set, &sp);
	if ((ch = bin_optimal(st->ds, col, &sp, err)) == NULL) {
		free(what);
		return -1;
	}
	commit(st, j, ch, set, st->next_id++, what);
	return 0;
}

int
desk_study_set_trend(struct desk_study *st, size_t j, enum bin_trend t,
	struct rd_err *err)
{
	struct desk_study_setting set;
	int rc;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (!st->chars[j]->numeric)
		return rd_err_set(err, RD_EUSAGE, "%s is classed as categories, "
		    "grouped in the order of their bad rates: no WoE trend to "
		    "set", st->chars[j]->name);
	set = st->setting[j];
	set.trend = t;
	rc = resolve(st, j, &set, xasprintf("trend %s", bin_trend_name(t)),
	    err);
	return rc;
}

int
desk_study_set_min_share(struct desk_study *st, size_t j, double share,
	struct rd_err *err)
{
	struct desk_study_setting set;
	char b[FMT_BUF];

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (!(share >= 0 && share < 1))
		return rd_err_set(err, RD_EUSAGE, "expected a least share of "
		    "rows per bin from 0%% to below 100%%, found %g%%",
		    share * 100);
	set = st->setting[j];
	set.min_share = share;
	return resolve(st, j, &set, xasprintf("least share %s",
	    fmt_pct(b, share)), err);
}

int
desk_study_set_specials(struct desk_study *st, size_t j,
	const double *values, size_t n, struct rd_err *err)
{
	struct desk_study_setting set;
	char *what, v[48];
	size_t k, i, off, len;
	int rc;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (!st->chars[j]->numeric)
		return rd_err_set(err, RD_EUSAGE, "%s is classed as categories: "
		    "special values are for numbers (each level is a bin "
		    "already)", st->chars[j]->name);
	for (k = 0; k < n; k++) {
		if (!isfinite(values[k]))
			return rd_err_set(err, RD_EUSAGE, "expected finite "
			    "special values, found %g", values[k]);
		for (i = 0; i < k; i++)
			if (values[i] == values[k])
				return rd_err_set(err, RD_EUSAGE, "special value "
				    "%g given twice", values[k]);
	}
	set = st->setting[j];
	set.specials = (double *)values;
	set.nspecials = n;
	len = 32 + n * 26;
	what = xmalloc(len);
	off = (size_t)snprintf(what, len, "special values %s", n == 0 ?
	    "none" : "");
	for (k = 0; k < n; k++)
		off += (size_t)snprintf(what + off, len - off, "%s%s",
		    k > 0 ? ", " : "", bin_readable_num(v, sizeof v,
		    values[k], 17));
	/* commit copies the setting, so values stay the caller's. */
	rc = resolve(st, j, &set, what, err);
	return rc;
}

int
desk_study_set_other_kind(struct desk_study *st, size_t j, int on,
	size_t *nnot, struct rd_err *err)
{
	struct desk_study_setting set;
	const struct ds_column *c;
	size_t bad = 0;

	if (nnot != NULL)
		*nnot = 0;
	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	c = &st->ds->cols[st->col[j]];
	on = on != 0;
	if (on == st->setting[j].other_kind)
		return rd_err_set(err, RD_EUSAGE, "%s is classed as %s already",
		    c->name, (c->type == DS_TEXT) == !on ? "categories" :
		    "numbers");
	if (on) {
		kind_col(st, j, &bad);
		if (c->type == DS_TEXT && bad == c->nlevels)
			return rd_err_set(err, RD_EUSAGE, "none of the %zu "
			    "levels of %s is a number", c->nlevels, c->name);
	}
	set = st->setting[j];
	set.other_kind = on;
	if (nnot != NULL)
		*nnot = bad;
	return resolve(st, j, &set, xasprintf("class as %s",
	    (c->type == DS_TEXT) == !on ? "categories" : "numbers"), err);
}

/* ------------------------------------------------------ what is shown */

struct characteristic *
desk_study_fine(const struct desk_study *st, size_t j, int **first,
	int **last, struct rd_err *err)
{
	struct bin_spec sp;
	struct characteristic *fine;

	if (first != NULL)
		*first = NULL;
	if (last != NULL)
		*last = NULL;
	if (j >= st->nclassed) {
		rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
		return NULL;
	}
	setting_spec(st, &st->setting[j], &sp);
	if ((fine = bin_fine(st->ds, study_col(st, j), &sp, err)) == NULL)
		return NULL;
	if (first != NULL && last != NULL) {
		*first = xcalloc(fine->nbins + 1, sizeof **first);
		*last = xcalloc(fine->nbins + 1, sizeof **last);
		bin_fine_map(fine, st->chars[j], study_col(st, j), *first,
		    *last);
	}
	return fine;
}

struct bin_level_row *
desk_study_levels(const struct desk_study *st, size_t j, size_t *n)
{
	*n = 0;
	if (j >= st->nclassed)
		return NULL;
	return bin_level_rows(st->chars[j], study_col(st, j), st->ds, n);
}

double
desk_study_woe_axis(const struct desk_study *st)
{
	return bin_woe_axis((const struct characteristic *const *)st->chars,
	    st->nclassed);
}

/* ------------------------------------------------------------ fitting */

/* A fit in progress: the copies it works on and what it makes. */
struct desk_study_fit {
	const struct dataset *ds;	/* the study's, or view */
	struct dataset *view;		/* owned (its cols array only): the
					   study's table with the columns
					   classed as the other kind read so,
					   or NULL */
	char *unsavable;		/* owned: why the card cannot be
					   saved, or NULL */
	unsigned long bins_gen;		/* of the study at the start */
	unsigned char *chosen;		/* [nchars] owned: the choice then */
	char *name;
	struct characteristic **chars;	/* [n] owned until the run */
	size_t n;
	struct card_fit_spec spec;
	struct scorecard *card;		/* the result, owned */
};

/* Why characteristic j, classed as the other kind, stays in the study:
   heap text. */
static char *
kind_note(const struct desk_study *st, size_t j)
{
	const struct ds_column *c = &st->ds->cols[st->col[j]];
	int text = c->type == DS_TEXT;

	return xasprintf("%s is classed as %s here, but table %s holds %s: "
	    "scoring the table with such a binning would fail; switch it "
	    "back, or import the table again with --type %s=%s", c->name,
	    text ? "numbers" : "categories", st->table, text ? "text" :
	    "numbers", c->name, text ? "real" : "text");
}

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
	for (j = 0; j < st->nchars; j++) {
		if (!st->chosen[j])
			continue;
		f->chars[f->n++] = characteristic_copy(st->chars[j]);
		if (!st->setting[j].other_kind)
			continue;
		/* The fit reads the column as the characteristic was
		   classed: a view of the table sharing its arrays. */
		if (f->view == NULL) {
			f->view = xmalloc(sizeof *f->view);
			*f->view = *st->ds;
			f->view->cols = xmalloc((st->ds->ncols + 1) *
			    sizeof *f->view->cols);
			memcpy(f->view->cols, st->ds->cols, st->ds->ncols *
			    sizeof *f->view->cols);
			f->ds = f->view;
		}
		f->view->cols[st->col[j]] = *study_col(st, j);
		if (f->unsavable == NULL) {
			char *why = kind_note(st, j);

			f->unsavable = xasprintf("scorecard %s cannot be "
			    "saved: %s", name, why);
			free(why);
		}
	}
	if (f->n == 0) {
		free(f->chars);
		free(f->chosen);
		free(f->name);
		if (f->view != NULL)
			free(f->view->cols);
		free(f->view);
		free(f->unsavable);
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
		free(st->card_unsavable);
		st->card_unsavable = f->unsavable;
		f->unsavable = NULL;
		rc = 0;
	}
	for (k = 0; k < f->n; k++)
		characteristic_free(f->chars[k]);
	free(f->chars);
	free(f->chosen);
	free(f->name);
	if (f->view != NULL)
		free(f->view->cols);
	free(f->view);
	free(f->unsavable);
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
	if (st->card_unsavable != NULL)
		return rd_err_set(err, RD_EUSAGE, "%s", st->card_unsavable);
	if (card_check_text(st->card, err) != 0)
		return -1;
	body = card_serialize(st->card);
	rc = db_scorecard_put(d->db, st->card->name, st->table, body, err);
	if (rc == 0) {
		st->card_saved = 1;
		desk_card_stored(d, st->card->name, body);
	}
	free(body);
	return rc;
}

/* The holdout of a sample in words: "none", "30% at random (seed 1)",
   "after 2023-06-30 (by opened)". */
static char *
holdout_text(const struct card_sample *s)
{
	char b[FMT_BUF];

	switch (s->kind) {
	case CARD_SAMPLE_RANDOM:
		return xasprintf("%s at random (seed %lu)", fmt_pct(b,
		    s->holdout), s->seed);
	case CARD_SAMPLE_OOT:
		return xasprintf("after %s (by %s)", s->after != NULL ?
		    s->after : "?", s->date_column != NULL ? s->date_column :
		    "?");
	case CARD_SAMPLE_ALL:
		break;
	}
	return xstrdup("none");
}

/* "<what> <old> -> <new>", or "<what> unchanged: <old>" when they read
   alike. */
static char *
change_text(const char *what, const char *old, const char *now)
{
	if (strcmp(old, now) == 0)
		return xasprintf("%s unchanged: %s", what, old);
	return xasprintf("%s %s -> %s", what, old, now);
}

int
desk_study_save_check(struct desk *d, const struct desk_study *st,
	char **what, struct rd_err *err)
{
	struct scorecard *old;
	struct rd_err e;
	char *body, *o, *n, *dev, *hold, *chars;
	char c1[FMT_BUF];

	*what = NULL;
	if (st->card == NULL)
		return rd_err_set(err, RD_EUSAGE, "no scorecard fitted");
	rd_err_clear(&e);
	if ((body = db_scorecard_get(d->db, st->card->name, &e)) == NULL) {
		if (e.cls == RD_EINPUT)
			return 0;
		*err = e;
		return -1;
	}
	old = card_parse(body, &e);
	free(body);
	if (old == NULL) {
		*what = xasprintf("the stored scorecard %s cannot be read (%s): "
		    "saving replaces it", st->card->name, e.msg);
		return 1;
	}
	o = xasprintf("%s (%s rows with a known outcome)", old->population,
	    fmt_count(c1, (double)old->n));
	n = xasprintf("%s (%s rows with a known outcome)", st->table,
	    fmt_count(c1, (double)st->card->n));
	dev = change_text("development sample", o, n);
	free(o);
	free(n);
	o = holdout_text(&old->sample);
	n = holdout_text(&st->card->sample);
	hold = change_text("holdout", o, n);
	free(o);
	free(n);
	o = xasprintf("%zu", old->nchars);
	n = xasprintf("%zu", st->card->nchars);
	chars = change_text("characteristics", o, n);
	*what = xasprintf("%s; %s; %s", dev, hold, chars);
	free(o);
	free(n);
	free(dev);
	free(hold);
	free(chars);
	card_free(old);
	return 1;
}

int
desk_study_save_bins(struct desk *d, struct desk_study *st, size_t j,
	struct rd_err *err)
{
	char *body;
	int rc;

	if (j >= st->nclassed)
		return rd_err_set(err, RD_EUSAGE, "no characteristic %zu", j);
	if (st->setting[j].other_kind) {
		char *why = kind_note(st, j);

		rd_err_set(err, RD_EUSAGE, "%s", why);
		free(why);
		return -1;
	}
	body = bin_def_format(st->chars[j]);
	rc = db_binning_put(d->db, st->table, st->chars[j]->name, body, err);
	free(body);
	if (rc == 0) {
		st->hist[j].saved = st->hist[j].cur;
		st->unsaved[j] = 0;
	}
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
