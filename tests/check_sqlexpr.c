/*
 * check_sqlexpr.c - the policy expression rewriter (export/sqlexpr.h):
 * the exact text written for each of the six dialects, for every
 * construct it takes, and the located refusal of what it cannot make
 * agree.
 *
 * SQLite, PostgreSQL and DuckDB are also run by the shell tests; Spark
 * SQL, Trino and BigQuery are not run here, so each expected text below
 * carries the page of the engine's reference that says the text means
 * what SQLite means.  The pages, cited by short name:
 *   [sqlite-expr]  https://sqlite.org/lang_expr.html
 *   [sqlite-func]  https://sqlite.org/lang_corefunc.html
 *   [pg-math]      https://www.postgresql.org/docs/current/functions-math.html
 *   [pg-cmp]       https://www.postgresql.org/docs/current/functions-comparison.html
 *   [pg-cond]      https://www.postgresql.org/docs/current/functions-conditional.html
 *   [pg-string]    https://www.postgresql.org/docs/current/functions-string.html
 *   [pg-lexical]   https://www.postgresql.org/docs/current/sql-syntax-lexical.html
 *   [pg-numeric]   https://www.postgresql.org/docs/current/datatype-numeric.html
 *   [pg-collation] https://www.postgresql.org/docs/current/collation.html
 *   [pg-matching]  https://www.postgresql.org/docs/current/functions-matching.html
 *   [duck-num]     https://duckdb.org/docs/sql/functions/numeric
 *   [duck-pgcompat] https://duckdb.org/docs/sql/dialect/postgresql_compatibility
 *   [duck-literal] https://duckdb.org/docs/sql/data_types/literal_types
 *   [duck-text]    https://duckdb.org/docs/sql/functions/char
 *   [spark-func]   https://spark.apache.org/docs/latest/api/sql/index.html
 *   [spark-lit]    https://spark.apache.org/docs/latest/sql-ref-literals.html
 *   [spark-ident]  https://spark.apache.org/docs/latest/sql-ref-identifier.html
 *   [spark-ansi]   https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html
 *   [trino-math]   https://trino.io/docs/current/functions/math.html
 *   [trino-conv]   https://trino.io/docs/current/functions/conversion.html
 *   [trino-string] https://trino.io/docs/current/functions/string.html
 *   [trino-cmp]    https://trino.io/docs/current/functions/comparison.html
 *   [trino-cond]   https://trino.io/docs/current/functions/conditional.html
 *   [trino-types]  https://trino.io/docs/current/language/types.html
 *   [bq-math]      https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions
 *   [bq-conv]      https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions
 *   [bq-string]    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions
 *   [bq-ops]       https://cloud.google.com/bigquery/docs/reference/standard-sql/operators
 *   [bq-cond]      https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions
 *   [bq-lexical]   https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical
 * The expected texts are in dialect order: SQLite, PostgreSQL, DuckDB,
 * Spark, Trino, BigQuery.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/sql.h"
#include "export/sqlexpr.h"
#include "model/card.h"
#include "policy/policy.h"
#include "testutil.h"
#include "util/err.h"

/* The table the expressions read. */
static const struct sqlx_column cols[] = {
	{ "age", DS_INTEGER },
	{ "months", DS_INTEGER },
	{ "income", DS_REAL },
	{ "purpose", DS_TEXT },
	{ "Home Owner", DS_TEXT },
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* purpose folded to ASCII lower / upper case with TRANSLATE, quoted
   "x" (DQ) or `x` (BT). */
#define AZ "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"
#define az "'abcdefghijklmnopqrstuvwxyz'"
#define LOWER_DQ "TRANSLATE(\"purpose\", " AZ ", " az ")"
#define LOWER_BT "TRANSLATE(`purpose`, " AZ ", " az ")"
#define UPPER_DQ "TRANSLATE(\"purpose\", " az ", " AZ ")"
#define UPPER_BT "TRANSLATE(`purpose`, " az ", " AZ ")"

/* expr as want, in every dialect, gives exp[d]. */
static void
expect6(int line, const char *expr, enum sqlx_want want,
	const char *const exp[SQLX_NDIALECTS])
{
	int d;

	for (d = 0; d < SQLX_NDIALECTS; d++) {
		struct rd_err err;
		char *s;

		rd_err_clear(&err);
		s = sqlx_translate(expr, cols, NCOLS, (enum sqlx_dialect)d,
		    want, NULL, NULL, &err);
		ck_assert_msg(s != NULL, "line %d: %s in %s: %s", line, expr,
		    sqlx_dialect_names[d], err.msg);
		ck_assert_msg(strcmp(s, exp[d]) == 0,
		    "line %d: %s in %s:\n  got  %s\n  want %s", line, expr,
		    sqlx_dialect_names[d], s, exp[d]);
		free(s);
	}
}

#define NUM(expr, a, b, c, d, e, f) expect6(__LINE__, expr, SQLX_NUMBER, \
	(const char *const[]){ a, b, c, d, e, f })
#define COND(expr, a, b, c, d, e, f) expect6(__LINE__, expr, \
	SQLX_CONDITION, (const char *const[]){ a, b, c, d, e, f })
/* The same text in every dialect. */
#define NUM1(expr, a) NUM(expr, a, a, a, a, a, a)
#define COND1(expr, a) COND(expr, a, a, a, a, a, a)

/*
 * expr is refused in every dialect with RD_EINPUT "<what> at column
 * <col> of the expression", what starting with the text given.
 */
static void
refused(int line, const char *expr, enum sqlx_want want, int col,
	const char *what)
{
	char tail[64];
	int d;

	snprintf(tail, sizeof tail, " at column %d of the expression", col);
	for (d = 0; d < SQLX_NDIALECTS; d++) {
		struct rd_err err;
		char *s;
		size_t n, t = strlen(tail);

		rd_err_clear(&err);
		s = sqlx_translate(expr, cols, NCOLS, (enum sqlx_dialect)d,
		    want, NULL, NULL, &err);
		ck_assert_msg(s == NULL, "line %d: %s in %s taken: %s", line,
		    expr, sqlx_dialect_names[d], s);
		ck_assert_int_eq(err.cls, RD_EINPUT);
		n = strlen(err.msg);
		ck_assert_msg(n > t && strcmp(err.msg + n - t, tail) == 0,
		    "line %d: %s: \"%s\" does not end in \"%s\"", line, expr,
		    err.msg, tail);
		ck_assert_msg(strncmp(err.msg, what, strlen(what)) == 0,
		    "line %d: %s: \"%s\" does not start \"%s\"", line, expr,
		    err.msg, what);
	}
}

#define REFUSED(expr, col, what) refused(__LINE__, expr, SQLX_NUMBER, col, \
	what)
#define REFUSED_COND(expr, col, what) refused(__LINE__, expr, \
	SQLX_CONDITION, col, what)

/* ====================================================== arithmetic */

/*
 * SQLite divides two integers whole, truncating toward zero, and gives
 * NULL for a division by zero [sqlite-expr, "Operators"].
 *   PostgreSQL: / on integral types truncates toward zero; a division by
 *     zero raises an error [pg-math, Table 9.4], hence NULLIF.
 *   DuckDB: / of two integers is a float division, // the integer one
 *     (-7 // 2 = -3, run here on DuckDB 1.5) [duck-num, "Division and
 *     Modulo Operators"; duck-pgcompat, "Division on Integers"]; // by
 *     zero is an error [duck-num].
 *   Spark: expr1 div expr2 is the integral division, / always a
 *     fractional one [spark-func, "div", "/"]; division by zero raises
 *     DIVIDE_BY_ZERO in ANSI mode [spark-ansi, "Arithmetic operations"].
 *   Trino: / of integers truncates [trino-math, "Mathematical
 *     operators"]; division by zero fails.
 *   BigQuery: no integer /; DIV(X, Y) is the integer division, rounding
 *     toward zero (DIV(12, -7) = -1), an error when Y is 0 [bq-math,
 *     "DIV"].
 */
START_TEST(test_integer_division)
{
	NUM("age / 3",
	    "(\"age\" / NULLIF(3, 0))",
	    "(\"age\" / NULLIF(3, 0))",
	    "(\"age\" // NULLIF(3, 0))",
	    "(`age` DIV NULLIF(3, 0))",
	    "(\"age\" / NULLIF(3, 0))",
	    "DIV(`age`, NULLIF(3, 0))");
	/* A condition as a number is 1 / 0 / NULL, an integer. */
	NUM("(age > 60) / 2",
	    "((CASE WHEN (\"age\" > 60) THEN 1 WHEN NOT (\"age\" > 60) THEN 0 "
	    "END) / NULLIF(2, 0))",
	    "((CASE WHEN (\"age\" > 60) THEN 1 WHEN NOT (\"age\" > 60) THEN 0 "
	    "END) / NULLIF(2, 0))",
	    "((CASE WHEN (\"age\" > 60) THEN 1 WHEN NOT (\"age\" > 60) THEN 0 "
	    "END) // NULLIF(2, 0))",
	    "((CASE WHEN (`age` > 60) THEN 1 WHEN NOT (`age` > 60) THEN 0 "
	    "END) DIV NULLIF(2, 0))",
	    "((CASE WHEN (\"age\" > 60) THEN 1 WHEN NOT (\"age\" > 60) THEN 0 "
	    "END) / NULLIF(2, 0))",
	    "DIV((CASE WHEN (`age` > 60) THEN 1 WHEN NOT (`age` > 60) THEN 0 "
	    "END), NULLIF(2, 0))");
}
END_TEST

