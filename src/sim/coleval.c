/*
 * coleval.c - a policy's conditions and amounts over a dataset's columns,
 * with SQLite's values (see coleval.h).  Each expression is parsed
 * (export/sqlexpr.h sqlx_parse), typed against the columns as they were
 * read and compiled into a tree of vector operations, then evaluated a
 * block of rows at a time.  References for the meaning of each operation
 * are SQLite's own: sqlite.org/lang_expr.html (operators, NULL logic,
 * BETWEEN, IN), datatype3.html (storage classes, affinity, collation,
 * comparison), lang_corefunc.html (abs, coalesce, ifnull, min, max), and
 * for what the documentation leaves to the code, the VDBE's OP_Add,
 * OP_Divide and TK_UMINUS (0 - x) and minmaxFunc's ties; each is pinned
 * by tests/check_coleval.c against SQLite itself.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/db.h"
#include "export/sqlexpr.h"
#include "sim/coleval.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define BLK 512			/* rows a block */
#define EXACT 0x1p53		/* integers below it a double holds */

/* The storage class of a number on every row: integers, reals, or
   either row by row. */
enum ty { TY_INT, TY_REAL, TY_MIXED };

enum kind {
	K_NUM,		/* a numeric column */
	K_LIT,		/* a number */
	K_LEVELS,	/* a text column through lv[] */
	K_ADD, K_SUB, K_MUL,
	K_DIV,		/* real division */
	K_IDIV,		/* integer division */
	K_NEG,		/* 0 - a */
	K_CMP, K_IS, K_ISNOT, K_ISNULL, K_IN,
	K_NOT, K_AND, K_OR,
	K_ABS, K_COALESCE, K_MIN, K_MAX
};

enum cmp { C_LT, C_LE, C_GT, C_GE, C_EQ, C_NE };

struct cn {
	enum kind k;
	enum ty ty;
	enum cmp op;		/* K_CMP */
	int neg;		/* K_ISNULL: IS NOT NULL; K_IN: NOT IN */
	const double *col;	/* K_NUM: the column's num[] */
	const int *code;	/* K_LEVELS: the column's code[] */
	double *lv;		/* K_LEVELS: [nlevels] each level's value */
	double lv_null;		/* K_LEVELS: a NULL cell's */
	double lit;		/* K_LIT */
	double *set;		/* K_IN: [nset] the list */
	size_t nset;
	struct cn **a;		/* [na] operands */
	size_t na;
	double *buf;		/* [na][BLK] the operands' values */
};

/* What compiling needs. */
struct comp {
	const struct dataset *ds;
	struct db *db;
	const char *expr;	/* the expression compiled, for its text */
	int declined;
};

/* Whether a unary plus stands between the unary minus x and its
   operand: SQLite keeps it as a node of its own, so that -+0.0 is
   0 - (+0.0), where -0.0 is the literal negated. */
static int
plus_between(const struct comp *C, const struct sqlx_node *x)
{
	size_t k;

	for (k = x->pos + 1; k < x->a[0]->pos; k++)
		if (C->expr[k] == '+')
			return 1;
	return 0;
}

static void
cn_free(struct cn *n)
{
	size_t k;

	if (n == NULL)
		return;
	for (k = 0; k < n->na; k++)
		cn_free(n->a[k]);
	free(n->a);
	free(n->lv);
	free(n->set);
	free(n->buf);
	free(n);
}

static struct cn *
cn_new(enum kind k, enum ty ty)
{
	struct cn *n = xcalloc(1, sizeof *n);

	n->k = k;
	n->ty = ty;
	return n;
}

static void
cn_add(struct cn *n, struct cn *c)
{
	n->a = xreallocarray(n->a, n->na + 1, sizeof *n->a);
	n->a[n->na++] = c;
	n->buf = xreallocarray(n->buf, n->na * BLK, sizeof *n->buf);
}

static struct cn *
decline(struct comp *C, struct cn *n)
{
	C->declined = 1;
	cn_free(n);
	return NULL;
}

/* The column of x when it is a numeric column read cell by cell as
   INTEGER or REAL, else NULL. */
