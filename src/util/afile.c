/*
 * afile.c - output files that appear whole or not at all (see afile.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/afile.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct afile {
	char *path;		/* the target */
	char *tmp;		/* the temporary file beside it; NULL when
				   writing straight to a device or pipe */
	FILE *f;
};

struct afile *
afile_open(const char *path, struct rd_err *err)
{
	struct afile *a;
	struct stat st;
	int fd;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rd_err_set(err, RD_EIO, "cannot write %s: it is a directory",
		    path);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	/* A symbolic link is followed: the file it names is replaced, not
	   the link. */
	{
		char *real = NULL;

		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			real = realpath(path, NULL);
		a->path = real != NULL ? real : xstrdup(path);
		path = a->path;
	}
	/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written
	   as it is: renaming a file over it would replace it. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((a->f = fopen(path, "w")) == NULL) {
			rd_err_set(err, RD_EIO, "cannot write %s: %s", path,
			    strerror(errno));
			free(a->path);
			free(a);
			return NULL;
		}
		return a;
	}
	a->tmp = xasprintf("%s.tmp-XXXXXX", path);
	/* mkstemp creates the file 0600: owner-only from the start. */
	if ((fd = mkstemp(a->tmp)) < 0) {
		rd_err_set(err, RD_EIO, "cannot write %s: %s", path,
		    strerror(errno));
		free(a->tmp);
		free(a->path);
		free(a);
		return NULL;
	}
	if ((a->f = fdopen(fd, "w")) == NULL) {
		rd_err_set(err, RD_EIO, "cannot write %s: %s", path,
		    strerror(errno));
		close(fd);
		unlink(a->tmp);
		free(a->tmp);
		free(a->path);
		free(a);
		return NULL;
	}
	setvbuf(a->f, NULL, _IOFBF, 1 << 16);
	return a;
}

FILE *
afile_stream(struct afile *a)
{
	return a->f;
}

/* Sync the directory holding path, so the rename survives a crash. */
static void
sync_dir(const char *path)
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

static void
afile_free(struct afile *a)
{
	free(a->tmp);
	free(a->path);
	free(a);
}

int
afile_commit(struct afile *a, struct rd_err *err)
{
	int e = 0;

	if (ferror(a->f) || fflush(a->f) != 0)
		e = errno != 0 ? errno : EIO;
	else if (a->tmp != NULL && fsync(fileno(a->f)) != 0)
		e = errno;
	if (fclose(a->f) != 0 && e == 0)
		e = errno;
	a->f = NULL;
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
	sync_dir(a->path);
	afile_free(a);
	return 0;
}

void
afile_abort(struct afile *a)
{
	if (a == NULL)
		return;
	if (a->f != NULL)
		fclose(a->f);
	if (a->tmp != NULL)
		unlink(a->tmp);
	afile_free(a);
}
