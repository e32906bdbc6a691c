#!/bin/sh
# decide-cli.sh - 'riskdesk decide' and 'riskdesk runs' from the command
# line, on the bundled German data and the example policy:
#   1. one CSV record per applicant, in row order, whose decisions,
#      counts and sums are those of '--report --format json' on the same
#      table (counts exactly; exposure, expected loss and limits summed
#      from the records to the cent);
#   2. JSON Lines with the same decisions; --explain adds every
#      characteristic's attribute and points, and the points add up to
#      the score;
#   3. new applicants without a target, from a CSV given directly (an id
#      column, the target dropped): decided, nothing left in TMPDIR or in
#      the database, and the report on the same applicants imported as a
#      table agrees; an integer characteristic takes "2500.0" as 2500 and
#      refuses "2500.5" and "1e300" at the cell;
#   4. two runs of the same inputs give the same bytes; 'runs' lists each
#      with the same fingerprints (SHA-256 of the output checked with
#      sha256sum), and a changed input changes the input's fingerprint;
#   5. a failing write (a file size limit: the disk full) leaves the old
#      output as it was and no temporary file, exit 4; an output that is
#      the policy is refused (exit 2); a bad policy is located (exit 1).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/decide-cli-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "decide-cli: FAIL: python3 is needed to read the JSON (bootstrap installs it)"
	exit 1
fi
pycheck() {
	if python3 -c "$1" "$tmp/out" "$tmp" >"$tmp/py" 2>&1; then
		passes=$((passes + 1))
	else
		echo "FAIL: $2"; sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
	fi
}

policy="$top_srcdir/policies/example.yaml"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german

# 1. Records against the report.
expect 0 "decided 1,000 applicants of table \"german_credit\"" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --output "$tmp/d.csv"
stderr_has "^  approve 607 \(60.70%\), refer 96 \(9.60%\), decline 297 \(29.70%\), of which knocked out 35 \(3.50%\)$"
stderr_has "^  run 1 recorded in "
ok "decide --output writes nothing on stdout" test ! -s "$tmp/out"
ok "the output is owner-only" sh -c "ls -l '$tmp/d.csv' | grep -q '^-rw-------'"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$policy" \
	--format json --output "$tmp/report.json"
cp "$tmp/d.csv" "$tmp/out"
pycheck '
import csv, json, sys
t = sys.argv[2]
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
rep = json.load(open(t + "/report.json"))
pol = rep["policy"]
assert len(rows) == 1000, len(rows)
assert list(rows[0].keys()) == ["row", "score", "pd", "segment", "decision",
    "knockout", "knockout_reason", "reason_1", "reason_2", "reason_3",
    "reason_4", "credit_limit", "apr", "ead", "expected_loss",
    "fallbacks"], list(rows[0].keys())
assert [int(r["row"]) for r in rows] == list(range(1, 1001))
n = lambda d: sum(1 for r in rows if r["decision"] == d)
assert n("approve") == pol["approved"], (n("approve"), pol["approved"])
assert n("refer") == pol["referred"], (n("refer"), pol["referred"])
assert n("decline") == pol["declined"], (n("decline"), pol["declined"])
assert sum(1 for r in rows if r["knockout"]) == pol["knocked_out"]
for s in rep["segments"]:
    got = sum(1 for r in rows if r["segment"] == s["name"])
    assert got == s["applicants"], (s["name"], got, s["applicants"])
app = [r for r in rows if r["decision"] == "approve"]
ead = sum(float(r["ead"]) for r in app)
el = sum(float(r["expected_loss"]) for r in app)
lim = sum(float(r["credit_limit"]) for r in app if r["credit_limit"])
assert abs(ead - pol["exposure"]) < 0.01, (ead, pol["exposure"])
# Each record rounds its EL to the cent: 607 roundings at most 0.005 each.
assert abs(el - pol["expected_loss"]) <= 607 * 0.005, (el, pol["expected_loss"])
assert abs(lim - pol["credit_limit"]) < 0.01, (lim, pol["credit_limit"])
# Knock-outs carry their reason code and no segment; declines and refers
# up to four reasons; approvals none.
for r in rows:
    if r["knockout"]:
        assert r["decision"] == "decline" and r["knockout_reason"].startswith("KO") and not r["segment"], r
    if r["decision"] == "approve":
        assert not r["reason_1"] and r["credit_limit"] and r["apr"], r
    elif not r["knockout"]:
        assert r["reason_1"], r
