#!/bin/sh
# bench-scale.sh - how every step over the rows grows with the rows (not
# part of make check): the synthetic population of gen-population.c at
# each size given (default 1,000,000 and 10,000,000), and for each size
# the time, CPU and peak memory of import, profile, bin, fit, validate,
# --report, decide --output and infer (fuzzy; the rows with decision
# "rejected" as rejects), with the floor in the same run: a sqlite3 scan
# reading every value of every column of the table (max() of each, so
# that no output is formatted; the steps read only some of the columns,
# so the ratios err in riskdesk's favour).  Prints each
# step's ratio to the floor, and between the last size and the first the
# growth of each step against the growth in rows.  Ratios are of CPU
# seconds (user + system), which other work on the machine disturbs less
# than the wall clock; both are printed.
#
#   tests/bench/bench-scale.sh [<build dir> [<rows> ...]]
#
# Each figure is the least CPU of REPEAT runs (default 3; REPEAT=1 for a
# quick look), the floor's as every step's.
# Goals: growth within
# 1.1 times the growth in rows, at most 2 times the scan, under 1 GB.
# A 10,000,000-row run needs some 4 GB of disk under TMPDIR and, on a
# 2-core machine, several minutes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
[ $# -gt 0 ] && shift
sizes=${*:-1000000 10000000}
rd="$build/riskdesk"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || { echo "bench-scale: sqlite3 is needed"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-scale: GNU time is needed"; exit 1; }

${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" \
	"$here/gen-population.c" -lm
sed 's/^scorecard: .*/scorecard: bench/' "$here/bench-policy.yaml" \
	>"$tmp/policy.yaml"

# run <label> <command...>: "<wall> <cpu> <MB>" into $tmp/<label>: of
# REPEAT runs (default 3), the one of least CPU (the others were slowed
# by the machine, not by the step), with the largest peak memory of all.
# A step that writes (import, fit, infer) writes the same each time.
repeat=${REPEAT:-3}
run() {
	lab=$1; shift
	best=; peak=0; k=0; times=$repeat
	# import makes the table: once.
	case $lab in import.*) times=1 ;; esac
	while [ "$k" -lt "$times" ]; do
		k=$((k + 1))
		if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/$lab.t" "$@" \
		    >/dev/null 2>"$tmp/$lab.err"; then
			echo "bench-scale: $lab failed:"; tail -n 3 "$tmp/$lab.err"
			exit 1
		fi
		read -r wall user sys kb <"$tmp/$lab.t"
		cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
		[ "$kb" -gt "$peak" ] && peak=$kb
		if [ -z "$best" ] || [ "$(echo "$cpu < $best" | bc)" -eq 1 ]; then
			best=$cpu; bwall=$wall
		fi
	done
	echo "$bwall $best $((peak / 1024))" >"$tmp/$lab"
}

steps="import profile bin fit validate report decide infer"
for n in $sizes; do
	db="$tmp/b$n.db"
	"$tmp/gen" -n "$n" -o "$tmp/pop.csv" >/dev/null 2>&1
	run "import.$n" "$rd" import --db "$db" --table bench --target bad \
		--bad 1 --id app_id --reject-when decision=rejected "$tmp/pop.csv"
	rm -f "$tmp/pop.csv"
	# The floor reads every value of every column and formats none:
	# max() of each column over the table.
	cols=$(sqlite3 "$db" "SELECT group_concat('max(\"' || name || '\")', ', ')
		FROM pragma_table_info('bench')")
	run "scan.$n" sqlite3 "$db" "SELECT $cols FROM bench"
	run "profile.$n" "$rd" profile --db "$db" --table bench
	run "bin.$n" "$rd" bin --db "$db" --table bench
	run "fit.$n" "$rd" fit --db "$db" --table bench --name bench
	run "validate.$n" "$rd" validate --db "$db" --name bench
	run "report.$n" "$rd" --report --db "$db" --policy "$tmp/policy.yaml"
	run "decide.$n" "$rd" decide --db "$db" --policy "$tmp/policy.yaml" \
		--output "$tmp/decisions.csv"
	run "infer.$n" "$rd" infer --db "$db" --table bench --from bench \
		--name bench_fuzzy --method fuzzy
	rm -f "$tmp/decisions.csv"
	read -r sw sc sm <"$tmp/scan.$n"
	printf '\nbench-scale: %s rows; floor: sqlite3 scan %s s wall, %s s CPU\n' \
		"$n" "$sw" "$sc"
	printf '  %-10s %8s %8s %8s %8s\n' step "wall s" "CPU s" "peak MB" "CPU/scan"
	for s in $steps; do
		read -r w c m <"$tmp/$s.$n"
		printf '  %-10s %8s %8s %8s %8.2f\n' "$s" "$w" "$c" "$m" \
			"$(echo "$c / $sc" | bc -l)"
	done
	rm -f "$db"
done

first=${sizes%% *}
last=${sizes##* }
if [ "$first" != "$last" ]; then
	g=$(echo "$last / $first" | bc -l)
	printf '\ngrowth from %s to %s rows (rows grew %.1f times; goal: a step\n' \
		"$first" "$last" "$g"
	printf 'grows at most %.1f times, is at most 2 times the scan, < 1 GB)\n' \
		"$(echo "$g * 1.1" | bc -l)"
	printf '  %-10s %8s %8s %8s %s\n' step "CPU x" "memory x" "/ scan" verdict
	read -r x sc1 y <"$tmp/scan.$last"
	for s in scan $steps; do
		read -r w0 c0 m0 <"$tmp/$s.$first"
		read -r w1 c1 m1 <"$tmp/$s.$last"
		r=$(echo "$c1 / ($c0 + 0.001)" | bc -l)
		v=$(echo "$r <= $g * 1.1 && $c1 <= 2 * $sc1 && $m1 < 1024" | bc)
		[ "$v" -eq 1 ] && v=met || v=missed
		# import writes the table the scan reads: not held to it.
		[ "$s" = import ] && v="- (writes the table)"
		[ "$s" = scan ] && v=-
		printf '  %-10s %8.1f %8.1f %8.2f %s\n' "$s" "$r" \
			"$(echo "$m1 / ($m0 + 0.001)" | bc -l)" \
			"$(echo "$c1 / $sc1" | bc -l)" "$v"
	done
fi
