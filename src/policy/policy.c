/*
 * policy.c - load and validate approval policies written in YAML
 * (riskdesk-policy(5); the contract is in policy.h).
 *
 * Loading has two passes.  The first reads libyaml's event stream into a
 * small tree of our own (scalars, mappings, lists, each with its 1-based
 * mark), refusing what a policy never needs and an attacker would use:
 * aliases (so a "billion laughs" file is refused before anything is
 * expanded), nesting deeper than POLICY_MAX_DEPTH, more than
 * POLICY_MAX_NODES values, and a second document.  The second pass walks
 * the tree against the schema table (policy-schema.c) and builds struct
 * policy, stopping at the first error with a message located at the node
 * it is about.  Expressions stay text: their columns are checked against a
 * table by policy_check_columns through the data layer, which is the only
 * place that speaks SQL.
 *
 * This is the only file of riskdesk that includes yaml.h.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "data/cond.h"
#include "data/db.h"
#include "policy/policy.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------ the document tree */

enum node_kind {
	NODE_SCALAR,
	NODE_MAP,
	NODE_LIST
};

/*
 * One YAML node.  A mapping's kids alternate key, value (nkid is even); a
 * list's kids are its items.  A scalar's text is NUL-terminated and len
 * long (it may hold a NUL of its own, from a "\0" escape: strlen(text) !=
 * len then).  plain is set for unquoted, non-block scalars: only those can
 * be numbers.
 */
struct node {
	enum node_kind kind;
	char *text;
	size_t len;
	int plain;
	int str_tag;		/* tagged !!str: a string whatever it reads */
	struct policy_mark at;
	struct node **kid;
	size_t nkid, akid;
};

/* The state of one policy_load. */
struct loader {
	const char *path;
	struct rd_err *err;
	size_t nnodes;
};

static struct node *
node_new(enum node_kind kind, yaml_mark_t m)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->at.line = (long)m.line + 1;
	n->at.col = (long)m.column + 1;
	return n;
}

static void
node_add(struct node *parent, struct node *kid)
{
	if (parent->nkid == parent->akid) {
		parent->akid = parent->akid ? 2 * parent->akid : 8;
		parent->kid = xreallocarray(parent->kid, parent->akid,
		    sizeof *parent->kid);
	}
	parent->kid[parent->nkid++] = kid;
}

static void
node_free(struct node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkid; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->text);
	free(n);
}

/* ------------------------------------------------------------- errors */

/* Record an RD_EINPUT error at mark at of the policy file.  Returns -1. */
static int __attribute__((format(printf, 3, 4)))
fail(struct loader *ld, struct policy_mark at, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return rd_err_setloc(ld->err, RD_EINPUT, ld->path, at.line, at.col,
	    "%s", msg);
}

/*
 * libyaml's reader reports a byte offset, not a mark: count lines and
 * columns (in bytes) up to it.  {0, 0} if the file cannot be re-read.
 */
static struct policy_mark
offset_mark(const char *path, size_t offset)
{
	struct policy_mark at = { 0, 0 };
	FILE *fp;
	size_t i;
	int c;

	if ((fp = fopen(path, "rb")) == NULL)
		return at;
	at.line = at.col = 1;
	for (i = 0; i < offset && (c = getc(fp)) != EOF; i++) {
		if (c == '\n') {
			at.line++;
			at.col = 1;
		} else
			at.col++;
	}
	fclose(fp);
	return at;
}

static int
syntax_error(struct loader *ld, const yaml_parser_t *parser)
{
	struct policy_mark at;

	switch (parser->error) {
	case YAML_MEMORY_ERROR:
		return rd_err_setloc(ld->err, RD_EIO, ld->path, 0, 0,
		    "out of memory reading YAML");
	case YAML_READER_ERROR:
		at = offset_mark(ld->path, parser->problem_offset);
		if (parser->problem_value != -1)
			return fail(ld, at, "invalid YAML: %s (byte 0x%02X)",
			    parser->problem, (unsigned)parser->problem_value);
		return fail(ld, at, "invalid YAML: %s", parser->problem);
	default:
		break;
	}
	at.line = (long)parser->problem_mark.line + 1;
	at.col = (long)parser->problem_mark.column + 1;
	if (parser->context != NULL)
		return fail(ld, at, "invalid YAML: %s (%s at line %ld, "
		    "column %ld)", parser->problem, parser->context,
		    (long)parser->context_mark.line + 1,
		    (long)parser->context_mark.column + 1);
	return fail(ld, at, "invalid YAML: %s",
	    parser->problem ? parser->problem : "unknown error");
}

