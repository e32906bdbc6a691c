/*
 * report-out.h - the output primitives every report writer shares: JSON
 * values for numbers (NaN and infinities as null), writing a JSON document
 * with the house layout, and checking that a text report reached its file.
 * Internal to src/report.
 */
#ifndef RD_REPORT_REPORT_OUT_H
#define RD_REPORT_REPORT_OUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

struct rd_err;

/* A JSON real, or null for NaN and infinities.  New reference. */
json_t *report_jnum(double x);

/* A JSON integer from a count.  New reference. */
json_t *report_jcount(size_t n);

/* A JSON string, or null for NULL.  New reference. */
json_t *report_jstr(const char *s);

/*
 * Write root (consumed) to f: two-space indent, keys in insertion order
 * (jansson's JSON_INDENT(2) layout), every real as report_json_real
 * writes it, then a newline, and flush.  Returns 0, or -1 with err RD_EIO
 * when the write fails.
 */
int report_json_emit(FILE *f, json_t *root, struct rd_err *err);

/*
 * x (finite) as a JSON real into buf[len] (len >= 32) that reads back as
 * x: a whole number within 2^53 in full (2.0, 9007199254740991.0), any
 * other with 12 significant digits where they do (0.1, 2.5e-7; the text
 * the reports have always written), else with the fewest from 13 to 17
 * that do (17 always do: IEEE 754, 5.12).  Always with a point or an
 * exponent, the exponent without "+" or leading zeros, as jansson writes
 * a real.
 */
void report_json_real(char *buf, size_t len, double x);

/*
 * The swap set w of two simulations of one population, prep the
 * champion's (the cells' outcomes are its population's): as JSON (new
 * reference: "approved_by_both", "swap_in", "swap_out",
 * "declined_by_both", each {"count", "known", "bad", "bad_rate",
 * "expected_loss_champion", "expected_loss_challenger"}, and "change"),
 * or as text under "<heading>: swap set ..." (the challenger's figures
 * minus the champion's last).
 */
struct sim_prep;
struct sim_swap;
json_t *report_swap_json(const struct sim_prep *prep,
	const struct sim_swap *w);
void report_swap_text(FILE *f, const struct sim_prep *prep,
	const struct sim_swap *w, const char *heading);

/* Flush f; returns 0, or -1 with err RD_EIO when writing failed. */
int report_text_done(FILE *f, struct rd_err *err);

#endif
