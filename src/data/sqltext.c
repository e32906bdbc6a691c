/*
 * sqltext.c - SQL text for each engine's dialect (sqltext.h): the
 * dialects' names, identifiers, string and double literals, and a column
 * read.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/sqltext.h"
#include "util/xmalloc.h"

const char *const sqlx_dialect_names[SQLX_NDIALECTS] = {
	"sqlite", "postgresql", "duckdb", "spark", "trino", "bigquery"
};

int
sqlx_dialect_find(const char *name)
{
	int k;

	for (k = 0; k < SQLX_NDIALECTS; k++)
		if (strcmp(name, sqlx_dialect_names[k]) == 0)
			return k;
	return -1;
}

char *
sqlx_ident(enum sqlx_dialect d, const char *name, int dotted)
{
	char q = d == SQLX_SPARK || d == SQLX_BIGQUERY ? '`' : '"';
	size_t n = strlen(name), k, o = 0;
	char *s = xmalloc(4 * n + 3);

	s[o++] = q;
	for (k = 0; k < n; k++) {
		if (dotted && name[k] == '.') {
			s[o++] = q;
			s[o++] = '.';
			s[o++] = q;
			continue;
		}
		if (name[k] == q)
			s[o++] = d == SQLX_BIGQUERY ? '\\' : q;
		else if (d == SQLX_BIGQUERY && name[k] == '\\')
			s[o++] = '\\';
		s[o++] = name[k];
	}
	s[o++] = q;
	s[o] = '\0';
	return s;
}

char *
sqlx_source_name(const char *arg, char *why, size_t len)
{
	size_t n = strlen(arg), o = 0, k = 0;
	char *s = xmalloc(n + 1);

	for (;;) {
		size_t start = o, at = k + 1;

		if (arg[k] == '"' || arg[k] == '`') {
			char q = arg[k++];
			size_t e = k;

			/* Closed at all?  (A doubled quote is no close.) */
			while (arg[e] != '\0' && !(arg[e] == q &&
			    arg[e + 1] != q))
				e += arg[e] == q ? 2 : 1;
			if (arg[e] == '\0') {
				snprintf(why, len, "the quote %c opened at "
				    "character %zu is not closed", q, at);
				goto fail;
			}
			for (;;) {
				if (arg[k] == q && arg[k + 1] == q) {
					s[o++] = q;
					k += 2;
					continue;
				}
				if (arg[k] == q) {
					k++;
					break;
				}
				if (arg[k] == '.') {
					snprintf(why, len, "a dot inside quotes "
					    "cannot be told from the dot between "
					    "schema and table; name the table "
					    "through a view whose name has none");
					goto fail;
				}
				s[o++] = arg[k++];
			}
			if (arg[k] != '.' && arg[k] != '\0') {
				snprintf(why, len, "text after the closing quote "
				    "at character %zu; quote the whole part",
				    k + 1);
				goto fail;
			}
		} else {
			while (arg[k] != '.' && arg[k] != '\0')
				s[o++] = arg[k++];
		}
		if (o == start) {
			snprintf(why, len, "an empty name%s; write "
			    "schema.table or table", n == 0 ? "" :
			    " between dots");
			goto fail;
		}
		if (arg[k] == '\0')
			break;
		s[o++] = arg[k++];	/* the dot */
	}
	s[o] = '\0';
	return s;
fail:
	free(s);
	return NULL;
}

char *
sqlx_string(enum sqlx_dialect d, const char *str)
{
	int bs = d == SQLX_SPARK || d == SQLX_BIGQUERY;
	size_t n = strlen(str), k, o = 0;
	char *s = xmalloc(2 * n + 3);

	s[o++] = '\'';
	for (k = 0; k < n; k++) {
		char c = str[k];

		if (bs && (c == '\\' || c == '\'')) {
			s[o++] = '\\';
			s[o++] = c;
		} else if (bs && c == '\n') {
			s[o++] = '\\';
			s[o++] = 'n';
		} else if (bs && c == '\r') {
			s[o++] = '\\';
			s[o++] = 'r';
		} else if (c == '\'') {
			s[o++] = '\'';
			s[o++] = '\'';
		} else {
			s[o++] = c;
		}
	}
	s[o++] = '\'';
	s[o] = '\0';
	return s;
}

char *
sqlx_double(enum sqlx_dialect d, double x)
{
	char b[64];
	int prec;

	/* Infinity has no numeric literal: each dialect's own spelling
	   (SQLite reads a decimal past the largest double as inf). */
	if (isinf(x)) {
		const char *sign = x < 0 ? "-" : "";

		switch (d) {
		case SQLX_SQLITE:
			return xstrdup(x < 0 ? "(-9e999)" : "9e999");
		case SQLX_POSTGRESQL:
			return xasprintf("'%sInfinity'::float8", sign);
		case SQLX_TRINO:
			return xstrdup(x < 0 ? "(-infinity())" : "infinity()");
		case SQLX_BIGQUERY:
			return xasprintf("CAST('%sinf' AS FLOAT64)", sign);
		default:
			return xasprintf("CAST('%sInfinity' AS DOUBLE)", sign);
		}
	}
	/* The shortest text that reads back to x, except for SQLite, whose
	   reading of decimal text is not always correctly rounded below 17
	   significant digits (3.40: 0.610096720368348 reads one ulp off). */
	for (prec = d == SQLX_SQLITE ? 17 : 1; prec <= 17; prec++) {
		snprintf(b, sizeof b, "%.*g", prec, x);
		if (strtod(b, NULL) == x)
			break;
	}
	if (strchr(b, 'e') == NULL)
		strcat(b, "e0");
	if (d == SQLX_POSTGRESQL)
		return xasprintf(x < 0 ? "(%s::float8)" : "%s::float8", b);
	return xasprintf(x < 0 ? "(%s)" : "%s", b);
}

char *
sqlx_column_ref(enum sqlx_dialect d, const struct sqlx_column *c)
{
	char *q = sqlx_ident(d, c->name, 0), *s;

	if (c->type == DS_INTEGER) {
		/* SQLite's integers are 64-bit; a 32-bit INTEGER column
		 * elsewhere would overflow (an error) in products SQLite
		 * computes.  BigQuery's INT64 is the only integer. */
		if (d == SQLX_SQLITE || d == SQLX_BIGQUERY)
			return q;
		s = xasprintf("CAST(%s AS BIGINT)", q);
		free(q);
		return s;
	}
	if (c->type != DS_REAL)
		return q;
	switch (d) {
	case SQLX_SQLITE:
		return q;
	case SQLX_POSTGRESQL:
		/* A float4 as its shortest decimal, as imported from text. */
		s = c->float4 ? xasprintf("NULLIF(CAST(CAST(%s AS text) AS "
		    "float8), 'NaN'::float8)", q) : xasprintf("NULLIF(%s, "
		    "'NaN'::float8)", q);
		break;
	case SQLX_DUCKDB:
	case SQLX_SPARK:
		s = xasprintf("CASE WHEN isnan(%s) THEN NULL ELSE %s END", q,
		    q);
		break;
	case SQLX_TRINO:
		s = xasprintf("IF(is_nan(%s), NULL, %s)", q, q);
		break;
	default:
		s = xasprintf("IF(IS_NAN(%s), NULL, %s)", q, q);
		break;
	}
	free(q);
	return s;
}
