/*
 * afile.c - output files that appear whole or not at all (see afile.h).
 *
 * The list of temporary files still open is the one piece of process
 * state in riskdesk's core: the exit and a signal handler must find them
 * without a pointer to any object, as git's tempfile.c finds its own.
 * It is a fixed array of path pointers, each set only once its string is
 * whole and cleared before the string is freed, so a signal handler
 * reading it sees either no path or a whole one.
 */
/* fopencookie is a GNU extension. */
#define _GNU_SOURCE 1
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* Writers open at once, at most (a command has one or two). */
#define AFILE_PENDING 16

/* The stream's buffer: one write(2) per AFILE_BUF bytes.  (Given as
   setvbuf's own buffer: glibc keeps its default size, BUFSIZ or the
   file's block size, when setvbuf is given none.) */
#define AFILE_BUF (1 << 20)

struct afile {
	char *path;		/* the target */
	char *tmp;		/* the temporary file beside it; NULL when
				   writing straight to a device or pipe */
	FILE *f;
	char *buf;		/* f's buffer (AFILE_BUF bytes), freed after
				   f is closed */
	int fd;			/* of tmp; -1 when writing directly */
	int slot;		/* in pending[], or -1 */
	int werr;		/* errno of the first failed write, or 0 */
	off_t written;		/* bytes written to fd */
	off_t started;		/* of them, handed to write-back (drop_behind) */
	int had;		/* the target existed: keep its mode, owner */
	mode_t mode;
	uid_t uid;
	gid_t gid;
};

static char *volatile pending[AFILE_PENDING];
static int atexit_done;

void
afile_cleanup_now(void)
{
	size_t k;

	for (k = 0; k < AFILE_PENDING; k++) {
		char *p = pending[k];

		if (p != NULL)
			(void)unlink(p);
	}
}

static void
cleanup_at_exit(void)
{
	afile_cleanup_now();
}

int
afile_track(char *path)
{
	int k;

	if (!atexit_done) {
		atexit_done = 1;
		atexit(cleanup_at_exit);
	}
	for (k = 0; k < AFILE_PENDING; k++)
		if (pending[k] == NULL) {
			pending[k] = path;
			return k;
		}
	return -1;
}

void
afile_untrack(int handle)
{
	if (handle >= 0 && handle < AFILE_PENDING)
		pending[handle] = NULL;
}

/* Note a->tmp as open, for the exit and signal handlers. */
static void
pending_add(struct afile *a)
{
	a->slot = afile_track(a->tmp);
}

static void
pending_drop(struct afile *a)
{
	afile_untrack(a->slot);
	a->slot = -1;
}

/*
 * A large output (a decision file of millions of lines) is written back
 * AFILE_DROP bytes at a time as it grows, and each piece, once on disk,
 * dropped from the page cache (the pattern of dd's oflag=nocache): the
 * file's pages are then the same few recycled instead of as many new
 * ones as the file is long, which cost the kernel more to find and fill
 * than the copy itself, and the output does not push the database's
 * pages out of the cache.  An error the write-back meets is the write's
 * (afile_commit reports it); the commit's fsync still makes the whole
 * file durable.
 */
#define AFILE_DROP ((off_t)32 << 20)

static void
drop_behind(struct afile *a)
{
#if defined(SYNC_FILE_RANGE_WRITE) && defined(POSIX_FADV_DONTNEED)
	while (a->werr == 0 && a->written - a->started >= AFILE_DROP) {
		/* The newest whole piece to disk, not waited for ... */
		if (sync_file_range(a->fd, a->started, AFILE_DROP,
		    SYNC_FILE_RANGE_WRITE) != 0 && errno != ENOSYS &&
		    errno != EINVAL && errno != ESPIPE) {
			a->werr = errno;
			return;
		}
		/* ... and the one before, on disk by now, out of the cache. */
		if (a->started >= AFILE_DROP) {
			off_t prev = a->started - AFILE_DROP;

			if (sync_file_range(a->fd, prev, AFILE_DROP,
			    SYNC_FILE_RANGE_WAIT_BEFORE |
			    SYNC_FILE_RANGE_WRITE |
			    SYNC_FILE_RANGE_WAIT_AFTER) != 0 &&
			    errno != ENOSYS && errno != EINVAL &&
			    errno != ESPIPE) {
				a->werr = errno;
				return;
			}
			(void)posix_fadvise(a->fd, prev, AFILE_DROP,
			    POSIX_FADV_DONTNEED);
		}
		a->started += AFILE_DROP;
	}
#else
	(void)a;
#endif
}

