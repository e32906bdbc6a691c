/*
 * fraud-tune.c - a fraud rule's thresholds found in its condition, moved,
 * and the curve they move along (see fraud-tune.h for the definitions).
 *
 * The condition is read with a small tokenizer of SQLite's expression
 * syntax: names (bare, "quoted", [bracketed], `backquoted`), numbers,
 * 'strings', comments and operators.  A threshold is a comparison of a
 * feature with a number that stands on its own between boolean
 * connectives; anything else (an arithmetic neighbour, a BETWEEN's AND,
 * a CASE's WHEN) leaves the comparison out, and fraud_tune_prepare checks
 * on every event that the verdicts follow from R1 and R0 anyway.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/db.h"
#include "fraud/fraud-tune.h"
#include "policy/policy-edit.h"
#include "util/err.h"
#include "util/xmalloc.h"

const char *const fraud_cmp_names[] = { ">=", ">", "<=", "<", "=", "!=" };

int
fraud_cmp_true(enum fraud_cmp op, double f, double x)
{
	switch (op) {
	case FRAUD_CMP_GE:
		return f >= x;
	case FRAUD_CMP_GT:
		return f > x;
	case FRAUD_CMP_LE:
		return f <= x;
	case FRAUD_CMP_LT:
		return f < x;
	case FRAUD_CMP_EQ:
		return f == x;
	case FRAUD_CMP_NE:
		return f != x;
	}
	return 0;
}

/* -------------------------------------------------------- tokenizer */

enum tok_kind { T_NAME, T_QNAME, T_NUM, T_STR, T_OP, T_LP, T_RP };

struct tok {
	enum tok_kind kind;
	size_t at, len;		/* in the text; a quoted name's quotes
				   included */
	int plain;		/* T_NUM: a plain decimal */
};

static int
name_char(int c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* The tokens of s into a heap array of *n. */
static struct tok *
tokenize(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, m = 0;
	struct tok *t = xreallocarray(NULL, len + 1, sizeof *t);

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i;

		if (isspace(c)) {
			i++;
			continue;
		}
		if (c == '-' && s[i + 1] == '-') {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");

			i = e != NULL ? (size_t)(e - s) + 2 : len;
			continue;
		}
		t[m].at = i;
		t[m].plain = 0;
		if (c == '\'' || c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : (char)c;

			for (j = i + 1; j < len; j++)
				if (s[j] == close) {
					if (close != ']' && s[j + 1] == close) {
						j++;
						continue;
					}
					break;
				}
			j = j < len ? j + 1 : len;
			t[m].kind = c == '\'' ? T_STR : T_QNAME;
		} else if (isdigit(c) || (c == '.' && isdigit((unsigned char)
		    s[i + 1]))) {
			int plain = 1;

			if (c == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
				plain = 0;
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == '.')
				for (j++; j < len &&
				    isdigit((unsigned char)s[j]); j++)
					;
			if (j < len && (s[j] == 'e' || s[j] == 'E')) {
				size_t k = j + 1;

				if (k < len && (s[k] == '+' || s[k] == '-'))
					k++;
				if (k < len && isdigit((unsigned char)s[k])) {
					for (j = k; j < len &&
					    isdigit((unsigned char)s[j]); j++)
						;
				}
			}
			while (j < len && name_char((unsigned char)s[j])) {
				plain = 0;	/* 0x1F, 12abc */
				j++;
			}
			t[m].kind = T_NUM;
			t[m].plain = plain;
		} else if (name_char(c)) {
			while (j < len && name_char((unsigned char)s[j]))
				j++;
			t[m].kind = T_NAME;
		} else if (c == '(' || c == ')') {
			j = i + 1;
			t[m].kind = c == '(' ? T_LP : T_RP;
		} else {
			static const char *const two[] = { ">=", "<=", "<>",
			    "!=", "==", "||", "<<", ">>", NULL };
			int k;

			j = i + 1;
			for (k = 0; two[k] != NULL; k++)
				if (strncmp(s + i, two[k], 2) == 0)
					j = i + 2;
			t[m].kind = T_OP;
		}
		t[m].len = j - i;
		m++;
		i = j;
	}
	*n = m;
	return t;
}

static int
tok_is(const char *s, const struct tok *t, const char *word)
{
	return (t->kind == T_NAME || t->kind == T_OP) &&
	    strlen(word) == t->len && strncasecmp(s + t->at, word, t->len) == 0;
}

