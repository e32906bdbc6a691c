/*
 * desk-model.c - the desk's model calls (see desk-model.h): the outcomes
 * a table must have, stored scorecards, scorecards developed on a sample
 * with a holdout, raw logistic fits for checking against R, and
 * validation of a card.  Part of the facade, under the session: it loads
 * tables through the data layer and hands the numbers to the model
 * layer; it computes nothing itself.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/datefmt.h"
#include "data/db.h"
#include "data/engine.h"
#include "desk/desk-engine.h"
#include "desk/desk-model.h"
#include "desk/desk-bin.h"
#include "desk/desk-fraud.h"
#include "desk/desk-internal.h"
#include "export/sql.h"
#include "model/binned.h"
#include "model/validate.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/sha256.h"
#include "util/progress.h"
#include "util/xmalloc.h"

/* ------------------------------------------- outcomes and scorecards */

int
desk_need_outcomes(const struct dataset *ds, const char *table,
	const char *what, struct rd_err *err)
{
	char n[FMT_BUF];
	size_t known = ds->nbad + ds->ngood;

	if (ds->target < 0 || ds->y == NULL)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no target: "
		    "%s needs known outcomes; import it with --target and "
		    "--bad", table, what);
	if (known == 0)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no known "
		    "outcomes: every row's target \"%s\" is indeterminate "
		    "(neither the bad value nor a good one), and %s needs "
		    "bads and goods", table, ds->cols[ds->target].name, what);
	if (ds->nbad == 0 || ds->ngood == 0)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no %s among "
		    "its %s known outcomes: %s needs bads and goods; check "
		    "the --bad value it was imported with", table,
		    ds->nbad == 0 ? "bads" : "goods",
		    fmt_count(n, (double)known), what);
	return 0;
}

struct scorecard *
desk_scorecard(struct desk *d, const char *name, struct rd_err *err)
{
	char *body;
	struct scorecard *card;

	if ((body = db_scorecard_get(desk_db(d), name, err)) == NULL)
		return NULL;
	card = card_parse(body, err);
	free(body);
	return card;
}

/* ------------------------------------------------------------ samples */

/*
 * An out-of-time split compares dates as text only when both are in the
 * ISO form the import stores (datefmt.h), where text order is time order:
 * a text date column holding anything else ("01/02/2023", which sorts
 * after "01/01/2024"), or a cutoff written otherwise, is refused with the
 * way out.  Numeric columns are the split's own business.  Returns 0 or
 * -1 with err (RD_EINPUT).
 */
static int
oot_dates_check(const struct dataset *ds, const struct card_sample *s,
	struct rd_err *err)
{
	int c = ds_column_index(ds, s->date_column);
	const struct ds_column *col;
	size_t k;

	if (c < 0 || ds->cols[c].type != DS_TEXT)
		return 0;
	col = &ds->cols[c];
	for (k = 0; k < col->nlevels; k++)
		if (!datefmt_is_iso(col->levels[k]))
			return rd_err_set(err, RD_EINPUT, "--oot-after: column "
			    "\"%s\" holds text, not dates (e.g. \"%s\"), and "
			    "dates are never compared as text: re-import the "
			    "table with --date-format %s=<layout> (e.g. "
			    "%%d/%%m/%%Y) so that its dates are stored as "
			    "YYYY-MM-DD", col->name, col->levels[k],
			    col->name);
	if (!datefmt_is_iso(s->after))
		return rd_err_set(err, RD_EINPUT, "--oot-after: expected a "
		    "date YYYY-MM-DD (or YYYY-MM-DD HH:MM:SS) for the date "
		    "column \"%s\", found \"%s\"", col->name, s->after);
	return 0;
}

/*
 * The sample marks of ds under s: hold[ds->nrows] 0 development, 1
 * holdout, 2 neither.  Returns 0 or -1 with err.
 */
static int
sample_marks(const struct dataset *ds, const struct card_sample *s,
	unsigned char *hold, struct rd_err *err)
{
	switch (s->kind) {
	case CARD_SAMPLE_ALL:
		memset(hold, 0, ds->nrows);
		return 0;
	case CARD_SAMPLE_RANDOM:
		if (!(s->holdout > 0 && s->holdout < 1))
			return rd_err_set(err, RD_EUSAGE, "holdout fraction "
			    "%g is not between 0 and 1", s->holdout);
		validate_split_random(ds->nrows, s->holdout, s->seed, hold);
		return 0;
	case CARD_SAMPLE_OOT:
		if (oot_dates_check(ds, s, err) != 0)
			return -1;
		return validate_split_oot(ds, s->date_column, s->after, hold,
		    err);
	}
	return rd_err_set(err, RD_EUSAGE, "unknown sample kind");
}

struct dataset *
desk_sample_develop(const struct dataset *ds, const struct card_sample *s,
	struct rd_err *err)
{
	unsigned char *hold = xmalloc(ds->nrows > 0 ? ds->nrows : 1);
	struct dataset *dev = NULL;

	if (sample_marks(ds, s, hold, err) == 0)
		dev = validate_subset(ds, hold, 0);
	free(hold);
	return dev;
}

int
desk_sample_develop_in_place(struct dataset *ds, const struct card_sample *s,
	struct rd_err *err)
{
	unsigned char *hold = xmalloc(ds->nrows > 0 ? ds->nrows : 1);
	int rc = sample_marks(ds, s, hold, err);

	if (rc == 0)
		validate_subset_in_place(ds, hold, 0);
	free(hold);
	return rc;
}