' "decide: records, counts and sums against the report"

# 2. JSON Lines and --explain.
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" \
	--format jsonl --explain --reasons 2
pycheck '
import csv, json, sys
t = sys.argv[2]
recs = [json.loads(l) for l in open(sys.argv[1])]
rows = list(csv.DictReader(open(t + "/d.csv", newline="")))
assert len(recs) == 1000
card = None
for j, r in zip(recs, rows):
    assert j["row"] == int(r["row"]) and j["decision"] == r["decision"], (j, r)
    assert j["score"] == float(r["score"]) and j["segment"] == (r["segment"] or None)
    assert len(j["reasons"]) <= 2
    if j["reasons"]:
        assert j["reasons"][0]["characteristic"] == r["reason_1"]
        assert j["reasons"][0]["points_lost"] >= j["reasons"][-1]["points_lost"] > 0
    assert len(j["attributes"]) == 12, len(j["attributes"])
    # base points 512 (the card'"'"'s) plus the points of each attribute
    assert sum(a["points"] for a in j["attributes"]) + 512 == j["score"], j
' "decide --format jsonl --explain: the same decisions, points add up"

# 3. New applicants, from a CSV without a target.
awk -F, -v OFS=, 'NR == 1 { $NF = "app_id"; print; next }
	NR <= 201 { $NF = sprintf("A%04d", NR - 1); print }' \
	"$top_srcdir/data/german_credit.csv" >"$tmp/new.csv"
mkdir "$tmp/scratch"
cp "$db" "$tmp/before.db"
expect 0 "decided 200 applicants of file .*new.csv" env TMPDIR="$tmp/scratch" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id \
	"$tmp/new.csv" --output "$tmp/new-d.csv"
ok "decide leaves nothing in TMPDIR" sh -c "[ -z \"\$(ls -A '$tmp/scratch')\" ]"
expect 0 "" "$RISKDESK" import --db "$db" --table new_apps --id app_id "$tmp/new.csv"
sed 's/^population: .*/population: new_apps/' "$policy" >"$tmp/new.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/new.yaml" --format json
cp "$tmp/out" "$tmp/new-report.json"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$tmp/new.yaml" --output "$tmp/new-t.csv"
ok "a CSV and the same rows as a table decide alike" cmp -s "$tmp/new-d.csv" "$tmp/new-t.csv"
cp "$tmp/new-d.csv" "$tmp/out"
pycheck '
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
rep = json.load(open(sys.argv[2] + "/new-report.json"))
pol = rep["policy"]
assert [r["app_id"] for r in rows] == ["A%04d" % k for k in range(1, 201)]
assert sum(r["decision"] == "approve" for r in rows) == pol["approved"]
assert sum(r["decision"] == "refer" for r in rows) == pol["referred"]
assert pol["bad_rate"] is None, pol["bad_rate"]
' "decide on applicants without a target against the report"

# A purpose not seen in development takes the fallback: counted in the
# summary and marked in --explain.
awk -F, -v OFS=, 'NR == 2 { $4 = "crypto" } { print }' "$tmp/new.csv" \
	>"$tmp/new-unseen.csv"
expect 0 "fallbacks: 1 applicant took a documented fallback .*: purpose 1$" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id --explain \
	"$tmp/new-unseen.csv"
pycheck '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
r = rows[0]
assert r["app_id"] == "A0001" and r["fallbacks"] == "1", r
assert r["purpose:fallback"] == "1" and r["housing:fallback"] == "0", r
assert all(x["fallbacks"] == "0" for x in rows[1:])
' "decide --explain marks the fallback"

