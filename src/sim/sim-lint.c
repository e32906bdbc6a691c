/*
 * sim-lint.c - the data-dependent warnings on a policy: what its
 * conditions do on its population, found by evaluating them once over
 * every applicant (db_expr_eval).
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/db.h"
#include "policy/policy.h"
#include "sim/sim.h"
#include "util/err.h"
#include "util/xmalloc.h"

/*
 * Whether the SQL expression e has a comparison or logical operator
 * anywhere outside its quoted strings and names: = == != <> < > <= >=,
 * or one of the words AND OR NOT IS IN LIKE GLOB BETWEEN EXISTS MATCH
 * REGEXP (any case).  A bare column or arithmetic ("credit_amount",
 * "a + b") has none.
 */
static int
has_comparison(const char *e)
{
	static const char *const words[] = { "and", "or", "not", "is", "in",
	    "like", "glob", "between", "exists", "match", "regexp" };
	const char *s = e;
	size_t k, len;

	while (*s != '\0') {
		if (*s == '\'' || *s == '"' || *s == '`' || *s == '[') {
			char close = *s == '[' ? ']' : *s;

			for (s++; *s != '\0' && *s != close; s++)
				;
			if (*s != '\0')
				s++;
			continue;
		}
		if (strchr("=<>!", *s) != NULL)
			return 1;
		if (isalpha((unsigned char)*s) || *s == '_') {
			for (len = 0; isalnum((unsigned char)s[len]) ||
			    s[len] == '_' || (unsigned char)s[len] >= 0x80;
			    len++)
				;
			for (k = 0; k < sizeof words / sizeof *words; k++)
				if (strlen(words[k]) == len &&
				    strncasecmp(s, words[k], len) == 0)
					return 1;
			s += len;
			continue;
		}
		s++;
	}
	return 0;
}

static void add(char ***w, size_t *n, const struct policy *p,
	const struct policy_mark *at, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Append "path:line:col: warning: <fmt>" to (*w)[*n]. */
static void
add(char ***w, size_t *n, const struct policy *p,
	const struct policy_mark *at, const char *fmt, ...)
{
	char msg[RD_ERR_MSG], line[RD_ERR_MSG + 1100];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "%s:%ld:%ld: warning: %s", p->path,
	    at->line, at->col, msg);
	*w = xreallocarray(*w, *n + 1, sizeof **w);
	(*w)[(*n)++] = xstrdup(line);
}

/* How many of v[n] are true (not NULL, not 0); *other set when a value
   is neither NULL nor 0 nor 1. */
static size_t
count_true(const double *v, size_t n, int *other)
{
	size_t i, c = 0;

	*other = 0;
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		c += v[i] != 0;
		if (v[i] != 0 && v[i] != 1)
			*other = 1;
	}
	return c;
}

char **
sim_policy_warnings(const struct policy *p, struct db *db, size_t *nwarn,
	struct rd_err *err)
{
	const char **exprs;
	const struct policy_mark **at;
	double **out, *buf;
	struct table_meta meta;
	size_t n, nexpr = 0, k, e, fired, *seg_of;
	char **w = NULL;
	int other, ok = 0;

	*nwarn = 0;
	if (db_table_meta(db, p->population, &meta, err) < 0)
		return NULL;
	n = (size_t)meta.rows;
	table_meta_done(&meta);
	exprs = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *exprs);
	at = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *at);
	seg_of = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *seg_of);
	for (k = 0; k < p->nknockouts; k++) {
		exprs[nexpr] = p->knockouts[k].when;
		at[nexpr] = &p->knockouts[k].when_at;
		seg_of[nexpr++] = k;
	}
	for (k = 0; k < p->nsegments; k++) {
		if (p->segments[k].when == NULL)
			continue;
		exprs[nexpr] = p->segments[k].when;
		at[nexpr] = &p->segments[k].when_at;
		seg_of[nexpr++] = k;
	}
	out = xcalloc(nexpr + 1, sizeof *out);
	buf = xcalloc((nexpr ? nexpr : 1) * (n ? n : 1), sizeof *buf);
	for (e = 0; e < nexpr; e++)
		out[e] = buf + e * n;
	if (nexpr > 0 && db_expr_eval(db, p->population, exprs, nexpr, out,
	    n, err) < 0)
		goto done;
	for (e = 0; e < nexpr; e++) {
		int is_ko = e < p->nknockouts;
		const char *name = is_ko ? p->knockouts[seg_of[e]].name :
		    p->segments[seg_of[e]].name;

		fired = count_true(out[e], n, &other);
		if (other || !has_comparison(exprs[e]))
			add(&w, nwarn, p, at[e], "%s \"%s\": condition is not "
			    "a comparison: true for any non-zero value",
			    is_ko ? "knock-out" : "segment", name);
		if (n == 0)
			continue;
		if (is_ko && fired == 0)
			add(&w, nwarn, p, at[e], "knock-out \"%s\" fires on no "
			    "applicant of \"%s\"", name, p->population);
		else if (is_ko && fired == n)
			add(&w, nwarn, p, at[e], "knock-out \"%s\" fires on "
			    "every applicant of \"%s\" (all %zu)", name,
			    p->population, n);
		else if (!is_ko && fired == 0)
			add(&w, nwarn, p, at[e], "segment \"%s\": its condition "
			    "matches no applicant of \"%s\"", name,
			    p->population);
	}
	ok = 1;
done:
	free(exprs);
	free(at);
	free(seg_of);
	free(out);
	free(buf);
	if (!ok) {
		sim_warnings_free(w, *nwarn);
		*nwarn = 0;
		return NULL;
	}
	if (w == NULL)
		w = xcalloc(1, sizeof *w);
	return w;
}

void
sim_warnings_free(char **w, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(w[k]);
	free(w);
}
