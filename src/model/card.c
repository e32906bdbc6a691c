/*
 * card.c - the points scorecard: WoE logistic model, scaling into points,
 * scoring, and the JSON form stored in the database (see card.h).
 *
 * The top of the model layer.  It classes characteristics with bin.c,
 * fits the WoE design with logit.c, measures the rounded score with
 * metric.c, and hands the data layer an opaque JSON text (db.h
 * rd_scorecard.body) written and read with jansson.  The desk fits, stores
 * and reloads cards through these functions; the simulation scores
 * populations with card_score and card_pd.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "model/binned.h"
#include "model/card.h"
#include "model/metric.h"
#include "model/select.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

void
card_scaling_init(struct card_scaling *sc)
{
	sc->base_score = 600;
	sc->base_odds = 50;
	sc->pdo = 20;
}

void
card_fit_spec_init(struct card_fit_spec *spec)
{
	card_scaling_init(&spec->scaling);
	bin_spec_init(&spec->bins);
	logit_spec_init(&spec->logit);
	spec->min_iv = 0.02;
	select_spec_init(&spec->select);
	spec->forced = NULL;
	spec->nforced = 0;
	memset(&spec->sample, 0, sizeof spec->sample);
	spec->sample.kind = CARD_SAMPLE_ALL;
	spec->exclude = NULL;
	spec->nexclude = 0;
	spec->left_out = NULL;
	spec->nleft_out = 0;
}

int
card_scaling_check(const struct card_scaling *sc, struct rd_err *err)
{
	if (!(sc->pdo >= CARD_PDO_MIN && sc->pdo <= CARD_PDO_MAX))
		return rd_err_set(err, RD_EINPUT, "PDO %g is out of range: "
		    "expected a number from %g to %g", sc->pdo, CARD_PDO_MIN,
		    CARD_PDO_MAX);
	if (!(sc->base_odds > 0 && sc->base_odds <= CARD_ODDS_MAX))
		return rd_err_set(err, RD_EINPUT, "base odds %g are out of "
		    "range: expected a number in (0, %g]", sc->base_odds,
		    CARD_ODDS_MAX);
	if (!(fabs(sc->base_score) <= CARD_SCORE_MAX))
		return rd_err_set(err, RD_EINPUT, "base score %g is out of "
		    "range: expected a number from %g to %g", sc->base_score,
		    -CARD_SCORE_MAX, CARD_SCORE_MAX);
	return 0;
}

void
card_sample_copy(struct card_sample *dst, const struct card_sample *src)
{
	*dst = *src;
	dst->date_column = src->date_column != NULL ?
	    xstrdup(src->date_column) : NULL;
	dst->after = src->after != NULL ? xstrdup(src->after) : NULL;
}

int
card_sample_date(const struct card_sample *s, const char *column)
{
	return s->kind == CARD_SAMPLE_OOT && s->date_column != NULL &&
	    strcmp(s->date_column, column) == 0;
}

double
card_pd(const struct scorecard *card, double score)
{
	return 1 / (1 + exp((score - card->offset) / card->factor));
}

int
card_other_bin(const struct scorecard *card, size_t k)
{
	const struct characteristic *ch = card->chars[k].ch;

	/* "" is never a level (import stores it as NULL): where any level
	   no bin lists goes. */
	return ch->numeric ? -1 : bin_index_text(ch, "");
}

int
card_missing_bin(const struct scorecard *card, size_t k)
{
	const struct characteristic *ch = card->chars[k].ch;
	size_t b;

	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_MISSING)
			return (int)b;
	return -1;
}

const char *const card_feature_agg_names[] = { "count", "distinct", "sum" };

void
card_features_free(struct card_features *f)
{
	size_t k, j;

	if (f == NULL)
		return;
	for (k = 0; k < f->n; k++) {
		free(f->v[k].name);
		free(f->v[k].column);
		for (j = 0; j < f->v[k].nsame; j++)
			free(f->v[k].same[j]);
		free(f->v[k].same);
	}
	free(f->v);
	free(f->policy);
	free(f->time);
	free(f->label);
	free(f);
}

void
card_free(struct scorecard *card)
{
	size_t k;

	if (card == NULL)
		return;
	for (k = 0; k < card->nchars; k++) {
		characteristic_free(card->chars[k].ch);
		free(card->chars[k].points);
	}
	free(card->chars);
	for (k = 0; k < card->ndropped; k++)
		free(card->dropped[k]);
	free(card->dropped);
	for (k = 0; k < card->nnotes; k++)
		free(card->notes[k]);
	free(card->notes);
	for (k = 0; k < card->nsteps; k++)
		free(card->steps[k].name);
	free(card->steps);
	free(card->select_method);
	free(card->corr);
	free((char *)card->sample.date_column);
	free((char *)card->sample.after);
	card_features_free(card->features);
	free(card->name);
	free(card->population);
	free(card);
}

/* ------------------------------------------- characteristics and rows */

/* The column of ds a characteristic reads, checked for type. */
static const struct ds_column *
char_column(const struct dataset *ds, const struct characteristic *ch,
	struct rd_err *err)
{
	int c = ds_column_index(ds, ch->name);
	const struct ds_column *col;

	if (c < 0) {
		rd_err_set(err, RD_EINPUT, "table '%s' has no column '%s' for "
		    "the scorecard", ds->table ? ds->table : "?", ch->name);
		return NULL;
	}
	col = &ds->cols[c];
	if ((col->type == DS_TEXT) == (ch->numeric != 0) && ds->nrows == 0) {
		/* A table imported from a header alone types its columns
		   text: its emptiness is the fault, not the types. */
		rd_err_set(err, RD_EINPUT, "table '%s' has no rows: import the "
		    "applicants into it first", ds->table ? ds->table : "?");
		return NULL;
	}
	if ((col->type == DS_TEXT) == (ch->numeric != 0)) {
		rd_err_set(err, RD_EINPUT, "column '%s' of table '%s' is %s, "
		    "the scorecard expects %s: import the table again with "
		    "--type %s=%s%s", ch->name, ds->table ? ds->table : "?",
		    col->type == DS_TEXT ? "text" : "numeric",
		    ch->numeric ? "numbers" : "text", ch->name,
		    ch->numeric ? "real" : "text", ch->numeric ? " (or see "
		    "which of its values are not numbers with riskdesk "
		    "profile)" : "");
		return NULL;
	}
	return col;
}

/*
 * Bin of every row of ds for ch: out[ds->nrows], -1 for a value no bin
 * takes.  A text column's levels are mapped once (bin_level_map), never
 * searched per row.
 */
static void
char_bins(const struct characteristic *ch, const struct ds_column *col,
	size_t nrows, int *out)
{
	size_t i;

	if (ch->numeric) {
		bin_index_num_all(ch, col->num, nrows, out);
	} else {
		int *map = xmalloc((col->nlevels > 0 ? col->nlevels : 1) *
		    sizeof *map);
		int miss = bin_index_text(ch, NULL);

		bin_level_map(ch, col, map, NULL);
		for (i = 0; i < nrows; i++)
			out[i] = col->code[i] < 0 ? miss : map[col->code[i]];
		free(map);
	}
}

int
card_score(const struct scorecard *card, const struct dataset *ds,
	double *score, double *pd, struct rd_err *err)
{
	int *bin = xmalloc((ds->nrows > 0 ? ds->nrows : 1) * sizeof *bin);
	size_t i, k;

	for (i = 0; i < ds->nrows; i++)
		score[i] = card->base_points;
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		const struct ds_column *col = char_column(ds, cc->ch, err);

		if (col == NULL) {
			free(bin);
			return -1;
		}
		char_bins(cc->ch, col, ds->nrows, bin);
		for (i = 0; i < ds->nrows; i++)
			if (bin[i] >= 0)
				score[i] += cc->points[bin[i]];
	}
	free(bin);
	if (pd != NULL)
		for (i = 0; i < ds->nrows; i++)
			pd[i] = card_pd(card, score[i]);
	return 0;
}

/* ------------------------------------------------------------- fitting */

struct droplist {
	char **v;
	size_t n;
};

static void
drop_add(struct droplist *d, const char *name, const char *reason)
{
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n++] = xasprintf("%s: %s", name, reason);
}

static void
drop_free(struct droplist *d)
{
	size_t k;

	for (k = 0; k < d->n; k++)
		free(d->v[k]);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

/* ---------------------------------------------------------- separation
 *
 * A characteristic that splits goods from bads on its own has no finite
 * WoE and no finite coefficient: coarse classing, which wants a good and
 * a bad in every bin, can only leave it as one bin ("single bin", IV 0),
 * which hides the strongest predictor there is.  These name it instead,
 * with the ways out.
 */

/*
 * Drop ch, which has a status, with its reason: the separation when it is
 * a single bin because col splits goods from bads on its own, else the
 * status as it is.
 */
static void
drop_status(struct droplist *dropped, const struct dataset *ds,
	const struct ds_column *col, const struct characteristic *ch,
	const struct card_fit_spec *spec)
{
	char why[RD_ERR_MSG / 2];

	if (ch->splits != NULL)
		drop_add(dropped, ch->name, ch->splits);
	else if (col != NULL && strncmp(ch->status, "single bin", 10) == 0 &&
	    bin_splits(ds, col, spec->bins.woe_adjust, why, sizeof why))
		drop_add(dropped, ch->name, why);
	else if (ch->pure != NULL)
		drop_add(dropped, ch->name, ch->pure);
	else
		drop_add(dropped, ch->name, ch->status);
}

/* The first dropped entry that is a separation, else the first one;
   NULL when none. */
static const char *
drop_lead(const struct droplist *d)
{
	size_t k;

	for (k = 0; k < d->n; k++)
		if (strstr(d->v[k], ": separates goods from bads") != NULL)
			return d->v[k];
	return d->n > 0 ? d->v[0] : NULL;
}

/*
 * The WoE fit of the characteristics chars[active[0..na-1]] failed with
 * separation on WoE column res->fail_col (1-based: column 0 is the
 * intercept): write into why[len] what separates (the characteristic's
 * pure bins, the direction, the rows fitted exactly) and the ways out.
 * Returns the characteristic's index in chars.
 */
static size_t
card_separation_why(struct characteristic *const *chars,
	const size_t *active, const struct logit_result *res, size_t m,
	const struct card_fit_spec *spec, char *why, size_t len)
{
	size_t at = active[res->fail_col - 1];
	const struct characteristic *ch = chars[at];
	char pure[RD_ERR_MSG / 2], way[160], n1[FMT_BUF], n2[FMT_BUF];
	size_t b, off = 0, np = 0;

	pure[0] = '\0';
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *bn = &ch->bins[b];

		if (bn->count == 0 || (bn->goods > 0 && bn->bads > 0))
			continue;
		if (off < sizeof pure)
			off += (size_t)snprintf(pure + off, sizeof pure - off,
			    "%s bin %zu (%s) holds only %s", np > 0 ? "," :
			    ":", b + 1, bn->label, bn->goods > 0 ? "goods" :
			    "bads");
		np++;
	}
	if (np > 0)
		snprintf(way, sizeof way, "merge each pure bin with a "
		    "neighbour (riskdesk bin --char %s --merge BIN)",
		    ch->name);
	else
		snprintf(way, sizeof way, "leave it out (--exclude %s)",
		    ch->name);
	snprintf(why, len, "separates goods from bads%s%s (its WoE "
	    "coefficient diverges to %s, %s of %s rows fitted exactly), so "
	    "it has no finite estimate; %s, or fit with --l2 to bound the "
	    "coefficient (pure bins keep the %g zero-cell WoE adjustment)",
	    np > 0 ? "" : " together with the other characteristics", pure,
	    res->fail_sign > 0 ? "+inf" : "-inf",
	    fmt_count(n1, (double)res->sep_split), fmt_count(n2,
	    (double)(m > 0 ? m : res->sep_split)), way, spec->bins.woe_adjust);
	return at;
}

static int
need_target(const struct dataset *ds, struct rd_err *err)
{
	if (ds->y == NULL)
		return rd_err_set(err, RD_EINPUT, "dataset has no target: "
		    "table '%s' was imported without one",
		    ds->table ? ds->table : "?");
	return 0;
}

