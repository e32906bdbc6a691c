#!/bin/sh
# report-tally.sh - the policy report's warnings counted in the
# simulation's own pass equal those of a pass of their own, and its
# figures those of the simulation that lets SQLite's CASE pick the first
# true condition.  --report evaluates every knock-out and segment
# condition on every row and picks the first true one itself
# (desk_set_tally); RISKDESK_REPORT_TALLY=0 counts the warnings in a pass
# of their own and simulates with CASE, as before.  Conditions whose
# values are text with a numeric prefix ('1abc', true to CASE, not a
# number to the warnings), text without one, ' 1', '0x10', '1e-400',
# '1e999', a blob, 0.0, '-0', 0.5, NULL, 2 and the largest integer must
# give the same report byte for byte, whole and in slices, text and JSON,
# with a challenger; a condition that fails on rows CASE never reaches
# (an integer overflow behind a knock-out true for everyone) and one
# that fails on rows it does reach fail alike, with the same message.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/report-tally.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
status=0
passes=0

"$RISKDESK" import --db "$db" --table german_credit --target creditability \
	--bad bad "$top_srcdir/data/german_credit.csv" >/dev/null || exit 1
"$RISKDESK" fit --db "$db" --table german_credit --name german \
	>/dev/null || exit 1
cp "$top_srcdir/policies/example.yaml" "$top_srcdir/policies/challenger.yaml" \
	"$tmp/" || exit 1

ko2="CASE WHEN age_in_years < 23 THEN '1abc' WHEN age_in_years < 26 THEN 'abc' WHEN age_in_years < 28 THEN 0.0 WHEN age_in_years < 30 THEN NULL WHEN age_in_years > 70 THEN 2 WHEN age_in_years > 65 THEN ' 1' ELSE 0 END"
seg1="CASE WHEN duration_in_month < 8 THEN ' 1' WHEN duration_in_month < 10 THEN '0x10' WHEN duration_in_month < 12 THEN '1e-400' WHEN duration_in_month < 14 THEN x'31' WHEN duration_in_month < 16 THEN '.5' WHEN duration_in_month < 18 THEN '-0' WHEN duration_in_month < 20 THEN '1e999' WHEN duration_in_month < 22 THEN 9223372036854775807 ELSE 0 END"
seg2="CASE WHEN age_in_years < 40 THEN 0.5 WHEN age_in_years < 50 THEN '2x' ELSE NULL END"
sed -e "s/when: duration_in_month > 48/when: $ko2/" \
	-e "s|when: property = 'unknown / no property'|when: $seg1|" \
	-e "s/when: housing = 'rent'/when: $seg2/" \
	"$tmp/example.yaml" >"$tmp/odd.yaml"
grep -q "THEN '1abc'" "$tmp/odd.yaml" && grep -q "THEN '0x10'" \
	"$tmp/odd.yaml" && grep -q "THEN '2x'" "$tmp/odd.yaml" || exit 1
# An integer overflow on every row, behind a knock-out true on every row:
# CASE never reaches it, the warnings' pass does.
sed -e 's/when: credit_amount > 15000/when: credit_amount > 0/' \
	-e 's/when: duration_in_month > 48/when: abs(-9223372036854775807 - (credit_amount > 0)) > 0/' \
	"$tmp/example.yaml" >"$tmp/unreached.yaml"
# The same in a segment CASE reaches.
sed -e "s/when: housing = 'rent'/when: abs(-9223372036854775807 - (housing = 'rent')) > 0/" \
	"$tmp/example.yaml" >"$tmp/reached.yaml"
grep -q 'abs(' "$tmp/unreached.yaml" && grep -q 'abs(' "$tmp/reached.yaml" ||
	exit 1
# Text and blobs with a numeric prefix are true to CASE: the warnings
# count them so ("fires on no applicant" would contradict the knock-out
# table), their NULL count is of SQL NULL alone, and they are not a
# comparison's 0/1.
sed -e "s/when: duration_in_month > 48/when: CASE WHEN age_in_years < 30 THEN '1x' WHEN age_in_years > 60 THEN NULL ELSE 0 END/" \
	-e "s/when: age_in_years < 21/when: CASE WHEN age_in_years < 25 THEN '1 ' ELSE 0 END/" \
	-e "s/when: housing = 'rent'/when: CASE WHEN housing = 'rent' THEN x'31' ELSE 0 END/" \
	"$tmp/example.yaml" >"$tmp/prefix.yaml"
