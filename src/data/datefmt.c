/*
 * datefmt.c - dates in a strftime-like layout, read and written as ISO
 * 8601 (see datefmt.h).  Part of the data layer; no I/O, no SQL.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "data/datefmt.h"

const char *const datefmt_auto[DATEFMT_NAUTO] = {
	"%Y-%m-%d",
	"%Y-%m-%d %H:%M:%S",
	"%Y-%m-%dT%H:%M:%S",
	"%Y-%m-%d %H:%M",
	"%Y-%m-%dT%H:%M",
	"%Y/%m/%d",
	"%d/%m/%Y",
	"%m/%d/%Y",
	"%d.%m.%Y",
	"%m.%d.%Y",
	"%d-%m-%Y",
	"%m-%d-%Y",
	"%d-%b-%Y",
	"%d %b %Y"
};

int
datefmt_auto_twin(int k)
{
	/* The day-first / month-first pairs: 6-7, 8-9, 10-11. */
	if (k >= 6 && k <= 11)
		return k % 2 == 0 ? k + 1 : k - 1;
	return -1;
}

static const char *const month_name[12] = { "january", "february",
    "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december" };

int
datefmt_check(const char *fmt, char *why, size_t len)
{
	int y = 0, m = 0, d = 0;
	const char *p;

	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		switch (*++p) {
		case 'Y': case 'y': y = 1; break;
		case 'm': case 'b': case 'B': m = 1; break;
		case 'd': d = 1; break;
		case 'H': case 'M': case 'S': case '%': break;
		case '\0':
			snprintf(why, len, "a lone '%%' at the end");
			return -1;
		default:
			snprintf(why, len, "unknown conversion %%%c (known: "
			    "%%Y %%y %%m %%b %%B %%d %%H %%M %%S %%%%)", *p);
			return -1;
		}
	}
	if (!y || !m || !d) {
		snprintf(why, len, "no %s", !y ? "year (%Y or %y)" :
		    !m ? "month (%m, %b or %B)" : "day (%d)");
		return -1;
	}
	return 0;
}

int
datefmt_has_time(const char *fmt)
{
	const char *p;

	for (p = fmt; *p != '\0'; p++)
		if (*p == '%' && p[1] != '\0') {
			p++;
			if (*p == 'H' || *p == 'M' || *p == 'S')
				return 1;
		}
	return 0;
}

/* Read min..max digits at s[*i..len) as a number into *v. */
static int
digits(const char *s, size_t len, size_t *i, int min, int max, int *v)
{
	int n = 0, x = 0;

	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		x = 10 * x + (s[*i] - '0');
		(*i)++;
		n++;
	}
	*v = x;
	return n >= min;
}

/* A month name at s[*i..len): its three-letter form or (full) the whole
   name, any case. */
static int
month(const char *s, size_t len, size_t *i, int full, int *v)
{
	int k;

	for (k = 0; k < 12; k++) {
		size_t n = full ? strlen(month_name[k]) : 3;

		if (*i + n <= len && strncasecmp(s + *i, month_name[k], n)
		    == 0) {
			*i += n;
			*v = k + 1;
			return 1;
		}
	}
	return 0;
}

static int
days_in(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* 1 when s[0..10) are digits where YYYY-MM-DD has them. */
static int
iso_digits(const char *s)
{
	static const unsigned char at[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	size_t k;

	for (k = 0; k < sizeof at; k++)
		if (s[at[k]] < '0' || s[at[k]] > '9')
			return 0;
	return 1;
}

int
datefmt_parse(const char *fmt, const char *s, size_t len,
	struct datefmt_tm *tm)
{
	size_t i = 0;
	const char *p;
	int v;

	memset(tm, 0, sizeof *tm);
	/* The common case, an ISO date of two-digit fields, by hand: this
	   runs for every date cell of an import. */
	if (fmt == datefmt_auto[0] && len == DATEFMT_ISO_DATE_LEN &&
	    s[4] == '-' && s[7] == '-' && iso_digits(s)) {
		tm->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		tm->m = (s[5] - '0') * 10 + (s[6] - '0');
		tm->d = (s[8] - '0') * 10 + (s[9] - '0');
		return tm->m >= 1 && tm->m <= 12 && tm->d >= 1 &&
		    tm->d <= days_in(tm->y, tm->m);
	}
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			if (i >= len || s[i] != *p)
				return 0;
			i++;
			continue;
		}
		switch (*++p) {
		case 'Y':
			if (!digits(s, len, &i, 4, 4, &tm->y))
				return 0;
			break;
		case 'y':
			if (!digits(s, len, &i, 2, 2, &v))
				return 0;
			tm->y = v < 69 ? 2000 + v : 1900 + v;
			break;
		case 'm':
			if (!digits(s, len, &i, 1, 2, &tm->m))
				return 0;
			break;
		case 'b':
		case 'B':
			if (!month(s, len, &i, *p == 'B', &tm->m))
				return 0;
			break;
		case 'd':
			if (!digits(s, len, &i, 1, 2, &tm->d))
				return 0;
			break;
		case 'H':
			if (!digits(s, len, &i, 1, 2, &tm->H) || tm->H > 23)
				return 0;
			break;
		case 'M':
			if (!digits(s, len, &i, 1, 2, &tm->M) || tm->M > 59)
				return 0;
			break;
		case 'S':
			if (!digits(s, len, &i, 1, 2, &tm->S) || tm->S > 59)
				return 0;
			break;
		case '%':
			if (i >= len || s[i] != '%')
				return 0;
			i++;
			break;
		default:
			return 0;	/* unchecked layout */
		}
	}
	return i == len && tm->m >= 1 && tm->m <= 12 && tm->d >= 1 &&
	    tm->d <= days_in(tm->y, tm->m);
}

