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

. "$top_srcdir/tests/cli-lib.sh"

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
	"$RISKDESK" import --db "$db" --table short --target y --bad bad --strict "$tmp/short.csv"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name='short'")
	if [ "$n" = 0 ]; then passes=$((passes + 1))
	else echo "FAIL: failed import left table 'short' behind"; fails=$((fails + 1)); fi
fi
expect 2 "exists; use --replace or --append" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$german"
# Without --strict the short row is rejected, not fatal.
expect 0 "" "$RISKDESK" import --db "$db" --table short_ok --target y --bad bad \
	--json "$tmp/short.csv"
contains '"rows_rejected": 1'
contains '"special": 0'
# Invalid UTF-8 names its line and byte; --encoding converts.
csvdir="$top_srcdir/tests/data/csv"
expect 1 "latin1\.csv:2:2: expected UTF-8 text, found byte 0xFC" \
	"$RISKDESK" import --db "$db" --table l1 "$csvdir/latin1.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table l1 --encoding latin1 "$csvdir/latin1.csv"
expect 2 "unknown encoding" "$RISKDESK" import --db "$db" --table l2 --encoding nope "$csvdir/latin1.csv"
expect 2 "--type: expected" "$RISKDESK" import --db "$db" --table x --type age=bool "$csvdir/forced.csv"
expect 1 "dup-id\.csv:4: expected unique values in id column \"id\"" \
	"$RISKDESK" import --db "$db" --table d --id id "$csvdir/dup-id.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table d --id id --on-duplicate first \
	--special v=c,e --na b "$csvdir/dup-id.csv"
contains 'rows refused 2'
expect 0 "" "$RISKDESK" import --db "$db" --table eu --decimal-comma --delimiter ';' \
	--type id=text "$csvdir/semicolon-decimal.csv"
contains 'amount +real'
contains 'id +text'
expect 0 "" "$RISKDESK" import --db "$db" --table th "$csvdir/thousands.csv"
contains 'warning: column "amount" is stored as text: .*"1,234" at line 2.*import with --thousands ,$'
expect 2 "exists; use --replace or --append" "$RISKDESK" import --db "$db" --table th "$csvdir/thousands.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table th --append --thousands , "$csvdir/thousands.csv"
# Profile and link.
expect 0 "" "$RISKDESK" profile --db "$db" --table german_credit
contains '^duration_in_month \(integer\): missing 0 \(0\.00%\), distinct 33$'
contains 'mean 20\.9030  sd 12\.0588'
expect 0 "" "$RISKDESK" profile --db "$db" --table german_credit --json
contains '"bad_rate": 0\.3'
# JSON numbers read back as the values: an integer near 2^53 in full,
# a real with as many digits as it takes (17 at most), 12 where they do.
printf 'id,big,r,t\n1,9007199254740991,0.1,1000000000000\n2,3,0.2,1\n3,5,0.30000000000000004,2\n' \
	>"$tmp/exact.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table exact --role big=ordinary \
	"$tmp/exact.csv"
expect 0 "" "$RISKDESK" profile --db "$db" --table exact --json
has_text '"max": 9007199254740991.0,'
has_text '"min": 3.0,'
has_text '"max": 0.30000000000000004,'
has_text '"min": 0.1,'
has_text '"p50": 0.2,'
has_text '"max": 1000000000000.0,'
if command -v python3 >/dev/null 2>&1; then
	if python3 -c '
import json, re, sys
text = open(sys.argv[1]).read()
c = {x["name"]: x for x in json.loads(text)["columns"]}
assert c["big"]["max"] == 9007199254740991 and c["big"]["min"] == 3, c["big"]
assert c["r"]["max"] == 0.1 + 0.2 and c["r"]["min"] == 0.1, c["r"]
# Every real with no more digits than it takes (12 where they do).
for t in re.findall(r"(?<![\w.\"])-?[0-9]+\.[0-9]+(?:e-?[0-9]+)?|-?[0-9]+e-?[0-9]+", text):
    x = float(t)
    need = min(p for p in range(12, 18) if float("%.*g" % (p, x)) == x)
    digits = re.sub(r"e.*|[-.]", "", t).strip("0")
    assert len(digits) <= need, t
' "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: profile --json numbers do not read back exactly"; fails=$((fails + 1)); fi
fi
expect 2 "needs --table" "$RISKDESK" profile --db "$db"
expect 1 "no imported table named \"nope\"" "$RISKDESK" profile --db "$db" --table nope
expect 0 "" "$RISKDESK" import --db "$db" --table apps "$csvdir/applicants.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table perf "$csvdir/performance.csv"
expect 0 "" "$RISKDESK" link --db "$db" --applicants apps --performance perf \
	--on app_id --target bad --bad 1 --good 0 --as model
