/*
 * csv-import.c - CSV files into typed SQLite tables (see csv-import.h).
 *
 * Part of the data layer, beside db.c; the only other module that writes
 * SQL.  libcsv tokenises the file; this file adds what libcsv leaves out:
 * the dialect (sniff.c), UTF-8 checking or iconv conversion, physical line
 * numbers for error messages, missing-value markers, type inference,
 * rejected rows, and the transaction that makes an import all or nothing.
 *
 * The file is read twice, in 64 KiB blocks, so memory is bounded by the
 * records in flight (NBATCH x BATCH_RECS, each as long as it is) and
 * SQLite's page cache, not by the file:
 *   pass 1  sniffs the delimiter, checks UTF-8, reads and names the
 *           header (or, with no_header, takes its cells as the first
 *           record), decides which rows are rejected (field count, forced
 *           types, missing ids), infers each column's type and date layout
 *           from every cell of the other rows, and samples the first rows
 *           for identifier candidates;
 *   pass 2  runs inside BEGIN IMMEDIATE ... COMMIT: drops an old table when
 *           asked to, creates the new one (or checks the one appended to
 *           and reads its counts, which another append may have changed
 *           since pass 1: what a transaction writes it reads inside it),
 *           inserts every accepted record through one prepared statement,
 *           writes rejected ones to rd_reject, counts the target, fills each
 *           numeric column's summary (colscan.h) and the candidates' keys,
 *           then decides and records the roles (rd_column) and writes the
 *           rd_table and rd_special rows.  Any failure, or the cancel flag,
 *           rolls back, so the database is as it was.
 *
 * Each pass is a pipeline of two threads (see struct imp): a worker reads
 * and tokenises (and in pass 2 parses each cell as its column's type,
 * rewrites dates in ISO form and fills the summaries); the calling thread
 * checks records, infers types or binds and inserts.
 * SQLite is used from the calling thread only.  A line without quotes
 * takes a fast path that splits it without libcsv (fast_line).
 *
 * Line numbers: libcsv reports fields and records but not positions, so
 * each block is fed to it one physical line (up to and including '\n') at
 * a time.  A record that begins in a piece of input must begin on that
 * piece's line; we note the line whenever the parser sits between records
 * (its pstate is ROW_NOT_BEGUN, 0 in libcsv 3) before a piece is fed, and
 * again when a record ends (a lone CR may end a record mid-line).  The
 * record's first field callback then copies that line as the record's
 * start line.  The same pieces, collected from a record's start line,
 * are its raw text for rd_reject.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <float.h>
#include <iconv.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "data/colscan.h"
#include "data/csv-import.h"
#include "data/datefmt.h"
#include "data/db.h"
#include "data/sniff.h"
#include "util/hash.h"
#include "util/enc.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

#define IMPORT_BLOCK 65536	/* bytes per fread */
#define CSV_ROW_NOT_BEGUN 0	/* libcsv's parser state between records */
#define CSV_FIELD_BEGUN 2	/* libcsv's parser state inside a field */
#define IMPORT_DUP_LINES 5	/* duplicate-id lines named in the error */
#define NUM_MAX 300		/* longest cell read as a number */

#define GENERATED_NAME "column_"	/* + position: a name not in the file */

/* Bit of col_stat.date_ok: every cell so far in some ISO layout. */
#define ISO_ALL (1u << 31)

/* The layout of a column of mixed ISO dates and date-times: compared by
   address. */
static const char iso_mixed[] = DATEFMT_ISO_MIXED;

/*
 * What a cell that is no number as written may be (pass 1), so that a
 * column of numbers with a few such cells is named with the option that
 * reads them (decide_numeric_text).
 */
enum odd_kind {
	ODD_COMMA,		/* a decimal comma: "1,5" */
	ODD_GROUP_COMMA,	/* thousands marked ',': "12,345", "1,234.5" */
	ODD_GROUP_POINT,	/* thousands marked '.', decimal ',':
				 * "1.234,5", "1.234.567" */
	ODD_POINT,		/* a decimal point under a declared decimal
				 * comma: "1.5" */
	ODD_PERCENT,		/* a number with a percent sign: "12%" */
	ODD_CURRENCY,		/* an amount with a currency sign or code
				 * before or after it: "$1000", "1000 EUR" */
	ODD_NONFINITE,		/* no finite number: "NaN", "Inf", "1e309" */
	ODD_OTHER,		/* anything else: "unknown", "-" */
	ODD_N
};

#define ODD_VALUES 3		/* distinct values kept of each kind */
#define ODD_LEN 40		/* longest value kept, with its NUL */

/* The cells of one kind in one column. */
struct odd {
	size_t n;		/* cells */
	long line;		/* start line of the record of the first */
	char eg[ODD_LEN];	/* the first, cut short at a character */
	char v[ODD_VALUES][ODD_LEN];	/* the first distinct values */
	size_t nv;
	int more;		/* more distinct values than v holds, or one
				 * too long for it */
};

/* What pass 1 learns about one column (and pass 2 adds, see below). */
struct col_stat {
	int maybe_int;		/* non-missing cells so far integers */
	int maybe_real;		/* non-missing cells so far numbers */
	unsigned date_ok;	/* datefmt_auto layouts reading every cell
				 * so far, bit k for layout k, and ISO_ALL */
	int iso_time;		/* one of them with a time of day */
	size_t nums;		/* cells that are numbers as written */
	size_t dotted;		/* of them, written with a '.' (which a
				 * decimal comma would not read) */
	struct odd odd[ODD_N];	/* the other cells, by what they may be */
	size_t comma3;		/* of odd[ODD_GROUP_COMMA], those that are
				 * as much a decimal comma: [sign] 1 to 3
				 * digits, a comma, 3 digits ("4,168") */
	struct odd read3;	/* under --thousands ,: numbers so written,
				 * read as thousands (pass 1) */
	struct odd paren;	/* negatives written in parentheses, read as
				 * negatives (pass 1; forced columns too) */
	int numeric_text;	/* TEXT, though most of its values are
				 * numbers (decide_numeric_text) */
	size_t lz;		/* numbers written with a leading zero */
	char lz_eg[32];		/* the first of them */
	size_t width;		/* bytes of the first number */
	int fixed;		/* every number has that width */
	char first_eg[32];	/* the first cell read as a date */
	size_t date_n[DATEFMT_NAUTO];	/* cells each auto layout reads
					 * (while date_count) */
	int date_count;		/* still counting date_n: the cells no
				 * layout reads are not most of them */
	size_t nodate;		/* cells counted that no layout reads */
	struct odd dmiss[DATEFMT_NAUTO];	/* the cells counted that
						 * each layout does not read */
	char date_eg[DATEFMT_NAUTO][32];	/* the first cell each auto
						 * layout reads */
	long date_line[DATEFMT_NAUTO];	/* its start line */
	int date_text;		/* TEXT, though most of its values are
				 * dates written one way (decide_date_text) */
	size_t present;		/* non-missing cells (pass 1) */
	size_t missing;		/* missing cells imported (pass 2) */
	size_t special;		/* special cells imported (pass 2) */
	int forced;		/* type given by the spec */
	int checked;		/* numeric by inference, with cells that are
				 * no finite number or an integer past 64
				 * bits: pass 2 checks each cell as a forced
				 * type's, rejecting those rows */
	struct odd big;		/* integers past 64 bits (pass 1) */
	int negative;		/* a number below 0 (pass 1) */
	struct odd frac;	/* numbers that are no integer of 64 bits
				 * ("9.5", "1e300"; "9.0" is one), counted
				 * up to the first (pass 1) */
	long frac_col;		/* the first's column in its line, or 0 */
	int frac_big;		/* the first is a whole number past 64 bits */
	enum import_type type;	/* decided after pass 1 */
	const char *date_fmt;	/* DATE: its layout (borrowed), or
				 * DATEFMT_ISO_MIXED: any ISO layout */
	int date_time;		/* DATE: the layout has a time */
	int ambiguous;		/* day-first and month-first both read it */
	const char **spv;	/* [nspv] declared special values, borrowed */
	size_t nspv;
	/* Each declared special value as a number, for a numeric column's
	   cells, which match it by value ("-999.0" and "-9.99e2" match the
	   cell -999): spd[k] the double (NaN when spv[k] is no finite
	   number), spi[k] the integer when spv[k] is one (spint[k] set);
	   spn[k] the cells matched (pass 2, counted by the producer). */
	double *spd;		/* [nspv] */
	int64_t *spi;		/* [nspv] */
	unsigned char *spint;	/* [nspv] */
	size_t *spn;		/* [nspv] */
	char **sugg;		/* [nsugg] owned: options suggested */
	size_t nsugg;
	int role;		/* -1 by the rule, 0 ordinary, 1 identifier
				 * (import_spec.roles, the id column) */

	/* Identifier candidates: the hashes of the non-missing cells of the
	 * first id_prefix records (pass 1), and, for a candidate, a key of every
	 * value imported (pass 2): the integer mixed (mix64), or the hash of
	 * the stored text.  While an integer column runs base, base + 1, ...
	 * its keys are implied and not kept; they are written out when the
	 * run breaks (seq_break). */
	uint64_t *pre;		/* [npre] */
	size_t npre;
	int cand;		/* decided after pass 1 */
	uint64_t *keys;		/* [nkeys], capacity capkeys */
	size_t nkeys, capkeys;

	/* Pass 2 over numbers: the values apart from declared special ones
	 * (sentinels, codes), and whether an integer column runs base,
	 * base + 1, ... with the record's position in the file. */
	struct colscan scan;
	int seq_ok;		/* no break in the run so far */
	int seq_any;		/* base is set */
	int64_t seq_base;	/* value minus the record's position */
};

/*
 * A spelling of a listed target value other than the listed one ("Bad",
 * " bad" for --bad bad; "1.0" in a text column for --bad 1), which
 * compares unequal, so that its cells count as goods or indeterminate:
 * said in a warning, never silently.
 */
#define TVAR_MAX IMPORT_VARIANTS	/* spellings kept */
struct tvar {
	char v[ODD_LEN];	/* the cell as written (cut short) */
	size_t n;		/* cells imported */
	long line;		/* start line of the first */
	int of;			/* the listed value: bad k < nbad, else good
				 * k - nbad */
	int code;		/* how they were counted: DS_GOOD or
				 * DS_INDET */
};

/* The file, read block by block, converted to UTF-8 when asked. */
struct src {
	FILE *fp;
	iconv_t cd;		/* (iconv_t)-1 without conversion */
	char *in;		/* raw bytes not yet converted */
	size_t inlen;
	char *out;		/* the block handed out */
	uint64_t raw_done;	/* bytes read from the file */
	uint64_t size;		/* file size, 0 when unknown */
	int eof;
	int bad;		/* the converter met an invalid sequence */
	int skip_bom;		/* converting from an encoding other than
				 * UTF-8: a UTF-8 byte order mark at the
				 * start is skipped before conversion */
	int bom;		/* and was there */
};

/*
 * State shared by the libcsv callbacks.  failed is set with err filled by
 * the first error; every callback returns at once afterwards and the
 * feeding loop stops after the current piece.
 */
/* A parsed cell: i for CELL_K_INT, d for CELL_K_REAL. */
union cell_val {
	int64_t i;
	double d;
};

/*
 * One record on its way from the tokeniser to the checks and the insert:
 * its fields, each NUL-ended in row, its start line, and (pass 2) its raw
 * text.  Buffers are reused from record to record.
 */
struct rec {
	char *row;
	size_t rowlen, rowcap;
	size_t *off, *len;	/* [ncols] field j at row + off[j], len[j],
				 * without the blanks around it (trim_cells) */
	size_t *woff, *wlen;	/* [ncols] field j as written, blanks and
				 * all (stored so in a TEXT column) */
	size_t nfield;		/* fields seen (may differ from ncols) */
	long line;		/* physical start line */
	int plain;		/* 1: read by fast_line, so off[j] is also the
				 * byte offset of field j in its line */
	char *raw;
	size_t rawlen, rawcap;
	size_t ord;		/* data records before it in the file */

	/* pass 2, parsed by the producer so the consumer only binds: each
	 * cell's kind (CELL_K_*) and value, whether it is a declared special
	 * value, and the target's code (-1, 0 good, 1 bad) */
	unsigned char *kind;	/* [ncols] */
	unsigned char *special;	/* [ncols] */
	union cell_val *val;	/* [ncols] */
	int tcode;
	int tvar;		/* the target is listed value tvar (a bad
				 * value, then the good ones) written
				 * otherwise; -1: not */
	char *conv;		/* [ncols * DATEFMT_ISO_MAX] dates in ISO
				 * form (CELL_K_CONV), when the table has
				 * DATE columns */
};

/* CELL_K_CONV: a date rewritten into rec.conv. */
enum { CELL_K_NULL, CELL_K_INT, CELL_K_REAL, CELL_K_TEXT, CELL_K_CONV,
	CELL_K_BAD };

#define BATCH_RECS 2048		/* records handed over at a time */
#define NBATCH 3		/* batches in flight */

struct batch {
	struct rec rec[BATCH_RECS];
	size_t n;		/* records filled */
	uint64_t bytes_done;	/* of the file when the batch was handed */
};

/*
 * State of an import.  Each pass runs as two threads joined by a queue of
 * NBATCH batches: the producer (a worker thread: feed_file and the libcsv
 * callbacks) reads, converts, checks UTF-8 and splits records into
 * batches; the consumer (the calling thread, which alone uses SQLite)
 * checks each record, infers types or inserts it.  Fields marked
 * "producer" are touched only by the producer, "consumer" only by the
 * consumer; the queue's mutex orders the hand-over of each batch (and of
 * the header's column state, set up by the producer before its first
 * batch).  Each side fails into its own error; the consumer's comes first
 * in the file, since it only sees records the producer has passed.
 */
struct imp {
	const struct import_spec *spec;
	struct rd_err *err;	/* consumer's error (and the import's) */
	int cfailed;		/* consumer failed */
	struct rd_err perr;	/* producer's error */
	int failed;		/* producer failed */
	int pass;		/* 1 or 2 */
	enum import_mode mode;
	char delim;

	/* producer: position */
	long line;		/* physical line of the piece being fed */
	long next_start;	/* start line of the next record */
	long rec_line;		/* start line of the current record */
	long qline, qcol;	/* where the open quoted field started (qcol
				 * 1-based, 0 when unknown) */
	long fail_col;		/* 1-based column for imp_fail_cur, or 0 */
	size_t nrec;		/* records done; the header is record 0 */
	struct utf8_state u8;
	struct rec *prec;	/* the record being filled */
	uint64_t bytes_done;

	/* header (set up by the producer in pass 1, before any batch) */
	int hdr;		/* records of header: 1, or 0 (no_header) */
	char **names;		/* [ncols] owned */
	size_t ncols, capnames;
	enum import_name_from *name_from;	/* [ncols] */
	char **header;		/* [ncols] owned: the cell as written when
				 * the name is not it, else NULL */
	char **first;		/* [ncols] owned: with no_header, the first
				 * record's cells, imported as data */
	int hdr_numeric;	/* every header field is a number */
	int hdr_blank;		/* the record read as the header so far is
				 * one field of blanks only */
	size_t nrepeated;	/* header names made unique */
	struct col_stat *stat;	/* [ncols] */
	int id_col, target_col;	/* indexes, -1 when none */
	const char *id_name;	/* the id column: spec->id, or when
				 * appending without one the column of the
				 * table's unique id index; NULL: none */
	size_t max_cols;	/* SQLite's limit on a table's columns */
	const struct colscan_spec *scan;
	int has_dates;		/* some column is DATE (pass 2) */
	int tally_late;		/* pass 2: the consumer tallies, after the
				 * insert (IMPORT_DUP_FIRST), not the
				 * producer */
	size_t *skip;		/* [nskip] positions (rec.ord) of the data
				 * records not tallied, ascending */
	size_t nskip, capskip;
	size_t *tally;		/* [ntally] the columns rec_tally reads:
				 * numbers and identifier candidates */
	size_t ntally;

	/* the queue */
	struct batch *batch;	/* [NBATCH] */
	int threaded;		/* 0: the producer consumes inline */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int full[NBATCH];	/* handed over, not yet consumed */
	int head;		/* producer: batch being filled */
	int tail;		/* consumer: next batch to take */
	int pdone;		/* producer finished */
	int stop;		/* consumer failed: producer stops */
	struct src *src;	/* producer's input */
	int pret;		/* feed_file's result */

	/* consumer */
	struct rec *cur;	/* the record being checked or inserted */
	size_t nreject;
	long rej_line, rej_col;	/* pass 1: where the first rejected row
				 * went wrong (col 0 when unknown) */
	int rej_why;		/* its reason: REJ_FIELDS, REJ_ID, REJ_TYPE */
	size_t rej_j;		/* and the column of the cell, if one */
	int why;		/* the reason of the row being rejected */
	size_t rej_by[IMPORT_REJ_N];	/* pass 2: rows by reason */
	long rej2_line, rej2_col;	/* pass 2: the first one's place */
	char rej2_msg[RD_ERR_MSG];	/* and reason */
	char rej_msg[RD_ERR_MSG];	/* and the reason */
	size_t ninsert;
	size_t nconsumed;	/* records of this pass */
	sqlite3 *h;
	sqlite3_stmt *ins, *rej;
	size_t rows1;		/* records found by pass 1 */
	long dup_line[IMPORT_DUP_LINES];
	size_t ndup;
	char dup_val[64];

	/* target counted while inserting: cnt[0] indeterminate, [1] good,
	 * [2] bad; the cells that hold a listed value written otherwise */
	int count_here;
	struct db_target_rule rule;
	size_t cnt[3];
	struct tvar tvar[TVAR_MAX];
	size_t ntvar;
	size_t tvar_more;	/* cells of further spellings */
};

static void add_warning(struct import_summary *sum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------- cells */

/* The built-in missing-value markers: empty, NA, N/A, NULL, ?. */
static int
cell_missing_builtin(const char *s, size_t len)
{
	switch (len) {
	case 0:
		return 1;
	case 1:
		return s[0] == '?';
	case 2:
		return memcmp(s, "NA", 2) == 0;
	case 3:
		return memcmp(s, "N/A", 3) == 0;
	case 4:
		return memcmp(s, "NULL", 4) == 0;
	default:
		return 0;
	}
}

static inline int
cell_missing(const struct imp *im, const char *s, size_t len)
{
	size_t k;

	if (len > 4 && im->spec->nna == 0)
		return 0;
	if (cell_missing_builtin(s, len))
		return 1;
	for (k = 0; k < im->spec->nna; k++)
		if (strlen(im->spec->na[k]) == len &&
		    memcmp(im->spec->na[k], s, len) == 0)
			return 1;
	return 0;
}

/*
 * Whether the cell s[len], of kind k (CELL_K_*) and value *val, is one of
 * its column's declared special values: a number (CELL_K_INT, CELL_K_REAL)
 * equal to one's value (an integer to an integer's exactly, else as
 * doubles, as binning compares them), or any cell written as one is.
 * Counts the first value matched in cs->spn.
 */
static int
cell_special(const struct col_stat *cs, const char *s, size_t len,
	unsigned char k, const union cell_val *val)
{
	size_t i;

	for (i = 0; i < cs->nspv; i++) {
		int hit = strlen(cs->spv[i]) == len &&
		    memcmp(cs->spv[i], s, len) == 0;

		if (!hit && k == CELL_K_INT)
			hit = cs->spint[i] ? val->i == cs->spi[i] :
			    (double)val->i == cs->spd[i];
		else if (!hit && k == CELL_K_REAL)
			hit = val->d == cs->spd[i];
		if (hit) {
			cs->spn[i]++;
			return 1;
		}
	}
	return 0;
}

/*
 * A declared special value as a number: *d the double (NaN when the text
 * is no finite number: text, or past the range of a double), *i and 1
 * returned when it is an integer of 64 bits, else 0.
 */
static int
special_number(const char *v, double *d, int64_t *i)
{
	char *end;
	long long ll;

	errno = 0;
	*d = strtod(v, &end);
	/* A subnormal number (5e-324) is one, though strtod says ERANGE. */
	if (v[0] == '\0' || *end != '\0' || (errno == ERANGE && *d == 0) ||
	    !isfinite(*d))
		*d = NAN;
	errno = 0;
	ll = strtoll(v, &end, 10);
	if (v[0] == '\0' || *end != '\0' || errno == ERANGE)
		return 0;
	*i = (int64_t)ll;
	return 1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A whole cell (len bytes) as a 64-bit integer: an optional sign then
 * digits only, in range.  Returns 1 and sets *v, or 0.
 */
static int
cell_int(const char *s, size_t len, int64_t *v)
{
	size_t i = 0;
	uint64_t x = 0, lim;
	int neg = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == len)
		return 0;
	/* Accumulate the magnitude, refusing anything past INT64_MAX (or
	 * its negative's magnitude, one more). */
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (d > 9 || x > (lim - d) / 10)
			return 0;
		x = 10 * x + d;
	}
	if (neg)
		*v = x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x;
	else
		*v = (int64_t)x;
	return 1;
}

/*
 * A whole cell as a finite decimal number: [sign] digits [. digits]
 * [e [sign] digits], or with the digits after the point only.  The
 * syntax check keeps strtod's extras (leading blanks, hex, inf, nan) out;
 * strtod then converts, in the C locale that riskdesk keeps for
 * LC_NUMERIC.  s[len] must be readable and not a digit (a NUL or a
 * delimiter).  Returns 1 and sets *v (unless v is NULL), or 0.
 */
/*
 * Whether s[0..len) is written as a decimal number, [sign] digits
 * [. digits] [e [sign] digits] or with the digits after the point only;
 * sets *digits to its digits before any exponent and *expo to whether it
 * has one.
 */
static int
num_syntax(const char *s, size_t len, size_t *digits, int *expo)
{
	size_t i = 0;

	*digits = 0;
	*expo = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && is_digit(s[i]); i++)
		(*digits)++;
	if (i < len && s[i] == '.')
		for (i++; i < len && is_digit(s[i]); i++)
			(*digits)++;
	if (*digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && is_digit(s[i]); i++)
			e++;
		if (e == 0)
			return 0;
		*expo = 1;
	}
	return i == len;
}

static int
cell_real(const char *s, size_t len, double *v)
{
	size_t i, digits;
	int expo;
	char *end;

	if (!num_syntax(s, len, &digits, &expo))
		return 0;
	/* Without an exponent a number of fewer than NUM_MAX characters is
	 * finite: pass 1 (v == NULL) need not convert it. */
	if (v == NULL && !expo && len < NUM_MAX)
		return 1;
	/* Clinger's fast path: with at most 15 digits the digits as a whole
	 * number m and the power 10^k of the fraction are exact doubles, so
	 * m / 10^k is the correctly rounded value, as strtod's. */
	if (!expo && digits <= 15) {
		static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
		    1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
		uint64_t m = 0;
		int frac = -1, neg = s[0] == '-';

		for (i = (s[0] == '+' || s[0] == '-'); i < len; i++) {
			if (s[i] == '.')
				frac = 0;
			else {
				m = 10 * m + (uint64_t)(s[i] - '0');
				if (frac >= 0)
					frac++;
			}
		}
		*v = (double)m / p10[frac < 0 ? 0 : frac];
		if (neg)
			*v = -*v;
		return 1;
	}
	{
		double x = strtod(s, &end);

		if (end != s + len || !isfinite(x))
			return 0;
		if (v != NULL)
			*v = x;
	}
	return 1;
}

/*
 * Rewrite a number written with decimal mark dec and thousands separator
 * th (0: none) into plain form in out (NUM_MAX + 1 bytes, NUL-ended): the
 * integer part's groups are checked (1-3 digits, then exactly 3 after each
 * separator) and the separators dropped, the decimal mark becomes '.'.
 * Sets *nsep to the separators dropped.  Returns 0 when the cell cannot be
 * such a number (the rest of the check is cell_int / cell_real's).
 */
static int
norm_number(const char *s, size_t len, char dec, char th, char *out,
	size_t *nsep)
{
	size_t i = 0, o = 0, grp = 0;

	*nsep = 0;
	if (len >= NUM_MAX)
		return 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		out[o++] = s[i++];
	while (i < len) {
		char c = s[i];

		if (is_digit(c)) {
			if (++grp > 3 && *nsep > 0)
				return 0;
			out[o++] = c;
			i++;
		} else if (th != 0 && c == th) {
			if (grp == 0 || grp > 3 || (*nsep > 0 && grp != 3))
				return 0;
			(*nsep)++;
			grp = 0;
			i++;
		} else {
			break;
		}
	}
	if (*nsep > 0 && grp != 3)
		return 0;
	if (i < len && s[i] == dec) {
		out[o++] = '.';
		i++;
	} else if (i < len && s[i] == '.') {
		return 0;	/* '.' is not the decimal mark here */
	}
	for (; i < len; i++) {
		if (s[i] == dec || s[i] == th || s[i] == '.')
			return 0;
		out[o++] = s[i];
	}
	out[o] = '\0';
	return 1;
}

enum cell_kind { CELL_OTHER, CELL_INT, CELL_REAL };

/*
 * Whether s[0..len) is a number written in parentheses as accountants
 * write a negative, "(250.00)", "(1,234)": an opening parenthesis, a
 * digit or a point, no sign, a closing one.  Then out (NUM_MAX + 1
 * bytes) holds it with a minus sign instead, "-250.00", NUL-ended, len - 1
 * bytes; whether it is a number is the caller's to read.
 */
static int
paren_neg(const char *s, size_t len, char *out)
{
	if (len < 3 || s[0] != '(' || s[len - 1] != ')' || len - 1 > NUM_MAX ||
	    !(is_digit(s[1]) || s[1] == '.'))
		return 0;
	out[0] = '-';
	memcpy(out + 1, s + 1, len - 2);
	out[len - 1] = '\0';
	return 1;
}

