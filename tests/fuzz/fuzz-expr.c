/*
 * fuzz-expr.c - the expression parser: any text as a policy condition
 * over the German credit table (db_expr_check: one read-only SQL
 * expression, no statement, no sub-query, no clock, no unbounded
 * printf), and an expression accepted is evaluated on every row
 * (db_expr_eval).
 */
#include "config.h"

#include <stdlib.h>

#include "desk/desk.h"
#include "fuzz.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define GERMAN_ROWS 1000

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fuzz_german();
	struct rd_err err;
	char *expr = fuzz_string(data, size);

	if (db_expr_check(d->db, "german_credit", expr, &err) == 0) {
		const char *exprs[1] = { expr };
		double *v = xcalloc(GERMAN_ROWS, sizeof *v);
		double *out[1] = { v };

		db_expr_eval(d->db, "german_credit", exprs, 1, out,
		    GERMAN_ROWS, &err);
		free(v);
	}
	free(expr);
	return 0;
}
