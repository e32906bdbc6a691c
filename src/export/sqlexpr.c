/*
 * sqlexpr.c - policy expressions rewritten for other SQL engines
 * (sqlexpr.h): a tokenizer, a recursive-descent parser following SQLite's
 * operator precedence (lang_expr.html, "Operators"), and a typed writer
 * per dialect.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/sqlexpr.h"
#include "util/err.h"
#include "util/xmalloc.h"

void
sqlx_literals_done(struct sqlx_literals *l)
{
	size_t k;

	if (l == NULL)
		return;
	for (k = 0; k < l->n; k++)
		free(l->v[k].str);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ---------------------------------------------------------- tokenizer */

enum tok {
	T_END, T_INT, T_REAL, T_STR, T_ID, T_QID, T_OP
};

struct lexer {
	const char *s;
	size_t pos;		/* of the current token */
	size_t next;		/* after it */
	enum tok t;
	char *text;		/* owned: the token's text (unquoted for
				   strings and quoted identifiers) */
};

struct parser {
	struct lexer lx;
	const struct sqlx_column *cols;
	size_t ncols;
	enum sqlx_dialect d;
	struct sqlx_literals *lits;
	unsigned char *used;
	struct rd_err *err;
	int failed;
	int type_fault;		/* the failure is TYPE_FAIL's */
};

static void
fail(struct parser *P, size_t pos, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	if (P->failed)
		return;
	P->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd_err_set(P->err, RD_EINPUT, "%s at column %zu of the expression",
	    msg, pos + 1);
}

static int
hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * Refuse SQLite's blob literal X'hex' at s[i]: the engines write it each
 * their own way, and a policy compares text and numbers (in SQLite a
 * blob equals no text: x'31' = '1' is false).  The message quotes the
 * literal (its first 24 characters) and gives what to write instead:
 * the string its bytes spell when they are printable ASCII, else a
 * string or a number.
 */
static void
blob_refused(struct parser *P, size_t i)
{
	const char *s = P->lx.s + i + 2, *end = strchr(s, '\'');
	size_t n, k, o = 0;
	char text[64];
	int ok;

	if (end == NULL) {
		fail(P, i, "a blob literal, %.24s, without its closing ' "
		    "(and blob literals are not supported here: write text as "
		    "a string, '...', or a number in digits)", s - 2);
		return;
	}
	n = (size_t)(end - s);
	ok = n > 0 && n % 2 == 0 && n / 2 <= 24;
	text[o++] = '\'';
	for (k = 0; ok && k < n; k += 2) {
		int hi = hex_digit(s[k]), lo = hex_digit(s[k + 1]), c;

		if (hi < 0 || lo < 0) {
			ok = 0;
			break;
		}
		c = hi * 16 + lo;
		if (c < 0x20 || c > 0x7e)
			ok = 0;
		else if (c == '\'') {
			text[o++] = '\'';
			text[o++] = '\'';
		} else
			text[o++] = (char)c;
	}
	text[o++] = '\'';
	text[o] = '\0';
	if (ok)
		fail(P, i, "a blob literal, %.*s%s, is not supported here "
		    "(write the string %s instead)", n <= 21 ? (int)n + 3 : 24,
		    s - 2, n <= 21 ? "" : "...", text);
	else
		fail(P, i, "a blob literal, %.*s%s, is not supported here "
		    "(write text as a string, '...', or a number in digits)",
		    n <= 21 ? (int)n + 3 : 24, s - 2, n <= 21 ? "" : "...");
}

/*
 * A failure of the expression's meaning in SQLite itself, not of what
 * another engine can compute: text where a number is wanted or compared
 * with one, text as a condition.  sqlx_check_types reports these alone.
 */
#define TYPE_FAIL(P, ...) do { \
	if (!(P)->failed) \
		(P)->type_fault = 1; \
	fail((P), __VA_ARGS__); \
} while (0)

