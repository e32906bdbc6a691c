#!/bin/sh
# import-hostile.sh - importing the files a new user brings, which break
# the usual rules: a column of numbers with one "1e309", "NaN", "1,5" or
# "12,345" in it, rates "4,168" that read either way, a file whose every
# row is rejected, a small file whose
# ages are all different, bytes that are not UTF-8 (in a CSV file and in
# a policy), garbage after a closing quote, a target spelt in another
# case, files of blank lines, no target, repeated names.  Each error says
# where and what to do; each warning names the option literally.
# Fixtures are tests/data/realworld/hostile-*.csv, or written here into
# the scratch folder (bytes that are not UTF-8, blank lines).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/import-hostile-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
rw="$top_srcdir/tests/data/realworld"
db="$tmp/h.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

imp() { "$RISKDESK" import --db "$db" "$@"; }

# ------------------------------- 1. numbers not made text by a few cells
# hostile-nonfinite.csv: 40 rows; income is a whole number in every row
# but row 7 (file line 8, the header being line 1), "1e309", beyond the
# range of a double; ratio is a number in every row but row 11 ("NaN",
# line 12) and row 29 ("-Inf", line 30).  So income has 39 numbers of 40,
# ratio 38.  Long ago both were text of 40 distinct values in 40 rows and
# so taken for identifiers, silently left out of binning; then text with
# a warning.  Now the columns stay numbers and the three cells are
# rejected with their rows under the import's rules, each said, and
# --strict fails at the first cell.
expect 0 "" imp --table nf --target y --bad 1 "$rw/hostile-nonfinite.csv"
has_text 'warning: column "income": 1 value is not finite ("1e309" at line 8): its row is rejected, to rd_reject, rather than the column made text; to read it as missing, import with --na 1e309 (--na reads a value as missing, in every column)'
has_text 'warning: column "ratio": 2 values are not finite (the first "NaN" at line 12): their rows are rejected, to rd_reject, rather than the column made text; to read them as missing, import with --na NaN --na -Inf (--na reads a value as missing, in every column)'
has_text 'rows refused: 3 with a value not of its type; the first at line 8, column 6: column "income" (field 2): expected an integer, found "1e309", not a finite number (--na 1e309 reads it as missing)'
contains '^imported 37 rows into table "nf" \(5 columns\)$'
contains '^  income +integer +missing 0$'
contains '^  ratio +real +missing 0$'
# app (A007, A014, ...) is text, unique and no number: still an identifier.
contains '^  app +text +missing 0, identifier: 37 distinct values in 37 rows$'
expect 1 "hostile-nonfinite.csv:8:6: column \"income\" \(field 2\): expected an integer, found \"1e309\", not a finite number" \
	imp --table nf --replace --strict --target y --bad 1 \
	"$rw/hostile-nonfinite.csv"
expect 0 "" imp --table nf --replace --target y --bad 1 --json \
	"$rw/hostile-nonfinite.csv"
has_text '"suggest": ['
has_text '"--na 1e309"'
has_text '"--na -Inf"'
has_text 'is not finite (\"1e309\" at line 8)'
n=$(grep -c '"role": "identifier"' "$tmp/out")
ok "hostile-nonfinite --json: 1 identifier (app), found $n" [ "$n" -eq 1 ]
# The options suggested read the columns: income 1 missing of 40
# (2.50%), ratio 2 (5.00%), both numbers.
expect 0 "" imp --table nf --replace --target y --bad 1 --na 1e309 \
	--na NaN --na -Inf "$rw/hostile-nonfinite.csv"
lacks_text 'warning'
expect 0 "" "$RISKDESK" profile --db "$db" --table nf
has_text 'income (integer): missing 1 (2.50%)'
has_text 'ratio (real): missing 2 (5.00%)'

