/*
 * csv-import.h - CSV files into typed SQLite tables.
 *
 * Source.  The file must be a regular file (it is read twice): a pipe,
 * device or directory is refused (RD_EIO) before it is opened, since
 * opening a FIFO waits for a writer.
 *
 * Dialect.  The file is tokenised by libcsv (RFC 4180: quoted fields,
 * doubled quotes, newlines inside quotes, CR LF or LF, a last line without
 * a newline).  The delimiter is given or sniffed among ',' ';' TAB '|'
 * (see sniff.h).  The text must be UTF-8 (a byte order mark is skipped);
 * invalid UTF-8 is an error naming the line and byte column of the first
 * invalid byte (the lead byte of a broken sequence), what it is in latin1
 * and cp1252 and the --encoding to give (util/enc.h); but when the file
 * holds at least as many valid UTF-8 characters beyond ASCII as invalid
 * sequences, the error says the file is
 * UTF-8 except so many bytes, placing the first (sniff.h
 * utf8_survey), and asks to fix them, since an --encoding would misread
 * the UTF-8.  A file that starts as UTF-16 (sniff_utf16) fails naming
 * --encoding UTF-16 (UTF-16LE, UTF-16BE without a mark); a NUL byte
 * fails at its place.  With an encoding given, the file is converted to
 * UTF-8 with iconv(3) while it is read; a UTF-8 byte order mark before
 * an encoding other than UTF-8 is skipped, with a warning.
 *
 * Header.  The first record is the header, unless spec.no_header: then
 * it is data, and the columns are named by spec.names (as many as the
 * first record has fields) or "column_1", "column_2", ...  An empty (or
 * blank) header cell is named "column_<k>" after its position k; a name
 * the header repeats (SQLite compares names without ASCII case) gets R's
 * suffix, ".1" for its second use, ".2" for its third ("age", "age.1").
 * Each such name is stated in the summary (import_column.name_from and
 * header, and a warning).  A header whose every field is a number, or
 * that repeats a name, gets a warning naming --no-header, since its first
 * line may be data.  Names may hold any character but NUL.
 *
 * Types.  Column types are inferred from every accepted row of the file:
 * INTEGER when every non-missing cell is a whole number, REAL when every
 * non-missing cell is a number, DATE when every one is an ISO 8601
 * date (see Dates), TEXT otherwise.  Numbers written with a leading zero
 * followed by another digit ("007", "-0123"; "0" and "0.5" are not) are
 * read two ways: when every number of an otherwise whole-number column
 * has the same width ("0012", "0345", "1200": codes whose zeros matter),
 * or half of them or more have a leading zero, the column is TEXT;
 * otherwise they are numbers ("05" among counts is 5).  Either way
 * a warning states the choice, how many values, and the --type that
 * gives the other reading.  A number is [sign] digits
 * [. digits] [e [sign] digits]; with decimal_comma the decimal mark is ','
 * instead of '.'; with a thousands separator declared, digit groups of
 * three separated by it are accepted and the separator dropped ("1,234"
 * is 1234).  Without one declared, "1,234" or "1.234.567" are text.  A
 * column made text by some cells while most of its values are numbers,
 * or numbers written with a decimal comma, thousands separators or not
 * finite ("NaN", "Inf", "1e309"), gets a warning naming each kind of
 * cell with the line and value of its first and the options that read
 * them (--decimal-comma, --thousands, --na, else --type <column>=real);
 * it is never an identifier.  A type given per
 * column (import_spec.types) replaces inference; a row whose cell does not
 * parse as that type is rejected.
 *
 * Dates.  DATE columns are stored as TEXT in ISO form, "YYYY-MM-DD" (or
 * "YYYY-MM-DD HH:MM:SS" for date-times), in a column declared DATE;
 * datasets (db_dataset_load) read them as text categories.  A layout
 * given per column (import_spec.dates, datefmt.h) makes the column a
 * DATE read that way; a cell it does not read rejects its row.  Without
 * one, a column is DATE when one of the layouts of datefmt_auto reads
 * every cell; when both the day-first and the month-first reading of a
 * layout read every cell (every day is 12 or less: "01/02/2023"), the
 * column stays TEXT with a warning naming --date-format.  A column forced
 * to DATE by import_spec.types takes ISO YYYY-MM-DD.  A layout with %y
 * gets a warning saying how two-digit years are read.  A TEXT column
 * most of whose values one layout reads gets a warning naming the others
 * (the first with its line) and the --date-format and --na that read it,
 * and is never an identifier.
 *
 * Roles.  A column that is an identifier (colscan.h: a row number, a
 * nearly unique id or timestamp, a dense unique whole number
 * named like an id or over 100 rows; the id column always) is recorded
 * in rd_column with role DS_ROLE_IDENTIFIER and a note, so that binning
 * and fitting leave it out; import_spec.roles overrule the rule either
 * way.  Appending keeps the table's roles, adding only those given.
 *
 * Suggestions.  Numeric columns whose extreme values stand apart and
 * hold a noticeable share (colscan_sentinels: -999, 9999, 98) get a
 * warning suggesting --special; integer columns of a few codes
 * (colscan_codes: SEX 1/2) one suggesting --type <column>=text; the
 * target and identifiers get neither, and nothing is changed.  The
 * figures count the rows imported.  An all-bad or all-good target gets a
 * warning.
 *
 * Blanks.  Spaces and tabs around a value are no part of it (as R's
 * read.csv(strip.white = TRUE) reads): " 5" is the number 5, a cell of
 * blanks is missing; a TEXT column stores its values as written, blanks
 * and all (" A" may be a code of its own).
 *
 * Missing values.  Empty, NA, N/A, NULL, ? and the spec's na values,
 * exact once the blanks around them are dropped, are stored as SQL NULL.  Special values declared
 * per column (e.g. income -999) are stored as they are and recorded in
 * rd_special, so binning can give each its own bin (db_special_values).
 *
 * Rejects.  A row with the wrong number of fields, a cell that does not
 * parse in a forced-type column, a missing or (with IMPORT_DUP_FIRST)
 * repeated id is not imported: it goes to rd_reject(tbl, line, raw,
 * reason) with its physical start line and raw text, and is counted in
 * rows_rejected, by reason in rejected_by, the first one's place and
 * reason in reject_line, reject_col and reject_reason.  Appending
 * without an id to a table imported with one checks that column all
 * the same.  More columns than SQLite allows a table (SQLITE_LIMIT_COLUMN,
 * 2000) fail the import (RD_EINPUT) before anything is written.  With spec.strict the first such row fails the import
 * instead.  Duplicate ids without IMPORT_DUP_FIRST fail the import, the
 * error listing the first few lines.  A file whose every data row would
 * be rejected fails (RD_EINPUT) at the first row's fault, with its
 * reason, the count and what to check: nothing imported is no success.
 *
 * Header and blank lines.  Lines of blanks before the header are blank
 * lines; a file of nothing else fails ("no header line and no data
 * rows"); a header without rows is imported as an empty table with a
 * warning.  A column that an option, --id or the target names and the
 * header lacks fails, listing the columns and the name in another case
 * if one has it.
 *
 * Target.  Rows whose target cell is neither a bad value (spec.bad and
 * spec.more_bad) nor a good value (or is missing) are kept and counted as
 * indeterminate.  With no good values given, every non-missing value
 * other than the bad ones is good.  The coding is db_target_rule's
 * (db.h), which the dataset load applies too: in an INTEGER or REAL
 * column numbers compare as numbers (the cell "1.0" is the bad value
 * "1"), otherwise text compares exactly, so 1/0, Y/N, bad/good and 2/1
 * codings all work.  The cells of a text target that hold a listed value
 * spelt otherwise ("Bad", " bad" for "bad"; "1.0" for "1") are counted
 * as the rule says, listed in the summary (variants) and warned about
 * with the --bad or --good that counts them as meant.  A bad or good
 * value that no row has fails the import when the column holds the same
 * value spelt otherwise (a typo), or when it is a good value and other
 * good values are there; otherwise the table is all good (or all bad)
 * and gets a warning (one of several bad values unused: a warning).
 *
 * Atomicity.  The import runs in one transaction: on any error (SQLite's
 * "database or disk is full" included) or when *spec.cancel becomes
 * non-zero, it rolls back and the database is left exactly as it was.
 *
 * Memory is bounded by the longest record plus SQLite's page cache, plus
 * 8 bytes a row for each column whose first values are nearly all
 * distinct (an identifier candidate, counted exactly): the file is
 * streamed twice (pass 1 infers types, pass 2 inserts).
 */