contains 'linked 2 of 6 applicants into table "model"'
contains 'performance keys without an applicant: 1 \(9\)'
expect 2 "link needs" "$RISKDESK" link --db "$db" --applicants apps
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad --replace --json "$german"
contains '"rows_imported": 1000'

# Fit.
expect 2 "needs --table" "$RISKDESK" fit --db "$db"
expect 2 "--pdo: expected a number from 1 to 1000" "$RISKDESK" fit --db "$db" \
	--table german_credit --name g --pdo -3
expect 1 "no-table" "$RISKDESK" fit --db "$db" --table no-table --name g
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german
contains 'AUC 0\.[0-9]{4}  Gini 0\.[0-9]{4}  KS 0\.[0-9]{4}'

# Report.
pol="$top_srcdir/policies/example.yaml"
expect 2 "needs --policy" "$RISKDESK" --report --db "$db"
expect 4 "cannot open database .*no-such\.db" "$RISKDESK" --report --db "$tmp/no-such.db" --policy "$pol"
# A directory given as the database is named so, and left as it was.
mkdir "$tmp/dbdir"
expect 4 "cannot open database $tmp/dbdir: it is a directory; name a database file \(e\.g\. $tmp/dbdir/riskdesk\.db\)" \
	"$RISKDESK" profile --db "$tmp/dbdir" --table t
same "the directory left empty" "$(ls -A "$tmp/dbdir" | wc -l)" 0
if [ ! -e "$tmp/no-such.db" ]; then passes=$((passes + 1))
else echo "FAIL: --report created a database"; fails=$((fails + 1)); fi
expect 2 "expected text, json, html or xlsx" "$RISKDESK" --report --db "$db" --policy "$pol" --format xml
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
# --json, as every command takes it, is --format json: the same bytes.
cp "$tmp/out" "$tmp/format-json.out"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --json
if cmp -s "$tmp/out" "$tmp/format-json.out"; then passes=$((passes + 1))
else echo "FAIL: --report --json differs from --format json"; fails=$((fails + 1)); fi
expect 2 "--json and --format html do not go together" "$RISKDESK" --report \
	--db "$db" --policy "$pol" --json --format html
expect 2 "--json and --format text do not go together" "$RISKDESK" --report \
	--db "$db" --policy "$pol" --format text --json
seg=$(sed -n 's/^  - name: *\([A-Za-z0-9_]*\).*/\1/p' "$pol" | tail -n 1)
expect 2 "no segment \"nope\"" "$RISKDESK" --report --db "$db" --policy "$pol" --cutoff nope=500
expect 2 "expected <segment>=<score>" "$RISKDESK" --report --db "$db" --policy "$pol" --cutoff "$seg=abc"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --cutoff "$seg=1000" --format json
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" \
	--challenger "$top_srcdir/policies/challenger.yaml" --output "$tmp/r.txt"
if grep -q 'challenger policy' "$tmp/r.txt"; then passes=$((passes + 1))
else echo "FAIL: --output file lacks the challenger"; fails=$((fails + 1)); fi

# Swap set, trade-off curves, the optimiser and stored runs.
chal="$top_srcdir/policies/challenger.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --challenger "$chal"
contains '^champion vs challenger: swap set'
contains '^  swap-in  '
contains "^  EL: the expected loss of the cell's applicants a policy approves; none under a policy that declines them$"
contains '^  declined by both  .*  0  *0$'
contains 'challenger - champion: approval rate \+'
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --optimise bad_rate=0.12
contains '^optimiser: most approvals with an expected bad rate of at most 12\.00%'
contains '<- chosen'
expect 2 "--optimise: expected bad_rate=<fraction> or el=<amount>" \
	"$RISKDESK" --report --db "$db" --policy "$pol" --optimise badrate=0.1
expect 2 "target must be a bad rate from 0 to 1" \
	"$RISKDESK" --report --db "$db" --policy "$pol" --optimise bad_rate=2
expect 2 "go with --report" "$RISKDESK" --db "$db" --policy "$pol" --curves
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --challenger "$chal" \
	--curves --optimise el=60000 --format json
if command -v python3 >/dev/null 2>&1; then
	if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
