#!/bin/sh
# logit-cli.sh - separation, done as R does, end to end: 'fit --raw'
# converges where the likelihood has a finite maximum, matching R 4.2.2
# glm, and names the rows fitted at probability numerically 0 or 1 (R's
# "glm.fit: fitted probabilities numerically 0 or 1 occurred") in the text
# report, in --json and on stderr; it refuses proven complete and
# quasi-complete separation naming the column and the direction (exit 3);
# a scorecard fit names a characteristic that splits goods from bads on
# its own instead of calling it a single bin.
#
# Real data: tests/data/realworld/logit-taiwan-1001.csv (the Taiwan
# credit card default file's first 1,000 rows and the row of ID 28717)
# against tests/data/oracle/logit_taiwan1001.R.json; and the whole Taiwan
# file, when it is found, against tests/data/oracle/taiwan_logit.R.json
# (both from tests/data/r/taiwan_logit.R).  The whole file is looked for
# at $RISKDESK_TAIWAN, then in shared/data/ beside the source tree.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/logit-cli-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
oracle="$top_srcdir/tests/data/oracle"
fails=0; passes=0
vars=LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6

pass() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run <exit code> <command...>: stdout to $tmp/out, stderr to $tmp/err
run() {
	want=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then pass
	else bad "exit $got, wanted $want: $*"; sed 's/^/  stderr: /' "$tmp/err"; fi
}
# has <file> <fixed text>
has() {
	if grep -qF -- "$2" "$1"; then pass
	else bad "$(basename "$1") lacks: $2"; sed 's/^/  | /' "$1" | head -20; fi
}
lacks() {
	if grep -qF -- "$2" "$1"; then bad "$(basename "$1") has: $2"; else pass; fi
}
# agree <oracle> <key in ours> <key in the oracle> <relative tolerance>:
# every coefficient's value under key, ours against R's, in order
agree() {
	sed -nE "s/^ *\"$2\": ([^,]*),?\$/\\1/p" "$tmp/out" >"$tmp/ours"
	sed -nE "s/^ *\"$3\": ([^,]*),?\$/\\1/p" "$1" >"$tmp/ref"
	if [ -s "$tmp/ours" ] && [ "$(wc -l <"$tmp/ours")" -eq "$(wc -l <"$tmp/ref")" ] &&
	    paste "$tmp/ours" "$tmp/ref" | awk -v r="$4" '
	    { d = $1 - $2; if (d < 0) d = -d; m = $2 < 0 ? -$2 : $2
	      if (d > r * m) { print "  " NR ": " $1 " vs R " $2; bad = 1 } }
	    END { exit bad }'; then pass
	else bad "$2 differs from R 4.2.2 glm ($3 of $(basename "$1"))"; fi
}

# taiwan <table> <csv> <oracle> <rowid>: import, fit the 23 variables
# with --json, compare with R, and find the one row R flags, through
# PAY_AMT1
taiwan() {
	run 0 "$RISKDESK" import --db "$db" --table "$1" \
		--target default.payment.next.month --bad 1 "$2"
	run 0 "$RISKDESK" fit --db "$db" --table "$1" --raw --vars "$vars" --json
	agree "$3" estimate estimate 1e-6
	agree "$3" estimate estimate_default 1e-6
	agree "$3" std_error std_error 1e-6
	has "$tmp/out" "\"row\": $4,"
	has "$tmp/out" '"n_rows": 1,'
	has "$tmp/out" '"column": "PAY_AMT1"'
	has "$tmp/out" '"maximum_finite": true'
}

# --- A finite maximum with a row fitted at 0: Taiwan, real rows --------
taiwan tw "$top_srcdir/tests/data/realworld/logit-taiwan-1001.csv" \
	"$oracle/logit_taiwan1001.R.json" 1001
has "$tmp/out" '"converged": true'
has "$tmp/out" '"warning": "fitted probabilities numerically 0 or 1"'
has "$tmp/out" '"r_warning": "glm.fit: fitted probabilities numerically 0 or 1 occurred"'
has "$tmp/err" 'warning: fitted probabilities numerically 0 or 1 on 1 of 1,001 rows (first: row 1001, through '"'PAY_AMT1'"'); the maximum likelihood is finite (no separation)'
run 0 "$RISKDESK" fit --db "$db" --table tw --raw --vars "$vars"
has "$tmp/out" "warning: fitted probabilities numerically 0 or 1 on 1 of 1,001 rows (1 at 0, 0 at 1), most often through 'PAY_AMT1'"
has "$tmp/out" "  row: 1001 (P(bad) 8.76e-33, PAY_AMT1)"
has "$tmp/out" "the likelihood has a finite maximum (no separation, checked by linear programming)"
lacks "$tmp/err" "separation:"
# A fit with no row far out has an empty warnings array.
run 0 "$RISKDESK" fit --db "$db" --table tw --raw --vars LIMIT_BAL,PAY_0 --json
has "$tmp/out" '"warnings": []'
lacks "$tmp/err" "warning"

