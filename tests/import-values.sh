#!/bin/sh
# import-values.sh - bad values are never silent:
#   1. a NUL byte inside a value is refused at its line and column;
#   2. a number that is not finite ("inf", "nan", "1e309") among numbers
#      is rejected with its row under the import's rules (said in a
#      warning and in rd_reject; --strict: an error at the cell), never a
#      reason to make the whole column text; when such cells are most of
#      the column it is text, said so, with the --na that reads them;
#   3. an integer past 64 bits among integers is rejected likewise, never
#      a reason to round the column to reals; most of a column (codes,
#      identifiers) makes it text, digit for digit, and so do a few in an
#      identifier (--id, --role, or named like an id with distinct values,
#      every row kept); --type <col>=real
#      stores them as numbers with a warning;
#   4. limits are named with what raises them: a field longer than
#      --max-field, more columns than a SQLite table holds;
#   5. --special on a number column matches by value, the import's own
#      suggestion matches what it names, and a value matching no row is
#      said.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/import-values-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/v.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

imp() { "$RISKDESK" import --db "$db" "$@"; }

# ---------------------------------------------------- 1. NUL bytes
printf 'id,name,y\n1,ab\0c,0\n2,abc,1\n' >"$tmp/nul.csv"
expect 1 "nul.csv:2:5: expected text, found a NUL byte \(0x00\)" \
	imp --table nul "$tmp/nul.csv"
ok "a refused NUL byte left no database" [ ! -e "$db" ]

# ---------------------------------------------------- 2. not finite
# amount: 5 numbers and one "inf" (line 4): the row is rejected, the
# column stays integer; the five others are imported.
printf 'id,amount,y\n1,1200,0\n2,1350,1\n3,inf,0\n4,900,0\n5,1100,1\n6,1000,0\n' \
	>"$tmp/inf.csv"
expect 0 "" imp --table inf "$tmp/inf.csv"
contains '^imported 5 rows into table "inf" \(3 columns\)$'
contains '^  amount +integer +missing 0$'
has_text 'rows refused: 1 with a value not of its type; the first at line 4, column 3: column "amount" (field 2): expected an integer, found "inf", not a finite number (--na inf reads it as missing)'
has_text 'warning: column "amount": 1 value is not finite ("inf" at line 4): its row is rejected, to rd_reject, rather than the column made text; to read it as missing, import with --na inf (--na reads a value as missing, in every column)'
same "rd_reject holds the row" \
	"$(sqlite3 "$db" "SELECT line || '|' || raw FROM rd_reject WHERE tbl = 'inf'")" "4|3,inf,0"
expect 1 "inf.csv:4:3: column \"amount\" \(field 2\): expected an integer, found \"inf\"" \
	imp --table inf --replace --strict "$tmp/inf.csv"
expect 0 "" imp --table inf --replace --na inf "$tmp/inf.csv"
contains '^  amount +integer +missing 1$'
# Mostly "NaN" (4 of 6 values): a column of text, said so, --na offered.
printf 'id,score\n1,NaN\n2,NaN\n3,0.5\n4,NaN\n5,NaN\n6,0.25\n' >"$tmp/nan.csv"
expect 0 "" imp --table nan "$tmp/nan.csv"
contains '^  score +text +missing 0$'
has_text 'warning: column "score" is stored as text: of its 6 values, 2 are numbers as written and 4 are not finite (the first "NaN" at line 2); to read them as numbers, import with --na NaN'

# ---------------------------------------------------- 3. past 64 bits
# limit: integers, one of 20 digits (line 3): rejected, the column stays
# integer (a real would round 1200 exactly, but not its neighbours of 17
# digits and more).
printf 'id,limit\n1,1200\n2,99999999999999999999\n3,900\n4,12345678901234567\n' \
	>"$tmp/big.csv"
expect 0 "" imp --table big "$tmp/big.csv"
contains '^  limit +integer +missing 0$'
contains '^imported 3 rows into table "big" \(2 columns\)$'
has_text 'expected an integer, found "99999999999999999999", past the 64-bit range of an integer (--type limit=text keeps its digits)'
same "17 digits kept exactly" \
	"$(sqlite3 "$db" "SELECT \"limit\" FROM big WHERE id = 4")" 12345678901234567
expect 0 "" imp --table big --replace --type limit=real "$tmp/big.csv"
contains '^  limit +real +missing 0$'
has_text 'warning: column "limit": 1 integer past the 64-bit range ("99999999999999999999" at line 3) is stored as a real number, rounded to about 16 significant digits; --type limit=text keeps the column'"'"'s digits as text'
# Card numbers of 20 digits: codes, kept as text digit for digit.
printf 'card,y\n12345678901234567890,0\n12345678901234567891,1\n12345678901234567892,0\n' \
	>"$tmp/cards.csv"