w = r["swap_set"]
cells = ("approved_by_both", "swap_in", "swap_out", "declined_by_both")
assert sum(w[c]["count"] for c in cells) == r["policy"]["applicants"]
assert w["approved_by_both"]["count"] + w["swap_out"]["count"] == r["policy"]["approved"]
assert w["approved_by_both"]["count"] + w["swap_in"]["count"] == r["challenger"]["policy"]["approved"]
assert abs(w["change"]["approval_rate"] - (r["challenger"]["policy"]["approval_rate"] - r["policy"]["approval_rate"])) < 1e-12
t = r["tradeoff"]
assert t[0]["segment"] == "overall" and len(t) == len(r["segments"]) + 1
for c in t[1:]:
    assert c["points"][0]["approval_rate"] == 1.0, c["segment"]
    assert c["points"][-1]["approval_rate"] == 0.0, c["segment"]
o = r["optimiser"]
assert o["target"] == "expected_loss" and o["feasible"]
assert o["policy"]["expected_loss"] <= 60000
assert any(f["chosen"] for f in o["frontier"])
for k in ("revenue", "funding_cost", "profit", "credit_limit"): float(r["policy"][k])
' "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: swap set, tradeoff or optimiser JSON"; fails=$((fails + 1)); fi
fi
expect 0 "champion run stored as run 1" "$RISKDESK" --report --db "$db" \
	--policy "$pol" --challenger "$chal" --save-run
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM rd_run_outcome WHERE run = 2")
	k=$(sqlite3 "$db" "SELECT count(*) FROM rd_run_outcome WHERE run = 1 AND decision = 'knockout' AND reasons LIKE 'KO0_'")
	d=$(sqlite3 "$db" "SELECT count(*) FROM rd_run_outcome WHERE run = 1 AND decision = 'decline' AND (reasons IS NULL OR reasons = '')")
	if [ "$n" = 1000 ] && [ "$k" = 35 ] && [ "$d" = 0 ]; then passes=$((passes + 1))
	else echo "FAIL: stored runs: $n outcomes, $k knock-outs with a reason, $d declines without"; fails=$((fails + 1)); fi
fi
printf 'scorecard: german\npopulation: german_credit\nloss: {lgd: 0.5, ead: credit_amount}\nsegments:\n  - name: all\n    when: credit_amount > 0\n    cutoff: 500\n  - name: renters\n    when: housing = '"'"'rent'"'"'\n    cutoff: 500\n  - name: default\n    cutoff: 500\n' >"$tmp/shadow.yaml"
expect 0 "shadow\.yaml:8:5: warning: segment \"renters\" is never reached" \
	"$RISKDESK" check-policy --db "$db" "$tmp/shadow.yaml"

# Bad policies: located errors, exit 1.
printf 'scorecard: german\npopulation: german_credit\nsegments:\n  - name: default\n    cutof: 500\n' >"$tmp/typo.yaml"
expect 1 "typo\.yaml:5:5: .*cutoff" "$RISKDESK" --report --db "$db" --policy "$tmp/typo.yaml"
expect 1 "typo\.yaml:5:5" "$RISKDESK" check-policy --db "$db" "$tmp/typo.yaml"
expect 0 "" "$RISKDESK" check-policy --db "$db" "$pol"
printf 'scorecard: nosuch\npopulation: german_credit\nsegments:\n  - name: default\n    cutoff: 500\n    lgd: 0.5\n    ead: credit_amount\n' >"$tmp/nocard.yaml"
expect 1 "no scorecard named \"nosuch\"" "$RISKDESK" --report --db "$db" --policy "$tmp/nocard.yaml"

# check-policy with a database: the scorecard and its columns, located.
expect 1 "nocard\.yaml:1:12: no scorecard named \"nosuch\" in the database" \
	"$RISKDESK" check-policy --db "$db" "$tmp/nocard.yaml"
expect 1 "nocard\.yaml:1:12: no scorecard named \"nosuch\" in the database" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/nocard.yaml"
cut -d, -f1-3,5- "$german" >"$tmp/nopurpose.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table nopurpose \
	--target creditability --bad bad "$tmp/nopurpose.csv"
printf 'scorecard: german\npopulation: nopurpose\nsegments:\n  - name: default\n    cutoff: 500\n    lgd: 0.5\n    ead: credit_amount\n' >"$tmp/nocol.yaml"
expect 1 "nocol\.yaml:2:13: table 'nopurpose' has no column 'purpose' for the scorecard" \
	"$RISKDESK" check-policy --db "$db" "$tmp/nocol.yaml"
expect 1 "nocol\.yaml:2:13: table 'nopurpose' has no column 'purpose'" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/nocol.yaml"
awk -F, 'BEGIN { OFS = "," } NR > 1 { $2 = "m" $2 } { print }' "$german" >"$tmp/textdur.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table textdur \
	--target creditability --bad bad "$tmp/textdur.csv"