static void
lex(struct parser *P)
{
	struct lexer *L = &P->lx;
	const char *s = L->s;
	size_t i = L->next, j;

	free(L->text);
	L->text = NULL;
	while (isspace((unsigned char)s[i]))
		i++;
	if (s[i] == '-' && s[i + 1] == '-') {
		while (s[i] != '\0' && s[i] != '\n')
			i++;
		L->next = i;
		lex(P);
		return;
	}
	L->pos = i;
	if (s[i] == '\0') {
		L->t = T_END;
		L->next = i;
		L->text = xstrdup("");
		return;
	}
	if (isdigit((unsigned char)s[i]) ||
	    (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
		int real = 0;

		j = i;
		if (s[j] == '0' && (s[j + 1] == 'x' || s[j + 1] == 'X')) {
			fail(P, i, "a hexadecimal number");
			L->t = T_END;
			return;
		}
		while (isdigit((unsigned char)s[j]))
			j++;
		if (s[j] == '.') {
			real = 1;
			j++;
			while (isdigit((unsigned char)s[j]))
				j++;
		}
		if (s[j] == 'e' || s[j] == 'E') {
			size_t e = j + 1;

			if (s[e] == '+' || s[e] == '-')
				e++;
			if (isdigit((unsigned char)s[e])) {
				real = 1;
				j = e;
				while (isdigit((unsigned char)s[j]))
					j++;
			}
		}
		L->t = real ? T_REAL : T_INT;
		L->text = xstrndup(s + i, j - i);
		L->next = j;
		return;
	}
	if (s[i] == '\'' || s[i] == '"' || s[i] == '`' || s[i] == '[') {
		char close = s[i] == '[' ? ']' : s[i];
		size_t cap = strlen(s + i) + 1, o = 0;
		char *t = xmalloc(cap);

		for (j = i + 1;; j++) {
			if (s[j] == '\0') {
				free(t);
				fail(P, i, "%s without its closing %c",
				    s[i] == '\'' ? "a string" : "a name",
				    close);
				L->t = T_END;
				L->next = j;
				return;
			}
			if (s[j] == close) {
				if (close != ']' && s[j + 1] == close) {
					t[o++] = close;
					j++;
					continue;
				}
				break;
			}
			t[o++] = s[j];
		}
		t[o] = '\0';
		L->t = s[i] == '\'' ? T_STR : T_QID;
		L->text = t;
		L->next = j + 1;
		return;
	}
	if ((s[i] == 'x' || s[i] == 'X') && s[i + 1] == '\'') {
		blob_refused(P, i);
		L->t = T_END;
		L->next = i;
		return;
	}
	if (isalpha((unsigned char)s[i]) || s[i] == '_' ||
	    (unsigned char)s[i] >= 0x80) {
		j = i;
		while (isalnum((unsigned char)s[j]) || s[j] == '_' ||
		    s[j] == '$' || (unsigned char)s[j] >= 0x80)
			j++;
		L->t = T_ID;
		L->text = xstrndup(s + i, j - i);
		L->next = j;
		return;
	}
	{
		static const char *const two[] = { "<=", ">=", "<>", "!=",
		    "==", "||", "<<", ">>" };
		size_t k;

		for (k = 0; k < sizeof two / sizeof two[0]; k++)
			if (strncmp(s + i, two[k], 2) == 0) {
				L->t = T_OP;
				L->text = xstrndup(s + i, 2);
				L->next = i + 2;
				return;
			}
		if (strchr("=<>+-*/%(),.~&|;?:@", s[i]) != NULL) {
			L->t = T_OP;
			L->text = xstrndup(s + i, 1);
			L->next = i + 1;
			return;
		}
	}
	fail(P, i, "unexpected character '%c'", s[i]);
	L->t = T_END;
	L->text = xstrdup("");
	L->next = i + 1;
}

static int
is_kw(struct parser *P, const char *kw)
{
	return P->lx.t == T_ID && strcasecmp(P->lx.text, kw) == 0;
}

static int
is_op(struct parser *P, const char *op)
{
	return P->lx.t == T_OP && strcmp(P->lx.text, op) == 0;
}

static int
accept_kw(struct parser *P, const char *kw)
{
	if (!is_kw(P, kw))
		return 0;
	lex(P);
	return 1;
}

static int
accept_op(struct parser *P, const char *op)
{
	if (!is_op(P, op))
		return 0;
	lex(P);
	return 1;
}

static const char *
tok_words(struct parser *P)
{
	return P->lx.t == T_END ? "the end" : P->lx.text;
}

static void
expect_op(struct parser *P, const char *op)
{
	if (!accept_op(P, op))
		fail(P, P->lx.pos, "expected %s, found %s", op, tok_words(P));
}

static void
expect_kw(struct parser *P, const char *kw)
{
	if (!accept_kw(P, kw))
		fail(P, P->lx.pos, "expected %s, found %s", kw, tok_words(P));
}

/* ---------------------------------------------------------------- AST */

static struct sqlx_node *
mk(enum sqlx_nkind k, size_t pos)
{
	struct sqlx_node *n = xcalloc(1, sizeof *n);

	n->k = k;
	n->pos = pos;
	return n;
}

static void
add(struct sqlx_node *n, struct sqlx_node *c)
{
	n->a = xreallocarray(n->a, n->na + 1, sizeof *n->a);
	n->a[n->na++] = c;
}

static void
node_free(struct sqlx_node *n)
{
	size_t k;

	if (n == NULL)
		return;
	for (k = 0; k < n->na; k++)
		node_free(n->a[k]);
	free(n->a);
	free(n->text);
	free(n);
}

static struct sqlx_node *
binop(const char *op, size_t pos, struct sqlx_node *l, struct sqlx_node *r)
{
	struct sqlx_node *n = mk(SQLX_N_BIN, pos);

	n->text = xstrdup(op);
	add(n, l);
	add(n, r);
	return n;
}

static struct sqlx_node *p_expr(struct parser *P);

/* The functions the writer takes (gen_func), checked at the name so that
   an unknown function is named before its arguments are read. */
static const char *const known_funcs[] = { "abs", "coalesce", "ifnull",
    "nullif", "min", "max", "round", "lower", "upper", "length", "trim",
    "ltrim", "rtrim", "substr", "substring" };

static int
known_func(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof known_funcs / sizeof known_funcs[0]; k++)
		if (strcasecmp(name, known_funcs[k]) == 0)
			return 1;
	return 0;
}

static const char *const refused_kw[] = { "SELECT", "EXISTS", "GLOB",
    "REGEXP", "MATCH", "COLLATE", "ESCAPE", "RAISE", "OVER", "FILTER" };

static struct sqlx_node *
p_primary(struct parser *P)
{
	struct lexer *L = &P->lx;
	size_t pos = L->pos, k;
	struct sqlx_node *n;

	if (P->failed)
		return NULL;
	switch (L->t) {
	case T_INT:
	case T_REAL:
		n = mk(L->t == T_INT ? SQLX_N_INT : SQLX_N_REAL, pos);
		n->text = xstrdup(L->text);
		errno = 0;
		n->num = strtod(L->text, NULL);
		if (n->k == SQLX_N_INT) {
			char *end;
			long long v;

			errno = 0;
			v = strtoll(L->text, &end, 10);
			if (errno != 0 || *end != '\0')
				/* SQLite reads it as REAL */
				n->k = SQLX_N_REAL;
			else
				(void)v;
		}
		lex(P);
		return n;
	case T_STR:
		n = mk(SQLX_N_STR, pos);
		n->text = xstrdup(L->text);
		lex(P);
		return n;
	case T_QID:
		break;
	case T_OP:
		if (accept_op(P, "(")) {
			n = p_expr(P);
			expect_op(P, ")");
			return n;
		}
		fail(P, pos, "expected a value, found %s", L->text);
		return NULL;
	case T_END:
		fail(P, pos, "expected a value, found the end");
		return NULL;
	case T_ID:
		for (k = 0; k < sizeof refused_kw / sizeof refused_kw[0]; k++)
			if (is_kw(P, refused_kw[k])) {
				fail(P, pos, "%s cannot be exported",
				    refused_kw[k]);
				return NULL;
			}
		if (accept_kw(P, "NULL"))
			return mk(SQLX_N_NULL, pos);
		if (is_kw(P, "TRUE") || is_kw(P, "FALSE")) {
			n = mk(SQLX_N_BOOL, pos);
			n->num = is_kw(P, "TRUE");
			lex(P);
			return n;
		}
		if (accept_kw(P, "CASE")) {
			n = mk(SQLX_N_CASE, pos);
			if (!is_kw(P, "WHEN")) {
				n->has_base = 1;
				add(n, p_expr(P));
			}
			if (!is_kw(P, "WHEN"))
				fail(P, L->pos, "expected WHEN, found %s",
				    tok_words(P));
			while (!P->failed && accept_kw(P, "WHEN")) {
				add(n, p_expr(P));
				expect_kw(P, "THEN");
				add(n, p_expr(P));
			}
			if (accept_kw(P, "ELSE")) {
				n->has_else = 1;
				add(n, p_expr(P));
			}
			expect_kw(P, "END");
			return n;
		}
		if (accept_kw(P, "CAST")) {
			n = mk(SQLX_N_CAST, pos);
			expect_op(P, "(");
			add(n, p_expr(P));
			expect_kw(P, "AS");
			if (!P->failed) {
				if (is_kw(P, "INTEGER") || is_kw(P, "INT") ||
				    is_kw(P, "BIGINT"))
					n->neg = 1;
				else if (is_kw(P, "REAL") ||
				    is_kw(P, "DOUBLE") || is_kw(P, "FLOAT"))
					n->neg = 2;
				else
					fail(P, L->pos, "CAST to %s cannot "
					    "be exported: engines convert "
					    "differently (INTEGER and REAL "
					    "can)", tok_words(P));
				lex(P);
				if (n->neg == 2 && is_kw(P, "PRECISION"))
					lex(P);
			}
			expect_op(P, ")");
			return n;
		}
		{
			/* A function call, or a column. */
			size_t save = L->next;
			char *name = xstrdup(L->text);

			lex(P);
			if (is_op(P, "(")) {
				n = mk(SQLX_N_FUNC, pos);
				n->text = name;
				if (!known_func(name)) {
					fail(P, pos, "function %s() cannot be "
					    "exported; abs, coalesce, ifnull, "
					    "nullif, min, max, round, lower, "
					    "upper, length, trim, ltrim, rtrim "
					    "and substr can", name);
					return n;
				}
				lex(P);
				if (is_op(P, "*") || is_kw(P, "DISTINCT")) {
					fail(P, L->pos, "aggregate %s() "
					    "cannot be used in a policy",
					    name);
					return n;
				}
				if (!is_op(P, ")"))
					do
						add(n, p_expr(P));
					while (!P->failed &&
					    accept_op(P, ","));
				expect_op(P, ")");
				return n;
			}
			/* Back to the name, read as a column below. */
			free(L->text);
			L->text = name;
			L->t = T_ID;
			L->pos = pos;
			L->next = save;
		}
		break;
	}
	/* A column: matched without regard to case, as SQLite does. */
	for (k = 0; k < P->ncols; k++)
		if (strcasecmp(P->cols[k].name, L->text) == 0)
			break;
	if (k == P->ncols) {
		fail(P, pos, "unknown column \"%s\"", L->text);
		return NULL;
	}
	n = mk(SQLX_N_COL, pos);
	n->col = k;
	if (P->used != NULL)
		P->used[k] = 1;
	lex(P);
	if (is_op(P, ".")) {
		fail(P, L->pos, "a qualified name (table.column) cannot be "
		    "exported");
	}
	return n;
}

