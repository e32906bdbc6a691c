/*
 * report-decide.c - decision records as CSV or JSON Lines, and the run's
 * summary (see report-decide.h).
 *
 * A decision run writes a million lines in well under a second, so the
 * CSV line is built in one buffer with the constant parts (segment names,
 * decisions, reason codes, attribute labels, APRs) quoted once up front
 * and the numbers formatted by integer arithmetic; some 64 kB of lines
 * are hashed and written at once (one fwrite).  The JSON Lines go
 * through jansson.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/runstore.h"
#include "report/report-decide.h"
#include "report/report-out.h"
#include "util/fmt.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* A growing line. */
struct line {
	char *p;
	size_t n, cap;
};

static void
line_need(struct line *l, size_t more)
{
	if (l->n + more + 1 > l->cap) {
		l->cap = (l->n + more + 1) * 2;
		l->p = xrealloc(l->p, l->cap);
	}
}

static void
line_put(struct line *l, const char *s, size_t len)
{
	line_need(l, len);
	memcpy(l->p + l->n, s, len);
	l->n += len;
}

static void
line_str(struct line *l, const char *s)
{
	line_put(l, s, strlen(s));
}

static void
line_char(struct line *l, char c)
{
	line_need(l, 1);
	l->p[l->n++] = c;
}

/* s as one CSV field (RFC 4180): quoted when it holds a comma, a quote,
   a CR or a LF, a quote doubled.  Heap string. */
static char *
csv_field(const char *s)
{
	size_t n = 2, i;
	char *o, *q;

	if (s == NULL)
		return xstrdup("");
	if (strpbrk(s, ",\"\r\n") == NULL)
		return xstrdup(s);
	for (i = 0; s[i] != '\0'; i++)
		n += s[i] == '"' ? 2 : 1;
	o = q = xmalloc(n + 1);
	*q++ = '"';
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '"')
			*q++ = '"';
		*q++ = s[i];
	}
	*q++ = '"';
	*q = '\0';
	return o;
}

