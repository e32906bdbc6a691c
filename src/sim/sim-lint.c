/*
 * sim-lint.c - the data-dependent warnings on a policy: what its
 * conditions do on its population, found by evaluating them once over
 * every applicant (db_expr_eval for each condition on its own; cond_scan
 * for the segments together: overlaps, applicants left to the default by
 * a NULL, segments shadowed by earlier ones).
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/cond.h"
#include "data/db.h"
#include "policy/policy.h"
#include "sim/sim.h"
#include "util/err.h"
#include "util/fmt.h"
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

/* What the rows say of each condition, counted as they stream by. */
struct cond_count {
	size_t nexpr, rows;
	struct cond_tally *t;	/* [nexpr] */
};

static int
count_row(void *arg, size_t row, const double *vals,
	const unsigned char *truth)
{
	struct cond_count *c = arg;
	size_t e;

	(void)row;
	(void)vals;
	c->rows++;
	/* Each condition's truth as the report's CASE WHEN takes it. */
	for (e = 0; e < c->nexpr; e++)
		cond_tally_add(&c->t[e], truth[e]);
	return 0;
}

/*
 * The conditions of p in the order of its tallies: its knock-outs', then
 * those of its segments that have one, into exprs, their places into at
 * and their knock-out or segment index into seg_of (each sized
 * nknockouts + nsegments + 1 by the caller); returns how many.
 */
static size_t
lint_conditions(const struct policy *p, const char **exprs,
	const struct policy_mark **at, size_t *seg_of)
{
	size_t k, nexpr = 0;

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
	return nexpr;
}

/* The warnings of p from its conditions' tallies over its n rows. */
static char **
tally_warnings(const struct policy *p, const char *const *exprs,
	const struct policy_mark *const *at, const size_t *seg_of,
	size_t nexpr, const struct cond_tally *t, size_t n, size_t *nwarn)
{
	size_t e, fired;
	char **w = NULL, nb[FMT_BUF];

	*nwarn = 0;
	for (e = 0; e < nexpr; e++) {
		int is_ko = e < p->nknockouts;
		const char *name = is_ko ? p->knockouts[seg_of[e]].name :
		    p->segments[seg_of[e]].name;

		fired = t[e].fired;
		if (t[e].other || !has_comparison(exprs[e]))
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
			    "every applicant of \"%s\" (all %s)", name,
			    p->population, fmt_count(nb, (double)n));
		else if (!is_ko && fired == 0)
			add(&w, nwarn, p, at[e], "segment \"%s\": its condition "
			    "matches no applicant of \"%s\"", name,
			    p->population);
		if (is_ko) {
			/* A NULL condition is not true: those applicants
			   pass the rule unchecked. */
			size_t nul = t[e].nul;

			if (nul > 0 && nul < n)
				add(&w, nwarn, p, at[e], "knock-out \"%s\": its "
				    "condition is NULL for %s applicant%s of "
				    "\"%s\", who pass it unchecked; catch NULL "
				    "on purpose with IS NULL or coalesce()",
				    name, fmt_count(nb, (double)nul),
				    nul == 1 ? "" : "s", p->population);
		}
	}
	if (w == NULL)
		w = xcalloc(1, sizeof *w);
	return w;
}

char **
sim_policy_warnings(const struct policy *p, struct db *db, size_t *nwarn,
	struct rd_err *err)
{
	const char **exprs;
	const struct policy_mark **at;
	struct table_meta meta;
	struct cond_count cc = { 0, 0, NULL };
	size_t n, nexpr, *seg_of;
	char **w = NULL;

	*nwarn = 0;
	if (db_table_meta(db, p->population, &meta, err) < 0)
		return NULL;
	n = (size_t)meta.rows;
	table_meta_done(&meta);
	exprs = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *exprs);
	at = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *at);
	seg_of = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *seg_of);
	nexpr = lint_conditions(p, exprs, at, seg_of);
	/* One streaming pass counts what the warnings need: memory of
	   the conditions, not of the rows. */
	cc.nexpr = nexpr;
	cc.t = xcalloc(nexpr + 1, sizeof *cc.t);
	if (nexpr > 0) {
		if (db_expr_scan_truth(db, p->population, exprs, nexpr,
		    nexpr, count_row, &cc, err) < 0)
			goto done;
		n = cc.rows;
	}
	w = tally_warnings(p, exprs, at, seg_of, nexpr, cc.t, n, nwarn);
done:
	free(exprs);
	free(at);
	free(seg_of);
	free(cc.t);
	return w;
}

char **
sim_policy_warnings_tallied(const struct policy *p,
	const struct cond_tally *tally, size_t rows, size_t *nwarn)
{
	const char **exprs;
	const struct policy_mark **at;
	size_t nexpr, *seg_of;
	char **w;

	exprs = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *exprs);
	at = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *at);
	seg_of = xcalloc(p->nknockouts + p->nsegments + 1, sizeof *seg_of);
	nexpr = lint_conditions(p, exprs, at, seg_of);
	w = tally_warnings(p, exprs, at, seg_of, nexpr, tally, rows, nwarn);
	free(exprs);
	free(at);
	free(seg_of);
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

