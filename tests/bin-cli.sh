#!/bin/sh
# bin-cli.sh - "riskdesk bin" end to end: the analysis as text and JSON,
# regrouping saved in the database and used by a refit, the YAML binning
# spec out and back in, CSI, and exit codes and messages for bad input
# (which must leave the saved binnings as they were); integers past 2^53
# counted as integers by profile and said by profile, bin and fit.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/bin-cli-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

"$RISKDESK" import --db "$db" --table g --target creditability --bad bad \
	"$top_srcdir/data/german_credit.csv" >/dev/null || exit 1

# The analysis: conventions, summary, bins.
expect 0 "" "$RISKDESK" bin --db "$db" --table g
contains '^conventions:'
contains 'WoE = ln\(%good / %bad\)'
contains 'closed on the left'
contains 'status_of_existing_checking_account +text +4 +0\.6660 suspicious'
contains 'foreign_worker .* single bin$'
contains '^duration_in_month \(numeric, optimal binning, descending\)'
expect 0 "" "$RISKDESK" bin --db "$db" --table g --json --char age_in_years
contains '"conventions"'
contains '"characteristics"'
contains '"status": "usable"'
if command -v python3 >/dev/null 2>&1; then
	if python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
c = o["characteristics"][0]
assert c["name"] == "age_in_years" and c["type"] == "numeric"
for k in ("iv", "gini", "ks"): float(c[k])
b = c["bins"]
assert b[0]["lower"] is None and b[-1]["upper"] is None
assert sum(x["count"] for x in b) == 1000
assert all(x["woe"] is not None for x in b)
assert o["conventions"]["interval_closed"] == "left"
' "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: bin JSON"; fails=$((fails + 1)); fi
fi

# Regrouping: merge bins 1 and 2 of age, saved; a refit uses it.
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char age_in_years
nb=$(grep -cE '^ +[0-9]+ \[' "$tmp/out")
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char age_in_years --merge 1
contains 'saved binning'
nb2=$(grep -cE '^ +[0-9]+ \[' "$tmp/out")
if [ "$nb2" -eq $((nb - 1)) ]; then passes=$((passes + 1))
else echo "FAIL: merge: $nb bins became $nb2"; fails=$((fails + 1)); fi
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char age_in_years
contains 'saved binning'
expect 0 "" "$RISKDESK" fit --db "$db" --table g --name g
agebins=$(awk '/^  age_in_years /{p=1} p && /\[/{n++} p && /^  [a-z]/ && !/^  age_in_years/{p=0} END{print n+0}' "$tmp/out")
if [ "$agebins" -eq "$nb2" ]; then passes=$((passes + 1))
else echo "FAIL: refit has $agebins age bins, wanted $nb2"; fails=$((fails + 1)); fi
# Split the first bin back at its old cut; move a level.
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char housing --move 'for free=new'
contains 'for free'
expect 2 "--split: expected <bin>:<value>" "$RISKDESK" bin --db "$db" --table g --char age_in_years --split x
expect 1 "cannot split bin 1 of 'age_in_years' at 1e\+06" \
	"$RISKDESK" bin --db "$db" --table g --char age_in_years --split 1:1000000
expect 1 "cannot merge bin 9 of .housing.: no bin after it" "$RISKDESK" bin --db "$db" --table g --char housing --merge 9
expect 2 "need exactly one --char" "$RISKDESK" bin --db "$db" --table g --merge 1
expect 1 "no characteristic \"nosuch\"" "$RISKDESK" bin --db "$db" --table g --char nosuch
expect 2 "--trend: expected" "$RISKDESK" bin --db "$db" --table g --trend sideways
expect 2 "--min-share" "$RISKDESK" bin --db "$db" --table g --min-share 1.5
expect 1 "no imported table named" "$RISKDESK" bin --db "$db" --table nosuch

# YAML out and back in; a bad spec changes nothing and says where.
expect 0 "" "$RISKDESK" bin --db "$db" --table g --export "$tmp/g.yaml"
if grep -q '^format: riskdesk binning' "$tmp/g.yaml"; then passes=$((passes + 1))
else echo "FAIL: export"; fails=$((fails + 1)); fi
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char age_in_years --reset
lacks 'saved binning'
expect 0 "" "$RISKDESK" bin --db "$db" --table g --apply "$tmp/g.yaml" --char age_in_years
contains 'saved binning'
nb3=$(grep -cE '^ +[0-9]+ \[' "$tmp/out")
if [ "$nb3" -eq "$nb2" ]; then passes=$((passes + 1))
else echo "FAIL: apply gave $nb3 bins, wanted $nb2"; fails=$((fails + 1)); fi
printf 'format: riskdesk binning\nversion: 1\ntable: g\ncharacteristics:\n  - name: age_in_years\n    type: numeric\n    breaks: [40, 30]\n' >"$tmp/bad.yaml"
expect 1 "bad\.yaml:7:[0-9]+: expected breaks in increasing order" \
	"$RISKDESK" bin --db "$db" --table g --apply "$tmp/bad.yaml"
