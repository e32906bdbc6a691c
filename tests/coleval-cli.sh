#!/bin/sh
# coleval-cli.sh - a policy's conditions, EADs and income computed from
# the columns --report and decide have read (sim/coleval.h) give what
# SQLite's own pass over the table gives (RISKDESK_SQL_CONDITIONS=1):
# the report, text and JSON, whole and in slices, with a challenger, and
# decide's records, byte for byte.  On the bundled German data with the
# example policies and one that reads columns the scorecard does not
# (text compared and listed, BETWEEN, coalesce, arithmetic, an income
# expression, a NULL-able column), and on 40,000 synthetic applicants
# with the benchmark's policy (a segment on a column outside the
# scorecard).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/coleval-cli.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
gen="${top_builddir:-.}/tests/bench/gen-population"
passes=0
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# ran_ok <label>: both runs ($ra, $rb) exited 0, else a failure showing
# their errors.
ran_ok() {
	[ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] && return 0
	fail "$1: exit $ra from the columns, $rb by SQLite"
	sed 's/^/  /' "$tmp/a.err" "$tmp/b.err" | head -n 6
	return 1
}

# same_both <label> <args...>: the command's stdout with and without
# RISKDESK_SQL_CONDITIONS=1, exit status and bytes.
same_both() {
	lab=$1; shift
	"$RISKDESK" "$@" >"$tmp/a.out" 2>"$tmp/a.err"; ra=$?
	RISKDESK_SQL_CONDITIONS=1 "$RISKDESK" "$@" >"$tmp/b.out" \
		2>"$tmp/b.err"; rb=$?
	if ! ran_ok "$lab"; then
		:
	elif ! cmp -s "$tmp/a.out" "$tmp/b.out"; then
		fail "$lab: the output differs"
		diff "$tmp/a.out" "$tmp/b.out" | head -n 10 | sed 's/^/  /'
	elif [ ! -s "$tmp/a.out" ]; then
		fail "$lab: no output"
	else
		passes=$((passes + 1))
	fi
}

# same_decide <label> <args...>: decide's records into a file, both ways.
same_decide() {
	lab=$1; shift
	rm -f "$tmp/a.csv" "$tmp/b.csv"
	"$RISKDESK" decide "$@" --output "$tmp/a.csv" 2>"$tmp/a.err"; ra=$?
	RISKDESK_SQL_CONDITIONS=1 "$RISKDESK" decide "$@" \
		--output "$tmp/b.csv" 2>"$tmp/b.err"; rb=$?
	if ! ran_ok "$lab"; then
		:
	elif ! cmp -s "$tmp/a.csv" "$tmp/b.csv"; then
		fail "$lab: the records differ"
		diff "$tmp/a.csv" "$tmp/b.csv" | head -n 10 | sed 's/^/  /'
	elif [ "$(wc -l <"$tmp/a.csv")" -lt 2 ]; then
		fail "$lab: no records"
	elif grep -v '^  run ' "$tmp/a.err" >"$tmp/a.sum" &&
	    grep -v '^  run ' "$tmp/b.err" >"$tmp/b.sum" &&
	    ! cmp -s "$tmp/a.sum" "$tmp/b.sum"; then
		fail "$lab: the summaries differ"
	else
		passes=$((passes + 1))
	fi
}

"$RISKDESK" import --db "$db" --table german_credit --target creditability \
	--bad bad "$top_srcdir/data/german_credit.csv" >/dev/null 2>&1 ||
	{ echo "coleval-cli: cannot import the German data"; exit 1; }
"$RISKDESK" fit --db "$db" --table german_credit --name german \
	>/dev/null 2>&1 || { echo "coleval-cli: cannot fit"; exit 1; }

# A policy reading columns the scorecard may not hold, in the forms a
# policy author writes.
cat >"$tmp/wide.yaml" <<'EOF'
name: wide
scorecard: german
population: german_credit
income: credit_amount / 12 + coalesce(installment_rate_in_percentage_of_disposable_income, 0) * 10
loss:
  lgd: 0.45
  ead: credit_amount * 0.8
knockouts:
  - {name: young, when: age_in_years < 21 OR age_in_years IS NULL, reason: KO01}
  - {name: big, when: credit_amount BETWEEN 15000 AND 20000, reason: KO02}
  - {name: odd, when: NOT (duration_in_month >= 4), reason: KO03}
segments:
  - name: renters
    when: housing = 'rent' AND telephone <> 'none'
    cutoff: 510
    refer: 500
    ead: credit_amount * 0.5 + 100
  - name: cars
    when: purpose IN ('car (new)', 'car (used)') OR -duration_in_month < -36
    cutoff: 520
  - name: savers
    when: savings_account_and_bonds BETWEEN '...' AND 'u' AND age_in_years / 10 >= 3
    cutoff: 505
    lgd: 0.3
  - name: default
    cutoff: 500
EOF
for pol in "$top_srcdir/policies/example.yaml" "$tmp/wide.yaml"; do
	b=$(basename "$pol")
	same_both "--report $b" --report --db "$db" --policy "$pol"
	same_both "--report $b (JSON)" --report --db "$db" --policy "$pol" \
		--format json
	RISKDESK_SIM_SLICE=97 same_both "--report $b in slices of 97" \
		--report --db "$db" --policy "$pol" --format json
	same_decide "decide $b" --db "$db" --policy "$pol"
done
same_both "--report with a challenger" --report --db "$db" \
	--policy "$top_srcdir/policies/example.yaml" \
	--challenger "$top_srcdir/policies/challenger.yaml" --format json

# 40,000 synthetic applicants: the benchmark's policy, whose "online"
# segment reads channel, which the scorecard does not.
if [ ! -x "$gen" ]; then
	echo "coleval-cli: $gen is not built (make builds it): cannot run the synthetic part"
	exit 1
fi
"$gen" -n 40000 -o "$tmp/pop.csv" >/dev/null 2>&1 &&
"$RISKDESK" import --db "$db" --table bench --target bad --bad 1 \
	--id app_id --reject-when decision=rejected "$tmp/pop.csv" \
	>/dev/null 2>&1 &&
"$RISKDESK" fit --db "$db" --table bench --name bench >/dev/null 2>&1 ||
	{ echo "coleval-cli: cannot make the synthetic population"; exit 1; }
sed 's/^scorecard: .*/scorecard: bench/' \
	"$top_srcdir/tests/bench/bench-policy.yaml" >"$tmp/bench.yaml"
if "$RISKDESK" points --db "$db" --name bench 2>/dev/null |
    grep -q '^channel,'; then
	fail "the bench scorecard holds channel: the policy no longer reads a column outside it"
else
	passes=$((passes + 1))
fi
same_both "--report bench" --report --db "$db" --policy "$tmp/bench.yaml" \
	--format json
RISKDESK_SIM_SLICE=5000 same_both "--report bench in slices of 5000" \
	--report --db "$db" --policy "$tmp/bench.yaml"
same_decide "decide bench" --db "$db" --policy "$tmp/bench.yaml"

echo "coleval-cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