/* An unsigned whole number in decimal. */
static void
line_uint(struct line *l, uint64_t v)
{
	char b[24];
	size_t k = sizeof b;

	do {
		b[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	line_put(l, b + k, sizeof b - k);
}

/*
 * x with exactly dec decimals (dec <= 8), rounded half away from zero on
 * its decimal scaling; beyond 1e15 / 10^dec, or not finite, as printf
 * "%.*f" writes it.  Deterministic: the same double, the same text.
 */
static void
line_fixed(struct line *l, double x, int dec)
{
	static const double scale[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8 };
	double a = fabs(x) * scale[dec];
	uint64_t v, ip, fp, d;
	char b[48];
	int k;

	if (!isfinite(x) || a >= 1e15) {
		snprintf(b, sizeof b, "%.*f", dec, x);
		line_str(l, b);
		return;
	}
	v = (uint64_t)(a + 0.5);
	d = (uint64_t)scale[dec];
	ip = v / d;
	fp = v % d;
	if (x < 0 && v != 0)
		line_char(l, '-');
	line_uint(l, ip);
	if (dec == 0)
		return;
	line_char(l, '.');
	for (k = dec - 1; k >= 0; k--) {
		b[k] = (char)('0' + fp % 10);
		fp /= 10;
	}
	line_put(l, b, (size_t)dec);
}

/* A whole number as one, else with 10 significant digits. */
static void
line_whole_or(struct line *l, double x)
{
	char b[48];

	if (isfinite(x) && x == floor(x) && fabs(x) < 1e15) {
		line_fixed(l, x, 0);
		return;
	}
	snprintf(b, sizeof b, "%.10g", x);
	line_str(l, b);
}

/* Money: whole amounts as whole numbers, others with 2 decimals. */
static void
line_money(struct line *l, double x)
{
	if (isfinite(x) && x == floor(x) && fabs(x) < 1e15)
		line_fixed(l, x, 0);
	else
		line_fixed(l, x, 2);
}

struct decide_writer {
	FILE *f;
	int exact;		/* numbers with 17 significant digits */
	enum decide_format format;
	const struct policy *p;
	const struct scorecard *card;
	size_t nreasons;
	int explain;
	const char *id_name;
	struct rd_sha256 *hash;	/* borrowed, may be NULL */
	struct line line;
	/* The CSV header, written before the first record or, with none,
	   by decide_writer_end: a run refused before its first record
	   writes nothing. */
	char *head;
	size_t nhead;
	/* CSV fields quoted once. */
	char **seg, **ko, **ko_reason, **chr;	/* [nseg] [nko] [nko] [nch] */
	char ***label;				/* [nch][nbins] */
	char ***apr;				/* [nseg][nbands] */
};

static const char *
decision_word(enum sim_decision d)
{
	switch (d) {
	case SIM_APPROVE:
		return "approve";
	case SIM_REFER:
		return "refer";
	case SIM_DECLINE:
		return "decline";
	case SIM_KNOCKOUT:
		break;
	}
	return "decline";
}

struct decide_writer *
decide_writer_new(FILE *f, enum decide_format format, const struct policy *p,
	const struct scorecard *card, const char *id_name, size_t nreasons,
	int explain, struct rd_sha256 *hash)
{
	struct decide_writer *w = xcalloc(1, sizeof *w);
	size_t k, b;
	char buf[64];

	w->f = f;
	w->format = format;
	w->p = p;
	w->card = card;
	w->nreasons = nreasons;
	w->explain = explain;
	w->hash = hash;
	w->id_name = id_name != NULL ? id_name : "row";
	w->seg = xcalloc(p->nsegments + 1, sizeof *w->seg);
	w->apr = xcalloc(p->nsegments + 1, sizeof *w->apr);
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];

		w->seg[k] = csv_field(s->name);
		w->apr[k] = xcalloc(s->nbands + 1, sizeof **w->apr);
		for (b = 0; b < s->nbands; b++) {
			if (isnan(s->bands[b].apr))
				buf[0] = '\0';
			else
				snprintf(buf, sizeof buf, "%.10g",
				    s->bands[b].apr);
			w->apr[k][b] = xstrdup(buf);
		}
	}
	w->ko = xcalloc(p->nknockouts + 1, sizeof *w->ko);
	w->ko_reason = xcalloc(p->nknockouts + 1, sizeof *w->ko_reason);
	for (k = 0; k < p->nknockouts; k++) {
		w->ko[k] = csv_field(p->knockouts[k].name);
		w->ko_reason[k] = csv_field(p->knockouts[k].reason);
	}
	w->chr = xcalloc(card->nchars + 1, sizeof *w->chr);
	w->label = xcalloc(card->nchars + 1, sizeof *w->label);
	for (k = 0; k < card->nchars; k++) {
		const struct characteristic *ch = card->chars[k].ch;

		/* A reason field holds the characteristic's code. */
		w->chr[k] = csv_field(policy_reason_code(p, ch->name));
		w->label[k] = xcalloc(ch->nbins + 1, sizeof **w->label);
		for (b = 0; b < ch->nbins; b++)
			w->label[k][b] = csv_field(ch->bins[b].label);
	}
	if (format == DECIDE_CSV) {
		struct line *l = &w->line;
		char *t;

		l->n = 0;
		t = csv_field(w->id_name);
		line_str(l, t);
		free(t);
		line_str(l, ",score,pd,segment,decision,knockout,"
		    "knockout_reason");
		if (p->fraud != NULL)
			line_str(l, ",fraud_rule,fraud_reason");
		for (k = 0; k < nreasons; k++) {
			snprintf(buf, sizeof buf, ",reason_%zu", k + 1);
			line_str(l, buf);
		}
		line_str(l, ",credit_limit,apr,ead,expected_loss,fallbacks");
		for (k = 0; explain && k < card->nchars; k++) {
			static const char *const part[3] = { "attribute",
			    "points", "fallback" };
			size_t j;

			for (j = 0; j < 3; j++) {
				char *a = xasprintf("%s:%s",
				    card->chars[k].ch->name, part[j]);

				line_char(l, ',');
				t = csv_field(a);
				line_str(l, t);
				free(t);
				free(a);
			}
		}
		line_char(l, '\n');
		w->head = xmalloc(l->n);
		memcpy(w->head, l->p, l->n);
		w->nhead = l->n;
		l->n = 0;	/* the records' lines from here */
	}
	return w;
}

/* The header, once, before anything else; 0, or -1 when the stream has
   failed. */
static int
head_write(struct decide_writer *w)
{
	int rc;

	if (w->head == NULL)
		return 0;
	if (w->hash != NULL)
		rd_sha256_update(w->hash, w->head, w->nhead);
	rc = fwrite(w->head, 1, w->nhead, w->f) == w->nhead ? 0 : -1;
	free(w->head);
	w->head = NULL;
	return rc;
}

