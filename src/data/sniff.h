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

#endif
