/*
 * report-svg.c - inline SVG charts for the HTML document (see
 * report-svg.h).  Geometry only: every value drawn is the caller's.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report-svg.h"

/* The canvas, in SVG user units (the page scales it to its width). */
#define W 560.0
#define PLOT_H 220.0
#define TOP 34.0
#define LEFT 66.0
#define RIGHT_PLAIN 22.0
#define RIGHT_AXIS 66.0
#define LEGEND_ROW 18.0
#define CAT_MAX 18		/* characters of a category label shown */

/* Line styles: stroke grey, dash pattern (NULL solid), marker shape. */
static const struct {
	const char *grey, *dash;
	char marker;		/* c circle, s square, t triangle, d diamond */
	int filled;
} line_style[SVG_STYLES] = {
	{ "#000", NULL, 'c', 1 },
	{ "#444", "8 4", 's', 0 },
	{ "#000", "2 3", 't', 1 },
	{ "#666", "10 3 2 3", 'd', 0 },
};

void
svg_esc(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
}

/* s cut to CAT_MAX characters (whole UTF-8 characters), escaped. */
static void
esc_cut(FILE *f, const char *s, size_t max)
{
	size_t n = 0;
	const char *p = s;

	while (*p != '\0' && n < max) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		n++;
	}
	if (*p == '\0') {
		svg_esc(f, s);
		return;
	}
	{
		char buf[256];
		size_t len = (size_t)(p - s) < sizeof buf - 1 ?
		    (size_t)(p - s) : sizeof buf - 1;

		memcpy(buf, s, len);
		buf[len] = '\0';
		svg_esc(f, buf);
		fputs("\xE2\x80\xA6", f);	/* ellipsis */
	}
}

void
svg_defs(FILE *f)
{
	fputs("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\">"
	    "<defs>\n"
	    "<pattern id=\"p0\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#555\"/></pattern>\n"
	    "<pattern id=\"p1\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#fff\"/><path d=\"M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2\" "
	    "stroke=\"#000\" stroke-width=\"1.2\"/></pattern>\n"
	    "<pattern id=\"p2\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#ddd\"/><path d=\"M0,3 h6 M3,0 v6\" stroke=\"#000\" "
	    "stroke-width=\"0.8\"/></pattern>\n"
	    "<pattern id=\"p3\" width=\"5\" height=\"5\" "
	    "patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" "
	    "fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" "
	    "fill=\"#000\"/></pattern>\n"
	    "</defs></svg>\n", f);
}

/* -------------------------------------------------------------- scale */

struct scale {
	double lo, hi, step;	/* data range with round ends, tick step */
	double p0, p1;		/* pixels of lo and hi */
	int pct;
	const char *const *cat;	/* [ncat] labels of whole values, or NULL */
	size_t ncat;
};

/* Round ends and a tick step of 1, 2 or 5 times a power of ten. */
static void
scale_init(struct scale *s, double lo, double hi, int pct, double p0,
	double p1)
{
	double raw, mag, r;

	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (!(hi > lo)) {
		double pad = lo != 0 ? fabs(lo) * 0.1 : 1;

		lo -= pad;
		hi += pad;
	}
	raw = (hi - lo) / 5;
	mag = pow(10, floor(log10(raw)));
	r = raw / mag;
	s->step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
	s->lo = floor(lo / s->step + 1e-9) * s->step;
	s->hi = ceil(hi / s->step - 1e-9) * s->step;
	s->pct = pct;
	s->p0 = p0;
	s->p1 = p1;
	s->cat = NULL;
	s->ncat = 0;
}

/* The next round step after st: 1, 2, 5 times a power of ten. */
static double
step_up(double st)
{
	double mag = pow(10, floor(log10(st) + 1e-9)), r = st / mag;

	return (r < 1.5 ? 2 : r < 3.5 ? 5 : 10) * mag;
}

/*
 * The scale of an axis as a: from the data's lo to hi, or the axis's
 * own range; shares kept within [0, 1]; whole numbers (and categories)
 * with a whole tick step wide enough for the labels, the ends the
 * data's own.
 */