/*
 * A number of a record: with exact, a whole number as one and any other
 * with 17 significant digits (it reads back to the same double); else
 * dec decimals (dec >= 0), money (-2: line_money) or a whole number or
 * 10 significant digits (-1: line_whole_or).
 */
static void
line_num(struct decide_writer *w, double x, int dec)
{
	char b[48];

	if (w->exact && !(isfinite(x) && x == floor(x) && fabs(x) < 1e15)) {
		snprintf(b, sizeof b, "%.17g", x);
		line_str(&w->line, b);
	} else if (w->exact || dec == -1) {
		line_whole_or(&w->line, x);
	} else if (dec == -2) {
		line_money(&w->line, x);
	} else {
		line_fixed(&w->line, x, dec);
	}
}

void
decide_writer_exact(struct decide_writer *w, int exact)
{
	w->exact = exact;
}

/* The CSV lines gathered since the last flush, hashed and written as
   one: 0, or -1 when the stream has failed. */
static int
csv_flush(struct decide_writer *w)
{
	struct line *l = &w->line;
	size_t n = l->n;

	if (w->format != DECIDE_CSV || n == 0)
		return 0;
	l->n = 0;
	if (w->hash != NULL)
		rd_sha256_update(w->hash, l->p, n);
	return fwrite(l->p, 1, n, w->f) == n ? 0 : -1;
}

/* Lines gathered before they are hashed and written: one fwrite (and
   its lock) for some hundreds of records, not one each. */
#define CSV_BATCH 65536

static int
row_csv(struct decide_writer *w, const struct decide_record *r)
{
	struct line *l = &w->line;
	size_t k;
	char *t;

	if (r->id != NULL) {
		if (strpbrk(r->id, ",\"\r\n") == NULL) {
			line_str(l, r->id);
		} else {
			t = csv_field(r->id);
			line_str(l, t);
			free(t);
		}
	} else if (strcmp(w->id_name, "row") == 0) {
		line_fixed(l, (double)r->rowid, 0);
	}
	line_char(l, ',');
	line_num(w, r->score, -1);
	line_char(l, ',');
	line_num(w, r->pd, 8);
	line_char(l, ',');
	if (r->seg >= 0)
		line_str(l, w->seg[r->seg]);
	line_char(l, ',');
	line_str(l, decision_word(r->decision));
	line_char(l, ',');
	if (r->ko >= 0)
		line_str(l, w->ko[r->ko]);
	line_char(l, ',');
	if (r->ko >= 0)
		line_str(l, w->ko_reason[r->ko]);
	if (w->p->fraud != NULL) {
		line_char(l, ',');
		if (r->fraud_rule >= 0) {
			t = csv_field(w->p->fraud->rules[r->fraud_rule].name);
			line_str(l, t);
			free(t);
		}
		line_char(l, ',');
		if (r->fraud_rule >= 0) {
			t = csv_field(
			    w->p->fraud->rules[r->fraud_rule].reason);
			line_str(l, t);
			free(t);
		}
	}
	for (k = 0; k < w->nreasons; k++) {
		line_char(l, ',');
		if (k < r->nreasons)
			line_str(l, w->chr[r->reason[k]]);
	}
	line_char(l, ',');
	if (!isnan(r->limit))
		line_num(w, r->limit, -2);
	line_char(l, ',');
	if (r->band >= 0)
		line_str(l, w->apr[r->seg][r->band]);
	line_char(l, ',');
	if (!isnan(r->ead))
		line_num(w, r->ead, -2);
	line_char(l, ',');
	if (r->decision == SIM_APPROVE)
		line_num(w, r->el, -2);
	line_char(l, ',');
	line_uint(l, r->nfallback);
	for (k = 0; w->explain && k < w->card->nchars; k++) {
		int b = r->bin[k];

		line_char(l, ',');
		if (b >= 0)
			line_str(l, w->label[k][b]);
		line_char(l, ',');
		line_whole_or(l, b >= 0 ? w->card->chars[k].points[b] : 0);
		line_char(l, ',');
		line_char(l, r->fallback[k] ? '1' : '0');
	}
	line_char(l, '\n');
	return l->n >= CSV_BATCH ? csv_flush(w) : 0;
}

