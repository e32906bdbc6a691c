/*
 * cmd-progress.c - the progress bar of the commands' long steps: every
 * table a command reads into memory (db_progress_default) shows, on a
 * terminal and after a second, "reading [#####.....]  45%  450,000 of
 * 1,000,000 rows"; the classing of the characteristics "classing [###...]
 * 20%  3 of 15 characteristics  income" and the fit's iterations
 * "fitting   4 iterations  deviance 81234.5" (util/progress.h); the line
 * is cleared when the step ends.  Nothing is
 * drawn when standard error is not a terminal, so batch jobs and their
 * logs see only what they saw before.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "data/db.h"
#include "util/fmt.h"
#include "util/progress.h"

#define BAR_DELAY 1.0	/* seconds of a read before the bar appears
			   (RISKDESK_PROGRESS_DELAY) */
#define BAR_WIDTH 30	/* characters of the bar */
#define BAR_EVERY 0.1	/* seconds between redraws */

static struct {
	pthread_mutex_t lock;
	struct timespec start;	/* of the read under way */
	double last;		/* seconds since start of the last draw */
	int drawn;		/* something is on the line */
	double delay;		/* seconds before the bar appears */
} bar = { PTHREAD_MUTEX_INITIALIZER, { 0, 0 }, 0, 0, BAR_DELAY };

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

void
cmd_progress_line(const char *what, double frac, const char *tail)
{
	char b[BAR_WIDTH + 1];
	int k, fill;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	fill = (int)(frac * BAR_WIDTH);
	for (k = 0; k < BAR_WIDTH; k++)
		b[k] = k < fill ? '#' : '.';
	b[BAR_WIDTH] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%%  %s \033[K", what, b, (int)(frac * 100),
	    tail);
	fflush(stderr);
}

/*
 * Draw the state of the step under way: what, done of total units (a bar
 * when total is known, else the count alone), detail after it.  The
 * step's clock starts at done 0; its end (done >= total > 0, or what
 * NULL) clears the line.  Progress from another thread that finds the
 * bar busy is skipped, not waited for; an end always waits, so no line
 * is left behind.
 */
static void
draw(const char *what, size_t done, size_t total, const char *unit,
	const char *detail)
{
	char b1[FMT_BUF], b2[FMT_BUF], tail[2 * FMT_BUF + 96];
	int end = what == NULL || (total > 0 && done >= total);
	double secs;

	if (end)
		pthread_mutex_lock(&bar.lock);
	else if (pthread_mutex_trylock(&bar.lock) != 0)
		return;
	if (end) {
		if (bar.drawn)
			fputs("\r\033[K", stderr);
		bar.drawn = 0;
	} else {
		if (done == 0) {
			clock_gettime(CLOCK_MONOTONIC, &bar.start);
			bar.last = -BAR_EVERY;	/* the first chance draws */
		}
		if ((secs = since(&bar.start)) >= bar.delay &&
		    secs - bar.last >= BAR_EVERY) {
			bar.last = secs;
			if (total > 0) {
				snprintf(tail, sizeof tail, "%s of %s %s%s%.40s",
				    fmt_count(b1, (double)done),
				    fmt_count(b2, (double)total), unit,
				    detail != NULL ? "  " : "",
				    detail != NULL ? detail : "");
				cmd_progress_line(what, (double)done /
				    (double)total, tail);
			} else {
				/* Clear what a longer line left. */
				fprintf(stderr, "\r\033[K%-9s %s %s%s%.40s", what,
				    fmt_count(b1, (double)done), unit,
				    detail != NULL ? "  " : "",
				    detail != NULL ? detail : "");
				fflush(stderr);
			}
			bar.drawn = 1;
		}
	}
	pthread_mutex_unlock(&bar.lock);
}

/* db_progress hook: never cancels (Ctrl-C ends a read-only pass with
   the database as it was). */
static int
rows_read(void *arg, size_t done, size_t total)
{
	(void)arg;
	draw("reading  ", done, total, "rows", NULL);
	return 0;
}

/* rd_progress hook: the work after the read (util/progress.h). */
static void
work_done(void *arg, const char *what, size_t done, size_t total,
	const char *unit, const char *detail)
{
	char w[16];

	(void)arg;
	if (what != NULL) {
		snprintf(w, sizeof w, "%-9s", what);
		what = w;
	}
	draw(what, done, total, unit, detail);
}

/* At exit, a bar left by a read that failed is cleared. */
static void
clear_at_exit(void)
{
	if (bar.drawn)
		fputs("\r\033[K", stderr);
}

void
cmd_progress_install(void)
{
	static const struct db_progress pr = { rows_read, NULL };
	const char *e = getenv("RISKDESK_PROGRESS_DELAY");
	double v;

	if (!isatty(STDERR_FILENO))
		return;
	if (e != NULL && cmd_parse_num(e, &v) == 0 && v >= 0)
		bar.delay = v;
	db_progress_default(&pr);
	rd_progress_set(work_done, NULL);
	atexit(clear_at_exit);
}