/*
 * AUC, Gini and KS of the rounded scores score[nrows] (whole points)
 * against y, from counts per score when the card's range is not much
 * wider than nscale rows (no sort), else by metric.c on the rows; the two
 * give identical results (metric.h).  nscale is the development rows,
 * nrows those scored here (the known outcomes alone, or all of them).
 */
static void
card_discrimination(struct scorecard *card, const double *score,
	const signed char *y, size_t nrows, size_t nscale)
{
	double lo, hi, at;
	size_t i;

	card_score_range(card, &lo, &hi);
	for (i = 0; i < nrows && hi - lo + 1 <= 4.0 * (double)nscale + 1024;
	    i++)
		if (!(score[i] >= lo && score[i] <= hi))
			break;
	if (i == nrows) {
		size_t nv = (size_t)(hi - lo) + 1, k;
		size_t *g = xcalloc(nv, sizeof *g), *b = xcalloc(nv, sizeof *b);

		/* Increasing risk: from the highest score down. */
		for (i = 0; i < nrows; i++) {
			if (y[i] != DS_GOOD && y[i] != DS_BAD)
				continue;
			k = (size_t)(hi - score[i]);
			if (y[i] == DS_BAD)
				b[k]++;
			else
				g[k]++;
		}
		card->auc = metric_auc_counts(g, b, nv);
		card->ks = metric_ks_counts(g, b, nv, &k);
		card->ks_at = isnan(card->ks) ? NAN : hi - (double)k;
		free(g);
		free(b);
	} else {
		double *risk = xmalloc((nrows > 0 ? nrows : 1) *
		    sizeof *risk);

		for (i = 0; i < nrows; i++)
			risk[i] = -score[i];
		card->auc = metric_auc_ks(risk, y, nrows, &card->ks, &at);
		card->ks_at = -at;
		free(risk);
	}
	card->gini = 2 * card->auc - 1;
}

/* Where the levels no bin of ch lists score, as a note. */
static void
note_fallback(const struct characteristic *ch, struct droplist *notes)
{
	int at = bin_fallback(ch);
	char a[FMT_BUF], b[FMT_BUF], c[FMT_BUF];

	notes->v = xreallocarray(notes->v, notes->n + 1, sizeof *notes->v);
	notes->v[notes->n++] = xasprintf("%s: %s level%s in no bin (%s%s; "
	    "%s rows, %s with a known outcome) score%s as bin %d (%s), the "
	    "unseen-level fallback", ch->name, fmt_count(a,
	    (double)ch->nfallback), ch->nfallback == 1 ? "" : "s",
	    ch->fallback_levels, ch->nfallback > 3 ? ", ..." : "",
	    fmt_count(b, (double)ch->fallback_rows), fmt_count(c,
	    (double)ch->fallback_known), ch->nfallback == 1 ? "s" : "",
	    at + 1, at >= 0 ? ch->bins[at].label : "none: 0 points");
}

/*
 * round_max of card: over every combination of attributes, the largest
 * rounding error of each sign per characteristic summed with the base
 * points' error, the larger sign.
 */
static void
round_worst(struct scorecard *card)
{
	double up, down, e;
	size_t k, b;

	e = card->base_points - (card->offset - card->factor *
	    card->intercept);
	up = e > 0 ? e : 0;
	down = e < 0 ? -e : 0;
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		double u = 0, d = 0;

		for (b = 0; b < cc->ch->nbins; b++) {
			e = cc->points[b] - card_unrounded_points(card, k, b);
			if (e > u)
				u = e;
			if (-e > d)
				d = -e;
		}
		up += u;
		down += d;
	}
	card->round_max = up > down ? up : down;
}

/*
 * The development statistics of card on ds, the bins of its rows found a
 * characteristic at a time: the AUC, Gini and KS of the rounded score
 * over the known outcomes, and the rounding errors (round_max_dev over
 * the rows, round_max over every combination of attributes).
 */
static void
dev_stats(struct scorecard *card, const struct dataset *ds)
{
	double *score, *raw, *un, e;
	int *bin = xmalloc((ds->nrows > 0 ? ds->nrows : 1) * sizeof *bin);
	size_t i, k, b;

	/* The rounded score of every row (card_score's sums) and the
	   unrounded one, for the rounding errors. */
	score = xmalloc((ds->nrows > 0 ? ds->nrows : 1) * sizeof *score);
	raw = xmalloc((ds->nrows > 0 ? ds->nrows : 1) * sizeof *raw);
	for (i = 0; i < ds->nrows; i++) {
		score[i] = card->base_points;
		raw[i] = card->offset - card->factor * card->intercept;
	}
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		const double *pt = cc->points;

		char_bins(cc->ch, char_column(ds, cc->ch, NULL), ds->nrows,
		    bin);
		un = xmalloc((cc->ch->nbins + 1) * sizeof *un);
		for (b = 0; b < cc->ch->nbins; b++)
			un[b] = card_unrounded_points(card, k, b);
		for (i = 0; i < ds->nrows; i++)
			if (bin[i] >= 0) {
				score[i] += pt[bin[i]];
				raw[i] += un[bin[i]];
			}
		free(un);
	}
	free(bin);
	card_discrimination(card, score, ds->y, ds->nrows, ds->nrows);
	/* Rounding: rounded - unrounded score of every development row. */
	card->round_max_dev = 0;
	for (i = 0; i < ds->nrows; i++) {
		e = fabs(score[i] - raw[i]);
		if (e > card->round_max_dev)
			card->round_max_dev = e;
	}
	round_worst(card);
	free(raw);
	free(score);
}

/*
 * dev_stats on a binned sample whose column col[k] holds the bins of
 * card->chars[k]: the same sums in the same order, row by row (each row's
 * points added characteristic by characteristic, as dev_stats adds
 * them), so the figures are identical; the scores of the known rows are
 * kept for the discrimination, the others only give their rounding
 * error.
 */
static void
dev_stats_binned(struct scorecard *card, const struct binned_sample *bs,
	const size_t *col)
{
	size_t na = card->nchars, nall = bs->n + bs->nother, i, k, b;
	double **un = xmalloc((na > 0 ? na : 1) * sizeof *un);
	double *score = xmalloc((bs->n > 0 ? bs->n : 1) * sizeof *score);
	double base_raw = card->offset - card->factor * card->intercept;

	for (k = 0; k < na; k++) {
		const struct characteristic *ch = card->chars[k].ch;

		un[k] = xmalloc((ch->nbins + 1) * sizeof **un);
		for (b = 0; b < ch->nbins; b++)
			un[k][b] = card_unrounded_points(card, k, b);
	}
	card->round_max_dev = 0;
	for (i = 0; i < nall; i++) {
		int known = i < bs->n;
		size_t r = known ? i : i - bs->n;
		double s = card->base_points, raw = base_raw, e;

		for (k = 0; k < na; k++) {
			unsigned v = known ? binned_known(bs, col[k], r) :
			    binned_other(bs, col[k], r);

			if (v > 0) {
				s += card->chars[k].points[v - 1];
				raw += un[k][v - 1];
			}
		}
		if (known)
			score[r] = s;
		e = fabs(s - raw);
		if (e > card->round_max_dev)
			card->round_max_dev = e;
	}
	card_discrimination(card, score, bs->y, bs->n, nall);
	round_worst(card);
	for (k = 0; k < na; k++)
		free(un[k]);
	free(un);
	free(score);
}

/*
 * Characteristic ch, column j of bs, had its empty ranges merged
 * (bin_merge_empty_ranges): renumber its bins in bs.  Before the merge it
 * had nb bins, the first nr of them ranges [lo[b], hi[b]); a range now
 * lies within the one it was merged into, and the bins after the ranges
 * moved down by the bins removed.  Gives each row the bin char_bins
 * would now find for its value.
 */
static void
remap_merged(struct binned_sample *bs, size_t j,
	const struct characteristic *ch, size_t nb, size_t nr,
	const double *lo, const double *hi)
{
	unsigned *map = xmalloc((nb + 1) * sizeof *map);
	size_t b, c;

	map[0] = 0;
	for (b = 0; b < nb; b++) {
		if (b >= nr) {
			map[b + 1] = (unsigned)(b - (nb - ch->nbins)) + 1;
			continue;
		}
		for (c = 0; c < ch->nbins && ch->bins[c].kind == BIN_RANGE;
		    c++)
			if (ch->bins[c].lower <= lo[b] &&
			    hi[b] <= ch->bins[c].upper)
				break;
		map[b + 1] = (unsigned)c + 1;
	}
	binned_remap(bs, j, map, ch->nbins);
	free(map);
}

/*
 * Points, statistics and ownership moves once the model is final.
 * Column active[k] of bs holds the bins of chars[active[k]]; renumbered
 * here when an empty range is merged.
 */
static struct scorecard *
card_build(struct binned_sample *bs, const char *name,
	struct characteristic **chars, const size_t *active, size_t na,
	const struct logit_result *res, struct droplist *dropped,
	const struct card_fit_spec *spec)
{
	struct scorecard *card = xcalloc(1, sizeof *card);
	struct droplist notes = { NULL, 0 };
	size_t k, b;

	card->name = xstrdup(name);
	card->population = xstrdup(bs->table);
	card->scaling = spec->scaling;
	card->factor = spec->scaling.pdo / log(2.0);
	card->offset = spec->scaling.base_score -
	    card->factor * log(spec->scaling.base_odds);
	card->intercept = res->beta[0];
	card->intercept_se = res->se[0];
	card->intercept_pval = res->pval[0];
	/* Adding 0.0 turns a rounded -0 into 0, so "-0" is never shown. */
	card->base_points = round(card->offset - card->factor * res->beta[0]) +
	    0.0;
	card->chars = xcalloc(na > 0 ? na : 1, sizeof *card->chars);
	card->nchars = na;
	for (k = 0; k < na; k++) {
		struct card_char *cc = &card->chars[k];

		cc->ch = chars[active[k]];
		chars[active[k]] = NULL;
		/* An empty range has no WoE of its own: no points either.
		   Its rows (none with a known outcome) are out of the fit, so
		   merging it changes no estimate. */
		if (cc->ch->numeric) {
			size_t nb = cc->ch->nbins, nr;
			double *lo = xmalloc((nb + 1) * sizeof *lo);
			double *hi = xmalloc((nb + 1) * sizeof *hi);

			for (nr = 0; nr < nb && cc->ch->bins[nr].kind ==
			    BIN_RANGE; nr++) {
				lo[nr] = cc->ch->bins[nr].lower;
				hi[nr] = cc->ch->bins[nr].upper;
			}
			if (bin_merge_empty_ranges(cc->ch, &spec->bins,
			    &notes.v, &notes.n) > 0)
				remap_merged(bs, active[k], cc->ch, nb, nr, lo,
				    hi);
			free(lo);
			free(hi);
		}
		if (!cc->ch->numeric && cc->ch->nfallback > 0)
			note_fallback(cc->ch, &notes);
		cc->coef = res->beta[k + 1];
		cc->se = res->se[k + 1];
		cc->pval = res->pval[k + 1];
		cc->points = xmalloc(cc->ch->nbins * sizeof *cc->points);
		for (b = 0; b < cc->ch->nbins; b++)
			cc->points[b] = round(-card->factor * cc->coef *
			    cc->ch->bins[b].woe) + 0.0;
	}
	card->dropped = dropped->v;
	card->ndropped = dropped->n;
	dropped->v = NULL;
	dropped->n = 0;
	card->notes = notes.v;
	card->nnotes = notes.n;
	card->n = res->n;
	card->n_bad = res->n_bad;
	card->n_indet = bs->nindet;
	card->n_reject = bs->nreject;
	card->loglik = res->loglik;
	card->aic = res->aic;
	card->iterations = res->iterations;
	card->start_rows = res->start_rows;
	dev_stats_binned(card, bs, active);
	return card;
}

static int
is_forced(const struct card_fit_spec *spec, const char *name)
{
	size_t k;

	for (k = 0; k < spec->nforced; k++)
		if (strcmp(spec->forced[k], name) == 0)
			return 1;
	return 0;
}

/*
 * A characteristic named by --force that is left out all the same (one
 * value, all NULL, values only in rejects, an identifier, collinear): its
 * entry in card->dropped, "name: reason", becomes "name: left out
 * although forced (--force): reason", so the list, the JSON and the
 * stored card say it and the command can note it (card_forced_dropped).
 */
