#!/bin/sh
# fraud-times.sh - the event times of riskdesk fraud as risk officers'
# files write them: ISO 8601 with a UTC offset ("Z", "+02:00") read as
# the same instants as the plain UTC times (every figure equal), times in
# a layout that is not ISO 8601 refused with the --date-format that
# imports them (and the table so imported giving the same figures), a
# few rows written otherwise among ISO 8601 times named, with the ISO
# layout that rejects them (never the layout of the odd rows),
# --from with an offset, and a --from past every event said on standard
# error.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/fraud-times-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "fraud-times: the sqlite3 shell is needed (apt-get install sqlite3)"
	exit 1
fi

csv="$top_srcdir/data/fraud-apps.csv"
pol="$top_srcdir/policies/fraud.yaml"

run_json() {	# <name> <import options and file...>
	name=$1; shift
	rm -f "$tmp/$name.db"
	expect 0 "" "$RISKDESK" import --db "$tmp/$name.db" --table fraud_apps "$@"
	expect 0 "" "$RISKDESK" fraud --db "$tmp/$name.db" --policy "$pol" --json
	grep -v '"table"' "$tmp/out" >"$tmp/$name.json"
}

run_json iso "$csv"
# The bundled stream has alerts and frauds: the comparisons mean
# something.
ok "the plain table has alerts" grep -qE '"alerts": [1-9]' "$tmp/iso.json"
ok "the plain table has frauds" grep -qE '"frauds": [1-9]' "$tmp/iso.json"

# The same instants with "Z", and written two hours east of UTC
# ("+02:00"; the clock time two hours later, the day rolled over where
# it passes midnight).
awk -F, -v OFS=, 'NR > 1 { sub(/ /, "T", $2); $2 = $2 "Z" } 1' "$csv" \
	>"$tmp/z.csv"
awk -F, -v OFS=, 'function days(y, m) {
		if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
		if (m == 4 || m == 6 || m == 9 || m == 11) return 30
		return 31 }
	NR > 1 { split($2, a, /[- :]/); y = a[1] + 0; mo = a[2] + 0; d = a[3] + 0
		h = a[4] + 2
		if (h >= 24) { h -= 24; d++
			if (d > days(y, mo)) { d = 1; mo++; if (mo > 12) { mo = 1; y++ } } }
		$2 = sprintf("%04d-%02d-%02dT%02d:%s:%s+02:00", y, mo, d, h, a[5], a[6]) } 1' \
	"$csv" >"$tmp/east.csv"
run_json z "$tmp/z.csv"
run_json east "$tmp/east.csv"
ok "times ending in Z give the figures of the plain times" \
    cmp -s "$tmp/iso.json" "$tmp/z.json"
ok "times at +02:00 give the figures of the same instants in UTC" \
    cmp -s "$tmp/iso.json" "$tmp/east.json"

# Month-first date-times (as a US system exports them): refused, with
# the --date-format that imports them; imported so, the same figures.
awk -F, -v OFS=, 'NR > 1 { split($2, a, /[- ]/)
	$2 = a[2] "/" a[3] "/" a[1] " " a[4] } 1' "$csv" >"$tmp/us.csv"
rm -f "$tmp/us.db"
expect 0 "" "$RISKDESK" import --db "$tmp/us.db" --table fraud_apps "$tmp/us.csv"
expect 1 "row 1 of table \"fraud_apps\", column \"applied_at\": expected an ISO 8601 date or date-time .*found \"01/01/2024 00:02:19\"; 12,000 of its 12,000 rows are not: import the table again with --date-format applied_at='%m/%d/%Y %H:%M:%S'" \
    "$RISKDESK" fraud --db "$tmp/us.db" --policy "$pol"
run_json us2 --replace --date-format 'applied_at=%m/%d/%Y %H:%M:%S' "$tmp/us.csv"
ok "month-first times imported with the suggested --date-format give the same figures" \
    cmp -s "$tmp/iso.json" "$tmp/us2.json"

# One row written month-first among ISO 8601 times: the advice names it
# and the ISO layout (never the month-first one, which would reject
# every other row); followed, the odd row is rejected and the figures
# are those of the stream without it.
awk -F, -v OFS=, 'NR == 3 { split($2, a, /[- ]/)
	$2 = a[2] "/" a[3] "/" a[1] " " a[4] } 1' "$csv" >"$tmp/one.csv"
