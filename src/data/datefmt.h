/*
 * datefmt.h - calendar dates and date-times written in a given layout,
 * read and rewritten in ISO 8601 form.
 *
 * The import stores every date column as ISO text: "YYYY-MM-DD" for
 * dates, "YYYY-MM-DD HH:MM:SS" for date-times, so dates sort and compare
 * as text in time order.  A layout is a strftime-like format:
 *   %Y  year, four digits            %y  year, two digits (POSIX: 69-99
 *                                        are 1969-1999, 00-68 2000-2068)
 *   %m  month, 1 or 2 digits         %b  month name, English, three
 *                                        letters ("Jan"), any case
 *   %d  day of the month, 1 or 2     %B  month name in full ("January")
 *   %H  hour 0-23, 1 or 2 digits     %M  minute 0-59, 1 or 2 digits
 *   %S  second 0-59, 1 or 2 digits   %%  a '%'
 * Any other character matches itself.  A layout must give a year, a
 * month and a day; a date must exist in the proleptic Gregorian calendar.
 *
 * Pure functions on strings; the import (csv-import.c) and the facade's
 * out-of-time check use them.
 */
#ifndef RD_DATA_DATEFMT_H
#define RD_DATA_DATEFMT_H

#include <stddef.h>

/* Bytes of the longest ISO form written, with its NUL; the lengths of a
   date and of a date-time so written. */
#define DATEFMT_ISO_MAX 20
#define DATEFMT_ISO_DATE_LEN 10
#define DATEFMT_ISO_TIME_LEN 19

/* One date or date-time as read. */
struct datefmt_tm {
	int y, m, d;		/* year, month 1-12, day 1-31 */
	int H, M, S;		/* 0 when the layout has no time */
};

/*
 * Check the layout fmt.  Returns 0 when it is one (every '%' starts one of
 * the conversions above, and it gives a year, a month and a day), or -1
 * with a message in why[len] ("unknown conversion %q", "no day (%d)").
 */
int datefmt_check(const char *fmt, char *why, size_t len);

/* 1 when the layout fmt (checked) has a time of day (%H, %M or %S). */
int datefmt_has_time(const char *fmt);

/*
 * Read the whole of s[0..len) under the checked layout fmt.  Returns 1 and
 * fills *tm when s is a date that exists written that way, 0 otherwise.
 */
int datefmt_parse(const char *fmt, const char *s, size_t len,
	struct datefmt_tm *tm);

/*
 * Write tm into out[DATEFMT_ISO_MAX] as "YYYY-MM-DD", or with time as
 * "YYYY-MM-DD HH:MM:SS".  Returns the length written.
 */
size_t datefmt_iso(const struct datefmt_tm *tm, int with_time, char *out);

/*
 * 1 when s (NUL-ended) is a date or date-time as the import stores them:
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (also "T" for the space), valid.
 */
int datefmt_is_iso(const char *s);

/*
 * The layouts an import recognises without being told (in this order of
 * preference): ISO dates and date-times, YYYY/MM/DD, day-first and
 * month-first dates with '/', '.' or '-' and a four-digit year, and
 * "05-Jan-2023" / "05 Jan 2023".  A column is read with the first layout
 * that reads every one of its values; day-first and month-first layouts
 * with the same separator form a pair (datefmt_auto_twin) of which one
 * must be proven by a value that only it reads (a day above 12).
 */
#define DATEFMT_NAUTO 14
extern const char *const datefmt_auto[DATEFMT_NAUTO];

/*
 * The first DATEFMT_NISO layouts of datefmt_auto are ISO 8601's: a date,
 * or a date-time with 'T' or a space and with or without seconds.  A
 * column may mix them ("2023-01-05", "2023-01-05T10:11",
 * "2023-01-05 10:11:12"): datefmt_parse_iso reads a value in any of them.
 */
#define DATEFMT_NISO 5

/* The name under which the import shows a column of mixed ISO 8601
   values; not a layout for datefmt_parse. */
#define DATEFMT_ISO_MIXED "ISO 8601"

/*
 * Read s[0..len) in any of the ISO layouts.  Returns 1 and fills *tm
 * (and *has_time, 1 when a time of day was written), or 0.
 */
int datefmt_parse_iso(const char *s, size_t len, struct datefmt_tm *tm,
	int *has_time);

/*
 * datefmt_parse_iso, and a date-time may end in a UTC offset as ISO 8601
 * writes one: "Z", "+hh:mm", "+hhmm" or "+hh" (or '-').  Returns 1 and
 * fills *tm with the time as written, *has_time, and *offset with the
 * offset in seconds east of UTC (0 for "Z" or none): the instant in UTC
 * is the time written minus *offset.  0 when s is none of these (an
 * offset after a date alone, hours past 14 or minutes past 59 among
 * them).
 */
int datefmt_parse_iso_zoned(const char *s, size_t len, struct datefmt_tm *tm,
	int *has_time, long *offset);

/* The index of the other reading of auto layout k (day-first <-> month-
   first with the same separator), or -1 when it has none. */
int datefmt_auto_twin(int k);

#endif
