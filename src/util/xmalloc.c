/*
 * xmalloc.c - allocation that cannot fail (see xmalloc.h).
 */
/* vasprintf is a GNU and BSD extension. */
#define _GNU_SOURCE 1
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unistd.h>

#include "util/xmalloc.h"

void (*rd_fatal_hook)(void);

static void __attribute__((noreturn))
oom(size_t size)
{
	if (rd_fatal_hook != NULL)
		rd_fatal_hook();
	fprintf(stderr, "riskdesk: out of memory allocating %zu bytes\n", size);
	exit(4);
}

void
xmalloc_failed(size_t size)
{
	oom(size);
}

void
xmalloc_reuse(void)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && \
    defined(M_TRIM_THRESHOLD)
	(void)mallopt(M_MMAP_THRESHOLD, XMALLOC_REUSE_MMAP);
	(void)mallopt(M_TRIM_THRESHOLD, XMALLOC_REUSE_TRIM);
#endif
}

/*
 * A block of XMALLOC_HUGE bytes or more (a column of a large table, a
 * design matrix) is advised to the kernel for transparent huge pages: its
 * first touch then costs one fault per 2 MB instead of one per 4 kB page,
 * which on a million rows is most of the system time of a fit.  Advice
 * only (ignored where unsupported or disabled); the block is the
 * allocator's as ever and freed with free().
 */
#define XMALLOC_HUGE (4u << 20)

static void
advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t a, b;

	if (size < XMALLOC_HUGE || pg <= 0)
		return;
	a = ((uintptr_t)p + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
	b = ((uintptr_t)p + size) & ~((uintptr_t)pg - 1);
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		oom(size);
	advise_huge(p, size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	if (size == 0 || nmemb <= SIZE_MAX / size)
		advise_huge(p, nmemb * size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		oom(size);
	advise_huge(p, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(ptr, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	return p;
}
