#!/bin/sh
# import-hostile2.sh - more files a new user brings to import: a target
# spelt several ways ("bad", "Bad", " bad") or written as reals ("1.0"),
# numbers padded with blanks, rows rejected for a reason the summary must
# give, files that are UTF-8 but for a byte, UTF-16, a NUL byte, a date
# that does not exist among dates, an appended id already in the table,
# more columns than SQLite allows, a pipe, SIGTERM, and numbers too large
# for four decimals in the profile.  Fixtures are written here into the
# scratch folder; every count is a hand count of the rows written.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/import-hostile2-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/h.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

imp() { "$RISKDESK" import --db "$db" "$@"; }

# ------------------------------------- 1a. a target spelt several ways
# Lines 2..7: bad, Bad, BAD, " bad", good, bad.  With --bad bad only
# lines 2 and 7 are bad; the three other spellings were silently goods.
printf 'x,y\n1,bad\n2,Bad\n3,BAD\n4, bad\n5,good\n6,bad\n' >"$tmp/spell.csv"
expect 0 "" imp --table sp --target y --bad bad "$tmp/spell.csv"
has_text '  bads 2, goods 4, indeterminate 0, rows refused 0'
has_text "warning: column \"y\": 3 rows hold the bad value \"bad\" written otherwise, counted as goods (values compare exactly, case and blanks included): \"Bad\" (1 row, line 3), \"BAD\" (1 row, line 4), \" bad\" (1 row, line 5); if they are bad, import with --bad bad --bad Bad --bad BAD --bad ' bad'"
expect 0 "" imp --table sp --replace --json --target y --bad bad "$tmp/spell.csv"
has_text '"value": "Bad",'
has_text '"value": " bad",'
has_text '"spells": "bad",'
has_text '"listed": "bad",'
has_text '"line": 5,'
has_text '"counted_as": "good"'
# The option the warning gives counts them bad: 5 bads, 1 good, and the
# dataset the model reads (bin) agrees with the summary.
expect 0 "" imp --table sp --replace --target y --bad bad --bad Bad \
	--bad BAD --bad ' bad' "$tmp/spell.csv"
has_text '  bads 5, goods 1, indeterminate 0, rows refused 0'
lacks_text 'warning'
expect 0 "" "$RISKDESK" profile --db "$db" --table sp
has_text 'target y: bads 5, goods 1, indeterminate 0, bad rate 83.33%'
# With --good the other spellings are indeterminate, still said.
expect 0 "" imp --table sp --replace --target y --bad bad --good good \
	"$tmp/spell.csv"
has_text '  bads 2, goods 1, indeterminate 3, rows refused 0'
has_text 'written otherwise, counted as indeterminate'
# Appending keeps the table's coding: the set of bad values must match.
expect 1 'table "sp" has target y with bad value "bad" and its good values; --append must give the same' \
	imp --table sp --append --target y --bad bad --bad Bad "$tmp/spell.csv"
expect 2 '"bad" given as a bad value twice' \
	imp --table sp2 --target y --bad bad --bad bad "$tmp/spell.csv"
expect 2 '"Bad" given as both --bad and --good' \
	imp --table sp2 --target y --bad bad --bad Bad --good Bad "$tmp/spell.csv"

# ---------------------------------------- 1b. a numeric target as reals
# BAD holds 1, 0, 1.0, 0, 1: a REAL column, three of its rows are 1.
printf 'x,BAD\n1,1\n2,0\n3,1.0\n4,0\n5,1\n' >"$tmp/real.csv"
expect 0 "" imp --table rl --target BAD --bad 1 "$tmp/real.csv"
has_text '  bads 3, goods 2, indeterminate 0, rows refused 0'
contains '^  BAD +real +missing 0$'
expect 0 "" "$RISKDESK" bin --db "$db" --table rl --json
has_text '"goods": 2,'
has_text '"bads": 3,'
# As text, "1.0" is not "1": counted good, and said.
expect 0 "" imp --table rl2 --target BAD --bad 1 --type BAD=text "$tmp/real.csv"
has_text '  bads 2, goods 3, indeterminate 0, rows refused 0'
has_text 'warning: column "BAD": 1 row holds the bad value "1" written otherwise, counted as goods (values compare exactly, case and blanks included): "1.0" (1 row, line 4); if they are bad, import with --bad 1 --bad 1.0'