printf 'format: riskdesk binning\nversion: 1\ntable: g\ncharacteristics:\n  - name: nosuch\n    type: numeric\n    breaks: [1]\n' >"$tmp/bad2.yaml"
expect 1 "bad2\.yaml:5:.*no characteristic 'nosuch'" \
	"$RISKDESK" bin --db "$db" --table g --apply "$tmp/bad2.yaml"
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char age_in_years
nb4=$(grep -cE '^ +[0-9]+ \[' "$tmp/out")
if [ "$nb4" -eq "$nb2" ]; then passes=$((passes + 1))
else echo "FAIL: a bad spec changed the saved binning"; fails=$((fails + 1)); fi

# CSI against another table: the same data is stable.
"$RISKDESK" import --db "$db" --table g2 --target creditability --bad bad \
	"$top_srcdir/data/german_credit.csv" >/dev/null || exit 1
expect 0 "" "$RISKDESK" bin --db "$db" --table g --csi g2
contains '^characteristic stability \(CSI\)'
contains 'age_in_years +0\.0000 +stable'
expect 0 "" "$RISKDESK" bin --db "$db" --table g --csi g2 --json
contains '"reading": "stable"'

# CSI with --char: only the characteristics named.
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char age_in_years \
	--char housing --csi g2
contains 'age_in_years +0\.0000 +stable'
contains 'housing +0\.0000 +stable'
lacks 'duration_in_month'
lacks '^credit_amount: CSI'
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char housing --csi g2 --json
lacks '"name": "age_in_years"'
contains '"name": "housing"'
expect 1 "no characteristic \"nosuch\"" "$RISKDESK" bin --db "$db" \
	--table g --char nosuch --csi g2

# Evidence in the special and missing bins: DEROG = 0 is special, so one
# range bin is left beside the special and missing bins; with rows in two
# or more bins of any kind the characteristic is usable.
"$RISKDESK" import --db "$db" --table h --target BAD --bad 1 \
	--special DEROG=0 "$top_srcdir/data/hmeq.csv" >/dev/null || exit 1
expect 0 "" "$RISKDESK" bin --db "$db" --table h --char DEROG
contains '^  DEROG +numeric +3 +0\.[0-9]+ .* usable$'
lacks 'single bin'
# Unknown bins to merge or split are bad input (exit 1).
expect 1 "cannot merge bin 9 of .DEROG.: no bin after it" \
	"$RISKDESK" bin --db "$db" --table h --char DEROG --merge 9
expect 1 "cannot split bin 9 of .DEROG.: it has 3 bins" \
	"$RISKDESK" bin --db "$db" --table h --char DEROG --split 9:1
# The trend label is that of the bins as they stand: after a split and a
# merge DEBTINC's range WoE rises then falls (peak), now and on a rerun.
expect 0 "" "$RISKDESK" bin --db "$db" --table h --char DEBTINC \
	--split 1:20 --merge 3
contains '^DEBTINC \(numeric, saved binning, peak\)$'
awk '/^ +[0-9]+ \[/ { print $(NF - 1) }' "$tmp/out" >"$tmp/woe"
if awk 'NR > 1 { if ($1 > p) u++; else if ($1 < p) { if (u == 0) bad = 1; d++ } }
	{ p = $1 } END { exit !(u > 0 && d > 0 && !bad) }' "$tmp/woe"
then passes=$((passes + 1))
else echo "FAIL: DEBTINC WoE is not a peak:"; cat "$tmp/woe"; fails=$((fails + 1)); fi
expect 0 "" "$RISKDESK" bin --db "$db" --table h --char DEBTINC
contains '^DEBTINC \(numeric, saved binning, peak\)$'
expect 0 "" "$RISKDESK" bin --db "$db" --table h --char DEBTINC --json
contains '"trend": "peak"'

# Integers past 2^53 (account numbers): profile counts them as SQLite
# does, as integers (13 distinct, not the 10 doubles they round to), and
# profile, bin and fit say that their classing takes them as doubles.
awk 'BEGIN { print "y,big"; for (i = 0; i < 390; i++) {
	k = i % 13; printf "%d,%s\n", k < 7 ? i % 2 : i % 6 == 0,
	    k < 7 ? "900719925474099" (2 + k) : k - 7 } }' >"$tmp/big.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table big --target y --bad 1 \
	--role big=ordinary "$tmp/big.csv"
