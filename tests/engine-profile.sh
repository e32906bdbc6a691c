#!/bin/sh
# engine-profile.sh - riskdesk profile --engine: a table that lives in
# PostgreSQL profiled by aggregate queries there (no row leaves the
# server) gives the figures profile gives on the same rows in SQLite:
#   1. the German credit data (1,000 rows, text and integers);
#   2. HMEQ (5,960 rows, NULLs and reals);
#   3. a 100,000-row synthetic population (tests/bench/gen-population:
#      -999 sentinels in income and months_on_file, codes, a date);
# every figure of profile --json (counts equal, floats to a relative
# 1e-12, strings equal, the warnings and their suggestions equal), by
# python3, but for the roles: riskdesk detects identifiers at import, so
# an engine's table has none (and its report says so);
#   4. the errors: a connection that fails, a table that is not there, a
#      target the table lacks, options that do not go together.
# The server is a private one (tests/engine-lib.sh); without PostgreSQL
# the test is skipped (a failure under RISKDESK_REQUIRE_ENGINES=1).
set -u
: "${top_srcdir:?}" "${RISKDESK:?}"
. "$top_srcdir/tests/engine-test.sh"
engine_test_start engine-profile

# copy_table DB TABLE: the riskdesk table into the server, as it is
# stored (REAL values with 17 significant digits: the same doubles), as
# engine-validate.sh copies it, but a DATE column stays a date (the
# profile's dates are the engine's date columns).
copy_table() {
	coldefs=$(sqlite3 -batch "$1" "SELECT group_concat(printf('\"%w\" ', name) ||
	    CASE upper(type) WHEN 'INTEGER' THEN 'INTEGER'
	    WHEN 'REAL' THEN 'DOUBLE PRECISION' WHEN 'DATE' THEN 'DATE'
	    ELSE 'TEXT' END, ', ')
	    FROM (SELECT name, type FROM pragma_table_info('$2') ORDER BY cid)")
	printf 'SELECT * FROM "%s" ORDER BY rowid;\n' "$2" >"$tmp/dump.sql"
	sqlite_query "$1" "$tmp/dump.sql" "$tmp/$2.csv" &&
	    pg_load "$2" "$tmp/$2.csv" "$coldefs" >"$tmp/load.out" 2>&1 || {
		echo "FAIL: cannot copy table $2 into PostgreSQL:"
		sed 's/^/  /' "$tmp/load.out"; fails=$((fails + 1)); }
}

# same_figures WHAT A.json B.json: every figure of the profile of SQLite
# (A) equals the engine's (B).
same_figures() {
	if python3 - "$2" "$3" >"$tmp/py" 2>&1 <<'EOF'
import json, os, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests"))
from json_same import Same
same = Same(count_text=True)
cmp, bad = same.cmp, same.bad
warn = 0
roles = 0

if b.get("engine") != "postgresql" or b.get("source") != a["table"] \
        or b.get("roles_detected") is not False:
    bad.append("engine %r, source %r, roles_detected %r" % (b.get("engine"),
        b.get("source"), b.get("roles_detected")))
for k in ("engine", "source", "roles_detected"):
    b.pop(k, None)
ca, cb = a.pop("columns"), b.pop("columns")
cmp(a, b, "")
if len(ca) != len(cb):
    bad.append("%d columns against %d" % (len(ca), len(cb)))
for x, y in zip(ca, cb):
    p = "columns." + x["name"]
    if y.get("role") is not None or y.get("role_note") is not None:
        bad.append("%s: the engine gave a role %r" % (p, y.get("role")))
    if x.get("role") is not None:
        # An identifier of the import: no warnings there by design;
        # everything else the same.
        roles += 1
        for k in ("role", "role_note", "warnings", "suggest"):
            x.pop(k, None); y.pop(k, None)
    else:
        warn += len(x["warnings"])
    cmp(x, y, p)
for m in bad[:20]:
    print(m)
if bad:
    print("%d differ of %d figures" % (len(bad), same.n))
    sys.exit(1)
print("%d figures of %d columns, %d warnings%s" % (same.n, len(ca), warn,
    ", %d identifier%s of the import left out" % (roles, "s" if roles > 1
    else "") if roles else ""))
EOF
	then
		passes=$((passes + 1))
		echo "ok: $1: the engine's figures equal SQLite's: $(cat "$tmp/py")"
	else
		echo "FAIL: $1: the engine's figures differ from SQLite's:"
		sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
	fi
}