sed 's/nopurpose/textdur/' "$tmp/nocol.yaml" >"$tmp/badtype.yaml"
expect 1 "badtype\.yaml:2:13: column 'duration_in_month' of table 'textdur' is text, the scorecard expects numbers: import the table again with --type duration_in_month=real \(or see which of its values are not numbers with riskdesk profile\)" \
	"$RISKDESK" check-policy --db "$db" "$tmp/badtype.yaml"
expect 1 "badtype\.yaml:2:13: column 'duration_in_month'" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/badtype.yaml"

# EAD: text, negative and infinite values are located errors; NULL is
# counted (ead_missing) and reported.
ead_policy() {
	printf 'scorecard: german\npopulation: german_credit\nknockouts:\n  - {name: big, when: credit_amount > 15000, reason: KO01}\nsegments:\n  - name: default\n    cutoff: 500\n    lgd: 0.5\n    ead: "%s"\n' "$1"
}
ead_policy "iif(age_in_years = 30, 'n/a', credit_amount)" >"$tmp/eadtext.yaml"
expect 1 "eadtext\.yaml:9:10: expected a number for EAD, found text \"n/a\" on 40 rows of segment \"default\"" \
	"$RISKDESK" check-policy --db "$db" "$tmp/eadtext.yaml"
ead_policy "credit_amount - 1000" >"$tmp/eadneg.yaml"
expect 1 "eadneg\.yaml:9:10: EAD is negative on [0-9]+ rows of segment \"default\"" \
	"$RISKDESK" check-policy --db "$db" "$tmp/eadneg.yaml"
expect 1 "eadneg\.yaml:9:10: EAD is negative on [0-9]+ rows" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/eadneg.yaml"
ead_policy "iif(age_in_years = 30, 1e999, credit_amount)" >"$tmp/eadinf.yaml"
expect 1 "eadinf\.yaml:9:10: EAD is infinite on 40 rows of segment \"default\"" \
	"$RISKDESK" check-policy --db "$db" "$tmp/eadinf.yaml"
ead_policy "iif(age_in_years = 30, NULL, credit_amount)" >"$tmp/eadnull.yaml"
expect 0 "" "$RISKDESK" check-policy --db "$db" "$tmp/eadnull.yaml"
contains '^.*eadnull\.yaml: ok \(1 knock-out, 1 segment\)$'
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/eadnull.yaml"
contains 'warning: EAD is NULL or not a number on 40 applicants, counted as 0 exposure \(default 40\)'
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/eadnull.yaml" --format json
contains '"ead_missing": 40'
# One policy, one verdict: a fault check-policy finds, --report (exit 1,
# nothing on stdout), decide and export find too, with the same error.
verdict() {
	vpol=$1; vmsg=$2
	expect 1 "$vmsg" "$RISKDESK" check-policy --db "$db" "$vpol"
	expect 1 "$vmsg" "$RISKDESK" --report --db "$db" --policy "$vpol"
	ok "--report $(basename "$vpol") writes nothing on stdout" test ! -s "$tmp/out"
	rm -f "$tmp/verdict.csv"
	expect 1 "$vmsg" "$RISKDESK" decide --db "$db" --policy "$vpol" \
		--output "$tmp/verdict.csv"
	ok "decide $(basename "$vpol") writes no file" test ! -e "$tmp/verdict.csv"
	expect 1 "$vmsg" "$RISKDESK" export --db "$db" --policy "$vpol" \
		--format sql
}
# A text EAD: its text values named, per segment.
ead_policy "housing" >"$tmp/eadtextcol.yaml"
verdict "$tmp/eadtextcol.yaml" 'eadtextcol\.yaml:9:10: expected a number for EAD, found text "own" on 995 rows of segment "default"'
# Text in an EAD's arithmetic, which SQLite reads as 0: export's rule.
ead_policy "credit_amount * 0 + housing" >"$tmp/eadtextarith.yaml"
verdict "$tmp/eadtextarith.yaml" 'eadtextarith\.yaml:9:10: EAD: an operand of arithmetic is text; expected a number at column 21 of the expression'
# Text compared with a number (SQLite compares housing > 5 as text, true
# for every applicant), in a knock-out and in a segment's IN list.
ead_policy "credit_amount" | sed 's/when: credit_amount > 15000/when: housing > 5/' >"$tmp/textnum.yaml"
verdict "$tmp/textnum.yaml" "textnum\\.yaml:4:23: knock-out \"big\": text compared with a number: SQLite and the other engines disagree on it; compare text with a quoted value \\('3'\\) or a number column with a number at column 9 of the expression"
# A negative or infinite EAD, which export took.
verdict "$tmp/eadneg.yaml" 'eadneg\.yaml:9:10: EAD is negative on 116 rows of segment "default"'
ead_policy "credit_amount * 1e306" >"$tmp/eadbig.yaml"
verdict "$tmp/eadbig.yaml" 'eadbig\.yaml:9:10: EAD is infinite on 995 rows of segment "default"'
# An EAD whose range cannot be checked (abs() of the least integer
# overflows): that error, whether the check comes before the run or the
# run's own count finds it negative.
ead_policy "-9223372036854775808" >"$tmp/eadmin.yaml"
verdict "$tmp/eadmin.yaml" '^riskdesk: cannot evaluate expression: integer overflow$'
# Negative or infinite only where a knock-out takes the row first: no
# applicant of the segment has one, so no fault, in check-policy, the
# report and decide alike.
ead_policy "iif(credit_amount > 18000, 1e999, iif(credit_amount > 15000, -1, credit_amount))" >"$tmp/eadko.yaml"
expect 0 "" "$RISKDESK" check-policy --db "$db" "$tmp/eadko.yaml"
contains '^.*eadko\.yaml: ok \(1 knock-out, 1 segment\)$'
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/eadko.yaml"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$tmp/eadko.yaml" \
	--output "$tmp/eadko.csv"
