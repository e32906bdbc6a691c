#!/bin/sh
# import-realworld.sh - importing files as real risk teams have them, end
# to end on the command line: headers written by R (an empty first cell
# over row numbers), files without a header, repeated and odd column
# names, identifiers, values that stand for something else, codes,
# leading zeros, dates in several layouts, all-good and all-bad targets,
# and a refused import that leaves no database behind.  Every fixture is
# tests/data/realworld/import-*.csv.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/import-realworld-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
rw="$top_srcdir/tests/data/realworld"
db="$tmp/rw.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

imp() { "$RISKDESK" import --db "$db" "$@"; }

# ---------------------------------------------------------- headers
# R's write.csv: the empty first header cell is named and stated, the
# row numbers are an identifier, and the target works (the file as
# modeldata's credit_data is written).
expect 0 "" imp --table cd --target Status --bad bad "$rw/import-rnames.csv"
has_text 'imported 25 rows into table "cd" (5 columns)'
has_text 'bads 10, goods 15, indeterminate 0, rows refused 0'
has_text 'missing 0, identifier: row number 1..25'
has_text 'warning: column 1 has no name in the header; named "column_1"'
expect 0 "" imp --table cd --replace --target Status --bad bad --json \
	"$rw/import-rnames.csv"
has_text '"renamed": ['
has_text '"column": 1,'
has_text '"header": "",'
has_text '"name": "column_1",'
has_text '"reason": "empty header cell"'
has_text '"role_note": "identifier: row number 1..25"'
expect 0 "" "$RISKDESK" profile --db "$db" --table cd
has_text 'column_1 (integer, identifier: row number 1..25): missing 0'
expect 0 "" "$RISKDESK" profile --db "$db" --table cd --json
has_text '"role": "identifier",'

# A byte order mark, CR LF and no newline at the end; latin1 names; Chinese
# names.
expect 0 "" imp --table bc --target Status --bad bad "$rw/import-bom-crlf.csv"
has_text 'imported 20 rows into table "bc" (3 columns)'
has_text 'identifier: row number 1..20'
expect 1 'import-latin1\.csv:1:7: expected UTF-8 text, found byte 0xF6' \
	imp --table l1 "$rw/import-latin1.csv"
expect 0 "" imp --table l1 --encoding latin1 "$rw/import-latin1.csv"
has_text 'Größe'
has_text 'Année'
expect 0 "" imp --table zh --target 违约 --bad 1 "$rw/import-chinese.csv"
has_text 'bads 5, goods 15'
has_text '婚姻状况'
expect 0 "" "$RISKDESK" profile --db "$db" --table zh
has_text '收入 (integer): missing 0 (0.00%), distinct 20'

# A first line of data.
expect 0 "" imp --table nh "$rw/import-noheader.csv"
has_text 'imported 24 rows'
has_text 'warning: the first line is all numbers: if it is data, not names, import with --no-header (and --names to name the columns)'
expect 0 "" imp --table nh2 --no-header "$rw/import-noheader.csv"
has_text 'imported 25 rows'
has_text 'column_3'
expect 0 "" imp --table nh3 --no-header --names 'grade, flag, amount' \
	"$rw/import-noheader.csv"
has_text 'amount'
lacks_text 'column_1'
expect 2 '^riskdesk: .*import-noheader\.csv:1: --names gives 2 names, but the first line has 3 fields; give one name for each$' \
	imp --table nh4 --no-header --names a,b "$rw/import-noheader.csv"
# A name holding a comma, in double quotes as a CSV header writes it.
expect 0 "" imp --table nh5 --no-header --names 'grade, "flag, ""Y""/N" ,amount' \
	"$rw/import-noheader.csv"
same "a name holding a comma and quotes" \
	"$(sqlite3 "$db" 'SELECT name FROM pragma_table_info("nh5") ORDER BY cid' | tr '\n' '|')" \
	'grade|flag, "Y"/N|amount|'
expect 2 '^riskdesk: --names: a quote is not closed in "grade,"flag, amount" \(the quote at character 7\): write a name holding a comma in double quotes, "amount, EUR", a quote inside doubled$' \
	imp --table nh6 --no-header --names 'grade,"flag, amount' "$rw/import-noheader.csv"
expect 2 '^riskdesk: --names: text after a closing quote in "grade,"flag" x,amount" \(the quote at character 7\)' \
	imp --table nh6 --no-header --names 'grade,"flag" x,amount' "$rw/import-noheader.csv"