/* ------------------------------------------------------ reading the tree */

/*
 * Read the one document of fp into *rootp (NULL for an empty stream).
 * Events are consumed one at a time and refused as soon as they break a
 * limit, so a hostile file costs at most POLICY_MAX_NODES small nodes.
 */
static int
read_tree(struct loader *ld, FILE *fp, struct node **rootp)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct node *stack[POLICY_MAX_DEPTH], *root = NULL, *n;
	struct policy_mark at;
	int depth = 0, ndocs = 0, done = 0, rc = -1;

	*rootp = NULL;
	if (!yaml_parser_initialize(&parser))
		return rd_err_setloc(ld->err, RD_EIO, ld->path, 0, 0,
		    "out of memory reading YAML");
	yaml_parser_set_input_file(&parser, fp);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(ld, &parser);
			goto out;
		}
		at.line = (long)ev.start_mark.line + 1;
		at.col = (long)ev.start_mark.column + 1;
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ndocs > 1) {
				fail(ld, at, "a policy file holds one YAML "
				    "document; found a second");
				goto bad;
			}
			break;
		case YAML_ALIAS_EVENT:
			fail(ld, at, "aliases are not allowed in a policy");
			goto bad;
		case YAML_SCALAR_EVENT:
			n = node_new(NODE_SCALAR, ev.start_mark);
			n->len = ev.data.scalar.length;
			n->text = xmalloc(n->len + 1);
			memcpy(n->text, ev.data.scalar.value, n->len);
			n->text[n->len] = '\0';
			n->plain =
			    ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			n->str_tag = ev.data.scalar.tag != NULL &&
			    strcmp((const char *)ev.data.scalar.tag,
			    YAML_STR_TAG) == 0;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == POLICY_MAX_DEPTH) {
				fail(ld, at, "nesting deeper than %d levels is "
				    "not allowed in a policy",
				    POLICY_MAX_DEPTH);
				goto bad;
			}
			n = node_new(ev.type == YAML_MAPPING_START_EVENT ?
			    NODE_MAP : NODE_LIST, ev.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			assert(depth > 0);
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (++ld->nnodes > POLICY_MAX_NODES) {
				node_free(n);
				fail(ld, at, "policy too large: more than %d "
				    "values", POLICY_MAX_NODES);
				goto bad;
			}
			if (depth > 0)
				node_add(stack[depth - 1], n);
			else
				root = n;
			if (n->kind != NODE_SCALAR)
				stack[depth++] = n;
		}
		yaml_event_delete(&ev);
	}
	*rootp = root;
	root = NULL;
	rc = 0;
	goto out;
bad:
	yaml_event_delete(&ev);
out:
	node_free(root);
	yaml_parser_delete(&parser);
	return rc;
}

/* ------------------------------------------------ checking against schema */

/* Enough for the schema table; policy_load asserts it. */
#define FIELDS_MAX 48

/* The key and value node of each schema row found in one mapping. */
struct fields {
	const struct node *key[FIELDS_MAX];
	const struct node *val[FIELDS_MAX];
};

/* "in segment" and the like, after an unknown key. */
static const char *
ctx_in(enum policy_ctx ctx)
{
	switch (ctx) {
	case POLICY_CTX_TOP:
		return "at the top level";
	case POLICY_CTX_LOSS:
		return "in loss";
	case POLICY_CTX_KNOCKOUT:
		return "in knock-out";
	case POLICY_CTX_SEGMENT:
		return "in segment";
	case POLICY_CTX_BAND:
		return "in band";
	case POLICY_CTX_INCOME:
		return "in income limit";
	}
	return "";
}

/* Where a key of ctx belongs, for "it belongs ..." hints. */
static const char *
ctx_home(enum policy_ctx ctx)
{
	switch (ctx) {
	case POLICY_CTX_TOP:
		return "at the top level";
	case POLICY_CTX_LOSS:
		return "under loss";
	case POLICY_CTX_KNOCKOUT:
		return "in a knock-out";
	case POLICY_CTX_SEGMENT:
		return "in a segment";
	case POLICY_CTX_BAND:
		return "in a band";
	case POLICY_CTX_INCOME:
		return "in an income limit";
	}
	return "";
}

#define DESCRIBE_BUF 64

/*
 * Whether n is the YAML null: a plain, untagged "~", "null", "Null" or
 * "NULL" (YAML 1.2 core schema).  An empty plain value is "nothing".
 */