# hostile-decimal.csv (';'): amount is whole in every row but rows 9
# ("1,5", line 10) and 23 ("12,25", line 24); limit in every row but row
# 15 ("1.234,5", line 16).
expect 0 "" imp --table dc --target y --bad 1 "$rw/hostile-decimal.csv"
has_text 'warning: column "amount" is stored as text: of its 40 values, 38 are numbers as written and 2 are written with a decimal comma (the first "1,5" at line 10); to read them as numbers, import with --decimal-comma'
has_text 'warning: column "limit" is stored as text: of its 40 values, 39 are numbers as written and 1 is written with thousands separators ("1.234,5" at line 16); to read them as numbers, import with --thousands . --decimal-comma'
expect 0 "" imp --table dc --replace --target y --bad 1 --thousands . \
	--decimal-comma "$rw/hostile-decimal.csv"
contains '^  amount +real +missing 0$'
contains '^  limit +real +missing 0$'
"$RISKDESK" profile --db "$db" --table dc --json >"$tmp/out" 2>"$tmp/err"
# 1,5 is 1.5 (the smallest amount; the others are 100 or more), 1.234,5
# is 1234.5.
has_text '"min": 1.5,'
# hostile-thousands.csv (','): balance is whole but for rows 4 and 18,
# written quoted with a thousands comma ("14,492" on line 5, "28,214").
expect 0 "" imp --table th --target y --bad 1 "$rw/hostile-thousands.csv"
has_text 'warning: column "balance" is stored as text: of its 40 values, 38 are numbers as written and 2 are written with thousands separators (the first "14,492" at line 5); to read them as numbers, import with --thousands ,'
expect 0 "" imp --table th --replace --target y --bad 1 --thousands , \
	"$rw/hostile-thousands.csv"
contains '^  balance +integer +missing 0$'
"$RISKDESK" profile --db "$db" --table th --json >"$tmp/out" 2>"$tmp/err"
has_text '"max": 28214.0,'
# A comma and three digits in every cell ("4,168") is a decimal comma as
# much as a thousands separator: both readings named, with what each
# makes of the cell, the file's evident convention first -- a ';'
# delimiter; another column that only one of them reads settles it, so
# one file never gets --thousands , for one column and --decimal-comma
# for another.  Read under --thousands , such a column is said to be.
awk 'BEGIN { print "id;rate;y"; for (i = 1; i <= 40; i++)
	printf "%d;%d,%03d;%d\n", i, 1 + i % 9, (i * 37) % 1000, i % 3 == 0 }' \
	>"$tmp/rates.csv"
expect 0 "" imp --table rates --target y --bad 1 "$tmp/rates.csv"
has_text 'warning: column "rate" is stored as text: of its 40 values, 40 are written with a comma and three digits after it, a decimal comma or a thousands separator (the first "2,037" at line 2); to read them as numbers, import with --decimal-comma ("2,037" is 2.037; the fields are separated by '"';'"', as where the comma is the decimal mark) or with --thousands , ("2,037" is 2037)'
expect 0 "" imp --table rates --replace --target y --bad 1 --thousands , \
	"$tmp/rates.csv"
has_text 'warning: column "rate": all 40 values are written with a comma and three digits after it (the first "2,037" at line 2), read under --thousands , as thousands ("2,037" is 2037); if the comma is the decimal mark, import with --decimal-comma instead ("2,037" is 2.037)'
expect 0 "" imp --table rates --replace --target y --bad 1 --decimal-comma \
	"$tmp/rates.csv"
lacks_text 'warning'
same "4,168 read as 4.168 under --decimal-comma" \
	"$(sqlite3 "$db" "SELECT rate FROM rates WHERE id = 1")" 2.037
awk 'BEGIN { print "id;amount;rate;y"; for (i = 1; i <= 40; i++)
	printf "%d;%d.%03d,%02d;%d,%03d;%d\n", i, i, i * 7, i, 1 + i % 9,
	(i * 37) % 1000, i % 3 == 0 }' >"$tmp/rates2.csv"
