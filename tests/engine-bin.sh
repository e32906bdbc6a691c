#!/bin/sh
# engine-bin.sh - riskdesk bin --engine: the characteristics of a table
# that lives in PostgreSQL fine and coarse classed without its rows
# leaving the server (it returns the order statistics fine classing picks
# as cuts and the rows per fine bin or level and outcome; riskdesk classes
# them with the code bin_fine uses) give the analysis bin gives on the
# same rows in SQLite:
#   1. the German credit data (1,000 rows, text and integer columns), with
#      the defaults and with --fine, --trend, --min-share, --other-share;
#   2. HMEQ (5,960 rows: NULLs, REAL columns);
#   3. a 100,000-row synthetic population (tests/bench/gen-population:
#      REAL columns, missing and special values, text levels, rejects with
#      no outcome), the columns bin keeps in SQLite (--char);
# every figure of bin --json (rows, goods, bads, every characteristic's
# bins with their bounds, levels, counts, WoE and IV, its IV, Gini, KS,
# trend, status, warnings) integers exactly and reals to a relative
# 1e-12, by python3;
#   4. a number and a text that split goods from bads on their own, and
#      rejects marked by --reject-when (108 German rows with outcomes);
#   5. the errors: a connection that fails (libpq's reason), a table that
#      is not there, an unknown --char, the options that do not go.
# The server is a private one (tests/engine-lib.sh); without PostgreSQL
# the test is skipped (a failure under RISKDESK_REQUIRE_ENGINES=1).
set -u
: "${top_srcdir:?}" "${RISKDESK:?}"
. "$top_srcdir/tests/engine-test.sh"
engine_test_start engine-bin

# char_names A.json: the characteristics of a bin --json, as --char
# options.
char_names() {
	python3 -c 'import json, sys
for c in json.load(open(sys.argv[1]))["characteristics"]:
    print("--char=" + c["name"])' "$1"
}

# same_bins WHAT A.json B.json: every figure of the SQLite analysis (A)
# equals the engine's (B), characteristic by characteristic (B's are
# those of A, in A's order).
same_bins() {
	if python3 - "$2" "$3" >"$tmp/py" 2>&1 <<'EOF'
import json, os, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests"))
from json_same import Same
same = Same()
cmp, bad = same.cmp, same.bad

for k in ("table", "rows", "goods", "bads", "conventions", "spec",
          "indeterminate", "rejects"):
    if k not in a and k not in b and k in ("indeterminate", "rejects"):
        continue
    if k not in a or k not in b:
        bad.append("%s missing" % k)
    else:
        cmp(a[k], b[k], k)
ca = a["characteristics"]
cb = b["characteristics"]
if [c["name"] for c in ca] != [c["name"] for c in cb]:
    bad.append("characteristics %s against %s" % ([c["name"] for c in ca],
        [c["name"] for c in cb]))
else:
    for x, y in zip(ca, cb):
        cmp(x, y, x["name"])
nb = sum(len(c["bins"]) for c in ca)
for m in bad[:20]:
    print(m)
if bad:
    print("%d differ of %d figures" % (len(bad), same.n))
    sys.exit(1)
print("%d characteristics, %d bins, %d figures" % (len(ca), nb, same.n))
EOF
	then
		passes=$((passes + 1))
		echo "ok: $1: the engine's bins equal SQLite's: $(cat "$tmp/py")"
	else
		echo "FAIL: $1: the engine's bins differ from SQLite's:"
		sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
	fi
}

# both WHAT DB TABLE SOURCE TARGET BAD [bin options]: bin --json of the
# SQLite table and of its copy in the engine, compared (--reject-when,
# recorded at the SQLite table's import, goes to the engine only).
both() {
	what=$1 db=$2 table=$3 source=$4 target=$5 badv=$6; shift 6
	expect 0 "" "$RISKDESK" bin --db "$db" --table "$table" --json \
		$(for o in "$@"; do case $o in --reject-when=*) ;; *) printf '%s\n' "$o" ;; esac; done)
	cp "$tmp/out" "$tmp/sqlite.json"
	expect 0 "" "$RISKDESK" bin --engine "$conn" --source "$source" \
		--target "$target" --bad "$badv" --json \
		$(char_names "$tmp/sqlite.json") "$@"
	cp "$tmp/out" "$tmp/engine.json"
	same_bins "$what" "$tmp/sqlite.json" "$tmp/engine.json"
}

