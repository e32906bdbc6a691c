#!/bin/sh
# model-cli.sh - the model commands end to end: 'fit --raw --json' on the
# German credit data against R 4.2.2 glm.fit (tests/data/oracle/
# german_logit.R.json: estimates and standard errors within 1e-6
# relative, log-likelihood within 1e-6), 'fit' with a holdout and
# selection, 'validate', 'points', and the errors they name.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/model-cli-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
oracle="$top_srcdir/tests/data/oracle/german_logit.R.json"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"
# values <key> <file>: the numbers of every '"key": number' line, in order
values() {
	grep -E "^ *\"$1\": " "$2" | sed -E 's/.*: *([^,]*),?$/\1/'
}
# close <key> <relative tol> <absolute tol> [<reference>]: our output vs
# the reference (default the R oracle of the German model)
close() {
	values "$1" "$tmp/out" >"$tmp/a"; values "$1" "${4:-$oracle}" >"$tmp/b"
	if [ ! -s "$tmp/a" ] || [ "$(wc -l <"$tmp/a")" -ne "$(wc -l <"$tmp/b")" ]; then
		echo "FAIL: '$1' count differs from the R oracle"; fails=$((fails + 1)); return
	fi
	if paste "$tmp/a" "$tmp/b" | awk -v r="$2" -v t="$3" '
	    { d = $1 - $2; if (d < 0) d = -d; m = $2 < 0 ? -$2 : $2
	      if (d > r * m && d > t) { print "  " NR ": " $1 " vs R " $2; bad = 1 } }
	    END { exit bad }'; then passes=$((passes + 1))
	else echo "FAIL: '$1' differs from R 4.2.2 glm.fit"; fails=$((fails + 1)); fi
}

expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"

# The raw model of the oracle's spec, against R.
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --raw \
	--vars duration_in_month,credit_amount,age_in_years,installment_rate_in_percentage_of_disposable_income,status_of_existing_checking_account,credit_history,savings_account_and_bonds,housing \
	--ref "status_of_existing_checking_account=no checking account" \
	--ref housing=own --json
contains '"term": "\(Intercept\)"'
contains '"term": "housing=rent"'
contains '"converged": true'
contains '"n_used": 1000'
contains '"n_bad": 300'
close estimate 1e-6 0
close std_error 1e-6 0
close loglik 0 1e-6
close aic 0 1e-6
cp "$tmp/out" "$tmp/raw.json"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --raw \
	--vars duration_in_month,housing --l2 2.5
contains 'housing=own'
expect 1 "unknown column 'nope'" "$RISKDESK" fit --db "$db" \
	--table german_credit --raw --vars duration_in_month,nope
expect 1 "reference level" "$RISKDESK" fit --db "$db" \
	--table german_credit --raw --vars housing --ref housing=castle
expect 2 "needs --vars" "$RISKDESK" fit --db "$db" --table german_credit --raw
expect 2 "go with --raw" "$RISKDESK" fit --db "$db" --table german_credit \
	--name g --vars housing
# Weights, against R 4.2.2 glm (tests/data/r/german_weighted.R writes the
# reference: bad ~ duration + amount + housing, weights
# present_residence_since).
wref="$top_srcdir/tests/data/r/german_weighted.R.json"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --raw \
	--vars duration_in_month,credit_amount,housing --ref housing=own \
	--weights present_residence_since --json
contains '"weights": "present_residence_since"'
close estimate 1e-6 0 "$wref"
close std_error 1e-6 0 "$wref"
close loglik 0 1e-6 "$wref"
close aic 0 1e-6 "$wref"
expect 1 "weight column 'housing'" "$RISKDESK" fit --db "$db" \
	--table german_credit --raw --vars duration_in_month --weights housing
# Collinear: the same column under two names is not possible, but a
# dummy and its complement with the intercept are: a text column with
# two levels plus a numeric copy of it cannot be told apart here, so use
# a made-up table.
printf 'x,z,y\n1,2,bad\n2,4,good\n3,6,bad\n4,8,good\n5,10,good\n6,12,bad\n' >"$tmp/col.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table col --target y --bad bad "$tmp/col.csv"
expect 3 "singular information matrix: 'z' is collinear with .*'x'" \
	"$RISKDESK" fit --db "$db" --table col --raw --vars x,z
printf 'x,y\n1,good\n2,good\n3,good\n4,bad\n5,bad\n6,bad\n' >"$tmp/sep.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table sep --target y --bad bad "$tmp/sep.csv"
expect 3 "separation: coefficient of 'x' diverging to \+inf" \
	"$RISKDESK" fit --db "$db" --table sep --raw --vars x