static void
mark_forced_dropped(struct scorecard *card, const struct card_fit_spec *spec)
{
	size_t j, k;

	for (j = 0; j < card->ndropped; j++)
		for (k = 0; k < spec->nforced; k++) {
			size_t len = strlen(spec->forced[k]);
			char *d = card->dropped[j], *m;

			if (strncmp(d, spec->forced[k], len) != 0 ||
			    strncmp(d + len, ": ", 2) != 0)
				continue;
			m = xasprintf("%s: %s%s", spec->forced[k],
			    CARD_FORCED_DROPPED, d + len + 2);
			free(d);
			card->dropped[j] = m;
			break;
		}
}

int
card_forced_dropped(const char *dropped)
{
	const char *c = strstr(dropped, ": " CARD_FORCED_DROPPED);

	return c != NULL;
}

/*
 * The design of the WoE logistic regression over the known rows of a
 * binned sample: row i is 1 and the WoE of the bin of row i in each of
 * the na characteristics own[active[j]], column active[j] of bs (WoE 0
 * for a value in no bin).  woe_design_init makes the WoE tables, by bin
 * + 1 with 0 first for no bin (freed by woe_design_done); woe_design_row
 * gives a row (logit.h struct logit_rows), woe_design_block a run of
 * rows, so that no m x p array is held.
 */
struct woe_design {
	size_t na;
	const struct binned_sample *bs;
	const size_t *col;	/* [na] borrowed: columns of bs */
	double **woe;		/* [na] owned */
	size_t *nbins;		/* [na] owned: bins of each (woe has one
				   more) */
};

static void
woe_design_init(struct woe_design *wd, struct characteristic *const *own,
	const struct binned_sample *bs, const size_t *active, size_t na)
{
	size_t j, b;

	wd->na = na;
	wd->bs = bs;
	wd->col = active;
	wd->woe = xmalloc((na + 1) * sizeof *wd->woe);
	wd->nbins = xmalloc((na + 1) * sizeof *wd->nbins);
	for (j = 0; j < na; j++) {
		const struct characteristic *ch = own[active[j]];

		wd->nbins[j] = ch->nbins;
		wd->woe[j] = xmalloc((ch->nbins + 1) * sizeof **wd->woe);
		wd->woe[j][0] = 0;
		for (b = 0; b < ch->nbins; b++)
			wd->woe[j][b + 1] = ch->bins[b].woe;
	}
}

static void
woe_design_row(const void *ctx, size_t i, double *x)
{
	const struct woe_design *wd = ctx;
	size_t j;

	x[0] = 1;
	for (j = 0; j < wd->na; j++)
		x[j + 1] = wd->woe[j][binned_known(wd->bs, wd->col[j], i)];
}

static void
woe_design_rows(const void *ctx, size_t i, size_t n, double *x)
{
	const struct woe_design *wd = ctx;
	size_t p = wd->na + 1, j, r;

	for (r = 0; r < n; r++)
		x[r * p] = 1;
	for (j = 0; j < wd->na; j++) {
		const struct binned_col *c = &wd->bs->col[wd->col[j]];
		const double *woe = wd->woe[j];
		double *xj = x + j + 1;

		if (c->wide) {
			const uint16_t *b = (const uint16_t *)c->known + i;

			for (r = 0; r < n; r++)
				xj[r * p] = woe[b[r]];
		} else {
			const uint8_t *b = (const uint8_t *)c->known + i;

			for (r = 0; r < n; r++)
				xj[r * p] = woe[b[r]];
		}
	}
}

/* Rows i .. i + n - 1 restricted to the columns cols[m] (ascending;
   column 0 the intercept), as woe_design_rows gives them. */
static void
woe_design_rows_cols(const void *ctx, size_t i, size_t n, const size_t *cols,
	size_t m, double *x)
{
	const struct woe_design *wd = ctx;
	size_t j, r;

	for (j = 0; j < m; j++) {
		double *xj = x + j;

		if (cols[j] == 0) {
			for (r = 0; r < n; r++)
				xj[r * m] = 1;
			continue;
		}
		{
			const struct binned_col *c =
			    &wd->bs->col[wd->col[cols[j] - 1]];
			const double *woe = wd->woe[cols[j] - 1];

			if (c->wide) {
				const uint16_t *b = (const uint16_t *)c->known +
				    i;

				for (r = 0; r < n; r++)
					xj[r * m] = woe[b[r]];
			} else {
				const uint8_t *b = (const uint8_t *)c->known +
				    i;

				for (r = 0; r < n; r++)
					xj[r * m] = woe[b[r]];
			}
		}
	}
}

/*
 * eta = X beta over every row: the products WoE x beta_j looked up per
 * bin (the same products the fit forms per row) and summed per row in
 * column order from 0 + 1 x beta_0, as logit.c sums a row.
 */
/* Rows woe_design_predict sums at once: their eta stay in the cache
   while every column is added. */
#define PREDICT_BLOCK 4096

static void
woe_design_predict(const void *ctx, const double *beta, size_t n,
	double *eta)
{
	const struct woe_design *wd = ctx;
	size_t j, b, i, i0, m;
	double **t = xcalloc(wd->na + 1, sizeof *t);

	for (j = 0; j < wd->na; j++) {
		const struct binned_col *c = &wd->bs->col[wd->col[j]];

		t[j] = xmalloc((c->nbins + 1) * sizeof **t);
		for (b = 0; b <= c->nbins; b++)
			t[j][b] = wd->woe[j][b] * beta[j + 1];
	}
	for (i0 = 0; i0 < n; i0 += m) {
		double *e = eta + i0;

		m = n - i0 < PREDICT_BLOCK ? n - i0 : PREDICT_BLOCK;
		for (i = 0; i < m; i++)
			e[i] = 0 + 1 * beta[0];
		for (j = 0; j < wd->na; j++) {
			const struct binned_col *c = &wd->bs->col[wd->col[j]];
			const double *tj = t[j];

			if (c->wide) {
				const uint16_t *v = (const uint16_t *)c->known +
				    i0;

				for (i = 0; i < m; i++)
					e[i] += tj[v[i]];
			} else {
				const uint8_t *v = (const uint8_t *)c->known +
				    i0;

				for (i = 0; i < m; i++)
					e[i] += tj[v[i]];
			}
		}
	}
	for (j = 0; j < wd->na; j++)
		free(t[j]);
	free(t);
}

/*
 * The mean WoE of each of wd's columns over the m known rows, mean[na]:
 * the rows of each bin counted (exactly, as integers), then sum over the
 * bins of count x WoE, / m.  The mean of the rows' WoE without a pass of
 * doubles over them.
 */
static void
woe_design_means(const struct woe_design *wd, size_t m, double *mean)
{
	size_t j, i, u;

	for (j = 0; j < wd->na; j++) {
		const struct binned_col *c = &wd->bs->col[wd->col[j]];
		size_t nb = wd->nbins[j] + 1;	/* bin + 1, 0 for none */
		size_t *cnt = xcalloc(nb, sizeof *cnt);
		double s = 0;

		if (c->wide) {
			const uint16_t *b = c->known;

			for (i = 0; i < m; i++)
				cnt[b[i]]++;
		} else {
			const uint8_t *b = c->known;

			for (i = 0; i < m; i++)
				cnt[b[i]]++;
		}
		for (u = 0; u < nb; u++)
			s += (double)cnt[u] * wd->woe[j][u];
		mean[j] = s / (double)(m > 0 ? m : 1);
		free(cnt);
	}
}

/* logit_rows vouch: every WoE finite, and a WoE column is all ones only
   when a bin's WoE is exactly 1, which is left to the rows to say. */
static int
woe_design_vouch(const void *ctx, int *ones)
{
	const struct woe_design *wd = ctx;
	size_t j, b;

	ones[0] = 1;
	for (j = 0; j < wd->na; j++) {
		for (b = 0; b <= wd->nbins[j]; b++)
			if (!isfinite(wd->woe[j][b]) || wd->woe[j][b] == 1)
				return -1;
		ones[j + 1] = 0;
	}
	return 0;
}

static void
woe_design_done(struct woe_design *wd)
{
	size_t j;

	for (j = 0; j < wd->na; j++)
		free(wd->woe[j]);
	free(wd->woe);
	free(wd->nbins);
	memset(wd, 0, sizeof *wd);
}

/* What a selection leaves for the scorecard: its steps by name. */
struct sel_out {
	char *method;
	struct card_step *steps;
	size_t nsteps;
};

/*
 * Stepwise selection over the active characteristics (their WoE columns
 * from the bins of the known-outcome rows of bs, y[bs->n]): keep the
 * chosen ones in active (order kept), list the others in dropped as
 * "not selected", and the steps in *sel.
 */
static int
select_chars(struct characteristic **own, const struct binned_sample *bs,
	size_t *active, size_t *na, const double *y, struct droplist *dropped,
	const struct card_fit_spec *spec, struct sel_out *sel,
	struct rd_err *err)
{
	size_t k = *na, p = k + 1, m = bs->n, i, j, kept = 0;
	struct woe_design wd;
	struct logit_rows src;
	const char **names = xmalloc(p * sizeof *names);
	int *forced = xcalloc(p, sizeof *forced);
	struct select_result r;
	int rc;

	names[0] = "(Intercept)";
	for (j = 0; j < k; j++) {
		names[j + 1] = own[active[j]]->name;
		forced[j + 1] = is_forced(spec, names[j + 1]);
	}
	/* Each candidate is fitted from the bins, as the final fit is: no
	   m x p array (select_run_rows). */
	woe_design_init(&wd, own, bs, active, k);
	memset(&src, 0, sizeof src);
	src.p = p;
	src.row = woe_design_row;
	src.rows = woe_design_rows;
	src.predict = woe_design_predict;
	src.rows_cols = woe_design_rows_cols;
	src.ctx = &wd;
	rc = select_run_rows(&src, y, m, names, forced, &spec->select,
	    &spec->logit, &r, err);
	woe_design_done(&wd);
	if (rc == 0) {
		char why[96];

		sel->method = xstrdup(select_method_name(spec->select.method));
		sel->steps = xcalloc(r.nsteps > 0 ? r.nsteps : 1,
		    sizeof *sel->steps);
		for (i = 0; i < r.nsteps; i++) {
			sel->steps[i].name = xstrdup(names[r.steps[i].col]);
			sel->steps[i].entered = r.steps[i].entered;
			sel->steps[i].aic = r.steps[i].aic;
			sel->steps[i].pval = r.steps[i].pval;
		}
		sel->nsteps = r.nsteps;
		snprintf(why, sizeof why, "not selected (%s by %s)",
		    select_method_name(spec->select.method),
		    spec->select.criterion == SELECT_AIC ? "AIC" : "p-value");
		for (j = 0; j < k; j++) {
			if (r.in[j + 1])
				active[kept++] = active[j];
			else if (r.collinear[j + 1])
				drop_add(dropped, names[j + 1], "collinear "
				    "with other characteristics (singular "
				    "information matrix)");
			else if (r.separated[j + 1])
				drop_add(dropped, names[j + 1], "not selected: "
				    "with the characteristics chosen it "
				    "separates goods from bads (the likelihood "
				    "has no maximum); merge its pure bins or fit "
				    "with --l2");
			else
				drop_add(dropped, names[j + 1], why);
		}
		*na = kept;
	}
	select_result_done(&r);
	free(names);
	free(forced);
	return rc;
}

/*
 * The wrong-sign rule of fit_binned as a logit_spec decided callback: a
 * fit that will be dropped needs its estimate only so far as to name the
 * characteristic (the largest positive coefficient of those not forced)
 * and print its coefficient to four figures.  Decided when, within the
 * bounds e[] of every coefficient b[] (column 0 the intercept), one
 * coefficient is surely positive and surely above every other's, and
 * "%+.4g" gives one string across its bounds (rounding is monotone, so
 * the maximum's coefficient prints the same).  A fit with no coefficient
 * surely positive runs to the end: it may be the scorecard's.
 */
struct sign_rule {
	struct characteristic **own;
	const size_t *active;
	size_t na;
	const struct card_fit_spec *spec;
};