/* Write the n lowest decimal digits of v at out. */
static void
put_digits(char *out, int v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

size_t
datefmt_iso(const struct datefmt_tm *tm, int with_time, char *out)
{
	/* By hand: this runs for every date cell of an import. */
	put_digits(out, tm->y, 4);
	out[4] = '-';
	put_digits(out + 5, tm->m, 2);
	out[7] = '-';
	put_digits(out + 8, tm->d, 2);
	if (!with_time) {
		out[DATEFMT_ISO_DATE_LEN] = '\0';
		return DATEFMT_ISO_DATE_LEN;
	}
	out[10] = ' ';
	put_digits(out + 11, tm->H, 2);
	out[13] = ':';
	put_digits(out + 14, tm->M, 2);
	out[16] = ':';
	put_digits(out + 17, tm->S, 2);
	out[DATEFMT_ISO_TIME_LEN] = '\0';
	return DATEFMT_ISO_TIME_LEN;
}

int
datefmt_is_iso(const char *s)
{
	struct datefmt_tm tm;
	size_t len = strlen(s);

	/* At these lengths every field has two digits: the stored form. */
	if (len == 10)
		return datefmt_parse("%Y-%m-%d", s, len, &tm);
	if (len == 19 && (s[10] == ' ' || s[10] == 'T'))
		return datefmt_parse(s[10] == ' ' ? "%Y-%m-%d %H:%M:%S" :
		    "%Y-%m-%dT%H:%M:%S", s, len, &tm);
	return 0;
}

int
datefmt_parse_iso(const char *s, size_t len, struct datefmt_tm *tm,
	int *has_time)
{
	int k;

	for (k = 0; k < DATEFMT_NISO; k++)
		if (datefmt_parse(datefmt_auto[k], s, len, tm)) {
			*has_time = k > 0;
			return 1;
		}
	return 0;
}

static int
two_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' ?
	    (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

int
datefmt_parse_iso_zoned(const char *s, size_t len, struct datefmt_tm *tm,
	int *has_time, long *offset)
{
	size_t z;
	int hh, mm = 0;

	*offset = 0;
	if (datefmt_parse_iso(s, len, tm, has_time))
		return 1;
	if (len > 1 && s[len - 1] == 'Z')
		return datefmt_parse_iso(s, len - 1, tm, has_time) &&
		    *has_time;
	/* "+hh", "+hhmm" or "+hh:mm" at the end. */
	for (z = len; z > 0 && s[z - 1] != '+' && s[z - 1] != '-' &&
	    len - z < 6; z--)
		;
	if (z == 0 || (s[z - 1] != '+' && s[z - 1] != '-'))
		return 0;
	switch (len - z) {
	case 2:
		hh = two_digits(s + z);
		break;
	case 4:
		hh = two_digits(s + z);
		mm = two_digits(s + z + 2);
		break;
	case 5:
		hh = s[z + 2] == ':' ? two_digits(s + z) : -1;
		mm = two_digits(s + z + 3);
		break;
	default:
		return 0;
	}
	if (hh < 0 || hh > 14 || mm < 0 || mm > 59)
		return 0;
	if (!datefmt_parse_iso(s, z - 1, tm, has_time) || !*has_time)
		return 0;
	*offset = (s[z - 1] == '-' ? -1L : 1L) * (hh * 3600L + mm * 60L);
	return 1;
}