/*
 * A real operand makes a real division in every engine: SQLite
 * [sqlite-expr], PostgreSQL (double precision) [pg-math], DuckDB and
 * Spark / [duck-num; spark-func "/"], Trino and BigQuery / on FLOAT64
 * [trino-math; bq-ops "Arithmetic operators"].  The divisor keeps its
 * NULLIF: PostgreSQL and BigQuery raise an error on a float division by
 * zero [pg-math; bq-ops], DuckDB and Trino give Infinity [duck-pgcompat]
 * where SQLite gives NULL.
 */
START_TEST(test_real_division)
{
	NUM("income / age",
	    "(\"income\" / NULLIF(\"age\", 0))",
	    "(\"income\" / NULLIF(\"age\", 0))",
	    "(\"income\" / NULLIF(\"age\", 0))",
	    "(`income` / NULLIF(`age`, 0))",
	    "(\"income\" / NULLIF(\"age\", 0))",
	    "(`income` / NULLIF(`age`, 0))");
	NUM("age / 2.5",
	    "(\"age\" / NULLIF(2.5e0, 0))",
	    "(\"age\" / NULLIF(2.5e0::float8, 0))",
	    "(\"age\" / NULLIF(2.5e0, 0))",
	    "(`age` / NULLIF(2.5e0, 0))",
	    "(\"age\" / NULLIF(2.5e0, 0))",
	    "(`age` / NULLIF(2.5e0, 0))");
}
END_TEST

/*
 * SQLite's % of integers has the sign of the dividend, like C
 * [sqlite-expr]; so do PostgreSQL's % [pg-math, Table 9.4], DuckDB's %
 * [duck-num], Spark's % [spark-func, "%"], Trino's % [trino-math] and
 * BigQuery's MOD(X, Y), "the same sign as X" (BigQuery has no %
 * operator) [bq-math, "MOD"].  By zero: NULL in SQLite, an error in the
 * others, hence NULLIF.
 */
START_TEST(test_modulo)
{
	NUM("age % 7",
	    "(\"age\" % NULLIF(7, 0))",
	    "(\"age\" % NULLIF(7, 0))",
	    "(\"age\" % NULLIF(7, 0))",
	    "(`age` % NULLIF(7, 0))",
	    "(\"age\" % NULLIF(7, 0))",
	    "MOD(`age`, NULLIF(7, 0))");
	/* SQLite truncates a real operand of % to an integer first (7 %
	   2.5 = 1.0), the others take the fractional remainder. */
	REFUSED("income % 2", 8, "% on a number that is not an integer");
	REFUSED("age % 2.5", 5, "% on a number that is not an integer");
}
END_TEST

/*
 * Unary minus and +, - , *: the same operators everywhere [pg-math;
 * duck-num; spark-func "-", "*"; trino-math; bq-ops].  A negation is
 * parenthesised so that two never meet as "--", a comment.
 */
START_TEST(test_arithmetic_and_unary_minus)
{
	NUM("age * 12 + months - 1",
	    "(((\"age\" * 12) + \"months\") - 1)",
	    "(((\"age\" * 12) + \"months\") - 1)",
	    "(((\"age\" * 12) + \"months\") - 1)",
	    "(((`age` * 12) + `months`) - 1)",
	    "(((\"age\" * 12) + \"months\") - 1)",
	    "(((`age` * 12) + `months`) - 1)");
	NUM("- -age",
	    "(-(-\"age\"))", "(-(-\"age\"))", "(-(-\"age\"))",
	    "(-(-`age`))", "(-(-\"age\"))", "(-(-`age`))");
	/* -1.5: the literal's own minus (sqlx_double parenthesises a
	   negative value; the parser gives a negation of 1.5). */
	NUM("-1.5",
	    "(-1.5e0)", "(-1.5e0::float8)", "(-1.5e0)", "(-1.5e0)",
	    "(-1.5e0)", "(-1.5e0)");
	NUM1("+7", "7");
	REFUSED("-purpose", 2, "the operand of - is text");
	REFUSED("purpose + 1", 1, "an operand of arithmetic is text");
}
END_TEST

/*
 * Number literals.  SQLite reads 1.5 as a double (REAL)
 * [sqlite-expr, "Literal Values"]; PostgreSQL reads a constant with a
 * point or an exponent as numeric (exact decimal) [pg-lexical, "Numeric
 * Constants"], hence ::float8; DuckDB reads 1.5 as DECIMAL and 1.5e0 as
 * DOUBLE [duck-literal]; Spark reads a literal with an exponent as
 * DOUBLE, 1.5 as DECIMAL [spark-lit, "Numeric Literal"]; Trino likewise,
 * DOUBLE only with an exponent [trino-types, "DOUBLE", "DECIMAL"];
 * BigQuery reads both as FLOAT64 [bq-lexical, "Floating point
 * literals"].  SQLite's text has 17 significant digits, which its
 * reading turns back into the same double; the others the shortest that
 * reads back.
 */
START_TEST(test_double_literals)
{
	static const double x[] = { 0.1, 1.5, -2.5, 1e20, 123456789.125,
	    5e-324 };
	/* printf("%.17g") of each, with e0 when it has no exponent. */
	static const char *const sqlite[] = { "0.10000000000000001e0",
	    "1.5e0", "(-2.5e0)", "1e+20", "123456789.125e0",
	    "4.9406564584124654e-324" };
	static const char *const shortest[] = { "0.1e0", "1.5e0", "(-2.5e0)",
	    "1e+20", "123456789.125e0", "5e-324" };
	size_t k;
	int d;

	for (k = 0; k < sizeof x / sizeof x[0]; k++) {
		/* Each text reads back to the double (the sign aside). */
		const char *sq = sqlite[k] + (x[k] < 0 ? 2 : 0);
		const char *sh = shortest[k] + (x[k] < 0 ? 2 : 0);

		ck_assert(strtod(sq, NULL) == fabs(x[k]));
		ck_assert(strtod(sh, NULL) == fabs(x[k]));
		for (d = 0; d < SQLX_NDIALECTS; d++) {
			char *s = sqlx_double((enum sqlx_dialect)d, x[k]);
			char w[64];

			if (d == SQLX_SQLITE)
				snprintf(w, sizeof w, "%s", sqlite[k]);
			else if (d == SQLX_POSTGRESQL && x[k] < 0)
				snprintf(w, sizeof w, "(-%.*s::float8)",
				    (int)strlen(sh) - 1, sh);
			else if (d == SQLX_POSTGRESQL)
				snprintf(w, sizeof w, "%s::float8", sh);
			else
				snprintf(w, sizeof w, "%s", shortest[k]);
			ck_assert_str_eq(s, w);
			free(s);
		}
	}
	/* Infinity: no numeric literal; each dialect's spelling. */
	{
		static const char *const pinf[] = { "9e999",
		    "'Infinity'::float8", "CAST('Infinity' AS DOUBLE)",
		    "CAST('Infinity' AS DOUBLE)", "infinity()",
		    "CAST('inf' AS FLOAT64)" };
		static const char *const ninf[] = { "(-9e999)",
		    "'-Infinity'::float8", "CAST('-Infinity' AS DOUBLE)",
		    "CAST('-Infinity' AS DOUBLE)", "(-infinity())",
		    "CAST('-inf' AS FLOAT64)" };

		for (d = 0; d < SQLX_NDIALECTS; d++) {
			char *s = sqlx_double((enum sqlx_dialect)d, INFINITY);

			ck_assert_str_eq(s, pinf[d]);
			free(s);
			s = sqlx_double((enum sqlx_dialect)d, -INFINITY);
			ck_assert_str_eq(s, ninf[d]);
			free(s);
		}
	}
	COND("income > 0.3",
	    "(\"income\" > 0.29999999999999999e0)",
	    "(\"income\" > 0.3e0::float8)",
	    "(\"income\" > 0.3e0)", "(`income` > 0.3e0)",
	    "(\"income\" > 0.3e0)", "(`income` > 0.3e0)");
	/* Integers are written as given: INTEGER / BIGINT / INT64 in every
	   engine. */
	COND("age >= 18",
	    "(\"age\" >= 18)", "(\"age\" >= 18)", "(\"age\" >= 18)",
	    "(`age` >= 18)", "(\"age\" >= 18)", "(`age` >= 18)");
	/* An integer too large for 64 bits is a REAL in SQLite. */
	NUM("99999999999999999999",
	    "1e+20", "1e+20::float8", "1e+20", "1e+20", "1e+20", "1e+20");
	/* SQLite reads 1e999 as Inf; PostgreSQL and Trino refuse it and
	   the others have no literal for it. */
	REFUSED("income * 1e999", 10, "the number 1e999 is too large for a "
	    "double");
	REFUSED("0x10", 1, "a hexadecimal number");
	/* A blob literal: refused where it stands, with the string its
	   bytes spell when they are printable, else what to write. */
	REFUSED_COND("age > 1 OR purpose = x'31'", 22, "a blob literal, "
	    "x'31', is not supported here (write the string '1' instead)");
	REFUSED_COND("purpose = X'2761'", 11, "a blob literal, X'2761', is "
	    "not supported here (write the string '''a' instead)");
	REFUSED_COND("purpose = x'00ff'", 11, "a blob literal, x'00ff', is "
	    "not supported here (write text as a string, '...', or a number "
	    "in digits)");
	REFUSED_COND("purpose = x'6162636465666768696a6b6c'", 11, "a blob "
	    "literal, x'6162636465666768696a6b..., is not supported here "
	    "(write the string 'abcdefghijkl' instead)");
	REFUSED_COND("purpose = x'31", 11, "a blob literal, x'31, without "
	    "its closing ' (and blob literals are not supported here");
	REFUSED("age + length(x'')", 14, "a blob literal, x'', is not "
	    "supported here (write text as a string");
}
END_TEST