# ------------------------------------------- 2. blanks around values
# y: " 5", " 10", blanks only, "7 ", a tab then 3: integers 5, 10,
# missing, 7, 3 (mean 25/4 = 6.25); t keeps " a " as written; the target
# " 1" is the bad value 1 (lines 2 and 5 bad, 3 and 4 good, 6 good).
printf 'x,y,t,z\n1, 5, a ,1\n2, 10,b,0\n3,   ,c,0\n4,7 ,d, 1\n5,\t3,e,0 \n' \
	>"$tmp/blank.csv"
expect 0 "" imp --table bk --target z --bad 1 "$tmp/blank.csv"
contains '^  y +integer +missing 1$'
contains '^  t +text +missing 0$'
has_text '  bads 2, goods 3, indeterminate 0, rows refused 0'
expect 0 "" "$RISKDESK" profile --db "$db" --table bk --json
has_text '"mean": 6.25,'
has_text '"value": " a ",'

# --------------------------------------------- 3. rejected rows explained
# Line 3 has one field, line 4 three, of a header of two.
printf 'x,y\n1,2\n2\n3,4,5\n4,5\n' >"$tmp/rows.csv"
expect 0 "" imp --table rw "$tmp/rows.csv"
has_text '  no target (no bads or goods counted), rows refused 2'
has_text '  rows refused: 1 with too few fields, 1 with too many fields; the first at line 3: expected 2 fields, found 1'
has_text '  they are kept in table rd_reject (line, raw text, reason); --strict fails the import at the first instead'
expect 0 "" imp --table rw --replace --json "$tmp/rows.csv"
has_text '"too_few_fields": 1,'
has_text '"too_many_fields": 1'
has_text '"reason": "expected 2 fields, found 1"'
has_text '"table": "rd_reject"'
expect 1 'rows\.csv:3: expected 2 fields, found 1$' \
	imp --table rw --replace --strict "$tmp/rows.csv"
# --type y=real on NaN (line 3) and Inf (line 5): two rows rejected, the
# first at its byte column 3 with the --na that reads it.
printf 'x,y\n1,2.5\n2,NaN\n3,4\n4,Inf\n' >"$tmp/nan.csv"
expect 0 "" imp --table nn --type y=real "$tmp/nan.csv"
has_text 'rows refused: 2 with a value not of its type; the first at line 3, column 3: column "y" (field 2): expected a number, found "NaN", not a finite number (--na NaN reads it as missing)'
# --date-format d=%d/%m/%Y on a file mixing ISO dates in (lines 3, 4).
printf 'd,y\n05/01/2023,1\n2023-01-06,0\n2023-01-07,0\n08/01/2023,1\n' \
	>"$tmp/mixed.csv"
expect 0 "" imp --table mx --date-format d=%d/%m/%Y "$tmp/mixed.csv"
has_text 'rows refused: 2 with a value not of its type; the first at line 3, column 1: column "d" (field 1): expected a date written %d/%m/%Y, found "2023-01-06"'

# ------------------------------------------------------ 4. encodings
# UTF-8 "Zürich" on line 2, latin1 "Müller" (0xFC) on line 3: not the
# --encoding latin1 advice, which would turn the ü of line 2 into "Ã¼".
printf 'name,bad\nZ\303\274rich,1\nM\374ller,0\n' >"$tmp/mixed8.csv"
expect 1 "mixed8\\.csv:3:2: expected UTF-8 text, found byte 0xFC \\('$(printf '\303\274')' in latin1 and cp1252\\); the file is UTF-8 except 1 byte \\(0xFC at 3:2\\), beside 1 valid UTF-8 character beyond ASCII: fix those bytes or convert them to UTF-8 \\(an --encoding would misread the UTF-8 characters\\)$" \
	imp --table m8 "$tmp/mixed8.csv"
stderr_count 'encoding latin1' 0
# UTF-16 with a byte order mark ("name,y" / "Zürich,1" / "Bern,0"
# written little-endian by hand), and without one.
u16='n\0a\0m\0e\0,\0y\0\n\0Z\0\374\0r\0i\0c\0h\0,\0001\0\n\0B\0e\0r\0n\0,\0000\0\n\0'
printf "\\377\\376$u16" >"$tmp/u16.csv"
printf "$u16" >"$tmp/u16le.csv"
expect 1 'u16\.csv:1:1: expected UTF-8 text, found UTF-16 \(little-endian, with the byte order mark FF FE\); the file is UTF-16: import with --encoding UTF-16$' \
	imp --table u16 "$tmp/u16.csv"
expect 0 "" imp --table u16 --encoding UTF-16 "$tmp/u16.csv"
has_text 'imported 2 rows into table "u16" (2 columns)'
contains '^  name +text +missing 0$'
expect 0 "" "$RISKDESK" profile --db "$db" --table u16
has_text "Z$(printf '\303\274')rich"
expect 1 'u16le\.csv:1:1: expected UTF-8 text, found UTF-16 \(little-endian: a NUL after each ASCII byte\); the file is UTF-16: import with --encoding UTF-16LE$' \
	imp --table u16le "$tmp/u16le.csv"