# A scorecard with a holdout and stepwise selection, then its validation.
expect 2 "--holdout: expected a fraction" "$RISKDESK" fit --db "$db" \
	--table german_credit --name g --holdout 1.5
expect 2 "--select: expected forward" "$RISKDESK" fit --db "$db" \
	--table german_credit --name g --select sideways
expect 2 "--oot-after needs --date-column" "$RISKDESK" fit --db "$db" \
	--table german_credit --name g --oot-after 2024-01-01
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name g \
	--holdout 0.3 --seed 7 --select stepwise --force housing
contains 'developed on a random 0.7 of the rows \(holdout 0.3, seed 7\)'
contains 'stepwise selection'
contains 'forced in'
contains 'rounding points to whole numbers moves a development score by at most'
contains '600 +50:1 +0.019608'
expect 0 "" "$RISKDESK" validate --db "$db" --name g --json
contains '"holdout": \{'
contains '"n": 700'
contains '"n": 300'
contains '"hosmer_lemeshow": \{'
contains '"reading": "(stable|some shift|significant shift)"'
expect 0 "" "$RISKDESK" validate --db "$db" --name g --psi-table german_credit
contains 'PSI of the score, development vs german_credit'
# The PSI table's columns are named: the bins, the rows of each sample
# (with thousands separators), the term.
contains '^  score band +development +german_credit +term$'
expect 1 "no scorecard|not found|no such" "$RISKDESK" validate --db "$db" --name nope
expect 2 "needs --name" "$RISKDESK" validate --db "$db"
# A table of no rows (a header alone) is named as empty, not validated
# as a sample of no outcomes (validate reads tables in slices).
head -n 1 "$top_srcdir/data/german_credit.csv" >"$tmp/header-only.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table no_rows \
	--target creditability --bad bad "$tmp/header-only.csv"
expect 1 "table 'no_rows' has no rows: import the applicants into it first" \
	"$RISKDESK" validate --db "$db" --name g --table no_rows
expect 2 "--groups: expected" "$RISKDESK" validate --db "$db" --name g --groups 1
# Another table is validated whole.
expect 0 "" "$RISKDESK" import --db "$db" --table german2 \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" validate --db "$db" --name g --table german2
contains 'validation of scorecard "g" on table "german2"'
contains '^sample \(the whole table\): 1,000 rows with a known outcome, 300 bad'
# The PSI compares with the card's own development rows, whatever table
# is validated: the same figure with and without --table.
expect 0 "" "$RISKDESK" validate --db "$db" --name g --psi-table german2
grep '^PSI of the score' "$tmp/out" >"$tmp/psi-own"
expect 0 "" "$RISKDESK" validate --db "$db" --name g --table german2 \
	--psi-table german2
grep '^PSI of the score' "$tmp/out" >"$tmp/psi-other"
same "PSI against german2, with and without --table" \
	"$(cat "$tmp/psi-other")" "$(cat "$tmp/psi-own")"
contains '^PSI of the score, development vs german2: '

# Out of time, by a numeric column standing in for a date.
expect 1 "leaves 1000 development and 0 holdout rows" "$RISKDESK" fit \
	--db "$db" --table german_credit --name oot --oot-after 80 \
	--date-column age_in_years
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name oot \
	--oot-after 50 --date-column age_in_years
contains 'developed on the rows with age_in_years up to 50'
# The split's column is read for the split, never a characteristic.
contains '^  age_in_years: the date of the out-of-time split \(--date-column\), not a characteristic$'
expect 0 "" "$RISKDESK" validate --db "$db" --name oot --json
contains '"holdout": \{'
contains '"against": "out-of-time"'
# validate names the later rows the out-of-time sample, not a holdout.
expect 0 "" "$RISKDESK" validate --db "$db" --name oot
contains '^out-of-time sample: [0-9,]+ rows with a known outcome'
contains '^PSI of the score, development vs out-of-time: '
contains '^  score band               development out-of-time     term$'
lacks 'holdout'
# A date column (imported as DATE) split on: left out as the split's
# date, not as a date nor a single bin; without the split, as a date.
tr -d '\r' <"$top_srcdir/data/german_credit.csv" | awk -F, -v OFS=, '
	NR == 1 { print $0, "app_date"; next }
	{ printf "%s,2021-%02d-01\n", $0, (NR % 12) + 1 }' >"$tmp/dated.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table dated \
	--target creditability --bad bad "$tmp/dated.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table dated --name doot \
	--oot-after 2021-09-30 --date-column app_date
