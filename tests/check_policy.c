/*
 * check_policy.c - tests of the policy layer (src/policy): loading the
 * YAML format of riskdesk-policy(5), every validation error with its exact
 * message and location, the limits that refuse hostile files, the
 * nearest-key suggestion, checking expressions against a table, the
 * bundled policies against the German credit data, and the man page kept
 * in step with the schema table.
 *
 * Fixtures are in tests/data/policy/; databases are scratch files in the
 * build directory, built once per test case by an unchecked fixture and
 * reopened by each test (an SQLite handle must not cross a fork).
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv-import.h"
#include "data/db.h"
#include "policy/policy.h"
#include "util/err.h"
#include "util/xmalloc.h"

#include "testutil.h"

#define FIXTURE(name) srcpath("tests/data/policy/" name)

/* Load path, which must fail; return the error. */
static struct rd_err
load_fails(const char *path)
{
	struct rd_err err;
	struct policy *p;

	p = policy_load(path, &err);
	ck_assert_msg(p == NULL, "%s loaded but should not", path);
	return err;
}

/* ------------------------------------------------------------ core */

START_TEST(test_load_all_fields)
{
	struct rd_err err;
	struct policy *p;
	const struct policy_segment *s;
	const char *path = FIXTURE("valid.yaml");

	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_str_eq(p->path, path);
	ck_assert_str_eq(p->name, "all_fields");
	ck_assert_str_eq(p->scorecard, "german");
	ck_assert_str_eq(p->population, "applicants");
	ck_assert_int_eq(p->population_at.line, 4);
	ck_assert_int_eq(p->population_at.col, 13);

	ck_assert_uint_eq(p->nknockouts, 2);
	ck_assert_str_eq(p->knockouts[0].name, "too_big");
	ck_assert_str_eq(p->knockouts[0].when, "amount > 15000");
	ck_assert_str_eq(p->knockouts[0].reason, "KO01");
	ck_assert_int_eq(p->knockouts[0].at.line, 9);
	ck_assert_int_eq(p->knockouts[0].at.col, 5);
	ck_assert_int_eq(p->knockouts[0].when_at.line, 10);
	ck_assert_int_eq(p->knockouts[0].when_at.col, 11);
	ck_assert_str_eq(p->knockouts[1].name, "too_young");
	ck_assert_str_eq(p->knockouts[1].when, "age < 19");
	ck_assert_str_eq(p->knockouts[1].reason, "KO02");

	ck_assert_uint_eq(p->nsegments, 3);
	/* renters: everything of its own. */
	s = &p->segments[0];
	ck_assert_str_eq(s->name, "renters");
	ck_assert_str_eq(s->when, "housing = 'rent'");
	ck_assert_double_eq(s->cutoff, 560);
	ck_assert_double_eq(s->refer, 545.5);
	ck_assert_double_eq(s->lgd, 0.55);
	ck_assert_str_eq(s->ead, "amount * 1.1");
	ck_assert_int_eq(s->at.line, 16);
	ck_assert_int_eq(s->when_at.line, 17);
	ck_assert_int_eq(s->when_at.col, 11);
	ck_assert_int_eq(s->cutoff_at.line, 18);
	ck_assert_int_eq(s->cutoff_at.col, 13);
	ck_assert_int_eq(s->refer_at.line, 19);
	ck_assert_int_eq(s->lgd_at.line, 20);
	ck_assert_int_eq(s->ead_at.line, 21);
	ck_assert_int_eq(s->ead_at.col, 10);
	/* young: a quoted condition, 5.5e2, lgd and ead from loss:. */
	s = &p->segments[1];
	ck_assert_str_eq(s->name, "young");
	ck_assert_str_eq(s->when, "age < 25");
	ck_assert_double_eq(s->cutoff, 550);
	ck_assert(isnan(s->refer));
	ck_assert_int_eq(s->refer_at.line, 0);
	ck_assert_double_eq(s->lgd, 0.45);
	ck_assert_int_eq(s->lgd_at.line, 6);
	ck_assert_str_eq(s->ead, "amount");
	ck_assert_int_eq(s->ead_at.line, 7);
	ck_assert_int_eq(s->ead_at.col, 8);
	/* default: no when, a number as its ead. */
	s = &p->segments[2];
	ck_assert_str_eq(s->name, "default");
	ck_assert_ptr_null(s->when);
	ck_assert_int_eq(s->when_at.line, 0);
	ck_assert_double_eq(s->cutoff, 540);
	ck_assert_double_eq(s->lgd, 0.45);
	ck_assert_str_eq(s->ead, "2500");

	ck_assert_int_eq(policy_segment_index(p, "renters"), 0);
	ck_assert_int_eq(policy_segment_index(p, "default"), 2);
	ck_assert_int_eq(policy_segment_index(p, "Default"), -1);
	policy_free(p);
}
END_TEST

