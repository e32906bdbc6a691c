/*
 * xmalloc.h - allocation that cannot fail.  Out of memory is not a
 * condition riskdesk can recover from, so these print a message and exit
 * (after the TUI, if any, restored the terminal through rd_fatal_hook).
 * Callers need no NULL checks.  Every returned block is freed with free().
 */
#ifndef RD_UTIL_XMALLOC_H
#define RD_UTIL_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* As realloc; the old pointer is dead after the call. */
void *xrealloc(void *ptr, size_t size);
/* As reallocarray: nmemb * size checked for overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called (if set) before exiting on out-of-memory; the TUI sets endwin. */
extern void (*rd_fatal_hook)(void);

/* An allocation of size bytes that failed elsewhere (SQLite's copy of a
   bound value): the exit every x* function takes, "riskdesk: out of
   memory", status 4, after rd_fatal_hook.  Does not return. */
void xmalloc_failed(size_t size) __attribute__((noreturn));

/*
 * Keep freed memory for the next allocations instead of handing it back
 * to the kernel: blocks under XMALLOC_REUSE_MMAP bytes come from the heap
 * (not a mapping of their own), and the heap is trimmed only when more
 * than XMALLOC_REUSE_TRIM bytes are free at its top.  For a run that
 * allocates and frees the same arrays slice after slice (the sliced
 * policy report): each slice then reuses the last one's pages instead of
 * faulting fresh zeroed ones in, some 40,000 page faults and 10 to 15 %
 * of the processor time of --report at a million rows.  Costs at most
 * XMALLOC_REUSE_TRIM bytes kept free.  glibc only (mallopt); elsewhere
 * it does nothing.  Process-wide: call it once, before the slices.
 */
#define XMALLOC_REUSE_MMAP (4 << 20)
#define XMALLOC_REUSE_TRIM (16 << 20)
void xmalloc_reuse(void);

#endif
