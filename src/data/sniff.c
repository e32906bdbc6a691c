/*
 * sniff.c - delimiter sniffing and streaming UTF-8 validation (sniff.h).
 *
 * Part of the data layer; used by csv-import.c before libcsv sees a byte.
 */
#include "config.h"

#include <string.h>

#include "data/sniff.h"

#define SNIFF_RECORDS 50	/* records looked at */

/*
 * Field counts of the first records of buf split at delim.  Fills
 * counts[0..return) with the field count of each complete record.
 */
static size_t
count_fields(const char *buf, size_t len, char delim, size_t *counts)
{
	size_t i, n = 0, fields = 1;
	int quoted = 0, any = 0;

	for (i = 0; i < len && n < SNIFF_RECORDS; i++) {
		char c = buf[i];

		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && buf[i + 1] == '"')
					i++;
				else
					quoted = 0;
			}
			continue;
		}
		if (c == '"') {
			quoted = 1;
			any = 1;
		} else if (c == delim) {
			fields++;
			any = 1;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < len && buf[i + 1] == '\n')
				i++;
			if (any || fields > 1)
				counts[n++] = fields;
			fields = 1;
			any = 0;
		} else {
			any = 1;
		}
	}
	/* A last record without a newline counts only when buf is the whole
	 * file; a caller cannot tell us, so it counts when not quoted. */
	if (i == len && !quoted && (any || fields > 1) && n < SNIFF_RECORDS)
		counts[n++] = fields;
	return n;
}

char
sniff_delimiter(const char *buf, size_t len)
{
	static const char cand[] = { ',', ';', '\t', '|' };
	size_t counts[SNIFF_RECORDS];
	size_t best_score = 0, k;
	char best = ',';

	for (k = 0; k < sizeof cand; k++) {
		size_t n = count_fields(buf, len, cand[k], counts), i, score;

		if (n == 0 || counts[0] < 2)
			continue;
		for (i = 0, score = 0; i < n; i++)
			if (counts[i] == counts[0])
				score++;
		if (score > best_score) {
			best_score = score;
			best = cand[k];
		}
	}
	return best;
}

size_t
utf8_check(struct utf8_state *st, const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];

		if (st->need > 0) {
			if (c < st->lo || c > st->hi)
				return i;
			st->need--;
			st->seq = st->need > 0 ? st->seq + 1 : 0;
			st->lo = 0x80;
			st->hi = 0xBF;
			i++;
			continue;
		}
		/* Fast path: eight ASCII bytes at a time. */
		if (c < 0x80) {
			while (i + 8 <= len) {
				unsigned long long w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			st->need = 1;
			st->lo = 0x80; st->hi = 0xBF;
		} else if (c == 0xE0) {
			st->need = 2;
			st->lo = 0xA0; st->hi = 0xBF;
		} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
			st->need = 2;
			st->lo = 0x80; st->hi = 0xBF;
		} else if (c == 0xED) {
			st->need = 2;
			st->lo = 0x80; st->hi = 0x9F;	/* no surrogates */
		} else if (c == 0xF0) {
			st->need = 3;
			st->lo = 0x90; st->hi = 0xBF;
		} else if (c >= 0xF1 && c <= 0xF3) {
			st->need = 3;
			st->lo = 0x80; st->hi = 0xBF;
		} else if (c == 0xF4) {
			st->need = 3;
			st->lo = 0x80; st->hi = 0x8F;
		} else {
			return i;
		}
		st->seq = 1;
		st->lead = c;
		i++;
	}
	return len;
}
