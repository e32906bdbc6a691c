#!/bin/sh
# report-slices.sh - the policy report read in slices equals the report
# read whole.  --report reads its population slice by slice
# (desk_set_slice); RISKDESK_SIM_SLICE sets the slice (rows) or asks for
# the whole table at once ("whole": the rows kept, as the workbench keeps
# them).  The text and JSON reports (HTML and the workbook are the
# document, which keeps the rows) with the curves, a challenger (the swap
# set, read again slice by slice; one with the champion's conditions,
# others with their own), the optimiser, a cutoff override, a population
# without a target and a segment nobody reaches must be the same byte for
# byte at every slice: one row a slice, a few, and more than the table;
# EADs that sum past the largest double are refused alike.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/report-slices.$$"
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
# No target: the German data without creditability.
tr -d '\r' <"$top_srcdir/data/german_credit.csv" | sed 's/,[^,]*$//' \
	>"$tmp/new_apps.csv"
"$RISKDESK" import --db "$db" --table new_apps "$tmp/new_apps.csv" \
	>/dev/null || exit 1
sed 's/^population: german_credit$/population: new_apps/' \
	"$tmp/example.yaml" >"$tmp/example-new-apps.yaml"
sed 's/^population: german_credit$/population: new_apps/' \
	"$tmp/challenger.yaml" >"$tmp/challenger-new-apps.yaml"
# A segment nobody reaches (renters, after one that takes every renter):
# its condition is read again for the count it matches.
awk '/^segments:/ { print; print "  - name: all_renters"; \
	print "    when: housing = '"'"'rent'"'"' OR housing = '"'"'own'"'"'"; \
	print "    cutoff: 520"; next } { print }' "$tmp/example.yaml" \
	>"$tmp/shadow.yaml"
# A challenger whose knock-out, EAD and segments differ from the
# champion's, so that the swap set's pass evaluates both (nothing shared).
sed -e 's/credit_amount > 15000/credit_amount > 12000/' \
	-e 's/^  ead: credit_amount$/  ead: credit_amount * 0.9/' \
	-e "s/housing = 'rent'/housing = 'rent' AND age_in_years < 40/" \
	"$tmp/challenger.yaml" >"$tmp/other.yaml"
grep -q 'credit_amount \* 0.9' "$tmp/other.yaml" || exit 1

# run NAME ARGS...: the report under every slice, compared with whole.
run() {
	name=$1; shift
	(cd "$tmp" && RISKDESK_SIM_SLICE=whole "$RISKDESK" --report \
		--db "${rdb:-$db}" "$@") >"$tmp/$name.whole" 2>"$tmp/$name.whole.err"
	rc0=$?
	for s in 1 7 65536; do
		(cd "$tmp" && RISKDESK_SIM_SLICE=$s "$RISKDESK" --report \
			--db "${rdb:-$db}" "$@") >"$tmp/$name.$s" 2>"$tmp/$name.$s.err"
		rc=$?
		if [ "$rc" != "$rc0" ]; then
			echo "FAIL: $name: exit $rc in slices of $s, $rc0 whole"
			status=1
		elif ! cmp -s "$tmp/$name.whole" "$tmp/$name.$s"; then
			echo "FAIL: $name: slices of $s differ from whole:"
			diff -u "$tmp/$name.whole" "$tmp/$name.$s" | head -n 20
			status=1
		elif ! cmp -s "$tmp/$name.whole.err" "$tmp/$name.$s.err"; then
			echo "FAIL: $name: messages in slices of $s differ:"
			diff -u "$tmp/$name.whole.err" "$tmp/$name.$s.err" |
				head -n 20
			status=1
		else
			passes=$((passes + 1))
		fi
	done
}

for fmt in text json; do
	run "plain-$fmt" --policy example.yaml --format "$fmt"
	run "curves-$fmt" --policy example.yaml --curves --format "$fmt"
	run "challenger-$fmt" --policy example.yaml \
		--challenger challenger.yaml --curves --format "$fmt"
	run "optimise-$fmt" --policy example.yaml --challenger challenger.yaml \
		--optimise bad_rate=0.12 --format "$fmt"
	run "no-target-$fmt" --policy example-new-apps.yaml \
		--challenger challenger-new-apps.yaml --curves --format "$fmt"
	run "shadow-$fmt" --policy shadow.yaml --format "$fmt"