START_TEST(test_load_minimal)
{
	struct rd_err err;
	struct policy *p;

	p = policy_load(FIXTURE("minimal.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	/* No name: the base name without .yaml. */
	ck_assert_str_eq(p->name, "minimal");
	ck_assert_uint_eq(p->nknockouts, 0);
	ck_assert_uint_eq(p->nsegments, 1);
	ck_assert_ptr_null(p->segments[0].when);
	ck_assert_double_eq(p->segments[0].cutoff, -12.5);
	ck_assert_double_eq(p->segments[0].lgd, 0);
	ck_assert_str_eq(p->segments[0].ead, "1");
	policy_free(p);
	policy_free(NULL);
}
END_TEST

/*
 * The bundled policies are valid, share segments and knock-outs, differ in
 * cutoffs (and the challenger's extra low score bands), and are priced.
 */

/* Score bands, income limits and pricing, read as written. */
START_TEST(test_load_bands)
{
	struct rd_err err;
	struct policy *p;
	const struct policy_band *b;

	p = policy_load(srcpath("tests/data/policy/valid-bands.yaml"), &err);
	ck_assert_msg(p != NULL, "%s:%ld:%ld: %s", err.file, err.line,
	    err.col, err.msg);
	ck_assert_str_eq(p->income, "credit_amount / duration_in_month");
	ck_assert_int_eq(p->income_at.line, 4);
	ck_assert_double_eq(p->funding_rate, 0.035);
	ck_assert_int_eq(p->priced, 1);
	ck_assert_uint_eq(p->segments[0].nbands, 2);
	ck_assert_uint_eq(p->segments[1].nbands, 0);
	b = &p->segments[0].bands[0];
	ck_assert_double_eq(b->from, 530);
	ck_assert_double_eq(b->to, 560);
	ck_assert(isnan(b->limit));
	ck_assert_double_eq(b->apr, 0.149);
	ck_assert_uint_eq(b->nincome, 2);
	ck_assert_double_eq(b->income[1].min_income, 150);
	ck_assert_double_eq(b->income[1].limit, 2500);
	ck_assert_int_eq(b->from_at.line, 15);
	b = &p->segments[0].bands[1];
	ck_assert_double_eq(b->from, 560);
	ck_assert(isinf(b->to));
	ck_assert_double_eq(b->limit, 6000);
	ck_assert_uint_eq(b->nincome, 0);
	policy_free(p);

	/* Without bands: not priced, no income, no funding cost. */
	p = policy_load(srcpath("tests/data/policy/minimal.yaml"), &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(p->priced, 0);
	ck_assert_ptr_null(p->income);
	ck_assert_double_eq(p->funding_rate, 0);
	policy_free(p);
}
END_TEST

START_TEST(test_bundled_policies)
{
	struct rd_err err;
	struct policy *champ, *chall;
	size_t i;

	champ = policy_load(srcpath("policies/example.yaml"), &err);
	ck_assert_msg(champ != NULL, "%s:%ld:%ld: %s", err.file, err.line,
	    err.col, err.msg);
	chall = policy_load(srcpath("policies/challenger.yaml"), &err);
	ck_assert_msg(chall != NULL, "%s:%ld:%ld: %s", err.file, err.line,
	    err.col, err.msg);
	ck_assert_str_eq(champ->name, "example");
	ck_assert_str_eq(chall->name, "challenger");
	ck_assert_str_eq(champ->scorecard, "german");
	ck_assert_str_eq(champ->population, "german_credit");
	ck_assert_uint_ge(champ->nknockouts, 3);
	ck_assert_uint_ge(champ->nsegments, 3);
	ck_assert_uint_eq(champ->nsegments, chall->nsegments);
	ck_assert_uint_eq(champ->nknockouts, chall->nknockouts);
	for (i = 0; i < champ->nsegments; i++) {
		ck_assert_str_eq(champ->segments[i].name,
		    chall->segments[i].name);
		ck_assert(!isnan(champ->segments[i].refer));
		ck_assert(champ->segments[i].cutoff >= 500 &&
		    champ->segments[i].cutoff <= 540);
		ck_assert(chall->segments[i].cutoff <=
		    champ->segments[i].cutoff);
	}
	/* Priced, with score bands in every segment but one. */
	ck_assert_int_eq(champ->priced, 1);
	ck_assert_int_eq(chall->priced, 1);
	ck_assert_double_eq(champ->funding_rate, chall->funding_rate);
	ck_assert_uint_eq(champ->segments[0].nbands, 2);
	ck_assert_double_eq(champ->segments[0].bands[0].from,
	    champ->segments[0].cutoff);
	/* At least two different cutoffs: a differentiated policy. */
	ck_assert(champ->segments[0].cutoff !=
	    champ->segments[champ->nsegments - 1].cutoff);
	policy_free(champ);
	policy_free(chall);
}
END_TEST

/* ------------------------------------------------------------ schema */

START_TEST(test_nearest_key)
{
	/* One substitution, insertion, deletion, swap of neighbours. */
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_SEGMENT, "cuttoff"),
	    "cutoff");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_SEGMENT, "cutof"),
	    "cutoff");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_SEGMENT, "cutfof"),
	    "cutoff");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_SEGMENT, "refr"),
	    "refer");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_SEGMENT, "lgb"),
	    "lgd");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_TOP, "scorcard"),
	    "scorecard");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_TOP, "knock_outs"),
	    "knockouts");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_TOP, "Segments"),
	    "segments");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_KNOCKOUT,
	    "reson"), "reason");
	ck_assert_str_eq(policy_schema_nearest(POLICY_CTX_LOSS, "EAD"),
	    "ead");
	/* Too far: no suggestion rather than a silly one. */
	ck_assert_ptr_null(policy_schema_nearest(POLICY_CTX_TOP, "colour"));
	ck_assert_ptr_null(policy_schema_nearest(POLICY_CTX_TOP, "lgd"));
	ck_assert_ptr_null(policy_schema_nearest(POLICY_CTX_SEGMENT,
	    "threshold"));
	/* Keys of another context are not suggested. */
	ck_assert_ptr_null(policy_schema_nearest(POLICY_CTX_LOSS, "cutoff"));
}
END_TEST

START_TEST(test_schema_table)
{
	size_t i, j;

	ck_assert_uint_gt(policy_schema_count, 0);
	for (i = 0; i < policy_schema_count; i++) {
		ck_assert(policy_schema_find(policy_schema[i].ctx,
		    policy_schema[i].name) == &policy_schema[i]);
		ck_assert_ptr_nonnull(policy_schema[i].doc);
		for (j = i + 1; j < policy_schema_count; j++)
			ck_assert(policy_schema[i].ctx != policy_schema[j].ctx
			    || strcmp(policy_schema[i].name,
			    policy_schema[j].name) != 0);
	}
	ck_assert_ptr_null(policy_schema_find(POLICY_CTX_TOP, "cutoff"));
	ck_assert_str_eq(policy_ctx_name(POLICY_CTX_SEGMENT), "segment");
}
END_TEST

/* The whole of a text file, NUL-terminated. */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long len;

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)len + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, fp), (size_t)len);
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

/*
 * Every key of the schema table is documented in riskdesk-policy(5) as a
 * ".B key" line under the .SS heading of its context.
 */
START_TEST(test_man_documents_every_key)
{
	static const char *heading[] = {
		[POLICY_CTX_TOP] = ".SS \"Top-level keys\"\n",
		[POLICY_CTX_LOSS] = ".SS \"Keys under loss\"\n",
		[POLICY_CTX_KNOCKOUT] = ".SS \"Keys of a knock-out\"\n",
		[POLICY_CTX_SEGMENT] = ".SS \"Keys of a segment\"\n",
		[POLICY_CTX_BAND] = ".SS \"Keys of a band\"\n",
		[POLICY_CTX_INCOME] = ".SS \"Keys of an income limit\"\n",
		[POLICY_CTX_COLLECT] = ".SS \"Keys under collections\"\n",
		[POLICY_CTX_COLUMNS] =
		    ".SS \"Keys under collections' columns\"\n",
		[POLICY_CTX_ACTION] = ".SS \"Keys of a strategy rule\"\n",
		[POLICY_CTX_FRAUD] = ".SS \"Keys under fraud\"\n",
		[POLICY_CTX_FEATURE] = ".SS \"Keys of a feature\"\n",
		[POLICY_CTX_FRULE] = ".SS \"Keys of a fraud rule\"\n",
	};
	char *man = slurp(srcpath("man/riskdesk-policy.5.in"));
	char want[128], *start, *end, save;
	size_t i;

	for (i = 0; i < policy_schema_count; i++) {
		const struct policy_key *k = &policy_schema[i];

		start = strstr(man, heading[k->ctx]);
		ck_assert_msg(start != NULL, "no section %s", heading[k->ctx]);
		start += strlen(heading[k->ctx]);
		end = strstr(start, "\n.S");
		if (end == NULL)
			end = start + strlen(start);
		save = *end;
		*end = '\0';
		snprintf(want, sizeof want, "\n.B %s\n", k->name);
		ck_assert_msg(strstr(start - 1, want) != NULL,
		    "key \"%s\" (%s) is not documented in riskdesk-policy(5)",
		    k->name, policy_ctx_name(k->ctx));
		*end = save;
	}
	free(man);
}
END_TEST

