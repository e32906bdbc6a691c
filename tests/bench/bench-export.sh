#!/bin/sh
# bench-export.sh - the exported SQL of a policy on SQLite, PostgreSQL and
# DuckDB against riskdesk decide, on the synthetic population of
# gen-population.c (not part of make check; tests/export-sql.sh is the
# short form).
#
#   tests/bench/bench-export.sh [<build dir> [<rows>]]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The population is imported
# (app_id the key, -999 the special value of income and months_on_file)
# and a scorecard fitted on it; tests/bench/bench-policy.yaml decides it
# with riskdesk decide --explain --exact, and the same policy exported
# with --format sql runs on each engine present.  Every applicant's
# record is compared (decision, segment, knock-out, reasons, attributes
# and points as text, numbers to a relative 1e-9), and the engines'
# sql-report against --report --format json.  Prints, per engine, the
# query's wall seconds (the engine writing the records as CSV, as decide
# does) and decisions per second next to riskdesk decide's, and the
# report's seconds next to --report's.  Loading the table into an
# engine is not timed.  Needs sqlite3, python3, bc; PostgreSQL and
# DuckDB as tests/engine-lib.sh finds them (./bootstrap installs both);
# a missing engine is said and left out.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$here/../.." && pwd)
build=$(cd "${1:-.}" && pwd)
top_builddir=$build
rows=${2:-1000000}
rd="$build/riskdesk"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-bench-export.XXXXXX")
# The PostgreSQL server runs as the postgres user when this runs as root,
# and keeps its data and socket in a folder of $tmp.
chmod 755 "$tmp"
. "$top_srcdir/tests/engine-lib.sh"
engine_on_exit='rm -rf "$tmp"'
trap 'eval "$engine_on_exit"' EXIT
for c in sqlite3 python3 bc; do
	command -v $c >/dev/null || { echo "bench-export: $c is needed"; exit 1; }
done

engines="sqlite3"
for e in postgresql duckdb; do
	if engine_have "$e"; then engines="$engines $e"
	else echo "bench-export: $e left out: $engine_why"; fi
done
case " $engines " in *" postgresql "*) pg_start "$tmp/pg" >/dev/null ;; esac

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" \
	"$here/gen-population.c" -lm
"$tmp/gen" -n "$rows" -o "$tmp/pop.csv" >/dev/null 2>&1
db="$tmp/b.db"
"$rd" import --db "$db" --table bench --target bad --bad 1 --id app_id \
	--special income=-999 --special months_on_file=-999 \
	"$tmp/pop.csv" >/dev/null 2>&1 || { echo "bench-export: import failed"; exit 1; }
"$rd" fit --db "$db" --table bench --name bench >/dev/null 2>&1 ||
	{ echo "bench-export: fit failed"; exit 1; }
sed 's/^scorecard: .*/scorecard: bench/' "$here/bench-policy.yaml" \
	>"$tmp/policy.yaml"
pol="$tmp/policy.yaml"

t0=$(now)
"$rd" decide --db "$db" --policy "$pol" --explain --exact \
	--output "$tmp/want.csv" 2>/dev/null || { echo "bench-export: decide failed"; exit 1; }
t_dec=$(secs "$t0" "$(now)")
t0=$(now)
"$rd" --report --db "$db" --policy "$pol" --format json >"$tmp/report.json" 2>/dev/null
t_rep=$(secs "$t0" "$(now)")
t0=$(now)
"$rd" export --db "$db" --policy "$pol" --format sql --dialect postgresql \
	--output "$tmp/x.sql" 2>/dev/null
t_exp=$(secs "$t0" "$(now)")

printf 'SELECT * FROM bench ORDER BY rowid;\n' >"$tmp/dump.sql"
sqlite_query "$db" "$tmp/dump.sql" "$tmp/table.csv"
coldefs=$(sqlite_coldefs "$db" bench)
for e in $engines; do
	case $e in
	sqlite3) cp "$db" "$tmp/engine.db" ;;
	postgresql) pg_load bench "$tmp/table.csv" "$coldefs" ;;
	duckdb) duckdb_load "$tmp/duck.db" bench "$tmp/table.csv" "$coldefs" ;;
	esac >/dev/null
