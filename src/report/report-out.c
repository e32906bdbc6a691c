/*
 * report-out.c - output primitives shared by the report writers (see
 * report-out.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "report/report-out.h"
#include "util/err.h"


json_t *
report_jnum(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

json_t *
report_jcount(size_t n)
{
	return json_integer((json_int_t)n);
}

json_t *
report_jstr(const char *s)
{
	return s == NULL ? json_null() : json_string(s);
}

/* Powers of 2 up to which every integer is a double: 2^53. */
#define EXACT_INT 9007199254740992.0

void
report_json_real(char *buf, size_t len, double x)
{
	char *e, *from, *to;
	int p;

	if (x == floor(x) && fabs(x) <= EXACT_INT)
		/* Below 1e12, the text of "%.12g". */
		snprintf(buf, len, "%.0f", x);
	else
		for (p = 12; p <= 17; p++) {
			snprintf(buf, len, "%.*g", p, x);
			if (strtod(buf, NULL) == x)
				break;
		}
	/* As jansson writes a real: a point or an exponent, so that it
	   reads back as a real; the exponent without "+" or leading
	   zeros. */
	if (strchr(buf, '.') == NULL && strchr(buf, 'e') == NULL &&
	    strlen(buf) + 3 <= len)
		strcat(buf, ".0");
	if ((e = strchr(buf, 'e')) != NULL) {
		from = to = e + 1;
		if (*from == '+')
			from++;
		else if (*from == '-')
			from = ++to;
		while (*from == '0' && from[1] != '\0')
			from++;
		memmove(to, from, strlen(from) + 1);
	}
}

/* s (n bytes, UTF-8) as a JSON string, escaped as jansson escapes it. */
static int
dump_string(FILE *f, const char *s, size_t n)
{
	size_t k;

	if (fputc('"', f) == EOF)
		return -1;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		const char *esc = NULL;
		char u[8];

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20) {
				snprintf(u, sizeof u, "\\u%04X", c);
				esc = u;
			}
		}
		if (esc != NULL ? fputs(esc, f) == EOF : fputc(c, f) == EOF)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}

/* A new line and depth levels of two spaces. */
static int
dump_indent(FILE *f, int depth)
{
	return fprintf(f, "\n%*s", 2 * depth, "") < 0 ? -1 : 0;
}

/*
 * v to f in the layout of jansson's json_dumpf with JSON_INDENT(2) and
 * JSON_PRESERVE_ORDER, but for reals, written by report_json_real so as
 * to read back as the same double.
 */
static int
dump(FILE *f, const json_t *v, int depth)
{
	char buf[64];
	size_t k, n;
	const char *key;
	void *it, *next;

	switch (json_typeof(v)) {
	case JSON_NULL:
		return fputs("null", f) == EOF ? -1 : 0;
	case JSON_TRUE:
		return fputs("true", f) == EOF ? -1 : 0;
	case JSON_FALSE:
		return fputs("false", f) == EOF ? -1 : 0;
	case JSON_INTEGER:
		return fprintf(f, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v)) < 0 ? -1 : 0;
	case JSON_REAL:
		report_json_real(buf, sizeof buf, json_real_value(v));
		return fputs(buf, f) == EOF ? -1 : 0;
	case JSON_STRING:
		return dump_string(f, json_string_value(v),
		    json_string_length(v));
	case JSON_ARRAY:
		n = json_array_size(v);
		if (fputc('[', f) == EOF)
			return -1;
		if (n > 0 && dump_indent(f, depth + 1) != 0)
			return -1;
		for (k = 0; k < n; k++)
			if (dump(f, json_array_get(v, k), depth + 1) != 0 ||
			    (k + 1 < n && fputc(',', f) == EOF) ||
			    dump_indent(f, k + 1 < n ? depth + 1 : depth) != 0)
				return -1;
		return fputc(']', f) == EOF ? -1 : 0;
	case JSON_OBJECT:
		if (fputc('{', f) == EOF)
			return -1;
		it = json_object_iter((json_t *)v);
		if (it != NULL && dump_indent(f, depth + 1) != 0)
			return -1;
		for (; it != NULL; it = next) {
			next = json_object_iter_next((json_t *)v, it);
			key = json_object_iter_key(it);
			if (dump_string(f, key, strlen(key)) != 0 ||
			    fputs(": ", f) == EOF ||
			    dump(f, json_object_iter_value(it), depth + 1) != 0 ||
			    (next != NULL && fputc(',', f) == EOF) ||
			    dump_indent(f, next != NULL ? depth + 1 : depth) != 0)
				return -1;
		}
		return fputc('}', f) == EOF ? -1 : 0;
	}
	return -1;
}

int
report_json_emit(FILE *f, json_t *root, struct rd_err *err)
{
	int rc = dump(f, root, 0);

	json_decref(root);
	if (rc != 0 || fputc('\n', f) == EOF || fflush(f) != 0 || ferror(f))
		return rd_err_set(err, RD_EIO, "cannot write the report: %s",
		    strerror(errno));
	return 0;
}

int
report_text_done(FILE *f, struct rd_err *err)
{
	if (fflush(f) != 0 || ferror(f))
		return rd_err_set(err, RD_EIO, "cannot write the report: %s",
		    strerror(errno));
	return 0;
}