/*
 * Extract the annotated example of riskdesk-policy(5) into a YAML file,
 * undoing the roff escapes it uses.  Returns the scratch path.
 */
static const char *
man_example(void)
{
	static const char out[] = "man-example.yaml";
	char *man = slurp(srcpath("man/riskdesk-policy.5.in"));
	char *p, *end, *line, *nl;
	FILE *fp;

	p = strstr(man, ".\\\" example-begin\n");
	ck_assert_ptr_nonnull(p);
	end = strstr(p, ".\\\" example-end\n");
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	fp = fopen(out, "w");
	ck_assert_ptr_nonnull(fp);
	for (line = strchr(p, '\n') + 1; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		if (line[0] == '.')
			continue;	/* .EX, .EE */
		for (p = line; *p != '\0'; p++) {
			if (strncmp(p, "\\-", 2) == 0) {
				fputc('-', fp);
				p += 1;
			} else if (strncmp(p, "\\(aq", 4) == 0) {
				fputc('\'', fp);
				p += 3;
			} else if (strncmp(p, "\\(dq", 4) == 0) {
				fputc('"', fp);
				p += 3;
			} else if (strncmp(p, "\\e", 2) == 0) {
				fputc('\\', fp);
				p += 1;
			} else {
				ck_assert_msg(*p != '\\', "unknown escape in "
				    "the man page example: %s", line);
				fputc(*p, fp);
			}
		}
		fputc('\n', fp);
	}
	fclose(fp);
	free(man);
	return out;
}

START_TEST(test_man_example_loads)
{
	struct rd_err err;
	struct policy *p;
	const char *path = man_example();

	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "man page example: %s:%ld:%ld: %s",
	    err.file, err.line, err.col, err.msg);
	ck_assert_str_eq(p->name, "example");
	ck_assert_uint_eq(p->nknockouts, 3);
	ck_assert_uint_eq(p->nsegments, 4);
	ck_assert_str_eq(p->segments[1].when, "housing = 'rent'");
	ck_assert_str_eq(p->segments[2].ead, "credit_amount * 1.1");
	policy_free(p);
	unlink(path);
}
END_TEST

/* ------------------------------------------------------------ errors */

/*
 * Every validation error kind: the fixture, where the error points and
 * its exact message (riskdesk-policy(5), VALIDATION ERRORS).
 */
static const struct bad_policy {
	const char *file;
	long line, col;
	const char *msg;
} bad_policies[] = {
	{ "err-unknown-key.yaml", 7, 5,
	  "unknown key \"cuttoff\" in segment; did you mean \"cutoff\"?" },
	{ "err-unknown-far.yaml", 3, 1,
	  "unknown key \"colour\" at the top level; expected one of name, "
	  "scorecard, population, loss, knockouts, segments, income, "
	  "funding_rate, reason_codes, hit, collections, fraud" },
	{ "err-misplaced.yaml", 3, 1,
	  "unknown key \"cutoff\" at the top level; it belongs in a segment" },
	{ "err-number.yaml", 6, 13,
	  "expected a number for \"cutoff\", found \"abc\"" },
	{ "err-quoted-number.yaml", 6, 13,
	  "expected a number for \"cutoff\", found the string \"560\"" },
	/* An explicit !!str tag makes a string of what reads as a number. */
	{ "err-str-tag.yaml", 6, 13,
	  "expected a number for \"cutoff\", found the string \"560\"" },
	/* YAML's null (~) is not a condition; no SQL text in the message. */
	{ "err-when-null.yaml", 6, 11,
	  "expected a condition for \"when\", found null" },
	{ "err-nan.yaml", 3, 13,
	  "expected a number for \"lgd\", found \"nan\"" },
	{ "err-empty-value.yaml", 1, 11,
	  "expected a string for \"scorecard\", found nothing" },
	{ "err-string-map.yaml", 1, 12,
	  "expected a string for \"scorecard\", found a mapping" },
	{ "err-missing-scorecard.yaml", 3, 1,
	  "missing required key \"scorecard\"" },
	{ "err-missing-cutoff.yaml", 5, 5,
	  "missing required key \"cutoff\" in segment \"renters\"" },
	{ "err-missing-name.yaml", 8, 5,
	  "missing required key \"name\" in knock-out 2" },
	{ "err-dup-segment.yaml", 13, 11,
	  "duplicate segment name \"renters\" (first at line 10)" },
	{ "err-dup-knockout.yaml", 8, 11,
	  "duplicate knock-out name \"ko\" (first at line 5)" },
	{ "err-dup-key.yaml", 7, 5,
	  "duplicate key \"cutoff\" (first at line 6)" },
	{ "err-refer.yaml", 8, 12,
	  "refer (560) must be below cutoff (540)" },
	{ "err-lgd.yaml", 7, 10,
	  "lgd must be between 0 and 1, found 1.5" },
	{ "err-no-when.yaml", 5, 5,
	  "missing required key \"when\" in segment \"renters\"; only the "
	  "last segment, the default, may leave it out" },
	{ "err-last-when.yaml", 9, 5,
	  "the last segment is the default and takes no 'when'" },
	{ "err-no-lgd.yaml", 10, 5,
	  "no lgd for segment \"default\"; give one in the segment or a "
	  "default under loss" },
	{ "err-no-ead.yaml", 4, 5,
	  "no ead for segment \"default\"; give one in the segment or a "
	  "default under loss" },
	{ "err-syntax.yaml", 6, 4,
	  "invalid YAML: did not find expected '-' indicator (while parsing "
	  "a block collection at line 4, column 3)" },
	{ "err-utf8.yaml", 2, 17,
	  "invalid YAML: expected UTF-8 text, found byte 0xFF ('\xC3\xBF' "
	  "in latin1 and cp1252); a policy is read as UTF-8: convert the "
	  "file, e.g. with iconv -f latin1 -t UTF-8" },
	{ "err-not-map.yaml", 1, 1,
	  "expected a mapping at the top level, found a list" },
	{ "err-empty.yaml", 1, 1,
	  "empty policy: expected a mapping with scorecard, population and "
	  "segments" },
	{ "err-two-docs.yaml", 5, 1,
	  "a policy file holds one YAML document; found a second" },
	{ "err-empty-segments.yaml", 3, 11,
	  "expected at least one segment in \"segments\"" },
	{ "err-segments-type.yaml", 4, 3,
	  "expected a list for \"segments\", found a mapping" },
	{ "err-item-type.yaml", 4, 5,
	  "expected a mapping for each item of \"segments\", found "
	  "\"default\"" },
	{ "err-key-type.yaml", 3, 3,
	  "expected a key name, found a list" },
	{ "err-alias.yaml", 3, 8, "aliases are not allowed in a policy" },
	{ "err-merge.yaml", 7, 9, "aliases are not allowed in a policy" },
	{ "err-deep.yaml", 3, 22,
	  "nesting deeper than 16 levels is not allowed in a policy" },
	{ "err-band-overlap.yaml", 14, 15,
	  "score bands overlap: band 2 of segment \"renters\" starts at 555, "
	  "below the end of band 1 (560)" },
	{ "err-band-gap.yaml", 14, 15,
	  "score bands leave a gap: band 2 of segment \"renters\" starts at "
	  "565, band 1 ends at 560" },
	{ "err-band-empty.yaml", 12, 13,
	  "band 1 of segment \"renters\" ends at 540, not above where it "
	  "starts (540)" },
	{ "err-band-start.yaml", 11, 15,
	  "band 1 of segment \"renters\" starts at 550, above the cutoff "
	  "(540): approved scores below it would have no band" },
	{ "err-band-both.yaml", 14, 11,
	  "a band takes \"limit\" or \"income_limits\", not both" },
	{ "err-band-income.yaml", 13, 11,
	  "income_limits need an income: add \"income\" at the top level" },
	{ "err-band-last-to.yaml", 12, 9,
	  "the last band is open above and takes no 'to'" },
	{ "err-band-no-to.yaml", 11, 9,
	  "missing required key \"to\" in band 1 of segment \"renters\"; "
	  "only the last band, open above, may leave it out" },
	{ "err-band-apr.yaml", 13, 14,
	  "apr must be between 0 and 1, found 12.9" },
	{ "err-income-order.yaml", 16, 26,
	  "income bands must ascend: min_income 1500 is not above 2000 "
	  "(line 15)" },
	{ "err-same-when.yaml", 12, 11,
	  "segment \"tenants\" can never be reached: segment \"renters\" "
	  "(line 8) has the same condition" },
};