same "big: SQLite's count" "$(sqlite3 "$db" 'SELECT count(DISTINCT big) FROM big')" 13
expect 0 "" "$RISKDESK" profile --db "$db" --table big
contains '^big \(integer\): missing 0 \(0\.00%\), distinct 13$'
contains 'warning: column "big" holds integers past 2\^53 that no number \(double\) holds exactly, such as 9007199254740993 \(90 such cells in all\).*use --id or exclude it'
lacks 'distinct whole numbers'
expect 0 "" "$RISKDESK" profile --db "$db" --table big --json
contains '"distinct": 13'
expect 0 "" "$RISKDESK" bin --db "$db" --table big --char big
contains 'warning: column "big" holds integers past 2\^53 that no number \(double\) holds exactly, such as 9007199254740993 \(90 such cells in all\): its classing takes each as the double nearest.*use --id or exclude it \(fit --exclude big\)'
for rows in 0 1; do
	RISKDESK_FIT_ROWS=$rows expect 0 "" "$RISKDESK" fit --db "$db" \
		--table big --name big --min-iv 0
	stderr_has '^warning: column "big" holds integers past 2\^53'
done
# Below 2^53 nothing is said.
expect 0 "" "$RISKDESK" bin --db "$db" --table g --char credit_amount
lacks '2\^53'
# The warning is of integers that no double holds, not of large values:
# 2^53 + 1 (the double 2^53 exactly) is warned about; 10^16, which a
# double holds, and a REAL 1e308 in an INTEGER column are not.
awk 'BEGIN { print "y,e,f,g"; for (i = 0; i < 300; i++) { k = i % 4
	e = i % 7; f = i % 5
	if (k == 0) { e = "9007199254740993"; f = "10000000000000000" }
	if (k == 1) e = "9007199254740992"
	printf "%d,%s,%s,%d\n", i % 3 == 0, e, f, i % 6 } }' >"$tmp/big3.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table big3 --target y --bad 1 \
	--role e=ordinary --role f=ordinary --role g=ordinary "$tmp/big3.csv"
sqlite3 "$db" "UPDATE big3 SET g = 1e308 WHERE rowid % 4 = 1"
same "big3: typeof" "$(sqlite3 "$db" "SELECT group_concat(t, ' ') FROM (SELECT DISTINCT typeof(e) || typeof(f) || typeof(g) AS t FROM big3 ORDER BY 1)")" \
	"integerintegerinteger integerintegerreal"
w53='holds integers past 2\^53 that no number \(double\) holds exactly, such as 9007199254740993 \(75 such cells in all\)'
expect 0 "" "$RISKDESK" profile --db "$db" --table big3
contains "column \"e\" $w53"
stderr_count '2\^53' 0
[ "$(grep -c '2\^53' "$tmp/out")" = 1 ] && passes=$((passes + 1)) ||
	{ echo "FAIL: profile big3: a 2^53 warning of f or g"; fails=$((fails + 1)); }
expect 0 "" "$RISKDESK" bin --db "$db" --table big3
contains "column \"e\" $w53"
[ "$(grep -c '2\^53' "$tmp/out")" = 1 ] && passes=$((passes + 1)) ||
	{ echo "FAIL: bin big3: a 2^53 warning of f or g"; fails=$((fails + 1)); }
for rows in 0 1; do
	RISKDESK_FIT_ROWS=$rows expect 0 "" "$RISKDESK" fit --db "$db" \
		--table big3 --name big3 --min-iv 0 --force e --force f --force g
	stderr_has "^warning: column \"e\" $w53"
	stderr_count '2\^53' 1
done
# A holdout keeps the column's fact.
expect 0 "" "$RISKDESK" fit --db "$db" --table big3 --name big3h --min-iv 0 \
	--force e --holdout 0.3 --seed 1
stderr_has "^warning: column \"e\" $w53"

# A column imported as a date (ISO text, declared DATE) is not binned as
# text of a level a day: bin, from the columns' values and from the rows
# held (--csi), and fit, streamed and from the rows, leave it out with
# its own reason; profile keeps profiling it.
awk 'BEGIN { print "app_date,x,y"; for (i = 0; i < 400; i++)
	printf "2021-%02d-%02d,%d,%s\n", i % 12 + 1, i % 28 + 1, i % 10,
	    (i % 10 < 4 ? (i % 3 == 0) : (i % 7 == 0)) ? "bad" : "good" }' \
	>"$tmp/dated.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table dated --target y \
	--bad bad "$tmp/dated.csv"
date_why='a date: not a characteristic as it stands; derive one from it with SQL \(e\.g\. the months since it\)'
expect 0 "" "$RISKDESK" bin --db "$db" --table dated
contains "^  app_date +$date_why\$"
lacks '^app_date \('
expect 0 "" "$RISKDESK" bin --db "$db" --table dated --csi dated
contains '^  x  +0\.0000  stable$'
lacks 'app_date'
for rows in 0 1; do
	RISKDESK_FIT_ROWS=$rows expect 0 "" "$RISKDESK" fit --db "$db" \
		--table dated --name dated
	contains "^  app_date: $date_why\$"
	lacks 'app_date: single bin'
done
expect 0 "" "$RISKDESK" profile --db "$db" --table dated
contains 'app_date'

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
