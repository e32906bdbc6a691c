/*
 * sqltext.h - SQL text for each engine's dialect: the names of the
 * dialects riskdesk writes SQL for, and the pieces every query is made
 * of (identifiers, literals, a column read), written so that each engine
 * reads them as SQLite does.  The data layer's aggregate queries on an
 * engine (engine.h) and the export layer's compiled policy and scorecard
 * (export/sql.h, export/sqlexpr.h) both write through them.  Pure
 * functions; no I/O.
 */
#ifndef RD_DATA_SQLTEXT_H
#define RD_DATA_SQLTEXT_H

#include <stddef.h>

#include "data/ds.h"

enum sqlx_dialect {
	SQLX_SQLITE,
	SQLX_POSTGRESQL,
	SQLX_DUCKDB,
	SQLX_SPARK,
	SQLX_TRINO,
	SQLX_BIGQUERY
};
#define SQLX_NDIALECTS 6

/* "sqlite", "postgresql", ... in enum order. */
extern const char *const sqlx_dialect_names[SQLX_NDIALECTS];

/* The dialect called name, or -1. */
int sqlx_dialect_find(const char *name);

/* A column of the table the expressions read. */
struct sqlx_column {
	const char *name;	/* borrowed */
	enum ds_type type;
	/* 1: a PostgreSQL real (4-byte float) column (engine.h
	   engine_columns), read as the shortest decimal that gives the
	   float4 back (25.01, not 25.010000228881836): the number riskdesk
	   imports from its text, which a card's cut points are. */
	int float4;
};

/*
 * Pieces of SQL text for dialect d, as export/sqlexpr.h's translation
 * and the engines' aggregate queries write them (caller frees each):
 *   sqlx_ident: an identifier quoted ("a b" or `a b`), a dotted name
 *     quoted part by part when dotted is 1;
 *   sqlx_string: a string literal;
 *   sqlx_double: a double literal (17 significant digits at most, the
 *     shortest that reads back to x, with an exponent), x not NaN; an
 *     infinity in the dialect's spelling ('Infinity'::float8 in
 *     PostgreSQL, 9e999 in SQLite, infinity() in Trino, a cast of
 *     'Infinity' or 'inf' elsewhere);
 *   sqlx_column_ref: a column read: NaN as NULL for a REAL column, an
 *     INTEGER column as BIGINT (not in SQLite or BigQuery), a float4
 *     column (PostgreSQL) through its text: CAST(CAST(q AS text) AS
 *     float8), its shortest decimal (PostgreSQL 12 and later, with the
 *     session's extra_float_digits above 0, as engine_connect sets it).
 */
char *sqlx_ident(enum sqlx_dialect d, const char *name, int dotted);

/*
 * A table's name as the officer writes it after --source, SQL's way or
 * plain, into the dotted form sqlx_ident (dotted) and the engine read:
 * parts separated by dots; a part in double quotes or backquotes is
 * taken as written inside them, its quote character doubled for one
 * ("My Loans" -> My Loans, "a""b" -> a"b); a part without quotes is
 * taken as written, case and all (riskdesk does not fold names).  So
 * risk."Loans 2024" and risk.Loans 2024 name the same table.  Returns a
 * new string (caller frees), or NULL with why[len] set: an empty part
 * ("risk..loans"), a quote left open, text after a closing quote, or a
 * dot inside quotes (a part the dotted form cannot hold: name the table
 * through a view).
 */
char *sqlx_source_name(const char *arg, char *why, size_t len);
char *sqlx_string(enum sqlx_dialect d, const char *s);
char *sqlx_double(enum sqlx_dialect d, double x);
char *sqlx_column_ref(enum sqlx_dialect d, const struct sqlx_column *c);

#endif