# Reason codes from the policy; an unknown characteristic, a repeated one
# and a code that is not a string are located errors.
cp "$policy" "$tmp/rc.yaml"
printf '\nreason_codes:\n  duration_in_month: R01\n  status_of_existing_checking_account: R02\n' >>"$tmp/rc.yaml"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$tmp/rc.yaml" --reasons 3
pycheck '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
plain = list(csv.DictReader(open(sys.argv[2] + "/d.csv", newline="")))
code = {"duration_in_month": "R01", "status_of_existing_checking_account": "R02"}
for r, p in zip(rows, plain):
    for k in (1, 2, 3):
        assert r["reason_%d" % k] == code.get(p["reason_%d" % k], p["reason_%d" % k]), (r, p)
assert "reason_4" not in rows[0]
assert any(r["reason_1"] == "R01" for r in rows)
' "decide: reason codes from the policy"
# Two characteristics sharing a code give it once, at the larger loss.
cp "$policy" "$tmp/shared.yaml"
printf '\nreason_codes:\n  duration_in_month: R01\n  credit_amount: R01\n' >>"$tmp/shared.yaml"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$tmp/shared.yaml" --reasons 16
pycheck '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
plain = list(csv.DictReader(open(sys.argv[2] + "/d.csv", newline="")))
both = 0
for r in rows:
    v = [r["reason_%d" % k] for k in range(1, 17) if r["reason_%d" % k]]
    assert len(v) == len(set(v)), v
    both += "R01" in v and "duration_in_month" not in v and "credit_amount" not in v
assert both > 0
' "decide: a shared reason code given once"
lines=$(wc -l <"$tmp/rc.yaml")
printf '  no_such_char: R09\n' >>"$tmp/rc.yaml"
expect 1 "rc.yaml:$((lines + 1)):3: reason code for \"no_such_char\", which is not a characteristic of scorecard \"german\"" \
	"$RISKDESK" decide --db "$db" --policy "$tmp/rc.yaml"
printf '  duration_in_month: R03\n  housing: [1]\n' >>"$tmp/rc.yaml"
expect 1 "rc.yaml:$((lines + 2)):3: \"duration_in_month\" is given a reason code twice" \
	"$RISKDESK" decide --db "$db" --policy "$tmp/rc.yaml"
stderr_has "rc.yaml:$((lines + 3)):12: expected a reason code \(a string\) for \"housing\""

# A CSV is read with the types the scorecard was developed with: a cell
# that is not a number is an error at that cell (nothing decided, nothing
# left in TMPDIR), and a code column developed as text stays text.
awk -F, -v OFS=, 'NR == 4 { $5 = "abc" } { print }' "$tmp/new.csv" >"$tmp/new-bad.csv"
expect 1 "new-bad.csv:4:[0-9]+: column \"credit_amount\" \(field 5\): expected an integer, found \"abc\"" \
	env TMPDIR="$tmp/scratch" "$RISKDESK" decide --db "$db" --policy "$policy" \
	--id app_id "$tmp/new-bad.csv"
ok "a refused CSV leaves nothing in TMPDIR" sh -c "[ -z \"\$(ls -A '$tmp/scratch')\" ]"
# An integer column takes a whole number however written ("2500.0",
# "2500e0" are 2500: the same decisions, byte for byte); a number with a
# fraction or a whole number past 64 bits is refused at its cell, by the
# same rule whatever the other cells are.
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" --id app_id \
	--output "$tmp/new-d.csv" "$tmp/new.csv"
awk -F, -v OFS=, 'NR == 2 { $5 = $5 ".0" } NR == 3 { $5 = $5 "e0" } { print }' \
	"$tmp/new.csv" >"$tmp/new-whole.csv"
expect 0 "decided 200 applicants" "$RISKDESK" decide --db "$db" \
	--policy "$policy" --id app_id --output "$tmp/new-whole-d.csv" \
	"$tmp/new-whole.csv"
