#!/bin/sh
# engine-fit.sh - riskdesk fit --engine: a scorecard fitted on a
# population that lives in PostgreSQL, without its rows leaving the
# server (the classing from bin --engine's aggregates, then the rows of
# each combination of bins and outcome), is the scorecard fit gives on
# the same rows imported into SQLite:
#   1. the German credit data (1,000 rows, text and integer columns);
#   2. HMEQ (5,960 rows, NULLs, reals), --bins 10 --min-iv 0.05;
#   3. German with stepwise selection and a forced characteristic;
#   4. a 100,000-row synthetic population (tests/bench/gen-population:
#      missing and special values, rejects with no outcome as the
#      reject rule says), the application id excluded on both sides;
# every figure of fit --json (coefficients, standard errors, points,
# bins, counts, WoE, IV, AUC, KS, what is left out and why) to a
# relative 1e-12 (the sums are the same, taken in another row order),
# and the engine's scorecard validates as the SQLite one does;
#   5. what the engine sent: cells, far fewer than the rows on German;
#   6. the errors: the sample options, no target, a column that is not
#      there, the options that do not go together.
# The server is a private one (tests/engine-lib.sh); without PostgreSQL
# the test is skipped (a failure under RISKDESK_REQUIRE_ENGINES=1).
set -u
: "${top_srcdir:?}" "${RISKDESK:?}"
. "$top_srcdir/tests/engine-test.sh"
engine_test_start engine-fit

# same_card WHAT A.json B.json: every figure of the two fits is equal.
same_card() {
	if python3 - "$2" "$3" >"$tmp/py" 2>&1 <<'EOF'
import json, os, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests"))
from json_same import Same
# The JSON has 12 significant digits: a last-bit difference of the sums,
# taken in another row order, can show as one unit of the 12th digit (2e-11
# relative at most past the rounding of the print); a p-value far in the
# tail magnifies the relative difference of its z by about z^2 (z up to 25
# here), so p-values are held to 1e-9.
same = Same(rel=2e-11, count_text=True)
# The scorecard's and the population's names are each side's own.
for j in (a, b):
    for k in ("population", "table", "scorecard", "name"):
        j.pop(k, None)
same.cmp(a, b, "fit")
loose = Same(rel=1e-9)
left = []
for m in same.bad:
    path = m.split(":")[0]
    if path.endswith(".p_value"):
        x, y = [float(v) for v in m.split(": ", 1)[1].split(" against ")]
        if abs(x - y) <= 1e-9 * max(abs(x), abs(y)):
            continue
    left.append(m)
same.bad = left
for m in same.bad[:20]:
    print(m)
if same.bad:
    print("%d differ of %d figures" % (len(same.bad), same.n))
    sys.exit(1)
print("%d figures, %d characteristics" % (same.n,
    len(a.get("characteristics", []))))
EOF
	then
		passes=$((passes + 1))
		echo "ok: $1: the engine's scorecard equals SQLite's: $(cat "$tmp/py")"
	else
		echo "FAIL: $1: the engine's scorecard differs from SQLite's:"
		sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
	fi
}

db="$tmp/rd.db"
# ---------------------------------------------------------------- German
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
copy_table "$db" german_credit
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name g1 --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source \
	german_credit --target creditability --bad bad --name g2 --json
cp "$tmp/out" "$tmp/engine.json"
same_card "German" "$tmp/sqlite.json" "$tmp/engine.json"
# The text says what left the engine: a few hundred cells for 1,000 rows.
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source \
	german_credit --target creditability --bad bad --good good --name g2
if grep -qE 'fitted in the engine \(postgresql, table "german_credit"\): [0-9,]+ rows of aggregates for the classing, [0-9,]+ cells of bins and outcome \([0-9,]+ bytes\) for 1,000 rows' "$tmp/out"; then
	passes=$((passes + 1))
else
	fails=$((fails + 1)); echo "FAIL: German: no line of what left the engine:"
	tail -3 "$tmp/out"
fi
cells=$(sed -n 's/.*aggregates for the classing, \([0-9,]*\) cells.*/\1/p' "$tmp/out" | tr -d ,)
if [ -n "$cells" ] && [ "$cells" -lt 1000 ]; then
	passes=$((passes + 1)); echo "ok: German: $cells cells for 1,000 rows"