/* ------------------------------------------- conditions on the population */

/* The state of one sim_overlap pass. */
struct overlap_scan {
	struct sim_overlap *o;
	size_t *on;		/* [nseg] the conditions true on a row */
};

static int
overlap_row(void *arg, const struct cond_row *r)
{
	struct overlap_scan *sc = arg;
	struct sim_overlap *o = sc->o;
	size_t nc = o->nseg - 1, k, a, b, c, non = 0;

	o->rows++;
	if (r->ko >= 0)
		return 0;
	o->kept++;
	for (k = 0; k < nc; k++)
		if (r->truth[k] == 1) {
			o->matched[k]++;
			sc->on[non++] = k;
		}
	for (a = 0; a < non; a++)
		for (b = a + 1; b < non; b++)
			if (o->both[sc->on[a] * o->nseg + sc->on[b]]++ == 0)
				o->first[sc->on[a] * o->nseg + sc->on[b]] =
				    r->row + 1;
	if (non > 0) {
		o->reached[sc->on[0]]++;
		return 0;
	}
	o->reached[nc]++;
	for (k = 0; k < nc; k++) {
		if (r->truth[k] != -1)
			continue;
		o->null_default[k]++;
		for (c = 0; c < o->ncol_of[k]; c++)
			if (r->null[o->col_of[k][c]])
				o->null_col[k * o->ncols + o->col_of[k][c]]++;
	}
	return 0;
}

/* Index of column name in o->cols, appending it when new. */
static size_t
overlap_col(struct sim_overlap *o, const char *name)
{
	size_t c;

	for (c = 0; c < o->ncols; c++)
		if (strcasecmp(o->cols[c], name) == 0)
			return c;
	o->cols = xreallocarray(o->cols, o->ncols + 1, sizeof *o->cols);
	o->cols[o->ncols] = xstrdup(name);
	return o->ncols++;
}

int
sim_overlap(const struct policy *p, struct db *db, struct sim_overlap *o,
	struct rd_err *err)
{
	struct overlap_scan sc;
	const char **kos, **conds;
	struct table_meta meta;
	size_t nseg = p->nsegments, nc = nseg - 1, k, c, n;
	char **cols;
	int rc = -1;

	memset(o, 0, sizeof *o);
	if (db_table_meta(db, p->population, &meta, err) < 0)
		return -1;
	table_meta_done(&meta);
	o->nseg = nseg;
	o->reached = xcalloc(nseg, sizeof *o->reached);
	o->matched = xcalloc(nseg, sizeof *o->matched);
	o->both = xcalloc(nseg * nseg, sizeof *o->both);
	o->first = xcalloc(nseg * nseg, sizeof *o->first);
	o->null_default = xcalloc(nseg, sizeof *o->null_default);
	o->col_of = xcalloc(nseg, sizeof *o->col_of);
	o->ncol_of = xcalloc(nseg, sizeof *o->ncol_of);
	kos = xcalloc(p->nknockouts + 1, sizeof *kos);
	conds = xcalloc(nseg, sizeof *conds);
	for (k = 0; k < p->nknockouts; k++)
		kos[k] = p->knockouts[k].when;
	for (k = 0; k < nc; k++) {
		conds[k] = p->segments[k].when;
		if (db_expr_columns(db, p->population, conds[k], &cols, &n,
		    err) < 0)
			goto out;
		o->col_of[k] = xcalloc(n ? n : 1, sizeof **o->col_of);
		for (c = 0; c < n; c++) {
			o->col_of[k][o->ncol_of[k]++] = overlap_col(o, cols[c]);
			free(cols[c]);
		}
		free(cols);
	}
	o->null_col = xcalloc(nseg * (o->ncols ? o->ncols : 1),
	    sizeof *o->null_col);
	sc.o = o;
	sc.on = xcalloc(nseg, sizeof *sc.on);
	rc = cond_scan(db, p->population, kos, p->nknockouts, conds, nc,
	    (const char *const *)o->cols, o->ncols, overlap_row, &sc, err);
	free(sc.on);
	o->matched[nc] = o->kept;
out:
	free(kos);
	free(conds);
	if (rc != 0)
		sim_overlap_done(o);
	return rc;
}

void
sim_overlap_done(struct sim_overlap *o)
{
	size_t k;

	if (o == NULL)
		return;
	for (k = 0; k < o->ncols; k++)
		free(o->cols[k]);
	for (k = 0; o->col_of != NULL && k < o->nseg; k++)
		free(o->col_of[k]);
	free(o->cols);
	free(o->col_of);
	free(o->ncol_of);
	free(o->null_col);
	free(o->reached);
	free(o->matched);
	free(o->both);
	free(o->first);
	free(o->null_default);
	memset(o, 0, sizeof *o);
}