static int
node_is_null(const struct node *n)
{
	static const char *const nulls[] = { "~", "null", "Null", "NULL" };
	size_t i;

	if (n->kind != NODE_SCALAR || !n->plain || n->str_tag)
		return 0;
	for (i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (strcmp(n->text, nulls[i]) == 0)
			return 1;
	return 0;
}

/* A node as "found ..." words it: a scalar quoted, at most 40 bytes. */
static const char *
describe(const struct node *n, char *buf)
{
	if (n->kind == NODE_MAP)
		return "a mapping";
	if (n->kind == NODE_LIST)
		return "a list";
	if (node_is_null(n))
		return "null";
	if (n->len == 0)
		return n->plain ? "nothing" : "an empty string";
	if (strlen(n->text) > 40)
		snprintf(buf, DESCRIBE_BUF, "\"%.37s...\"", n->text);
	else
		snprintf(buf, DESCRIBE_BUF, "\"%s\"", n->text);
	return buf;
}

/*
 * The number a plain scalar spells: strtod in the C locale must read the
 * whole text and give a finite value.  Returns 0 or -1.  The front ends
 * keep LC_NUMERIC at "C", but a policy must mean the same whatever the
 * caller's locale, so the C locale is put in place for the call (POSIX
 * uselocale, per thread).
 */
static int
node_number(const struct node *n, double *out)
{
	locale_t c, old = (locale_t)0;
	char *end;
	double d;
	int e;

	if (n->kind != NODE_SCALAR || !n->plain || n->str_tag ||
	    n->len == 0 || strlen(n->text) != n->len)
		return -1;
	if ((c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) != (locale_t)0)
		old = uselocale(c);
	errno = 0;
	d = strtod(n->text, &end);
	e = errno;
	if (c != (locale_t)0) {
		uselocale(old);
		freelocale(c);
	}
	if (end != n->text + n->len || e == ERANGE || !isfinite(d))
		return -1;
	*out = d;
	return 0;
}

static int
unknown_key(struct loader *ld, const struct node *k, enum policy_ctx ctx)
{
	char list[256];
	const char *near;
	size_t i, off = 0;

	near = policy_schema_nearest(ctx, k->text);
	if (near != NULL)
		return fail(ld, k->at, "unknown key \"%.64s\" %s; did you "
		    "mean \"%s\"?", k->text, ctx_in(ctx), near);
	for (i = 0; i < policy_schema_count; i++) {
		if (policy_schema[i].ctx != ctx &&
		    strcmp(policy_schema[i].name, k->text) == 0)
			return fail(ld, k->at, "unknown key \"%s\" %s; it "
			    "belongs %s", k->text, ctx_in(ctx),
			    ctx_home(policy_schema[i].ctx));
	}
	list[0] = '\0';
	for (i = 0; i < policy_schema_count; i++) {
		if (policy_schema[i].ctx != ctx)
			continue;
		off += snprintf(list + off, sizeof list - off, "%s%s",
		    off ? ", " : "", policy_schema[i].name);
		if (off >= sizeof list)
			break;
	}
	return fail(ld, k->at, "unknown key \"%.64s\" %s; expected one of %s",
	    k->text, ctx_in(ctx), list);
}

/* Check value v of key row against the row's type and range. */
static int
check_value(struct loader *ld, const struct policy_key *row,
	const struct node *v)
{
	char buf[DESCRIBE_BUF];
	size_t i;
	double d;

	switch (row->type) {
	case POLICY_T_STRING:
	case POLICY_T_EXPR:
		/* null and NULL are also SQL's NULL: only ~ is YAML's
		   null in an expression. */
		if (node_is_null(v) && (row->type == POLICY_T_STRING ||
		    strcmp(v->text, "~") == 0))
			return fail(ld, v->at, "expected %s for \"%s\", "
			    "found null", row->type == POLICY_T_STRING ?
			    "a string" : strcmp(row->name, "when") == 0 ?
			    "a condition" : "an expression", row->name);
		if (v->kind != NODE_SCALAR || v->len == 0)
			return fail(ld, v->at, "expected %s for \"%s\", "
			    "found %s", row->type == POLICY_T_STRING ?
			    "a string" : "an expression", row->name,
			    describe(v, buf));
		if (strlen(v->text) != v->len)
			return fail(ld, v->at, "unexpected NUL character in "
			    "the value of \"%s\"", row->name);
		return 0;
	case POLICY_T_NUMBER:
		if (node_number(v, &d) < 0) {
			if (v->kind == NODE_SCALAR && (!v->plain ||
			    v->str_tag) && v->len > 0)
				return fail(ld, v->at, "expected a number for "
				    "\"%s\", found the string %s", row->name,
				    describe(v, buf));
			return fail(ld, v->at, "expected a number for \"%s\", "
			    "found %s", row->name, describe(v, buf));
		}
		if (d < row->min || d > row->max)
			return fail(ld, v->at, "%s must be between %g and %g, "
			    "found %s", row->name, row->min, row->max,
			    v->text);
		return 0;
	case POLICY_T_MAP:
		if (v->kind != NODE_MAP)
			return fail(ld, v->at, "expected a mapping for \"%s\", "
			    "found %s", row->name, describe(v, buf));
		return 0;
	case POLICY_T_LIST:
		if (v->kind != NODE_LIST)
			return fail(ld, v->at, "expected a list for \"%s\", "
			    "found %s", row->name, describe(v, buf));
		for (i = 0; i < v->nkid; i++)
			if (v->kid[i]->kind != NODE_MAP)
				return fail(ld, v->kid[i]->at, "expected a "
				    "mapping for each item of \"%s\", found %s",
				    row->name, describe(v->kid[i], buf));
		return 0;
	}
	return 0;
}

/*
 * Check every key of mapping map against the rows of ctx and record the
 * nodes in *f: unknown keys, non-scalar keys, duplicates, types, ranges.
 * Required keys are check_required's, once the item can be named.
 */
static int
check_map(struct loader *ld, const struct node *map, enum policy_ctx ctx,
	struct fields *f)
{
	const struct policy_key *row;
	const struct node *k, *v;
	char buf[DESCRIBE_BUF];
	size_t i, idx;

	memset(f, 0, sizeof *f);
	for (i = 0; i + 1 < map->nkid; i += 2) {
		k = map->kid[i];
		v = map->kid[i + 1];
		if (k->kind != NODE_SCALAR)
			return fail(ld, k->at, "expected a key name, found %s",
			    describe(k, buf));
		if ((row = policy_schema_find(ctx, k->text)) == NULL)
			return unknown_key(ld, k, ctx);
		idx = (size_t)(row - policy_schema);
		if (f->key[idx] != NULL)
			return fail(ld, k->at, "duplicate key \"%s\" (first at "
			    "line %ld)", k->text, f->key[idx]->at.line);
		f->key[idx] = k;
		f->val[idx] = v;
		if (check_value(ld, row, v) < 0)
			return -1;
	}
	return 0;
}

/* The value of key name of ctx in *f, or NULL. */
static const struct node *
field(const struct fields *f, enum policy_ctx ctx, const char *name)
{
	const struct policy_key *row = policy_schema_find(ctx, name);

	assert(row != NULL);
	return f->val[row - policy_schema];
}

/*
 * Required keys of ctx missing from mapping map.  where names the item
 * (" in segment \"x\"", or "" at the top level); last says whether map is
 * the last item of its list, for POLICY_REQUIRED_BUT_LAST.
 */
static int
check_required(struct loader *ld, const struct node *map,
	enum policy_ctx ctx, const struct fields *f, const char *where,
	int last)
{
	const struct policy_key *row;
	size_t i;

	for (i = 0; i < policy_schema_count; i++) {
		row = &policy_schema[i];
		if (row->ctx != ctx)
			continue;
		switch (row->need) {
		case POLICY_OPTIONAL:
			break;
		case POLICY_REQUIRED:
			if (f->val[i] == NULL)
				return fail(ld, map->at, "missing required key "
				    "\"%s\"%s", row->name, where);
			break;
		case POLICY_REQUIRED_BUT_LAST:
			if (!last && f->val[i] == NULL)
				return fail(ld, map->at, "missing required key "
				    "\"%s\"%s; only the last %s, %s, may leave "
				    "it out", row->name, where,
				    policy_ctx_name(ctx), ctx == POLICY_CTX_BAND ?
				    "open above" : "the default");
			if (last && f->val[i] != NULL)
				return fail(ld, f->key[i]->at, "the last %s "
				    "%s and takes no '%s'", policy_ctx_name(ctx),
				    ctx == POLICY_CTX_BAND ? "is open above" :
				    "is the default", row->name);
			break;
		}
	}
	return 0;
}

/* " in segment \"name\"" or " in segment 3" (1-based) into buf. */
static const char *
item_where(char *buf, size_t len, const char *what, const struct fields *f,
	enum policy_ctx ctx, size_t i)
{
	const struct node *name = field(f, ctx, "name");

	if (name != NULL)
		snprintf(buf, len, " in %s \"%.64s\"", what, name->text);
	else
		snprintf(buf, len, " in %s %zu", what, i + 1);
	return buf;
}

/* ------------------------------------------------------ building a policy */

static struct policy_mark
mark_of(const struct node *n)
{
	struct policy_mark none = { 0, 0 };

	return n != NULL ? n->at : none;
}

static double
number_of(const struct node *n)
{
	double d = NAN;

	if (n != NULL)
		node_number(n, &d);
	return d;
}

/* The policy's default name: path's base name without .yaml or .yml. */
static char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t len;

	b = b != NULL ? b + 1 : path;
	len = strlen(b);
	if (len > 5 && strcmp(b + len - 5, ".yaml") == 0)
		len -= 5;
	else if (len > 4 && strcmp(b + len - 4, ".yml") == 0)
		len -= 4;
	return xstrndup(b, len);
}