static int
sign_decided(void *ctx, const double *b, const double *e, size_t p)
{
	const struct sign_rule *r = ctx;
	size_t j, worst = 0;
	double big = 0;
	char lo[64], hi[64];
	int have = 0;

	if (p != r->na + 1)
		return 0;
	for (j = 0; j < r->na; j++) {
		if (is_forced(r->spec, r->own[r->active[j]]->name))
			continue;
		if (b[j + 1] > big) {
			big = b[j + 1];
			worst = j;
			have = 1;
		}
	}
	if (!have || !(b[worst + 1] - e[worst + 1] > 0))
		return 0;
	for (j = 0; j < r->na; j++) {
		if (j == worst || is_forced(r->spec,
		    r->own[r->active[j]]->name))
			continue;
		if (!(b[j + 1] + e[j + 1] < b[worst + 1] - e[worst + 1]))
			return 0;
	}
	snprintf(lo, sizeof lo, "%+.4g", b[worst + 1] - e[worst + 1]);
	snprintf(hi, sizeof hi, "%+.4g", b[worst + 1] + e[worst + 1]);
	return strcmp(lo, hi) == 0;
}

/*
 * The fit proper, on a binned sample whose column j holds the bins of
 * own[j] (j < nown, all usable): selection, the WoE logistic regression
 * with its drops, correlations, points and statistics.  Owns own[j] and
 * the dropped list from the call on (own[] itself stays the caller's).
 */
static struct scorecard *
fit_binned(struct binned_sample *bs, const char *name,
	struct characteristic **own, size_t nown, struct droplist *dropped,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	size_t *active = xcalloc(nown > 0 ? nown : 1, sizeof *active);
	size_t na = 0, m = bs->n, i, k;
	double *y = NULL, *corr = NULL, *room = NULL;
	const char **names = NULL;
	struct scorecard *card = NULL;
	struct logit_result res;
	struct sel_out sel = { NULL, NULL, 0 };

	memset(&res, 0, sizeof res);
	y = xmalloc((m > 0 ? m : 1) * sizeof *y);
	for (i = 0; i < m; i++)
		y[i] = bs->y[i] == DS_BAD;
	for (k = 0; k < nown; k++)
		active[na++] = k;
	/* The refits after a drop share one room for their predictors. */
	room = xmalloc((m > 0 ? 2 * m : 1) * sizeof *room);

	if (spec->select.method != SELECT_NONE && na > 0 &&
	    select_chars(own, bs, active, &na, y, dropped, spec, &sel,
	    err) < 0)
		goto out;

	for (;;) {
		size_t p = na + 1, j, worst = 0;
		double big = 0;
		struct woe_design wd;
		struct logit_rows src;
		int fitrc;

		if (na == 0) {
			const char *lead = drop_lead(dropped);

			/* A separating characteristic is the news, not the
			   empty model it leaves. */
			if (lead != NULL && strstr(lead, ": separates goods "
			    "from bads") != NULL && dropped->n == 1)
				rd_err_set(err, RD_ENUMERIC, "cannot fit a "
				    "scorecard: %s", lead);
			else if (lead != NULL && strstr(lead, ": separates "
			    "goods from bads") != NULL)
				rd_err_set(err, RD_ENUMERIC, "cannot fit a "
				    "scorecard: %s (%zu other characteristic%s "
				    "dropped, first %s)", lead, dropped->n - 1,
				    dropped->n - 1 == 1 ? "" : "s",
				    lead == dropped->v[0] ? dropped->v[1] :
				    dropped->v[0]);
			else
				rd_err_set(err, RD_EINPUT, "no characteristic "
				    "left to fit: all %zu dropped%s%s",
				    dropped->n, lead != NULL ? ", first " : "",
				    lead != NULL ? lead : "");
			goto out;
		}
		free(names);
		names = xmalloc(p * sizeof *names);
		names[0] = "(Intercept)";
		for (j = 0; j < na; j++)
			names[j + 1] = own[active[j]]->name;
		/* The design is read row by row from the bin indices: no
		   m x p array (logit_fit_rows). */
		woe_design_init(&wd, own, bs, active, na);
		memset(&src, 0, sizeof src);
		src.p = p;
		src.row = woe_design_row;
		src.rows = woe_design_rows;
		src.predict = woe_design_predict;
		src.vouch = woe_design_vouch;
		src.ctx = &wd;
		{
			/* A fit a wrong sign will drop ends once the sign
			   and the printed coefficient are sure; the
			   scorecard's own fit runs to the end (sign_decided
			   never decides a fit with no surely positive
			   coefficient). */
			struct logit_spec ls = spec->logit;
			struct sign_rule rule = { own, active, na, spec };

			if (ls.l2 == 0) {
				ls.decided = sign_decided;
				ls.decided_ctx = &rule;
			}
			ls.eta_room = m > 0 ? room : NULL;
			fitrc = logit_fit_rows(&src, y, NULL, m, names, &ls,
			    &res, err);
		}
		woe_design_done(&wd);
		if (fitrc < 0) {
			if (res.failure == LOGIT_FAIL_SEPARATION &&
			    res.fail_col >= 1) {
				char why[RD_ERR_MSG];
				size_t at = card_separation_why(own, active,
				    &res, m, spec, why, sizeof why);

				/* A characteristic the officer forced in is
				   refused; one the fit chose is left out with
				   its reason, as a wrong sign is. */
				if (is_forced(spec, own[at]->name)) {
					rd_err_set(err, RD_ENUMERIC, "separation "
					    "in the scorecard fit: "
					    "characteristic '%s' %s",
					    own[at]->name, why);
					goto out;
				}
				j = (size_t)res.fail_col - 1;
				drop_add(dropped, own[at]->name, why);
				memmove(active + j, active + j + 1,
				    (na - j - 1) * sizeof *active);
				na--;
				logit_result_done(&res);
				rd_err_clear(err);
				continue;
			}
			if (res.failure != LOGIT_FAIL_SINGULAR ||
			    res.fail_col < 1)
				goto out;
			j = (size_t)res.fail_col - 1;
			drop_add(dropped, own[active[j]]->name, "collinear "
			    "with other characteristics (singular "
			    "information matrix)");
			memmove(active + j, active + j + 1,
			    (na - j - 1) * sizeof *active);
			na--;
			rd_err_clear(err);
			continue;
		}
		for (j = 0; j < na; j++) {
			if (is_forced(spec, own[active[j]]->name))
				continue;
			if (res.beta[j + 1] > big) {
				big = res.beta[j + 1];
				worst = j;
			}
		}
		if (big > 0) {
			char why[64];

			snprintf(why, sizeof why, "wrong sign (coefficient "
			    "%+.4g)", big);
			drop_add(dropped, own[active[worst]]->name, why);
			memmove(active + worst, active + worst + 1,
			    (na - worst - 1) * sizeof *active);
			na--;
			logit_result_done(&res);
			continue;
		}
		break;
	}
	/* The outcomes as doubles and the predictors' room are the fit's
	   only: gone before the development statistics. */
	free(y);
	y = NULL;
	free(room);
	room = NULL;
	/* Correlations of the final WoE columns, read from the bins before
	   card_build takes the characteristics over. */
	corr = xmalloc((na > 0 ? na * na : 1) * sizeof *corr);
	{
		size_t *cc = xmalloc((na > 0 ? na : 1) * sizeof *cc), j;
		double *mean = xmalloc((na > 0 ? na : 1) * sizeof *mean);
		struct woe_design wd;
		struct logit_rows src;

		for (j = 0; j < na; j++)
			cc[j] = j + 1;
		woe_design_init(&wd, own, bs, active, na);
		memset(&src, 0, sizeof src);
		src.p = na + 1;
		src.row = woe_design_row;
		src.rows = woe_design_rows;
		src.ctx = &wd;
		woe_design_means(&wd, m, mean);
		select_corr_rows_mean(&src, m, cc, na, mean, corr);
		free(mean);
		woe_design_done(&wd);
		free(cc);
	}
	card = card_build(bs, name, own, active, na, &res, dropped, spec);
	{
		size_t j;

		/* VIF of the final WoE columns from their correlations. */
		card->corr = corr;
		corr = NULL;
		{
			double *vif = xmalloc((na > 0 ? na : 1) *
			    sizeof *vif);

			select_vif(card->corr, na, vif);
			for (j = 0; j < na; j++)
				card->chars[j].vif = vif[j];
			free(vif);
		}
		card->corr_max = spec->select.corr_max;
		card->vif_max = spec->select.vif_max;
		for (j = 0; j < na; j++) {
			card->chars[j].forced = is_forced(spec,
			    card->chars[j].ch->name);
			card->chars[j].wrong_sign = card->chars[j].coef > 0;
		}
		mark_forced_dropped(card, spec);
		if (sel.method != NULL) {
			card->select_method = sel.method;
			card->steps = sel.steps;
			card->nsteps = sel.nsteps;
			sel.method = NULL;
			sel.steps = NULL;
			sel.nsteps = 0;
		}
	}

out:
	free(sel.method);
	for (k = 0; k < sel.nsteps; k++)
		free(sel.steps[k].name);
	free(sel.steps);
	logit_result_done(&res);
	for (k = 0; k < nown; k++) {
		characteristic_free(own[k]);
		own[k] = NULL;
	}
	free(active);
	free(y);
	free(room);
	free(corr);
	free(names);
	drop_free(dropped);
	return card;
}

/*
 * The common end of card_fit and card_fit_chars: owns chars[k] and the
 * dropped list from the call on.  The characteristics with a status are
 * dropped, the others' bins of every row of ds put in a binned sample
 * (binned.h), and the fit goes on from it alone: take (ds itself, or
 * NULL) is freed as soon as the sample is made, also on failure.
 */
static struct scorecard *
fit_common(const struct dataset *ds, struct dataset *take, const char *name,
	struct characteristic **chars, size_t nchars, struct droplist *dropped,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	struct characteristic **own = xcalloc(nchars > 0 ? nchars : 1,
	    sizeof *own);
	int *cols = xcalloc(nchars > 0 ? nchars : 1, sizeof *cols);
	size_t nown = 0, k;
	struct binned_sample bs;
	struct scorecard *card = NULL;

	memset(&bs, 0, sizeof bs);
	for (k = 0; k < nchars; k++)
		own[k] = chars[k];
	if (need_target(ds, err) < 0 ||
	    card_scaling_check(&spec->scaling, err) < 0)
		goto fail;
	for (k = 0; k < nchars; k++) {
		const struct ds_column *col = char_column(ds, own[k], err);

		if (col == NULL)
			goto fail;
		if (own[k]->status != NULL) {
			drop_status(dropped, ds, col, own[k], spec);
			characteristic_free(own[k]);
			own[k] = NULL;
			continue;
		}
		cols[nown] = (int)(col - ds->cols);
		own[nown++] = own[k];
		if (nown - 1 != k)
			own[k] = NULL;
	}
	/* The bins of every row, per usable characteristic: found once,
	   for the design and for the development scores. */
	binned_init(&bs, ds->table, own, nown);
	binned_append(&bs, ds, own, cols);
	ds_free(take);
	take = NULL;
	card = fit_binned(&bs, name, own, nown, dropped, spec, err);
	binned_done(&bs);
	free(own);
	free(cols);
	return card;

fail:
	for (k = 0; k < nchars; k++)
		characteristic_free(own[k]);
	free(own);
	free(cols);
	drop_free(dropped);
	ds_free(take);
	return NULL;
}

struct scorecard *
card_fit_chars(const struct dataset *ds, const char *name,
	struct characteristic **chars, size_t nchars,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	struct droplist dropped = { NULL, 0 };

	return fit_common(ds, NULL, name, chars, nchars, &dropped, spec, err);
}

static int
name_listed(const char *const *list, size_t n, const char *name)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(list[k], name) == 0)
			return 1;
	return 0;
}

int
card_binned_append(struct binned_sample *bs, const struct dataset *ds,
	struct characteristic *const *chars, struct rd_err *err)
{
	int *cols = xmalloc((bs->k > 0 ? bs->k : 1) * sizeof *cols);
	size_t j;

	if (need_target(ds, err) < 0) {
		free(cols);
		return -1;
	}
	for (j = 0; j < bs->k; j++) {
		const struct ds_column *col = char_column(ds, chars[j], err);

		if (col == NULL) {
			free(cols);
			return -1;
		}
		cols[j] = (int)(col - ds->cols);
	}
	binned_append(bs, ds, chars, cols);
	free(cols);
	return 0;
}

