#!/bin/sh
# bench-sim.sh - time a policy simulation and a cutoff move over the
# synthetic population of gen-population.c (not part of make check).
#
#   tests/bench/bench-sim.sh [<build dir> [<rows>]]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  Prints the time to simulate
# tests/bench/bench-policy.yaml (4 segments, 3 knock-outs) and the time to
# recompute every figure after one segment's cutoff moves, as wall-clock
# and CPU time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
$cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" "$here/gen-population.c" -lm
"$tmp/gen" -n "$rows" -o "$tmp/pop.csv"
. "$here/bench-lib.sh"
libs=$(core_libs "$build")
$cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$build" -I"$src/src" -o "$tmp/bench-sim" "$here/bench-sim.c" \
	"$build/src/libriskdesk.a" $libs
"$tmp/bench-sim" "$tmp/bench.db" "$tmp/pop.csv" "$here/bench-policy.yaml"
