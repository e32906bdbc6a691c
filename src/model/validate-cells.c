/*
 * validate-cells.c - STAND-IN, to be replaced at the merge by the real
 * validate_cells of validate.c (written on main): the cells expanded to
 * one row each and handed to validate_sample, which is exactly the
 * figures validate_sample gives on the rows, at the memory cost of the
 * rows.  Only so that validate --engine can be tested before the merge.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "model/validate.h"
#include "util/xmalloc.h"

int
validate_cells(const struct val_cell *cells, size_t ncells,
	const struct validate_spec *spec, struct validation *v,
	struct rd_err *err)
{
	double *score, *pd;
	signed char *y;
	size_t n = 0, k, j;
	int rc;

	for (k = 0; k < ncells; k++)
		if (!isnan(cells[k].score))
			n += cells[k].goods + cells[k].bads;
	score = xmalloc((n > 0 ? n : 1) * sizeof *score);
	pd = xmalloc((n > 0 ? n : 1) * sizeof *pd);
	y = xmalloc(n > 0 ? n : 1);
	n = 0;
	for (k = 0; k < ncells; k++) {
		if (isnan(cells[k].score))
			continue;
		for (j = 0; j < cells[k].goods + cells[k].bads; j++) {
			score[n] = cells[k].score;
			pd[n] = cells[k].pd;
			y[n] = j < cells[k].goods ? DS_GOOD : DS_BAD;
			n++;
		}
	}
	rc = validate_sample(score, pd, y, n, spec, v, err);
	free(score);
	free(pd);
	free(y);
	return rc;
}
