/*
 * gen-rng.h - the deterministic random numbers and calendar arithmetic
 * shared by the data generators (gen-population.c for the benchmarks,
 * tests/gen-apps.c for the application files of the pipeline test).
 *
 * Header-only, libc and libm only, so a generator stays one standalone
 * file to compile.  The stream is splitmix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014), whose
 * state is a plain 64-bit counter: the same seed gives the same bytes on
 * every platform.  Normals are Box-Muller.  One generator per program:
 * the state is a file-scope variable of the including file.
 */
#ifndef RD_TESTS_GEN_RNG_H
#define RD_TESTS_GEN_RNG_H

#include <math.h>
#include <stdint.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static uint64_t rng_state;

/* The next 64 random bits. */
static inline uint64_t
splitmix64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform on [0, 1), 53 bits. */
static inline double
unif(void)
{
	return (double)(splitmix64() >> 11) * (1.0 / 9007199254740992.0);
}

/* Normal with mean mu and standard deviation sd (Box-Muller). */
static inline double
normal(double mu, double sd)
{
	double u1 = unif(), u2 = unif();

	if (u1 < 1e-300)
		u1 = 1e-300;
	return mu + sd * sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

/* Geometric count 0, 1, 2, ... with the given mean, capped at 30. */
static inline int
geometric(double mean)
{
	double p = 1 / (1 + mean);
	int k = 0;

	while (unif() > p && k < 30)
		k++;
	return k;
}

/* An index 0..n-1 drawn by the n-1 cumulative shares cum[]. */
static inline int
pick(const double *cum, int n)
{
	double u = unif();
	int k;

	for (k = 0; k < n - 1; k++)
		if (u < cum[k])
			return k;
	return n - 1;
}

static inline double
clip(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Days since 1970-01-01 to y-m-d (civil from days, H. Hinnant). */
static inline void
civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

#endif
