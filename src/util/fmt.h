/*
 * fmt.h - number formatting shared by the report and the TUI, so that both
 * show the same digits.  All functions write into a caller buffer of at
 * least FMT_BUF bytes, always NUL-terminate, use the C locale's decimal
 * point, and return the buffer.  NaN prints as "-".
 */
#ifndef RD_UTIL_FMT_H
#define RD_UTIL_FMT_H

#include <stddef.h>
#include <stdio.h>

#define FMT_BUF 48

/* A share 0..1 as a percentage with two decimals: 0.12345 -> "12.35%". */
char *fmt_pct(char *buf, double share);
/*
 * A figure that is not available for a stated reason (a figure that needs
 * known outcomes on a table without them, model/metric.h
 * metric_na_reason) prints as FMT_NA, where NaN with no reason (a rate
 * with no denominator) prints "-".  fmt_pct_na and fmt_stat_na are
 * fmt_pct and fmt_stat, or FMT_NA when na is a reason (not NULL, not "").
 */
#define FMT_NA "n/a"
char *fmt_pct_na(char *buf, double share, const char *na);
char *fmt_stat_na(char *buf, double x, const char *na);
/* A signed change of a share in percentage points: 0.0125 -> "+1.25 pts". */
char *fmt_pts(char *buf, double d);
/*
 * A money amount with no decimals and thousands separators: "1,234,567";
 * one whose grouped digits do not fit in FMT_BUF (past about 1e35) as
 * six significant digits with its exponent: "4.454e+63"; "inf", "-".
 */
char *fmt_money(char *buf, double amount);
/*
 * A statistic with four decimals: "0.7886"; from FMT_STAT_FIXED_MAX in
 * magnitude on (where four decimals would show more digits than a double
 * holds, about 16), six significant digits: "1e+50", "-2.5e+15", "inf".
 */
#define FMT_STAT_FIXED_MAX 1e15
char *fmt_stat(char *buf, double x);
/* A whole count with thousands separators: "12,345". */
char *fmt_count(char *buf, double n);
/* The plural ending of a regular noun counted n: "" for 1, else "s"
   ("1 gap", "2 gaps", "0 gaps"). */
const char *fmt_s(size_t n);

/*
 * The display width of the text s in terminal columns: wcwidth of each
 * character as mbstowcs reads s in the current LC_CTYPE (2 for most
 * Chinese characters in a UTF-8 locale); a character wcwidth does not
 * know counts 1.  When s does not convert (a C locale), every UTF-8
 * character counts 1.
 */
size_t fmt_width(const char *s);
/*
 * Write s to f padded with spaces to width display columns (fmt_width),
 * on the right (left_align set) or on the left; text wider than width is
 * written whole.
 */
void fmt_pad(FILE *f, const char *s, size_t width, int left_align);
/*
 * Write s to f as one CSV field (RFC 4180): as it is, or between double
 * quotes, each quote doubled, when it holds a comma, a quote, a CR or a
 * LF.  An empty s writes nothing (an empty field).
 */
void fmt_csv_field(FILE *f, const char *s);
/*
 * s cut to at most maxw (>= 1) display columns as fmt_width counts them:
 * unchanged when it fits, otherwise whole characters then "\u2026" (the
 * ellipsis, UTF-8, one column) within maxw.  Returns a new string
 * (caller frees).
 */
char *fmt_trunc(const char *s, size_t maxw);
/*
 * One cell of a text table: s cut to width (>= 1) display columns as
 * fmt_trunc cuts it (whole characters, an ellipsis when cut), then padded
 * with spaces to width on the right.  Never splits a UTF-8 character, as
 * printf's "%-40.40s" would.
 */
void fmt_cell(FILE *f, const char *s, size_t width);
/*
 * s with its control characters written visibly, so a value holding a
 * line break cannot break a table's line: a line feed as \n, a carriage
 * return as \r, a tab as \t, any other C0 character or DEL as \xHH.
 * Returns a new string (caller frees), or NULL when s holds none.
 * fmt_cell writes cells so.
 */
char *fmt_visible(const char *s);
/*
 * A p-value with three significant digits ("0.0123", "4.56e-09"); one
 * below the double precision epsilon (2.22e-16, where the computed tail
 * is no longer meaningful, and which includes an underflow to 0) prints
 * "<2e-16", as R's format.pval with its default eps.
 */
#define FMT_PVAL_EPS 2.220446049250313e-16
char *fmt_pval(char *buf, double p);

#endif
