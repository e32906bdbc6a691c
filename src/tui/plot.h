/*
 * plot.h - line charts drawn with characters, for the Validation and
 * Trade-offs screens.
 *
 * A chart is a frame of h lines and w columns: the y axis labels on the
 * left, the x axis labels on the last line, and the plotting area between
 * them.  Each series is a polyline through its points (joined cell by
 * cell), drawn in its own glyph; the current point, when given, is drawn
 * last in the mark colour so it stays visible.  The chart only places
 * what the core computed: it scales, never derives a figure.
 */
#ifndef RD_TUI_PLOT_H
#define RD_TUI_PLOT_H

#include <stddef.h>

/* Formats an axis value into buf (FMT_BUF bytes); returns buf. */
typedef char *(*plot_fmt)(char *buf, double x);

struct plot_series {
	const double *x, *y;	/* [n] borrowed; NaN points are skipped */
	size_t stride;		/* bytes between points; 0: sizeof(double) */
	size_t n;
	char glyph;
	const char *name;	/* for the legend, may be NULL */
};

struct plot_axes {
	double xmin, xmax, ymin, ymax;
	plot_fmt xfmt, yfmt;
	const char *xlabel, *ylabel;
};

/*
 * Draw the chart at (top, left), h x w; series s[ns]; the current point
 * (mx, my) when both are not NaN.  Needs h >= 5 and w >= 20; smaller
 * frames stay blank.
 */
void plot_draw(int top, int left, int h, int w, const struct plot_axes *ax,
	const struct plot_series *s, size_t ns, double mx, double my);

/* The smallest and largest of the finite values of a series' y (or x)
   into *lo / *hi, widened to hold what they already hold. */
void plot_range(const struct plot_series *s, int use_y, double *lo,
	double *hi);

#endif
