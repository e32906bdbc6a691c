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
 * policy, recording every error with a message located at the node it is
 * about and going on: a value found wrong is marked so that nothing built
 * on it is reported again (a bad cutoff is not also "missing", nor
 * compared with its refer bound).  Expressions stay text: their columns
 * are checked against a table by policy_check_columns_all through the
 * data layer, which is the only place that speaks SQL.
 *
 * This is the only file of riskdesk that includes yaml.h.
 */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <yaml.h>

#include "data/coll-scan.h"
#include "data/cond.h"
#include "data/db.h"
#include "policy/policy.h"
#include "util/enc.h"
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

/* The state of one policy_load_all. */
struct loader {
	const char *path;
	struct policy_errors *errs;
	size_t nerrs;		/* errors this load added to errs */
	size_t nnodes;
	/* Given but refused: what builds on them is not checked again. */
	int income_given, loss_bad;
	/* policy_load_collect_all: collections required, the approval keys
	   only when one of them is written */
	int collect_mode, skip_approval;
	/* The policy holds a fraud: section and no credit keys: scorecard,
	   population and segments are not required. */
	int fraud_only;
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

/* ------------------------------------------------------- error lists */

void
policy_errors_add(struct policy_errors *e, const struct rd_err *err)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (e->err[i].line == err->line && e->err[i].col == err->col &&
		    strcmp(e->err[i].file, err->file) == 0 &&
		    strcmp(e->err[i].msg, err->msg) == 0)
			return;
	if (e->n == POLICY_MAX_ERRORS) {
		e->dropped++;
		return;
	}
	e->err = xreallocarray(e->err, e->n + 1, sizeof *e->err);
	e->err[e->n++] = *err;
}

void
policy_errors_done(struct policy_errors *e)
{
	if (e == NULL)
		return;
	free(e->err);
	memset(e, 0, sizeof *e);
}

/* Record an error of class cls at mark at of the policy file; -1. */
static int __attribute__((format(printf, 4, 5)))
fail_cls(struct loader *ld, enum rd_err_class cls, struct policy_mark at,
	const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	struct rd_err e;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd_err_setloc(&e, cls, ld->path, at.line, at.col, "%s", msg);
	policy_errors_add(ld->errs, &e);
	ld->nerrs++;
	return -1;
}

/* Record an RD_EINPUT error at mark at of the policy file.  Returns -1. */
static int __attribute__((format(printf, 3, 4)))
fail(struct loader *ld, struct policy_mark at, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return fail_cls(ld, RD_EINPUT, at, "%s", msg);
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

/* Line line (1-based) of path into buf[size] (its first size - 1
   bytes): 1, or 0 when the file cannot be read or is shorter. */
static int
read_line(const char *path, long line, char *buf, size_t size)
{
	FILE *fp;
	long n = 0;

	if (line <= 0 || size > INT_MAX || (fp = fopen(path, "rb")) == NULL)
		return 0;
	while (n < line && fgets(buf, (int)size, fp) != NULL)
		n++;
	fclose(fp);
	return n == line;
}

/*
 * A YAML value that starts with a double-quoted name and goes on
 * ("when: \"monthly income\" > 5000") is a YAML syntax error: the quotes
 * end the scalar.  When line (1-based) of path holds one, write into hint
 * how to quote the value whole; else make hint empty.
 */
static void
quoted_name_hint(const char *path, long line, char *hint, size_t len)
{
	char buf[1024], value[320], *key, *q, *end, *p;
	size_t off = 0;
	int flow;

	hint[0] = '\0';
	if (!read_line(path, line, buf, sizeof buf))
		return;
	buf[strcspn(buf, "\r\n")] = '\0';
	/* "key: \"...\" more", the key a plain word. */
	for (q = buf; (q = strstr(q, ": \"")) != NULL; q++) {
		for (key = q; key > buf && (isalnum((unsigned char)key[-1]) ||
		    key[-1] == '_'); key--)
			;
		if (key == q)
			continue;
		for (end = q + 3; *end != '\0' && *end != '"'; end++)
			if (*end == '\\' && end[1] != '\0')
				end++;
		if (*end != '"')
			return;
		for (p = end + 1; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#' || *p == ',' || *p == '}' ||
		    *p == ']')
			continue;
		flow = memchr(buf, '{', (size_t)(key - buf)) != NULL;
		/* The value up to the line's end, or in a flow mapping to
		   the next ',' or '}'. */
		for (p = q + 2; *p != '\0' && off + 3 < sizeof value; p++) {
			if (flow && p > end && (*p == ',' || *p == '}'))
				break;
			if (*p == '\'')
				value[off++] = '\'';
			value[off++] = *p;
		}
		while (off > 0 && value[off - 1] == ' ')
			off--;
		value[off] = '\0';
		snprintf(hint, len, "; a value that starts with a quoted name "
		    "must be quoted whole, in single quotes: %.*s: '%.300s'",
		    q - key > 40 ? 40 : (int)(q - key), key, value);
		return;
	}
}

/*
 * libyaml's reader refused the text as UTF-8.  It points at the byte that
 * breaks a sequence ("\xE8v": the 'v'); the error points at the first
 * invalid byte, the sequence's lead byte (libyaml has read every byte
 * before it as valid UTF-8, so the lead is the last byte at or above 0xC0
 * among the three before), says what it would be in latin1 and cp1252,
 * and how to convert the file: a policy is read as UTF-8 only.
 */
static int
utf8_error(struct loader *ld, const yaml_parser_t *parser)
{
	size_t off = parser->problem_offset, start, n = 0, k;
	unsigned char b[4], lead, stop = 0;
	int broken = 0;
	char what[192];
	FILE *fp;

	/* The bytes off - 3 .. off, as many as there are. */
	start = off >= 3 ? off - 3 : 0;
	if ((fp = fopen(ld->path, "rb")) != NULL) {
		if (fseek(fp, (long)start, SEEK_SET) == 0)
			n = fread(b, 1, off - start + 1, fp);
		fclose(fp);
	}
	if (strstr(parser->problem, "trailing") != NULL && off - start < n) {
		/* At the byte that breaks the sequence off. */
		stop = b[off - start];
		for (k = off - start; k > 0 && !broken; k--)
			if (b[k - 1] >= 0xC0) {
				broken = 1;
				off = start + k - 1;
			}
	} else if (strstr(parser->problem, "incomplete") != NULL) {
		broken = 1;	/* at the lead; the file ends */
	}
	lead = off - start < n ? b[off - start] : 0;
	if (lead < 0x80)	/* not what was expected: libyaml's words */
		return fail(ld, offset_mark(ld->path, parser->problem_offset),
		    "invalid YAML: %s", parser->problem);
	return fail(ld, offset_mark(ld->path, off), "invalid YAML: expected "
	    "UTF-8 text, found %s; a policy is read as UTF-8: convert the "
	    "file, e.g. with iconv -f %s -t UTF-8",
	    enc_invalid_text(what, sizeof what, lead, broken, stop),
	    enc_byte_guess(lead, stop));
}

/*
 * A tab where YAML wants indentation ("found character that cannot start
 * any token" is libyaml's word for it): when line (1-based) of path
 * begins with blanks holding a tab, write into hint that YAML indents
 * with spaces only; else leave hint as it is.
 */
static void
tab_hint(const char *path, long line, char *hint, size_t len)
{
	char buf[1024];
	const char *p;

	if (!read_line(path, line, buf, sizeof buf))
		return;
	for (p = buf; *p == ' '; p++)
		;
	if (*p == '\t')
		snprintf(hint, len, "; line %ld is indented with a tab: YAML "
		    "indents with spaces only (replace the tabs with spaces)",
		    line);
}

static int
syntax_error(struct loader *ld, const yaml_parser_t *parser)
{
	struct policy_mark at, none = { 0, 0 };
	char hint[RD_ERR_MSG / 2];

	switch (parser->error) {
	case YAML_MEMORY_ERROR:
		return fail_cls(ld, RD_EIO, none, "out of memory reading YAML");
	case YAML_READER_ERROR:
		if (parser->problem != NULL &&
		    strstr(parser->problem, "UTF-8") != NULL)
			return utf8_error(ld, parser);
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
	quoted_name_hint(ld->path, at.line, hint, sizeof hint);
	if (hint[0] == '\0')
		tab_hint(ld->path, at.line, hint, sizeof hint);
	if (parser->context != NULL)
		return fail(ld, at, "invalid YAML: %s (%s at line %ld, "
		    "column %ld)%s", parser->problem, parser->context,
		    (long)parser->context_mark.line + 1,
		    (long)parser->context_mark.column + 1, hint);
	return fail(ld, at, "invalid YAML: %s%s",
	    parser->problem ? parser->problem : "unknown error", hint);
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
	if (!yaml_parser_initialize(&parser)) {
		at.line = at.col = 0;
		return fail_cls(ld, RD_EIO, at, "out of memory reading YAML");
	}
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
#define FIELDS_MAX 96

/* The key and value node of each schema row found in one mapping. */
/* The key and value node of each schema row found in one mapping, and
   whether the value was refused (its error is recorded). */
struct fields {
	const struct node *key[FIELDS_MAX];
	const struct node *val[FIELDS_MAX];
	unsigned char bad[FIELDS_MAX];
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
	case POLICY_CTX_COLLECT:
		return "in collections";
	case POLICY_CTX_COLUMNS:
		return "in collections columns";
	case POLICY_CTX_ACTION:
		return "in strategy rule";
	case POLICY_CTX_FRAUD:
		return "in fraud";
	case POLICY_CTX_FEATURE:
		return "in feature";
	case POLICY_CTX_FRULE:
		return "in fraud rule";
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
	case POLICY_CTX_COLLECT:
		return "under collections";
	case POLICY_CTX_COLUMNS:
		return "under collections' columns";
	case POLICY_CTX_ACTION:
		return "in a strategy rule";
	case POLICY_CTX_FRAUD:
		return "under fraud";
	case POLICY_CTX_FEATURE:
		return "in a feature";
	case POLICY_CTX_FRULE:
		return "in a fraud rule";
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

/*
 * A plain number YAML 1.1 reads otherwise than we would: a leading zero
 * ("0520" is octal 336 there) or hexadecimal ("0x1F4"), which strtod
 * would read as 520 and 500.  Rather than guess, refuse it and say how to
 * write it.  Returns 0, or -1 with the error recorded.
 */
static int
check_number_form(struct loader *ld, const struct policy_key *row,
	const struct node *v)
{
	const char *t = v->text;
	char fix[64], buf[DESCRIBE_BUF];
	size_t sign = 0, i;
	double d;
	int octal = 1;

	if (*t == '+' || *t == '-')
		sign = 1;
	t += sign;
	if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
		if (node_number(v, &d) == 0)
			return fail(ld, v->at, "expected a decimal number for "
			    "\"%s\", found hexadecimal %s; write %.15g",
			    row->name, describe(v, buf), d);
		return fail(ld, v->at, "expected a decimal number for \"%s\", "
		    "found hexadecimal %s; write it in decimal digits",
		    row->name, describe(v, buf));
	}
	if (t[0] != '0' || !isdigit((unsigned char)t[1]))
		return 0;
	while (t[0] == '0' && isdigit((unsigned char)t[1]))
		t++;
	snprintf(fix, sizeof fix, "%.*s%s", (int)sign, v->text, t);
	for (i = sign; v->text[i] != '\0'; i++)
		if (v->text[i] < '0' || v->text[i] > '7')
			octal = 0;
	if (octal)
		return fail(ld, v->at, "expected a decimal number for \"%s\", "
		    "found %s with a leading zero, which YAML 1.1 reads as "
		    "octal (%s%lu); write %s", row->name, describe(v, buf),
		    sign && v->text[0] == '-' ? "-" : "",
		    strtoul(v->text + sign, NULL, 8), fix);
	return fail(ld, v->at, "expected a decimal number for \"%s\", found %s "
	    "with a leading zero; write %s", row->name, describe(v, buf), fix);
}

/*
 * Check value v of key row against the row's type and range.  Returns 0,
 * or -1 with the error recorded: the value is then not to be used.  A
 * list's items that are not mappings are each reported, but the list is
 * kept (0): its other items are still checked.
 */
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
		if (v->kind == NODE_SCALAR && v->plain && !v->str_tag &&
		    strlen(v->text) == v->len &&
		    check_number_form(ld, row, v) < 0)
			return -1;
		if (node_number(v, &d) < 0) {
			if (v->kind == NODE_SCALAR && (!v->plain ||
			    v->str_tag) && v->len > 0)
				return fail(ld, v->at, "expected a number for "
				    "\"%s\", found the string %s", row->name,
				    describe(v, buf));
			return fail(ld, v->at, "expected a number for \"%s\", "
			    "found %s", row->name, describe(v, buf));
		}
		if (d < row->min || d > row->max) {
			/* An open end is not a number to print ("inf"). */
			if (isinf(row->max) && !isinf(row->min))
				return fail(ld, v->at, "%s must be at least %g, "
				    "found %s", row->name, row->min, v->text);
			if (isinf(row->min) && !isinf(row->max))
				return fail(ld, v->at, "%s must be at most %g, "
				    "found %s", row->name, row->max, v->text);
			return fail(ld, v->at, "%s must be between %g and %g, "
			    "found %s", row->name, row->min, row->max,
			    v->text);
		}
		return 0;
	case POLICY_T_MAP:
		if (v->kind != NODE_MAP)
			return fail(ld, v->at, "expected a mapping for \"%s\", "
			    "found %s", row->name, describe(v, buf));
		return 0;
	case POLICY_T_NAMES:
		if (v->kind == NODE_SCALAR && v->len > 0 && !node_is_null(v) &&
		    strlen(v->text) == v->len)
			return 0;
		if (v->kind == NODE_LIST && v->nkid == 0)
			return fail(ld, v->at, "expected at least one key "
			    "column in \"%s\", found an empty list: name the "
			    "column (or columns) whose values must match",
			    row->name);
		if (v->kind != NODE_LIST)
			return fail(ld, v->at, "expected a column name or a "
			    "list of column names for \"%s\", found %s",
			    row->name, describe(v, buf));
		for (i = 0; i < v->nkid; i++)
			if (v->kid[i]->kind != NODE_SCALAR ||
			    v->kid[i]->len == 0 || node_is_null(v->kid[i]) ||
			    strlen(v->kid[i]->text) != v->kid[i]->len)
				return fail(ld, v->kid[i]->at, "expected a "
				    "column name for each item of \"%s\", "
				    "found %s", row->name,
				    describe(v->kid[i], buf));
		return 0;
	case POLICY_T_LIST:
		if (v->kind != NODE_LIST)
			return fail(ld, v->at, "expected a list for \"%s\", "
			    "found %s", row->name, describe(v, buf));
		for (i = 0; i < v->nkid; i++)
			if (v->kid[i]->kind != NODE_MAP)
				fail(ld, v->kid[i]->at, "expected a mapping "
				    "for each item of \"%s\", found %s",
				    row->name, describe(v->kid[i], buf));
		return 0;
	}
	return 0;
}

/*
 * Check every key of mapping map against the rows of ctx and record the
 * nodes in *f: unknown keys, non-scalar keys, duplicates (the first is
 * kept), types, ranges; each error is recorded and the walk goes on.
 * Required keys are check_required's, once the item can be named.
 */
static void
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
		if (k->kind != NODE_SCALAR) {
			fail(ld, k->at, "expected a key name, found %s",
			    describe(k, buf));
			continue;
		}
		if ((row = policy_schema_find(ctx, k->text)) == NULL) {
			unknown_key(ld, k, ctx);
			continue;
		}
		idx = (size_t)(row - policy_schema);
		if (f->key[idx] != NULL) {
			fail(ld, k->at, "duplicate key \"%s\" (first at line "
			    "%ld)", k->text, f->key[idx]->at.line);
			continue;
		}
		f->key[idx] = k;
		f->val[idx] = v;
		f->bad[idx] = check_value(ld, row, v) < 0;
	}
}

