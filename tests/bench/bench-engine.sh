#!/bin/sh
# bench-engine.sh - what the engine path costs and moves (not part of make
# check): the synthetic population of gen-population.c at each size given
# (default 1,000,000 rows), imported into riskdesk (SQLite) with a
# scorecard fitted on it, and the same rows copied into a private
# PostgreSQL server (tests/engine-lib.sh).  For each size:
#   - riskdesk validate on the SQLite table (reads the rows in slices);
#   - riskdesk validate --engine on the PostgreSQL table (the server
#     counts the rows of each score and outcome; riskdesk reads the
#     counts), with the rows and bytes of counts that left the server;
#   - riskdesk profile, bin, fit and --report on each (--engine:
#     aggregate queries in the server, no applicant row back; fit's last
#     query gives the rows of each combination of bins and outcome), and
#     whether the two fits print the same coefficients;
#   - the floors in the same run: sqlite3 reading every value of every
#     column, and PostgreSQL doing the same (max() of each column), so
#     that each path is set against a plain scan of its own engine.
# Prints wall and CPU seconds and peak memory of each (the server's CPU
# is not riskdesk's: for --engine the wall clock is the figure), and the
# ratios.  PostgreSQL runs with its defaults (parallel workers on).
#
#   tests/bench/bench-engine.sh [<build dir> [<rows> ...]]
#
# Needs PostgreSQL (Debian postgresql, as ./bootstrap installs it for the
# tests), sqlite3, GNU time and bc.  A 10,000,000-row run needs some 6 GB
# of disk under TMPDIR.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$here/../.." && pwd)
build=$(cd "${1:-.}" && pwd)
top_builddir=$build
[ $# -gt 0 ] && shift
sizes=${*:-1000000}
rd="$build/riskdesk"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-engine.XXXXXX")
chmod 755 "$tmp"
for t in sqlite3 bc; do
	command -v $t >/dev/null || { echo "bench-engine: $t is needed"; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench-engine: GNU time is needed"; exit 1; }
. "$top_srcdir/tests/engine-lib.sh"
engine_on_exit='rm -rf "$tmp"'
trap 'eval "$engine_on_exit"' EXIT
if ! engine_have postgresql; then
	echo "bench-engine: PostgreSQL cannot run here: $engine_why"; exit 1
fi
pg_start "$tmp/pg" >/dev/null || { echo "bench-engine: the server did not start"; exit 1; }
# BENCH_PGOPTIONS: server settings for riskdesk's sessions (libpq's
# PGOPTIONS), e.g. "-c jit=off" to see what JIT compilation costs.
[ -n "${BENCH_PGOPTIONS:-}" ] && export PGOPTIONS="$BENCH_PGOPTIONS"
conn="host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER"

${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" \
	"$here/gen-population.c" -lm

# run <label> <command...>: "<wall> <cpu> <MB>" into $tmp/<label>, the
# command's output into $tmp/<label>.out.
run() {
	lab=$1; shift
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/$lab.t" "$@" \
	    >"$tmp/$lab.out" 2>"$tmp/$lab.err"; then
		echo "bench-engine: $lab failed:"; tail -n 3 "$tmp/$lab.err"
		exit 1
	fi
	read -r wall user sys kb <"$tmp/$lab.t"
	echo "$wall $(echo "$user + $sys" | bc) $((kb / 1024))" >"$tmp/$lab"
}

for n in $sizes; do
	db="$tmp/b$n.db"
	"$tmp/gen" -n "$n" -o "$tmp/pop.csv" >/dev/null 2>&1
	"$rd" import --db "$db" --table bench --target bad --bad 1 \
		--id app_id --reject-when decision=rejected "$tmp/pop.csv" \
		>/dev/null 2>&1
	rm -f "$tmp/pop.csv"
	"$rd" fit --db "$db" --table bench --name bench >/dev/null
	# The stored rows into the server, doubles with 17 digits.
	coldefs=$(sqlite_coldefs "$db" bench)
	printf 'SELECT * FROM "bench" ORDER BY rowid;\n' >"$tmp/dump.sql"
	sqlite_query "$db" "$tmp/dump.sql" "$tmp/bench.csv"
	pg_load bench "$tmp/bench.csv" "$coldefs" >/dev/null
	rm -f "$tmp/bench.csv"
	pg_psql -c "VACUUM ANALYZE bench" >/dev/null
	cols=$(sqlite3 "$db" "SELECT group_concat('max(\"' || name || '\")', ', ')
		FROM pragma_table_info('bench')")
	run "sscan.$n" sqlite3 "$db" "SELECT $cols FROM bench"
	# Once to warm the server's cache, then measured.
	pg_psql -c "SELECT $cols FROM bench" >/dev/null
	run "pscan.$n" "$engine__psql" -X -q -c "SELECT $cols FROM bench"
	run "val.$n" "$rd" validate --db "$db" --name bench --json
	"$rd" validate --db "$db" --name bench --engine "$conn" \
		--source bench >/dev/null
	run "eval.$n" "$rd" validate --db "$db" --name bench --engine "$conn" \
		--source bench --json
	run "prof.$n" "$rd" profile --db "$db" --table bench --json
	run "eprof.$n" "$rd" profile --engine "$conn" --source bench \
		--target bad --bad 1 --json
	run "bin.$n" "$rd" bin --db "$db" --table bench --json
	run "ebin.$n" "$rd" bin --engine "$conn" --source bench \
		--target bad --bad 1 --reject-when decision=rejected --json
	run "fit.$n" "$rd" fit --db "$db" --table bench --name bench2 \
		--exclude app_id
	run "efit.$n" "$rd" fit --db "$db" --engine "$conn" --source bench \
		--target bad --bad 1 --reject-when decision=rejected \
		--exclude app_id --name bench3
	sed 's/^scorecard: .*/scorecard: bench/' \
		"$here/bench-policy.yaml" >"$tmp/policy.yaml"
	run "rep.$n" "$rd" --report --db "$db" --policy "$tmp/policy.yaml" \
		--format json
	run "erep.$n" "$rd" --report --db "$db" --policy "$tmp/policy.yaml" \
		--engine "$conn" --source bench --format json
	back=$(python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(j["engine_rows"], j["engine_bytes"], j["development"]["n"])' "$tmp/eval.$n.out")
	same=$(python3 - "$tmp/val.$n.out" "$tmp/eval.$n.out" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))["development"]
b = json.load(open(sys.argv[2]))["development"]
print("yes" if a["n"] == b["n"] and abs(a["auc"] - b["auc"]) <= 1e-12
      and abs(a["ks"] - b["ks"]) <= 1e-12 else "NO")
EOF
)
	set -- $back
	printf '\nbench-engine: %s rows\n' "$n"
	printf '  %-34s %8s %8s %8s\n' step "wall s" "CPU s" "peak MB"
	for s in sscan val prof bin fit rep pscan eval eprof ebin efit erep; do
		case $s in
		fit) lab="fit (SQLite)";;
		efit) lab="fit --engine (PostgreSQL)";;
		bin) lab="bin (SQLite)";;
		rep) lab="--report (SQLite)";;
		ebin) lab="bin --engine (PostgreSQL)";;
		erep) lab="--report --engine (PostgreSQL)";;
		sscan) lab="sqlite3 scan of every column";;
		val) lab="validate (SQLite, in slices)";;
		prof) lab="profile (SQLite)";;
		pscan) lab="PostgreSQL scan of every column";;
		eval) lab="validate --engine (PostgreSQL)";;
		eprof) lab="profile --engine (PostgreSQL)";;
		esac
		read -r w c m <"$tmp/$s.$n"
		printf '  %-34s %8s %8s %8s\n' "$lab" "$w" "$c" "$m"
	done
	read -r sw sc sm <"$tmp/sscan.$n"
	read -r vw vc vm <"$tmp/val.$n"
	read -r pw pc pm <"$tmp/pscan.$n"
	read -r ew ec em <"$tmp/eval.$n"
	read -r fw fc fm <"$tmp/prof.$n"
	read -r gw gc gm <"$tmp/eprof.$n"
	printf '  validate / sqlite3 scan (CPU): %.2f; validate --engine / PostgreSQL scan (wall): %.2f\n' \
		"$(echo "$vc / $sc" | bc -l)" "$(echo "$ew / $pw" | bc -l)"
	printf '  profile / sqlite3 scan (CPU): %.2f; profile --engine / PostgreSQL scan (wall): %.2f\n' \
		"$(echo "$fc / $sc" | bc -l)" "$(echo "$gw / $pw" | bc -l)"
	for s in bin fit rep; do
		read -r aw ac am <"$tmp/$s.$n"
		read -r bw bc bm <"$tmp/e$s.$n"
		printf '  %s / sqlite3 scan (CPU): %.2f; --engine / PostgreSQL scan (wall): %.2f\n' \
			"$s" "$(echo "$ac / $sc" | bc -l)" "$(echo "$bw / $pw" | bc -l)"
	done
	printf '  bin --engine: %s rows of aggregates left the engine\n' \
		"$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["engine_rows"])' "$tmp/ebin.$n.out")"
	printf '  left the engine: %s rows of counts, %s bytes, for %s rows (%s with an outcome)\n' \
		"$1" "$2" "$n" "$3"
	printf '  the figures of both paths equal (n, AUC, KS): %s\n' "$same"
	printf '  fit --engine: %s\n' "$(grep '^fitted in the engine' "$tmp/efit.$n.out")"
	# The two fits' coefficients, to 12 printed digits.
	printf '  fit --engine and fit give the same coefficients: %s\n' \
		"$(if [ "$(grep -A30 '^term' "$tmp/fit.$n.out" | sed -n '/^(Intercept)/,/^$/p')" = \
		    "$(grep -A30 '^term' "$tmp/efit.$n.out" | sed -n '/^(Intercept)/,/^$/p')" ]; \
		then echo yes; else echo NO; fi)"
	rm -f "$db"
done