else
	fails=$((fails + 1)); echo "FAIL: German: cells '$cells' not below the rows"
fi
# The engine's card validates there as the SQLite one does here.
expect 0 "" "$RISKDESK" validate --db "$db" --name g1 --json
cp "$tmp/out" "$tmp/v1.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name g2 --engine "$conn" \
	--source german_credit --target creditability --bad bad --json
cp "$tmp/out" "$tmp/v2.json"
got=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["development"]
b = json.load(open(sys.argv[2]))["development"]
print(all(abs(a[k] - b[k]) <= 1e-12 * abs(a[k]) for k in ("auc", "ks", "gini")), a["n"] == b["n"])' \
	"$tmp/v1.json" "$tmp/v2.json" 2>&1 | tail -1)
same "German: validate of each card, AUC, KS, Gini and n" "$got" "True True"

# Stepwise selection, a forced characteristic, other scaling.
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name g3 \
	--select stepwise --force age_in_years --pdo 40 --base-score 500 --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source \
	german_credit --target creditability --bad bad --name g4 \
	--select stepwise --force age_in_years --pdo 40 --base-score 500 --json
cp "$tmp/out" "$tmp/engine.json"
same_card "German, stepwise, age forced, PDO 40" "$tmp/sqlite.json" \
	"$tmp/engine.json"

# Forced in but cannot be fitted (one value, all NULL): left out with a
# note naming each, as the fit in SQLite says it, and the same card.
awk -F, 'BEGIN { OFS = "," } { sub(/\r$/, "") }
	NR == 1 { print $0, "const", "allnull"; next } { print $0, 7, "" }' \
	"$top_srcdir/data/german_credit.csv" >"$tmp/forced.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table forced \
	--target creditability --bad bad --type allnull=real "$tmp/forced.csv"
copy_table "$db" forced
expect 0 "" "$RISKDESK" fit --db "$db" --table forced --name f1 \
	--force const,allnull,age_in_years --json
cp "$tmp/out" "$tmp/sqlite.json"
cp "$tmp/err" "$tmp/sqlite.err"
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source forced \
	--target creditability --bad bad --name f2 \
	--force const,allnull,age_in_years --json
cp "$tmp/out" "$tmp/engine.json"
same_card "German, forced const and allnull" "$tmp/sqlite.json" \
	"$tmp/engine.json"
for c in const allnull; do
	stderr_has "^note: $c: left out although forced \(--force\): single bin"
done
if cmp -s "$tmp/sqlite.err" "$tmp/err"; then passes=$((passes + 1))
else echo "FAIL: forced: the notes differ from SQLite's:"
	diff "$tmp/sqlite.err" "$tmp/err"; fails=$((fails + 1)); fi

# A real (4-byte float) column: each value read as the shortest decimal
# that gives the float4 back (25.01, not the widened 25.010000228881836),
# the number the import of the same text gives: the card of the engine's
# float4 table equals the card of the CSV imported, cut points and all,
# and the column is named in a warning.
python3 - "$top_srcdir/data/german_credit.csv" >"$tmp/ft.csv" <<'EOF'
import csv, sys
r = csv.DictReader(open(sys.argv[1], newline=""))
print("creditability,duration_in_month,r4")
for i, x in enumerate(r):
    print("%s,%s,%.2f" % (x["creditability"], x["duration_in_month"],
        int(x["age_in_years"]) + (0.01 if i % 2 else 0.7)))
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table ft \
	--target creditability --bad bad "$tmp/ft.csv"
copy_table "$db" ft
pg_psql -c "ALTER TABLE ft ALTER COLUMN r4 TYPE real" >/dev/null
expect 0 "" "$RISKDESK" fit --db "$db" --table ft --name ft1 --min-iv 0 \
	--json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source ft \
	--target creditability --bad bad --name ft2 --min-iv 0 --json
cp "$tmp/out" "$tmp/engine.json"
stderr_has '^warning: column r4 is a real column \(4-byte float\): its values keep about 7 significant digits; each is read as the shortest decimal that gives the float4 back \(25.01'
same_card "float4 column against the CSV imported" "$tmp/sqlite.json" \
	"$tmp/engine.json"
