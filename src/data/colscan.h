/*
 * colscan.h - what one pass over a column's values says about it, for
 * the warnings and suggestions of import, profile and bin:
 *   - values that stand for something else (sentinels: -999, 9999, 96/98
 *     codes) at either end of a numeric column;
 *   - columns of codes (a few distinct integers, e.g. SEX 1/2), which are
 *     better classed as categories than as ranges;
 *   - identifiers (an application id, a row number, a timestamp), which
 *     are never binned, ranked or fitted.
 *
 * A struct colscan is a fixed-size summary filled value by value
 * (colscan_add), so a streaming import and an in-memory column give the
 * same answer: colscan_add_array over a column's values is exactly the
 * import's summary of the same values.  The decisions read only the
 * summary, with every threshold a field of struct colscan_spec
 * (colscan_default holds the documented defaults).  Pure functions; no
 * I/O, no SQL.
 *
 * Call sequence: colscan_init, colscan_add for each value (or
 * colscan_add_array), then colscan_sentinels and colscan_codes.
 */
#ifndef RD_DATA_COLSCAN_H
#define RD_DATA_COLSCAN_H

#include <stddef.h>

#define COLSCAN_TAIL 8		/* distinct values kept at each end */
#define COLSCAN_FEW 16		/* distinct values counted while no more */
#define COLSCAN_GROUP_MAX 4	/* values of one sentinel group, at most */

/* One distinct value and the number of times it was added. */
struct colscan_value {
	double v;
	size_t count;
};

/*
 * The summary.  Invariants: while many is 0, few[0..nfew) holds every
 * distinct value with its count (unordered), so nfew is the exact number
 * of distinct values, and the tails are empty; many becomes 1 at the
 * (COLSCAN_FEW + 1)th distinct value.  From then on lo[0..nlo) holds the
 * nlo smallest distinct values added, ascending, and hi[0..nhi) the
 * largest, descending, each with its exact count (nlo, nhi <=
 * COLSCAN_TAIL).  The functions below read both forms; read the extremes
 * through colscan_min and colscan_max.
 */
struct colscan {
	size_t n;		/* values added (NaN is not added) */
	int all_int;		/* every value added is a whole number */
	double lo_cut, hi_cut;	/* once both tails are full (and many):
				 * lo[COLSCAN_TAIL - 1].v and
				 * hi[COLSCAN_TAIL - 1].v, a value strictly
				 * between them only counts; until then
				 * +inf and -inf, between which nothing is */
	struct colscan_value lo[COLSCAN_TAIL], hi[COLSCAN_TAIL];
	size_t nlo, nhi;
	struct colscan_value few[COLSCAN_FEW];
	size_t nfew;
	int many;
};

/*
 * Thresholds of the decisions, with their defaults (colscan_default).
 *
 * Sentinels.  A group is the 1 to sentinel_max_values most extreme
 * distinct values at one end of a column; the other values are "the
 * rest", with range [rest_lo, rest_hi].  A group is reported when it holds
 * at least sentinel_min_count values and sentinel_min_share of them, the
 * rest has at least sentinel_min_rest distinct values, and one of:
 *   far    the gap between the group and the rest is at least
 *          sentinel_far times the rest's range (and the rest has at
 *          least sentinel_far_rest distinct values, so that a short code
 *          list such as 0-3 is not read as a spread);
 *   nines  every value of the group is written with nines (99, 999,
 *          -9999) or nines ending in 6 to 8 (96, 98, 9998), at least
 *          two digits, and the gap is at least sentinel_nines_far times
 *          the rest's range;
 *   sign   (lower end) every value of the group is negative and the
 *          rest is not (-1, -999 under amounts and counts).
 * The smallest group that qualifies is taken, at each end.  Defaults:
 * 3 values, 5 rows, 1 %, rest of 3 distinct values; far 0.5 with 10
 * distinct values in the rest; nines 0.1.
 *
 * Codes.  A column of whole numbers with 2 to codes_max_levels distinct
 * values (default 10) over at least codes_min_values values (default 20:
 * in a handful of rows every column has few values).
 *
 * Identifiers (colscan_identifier).  Text, and date-times, with distinct
 * values at least id_unique_share of the non-missing ones (default
 * 0.95) over at least id_min_rows of them (default 20); never text most
 * of whose values are numbers (numeric_text: a column of numbers made
 * text by a few cells, which is a characteristic).  Whole numbers that
 * run start, start + 1, ... in file order with none missing: from 0 or 1
 * a row number, over id_min_rows rows or whatever their number in a
 * column named like an id or not named at all (R's write.csv row
 * names); from elsewhere in a column named like an id or not named, or
 * over id_dense_rows rows (default 100).  Other whole numbers when
 * nearly unique as text is and none negative, in a column named like an
 * id or not named (R's row names of a reordered table), or dense (max -
 * min + 1 <= id_dense x distinct, default 1.5: numbers handed out in
 * order) over id_dense_rows rows or more.  A small file may well hold a
 * real characteristic as unique dense whole numbers (40 applicants of 40
 * different ages); from id_dense_rows rows on that is next to impossible
 * (two of 100 draws among 150 values coincide with probability
 * 1 - 3e-15), and ages, which span fewer than 100 values, cannot be.
 * Never a real number or a date without time: an amount or an income may
 * well be unique in a small file.  The import
 * samples each column's values in the first id_prefix rows (default
 * 4096) and counts a column's distinct values exactly only when at least
 * id_prefix_share of that sample (default 0.9) is distinct.
 */
