/*
 * colscan.c - sentinels, codes and identifiers from a one-pass column
 * summary (see colscan.h).  Part of the data layer; no I/O, no SQL.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/colscan.h"
#include "util/fmt.h"

const struct colscan_spec colscan_default = {
	.sentinel_min_share = 0.01,
	.sentinel_min_count = 5,
	.sentinel_max_values = 3,
	.sentinel_min_rest = 3,
	.sentinel_far = 0.5,
	.sentinel_far_rest = 10,
	.sentinel_nines_far = 0.1,
	.codes_max_levels = 10,
	.codes_min_values = 20,
	.id_unique_share = 0.95,
	.id_min_rows = 20,
	.id_dense = 1.5,
	.id_dense_rows = 100,
	.id_prefix = 4096,
	.id_prefix_share = 0.9
};

void
colscan_init(struct colscan *s)
{
	memset(s, 0, sizeof *s);
	s->all_int = 1;
	s->lo_cut = INFINITY;
	s->hi_cut = -INFINITY;
}

/* The cuts of colscan_add_inline after a change of the tails. */
static void
set_cuts(struct colscan *s)
{
	if (s->many && s->nlo == COLSCAN_TAIL && s->nhi == COLSCAN_TAIL) {
		s->lo_cut = s->lo[COLSCAN_TAIL - 1].v;
		s->hi_cut = s->hi[COLSCAN_TAIL - 1].v;
	}
}

/*
 * Count x, c times, in the tail t[0..*nt) of the COLSCAN_TAIL most
 * extreme distinct values, ordered ascending (low) or descending (high).
 */
static void
tail_add(struct colscan_value *t, size_t *nt, double x, size_t c, int high)
{
	size_t i, n = *nt;

	/* The common case: x lies beyond the kept tail. */
	if (n == COLSCAN_TAIL && (high ? x < t[n - 1].v : x > t[n - 1].v))
		return;
	for (i = 0; i < n; i++) {
		if (t[i].v == x) {
			t[i].count += c;
			return;
		}
		if (high ? x > t[i].v : x < t[i].v)
			break;
	}
	if (n == COLSCAN_TAIL)
		n--;		/* the last one falls off */
	memmove(t + i + 1, t + i, (n - i) * sizeof *t);
	t[i].v = x;
	t[i].count = c;
	*nt = n + 1;
}

/* The tails of a column that has its few values only: from them. */
static void
tails_from_few(struct colscan *s)
{
	size_t i;

	s->nlo = s->nhi = 0;
	for (i = 0; i < s->nfew; i++) {
		tail_add(s->lo, &s->nlo, s->few[i].v, s->few[i].count, 0);
		tail_add(s->hi, &s->nhi, s->few[i].v, s->few[i].count, 1);
	}
}

/* Whether x is a whole number (cheaply: this runs for every cell; within
   +-2^52 the cast to long long is exact for whole numbers). */
static int
whole(double x)
{
	if (fabs(x) < 4503599627370496.0)
		return (double)(long long)x == x;
	return floor(x) == x;
}

void
colscan_add(struct colscan *s, double x)
{
	colscan_add_count(s, x, 1);
}

void
colscan_add_count(struct colscan *s, double x, size_t count)
{
	size_t i;

	if (isnan(x) || count == 0)
		return;
	s->n += count;
	if (s->all_int && !whole(x))
		s->all_int = 0;
	if (!s->many) {
		for (i = 0; i < s->nfew; i++)
			if (s->few[i].v == x) {
				s->few[i].count += count;
				return;
			}
		if (s->nfew < COLSCAN_FEW) {
			s->few[s->nfew].v = x;
			s->few[s->nfew++].count = count;
			return;
		}
		/* The first value beyond the few: the tails start. */
		s->many = 1;
		tails_from_few(s);
	}
	/* Most values lie between the tails: two comparisons.  The
	   repeats of x land where x did (counted on, or beyond the kept
	   tail), so one tail_add with the count is the same as count. */
	if (!(s->nlo == COLSCAN_TAIL && x > s->lo[COLSCAN_TAIL - 1].v))
		tail_add(s->lo, &s->nlo, x, count, 0);
	if (!(s->nhi == COLSCAN_TAIL && x < s->hi[COLSCAN_TAIL - 1].v))
		tail_add(s->hi, &s->nhi, x, count, 1);
	set_cuts(s);
}