struct scorecard *
desk_card_fit_sample(struct dataset *ds, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	struct scorecard *card;

	if (spec->sample.kind != CARD_SAMPLE_ALL &&
	    desk_sample_develop_in_place(ds, &spec->sample, err) != 0) {
		ds_free(ds);
		return NULL;
	}
	card = card_fit_take(ds, name, spec, err);
	if (card != NULL && spec->sample.kind != CARD_SAMPLE_ALL)
		card_sample_copy(&card->sample, &spec->sample);
	return card;
}

/*
 * validate_split_oot's marks of one slice of a table, hold[ds->nrows]:
 * its refusals of the date column or the date, but not of a slice lying
 * wholly on one side of the date (the caller checks the whole table).
 */
static int
oot_slice_marks(const struct dataset *ds, const struct card_sample *s,
	unsigned char *hold, struct rd_err *err)
{
	int c = ds_column_index(ds, s->date_column);
	char *end;
	double a;

	if (c >= 0 && ds->cols[c].type != DS_TEXT) {
		a = strtod(s->after, &end);
		if (end == s->after || *end != '\0' || !isfinite(a))
			c = -1;
	}
	if (validate_split_oot(ds, s->date_column, s->after, hold, err) == 0)
		return 0;
	if (c < 0)
		return -1;
	/* The column and the date are sound: the marks are made, and only
	   one sample of this slice is empty. */
	rd_err_clear(err);
	return 0;
}

/* Rows of a slice when a binned sample is read from a table. */
#define BINNED_SLICE 65536

/* Append rowid v to run r (desk_rowids): v - last, zigzag-coded, in 7
   bits a byte, the high bit set on every byte but the last. */
static void
rowid_put(struct desk_rowid_run *r, int64_t v)
{
	uint64_t d = (uint64_t)v - (uint64_t)r->last;
	uint64_t z = (d << 1) ^ (uint64_t)-(int64_t)(d >> 63);

	if (r->len + 10 > r->cap) {
		r->cap = r->cap ? 2 * r->cap : 4096;
		r->b = xrealloc(r->b, r->cap);
	}
	while (z >= 0x80) {
		r->b[r->len++] = (unsigned char)(z | 0x80);
		z >>= 7;
	}
	r->b[r->len++] = (unsigned char)z;
	r->last = v;
	r->n++;
}

int64_t
desk_rowid_at(struct desk_rowid_run *r, size_t i)
{
	if (i + 1 < r->idx || r->idx == 0) {
		r->at = 0;
		r->idx = 0;
		r->cur = 0;
	}
	while (r->idx <= i) {
		uint64_t z = 0;
		unsigned sh = 0;
		unsigned char c;

		do {
			c = r->b[r->at++];
			z |= (uint64_t)(c & 0x7f) << sh;
			sh += 7;
		} while (c & 0x80);
		r->cur = (int64_t)((uint64_t)r->cur +
		    ((z >> 1) ^ (uint64_t)-(int64_t)(z & 1)));
		r->idx++;
	}
	return r->cur;
}

/* Append the rowids of ds's known rows to r->known and of the others to
   r->other, as binned_append parts its rows. */
static void
rowids_append(const struct dataset *ds, struct desk_rowids *r)
{
	size_t i;

	for (i = 0; i < ds->nrows; i++) {
		int kn = ds->y != NULL && (ds->y[i] == DS_GOOD ||
		    ds->y[i] == DS_BAD);

		rowid_put(kn ? &r->known : &r->other, ds->rowid[i]);
	}
}

void
desk_rowids_done(struct desk_rowids *r)
{
	if (r == NULL)
		return;
	free(r->known.b);
	free(r->other.b);
	memset(r, 0, sizeof *r);
}

int
desk_binned_load(struct desk *d, const char *table,
	const struct card_sample *s, struct characteristic *const *chars,
	size_t k, struct binned_sample *bs, struct rd_err *err)
{
	return desk_binned_load_rows(d, table, s, chars, k, bs, NULL, NULL,
	    err);
}

