/*
 * pmml.c - a scorecard as a PMML 4.4 Scorecard model (pmml.h).
 *
 * Part of src/export/, which compiles a scorecard and a policy into code
 * for other engines: it reads the model and policy structures and writes
 * text through stdio, nothing else.
 *
 * A PMML consumer scores a characteristic with the first of its
 * Attributes whose predicate is TRUE; a comparison with a missing value
 * is UNKNOWN, never TRUE, and a characteristic none of whose attributes
 * is TRUE makes the whole score invalid (PMML 4.4, "Scorecard",
 * "Predicates").  riskdesk's scoring (card.h card_score; bin.h
 * bin_index_num, bin_index_text, bin_fallback) is written in that frame
 * as, per characteristic:
 *   1. isMissing: the missing bin's points, or 0 points when there is
 *      none (a NULL then takes no bin).  The DataField declares NaN
 *      (numbers) and "" (text: the import reads an empty cell as NULL)
 *      missing values, so they come here too;
 *   2. each special value, SimplePredicate equal, ahead of the ranges as
 *      bin_index_num tests the special values first;
 *   3. the ranges [lower, upper) (greaterOrEqual lower and lessThan
 *      upper, an infinite end left out) or the level groups (equal one
 *      level, or SimpleSetPredicate isIn), in bin order: the first group
 *      listing a level takes it, as in bin_index_text;
 *   4. <True/>: whatever 1-3 leave.  A text level no group lists is not
 *      among the DataField's values, so it is invalid; the MiningField's
 *      invalidValueTreatment="asIs" lets it through to this attribute,
 *      which gives it the unseen-level fallback's points.  The ranges
 *      cover every number, so no number reaches it; it gives 0 points,
 *      what riskdesk gives a value no bin takes.
 * Numbers are written with as many significant digits as it takes, up
 * to 17, to read back as the same double (num_text): every cut point,
 * special value, point and constant is exact.
 *
 * Text: every string is checked before a byte is written (XML 1.0 holds
 * no control character but tab, line feed and carriage return, no U+FFFE
 * or U+FFFF, and only valid UTF-8), so a refused export writes nothing.
 * Tab, line feed and carriage return are written as character
 * references, which survive the XML parser's normalisation.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/pmml.h"
#include "model/bin.h"
#include "model/card.h"
#include "policy/policy.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* -------------------------------------------------------------- names */

/* The fields the document adds beside the characteristics. */
enum {
	PMML_F_TARGET,		/* the target DataField: the score */
	PMML_F_SCORE,		/* OutputField predictedValue */
	PMML_F_PD,		/* OutputField transformedValue */
	PMML_F_REASON,		/* OutputField reasonCode, rank 1 ... */
	PMML_NFIELDS = PMML_F_REASON + PMML_REASONS
};

struct pmml_out {
	FILE *f;
	const struct scorecard *card;
	const struct policy *p;
	char *field[PMML_NFIELDS];	/* owned */
};

static int
name_taken(const struct pmml_out *o, size_t nfield, const char *s)
{
	size_t k;

	for (k = 0; k < o->card->nchars; k++)
		if (strcmp(o->card->chars[k].ch->name, s) == 0)
			return 1;
	for (k = 0; k < nfield; k++)
		if (strcmp(o->field[k], s) == 0)
			return 1;
	return 0;
}

/* Field names unique among the characteristics' (PMML has one name space
   for data and output fields): base, with "_" appended until unique. */
static void
names_choose(struct pmml_out *o)
{
	size_t k;

	for (k = 0; k < PMML_NFIELDS; k++) {
		char *s;

		if (k == PMML_F_TARGET)
			s = xstrdup("score");
		else if (k == PMML_F_SCORE)
			s = xstrdup("predicted_score");
		else if (k == PMML_F_PD)
			s = xstrdup("pd");
		else
			s = xasprintf("reason_code_%zu",
			    k - PMML_F_REASON + 1);
		while (name_taken(o, k, s)) {
			char *t = xasprintf("%s_", s);

			free(s);
			s = t;
		}
		o->field[k] = s;
	}
}

