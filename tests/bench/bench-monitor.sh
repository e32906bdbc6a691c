#!/bin/sh
# bench-monitor.sh - time riskdesk monitor on 12 months of snapshots of
# 1,000,000 accounts (12,000,000 snapshots; not part of make check).
#
#   tests/bench/bench-monitor.sh [<build dir>] [<accounts>] [<months>]
#
# Synthetic data: the applications are the 1,000 German rows repeated
# (ids 1..accounts), dated over the 12 months of 2023, all approved; each
# account has one snapshot a month over 2024 (months of them), its days
# past due a random walk (0 -> 1-29 -> 30-59 -> ... -> charged off, or
# back to 0), drawn by a fixed linear congruential generator.  Prints the
# wall-clock time, the CPU time and the peak memory (GNU time's maximum
# resident set size) of the import and of monitor, the time of a sqlite3
# scan of the same four columns in the same run and the ratio of the two,
# and whether monitor met the goal of 10 s.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
accounts=${2:-1000000}
months=${3:-12}
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-monitor.XXXXXX")
# BENCH_KEEP=1 keeps the scratch folder (its database) for a look after.
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
rd="$build/riskdesk"
goal=10

. "$here/bench-lib.sh"

# timed <label> <command...>: run, print the time and the peak memory.
timed() {
	label=$1; shift
	/usr/bin/time -v "$@" >"$tmp/out" 2>"$tmp/time" || {
		cat "$tmp/out" "$tmp/time"; exit 1; }
	printf "%-28s %8s s wall %8s s CPU %9s MB peak\n" "$label" \
	    "$(secs "$tmp/time")" "$(cpu "$tmp/time")" "$(peak "$tmp/time")"
}

awk -v n="$accounts" 'NR == 1 { sub(/\r$/, ""); h = $0; next }
	{ sub(/\r$/, ""); row[NR - 1] = $0 }
	END {
		printf "app_id,app_date,decision,%s\n", h
		for (i = 1; i <= n; i++)
			printf "%d,2023-%02d-15,approve,%s\n", i, i % 12 + 1,
			    row[(i - 1) % 1000 + 1]
	}' "$top/data/german_credit.csv" >"$tmp/apps.csv"
awk -v n="$accounts" -v m="$months" 'BEGIN {
	print "app_id,month,dpd,balance,charged_off"
	seed = 1
	for (i = 1; i <= n; i++) {
		b = 0
		for (k = 1; k <= m; k++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			u = seed / 2147483648
			if (b == 5) { }
			else if (u < 0.03 + 0.25 * (b > 0)) b++
			else if (b > 0 && u > 0.8) b = 0
			d = b == 0 ? 0 : b == 5 ? 150 : 30 * b - 15
			printf "%d,2024-%02d,%d,%d,%d\n", i, k, d, 1000 - 10 * k,
			    b == 5
		}
	}
}' >"$tmp/perf.csv"
echo "accounts $accounts, months $months, snapshots $((accounts * months))"

timed "import german" "$rd" import --db "$tmp/m.db" --table german \
	--target creditability --bad bad "$top/data/german_credit.csv"
timed "fit german" "$rd" fit --db "$tmp/m.db" --table german --name german
timed "import applications" "$rd" import --db "$tmp/m.db" \
	--table applications --id app_id "$tmp/apps.csv"
timed "import performance" "$rd" import --db "$tmp/m.db" \
	--table performance "$tmp/perf.csv"
rm -f "$tmp/apps.csv" "$tmp/perf.csv"
timed "sqlite3 scan of 4 columns" sqlite3 "$tmp/m.db" \
	'SELECT count(app_id), count(month), sum(dpd), sum(charged_off) FROM performance'
ref=$(secs "$tmp/time")
timed "monitor" "$rd" monitor --db "$tmp/m.db" --name german
t=$(secs "$tmp/time")
grep -E '^monitoring|pairs' "$tmp/out" | head -2
awk -v t="$t" -v r="$ref" -v g="$goal" 'BEGIN {
	printf "monitor / sqlite3 scan: %.1f x\n", (r > 0 ? t / r : 0)
	printf "goal %d s: %s\n", g, (t < g ? "met" : "NOT met") }'
[ -z "${BENCH_KEEP:-}" ] || echo "scratch kept: $tmp"
