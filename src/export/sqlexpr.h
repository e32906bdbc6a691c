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

/*
 * The parse tree of an expression, as sqlx_parse gives it: SQLite's
 * grammar and precedence over the subset above (a term in parentheses is
 * its inner node).  Operands in a[]:
 *   SQLX_N_INT, SQLX_N_REAL: num (an integer literal past 64 bits is
 *     SQLX_N_REAL, as SQLite reads it), text as written;
 *   SQLX_N_STR: text, unquoted; SQLX_N_NULL; SQLX_N_BOOL: num 1 or 0;
 *   SQLX_N_COL: col, the index into the columns given;
 *   SQLX_N_NEG (unary minus; unary plus leaves no node), SQLX_N_NOT: a[0];
 *   SQLX_N_BIN: text the operator ("*", "/", "%", "+", "-", "||", "<",
 *     "<=", ">", ">=", "=", "<>", "IS", "IS NOT", "AND", "OR"), a[0] a[1];
 *   SQLX_N_ISNULL: a[0] IS NULL, IS NOT NULL when neg;
 *   SQLX_N_IN: a[0] [NOT] IN (a[1], ..., a[na - 1]), neg for NOT;
 *   SQLX_N_BETWEEN: a[0] [NOT] BETWEEN a[1] AND a[2];
 *   SQLX_N_LIKE: a[0] [NOT] LIKE a[1];
 *   SQLX_N_CASE: a = [base] (when then)* [else], has_base, has_else;
 *   SQLX_N_CAST: a[0], neg 1 to an integer, 2 to a real;
 *   SQLX_N_FUNC: text the name as written, a[] the arguments.
 */
enum sqlx_nkind {
	SQLX_N_INT, SQLX_N_REAL, SQLX_N_STR, SQLX_N_NULL, SQLX_N_BOOL,
	SQLX_N_COL, SQLX_N_NEG, SQLX_N_NOT, SQLX_N_BIN, SQLX_N_ISNULL,
	SQLX_N_IN, SQLX_N_BETWEEN, SQLX_N_LIKE, SQLX_N_CASE, SQLX_N_CAST,
	SQLX_N_FUNC
};

struct sqlx_node {
	enum sqlx_nkind k;
	size_t pos;		/* 0-based offset into the expression */
	char *text;		/* literal text, operator, function name */
	double num;		/* SQLX_N_REAL / _INT value, SQLX_N_BOOL 0/1 */
	size_t col;		/* SQLX_N_COL */
	int neg;		/* NOT IN / NOT BETWEEN / NOT LIKE / IS NOT
				   NULL; SQLX_N_CAST: 1 integer, 2 real */
	struct sqlx_node **a;	/* [na] operands, owned */
	size_t na;
	int has_base, has_else;	/* SQLX_N_CASE */
};

/*
 * The parse tree of expr over the columns cols[ncols] (names matched
 * without regard to case), or NULL with err RD_EINPUT located as
 * sqlx_translate's for what the parser does not take.  No type rule is
 * applied.  Free with sqlx_node_free.
 */
struct sqlx_node *sqlx_parse(const char *expr,
	const struct sqlx_column *cols, size_t ncols, struct rd_err *err);

void sqlx_node_free(struct sqlx_node *n);

/*
 * Whether expr over the columns cols[ncols] gives a number or NULL on
 * every row in SQLite, never text, whatever its columns hold: its
 * outermost operation is arithmetic (+, -, *, /, %, unary minus), abs()
 * or a CAST to INTEGER or REAL, or it is a number literal; SQLite
 * computes those as numbers from any operand ('owner' * 2 is 0,
 * lang_expr.html "Operators").  1 or 0 (0 also when it does not parse).
 */
int sqlx_always_number(const char *expr, const struct sqlx_column *cols,
	size_t ncols);

#endif