static const struct ds_column *
num_col(const struct comp *C, const struct sqlx_node *x)
{
	const struct ds_column *c;

	if (x->k != SQLX_N_COL)
		return NULL;
	c = &C->ds->cols[x->col];
	if (c->type == DS_TEXT || !c->cells_known || c->ncell_odd > 0 ||
	    c->ninexact > 0 || c->exact != NULL)
		return NULL;
	return c;
}

/* The column of x when it is a text column read cell by cell as TEXT,
   else NULL; compared (cmp 1) it must also compare with BINARY. */
static const struct ds_column *
text_col(const struct comp *C, const struct sqlx_node *x, int cmp)
{
	const struct ds_column *c;

	if (x->k != SQLX_N_COL)
		return NULL;
	c = &C->ds->cols[x->col];
	if (c->type != DS_TEXT || !c->cells_known || c->ncell_odd > 0 ||
	    c->code == NULL)
		return NULL;
	if (cmp && (!c->binary || (c->affinity != 'T' &&
	    c->affinity != 'B' && c->affinity != 'N')))
		return NULL;
	return c;
}

/*
 * Whether string literal s may be compared with column c as text: a
 * column of NUMERIC affinity turns a literal that reads as a number into
 * that number (and a number sorts before every text), so such a literal
 * is refused; strtod takes more than SQLite reads as a number (hex,
 * "inf"), which only refuses more.
 */
static int
text_lit_ok(const struct ds_column *c, const char *s)
{
	char *end;

	if (c->affinity != 'N')
		return 1;
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '\0')
		return 1;
	(void)strtod(s, &end);
	if (end == s)
		return 1;
	while (*end == ' ' || (*end >= '\t' && *end <= '\r'))
		end++;
	return *end != '\0';
}

/* SQLite's BINARY collation: memcmp over the shorter, then the length. */
static int
bincmp(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	int c = memcmp(a, b, na < nb ? na : nb);

	if (c != 0)
		return c;
	return na < nb ? -1 : na > nb;
}

static int
cmp_holds(enum cmp op, int c)
{
	switch (op) {
	case C_LT:
		return c < 0;
	case C_LE:
		return c <= 0;
	case C_GT:
		return c > 0;
	case C_GE:
		return c >= 0;
	case C_EQ:
		return c == 0;
	default:
		return c != 0;
	}
}

/* op with its operands swapped: a < b is b > a. */
static enum cmp
cmp_mirror(enum cmp op)
{
	switch (op) {
	case C_LT:
		return C_GT;
	case C_LE:
		return C_GE;
	case C_GT:
		return C_LT;
	case C_GE:
		return C_LE;
	default:
		return op;
	}
}

/* A K_LEVELS node over text column c, every level's value unset. */
static struct cn *
levels_new(const struct ds_column *c, double lv_null)
{
	struct cn *n = cn_new(K_LEVELS, TY_INT);

	n->code = c->code;
	n->lv = xcalloc(c->nlevels ? c->nlevels : 1, sizeof *n->lv);
	n->lv_null = lv_null;
	return n;
}

/* The value of a number literal x (possibly negated), as SQLite reads
   it: 1 with *v, or 0 when x is not one that a double holds. */
static int
lit_value(struct comp *C, const struct sqlx_node *x, double *v)
{
	struct rd_err e;
	int constant;

	if (x->k == SQLX_N_NEG && x->na == 1 &&
	    (x->a[0]->k == SQLX_N_INT || x->a[0]->k == SQLX_N_REAL)) {
		if (!lit_value(C, x->a[0], v))
			return 0;
		*v = -*v;
		return 1;
	}
	if (x->k == SQLX_N_BOOL) {
		*v = x->num;
		return 1;
	}
	if (x->k == SQLX_N_INT) {
		if (!(fabs(x->num) < EXACT))
			return 0;
		*v = x->num;
		return 1;
	}
	if (x->k != SQLX_N_REAL)
		return 0;
	/* Digits alone past 64 bits: a REAL to SQLite, but negated,
	   9223372036854775808 is the least INTEGER. */
	if (strpbrk(x->text, ".eE") == NULL)
		return 0;
	/* SQLite's own reading of the digits: its conversion, not ours. */
	if (cond_constant(C->db, x->text, &constant, v, &e) != 0 ||
	    !constant || isnan(*v))
		return 0;
	return 1;
}