static void
scale_axis(struct scale *s, const struct svg_axis *a, double lo, double hi,
	double p0, double p1)
{
	size_t k, len = 1;

	if (!isnan(a->lo)) lo = a->lo;
	if (!isnan(a->hi)) hi = a->hi;
	if (a->share && isfinite(lo) && isfinite(hi)) {
		if (lo < 0)
			lo = 0;
		if (hi > 1)
			hi = 1;
		/* One value: a range of 10 points on the side within. */
		if (!(hi > lo)) {
			if (hi >= 0.1)
				lo = hi - 0.1;
			else
				hi = lo + 0.1;
		}
	}
	scale_init(s, lo, hi, a->pct, p0, p1);
	if (a->share) {
		if (s->lo < 0)
			s->lo = 0;
		if (s->hi > 1)
			s->hi = 1;
	}
	if (!a->whole && a->cat == NULL)
		return;
	s->cat = a->cat;
	s->ncat = a->ncat;
	if (a->cat != NULL)
		for (k = 0; k < a->ncat; k++)
			if (strlen(a->cat[k]) > len)
				len = strlen(a->cat[k]);
	if (a->cat == NULL)
		len = (size_t)snprintf(NULL, 0, "%.0f", fabs(s->hi) >
		    fabs(s->lo) ? s->hi : s->lo);
	/* The data's ends, whole, when they differ (a tick need not fall
	   on the last one); categories half a slot either side, so that
	   the first and last labels are inside the chart. */
	if (a->cat != NULL && a->ncat > 0) {
		s->lo = -0.5;
		s->hi = (double)a->ncat - 0.5;
	} else if (isfinite(lo) && isfinite(hi) && hi > lo) {
		s->lo = floor(lo + 1e-9);
		s->hi = ceil(hi - 1e-9);
	}
	/* The smallest whole step whose labels, of 7 units a character,
	   are 16 apart. */
	s->step = 1;
	while (s->step * fabs(p1 - p0) / (s->hi - s->lo) <
	    7.0 * (double)len + 16)
		s->step = step_up(s->step);
}

static double
scale_px(const struct scale *s, double v)
{
	return s->p0 + (v - s->lo) / (s->hi - s->lo) * (s->p1 - s->p0);
}

/* A tick value as text: a percentage for shares. */
static void
tick_text(char *buf, size_t len, const struct scale *s, double v)
{
	double st = s->pct ? s->step * 100 : s->step;
	int dec = st >= 1 ? 0 : (int)ceil(-log10(st) - 1e-9);
	double x = s->pct ? v * 100 : v;

	if (fabs(x) < st * 1e-6)
		x = 0;
	snprintf(buf, len, "%.*f%s", dec, x, s->pct ? "%" : "");
}

/* The range of the data of every series (x or y), NaNs skipped. */
static void
lines_range(const struct svg_lines *c, int want_y, double *lo, double *hi)
{
	size_t i, k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (k = 0; k < c->ns; k++)
		for (i = 0; i < c->s[k].n; i++) {
			double v = want_y ? c->s[k].y[i] : c->s[k].x[i];

			if (isfinite(v)) {
				if (v < *lo)
					*lo = v;
				if (v > *hi)
					*hi = v;
			}
		}
	for (k = 0; k < c->nmark; k++) {
		double v = want_y ? c->mark[k].y : c->mark[k].x;

		if (isfinite(v)) {
			if (v < *lo)
				*lo = v;
			if (v > *hi)
				*hi = v;
		}
	}
}

/* --------------------------------------------------------- furniture */

static void
marker(FILE *f, int style, double x, double y)
{
	const char *g = line_style[style].grey;
	const char *fill = line_style[style].filled ? g : "#fff";

	switch (line_style[style].marker) {
	case 's':
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" "
		    "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", x - 3.5,
		    y - 3.5, fill, g);
		break;
	case 't':
		fprintf(f, "<path d=\"M%.1f,%.1f l4,7 h-8 z\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1.2\"/>", x, y - 4.5, fill, g);
		break;
	case 'd':
		fprintf(f, "<path d=\"M%.1f,%.1f l4.5,4.5 l-4.5,4.5 l-4.5,-4.5 z\" "
		    "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", x,
		    y - 4.5, fill, g);
		break;
	default:
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1.5\"/>", x, y, fill, g);
	}
}

static void
stroke_attrs(FILE *f, int style)
{
	fprintf(f, " fill=\"none\" stroke=\"%s\" stroke-width=\"2\"",
	    line_style[style].grey);
	if (line_style[style].dash != NULL)
		fprintf(f, " stroke-dasharray=\"%s\"", line_style[style].dash);
}