struct scorecard *
card_fit_binned(struct binned_sample *bs, const char *name,
	struct characteristic **chars, size_t nchars,
	const char *const *dropped, size_t ndropped,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	struct droplist dl = { NULL, 0 };
	size_t k;

	for (k = 0; k < ndropped; k++) {
		dl.v = xreallocarray(dl.v, dl.n + 1, sizeof *dl.v);
		dl.v[dl.n++] = xstrdup(dropped[k]);
	}
	if (card_scaling_check(&spec->scaling, err) < 0) {
		for (k = 0; k < nchars; k++)
			characteristic_free(chars[k]);
		drop_free(&dl);
		return NULL;
	}
	return fit_binned(bs, name, chars, nchars, &dl, spec, err);
}

/* card_fit, and card_fit_take with take = ds (NULL: ds is the
   caller's). */
static struct scorecard *
fit_classed(const struct dataset *ds, struct dataset *take, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	struct droplist dropped = { NULL, 0 };
	struct characteristic **chars, **all;
	const struct ds_column **cols;
	char **ids;
	size_t j, k, n = 0, nc = 0;

	if (need_target(ds, err) < 0 ||
	    card_scaling_check(&spec->scaling, err) < 0) {
		ds_free(take);
		return NULL;
	}
	/* Columns left out of the load, then the excluded ones, are listed
	   whether ds holds them or not. */
	for (j = 0; j < spec->nleft_out; j++) {
		dropped.v = xreallocarray(dropped.v, dropped.n + 1,
		    sizeof *dropped.v);
		dropped.v[dropped.n++] = xstrdup(spec->left_out[j]);
	}
	for (j = 0; j < spec->nexclude; j++)
		if (!name_listed(spec->exclude, j, spec->exclude[j]))
			drop_add(&dropped, spec->exclude[j], "excluded");
	/* The columns to class: not the target, the excluded ones or the
	   identifiers (never binned, whatever their IV would say). */
	chars = xcalloc(ds->ncols > 0 ? ds->ncols : 1, sizeof *chars);
	all = xcalloc(ds->ncols > 0 ? ds->ncols : 1, sizeof *all);
	cols = xcalloc(ds->ncols > 0 ? ds->ncols : 1, sizeof *cols);
	ids = xcalloc(ds->ncols > 0 ? ds->ncols : 1, sizeof *ids);
	for (j = 0; j < ds->ncols; j++) {
		char why[RD_ERR_MSG];

		if ((int)j == ds->target || name_listed(spec->exclude,
		    spec->nexclude, ds->cols[j].name))
			continue;
		if (card_sample_date(&spec->sample, ds->cols[j].name))
			ids[j] = xstrdup(CARD_OOT_DATE_WHY);
		else if (bin_identifier(&ds->cols[j], ds->nrows, &spec->bins,
		    why, sizeof why))
			ids[j] = xstrdup(why);
		else
			cols[nc++] = &ds->cols[j];
	}
	/* The saved binning of each, else its optimal coarse classing
	   (bin.h, bin_characteristic), all at once. */
	if (bin_characteristics(ds, cols, nc, &spec->bins, all, err) < 0) {
		for (j = 0; j < ds->ncols; j++)
			free(ids[j]);
		free(ids);
		free(cols);
		free(all);
		free(chars);
		drop_free(&dropped);
		ds_free(take);
		return NULL;
	}
	/* What is left out, in column order. */
	for (j = 0, k = 0; j < ds->ncols; j++) {
		struct characteristic *ch;

		if (ids[j] != NULL) {
			drop_add(&dropped, ds->cols[j].name, ids[j]);
			free(ids[j]);
			continue;
		}
		if (k == nc || cols[k] != &ds->cols[j])
			continue;
		ch = all[k++];
		if (ch->status != NULL) {
			drop_status(&dropped, ds, &ds->cols[j], ch, spec);
			characteristic_free(ch);
		} else if (ch->iv < spec->min_iv &&
		    !is_forced(spec, ch->name)) {
			char why[64];

			snprintf(why, sizeof why, "IV %.4f below %.4g",
			    ch->iv, spec->min_iv);
			drop_add(&dropped, ch->name, why);
			characteristic_free(ch);
		} else {
			chars[n++] = ch;
		}
	}
	free(ids);
	free(cols);
	free(all);
	{
		struct scorecard *card = fit_common(ds, take, name, chars, n,
		    &dropped, spec, err);

		free(chars);
		return card;
	}
}

struct scorecard *
card_fit(const struct dataset *ds, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	return fit_classed(ds, NULL, name, spec, err);
}

struct scorecard *
card_fit_take(struct dataset *ds, const char *name,
	const struct card_fit_spec *spec, struct rd_err *err)
{
	return fit_classed(ds, ds, name, spec, err);
}

/* ------------------------------------------------------- serialising */

/* A number, or null for NaN and the infinities (JSON has neither). */
static json_t *
jreal(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static const char *
kind_name(enum bin_kind k)
{
	switch (k) {
	case BIN_RANGE:
		return "range";
	case BIN_LEVELS:
		return "levels";
	case BIN_MISSING:
		return "missing";
	case BIN_SPECIAL:
		return "special";
	}
	return "?";
}

static json_t *
char_json(const struct card_char *cc)
{
	const struct characteristic *ch = cc->ch;
	json_t *o = json_object(), *bins = json_array();
	size_t b, i;

	json_object_set_new(o, "name", json_string(ch->name));
	json_object_set_new(o, "numeric", json_boolean(ch->numeric));
	json_object_set_new(o, "coef", jreal(cc->coef));
	json_object_set_new(o, "se", jreal(cc->se));
	json_object_set_new(o, "pval", jreal(cc->pval));
	json_object_set_new(o, "iv", jreal(ch->iv));
	json_object_set_new(o, "goods", json_integer((json_int_t)ch->goods));
	json_object_set_new(o, "bads", json_integer((json_int_t)ch->bads));
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];
		json_t *jb = json_object();

		json_object_set_new(jb, "kind",
		    json_string(kind_name(x->kind)));
		if (x->kind == BIN_RANGE) {
			json_object_set_new(jb, "lower", jreal(x->lower));
			json_object_set_new(jb, "upper", jreal(x->upper));
		} else if (x->kind == BIN_LEVELS) {
			json_t *lv = json_array();

			for (i = 0; i < x->nlevels; i++)
				json_array_append_new(lv,
				    json_string(x->levels[i]));
			json_object_set_new(jb, "levels", lv);
			if (x->other)
				json_object_set_new(jb, "other",
				    json_true());
		} else if (x->kind == BIN_SPECIAL) {
			json_object_set_new(jb, "value", jreal(x->lower));
		}
		json_object_set_new(jb, "label", json_string(x->label));
		json_object_set_new(jb, "count",
		    json_integer((json_int_t)x->count));
		json_object_set_new(jb, "goods",
		    json_integer((json_int_t)x->goods));
		json_object_set_new(jb, "bads",
		    json_integer((json_int_t)x->bads));
		json_object_set_new(jb, "woe", jreal(x->woe));
		json_object_set_new(jb, "iv", jreal(x->iv));
		json_object_set_new(jb, "adjusted", json_boolean(x->adjusted));
		json_object_set_new(jb, "points", jreal(cc->points[b]));
		json_array_append_new(bins, jb);
	}
	json_object_set_new(o, "bins", bins);
	json_object_set_new(o, "vif", jreal(cc->vif));
	json_object_set_new(o, "forced", json_boolean(cc->forced));
	json_object_set_new(o, "wrong_sign", json_boolean(cc->wrong_sign));
	return o;
}

/* The fraud features f as a JSON object. */
static json_t *
features_json(const struct card_features *f)
{
	json_t *o = json_object(), *list = json_array(), *fo, *same;
	size_t k, j;

	json_object_set_new(o, "policy", json_string(f->policy));
	json_object_set_new(o, "time", json_string(f->time));
	json_object_set_new(o, "label", json_string(f->label));
	for (k = 0; k < f->n; k++) {
		const struct card_feature *ft = &f->v[k];

		fo = json_object();
		same = json_array();
		json_object_set_new(fo, "name", json_string(ft->name));
		json_object_set_new(fo, "agg",
		    json_string(card_feature_agg_names[ft->agg]));
		json_object_set_new(fo, "column", ft->column != NULL ?
		    json_string(ft->column) : json_null());
		for (j = 0; j < ft->nsame; j++)
			json_array_append_new(same, json_string(ft->same[j]));
		json_object_set_new(fo, "same", same);
		json_object_set_new(fo, "within", jreal(ft->within));
		json_array_append_new(list, fo);
	}
	json_object_set_new(o, "features", list);
	return o;
}

/* Whether s is text jansson takes (UTF-8 without NUL). */
static int
text_ok(const char *s)
{
	json_t *t;

	if (s == NULL)
		return 1;
	t = json_string(s);
	if (t == NULL)
		return 0;
	json_decref(t);
	return 1;
}

/* s for a message: printable ASCII as is, every other byte \xHH, at
   most some 60 bytes of it; into buf[len]. */
static const char *
text_shown(const char *s, char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, i;

	for (i = 0; u[i] != '\0' && n + 8 < len && i < 60; i++) {
		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '\\')
			buf[n++] = (char)u[i];
		else
			n += (size_t)snprintf(buf + n, len - n, "\\x%02X", u[i]);
	}
	if (u[i] != '\0' && n + 4 < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

int
card_check_text(const struct scorecard *card, struct rd_err *err)
{
	static const char fix[] = "a scorecard is kept as JSON, which holds "
	    "UTF-8 text only: correct the table's text (riskdesk import "
	    "--encoding converts a file as it imports it)";
	char shown[300];
	size_t k, b, l;

	if (!text_ok(card->name) || !text_ok(card->population))
		return rd_err_set(err, RD_EINPUT, "scorecard \"%s\" of table "
		    "\"%s\": the name is not UTF-8 text; %s",
		    text_shown(card->name, shown, sizeof shown),
		    card->population != NULL ? card->population : "", fix);
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;

		if (!text_ok(ch->name))
			return rd_err_set(err, RD_EINPUT, "characteristic "
			    "\"%s\": its name is not UTF-8 text; %s",
			    text_shown(ch->name, shown, sizeof shown), fix);
		for (b = 0; b < ch->nbins; b++) {
			const struct bin *x = &ch->bins[b];
			const char *bad = NULL;

			for (l = 0; l < x->nlevels && bad == NULL; l++)
				if (!text_ok(x->levels[l]))
					bad = x->levels[l];
			if (bad == NULL && !text_ok(x->label))
				bad = x->label;
			if (bad != NULL)
				return rd_err_set(err, RD_EINPUT,
				    "characteristic '%s' of table \"%s\" has "
				    "a level that is not UTF-8 text (\"%s\"); "
				    "%s", ch->name, card->population != NULL ?
				    card->population : "",
				    text_shown(bad, shown, sizeof shown), fix);
		}
	}
	for (k = 0; k < card->ndropped; k++)
		if (!text_ok(card->dropped[k]))
			return rd_err_set(err, RD_EINPUT, "a characteristic "
			    "left out (\"%s\") is named in text that is not "
			    "UTF-8; %s", text_shown(card->dropped[k], shown,
			    sizeof shown), fix);
	for (k = 0; k < card->nnotes; k++)
		if (!text_ok(card->notes[k]))
			return rd_err_set(err, RD_EINPUT, "a note of the "
			    "scorecard (\"%s\") holds text that is not "
			    "UTF-8; %s", text_shown(card->notes[k], shown,
			    sizeof shown), fix);
	return 0;
}