expect 0 "" imp --table u16le --encoding UTF-16LE "$tmp/u16le.csv"
has_text 'imported 2 rows into table "u16le" (2 columns)'
# A NUL byte in a field: line 3, column 4.
printf 'name,y\nab,1\ncd\000e,0\n' >"$tmp/nul.csv"
expect 1 'nul\.csv:3:3: expected text, found a NUL byte \(0x00\), which no text holds' \
	imp --table nul "$tmp/nul.csv"
# A UTF-8 byte order mark with --encoding latin1: the header is "name".
printf '\357\273\277name,y\nZ\374rich,1\n' >"$tmp/bom.csv"
expect 0 "" imp --table bom --encoding latin1 "$tmp/bom.csv"
contains '^  name +text +missing 0$'
has_text 'warning: the file starts with a UTF-8 byte order mark, yet --encoding latin1 was given: the mark was skipped'

# -------------------------------------------- 5. dates made text (a few
# odd cells, or two layouts)
printf 'd,y\n2023-01-02,1\n2023-02-30,0\n2023-03-04,1\n' >"$tmp/feb30.csv"
expect 0 "" imp --table f30 "$tmp/feb30.csv"
has_text 'warning: column "d" is stored as text: of its 3 values, 2 are dates written %Y-%m-%d (e.g. "2023-01-02") and 1 is no date in the calendar ("2023-02-30" at line 3); to read them as dates, import with --date-format d=%Y-%m-%d (it rejects a row whose value it cannot read, to rd_reject), or with --na 2023-02-30'
# 30 distinct ISO dates and one dd/mm/yyyy (line 17): dates, text, never
# an identifier (30 distinct values of 31 would have made one).
awk 'BEGIN { print "d,y"; for (i = 1; i <= 31; i++)
	if (i == 16) print "16/01/2023," (i % 2)
	else printf "2023-01-%02d,%d\n", i, i % 2 }' >"$tmp/dmy.csv"
expect 0 "" imp --table dmy "$tmp/dmy.csv"
contains '^  d +text +missing 0$'
has_text 'of its 31 values, 30 are dates written %Y-%m-%d (e.g. "2023-01-01") and 1 is not ("16/01/2023" at line 17)'
lacks_text 'identifier'
# The odd cell first (line 2): the example of the ISO dates is an ISO
# date, not the odd cell.
awk 'BEGIN { print "d,y"; for (i = 1; i <= 31; i++)
	if (i == 1) print "16/01/2023," (i % 2)
	else printf "2023-01-%02d,%d\n", i, i % 2 }' >"$tmp/dmy1.csv"
expect 0 "" imp --table dmy1 "$tmp/dmy1.csv"
has_text 'of its 31 values, 30 are dates written %Y-%m-%d (e.g. "2023-01-02") and 1 is not ("16/01/2023" at line 2)'
# Dates in two layouts, neither most of them: both named, with what to do.
awk 'BEGIN { print "d,y"; for (i = 1; i <= 30; i++)
	if (i % 2) printf "2021-03-%02d,%d\n", i, i % 3 == 0
	else printf "%02d/03/2021,%d\n", i, i % 3 == 0 }' >"$tmp/two.csv"
expect 0 "" imp --table two "$tmp/two.csv"
contains '^  d +text +missing 0$'
has_text 'warning: column "d" is stored as text: of its 30 values, 15 are dates written %Y-%m-%d (the first "2021-03-01" at line 2) and 15 dates written %d/%m/%Y (the first "02/03/2021" at line 3), and a column is read in one layout; to read them as dates, write the column in one layout before the import (--date-format d=%Y-%m-%d reads the 15 written so and rejects the other rows, to rd_reject; --date-format d=%d/%m/%Y the 15 written so)'
lacks_text 'identifier'
# Two-digit years: 68 is 2068, 69 is 1969, and the summary says so.
printf 'd,y\n01/02/68,1\n05/06/69,0\n' >"$tmp/yy.csv"
expect 0 "" imp --table yy --date-format d=%d/%m/%y "$tmp/yy.csv"
has_text 'warning: column "d": two-digit years (%y) are read as POSIX strptime reads them: 69 to 99 as 1969 to 1999, 00 to 68 as 2000 to 2068'
expect 0 "" "$RISKDESK" profile --db "$db" --table yy
has_text '  from 1969-06-05 to 2068-02-01'