/* The comparison operator of token t, or -1; *flip for one read with the
   literal on the left. */
static int
tok_cmp(const char *s, const struct tok *t, int flip)
{
	static const struct {
		const char *op;
		enum fraud_cmp cmp, flipped;
	} ops[] = {
		{ ">=", FRAUD_CMP_GE, FRAUD_CMP_LE },
		{ ">", FRAUD_CMP_GT, FRAUD_CMP_LT },
		{ "<=", FRAUD_CMP_LE, FRAUD_CMP_GE },
		{ "<", FRAUD_CMP_LT, FRAUD_CMP_GT },
		{ "=", FRAUD_CMP_EQ, FRAUD_CMP_EQ },
		{ "==", FRAUD_CMP_EQ, FRAUD_CMP_EQ },
		{ "!=", FRAUD_CMP_NE, FRAUD_CMP_NE },
		{ "<>", FRAUD_CMP_NE, FRAUD_CMP_NE },
	};
	size_t k;

	if (t->kind != T_OP)
		return -1;
	for (k = 0; k < sizeof ops / sizeof ops[0]; k++)
		if (tok_is(s, t, ops[k].op))
			return (int)(flip ? ops[k].flipped : ops[k].cmp);
	return -1;
}

/* The feature token t names, or -1. */
static int
tok_feature(const char *s, const struct tok *t, const struct policy_fraud *fr)
{
	size_t k, at = t->at, len = t->len;

	if (t->kind == T_QNAME) {
		if (s[at] != '"' || len < 2)
			return -1;	/* [x] and `x` name columns alike,
					   but keep to what SQL writes */
		at++;
		len -= 2;
		if (memchr(s + at, '"', len) != NULL)
			return -1;
	} else if (t->kind != T_NAME)
		return -1;
	for (k = 0; k < fr->nfeatures; k++)
		if (strlen(fr->features[k].name) == len &&
		    strncasecmp(fr->features[k].name, s + at, len) == 0)
			return (int)k;
	return -1;
}

size_t
fraud_thresholds(const struct policy_fraud *fr, size_t r,
	struct fraud_threshold **out, size_t *n)
{
	const char *s = fr->rules[r].when;
	size_t nt, i, m = 0, depth = 0;
	struct tok *t = tokenize(s, &nt);
	/* bound[i]: token i is a boolean connective or "(" a comparison may
	   stand after or before; a BETWEEN's AND is not one. */
	unsigned char *bound = xcalloc(nt + 1, 1);
	size_t *between = xcalloc(nt + 2, sizeof *between);
	struct fraud_threshold *th = NULL;

	for (i = 0; i < nt; i++) {
		if (t[i].kind == T_LP) {
			depth++;
			between[depth] = 0;
			bound[i] = 1;
		} else if (t[i].kind == T_RP) {
			if (depth > 0)
				depth--;
			bound[i] = 1;
		} else if (tok_is(s, &t[i], "between")) {
			between[depth]++;
		} else if (tok_is(s, &t[i], "and")) {
			if (between[depth] > 0)
				between[depth]--;
			else
				bound[i] = 1;
		} else if (tok_is(s, &t[i], "or") || tok_is(s, &t[i], "not")) {
			bound[i] = 1;
		}
	}
	for (i = 0; i < nt; i++) {
		struct fraud_threshold h;
		size_t a, b, lit, end;
		int f, op, neg = 0, left = 0;

		/* f OP [-]n  or  [-]n OP f, from token a to token b. */
		a = i;
		if ((f = tok_feature(s, &t[i], fr)) >= 0 && i + 2 < nt &&
		    (op = tok_cmp(s, &t[i + 1], 0)) >= 0) {
			lit = i + 2;
			if (tok_is(s, &t[lit], "-") ||
			    tok_is(s, &t[lit], "+")) {
				neg = tok_is(s, &t[lit], "-");
				lit++;
			}
			if (lit >= nt || t[lit].kind != T_NUM ||
			    !t[lit].plain)
				continue;
			b = lit;
		} else {
			lit = i;
			if ((tok_is(s, &t[i], "-") || tok_is(s, &t[i], "+")) &&
			    i + 1 < nt) {
				neg = tok_is(s, &t[i], "-");
				lit = i + 1;
			}
			if (t[lit].kind != T_NUM || !t[lit].plain ||
			    lit + 2 >= nt ||
			    (op = tok_cmp(s, &t[lit + 1], 1)) < 0 ||
			    (f = tok_feature(s, &t[lit + 2], fr)) < 0)
				continue;
			b = lit + 2;
			left = 1;
		}
		if (a > 0 && !bound[a - 1])
			continue;
		if (b + 1 < nt && (!bound[b + 1] || t[b + 1].kind == T_LP ||
		    tok_is(s, &t[b + 1], "not")))
			continue;
		memset(&h, 0, sizeof h);
		h.rule = r;
		h.feature = (size_t)f;
		h.op = (enum fraud_cmp)op;
		/* The literal with its sign, if any. */
		h.at = left ? t[a].at : t[i + 2].at;
		end = t[lit].at + t[lit].len;
		h.len = end - h.at;
		h.value = strtod(s + t[lit].at, NULL);
		if (neg)
			h.value = -h.value;
		h.cat = t[a].at;
		h.clen = t[b].at + t[b].len - t[a].at;
		th = xreallocarray(th, m + 1, sizeof *th);
		th[m++] = h;
		i = b;
	}
	free(t);
	free(bound);
	free(between);
	*out = th;
	*n = m;
	return m;
}

