/*
 * check_export.c - tests of the export layer (src/export/): the PMML
 * writer (pmml.h), and the score histogram query (sql.h
 * export_sql_score_hist), run on SQLite against card_score and the
 * dataset's outcomes on German credit and HMEQ (NULLs, missing bins), its
 * text in every dialect and its refusals.
 *
 * The document is read back by a small XML 1.0 reader written here
 * (elements, attributes with their normalisation, character and entity
 * references, comments; anything malformed fails the test), then:
 *   structure: the element order of the PMML 4.4 schema (pmml-4-4.xsd of
 *     the DMG, transcribed below as content models for the elements the
 *     writer uses), each element's attributes known, the required ones
 *     present, enumerations respected, the namespace, the fields a
 *     predicate names declared, a trailing <True/> per characteristic;
 *   meaning: a PMML evaluator written here from the PMML 4.4 rules (the
 *     MiningField's missing and invalid value treatment; the first
 *     Attribute whose predicate is TRUE gives its partialScore, a
 *     comparison with a missing value being UNKNOWN; the score is
 *     initialScore plus the partial scores; the Output's transformation;
 *     pointsBelow reason codes: baselineScore - partialScore, summed per
 *     code, ranked largest first) scores the edge values of every
 *     characteristic -- each bin boundary and the doubles one ulp either
 *     side of it (nextafter), each special value and its neighbours, the
 *     infinities, NaN, NULL, every level, levels no bin lists -- and
 *     must give card_score's score and card_pd's PD exactly, and
 *     card_reasons' reason codes (those that lost points);
 *   bytes: the same card and policy written twice give the same bytes;
 *   errors: text XML cannot hold is refused before a byte is written,
 *     and a failed write is RD_EIO.
 * Then the same on scorecards fitted on the bundled German credit and
 * HMEQ data, every row.
 *
 * The hand scorecard "pmml hand" (base points 512):
 *   months   numeric: (-inf, 12) 31, [12, 24.5) 18, [24.5, 36.1) 9,
 *            [36.1, inf) -4; special -999 7, special 13 25 (inside
 *            [12, 24.5): the special value wins); missing -11.
 *            Best attribute 31 (special and missing left out).
 *   housing  text: {own} 40; {rent, "with space", quote"d} 10;
 *            {back\slash, tab<TAB>here} 3 (a backslash: no Array);
 *            {free, a<b&c>d, new<LF>line, own} other 22 ("own" listed
 *            twice: the first bin listing it takes it, 40); no missing
 *            bin (NULL scores 0).  An unseen level takes the other bin:
 *            22.
 *   purpose  text: {car} count 50, 12; {tv, radio} count 80, 20; missing
 *            3.  No other bin: an unseen level takes the level bin of
 *            largest count, {tv, radio}: 20.
 *   score    numeric: (-inf, 0.1) -7, [0.1, 1/3) 5, [1/3, inf) 1 (1/3
 *            takes 17 digits); no missing bin.  Its name is the one the
 *            writer would give the target field.
 *   flag     numeric: (-inf, inf) 2, special 1 9.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "data/ds.h"
#include "export/pmml.h"
#include "export/sql.h"
#include "model/bin.h"
#include "model/card.h"
#include "policy/policy.h"
#include "util/err.h"
#include "util/xmalloc.h"

#include "testds.h"
#include "testutil.h"

#define PMML_NS "http://www.dmg.org/PMML-4_4"

/*
 * ck_assert_msg without Check's mark of a passing assertion (a write to
 * its pipe each time): the evaluator asserts millions of times over the
 * fitted cards' rows.
 */
