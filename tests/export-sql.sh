#!/bin/sh
# export-sql.sh - riskdesk export --format sql and sql-report run on real
# engines (SQLite 3, PostgreSQL, DuckDB) give, applicant for applicant,
# what riskdesk decide gives:
#   1. the German credit data (1,000 applicants, keyed app_id) under the
#      bundled policy and under tests/data/export/torture.yaml, which uses
#      every construct export rewrites (integer division, division by zero,
#      %, round, min/max with NULL, LIKE, BETWEEN, IN, casts, ...);
#   2. the edge cases of each policy (export --format edge-cases: each cut
#      point and its neighbours, NULL, NaN, special values, unseen levels,
#      the literals of the conditions), decided by riskdesk from the CSV
#      and by the engines from a table loaded from the same CSV;
#   3. a 20,000-row synthetic population (tests/bench/gen-population: REAL
#      columns, missing and special values, text levels) fitted here, with
#      the benchmark policy, and its edge cases;
#   4. sql-report equals --report --format json (policy and segments);
#   5. the SQL is deterministic (the same bytes twice, every dialect), a
#      view gives the query's rows, and a condition that cannot be made to
#      agree is refused at its line and column.
# Compared: every column of decide --explain (decision, segment,
# knock-out, reasons, fallbacks, attributes, points exactly as text;
# numbers to a relative 1e-9).  A missing engine is a loud SKIP line (a
# failure under RISKDESK_REQUIRE_ENGINES=1, as CI runs).
set -u
: "${top_srcdir:?}" "${RISKDESK:?}"
: "${top_builddir:=$top_srcdir}"
tmp="$top_builddir/export-sql.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"
. "$top_srcdir/tests/engine-lib.sh"
engine_on_exit='rm -rf "$tmp"'
trap 'eval "$engine_on_exit"' EXIT

engines=""
for e in sqlite3 postgresql duckdb; do
	if engine_want "$e"; then
		engines="$engines $e"
		echo "engine: $(engine_version "$e")"
	fi
done
if engine_have postgresql; then pg_start "$tmp/pg" || {
	echo "FAIL: the PostgreSQL server did not start"; exit 1; }
fi

if ! command -v python3 >/dev/null 2>&1; then
	echo "export-sql: FAIL: python3 is needed to read the JSON report (bootstrap installs it)"
	exit 1
fi

# table_coldefs DB TABLE: sets $coldefs to the table's columns.
table_coldefs() { coldefs=$(sqlite_coldefs "$1" "$2"); }

# table_csv DB TABLE OUT: the table as CSV (REAL values with 17
# significant digits: they read back as the same double); sets $coldefs.
table_csv() {
	table_coldefs "$1" "$2"
	printf 'SELECT * FROM "%s" ORDER BY rowid;\n' "$2" >"$tmp/dump.sql"
	sqlite_query "$1" "$tmp/dump.sql" "$3"
}

# run_engine ENGINE SQLFILE OUTCSV: the query on the engine's copy of the
# data ($tmp/sqlite.db for SQLite, the server for PostgreSQL,
# $tmp/duck.db for DuckDB).
run_engine() {
	case $1 in
	sqlite3) sqlite_query "$tmp/sqlite.db" "$2" "$3" ;;
	postgresql) pg_query "$2" "$3" ;;
	duckdb) duckdb_query "$tmp/duck.db" "$2" "$3" ;;
	esac
}

# load_engines TABLE CSV: the table into every engine present.
load_engines() {
	for e in $engines; do
		case $e in
		sqlite3) sqlite_load "$tmp/sqlite.db" "$1" "$2" "$coldefs" ;;
		postgresql) pg_load "$1" "$2" "$coldefs" ;;
		duckdb) duckdb_load "$tmp/duck.db" "$1" "$2" "$coldefs" ;;
		esac >"$tmp/load.out" 2>&1 || {
			echo "FAIL: $e cannot load $1:"; sed 's/^/  /' "$tmp/load.out"
			fails=$((fails + 1)); }
	done
}

