/*
 * hash.h - the small hash functions the in-memory tables share.
 *
 * rd_fnv1a: FNV-1a of s[0..len) (Fowler, Noll and Vo), 32 bits, for the
 * open-addressing tables of text levels.  rd_hash_bytes: a 32-bit hash
 * of s[0..len) eight bytes at a time, one multiply per word where FNV-1a
 * has one per byte, for the table a read looks every text cell up in
 * (a value of the process only: native byte order).  rd_mix64: the finaliser of
 * splitmix64 (Steele, Lea and Flood 2014), a bijection of 64-bit words,
 * so that distinct integers get distinct keys.  rd_hash_double: rd_mix64
 * of a double's bits, -0.0 read as +0.0 (they compare equal), for tables
 * keyed by numbers (the tie groups of AUC and KS, validation cells).
 */
#ifndef RD_UTIL_HASH_H
#define RD_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t
rd_fnv1a(const unsigned char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

static inline uint64_t
rd_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/*
 * Each whole word w of s: h = (h ^ w) * k, h ^= h >> 32 (k odd: the
 * multiply is a bijection); the last bytes as one word; the result
 * rd_mix64's (below).
 */
static inline uint32_t
rd_hash_bytes(const unsigned char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)len, w;
	size_t k;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, sizeof w);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	for (w = 0, k = 0; k < len; k++)
		w |= (uint64_t)s[k] << (8 * k);
	return (uint32_t)rd_mix64(h ^ w);
}

static inline uint64_t
rd_hash_double(double x)
{
	uint64_t u;

	if (x == 0)
		x = 0;
	memcpy(&u, &x, sizeof u);
	return rd_mix64(u);
}

#endif