/* ------------------------------------------------------------- checks */

/*
 * The first character of s that XML 1.0 cannot hold, by byte offset
 * *at, as a code point (-1 for bytes that are not UTF-8); 0 when s is
 * fine.
 */
static long
xml_bad_char(const char *s, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (u[i] != '\0') {
		unsigned char c = u[i];
		long cp;
		size_t n, j;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				*at = i;
				return c;
			}
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			*at = i;
			return -1;
		}
		for (j = 1; j <= n; j++) {
			if ((u[i + j] & 0xC0) != 0x80) {
				*at = i;
				return -1;
			}
			cp = (cp << 6) | (u[i + j] & 0x3F);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
			*at = i;
			return -1;
		}
		if (cp == 0xFFFE || cp == 0xFFFF) {
			*at = i;
			return cp;
		}
		i += n + 1;
	}
	return 0;
}

/* 0 when s (what names it in a message) can be written, else -1 with
   err RD_EINPUT. */
static int
xml_check(const char *s, const char *what, struct rd_err *err)
{
	size_t at = 0;
	long cp = s != NULL ? xml_bad_char(s, &at) : 0;

	if (cp == 0)
		return 0;
	if (cp < 0)
		return rd_err_set(err, RD_EINPUT, "cannot write %s in PMML: "
		    "byte %zu is not UTF-8", what, at + 1);
	return rd_err_set(err, RD_EINPUT, "cannot write %s in PMML: "
	    "byte %zu starts U+%04lX, a character XML 1.0 cannot hold: "
	    "correct the text (a level: in the data, then fit again)", what,
	    at + 1, (unsigned long)cp);
}

/* Every text the document will hold, checked before anything is
   written. */
static int
check_texts(const struct scorecard *card, const struct policy *p,
	struct rd_err *err)
{
	size_t k, b, i;
	char what[160];

	if (xml_check(card->name, "the scorecard's name", err) < 0 ||
	    xml_check(card->population, "the scorecard's population", err) <
	    0)
		return -1;
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;

		snprintf(what, sizeof what, "the name of characteristic %zu",
		    k + 1);
		if (xml_check(ch->name, what, err) < 0)
			return -1;
		snprintf(what, sizeof what, "a level of characteristic "
		    "\"%.100s\"", ch->name);
		for (b = 0; b < ch->nbins; b++)
			for (i = 0; i < ch->bins[b].nlevels; i++)
				if (xml_check(ch->bins[b].levels[i], what,
				    err) < 0)
					return -1;
		if (p != NULL) {
			snprintf(what, sizeof what, "the reason code of "
			    "characteristic \"%.100s\"", ch->name);
			if (xml_check(policy_reason_code(p, ch->name), what,
			    err) < 0)
				return -1;
		}
	}
	if (p == NULL)
		return 0;
	if (xml_check(p->name, "the policy's name", err) < 0 ||
	    xml_check(p->scorecard, "the policy's scorecard", err) < 0 ||
	    xml_check(p->population, "the policy's population", err) < 0 ||
	    xml_check(p->income, "the policy's income", err) < 0)
		return -1;
	for (k = 0; k < p->nknockouts; k++) {
		const struct policy_rule *r = &p->knockouts[k];

		snprintf(what, sizeof what, "knock-out %zu", k + 1);
		if (xml_check(r->name, what, err) < 0 ||
		    xml_check(r->when, what, err) < 0 ||
		    xml_check(r->reason, what, err) < 0)
			return -1;
	}
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];

		snprintf(what, sizeof what, "segment %zu", k + 1);
		if (xml_check(s->name, what, err) < 0 ||
		    xml_check(s->when, what, err) < 0 ||
		    xml_check(s->ead, what, err) < 0)
			return -1;
	}
	for (k = 0; k < p->nreasons; k++) {
		snprintf(what, sizeof what, "reason code %zu", k + 1);
		if (xml_check(p->reasons[k].characteristic, what, err) < 0 ||
		    xml_check(p->reasons[k].code, what, err) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ writing */

/* s escaped for an attribute's value (attr) or XML text (checked
   already: xml_check). */
static void
put_esc(FILE *f, const char *s, int attr)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs(attr ? "&quot;" : "\"", f);
			break;
		case '\t':
			fputs("&#9;", f);
			break;
		case '\n':
			fputs("&#10;", f);
			break;
		case '\r':
			fputs("&#13;", f);
			break;
		default:
			putc(*s, f);
		}
}