"$RISKDESK" points --db "$db" --name ft1 | grep '^r4,' >"$tmp/p1"
"$RISKDESK" points --db "$db" --name ft2 | grep '^r4,' >"$tmp/p2"
if [ -s "$tmp/p1" ] && cmp -s "$tmp/p1" "$tmp/p2"; then
	passes=$((passes + 1)); echo "ok: float4: the same cut points: $(tr '\n' ' ' <"$tmp/p2")"
else
	fails=$((fails + 1)); echo "FAIL: float4: the cut points differ:"
	diff "$tmp/p1" "$tmp/p2" | head -10
fi
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source german_credit \
	--target creditability --bad bad --name g5
stderr_count 'real column' 0

# ------------------------------------------------------------------ HMEQ
expect 0 "" "$RISKDESK" import --db "$db" --table hmeq --target BAD \
	--bad 1 "$top_srcdir/data/hmeq.csv"
copy_table "$db" hmeq
expect 0 "" "$RISKDESK" fit --db "$db" --table hmeq --name h1 --bins 10 \
	--min-iv 0.05 --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" fit --db "$db" --engine "$conn" --source hmeq \
	--target BAD --bad 1 --name h2 --bins 10 --min-iv 0.05 --json
cp "$tmp/out" "$tmp/engine.json"
same_card "HMEQ, 10 fine bins, IV from 0.05" "$tmp/sqlite.json" \
	"$tmp/engine.json"

# ------------------------------------------------------------ synthetic
gen="$top_builddir/tests/bench/gen-population"
if [ -x "$gen" ]; then
	"$gen" -n 100000 -o "$tmp/apps.csv" >/dev/null 2>&1
	sdb="$tmp/syn.db"
	expect 0 "" "$RISKDESK" import --db "$sdb" --table apps --target bad \
		--bad 1 --id app_id --reject-when decision=rejected "$tmp/apps.csv"
	copy_table "$sdb" apps
	# app_date was imported as a date (DATE): the copy is a date too,
	# and both leave it out as one.
	pg_psql -c 'ALTER TABLE apps ALTER COLUMN app_date TYPE date USING app_date::date' >/dev/null
	expect 0 "" "$RISKDESK" fit --db "$sdb" --table apps --name s1 \
		--exclude app_id --json
	cp "$tmp/out" "$tmp/sqlite.json"
	expect 0 "" "$RISKDESK" fit --db "$sdb" --engine "$conn" --source apps \
		--target bad --bad 1 --reject-when decision=rejected --name s2 \
		--exclude app_id --json
	cp "$tmp/out" "$tmp/engine.json"
	same_card "synthetic 100,000, rejects" "$tmp/sqlite.json" \
		"$tmp/engine.json"
	contains '"app_date: a date: not a characteristic as it stands; derive one from it with SQL \(e\.g\. the months since it\)"'
else
	echo "engine-fit: SKIPPED LOUDLY (one case): $gen is not built"
fi

# ---------------------------------------------------------------- errors
expect 2 "--holdout does not go with --engine" "$RISKDESK" fit --db "$db" \
	--engine "$conn" --source german_credit --target creditability \
	--bad bad --name x --holdout 0.3
expect 2 "--oot-after does not go with --engine" "$RISKDESK" fit --db "$db" \
	--engine "$conn" --source german_credit --target creditability \
	--bad bad --name x --oot-after 2024-01 --date-column d
expect 2 "--engine needs --target <column> and --bad <value>" \
	"$RISKDESK" fit --db "$db" --engine "$conn" --source german_credit \
	--name x
expect 2 "name it with --source, not --table" "$RISKDESK" fit --db "$db" \
	--engine "$conn" --table german_credit --target creditability \
	--bad bad --name x
expect 2 "go with --engine" "$RISKDESK" fit --db "$db" --table \
	german_credit --source german_credit --name x
expect 1 'cannot exclude "nope": table "german_credit" has no such column' \
	"$RISKDESK" fit --db "$db" --engine "$conn" --source german_credit \
	--target creditability --bad bad --name x --exclude nope
expect 1 'table "german_credit" has no target column "nope"' \
	"$RISKDESK" fit --db "$db" --engine "$conn" --source german_credit \
	--target nope --bad bad --name x
expect 1 'no table "no_such_table" in the PostgreSQL database' \
	"$RISKDESK" fit --db "$db" --engine "$conn" --source no_such_table \
	--target creditability --bad bad --name x

echo "engine-fit: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