char *
fraud_rule_text(const char *when, const struct fraud_threshold *th,
	size_t nth, const double *values, size_t subst, int truth)
{
	size_t len = strlen(when), k, at = 0, o = 0;
	char *out = xmalloc(len + nth * 400 + 1), num[400];

	for (k = 0; k < nth; k++) {
		const struct fraud_threshold *h = &th[k];
		size_t from = k == subst ? h->cat : h->at;
		size_t to = k == subst ? h->cat + h->clen : h->at + h->len;

		memcpy(out + o, when + at, from - at);
		o += from - at;
		if (k == subst)
			snprintf(num, sizeof num, "%d", truth ? 1 : 0);
		else if (values[k] == h->value)
			snprintf(num, sizeof num, "%.*s", (int)h->len,
			    when + h->at);
		else
			policy_number_text(num, sizeof num, values[k]);
		memcpy(out + o, num, strlen(num));
		o += strlen(num);
		at = to;
	}
	memcpy(out + o, when + at, len - at);
	o += len - at;
	out[o] = '\0';
	return out;
}

/* ----------------------------------------------------------- tuning */

struct tune_scan {
	unsigned char *r;
	size_t base;
};

static int
tune_row(void *arg, size_t row, const double *v)
{
	struct tune_scan *ts = arg;

	ts->r[ts->base + row] = (unsigned char)(
	    (!isnan(v[0]) && v[0] != 0) << 1 | (!isnan(v[1]) && v[1] != 0));
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
fraud_tune_prepare(struct db *db, const struct policy *p,
	const char *const *tables, size_t ntables, size_t scored,
	const struct fraud_data *d, const struct fraud_threshold *th,
	size_t nth, const double *values, size_t which,
	struct fraud_tune *out, struct rd_err *err)
{
	const struct policy_fraud *fr = p->fraud;
	const struct fraud_threshold *h = &th[which];
	const char *conds[2] = { NULL, NULL }, **names;
	const double **fv;
	struct tune_scan ts;
	size_t k, i, m;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (scored + 1 != ntables)
		return rd_err_set(err, RD_EUSAGE, "a threshold is tuned on "
		    "one table scored, the last");
	out->rule = h->rule;
	out->feature = h->feature;
	out->op = h->op;
	out->r = xcalloc(d->n ? d->n : 1, 1);
	conds[0] = fraud_rule_text(fr->rules[h->rule].when, th, nth, values,
	    which, 1);
	conds[1] = fraud_rule_text(fr->rules[h->rule].when, th, nth, values,
	    which, 0);
	names = xcalloc(fr->nfeatures + 1, sizeof *names);
	fv = xcalloc(fr->nfeatures + 1, sizeof *fv);
	for (k = 0; k < fr->nfeatures; k++) {
		names[k] = fr->features[k].name;
		fv[k] = d->feat[k] + d->first;
	}
	ts.r = out->r;
	ts.base = d->first;
	if (db_expr_scan_with(db, tables[scored], names, fv, fr->nfeatures,
	    d->rowid + d->first, d->n - d->first, conds, 2, tune_row, &ts,
	    err) != 0)
		goto done;
	/* The verdicts as loaded must follow from R1 and R0. */
	for (i = d->first; i < d->n; i++) {
		int fire = fraud_cmp_true(h->op, d->feat[h->feature][i],
		    values[which]) ? out->r[i] >> 1 & 1 : out->r[i] & 1;

		if (fire != (int)(d->hits[i] >> h->rule & 1)) {
			rd_err_set(err, RD_EINPUT, "the threshold of rule "
			    "\"%s\" cannot be moved on its own: its condition "
			    "is not true exactly when the comparison is, on "
			    "event %zu (rowid %lld)", fr->rules[h->rule].name,
			    i + 1, (long long)d->rowid[i]);
			goto done;
		}
	}
	out->steps = xreallocarray(NULL, d->n ? d->n : 1, sizeof *out->steps);
	for (i = d->first, m = 0; i < d->n; i++)
		if ((out->r[i] >> 1) != (out->r[i] & 1))
			out->steps[m++] = d->feat[h->feature][i];
	qsort(out->steps, m, sizeof *out->steps, cmp_double);
	for (i = 0, k = 0; i < m; i++)
		if (k == 0 || out->steps[i] != out->steps[k - 1])
			out->steps[k++] = out->steps[i];
	out->nsteps = k;
	rc = 0;
done:
	free((char *)conds[0]);
	free((char *)conds[1]);
	free(names);
	free(fv);
	if (rc != 0)
		fraud_tune_done(out);
	return rc;
}

void
fraud_tune_done(struct fraud_tune *tu)
{
	if (tu == NULL)
		return;
	free(tu->r);
	free(tu->steps);
	memset(tu, 0, sizeof *tu);
}

void
fraud_tune_apply(struct fraud_data *d, const struct policy_fraud *fr,
	const struct fraud_tune *tu, double x)
{
	const double *f = d->feat[tu->feature];
	uint64_t bit = (uint64_t)1 << tu->rule;
	size_t i, r;

	for (i = d->first; i < d->n; i++) {
		int fire = fraud_cmp_true(tu->op, f[i], x) ?
		    tu->r[i] >> 1 & 1 : tu->r[i] & 1;
		uint64_t h = fire ? d->hits[i] | bit : d->hits[i] & ~bit;
		int action = -1, rule = -1;

		d->hits[i] = h;
		/* As fraud_data_load's verdicts: the strongest action,
		   its first rule. */
		for (r = 0; h != 0 && r < d->nrules; r++)
			if ((h >> r & 1) && (int)fr->rules[r].action > action) {
				action = (int)fr->rules[r].action;
				rule = (int)r;
			}
		d->action[i] = (signed char)action;
		d->rule[i] = rule;
	}
}

/* ------------------------------------------------------------ curve */

/* A dependent event in the sort: its value and its class, bit 2 fires
   when the comparison is true (else when false), bit 1 no other rule
   fires on it, bit 0 fraud. */
struct dep {
	double f;
	int cls;
};

static int
cmp_dep(const void *a, const void *b)
{
	double x = ((const struct dep *)a)->f, y = ((const struct dep *)b)->f;

	return x < y ? -1 : x > y;
}

/* Of n_c events of a class, below of them under x and at of them at x:
   how many the comparison is true on. */
static size_t
n_true(enum fraud_cmp op, size_t below, size_t at, size_t total)
{
	size_t above = total - below - at;

	switch (op) {
	case FRAUD_CMP_GE:
		return at + above;
	case FRAUD_CMP_GT:
		return above;
	case FRAUD_CMP_LE:
		return below + at;
	case FRAUD_CMP_LT:
		return below;
	case FRAUD_CMP_EQ:
		return at;
	case FRAUD_CMP_NE:
		return below + above;
	}
	return 0;
}

static double
rate(size_t a, size_t b)
{
	return b > 0 ? (double)a / (double)b : NAN;
}

/* The point at x from the class counts below and at x. */
static void
curve_point(struct fraud_curve_point *pt, double x, enum fraud_cmp op,
	const size_t *below, const size_t *at, const size_t *total,
	const size_t *base, size_t events, size_t frauds, int labelled)
{
	int c;

	memset(pt, 0, sizeof *pt);
	pt->x = x;
	pt->alerts = base[0];
	pt->frauds_caught = base[1];
	pt->set_alerts = base[2];
	pt->set_frauds_caught = base[3];
	for (c = 0; c < 8; c++) {
		size_t t = n_true(op, below[c], at[c], total[c]);
		size_t fire = (c & 4) ? t : total[c] - t;

		pt->alerts += fire;
		if (c & 1)
			pt->frauds_caught += fire;
		if (c & 2) {
			pt->set_alerts += fire;
			if (c & 1)
				pt->set_frauds_caught += fire;
		}
	}
	pt->alert_rate = rate(pt->alerts, events);
	pt->set_alert_rate = rate(pt->set_alerts, events);
	pt->detection_rate = labelled ? rate(pt->frauds_caught, frauds) : NAN;
	pt->set_detection_rate = labelled ? rate(pt->set_frauds_caught,
	    frauds) : NAN;
}

struct fraud_curve_point *
fraud_tune_curve(const struct fraud_data *d, const struct fraud_tune *tu,
	double from, size_t maxpts, size_t *npts)
{
	const double *f = d->feat[tu->feature];
	uint64_t bit = (uint64_t)1 << tu->rule;
	struct dep *dep;
	struct fraud_curve_point *pts;
	double *xs;
	size_t i, m = 0, nx = 0, k, g, events = 0, frauds = 0;
	size_t base[4] = { 0, 0, 0, 0 }, total[8], below[8], at[8];
	int labelled = d->fraud != NULL;

	*npts = 0;
	if (maxpts < 4)
		maxpts = 4;
	dep = xreallocarray(NULL, d->n ? d->n : 1, sizeof *dep);
	memset(total, 0, sizeof total);
	for (i = d->first; i < d->n; i++) {
		int fraud = labelled && d->fraud[i];
		int r1 = tu->r[i] >> 1 & 1, r0 = tu->r[i] & 1;
		int other = (d->hits[i] & ~bit) != 0;

		if (!(d->t[i] >= from))
			continue;
		events++;
		frauds += (size_t)fraud;
		if (r1 == r0) {
			base[0] += (size_t)r1;
			base[1] += (size_t)(r1 && fraud);
			base[2] += (size_t)(r1 || other);
			base[3] += (size_t)((r1 || other) && fraud);
			continue;
		}
		if (other) {
			base[2]++;
			base[3] += (size_t)fraud;
		}
		dep[m].f = f[i];
		dep[m].cls = r1 << 2 | !other << 1 | fraud;
		total[dep[m].cls]++;
		m++;
	}
	if (m == 0) {
		free(dep);
		return NULL;
	}
	qsort(dep, m, sizeof *dep, cmp_dep);
	/* The values: every distinct one, or those at evenly spaced ranks,
	   ascending; then one either side. */
	xs = xreallocarray(NULL, maxpts, sizeof *xs);
	for (i = 0, g = 0; i < m; i++)
		if (i == 0 || dep[i].f != dep[i - 1].f)
			g++;
	if (g <= maxpts - 2) {
		for (i = 0; i < m; i++)
			if (i == 0 || dep[i].f != dep[i - 1].f)
				xs[nx++] = dep[i].f;
	} else {
		for (k = 0; k < maxpts - 2; k++) {
			double v = dep[k * (m - 1) / (maxpts - 3)].f;

			if (nx == 0 || v != xs[nx - 1])
				xs[nx++] = v;
		}
	}
	pts = xcalloc(nx + 2, sizeof *pts);
	memset(below, 0, sizeof below);
	memset(at, 0, sizeof at);
	curve_point(&pts[0], dep[0].f - 1, tu->op, below, at, total, base,
	    events, frauds, labelled);
	/* One pass over the groups of equal values, counting below. */
	for (i = 0, k = 0; i < m && k < nx; i = g) {
		int c;

		memset(at, 0, sizeof at);
		for (g = i; g < m && dep[g].f == dep[i].f; g++)
			at[dep[g].cls]++;
		if (dep[i].f == xs[k]) {
			curve_point(&pts[k + 1], xs[k], tu->op, below, at,
			    total, base, events, frauds, labelled);
			k++;
		}
		for (c = 0; c < 8; c++)
			below[c] += at[c];
	}
	memset(at, 0, sizeof at);
	memcpy(below, total, sizeof below);
	curve_point(&pts[nx + 1], dep[m - 1].f + 1, tu->op, below, at, total,
	    base, events, frauds, labelled);
	*npts = nx + 2;
	free(xs);
	free(dep);
	return pts;
}
