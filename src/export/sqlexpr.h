/*
 * sqlexpr.h - a policy's SQL expressions (written for SQLite, which
 * evaluates them inside riskdesk) rewritten for another engine with the
 * same result on every row.
 *
 * A policy condition or amount is parsed (SQLite's grammar and operator
 * precedence, a subset: literals, columns, arithmetic, ||, comparisons,
 * IS [NOT] NULL, IS [NOT], [NOT] IN (list), [NOT] BETWEEN, [NOT] LIKE,
 * NOT / AND / OR, CASE, CAST to a number, and the functions abs,
 * coalesce, ifnull, nullif, min, max (two or more arguments), round (no
 * decimals), lower, upper, length, trim, ltrim, rtrim, substr), typed
 * against the table's columns, and written for the dialect so that it
 * keeps SQLite's meaning where engines differ:
 *   - integer / integer truncates toward zero (PostgreSQL and Trino do
 *     it with /, DuckDB needs //, Spark DIV, BigQuery DIV());
 *   - a division or remainder by zero is NULL (the divisor is wrapped in
 *     NULLIF(d, 0): PostgreSQL, BigQuery and Spark's ANSI mode raise an
 *     error instead);
 *   - a REAL column's NaN is read as NULL (SQLite cannot store NaN; the
 *     others order it above every number, or compare it unequal);
 *   - number literals are doubles, written with 17 significant digits at
 *     most and an exponent (1.5e0; PostgreSQL 1.5e0::float8), never
 *     decimals (DuckDB, Spark and Trino read 1.5 as DECIMAL);
 *   - a number or comparison used as a condition is tested with <> 0, a
 *     condition used as a number becomes CASE WHEN c THEN 1 WHEN NOT c
 *     THEN 0 END (NULL stays NULL);
 *   - min and max of several values are NULL when one is (LEAST and
 *     GREATEST skip NULLs), round(x) rounds half away from zero (round()
 *     on a double rounds half to even in PostgreSQL), CAST(x AS INTEGER)
 *     truncates (others round);
 *   - LIKE, lower() and upper() change the case of ASCII letters only
 *     (TRANSLATE over A-Z in the other engines, whose lower() and upper()
 *     know every Unicode letter), trim(), ltrim() and rtrim() remove
 *     spaces only (Trino and BigQuery remove all whitespace unless told
 *     the space), x IS [NOT] TRUE / FALSE tests x as a condition, NULL
 *     giving false (COALESCE(c, FALSE));
 *   - identifiers are matched to the table's columns without regard to
 *     case and written quoted with their stored spelling ("x" or `x`);
 *     string literals are escaped for the dialect (Spark and BigQuery read
 *     backslash escapes).
 * What an engine cannot be made to compute alike is refused with a
 * located error naming the construct: text compared with a number, text
 * in arithmetic, || on numbers, % on non-integers, / on a value that is an
 * integer on some rows and a real on others (a CASE, coalesce, min or max
 * mixing them: SQLite divides each row by its own type), a literal beyond
 * a double's range, round to decimals, casts of text, date and other
 * functions (named before their arguments are read), subqueries.  So is
 * an expression whose translation would pass 1 MiB (the rewrites that
 * repeat an operand double it at each level of nesting).
 */
#ifndef RD_EXPORT_SQLEXPR_H
#define RD_EXPORT_SQLEXPR_H

#include <stddef.h>

#include "data/ds.h"
#include "data/sqltext.h"

struct rd_err;

/* What an expression must give. */
enum sqlx_want {
	SQLX_CONDITION,		/* true / false / NULL */
	SQLX_NUMBER		/* a number or NULL */
};

/*
 * One literal an expression compares a column with (col op literal, a
 * BETWEEN bound or an IN list item), for edge cases: the column index
 * into the columns given and the value.
 */
struct sqlx_literal {
	size_t col;
	int text;		/* 1: str holds the value, 0: num */
	double num;
	char *str;		/* owned when text */
};

struct sqlx_literals {
	struct sqlx_literal *v;	/* [n] owned */
	size_t n;
};

void sqlx_literals_done(struct sqlx_literals *l);

/*
 * Rewrite expr (SQLite SQL) for dialect d over the columns cols[ncols]
 * as want asks.  Returns the text (caller frees), parenthesised when it
 * is not a single term, or NULL with err RD_EINPUT: "<what> at column
 * <c> of the expression" with the 1-based offset into expr, for syntax
 * the parser does not take, an unknown column, and the refusals listed
 * above.  With lits (may be NULL) every literal compared with a column is
 * appended to it; with used (may be NULL, [ncols]) used[c] is set to 1
 * for each column c the expression reads.
 */
char *sqlx_translate(const char *expr, const struct sqlx_column *cols,
	size_t ncols, enum sqlx_dialect d, enum sqlx_want want,
	struct sqlx_literals *lits, unsigned char *used, struct rd_err *err);

/*
 * The rule of the refusals above that is about what expr means in SQLite
 * itself, not about another engine: text compared with a number (SQLite
 * compares by type or by affinity, so Home > 5 holds for every text
 * value), text where a number is wanted (in arithmetic, as an amount:
 * SQLite reads 'owner' as 0) and text as a condition.  The check that
 * sqlx_translate makes, for the SQLite dialect, reporting only these:
 * returns -1 with err RD_EINPUT, its message as sqlx_translate's, when
 * expr breaks the rule, else 0 -- also when the expression holds
 * something sqlx_translate refuses for the other engines (a function it
 * does not translate, round to decimals, ...) before any such fault,
 * which is then not checked further.
 */
int sqlx_check_types(const char *expr, const struct sqlx_column *cols,
	size_t ncols, enum sqlx_want want, struct rd_err *err);

#endif