# both DB TABLE WHAT [ENGINE OPTIONS...]: profile --json of TABLE in
# SQLite and in the engine, compared.
both() {
	_db=$1; _t=$2; _what=$3; shift 3
	expect 0 "" "$RISKDESK" profile --db "$_db" --table "$_t" --json
	cp "$tmp/out" "$tmp/sqlite.json"
	_t0=$(date +%s.%N)
	expect 0 "" "$RISKDESK" profile --engine "$conn" --source "$_t" \
		--json "$@"
	_t1=$(date +%s.%N)
	cp "$tmp/out" "$tmp/engine.json"
	same_figures "$_what ($(echo "$_t1 - $_t0" | bc) s in the engine)" \
		"$tmp/sqlite.json" "$tmp/engine.json"
}

# ---------------------------------------------------------------- German
db="$tmp/rd.db"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
copy_table "$db" german_credit
both "$db" german_credit "German" --target creditability --bad bad

# The same with the good value named, the schema written, three top
# categories.
expect 0 "" "$RISKDESK" import --db "$db" --table german3 \
	--target creditability --bad bad --good good \
	"$top_srcdir/data/german_credit.csv"
copy_table "$db" german3
expect 0 "" "$RISKDESK" profile --db "$db" --table german3 --json --top 3
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" profile --engine "$conn" --source public.german3 \
	--target creditability --bad bad --good good --json --top 3
cp "$tmp/out" "$tmp/engine.json"
sed 's/"public.german3"/"german3"/' "$tmp/engine.json" >"$tmp/engine2.json"
same_figures "German, public.german3, --good, --top 3" "$tmp/sqlite.json" \
	"$tmp/engine2.json"

# Text: the report names the table and the engine, and says there are
# no roles.
expect 0 "" "$RISKDESK" profile --engine "$conn" --source german_credit \
	--target creditability --bad bad
contains '^table "german_credit" in postgresql, profiled there: 1,000 rows, 21 columns$'
contains '^roles: none detected'
contains '^target creditability: bads 300, goods 700, indeterminate 0, bad rate 30'
# Without a target: no bad rate, the target an ordinary text column.
expect 0 "" "$RISKDESK" profile --engine "$conn" --source german_credit --json
got=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["target"], d["bad_rate"], len([c for c in d["columns"] if c.get("target")]))' "$tmp/out")
same "German without --target" "$got" "None None 0"

# ---------------------------------------------------------------- HMEQ
expect 0 "" "$RISKDESK" import --db "$db" --table hmeq --target BAD \
	--bad 1 "$top_srcdir/data/hmeq.csv"
copy_table "$db" hmeq
both "$db" hmeq "HMEQ" --target BAD --bad 1

# A NaN of a real column (float8, float4 or numeric) is a missing value,
# as NULL is in riskdesk (and in validate, bin and --report --engine):
# HMEQ with its missing YOJ, DEBTINC and CLAGE written as NaN has the
# figures of HMEQ with its NULLs.
pg_psql -c "CREATE TABLE hmeq_nan AS SELECT * FROM hmeq" \
	-c "UPDATE hmeq_nan SET \"YOJ\" = COALESCE(\"YOJ\", 'NaN'), \"DEBTINC\" = COALESCE(\"DEBTINC\", 'NaN'), \"CLAGE\" = COALESCE(\"CLAGE\", 'NaN')" >/dev/null
expect 0 "" "$RISKDESK" profile --db "$db" --table hmeq --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" profile --engine "$conn" --source hmeq_nan \
	--target BAD --bad 1 --json
sed 's/"hmeq_nan"/"hmeq"/' "$tmp/out" >"$tmp/engine.json"
same_figures "HMEQ, NaN for NULL in YOJ, DEBTINC and CLAGE" \
	"$tmp/sqlite.json" "$tmp/engine.json"