/* The row of key name of ctx, which must exist. */
static size_t
row_of(enum policy_ctx ctx, const char *name)
{
	const struct policy_key *row = policy_schema_find(ctx, name);

	assert(row != NULL);
	return (size_t)(row - policy_schema);
}

/* The value of key name of ctx in *f, or NULL when absent or refused. */
static const struct node *
field(const struct fields *f, enum policy_ctx ctx, const char *name)
{
	size_t i = row_of(ctx, name);

	return f->bad[i] ? NULL : f->val[i];
}

/* Whether key name of ctx is written in *f, refused or not. */
static int
given(const struct fields *f, enum policy_ctx ctx, const char *name)
{
	return f->key[row_of(ctx, name)] != NULL;
}

/*
 * Record the required keys of ctx missing from mapping map.  where names
 * the item (" in segment \"x\"", or "" at the top level); last says
 * whether map is the last item of its list, for POLICY_REQUIRED_BUT_LAST.
 */
static void
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
		if (ctx == POLICY_CTX_TOP && ld->skip_approval &&
		    (strcmp(row->name, "scorecard") == 0 ||
		    strcmp(row->name, "population") == 0 ||
		    strcmp(row->name, "segments") == 0))
			continue;
		switch (row->need) {
		case POLICY_OPTIONAL:
			break;
		case POLICY_REQUIRED_UNLESS_FRAUD:
			if (f->key[i] == NULL && !ld->fraud_only)
				fail(ld, map->at, "missing required key "
				    "\"%s\"%s", row->name, where);
			break;
		case POLICY_REQUIRED:
			if (f->key[i] == NULL)
				fail(ld, map->at, "missing required key "
				    "\"%s\"%s", row->name, where);
			break;
		case POLICY_REQUIRED_BUT_LAST:
			if (!last && f->key[i] == NULL)
				fail(ld, map->at, "missing required key "
				    "\"%s\"%s; only the last %s, %s, may leave "
				    "it out", row->name, where,
				    policy_ctx_name(ctx), ctx == POLICY_CTX_BAND ?
				    "open above" : "the default");
			if (last && f->key[i] != NULL)
				fail(ld, f->key[i]->at, "the last %s %s and "
				    "takes no '%s'", policy_ctx_name(ctx),
				    ctx == POLICY_CTX_BAND ? "is open above" :
				    "is the default", row->name);
			break;
		}
	}
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

static char *
text_of(const struct node *n)
{
	return n != NULL ? xstrdup(n->text) : NULL;
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

static void
build_knockouts(struct loader *ld, struct policy *p, const struct node *list)
{
	struct fields f;
	struct policy_rule *r;
	const struct node *item, *name;
	char where[128];
	size_t i, j;

	if (list == NULL)
		return;
	p->knockouts = xcalloc(list->nkid ? list->nkid : 1,
	    sizeof *p->knockouts);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (item->kind != NODE_MAP)
			continue;	/* reported by check_value */
		check_map(ld, item, POLICY_CTX_KNOCKOUT, &f);
		item_where(where, sizeof where, "knock-out", &f,
		    POLICY_CTX_KNOCKOUT, i);
		check_required(ld, item, POLICY_CTX_KNOCKOUT, &f, where, 0);
		name = field(&f, POLICY_CTX_KNOCKOUT, "name");
		for (j = 0; name != NULL && j < p->nknockouts; j++)
			if (p->knockouts[j].name != NULL &&
			    strcmp(p->knockouts[j].name, name->text) == 0) {
				fail(ld, name->at, "duplicate knock-out name "
				    "\"%s\" (first at line %ld)", name->text,
				    p->knockouts[j].at.line);
				break;
			}
		r = &p->knockouts[p->nknockouts++];
		r->name = text_of(name);
		r->when = text_of(field(&f, POLICY_CTX_KNOCKOUT, "when"));
		r->reason = text_of(field(&f, POLICY_CTX_KNOCKOUT, "reason"));
		r->at = item->at;
		r->when_at = mark_of(field(&f, POLICY_CTX_KNOCKOUT, "when"));
	}
}

