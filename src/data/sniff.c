/*
 * sniff.c - delimiter sniffing, streaming UTF-8 validation and survey,
 * UTF-16 detection (sniff.h).
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

/*
 * What lead byte c opens (RFC 3629): the continuation bytes it needs and
 * the range of the first of them.  Returns 0 when c leads nothing (a
 * continuation byte, an overlong lead 0xC0, 0xC1, or 0xF5..0xFF).
 */
static int
lead_range(unsigned char c, unsigned *need, unsigned char *lo,
	unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		*need = 1;
	else if (c == 0xE0) {
		*need = 2;
		*lo = 0xA0;
	} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
		*need = 2;
	else if (c == 0xED) {
		*need = 2;
		*hi = 0x9F;	/* no surrogates */
	} else if (c == 0xF0) {
		*need = 3;
		*lo = 0x90;
	} else if (c >= 0xF1 && c <= 0xF3)
		*need = 3;
	else if (c == 0xF4) {
		*need = 3;
		*hi = 0x8F;
	} else
		return 0;
	return 1;
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
		if (!lead_range(c, &st->need, &st->lo, &st->hi))
			return i;
		st->seq = 1;
		st->lead = c;
		i++;
	}
	return len;
}

/* Place the invalid sequence or byte that starts at line, col. */
static void
survey_bad(struct utf8_survey *sv, long line, long col, unsigned char b)
{
	if (sv->nat < UTF8_SURVEY_AT) {
		sv->at_line[sv->nat] = line;
		sv->at_col[sv->nat] = col;
		sv->at_byte[sv->nat++] = b;
	}
	sv->invalid++;
}

/* Step past byte c in the survey's place. */
static void
survey_step(struct utf8_survey *sv, unsigned char c)
{
	if (c == '\n') {
		sv->line++;
		sv->col = 1;
	} else {
		sv->col++;
	}
}

void
utf8_survey_feed(struct utf8_survey *sv, const unsigned char *s, size_t len)
{
	struct utf8_state *st = &sv->st;
	size_t i = 0;

	if (sv->line == 0)
		sv->line = sv->col = 1;
	while (i < len) {
		unsigned char c = s[i];

		if (st->need > 0) {
			if (c >= st->lo && c <= st->hi) {
				st->lo = 0x80;
				st->hi = 0xBF;
				if (--st->need == 0)
					sv->valid++;
				survey_step(sv, c);
				i++;
				continue;
			}
			/* Broken off: counted at its lead byte; c is read
			 * again as the start of what follows. */
			survey_bad(sv, sv->sline, sv->scol, st->lead);
			st->need = 0;
			continue;
		}
		if (c >= 0x80) {
			if (lead_range(c, &st->need, &st->lo, &st->hi)) {
				st->lead = c;
				sv->sline = sv->line;
				sv->scol = sv->col;
			} else {
				survey_bad(sv, sv->line, sv->col, c);
			}
		}
		survey_step(sv, c);
		i++;
	}
}

void
utf8_survey_end(struct utf8_survey *sv)
{
	if (sv->st.need > 0)
		survey_bad(sv, sv->sline, sv->scol, sv->st.lead);
	memset(&sv->st, 0, sizeof sv->st);
}

int
sniff_utf16(const unsigned char *buf, size_t len)
{
	size_t i, n = len < 512 ? len & ~(size_t)1 : 512, even = 0, odd = 0;

	if (len >= 2 && buf[0] == 0xFF && buf[1] == 0xFE)
		return SNIFF_UTF16_LE_BOM;
	if (len >= 2 && buf[0] == 0xFE && buf[1] == 0xFF)
		return SNIFF_UTF16_BE_BOM;
	for (i = 0; i < n; i++)
		if (buf[i] == 0) {
			if (i % 2)
				odd++;
			else
				even++;
		}
	/* ASCII text in UTF-16: half its bytes NUL, all on one side. */
	if (n >= 4 && odd * 4 >= n && even == 0)
		return SNIFF_UTF16_LE;
	if (n >= 4 && even * 4 >= n && odd == 0)
		return SNIFF_UTF16_BE;
	return SNIFF_UTF16_NONE;
}
