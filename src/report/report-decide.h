/*
 * report-decide.h - the records of a decision run (sim/decide.h) as CSV
 * or JSON Lines, and its summary.
 *
 * CSV (RFC 4180: a header line, fields quoted when they hold a comma, a
 * quote or a line break, CRLF never written) has the columns
 *   <id>, score, pd, segment, decision, knockout, knockout_reason,
 *   reason_1 .. reason_N, credit_limit, apr, ead, expected_loss, fallbacks
 * and with explain, per characteristic of the scorecard,
 *   "<characteristic>:attribute", "<characteristic>:points",
 *   "<characteristic>:fallback" (1 when the value took a fallback).
 * <id> is the name of the id column ("row" with the rowid when none).
 * An empty field is a value that does not apply: no segment when knocked
 * out, no limit, APR or expected loss unless approved, no reasons on an
 * approval.  Numbers: score and points as whole numbers when whole (else
 * 10 significant digits), pd with 8 decimals, money (credit_limit, ead,
 * expected_loss) with 2 decimals unless whole, apr as in the policy.
 * JSON Lines: one object a line with the same fields (null where the CSV
 * field is empty), the reasons as an array of {"characteristic",
 * "points_lost"} and, with explain, "attributes": [{"characteristic",
 * "attribute", "points", "fallback"}].  Output is a function of the
 * inputs only: two runs on the same data give the same bytes.
 */
#ifndef RD_REPORT_REPORT_DECIDE_H
#define RD_REPORT_REPORT_DECIDE_H

#include <stdio.h>

#include "model/card.h"
#include "policy/policy.h"
#include "sim/decide.h"

struct rd_err;
struct decide_writer;

enum decide_format {
	DECIDE_CSV,
	DECIDE_JSONL
};

/*
 * A writer of records to f (borrowed) in format; id_name names the id
 * column (NULL: "row"), nreasons the reason columns (<=
 * DECIDE_REASONS_MAX), explain adds the attributes.  p and card are
 * borrowed and must outlive the writer.  Writes nothing yet: the CSV
 * header goes out with the first record (decide_writer_row) or, when
 * there is none, with decide_writer_end, so that a run refused before
 * its first record (a negative EAD found in the first slice) leaves its
 * output empty.  Every byte written is also added to hash (may be
 * NULL), so a run knows its output's SHA-256 without reading it back.
 */
struct rd_sha256;
struct decide_writer *decide_writer_new(FILE *f, enum decide_format format,
	const struct policy *p, const struct scorecard *card,
	const char *id_name, size_t nreasons, int explain,
	struct rd_sha256 *hash);

/*
 * With exact 1, the CSV's numbers are written to read back to the same
 * double (17 significant digits, whole numbers as such) instead of
 * rounded for people: for reconciling with another system
 * (decide --exact).  JSON Lines keep 15 significant digits.
 */
void decide_writer_exact(struct decide_writer *w, int exact);

/* Write one record (the CSV header first, before the first).  Returns
   0, or -1 when the stream has failed. */
int decide_writer_row(struct decide_writer *w, const struct decide_record *r);

/* The end of a run that succeeded: the CSV header when no record was
   written (a table of no rows).  Returns 0, or -1 when the stream has
   failed. */
int decide_writer_end(struct decide_writer *w);

void decide_writer_free(struct decide_writer *w);

/*
 * The run's summary for people (stderr of riskdesk decide): applicants by
 * decision and by segment, each knock-out, the fallbacks per
 * characteristic, exposure, expected loss and limits.  what names what
 * was decided ("table \"new_apps\"", "file new.csv").
 */
void report_decide_summary(FILE *f, const struct decide_summary *sum,
	const struct policy *p, const struct scorecard *card,
	const char *what);

/*
 * The runs stored in a database (data/runstore.h runstore_list, v[n]) as
 * a table, or with json as a JSON document {"runs": [...]} holding every
 * field.  Returns 0, or -1 with err RD_EIO when writing fails.
 */
struct run_row;
int report_runs(FILE *f, const struct run_row *v, size_t n, int json,
	struct rd_err *err);

#endif
