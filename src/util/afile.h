/*
 * afile.h - an output file that appears whole or not at all.
 *
 * The content goes to a temporary file beside the target (same directory,
 * so the rename cannot cross file systems), created owner-only (0600);
 * afile_commit flushes it, syncs it to disk, renames it over the target
 * and syncs the directory, so a reader sees the old file or the new one,
 * never a mix, and a crash after the commit keeps the new one.
 * afile_abort (or a failed commit) removes the temporary file and leaves
 * the target as it was.  A killed run can leave only the temporary file,
 * named "<target>.tmp-XXXXXX".  A target that exists and is not a regular
 * file (/dev/null, /dev/stdout, a named pipe) is written directly, as a
 * rename would replace the device.  A symbolic link is followed: its
 * target is replaced.
 */
#ifndef RD_UTIL_AFILE_H
#define RD_UTIL_AFILE_H

#include <stdio.h>

struct rd_err;
struct afile;

/*
 * Start writing path.  Returns the writer, or NULL with err RD_EIO (the
 * directory does not exist or cannot be written; path is a directory).
 */
struct afile *afile_open(const char *path, struct rd_err *err);

/* The stream to write to (fully buffered). */
FILE *afile_stream(struct afile *a);

/*
 * Make the file whole at its path and free a.  Returns 0, or -1 with err
 * RD_EIO (a write error such as a full disk, the sync or the rename
 * failed), the target then as it was and a freed.
 */
int afile_commit(struct afile *a, struct rd_err *err);

/* Drop what was written and free a.  NULL is a no-op. */
void afile_abort(struct afile *a);

#endif
