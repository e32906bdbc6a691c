#!/bin/sh
# bench-infer.sh - time reject inference on the 1,000,000-row synthetic
# population (not part of make check): its rows with decision=rejected
# are the rejects (import --reject-when decision=rejected), a KGB
# scorecard is fitted on the accepts, and each method of riskdesk infer
# is timed, then infer --compare and the masked-accept benchmark.
#
#   tests/bench/bench-infer.sh [<build dir>] [<rows>]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  Prints per step the wall-clock
# time, the CPU time and the peak memory (GNU time's maximum resident set
# size), and whether each method met the goal of 5 s.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rd="$build/riskdesk"
goal=5

gen="$build/tests/bench/gen-population"
if [ ! -x "$gen" ]; then
	${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o "$tmp/gen" \
	    "$here/gen-population.c" -lm
	gen="$tmp/gen"
fi
"$gen" -n "$rows" -s 1 -o "$tmp/pop.csv"

. "$here/bench-lib.sh"

# timed <label> <command...>: run, print the time and the peak memory.
timed() {
	label=$1; shift
	/usr/bin/time -v "$@" >"$tmp/out" 2>"$tmp/time" || {
		cat "$tmp/out" "$tmp/time"; exit 1; }
	printf "%-28s %8s s wall %8s s CPU %9s MB peak\n" "$label" \
	    "$(secs "$tmp/time")" "$(cpu "$tmp/time")" "$(peak "$tmp/time")"
}

timed "import" "$rd" import --db "$tmp/pop.db" --table pop --target bad \
	--bad 1 --good 0 --reject-when decision=rejected "$tmp/pop.csv"
grep -E '^(rows|rejects)' "$tmp/out" || true
timed "fit KGB" "$rd" fit --db "$tmp/pop.db" --table pop --name kgb \
	--exclude app_date,ead,lgd
grep -E 'left out|decision' "$tmp/out" | head -3
for m in hard-cutoff fuzzy parceling reweighting; do
	timed "infer --method $m" "$rd" infer --db "$tmp/pop.db" --from kgb \
		--name "inf_$m" --method "$m"
	s=$(secs "$tmp/time")
	if awk -v s="$s" -v g="$goal" 'BEGIN { exit !(s < g) }'; then
		echo "  under ${goal} s: yes"
	else
		echo "  under ${goal} s: NO"
	fi
	grep -E "^rejects' bad rate" "$tmp/out" || true
done
timed "infer --compare (fuzzy)" "$rd" infer --db "$tmp/pop.db" --compare \
	--name inf_fuzzy
timed "infer --masked 0.2 (all four)" "$rd" infer --db "$tmp/pop.db" \
	--from kgb --masked 0.2
sed -n '/^method/,/^KGB, all/p' "$tmp/out"
