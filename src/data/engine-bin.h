/*
 * engine-bin.h - the aggregates that fine classing (model/bin.h) needs
 * of the columns of a PostgreSQL table, computed where the rows live
 * (data/engine.h): the server runs four queries and riskdesk reads only
 * their rows, so no applicant row leaves it.  Data layer: the SQL is
 * written here; the cut points are chosen by the model from what the
 * first queries return, which is why the work is split into steps.
 *
 * Call sequence (desk_bins_open_engine):
 *   engine_bin_open       connect, read the columns, pick the
 *                         characteristics (every column but the target,
 *                         or those named);
 *   set each numeric column's specials (owned by the column);
 *   engine_bin_summarise  query 1, one scan per 140 columns (a
 *                         query gives at most 1,664 results): rows,
 *                         goods, bads; per
 *                         column the non-NULL rows, and over the m
 *                         values that go to ranges (not NULL, not
 *                         special) their number, least and greatest and
 *                         whether all are whole; per outcome the least
 *                         and greatest value (bin_splits_num);
 *                         query 2: the COLSCAN_FEW + 1 smallest and
 *                         COLSCAN_TAIL largest distinct values with
 *                         their counts (the colscan of the m values);
 *   set each numeric column's pos[npos] (bin_fine_positions);
 *   engine_bin_order_stats query 3: the values at those 0-based
 *                         positions of the sorted m values, by
 *                         row_number() over the sorted values (exact);
 *   set each numeric column's cuts (the fine ranges' lower ends);
 *   engine_bin_count      query 4, one scan of up to 600 columns at
 *                         once (GROUP BY GROUPING SETS): rows per
 *                         outcome and
 *                         fine bin (a CASE over the cuts, special values
 *                         first, NULL to the missing slot), and per
 *                         outcome and level (text);
 *   engine_bin_free.
 * A float8 NaN is a missing value, as NULL is (a riskdesk dataset holds
 * NULL as NaN), never a number.
 * Outcome of a row: bad when the target holds one of the bad values,
 * good when it holds another value (one of the good values when any are
 * given), none when NULL (profile_engine's rule) or when the reject
 * rule marks it.
 */
#ifndef RD_DATA_ENGINE_BIN_H
#define RD_DATA_ENGINE_BIN_H

#include <stddef.h>

#include "data/colscan.h"

struct engine;
struct rd_err;

struct engine_bin_col {
	char *name;		/* owned */
	int numeric;
	int integer;		/* an integer column (every value whole) */
	int float4;		/* a real (4-byte float) column */
	char *q;		/* owned: the quoted name; of a numeric
				   column, its float8 value with NaN made
				   NULL (riskdesk's missing value); of a
				   float4 column, the float8 of its text:
				   the shortest decimal that gives the
				   float4 back (sqltext.h float4) */
	double *specials;	/* [nspecials] owned: set by the caller */
	size_t nspecials;
	/* engine_bin_summarise */
	size_t present;		/* rows not NULL */
	size_t m;		/* numeric: values to ranges */
	double vmin, vmax;	/* their least and greatest, NaN when none */
	size_t ng, nb;		/* known-outcome non-NULL rows (specials
				   included), goods and bads */
	double gmin, gmax, bmin, bmax;
	struct colscan cs;	/* of the m values */
	/* integer: cells past 2^53 that no double holds exactly, counted
	   in the engine (ENGINE_INEXACT_SQL), and the least of them */
	size_t ninexact;
	long long inexact_eg;
	/* engine_bin_order_stats: pos[npos] set by the caller (owned,
	   increasing); at[npos] receives the values (owned). */
	size_t *pos, npos;
	double *at;
	/* engine_bin_count, numeric: cut[ncut] set by the caller (owned):
	   bin 0 below cut[0], bin k from cut[k - 1], then a bin per
	   special value, then the NULLs: goods[] and bads[] receive the
	   rows per bin, [ncut + nspecials + 2] (owned). */
	double *cut;
	size_t ncut;
	size_t *goods, *bads;
	/* engine_bin_count, text: levels[nlevels] sorted by strcmp (owned)
	   and their rows (all: any outcome), goods and bads; the NULLs'
	   goods and bads. */
	char **levels;
	size_t nlevels;
	size_t *lall, *lgoods, *lbads;
	size_t mgoods, mbads;
};

struct engine_bin {
	struct engine *e;	/* owned */
	char *source;		/* owned: as given */
	char *src;		/* owned: quoted */
	char *y;		/* owned: the outcome expression (1, 0, -1) */
	size_t rows, goods, bads;
	size_t rejects;		/* rows the reject rule marks (no outcome,
				   whatever the target holds) */
	struct engine_bin_col *cols;	/* [ncols] owned, table order */
	size_t ncols;
	/* The date, timestamp and timestamptz columns among those asked
	   for (engine_columns_dates: ENGINE_DATE, ENGINE_DATE_TZ), not
	   classed: a date is not a characteristic as it stands.  [ndates]
	   owned names, table order. */
	char **dates;
	size_t ndates;
	size_t sent_rows;	/* rows the engine sent, all queries */
	struct rd_err *err;	/* borrowed during a call */
};

/*
 * Connect to conninfo (engine_connect) and read source's columns:
 * target must be one (RD_EINPUT 'table "<source>" has no target column
 * "<target>"'); the characteristics are names[nnames] in table order
 * when nnames > 0 (RD_EINPUT 'table "<source>" has no characteristic
 * "<name>"' for one that is not a column or is the target), else every
 * column but the target.  bad[nbad] and good[ngood] the outcome values.
 * reject_col (NULL: none) with reject_value is the reject rule of import
 * --reject-when: a row whose reject_col holds reject_value (compared as
 * a bad value is) has no outcome, and reject_col is no characteristic
 * (named, it is not an error here: it is just not classed; RD_EINPUT
 * 'table "<source>" has no column "<col>" for the reject rule').
 * Returns the handle (engine_bin_free) or NULL with err (engine.h's).
 */
struct engine_bin *engine_bin_open(const char *conninfo, const char *source,
	const char *target, const char *const *bad, size_t nbad,
	const char *const *good, size_t ngood, const char *reject_col,
	const char *reject_value, const char *const *names, size_t nnames,
	struct rd_err *err);

/* The steps above; each returns 0 or -1 with err RD_EDB. */
int engine_bin_summarise(struct engine_bin *b, struct rd_err *err);
int engine_bin_order_stats(struct engine_bin *b, struct rd_err *err);
int engine_bin_count(struct engine_bin *b, struct rd_err *err);

/* "postgresql": the engine's name, for reports (static text). */
const char *engine_bin_name(const struct engine_bin *b);

/* Free b and close its connection.  NULL is a no-op. */
void engine_bin_free(struct engine_bin *b);

#endif