done
run other --policy example.yaml --challenger other.yaml --format json
run other-shadow --policy other.yaml --challenger shadow.yaml
run cutoff --policy example.yaml --cutoff no_property=540 \
	--challenger challenger.yaml --format json
run opt-el --policy example.yaml --optimise el=250000 --format json

# EADs each finite whose sum passes the largest double (1e308 on a few
# rows): refused, naming the segment and what to do, whole and in slices
# alike, never an exposure of inf.
sed -e 's/^  ead: credit_amount$/  ead: credit_amount * 1e303/' \
	"$tmp/example.yaml" >"$tmp/huge.yaml"
grep -q 'credit_amount \* 1e303' "$tmp/huge.yaml" || exit 1
run huge --policy huge.yaml
if [ "$rc0" = 1 ] && grep -q 'the EAD of segment "[a-z_]*" sums past the largest number a double holds (1.7976931348623157e+308), though each row.s EAD is finite' \
    "$tmp/huge.whole.err" && ! grep -q 'inf' "$tmp/huge.whole"; then
	passes=$((passes + 1))
else
	echo "FAIL: huge: exit $rc0, or no refusal:"; cat "$tmp/huge.whole.err"
	status=1
fi

# Rowids 1,001,000 apart: a slice's window of rowids holds fewer rows
# than its width (one of 65,536 rowids about 65 rows, one of 7 a single
# row), which the read fills as far as the rows go.
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$db" "$tmp/sparse.db" || exit 1
	sqlite3 "$tmp/sparse.db" "UPDATE german_credit SET rowid = 1000000 + \
		rowid * 1000" || exit 1
	rdb="$tmp/sparse.db" run sparse --policy example.yaml \
		--challenger challenger.yaml --curves --format json
	# The same figures as the table with its rowids as imported.
	if ! cmp -s "$tmp/sparse.whole" "$tmp/challenger-json.whole"; then
		echo "FAIL: sparse rowids: the report differs:"
		diff -u "$tmp/challenger-json.whole" "$tmp/sparse.whole" |
			head -n 20
		status=1
	fi
else
	echo "FAIL: sqlite3 is not installed (./bootstrap installs it):" \
		"the sparse-rowid case cannot run"
	status=1
fi

# Funding cost and profit overflow as well though the EAD sum does not
# (funding at 100% on EADs summing near 1e308): refused alike, never a
# profit of -inf.  And amounts past what the text's grouped digits hold
# (1e60 a row) print their magnitude, not their first 35 digits.
sed -e 's/^funding_rate: 0.035$/funding_rate: 1/' \
	-e 's/^  ead: credit_amount$/  ead: credit_amount * 5e301/' \
	"$tmp/example.yaml" >"$tmp/fund.yaml"
sed -e 's/^  ead: credit_amount$/  ead: credit_amount * 1e60/' \
	"$tmp/example.yaml" >"$tmp/e60.yaml"
grep -q '^funding_rate: 1$' "$tmp/fund.yaml" &&
	grep -q 'credit_amount \* 1e60' "$tmp/e60.yaml" || exit 1
run fund --policy fund.yaml
if [ "$rc0" = 1 ] && grep -q 'the profit of the segments together sums past the largest number a double holds' \
    "$tmp/fund.whole.err" && ! grep -q 'inf' "$tmp/fund.whole"; then
	passes=$((passes + 1))
else
	echo "FAIL: fund: exit $rc0, or no refusal:"; cat "$tmp/fund.whole.err"
	status=1
fi
run e60 --policy e60.yaml
if [ "$rc0" = 0 ] && grep -q 'on exposure 1.60256e+66$' "$tmp/e60.whole"; then
	passes=$((passes + 1))
else
	echo "FAIL: e60: exit $rc0, or the exposure cut:"
	grep 'on exposure' "$tmp/e60.whole"
	status=1
fi

echo "report-slices: $passes comparisons equal"
exit $status