static struct cn *comp(struct comp *C, const struct sqlx_node *x);

/* The type of an operation on operands of types a and b. */
static enum ty
ty_join(enum ty a, enum ty b)
{
	return a == b ? a : TY_MIXED;
}

/* A comparison (=, <>, <, <=, >, >=, IS, IS NOT) of x->a[0], x->a[1]. */
static struct cn *
comp_cmp(struct comp *C, const struct sqlx_node *x, const char *o)
{
	const struct sqlx_node *l = x->a[0], *r = x->a[1];
	const struct ds_column *c;
	enum cmp op;
	struct cn *n;
	size_t k;
	int is = strcmp(o, "IS") == 0, isnot = strcmp(o, "IS NOT") == 0;

	op = strcmp(o, "<") == 0 ? C_LT : strcmp(o, "<=") == 0 ? C_LE :
	    strcmp(o, ">") == 0 ? C_GT : strcmp(o, ">=") == 0 ? C_GE :
	    strcmp(o, "=") == 0 || is ? C_EQ : C_NE;
	if (r->k == SQLX_N_COL && l->k == SQLX_N_STR) {
		const struct sqlx_node *t = l;

		l = r;
		r = t;
		op = cmp_mirror(op);
	}
	/* x IS TRUE, IS NOT FALSE, ... test x's truth, not x = 1. */
	if ((is || isnot) && (l->k == SQLX_N_BOOL || r->k == SQLX_N_BOOL))
		return decline(C, NULL);
	if ((c = text_col(C, l, 1)) != NULL) {
		if (r->k != SQLX_N_STR || !text_lit_ok(c, r->text))
			return decline(C, NULL);
		n = levels_new(c, is ? 0 : isnot ? 1 : NAN);
		for (k = 0; k < c->nlevels; k++)
			n->lv[k] = cmp_holds(op, bincmp(c->levels[k],
			    r->text));
		return n;
	}
	n = cn_new(is ? K_IS : isnot ? K_ISNOT : K_CMP, TY_INT);
	n->op = op;
	cn_add(n, comp(C, x->a[0]));
	cn_add(n, comp(C, x->a[1]));
	if (n->a[0] == NULL || n->a[1] == NULL)
		return decline(C, n);
	return n;
}

/* x [NOT] IN (list). */
static struct cn *
comp_in(struct comp *C, const struct sqlx_node *x)
{
	const struct ds_column *c;
	struct cn *n;
	size_t k, l;

	if (x->na < 2)
		return decline(C, NULL);	/* x IN (): 0 even for NULL */
	if ((c = text_col(C, x->a[0], 1)) != NULL) {
		n = levels_new(c, NAN);
		for (k = 1; k < x->na; k++)
			if (x->a[k]->k != SQLX_N_STR ||
			    !text_lit_ok(c, x->a[k]->text))
				return decline(C, n);
		for (l = 0; l < c->nlevels; l++) {
			int in = 0;

			for (k = 1; k < x->na && !in; k++)
				in = bincmp(c->levels[l], x->a[k]->text) == 0;
			n->lv[l] = in != x->neg;
		}
		return n;
	}
	n = cn_new(K_IN, TY_INT);
	n->neg = x->neg;
	n->set = xcalloc(x->na, sizeof *n->set);
	for (k = 1; k < x->na; k++)
		if (!lit_value(C, x->a[k], &n->set[n->nset++]))
			return decline(C, n);
	cn_add(n, comp(C, x->a[0]));
	if (n->a[0] == NULL)
		return decline(C, n);
	return n;
}

