/*
 * report-svg.h - the charts of the HTML document as inline SVG, drawn by
 * riskdesk: line charts (ROC, KS, gains, calibration, trade-offs) and bar
 * charts (WoE and bad rate per bin, score distributions, PSI), and a bar
 * to put in a table cell.  Internal to src/report.
 *
 * The charts only place figures the core computed: scaling a value to
 * the plot and choosing round tick values are all they work out.  Each
 * has a title, labelled axes with their unit, a legend, and tells its
 * series apart without colour (dash styles, marker shapes, fill
 * patterns), so it reads printed in greyscale.  Fill patterns are
 * defined once per page by svg_defs, which the page writes first.
 * Output is deterministic (fixed decimals, C locale).
 */
#ifndef RD_REPORT_REPORT_SVG_H
#define RD_REPORT_REPORT_SVG_H

#include <stddef.h>
#include <stdio.h>

/* Distinct line styles (dash, marker, grey) and fill patterns. */
#define SVG_STYLES 4

/* Write s with &, <, > and " escaped (for XML text and attributes). */
void svg_esc(FILE *f, const char *s);

/* The patterns the bar charts fill with; once per page, first. */
void svg_defs(FILE *f);

struct svg_axis {
	const char *label;	/* the quantity and its unit */
	int pct;		/* the values are fractions, shown as % */
	double lo, hi;		/* the range; NaN: from the data, with 0
				   included for bars */
	/* The x axis of a line chart over whole numbers: ticks only at
	   whole values (months on book), spaced so that their labels do
	   not meet; with cat, the value i is labelled cat[i] (i in
	   0..ncat-1: a period's name) and other ticks are not. */
	int whole;
	const char *const *cat;	/* [ncat] borrowed, or NULL */
	size_t ncat;
	/* The values are shares: the axis stays within 0 and 100%. */
	int share;
};

/* One line: the points (x[i], y[i]); a NaN breaks the line. */
struct svg_series {
	const char *name;	/* in the legend */
	const double *x, *y;	/* [n] borrowed */
	size_t n;
	int style;		/* 0 .. SVG_STYLES - 1 */
	int markers;		/* a marker at every point (few points) */
};

/* A point picked out and labelled, e.g. the chosen cutoff. */
struct svg_mark {
	double x, y;
	const char *label;
};

/* A vertical line across the plot at x, labelled, e.g. where KS peaks. */
struct svg_vline {
	double x;
	const char *label;
};

struct svg_lines {
	const char *title;
	struct svg_axis x, y;
	int diagonal;		/* draw y = x (ROC, gains: chance) */
	const struct svg_series *s;
	size_t ns;
	const struct svg_mark *mark;
	size_t nmark;
	const struct svg_vline *vline;
	size_t nvline;
};

/* A line chart; nothing to draw gives a frame that says "no data". */
void svg_lines(FILE *f, const struct svg_lines *c);

struct svg_bars {
	const char *title;
	const char *xlabel;	/* what the categories are */
	struct svg_axis y;
	const char *const *cat;	/* [ncat] category labels */
	size_t ncat;
	const char *const *name;	/* [nser] series names */
	size_t nser;
	const double *v;	/* [nser * ncat] series by series; NaN: none */
	const char *const *note;	/* [ncat] text over each category
					   (e.g. its count), or NULL */
	/* A line over the bars on a right-hand axis, or line NULL. */
	const double *line;	/* [ncat] */
	const char *line_name;
	struct svg_axis y2;
};

/* A bar chart of grouped bars, with the optional line. */
void svg_bars(FILE *f, const struct svg_bars *c);

/* A bar of v on a scale to max (> 0), for a table cell: at most 100 px. */
void svg_cellbar(FILE *f, double v, double max);

#endif