START_TEST(test_bad_policy)
{
	const struct bad_policy *b = &bad_policies[_i];
	char path[1024];
	struct rd_err err;

	snprintf(path, sizeof path, "%s", FIXTURE(""));
	strncat(path, b->file, sizeof path - strlen(path) - 1);
	err = load_fails(path);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.file, path);
	ck_assert_str_eq(err.msg, b->msg);
	ck_assert_msg(err.line == b->line && err.col == b->col,
	    "%s: error at %ld:%ld, expected %ld:%ld", b->file, err.line,
	    err.col, b->line, b->col);
}
END_TEST

START_TEST(test_formatted_error)
{
	char want[1200], got[1200];
	struct rd_err err = load_fails(FIXTURE("err-unknown-key.yaml"));

	snprintf(want, sizeof want, "%s:7:5: unknown key \"cuttoff\" in "
	    "segment; did you mean \"cutoff\"?",
	    FIXTURE("err-unknown-key.yaml"));
	ck_assert_str_eq(rd_err_format(&err, got, sizeof got), want);
}
END_TEST

START_TEST(test_unreadable)
{
	struct rd_err err = load_fails(FIXTURE("no-such-file.yaml"));

	ck_assert_int_eq(err.cls, RD_EIO);
	ck_assert_str_eq(err.file, FIXTURE("no-such-file.yaml"));
	ck_assert_str_eq(err.msg,
	    "cannot read policy: No such file or directory");
	err = load_fails(srcpath("tests/data/policy"));
	ck_assert_int_eq(err.cls, RD_EIO);
	ck_assert_str_eq(err.msg, "cannot read policy: Is a directory");
}
END_TEST

/* ------------------------------------------------------------ edge */

/*
 * The "billion laughs" file would expand to 9^9 strings: it must be
 * refused at its first alias, quickly and without growing.
 */
START_TEST(test_alias_refused_early)
{
	struct rd_err err = load_fails(FIXTURE("err-alias.yaml"));

	ck_assert_str_eq(err.msg, "aliases are not allowed in a policy");
	ck_assert_int_eq(err.line, 3);
}
END_TEST

/* Nesting at exactly the limit is fine structurally; one more is not. */
START_TEST(test_depth_limit)
{
	static const char path[] = "scratch-depth.yaml";
	struct rd_err err;
	FILE *fp;
	int i, depth;

	for (depth = POLICY_MAX_DEPTH - 1; depth <= POLICY_MAX_DEPTH;
	    depth++) {
		/* The top-level mapping is one level; name: adds depth. */
		fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs("scorecard: german\nname: ", fp);
		for (i = 0; i < depth; i++)
			fputc('[', fp);
		for (i = 0; i < depth; i++)
			fputc(']', fp);
		fputc('\n', fp);
		fclose(fp);
		err = load_fails(path);
		if (depth < POLICY_MAX_DEPTH)	/* a type error, later */
			ck_assert_str_eq(err.msg, "expected a string for "
			    "\"name\", found a list");
		else
			ck_assert_str_eq(err.msg, "nesting deeper than 16 "
			    "levels is not allowed in a policy");
	}
	unlink(path);
}
END_TEST

/* A flat list of many scalars stops at POLICY_MAX_NODES. */
START_TEST(test_node_limit)
{
	static const char path[] = "scratch-nodes.yaml";
	struct rd_err err;
	FILE *fp;
	long i;

	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("scorecard: german\nname:\n", fp);
	for (i = 0; i < POLICY_MAX_NODES; i++)
		fputs("  - x\n", fp);
	fclose(fp);
	err = load_fails(path);
	ck_assert_str_eq(err.msg, "policy too large: more than 100000 values");
	/*
	 * Nodes 1-5 are the mapping, scorecard, german, name and the list;
	 * node k >= 6 is on line k - 3, so node 100001 is on line 99998.
	 */
	ck_assert_int_eq(err.line, POLICY_MAX_NODES + 1 - 3);
	unlink(path);
}
END_TEST

/* ------------------------------------------------- expressions vs table */

static char dbfile[256];