ok "whole numbers written 2500.0 and 2500e0 are decided as 2500" \
	cmp -s "$tmp/new-d.csv" "$tmp/new-whole-d.csv"
awk -F, -v OFS=, 'NR == 2 { $5 = $5 ".0" } NR == 6 { $5 = "abc" } { print }' \
	"$tmp/new.csv" >"$tmp/new-whole2.csv"
expect 1 "new-whole2.csv:6:[0-9]+: column \"credit_amount\" \(field 5\): expected an integer, found \"abc\"" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id "$tmp/new-whole2.csv"
# 1e300 at line 3, alone and before an "abc" at line 5: the first named.
for f in big big2; do
	awk -F, -v OFS=, -v f=$f 'NR == 3 { $5 = "1e300" }
		NR == 5 && f == "big2" { $5 = "abc" } { print }' "$tmp/new.csv" \
		>"$tmp/new-$f.csv"
	expect 1 "new-$f.csv:3:[0-9]+: column \"credit_amount\" \(field 5\): expected an integer, found \"1e300\", a whole number past the 64-bit range of an integer" \
		"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id "$tmp/new-$f.csv"
done
awk -F, -v OFS=, 'NR == 4 { $5 = "2500.5" } { print }' "$tmp/new.csv" \
	>"$tmp/new-frac.csv"
expect 1 "new-frac.csv:4:[0-9]+: column \"credit_amount\" \(field 5\): expected an integer, found \"2500.5\", a number with a fraction" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id "$tmp/new-frac.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table g_text --target creditability \
	--bad bad --type installment_rate_in_percentage_of_disposable_income=text \
	"$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table g_text --name g_text
sed 's/^scorecard: .*/scorecard: g_text/; s/^population: .*/population: g_text/' \
	"$policy" >"$tmp/g-text.yaml"
expect 0 "decided 200 applicants" "$RISKDESK" decide --db "$db" \
	--policy "$tmp/g-text.yaml" --id app_id "$tmp/new.csv"
# Numbers as ledgers write them are read as developed too: in a column
# developed as numbers a currency is refused with what to write; a column
# of percentages developed as text is read as text, with no import advice
# about it (decide has nothing to change there).
awk -F, -v OFS=, 'NR == 4 { $5 = "$" $5 } { print }' "$tmp/new.csv" >"$tmp/new-cur.csv"
expect 1 "new-cur.csv:4:[0-9]+: column \"credit_amount\" \(field 5\): expected an integer, found \"\\\$[0-9]+\", an amount with a currency: write it [0-9]+$" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id "$tmp/new-cur.csv"
awk -F, -v OFS=, 'NR == 3 { $5 = "(" $5 ")" } { print }' "$tmp/new.csv" >"$tmp/new-par.csv"
# A negative in parentheses is read as one, as import reads it, and
# said; here it is an EAD, refused as negative.
expect 1 "example.yaml:[0-9]+:[0-9]+: EAD is negative on 1 row of segment" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id "$tmp/new-par.csv"
stderr_has "new-par.csv: warning: column \"credit_amount\": 1 value is a number in parentheses, as ledgers write a negative \(\"\\([0-9]+\\)\" at line 3\), read as a negative \(\"\\([0-9]+\\)\" is -[0-9]+\)$"
awk -F, -v OFS=, 'NR > 1 { $8 = $8 "%" } { print }' \
	"$top_srcdir/data/german_credit.csv" >"$tmp/g-pct.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table g_pct --target creditability \
	--bad bad "$tmp/g-pct.csv"
has_text 'warning: column "installment_rate_in_percentage_of_disposable_income" is stored as text: of its 1,000 values, 1,000 are written with a percent sign (the first "4%" at line 2); no option of import reads a percent sign: to read the column as numbers, write those cells as plain numbers in the file ("4%" as 0.04, the fraction it stands for); to keep it as text without this warning, import with --type installment_rate_in_percentage_of_disposable_income=text'
expect 0 "" "$RISKDESK" fit --db "$db" --table g_pct --name g_pct
sed 's/^scorecard: .*/scorecard: g_pct/; s/^population: .*/population: g_pct/' \
	"$policy" >"$tmp/g-pct.yaml"
