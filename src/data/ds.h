/*
 * ds.h - a dataset: one SQLite table held column-wise in memory for the
 * numerical layers.
 *
 * The model and the simulation never see SQL; they see struct dataset.  A
 * numeric column (INTEGER or REAL affinity) is an array of doubles with NaN
 * for SQL NULL; a text column is an array of level codes into a sorted
 * level list (byte order, strcmp), -1 for NULL.  Row i of every array is
 * the same applicant; rows are in rowid order.
 *
 * Invariants: for a numeric column num != NULL and code == NULL, levels ==
 * NULL; for a text column the reverse.  levels are distinct and sorted by
 * strcmp.  nmissing counts the NaN / -1 entries.
 */
#ifndef RD_DATA_DS_H
#define RD_DATA_DS_H

#include <stddef.h>
#include <stdint.h>

enum ds_type {
	DS_INTEGER,	/* whole numbers, stored as doubles in num */
	DS_REAL,	/* real numbers, in num */
	DS_TEXT		/* categories, as codes into levels */
};

struct ds_column {
	char *name;		/* owned */
	enum ds_type type;
	double *num;		/* [nrows] for DS_INTEGER / DS_REAL, NaN = NULL */
	int *code;		/* [nrows] for DS_TEXT, -1 = NULL */
	char **levels;		/* [nlevels] owned, sorted by strcmp */
	size_t nlevels;
	size_t nmissing;
	/* The column's recorded role (rd_column, db.h), owned, NULL for an
	   ordinary column: DS_ROLE_IDENTIFIER marks an application id, a row
	   number or a timestamp, left out of binning, ranking and fitting;
	   role_note says why, e.g. "identifier: 1,000,000 distinct values". */
	char *role;
	char *role_note;
	/* 1 when the column was imported as a date (declared DATE: ISO
	   text, db.h): as text it is hundreds of levels, never a
	   characteristic as it stands (bin_identifier leaves it out);
	   kept by a subset of the rows. */
	int date;
	/* Numeric: the integer cells past 2^53 that no double holds
	   exactly (num[] has the double nearest: db_int_inexact), counted
	   by the reader, and the least of them; a fact of the column as
	   read, kept by a subset of its rows. */
	size_t ninexact;
	long long inexact_eg;
	/* Numeric, when ninexact > 0 at the read (NULL otherwise): [nrows]
	   the 64-bit integer of each row, as SQLite holds it, where num[]
	   has only its double nearest; read it with ds_cell_int64.  A row
	   whose (double)exact[i] != num[i] (a fraction, NULL, a real past
	   64 bits) has no integer here.  Owned; kept beside num by every
	   subset of the rows. */
	int64_t *exact;
	/* The cells as SQLite held them, for evaluating SQL over the
	   column's values (sim/coleval.h).  cells_known is 1 when the
	   reader of a table set the fields below for exactly the rows held
	   (0 in every other dataset: a subset, the engine's aggregates).
	   Then, of a numeric column, ncell_int cells were of SQLite's
	   storage class INTEGER, ncell_real REAL and ncell_odd TEXT or BLOB
	   (num[] has what db_column_num made of them); of a text column,
	   ncell_odd cells were not TEXT (a number or a blob, levels hold
	   its text) or held a NUL byte (levels hold the text before it).  affinity is the column's declared affinity
	   (sqlite.org/datatype3.html 3.1): 'T' TEXT, 'N' INTEGER, REAL or
	   NUMERIC, 'B' BLOB or none; binary is 1 when the column compares
	   text with the BINARY collation in a UTF-8 database, byte by byte
	   as strcmp (0 another collation, a UTF-16 database, unknown). */
	unsigned char cells_known, binary;
	char affinity;
	size_t ncell_int, ncell_real, ncell_odd;
};

#define DS_ROLE_IDENTIFIER "identifier"
/* An ordinary column, so judged at import (by the rule or by the officer's
   --role): binning applies no identifier rule of its own to it. */
#define DS_ROLE_ORDINARY "ordinary"

/*
 * Row i of numeric column col as a 64-bit integer: 1 with *v when the
 * cell is a whole number from -2^63 to 2^63-1 (an INTEGER past 2^53
 * exactly as SQLite holds it, from col->exact, not the double nearest;
 * a whole REAL its value), 0 when it is none (NULL, a fraction, a real
 * past 64 bits; *v untouched).  col must not be DS_TEXT.
 */