/* ` name="value"`; nothing when value is NULL. */
static void
put_attr(FILE *f, const char *name, const char *value)
{
	if (value == NULL)
		return;
	fprintf(f, " %s=\"", name);
	put_esc(f, value, 1);
	putc('"', f);
}

/*
 * x in the fewest significant digits, 15 to 17, that read back as x
 * (strtod rounds correctly, as every conforming reader does), into
 * buf[40]: 0.1 is "0.1", not "0.10000000000000001", and a cut point
 * such as 1/3 keeps all 17.  Returns buf.
 */
static char *
num_text(char *buf, double x)
{
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, 40, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return buf;
	}
	snprintf(buf, 40, "%.17g", x);
	return buf;
}

/* ` name="x"`, exactly (num_text); nothing when x is NaN or infinite
   (an absent bound, limit or price). */
static void
put_num(FILE *f, const char *name, double x)
{
	char buf[40];

	if (isfinite(x))
		fprintf(f, " %s=\"%s\"", name, num_text(buf, x));
}

static void
put_indent(FILE *f, int depth)
{
	while (depth-- > 0)
		fputs("  ", f);
}

/* A SimplePredicate on field with operator op and value (may be NULL). */
static void
put_simple(FILE *f, int depth, const char *field, const char *op,
	const char *value)
{
	put_indent(f, depth);
	fputs("<SimplePredicate", f);
	put_attr(f, "field", field);
	put_attr(f, "operator", op);
	put_attr(f, "value", value);
	fputs("/>\n", f);
}

static void
put_simple_num(FILE *f, int depth, const char *field, const char *op,
	double x)
{
	char buf[40];

	put_simple(f, depth, field, op, num_text(buf, x));
}

/*
 * A level as an entry of a string Array: always quoted, a double quote
 * escaped as \" (PMML 4.4, "Array").  The specification gives no escape
 * for a backslash, and parsers differ on one before a quote or at the
 * end of a quoted entry, so levels holding one are never put in an
 * Array (level_array_safe).
 */
static void
put_array_entry(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		char one[2] = { *s, '\0' };

		if (*s == '"')
			putc('\\', f);
		put_esc(f, one, 0);
	}
	putc('"', f);
}

static int
levels_array_safe(const struct bin *x)
{
	size_t i;

	for (i = 0; i < x->nlevels; i++)
		if (strchr(x->levels[i], '\\') != NULL)
			return 0;
	return 1;
}

/* The predicate of level bin x of characteristic field. */
static void
put_levels_predicate(FILE *f, int depth, const char *field,
	const struct bin *x)
{
	size_t i;

	if (x->nlevels == 0) {
		put_indent(f, depth);
		fputs("<False/>\n", f);
	} else if (x->nlevels == 1) {
		put_simple(f, depth, field, "equal", x->levels[0]);
	} else if (levels_array_safe(x)) {
		put_indent(f, depth);
		fputs("<SimpleSetPredicate", f);
		put_attr(f, "field", field);
		fputs(" booleanOperator=\"isIn\">\n", f);
		put_indent(f, depth + 1);
		fprintf(f, "<Array n=\"%zu\" type=\"string\">", x->nlevels);
		for (i = 0; i < x->nlevels; i++) {
			if (i > 0)
				putc(' ', f);
			put_array_entry(f, x->levels[i]);
		}
		fputs("</Array>\n", f);
		put_indent(f, depth);
		fputs("</SimpleSetPredicate>\n", f);
	} else {
		put_indent(f, depth);
		fputs("<CompoundPredicate booleanOperator=\"or\">\n", f);
		for (i = 0; i < x->nlevels; i++)
			put_simple(f, depth + 1, field, "equal", x->levels[i]);
		put_indent(f, depth);
		fputs("</CompoundPredicate>\n", f);
	}
}