done

run_engine() {
	case $1 in
	sqlite3) sqlite_query "$tmp/engine.db" "$2" "$3" ;;
	postgresql) pg_query "$2" "$3" ;;
	duckdb) duckdb_query "$tmp/duck.db" "$2" "$3" ;;
	esac
}

n=$(($(wc -l <"$tmp/want.csv") - 1))
echo "bench-export: $rows applicants, $n records; export itself ${t_exp} s"
printf '  %-34s %9s %14s %8s  %s\n' step "wall s" decisions/s "x decide" agrees
printf '  %-34s %9.2f %14.0f %8s\n' "riskdesk decide --explain" "$t_dec" \
	"$(echo "$n / $t_dec" | bc -l)" 1.00
status=0
for e in $engines; do
	d=$e; [ "$e" = sqlite3 ] && d=sqlite
	"$rd" export --db "$db" --policy "$pol" --format sql --dialect "$d" \
		--id app_id --output "$tmp/q.sql" 2>/dev/null
	t0=$(now)
	if ! run_engine "$e" "$tmp/q.sql" "$tmp/got.csv" >"$tmp/run.err" 2>&1; then
		echo "  $e: the query failed:"; sed 's/^/    /' "$tmp/run.err"
		status=1; continue
	fi
	t=$(secs "$t0" "$(now)")
	if csv_compare "$tmp/want.csv" "$tmp/got.csv" app_id 1e-9 >"$tmp/cmp" 2>&1
	then ag="every record equal"
	else ag="DIFFERS: $(tail -n 1 "$tmp/cmp")"; status=1; fi
	printf '  %-34s %9.2f %14.0f %8.2f  %s\n' "$(engine_version "$e" | cut -c1-34)" \
		"$t" "$(echo "$n / $t" | bc -l)" "$(echo "$t / $t_dec" | bc -l)" "$ag"
done

printf '  %-34s %9s %14s %8s  %s\n' report "wall s" "" "x report" agrees
printf '  %-34s %9.2f %14s %8s\n' "riskdesk --report" "$t_rep" "" 1.00
for e in $engines; do
	d=$e; [ "$e" = sqlite3 ] && d=sqlite
	"$rd" export --db "$db" --policy "$pol" --format sql-report \
		--dialect "$d" --id app_id --output "$tmp/r.sql" 2>/dev/null
	t0=$(now)
	run_engine "$e" "$tmp/r.sql" "$tmp/r.csv" >"$tmp/run.err" 2>&1 ||
		{ echo "  $e: sql-report failed"; status=1; continue; }
	t=$(secs "$t0" "$(now)")
	if python3 - "$tmp/report.json" "$tmp/r.csv" >"$tmp/py" 2>&1 <<'EOF'
import csv, json, sys
rep = json.load(open(sys.argv[1]))
want = {"": rep["policy"]}
for s in rep["segments"]:
    want[s["name"]] = s
got = {r["segment"]: r for r in csv.DictReader(open(sys.argv[2]))}
assert sorted(got) == sorted(want), (sorted(got), sorted(want))
bad = [(s, k, v, want[s][k]) for s in want for k, v in got[s].items()
       if k != "segment" and abs(float(v) - float(want[s][k]))
       > 1e-9 * max(1.0, abs(float(want[s][k])))]
print(bad[:3] if bad else "ok")
sys.exit(1 if bad else 0)
EOF
	then ag="equals --report"
	else ag="DIFFERS: $(cat "$tmp/py")"; status=1; fi
	printf '  %-34s %9.2f %14s %8.2f  %s\n' "$(engine_version "$e" | cut -c1-34)" \
		"$t" "" "$(echo "$t / $t_rep" | bc -l)" "$ag"
done
exit $status