/* Whether two expressions are the same text but for white space. */
static int
same_expr(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n')
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

static int
build_knockouts(struct loader *ld, struct policy *p, const struct node *list)
{
	struct fields f;
	struct policy_rule *r;
	const struct node *item, *name;
	char where[128];
	size_t i, j;

	if (list == NULL)
		return 0;
	p->knockouts = xcalloc(list->nkid ? list->nkid : 1,
	    sizeof *p->knockouts);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (check_map(ld, item, POLICY_CTX_KNOCKOUT, &f) < 0)
			return -1;
		item_where(where, sizeof where, "knock-out", &f,
		    POLICY_CTX_KNOCKOUT, i);
		if (check_required(ld, item, POLICY_CTX_KNOCKOUT, &f, where,
		    0) < 0)
			return -1;
		name = field(&f, POLICY_CTX_KNOCKOUT, "name");
		for (j = 0; j < p->nknockouts; j++)
			if (strcmp(p->knockouts[j].name, name->text) == 0)
				return fail(ld, name->at, "duplicate knock-out "
				    "name \"%s\" (first at line %ld)",
				    name->text, p->knockouts[j].at.line);
		r = &p->knockouts[p->nknockouts++];
		r->name = xstrdup(name->text);
		r->when = xstrdup(field(&f, POLICY_CTX_KNOCKOUT,
		    "when")->text);
		r->reason = xstrdup(field(&f, POLICY_CTX_KNOCKOUT,
		    "reason")->text);
		r->at = item->at;
		r->when_at = field(&f, POLICY_CTX_KNOCKOUT, "when")->at;
	}
	return 0;
}