/* The predicate of range bin x: [lower, upper), an infinite end left
   out. */
static void
put_range_predicate(FILE *f, int depth, const char *field,
	const struct bin *x)
{
	int lo = isfinite(x->lower), hi = isfinite(x->upper);

	if (lo && hi) {
		put_indent(f, depth);
		fputs("<CompoundPredicate booleanOperator=\"and\">\n", f);
		put_simple_num(f, depth + 1, field, "greaterOrEqual",
		    x->lower);
		put_simple_num(f, depth + 1, field, "lessThan", x->upper);
		put_indent(f, depth);
		fputs("</CompoundPredicate>\n", f);
	} else if (lo) {
		put_simple_num(f, depth, field, "greaterOrEqual", x->lower);
	} else if (hi) {
		put_simple_num(f, depth, field, "lessThan", x->upper);
	} else {
		put_indent(f, depth);
		fputs("<True/>\n", f);
	}
}

/* Open an Attribute of partial score pts and reason code code. */
static void
put_attribute_open(FILE *f, const char *code, double pts)
{
	put_indent(f, 4);
	fputs("<Attribute", f);
	put_attr(f, "reasonCode", code);
	put_num(f, "partialScore", pts);
	fputs(">\n", f);
}

static void
put_attribute_close(FILE *f)
{
	put_indent(f, 4);
	fputs("</Attribute>\n", f);
}

/* -------------------------------------------------------------- parts */

static void
put_header(const struct pmml_out *o)
{
	FILE *f = o->f;

	fputs("  <Header description=\"scorecard ", f);
	put_esc(f, o->card->name, 1);
	if (o->card->population != NULL) {
		fputs(", developed on table ", f);
		put_esc(f, o->card->population, 1);
	}
	fputs("\">\n", f);
	fputs("    <Application name=\"riskdesk\"", f);
	put_attr(f, "version", PACKAGE_VERSION);
	fputs("/>\n", f);
	fputs("  </Header>\n", f);
}

/* Order of first appearance, for levels listed twice (the first bin
   listing a level takes it). */
struct lvseq {
	const char *s;
	size_t seq;
};

static int
cmp_lvseq(const void *a, const void *b)
{
	const struct lvseq *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The valid Values of text characteristic ch: each level its groups
   list, once, in bin order.  O(L log L).  Returns 1 when "" is one. */
static int
put_levels_values(FILE *f, const struct characteristic *ch)
{
	struct lvseq *v;
	unsigned char *dup;
	size_t b, i, n = 0, m = 0;
	int empty = 0;

	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_LEVELS)
			n += ch->bins[b].nlevels;
	v = xmalloc((n > 0 ? n : 1) * sizeof *v);
	dup = xcalloc(n > 0 ? n : 1, 1);
	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_LEVELS)
			for (i = 0; i < ch->bins[b].nlevels; i++) {
				v[m].s = ch->bins[b].levels[i];
				v[m].seq = m;
				m++;
			}
	qsort(v, n, sizeof *v, cmp_lvseq);
	for (i = 1; i < n; i++)
		if (strcmp(v[i].s, v[i - 1].s) == 0)
			dup[v[i].seq] = 1;
	m = 0;
	for (b = 0; b < ch->nbins; b++)
		if (ch->bins[b].kind == BIN_LEVELS)
			for (i = 0; i < ch->bins[b].nlevels; i++)
				if (!dup[m++]) {
					empty |= ch->bins[b].levels[i][0] ==
					    '\0';
					fputs("      <Value", f);
					put_attr(f, "value",
					    ch->bins[b].levels[i]);
					fputs("/>\n", f);
				}
	free(dup);
	free(v);
	return empty;
}