/* x [NOT] BETWEEN lo AND hi: x >= lo AND x <= hi, under NOT when neg. */
static struct cn *
comp_between(struct comp *C, const struct sqlx_node *x)
{
	const struct ds_column *c;
	struct cn *n, *lo, *hi;
	size_t l;

	if ((c = text_col(C, x->a[0], 1)) != NULL) {
		if (x->a[1]->k != SQLX_N_STR || x->a[2]->k != SQLX_N_STR ||
		    !text_lit_ok(c, x->a[1]->text) ||
		    !text_lit_ok(c, x->a[2]->text))
			return decline(C, NULL);
		n = levels_new(c, NAN);
		for (l = 0; l < c->nlevels; l++)
			n->lv[l] = (bincmp(c->levels[l], x->a[1]->text) >= 0 &&
			    bincmp(c->levels[l], x->a[2]->text) <= 0) != x->neg;
		return n;
	}
	lo = cn_new(K_CMP, TY_INT);
	lo->op = C_GE;
	cn_add(lo, comp(C, x->a[0]));
	cn_add(lo, comp(C, x->a[1]));
	hi = cn_new(K_CMP, TY_INT);
	hi->op = C_LE;
	cn_add(hi, comp(C, x->a[0]));
	cn_add(hi, comp(C, x->a[2]));
	n = cn_new(K_AND, TY_INT);
	cn_add(n, lo);
	cn_add(n, hi);
	if (lo->a[0] == NULL || lo->a[1] == NULL || hi->a[0] == NULL ||
	    hi->a[1] == NULL)
		return decline(C, n);
	if (x->neg) {
		struct cn *t = cn_new(K_NOT, TY_INT);

		cn_add(t, n);
		n = t;
	}
	return n;
}

/* abs, coalesce, ifnull, min, max of numbers. */
static struct cn *
comp_func(struct comp *C, const struct sqlx_node *x)
{
	const char *f = x->text;
	struct cn *n;
	size_t k;

	if (strcasecmp(f, "abs") == 0 && x->na == 1)
		n = cn_new(K_ABS, TY_INT);
	else if ((strcasecmp(f, "coalesce") == 0 && x->na >= 2) ||
	    (strcasecmp(f, "ifnull") == 0 && x->na == 2))
		n = cn_new(K_COALESCE, TY_INT);
	else if (strcasecmp(f, "min") == 0 && x->na >= 2)
		n = cn_new(K_MIN, TY_INT);
	else if (strcasecmp(f, "max") == 0 && x->na >= 2)
		n = cn_new(K_MAX, TY_INT);
	else
		return decline(C, NULL);
	for (k = 0; k < x->na; k++) {
		cn_add(n, comp(C, x->a[k]));
		if (n->a[k] == NULL)
			return decline(C, n);
		n->ty = k == 0 ? n->a[0]->ty : ty_join(n->ty, n->a[k]->ty);
	}
	return n;
}

/* Arithmetic: + - * /. */
static struct cn *
comp_arith(struct comp *C, const struct sqlx_node *x, const char *o)
{
	struct cn *a = comp(C, x->a[0]), *b, *n;
	enum kind k;
	enum ty ty;

	if (a == NULL)
		return NULL;
	if ((b = comp(C, x->a[1])) == NULL) {
		cn_free(a);
		return NULL;
	}
	ty = ty_join(a->ty, b->ty);
	if (o[0] == '/') {
		/* A real on either side divides as reals; integers on
		   both, as integers; else row by row: refused. */
		if (a->ty == TY_REAL || b->ty == TY_REAL) {
			k = K_DIV;
			ty = TY_REAL;
		} else if (a->ty == TY_INT && b->ty == TY_INT) {
			k = K_IDIV;
		} else {
			cn_free(a);
			cn_free(b);
			return decline(C, NULL);
		}
	} else {
		/* A real on either side: real arithmetic on every row.
		   Integers on both: integer arithmetic.  Else integer or
		   real row by row, where an integer result has no -0:
		   refused. */
		if (a->ty == TY_REAL || b->ty == TY_REAL) {
			ty = TY_REAL;
		} else if (a->ty != TY_INT || b->ty != TY_INT) {
			cn_free(a);
			cn_free(b);
			return decline(C, NULL);
		}
		k = o[0] == '+' ? K_ADD : o[0] == '-' ? K_SUB : K_MUL;
	}
	n = cn_new(k, ty);
	cn_add(n, a);
	cn_add(n, b);
	return n;
}