/*
 * The one place the bytes of a regular target are written: every write
 * of the stream ends here, whole or with the first error kept (ENOSPC on
 * a full disk), which afile_commit reports.
 */
static ssize_t
cookie_write(void *arg, const char *buf, size_t n)
{
	struct afile *a = arg;
	size_t done = 0;

	/* 0, never -1, for an error (fopencookie(3)): glibc takes a
	   negative count for a huge one and reads past buf. */
	if (a->werr != 0) {
		errno = a->werr;
		return 0;
	}
	while (done < n) {
		ssize_t w = write(a->fd, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			a->werr = w < 0 ? errno : ENOSPC;
			errno = a->werr;
			return (ssize_t)done;
		}
		done += (size_t)w;
	}
	a->written += (off_t)n;
	if (a->tmp != NULL)
		drop_behind(a);
	if (a->werr != 0) {
		errno = a->werr;
		return 0;
	}
	return (ssize_t)n;
}

static int
cookie_close(void *arg)
{
	(void)arg;
	return 0;		/* the descriptor is closed by afile */
}

static void
afile_free(struct afile *a)
{
	pending_drop(a);
	free(a->buf);
	free(a->tmp);
	free(a->path);
	free(a);
}

struct afile *
afile_open(const char *path, struct rd_err *err)
{
	struct afile *a;
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rd_err_set(err, RD_EIO, "cannot write %s: it is a directory",
		    path);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->fd = -1;
	a->slot = -1;
	/* A symbolic link is followed: the file it names is replaced, not
	   the link. */
	{
		char *real = NULL;

		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			real = realpath(path, NULL);
		a->path = real != NULL ? real : xstrdup(path);
		path = a->path;
	}
	if (stat(path, &st) == 0) {
		/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is
		   written as it is: renaming a file over it would replace
		   it. */
		if (!S_ISREG(st.st_mode)) {
			if ((a->f = fopen(path, "w")) == NULL) {
				rd_err_set(err, RD_EIO, "cannot write %s: %s",
				    path, strerror(errno));
				afile_free(a);
				return NULL;
			}
			return a;
		}
		a->had = 1;
		a->mode = st.st_mode & 07777;
		a->uid = st.st_uid;
		a->gid = st.st_gid;
	}
	a->tmp = xasprintf("%s.tmp-XXXXXX", path);
	/* mkstemp: O_CREAT | O_EXCL, a random name, mode 0600. */
	if ((a->fd = mkstemp(a->tmp)) < 0) {
		rd_err_set(err, RD_EIO, "cannot write %s: %s", path,
		    strerror(errno));
		afile_free(a);
		return NULL;
	}
	pending_add(a);
#ifdef HAVE_FOPENCOOKIE
	{
		cookie_io_functions_t io = { NULL, cookie_write, NULL,
		    cookie_close };

		a->f = fopencookie(a, "w", io);
	}
#else
	a->f = fdopen(a->fd, "w");
#endif
	if (a->f == NULL) {
		rd_err_set(err, RD_EIO, "cannot write %s: %s", path,
		    strerror(errno));
		close(a->fd);
		unlink(a->tmp);
		afile_free(a);
		return NULL;
	}
	a->buf = xmalloc(AFILE_BUF);
	setvbuf(a->f, a->buf, _IOFBF, AFILE_BUF);
	return a;
}

FILE *
afile_stream(struct afile *a)
{
	return a->f;
}

void
afile_sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * Give the temporary file the mode, owner and group of the target it
 * replaces (see afile.h): 0 or an errno.
 */
static int
keep_mode(struct afile *a)
{
	mode_t mode = a->mode & 0777;

	if (!a->had)
		return 0;
	if (a->uid != geteuid() || a->gid != getegid()) {
		/* Only root may give a file away; anyone may pass it to
		   one of his groups.  What cannot be kept is not guessed. */
		if (fchown(a->fd, a->uid, a->gid) != 0 &&
		    fchown(a->fd, (uid_t)-1, a->gid) != 0)
			mode &= ~(mode_t)070;
	}
	return fchmod(a->fd, mode) != 0 ? errno : 0;
}