#define need(cond, ...) \
	do { \
		if (!(cond)) \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/* ================================================= a small XML reader */

struct xnode {
	char *name;
	char **an, **av;	/* [na] attribute names and values */
	size_t na;
	struct xnode **kid;	/* [nkid] child elements */
	size_t nkid;
	char *text;		/* character data directly inside */
	size_t tlen;
	long line;
};

struct xp {
	const char *s;
	size_t i;
	long line;
	char err[256];
};

static void
xnode_free(struct xnode *n)
{
	size_t k;

	if (n == NULL)
		return;
	for (k = 0; k < n->na; k++) {
		free(n->an[k]);
		free(n->av[k]);
	}
	for (k = 0; k < n->nkid; k++)
		xnode_free(n->kid[k]);
	free(n->an);
	free(n->av);
	free(n->kid);
	free(n->text);
	free(n->name);
	free(n);
}

static int
xp_fail(struct xp *x, const char *what)
{
	if (x->err[0] == '\0')
		snprintf(x->err, sizeof x->err, "line %ld: %s", x->line, what);
	return -1;
}

static int
xp_starts(const struct xp *x, const char *lit)
{
	return strncmp(x->s + x->i, lit, strlen(lit)) == 0;
}

static void
xp_adv(struct xp *x, size_t n)
{
	while (n-- > 0 && x->s[x->i] != '\0')
		if (x->s[x->i++] == '\n')
			x->line++;
}

static void
xp_ws(struct xp *x)
{
	while (x->s[x->i] == ' ' || x->s[x->i] == '\t' ||
	    x->s[x->i] == '\n' || x->s[x->i] == '\r')
		xp_adv(x, 1);
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-' ||
	    c == '.' || (unsigned char)c >= 0x80;
}

static char *
xp_name(struct xp *x)
{
	size_t b = x->i;

	if (!name_char(x->s[x->i]) || (x->s[x->i] >= '0' &&
	    x->s[x->i] <= '9') || x->s[x->i] == '-' || x->s[x->i] == '.') {
		xp_fail(x, "expected a name");
		return NULL;
	}
	while (name_char(x->s[x->i]))
		x->i++;
	return strndup(x->s + b, x->i - b);
}

/* Is code point c a character of XML 1.0? */
static int
xml_char_ok(long c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
	    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Append code point c as UTF-8 to buf (growing). */
static void
put_utf8(char **buf, size_t *len, size_t *cap, long c)
{
	unsigned char u[4];
	size_t n, k;

	if (c < 0x80) {
		u[0] = (unsigned char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (unsigned char)(0xC0 | (c >> 6));
		u[1] = (unsigned char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (c >> 12));
		u[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (c >> 18));
		u[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (c & 0x3F));
		n = 4;
	}
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = xrealloc(*buf, *cap);
	}
	for (k = 0; k < n; k++)
		(*buf)[(*len)++] = (char)u[k];
	(*buf)[*len] = '\0';
}

/* A reference after '&': its code point, or -1. */
static long
xp_ref(struct xp *x)
{
	static const struct {
		const char *name;
		long c;
	} ent[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
	    { "quot;", '"' }, { "apos;", '\'' } };
	size_t k;
	long c = 0;

	xp_adv(x, 1);
	for (k = 0; k < sizeof ent / sizeof ent[0]; k++)
		if (xp_starts(x, ent[k].name)) {
			xp_adv(x, strlen(ent[k].name));
			return ent[k].c;
		}
	if (x->s[x->i] != '#')
		return xp_fail(x, "unknown entity");
	xp_adv(x, 1);
	if (x->s[x->i] == 'x') {
		xp_adv(x, 1);
		if (strchr("0123456789abcdefABCDEF", x->s[x->i]) == NULL ||
		    x->s[x->i] == '\0')
			return xp_fail(x, "bad character reference");
		while (x->s[x->i] != '\0' &&
		    strchr("0123456789abcdefABCDEF", x->s[x->i]) != NULL) {
			char d = x->s[x->i];

			c = c * 16 + (d <= '9' ? d - '0' : (d | 0x20) - 'a' +
			    10);
			if (c > 0x10FFFF)
				return xp_fail(x, "bad character reference");
			xp_adv(x, 1);
		}
	} else {
		if (x->s[x->i] < '0' || x->s[x->i] > '9')
			return xp_fail(x, "bad character reference");
		while (x->s[x->i] >= '0' && x->s[x->i] <= '9') {
			c = c * 10 + (x->s[x->i] - '0');
			if (c > 0x10FFFF)
				return xp_fail(x, "bad character reference");
			xp_adv(x, 1);
		}
	}
	if (x->s[x->i] != ';')
		return xp_fail(x, "character reference without ';'");
	xp_adv(x, 1);
	if (!xml_char_ok(c))
		return xp_fail(x, "reference to a character XML cannot hold");
	return c;
}

/* One literal character (a byte) of the input checked: a C0 control
   other than tab, line feed and carriage return is not XML. */
static int
xp_lit_ok(struct xp *x)
{
	unsigned char c = (unsigned char)x->s[x->i];

	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return xp_fail(x, "a control character");
	/* U+FFFE and U+FFFF: EF BF BE / EF BF BF. */
	if (c == 0xEF && (unsigned char)x->s[x->i + 1] == 0xBF &&
	    ((unsigned char)x->s[x->i + 2] & 0xFE) == 0xBE)
		return xp_fail(x, "U+FFFE or U+FFFF");
	return 0;
}

/* An attribute value after its opening quote q; literal white space is
   normalised to a space (XML 1.0, 3.3.3), references are not. */
static char *
xp_attval(struct xp *x, char q)
{
	char *buf = xmalloc(16);
	size_t len = 0, cap = 16;

	buf[0] = '\0';
	for (;;) {
		char c = x->s[x->i];
		long r;

		if (c == '\0') {
			xp_fail(x, "unterminated attribute value");
			break;
		}
		if (c == q) {
			xp_adv(x, 1);
			return buf;
		}
		if (c == '<') {
			xp_fail(x, "'<' in an attribute value");
			break;
		}
		if (xp_lit_ok(x) < 0)
			break;
		if (c == '&') {
			if ((r = xp_ref(x)) < 0)
				break;
			put_utf8(&buf, &len, &cap, r);
			continue;
		}
		if (c == '\r' && x->s[x->i + 1] == '\n')
			xp_adv(x, 1);
		put_utf8(&buf, &len, &cap, c == '\t' || c == '\n' ||
		    c == '\r' ? ' ' : (unsigned char)c);
		xp_adv(x, 1);
	}
	free(buf);
	return NULL;
}

/* Skip a comment at "<!--". */
static int
xp_comment(struct xp *x)
{
	xp_adv(x, 4);
	while (!xp_starts(x, "--")) {
		if (x->s[x->i] == '\0')
			return xp_fail(x, "unterminated comment");
		if (xp_lit_ok(x) < 0)
			return -1;
		xp_adv(x, 1);
	}
	if (!xp_starts(x, "-->"))
		return xp_fail(x, "'--' inside a comment");
	xp_adv(x, 3);
	return 0;
}

static struct xnode *xp_element(struct xp *x, int depth);

/* The content of n up to its end tag. */
static int
xp_content(struct xp *x, struct xnode *n, int depth)
{
	size_t cap = 16;

	n->text = xmalloc(cap);
	n->text[0] = '\0';
	for (;;) {
		char c = x->s[x->i];

		if (c == '\0')
			return xp_fail(x, "unterminated element");
		if (xp_starts(x, "</")) {
			char *end;

			xp_adv(x, 2);
			if ((end = xp_name(x)) == NULL)
				return -1;
			if (strcmp(end, n->name) != 0) {
				free(end);
				return xp_fail(x, "end tag does not match");
			}
			free(end);
			xp_ws(x);
			if (x->s[x->i] != '>')
				return xp_fail(x, "expected '>'");
			xp_adv(x, 1);
			return 0;
		}
		if (xp_starts(x, "<!--")) {
			if (xp_comment(x) < 0)
				return -1;
			continue;
		}
		if (xp_starts(x, "<!") || xp_starts(x, "<?"))
			return xp_fail(x, "unexpected markup");
		if (c == '<') {
			struct xnode *k = xp_element(x, depth + 1);

			if (k == NULL)
				return -1;
			n->kid = xreallocarray(n->kid, n->nkid + 1,
			    sizeof *n->kid);
			n->kid[n->nkid++] = k;
			continue;
		}
		if (xp_starts(x, "]]>"))
			return xp_fail(x, "']]>' in text");
		if (xp_lit_ok(x) < 0)
			return -1;
		if (c == '&') {
			long r = xp_ref(x);

			if (r < 0)
				return -1;
			put_utf8(&n->text, &n->tlen, &cap, r);
			continue;
		}
		/* Line ends read as a line feed (XML 1.0, 2.11). */
		if (c == '\r' && x->s[x->i + 1] == '\n')
			xp_adv(x, 1);
		put_utf8(&n->text, &n->tlen, &cap, c == '\r' ? '\n' :
		    (unsigned char)c);
		xp_adv(x, 1);
	}
}

static struct xnode *
xp_element(struct xp *x, int depth)
{
	struct xnode *n;
	size_t k;

	if (depth > 64) {
		xp_fail(x, "too deep");
		return NULL;
	}
	n = xcalloc(1, sizeof *n);
	n->line = x->line;
	xp_adv(x, 1);
	if ((n->name = xp_name(x)) == NULL)
		goto bad;
	for (;;) {
		size_t b = x->i;
		char *an, *av, q;

		xp_ws(x);
		if (xp_starts(x, "/>")) {
			xp_adv(x, 2);
			n->text = xstrdup("");
			return n;
		}
		if (x->s[x->i] == '>') {
			xp_adv(x, 1);
			if (xp_content(x, n, depth) < 0)
				goto bad;
			return n;
		}
		if (x->i == b) {
			xp_fail(x, "expected white space before an "
			    "attribute");
			goto bad;
		}
		if ((an = xp_name(x)) == NULL)
			goto bad;
		xp_ws(x);
		if (x->s[x->i] != '=') {
			free(an);
			xp_fail(x, "expected '='");
			goto bad;
		}
		xp_adv(x, 1);
		xp_ws(x);
		q = x->s[x->i];
		if (q != '"' && q != '\'') {
			free(an);
			xp_fail(x, "expected a quoted value");
			goto bad;
		}
		xp_adv(x, 1);
		if ((av = xp_attval(x, q)) == NULL) {
			free(an);
			goto bad;
		}
		for (k = 0; k < n->na; k++)
			if (strcmp(n->an[k], an) == 0)
				xp_fail(x, "attribute given twice");
		n->an = xreallocarray(n->an, n->na + 1, sizeof *n->an);
		n->av = xreallocarray(n->av, n->na + 1, sizeof *n->av);
		n->an[n->na] = an;
		n->av[n->na++] = av;
		if (x->err[0] != '\0')
			goto bad;
	}
bad:
	xnode_free(n);
	return NULL;
}

/* Skip white space, comments and (before the root) the declaration. */
static int
xp_misc(struct xp *x)
{
	for (;;) {
		xp_ws(x);
		if (xp_starts(x, "<!--")) {
			if (xp_comment(x) < 0)
				return -1;
		} else {
			return 0;
		}
	}
}

/* The document's root, or NULL with the failure in why[256]. */
static struct xnode *
xml_read(const char *s, char *why)
{
	struct xp x = { s, 0, 1, "" };
	struct xnode *root = NULL;

	if (strncmp(s, "<?xml ", 6) == 0) {
		const char *e = strstr(s, "?>");

		if (e == NULL) {
			strcpy(why, "unterminated declaration");
			return NULL;
		}
		xp_adv(&x, (size_t)(e + 2 - s));
	}
	if (xp_misc(&x) == 0) {
		if (x.s[x.i] != '<')
			xp_fail(&x, "expected the root element");
		else
			root = xp_element(&x, 0);
	}
	if (root != NULL && (xp_misc(&x) < 0 || x.s[x.i] != '\0')) {
		xp_fail(&x, "content after the root element");
		xnode_free(root);
		root = NULL;
	}
	snprintf(why, 256, "%s", x.err);
	return root;
}

static const char *
xattr(const struct xnode *n, const char *name)
{
	size_t k;

	for (k = 0; k < n->na; k++)
		if (strcmp(n->an[k], name) == 0)
			return n->av[k];
	return NULL;
}

/* The first child called name, or NULL. */
static const struct xnode *
xkid(const struct xnode *n, const char *name)
{
	size_t k;

	for (k = 0; k < n->nkid; k++)
		if (strcmp(n->kid[k]->name, name) == 0)
			return n->kid[k];
	return NULL;
}

/* An attribute that must be a number: the whole value read by strtod. */
static double
xnum(const struct xnode *n, const char *name)
{
	const char *v = xattr(n, name);
	char *end;
	double x;

	need(v != NULL, "line %ld: <%s> lacks %s", n->line, n->name,
	    name);
	errno = 0;
	x = strtod(v, &end);
	need(*v != '\0' && *end == '\0' && errno == 0,
	    "line %ld: %s=\"%s\" is not a number", n->line, name, v);
	return x;
}

/* ========================================= the PMML 4.4 schema, in part */

/*
 * Content models of the elements the writer uses, from pmml-4-4.xsd
 * (each a sequence; "A|B" a choice; max -1 unbounded).  PREDICATE is the
 * schema's group of SimplePredicate, CompoundPredicate,
 * SimpleSetPredicate, True, False; EXPRESSION (in part) Constant,
 * FieldRef, Apply.
 */
#define PRED "SimplePredicate|CompoundPredicate|SimpleSetPredicate|True|False"
#define EXPR "Constant|FieldRef|NormContinuous|NormDiscrete|Discretize|" \
    "MapValues|TextIndex|Apply|Aggregate|Lag"

struct cm_item {
	const char *names;
	int min, max;
};

static const struct {
	const char *elem;
	struct cm_item seq[12];
} content_models[] = {
	{ "PMML", { { "Header", 1, 1 }, { "MiningBuildTask", 0, 1 },
	    { "DataDictionary", 1, 1 }, { "TransformationDictionary", 0, 1 },
	    { "Scorecard", 0, -1 }, { "Extension", 0, -1 } } },
	{ "Header", { { "Extension", 0, -1 }, { "Application", 0, 1 },
	    { "Annotation", 0, -1 }, { "Timestamp", 0, 1 } } },
	{ "Application", { { "Extension", 0, -1 } } },
	{ "DataDictionary", { { "Extension", 0, -1 }, { "DataField", 1, -1 },
	    { "Taxonomy", 0, -1 } } },
	{ "DataField", { { "Extension", 0, -1 }, { "Interval", 0, -1 },
	    { "Value", 0, -1 } } },
	{ "Value", { { "Extension", 0, -1 } } },
	{ "Scorecard", { { "Extension", 0, -1 }, { "MiningSchema", 1, 1 },
	    { "Output", 0, 1 }, { "ModelStats", 0, 1 },
	    { "ModelExplanation", 0, 1 }, { "Targets", 0, 1 },
	    { "LocalTransformations", 0, 1 }, { "Characteristics", 1, 1 },
	    { "ModelVerification", 0, 1 }, { "Extension", 0, -1 } } },
	{ "MiningSchema", { { "Extension", 0, -1 },
	    { "MiningField", 1, -1 } } },
	{ "MiningField", { { "Extension", 0, -1 } } },
	{ "Output", { { "Extension", 0, -1 }, { "OutputField", 1, -1 } } },
	/* Decisions?, then one EXPRESSION, then Value*, all optional. */
	{ "OutputField", { { "Extension", 0, -1 }, { "Decisions", 0, 1 },
	    { EXPR, 0, 1 }, { "Value", 0, -1 } } },
	{ "Apply", { { "Extension", 0, -1 }, { EXPR, 0, -1 } } },
	{ "FieldRef", { { "Extension", 0, -1 } } },
	{ "Characteristics", { { "Extension", 0, -1 },
	    { "Characteristic", 1, -1 } } },
	{ "Characteristic", { { "Extension", 0, -1 },
	    { "Attribute", 1, -1 } } },
	{ "Attribute", { { "Extension", 0, -1 }, { PRED, 1, 1 },
	    { "ComplexPartialScore", 0, 1 } } },
	{ "SimplePredicate", { { "Extension", 0, -1 } } },
	{ "CompoundPredicate", { { "Extension", 0, -1 }, { PRED, 2, -1 } } },
	{ "SimpleSetPredicate", { { "Extension", 0, -1 },
	    { "Array", 1, 1 } } },
	{ "True", { { "Extension", 0, -1 } } },
	{ "False", { { "Extension", 0, -1 } } },
};

/* Attributes: name, required, enumeration ("a|b", NULL any). */
struct attr_rule {
	const char *name;
	int required;
	const char *values;
};

#define DATATYPES "string|integer|float|double|boolean|date|time|" \
    "dateTime|dateDaysSince[0]|dateDaysSince[1960]|dateDaysSince[1970]|" \
    "dateDaysSince[1980]|timeSeconds|dateTimeSecondsSince[0]|" \
    "dateTimeSecondsSince[1960]|dateTimeSecondsSince[1970]|" \
    "dateTimeSecondsSince[1980]"

static const struct {
	const char *elem;
	struct attr_rule attr[16];
} attr_rules[] = {
	{ "PMML", { { "version", 1, "4.4" }, { "xmlns", 1, PMML_NS } } },
	{ "Header", { { "copyright", 0, NULL }, { "description", 0, NULL },
	    { "modelVersion", 0, NULL } } },
	{ "Application", { { "name", 1, NULL }, { "version", 0, NULL } } },
	{ "DataDictionary", { { "numberOfFields", 0, NULL } } },
	{ "DataField", { { "name", 1, NULL }, { "displayName", 0, NULL },
	    { "optype", 1, "categorical|ordinal|continuous" },
	    { "dataType", 1, DATATYPES }, { "taxonomy", 0, NULL },
	    { "isCyclic", 0, "0|1" } } },
	{ "Value", { { "value", 1, NULL }, { "displayValue", 0, NULL },
	    { "property", 0, "valid|invalid|missing" } } },
	{ "MiningField", { { "name", 1, NULL },
	    { "usageType", 0, "active|predicted|target|supplementary|group|"
	    "order|frequencyWeight|analysisWeight" },
	    { "optype", 0, "categorical|ordinal|continuous" },
	    { "importance", 0, NULL },
	    { "outliers", 0, "asIs|asMissingValues|asExtremeValues" },
	    { "lowValue", 0, NULL }, { "highValue", 0, NULL },
	    { "missingValueReplacement", 0, NULL },
	    { "missingValueTreatment", 0, "asIs|asMean|asMode|asMedian|"
	    "asValue|returnInvalid" },
	    { "invalidValueTreatment", 0, "returnInvalid|asIs|asMissing|"
	    "asValue" },
	    { "invalidValueReplacement", 0, NULL } } },
	{ "OutputField", { { "name", 1, NULL }, { "displayName", 0, NULL },
	    { "optype", 0, "categorical|ordinal|continuous" },
	    { "dataType", 1, DATATYPES }, { "targetField", 0, NULL },
	    { "feature", 0, "predictedValue|predictedDisplayValue|"
	    "transformedValue|decision|probability|affinity|residual|"
	    "standardError|standardDeviation|clusterId|clusterAffinity|"
	    "entityId|entityAffinity|warning|ruleValue|reasonCode|antecedent|"
	    "consequent|rule|ruleId|confidence|support|lift|leverage|"
	    "confidenceIntervalLower|confidenceIntervalUpper" },
	    { "value", 0, NULL }, { "rank", 0, NULL },
	    { "isFinalResult", 0, "true|false|1|0" } } },
	{ "Apply", { { "function", 1, NULL }, { "mapMissingTo", 0, NULL },
	    { "defaultValue", 0, NULL },
	    { "invalidValueTreatment", 0, "returnInvalid|asIs|asMissing" } } },
	{ "Constant", { { "dataType", 0, DATATYPES },
	    { "missing", 0, "true|false|1|0" } } },
	{ "FieldRef", { { "field", 1, NULL }, { "mapMissingTo", 0, NULL } } },
	{ "Scorecard", { { "modelName", 0, NULL },
	    { "functionName", 1, "regression" },
	    { "algorithmName", 0, NULL }, { "initialScore", 0, NULL },
	    { "useReasonCodes", 0, "true|false|1|0" },
	    { "reasonCodeAlgorithm", 0, "pointsAbove|pointsBelow" },
	    { "baselineScore", 0, NULL },
	    { "baselineMethod", 0, "max|min|mean|neutral|other" },
	    { "isScorable", 0, "true|false|1|0" } } },
	{ "Characteristic", { { "name", 0, NULL }, { "reasonCode", 0, NULL },
	    { "baselineScore", 0, NULL } } },
	{ "Attribute", { { "reasonCode", 0, NULL },
	    { "partialScore", 0, NULL } } },
	{ "SimplePredicate", { { "field", 1, NULL },
	    { "operator", 1, "equal|notEqual|lessThan|lessOrEqual|"
	    "greaterThan|greaterOrEqual|isMissing|isNotMissing" },
	    { "value", 0, NULL } } },
	{ "CompoundPredicate", { { "booleanOperator", 1,
	    "or|and|xor|surrogate" } } },
	{ "SimpleSetPredicate", { { "field", 1, NULL },
	    { "booleanOperator", 1, "isIn|isNotIn" } } },
	{ "Array", { { "n", 0, NULL }, { "type", 1, "int|real|string" } } },
	{ "Extension", { { "extender", 0, NULL }, { "name", 0, NULL },
	    { "value", 0, NULL } } },
	{ "MiningSchema", { { NULL, 0, NULL } } },
	{ "Output", { { NULL, 0, NULL } } },
	{ "Characteristics", { { NULL, 0, NULL } } },
	{ "True", { { NULL, 0, NULL } } },
	{ "False", { { NULL, 0, NULL } } },
};

/* Is s one of the '|'-separated names of list? */
static int
in_list(const char *s, const char *list)
{
	size_t n = strlen(s);

	while (list != NULL && *list != '\0') {
		const char *e = strchr(list, '|');
		size_t m = e != NULL ? (size_t)(e - list) : strlen(list);

		if (m == n && strncmp(s, list, n) == 0)
			return 1;
		list = e != NULL ? e + 1 : NULL;
	}
	return 0;
}

/* Element order and attributes of n and below (Extension content, which
   the schema does not look into, is skipped). */
static void
check_schema(const struct xnode *n)
{
	size_t k, r, a, kid = 0;
	int found = 0;

	if (strcmp(n->name, "Extension") == 0)
		return;
	for (r = 0; r < sizeof content_models / sizeof content_models[0]; r++)
		if (strcmp(content_models[r].elem, n->name) == 0) {
			const struct cm_item *m = content_models[r].seq;

			found = 1;
			for (k = 0; k < 12 && m[k].names != NULL; k++) {
				int c = 0;

				while (kid < n->nkid && (m[k].max < 0 ||
				    c < m[k].max) && in_list(n->kid[kid]->name,
				    m[k].names)) {
					kid++;
					c++;
				}
				need(c >= m[k].min, "line %ld: <%s> "
				    "needs %s here, found %s", n->line,
				    n->name, m[k].names, kid < n->nkid ?
				    n->kid[kid]->name : "its end");
			}
			need(kid == n->nkid, "line %ld: <%s> may not "
			    "hold <%s> there", n->kid[kid < n->nkid ? kid : 0]->
			    line, n->name, n->kid[kid < n->nkid ? kid : 0]->
			    name);
		}
	/* Elements without children in the schema: text only. */
	if (!found) {
		need(in_list(n->name, "Constant|Array"),
		    "line %ld: unexpected element <%s>", n->line, n->name);
		need(n->nkid == 0, "line %ld: <%s> holds elements",
		    n->line, n->name);
	}
	for (r = 0; r < sizeof attr_rules / sizeof attr_rules[0]; r++)
		if (strcmp(attr_rules[r].elem, n->name) == 0)
			break;
	need(r < sizeof attr_rules / sizeof attr_rules[0],
	    "no attribute rules for <%s>", n->name);
	for (a = 0; a < n->na; a++) {
		const struct attr_rule *ar = attr_rules[r].attr;

		for (k = 0; k < 16 && ar[k].name != NULL; k++)
			if (strcmp(ar[k].name, n->an[a]) == 0)
				break;
		need(k < 16 && ar[k].name != NULL, "line %ld: <%s> "
		    "has no attribute %s", n->line, n->name, n->an[a]);
		need(ar[k].values == NULL || in_list(n->av[a],
		    ar[k].values), "line %ld: <%s %s=\"%s\">: not one of %s",
		    n->line, n->name, n->an[a], n->av[a], ar[k].values);
	}
	for (k = 0; k < 16 && attr_rules[r].attr[k].name != NULL; k++)
		need(!attr_rules[r].attr[k].required ||
		    xattr(n, attr_rules[r].attr[k].name) != NULL,
		    "line %ld: <%s> lacks required %s", n->line, n->name,
		    attr_rules[r].attr[k].name);
	for (k = 0; k < n->nkid; k++)
		check_schema(n->kid[k]);
}

/* =========================================== a PMML Scorecard evaluator */

/* One input value: NULL (absent), a number or a text. */
struct pv {
	int kind;		/* 0 NULL, 1 number, 2 text */
	double x;
	const char *s;
};

/* A field as the MiningSchema hands it to the model. */
struct pfield {
	const char *name;
	const struct xnode *df;	/* its DataField */
	int missing;
	struct pv v;
};

/* Three-valued logic of PMML predicates. */
enum tv { TV_FALSE, TV_TRUE, TV_UNKNOWN };

struct peval {
	const struct xnode *dd, *sc;
	struct pfield *f;
	size_t nf;
};

static const struct xnode *
data_field(const struct xnode *dd, const char *name)
{
	size_t k;

	for (k = 0; k < dd->nkid; k++)
		if (strcmp(xattr(dd->kid[k], "name"), name) == 0)
			return dd->kid[k];
	return NULL;
}

static struct pfield *
pfield(const struct peval *e, const char *name)
{
	size_t k;

	for (k = 0; k < e->nf; k++)
		if (strcmp(e->f[k].name, name) == 0)
			return &e->f[k];
	ck_abort_msg("predicate on field \"%s\" of no MiningField", name);
	return NULL;
}

static int
is_numeric(const struct xnode *df)
{
	return strcmp(xattr(df, "dataType"), "double") == 0;
}

static double
strtod_all(const char *s)
{
	char *end;
	double x = strtod(s, &end);

	need(*s != '\0' && *end == '\0', "\"%s\" is no number", s);
	return x;
}

/* Does v equal the text of a DataField Value?  Numbers compare as
   numbers (NaN equal to NaN: the declared missing value "NaN"). */
static int
value_matches(const struct xnode *df, const struct pv *v, const char *text)
{
	if (is_numeric(df)) {
		double y = strtod_all(text);

		return v->kind == 1 && ((isnan(y) && isnan(v->x)) ||
		    y == v->x);
	}
	return v->kind == 2 && strcmp(v->s, text) == 0;
}

/*
 * Prepare the fields of a row (get[k] for MiningField k): missing when
 * absent or a declared missing value; else invalid when the DataField
 * lists valid values and v is none of them.  Returns 0, or -1 when the
 * MiningField's treatment makes the result invalid.
 */
static int
prepare_fields(struct peval *e, const struct pv *get)
{
	const struct xnode *ms = xkid(e->sc, "MiningSchema");
	size_t k, j;

	for (k = 0; k < e->nf; k++) {
		const struct xnode *mf = ms->kid[k];
		struct pfield *f = &e->f[k];
		const char *mvt = xattr(mf, "missingValueTreatment");
		const char *ivt = xattr(mf, "invalidValueTreatment");
		int nvalid = 0, valid = 0;

		f->v = get[k];
		f->missing = get[k].kind == 0;
		for (j = 0; j < f->df->nkid; j++) {
			const struct xnode *val = f->df->kid[j];
			const char *prop = xattr(val, "property");

			if (strcmp(val->name, "Value") != 0)
				continue;
			if (prop != NULL && strcmp(prop, "missing") == 0) {
				if (value_matches(f->df, &get[k],
				    xattr(val, "value")))
					f->missing = 1;
			} else if (prop == NULL || strcmp(prop, "valid") ==
			    0) {
				nvalid++;
				valid |= value_matches(f->df, &get[k],
				    xattr(val, "value"));
			}
		}
		if (f->missing) {
			/* Only asIs is written; the others replace. */
			need(mvt == NULL || strcmp(mvt, "asIs") == 0
			    || strcmp(mvt, "returnInvalid") == 0,
			    "missingValueTreatment %s not evaluated", mvt);
			if (mvt != NULL && strcmp(mvt, "returnInvalid") == 0)
				return -1;
			continue;
		}
		/* A number that is NaN and not declared missing is no
		   valid value of a double. */
		if ((nvalid > 0 && !valid) || (get[k].kind == 1 &&
		    isnan(get[k].x))) {
			if (ivt == NULL || strcmp(ivt, "returnInvalid") == 0)
				return -1;
			if (strcmp(ivt, "asMissing") == 0)
				f->missing = 1;
			else
				need(strcmp(ivt, "asIs") == 0,
				    "invalidValueTreatment %s not evaluated",
				    ivt);
		}
	}
	return 0;
}

/* The entries of a string Array (PMML 4.4, "Array"): separated by white
   space; an entry in double quotes may hold white space, and \" stands
   for a double quote in it. */
static char **
array_entries(const char *s, size_t *n)
{
	char **v = NULL;
	size_t m = 0;

	while (*s != '\0') {
		char *buf = xmalloc(strlen(s) + 1);
		size_t len = 0;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s == '\0') {
			free(buf);
			break;
		}
		if (*s == '"') {
			for (s++; *s != '"'; s++) {
				need(*s != '\0', "unterminated Array "
				    "entry");
				if (s[0] == '\\' && s[1] == '"')
					s++;
				buf[len++] = *s;
			}
			s++;
		} else {
			while (*s != '\0' && *s != ' ' && *s != '\t' &&
			    *s != '\n' && *s != '\r')
				buf[len++] = *s++;
		}
		buf[len] = '\0';
		v = xreallocarray(v, m + 1, sizeof *v);
		v[m++] = buf;
	}
	*n = m;
	return v;
}

static enum tv
eval_pred(const struct peval *e, const struct xnode *p)
{
	size_t k;

	if (strcmp(p->name, "True") == 0)
		return TV_TRUE;
	if (strcmp(p->name, "False") == 0)
		return TV_FALSE;
	if (strcmp(p->name, "SimplePredicate") == 0) {
		const struct pfield *f = pfield(e, xattr(p, "field"));
		const char *op = xattr(p, "operator"), *val = xattr(p,
		    "value");

		if (strcmp(op, "isMissing") == 0)
			return f->missing ? TV_TRUE : TV_FALSE;
		if (strcmp(op, "isNotMissing") == 0)
			return f->missing ? TV_FALSE : TV_TRUE;
		if (f->missing)
			return TV_UNKNOWN;
		need(val != NULL, "line %ld: %s without a value",
		    p->line, op);
		if (is_numeric(f->df)) {
			double a = f->v.x, b = strtod_all(val);

			need(f->v.kind == 1, "line %ld: a number expected",
			    p->line);
			if (strcmp(op, "equal") == 0)
				return a == b ? TV_TRUE : TV_FALSE;
			if (strcmp(op, "notEqual") == 0)
				return a != b ? TV_TRUE : TV_FALSE;
			if (strcmp(op, "lessThan") == 0)
				return a < b ? TV_TRUE : TV_FALSE;
			if (strcmp(op, "lessOrEqual") == 0)
				return a <= b ? TV_TRUE : TV_FALSE;
			if (strcmp(op, "greaterThan") == 0)
				return a > b ? TV_TRUE : TV_FALSE;
			if (strcmp(op, "greaterOrEqual") == 0)
				return a >= b ? TV_TRUE : TV_FALSE;
		} else {
			need(f->v.kind == 2, "line %ld: a text expected",
			    p->line);
			if (strcmp(op, "equal") == 0)
				return strcmp(f->v.s, val) == 0 ? TV_TRUE :
				    TV_FALSE;
			if (strcmp(op, "notEqual") == 0)
				return strcmp(f->v.s, val) != 0 ? TV_TRUE :
				    TV_FALSE;
		}
		ck_abort_msg("line %ld: operator %s not evaluated", p->line,
		    op);
	}
	if (strcmp(p->name, "CompoundPredicate") == 0) {
		const char *bo = xattr(p, "booleanOperator");
		int any_true = 0, any_false = 0, any_unknown = 0;

		for (k = 0; k < p->nkid; k++) {
			enum tv t;

			if (strcmp(p->kid[k]->name, "Extension") == 0)
				continue;
			t = eval_pred(e, p->kid[k]);
			any_true |= t == TV_TRUE;
			any_false |= t == TV_FALSE;
			any_unknown |= t == TV_UNKNOWN;
		}
		if (strcmp(bo, "and") == 0)
			return any_false ? TV_FALSE : any_unknown ?
			    TV_UNKNOWN : TV_TRUE;
		if (strcmp(bo, "or") == 0)
			return any_true ? TV_TRUE : any_unknown ?
			    TV_UNKNOWN : TV_FALSE;
		ck_abort_msg("booleanOperator %s not evaluated", bo);
	}
	if (strcmp(p->name, "SimpleSetPredicate") == 0) {
		const struct pfield *f = pfield(e, xattr(p, "field"));
		const struct xnode *arr = xkid(p, "Array");
		const char *n = xattr(arr, "n");
		size_t m;
		char **v;
		int in = 0;

		need(strcmp(xattr(arr, "type"), "string") == 0, "line %ld: "
		    "Array of type %s", arr->line, xattr(arr, "type"));
		v = array_entries(arr->text, &m);
		need(n == NULL || (size_t)atol(n) == m, "line %ld: "
		    "Array n=\"%s\" holds %zu entries", arr->line, n, m);
		if (!f->missing)
			for (k = 0; k < m; k++)
				in |= strcmp(v[k], f->v.s) == 0;
		for (k = 0; k < m; k++)
			free(v[k]);
		free(v);
		if (f->missing)
			return TV_UNKNOWN;
		if (strcmp(xattr(p, "booleanOperator"), "isIn") == 0)
			return in ? TV_TRUE : TV_FALSE;
		return in ? TV_FALSE : TV_TRUE;
	}
	ck_abort_msg("line %ld: predicate <%s> not evaluated", p->line,
	    p->name);
	return TV_UNKNOWN;
}

/* The predicate child of an Attribute. */
static const struct xnode *
attr_pred(const struct xnode *a)
{
	size_t k;

	for (k = 0; k < a->nkid; k++)
		if (in_list(a->kid[k]->name, PRED))
			return a->kid[k];
	ck_abort_msg("line %ld: Attribute without a predicate", a->line);
	return NULL;
}

/* What the evaluator gives for one row. */
struct presult {
	int valid;
	double score, pd;
	char *code[64];		/* borrowed from the document */
	double diff[64];
	size_t ncode;
};

/* An EXPRESSION of the Output (Constant, FieldRef, Apply of + - * /
   exp). */
static double
eval_expr(const struct xnode *x, const char *score_field, double score)
{
	double a[4];
	size_t k, n = 0;
	const char *fn;

	if (strcmp(x->name, "Constant") == 0)
		return strtod_all(x->text);
	if (strcmp(x->name, "FieldRef") == 0) {
		need(score_field != NULL && strcmp(xattr(x, "field"),
		    score_field) == 0, "FieldRef to %s", xattr(x, "field"));
		return score;
	}
	need(strcmp(x->name, "Apply") == 0, "<%s> not evaluated", x->name);
	for (k = 0; k < x->nkid && n < 4; k++)
		a[n++] = eval_expr(x->kid[k], score_field, score);
	fn = xattr(x, "function");
	if (strcmp(fn, "exp") == 0 && n == 1)
		return exp(a[0]);
	need(n == 2, "Apply %s of %zu arguments", fn, n);
	if (strcmp(fn, "+") == 0)
		return a[0] + a[1];
	if (strcmp(fn, "-") == 0)
		return a[0] - a[1];
	if (strcmp(fn, "*") == 0)
		return a[0] * a[1];
	if (strcmp(fn, "/") == 0)
		return a[0] / a[1];
	ck_abort_msg("function %s not evaluated", fn);
	return NAN;
}

static void
peval_init(struct peval *e, const struct xnode *root)
{
	const struct xnode *ms;
	size_t k;

	memset(e, 0, sizeof *e);
	e->dd = xkid(root, "DataDictionary");
	e->sc = xkid(root, "Scorecard");
	ck_assert_ptr_nonnull(e->dd);
	ck_assert_ptr_nonnull(e->sc);
	ms = xkid(e->sc, "MiningSchema");
	e->f = xcalloc(ms->nkid, sizeof *e->f);
	for (k = 0; k < ms->nkid; k++) {
		ck_assert_str_eq(ms->kid[k]->name, "MiningField");
		e->f[k].name = xattr(ms->kid[k], "name");
		e->f[k].df = data_field(e->dd, e->f[k].name);
		need(e->f[k].df != NULL, "MiningField %s has no "
		    "DataField", e->f[k].name);
	}
	e->nf = ms->nkid;
}

/* Score one row: get[nf] the values of the MiningFields in order. */
static void
peval_row(struct peval *e, const struct pv *get, struct presult *out)
{
	const struct xnode *chars = xkid(e->sc, "Characteristics");
	const struct xnode *outp = xkid(e->sc, "Output");
	const char *useRC = xattr(e->sc, "useReasonCodes");
	const char *score_field = NULL;
	size_t c, a, k, j;

	memset(out, 0, sizeof *out);
	if (prepare_fields(e, get) < 0)
		return;
	out->score = xattr(e->sc, "initialScore") != NULL ?
	    xnum(e->sc, "initialScore") : 0;
	for (c = 0; c < chars->nkid; c++) {
		const struct xnode *ch = chars->kid[c];
		const struct xnode *hit = NULL;

		for (a = 0; a < ch->nkid && hit == NULL; a++)
			if (strcmp(ch->kid[a]->name, "Attribute") == 0 &&
			    eval_pred(e, attr_pred(ch->kid[a])) == TV_TRUE)
				hit = ch->kid[a];
		if (hit == NULL)
			return;		/* invalid: no attribute TRUE */
		out->score += xnum(hit, "partialScore");
		if (useRC == NULL || strcmp(useRC, "true") == 0) {
			/* pointsBelow: baseline - partial, summed per code
			   in order of first appearance. */
			const char *code = xattr(hit, "reasonCode");
			double d = xnum(ch, "baselineScore") -
			    xnum(hit, "partialScore");

			need(strcmp(xattr(e->sc, "reasonCodeAlgorithm"),
			    "pointsBelow") == 0, "reasonCodeAlgorithm %s "
			    "not evaluated", xattr(e->sc,
			    "reasonCodeAlgorithm"));
			if (code == NULL)
				code = xattr(ch, "reasonCode");
			need(code != NULL, "line %ld: no reasonCode",
			    hit->line);
			for (k = 0; k < out->ncode; k++)
				if (strcmp(out->code[k], code) == 0)
					break;
			if (k == out->ncode) {
				need(k < 64, "more than 64 reason codes");
				out->code[k] = (char *)code;
				out->diff[k] = 0;
				out->ncode++;
			}
			out->diff[k] += d;
		}
	}
	/* Rank: largest difference first, ties in order of appearance
	   (a stable insertion sort). */
	for (k = 1; k < out->ncode; k++)
		for (j = k; j > 0 && out->diff[j - 1] < out->diff[j]; j--) {
			char *ts = out->code[j];
			double td = out->diff[j];

			out->code[j] = out->code[j - 1];
			out->diff[j] = out->diff[j - 1];
			out->code[j - 1] = ts;
			out->diff[j - 1] = td;
		}
	out->valid = 1;
	out->pd = NAN;
	for (k = 0; k < outp->nkid; k++) {
		const struct xnode *of = outp->kid[k];
		const char *feat = xattr(of, "feature");

		if (feat == NULL || strcmp(feat, "predictedValue") == 0)
			score_field = xattr(of, "name");
		else if (strcmp(feat, "transformedValue") == 0)
			out->pd = eval_expr(of->kid[of->nkid - 1],
			    score_field, out->score);
	}
}

static void
peval_done(struct peval *e)
{
	free(e->f);
}

/* ============================================================ fixtures */

/* The PMML of card and p as a heap string (caller frees). */
static char *
pmml_text(const struct scorecard *card, const struct policy *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct rd_err err;

	ck_assert_ptr_nonnull(f);
	rd_err_clear(&err);
	need(export_pmml(f, card, p, &err) == 0, "export_pmml: %s",
	    err.msg);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static struct xnode *
pmml_read(const char *text)
{
	char why[256];
	struct xnode *root = xml_read(text, why);

	need(root != NULL, "the PMML is not well-formed XML: %s",
	    why);
	return root;
}

/* JSON of one bin of a hand card. */
static json_t *
jbin(const char *kind, double pts)
{
	json_t *b = json_object();

	json_object_set_new(b, "kind", json_string(kind));
	json_object_set_new(b, "label", json_string(kind));
	json_object_set_new(b, "count", json_integer(10));
	json_object_set_new(b, "goods", json_integer(8));
	json_object_set_new(b, "bads", json_integer(2));
	json_object_set_new(b, "woe", json_null());
	json_object_set_new(b, "iv", json_null());
	json_object_set_new(b, "points", json_real(pts));
	return b;
}

static json_t *
jrange(double lo, double hi, double pts)
{
	json_t *b = jbin("range", pts);

	json_object_set_new(b, "lower", isinf(lo) ? json_null() :
	    json_real(lo));
	json_object_set_new(b, "upper", isinf(hi) ? json_null() :
	    json_real(hi));
	return b;
}

static json_t *
jspecial(double v, double pts)
{
	json_t *b = jbin("special", pts);

	json_object_set_new(b, "value", json_real(v));
	return b;
}

/* Levels: a NULL-terminated list. */
static json_t *
jlevels(const char *const *lv, double pts, int count, int other)
{
	json_t *b = jbin("levels", pts), *a = json_array();

	for (; *lv != NULL; lv++)
		json_array_append_new(a, json_string(*lv));
	json_object_set_new(b, "levels", a);
	json_object_set_new(b, "count", json_integer(count));
	if (other)
		json_object_set_new(b, "other", json_true());
	return b;
}

static json_t *
jchar(const char *name, int numeric, json_t *bins)
{
	json_t *c = json_object();

	json_object_set_new(c, "name", json_string(name));
	json_object_set_new(c, "numeric", json_boolean(numeric));
	json_object_set_new(c, "coef", json_real(-0.85));
	json_object_set_new(c, "se", json_real(0.1));
	json_object_set_new(c, "pval", json_real(0.001));
	json_object_set_new(c, "iv", json_real(0.2));
	json_object_set_new(c, "goods", json_integer(80));
	json_object_set_new(c, "bads", json_integer(20));
	json_object_set_new(c, "bins", bins);
	return c;
}

static const char *const lv_own[] = { "own", NULL };
static const char *const lv_rent[] = { "rent", "with space", "quote\"d",
    NULL };
static const char *const lv_back[] = { "back\\slash", "tab\there", NULL };
static const char *const lv_free[] = { "free", "a<b&c>d", "new\nline",
    "own", NULL };
static const char *const lv_car[] = { "car", NULL };
static const char *const lv_tv[] = { "tv", "radio", NULL };

/* The hand scorecard of the file comment. */
static struct scorecard *
hand_card(void)
{
	json_t *root = json_object(), *sc = json_object(), *dev;
	json_t *chars = json_array(), *b;
	struct scorecard *card;
	struct rd_err err;
	char *text;

	json_object_set_new(root, "format", json_string("riskdesk scorecard"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "name", json_string("pmml hand"));
	json_object_set_new(root, "population", json_string("apps & co"));
	json_object_set_new(sc, "base_score", json_real(600));
	json_object_set_new(sc, "base_odds", json_real(50));
	json_object_set_new(sc, "pdo", json_real(20));
	json_object_set_new(root, "scaling", sc);
	/* factor = 20 / ln 2, offset = 600 - factor ln 50. */
	json_object_set_new(root, "factor", json_real(20 / log(2)));
	json_object_set_new(root, "offset", json_real(600 - 20 / log(2) *
	    log(50)));
	json_object_set_new(root, "intercept", json_real(-0.9));
	json_object_set_new(root, "intercept_se", json_real(0.1));
	json_object_set_new(root, "intercept_pval", json_real(0.001));
	json_object_set_new(root, "base_points", json_real(512));

	b = json_array();
	json_array_append_new(b, jrange(-INFINITY, 12, 31));
	json_array_append_new(b, jrange(12, 24.5, 18));
	json_array_append_new(b, jrange(24.5, 36.1, 9));
	json_array_append_new(b, jrange(36.1, INFINITY, -4));
	json_array_append_new(b, jspecial(-999, 7));
	json_array_append_new(b, jspecial(13, 25));
	json_array_append_new(b, jbin("missing", -11));
	json_array_append_new(chars, jchar("months", 1, b));

	b = json_array();
	json_array_append_new(b, jlevels(lv_own, 40, 30, 0));
	json_array_append_new(b, jlevels(lv_rent, 10, 30, 0));
	json_array_append_new(b, jlevels(lv_back, 3, 20, 0));
	json_array_append_new(b, jlevels(lv_free, 22, 20, 1));
	json_array_append_new(chars, jchar("housing", 0, b));

	b = json_array();
	json_array_append_new(b, jlevels(lv_car, 12, 50, 0));
	json_array_append_new(b, jlevels(lv_tv, 20, 80, 0));
	json_array_append_new(b, jbin("missing", 3));
	json_array_append_new(chars, jchar("purpose", 0, b));

	b = json_array();
	json_array_append_new(b, jrange(-INFINITY, 0.1, -7));
	json_array_append_new(b, jrange(0.1, 1 / 3.0, 5));
	json_array_append_new(b, jrange(1 / 3.0, INFINITY, 1));
	json_array_append_new(chars, jchar("score", 1, b));

	b = json_array();
	json_array_append_new(b, jrange(-INFINITY, INFINITY, 2));
	json_array_append_new(b, jspecial(1, 9));
	json_array_append_new(chars, jchar("flag", 1, b));
	json_object_set_new(root, "characteristics", chars);

	dev = json_pack("{s:i, s:i, s:f, s:f, s:f, s:f, s:f, s:f, s:i}",
	    "n", 100, "n_bad", 20, "auc", 0.7, "gini", 0.4, "ks", 0.3,
	    "ks_at", 520.0, "loglik", -40.0, "aic", 90.0, "iterations", 5);
	json_object_set_new(root, "development", dev);
	json_object_set_new(root, "dropped", json_array());
	text = json_dumps(root, JSON_REAL_PRECISION(17));
	json_decref(root);
	rd_err_clear(&err);
	card = card_parse(text, &err);
	free(text);
	need(card != NULL, "card_parse: %s", err.msg);
	return card;
}

/* A policy for the hand card: every kind of rule, texts XML must escape
   (a condition over two lines, quotes, < > &), distinct reason codes. */
static struct policy *
hand_policy(void)
{
	char path[64];
	struct rd_err err;
	struct policy *p;

	snprintf(path, sizeof path, "scratch-pmml-%ld.yaml", (long)getpid());
	write_file(path,
	    "name: pmml \"hand\" <policy>\n"
	    "scorecard: pmml hand\n"
	    "population: apps\n"
	    "funding_rate: 0.035\n"
	    "income: monthly_income * 12\n"
	    "reason_codes:\n"
	    "  months: R01 <term>\n"
	    "  housing: R02 & home\n"
	    "  purpose: R03\n"
	    "  score: R04\n"
	    "  flag: R05\n"
	    "loss: {lgd: 0.45, ead: amount}\n"
	    "knockouts:\n"
	    "  - name: too_much\n"
	    "    when: amount > 15000 AND purpose <> 'a\"b'\n"
	    "    reason: KO01\n"
	    "  - name: two lines\n"
	    "    when: |\n"
	    "      age < 18\n"
	    "      OR note = '<&>'\n"
	    "    reason: KO02\n"
	    "segments:\n"
	    "  - name: renters\n"
	    "    when: housing = 'rent'\n"
	    "    cutoff: 515.5\n"
	    "    refer: 500\n"
	    "    lgd: 0.6\n"
	    "    bands:\n"
	    "      - {from: 515.5, to: 545, limit: 4000, apr: 0.139}\n"
	    "      - from: 545\n"
	    "        income_limits:\n"
	    "          - {min_income: 0, limit: 1000}\n"
	    "          - {min_income: 30000.25, limit: 2500}\n"
	    "  - name: default\n"
	    "    cutoff: 500\n");
	rd_err_clear(&err);
	p = policy_load(path, &err);
	unlink(path);
	need(p != NULL, "policy_load: %s:%ld:%ld: %s", err.file,
	    err.line, err.col, err.msg);
	return p;
}

/* ============================================================== tests */

static void check_fields(const struct xnode *n, const struct xnode *ms);

/* Fields the whole document relies on: namespace, order, attributes,
   declared fields, unique names, the trailing <True/>. */
static void
check_document(const struct xnode *root, const struct scorecard *card)
{
	const struct xnode *dd, *sc, *ms, *out, *chars;
	size_t k, j, a;

	ck_assert_str_eq(root->name, "PMML");
	ck_assert_str_eq(xattr(root, "xmlns"), PMML_NS);
	ck_assert_str_eq(xattr(root, "version"), "4.4");
	check_schema(root);
	ck_assert_str_eq(xattr(xkid(xkid(root, "Header"), "Application"),
	    "name"), "riskdesk");
	ck_assert_str_eq(xattr(xkid(xkid(root, "Header"), "Application"),
	    "version"), PACKAGE_VERSION);
	dd = xkid(root, "DataDictionary");
	sc = xkid(root, "Scorecard");
	ms = xkid(sc, "MiningSchema");
	out = xkid(sc, "Output");
	chars = xkid(sc, "Characteristics");
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(xattr(sc, "functionName"), "regression");
	ck_assert_str_eq(xattr(sc, "useReasonCodes"), "true");
	ck_assert_str_eq(xattr(sc, "reasonCodeAlgorithm"), "pointsBelow");
	ck_assert_str_eq(xattr(sc, "baselineMethod"), "max");
	ck_assert_str_eq(xattr(sc, "modelName"), card->name);
	ck_assert_double_eq(xnum(sc, "initialScore"), card->base_points);
	ck_assert_uint_eq((size_t)xnum(dd, "numberOfFields"), dd->nkid);
	/* One name space for data and output fields. */
	for (k = 0; k < dd->nkid; k++)
		for (j = 0; j < out->nkid; j++)
			ck_assert_str_ne(xattr(dd->kid[k], "name"),
			    xattr(out->kid[j], "name"));
	for (k = 0; k < dd->nkid; k++) {
		const struct xnode *df = dd->kid[k];

		for (j = k + 1; j < dd->nkid; j++)
			ck_assert_str_ne(xattr(df, "name"),
			    xattr(dd->kid[j], "name"));
		/* Each Value once. */
		for (j = 0; j < df->nkid; j++)
			for (a = j + 1; a < df->nkid; a++)
				need(strcmp(xattr(df->kid[j], "value"),
				    xattr(df->kid[a], "value")) != 0,
				    "line %ld: Value \"%s\" twice",
				    df->kid[a]->line, xattr(df->kid[a],
				    "value"));
	}
	for (k = 0; k < out->nkid; k++)
		for (j = k + 1; j < out->nkid; j++)
			ck_assert_str_ne(xattr(out->kid[k], "name"),
			    xattr(out->kid[j], "name"));
	/* Every MiningField a DataField; one target. */
	for (k = 0, j = 0; k < ms->nkid; k++) {
		const char *u = xattr(ms->kid[k], "usageType");

		ck_assert_ptr_nonnull(data_field(dd, xattr(ms->kid[k],
		    "name")));
		j += u != NULL && strcmp(u, "target") == 0;
	}
	ck_assert_uint_eq(j, 1);
	/* Reason codes 1..PMML_REASONS. */
	for (k = 1; k <= PMML_REASONS; k++) {
		for (j = 0; j < out->nkid; j++) {
			const char *f = xattr(out->kid[j], "feature");
			const char *r = xattr(out->kid[j], "rank");

			if (f != NULL && strcmp(f, "reasonCode") == 0 &&
			    r != NULL && (size_t)atol(r) == k)
				break;
		}
		need(j < out->nkid, "no reason code of rank %zu", k);
	}
	/* The characteristics, in the card's order, each with a baseline
	   (the Scorecard has none) equal to card_best_points, every
	   Attribute with a partial score and a reason code, the last one
	   <True/>. */
	ck_assert_uint_eq(chars->nkid, card->nchars);
	for (k = 0; k < chars->nkid; k++) {
		const struct xnode *ch = chars->kid[k];
		const struct xnode *last = ch->kid[ch->nkid - 1];

		ck_assert_str_eq(xattr(ch, "name"), card->chars[k].ch->name);
		ck_assert_double_eq(xnum(ch, "baselineScore"),
		    card_best_points(&card->chars[k]));
		for (a = 0; a < ch->nkid; a++) {
			(void)xnum(ch->kid[a], "partialScore");
			need(xattr(ch->kid[a], "reasonCode") != NULL,
			    "line %ld: Attribute without a reasonCode",
			    ch->kid[a]->line);
		}
		ck_assert_str_eq(attr_pred(last)->name, "True");
	}
	check_fields(chars, ms);
}

/* Every field a predicate names is an active MiningField; no Array
   holds a backslash but before a double quote (PMML gives no escape for
   one, and readers differ: the writer keeps such levels out of
   Arrays). */
static void
check_fields(const struct xnode *n, const struct xnode *ms)
{
	const char *f = xattr(n, "field");
	size_t k;

	if (strcmp(n->name, "Array") == 0)
		for (k = 0; n->text[k] != '\0'; k++)
			need(n->text[k] != '\\' ||
			    n->text[k + 1] == '"', "line %ld: a backslash in "
			    "an Array", n->line);

	if (f != NULL && in_list(n->name, "SimplePredicate|"
	    "SimpleSetPredicate")) {
		for (k = 0; k < ms->nkid; k++)
			if (strcmp(xattr(ms->kid[k], "name"), f) == 0)
				break;
		need(k < ms->nkid, "line %ld: field %s not in the "
		    "MiningSchema", n->line, f);
		need(xattr(ms->kid[k], "usageType") == NULL ||
		    strcmp(xattr(ms->kid[k], "usageType"), "active") == 0,
		    "line %ld: field %s is not active", n->line, f);
	}
	for (k = 0; k < n->nkid; k++)
		check_fields(n->kid[k], ms);
}

START_TEST(test_pmml_structure)
{
	struct scorecard *card = hand_card();
	struct policy *p = hand_policy();
	char *text;
	struct xnode *root;
	const struct xnode *dd;

	text = pmml_text(card, NULL);
	root = pmml_read(text);
	check_document(root, card);
	/* Without a policy each characteristic is its own code, and there
	   is no policy extension. */
	ck_assert_str_eq(xattr(xkid(xkid(xkid(xkid(root, "Scorecard"),
	    "Characteristics"), "Characteristic"), "Attribute"),
	    "reasonCode"), "months");
	ck_assert_ptr_null(xkid(root, "Extension"));
	/* The characteristic "score" keeps its name; the target moves. */
	dd = xkid(root, "DataDictionary");
	ck_assert_ptr_nonnull(data_field(dd, "score"));
	ck_assert_str_eq(xattr(data_field(dd, "score"), "optype"),
	    "continuous");
	ck_assert_ptr_nonnull(data_field(dd, "score_"));
	/* Text: every listed level valid, "" declared missing. */
	{
		const struct xnode *h = data_field(dd, "housing");
		size_t k, nvalid = 0, nmissing = 0;

		ck_assert_str_eq(xattr(h, "optype"), "categorical");
		ck_assert_str_eq(xattr(h, "dataType"), "string");
		for (k = 0; k < h->nkid; k++) {
			const char *pr = xattr(h->kid[k], "property");

			if (pr != NULL && strcmp(pr, "missing") == 0) {
				ck_assert_str_eq(xattr(h->kid[k], "value"),
				    "");
				nmissing++;
			} else {
				nvalid++;
			}
		}
		ck_assert_uint_eq(nvalid, 9);
		ck_assert_uint_eq(nmissing, 1);
		ck_assert_str_eq(xattr(h->kid[2], "value"), "with space");
		ck_assert_str_eq(xattr(h->kid[3], "value"), "quote\"d");
		ck_assert_str_eq(xattr(h->kid[5], "value"), "tab\there");
		ck_assert_str_eq(xattr(h->kid[7], "value"), "a<b&c>d");
		ck_assert_str_eq(xattr(h->kid[8], "value"), "new\nline");
	}
	xnode_free(root);
	free(text);

	text = pmml_text(card, p);
	root = pmml_read(text);
	check_document(root, card);
	ck_assert_str_eq(xattr(xkid(xkid(xkid(xkid(root, "Scorecard"),
	    "Characteristics"), "Characteristic"), "Attribute"),
	    "reasonCode"), "R01 <term>");
	/* The policy, beside the model, after it. */
	ck_assert_str_eq(root->kid[root->nkid - 1]->name, "Extension");
	ck_assert_str_eq(xattr(root->kid[root->nkid - 1], "name"),
	    "riskdesk-policy");
	xnode_free(root);
	free(text);
	policy_free(p);
	card_free(card);
}
END_TEST

/* The policy's rules read back from the extension as the policy holds
   them: texts through every escape, numbers to the last bit. */
START_TEST(test_pmml_policy_extension)
{
	struct scorecard *card = hand_card();
	struct policy *p = hand_policy();
	char *text = pmml_text(card, p);
	struct xnode *root = pmml_read(text);
	const struct xnode *ext = root->kid[root->nkid - 1], *pol, *n;
	size_t k, ko = 0, sg = 0, rc = 0;

	pol = xkid(ext, "policy");
	ck_assert_ptr_nonnull(pol);
	ck_assert_str_eq(xattr(pol, "name"), "pmml \"hand\" <policy>");
	ck_assert_str_eq(xattr(pol, "scorecard"), "pmml hand");
	ck_assert_str_eq(xattr(pol, "population"), "apps");
	ck_assert_str_eq(xattr(pol, "hit"), "first");
	ck_assert_str_eq(xattr(pol, "income"), "monthly_income * 12");
	ck_assert_double_eq(xnum(pol, "funding_rate"), 0.035);
	for (k = 0; k < pol->nkid; k++) {
		n = pol->kid[k];
		if (strcmp(n->name, "knockout") == 0) {
			ck_assert_uint_lt(ko, p->nknockouts);
			ck_assert_str_eq(xattr(n, "name"),
			    p->knockouts[ko].name);
			ck_assert_str_eq(xattr(n, "when"),
			    p->knockouts[ko].when);
			ck_assert_str_eq(xattr(n, "reason"),
			    p->knockouts[ko].reason);
			ko++;
		} else if (strcmp(n->name, "segment") == 0) {
			const struct policy_segment *s = &p->segments[sg++];
			size_t b;

			ck_assert_str_eq(xattr(n, "name"), s->name);
			if (s->when != NULL)
				ck_assert_str_eq(xattr(n, "when"), s->when);
			else
				ck_assert_ptr_null(xattr(n, "when"));
			ck_assert_double_eq(xnum(n, "cutoff"), s->cutoff);
			if (isnan(s->refer))
				ck_assert_ptr_null(xattr(n, "refer"));
			else
				ck_assert_double_eq(xnum(n, "refer"),
				    s->refer);
			ck_assert_double_eq(xnum(n, "lgd"), s->lgd);
			ck_assert_str_eq(xattr(n, "ead"), s->ead);
			ck_assert_uint_eq(n->nkid, s->nbands);
			for (b = 0; b < s->nbands; b++) {
				const struct xnode *bn = n->kid[b];
				const struct policy_band *d = &s->bands[b];
				size_t i;

				ck_assert_double_eq(xnum(bn, "from"), d->from);
				if (isinf(d->to))
					ck_assert_ptr_null(xattr(bn, "to"));
				else
					ck_assert_double_eq(xnum(bn, "to"),
					    d->to);
				if (isnan(d->limit))
					ck_assert_ptr_null(xattr(bn, "limit"));
				else
					ck_assert_double_eq(xnum(bn, "limit"),
					    d->limit);
				ck_assert_uint_eq(bn->nkid, d->nincome);
				for (i = 0; i < d->nincome; i++) {
					ck_assert_double_eq(xnum(bn->kid[i],
					    "min_income"),
					    d->income[i].min_income);
					ck_assert_double_eq(xnum(bn->kid[i],
					    "limit"), d->income[i].limit);
				}
			}
		} else {
			ck_assert_str_eq(n->name, "reason_code");
			ck_assert_str_eq(xattr(n, "characteristic"),
			    p->reasons[rc].characteristic);
			ck_assert_str_eq(xattr(n, "code"), p->reasons[rc].code);
			rc++;
		}
	}
	ck_assert_uint_eq(ko, 2);
	ck_assert_uint_eq(sg, 2);
	ck_assert_uint_eq(rc, 5);
	/* The values the YAML gave, written out: the two-line condition
	   keeps its line end, the band's 30000.25 its digits. */
	ck_assert_str_eq(p->knockouts[1].when, "age < 18\nOR note = '<&>'\n");
	ck_assert_double_eq(p->segments[0].bands[1].income[1].min_income,
	    30000.25);
	xnode_free(root);
	free(text);
	policy_free(p);
	card_free(card);
}
END_TEST

/* The edge values of numeric characteristic ch: each cut and special
   value with the doubles one ulp either side, the infinities, the
   largest finite numbers, zeros and NaN (NULL). */
static size_t
edge_nums(const struct characteristic *ch, double *v)
{
	size_t b, n = 0;

	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];

		if ((x->kind == BIN_RANGE && isfinite(x->lower)) ||
		    x->kind == BIN_SPECIAL) {
			v[n++] = x->lower;
			v[n++] = nextafter(x->lower, -INFINITY);
			v[n++] = nextafter(x->lower, INFINITY);
		}
	}
	v[n++] = -INFINITY;
	v[n++] = INFINITY;
	v[n++] = -DBL_MAX;
	v[n++] = DBL_MAX;
	v[n++] = 0.0;
	v[n++] = -0.0;
	v[n++] = NAN;
	return n;
}

/* The edge values of text characteristic ch: every level its bins
   list, levels no bin lists, NULL. */
static size_t
edge_texts(const struct characteristic *ch, const char **v)
{
	size_t b, i, n = 0;

	for (b = 0; b < ch->nbins; b++)
		for (i = 0; i < ch->bins[b].nlevels; i++)
			v[n++] = ch->bins[b].levels[i];
	v[n++] = "boat";
	v[n++] = "OWN";
	v[n++] = " own";
	v[n++] = "own ";
	v[n++] = "\"own\"";
	v[n++] = "rent with space";
	v[n++] = NULL;
	return n;
}

/* The reason code of characteristic k under p (NULL: its name). */
static const char *
code_of(const struct scorecard *card, const struct policy *p, size_t k)
{
	const char *name = card->chars[k].ch->name;

	return p != NULL ? policy_reason_code(p, name) : name;
}

/*
 * Score every row of ds with card_score, card_pd and card_reasons, and
 * with the evaluator over the PMML of card and p; nan_is_null passes a
 * numeric NaN to PMML as an absent value, else as NaN.  Every score and
 * PD must be equal, and PMML's reason codes of positive difference must
 * be card_reasons' codes in its order.
 */
static void
check_scores(const struct scorecard *card, const struct policy *p,
	const struct dataset *ds, int nan_is_null)
{
	char *text = pmml_text(card, p);
	struct xnode *root = pmml_read(text);
	double *score = xmalloc(ds->nrows * sizeof *score);
	double *pd = xmalloc(ds->nrows * sizeof *pd);
	size_t *why = xmalloc((card->nchars + 1) * sizeof *why);
	struct peval e;
	struct pv *get;
	struct rd_err err;
	size_t i, k, j, n;

	rd_err_clear(&err);
	need(card_score(card, ds, score, pd, &err) == 0, "%s",
	    err.msg);
	peval_init(&e, root);
	get = xcalloc(e.nf, sizeof *get);
	for (i = 0; i < ds->nrows; i++) {
		struct presult r;

		for (k = 0; k < e.nf; k++) {
			int c = ds_column_index(ds, e.f[k].name);
			const struct ds_column *col;

			memset(&get[k], 0, sizeof get[k]);
			if (c < 0)	/* the target: not read */
				continue;
			col = &ds->cols[c];
			if (col->type == DS_TEXT) {
				if (col->code[i] >= 0) {
					get[k].kind = 2;
					get[k].s = col->levels[col->code[i]];
				}
			} else if (!(isnan(col->num[i]) && nan_is_null)) {
				get[k].kind = 1;
				get[k].x = col->num[i];
			}
		}
		peval_row(&e, get, &r);
		need(r.valid, "row %zu: the PMML score is invalid",
		    i);
		need(r.score == score[i], "row %zu: PMML %.17g, "
		    "card_score %.17g", i, r.score, score[i]);
		need(r.pd == pd[i], "row %zu: PMML PD %.17g, card_pd "
		    "%.17g", i, r.pd, pd[i]);
		n = card_reasons(card, ds, i, card->nchars, why, NULL);
		for (j = 0; j < r.ncode && r.diff[j] > 0; j++) {
			need(j < n, "row %zu: PMML gives reason %s, "
			    "riskdesk %zu reasons", i, r.code[j], n);
			need(strcmp(r.code[j], code_of(card, p, why[j])) == 0,
			    "row %zu: PMML reason %zu is %s, riskdesk's %s", i,
			    j + 1, r.code[j], code_of(card, p, why[j]));
		}
		need(j == n, "row %zu: PMML gives %zu reasons, "
		    "riskdesk %zu", i, j, n);
	}
	free(get);
	peval_done(&e);
	free(why);
	free(pd);
	free(score);
	xnode_free(root);
	free(text);
}

/* A dataset of the hand card's edge values, each characteristic's list
   cycled over the rows so that every value meets others. */
static struct dataset *
edge_ds(const struct scorecard *card)
{
	double nv[8][64];
	const char *tv[8][64];
	size_t len[8], k, i, nrows = 0;
	struct dataset *ds;

	ck_assert_uint_le(card->nchars, 8);
	for (k = 0; k < card->nchars; k++) {
		len[k] = card->chars[k].ch->numeric ?
		    edge_nums(card->chars[k].ch, nv[k]) :
		    edge_texts(card->chars[k].ch, tv[k]);
		if (len[k] * 3 > nrows)
			nrows = len[k] * 3;
	}
	ds = hand_ds(nrows);
	for (k = 0; k < card->nchars; k++) {
		if (card->chars[k].ch->numeric) {
			double *v = xmalloc(nrows * sizeof *v);

			for (i = 0; i < nrows; i++)
				v[i] = nv[k][(i + k) % len[k]];
			hand_num(ds, card->chars[k].ch->name, v);
			free(v);
		} else {
			const char **v = xmalloc(nrows * sizeof *v);

			for (i = 0; i < nrows; i++)
				v[i] = tv[k][(i + k) % len[k]];
			hand_text(ds, card->chars[k].ch->name,
			    (const char *const *)v);
			free(v);
		}
	}
	return ds;
}

START_TEST(test_pmml_scores_edges)
{
	struct scorecard *card = hand_card();
	struct policy *p = hand_policy();
	struct dataset *ds = edge_ds(card);

	check_scores(card, NULL, ds, 0);
	check_scores(card, NULL, ds, 1);
	check_scores(card, p, ds, 0);
	ds_free(ds);
	policy_free(p);
	card_free(card);
}
END_TEST

/*
 * The hand card's points written out for a few rows, as the evaluator
 * must find them (base 512), so that the comparison above is not only
 * between two programs:
 *   months 13 (special, 25), housing "with space" (10), purpose "boat"
 *     (unseen: tv/radio, 20), score 0.1 ([0.1, 1/3), 5), flag 1
 *     (special, 9): 512 + 25 + 10 + 20 + 5 + 9 = 581;
 *   months nextafter(12, -inf) ((-inf, 12), 31), housing NULL (no
 *     missing bin, 0), purpose NULL (missing, 3), score
 *     nextafter(0.1, -inf) (-7), flag 1.5 (2):
 *     512 + 31 + 0 + 3 - 7 + 2 = 541;
 *   months NaN (missing, -11), housing "boat" (other bin, 22), purpose
 *     "car" (12), score NULL (0), flag -999 (2):
 *     512 - 11 + 22 + 12 + 0 + 2 = 537;
 *   months 36.1 ([36.1, inf), -4), housing "back\slash" (3), purpose
 *     "radio" (20), score 1e300 (1), flag inf (2):
 *     512 - 4 + 3 + 20 + 1 + 2 = 534.
 * Reason codes of the second row (pointsBelow, baselines 31, 40, 20, 5,
 * 2): months 0, housing 40, purpose 17, score 12, flag 0: housing,
 * purpose, score, then the zero differences in card order.
 */
START_TEST(test_pmml_scores_by_hand)
{
	struct scorecard *card = hand_card();
	char *text = pmml_text(card, NULL);
	struct xnode *root = pmml_read(text);
	static const double want[] = { 581, 541, 537, 534 };
	struct pv rows[4][6];
	struct peval e;
	struct presult r;
	size_t i;

	memset(rows, 0, sizeof rows);
	/* MiningFields: months, housing, purpose, score, flag, target. */
	rows[0][0] = (struct pv){ 1, 13, NULL };
	rows[0][1] = (struct pv){ 2, 0, "with space" };
	rows[0][2] = (struct pv){ 2, 0, "boat" };
	rows[0][3] = (struct pv){ 1, 0.1, NULL };
	rows[0][4] = (struct pv){ 1, 1, NULL };
	rows[1][0] = (struct pv){ 1, nextafter(12, -INFINITY), NULL };
	rows[1][3] = (struct pv){ 1, nextafter(0.1, -INFINITY), NULL };
	rows[1][4] = (struct pv){ 1, 1.5, NULL };
	rows[2][0] = (struct pv){ 1, NAN, NULL };
	rows[2][1] = (struct pv){ 2, 0, "boat" };
	rows[2][2] = (struct pv){ 2, 0, "car" };
	rows[2][4] = (struct pv){ 1, -999, NULL };
	rows[3][0] = (struct pv){ 1, 36.1, NULL };
	rows[3][1] = (struct pv){ 2, 0, "back\\slash" };
	rows[3][2] = (struct pv){ 2, 0, "radio" };
	rows[3][3] = (struct pv){ 1, 1e300, NULL };
	rows[3][4] = (struct pv){ 1, INFINITY, NULL };
	peval_init(&e, root);
	ck_assert_uint_eq(e.nf, 6);
	for (i = 0; i < 4; i++) {
		peval_row(&e, rows[i], &r);
		ck_assert(r.valid);
		ck_assert_double_eq(r.score, want[i]);
		ck_assert_double_eq(r.pd, 1 / (1 + exp((want[i] -
		    card->offset) / card->factor)));
		if (i != 1)
			continue;
		ck_assert_uint_eq(r.ncode, 5);
		ck_assert_str_eq(r.code[0], "housing");
		ck_assert_double_eq(r.diff[0], 40);
		ck_assert_str_eq(r.code[1], "purpose");
		ck_assert_double_eq(r.diff[1], 17);
		ck_assert_str_eq(r.code[2], "score");
		ck_assert_double_eq(r.diff[2], 12);
		ck_assert_str_eq(r.code[3], "months");
		ck_assert_double_eq(r.diff[3], 0);
		ck_assert_str_eq(r.code[4], "flag");
	}
	/* An empty text is missing, as the import reads an empty cell:
	   purpose "" scores the missing bin's 3 like NULL. */
	rows[1][2] = (struct pv){ 2, 0, "" };
	peval_row(&e, rows[1], &r);
	ck_assert(r.valid);
	ck_assert_double_eq(r.score, 541);
	peval_done(&e);
	xnode_free(root);
	free(text);
	card_free(card);
}
END_TEST

/* The same card and policy give the same bytes; another process's
   bytes too (nothing depends on time or addresses). */
START_TEST(test_pmml_deterministic)
{
	struct scorecard *card = hand_card();
	struct policy *p = hand_policy();
	char *a = pmml_text(card, p), *b = pmml_text(card, p);

	ck_assert_str_eq(a, b);
	ck_assert_ptr_null(strstr(a, "Timestamp"));
	free(b);
	free(a);
	policy_free(p);
	card_free(card);
}
END_TEST

/* Text XML 1.0 cannot hold is refused, naming it, before a byte is
   written: control characters (BEL, ESC), U+FFFE, bytes that are not
   UTF-8 (latin1, an overlong '/').  Tab and line feed are written (the
   hand card holds them). */
START_TEST(test_pmml_refuses_control_characters)
{
	static const char *const bad[] = { "bell\a", "esc\x1b", "\xef\xbf\xbe",
	    "latin1 \xe9t\xe9", "\xc0\xaf" };
	size_t k;

	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		struct scorecard *card = hand_card();
		struct bin *x = &card->chars[1].ch->bins[1];
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		struct rd_err err;

		free(x->levels[1]);
		x->levels[1] = xstrdup(bad[k]);
		rd_err_clear(&err);
		ck_assert_int_eq(export_pmml(f, card, NULL, &err), -1);
		ck_assert_int_eq(err.cls, RD_EINPUT);
		need(strstr(err.msg, "a level of characteristic "
		    "\"housing\"") != NULL, "%s", err.msg);
		if (k == 0)	/* BEL, the 5th byte of "bell\a" */
			need(strstr(err.msg, "byte 5 starts U+0007") != NULL,
			    "%s", err.msg);
		if (k == 3)
			need(strstr(err.msg, "byte 8 is not UTF-8") != NULL,
			    "%s", err.msg);
		fclose(f);
		ck_assert_uint_eq(len, 0);
		free(buf);
		card_free(card);
	}
}
END_TEST

