/*
 * fault-inject.c - the failure points of tests/riskdesk-fault, a build of
 * riskdesk for fault-injection tests (tests/fault.sh), as SQLite's own
 * test builds fail the N-th allocation or write (test/malloc_common.tcl,
 * src/test_vfs.c).  Linked only into that program, never into riskdesk:
 *
 *   allocations  riskdesk's own malloc, calloc, realloc and vasprintf
 *                (ld --wrap, so every call from riskdesk's objects, the
 *                xmalloc family among them), and SQLite's allocator
 *                (SQLITE_CONFIG_MALLOC);
 *   writes       riskdesk's own write(2), fsync(2) and rename(2) (afile:
 *                every byte of an output file), and SQLite's xWrite,
 *                xTruncate and xSync, through a VFS that wraps the
 *                default one.
 *
 * Environment:
 *   RISKDESK_FAULT_MALLOC=N   the N-th allocation fails (1-based)
 *   RISKDESK_FAULT_IO=N       the N-th write, sync or rename fails:
 *                             ENOSPC (a full disk) for riskdesk's own,
 *                             SQLITE_FULL for SQLite's writes and
 *                             SQLITE_IOERR_FSYNC for its syncs
 *   RISKDESK_FAULT_PERSIST=1  and every one after it
 *   RISKDESK_FAULT_COUNT=file at exit, append "malloc <n> io <n>": how
 *                             many there were, for a test to loop over
 *
 * The counters are shared by the threads of an import, so with two
 * threads allocating the N-th allocation is not always the same call;
 * the properties a test checks hold for every N whatever it hits.
 * GSL, libyaml, jansson, libcsv and the C library allocate with their own
 * calls to malloc, which are not counted.
 */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long fail_malloc, fail_io;	/* 0: none */
static int persist;
static const char *count_file;
static atomic_long nmalloc, nio;

/* Whether the call just counted by counter (now n) must fail. */
static int
hit(long n, long at)
{
	return at > 0 && (n == at || (persist && n > at));
}

static int
malloc_fails(void)
{
	return hit(atomic_fetch_add(&nmalloc, 1) + 1, fail_malloc);
}

static int
io_fails(void)
{
	return hit(atomic_fetch_add(&nio, 1) + 1, fail_io);
}

/* ------------------------------------------- riskdesk's own calls */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
int __real_vasprintf(char **s, const char *fmt, va_list ap);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_rename(const char *from, const char *to);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
int __wrap_vasprintf(char **s, const char *fmt, va_list ap);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);
int __wrap_rename(const char *from, const char *to);

void *
__wrap_malloc(size_t n)
{
	if (malloc_fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_malloc(n);
}

void *
__wrap_calloc(size_t k, size_t n)
{
	if (malloc_fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_calloc(k, n);
}

void *
__wrap_realloc(void *p, size_t n)
{
	if (malloc_fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_realloc(p, n);
}

int
__wrap_vasprintf(char **s, const char *fmt, va_list ap)
{
	if (malloc_fails()) {
		errno = ENOMEM;
		return -1;
	}
	return __real_vasprintf(s, fmt, ap);
}

/* Only writes to files count: standard error must still say why. */
ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	if (fd > STDERR_FILENO && io_fails()) {
		errno = ENOSPC;
		return -1;
	}
	return __real_write(fd, buf, n);
}

int
__wrap_fsync(int fd)
{
	if (io_fails()) {
		errno = EIO;
		return -1;
	}
	return __real_fsync(fd);
}

int
__wrap_rename(const char *from, const char *to)
{
	if (io_fails()) {
		errno = ENOSPC;
		return -1;
	}
	return __real_rename(from, to);
}

/* ------------------------------------------------ SQLite's allocator */

static sqlite3_mem_methods real_mem;

static void *
mem_malloc(int n)
{
	return malloc_fails() ? NULL : real_mem.xMalloc(n);
}

static void *
mem_realloc(void *p, int n)
{
	return malloc_fails() ? NULL : real_mem.xRealloc(p, n);
}

/* ------------------------------------------------------- SQLite's VFS */

/* A file of the wrapping VFS: the real one follows it in memory. */
struct ffile {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;

#define REAL(f) (((struct ffile *)(f))->real)
#define CALL(f, m) (REAL(f)->pMethods->m)

static int
f_close(sqlite3_file *f)
{
	return CALL(f, xClose)(REAL(f));
}

static int
f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return CALL(f, xRead)(REAL(f), buf, n, off);
}

static int
f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (io_fails())
		return SQLITE_FULL;
	return CALL(f, xWrite)(REAL(f), buf, n, off);
}

static int
f_truncate(sqlite3_file *f, sqlite3_int64 n)
{
	if (io_fails())
		return SQLITE_IOERR_TRUNCATE;
	return CALL(f, xTruncate)(REAL(f), n);
}

static int
f_sync(sqlite3_file *f, int flags)
{
	if (io_fails())
		return SQLITE_IOERR_FSYNC;
	return CALL(f, xSync)(REAL(f), flags);
}

static int
f_size(sqlite3_file *f, sqlite3_int64 *n)
{
	return CALL(f, xFileSize)(REAL(f), n);
}

static int
f_lock(sqlite3_file *f, int l)
{
	return CALL(f, xLock)(REAL(f), l);
}

static int
f_unlock(sqlite3_file *f, int l)
{
	return CALL(f, xUnlock)(REAL(f), l);
}

static int
f_reserved(sqlite3_file *f, int *out)
{
	return CALL(f, xCheckReservedLock)(REAL(f), out);
}

static int
f_control(sqlite3_file *f, int op, void *arg)
{
	return CALL(f, xFileControl)(REAL(f), op, arg);
}

static int
f_sector(sqlite3_file *f)
{
	return CALL(f, xSectorSize)(REAL(f));
}

static int
f_device(sqlite3_file *f)
{
	return CALL(f, xDeviceCharacteristics)(REAL(f));
}

static int
f_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp)
{
	return CALL(f, xShmMap)(REAL(f), pg, sz, ext, pp);
}