/* ================================================== NULL and NaN */

/*
 * A REAL column's NaN reads as NULL: SQLite stores NaN as NULL, so a
 * policy never sees one.  PostgreSQL: NaN = NaN is true (NaN sorts above
 * every number and equals itself) [pg-numeric, "Floating-Point Types"],
 * so NULLIF(x, 'NaN') catches it; DuckDB and Spark: isnan(x)
 * [duck-num "isnan"; spark-func "isnan"]; Trino: is_nan(x), IF(c, a, b)
 * [trino-math "is_nan"; trino-cond "IF"]; BigQuery IS_NAN(X), IF(c, a, b)
 * [bq-math "IS_NAN"; bq-cond "IF"].  A NULL x gives a NULL test, so the
 * ELSE branch: NULL again.
 */
START_TEST(test_nan_read_as_null)
{
	static const char *const real[] = {
		"\"income\"",
		"NULLIF(\"income\", 'NaN'::float8)",
		"CASE WHEN isnan(\"income\") THEN NULL ELSE \"income\" END",
		"CASE WHEN isnan(`income`) THEN NULL ELSE `income` END",
		"IF(is_nan(\"income\"), NULL, \"income\")",
		"IF(IS_NAN(`income`), NULL, `income`)"
	};
	int d;

	for (d = 0; d < SQLX_NDIALECTS; d++) {
		char *s = sqlx_column_ref((enum sqlx_dialect)d, &cols[2]);
		char *t = sqlx_column_ref((enum sqlx_dialect)d, &cols[0]);

		ck_assert_str_eq(s, real[d]);
		/* INTEGER columns hold no NaN; they are read as 64-bit
		 * integers, SQLite's only width (a 32-bit column would
		 * overflow in a product SQLite computes; BigQuery's INT64
		 * is its only integer type). */
		ck_assert_str_eq(t, d == SQLX_SQLITE ? "\"age\"" :
		    d == SQLX_BIGQUERY ? "`age`" : d == SQLX_SPARK ?
		    "CAST(`age` AS BIGINT)" : "CAST(\"age\" AS BIGINT)");
		free(s);
		free(t);
	}
}
END_TEST

/*
 * NULL: a NULL number in PostgreSQL is given a type, else ABS(NULL) and
 * NULL + NULL cannot pick an operator [pg-lexical; PostgreSQL's
 * "unknown" type]; the others take NULL as it is.  A NULL condition
 * stays NULL (false for a knock-out, as in SQLite).
 */
START_TEST(test_null_literal)
{
	NUM("NULL", "NULL", "CAST(NULL AS DOUBLE PRECISION)", "NULL", "NULL",
	    "NULL", "NULL");
	COND1("NULL", "NULL");
	NUM("age + NULL",
	    "(\"age\" + NULL)",
	    "(\"age\" + CAST(NULL AS DOUBLE PRECISION))",
	    "(\"age\" + NULL)", "(`age` + NULL)", "(\"age\" + NULL)",
	    "(`age` + NULL)");
	COND("age IS NULL",
	    "(\"age\" IS NULL)", "(\"age\" IS NULL)", "(\"age\" IS NULL)",
	    "(`age` IS NULL)", "(\"age\" IS NULL)", "(`age` IS NULL)");
	COND("age NOTNULL",
	    "(\"age\" IS NOT NULL)", "(\"age\" IS NOT NULL)",
	    "(\"age\" IS NOT NULL)", "(`age` IS NOT NULL)",
	    "(\"age\" IS NOT NULL)", "(`age` IS NOT NULL)");
	COND("age NOT NULL",
	    "(\"age\" IS NOT NULL)", "(\"age\" IS NOT NULL)",
	    "(\"age\" IS NOT NULL)", "(`age` IS NOT NULL)",
	    "(\"age\" IS NOT NULL)", "(`age` IS NOT NULL)");
}
END_TEST

/* ================================================ text */

/*
 * || joins text and gives NULL when either side is NULL in SQLite
 * [sqlite-expr], PostgreSQL [pg-string "text || text"], DuckDB
 * [duck-text "||"], Spark [spark-func "||"] and Trino [trino-string
 * "||"]; BigQuery's CONCAT "returns NULL if any input argument is NULL"
 * [bq-string "CONCAT"].  SQLite writes a number joined with text its own
 * way (15 digits), so || on a number is refused.
 */
START_TEST(test_concatenation)
{
	COND("purpose || '-' || purpose = 'a-a'",
	    "(((\"purpose\" || '-') || \"purpose\") = 'a-a')",
	    "(((\"purpose\" || '-') || \"purpose\") = 'a-a')",
	    "(((\"purpose\" || '-') || \"purpose\") = 'a-a')",
	    "(((`purpose` || '-') || `purpose`) = 'a-a')",
	    "(((\"purpose\" || '-') || \"purpose\") = 'a-a')",
	    "(CONCAT(CONCAT(`purpose`, '-'), `purpose`) = 'a-a')");
	REFUSED_COND("age || 'x' = '1x'", 5, "|| on a number");
}
END_TEST

/*
 * Text is ordered by its bytes in SQLite (BINARY collation)
 * [sqlite-expr, "Collating Sequences"]; PostgreSQL orders by the
 * database's collation unless told COLLATE "C" [pg-collation]; DuckDB's
 * default collation is binary [duck-text]; Spark's UTF8_BINARY, Trino's
 * varchar and BigQuery's STRING compare code point by code point, which
 * is UTF-8 byte order [spark-func "<"; trino-cmp; bq-ops "Comparison
 * operators"].  Equality needs no collation.
 */
START_TEST(test_text_comparison)
{
	COND("purpose < 'b'",
	    "(\"purpose\" < 'b')", "(\"purpose\" < 'b' COLLATE \"C\")",
	    "(\"purpose\" < 'b')", "(`purpose` < 'b')", "(\"purpose\" < 'b')",
	    "(`purpose` < 'b')");
	COND("purpose >= \"Home Owner\"",
	    "(\"purpose\" >= \"Home Owner\")",
	    "(\"purpose\" >= \"Home Owner\" COLLATE \"C\")",
	    "(\"purpose\" >= \"Home Owner\")",
	    "(`purpose` >= `Home Owner`)",
	    "(\"purpose\" >= \"Home Owner\")",
	    "(`purpose` >= `Home Owner`)");
	COND("purpose = 'car'",
	    "(\"purpose\" = 'car')", "(\"purpose\" = 'car')",
	    "(\"purpose\" = 'car')", "(`purpose` = 'car')",
	    "(\"purpose\" = 'car')", "(`purpose` = 'car')");
	COND("purpose != 'car'",
	    "(\"purpose\" <> 'car')", "(\"purpose\" <> 'car')",
	    "(\"purpose\" <> 'car')", "(`purpose` <> 'car')",
	    "(\"purpose\" <> 'car')", "(`purpose` <> 'car')");
	/* SQLite compares text with a number by its affinity rules; the
	   others convert or refuse. */
	REFUSED_COND("purpose = 3", 9, "text compared with a number");
	REFUSED_COND("age > '30'", 5, "text compared with a number");
}
END_TEST

/*
 * SQLite's LIKE ignores the case of ASCII letters only: 'É' LIKE 'é' is
 * false [sqlite-expr, "The LIKE ... operators"].  The others' LIKE is
 * case-sensitive [pg-matching; duck-text "LIKE"; spark-func "like";
 * trino-string; bq-ops "LIKE"], and their lower() folds every Unicode
 * letter [pg-string "lower"; duck-text "lower"; spark-func "lower";
 * trino-string "lower"; bq-string "LOWER"], so the column is folded with
 * TRANSLATE over A-Z (PostgreSQL, DuckDB, Spark, Trino and BigQuery all
 * have translate(text, from, to) [pg-string; duck-text; spark-func;
 * trino-string; bq-string "TRANSLATE"]) and the pattern here.
 */