/* Import csv into db as table with target coded bad / other values. */
static void
import_table(struct db *db, const char *csv, const char *table,
	const char *target, const char *bad)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;

	memset(&spec, 0, sizeof spec);
	spec.csv_path = csv;
	spec.table = table;
	spec.target = target;
	spec.bad = bad;
	ck_assert_msg(csv_import(db, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
}

/* Unchecked fixture: import the tiny and the German table once. */
static void
columns_setup(void)
{
	struct rd_err err;
	struct db *db;

	snprintf(dbfile, sizeof dbfile, "%s", scratch_db("policy"));
	db = db_open(dbfile, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	import_table(db, FIXTURE("applicants.csv"), "applicants", "y", "bad");
	import_table(db, srcpath("data/german_credit.csv"), "german_credit",
	    "creditability", "bad");
	db_close(db);
}

static void
columns_teardown(void)
{
	unlink(dbfile);
}

/*
 * Load path and check its columns against table of the database at
 * dbpath, every error into errs; returns policy_check_columns_all's
 * result, which policy_check_columns must agree with.
 */
static int
check_in(const char *dbpath, const char *path, const char *table,
	struct policy_errors *errs)
{
	struct rd_err err;
	struct policy *p;
	struct db *db;
	int rc;

	db = db_open(dbpath, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s:%ld:%ld: %s", err.file, err.line,
	    err.col, err.msg);
	rc = policy_check_columns_all(p, db, table, errs);
	ck_assert_int_eq(rc != 0, errs->n > 0);
	ck_assert_int_eq(policy_check_columns(p, db, table, &err), rc);
	if (rc != 0)
		ck_assert_str_eq(err.msg, errs->err[0].msg);
	else
		ck_assert_int_eq(err.cls, RD_OK);
	policy_free(p);
	db_close(db);
	return rc;
}

/* Load path and check its columns; returns the error (cls RD_OK if ok). */
static struct rd_err
check_file(const char *path, const char *table)
{
	struct policy_errors errs = { NULL, 0, 0 };
	struct rd_err err;

	rd_err_clear(&err);
	if (check_in(dbfile, path, table, &errs) != 0)
		err = errs.err[0];
	policy_errors_done(&errs);
	return err;
}

START_TEST(test_columns_ok)
{
	struct rd_err err;

	err = check_file(FIXTURE("valid.yaml"), NULL);
	ck_assert_msg(err.cls == RD_OK, "%s", err.msg);
	err = check_file(FIXTURE("valid.yaml"), "applicants");
	ck_assert_msg(err.cls == RD_OK, "%s", err.msg);
}
END_TEST

START_TEST(test_columns_unknown_when)
{
	struct rd_err err = check_file(FIXTURE("err-column.yaml"), NULL);

	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.file, FIXTURE("err-column.yaml"));
	ck_assert_int_eq(err.line, 10);
	ck_assert_int_eq(err.col, 11);
	ck_assert_str_eq(err.msg, "unknown column \"housin\" in expression; "
	    "did you mean \"housing\"?");
}
END_TEST

/* An inherited EAD is located at the loss: entry it came from. */
START_TEST(test_columns_unknown_ead)
{
	struct rd_err err = check_file(FIXTURE("err-column-ead.yaml"), NULL);

	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 5);
	ck_assert_int_eq(err.col, 8);
	ck_assert_str_eq(err.msg, "unknown column \"rate\" in expression");
}
END_TEST

/* The income expression is checked like the others. */
START_TEST(test_columns_unknown_income)
{
	struct rd_err err = check_file(FIXTURE("err-column-income.yaml"), NULL);

	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(err.col, 9);
	ck_assert_str_eq(err.msg, "unknown column \"salary\" in expression");
}
END_TEST

/*
 * A constant condition: always true shadows the segments after it, never
 * true (NULL) its own segment.  random() is not taken for a constant.
 */
START_TEST(test_columns_constant_when)
{
	struct rd_err err = check_file(FIXTURE("err-const-true.yaml"), NULL);

	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 11);
	ck_assert_int_eq(err.col, 5);
	ck_assert_str_eq(err.msg, "segment \"renters\" can never be reached: "
	    "the condition of segment \"everyone\" (line 9) is always true");
	err = check_file(FIXTURE("err-const-false.yaml"), NULL);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 9);
	ck_assert_int_eq(err.col, 11);
	ck_assert_str_eq(err.msg, "segment \"nobody\" can never be reached: "
	    "its condition is never true");
}
END_TEST

/* What the read-only guard refuses is located like an unknown column. */
START_TEST(test_columns_subquery)
{
	struct rd_err err = check_file(FIXTURE("err-column-ko.yaml"), NULL);

	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 6);
	ck_assert_int_eq(err.col, 11);
	ck_assert_str_eq(err.msg,
	    "sub-queries are not allowed in an expression");
}
END_TEST

/*
 * Expressions must give the same result on every run: a function SQLite
 * does not flag deterministic, or 'now', is refused at the expression; a
 * window function is named as such, not as a sub-query.
 */
START_TEST(test_columns_nondeterministic)
{
	struct rd_err err;

	err = check_file(FIXTURE("err-column-random.yaml"), NULL);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 6);
	ck_assert_int_eq(err.col, 11);
	ck_assert_str_eq(err.msg, "function random() is not allowed: policy "
	    "expressions must give the same result on every run");
	err = check_file(FIXTURE("err-column-now.yaml"), NULL);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 6);
	ck_assert_int_eq(err.col, 11);
	ck_assert_str_eq(err.msg, "'now' is not allowed: policy expressions "
	    "must give the same result on every run");
	err = check_file(FIXTURE("err-column-window.yaml"), NULL);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 6);
	ck_assert_str_eq(err.msg,
	    "window functions are not allowed in an expression");
}
END_TEST

/* A population that was never imported is reported at population:. */
START_TEST(test_columns_no_table)
{
	struct rd_err err;

	err = check_file(FIXTURE("valid.yaml"), "german_credit");
	/* valid.yaml's columns are not German ones. */
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 10);
	ck_assert_str_eq(err.msg, "unknown column \"amount\" in expression");
	err = check_file(FIXTURE("valid.yaml"), "nosuch");
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.msg, "no imported table named \"nosuch\"");
	err = check_file(FIXTURE("err-population.yaml"), NULL);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.file, FIXTURE("err-population.yaml"));
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.col, 13);
	ck_assert_str_eq(err.msg, "no imported table named \"german_credt\"");
}
END_TEST

START_TEST(test_bundled_policies_columns)
{
	struct rd_err err;

	err = check_file(srcpath("policies/example.yaml"), NULL);
	ck_assert_msg(err.cls == RD_OK, "example.yaml:%ld:%ld: %s", err.line,
	    err.col, err.msg);
	err = check_file(srcpath("policies/challenger.yaml"), NULL);
	ck_assert_msg(err.cls == RD_OK, "challenger.yaml:%ld:%ld: %s",
	    err.line, err.col, err.msg);
	err = check_file(man_example(), NULL);
	ck_assert_msg(err.cls == RD_OK, "man page example:%ld:%ld: %s",
	    err.line, err.col, err.msg);
	unlink("man-example.yaml");
}
END_TEST

/* ------------------------------------------------- every error, numbers */

#define REALWORLD(name) srcpath("tests/data/realworld/" name)

/* One expected error: where and what. */
struct want_err {
	long line, col;
	const char *msg;
};

/* errs holds exactly want[n], in that order, all located in path. */
static void
assert_errors(const struct policy_errors *errs, const char *path,
	const struct want_err *want, size_t n)
{
	size_t k;

	for (k = 0; k < errs->n && k < n; k++) {
		ck_assert_str_eq(errs->err[k].file, path);
		ck_assert_msg(errs->err[k].line == want[k].line &&
		    errs->err[k].col == want[k].col, "error %zu at %ld:%ld, "
		    "expected %ld:%ld: %s", k, errs->err[k].line,
		    errs->err[k].col, want[k].line, want[k].col,
		    errs->err[k].msg);
		ck_assert_str_eq(errs->err[k].msg, want[k].msg);
	}
	ck_assert_uint_eq(errs->n, n);
	ck_assert_uint_eq(errs->dropped, 0);
}