awk -F, -v OFS=, 'NR > 1 { $8 = $8 "%" } { print }' "$tmp/new.csv" \
	>"$tmp/new-pct.csv"
expect 0 "decided 200 applicants" "$RISKDESK" decide --db "$db" \
	--policy "$tmp/g-pct.yaml" --id app_id "$tmp/new-pct.csv"
stderr_count 'installment_rate' 0
printf 'status_of_existing_checking_account,app_id\n' >"$tmp/header-only.csv"
expect 1 "header-only.csv: no applicants to decide" "$RISKDESK" decide \
	--db "$db" --policy "$policy" --id app_id "$tmp/header-only.csv"

# A file in another encoding: the advice names decide's own --encoding
# (not import's), and that option reads the file.
awk -F, -v OFS=, 'NR == 4 { $NF = "A\351" } { print }' "$tmp/new.csv" \
	>"$tmp/new-latin1.csv"
expect 1 "new-latin1.csv:4:[0-9]+: expected UTF-8 text, found byte 0xE9 .* the file is in another encoding: decide with --encoding latin1 \(or the file's own: --encoding cp1252 for Windows files" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --id app_id \
	"$tmp/new-latin1.csv"
ok "the advice names no import option" sh -c "! grep -q 'import with' '$tmp/err'"
expect 0 "decided 200 applicants" "$RISKDESK" decide --db "$db" \
	--policy "$policy" --id app_id --encoding latin1 "$tmp/new-latin1.csv"
printf '\377\376a\000,\000b\000\n\000' >"$tmp/new-utf16.csv"
expect 1 "new-utf16.csv:1:1: expected UTF-8 text, found UTF-16 \(little-endian, with the byte order mark FF FE\); the file is UTF-16: decide with --encoding UTF-16$" \
	"$RISKDESK" decide --db "$db" --policy "$policy" "$tmp/new-utf16.csv"

# 4. Reproducible, and recorded.
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" --output "$tmp/d2.csv"
ok "two runs give the same bytes" cmp -s "$tmp/d.csv" "$tmp/d2.csv"
expect 0 "" "$RISKDESK" runs --db "$db" --json
sum1=$(sha256sum "$tmp/d.csv" | cut -d' ' -f1)
pol_sum=$(sha256sum "$policy" | cut -d' ' -f1)
csv_sum=$(sha256sum "$tmp/new.csv" | cut -d' ' -f1)
pycheck "
import json, sys
runs = json.load(open(sys.argv[1]))['runs']
d = [r for r in runs if r['kind'] == 'decide']
assert len(d) >= 8, len(d)
a, b = d[0], d[-1]
assert a['output_sha256'] == b['output_sha256'] == '$sum1', (a, '$sum1')
assert a['policy_sha256'] == b['policy_sha256'] == '$pol_sum'
assert a['scorecard_sha256'] == b['scorecard_sha256'] and len(a['scorecard_sha256']) == 64
assert a['input_sha256'] == b['input_sha256'] and a['input_rows'] == 1000
assert a['input'] == 'german_credit' and a['scorecard'] == 'german'
assert (a['approved'], a['referred'], a['declined'], a['knocked_out']) == (607, 96, 297, 35)
assert d[1]['output'] is None and d[1]['output_sha256']
assert d[2]['input'].endswith('new.csv') and d[2]['input_sha256'] == '$csv_sum'
assert d[3]['input'] == 'new_apps' and d[3]['input_sha256'] != a['input_sha256']
assert a['version'] and a['created'].endswith('Z')
" "runs: fingerprints of the same inputs agree, of other inputs differ"
expect 0 "" "$RISKDESK" runs --db "$db"
contains "^run 1  .*  decide  policy \"example\""
contains "^  input german_credit: 1,000 applicants; approved 607, referred 96, declined 297, knocked out 35$"