expect 0 "" imp --table cards "$tmp/cards.csv"
contains '^  card +text +missing 0'
has_text 'warning: column "card" is stored as text: 3 of its 3 values are integers past the 64-bit range (the first "12345678901234567890" at line 2), which a number would round: codes or identifiers, kept digit for digit; --type card=real reads them as numbers, rounded'
same "a card number kept" \
	"$(sqlite3 "$db" "SELECT card FROM cards WHERE rowid = 2")" 12345678901234567891

# Account numbers of 19 digits, a few past 2^63 - 1 (from line 22 on):
# an identifier -- by the rule (named like an id, its values distinct),
# the key column (--id) or set by --role -- keeps every row, as text
# digit for digit, said so; the same numbers under a name that is no id's
# are an amount's: their rows are rejected, said in the summary.
awk 'BEGIN { print "acct_no,amt,y"; for (i = 1; i <= 25; i++)
	printf "9%03d%015d,%d,%d\n", 100 + 6 * i, i, 100 * i, i % 2 }' \
	>"$tmp/acct.csv"
expect 0 "" imp --table acct "$tmp/acct.csv"
contains '^imported 25 rows into table "acct" \(3 columns\)$'
contains '^  acct_no +text +missing 0, identifier: 25 distinct values in 25 rows$'
has_text 'warning: column "acct_no" is stored as text: 5 of its 25 values are integers past the 64-bit range (the first "9226000000000000021" at line 22), and it is an identifier by its name and distinct values: every value is kept digit for digit, no row refused'
same "a 19-digit account number past 2^63 kept" \
	"$(sqlite3 "$db" "SELECT typeof(acct_no) || ' ' || acct_no FROM acct WHERE amt = 2500")" \
	"text 9250000000000000025"
expect 0 "" imp --table acct --replace --id acct_no "$tmp/acct.csv"
contains '^  acct_no +text +missing 0, identifier: key column \(--id\), 25 unique values$'
has_text 'and it is the key column (--id): every value is kept digit for digit, no row refused'
sed 's/^acct_no,/acct,/' "$tmp/acct.csv" >"$tmp/acct2.csv"
expect 0 "" imp --table acct2 --role acct=identifier "$tmp/acct2.csv"
contains '^imported 25 rows into table "acct2" \(3 columns\)$'
has_text 'and it is an identifier set by --role: every value is kept digit for digit, no row refused'
expect 0 "" imp --table acct2 --replace "$tmp/acct2.csv"
contains '^imported 20 rows into table "acct2" \(3 columns\)$'
contains '^  no target \(no bads or goods counted\), rows refused 5$'
has_text 'rows refused: 5 with a value not of its type; the first at line 22, column 1: column "acct" (field 1): expected an integer, found "9226000000000000021", past the 64-bit range of an integer (--type acct=text keeps its digits)'

# An integer column takes a whole number however written: "9.0", "9.00",
# "9e0" and "90e-1" are 9 (--type, and an append of a file whose column
# reads as reals to a table's INTEGER column); "9.5" and "1e300" are
# refused at their line and column.
printf 'id,n\n1,9.0\n2,9.00\n3,9e0\n4,90e-1\n5,12\n' >"$tmp/whole.csv"
expect 0 "" imp --table whole --type n=integer --strict "$tmp/whole.csv"
same "9.0, 9.00, 9e0, 90e-1 are the integer 9" \
	"$(sqlite3 "$db" "SELECT group_concat(typeof(n) || ' ' || n, ',') FROM whole")" \
	"integer 9,integer 9,integer 9,integer 9,integer 12"
printf 'id,n\n1,9\n2,1e300\n' >"$tmp/whole-big.csv"
expect 1 "whole-big.csv:3:3: column \"n\" \(field 2\): expected an integer, found \"1e300\", a whole number past the 64-bit range of an integer" \
	imp --table whole --replace --type n=integer --strict "$tmp/whole-big.csv"
printf 'id,n\n6,7.0\n7,8e0\n' >"$tmp/whole-app.csv"
expect 0 "" imp --table whole --append "$tmp/whole-app.csv"
same "an append of 7.0 and 8e0 to an INTEGER column" \
	"$(sqlite3 "$db" "SELECT group_concat(typeof(n) || ' ' || n, ',') FROM whole WHERE id > 5")" \
	"integer 7,integer 8"
printf 'id,n\n8,7.0\n9,9.5\n' >"$tmp/whole-app2.csv"
expect 1 "whole-app2.csv:3:3: column \"n\" \(field 2\): expected an integer to append to INTEGER column of table \"whole\", found \"9.5\", a number with a fraction" \
	imp --table whole --append "$tmp/whole-app2.csv"
printf 'id,n\n8,7.0\n9,"1e300"\n' >"$tmp/whole-app3.csv"
expect 1 "whole-app3.csv:3: column \"n\" \(field 2\): expected an integer to append to INTEGER column of table \"whole\", found \"1e300\", a whole number past the 64-bit range of an integer" \
	imp --table whole --append "$tmp/whole-app3.csv"

