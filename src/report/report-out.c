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

#define JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
	JSON_REAL_PRECISION(12))

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

int
report_json_emit(FILE *f, json_t *root, struct rd_err *err)
{
	int rc = json_dumpf(root, f, JSON_FLAGS);

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