START_TEST(test_like_ascii_case)
{
	COND("purpose LIKE 'New Car%'",
	    "(LOWER(\"purpose\") LIKE 'new car%')",
	    "(" LOWER_DQ " LIKE 'new car%')",
	    "(" LOWER_DQ " LIKE 'new car%')",
	    "(" LOWER_BT " LIKE 'new car%')",
	    "(" LOWER_DQ " LIKE 'new car%')",
	    "(" LOWER_BT " LIKE 'new car%')");
	/* A non-ASCII letter is left as it is on both sides. */
	COND("purpose NOT LIKE '_É%'",
	    "(LOWER(\"purpose\") NOT LIKE '_É%')",
	    "(" LOWER_DQ " NOT LIKE '_É%')",
	    "(" LOWER_DQ " NOT LIKE '_É%')",
	    "(" LOWER_BT " NOT LIKE '_É%')",
	    "(" LOWER_DQ " NOT LIKE '_É%')",
	    "(" LOWER_BT " NOT LIKE '_É%')");
	/* PostgreSQL's and Spark's LIKE take a backslash as the escape by
	   default, SQLite's has none [pg-matching; spark-func "like"]. */
	REFUSED_COND("purpose LIKE 'a\\%'", 14, "a LIKE pattern with a "
	    "backslash");
	REFUSED_COND("purpose LIKE purpose", 14, "LIKE with a pattern that "
	    "is not a quoted string");
	REFUSED_COND("age LIKE '1%'", 1, "LIKE on an integer");
	REFUSED_COND("purpose LIKE 'a' ESCAPE 'b'", 18, "LIKE ... ESCAPE");
}
END_TEST

/*
 * String literals.  SQLite, PostgreSQL (standard_conforming_strings, on
 * since 9.1), DuckDB and Trino double a quote and take a backslash as
 * itself [pg-lexical "String Constants"; trino-types "VARCHAR"]; Spark
 * and BigQuery read backslash escapes: \' and \\ , and BigQuery's
 * single-quoted literal may not hold a raw line break [spark-lit "String
 * Literal"; bq-lexical "String and bytes literals"].
 */
START_TEST(test_string_escapes)
{
	static const char *const exp[] = {
		"'it''s a\\b\nc'", "'it''s a\\b\nc'", "'it''s a\\b\nc'",
		"'it\\'s a\\\\b\\nc'", "'it''s a\\b\nc'",
		"'it\\'s a\\\\b\\nc'"
	};
	int d;

	for (d = 0; d < SQLX_NDIALECTS; d++) {
		char *s = sqlx_string((enum sqlx_dialect)d, "it's a\\b\nc");

		ck_assert_str_eq(s, exp[d]);
		free(s);
	}
	/* In an expression: SQLite's '' in the policy text. */
	COND("purpose = 'it''s'",
	    "(\"purpose\" = 'it''s')", "(\"purpose\" = 'it''s')",
	    "(\"purpose\" = 'it''s')", "(`purpose` = 'it\\'s')",
	    "(\"purpose\" = 'it''s')", "(`purpose` = 'it\\'s')");
	REFUSED_COND("purpose = 'open", 11, "a string without its closing '");
}
END_TEST

/*
 * Identifiers: matched to the table's columns without regard to case, as
 * SQLite does, and written with their stored spelling, quoted: "x" with
 * "" for a quote in SQLite, PostgreSQL, DuckDB and Trino [pg-lexical
 * "Identifiers and Key Words"]; `x` with `` for a backtick in Spark
 * [spark-ident]; `x` with \` in BigQuery, whose quoted identifiers take
 * the string escapes [bq-lexical "Quoted identifiers"].
 */
START_TEST(test_identifiers)
{
	static const char *const names[] = { "a\"b", "a`b\\c", "sch.tab" };
	static const char *const exp[][SQLX_NDIALECTS] = {
		{ "\"a\"\"b\"", "\"a\"\"b\"", "\"a\"\"b\"", "`a\"b`",
		  "\"a\"\"b\"", "`a\"b`" },
		{ "\"a`b\\c\"", "\"a`b\\c\"", "\"a`b\\c\"", "`a``b\\c`",
		  "\"a`b\\c\"", "`a\\`b\\\\c`" },
		{ "\"sch\".\"tab\"", "\"sch\".\"tab\"", "\"sch\".\"tab\"",
		  "`sch`.`tab`", "\"sch\".\"tab\"", "`sch`.`tab`" },
	};
	size_t k;
	int d;

	for (k = 0; k < 3; k++)
		for (d = 0; d < SQLX_NDIALECTS; d++) {
			char *s = sqlx_ident((enum sqlx_dialect)d, names[k],
			    k == 2);

			ck_assert_str_eq(s, exp[k][d]);
			free(s);
		}
	COND("AGE > 1 AND [home owner] = 'y'",
	    "((\"age\" > 1) AND (\"Home Owner\" = 'y'))",
	    "((\"age\" > 1) AND (\"Home Owner\" = 'y'))",
	    "((\"age\" > 1) AND (\"Home Owner\" = 'y'))",
	    "((`age` > 1) AND (`Home Owner` = 'y'))",
	    "((\"age\" > 1) AND (\"Home Owner\" = 'y'))",
	    "((`age` > 1) AND (`Home Owner` = 'y'))");
	REFUSED_COND("agee > 1", 1, "unknown column \"agee\"");
	REFUSED_COND("t.age > 1", 1, "unknown column \"t\"");
	REFUSED_COND("age.x > 1", 4, "a qualified name");
}
END_TEST

/*
 * --source as SQL writes it or plain: quotes taken off part by part, a
 * doubled quote kept once, the dotted form sqlx_ident quotes again; what
 * cannot be held refused with the reason.
 */
START_TEST(test_source_names)
{
	static const char *const ok[][2] = {
		{ "loans", "loans" },
		{ "risk.Loans", "risk.Loans" },
		{ "\"risk\".\"Loans 2024\"", "risk.Loans 2024" },
		{ "risk.\"Loans 2024\"", "risk.Loans 2024" },
		{ "\"a\"\"b\"", "a\"b" },
		{ "`proj`.`ds`.`t``x`", "proj.ds.t`x" },
		{ "\"\"\"\"", "\"" },
	};
	static const char *const bad[][2] = {
		{ "", "an empty name;" },
		{ "risk..loans", "an empty name between dots" },
		{ "\"risk.loans", "the quote \" opened at character 1" },
		{ "risk.\"loans", "the quote \" opened at character 6" },
		{ "\"a.b\"", "a dot inside quotes" },
		{ "\"a\"b", "text after the closing quote at character 4" },
		{ "\"\"", "an empty name" },
	};
	char why[256];
	size_t k;

	for (k = 0; k < sizeof ok / sizeof *ok; k++) {
		char *s = sqlx_source_name(ok[k][0], why, sizeof why);

		ck_assert_msg(s != NULL, "%s: %s", ok[k][0], why);
		ck_assert_str_eq(s, ok[k][1]);
		free(s);
	}
	for (k = 0; k < sizeof bad / sizeof *bad; k++) {
		why[0] = '\0';
		ck_assert_ptr_null(sqlx_source_name(bad[k][0], why,
		    sizeof why));
		ck_assert_msg(strstr(why, bad[k][1]) != NULL, "%s: %s",
		    bad[k][0], why);
	}
	/* Quoted again for the engine as it was written. */
	{
		char *s = sqlx_source_name("risk.\"Loans 2024\"", why,
		    sizeof why);
		char *q = sqlx_ident(SQLX_POSTGRESQL, s, 1);

		ck_assert_str_eq(q, "\"risk\".\"Loans 2024\"");
		free(q);
		free(s);
	}
}
END_TEST

/* ========================================= comparisons and logic */

/*
 * a IS b is true when both are NULL or equal, false when one is NULL
 * [sqlite-expr "IS"].  The standard IS NOT DISTINCT FROM is that in
 * PostgreSQL [pg-cmp], DuckDB, Trino [trino-cmp] and BigQuery [bq-ops
 * "IS DISTINCT FROM"]; Spark has <=> ("returns true if both are null,
 * false if one of them is null") [spark-func "<=>"].
 */
START_TEST(test_is_and_is_not)
{
	COND("age IS months",
	    "(\"age\" IS \"months\")",
	    "(\"age\" IS NOT DISTINCT FROM \"months\")",
	    "(\"age\" IS NOT DISTINCT FROM \"months\")",
	    "(`age` <=> `months`)",
	    "(\"age\" IS NOT DISTINCT FROM \"months\")",
	    "(`age` IS NOT DISTINCT FROM `months`)");
	COND("purpose IS NOT 'car'",
	    "(\"purpose\" IS NOT 'car')",
	    "(\"purpose\" IS DISTINCT FROM 'car')",
	    "(\"purpose\" IS DISTINCT FROM 'car')",
	    "(NOT (`purpose` <=> 'car'))",
	    "(\"purpose\" IS DISTINCT FROM 'car')",
	    "(`purpose` IS DISTINCT FROM 'car')");
}
END_TEST