# ---------------------------------------------------------------- German
db="$tmp/rd.db"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
copy_table "$db" german_credit
both "German" "$db" german_credit german_credit creditability bad
# The target is found as the other names are, without case.
both "German, --target CREDITABILITY" "$db" german_credit german_credit \
	CREDITABILITY bad
# Every column but the target, without --char: the same characteristics.
expect 0 "" "$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad bad --good good --json
cp "$tmp/out" "$tmp/engine.json"
same_bins "German, every column, --good" "$tmp/sqlite.json" "$tmp/engine.json"
# The schema written: the same bins, the table as named.
expect 0 "" "$RISKDESK" bin --engine "$conn" --source public.german_credit \
	--target creditability --bad bad --json
got=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["table"], len(d["characteristics"]))' "$tmp/out")
same "German, public.german_credit" "$got" "public.german_credit 20"
both "German, --fine 7 --trend peak --min-share 0.1 --other-share 0.05" \
	"$db" german_credit german_credit creditability bad \
	--fine 7 --trend peak --min-share 0.1 --other-share 0.05
both "German, --fine 40 --trend descending --min-goods 20 --min-bads 10 --woe-adjust 0.25" \
	"$db" german_credit german_credit creditability bad \
	--fine 40 --trend descending --min-goods 20 --min-bads 10 --woe-adjust 0.25
both "German, --special duration_in_month=24 --special 1 --trend none" \
	"$db" german_credit german_credit creditability bad \
	--special duration_in_month=24 --special 1 --trend none
# Text: the same table.
expect 0 "" "$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad bad --char duration_in_month \
	--char purpose
contains '^characteristic analysis of table "german_credit": 1,000 rows, 700 goods, 300 bads$'
contains '^  classed in postgresql, where the rows live; identifiers: none detected'
contains 'duration_in_month'
contains 'purpose'
expect 0 "" "$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad bad --char purpose --json
got=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["engine"], d["source"], d["identifiers_detected"], d["left_out"])' "$tmp/out")
same "German: the JSON names the engine" "$got" "postgresql german_credit False []"

# Columns that split goods from bads on their own (a number, a text):
# status "separates goods from bads" and the split, from the engine's
# least and greatest value per outcome and its levels per outcome.
python3 - "$top_srcdir/data/german_credit.csv" "$tmp/leak.csv" <<'EOF'
import csv, sys
r = csv.reader(open(sys.argv[1]))
w = csv.writer(open(sys.argv[2], "w", newline=""))
h = next(r)
t = h.index("creditability")
w.writerow(h + ["leak_num", "leak_text"])
for i, row in enumerate(r):
    bad = row[t] == "bad"
    w.writerow(row + [str(i % 7 + (100 if bad else 0)),
        ("b" if bad else "g") + str(i % 3)])
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table leak \
	--target creditability --bad bad "$tmp/leak.csv"
copy_table "$db" leak
both "German with two leaking columns" "$db" leak leak creditability bad
got=$(python3 -c 'import json, sys; print(" / ".join(c["name"] + ": " + c["status"] for c in json.load(open(sys.argv[1]))["characteristics"] if c["name"] in ("purpose", "leak_num", "leak_text")))' "$tmp/engine.json")
same "leaking columns: status" "$got" "purpose: usable / leak_num: separates goods from bads / leak_text: separates goods from bads"

# Rejects keep their outcome in the file but have none (import
# --reject-when; bin --engine --reject-when): left out of the bins, the
# decision column not classed.
expect 0 "" "$RISKDESK" import --db "$db" --table german_rej \
	--target creditability --bad bad --reject-when housing="for free" \
	"$top_srcdir/data/german_credit.csv"
copy_table "$db" german_rej
both "German, 108 rejects with outcomes" "$db" german_rej german_rej \
	creditability bad --reject-when="housing=for free"
got=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["rejects"], d["indeterminate"], [x["name"] for x in d["left_out"]])' "$tmp/engine.json")
same "German rejects: rejects, indeterminate, left out" "$got" "108 0 ['housing']"
expect 1 'column "housing" of table "german_rej" is not binned: the reject decision' \
	"$RISKDESK" bin --engine "$conn" --source german_rej \
	--target creditability --bad bad --reject-when housing="for free" \
	--char housing