static int
row_jsonl(struct decide_writer *w, const struct decide_record *r)
{
	json_t *o = json_object(), *a;
	char *s;
	size_t k;
	int rc;

	json_object_set_new(o, w->id_name, r->id != NULL ? json_string(r->id) :
	    strcmp(w->id_name, "row") == 0 ? json_integer(r->rowid) :
	    json_null());
	json_object_set_new(o, "score", report_jnum(r->score));
	json_object_set_new(o, "pd", report_jnum(r->pd));
	json_object_set_new(o, "segment", r->seg >= 0 ?
	    json_string(w->p->segments[r->seg].name) : json_null());
	json_object_set_new(o, "decision",
	    json_string(decision_word(r->decision)));
	json_object_set_new(o, "knockout", r->ko >= 0 ?
	    json_string(w->p->knockouts[r->ko].name) : json_null());
	json_object_set_new(o, "knockout_reason", r->ko >= 0 ?
	    report_jstr(w->p->knockouts[r->ko].reason) : json_null());
	if (w->p->fraud != NULL) {
		json_object_set_new(o, "fraud_rule", r->fraud_rule >= 0 ?
		    json_string(w->p->fraud->rules[r->fraud_rule].name) :
		    json_null());
		json_object_set_new(o, "fraud_reason", r->fraud_rule >= 0 ?
		    json_string(w->p->fraud->rules[r->fraud_rule].reason) :
		    json_null());
	}
	a = json_array();
	for (k = 0; k < r->nreasons && k < w->nreasons; k++) {
		json_t *x = json_object();

		const char *name = w->card->chars[r->reason[k]].ch->name;

		json_object_set_new(x, "code",
		    json_string(policy_reason_code(w->p, name)));
		json_object_set_new(x, "characteristic", json_string(name));
		json_object_set_new(x, "points_lost", report_jnum(r->lost[k]));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "reasons", a);
	json_object_set_new(o, "credit_limit", report_jnum(r->limit));
	json_object_set_new(o, "apr", r->band >= 0 ?
	    report_jnum(w->p->segments[r->seg].bands[r->band].apr) :
	    json_null());
	json_object_set_new(o, "ead", report_jnum(r->ead));
	json_object_set_new(o, "expected_loss", r->decision == SIM_APPROVE ?
	    report_jnum(r->el) : json_null());
	json_object_set_new(o, "fallbacks", report_jcount(r->nfallback));
	if (w->explain) {
		a = json_array();
		for (k = 0; k < w->card->nchars; k++) {
			json_t *x = json_object();
			int b = r->bin[k];

			json_object_set_new(x, "characteristic",
			    json_string(w->card->chars[k].ch->name));
			json_object_set_new(x, "attribute", b >= 0 ?
			    json_string(w->card->chars[k].ch->bins[b].label) :
			    json_null());
			json_object_set_new(x, "points", report_jnum(b >= 0 ?
			    w->card->chars[k].points[b] : 0));
			json_object_set_new(x, "fallback",
			    json_boolean(r->fallback[k]));
			json_array_append_new(a, x);
		}
		json_object_set_new(o, "attributes", a);
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	json_decref(o);
	if (s == NULL)
		return -1;
	if (w->hash != NULL) {
		rd_sha256_update(w->hash, s, strlen(s));
		rd_sha256_update(w->hash, "\n", 1);
	}
	rc = fputs(s, w->f) < 0 || fputc('\n', w->f) == EOF ? -1 : 0;
	free(s);
	return rc;
}

int
decide_writer_row(struct decide_writer *w, const struct decide_record *r)
{
	if (head_write(w) != 0)
		return -1;
	return w->format == DECIDE_CSV ? row_csv(w, r) : row_jsonl(w, r);
}

int
decide_writer_end(struct decide_writer *w)
{
	if (head_write(w) != 0)
		return -1;
	return csv_flush(w);
}

static void
strv_free(char **v, size_t n)
{
	size_t k;

	if (v == NULL)
		return;
	for (k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

void
decide_writer_free(struct decide_writer *w)
{
	size_t k;

	if (w == NULL)
		return;
	for (k = 0; k < w->p->nsegments; k++)
		strv_free(w->apr[k], w->p->segments[k].nbands);
	free(w->apr);
	strv_free(w->seg, w->p->nsegments);
	strv_free(w->ko, w->p->nknockouts);
	strv_free(w->ko_reason, w->p->nknockouts);
	for (k = 0; k < w->card->nchars; k++)
		strv_free(w->label[k], w->card->chars[k].ch->nbins);
	free(w->label);
	strv_free(w->chr, w->card->nchars);
	free(w->line.p);
	free(w->head);
	free(w);
}

/* n of all as "n (p%)". */
static const char *
count_pct(char *buf, size_t n, size_t all)
{
	char a[FMT_BUF], b[FMT_BUF];

	snprintf(buf, 2 * FMT_BUF, "%s (%s)", fmt_count(a, (double)n),
	    fmt_pct(b, all > 0 ? (double)n / (double)all : NAN));
	return buf;
}

void
report_decide_summary(FILE *f, const struct decide_summary *sum,
	const struct policy *p, const struct scorecard *card,
	const char *what)
{
	char a[FMT_BUF], b[2 * FMT_BUF], c[2 * FMT_BUF], d[2 * FMT_BUF];
	char e[2 * FMT_BUF];
	size_t k, n = sum->applicants;

	fprintf(f, "decided %s applicant%s of %s under policy \"%s\" "
	    "(scorecard \"%s\")\n", fmt_count(a, (double)n),
	    n == 1 ? "" : "s", what, p->name, card->name);
	fprintf(f, "  approve %s, refer %s, decline %s, of which knocked "
	    "out %s\n", count_pct(b, sum->approved, n),
	    count_pct(c, sum->referred, n),
	    count_pct(d, sum->declined, n),
	    count_pct(e, sum->knocked_out, n));
	fprintf(f, "  %-20s %12s %12s %12s %12s\n", "segment", "applicants",
	    "approve", "refer", "decline");
	for (k = 0; k < sum->nseg; k++) {
		fprintf(f, "  ");
		fmt_cell(f, p->segments[k].name, 20);
		fprintf(f, " %12s", fmt_count(a, (double)sum->seg_applicants[k]));
		fprintf(f, " %12s", fmt_count(a, (double)sum->seg_approved[k]));
		fprintf(f, " %12s", fmt_count(a, (double)sum->seg_referred[k]));
		fprintf(f, " %12s\n", fmt_count(a,
		    (double)sum->seg_declined[k]));
	}
	if (p->fraud != NULL) {
		fprintf(f, "  fraud rules first: decline %s, refer %s; "
		    "approvals stopped %s\n", count_pct(b,
		    sum->lines.n[DECIDE_LINE_FRAUD_DECLINE], n),
		    count_pct(c, sum->lines.n[DECIDE_LINE_FRAUD_REFER], n),
		    fmt_count(a, (double)sum->lines.fraud_stopped));
		fprintf(f, "  outcome lines:");
		for (k = DECIDE_NLINES; k-- > 0;)
			fprintf(f, " %s %s%s", decide_line_names[k],
			    count_pct(b, sum->lines.n[k], n), k > 0 ? "," :
			    "\n");
		for (k = 0; k < sum->nfraud; k++) {
			fprintf(f, "  fraud rule ");
			fmt_cell(f, p->fraud->rules[k].name, 19);
			fprintf(f, " %-8s %12s %s\n", p->fraud->rules[k].reason,
			    fmt_count(a, (double)sum->fraud_count[k]),
			    p->fraud->rules[k].action == POLICY_FRAUD_DECLINE ?
			    "declined" : "referred");
		}
	}
	for (k = 0; k < sum->nko; k++) {
		fprintf(f, "  knock-out ");
		fmt_cell(f, p->knockouts[k].name, 20);
		fprintf(f, " %-8s %12s declined\n", p->knockouts[k].reason ?
		    p->knockouts[k].reason : "", fmt_count(a,
		    (double)sum->ko_count[k]));
	}
	fprintf(f, "  exposure %s, expected loss %s, credit limits %s",
	    fmt_money(a, sum->exposure), fmt_money(b, sum->expected_loss),
	    fmt_money(c, sum->credit_limit));
	if (!isnan(sum->revenue))
		fprintf(f, ", revenue %s a year", fmt_money(d, sum->revenue));
	fprintf(f, "\n");
	if (sum->ead_missing > 0)
		fprintf(f, "  warning: EAD is NULL for %s applicant%s, counted "
		    "as 0\n", fmt_count(a, (double)sum->ead_missing),
		    sum->ead_missing == 1 ? "" : "s");
	if (sum->fallback_applicants > 0) {
		fprintf(f, "  fallbacks: %s applicant%s took a documented "
		    "fallback (a level unseen in development, or a NULL "
		    "without a missing bin):", fmt_count(a,
		    (double)sum->fallback_applicants),
		    sum->fallback_applicants == 1 ? "" : "s");
		for (k = 0; k < sum->nchars; k++)
			if (sum->char_fallback[k] > 0)
				fprintf(f, " %s %s", card->chars[k].ch->name,
				    fmt_count(a, (double)sum->char_fallback[k]));
		fprintf(f, "\n");
	}
}

int
report_runs(FILE *f, const struct run_row *v, size_t n, int json,
	struct rd_err *err)
{
	char a[FMT_BUF], b[FMT_BUF], c[FMT_BUF], d[FMT_BUF];
	size_t k;

	if (json) {
		json_t *root = json_object(), *arr = json_array();

		for (k = 0; k < n; k++) {
			const struct run_row *r = &v[k];
			json_t *o = json_object();

			json_object_set_new(o, "id", json_integer(r->id));
			json_object_set_new(o, "kind", report_jstr(r->kind));
			json_object_set_new(o, "created",
			    report_jstr(r->created));
			json_object_set_new(o, "policy", report_jstr(r->policy));
			json_object_set_new(o, "policy_file",
			    report_jstr(r->policy_file));
			json_object_set_new(o, "policy_sha256",
			    report_jstr(r->policy_sha256));
			json_object_set_new(o, "scorecard",
			    report_jstr(r->scorecard));
			json_object_set_new(o, "scorecard_sha256",
			    report_jstr(r->scorecard_sha256));
			json_object_set_new(o, "input", report_jstr(r->input));
			json_object_set_new(o, "input_rows",
			    report_jcount(r->input_rows));
			json_object_set_new(o, "input_sha256",
			    report_jstr(r->input_sha256));
			json_object_set_new(o, "output", report_jstr(r->output));
			json_object_set_new(o, "output_sha256",
			    report_jstr(r->output_sha256));
			json_object_set_new(o, "version",
			    report_jstr(r->version));
			json_object_set_new(o, "role", report_jstr(r->role));
			json_object_set_new(o, "cutoffs",
			    report_jstr(r->cutoffs));
			json_object_set_new(o, "file_cutoffs",
			    report_jstr(r->file_cutoffs));
			if (r->has_counts) {
				json_object_set_new(o, "approved",
				    report_jcount(r->approved));
				json_object_set_new(o, "referred",
				    report_jcount(r->referred));
				json_object_set_new(o, "declined",
				    report_jcount(r->declined));
				json_object_set_new(o, "knocked_out",
				    report_jcount(r->knocked_out));
			}
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "runs", arr);
		return report_json_emit(f, root, err);
	}
	if (n == 0)
		fprintf(f, "no runs stored\n");
	for (k = 0; k < n; k++) {
		const struct run_row *r = &v[k];

		fprintf(f, "run %lld  %s  %s  policy \"%s\" (%s)  scorecard "
		    "\"%s\"\n", (long long)r->id, r->created ? r->created :
		    "-", r->kind ? r->kind : "simulation",
		    r->policy ? r->policy : "-",
		    r->policy_file ? r->policy_file : "-",
		    r->scorecard ? r->scorecard : "-");
		fprintf(f, "  input %s: %s applicants", r->input ? r->input :
		    "-", fmt_count(a, (double)r->input_rows));
		if (r->has_counts)
			fprintf(f, "; approved %s, referred %s, declined %s, "
			    "knocked out %s", fmt_count(a, (double)r->approved),
			    fmt_count(b, (double)r->referred),
			    fmt_count(c, (double)r->declined),
			    fmt_count(d, (double)r->knocked_out));
		else if (r->role != NULL)
			fprintf(f, "; %s", r->role);
		fprintf(f, "\n");
		if (r->cutoffs != NULL && r->file_cutoffs != NULL)
			fprintf(f, "  cutoffs %s, overriding the policy "
			    "file's %s\n", r->cutoffs, r->file_cutoffs);
		else if (r->cutoffs != NULL)
			fprintf(f, "  cutoffs %s\n", r->cutoffs);
		if (r->output != NULL)
			fprintf(f, "  output %s  sha256 %s\n", r->output,
			    r->output_sha256 ? r->output_sha256 : "-");
		if (r->policy_sha256 != NULL)
			fprintf(f, "  sha256: policy %s\n          scorecard "
			    "%s\n          input %s\n", r->policy_sha256,
			    r->scorecard_sha256 ? r->scorecard_sha256 : "-",
			    r->input_sha256 ? r->input_sha256 : "-");
		if (r->version != NULL)
			fprintf(f, "  riskdesk %s\n", r->version);
	}
	return report_text_done(f, err);
}
