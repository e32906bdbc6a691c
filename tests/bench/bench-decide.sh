#!/bin/sh
# bench-decide.sh - time 'riskdesk decide' on the synthetic population of
# gen-population.c (not part of make check).
#
#   tests/bench/bench-decide.sh [<build dir> [<rows>]]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The population is imported and
# a scorecard fitted on it (app_id the key column, as a nightly file has
# one), then
# tests/bench/bench-policy.yaml (3 knock-outs, 4 segments with score
# bands, limits by income band and pricing) decides every applicant to a
# CSV file with 4 adverse reasons per decline or refer.  The reference
# floor, in the same run: sqlite3 writing the same table to CSV (.mode
# csv, .once), every column.  Prints wall and CPU seconds, peak memory,
# applicants per second, and the ratio to the floor.  Goals: under 2 s at
# 1,000,000 rows, under 100 MB.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
rd="$build/riskdesk"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || { echo "bench-decide: sqlite3 is needed"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-decide: GNU time (/usr/bin/time) is needed"; exit 1; }

${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" \
	"$here/gen-population.c" -lm
"$tmp/gen" -n "$rows" -o "$tmp/pop.csv" >/dev/null 2>&1
"$rd" import --db "$tmp/b.db" --table bench --target bad --bad 1 --id app_id \
	"$tmp/pop.csv" >/dev/null
"$rd" fit --db "$tmp/b.db" --table bench --name bench >/dev/null
sed 's/^scorecard: .*/scorecard: bench/' "$here/bench-policy.yaml" \
	>"$tmp/policy.yaml"

. "$here/bench-lib.sh"
best decide "$rd" decide --db "$tmp/b.db" --policy "$tmp/policy.yaml" \
	--output "$tmp/decisions.csv"
best sqlite sqlite3 "$tmp/b.db" ".mode csv" ".once $tmp/dump.csv" \
	"SELECT * FROM bench"
read -r dw dc dm <"$tmp/decide"
read -r sw sc sm <"$tmp/sqlite"
lines=$(($(wc -l <"$tmp/decisions.csv") - 1))
printf 'bench-decide: %s applicants, %s records\n' "$rows" "$lines"
printf '  %-28s %8s %8s %8s %14s\n' step "wall s" "CPU s" "peak MB" applicants/s
printf '  %-28s %8s %8s %8s %14.0f\n' "riskdesk decide" "$dw" "$dc" "$dm" \
	"$(echo "$rows / $dw" | bc -l)"
printf '  %-28s %8s %8s %8s %14.0f\n' "sqlite3 .mode csv (floor)" "$sw" "$sc" \
	"$sm" "$(echo "$rows / $sw" | bc -l)"
printf '  ratio decide / floor: %.2f (wall)\n' "$(echo "$dw / $sw" | bc -l)"
ok=$(echo "$dw < 2 && $dm < 100" | bc)
[ "$ok" -eq 1 ] && echo "  goals met: under 2 s and 100 MB" ||
	echo "  goal missed: under 2 s and 100 MB"
