#!/bin/sh
# bench-document.sh - time the model and policy document, 'riskdesk
# --report --format html' and '--format xlsx', on the synthetic
# population of gen-population.c (not part of make check;
# tests/report-doc.sh is the test).
#
#   tests/bench/bench-document.sh [<build dir> [<rows>]]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The population is imported
# (app_id the key) and a scorecard fitted on it with a 30% holdout;
# tests/bench/bench-policy.yaml is its champion.  The document reads
# every column of the table (the characteristic analysis bins each
# characteristic; the scorecard, the policy's conditions, income and EAD
# are columns of the same table), so the reference floor, in the same
# run, is sqlite3 scanning every column of every row (max() of each, so
# each value is read and nothing is written).  Prints, per format, wall
# and CPU seconds, peak memory and the file's size, and the ratio of the
# wall time to the floor's; each the fastest of three runs, as a warm
# cache gives it.  GNU time counts hundredths of a second: at a few
# tens of thousands of rows the floor is one or two, and the ratio says
# little.  Goals: the document under 3 s at 1,000,000 rows, the HTML
# under 2 MB.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
rd="$build/riskdesk"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-bench-doc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for c in sqlite3 bc; do
	command -v $c >/dev/null || { echo "bench-document: $c is needed"; exit 1; }
done
[ -x /usr/bin/time ] ||
	{ echo "bench-document: GNU time (/usr/bin/time) is needed"; exit 1; }

${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" \
	"$here/gen-population.c" -lm
"$tmp/gen" -n "$rows" -o "$tmp/pop.csv" >/dev/null 2>&1
"$rd" import --db "$tmp/b.db" --table bench --target bad --bad 1 --id app_id \
	"$tmp/pop.csv" >/dev/null
"$rd" fit --db "$tmp/b.db" --table bench --name bench --holdout 0.3 \
	--seed 1 >/dev/null
sed 's/^scorecard: .*/scorecard: bench/' "$here/bench-policy.yaml" \
	>"$tmp/policy.yaml"

. "$here/bench-lib.sh"
for f in html xlsx; do
	best "$f" "$rd" --report --db "$tmp/b.db" --policy "$tmp/policy.yaml" \
		--format "$f" --report-time 2024-05-01T09:30:00Z \
		--output "$tmp/doc.$f"
done
# The floor: every column of the table read once.
cols=$(sqlite3 "$tmp/b.db" \
	"SELECT group_concat('max(\"' || name || '\")', ', ') FROM pragma_table_info('bench')")
ncols=$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM pragma_table_info('bench')")
best sqlite sqlite3 "$tmp/b.db" "SELECT $cols FROM bench"

read -r sw sc sm <"$tmp/sqlite"
printf 'bench-document: %s applicants\n' "$rows"
printf '  %-36s %8s %8s %8s %12s %8s\n' step "wall s" "CPU s" "peak MB" \
	bytes "x floor"
for f in html xlsx; do
	read -r w c m <"$tmp/$f"
	printf '  %-36s %8.2f %8.2f %8s %12s %8.2f\n' "riskdesk --report --format $f" \
		"$w" "$c" "$m" "$(wc -c <"$tmp/doc.$f" | tr -d ' ')" \
		"$(echo "$w / $sw" | bc -l)"
done
printf '  %-36s %8.2f %8.2f %8s %12s %8.2f\n' \
	"sqlite3 max() of $ncols columns (floor)" "$sw" "$sc" "$sm" "" 1
read -r hw hc hm <"$tmp/html"
read -r xw xc xm <"$tmp/xlsx"
size=$(wc -c <"$tmp/doc.html" | tr -d ' ')
ok=$(echo "$hw < 3 && $xw < 3 && $size < 2097152" | bc)
[ "$ok" -eq 1 ] && echo "  goals met: each document under 3 s, the HTML under 2 MB" ||
	echo "  goal missed: each document under 3 s, the HTML under 2 MB"