/*
 * x IS TRUE in SQLite tests x as a condition: 5 IS TRUE is 1, NULL IS
 * TRUE is 0 [sqlite-expr, "Boolean Expressions"; run on SQLite 3.40:
 * 5 IS TRUE, 0 IS TRUE, NULL IS TRUE, 5 IS NOT TRUE, 0 IS FALSE give 1,
 * 0, 0, 0, 1].  x IS NOT DISTINCT FROM TRUE would compare 5 with 1;
 * COALESCE(x <> 0, FALSE) is SQLite's test in every engine [pg-cond
 * "COALESCE"; duck-text; spark-func "coalesce"; trino-cond; bq-cond].
 */
START_TEST(test_is_true_false)
{
	COND("age IS TRUE",
	    "((\"age\" <> 0) IS TRUE)",
	    "(COALESCE((\"age\" <> 0), FALSE))",
	    "(COALESCE((\"age\" <> 0), FALSE))",
	    "(COALESCE((`age` <> 0), FALSE))",
	    "(COALESCE((\"age\" <> 0), FALSE))",
	    "(COALESCE((`age` <> 0), FALSE))");
	COND("age IS NOT (FALSE)",
	    "((\"age\" <> 0) IS NOT FALSE)",
	    "(NOT COALESCE(NOT (\"age\" <> 0), FALSE))",
	    "(NOT COALESCE(NOT (\"age\" <> 0), FALSE))",
	    "(NOT COALESCE(NOT (`age` <> 0), FALSE))",
	    "(NOT COALESCE(NOT (\"age\" <> 0), FALSE))",
	    "(NOT COALESCE(NOT (`age` <> 0), FALSE))");
	REFUSED_COND("purpose IS TRUE", 1, "the operand of IS is text");
}
END_TEST

/*
 * IN and NOT IN with a list: the same three-valued logic in every engine
 * [sqlite-expr "The IN and NOT IN operators"; pg-cmp; spark-func "in";
 * trino-cmp; bq-ops "IN operator"].  x IN () is false in SQLite, and the
 * empty list is no SQL elsewhere, so it is written FALSE.
 */
START_TEST(test_in_lists)
{
	COND("age IN (18, 21, 65)",
	    "(\"age\" IN (18, 21, 65))", "(\"age\" IN (18, 21, 65))",
	    "(\"age\" IN (18, 21, 65))", "(`age` IN (18, 21, 65))",
	    "(\"age\" IN (18, 21, 65))", "(`age` IN (18, 21, 65))");
	COND("purpose NOT IN ('car', 'tv')",
	    "(\"purpose\" NOT IN ('car', 'tv'))",
	    "(\"purpose\" NOT IN ('car', 'tv'))",
	    "(\"purpose\" NOT IN ('car', 'tv'))",
	    "(`purpose` NOT IN ('car', 'tv'))",
	    "(\"purpose\" NOT IN ('car', 'tv'))",
	    "(`purpose` NOT IN ('car', 'tv'))");
	COND1("age IN ()", "FALSE");
	COND1("age NOT IN ()", "TRUE");
	REFUSED_COND("age IN (1, 'a')", 12, "text compared with a number");
	REFUSED_COND("age IN (SELECT 1)", 9, "a subquery cannot be exported");
}
END_TEST

/*
 * BETWEEN: x >= a AND x <= b in every engine [sqlite-expr "The BETWEEN
 * operator"; pg-cmp; spark-func "between"; trino-cmp; bq-ops]; on text
 * PostgreSQL is told the byte order (COLLATE on the tested value applies
 * to both comparisons) [pg-collation].
 */
START_TEST(test_between)
{
	COND("age BETWEEN 18 AND 65",
	    "(\"age\" BETWEEN 18 AND 65)", "(\"age\" BETWEEN 18 AND 65)",
	    "(\"age\" BETWEEN 18 AND 65)", "(`age` BETWEEN 18 AND 65)",
	    "(\"age\" BETWEEN 18 AND 65)", "(`age` BETWEEN 18 AND 65)");
	COND("purpose NOT BETWEEN 'a' AND 'c'",
	    "(\"purpose\" NOT BETWEEN 'a' AND 'c')",
	    "(\"purpose\" COLLATE \"C\" NOT BETWEEN 'a' AND 'c')",
	    "(\"purpose\" NOT BETWEEN 'a' AND 'c')",
	    "(`purpose` NOT BETWEEN 'a' AND 'c')",
	    "(\"purpose\" NOT BETWEEN 'a' AND 'c')",
	    "(`purpose` NOT BETWEEN 'a' AND 'c')");
}
END_TEST

/*
 * Conditions and numbers.  SQLite takes a number as a condition when it
 * is not 0, and a condition as the integer 1 or 0 [sqlite-expr "Boolean
 * Expressions"]; the others have a BOOLEAN type that does not mix with
 * numbers (PostgreSQL, Trino and BigQuery refuse integer AND ...), so
 * the text says <> 0 and CASE WHEN c THEN 1 WHEN NOT c THEN 0 END (NULL
 * stays NULL).  AND, OR, NOT: the same three-valued logic everywhere.
 */
START_TEST(test_conditions_and_numbers)
{
	COND("months AND NOT age",
	    "((\"months\" <> 0) AND (NOT (\"age\" <> 0)))",
	    "((\"months\" <> 0) AND (NOT (\"age\" <> 0)))",
	    "((\"months\" <> 0) AND (NOT (\"age\" <> 0)))",
	    "((`months` <> 0) AND (NOT (`age` <> 0)))",
	    "((\"months\" <> 0) AND (NOT (\"age\" <> 0)))",
	    "((`months` <> 0) AND (NOT (`age` <> 0)))");
	NUM("age > 1 OR TRUE",
	    "(CASE WHEN ((\"age\" > 1) OR TRUE) THEN 1 WHEN NOT ((\"age\" > 1) "
	    "OR TRUE) THEN 0 END)",
	    "(CASE WHEN ((\"age\" > 1) OR TRUE) THEN 1 WHEN NOT ((\"age\" > 1) "
	    "OR TRUE) THEN 0 END)",
	    "(CASE WHEN ((\"age\" > 1) OR TRUE) THEN 1 WHEN NOT ((\"age\" > 1) "
	    "OR TRUE) THEN 0 END)",
	    "(CASE WHEN ((`age` > 1) OR TRUE) THEN 1 WHEN NOT ((`age` > 1) "
	    "OR TRUE) THEN 0 END)",
	    "(CASE WHEN ((\"age\" > 1) OR TRUE) THEN 1 WHEN NOT ((\"age\" > 1) "
	    "OR TRUE) THEN 0 END)",
	    "(CASE WHEN ((`age` > 1) OR TRUE) THEN 1 WHEN NOT ((`age` > 1) "
	    "OR TRUE) THEN 0 END)");
	REFUSED_COND("purpose", 1, "the condition is text");
	REFUSED("age > 1 AND purpose", 13, "an operand is text");
}
END_TEST

/* ============================================================ CASE */

/*
 * CASE: both forms are standard SQL in every engine [sqlite-expr "The
 * CASE expression"; pg-cond "CASE"; spark-func "case"; trino-cond
 * "CASE"; bq-cond "CASE"].  A NULL result in PostgreSQL is typed.
 */
START_TEST(test_case)
{
	NUM("CASE WHEN age > 60 THEN 1 ELSE 0 END",
	    "(CASE WHEN (\"age\" > 60) THEN 1 ELSE 0 END)",
	    "(CASE WHEN (\"age\" > 60) THEN 1 ELSE 0 END)",
	    "(CASE WHEN (\"age\" > 60) THEN 1 ELSE 0 END)",
	    "(CASE WHEN (`age` > 60) THEN 1 ELSE 0 END)",
	    "(CASE WHEN (\"age\" > 60) THEN 1 ELSE 0 END)",
	    "(CASE WHEN (`age` > 60) THEN 1 ELSE 0 END)");
	NUM("CASE purpose WHEN 'car' THEN NULL WHEN 'tv' THEN 2 END",
	    "(CASE \"purpose\" WHEN 'car' THEN NULL WHEN 'tv' THEN 2 END)",
	    "(CASE \"purpose\" WHEN 'car' THEN CAST(NULL AS DOUBLE PRECISION) "
	    "WHEN 'tv' THEN 2 END)",
	    "(CASE \"purpose\" WHEN 'car' THEN NULL WHEN 'tv' THEN 2 END)",
	    "(CASE `purpose` WHEN 'car' THEN NULL WHEN 'tv' THEN 2 END)",
	    "(CASE \"purpose\" WHEN 'car' THEN NULL WHEN 'tv' THEN 2 END)",
	    "(CASE `purpose` WHEN 'car' THEN NULL WHEN 'tv' THEN 2 END)");
	REFUSED("CASE WHEN age THEN 'a' ELSE 1 END", 29, "text and numbers "
	    "mixed in one value");
	REFUSED("CASE age END", 10, "expected WHEN, found END");
}
END_TEST