/*
 * policy-many-errors.yaml holds twelve errors of eleven kinds: all are
 * reported in one load, in the order found, and none twice (the refused
 * lgd under loss is not reported again as missing in each segment;
 * renters' missing when does not hide its other keys).  policy_load
 * gives the first.
 */
START_TEST(test_every_error_listed)
{
	static const struct want_err want[] = {
	    { 6, 1, "unknown key \"colour\" at the top level; expected one "
	      "of name, scorecard, population, loss, knockouts, segments, "
	      "income, funding_rate, reason_codes, hit, collections, fraud" },
	    { 5, 6, "expected first or unique for \"hit\", found \"uniq\"" },
	    { 8, 8, "lgd must be between 0 and 1, found 1.5" },
	    { 12, 5, "unknown key \"reson\" in knock-out; did you mean "
	      "\"reason\"?" },
	    { 10, 5, "missing required key \"reason\" in knock-out "
	      "\"too_big\"" },
	    { 13, 11, "duplicate knock-out name \"too_big\" (first at line "
	      "10)" },
	    { 20, 12, "refer (530) must be below cutoff (520)" },
	    { 22, 5, "missing required key \"when\" in segment \"renters\"; "
	      "only the last segment, the default, may leave it out" },
	    { 27, 13, "expected a number for \"cutoff\", found \"abc\"" },
	    { 25, 11, "duplicate segment name \"owners\" (first at line "
	      "17)" },
	    { 31, 16, "score bands leave a gap: band 2 of segment \"owners\" "
	      "starts at 545, band 1 ends at 540" },
	    { 32, 5, "no ead for segment \"default\"; give one in the "
	      "segment or a default under loss" },
	};
	const char *path = REALWORLD("policy-many-errors.yaml");
	struct policy_errors errs = { NULL, 0, 0 };
	struct rd_err err;

	ck_assert_ptr_null(policy_load_all(path, &errs));
	assert_errors(&errs, path, want, sizeof want / sizeof want[0]);
	ck_assert_int_eq(errs.err[0].cls, RD_EINPUT);
	policy_errors_done(&errs);
	policy_errors_done(&errs);
	policy_errors_done(NULL);
	err = load_fails(path);
	ck_assert_str_eq(err.msg, want[0].msg);
	ck_assert_int_eq(err.line, 6);
}
END_TEST

/*
 * Leading zeros and hexadecimal in each kind of numeric field, all
 * refused in one run with the decimal to write.  The octal readings are
 * YAML 1.1's: 0520 = 5 x 64 + 2 x 8 = 336, 0500 = 320, 01000 = 512,
 * 04000 = 2048, -0530 = -(5 x 64 + 3 x 8) = -344; 0x1F4 = 500, 0x10 = 16.
 */
START_TEST(test_numbers_refused)
{
	static const struct want_err want[] = {
	    { 6, 15, "expected a decimal number for \"funding_rate\", found "
	      "hexadecimal \"0x0\"; write 0" },
	    { 8, 8, "expected a decimal number for \"lgd\", found \"00.45\" "
	      "with a leading zero; write 0.45" },
	    { 13, 13, "expected a decimal number for \"cutoff\", found "
	      "\"0520\" with a leading zero, which YAML 1.1 reads as octal "
	      "(336); write 520" },
	    { 14, 12, "expected a decimal number for \"refer\", found "
	      "hexadecimal \"0x1F4\"; write 500" },
	    { 17, 15, "expected a decimal number for \"from\", found \"0500\" "
	      "with a leading zero, which YAML 1.1 reads as octal (320); "
	      "write 500" },
	    { 19, 16, "expected a decimal number for \"limit\", found "
	      "hexadecimal \"0x10\"; write 16" },
	    { 23, 36, "expected a decimal number for \"limit\", found "
	      "\"01000\" with a leading zero, which YAML 1.1 reads as octal "
	      "(512); write 1000" },
	    { 24, 26, "expected a decimal number for \"min_income\", found "
	      "\"04000\" with a leading zero, which YAML 1.1 reads as octal "
	      "(2048); write 4000" },
	    { 26, 13, "expected a decimal number for \"cutoff\", found "
	      "\"-0530\" with a leading zero, which YAML 1.1 reads as octal "
	      "(-344); write -530" },
	};
	const char *path = REALWORLD("policy-numbers.yaml");
	struct policy_errors errs = { NULL, 0, 0 };

	ck_assert_ptr_null(policy_load_all(path, &errs));
	assert_errors(&errs, path, want, sizeof want / sizeof want[0]);
	policy_errors_done(&errs);
}
END_TEST

/*
 * What is not ambiguous stays a number: a lone zero, a zero before the
 * decimal point, signs, exponents; "089", not octal, is refused without
 * an octal reading, and "0x" without digits without a value.
 */
START_TEST(test_numbers_accepted)
{
	static const char path[] = "scratch-numbers.yaml";
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;

	write_file(path, "scorecard: s\npopulation: t\nfunding_rate: 0\n"
	    "loss: {lgd: 0.45, ead: '1'}\nsegments:\n  - name: d\n"
	    "    cutoff: -0.5\n    refer: -5e2\n    bands:\n"
	    "      - {from: -1e3, to: 0e3, limit: 0, apr: +0.129}\n"
	    "      - {from: 0e3, limit: 10.50}\n");
	p = policy_load_all(path, &errs);
	ck_assert_msg(p != NULL, "%s", errs.n ? errs.err[0].msg : "");
	ck_assert_double_eq(p->funding_rate, 0);
	ck_assert_double_eq(p->segments[0].cutoff, -0.5);
	ck_assert_double_eq(p->segments[0].refer, -500);
	ck_assert_double_eq(p->segments[0].bands[0].from, -1000);
	ck_assert_double_eq(p->segments[0].bands[0].to, 0);
	ck_assert_double_eq_tol(p->segments[0].bands[0].apr, 0.129, 1e-15);
	ck_assert_double_eq(p->segments[0].bands[1].limit, 10.5);
	policy_free(p);
	write_file(path, "scorecard: s\npopulation: t\n"
	    "loss: {lgd: 0.45, ead: '1'}\nsegments:\n  - name: d\n"
	    "    cutoff: 089\n    refer: 0x\n");
	ck_assert_ptr_null(policy_load_all(path, &errs));
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.err[0].msg, "expected a decimal number for "
	    "\"cutoff\", found \"089\" with a leading zero; write 89");
	ck_assert_str_eq(errs.err[1].msg, "expected a decimal number for "
	    "\"refer\", found hexadecimal \"0x\"; write it in decimal digits");
	policy_errors_done(&errs);
	unlink(path);
}
END_TEST