int
desk_binned_load_rows(struct desk *d, const char *table,
	const struct card_sample *s, struct characteristic *const *chars,
	size_t k, struct binned_sample *bs, struct desk_rowids *rowids,
	size_t *table_rows, struct rd_err *err)
{
	struct db *db = desk_db(d);
	const char **names = xcalloc(k + 2, sizeof *names);
	unsigned char *all = NULL, *hold = NULL;
	size_t nrows = 0, off = 0, nn = 0, j, nd = 0, nh = 0;
	int64_t lo = 0, hi;
	int rc = -1, more = 1;

	memset(bs, 0, sizeof *bs);
	binned_init(bs, table, chars, k);
	if (rowids != NULL) {
		memset(rowids, 0, sizeof *rowids);
		bs->keep_reject = 1;
	}
	for (j = 0; j < k; j++)
		names[nn++] = chars[j]->name;
	if (s->kind == CARD_SAMPLE_OOT && s->date_column != NULL)
		names[nn++] = s->date_column;
	if (db_rowid_range(db, table, &lo, &hi, &nrows, err) < 0)
		goto out;
	if (s->kind == CARD_SAMPLE_RANDOM) {
		if (!(s->holdout > 0 && s->holdout < 1)) {
			rd_err_set(err, RD_EUSAGE, "holdout fraction %g is not "
			    "between 0 and 1", s->holdout);
			goto out;
		}
		/* Drawn once for every row, in rowid order, as
		   desk_sample_develop draws them over the whole table. */
		all = xmalloc(nrows > 0 ? nrows : 1);
		validate_split_random(nrows, s->holdout, s->seed, all);
	}
	while (more == 1) {
		int64_t end = lo <= INT64_MAX - BINNED_SLICE ?
		    lo + BINNED_SLICE : INT64_MAX;
		struct dataset *ds, *dev;
		size_t n, i;

		if (nrows > 0) {
			rd_progress("binning", off, nrows, "rows", NULL);
			db_window_set(db, lo, end);
		}
		ds = desk_load_named_progress(d, table, names, nn,
		    nrows > 0 ? &db_progress_none : NULL, err);
		if (nrows > 0)
			db_window_clear(db);
		if (ds == NULL)
			goto out;
		n = ds->nrows;
		if (off + n > nrows) {
			rd_err_set(err, RD_EDB, "table \"%s\" changed while it "
			    "was read", table);
			ds_free(ds);
			goto out;
		}
		hold = xreallocarray(hold, n > 0 ? n : 1, 1);
		switch (s->kind) {
		case CARD_SAMPLE_ALL:
			memset(hold, 0, n);
			break;
		case CARD_SAMPLE_RANDOM:
			memcpy(hold, all + off, n);
			break;
		case CARD_SAMPLE_OOT:
			/* A slice may lie wholly on one side of the date: the
			   split's "both samples" rule is the table's, checked
			   once it is read. */
			if (oot_dates_check(ds, s, err) != 0 ||
			    oot_slice_marks(ds, s, hold, err) != 0) {
				ds_free(ds);
				goto out;
			}
			break;
		}
		for (i = 0; i < n; i++) {
			nd += hold[i] == 0;
			nh += hold[i] == 1;
		}
		dev = s->kind == CARD_SAMPLE_ALL ? NULL : validate_subset(ds,
		    hold, 0);
		j = (size_t)card_binned_append(bs, dev != NULL ? dev : ds, chars,
		    err);
		if (j == 0 && rowids != NULL)
			rowids_append(dev != NULL ? dev : ds, rowids);
		ds_free(dev);
		ds_free(ds);
		if (j != 0)
			goto out;
		off += n;
		if (nrows == 0 || end == INT64_MAX)
			break;
		more = db_next_rowid(db, table, end, &lo, err);
	}
	if (more < 0)
		goto out;
	if (s->kind == CARD_SAMPLE_OOT && (nd == 0 || nh == 0)) {
		rd_err_set(err, RD_EINPUT, "out-of-time split on '%s' after "
		    "'%s' leaves %zu development and %zu holdout rows (both "
		    "are needed)", s->date_column, s->after, nd, nh);
		goto out;
	}
	if (table_rows != NULL)
		*table_rows = off;
	if (rowids != NULL) {
		/* Read whole: the room grown for more rows given back. */
		binned_trim(bs);
		rowids->known.cap = rowids->known.len;
		rowids->other.cap = rowids->other.len;
		rowids->known.b = xrealloc(rowids->known.b,
		    rowids->known.cap ? rowids->known.cap : 1);
		rowids->other.b = xrealloc(rowids->other.b,
		    rowids->other.cap ? rowids->other.cap : 1);
	}
	rc = 0;
out:
	if (nrows > 0)
		rd_progress(NULL, 0, 0, NULL, NULL);
	if (rc != 0) {
		binned_done(bs);
		desk_rowids_done(rowids);
	}
	free(names);
	free(all);
	free(hold);
	return rc;
}

/* -------------------------------------------------------------- raw */

/* Columns an unknown-column message lists before "and N more". */
#define RAW_LIST_COLUMNS 12

/* s as one shell word: bare when it is plain, else in single quotes. */
static const char *
shell_word(char *buf, size_t len, const char *s)
{
	size_t off = 0;
	const char *p;

	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
	    "nopqrstuvwxyz0123456789_.-") == strlen(s))
		return s;
	buf[off++] = '\'';
	for (p = s; *p != '\0' && off + 5 < len; p++) {
		if (*p == '\'') {
			memcpy(buf + off, "'\\''", 4);
			off += 4;
		} else
			buf[off++] = *p;
	}
	buf[off++] = '\'';
	buf[off] = '\0';
	return buf;
}

/*
 * err (RD_EINPUT): table has no column name, given to option; with the
 * column of that name in another case when there is one, the table's
 * columns names[n] (the first RAW_LIST_COLUMNS, the target marked) and
 * the command that describes them.  Returns -1.
 */
static int
unknown_column(struct desk *d, const char *table, const char *option,
	const char *name, char *const *names, size_t n, struct rd_err *err)
{
	char list[RD_ERR_MSG / 2], like[RD_ERR_MSG / 8] = "", word[256];
	char cnt[FMT_BUF];
	struct table_meta meta;
	struct rd_err ignore;
	const char *target = NULL;
	size_t off = 0, j;

	if (db_table_meta(desk_db(d), table, &meta, &ignore) == 0)
		target = meta.target;
	else
		memset(&meta, 0, sizeof meta);
	list[0] = '\0';
	for (j = 0; j < n && j < RAW_LIST_COLUMNS && off < sizeof list; j++)
		off += (size_t)snprintf(list + off, sizeof list - off,
		    "%s%s%s", j > 0 ? ", " : "", names[j], target != NULL &&
		    strcmp(names[j], target) == 0 ? " (the target)" : "");
	if (n > j && off < sizeof list)
		snprintf(list + off, sizeof list - off, " and %s more",
		    fmt_count(cnt, (double)(n - j)));
	for (j = 0; j < n; j++)
		if (strcasecmp(names[j], name) == 0) {
			snprintf(like, sizeof like, " (did you mean '%s'? names "
			    "are case-sensitive)", names[j]);
			break;
		}
	rd_err_set(err, RD_EINPUT, "unknown column '%s' (%s) in table "
	    "\"%s\"%s: its %s column%s are %s; riskdesk profile --table %s "
	    "describes %s", name, option, table, like,
	    fmt_count(cnt, (double)n), n == 1 ? "" : "s", list,
	    shell_word(word, sizeof word, table), n > RAW_LIST_COLUMNS ?
	    "them all" : "them");
	table_meta_done(&meta);
	return -1;
}