static struct cn *
comp(struct comp *C, const struct sqlx_node *x)
{
	const struct ds_column *c;
	struct cn *n;
	const char *o;
	double v;

	if (C->declined || x == NULL)
		return decline(C, NULL);
	switch (x->k) {
	case SQLX_N_INT:
	case SQLX_N_REAL:
	case SQLX_N_BOOL:
		if (!lit_value(C, x, &v))
			return decline(C, NULL);
		n = cn_new(K_LIT, x->k == SQLX_N_REAL ? TY_REAL : TY_INT);
		n->lit = v;
		return n;
	case SQLX_N_COL:
		if ((c = num_col(C, x)) == NULL)
			return decline(C, NULL);
		n = cn_new(K_NUM, c->ncell_real == 0 ? TY_INT :
		    c->ncell_int == 0 ? TY_REAL : TY_MIXED);
		n->col = c->num;
		return n;
	case SQLX_N_NEG:
		/* A literal is negated as read (-0.0 stays -0.0); anything
		   else is 0 - x. */
		if ((x->a[0]->k == SQLX_N_REAL || x->a[0]->k == SQLX_N_INT) &&
		    !plus_between(C, x)) {
			if (!lit_value(C, x, &v))
				return decline(C, NULL);
			n = cn_new(K_LIT, x->a[0]->k == SQLX_N_REAL ?
			    TY_REAL : TY_INT);
			n->lit = v + (x->a[0]->k == SQLX_N_INT ? 0.0 : -0.0);
			return n;
		}
		n = cn_new(K_NEG, TY_INT);
		cn_add(n, comp(C, x->a[0]));
		if (n->a[0] == NULL)
			return decline(C, n);
		n->ty = n->a[0]->ty;
		return n;
	case SQLX_N_NOT:
		n = cn_new(K_NOT, TY_INT);
		cn_add(n, comp(C, x->a[0]));
		return n->a[0] == NULL ? decline(C, n) : n;
	case SQLX_N_ISNULL:
		if (x->a[0]->k == SQLX_N_COL &&
		    C->ds->cols[x->a[0]->col].type == DS_TEXT) {
			c = &C->ds->cols[x->a[0]->col];
			if (!c->cells_known || c->code == NULL)
				return decline(C, NULL);
			n = levels_new(c, x->neg ? 0 : 1);
			for (v = 0; v < (double)c->nlevels; v++)
				n->lv[(size_t)v] = x->neg ? 1 : 0;
			return n;
		}
		n = cn_new(K_ISNULL, TY_INT);
		n->neg = x->neg;
		cn_add(n, comp(C, x->a[0]));
		return n->a[0] == NULL ? decline(C, n) : n;
	case SQLX_N_IN:
		return comp_in(C, x);
	case SQLX_N_BETWEEN:
		return comp_between(C, x);
	case SQLX_N_FUNC:
		return comp_func(C, x);
	case SQLX_N_BIN:
		o = x->text;
		if (strcmp(o, "AND") == 0 || strcmp(o, "OR") == 0) {
			n = cn_new(o[0] == 'A' ? K_AND : K_OR, TY_INT);
			cn_add(n, comp(C, x->a[0]));
			cn_add(n, comp(C, x->a[1]));
			if (n->a[0] == NULL || n->a[1] == NULL)
				return decline(C, n);
			return n;
		}
		if (strcmp(o, "+") == 0 || strcmp(o, "-") == 0 ||
		    strcmp(o, "*") == 0 || strcmp(o, "/") == 0)
			return comp_arith(C, x, o);
		if (strcmp(o, "%") == 0 || strcmp(o, "||") == 0)
			return decline(C, NULL);
		return comp_cmp(C, x, o);
	default:
		/* NULL, a string as a value, CASE, CAST, LIKE. */
		return decline(C, NULL);
	}
}

/* ---------------------------------------------------------- evaluate */

/* SQLite's truth of a number: NULL none, else not 0. */
#define TRUE_(v) (!isnan(v) && (v) != 0.0)
#define FALSE_(v) (!isnan(v) && (v) == 0.0)