/* s with its tails complete (a copy filled from the few values while the
   column has no more). */
static const struct colscan *
with_tails(const struct colscan *s, struct colscan *copy)
{
	if (s->many)
		return s;
	*copy = *s;
	tails_from_few(copy);
	return copy;
}

double
colscan_min(const struct colscan *s)
{
	struct colscan c;

	s = with_tails(s, &c);
	return s->nlo > 0 ? s->lo[0].v : NAN;
}

double
colscan_max(const struct colscan *s)
{
	struct colscan c;

	s = with_tails(s, &c);
	return s->nhi > 0 ? s->hi[0].v : NAN;
}

void
colscan_add_array(struct colscan *s, const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			colscan_add_inline(s, x[i]);
}

/* ---------------------------------------------------------- sentinels */

/*
 * A code written with nines: |v| a whole number of two digits or more,
 * all nines but the last, which is 6 to 9 (96, 99, 998, 9999).
 */
static int
nines(double v)
{
	double a = fabs(v);
	char buf[32];
	size_t n, i;

	if (a != floor(a) || a < 96 || a > 1e15)
		return 0;
	n = (size_t)snprintf(buf, sizeof buf, "%.0f", a);
	for (i = 0; i + 1 < n; i++)
		if (buf[i] != '9')
			return 0;
	return buf[n - 1] >= '6';
}

/* Distinct values of the column, or SIZE_MAX when more than the few. */
static size_t
distinct(const struct colscan *s)
{
	return s->many ? SIZE_MAX : s->nfew;
}

/*
 * The smallest group at one end (high or not) that qualifies under spec,
 * the rest bounded at the far side by far_end and without skip values of
 * the other end's group.  Returns 1 with *g filled, or 0.
 */
static int
end_group(const struct colscan *s, const struct colscan_spec *spec, int high,
	double far_end, size_t skip, struct colscan_sentinel *g)
{
	const struct colscan_value *t = high ? s->hi : s->lo;
	size_t nt = high ? s->nhi : s->nlo, k, i, d = distinct(s);
	size_t maxk = spec->sentinel_max_values, count = 0;

	if (maxk > COLSCAN_GROUP_MAX)
		maxk = COLSCAN_GROUP_MAX;
	for (k = 1; k <= maxk && k < nt; k++) {
		double edge = t[k - 1].v, rest_near = t[k].v;
		double gap = fabs(rest_near - edge);
		double range = fabs(far_end - rest_near);
		size_t rest = d == SIZE_MAX ? SIZE_MAX : d - k - skip;
		int all_nines = 1, all_neg = 1, why = -1;

		count += t[k - 1].count;
		if (d != SIZE_MAX && d < k + skip + 1)
			break;
		if (count < spec->sentinel_min_count ||
		    (double)count < spec->sentinel_min_share * (double)s->n ||
		    rest < spec->sentinel_min_rest)
			continue;
		for (i = 0; i < k; i++) {
			all_nines = all_nines && nines(t[i].v);
			all_neg = all_neg && t[i].v < 0;
		}
		if (!high && all_neg && rest_near >= 0)
			why = COLSCAN_SIGN;
		else if (all_nines && gap >= spec->sentinel_nines_far * range)
			why = COLSCAN_NINES;
		else if (rest >= spec->sentinel_far_rest && range > 0 &&
		    gap >= spec->sentinel_far * range)
			why = COLSCAN_FAR;
		if (why < 0)
			continue;
		memset(g, 0, sizeof *g);
		g->high = high;
		g->nv = k;
		for (i = 0; i < k; i++)
			g->v[i] = high ? t[k - 1 - i].v : t[i].v;
		g->count = count;
		g->share = (double)count / (double)s->n;
		g->rest_lo = high ? far_end : rest_near;
		g->rest_hi = high ? rest_near : far_end;
		g->why = (enum colscan_why)why;
		return 1;
	}
	return 0;
}