/*
 * A value that is an integer on some rows and a real on others: SQLite
 * keeps each row's value with its own type (CASE WHEN 1 THEN 3 ELSE 1.5
 * END / 2 is 1, min(3, 4.5) / 2 is 1, coalesce(3, 1.5) / 2 is 1: run on
 * SQLite 3.40), where PostgreSQL [pg-cond; PostgreSQL's UNION/CASE type
 * resolution], DuckDB, Spark, Trino and BigQuery give the whole
 * expression the common type, a double, and divide 3.0 / 2 = 1.5.  Such
 * a division is refused; + - * and comparisons agree.
 */
START_TEST(test_integer_or_real_division_refused)
{
	REFUSED("CASE WHEN age > 1 THEN 3 ELSE 1.5 END / 2", 39, "/ on a "
	    "number that is an integer on some rows");
	REFUSED("min(age, income) / 2", 18, "/ on a number that is an "
	    "integer on some rows");
	REFUSED("12 / coalesce(income, 0)", 4, "/ on a number that is an "
	    "integer on some rows");
	REFUSED("coalesce(income, 0) % 2", 21, "% on a number that is not "
	    "an integer");
	/* A real divisor or dividend makes a real division in SQLite too. */
	NUM("coalesce(income, 0) / 2.0",
	    "(COALESCE(\"income\", 0) / NULLIF(2e0, 0))",
	    "(COALESCE(\"income\", 0) / NULLIF(2e0::float8, 0))",
	    "(COALESCE(\"income\", 0) / NULLIF(2e0, 0))",
	    "(COALESCE(`income`, 0) / NULLIF(2e0, 0))",
	    "(COALESCE(\"income\", 0) / NULLIF(2e0, 0))",
	    "(COALESCE(`income`, 0) / NULLIF(2e0, 0))");
	/* Truncated by CAST, a mix divides whole everywhere. */
	NUM("CAST(coalesce(income, 0) AS INTEGER) / 2",
	    "(CAST(COALESCE(\"income\", 0) AS INTEGER) / NULLIF(2, 0))",
	    "(CAST(TRUNC(COALESCE(\"income\", 0)) AS BIGINT) / NULLIF(2, 0))",
	    "(CAST(TRUNC(COALESCE(\"income\", 0)) AS BIGINT) // NULLIF(2, 0))",
	    "(CAST(COALESCE(`income`, 0) AS BIGINT) DIV NULLIF(2, 0))",
	    "(CAST(truncate(COALESCE(\"income\", 0)) AS BIGINT) / "
	    "NULLIF(2, 0))",
	    "DIV(CAST(TRUNC(COALESCE(`income`, 0)) AS INT64), NULLIF(2, 0))");
	/* Integers only: a whole division. */
	NUM("coalesce(age, 0) / 2",
	    "(COALESCE(\"age\", 0) / NULLIF(2, 0))",
	    "(COALESCE(\"age\", 0) / NULLIF(2, 0))",
	    "(COALESCE(\"age\", 0) // NULLIF(2, 0))",
	    "(COALESCE(`age`, 0) DIV NULLIF(2, 0))",
	    "(COALESCE(\"age\", 0) / NULLIF(2, 0))",
	    "DIV(COALESCE(`age`, 0), NULLIF(2, 0))");
}
END_TEST

/* ======================================================= functions */

/*
 * round(x) in SQLite: (double)(int64)(x + 0.5), x - 0.5 below 0: half
 * away from zero [sqlite-func "round"].  PostgreSQL's round(double)
 * rounds half to even [pg-math "round"], the others differ on a half or
 * return integers, so FLOOR, which every engine has [pg-math; duck-num;
 * spark-func "floor"; trino-math; bq-math "FLOOR"], rounds as SQLite
 * does.  round(x, n) with n > 0 is refused: engines round decimal
 * fractions of a double differently.
 */
START_TEST(test_round)
{
	NUM("round(income)",
	    "(CASE WHEN \"income\" < 0 THEN -FLOOR(-\"income\" + 0.5e0) ELSE "
	    "FLOOR(\"income\" + 0.5e0) END)",
	    "(CASE WHEN \"income\" < 0 THEN -FLOOR(-\"income\" + "
	    "0.5e0::float8) ELSE FLOOR(\"income\" + 0.5e0::float8) END)",
	    "(CASE WHEN \"income\" < 0 THEN -FLOOR(-\"income\" + 0.5e0) ELSE "
	    "FLOOR(\"income\" + 0.5e0) END)",
	    "(CASE WHEN `income` < 0 THEN -FLOOR(-`income` + 0.5e0) ELSE "
	    "FLOOR(`income` + 0.5e0) END)",
	    "(CASE WHEN \"income\" < 0 THEN -FLOOR(-\"income\" + 0.5e0) ELSE "
	    "FLOOR(\"income\" + 0.5e0) END)",
	    "(CASE WHEN `income` < 0 THEN -FLOOR(-`income` + 0.5e0) ELSE "
	    "FLOOR(`income` + 0.5e0) END)");
	NUM("round(-income, 0)",
	    "(CASE WHEN (-\"income\") < 0 THEN -FLOOR(-(-\"income\") + 0.5e0) "
	    "ELSE FLOOR((-\"income\") + 0.5e0) END)",
	    "(CASE WHEN (-\"income\") < 0 THEN -FLOOR(-(-\"income\") + "
	    "0.5e0::float8) ELSE FLOOR((-\"income\") + 0.5e0::float8) END)",
	    "(CASE WHEN (-\"income\") < 0 THEN -FLOOR(-(-\"income\") + 0.5e0) "
	    "ELSE FLOOR((-\"income\") + 0.5e0) END)",
	    "(CASE WHEN (-`income`) < 0 THEN -FLOOR(-(-`income`) + 0.5e0) "
	    "ELSE FLOOR((-`income`) + 0.5e0) END)",
	    "(CASE WHEN (-\"income\") < 0 THEN -FLOOR(-(-\"income\") + 0.5e0) "
	    "ELSE FLOOR((-\"income\") + 0.5e0) END)",
	    "(CASE WHEN (-`income`) < 0 THEN -FLOOR(-(-`income`) + 0.5e0) "
	    "ELSE FLOOR((-`income`) + 0.5e0) END)");
	REFUSED("round(income, 2)", 15, "round() to decimals cannot be "
	    "exported");
}
END_TEST

/*
 * CAST(x AS INTEGER) truncates a real toward zero in SQLite
 * [sqlite-expr "CAST expressions"].  PostgreSQL rounds a double cast to
 * an integer [pg-numeric; pg-math "trunc"], DuckDB rounds, Trino rounds
 * [trino-conv "cast"; truncate(x) "drops the digits after the decimal
 * point", trino-math], BigQuery rounds half away from zero [bq-conv
 * "CAST AS INT64"; TRUNC(X), bq-math]; Spark's cast of a double to an
 * integral type truncates [spark-ansi "Cast"].  CAST AS REAL is a double
 * everywhere: DOUBLE PRECISION, DOUBLE, FLOAT64.
 */
START_TEST(test_cast)
{
	NUM("CAST(income AS INTEGER)",
	    "CAST(\"income\" AS INTEGER)",
	    "CAST(TRUNC(\"income\") AS BIGINT)",
	    "CAST(TRUNC(\"income\") AS BIGINT)",
	    "CAST(`income` AS BIGINT)",
	    "CAST(truncate(\"income\") AS BIGINT)",
	    "CAST(TRUNC(`income`) AS INT64)");
	/* An integer is already whole. */
	NUM("CAST(age AS INT)",
	    "\"age\"", "\"age\"", "\"age\"", "`age`", "\"age\"", "`age`");
}
END_TEST

START_TEST(test_cast_real)
{
	NUM("CAST(age AS DOUBLE PRECISION)",
	    "CAST(\"age\" AS REAL)", "CAST(\"age\" AS DOUBLE PRECISION)",
	    "CAST(\"age\" AS DOUBLE)", "CAST(`age` AS DOUBLE)",
	    "CAST(\"age\" AS DOUBLE)", "CAST(`age` AS FLOAT64)");
	REFUSED("CAST(purpose AS REAL)", 6, "the value cast is text");
	REFUSED("CAST(age AS TEXT)", 13, "CAST to TEXT cannot be exported");
}
END_TEST

/*
 * min(a, b, ...) and max of several values are NULL when one is NULL in
 * SQLite [sqlite-func "max(X,Y,...)"]; LEAST and GREATEST skip NULLs in
 * PostgreSQL [pg-cond "GREATEST and LEAST"] and others, so a CASE says
 * it; the comparison <= / >= is the same everywhere.
 */