/*
 * Rows i0 .. i0 + m - 1 of n into out[m].  *bad is set when an integer
 * result reaches 2^53, where SQLite's 64-bit integers and a double part.
 */
static void
ev(const struct cn *n, size_t i0, size_t m, double *out, int *bad)
{
	double *a = n->buf, *b = n->na >= 2 ? n->buf + BLK : NULL, x, y;
	size_t i, k;

	for (k = 0; k < n->na && k < 2; k++)
		ev(n->a[k], i0, m, n->buf + k * BLK, bad);
	switch (n->k) {
	case K_NUM:
		memcpy(out, n->col + i0, m * sizeof *out);
		break;
	case K_LIT:
		for (i = 0; i < m; i++)
			out[i] = n->lit;
		break;
	case K_LEVELS:
		for (i = 0; i < m; i++) {
			int c = n->code[i0 + i];

			out[i] = c < 0 ? n->lv_null : n->lv[c];
		}
		break;
	case K_ADD:
	case K_SUB:
	case K_MUL:
	case K_NEG:
		for (i = 0; i < m; i++) {
			x = a[i];
			y = b != NULL ? b[i] : x;
			out[i] = n->k == K_ADD ? x + y : n->k == K_SUB ?
			    x - y : n->k == K_MUL ? x * y : 0.0 - x;
		}
		if (n->ty == TY_REAL)
			break;
		for (i = 0; i < m; i++) {
			if (fabs(out[i]) >= EXACT)
				*bad = 1;
			out[i] += 0.0;	/* an integer has no -0 */
		}
		break;
	case K_DIV:
		for (i = 0; i < m; i++)
			out[i] = b[i] == 0.0 ? NAN : a[i] / b[i];
		break;
	case K_IDIV:
		for (i = 0; i < m; i++) {
			if (isnan(a[i]) || isnan(b[i]) || b[i] == 0.0) {
				out[i] = NAN;
				continue;
			}
			if (fabs(a[i]) >= EXACT || fabs(b[i]) >= EXACT) {
				*bad = 1;
				out[i] = NAN;
				continue;
			}
			out[i] = (double)((int64_t)a[i] / (int64_t)b[i]) + 0.0;
		}
		break;
	case K_CMP:
		for (i = 0; i < m; i++) {
			x = a[i];
			y = b[i];
			if (isnan(x) || isnan(y)) {
				out[i] = NAN;
				continue;
			}
			out[i] = cmp_holds(n->op, x < y ? -1 : x > y);
		}
		break;
	case K_IS:
	case K_ISNOT:
		for (i = 0; i < m; i++) {
			int same = isnan(a[i]) || isnan(b[i]) ?
			    isnan(a[i]) && isnan(b[i]) : a[i] == b[i];

			out[i] = n->k == K_IS ? same : !same;
		}
		break;
	case K_ISNULL:
		for (i = 0; i < m; i++)
			out[i] = (isnan(a[i]) != 0) != n->neg;
		break;
	case K_IN:
		for (i = 0; i < m; i++) {
			int in = 0;

			if (isnan(a[i])) {
				out[i] = NAN;
				continue;
			}
			for (k = 0; k < n->nset && !in; k++)
				in = a[i] == n->set[k];
			out[i] = in != n->neg;
		}
		break;
	case K_NOT:
		for (i = 0; i < m; i++)
			out[i] = isnan(a[i]) ? NAN : a[i] == 0.0;
		break;
	case K_AND:
		for (i = 0; i < m; i++)
			out[i] = FALSE_(a[i]) || FALSE_(b[i]) ? 0.0 :
			    isnan(a[i]) || isnan(b[i]) ? NAN : 1.0;
		break;
	case K_OR:
		for (i = 0; i < m; i++)
			out[i] = TRUE_(a[i]) || TRUE_(b[i]) ? 1.0 :
			    isnan(a[i]) || isnan(b[i]) ? NAN : 0.0;
		break;
	case K_ABS:
		/* SQLite negates only below 0: -0.0 stays. */
		for (i = 0; i < m; i++) {
			out[i] = a[i] < 0 ? -a[i] : a[i];
			if (n->ty != TY_REAL && fabs(a[i]) >= EXACT)
				*bad = 1;
		}
		break;
	case K_COALESCE:
	case K_MIN:
	case K_MAX:
		/* The first two operands are in a and b; the rest one at a
		   time into b.  min and max keep minmaxFunc's ties: min
		   takes a later equal argument, max the earlier. */
		for (k = 1; k < n->na; k++) {
			if (k >= 2)
				ev(n->a[k], i0, m, b, bad);
			for (i = 0; i < m; i++) {
				x = a[i];
				y = b[i];
				if (n->k == K_COALESCE)
					a[i] = isnan(x) ? y : x;
				else if (isnan(x) || isnan(y))
					a[i] = NAN;
				else if (n->k == K_MIN)
					a[i] = x >= y ? y : x;
				else
					a[i] = x < y ? y : x;
			}
		}
		memcpy(out, a, m * sizeof *out);
		break;
	}
}

