/*
 * rsort.h - a stable sort of records by a double key, in linear time.
 *
 * The risk measures sort every row with an outcome by its score or PD
 * (AUC, KS, ROC, gains, Hosmer-Lemeshow groups); at a million rows a
 * comparison sort is most of their cost.  This is an LSD radix sort on
 * the key's IEEE 754 bits, 16 bits a pass, so it takes four passes
 * whatever the data.  It is stable and orders as a stable comparison sort
 * with "x < y" does: -0.0 and +0.0 are equal (their order kept), -inf
 * first, +inf last.  Keys must not be NaN (the callers drop NaN rows).
 */
#ifndef RD_UTIL_RSORT_H
#define RD_UTIL_RSORT_H

#include <stddef.h>

/*
 * Sort base[n] (records of size bytes) stably by the double at byte
 * offset key_off of each record, ascending.  Allocates 32 n + size n
 * bytes of scratch (xmalloc: exits on exhaustion, as the rest of the
 * model layer); n of 0 or 1 returns at once.
 */
void rsort_by_double(void *base, size_t n, size_t size, size_t key_off);

#endif