# ---------------------------------------------------- 4. limits
printf 'id,note\n1,short\n2,a note of forty bytes, give or take a few\n' \
	>"$tmp/long.csv"
expect 1 "long.csv:3: expected fields of at most 20 bytes, found a longer one \(field 2 of the record starting here\); --max-field <bytes> raises the limit" \
	imp --table long --max-field 20 "$tmp/long.csv"
expect 0 "" imp --table long --max-field 60 "$tmp/long.csv"
expect 2 "--max-field: expected a whole number of bytes" \
	imp --table long --max-field lots "$tmp/long.csv"
awk 'BEGIN { for (i = 1; i <= 2500; i++) printf "c%d%s", i, i < 2500 ? "," : "\n"
	for (i = 1; i <= 2500; i++) printf "%d%s", i, i < 2500 ? "," : "\n" }' \
	>"$tmp/wide.csv"
expect 1 "wide.csv:1: expected at most 2,000 columns \(the limit of a SQLite table\), found 2,500 in the header" \
	imp --table wide "$tmp/wide.csv"

# ---------------------------------------------------- 5. --special by value
# On a number column a declared special value is a number: "-999.0" and
# "-9.99e2" match the cells -999 as binning matches them; the import's
# own suggestion (17 digits where 15 do not give the value back) matches
# what it names; a value that matches no row is said, naming it.
awk 'BEGIN { print "y,x,huge"; for (i = 1; i <= 200; i++)
	printf "%d,%s,%s\n", i % 2, i <= 20 ? "-999" : i,
	    i <= 10 ? "1e308" : i <= 20 ? "1.7976931348623157e308" : i * 1.5 }' \
	>"$tmp/spv.csv"
for v in -999 -999.0 -9.99e2; do
	expect 0 "" imp --table "spv$(echo "$v" | tr -d .-)" --target y --bad 1 \
		--special "x=$v" "$tmp/spv.csv"
	contains '^  x  .* integer  missing 0, special 20$'
	lacks_text 'matches no row'
	if grep -q 'declare it: --special x=' "$tmp/out"; then
		echo "FAIL: --special x=$v: the -999 cells still suggested"
		fails=$((fails + 1))
	else passes=$((passes + 1)); fi
done
expect 0 "" "$RISKDESK" bin --db "$db" --table spv9990 --char x
contains '^ +[0-9]+ special -999 +20 '
expect 0 "" imp --table spvs --target y --bad 1 "$tmp/spv.csv"
contains 'declare it: --special huge=1.7976931348623157e\+308$'
expect 0 "" imp --table spvh --target y --bad 1 \
	--special huge=1.7976931348623157e+308,1e308 "$tmp/spv.csv"
contains '^  huge  .* real     missing 0, special 20$'
lacks 'column "huge"'
expect 0 "" imp --table spvn --target y --bad 1 --special x=-5 "$tmp/spv.csv"
has_text 'warning: --special x=-5 matches no row: no value of column "x" is that number'
expect 0 "" imp --table spvo --target y --bad 1 \
	--special huge=1.79769313486232e+308 "$tmp/spv.csv"
has_text 'warning: --special huge=1.79769313486232e+308 matches no row: 1.79769313486232e+308 is past the largest number a cell can hold, 1.7976931348623157e+308'
expect 0 "" imp --table spvt --target y --bad 1 --special x=none \
	"$tmp/spv.csv"
has_text 'warning: --special x=none matches no row: column "x" holds numbers, and "none" is none'

# A value repeating an earlier one (the same number written otherwise)
# is said to be so, not to match no row; a value nearer 0 than any cell
# underflows (not past the largest); an empty value is a usage error as
# x= is; on --append a value absent from the batch is absent "in this
# file", not from the table.
expect 0 "" imp --table spvr --target y --bad 1 --special x=-999,-999.0 \
	"$tmp/spv.csv"
has_text 'warning: --special x=-999.0 is the same number as -999, which counts its rows'
lacks_text 'matches no row'
expect 0 "" imp --table spvu --target y --bad 1 --special x=1e-400 \
	"$tmp/spv.csv"
has_text 'warning: --special x=1e-400 matches no row: 1e-400 is nearer 0 than the smallest number a cell can hold, 4.9406564584124654e-324: it underflows'
for v in "x=," "x=,-999" "x=-999," "x=-999,,1"; do
	expect 2 "expected <column>=<value>" imp --table spve --target y \
		--bad 1 --special "$v" "$tmp/spv.csv"
done
awk 'NR == 1 || NR > 21' "$tmp/spv.csv" >"$tmp/spv-no999.csv"
expect 0 "" imp --table spvr --append --special x=-999 "$tmp/spv-no999.csv"
has_text 'warning: --special x=-999 matches no row: no value of column "x" in this file is that number'

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
