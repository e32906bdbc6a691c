/*
 * colagg.h - the distinct values of some columns of an imported table,
 * each with its rows per outcome, read in one pass over the table and
 * never held row by row: what binning needs of a column (the order
 * statistics, the colscan tails, the rows per fine bin, per level and
 * per outcome) is a function of this table, so it is computed exactly
 * from it (desk_bins_open_agg), in memory O(sum of distinct values)
 * instead of O(rows x columns).
 *
 * The table is read by one SELECT in rowid order, handed over in chunks
 * of COLAGG_CHUNK rows (db_dataset_scan_columns): the column typing, the
 * NULL / NaN / text handling, the outcome of a row (target rule, reject
 * rule) and the recorded roles are the loader's (ds.h, db.h), so a
 * column's distinct values and counts are those of the dataset
 * db_dataset_load_columns gives on the whole table.
 *
 * Outcomes: COLAGG_GOOD, COLAGG_BAD, COLAGG_INDET (ds.h DS_INDET, not a
 * reject) and COLAGG_REJECT (the reject rule marked the row: its y is
 * DS_INDET whatever its target held).  Without a target every row is
 * COLAGG_INDET (or COLAGG_REJECT).
 *
 * Codes.  A value's code is its index in the column's dictionary (num[]
 * or text[]), in the order values were first met (rowid order), stable
 * once given -- but for a numeric column of very many distinct values
 * (more than half the rows of a full first chunk distinct: an amount, a
 * balance), which is not hashed: its cells are kept and each chunk's
 * sorted (util/rsort.h), and the sorted runs merged at the end of the
 * pass give its dictionary, in value order, and its codes.  So the
 * lookups of a dictionary of millions of values, one cache miss each,
 * give way to sequential passes, and the hash's memory to 16 bytes a
 * cell.  With keep_codes, the pass also stores each row's code per
 * column (rowid order): one byte (code8) while the column has at most
 * 255 distinct values (codes 0 .. 254), widened to uint16 (code16) at
 * the 256th and to uint32 (code32) at the 65,536th; a NULL is
 * COLAGG_NULL8 / COLAGG_NULL16 / COLAGG_NULL32.  So once bins are known,
 * a code -> bin map (ndistinct entries, and one for NULL) gives every
 * row's bin without reading the table again (1, 2 or 4 bytes per row and
 * column kept).
 */
#ifndef RD_DATA_COLAGG_H
#define RD_DATA_COLAGG_H

#include <stddef.h>
#include <stdint.h>

#include "data/ds.h"

struct db;
struct rd_err;

#define COLAGG_CHUNK 65536	/* rows per chunk read */

enum colagg_outcome {
	COLAGG_GOOD,
	COLAGG_BAD,
	COLAGG_INDET,
	COLAGG_REJECT,
	COLAGG_NOUT
};

#define COLAGG_MAX_ROWS UINT32_MAX	/* rows a table may have */
#define COLAGG_NULL8 UINT8_MAX		/* the code of NULL, a byte */
#define COLAGG_NULL16 UINT16_MAX	/* the code of NULL, narrow */
#define COLAGG_NULL32 UINT32_MAX	/* the code of NULL, wide */

/* A slot of a numeric column's hash: the value, its code and the rows
   per outcome met in the pass, in one 32-byte slot (two to a cache line:
   the lookup and the count touch one line); the counts go to the code's
   n at the pass's end. */
struct colagg_slot {
	double v;
	uint32_t k1;		/* code + 1, 0 for an empty slot */
	uint32_t n[COLAGG_NOUT];
};

/* A cell of a column of many distinct values, kept for the sort. */
struct colagg_cell {
	double v;		/* never NaN; -0 as 0 */
	uint32_t row;		/* its row (rowid order) */
	uint32_t out;		/* enum colagg_outcome */
};

