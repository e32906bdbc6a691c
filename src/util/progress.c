/*
 * progress.c - the process's progress hook (progress.h).
 */
#include "config.h"

#include "util/progress.h"

static rd_progress_fn hook;
static void *hook_arg;

void
rd_progress_set(rd_progress_fn fn, void *arg)
{
	hook = fn;
	hook_arg = arg;
}

void
rd_progress(const char *what, size_t done, size_t total, const char *unit,
	const char *detail)
{
	if (hook != NULL)
		hook(hook_arg, what, done, total, unit, detail);
}

int
rd_progress_on(void)
{
	return hook != NULL;
}