/*
 * The income limits of band b from list (may be NULL).  Ascending
 * min_income, each strictly above the one before.
 */
static int
build_income(struct loader *ld, struct policy_band *b, const struct node *list)
{
	struct policy_income_limit *il;
	struct fields f;
	const struct node *item, *mi;
	char where[128];
	size_t i;

	if (list == NULL)
		return 0;
	if (list->nkid == 0)
		return fail(ld, list->at, "expected at least one income band "
		    "in \"income_limits\"");
	b->income = xcalloc(list->nkid, sizeof *b->income);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (check_map(ld, item, POLICY_CTX_INCOME, &f) < 0)
			return -1;
		snprintf(where, sizeof where, " in income limit %zu", i + 1);
		if (check_required(ld, item, POLICY_CTX_INCOME, &f, where,
		    0) < 0)
			return -1;
		mi = field(&f, POLICY_CTX_INCOME, "min_income");
		il = &b->income[b->nincome];
		il->min_income = number_of(mi);
		il->limit = number_of(field(&f, POLICY_CTX_INCOME, "limit"));
		il->at = item->at;
		if (b->nincome > 0 &&
		    il->min_income <= b->income[b->nincome - 1].min_income)
			return fail(ld, mi->at, "income bands must ascend: "
			    "min_income %s is not above %g (line %ld)",
			    mi->text, b->income[b->nincome - 1].min_income,
			    b->income[b->nincome - 1].at.line);
		b->nincome++;
	}
	return 0;
}

/*
 * The score bands of segment s from list (may be NULL): contiguous,
 * ascending, the first at or below the cutoff.
 */
