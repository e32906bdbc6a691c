/*
 * report-table.c - text tables sized to their content (report-table.h).
 */
#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report-table.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

void
report_table_init(struct report_table *t, const char *align,
	const size_t *minw)
{
	size_t k;

	memset(t, 0, sizeof *t);
	t->ncol = strlen(align);
	assert(t->ncol > 0 && t->ncol <= REPORT_TABLE_MAXCOL);
	for (k = 0; k < t->ncol; k++) {
		t->align[k] = align[k];
		t->minw[k] = minw != NULL ? minw[k] : 0;
	}
}

void
report_table_cap(struct report_table *t, size_t k, size_t maxw)
{
	assert(k < t->ncol);
	t->maxw[k] = maxw;
}

void
report_table_row(struct report_table *t, ...)
{
	va_list ap;
	size_t k;

	if (t->nrow == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->cell = xreallocarray(t->cell, t->cap * t->ncol,
		    sizeof *t->cell);
	}
	va_start(ap, t);
	for (k = 0; k < t->ncol; k++) {
		const char *s = va_arg(ap, const char *);

		if (s == NULL)
			s = "";
		t->cell[t->nrow * t->ncol + k] = t->maxw[k] > 0 ?
		    fmt_trunc(s, t->maxw[k]) : xstrdup(s);
	}
	va_end(ap);
	t->nrow++;
}

void
report_table_print(FILE *f, const struct report_table *t,
	const char *indent)
{
	size_t w[REPORT_TABLE_MAXCOL], i, k, c;

	for (k = 0; k < t->ncol; k++) {
		w[k] = t->minw[k];
		for (i = 0; i < t->nrow; i++) {
			c = fmt_width(t->cell[i * t->ncol + k]);
			if (c > w[k])
				w[k] = c;
		}
	}
	for (i = 0; i < t->nrow; i++) {
		fputs(indent, f);
		for (k = 0; k < t->ncol; k++) {
			const char *c = t->cell[i * t->ncol + k];

			/* A left-aligned last column is not padded. */
			if (k + 1 == t->ncol && t->align[k] == 'l') {
				if (*c != '\0')
					fprintf(f, " %s", c);
				continue;
			}
			if (k > 0)
				fputc(' ', f);
			fmt_pad(f, c, w[k], t->align[k] == 'l');
		}
		fputc('\n', f);
	}
}

void
report_table_done(struct report_table *t)
{
	size_t i;

	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}