/*
 * What a non-missing cell is under the spec's decimal mark and thousands
 * separator: CELL_INT (sets *iv and *dv when given), CELL_REAL (sets *dv
 * when given) or CELL_OTHER.  With dv NULL the real is only checked.
 */
static enum cell_kind
cell_num(const struct imp *im, const char *s, size_t len, int64_t *iv,
	double *dv)
{
	const struct import_spec *spec = im->spec;
	char buf[NUM_MAX + 1];
	size_t nsep;
	int64_t i;

	/* A negative as ledgers write it: "(250.00)" is -250.00. */
	if (paren_neg(s, len, buf))
		return cell_num(im, buf, len - 1, iv, dv);
	if (!spec->decimal_comma && spec->thousands == 0) {
		if (cell_int(s, len, &i)) {
			if (iv != NULL)
				*iv = i;
			if (dv != NULL)
				*dv = (double)i;
			return CELL_INT;
		}
		return cell_real(s, len, dv) ? CELL_REAL : CELL_OTHER;
	}
	if (!norm_number(s, len, spec->decimal_comma ? ',' : '.',
	    spec->thousands, buf, &nsep))
		return CELL_OTHER;
	len = strlen(buf);
	if (cell_int(buf, len, &i)) {
		if (iv != NULL)
			*iv = i;
		if (dv != NULL)
			*dv = (double)i;
		return CELL_INT;
	}
	return cell_real(buf, len, dv) ? CELL_REAL : CELL_OTHER;
}

/*
 * Whether a plain decimal number s[0..len) ([sign] digits [. digits]
 * [e [sign] digits]) is a whole number: 1 with its value in *iv when 64
 * bits hold it ("9.0", "9.00", "9e0", "90e-1" are 9), 2 when they do not
 * ("1e300", "9.3e18"), 0 when it has a fraction ("9.5") or is written
 * otherwise.  Exact on the decimal digits, never through a double, so
 * "9.0000000000000001" has a fraction.
 */
static int
whole_of(const char *s, size_t len, int64_t *iv)
{
	char m[20], buf[24];
	size_t i = 0, nm = 0, nz = 0, n = 0;
	long frac = 0, e = 0, z;
	int neg = 0, esign = 1, point = 0, any = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	/* The significant digits into m (nm of them, the first 20 kept),
	   the zeros after the last that is not 0 counted apart (nz). */
	for (; i < len && (is_digit(s[i]) || s[i] == '.'); i++) {
		if (s[i] == '.') {
			if (point)
				return 0;
			point = 1;
			continue;
		}
		any = 1;
		frac += point;
		if (s[i] == '0') {
			nz += nm > 0;
			continue;
		}
		for (; nz > 0; nz--, nm++)
			if (nm < sizeof m)
				m[nm] = '0';
		if (nm < sizeof m)
			m[nm] = s[i];
		nm++;
	}
	if (!any)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			esign = s[i++] == '-' ? -1 : 1;
		if (i == len)
			return 0;
		for (; i < len; i++) {
			if (!is_digit(s[i]))
				return 0;
			if (e < 100000)
				e = 10 * e + (s[i] - '0');
		}
	}
	if (i != len)
		return 0;
	/* The value is m * 10^e. */
	e = (long)nz - frac + esign * e;
	if (nm == 0) {
		*iv = 0;
		return 1;
	}
	if (e < 0)
		return 0;
	if ((long)nm + e > 19)
		return 2;
	if (neg)
		buf[n++] = '-';
	memcpy(buf + n, m, nm);
	n += nm;
	for (z = 0; z < e; z++)
		buf[n++] = '0';
	return cell_int(buf, n, iv) ? 1 : 2;
}

static int int_syntax(const char *s, size_t len);

/*
 * A non-missing cell as an integer under the spec's decimal mark and
 * thousands separator, written as one or as a whole number with a
 * fraction of zeros or an exponent (whole_of): 1 with *iv (may be NULL),
 * 2 for a whole number past 64 bits, 0 otherwise (a fraction, no number).
 */
static int
cell_integer(const struct imp *im, const char *s, size_t len, int64_t *iv)
{
	const struct import_spec *spec = im->spec;
	char buf[NUM_MAX + 1];
	size_t nsep;
	int64_t v;

	if (paren_neg(s, len, buf))
		return cell_integer(im, buf, len - 1, iv);
	switch (cell_num(im, s, len, &v, NULL)) {
	case CELL_INT:
		if (iv != NULL)
			*iv = v;
		return 1;
	case CELL_REAL:
		break;
	default:
		return 0;
	}
	if (spec->decimal_comma || spec->thousands != 0) {
		if (!norm_number(s, len, spec->decimal_comma ? ',' : '.',
		    spec->thousands, buf, &nsep))
			return 0;
		s = buf;
		len = strlen(buf);
	}
	if (int_syntax(s, len))
		return 2;
	{
		int w = whole_of(s, len, &v);

		if (w == 1 && iv != NULL)
			*iv = v;
		return w;
	}
}

/* Whether c is an ASCII letter. */
static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether a cell stands for a number that is not finite: [sign] "inf",
 * "infinity" or "nan" in any case (R writes NaN, Inf and -Inf; pandas
 * nan and inf), or a decimal number beyond the range of a double
 * ("1e309").  s[len] must be readable and not a digit, as for cell_real.
 */
static int
cell_nonfinite(const char *s, size_t len)
{
	static const char *const words[] = { "inf", "infinity", "nan" };
	const char *p = s;
	size_t n = len, k, digits;
	int expo;

	if (n > 0 && (*p == '+' || *p == '-')) {
		p++;
		n--;
	}
	for (k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strlen(words[k]) == n && strncasecmp(p, words[k], n) == 0)
			return 1;
	return len < NUM_MAX && num_syntax(s, len, &digits, &expo) &&
	    !isfinite(strtod(s, NULL));
}

