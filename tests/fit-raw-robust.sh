#!/bin/sh
# fit-raw-robust.sh - 'fit --raw' on application files as they come:
#   1. a text column of many levels (a 2,000-level postcode on 18,000
#      rows) is refused at once, before any design is built, naming the
#      table, the column, its level count, the parameter count and the
#      ways out (exit 1), where it used to allocate gigabytes or run for
#      minutes; the limit of 200 parameters holds exactly;
#   2. the coefficients come in the order --vars gives them (R's order for
#      that formula), with R 4.2.2 glm's estimates;
#   3. too few rows, an unknown column and a missing weight column name
#      the table and what to do;
#   4. Chinese characteristic and level names keep the columns of the
#      coefficient table and of the scorecard's WoE term table (by display
#      width, in a UTF-8 locale);
#   5. counts in fit output carry thousands separators.
#
# The application file is generated here with awk (a Park-Miller
# generator, exact in doubles, so the same bytes everywhere): 18,000 rows,
# y (0/1), income, ratio, postcode (2,000 codes P0000..P1999), grade
# (A/B/C), 职业 (4 occupations), 收入 (months employed, 0..119), region
# (north, south, else one of 1,500 rare codes R0000..R1499) and branch
# (B000..B199, row number mod 200); the counts the checks need are
# counted from the file with awk, not taken from riskdesk.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/fit-raw-robust-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

# A command that would stall is stopped after this many seconds.
limit=${FIT_RAW_TIMEOUT:-30}
if command -v timeout >/dev/null 2>&1; then bounded="timeout $limit"
else bounded=""; fi

awk 'function rnd() { seed = (seed * 16807) % 2147483647
		return seed / 2147483647 }
BEGIN {
	seed = 20240611
	split("工人 教师 农民 医生", job, " ")
	print "y,income,ratio,postcode,grade,职业,收入,region,branch"
	for (i = 0; i < 18000; i++) {
		inc = 20 + int(rnd() * 6000) / 100
		r = int(rnd() * 1000) / 1000
		pc = sprintf("P%04d", int(rnd() * 2000))
		u = rnd(); g = u < 0.5 ? "A" : u < 0.8 ? "B" : "C"
		j = job[1 + int(rnd() * 4)]
		m = int(rnd() * 120)
		u = rnd()
		reg = u < 0.45 ? "north" : u < 0.9 ? "south" : \
		    sprintf("R%04d", int(rnd() * 1500))
		eta = -1.2 - 0.03 * (inc - 50) + 0.8 * r + \
		    (g == "C" ? 0.7 : g == "B" ? 0.3 : 0) + \
		    (j == "农民" ? 0.4 : j == "医生" ? -0.5 : 0) + \
		    (reg == "north" ? 0.5 : reg == "south" ? 0 : -0.4) - \
		    0.01 * (m - 60)
		y = rnd() < 1 / (1 + exp(-eta)) ? 1 : 0
		printf "%d,%s,%s,%s,%s,%s,%d,%s,B%03d\n", y, inc, r, pc, g, j,
		    m, reg, i % 200
	}
}' >"$tmp/apps.csv"
rows=$(awk 'END { print NR - 1 }' "$tmp/apps.csv")
bads=$(awk -F, 'NR > 1 { b += $1 } END { print b }' "$tmp/apps.csv")
codes=$(awk -F, 'NR > 1 { print $4 }' "$tmp/apps.csv" | sort -u | wc -l | tr -d ' ')
north=$(awk -F, 'NR > 1 && $8 == "north"' "$tmp/apps.csv" | wc -l | tr -d ' ')
rare=$(awk -F, 'NR > 1 && $8 != "north" && $8 != "south" { print $8 }' \
	"$tmp/apps.csv" | sort -u | wc -l | tr -d ' ')
same "rows generated" "$rows" 18000
same "postcodes drawn" "$codes" 2000
expect 0 "" "$RISKDESK" import --db "$db" --table apps --target y --bad 1 \
	"$tmp/apps.csv"

# thousands <n>: n with a comma every three digits, as the report prints
thousands() {
	echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'
}
same "thousands 1234567" "$(thousands 1234567)" 1,234,567