/* A write that fails is RD_EIO (/dev/full takes no byte). */
START_TEST(test_pmml_write_failure)
{
	struct scorecard *card = hand_card();
	FILE *f = fopen("/dev/full", "w");
	struct rd_err err;

	if (f == NULL) {
		printf("check_export: /dev/full cannot be opened: the write "
		    "failure test is skipped\n");
		card_free(card);
		return;
	}
	rd_err_clear(&err);
	ck_assert_int_eq(export_pmml(f, card, NULL, &err), -1);
	ck_assert_int_eq(err.cls, RD_EIO);
	need(strstr(err.msg, "cannot write the PMML") != NULL, "%s",
	    err.msg);
	fclose(f);
	card_free(card);
}
END_TEST

/* A second, independent XML reader, when installed: xmllint. */
START_TEST(test_pmml_xmllint)
{
	struct scorecard *card = hand_card();
	struct policy *p = hand_policy();
	char *text = pmml_text(card, p), path[64], cmd[160];
	int rc;

	if (system("command -v xmllint >/dev/null 2>&1") != 0) {
		printf("check_export: xmllint is not installed: the PMML's "
		    "well-formedness is checked by this program's reader "
		    "only\n");
		goto out;
	}
	snprintf(path, sizeof path, "scratch-pmml-%ld.xml", (long)getpid());
	write_file(path, text);
	snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
	rc = system(cmd);
	unlink(path);
	need(rc == 0, "xmllint refuses the PMML");
out:
	free(text);
	policy_free(p);
	card_free(card);
}
END_TEST