# agree WHAT DB POLICY TABLE KEY WANT.csv [export options...]: on every
# engine, the exported query over TABLE gives the rows of WANT.csv.
agree() {
	what=$1; adb=$2; apol=$3; atab=$4; akey=$5; awant=$6; shift 6
	rows=$(($(wc -l <"$awant") - 1))
	for e in $engines; do
		d=$e; [ "$e" = sqlite3 ] && d=sqlite
		if ! "$RISKDESK" export --db "$adb" --policy "$apol" \
		    --format sql --dialect "$d" --source "$atab" --id "$akey" \
		    "$@" --output "$tmp/q-$e.sql" 2>"$tmp/err"; then
			echo "FAIL: $what: export --dialect $d:"; sed 's/^/  /' "$tmp/err"
			fails=$((fails + 1)); continue
		fi
		t0=$(date +%s.%N)
		if ! run_engine "$e" "$tmp/q-$e.sql" "$tmp/got-$e.csv" \
		    >"$tmp/run.out" 2>&1; then
			echo "FAIL: $what: the query fails on $e:"
			sed 's/^/  /' "$tmp/run.out" | head -20
			fails=$((fails + 1)); continue
		fi
		t1=$(date +%s.%N)
		if csv_compare "$awant" "$tmp/got-$e.csv" "$akey" 1e-9 \
		    >"$tmp/cmp.out" 2>&1; then
			passes=$((passes + 1))
			echo "ok: $what: $e gives riskdesk's $rows decisions ($(echo "$t1 - $t0" | bc) s; compared in $(echo "$(date +%s.%N) - $t1" | bc) s)"
		else
			echo "FAIL: $what: $e differs from riskdesk decide:"
			sed 's/^/  /' "$tmp/cmp.out"; fails=$((fails + 1))
		fi
	done
}

# edge_agree WHAT DB POLICY TABLE KEY: the policy's edge cases decided by
# riskdesk (from the CSV; NaN is not a value riskdesk stores, the import
# reads it as missing, as SQLite stores a NaN) and by every engine.
edge_agree() {
	what=$1; edb=$2; epol=$3; etab=$4; ekey=$5
	expect 0 "" "$RISKDESK" export --db "$edb" --policy "$epol" \
		--format edge-cases --output "$tmp/edge.csv"
	n=$(($(wc -l <"$tmp/edge.csv") - 1))
	ok "$what: at least 50 edge cases ($n)" test "$n" -ge 50
	table_coldefs "$edb" "$etab"
	case $coldefs in *"DOUBLE PRECISION"*)
		ok "$what: the edge cases hold NaN" grep -q 'NaN' "$tmp/edge.csv" ;;
	esac
	sed 's/\bNaN\b//g' "$tmp/edge.csv" >"$tmp/edge-nonan.csv"
	expect 0 "" "$RISKDESK" decide --db "$edb" --policy "$epol" --explain \
		--exact --id "$ekey" --output "$tmp/edge-want.csv" \
		"$tmp/edge-nonan.csv"
	load_engines edge "$tmp/edge.csv"
	agree "$what edge cases" "$edb" "$epol" edge "$ekey" "$tmp/edge-want.csv" \
		--table "$etab"
}

# ---------------------------------------------------------------- German
db="$tmp/rd.db"
awk -F, -v OFS=, 'NR == 1 { print "app_id", $0; next } { print NR - 1, $0 }' \
	"$top_srcdir/data/german_credit.csv" >"$tmp/german.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad --id app_id "$tmp/german.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german
table_csv "$db" german_credit "$tmp/german-table.csv"
load_engines german_credit "$tmp/german-table.csv"

for pol in "$top_srcdir/policies/example.yaml" \
    "$top_srcdir/tests/data/export/torture.yaml"; do
	pn=$(basename "$pol" .yaml)
	expect 0 "" "$RISKDESK" decide --db "$db" --policy "$pol" --explain \
		--exact --output "$tmp/want-$pn.csv"
	same "German $pn: decide wrote 1,000 rows" \
		"$(($(wc -l <"$tmp/want-$pn.csv") - 1))" 1000
	agree "German $pn" "$db" "$pol" german_credit app_id "$tmp/want-$pn.csv"
	edge_agree "German $pn" "$db" "$pol" german_credit app_id