# --- 1. A text column of many levels: refused before the design --------
# Parameters: the intercept, income, ratio and one dummy per postcode
# but the reference, 1 + 2 + (2,000 - 1) = 2,002, over the 200 of
# riskdesk(1).  The dense design would be 18,000 x 2,002 doubles
# (288 MB) and an IRLS step 3.6e10 multiply-adds.
for fmt in "" --json; do
	start=$(date +%s)
	expect 1 "^riskdesk: table \"apps\": column 'postcode' has 2,000 levels in the 18,000 complete rows: a raw fit would estimate 2,002 parameters \(the intercept, 2 numbers and 1,999 dummies of 'postcode'\), more than the 200 it takes; " \
		$bounded "$RISKDESK" fit --db "$db" --table apps --raw \
		--vars income,ratio,postcode $fmt
	took=$(( $(date +%s) - start ))
	ok "refused at once ($took s)" [ "$took" -le 5 ]
	stderr_has "bin it and fit a WoE scorecard instead \(riskdesk fit --name <scorecard>, without --raw"
	stderr_has "leave it out of --vars"
	stderr_has "re-import the table with --type postcode=real$"
	stderr_count . 1
	ok "nothing on stdout" [ ! -s "$tmp/out" ]
done
# The limit exactly: branch alone is 1 + (200 - 1) = 200 parameters and
# is fitted; with income it is 201 and refused.
expect 0 "" $bounded "$RISKDESK" fit --db "$db" --table apps --raw \
	--vars branch --json
same "terms of a 200-parameter fit" "$(grep -c '"term": ' "$tmp/out")" 200
has_text '"converged": true'
expect 1 "column 'branch' has 200 levels in the 18,000 complete rows: a raw fit would estimate 201 parameters \(the intercept, 1 number and 199 dummies of 'branch'\), more than the 200 it takes" \
	$bounded "$RISKDESK" fit --db "$db" --table apps --raw \
	--vars branch,income
# --- 2. The order of --vars, with R's estimates --------------------------
# R 4.2.2 (2022-11-10 r83330) on data/german_credit.csv:
#   d <- read.csv("data/german_credit.csv", check.names = FALSE,
#                 stringsAsFactors = TRUE)
#   d$bad <- as.integer(d$creditability == "bad")
#   d$status_of_existing_checking_account <- relevel(
#       d$status_of_existing_checking_account, ref = "no checking account")
#   d$housing <- relevel(d$housing, ref = "own")
#   m <- glm(bad ~ housing + duration_in_month +
#       status_of_existing_checking_account + credit_amount +
#       credit_history + age_in_years + savings_account_and_bonds +
#       installment_rate_in_percentage_of_disposable_income,
#       family = binomial, data = d,
#       control = glm.control(epsilon = 1e-14, maxit = 50))
#   summary(m)$coefficients[, 1:2], "%.15g", R's term order; names
#   written column=level (R writes columnlevel).
cat >"$tmp/r.tsv" <<'EOF'
(Intercept)	-1.93919579681335	0.549433995134309
housing=for free	0.241586932489114	0.267349412262064
housing=rent	0.468417512018662	0.204269511878213
duration_in_month	0.0241101950350204	0.00844685169533155
status_of_existing_checking_account=... < 0 DM	1.69664389509239	0.215116646237365
status_of_existing_checking_account=... >= 200 DM / salary assignments for at least 1 year	0.782422867749808	0.364686439704326
status_of_existing_checking_account=0 <= ... < 200 DM	1.30870480344743	0.214845801321909
credit_amount	8.29860353362417e-05	3.78296745518781e-05
credit_history=critical account/ other credits existing (not at this bank)	-1.52629648855235	0.368588464035577
credit_history=delay in paying off in the past	-0.901114275857198	0.41582646923957
credit_history=existing credits paid back duly till now	-0.896069866595881	0.342158355418801
credit_history=no credits taken/ all credits paid back duly	-0.0526151308808412	0.491934117271309
age_in_years	-0.0130234141920152	0.00778742008159287
savings_account_and_bonds=... >= 1000 DM	-1.05109380856397	0.481428851703562
savings_account_and_bonds=100 <= ... < 500 DM	-0.207086634772505	0.262481021439692
savings_account_and_bonds=500 <= ... < 1000 DM	-0.497365520437507	0.385400696405154
savings_account_and_bonds=unknown/ no savings account	-0.888299710407822	0.239393469901917
installment_rate_in_percentage_of_disposable_income	0.270220329037278	0.0799116142864464
EOF
gvars=housing,duration_in_month,status_of_existing_checking_account,credit_amount,credit_history,age_in_years,savings_account_and_bonds,installment_rate_in_percentage_of_disposable_income
expect 0 "" "$RISKDESK" import --db "$db" --table german --target creditability \
	--bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german --raw --vars "$gvars" \
	--ref "status_of_existing_checking_account=no checking account" \
	--ref housing=own --json