expect 0 "" imp --table rates2 --target y --bad 1 "$tmp/rates2.csv"
has_text 'import with --thousands . --decimal-comma'
has_text 'warning: column "rate" is stored as text: of its 40 values, 40 are written with a comma and three digits after it, a decimal comma or a thousands separator (the first "2,037" at line 2); to read them as numbers, import with --decimal-comma ("2,037" is 2.037, as column "amount" is written with a decimal comma; not --thousands , ("2,037" would be 2037), which cannot be given with it)'
awk 'BEGIN { print "id\tbalance\trate\ty"; for (i = 1; i <= 40; i++)
	printf "%d\t%d,%03d,%03d\t%d,%03d\t%d\n", i, i, i * 7, i * 3,
	1 + i % 9, (i * 37) % 1000, i % 3 == 0 }' >"$tmp/rates3.tsv"
expect 0 "" imp --table rates3 --target y --bad 1 "$tmp/rates3.tsv"
has_text 'warning: column "rate" is stored as text: of its 40 values, 40 are written with a comma and three digits after it, a decimal comma or a thousands separator (the first "2,037" at line 2); to read them as numbers, import with --thousands , ("2,037" is 2037, as column "balance" is written with thousands separators; not --decimal-comma ("2,037" would be 2.037), which cannot read that column)'
# Four different words (more than --na should carry): --type, which
# rejects their 4 rows.
{
	echo "score,y"
	i=1
	while [ "$i" -le 40 ]; do
		case $i in
		5) s="n/a" ;; 12) s="-" ;; 20) s="?x" ;; 33) s="tbd" ;;
		*) s=$((300 + i * 7)) ;;
		esac
		echo "$s,$((i % 4 == 0))"
		i=$((i + 1))
	done
} >"$tmp/words.csv"
expect 0 "" imp --table wd --target y --bad 1 "$tmp/words.csv"
has_text 'warning: column "score" is stored as text: of its 40 values, 36 are numbers as written and 4 are no numbers (the first "n/a" at line 6); to read them as numbers, import with --type score=real (--type rejects a row whose value it cannot read, to rd_reject)'
lacks_text 'identifier'
expect 0 "" imp --table wd --replace --target y --bad 1 --type score=real \
	"$tmp/words.csv"
has_text 'imported 36 rows'
has_text 'rows refused 4'
# A decimal point among decimal commas: no option reads both, --type
# rejects the row ("1.75", line 4, is the third of four values).
printf 'a;y\n1,5;0\n2,25;1\n1.75;0\n3;1\n' >"$tmp/point.csv"
expect 0 "" imp --table pt --decimal-comma "$tmp/point.csv"
has_text 'warning: column "a" is stored as text: of its 4 values, 3 are numbers as written and 1 is written with a decimal point ("1.75" at line 4); to read them as numbers, import with --type a=real (--type rejects a row whose value it cannot read, to rd_reject)'
# Text that merely holds some numbers is text, and says nothing.
printf 'city,y\nBern,1\n3000,0\nZug,0\nBasel,0\n' >"$tmp/city.csv"
expect 0 "" imp --table ct --target y --bad 1 "$tmp/city.csv"
lacks_text 'warning'

# ------------------------------------ 2. every row rejected: no success
# The header is split at ';' (3 fields), the rows at ',' (1 field each).
printf 'id;amount;y\n1,200,0\n2,350,1\n3,120,0\n' >"$tmp/allrej.csv"
cp "$db" "$tmp/before.db"
expect 1 '^riskdesk: .*allrej\.csv:2: expected 3 fields, found 1; all 3 data rows were rejected \(this is the first\), so nothing was imported and the database is unchanged; the header has 3 fields split at .;.: if the rows are split at another delimiter, give it with --delimiter$' \
	imp --table ar "$tmp/allrej.csv"
ok "an import rejecting every row changed the database" \
	cmp -s "$db" "$tmp/before.db"
