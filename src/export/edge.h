/*
 * edge.h - edge cases of a scorecard and policy: the rows on which an
 * exported decision most easily parts from riskdesk's, for verifying a
 * deployment (riskdesk(1), export --format edge-cases).
 *
 * Starting from one base row of the table, each case changes one column:
 *   - for a numeric characteristic, every cut point and its neighbours
 *     (one ulp either side in a REAL column, one either side in an
 *     INTEGER column, and the whole numbers around a fractional cut),
 *     NULL, NaN (REAL columns), each special value;
 *   - for a text characteristic, every level a bin lists, NULL and a
 *     level none lists (the unseen-level fallback);
 *   - for every literal a knock-out, segment, EAD or income expression
 *     compares a column with, the literal and its neighbours (a text
 *     literal and one that differs from it), so each simple knock-out
 *     and segment condition is seen both true and false.
 * The base row comes first, then the cases, each once (duplicates left
 * out), keyed 1, 2, ... in the id column.
 */
#ifndef RD_EXPORT_EDGE_H
#define RD_EXPORT_EDGE_H

#include <stdio.h>

#include "data/ds.h"
#include "export/sqlexpr.h"
#include "model/card.h"
#include "policy/policy.h"

struct rd_err;

/*
 * Write the edge cases as CSV (RFC 4180, a header of the table's columns
 * cols[ncols] in order, then "edge_id" when id is NULL; NULL as an empty
 * field, NaN as NaN, numbers with 17 significant digits) to f.  base is
 * a dataset holding the base row (its first row; missing columns and an
 * empty dataset give NULLs).  id names the column keying the rows, which
 * gets 1, 2, ... .  Returns 0, or -1 with err: RD_EINPUT when a policy
 * expression cannot be read (sqlexpr.h), RD_EIO when writing fails.
 */
int export_edge_cases(FILE *f, const struct policy *p,
	const struct scorecard *card, const struct sqlx_column *cols,
	size_t ncols, const struct dataset *base, const char *id,
	struct rd_err *err);

#endif