/*
 * Load of table the target and the columns of vars[nvars] and weights
 * (may be NULL), each of which it must have (else an error listing its
 * columns).  NULL with err.
 */
static struct dataset *
raw_load(struct desk *d, const char *table, const char *const *vars,
	size_t nvars, const char *weights, struct rd_err *err)
{
	struct db *db = desk_db(d);
	struct dataset *ds = NULL;
	const char **keep;
	char **names;
	size_t n, m = 0, j, k;

	/* A missing table: the load's own error, which lists the tables.
	   Any other failure (SQLite out of memory) is this load's. */
	if ((names = db_table_column_names(db, table, &n, err)) == NULL)
		return err->cls == RD_EINPUT ? db_dataset_load(db, table,
		    err) : NULL;
	keep = xcalloc(nvars + 2, sizeof *keep);
	for (k = 0; k <= nvars; k++) {
		const char *want = k < nvars ? vars[k] : weights;

		if (want == NULL)
			continue;
		for (j = 0; j < n && strcmp(names[j], want) != 0; j++)
			;
		if (j == n) {
			unknown_column(d, table, k < nvars ? "--vars" :
			    "--weights", want, names, n, err);
			goto done;
		}
		keep[m++] = names[j];
	}
	ds = db_dataset_load_columns(db, table, keep, m, err);
done:
	free(keep);
	for (j = 0; j < n; j++)
		free(names[j]);
	free(names);
	return ds;
}

/*
 * Name table in err's message, before the rest ("table "t": ..."),
 * unless the message names it already.
 */
void
desk_err_in_table(struct rd_err *err, const char *table)
{
	char named[DB_TABLE_NAME_MAX * 4 + 16];
	size_t l, m;

	if (err == NULL)
		return;
	snprintf(named, sizeof named, "table \"%s\": ", table);
	l = strlen(named);
	named[l - 2] = '\0';		/* compared without the ": " */
	if (strstr(err->msg, named) != NULL)
		return;
	named[l - 2] = ':';
	m = strlen(err->msg);
	if (l + m >= sizeof err->msg)
		m = sizeof err->msg - 1 - l;	/* the end is cut */
	memmove(err->msg + l, err->msg, m);
	memcpy(err->msg, named, l);
	err->msg[l + m] = '\0';
}

void
desk_logit_done(struct desk_logit *l)
{
	if (l == NULL)
		return;
	free(l->table);
	free(l->weights);
	free(l->extreme_rowid);
	for (size_t k = 0; k < l->nnotes; k++)
		free(l->notes[k]);
	free(l->notes);
	design_done(&l->design);
	logit_result_done(&l->res);
	memset(l, 0, sizeof *l);
}

/*
 * A numeric column of vars with special values declared at import: the
 * raw fit reads them as numbers (9999 as a bureau score), which out's
 * notes say, with the ways out.
 */
static void
special_notes(struct desk *d, const char *table, const struct dataset *ds,
	const char *const *vars, size_t nvars, struct desk_logit *out)
{
	struct db_special *v;
	struct rd_err e;
	size_t k, n, j;
	char vals[160];

	for (k = 0; k < nvars; k++) {
		int c = ds_column_index(ds, vars[k]);
		size_t off = 0;

		if (c < 0 || ds->cols[c].type == DS_TEXT)
			continue;
		rd_err_clear(&e);
		if (db_special_values(desk_db(d), table, vars[k], &v, &n, &e) != 0 ||
		    n == 0)
			continue;
		vals[0] = '\0';
		for (j = 0; j < n && off < sizeof vals - 8; j++)
			off += (size_t)snprintf(vals + off, sizeof vals - off,
			    "%s%s", j ? ", " : "", v[j].text);
		db_special_free(v, n);
		out->notes = xreallocarray(out->notes, out->nnotes + 1,
		    sizeof *out->notes);
		out->notes[out->nnotes++] = xasprintf("column '%s' has the "
		    "special value%s %s declared at import, which a raw fit "
		    "reads as numbers; a scorecard fit (riskdesk fit --name "
		    "<scorecard>, without --raw) gives them bins of their own, "
		    "or re-import with --na for values that mean missing",
		    vars[k], n == 1 ? "" : "s", vals);
	}
}

int
desk_fit_raw(struct desk *d, const char *table, const char *const *vars,
	size_t nvars, const char *const *refs, size_t nrefs,
	const char *weights, const char *missing_level,
	const struct logit_spec *spec, struct desk_logit *out,
	struct rd_err *err)
{
	struct dataset *ds;
	double *w = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->res.fail_col = -1;
	if ((ds = raw_load(d, table, vars, nvars, weights, err)) == NULL)
		return -1;
	if (desk_need_outcomes(ds, table, "a logistic fit", err) != 0)
		goto done;
	if (design_build_missing(ds, vars, nvars, refs, nrefs, missing_level,
	    NULL, &out->design, err) != 0)
		goto done;
	if (weights != NULL) {
		int c = ds_column_index(ds, weights);
		size_t r;

		if (c < 0 || ds->cols[c].type == DS_TEXT) {
			rd_err_set(err, RD_EINPUT, "weight column '%s': %s",
			    weights, c < 0 ? "no such column" :
			    "expected a numeric column, found text");
			goto done;
		}
		w = xmalloc((out->design.n > 0 ? out->design.n : 1) *
		    sizeof *w);
		for (r = 0; r < out->design.n; r++) {
			double x = ds->cols[c].num[out->design.rows[r]];

			w[r] = isnan(x) ? 0 : x;
		}
		out->weights = xstrdup(weights);
	}
	if (logit_fit(out->design.X, out->design.y, w, out->design.n,
	    out->design.p, (const char *const *)out->design.names, spec,
	    &out->res, err) != 0)
		goto done;
	if (out->res.nlisted > 0) {
		size_t k;

		out->extreme_rowid = xmalloc(out->res.nlisted *
		    sizeof *out->extreme_rowid);
		for (k = 0; k < out->res.nlisted; k++)
			out->extreme_rowid[k] = ds->rowid[
			    out->design.rows[out->res.extreme[k]]];
	}
	out->table = xstrdup(table);
	special_notes(d, table, ds, vars, nvars, out);
	rc = 0;
done:
	free(w);
	ds_free(ds);
	if (rc != 0) {
		desk_err_in_table(err, table);
		design_done(&out->design);
		free(out->weights);
		out->weights = NULL;
	}
	return rc;
}