struct colscan_spec {
	double sentinel_min_share;
	size_t sentinel_min_count;
	size_t sentinel_max_values;	/* <= COLSCAN_GROUP_MAX */
	size_t sentinel_min_rest;
	double sentinel_far;
	size_t sentinel_far_rest;
	double sentinel_nines_far;
	size_t codes_max_levels;	/* <= COLSCAN_FEW */
	size_t codes_min_values;
	double id_unique_share;
	size_t id_min_rows;
	double id_dense;
	size_t id_dense_rows;
	size_t id_prefix;
	double id_prefix_share;
};

extern const struct colscan_spec colscan_default;

void colscan_init(struct colscan *s);

/* Add one value; NaN (a missing value) is ignored.  O(1). */
void colscan_add(struct colscan *s, double x);

/*
 * Add the value x count times: the very summary that count calls of
 * colscan_add(s, x) leave, so a summary can be built from (value,
 * count) pairs, as a GROUP BY in a database engine gives them.  O(1).
 */
void colscan_add_count(struct colscan *s, double x, size_t count);

/*
 * The same, with the common case inline: a whole number (for a column
 * of them) between the full tails of a column with many values only
 * counts.  For loops over every cell, such as an import's.
 */
static inline void
colscan_add_inline(struct colscan *s, double x)
{
	/* Within +-2^52 the cast to long long is exact for whole numbers
	   (beyond it colscan_add decides). */
	if (x > s->lo_cut && x < s->hi_cut && (!s->all_int ||
	    (x > -4503599627370496.0 && x < 4503599627370496.0 &&
	    (double)(long long)x == x))) {
		s->n++;
		return;
	}
	colscan_add(s, x);
}

/*
 * The summary of n values known only by their tails, as an engine's
 * GROUP BY gives them: lo[nlo] the smallest distinct values with their
 * counts and hi[nhi] the largest (any order: sorted here), all_int
 * whether every value is whole.  few: lo holds every distinct value (at
 * most COLSCAN_FEW), and they are added as they are; else the
 * COLSCAN_TAIL smallest and largest are added with their counts, then
 * the next smallest value (lo[COLSCAN_TAIL], when there is one) stands
 * for the n values left between them, which only count there, as they
 * do when added one by one.  The same summary as colscan_add over the
 * values themselves.
 */
void colscan_from_tails(struct colscan *s, size_t n, int few, int all_int,
	struct colscan_value *lo, size_t nlo, struct colscan_value *hi,
	size_t nhi);

/* Add x[0..n) in order (NaN ignored).  O(n). */
void colscan_add_array(struct colscan *s, const double *x, size_t n);

/* The smallest and the largest value added; NaN when none. */
double colscan_min(const struct colscan *s);
double colscan_max(const struct colscan *s);

/* Why a sentinel group stands apart (see struct colscan_spec). */
enum colscan_why {
	COLSCAN_FAR,
	COLSCAN_NINES,
	COLSCAN_SIGN
};

