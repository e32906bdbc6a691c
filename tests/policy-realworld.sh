#!/bin/sh
# policy-realworld.sh - policies as risk teams write them, end to end on
# tests/data/realworld/policy-*: column names with spaces, hyphens, dots
# and keywords (quoted, and the error for each bare one), numbers with a
# leading zero or in hexadecimal, every error of a file in one run (from
# check-policy and from --report), and what check-policy --db finds on the
# population: applicants in two segments, applicants left to the default
# by a NULL, hit: unique.  Every count is checked against awk's own count
# over the CSV file.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/policy-realworld-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
rw="$top_srcdir/tests/data/realworld"
csv="$rw/policy-names.csv"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

# The population: 240 applications, columns "application id", "monthly
# income" (23 missing), "credit-amount", "home owner", age, "group",
# "default.payment.next.month" (the target).
expect 0 "" "$RISKDESK" import --db "$db" --table apps \
	--target default.payment.next.month --bad 1 --id "application id" "$csv"
contains 'imported 240 rows'
expect 0 "" "$RISKDESK" fit --db "$db" --table apps --name namecard

# awk's counts over the file, on the rows no knock-out declines
# ("credit-amount" > 14000): owners ("home owner" = 'yes'), high income
# ("monthly income" >= 5000; unknown when missing), young (age < 30 AND
# "group" <> 'C').
counts=$(awk -F, 'NR > 1 && $3 <= 14000 {
	own = $4 == "yes"; young = $5 < 30 && $6 != "C"
	miss = $2 == ""; rich = !miss && $2 >= 5000
	oh += own && rich; oy += own && young; hy += rich && young
	if (own) seg["owners"]++
	else if (rich) seg["high_income"]++
	else if (young) seg["young"]++
	else { seg["default"]++; if (miss) nulls++ }
	kept++
} END { printf "%d %d %d %d %d %d %d %d %d\n", oh, oy, hy, nulls, kept,
	seg["owners"], seg["high_income"], seg["young"], seg["default"] }' "$csv")
set -- $counts
oh=$1 oy=$2 hy=$3 nulls=$4 kept=$5 s_own=$6 s_rich=$7 s_young=$8 s_def=$9
knocked=$((240 - kept))
# The row (in file order, all 240 imported) of the first applicant of
# each pair.
firsts=$(awk -F, 'NR > 1 && $3 <= 14000 {
	own = $4 == "yes"; young = $5 < 30 && $6 != "C"
	rich = $2 != "" && $2 >= 5000
	if (own && rich && !foh) foh = NR - 1
	if (own && young && !foy) foy = NR - 1
	if (rich && young && !fhy) fhy = NR - 1
} END { printf "%d %d %d\n", foh, foy, fhy }' "$csv")
set -- $firsts
foh=$1 foy=$2 fhy=$3

# ------------------------------------------------------ quoted names
pol="$rw/policy-quoted.yaml"
expect 0 "" "$RISKDESK" check-policy --db "$db" "$pol"
contains "policy-quoted\.yaml: ok \(1 knock-out, 4 segments\)$"
stderr_has "policy-quoted\.yaml:22:11: warning: $oh applicants match both \"owners\" and \"high_income\"; first match gives \"owners\"$"
stderr_has "policy-quoted\.yaml:26:11: warning: $oy applicants match both \"owners\" and \"young\"; first match gives \"owners\"$"
stderr_has "policy-quoted\.yaml:26:11: warning: $hy applicants match both \"high_income\" and \"young\"; first match gives \"high_income\"$"
stderr_has "policy-quoted\.yaml:22:11: warning: $nulls applicants fall to the default segment \"default\" only because the condition of segment \"high_income\" is NULL for them \(column \"monthly income\" NULL on $nulls\); catch NULL on purpose with IS NULL or coalesce\(\)$"
stderr_count 'warning' 4

# A population table that does not exist is one error, at population:,
# not once more for every column the policy reads.
sed 's/^population: .*/population: nosuch/' "$pol" >"$tmp/nopop.yaml"
expect 1 'nopop\.yaml:[0-9]+:[0-9]+: table "nosuch" does not exist$' \
	"$RISKDESK" check-policy --db "$db" "$tmp/nopop.yaml"
stderr_count 'nopop\.yaml' 1

# An empty population (imported from the header alone, its columns
# typed text) is said to be empty, not of the wrong type.
head -1 "$csv" >"$tmp/empty.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table empty "$tmp/empty.csv"
sed 's/^population: .*/population: empty/' "$pol" >"$tmp/empty.yaml"
expect 1 "empty\.yaml:[0-9]+:[0-9]+: table 'empty' has no rows: import the applicants into it first" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/empty.yaml"

# A knock-out whose condition is NULL for some applicants lets them pass
# unchecked: said, with the count (awk: "monthly income" missing on 23).
sed 's/^    when: ."credit-amount" > 14000.$/    when: '"'"'"monthly income" < 500'"'"'/' \
	"$pol" >"$tmp/ko-null.yaml"