int
afile_commit(struct afile *a, struct rd_err *err)
{
	int e = 0;

	errno = 0;
	if (ferror(a->f) || fflush(a->f) != 0)
		e = a->werr != 0 ? a->werr : errno != 0 ? errno : EIO;
	if (e == 0 && a->tmp != NULL && fsync(a->fd) != 0)
		e = errno;
	if (e == 0 && a->tmp != NULL)
		e = keep_mode(a);
	if (fclose(a->f) != 0 && e == 0)
		e = a->werr != 0 ? a->werr : errno != 0 ? errno : EIO;
	a->f = NULL;
#ifdef HAVE_FOPENCOOKIE
	if (a->fd >= 0 && close(a->fd) != 0 && e == 0)
		e = errno;
#endif
	a->fd = -1;
	if (a->tmp == NULL) {
		if (e != 0)
			rd_err_set(err, RD_EIO, "cannot write %s: %s", a->path,
			    strerror(e));
		afile_free(a);
		return e != 0 ? -1 : 0;
	}
	if (e == 0 && rename(a->tmp, a->path) != 0)
		e = errno;
	if (e != 0) {
		rd_err_set(err, RD_EIO, "cannot write %s: %s (left as it "
		    "was)", a->path, strerror(e));
		unlink(a->tmp);
		afile_free(a);
		return -1;
	}
	pending_drop(a);
	afile_sync_dir(a->path);
	afile_free(a);
	return 0;
}

int
afile_fail(struct afile *a, struct rd_err *err)
{
	if (err != NULL && err->cls == RD_EIO && a->tmp != NULL &&
	    strlen(err->msg) + strlen(a->path) + 24 < sizeof err->msg)
		snprintf(err->msg + strlen(err->msg), sizeof err->msg -
		    strlen(err->msg), "; %s left as it was", a->path);
	afile_abort(a);
	return -1;
}

void
afile_abort(struct afile *a)
{
	if (a == NULL)
		return;
	if (a->f != NULL)
		fclose(a->f);
#ifdef HAVE_FOPENCOOKIE
	if (a->fd >= 0)
		close(a->fd);
#endif
	if (a->tmp != NULL)
		unlink(a->tmp);
	afile_free(a);
}

/* ------------------------------------------------ outputs and inputs */

/* Whether a and b name the same existing file. */
static int
same_file(const char *a, const char *b)
{
	struct stat x, y;

	return a != NULL && b != NULL && stat(a, &x) == 0 &&
	    stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Whether path is the journal, WAL or shared-memory file of the database
   at db (SQLite removes them: an output there would vanish), by name or,
   when both exist, by inode. */
static int
db_side_file(const char *path, const char *db)
{
	static const char *const side[] = { "-journal", "-wal", "-shm" };
	size_t k, n = strlen(db);
	int hit = 0;

	for (k = 0; k < sizeof side / sizeof side[0] && !hit; k++) {
		char *p = xasprintf("%s%s", db, side[k]);

		hit = (strncmp(path, db, n) == 0 &&
		    strcmp(path + n, side[k]) == 0) || same_file(path, p);
		free(p);
	}
	return hit;
}

/* Whether path is an existing file that starts as a SQLite database. */
static int
is_sqlite(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct stat st;
	FILE *f;
	int hit;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (f = fopen(path, "rb")) == NULL)
		return 0;
	hit = fread(head, 1, sizeof head, f) == sizeof head &&
	    memcmp(head, magic, sizeof magic) == 0;
	fclose(f);
	return hit;
}

int
afile_check_target(const char *opt, const char *path, const char *db,
	const char *const *inputs, size_t n, struct rd_err *err)
{
	size_t k;

	if (db != NULL && (same_file(path, db) || db_side_file(path, db)))
		return rd_err_set(err, RD_EUSAGE, "%s %s would overwrite the "
		    "database %s%s; choose another file", opt, path, db,
		    same_file(path, db) ? "" : " (its journal)");
	for (k = 0; k < n; k++)
		if (same_file(path, inputs[2 * k + 1]))
			return rd_err_set(err, RD_EUSAGE, "%s %s is %s of this "
			    "run (%s); choose another file", opt, path,
			    inputs[2 * k], inputs[2 * k + 1]);
	if (is_sqlite(path))
		return rd_err_set(err, RD_EUSAGE, "%s %s is a SQLite "
		    "database; riskdesk never overwrites one with an output: "
		    "choose another file", opt, path);
	return 0;
}