static struct sqlx_node *
p_unary(struct parser *P)
{
	size_t pos = P->lx.pos;

	if (P->failed)
		return NULL;
	if (accept_op(P, "-")) {
		struct sqlx_node *n = mk(SQLX_N_NEG, pos);

		add(n, p_unary(P));
		return n;
	}
	if (accept_op(P, "+"))
		return p_unary(P);
	if (is_op(P, "~")) {
		fail(P, pos, "the bitwise operator ~ cannot be exported");
		return NULL;
	}
	return p_primary(P);
}

static struct sqlx_node *
p_concat(struct parser *P)
{
	struct sqlx_node *l = p_unary(P);

	while (!P->failed && is_op(P, "||")) {
		size_t pos = P->lx.pos;

		lex(P);
		l = binop("||", pos, l, p_unary(P));
	}
	return l;
}

static struct sqlx_node *
p_mul(struct parser *P)
{
	struct sqlx_node *l = p_concat(P);

	while (!P->failed && (is_op(P, "*") || is_op(P, "/") ||
	    is_op(P, "%"))) {
		size_t pos = P->lx.pos;
		char op[2] = { P->lx.text[0], '\0' };

		lex(P);
		l = binop(op, pos, l, p_concat(P));
	}
	return l;
}

static struct sqlx_node *
p_add(struct parser *P)
{
	struct sqlx_node *l = p_mul(P);

	while (!P->failed && (is_op(P, "+") || is_op(P, "-"))) {
		size_t pos = P->lx.pos;
		char op[2] = { P->lx.text[0], '\0' };

		lex(P);
		l = binop(op, pos, l, p_mul(P));
	}
	if (!P->failed && (is_op(P, "&") || is_op(P, "|") || is_op(P, "<<") ||
	    is_op(P, ">>")))
		fail(P, P->lx.pos, "the bitwise operator %s cannot be "
		    "exported", P->lx.text);
	return l;
}

static struct sqlx_node *
p_cmp(struct parser *P)
{
	struct sqlx_node *l = p_add(P);

	while (!P->failed && (is_op(P, "<") || is_op(P, "<=") ||
	    is_op(P, ">") || is_op(P, ">="))) {
		size_t pos = P->lx.pos;
		char *op = xstrdup(P->lx.text);

		lex(P);
		l = binop(op, pos, l, p_add(P));
		free(op);
	}
	return l;
}

/* Equality level: = == != <> IS [NOT] [NOT] IN, [NOT] BETWEEN, [NOT]
   LIKE, ISNULL, NOTNULL, NOT NULL. */
static struct sqlx_node *
p_eq(struct parser *P)
{
	struct sqlx_node *l = p_cmp(P), *n;

	while (!P->failed) {
		size_t pos = P->lx.pos;
		int neg = 0;

		if (is_op(P, "=") || is_op(P, "==") || is_op(P, "!=") ||
		    is_op(P, "<>")) {
			const char *op = P->lx.text[0] == '=' ? "=" : "<>";

			lex(P);
			l = binop(op, pos, l, p_cmp(P));
			continue;
		}
		if (accept_kw(P, "ISNULL") || accept_kw(P, "NOTNULL")) {
			n = mk(SQLX_N_ISNULL, pos);
			n->neg = strncasecmp(P->lx.s + pos, "NOTNULL", 7) == 0;
			add(n, l);
			l = n;
			continue;
		}
		if (accept_kw(P, "IS")) {
			neg = accept_kw(P, "NOT");
			if (accept_kw(P, "NULL")) {
				n = mk(SQLX_N_ISNULL, pos);
				n->neg = neg;
				add(n, l);
				l = n;
				continue;
			}
			l = binop(neg ? "IS NOT" : "IS", pos, l, p_cmp(P));
			continue;
		}
		if (is_kw(P, "NOT")) {
			/* NOT IN / NOT BETWEEN / NOT LIKE / NOT NULL, or the
			   end of this level. */
			size_t save = P->lx.next;

			lex(P);
			if (accept_kw(P, "NULL")) {
				n = mk(SQLX_N_ISNULL, pos);
				n->neg = 1;
				add(n, l);
				l = n;
				continue;
			}
			if (!is_kw(P, "IN") && !is_kw(P, "BETWEEN") &&
			    !is_kw(P, "LIKE")) {
				P->lx.next = save;
				P->lx.pos = pos;
				free(P->lx.text);
				P->lx.text = xstrdup("NOT");
				P->lx.t = T_ID;
				break;
			}
			neg = 1;
		}
		if (accept_kw(P, "IN")) {
			n = mk(SQLX_N_IN, pos);
			n->neg = neg;
			add(n, l);
			expect_op(P, "(");
			if (is_kw(P, "SELECT")) {
				fail(P, P->lx.pos, "a subquery cannot be "
				    "exported");
				l = n;
				break;
			}
			if (!P->failed && !is_op(P, ")"))
				do
					add(n, p_expr(P));
				while (!P->failed && accept_op(P, ","));
			expect_op(P, ")");
			l = n;
			continue;
		}
		if (accept_kw(P, "BETWEEN")) {
			n = mk(SQLX_N_BETWEEN, pos);
			n->neg = neg;
			add(n, l);
			add(n, p_cmp(P));
			expect_kw(P, "AND");
			add(n, p_cmp(P));
			l = n;
			continue;
		}
		if (accept_kw(P, "LIKE")) {
			n = mk(SQLX_N_LIKE, pos);
			n->neg = neg;
			add(n, l);
			add(n, p_cmp(P));
			if (is_kw(P, "ESCAPE"))
				fail(P, P->lx.pos, "LIKE ... ESCAPE cannot be "
				    "exported");
			l = n;
			continue;
		}
		break;
	}
	return l;
}