char *
card_serialize(const struct scorecard *card)
{
	json_t *root = json_object(), *sc = json_object(), *dev = json_object();
	json_t *chars = json_array(), *dropped = json_array();
	char *text, *copy;
	size_t k;

	json_object_set_new(root, "format", json_string("riskdesk scorecard"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "name", json_string(card->name));
	json_object_set_new(root, "population",
	    json_string(card->population));
	json_object_set_new(sc, "base_score", jreal(card->scaling.base_score));
	json_object_set_new(sc, "base_odds", jreal(card->scaling.base_odds));
	json_object_set_new(sc, "pdo", jreal(card->scaling.pdo));
	json_object_set_new(root, "scaling", sc);
	json_object_set_new(root, "factor", jreal(card->factor));
	json_object_set_new(root, "offset", jreal(card->offset));
	json_object_set_new(root, "intercept", jreal(card->intercept));
	json_object_set_new(root, "intercept_se", jreal(card->intercept_se));
	json_object_set_new(root, "intercept_pval",
	    jreal(card->intercept_pval));
	json_object_set_new(root, "base_points", jreal(card->base_points));
	for (k = 0; k < card->nchars; k++)
		json_array_append_new(chars, char_json(&card->chars[k]));
	json_object_set_new(root, "characteristics", chars);
	json_object_set_new(dev, "n", json_integer((json_int_t)card->n));
	json_object_set_new(dev, "n_bad",
	    json_integer((json_int_t)card->n_bad));
	if (card->n_indet != CARD_COUNT_UNKNOWN)
		json_object_set_new(dev, "n_indeterminate",
		    json_integer((json_int_t)card->n_indet));
	if (card->n_reject != CARD_COUNT_UNKNOWN)
		json_object_set_new(dev, "n_rejects",
		    json_integer((json_int_t)card->n_reject));
	json_object_set_new(dev, "auc", jreal(card->auc));
	json_object_set_new(dev, "gini", jreal(card->gini));
	json_object_set_new(dev, "ks", jreal(card->ks));
	json_object_set_new(dev, "ks_at", jreal(card->ks_at));
	json_object_set_new(dev, "loglik", jreal(card->loglik));
	json_object_set_new(dev, "aic", jreal(card->aic));
	json_object_set_new(dev, "iterations", json_integer(card->iterations));
	/* Only where there was one: the cards of smaller fits unchanged. */
	if (card->start_rows > 0)
		json_object_set_new(dev, "start_rows",
		    json_integer((json_int_t)card->start_rows));
	json_object_set_new(dev, "round_max_dev", jreal(card->round_max_dev));
	json_object_set_new(dev, "round_max", jreal(card->round_max));
	json_object_set_new(root, "development", dev);
	if (card->corr != NULL) {
		json_t *cm = json_array();

		for (k = 0; k < card->nchars * card->nchars; k++)
			json_array_append_new(cm, jreal(card->corr[k]));
		json_object_set_new(root, "correlation", cm);
		json_object_set_new(root, "corr_max", jreal(card->corr_max));
		json_object_set_new(root, "vif_max", jreal(card->vif_max));
	}
	if (card->select_method != NULL) {
		json_t *sel = json_object(), *steps = json_array();

		json_object_set_new(sel, "method",
		    json_string(card->select_method));
		for (k = 0; k < card->nsteps; k++) {
			json_t *st = json_object();

			json_object_set_new(st, "name",
			    json_string(card->steps[k].name));
			json_object_set_new(st, "entered",
			    json_boolean(card->steps[k].entered));
			json_object_set_new(st, "aic",
			    jreal(card->steps[k].aic));
			json_object_set_new(st, "pval",
			    jreal(card->steps[k].pval));
			json_array_append_new(steps, st);
		}
		json_object_set_new(sel, "steps", steps);
		json_object_set_new(root, "selection", sel);
	}
	{
		json_t *smp = json_object();

		json_object_set_new(smp, "kind", json_string(
		    card->sample.kind == CARD_SAMPLE_RANDOM ? "random" :
		    card->sample.kind == CARD_SAMPLE_OOT ? "oot" : "all"));
		if (card->sample.kind == CARD_SAMPLE_RANDOM) {
			json_object_set_new(smp, "holdout",
			    jreal(card->sample.holdout));
			json_object_set_new(smp, "seed", json_integer(
			    (json_int_t)card->sample.seed));
		} else if (card->sample.kind == CARD_SAMPLE_OOT) {
			json_object_set_new(smp, "date_column",
			    json_string(card->sample.date_column));
			json_object_set_new(smp, "after",
			    json_string(card->sample.after));
		}
		json_object_set_new(root, "sample", smp);
	}
	for (k = 0; k < card->ndropped; k++)
		json_array_append_new(dropped, json_string(card->dropped[k]));
	json_object_set_new(root, "dropped", dropped);
	if (card->features != NULL)
		json_object_set_new(root, "fraud_features",
		    features_json(card->features));
	if (card->nnotes > 0) {
		json_t *notes = json_array();

		for (k = 0; k < card->nnotes; k++)
			json_array_append_new(notes,
			    json_string(card->notes[k]));
		json_object_set_new(root, "notes", notes);
	}

	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));
	json_decref(root);
	if (text == NULL) {
		/* jansson only fails on allocation (or invalid UTF-8 text,
		   which the data layer never stores): out of memory. */
		fprintf(stderr, "riskdesk: out of memory\n");
		if (rd_fatal_hook != NULL)
			rd_fatal_hook();
		exit(4);
	}
	/* Hand back memory from xmalloc's allocator family. */
	copy = xstrdup(text);
	free(text);
	return copy;
}

/* --------------------------------------------------------- parsing */

/* Parsing context: the first error wins; path names the key. */
struct jp {
	struct rd_err *err;
	int bad;
};

static void
jp_fail(struct jp *jp, const char *path, const char *key, const char *what)
{
	if (jp->bad)
		return;
	jp->bad = 1;
	rd_err_set(jp->err, RD_EINPUT, "malformed scorecard: %s%s%s: expected "
	    "%s", path, *path && *key ? "." : "", key, what);
}

/* A number; null reads as nan_as (NaN, or an infinity for bounds). */
static double
jp_num(struct jp *jp, json_t *o, const char *path, const char *key,
	double nan_as)
{
	json_t *v = json_object_get(o, key);

	if (v != NULL && json_is_null(v))
		return nan_as;
	if (v == NULL || !json_is_number(v)) {
		jp_fail(jp, path, key, "a number");
		return NAN;
	}
	return json_number_value(v);
}

static size_t
jp_count(struct jp *jp, json_t *o, const char *path, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || !json_is_integer(v) || json_integer_value(v) < 0) {
		jp_fail(jp, path, key, "a whole number >= 0");
		return 0;
	}
	return (size_t)json_integer_value(v);
}

static char *
jp_str(struct jp *jp, json_t *o, const char *path, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || !json_is_string(v)) {
		jp_fail(jp, path, key, "a string");
		return xstrdup("");
	}
	return xstrdup(json_string_value(v));
}

static json_t *
jp_array(struct jp *jp, json_t *o, const char *path, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || !json_is_array(v)) {
		jp_fail(jp, path, key, "an array");
		return NULL;
	}
	return v;
}

static void
parse_bin(struct jp *jp, json_t *jb, const char *path, struct bin *x,
	double *points)
{
	json_t *kind = json_object_get(jb, "kind");
	const char *k = json_is_string(kind) ? json_string_value(kind) : "";

	if (!json_is_object(jb)) {
		jp_fail(jp, path, "", "an object");
		return;
	}
	if (strcmp(k, "range") == 0) {
		x->kind = BIN_RANGE;
		x->lower = jp_num(jp, jb, path, "lower", -INFINITY);
		x->upper = jp_num(jp, jb, path, "upper", INFINITY);
	} else if (strcmp(k, "levels") == 0) {
		json_t *lv = jp_array(jp, jb, path, "levels");
		size_t i, n = lv != NULL ? json_array_size(lv) : 0;

		x->kind = BIN_LEVELS;
		x->lower = x->upper = NAN;
		x->levels = xcalloc(n > 0 ? n : 1, sizeof *x->levels);
		for (i = 0; i < n; i++) {
			json_t *s = json_array_get(lv, i);

			if (!json_is_string(s)) {
				jp_fail(jp, path, "levels", "strings");
				break;
			}
			x->levels[x->nlevels++] = xstrdup(json_string_value(s));
		}
		if (n == 0)
			jp_fail(jp, path, "levels", "at least one level");
		x->other = json_is_true(json_object_get(jb, "other"));
	} else if (strcmp(k, "missing") == 0) {
		x->kind = BIN_MISSING;
		x->lower = x->upper = NAN;
	} else if (strcmp(k, "special") == 0) {
		x->kind = BIN_SPECIAL;
		x->lower = x->upper = jp_num(jp, jb, path, "value", NAN);
		if (!jp->bad && !isfinite(x->lower))
			jp_fail(jp, path, "value", "a finite number");
	} else {
		x->kind = BIN_MISSING;
		jp_fail(jp, path, "kind", "\"range\", \"levels\", "
		    "\"special\" or \"missing\"");
	}
	x->label = jp_str(jp, jb, path, "label");
	x->count = jp_count(jp, jb, path, "count");
	x->goods = jp_count(jp, jb, path, "goods");
	x->bads = jp_count(jp, jb, path, "bads");
	x->woe = jp_num(jp, jb, path, "woe", NAN);
	x->iv = jp_num(jp, jb, path, "iv", NAN);
	x->adjusted = json_is_true(json_object_get(jb, "adjusted"));
	*points = jp_num(jp, jb, path, "points", NAN);
	if (!jp->bad && !isfinite(*points))
		jp_fail(jp, path, "points", "a finite number");
}

/* The invariants card_score relies on (bin.h, struct characteristic). */
static void
check_bins(struct jp *jp, const struct characteristic *ch, const char *path)
{
	size_t b, nr = ch->nbins;

	if (jp->bad)
		return;
	if (ch->nbins == 0) {
		jp_fail(jp, path, "bins", "at least one bin");
		return;
	}
	if (ch->bins[nr - 1].kind == BIN_MISSING)
		nr--;
	/* Special values of a numeric characteristic come after the
	   ranges. */
	while (ch->numeric && nr > 0 && ch->bins[nr - 1].kind == BIN_SPECIAL)
		nr--;
	for (b = 0; b < nr; b++) {
		const struct bin *x = &ch->bins[b];

		if (x->kind != (ch->numeric ? BIN_RANGE : BIN_LEVELS)) {
			jp_fail(jp, path, "bins", ch->numeric ?
			    "ranges, then special values, then at most one "
			    "missing bin last" :
			    "level groups, then at most one missing bin last");
			return;
		}
		if (!ch->numeric)
			continue;
		if (!(x->lower < x->upper) ||
		    (b == 0 && x->lower != -INFINITY) ||
		    (b > 0 && x->lower != ch->bins[b - 1].upper) ||
		    (b == nr - 1 && x->upper != INFINITY)) {
			jp_fail(jp, path, "bins", "contiguous increasing "
			    "ranges from -inf (null) to inf (null)");
			return;
		}
	}
	if (ch->numeric && nr == 0)
		jp_fail(jp, path, "bins", "at least one range");
}

static void
parse_char(struct jp *jp, json_t *jc, const char *path, struct card_char *cc)
{
	struct characteristic *ch = xcalloc(1, sizeof *ch);
	json_t *bins, *num;
	size_t b, n;
	char sub[128];

	cc->ch = ch;
	if (!json_is_object(jc)) {
		ch->name = xstrdup("");
		jp_fail(jp, path, "", "an object");
		return;
	}
	ch->name = jp_str(jp, jc, path, "name");
	num = json_object_get(jc, "numeric");
	if (!json_is_boolean(num))
		jp_fail(jp, path, "numeric", "true or false");
	ch->numeric = json_is_true(num);
	cc->coef = jp_num(jp, jc, path, "coef", NAN);
	cc->se = jp_num(jp, jc, path, "se", NAN);
	cc->pval = jp_num(jp, jc, path, "pval", NAN);
	ch->iv = jp_num(jp, jc, path, "iv", NAN);
	ch->goods = jp_count(jp, jc, path, "goods");
	ch->bads = jp_count(jp, jc, path, "bads");
	/* Optional (absent from cards stored before they existed). */
	cc->vif = json_is_number(json_object_get(jc, "vif")) ?
	    json_number_value(json_object_get(jc, "vif")) : NAN;
	cc->forced = json_is_true(json_object_get(jc, "forced"));
	cc->wrong_sign = json_is_true(json_object_get(jc, "wrong_sign"));
	bins = jp_array(jp, jc, path, "bins");
	n = bins != NULL ? json_array_size(bins) : 0;
	ch->bins = xcalloc(n > 0 ? n : 1, sizeof *ch->bins);
	cc->points = xcalloc(n > 0 ? n : 1, sizeof *cc->points);
	for (b = 0; b < n && !jp->bad; b++) {
		snprintf(sub, sizeof sub, "%s.bins[%zu]", path, b);
		parse_bin(jp, json_array_get(bins, b), sub, &ch->bins[b],
		    &cc->points[b]);
		ch->nbins++;
	}
	check_bins(jp, ch, path);
	bin_shares(ch);
}