# Our terms, estimates and standard errors, one line a term, in order.
awk -F'": ' '/"term": /  { t = substr($2, 2, length($2) - 3) }
	/"estimate": / { e = $2; sub(/,$/, "", e) }
	/"std_error": / { s = $2; sub(/,$/, "", s); print t "\t" e "\t" s }' \
	"$tmp/out" >"$tmp/ours.tsv"
same "terms in the order of --vars (R's)" "$(cut -f1 "$tmp/ours.tsv")" \
	"$(cut -f1 "$tmp/r.tsv")"
if paste "$tmp/ours.tsv" "$tmp/r.tsv" | awk -F'\t' '
    function off(a, b) { d = a - b; if (d < 0) d = -d
	m = b < 0 ? -b : b; return d > 1e-6 * m }
    off($2, $5) || off($3, $6) { print "  " $1 ": " $2 " " $3 " vs R " $5 " " $6; bad = 1 }
    END { exit bad }'; then passes=$((passes + 1))
else echo "FAIL: estimates or standard errors differ from R 4.2.2 glm"; fails=$((fails + 1)); fi
# The text table follows the same order; reversed --vars, reversed terms.
expect 0 "" "$RISKDESK" fit --db "$db" --table german --raw \
	--vars age_in_years,housing,duration_in_month --ref housing=own
same "text table order" "$(sed -n '/^term /,/^$/p' "$tmp/out" | awk 'NF { print $1 }' | tr '\n' ' ')" \
	"term (Intercept) age_in_years housing=for housing=rent duration_in_month "
expect 0 "" "$RISKDESK" fit --db "$db" --table german --raw \
	--vars duration_in_month,housing,age_in_years --ref housing=own
same "reversed order" "$(sed -n '/^term /,/^$/p' "$tmp/out" | awk 'NF { print $1 }' | tr '\n' ' ')" \
	"term (Intercept) duration_in_month housing=for housing=rent age_in_years "

# --- 3. Errors that name the table and what to do ----------------------
# Ten rows, ten distinct postcodes: 1 + 2 + (10 - 1) = 12 parameters.
head -n 11 "$tmp/apps.csv" >"$tmp/ten.csv"
same "distinct postcodes of ten rows" \
	"$(awk -F, 'NR > 1 { print $4 }' "$tmp/ten.csv" | sort -u | wc -l | tr -d ' ')" 10
expect 0 "" "$RISKDESK" import --db "$db" --table ten --target y --bad 1 \
	"$tmp/ten.csv"
expect 1 "^riskdesk: table \"ten\": too few rows with a known outcome to fit 12 parameters: 10 rows \(complete in every column; the parameters: the intercept, 2 numbers and 9 dummies of 'postcode'\); fit fewer variables, text columns of fewer levels, or on more rows$" \
	"$RISKDESK" fit --db "$db" --table ten --raw --vars income,ratio,postcode
# With weights, rows of weight 0 do not count: 6 complete rows, grade
# A, B and C among them, so 1 + 2 + (3 - 1) = 5 parameters, and 4 rows
# of positive weight.
printf '%s\n' y,income,ratio,grade,w 1,20.5,0.3,A,1.5 0,31.25,0.6,B,1.5 \
	1,45.0,0.2,C,0 0,27.75,0.9,A,1.5 1,38.5,0.45,B,0 0,52.0,0.15,C,1.5 \
	>"$tmp/weighted.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table weighted --target y --bad 1 \
	"$tmp/weighted.csv"
expect 1 "^riskdesk: table \"weighted\": too few rows with a known outcome to fit 5 parameters: 4 rows of positive weight; fit fewer variables or on more rows$" \
	"$RISKDESK" fit --db "$db" --table weighted --raw --vars income,ratio,grade \
	--weights w
# An unknown column: the table, its columns, the way to see them.
expect 1 "^riskdesk: unknown column 'nosuchcol' \(--vars\) in table \"apps\": its 9 columns are y \(the target\), income, ratio, postcode, grade, 职业, 收入, region, branch; riskdesk profile --table apps describes them$" \
	"$RISKDESK" fit --db "$db" --table apps --raw --vars income,nosuchcol