static struct sqlx_node *
p_not(struct parser *P)
{
	size_t pos = P->lx.pos;

	if (!P->failed && accept_kw(P, "NOT")) {
		struct sqlx_node *n = mk(SQLX_N_NOT, pos);

		add(n, p_not(P));
		return n;
	}
	return p_eq(P);
}

static struct sqlx_node *
p_and(struct parser *P)
{
	struct sqlx_node *l = p_not(P);

	while (!P->failed && is_kw(P, "AND")) {
		size_t pos = P->lx.pos;

		lex(P);
		l = binop("AND", pos, l, p_not(P));
	}
	return l;
}

static struct sqlx_node *
p_expr(struct parser *P)
{
	struct sqlx_node *l = p_and(P);

	while (!P->failed && is_kw(P, "OR")) {
		size_t pos = P->lx.pos;

		lex(P);
		l = binop("OR", pos, l, p_and(P));
	}
	return l;
}

/* ------------------------------------------------------------- writer */

/* TY_MIXED: a number that is an integer on some rows and a real on
   others (CASE, coalesce, min, max of integers and reals: SQLite keeps
   each row's value as it is, where the other engines give the common
   type, a double). */
enum ty { TY_NULL, TY_BOOL, TY_INT, TY_REAL, TY_TEXT, TY_MIXED };

struct res {
	char *s;		/* owned */
	enum ty t;
};

static const char *
ty_name(enum ty t)
{
	static const char *const n[] = { "NULL", "a condition",
	    "an integer", "a number", "text", "a number" };

	return n[t];
}

static struct res
R(char *s, enum ty t)
{
	struct res r;

	r.s = s;
	r.t = t;
	return r;
}

/* r as a number: a condition becomes 1 / 0 / NULL. */
static struct res
as_num(struct parser *P, struct res r, size_t pos, const char *what)
{
	if (r.t == TY_BOOL) {
		char *s = xasprintf("(CASE WHEN %s THEN 1 WHEN NOT %s THEN 0 "
		    "END)", r.s, r.s);

		free(r.s);
		return R(s, TY_INT);
	}
	if (r.t == TY_TEXT)
		TYPE_FAIL(P, pos, "%s is text; expected a number", what);
	if (r.s != NULL && r.t == TY_NULL && P->d == SQLX_POSTGRESQL) {
		free(r.s);
		r.s = xstrdup("CAST(NULL AS DOUBLE PRECISION)");
	}
	return r;
}

/* r as a condition: a number is true when not 0 (SQLite's rule). */
static struct res
as_bool(struct parser *P, struct res r, size_t pos, const char *what)
{
	char *s;

	if (r.t == TY_BOOL || r.t == TY_NULL)
		return R(r.s, TY_BOOL);
	if (r.t == TY_TEXT) {
		TYPE_FAIL(P, pos, "%s is text; a condition must be a "
		    "comparison or a number", what);
		return r;
	}
	s = xasprintf("(%s <> 0)", r.s);
	free(r.s);
	return R(s, TY_BOOL);
}

static struct res gen(struct parser *P, const struct sqlx_node *n);
static struct res gen_node(struct parser *P, const struct sqlx_node *n);

static void
note_literal(struct parser *P, const struct sqlx_node *col,
	const struct sqlx_node *lit)
{
	struct sqlx_literal *l;
	double v;
	int text;

	if (P->lits == NULL || col->k != SQLX_N_COL)
		return;
	if (lit->k == SQLX_N_NEG && lit->na == 1 &&
	    (lit->a[0]->k == SQLX_N_INT || lit->a[0]->k == SQLX_N_REAL)) {
		v = -lit->a[0]->num;
		text = 0;
	} else if (lit->k == SQLX_N_INT || lit->k == SQLX_N_REAL) {
		v = lit->num;
		text = 0;
	} else if (lit->k == SQLX_N_STR) {
		v = 0;
		text = 1;
	} else {
		return;
	}
	P->lits->v = xreallocarray(P->lits->v, P->lits->n + 1,
	    sizeof *P->lits->v);
	l = &P->lits->v[P->lits->n++];
	l->col = col->col;
	l->text = text;
	l->num = v;
	l->str = text ? xstrdup(lit->text) : NULL;
}

/* Two operands of a comparison: both numbers (or conditions, compared
   as 1 / 0) or both text. */
static int
comparable(struct parser *P, struct res *a, struct res *b, size_t pos)
{
	if (a->t == TY_TEXT || b->t == TY_TEXT) {
		if ((a->t == TY_TEXT || a->t == TY_NULL) &&
		    (b->t == TY_TEXT || b->t == TY_NULL))
			return 1;
		TYPE_FAIL(P, pos, "text compared with a number: SQLite and the "
		    "other engines disagree on it; compare text with a "
		    "quoted value ('3') or a number column with a number");
		return 0;
	}
	if (a->t == TY_BOOL || b->t == TY_BOOL) {
		*a = as_num(P, *a, pos, "");
		*b = as_num(P, *b, pos, "");
	}
	return 1;
}

/* Text ordering by bytes, as SQLite's BINARY collation. */
static const char *
text_order(struct parser *P)
{
	return P->d == SQLX_POSTGRESQL ? " COLLATE \"C\"" : "";
}

static void
free2(struct res *a, struct res *b)
{
	free(a->s);
	free(b->s);
}

/*
 * x IS [NOT] TRUE / FALSE: SQLite tests x as a condition (true when not
 * 0), NULL giving false (lang_expr.html, "Boolean Expressions"), where
 * x IS NOT DISTINCT FROM TRUE would compare x with 1.
 */
static struct res
gen_is_truth(struct parser *P, const struct sqlx_node *n)
{
	struct res a;
	char *s;
	int isnot = n->text[2] != '\0', want = n->a[1]->num != 0;

	a = as_bool(P, gen(P, n->a[0]), n->a[0]->pos, "the operand of IS");
	if (P->failed) {
		free(a.s);
		return R(NULL, TY_NULL);
	}
	if (P->d == SQLX_SQLITE)
		s = xasprintf("(%s IS %s%s)", a.s, isnot ? "NOT " : "",
		    want ? "TRUE" : "FALSE");
	else
		s = xasprintf("(%sCOALESCE(%s%s, FALSE))", isnot ? "NOT " : "",
		    want ? "" : "NOT ", a.s);
	free(a.s);
	return R(s, TY_BOOL);
}