/* hit: first by default, first or unique as written, anything else not. */
START_TEST(test_hit_values)
{
	static const char path[] = "scratch-hit.yaml";
	static const char body[] = "scorecard: s\npopulation: t\n"
	    "loss: {lgd: 0.45, ead: '1'}\nsegments:\n  - name: d\n"
	    "    cutoff: 500\n";
	char text[512];
	struct policy_errors errs = { NULL, 0, 0 };
	struct policy *p;

	write_file(path, body);
	p = policy_load_all(path, &errs);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->hit, POLICY_HIT_FIRST);
	ck_assert_int_eq(p->hit_at.line, 0);
	policy_free(p);
	snprintf(text, sizeof text, "%shit: unique\n", body);
	write_file(path, text);
	p = policy_load_all(path, &errs);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->hit, POLICY_HIT_UNIQUE);
	ck_assert_int_eq(p->hit_at.line, 7);
	ck_assert_int_eq(p->hit_at.col, 6);
	policy_free(p);
	snprintf(text, sizeof text, "%shit: first\n", body);
	write_file(path, text);
	p = policy_load_all(path, &errs);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->hit, POLICY_HIT_FIRST);
	policy_free(p);
	snprintf(text, sizeof text, "%shit: [unique]\n", body);
	write_file(path, text);
	ck_assert_ptr_null(policy_load_all(path, &errs));
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.err[0].msg, "expected a string for \"hit\", "
	    "found a list");
	policy_errors_done(&errs);
	ck_assert_uint_eq(errs.n, 0);
	unlink(path);
}
END_TEST

/*
 * A hostile file with 150 unknown keys costs 100 kept errors; the rest
 * are counted, not kept.  The same error twice is kept once.
 */
START_TEST(test_error_cap)
{
	static const char path[] = "scratch-cap.yaml";
	struct policy_errors errs = { NULL, 0, 0 };
	struct rd_err e;
	FILE *fp;
	int i;

	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("scorecard: s\npopulation: t\nsegments: [{name: d, cutoff: 1, "
	    "lgd: 0, ead: '1'}]\n", fp);
	for (i = 0; i < 150; i++)
		fprintf(fp, "junk%d: 1\n", i);
	fclose(fp);
	ck_assert_ptr_null(policy_load_all(path, &errs));
	ck_assert_uint_eq(errs.n, POLICY_MAX_ERRORS);
	ck_assert_uint_eq(errs.dropped, 50);
	ck_assert_int_eq(errs.err[99].line, 103);
	policy_errors_done(&errs);
	rd_err_setloc(&e, RD_EINPUT, "f", 1, 2, "same");
	policy_errors_add(&errs, &e);
	policy_errors_add(&errs, &e);
	ck_assert_uint_eq(errs.n, 1);
	e.col = 3;
	policy_errors_add(&errs, &e);
	ck_assert_uint_eq(errs.n, 2);
	policy_errors_done(&errs);
	unlink(path);
}
END_TEST

/*
 * A value that starts with a double-quoted column name is a YAML syntax
 * error; the message says to put the whole value in single quotes.
 */
START_TEST(test_yaml_quoted_name)
{
	const char *path = REALWORLD("policy-yaml-quote.yaml");
	struct rd_err err = load_fails(path);

	ck_assert_int_eq(err.line, 8);
	ck_assert_int_eq(err.col, 29);
	ck_assert_str_eq(err.msg, "invalid YAML: did not find expected "
	    "comment or line break (while scanning a block scalar at line 8, "
	    "column 28); a value that starts with a quoted name must be "
	    "quoted whole, in single quotes: when: '\"monthly income\" >= "
	    "5000'");
}
END_TEST

/* -------------------------------------------- column names with quotes */

static char namesdb[256];

/*
 * Unchecked fixture: table apps from policy-names.csv (columns "monthly
 * income", "credit-amount", "home owner", "group",
 * "default.payment.next.month") and table ab with columns a, b and "a-b",
 * where a bare a-b reads as a minus b.
 */
static void
names_setup(void)
{
	struct rd_err err;
	struct db *db;

	snprintf(namesdb, sizeof namesdb, "%s", scratch_db("names"));
	db = db_open(namesdb, &err);
	ck_assert_msg(db != NULL, "%s", err.msg);
	import_table(db, REALWORLD("policy-names.csv"), "apps",
	    "default.payment.next.month", "1");
	write_file("scratch-ab.csv", "a,b,a-b,y\n5,2,1,1\n7,1,9,0\n");
	import_table(db, "scratch-ab.csv", "ab", "y", "1");
	unlink("scratch-ab.csv");
	db_close(db);
}

static void
names_teardown(void)
{
	unlink(namesdb);
}

/* Check path's expressions against table of namesdb into errs. */
static int
check_names(const char *path, const char *table, struct policy_errors *errs)
{
	return check_in(namesdb, path, table, errs);
}

