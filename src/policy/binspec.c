/*
 * binspec.c - the YAML binning spec (see binspec.h): written with plain
 * stdio (every text double-quoted and escaped), read with libyaml's
 * document loader and checked key by key with located errors.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "policy/binspec.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------- writing */

/* A YAML double-quoted scalar. */
static void
put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
put_nums(FILE *f, const double *v, size_t n)
{
	size_t i;

	fputc('[', f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%.17g", i > 0 ? ", " : "", v[i]);
	fputc(']', f);
}

int
binspec_write(FILE *f, const struct binspec *spec, struct rd_err *err)
{
	size_t k, g, i;

	fputs("# riskdesk binning spec: numeric bins are [lower, upper), "
	    "closed on the left;\n# missing and special values have bins "
	    "of their own.  See riskdesk(1), bin.\n", f);
	fputs("format: riskdesk binning\nversion: 1\ntable: ", f);
	put_str(f, spec->table);
	fputs("\ncharacteristics:\n", f);
	for (k = 0; k < spec->nchars; k++) {
		const struct binspec_char *c = &spec->chars[k];

		fputs("  - name: ", f);
		put_str(f, c->name);
		fprintf(f, "\n    type: %s\n", c->numeric ? "numeric" : "text");
		if (c->numeric) {
			fputs("    breaks: ", f);
			put_nums(f, c->breaks, c->nbreaks);
			fputs("\n    special: ", f);
			put_nums(f, c->specials, c->nspecials);
			fputc('\n', f);
		} else {
			fputs("    groups:\n", f);
			for (g = 0; g < c->ngroups; g++) {
				fputs("      - [", f);
				for (i = 0; c->groups[g][i] != NULL; i++) {
					if (i > 0)
						fputs(", ", f);
					put_str(f, c->groups[g][i]);
				}
				fputs("]\n", f);
			}
			if (c->other_group >= 0)
				fprintf(f, "    other: %d\n    other_levels: "
				    "%zu\n", c->other_group + 1,
				    c->other_levels);
		}
		fprintf(f, "    missing: %s\n", c->missing ? "true" : "false");
	}
	if (fflush(f) != 0 || ferror(f))
		return rd_err_set(err, RD_EIO, "cannot write the binning spec: "
		    "%s", strerror(errno));
	return 0;
}

/* ------------------------------------------------------------- reading */

struct rd {
	yaml_document_t doc;
	const char *path;
	struct rd_err *err;
};

static int fail_at(struct rd *r, yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A located input error at node n (the whole file when n is NULL). */
static int
fail_at(struct rd *r, yaml_node_t *n, const char *fmt, ...)
{
	char msg[RD_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return rd_err_setloc(r->err, RD_EINPUT, r->path,
	    n != NULL ? (long)n->start_mark.line + 1 : 0,
	    n != NULL ? (long)n->start_mark.column + 1 : 0, "%s", msg);
}

static const char *
scalar(yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *
map_get(struct rd *r, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(yaml_document_get_node(&r->doc, p->key));

		if (k != NULL && strcmp(k, key) == 0)
			return yaml_document_get_node(&r->doc, p->value);
	}
	return NULL;
}

/* Refuse keys outside known[] (NULL-terminated). */
static int
known_keys(struct rd *r, yaml_node_t *map, const char *const *known,
	const char *where)
{
	yaml_node_pair_t *p;
	size_t i;

	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_document_get_node(&r->doc, p->key);
		const char *k = scalar(kn);

		for (i = 0; k != NULL && known[i] != NULL; i++)
			if (strcmp(k, known[i]) == 0)
				break;
		if (k == NULL || known[i] == NULL)
			return fail_at(r, kn, "unknown key '%s' in %s",
			    k != NULL ? k : "?", where);
	}
	return 0;
}

static int
get_num(struct rd *r, yaml_node_t *n, const char *what, double *out)
{
	const char *s = scalar(n);
	char *end;

	if (s == NULL)
		return fail_at(r, n, "expected a number for %s", what);
	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(*out))
		return fail_at(r, n, "expected a finite number for %s, found "
		    "'%s'", what, s);
	return 0;
}

static int
get_nums(struct rd *r, yaml_node_t *n, const char *what, double **v,
	size_t *nv)
{
	yaml_node_item_t *it;

	*v = NULL;
	*nv = 0;
	if (n == NULL)
		return 0;
	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(r, n, "expected a list of numbers for %s", what);
	*v = xcalloc((size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start) + 1, sizeof **v);
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(&r->doc, *it);

		if (get_num(r, e, what, &(*v)[*nv]) < 0)
			return -1;
		if (*nv > 0 && strcmp(what, "breaks") == 0 &&
		    !((*v)[*nv] > (*v)[*nv - 1]))
			return fail_at(r, e, "expected %s in increasing order"
			    "", what);
		(*nv)++;
	}
	return 0;
}