# An EAD NULL on every applicant of its segment.
ead_policy "CASE WHEN credit_amount < 0 THEN 1 END" >"$tmp/eadallnull.yaml"
verdict "$tmp/eadallnull.yaml" 'eadallnull\.yaml:9:10: EAD is NULL on every applicant of segment "default" \(all 995\)'
# A reason code for no characteristic of the scorecard.
ead_policy "credit_amount" >"$tmp/reason.yaml"
printf 'reason_codes:\n  nope: R01\n' >>"$tmp/reason.yaml"
verdict "$tmp/reason.yaml" 'reason\.yaml:11:3: reason code for "nope", which is not a characteristic of scorecard "german"'
printf 'scorecard: german\npopulation: german_credit\nloss: {lgd: 0.5, ead: credit_amount}\nsegments:\n  - name: cars\n    when: purpose IN (1, 2)\n    cutoff: 520\n  - name: default\n    cutoff: 500\n' >"$tmp/textin.yaml"
verdict "$tmp/textin.yaml" 'textin\.yaml:6:11: segment "cars": text compared with a number: .* at column 13 of the expression'

# An EAD that is NULL on every applicant of a segment cannot be right.
ead_policy "NULL + credit_amount" >"$tmp/eadallnull.yaml"
expect 1 "eadallnull\.yaml:9:10: EAD is NULL on every applicant of segment \"default\" \(all 995\)" \
	"$RISKDESK" check-policy --db "$db" "$tmp/eadallnull.yaml"

# Conditions that do nothing, or everything, on the population: warnings
# located at the condition, exit 0.
printf 'scorecard: german\npopulation: german_credit\nloss: {lgd: 0.5, ead: credit_amount}\nknockouts:\n  - {name: never, when: credit_amount > 1000000, reason: KO01}\n  - {name: always, when: duration_in_month > 0, reason: KO02}\n  - {name: amount, when: credit_amount, reason: KO03}\nsegments:\n  - name: castles\n    when: housing = '"'"'castle'"'"'\n    cutoff: 500\n  - name: renters\n    when: present_residence_since\n    cutoff: 500\n  - name: default\n    cutoff: 500\n' >"$tmp/lint.yaml"
for pat in "lint\.yaml:5:25: warning: knock-out \"never\" fires on no applicant of \"german_credit\"" \
    "lint\.yaml:6:26: warning: knock-out \"always\" fires on every applicant of \"german_credit\" \(all 1,000\)" \
    "lint\.yaml:7:26: warning: knock-out \"amount\": condition is not a comparison: true for any non-zero value" \
    "lint\.yaml:10:11: warning: segment \"castles\": its condition matches no applicant of \"german_credit\"" \
    "lint\.yaml:13:11: warning: segment \"renters\": condition is not a comparison: true for any non-zero value"; do
	expect 0 "$pat" "$RISKDESK" check-policy --db "$db" "$tmp/lint.yaml"
