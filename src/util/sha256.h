/*
 * sha256.h - SHA-256 (FIPS 180-4) of a stream of bytes, through nettle,
 * for the fingerprints a decision run records: the policy file, the
 * scorecard, the input it decided on.
 */
#ifndef RD_UTIL_SHA256_H
#define RD_UTIL_SHA256_H

#include <stddef.h>

struct rd_err;
struct rd_sha256;

#define RD_SHA256_HEX 65	/* 64 hex digits and the NUL */

/* A fresh hash state (caller releases with rd_sha256_hex or
   rd_sha256_free).  Cannot fail (aborts on out of memory, as xmalloc). */
struct rd_sha256 *rd_sha256_new(void);

/* Add n bytes at p. */
void rd_sha256_update(struct rd_sha256 *h, const void *p, size_t n);

/* Finish h, write its digest as 64 lowercase hex digits and a NUL into
   hex[RD_SHA256_HEX], and free h. */
void rd_sha256_hex(struct rd_sha256 *h, char *hex);

/* Free h unfinished.  NULL is a no-op. */
void rd_sha256_free(struct rd_sha256 *h);

/* The digest of n bytes at p into hex[RD_SHA256_HEX]. */
void rd_sha256_buf(const void *p, size_t n, char *hex);

/*
 * The digest of the file at path into hex[RD_SHA256_HEX].  Returns 0, or
 * -1 with err RD_EIO naming the file and the system's reason.
 */
int rd_sha256_file(const char *path, char *hex, struct rd_err *err);

#endif