static int
f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return CALL(f, xShmLock)(REAL(f), off, n, flags);
}

static void
f_shm_barrier(sqlite3_file *f)
{
	CALL(f, xShmBarrier)(REAL(f));
}

static int
f_shm_unmap(sqlite3_file *f, int del)
{
	return CALL(f, xShmUnmap)(REAL(f), del);
}

static int
f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	*pp = NULL;		/* no memory map: every write is a write */
	(void)f;
	(void)off;
	(void)n;
	return SQLITE_OK;
}

static int
f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods f_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock,
	f_unlock, f_reserved, f_control, f_sector, f_device, f_shm_map,
	f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch
};

static int
v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
	int *out)
{
	struct ffile *p = (struct ffile *)f;
	int rc;

	(void)vfs;
	p->real = (sqlite3_file *)(p + 1);
	rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
	p->base.pMethods = p->real->pMethods != NULL ? &f_methods : NULL;
	return rc;
}

static int
v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int
v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
v_fullpath(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int
v_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int
v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int
v_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int
v_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int
v_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs fault_vfs;

/* ---------------------------------------------------------- set up */

static long
env_long(const char *name)
{
	const char *s = getenv(name);

	return s != NULL ? atol(s) : 0;
}

static void
report_counts(void)
{
	FILE *f;

	if (count_file == NULL || (f = fopen(count_file, "a")) == NULL)
		return;
	fprintf(f, "malloc %ld io %ld\n", (long)atomic_load(&nmalloc),
	    (long)atomic_load(&nio));
	fclose(f);
}

__attribute__((constructor)) static void
fault_init(void)
{
	fail_malloc = env_long("RISKDESK_FAULT_MALLOC");
	fail_io = env_long("RISKDESK_FAULT_IO");
	persist = env_long("RISKDESK_FAULT_PERSIST") != 0;
	count_file = getenv("RISKDESK_FAULT_COUNT");
	if (count_file != NULL)
		atexit(report_counts);

	/* SQLite's own allocator is set when it initialises; it may be
	 * replaced only while it is shut down.  Then the VFS. */
	sqlite3_initialize();
	sqlite3_shutdown();
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem);
	{
		static sqlite3_mem_methods m;

		m = real_mem;
		m.xMalloc = mem_malloc;
		m.xRealloc = mem_realloc;
		sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
	}
	sqlite3_initialize();
	real_vfs = sqlite3_vfs_find(NULL);
	fault_vfs = *real_vfs;
	fault_vfs.iVersion = 2;
	fault_vfs.szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile;
	fault_vfs.zName = "riskdesk-fault";
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = v_open;
	fault_vfs.xDelete = v_delete;
	fault_vfs.xAccess = v_access;
	fault_vfs.xFullPathname = v_fullpath;
	fault_vfs.xRandomness = v_random;
	fault_vfs.xSleep = v_sleep;
	fault_vfs.xCurrentTime = v_time;
	fault_vfs.xGetLastError = v_error;
	fault_vfs.xCurrentTimeInt64 = v_time64;
	sqlite3_vfs_register(&fault_vfs, 1);
}