expect 1 'table "german_rej" has no column "nope" for the reject rule' \
	"$RISKDESK" bin --engine "$conn" --source german_rej \
	--target creditability --bad bad --reject-when nope=1
expect 2 '--reject-when: expected <column>=<value>' \
	"$RISKDESK" bin --engine "$conn" --source german_rej \
	--target creditability --bad bad --reject-when housing
expect 2 '"bad" given as both --bad and --good' \
	"$RISKDESK" bin --engine "$conn" --source german_rej \
	--target creditability --bad bad --good bad
pg_psql -c "CREATE TABLE twins AS SELECT 0 AS \"Credit_Amount\", * FROM german_credit" \
	>/dev/null
expect 1 'table "twins" has columns "Credit_Amount" and "credit_amount", whose names differ only in case' \
	"$RISKDESK" bin --engine "$conn" --source twins \
	--target creditability --bad bad --char credit_amount

# ------------------------------------------------------------------ HMEQ
expect 0 "" "$RISKDESK" import --db "$db" --table hmeq --target BAD \
	--bad 1 "$top_srcdir/data/hmeq.csv"
copy_table "$db" hmeq
both "HMEQ (NULLs, reals)" "$db" hmeq hmeq BAD 1
both "HMEQ, --fine 50 --trend valley" "$db" hmeq hmeq BAD 1 --fine 50 \
	--trend valley
# A float8 NaN in the engine is a missing value, as NULL is in riskdesk:
# HMEQ with its missing DEBTINC and CLAGE written as NaN.
pg_psql -c "CREATE TABLE hmeq_nan AS SELECT * FROM hmeq" \
	-c "ALTER TABLE hmeq_nan ALTER COLUMN \"DEBTINC\" TYPE float8, ALTER COLUMN \"CLAGE\" TYPE float8" \
	-c "UPDATE hmeq_nan SET \"DEBTINC\" = COALESCE(\"DEBTINC\", 'NaN'), \"CLAGE\" = COALESCE(\"CLAGE\", 'NaN')" >/dev/null
expect 0 "" "$RISKDESK" bin --db "$db" --table hmeq --json
sed 's/"table": "hmeq"/"table": "hmeq_nan"/' "$tmp/out" >"$tmp/sqlite.json"
expect 0 "" "$RISKDESK" bin --engine "$conn" --source hmeq_nan --target BAD \
	--bad 1 --json
cp "$tmp/out" "$tmp/engine.json"
same_bins "HMEQ, NaN for NULL in DEBTINC and CLAGE" "$tmp/sqlite.json" "$tmp/engine.json"

# Columns named like the names the engine's queries give their own
# results ("rd y" the outcome, k0 a fine bin, v a value, rn a rank, s
# and t the subqueries): the same bins as HMEQ's, and every column,
# those included, classed without --char.
pg_psql -c "CREATE TABLE clash AS SELECT h.*, 0 AS \"rd y\", 1 AS rd_y, 2 AS k0, 3 AS k1, 4 AS v, 5 AS rn, 6 AS s, 7 AS t, 8 AS y FROM hmeq h" >/dev/null
expect 0 "" "$RISKDESK" bin --db "$db" --table hmeq --json
sed 's/"table": "hmeq"/"table": "clash"/' "$tmp/out" >"$tmp/sqlite.json"
expect 0 "" "$RISKDESK" bin --engine "$conn" --source clash --target BAD \
	--bad 1 --json $(char_names "$tmp/sqlite.json")
cp "$tmp/out" "$tmp/engine.json"
same_bins "HMEQ with columns named rd y, k0, v, rn, s, t" "$tmp/sqlite.json" "$tmp/engine.json"
expect 0 "" "$RISKDESK" bin --engine "$conn" --source clash --target BAD \
	--bad 1 --json
got=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["characteristics"]))' "$tmp/out" 2>&1)
same "HMEQ with clashing names, every column classed" "$got" "21"

# A table wider than the 1,664 results a PostgreSQL query may give:
# 300 numeric and 20 text columns, classed in batches of columns, with
# the bins SQLite gives.
python3 - "$tmp/wide.csv" <<'EOF'
import sys
w = open(sys.argv[1], "w")
nn, nt = 300, 20
w.write(",".join(["y"] + ["n%d" % j for j in range(nn)] +
                 ["t%d" % j for j in range(nt)]) + "\n")