int ds_cell_int64(const struct ds_column *col, size_t i, int64_t *v);

/* 1 when col was recorded as an identifier (role DS_ROLE_IDENTIFIER). */
int ds_column_is_identifier(const struct ds_column *col);

/* Target coding of one row. */
#define DS_GOOD 0
#define DS_BAD 1
#define DS_INDET (-1)	/* indeterminate: neither bad nor good, or NULL */

struct dataset {
	char *table;		/* owned: the SQLite table name */
	size_t nrows;
	size_t ncols;
	struct ds_column *cols;	/* [ncols], in table column order */
	int target;		/* index into cols of the target, -1 if none */
	signed char *y;		/* [nrows] DS_GOOD / DS_BAD / DS_INDET; NULL
				   when the table has no target */
	int64_t *rowid;		/* [nrows] SQLite rowids, ascending */
	size_t nbad, ngood, nindet;	/* nindet: rejects not counted */
	/* Rejects (declined applicants, no outcome), when the table has a
	   reject rule (db.h rd_reject_rule): reject[i] 1 for a reject, 0
	   otherwise; NULL when the table has none.  A reject's y is
	   DS_INDET whatever its target cell holds, so every pass that
	   compares goods with bads leaves it out; nreject counts them,
	   apart from the indeterminate ones, and nreject_known those whose
	   target cell held an outcome (hidden from modelling). */
	unsigned char *reject;
	size_t nreject, nreject_known;
};

/* Index of the column called name, or -1. */
int ds_column_index(const struct dataset *ds, const char *name);

/* Level code of text in a text column, or -1 when it is not a level. */
int ds_level_code(const struct ds_column *col, const char *text);

/*
 * Bad rate of the rows with a known outcome: nbad / (nbad + ngood), NaN
 * when there are none.
 */
double ds_bad_rate(const struct dataset *ds);

/*
 * Add every value of ds to h, row by row (rows in order, columns in table
 * order), in a canonical encoding independent of the machine: a NULL as
 * the byte 'N'; a number as 'D' and its IEEE 754 bits, 8 bytes little
 * endian; an integer past 2^53 that its double does not hold (exact[])
 * as 'I' and its 64 bits, little endian, so that ids differing by 1
 * hash apart; a text as 'T', its length (4 bytes little endian) and its
 * bytes.  Two datasets of the same values hash alike whatever their level
 * codes.
 */
struct rd_sha256;
void ds_hash_rows(const struct dataset *ds, struct rd_sha256 *h);

/*
 * A column read as the other kind, for classing a characteristic as
 * categories or as numbers (the table keeps its type).  *out receives a
 * new column of col's name (role not copied; free with ds_column_done).
 * ds_column_as_text: each distinct number of numeric col becomes a level
 * written as the shortest text that reads back as the number (plain
 * decimals, "10", "0.1", "2.5", between 1e-4 and 1e15; %g, "1e-07",
 * beyond), levels sorted by strcmp as ds.h requires; NaN stays
 * NULL.  ds_column_as_number: each level of text col that reads whole as
 * a finite number (strtod, surrounding blanks allowed) becomes that
 * number; any other level becomes NULL (NaN), and *nnot (may be NULL)
 * receives how many levels did, *rows_not (may be NULL) their rows, so
 * the caller can say so.  Both O(n log n) over nrows rows.
 */
void ds_column_as_text(const struct ds_column *col, size_t nrows,
	struct ds_column *out);
void ds_column_as_number(const struct ds_column *col, size_t nrows,
	struct ds_column *out, size_t *nnot, size_t *rows_not);

/*
 * Append a numeric (DS_REAL) column to ds: name copied, num[ds->nrows]
 * taken over (NaN for NULL; freed with the dataset).  A column computed
 * outside the table, e.g. a fraud feature; the caller has checked that
 * ds has no column of that name.
 */
void ds_column_add_num(struct dataset *ds, const char *name, double *num);

/*
 * Remove column j of ds (freed; the later columns move down one, and
 * ds->target with them).  j must not be the target.
 */
void ds_column_remove(struct dataset *ds, size_t j);

/* Free what column c owns and zero it.  NULL is a no-op. */
void ds_column_done(struct ds_column *c);

/* Free a dataset and everything it owns.  NULL is a no-op. */
void ds_free(struct dataset *ds);

#endif
