/*
 * err.c - located error reports (see err.h).  The bottom of the util layer:
 * no dependency beyond libc.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"

void
rd_err_clear(struct rd_err *err)
{
	if (err == NULL)
		return;
	err->cls = RD_OK;
	err->file[0] = '\0';
	err->line = err->col = 0;
	err->msg[0] = '\0';
}

static void
err_vset(struct rd_err *err, enum rd_err_class cls, const char *file,
	long line, long col, const char *fmt, va_list ap)
{
	err->cls = cls;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

int
rd_err_set(struct rd_err *err, enum rd_err_class cls, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	err_vset(err, cls, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
rd_err_setloc(struct rd_err *err, enum rd_err_class cls, const char *file,
	long line, long col, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	err_vset(err, cls, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

char *
rd_err_format(const struct rd_err *err, char *buf, size_t len)
{
	size_t off = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (err->file[0] != '\0') {
		if (err->line > 0 && err->col > 0)
			off = snprintf(buf, len, "%s:%ld:%ld: ", err->file,
			    err->line, err->col);
		else if (err->line > 0)
			off = snprintf(buf, len, "%s:%ld: ", err->file,
			    err->line);
		else
			off = snprintf(buf, len, "%s: ", err->file);
	}
	if (off < len)
		snprintf(buf + off, len - off, "%s", err->msg);
	return buf;
}

int
rd_err_exit_code(enum rd_err_class cls)
{
	switch (cls) {
	case RD_OK:
		return 0;
	case RD_EINPUT:
		return 1;
	case RD_EUSAGE:
		return 2;
	case RD_ENUMERIC:
		return 3;
	case RD_EIO:
	case RD_EDB:
		return 4;
	}
	return 1;
}
