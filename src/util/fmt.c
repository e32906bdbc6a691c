/*
 * fmt.c - number formatting for the report and the TUI (see fmt.h).
 */
/* wcwidth */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/fmt.h"
#include "util/xmalloc.h"

char *
fmt_pct(char *buf, double share)
{
	if (isnan(share))
		snprintf(buf, FMT_BUF, "-");
	else
		snprintf(buf, FMT_BUF, "%.2f%%", 100.0 * share);
	return buf;
}

/*
 * Group the digits of a whole number with commas.  A number whose
 * grouped digits do not fit in FMT_BUF (past about 1e35) is written
 * "%.6g" (4.454e+63), its true magnitude, not its first digits.
 */
static char *
group(char *buf, double x)
{
	char digits[512];
	int neg = x < 0, len, i, o = 0;

	snprintf(digits, sizeof digits, "%.0f", fabs(x));
	len = (int)strlen(digits);
	if (!isfinite(x) || neg + len + (len - 1) / 3 > FMT_BUF - 2) {
		snprintf(buf, FMT_BUF, "%.6g", x);
		return buf;
	}
	if (neg && strcmp(digits, "0") != 0)
		buf[o++] = '-';
	for (i = 0; i < len && o < FMT_BUF - 2; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

char *
fmt_pts(char *buf, double d)
{
	if (isnan(d))
		snprintf(buf, FMT_BUF, "-");
	else
		snprintf(buf, FMT_BUF, "%+.2f pts", 100.0 * d);
	return buf;
}

char *
fmt_money(char *buf, double amount)
{
	if (isnan(amount)) {
		snprintf(buf, FMT_BUF, "-");
		return buf;
	}
	return group(buf, amount);
}

char *
fmt_stat(char *buf, double x)
{
	if (isnan(x))
		snprintf(buf, FMT_BUF, "-");
	else if (fabs(x) < FMT_STAT_FIXED_MAX)
		snprintf(buf, FMT_BUF, "%.4f", x);
	else	/* "1e+50", not 51 digits of which 34 are noise */
		snprintf(buf, FMT_BUF, "%.6g", x);
	return buf;
}

/* FMT_NA into buf when na is a reason (not NULL, not ""): then buf, else
   NULL. */
static char *
na_cell(char *buf, const char *na)
{
	if (na == NULL || na[0] == '\0')
		return NULL;
	snprintf(buf, FMT_BUF, "%s", FMT_NA);
	return buf;
}

char *
fmt_pct_na(char *buf, double share, const char *na)
{
	return na_cell(buf, na) != NULL ? buf : fmt_pct(buf, share);
}

char *
fmt_stat_na(char *buf, double x, const char *na)
{
	return na_cell(buf, na) != NULL ? buf : fmt_stat(buf, x);
}

char *
fmt_count(char *buf, double n)
{
	return fmt_money(buf, n);
}

const char *
fmt_s(size_t n)
{
	return n == 1 ? "" : "s";
}

size_t
fmt_width(const char *s)
{
	size_t n, i, w = 0;
	wchar_t *ws;

	n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1) {
		/* Not text in this locale: one column per UTF-8 character. */
		for (; *s != '\0'; s++)
			w += ((unsigned char)*s & 0xC0) != 0x80;
		return w;
	}
	ws = malloc((n + 1) * sizeof *ws);
	if (ws == NULL)
		return strlen(s);
	mbstowcs(ws, s, n + 1);
	for (i = 0; i < n; i++) {
		int c = wcwidth(ws[i]);

		w += c < 0 ? 1 : (size_t)c;
	}
	free(ws);
	return w;
}

void
fmt_csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
fmt_pad(FILE *f, const char *s, size_t width, int left_align)
{
	size_t w = fmt_width(s);

	if (left_align)
		fputs(s, f);
	for (; w < width; w++)
		fputc(' ', f);
	if (!left_align)
		fputs(s, f);
}

void
fmt_cell(FILE *f, const char *s, size_t width)
{
	char *v = fmt_visible(s);
	char *t = fmt_trunc(v != NULL ? v : s, width);

	fmt_pad(f, t, width, 1);
	free(t);
	free(v);
}

char *
fmt_visible(const char *s)
{
	const unsigned char *p;
	char *out, *o;
	size_t n = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		n += *p < 0x20 || *p == 0x7f;
	if (n == 0)
		return NULL;
	/* At most 4 bytes for each control character (\x1f). */
	o = out = xmalloc(strlen(s) + 3 * n + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n')
			o += sprintf(o, "\\n");
		else if (*p == '\r')
			o += sprintf(o, "\\r");
		else if (*p == '\t')
			o += sprintf(o, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			o += sprintf(o, "\\x%02x", *p);
		else
			*o++ = (char)*p;
	}
	*o = '\0';
	return out;
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t
utf8_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 :
	    c >= 0xC0 ? 2 : 1, i;

	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

char *
fmt_trunc(const char *s, size_t maxw)
{
	static const char ell[] = "\xe2\x80\xa6";
	size_t w = 0, off = 0, n;
	char *out;

	if (fmt_width(s) <= maxw)
		return xstrdup(s);
	while (s[off] != '\0') {
		char one[8];
		size_t cw;

		n = utf8_len(s + off);
		memcpy(one, s + off, n);
		one[n] = '\0';
		cw = fmt_width(one);
		if (w + cw > maxw - 1)
			break;
		w += cw;
		off += n;
	}
	out = xmalloc(off + sizeof ell);
	memcpy(out, s, off);
	memcpy(out + off, ell, sizeof ell);
	return out;
}

char *
fmt_pval(char *buf, double p)
{
	if (isnan(p))
		snprintf(buf, FMT_BUF, "-");
	else if (p < FMT_PVAL_EPS)
		snprintf(buf, FMT_BUF, "<2e-16");
	else
		snprintf(buf, FMT_BUF, "%.3g", p);
	return buf;
}