/* ------------------------------------------------- fitted scorecards */

static struct dataset *german, *hmeq;
static struct scorecard *german_card, *hmeq_card;

static struct scorecard *
fit(const struct dataset *ds, const char *name)
{
	struct card_fit_spec fs;
	struct rd_err err;
	struct scorecard *card;

	card_fit_spec_init(&fs);
	fs.bins.threads = 1;
	rd_err_clear(&err);
	card = card_fit(ds, name, &fs, &err);
	need(card != NULL, "card_fit: %s", err.msg);
	return card;
}

static void
fitted_setup(void)
{
	german = load_csv("data/german_credit.csv", "german",
	    "creditability", "bad");
	hmeq = load_csv("data/hmeq.csv", "hmeq", "BAD", "1");
	german_card = fit(german, "german");
	hmeq_card = fit(hmeq, "hmeq");
}

static void
fitted_teardown(void)
{
	card_free(german_card);
	card_free(hmeq_card);
	ds_free(german);
	ds_free(hmeq);
}

/* Every row of the German credit data (1,000 rows, text
   characteristics of many levels) and of HMEQ (5,960 rows, NULLs and
   missing bins): PMML's score, PD and reason codes are riskdesk's. */
START_TEST(test_pmml_fitted_cards)
{
	size_t k, nmiss = 0;

	char *text = pmml_text(german_card, NULL);
	struct xnode *root = pmml_read(text);

	check_document(root, german_card);
	xnode_free(root);
	free(text);
	check_scores(german_card, NULL, german, 1);
	check_scores(hmeq_card, NULL, hmeq, 1);
	/* HMEQ has NULLs: some of its characteristics have missing bins. */
	for (k = 0; k < hmeq_card->nchars; k++)
		nmiss += card_missing_bin(hmeq_card, k) >= 0;
	ck_assert_uint_gt(nmiss, 0);
}
END_TEST

