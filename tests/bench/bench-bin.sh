#!/bin/sh
# bench-bin.sh - time the characteristic analysis (fine classing and
# optimal coarse classing of every characteristic) of the 1,000,000-row
# synthetic population (not part of make check).
#
#   tests/bench/bench-bin.sh [<build dir>] [<rows>]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The population comes from
# gen-population.c (seed 1); income and months_on_file are imported with
# their special value -999.  Binned: the 15 characteristics app_date,
# channel, region, housing, employment, age, income, dti, utilisation,
# delinquencies, inquiries, months_on_file, requested_limit, ead, lgd
# (app_id and decision left out).  Goal: under 1 s for the binning.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/bench-lib.sh"
libs=$(core_libs "$build")
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-o "$tmp/gen" "$here/gen-population.c" -lm
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$build" -I"$src/src" -o "$tmp/bench-bin" "$here/bench-bin.c" \
	"$build/src/libriskdesk.a" $libs
"$tmp/gen" -n "$rows" -s 1 -o "$tmp/pop.csv"
"$build/riskdesk" import --db "$tmp/pop.db" --table pop --target bad \
	--bad 1 --good 0 --special income=-999 --special months_on_file=-999 \
	"$tmp/pop.csv" >/dev/null
"$tmp/bench-bin" "$tmp/pop.db" pop app_id decision
[ -z "${KEEP_DB:-}" ] || cp "$tmp/pop.db" "$KEEP_DB"