expect 2 '--names goes with --no-header' \
	imp --table nh4 --names a,b,c "$rw/import-noheader.csv"
expect 1 'no imported table named "nh4"' "$RISKDESK" profile --db "$db" --table nh4

# Repeated names: R's suffixes, stated, and the --no-header hint.
expect 0 "" imp --table dn "$rw/import-dupnames.csv"
has_text 'warning: column 3, "Age", repeats the name of column 2, "age" (names compare without case); named "Age.1"'
has_text 'warning: column 4, "age", repeats the name of column 2, "age"; named "age.2"'
has_text 'warning: the first line repeats a name: if it is data, not names, import with --no-header'

# Names with dots, spaces, '-', brackets and Chinese in every option.
expect 0 "" imp --table odd --target default.payment.next.month --bad 1 \
	--type 'my col=text' --special 'a-b=-999' --id 'x/y (%)' \
	--type '年龄=real' --role 'LIMIT_BAL=identifier' "$rw/import-oddnames.csv"
has_text 'bads 7, goods 23'
has_text 'special 5'
has_text 'identifier: key column (--id), 30 unique values'
has_text 'identifier: set by --role'
expect 0 "" "$RISKDESK" profile --db "$db" --table odd
has_text 'default.payment.next.month (integer, target)'
has_text 'my col (text): missing 0 (0.00%), distinct 3'
expect 0 "" "$RISKDESK" bin --db "$db" --table odd --char 'my col'
has_text 'my col'
expect 2 '--role: expected <column>=identifier\|ordinary, found "LIMIT_BAL=key"' \
	imp --table odd2 --role LIMIT_BAL=key "$rw/import-oddnames.csv"
expect 2 'contradict each other' \
	imp --table odd2 --id 'x/y (%)' --role 'x/y (%)=ordinary' "$rw/import-oddnames.csv"

# ------------------------------------------------------ identifiers
expect 0 "" imp --table ids --target y --bad 1 "$rw/import-ids.csv"
has_text 'identifier: row number 1..40'
has_text 'identifier: 40 distinct values in 40 rows'
n=$(grep -c 'identifier' "$tmp/out")
ok "import-ids: 5 identifiers (row, app_id, cust_no, customer_id, applied_at), found $n" \
	[ "$n" -eq 5 ]
if grep -E '^  (income|amount|app_date) ' "$tmp/out" | grep -q identifier; then
	echo "FAIL: a measure or a date was taken for an identifier"; fails=$((fails + 1))
else passes=$((passes + 1)); fi
expect 0 "" imp --table ids --replace --target y --bad 1 --role cust_no=ordinary \
	--role amount=identifier --json "$rw/import-ids.csv"
has_text '"role_note": "identifier: set by --role"'
n=$(grep -c '"role": "identifier"' "$tmp/out")
ok "import-ids --role: 5 identifiers in the JSON, found $n" [ "$n" -eq 5 ]
expect 0 "" "$RISKDESK" profile --db "$db" --table ids
has_text 'amount (integer, identifier: set by --role)'
has_text 'cust_no (integer): missing 0'

# ---------------------------------------- sentinels, codes, zeros
expect 0 "" imp --table sn --target y --bad 1 "$rw/import-sentinel.csv"
has_text 'warning: column "income": -999 (6 rows, 10.00% of the values) is negative where no other value is (2383 to 90246); if it stands for something else (missing, not applicable), declare it: --special income=-999'
has_text 'warning: column "age": 99 (5 rows, 8.33% of the values)'
has_text 'declare them: --special months_since=96,98'
has_text 'warning: column "SEX" holds 2 distinct whole numbers (1, 2): if they are codes rather than quantities, import with --type SEX=text'
lacks_text 'column "util"'
lacks_text 'column "y"'
expect 0 "" "$RISKDESK" profile --db "$db" --table sn
has_text '  warning: column "income": -999 (6 rows, 10.00% of the values)'
has_text 're-import with --type EDUCATION=text'
expect 0 "" imp --table sn2 --target y --bad 1 --special income=-999 \
	--type SEX=text "$rw/import-sentinel.csv"
lacks_text 'column "income"'
lacks_text 'column "SEX"'

expect 0 "" imp --table lz "$rw/import-leadzero.csv"
has_text 'warning: column "branch": 9 of 30 values are written with a leading zero (e.g. "0700") and every value has 4 characters: kept as text, as codes whose zeros matter; to read them as numbers, import with --type branch=integer'
has_text 'warning: column "n_cards": 2 of 30 values are written with a leading zero (e.g. "05"): read as numbers ("05" is 5); to keep them as text, import with --type n_cards=text'