# float4 and numeric NaN alike: 1, 2, NaN, NULL is 2 missing of 4.
pg_psql -c "CREATE TABLE nans AS SELECT n::numeric AS n, n::real AS r FROM (VALUES ('1'), ('2'), ('NaN'), (NULL)) v(n)" >/dev/null
expect 0 "" "$RISKDESK" profile --engine "$conn" --source nans --json
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s:%d,%d,%g,%g,%g" % (c["name"], c["missing"], c["distinct"],
    c["max"], c["mean"], c["quantiles"]["p99"]) for c in d["columns"]))' "$tmp/out" 2>&1 | tail -1)
same "numeric and float4 NaN missing" "$got" "n:2,2,2,1.5,1.99 r:2,2,2,1.5,1.99"
# The engine's types that make its figures differ from the same rows
# imported from text are said: a real column keeps about 7 digits (0.1
# is 0.10000000149 there), a timestamp with time zone is taken in
# the session's time zone (UTC here: PGTZ sets it for libpq).
pg_psql -c "CREATE TABLE types4 AS SELECT 0.1::real AS r4, 0.1::float8 AS r8, timestamptz '2024-01-31 23:30:00+00' AS tz, timestamp '2024-01-31 23:30:00' AS ts" >/dev/null
PGTZ=UTC expect 0 "" "$RISKDESK" profile --engine "$conn" --source types4 --json
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {c["name"]: c for c in d["columns"]}
print(len(c["r4"]["warnings"]), len(c["r8"]["warnings"]),
    len(c["tz"]["warnings"]), len(c["ts"]["warnings"]))
print(c["r4"]["warnings"][0][:56])
print(c["tz"]["warnings"][0])
print("%.15g" % c["r4"]["max"], c["tz"]["months"][0]["month"])' "$tmp/out" 2>&1 | tail -4)
same "a real and a timestamptz column said, not a double or a timestamp" \
	"$(echo "$got" | head -1)" "1 0 1 0"
same "the real column's note" "$(echo "$got" | sed -n 2p)" \
	"a real (4-byte float) column: its values keep about 7 si"
same "the time zone named" "$(echo "$got" | sed -n 3p)" \
	"a timestamp with time zone: its days and months are taken in the session's time zone, UTC (set PGTZ, or the conninfo's options, to take another)"
same "the real's value as held, the month in UTC" "$(echo "$got" | tail -1)" \
	"0.100000001490116 2024-01"
PGTZ=Asia/Tokyo expect 0 "" "$RISKDESK" profile --engine "$conn" --source types4 --json
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {c["name"]: c for c in d["columns"]}
print(c["tz"]["months"][0]["month"], "Asia/Tokyo" in c["tz"]["warnings"][0])' "$tmp/out" 2>&1 | tail -1)
same "the month in another time zone, named" "$got" "2024-02 True"