/* "applicant" or "applicants" after count n. */
static const char *
applicants(size_t n)
{
	return n == 1 ? "applicant" : "applicants";
}

/* Why the default took o->null_default[k] applicants: the NULL columns. */
static void
null_columns(const struct sim_overlap *o, size_t k, char *buf, size_t len)
{
	size_t c, j, off = 0, v;
	char nb[FMT_BUF];

	buf[0] = '\0';
	for (j = 0; j < o->ncol_of[k] && off < len; j++) {
		c = o->col_of[k][j];
		v = o->null_col[k * o->ncols + c];
		if (v == 0)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%scolumn \"%s\" "
		    "NULL on %s", off ? ", " : "", o->cols[c],
		    fmt_count(nb, (double)v));
	}
	if (off == 0)
		snprintf(buf, len, "no column it reads is NULL: the "
		    "expression gives NULL, e.g. a division by zero");
}

void
sim_overlap_messages(const struct policy *p, const struct sim_overlap *o,
	char ***warn, size_t *nwarn, struct policy_errors *errs)
{
	const struct policy_segment *sa, *sb, *def;
	size_t nc = o->nseg - 1, a, b, v;
	char why[RD_ERR_MSG / 2], nb[FMT_BUF];
	struct rd_err e;

	def = &p->segments[nc];
	for (b = 0; b < nc; b++) {
		sb = &p->segments[b];
		for (a = 0; a < b; a++) {
			sa = &p->segments[a];
			if ((v = o->both[a * o->nseg + b]) == 0)
				continue;
			if (p->hit == POLICY_HIT_UNIQUE) {
				char rb[FMT_BUF];

				rd_err_setloc(&e, RD_EINPUT, p->path,
				    sb->when_at.line, sb->when_at.col,
				    "segments must not overlap (hit: unique): "
				    "%s %s both \"%s\" and \"%s\" (%s on "
				    "row %s of \"%s\"); hit: unique wants "
				    "segment conditions that no applicant "
				    "matches two of: narrow them, or declare "
				    "hit: first to give each applicant the "
				    "first segment it matches", fmt_count(nb,
				    (double)v), v == 1 ? "applicant matches" :
				    "applicants match", sa->name, sb->name,
				    v == 1 ? "it is" : "the first", fmt_count(rb,
				    (double)o->first[a * o->nseg + b]),
				    p->population);
				policy_errors_add(errs, &e);
			} else if (warn != NULL)
				add(warn, nwarn, p, &sb->when_at, "%s %s both "
				    "\"%s\" and \"%s\"; first match gives "
				    "\"%s\"", fmt_count(nb, (double)v), v == 1 ?
				    "applicant matches" :
				    "applicants match", sa->name, sb->name,
				    sa->name);
		}
	}
	if (warn == NULL)
		return;
	for (a = 0; a < nc; a++) {
		sa = &p->segments[a];
		if ((v = o->null_default[a]) == 0)
			continue;
		null_columns(o, a, why, sizeof why);
		add(warn, nwarn, p, &sa->when_at, "%s %s to the default "
		    "segment \"%s\" only because the condition of segment "
		    "\"%s\" is NULL for %s (%s); catch NULL on purpose with "
		    "IS NULL or coalesce()", fmt_count(nb, (double)v), v == 1 ?
		    "applicant falls" :
		    "applicants fall", def->name, sa->name, v == 1 ? "it" :
		    "them", why);
	}
	for (a = 0; a < o->nseg; a++) {
		sa = &p->segments[a];
		if (o->reached[a] == 0 && o->matched[a] > 0 && a < nc)
			add(warn, nwarn, p, &sa->at, "segment \"%s\" is never "
			    "reached on \"%s\": earlier segments take %s %s "
			    "%s its condition matches", sa->name,
			    p->population, o->matched[a] == 1 ? "the" : "all",
			    fmt_count(nb, (double)o->matched[a]),
			    applicants(o->matched[a]));
		else if (o->reached[a] == 0 && o->matched[a] > 0)
			add(warn, nwarn, p, &sa->at, "the default segment "
			    "\"%s\" is never reached on \"%s\": earlier "
			    "segments take %s %s %s not knocked out",
			    sa->name, p->population, o->matched[a] == 1 ?
			    "the" : "all", fmt_count(nb,
			    (double)o->matched[a]), applicants(o->matched[a]));
	}
}

int
sim_check_unique(const struct policy *p, struct db *db,
	struct policy_errors *errs, struct rd_err *err)
{
	struct sim_overlap o;
	size_t before = errs->n + errs->dropped;

	if (p->hit != POLICY_HIT_UNIQUE || p->nsegments < 3)
		return 0;
	if (sim_overlap(p, db, &o, err) != 0)
		return -1;
	sim_overlap_messages(p, &o, NULL, NULL, errs);
	sim_overlap_done(&o);
	return errs->n + errs->dropped > before;
}
