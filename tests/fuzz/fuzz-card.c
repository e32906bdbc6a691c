/*
 * fuzz-card.c - the scorecard parser: any text as a stored scorecard
 * (card_parse: the JSON riskdesk fit stores in rd_scorecard).  A card
 * that parses must come back whole: card_serialize then card_parse gives
 * a card that serialises to the same text (aborts otherwise: a finding).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model/card.h"
#include "util/err.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scorecard *c, *c2;
	struct rd_err err;
	char *text = fuzz_string(data, size), *s, *s2;

	if ((c = card_parse(text, &err)) != NULL) {
		s = card_serialize(c);
		if ((c2 = card_parse(s, &err)) == NULL)
			abort();
		s2 = card_serialize(c2);
		if (strcmp(s, s2) != 0)
			abort();
		free(s);
		free(s2);
		card_free(c2);
		card_free(c);
	}
	free(text);
	return 0;
}
