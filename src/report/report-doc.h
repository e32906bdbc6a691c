/*
 * report-doc.h - what the document writers share (report-doc.c,
 * report-html.c, report-xlsx.c): the stated time, the conventions in
 * words, and the JSON document that the HTML's figures point into.
 * Internal to src/report.
 */
#ifndef RD_REPORT_REPORT_DOC_H
#define RD_REPORT_REPORT_DOC_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "desk/desk-doc.h"

struct rd_err;

/* t as ISO 8601 UTC ("2024-05-01T09:30:00Z") into buf; returns buf. */
char *report_doc_time(char *buf, size_t len, time_t t);

/* The conventions the document states beyond the binning's: pairs of
   {key, sentence}, ended by {NULL, NULL}. */
extern const char *const report_doc_conventions[][2];

/* The JSON document (report.h, report_document); new reference. */
json_t *report_doc_json(const struct desk *d,
	const struct desk_document *doc);

/* The HTML page (report-html.c) and the workbook (report-xlsx.c) of
   doc onto f.  The workbook is made first in a scratch file:
   "<target>.tmp-XXXXXX" beside target, the path f goes to in the end,
   or with target NULL (standard output) "riskdesk-xlsx-XXXXXX" under
   TMPDIR.  Return 0, or -1 with err RD_EIO. */
int report_doc_html(FILE *f, const struct desk *d,
	const struct desk_document *doc, struct rd_err *err);
int report_doc_xlsx(FILE *f, const char *target, const struct desk *d,
	const struct desk_document *doc, struct rd_err *err);

#endif