static int
build_bands(struct loader *ld, struct policy *p, struct policy_segment *s,
	const struct node *list)
{
	struct policy_band *b, *prev;
	struct fields f;
	const struct node *item, *from, *to, *limit, *il, *apr;
	char where[128];
	size_t i;

	if (list == NULL)
		return 0;
	if (list->nkid == 0)
		return fail(ld, list->at, "expected at least one band in "
		    "\"bands\"");
	s->bands = xcalloc(list->nkid, sizeof *s->bands);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (check_map(ld, item, POLICY_CTX_BAND, &f) < 0)
			return -1;
		snprintf(where, sizeof where, " in band %zu of segment "
		    "\"%.64s\"", i + 1, s->name);
		if (check_required(ld, item, POLICY_CTX_BAND, &f, where,
		    i + 1 == list->nkid) < 0)
			return -1;
		from = field(&f, POLICY_CTX_BAND, "from");
		to = field(&f, POLICY_CTX_BAND, "to");
		limit = field(&f, POLICY_CTX_BAND, "limit");
		il = field(&f, POLICY_CTX_BAND, "income_limits");
		apr = field(&f, POLICY_CTX_BAND, "apr");
		b = &s->bands[s->nbands];
		b->from = number_of(from);
		b->to = to != NULL ? number_of(to) : INFINITY;
		b->limit = number_of(limit);
		b->apr = number_of(apr);
		b->at = item->at;
		b->from_at = from->at;
		b->to_at = mark_of(to);
		s->nbands++;
		if (b->to <= b->from)
			return fail(ld, to->at, "band %zu of segment \"%s\" "
			    "ends at %s, not above where it starts (%s)",
			    i + 1, s->name, to->text, from->text);
		if (i == 0 && b->from > s->cutoff)
			return fail(ld, from->at, "band 1 of segment \"%s\" "
			    "starts at %s, above the cutoff (%g): approved "
			    "scores below it would have no band", s->name,
			    from->text, s->cutoff);
		if (i > 0) {
			prev = &s->bands[i - 1];
			if (b->from < prev->to)
				return fail(ld, from->at, "score bands overlap: "
				    "band %zu of segment \"%s\" starts at %s, "
				    "below the end of band %zu (%g)", i + 1,
				    s->name, from->text, i, prev->to);
			if (b->from > prev->to)
				return fail(ld, from->at, "score bands leave a "
				    "gap: band %zu of segment \"%s\" starts at "
				    "%s, band %zu ends at %g", i + 1, s->name,
				    from->text, i, prev->to);
		}
		if (limit != NULL && il != NULL)
			return fail(ld, il->at, "a band takes \"limit\" or "
			    "\"income_limits\", not both");
		if (il != NULL && p->income == NULL)
			return fail(ld, il->at, "income_limits need an income: "
			    "add \"income\" at the top level");
		if (build_income(ld, b, il) < 0)
			return -1;
		if (apr != NULL)
			p->priced = 1;
	}
	return 0;
}

static int
build_segments(struct loader *ld, struct policy *p, const struct node *list,
	const struct fields *loss)
{
	const struct node *loss_lgd = NULL, *loss_ead = NULL;
	const struct node *item, *name, *when, *refer, *lgd, *ead, *cutoff;
	struct policy_segment *s;
	struct fields f;
	char where[128];
	size_t i, j;
	int last;

	if (loss != NULL) {
		loss_lgd = field(loss, POLICY_CTX_LOSS, "lgd");
		loss_ead = field(loss, POLICY_CTX_LOSS, "ead");
	}
	if (list->nkid == 0)
		return fail(ld, list->at, "expected at least one segment in "
		    "\"segments\"");
	p->segments = xcalloc(list->nkid, sizeof *p->segments);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		last = i + 1 == list->nkid;
		if (check_map(ld, item, POLICY_CTX_SEGMENT, &f) < 0)
			return -1;
		item_where(where, sizeof where, "segment", &f,
		    POLICY_CTX_SEGMENT, i);
		if (check_required(ld, item, POLICY_CTX_SEGMENT, &f, where,
		    last) < 0)
			return -1;
		name = field(&f, POLICY_CTX_SEGMENT, "name");
		for (j = 0; j < p->nsegments; j++)
			if (strcmp(p->segments[j].name, name->text) == 0)
				return fail(ld, name->at, "duplicate segment "
				    "name \"%s\" (first at line %ld)",
				    name->text, p->segments[j].at.line);
		when = field(&f, POLICY_CTX_SEGMENT, "when");
		cutoff = field(&f, POLICY_CTX_SEGMENT, "cutoff");
		refer = field(&f, POLICY_CTX_SEGMENT, "refer");
		lgd = field(&f, POLICY_CTX_SEGMENT, "lgd");
		ead = field(&f, POLICY_CTX_SEGMENT, "ead");
		if (refer != NULL && number_of(refer) >= number_of(cutoff))
			return fail(ld, refer->at, "refer (%s) must be below "
			    "cutoff (%s)", refer->text, cutoff->text);
		if (lgd == NULL && (lgd = loss_lgd) == NULL)
			return fail(ld, item->at, "no lgd for segment \"%s\"; "
			    "give one in the segment or a default under loss",
			    name->text);
		if (ead == NULL && (ead = loss_ead) == NULL)
			return fail(ld, item->at, "no ead for segment \"%s\"; "
			    "give one in the segment or a default under loss",
			    name->text);

		s = &p->segments[p->nsegments++];
		s->name = xstrdup(name->text);
		s->when = when != NULL ? xstrdup(when->text) : NULL;
		s->cutoff = number_of(cutoff);
		s->refer = number_of(refer);
		s->lgd = number_of(lgd);
		s->ead = xstrdup(ead->text);
		s->at = item->at;
		s->when_at = mark_of(when);
		s->ead_at = mark_of(ead);
		s->cutoff_at = mark_of(cutoff);
		s->refer_at = mark_of(refer);
		s->lgd_at = mark_of(lgd);
		/*
		 * First match wins, so a segment whose condition repeats an
		 * earlier one (spaces aside) gets no applicant at all.
		 */
		for (j = 0; when != NULL && j + 1 < p->nsegments; j++)
			if (same_expr(p->segments[j].when, when->text))
				return fail(ld, when->at, "segment \"%s\" can "
				    "never be reached: segment \"%s\" (line "
				    "%ld) has the same condition", name->text,
				    p->segments[j].name,
				    p->segments[j].at.line);
		if (build_bands(ld, p, s, field(&f, POLICY_CTX_SEGMENT,
		    "bands")) < 0)
			return -1;
	}
	return 0;
}

