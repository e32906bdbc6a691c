/*
 * policy-schema.c - the one table of policy keys (see policy.h).
 *
 * Like tmux's options-table.c, this table is the single source of truth
 * for what a policy file may contain: policy.c validates every mapping
 * against the rows of its context (unknown keys, their nearest valid
 * spelling, types, ranges, required keys), and tests/check_policy.c checks
 * that each row is documented in man/riskdesk-policy.5.in.  Adding a key
 * means adding a row here, reading it in policy.c and documenting it.
 * Part of the policy layer; depends on libc only.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "policy/policy.h"

#define ANY -INFINITY, INFINITY

const struct policy_key policy_schema[] = {
	/* The top-level mapping. */
	{ POLICY_CTX_TOP, "name", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  "the file's base name without .yaml or .yml",
	  "the policy's name in reports and on screen" },
	{ POLICY_CTX_TOP, "scorecard", POLICY_T_STRING,
	  POLICY_REQUIRED_UNLESS_FRAUD, ANY,
	  NULL, "the stored scorecard that scores applicants" },
	{ POLICY_CTX_TOP, "population", POLICY_T_STRING,
	  POLICY_REQUIRED_UNLESS_FRAUD, ANY,
	  NULL, "the imported table to simulate over" },
	{ POLICY_CTX_TOP, "loss", POLICY_T_MAP, POLICY_OPTIONAL, ANY,
	  NULL, "loss parameters every segment inherits" },
	{ POLICY_CTX_TOP, "knockouts", POLICY_T_LIST, POLICY_OPTIONAL, ANY,
	  "no knock-out rules", "knock-out rules, applied first, in order" },
	{ POLICY_CTX_TOP, "segments", POLICY_T_LIST,
	  POLICY_REQUIRED_UNLESS_FRAUD, ANY,
	  NULL, "segments, tried in order; the first that matches wins" },
	{ POLICY_CTX_TOP, "income", POLICY_T_EXPR, POLICY_OPTIONAL, ANY,
	  "no income", "the applicant's income, for limits by income band" },
	{ POLICY_CTX_TOP, "funding_rate", POLICY_T_NUMBER, POLICY_OPTIONAL,
	  0, 1, "0", "annual cost of funds, a fraction of EAD" },
	{ POLICY_CTX_TOP, "reason_codes", POLICY_T_MAP, POLICY_OPTIONAL, ANY,
	  "the characteristic's name",
	  "the adverse reason code of each characteristic (decide)" },
	{ POLICY_CTX_TOP, "hit", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  "first", "first (the first matching segment takes an applicant) "
	  "or unique (segment conditions must not overlap)" },
	{ POLICY_CTX_TOP, "collections", POLICY_T_MAP, POLICY_OPTIONAL, ANY,
	  "no collections strategy",
	  "the collections strategy (riskdesk collect)" },
	{ POLICY_CTX_TOP, "fraud", POLICY_T_MAP, POLICY_OPTIONAL, ANY,
	  "no fraud rules", "velocity and linkage characteristics and the "
	  "fraud rules on them" },

	/* loss: */
	{ POLICY_CTX_LOSS, "lgd", POLICY_T_NUMBER, POLICY_OPTIONAL, 0, 1,
	  NULL, "default loss given default, a fraction" },
	{ POLICY_CTX_LOSS, "ead", POLICY_T_EXPR, POLICY_OPTIONAL, ANY,
	  NULL, "default exposure at default, an expression" },

	/* An item of knockouts: */
	{ POLICY_CTX_KNOCKOUT, "name", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the rule's name, unique among knock-outs" },
	{ POLICY_CTX_KNOCKOUT, "when", POLICY_T_EXPR, POLICY_REQUIRED, ANY,
	  NULL, "the condition that declines an applicant" },
	{ POLICY_CTX_KNOCKOUT, "reason", POLICY_T_STRING, POLICY_REQUIRED,
	  ANY, NULL, "the reason code reported for the decline" },

	/* An item of segments: */
	{ POLICY_CTX_SEGMENT, "name", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the segment's name, unique among segments" },
	{ POLICY_CTX_SEGMENT, "when", POLICY_T_EXPR, POLICY_REQUIRED_BUT_LAST,
	  ANY, NULL, "the condition that puts an applicant in the segment" },
	{ POLICY_CTX_SEGMENT, "cutoff", POLICY_T_NUMBER, POLICY_REQUIRED, ANY,
	  NULL, "approve when the score is at least this" },
	{ POLICY_CTX_SEGMENT, "refer", POLICY_T_NUMBER, POLICY_OPTIONAL, ANY,
	  "no refer band", "refer when refer <= score < cutoff" },
	{ POLICY_CTX_SEGMENT, "lgd", POLICY_T_NUMBER, POLICY_OPTIONAL, 0, 1,
	  "loss: lgd", "loss given default, a fraction" },
	{ POLICY_CTX_SEGMENT, "ead", POLICY_T_EXPR, POLICY_OPTIONAL, ANY,
	  "loss: ead", "exposure at default, an expression" },
	{ POLICY_CTX_SEGMENT, "bands", POLICY_T_LIST, POLICY_OPTIONAL, ANY,
	  "no bands: no limit, no pricing",
	  "score bands of approved applicants: credit limit and APR" },

	/* An item of a segment's bands: */
	{ POLICY_CTX_BAND, "from", POLICY_T_NUMBER, POLICY_REQUIRED, ANY,
	  NULL, "the band holds scores from this (inclusive)" },
	{ POLICY_CTX_BAND, "to", POLICY_T_NUMBER, POLICY_REQUIRED_BUT_LAST,
	  ANY, "open above on the last band",
	  "up to this (exclusive); the next band starts here" },
	{ POLICY_CTX_BAND, "limit", POLICY_T_NUMBER, POLICY_OPTIONAL,
	  0, INFINITY, "no limit", "the credit limit granted, in currency" },
	{ POLICY_CTX_BAND, "income_limits", POLICY_T_LIST, POLICY_OPTIONAL,
	  ANY, "no income bands", "credit limits by income band" },
	{ POLICY_CTX_BAND, "apr", POLICY_T_NUMBER, POLICY_OPTIONAL, 0, 1,
	  "not priced", "annual percentage rate charged, a fraction" },

	/* An item of a band's income_limits: */
	{ POLICY_CTX_INCOME, "min_income", POLICY_T_NUMBER, POLICY_REQUIRED,
	  ANY, NULL, "the income band starts at this income (inclusive)" },
	{ POLICY_CTX_INCOME, "limit", POLICY_T_NUMBER, POLICY_REQUIRED,
	  0, INFINITY, NULL, "the credit limit granted in the income band" },

	/* collections: */
	{ POLICY_CTX_COLLECT, "snapshots", POLICY_T_STRING, POLICY_REQUIRED,
	  ANY, NULL, "the imported table of monthly account snapshots" },
	{ POLICY_CTX_COLLECT, "treatments", POLICY_T_STRING, POLICY_REQUIRED,
	  ANY, NULL, "the imported table of treatments given" },
	{ POLICY_CTX_COLLECT, "columns", POLICY_T_MAP, POLICY_OPTIONAL, ANY,
	  "the default names", "the names of the tables' columns" },
	{ POLICY_CTX_COLLECT, "costs", POLICY_T_MAP, POLICY_REQUIRED, ANY,
	  NULL, "the cost of each treatment per account treated" },
	{ POLICY_CTX_COLLECT, "capacity", POLICY_T_MAP, POLICY_OPTIONAL, ANY,
	  "no capacity limit", "accounts each treatment can take per month" },
	{ POLICY_CTX_COLLECT, "strategy", POLICY_T_LIST, POLICY_REQUIRED,
	  ANY, NULL, "strategy rules, tried in order on each account" },

	/* columns: of collections */
	{ POLICY_CTX_COLUMNS, "account", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "account", "the account identifier, in both tables" },
	{ POLICY_CTX_COLUMNS, "month", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "month", "the month, YYYY-MM or a date, in both tables" },
	{ POLICY_CTX_COLUMNS, "bucket", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "bucket", "the delinquency bucket 0 to 5 of a snapshot" },
	{ POLICY_CTX_COLUMNS, "balance", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "balance", "the balance outstanding of a snapshot" },
	{ POLICY_CTX_COLUMNS, "score", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "no score", "the behaviour score of a snapshot" },
	{ POLICY_CTX_COLUMNS, "treatment", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "treatment", "the treatment given, in the treatment log" },

	/* An item of collections' strategy: */
	{ POLICY_CTX_ACTION, "name", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the rule's name, unique among strategy rules" },
	{ POLICY_CTX_ACTION, "when", POLICY_T_EXPR, POLICY_REQUIRED, ANY,
	  NULL, "the condition on a snapshot that the rule takes" },
	{ POLICY_CTX_ACTION, "treatment", POLICY_T_STRING, POLICY_REQUIRED,
	  ANY, NULL, "the treatment given, an entry of costs" },
	{ POLICY_CTX_ACTION, "challenger", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "no test", "a challenger treatment tested on a random share" },
	{ POLICY_CTX_ACTION, "share", POLICY_T_NUMBER, POLICY_OPTIONAL,
	  0, 1, "no test", "the share of the rule's accounts given the "
	  "challenger" },
	{ POLICY_CTX_ACTION, "stream", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "the draw shared by every rule", "a text mixed into the "
	  "rule's draw: its challenger cell independent of other rules'" },

	/* fraud: */
	{ POLICY_CTX_FRAUD, "time", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the column of each event's time (ISO 8601 date or "
	  "date-time)" },
	{ POLICY_CTX_FRAUD, "label", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  "no known outcome", "the column of the known outcome, 1 = fraud" },
	{ POLICY_CTX_FRAUD, "amount", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  "no exposure figures", "the column of each event's exposure" },
	{ POLICY_CTX_FRAUD, "history", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  "the table decided alone",
	  "the table of earlier events decide computes the features on" },
	{ POLICY_CTX_FRAUD, "scorecard", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, "alerts ranked by their rules",
	  "the fraud scorecard that ranks the alerts worked under "
	  "capacity" },
	{ POLICY_CTX_FRAUD, "capacity", POLICY_T_NUMBER, POLICY_OPTIONAL,
	  1, INFINITY, "no capacity", "alerts the fraud team can work a day" },
	{ POLICY_CTX_FRAUD, "features", POLICY_T_LIST, POLICY_OPTIONAL, ANY,
	  "no features", "velocity and linkage characteristics" },
	{ POLICY_CTX_FRAUD, "rules", POLICY_T_LIST, POLICY_REQUIRED, ANY,
	  NULL, "the fraud rules, each an alert when its condition holds" },

	/* An item of fraud: features: */
	{ POLICY_CTX_FEATURE, "name", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the characteristic's name, used in rule conditions" },
	{ POLICY_CTX_FEATURE, "count", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  NULL, "earlier: the number of earlier events with the same key" },
	{ POLICY_CTX_FEATURE, "distinct", POLICY_T_STRING, POLICY_OPTIONAL,
	  ANY, NULL, "a column: its distinct non-empty values among them" },
	{ POLICY_CTX_FEATURE, "sum", POLICY_T_STRING, POLICY_OPTIONAL, ANY,
	  NULL, "a column: its sum over them" },
	{ POLICY_CTX_FEATURE, "same", POLICY_T_NAMES, POLICY_REQUIRED, ANY,
	  NULL, "the key column, or a list of them that must all match" },
	{ POLICY_CTX_FEATURE, "within", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the window: a whole number and s, m, h or d (7d)" },

	/* An item of fraud: rules: */
	{ POLICY_CTX_FRULE, "name", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the rule's name, unique among fraud rules" },
	{ POLICY_CTX_FRULE, "when", POLICY_T_EXPR, POLICY_REQUIRED, ANY,
	  NULL, "the condition over features and columns that raises an "
	  "alert" },
	{ POLICY_CTX_FRULE, "action", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "refer or decline" },
	{ POLICY_CTX_FRULE, "reason", POLICY_T_STRING, POLICY_REQUIRED, ANY,
	  NULL, "the reason code written on a flagged decision" },
};

const size_t policy_schema_count =
    sizeof policy_schema / sizeof policy_schema[0];

const char *const policy_hit_names[] = { "first", "unique" };

const char *
policy_ctx_name(enum policy_ctx ctx)
{
	switch (ctx) {
	case POLICY_CTX_TOP:
		return "top level";
	case POLICY_CTX_LOSS:
		return "loss";
	case POLICY_CTX_KNOCKOUT:
		return "knock-out";
	case POLICY_CTX_SEGMENT:
		return "segment";
	case POLICY_CTX_BAND:
		return "band";
	case POLICY_CTX_INCOME:
		return "income limit";
	case POLICY_CTX_COLLECT:
		return "collections";
	case POLICY_CTX_COLUMNS:
		return "collections columns";
	case POLICY_CTX_ACTION:
		return "strategy rule";
	case POLICY_CTX_FRAUD:
		return "fraud";
	case POLICY_CTX_FEATURE:
		return "feature";
	case POLICY_CTX_FRULE:
		return "fraud rule";
	}
	return "?";
}

const struct policy_key *
policy_schema_find(enum policy_ctx ctx, const char *name)
{
	size_t i;

	for (i = 0; i < policy_schema_count; i++)
		if (policy_schema[i].ctx == ctx &&
		    strcmp(policy_schema[i].name, name) == 0)
			return &policy_schema[i];
	return NULL;
}

/*
 * Optimal string alignment distance between a and b (Damerau-Levenshtein
 * without repeated edits of one substring), so that the common typo of two
 * swapped letters costs 1.  Case is ignored, so "EAD" is 0 away from
 * "ead" and gets it suggested (keys themselves are case-sensitive).  Keys
 * are short: names longer than KEYMAX are compared on their first KEYMAX
 * bytes, which only weakens a suggestion, never a check.
 */
#define KEYMAX 64
#define SAME(x, y) (tolower((unsigned char)(x)) == tolower((unsigned char)(y)))

static size_t
osa_distance(const char *a, const char *b)
{
	size_t d[KEYMAX + 1][KEYMAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j, c, best;

	if (la > KEYMAX)
		la = KEYMAX;
	if (lb > KEYMAX)
		lb = KEYMAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = SAME(a[i - 1], b[j - 1]) ? 0 : 1;
			best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + c < best)
				best = d[i - 1][j - 1] + c;
			if (i > 1 && j > 1 && SAME(a[i - 1], b[j - 2]) &&
			    SAME(a[i - 2], b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *
policy_schema_nearest(enum policy_ctx ctx, const char *name)
{
	const char *found = NULL;
	size_t i, d, best = (size_t)-1;

	for (i = 0; i < policy_schema_count; i++) {
		const struct policy_key *k = &policy_schema[i];

		if (k->ctx != ctx)
			continue;
		d = osa_distance(name, k->name);
		if (d > 2 && d * 3 > strlen(k->name))
			continue;
		if (d < best) {
			best = d;
			found = k->name;
		}
	}
	return found;
}

const char *
policy_nearest_name(const char *name, char *const *names, size_t n)
{
	const char *found = NULL;
	size_t i, d, best = (size_t)-1;

	for (i = 0; i < n; i++) {
		d = osa_distance(name, names[i]);
		if (d > 1 && d * 4 > strlen(names[i]))
			continue;
		if (d < best) {
			best = d;
			found = names[i];
		}
	}
	return found;
}