/* ----------------------------------------------- the score histogram */

/* One (score, outcome) count; outcome -1 for NULL. */
struct hrow {
	double score;
	int y;
	long n;
};

static int
hrow_cmp(const void *a, const void *b)
{
	const struct hrow *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return (x->y > y->y) - (x->y < y->y);
}

/* The columns of ds as export reads them (names borrowed). */
static struct sqlx_column *
ds_sqlx_columns(const struct dataset *ds)
{
	struct sqlx_column *c = xcalloc(ds->ncols + 1, sizeof *c);
	size_t k;

	for (k = 0; k < ds->ncols; k++) {
		c[k].name = ds->cols[k].name;
		c[k].type = ds->cols[k].type;
	}
	return c;
}

/*
 * The histogram query of a card fitted on csv, run on the SQLite table
 * it was imported into, against card_score and the dataset's outcomes
 * aggregated here: the same (score, outcome) pairs in the same order,
 * the same counts.  The score is compared to a relative 1e-12: SQLite
 * reads a decimal literal to within one unit in the last place (see
 * tests/engine-lib.sh), the PostgreSQL path in tests/engine-validate.sh.
 */
static void
check_hist(const char *csv, const char *table, const char *target,
	const char *bad)
{
	const char *path = scratch_db(table);
	struct db *db = import_to(path, csv, table, target, bad);
	struct dataset *ds;
	struct scorecard *card;
	struct sqlx_column *cols;
	struct export_sql_spec spec;
	struct hrow *want, *got = NULL;
	size_t i, nw = 0, ng = 0, cap = 0;
	double *score;
	struct rd_err err;
	sqlite3_stmt *st;
	char *sql;
	int rc;

	rd_err_clear(&err);
	ds = db_dataset_load(db, table, &err);
	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	card = fit(ds, table);
	score = xmalloc(ds->nrows * sizeof *score);
	ck_assert_int_eq(card_score(card, ds, score, NULL, &err), 0);
	want = xcalloc(ds->nrows, sizeof *want);
	for (i = 0; i < ds->nrows; i++) {
		want[i].score = score[i];
		want[i].y = ds->y[i] == DS_INDET ? -1 : ds->y[i];
		want[i].n = 1;
	}
	qsort(want, ds->nrows, sizeof *want, hrow_cmp);
	for (i = 0; i < ds->nrows; i++) {
		if (nw > 0 && want[nw - 1].score == want[i].score &&
		    want[nw - 1].y == want[i].y)
			want[nw - 1].n++;
		else
			want[nw++] = want[i];
	}

	cols = ds_sqlx_columns(ds);
	memset(&spec, 0, sizeof spec);
	spec.dialect = SQLX_SQLITE;
	spec.source = table;
	spec.cols = cols;
	spec.ncols = ds->ncols;
	spec.target = target;
	spec.bad = bad;
	spec.good = "";
	sql = export_sql_score_hist(card, &spec, &err);
	ck_assert_msg(sql != NULL, "export_sql_score_hist: %s", err.msg);
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st,
	    NULL), SQLITE_OK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ng == cap) {
			cap = cap ? 2 * cap : 64;
			got = xreallocarray(got, cap, sizeof *got);
		}
		/* Never a NULL score. */
		ck_assert_int_ne(sqlite3_column_type(st, 0), SQLITE_NULL);
		got[ng].score = sqlite3_column_double(st, 0);
		got[ng].y = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 1);
		got[ng].n = (long)sqlite3_column_int64(st, 2);
		ng++;
	}
	ck_assert_int_eq(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert_uint_eq(ng, nw);
	for (i = 0; i < nw; i++) {
		ck_assert_double_eq_tol(got[i].score, want[i].score,
		    1e-12 * fabs(want[i].score));
		ck_assert_int_eq(got[i].y, want[i].y);
		ck_assert_int_eq(got[i].n, want[i].n);
	}
	free(sql);
	free(got);
	free(want);
	free(score);
	free(cols);
	card_free(card);
	ds_free(ds);
	db_close(db);
	unlink(path);
}

