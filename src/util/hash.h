/*
 * hash.h - the small hash functions the in-memory tables share.
 *
 * rd_fnv1a: FNV-1a of s[0..len) (Fowler, Noll and Vo), 32 bits, for the
 * open-addressing tables of text levels.  rd_mix64: the finaliser of
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