for i in range(2000):
    y = (i * 7919) % 10 < 3
    row = ["1" if y else "0"]
    for j in range(nn):
        v = (i * (j + 3) + j) % (4 + j % 37) + (2 if y and j % 3 == 0 else 0)
        row.append("" if (i + j) % 53 == 0 else str(v))
    for j in range(nt):
        row.append("abcdefg"[(i + j * (1 + y)) % (2 + j % 6)])
    w.write(",".join(row) + "\n")
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table wide --target y --bad 1 \
	"$tmp/wide.csv"
copy_table "$db" wide
both "320 columns" "$db" wide wide y 1
got=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["characteristics"]))' "$tmp/engine.json" 2>&1)
same "320 columns: every one classed" "$got" "320"

# ---------------------------------------------------------------- errors
expect 4 "cannot connect to PostgreSQL: .*; check the connection string" \
	"$RISKDESK" bin --engine "host=$PGHOST port=1 dbname=$PGDATABASE user=$PGUSER" \
	--source german_credit --target creditability --bad bad
expect 1 'no table "no_such_table" in the PostgreSQL database' \
	"$RISKDESK" bin --engine "$conn" --source no_such_table \
	--target creditability --bad bad
expect 1 'table "german_credit" has no characteristic "nope"' \
	"$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad bad --char nope
expect 1 'table "german_credit" has no characteristic "creditability"' \
	"$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad bad --char creditability
expect 1 'table "german_credit" has no target column "nope"' \
	"$RISKDESK" bin --engine "$conn" --source german_credit \
	--target nope --bad 1
expect 1 'has no bads among its known outcomes' \
	"$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad nothing_is_this
expect 2 "name it with --source, not --table" "$RISKDESK" bin \
	--engine "$conn" --source german_credit --table german_credit \
	--target creditability --bad bad
expect 2 "needs --source" "$RISKDESK" bin --engine "$conn" \
	--target creditability --bad bad
expect 2 "needs --target" "$RISKDESK" bin --engine "$conn" \
	--source german_credit
expect 2 "--target needs --bad" "$RISKDESK" bin --engine "$conn" \
	--source german_credit --target creditability
expect 2 "go with --engine" "$RISKDESK" bin --db "$db" \
	--source german_credit
expect 2 "kept per riskdesk table" "$RISKDESK" bin --engine "$conn" \
	--source german_credit --target creditability --bad bad --save
expect 2 "kept per riskdesk table" "$RISKDESK" bin --engine "$conn" \
	--source german_credit --target creditability --bad bad \
	--char duration_in_month --merge 1

# Integers past 2^53 that no double holds exactly (9007199254740993 is
# the double ...992): the engine counts them in bigint as SQLite's read
# counts them, and bin and fit warn the same; 10^16, which a double
# holds, is not warned about.
big53 "$db" 600
both "integers past 2^53" "$db" big53 big53 y 1
w='warning: column "e" holds integers past 2\^53 that no number \(double\) holds exactly, such as 9007199254740993 \(200 such cells in all\)'
for where in sqlite engine; do
	grep -qE "${w#*\"e\" }" "$tmp/$where.json" && passes=$((passes + 1)) ||
	    { echo "FAIL: bin ($where): no 2^53 warning on e"; fails=$((fails + 1)); }
	grep -c '2\^53' "$tmp/$where.json" | grep -qx 1 && passes=$((passes + 1)) ||
	    { echo "FAIL: bin ($where): a 2^53 warning on another column"; fails=$((fails + 1)); }
done
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source big53 \
	--target y --bad 1 --name big53e --force e --min-iv 0
stderr_has "^$w"
stderr_count '2\^53' 1
expect 0 "" "$RISKDESK" fit --db "$db" --table big53 --name big53s --force e \
	--min-iv 0
stderr_has "^$w"
stderr_count '2\^53' 1

# A real (4-byte float) column, read as the shortest decimal that gives
# the float4 back (25.01, not 25.010000228881836): the engine's bins of a
# float4 table are those of the same CSV imported, and a warning names it.
python3 - "$top_srcdir/data/german_credit.csv" >"$tmp/ft.csv" <<'EOF'
import csv, sys
r = csv.DictReader(open(sys.argv[1], newline=""))
print("creditability,duration_in_month,r4,d4")
for i, x in enumerate(r):
    print("%s,%s,%.2f,%s" % (x["creditability"], x["duration_in_month"],
        int(x["age_in_years"]) + (0.01 if i % 2 else 0.7),
        int(x["duration_in_month"]) / 10))
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table ft \
	--target creditability --bad bad "$tmp/ft.csv"