static void
put_data_dictionary(const struct pmml_out *o)
{
	FILE *f = o->f;
	size_t k;

	fprintf(f, "  <DataDictionary numberOfFields=\"%zu\">\n",
	    o->card->nchars + 1);
	for (k = 0; k < o->card->nchars; k++) {
		const struct characteristic *ch = o->card->chars[k].ch;

		fputs("    <DataField", f);
		put_attr(f, "name", ch->name);
		if (ch->numeric) {
			fputs(" optype=\"continuous\" dataType=\"double\">\n",
			    f);
			fputs("      <Value value=\"NaN\" "
			    "property=\"missing\"/>\n", f);
		} else {
			fputs(" optype=\"categorical\" dataType=\"string\">\n",
			    f);
			/* An empty text is NULL to riskdesk (the import
			   stores an empty cell as NULL), unless a bin lists
			   it as a level. */
			if (!put_levels_values(f, ch))
				fputs("      <Value value=\"\" "
				    "property=\"missing\"/>\n", f);
		}
		fputs("    </DataField>\n", f);
	}
	fputs("    <DataField", f);
	put_attr(f, "name", o->field[PMML_F_TARGET]);
	fputs(" optype=\"continuous\" dataType=\"double\"/>\n", f);
	fputs("  </DataDictionary>\n", f);
}

static void
put_mining_schema(const struct pmml_out *o)
{
	FILE *f = o->f;
	size_t k;

	fputs("    <MiningSchema>\n", f);
	for (k = 0; k < o->card->nchars; k++) {
		const struct characteristic *ch = o->card->chars[k].ch;

		fputs("      <MiningField", f);
		put_attr(f, "name", ch->name);
		/* A missing value reaches the isMissing attribute; an
		   unlisted level the trailing <True/> (text); a value that
		   is no number cannot be scored (numbers). */
		fprintf(f, " usageType=\"active\" missingValueTreatment="
		    "\"asIs\" invalidValueTreatment=\"%s\"/>\n",
		    ch->numeric ? "returnInvalid" : "asIs");
	}
	fputs("      <MiningField", f);
	put_attr(f, "name", o->field[PMML_F_TARGET]);
	fputs(" usageType=\"target\"/>\n", f);
	fputs("    </MiningSchema>\n", f);
}

static void
put_constant(FILE *f, int depth, double x)
{
	char buf[40];

	put_indent(f, depth);
	fprintf(f, "<Constant dataType=\"double\">%s</Constant>\n",
	    num_text(buf, x));
}

static void
put_output(const struct pmml_out *o)
{
	FILE *f = o->f;
	size_t k;

	fputs("    <Output>\n", f);
	fputs("      <OutputField", f);
	put_attr(f, "name", o->field[PMML_F_SCORE]);
	fputs(" optype=\"continuous\" dataType=\"double\" "
	    "feature=\"predictedValue\"/>\n", f);
	/* PD = 1 / (1 + exp((score - offset) / factor)), card_pd. */
	fputs("      <OutputField", f);
	put_attr(f, "name", o->field[PMML_F_PD]);
	fputs(" optype=\"continuous\" dataType=\"double\" "
	    "feature=\"transformedValue\">\n", f);
	fputs("        <Apply function=\"/\">\n", f);
	put_constant(f, 5, 1);
	fputs("          <Apply function=\"+\">\n", f);
	put_constant(f, 6, 1);
	fputs("            <Apply function=\"exp\">\n", f);
	fputs("              <Apply function=\"/\">\n", f);
	fputs("                <Apply function=\"-\">\n", f);
	fputs("                  <FieldRef", f);
	put_attr(f, "field", o->field[PMML_F_SCORE]);
	fputs("/>\n", f);
	put_constant(f, 9, o->card->offset);
	fputs("                </Apply>\n", f);
	put_constant(f, 8, o->card->factor);
	fputs("              </Apply>\n", f);
	fputs("            </Apply>\n", f);
	fputs("          </Apply>\n", f);
	fputs("        </Apply>\n", f);
	fputs("      </OutputField>\n", f);
	for (k = 0; k < PMML_REASONS; k++) {
		fputs("      <OutputField", f);
		put_attr(f, "name", o->field[PMML_F_REASON + k]);
		fprintf(f, " optype=\"categorical\" dataType=\"string\" "
		    "feature=\"reasonCode\" rank=\"%zu\"/>\n", k + 1);
	}
	fputs("    </Output>\n", f);
}