START_TEST(test_min_max)
{
	NUM("min(age, months)",
	    "(CASE WHEN \"age\" IS NULL OR \"months\" IS NULL THEN NULL WHEN "
	    "\"age\" <= \"months\" THEN \"age\" ELSE \"months\" END)",
	    "(CASE WHEN \"age\" IS NULL OR \"months\" IS NULL THEN NULL WHEN "
	    "\"age\" <= \"months\" THEN \"age\" ELSE \"months\" END)",
	    "(CASE WHEN \"age\" IS NULL OR \"months\" IS NULL THEN NULL WHEN "
	    "\"age\" <= \"months\" THEN \"age\" ELSE \"months\" END)",
	    "(CASE WHEN `age` IS NULL OR `months` IS NULL THEN NULL WHEN "
	    "`age` <= `months` THEN `age` ELSE `months` END)",
	    "(CASE WHEN \"age\" IS NULL OR \"months\" IS NULL THEN NULL WHEN "
	    "\"age\" <= \"months\" THEN \"age\" ELSE \"months\" END)",
	    "(CASE WHEN `age` IS NULL OR `months` IS NULL THEN NULL WHEN "
	    "`age` <= `months` THEN `age` ELSE `months` END)");
	{
		/* Nested: max(max(age, months), 3). */
		static const char *const q[2][2] = { { "\"age\"",
		    "\"months\"" }, { "`age`", "`months`" } };
		char in[2][256], out[2][1024];
		int k;

		for (k = 0; k < 2; k++) {
			snprintf(in[k], sizeof in[k], "(CASE WHEN %s IS NULL "
			    "OR %s IS NULL THEN NULL WHEN %s >= %s THEN %s "
			    "ELSE %s END)", q[k][0], q[k][1], q[k][0],
			    q[k][1], q[k][0], q[k][1]);
			snprintf(out[k], sizeof out[k], "(CASE WHEN %s IS "
			    "NULL OR 3 IS NULL THEN NULL WHEN %s >= 3 THEN %s "
			    "ELSE 3 END)", in[k], in[k], in[k]);
		}
		NUM("max(age, months, 3)", out[0], out[0], out[0], out[1],
		    out[0], out[1]);
	}
	REFUSED("max(age)", 1, "max() of one argument is an aggregate");
	REFUSED("min(purpose, 'a')", 5, "an argument is text");
}
END_TEST

/* The other functions: abs, coalesce, ifnull, nullif, length, substr
   are the same in every engine [sqlite-func; pg-math "abs"; pg-cond
   "COALESCE", "NULLIF"; pg-string "length", "substr"; duck-num;
   duck-text; spark-func "abs", "coalesce", "nullif", "length", "substr";
   trino-math; trino-cond; trino-string; bq-math "ABS"; bq-cond
   "COALESCE", "NULLIF"; bq-string "LENGTH" (characters of a STRING),
   "SUBSTR"]: length counts characters, substr from a start of 1 or more
   with a length of 0 or more (engines differ on 0 and negatives). */
START_TEST(test_other_functions)
{
	NUM("abs(age - 100)",
	    "ABS((\"age\" - 100))", "ABS((\"age\" - 100))",
	    "ABS((\"age\" - 100))", "ABS((`age` - 100))",
	    "ABS((\"age\" - 100))", "ABS((`age` - 100))");
	NUM("ifnull(age, 0) + coalesce(months, age, 1)",
	    "(COALESCE(\"age\", 0) + COALESCE(\"months\", \"age\", 1))",
	    "(COALESCE(\"age\", 0) + COALESCE(\"months\", \"age\", 1))",
	    "(COALESCE(\"age\", 0) + COALESCE(\"months\", \"age\", 1))",
	    "(COALESCE(`age`, 0) + COALESCE(`months`, `age`, 1))",
	    "(COALESCE(\"age\", 0) + COALESCE(\"months\", \"age\", 1))",
	    "(COALESCE(`age`, 0) + COALESCE(`months`, `age`, 1))");
	NUM("nullif(months, 24)",
	    "NULLIF(\"months\", 24)", "NULLIF(\"months\", 24)",
	    "NULLIF(\"months\", 24)", "NULLIF(`months`, 24)",
	    "NULLIF(\"months\", 24)", "NULLIF(`months`, 24)");
	NUM("length(purpose)",
	    "LENGTH(\"purpose\")", "LENGTH(\"purpose\")",
	    "LENGTH(\"purpose\")", "LENGTH(`purpose`)",
	    "LENGTH(\"purpose\")", "LENGTH(`purpose`)");
	COND("substr(purpose, 2, 3) = 'ar'",
	    "(SUBSTR(\"purpose\", 2, 3) = 'ar')",
	    "(SUBSTR(\"purpose\", 2, 3) = 'ar')",
	    "(SUBSTR(\"purpose\", 2, 3) = 'ar')",
	    "(SUBSTR(`purpose`, 2, 3) = 'ar')",
	    "(SUBSTR(\"purpose\", 2, 3) = 'ar')",
	    "(SUBSTR(`purpose`, 2, 3) = 'ar')");
	REFUSED_COND("substr(purpose, 0) = 'a'", 17, "substr()'s start and "
	    "length must be whole numbers");
	REFUSED("length(age)", 8, "length() of an integer");
	REFUSED("abs(age, 1)", 1, "abs() takes 1 argument");
}
END_TEST

/*
 * lower() and upper() change ASCII letters only in SQLite [sqlite-func
 * "lower(X)": "ASCII characters only"]; the others' change every letter
 * [pg-string "lower"; duck-text "lower"; spark-func "lower"; trino-string
 * "lower"; bq-string "LOWER"], so TRANSLATE over A-Z.  trim(), ltrim()
 * and rtrim() of one argument remove spaces only in SQLite [sqlite-func
 * "trim(X)"], PostgreSQL ("a space by default") [pg-string "trim"],
 * DuckDB (run here: a tab is kept) [duck-text "trim"] and Spark ("space
 * characters") [spark-func "trim"]; Trino's remove whitespace
 * [trino-string "trim"], told the space with the standard TRIM(BOTH ' '
 * FROM x); BigQuery's remove Unicode whitespace unless a second argument
 * names the characters [bq-string "TRIM"].
 */
START_TEST(test_case_and_trim_functions)
{
	COND("lower(purpose) = 'car'",
	    "(LOWER(\"purpose\") = 'car')",
	    "(" LOWER_DQ " = 'car')",
	    "(" LOWER_DQ " = 'car')",
	    "(" LOWER_BT " = 'car')",
	    "(" LOWER_DQ " = 'car')",
	    "(" LOWER_BT " = 'car')");
	COND("UPPER(purpose) = 'CAR'",
	    "(UPPER(\"purpose\") = 'CAR')",
	    "(" UPPER_DQ " = 'CAR')",
	    "(" UPPER_DQ " = 'CAR')",
	    "(" UPPER_BT " = 'CAR')",
	    "(" UPPER_DQ " = 'CAR')",
	    "(" UPPER_BT " = 'CAR')");
	COND("trim(purpose) = 'car'",
	    "(TRIM(\"purpose\") = 'car')", "(TRIM(\"purpose\") = 'car')",
	    "(TRIM(\"purpose\") = 'car')", "(TRIM(`purpose`) = 'car')",
	    "(TRIM(BOTH ' ' FROM \"purpose\") = 'car')",
	    "(TRIM(`purpose`, ' ') = 'car')");
	COND("ltrim(purpose) < rtrim(purpose)",
	    "(LTRIM(\"purpose\") < RTRIM(\"purpose\"))",
	    "(LTRIM(\"purpose\") < RTRIM(\"purpose\") COLLATE \"C\")",
	    "(LTRIM(\"purpose\") < RTRIM(\"purpose\"))",
	    "(LTRIM(`purpose`) < RTRIM(`purpose`))",
	    "(TRIM(LEADING ' ' FROM \"purpose\") < TRIM(TRAILING ' ' FROM "
	    "\"purpose\"))",
	    "(LTRIM(`purpose`, ' ') < RTRIM(`purpose`, ' '))");
}
END_TEST

/* ======================================================== refusals */

/*
 * An unknown function is named at its name, before its arguments are
 * read: "foo(bad syntax" names foo, not the syntax error after it.
 */
START_TEST(test_unknown_function_named_first)
{
	REFUSED("foo(bad syntax", 1, "function foo() cannot be exported");
	REFUSED("age + date('now', ", 7, "function date() cannot be "
	    "exported");
	REFUSED_COND("purpose = upper(purpose) OR Exp(1 +) > 2", 29, "function "
	    "Exp() cannot be exported");
	REFUSED("count(*)", 1, "function count() cannot be exported");
	REFUSED("max(DISTINCT age)", 5, "aggregate max() cannot be used");
	/* A known function still reports its arguments' errors. */
	REFUSED("abs(1 +)", 8, "expected a value, found )");
}
END_TEST

/* The syntax the parser does not take, each at its column. */
START_TEST(test_refused_syntax)
{
	REFUSED_COND("EXISTS (SELECT 1)", 1, "EXISTS cannot be exported");
	REFUSED_COND("purpose GLOB 'a*'", 9, "expected the end of the "
	    "expression, found GLOB");
	REFUSED("~age", 1, "the bitwise operator ~ cannot be exported");
	REFUSED("age & 1", 5, "the bitwise operator & cannot be exported");
	REFUSED_COND("age > 1 extra", 9, "expected the end of the "
	    "expression, found extra");
	REFUSED_COND("age > ", 7, "expected a value, found the end");
	REFUSED_COND("age # 1", 5, "unexpected character '#'");
}
END_TEST

