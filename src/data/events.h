/*
 * events.h - a table read as a stream of events for the fraud layer: the
 * columns that point-in-time characteristics need, each in the form its
 * computation wants, in one pass over the table in rowid order.
 *
 * Key and distinct columns become small integer codes (equal text, equal
 * code), so that the fraud layer compares and counts without strings;
 * the strings themselves live only during the read, interned in one arena
 * per column (no allocation per value), and are dropped at its end.
 * Times become seconds; amounts and labels numbers.
 */
#ifndef RD_DATA_EVENTS_H
#define RD_DATA_EVENTS_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct rd_err;

enum events_kind {
	EVENTS_CODE,	/* text (or a number's text) as a code */
	EVENTS_NUM,	/* a number; NaN for NULL or text not a number */
	EVENTS_TIME	/* an ISO 8601 date or date-time as seconds */
};

/*
 * One column to read.  The caller fills name and kind; events_load fills
 * the rest (release with events_col_done).
 *   EVENTS_CODE: code[n], 0 .. ncodes - 1 in order of first appearance,
 *     equal for equal text; -1 for NULL, for empty text and for
 *     text of only white space (spaces, tabs, line ends).  A number is
 *     coded by the text SQLite gives it (an INTEGER column's 7 is "7").
 *   EVENTS_NUM: num[n].
 *   EVENTS_TIME: num[n], seconds since 1970-01-01 00:00:00 of the time
 *     as written (no time zone is applied; a date alone is its midnight);
 *     any ISO layout datefmt_parse_iso reads.  A NULL, or a value that
 *     is not such a date, is an error.
 */
struct events_col {
	const char *name;	/* borrowed */
	enum events_kind kind;
	int32_t *code;		/* owned, EVENTS_CODE */
	size_t ncodes;
	double *num;		/* owned, EVENTS_NUM and EVENTS_TIME */
};

/*
 * Read cols[ncols] of every row of tables[ntables], one table after the
 * other, each in rowid order (a window set with db_window_set is
 * honoured), as one stream: codes are shared, so equal text in two tables
 * gets one code.  *rowid receives a heap array of the *n rowids (caller
 * frees); ends[t] (ntables of them) the row where table t's rows end.  Memory: the arrays of the result, and during
 * the read one interned copy of each distinct text of the code columns.
 * Returns 0, or -1 with err: RD_EINPUT for an unknown table or column
 * and for a time that is not a date ("row 12 of table \"apps\", column
 * \"applied_at\": expected an ISO 8601 date or date-time, found
 * \"12/01/2024\""), RD_EDB.
 */
int events_load(struct db *db, const char *const *tables, size_t ntables,
	struct events_col *cols, size_t ncols, int64_t **rowid, size_t *n,
	size_t *ends, struct rd_err *err);

/* Free what c owns (name excepted) and zero its results. */
void events_col_done(struct events_col *c);

/*
 * Values of a linkage key column that are one value written several
 * ways: equal once blanks, case and the punctuation of phone numbers and
 * addresses (space - . , ( ) + / _ #) are taken out ("+44 7999000111",
 * "+447999000111", " +44 7999000111 ").  Keys match as exact text, so
 * such values are different keys.
 */
struct events_variants {
	size_t groups;		/* values so equal, groups of 2 or more */
	size_t values;		/* distinct spellings in those groups */
	char eg1[64], eg2[64];	/* two spellings of the first group (by
				   its first spelling), cut to 63 bytes */
};

/*
 * Fill *out for column col of table (one GROUP BY pass in SQLite over
 * the non-empty text of col; memory the distinct values SQLite groups).
 * Returns 0 (out->groups 0: none), or -1 with err RD_EDB.
 */
int events_key_variants(struct db *db, const char *table, const char *col,
	struct events_variants *out, struct rd_err *err);

/*
 * Seconds since 1970-01-01 00:00:00 of the proleptic Gregorian date y-m-d
 * H:M:S, no time zone (Howard Hinnant's days_from_civil).
 */
double events_seconds(int y, int m, int d, int H, int M, int S);

#endif