/* German (text characteristics, no NULL) and HMEQ (NULLs, missing bins,
   reals). */
START_TEST(test_hist_sqlite)
{
	check_hist("data/german_credit.csv", "german", "creditability",
	    "bad");
	check_hist("data/hmeq.csv", "hmeq", "BAD", "1");
}
END_TEST

/* One row of the bin cells: the bins of nb characteristics, outcome
   (-1 none), rows. */
struct crow {
	int b[32];
	int y;
	long n;
};
static size_t crow_nb;

static int
crow_cmp(const void *a, const void *b)
{
	const struct crow *x = a, *y = b;
	size_t k;

	for (k = 0; k < crow_nb; k++)
		if (x->b[k] != y->b[k])
			return x->b[k] < y->b[k] ? -1 : 1;
	/* NULL (-1) sorts first in SQLite, as here. */
	return (x->y > y->y) - (x->y < y->y);
}

/*
 * export_sql_bin_cells run on SQLite holds, cell for cell, the rows of
 * each combination of bins (card_bins, the bins the fit and the
 * scorecard give each row) and outcome, counted here row by row; a level
 * no bin lists is -2 in the query, the fallback bin in card_bins.
 */
static void
check_cells(const char *csv, const char *table, const char *target,
	const char *bad)
{
	const char *path = scratch_db(table);
	struct db *db = import_to(path, csv, table, target, bad);
	struct dataset *ds;
	struct scorecard *card;
	struct sqlx_column *cols;
	struct export_sql_spec spec;
	struct crow *want, *got = NULL;
	size_t i, k, nw = 0, ng = 0, cap = 0, nb, rows = 0;
	int *bin;
	struct rd_err err;
	sqlite3_stmt *st;
	char *sql;
	int rc;

	rd_err_clear(&err);
	ds = db_dataset_load(db, table, &err);
	ck_assert_msg(ds != NULL, "load: %s", err.msg);
	card = fit(ds, table);
	nb = crow_nb = card->nchars;
	ck_assert_uint_le(nb, 32);
	bin = xmalloc((ds->nrows * nb + 1) * sizeof *bin);
	ck_assert_int_eq(card_bins(card, ds, bin, NULL, &err), 0);
	want = xcalloc(ds->nrows, sizeof *want);
	for (i = 0; i < ds->nrows; i++) {
		for (k = 0; k < nb; k++)
			want[i].b[k] = bin[i * nb + k];
		want[i].y = ds->y[i] == DS_INDET ? -1 : ds->y[i];
		want[i].n = 1;
	}
	qsort(want, ds->nrows, sizeof *want, crow_cmp);
	for (i = 0; i < ds->nrows; i++) {
		if (nw > 0 && crow_cmp(&want[nw - 1], &want[i]) == 0)
			want[nw - 1].n++;
		else
			want[nw++] = want[i];
	}

	cols = ds_sqlx_columns(ds);
	memset(&spec, 0, sizeof spec);
	spec.dialect = SQLX_SQLITE;
	spec.source = table;
	spec.cols = cols;
	spec.ncols = ds->ncols;
	spec.target = target;
	spec.bad = bad;
	spec.good = "";
	sql = export_sql_bin_cells(card, &spec, &err);
	ck_assert_msg(sql != NULL, "export_sql_bin_cells: %s", err.msg);
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_column_count(st), (int)nb + 2);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ng == cap) {
			cap = cap ? 2 * cap : 64;
			got = xreallocarray(got, cap, sizeof *got);
		}
		for (k = 0; k < nb; k++) {
			int b = sqlite3_column_int(st, (int)k);

			got[ng].b[k] = b == -2 ?
			    bin_fallback(card->chars[k].ch) : b;
		}
		got[ng].y = sqlite3_column_type(st, (int)nb) == SQLITE_NULL ?
		    -1 : sqlite3_column_int(st, (int)nb);
		got[ng].n = (long)sqlite3_column_int64(st, (int)nb + 1);
		rows += (size_t)got[ng].n;
		ng++;
	}
	ck_assert_int_eq(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert_uint_eq(rows, ds->nrows);
	ck_assert_uint_eq(ng, nw);
	/* Fewer cells than rows: rows that share every bin and outcome. */
	ck_assert_uint_lt(ng, ds->nrows);
	for (i = 0; i < nw; i++) {
		for (k = 0; k < nb; k++)
			ck_assert_int_eq(got[i].b[k], want[i].b[k]);
		ck_assert_int_eq(got[i].y, want[i].y);
		ck_assert_int_eq(got[i].n, want[i].n);
	}
	free(sql);
	free(got);
	free(want);
	free(bin);
	free(cols);
	card_free(card);
	ds_free(ds);
	db_close(db);
	unlink(path);
}