#ifndef RD_DATA_CSV_IMPORT_H
#define RD_DATA_CSV_IMPORT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "data/ds.h"

struct colscan_spec;
struct db;
struct rd_err;

#define IMPORT_MAX_GOOD 16

/*
 * The longest field an import takes by default, in bytes (1 MiB): a
 * longer one fails the import at its line, naming import_spec.max_field
 * (--max-field), so that one runaway field (a quote never closed, a
 * binary file) cannot take the memory of the machine.
 */
#define IMPORT_MAX_FIELD ((size_t)1 << 20)

/* Column types of an import.  The first three equal the ds_type values. */
enum import_type {
	IMPORT_INTEGER = DS_INTEGER,
	IMPORT_REAL = DS_REAL,
	IMPORT_TEXT = DS_TEXT,
	IMPORT_DATE		/* ISO 8601 YYYY-MM-DD, stored as text */
};

/* "INTEGER", "REAL", "TEXT" or "DATE": the declared SQL type. */
const char *import_type_name(enum import_type t);

/* Parse "integer", "real", "text" or "date" (any case); 0 or -1. */
int import_type_parse(const char *s, enum import_type *t);

/* A type forced on one column (import_spec.types). */
struct import_type_opt {
	const char *column;	/* borrowed */
	enum import_type type;
};