done
contains '^.*lint\.yaml: ok \(3 knock-outs, 3 segments\)$'
# The report shows them too, text and JSON.
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/lint.yaml"
contains '^  .*lint\.yaml:6:26: warning: knock-out "always" fires on every applicant of "german_credit" \(all 1,000\)$'
contains '^  .*lint\.yaml:10:11: warning: segment "castles": its condition matches no applicant'
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/lint.yaml" --format json
contains '"warnings": \['
contains 'lint\.yaml:13:11: warning: segment \\"renters\\": condition is not a comparison'
# Text as a condition is no number to test: SQLite reads 'rent' as 0, so
# the segment would take no one.  check-policy, --report, decide and
# export refuse it alike, located at the condition (export's rule).
sed 's/when: present_residence_since/when: housing/' "$tmp/lint.yaml" >"$tmp/textcond.yaml"
tcmsg='textcond\.yaml:13:11: segment "renters": the condition is text; a condition must be a comparison or a number at column 1 of the expression'
expect 1 "$tcmsg" "$RISKDESK" check-policy --db "$db" "$tmp/textcond.yaml"
expect 1 "$tcmsg" "$RISKDESK" --report --db "$db" --policy "$tmp/textcond.yaml"
ok "--report of a refused policy writes nothing on stdout" test ! -s "$tmp/out"
expect 1 "$tcmsg" "$RISKDESK" decide --db "$db" --policy "$tmp/textcond.yaml"
expect 1 "$tcmsg" "$RISKDESK" export --db "$db" --policy "$tmp/textcond.yaml"
# The example policy draws none of them (its segments overlap by design:
# first match wins, and check-policy says by how many).
expect 0 "" "$RISKDESK" check-policy --db "$db" "$pol"
if grep warning "$tmp/err" | grep -qv 'applicants match both'; then
	echo "FAIL: warnings on $pol: $(cat "$tmp/err")"; fails=$((fails + 1))
else passes=$((passes + 1)); fi

# Expressions must give the same result on every run.
sed 's/^    when: housing = .rent./    when: random() % 2 = 0/' "$pol" >"$tmp/random.yaml"
expect 1 "random\.yaml:[0-9]+:11: function random\(\) is not allowed: policy expressions must give the same result on every run" \
	"$RISKDESK" check-policy --db "$db" "$tmp/random.yaml"
sed 's/^    when: housing = .rent./    when: sum(age_in_years) OVER () > 0/' "$pol" >"$tmp/window.yaml"
expect 1 "window\.yaml:[0-9]+:11: window functions are not allowed in an expression" \
	"$RISKDESK" check-policy --db "$db" "$tmp/window.yaml"
sed 's/^    when: housing = .rent./    when: ~/' "$pol" >"$tmp/null.yaml"
expect 1 "null\.yaml:[0-9]+:11: expected a condition for \"when\", found null$" \
	"$RISKDESK" check-policy "$tmp/null.yaml"
sed '0,/cutoff: 525/s//cutoff: !!str 525/' "$pol" >"$tmp/strtag.yaml"
expect 1 "strtag\.yaml:[0-9]+:13: expected a number for \"cutoff\", found the string \"525\"" \
	"$RISKDESK" check-policy "$tmp/strtag.yaml"
expect 1 "cannot read policy" "$RISKDESK" check-policy "$tmp/no-such.yaml"

# --cutoff is bounded.
expect 2 "--cutoff: expected a score between -1e\+06 and 1e\+06, found \"1e308\"" \
	"$RISKDESK" --report --db "$db" --policy "$pol" --cutoff default=1e308

# Text report: columns sized to their content, names in full, counts
# with thousands separators.
printf 'scorecard: german\npopulation: german2\nloss: {lgd: 0.5, ead: credit_amount * 100000}\nknockouts:\n  - {name: a_knock_out_name_longer_than_the_column, when: credit_amount > 15000, reason: KO_LONG_REASON}\nsegments:\n  - name: a_segment_name_longer_than_eighteen\n    when: housing = '"'"'rent'"'"'\n    cutoff: 500\n  - name: default\n    cutoff: 500\n' >"$tmp/wide.yaml"
expect 0 "" "$RISKDESK" import --db "$db" --table german2 \
	--target creditability --bad bad "$german"
expect 0 "" "$RISKDESK" import --db "$db" --table german2 --append \
	--target creditability --bad bad "$german"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/wide.yaml"