# ------------------------------------------ 6. exit codes and messages
printf 'id,y\n1,0\n2,1\n' >"$tmp/a1.csv"
printf 'id,y\n3,0\n2,1\n' >"$tmp/a2.csv"
expect 0 "" imp --table ap --id id "$tmp/a1.csv"
expect 1 'a2\.csv:3: expected unique values in id column "id", found 1 duplicate \("2" first\) at line 3, of a row earlier in the file or already in the table' \
	imp --table ap --append "$tmp/a2.csv"
expect 1 'a2\.csv:3: expected unique values in id column "id"' \
	imp --table ap --append --id id "$tmp/a2.csv"
awk 'BEGIN { for (r = 0; r < 2; r++) { s = ""
	for (i = 1; i <= 2501; i++) s = s (i > 1 ? "," : "") (r ? i : "c" i)
	print s } }' >"$tmp/wide.csv"
cp "$db" "$tmp/before.db"
expect 1 'wide\.csv:1: expected at most 2,000 columns \(the limit of a SQLite table\), found 2,501 in the header: keep the columns you need \(e\.g\. cut -d.,. -f1-2000\) or split the file into tables that share an id column$' \
	imp --table wd "$tmp/wide.csv"
ok "a refused wide file changed the database" cmp -s "$db" "$tmp/before.db"

# ------------------------------------------------ 7. pipes and SIGTERM
# A FIFO is refused before it is opened (opening it would wait for a
# writer); the new database is not left behind.
if mkfifo "$tmp/ff" 2>/dev/null; then
	expect 4 'ff: expected a regular file \(it is read twice\), found a pipe: save it to a file first' \
		timeout 20 "$RISKDESK" import --db "$tmp/e.db" --table e "$tmp/ff"
	ok "a refused pipe left $tmp/e.db behind" [ ! -e "$tmp/e.db" ]
fi
# SIGTERM while a 300,000-row import runs: rolled back, exit 130, the
# database it was creating removed.  (The handler is set before the file
# is made, so the kill is sent once the file is there: a new database is
# built as t.db.tmp-XXXXXX and linked into place only at the end.)
awk 'BEGIN { print "id,a,b,y"; for (i = 0; i < 300000; i++)
	print i "," (i * 7) % 97 "," (i % 13) * 1.5 "," (i % 5 == 0) }' \
	>"$tmp/long.csv"
"$RISKDESK" import --db "$tmp/t.db" --table t "$tmp/long.csv" \
	>"$tmp/out" 2>"$tmp/err" &
pid=$!
n=0
while ! ls "$tmp"/t.db.tmp-* >/dev/null 2>&1 && [ "$n" -lt 500 ]; do
	sleep 0.01; n=$((n + 1)); done
kill -TERM "$pid" 2>/dev/null
wait "$pid"; rc=$?
same "exit status of an import killed by SIGTERM" "$rc" 130
stderr_has '^riskdesk: interrupted: nothing imported$'
ok "an import killed by SIGTERM left $tmp/t.db behind" [ ! -e "$tmp/t.db" ]
ok "an import killed by SIGTERM left its temporary database behind" \
	sh -c "! ls '$tmp'/t.db.tmp-* >/dev/null 2>&1"

# ------------------------------------------ 8. huge numbers in profile
# a: 1e50, 2, 3, 4: mean (1e50 + 9) / 4 = 2.5e49; deviations 7.5e49 and
# three of -2.5e49: variance (5.625e99 + 3 * 6.25e98) / 3 = 2.5e99, sd
# 5e49.  b: 1e300, 1e300, -1e300, 5: mean 2.5e299, squared deviations
# 2 * 5.625e599 + 1.5625e600 + 6.25e598 = 2.75e600, sd sqrt(2.75e600 / 3)
# = 9.57427e299 (R 4.2.2: sd(b / 1e300) * 1e300 = 9.574271077563381e+299;
# sd(b) itself overflows to Inf).
printf 'a,b\n1e50,1e300\n2,1e300\n3,-1e300\n4,5\n' >"$tmp/huge.csv"
expect 0 "" imp --table hg "$tmp/huge.csv"
expect 0 "" "$RISKDESK" profile --db "$db" --table hg
has_text '  min 2.0000  max 1e+50  mean 2.5e+49  sd 5e+49'
has_text '  min -1e+300  max 1e+300  mean 2.5e+299  sd 9.57427e+299'
expect 0 "" "$RISKDESK" profile --db "$db" --table hg --json
# The JSON gives the double itself: R's, digit for digit.
has_text '"sd": 9.574271077563381e299,'
lacks_text '"sd": null'

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
