#!/bin/sh
# bench-collect.sh - time riskdesk collect on a synthetic portfolio of
# 1,000,000 accounts over 12 months (12,000,000 snapshots; not part of
# make check): rates, tests, the plan of the last month with a
# challenger beside it, and the optimiser, against a sqlite3 scan of the
# same two tables in the same run.
#
#   tests/bench/bench-collect.sh [<build dir>] [<accounts>] [<months>]
#
# <build dir> is a configured and built tree (default: the current
# directory).  Prints the wall-clock time, the CPU time and the peak
# memory (GNU time's maximum resident set size) of each step, the ratio
# of collect to the scan, and whether collect met the goal of 10 s.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
accounts=${2:-1000000}
months=${3:-12}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rd="$build/riskdesk"
top=$(cd "$here/../.." && pwd)
goal=10

gen="$build/tests/bench/gen-collect"
if [ ! -x "$gen" ]; then
	${CC:-cc} -std=c11 -O2 -o "$tmp/gen" "$here/gen-collect.c" -lm
	gen="$tmp/gen"
fi
"$gen" "$accounts" "$months" 21 "$tmp/perf.csv" "$tmp/actions.csv"

. "$here/bench-lib.sh"

# timed <label> <command...>: run, print the time and the peak memory.
timed() {
	label=$1; shift
	/usr/bin/time -v "$@" >"$tmp/out" 2>"$tmp/time" || {
		cat "$tmp/out" "$tmp/time"; exit 1; }
	printf "%-28s %8s s wall %8s s CPU %9s MB peak\n" "$label" \
	    "$(secs "$tmp/time")" "$(cpu "$tmp/time")" "$(peak "$tmp/time")"
}

timed "import snapshots" "$rd" import --db "$tmp/c.db" --table perf \
	"$tmp/perf.csv"
timed "import treatments" "$rd" import --db "$tmp/c.db" --table actions \
	"$tmp/actions.csv"
rm -f "$tmp/perf.csv" "$tmp/actions.csv"
sqlite3 "$tmp/c.db" "SELECT 'snapshots', count(*) FROM perf;
    SELECT 'treatments', count(*) FROM actions"
timed "sqlite3 scan of both" sqlite3 "$tmp/c.db" \
	"SELECT count(*), sum(bucket), sum(balance), max(month) FROM perf;
	 SELECT count(*), max(treatment) FROM actions;"
scan=$(secs "$tmp/time")
# The policy's capacities scaled to the portfolio (the bundled example
# has 5,000 accounts).
scale=$((accounts / 5000)); [ "$scale" -ge 1 ] || scale=1
for p in collections collections-challenger; do
	sed "s/capacity: {call: 30, field: 15}/capacity: {call: $((30 * scale)), field: $((15 * scale))}/" \
	    "$top/policies/$p.yaml" >"$tmp/$p.yaml"
done
timed "collect (with challenger)" "$rd" collect --db "$tmp/c.db" \
	--policy "$tmp/collections.yaml" \
	--challenger "$tmp/collections-challenger.yaml"
s=$(secs "$tmp/time")
grep -E '^(history|plan|challenger plan):|LP bound' "$tmp/out"
awk -v s="$s" -v r="$scan" 'BEGIN { printf "collect / sqlite3 scan: %.2f\n", s / (r > 0 ? r : 0.001) }'
if awk -v s="$s" -v g="$goal" 'BEGIN { exit !(s < g) }'; then
	echo "collect under ${goal} s: yes"
else
	echo "collect under ${goal} s: NO"
fi