copy_table "$db" ft
pg_psql -c "ALTER TABLE ft ALTER COLUMN r4 TYPE real,
	ALTER COLUMN d4 TYPE real" >/dev/null
both "float4 columns against the CSV imported" "$db" ft ft creditability bad
stderr_has '^warning: columns r4, d4 are real columns \(4-byte float\): their values keep about 7 significant digits'
expect 0 "" "$RISKDESK" bin --engine "$conn" --source german_credit \
	--target creditability --bad bad --char age_in_years
stderr_count 'real column' 0
# Infinity in a column (real and float8): its bounds are written as
# PostgreSQL spells them ('Infinity'::float8), not as a name (infe0).
pg_psql -c "CREATE TABLE o1 AS SELECT g AS id, (g % 4 = 0)::int AS bad,
	(CASE WHEN g % 9 = 0 THEN 'Infinity'::real ELSE (g / 7.0)::real END) AS f,
	(CASE WHEN g % 11 = 0 THEN '-Infinity'::float8 WHEN g % 13 = 0 THEN 'Infinity'::float8 ELSE g / 3.0 END) AS d
	FROM generate_series(1, 2000) g" >/dev/null
expect 0 "" "$RISKDESK" bin --engine "$conn" --source o1 --target bad \
	--bad 1 --char f --char d
stderr_count 'does not exist' 0
# Date and timestamp columns are not classed as text of a level a day:
# left out with their reason, as SQLite's DATE columns are.
pg_psql -c "CREATE TABLE dt AS SELECT g % 10 AS x, (g % 4 = 0)::int AS bad,
	DATE '2021-01-01' + g AS d,
	TIMESTAMP '2021-01-01 00:00:00' + g * INTERVAL '1 hour' AS ts
	FROM generate_series(1, 2000) g" >/dev/null
date_why='a date: not a characteristic as it stands; derive one from it with SQL \(e\.g\. the months since it\)'
expect 0 "" "$RISKDESK" bin --engine "$conn" --source dt --target bad --bad 1
contains "^  d +$date_why\$"
contains "^  ts +$date_why\$"
contains '^x \(numeric'
lacks '^d \('

# ---------------------------------------------------------------- synthetic
gen="$top_builddir/tests/bench/gen-population"
if [ ! -x "$gen" ]; then
	echo "FAIL: $gen is not built (make check builds it)"; fails=$((fails + 1))
else
	sdb="$tmp/syn.db"
	"$gen" -n 100000 -s 7 -o "$tmp/syn-in.csv" 2>/dev/null
	expect 0 "" "$RISKDESK" import --db "$sdb" --table apps --target bad \
		--bad 1 --id app_id --reject-when decision=rejected \
		--special income=-999 --special months_on_file=-999 \
		"$tmp/syn-in.csv"
	copy_table "$sdb" apps
	t0=$(date +%s.%N)
	both "synthetic 100,000" "$sdb" apps apps bad 1 \
		--special income=-999 --special months_on_file=-999 \
		--reject-when=decision=rejected
	t1=$(date +%s.%N)
	echo "   (both ways in $(echo "$t1 - $t0" | bc) s)"
	# What left the engine: rows of aggregates (most of them the
	# application dates, a text level each, per outcome), not the
	# 100,000 rows (under 5% of them).
	got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["engine_rows"])' "$tmp/engine.json")
	if [ "$got" -gt 0 ] && [ "$got" -lt 5000 ]; then
		passes=$((passes + 1))
		echo "ok: synthetic: $got rows of aggregates left the engine for 100,000 rows"
	else
		fails=$((fails + 1))
		echo "FAIL: synthetic: $got rows of aggregates left the engine"
	fi
	both "synthetic 100,000, --fine 100 --trend auto --other-share 0" \
		"$sdb" apps apps bad 1 --special income=-999 \
		--special months_on_file=-999 --fine 100 --other-share 0 \
		--reject-when=decision=rejected
fi

echo "engine-bin: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