/* ------------------------------------------------------- validation */

void
desk_validation_done(struct desk_validation *v)
{
	if (v == NULL)
		return;
	card_free(v->card);
	free(v->table);
	free(v->psi_table);
	free(v->engine);
	free(v->psi_against);
	free(v->psi_base);
	free(v->pd_table);
	validation_done(&v->dev);
	validation_done(&v->holdout);
	val_psi_done(&v->psi);
	memset(v, 0, sizeof *v);
}

/* Name the sample in v's reason for its n/a figures: "table T" or "the
   <part> of table T". */
static void
sample_na(struct validation *v, const char *table, const char *part)
{
	char where[METRIC_REASON_MAX];

	if (part != NULL)
		snprintf(where, sizeof where, "the %s of table %s", part,
		    table);
	else
		snprintf(where, sizeof where, "table %s", table);
	metric_na_reason(v->n, v->n_bad, 1, where, v->na);
}

/* out's score range and score -> PD table (steps of PDO / 4). */
static void
pd_table_fill(struct desk_validation *out)
{
	double step = out->card->scaling.pdo / 4, lo, hi;

	card_score_range(out->card, &out->score_lo, &out->score_hi);
	lo = floor(out->score_lo / step) * step;
	hi = ceil(out->score_hi / step) * step;
	out->pd_table = card_pd_table(out->card, lo, hi, step, &out->npd);
}

static int validate_card(struct desk *d, struct scorecard *card,
	const char *table, const char *psi_table,
	const struct validate_spec *vspec, const struct dataset *pre,
	const double *pscore, const double *ppd, struct desk_validation *out,
	struct rd_err *err);

int
desk_validate(struct desk *d, const char *name, const char *table,
	const char *psi_table, const struct validate_spec *vspec,
	struct desk_validation *out, struct rd_err *err)
{
	struct scorecard *card;

	memset(out, 0, sizeof *out);
	if ((card = desk_scorecard(d, name, err)) == NULL)
		return -1;
	return validate_card(d, card, table, psi_table, vspec, NULL, NULL,
	    NULL, out, err);
}

int
desk_validate_card(struct desk *d, const struct scorecard *card,
	const char *table, const char *psi_table,
	const struct validate_spec *vspec, struct desk_validation *out,
	struct rd_err *err)
{
	struct scorecard *copy;
	char *text = card_serialize(card);

	memset(out, 0, sizeof *out);
	copy = card_parse(text, err);
	free(text);
	if (copy == NULL)
		return -1;
	return validate_card(d, copy, table, psi_table, vspec, NULL, NULL,
	    NULL, out, err);
}

int
desk_validate_scored(struct desk *d, const struct scorecard *card,
	const struct dataset *ds, const double *score, const double *pd,
	const char *psi_table, const struct validate_spec *vspec,
	struct desk_validation *out, struct rd_err *err)
{
	struct scorecard *copy;
	char *text = card_serialize(card);

	memset(out, 0, sizeof *out);
	copy = card_parse(text, err);
	free(text);
	if (copy == NULL)
		return -1;
	/* An out-of-time sample needs the date column, which the caller's
	   rows may lack: those are read again. */
	if (card->sample.kind == CARD_SAMPLE_OOT && (card->sample.date_column
	    == NULL || ds_column_index(ds, card->sample.date_column) < 0))
		return validate_card(d, copy, NULL, psi_table, vspec, NULL,
		    NULL, NULL, out, err);
	return validate_card(d, copy, NULL, psi_table, vspec, ds, score, pd,
	    out, err);
}

/*
 * Load of table what scoring card needs: its characteristics' columns,
 * the target, and the date column of an out-of-time sample (when want_date).
 */
static struct dataset *
card_load_progress(struct desk *d, const char *table,
	const struct scorecard *card, int want_date,
	const struct db_progress *pr, struct rd_err *err)
{
	const char **names = xcalloc(card->nchars + 3, sizeof *names);
	size_t n = 0, k;
	struct dataset *ds;

	for (k = 0; k < card->nchars; k++)
		names[n++] = card->chars[k].ch->name;
	if (want_date && card->sample.kind == CARD_SAMPLE_OOT &&
	    card->sample.date_column != NULL)
		names[n++] = card->sample.date_column;
	/* A fraud card's features are computed, not read, and its label
	   is the target where the table has it (desk-fraud.h). */
	if (card->features != NULL)
		names[n++] = card->features->label;
	ds = desk_load_named_progress(d, table, names, n, pr, err);
	free(names);
	if (ds != NULL && desk_fraud_card_complete(desk_db(d), card, table, 1, ds,
	    err) != 0) {
		ds_free(ds);
		ds = NULL;
	}
	return ds;
}