static void
open_svg(FILE *f, double h, const char *title)
{
	fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">",
	    W, h);
	fputs("<title>", f);
	svg_esc(f, title);
	fputs("</title>\n", f);
	/* A long title is set smaller rather than cut. */
	fprintf(f, "<text x=\"%.0f\" y=\"19\" text-anchor=\"middle\" "
	    "font-size=\"%.1f\" font-weight=\"bold\">", W / 2,
	    strlen(title) * 8.6 > W - 16 ? (W - 16) / (strlen(title) * 0.62) :
	    14.0);
	svg_esc(f, title);
	fputs("</text>\n", f);
}

/* Axes, ticks, grid and labels of a plot from (x0, y1) to (x1, y0). */
static void
axes(FILE *f, const struct scale *sx, const struct scale *sy,
	const struct scale *sy2, const char *xlabel, const char *ylabel,
	const char *y2label, int xticks)
{
	double v, x0 = sx->p0, x1 = sx->p1, y0 = sy->p0, y1 = sy->p1;
	char t[32];

	fprintf(f, "<g stroke=\"#bbb\" stroke-width=\"0.6\">");
	for (v = sy->lo; v <= sy->hi + sy->step * 1e-6; v += sy->step)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\"/>", x0, scale_px(sy, v), x1,
		    scale_px(sy, v));
	fputs("</g>\n<g font-size=\"12\">", f);
	for (v = sy->lo; v <= sy->hi + sy->step * 1e-6; v += sy->step) {
		tick_text(t, sizeof t, sy, v);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
		    "%s</text>", x0 - 5, scale_px(sy, v) + 3.5, t);
	}
	if (sy2 != NULL)
		for (v = sy2->lo; v <= sy2->hi + sy2->step * 1e-6;
		    v += sy2->step) {
			tick_text(t, sizeof t, sy2, v);
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
			    x1 + 5, scale_px(sy2, v) + 3.5, t);
		}
	/* The x ticks' labels low enough to clear the y ticks' at the
	   corner (the two "0%" of a chart of rates). */
	if (xticks)
		for (v = sx->cat != NULL ? ceil(sx->lo / sx->step - 1e-9) *
		    sx->step : sx->lo; v <= sx->hi + sx->step * 1e-6;
		    v += sx->step) {
			if (sx->cat != NULL) {
				double i = floor(v + 0.5);

				if (i < 0 || i >= (double)sx->ncat)
					continue;
				snprintf(t, sizeof t, "%s",
				    sx->cat[(size_t)i]);
			} else
				tick_text(t, sizeof t, sx, v);
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\">%s</text>",
			    scale_px(sx, v), y0 + 18, t);
		}
	fputs("</g>\n", f);
	fprintf(f, "<path d=\"M%.1f,%.1f V%.1f H%.1f", x0, y1, y0, x1);
	if (sy2 != NULL)
		fprintf(f, " V%.1f", y1);
	fputs("\" fill=\"none\" stroke=\"#000\" stroke-width=\"1\"/>\n", f);
	if (xlabel != NULL && xticks) {
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		    (x0 + x1) / 2, y0 + 34);
		svg_esc(f, xlabel);
		fputs("</text>\n", f);
	}
	fprintf(f, "<text transform=\"translate(14 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\">", (y0 + y1) / 2);
	svg_esc(f, ylabel);
	fputs("</text>\n", f);
	if (sy2 != NULL) {
		fprintf(f, "<text transform=\"translate(%.1f %.1f) rotate(90)\" "
		    "text-anchor=\"middle\">", W - 12, (y0 + y1) / 2);
		svg_esc(f, y2label);
		fputs("</text>\n", f);
	}
}

/* One legend entry's key at (x, y): a line style or a fill pattern. */
static void
legend_key(FILE *f, double x, double y, int style, int bar)
{
	if (bar) {
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"10\" "
		    "fill=\"url(#p%d)\" stroke=\"#000\" stroke-width=\"0.8\"/>",
		    x + 4, y - 8, style);
		return;
	}
	fprintf(f, "<path d=\"M%.1f,%.1f h24\"", x, y - 3);
	stroke_attrs(f, style);
	fputs("/>", f);
	marker(f, style, x + 12, y - 3);
}

/*
 * The legend under the plot from y: entries laid out left to right,
 * wrapping; returns the rows used.  Entry widths are estimated from the
 * number of characters (6 units each).
 */
