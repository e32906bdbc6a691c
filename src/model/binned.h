/*
 * binned.h - a binned sample: what a scorecard fit needs of its rows once
 * the characteristics are classed, and nothing more.
 *
 * Per characteristic, the bin of each row as one byte (two when the
 * characteristic has more than BINNED_NARROW_MAX bins), stored as bin + 1
 * so that 0 is "no bin" (a NULL without a missing bin: WoE 0, 0 points);
 * the outcome of each row as a byte.  The rows with a known outcome (good
 * or bad) come first, in the order they were appended, and are the ones
 * fitted; the others (indeterminate, rejects) are kept apart, bins only,
 * for the rounding error over every development row.  A sample of n rows
 * and k characteristics holds about (k + 1) n bytes, against the 8 bytes
 * per row and column of a dataset (data/ds.h) and 4 per row and
 * characteristic of an int bin index, so a fit can let its dataset go
 * before the iterations (card.h card_fit_take), and a sample can be built
 * from a table read in slices (append one slice's dataset at a time).
 */
#ifndef RD_MODEL_BINNED_H
#define RD_MODEL_BINNED_H

#include <stddef.h>
#include <stdint.h>

#include "data/ds.h"
#include "model/bin.h"

struct rd_err;

/* Bins a one-byte index holds (bin + 1 <= 255). */
#define BINNED_NARROW_MAX 254

struct binned_col {
	size_t nbins;		/* the characteristic's bins */
	int wide;		/* 1: uint16_t indices, 0: uint8_t */
	void *known;		/* [n] bin + 1 of each known-outcome row, owned */
	void *other;		/* [nother] bin + 1 of each other row, owned */
};

struct binned_sample {
	char *table;		/* owned: the development table's name ("" if
				   none) */
	size_t k;		/* characteristics */
	struct binned_col *col;	/* [k] owned */
	signed char *y;		/* [n] DS_GOOD / DS_BAD of the known rows,
				   owned */
	size_t n, nbad;		/* known-outcome rows, of them bad */
	size_t nother;		/* rows without a known outcome */
	size_t nindet, nreject;	/* the dataset's counts (ds.h), summed over
				   the datasets appended */
	size_t cap, capo;	/* allocated rows of known / other */
	size_t filled_n, filled_o;	/* where binned_append_outcomes's
					   rows start in each part */
	/* Set keep_reject (after binned_init, before any append) to keep,
	   for each other row, whether it is a reject (1) or an
	   indeterminate one (0): oreject[nother], owned, filled by
	   binned_append from ds->reject (reject inference needs them
	   apart; binned_append_rows and binned_append_outcomes mark
	   none); NULL otherwise. */
	int keep_reject;
	unsigned char *oreject;
};

/*
 * Start an empty sample for chars[k] (borrowed for the call: only their
 * bin counts are read) of table (copied; NULL for "").  Release with
 * binned_done.
 */
void binned_init(struct binned_sample *bs, const char *table,
	struct characteristic *const *chars, size_t k);

/*
 * Make room for n more known rows and nother more other rows (an
 * optional hint before appending; appending grows the arrays anyway).
 */
void binned_reserve(struct binned_sample *bs, size_t n, size_t nother);

/*
 * Give back the room the arrays were grown by beyond the rows appended
 * (slice by slice they grow by doubling): once every row is in.
 */
void binned_trim(struct binned_sample *bs);

/*
 * Append every row of ds (which must have a target): for chars[j] the bin
 * of its value in column cols[j] of ds (bin_index_num_all for a numeric
 * characteristic, bin_level_map for a text one: as card_score finds it),
 * the known-outcome rows to the known part in ds order, the others to the
 * other part; ds's nindet and nreject are added to the sample's.  chars
 * and cols are [bs->k], borrowed; each column must be of its
 * characteristic's type (card.c checks).  Cannot fail.
 */
void binned_append(struct binned_sample *bs, const struct dataset *ds,
	struct characteristic *const *chars, const int *cols);

/*
 * Append count rows that share the bins bin[bs->k] (bin[j] the index of
 * a bin of characteristic j, -1 for none) and the outcome y (DS_GOOD or
 * DS_BAD: known rows; anything else: other rows): the rows of one cell
 * of bins and outcome counted where they live (export/sql.h
 * export_sql_bin_cells).  The sample grows by doubling.  Every bin must
 * be below its characteristic's nbins.  Cannot fail.
 */
void binned_append_rows(struct binned_sample *bs, const int *bin,
	signed char y, size_t count);

/*
 * Append the n rows of a table column by column, for a sample made from
 * each row's code in its column's dictionary (data/colagg.h) rather than
 * from a dataset: binned_append_outcomes first, with y[n] each row's
 * outcome in table order (DS_GOOD, DS_BAD: a known row, in the known
 * part in that order; anything else: the other part), then
 * binned_fill_col for each characteristic j with bin[n] each row's bin
 * (-1 for none) and the same y.  Until every column is filled the rows'
 * bins are undefined.  Neither can fail.
 */
void binned_append_outcomes(struct binned_sample *bs, const signed char *y,
	size_t n);
void binned_fill_col(struct binned_sample *bs, size_t j, const int *bin,
	const signed char *y, size_t n);

/*
 * binned_fill_col a part at a time, so that the caller's bin[] need hold
 * one part, not every row: binned_fill_begin, then binned_fill_part for
 * the parts in table order, bin[n] and y[n] the part's (y from where the
 * part starts in binned_append_outcomes's y).  f is the position in the
 * known and the other rows, the caller's.  Cannot fail.
 */
struct binned_fill {
	size_t ik, io;
};
void binned_fill_begin(const struct binned_sample *bs, struct binned_fill *f);
void binned_fill_part(struct binned_sample *bs, size_t j, const int *bin,
	const signed char *y, size_t n, struct binned_fill *f);

/*
 * Characteristic j's bins were renumbered (merged ranges): map[old + 1]
 * gives new + 1 for each old bin (map[0] = 0, no bin stays none); nbins
 * is the new number of bins (never more than before).
 */
void binned_remap(struct binned_sample *bs, size_t j, const unsigned *map,
	size_t nbins);

/* Whether other row i is a reject (keep_reject set), else 0. */
static inline int
binned_other_reject(const struct binned_sample *bs, size_t i)
{
	return bs->oreject != NULL && bs->oreject[i];
}

/* The bin + 1 of known row i (other row i) under characteristic j. */
static inline unsigned
binned_known(const struct binned_sample *bs, size_t j, size_t i)
{
	const struct binned_col *c = &bs->col[j];

	return c->wide ? ((const uint16_t *)c->known)[i] :
	    ((const uint8_t *)c->known)[i];
}

static inline unsigned
binned_other(const struct binned_sample *bs, size_t j, size_t i)
{
	const struct binned_col *c = &bs->col[j];

	return c->wide ? ((const uint16_t *)c->other)[i] :
	    ((const uint8_t *)c->other)[i];
}

/* Free what bs owns and zero it.  Safe on a zeroed sample. */
void binned_done(struct binned_sample *bs);

#endif