expect 1 'no imported table named "ar"' "$RISKDESK" profile --db "$db" --table ar
# A type that no row fits: at the field, with the column to check.
printf 'id,amount\n1,abc\n2,def\n' >"$tmp/alltype.csv"
expect 1 'alltype\.csv:2:3: column "amount" \(field 2\): expected an integer, found "abc"; all 2 data rows were rejected \(this is the first\), so nothing was imported and the database is unchanged; check the --type or --date-format given for column "amount"$' \
	imp --table at --type amount=integer "$tmp/alltype.csv"
new="$tmp/new.db"
printf 'id,amount\n1,\n' >"$tmp/oneid.csv"
expect 1 'oneid\.csv:2: column "amount" \(2\): expected an id, found a missing value; the only data row was rejected, so nothing was imported and the database is unchanged; is --id amount the right column\?$' \
	"$RISKDESK" import --db "$new" --table oi --id amount "$tmp/oneid.csv"
ok "an import rejecting every row left $new behind" [ ! -e "$new" ]

# ------------------------------- 3. a small file keeps its characteristics
# hostile-ages.csv: 40 applicants aged 21..60, one of each (dense and
# unique), and cust_no 1..40 shuffled.  The ages are a characteristic;
# cust_no, named like an id ("no" last), is an identifier.
expect 0 "" imp --table ag --target y --bad 1 "$rw/hostile-ages.csv"
contains '^  age +integer +missing 0$'
contains '^  cust_no +integer +missing 0, identifier: 40 distinct values in 40 rows$'
expect 0 "" "$RISKDESK" bin --db "$db" --table ag
contains '^  age +numeric '
contains '^  cust_no +identifier: 40 distinct values in 40 rows$'
# The same ages sorted (21, 22, ..., 60 in file order) are ages too.
{
	echo "age,y"
	i=21
	while [ "$i" -le 60 ]; do echo "$i,$((i % 3 == 0))"; i=$((i + 1)); done
} >"$tmp/sorted.csv"
expect 0 "" imp --table so --target y --bad 1 "$tmp/sorted.csv"
contains '^  age +integer +missing 0$'
# From 100 rows on, unique dense whole numbers are an id: 1000..1119
# shuffled (7 is prime to 120) over 120 rows is one, over 99 not.
dense() {
	awk -v n="$1" 'BEGIN { print "score,y"
	    for (i = 0; i < n; i++) print 1000 + (i * 7) % n "," (i % 5 == 0) }'
}
dense 120 >"$tmp/n120.csv"
dense 99 >"$tmp/n99.csv"
expect 0 "" imp --table n120 --target y --bad 1 "$tmp/n120.csv"
contains '^  score +integer +missing 0, identifier: 120 distinct values in 120 rows$'
expect 0 "" imp --table n99 --target y --bad 1 "$tmp/n99.csv"
contains '^  score +integer +missing 0$'

# --------------------------------------------------- 4. not UTF-8
# "Z\xE8vich": 0xE8 (è in latin1) opens a sequence that 'v' does not
# continue; the first invalid byte is the 0xE8, column 5 of line 2.
printf 'name,city\nab,Z\350vich\ncd,Bern\n' >"$tmp/latin1.csv"
expect 1 "^riskdesk: .*latin1\\.csv:2:5: expected UTF-8 text, found byte 0xE8 \\('$(printf '\303\250')' in latin1 and cp1252\\), which 'v' does not continue; the file is in another encoding: import with --encoding latin1 \\(or the file's own: --encoding cp1252 for Windows files, --encoding GB18030 for Chinese\\)$" \
	imp --table l1 "$tmp/latin1.csv"
expect 0 "" imp --table l1 --encoding latin1 "$tmp/latin1.csv"
expect 0 "" "$RISKDESK" profile --db "$db" --table l1
has_text "Z$(printf '\303\250')vich"
# 0x92 is a quote in cp1252 (a control character in latin1): cp1252 first.
printf 'name\nO\222Brien\n' >"$tmp/cp1252.csv"
expect 1 "cp1252\\.csv:2:2: expected UTF-8 text, found byte 0x92 \\('$(printf '\342\200\231')' in cp1252, a control character in latin1\\); the file is in another encoding: import with --encoding cp1252 " \
	imp --table c1 "$tmp/cp1252.csv"