struct colagg_col {
	char *name;		/* owned */
	enum ds_type type;	/* the loader's (decl_type) */
	char *role, *role_note;	/* owned: the recorded role, NULL when
				   none (ds.h) */
	int date;		/* imported as a date (ds.h) */
	size_t ndistinct;	/* distinct non-NULL values */
	double *num;		/* [ndistinct] numeric: the values, code
				   order (never NaN; -0 is kept as 0) */
	char **text;		/* [ndistinct] text: the levels, code order,
				   owned */
	uint32_t (*n)[COLAGG_NOUT];	/* [ndistinct] rows per outcome */
	size_t miss[COLAGG_NOUT];	/* NULL rows per outcome */
	size_t nmissing;	/* NULL rows, any outcome */
	/* Integer cells past 2^53 that no double holds exactly, and the
	   least (ds.h ninexact). */
	size_t ninexact;
	long long inexact_eg;
	/* Numeric: 1 when num[] is in value order already (a column of
	   many distinct values, whose dictionary the merge makes in
	   order): colagg_sorted has nothing to sort. */
	int sorted;
	/* Numeric: 1 when no row is NULL and the values run 0, 1, 2, ...
	   or 1, 2, 3, ... in rowid order (bin_identifier's row number). */
	int row_number;
	/* keep_codes: the rows' codes, [nrows] owned, in one of the three
	   (the others NULL): code8, then code16, then code32 as the
	   column's distinct values grow. */
	uint8_t *code8;
	uint16_t *code16;
	uint32_t *code32;
	/* private, during the pass: the hash of the dictionary (numeric:
	   the values in vslot beside their code + 1 and their counts so
	   far, one cache line a lookup; text: the code + 1 in slot), at
	   most 3/4 full */
	struct colagg_slot *vslot;
	uint32_t *slot;
	size_t nslot, cap;
	double rn_first;
	/* private, during the pass, a column of many distinct values:
	   its cells, in runs (one a chunk) each sorted by value; run r is
	   cells[run[r] .. run[r + 1]) */
	int many;
	struct colagg_cell *cells;
	size_t ncells, ncellcap;
	size_t *run;
	size_t nrun;
};

struct colagg {
	char *table;		/* owned */
	size_t nrows;
	struct colagg_col *cols;	/* [ncols] owned, table column order */
	size_t ncols;
	int target;		/* index into cols of the target, -1 none */
	int has_reject;		/* the table has a reject rule */
	/* As struct dataset's: nindet leaves the rejects out. */
	size_t ngood, nbad, nindet, nreject, nreject_known;
	int keep_codes;
	/* keep_codes: each row's enum colagg_outcome, [nrows] owned (rowid
	   order), so that the codes' bins can be put beside it. */
	unsigned char *outcome;
	/* private, during the pass: the table's rows when it began, the
	   room a column of many values reserves for its cells at once
	   (reserved is not touched: memory is what the cells fill). */
	size_t hint;
};

/*
 * Read the columns names[nnames] of table (and its target, always; NULL
 * names: every column) in one pass.  keep_codes 1 stores each
 * row's code (above).  Errors are db_dataset_load_columns's (RD_EINPUT
 * no such table or column, RD_EDB), and RD_EINPUT for a table of more
 * than COLAGG_MAX_ROWS rows (the counts are 32 bits).  Returns the aggregate (colagg_free)
 * or NULL with err.  Memory: O(sum of distinct values) plus, with
 * keep_codes, 2 or 4 bytes per row and column (4 for a column of many
 * distinct values), and 16 bytes a cell of such a column during the
 * pass; time: one read of the rows and one hash lookup per cell (a
 * column of many distinct values: a sort of each chunk and a merge).  A window of db (db_window_set)
 * restricts the rows read, as it does a load; the read reports to the
 * default progress hook as a load does (db_progress_default).
 */
struct colagg *colagg_read(struct db *db, const char *table,
	const char *const *names, size_t nnames, int keep_codes,
	struct rd_err *err);

/* Index of the column called name in a, or -1. */
int colagg_index(const struct colagg *a, const char *name);

/*
 * The codes of c in value order: order[c->ndistinct] (caller's array)
 * receives the codes sorted by number ascending, or by strcmp for text.
 * O(d log d).
 */
void colagg_sorted(const struct colagg_col *c, size_t *order);

/* The code of row i of c (keep_codes only): 0 .. ndistinct - 1, or
   SIZE_MAX for NULL. */
size_t colagg_code(const struct colagg *a, const struct colagg_col *c,
	size_t i);

/*
 * Each row's bin from its code (keep_codes only): out[a->nrows]
 * receives map[code] for a row of that code and map[c->ndistinct] for a
 * NULL, map[c->ndistinct + 1] being the caller's code -> bin map (a bin
 * index, or -1 for none).  Once the bins of a column are known, this
 * gives every row's bin without reading the table again.  O(rows).
 */
void colagg_map_codes(const struct colagg *a, const struct colagg_col *c,
	const int *map, int *out);

/* colagg_map_codes for rows first .. first + n - 1 (within a->nrows):
   out[n]. */
void colagg_map_codes_part(const struct colagg *a, const struct colagg_col *c,
	const int *map, size_t first, size_t n, int *out);

/* Rows of the value of code k of c, any outcome. */
size_t colagg_rows(const struct colagg_col *c, size_t k);

/* Free a and all it owns.  NULL is a no-op. */
void colagg_free(struct colagg *a);

#endif