contains '^  a_segment_name_longer_than_eighteen +500 '
contains '^  a_knock_out_name_longer_than_the_column +KO_LONG_REASON +10$'
contains 'bad rate among approved with a known outcome: [0-9.]+% \([0-9,]+ of [0-9],[0-9]{3}\)'
# The segment table's columns line up: its rows (right-aligned last
# column, ASCII names) all have the length of the header.
n=$(awk '/^  segment +cutoff/ { t = 1; w = length($0); next }
	t && NF == 0 { t = 0 } t && length($0) != w { bad++ }
	END { print bad + 0 }' "$tmp/out")
if [ "$n" = 0 ]; then passes=$((passes + 1))
else echo "FAIL: report columns run together"; sed 's/^/  /' "$tmp/out"; fails=$((fails + 1)); fi

# A bad or good value that matches no row refuses the import, listing
# the values found; nothing is imported.
printf 'a,BAD\n1,0\n2,1\n3,0\n' >"$tmp/01.csv"
# A numeric target compares as numbers: 1.0 is the 1 of row 2.
expect 0 '' "$RISKDESK" import --db "$db" --table onedot --target BAD --bad 1.0 "$tmp/01.csv"
contains '^  bads 1, goods 2, indeterminate 0, rows refused 0$'
expect 1 'no row has the bad value "1\.0" in column "BAD"; values found: "0", "1"$' \
	"$RISKDESK" import --db "$db" --table nobad --target BAD --bad 1.0 --type BAD=text "$tmp/01.csv"
expect 1 'no imported table named "nobad"' "$RISKDESK" profile --db "$db" --table nobad
expect 1 'no row has the bad value "BAD" in column "creditability"; values found: "bad", "good"$' \
	"$RISKDESK" import --db "$db" --table nobad --target creditability --bad BAD "$german"
expect 1 'no row has the good value "2" in column "BAD"' \
	"$RISKDESK" import --db "$db" --table nobad --target BAD --bad 1 --good 0 --good 2 "$tmp/01.csv"
expect 1 'no imported table named "nobad"' "$RISKDESK" profile --db "$db" --table nobad
# Names starting with rd_ (any case) are riskdesk's own.
expect 2 'table name "rd_setting" is reserved' \
	"$RISKDESK" import --db "$db" --table rd_setting --replace "$tmp/01.csv"
expect 2 'table name "RD_Table" is reserved' \
	"$RISKDESK" import --db "$db" --table RD_Table --append "$tmp/01.csv"
# A code with a leading zero keeps it.
printf 'id,zip\n1,0123\n2,4567\n' >"$tmp/zip.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table zip "$tmp/zip.csv"
contains '^  zip +text'
# The import is committed even when its summary cannot be written.
if [ -w /dev/full ]; then
	expect 4 '^riskdesk: imported table full, but could not write the summary: ' \
		sh -c '"$0" import --db "$1" --table full "$2" >/dev/full' \
		"$RISKDESK" "$db" "$tmp/01.csv"
	expect 0 "" "$RISKDESK" profile --db "$db" --table full
fi
# Commands that read a database never create one.
none="$tmp/none.db"
expect 4 "cannot open database $none: No such file or directory" \
	"$RISKDESK" fit --db "$none" --table german_credit --name g
expect 4 "cannot open database $none: No such file or directory" \
	"$RISKDESK" profile --db "$none" --table german_credit
expect 4 "cannot open database $none: No such file or directory" \
	"$RISKDESK" validate --db "$none" --name german
expect 4 "cannot open database $none: No such file or directory" \
	"$RISKDESK" bin --db "$none" --table german_credit
expect 4 "cannot open database $none: No such file or directory" \
	"$RISKDESK" points --db "$none" --name german
expect 4 "cannot open database $none: No such file or directory" \
	"$RISKDESK" check-policy --db "$none" "$pol"
if [ -e "$none" ]; then echo "FAIL: a read-only command created $none"; fails=$((fails + 1))
else passes=$((passes + 1)); fi

# Appending keeps the table's target; a different one is refused and
# leaves the database as it was.
# (without the sqlite3 shell the state checks below compare nothing)
state() { if command -v sqlite3 >/dev/null 2>&1; then sqlite3 "$db" .dump; fi; }
printf 'id,BAD,x\n1,1,a\n2,0,b\n' >"$tmp/hmeq.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hmeq --target BAD --bad 1 "$tmp/hmeq.csv"
before=$(state)
expect 1 'table "hmeq" has target BAD with bad value "1"; --append must give the same \(or none\)' \
	"$RISKDESK" import --db "$db" --table hmeq --append --target BAD --bad 0 "$tmp/hmeq.csv"
expect 1 'table "hmeq" has target BAD with bad value "1"; --append must give' \
	"$RISKDESK" import --db "$db" --table hmeq --append --target x --bad a "$tmp/hmeq.csv"
expect 1 'table "hmeq" has target BAD' \
	"$RISKDESK" import --db "$db" --table hmeq --append --target BAD --bad 1 --good 2 "$tmp/hmeq.csv"
if [ "$(state)" = "$before" ]; then passes=$((passes + 1))
else echo "FAIL: a refused --append changed the database"; fails=$((fails + 1)); fi
expect 0 "" "$RISKDESK" import --db "$db" --table hmeq --append --target bad --bad 1 "$tmp/hmeq.csv"
contains 'bads 1, goods 1'
expect 0 "" "$RISKDESK" import --db "$db" --table hmeq --append "$tmp/hmeq.csv"
contains 'bads 1, goods 1'
expect 0 "" "$RISKDESK" profile --db "$db" --table hmeq --json
contains '"target": "BAD"'
# --append and --replace exclude each other; bad and good differ.
expect 2 "--replace and --append do not go together" \
	"$RISKDESK" import --db "$db" --table hmeq --append --replace "$tmp/hmeq.csv"
expect 2 "--replace and --append do not go together" \
	"$RISKDESK" import --db "$db" --table hmeq --replace --append "$tmp/hmeq.csv"
expect 2 '"1" given as both --bad and --good' \
	"$RISKDESK" import --db "$db" --table h2 --target BAD --bad 1 --good 1 "$tmp/hmeq.csv"
# Table names: not blank, at most 128 bytes, no control characters.
expect 2 "expected a table name, found only blanks" \
	"$RISKDESK" import --db "$db" --table ' ' "$tmp/hmeq.csv"
expect 2 "without control characters, found byte 0x09 at byte 2" \
	"$RISKDESK" import --db "$db" --table "$(printf 'a\tb')" "$tmp/hmeq.csv"
long=$(printf '%0129d' 0)
expect 2 "at most 128 bytes, found 129 bytes" \
	"$RISKDESK" import --db "$db" --table "$long" "$tmp/hmeq.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table "${long#0}" "$tmp/hmeq.csv"
expect 2 "found only blanks" "$RISKDESK" link --db "$db" --applicants apps \
	--performance perf --on app_id --target bad --bad 1 --as '  '
if command -v sqlite3 >/dev/null 2>&1; then
	if [ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name IN (' ', '  ')")" = 0 ]
	then passes=$((passes + 1))
	else echo "FAIL: a blank table name was taken"; fails=$((fails + 1)); fi
fi
# link refuses a bad value no linked row has.
before=$(state)
expect 1 'no row has the bad value "yes" in column "bad" of the linked rows; values found: "0", "1"' \
	"$RISKDESK" link --db "$db" --applicants apps --performance perf \
	--on app_id --target bad --bad yes --as model2
if [ "$(state)" = "$before" ]; then passes=$((passes + 1))
else echo "FAIL: a refused link changed the database"; fails=$((fails + 1)); fi
# --strict points at the field; an unclosed quote at the line where it
# opens, a bad closing quote at what follows it.
printf 'id,n,x\n1,2,a\n2,zz,b\n' >"$tmp/forced.csv"
expect 1 'forced\.csv:3:3: column "n" \(field 2\): expected an integer, found "zz"' \
	"$RISKDESK" import --db "$db" --table fo --strict --type n=integer "$tmp/forced.csv"
printf 'id,n,x\n1,2,a\n2,3,b\n3,4,c\n4,5,d\n5,6,"open\nmore\n' >"$tmp/open.csv"
expect 1 'open\.csv:6:5: expected a closing .\". for the quoted field opened here' \
	"$RISKDESK" import --db "$db" --table op --strict "$tmp/open.csv"
printf 'id,n,x\n1,2,a\n5,6,"open\n7,8,"ab"\n' >"$tmp/open2.csv"
expect 1 "open2\.csv:4:6: expected ',' or end of line after the closing quote of the field opened at line 3 column 5, found 'a'" \
	"$RISKDESK" import --db "$db" --table op --strict "$tmp/open2.csv"
# The summary pads names by display width.
if locale -a 2>/dev/null | grep -qiE '^C\.utf-?8$'; then
	printf 'Gr\303\266\303\237e,\345\271\264\351\276\204,x\n1,2,3\n' >"$tmp/wide.csv"
	expect 0 "" env LC_ALL=C.UTF-8 "$RISKDESK" import --db "$db" --table wide "$tmp/wide.csv"
	contains "^  $(printf 'Gr\303\266\303\237e') {51} integer"
	contains "^  $(printf '\345\271\264\351\276\204') {52} integer"
fi

# The workbench refuses to run without a terminal.
expect 2 "needs a terminal" "$RISKDESK" --db "$db" </dev/null

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