expect 0 "" imp --table c1 --encoding cp1252 "$tmp/cp1252.csv"
# A lead byte at the end of the file.
printf 'name\nab\350' >"$tmp/cut.csv"
expect 1 'cut\.csv:2:3: expected UTF-8 text, found byte 0xE8 .*, cut off by the end of the file;' \
	imp --table cu "$tmp/cut.csv"
# A policy likewise: "g\xE8v" on line 2, the 0xE8 at column 13.
printf 'name: p\nscorecard: g\350v\n' >"$tmp/p.yaml"
expect 1 "^riskdesk: .*p\\.yaml:2:13: invalid YAML: expected UTF-8 text, found byte 0xE8 \\('$(printf '\303\250')' in latin1 and cp1252\\), which 'v' does not continue; a policy is read as UTF-8: convert the file, e.g. with iconv -f latin1 -t UTF-8$" \
	"$RISKDESK" check-policy "$tmp/p.yaml"

# ------------------------------------------- 5. after a closing quote
# "abc"x,1: the x, column 6, follows the closing quote (riskdesk(1)).
printf 'a,b\n"abc"x,1\n' >"$tmp/q1.csv"
expect 1 "q1\\.csv:2:6: expected ',' or end of line after a closing quote, found 'x'\$" \
	imp --table q1 "$tmp/q1.csv"
# A field opened on line 2 (column 3) and closed on line 3: the 'x' at
# line 3, column 3.
printf 'a,b\n1,"ab\nc"x\n' >"$tmp/q2.csv"
expect 1 "q2\\.csv:3:3: expected ',' or end of line after the closing quote of the field opened at line 2 column 3, found 'x'\$" \
	imp --table q2 "$tmp/q2.csv"

# ------------------------------------------ 6. names and values not found
printf 'a,bad,c\n1,1,x\n2,0,y\n3,1,z\n' >"$tmp/case.csv"
expect 1 "^riskdesk: .*case\\.csv:1: expected target column \"Bad\" in the header, found no such column; did you mean \"bad\"\\? \\(names are matched as written, case included\\); the columns are \"a\", \"bad\", \"c\"\$" \
	imp --table cs --target Bad --bad 1 "$tmp/case.csv"
expect 1 'case\.csv:1: expected column " c" \(given a type\) in the header, found no such column; did you mean "c"\?' \
	imp --table cs --type ' c=text' "$tmp/case.csv"
expect 1 'case\.csv:1: expected id column "A" in the header, found no such column; did you mean "a"\?' \
	imp --table cs --id A "$tmp/case.csv"
expect 1 'case\.csv:1: expected column "nosuch" \(given special values\) in the header, found no such column; the columns are "a", "bad", "c"$' \
	imp --table cs --special nosuch=-1 "$tmp/case.csv"
printf 'a,status\n1,Bad\n2,Good\n' >"$tmp/status.csv"
expect 1 '^riskdesk: .*status\.csv: no row has the bad value "bad" in column "status"; values found: "Bad", "Good"$' \
	imp --table st --target status --bad bad "$tmp/status.csv"

# ------------------------------------- 7. every suggestion is an option
# Each warning of these imports that tells what to import with names the
# option itself, "--name", not a description of it.
: >"$tmp/warnings"
for f in hostile-nonfinite hostile-decimal hostile-thousands import-sentinel \
    import-leadzero import-dates import-noheader import-dupnames; do
	"$RISKDESK" import --db "$tmp/w.db" --table w --replace "$rw/$f.csv" \
	    2>/dev/null | grep '^warning:' >>"$tmp/warnings"
done
"$RISKDESK" import --db "$tmp/w.db" --table w --replace "$tmp/words.csv" \
    2>/dev/null | grep '^warning:' >>"$tmp/warnings"
