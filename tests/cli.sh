#!/bin/sh
# cli.sh - the command line end to end: exit codes, error messages on
# stderr, and that a failed import leaves the database as it was.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/cli-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
german="$top_srcdir/data/german_credit.csv"
fails=0; passes=0

# expect <exit code> <stderr pattern or ""> <command...>
expect() {
	want=$1; pat=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: exit $got, wanted $want: $*"; sed 's/^/  stderr: /' "$tmp/err"
		fails=$((fails + 1)); return
	fi
	if [ -n "$pat" ] && ! grep -qE -- "$pat" "$tmp/err"; then
		echo "FAIL: stderr lacks /$pat/: $*"; sed 's/^/  stderr: /' "$tmp/err"
		fails=$((fails + 1)); return
	fi
	passes=$((passes + 1))
}

# contains <pattern> : the last command's stdout matches
contains() {
	if grep -qE -- "$1" "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: stdout lacks /$1/"; fails=$((fails + 1)); fi
}

expect 0 "" "$RISKDESK" --help
contains '^usage: riskdesk'
expect 0 "" "$RISKDESK" --version
contains '^riskdesk [0-9]+\.[0-9]+'
expect 2 "unknown option|unrecognized option" "$RISKDESK" --frobnicate
expect 2 "unknown command" "$RISKDESK" frobnicate
expect 2 "needs --table" "$RISKDESK" import --db "$db" "$german"
expect 2 "go together" "$RISKDESK" import --db "$db" --table t --target x "$german"
expect 4 "no-such\.csv" "$RISKDESK" import --db "$db" --table t "$tmp/no-such.csv"

# A good import, then a bad file that must change nothing.
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$german"
contains 'imported 1,000 rows'
contains 'bads 300, goods 700, indeterminate 0'
printf 'a,b,y\n1,2,bad\n3,4\n' >"$tmp/short.csv"
expect 1 "short\.csv:3: expected 3 fields, found 2" \
	"$RISKDESK" import --db "$db" --table short --target y --bad bad "$tmp/short.csv"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name='short'")
	if [ "$n" = 0 ]; then passes=$((passes + 1))
	else echo "FAIL: failed import left table 'short' behind"; fails=$((fails + 1)); fi
fi
expect 4 "exists" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$german"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad --replace --json "$german"
contains '"rows_imported": 1000'

# Fit.
expect 2 "needs --table" "$RISKDESK" fit --db "$db"
expect 2 "--pdo: expected a positive number" "$RISKDESK" fit --db "$db" \
	--table german_credit --name g --pdo -3
expect 1 "no-table" "$RISKDESK" fit --db "$db" --table no-table --name g
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german
contains 'AUC 0\.[0-9]{4}  Gini 0\.[0-9]{4}  KS 0\.[0-9]{4}'

# Report.
pol="$top_srcdir/policies/example.yaml"
expect 2 "needs --policy" "$RISKDESK" --report --db "$db"
expect 4 "cannot open database .*no-such\.db" "$RISKDESK" --report --db "$tmp/no-such.db" --policy "$pol"
if [ ! -e "$tmp/no-such.db" ]; then passes=$((passes + 1))
else echo "FAIL: --report created a database"; fails=$((fails + 1)); fi
expect 2 "expected text or json" "$RISKDESK" --report --db "$db" --policy "$pol" --format xml
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --format json
contains '"approval_rate"'
contains '"expected_loss"'
if command -v python3 >/dev/null 2>&1; then
	if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert 0.70 < r["model"]["auc"] < 0.90, r["model"]
for k in ("auc", "gini", "ks"): float(r["model"][k])
for k in ("approval_rate", "bad_rate", "expected_loss"): float(r["policy"][k])
assert len(r["segments"]) >= 2
for s in r["segments"]:
    for k in ("name", "approval_rate", "bad_rate", "expected_loss"): assert k in s, k
' "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: report JSON lacks the documented keys"; fails=$((fails + 1)); fi
fi
seg=$(sed -n 's/^  - name: *\([A-Za-z0-9_]*\).*/\1/p' "$pol" | tail -n 1)
expect 2 "no segment \"nope\"" "$RISKDESK" --report --db "$db" --policy "$pol" --cutoff nope=500
expect 2 "expected <segment>=<score>" "$RISKDESK" --report --db "$db" --policy "$pol" --cutoff "$seg=abc"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --cutoff "$seg=1000" --format json
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" \
	--challenger "$top_srcdir/policies/challenger.yaml" --output "$tmp/r.txt"
if grep -q 'challenger policy' "$tmp/r.txt"; then passes=$((passes + 1))
else echo "FAIL: --output file lacks the challenger"; fails=$((fails + 1)); fi

# Bad policies: located errors, exit 1.
printf 'scorecard: german\npopulation: german_credit\nsegments:\n  - name: default\n    cutof: 500\n' >"$tmp/typo.yaml"
expect 1 "typo\.yaml:5:5: .*cutoff" "$RISKDESK" --report --db "$db" --policy "$tmp/typo.yaml"
expect 1 "typo\.yaml:5:5" "$RISKDESK" check-policy --db "$db" "$tmp/typo.yaml"
expect 0 "" "$RISKDESK" check-policy --db "$db" "$pol"
printf 'scorecard: nosuch\npopulation: german_credit\nsegments:\n  - name: default\n    cutoff: 500\n    lgd: 0.5\n    ead: credit_amount\n' >"$tmp/nocard.yaml"
expect 1 "no scorecard named \"nosuch\"" "$RISKDESK" --report --db "$db" --policy "$tmp/nocard.yaml"

# The workbench refuses to run without a terminal.
expect 2 "needs a terminal" "$RISKDESK" --db "$db" </dev/null

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