/*
 * The income limits of band b from list (may be NULL).  Ascending
 * min_income, each strictly above the one before.
 */
static void
build_income(struct loader *ld, struct policy_band *b, const struct node *list)
{
	struct policy_income_limit *il, *prev = NULL;
	struct fields f;
	const struct node *item, *mi;
	char where[128];
	size_t i;

	if (list == NULL)
		return;
	if (list->nkid == 0) {
		fail(ld, list->at, "expected at least one income band in "
		    "\"income_limits\"");
		return;
	}
	b->income = xcalloc(list->nkid, sizeof *b->income);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (item->kind != NODE_MAP) {
			prev = NULL;
			continue;
		}
		check_map(ld, item, POLICY_CTX_INCOME, &f);
		snprintf(where, sizeof where, " in income limit %zu", i + 1);
		check_required(ld, item, POLICY_CTX_INCOME, &f, where, 0);
		mi = field(&f, POLICY_CTX_INCOME, "min_income");
		il = &b->income[b->nincome++];
		il->min_income = number_of(mi);
		il->limit = number_of(field(&f, POLICY_CTX_INCOME, "limit"));
		il->at = item->at;
		if (mi != NULL && prev != NULL &&
		    il->min_income <= prev->min_income)
			fail(ld, mi->at, "income bands must ascend: min_income "
			    "%s is not above %g (line %ld)", mi->text,
			    prev->min_income, prev->at.line);
		/* An unknown min_income breaks the chain: nothing to
		   compare the next one with. */
		prev = mi != NULL ? il : NULL;
	}
}

/*
 * The score bands of segment s (called label in messages) from list (may
 * be NULL): contiguous, ascending, the first at or below the cutoff.  A
 * band whose bounds are unknown (refused or missing, already reported) is
 * not compared with its neighbours.
 */
static void
build_bands(struct loader *ld, struct policy *p, struct policy_segment *s,
	const char *label, const struct node *list)
{
	struct policy_band *b, *prev = NULL;
	struct fields f;
	const struct node *item, *from, *to, *limit, *il, *apr;
	char where[160];
	size_t i;
	int last;

	if (list == NULL)
		return;
	if (list->nkid == 0) {
		fail(ld, list->at, "expected at least one band in \"bands\"");
		return;
	}
	s->bands = xcalloc(list->nkid, sizeof *s->bands);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		last = i + 1 == list->nkid;
		if (item->kind != NODE_MAP) {
			prev = NULL;
			continue;
		}
		check_map(ld, item, POLICY_CTX_BAND, &f);
		snprintf(where, sizeof where, " in band %zu of segment "
		    "\"%.64s\"", i + 1, label);
		check_required(ld, item, POLICY_CTX_BAND, &f, where, last);
		from = field(&f, POLICY_CTX_BAND, "from");
		to = last ? NULL : field(&f, POLICY_CTX_BAND, "to");
		limit = field(&f, POLICY_CTX_BAND, "limit");
		il = field(&f, POLICY_CTX_BAND, "income_limits");
		apr = field(&f, POLICY_CTX_BAND, "apr");
		b = &s->bands[s->nbands++];
		b->from = number_of(from);
		b->to = last ? INFINITY : number_of(to);
		b->limit = number_of(limit);
		b->apr = number_of(apr);
		b->at = item->at;
		b->from_at = mark_of(from);
		b->to_at = mark_of(to);
		if (from != NULL && to != NULL && b->to <= b->from)
			fail(ld, to->at, "band %zu of segment \"%s\" ends at "
			    "%s, not above where it starts (%s)", i + 1, label,
			    to->text, from->text);
		if (i == 0 && from != NULL && b->from > s->cutoff)
			fail(ld, from->at, "band 1 of segment \"%s\" starts at "
			    "%s, above the cutoff (%g): approved scores below "
			    "it would have no band", label, from->text,
			    s->cutoff);
		if (prev != NULL && from != NULL) {
			if (b->from < prev->to)
				fail(ld, from->at, "score bands overlap: band "
				    "%zu of segment \"%s\" starts at %s, below "
				    "the end of band %zu (%g)", i + 1, label,
				    from->text, i, prev->to);
			else if (b->from > prev->to)
				fail(ld, from->at, "score bands leave a gap: "
				    "band %zu of segment \"%s\" starts at %s, "
				    "band %zu ends at %g", i + 1, label,
				    from->text, i, prev->to);
		}
		if (limit != NULL && il != NULL)
			fail(ld, il->at, "a band takes \"limit\" or "
			    "\"income_limits\", not both");
		if (il != NULL && p->income == NULL && !ld->income_given)
			fail(ld, il->at, "income_limits need an income: add "
			    "\"income\" at the top level");
		build_income(ld, b, il);
		if (apr != NULL)
			p->priced = 1;
		/* NaN bounds compare false: no neighbour checks. */
		prev = b;
	}
}

/*
 * Segment k's lgd or ead (key) node: its own, else loss's.  Missing from
 * both is an error, unless one of them was written and refused.
 */
static const struct node *
inherited(struct loader *ld, const struct fields *f, const struct fields *loss,
	const char *key, const struct node *item, const char *label)
{
	const struct node *n = field(f, POLICY_CTX_SEGMENT, key);

	if (n != NULL || given(f, POLICY_CTX_SEGMENT, key))
		return n;
	if (loss != NULL && (n = field(loss, POLICY_CTX_LOSS, key)) != NULL)
		return n;
	if (ld->loss_bad || (loss != NULL && given(loss, POLICY_CTX_LOSS,
	    key)))
		return NULL;
	fail(ld, item->at, "no %s for segment \"%s\"; give one in the segment "
	    "or a default under loss", key, label);
	return NULL;
}

static void
build_segments(struct loader *ld, struct policy *p, const struct node *list,
	const struct fields *loss)
{
	const struct node *item, *name, *when, *refer, *lgd, *ead, *cutoff;
	struct policy_segment *s;
	struct fields f;
	char where[128], label[80];
	size_t i, j;
	int last;

	if (list->nkid == 0) {
		fail(ld, list->at, "expected at least one segment in "
		    "\"segments\"");
		return;
	}
	p->segments = xcalloc(list->nkid, sizeof *p->segments);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		last = i + 1 == list->nkid;
		if (item->kind != NODE_MAP)
			continue;
		check_map(ld, item, POLICY_CTX_SEGMENT, &f);
		item_where(where, sizeof where, "segment", &f,
		    POLICY_CTX_SEGMENT, i);
		check_required(ld, item, POLICY_CTX_SEGMENT, &f, where, last);
		name = field(&f, POLICY_CTX_SEGMENT, "name");
		if (name != NULL)
			snprintf(label, sizeof label, "%.64s", name->text);
		else
			snprintf(label, sizeof label, "#%zu", i + 1);
		for (j = 0; name != NULL && j < p->nsegments; j++)
			if (p->segments[j].name != NULL &&
			    strcmp(p->segments[j].name, name->text) == 0) {
				fail(ld, name->at, "duplicate segment name "
				    "\"%s\" (first at line %ld)", name->text,
				    p->segments[j].at.line);
				break;
			}
		when = last ? NULL : field(&f, POLICY_CTX_SEGMENT, "when");
		cutoff = field(&f, POLICY_CTX_SEGMENT, "cutoff");
		refer = field(&f, POLICY_CTX_SEGMENT, "refer");
		if (refer != NULL && cutoff != NULL &&
		    number_of(refer) >= number_of(cutoff))
			fail(ld, refer->at, "refer (%s) must be below cutoff "
			    "(%s)", refer->text, cutoff->text);
		lgd = inherited(ld, &f, loss, "lgd", item, label);
		ead = inherited(ld, &f, loss, "ead", item, label);

		s = &p->segments[p->nsegments++];
		s->name = text_of(name);
		s->when = text_of(when);
		s->cutoff = number_of(cutoff);
		s->refer = number_of(refer);
		s->lgd = number_of(lgd);
		s->ead = text_of(ead);
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
			if (p->segments[j].when != NULL &&
			    same_expr(p->segments[j].when, when->text)) {
				fail(ld, when->at, "segment \"%s\" can never "
				    "be reached: segment \"%s\" (line %ld) has "
				    "the same condition", label,
				    p->segments[j].name != NULL ?
				    p->segments[j].name : "?",
				    p->segments[j].at.line);
				break;
			}
		build_bands(ld, p, s, label, field(&f, POLICY_CTX_SEGMENT,
		    "bands"));
	}
}

/* The top-level "reason_codes" mapping (may be NULL) into p: each key a
   characteristic, once; each value a code. */
static void
build_reasons(struct loader *ld, struct policy *p, const struct node *n)
{
	char buf[DESCRIBE_BUF];
	size_t i, j;

	if (n == NULL || n->kind != NODE_MAP)
		return;
	p->reasons = xcalloc(n->nkid / 2 + 1, sizeof *p->reasons);
	for (i = 0; i + 1 < n->nkid; i += 2) {
		const struct node *k = n->kid[i], *v = n->kid[i + 1];
		int dup = 0;

		if (k->kind != NODE_SCALAR || k->len == 0 ||
		    strlen(k->text) != k->len) {
			fail(ld, k->at, "expected a characteristic's name as a "
			    "key of \"reason_codes\", found %s",
			    describe(k, buf));
			continue;
		}
		for (j = 0; j < p->nreasons; j++)
			if (strcmp(p->reasons[j].characteristic, k->text) == 0) {
				fail(ld, k->at, "\"%s\" is given a reason code "
				    "twice (first at line %ld)", k->text,
				    p->reasons[j].at.line);
				dup = 1;
				break;
			}
		if (dup)
			continue;
		if (v->kind != NODE_SCALAR || v->len == 0 || node_is_null(v) ||
		    strlen(v->text) != v->len) {
			fail(ld, v->at, "expected a reason code (a string) for "
			    "\"%s\" in \"reason_codes\", found %s", k->text,
			    describe(v, buf));
			continue;
		}
		p->reasons[p->nreasons].characteristic = xstrdup(k->text);
		p->reasons[p->nreasons].code = xstrdup(v->text);
		p->reasons[p->nreasons].at = k->at;
		p->nreasons++;
	}
}