contains '^  app_date: the date of the out-of-time split \(--date-column\), not a characteristic$'
lacks 'app_date: (single bin|a date)'
expect 0 "" "$RISKDESK" validate --db "$db" --name doot
contains '^out-of-time sample: 249 rows with a known outcome, 74 bad \(29\.72%\)$'
for rows in 0 1; do
	RISKDESK_FIT_ROWS=$rows expect 0 "" "$RISKDESK" fit --db "$db" \
		--table dated --name dall
	contains '^  app_date: a date: not a characteristic as it stands; derive one from it with SQL \(e\.g\. the months since it\)$'
done
expect 0 "" "$RISKDESK" points --db "$db" --name g
contains '^characteristic,kind,lower,upper,value,points$'
contains '^\(base\),base,,,,'
expect 0 "" "$RISKDESK" points --db "$db" --name g --format yaml
contains '^base_points: '
expect 2 "expected csv or yaml" "$RISKDESK" points --db "$db" --name g --format xml

# Scaling out of range is refused before anything is stored: a PDO of
# 1e308 overflows the offset, one of 1e-300 rounds every point to 0.
expect 2 "--pdo: expected a number from 1 to 1000, found \"1e308\"" \
	"$RISKDESK" fit --db "$db" --table german_credit --name big --pdo 1e308
expect 2 "--pdo: expected a number from 1 to 1000" "$RISKDESK" fit \
	--db "$db" --table german_credit --name big --pdo 1e-300
expect 2 "--base-odds: expected a number in \(0, 1e\+06\]" "$RISKDESK" fit \
	--db "$db" --table german_credit --name big --base-odds 1e7
expect 2 "--base-score: expected a number from -1e\+06 to 1e\+06" \
	"$RISKDESK" fit --db "$db" --table german_credit --name big \
	--base-score -2e6
expect 1 "no scorecard named" "$RISKDESK" points --db "$db" --name big
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name wide \
	--pdo 1000 --base-odds 1e6 --base-score 1e6
contains 'PDO 1000 '
expect 0 "" "$RISKDESK" points --db "$db" --name wide

# Scorecard names: not empty, no control characters.
expect 2 "--name: expected a non-empty scorecard name" "$RISKDESK" fit \
	--db "$db" --table german_credit --name ''
expect 2 "--name: expected a non-empty scorecard name" "$RISKDESK" fit \
	--db "$db" --table german_credit --name "$(printf 'a\tb')"
expect 2 "--name: expected a non-empty scorecard name" "$RISKDESK" fit \
	--db "$db" --table german_credit --name "$(printf 'a\033[2Jb')"

# Too few rows to fit: a data problem (exit 1) in plain words.
head -n 6 "$top_srcdir/data/german_credit.csv" >"$tmp/five.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table five \
	--target creditability --bad bad "$tmp/five.csv"
expect 1 "too few rows with a known outcome to fit [0-9]+ parameters: 5 rows" \
	"$RISKDESK" fit --db "$db" --table five --name five

# --exclude leaves columns out; an identifier-like text column (more
# than 50 distinct values, more than half its rows) is dropped anyway.
awk -F, 'NR == 1 { print "app_id," $0; next }
	{ printf "A%05d,%s\n", NR, $0 }' "$top_srcdir/data/german_credit.csv" \
	>"$tmp/ids.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table ids \
	--target creditability --bad bad "$tmp/ids.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table ids --name ids
contains '^  app_id: identifier: 1,000 distinct values in 1,000 rows$'
expect 0 "" "$RISKDESK" fit --db "$db" --table ids --name ids \
	--exclude app_id,housing --exclude purpose --json
contains '"app_id: excluded"'
contains '"housing: excluded"'
contains '"purpose: excluded"'
if grep -q '"name": "housing"' "$tmp/out"; then
	echo "FAIL: excluded housing is in the scorecard"; fails=$((fails + 1))
else passes=$((passes + 1)); fi
expect 1 "cannot exclude \"nope\": table \"ids\" has no such column" \
	"$RISKDESK" fit --db "$db" --table ids --name ids --exclude nope
expect 1 "cannot exclude \"creditability\": it is the target" "$RISKDESK" \
	fit --db "$db" --table ids --name ids --exclude creditability
expect 2 "--exclude does not go with --raw" "$RISKDESK" fit --db "$db" \
	--table ids --raw --vars housing --exclude app_id