done

# Each knock-out of the torture policy declines someone, so a rewrite that
# broke one would show above; but zero_division, which is NULL (not true)
# in every engine, declines no one.
expect 0 "" "$RISKDESK" --report --db "$db" --format json \
	--policy "$top_srcdir/tests/data/export/torture.yaml"
python3 - "$tmp/out" >"$tmp/py" 2>&1 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
quiet = [k["name"] for k in r["knockouts"] if k["declined"] == 0]
if quiet != ["zero_division"]:
    sys.exit("knock-outs that decline no one: %s, wanted zero_division only" % quiet)
EOF
ok "torture: every knock-out but zero_division declines someone" test ! -s "$tmp/py"
[ -s "$tmp/py" ] && sed 's/^/  /' "$tmp/py"

# A segment with one score band, and a band with one income band: their
# CASEs have no WHEN to write, yet the SQL must run and decide as riskdesk.
pol="$top_srcdir/tests/data/export/one-band.yaml"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$pol" --explain \
	--exact --output "$tmp/want-one-band.csv"
agree "German one-band" "$db" "$pol" german_credit app_id "$tmp/want-one-band.csv"
for d in sqlite postgresql duckdb spark trino bigquery; do
	for f in sql sql-report; do
		expect 0 "" "$RISKDESK" export --db "$db" --policy "$pol" \
			--format $f --dialect $d --id app_id
		ok "one-band: export --format $f --dialect $d writes no CASE without WHEN" \
			sh -c '! grep -qiE "CASE[[:space:]]+(ELSE|END)" "$1"' sh "$tmp/out"
	done
done

# ---------------------------------------------------------------- 4. report
for pol in "$top_srcdir/policies/example.yaml" \
    "$top_srcdir/tests/data/export/torture.yaml" \
    "$top_srcdir/tests/data/export/one-band.yaml"; do
	pn=$(basename "$pol" .yaml)
	"$RISKDESK" --report --db "$db" --policy "$pol" --format json \
		>"$tmp/report.json" 2>"$tmp/err"
	for e in $engines; do
		d=$e; [ "$e" = sqlite3 ] && d=sqlite
		expect 0 "" "$RISKDESK" export --db "$db" --policy "$pol" \
			--format sql-report --dialect "$d" --id app_id \
			--output "$tmp/r-$e.sql"
		if ! run_engine "$e" "$tmp/r-$e.sql" "$tmp/r-$e.csv" \
		    >"$tmp/run.out" 2>&1; then
			echo "FAIL: sql-report $pn on $e:"; sed 's/^/  /' "$tmp/run.out"
			fails=$((fails + 1)); continue
		fi
		if python3 - "$tmp/report.json" "$tmp/r-$e.csv" \
		    >"$tmp/py" 2>&1 <<'EOF'
import csv, json, math, sys
rep = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
want = {"": rep["policy"]}
for s in rep["segments"]:
    want[s["name"]] = s
got = {r["segment"]: r for r in rows}
if sorted(got) != sorted(want):
    sys.exit("segments %s, wanted %s" % (sorted(got), sorted(want)))
bad = 0; n = 0
for seg, w in want.items():
    for k, v in got[seg].items():
        if k == "segment":
            continue
        if k not in w:
            print("column %s is not in the report" % k); bad += 1; continue
        a = float(v); b = float(w[k]); n += 1
        # The report prints 12 significant digits.
        if abs(a - b) > 1e-9 * max(1.0, abs(b)):
            print("%s %s: engine %r, report %r" % (seg or "(policy)", k, v, w[k]))
            bad += 1
if n < 60:
    sys.exit("only %d figures compared" % n)
print("%d figures" % n)
sys.exit(1 if bad else 0)
EOF
		then
			passes=$((passes + 1))
			echo "ok: sql-report $pn on $e equals --report: $(cat "$tmp/py")"
		else
			echo "FAIL: sql-report $pn on $e differs from --report:"
			sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
		fi
	done
done