/* The optional parts: correlation, selection, sample. */
static void
parse_extras(struct jp *jp, json_t *root, struct scorecard *card)
{
	json_t *cm = json_object_get(root, "correlation");
	json_t *sel = json_object_get(root, "selection");
	json_t *smp = json_object_get(root, "sample");
	size_t k, n = card->nchars * card->nchars;
	struct select_spec dflt;

	select_spec_init(&dflt);
	card->corr_max = json_is_number(json_object_get(root, "corr_max")) ?
	    json_number_value(json_object_get(root, "corr_max")) :
	    dflt.corr_max;
	card->vif_max = json_is_number(json_object_get(root, "vif_max")) ?
	    json_number_value(json_object_get(root, "vif_max")) : dflt.vif_max;
	if (json_is_array(cm) && json_array_size(cm) == n && n > 0) {
		card->corr = xmalloc(n * sizeof *card->corr);
		for (k = 0; k < n; k++) {
			json_t *v = json_array_get(cm, k);

			card->corr[k] = json_is_number(v) ?
			    json_number_value(v) : NAN;
		}
	}
	if (json_is_object(sel)) {
		json_t *steps = jp_array(jp, sel, "selection", "steps");

		card->select_method = jp_str(jp, sel, "selection", "method");
		n = steps != NULL ? json_array_size(steps) : 0;
		card->steps = xcalloc(n > 0 ? n : 1, sizeof *card->steps);
		for (k = 0; k < n && !jp->bad; k++) {
			json_t *st = json_array_get(steps, k);
			struct card_step *cs = &card->steps[card->nsteps++];

			cs->name = jp_str(jp, st, "selection.steps", "name");
			cs->entered = json_is_true(json_object_get(st,
			    "entered"));
			cs->aic = jp_num(jp, st, "selection.steps", "aic", NAN);
			cs->pval = jp_num(jp, st, "selection.steps", "pval",
			    NAN);
		}
	}
	card->sample.kind = CARD_SAMPLE_ALL;
	if (json_is_object(smp)) {
		const char *kind = json_string_value(json_object_get(smp,
		    "kind"));

		if (kind != NULL && strcmp(kind, "random") == 0) {
			card->sample.kind = CARD_SAMPLE_RANDOM;
			card->sample.holdout = jp_num(jp, smp, "sample",
			    "holdout", NAN);
			card->sample.seed = (unsigned long)json_integer_value(
			    json_object_get(smp, "seed"));
			if (!jp->bad && !(card->sample.holdout > 0 &&
			    card->sample.holdout < 1))
				jp_fail(jp, "sample", "holdout", "a number "
				    "between 0 and 1");
		} else if (kind != NULL && strcmp(kind, "oot") == 0) {
			card->sample.kind = CARD_SAMPLE_OOT;
			card->sample.date_column = jp_str(jp, smp, "sample",
			    "date_column");
			card->sample.after = jp_str(jp, smp, "sample", "after");
		} else if (kind == NULL || strcmp(kind, "all") != 0) {
			jp_fail(jp, "sample", "kind", "\"all\", \"random\" "
			    "or \"oot\"");
		}
	}
}

/*
 * The optional "fraud_features" object of root into card->features
 * (left NULL when absent).  Every part is checked as the desk will use
 * it: names and columns non-empty strings, agg one of
 * card_feature_agg_names, a column for distinct and sum and none (null)
 * for count, at least one key column, a window > 0 and finite.
 */
static void
parse_features(struct jp *jp, json_t *root, struct scorecard *card)
{
	json_t *o = json_object_get(root, "fraud_features"), *list, *fo, *v;
	struct card_features *f;
	char path[64];
	size_t k, j, n;
	int a;

	if (o == NULL || jp->bad)
		return;
	if (!json_is_object(o)) {
		jp_fail(jp, "", "fraud_features", "an object");
		return;
	}
	f = card->features = xcalloc(1, sizeof *f);
	f->policy = jp_str(jp, o, "fraud_features", "policy");
	f->time = jp_str(jp, o, "fraud_features", "time");
	if (!jp->bad && *f->time == '\0')
		jp_fail(jp, "fraud_features", "time", "a column name");
	f->label = jp_str(jp, o, "fraud_features", "label");
	if (!jp->bad && *f->label == '\0')
		jp_fail(jp, "fraud_features", "label", "a column name");
	list = jp_array(jp, o, "fraud_features", "features");
	n = list != NULL ? json_array_size(list) : 0;
	f->v = xcalloc(n > 0 ? n : 1, sizeof *f->v);
	for (k = 0; k < n && !jp->bad; k++) {
		struct card_feature *ft = &f->v[f->n++];

		snprintf(path, sizeof path, "fraud_features.features[%zu]", k);
		fo = json_array_get(list, k);
		if (!json_is_object(fo)) {
			jp_fail(jp, path, "", "an object");
			break;
		}
		ft->name = jp_str(jp, fo, path, "name");
		if (!jp->bad && *ft->name == '\0')
			jp_fail(jp, path, "name", "a characteristic name");
		v = json_object_get(fo, "agg");
		for (a = 0; a < 3; a++)
			if (json_is_string(v) && strcmp(json_string_value(v),
			    card_feature_agg_names[a]) == 0)
				break;
		if (a == 3) {
			jp_fail(jp, path, "agg", "\"count\", \"distinct\" or "
			    "\"sum\"");
			break;
		}
		ft->agg = (enum card_feature_agg)a;
		v = json_object_get(fo, "column");
		if (ft->agg == CARD_FEATURE_COUNT) {
			if (v != NULL && !json_is_null(v))
				jp_fail(jp, path, "column", "null for count");
		} else {
			ft->column = jp_str(jp, fo, path, "column");
			if (!jp->bad && *ft->column == '\0')
				jp_fail(jp, path, "column", "a column name");
		}
		v = jp_array(jp, fo, path, "same");
		ft->nsame = 0;
		ft->same = xcalloc(v != NULL && json_array_size(v) > 0 ?
		    json_array_size(v) : 1, sizeof *ft->same);
		for (j = 0; v != NULL && j < json_array_size(v) && !jp->bad;
		    j++) {
			json_t *s = json_array_get(v, j);

			if (!json_is_string(s) || *json_string_value(s) ==
			    '\0') {
				jp_fail(jp, path, "same", "column names");
				break;
			}
			ft->same[ft->nsame++] = xstrdup(json_string_value(s));
		}
		if (!jp->bad && ft->nsame == 0)
			jp_fail(jp, path, "same", "at least one column");
		ft->within = jp_num(jp, fo, path, "within", NAN);
		if (!jp->bad && !(ft->within > 0 && isfinite(ft->within)))
			jp_fail(jp, path, "within", "a window in seconds > 0");
	}
}

/*
 * The list of strings at key of root into a heap array *v of *n (always
 * allocated); optional: a missing key is an empty list.
 */
static void
parse_strings(struct jp *jp, json_t *root, const char *key, int optional,
	char ***v, size_t *n)
{
	json_t *a = NULL;
	size_t k, m;

	*n = 0;
	if (!jp->bad)
		a = optional && json_object_get(root, key) == NULL ? NULL :
		    jp_array(jp, root, "", key);
	m = a != NULL ? json_array_size(a) : 0;
	*v = xcalloc(m > 0 ? m : 1, sizeof **v);
	for (k = 0; k < m && !jp->bad; k++) {
		json_t *s = json_array_get(a, k);

		if (!json_is_string(s)) {
			jp_fail(jp, "", key, "strings");
			break;
		}
		(*v)[(*n)++] = xstrdup(json_string_value(s));
	}
}

struct scorecard *
card_parse(const char *text, struct rd_err *err)
{
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr), *sc, *chars, *dev;
	json_t *fmt;
	struct scorecard *card;
	struct jp jp = { err, 0 };
	size_t k, n;
	char path[64];

	if (root == NULL) {
		rd_err_setloc(err, RD_EINPUT, NULL, jerr.line > 0 ? jerr.line :
		    0, jerr.column > 0 ? jerr.column : 0, "malformed "
		    "scorecard: %s", jerr.text);
		return NULL;
	}
	card = xcalloc(1, sizeof *card);
	if (!json_is_object(root)) {
		jp_fail(&jp, "", "top level", "an object");
		goto out;
	}
	fmt = json_object_get(root, "format");
	if (!json_is_string(fmt) ||
	    strcmp(json_string_value(fmt), "riskdesk scorecard") != 0) {
		jp_fail(&jp, "", "format", "\"riskdesk scorecard\"");
		goto out;
	}
	if (json_integer_value(json_object_get(root, "version")) != 1) {
		jp_fail(&jp, "", "version", "1 (the only version this "
		    "riskdesk reads)");
		goto out;
	}
	card->name = jp_str(&jp, root, "", "name");
	card->population = jp_str(&jp, root, "", "population");
	sc = json_object_get(root, "scaling");
	if (!json_is_object(sc)) {
		jp_fail(&jp, "", "scaling", "an object");
		goto out;
	}
	card->scaling.base_score = jp_num(&jp, sc, "scaling", "base_score",
	    NAN);
	card->scaling.base_odds = jp_num(&jp, sc, "scaling", "base_odds", NAN);
	card->scaling.pdo = jp_num(&jp, sc, "scaling", "pdo", NAN);
	card->factor = jp_num(&jp, root, "", "factor", NAN);
	card->offset = jp_num(&jp, root, "", "offset", NAN);
	card->intercept = jp_num(&jp, root, "", "intercept", NAN);
	card->intercept_se = jp_num(&jp, root, "", "intercept_se", NAN);
	card->intercept_pval = jp_num(&jp, root, "", "intercept_pval", NAN);
	card->base_points = jp_num(&jp, root, "", "base_points", NAN);
	if (!jp.bad && !(card->factor > 0 && isfinite(card->factor)))
		jp_fail(&jp, "", "factor", "a finite number > 0");
	if (!jp.bad && !isfinite(card->offset))
		jp_fail(&jp, "", "offset", "a finite number");
	if (!jp.bad && !isfinite(card->base_points))
		jp_fail(&jp, "", "base_points", "a finite number");
	chars = jp_array(&jp, root, "", "characteristics");
	n = chars != NULL ? json_array_size(chars) : 0;
	card->chars = xcalloc(n > 0 ? n : 1, sizeof *card->chars);
	for (k = 0; k < n && !jp.bad; k++) {
		snprintf(path, sizeof path, "characteristics[%zu]", k);
		parse_char(&jp, json_array_get(chars, k), path,
		    &card->chars[k]);
		card->nchars++;
	}
	dev = json_object_get(root, "development");
	if (!jp.bad && !json_is_object(dev)) {
		jp_fail(&jp, "", "development", "an object");
		goto out;
	}
	if (!jp.bad) {
		card->n = jp_count(&jp, dev, "development", "n");
		card->n_bad = jp_count(&jp, dev, "development", "n_bad");
		/* Optional: cards stored before they were kept lack them. */
		card->n_indet = json_object_get(dev, "n_indeterminate") ==
		    NULL ? CARD_COUNT_UNKNOWN : jp_count(&jp, dev,
		    "development", "n_indeterminate");
		card->n_reject = json_object_get(dev, "n_rejects") == NULL ?
		    CARD_COUNT_UNKNOWN : jp_count(&jp, dev, "development",
		    "n_rejects");
		card->auc = jp_num(&jp, dev, "development", "auc", NAN);
		card->gini = jp_num(&jp, dev, "development", "gini", NAN);
		card->ks = jp_num(&jp, dev, "development", "ks", NAN);
		card->ks_at = jp_num(&jp, dev, "development", "ks_at", NAN);
		card->loglik = jp_num(&jp, dev, "development", "loglik", NAN);
		card->aic = jp_num(&jp, dev, "development", "aic", NAN);
		{
			size_t it = jp_count(&jp, dev, "development",
			    "iterations");

			/* An int: a larger count would come back negative. */
			if (!jp.bad && it > INT_MAX)
				jp_fail(&jp, "development", "iterations",
				    "a whole number from 0 to 2147483647");
			card->iterations = (int)(it > INT_MAX ? 0 : it);
		}
		if (json_object_get(dev, "start_rows") != NULL)
			card->start_rows = jp_count(&jp, dev, "development",
			    "start_rows");
		card->round_max_dev = json_is_number(json_object_get(dev,
		    "round_max_dev")) ? json_number_value(json_object_get(dev,
		    "round_max_dev")) : NAN;
		card->round_max = json_is_number(json_object_get(dev,
		    "round_max")) ? json_number_value(json_object_get(dev,
		    "round_max")) : NAN;
	}
	if (!jp.bad)
		parse_extras(&jp, root, card);
	parse_features(&jp, root, card);
	parse_strings(&jp, root, "dropped", 0, &card->dropped,
	    &card->ndropped);
	/* "notes" is optional: cards stored before it have none. */
	parse_strings(&jp, root, "notes", 1, &card->notes, &card->nnotes);

