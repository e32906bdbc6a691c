/*
 * rsort.c - a stable LSD radix sort of records by a double key (rsort.h).
 *
 * Each key maps to an unsigned 64-bit integer whose order is the
 * double's: a non-negative double sets the sign bit, a negative one
 * flips every bit (the usual order-preserving map of IEEE 754 bits);
 * -0.0 maps as +0.0 so that the two stay equal.  (key, index) pairs are
 * sorted by four counting passes of 16 bits, a pass skipped when every
 * key has the same digit, then the records are permuted once.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/rsort.h"
#include "util/xmalloc.h"

struct kv {
	uint64_t k;
	size_t i;
};

static uint64_t
key_bits(double d)
{
	uint64_t u;

	if (d == 0)
		d = 0.0;	/* -0.0 sorts as +0.0 */
	memcpy(&u, &d, sizeof u);
	return (u & UINT64_C(0x8000000000000000)) ? ~u :
	    u | UINT64_C(0x8000000000000000);
}

void
rsort_by_double(void *base, size_t n, size_t size, size_t key_off)
{
	unsigned char *b = base, *tmp;
	struct kv *a, *c, *t;
	size_t *count, i, pass;

	if (n < 2)
		return;
	a = xmalloc(n * sizeof *a);
	c = xmalloc(n * sizeof *c);
	count = xmalloc(65536 * sizeof *count);
	for (i = 0; i < n; i++) {
		double d;

		memcpy(&d, b + i * size + key_off, sizeof d);
		a[i].k = key_bits(d);
		a[i].i = i;
	}
	for (pass = 0; pass < 4; pass++) {
		unsigned shift = (unsigned)(16 * pass);
		size_t sum = 0, d;

		memset(count, 0, 65536 * sizeof *count);
		for (i = 0; i < n; i++)
			count[(a[i].k >> shift) & 0xffff]++;
		if (count[(a[0].k >> shift) & 0xffff] == n)
			continue;	/* one digit: the order stands */
		for (d = 0; d < 65536; d++) {
			size_t x = count[d];

			count[d] = sum;
			sum += x;
		}
		for (i = 0; i < n; i++)
			c[count[(a[i].k >> shift) & 0xffff]++] = a[i];
		t = a;
		a = c;
		c = t;
	}
	tmp = xmalloc(n * size);
	for (i = 0; i < n; i++)
		memcpy(tmp + i * size, b + a[i].i * size, size);
	memcpy(b, tmp, n * size);
	free(tmp);
	free(count);
	free(a);
	free(c);
}