expect 1 "unknown column 'Income' \(--vars\) in table \"apps\" \(did you mean 'income'\? names are case-sensitive\)" \
	"$RISKDESK" fit --db "$db" --table apps --raw --vars Income
expect 1 "^riskdesk: unknown column 'wt' \(--weights\) in table \"apps\": its 9 columns are " \
	"$RISKDESK" fit --db "$db" --table apps --raw --vars income --weights wt
# A wide table lists its first 12 columns and counts the rest.
awk 'BEGIN { h = "y"; for (i = 1; i <= 20; i++) h = h ",c" i; print h
	for (r = 0; r < 4; r++) { l = r % 2; for (i = 1; i <= 20; i++) l = l "," (r * i) % 7; print l } }' \
	>"$tmp/wide.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table "wide one" --target y --bad 1 \
	"$tmp/wide.csv"
expect 1 "^riskdesk: unknown column 'c99' \(--vars\) in table \"wide one\": its 21 columns are y \(the target\), c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11 and 9 more; riskdesk profile --table 'wide one' describes them all$" \
	"$RISKDESK" fit --db "$db" --table "wide one" --raw --vars c99
# A table that is not there says so.
expect 1 'no imported table named "nope"' \
	"$RISKDESK" fit --db "$db" --table nope --raw --vars income

# --- 4. Wide characters keep the columns ---------------------------------
if locale -a 2>/dev/null | grep -qiE '^C\.utf-?8$'; then
	# widths: the display width of each line of the table on stdout
	# (wc -L counts a Chinese character as two columns in C.UTF-8)
	widths() {
		sed -n "/^$1/,/^\$/p" "$tmp/out" | while IFS= read -r l; do
			[ -n "$l" ] && printf '%s\n' "$l" | LC_ALL=C.UTF-8 wc -L
		done | sort -u | tr -d ' \n'
	}
	# Raw: term (48) and four figures (14, 12, 9, 10, a space before
	# each): 48 + 15 + 13 + 10 + 11 = 97 columns on every line.
	expect 0 "" env LC_ALL=C.UTF-8 "$RISKDESK" fit --db "$db" --table apps \
		--raw --vars 职业,收入,grade
	has_text "职业=医生 "
	same "raw table widths" "$(widths 'term ')" 97
	# Scorecard: term (56) and four figures (10, 10, 10, 7, a space
	# before each): 56 + 11 + 11 + 11 + 8 = 97.
	expect 0 "" env LC_ALL=C.UTF-8 "$RISKDESK" fit --db "$db" --table apps \
		--name wide --exclude postcode,branch
	contains '^职业 '
	contains '^收入 '
	same "WoE term table widths" "$(widths 'term (WoE-coded)')" 97
else
	echo "fit-raw-robust: no C.UTF-8 locale; wide-character checks skipped"
fi

# --- 5. Counts with thousands separators ---------------------------------
expect 0 "" "$RISKDESK" fit --db "$db" --table apps --raw --vars income,ratio
has_text "$(thousands "$rows") rows used, $(thousands "$bads") bad; "
expect 0 "" "$RISKDESK" fit --db "$db" --table apps --name counts \
	--exclude postcode,branch
has_text "$(thousands "$rows") rows with a known outcome, $(thousands "$bads") bad"
# The points table counts north's rows; the rare regions make the
# "other" group, whose label lists 11 of them and counts the rest.
contains "^  region +north +$(thousands "$north") "
expect 0 "" "$RISKDESK" fit --db "$db" --table apps --name counts \
	--exclude postcode,branch --json
has_text " and $(thousands $((rare - 11))) more)\""
lacks_text " and $((rare - 11)) more)"

# Special values declared at import are numbers to a raw fit: said so.
awk 'BEGIN { print "x,score,bad"; for (i = 0; i < 300; i++)
	printf "%d,%d,%d\n", i % 7, i % 10 == 0 ? 9999 : 300 + i, i % 3 == 0 }' \
	>"$tmp/special.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table special --target bad \
	--bad 1 --special score=9999 "$tmp/special.csv"
expect 0 "warning: column 'score' has the special value 9999 declared at import, which a raw fit reads as numbers" \
	"$RISKDESK" fit --db "$db" --table special --raw --vars x,score
echo "fit-raw-robust: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
