/*
 * ds.c - in-memory datasets (see ds.h).  Loading from SQLite is in db.c;
 * this file only looks things up and frees.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/ds.h"
#include "util/sha256.h"

int
ds_column_index(const struct dataset *ds, const char *name)
{
	size_t j;

	for (j = 0; j < ds->ncols; j++)
		if (strcmp(ds->cols[j].name, name) == 0)
			return (int)j;
	return -1;
}

int
ds_level_code(const struct ds_column *col, const char *text)
{
	size_t lo = 0, hi = col->nlevels;

	/* levels are sorted by strcmp: binary search. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(col->levels[mid], text);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

double
ds_bad_rate(const struct dataset *ds)
{
	size_t known = ds->nbad + ds->ngood;

	return known > 0 ? (double)ds->nbad / (double)known : NAN;
}

void
ds_free(struct dataset *ds)
{
	size_t j, k;

	if (ds == NULL)
		return;
	for (j = 0; j < ds->ncols; j++) {
		struct ds_column *c = &ds->cols[j];

		free(c->name);
		free(c->role);
		free(c->role_note);
		free(c->num);
		free(c->code);
		for (k = 0; k < c->nlevels; k++)
			free(c->levels[k]);
		free(c->levels);
	}
	free(ds->cols);
	free(ds->table);
	free(ds->y);
	free(ds->rowid);
	free(ds);
}

int
ds_column_is_identifier(const struct ds_column *col)
{
	return col->role != NULL && strcmp(col->role, DS_ROLE_IDENTIFIER) == 0;
}

void
ds_hash_rows(const struct dataset *ds, struct rd_sha256 *h)
{
	unsigned char b[9];
	size_t i, j, k;

	for (i = 0; i < ds->nrows; i++)
		for (j = 0; j < ds->ncols; j++) {
			const struct ds_column *c = &ds->cols[j];

			if (c->type == DS_TEXT) {
				const char *t;
				size_t n;

				if (c->code[i] < 0) {
					rd_sha256_update(h, "N", 1);
					continue;
				}
				t = c->levels[c->code[i]];
				n = strlen(t);
				b[0] = 'T';
				for (k = 0; k < 4; k++)
					b[1 + k] = (unsigned char)(n >> (8 * k));
				rd_sha256_update(h, b, 5);
				rd_sha256_update(h, t, n);
			} else if (isnan(c->num[i])) {
				rd_sha256_update(h, "N", 1);
			} else {
				uint64_t u;

				memcpy(&u, &c->num[i], sizeof u);
				b[0] = 'D';
				for (k = 0; k < 8; k++)
					b[1 + k] = (unsigned char)(u >> (8 * k));
				rd_sha256_update(h, b, 9);
			}
		}
}
