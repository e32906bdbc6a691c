/*
 * err.h - located error reports shared by every layer.
 *
 * A fallible call returns int (0 ok, -1 failed) or a pointer (NULL failed)
 * and fills a caller-supplied struct rd_err.  The class says what kind of
 * failure it was; main.c alone maps classes to exit codes (riskdesk(1),
 * EXIT STATUS).  Messages are lowercase, without a full stop, failure first:
 * "file:line:col: expected <what>, found <what>".
 */
#ifndef RD_UTIL_ERR_H
#define RD_UTIL_ERR_H

#include <stddef.h>

enum rd_err_class {
	RD_OK = 0,
	RD_EINPUT,	/* bad user input: CSV, YAML, values (exit 1) */
	RD_EUSAGE,	/* bad command line (exit 2) */
	RD_ENUMERIC,	/* numerical failure: separation, no convergence (exit 3) */
	RD_EIO,		/* file system (exit 4) */
	RD_EDB		/* SQLite (exit 4) */
};

#define RD_ERR_MSG 1024
#define RD_ERR_FILE 512

struct rd_err {
	enum rd_err_class cls;
	char file[RD_ERR_FILE];	/* "" when the error has no file */
	long line;		/* 1-based; 0 when unknown */
	long col;		/* 1-based; 0 when unknown */
	char msg[RD_ERR_MSG];	/* the message without the location */
};

/* Reset *err to "no error".  err may be NULL (then nothing happens). */
void rd_err_clear(struct rd_err *err);

/*
 * Record an error of class cls with a printf-style message and no location.
 * err may be NULL.  Returns -1 so that callers can write
 * "return rd_err_set(err, RD_EINPUT, "...")".
 */
int rd_err_set(struct rd_err *err, enum rd_err_class cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * As rd_err_set, with a location: file (may be NULL), 1-based line and
 * column (0 = unknown).
 */
int rd_err_setloc(struct rd_err *err, enum rd_err_class cls, const char *file,
	long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * Write "file:line:col: msg" (the parts that are known) into buf of size
 * len, always NUL-terminated.  Returns buf.
 */
char *rd_err_format(const struct rd_err *err, char *buf, size_t len);

/* Process exit code of a class: 0 ok, 1 input, 2 usage, 3 numeric, 4 I/O. */
int rd_err_exit_code(enum rd_err_class cls);

#endif
