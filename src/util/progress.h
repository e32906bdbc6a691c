/*
 * progress.h - the progress of a long step of the core, for a front end
 * to show.
 *
 * The row reads report through data/db.h's db_progress; the work after
 * the read (classing every characteristic, the fit's iterations) reports
 * here.  A front end sets one hook for the process (the command line
 * draws a bar on a terminal; without a hook nothing is done).  Reports
 * come from whichever thread does the work (classing runs on several at
 * once): the hook must be safe for it and cheap.
 */
#ifndef RD_UTIL_PROGRESS_H
#define RD_UTIL_PROGRESS_H

#include <stddef.h>

/*
 * what: the step, a short word ("classing", "fitting"); done of total
 * units (unit: "characteristics", "iterations"; total 0 when the end is
 * not known in advance, as for the fit's iterations, which stop when the
 * deviance settles); detail: NULL or a short text ("deviance 1234.5").
 * done == total (total > 0) or what NULL ends the step: the front end
 * clears its line.  All strings are borrowed for the call.
 */
typedef void (*rd_progress_fn)(void *arg, const char *what, size_t done,
	size_t total, const char *unit, const char *detail);

/* Set the hook for the process (NULL removes it).  Not thread safe: call
   it once at start, before any work. */
void rd_progress_set(rd_progress_fn fn, void *arg);

/* Report to the hook, if there is one (arguments as rd_progress_fn). */
void rd_progress(const char *what, size_t done, size_t total,
	const char *unit, const char *detail);

/* Whether a hook is set (callers skip building a detail text if not). */
int rd_progress_on(void);

#endif