/*
 * What validate takes from a table's scored rows, per sample (0 the
 * development sample, 1 the holdout): the rows (m), the cells of their
 * known outcomes (out: one per distinct score and PD, validate_cells) and
 * of every scored row (all, goods counting the rows, for the PSI:
 * validate_psi_cells), and the rows of no score (nan).  Memory of the
 * distinct scores, not of the rows.
 */
struct sample_cells {
	size_t m[2], nan[2];
	struct val_acc out[2], all[2];
};

static void
sample_cells_init(struct sample_cells *sc)
{
	int k;

	memset(sc, 0, sizeof *sc);
	for (k = 0; k < 2; k++) {
		val_acc_init(&sc->out[k]);
		val_acc_init(&sc->all[k]);
	}
}

static void
sample_cells_done(struct sample_cells *sc)
{
	int k;

	for (k = 0; k < 2; k++) {
		val_acc_done(&sc->out[k]);
		val_acc_done(&sc->all[k]);
	}
	memset(sc, 0, sizeof *sc);
}

/* Add the rows of ds with their scores and PDs (n of each) and sample
   marks hold[n] (2: in neither sample) to sc. */
static void
sample_cells_add(struct sample_cells *sc, const struct dataset *ds,
	const double *score, const double *pd, const unsigned char *hold)
{
	size_t i;

	for (i = 0; i < ds->nrows; i++) {
		signed char y = ds->y != NULL ? ds->y[i] : DS_INDET;
		int k = hold[i];

		if (k > 1)
			continue;
		sc->m[k]++;
		if (isnan(score[i])) {
			sc->nan[k]++;
			continue;
		}
		val_acc_add(&sc->all[k], score[i], 0, 1, 0);
		if (y == DS_GOOD || y == DS_BAD)
			val_acc_add(&sc->out[k], score[i], pd[i],
			    y == DS_GOOD, y == DS_BAD);
	}
}

/* Rows of a slice when validate reads a table in slices. */
#define VALIDATE_SLICE 65536

/*
 * Score table with card and gather its samples' cells into sc (made by
 * sample_cells_init).  whole: the table is validated whole (another
 * table than the population); else the card's sample decides, as
 * sample_marks does on the whole table.  The table is read and scored
 * slice by slice (VALIDATE_SLICE rowids at a time, as decide reads): the
 * random holdout's marks are drawn once for all the rows (one byte a
 * row, in rowid order), an out-of-time split is read row by row; memory
 * of a slice and the cells, not of the table's columns.  A fraud card's
 * features need the whole table at once (desk_fraud_card_complete): it
 * is read whole.  Returns 0 or -1 with err.
 */
static int
sample_gather(struct desk *d, const char *table, const struct scorecard *card,
	int whole, struct sample_cells *sc, struct rd_err *err)
{
	struct db *db = desk_db(d);
	unsigned char *all = NULL, *hold = NULL;
	double *score = NULL, *pd = NULL;
	size_t nrows = 0, off = 0;
	int64_t lo = 0, hi;
	int rc = -1, more = 1, sliced = card->features == NULL;

	if (sliced) {
		if (db_rowid_range(db, table, &lo, &hi, &nrows, err) < 0)
			return -1;
		/* An empty table is read whole (no rows), so that the card's
		   checks of its columns say what is wrong with it. */
		if (nrows == 0)
			sliced = 0;
	}
	if (sliced) {
		if (!whole && card->sample.kind == CARD_SAMPLE_RANDOM) {
			if (!(card->sample.holdout > 0 &&
			    card->sample.holdout < 1))
				return rd_err_set(err, RD_EUSAGE, "holdout "
				    "fraction %g is not between 0 and 1",
				    card->sample.holdout);
			all = xmalloc(nrows > 0 ? nrows : 1);
			validate_split_random(nrows, card->sample.holdout,
			    card->sample.seed, all);
		}
	}
	while (more == 1) {
		int64_t end = lo <= INT64_MAX - VALIDATE_SLICE ?
		    lo + VALIDATE_SLICE : INT64_MAX;
		struct dataset *ds;
		size_t n;

		if (sliced) {
			rd_progress("scoring", off, nrows, "rows", NULL);
			db_window_set(db, lo, end);
		}
		ds = card_load_progress(d, table, card, 1, sliced ? &db_progress_none :
		    NULL, err);
		if (sliced)
			db_window_clear(db);
		if (ds == NULL)
			goto out;
		n = ds->nrows;
		score = xreallocarray(score, n > 0 ? n : 1, sizeof *score);
		pd = xreallocarray(pd, n > 0 ? n : 1, sizeof *pd);
		hold = xreallocarray(hold, n > 0 ? n : 1, 1);
		if (sliced && off + n > nrows) {
			rd_err_set(err, RD_EDB, "table \"%s\" changed while "
			    "it was read", table);
			ds_free(ds);
			goto out;
		}
		if (card_score(card, ds, score, pd, err) != 0) {
			ds_free(ds);
			goto out;
		}
		if (whole)
			memset(hold, 0, n);
		else if (all != NULL)
			memcpy(hold, all + off, n);
		else if (sliced && card->sample.kind == CARD_SAMPLE_OOT) {
			/* A slice may lie wholly on one side of the date (a
			   table in date order): both samples are the
			   table's to fill, checked once it is read. */
			if (oot_dates_check(ds, &card->sample, err) != 0 ||
			    oot_slice_marks(ds, &card->sample, hold,
			    err) != 0) {
				ds_free(ds);
				goto out;
			}
		} else if (sample_marks(ds, &card->sample, hold, err) != 0) {
			ds_free(ds);
			goto out;
		}
		sample_cells_add(sc, ds, score, pd, hold);
		off += n;
		ds_free(ds);
		if (!sliced || end == INT64_MAX)
			break;
		more = db_next_rowid(db, table, end, &lo, err);
	}
	if (more < 0)
		goto out;
	if (sliced && !whole && card->sample.kind == CARD_SAMPLE_OOT &&
	    (sc->m[0] == 0 || sc->m[1] == 0)) {
		rd_err_set(err, RD_EINPUT, "out-of-time split on '%s' after "
		    "'%s' leaves %zu development and %zu holdout rows (both "
		    "are needed)", card->sample.date_column,
		    card->sample.after, sc->m[0], sc->m[1]);
		goto out;
	}
	rc = 0;
out:
	if (sliced)
		rd_progress(NULL, 0, 0, NULL, NULL);
	free(all);
	free(hold);
	free(score);
	free(pd);
	return rc;
}