START_TEST(test_cells_sqlite)
{
	check_cells("data/german_credit.csv", "german", "creditability",
	    "bad");
	check_cells("data/hmeq.csv", "hmeq", "BAD", "1");
}
END_TEST

/* Every dialect gives text; the same bytes twice; what it groups by. */
START_TEST(test_hist_dialects)
{
	struct sqlx_column *cols = ds_sqlx_columns(german);
	struct export_sql_spec spec;
	struct rd_err err;
	int d;

	memset(&spec, 0, sizeof spec);
	spec.source = "risk.apps";
	spec.cols = cols;
	spec.ncols = german->ncols;
	spec.target = "creditability";
	spec.bad = "bad";
	spec.good = "good";
	for (d = 0; d < SQLX_NDIALECTS; d++) {
		char *a, *b;

		spec.dialect = (enum sqlx_dialect)d;
		rd_err_clear(&err);
		a = export_sql_score_hist(german_card, &spec, &err);
		b = export_sql_score_hist(german_card, &spec, &err);
		ck_assert_msg(a != NULL && b != NULL, "%s: %s",
		    sqlx_dialect_names[d], err.msg);
		ck_assert_str_eq(a, b);
		ck_assert_ptr_nonnull(strstr(a, "GROUP BY rd_score, rd_y"));
		ck_assert_ptr_nonnull(strstr(a, "COUNT(*) AS n"));
		/* The source read once, its name quoted part by part. */
		{
			const char *q = d == SQLX_SPARK || d == SQLX_BIGQUERY ?
			    "FROM `risk`.`apps`" : "FROM \"risk\".\"apps\"";
			const char *at = strstr(a, q);

			ck_assert_ptr_nonnull(at);
			ck_assert_ptr_null(strstr(at + 1, q));
		}
		free(a);
		free(b);
	}
	free(cols);
}
END_TEST

