/*
 * enc.c - bytes that are not UTF-8, read as latin1 and cp1252 (see
 * enc.h).  Part of util: no I/O.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "util/enc.h"

/*
 * The code points of cp1252's bytes 0x80..0x9F, 0 where it has none
 * (Microsoft's bestfit1252 table, as iconv's CP1252 reads it); from 0xA0
 * on cp1252 is latin1, byte b being U+00b.
 */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Code point u (below U+10000) as UTF-8 into out[4]. */
static void
utf8_put(unsigned u, char out[4])
{
	if (u < 0x800) {
		out[0] = (char)(0xC0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3F));
		out[2] = '\0';
	} else {
		out[0] = (char)(0xE0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		out[2] = (char)(0x80 | (u & 0x3F));
		out[3] = '\0';
	}
}

char *
enc_byte_text(char *buf, size_t len, unsigned char b)
{
	char ch[4];
	unsigned u;

	if (b < 0x80) {
		if (len > 0)
			buf[0] = '\0';
		return buf;
	}
	if (b < 0xA0) {
		u = cp1252_high[b - 0x80];
		if (u == 0) {
			snprintf(buf, len, "a byte cp1252 does not use, a "
			    "control character in latin1");
			return buf;
		}
		utf8_put(u, ch);
		snprintf(buf, len, "'%s' in cp1252, a control character in "
		    "latin1", ch);
		return buf;
	}
	if (b == 0xA0 || b == 0xAD) {
		snprintf(buf, len, "a %s in latin1 and cp1252", b == 0xA0 ?
		    "no-break space" : "soft hyphen");
		return buf;
	}
	utf8_put(b, ch);
	snprintf(buf, len, "'%s' in latin1 and cp1252", ch);
	return buf;
}

char *
enc_invalid_text(char *buf, size_t len, unsigned char b, int broken,
	unsigned char stop)
{
	char what[96], after[64];

	enc_byte_text(what, sizeof what, b);
	if (!broken)
		after[0] = '\0';
	else if (stop == 0)
		snprintf(after, sizeof after, ", cut off by the end of the "
		    "file");
	else if (stop == '\n' || stop == '\r')
		snprintf(after, sizeof after, ", which the line end breaks "
		    "off");
	else if (stop >= 0x20 && stop < 0x7F)
		snprintf(after, sizeof after, ", which '%c' does not "
		    "continue", stop);
	else
		snprintf(after, sizeof after, ", which byte 0x%02X does not "
		    "continue", stop);
	snprintf(buf, len, "byte 0x%02X%s%s%s%s", b, what[0] ? " (" : "",
	    what, what[0] ? ")" : "", after);
	return buf;
}

const char *
enc_byte_guess(unsigned char b, unsigned char next)
{
	if (b >= 0x80 && next >= 0x80)
		return "GB18030";
	return b >= 0x80 && b < 0xA0 ? "cp1252" : "latin1";
}

char *
enc_option_text(char *buf, size_t len, unsigned char b, unsigned char next)
{
	static const char *const all[3][2] = {
		{ "latin1", "" },
		{ "cp1252", " for Windows files" },
		{ "GB18030", " for Chinese" }
	};
	const char *g = enc_byte_guess(b, next);
	size_t k, n;

	n = (size_t)snprintf(buf, len, "--encoding %s (or the file's own:",
	    g);
	for (k = 0; k < 3 && n < len; k++)
		if (strcmp(all[k][0], g) != 0)
			n += (size_t)snprintf(buf + n, len - n, "%s --encoding "
			    "%s%s", n > 0 && buf[n - 1] == ':' ? "" : ",",
			    all[k][0], all[k][1]);
	if (n < len)
		snprintf(buf + n, len - n, ")");
	return buf;
}