int
coleval_first(struct db *db, const struct dataset *ds,
	const char *const *conds_a, size_t na, double *first_a,
	const char *const *conds_b, size_t nb, double *first_b,
	struct cond_tally *tally, const char *const *exprs, size_t nval,
	double **vals)
{
	struct comp C = { ds, db, NULL, 0 };
	struct sqlx_column *cols;
	struct cn **prog;
	struct cond_tally *t = NULL;
	size_t nall = na + nb + nval, k, i, i0, m, n = ds->nrows;
	double *out;
	int bad = 0, ok = 0;

	for (k = 0; k < ds->ncols; k++)
		if (strcasecmp(ds->cols[k].name, "true") == 0 ||
		    strcasecmp(ds->cols[k].name, "false") == 0)
			return 0;	/* a column, in SQLite, not a value */
	cols = xcalloc(ds->ncols ? ds->ncols : 1, sizeof *cols);
	for (k = 0; k < ds->ncols; k++) {
		cols[k].name = ds->cols[k].name;
		cols[k].type = ds->cols[k].type;
	}
	prog = xcalloc(nall ? nall : 1, sizeof *prog);
	for (k = 0; k < nall && !C.declined; k++) {
		const char *e = k < na ? conds_a[k] : k < na + nb ?
		    conds_b[k - na] : exprs[k - na - nb];
		struct sqlx_node *x = sqlx_parse(e, cols, ds->ncols, NULL);

		C.expr = e;
		prog[k] = x != NULL ? comp(&C, x) : decline(&C, NULL);
		sqlx_node_free(x);
	}
	if (C.declined)
		goto done;
	out = xmalloc(BLK * sizeof *out);
	if (tally != NULL)
		t = xcalloc(na + nb ? na + nb : 1, sizeof *t);
	for (i0 = 0; i0 < n && !bad; i0 += BLK) {
		m = n - i0 < BLK ? n - i0 : BLK;
		for (i = 0; i < m; i++) {
			first_a[i0 + i] = -1;
			if (first_b != NULL)
				first_b[i0 + i] = -1;
		}
		for (k = 0; k < na + nb; k++) {
			double *first = k < na ? first_a : first_b;
			double idx = (double)(k < na ? k : k - na);

			ev(prog[k], i0, m, out, &bad);
			for (i = 0; i < m; i++) {
				double v = out[i];

				if (t != NULL)
					cond_tally_add(&t[k], (unsigned char)
					    (isnan(v) ? DB_NULL : (v != 0.0 ?
					    DB_TRUE : 0) | (v != 0.0 &&
					    v != 1.0 ? DB_OTHER : 0)));
				if (TRUE_(v) && first[i0 + i] < 0)
					first[i0 + i] = idx;
			}
		}
		for (k = 0; k < nval; k++)
			ev(prog[na + nb + k], i0, m, vals[k] + i0, &bad);
	}
	free(out);
	if (!bad) {
		ok = 1;
		for (k = 0; t != NULL && k < na + nb; k++) {
			tally[k].fired += t[k].fired;
			tally[k].nul += t[k].nul;
			tally[k].other |= t[k].other;
		}
	}
	free(t);
done:
	for (k = 0; k < nall; k++)
		cn_free(prog[k]);
	free(prog);
	free(cols);
	return ok;
}