size_t
colscan_sentinels(const struct colscan *s, const struct colscan_spec *spec,
	struct colscan_sentinel out[2])
{
	struct colscan_sentinel lo, hi, g;
	struct colscan copy;
	int has_lo, has_hi;
	size_t n = 0;

	s = with_tails(s, &copy);
	if (s->n == 0 || s->nlo < 2)
		return 0;
	/* Each end first against the whole rest, then against the rest
	   without the other end's group; a group that then fails keeps its
	   first judgement. */
	has_lo = end_group(s, spec, 0, s->hi[0].v, 0, &lo);
	has_hi = end_group(s, spec, 1, s->lo[0].v, 0, &hi);
	if (has_lo && has_hi) {
		struct colscan_sentinel lo0 = lo;

		if (end_group(s, spec, 0, s->hi[hi.nv].v, hi.nv, &g))
			lo = g;
		if (end_group(s, spec, 1, s->lo[lo0.nv].v, lo0.nv, &g))
			hi = g;
	}
	if (has_lo)
		out[n++] = lo;
	if (has_hi)
		out[n++] = hi;
	return n;
}

size_t
colscan_sentinels_array(const double *x, size_t n,
	const struct colscan_spec *spec, struct colscan_sentinel out[2])
{
	struct colscan s;

	colscan_init(&s);
	colscan_add_array(&s, x, n);
	return colscan_sentinels(&s, spec, out);
}

/* -------------------------------------------------------------- codes */