rm -f "$tmp/one.db"
expect 0 "" "$RISKDESK" import --db "$tmp/one.db" --table fraud_apps "$tmp/one.csv"
expect 1 "row 2 of table \"fraud_apps\", column \"applied_at\": expected an ISO 8601 date or date-time .*found \"01/01/2024 00:12:05\"; 1 of its 12,000 rows is not, the other 11,999 are \(\"2024-01-01 00:02:19\"\): correct that row in the file and import the table again, or import it with --date-format applied_at='%Y-%m-%d %H:%M:%S', which reads the ISO 8601 times and rejects the rows it cannot read \(to rd_reject\)$" \
    "$RISKDESK" fraud --db "$tmp/one.db" --policy "$pol"
ok "no month-first --date-format suggested" \
    sh -c "! grep -q '%m/%d/%Y' '$tmp/err'"
run_json one2 --date-format 'applied_at=%Y-%m-%d %H:%M:%S' "$tmp/one.csv"
awk 'NR != 3' "$csv" >"$tmp/drop.csv"
run_json drop "$tmp/drop.csv"
ok "the stream imported as advised gives the figures of the stream without the odd row" \
    cmp -s "$tmp/drop.json" "$tmp/one2.json"
same "the odd row rejected at import" "$(sqlite3 "$tmp/one2.db" \
    "SELECT count(*) FROM rd_reject")" 1

# The odd row among ISO 8601 times written in two layouts (rows 5 and 9
# with a T and a Z, or a date alone): one --date-format would reject
# those valid rows too, so correcting the row is the advice, with how
# many valid rows that layout would lose.
awk -F, -v OFS=, 'NR == 3 { split($2, a, /[- ]/)
	$2 = a[2] "/" a[3] "/" a[1] " " a[4] }
	NR == 6 { sub(/ /, "T", $2); $2 = $2 "Z" }
	NR == 10 { sub(/ .*/, "", $2) } 1' "$csv" >"$tmp/two.csv"
rm -f "$tmp/two.db"
expect 0 "" "$RISKDESK" import --db "$tmp/two.db" --table fraud_apps "$tmp/two.csv"
expect 1 "row 2 of table \"fraud_apps\", column \"applied_at\": expected an ISO 8601 date or date-time .*found \"01/01/2024 00:12:05\"; 1 of its 12,000 rows is not, the other 11,999 are \(\"2024-01-01 00:02:19\", \"2024-01-01T[0-9:]+Z\"\): correct that row in the file and import the table again \(a --date-format reads one layout: applied_at='%Y-%m-%d %H:%M:%S' would also reject the 2 valid rows written otherwise\)$" \
    "$RISKDESK" fraud --db "$tmp/two.db" --policy "$pol"

# --from with an offset is the same instant in UTC.
expect 0 "" "$RISKDESK" fraud --db "$tmp/iso.db" --policy "$pol" --json \
    --from "2024-04-01 00:00:00"
grep -v '"table"' "$tmp/out" >"$tmp/from-utc.json"
expect 0 "" "$RISKDESK" fraud --db "$tmp/iso.db" --policy "$pol" --json \
    --from "2024-04-01T02:00+02:00"
grep -v '"table"' "$tmp/out" >"$tmp/from-east.json"
ok "--from 2024-04-01T02:00+02:00 is --from 2024-04-01 00:00:00" \
    cmp -s "$tmp/from-utc.json" "$tmp/from-east.json"
ok "--from April counts fewer events than all" \
    sh -c "! cmp -s '$tmp/from-utc.json' '$tmp/iso.json'"
expect 2 "--from: expected an ISO 8601 date or date-time" \
    "$RISKDESK" fraud --db "$tmp/iso.db" --policy "$pol" --from 2024-04-01+02:00

# --from past every event: exit 0, the figures of no event, and a
# warning naming the last event (the bundled stream ends 2024-06-28).
expect 0 "warning: no event at or after --from 2030-01-01 \(the last is at 2024-06-28 [0-9:]+ UTC\)" \
    "$RISKDESK" fraud --db "$tmp/iso.db" --policy "$pol" --from 2030-01-01
has_text "events 0"
# Not when events remain.
expect 0 "" "$RISKDESK" fraud --db "$tmp/iso.db" --policy "$pol" --from 2024-06-01
ok "no warning while events remain" sh -c "! grep -q warning '$tmp/err'"

echo "fraud-times: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