# A column of a type with no equality or order (json, xml, point) or
# any other (arrays) is profiled as its text: json_build_object of JOB
# has JOB's 6 values and {"a" : null} for its 279 NULLs, xmlelement
# <x/>; a LOAN point or array has LOAN's 540 values.  A date's infinity
# and -infinity (the 168 rows of CLNO 7 or 8) are in its first and last,
# counted apart from the rows per month, with a warning.
pg_psql -c "CREATE TABLE odd AS SELECT \"BAD\", json_build_object('a', \"JOB\") AS j,
	point(\"LOAN\", 1) AS pt, xmlelement(name x, \"JOB\") AS x,
	ARRAY[\"LOAN\"] AS arr, \"JOB\",
	CASE WHEN \"CLNO\" = 7 THEN 'infinity'::date
	    WHEN \"CLNO\" = 8 THEN '-infinity'::date
	    ELSE date '2020-01-01' + \"LOAN\" % 700 END AS d FROM hmeq" >/dev/null
expect 0 "" "$RISKDESK" profile --engine "$conn" --source odd --target BAD \
	--bad 1 --json
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {c["name"]: c for c in d["columns"]}
print(c["j"]["type"], c["j"]["distinct"], c["JOB"]["distinct"] + 1,
    c["pt"]["distinct"], c["arr"]["distinct"], c["x"]["distinct"],
    c["x"]["missing"], c["j"]["top"][0]["count"])
m = c["d"]
print(m["first"], m["last"], sum(x["count"] for x in m["months"]),
    m["warnings"])' "$tmp/out" 2>&1 | tail -2)
same "json, point, xml and array columns as text" "$(echo "$got" | head -1)" \
	"text 7 7 540 540 7 0 2388"
same "a date's infinity" "$(echo "$got" | tail -1)" \
	"-infinity infinity 5792 ['168 infinite dates (infinity or -infinity): in the first and last, not in the rows per month']"
expect 0 "" "$RISKDESK" profile --engine "$conn" --source odd --target BAD \
	--bad 1
contains '168 infinite dates \(infinity or -infinity\)'

# A wide table: PostgreSQL takes at most 1664 entries in a target list;
# the profile's queries take the columns 200 at a time.  300 columns:
# the figures of the same rows imported; 1,000 columns: profiled.
wcols=$(seq 1 300 | sed 's/.*/((g * &) % (& + 10)) AS c&/' | paste -sd, -)
pg_psql -c "CREATE TABLE wide AS SELECT (g % 5 = 0)::int AS y, $wcols FROM generate_series(1, 2000) g" \
	-c "\\copy wide TO '$tmp/wide.csv' CSV HEADER" >/dev/null
expect 0 "" "$RISKDESK" import --db "$db" --table wide --target y --bad 1 \
	"$tmp/wide.csv"
both "$db" wide "300 columns" --target y --bad 1
wcols=$(seq 1 1000 | sed 's/.*/((g * &) % 13) AS c&/' | paste -sd, -)
pg_psql -c "CREATE TABLE wide1000 AS SELECT $wcols FROM generate_series(1, 300) g" >/dev/null
expect 0 "" "$RISKDESK" profile --engine "$conn" --source wide1000
contains '^table "wide1000" in postgresql, profiled there: 300 rows, 1000 columns$'

# SIGINT or SIGTERM while a query runs cancels it on the server before
# riskdesk ends: no query of riskdesk's is left running.  The source is a
# view that takes 20 s to read.
pg_psql -c "CREATE VIEW slow AS SELECT g AS x FROM generate_series(1, 2000) g WHERE pg_sleep(0.01)::text = ''" >/dev/null
for sig in INT TERM; do
	timeout --preserve-status -s $sig 2 "$RISKDESK" profile --engine "$conn" \
		--source slow >/dev/null 2>&1
	rc=$?
	left=1
	for _try in 1 2 3 4 5 6; do
		left=$(pg_psql -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'riskdesk' AND state <> 'idle'")
		[ "$left" = 0 ] && break
		sleep 0.5
	done
	same "SIG$sig during a query: exit status, queries left running 3 s on" \
		"$rc $left" "$([ $sig = INT ] && echo 130 || echo 143) 0"
done

# ----------------------------------------------------- past 2^53
# Integers past 2^53 that no double holds (9007199254740993 and ...995
# are the doubles ...992 and ...996) are counted by the engine, in
# bigint, as SQLite's profile counts them, and warned about the same;
# 10^16, which a double holds, and reals are not.  Column r holds 1e300, whose
# squares are past the largest double: PostgreSQL's float8 stddev stops
# there (22003), and the profile takes its mean and sd on the values
# scaled by 2^-997, as profile does in SQLite.
big53 "$db" 240
both "$db" big53 "integers past 2^53" --target y --bad 1
for where in sqlite engine; do
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s:%d" % (c["name"], sum("past 2^53" in w for w in c["warnings"])) for c in d["columns"]))
print([w for c in d["columns"] for w in c["warnings"] if "2^53" in w][0].split(":")[0])' \
	    "$tmp/$where.json" 2>&1)
	same "past 2^53 ($where): only e warned" "$(echo "$got" | head -1)" \
		"y:0 e:1 f:0 r:0"
	same "past 2^53 ($where): the least such integer, the cells" \
		"$(echo "$got" | tail -1)" 'column "e" holds integers past 2^53 that no number (double) holds exactly, such as 9007199254740993 (80 such cells in all)'
done
# The ends of bigint: 2^63 - 1 and 2^63 - 512 round to 2^63, which no
# bigint is (the engine must not cast it back); 2^63 - 513 rounds to
# 2^63 - 1024, and -2^63 is held.  4 cells: ...807, ...296, ...295 and
# 2^53 + 1.
pg_psql -c "CREATE TABLE ends53 AS SELECT v::bigint AS v FROM (VALUES ('9223372036854775807'), ('9223372036854775296'), ('9223372036854775295'), ('-9223372036854775808'), ('9007199254740993'), ('9007199254740992'), ('1')) t(v)" >/dev/null
printf 'v\n9223372036854775807\n9223372036854775296\n9223372036854775295\n-9223372036854775808\n9007199254740993\n9007199254740992\n1\n' \
	>"$tmp/ends53.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table ends53 --role v=ordinary \
	"$tmp/ends53.csv"
same "ends of bigint: SQLite holds them as integers" \
	"$(sqlite3 "$db" "SELECT group_concat(t) FROM (SELECT DISTINCT typeof(v) AS t FROM ends53)")" \
	"integer"
expect 0 "" "$RISKDESK" profile --db "$db" --table ends53
contains 'holds integers past 2\^53 that no number \(double\) holds exactly, such as 9007199254740993 \(4 such cells in all\)'
expect 0 "" "$RISKDESK" profile --engine "$conn" --source ends53
contains 'holds integers past 2\^53 that no number \(double\) holds exactly, such as 9007199254740993 \(4 such cells in all\)'

# ---------------------------------------------------------------- errors
expect 4 "cannot connect to PostgreSQL: .*; check the connection string" \
	"$RISKDESK" profile --engine \
	"host=$PGHOST port=1 dbname=$PGDATABASE user=$PGUSER" --source hmeq
expect 4 "cannot connect to PostgreSQL: .*database \"no_such_db\" does not exist" \
	"$RISKDESK" profile --engine \
	"host=$PGHOST port=$PGPORT dbname=no_such_db user=$PGUSER" --source hmeq
expect 1 'no table "no_such_table" in the PostgreSQL database' \
	"$RISKDESK" profile --engine "$conn" --source no_such_table
expect 1 'table "hmeq" has no target column "nope"' \
	"$RISKDESK" profile --engine "$conn" --source hmeq --target nope --bad 1
expect 2 "not --table" "$RISKDESK" profile --engine "$conn" --source hmeq \
	--table hmeq
expect 2 "needs --source" "$RISKDESK" profile --engine "$conn"
expect 2 "go with --engine" "$RISKDESK" profile --db "$db" --table hmeq \
	--source hmeq
expect 2 "--target needs --bad" "$RISKDESK" profile --engine "$conn" \
	--source hmeq --target BAD
expect 2 "go with --target" "$RISKDESK" profile --engine "$conn" \
	--source hmeq --bad 1
expect 2 '"1" given as both --bad and --good' "$RISKDESK" profile \
	--engine "$conn" --source hmeq --target BAD --bad 1 --good 1
pg_psql -c "CREATE TABLE twins AS SELECT 0 AS loan, * FROM hmeq" >/dev/null
expect 1 'table "twins" has columns "loan" and "LOAN", whose names differ only in case' \
	"$RISKDESK" profile --engine "$conn" --source twins --target BAD --bad 1

# ---------------------------------------------------------------- synthetic
gen="$top_builddir/tests/bench/gen-population"
if [ ! -x "$gen" ]; then
	echo "FAIL: $gen is not built (make check builds it)"; fails=$((fails + 1))
else
	sdb="$tmp/syn.db"
	"$gen" -n 100000 -s 7 -o "$tmp/syn-in.csv"
	# No --special: the -999 sentinels stay and are warned about.
	expect 0 "" "$RISKDESK" import --db "$sdb" --table apps --target bad \
		--bad 1 "$tmp/syn-in.csv"
	copy_table "$sdb" apps
	both "$sdb" apps "synthetic 100,000" --target bad --bad 1
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(sorted(s for c in d["columns"] for s in c["suggest"])))' \
	    "$tmp/engine.json")
	case $got in
	*"--special income=-999"*"--special months_on_file=-999"*)
		passes=$((passes + 1))
		echo "ok: synthetic: the engine warns of the -999 sentinels: $got" ;;
	*)
		echo "FAIL: synthetic: the engine's suggestions lack the sentinels: $got"
		fails=$((fails + 1)) ;;
	esac
	got=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); c = [c for c in d["columns"] if c["name"] == "app_date"][0]; print(c["type"], c["first"], len(c["months"]))' "$tmp/engine.json")
	same "synthetic: app_date a date" "$got" "date 2023-01-01 24"
fi

echo "engine-profile: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