static struct res
gen_bin(struct parser *P, const struct sqlx_node *n)
{
	const char *op = n->text;
	struct res a, b;
	char *s;

	if (strcmp(op, "AND") == 0 || strcmp(op, "OR") == 0) {
		a = as_bool(P, gen(P, n->a[0]), n->a[0]->pos, "an operand");
		b = as_bool(P, gen(P, n->a[1]), n->a[1]->pos, "an operand");
		s = xasprintf("(%s %s %s)", a.s, op, b.s);
		free2(&a, &b);
		return R(s, TY_BOOL);
	}
	if (op[0] == 'I' && n->a[1]->k == SQLX_N_BOOL)
		return gen_is_truth(P, n);
	a = gen(P, n->a[0]);
	b = gen(P, n->a[1]);
	if (P->failed) {
		free2(&a, &b);
		return R(NULL, TY_NULL);
	}
	if (strcmp(op, "=") == 0 || strcmp(op, "<>") == 0 ||
	    strcmp(op, "<") == 0 || strcmp(op, "<=") == 0 ||
	    strcmp(op, ">") == 0 || strcmp(op, ">=") == 0 ||
	    strcmp(op, "IS") == 0 || strcmp(op, "IS NOT") == 0) {
		int text;

		if (!comparable(P, &a, &b, n->pos)) {
			free2(&a, &b);
			return R(NULL, TY_NULL);
		}
		note_literal(P, n->a[0], n->a[1]);
		note_literal(P, n->a[1], n->a[0]);
		text = a.t == TY_TEXT || b.t == TY_TEXT;
		if (op[0] == 'I') {
			int isnot = op[2] != '\0';

			if (P->d == SQLX_SQLITE)
				s = xasprintf("(%s %s %s)", a.s, op, b.s);
			else if (P->d == SQLX_SPARK)
				s = xasprintf(isnot ? "(NOT (%s <=> %s))" :
				    "(%s <=> %s)", a.s, b.s);
			else
				s = xasprintf("(%s IS %sDISTINCT FROM %s)",
				    a.s, isnot ? "" : "NOT ", b.s);
		} else {
			s = xasprintf("(%s %s %s%s)", a.s, op, b.s,
			    text && op[0] != '=' && strcmp(op, "<>") != 0 ?
			    text_order(P) : "");
		}
		free2(&a, &b);
		return R(s, TY_BOOL);
	}
	if (strcmp(op, "||") == 0) {
		if ((a.t != TY_TEXT && a.t != TY_NULL) ||
		    (b.t != TY_TEXT && b.t != TY_NULL)) {
			fail(P, n->pos, "|| on a number: engines write numbers "
			    "as text differently; concatenate text only");
			free2(&a, &b);
			return R(NULL, TY_NULL);
		}
		s = xasprintf(P->d == SQLX_BIGQUERY ? "CONCAT(%s, %s)" :
		    "(%s || %s)", a.s, b.s);
		free2(&a, &b);
		return R(s, TY_TEXT);
	}
	/* Arithmetic. */
	a = as_num(P, a, n->a[0]->pos, "an operand of arithmetic");
	b = as_num(P, b, n->a[1]->pos, "an operand of arithmetic");
	if (P->failed) {
		free2(&a, &b);
		return R(NULL, TY_NULL);
	}
	{
		/* SQLite: integer op integer is an integer, a real operand
		   makes a real. */
		enum ty t = a.t == TY_REAL || b.t == TY_REAL ? TY_REAL :
		    a.t == TY_MIXED || b.t == TY_MIXED ? TY_MIXED :
		    a.t == TY_INT || b.t == TY_INT ? TY_INT : TY_NULL;
		int ints = t == TY_INT || t == TY_NULL;

		if (op[0] == '/' && t == TY_MIXED) {
			fail(P, n->pos, "/ on a number that is an integer on "
			    "some rows and a real on others: SQLite divides "
			    "integers whole, the other engines cannot tell "
			    "them apart; divide by a real (2.0) or CAST(... AS "
			    "REAL) the dividend");
			free2(&a, &b);
			return R(NULL, TY_NULL);
		}
		if (op[0] == '/' && ints) {
			switch (P->d) {
			case SQLX_DUCKDB:
				s = xasprintf("(%s // NULLIF(%s, 0))", a.s,
				    b.s);
				break;
			case SQLX_SPARK:
				s = xasprintf("(%s DIV NULLIF(%s, 0))", a.s,
				    b.s);
				break;
			case SQLX_BIGQUERY:
				s = xasprintf("DIV(%s, NULLIF(%s, 0))", a.s,
				    b.s);
				break;
			default:
				s = xasprintf("(%s / NULLIF(%s, 0))", a.s,
				    b.s);
				break;
			}
		} else if (op[0] == '/') {
			s = xasprintf("(%s / NULLIF(%s, 0))", a.s, b.s);
		} else if (op[0] == '%') {
			if (!ints) {
				fail(P, n->pos, "%% on a number that is not "
				    "an integer: SQLite truncates it first, "
				    "the others do not");
				free2(&a, &b);
				return R(NULL, TY_NULL);
			}
			s = xasprintf(P->d == SQLX_BIGQUERY ?
			    "MOD(%s, NULLIF(%s, 0))" :
			    "(%s %% NULLIF(%s, 0))", a.s, b.s);
		} else {
			s = xasprintf("(%s %s %s)", a.s, op, b.s);
		}
		free2(&a, &b);
		return R(s, t);
	}
}

/* The common type of CASE results, COALESCE arguments, ... */
static enum ty
unify(struct parser *P, enum ty a, enum ty b, size_t pos)
{
	if (a == TY_NULL)
		return b;
	if (b == TY_NULL)
		return a;
	if (a == b)
		return a;
	if ((a == TY_TEXT) != (b == TY_TEXT)) {
		fail(P, pos, "text and numbers mixed in one value");
		return a;
	}
	/* A condition is 1 or 0, an integer, in SQLite: with a real it
	   makes a mix too. */
	if ((a == TY_BOOL || a == TY_INT) && (b == TY_BOOL || b == TY_INT))
		return TY_INT;
	return TY_MIXED;
}

static char *
cat_list(struct res *v, size_t n)
{
	size_t k, len = 1;
	char *s;

	for (k = 0; k < n; k++)
		len += strlen(v[k].s != NULL ? v[k].s : "") + 2;
	s = xmalloc(len);
	s[0] = '\0';
	for (k = 0; k < n; k++) {
		if (k)
			strcat(s, ", ");
		strcat(s, v[k].s != NULL ? v[k].s : "");
	}
	return s;
}

static void
free_list(struct res *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k].s);
	free(v);
}

/*
 * SQLite's lower() and upper() change ASCII letters only
 * (lang_corefunc.html); the other engines' change every letter Unicode
 * knows (É, ß, ...), so they get TRANSLATE over the 26 ASCII letters.
 * to_lower: 1 lower, 0 upper.  Returns new text.
 */
static char *
ascii_case(enum sqlx_dialect d, const char *s, int to_lower)
{
	static const char up[] = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'";
	static const char lo[] = "'abcdefghijklmnopqrstuvwxyz'";

	if (d == SQLX_SQLITE)
		return xasprintf("%s(%s)", to_lower ? "LOWER" : "UPPER", s);
	return xasprintf("TRANSLATE(%s, %s, %s)", s, to_lower ? up : lo,
	    to_lower ? lo : up);
}