/* A date layout given for one column (import_spec.dates). */
struct import_date_opt {
	const char *column;	/* borrowed */
	const char *format;	/* borrowed: datefmt.h layout, "%d/%m/%Y" */
};

/* The role of one column, set by the officer (import_spec.roles). */
struct import_role_opt {
	const char *column;	/* borrowed */
	int identifier;		/* 1: an identifier; 0: an ordinary column,
				 * whatever the rule says */
};

/* One declared special value of one column (import_spec.special). */
struct import_special {
	const char *column;	/* borrowed */
	const char *value;	/* borrowed: compared with the cell text */
};

enum import_mode {
	IMPORT_CREATE,		/* the table must not exist */
	IMPORT_REPLACE,		/* drop a table of that name first */
	IMPORT_APPEND		/* add rows; the columns must match */
};

enum import_dup {
	IMPORT_DUP_ERROR,	/* a repeated id fails the import */
	IMPORT_DUP_FIRST	/* keep the first, reject the others */
};

/* Progress of a running import, for a front end's progress bar. */
struct import_progress {
	int pass;		/* 1 (reading types) or 2 (inserting) */
	uint64_t bytes_done;	/* of the file as stored on disk */
	uint64_t bytes_total;	/* file size; 0 when unknown (a pipe) */
	size_t rows;		/* records done in this pass */
};

struct import_spec {
	const char *csv_path;	/* borrowed */
	const char *table;	/* borrowed: the SQLite table to create */
	const char *target;	/* borrowed: target column name, or NULL */
	const char *bad;	/* borrowed: bad value (text as in the file) */
	const char *more_bad[IMPORT_MAX_GOOD]; /* borrowed: further bad
				 * values (--bad repeated), or none */
	size_t nmore_bad;
	const char *good[IMPORT_MAX_GOOD]; /* borrowed: good values, or none */
	size_t ngood;
	int replace;		/* 1: same as mode IMPORT_REPLACE */
	enum import_mode mode;

	/* dialect */
	char delimiter;		/* 0: sniff among , ; TAB | */
	int decimal_comma;	/* 1: "1,5" is 1.5 (needs delimiter != ',') */
	char thousands;		/* 0: none; else ',' '.' ' ' or '\'' */
	const char *encoding;	/* NULL: UTF-8; else an iconv name */

	/* types and values */
	const struct import_type_opt *types;	/* [ntypes] borrowed */
	size_t ntypes;
	const char *const *na;	/* [nna] more missing markers, borrowed */
	size_t nna;
	const struct import_special *special;	/* [nspecial] borrowed */
	size_t nspecial;

	/* header */
	int no_header;		/* 1: the first record is data */
	const char *const *names;	/* [nnames] borrowed: column names
					 * with no_header, or none */
	size_t nnames;

	/* dates and roles */
	const struct import_date_opt *dates;	/* [ndates] borrowed */
	size_t ndates;
	const struct import_role_opt *roles;	/* [nroles] borrowed */
	size_t nroles;
	const struct colscan_spec *scan;	/* thresholds of the roles and
						 * suggestions; NULL: default */

	/* Rejects: declined applicants, no outcome (db.h
	 * db_reject_rule_mark): rows whose reject_col holds reject_value.
	 * Both NULL: none.  Not with IMPORT_APPEND, and appending to a
	 * table with rejects marked is refused (RD_EUSAGE): the counts
	 * would mix two rules; import the whole file with --replace. */
	const char *reject_col, *reject_value;	/* borrowed */

	/* keys and rejects */
	const char *id;		/* column whose values must be unique */
	enum import_dup on_duplicate;
	int strict;		/* 1: a row that would be rejected fails */
	size_t max_field;	/* longest field in bytes; 0: IMPORT_MAX_FIELD */

	/* front end hooks (both may be NULL).  The import polls *cancel
	 * (a signal handler may set it) and calls progress from the calling
	 * thread after every batch of about a thousand records; the front
	 * end decides when to draw.  (Reading and splitting the file runs in
	 * a worker thread of the import's own; SQLite is used only from the
	 * calling thread.) */
	volatile sig_atomic_t *cancel;	/* polled; non-zero: roll back */
	void (*progress)(void *arg, const struct import_progress *p);
	void *progress_arg;	/* passed back to progress */
};