/* Whether s[0..len) is written as a whole number: [sign] digits. */
static int
int_syntax(const char *s, size_t len)
{
	size_t i = len > 0 && (s[0] == '+' || s[0] == '-');

	if (i == len)
		return 0;
	for (; i < len; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* Whether s[0..len) is [sign] 1 to 3 digits, a comma and 3 digits
   ("4,168"): a decimal comma as much as a thousands separator. */
static int
comma3(const char *s, size_t len)
{
	size_t i = len > 0 && (s[0] == '+' || s[0] == '-'), d = 0;

	for (; i < len && is_digit(s[i]); i++)
		d++;
	if (d < 1 || d > 3 || i >= len || s[i] != ',')
		return 0;
	return len - i == 4 && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
	    is_digit(s[i + 3]);
}

/*
 * What a non-missing cell that is no number under the spec's reading may
 * be (enum odd_kind).  A thousands separator or a decimal comma is named
 * only where an option could read it: not when the spec already declares
 * a thousands separator, a decimal comma only with a delimiter other than
 * ',' (which --decimal-comma needs).
 */
static enum odd_kind
odd_number_kind(const struct imp *im, const char *s, size_t len)
{
	const struct import_spec *spec = im->spec;
	char buf[NUM_MAX + 1];
	const char *p = s;
	size_t nsep;

	if (len > 0 && (*p == '+' || *p == '-'))
		p++;
	if (p == s + len)
		return ODD_OTHER;
	if (is_letter(*p))	/* cheap: most text is no number at all */
		return cell_nonfinite(s, len) ? ODD_NONFINITE : ODD_OTHER;
	if (!is_digit(*p) && *p != '.' && *p != ',')
		return ODD_OTHER;
	if (cell_nonfinite(s, len))
		return ODD_NONFINITE;
	if (spec->thousands != 0)
		return ODD_OTHER;
	if (spec->decimal_comma && cell_real(s, len, NULL))
		return ODD_POINT;
	if (!spec->decimal_comma && norm_number(s, len, '.', ',', buf,
	    &nsep) && nsep > 0 && cell_real(buf, strlen(buf), NULL))
		return ODD_GROUP_COMMA;
	if (im->delim == ',')
		return ODD_OTHER;
	if (norm_number(s, len, ',', '.', buf, &nsep) && nsep > 0 &&
	    cell_real(buf, strlen(buf), NULL))
		return ODD_GROUP_POINT;
	if (!spec->decimal_comma && memchr(s, ',', len) != NULL &&
	    norm_number(s, len, ',', 0, buf, &nsep) &&
	    cell_real(buf, strlen(buf), NULL))
		return ODD_COMMA;
	return ODD_OTHER;
}

/* Currency signs and ISO 4217 codes written before or after an amount. */
static const char *const currencies[] = {
	"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5",	/* $ euro pound yen */
	"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK",
	"NOK", "DKK", "PLN", "CZK", "HUF", "CNY", "INR"
};

/* The length of the currency sign or code s[0..len) starts (at_end 0)
   or ends (at_end 1) with, or 0. */
static size_t
currency_len(const char *s, size_t len, int at_end)
{
	size_t k, n;

	for (k = 0; k < sizeof currencies / sizeof currencies[0]; k++) {
		n = strlen(currencies[k]);
		if (n <= len && memcmp(at_end ? s + len - n : s,
		    currencies[k], n) == 0)
			return n;
	}
	return 0;
}

/*
 * Whether a non-missing cell is a number decorated as spreadsheets and
 * ledgers export one, which no option reads: with a percent sign after it
 * ("12%", "7.5 %"), or with a currency sign or code before or after it
 * ("$1000", "-$5", "1000 EUR", "EUR 1,000"); either may be a negative in
 * parentheses, "($1,250.00)" (a number in parentheses alone is read,
 * cell_num).  The number itself is one as written or one odd_number_kind
 * names (thousands separators, a decimal comma).  Returns ODD_PERCENT or
 * ODD_CURRENCY, and when plain is given the number in plain words into
 * plain[len] (NUL-ended): "0.12" (a percentage is read as the fraction it
 * stands for, 12% = 0.12), "1000", "-1,250.00"; else ODD_OTHER.
 */
static enum odd_kind
decor_kind(const struct imp *im, const char *s, size_t len, char *plain,
	size_t plen)
{
	size_t i = 0, e = len, c;
	int paren = 0, pct = 0, cur = 0;
	char sign = 0, num[NUM_MAX + 2];
	enum odd_kind k;
	double v;

	/* Cheap: most cells are text with none of the marks. */
	if (len < 2 || (s[0] != '(' && s[len - 1] != '%' &&
	    s[0] != '-' && s[0] != '+' && !currency_len(s, len, 0) &&
	    !currency_len(s, len, 1)))
		return ODD_OTHER;
	if (s[0] == '(' && s[len - 1] == ')') {
		paren = 1;
		i++;
		e--;
	}
	if (i < e && (s[i] == '-' || s[i] == '+'))
		sign = s[i++];
	if ((c = currency_len(s + i, e - i, 0)) > 0) {
		cur = 1;
		for (i += c; i < e && s[i] == ' '; i++)
			;
	}
	if (i < e && (s[i] == '-' || s[i] == '+')) {
		if (sign)
			return ODD_OTHER;
		sign = s[i++];
	}
	if (i < e && s[e - 1] == '%') {
		pct = 1;
		for (e--; e > i && s[e - 1] == ' '; e--)
			;
	}
	if (!cur && !pct && (c = currency_len(s + i, e - i, 1)) > 0) {
		cur = 1;
		for (e -= c; e > i && s[e - 1] == ' '; e--)
			;
	}
	if ((!pct && !cur) || (pct && cur) || (paren && sign) ||
	    i == e || !is_digit(s[i]) || e - i >= NUM_MAX)
		return ODD_OTHER;
	k = pct ? ODD_PERCENT : ODD_CURRENCY;
	/* The number between the marks. */
	c = 0;
	if (sign == '-' || paren)
		num[c++] = '-';
	memcpy(num + c, s + i, e - i);
	c += e - i;
	num[c] = '\0';
	switch (cell_num(im, num, c, NULL, &v)) {
	case CELL_OTHER:
		switch (odd_number_kind(im, num, c)) {
		case ODD_COMMA:
		case ODD_GROUP_COMMA:
		case ODD_GROUP_POINT:
		case ODD_POINT:
			/* A separator or decimal mark of its own: named as
			   written, without the marks. */
			if (plain != NULL)
				snprintf(plain, plen, pct ? "%s/100" : "%s",
				    num);
			return k;
		default:
			return ODD_OTHER;
		}
	default:
		break;
	}
	if (plain == NULL)
		return k;
	if (pct)
		snprintf(plain, plen, "%.15g", v / 100);
	else
		snprintf(plain, plen, "%s", num);
	return k;
}

/* What a decorated number is (decor_kind not ODD_OTHER), in words. */
static const char *
decor_what(const struct imp *im, const char *s, size_t len)
{
	switch (decor_kind(im, s, len, NULL, 0)) {
	case ODD_PERCENT:
		return "a percentage (12% is 0.12)";
	default:
		return "an amount with a currency";
	}
}

/* What a non-missing cell that is no number under the spec's reading may
   be: a decorated number (decor_kind), else odd_number_kind's answer. */
static enum odd_kind
odd_kind(const struct imp *im, const char *s, size_t len)
{
	char neg[NUM_MAX + 1];
	enum odd_kind k;

	/* A negative in parentheses is what the number in it is, as
	   cell_num reads it: "(1,234.50)" has thousands separators. */
	if (paren_neg(s, len, neg) && (k = odd_number_kind(im, neg,
	    len - 1)) != ODD_OTHER)
		return k;
	k = decor_kind(im, s, len, NULL, 0);
	return k != ODD_OTHER ? k : odd_number_kind(im, s, len);
}

/* Count a cell s[0..len) of record line in o, keeping its value while
   o holds fewer than ODD_VALUES distinct ones. */
static void
odd_add(struct odd *o, const char *s, size_t len, long line)
{
	size_t k;

	if (o->n++ == 0) {
		size_t m = len < ODD_LEN ? len : ODD_LEN - 1;

		/* Not inside a UTF-8 character. */
		while (m < len && m > 0 && ((unsigned char)s[m] & 0xC0) ==
		    0x80)
			m--;
		memcpy(o->eg, s, m);
		o->eg[m] = '\0';
		o->line = line;
	}
	if (o->more)
		return;
	for (k = 0; k < o->nv; k++)
		if (strlen(o->v[k]) == len && memcmp(o->v[k], s, len) == 0)
			return;
	if (o->nv == ODD_VALUES || len >= ODD_LEN) {
		o->more = 1;
		return;
	}
	memcpy(o->v[o->nv], s, len);
	o->v[o->nv++][len] = '\0';
}

/* A cell as a date under the layout fmt, or in any ISO layout when fmt
   is DATEFMT_ISO_MIXED (the same pointer) (ISO form in iso, when given). */
static int
cell_date(const char *fmt, int with_time, const char *s, size_t len,
	char *iso)
{
	struct datefmt_tm tm;
	int t;

	if (fmt == iso_mixed ? !datefmt_parse_iso(s, len, &tm, &t) :
	    !datefmt_parse(fmt, s, len, &tm))
		return 0;
	if (iso != NULL)
		datefmt_iso(&tm, with_time, iso);
	return 1;
}

const char *
import_reject_name(enum import_reject k, int key)
{
	static const char *const name[IMPORT_REJ_N][2] = {
		{ "too few fields", "too_few_fields" },
		{ "too many fields", "too_many_fields" },
		{ "a missing id", "missing_id" },
		{ "a value not of its type", "value_not_of_its_type" },
		{ "a duplicate id", "duplicate_id" }
	};

	return (unsigned)k < IMPORT_REJ_N ? name[k][key != 0] : "";
}

const char *
import_type_name(enum import_type t)
{
	switch (t) {
	case IMPORT_INTEGER:
		return "INTEGER";
	case IMPORT_REAL:
		return "REAL";
	case IMPORT_DATE:
		return "DATE";
	default:
		return "TEXT";
	}
}

int
import_type_parse(const char *s, enum import_type *t)
{
	static const enum import_type all[] = { IMPORT_INTEGER, IMPORT_REAL,
	    IMPORT_TEXT, IMPORT_DATE };
	size_t k;

	for (k = 0; k < 4; k++)
		if (strcasecmp(s, import_type_name(all[k])) == 0) {
			*t = all[k];
			return 0;
		}
	return -1;
}

/* Whether a non-missing cell parses as the forced type of cs. */
static int
cell_fits(const struct imp *im, const struct col_stat *cs, const char *s,
	size_t len)
{
	switch (cs->type) {
	case IMPORT_INTEGER:
		return cell_integer(im, s, len, NULL) == 1;
	case IMPORT_REAL:
		return cell_num(im, s, len, NULL, NULL) != CELL_OTHER;
	case IMPORT_DATE:
		return cell_date(cs->date_fmt, 0, s, len, NULL);
	default:
		return 1;
	}
}

/* What a cell of cs should be, for messages: "a date like %d/%m/%Y". */
static const char *
type_article(const struct col_stat *cs, char *buf, size_t len)
{
	switch (cs->type) {
	case IMPORT_INTEGER:
		return "an integer";
	case IMPORT_REAL:
		return "a number";
	case IMPORT_DATE:
		if (strcmp(cs->date_fmt, "%Y-%m-%d") == 0)
			return "a date YYYY-MM-DD";
		snprintf(buf, len, "a date written %s", cs->date_fmt);
		return buf;
	default:
		return "text";
	}
}

/* ------------------------------------------------------------ errors */

static void
imp_fail_rec(struct imp *im, enum rd_err_class cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
imp_fail_cur(struct imp *im, enum rd_err_class cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Producer: fail at the current record's start line. */
static void
imp_fail_rec(struct imp *im, enum rd_err_class cls, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	if (im->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd_err_setloc(&im->perr, cls, im->spec->csv_path, im->rec_line, 0,
	    "%s", msg);
	im->failed = 1;
}

/* Consumer: fail at the start line of the record being processed. */
static void
imp_fail_cur(struct imp *im, enum rd_err_class cls, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	if (im->cfailed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd_err_setloc(im->err, cls, im->spec->csv_path, im->cur->line,
	    im->fail_col, "%s", msg);
	im->cfailed = 1;
}

static int
db_fail(struct rd_err *err, sqlite3 *h, const char *what)
{
	return rd_err_set(err, RD_EDB, "%s: %s", what, sqlite3_errmsg(h));
}

/* -------------------------------------------------------------- rows */

/* Why a row is rejected (imp.rej_why, imp.why). */
enum { REJ_FIELDS, REJ_ID, REJ_TYPE, REJ_DUP };

/* Note why the row about to be rejected is, when it is pass 1's first. */
static void
reject_why(struct imp *im, int why, size_t j)
{
	im->why = why;
	if (im->pass == 1 && im->nreject == 0) {
		im->rej_why = why;
		im->rej_j = j;
	}
}

static void
reject(struct imp *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The current record cannot be taken: under spec->strict that fails the
 * import at its line; otherwise pass 2 writes it to rd_reject with its
 * raw text (line ends stripped) and the reason.
 */
static void
reject(struct imp *im, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	sqlite3_stmt *st = im->rej;
	const char *raw = im->cur->raw;
	size_t n = im->cur->rawlen;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->spec->strict) {
		imp_fail_cur(im, RD_EINPUT, "%s", msg);
		return;
	}
	if (im->nreject++ == 0 && im->pass == 1) {
		im->rej_line = im->cur->line;
		im->rej_col = im->fail_col;
		snprintf(im->rej_msg, sizeof im->rej_msg, "%s", msg);
	}
	if (im->pass != 2)
		return;
	if (im->nreject == 1) {
		im->rej2_line = im->cur->line;
		im->rej2_col = im->fail_col;
		snprintf(im->rej2_msg, sizeof im->rej2_msg, "%s", msg);
	}
	im->rej_by[im->why == REJ_FIELDS ? (im->cur->nfield < im->ncols ?
	    IMPORT_REJ_SHORT : IMPORT_REJ_LONG) : im->why == REJ_ID ?
	    IMPORT_REJ_ID : im->why == REJ_TYPE ? IMPORT_REJ_TYPE :
	    IMPORT_REJ_DUP]++;
	while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		n--;
	rc = db_bind_text(st, 1, im->spec->table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, im->cur->line);
	if (rc == SQLITE_OK)
		rc = db_bind_text(st, 3, raw ? raw : "", (int)n,
		    SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = db_bind_text(st, 4, msg, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		imp_fail_cur(im, RD_EDB, "cannot write rejected row: %s",
		    sqlite3_errmsg(im->h));
	sqlite3_reset(st);
}

/*
 * Check the buffered record: field count, forced types, a missing id.
 * Returns 1 when it can be taken, 0 when it was rejected (or failed).
 */
static int
record_ok(struct imp *im)
{
	size_t j;

	if (im->cur->nfield != im->ncols) {
		reject_why(im, REJ_FIELDS, 0);
		reject(im, "expected %zu fields, found %zu", im->ncols,
		    im->cur->nfield);
		return 0;
	}
	for (j = 0; j < im->ncols; j++) {
		const struct col_stat *cs = &im->stat[j];
		const char *s = im->cur->row + im->cur->off[j];
		size_t len = im->cur->len[j];

		if (!cs->forced && !cs->checked && (int)j != im->id_col)
			continue;
		if (cell_missing(im, s, len)) {
			if ((int)j == im->id_col) {
				reject_why(im, REJ_ID, j);
				reject(im, "column \"%s\" (%zu): expected an "
				    "id, found a missing value",
				    im->names[j], j + 1);
				return 0;
			}
			continue;
		}
		if ((cs->forced || cs->checked) &&
		    !cell_fits(im, cs, s, len)) {
			char what[64], why[320] = "", plain[ODD_LEN + 8];

			/* Under --strict (and when every row is rejected)
			 * the error points at the field. */
			im->fail_col = im->cur->plain ?
			    (long)im->cur->off[j] + 1 : 0;
			/* A number that is not finite: the option that reads
			 * it as missing instead. */
			if ((cs->type == IMPORT_INTEGER ||
			    cs->type == IMPORT_REAL) && len < 40 &&
			    cell_nonfinite(s, len))
				snprintf(why, sizeof why, ", not a finite "
				    "number (--na %.*s reads it as missing)",
				    (int)len, s);
			else if ((cs->type == IMPORT_INTEGER ||
			    cs->type == IMPORT_REAL) && len < ODD_LEN &&
			    decor_kind(im, s, len, plain, sizeof plain) !=
			    ODD_OTHER)
				snprintf(why, sizeof why, ", %s: write it "
				    "%s", decor_what(im, s, len), plain);
			else if (cs->type == IMPORT_INTEGER &&
			    int_syntax(s, len))
				snprintf(why, sizeof why, ", past the 64-bit "
				    "range of an integer (--type %.100s=text "
				    "keeps its digits)", im->names[j]);
			else if (cs->type == IMPORT_INTEGER &&
			    cell_integer(im, s, len, NULL) == 2)
				snprintf(why, sizeof why, ", a whole number "
				    "past the 64-bit range of an integer");
			else if (cs->type == IMPORT_INTEGER &&
			    cell_num(im, s, len, NULL, NULL) == CELL_REAL)
				snprintf(why, sizeof why, ", a number with a "
				    "fraction");
			reject_why(im, REJ_TYPE, j);
			reject(im, "column \"%s\" (field %zu): expected %s, "
			    "found \"%.*s\"%s", im->names[j], j + 1,
			    type_article(cs, what, sizeof what),
			    (int)(len < 40 ? len : 40), s, why);
			im->fail_col = 0;
			return 0;
		}
		/* --type real read an integer past 64 bits: rounded, as
		 * asked, and said (decide_types). */
		if (im->pass == 1 && cs->forced && cs->type == IMPORT_REAL &&
		    int_syntax(s, len) && cell_num(im, s, len, NULL, NULL) ==
		    CELL_REAL)
			odd_add(&((struct col_stat *)cs)->big, s, len,
			    im->cur->line);
	}
	return 1;
}

/*
 * Whether a cell is a code with a leading zero, [sign] 0 digit ...
 * ("007", "-0123"), whose zeros a number would lose; "0" and "0.5" are
 * not.
 */
static int
cell_leading_zero(const char *s, size_t len)
{
	if (len > 0 && (s[0] == '+' || s[0] == '-')) {
		s++;
		len--;
	}
	return len >= 2 && s[0] == '0' && is_digit(s[1]);
}

/*
 * A 64-bit hash of s[0..len) for counting distinct values: eight bytes
 * at a time, each step a bijection of the state (so two texts of one
 * length that differ only in their last eight bytes never collide), the
 * length folded into the start.  Two other texts share a key with
 * probability about 2^-64: a million distinct values all keep distinct
 * keys but with a chance below 3e-8.
 */
static uint64_t
hash_text(const char *s, size_t len)
{
	uint64_t h = rd_mix64(0x9e3779b97f4a7c15ULL ^ (uint64_t)len), w;

	while (len >= 8) {
		memcpy(&w, s, 8);
		h = rd_mix64(h ^ w);
		s += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, s, len);
	return rd_mix64(h ^ w);
}

/*
 * Whether a date cell that reads in the layout of cs is written as the
 * import stores it: an ISO layout, every field of two digits, a space
 * before the time.
 */
static int
iso_as_stored(const struct col_stat *cs, const char *s, size_t len)
{
	if (!cs->date_time)
		return len == DATEFMT_ISO_DATE_LEN && (cs->date_fmt ==
		    datefmt_auto[0] || cs->date_fmt == iso_mixed);
	return len == DATEFMT_ISO_TIME_LEN && s[10] == ' ' &&
	    (cs->date_fmt == datefmt_auto[1] || cs->date_fmt == iso_mixed);
}

/*
 * Pass 1: keep of a cell's date layouts (cs->date_ok) those that read it,
 * and whether every cell is in some ISO layout.  Returns whether a layout
 * still reads every cell, or the ISO layouts do between them.
 */
static int
date_cell(struct col_stat *cs, const char *s, size_t len)
{
	struct datefmt_tm tm;
	int k, t;

	/* Every layout of datefmt_auto starts with a digit. */
	if (len == 0 || !is_digit(s[0])) {
		cs->date_ok = 0;
		return 0;
	}
	if (cs->first_eg[0] == '\0')
		snprintf(cs->first_eg, sizeof cs->first_eg, "%.*s", (int)len,
		    s);
	t = -1;		/* an ISO layout read it: with a time (1) or not */
	for (k = 0; k < DATEFMT_NAUTO; k++) {
		if (!(cs->date_ok & (1u << k)))
			continue;
		if (!datefmt_parse(datefmt_auto[k], s, len, &tm))
			cs->date_ok &= ~(1u << k);
		else if (k < DATEFMT_NISO && t < 0)
			t = k > 0;
	}
	if ((cs->date_ok & ISO_ALL) && t < 0 &&
	    !datefmt_parse_iso(s, len, &tm, &t))
		cs->date_ok &= ~ISO_ALL;
	else if (cs->date_ok & ISO_ALL)
		cs->iso_time |= t;
	return cs->date_ok != 0;
}

/*
 * Pass 1: count a cell that is no number under every layout of
 * datefmt_auto that reads it (cs->date_n), or among those no layout
 * reads (cs->nodate, cs->nod), so that a column of dates that a few
 * cells made text ("2023-02-30", "13/02/2023" among ISO dates) is told
 * apart from text (decide_date_text).  Counting stops once those no
 * layout reads are more than DATE_COUNT_MIN and than those some layout
 * reads: then the column is text.
 */
#define DATE_COUNT_MIN 20

static void
date_tally(struct col_stat *cs, const char *s, size_t len, long line)
{
	struct datefmt_tm tm;
	size_t read = 0;
	int k, any = 0;

	/* Every layout of datefmt_auto starts with a digit. */
	for (k = 0; k < DATEFMT_NAUTO; k++)
		if (len > 0 && is_digit(s[0]) &&
		    datefmt_parse(datefmt_auto[k], s, len, &tm)) {
			if (cs->date_n[k]++ == 0) {
				snprintf(cs->date_eg[k], sizeof cs->date_eg[k],
				    "%.*s", (int)len, s);
				cs->date_line[k] = line;
			}
			any = 1;
		} else {
			odd_add(&cs->dmiss[k], s, len, line);
		}
	if (any)
		return;
	cs->nodate++;
	for (k = 0; k < DATEFMT_NAUTO; k++)
		read = cs->date_n[k] > read ? cs->date_n[k] : read;
	if (cs->nodate > DATE_COUNT_MIN && cs->nodate > read)
		cs->date_count = 0;
}

/* Pass 1: one data cell of an accepted record, starting at line, at
   column col of it (0: not known); sample: the record is one of the
   first id_prefix, whose cells are sampled for identifiers. */
static void
infer_cell(const struct imp *im, struct col_stat *cs, const char *s,
	size_t len, int sample, long line, long col)
{
	enum cell_kind k;

	if (cell_missing(im, s, len))
		return;
	if (sample) {
		if (cs->pre == NULL)
			cs->pre = xreallocarray(NULL, im->scan->id_prefix,
			    sizeof *cs->pre);
		cs->pre[cs->npre++] = hash_text(s, len);
	}
	/* A negative in parentheses read as one is said, in a column of
	   any numeric type (decide's, forced, too): paren_read. */
	if (s[0] == '(' && (cs->type == IMPORT_INTEGER || cs->type ==
	    IMPORT_REAL || !cs->forced) && cell_num(im, s, len, NULL,
	    NULL) != CELL_OTHER)
		odd_add(&cs->paren, s, len, line);
	if (cs->forced)
		return;
	cs->present++;
	/* Every cell is read as a number, text columns' too, so that a
	 * column of numbers with a few other cells is told apart from
	 * text; a word fails at its first letter. */
	k = cell_num(im, s, len, NULL, NULL);
	/* An integer past 64 bits is no reason to make a column of
	 * integers real, rounding it: noted, decide_types chooses. */
	if (k == CELL_REAL && int_syntax(s, len))
		odd_add(&cs->big, s, len, line);
	/* Nor a number beyond a double ("1e309", "Inf", "NaN") a reason to
	 * make a column of numbers text. */
	else if (k == CELL_OTHER && cell_nonfinite(s, len)) {
		odd_add(&cs->odd[ODD_NONFINITE], s, len, line);
		cs->date_ok = 0;
		return;
	} else if (k != CELL_INT)
		cs->maybe_int = 0;
	if (k != CELL_OTHER) {
		cs->nums++;
		if (s[0] == '-' || s[0] == '(')
			cs->negative = 1;
		if (im->spec->thousands == ',' && comma3(s, len))
			odd_add(&cs->read3, s, len, line);
		/* The first number no integer column could take, for an
		   append to one (append_check). */
		if (k == CELL_REAL && cs->frac.n == 0) {
			int w = cell_integer(im, s, len, NULL);

			if (w != 1) {
				odd_add(&cs->frac, s, len, line);
				cs->frac_col = col;
				cs->frac_big = w == 2;
			}
		}
		if (memchr(s, '.', len) != NULL)
			cs->dotted++;
		/* A code such as "007": counted; decide_types chooses. */
		if (cell_leading_zero(s, len) && cs->lz++ == 0)
			snprintf(cs->lz_eg, sizeof cs->lz_eg, "%.*s",
			    (int)len, s);
		/* Widths: a cell is never empty, so 0 is "none yet". */
		if (len != cs->width) {
			cs->fixed = cs->width == 0;
			cs->width = cs->width == 0 ? len : cs->width;
		}
		cs->date_ok = 0;
		return;
	}
	cs->maybe_real = 0;
	if (cs->date_ok)
		date_cell(cs, s, len);
	if (cs->date_count)
		date_tally(cs, s, len, line);
	{
		enum odd_kind ok = odd_kind(im, s, len);

		if (ok == ODD_GROUP_COMMA && comma3(s, len))
			cs->comma3++;
		odd_add(&cs->odd[ok], s, len, line);
	}
}

static int same_value_spelt_otherwise(const char *a, const char *b);

/* Pass 2: the record at position ord is not tallied (rejected). */
static void
rec_untallied(struct imp *im, size_t ord)
{
	if (im->nskip == im->capskip) {
		im->capskip = im->capskip ? 2 * im->capskip : 64;
		im->skip = xreallocarray(im->skip, im->capskip,
		    sizeof *im->skip);
	}
	im->skip[im->nskip++] = ord;
}

/* A key for the distinct count of a candidate column. */
static void
key_add(struct col_stat *cs, uint64_t key)
{
	if (cs->nkeys == cs->capkeys) {
		cs->capkeys = cs->capkeys ? 2 * cs->capkeys : 4096;
		cs->keys = xreallocarray(cs->keys, cs->capkeys,
		    sizeof *cs->keys);
	}
	cs->keys[cs->nkeys++] = key;
}

/*
 * The run of integer column cs breaks at the record at position ord: for
 * a candidate, the keys the run implied (base + the position of every
 * record tallied before) are written out.
 */
static void
seq_break(struct imp *im, struct col_stat *cs, size_t ord)
{
	size_t o, s = 0;

	if (!cs->seq_ok)
		return;
	cs->seq_ok = 0;
	if (!cs->cand || !cs->seq_any)
		return;
	for (o = 0; o < ord; o++) {
		while (s < im->nskip && im->skip[s] < o)
			s++;
		if (s < im->nskip && im->skip[s] == o)
			continue;
		key_add(cs, rd_mix64((uint64_t)cs->seq_base + (uint64_t)o));
	}
}

/*
 * Pass 2: add an accepted record's values to its columns' summaries
 * (col_stat, "Pass 2 over numbers" and the identifier keys).
 */
static void
rec_tally(struct imp *im, const struct rec *r)
{
	size_t t, j;

	for (t = 0; t < im->ntally; t++) {
		struct col_stat *cs = &im->stat[j = im->tally[t]];
		unsigned char k = r->kind[j];
		uint64_t key = 0;

		if (cs->type == IMPORT_INTEGER || cs->type == IMPORT_REAL) {
			if (k == CELL_K_NULL) {
				seq_break(im, cs, r->ord);
				continue;
			}
			if (!r->special[j])
				colscan_add_inline(&cs->scan, k == CELL_K_INT ?
				    (double)r->val[j].i : r->val[j].d);
			if (k == CELL_K_INT && cs->seq_ok) {
				/* Wrapping arithmetic: no overflow. */
				int64_t b = (int64_t)((uint64_t)r->val[j].i -
				    (uint64_t)r->ord);

				if (!cs->seq_any) {
					cs->seq_base = b;
					cs->seq_any = 1;
				} else if (b != cs->seq_base) {
					seq_break(im, cs, r->ord);
				}
			}
		}
		if (!cs->cand || k == CELL_K_NULL ||
		    (cs->type == IMPORT_INTEGER && cs->seq_ok))
			continue;
		if (k == CELL_K_INT)
			key = rd_mix64((uint64_t)r->val[j].i);
		else if (k == CELL_K_TEXT)
			key = hash_text(r->row + r->off[j], r->len[j]);
		else if (k == CELL_K_CONV)
			key = hash_text(r->conv + j * DATEFMT_ISO_MAX,
			    cs->date_time ? DATEFMT_ISO_TIME_LEN :
			    DATEFMT_ISO_DATE_LEN);
		else
			continue;
		key_add(cs, key);
	}
}

/*
 * Producer, pass 2: the target code of a prepared record, as the dataset
 * load will read it (db_target_rule): a number compares as a number (the
 * cell " 1.0" is the bad value 1), text as written, a date in ISO form.
 * A text cell that holds a listed value written otherwise (another case,
 * blanks around it, "1.0" for "1") is noted in r->tvar.
 */
static void
rec_target(const struct imp *im, struct rec *r)
{
	const struct db_target_rule *tr = &im->rule;
	int t = im->target_col;
	const char *v = r->row + r->off[t];
	size_t k;

	switch (r->kind[t]) {
	case CELL_K_NULL:
		r->tcode = DS_INDET;
		return;
	case CELL_K_INT:
		r->tcode = db_target_rule_num(tr, (double)r->val[t].i);
		return;
	case CELL_K_REAL:
		r->tcode = db_target_rule_num(tr, r->val[t].d);
		return;
	case CELL_K_CONV:
		v = r->conv + t * DATEFMT_ISO_MAX;
		break;
	default:
		break;
	}
	r->tcode = db_target_rule_text(tr, v);
	/* A listed value as written is no other spelling. */
	if (r->tcode == DS_BAD || (r->tcode == DS_GOOD && tr->ngood > 0) ||
	    r->kind[t] != CELL_K_TEXT)
		return;
	for (k = 0; k < tr->nbad; k++)
		if (same_value_spelt_otherwise(v, tr->bad[k])) {
			r->tvar = (int)k;
			return;
		}
	for (k = 0; r->tcode == DS_INDET && k < tr->ngood; k++)
		if (same_value_spelt_otherwise(v, tr->good[k])) {
			r->tvar = (int)(tr->nbad + k);
			return;
		}
}

/*
 * Producer, pass 2: parse each cell of a complete record as its column's
 * type, so that the consumer, which holds SQLite, only binds; dates are
 * rewritten in ISO form.  A cell that no longer parses (the file changed
 * since pass 1) is CELL_K_BAD.  A record the consumer will accept is
 * tallied here, unless the consumer does it (tally_late).
 */
static void
rec_prepare(struct imp *im, struct rec *r)
{
	size_t j;
	int ok = 1;

	if (r->nfield != im->ncols) {
		if (!im->tally_late)
			rec_untallied(im, r->ord);
		return;		/* rejected by record_ok */
	}
	for (j = 0; j < im->ncols; j++) {
		const struct col_stat *cs = &im->stat[j];
		const char *s = r->row + r->off[j];
		size_t len = r->len[j];
		unsigned char k;

		r->special[j] = 0;
		if (cell_missing(im, s, len)) {
			r->kind[j] = CELL_K_NULL;
			if ((int)j == im->id_col)
				ok = 0;
			continue;
		}
		switch (cs->type) {
		case IMPORT_INTEGER:
			k = cell_integer(im, s, len, &r->val[j].i) == 1 ?
			    CELL_K_INT : CELL_K_BAD;
			break;
		case IMPORT_REAL:
			k = cell_num(im, s, len, NULL, &r->val[j].d) !=
			    CELL_OTHER ? CELL_K_REAL : CELL_K_BAD;
			break;
		case IMPORT_DATE:
			/* Already in the stored form: bound as it is. */
			if (iso_as_stored(cs, s, len))
				k = cell_date(cs->date_fmt, cs->date_time, s,
				    len, NULL) ? CELL_K_TEXT : CELL_K_BAD;
			else
				k = cell_date(cs->date_fmt, cs->date_time, s,
				    len, r->conv + j * DATEFMT_ISO_MAX) ?
				    CELL_K_CONV : CELL_K_BAD;
			break;
		default:
			/* Text keeps its blanks. */
			r->off[j] = r->woff[j];
			r->len[j] = r->wlen[j];
			k = CELL_K_TEXT;
			break;
		}
		r->kind[j] = k;
		ok = ok && k != CELL_K_BAD;
		if (cs->nspv > 0 && cell_special(cs, s, len, k, &r->val[j]))
			r->special[j] = 1;
	}
	if (ok && !im->tally_late)
		rec_tally(im, r);
	else if (!im->tally_late)
		rec_untallied(im, r->ord);
	r->tvar = -1;
	if (im->count_here)
		rec_target(im, r);
}

/* Pass 2: count the imported record r whose target is a listed value
   written otherwise (r->tvar) under its spelling. */
static void
tvar_add(struct imp *im, const struct rec *r)
{
	const char *v = r->row + r->off[im->target_col];
	size_t len = r->len[im->target_col], k;
	struct tvar *tv;

	for (k = 0; k < im->ntvar; k++)
		if (strlen(im->tvar[k].v) == len &&
		    memcmp(im->tvar[k].v, v, len) == 0 &&
		    im->tvar[k].of == r->tvar) {
			im->tvar[k].n++;
			return;
		}
	if (im->ntvar == TVAR_MAX || len >= ODD_LEN) {
		im->tvar_more++;
		return;
	}
	tv = &im->tvar[im->ntvar++];
	memcpy(tv->v, v, len);
	tv->v[len] = '\0';
	tv->n = 1;
	tv->line = r->line;
	tv->of = r->tvar;
	tv->code = r->tcode;
}

/* Pass 2: bind the prepared record and insert it. */
static void
insert_record(struct imp *im)
{
	sqlite3_stmt *st = im->ins;
	struct rec *r = im->cur;
	size_t j;
	int rc = SQLITE_OK;

	for (j = 0; j < im->ncols && rc == SQLITE_OK; j++) {
		int k = (int)j + 1;

		switch (r->kind[j]) {
		case CELL_K_NULL:
			rc = sqlite3_bind_null(st, k);
			break;
		case CELL_K_INT:
			rc = sqlite3_bind_int64(st, k, r->val[j].i);
			break;
		case CELL_K_REAL:
			rc = sqlite3_bind_double(st, k, r->val[j].d);
			break;
		case CELL_K_TEXT:
			/* The buffer outlives the step below. */
			rc = db_bind_text(st, k, r->row + r->off[j],
			    (int)r->len[j], SQLITE_STATIC);
			break;
		case CELL_K_CONV:
			rc = db_bind_text(st, k, r->conv +
			    j * DATEFMT_ISO_MAX, im->stat[j].date_time ?
			    DATEFMT_ISO_TIME_LEN : DATEFMT_ISO_DATE_LEN,
			    SQLITE_STATIC);
			break;
		default: {
			char what[64];

			imp_fail_cur(im, RD_EIO, "column %zu: expected %s, "
			    "found \"%.40s\" (file changed during import?)",
			    j + 1, type_article(&im->stat[j], what,
			    sizeof what), r->row + r->off[j]);
			return;
		}
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE && im->id_col >= 0) {
		const char *v = r->row + r->off[im->id_col];

		if (im->spec->on_duplicate == IMPORT_DUP_FIRST) {
			reject_why(im, REJ_DUP, (size_t)im->id_col);
			reject(im, "duplicate id \"%.40s\" in column \"%s\"",
			    v, im->names[im->id_col]);
			if (im->tally_late)
				rec_untallied(im, r->ord);
			return;
		}
		if (im->ndup == 0)
			snprintf(im->dup_val, sizeof im->dup_val, "%s", v);
		if (im->ndup < IMPORT_DUP_LINES)
			im->dup_line[im->ndup] = r->line;
		im->ndup++;
		return;
	}
	if (rc != SQLITE_DONE) {
		imp_fail_cur(im, RD_EDB, "cannot insert record: %s",
		    sqlite3_errstr(rc));
		return;
	}
	im->ninsert++;
	if (im->tally_late)
		rec_tally(im, r);
	if (im->count_here) {
		im->cnt[1 + r->tcode]++;
		if (r->tvar >= 0)
			tvar_add(im, r);
	}
	for (j = 0; j < im->ncols; j++) {
		if (r->kind[j] == CELL_K_NULL)
			im->stat[j].missing++;
		else if (r->special[j])
			im->stat[j].special++;
	}
}

/* --------------------------------------------------------- callbacks */

/* Whether the record being read is the header: the first record, or,
   with no_header, the first record read in pass 1 (whose cells then name
   nothing but are kept as data; see first_as_data). */
#define IS_HEADER(im) ((im)->nrec == 0 && ((im)->hdr || (im)->pass == 1))

static void rec_next(struct imp *im);
static int batch_hand_over(struct imp *im);

/* The longest field the spec allows, in bytes. */
static size_t
max_field(const struct imp *im)
{
	return im->spec->max_field ? im->spec->max_field : IMPORT_MAX_FIELD;
}

/* Producer: field k (0-based) of the record that starts at line is longer
   than the limit. */
static void
field_too_long(struct imp *im, size_t k, long line)
{
	char b[FMT_BUF];

	im->rec_line = line;
	imp_fail_rec(im, RD_EINPUT, "expected fields of at most %s bytes, "
	    "found a longer one (field %zu of the record starting here); "
	    "--max-field <bytes> raises the limit", fmt_count(b,
	    (double)max_field(im)), k + 1);
}

static void
header_field(struct imp *im, const char *s, size_t len)
{
	if (im->ncols == im->capnames) {
		im->capnames = im->capnames ? 2 * im->capnames : 32;
		im->names = xreallocarray(im->names, im->capnames,
		    sizeof *im->names);
	}
	im->names[im->ncols++] = xstrndup(s, len);
}

static int
column_index(const struct imp *im, const char *name)
{
	size_t j;

	for (j = 0; j < im->ncols; j++)
		if (strcmp(im->names[j], name) == 0)
			return (int)j;
	return -1;
}

/* 1 when name is taken by a column other than skip (SQLite compares
   names without ASCII case). */
static int
name_taken(const struct imp *im, const char *name, size_t skip)
{
	size_t k;

	for (k = 0; k < im->ncols; k++)
		if (k != skip && im->names[k] != NULL &&
		    sqlite3_stricmp(im->names[k], name) == 0)
			return 1;
	return 0;
}

/* base, or base.1, base.2, ... (R's make.unique): the first that no
   column but j has.  Caller frees. */
static char *
unique_name(const struct imp *im, const char *base, size_t j)
{
	size_t n = strlen(base) + 24, k;
	char *s = xmalloc(n);

	snprintf(s, n, "%s", base);
	for (k = 1; name_taken(im, s, j); k++)
		snprintf(s, n, "%s.%zu", base, k);
	return s;
}

/* Whether s[0..len) is empty or only blanks. */
static int
blank_cell(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Whether a header cell is empty or only blanks. */
static int
blank_name(const char *s)
{
	return blank_cell(s, strlen(s));
}

/*
 * Name the columns of a header (the cells are im->names): a repeated name
 * made unique, then an empty cell named after its position; what each
 * was is kept in im->header, how it came in im->name_from.
 */
static void
header_names(struct imp *im)
{
	char gen[32];
	size_t j, k;
	int numeric = im->ncols > 0;

	for (j = 0; j < im->ncols; j++) {
		const char *h = im->names[j];

		if (numeric && cell_num(im, h, strlen(h), NULL, NULL) ==
		    CELL_OTHER)
			numeric = 0;
		if (blank_name(h)) {
			im->header[j] = im->names[j];
			im->names[j] = NULL;
			im->name_from[j] = IMPORT_NAME_EMPTY;
		}
	}
	im->hdr_numeric = numeric;
	for (j = 0; j < im->ncols; j++) {
		if (im->names[j] == NULL)
			continue;
		for (k = 0; k < j; k++)
			if (im->names[k] != NULL && sqlite3_stricmp(
			    im->names[k], im->names[j]) == 0)
				break;
		if (k == j)
			continue;
		im->header[j] = im->names[j];
		im->names[j] = NULL;
		im->names[j] = unique_name(im, im->header[j], j);
		im->name_from[j] = IMPORT_NAME_REPEATED;
		im->nrepeated++;
	}
	for (j = 0; j < im->ncols; j++)
		if (im->names[j] == NULL) {
			snprintf(gen, sizeof gen, GENERATED_NAME "%zu", j + 1);
			im->names[j] = unique_name(im, gen, j);
		}
}

/*
 * With no_header: the first record's cells (im->names) are data; name
 * the columns from spec->names or by position.  The cells move to
 * im->first.
 */
static void
numbered_names(struct imp *im)
{
	const struct import_spec *spec = im->spec;
	char gen[32];
	size_t j;

	im->first = im->names;
	im->names = xcalloc(im->ncols ? im->ncols : 1, sizeof *im->names);
	im->capnames = im->ncols ? im->ncols : 1;
	for (j = 0; j < im->ncols; j++) {
		if (spec->nnames > 0) {
			im->names[j] = xstrdup(spec->names[j]);
			im->name_from[j] = IMPORT_NAME_GIVEN;
		} else {
			snprintf(gen, sizeof gen, GENERATED_NAME "%zu", j + 1);
			im->names[j] = xstrdup(gen);
			im->name_from[j] = IMPORT_NAME_NUMBERED;
		}
	}
}

#define COLUMNS_LISTED 12	/* column names an error lists at most */

/* s[0..*n) without the blanks around it: the start, *n shortened. */
static const char *
trim_blanks(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/*
 * The end of the message about a column name that the file lacks, into
 * buf[len]: "; did you mean \"bad\"?" when a column has the name in
 * another case or with blanks around it (names are matched as written),
 * then the file's columns, the first COLUMNS_LISTED of them.
 */
static void
no_column_hint(const struct imp *im, const char *name, char *buf,
	size_t len)
{
	size_t j, n = 0, nn = strlen(name), m;
	const char *a = trim_blanks(name, &nn), *b;

	buf[0] = '\0';
	for (j = 0; j < im->ncols; j++) {
		m = strlen(im->names[j]);
		b = trim_blanks(im->names[j], &m);
		if (m == nn && strncasecmp(a, b, m) == 0) {
			n = (size_t)snprintf(buf, len, "; did you mean "
			    "\"%s\"? (names are matched as written, case "
			    "included)", im->names[j]);
			break;
		}
	}
	n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "; the "
	    "columns are");
	for (j = 0; j < im->ncols && j < COLUMNS_LISTED && n < len; j++)
		n += (size_t)snprintf(buf + n, len - n, "%s\"%s\"",
		    j == 0 ? " " : ", ", im->names[j]);
	if (im->ncols > COLUMNS_LISTED && n < len)
		snprintf(buf + n, len - n, " and %zu more",
		    im->ncols - COLUMNS_LISTED);
}

/* The index of column name, given by an option as what ("given a
   type"); -1 failing the import when the file has no such column. */
static int
option_column(struct imp *im, const char *name, const char *what)
{
	int c = column_index(im, name);
	char hint[RD_ERR_MSG / 2];

	if (c < 0) {
		no_column_hint(im, name, hint, sizeof hint);
		imp_fail_rec(im, RD_EINPUT, "expected column \"%s\" (%s) in "
		    "the header, found no such column%s", name, what, hint);
	}
	return c;
}

/* The header is complete: name the columns, set up the column state. */
static void
header_done(struct imp *im)
{
	const struct import_spec *spec = im->spec;
	size_t j, k;
	int c;

	if (im->ncols > im->max_cols) {
		char b1[FMT_BUF], b2[FMT_BUF];

		char cut[16] = "";

		if (im->delim != '\t')	/* cut's own delimiter is a tab */
			snprintf(cut, sizeof cut, "-d'%c' ", im->delim);
		imp_fail_rec(im, RD_EINPUT, "expected at most %s columns (the "
		    "limit of a SQLite table), found %s in the %s: keep the "
		    "columns you need (e.g. cut %s-f1-%zu) or split the "
		    "file into tables that share an id column", fmt_count(b1,
		    (double)im->max_cols), fmt_count(b2, (double)im->ncols),
		    im->hdr ? "header" : "first line", cut, im->max_cols);
		return;
	}
	im->name_from = xcalloc(im->ncols ? im->ncols : 1,
	    sizeof *im->name_from);
	im->header = xcalloc(im->ncols ? im->ncols : 1, sizeof *im->header);
	if (!im->hdr && spec->nnames > 0 && spec->nnames != im->ncols) {
		imp_fail_rec(im, RD_EUSAGE, "--names gives %zu name%s, but the "
		    "first line has %zu field%s; give one name for each",
		    spec->nnames, spec->nnames == 1 ? "" : "s", im->ncols,
		    im->ncols == 1 ? "" : "s");
		return;
	}
	if (im->hdr)
		header_names(im);
	else
		numbered_names(im);
	im->stat = xcalloc(im->ncols, sizeof *im->stat);
	for (j = 0; j < im->ncols; j++) {
		struct col_stat *cs = &im->stat[j];

		cs->maybe_int = cs->maybe_real = 1;
		cs->date_ok = ((1u << DATEFMT_NAUTO) - 1) | ISO_ALL;
		cs->date_count = 1;
		cs->spv = xcalloc(spec->nspecial + 1, sizeof *cs->spv);
		cs->role = -1;
		cs->seq_ok = 1;
		colscan_init(&cs->scan);
	}
	for (k = 0; k < spec->ntypes; k++) {
		if ((c = option_column(im, spec->types[k].column,
		    "given a type")) < 0)
			return;
		im->stat[c].forced = 1;
		im->stat[c].type = spec->types[k].type;
		im->stat[c].date_fmt = datefmt_auto[0];	/* YYYY-MM-DD */
	}
	for (k = 0; k < spec->ndates; k++) {
		if ((c = option_column(im, spec->dates[k].column,
		    "given a date format")) < 0)
			return;
		if (im->stat[c].forced && im->stat[c].type != IMPORT_DATE) {
			imp_fail_rec(im, RD_EUSAGE, "column \"%s\" is given "
			    "both a --type other than date and a "
			    "--date-format", spec->dates[k].column);
			return;
		}
		im->stat[c].forced = 1;
		im->stat[c].type = IMPORT_DATE;
		im->stat[c].date_fmt = spec->dates[k].format;
		im->stat[c].date_time = datefmt_has_time(
		    spec->dates[k].format);
	}
	for (k = 0; k < spec->nspecial; k++) {
		if ((c = option_column(im, spec->special[k].column,
		    "given special values")) < 0)
			return;
		im->stat[c].spv[im->stat[c].nspv++] = spec->special[k].value;
	}
	for (j = 0; j < im->ncols; j++) {
		struct col_stat *cs = &im->stat[j];

		if (cs->nspv == 0)
			continue;
		cs->spd = xcalloc(cs->nspv, sizeof *cs->spd);
		cs->spi = xcalloc(cs->nspv, sizeof *cs->spi);
		cs->spint = xcalloc(cs->nspv, sizeof *cs->spint);
		cs->spn = xcalloc(cs->nspv, sizeof *cs->spn);
		for (k = 0; k < cs->nspv; k++)
			cs->spint[k] = (unsigned char)special_number(
			    cs->spv[k], &cs->spd[k], &cs->spi[k]);
	}
	for (k = 0; k < spec->nroles; k++) {
		if ((c = option_column(im, spec->roles[k].column,
		    "given a role")) < 0)
			return;
		im->stat[c].role = spec->roles[k].identifier;
	}
	im->id_col = im->target_col = -1;
	if (im->id_name != NULL && (im->id_col = column_index(im,
	    im->id_name)) < 0) {
		char hint[RD_ERR_MSG / 2];

		no_column_hint(im, im->id_name, hint, sizeof hint);
		imp_fail_rec(im, RD_EINPUT, "expected id column \"%s\"%s in "
		    "the header, found no such column%s", im->id_name,
		    spec->id == NULL ? " (the key of the table appended to)" :
		    "", hint);
	} else if (im->id_col >= 0 && im->stat[im->id_col].role == 0)
		imp_fail_rec(im, RD_EUSAGE, "id column \"%s\" is given the "
		    "role ordinary; an id column is an identifier",
		    im->id_name);
	else if (im->id_col >= 0)
		im->stat[im->id_col].role = 1;
}

static void
cb_field(void *s, size_t len, void *arg)
{
	struct imp *im = arg;
	struct rec *r = im->prec;
	size_t j;

	if (im->failed)
		return;
	if (r->nfield == 0) {
		im->rec_line = im->next_start;
		r->plain = 0;
	}
	if (len > max_field(im)) {
		field_too_long(im, r->nfield, im->rec_line);
		return;
	}
	j = r->nfield++;
	if (IS_HEADER(im)) {
		im->hdr_blank = j == 0 && blank_cell(s, len);
		if (im->pass == 1)
			header_field(im, s, len);
		return;
	}
	if (j >= im->ncols)
		return;		/* counted; the record end rejects it */
	if (r->rowlen + len + 1 > r->rowcap) {
		r->rowcap = 2 * (r->rowlen + len + 1);
		r->row = xrealloc(r->row, r->rowcap);
	}
	memcpy(r->row + r->rowlen, s, len);
	r->row[r->rowlen + len] = '\0';
	r->off[j] = r->rowlen;
	r->len[j] = len;
	r->rowlen += len + 1;
}

static const char *trim_blanks(const char *s, size_t *n);

/*
 * Producer: the blanks (spaces, tabs) around each field of a complete
 * record are no part of its value (" 5" is the number 5, a field of
 * blanks is missing), as R's read.csv(strip.white = TRUE) reads them; the
 * field as written is kept in woff, wlen for a TEXT column, which stores
 * its values as written.
 */
static void
trim_cells(struct rec *r, size_t ncols)
{
	size_t j, n = r->nfield < ncols ? r->nfield : ncols;

	for (j = 0; j < n; j++) {
		const char *s = r->row + r->off[j];
		size_t len = r->len[j];

		r->woff[j] = r->off[j];
		r->wlen[j] = len;
		if (len == 0 || (*s != ' ' && *s != '\t' && s[len - 1] != ' ' &&
		    s[len - 1] != '\t'))
			continue;
		s = trim_blanks(s, &len);
		r->off[j] = (size_t)(s - r->row);
		r->len[j] = len;
	}
}

/* Producer: the record being filled is complete data; queue it. */
static void
rec_commit(struct imp *im)
{
	struct rec *r = im->prec;

	trim_cells(r, im->ncols);
	r->line = im->rec_line;
	r->ord = im->nrec - (size_t)im->hdr;
	if (im->pass == 2)
		rec_prepare(im, r);
	im->batch[im->head].n++;
	if (im->batch[im->head].n == BATCH_RECS && batch_hand_over(im) != 0)
		im->failed = 1;	/* the consumer stopped */
	else
		rec_next(im);
}

/* Producer, pass 1 with no_header: the first record, read as the
   header, is data as well. */
static void
first_as_data(struct imp *im)
{
	struct rec *r = im->prec;
	size_t j;

	r->rowlen = 0;
	for (j = 0; j < im->ncols; j++) {
		size_t len = strlen(im->first[j]);

		if (r->rowlen + len + 1 > r->rowcap) {
			r->rowcap = 2 * (r->rowlen + len + 1);
			r->row = xrealloc(r->row, r->rowcap);
		}
		memcpy(r->row + r->rowlen, im->first[j], len + 1);
		r->off[j] = r->rowlen;
		r->len[j] = len;
		r->rowlen += len + 1;
	}
	r->nfield = im->ncols;
	r->plain = 0;
	rec_commit(im);
}

static void
cb_record(int c, void *arg)
{
	struct imp *im = arg;
	struct rec *r = im->prec;

	(void)c;
	if (im->failed)
		return;
	if (IS_HEADER(im) && im->hdr && r->nfield == 1 && im->hdr_blank) {
		/* A line of blanks before the header is a blank line (libcsv
		 * skips empty ones): the header is the next record, in both
		 * passes. */
		if (im->pass == 1)
			free(im->names[--im->ncols]);
		r->nfield = 0;
		im->next_start = im->line;
		return;
	}
	if (IS_HEADER(im)) {
		if (im->pass == 1)
			header_done(im);
		else if (r->nfield != im->ncols)
			imp_fail_rec(im, RD_EIO, "header changed during "
			    "import");
		if (!im->failed)
			rec_next(im);
		if (!im->failed && !im->hdr)
			first_as_data(im);
	} else if (im->pass == 2 && im->nrec - (size_t)im->hdr >= im->rows1) {
		imp_fail_rec(im, RD_EIO, "file grew during import");
	} else {
		rec_commit(im);
	}
	im->nrec++;
	im->next_start = im->line;
}

/*
 * The fast path for the common line: a whole line (ending in '\n') that
 * starts a record and holds no '"' and no CR but one before the '\n'.
 * For such a line libcsv's result is plain: one record whose fields lie
 * between the delimiters (a blank line is no record at all), so we split
 * it ourselves, straight into the record buffer, and skip libcsv's
 * per-byte state machine.  Returns 0 when the line does not qualify and
 * libcsv must read it.
 */
static int
fast_line(struct imp *im, const unsigned char *q, size_t len)
{
	struct rec *r = im->prec;
	size_t body = len - 1, start, j;
	char *row, *end;

	if (body > 0 && q[body - 1] == '\r')
		body--;
	if (memchr(q, '"', body) != NULL || memchr(q, '\r', body) != NULL)
		return 0;
	if (body == 0)
		return 1;	/* libcsv skips blank lines */
	if (body + 1 > r->rowcap) {
		r->rowcap = 2 * (body + 1);
		r->row = xrealloc(r->row, r->rowcap);
	}
	row = r->row;
	memcpy(row, q, body);
	row[body] = '\0';
	im->rec_line = im->line;
	r->nfield = 0;
	for (start = 0;;) {
		char *p = row + start, *stop = row + body;

		while (p < stop && *p != im->delim)
			p++;
		end = p < stop ? p : NULL;
		if ((size_t)(p - (row + start)) > max_field(im)) {
			field_too_long(im, r->nfield, im->line);
			return 1;
		}
		j = r->nfield++;
		if (end != NULL)
			*end = '\0';
		if (IS_HEADER(im)) {
			size_t n = end ? (size_t)(end - (row + start)) :
			    body - start;

			im->hdr_blank = j == 0 && blank_cell(row + start, n);
			if (im->pass == 1)
				header_field(im, row + start, n);
		} else if (j < im->ncols) {
			r->off[j] = start;
			r->len[j] = end ? (size_t)(end - (row + start)) :
			    body - start;
		}
		if (end == NULL)
			break;
		start = (size_t)(end - row) + 1;
	}
	r->rowlen = body + 1;
	r->plain = 1;
	cb_record(0, im);
	im->next_start = im->line + 1;
	return 1;
}

/* libcsv trims blanks around unquoted fields by default; we keep them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* ------------------------------------------------------------ source */

static void src_close(struct src *src);

/* What a file that is not a regular one is, for a message. */
static const char *
nonregular_what(const struct stat *sb)
{
	if (S_ISFIFO(sb->st_mode))
		return "a pipe";
	if (S_ISDIR(sb->st_mode))
		return "a directory";
	if (S_ISSOCK(sb->st_mode))
		return "a socket";
	return "a device";
}

static int
src_open(struct src *src, const char *path, const char *encoding,
	struct rd_err *err)
{
	struct stat sb;

	memset(src, 0, sizeof *src);
	src->cd = (iconv_t)-1;
	if (encoding != NULL) {
		src->cd = iconv_open("UTF-8", encoding);
		if (src->cd == (iconv_t)-1)
			return rd_err_set(err, RD_EUSAGE, "unknown encoding "
			    "\"%s\" (see iconv --list)", encoding);
		src->skip_bom = strcasecmp(encoding, "UTF-8") != 0 &&
		    strcasecmp(encoding, "UTF8") != 0;
	}
	/* Two passes: the file must be read twice, so no pipe.  Checked
	 * before it is opened: opening a FIFO waits for a writer. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if (src->cd != (iconv_t)-1)
			iconv_close(src->cd);
		src->cd = (iconv_t)-1;
		return rd_err_setloc(err, RD_EIO, path, 0, 0, "expected a "
		    "regular file (it is read twice), found %s: save it to "
		    "a file first (e.g. cat > file.csv) and import that",
		    nonregular_what(&sb));
	}
	if ((src->fp = fopen(path, "rb")) == NULL) {
		rd_err_setloc(err, RD_EIO, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		if (src->cd != (iconv_t)-1)
			iconv_close(src->cd);
		src->cd = (iconv_t)-1;
		return -1;
	}
	/* Again on what was opened: the path may have changed since. */
	if (fstat(fileno(src->fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rd_err_setloc(err, RD_EIO, path, 0, 0, "expected a regular "
		    "file (it is read twice), found %s", fstat(fileno(
		    src->fp), &sb) != 0 ? "none" : nonregular_what(&sb));
		src_close(src);
		return -1;
	}
	src->size = (uint64_t)sb.st_size;
	src->in = xmalloc(2 * IMPORT_BLOCK);
	if (src->cd != (iconv_t)-1)
		src->out = xmalloc(4 * IMPORT_BLOCK + 64);
	return 0;
}

static void
src_close(struct src *src)
{
	if (src->fp != NULL)
		fclose(src->fp);
	if (src->cd != (iconv_t)-1)
		iconv_close(src->cd);
	free(src->in);
	free(src->out);
	memset(src, 0, sizeof *src);
	src->cd = (iconv_t)-1;
}

static void
src_rewind(struct src *src)
{
	rewind(src->fp);
	if (src->cd != (iconv_t)-1)
		iconv(src->cd, NULL, NULL, NULL, NULL);
	src->inlen = 0;
	src->raw_done = 0;
	src->eof = src->bad = src->bom = 0;
}

/*
 * The next block of UTF-8 text: *p, *n (0 at the end of the file).
 * Returns 0; -1 on a read error (err filled); -2 when the converter met
 * bytes that are not in the encoding, right after the text handed out
 * before (the caller locates it).
 */
static int
src_next(struct src *src, const char *path, char **p, size_t *n,
	struct rd_err *err)
{
	size_t got;

	*n = 0;
	if (src->bad)
		return -2;
	if (src->cd == (iconv_t)-1) {
		got = fread(src->in, 1, IMPORT_BLOCK, src->fp);
		if (got == 0 && ferror(src->fp))
			return rd_err_setloc(err, RD_EIO, path, 0, 0,
			    "cannot read: %s", strerror(errno));
		src->raw_done += got;
		*p = src->in;
		*n = got;
		return 0;
	}
	for (;;) {
		char *ip = src->in, *op = src->out;
		size_t il, ol = 4 * IMPORT_BLOCK + 64;

		if (!src->eof) {
			got = fread(src->in + src->inlen, 1, IMPORT_BLOCK,
			    src->fp);
			if (got == 0 && ferror(src->fp))
				return rd_err_setloc(err, RD_EIO, path, 0, 0,
				    "cannot read: %s", strerror(errno));
			if (got == 0)
				src->eof = 1;
			/* A UTF-8 mark read as latin1 would be "ï»¿" in the
			 * first name: dropped, and said (csv_import). */
			if (src->skip_bom && src->raw_done == 0 && got >= 3 &&
			    memcmp(src->in, "\xEF\xBB\xBF", 3) == 0) {
				memmove(src->in, src->in + 3, got - 3);
				src->bom = 1;
				src->raw_done += 3;
				got -= 3;
			}
			src->raw_done += got;
			src->inlen += got;
		}
		il = src->inlen;
		if (il == 0 && src->eof) {
			iconv(src->cd, NULL, NULL, &op, &ol);
			*p = src->out;
			*n = (size_t)(op - src->out);
			return 0;
		}
		if (iconv(src->cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == EILSEQ ||
			    (errno == EINVAL && src->eof))
				src->bad = 1;
			else if (errno != EINVAL && errno != E2BIG)
				return rd_err_setloc(err, RD_EIO, path, 0, 0,
				    "cannot convert: %s", strerror(errno));
		}
		memmove(src->in, ip, il);
		src->inlen = il;
		*p = src->out;
		*n = (size_t)(op - src->out);
		if (*n > 0)
			return 0;
		if (src->bad)
			return -2;
	}
}

/* -------------------------------------------------------------- queue */

/* Producer: start filling the next record slot of the current batch. */
static void
rec_next(struct imp *im)
{
	struct rec *r = &im->batch[im->head].rec[im->batch[im->head].n];

	if (r->off == NULL && im->ncols > 0) {
		r->off = xcalloc(im->ncols, sizeof *r->off);
		r->len = xcalloc(im->ncols, sizeof *r->len);
		r->woff = xcalloc(im->ncols, sizeof *r->woff);
		r->wlen = xcalloc(im->ncols, sizeof *r->wlen);
		r->kind = xcalloc(im->ncols, sizeof *r->kind);
		r->special = xcalloc(im->ncols, sizeof *r->special);
		r->val = xcalloc(im->ncols, sizeof *r->val);
	}
	if (r->conv == NULL && im->has_dates)
		r->conv = xcalloc(im->ncols, DATEFMT_ISO_MAX);
	r->nfield = r->rowlen = r->rawlen = 0;
	im->prec = r;
}

/* Consumer: check, then infer from or insert, each record of b. */
static void
batch_consume(struct imp *im, struct batch *b)
{
	const struct import_spec *spec = im->spec;
	struct import_progress prog;
	size_t i, j;

	for (i = 0; i < b->n && !im->cfailed; i++) {
		struct rec *r = &b->rec[i];

		im->cur = r;
		if (!record_ok(im)) {
			if (im->pass == 2 && im->tally_late)
				rec_untallied(im, r->ord);
			continue;
		}
		if (im->pass == 1) {
			int sample = im->nconsumed + i < im->scan->id_prefix;

			for (j = 0; j < im->ncols; j++)
				infer_cell(im, &im->stat[j], r->row + r->off[j],
				    r->len[j], sample, r->line, r->plain ?
				    (long)r->off[j] + 1 : 0);
		} else {
			insert_record(im);
		}
	}
	im->nconsumed += b->n;
	if (spec->cancel != NULL && *spec->cancel && !im->cfailed) {
		rd_err_set(im->err, RD_EINPUT, "interrupted: nothing "
		    "imported");
		im->cfailed = 1;
	}
	if (spec->progress != NULL && !im->cfailed) {
		memset(&prog, 0, sizeof prog);
		prog.pass = im->pass;
		prog.bytes_done = b->bytes_done;
		prog.bytes_total = im->src->size;
		prog.rows = im->nconsumed;
		spec->progress(spec->progress_arg, &prog);
	}
}

/*
 * Producer: the current batch is complete; hand it to the consumer and
 * wait for a free one.  Returns 0, or -1 when the consumer has failed.
 */
static int
batch_hand_over(struct imp *im)
{
	struct batch *b = &im->batch[im->head];
	int stop;

	b->bytes_done = im->bytes_done;
	if (!im->threaded) {
		batch_consume(im, b);
		b->n = 0;
		return im->cfailed ? -1 : 0;
	}
	pthread_mutex_lock(&im->mu);
	im->full[im->head] = 1;
	pthread_cond_broadcast(&im->cv);
	im->head = (im->head + 1) % NBATCH;
	while (im->full[im->head] && !im->stop)
		pthread_cond_wait(&im->cv, &im->mu);
	stop = im->stop;
	pthread_mutex_unlock(&im->mu);
	im->batch[im->head].n = 0;
	return stop ? -1 : 0;
}

static int feed_file(struct imp *im, struct src *src);

static void *
producer_main(void *arg)
{
	struct imp *im = arg;
	int ret = feed_file(im, im->src);

	pthread_mutex_lock(&im->mu);
	im->pret = ret;
	im->pdone = 1;
	pthread_cond_broadcast(&im->cv);
	pthread_mutex_unlock(&im->mu);
	return NULL;
}

/*
 * Run one pass over src: the producer in a worker thread (or, when no
 * thread can be started, inline), the consumer here.  Returns 0, or -1
 * with im->err filled by whichever error comes first in the file.
 */
static int
run_pass(struct imp *im, struct src *src)
{
	pthread_t t;
	size_t k;

	im->src = src;
	im->head = im->tail = 0;
	for (k = 0; k < NBATCH; k++) {
		im->full[k] = 0;
		im->batch[k].n = 0;
	}
	im->pdone = im->stop = im->failed = im->cfailed = 0;
	im->pret = 0;
	im->nconsumed = im->nreject = im->ninsert = 0;
	im->bytes_done = 0;
	rd_err_clear(&im->perr);
	rec_next(im);
	/* Set before the thread starts: the producer reads it. */
	im->threaded = 1;
	if (pthread_create(&t, NULL, producer_main, im) != 0) {
		im->threaded = 0;
		im->pret = feed_file(im, src);
	} else {
		pthread_mutex_lock(&im->mu);
		for (;;) {
			while (!im->full[im->tail] && !im->pdone)
				pthread_cond_wait(&im->cv, &im->mu);
			if (!im->full[im->tail])
				break;		/* done, all consumed */
			pthread_mutex_unlock(&im->mu);
			if (!im->cfailed)
				batch_consume(im, &im->batch[im->tail]);
			pthread_mutex_lock(&im->mu);
			im->full[im->tail] = 0;
			im->tail = (im->tail + 1) % NBATCH;
			if (im->cfailed)
				im->stop = 1;
			pthread_cond_broadcast(&im->cv);
		}
		pthread_mutex_unlock(&im->mu);
		pthread_join(t, NULL);
	}
	if (im->cfailed)
		return -1;
	if (im->pret != 0) {
		*im->err = im->perr;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ feeding */

static void
raw_add(struct imp *im, const unsigned char *q, size_t len)
{
	struct rec *r = im->prec;

	if (r->rawlen + len + 1 > r->rawcap) {
		r->rawcap = 2 * (r->rawlen + len + 1);
		r->raw = xrealloc(r->raw, r->rawcap);
	}
	memcpy(r->raw + r->rawlen, q, len);
	r->rawlen += len;
	r->raw[r->rawlen] = '\0';
}

/*
 * The 0-based offset in q[0..len) of the opening quote of the quoted
 * field still open at its end, for a piece that starts at a field start
 * outside quotes (delimiter delim, "" an escaped quote); -1 when none.
 */
static long
open_quote_at(const unsigned char *q, size_t len, char delim)
{
	size_t i;
	long at = -1;
	int inq = 0, start = 1;

	for (i = 0; i < len; i++) {
		if (inq) {
			if (q[i] != '"')
				continue;
			if (i + 1 < len && q[i + 1] == '"')
				i++;
			else
				inq = 0;
			continue;
		}
		if (start && q[i] == '"') {
			inq = 1;
			at = (long)i;
		}
		start = q[i] == (unsigned char)delim || q[i] == '\n';
	}
	return inq ? at : -1;
}

/*
 * The 0-based offset of the quote closing a quoted field that was open
 * when the piece q[0..len) began; -1 when it does not close in it.
 */
static long
close_quote_at(const unsigned char *q, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (q[i] == '"') {
			if (i + 1 < len && q[i + 1] == '"')
				i++;
			else
				return (long)i;
		}
	return -1;
}

/*
 * Survey the file at path as UTF-8 (sniff.h), a UTF-8 byte order mark
 * skipped as the import skips it.  Returns 0 with *sv filled, or -1 when
 * the file cannot be read (then the survey says nothing).
 */
static int
utf8_survey_file(const char *path, struct utf8_survey *sv)
{
	unsigned char *buf = xmalloc(IMPORT_BLOCK);
	size_t got, skip = 0;
	int first = 1, ret = 0;
	FILE *fp = fopen(path, "rb");

	memset(sv, 0, sizeof *sv);
	if (fp == NULL) {
		free(buf);
		return -1;
	}
	while ((got = fread(buf, 1, IMPORT_BLOCK, fp)) > 0) {
		skip = first && got >= 3 && buf[0] == 0xEF && buf[1] == 0xBB &&
		    buf[2] == 0xBF ? 3 : 0;
		first = 0;
		utf8_survey_feed(sv, buf + skip, got - skip);
	}
	if (ferror(fp))
		ret = -1;
	utf8_survey_end(sv);
	fclose(fp);
	free(buf);
	return ret;
}

/*
 * Producer: the text is not UTF-8 where utf8_check stopped, at the 0-based
 * byte offset at of the current line (stop the byte there, 0 at the end
 * of the file).  The error points at the first invalid byte: the lead
 * byte of a sequence that the byte at at breaks off ("\xE8v": the 0xE8,
 * not the 'v'), else that byte; it says what the byte would be in latin1
 * and cp1252 and which --encoding to give.
 */
static void
utf8_fail(struct imp *im, long at, unsigned char stop)
{
	const struct utf8_state *u = &im->u8;
	unsigned char b = u->seq > 0 ? u->lead : stop;
	char what[192], opts[192], where[160] = "", b1[FMT_BUF];
	struct utf8_survey sv;
	size_t k, n = 0;

	enc_invalid_text(what, sizeof what, b, u->seq > 0, stop);
	if (utf8_survey_file(im->spec->csv_path, &sv) == 0 && sv.valid > 0 &&
	    sv.valid >= sv.invalid) {
		/* UTF-8 with a few other bytes: an --encoding would read
		 * its UTF-8 characters as others.  (Text in another
		 * encoding forms valid UTF-8 by chance now and then: a
		 * GB18030 file of 25 bad sequences held one, so the valid
		 * characters must be at least as many.) */
		for (k = 0; k < sv.nat && n < sizeof where; k++)
			n += (size_t)snprintf(where + n, sizeof where - n,
			    "%s0x%02X at %ld:%ld", k ? ", " : "",
			    sv.at_byte[k], sv.at_line[k], sv.at_col[k]);
		rd_err_setloc(&im->perr, RD_EINPUT, im->spec->csv_path,
		    im->line, at - (long)u->seq + 1, "expected UTF-8 text, "
		    "found %s; the file is UTF-8 except %s byte%s (%s%s), "
		    "beside %s valid UTF-8 character%s beyond ASCII: fix "
		    "those bytes or convert them to UTF-8 (an --encoding "
		    "would misread the UTF-8 characters)", what,
		    fmt_count(b1, (double)sv.invalid), sv.invalid == 1 ? "" :
		    "s", where, sv.invalid > sv.nat ? ", ..." : "",
		    fmt_count(opts, (double)sv.valid), sv.valid == 1 ? "" :
		    "s");
		return;
	}
	rd_err_setloc(&im->perr, RD_EINPUT, im->spec->csv_path, im->line,
	    at - (long)u->seq + 1, "expected UTF-8 text, found %s; the file "
	    "is in another encoding: import with %s", what,
	    enc_option_text(opts, sizeof opts, b, u->seq > 0 ? stop : 0));
}

/*
 * Producer, pass 1 without an encoding: when the start of the file
 * q[0..n) is UTF-16 (sniff_utf16), fail at line 1 naming the --encoding
 * that reads it (with a byte order mark "UTF-16", which reads either
 * order and drops the mark; without, the order's own).  Returns 1 when
 * it failed.
 */
static int
utf16_fail(struct imp *im, const unsigned char *q, size_t n)
{
	static const char *const what[] = { "", "little-endian, with the "
	    "byte order mark FF FE", "big-endian, with the byte order mark "
	    "FE FF", "little-endian: a NUL after each ASCII byte",
	    "big-endian: a NUL before each ASCII byte" };
	static const char *const enc[] = { "", "UTF-16", "UTF-16",
	    "UTF-16LE", "UTF-16BE" };
	int k = sniff_utf16(q, n);

	if (k == SNIFF_UTF16_NONE)
		return 0;
	rd_err_setloc(&im->perr, RD_EINPUT, im->spec->csv_path, 1, 1,
	    "expected UTF-8 text, found UTF-16 (%s); the file is UTF-16: "
	    "import with --encoding %s", what[k], enc[k]);
	return 1;
}

/*
 * Run one pass over src (at its start) through libcsv with the callbacks
 * above.  Returns 0, or -1 with im->err filled.
 */
static int
feed_file(struct imp *im, struct src *src)
{
	const struct import_spec *spec = im->spec;
	struct csv_parser p;
	char *buf;
	size_t n, line_off = 0;
	int first = 1, ret = -1, rc, inq;
	const char *path = spec->csv_path;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
	    != 0)
		return rd_err_set(&im->perr, RD_EIO, "cannot set up the CSV "
		    "parser");
	csv_set_space_func(&p, no_space);
	im->line = im->next_start = im->rec_line = 1;
	im->nrec = 0;
	memset(&im->u8, 0, sizeof im->u8);
	for (;;) {
		unsigned char *q, *end, *nul;

		if (spec->cancel != NULL && *spec->cancel) {
			rd_err_set(&im->perr, RD_EINPUT, "interrupted: "
			    "nothing imported");
			goto out;
		}
		rc = src_next(src, path, &buf, &n, &im->perr);
		if (rc == -2) {
			/* Right after the text converted so far. */
			rd_err_setloc(&im->perr, RD_EINPUT, path, im->line,
			    (long)line_off + 1, "expected %s text, found a "
			    "byte sequence invalid in it (starting with byte "
			    "0x%02X); is the file in %s?  Give its encoding "
			    "with --encoding (see iconv --list)",
			    spec->encoding, src->inlen > 0 ?
			    (unsigned char)src->in[0] : 0, spec->encoding);
			goto out;
		}
		if (rc != 0)
			goto out;
		if (n == 0)
			break;
		q = (unsigned char *)buf;
		end = q + n;
		if (first && im->pass == 1 && spec->encoding == NULL &&
		    utf16_fail(im, q, n))
			goto out;
		if (first && n >= 3 && q[0] == 0xEF && q[1] == 0xBB &&
		    q[2] == 0xBF)
			q += 3;		/* UTF-8 byte order mark */
		if (first) {
			if (im->pass == 1)
				im->delim = spec->delimiter ? spec->delimiter :
				    sniff_delimiter((const char *)q,
				    (size_t)(end - q));
			csv_set_delim(&p, (unsigned char)im->delim);
		}
		first = 0;
		while (q < end) {
			unsigned char *nl = memchr(q, '\n', (size_t)(end - q));
			size_t len = nl ? (size_t)(nl - q) + 1 :
			    (size_t)(end - q);
			size_t done;

			done = im->pass == 1 && spec->encoding == NULL ?
			    utf8_check(&im->u8, q, len) : len;
			if (im->pass == 1 && (nul = memchr(q, '\0', done))
			    != NULL) {
				/* A NUL cuts a C string: never in text. */
				rd_err_setloc(&im->perr, RD_EINPUT, path,
				    im->line, (long)(line_off + (size_t)(nul -
				    q)) + 1, "expected text, found a NUL byte "
				    "(0x00), which no text holds: remove it "
				    "(e.g. tr -d '\\000' < file > clean.csv)");
				goto out;
			}
			if (done < len) {
				utf8_fail(im, (long)(line_off + done), q[done]);
				goto out;
			}
			if (p.pstate == CSV_ROW_NOT_BEGUN) {
				im->next_start = im->line;
				im->prec->rawlen = 0;
			}
			if (im->pass == 2)
				raw_add(im, q, len);
			if (p.pstate == CSV_ROW_NOT_BEGUN && nl != NULL &&
			    fast_line(im, q, len)) {
				if (im->failed)
					goto out;
				im->line++;
				line_off = 0;
				q += len;
				continue;
			}
			inq = p.quoted && p.pstate == CSV_FIELD_BEGUN;
			done = csv_parse(&p, q, len, cb_field, cb_record, im);
			/* A field still open past the limit (its pieces come
			 * a line or a block at a time, so the overshoot is
			 * bounded). */
			if (!im->failed && p.pstate == CSV_FIELD_BEGUN &&
			    p.entry_pos > max_field(im))
				field_too_long(im, im->prec->nfield,
				    im->prec->nfield ? im->rec_line :
				    im->next_start);
			if (im->failed)
				goto out;
			if (done == len && !inq && p.quoted &&
			    p.pstate == CSV_FIELD_BEGUN) {
				/* A quoted field opens in this piece. */
				long at = line_off == 0 ? open_quote_at(q,
				    len, im->delim) : -1;

				im->qline = im->line;
				im->qcol = at >= 0 ? at + 1 : 0;
			}
			if (done < len) {
				long col = (long)(line_off + done) + 1;

				/* Located at what follows the closing
				 * quote, the first character after it. */
				if (csv_error(&p) == CSV_EPARSE && p.quoted &&
				    inq && done > 0 && close_quote_at(q, len)
				    == (long)done - 1) {
					/* The field that went wrong opened
					 * on an earlier line. */
					char from[48] = "";

					if (im->qcol > 0)
						snprintf(from, sizeof from,
						    " column %ld", im->qcol);
					rd_err_setloc(&im->perr, RD_EINPUT,
					    path, im->line, col,
					    "expected '%s' or end of line "
					    "after the closing quote of the "
					    "field opened at line %ld%s, "
					    "found '%c'",
					    im->delim == '\t' ? "\\t" :
					    (char[]){ im->delim, 0 },
					    im->qline, from, q[done]);
				} else if (csv_error(&p) != CSV_EPARSE)
					rd_err_setloc(&im->perr, RD_EIO, path,
					    im->line, col, "cannot parse: %s",
					    csv_strerror(csv_error(&p)));
				else if (p.quoted)
					rd_err_setloc(&im->perr, RD_EINPUT,
					    path, im->line, col, "expected "
					    "'%s' or end of line after a "
					    "closing quote, found '%c'",
					    im->delim == '\t' ? "\\t" :
					    (char[]){ im->delim, 0 },
					    q[done]);
				else
					rd_err_setloc(&im->perr, RD_EINPUT,
					    path, im->line, col, "expected "
					    "no '\"' inside an unquoted "
					    "field, found one (quote the "
					    "field and double the '\"')");
				goto out;
			}
			if (nl != NULL) {
				im->line++;
				line_off = 0;
			} else {
				line_off += len;
			}
			q += len;
		}
		im->bytes_done = src->raw_done;
	}
	if (im->pass == 1 && im->u8.need > 0) {
		utf8_fail(im, (long)line_off, 0);
		goto out;
	}
	inq = p.quoted && p.pstate == CSV_FIELD_BEGUN;
	if (csv_fini(&p, cb_field, cb_record, im) != 0) {
		/* At the line where the quoted field starts. */
		if (!im->failed && inq)
			rd_err_setloc(&im->perr, RD_EINPUT, path, im->qline,
			    im->qcol, "expected a closing '\"' for the "
			    "quoted field opened here, found end of file "
			    "(unterminated quoted field)");
		else if (!im->failed)
			rd_err_setloc(&im->perr, RD_EINPUT, path,
			    im->prec->nfield ?
			    im->rec_line : im->next_start, 0, "expected a "
			    "closing '\"', found end of file (unterminated "
			    "quoted field)");
		goto out;
	}
	if (im->failed)
		goto out;
	ret = 0;

out:
	csv_free(&p);
	/* Hand over the records read before an error too: a record the
	 * consumer fails on comes first in the file. */
	if (!im->stop && im->batch[im->head].n > 0 &&
	    batch_hand_over(im) != 0 && ret == 0)
		ret = -1;
	return ret;
}

/* ------------------------------------------------------ SQL helpers */

static char *
str_cat(char *s, const char *t)
{
	size_t n = s ? strlen(s) : 0, m = strlen(t);

	s = xrealloc(s, n + m + 1);
	memcpy(s + n, t, m + 1);
	return s;
}

static int
exec(sqlite3 *h, const char *sql, const char *what, struct rd_err *err)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(err, h, what);
	return 0;
}

/* Run sql with text parameters a and b (b may be NULL: unbound). */
static int
exec2(sqlite3 *h, const char *sql, const char *a, const char *b,
	const char *what, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, h, what);
	rc = db_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && b != NULL)
		rc = db_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(err, h, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * Whether a table called name exists (SQLite compares names without ASCII
 * case).  Returns 0 and sets *exists, or -1 with err.  *real receives a
 * heap copy of the stored spelling when it exists (caller frees).
 */
static int
table_exists(sqlite3 *h, const char *name, int *exists, char **real,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*exists = 0;
	*real = NULL;
	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?1 COLLATE NOCASE", -1, &st, NULL)
	    != SQLITE_OK)
		return db_fail(err, h, "cannot look up table");
	if (db_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		*exists = 1;
		*real = xstrdup(t ? (const char *)t : name);
	} else if (rc != SQLITE_DONE) {
		goto fail;
	}
	sqlite3_finalize(st);
	return 0;

fail:
	db_fail(err, h, "cannot look up table");
	sqlite3_finalize(st);
	return -1;
}

/* Drop table real (as stored) and its metadata rows. */
static int
drop_table(sqlite3 *h, const char *real, struct rd_err *err)
{
	char *sql = db_ident_cat(str_cat(NULL, "DROP TABLE "), real);
	int rc;

	rc = exec(h, sql, "cannot drop the old table", err);
	free(sql);
	if (rc != 0)
		return -1;
	if (exec2(h, "DELETE FROM rd_table WHERE name = ?1 COLLATE NOCASE",
	    real, NULL, "cannot drop the old table", err) != 0 ||
	    exec2(h, "DELETE FROM rd_special WHERE tbl = ?1 COLLATE NOCASE",
	    real, NULL, "cannot drop the old table", err) != 0 ||
	    exec2(h, "DELETE FROM rd_reject WHERE tbl = ?1 COLLATE NOCASE",
	    real, NULL, "cannot drop the old table", err) != 0 ||
	    exec2(h, "DELETE FROM rd_column WHERE tbl = ?1 COLLATE NOCASE",
	    real, NULL, "cannot drop the old table", err) != 0 ||
	    exec2(h, "DELETE FROM rd_reject_rule WHERE tbl = ?1 COLLATE "
	    "NOCASE", real, NULL, "cannot drop the old table", err) != 0)
		return -1;
	return 0;
}

/* Name of the unique index that checks the id column of table. */
static char *
id_index_name(const struct imp *im)
{
	char *s = str_cat(str_cat(NULL, "rd_id_"), im->spec->table);

	return str_cat(str_cat(s, "_"), im->names[im->id_col]);
}

/*
 * The column of table's unique id index (made by an import with --id,
 * named rd_id_<table>_<column>), into *col (caller frees; NULL when the
 * table has none).  Returns 0, or -1 with err.
 */
static int
table_id_column(sqlite3 *h, const char *table, char **col,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*col = NULL;
	if (sqlite3_prepare_v2(h, "SELECT ii.name FROM pragma_index_list(?1) "
	    "AS il, pragma_index_info(il.name) AS ii WHERE il.\"unique\" "
	    "AND il.name LIKE 'rd\\_id\\_%' ESCAPE '\\' ORDER BY il.name "
	    "LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, h, "cannot read the table's id column");
	db_bind_text(st, 1, table, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		*col = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(err, h, "cannot read the table's id column");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Create the table (unless appending), the insert and reject statements. */
static int
create_table(struct imp *im, struct rd_err *err)
{
	char *sql, *ix;
	size_t j;
	int rc;

	if (im->mode != IMPORT_APPEND) {
		sql = db_ident_cat(str_cat(NULL, "CREATE TABLE "),
		    im->spec->table);
		sql = str_cat(sql, " (");
		for (j = 0; j < im->ncols; j++) {
			sql = db_ident_cat(str_cat(sql, j ? ", " : ""),
			    im->names[j]);
			sql = str_cat(str_cat(sql, " "),
			    import_type_name(im->stat[j].type));
		}
		sql = str_cat(sql, ")");
		rc = exec(im->h, sql, "cannot create table", err);
		free(sql);
		if (rc != 0)
			return -1;
	}
	if (im->id_col >= 0) {
		ix = id_index_name(im);
		sql = db_ident_cat(str_cat(NULL, "CREATE UNIQUE INDEX IF NOT "
		    "EXISTS "), ix);
		sql = db_ident_cat(str_cat(sql, " ON "), im->spec->table);
		sql = db_ident_cat(str_cat(sql, "("), im->names[im->id_col]);
		sql = str_cat(sql, ")");
		free(ix);
		rc = exec(im->h, sql, "cannot index the id column", err);
		free(sql);
		if (rc != 0)
			return -1;
	}

	sql = db_ident_cat(str_cat(NULL, "INSERT INTO "), im->spec->table);
	for (j = 0; j < im->ncols; j++)
		sql = db_ident_cat(str_cat(sql, j ? ", " : " ("),
		    im->names[j]);
	sql = str_cat(sql, ") VALUES (");
	for (j = 0; j < im->ncols; j++)
		sql = str_cat(sql, j ? ", ?" : "?");
	sql = str_cat(sql, ")");
	rc = sqlite3_prepare_v2(im->h, sql, -1, &im->ins, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, im->h, "cannot prepare insert");
	if (sqlite3_prepare_v2(im->h, "INSERT INTO rd_reject(tbl, line, raw, "
	    "reason) VALUES (?1, ?2, ?3, ?4)", -1, &im->rej, NULL)
	    != SQLITE_OK)
		return db_fail(err, im->h, "cannot prepare reject insert");
	return 0;
}

/*
 * Appending: the file's columns must be the table's (same names, any
 * order, same count) and each inferred type must fit the declared one
 * (an INTEGER into a REAL, anything into TEXT, a column with no values
 * into anything, and a REAL into an INTEGER when every number is whole,
 * "9.0" read as 9; else the error is at the first that is not, "9.5").
 * The table's types then govern how cells are stored.
 */
static int
append_check(struct imp *im, const char *real, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0, j;
	int rc, ret = -1;
	const char *path = im->spec->csv_path;

	if (sqlite3_prepare_v2(im->h, "SELECT name, upper(type) FROM "
	    "pragma_table_info(?1) ORDER BY cid", -1, &st, NULL) != SQLITE_OK)
		return db_fail(err, im->h, "cannot read table columns");
	db_bind_text(st, 1, real, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *decl = (const char *)sqlite3_column_text(st, 1);
		enum import_type tt = IMPORT_TEXT, ft;
		int c = -1;

		n++;
		for (j = 0; name != NULL && j < im->ncols; j++)
			if (strcmp(im->names[j], name) == 0)
				c = (int)j;
		if (c < 0) {
			rd_err_setloc(err, RD_EINPUT, path, 1, 0, "expected "
			    "column \"%s\" of table \"%s\" in the header, "
			    "found no such column", name ? name : "",
			    im->spec->table);
			goto out;
		}
		if (decl != NULL)
			import_type_parse(decl, &tt);
		ft = im->stat[c].type;
		/* Numbers into integers: whole numbers however written
		   ("9.0" is 9); else an error at the first cell that is
		   none. */
		if (ft == IMPORT_REAL && tt == IMPORT_INTEGER &&
		    im->stat[c].frac.n > 0) {
			const struct col_stat *cs = &im->stat[c];

			rd_err_setloc(err, RD_EINPUT, path, cs->frac.line,
			    cs->frac_col, "column \"%s\" (field %d): expected "
			    "an integer to append to INTEGER column of table "
			    "\"%s\", found \"%s\", %s", name, c + 1,
			    im->spec->table,
			    cs->frac.eg, cs->frac_big ? "a whole number past "
			    "the 64-bit range of an integer" : "a number with "
			    "a fraction");
			goto out;
		}
		if (!(ft == tt || tt == IMPORT_TEXT || im->stat[c].present == 0
		    || (ft == IMPORT_INTEGER && tt == IMPORT_REAL) ||
		    (ft == IMPORT_REAL && tt == IMPORT_INTEGER))) {
			rd_err_setloc(err, RD_EINPUT, path, 1, 0, "column "
			    "\"%s\": expected %s values to append to table "
			    "\"%s\", found %s", name, import_type_name(tt),
			    im->spec->table, import_type_name(ft));
			goto out;
		}
		im->stat[c].type = tt;
	}
	if (rc != SQLITE_DONE) {
		db_fail(err, im->h, "cannot read table columns");
		goto out;
	}
	if (n != im->ncols) {
		rd_err_setloc(err, RD_EINPUT, path, 1, 0, "expected the %zu "
		    "columns of table \"%s\", found %zu", n, im->spec->table,
		    im->ncols);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

/* Whether text a and b name the same value spelt otherwise: equal
   without ASCII case or surrounding blanks, or equal as numbers. */
static int
same_value_spelt_otherwise(const char *a, const char *b)
{
	size_t na, nb;
	double x, y;
	char *ea, *eb;

	while (*a == ' ' || *a == '\t')
		a++;
	while (*b == ' ' || *b == '\t')
		b++;
	na = strlen(a);
	nb = strlen(b);
	while (na > 0 && (a[na - 1] == ' ' || a[na - 1] == '\t'))
		na--;
	while (nb > 0 && (b[nb - 1] == ' ' || b[nb - 1] == '\t'))
		nb--;
	if (na == nb && na > 0 && strncasecmp(a, b, na) == 0)
		return 1;
	x = strtod(a, &ea);
	y = strtod(b, &eb);
	return ea != a && eb != b && (size_t)(ea - a) == na &&
	    (size_t)(eb - b) == nb && x == y;
}

/* Whether a distinct value of column target of table is v spelt
   otherwise (a typo in --bad or --good). */
static int
target_typo(sqlite3 *h, const char *table, const char *target,
	const char *v)
{
	sqlite3_stmt *st = NULL;
	char *sql;
	int found = 0;

	sql = db_ident_cat(str_cat(NULL, "SELECT DISTINCT CAST("), target);
	sql = db_ident_cat(str_cat(sql, " AS TEXT) AS v FROM "), table);
	sql = str_cat(sql, " WHERE v IS NOT NULL");
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK)
		while (!found && sqlite3_step(st) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st,
			    0);

			found = t != NULL && same_value_spelt_otherwise(t, v);
		}
	sqlite3_finalize(st);
	free(sql);
	return found;
}

/*
 * After the rows are in (inside the import's transaction), with the
 * table's counts cnt[3] (indeterminate, good, bad) and its coding tr: a
 * listed value (bad or good) that no row has is a typo, failing with
 * RD_EINPUT located at the file path and the values found, when the
 * column holds it spelt otherwise, or when it is a good value and other
 * good values are there, or a bad value and no row is bad; otherwise a
 * warning says so (an unused one of several bad values; a table all
 * good or all bad, or without outcomes), as it does for a table whose
 * outcomes are all bad.  Values compare as the rule does: a number in a
 * numeric column as a number (SQLite's comparison, by the column's
 * affinity), else as text.
 */
static int
target_check(sqlite3 *h, const char *path, const char *table,
	const char *target, const struct db_target_rule *tr,
	const size_t cnt[3], struct import_summary *sum, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *missing = NULL, *what = "bad";
	char *sql, *vals;
	size_t k, nv = tr->nbad + tr->ngood;
	int rc, typo = 0;

	sql = db_ident_cat(str_cat(NULL, "SELECT 1 FROM "), table);
	sql = db_ident_cat(str_cat(sql, " WHERE "), target);
	sql = str_cat(sql, " = ?1 LIMIT 1");
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(err, h, "cannot check target values");
	for (k = 0; k < nv && !typo; k++) {
		const char *v = k < tr->nbad ? tr->bad[k] :
		    tr->good[k - tr->nbad];
		int is_bad = k < tr->nbad;

		sqlite3_reset(st);
		db_bind_text(st, 1, v, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			continue;
		if (rc != SQLITE_DONE) {
			db_fail(err, h, "cannot check target values");
			sqlite3_finalize(st);
			return -1;
		}
		typo = target_typo(h, table, target, v) ||
		    (!is_bad && cnt[1] > 0);
		if (missing == NULL || typo) {
			missing = v;
			what = is_bad ? "bad" : "good";
		}
		if (!typo && is_bad && cnt[2] > 0) {
			/* One of several bad values, the others there. */
			vals = db_column_values(h, table, target);
			add_warning(sum, "no row has the bad value \"%s\" in "
			    "column \"%s\" (values found: %s)", v, target,
			    vals);
			free(vals);
			if (missing == v)
				missing = NULL;
		}
	}
	sqlite3_finalize(st);
	if (missing == NULL) {
		if (cnt[1] == 0)
			add_warning(sum, "every row with an outcome in column "
			    "\"%s\" is bad (no goods): WoE, IV, scorecards "
			    "and bad rates need both", target);
		return 0;
	}
	vals = db_column_values(h, table, target);
	if (typo)
		rd_err_setloc(err, RD_EINPUT, path, 0, 0, "no row has the %s "
		    "value \"%s\" in column \"%s\"; values found: %s", what,
		    missing, target, vals);
	else if (cnt[1] + cnt[2] == 0)
		add_warning(sum, "no row has an outcome in column \"%s\" "
		    "(values found: %s): WoE, IV, scorecards and bad rates "
		    "need bads and goods", target, vals);
	else
		add_warning(sum, "no row has the %s value \"%s\" in column "
		    "\"%s\" (values found: %s): every row with an outcome is "
		    "%s; WoE, IV, scorecards and bad rates need both",
		    what, missing, target, vals, *what == 'b' ? "good" :
		    "bad");
	free(vals);
	return typo ? -1 : 0;
}

/*
 * After pass 2: the spellings of listed target values that the rows
 * imported hold (imp.tvar) into the summary, and a warning for the bad
 * values' and one for the good values' that names each spelling with its
 * rows and first line and the options that count them as intended.
 */
static void
target_variants(struct imp *im, const char *target,
	struct import_summary *sum)
{
	const struct db_target_rule *tr = &im->rule;
	size_t k, i, nb = tr->nbad;
	int bad;

	sum->variants = xcalloc(im->ntvar ? im->ntvar : 1,
	    sizeof *sum->variants);
	sum->nvariants = im->ntvar;
	sum->variant_more = im->tvar_more;
	for (k = 0; k < im->ntvar; k++) {
		const struct tvar *tv = &im->tvar[k];
		struct import_variant *v = &sum->variants[k];

		v->value = xstrdup(tv->v);
		v->of_bad = (size_t)tv->of < nb;
		v->of = xstrdup(v->of_bad ? tr->bad[tv->of] :
		    tr->good[(size_t)tv->of - nb]);
		v->rows = tv->n;
		v->line = tv->line;
		v->counted = tv->code;
	}
	for (bad = 1; bad >= 0; bad--) {
		char text[RD_ERR_MSG], opt[512], b1[FMT_BUF], b2[FMT_BUF];
		size_t n = 0, rows = 0, m = 0, nl = bad ? nb : tr->ngood;
		const char *what = bad ? "bad" : "good";
		int counted = DS_GOOD;

		for (k = 0; k < im->ntvar; k++)
			if (sum->variants[k].of_bad == bad) {
				rows += sum->variants[k].rows;
				counted = sum->variants[k].counted;
				m++;
			}
		if (m == 0)
			continue;
		n = (size_t)snprintf(text, sizeof text, "column \"%s\": %s "
		    "row%s hold%s the %s value%s ", target,
		    fmt_count(b1, (double)rows), rows == 1 ? "" : "s",
		    rows == 1 ? "s" : "", what, nl == 1 ? "" : "s");
		for (i = 0; i < nl && n < sizeof text; i++)
			n += (size_t)snprintf(text + n, sizeof text - n,
			    "%s\"%s\"", i == 0 ? "" : i + 1 == nl ? " or " :
			    ", ", bad ? tr->bad[i] : tr->good[i]);
		if (n < sizeof text)
			n += (size_t)snprintf(text + n, sizeof text - n, " "
			    "written otherwise, counted as %s (values compare "
			    "exactly, case and blanks included):", counted ==
			    DS_GOOD ? "goods" : "indeterminate");
		for (k = 0, i = 0; k < im->ntvar && n < sizeof text; k++) {
			const struct import_variant *v = &sum->variants[k];

			if (v->of_bad != bad)
				continue;
			n += (size_t)snprintf(text + n, sizeof text - n,
			    "%s \"%s\" (%s row%s, %sline %s)", i++ ? "," : "",
			    v->value, fmt_count(b1, (double)v->rows),
			    v->rows == 1 ? "" : "s", v->rows == 1 ? "" :
			    "first at ", fmt_count(b2, (double)v->line));
		}
		if (bad && im->tvar_more > 0 && n < sizeof text)
			n += (size_t)snprintf(text + n, sizeof text - n,
			    " and %s more rows in other spellings",
			    fmt_count(b1, (double)im->tvar_more));
		if (n < sizeof text)
			n += (size_t)snprintf(text + n, sizeof text - n, "; if "
			    "they are %s, %s with", what, im->mode ==
			    IMPORT_APPEND ? "import the table again (--replace, "
			    "appending keeps its coding)" : "import");
		/* The listed values, then the spellings found. */
		for (i = 0; i < nl + im->ntvar && n < sizeof text; i++) {
			const char *v = i < nl ? (bad ? tr->bad[i] :
			    tr->good[i]) : sum->variants[i - nl].of_bad ==
			    bad ? sum->variants[i - nl].value : NULL;

			if (v != NULL)
				n += (size_t)snprintf(text + n, sizeof text - n,
				    " %s", colscan_option(opt, sizeof opt,
				    bad ? "--bad" : "--good", NULL, v));
		}
		add_warning(sum, "%s", text);
	}
}

/* The largest rowid of table (0 when empty). */
static int
max_rowid(sqlite3 *h, const char *table, sqlite3_int64 *out,
	struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	char *sql = db_ident_cat(str_cat(NULL, "SELECT max(_rowid_) FROM "),
	    table);
	int rc;

	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		db_fail(err, h, "cannot read table");
		sqlite3_finalize(st);
		return -1;
	}
	*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* Bind text or NULL. */
/* Whether a and b are the same string, NULL equal only to NULL. */
static int
str_same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static int
bind_opt(sqlite3_stmt *st, int k, const char *s)
{
	return s ? db_bind_text(st, k, s, -1, SQLITE_TRANSIENT) :
	    sqlite3_bind_null(st, k);
}

static int
write_meta(sqlite3 *h, const char *table, const char *target,
	const char *bad, const char *good, const char *source,
	const size_t cnt[3], size_t rows, struct rd_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO rd_table(name, "
	    "target, bad, good, source, rows, bads, goods, indeterminate) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &st, NULL)
	    != SQLITE_OK)
		return db_fail(err, h, "cannot write table metadata");
	rc = bind_opt(st, 1, table);
	if (rc == SQLITE_OK)
		rc = bind_opt(st, 2, target);
	if (rc == SQLITE_OK)
		rc = bind_opt(st, 3, target ? bad : NULL);
	if (rc == SQLITE_OK)
		rc = bind_opt(st, 4, good ? good : "");
	if (rc == SQLITE_OK)
		rc = bind_opt(st, 5, source);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 6, (sqlite3_int64)rows);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 7, (sqlite3_int64)cnt[2]);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 8, (sqlite3_int64)cnt[1]);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 9, (sqlite3_int64)cnt[0]);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		db_fail(err, h, "cannot write table metadata");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static size_t spec_bads(const struct import_spec *spec, const char **v);

/* Check the spec before touching the file or the database. */
static int
spec_check(const struct import_spec *spec, struct rd_err *err)
{
	size_t k;

	if (db_table_name_check(spec->table, err) != 0)
		return -1;
	if (sqlite3_strnicmp(spec->table, "rd_", 3) == 0 ||
	    sqlite3_strnicmp(spec->table, "sqlite_", 7) == 0)
		return rd_err_set(err, RD_EUSAGE, "table name \"%s\" is "
		    "reserved: names starting with rd_ or sqlite_ (in any "
		    "case) belong to riskdesk and SQLite", spec->table);
	if (spec->target != NULL && spec->bad == NULL)
		return rd_err_set(err, RD_EUSAGE, "target \"%s\" given "
		    "without a bad value", spec->target);
	if (spec->ngood > IMPORT_MAX_GOOD || spec->nmore_bad >= IMPORT_MAX_GOOD)
		return rd_err_set(err, RD_EUSAGE, "expected at most %d %s "
		    "values, found %zu", IMPORT_MAX_GOOD, spec->ngood >
		    IMPORT_MAX_GOOD ? "good" : "bad", spec->ngood >
		    IMPORT_MAX_GOOD ? spec->ngood : spec->nmore_bad + 1);
	if (spec->nmore_bad > 0 && spec->bad == NULL)
		return rd_err_set(err, RD_EUSAGE, "more bad values given "
		    "without a first one");
	{
		const char *bv[IMPORT_MAX_GOOD + 1];
		size_t nb = spec_bads(spec, bv), i;

		for (k = 0; k < nb + spec->ngood; k++) {
			const char *v = k < nb ? bv[k] : spec->good[k - nb];

			if (v == NULL || strchr(v, '\t'))
				return rd_err_set(err, RD_EUSAGE, "expected a "
				    "%s value without a tab, found \"%s\"",
				    k < nb ? "bad" : "good", v ? v : "(null)");
			for (i = 0; i < k; i++)
				if (strcmp(i < nb ? bv[i] : spec->good[i - nb],
				    v) == 0)
					return rd_err_set(err, RD_EUSAGE,
					    "\"%s\" given as %s", v,
					    k < nb ? "a bad value twice" : i < nb ?
					    "both a bad and a good value" :
					    "a good value twice");
		}
	}
	if (spec->delimiter != 0 && (spec->delimiter == '"' ||
	    spec->delimiter == '\n' || spec->delimiter == '\r'))
		return rd_err_set(err, RD_EUSAGE, "expected a delimiter other "
		    "than a quote or a line end");
	if (spec->decimal_comma && spec->delimiter == ',')
		return rd_err_set(err, RD_EUSAGE, "a decimal comma needs a "
		    "delimiter other than ','");
	if (spec->thousands != 0 && (spec->thousands == (spec->decimal_comma ?
	    ',' : '.') || is_digit(spec->thousands)))
		return rd_err_set(err, RD_EUSAGE, "expected a thousands "
		    "separator other than the decimal mark or a digit");
	if (spec->nnames > 0 && !spec->no_header)
		return rd_err_set(err, RD_EUSAGE, "--names goes with "
		    "--no-header (a header names the columns itself)");
	for (k = 0; k < spec->nnames; k++) {
		size_t i;

		if (spec->names[k] == NULL || blank_name(spec->names[k]))
			return rd_err_set(err, RD_EUSAGE, "--names: name %zu "
			    "is empty", k + 1);
		for (i = 0; i < k; i++)
			if (sqlite3_stricmp(spec->names[i], spec->names[k])
			    == 0)
				return rd_err_set(err, RD_EUSAGE, "--names: "
				    "name %zu, \"%s\", repeats name %zu, "
				    "\"%s\"%s", k + 1, spec->names[k], i + 1,
				    spec->names[i], strcmp(spec->names[i],
				    spec->names[k]) == 0 ? "" : " (case does "
				    "not tell names apart)");
	}
	for (k = 0; k < spec->ndates; k++) {
		char why[160];

		if (datefmt_check(spec->dates[k].format, why, sizeof why)
		    != 0)
			return rd_err_set(err, RD_EUSAGE, "--date-format "
			    "\"%s\" for column \"%s\": %s",
			    spec->dates[k].format, spec->dates[k].column,
			    why);
	}
	for (k = 0; k < spec->nroles; k++)
		if (spec->target != NULL && spec->roles[k].identifier &&
		    strcmp(spec->roles[k].column, spec->target) == 0)
			return rd_err_set(err, RD_EUSAGE, "the target \"%s\" "
			    "cannot be an identifier", spec->target);
	if (spec->id != NULL && spec->target != NULL &&
	    strcmp(spec->id, spec->target) == 0)
		return rd_err_set(err, RD_EUSAGE, "the target \"%s\" cannot "
		    "be the id column", spec->target);
	return 0;
}

/*
 * Appending with a target to a table that has metadata: the target column
 * (compared without ASCII case, as SQLite names are), the bad value and,
 * when given, the set of good values must be the stored ones; appending
 * cannot redefine the target.  Returns 0, or -1 with err RD_EINPUT naming
 * the stored definition.
 */
/* Whether the tab-separated list tabs (NULL: none) holds exactly the
   values v[n], in any order. */
static int
list_same(const char *tabs, const char *const *v, size_t n)
{
	size_t k, nstored = 0;
	const char *p;
	int same = 1;

	if (tabs != NULL && tabs[0] != '\0')
		for (nstored = 1, p = tabs; *p; p++)
			nstored += *p == '\t';
	if (nstored != n)
		return 0;
	for (k = 0; same && k < n; k++) {
		size_t m = strlen(v[k]);

		for (p = tabs, same = 0; !same && p != NULL; ) {
			same = strncmp(p, v[k], m) == 0 &&
			    (p[m] == '\t' || p[m] == '\0');
			if ((p = strchr(p, '\t')) != NULL)
				p++;
		}
	}
	return same;
}

/* The bad values of spec, --bad repeated, into v[IMPORT_MAX_GOOD + 1]:
   their count. */
static size_t
spec_bads(const struct import_spec *spec, const char **v)
{
	size_t k, n = 0;

	if (spec->bad != NULL)
		v[n++] = spec->bad;
	for (k = 0; k < spec->nmore_bad && k < IMPORT_MAX_GOOD; k++)
		v[n++] = spec->more_bad[k];
	return n;
}

static int
append_target_check(const struct import_spec *spec,
	const struct table_meta *meta, struct rd_err *err)
{
	const char *bv[IMPORT_MAX_GOOD + 1];
	size_t nb = spec_bads(spec, bv);
	int same;

	same = meta->target != NULL && meta->bad != NULL &&
	    sqlite3_stricmp(spec->target, meta->target) == 0 &&
	    list_same(meta->bad, bv, nb);
	/* The stored good list is tab-separated, "" = none. */
	if (same && spec->ngood > 0)
		same = list_same(meta->good, spec->good, spec->ngood);
	if (same)
		return 0;
	if (meta->target == NULL)
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has no "
		    "target; --append must give none", spec->table);
	{
		char bads[RD_ERR_MSG / 2];
		const char *p;
		size_t n = 0;

		/* "bad", "Bad": the stored list, tabs apart. */
		for (p = meta->bad; *p && n + 8 < sizeof bads; p++)
			if (*p == '\t')
				n += (size_t)snprintf(bads + n, sizeof bads - n,
				    "\", \"");
			else
				bads[n++] = *p;
		bads[n] = '\0';
		return rd_err_set(err, RD_EINPUT, "table \"%s\" has target %s "
		    "with bad value%s \"%s\"%s; --append must give the same "
		    "(or none)", spec->table, meta->target,
		    strchr(meta->bad, '\t') ? "s" : "", bads,
		    meta->good != NULL && meta->good[0] ?
		    " and its good values" : "");
	}
}

/* ----------------------------------------------------------- import */

static void
batches_free(struct batch *b)
{
	size_t k, i;

	if (b == NULL)
		return;
	for (k = 0; k < NBATCH; k++)
		for (i = 0; i < BATCH_RECS; i++) {
			free(b[k].rec[i].row);
			free(b[k].rec[i].off);
			free(b[k].rec[i].len);
			free(b[k].rec[i].woff);
			free(b[k].rec[i].wlen);
			free(b[k].rec[i].raw);
			free(b[k].rec[i].kind);
			free(b[k].rec[i].special);
			free(b[k].rec[i].val);
			free(b[k].rec[i].conv);
		}
	free(b);
}

static void
add_warning(struct import_summary *sum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
add_warning(struct import_summary *sum, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sum->warnings = xreallocarray(sum->warnings, sum->nwarnings + 1,
	    sizeof *sum->warnings);
	sum->warnings[sum->nwarnings++] = xstrdup(msg);
}

/* Add the option opt to the suggestions of column cs (once). */
static void
col_suggest(struct col_stat *cs, const char *opt)
{
	size_t k;

	for (k = 0; k < cs->nsugg; k++)
		if (strcmp(cs->sugg[k], opt) == 0)
			return;
	cs->sugg = xreallocarray(cs->sugg, cs->nsugg + 1, sizeof *cs->sugg);
	cs->sugg[cs->nsugg++] = xstrdup(opt);
}

/*
 * Numbers written with leading zeros in column j (decided INTEGER or
 * REAL): whole numbers all of one width ("0012", "1200") or with leading
 * zeros in half of them or more are codes and stay text; others are
 * numbers ("05" among counts).  Either way a warning says so and gives
 * the other reading.
 */
static void
decide_leading_zeros(struct imp *im, size_t j, struct import_summary *sum)
{
	struct col_stat *cs = &im->stat[j];
	char opt[512], b1[FMT_BUF], b2[FMT_BUF], v[64];
	int64_t iv;
	double dv;

	fmt_count(b1, (double)cs->lz);
	/* Every non-missing cell of a numeric column is a number. */
	fmt_count(b2, (double)cs->present);
	if (cs->type == IMPORT_INTEGER && (cs->fixed || 2 * cs->lz >=
	    cs->present)) {
		cs->type = IMPORT_TEXT;
		colscan_option(opt, sizeof opt, "--type", im->names[j],
		    "integer");
		if (cs->fixed)
			snprintf(v, sizeof v, "every value has %zu characters",
			    cs->width);
		else
			snprintf(v, sizeof v, "that is half of them or more");
		add_warning(sum, "column \"%s\": %s of %s values are written "
		    "with a leading zero (e.g. \"%s\") and %s: kept as text, "
		    "as codes whose zeros matter; to read them as numbers, "
		    "import with %s", im->names[j], b1, b2, cs->lz_eg, v,
		    opt);
	} else {
		if (cell_num(im, cs->lz_eg, strlen(cs->lz_eg), &iv, &dv) ==
		    CELL_INT)
			snprintf(v, sizeof v, "%lld", (long long)iv);
		else
			snprintf(v, sizeof v, "%.15g", dv);
		colscan_option(opt, sizeof opt, "--type", im->names[j],
		    "text");
		add_warning(sum, "column \"%s\": %s of %s values are written "
		    "with a leading zero (e.g. \"%s\"): read as numbers "
		    "(\"%s\" is %s); to keep them as text, import with %s",
		    im->names[j], b1, b2, cs->lz_eg, cs->lz_eg, v, opt);
	}
	col_suggest(cs, opt);
}

/* A column every cell of which some datefmt_auto layouts read: DATE in
   the first of them, unless its other reading reads them too. */
static void
decide_date(struct imp *im, size_t j, struct import_summary *sum)
{
	struct col_stat *cs = &im->stat[j];
	char o1[512], o2[512];
	int k, t;

	if ((cs->date_ok & ~ISO_ALL) == 0) {
		/* ISO dates and date-times mixed: all stored with a time
		   when one has one. */
		cs->type = IMPORT_DATE;
		cs->date_fmt = iso_mixed;
		cs->date_time = cs->iso_time;
		return;
	}
	for (k = 0; k < DATEFMT_NAUTO; k++)
		if (cs->date_ok & (1u << k))
			break;
	t = datefmt_auto_twin(k);
	if (t < 0 || !(cs->date_ok & (1u << t))) {
		cs->type = IMPORT_DATE;
		cs->date_fmt = datefmt_auto[k];
		cs->date_time = datefmt_has_time(cs->date_fmt);
		return;
	}
	cs->type = IMPORT_TEXT;
	cs->ambiguous = 1;
	colscan_option(o1, sizeof o1, "--date-format", im->names[j],
	    datefmt_auto[k < t ? k : t]);
	colscan_option(o2, sizeof o2, "--date-format", im->names[j],
	    datefmt_auto[k < t ? t : k]);
	add_warning(sum, "column \"%s\": every value reads as a date both "
	    "day first and month first (e.g. \"%s\"); kept as text, never "
	    "guessed: import with %s or %s", im->names[j], cs->first_eg, o1,
	    o2);
	col_suggest(cs, o1);
	col_suggest(cs, o2);
}

/* Add option opt to opts[*n] (of ODD_N + ODD_VALUES * 2 + 2) once. */
static void
opt_add(char opts[][512], size_t *n, const char *opt)
{
	size_t k;

	for (k = 0; k < *n; k++)
		if (strcmp(opts[k], opt) == 0)
			return;
	snprintf(opts[(*n)++], 512, "%s", opt);
}

/*
 * The two readings of a column whose every cell with a thousands
 * separator is a comma and three digits ("4,168"), appended to text[len]
 * at n (returns the new n): the decimal comma (ropts[nropt], with the
 * --thousands . that "1.234,5" cells need) and, when th_ok, the thousands
 * separator, each with the other options opts[nopt] and what it makes of
 * the first such cell.  Another column of numbers that only one reading
 * reads (a decimal comma, "1,5"; thousands separators no decimal comma
 * reads, "12,345,678") settles it: that one is advised, the other named
 * as what it would make of the cell, so the advice for one file never
 * names --thousands , for one column and --decimal-comma for another.
 * Else both, the decimal comma first and said likely with a ';'
 * delimiter.
 */
static size_t
amb_words(const struct imp *im, size_t j, char *text, size_t len, size_t n,
	char ropts[][512], size_t nropt, int th_ok, char opts[][512],
	size_t nopt)
{
	const struct odd *g = &im->stat[j].odd[ODD_GROUP_COMMA];
	const char *dcol = NULL, *tcol = NULL;
	char dec[ODD_LEN], th[ODD_LEN], why_d[200] = "", why_t[200] = "";
	size_t k, m, o = 0;
	int rd, dec_first, only = -1;	/* only: 1 the decimal reading,
					   0 the thousands one, -1 both */

	for (k = 0; k < im->ncols; k++) {
		const struct col_stat *t = &im->stat[k];
		size_t like = t->nums;

		if (k == j)
			continue;
		for (m = 0; m < ODD_OTHER; m++)
			like += t->odd[m].n;
		if (2 * like <= t->present)
			continue;	/* no column of numbers */
		if (dcol == NULL && (t->odd[ODD_COMMA].n > 0 ||
		    t->odd[ODD_GROUP_POINT].n > 0))
			dcol = im->names[k];
		if (tcol == NULL && t->odd[ODD_GROUP_COMMA].n > t->comma3)
			tcol = im->names[k];
	}
	/* What each reading makes of the first cell: "4.168", "4168". */
	for (k = m = 0; g->eg[k] != '\0'; k++) {
		dec[k] = g->eg[k] == ',' ? '.' : g->eg[k];
		if (g->eg[k] != ',')
			th[m++] = g->eg[k];
	}
	dec[k] = '\0';
	th[m] = '\0';
	/* Another column that only one of the options reads settles it:
	   the other is named as what it would make of the cell, not
	   advised. */
	if (dcol != NULL && tcol == NULL) {
		only = 1;
		snprintf(why_d, sizeof why_d, ", as column \"%s\" is written "
		    "with a decimal comma; not --thousands , (\"%s\" "
		    "would be %s), which cannot be given with it", dcol,
		    g->eg, th);
	} else if (tcol != NULL && dcol == NULL && th_ok) {
		only = 0;
		snprintf(why_t, sizeof why_t, ", as column \"%s\" is written "
		    "with thousands separators; not --decimal-comma "
		    "(\"%s\" would be %s), which cannot read that column",
		    tcol, g->eg, dec);
	} else if (im->delim == ';')
		snprintf(why_d, sizeof why_d, "; the fields are separated by "
		    "';', as where the comma is the decimal mark");
	dec_first = only != 0;
	for (rd = 0; rd < 2; rd++) {
		int is_dec = rd == 0 ? dec_first : !dec_first;

		if ((!is_dec && !th_ok) || (only >= 0 && is_dec != only))
			continue;
		if (o++ > 0)
			n += (size_t)snprintf(text + n, n < len ? len - n : 0,
			    " or with");
		if (is_dec)
			for (k = 0; k < nropt; k++)
				n += (size_t)snprintf(text + n, n < len ?
				    len - n : 0, " %s", ropts[k]);
		else
			n += (size_t)snprintf(text + n, n < len ? len - n : 0,
			    " --thousands ,");
		for (k = 0; k < nopt; k++)
			n += (size_t)snprintf(text + n, n < len ? len - n : 0,
			    " %s", opts[k]);
		n += (size_t)snprintf(text + n, n < len ? len - n : 0,
		    " (\"%s\" is %s%s)", g->eg, is_dec ? dec : th,
		    is_dec ? why_d : why_t);
	}
	return n;
}

/*
 * A TEXT column (inferred) some of whose cells are no numbers as
 * written: when most of its values are numbers, or numbers written
 * otherwise (odd_kind: a decimal comma, thousands separators, not
 * finite), it is a column of numbers that a few cells made text.  It is
 * marked numeric_text (never an identifier, colscan.h) and a warning
 * names each kind of cell with the line and value of its first, and the
 * options that read them all: --decimal-comma, --thousands, --na for the
 * few distinct values that stand for a missing one ("NaN", "1e309",
 * "unknown"), else --type <column>=real, which rejects the rows it cannot
 * read.  Each option is also a suggestion of the column.
 */
static void
decide_numeric_text(struct imp *im, size_t j, struct import_summary *sum)
{
	static const char *const what[ODD_N][2] = {
		{ "is written with a decimal comma",
		  "are written with a decimal comma" },
		{ "is written with thousands separators",
		  "are written with thousands separators" },
		{ "is written with thousands separators",
		  "are written with thousands separators" },
		{ "is written with a decimal point",
		  "are written with a decimal point" },
		{ "is written with a percent sign",
		  "are written with a percent sign" },
		{ "is written with a currency",
		  "are written with a currency" },
		{ "is not finite", "are not finite" },
		{ "is no number", "are no numbers" }
	};
	const struct import_spec *spec = im->spec;
	struct col_stat *cs = &im->stat[j];
	struct odd *o = cs->odd;
	static const char *const amb_what[2] = {
		"is written with a comma and three digits after it, a decimal "
		"comma or a thousands separator",
		"are written with a comma and three digits after it, a decimal "
		"comma or a thousands separator" };
	char opts[ODD_N + 2 * ODD_VALUES + 2][512], text[RD_ERR_MSG];
	char ropts[2][512];
	char b1[FMT_BUF], b2[FMT_BUF], opt[512], tail[160] = "";
	size_t nopt = 0, nropt = 0, like = cs->nums, k, v, n = 0, nclause = 0;
	size_t c, ndecor = 0;
	int unread = 0, na = 0, amb, th_ok = 0;

	for (k = 0; k < ODD_OTHER; k++)
		like += o[k].n;
	if (2 * like <= cs->present)
		return;		/* text with some numbers in it */
	cs->numeric_text = 1;
	for (k = ODD_PERCENT; k <= ODD_CURRENCY; k++)
		ndecor += o[k].n > 0;

	/* Every cell with thousands separators is a comma and three digits
	   ("4,168"), as much a decimal comma, where --decimal-comma can read
	   it (a delimiter other than ',', no number written with '.'): both
	   readings are named, the file's evident one first (amb_words). */
	amb = o[ODD_GROUP_COMMA].n > 0 && cs->comma3 == o[ODD_GROUP_COMMA].n &&
	    im->delim != ',' && cs->dotted == 0 && !spec->decimal_comma &&
	    spec->thousands == 0;
	if (amb) {
		/* The decimal reading reads "1,5" and "1.234,5" too; the
		   thousands reading only when there are none. */
		opt_add(ropts, &nropt, "--decimal-comma");
		if (o[ODD_GROUP_POINT].n > 0)
			opt_add(ropts, &nropt, "--thousands .");
		th_ok = o[ODD_COMMA].n == 0 && o[ODD_GROUP_POINT].n == 0;
		for (k = 0; k < nropt; k++)
			col_suggest(cs, ropts[k]);
		if (th_ok)
			col_suggest(cs, "--thousands ,");
	}

	/* The options that read every kind, where one can. */
	if (amb)
		;
	else if (o[ODD_COMMA].n > 0) {
		if (cs->dotted == 0 && o[ODD_GROUP_COMMA].n == 0)
			opt_add(opts, &nopt, "--decimal-comma");
		else
			unread = 1;
	}
	if (amb)
		;
	else if (o[ODD_GROUP_COMMA].n > 0) {
		if (o[ODD_COMMA].n == 0 && o[ODD_GROUP_POINT].n == 0)
			opt_add(opts, &nopt, "--thousands ,");
		else
			unread = 1;
	}
	if (amb)
		;
	else if (o[ODD_GROUP_POINT].n > 0) {
		if (cs->dotted == 0 && o[ODD_GROUP_COMMA].n == 0) {
			opt_add(opts, &nopt, "--thousands .");
			if (!spec->decimal_comma)
				opt_add(opts, &nopt, "--decimal-comma");
		} else {
			unread = 1;
		}
	}
	/* A decimal point among decimal commas: no option reads both. */
	if (o[ODD_POINT].n > 0)
		unread = 1;
	for (k = ODD_NONFINITE; k <= ODD_OTHER; k++) {
		if (o[k].n == 0)
			continue;
		if (o[k].more) {
			unread = 1;
			continue;
		}
		for (v = 0; v < o[k].nv; v++)
			opt_add(opts, &nopt, colscan_option(opt, sizeof opt,
			    "--na", NULL, o[k].v[v]));
		na = 1;
	}
	if (unread)
		opt_add(opts, &nopt, colscan_option(opt, sizeof opt,
		    "--type", im->names[j], "real"));

	/* column "x" is stored as text: of its 40 values, 39 are numbers
	   as written and 1 is not finite ("1e309" at line 8); ... */
	for (k = 0; k < ODD_N; k++)
		nclause += o[k].n > 0;
	nclause += cs->nums > 0;
	n = (size_t)snprintf(text, sizeof text, "column \"%s\" is stored as "
	    "text: of its %s values", im->names[j],
	    fmt_count(b1, (double)cs->present));
	c = 0;
	if (cs->nums > 0)
		n += (size_t)snprintf(text + n, n < sizeof text ?
		    sizeof text - n : 0, ", %s %s as written",
		    fmt_count(b1, (double)cs->nums), cs->nums == 1 ?
		    "is a number" : "are numbers"), c++;
	for (k = 0; k < ODD_N && n < sizeof text; k++) {
		if (o[k].n == 0)
			continue;
		c++;
		n += (size_t)snprintf(text + n, sizeof text - n, "%s%s %s "
		    "(%s\"%s%s\" at line %s)", c == nclause && c > 1 ?
		    " and " : ", ", fmt_count(b1, (double)o[k].n),
		    amb && k == ODD_GROUP_COMMA ? amb_what[o[k].n != 1] :
		    what[k][o[k].n != 1], o[k].n == 1 ? "" : "the first ",
		    o[k].eg, strlen(o[k].eg) < ODD_LEN - 4 ? "" : "...",
		    fmt_count(b2, (double)o[k].line));
	}
	snprintf(tail, sizeof tail, "%s%s%s%s", na || unread ? " (" : "",
	    na ? "--na reads a value as missing, in every column" : "",
	    na && unread ? "; " : "", unread ? "--type rejects a row whose "
	    "value it cannot read, to rd_reject)" : na ? ")" : "");
	if (ndecor > 0) {
		/* No option reads them: what to write instead, and how to
		   keep the column as text. */
		static const char *const mark[2] = { "a percent sign",
		    "a currency sign or code" };
		char plain[ODD_LEN + 8];

		n += (size_t)snprintf(text + n, n < sizeof text ?
		    sizeof text - n : 0, "; no option of import reads ");
		for (k = ODD_PERCENT, c = 0; k <= ODD_CURRENCY; k++)
			if (o[k].n > 0)
				n += (size_t)snprintf(text + n, n <
				    sizeof text ? sizeof text - n : 0,
				    "%s%s", c++ == 0 ? "" : c == ndecor ?
				    " or " : ", ", mark[k - ODD_PERCENT]);
		n += (size_t)snprintf(text + n, n < sizeof text ?
		    sizeof text - n : 0, ": to read the column as numbers, "
		    "write those cells as plain numbers in the file (");
		for (k = ODD_PERCENT, c = 0; k <= ODD_CURRENCY; k++) {
			if (o[k].n == 0)
				continue;
			decor_kind(im, o[k].eg, strlen(o[k].eg), plain,
			    sizeof plain);
			n += (size_t)snprintf(text + n, n < sizeof text ?
			    sizeof text - n : 0, "%s\"%s\" as %s%s",
			    c++ == 0 ? "" : ", ", o[k].eg, plain,
			    k == ODD_PERCENT ? ", the fraction it stands "
			    "for" : "");
		}
		n += (size_t)snprintf(text + n, n < sizeof text ?
		    sizeof text - n : 0, ")%s", nopt > 0 ? " and import with" :
		    "");
	} else {
		n += (size_t)snprintf(text + n, n < sizeof text ?
		    sizeof text - n : 0, "; to read them as numbers, import "
		    "with");
	}
	if (amb)
		n = amb_words(im, j, text, sizeof text, n, ropts, nropt, th_ok,
		    opts, nopt);
	else
		for (k = 0; k < nopt; k++)
			n += (size_t)snprintf(text + n, n < sizeof text ?
			    sizeof text - n : 0, " %s", opts[k]);
	for (k = 0; k < nopt; k++)
		col_suggest(cs, opts[k]);
	if (ndecor > 0) {
		col_suggest(cs, colscan_option(opt, sizeof opt, "--type",
		    im->names[j], "text"));
		n += (size_t)snprintf(text + n, n < sizeof text ?
		    sizeof text - n : 0, "; to keep it as text without this "
		    "warning, import with %s", opt);
	}
	add_warning(sum, "%s%s", text, tail);
}

/* Whether s and t have the same shape: as long, digits where digits
   are, the same other characters ("2023-02-30" and "2023-01-05"). */
static int
same_shape(const char *s, const char *t)
{
	for (; *s && *t; s++, t++)
		if (is_digit(*s) ? !is_digit(*t) : *s != *t)
			return 0;
	return *s == *t;
}

/*
 * A TEXT column (inferred) of dates in two layouts, neither reading most
 * of its values ("2021-03-17" and "17/03/2021"): kb the layout reading
 * the most, the other the one reading the most of those that read the
 * first cell kb does not.  When the two read most of the values, it is
 * marked date_text (a characteristic, never an identifier) and a warning
 * names both layouts with the count and first cell of each, and what to
 * do: one --date-format reads one layout, rejecting the other's rows, so
 * the column is to be written in one layout before the import.
 */
static void
date_layouts(struct imp *im, size_t j, int kb, struct import_summary *sum)
{
	struct col_stat *cs = &im->stat[j];
	const struct odd *miss = &cs->dmiss[kb];
	struct datefmt_tm tm;
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	char b5[FMT_BUF], b6[FMT_BUF], o1[512], o2[512];
	size_t best = 0, rest;
	int k, k2 = -1;

	for (k = 0; k < DATEFMT_NAUTO; k++)
		if (k != kb && cs->date_n[k] > best && datefmt_parse(
		    datefmt_auto[k], miss->eg, strlen(miss->eg), &tm)) {
			best = cs->date_n[k];
			k2 = k;
		}
	if (k2 < 0 || 2 * (cs->date_n[kb] + best) <= cs->present)
		return;
	cs->date_text = 1;
	cs->numeric_text = 1;
	rest = cs->date_n[kb] + best < cs->present ? cs->present -
	    cs->date_n[kb] - best : 0;
	colscan_option(o1, sizeof o1, "--date-format", im->names[j],
	    datefmt_auto[kb]);
	colscan_option(o2, sizeof o2, "--date-format", im->names[j],
	    datefmt_auto[k2]);
	add_warning(sum, "column \"%s\" is stored as text: of its %s values, "
	    "%s are dates written %s (the first \"%s\" at line %s) and %s "
	    "dates written %s (the first \"%s\" at line %s)%s%s%s, and a "
	    "column is read in one layout; to read them as dates, write the "
	    "column in one layout before the import (%s reads the %s "
	    "written so and rejects the other rows, to rd_reject; %s the %s "
	    "written so)",
	    im->names[j], fmt_count(b1, (double)cs->present),
	    fmt_count(b2, (double)cs->date_n[kb]), datefmt_auto[kb],
	    cs->date_eg[kb], fmt_count(b3, (double)cs->date_line[kb]),
	    fmt_count(b4, (double)best), datefmt_auto[k2], cs->date_eg[k2],
	    fmt_count(b5, (double)cs->date_line[k2]), rest > 0 ? " (" : "",
	    rest > 0 ? fmt_count(b6, (double)rest) : "", rest == 0 ? "" :
	    rest == 1 ? " other value is neither)" : " other values are "
	    "neither)", o1, b2, o2, b4);
}

/*
 * A TEXT column (inferred) most of whose values one date layout reads:
 * a column of dates that a few cells made text ("2023-02-30", a date
 * that does not exist, or "13/02/2023" among ISO dates).  It is marked
 * date_text (never an identifier, as numeric_text) and a warning names
 * the cells that layout does not read, with the line and value of the
 * first, and the options that read the column as dates: --date-format
 * with that layout (the other cells' rows rejected, to rd_reject), or
 * --na for a few distinct odd values.  Day-first and month-first
 * layouts that read as many values are both offered.
 */
static void
decide_date_text(struct imp *im, size_t j, struct import_summary *sum)
{
	struct col_stat *cs = &im->stat[j];
	const struct odd *nod;
	char o1[512], o2[512] = "", na[512 * ODD_VALUES] = "", opt[512];
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], b4[FMT_BUF];
	size_t best = 0, other, v, n = 0;
	int k, kb = -1, t;

	for (k = 0; k < DATEFMT_NAUTO; k++)
		if (cs->date_n[k] > best) {
			best = cs->date_n[k];
			kb = k;
		}
	if (kb >= 0 && 2 * best <= cs->present && cs->dmiss[kb].n > 0) {
		date_layouts(im, j, kb, sum);
		return;
	}
	if (kb < 0 || 2 * best <= cs->present || cs->dmiss[kb].n == 0)
		return;
	nod = &cs->dmiss[kb];
	cs->date_text = 1;
	cs->numeric_text = 1;	/* a characteristic, never an identifier */
	other = cs->present - best;
	colscan_option(o1, sizeof o1, "--date-format", im->names[j],
	    datefmt_auto[kb]);
	col_suggest(cs, o1);
	t = datefmt_auto_twin(kb);
	if (t >= 0 && cs->date_n[t] == best) {
		colscan_option(o2, sizeof o2, "--date-format", im->names[j],
		    datefmt_auto[t]);
		col_suggest(cs, o2);
	}
	if (!nod->more && nod->n == other)
		for (v = 0; v < nod->nv; v++) {
			colscan_option(opt, sizeof opt, "--na", NULL,
			    nod->v[v]);
			n += (size_t)snprintf(na + n, sizeof na - n, " %s",
			    opt);
			col_suggest(cs, opt);
		}
	add_warning(sum, "column \"%s\" is stored as text: of its %s "
	    "values, %s are dates written %s (e.g. \"%s\") and %s %s%s "
	    "(%s\"%s\" at line %s); to read them as dates, import with "
	    "%s%s%s (it rejects a row whose value it cannot read, to "
	    "rd_reject)%s%s%s", im->names[j],
	    fmt_count(b1, (double)cs->present), fmt_count(b2, (double)best),
	    datefmt_auto[kb], cs->date_eg[kb], fmt_count(b3, (double)other),
	    other == 1 ? "is" : "are", same_shape(nod->eg, cs->date_eg[kb]) ?
	    (other == 1 ? " no date in the calendar" : " no dates in the "
	    "calendar or not written so") : " not", other == 1 ? "" :
	    "the first ", nod->eg, fmt_count(b4, (double)nod->line), o1,
	    o2[0] ? " or " : "", o2, na[0] ? ", or with" : "", na, na[0] ?
	    " (--na reads a value as missing, in every column)" : "");
}

/* A column of reals with integers past 64 bits: stored as reals,
   rounded, and said. */
static void
big_as_reals(struct imp *im, size_t j, struct import_summary *sum)
{
	struct col_stat *cs = &im->stat[j];
	char b1[FMT_BUF], b2[FMT_BUF], opt[512];

	add_warning(sum, "column \"%s\": %s integer%s past the 64-bit range "
	    "(%s\"%s\" at line %s) %s, rounded to about 16 significant "
	    "digits; %s keeps the column's digits as text",
	    im->names[j], fmt_count(b1, (double)cs->big.n), cs->big.n == 1 ?
	    "" : "s", cs->big.n == 1 ? "" : "the first ", cs->big.eg,
	    fmt_count(b2, (double)cs->big.line), cs->big.n == 1 ?
	    "is stored as a real number" : "are stored as real numbers",
	    colscan_option(opt, sizeof opt, "--type", im->names[j],
	    "text"));
}

/* Sort keys ascending. */
static int
cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/* Distinct values among keys[n] (sorted in place). */
static size_t
distinct_keys(uint64_t *keys, size_t n)
{
	size_t i, d = 0;

	if (n == 0)
		return 0;	/* keys may be NULL: qsort must not see it */
	qsort(keys, n, sizeof *keys, cmp_u64);
	for (i = 0; i < n; i++)
		d += i == 0 || keys[i] != keys[i - 1];
	return d;
}

/*
 * Whether column j, inferred INTEGER with integers past 64 bits, is an
 * identifier, whose values are kept as text rather than its rows
 * rejected: the key column (--id), one set so by --role, or, by the
 * rule (colscan.h) as far as pass 1 can tell, a column named like an id
 * (or not named) with no negative number whose sampled first values are
 * nearly all distinct (pass 2 then judges it as text, on every value).
 * Not when appending: the table's type governs.  Writes the reason into
 * why[len] ("the key column (--id)").
 */
static int
big_identifier(struct imp *im, size_t j, char *why, size_t len)
{
	struct col_stat *cs = &im->stat[j];
	const struct colscan_spec *sp = im->scan;

	if (im->mode == IMPORT_APPEND || (int)j == im->target_col)
		return 0;
	if ((int)j == im->id_col) {
		snprintf(why, len, "the key column (--id)");
		return 1;
	}
	if (cs->role == 1) {
		snprintf(why, len, "an identifier set by --role");
		return 1;
	}
	if (cs->role == 0 || cs->negative || cs->npre == 0 ||
	    !(im->name_from[j] == IMPORT_NAME_EMPTY || im->name_from[j] ==
	    IMPORT_NAME_NUMBERED || colscan_name_is_id(im->names[j])) ||
	    (double)distinct_keys(cs->pre, cs->npre) < sp->id_prefix_share *
	    (double)cs->npre)
		return 0;
	snprintf(why, len, "an identifier by its name and distinct values");
	return 1;
}

/*
 * A column inferred numeric (INTEGER or REAL) that holds cells no number
 * of its type can be: numbers that are not finite ("1e309", "Inf",
 * "NaN"), or, in a column of integers, integers past 64 bits.  A few such
 * cells do not retype the column: their rows are rejected under the
 * import's rules (rd_reject; --strict: an error at the cell), cs->checked
 * making pass 2 check every cell, and a warning names them and the
 * options that read them otherwise.  When they are most of its numbers
 * the column is not numeric: TEXT, said so (integers past 64 bits are
 * codes or identifiers, kept digit for digit).  Integers past 64 bits
 * among reals are reals, rounded, and said.
 */
static void
decide_odd_numbers(struct imp *im, size_t j, struct import_summary *sum)
{
	struct col_stat *cs = &im->stat[j];
	const struct odd *nf = &cs->odd[ODD_NONFINITE];
	char b1[FMT_BUF], b2[FMT_BUF], b3[FMT_BUF], opt[512], opt2[512];
	char na[512] = "", why[128];
	size_t v, n = 0;

	if (cs->type == IMPORT_REAL && cs->big.n > 0)
		big_as_reals(im, j, sum);
	if (nf->n > 0 && 2 * nf->n > cs->nums) {
		/* Mostly not finite: text, decide_numeric_text says why. */
		cs->type = IMPORT_TEXT;
		return;
	}
	if (cs->type == IMPORT_INTEGER && cs->big.n > 0 &&
	    big_identifier(im, j, why, sizeof why)) {
		cs->type = IMPORT_TEXT;
		add_warning(sum, "column \"%s\" is stored as text: %s of its "
		    "%s values %s integer%s past the 64-bit range (%s\"%s\" "
		    "at line %s), and it is %s: every value is kept digit for "
		    "digit, no row refused", im->names[j],
		    fmt_count(b1, (double)cs->big.n),
		    fmt_count(b2, (double)cs->present), cs->big.n == 1 ?
		    "is an" : "are", cs->big.n == 1 ? "" : "s",
		    cs->big.n == 1 ? "" : "the first ", cs->big.eg,
		    fmt_count(b3, (double)cs->big.line), why);
		return;
	}
	if (cs->type == IMPORT_INTEGER && cs->big.n > 0 &&
	    2 * cs->big.n > cs->nums - cs->big.n) {
		cs->type = IMPORT_TEXT;
		add_warning(sum, "column \"%s\" is stored as text: %s of its "
		    "%s values are integers past the 64-bit range (the "
		    "first \"%s\" at line %s), which a number would round: "
		    "codes or identifiers, kept digit for digit; %s reads "
		    "them as numbers, rounded", im->names[j],
		    fmt_count(b1, (double)cs->big.n),
		    fmt_count(b2, (double)cs->present), cs->big.eg,
		    fmt_count(b3, (double)cs->big.line), colscan_option(opt,
		    sizeof opt, "--type", im->names[j], "real"));
		return;
	}
	if (cs->type == IMPORT_INTEGER && cs->big.n > 0) {
		cs->checked = 1;
		col_suggest(cs, colscan_option(opt2, sizeof opt2, "--type",
		    im->names[j], "text"));
		add_warning(sum, "column \"%s\": %s value%s %s integer%s past "
		    "the 64-bit range (%s\"%s\" at line %s): %s rejected, "
		    "to rd_reject, rather than the column rounded to real "
		    "numbers; %s reads %s as numbers, rounded, %s keeps the "
		    "column's digits as text", im->names[j],
		    fmt_count(b1, (double)cs->big.n), cs->big.n == 1 ? "" :
		    "s", cs->big.n == 1 ? "is an" : "are", cs->big.n == 1 ?
		    "" : "s", cs->big.n == 1 ? "" : "the first ", cs->big.eg,
		    fmt_count(b2, (double)cs->big.line), cs->big.n == 1 ?
		    "its row is" : "their rows are", colscan_option(opt,
		    sizeof opt, "--type", im->names[j], "real"),
		    cs->big.n == 1 ? "it" : "them", colscan_option(opt2,
		    sizeof opt2, "--type", im->names[j], "text"));
	}
	if (nf->n == 0)
		return;
	cs->checked = 1;
	if (!nf->more)
		for (v = 0; v < nf->nv; v++) {
			n += (size_t)snprintf(na + n, n < sizeof na ?
			    sizeof na - n : 0, " %s", colscan_option(opt,
			    sizeof opt, "--na", NULL, nf->v[v]));
			col_suggest(cs, opt);
		}
	add_warning(sum, "column \"%s\": %s value%s %s not finite (%s\"%s\" "
	    "at line %s): %s rejected, to rd_reject, rather than the column "
	    "made text%s%s%s", im->names[j], fmt_count(b1, (double)nf->n),
	    nf->n == 1 ? "" : "s", nf->n == 1 ? "is" : "are", nf->n == 1 ?
	    "" : "the first ", nf->eg, fmt_count(b2, (double)nf->line),
	    nf->n == 1 ? "its row is" : "their rows are", !na[0] ? "" :
	    nf->n == 1 ? "; to read it as missing, import with" :
	    "; to read them as missing, import with", na, na[0] ?
	    " (--na reads a value as missing, in every column)" : "");
}

/* A column of numbers read under --thousands , whose every number is a
   comma and three digits ("4,168"): read as thousands, as asked, and the
   other reading said, never a silent factor of 1,000. */
static void
thousands_read(struct imp *im, size_t j, struct import_summary *sum)
{
	const struct odd *r = &im->stat[j].read3;
	char b1[FMT_BUF], b2[FMT_BUF], dec[ODD_LEN], th[ODD_LEN];
	size_t k, m;

	for (k = m = 0; r->eg[k] != '\0'; k++) {
		dec[k] = r->eg[k] == ',' ? '.' : r->eg[k];
		if (r->eg[k] != ',')
			th[m++] = r->eg[k];
	}
	dec[k] = '\0';
	th[m] = '\0';
	add_warning(sum, "column \"%s\": %s%s %s written with a comma and "
	    "three digits after it (%s\"%s\" at line %s), read under "
	    "--thousands , as thousands (\"%s\" is %s); if the comma is the "
	    "decimal mark, import with --decimal-comma instead (\"%s\" is "
	    "%s)", im->names[j], r->n == 1 ? "its value" : "all ",
	    r->n == 1 ? "" : fmt_count(b1, (double)r->n), r->n == 1 ? "is" :
	    "values are", r->n == 1 ? "" : "the first ", r->eg,
	    fmt_count(b2, (double)r->line), r->eg, th, r->eg, dec);
}

/* A column of numbers some of whose cells are negatives in parentheses
   ("(250.00)", as ledgers and spreadsheets write them): read as
   negatives, and said, with the way to keep them as text. */
static void
paren_read(struct imp *im, size_t j, struct import_summary *sum)
{
	const struct odd *r = &im->stat[j].paren;
	char b1[FMT_BUF], b2[FMT_BUF], opt[512], neg[NUM_MAX + 1];
	size_t len = strlen(r->eg);

	if (!paren_neg(r->eg, len, neg))
		snprintf(neg, sizeof neg, "%s", r->eg);
	add_warning(sum, "column \"%s\": %s %s in parentheses, as ledgers "
	    "write %s (%s\"%s\" at line %s), read as %s (\"%s\" is %s); if "
	    "the parentheses mean something else, import with %s to keep "
	    "the column as text", im->names[j], fmt_count(b1, (double)r->n),
	    r->n == 1 ? "value is a number" : "values are numbers",
	    r->n == 1 ? "a negative" : "negatives", r->n == 1 ? "" :
	    "the first ", r->eg, fmt_count(b2, (double)r->line), r->n == 1 ?
	    "a negative" : "negatives", r->eg, neg, colscan_option(opt,
	    sizeof opt, "--type", im->names[j], "text"));
}

/* Decide each column's type from pass 1 (forced ones are set). */
static void
decide_types(struct imp *im, struct import_summary *sum)
{
	size_t j;

	for (j = 0; j < im->ncols; j++) {
		struct col_stat *cs = &im->stat[j];

		if (cs->forced) {
			if (cs->type == IMPORT_REAL && cs->big.n > 0)
				big_as_reals(im, j, sum);
			if ((cs->type == IMPORT_INTEGER || cs->type ==
			    IMPORT_REAL) && cs->paren.n > 0)
				paren_read(im, j, sum);
			if (cs->type == IMPORT_DATE)
				im->has_dates = 1;
			/* Said, never left to be guessed (datefmt.h). */
			if (cs->type == IMPORT_DATE && strstr(cs->date_fmt,
			    "%y") != NULL)
				add_warning(sum, "column \"%s\": two-digit "
				    "years (%%y) are read as POSIX strptime "
				    "reads them: 69 to 99 as 1969 to 1999, 00 "
				    "to 68 as 2000 to 2068 (\"68\" is 2068, "
				    "\"69\" is 1969); for other centuries "
				    "write the years in four digits (%%Y)",
				    im->names[j]);
			continue;
		}
		if (cs->present == 0)
			cs->type = IMPORT_TEXT;
		else if (cs->maybe_int && cs->nums > 0)
			cs->type = IMPORT_INTEGER;
		else if (cs->maybe_real && cs->nums > 0)
			cs->type = IMPORT_REAL;
		else if (cs->date_ok)
			decide_date(im, j, sum);
		else
			cs->type = IMPORT_TEXT;
		if (cs->type == IMPORT_INTEGER || cs->type == IMPORT_REAL)
			decide_odd_numbers(im, j, sum);
		if ((cs->type == IMPORT_INTEGER || cs->type == IMPORT_REAL) &&
		    cs->read3.n > 0 && cs->read3.n == cs->nums)
			thousands_read(im, j, sum);
		if ((cs->type == IMPORT_INTEGER || cs->type == IMPORT_REAL) &&
		    cs->paren.n > 0)
			paren_read(im, j, sum);
		if (cs->lz > 0 && (cs->type == IMPORT_INTEGER ||
		    cs->type == IMPORT_REAL))
			decide_leading_zeros(im, j, sum);
		if (cs->type == IMPORT_DATE)
			im->has_dates = 1;
		if (cs->type == IMPORT_TEXT && !cs->ambiguous &&
		    cs->nums < cs->present)
			decide_numeric_text(im, j, sum);
		if (cs->type == IMPORT_TEXT && !cs->ambiguous &&
		    !cs->numeric_text && cs->date_count)
			decide_date_text(im, j, sum);
	}
}

/* The warnings about the header: names made or made unique, a first
   line that looks like data. */
static void
header_warnings(struct imp *im, struct import_summary *sum)
{
	size_t j, k;

	for (j = 0; j < im->ncols && im->hdr; j++) {
		if (im->name_from[j] == IMPORT_NAME_EMPTY)
			add_warning(sum, "column %zu has no name in the "
			    "header; named \"%s\"", j + 1, im->names[j]);
		else if (im->name_from[j] == IMPORT_NAME_REPEATED) {
			for (k = 0; k < j; k++)
				if (im->names[k] != NULL && sqlite3_stricmp(
				    im->header[j], im->names[k]) == 0)
					break;
			/* Both as written: "age" repeats "Age". */
			add_warning(sum, "column %zu, \"%s\", repeats the "
			    "name of column %zu, \"%s\"%s; named \"%s\"",
			    j + 1, im->header[j], k + 1, im->names[k],
			    strcmp(im->header[j], im->names[k]) == 0 ? "" :
			    " (names compare without case)", im->names[j]);
		}
	}
	if (im->hdr && (im->hdr_numeric || im->nrepeated > 0))
		add_warning(sum, "the first line %s: if it is data, not "
		    "names, import with --no-header (and --names to name "
		    "the columns)", im->hdr_numeric ? "is all numbers" :
		    "repeats a name");
}

/*
 * After pass 1: the identifier candidates, whose every imported value is
 * keyed in pass 2: columns of a kind that may be an identifier, not the
 * target nor set by role, whose sampled first values are nearly all
 * distinct.
 */
static void
decide_candidates(struct imp *im)
{
	const struct colscan_spec *sp = im->scan;
	size_t j;

	for (j = 0; j < im->ncols; j++) {
		struct col_stat *cs = &im->stat[j];
		int kind_ok = cs->type == IMPORT_TEXT ||
		    cs->type == IMPORT_INTEGER ||
		    (cs->type == IMPORT_DATE && cs->date_time);

		cs->cand = kind_ok && cs->role < 0 &&
		    (int)j != im->target_col && im->mode != IMPORT_APPEND &&
		    cs->npre > 0 && (double)distinct_keys(cs->pre, cs->npre)
		    >= sp->id_prefix_share * (double)cs->npre;
		free(cs->pre);
		cs->pre = NULL;
		if (cs->cand || cs->type == IMPORT_INTEGER ||
		    cs->type == IMPORT_REAL) {
			im->tally = xreallocarray(im->tally, im->ntally + 1,
			    sizeof *im->tally);
			im->tally[im->ntally++] = j;
		}
	}
}

/*
 * After pass 2, inside the transaction: the role of each column (the
 * officer's, the id column's, or the rule's; colscan_identifier),
 * recorded in rd_column; then the suggestions for the ordinary numeric
 * columns other than the target.
 */
static int
decide_roles(struct imp *im, struct db *db, struct import_summary *sum,
	struct rd_err *err)
{
	char note[256], b[FMT_BUF], text[1024], opt[512];
	size_t j;

	/* A declared special value that matches no cell is most likely
	   written otherwise than the data writes it: said, never silent. */
	for (j = 0; j < im->ncols; j++) {
		const struct col_stat *cs = &im->stat[j];
		size_t k;

		for (k = 0; k < cs->nspv; k++) {
			int num = cs->type == IMPORT_INTEGER ||
			    cs->type == IMPORT_REAL;
			size_t e;

			if (cs->spn[k] > 0)
				continue;
			/* The same number (or text) as an earlier value,
			   whose rows it took. */
			for (e = 0; e < k; e++)
				if (num ? !isnan(cs->spd[k]) &&
				    cs->spd[e] == cs->spd[k] :
				    strcmp(cs->spv[e], cs->spv[k]) == 0)
					break;
			if (e < k) {
				add_warning(sum, "--special %s=%s is the same "
				    "%s as %s, which counts its rows",
				    im->names[j], cs->spv[k], num ? "number" :
				    "value", cs->spv[e]);
				continue;
			}
			if (num && isnan(cs->spd[k])) {
				char *end;
				double d = strtod(cs->spv[k], &end);

				if (*end == '\0' && !isnan(d) &&
				    d == 0)
					add_warning(sum, "--special %s=%s "
					    "matches no row: %s is nearer 0 "
					    "than the smallest number a cell "
					    "can hold, %.17g: it underflows",
					    im->names[j], cs->spv[k],
					    cs->spv[k], 4.9406564584124654e-324);
				else if (*end == '\0' && !isnan(d))
					add_warning(sum, "--special %s=%s "
					    "matches no row: %s is past the "
					    "largest number a cell can hold, "
					    "%.17g", im->names[j],
					    cs->spv[k], cs->spv[k], DBL_MAX);
				else
					add_warning(sum, "--special %s=%s "
					    "matches no row: column \"%s\" "
					    "holds numbers, and \"%s\" is "
					    "none", im->names[j], cs->spv[k],
					    im->names[j], cs->spv[k]);
			} else
				add_warning(sum, "--special %s=%s matches no "
				    "row: no value of column \"%s\"%s is %s",
				    im->names[j], cs->spv[k], im->names[j],
				    im->mode == IMPORT_APPEND ? " in this file" :
				    "", num ? "that number" : "written so");
		}
	}
	for (j = 0; j < im->ncols; j++) {
		struct col_stat *cs = &im->stat[j];
		struct colscan_sentinel g[2];
		size_t present = im->ninsert - cs->missing, ng, k, nv;
		double v[COLSCAN_FEW];
		int is_id = 0;

		if ((int)j == im->target_col)
			continue;
		if ((int)j == im->id_col) {
			snprintf(note, sizeof note, "identifier: key column "
			    "(--id), %s unique values",
			    fmt_count(b, (double)present));
			is_id = 1;
		} else if (cs->role == 1) {
			snprintf(note, sizeof note, "identifier: set by "
			    "--role");
			is_id = 1;
		} else if (cs->role < 0 && im->mode != IMPORT_APPEND) {
			struct colscan_idfacts f;

			memset(&f, 0, sizeof f);
			f.kind = cs->type == IMPORT_INTEGER ? COLSCAN_INTEGER :
			    cs->type == IMPORT_REAL ? COLSCAN_REAL :
			    cs->type == IMPORT_DATE ? (cs->date_time ?
			    COLSCAN_DATETIME : COLSCAN_DATE) : COLSCAN_TEXT;
			f.name = im->names[j];
			f.rows = im->ninsert;
			f.unnamed = im->name_from[j] == IMPORT_NAME_EMPTY ||
			    im->name_from[j] == IMPORT_NAME_NUMBERED;
			f.empty_name = im->name_from[j] == IMPORT_NAME_EMPTY;
			f.numeric_text = cs->numeric_text;
			f.present = present;
			f.consecutive = cs->type == IMPORT_INTEGER &&
			    cs->seq_ok && cs->seq_any && cs->scan.n ==
			    present;
			/* A run's values are distinct: no keys to count. */
			f.distinct = !cs->cand ? 0 : cs->type ==
			    IMPORT_INTEGER && cs->seq_ok ? present :
			    distinct_keys(cs->keys, cs->nkeys);
			f.min = colscan_min(&cs->scan);
			f.max = colscan_max(&cs->scan);
			is_id = colscan_identifier(&f, im->scan, note,
			    sizeof note);
		}
		/* Every column judged is recorded, so that binning applies
		   no rule of its own to it: the officer's word, or the
		   import's, which saw the whole file. */
		if (!is_id && (cs->role == 0 || im->mode != IMPORT_APPEND) &&
		    db_column_role_set(db, im->spec->table, im->names[j],
		    DS_ROLE_ORDINARY, cs->role == 0 ? "ordinary: set by "
		    "--role" : NULL, err) != 0)
			return -1;
		if (is_id) {
			if (db_column_role_set(db, im->spec->table,
			    im->names[j], DS_ROLE_IDENTIFIER, note, err) != 0)
				return -1;
			continue;
		}
		if (cs->type != IMPORT_INTEGER && cs->type != IMPORT_REAL)
			continue;
		ng = colscan_sentinels(&cs->scan, im->scan, g);
		for (k = 0; k < ng; k++) {
			char vals[128];

			add_warning(sum, "%s", colscan_sentinel_text(text,
			    sizeof text, im->names[j], &g[k]));
			col_suggest(cs, colscan_option(opt, sizeof opt,
			    "--special", im->names[j],
			    colscan_sentinel_values(vals, sizeof vals,
			    &g[k])));
		}
		if (cs->type == IMPORT_INTEGER && !cs->forced &&
		    colscan_codes(&cs->scan, im->scan, v, &nv)) {
			add_warning(sum, "%s", colscan_codes_text(text,
			    sizeof text, im->names[j], v, nv, 0));
			col_suggest(cs, colscan_option(opt, sizeof opt,
			    "--type", im->names[j], "text"));
		}
	}
	return 0;
}

/* Record the declared special values of the table in rd_special. */
static int
write_special(struct imp *im, struct rd_err *err)
{
	const struct import_spec *spec = im->spec;
	size_t k;

	for (k = 0; k < spec->nspecial; k++) {
		sqlite3_stmt *st = NULL;
		int rc;

		if (sqlite3_prepare_v2(im->h, "INSERT OR IGNORE INTO "
		    "rd_special(tbl, col, value) VALUES (?1, ?2, ?3)", -1,
		    &st, NULL) != SQLITE_OK)
			return db_fail(err, im->h, "cannot record special "
			    "values");
		rc = db_bind_text(st, 1, spec->table, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = db_bind_text(st, 2, spec->special[k].column,
			    -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = db_bind_text(st, 3, spec->special[k].value,
			    -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(err, im->h, "cannot record special "
			    "values");
	}
	return 0;
}

/* Free what a column's state owns. */
static void
col_stat_done(struct col_stat *cs)
{
	size_t k;

	free(cs->spv);
	free(cs->spd);
	free(cs->spi);
	free(cs->spint);
	free(cs->spn);
	free(cs->pre);
	free(cs->keys);
	for (k = 0; k < cs->nsugg; k++)
		free(cs->sugg[k]);
	free(cs->sugg);
}

/*
 * The recorded identifiers among the table's columns (rd_column, after
 * this import) into the summary's columns; a failure to read them leaves the
 * summary without roles (the import itself is committed).
 */
static void
summary_roles(struct db *db, const char *table, struct import_summary *sum)
{
	struct db_column_role *r = NULL;
	size_t n = 0, k, j;

	if (db_column_roles(db, table, &r, &n, NULL) != 0)
		return;
	for (k = 0; k < n; k++)
		for (j = 0; j < sum->ncolumns; j++)
			if (sqlite3_stricmp(sum->columns[j].name,
			    r[k].column) == 0 && strcmp(r[k].role,
			    DS_ROLE_IDENTIFIER) == 0) {
				sum->columns[j].role = xstrdup(r[k].role);
				sum->columns[j].role_note = xstrdup(r[k].note);
			}
	db_column_roles_free(r, n);
}

/* The error for a file without a record: empty, or blank lines only. */
static void
no_records(const struct imp *im, struct rd_err *err)
{
	rd_err_setloc(err, RD_EINPUT, im->spec->csv_path, 1, 0, "expected %s, "
	    "found %s: no header line and no data rows", im->hdr ?
	    "a header line" : "a record", im->src->raw_done == 0 ?
	    "an empty file" : "only blank lines");
}

/*
 * The error for a file whose every data row pass 1 rejected: nothing is
 * imported (an import of no rows would look like success, the rows in
 * rd_reject); located at the first row's fault, with its reason, the
 * count and what to check.
 */
static void
all_rejected(const struct imp *im, struct rd_err *err)
{
	char b[FMT_BUF], hint[512], all[96];
	size_t n = im->nrec - (size_t)im->hdr;

	if (im->rej_why == REJ_FIELDS)
		snprintf(hint, sizeof hint, "; the %s has %zu field%s split "
		    "at '%s': if the rows are split at another delimiter, "
		    "give it with --delimiter", im->hdr ? "header" :
		    "first line", im->ncols, im->ncols == 1 ? "" : "s",
		    im->delim == '\t' ? "\\t" : (char[]){ im->delim, 0 });
	else if (im->rej_why == REJ_ID)
		snprintf(hint, sizeof hint, "; is --id %s the right column?",
		    im->names[im->rej_j]);
	else
		snprintf(hint, sizeof hint, "; check the --type or "
		    "--date-format given for column \"%s\"",
		    im->names[im->rej_j]);
	if (n == 1)
		snprintf(all, sizeof all, "the only data row was rejected");
	else
		snprintf(all, sizeof all, "all %s data rows were rejected "
		    "(this is the first)", fmt_count(b, (double)n));
	rd_err_setloc(err, RD_EINPUT, im->spec->csv_path, im->rej_line,
	    im->rej_col, "%s; %s, so nothing was "
	    "imported and the database is unchanged%s", im->rej_msg, all,
	    hint);
}

/* The error for duplicate ids found in pass 2. */
static void
dup_error(struct imp *im, struct rd_err *err)
{
	char lines[128] = "";
	size_t k, n = im->ndup < IMPORT_DUP_LINES ? im->ndup :
	    IMPORT_DUP_LINES;

	for (k = 0; k < n; k++) {
		size_t l = strlen(lines);

		snprintf(lines + l, sizeof lines - l, "%s%ld", k ? ", " : "",
		    im->dup_line[k]);
	}
	/* Appending, a value may repeat one already in the table. */
	rd_err_setloc(err, RD_EINPUT, im->spec->csv_path, im->dup_line[0], 0,
	    "expected unique values in id column \"%s\", found %zu "
	    "duplicate%s (\"%s\" first) at line%s %s%s%s; use --on-duplicate "
	    "first to keep the first of each", im->names[im->id_col],
	    im->ndup, im->ndup == 1 ? "" : "s", im->dup_val,
	    n == 1 ? "" : "s", lines, im->ndup > n ? ", ..." : "",
	    im->mode == IMPORT_APPEND ? ", of a row earlier in the file or "
	    "already in the table" : "");
}

int
csv_import(struct db *db, const struct import_spec *spec,
	struct import_summary *sum, struct rd_err *err)
{
	static const char *const sync_mode[] = { "PRAGMA synchronous = 0",
	    "PRAGMA synchronous = 1", "PRAGMA synchronous = 2",
	    "PRAGMA synchronous = 3" };
	struct imp im;
	struct src src;
	struct table_meta meta, now;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 before = 0;
	char *real = NULL, *badl = NULL, *goodl = NULL, *id_name = NULL;
	const char *target;
	size_t cnt[3] = { 0, 0, 0 }, all[3], rows_before = 0;
	int exists, in_tx = 0, old_sync = -1, ret = -1, have_meta = 0;
	int have_now = 0;
	int old_cache = 0;
	size_t j;

	memset(sum, 0, sizeof *sum);
	memset(&im, 0, sizeof im);
	memset(&meta, 0, sizeof meta);
	memset(&now, 0, sizeof now);
	memset(&src, 0, sizeof src);
	src.cd = (iconv_t)-1;
	im.spec = spec;
	im.err = err;
	im.h = db_sqlite(db);
	im.id_col = im.target_col = -1;
	im.hdr = !spec->no_header;
	im.scan = spec->scan != NULL ? spec->scan : &colscan_default;
	im.tally_late = spec->on_duplicate == IMPORT_DUP_FIRST;
	im.mode = spec->replace ? IMPORT_REPLACE : spec->mode;
	im.id_name = spec->id;
	im.max_cols = (size_t)sqlite3_limit(im.h, SQLITE_LIMIT_COLUMN, -1);
	if (spec_check(spec, err) != 0)
		return -1;

	/* Refuse early when the table is there, before reading the file;
	 * the check is repeated inside the transaction. */
	if (table_exists(im.h, spec->table, &exists, &real, err) != 0)
		return -1;
	free(real);
	real = NULL;
	if (exists && im.mode == IMPORT_CREATE)
		return rd_err_set(err, RD_EUSAGE, "table \"%s\" exists; use "
		    "--replace or --append", spec->table);
	if (!exists && im.mode == IMPORT_APPEND)
		return rd_err_set(err, RD_EINPUT, "no table \"%s\" to append "
		    "to", spec->table);
	target = spec->target;
	if (target != NULL) {
		/* The coding as rd_table keeps it: tab-separated lists. */
		const char *bv[IMPORT_MAX_GOOD + 1];
		size_t nb = spec_bads(spec, bv), k;

		badl = str_cat(NULL, "");
		for (k = 0; k < nb; k++)
			badl = str_cat(str_cat(badl, k ? "\t" : ""), bv[k]);
		goodl = str_cat(NULL, "");
		for (k = 0; k < spec->ngood; k++)
			goodl = str_cat(str_cat(goodl, k ? "\t" : ""),
			    spec->good[k]);
	}
	/* Before a row is read: the rule on the outcome itself. */
	if (target != NULL && spec->reject_col != NULL &&
	    strcmp(spec->reject_col, target) == 0) {
		free(badl);
		free(goodl);
		return db_reject_target_err(err, spec->table,
		    spec->reject_col, spec->reject_value);
	}
	if (im.mode == IMPORT_APPEND && spec->reject_col != NULL) {
		free(badl);
		free(goodl);
		return rd_err_set(err, RD_EUSAGE, "--reject-when cannot be "
		    "given with --append: import the whole file with "
		    "--replace");
	}
	if (im.mode == IMPORT_APPEND && db_table_meta(db, spec->table, &meta,
	    NULL) == 0) {
		have_meta = 1;
		if (meta.reject_col != NULL) {
			rd_err_set(err, RD_EUSAGE, "table \"%s\" has rejects "
			    "marked (%s=%s): appending would mix the counts; "
			    "import the whole file with --replace and "
			    "--reject-when", spec->table, meta.reject_col,
			    meta.reject_value);
			table_meta_done(&meta);
			free(badl);
			free(goodl);
			return -1;
		}
		rows_before = (size_t)meta.rows;
		if (target != NULL && append_target_check(spec, &meta,
		    err) != 0) {
			table_meta_done(&meta);
			free(badl);
			free(goodl);
			return -1;
		}
		if (meta.target != NULL) {
			/* Keep the table's own target coding (the same
			 * when given, checked above). */
			target = meta.target;
			free(badl);
			free(goodl);
			badl = xstrdup(meta.bad != NULL ? meta.bad : "");
			goodl = xstrdup(meta.good != NULL ? meta.good : "");
		}
	}
	/* Appending to a table with an id column without --id: its key
	 * is checked all the same, and named in the errors. */
	if (im.mode == IMPORT_APPEND && spec->id == NULL) {
		if (table_id_column(im.h, spec->table, &id_name, err) != 0) {
			table_meta_done(&meta);
			free(badl);
			free(goodl);
			return -1;
		}
		im.id_name = id_name;
	}
	im.batch = xcalloc(NBATCH, sizeof *im.batch);
	pthread_mutex_init(&im.mu, NULL);
	pthread_cond_init(&im.cv, NULL);
	if (src_open(&src, spec->csv_path, spec->encoding, err) != 0)
		goto done;

	/* Pass 1: dialect, header, rejects, types. */
	im.pass = 1;
	if (run_pass(&im, &src) != 0)
		goto done;
	if (im.nrec == 0) {
		no_records(&im, err);
		goto done;
	}
	if (im.nrec > (size_t)im.hdr && im.nreject == im.nrec -
	    (size_t)im.hdr) {
		all_rejected(&im, err);
		goto done;
	}
	if (target != NULL &&
	    (im.target_col = column_index(&im, target)) < 0) {
		char hint[RD_ERR_MSG / 2];

		no_column_hint(&im, target, hint, sizeof hint);
		rd_err_setloc(err, RD_EINPUT, spec->csv_path, 1, 0,
		    "expected target column \"%s\" in the header, found no "
		    "such column%s", target, hint);
		goto done;
	}
	if (im.target_col >= 0 && im.stat[im.target_col].role == 1) {
		rd_err_set(err, RD_EUSAGE, "the target \"%s\" cannot be an "
		    "identifier", target);
		goto done;
	}
	im.rows1 = im.nrec - (size_t)im.hdr;
	if (src.bom)
		add_warning(sum, "the file starts with a UTF-8 byte order mark, "
		    "yet --encoding %s was given: the mark was skipped; if the "
		    "file is UTF-8, import it without --encoding",
		    spec->encoding);
	header_warnings(&im, sum);
	decide_types(&im, sum);
	decide_candidates(&im);

	/* Pass 2, in one transaction.  synchronous = NORMAL keeps the
	 * rollback journal's atomicity and saves an fsync per commit phase;
	 * a 16 MiB page cache keeps the growing table's pages in memory
	 * until the commit.  Both settings are restored afterwards. */
	if (sqlite3_prepare_v2(im.h, "PRAGMA synchronous", -1, &st, NULL)
	    == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		old_sync = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(im.h, "PRAGMA cache_size", -1, &st, NULL)
	    == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		old_cache = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (old_sync > 1 && old_sync <= 3 &&
	    exec(im.h, sync_mode[1], "cannot set synchronous", err) != 0)
		goto done;
	if (exec(im.h, "PRAGMA cache_size = -16384", "cannot set cache size",
	    err) != 0)
		goto done;
	if (exec(im.h, "BEGIN IMMEDIATE", "cannot start transaction", err)
	    != 0)
		goto done;
	in_tx = 1;
	if (table_exists(im.h, spec->table, &exists, &real, err) != 0)
		goto done;
	if (exists && im.mode == IMPORT_CREATE) {
		rd_err_set(err, RD_EUSAGE, "table \"%s\" exists; use "
		    "--replace or --append", spec->table);
		goto done;
	}
	if (exists && im.mode == IMPORT_REPLACE &&
	    drop_table(im.h, real, err) != 0)
		goto done;
	if (im.mode == IMPORT_APPEND) {
		if (!exists) {
			rd_err_set(err, RD_EINPUT, "no table \"%s\" to append "
			    "to", spec->table);
			goto done;
		}
		if (append_check(&im, real, err) != 0 ||
		    max_rowid(im.h, spec->table, &before, err) != 0)
			goto done;
		/* The counts this append adds to, read again inside the
		 * transaction: another append may have committed since they
		 * were first read, and its rows must be counted too. */
		have_now = db_table_meta(db, spec->table, &now, NULL) == 0;
		if (have_now != have_meta || (have_meta &&
		    (!str_same(now.target, meta.target) ||
		    !str_same(now.bad, meta.bad) ||
		    !str_same(now.good, meta.good)))) {
			rd_err_set(err, RD_EINPUT, "table \"%s\" was imported "
			    "again by another process during this import, "
			    "with another target coding: nothing appended; "
			    "append again", spec->table);
			goto done;
		}
		rows_before = have_now ? (size_t)now.rows : 0;
	}
	if (create_table(&im, err) != 0)
		goto done;
	if (target != NULL) {
		enum import_type tt = im.stat[im.target_col].type;

		im.count_here = 1;
		db_target_rule_init(&im.rule, badl, goodl,
		    tt == IMPORT_INTEGER || tt == IMPORT_REAL);
	}
	src_rewind(&src);
	im.pass = 2;
	if (run_pass(&im, &src) != 0)
		goto done;
	if (im.nrec - (size_t)im.hdr != im.rows1) {
		rd_err_setloc(err, RD_EIO, spec->csv_path, 0, 0, "file "
		    "changed during import: %zu records, then %zu",
		    im.rows1, im.nrec - (size_t)im.hdr);
		goto done;
	}
	if (im.ndup > 0) {
		dup_error(&im, err);
		goto done;
	}
	sqlite3_finalize(im.ins);
	sqlite3_finalize(im.rej);
	im.ins = im.rej = NULL;
	sum->rows_read = im.rows1;
	sum->rows_imported = im.ninsert;
	sum->rows_rejected = im.nreject;
	for (j = 0; j < IMPORT_REJ_N; j++)
		sum->rejected_by[j] = im.rej_by[j];
	if (im.nreject > 0) {
		sum->reject_line = im.rej2_line;
		sum->reject_col = im.rej2_col;
		sum->reject_reason = xstrdup(im.rej2_msg);
	}
	if (im.rows1 == 0)
		add_warning(sum, "the file has a header line but no data "
		    "rows: %s", im.mode == IMPORT_APPEND ? "nothing was "
		    "appended" : "the table is empty");
	if (target != NULL) {
		for (j = 0; j < 3; j++)
			cnt[j] = im.cnt[j];
		target_variants(&im, target, sum);
		sum->bads = cnt[2];
		sum->goods = cnt[1];
		sum->indeterminate = cnt[0];
		sum->target = xstrdup(target);
	}
	for (j = 0; j < 3; j++)
		all[j] = cnt[j];
	if (have_now) {
		all[2] += (size_t)now.bads;
		all[1] += (size_t)now.goods;
		all[0] += (size_t)now.indeterminate;
	}
	/* A table without rows (a header only) has nothing to check. */
	if (target != NULL && rows_before + im.ninsert > 0 &&
	    target_check(im.h, spec->csv_path, spec->table, target, &im.rule,
	    all, sum, err) != 0)
		goto done;
	if (decide_roles(&im, db, sum, err) != 0)
		goto done;
	if (write_meta(im.h, spec->table, target, badl, goodl,
	    spec->csv_path, all, rows_before + im.ninsert, err) != 0)
		goto done;
	if (spec->reject_col != NULL) {
		struct table_meta m2;

		if (db_reject_rule_mark(db, spec->table, spec->reject_col,
		    spec->reject_value, &sum->rejects, &sum->rejects_known,
		    err) != 0 || db_table_meta(db, spec->table, &m2,
		    err) != 0)
			goto done;
		if (target != NULL) {
			sum->bads = (size_t)m2.bads;
			sum->goods = (size_t)m2.goods;
			sum->indeterminate = (size_t)m2.indeterminate;
		}
		table_meta_done(&m2);
	}
	if (write_special(&im, err) != 0)
		goto done;
	if (spec->cancel != NULL && *spec->cancel) {
		rd_err_set(err, RD_EINPUT, "interrupted: nothing imported");
		goto done;
	}
	if (exec(im.h, "COMMIT", "cannot commit import", err) != 0)
		goto done;
	in_tx = 0;

	sum->delimiter = im.delim;
	sum->ncolumns = im.ncols;
	sum->columns = xcalloc(im.ncols ? im.ncols : 1, sizeof *sum->columns);
	for (j = 0; j < im.ncols; j++) {
		struct import_column *c = &sum->columns[j];
		struct col_stat *cs = &im.stat[j];

		c->name = im.names[j];
		im.names[j] = NULL;
		c->type = cs->type;
		c->missing = cs->missing;
		c->special = cs->special;
		c->name_from = im.name_from[j];
		c->header = im.header[j];
		im.header[j] = NULL;
		if (cs->type == IMPORT_DATE)
			c->date_format = xstrdup(cs->date_fmt);
		c->suggest = cs->sugg;
		c->nsuggest = cs->nsugg;
		cs->sugg = NULL;
		cs->nsugg = 0;
	}
	summary_roles(db, spec->table, sum);
	ret = 0;

done:
	sqlite3_finalize(im.ins);
	sqlite3_finalize(im.rej);
	if (in_tx && !sqlite3_get_autocommit(im.h))
		sqlite3_exec(im.h, "ROLLBACK", NULL, NULL, NULL);
	if (old_sync > 1 && old_sync <= 3)
		sqlite3_exec(im.h, sync_mode[old_sync], NULL, NULL, NULL);
	if (old_cache != 0) {
		char sql[64];

		snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", old_cache);
		sqlite3_exec(im.h, sql, NULL, NULL, NULL);
	}
	src_close(&src);
	table_meta_done(&meta);
	table_meta_done(&now);
	free(real);
	free(badl);
	free(goodl);
	free(id_name);
	db_target_rule_done(&im.rule);
	for (j = 0; j < im.ncols; j++) {
		free(im.names[j]);
		if (im.header != NULL)
			free(im.header[j]);
		if (im.first != NULL)
			free(im.first[j]);
		if (im.stat != NULL)
			col_stat_done(&im.stat[j]);
	}
	free(im.names);
	free(im.header);
	free(im.first);
	free(im.name_from);
	free(im.stat);
	free(im.skip);
	free(im.tally);
	batches_free(im.batch);
	pthread_mutex_destroy(&im.mu);
	pthread_cond_destroy(&im.cv);
	if (ret != 0) {
		import_summary_done(sum);
		memset(sum, 0, sizeof *sum);
	}
	return ret;
}

void
import_summary_done(struct import_summary *sum)
{
	size_t j, k;

	if (sum == NULL)
		return;
	for (j = 0; j < sum->ncolumns; j++) {
		struct import_column *c = &sum->columns[j];

		free(c->name);
		free(c->header);
		free(c->date_format);
		free(c->role);
		free(c->role_note);
		for (k = 0; k < c->nsuggest; k++)
			free(c->suggest[k]);
		free(c->suggest);
	}
	free(sum->columns);
	for (j = 0; j < sum->nvariants; j++) {
		free(sum->variants[j].value);
		free(sum->variants[j].of);
	}
	free(sum->variants);
	sum->variants = NULL;
	sum->nvariants = 0;
	free(sum->target);
	sum->target = NULL;
	free(sum->reject_reason);
	sum->reject_reason = NULL;
	for (j = 0; j < sum->nwarnings; j++)
		free(sum->warnings[j]);
	free(sum->warnings);
	sum->columns = NULL;
	sum->warnings = NULL;
	sum->ncolumns = sum->nwarnings = 0;
}
