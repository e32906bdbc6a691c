#!/bin/sh
# bench-import.sh - import speed and memory on a synthetic population.
#
# Builds the generator (gen-population.c), writes N rows (default
# 1,000,000; about 100 MB), then in the same run imports the file
#   1. with "riskdesk import" into a fresh database, typing every column,
#      recording the special values -999 and coding the target (bad 1,
#      good 0, rejected applicants indeterminate), and
#   2. with the sqlite3 shell's ".import --csv" into a fresh database
#      (every column TEXT, nothing checked),
# three times each, alternating, and prints the best wall-clock time of
# each (with its CPU time), their ratio and riskdesk's peak resident
# memory (GNU time's %M, the largest of the three runs).  The page cache
# is warmed first so both read the CSV from memory.  Then "riskdesk
# profile" of the imported table is timed (best of three).  Then the split
# extracts (applicants and performance) are imported and linked, timed
# as well.
#
# Usage: tests/bench/bench-import.sh [<riskdesk binary> [<rows>]]
# Missing tools (sqlite3, GNU time, a C compiler) are installed with
# apt-get, through sudo when not root.  Not part of "make check".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
riskdesk=${1:-${RISKDESK:-./riskdesk}}
rows=${2:-1000000}
case $riskdesk in /*) ;; *) riskdesk=$(pwd)/$riskdesk ;; esac
[ -x "$riskdesk" ] || { echo "bench: no riskdesk at $riskdesk" >&2; exit 2; }

install_pkg() {
	if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q "$@" >/dev/null
	else sudo apt-get install -y -q "$@" >/dev/null; fi
}
command -v sqlite3 >/dev/null 2>&1 || install_pkg sqlite3
[ -x /usr/bin/time ] || install_pkg time
command -v cc >/dev/null 2>&1 || install_pkg gcc

work=$(mktemp -d "${TMPDIR:-/tmp}/rd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cc -O2 -std=c11 -D_DEFAULT_SOURCE -o "$work/gen" "$here/gen-population.c" \
	-lm
"$work/gen" -n "$rows" -o "$work/pop.csv"
cat "$work/pop.csv" >/dev/null

# "timed <out> cmd...": append "wall-seconds peak-KB cpu-seconds" to out.
timed() {
	out=$1; shift
	/usr/bin/time -f '%e %M %U %S' -o "$out.1" "$@" >/dev/null
	awk '{ print $1, $2, $3 + $4 }' "$out.1" >>"$out"
}
# The line of file with the smallest first field.
best() { sort -n "$1" | head -n 1; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

# Three rounds, alternating, each into a fresh database; the best of each
# is reported (on a shared machine the best run is the least disturbed).
for round in 1 2 3; do
	rm -f "$work/rd.db" "$work/rd.db-journal" "$work/sq.db"
	timed "$work/rd.t" "$riskdesk" import --db "$work/rd.db" --table pop \
		--target bad --bad 1 --good 0 --special income=-999 \
		--special months_on_file=-999 "$work/pop.csv"
	timed "$work/sq.t" sqlite3 "$work/sq.db" \
		".import --csv $work/pop.csv pop"
done
set -- $(best "$work/rd.t"); rd_s=$1; rd_cpu=$3
set -- $(best "$work/sq.t"); sq_s=$1; sq_kb=$2; sq_cpu=$3
rd_kb=$(awk '$2 > m { m = $2 } END { print m }' "$work/rd.t")

size=$(wc -c <"$work/pop.csv")
echo "rows:             $rows ($(awk -v b="$size" \
	'BEGIN { printf "%.1f MB", b / 1e6 }'))"
echo "machine:          $(nproc) cores," \
	"$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
	"load average $(cut -d' ' -f1 /proc/loadavg)"
echo "riskdesk import:  $rd_s s (CPU $rd_cpu s), peak memory $(mb "$rd_kb")"
echo "sqlite3 .import:  $sq_s s (CPU $sq_cpu s), peak memory $(mb "$sq_kb")"
echo "ratio:            $(awk -v a="$rd_s" -v b="$sq_s" \
	'BEGIN { printf "%.2f", a / b }') (riskdesk / sqlite3, best of 3)"

# The profile of the imported table (one scan; every column's figures),
# best of three.
for round in 1 2 3; do
	timed "$work/pr.t" "$riskdesk" profile --db "$work/rd.db" --table pop
done
set -- $(best "$work/pr.t"); pr_s=$1; pr_cpu=$3
pr_kb=$(awk '$2 > m { m = $2 } END { print m }' "$work/pr.t")
echo "riskdesk profile: $pr_s s (CPU $pr_cpu s), peak memory $(mb "$pr_kb")"

# The link path: the same population as two extracts, imported and
# joined.
"$work/gen" -n "$rows" -a "$work/apps.csv" -p "$work/perf.csv"
timed "$work/a.t" "$riskdesk" import --db "$work/link.db" --table apps \
	--id app_id "$work/apps.csv"
timed "$work/p.t" "$riskdesk" import --db "$work/link.db" --table perf \
	--id account_id "$work/perf.csv"
timed "$work/l.t" "$riskdesk" link --db "$work/link.db" --applicants apps \
	--performance perf --on app_id --target bad --bad 1 --good 0 --as model
echo "link path:        import applicants $(cut -d' ' -f1 "$work/a.t") s," \
	"performance $(cut -d' ' -f1 "$work/p.t") s," \
	"link $(cut -d' ' -f1 "$work/l.t") s"