/* A characteristic's column missing or of the other type, a reject
   column missing: RD_EINPUT naming the column. */
START_TEST(test_hist_errors)
{
	struct sqlx_column *cols = ds_sqlx_columns(german);
	struct export_sql_spec spec;
	struct rd_err err;
	const char *name = german_card->chars[0].ch->name;
	size_t k;
	char want[256];

	memset(&spec, 0, sizeof spec);
	spec.dialect = SQLX_POSTGRESQL;
	spec.source = "apps";
	spec.cols = cols;
	spec.ncols = german->ncols;
	spec.target = "creditability";
	spec.bad = "bad";
	spec.reject = "no_such_column";
	spec.reject_value = "declined";
	rd_err_clear(&err);
	ck_assert_ptr_null(export_sql_score_hist(german_card, &spec, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"no_such_column\" for the "
	    "reject rule"));
	spec.reject = NULL;
	for (k = 0; k < german->ncols; k++)
		if (strcmp(cols[k].name, name) == 0)
			cols[k].name = "renamed";
	rd_err_clear(&err);
	ck_assert_ptr_null(export_sql_score_hist(german_card, &spec, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	snprintf(want, sizeof want, "no column \"%s\"", name);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	for (k = 0; k < german->ncols; k++)
		if (strcmp(cols[k].name, "renamed") == 0) {
			cols[k].name = name;
			cols[k].type = german_card->chars[0].ch->numeric ?
			    DS_TEXT : DS_REAL;
		}
	rd_err_clear(&err);
	ck_assert_ptr_null(export_sql_score_hist(german_card, &spec, &err));
	ck_assert_int_eq(err.cls, RD_EINPUT);
	snprintf(want, sizeof want, "column \"%s\" is", name);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	free(cols);
}
END_TEST

static Suite *
hist_suite(void)
{
	Suite *s = suite_create("score histogram");
	TCase *tf = tcase_create("fitted");

	tcase_add_unchecked_fixture(tf, fitted_setup, fitted_teardown);
	tcase_set_timeout(tf, 120);
	tcase_add_test(tf, test_hist_sqlite);
	tcase_add_test(tf, test_cells_sqlite);
	tcase_add_test(tf, test_hist_dialects);
	tcase_add_test(tf, test_hist_errors);
	suite_add_tcase(s, tf);
	return s;
}

static Suite *
pmml_suite(void)
{
	Suite *s = suite_create("pmml");
	TCase *tc = tcase_create("core");
	TCase *te = tcase_create("errors");
	TCase *tf = tcase_create("fitted");

	tcase_add_test(tc, test_pmml_structure);
	tcase_add_test(tc, test_pmml_policy_extension);
	tcase_add_test(tc, test_pmml_scores_edges);
	tcase_add_test(tc, test_pmml_scores_by_hand);
	tcase_add_test(tc, test_pmml_deterministic);
	tcase_add_test(tc, test_pmml_xmllint);
	suite_add_tcase(s, tc);
	tcase_add_test(te, test_pmml_refuses_control_characters);
	tcase_add_test(te, test_pmml_write_failure);
	suite_add_tcase(s, te);
	tcase_add_unchecked_fixture(tf, fitted_setup, fitted_teardown);
	tcase_set_timeout(tf, 120);
	tcase_add_test(tf, test_pmml_fitted_cards);
	suite_add_tcase(s, tf);
	return s;
}

int
main(void)
{
	Suite *s[] = { pmml_suite(), hist_suite() };

	return run_suites(s, 2);
}