nmiss=$(awk -F, 'NR > 1 && $2 == ""' "$csv" | wc -l)
expect 0 "" "$RISKDESK" check-policy --db "$db" "$tmp/ko-null.yaml"
stderr_has "ko-null\.yaml:15:11: warning: knock-out \"too_big\": its condition is NULL for $nmiss applicants of \"apps\", who pass it unchecked; catch NULL on purpose with IS NULL or coalesce\(\)$"

# The report simulates it: each segment takes awk's first matches.
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --format json
if command -v python3 >/dev/null 2>&1; then
	got=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
segs = {s["name"]: s["applicants"] for s in r["segments"]}
print(segs["owners"], segs["high_income"], segs["young"], segs["default"],
      r["policy"]["knocked_out"])' "$tmp/out" 2>&1)
	same "segment applicants, knocked out" "$got" \
		"$s_own $s_rich $s_young $s_def $knocked"
fi

# ------------------------------------------------------ hit: unique
sed 's/^name: quoted$/name: quoted\nhit: unique/' "$pol" >"$tmp/unique.yaml"
expect 1 "" "$RISKDESK" check-policy --db "$db" "$tmp/unique.yaml"
stderr_has "unique\.yaml:23:11: segments must not overlap \(hit: unique\): $oh applicants match both \"owners\" and \"high_income\" \(the first on row $foh of \"apps\"\); hit: unique wants segment conditions that no applicant matches two of: narrow them, or declare hit: first to give each applicant the first segment it matches$"
stderr_has "unique\.yaml:27:11: segments must not overlap \(hit: unique\): $oy applicants match both \"owners\" and \"young\" \(the first on row $foy of \"apps\"\); hit: unique wants segment conditions that no applicant matches two of: narrow them, or declare hit: first to give each applicant the first segment it matches$"
stderr_has "unique\.yaml:27:11: segments must not overlap \(hit: unique\): $hy applicants match both \"high_income\" and \"young\" \(the first on row $fhy of \"apps\"\); hit: unique wants segment conditions that no applicant matches two of: narrow them, or declare hit: first to give each applicant the first segment it matches$"
stderr_has "unique\.yaml: 3 errors$"
stderr_count 'match both' 3
# The warnings on the conditions go with those errors.
stderr_has "unique\.yaml:[0-9]+:11: warning: $nulls applicants fall to the default segment \"default\" only because the condition of segment \"high_income\" is NULL for them"
# A report refuses it the same way, every pair listed.
expect 1 "" "$RISKDESK" --report --db "$db" --policy "$tmp/unique.yaml"
stderr_count 'segments must not overlap' 3
stderr_has "unique\.yaml: 3 errors$"
# A fault of another kind does not hide them: check-policy, the report,
# decide and export name every fault, in one verdict.
sed 's/^name: quoted$/name: quoted\nhit: unique\nreason_codes:\n  agee: R01/' \
	"$pol" >"$tmp/unique-rc.yaml"
for cmd in "check-policy --db $db" "--report --db $db --policy" \
    "decide --db $db --output $tmp/unique-d.csv --policy" \
    "export --db $db --format sql --output $tmp/unique.sql --policy"; do
	expect 1 "" "$RISKDESK" $cmd "$tmp/unique-rc.yaml"
	stderr_has "unique-rc\.yaml:9:3: reason code for \"agee\", which is not a characteristic of scorecard \"namecard\""
	stderr_has "unique-rc\.yaml:25:11: segments must not overlap \(hit: unique\): $oh applicants match both \"owners\" and \"high_income\" \(the first on row $foh of \"apps\"\); hit: unique wants segment conditions that no applicant matches two of: narrow them, or declare hit: first to give each applicant the first segment it matches$"
	stderr_count 'segments must not overlap' 3
	stderr_has "unique-rc\.yaml: 4 errors$"
done
# Mutually exclusive segments pass.
printf '%s\n' 'scorecard: namecard' 'population: apps' 'hit: unique' \
	"loss: {lgd: 0.5, ead: '\"credit-amount\"'}" 'segments:' \
	"  - {name: a, when: '\"group\" = ''A''', cutoff: 500}" \
	"  - {name: b, when: '\"group\" = ''B''', cutoff: 510}" \
	'  - {name: rest, cutoff: 520}' >"$tmp/groups.yaml"
expect 0 "" "$RISKDESK" check-policy --db "$db" "$tmp/groups.yaml"
contains 'groups\.yaml: ok \(0 knock-outs, 3 segments\)$'
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/groups.yaml"

