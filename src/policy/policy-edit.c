/*
 * policy-edit.c - new cutoffs written into a policy file in place (see
 * policy-edit.h).  The file is parsed again with libyaml's event API to
 * find each cutoff and refer scalar by the start mark policy_load
 * recorded for it; its end mark gives the span to replace.  libyaml's
 * marks count characters, not bytes, so spans are turned into byte
 * offsets by walking the UTF-8 text line by line.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "policy/policy.h"
#include "policy/policy-edit.h"
#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* One scalar to replace: where it is (0-based, characters) and with what. */
struct edit {
	long line, col;			/* the start mark */
	long eline, ecol;		/* the end mark, found by the parse */
	size_t from, to;		/* byte span, from the marks */
	char text[400];
	int found;
};

static char *
read_all(const char *path, size_t *len, struct rd_err *err)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (fp == NULL) {
		rd_err_setloc(err, RD_EIO, path, 0, 0, "cannot read policy: %s",
		    strerror(errno));
		return NULL;
	}
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap == 0 ? 8192 : 2 * cap;
			buf = xrealloc(buf, cap);
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		n += r;
	} while (r > 0);
	if (ferror(fp)) {
		rd_err_setloc(err, RD_EIO, path, 0, 0, "cannot read policy: %s",
		    strerror(errno));
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * x as a plain decimal, never in exponent notation: a whole number with
 * no decimal part ("600"), any other number with the fewest decimals
 * (%.Nf, trailing zeros cut) that strtod reads back as x; a number that
 * needs more than 340 decimals (below about 1e-324, subnormal) keeps
 * 340.  len must hold the 309 digits of DBL_MAX and a sign.
 */
void
policy_number_text(char *buf, size_t len, double x)
{
	int prec;
	char *e;

	if (x == 0) {			/* also -0 */
		snprintf(buf, len, "0");
		return;
	}
	for (prec = 0; prec < 340; prec++) {
		snprintf(buf, len, "%.*f", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	if (strchr(buf, '.') != NULL) {
		e = buf + strlen(buf);
		while (e > buf && e[-1] == '0')
			*--e = '\0';
		if (e > buf && e[-1] == '.')
			*--e = '\0';
	}
}

/*
 * Byte offset of 0-based line and character column col in text[n]: lines
 * end at "\n" (libyaml also breaks at "\r", "\r\n" and a few Unicode
 * breaks a policy has no reason to hold; the spans found are checked
 * against the scalar's text anyway).  Returns n when past the end.
 */
static size_t
offset_of(const char *text, size_t n, long line, long col)
{
	size_t i = 0;
	long l = 0, c = 0;

	while (i < n && l < line) {
		if (text[i] == '\n')
			l++;
		i++;
	}
	while (i < n && c < col && text[i] != '\n') {
		/* Skip one UTF-8 character: a lead byte and its
		   continuation bytes. */
		i++;
		while (i < n && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return i;
}

/* Find the end marks of the edits by their start marks. */
static int
find_spans(const struct policy *p, const char *text, size_t n,
	struct edit *ed, size_t ned, struct rd_err *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t k;
	int done = 0, rc = 0;

	if (!yaml_parser_initialize(&parser))
		return rd_err_setloc(err, RD_EIO, p->path, 0, 0,
		    "out of memory reading YAML");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = rd_err_setloc(err, RD_EINPUT, p->path,
			    (long)parser.problem_mark.line + 1,
			    (long)parser.problem_mark.column + 1,
			    "the policy file no longer parses: %s",
			    parser.problem != NULL ? parser.problem : "error");
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT)
			done = 1;
		if (ev.type == YAML_SCALAR_EVENT)
			for (k = 0; k < ned; k++)
				if ((long)ev.start_mark.line == ed[k].line &&
				    (long)ev.start_mark.column == ed[k].col) {
					ed[k].eline = (long)ev.end_mark.line;
					ed[k].ecol = (long)ev.end_mark.column;
					ed[k].found = 1;
				}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc != 0)
		return rc;
	for (k = 0; k < ned; k++) {
		if (!ed[k].found)
			return rd_err_setloc(err, RD_EINPUT, p->path,
			    ed[k].line + 1, ed[k].col + 1, "the policy file "
			    "changed since it was loaded: no value here any "
			    "more");
		ed[k].from = offset_of(text, n, ed[k].line, ed[k].col);
		ed[k].to = offset_of(text, n, ed[k].eline, ed[k].ecol);
		if (ed[k].to <= ed[k].from)
			return rd_err_setloc(err, RD_EINPUT, p->path,
			    ed[k].line + 1, ed[k].col + 1, "the policy file "
			    "changed since it was loaded");
	}
	return 0;
}

static int
cmp_edit(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;

	return a->from < b->from ? -1 : a->from > b->from;
}

/*
 * Narrow edit e, found as the span of a whole scalar in text, to bytes
 * [sp->from, sp->from + sp->len) of its value: the raw text is read as
 * libyaml would (a plain scalar as it is, a 'single-quoted' one with ''
 * for ', a "double-quoted" one without escapes), on one line, and must
 * give sp->value back; each value byte's place in the file is then
 * known.
 */
static int
narrow_span(const struct policy *p, const char *text, struct edit *e,
	const struct policy_edit_span *sp, struct rd_err *err)
{
	const char *raw = text + e->from;
	size_t rlen = e->to - e->from, vlen = strlen(sp->value), i, v = 0;
	size_t *map = xcalloc(vlen + 1, sizeof *map);
	char q = raw[0] == '\'' || raw[0] == '"' ? raw[0] : '\0';
	int ok = memchr(raw, '\n', rlen) == NULL;

	i = q != '\0' ? 1 : 0;
	if (q != '\0' && (rlen < 2 || raw[rlen - 1] != q))
		ok = 0;
	if (q != '\0')
		rlen--;
	while (ok && i < rlen) {
		if (v >= vlen || (q == '"' && raw[i] == '\\')) {
			ok = 0;
			break;
		}
		map[v] = e->from + i;
		if (q == '\'' && raw[i] == '\'') {
			if (i + 1 >= rlen || raw[i + 1] != '\'') {
				ok = 0;
				break;
			}
			i++;
		}
		if (raw[i] != sp->value[v])
			ok = 0;
		i++;
		v++;
	}
	if (ok && v != vlen)
		ok = 0;
	map[vlen] = e->from + i;
	if (!ok || sp->from + sp->len > vlen) {
		free(map);
		return rd_err_setloc(err, RD_EINPUT, p->path, e->line + 1,
		    e->col + 1, "cannot write the value into the file here: "
		    "write it on one line, without escapes, and load the "
		    "policy again");
	}
	e->to = map[sp->from + sp->len];
	e->from = map[sp->from];
	free(map);
	return 0;
}

char *
policy_edit_text(const struct policy *p, const double *cutoffs, size_t *len,
	struct rd_err *err)
{
	return policy_edit_text_spans(p, cutoffs, NULL, 0, len, err);
}

char *
policy_edit_text_spans(const struct policy *p, const double *cutoffs,
	const struct policy_edit_span *spans, size_t nspans, size_t *len,
	struct rd_err *err)
{
	struct edit *ed;
	char *text, *out;
	size_t n, k, ned = 0, o, at, first;

	if ((text = read_all(p->path, &n, err)) == NULL)
		return NULL;
	ed = xcalloc(3 * p->nsegments + nspans + 1, sizeof *ed);
	for (k = 0; k < p->nsegments; k++) {
		const struct policy_segment *s = &p->segments[k];

		if (cutoffs[k] == s->cutoff)
			continue;
		ed[ned].line = s->cutoff_at.line - 1;
		ed[ned].col = s->cutoff_at.col - 1;
		policy_number_text(ed[ned].text, sizeof ed[ned].text, cutoffs[k]);
		ned++;
		/* The first score band must start at or below the cutoff;
		   it takes the approved scores below its start anyway, so
		   moving its start down to the cutoff changes nothing. */
		if (s->nbands > 0 && cutoffs[k] < s->bands[0].from &&
		    s->bands[0].from_at.line > 0) {
			ed[ned].line = s->bands[0].from_at.line - 1;
			ed[ned].col = s->bands[0].from_at.col - 1;
			policy_number_text(ed[ned].text, sizeof ed[ned].text, cutoffs[k]);
			ned++;
		}
		if (!isnan(s->refer) && s->refer_at.line > 0) {
			ed[ned].line = s->refer_at.line - 1;
			ed[ned].col = s->refer_at.col - 1;
			policy_number_text(ed[ned].text, sizeof ed[ned].text,
			    cutoffs[k] - (s->cutoff - s->refer));
			ned++;
		}
	}
	first = ned;
	for (k = 0; k < nspans; k++) {
		ed[ned].line = spans[k].at.line - 1;
		ed[ned].col = spans[k].at.col - 1;
		snprintf(ed[ned].text, sizeof ed[ned].text, "%s",
		    spans[k].text);
		ned++;
	}
	if (find_spans(p, text, n, ed, ned, err) != 0) {
		free(ed);
		free(text);
		return NULL;
	}
	for (k = 0; k < nspans; k++)
		if (narrow_span(p, text, &ed[first + k], &spans[k], err) != 0) {
			free(ed);
			free(text);
			return NULL;
		}
	qsort(ed, ned, sizeof *ed, cmp_edit);
	out = xmalloc(n + ned * sizeof ed->text + 1);
	for (k = 0, o = 0, at = 0; k < ned; k++) {
		memcpy(out + o, text + at, ed[k].from - at);
		o += ed[k].from - at;
		memcpy(out + o, ed[k].text, strlen(ed[k].text));
		o += strlen(ed[k].text);
		at = ed[k].to;
	}
	memcpy(out + o, text + at, n - at);
	o += n - at;
	out[o] = '\0';
	if (len != NULL)
		*len = o;
	free(ed);
	free(text);
	return out;
}

int
policy_edit_write(const struct policy *p, const double *cutoffs,
	const char *out, struct rd_err *err)
{
	return policy_edit_write_spans(p, cutoffs, NULL, 0, out, err);
}

int
policy_edit_write_spans(const struct policy *p, const double *cutoffs,
	const struct policy_edit_span *spans, size_t nspans, const char *out,
	struct rd_err *err)
{
	struct afile *af;
	char *text;
	size_t n;
	int rc;

	if ((text = policy_edit_text_spans(p, cutoffs, spans, nspans, &n,
	    err)) == NULL)
		return -1;
	/* Whole or not at all, with the mode of the file it replaces. */
	if ((af = afile_open(out, err)) == NULL) {
		free(text);
		return -1;
	}
	if (fwrite(text, 1, n, afile_stream(af)) != n) {
		rd_err_setloc(err, RD_EIO, out, 0, 0, "cannot write "
		    "policy: %s", strerror(errno));
		rc = afile_fail(af, err);
	} else {
		rc = afile_commit(af, err);
	}
	free(text);
	return rc;
}