static int
get_bool(struct rd *r, yaml_node_t *n, int *out)
{
	const char *s = scalar(n);

	if (s != NULL && strcmp(s, "true") == 0)
		*out = 1;
	else if (s != NULL && strcmp(s, "false") == 0)
		*out = 0;
	else
		return fail_at(r, n, "expected true or false for %s", "missing");
	return 0;
}

static int
read_char(struct rd *r, yaml_node_t *n, struct binspec_char *c)
{
	static const char *const known[] = { "name", "type", "breaks",
		"special", "groups", "other", "other_levels", "missing", NULL };
	yaml_node_t *v;
	const char *s;

	c->other_group = -1;
	c->line = n != NULL ? (long)n->start_mark.line + 1 : 0;
	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return fail_at(r, n, "expected a characteristic (a mapping with "
		    "name and type)");
	if (known_keys(r, n, known, "a characteristic") < 0)
		return -1;
	if ((s = scalar(v = map_get(r, n, "name"))) == NULL || *s == '\0')
		return fail_at(r, v != NULL ? v : n, "expected a name for the "
		    "characteristic");
	c->name = xstrdup(s);
	s = scalar(v = map_get(r, n, "type"));
	if (s != NULL && strcmp(s, "numeric") == 0)
		c->numeric = 1;
	else if (s != NULL && strcmp(s, "text") == 0)
		c->numeric = 0;
	else
		return fail_at(r, v != NULL ? v : n, "expected type numeric or "
		    "text for '%s'", c->name);
	if ((v = map_get(r, n, "missing")) != NULL && get_bool(r, v,
	    &c->missing) < 0)
		return -1;
	if (c->numeric) {
		if ((v = map_get(r, n, "groups")) != NULL ||
		    (v = map_get(r, n, "other")) != NULL)
			return fail_at(r, v, "'%s' is numeric: expected breaks, "
			    "not groups", c->name);
		if ((v = map_get(r, n, "breaks")) == NULL)
			return fail_at(r, n, "expected breaks for '%s'", c->name);
		if (get_nums(r, v, "breaks", &c->breaks, &c->nbreaks) < 0 ||
		    get_nums(r, map_get(r, n, "special"), "special",
		    &c->specials, &c->nspecials) < 0)
			return -1;
	} else {
		yaml_node_item_t *it;
		double o;

		if ((v = map_get(r, n, "breaks")) != NULL ||
		    (v = map_get(r, n, "special")) != NULL)
			return fail_at(r, v, "'%s' is text: expected groups, "
			    "not breaks or special", c->name);
		v = map_get(r, n, "groups");
		if (v == NULL || v->type != YAML_SEQUENCE_NODE)
			return fail_at(r, v != NULL ? v : n, "expected a list "
			    "of level groups for '%s'", c->name);
		c->groups = xcalloc((size_t)(v->data.sequence.items.top -
		    v->data.sequence.items.start) + 1, sizeof *c->groups);
		for (it = v->data.sequence.items.start;
		    it < v->data.sequence.items.top; it++) {
			yaml_node_t *g = yaml_document_get_node(&r->doc, *it);
			yaml_node_item_t *jt;
			char **lv;
			size_t nl = 0;

			if (g == NULL || g->type != YAML_SEQUENCE_NODE ||
			    g->data.sequence.items.top ==
			    g->data.sequence.items.start)
				return fail_at(r, g, "expected a non-empty list "
				    "of levels in a group of '%s'", c->name);
			lv = xcalloc((size_t)(g->data.sequence.items.top -
			    g->data.sequence.items.start) + 1, sizeof *lv);
			c->groups[c->ngroups++] = lv;
			for (jt = g->data.sequence.items.start;
			    jt < g->data.sequence.items.top; jt++) {
				yaml_node_t *e = yaml_document_get_node(
				    &r->doc, *jt);

				if ((s = scalar(e)) == NULL)
					return fail_at(r, e, "expected a level "
					    "text in a group of '%s'", c->name);
				lv[nl++] = xstrdup(s);
			}
		}
		if ((v = map_get(r, n, "other")) != NULL) {
			if (get_num(r, v, "other", &o) < 0)
				return -1;
			if (o != floor(o) || o < 1 || o > (double)c->ngroups)
				return fail_at(r, v, "expected other to be a "
				    "group number of '%s'", c->name);
			c->other_group = (int)o - 1;
			if ((v = map_get(r, n, "other_levels")) != NULL) {
				if (get_num(r, v, "other_levels", &o) < 0)
					return -1;
				if (o != floor(o) || o < 0)
					return fail_at(r, v, "expected "
					    "other_levels to be a count for "
					    "'%s'", c->name);
				c->other_levels = (size_t)o;
			}
		}
	}
	return 0;
}