/*
 * SQLite's trim(), ltrim() and rtrim() of one argument remove spaces
 * (U+0020) only; Trino's and BigQuery's remove all whitespace, so they are
 * told the space.  f is "trim", "ltrim" or "rtrim" in any case.  Returns
 * new text.
 */
static char *
space_trim(enum sqlx_dialect d, const char *f, const char *s)
{
	int l = tolower((unsigned char)f[0]) == 'l';
	int r = tolower((unsigned char)f[0]) == 'r';
	const char *fn = l ? "LTRIM" : r ? "RTRIM" : "TRIM";

	if (d == SQLX_TRINO)
		return xasprintf("TRIM(%s ' ' FROM %s)", l ? "LEADING" :
		    r ? "TRAILING" : "BOTH", s);
	if (d == SQLX_BIGQUERY)
		return xasprintf("%s(%s, ' ')", fn, s);
	return xasprintf("%s(%s)", fn, s);
}

static struct res
gen_func(struct parser *P, const struct sqlx_node *n)
{
	const char *f = n->text;
	size_t k, na = n->na;
	struct res *v, r;
	char *list;
	enum ty t = TY_NULL;

	v = xcalloc(na + 1, sizeof *v);
	for (k = 0; k < na && !P->failed; k++)
		v[k] = gen(P, n->a[k]);
	if (P->failed)
		goto bad;
#define NARGS(lo, hi) do { if (na < (lo) || na > (hi)) { \
		fail(P, n->pos, "%s() takes %s argument%s", f, \
		    (lo) == (hi) ? #lo : #lo " or more", \
		    (hi) == 1 ? "" : "s"); goto bad; } } while (0)
	if (strcasecmp(f, "abs") == 0) {
		NARGS(1, 1);
		v[0] = as_num(P, v[0], n->a[0]->pos, "abs()'s argument");
		r = R(xasprintf("ABS(%s)", v[0].s), v[0].t);
	} else if (strcasecmp(f, "coalesce") == 0 ||
	    strcasecmp(f, "ifnull") == 0) {
		NARGS(2, 1000);
		for (k = 0; k < na; k++)
			t = unify(P, t, v[k].t, n->a[k]->pos);
		if (t == TY_BOOL)
			for (k = 0; k < na; k++)
				v[k] = as_bool(P, v[k], n->a[k]->pos, "");
		else if (t != TY_TEXT)
			for (k = 0; k < na; k++)
				v[k] = as_num(P, v[k], n->a[k]->pos, "");
		list = cat_list(v, na);
		r = R(xasprintf("COALESCE(%s)", list), t);
		free(list);
	} else if (strcasecmp(f, "nullif") == 0) {
		NARGS(2, 2);
		if (!comparable(P, &v[0], &v[1], n->pos))
			goto bad;
		r = R(xasprintf("NULLIF(%s, %s)", v[0].s, v[1].s),
		    v[0].t == TY_BOOL ? TY_INT : v[0].t);
	} else if (strcasecmp(f, "min") == 0 || strcasecmp(f, "max") == 0) {
		const char *cmp = strcasecmp(f, "min") == 0 ? "<=" : ">=";
		char *acc;

		if (na < 2) {
			fail(P, n->pos, "%s() of one argument is an aggregate "
			    "and cannot be used in a policy", f);
			goto bad;
		}
		for (k = 0; k < na; k++) {
			v[k] = as_num(P, v[k], n->a[k]->pos, "an argument");
			t = unify(P, t, v[k].t, n->a[k]->pos);
		}
		if (P->failed)
			goto bad;
		/* NULL when any argument is (LEAST / GREATEST skip them). */
		acc = xstrdup(v[0].s);
		for (k = 1; k < na; k++) {
			char *s = xasprintf("CASE WHEN %s IS NULL OR %s IS NULL "
			    "THEN NULL WHEN %s %s %s THEN %s ELSE %s END", acc,
			    v[k].s, acc, cmp, v[k].s, acc, v[k].s);

			free(acc);
			acc = xasprintf("(%s)", s);
			free(s);
		}
		r = R(acc, t);
	} else if (strcasecmp(f, "round") == 0) {
		NARGS(1, 2);
		if (na == 2 && !(n->a[1]->k == SQLX_N_INT &&
		    n->a[1]->num == 0)) {
			fail(P, n->a[1]->pos, "round() to decimals cannot be "
			    "exported (engines round decimal fractions "
			    "differently; round() to a whole number can be)");
			goto bad;
		}
		v[0] = as_num(P, v[0], n->a[0]->pos, "round()'s argument");
		{
			/* SQLite: (double)(int64)(x + 0.5 or x - 0.5). */
			char *h = sqlx_double(P->d, 0.5);

			r = R(xasprintf("(CASE WHEN %s < 0 THEN -FLOOR(-%s + "
			    "%s) ELSE FLOOR(%s + %s) END)", v[0].s, v[0].s, h,
			    v[0].s, h), TY_REAL);
			free(h);
		}
	} else if (strcasecmp(f, "lower") == 0 || strcasecmp(f, "upper") == 0 ||
	    strcasecmp(f, "length") == 0 || strcasecmp(f, "trim") == 0 ||
	    strcasecmp(f, "ltrim") == 0 || strcasecmp(f, "rtrim") == 0) {
		NARGS(1, 1);
		if (v[0].t != TY_TEXT && v[0].t != TY_NULL) {
			fail(P, n->a[0]->pos, "%s() of %s: export it on text "
			    "only", f, ty_name(v[0].t));
			goto bad;
		}
		if (strcasecmp(f, "lower") == 0 || strcasecmp(f, "upper") == 0)
			r = R(ascii_case(P->d, v[0].s, strcasecmp(f, "lower") ==
			    0), TY_TEXT);
		else if (strcasecmp(f, "length") == 0)
			r = R(xasprintf("LENGTH(%s)", v[0].s), TY_INT);
		else
			r = R(space_trim(P->d, f, v[0].s), TY_TEXT);
	} else if (strcasecmp(f, "substr") == 0 ||
	    strcasecmp(f, "substring") == 0) {
		NARGS(2, 3);
		if (v[0].t != TY_TEXT && v[0].t != TY_NULL) {
			fail(P, n->a[0]->pos, "substr() of %s: export it on "
			    "text only", ty_name(v[0].t));
			goto bad;
		}
		for (k = 1; k < na; k++)
			if (n->a[k]->k != SQLX_N_INT ||
			    n->a[k]->num < (k == 1)) {
				fail(P, n->a[k]->pos, "substr()'s start and "
				    "length must be whole numbers written "
				    "out, the start 1 or more (engines "
				    "differ on 0 and negatives)");
				goto bad;
			}
		list = cat_list(v, na);
		r = R(xasprintf("SUBSTR(%s)", list), TY_TEXT);
		free(list);
	} else {
		/* p_primary took only the functions of known_funcs. */
		fail(P, n->pos, "function %s() cannot be exported", f);
		goto bad;
	}
	free_list(v, na);
	return r;