# 5. Nothing partial, nothing overwritten by mistake.
cp "$tmp/d.csv" "$tmp/keep.csv"
(
	trap '' XFSZ
	ulimit -f 60
	"$RISKDESK" decide --db "$db" --policy "$policy" --output "$tmp/d.csv"
) >"$tmp/out" 2>"$tmp/err"
same "exit on a full disk" "$?" 4
stderr_has "cannot write .*d.csv: .*\(left as it was\)"
ok "the old output is as it was" cmp -s "$tmp/d.csv" "$tmp/keep.csv"
ok "no temporary file is left" sh -c "! ls '$tmp' | grep -q 'tmp-'"
expect 4 "cannot write .*no-such-dir/d.csv" "$RISKDESK" decide --db "$db" \
	--policy "$policy" --output "$tmp/no-such-dir/d.csv"
# A named pipe (as /dev/null or /dev/stdout) is written into, never
# replaced by a file.
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$tmp/pipe"; then
	cat "$tmp/pipe" >"$tmp/from-pipe" &
	reader=$!
	expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" \
		--output "$tmp/pipe"
	wait "$reader"
	ok "the pipe is still a pipe" test -p "$tmp/pipe"
	ok "the records went through the pipe" cmp -s "$tmp/from-pipe" "$tmp/keep.csv"
else
	echo "FAIL: mkfifo is needed for the pipe check"; fails=$((fails + 1))
fi
cp "$policy" "$tmp/p.yaml"
expect 2 "--output .*p.yaml is the policy of this run \\(.*p.yaml\\); choose another file" "$RISKDESK" decide \
	--db "$db" --policy "$tmp/p.yaml" --output "$tmp/p.yaml"
ok "the policy is untouched" cmp -s "$policy" "$tmp/p.yaml"
printf 'name: x\nscorecard: german\npopulation: german_credit\nsegments:\n  - name: default\n    cutoff: abc\n' >"$tmp/bad.yaml"
expect 1 "bad.yaml:6:13: " "$RISKDESK" decide --db "$db" --policy "$tmp/bad.yaml"
# An EAD that gives text is a located error, as in check-policy, not an
# exposure of 0.
sed 's/ead: credit_amount/ead: purpose/' "$policy" >"$tmp/ead-text.yaml"
expect 1 "ead-text.yaml:[0-9]+:[0-9]+: expected a number for EAD, found text \"car \(new\)\" on 144 rows of segment \"no_property\"" \
	"$RISKDESK" decide --db "$db" --policy "$tmp/ead-text.yaml"
# A run refused before its first record writes nothing: no CSV header
# on stdout, no file, an old file left as it was.
sed 's/ead: credit_amount/ead: -credit_amount/' "$policy" >"$tmp/ead-neg.yaml"
for how in "--table german_credit" "--id app_id $tmp/new.csv" \
	"--format jsonl"; do
	# shellcheck disable=SC2086
	expect 1 "^riskdesk: .*ead-neg.yaml:26:8: EAD is negative on [0-9]+ rows of segment \"no_property\"$" \
		"$RISKDESK" decide --db "$db" --policy "$tmp/ead-neg.yaml" $how
	ok "a refused run ($how) writes nothing on stdout" test ! -s "$tmp/out"
	# One line per segment whose EAD is negative (the verdict of
	# check-policy), then the count: nothing else.
	same "lines on stderr of a refused run ($how)" "$(wc -l <"$tmp/err" | tr -d ' ')" 5
	stderr_has "^riskdesk: .*ead-neg.yaml: 4 errors$"
done
expect 1 "EAD is negative" "$RISKDESK" decide --db "$db" \
	--policy "$tmp/ead-neg.yaml" --output "$tmp/neg.csv"