int
binspec_load(const char *path, struct binspec *out, struct rd_err *err)
{
	static const char *const known[] = { "format", "version", "table",
		"characteristics", NULL };
	struct rd r;
	yaml_parser_t parser;
	yaml_node_t *root, *v;
	yaml_node_item_t *it;
	FILE *f;
	const char *s;
	int rc = -1;
	size_t k;

	memset(out, 0, sizeof *out);
	if ((f = fopen(path, "rb")) == NULL)
		return rd_err_set(err, RD_EIO, "cannot open %s: %s", path,
		    strerror(errno));
	r.path = path;
	r.err = err;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &r.doc)) {
		rd_err_setloc(err, RD_EINPUT, path,
		    (long)parser.problem_mark.line + 1,
		    (long)parser.problem_mark.column + 1, "%s",
		    parser.problem != NULL ? parser.problem : "bad YAML");
		yaml_parser_delete(&parser);
		fclose(f);
		return -1;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	root = yaml_document_get_root_node(&r.doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		fail_at(&r, root, "expected a binning spec (a mapping with "
		    "format, version, table, characteristics)");
		goto out;
	}
	if (known_keys(&r, root, known, "the binning spec") < 0)
		goto out;
	s = scalar(v = map_get(&r, root, "format"));
	if (s == NULL || strcmp(s, "riskdesk binning") != 0) {
		fail_at(&r, v != NULL ? v : root, "expected format: riskdesk "
		    "binning");
		goto out;
	}
	s = scalar(v = map_get(&r, root, "version"));
	if (s == NULL || strcmp(s, "1") != 0) {
		fail_at(&r, v != NULL ? v : root, "expected version: 1");
		goto out;
	}
	if ((s = scalar(v = map_get(&r, root, "table"))) == NULL) {
		fail_at(&r, v != NULL ? v : root, "expected the table name");
		goto out;
	}
	out->table = xstrdup(s);
	v = map_get(&r, root, "characteristics");
	if (v == NULL || v->type != YAML_SEQUENCE_NODE) {
		fail_at(&r, v != NULL ? v : root, "expected a list of "
		    "characteristics");
		goto out;
	}
	out->chars = xcalloc((size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start) + 1, sizeof *out->chars);
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		yaml_node_t *n = yaml_document_get_node(&r.doc, *it);
		struct binspec_char *c = &out->chars[out->nchars++];

		if (read_char(&r, n, c) < 0)
			goto out;
		for (k = 0; k + 1 < out->nchars; k++)
			if (strcmp(out->chars[k].name, c->name) == 0) {
				fail_at(&r, n, "characteristic '%s' appears "
				    "twice", c->name);
				goto out;
			}
	}
	rc = 0;
out:
	yaml_document_delete(&r.doc);
	if (rc != 0)
		binspec_done(out);
	return rc;
}

void
binspec_char_done(struct binspec_char *c)
{
	size_t g, i;

	free(c->name);
	free(c->breaks);
	free(c->specials);
	for (g = 0; g < c->ngroups; g++) {
		for (i = 0; c->groups[g][i] != NULL; i++)
			free(c->groups[g][i]);
		free(c->groups[g]);
	}
	free(c->groups);
	memset(c, 0, sizeof *c);
}

void
binspec_done(struct binspec *spec)
{
	size_t k;

	for (k = 0; k < spec->nchars; k++)
		binspec_char_done(&spec->chars[k]);
	free(spec->chars);
	free(spec->table);
	memset(spec, 0, sizeof *spec);
}