# ------------------------------------------------------------ dates
expect 0 "" imp --table dt --target y --bad 1 "$rw/import-dates.csv"
has_text 'written %d/%m/%Y'
has_text 'written %m/%d/%Y'
has_text 'written %d.%m.%Y'
has_text 'written ISO 8601'
has_text 'warning: column "ambiguous": every value reads as a date both day first and month first (e.g. "02/06/2023"); kept as text, never guessed: import with --date-format ambiguous=%d/%m/%Y or --date-format ambiguous=%m/%d/%Y'
# --oot-after never compares dates as text.
expect 1 '^riskdesk: table "dt": --oot-after: column "ambiguous" holds text, not dates \(e\.g\. "01/01/2023"\), and dates are never compared as text: re-import the table with --date-format ambiguous=<layout>' \
	"$RISKDESK" fit --db "$db" --table dt --name c1 --oot-after 2023-03-01 \
	--date-column ambiguous
expect 1 'expected a date YYYY-MM-DD \(or YYYY-MM-DD HH:MM:SS\) for the date column "dmy", found "01/03/2023"' \
	"$RISKDESK" fit --db "$db" --table dt --name c1 --oot-after 01/03/2023 \
	--date-column dmy
"$RISKDESK" fit --db "$db" --table dt --name c1 --oot-after 2023-03-01 \
	--date-column dmy >"$tmp/out" 2>"$tmp/err"
if grep -q 'not dates\|expected a date' "$tmp/err"; then
	echo "FAIL: an ISO date column was refused for --oot-after"; fails=$((fails + 1))
else passes=$((passes + 1)); fi
expect 0 "" imp --table dt2 --target y --bad 1 --date-format 'ambiguous=%m/%d/%Y' \
	"$rw/import-dates.csv"
lacks_text 'warning: column "ambiguous"'
expect 0 "" "$RISKDESK" profile --db "$db" --table dt2
# Month 1 + i mod 12, day 1 + 5 i mod 12: twelve dates, the first on
# 2023-01-01 (i = 12), the last on 2023-12-08 (i = 11).
has_text 'ambiguous (date): missing 0 (0.00%), distinct 12'
has_text '  from 2023-01-01 to 2023-12-08'
expect 2 '--date-format "%d/%m" for column "dmy": no year \(%Y or %y\)' \
	imp --table dt3 --date-format 'dmy=%d/%m' "$rw/import-dates.csv"
expect 2 '--date-format: expected <column>=<format>' \
	imp --table dt3 --date-format 'dmy' "$rw/import-dates.csv"

# ----------------------------------------------------------- target
expect 0 "" imp --table ag --target y --bad 1 "$rw/import-allgood.csv"
has_text 'warning: no row has the bad value "1" in column "y" (values found: "0"): every row with an outcome is good; WoE, IV, scorecards and bad rates need both'
expect 0 "" imp --table ab --target status --bad bad --json "$rw/import-allbad.csv"
has_text '"every row with an outcome in column \"status\" is bad (no goods): WoE, IV, scorecards and bad rates need both"'
expect 1 'no row has the bad value "BAD" in column "status"; values found: "bad"' \
	imp --table ab2 --target status --bad BAD "$rw/import-allbad.csv"

# ------------------------------------- a refused import leaves nothing
new="$tmp/new.db"
expect 1 'no row has the bad value "BAD"' \
	"$RISKDESK" import --db "$new" --table t --target status --bad BAD \
	"$rw/import-allbad.csv"
ok "a refused import left $new behind" [ ! -e "$new" ]
ok "a refused import left $new-journal behind" [ ! -e "$new-journal" ]
ok "a refused import left $new-wal behind" [ ! -e "$new-wal" ]
expect 2 '--names gives 2 names' "$RISKDESK" import --db "$new" --table t \
	--no-header --names a,b "$rw/import-noheader.csv"
ok "a refused import (usage) left $new behind" [ ! -e "$new" ]
expect 4 'no-such\.csv' "$RISKDESK" import --db "$new" --table t "$tmp/no-such.csv"
ok "an import of a missing file left $new behind" [ ! -e "$new" ]
cp "$db" "$tmp/before.db"
expect 1 'no row has the bad value "BAD"' imp --table t2 --target status \
	--bad BAD "$rw/import-allbad.csv"
ok "a refused import changed an existing database" cmp -s "$db" "$tmp/before.db"
ok "a refused import left a journal beside an existing database" [ ! -e "$db-journal" ]

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
