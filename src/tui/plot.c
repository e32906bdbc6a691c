/*
 * plot.c - character line charts (see plot.h).
 */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "tui/plot.h"
#include "tui/tui.h"
#include "util/fmt.h"

static double
at(const struct plot_series *s, const double *base, size_t i)
{
	size_t stride = s->stride != 0 ? s->stride : sizeof(double);

	return *(const double *)(const void *)((const char *)base + i *
	    stride);
}

void
plot_range(const struct plot_series *s, int use_y, double *lo, double *hi)
{
	size_t i;
	double v;

	for (i = 0; i < s->n; i++) {
		v = at(s, use_y ? s->y : s->x, i);
		if (!isfinite(v))
			continue;
		if (isnan(*lo) || v < *lo)
			*lo = v;
		if (isnan(*hi) || v > *hi)
			*hi = v;
	}
}

/* Column and line of (x, y) in the plotting area, or -1 when outside. */
static int
cell(const struct plot_axes *ax, int pw, int ph, double x, double y,
	int *c, int *r)
{
	double fx, fy;

	if (!isfinite(x) || !isfinite(y))
		return -1;
	fx = ax->xmax > ax->xmin ? (x - ax->xmin) / (ax->xmax - ax->xmin) :
	    0.5;
	fy = ax->ymax > ax->ymin ? (y - ax->ymin) / (ax->ymax - ax->ymin) :
	    0.5;
	if (fx < -1e-9 || fx > 1 + 1e-9 || fy < -1e-9 || fy > 1 + 1e-9)
		return -1;
	*c = (int)lround(fx * (pw - 1));
	*r = ph - 1 - (int)lround(fy * (ph - 1));
	return 0;
}

void
plot_draw(int top, int left, int h, int w, const struct plot_axes *ax,
	const struct plot_series *s, size_t ns, double mx, double my)
{
	char b[FMT_BUF];
	int yw = 9, pw, ph, px, i, c0, r0, c1, r1, k, steps, c, r;
	size_t j, p;

	if (h < 5 || w < 20)
		return;
	ph = h - 2;		/* the last two lines: x labels, legend */
	px = left + yw + 1;
	pw = w - yw - 1;

	/* Axes: y labels at the top, middle and bottom; a rule on the
	   left and the bottom. */
	tui_color(TUI_C_DIM);
	for (i = 0; i < ph; i++)
		mvaddch(top + i, px - 1, ACS_VLINE);
	mvaddch(top + ph, px - 1, ACS_LLCORNER);
	mvhline(top + ph, px, ACS_HLINE, pw);
	tui_put(top, left, yw, TUI_RIGHT, ax->yfmt(b, ax->ymax));
	tui_put(top + ph - 1, left, yw, TUI_RIGHT, ax->yfmt(b, ax->ymin));
	if (ph >= 5)
		tui_put(top + (ph - 1) / 2, left, yw, TUI_RIGHT,
		    ax->yfmt(b, ax->ymin + (ax->ymax - ax->ymin) *
		    (double)(ph - 1 - (ph - 1) / 2) / (ph - 1)));
	/* x labels on the axis line's right end and left end */
	ax->xfmt(b, ax->xmin);
	tui_put(top + ph + 1, px, pw / 2, TUI_LEFT, b);
	ax->xfmt(b, ax->xmax);
	tui_put(top + ph + 1, px + pw / 2, pw - pw / 2, TUI_RIGHT, b);
	if (ax->xlabel != NULL)
		tui_put(top + ph + 1, px + pw / 4, pw / 2, TUI_LEFT,
		    ax->xlabel);
	tui_color(TUI_C_LABEL);
	if (ax->ylabel != NULL)
		tui_put(top + ph, left, yw, TUI_LEFT, ax->ylabel);

	/* Series, joined cell by cell. */
	for (j = 0; j < ns; j++) {
		tui_color(j == 0 ? TUI_C_NORMAL : TUI_C_LABEL);
		c0 = r0 = -1;
		for (p = 0; p < s[j].n; p++) {
			if (cell(ax, pw, ph, at(&s[j], s[j].x, p),
			    at(&s[j], s[j].y, p), &c1, &r1) != 0)
				continue;
			if (c0 < 0) {
				c0 = c1;
				r0 = r1;
			}
			steps = abs(c1 - c0) > abs(r1 - r0) ? abs(c1 - c0) :
			    abs(r1 - r0);
			for (k = 0; k <= steps; k++) {
				c = steps == 0 ? c1 : c0 + (c1 - c0) * k / steps;
				r = steps == 0 ? r1 : r0 + (r1 - r0) * k / steps;
				mvaddch(top + r, px + c, (chtype)s[j].glyph);
			}
			c0 = c1;
			r0 = r1;
		}
	}
	/* The current point. */
	if (cell(ax, pw, ph, mx, my, &c, &r) == 0) {
		tui_color(TUI_C_MARK);
		mvaddch(top + r, px + c, 'O');
	}
	tui_color(TUI_C_NORMAL);
}