bad:
	free_list(v, na);
	return R(NULL, TY_NULL);
#undef NARGS
}

static struct res
gen_case(struct parser *P, const struct sqlx_node *n)
{
	size_t k = 0, j, len = 64;
	struct res base = R(NULL, TY_NULL), *w, *th, el = R(NULL, TY_NULL);
	size_t nw = (n->na - (size_t)n->has_base - (size_t)n->has_else) / 2;
	enum ty t = TY_NULL;
	char *s;

	w = xcalloc(nw + 1, sizeof *w);
	th = xcalloc(nw + 1, sizeof *th);
	if (n->has_base)
		base = gen(P, n->a[k++]);
	for (j = 0; j < nw; j++) {
		w[j] = gen(P, n->a[k++]);
		th[j] = gen(P, n->a[k++]);
		if (P->failed)
			break;
		if (n->has_base)
			comparable(P, &base, &w[j], n->a[k - 2]->pos);
		else
			w[j] = as_bool(P, w[j], n->a[k - 2]->pos,
			    "a WHEN condition");
		t = unify(P, t, th[j].t, n->a[k - 1]->pos);
	}
	if (n->has_else && !P->failed) {
		el = gen(P, n->a[k]);
		t = unify(P, t, el.t, n->a[k]->pos);
	}
	if (!P->failed && t != TY_TEXT && t != TY_BOOL) {
		for (j = 0; j < nw; j++)
			th[j] = as_num(P, th[j], n->pos, "");
		if (n->has_else)
			el = as_num(P, el, n->pos, "");
	}
	if (P->failed) {
		s = NULL;
		goto out;
	}
	for (j = 0; j < nw; j++)
		len += strlen(w[j].s) + strlen(th[j].s) + 12;
	len += (base.s ? strlen(base.s) : 0) + (el.s ? strlen(el.s) : 0) + 16;
	s = xmalloc(len);
	strcpy(s, "(CASE");
	if (n->has_base) {
		strcat(s, " ");
		strcat(s, base.s);
	}
	for (j = 0; j < nw; j++) {
		strcat(s, " WHEN ");
		strcat(s, w[j].s);
		strcat(s, " THEN ");
		strcat(s, th[j].s);
	}
	if (n->has_else) {
		strcat(s, " ELSE ");
		strcat(s, el.s);
	}
	strcat(s, " END)");
out:
	free(base.s);
	free(el.s);
	free_list(w, nw);
	free_list(th, nw);
	return R(s, t);
}

/*
 * Some rewrites repeat an operand (a condition used as a number, min
 * and max of values one of which may be NULL, round): nested, they
 * double the text at each level.  A translation past SQLX_MAX_TEXT bytes
 * is refused rather than grown without bound.
 */
#define SQLX_MAX_TEXT (1 << 20)

static struct res
gen(struct parser *P, const struct sqlx_node *n)
{
	struct res r = gen_node(P, n);

	if (!P->failed && r.s != NULL && strlen(r.s) > SQLX_MAX_TEXT) {
		fail(P, n->pos, "the expression is too deeply nested to "
		    "translate (its SQL would pass %d bytes)", SQLX_MAX_TEXT);
		free(r.s);
		return R(NULL, TY_NULL);
	}
	return r;
}