struct legend_item {
	const char *name;
	int style, bar;
};

static int
legend_rows(const struct legend_item *it, size_t n)
{
	double x = LEFT;
	int rows = n > 0;
	size_t k;

	for (k = 0; k < n; k++) {
		double w = 34 + 7.4 * (double)strlen(it[k].name) + 18;

		if (x + w > W - 10 && x > LEFT) {
			rows++;
			x = LEFT;
		}
		x += w;
	}
	return rows;
}

static void
legend(FILE *f, const struct legend_item *it, size_t n, double y)
{
	double x = LEFT;
	size_t k;

	for (k = 0; k < n; k++) {
		double w = 34 + 7.4 * (double)strlen(it[k].name) + 18;

		if (x + w > W - 10 && x > LEFT) {
			y += LEGEND_ROW;
			x = LEFT;
		}
		legend_key(f, x, y, it[k].style, it[k].bar);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 30, y);
		svg_esc(f, it[k].name);
		fputs("</text>", f);
		x += w;
	}
	fputc('\n', f);
}

static void
no_data(FILE *f, double x, double y)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "fill=\"#444\">no data to draw</text>\n", x, y);
}

/* -------------------------------------------------------------- lines */

#define MAX_LEGEND 16

void
svg_lines(FILE *f, const struct svg_lines *c)
{
	struct legend_item it[MAX_LEGEND] = { { NULL, 0, 0 } };
	struct scale sx, sy;
	double xlo, xhi, ylo, yhi, h, y0, ly;
	size_t k, i, nit = 0;
	int rows, any = 0;

	for (k = 0; k < c->ns && nit < MAX_LEGEND; k++)
		it[nit++] = (struct legend_item){ c->s[k].name, c->s[k].style,
		    0 };
	if (c->diagonal && nit < MAX_LEGEND)
		it[nit++] = (struct legend_item){ "chance (y = x)", 3, 0 };
	rows = legend_rows(it, nit);
	y0 = TOP + PLOT_H;
	/* The legend's first row under the axis title (y0 + 34). */
	ly = y0 + 56;
	h = ly + LEGEND_ROW * (rows > 0 ? rows - 1 : 0) + 8;
	lines_range(c, 0, &xlo, &xhi);
	lines_range(c, 1, &ylo, &yhi);
	any = isfinite(xlo) && isfinite(ylo);
	scale_axis(&sx, &c->x, xlo, xhi, LEFT, W - RIGHT_PLAIN);
	scale_axis(&sy, &c->y, ylo, yhi, y0, TOP);
	open_svg(f, h, c->title);
	axes(f, &sx, &sy, NULL, c->x.label, c->y.label, NULL, 1);
	if (!any)
		no_data(f, (LEFT + W - RIGHT_PLAIN) / 2, TOP + PLOT_H / 2);
	if (c->diagonal) {
		double a = sx.lo > sy.lo ? sx.lo : sy.lo;
		double b = sx.hi < sy.hi ? sx.hi : sy.hi;

		fprintf(f, "<path d=\"M%.1f,%.1f L%.1f,%.1f\" fill=\"none\" "
		    "stroke=\"#666\" stroke-width=\"1\" "
		    "stroke-dasharray=\"10 3 2 3\"/>\n", scale_px(&sx, a),
		    scale_px(&sy, a), scale_px(&sx, b), scale_px(&sy, b));
	}
	for (k = 0; k < c->nvline; k++) {
		double x = scale_px(&sx, c->vline[k].x);

		if (!isfinite(x) || x < sx.p0 - 0.5 || x > sx.p1 + 0.5)
			continue;
		fprintf(f, "<path d=\"M%.1f,%.1f V%.1f\" stroke=\"#000\" "
		    "stroke-width=\"1\" stroke-dasharray=\"3 2\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
		    "text-anchor=\"%s\">", x, sy.p0, sy.p1, x + (x > W / 2 ?
		    -4 : 4), sy.p1 + 12 + 12 * (double)k, x > W / 2 ? "end" :
		    "start");
		svg_esc(f, c->vline[k].label);
		fputs("</text>\n", f);
	}
	for (k = 0; k < c->ns; k++) {
		const struct svg_series *s = &c->s[k];
		double lx = NAN, ly = NAN;
		int pen = 0;

		if (s->n == 0)
			continue;
		fputs("<path d=\"", f);
		for (i = 0; i < s->n; i++) {
			double x, y;

			if (!isfinite(s->x[i]) || !isfinite(s->y[i])) {
				pen = 0;
				continue;
			}
			x = scale_px(&sx, s->x[i]);
			y = scale_px(&sy, s->y[i]);
			/* Points closer than half a unit to the last one
			   drawn add nothing visible; the last always ends
			   the line. */
			if (pen && i + 1 < s->n && fabs(x - lx) < 0.5 &&
			    fabs(y - ly) < 0.5)
				continue;
			fprintf(f, "%s%.1f,%.1f", pen ? " L" : " M", x, y);
			pen = 1;
			lx = x;
			ly = y;
		}
		fputc('"', f);
		stroke_attrs(f, s->style);
		fputs("/>\n", f);
		if (s->markers)
			for (i = 0; i < s->n; i++)
				if (isfinite(s->x[i]) && isfinite(s->y[i]))
					marker(f, s->style, scale_px(&sx,
					    s->x[i]), scale_px(&sy, s->y[i]));
		fputc('\n', f);
	}
	for (k = 0; k < c->nmark; k++) {
		double x = scale_px(&sx, c->mark[k].x);
		double y = scale_px(&sy, c->mark[k].y);

		if (!isfinite(x) || !isfinite(y))
			continue;
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" "
		    "stroke=\"#000\" stroke-width=\"2\"/><circle cx=\"%.1f\" "
		    "cy=\"%.1f\" r=\"2\"/>", x, y, x, y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
		    "text-anchor=\"%s\" stroke=\"#fff\" stroke-width=\"3\" "
		    "paint-order=\"stroke\">", x + (x > W / 2 ? -9 : 9),
		    y - 8, x > W / 2 ? "end" : "start");
		svg_esc(f, c->mark[k].label);
		fputs("</text>\n", f);
	}
	legend(f, it, nit, ly);
	fputs("</svg>\n", f);
}