/*
 * desk_validate on card, which out takes over (freed on failure too).
 * pre (may be NULL) is the card's population already loaded and scored:
 * pscore and ppd its points and PDs (all borrowed), used instead of
 * reading and scoring the table again.
 */
static int
validate_card(struct desk *d, struct scorecard *card, const char *table,
	const char *psi_table, const struct validate_spec *vspec,
	const struct dataset *pre, const double *pscore, const double *ppd,
	struct desk_validation *out, struct rd_err *err)
{
	struct sample_cells sc, bsc, osc;
	const struct val_acc *base;
	size_t base_nan;
	int rc = -1, whole;

	sample_cells_init(&sc);
	sample_cells_init(&bsc);
	sample_cells_init(&osc);
	memset(out, 0, sizeof *out);
	out->card = card;
	desk_card_sha256(card, out->card_sha256);
	out->psi_table = psi_table != NULL ? xstrdup(psi_table) : NULL;
	out->table = xstrdup(table != NULL ? table : out->card->population);
	/* Another table than the population is validated whole. */
	whole = table != NULL && strcmp(table, out->card->population) != 0;
	/* A table without a target (or without bads or goods) validates
	   too: what needs outcomes is n/a with the reason, the score
	   distribution, PSI and score -> PD are there. */
	if (pre != NULL) {
		unsigned char *hold = xmalloc(pre->nrows > 0 ? pre->nrows : 1);

		if (whole)
			memset(hold, 0, pre->nrows);
		else if (sample_marks(pre, &out->card->sample, hold,
		    err) != 0) {
			free(hold);
			goto done;
		}
		sample_cells_add(&sc, pre, pscore, ppd, hold);
		free(hold);
	} else if (sample_gather(d, out->table, out->card, whole, &sc,
	    err) != 0) {
		goto done;
	}
	if (validate_cells(sc.out[0].c, sc.out[0].n, vspec, &out->dev,
	    err) != 0)
		goto done;
	sample_na(&out->dev, out->table, sc.m[1] > 0 ? "development sample" :
	    NULL);
	if (sc.m[1] > 0) {
		if (validate_cells(sc.out[1].c, sc.out[1].n, vspec,
		    &out->holdout, err) != 0)
			goto done;
		sample_na(&out->holdout, out->table, "holdout");
		out->has_holdout = 1;
	}
	base = &sc.all[0];
	base_nan = sc.nan[0];
	if (psi_table != NULL && whole) {
		/* The PSI is taken against the card's own development rows,
		   whatever table is validated; the validated table stands in
		   only when the population is gone, and the label says so. */
		if (sample_gather(d, out->card->population, out->card, 0,
		    &bsc, err) == 0) {
			out->psi_base = xstrdup("development");
			base = &bsc.all[0];
			base_nan = bsc.nan[0];
		} else {
			rd_err_clear(err);
			out->psi_base = xstrdup(out->table);
		}
	} else {
		out->psi_base = xstrdup("development");
	}
	if (psi_table != NULL) {
		if (sample_gather(d, psi_table, out->card, 1, &osc, err) != 0)
			goto done;
		if (validate_psi_cells(base->c, base->n, base_nan,
		    osc.all[0].c, osc.all[0].n, osc.nan[0], NULL, 0,
		    vspec->psi_bins, vspec->psi_adjust, &out->psi, err) != 0)
			goto done;
		out->psi_against = xstrdup(psi_table);
		out->has_psi = 1;
	} else if (sc.m[1] > 0) {
		if (validate_psi_cells(sc.all[0].c, sc.all[0].n, sc.nan[0],
		    sc.all[1].c, sc.all[1].n, sc.nan[1], NULL, 0,
		    vspec->psi_bins, vspec->psi_adjust, &out->psi, err) != 0)
			goto done;
		/* An out-of-time holdout is named so (later rows, not a
		   random draw). */
		out->psi_against = xstrdup(out->card->sample.kind ==
		    CARD_SAMPLE_OOT ? "out-of-time" : "holdout");
		out->has_psi = 1;
	}
	pd_table_fill(out);
	rc = 0;
done:
	if (rc != 0)
		desk_validation_done(out);
	sample_cells_done(&sc);
	sample_cells_done(&bsc);
	sample_cells_done(&osc);
	return rc;
}

/* ----------------------------------------- validation in an engine */

/* What the histogram's rows become: one cell per (score, outcome) row. */
struct hist {
	const struct scorecard *card;
	struct val_cell *cells;		/* [ncells] */
	size_t ncells, cap;
	size_t n_unknown;		/* rows of NULL outcome */
	size_t nback, bytes;		/* rows the engine sent, and their
					   values' bytes as text */
	struct rd_err *err;
};