static struct policy *
build(struct loader *ld, const struct node *root)
{
	struct fields top, loss;
	const struct node *n;
	struct policy *p = NULL;
	struct policy_mark start = { 1, 1 };
	char buf[DESCRIBE_BUF];

	if (root == NULL) {
		fail(ld, start, "empty policy: expected a mapping with "
		    "scorecard, population and segments");
		return NULL;
	}
	if (root->kind != NODE_MAP) {
		fail(ld, root->at, "expected a mapping at the top level, "
		    "found %s", describe(root, buf));
		return NULL;
	}
	if (check_map(ld, root, POLICY_CTX_TOP, &top) < 0 ||
	    check_required(ld, root, POLICY_CTX_TOP, &top, "", 0) < 0)
		return NULL;

	p = xcalloc(1, sizeof *p);
	p->path = xstrdup(ld->path);
	n = field(&top, POLICY_CTX_TOP, "name");
	p->name = n != NULL ? xstrdup(n->text) : base_name(ld->path);
	n = field(&top, POLICY_CTX_TOP, "scorecard");
	p->scorecard = xstrdup(n->text);
	p->scorecard_at = n->at;
	n = field(&top, POLICY_CTX_TOP, "population");
	p->population = xstrdup(n->text);
	p->population_at = n->at;

	n = field(&top, POLICY_CTX_TOP, "income");
	if (n != NULL) {
		p->income = xstrdup(n->text);
		p->income_at = n->at;
	}
	n = field(&top, POLICY_CTX_TOP, "funding_rate");
	p->funding_rate = n != NULL ? number_of(n) : 0;

	n = field(&top, POLICY_CTX_TOP, "loss");
	if (n != NULL && (check_map(ld, n, POLICY_CTX_LOSS, &loss) < 0 ||
	    check_required(ld, n, POLICY_CTX_LOSS, &loss, " in loss", 0) < 0))
		goto bad;
	if (build_knockouts(ld, p, field(&top, POLICY_CTX_TOP,
	    "knockouts")) < 0)
		goto bad;
	if (build_segments(ld, p, field(&top, POLICY_CTX_TOP, "segments"),
	    n != NULL ? &loss : NULL) < 0)
		goto bad;
	return p;
bad:
	policy_free(p);
	return NULL;
}

/* ---------------------------------------------------------- public API */