/* --------------------------------------------------------------- bars */

void
svg_bars(FILE *f, const struct svg_bars *c)
{
	struct legend_item it[MAX_LEGEND] = { { NULL, 0, 0 } };
	struct scale sy, sy2, sx;
	double lo = 0, hi = 0, h, y0, gw, bw, right, catw, lab;
	size_t k, s, nit = 0, maxlen = 0;
	int rows, slant;

	for (s = 0; s < c->nser && nit < MAX_LEGEND; s++)
		it[nit++] = (struct legend_item){ c->name[s], (int)s %
		    SVG_STYLES, 1 };
	if (c->line != NULL && nit < MAX_LEGEND)
		it[nit++] = (struct legend_item){ c->line_name, 0, 0 };
	rows = legend_rows(it, nit);
	for (k = 0; k < c->nser * c->ncat; k++)
		if (isfinite(c->v[k])) {
			if (c->v[k] < lo)
				lo = c->v[k];
			if (c->v[k] > hi)
				hi = c->v[k];
		}
	if (!isnan(c->y.lo)) lo = c->y.lo;
	if (!isnan(c->y.hi)) hi = c->y.hi;
	for (k = 0; k < c->ncat; k++)
		if (strlen(c->cat[k]) > maxlen)
			maxlen = strlen(c->cat[k]);
	right = c->line != NULL ? RIGHT_AXIS : RIGHT_PLAIN;
	catw = c->ncat > 0 ? (W - right - LEFT) / (double)c->ncat : 1;
	/* Labels wider than their slot are set at a slant. */
	slant = (double)(maxlen < CAT_MAX ? maxlen : CAT_MAX) * 6.8 > catw;
	y0 = TOP + PLOT_H;
	/* The height of the category labels: a level label's baseline is
	   14 below the axis, the axis title's 6 below this, its capitals
	   clear of the labels' descenders. */
	lab = slant ? 7.0 * 0.71 * (double)(maxlen < CAT_MAX ? maxlen :
	    CAT_MAX) + 14 : 24;
	{
		h = y0 + lab + 34 + LEGEND_ROW * (rows > 0 ? rows - 1 : 0) +
		    10;
		open_svg(f, h, c->title);
		scale_init(&sy, lo, hi, c->y.pct, y0, TOP + 10);
		scale_init(&sx, 0, 1, 0, LEFT, W - right);
		if (c->line != NULL) {
			double l2 = INFINITY, h2 = -INFINITY;

			for (k = 0; k < c->ncat; k++)
				if (isfinite(c->line[k])) {
					if (c->line[k] < l2)
						l2 = c->line[k];
					if (c->line[k] > h2)
						h2 = c->line[k];
				}
			if (!isnan(c->y2.lo)) l2 = c->y2.lo;
			if (!isnan(c->y2.hi)) h2 = c->y2.hi;
			scale_init(&sy2, l2, h2, c->y2.pct, y0, TOP + 10);
		}
		axes(f, &sx, &sy, c->line != NULL ? &sy2 : NULL, NULL,
		    c->y.label, c->line_name != NULL && c->y2.label != NULL ?
		    c->y2.label : "", 0);
		if (c->ncat == 0)
			no_data(f, (LEFT + W - right) / 2, TOP + PLOT_H / 2);
		/* The zero line when the axis spans it. */
		if (sy.lo < 0 && sy.hi > 0)
			fprintf(f, "<path d=\"M%.1f,%.1f H%.1f\" stroke=\"#000\" "
			    "stroke-width=\"1\"/>\n", LEFT, scale_px(&sy, 0),
			    W - right);
		gw = catw * 0.8;
		bw = c->nser > 0 ? gw / (double)c->nser : gw;
		for (k = 0; k < c->ncat; k++) {
			double cx = LEFT + catw * ((double)k + 0.5);

			for (s = 0; s < c->nser; s++) {
				double v = c->v[s * c->ncat + k];
				double a, b, x = cx - gw / 2 + bw * (double)s;

				if (!isfinite(v))
					continue;
				a = scale_px(&sy, v > 0 ? v : 0);
				b = scale_px(&sy, v > 0 ? 0 : v);
				if (sy.lo > 0)
					b = sy.p0;
				fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"url(#p%d)\" stroke=\"#000\" "
				    "stroke-width=\"0.7\"/>", x, a, bw,
				    b - a > 0 ? b - a : 0, (int)s % SVG_STYLES);
			}
			if (c->note != NULL && c->note[k] != NULL) {
				fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
				    "font-size=\"11\" text-anchor=\"middle\">",
				    cx, TOP + 6);
				svg_esc(f, c->note[k]);
				fputs("</text>", f);
			}
			if (slant)
				fprintf(f, "<text transform=\"translate(%.1f "
				    "%.1f) rotate(-45)\" text-anchor=\"end\" "
				    "font-size=\"11\">", cx + 3, y0 + 10);
			else
				fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
				    "text-anchor=\"middle\" font-size=\"11\">",
				    cx, y0 + 14);
			esc_cut(f, c->cat[k], CAT_MAX);
			fputs("</text>\n", f);
		}
		if (c->line != NULL) {
			int pen = 0;

			fputs("<path d=\"", f);
			for (k = 0; k < c->ncat; k++) {
				if (!isfinite(c->line[k])) {
					pen = 0;
					continue;
				}
				fprintf(f, "%s%.1f,%.1f", pen ? " L" : " M",
				    LEFT + catw * ((double)k + 0.5),
				    scale_px(&sy2, c->line[k]));
				pen = 1;
			}
			fputc('"', f);
			stroke_attrs(f, 0);
			fputs("/>", f);
			for (k = 0; k < c->ncat; k++)
				if (isfinite(c->line[k]))
					marker(f, 0, LEFT + catw * ((double)k +
					    0.5), scale_px(&sy2, c->line[k]));
			fputc('\n', f);
		}
		{
			double ly = y0 + lab;

			if (c->xlabel != NULL) {
				fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
				    "text-anchor=\"middle\">", (LEFT + W -
				    right) / 2, ly + 6);
				svg_esc(f, c->xlabel);
				fputs("</text>\n", f);
			}
			legend(f, it, nit, ly + 26);
		}
	}
	fputs("</svg>\n", f);
}

void
svg_cellbar(FILE *f, double v, double max)
{
	double w = isfinite(v) && max > 0 ? v / max * 100 : 0;

	if (w < 0)
		w = 0;
	if (w > 100)
		w = 100;
	fprintf(f, "<svg class=\"cellbar\" width=\"102\" height=\"10\" "
	    "aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"%.1f\" "
	    "height=\"8\" fill=\"url(#p0)\" stroke=\"#000\" "
	    "stroke-width=\"0.6\"/></svg>", w);
}