static struct res
gen_node(struct parser *P, const struct sqlx_node *n)
{
	struct res a, b, c;
	char *s;
	size_t k;

	if (P->failed || n == NULL)
		return R(NULL, TY_NULL);
	switch (n->k) {
	case SQLX_N_INT:
		return R(xstrdup(n->text), TY_INT);
	case SQLX_N_REAL:
		if (!isfinite(n->num)) {
			/* SQLite reads it as Inf; PostgreSQL and Trino refuse
			   it, the others have no literal for it. */
			fail(P, n->pos, "the number %s is too large for a "
			    "double", n->text);
			return R(NULL, TY_NULL);
		}
		return R(sqlx_double(P->d, n->num), TY_REAL);
	case SQLX_N_STR:
		return R(sqlx_string(P->d, n->text), TY_TEXT);
	case SQLX_N_NULL:
		return R(xstrdup("NULL"), TY_NULL);
	case SQLX_N_BOOL:
		return R(xstrdup(n->num ? "TRUE" : "FALSE"), TY_BOOL);
	case SQLX_N_COL:
		return R(sqlx_ident(P->d, P->cols[n->col].name, 0),
		    P->cols[n->col].type == DS_TEXT ? TY_TEXT :
		    P->cols[n->col].type == DS_INTEGER ? TY_INT : TY_REAL);
	case SQLX_N_NEG:
		a = as_num(P, gen(P, n->a[0]), n->a[0]->pos, "the operand "
		    "of -");
		s = xasprintf("(-%s)", a.s);
		free(a.s);
		return R(s, a.t);
	case SQLX_N_NOT:
		a = as_bool(P, gen(P, n->a[0]), n->a[0]->pos, "the operand "
		    "of NOT");
		s = xasprintf("(NOT %s)", a.s);
		free(a.s);
		return R(s, TY_BOOL);
	case SQLX_N_BIN:
		return gen_bin(P, n);
	case SQLX_N_ISNULL:
		a = gen(P, n->a[0]);
		s = xasprintf("(%s IS %sNULL)", a.s, n->neg ? "NOT " : "");
		free(a.s);
		return R(s, TY_BOOL);
	case SQLX_N_IN: {
		struct res *v = xcalloc(n->na, sizeof *v);
		char *list;

		v[0] = gen(P, n->a[0]);
		for (k = 1; k < n->na && !P->failed; k++) {
			v[k] = gen(P, n->a[k]);
			if (comparable(P, &v[0], &v[k], n->a[k]->pos))
				note_literal(P, n->a[0], n->a[k]);
		}
		if (n->na == 1) {
			/* x IN () is false in SQLite. */
			free_list(v, n->na);
			return R(xstrdup(n->neg ? "TRUE" : "FALSE"), TY_BOOL);
		}
		if (P->failed) {
			free_list(v, n->na);
			return R(NULL, TY_NULL);
		}
		list = cat_list(v + 1, n->na - 1);
		s = xasprintf("(%s %sIN (%s))", v[0].s, n->neg ? "NOT " : "",
		    list);
		free(list);
		free_list(v, n->na);
		return R(s, TY_BOOL);
	}
	case SQLX_N_BETWEEN:
		a = gen(P, n->a[0]);
		b = gen(P, n->a[1]);
		c = gen(P, n->a[2]);
		if (!P->failed && comparable(P, &a, &b, n->pos) &&
		    comparable(P, &a, &c, n->pos)) {
			note_literal(P, n->a[0], n->a[1]);
			note_literal(P, n->a[0], n->a[2]);
			s = xasprintf("(%s%s %sBETWEEN %s AND %s)", a.s,
			    a.t == TY_TEXT ? text_order(P) : "",
			    n->neg ? "NOT " : "", b.s, c.s);
		} else {
			s = NULL;
		}
		free(a.s);
		free(b.s);
		free(c.s);
		return R(s, TY_BOOL);
	case SQLX_N_LIKE:
		if (n->a[1]->k != SQLX_N_STR) {
			fail(P, n->a[1]->pos, "LIKE with a pattern that is "
			    "not a quoted string cannot be exported");
			return R(NULL, TY_NULL);
		}
		if (strchr(n->a[1]->text, '\\') != NULL) {
			fail(P, n->a[1]->pos, "a LIKE pattern with a "
			    "backslash cannot be exported: some engines "
			    "read it as an escape");
			return R(NULL, TY_NULL);
		}
		a = gen(P, n->a[0]);
		if (!P->failed && a.t != TY_TEXT && a.t != TY_NULL) {
			fail(P, n->a[0]->pos, "LIKE on %s: export it on text "
			    "only", ty_name(a.t));
			free(a.s);
			return R(NULL, TY_NULL);
		}
		if (P->failed) {
			free(a.s);
			return R(NULL, TY_NULL);
		}
		/* SQLite's LIKE ignores the case of ASCII letters only
		   (lang_expr.html, "The LIKE, GLOB, REGEXP, MATCH, and
		   extract operators"): both sides folded to ASCII lower
		   case, the pattern here. */
		{
			char *pat = xstrdup(n->a[1]->text), *q;

			for (q = pat; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			b = R(sqlx_string(P->d, pat), TY_TEXT);
			free(pat);
			c = R(ascii_case(P->d, a.s, 1), TY_TEXT);
		}
		s = xasprintf("(%s %sLIKE %s)", c.s, n->neg ? "NOT " : "",
		    b.s);
		free2(&a, &b);
		free(c.s);
		return R(s, TY_BOOL);
	case SQLX_N_CASE:
		return gen_case(P, n);
	case SQLX_N_CAST:
		a = as_num(P, gen(P, n->a[0]), n->a[0]->pos, "the value cast");
		if (P->failed) {
			free(a.s);
			return R(NULL, TY_NULL);
		}
		if (n->neg == 2) {
			static const char *const dbl[] = { "REAL",
			    "DOUBLE PRECISION", "DOUBLE", "DOUBLE", "DOUBLE",
			    "FLOAT64" };

			s = xasprintf("CAST(%s AS %s)", a.s, dbl[P->d]);
			free(a.s);
			return R(s, TY_REAL);
		}
		if (a.t != TY_REAL && a.t != TY_MIXED)
			return R(a.s, TY_INT);
		/* Truncation toward zero, as SQLite casts. */
		switch (P->d) {
		case SQLX_SQLITE:
			s = xasprintf("CAST(%s AS INTEGER)", a.s);
			break;
		case SQLX_SPARK:
			s = xasprintf("CAST(%s AS BIGINT)", a.s);
			break;
		case SQLX_TRINO:
			s = xasprintf("CAST(truncate(%s) AS BIGINT)", a.s);
			break;
		case SQLX_BIGQUERY:
			s = xasprintf("CAST(TRUNC(%s) AS INT64)", a.s);
			break;
		default:
			s = xasprintf("CAST(TRUNC(%s) AS BIGINT)", a.s);
			break;
		}
		free(a.s);
		return R(s, TY_INT);
	case SQLX_N_FUNC:
		return gen_func(P, n);
	}
	return R(NULL, TY_NULL);
}

/* The tree of P's expression, P set up by the caller; failures in P. */
static struct sqlx_node *
parse(struct parser *P)
{
	struct sqlx_node *n;

	lex(P);
	n = p_expr(P);
	if (!P->failed && P->lx.t != T_END)
		fail(P, P->lx.pos, "expected the end of the expression, "
		    "found %s", P->lx.text);
	return n;
}

struct sqlx_node *
sqlx_parse(const char *expr, const struct sqlx_column *cols, size_t ncols,
	struct rd_err *err)
{
	struct parser P;
	struct sqlx_node *n;

	memset(&P, 0, sizeof P);
	P.lx.s = expr;
	P.cols = cols;
	P.ncols = ncols;
	P.err = err;
	n = parse(&P);
	free(P.lx.text);
	if (P.failed) {
		node_free(n);
		return NULL;
	}
	return n;
}

void
sqlx_node_free(struct sqlx_node *n)
{
	node_free(n);
}

int
sqlx_always_number(const char *expr, const struct sqlx_column *cols,
	size_t ncols)
{
	struct rd_err e;
	struct sqlx_node *n = sqlx_parse(expr, cols, ncols, &e);
	int num = 0;

	if (n == NULL)
		return 0;
	switch (n->k) {
	case SQLX_N_INT:
	case SQLX_N_REAL:
	case SQLX_N_NEG:
	case SQLX_N_CAST:
		num = 1;
		break;
	case SQLX_N_BIN:
		num = strchr("+-*/%", n->text[0]) != NULL &&
		    n->text[1] == '\0';
		break;
	case SQLX_N_FUNC:
		num = strcasecmp(n->text, "abs") == 0;
		break;
	default:
		break;
	}
	sqlx_node_free(n);
	return num;
}

/* sqlx_translate, *type_fault set to whether its failure is
   TYPE_FAIL's. */
static char *
translate(const char *expr, const struct sqlx_column *cols, size_t ncols,
	enum sqlx_dialect d, enum sqlx_want want, struct sqlx_literals *lits,
	unsigned char *used, int *type_fault, struct rd_err *err)
{
	struct parser P;
	struct sqlx_node *n;
	struct res r;

	memset(&P, 0, sizeof P);
	P.lx.s = expr;
	P.cols = cols;
	P.ncols = ncols;
	P.d = d;
	P.lits = lits;
	P.used = used;
	P.err = err;
	n = parse(&P);
	r = gen(&P, n);
	if (!P.failed)
		r = want == SQLX_CONDITION ? as_bool(&P, r, 0, "the condition") :
		    as_num(&P, r, 0, "the value");
	node_free(n);
	free(P.lx.text);
	*type_fault = P.type_fault;
	if (P.failed) {
		free(r.s);
		return NULL;
	}
	if (r.t == TY_NULL && want == SQLX_CONDITION) {
		free(r.s);
		return xstrdup("(NULL)");
	}
	return r.s;
}

char *
sqlx_translate(const char *expr, const struct sqlx_column *cols,
	size_t ncols, enum sqlx_dialect d, enum sqlx_want want,
	struct sqlx_literals *lits, unsigned char *used, struct rd_err *err)
{
	int type_fault;

	return translate(expr, cols, ncols, d, want, lits, used, &type_fault,
	    err);
}

int
sqlx_check_types(const char *expr, const struct sqlx_column *cols,
	size_t ncols, enum sqlx_want want, struct rd_err *err)
{
	struct rd_err e;
	int type_fault = 0;
	char *s;

	rd_err_clear(&e);
	s = translate(expr, cols, ncols, SQLX_SQLITE, want, NULL, NULL,
	    &type_fault, &e);
	free(s);
	if (s != NULL || !type_fault)
		return 0;
	*err = e;
	return -1;
}