# Excluding the date column of an out-of-time split still splits on it.
expect 0 "" "$RISKDESK" fit --db "$db" --table ids --name oot2 \
	--oot-after 50 --date-column age_in_years --exclude age_in_years
contains 'developed on the rows with age_in_years up to 50'
contains '^  age_in_years: excluded$'

# A p-value below the double epsilon prints as R prints it, "<2e-16",
# never "0"; the JSON keeps the number.  x splits 8000 rows into bad
# rates 6/7 and 1/7: z is about 56, p about 1e-680, 0 in a double.
awk 'BEGIN { print "x,y"; for (i = 0; i < 8000; i++) { x = i % 10
	b = x < 5 ? i % 7 != 0 : i % 7 == 0; print x "," (b ? "bad" : "good") } }' \
	>"$tmp/strong.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table strong --target y \
	--bad bad "$tmp/strong.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table strong --name strong
contains '^x +-1\.00000 +0\.0[0-9]+ +<2e-16 '
expect 0 "" "$RISKDESK" fit --db "$db" --table strong --raw --vars x
contains '^x .* <2e-16$'
expect 0 "" "$RISKDESK" fit --db "$db" --table strong --name strong --json
contains '"p_value": 0\.0,?$'

# --force: an unknown name is bad input, like --exclude; forced and
# excluded at once is a usage error; a forced characteristic below
# --min-iv stays in, with a note.  --raw fits are not stored: no --name.
expect 1 "cannot force \"nope\": table \"german_credit\" has no such column" \
	"$RISKDESK" fit --db "$db" --table german_credit --name f --force nope
expect 2 "\"housing\" is both forced in \(--force\) and left out" \
	"$RISKDESK" fit --db "$db" --table german_credit --name f \
	--force housing --exclude housing
expect 0 "note: housing is forced in with IV 0\.0833 below --min-iv 0\.5" \
	"$RISKDESK" fit --db "$db" --table german_credit --name f \
	--min-iv 0.5 --force housing
contains '^housing +-[0-9.]+ '
contains '^  housing +[0-9.]+ forced in$'
if grep -q '^  housing: IV' "$tmp/out"; then
	echo "FAIL: forced housing left out below --min-iv"; fails=$((fails + 1))
else passes=$((passes + 1)); fi
expect 2 "--raw fits are not stored; --name goes with a scorecard fit" \
	"$RISKDESK" fit --db "$db" --table german_credit --raw \
	--vars housing --name r

# A missing flag (1 when DEBTINC is empty, else empty): all its evidence
# is in the missing bin, and it is fitted, WoE-coded, not left out.
awk -F, 'NR == 1 { print "BAD,no_debtinc"; next }
	{ sub(/\r$/, ""); print $1 "," ($13 == "" ? 1 : "") }' \
	"$top_srcdir/data/hmeq.csv" >"$tmp/flag.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table flag --target BAD \
	--bad 1 "$tmp/flag.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table flag --name flag
contains '^no_debtinc +-1\.00000 '
contains '^ +missing +'

# A column whose name holds a comma ("amount, EUR", as Excel and R write
# such a header) is given to --exclude and --force in double quotes, as
# a CSV field is; an unclosed quote is a usage error.
printf '"amount, EUR",age,bad\n' >"$tmp/comma.csv"
awk 'BEGIN { for (i = 0; i < 400; i++) printf "%d,%d,%d\n", (i * 37) % 5000,
	20 + (i * 7) % 50, (i % 10) < (i % 7 < 3 ? 5 : 2) }' >>"$tmp/comma.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table comma --target bad --bad 1 \
	"$tmp/comma.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table comma --name comma1 \
	--exclude '"amount, EUR"' --min-iv 0
lacks '^amount, EUR '
contains '^age '
expect 0 "" "$RISKDESK" fit --db "$db" --table comma --name comma2 \
	--force '"amount, EUR",age' --min-iv 1
contains '^amount, EUR '
contains '^age '
expect 2 '--exclude: a quote is not closed in ""amount, EUR": write a name holding a comma in double quotes' \
	"$RISKDESK" fit --db "$db" --table comma --name comma3 --exclude '"amount, EUR'
expect 2 '--force: text after a closing quote in ""amount" EUR"' \
	"$RISKDESK" fit --db "$db" --table comma --name comma3 --force '"amount" EUR'
expect 1 'cannot exclude "amount": table "comma" has no such column' \
	"$RISKDESK" fit --db "$db" --table comma --name comma3 --exclude 'amount, EUR'

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
