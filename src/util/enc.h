/*
 * enc.h - what a byte that is not UTF-8 says about a file's encoding, for
 * the errors of the CSV import and the policy loader: a file that is not
 * UTF-8 is most often in latin1 (ISO 8859-1) or its Windows variant
 * cp1252, and the byte shows which characters it stood for.  Pure
 * functions; no I/O.
 */
#ifndef RD_UTIL_ENC_H
#define RD_UTIL_ENC_H

#include <stddef.h>

/*
 * Write into buf[len] what byte b (0x80..0xFF) is in latin1 and cp1252,
 * as a clause for a message: "'è' in latin1 and cp1252" (0xE8), "'’' in
 * cp1252, a control character in latin1" (0x92), "a no-break space in
 * latin1 and cp1252" (0xA0), "a byte cp1252 does not use" (0x81).  An
 * ASCII byte writes "".  Returns buf.
 */
char *enc_byte_text(char *buf, size_t len, unsigned char b);

/*
 * The first invalid byte b of a text read as UTF-8, as a message says it,
 * into buf[len]: "byte 0xE8 ('è' in latin1 and cp1252)", and, when b
 * leads a sequence that the byte stop breaks off (broken non-zero),
 * ", which 'v' does not continue" (stop 0: ", cut off by the end of the
 * file"; a line end: ", which the line end breaks off").  Returns buf.
 */
char *enc_invalid_text(char *buf, size_t len, unsigned char b, int broken,
	unsigned char stop);

/*
 * The encoding most likely meant when byte b is not UTF-8 and next is the
 * byte after it (0 when none): "GB18030" when both are above 0x7F (two
 * bytes of a double-byte character: 姓 is D0 D5), "cp1252" for b in
 * 0x80..0x9F (control characters in latin1, but quotes, dashes and the
 * euro sign in Windows text), else "latin1".  A static string.
 */
const char *enc_byte_guess(unsigned char b, unsigned char next);

/*
 * The --encoding options to suggest for that byte, the likeliest first,
 * into buf[len]: "--encoding latin1 (or the file's own: --encoding cp1252
 * for Windows files, --encoding GB18030 for Chinese)".  Returns buf.
 */
char *enc_option_text(char *buf, size_t len, unsigned char b,
	unsigned char next);

#endif
