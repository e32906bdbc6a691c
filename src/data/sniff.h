/*
 * sniff.h - guess a CSV file's delimiter from its first lines, and check
 * UTF-8 as it streams by.  Pure functions on buffers, no I/O: the import
 * (csv-import.c) feeds them.
 */
#ifndef RD_DATA_SNIFF_H
#define RD_DATA_SNIFF_H

#include <stddef.h>

/*
 * The delimiter of the CSV text buf[0..len) (the start of a file, header
 * first): among ',' ';' TAB '|', the one that splits the most of the first
 * records (up to 50, RFC 4180 quotes respected, a record cut off at the
 * end of buf ignored) into the same number of fields as the header, with
 * at least two fields.  Ties go to the earlier in that list.  Returns ','
 * when none splits the header at all.
 */
char sniff_delimiter(const char *buf, size_t len);

/*
 * A streaming UTF-8 checker (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF).  Zero it, then call utf8_check on each piece of
 * the text in order.
 */
struct utf8_state {
	unsigned need;		/* continuation bytes still expected */
	unsigned char lo, hi;	/* allowed range of the next byte */
	unsigned seq;		/* bytes of the open sequence already read
				 * (its lead byte included); 0 between
				 * characters */
	unsigned char lead;	/* the open sequence's lead byte */
};

/*
 * Check s[0..len) continuing from *st.  Returns len when every byte is
 * fine so far (a sequence may stay open across pieces), or the offset of
 * the first byte that cannot be part of valid UTF-8.  When that byte
 * breaks a sequence ("\xE8v": the 'v'), st->seq > 0: the invalid
 * sequence starts st->seq bytes before it (possibly in an earlier piece),
 * with the byte st->lead; the first invalid byte of the text is that lead
 * byte.
 */
size_t utf8_check(struct utf8_state *st, const unsigned char *s, size_t len);

/*
 * A whole-text survey of UTF-8, for the error about a file that is not
 * UTF-8 throughout: how many characters beyond ASCII are valid UTF-8 and
 * how many sequences are not (counted once each, at their first byte,
 * the check resuming at the next byte), with the place of the first few
 * of those.  A file of UTF-8 with a few other bytes ("M\xfcller" among
 * "Z\xc3\xbcrich") must have those bytes fixed: an --encoding would
 * misread its UTF-8 characters.  Zero it, feed the text in order, then
 * call utf8_survey_end.
 */
#define UTF8_SURVEY_AT 3	/* invalid bytes placed */
struct utf8_survey {
	struct utf8_state st;
	long line, col;		/* of the next byte, 1-based (0: not begun) */
	long sline, scol;	/* of the open sequence's lead byte */
	size_t valid;		/* characters of 2 to 4 bytes */
	size_t invalid;		/* invalid sequences or bytes */
	size_t nat;		/* of them placed below */
	long at_line[UTF8_SURVEY_AT], at_col[UTF8_SURVEY_AT];
	unsigned char at_byte[UTF8_SURVEY_AT];
};
void utf8_survey_feed(struct utf8_survey *sv, const unsigned char *s,
	size_t len);
void utf8_survey_end(struct utf8_survey *sv);

/*
 * Whether the start of a file buf[0..len) is UTF-16: a byte order mark
 * (FF FE little-endian, FE FF big-endian), or, without one, a NUL byte
 * in every other place of the first bytes (ASCII text in UTF-16: "a,b"
 * is 61 00 2C 00 62 00 little-endian).  Returns SNIFF_UTF16_NONE or
 * one of the others.
 */
enum {
	SNIFF_UTF16_NONE,
	SNIFF_UTF16_LE_BOM,
	SNIFF_UTF16_BE_BOM,
	SNIFF_UTF16_LE,
	SNIFF_UTF16_BE
};
int sniff_utf16(const unsigned char *buf, size_t len);

#endif