# --- The whole Taiwan file, when it is here ----------------------------
want=61537758427df346bd48014953d99bc55f138b4f19dda4012a6238fa5214cf6d
full=""
for f in "${RISKDESK_TAIWAN:-}" \
    "$top_srcdir/../shared/data/taiwan_credit_default.csv" \
    "$top_srcdir/../../shared/data/taiwan_credit_default.csv"; do
	if [ -n "$f" ] && [ -r "$f" ]; then full=$f; break; fi
done
if [ -z "$full" ]; then
	echo "SKIPPED: the whole Taiwan file (taiwan_credit_default.csv) was" \
		"not found (set RISKDESK_TAIWAN to its path); only the 1,001-row" \
		"fixture was checked against R"
elif command -v sha256sum >/dev/null 2>&1 &&
    [ "$(sha256sum "$full" | cut -d' ' -f1)" != "$want" ]; then
	echo "SKIPPED: $full is not the file the R reference was computed on" \
		"(SHA-256 differs)"
else
	taiwan twall "$full" "$oracle/taiwan_logit.R.json" 28717
	echo "checked: the whole Taiwan file ($full) against R"
fi

# --- Proven separation: refused, named ----------------------------------
# Quasi-complete: spending only on good accounts (the 24 rows of
# test_logit_quasi_separation_numeric in check_model.c; R's glm stops
# "converged" at b(spend) = -7.39, lpSolve proves the separation).
printf '%s\n' inc 2.1 3.4 1.8 4.2 2.9 3.3 1.5 2.2 5.1 2.6 3.8 2.7 1.9 4.4 \
	3.6 2.3 3.1 1.7 2.8 3.9 4.8 2.4 3.2 2.0 >"$tmp/c1"
printf '%s\n' spend 0 0 0 12.5 0 3.25 0 0 7.75 0 0 2.385 0 0 19.5 0 4.5 0 0 \
	0 8.25 0 0 0 >"$tmp/c2"
printf '%s\n' y bad good bad good bad good good bad good bad good good bad \
	good good bad good bad good good good bad good bad >"$tmp/c3"
paste -d, "$tmp/c1" "$tmp/c2" "$tmp/c3" >"$tmp/spend.csv"
run 0 "$RISKDESK" import --db "$db" --table spend --target y --bad bad "$tmp/spend.csv"
run 3 "$RISKDESK" fit --db "$db" --table spend --raw --vars inc,spend
has "$tmp/err" "quasi-complete separation: coefficient of 'spend' diverging to -inf (y = 0 as it grows): 7 of 24 rows are fitted exactly and the others lie on the boundary, so the likelihood has no maximum"
# A ridge penalty bounds it.
run 0 "$RISKDESK" fit --db "$db" --table spend --raw --vars inc,spend --l2 0.5
# Complete, on a number.
printf 'x,y\n0.3,good\n1.1,good\n2.2,good\n0.7,good\n1.9,good\n2.6,bad\n3.1,bad\n4.4,bad\n2.9,bad\n3.8,bad\n' >"$tmp/sep.csv"
run 0 "$RISKDESK" import --db "$db" --table sep --target y --bad bad "$tmp/sep.csv"
run 3 "$RISKDESK" fit --db "$db" --table sep --raw --vars x --json
has "$tmp/err" "complete separation: coefficient of 'x' diverging to +inf (y = 1 as it grows): all 10 rows are fitted exactly"
# One outcome only is bad input, not a numerical failure.
# (The bad has no x, so the complete rows are all good.)
printf 'x,y\n1.5,good\n2.5,good\n3.5,good\n,bad\n' >"$tmp/one.csv"
run 0 "$RISKDESK" import --db "$db" --table one --target y --bad bad "$tmp/one.csv"
run 1 "$RISKDESK" fit --db "$db" --table one --raw --vars x
has "$tmp/err" "none of the 3 rows used is bad (y = 1)"

# --- A scorecard: the separating characteristic is named ----------------
# flag < 4 exactly on the bads; grade informative (bad rates A 32/135,
# B 31/100, C 31/65), not separating.
awk 'BEGIN { print "grade,flag,y"
	for (i = 0; i < 300; i++) {
		b = (i % 5 == 0 || i % 7 == 0)
		g = b ? (i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C") : \
		    (i % 2 ? "A" : i % 3 ? "B" : "C")
		printf "%s,%d,%s\n", g, b ? 1 + i % 3 : 4 + i % 3, b ? "bad" : "good"
	} }' >"$tmp/card.csv"
run 0 "$RISKDESK" import --db "$db" --table card --target y --bad bad "$tmp/card.csv"
run 0 "$RISKDESK" fit --db "$db" --table card --name c
has "$tmp/out" "flag: separates goods from bads on its own (every bad below 4, every good at 4 or above): no finite WoE or coefficient, IV unbounded"
lacks "$tmp/out" "flag: single bin"
run 0 "$RISKDESK" fit --db "$db" --table card --name c2 --json
has "$tmp/out" "flag: separates goods from bads on its own"
run 3 "$RISKDESK" fit --db "$db" --table card --name c3 --exclude grade
has "$tmp/err" "cannot fit a scorecard: flag: separates goods from bads on its own"
lacks "$tmp/err" "no characteristic left"

echo "logit-cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