# ---------------------------------------------------- bare names: errors
pol="$rw/policy-unquoted.yaml"
expect 1 "" "$RISKDESK" check-policy --db "$db" "$pol"
for pat in \
    ":7:9: column \"monthly income\" must be quoted in an expression: write \"monthly income\" \(in YAML: income: '\"monthly income\"'\)$" \
    ":13:11: column \"credit-amount\" must be quoted .*when: '\"credit-amount\" > 14000'\)$" \
    ":17:11: column \"home owner\" must be quoted .*when: '\"home owner\" = ''yes'''\)$" \
    ":10:8: column \"credit-amount\" must be quoted .*ead: '\"credit-amount\" \* 1\.1'\)$" \
    ":20:11: column \"monthly income\" must be quoted .*when: '\"monthly income\" >= 5000'\)$" \
    ":22:10: column \"credit-amount\" must be quoted .*ead: '\"credit-amount\"'\)$" \
    ":24:11: column \"group\" is an SQL keyword and must be quoted .*when: 'age < 30 AND \"group\" <> ''C'''\)$" \
    ":27:11: column \"default\.payment\.next\.month\" must be quoted .*when: '\"default\.payment\.next\.month\" = 0'\)$" \
    ": 8 errors$"; do
	stderr_has "policy-unquoted\.yaml$pat"
done
stderr_count 'must be quoted' 8
expect 1 "" "$RISKDESK" --report --db "$db" --policy "$pol"
stderr_count 'must be quoted' 8
stderr_has "policy-unquoted\.yaml: 8 errors$"
expect 1 "policy-yaml-quote\.yaml:8:29: invalid YAML: .*; a value that starts with a quoted name must be quoted whole, in single quotes: when: '\"monthly income\" >= 5000'$" \
	"$RISKDESK" check-policy --db "$db" "$rw/policy-yaml-quote.yaml"
# A tab where YAML wants indentation (as an editor may write it): the
# line is named and the way out given.
printf 'name: t\nscorecard: german\nknockouts:\n\t- name: a\n\t  when: age < 18\n' \
	>"$tmp/tab.yaml"
expect 1 "tab\.yaml:4:1: invalid YAML: found character that cannot start any token .*; line 4 is indented with a tab: YAML indents with spaces only \(replace the tabs with spaces\)$" \
	"$RISKDESK" check-policy --db "$db" "$tmp/tab.yaml"

# ------------------------------------- numbers, every error in one run
# The file alone: no database needed, none read.
mkdir "$tmp/nodb"
(cd "$tmp/nodb" && "$RISKDESK" check-policy "$rw/policy-numbers.yaml") \
	>"$tmp/out" 2>"$tmp/err"
same "check-policy policy-numbers.yaml exit" "$?" 1
for pat in \
    ":6:15: expected a decimal number for \"funding_rate\", found hexadecimal \"0x0\"; write 0$" \
    ":8:8: expected a decimal number for \"lgd\", found \"00\.45\" with a leading zero; write 0\.45$" \
    ":13:13: expected a decimal number for \"cutoff\", found \"0520\" with a leading zero, which YAML 1\.1 reads as octal \(336\); write 520$" \
    ":14:12: expected a decimal number for \"refer\", found hexadecimal \"0x1F4\"; write 500$" \
    ":17:15: expected a decimal number for \"from\", found \"0500\" .*\(320\); write 500$" \
    ":19:16: expected a decimal number for \"limit\", found hexadecimal \"0x10\"; write 16$" \
    ":23:36: expected a decimal number for \"limit\", found \"01000\" .*\(512\); write 1000$" \
    ":24:26: expected a decimal number for \"min_income\", found \"04000\" .*\(2048\); write 4000$" \
    ":26:13: expected a decimal number for \"cutoff\", found \"-0530\" .*\(-344\); write -530$" \
    ": 9 errors$"; do
	stderr_has "policy-numbers\.yaml$pat"
done
[ -e "$tmp/nodb/riskdesk.db" ] && { echo "FAIL: check-policy created a database"; fails=$((fails + 1)); }

pol="$rw/policy-many-errors.yaml"
expect 1 "" "$RISKDESK" check-policy --db "$db" "$pol"
stderr_count '^riskdesk: .*policy-many-errors\.yaml:[0-9]+:[0-9]+: ' 12
stderr_has "policy-many-errors\.yaml: 12 errors$"
first=$(sed -n 1p "$tmp/err")
expect 1 "" "$RISKDESK" --report --db "$db" --policy "$pol"
stderr_count '^riskdesk: .*policy-many-errors\.yaml:[0-9]+:[0-9]+: ' 12
same "the report's first error" "$(sed -n 1p "$tmp/err")" "$first"
# Two files: each gets its own list; the valid one still says ok.
expect 1 "" "$RISKDESK" check-policy --db "$db" "$pol" "$rw/policy-quoted.yaml"
stderr_has "policy-many-errors\.yaml: 12 errors$"
contains "policy-quoted\.yaml: ok"

# ------------------------------------------------ without a database
(cd "$tmp/nodb" && "$RISKDESK" check-policy "$rw/policy-quoted.yaml") \
	>"$tmp/out" 2>"$tmp/err"
same "check-policy without a database exit" "$?" 0
contains "policy-quoted\.yaml: ok \(1 knock-out, 4 segments\); columns and population not checked: no database \(use --db <file>\)$"
(cd "$tmp/nodb" && "$RISKDESK" check-policy "$rw/policy-unquoted.yaml") \
	>"$tmp/out" 2>"$tmp/err"
same "bare names without a database (not checked) exit" "$?" 0

echo "policy-realworld: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