const char *
policy_reason_code(const struct policy *p, const char *name)
{
	size_t k;

	for (k = 0; k < p->nreasons; k++)
		if (strcmp(p->reasons[k].characteristic, name) == 0)
			return p->reasons[k].code;
	return name;
}

/* The top-level "hit" (may be NULL) into p. */
static void
build_hit(struct loader *ld, struct policy *p, const struct node *n)
{
	size_t k;

	p->hit = POLICY_HIT_FIRST;
	if (n == NULL)
		return;
	p->hit_at = n->at;
	for (k = 0; k <= POLICY_HIT_UNIQUE; k++)
		if (strcmp(n->text, policy_hit_names[k]) == 0) {
			p->hit = (enum policy_hit)k;
			return;
		}
	fail(ld, n->at, "expected first or unique for \"hit\", found "
	    "\"%.64s\"", n->text);
}

/* ------------------------------------------------------------ collections */

int
policy_treatment_index(const struct policy_collect *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ntreat; i++)
		if (strcmp(c->treat[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* "sms, letter, call" (at most len bytes) into buf: the treatments of c. */
static const char *
treatment_list(const struct policy_collect *c, char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < c->ntreat && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		    c->treat[i].name);
	return buf;
}

/*
 * A mapping of treatment names to numbers >= 0 (costs, capacity): each
 * key a name, once; each value a plain decimal number >= 0.  fn(arg, key,
 * value node, number) for each good entry.
 */
static void
treatment_map(struct loader *ld, const struct node *n, const char *what,
	void (*fn)(struct loader *, void *, const struct node *,
	const struct node *, double), void *arg)
{
	static const struct policy_key row = { POLICY_CTX_COLLECT, "", 
	    POLICY_T_NUMBER, POLICY_OPTIONAL, 0, INFINITY, NULL, NULL };
	struct policy_key r = row;
	char buf[DESCRIBE_BUF];
	size_t i, j;
	double d;

	if (n == NULL || n->kind != NODE_MAP)
		return;
	r.name = what;
	for (i = 0; i + 1 < n->nkid; i += 2) {
		const struct node *k = n->kid[i], *v = n->kid[i + 1];
		int dup = 0;

		if (k->kind != NODE_SCALAR || k->len == 0 ||
		    strlen(k->text) != k->len) {
			fail(ld, k->at, "expected a treatment's name as a key "
			    "of \"%s\", found %s", what, describe(k, buf));
			continue;
		}
		for (j = 0; j < i; j += 2)
			if (n->kid[j]->kind == NODE_SCALAR &&
			    strcmp(n->kid[j]->text, k->text) == 0) {
				fail(ld, k->at, "treatment \"%s\" is given "
				    "twice in \"%s\" (first at line %ld)",
				    k->text, what, n->kid[j]->at.line);
				dup = 1;
				break;
			}
		if (dup)
			continue;
		if (v->kind == NODE_SCALAR && v->plain && !v->str_tag &&
		    check_number_form(ld, &r, v) != 0)
			continue;
		if (node_number(v, &d) != 0 || d < 0) {
			fail(ld, v->at, "expected a number >= 0 for \"%s\" in "
			    "\"%s\", found %s", k->text, what,
			    describe(v, buf));
			continue;
		}
		fn(ld, arg, k, v, d);
	}
}

static void
add_cost(struct loader *ld, void *arg, const struct node *k,
	const struct node *v, double d)
{
	struct policy_collect *c = arg;
	struct policy_treatment *t = &c->treat[c->ntreat++];

	(void)ld;
	(void)v;
	t->name = xstrdup(k->text);
	t->cost = d;
	t->capacity = INFINITY;
	t->at = k->at;
}

static void
add_capacity(struct loader *ld, void *arg, const struct node *k,
	const struct node *v, double d)
{
	struct policy_collect *c = arg;
	char list[256];
	int t = policy_treatment_index(c, k->text);

	if (t < 0) {
		fail(ld, k->at, "unknown treatment \"%.64s\" in \"capacity\": "
		    "expected one of the treatments of costs (%s)", k->text,
		    treatment_list(c, list, sizeof list));
		return;
	}
	if (d != floor(d)) {
		fail(ld, v->at, "capacity of \"%.64s\" must be a whole number "
		    "of accounts, found %s", k->text, v->text);
		return;
	}
	c->treat[t].capacity = d;
	c->treat[t].capacity_at = k->at;
}

/* The treatment named by node n of a strategy rule (key: "treatment" or
   "challenger"); its index or (size_t)-1 with the error recorded. */
static size_t
rule_treatment(struct loader *ld, const struct policy_collect *c,
	const struct node *n, const char *key, const char *rule)
{
	char list[256];
	int t;

	if (n == NULL)
		return (size_t)-1;
	if ((t = policy_treatment_index(c, n->text)) >= 0)
		return (size_t)t;
	if (c->ntreat == 0)
		fail(ld, n->at, "treatment \"%.64s\" of strategy rule \"%s\" "
		    "has no cost: add it to costs", n->text, rule);
	else
		fail(ld, n->at, "%s \"%.64s\" of strategy rule \"%s\" has no "
		    "cost: add it to costs (costs has %s)", key, n->text,
		    rule, treatment_list(c, list, sizeof list));
	return (size_t)-1;
}

static void
build_strategy(struct loader *ld, struct policy_collect *c,
	const struct node *list)
{
	struct fields f;
	struct policy_action *r;
	const struct node *item, *name, *ch, *sh, *sm;
	char where[128];
	size_t i, j;

	c->rules = xcalloc(list->nkid ? list->nkid : 1, sizeof *c->rules);
	if (list->nkid == 0)
		fail(ld, list->at, "\"strategy\" has no rule: expected a list "
		    "of rules {name, when, treatment}");
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (item->kind != NODE_MAP)
			continue;	/* reported by check_value */
		check_map(ld, item, POLICY_CTX_ACTION, &f);
		item_where(where, sizeof where, "strategy rule", &f,
		    POLICY_CTX_ACTION, i);
		check_required(ld, item, POLICY_CTX_ACTION, &f, where, 0);
		name = field(&f, POLICY_CTX_ACTION, "name");
		for (j = 0; name != NULL && j < c->nrules; j++)
			if (c->rules[j].name != NULL &&
			    strcmp(c->rules[j].name, name->text) == 0) {
				fail(ld, name->at, "duplicate strategy rule "
				    "name \"%s\" (first at line %ld)",
				    name->text, c->rules[j].at.line);
				break;
			}
		r = &c->rules[c->nrules++];
		r->name = name != NULL ? xstrdup(name->text) :
		    xstrdup(where + 4);
		r->when = text_of(field(&f, POLICY_CTX_ACTION, "when"));
		r->at = item->at;
		r->when_at = mark_of(field(&f, POLICY_CTX_ACTION, "when"));
		r->treatment_at = mark_of(field(&f, POLICY_CTX_ACTION,
		    "treatment"));
		r->treatment = rule_treatment(ld, c, field(&f,
		    POLICY_CTX_ACTION, "treatment"), "treatment", r->name);
		ch = field(&f, POLICY_CTX_ACTION, "challenger");
		sh = field(&f, POLICY_CTX_ACTION, "share");
		r->challenger = rule_treatment(ld, c, ch, "challenger",
		    r->name);
		r->challenger_at = mark_of(ch);
		r->share = sh != NULL ? number_of(sh) : 0;
		sm = field(&f, POLICY_CTX_ACTION, "stream");
		r->stream = sm != NULL ? xstrdup(sm->text) : NULL;
		if (sm != NULL && ch == NULL &&
		    !given(&f, POLICY_CTX_ACTION, "challenger"))
			fail(ld, sm->at, "stream of strategy rule \"%s\" "
			    "without a challenger: a stream only draws a "
			    "challenger's share; add challenger: <treatment> "
			    "and share: <x>, or remove stream", r->name);
		if (sm != NULL && sm->text[0] == '\0')
			fail(ld, sm->at, "stream of strategy rule \"%s\" is "
			    "empty: give a text (e.g. stream: %s) or remove "
			    "it", r->name, r->name);
		if (ch != NULL && sh == NULL &&
		    !given(&f, POLICY_CTX_ACTION, "share"))
			fail(ld, ch->at, "challenger \"%.64s\" of strategy rule "
			    "\"%s\" has no share: add share: 0.1 (say) for "
			    "the share of its accounts given the challenger",
			    ch->text, r->name);
		if (sh != NULL && ch == NULL &&
		    !given(&f, POLICY_CTX_ACTION, "challenger"))
			fail(ld, sh->at, "share of strategy rule \"%s\" without "
			    "a challenger: add challenger: <treatment>",
			    r->name);
		if (sh != NULL && (r->share <= 0 || r->share >= 1))
			fail(ld, sh->at, "share must be above 0 and below 1, "
			    "found %s", sh->text);
		if (r->challenger != (size_t)-1 &&
		    r->challenger == r->treatment)
			fail(ld, ch->at, "challenger \"%s\" of strategy rule "
			    "\"%s\" is its own treatment: a test needs "
			    "another treatment", ch->text, r->name);
	}
}

/* The "columns" mapping (may be NULL) into c, with the defaults. */
static void
build_collect_columns(struct loader *ld, struct policy_collect *c,
	const struct node *n)
{
	struct fields f;
	const struct node *v;

	memset(&f, 0, sizeof f);
	if (n != NULL)
		check_map(ld, n, POLICY_CTX_COLUMNS, &f);
#define COL(key, dflt) ((v = field(&f, POLICY_CTX_COLUMNS, key)) != NULL ? \
	xstrdup(v->text) : (dflt) != NULL ? xstrdup(dflt) : NULL)
	c->account = COL("account", "account");
	c->month = COL("month", "month");
	c->bucket = COL("bucket", "bucket");
	c->balance = COL("balance", "balance");
	c->score = COL("score", (const char *)NULL);
	c->treatment = COL("treatment", "treatment");
#undef COL
}