static int
cmp_value(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

int
colscan_codes(const struct colscan *s, const struct colscan_spec *spec,
	double *v, size_t *nv)
{
	size_t i;

	*nv = 0;
	if (!s->all_int || s->many || s->nfew < 2 ||
	    s->nfew > spec->codes_max_levels || s->n < spec->codes_min_values)
		return 0;
	for (i = 0; i < s->nfew; i++)
		v[i] = s->few[i].v;
	qsort(v, s->nfew, sizeof *v, cmp_value);
	*nv = s->nfew;
	return 1;
}

/* -------------------------------------------------------- identifiers */

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Whether w[0..n) is one of the words of list, in any case. */
static int
word_in(const char *w, size_t n, const char *const *list)
{
	size_t k, i;

	for (k = 0; list[k] != NULL; k++) {
		if (strlen(list[k]) != n)
			continue;
		for (i = 0; i < n; i++)
			if ((w[i] | 0x20) != list[k][i])
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

int
colscan_name_is_id(const char *name)
{
	static const char *const ids[] = { "id", "key", "uuid", "guid",
	    NULL };
	static const char *const last_ids[] = { "no", "nr", "number", NULL };
	size_t i = 0, start, last = 0, nlast = 0;

	while (name[i] != '\0') {
		while (name[i] != '\0' && !is_alpha(name[i]))
			i++;
		start = i;
		while (name[i] != '\0' && is_alpha(name[i])) {
			/* "customerId", "CustomerID": a new word at a
			   lower-to-upper change. */
			if (i > start && is_upper(name[i]) &&
			    !is_upper(name[i - 1]))
				break;
			i++;
		}
		if (i > start && word_in(name + start, i - start, ids))
			return 1;
		if (i > start) {
			last = start;
			nlast = i - start;
		}
	}
	return nlast > 0 && word_in(name + last, nlast, last_ids);
}

int
colscan_identifier(const struct colscan_idfacts *f,
	const struct colscan_spec *spec, char *note, size_t len)
{
	char b1[FMT_BUF], b2[FMT_BUF];
	int unique, named, from01;

	if (f->present == 0)
		return 0;
	/* Named like an id, or not named at all (R's row names). */
	named = f->unnamed || colscan_name_is_id(f->name);
	from01 = f->min == 0 || f->min == 1;
	if (f->kind == COLSCAN_INTEGER && f->consecutive &&
	    f->present == f->rows && f->rows >= 2 && (named ||
	    (from01 && f->rows >= spec->id_min_rows) ||
	    f->rows >= spec->id_dense_rows)) {
		if (from01)
			snprintf(note, len, "identifier: row number %s..%s",
			    fmt_count(b1, f->min), fmt_count(b2, f->max));
		else
			snprintf(note, len, "identifier: consecutive numbers "
			    "%s..%s in file order", fmt_count(b1, f->min),
			    fmt_count(b2, f->max));
		return 1;
	}
	/* A column the header left empty whose values are all present and
	   distinct is the row names R and pandas write: an identifier at
	   any size of file, so that a batch of two applicants keeps its
	   keys. */
	if (f->empty_name && f->present == f->rows && f->distinct ==
	    f->present && (f->kind == COLSCAN_INTEGER || f->kind ==
	    COLSCAN_TEXT) && f->min >= 0) {
		snprintf(note, len, "identifier: unnamed column (row names), "
		    "%s distinct values", fmt_count(b1, (double)f->distinct));
		return 1;
	}
	unique = f->present >= spec->id_min_rows &&
	    (double)f->distinct >= spec->id_unique_share *
	    (double)f->present;
	switch (f->kind) {
	case COLSCAN_TEXT:
		if (f->numeric_text)
			return 0;
		break;
	case COLSCAN_DATETIME:
		break;
	case COLSCAN_INTEGER:
		if (!unique || f->min < 0)
			return 0;
		if (!named && !(f->max - f->min + 1 <= spec->id_dense *
		    (double)f->distinct && f->rows >= spec->id_dense_rows))
			return 0;
		break;
	default:
		return 0;
	}
	if (!unique)
		return 0;
	snprintf(note, len, "identifier: %s distinct values in %s rows",
	    fmt_count(b1, (double)f->distinct), fmt_count(b2,
	    (double)f->rows));
	return 1;
}

/* ---------------------------------------------------------- wording */

/* A byte a POSIX shell reads as itself in a word. */
static int
shell_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 ||
	    strchr("_.,:/@%+=-", (int)c) != NULL;
}

char *
colscan_option(char *buf, size_t len, const char *opt, const char *col,
	const char *v)
{
	const char *parts[3] = { col, "=", v }, *p;
	size_t n = 0, k, nparts = 3;
	int quote = 0;

	if (col == NULL) {
		parts[0] = v;
		nparts = 1;
	}
	for (k = 0; k < nparts; k++)
		for (p = parts[k]; *p != '\0'; p++)
			quote = quote || !shell_safe((unsigned char)*p);
	/* An empty value is '' to the shell. */
	quote = quote || (col == NULL && v[0] == '\0');
	n += (size_t)snprintf(buf, len, "%s %s", opt, quote ? "'" : "");
	for (k = 0; k < nparts; k++)
		for (p = parts[k]; *p != '\0' && n + 5 < len; p++) {
			if (*p == '\'') {
				memcpy(buf + n, "'\\''", 4);
				n += 4;
			} else {
				buf[n++] = *p;
			}
		}
	if (quote && n + 1 < len)
		buf[n++] = '\'';
	buf[n < len ? n : len - 1] = '\0';
	return buf;
}

/* A value as the data shows it: "-999", "0.5", "1e+06"; with up to 17
   significant digits where 15 do not give the value back (DBL_MAX is
   "1.7976931348623157e+308"), so that the --special suggested matches
   it. */
static void
value_text(char *buf, size_t len, double v)
{
	int p;

	for (p = 15; p < 17; p++) {
		snprintf(buf, len, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, len, "%.17g", v);
}

char *
colscan_sentinel_values(char *buf, size_t len,
	const struct colscan_sentinel *g)
{
	size_t k, n = 0;
	char v[32];

	buf[0] = '\0';
	for (k = 0; k < g->nv && n < len; k++) {
		value_text(v, sizeof v, g->v[k]);
		n += (size_t)snprintf(buf + n, len - n, "%s%s", k ? "," : "",
		    v);
	}
	return buf;
}

char *
colscan_sentinel_text(char *buf, size_t len, const char *col,
	const struct colscan_sentinel *g)
{
	char vals[128], lo[32], hi[32], opt[512], pct[FMT_BUF], cnt[FMT_BUF];
	const char *how;

	colscan_sentinel_values(vals, sizeof vals, g);
	value_text(lo, sizeof lo, g->rest_lo);
	value_text(hi, sizeof hi, g->rest_hi);
	colscan_option(opt, sizeof opt, "--special", col, vals);
	switch (g->why) {
	case COLSCAN_SIGN:
		how = "negative where no other value is";
		break;
	case COLSCAN_NINES:
		how = g->high ? "a code of nines above the other values" :
		    "a code of nines below the other values";
		break;
	default:
		how = g->high ? "far above the other values" :
		    "far below the other values";
		break;
	}
	snprintf(buf, len, "column \"%s\": %s (%s rows, %s of the values) "
	    "%s %s (%s to %s); if %s for something else (missing, not "
	    "applicable), declare %s: %s", col, vals,
	    fmt_count(cnt, (double)g->count), fmt_pct(pct, g->share),
	    g->nv > 1 ? "are" : "is", how, lo, hi,
	    g->nv > 1 ? "they stand" : "it stands", g->nv > 1 ? "them" :
	    "it", opt);
	return buf;
}

char *
colscan_codes_text(char *buf, size_t len, const char *col, const double *v,
	size_t nv, int again)
{
	char vals[256], opt[512];
	size_t k, n = 0;

	vals[0] = '\0';
	for (k = 0; k < nv && n < sizeof vals; k++)
		n += (size_t)snprintf(vals + n, sizeof vals - n, "%s%.15g",
		    k ? ", " : "", v[k]);
	colscan_option(opt, sizeof opt, "--type", col, "text");
	snprintf(buf, len, "column \"%s\" holds %zu distinct whole numbers "
	    "(%s): if they are codes rather than quantities, %s with %s to "
	    "class them as categories", col, nv, vals, again ? "re-import" :
	    "import", opt);
	return buf;
}

static int
value_up(const void *pa, const void *pb)
{
	double a = ((const struct colscan_value *)pa)->v;
	double b = ((const struct colscan_value *)pb)->v;

	return a < b ? -1 : a > b;
}

static int
value_down(const void *pa, const void *pb)
{
	return value_up(pb, pa);
}

void
colscan_from_tails(struct colscan *s, size_t n, int few, int all_int,
	struct colscan_value *lo, size_t nlo, struct colscan_value *hi,
	size_t nhi)
{
	size_t k, between = n;

	qsort(lo, nlo, sizeof *lo, value_up);
	qsort(hi, nhi, sizeof *hi, value_down);
	colscan_init(s);
	if (few) {
		for (k = 0; k < nlo; k++)
			colscan_add_count(s, lo[k].v, lo[k].count);
	} else {
		for (k = 0; k < COLSCAN_TAIL && k < nlo && k < nhi; k++) {
			colscan_add_count(s, lo[k].v, lo[k].count);
			colscan_add_count(s, hi[k].v, hi[k].count);
			between -= lo[k].count + hi[k].count;
		}
		if (nlo > COLSCAN_TAIL)
			colscan_add_count(s, lo[COLSCAN_TAIL].v, between);
	}
	s->all_int = all_int;
}
