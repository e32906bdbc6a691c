/*
 * fuzz.h - what the fuzz targets of tests/fuzz/ share.
 *
 * Each target is one file defining LLVMFuzzerTestOneInput (libFuzzer's
 * entry point), built two ways:
 *   - with clang -fsanitize=fuzzer,address,undefined by `make fuzz`
 *     (libFuzzer drives it, coverage-guided, from its seed corpus);
 *   - with replay.c, a plain main() that feeds it every file of its
 *     corpus tests/fuzz/corpus/<target>/ once, by `make check` with the
 *     usual compiler, so that every test run (and CI's sanitizer build)
 *     replays the seeds and every crash ever found.
 * A target must not crash, leak or trip a sanitizer on any input; bad
 * input is an error returned by riskdesk, which the target ignores.  A
 * target aborts (a finding) when a property it checks fails.
 *
 * Files: the readers under test take paths, so an input is written to a
 * scratch file first (fuzz_file), in $TMPDIR, removed at exit.
 * Databases are in memory (":memory:"), made once per process where a
 * target needs a table to check against (fuzz_german).
 */
#ifndef RD_TESTS_FUZZ_H
#define RD_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#ifndef RD_SRCDIR
#define RD_SRCDIR "."
#endif

struct desk;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Write data[size] to this process's scratch file with suffix ext
 * (".csv", ".yaml") and return its path (static; the same path on every
 * call with the same ext).  Aborts when it cannot be written.
 */
const char *fuzz_file(const uint8_t *data, size_t size, const char *ext);

/* data[size] as a NUL-terminated heap string (a NUL inside ends it). */
char *fuzz_string(const uint8_t *data, size_t size);

/*
 * A desk on an in-memory database holding table "german_credit" (the
 * bundled German credit data, target creditability, bad "bad"), made on
 * the first call and kept for the process.
 */
struct desk *fuzz_german(void);

#endif