n=$(grep -cE 'import with|declare (it|them)' "$tmp/warnings")
ok "the warnings that suggest an option: $n, wanted 12 or more" [ "$n" -ge 12 ]
bad=$(grep -E 'import with|declare (it|them)' "$tmp/warnings" |
	grep -vE '(import with|declare (it|them):) --[a-z]' || true)
ok "a warning suggests an option without naming it: $bad" [ -z "$bad" ]

# -------------------------------------------------------- 8. cosmetics
printf '\n\n\n' >"$tmp/blank.csv"
expect 1 '^riskdesk: .*blank\.csv:1: expected a header line, found only blank lines: no header line and no data rows$' \
	imp --table bl "$tmp/blank.csv"
printf '\r\n  \n\t\n\n' >"$tmp/blank2.csv"
expect 1 'blank2\.csv:1: expected a header line, found only blank lines: no header line and no data rows$' \
	imp --table bl "$tmp/blank2.csv"
: >"$tmp/empty.csv"
expect 1 'empty\.csv:1: expected a header line, found an empty file: no header line and no data rows$' \
	imp --table bl "$tmp/empty.csv"
# Blank lines before the header are skipped; a header without rows warns.
printf '  \n\na,b\n1,2\n' >"$tmp/lead.csv"
expect 0 "" imp --table ld "$tmp/lead.csv"
has_text 'imported 1 rows into table "ld" (2 columns)'
printf 'a,b\n\n' >"$tmp/hdr.csv"
expect 0 "" imp --table hd "$tmp/hdr.csv"
has_text 'warning: the file has a header line but no data rows: the table is empty'
# Without a target the summary counts no bads.
expect 0 "" imp --table nt "$tmp/case.csv"
has_text '  no target (no bads or goods counted), rows refused 0'
lacks_text 'bads 0'
expect 0 "" imp --table nt --replace --json "$tmp/case.csv"
has_text '"target": null,'
has_text '"bads": null,'
has_text '"goods": null,'
has_text '"indeterminate": null,'
expect 0 "" imp --table nt --replace --json --target bad --bad 1 "$tmp/case.csv"
has_text '"target": "bad",'
has_text '"bads": 2,'
expect 0 "" "$RISKDESK" profile --db "$db" --table ld --json
has_text '"target": null,'
has_text '"bads": null,'
# Repeated names as the file spells them.
printf 'x,Income,income,INCOME\n1,2,3,4\n' >"$tmp/dup.csv"
expect 0 "" imp --table dp "$tmp/dup.csv"
has_text 'warning: column 3, "income", repeats the name of column 2, "Income" (names compare without case); named "income.1"'
has_text 'warning: column 4, "INCOME", repeats the name of column 2, "Income" (names compare without case); named "INCOME.2"'
expect 2 '^riskdesk: --names: name 3, "AGE", repeats name 2, "age" \(case does not tell names apart\)$' \
	imp --table dp2 --no-header --names 'x,age,AGE,y' "$tmp/dup.csv"

# Numbers as ledgers and spreadsheets export them.  A negative in
# parentheses is read as one ("(250.00)" is -250.00), in every numeric
# column and under --type, and said, with --type col=text to keep the
# column as text; never --na, which would make -250 missing.  A percent
# sign or a currency sign or code: no option reads them, so the column
# stays text, said with what each cell would be written as (a percentage
# as the fraction it stands for) and how to keep the column as text.
printf '%s\n' 'id,amount,rate,limit,fee,y' '1,"1,234.50",12%,$1000,10 EUR,1' \
	'2,(250.00),5%,$2000,12 EUR,0' '3,99,7.5%,$3000,(EUR 3),0' \
	'4,1e6,3 %,"$4,000",4 EUR,1' >"$tmp/ledger.csv"