/* The "collections" mapping n into p->collect. */
static void
build_collect(struct loader *ld, struct policy *p, const struct node *n)
{
	struct fields f;
	struct policy_collect *c;
	const struct node *v, *costs;

	check_map(ld, n, POLICY_CTX_COLLECT, &f);
	check_required(ld, n, POLICY_CTX_COLLECT, &f, " in collections", 0);
	c = p->collect = xcalloc(1, sizeof *c);
	c->at = n->at;
	v = field(&f, POLICY_CTX_COLLECT, "snapshots");
	c->snapshots = text_of(v);
	c->snapshots_at = mark_of(v);
	v = field(&f, POLICY_CTX_COLLECT, "treatments");
	c->treatments = text_of(v);
	c->treatments_at = mark_of(v);
	build_collect_columns(ld, c, field(&f, POLICY_CTX_COLLECT, "columns"));
	costs = field(&f, POLICY_CTX_COLLECT, "costs");
	c->treat = xcalloc(costs != NULL ? costs->nkid / 2 + 1 : 1,
	    sizeof *c->treat);
	treatment_map(ld, costs, "costs", add_cost, c);
	if (costs != NULL && costs->kind == NODE_MAP && costs->nkid == 0)
		fail(ld, costs->at, "\"costs\" has no treatment: expected "
		    "{treatment: cost, ...}, e.g. {sms: 0.05, call: 4}");
	treatment_map(ld, field(&f, POLICY_CTX_COLLECT, "capacity"),
	    "capacity", add_capacity, c);
	v = field(&f, POLICY_CTX_COLLECT, "strategy");
	if (v != NULL)
		build_strategy(ld, c, v);
}

static void
collect_free(struct policy_collect *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ntreat; i++)
		free(c->treat[i].name);
	for (i = 0; i < c->nrules; i++) {
		free(c->rules[i].name);
		free(c->rules[i].when);
		free(c->rules[i].stream);
	}
	free(c->treat);
	free(c->rules);
	free(c->snapshots);
	free(c->treatments);
	free(c->account);
	free(c->month);
	free(c->bucket);
	free(c->balance);
	free(c->score);
	free(c->treatment);
	free(c);
}

/* ------------------------------------------------------------- fraud: */

const char *const policy_fraud_action_names[] = { "refer", "decline" };

int
policy_window_parse(const char *text, double *seconds)
{
	const char *p = text;
	double n = 0, unit;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		/* Past 1e15 the window is far beyond POLICY_WINDOW_MAX:
		   keep it there rather than lose it to rounding. */
		if (n < 1e15)
			n = 10 * n + (*p - '0');
	}
	switch (*p) {
	case 's': unit = 1; break;
	case 'm': unit = 60; break;
	case 'h': unit = 3600; break;
	case 'd': unit = 86400; break;
	default: return -1;
	}
	if (p[1] != '\0' || n == 0)
		return -1;
	*seconds = n * unit;
	return 0;
}

int
policy_fraud_feature(const struct policy *p, const char *name)
{
	size_t k;

	for (k = 0; p->fraud != NULL && k < p->fraud->nfeatures; k++)
		if (strcmp(p->fraud->features[k].name, name) == 0)
			return (int)k;
	return -1;
}

/* The names of a POLICY_T_NAMES value (checked): heap array, *n. */
static char **
names_of(const struct node *v, size_t *n)
{
	char **out;
	size_t i;

	if (v->kind == NODE_SCALAR) {
		out = xcalloc(1, sizeof *out);
		out[0] = xstrdup(v->text);
		*n = 1;
		return out;
	}
	out = xcalloc(v->nkid, sizeof *out);
	for (i = 0; i < v->nkid; i++)
		out[i] = xstrdup(v->kid[i]->text);
	*n = v->nkid;
	return out;
}

/* Whether name is one SQLite keeps for a table's row id (any case). */
static int
feature_name_reserved(const char *name)
{
	return strcasecmp(name, "rowid") == 0 ||
	    strcasecmp(name, "oid") == 0 ||
	    strcasecmp(name, "_rowid_") == 0;
}

static void
build_features(struct loader *ld, struct policy_fraud *fr,
	const struct node *list)
{
	static const char *const aggs[] = { "count", "distinct", "sum" };
	struct policy_feature *ft;
	struct fields f;
	const struct node *item, *name, *within, *same, *agg[3];
	char where[128];
	size_t i, j, k, nagg;

	if (list == NULL)
		return;
	if (list->nkid > POLICY_FRAUD_MAX_FEATURES) {
		fail(ld, list->at, "too many features: %zu, at most %d",
		    list->nkid, POLICY_FRAUD_MAX_FEATURES);
		return;
	}
	fr->features = xcalloc(list->nkid ? list->nkid : 1,
	    sizeof *fr->features);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (item->kind != NODE_MAP)
			continue;
		check_map(ld, item, POLICY_CTX_FEATURE, &f);
		item_where(where, sizeof where, "feature", &f,
		    POLICY_CTX_FEATURE, i);
		check_required(ld, item, POLICY_CTX_FEATURE, &f, where, 0);
		name = field(&f, POLICY_CTX_FEATURE, "name");
		for (j = 0; name != NULL && j < fr->nfeatures; j++)
			if (fr->features[j].name == NULL ||
			    strcasecmp(fr->features[j].name, name->text) != 0)
				continue;
			else if (strcmp(fr->features[j].name,
			    name->text) == 0) {
				fail(ld, name->at, "duplicate feature name "
				    "\"%s\" (first at line %ld)", name->text,
				    fr->features[j].at.line);
				break;
			} else {
				fail(ld, name->at, "feature name \"%s\" differs "
				    "only in case from \"%s\" (line %ld): "
				    "column names are not case-sensitive, so "
				    "give the feature another name", name->text,
				    fr->features[j].name,
				    fr->features[j].at.line);
				break;
			}
		if (name != NULL && feature_name_reserved(name->text))
			fail(ld, name->at, "feature name \"%s\" is reserved "
			    "(rowid, oid and _rowid_ name a table's row id): "
			    "give the feature another name", name->text);
		ft = &fr->features[fr->nfeatures++];
		ft->name = text_of(name);
		ft->name_at = mark_of(name);
		ft->at = item->at;
		nagg = 0;
		for (k = 0; k < 3; k++) {
			agg[k] = field(&f, POLICY_CTX_FEATURE, aggs[k]);
			nagg += given(&f, POLICY_CTX_FEATURE, aggs[k]);
		}
		if (nagg != 1)
			fail(ld, item->at, "expected one of count, distinct "
			    "or sum%s, found %s", where, nagg == 0 ? "none" :
			    "more than one");
		if (agg[0] != NULL) {
			ft->agg = POLICY_FRAUD_COUNT;
			ft->column_at = agg[0]->at;
			if (strcmp(agg[0]->text, "earlier") != 0)
				fail(ld, agg[0]->at, "expected \"earlier\" for "
				    "\"count\" (count: earlier counts the "
				    "earlier events with the same key), found "
				    "\"%.64s\"", agg[0]->text);
		} else if (agg[1] != NULL || agg[2] != NULL) {
			const struct node *c = agg[1] != NULL ? agg[1] :
			    agg[2];

			ft->agg = agg[1] != NULL ? POLICY_FRAUD_DISTINCT :
			    POLICY_FRAUD_SUM;
			ft->column = text_of(c);
			ft->column_at = c->at;
		}
		same = field(&f, POLICY_CTX_FEATURE, "same");
		if (same != NULL) {
			ft->same = names_of(same, &ft->nsame);
			ft->same_at = same->kind == NODE_LIST ?
			    same->kid[0]->at : same->at;
		}
		within = field(&f, POLICY_CTX_FEATURE, "within");
		ft->within_at = mark_of(within);
		if (within != NULL && policy_window_parse(within->text,
		    &ft->within) != 0)
			fail(ld, within->at, "expected a window for \"within\": "
			    "a whole number above 0 and a unit, s, m, h or d "
			    "(7d, 24h, 90m), found \"%.64s\"", within->text);
		else if (within != NULL && ft->within > POLICY_WINDOW_MAX)
			fail(ld, within->at, "window \"%.64s\" of \"within\" "
			    "is too long: at most %.0fd (%.0f seconds, about "
			    "100 years)", within->text,
			    POLICY_WINDOW_MAX / 86400, POLICY_WINDOW_MAX);
	}
}