struct policy *
policy_load(const char *path, struct rd_err *err)
{
	struct loader ld = { path, err, 0 };
	struct node *root = NULL;
	struct policy *p = NULL;
	struct stat st;
	FILE *fp;

	assert(policy_schema_count <= FIELDS_MAX);
	rd_err_clear(err);
	if ((fp = fopen(path, "rb")) == NULL) {
		rd_err_setloc(err, RD_EIO, path, 0, 0, "cannot read policy: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		rd_err_setloc(err, RD_EIO, path, 0, 0, "cannot read policy: %s",
		    strerror(EISDIR));
		goto out;
	}
	if (read_tree(&ld, fp, &root) == 0)
		p = build(&ld, root);
out:
	node_free(root);
	fclose(fp);
	return p;
}

/* Check one expression; relocate an input error to where it is written. */
static int
check_expr(const struct policy *p, struct db *db, const char *table,
	const char *expr, struct policy_mark at, struct rd_err *err)
{
	struct rd_err e;

	rd_err_clear(&e);
	if (db_expr_check(db, table, expr, &e) == 0)
		return 0;
	if (e.cls == RD_EINPUT)
		return rd_err_setloc(err, RD_EINPUT, p->path, at.line, at.col,
		    "%s", e.msg);
	if (err != NULL)
		*err = e;
	return -1;
}

/*
 * A segment condition that is a constant (no column read): always true
 * takes every applicant left, so the segments after it are never reached;
 * never true (false, 0 or NULL) leaves the segment itself unreachable.
 * The value is not a matter of data, so either is an error.
 */
static int
check_constant_whens(const struct policy *p, struct db *db,
	struct rd_err *err)
{
	const struct policy_segment *s;
	size_t i;
	double v;
	int k;

	for (i = 0; i + 1 < p->nsegments; i++) {
		s = &p->segments[i];
		if (cond_constant(db, s->when, &k, &v, err) < 0)
			return -1;
		if (!k)
			continue;
		if (isnan(v) || v == 0)
			return rd_err_setloc(err, RD_EINPUT, p->path,
			    s->when_at.line, s->when_at.col, "segment \"%s\" "
			    "can never be reached: its condition is never "
			    "true", s->name);
		return rd_err_setloc(err, RD_EINPUT, p->path,
		    p->segments[i + 1].at.line, p->segments[i + 1].at.col,
		    "segment \"%s\" can never be reached: the condition of "
		    "segment \"%s\" (line %ld) is always true",
		    p->segments[i + 1].name, s->name, s->when_at.line);
	}
	return 0;
}

int
policy_check_columns(const struct policy *p, struct db *db,
	const char *table, struct rd_err *err)
{
	const struct policy_segment *s;
	struct table_meta meta;
	struct rd_err e;
	size_t i;

	if (table == NULL)
		table = p->population;
	/*
	 * A missing table would fail every expression; say so once, at the
	 * population rather than at the first expression.
	 */
	rd_err_clear(&e);
	if (db_table_meta(db, table, &meta, &e) < 0) {
		if (e.cls == RD_EINPUT && strcmp(table, p->population) == 0)
			return rd_err_setloc(err, RD_EINPUT, p->path,
			    p->population_at.line, p->population_at.col, "%s",
			    e.msg);
		if (err != NULL)
			*err = e;
		return -1;
	}
	table_meta_done(&meta);
	if (p->income != NULL && check_expr(p, db, table, p->income,
	    p->income_at, err) < 0)
		return -1;
	for (i = 0; i < p->nknockouts; i++)
		if (check_expr(p, db, table, p->knockouts[i].when,
		    p->knockouts[i].when_at, err) < 0)
			return -1;
	for (i = 0; i < p->nsegments; i++) {
		s = &p->segments[i];
		if (s->when != NULL && check_expr(p, db, table, s->when,
		    s->when_at, err) < 0)
			return -1;
		if (check_expr(p, db, table, s->ead, s->ead_at, err) < 0)
			return -1;
	}
	return check_constant_whens(p, db, err);
}

int
policy_segment_index(const struct policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nsegments; i++)
		if (strcmp(p->segments[i].name, name) == 0)
			return (int)i;
	return -1;
}

void
policy_free(struct policy *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nknockouts; i++) {
		free(p->knockouts[i].name);
		free(p->knockouts[i].when);
		free(p->knockouts[i].reason);
	}
	for (i = 0; i < p->nsegments; i++) {
		free(p->segments[i].name);
		free(p->segments[i].when);
		free(p->segments[i].ead);
		for (j = 0; j < p->segments[i].nbands; j++)
			free(p->segments[i].bands[j].income);
		free(p->segments[i].bands);
	}
	free(p->knockouts);
	free(p->segments);
	free(p->path);
	free(p->name);
	free(p->scorecard);
	free(p->population);
	free(p->income);
	free(p);
}