grep -q "THEN x'31'" "$tmp/prefix.yaml" || exit 1

# run NAME ARGS...: the report tallied under each slice against the
# report with a pass of its own for the warnings.
run() {
	name=$1; shift
	for s in whole 7 65536; do
		(cd "$tmp" && RISKDESK_SIM_SLICE=$s RISKDESK_REPORT_TALLY=0 \
			"$RISKDESK" --report --db "$db" "$@") \
			>"$tmp/$name.$s.old" 2>"$tmp/$name.$s.old.err"
		rc0=$?
		(cd "$tmp" && RISKDESK_SIM_SLICE=$s "$RISKDESK" --report \
			--db "$db" "$@") >"$tmp/$name.$s" 2>"$tmp/$name.$s.err"
		rc=$?
		if [ "$rc" != "$rc0" ]; then
			echo "FAIL: $name: exit $rc tallied, $rc0 apart (slice $s)"
			status=1
		elif ! cmp -s "$tmp/$name.$s.old" "$tmp/$name.$s"; then
			echo "FAIL: $name: tallied differs (slice $s):"
			diff -u "$tmp/$name.$s.old" "$tmp/$name.$s" | head -n 20
			status=1
		elif ! cmp -s "$tmp/$name.$s.old.err" "$tmp/$name.$s.err"; then
			echo "FAIL: $name: messages differ tallied (slice $s):"
			diff -u "$tmp/$name.$s.old.err" "$tmp/$name.$s.err" |
				head -n 20
			status=1
		else
			passes=$((passes + 1))
		fi
	done
}

for fmt in text json; do
	run "example-$fmt" --policy example.yaml --challenger challenger.yaml \
		--format "$fmt"
	run "odd-$fmt" --policy odd.yaml --challenger example.yaml \
		--format "$fmt"
done
run prefix --policy prefix.yaml
run prefix-json --policy prefix.yaml --format json
run unreached --policy unreached.yaml
run reached --policy reached.yaml

# The odd conditions do warn, and the text with a numeric prefix is a
# knock-out CASE fires: the case is not empty.
if grep -q 'warning: knock-out "over_max_term": condition is not a comparison' \
    "$tmp/odd-text.whole" && grep -q 'warning: knock-out "over_max_term": its condition is NULL' \
    "$tmp/odd-text.whole" && ! cmp -s "$tmp/odd-json.whole" \
    "$tmp/example-json.whole"; then
	passes=$((passes + 1))
else
	echo "FAIL: odd: the warnings expected are not there:"
	grep warning "$tmp/odd-text.whole"
	status=1
fi
# The prefixed texts fire: no "fires on no applicant" nor "matches no
# applicant"; the NULL count is of the applicants over 60; each gets the
# "not a comparison" warning; check-policy says the same.
nold=$(sqlite3 "$db" "SELECT count(*) FROM german_credit WHERE age_in_years > 60")
"$RISKDESK" check-policy --db "$db" "$tmp/prefix.yaml" >"$tmp/prefix.chk" 2>&1
if ! grep -q 'fires on no applicant\|matches no applicant' \
    "$tmp/prefix.whole" "$tmp/prefix.chk" &&
    grep -q "over_max_term\": its condition is NULL for $nold applicants" \
    "$tmp/prefix.whole" &&
    grep -q "over_max_term\": its condition is NULL for $nold applicants" \
    "$tmp/prefix.chk" &&
    [ "$(grep -c 'condition is not a comparison' "$tmp/prefix.whole")" = 3 ] &&
    [ "$(grep -c 'condition is not a comparison' "$tmp/prefix.chk")" = 3 ]; then
	passes=$((passes + 1))
else
	echo "FAIL: prefix: the warnings do not count text with a numeric prefix as true:"
	grep warning "$tmp/prefix.whole" "$tmp/prefix.chk"
	status=1
fi
for name in unreached reached; do
	if grep -q 'integer overflow' "$tmp/$name.whole.err"; then
		passes=$((passes + 1))
	else
		echo "FAIL: $name: no overflow reported:"
		cat "$tmp/$name.whole.err"
		status=1
	fi
done

echo "report-tally: $passes comparisons equal"
exit $status