/*
 * Through the SQL export: a refused expression is reported at the
 * policy file's line and column of the condition (file:line:col), the
 * dialect and the column within the expression in the message.
 */
START_TEST(test_refusal_located_in_policy_file)
{
	static const char card_json[] =
	    "{\"format\": \"riskdesk scorecard\", \"version\": 1, "
	    "\"name\": \"c\", \"population\": \"apps\", "
	    "\"scaling\": {\"base_score\": 600, \"base_odds\": 50, "
	    "\"pdo\": 20}, \"factor\": 28.853900817779268, "
	    "\"offset\": 487.1228762045055, \"intercept\": -1.0, "
	    "\"intercept_se\": 0.1, \"intercept_pval\": 0.001, "
	    "\"base_points\": 500, \"characteristics\": [{\"name\": \"age\", "
	    "\"numeric\": true, \"coef\": -0.85, \"se\": 0.1, "
	    "\"pval\": 0.001, \"iv\": 0.2, \"goods\": 80, \"bads\": 20, "
	    "\"bins\": [{\"kind\": \"range\", \"label\": \"lo\", "
	    "\"count\": 10, \"goods\": 8, \"bads\": 2, \"woe\": null, "
	    "\"iv\": null, \"points\": 10, \"lower\": null, \"upper\": 30}, "
	    "{\"kind\": \"range\", \"label\": \"hi\", \"count\": 10, "
	    "\"goods\": 8, \"bads\": 2, \"woe\": null, \"iv\": null, "
	    "\"points\": 20, \"lower\": 30, \"upper\": null}]}], "
	    "\"development\": {\"n\": 20, \"n_bad\": 4, \"auc\": 0.7, "
	    "\"gini\": 0.4, \"ks\": 0.3, \"ks_at\": 510.0, "
	    "\"loglik\": -9.0, \"aic\": 22.0, \"iterations\": 5}, "
	    "\"dropped\": []}";
	struct export_sql_spec spec;
	struct scorecard *card;
	struct policy *p;
	struct rd_err err;
	char path[64], *sql;

	rd_err_clear(&err);
	card = card_parse(card_json, &err);
	ck_assert_msg(card != NULL, "card_parse: %s", err.msg);
	snprintf(path, sizeof path, "scratch-sqlexpr-%ld.yaml",
	    (long)getpid());
	write_file(path,
	    "name: located\n"
	    "scorecard: c\n"
	    "population: apps\n"
	    "loss: {lgd: 0.45, ead: months}\n"
	    "knockouts:\n"
	    "  - name: young\n"
	    "    when: age < 18 OR foo(bad syntax\n"
	    "    reason: KO1\n"
	    "segments:\n"
	    "  - name: all\n"
	    "    cutoff: 500\n");
	rd_err_clear(&err);
	p = policy_load(path, &err);
	unlink(path);
	ck_assert_msg(p != NULL, "policy_load: %s:%ld:%ld: %s", err.file,
	    err.line, err.col, err.msg);
	memset(&spec, 0, sizeof spec);
	spec.dialect = SQLX_TRINO;
	spec.source = "apps";
	spec.id = "age";
	spec.nreasons = 1;
	spec.cols = cols;
	spec.ncols = NCOLS;
	rd_err_clear(&err);
	sql = export_sql_decisions(p, card, &spec, &err);
	ck_assert_ptr_null(sql);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.file, path);
	ck_assert_int_eq(err.line, 7);
	ck_assert_int_eq(err.col, 11);
	ck_assert_str_eq(err.msg, "cannot export to trino: function foo() "
	    "cannot be exported; abs, coalesce, ifnull, nullif, min, max, "
	    "round, lower, upper, length, trim, ltrim, rtrim and substr can "
	    "at column 13 of the expression");
	policy_free(p);
	card_free(card);
}
END_TEST

/*
 * sqlx_check_types: the refusals about what an expression means in
 * SQLite itself (text compared with a number, text where a number is
 * wanted, text as a condition), which check-policy, --report and decide
 * make too; none of those about the other engines.
 */
static void
types_refused(int line, const char *expr, enum sqlx_want want,
	const char *msg)
{
	struct rd_err err;

	rd_err_clear(&err);
	ck_assert_msg(sqlx_check_types(expr, cols, NCOLS, want, &err) == -1,
	    "line %d: \"%s\" passed", line, expr);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_msg(strcmp(err.msg, msg) == 0, "line %d: \"%s\": %s",
	    line, expr, err.msg);
}

static void
types_pass(int line, const char *expr, enum sqlx_want want)
{
	struct rd_err err;

	rd_err_clear(&err);
	ck_assert_msg(sqlx_check_types(expr, cols, NCOLS, want, &err) == 0,
	    "line %d: \"%s\": %s", line, expr, err.msg);
}

START_TEST(test_check_types)
{
	types_refused(__LINE__, "purpose > 5", SQLX_CONDITION,
	    "text compared with a number: SQLite and the other engines "
	    "disagree on it; compare text with a quoted value ('3') or a "
	    "number column with a number at column 9 of the expression");
	types_refused(__LINE__, "purpose IN (1, 2)", SQLX_CONDITION,
	    "text compared with a number: SQLite and the other engines "
	    "disagree on it; compare text with a quoted value ('3') or a "
	    "number column with a number at column 13 of the expression");
	types_refused(__LINE__, "age = '30'", SQLX_CONDITION,
	    "text compared with a number: SQLite and the other engines "
	    "disagree on it; compare text with a quoted value ('3') or a "
	    "number column with a number at column 5 of the expression");
	types_refused(__LINE__, "income * 0 + purpose", SQLX_NUMBER,
	    "an operand of arithmetic is text; expected a number at column "
	    "14 of the expression");
	types_refused(__LINE__, "purpose", SQLX_NUMBER,
	    "the value is text; expected a number at column 1 of the "
	    "expression");
	types_refused(__LINE__, "\"Home Owner\"", SQLX_CONDITION,
	    "the condition is text; a condition must be a comparison or a "
	    "number at column 1 of the expression");
	/* Faults of the other engines only: not this rule's. */
	types_pass(__LINE__, "age || 'x' = '1x'", SQLX_CONDITION);
	types_pass(__LINE__, "round(income, 2) > 1", SQLX_CONDITION);
	types_pass(__LINE__, "date('now') > '2020'", SQLX_CONDITION);
	types_pass(__LINE__, "income % 2 = 1", SQLX_CONDITION);
	/* A function export cannot translate stops the check before it. */
	types_pass(__LINE__, "date('now') > '2020' OR purpose > 5",
	    SQLX_CONDITION);
	types_pass(__LINE__, "purpose IN ('1', '2') AND age > 30",
	    SQLX_CONDITION);
	types_pass(__LINE__, "age", SQLX_CONDITION);
	types_pass(__LINE__, "income * 1.1", SQLX_NUMBER);
}
END_TEST

static Suite *
sqlexpr_suite(void)
{
	Suite *s = suite_create("sqlexpr");
	TCase *tn = tcase_create("numbers");
	TCase *tt = tcase_create("text");
	TCase *tl = tcase_create("logic");
	TCase *tf = tcase_create("functions");
	TCase *te = tcase_create("errors");

	tcase_add_test(tn, test_integer_division);
	tcase_add_test(tn, test_real_division);
	tcase_add_test(tn, test_modulo);
	tcase_add_test(tn, test_arithmetic_and_unary_minus);
	tcase_add_test(tn, test_double_literals);
	tcase_add_test(tn, test_nan_read_as_null);
	tcase_add_test(tn, test_null_literal);
	tcase_add_test(tn, test_integer_or_real_division_refused);
	suite_add_tcase(s, tn);
	tcase_add_test(tt, test_concatenation);
	tcase_add_test(tt, test_text_comparison);
	tcase_add_test(tt, test_like_ascii_case);
	tcase_add_test(tt, test_string_escapes);
	tcase_add_test(tt, test_identifiers);
	tcase_add_test(tt, test_source_names);
	suite_add_tcase(s, tt);
	tcase_add_test(tl, test_is_and_is_not);
	tcase_add_test(tl, test_is_true_false);
	tcase_add_test(tl, test_in_lists);
	tcase_add_test(tl, test_between);
	tcase_add_test(tl, test_conditions_and_numbers);
	tcase_add_test(tl, test_case);
	suite_add_tcase(s, tl);
	tcase_add_test(tf, test_round);
	tcase_add_test(tf, test_cast);
	tcase_add_test(tf, test_cast_real);
	tcase_add_test(tf, test_min_max);
	tcase_add_test(tf, test_other_functions);
	tcase_add_test(tf, test_case_and_trim_functions);
	suite_add_tcase(s, tf);
	tcase_add_test(te, test_unknown_function_named_first);
	tcase_add_test(te, test_refused_syntax);
	tcase_add_test(te, test_refusal_located_in_policy_file);
	tcase_add_test(te, test_check_types);
	suite_add_tcase(s, te);
	return s;
}

int
main(void)
{
	Suite *s[] = { sqlexpr_suite() };

	return run_suites(s, 1);
}
