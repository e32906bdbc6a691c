#!/bin/sh
# fuzz.sh - build the fuzz targets of tests/fuzz/ with clang's libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer, and run each for a
# while.  Called by `make fuzz` (which passes the compiler flags, the
# libraries and the library's sources); by hand:
#
#   make fuzz                      # every target, 60 s each
#   make fuzz FUZZ_TIME=600 FUZZ_TARGETS="csv policy"
#
# Needs clang with libFuzzer (Debian: clang).  Builds under
# $builddir/fuzz-build/: riskdesk's library compiled again with coverage
# instrumentation (-fsanitize=fuzzer-no-link), then one program per
# target.  Each runs from its committed seed corpus
# (tests/fuzz/corpus/<target>/, read only) plus fuzz-build/corpus-<target>/
# (what it finds, kept between runs); a crash, leak or sanitizer report
# stops it, leaves the input as fuzz-build/<target>-crash-<sha1> and
# fails.  Turn such an input into a regression test: copy it into
# tests/fuzz/corpus/<target>/ (make check replays it) with the fix.
set -eu
: "${FUZZ_CC:=clang}"
: "${FUZZ_TIME:=60}"
: "${FUZZ_TARGETS:=csv import policy expr binspec card sqlexpr}"
: "${srcdir:=.}"
: "${builddir:=.}"
: "${FUZZ_CPPFLAGS:?}"
: "${FUZZ_LIBS:?}"
: "${FUZZ_SOURCES:?}"
if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	echo "fuzz: $FUZZ_CC not found: install clang (apt-get install clang)"
	exit 1
fi
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-g -O1 -fno-omit-frame-pointer -std=c11 -pthread $san"
out="$builddir/fuzz-build"
mkdir -p "$out/lib"

# The library, instrumented for coverage.  A source newer than its
# object is compiled again (headers: `rm -rf fuzz-build` after changing
# one).
objs=""
for s in $FUZZ_SOURCES; do
	case $s in *.c) ;; *) continue ;; esac
	o="$out/lib/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')"
	if [ ! -f "$o" ] || [ "$srcdir/$s" -nt "$o" ]; then
		# shellcheck disable=SC2086
		"$FUZZ_CC" $cflags -fsanitize=fuzzer-no-link $FUZZ_CPPFLAGS \
		    -c "$srcdir/$s" -o "$o"
	fi
	objs="$objs $o"
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in $FUZZ_TARGETS; do
	# shellcheck disable=SC2086
	"$FUZZ_CC" $cflags -fsanitize=fuzzer $FUZZ_CPPFLAGS \
	    -DRD_SRCDIR="\"$(cd "$srcdir" && pwd)\"" \
	    "$srcdir/tests/fuzz/fuzz-$t.c" "$srcdir/tests/fuzz/fuzz-util.c" \
	    $objs $FUZZ_LIBS -o "$out/fuzz-$t"
	mkdir -p "$out/corpus-$t"
	echo "fuzz: $t for $FUZZ_TIME s"
	if ! "$out/fuzz-$t" -max_total_time="$FUZZ_TIME" -timeout=20 \
	    -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
	    -artifact_prefix="$out/$t-" "$out/corpus-$t" \
	    "$srcdir/tests/fuzz/corpus/$t" >"$out/$t.log" 2>&1; then
		echo "fuzz: $t FAILED: see $out/$t.log and $out/$t-*"
		tail -n 40 "$out/$t.log"
		status=1
	else
		grep -E '^stat::number_of_executed_units|^Done' "$out/$t.log" |
		    sed "s/^/fuzz: $t: /"
	fi
done
exit "$status"