/* Where a column's name came from. */
enum import_name_from {
	IMPORT_NAME_HEADER,	/* the header, as written */
	IMPORT_NAME_EMPTY,	/* an empty header cell: "column_<k>" */
	IMPORT_NAME_REPEATED,	/* a repeated header name, made unique */
	IMPORT_NAME_GIVEN,	/* import_spec.names */
	IMPORT_NAME_NUMBERED	/* no header: "column_<k>" */
};

struct import_column {
	char *name;		/* owned */
	enum import_type type;
	size_t missing;		/* cells stored as NULL */
	size_t special;		/* cells equal to a special value */
	enum import_name_from name_from;
	char *header;		/* owned: the header cell as written, when
				 * name_from is EMPTY or REPEATED; else NULL */
	char *date_format;	/* owned: the layout of a DATE column */
	char *role;		/* owned: DS_ROLE_IDENTIFIER, or NULL */
	char *role_note;	/* owned: why, or NULL */
	char **suggest;		/* [nsuggest] owned: options suggested for
				 * the column ("--special age=99") */
	size_t nsuggest;
};

/*
 * A spelling of a listed target value other than the listed one, held by
 * imported rows ("Bad" for --bad bad, " bad", "1.0" in a text column for
 * --bad 1): values compare exactly, so those rows were counted as goods
 * (or indeterminate), and a warning says so.
 */
#define IMPORT_VARIANTS 8	/* spellings a summary lists at most */

struct import_variant {
	char *value;		/* owned: the cell as written */
	char *of;		/* owned: the listed value it spells */
	int of_bad;		/* 1: a bad value's; 0: a good value's */
	size_t rows;		/* rows imported with it */
	long line;		/* start line of the first */
	int counted;		/* how they count: DS_GOOD or DS_INDET */
};

/* Why rows were rejected (import_summary.rejected_by). */
enum import_reject {
	IMPORT_REJ_SHORT,	/* fewer fields than the header */
	IMPORT_REJ_LONG,	/* more fields than the header */
	IMPORT_REJ_ID,		/* a missing id */
	IMPORT_REJ_TYPE,	/* a cell not of its given type or layout */
	IMPORT_REJ_DUP,		/* a repeated id (--on-duplicate first) */
	IMPORT_REJ_N
};

/* "too few fields", "too many fields", "a missing id", "a value not of
   its type", "a duplicate id"; with key set, a JSON key
   ("too_few_fields"). */
const char *import_reject_name(enum import_reject k, int key);

struct import_summary {
	size_t rows_read;	/* data records (header excluded) */
	size_t rows_imported;
	size_t rows_rejected;	/* in rd_reject for this table */
	size_t rejected_by[IMPORT_REJ_N];	/* of them, by reason */
	long reject_line;	/* the first rejected row's start line and */
	long reject_col;	/* byte column (0: not known) */
	char *reject_reason;	/* owned: its reason; NULL: none rejected */
	char *target;		/* owned: the target column, or NULL when
				 * the table has none (then the counts
				 * below are 0 and mean nothing) */
	size_t bads, goods, indeterminate;	/* of the imported rows,
						 * rejects apart */
	size_t rejects;		/* rows marked rejects (reject_col) */
	size_t rejects_known;	/* of them, with an outcome in the target
				 * cell (kept, never used) */
	struct import_column *columns;	/* [ncolumns] owned */
	size_t ncolumns;
	char delimiter;		/* the delimiter used */
	struct import_variant *variants;	/* [nvariants] owned: the
						 * first IMPORT_VARIANTS */
	size_t nvariants;
	size_t variant_more;	/* rows of further spellings */
	char **warnings;	/* [nwarnings] owned messages */
	size_t nwarnings;
};

/*
 * Import spec->csv_path into table spec->table of db.  On success fills
 * *sum (release with import_summary_done) and returns 0.  On failure
 * returns -1 with err located at file:line:col (RD_EINPUT for a malformed
 * file, invalid UTF-8, a row that cannot be taken under spec->strict,
 * duplicate ids, a missing target or id column, columns that do not match
 * on append, and "interrupted: nothing imported" after *spec->cancel;
 * RD_EIO when the file cannot be read or converted; RD_EUSAGE for a bad
 * spec, a bad date layout, or spec->names not matching the first line's
 * field count; RD_EDB for SQLite failures, a full disk, or an existing
 * table without a replace or append mode) and the database unchanged.
 */
int csv_import(struct db *db, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err);

/* Free what a summary owns (not the struct itself).  Safe on a zeroed one. */
void import_summary_done(struct import_summary *sum);

#endif