/* A group of values at one end of a column that stand for something. */
struct colscan_sentinel {
	int high;		/* 1: above the rest; 0: below it */
	double v[COLSCAN_GROUP_MAX];	/* the values, ascending */
	size_t nv;
	size_t count;		/* values added equal to one of them */
	double share;		/* count / n */
	double rest_lo, rest_hi;	/* range of the other values */
	enum colscan_why why;
};

/*
 * The sentinel groups of s under spec: fills out[0..return), at most one
 * group below the rest and one above, in that order.  Each end is judged
 * against the rest without the other end's group.
 */
size_t colscan_sentinels(const struct colscan *s,
	const struct colscan_spec *spec, struct colscan_sentinel out[2]);

/*
 * The same over the values x[0..n) (NaN ignored, any order): a column
 * held in memory, as binning has it.
 */
size_t colscan_sentinels_array(const double *x, size_t n,
	const struct colscan_spec *spec, struct colscan_sentinel out[2]);

/*
 * 1 when s is a column of codes under spec (see struct colscan_spec),
 * with its distinct values ascending in v[0..*nv) (v holds COLSCAN_FEW);
 * 0 otherwise.
 */
int colscan_codes(const struct colscan *s, const struct colscan_spec *spec,
	double *v, size_t *nv);

/* The kinds of column the identifier rule tells apart. */
enum colscan_kind {
	COLSCAN_TEXT,
	COLSCAN_INTEGER,
	COLSCAN_REAL,
	COLSCAN_DATE,
	COLSCAN_DATETIME
};

/* What the identifier rule looks at. */
struct colscan_idfacts {
	enum colscan_kind kind;
	const char *name;	/* borrowed: the column name */
	size_t rows;		/* rows of the table */
	size_t present;		/* non-missing values */
	size_t distinct;	/* distinct non-missing values (exact) */
	int consecutive;	/* integers: start, start + 1, ... in file
				 * order, none missing */
	double min, max;	/* integers: smallest and largest */
	int unnamed;		/* the file gave the column no name (an
				 * empty header cell, or no header) */
	int empty_name;		/* an empty cell in a header the file has
				 * (R's and pandas' row names) */
	int numeric_text;	/* text, though most of its values are
				 * numbers (a column of numbers that a few
				 * other cells, "NaN", "1,5", made text),
				 * or dates written one way ("2023-02-30"
				 * among ISO dates) */
};

/*
 * 1 when a column with facts f is an identifier under spec, with the
 * reason in note[len] ("identifier: row number 1..30,000", "identifier:
 * 1,000,000 distinct values in 1,000,000 rows"); 0 otherwise (note
 * untouched).
 */
int colscan_identifier(const struct colscan_idfacts *f,
	const struct colscan_spec *spec, char *note, size_t len);

/*
 * Write into buf[len] the command-line option opt for column col with
 * value v ("--special income=-999"), the column=value part in single
 * quotes when it holds a character a POSIX shell would read
 * ("--type 'marital status=text'").  With col NULL, the option of the
 * value alone ("--na NaN", "--na 'n a'").  Returns buf.
 */
char *colscan_option(char *buf, size_t len, const char *opt,
	const char *col, const char *v);

/*
 * The warning for sentinel group g of column col (its values as they
 * are shown, e.g. "-999"), as import, profile and bin print it: what
 * stands apart, its share, the rest's range, and the --special that
 * declares it.  Written into buf[len]; returns buf.
 */
char *colscan_sentinel_text(char *buf, size_t len, const char *col,
	const struct colscan_sentinel *g);

/*
 * The --special value list of g ("-2,-1") into buf[len]; returns buf.
 */
char *colscan_sentinel_values(char *buf, size_t len,
	const struct colscan_sentinel *g);

/*
 * The suggestion for a column of codes col with values v[nv] (from
 * colscan_codes) into buf[len]: its values and the --type that classes
 * them as categories; again says "re-import" for a table already in.
 * Returns buf.
 */
char *colscan_codes_text(char *buf, size_t len, const char *col,
	const double *v, size_t nv, int again);

/*
 * 1 when a column name reads as an id: one of its words (split at
 * non-letters and at a lower-to-upper case change) is "id", "key",
 * "uuid" or "guid" in any case ("ID", "app_id", "CustomerID"), or its
 * last word is "no", "nr" or "number" ("cust_no", "AccountNr", "loan
 * number"; not "number_of_loans").
 */
int colscan_name_is_id(const char *name);

#endif