ok "a refused run makes no output file" test ! -e "$tmp/neg.csv"
# Into a file the run checks the EADs' range as it decides the rows; the
# verdict is the same as before the first record: every segment, rows
# counted over the whole table, then the count.
same "lines on stderr of a refused run (--output)" "$(wc -l <"$tmp/err" | tr -d ' ')" 5
stderr_has "^riskdesk: .*ead-neg.yaml: 4 errors$"
"$RISKDESK" check-policy --db "$db" "$tmp/ead-neg.yaml" >/dev/null \
	2>"$tmp/neg.check"
same "a refused run's verdict (--output) is check-policy's" \
	"$(grep -c 'EAD is negative' "$tmp/err")" \
	"$(grep -c 'EAD is negative' "$tmp/neg.check")"
ok "the same rows counted (--output and check-policy)" sh -c \
	"grep -o 'EAD is negative on [0-9]* rows of segment .*' '$tmp/err' | sort >'$tmp/n1' && grep -o 'EAD is negative on [0-9]* rows of segment .*' '$tmp/neg.check' | sort >'$tmp/n2' && cmp -s '$tmp/n1' '$tmp/n2' && test -s '$tmp/n1'"
expect 1 "EAD is negative" "$RISKDESK" decide --db "$db" \
	--policy "$tmp/ead-neg.yaml" --output "$tmp/keep.csv"
ok "a refused run leaves the old output as it was" cmp -s "$tmp/d.csv" "$tmp/keep.csv"
expect 1 "no column \"nope\" to key|has no column .nope." "$RISKDESK" decide \
	--db "$db" --policy "$policy" --id nope
expect 2 "--reasons: expected a whole number from 0 to 16" "$RISKDESK" \
	decide --db "$db" --policy "$policy" --reasons 17

# A batch of two written by R's write.csv keeps its row names as keys
# (9001, 9004), not the row numbers 1, 2.
awk -F, 'NR == 1 { print "\"\"," $0; next } NR == 2 { print "9001," $0 }
	NR == 3 { print "9004," $0 }' "$top_srcdir/data/german_credit.csv" \
	>"$tmp/rnames.csv"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" "$tmp/rnames.csv"
contains '^column_1,score,'
contains '^9001,'
contains '^9004,'
lacks '^1,'

# The default key is a column proven unique: a timestamp recorded as an
# identifier (nearly all distinct) that repeats a value is passed over
# for the row number after it, and with no unique column the records are
# keyed by the row.
awk -F, 'NR == 1 { print "applied_at,app_id," $0; next }
	{ t = NR == 3 ? 2 : NR; printf "2024-01-01 %02d:%02d:%02d,%d,%s\n",
	int(t / 3600), int(t / 60) % 60, t % 60, NR - 1, $0 }' \
	"$top_srcdir/data/german_credit.csv" >"$tmp/stamped.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table stamped \
	--target creditability --bad bad "$tmp/stamped.csv"
has_text "applied_at"
expect 0 "" "$RISKDESK" profile --db "$db" --table stamped
has_text "identifier: 999 distinct values in 1,000 rows"
expect 0 "decided 1,000 applicants of table \"stamped\"" "$RISKDESK" \
	decide --db "$db" --policy "$policy" --table stamped
contains '^app_id,score,'
contains '^1,'
contains '^1000,'
expect 1 "column \"applied_at\" of table \"stamped\" cannot key the decisions: 1 repeated value \(first \"2024-01-01 00:00:02\"\)" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --table stamped \
	--id applied_at
cut -d, -f1,3- "$tmp/stamped.csv" >"$tmp/stamped2.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table stamped2 \
	--target creditability --bad bad "$tmp/stamped2.csv"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" \
	--table stamped2
contains '^row,score,'
contains '^1000,'

# 6. Account numbers as keys: 19-digit ids (sequential, 1 apart) and ids
# on both sides of 2^53 (9007199254740992), whose doubles merge
# neighbours, are written exactly as SQLite holds them, in CSV and JSON
# Lines (with --explain), from a table and from a CSV file, and the
# decisions are those of the same applicants under small ids.  The
# last id is the largest 64-bit integer, whose double is 2^63.
awk -F, -v OFS=, 'NR == 1 { print "acct", $0; next }
	{ print NR - 1, $0 }' "$top_srcdir/data/german_credit.csv" 	>"$tmp/small.csv"
