/*
 * sha256.c - SHA-256 through nettle (see sha256.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "util/err.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

struct rd_sha256 {
	struct sha256_ctx ctx;
};

struct rd_sha256 *
rd_sha256_new(void)
{
	struct rd_sha256 *h = xmalloc(sizeof *h);

	sha256_init(&h->ctx);
	return h;
}

void
rd_sha256_update(struct rd_sha256 *h, const void *p, size_t n)
{
	sha256_update(&h->ctx, n, p);
}

void
rd_sha256_hex(struct rd_sha256 *h, char *hex)
{
	static const char digit[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(&h->ctx, sizeof d, d);
	for (i = 0; i < sizeof d; i++) {
		hex[2 * i] = digit[d[i] >> 4];
		hex[2 * i + 1] = digit[d[i] & 15];
	}
	hex[2 * sizeof d] = '\0';
	free(h);
}

void
rd_sha256_free(struct rd_sha256 *h)
{
	free(h);
}

void
rd_sha256_buf(const void *p, size_t n, char *hex)
{
	struct rd_sha256 *h = rd_sha256_new();

	rd_sha256_update(h, p, n);
	rd_sha256_hex(h, hex);
}

int
rd_sha256_file(const char *path, char *hex, struct rd_err *err)
{
	FILE *f = fopen(path, "rb");
	struct rd_sha256 *h;
	char buf[65536];
	size_t n;

	if (f == NULL)
		return rd_err_set(err, RD_EIO, "cannot read %s: %s", path,
		    strerror(errno));
	h = rd_sha256_new();
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		rd_sha256_update(h, buf, n);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		rd_sha256_free(h);
		return rd_err_set(err, RD_EIO, "cannot read %s: %s", path,
		    strerror(e));
	}
	fclose(f);
	rd_sha256_hex(h, hex);
	return 0;
}