static void
build_fraud_rules(struct loader *ld, struct policy_fraud *fr,
	const struct node *list)
{
	struct policy_fraud_rule *r;
	struct fields f;
	const struct node *item, *name, *action, *when;
	char where[128];
	size_t i, j;

	if (list == NULL)
		return;
	if (list->nkid == 0) {
		fail(ld, list->at, "expected at least one rule in \"rules\"");
		return;
	}
	if (list->nkid > POLICY_FRAUD_MAX_RULES) {
		fail(ld, list->at, "too many fraud rules: %zu, at most %d",
		    list->nkid, POLICY_FRAUD_MAX_RULES);
		return;
	}
	fr->rules = xcalloc(list->nkid, sizeof *fr->rules);
	for (i = 0; i < list->nkid; i++) {
		item = list->kid[i];
		if (item->kind != NODE_MAP)
			continue;
		check_map(ld, item, POLICY_CTX_FRULE, &f);
		item_where(where, sizeof where, "fraud rule", &f,
		    POLICY_CTX_FRULE, i);
		check_required(ld, item, POLICY_CTX_FRULE, &f, where, 0);
		name = field(&f, POLICY_CTX_FRULE, "name");
		for (j = 0; name != NULL && j < fr->nrules; j++)
			if (fr->rules[j].name != NULL &&
			    strcmp(fr->rules[j].name, name->text) == 0) {
				fail(ld, name->at, "duplicate fraud rule name "
				    "\"%s\" (first at line %ld)", name->text,
				    fr->rules[j].at.line);
				break;
			}
		r = &fr->rules[fr->nrules++];
		r->name = text_of(name);
		when = field(&f, POLICY_CTX_FRULE, "when");
		r->when = text_of(when);
		r->when_at = mark_of(when);
		r->reason = text_of(field(&f, POLICY_CTX_FRULE, "reason"));
		r->at = item->at;
		action = field(&f, POLICY_CTX_FRULE, "action");
		r->action = POLICY_FRAUD_REFER;
		if (action != NULL) {
			if (strcmp(action->text, "decline") == 0)
				r->action = POLICY_FRAUD_DECLINE;
			else if (strcmp(action->text, "refer") != 0)
				fail(ld, action->at, "expected refer or decline "
				    "for \"action\"%s, found \"%.64s\"", where,
				    action->text);
		}
	}
}

/* The top-level "fraud" mapping n (may be NULL) into p. */
static void
build_fraud(struct loader *ld, struct policy *p, const struct node *n)
{
	struct policy_fraud *fr;
	struct fields f;
	const struct node *v;

	if (n == NULL)
		return;
	check_map(ld, n, POLICY_CTX_FRAUD, &f);
	check_required(ld, n, POLICY_CTX_FRAUD, &f, " in fraud", 0);
	fr = p->fraud = xcalloc(1, sizeof *fr);
	fr->at = n->at;
	v = field(&f, POLICY_CTX_FRAUD, "time");
	fr->time = text_of(v);
	fr->time_at = mark_of(v);
	v = field(&f, POLICY_CTX_FRAUD, "label");
	fr->label = text_of(v);
	fr->label_at = mark_of(v);
	v = field(&f, POLICY_CTX_FRAUD, "amount");
	fr->amount = text_of(v);
	fr->amount_at = mark_of(v);
	v = field(&f, POLICY_CTX_FRAUD, "history");
	fr->history = text_of(v);
	fr->history_at = mark_of(v);
	v = field(&f, POLICY_CTX_FRAUD, "scorecard");
	fr->scorecard = text_of(v);
	fr->scorecard_at = mark_of(v);
	v = field(&f, POLICY_CTX_FRAUD, "capacity");
	fr->capacity = v != NULL ? number_of(v) : NAN;
	if (v != NULL && isfinite(fr->capacity) &&
	    fr->capacity != floor(fr->capacity))
		fail(ld, v->at, "capacity in fraud must be a whole number of "
		    "alerts a day, found %s", v->text);
	build_features(ld, fr, field(&f, POLICY_CTX_FRAUD, "features"));
	build_fraud_rules(ld, fr, field(&f, POLICY_CTX_FRAUD, "rules"));
}

/* Free the fraud section f.  NULL is a no-op. */
static void
fraud_free(struct policy_fraud *f)
{
	size_t i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfeatures; i++) {
		free(f->features[i].name);
		free(f->features[i].column);
		for (j = 0; j < f->features[i].nsame; j++)
			free(f->features[i].same[j]);
		free(f->features[i].same);
	}
	for (i = 0; i < f->nrules; i++) {
		free(f->rules[i].name);
		free(f->rules[i].when);
		free(f->rules[i].reason);
	}
	free(f->features);
	free(f->rules);
	free(f->time);
	free(f->label);
	free(f->amount);
	free(f->history);
	free(f->scorecard);
	free(f);
}

/*
 * Build the policy from the tree, recording every error.  Returns the
 * policy when none was found, else NULL.
 */
static struct policy *
build(struct loader *ld, const struct node *root)
{
	struct fields top, loss;
	const struct node *n, *segs;
	struct policy *p = NULL;
	struct policy_mark start = { 1, 1 };
	char buf[DESCRIBE_BUF];
	int have_loss = 0;

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
	check_map(ld, root, POLICY_CTX_TOP, &top);
	/* A collections strategy alone (riskdesk collect, or the
	   workbench's Collections screen) needs no scorecard, population
	   nor segments. */
	ld->skip_approval = (ld->collect_mode ||
	    given(&top, POLICY_CTX_TOP, "collections")) &&
	    !given(&top, POLICY_CTX_TOP, "scorecard") &&
	    !given(&top, POLICY_CTX_TOP, "population") &&
	    !given(&top, POLICY_CTX_TOP, "segments") &&
	    !given(&top, POLICY_CTX_TOP, "knockouts");
	if (ld->collect_mode && !given(&top, POLICY_CTX_TOP, "collections"))
		fail(ld, root->at, "missing required key \"collections\": "
		    "riskdesk collect reads its strategy, costs and tables "
		    "from it");
	ld->fraud_only = given(&top, POLICY_CTX_TOP, "fraud") &&
	    !given(&top, POLICY_CTX_TOP, "scorecard") &&
	    !given(&top, POLICY_CTX_TOP, "segments");
	check_required(ld, root, POLICY_CTX_TOP, &top, "", 0);

	p = xcalloc(1, sizeof *p);
	p->path = xstrdup(ld->path);
	n = field(&top, POLICY_CTX_TOP, "name");
	p->name = n != NULL ? xstrdup(n->text) : base_name(ld->path);
	n = field(&top, POLICY_CTX_TOP, "scorecard");
	p->scorecard = text_of(n);
	p->scorecard_at = mark_of(n);
	n = field(&top, POLICY_CTX_TOP, "population");
	p->population = text_of(n);
	p->population_at = mark_of(n);
	build_hit(ld, p, field(&top, POLICY_CTX_TOP, "hit"));
	build_reasons(ld, p, field(&top, POLICY_CTX_TOP, "reason_codes"));

	n = field(&top, POLICY_CTX_TOP, "income");
	p->income = text_of(n);
	p->income_at = mark_of(n);
	ld->income_given = given(&top, POLICY_CTX_TOP, "income");
	n = field(&top, POLICY_CTX_TOP, "funding_rate");
	p->funding_rate = n != NULL ? number_of(n) : 0;

	n = field(&top, POLICY_CTX_TOP, "loss");
	if (n != NULL) {
		check_map(ld, n, POLICY_CTX_LOSS, &loss);
		check_required(ld, n, POLICY_CTX_LOSS, &loss, " in loss", 0);
		have_loss = 1;
	}
	ld->loss_bad = n == NULL && given(&top, POLICY_CTX_TOP, "loss");
	build_knockouts(ld, p, field(&top, POLICY_CTX_TOP, "knockouts"));
	segs = field(&top, POLICY_CTX_TOP, "segments");
	if (segs != NULL)
		build_segments(ld, p, segs, have_loss ? &loss : NULL);
	n = field(&top, POLICY_CTX_TOP, "collections");
	if (n != NULL)
		build_collect(ld, p, n);
	build_fraud(ld, p, field(&top, POLICY_CTX_TOP, "fraud"));
	if (ld->nerrs > 0) {
		policy_free(p);
		return NULL;
	}
	return p;
}

/* ---------------------------------------------------------- public API */