awk -F, -v OFS=, 'NR == 1 { print; next }
	NR <= 501 { $1 = "40368135073991" sprintf("%05d", 54757 + NR - 2) }
	NR > 501 && NR < 1001 { $1 = "90071992547" sprintf("%05d", 40742 + NR - 502) }
	NR == 1001 { $1 = "9223372036854775807" } { print }' "$tmp/small.csv" 	>"$tmp/big.csv"
cut -d, -f1 "$tmp/big.csv" | sed 1d >"$tmp/big-ids"
ok "the big ids are distinct" sh -c "[ \$(sort -u '$tmp/big-ids' | wc -l) -eq 1000 ]"
for t in small big; do
	expect 0 "" "$RISKDESK" import --db "$db" --table "g$t" --id acct \
		--target creditability --bad bad "$tmp/$t.csv"
	expect 0 "decided 1,000 applicants of table \"g$t\"" "$RISKDESK" \
		decide --db "$db" --policy "$policy" --table "g$t" \
		--output "$tmp/d-$t.csv"
	expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" \
		--table "g$t" --format jsonl --explain --output "$tmp/d-$t.jsonl"
	expect 0 "decided 1,000 applicants of file .*$t.csv" "$RISKDESK" \
		decide --db "$db" --policy "$policy" --id acct "$tmp/$t.csv" \
		--output "$tmp/f-$t.csv"
done
ok "a table and the CSV file decide alike (big ids)" cmp -s "$tmp/d-big.csv" "$tmp/f-big.csv"
sed -n '2,3p;501,502p;751,753p;1001p' "$tmp/d-big.csv" | cut -d, -f1 >"$tmp/out"
same "ids written exactly" "$(tr '\n' ' ' <"$tmp/out")" \
	"4036813507399154757 4036813507399154758 4036813507399155256 9007199254740742 9007199254740991 9007199254740992 9007199254740993 9223372036854775807 "
cp "$tmp/d-big.csv" "$tmp/out"
pycheck '
import csv, json, sys
t = sys.argv[2]
ids = open(t + "/big-ids").read().split()
for kind in ("d", "f"):
    big = list(csv.reader(open(t + "/%s-big.csv" % kind, newline="")))
    small = list(csv.reader(open(t + "/%s-small.csv" % kind, newline="")))
    assert big[0] == small[0] and big[0][0] == "acct", (big[0], small[0])
    assert [r[0] for r in big[1:]] == ids, kind
    assert [r[0] for r in small[1:]] == [str(k) for k in range(1, 1001)], kind
    assert [r[1:] for r in big] == [r[1:] for r in small], kind
big = [json.loads(l) for l in open(t + "/d-big.jsonl")]
small = [json.loads(l) for l in open(t + "/d-small.jsonl")]
assert [j["acct"] for j in big] == ids
for b, s in zip(big, small):
    del b["acct"], s["acct"]
    assert b == s and "attributes" in b, (b, s)
' "decide: 19-digit and 2^53 ids exact, decisions as under small ids"
# The key is unique on its exact values: two ids 1 apart past 2^53 are
# two applicants, a repeated 19-digit one is refused by its digits.
awk -F, -v OFS=, 'NR == 3 { $1 = "4036813507399154757" } { print }' \
	"$tmp/big.csv" >"$tmp/big-dup.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table gbigdup \
	--target creditability --bad bad "$tmp/big-dup.csv"
expect 1 "column \"acct\" of table \"gbigdup\" cannot key the decisions: 1 repeated value \(first \"4036813507399154757\"\)" \
	"$RISKDESK" decide --db "$db" --policy "$policy" --table gbigdup \
	--id acct

echo "decide-cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
