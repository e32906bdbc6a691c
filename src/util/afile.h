/*
 * afile.h - an output file that appears whole or not at all.
 *
 * Every file riskdesk writes outside its database (a report, decisions,
 * a binning spec, a policy with moved cutoffs) goes through this module.
 * The content goes to a temporary file beside the target (same directory,
 * so the rename cannot cross file systems), created by mkstemp: an
 * unpredictable name, O_EXCL, owner-only (0600).  afile_commit flushes
 * it, syncs it to disk, gives it the target's mode when the target
 * exists (see below), renames it over the target and syncs the
 * directory, so a reader sees the old file or the new one, never a mix,
 * and a crash after the commit keeps the new one.  afile_abort (or a
 * failed commit: a full disk, a write error) removes the temporary file
 * and leaves the target as it was.
 *
 * Modes.  A new file is 0600: riskdesk's outputs hold personal data
 * (applicants, their scores and decisions), which other local users have
 * no business reading, whatever the umask.  A file that exists keeps its
 * mode, and its owner and group where the process may set them: its
 * owner chose them (a report shared 0640 with an audit group), and a
 * rewrite is no occasion to change who may read it.  When the group
 * cannot be kept, its permission bits are dropped rather than handed to
 * another group.
 *
 * Interruption.  Temporary files still open are removed when the process
 * exits (exit(), including xmalloc's "out of memory"), and
 * afile_cleanup_now removes them from a signal handler.  Only a SIGKILL or
 * a crash can leave one: "<target>.tmp-XXXXXX", owner-only, never the
 * target itself half written.
 *
 * A target that exists and is not a regular file (/dev/null, /dev/stdout,
 * a named pipe) is written directly, as a rename would replace the
 * device.  A symbolic link is followed: its target is replaced.
 *
 * All bytes of a regular target pass through one write(2) call site (and
 * its sync through fsync(2), the rename through rename(2)), so a test
 * build can make the N-th of them fail (tests/fault/fault-inject.c).
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

/*
 * After a writer failed on afile_stream(a) with err: afile_abort(a), and
 * when err is a write error (RD_EIO) of a regular target, add to its
 * message that the target was "left as it was".  Returns -1.
 */
int afile_fail(struct afile *a, struct rd_err *err);

/* Drop what was written and free a.  NULL is a no-op. */
void afile_abort(struct afile *a);

/*
 * Remove every temporary file of a writer not yet committed or aborted.
 * Async-signal-safe (unlink(2) only): for a SIGINT or SIGTERM handler
 * that ends the process.  The writers themselves are left to the exit.
 */
void afile_cleanup_now(void);

/*
 * Track another file the process makes under a temporary name (a new
 * database built before it is linked into place): it is removed at exit
 * and by afile_cleanup_now until afile_untrack(handle).  path is borrowed
 * until then.  Returns the handle, or -1 when too many files are tracked
 * (the caller then removes it alone).
 */
int afile_track(char *path);

/* Stop tracking (the file was put in place or removed).  -1 is a no-op. */
void afile_untrack(int handle);

/*
 * Sync the directory holding path (fsync of the directory), so that a
 * rename or link into it survives a crash.  Errors are ignored: the file
 * itself is synced already, and some file systems cannot sync a
 * directory.
 */
void afile_sync_dir(const char *path);

/*
 * Refuse an output path that would destroy an input of the run: the same
 * file (device and inode, not the name) as db or as any of the n inputs,
 * given as pairs inputs[2k] what it is ("the policy"), inputs[2k + 1]
 * its path (may be NULL), one of the database's journal, write-ahead log
 * or shared-memory files, or any existing SQLite database (its first 16
 * bytes "SQLite format 3").  opt names the option in the message
 * ("--output", "--export").  db may be NULL.  Returns 0, or -1 with err
 * RD_EUSAGE saying which input the path is.
 */
int afile_check_target(const char *opt, const char *path, const char *db,
	const char *const *inputs, size_t n, struct rd_err *err);

#endif