expect 0 "" imp --table ledger --target y --bad 1 "$tmp/ledger.csv"
has_text 'warning: column "amount" is stored as text: of its 4 values, 3 are numbers as written and 1 is written with thousands separators ("1,234.50" at line 2); to read them as numbers, import with --thousands ,'
has_text 'warning: column "rate" is stored as text: of its 4 values, 4 are written with a percent sign (the first "12%" at line 2); no option of import reads a percent sign: to read the column as numbers, write those cells as plain numbers in the file ("12%" as 0.12, the fraction it stands for); to keep it as text without this warning, import with --type rate=text'
has_text 'warning: column "limit" is stored as text: of its 4 values, 4 are written with a currency (the first "$1000" at line 2); no option of import reads a currency sign or code: to read the column as numbers, write those cells as plain numbers in the file ("$1000" as 1000); to keep it as text without this warning, import with --type limit=text'
has_text 'warning: column "fee" is stored as text: of its 4 values, 4 are written with a currency (the first "10 EUR" at line 2); no option of import reads a currency sign or code: to read the column as numbers, write those cells as plain numbers in the file ("10 EUR" as 10); to keep it as text without this warning, import with --type fee=text'
lacks_text ' --na '
expect 0 "" imp --table ledger --replace --json --target y --bad 1 "$tmp/ledger.csv"
has_text '"--type rate=text"'
lacks_text '"--na'
expect 0 "" imp --table ledger --replace --target y --bad 1 --thousands , \
	"$tmp/ledger.csv"
contains '^  amount +real +missing 0$'
has_text 'warning: column "amount": 1 value is a number in parentheses, as ledgers write a negative ("(250.00)" at line 3), read as a negative ("(250.00)" is -250.00); if the parentheses mean something else, import with --type amount=text to keep the column as text'
same "(250.00) read as -250" "$(sqlite3 "$db" "SELECT amount FROM ledger WHERE id = 2")" -250.0
expect 0 "" imp --table ledger --replace --target y --bad 1 --type amount=text \
	--type rate=text --type limit=text --type fee=text "$tmp/ledger.csv"
lacks_text 'warning'
same "--type text keeps (250.00)" "$(sqlite3 "$db" "SELECT amount FROM ledger WHERE id = 2")" "(250.00)"
# Read as numbers where the type says so (as decide reads a column
# developed as numbers): a percentage is refused with what to write, a
# negative in parentheses read as one; "(4.0)" makes a column real as
# "4.0" does, "(4)" among integers is an integer.
expect 1 'ledger.csv:2: column "rate" \(field 3\): expected a number, found "12%", a percentage \(12% is 0.12\): write it 0.12;' \
	imp --table ledger2 --target y --bad 1 --type rate=real "$tmp/ledger.csv"
printf '%s\n' 'id,amount,n,y' '1,5,2,1' '2,(250.00),(3),0' '3,(1.5),(4.0),0' >"$tmp/ledger2.csv"
expect 0 "" imp --table ledger2 --strict --target y --bad 1 --type amount=real \
	"$tmp/ledger2.csv"
has_text 'warning: column "amount": 2 values are numbers in parentheses, as ledgers write negatives (the first "(250.00)" at line 3), read as negatives ("(250.00)" is -250.00); if the parentheses mean something else, import with --type amount=text to keep the column as text'
contains '^  n +real +missing 0$'
has_text 'warning: column "n": 2 values are numbers in parentheses, as ledgers write negatives (the first "(3)" at line 3), read as negatives ("(3)" is -3)'
same "(1.5) and (4.0) read as -1.5 and -4.0" "$(sqlite3 "$db" "SELECT amount, n FROM ledger2 WHERE id = 3")" "-1.5|-4.0"
printf '%s\n' 'id,n,y' '1,2,1' '2,(3),0' '3,(4),0' >"$tmp/ledger3.csv"
expect 0 "" imp --table ledger3 --target y --bad 1 "$tmp/ledger3.csv"
contains '^  n +integer +missing 0$'
same "(4) read as the integer -4" "$(sqlite3 "$db" "SELECT typeof(n), n FROM ledger3 WHERE id = 3")" "integer|-4"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