# ---------------------------------------------------------------- 5.
pol="$top_srcdir/tests/data/export/torture.yaml"
for d in sqlite postgresql duckdb spark trino bigquery; do
	for f in sql sql-report; do
		"$RISKDESK" export --db "$db" --policy "$pol" --format $f \
			--dialect $d --id app_id >"$tmp/a.sql" 2>"$tmp/err"
		rc=$?
		"$RISKDESK" export --db "$db" --policy "$pol" --format $f \
			--dialect $d --id app_id >"$tmp/b.sql" 2>>"$tmp/err"
		if [ $rc -eq 0 ] && [ -s "$tmp/a.sql" ] && cmp -s "$tmp/a.sql" "$tmp/b.sql"; then
			passes=$((passes + 1))
		else
			echo "FAIL: export --format $f --dialect $d: exit $rc or not the same bytes twice"
			sed 's/^/  /' "$tmp/err"; fails=$((fails + 1))
		fi
	done
done
# Readable: one CASE per characteristic, commented with its name and IV.
expect 0 "" "$RISKDESK" export --db "$db" --policy "$pol" --format sql
ncomm=$(grep -cE '^ *-- [a-z_]+ \(IV [0-9.]+' "$tmp/out")
ok "each characteristic's CASE is commented with its IV ($ncomm)" test "$ncomm" -ge 5

if echo " $engines " | grep -q ' sqlite3 '; then
	expect 0 "" "$RISKDESK" export --db "$db" --policy "$pol" --format sql \
		--id app_id --view torture_decisions --output "$tmp/view.sql"
	sqlite3 "$tmp/sqlite.db" <"$tmp/view.sql" 2>"$tmp/err"
	printf 'SELECT * FROM torture_decisions;\n' >"$tmp/sel.sql"
	sqlite_query "$tmp/sqlite.db" "$tmp/sel.sql" "$tmp/view.csv" 2>>"$tmp/err"
	ok "a view gives the decisions" csv_compare "$tmp/want-torture.csv" \
		"$tmp/view.csv" app_id 1e-9
fi

# A text compared with a number cannot be made to agree: refused where
# it is written.
sed 's/^    when: purpose LIKE .*/    when: purpose > 3/' "$pol" >"$tmp/bad.yaml"
line=$(grep -n 'when: purpose > 3' "$tmp/bad.yaml" | cut -d: -f1)
expect 1 "bad.yaml:$line:[0-9]+: .*text" "$RISKDESK" export --db "$db" \
	--policy "$tmp/bad.yaml" --format sql --dialect postgresql

# ---------------------------------------------------------------- synthetic
gen="$top_builddir/tests/bench/gen-population"
if [ ! -x "$gen" ]; then
	echo "FAIL: $gen is not built (make check builds it)"; fails=$((fails + 1))
else
	sdb="$tmp/syn.db"
	"$gen" -n 20000 -s 11 -o "$tmp/syn.csv"
	expect 0 "" "$RISKDESK" import --db "$sdb" --table bench --target bad \
		--bad 1 --id app_id --special income=-999 \
		--special months_on_file=-999 "$tmp/syn.csv"
	expect 0 "" "$RISKDESK" fit --db "$sdb" --table bench --name syn
	sed 's/^scorecard: .*/scorecard: syn/' \
		"$top_srcdir/tests/bench/bench-policy.yaml" >"$tmp/syn.yaml"
	expect 0 "" "$RISKDESK" decide --db "$sdb" --policy "$tmp/syn.yaml" \
		--explain --exact --output "$tmp/want-syn.csv"
	same "synthetic: decide wrote 20,000 rows" \
		"$(($(wc -l <"$tmp/want-syn.csv") - 1))" 20000
	table_csv "$sdb" bench "$tmp/syn-table.csv"
	load_engines bench "$tmp/syn-table.csv"
	agree "synthetic 20,000" "$sdb" "$tmp/syn.yaml" bench app_id \
		"$tmp/want-syn.csv"
	edge_agree "synthetic" "$sdb" "$tmp/syn.yaml" bench app_id
fi

echo "export-sql: $passes passed, $fails failed (engines:$engines)"
[ "$fails" -eq 0 ]
