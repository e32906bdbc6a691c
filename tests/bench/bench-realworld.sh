#!/bin/sh
# bench-realworld.sh - time the whole bin, fit and --report commands on a
# card issuer's application file of 1,000,000 rows, with and without its
# unique application id (not part of make check).
#
#   tests/bench/bench-realworld.sh [<build dir>] [<rows>]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The file comes from
# tests/gen-apps --kind bench --seed 1: app_id (8 characters, unique),
# app_date (ISO) and 15 characteristics (age, sex and education coded,
# occupation and city in Chinese, a 6-digit postcode with 2,000 levels,
# monthly income, debt-ratio, n.inquiries, months_at_address with -999,
# bureau_score with 9999, n_delinq with 96/98, branch_code and n_products
# with leading zeros, requested limit) and the outcome bad (about 10%
# unknown).  The same rows without app_id make the second file.  Each is
# imported into a database of its own (timed for information), then timed
# in turn:
#   bin       riskdesk bin: fine and coarse classing of every column
#   fit       riskdesk fit: classing again (no binning saved) and the
#             scorecard
#   report    riskdesk --report of the policy gen-apps writes for the file
#             (3 knock-outs, 5 segments, score bands with limits and APR)
# Goals with the id: bin < 2 s, fit < 3 s, report < 2 s (wall).  Prints
# wall and CPU seconds, peak memory, the ratio with / without the id, and
# the load average before and after.  A command that takes longer than
# BENCH_TIMEOUT seconds (default 600) is stopped and shown as such.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
limit=${BENCH_TIMEOUT:-600}
rd="$build/riskdesk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
load0=$(load)

${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$src/tests" -o "$tmp/gen-apps" "$src/tests/gen-apps.c" -lm
for f in id noid; do
	without=""; [ "$f" = noid ] && without="--without id"
	# shellcheck disable=SC2086
	"$tmp/gen-apps" --kind bench --seed 1 --rows "$rows" $without \
	    --policy "$tmp/$f.yaml" --scorecard "card_$f" --population apps \
	    >"$tmp/$f.csv"
done

# run <label> <command...>: time the command (GNU time); $tmp/<label>
# holds "<wall> <CPU> <MB>", "stopped" or "exit <status>".
run() {
	lab=$1; shift
	rc=0
	timeout "$limit" /usr/bin/time -f '%e %U %S %M' -o "$tmp/$lab.t" \
	    "$@" >"$tmp/$lab.out" 2>"$tmp/$lab.err" || rc=$?
	if [ "$rc" -eq 0 ]; then
		read -r wall user sys kb <"$tmp/$lab.t"
		echo "$wall $(echo "$user + $sys" | bc) $((kb / 1024))" \
		    >"$tmp/$lab"
	elif [ "$rc" -eq 124 ]; then
		echo "stopped after $limit s" >"$tmp/$lab"
	else
		echo "exit $rc" >"$tmp/$lab"
		sed "s/^/  $lab: /" "$tmp/$lab.err" | grep -v '^  [^:]*: *Command' |
		    head -n 2 >>"$tmp/errors"
	fi
}
: >"$tmp/errors"

for f in id noid; do
	db="$tmp/$f.db"
	run "import-$f" "$rd" import --db "$db" --table apps --target bad \
	    --bad 1 "$tmp/$f.csv"
	run "bin-$f" "$rd" bin --db "$db" --table apps
	run "fit-$f" "$rd" fit --db "$db" --table apps --name "card_$f"
	run "report-$f" "$rd" --report --db "$db" --policy "$tmp/$f.yaml"
done

# figure <label>: "12.34 s wall 5.67 s CPU 89 MB", or why there is none.
figure() {
	awk 'NF == 3 && $1 + 0 == $1 {
	    printf "%6.2f s wall %6.2f s CPU %5d MB", $1, $2, $3; next }
	    { printf "%-31s", $0 }' "$tmp/$1"
}

# show <step> <goal seconds or ->: one line of figures.
show() {
	printf '%-7s with id %s;  without %s' "$1" "$(figure "$1-id")" \
	    "$(figure "$1-noid")"
	awk -v g="$2" 'NR == FNR { n1 = NF; wa = $1; next }
	    { if (n1 == 3 && NF == 3 && $1 > 0) printf ";  ratio %.2f", wa / $1
	      if (g != "-") printf ";  goal < %s s: %s", g,
	          (n1 == 3 && wa < g) ? "met" : "MISSED" }' \
	    "$tmp/$1-id" "$tmp/$1-noid"
	echo
}

echo "bench-realworld: $rows rows, app_id + app_date + 15 characteristics" \
	"($(wc -c <"$tmp/id.csv") bytes; without app_id $(wc -c <"$tmp/noid.csv"))"
echo "load average before: $load0"
show import -
show bin 2
show fit 3
show report 2
echo "load average after:  $(load)"
echo "(wall and CPU seconds of the whole command; peak resident memory)"
[ ! -s "$tmp/errors" ] || { echo "errors:"; cat "$tmp/errors"; }