/* Quoted the SQL way, such names work in every place. */
START_TEST(test_names_quoted)
{
	struct policy_errors errs = { NULL, 0, 0 };

	ck_assert_int_eq(check_names(REALWORLD("policy-quoted.yaml"), NULL,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
}
END_TEST

/*
 * Written bare, each is an error at its place, in one run: the income,
 * a knock-out, a segment condition, the loss EAD (checked with the first
 * segment that inherits it, once), a segment EAD (YAML's own quotes are
 * not SQL's), a keyword column, a dotted name.
 */
START_TEST(test_names_unquoted)
{
	static const struct want_err want[] = {
	    { 7, 9, "column \"monthly income\" must be quoted in an "
	      "expression: write \"monthly income\" (in YAML: income: "
	      "'\"monthly income\"')" },
	    { 13, 11, "column \"credit-amount\" must be quoted in an "
	      "expression: write \"credit-amount\" (in YAML: when: "
	      "'\"credit-amount\" > 14000')" },
	    { 17, 11, "column \"home owner\" must be quoted in an expression: "
	      "write \"home owner\" (in YAML: when: '\"home owner\" = "
	      "''yes''')" },
	    { 10, 8, "column \"credit-amount\" must be quoted in an "
	      "expression: write \"credit-amount\" (in YAML: ead: "
	      "'\"credit-amount\" * 1.1')" },
	    { 20, 11, "column \"monthly income\" must be quoted in an "
	      "expression: write \"monthly income\" (in YAML: when: "
	      "'\"monthly income\" >= 5000')" },
	    { 22, 10, "column \"credit-amount\" must be quoted in an "
	      "expression: write \"credit-amount\" (in YAML: ead: "
	      "'\"credit-amount\"')" },
	    { 24, 11, "column \"group\" is an SQL keyword and must be quoted "
	      "in an expression: write \"group\" (in YAML: when: 'age < 30 "
	      "AND \"group\" <> ''C''')" },
	    { 27, 11, "column \"default.payment.next.month\" must be quoted in "
	      "an expression: write \"default.payment.next.month\" (in YAML: "
	      "when: '\"default.payment.next.month\" = 0')" },
	};
	const char *path = REALWORLD("policy-unquoted.yaml");
	struct policy_errors errs = { NULL, 0, 0 };

	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	assert_errors(&errs, path, want, sizeof want / sizeof want[0]);
	policy_errors_done(&errs);
}
END_TEST

/*
 * Double quotes name a column, never text (SQLite's legacy fallback is
 * off): a misspelt quoted name is an unknown column, not a constant
 * string that is always true; "yes" meant as text is told to be 'yes'.
 * A bare a-b, which SQLite reads as a minus b, is refused although it
 * compiles; a - b with spaces is the difference and passes.
 */
START_TEST(test_names_strict_quotes)
{
	static const char path[] = "scratch-names.yaml";
	struct policy_errors errs = { NULL, 0, 0 };

	write_file(path, "scorecard: s\npopulation: apps\n"
	    "loss: {lgd: 0.5, ead: '1'}\nsegments:\n"
	    "  - name: rich\n    when: '\"monthly incme\" > 5000'\n"
	    "    cutoff: 500\n"
	    "  - name: owners\n    when: '\"home owner\" = \"yes\"'\n"
	    "    cutoff: 500\n"
	    "  - name: default\n    cutoff: 500\n");
	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_int_eq(errs.err[0].line, 6);
	ck_assert_str_eq(errs.err[0].msg, "unknown column \"monthly incme\" "
	    "in expression; double quotes name a column, text goes in single "
	    "quotes: 'monthly incme'");
	ck_assert_int_eq(errs.err[1].line, 9);
	ck_assert_str_eq(errs.err[1].msg, "unknown column \"yes\" in "
	    "expression; double quotes name a column, text goes in single "
	    "quotes: 'yes'");
	policy_errors_done(&errs);

	/* A column misspelt: the table's nearest name ("b" for "bb", one
	   edit; "a" is two). */
	write_file(path, "scorecard: s\npopulation: ab\n"
	    "loss: {lgd: 0.5, ead: '1'}\nsegments:\n"
	    "  - name: x\n    when: bb > 2\n    cutoff: 500\n"
	    "  - name: default\n    cutoff: 500\n");
	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.err[0].msg, "unknown column \"bb\" in "
	    "expression; did you mean \"b\"?");
	policy_errors_done(&errs);

	/* The row id is no property of an applicant: refused, unless the
	   table has a column of that name. */
	write_file(path, "scorecard: s\npopulation: ab\n"
	    "loss: {lgd: 0.5, ead: '1'}\nsegments:\n"
	    "  - name: x\n    when: rowid % 2 = 0\n    cutoff: 500\n"
	    "  - name: y\n    when: _ROWID_ > 1 and a > 1\n    cutoff: 500\n"
	    "  - name: default\n    cutoff: 500\n");
	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.err[0].msg, "rowid is the order the rows were "
	    "stored in, not a column of table \"ab\": a decision must not "
	    "depend on it");
	ck_assert_int_eq(errs.err[1].line, 9);
	policy_errors_done(&errs);

	/* A syntax error: where in the expression, counted from its first
	   byte ("age age > 2": the second age at column 5). */
	write_file(path, "scorecard: s\npopulation: apps\n"
	    "loss: {lgd: 0.5, ead: '1'}\nsegments:\n"
	    "  - name: x\n    when: age age > 2\n    cutoff: 500\n"
	    "  - name: default\n    cutoff: 500\n");
	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.err[0].msg, "syntax error at column 5 of the "
	    "expression, near \"age\": see riskdesk-policy(5), CONDITIONS AND "
	    "EXPRESSIONS");
	policy_errors_done(&errs);

	/* An expression that stops after "and" (SQLite names the ")" of
	   the statement around it), and a thousands separator (SQLite:
	   "row value misused"): said in the policy's words. */
	write_file(path, "scorecard: s\npopulation: apps\n"
	    "loss: {lgd: 0.5, ead: '1'}\nsegments:\n"
	    "  - name: x\n    when: age > 2 and\n    cutoff: 500\n"
	    "  - name: y\n    when: age > 4,000\n    cutoff: 500\n"
	    "  - name: default\n    cutoff: 500\n");
	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.err[0].msg, "the expression ends too early, "
	    "after \"and\": complete the condition (e.g. x = 'a' and y > 1)");
	ck_assert_int_eq(errs.err[1].line, 9);
	ck_assert_str_eq(errs.err[1].msg, "unexpected ',' at column 8 of the "
	    "expression: write numbers without a thousands separator (4000, "
	    "not 4,000); a list of values goes in parentheses (x in (1, 2))");
	policy_errors_done(&errs);

	write_file(path, "scorecard: s\npopulation: ab\n"
	    "loss: {lgd: 0.5, ead: 'a - b'}\nsegments:\n"
	    "  - name: x\n    when: a-b > 2\n    cutoff: 500\n"
	    "  - name: default\n    cutoff: 500\n");
	ck_assert_int_eq(check_names(path, NULL, &errs), -1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_int_eq(errs.err[0].line, 6);
	ck_assert_int_eq(errs.err[0].col, 11);
	ck_assert_str_eq(errs.err[0].msg, "column \"a-b\" must be quoted in "
	    "an expression: write \"a-b\" (in YAML: when: '\"a-b\" > 2')");
	policy_errors_done(&errs);
	unlink(path);
}
END_TEST

/* ------------------------------------------------------------ suites */

static Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_test(tc, test_load_all_fields);
	tcase_add_test(tc, test_load_minimal);
	tcase_add_test(tc, test_load_bands);
	tcase_add_test(tc, test_bundled_policies);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad_policy, 0,
	    (int)(sizeof bad_policies / sizeof bad_policies[0]));
	tcase_add_test(tc, test_formatted_error);
	tcase_add_test(tc, test_unreadable);
	suite_add_tcase(s, tc);

	tc = tcase_create("all errors");
	tcase_add_test(tc, test_every_error_listed);
	tcase_add_test(tc, test_numbers_refused);
	tcase_add_test(tc, test_numbers_accepted);
	tcase_add_test(tc, test_hit_values);
	tcase_add_test(tc, test_error_cap);
	tcase_add_test(tc, test_yaml_quoted_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_test(tc, test_alias_refused_early);
	tcase_add_test(tc, test_depth_limit);
	tcase_add_test(tc, test_node_limit);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
schema_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_test(tc, test_schema_table);
	tcase_add_test(tc, test_nearest_key);
	tcase_add_test(tc, test_man_documents_every_key);
	tcase_add_test(tc, test_man_example_loads);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc;

	tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, columns_setup, columns_teardown);
	tcase_add_test(tc, test_columns_ok);
	tcase_add_test(tc, test_bundled_policies_columns);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_unchecked_fixture(tc, columns_setup, columns_teardown);
	tcase_add_test(tc, test_columns_unknown_when);
	tcase_add_test(tc, test_columns_unknown_ead);
	tcase_add_test(tc, test_columns_unknown_income);
	tcase_add_test(tc, test_columns_constant_when);
	tcase_add_test(tc, test_columns_subquery);
	tcase_add_test(tc, test_columns_nondeterministic);
	tcase_add_test(tc, test_columns_no_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("quoted names");
	tcase_add_unchecked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_names_quoted);
	tcase_add_test(tc, test_names_unquoted);
	tcase_add_test(tc, test_names_strict_quotes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *suites[3];

	suites[0] = policy_suite();
	suites[1] = schema_suite();
	suites[2] = columns_suite();
	return run_suites(suites, 3);
}
