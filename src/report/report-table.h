/*
 * report-table.h - text tables whose columns are as wide as their widest
 * cell, so that large numbers and long names never run together.
 *
 * Cells are copied strings; widths are display widths (fmt_width), so a
 * name in Chinese lines up with one in Latin letters.  A table is printed
 * as an indent, then each cell padded to its column's width (at least the
 * column's minimum), columns one space apart.  A left-aligned last column
 * is not padded (no trailing spaces), and an empty cell there prints
 * nothing, not even the space before it.
 */
#ifndef RD_REPORT_REPORT_TABLE_H
#define RD_REPORT_REPORT_TABLE_H

#include <stddef.h>
#include <stdio.h>

#define REPORT_TABLE_MAXCOL 12
/* The widest an attribute label is shown in a points table, in columns. */
#define REPORT_ATTR_MAX 48

struct report_table {
	size_t ncol;
	char align[REPORT_TABLE_MAXCOL];	/* 'l' left, 'r' right */
	size_t minw[REPORT_TABLE_MAXCOL];	/* minimum widths */
	size_t maxw[REPORT_TABLE_MAXCOL];	/* 0, or the widest a cell
						   may be: longer text is cut
						   with an ellipsis */
	char **cell;		/* [nrow x ncol] owned copies */
	size_t nrow, cap;
};

/*
 * Start a table of ncol (<= REPORT_TABLE_MAXCOL) columns; align holds one
 * 'l' or 'r' per column, minw[ncol] the least width of each (NULL: 0).
 */
void report_table_init(struct report_table *t, const char *align,
	const size_t *minw);
/* Cap column k at maxw display columns (fmt_trunc), for rows added after. */
void report_table_cap(struct report_table *t, size_t k, size_t maxw);
/* Append a row of t->ncol cells (const char *; NULL prints empty). */
void report_table_row(struct report_table *t, ...);
/* Print every row to f, each line starting with indent. */
void report_table_print(FILE *f, const struct report_table *t,
	const char *indent);
/* Free the cells (not the struct). */
void report_table_done(struct report_table *t);

#endif