/* One Characteristic: its attributes in the order of the file comment. */
static void
put_characteristic(const struct pmml_out *o, size_t k)
{
	FILE *f = o->f;
	const struct card_char *cc = &o->card->chars[k];
	const struct characteristic *ch = cc->ch;
	const char *code = o->p != NULL ? policy_reason_code(o->p, ch->name) :
	    ch->name;
	int miss = card_missing_bin(o->card, k), fb;
	size_t b;

	put_indent(f, 3);
	fputs("<Characteristic", f);
	put_attr(f, "name", ch->name);
	put_num(f, "baselineScore", card_best_points(cc));
	fputs(">\n", f);
	if (miss < 0)
		fputs("        <!-- no missing bin: a missing value scores "
		    "0 points -->\n", f);
	put_attribute_open(f, code, miss >= 0 ? cc->points[miss] : 0);
	put_simple(f, 5, ch->name, "isMissing", NULL);
	put_attribute_close(f);
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];

		if (x->kind != BIN_SPECIAL)
			continue;
		put_attribute_open(f, code, cc->points[b]);
		put_simple_num(f, 5, ch->name, "equal", x->lower);
		put_attribute_close(f);
	}
	for (b = 0; b < ch->nbins; b++) {
		const struct bin *x = &ch->bins[b];

		if (x->kind != BIN_RANGE && x->kind != BIN_LEVELS)
			continue;
		put_attribute_open(f, code, cc->points[b]);
		if (x->kind == BIN_RANGE)
			put_range_predicate(f, 5, ch->name, x);
		else
			put_levels_predicate(f, 5, ch->name, x);
		put_attribute_close(f);
	}
	if (ch->numeric) {
		fputs("        <!-- never reached: the ranges take every "
		    "number -->\n", f);
		put_attribute_open(f, code, 0);
	} else {
		fb = bin_fallback(ch);
		fputs("        <!-- a level no bin lists: the unseen-level "
		    "fallback -->\n", f);
		put_attribute_open(f, code, fb >= 0 ? cc->points[fb] : 0);
	}
	put_indent(f, 5);
	fputs("<True/>\n", f);
	put_attribute_close(f);
	put_indent(f, 3);
	fputs("</Characteristic>\n", f);
}

static void
put_scorecard(const struct pmml_out *o)
{
	FILE *f = o->f;
	size_t k;

	fputs("  <Scorecard", f);
	put_attr(f, "modelName", o->card->name);
	fputs(" functionName=\"regression\"", f);
	fputs(" algorithmName=\"logistic regression on WoE, in points\"", f);
	put_num(f, "initialScore", o->card->base_points);
	/* baselineMethod: the best attribute among stated values (the
	   missing and special bins left out, card_best_points). */
	fputs(" useReasonCodes=\"true\" reasonCodeAlgorithm=\"pointsBelow\""
	    " baselineMethod=\"max\">\n", f);
	put_mining_schema(o);
	put_output(o);
	fputs("    <Characteristics>\n", f);
	for (k = 0; k < o->card->nchars; k++)
		put_characteristic(o, k);
	fputs("    </Characteristics>\n", f);
	fputs("  </Scorecard>\n", f);
}