out:
	json_decref(root);
	if (jp.bad) {
		card_free(card);
		return NULL;
	}
	return card;
}

/* -------------------------------------------- tables and reason codes */

double
card_unrounded_points(const struct scorecard *card, size_t k, size_t bin)
{
	const struct card_char *cc = &card->chars[k];

	return -card->factor * cc->coef * cc->ch->bins[bin].woe;
}

void
card_score_range(const struct scorecard *card, double *lo, double *hi)
{
	size_t k, b;

	*lo = *hi = card->base_points;
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		double mn = cc->points[0], mx = cc->points[0];

		for (b = 1; b < cc->ch->nbins; b++) {
			if (cc->points[b] < mn)
				mn = cc->points[b];
			if (cc->points[b] > mx)
				mx = cc->points[b];
		}
		/* A NULL with no missing bin scores 0. */
		if (cc->ch->bins[cc->ch->nbins - 1].kind != BIN_MISSING) {
			if (0 < mn)
				mn = 0;
			if (0 > mx)
				mx = 0;
		}
		*lo += mn;
		*hi += mx;
	}
}

struct card_pd_row *
card_pd_table(const struct scorecard *card, double from, double to,
	double step, size_t *n)
{
	size_t m = (size_t)floor((to - from) / step + 1e-9) + 1, i;
	struct card_pd_row *t = xmalloc(m * sizeof *t);

	for (i = 0; i < m; i++) {
		t[i].score = from + (double)i * step;
		t[i].odds = exp((t[i].score - card->offset) / card->factor);
		t[i].pd = card_pd(card, t[i].score);
	}
	*n = m;
	return t;
}

double
card_best_points(const struct card_char *cc)
{
	double best = -INFINITY;
	size_t b;

	for (b = 0; b < cc->ch->nbins; b++)
		if (cc->ch->bins[b].kind != BIN_MISSING &&
		    cc->ch->bins[b].kind != BIN_SPECIAL &&
		    cc->points[b] > best)
			best = cc->points[b];
	/* Only missing and special bins: the best of them. */
	for (b = 0; isinf(best) && b < cc->ch->nbins; b++)
		if (b == 0 || cc->points[b] > best)
			best = cc->points[b];
	return isinf(best) ? 0 : best;
}

/* Bin of one row's value of ch (col checked by the caller), or -1. */
static int
row_bin(const struct characteristic *ch, const struct ds_column *col,
	size_t row)
{
	if (ch->numeric)
		return bin_index_num(ch, col->num[row]);
	return bin_index_text(ch, col->code[row] < 0 ? NULL :
	    col->levels[col->code[row]]);
}

size_t
card_reasons(const struct scorecard *card, const struct dataset *ds,
	size_t row, size_t max, size_t *out, double *lost)
{
	double *loss;
	size_t *idx, k, nl = 0, i;
	struct rd_err err;

	if (row >= ds->nrows)
		return (size_t)-1;
	loss = xmalloc((card->nchars > 0 ? card->nchars : 1) * sizeof *loss);
	idx = xmalloc((card->nchars > 0 ? card->nchars : 1) * sizeof *idx);
	for (k = 0; k < card->nchars; k++) {
		const struct card_char *cc = &card->chars[k];
		const struct ds_column *col = char_column(ds, cc->ch, &err);
		double best = card_best_points(cc), got;
		int bin;

		if (col == NULL) {
			free(loss);
			free(idx);
			return (size_t)-1;
		}
		bin = row_bin(cc->ch, col, row);
		got = bin >= 0 ? cc->points[bin] : 0;
		if (best - got > 0) {
			/* Insertion by loss, stable for ties (card order). */
			for (i = nl; i > 0 && loss[i - 1] < best - got; i--) {
				loss[i] = loss[i - 1];
				idx[i] = idx[i - 1];
			}
			loss[i] = best - got;
			idx[i] = k;
			nl++;
		}
	}
	if (nl > max)
		nl = max;
	for (i = 0; i < nl; i++) {
		out[i] = idx[i];
		if (lost != NULL)
			lost[i] = loss[i];
	}
	free(loss);
	free(idx);
	return nl;
}

int
card_bins(const struct scorecard *card, const struct dataset *ds, int *bin,
	unsigned char *fallback, struct rd_err *err)
{
	size_t nr = ds->nrows, nc = card->nchars, i, k;
	int *tmp = xmalloc((nr > 0 ? nr : 1) * sizeof *tmp);
	unsigned char *listed = NULL;
	size_t nlisted = 0;

	for (k = 0; k < nc; k++) {
		const struct characteristic *ch = card->chars[k].ch;
		const struct ds_column *col = char_column(ds, ch, err);

		if (col == NULL) {
			free(tmp);
			free(listed);
			return -1;
		}
		char_bins(ch, col, nr, tmp);
		for (i = 0; i < nr; i++)
			bin[i * nc + k] = tmp[i];
		if (fallback == NULL)
			continue;
		if (ch->numeric) {
			/* A NULL without a missing bin scores 0 points. */
			for (i = 0; i < nr; i++)
				fallback[i * nc + k] = tmp[i] < 0;
			continue;
		}
		if (col->nlevels > nlisted) {
			free(listed);
			nlisted = col->nlevels;
			listed = xmalloc(nlisted);
		}
		if (col->nlevels > 0)
			bin_level_map(ch, col, tmp, listed);
		for (i = 0; i < nr; i++)
			fallback[i * nc + k] = col->code[i] < 0 ?
			    bin[i * nc + k] < 0 : !listed[col->code[i]];
	}
	free(tmp);
	free(listed);
	return 0;
}

int
card_bins16(const struct scorecard *card, const struct dataset *ds,
	uint16_t *bin, struct rd_err *err)
{
	size_t nr = ds->nrows, nc = card->nchars, i, k;
	int *tmp;

	for (k = 0; k < nc; k++)
		if (card->chars[k].ch->nbins > CARD_BINS16_MAX)
			return rd_err_set(err, RD_EINPUT, "characteristic '%s' "
			    "has %zu bins, more than %d", card->chars[k].ch->name,
			    card->chars[k].ch->nbins, CARD_BINS16_MAX);
	tmp = xmalloc((nr > 0 ? nr : 1) * sizeof *tmp);
	for (k = 0; k < nc; k++) {
		const struct characteristic *ch = card->chars[k].ch;
		const struct ds_column *col = char_column(ds, ch, err);

		if (col == NULL) {
			free(tmp);
			return -1;
		}
		char_bins(ch, col, nr, tmp);
		for (i = 0; i < nr; i++)
			bin[i * nc + k] = (uint16_t)(tmp[i] + 1);
	}
	free(tmp);
	return 0;
}

void
card_reasons_bins(const struct scorecard *card, const int *bin, size_t nrows,
	const unsigned char *need, size_t max, size_t *out, double *lost,
	size_t *n)
{
	size_t nc = card->nchars, i, k;
	double *best = xmalloc((nc > 0 ? nc : 1) * sizeof *best);
	double *ls = xmalloc((max > 0 ? max : 1) * sizeof *ls);

	for (k = 0; k < nc; k++) {
		const struct card_char *cc = &card->chars[k];

		best[k] = card_best_points(cc);
	}
	for (i = 0; i < nrows; i++) {
		size_t *o = out + i * max, m = 0, j;

		if (need != NULL && !need[i]) {
			n[i] = 0;
			continue;
		}
		/* Insertion by loss, ties in card order, kept to max: a
		   loss no larger than the last kept one is left out once
		   max are kept. */
		for (k = 0; k < nc && max > 0; k++) {
			int bn = bin[i * nc + k];
			double loss = best[k] - (bn >= 0 ?
			    card->chars[k].points[bn] : 0);

			if (!(loss > 0) || (m == max && !(loss > ls[m - 1])))
				continue;
			j = m < max ? m : max - 1;
			if (m < max)
				m++;
			for (; j > 0 && ls[j - 1] < loss; j--) {
				ls[j] = ls[j - 1];
				o[j] = o[j - 1];
			}
			ls[j] = loss;
			o[j] = k;
		}
		if (lost != NULL)
			for (j = 0; j < m; j++)
				lost[i * max + j] = ls[j];
		n[i] = m;
	}
	free(ls);
	free(best);
}

int
card_reasons_all(const struct scorecard *card, const struct dataset *ds,
	size_t max, size_t *out, double *lost, size_t *n, struct rd_err *err)
{
	size_t nr = ds->nrows, nc = card->nchars;
	int *bins = xmalloc((nr > 0 ? nr : 1) * (nc > 0 ? nc : 1) *
	    sizeof *bins);

	if (card_bins(card, ds, bins, NULL, err) < 0) {
		free(bins);
		return -1;
	}
	card_reasons_bins(card, bins, nr, NULL, max, out, lost, n);
	free(bins);
	return 0;
}

/* The coefficients and points of res in card (card_set_coefficients). */
static int
set_coefs(struct scorecard *card, const struct logit_result *res,
	struct rd_err *err)
{
	size_t k, b;

	if (res->p != card->nchars + 1)
		return rd_err_set(err, RD_EINPUT, "expected %zu coefficients "
		    "for scorecard \"%s\", found %zu", card->nchars + 1,
		    card->name, res->p);
	card->intercept = res->beta[0];
	card->intercept_se = res->se[0];
	card->intercept_pval = res->pval[0];
	card->base_points = round(card->offset - card->factor * res->beta[0]) +
	    0.0;
	for (k = 0; k < card->nchars; k++) {
		struct card_char *cc = &card->chars[k];

		cc->coef = res->beta[k + 1];
		cc->se = res->se[k + 1];
		cc->pval = res->pval[k + 1];
		cc->wrong_sign = cc->coef > 0;
		for (b = 0; b < cc->ch->nbins; b++)
			cc->points[b] = round(-card->factor * cc->coef *
			    cc->ch->bins[b].woe) + 0.0;
	}
	card->loglik = res->loglik;
	card->aic = res->aic;
	card->iterations = res->iterations;
	card->start_rows = res->start_rows;
	return 0;
}

int
card_set_coefficients(struct scorecard *card, const struct logit_result *res,
	const struct dataset *ds, struct rd_err *err)
{
	size_t k;
	int rc = 0;

	if (set_coefs(card, res, err) != 0)
		return -1;
	card->n = ds->nbad + ds->ngood;
	card->n_bad = ds->nbad;
	card->n_indet = ds->nindet;
	card->n_reject = ds->nreject;
	for (k = 0; k < card->nchars && rc == 0; k++)
		if (char_column(ds, card->chars[k].ch, err) == NULL)
			rc = -1;
	/* The bins of one characteristic at a time: no array of every
	   row's bins for every characteristic. */
	if (rc == 0)
		dev_stats(card, ds);
	return rc;
}

int
card_set_coefficients_binned(struct scorecard *card,
	const struct logit_result *res, const struct binned_sample *bs,
	struct rd_err *err)
{
	size_t *col, k;

	if (bs->k != card->nchars)
		return rd_err_set(err, RD_EINPUT, "expected the bins of %zu "
		    "characteristics for scorecard \"%s\", found %zu",
		    card->nchars, card->name, bs->k);
	if (set_coefs(card, res, err) != 0)
		return -1;
	card->n = bs->n;
	card->n_bad = bs->nbad;
	card->n_indet = bs->nindet;
	card->n_reject = bs->nreject;
	col = xmalloc((bs->k > 0 ? bs->k : 1) * sizeof *col);
	for (k = 0; k < bs->k; k++)
		col[k] = k;
	dev_stats_binned(card, bs, col);
	free(col);
	return 0;
}
