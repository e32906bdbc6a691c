/*
 * fuzz-policy.c - the policy loader and validator: any bytes as a YAML
 * policy file (policy_load_all: libyaml, the schema table, every rule of
 * riskdesk-policy(5)), and a policy that loads is checked against the
 * German credit table (policy_check_columns_all: every condition, EAD
 * and income expression through SQLite's read-only authorizer, constant
 * conditions).
 */
#include "config.h"

#include <stdlib.h>

#include "desk/desk.h"
#include "fuzz.h"
#include "policy/policy.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_errors errs = { 0 };
	struct policy *p;

	p = policy_load_all(fuzz_file(data, size, ".yaml"), &errs);
	policy_errors_done(&errs);
	if (p != NULL) {
		struct policy_errors cerrs = { 0 };

		policy_check_columns_all(p, fuzz_german()->db, "german_credit",
		    &cerrs);
		policy_errors_done(&cerrs);
		policy_free(p);
	}
	return 0;
}