/* The policy's decision rules, keys named as in riskdesk-policy(5). */
static void
put_policy(const struct policy *p, FILE *f)
{
	size_t k, b, i;

	fputs("  <Extension extender=\"riskdesk\" name=\"riskdesk-policy\">\n",
	    f);
	fputs("    <policy", f);
	put_attr(f, "name", p->name);
	put_attr(f, "scorecard", p->scorecard);
	put_attr(f, "population", p->population);
	put_attr(f, "hit", policy_hit_names[p->hit]);
	put_num(f, "funding_rate", p->funding_rate);
	put_attr(f, "income", p->income);
	fputs(">\n", f);
	for (k = 0; k < p->nknockouts; k++) {
		const struct policy_rule *r = &p->knockouts[k];

		fputs("      <knockout", f);
		put_attr(f, "name", r->name);
		put_attr(f, "when", r->when);
		put_attr(f, "reason", r->reason);
		fputs("/>\n", f);
	}
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];

		fputs("      <segment", f);
		put_attr(f, "name", s->name);
		put_attr(f, "when", s->when);
		put_num(f, "cutoff", s->cutoff);
		put_num(f, "refer", s->refer);
		put_num(f, "lgd", s->lgd);
		put_attr(f, "ead", s->ead);
		if (s->nbands == 0) {
			fputs("/>\n", f);
			continue;
		}
		fputs(">\n", f);
		for (b = 0; b < s->nbands; b++) {
			const struct policy_band *d = &s->bands[b];

			fputs("        <band", f);
			put_num(f, "from", d->from);
			put_num(f, "to", d->to);
			put_num(f, "limit", d->limit);
			put_num(f, "apr", d->apr);
			if (d->nincome == 0) {
				fputs("/>\n", f);
				continue;
			}
			fputs(">\n", f);
			for (i = 0; i < d->nincome; i++) {
				fputs("          <income_limit", f);
				put_num(f, "min_income",
				    d->income[i].min_income);
				put_num(f, "limit", d->income[i].limit);
				fputs("/>\n", f);
			}
			fputs("        </band>\n", f);
		}
		fputs("      </segment>\n", f);
	}
	for (k = 0; k < p->nreasons; k++) {
		fputs("      <reason_code", f);
		put_attr(f, "characteristic", p->reasons[k].characteristic);
		put_attr(f, "code", p->reasons[k].code);
		fputs("/>\n", f);
	}
	fputs("    </policy>\n", f);
	fputs("  </Extension>\n", f);
}

int
export_pmml(FILE *f, const struct scorecard *card, const struct policy *p,
	struct rd_err *err)
{
	struct pmml_out o;
	size_t k;
	int bad;

	if (check_texts(card, p, err) < 0)
		return -1;
	memset(&o, 0, sizeof o);
	o.f = f;
	o.card = card;
	o.p = p;
	names_choose(&o);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fputs("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" "
	    "version=\"4.4\">\n", f);
	/* Fraud rules count earlier events of a history: not PMML's (the
	   caller exports such a policy only when asked for the credit
	   policy alone). */
	if (p != NULL && p->fraud != NULL)
		fputs("  <!-- THE CREDIT POLICY ALONE (--credit-only): the "
		    "policy's fraud rules are not in this file; run them with "
		    "riskdesk decide, which reads the event history -->\n", f);
	put_header(&o);
	put_data_dictionary(&o);
	put_scorecard(&o);
	if (p != NULL)
		put_policy(p, f);
	fputs("</PMML>\n", f);
	for (k = 0; k < PMML_NFIELDS; k++)
		free(o.field[k]);
	errno = 0;
	bad = fflush(f) != 0 || ferror(f);
	if (bad)
		return rd_err_set(err, RD_EIO, "cannot write the PMML: %s",
		    errno != 0 ? strerror(errno) : "write error");
	return 0;
}