/* Read and build the policy at path in mode collect_mode. */
static struct policy *
load_all(const char *path, struct policy_errors *errs, int collect_mode)
{
	struct loader ld;
	struct node *root = NULL;
	struct policy *p = NULL;
	struct policy_mark none = { 0, 0 };
	struct stat st;
	FILE *fp;

	assert(policy_schema_count <= FIELDS_MAX);
	memset(&ld, 0, sizeof ld);
	ld.path = path;
	ld.errs = errs;
	ld.collect_mode = collect_mode;
	if ((fp = fopen(path, "rb")) == NULL) {
		fail_cls(&ld, RD_EIO, none, "cannot read policy: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fail_cls(&ld, RD_EIO, none, "cannot read policy: %s",
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

struct policy *
policy_load_all(const char *path, struct policy_errors *errs)
{
	return load_all(path, errs, 0);
}

struct policy *
policy_load_collect_all(const char *path, struct policy_errors *errs)
{
	return load_all(path, errs, 1);
}

struct policy *
policy_load(const char *path, struct rd_err *err)
{
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;

	rd_err_clear(err);
	p = policy_load_all(path, &errs);
	if (p == NULL && err != NULL && errs.n > 0)
		*err = errs.err[0];
	policy_errors_done(&errs);
	return p;
}

/* ------------------------------------------------- expressions vs table */

/* Whether c may appear in a bare SQL name (bytes of UTF-8 characters
   included, as SQLite takes them). */
static int
name_char(int c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/*
 * Whether name can be written bare in an expression: name characters
 * only, not starting with a digit.  SQL keywords ("order") also need
 * quotes, but SQLite says so itself when it fails on one.
 */
static int
name_is_bare(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;

	if (*s == '\0' || isdigit(*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!name_char(*s))
			return 0;
	return 1;
}

/*
 * Where in expr, outside quotes, name is written bare as a whole (the
 * characters around it are not name characters), ignoring case as SQL
 * does; NULL when nowhere.
 */
static const char *
find_bare(const char *expr, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = expr; *p != '\0'; p++) {
		if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') {
			char q = *p == '[' ? ']' : *p;

			for (p++; *p != '\0'; p++) {
				if (*p != q)
					continue;
				if (q != ']' && p[1] == q) {
					p++;	/* a doubled quote */
					continue;
				}
				break;
			}
			if (*p == '\0')
				return NULL;
			continue;
		}
		if (p > expr && name_char((unsigned char)p[-1]))
			continue;
		if (strncasecmp(p, name, len) == 0 &&
		    !name_char((unsigned char)p[len]))
			return p;
	}
	return NULL;
}

/*
 * The columns of the table an expression is checked against, read once
 * per policy_check_columns_all, and the names among them that must be
 * quoted.
 */
struct colnames {
	char **v;
	size_t n;
};

/*
 * Rewrite *e's message when expr writes bare a column that must be
 * quoted: one whose name is not bare (always: unquoted, SQLite fails or,
 * worse, reads "credit-amount" as credit minus amount), or the keyword
 * column SQLite failed near ("near \"order\": syntax error").
 * Returns whether it did.  key is the policy key the expression is the
 * value of, for the YAML spelling of the suggestion.
 */
static int
quote_hint(const struct colnames *cn, const char *expr, const char *key,
	int failed, struct rd_err *e)
{
	const char *hit = NULL, *near, *at, *p;
	char token[128], fixed[RD_ERR_MSG], yaml[RD_ERR_MSG], qname[256];
	size_t i, k, off;

	token[0] = '\0';
	if (failed && (near = strstr(e->msg, "near \"")) != NULL) {
		near += 6;
		for (k = 0; near[k] != '\0' && near[k] != '"' &&
		    k + 1 < sizeof token; k++)
			token[k] = near[k];
		token[k] = '\0';
	}
	/* The longest such name written bare in expr. */
	for (i = 0; i < cn->n; i++) {
		if (name_is_bare(cn->v[i]) && (token[0] == '\0' ||
		    strcasecmp(cn->v[i], token) != 0 ||
		    !db_is_keyword(cn->v[i])))
			continue;
		if (find_bare(expr, cn->v[i]) != NULL && (hit == NULL ||
		    strlen(cn->v[i]) > strlen(hit)))
			hit = cn->v[i];
	}
	if (hit == NULL)
		return 0;
	/* The expression with every such name quoted, the SQL way. */
	off = 0;
	for (p = expr; *p != '\0' && off + 1 < sizeof fixed;) {
		const char *best = NULL;

		at = NULL;
		for (i = 0; i < cn->n; i++) {
			const char *f;

			if (name_is_bare(cn->v[i]) && strcasecmp(cn->v[i],
			    hit) != 0)
				continue;
			f = find_bare(p, cn->v[i]);
			/* find_bare looks back one character for the
			   boundary; at p itself that is the one before. */
			if (f == p && p > expr &&
			    name_char((unsigned char)p[-1]))
				continue;
			if (f != NULL && (at == NULL || f < at ||
			    (f == at && strlen(cn->v[i]) > strlen(best)))) {
				at = f;
				best = cn->v[i];
			}
		}
		if (at == NULL) {
			off += (size_t)snprintf(fixed + off, sizeof fixed - off,
			    "%s", p);
			break;
		}
		off += (size_t)snprintf(fixed + off, sizeof fixed - off,
		    "%.*s\"", (int)(at - p), p);
		for (k = 0; k < strlen(best) && off + 2 < sizeof fixed; k++) {
			if (at[k] == '"')
				fixed[off++] = '"';
			fixed[off++] = at[k];
		}
		fixed[off] = '\0';
		off += (size_t)snprintf(fixed + off, sizeof fixed - off, "\"");
		p = at + strlen(best);
	}
	if (off >= sizeof fixed)
		off = sizeof fixed - 1;
	fixed[off] = '\0';
	/* YAML single quotes keep the double ones; a ' inside doubles. */
	off = 0;
	yaml[off++] = '\'';
	for (p = fixed; *p != '\0' && off + 3 < sizeof yaml; p++) {
		if (*p == '\'')
			yaml[off++] = '\'';
		yaml[off++] = *p;
	}
	yaml[off++] = '\'';
	yaml[off] = '\0';
	off = 0;
	qname[off++] = '"';
	for (p = hit; *p != '\0' && off + 3 < sizeof qname; p++) {
		if (*p == '"')
			qname[off++] = '"';
		qname[off++] = *p;
	}
	qname[off++] = '"';
	qname[off] = '\0';
	snprintf(e->msg, sizeof e->msg, "column %s %smust be quoted in an "
	    "expression: write %s (in YAML: %s: %.400s)", qname,
	    name_is_bare(hit) ? "is an SQL keyword and " : "", qname, key,
	    yaml);
	e->cls = RD_EINPUT;
	return 1;
}

/*
 * A double-quoted word is a column in SQL: "rent" in housing = "rent"
 * names a column, and when there is none, the author meant text.  Add
 * the way to write it to e's "unknown column" message.
 */
static void
text_hint(const char *expr, struct rd_err *e)
{
	static const char unknown[] = "unknown column \"";
	char quoted[RD_ERR_MSG / 2];
	const char *name, *end;
	size_t len;

	if (strncmp(e->msg, unknown, sizeof unknown - 1) != 0)
		return;
	name = e->msg + sizeof unknown - 1;
	if ((end = strrchr(name, '"')) == NULL || end == name ||
	    (len = (size_t)(end - name)) + 3 > sizeof quoted)
		return;
	snprintf(quoted, sizeof quoted, "\"%.*s\"", (int)len, name);
	if (strstr(expr, quoted) == NULL || strchr(quoted + 1, '\'') != NULL)
		return;
	quoted[len + 1] = '\0';	/* the name alone, after the '"' */
	len = strlen(e->msg);
	snprintf(e->msg + len, sizeof e->msg - len, "; double quotes name a "
	    "column, text goes in single quotes: '%s'", quoted + 1);
}

/*
 * Check one expression, the value of key written at at; an input error
 * is recorded located there.  Returns 0, -1 after an input error, -2
 * after another (which stops the check).
 */
/* After "unknown column \"X\" in expression" and nothing more: the
   table's column nearest to X, if one is near. */
static void
column_hint(const struct colnames *cn, struct rd_err *e)
{
	static const char pre[] = "unknown column \"";
	const char *p = e->msg + sizeof pre - 1, *q, *near;
	char name[256];
	size_t len;

	if (strncmp(e->msg, pre, sizeof pre - 1) != 0 ||
	    (q = strstr(p, "\" in expression")) == NULL ||
	    q[sizeof "\" in expression" - 1] != '\0' ||
	    (len = (size_t)(q - p)) >= sizeof name)
		return;
	memcpy(name, p, len);
	name[len] = '\0';
	if ((near = policy_nearest_name(name, cn->v, cn->n)) == NULL)
		return;
	len = strlen(e->msg);
	snprintf(e->msg + len, sizeof e->msg - len, "; did you mean \"%s\"?",
	    near);
}

static int
check_expr(const struct policy *p, struct db *db, const char *table,
	const struct colnames *cn, const char *expr, const char *key,
	struct policy_mark at, struct policy_errors *errs)
{
	struct rd_err e, located;
	int failed;

	rd_err_clear(&e);
	failed = db_expr_check(db, table, expr, &e) != 0;
	if (failed && e.cls != RD_EINPUT) {
		policy_errors_add(errs, &e);
		return -2;
	}
	if (!quote_hint(cn, expr, key, failed, &e) && !failed)
		return 0;
	text_hint(expr, &e);
	column_hint(cn, &e);
	rd_err_setloc(&located, RD_EINPUT, p->path, at.line, at.col, "%s",
	    e.msg);
	policy_errors_add(errs, &located);
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
	struct policy_errors *errs)
{
	const struct policy_segment *s;
	struct rd_err e;
	size_t i;
	double v;
	int k;

	for (i = 0; i + 1 < p->nsegments; i++) {
		s = &p->segments[i];
		rd_err_clear(&e);
		if (cond_constant(db, s->when, &k, &v, &e) < 0) {
			policy_errors_add(errs, &e);
			return -1;
		}
		if (!k)
			continue;
		if (isnan(v) || v == 0)
			rd_err_setloc(&e, RD_EINPUT, p->path, s->when_at.line,
			    s->when_at.col, "segment \"%s\" can never be "
			    "reached: its condition is never true", s->name);
		else
			rd_err_setloc(&e, RD_EINPUT, p->path,
			    p->segments[i + 1].at.line,
			    p->segments[i + 1].at.col, "segment \"%s\" can "
			    "never be reached: the condition of segment "
			    "\"%s\" (line %ld) is always true",
			    p->segments[i + 1].name, s->name, s->when_at.line);
		policy_errors_add(errs, &e);
	}
	return 0;
}

int
policy_check_columns_all(const struct policy *p, struct db *db,
	const char *table, struct policy_errors *errs)
{
	const struct policy_segment *s;
	struct table_meta meta;
	struct colnames cn = { NULL, 0 };
	struct rd_err e;
	size_t i, before = errs->n + errs->dropped;
	int rc = 0;

	if (table == NULL)
		table = p->population;
	/*
	 * A missing table would fail every expression; say so once, at the
	 * population rather than at the first expression.
	 */
	rd_err_clear(&e);
	if (db_table_meta(db, table, &meta, &e) < 0) {
		struct rd_err at = e;

		if (e.cls == RD_EINPUT && strcmp(table, p->population) == 0)
			rd_err_setloc(&at, RD_EINPUT, p->path,
			    p->population_at.line, p->population_at.col, "%s",
			    e.msg);
		policy_errors_add(errs, &at);
		return -1;
	}
	table_meta_done(&meta);
	if ((cn.v = db_table_column_names(db, table, &cn.n, &e)) == NULL) {
		policy_errors_add(errs, &e);
		return -1;
	}
	if (p->income != NULL)
		rc = check_expr(p, db, table, &cn, p->income, "income",
		    p->income_at, errs);
	for (i = 0; rc > -2 && i < p->nknockouts; i++)
		rc = check_expr(p, db, table, &cn, p->knockouts[i].when,
		    "when", p->knockouts[i].when_at, errs);
	for (i = 0; rc > -2 && i < p->nsegments; i++) {
		s = &p->segments[i];
		if (s->when != NULL)
			rc = check_expr(p, db, table, &cn, s->when, "when",
			    s->when_at, errs);
		/* An EAD inherited from loss: is reported once
		   (policy_errors_add drops repeats). */
		if (rc > -2)
			rc = check_expr(p, db, table, &cn, s->ead, "ead",
			    s->ead_at, errs);
	}
	for (i = 0; i < cn.n; i++)
		free(cn.v[i]);
	free(cn.v);
	if (rc > -2 && errs->n + errs->dropped == before)
		check_constant_whens(p, db, errs);
	return errs->n + errs->dropped == before ? 0 : -1;
}

/* Record err located at mark at of p's file (class kept). */
static void
add_at(const struct policy *p, struct policy_errors *errs,
	const struct rd_err *e, struct policy_mark at)
{
	struct rd_err located;

	rd_err_setloc(&located, e->cls, p->path, at.line, at.col, "%s",
	    e->msg);
	policy_errors_add(errs, &located);
}

const char *
policy_unscored_holds(const struct policy *p)
{
	return p->fraud == NULL ? "a collections strategy" :
	    p->collect == NULL ? "fraud rules" :
	    "fraud rules and a collections strategy";
}

void
policy_unscored_err(const struct policy *p, const char *need,
	struct rd_err *err)
{
	struct policy_mark at = p->fraud != NULL ? p->fraud->at :
	    p->collect != NULL ? p->collect->at : (struct policy_mark){ 1, 1 };

	rd_err_setloc(err, RD_EINPUT, p->path, at.line, at.col, "policy "
	    "\"%s\" holds %s only (no scorecard, no segments): %s%s%s%s%s",
	    p->name, policy_unscored_holds(p), need != NULL ? need : "",
	    need != NULL ? "; " : "",
	    p->fraud != NULL ? "riskdesk fraud evaluates its rules" : "",
	    p->fraud != NULL && p->collect != NULL ? ", " : "",
	    p->collect != NULL ? "riskdesk collect plans its strategy" : "");
}

int
policy_check_collect_all(const struct policy *p, struct db *db,
	struct policy_errors *errs)
{
	const struct policy_collect *c = p->collect;
	struct colnames cn = { NULL, 0 };
	struct rd_err e;
	const char *snap[5], *log[3], **whens;
	char why[256];
	size_t i, miss, before = errs->n + errs->dropped;
	int rc = 0, b, covers, bad_table = 0;

	if (c == NULL)
		return 0;
	snap[0] = c->account;
	snap[1] = c->month;
	snap[2] = c->bucket;
	snap[3] = c->balance;
	snap[4] = c->score;
	log[0] = c->account;
	log[1] = c->month;
	log[2] = c->treatment;
	rd_err_clear(&e);
	if (coll_columns_check(db, c->snapshots, snap, 5, &miss, &e) != 0) {
		if (e.cls != RD_EINPUT) {
			policy_errors_add(errs, &e);
			return -1;
		}
		add_at(p, errs, &e, c->snapshots_at);
		bad_table = 1;
	}
	if (coll_columns_check(db, c->treatments, log, 3, &miss, &e) != 0) {
		if (e.cls != RD_EINPUT) {
			policy_errors_add(errs, &e);
			return -1;
		}
		add_at(p, errs, &e, c->treatments_at);
	}
	if (bad_table)
		return -1;
	if ((cn.v = db_table_column_names(db, c->snapshots, &cn.n, &e)) ==
	    NULL) {
		policy_errors_add(errs, &e);
		return -1;
	}
	for (i = 0; rc > -2 && i < c->nrules; i++)
		rc = check_expr(p, db, c->snapshots, &cn, c->rules[i].when,
		    "when", c->rules[i].when_at, errs);
	for (i = 0; i < cn.n; i++)
		free(cn.v[i]);
	free(cn.v);
	if (rc <= -2 || errs->n + errs->dropped != before)
		return -1;
	whens = xcalloc(c->nrules + 1, sizeof *whens);
	for (i = 0; i < c->nrules; i++)
		whens[i] = c->rules[i].when;
	for (b = 1; b <= 4; b++) {
		if (coll_conds_cover(db, c->snapshots, c->bucket, whens,
		    c->nrules, b, &covers, why, sizeof why, &e) != 0) {
			add_at(p, errs, &e, c->at);
			break;
		}
		if (covers == 0)
			rd_err_setloc(&e, RD_EINPUT, p->path, c->at.line,
			    c->at.col, "bucket %d is never covered: no "
			    "strategy rule is true on every account of bucket "
			    "%d whatever its other columns; end the rules of "
			    "that bucket with one such as {name: b%d, when: "
			    "%s = %d, treatment: ...}", b, b, b, c->bucket, b);
		else if (covers < 0)
			rd_err_setloc(&e, RD_EINPUT, p->path, c->at.line,
			    c->at.col, "bucket %d is not covered when %s: no "
			    "strategy rule is true on such an account of "
			    "bucket %d; end the rules of that bucket with one "
			    "such as {name: b%d, when: %s = %d, treatment: ...}",
			    b, why, b, b, c->bucket, b);
		if (covers != 1)
			policy_errors_add(errs, &e);
	}
	free(whens);
	return errs->n + errs->dropped == before ? 0 : -1;
}

int
policy_check_columns(const struct policy *p, struct db *db,
	const char *table, struct rd_err *err)
{
	struct policy_errors errs = { NULL, 0, 0 };
	int rc;

	rd_err_clear(err);
	rc = policy_check_columns_all(p, db, table, &errs);
	if (rc != 0 && err != NULL && errs.n > 0)
		*err = errs.err[0];
	policy_errors_done(&errs);
	return rc;
}

int
policy_segment_index(const struct policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nsegments; i++)
		if (p->segments[i].name != NULL &&
		    strcmp(p->segments[i].name, name) == 0)
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
	for (i = 0; i < p->nreasons; i++) {
		free(p->reasons[i].characteristic);
		free(p->reasons[i].code);
	}
	free(p->reasons);
	collect_free(p->collect);
	fraud_free(p->fraud);
	free(p);
}

/* ------------------------------------------------ fraud: against a table */

/* Record at mark at of p: column name is not a column of table. */
static void
fraud_col(const struct policy *p, const struct colnames *cn, const char *table,
	const char *name, const char *what, struct policy_mark at,
	struct policy_errors *errs)
{
	struct rd_err e;
	size_t i;

	if (name == NULL)
		return;
	for (i = 0; i < cn->n; i++)
		if (strcmp(cn->v[i], name) == 0)
			return;
	rd_err_setloc(&e, RD_EINPUT, p->path, at.line, at.col, "unknown column "
	    "\"%.128s\" (%s): table \"%.128s\" has no such column", name, what,
	    table);
	policy_errors_add(errs, &e);
}

int
policy_fraud_check_columns(const struct policy *p, struct db *db,
	const char *table, struct policy_errors *errs)
{
	const struct policy_fraud *fr = p->fraud;
	struct colnames cn = { NULL, 0 };
	const char **names;
	struct rd_err e;
	size_t i, j, before = errs->n + errs->dropped;
	char what[160];

	if (fr == NULL)
		return 0;
	if (table == NULL)
		table = p->population;
	rd_err_clear(&e);
	if ((cn.v = db_table_column_names(db, table, &cn.n, &e)) == NULL) {
		policy_errors_add(errs, &e);
		return -1;
	}
	fraud_col(p, &cn, table, fr->time, "the time of fraud", fr->time_at,
	    errs);
	fraud_col(p, &cn, table, fr->label, "the label of fraud", fr->label_at,
	    errs);
	fraud_col(p, &cn, table, fr->amount, "the amount of fraud",
	    fr->amount_at, errs);
	names = xcalloc(fr->nfeatures + 1, sizeof *names);
	for (i = 0; i < fr->nfeatures; i++) {
		const struct policy_feature *f = &fr->features[i];

		names[i] = f->name;
		snprintf(what, sizeof what, "the key of feature \"%.64s\"",
		    f->name);
		for (j = 0; j < f->nsame; j++)
			fraud_col(p, &cn, table, f->same[j], what, f->same_at,
			    errs);
		snprintf(what, sizeof what, "the %s column of feature "
		    "\"%.64s\"", f->agg == POLICY_FRAUD_SUM ? "sum" :
		    "distinct", f->name);
		fraud_col(p, &cn, table, f->column, what, f->column_at, errs);
		for (j = 0; j < cn.n; j++)
			if (strcasecmp(cn.v[j], f->name) == 0) {
				rd_err_setloc(&e, RD_EINPUT, p->path,
				    f->name_at.line, f->name_at.col, "feature "
				    "\"%.64s\" has the name of a column of "
				    "table \"%.128s\": a rule could not tell "
				    "them apart; give the feature another name",
				    f->name, table);
				policy_errors_add(errs, &e);
			}
	}
	for (i = 0; errs->n + errs->dropped == before && i < fr->nrules; i++) {
		const struct policy_fraud_rule *r = &fr->rules[i];

		rd_err_clear(&e);
		if (db_expr_check_with(db, table, names, fr->nfeatures,
		    r->when, &e) == 0)
			continue;
		if (e.cls != RD_EINPUT) {
			policy_errors_add(errs, &e);
			break;
		}
		{
			struct rd_err located;

			rd_err_setloc(&located, RD_EINPUT, p->path,
			    r->when_at.line, r->when_at.col, "%s (fraud rule "
			    "\"%.64s\"; its condition may use the columns of "
			    "table \"%.128s\" and the features)", e.msg,
			    r->name, table);
			policy_errors_add(errs, &located);
		}
	}
	free(names);
	for (i = 0; i < cn.n; i++)
		free(cn.v[i]);
	free(cn.v);
	return errs->n + errs->dropped == before ? 0 : -1;
}