static int
hist_row(void *ctx, int ncols, const char *const *vals)
{
	struct hist *h = ctx;
	struct val_cell *c;
	char *end;
	double score;
	unsigned long long n;
	int k;

	h->nback++;
	for (k = 0; k < ncols; k++)
		h->bytes += vals[k] != NULL ? strlen(vals[k]) : 0;
	if (ncols != 3 || vals[0] == NULL || vals[2] == NULL)
		return rd_err_set(h->err, RD_EDB, "the score histogram "
		    "query gave a row riskdesk cannot read");
	score = strtod(vals[0], &end);
	if (*end != '\0' || isnan(score))
		return rd_err_set(h->err, RD_EDB, "the score histogram "
		    "gave the score \"%s\", not a number", vals[0]);
	n = strtoull(vals[2], &end, 10);
	if (*end != '\0' || vals[2][0] == '-')
		return rd_err_set(h->err, RD_EDB, "the score histogram "
		    "gave the count \"%s\"", vals[2]);
	if (vals[1] == NULL) {
		h->n_unknown += (size_t)n;
		return 0;
	}
	if (strcmp(vals[1], "0") != 0 && strcmp(vals[1], "1") != 0)
		return rd_err_set(h->err, RD_EDB, "the score histogram "
		    "gave the outcome \"%s\", not 0 or 1", vals[1]);
	if (h->ncells == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 256;
		h->cells = xreallocarray(h->cells, h->cap, sizeof *h->cells);
	}
	c = &h->cells[h->ncells++];
	c->score = score;
	c->pd = card_pd(h->card, score);
	c->goods = vals[1][0] == '0' ? (size_t)n : 0;
	c->bads = vals[1][0] == '1' ? (size_t)n : 0;
	return 0;
}

int
desk_validate_engine(struct desk *d, const char *name, const char *conninfo,
	const char *source, const char *target, const char *bad,
	const char *const *good, size_t ngood, const struct validate_spec *vs,
	struct desk_validation *out, struct rd_err *err)
{
	struct scorecard *card;
	struct table_meta meta;
	struct engine *e = NULL;
	struct sqlx_column *cols = NULL;
	struct export_sql_spec spec;
	struct hist h;
	char *goods = NULL, *sql = NULL, *comment = NULL;
	size_t ncols = 0, k;
	int have_meta = 0, rc = -1;

	memset(out, 0, sizeof *out);
	memset(&meta, 0, sizeof meta);
	memset(&h, 0, sizeof h);
	if ((card = desk_scorecard(d, name, err)) == NULL)
		return -1;
	out->card = card;
	desk_card_sha256(card, out->card_sha256);
	out->table = xstrdup(source);
	out->engine = xstrdup("postgresql");
	if (card->features != NULL) {
		rd_err_set(err, RD_EINPUT, "scorecard \"%s\" scores fraud "
		    "features that riskdesk computes from events: it cannot "
		    "be validated in an engine", name);
		goto done;
	}
	memset(&spec, 0, sizeof spec);
	if (target != NULL) {
		spec.target = target;
		spec.bad = bad;
		for (k = 0; k < ngood; k++) {
			char *t = xasprintf("%s%s%s", goods != NULL ? goods :
			    "", goods != NULL ? "\t" : "", good[k]);

			free(goods);
			goods = t;
		}
		spec.good = goods != NULL ? goods : "";
	} else {
		/* The outcome as the card's population defines it (as
		   export reads it); a population riskdesk did not import
		   has none, and every row is indeterminate. */
		if (db_table_meta(desk_db(d), card->population, &meta, err) ==
		    0)
			have_meta = 1;
		else if (err->cls != RD_EINPUT)
			goto done;
		rd_err_clear(err);
		if (have_meta) {
			spec.target = meta.target;
			spec.bad = meta.bad;
			spec.good = meta.good;
			spec.reject = meta.reject_col;
			spec.reject_value = meta.reject_value;
		}
	}
	if (desk_engine_open(conninfo, source, &spec.target, target != NULL,
	    "card's population", &e, &cols, &ncols, err) != 0)
		goto done;
	spec.dialect = SQLX_POSTGRESQL;
	spec.source = source;
	spec.cols = cols;
	spec.ncols = ncols;
	comment = xasprintf("scorecard \"%s\" (sha256 %s)", card->name,
	    out->card_sha256);
	spec.comment = comment;
	if ((sql = export_sql_score_hist(card, &spec, err)) == NULL) {
		char msg[RD_ERR_MSG];

		snprintf(msg, sizeof msg, "%s", err->msg);
		rd_err_set(err, err->cls, "source \"%s\": %s", source, msg);
		goto done;
	}
	h.card = card;
	h.err = err;
	if (engine_query(e, sql, hist_row, &h, err) != 0)
		goto done;
	out->n_unknown = h.n_unknown;
	out->engine_rows = h.nback;
	out->engine_bytes = h.bytes;
	if (validate_cells(h.cells, h.ncells, vs, &out->dev, err) != 0)
		goto done;
	sample_na(&out->dev, out->table, NULL);
	pd_table_fill(out);
	rc = 0;
done:
	if (rc != 0)
		desk_validation_done(out);
	engine_close(e);
	engine_columns_free(cols, ncols);
	if (have_meta)
		table_meta_done(&meta);
	free(h.cells);
	free(goods);
	free(sql);
	free(comment);
	return rc;
}

void
desk_card_sha256(const struct scorecard *card, char *hex)
{
	char *text = card_serialize(card);

	rd_sha256_buf(text, strlen(text), hex);
	free(text);
}

int
desk_validation_current(const struct desk_validation *v,
	const struct scorecard *card, const char *psi_table)
{
	char sha[RD_SHA256_HEX];

	if (v->card == NULL)
		return 0;
	if ((v->psi_table == NULL) != (psi_table == NULL) ||
	    (psi_table != NULL && strcmp(v->psi_table, psi_table) != 0))
		return 0;
	desk_card_sha256(card, sha);
	return strcmp(sha, v->card_sha256) == 0;
}
