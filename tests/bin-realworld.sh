#!/bin/sh
# bin-realworld.sh - binning on files shaped like real application files:
# identifiers (an application number, a row number, a recorded id) left
# out of binning and fitting with the reason; a text column of many rare
# levels (the "other" group merged with another bin, which overflowed the
# heap), a unique id of 100,000 rows (classing in n log n), levels seen
# only in rows without an outcome, splits that would leave a bin empty,
# the PSI of a score and the CSI of its characteristic on the same bins,
# and the zero-cell adjustment marked in a scorecard's points table.
#
# Fixtures (tests/data/realworld/, invented data):
#   bin-applications.csv  600 applications: app_no A1000001.., seq 1..600,
#       employer (69 levels, 64 of them under 1% of the rows), channel
#       ("kiosk" only on the 57 rejected applications, which have no
#       outcome), age, income, bad (1, 0 or empty)
#   bin-psi-dev.csv  x = 1 (300 rows, 90 bad), 2 (300, 45), 3 (400, 20)
#   bin-psi-new.csv  x = 1 (200 rows), 3 (300), 4 (50): no x = 2
# Larger files are generated here with awk.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/bin-realworld-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
data="$top_srcdir/tests/data/realworld"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

# python3 checks of the JSON on stdout (bootstrap installs python3).
command -v python3 >/dev/null 2>&1 || {
	echo "bin-realworld: python3 is needed to read the JSON (./bootstrap installs it)"
	exit 99
}
pycheck() {
	if python3 -c "$1" "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: $2"; fails=$((fails + 1)); fi
}

expect 0 "" "$RISKDESK" import --db "$db" --table apps --target bad --bad 1 \
	"$data/bin-applications.csv"

# Identifiers: the application number (text, unique) and the row number
# (whole numbers 1..600), recorded as such by the import, are left out
# with the import's reason, in text and JSON.
expect 0 "" "$RISKDESK" bin --db "$db" --table apps
contains '^  left out \(never binned, ranked or fitted\):$'
contains '^  app_no +identifier: 600 distinct values in 600 rows$'
contains '^  seq +identifier: row number 1\.\.600$'
lacks '^app_no \('
lacks '^seq \('
# The employer: many levels, warned about; the kiosk channel: no outcome.
contains '^  warning: 69 levels \(more than 50\): a WoE per level'
contains '^  warning: 1 level \(kiosk; 23 rows\) is seen only in rows without a known outcome: no bad rate, so in no bin; it takes the unseen-level fallback, bin [0-9]+'
expect 0 "" "$RISKDESK" bin --db "$db" --table apps --json
pycheck '
import json, sys
o = json.load(open(sys.argv[1]))
lo = {x["name"]: x["reason"] for x in o["left_out"]}
assert lo == {"app_no": "identifier: 600 distinct values in 600 rows",
              "seq": "identifier: row number 1..600"}, lo
c = {x["name"]: x for x in o["characteristics"]}
assert set(c) == {"employer", "channel", "age", "income"}, set(c)
e = c["employer"]
assert e["levels"] == 69 and e["many_levels"] is True
assert any("69 levels (more than 50)" in w for w in e["warnings"])
assert o["spec"]["many_levels"] == 50
f = c["channel"]["unseen_level_fallback"]
assert f["levels"] == 1 and f["rows"] == 23 and f["rows_with_outcome"] == 0
assert not any("kiosk" in b["categories"] for b in c["channel"]["bins"]
               if b["kind"] == "levels")
' "bin --json: identifiers, many levels, levels without an outcome"

# Named characteristics alone are read and binned.
expect 0 "" "$RISKDESK" bin --db "$db" --table apps --char channel --json
pycheck '
import json, sys
o = json.load(open(sys.argv[1]))
assert [c["name"] for c in o["characteristics"]] == ["channel"]
' "bin --char: only the named characteristic"

# Naming an identifier says why it is not binned.
expect 1 'column "app_no" of table "apps" is not binned: identifier: 600 distinct values in 600 rows \(an identifier is never binned, ranked or fitted\)' \
	"$RISKDESK" bin --db "$db" --table apps --char app_no
expect 1 'column "seq" of table "apps" is not binned' \
	"$RISKDESK" bin --db "$db" --table apps --char seq --merge 1

cat >"$tmp/spec.yaml" <<EOF
format: riskdesk binning
version: 1
table: apps
characteristics:
  - name: app_no
    type: text
    groups: [[A1000001]]
EOF
expect 1 "spec.yaml:5:.*'app_no' of table 'apps' is not binned: identifier: 600 distinct values in 600 rows" \
	"$RISKDESK" bin --db "$db" --table apps --apply "$tmp/spec.yaml"

# A recorded identifier (as import records one) keeps its note, and the
# fit lists both identifiers as left out.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$db" "INSERT OR REPLACE INTO rd_column(tbl, col, role, note)
	    VALUES ('apps', 'seq', 'identifier', 'identifier: row number')"
	expect 0 "" "$RISKDESK" bin --db "$db" --table apps
	contains '^  seq +identifier: row number$'
fi
expect 0 "" "$RISKDESK" fit --db "$db" --table apps --name apps
contains '^  channel: 1 level in no bin \(kiosk; 23 rows, 0 with a known outcome\) scores as bin [0-9]+ \([a-z]+\), the unseen-level fallback$'
contains '^  app_no: identifier: 600 distinct values in 600 rows$'
contains '^  seq: identifier'
lacks '^  (app_no|seq) +-?[0-9]'

# An employer column of 150 rare levels (20,000 rows): the "other" group
# merged with another bin used to overflow the heap in coarse classing.
awk 'BEGIN {
	print "employer,score,bad"; s = 7
	for (i = 1; i <= 20000; i++) {
		s = (s * 1103515245 + 12345) % 2147483648
		u = s / 2147483648
		if (u < 0.55) e = sprintf("big%d", 1 + int(u * 20) % 4)
		else e = sprintf("firm%03d", int((u - 0.55) / 0.45 * 150))
		s = (s * 1103515245 + 12345) % 2147483648
		v = s / 2147483648
		p = (e ~ /^firm/) ? 0.35 : 0.1 + 0.05 * substr(e, 4)
		printf "%s,%d,%d\n", e, int(v * 100), (v < p) ? 1 : 0
	}
}' >"$tmp/employers.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table emp --target bad --bad 1 \
	"$tmp/employers.csv"
expect 0 "" "$RISKDESK" bin --db "$db" --table emp --char employer
contains '^employer \(text, optimal binning'
contains 'other \(firm'
contains '^  warning: 154 levels \(more than 50\)'
expect 0 "" "$RISKDESK" fit --db "$db" --table emp --name emp

# A unique 8-character id of 100,000 rows and no record: found by the
# rule, never binned; the classing of a text column is n log n (this
# took 12.8 s when every row's level was searched for by text).
awk 'BEGIN {
	print "app_no,grade,bad"; s = 11
	for (i = 1; i <= 100000; i++) {
		s = (s * 1103515245 + 12345) % 2147483648
		g = substr("ABCDE", 1 + int(s / 2147483648 * 5), 1)
		printf "K%07d,%s,%d\n", i, g, (i % 7 < index("ABCDE", g) / 2)
	}
}' >"$tmp/ids.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table ids --target bad --bad 1 \
	"$tmp/ids.csv"
start=$(date +%s)
expect 0 "" "$RISKDESK" bin --db "$db" --table ids
took=$(( $(date +%s) - start ))
contains '^  app_no +identifier: 100,000 distinct values in 100,000 rows$'
contains '^grade \(text'
if [ "$took" -le 20 ]; then passes=$((passes + 1))
else echo "FAIL: bin of 100,000 ids took $took s"; fails=$((fails + 1)); fi

# Splits that would leave a bin without rows of known outcome are refused
# and save nothing.
expect 0 "" "$RISKDESK" import --db "$db" --table dev --target bad --bad 1 \
	"$data/bin-psi-dev.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table new --target bad --bad 1 \
	"$data/bin-psi-new.csv"
expect 0 "" "$RISKDESK" bin --db "$db" --table dev --char x
contains '^  +3 \[3, inf\) +400 '
expect 1 "cannot split bin 3 of 'x' \(\[3, inf\)\): every row with a known outcome has the value 3, so a part would be empty" \
	"$RISKDESK" bin --db "$db" --table dev --char x --split 3:3.5
expect 1 "cannot split bin 1 of 'x' \(\[-inf, 2\)\): every row with a known outcome has the value 1" \
	"$RISKDESK" bin --db "$db" --table dev --char x --split 1:0
expect 0 "" "$RISKDESK" bin --db "$db" --table dev --char x
contains '^x \(numeric, optimal binning'

# PSI of the score and CSI of its one characteristic on the same bins.
# Development x bins [-inf, 2) [2, 3) [3, inf): 300, 300, 400 rows; the
# new table 200, 0, 350 (x = 4 goes to the last range).  Bin 2 is empty
# in the new table only: its 0 becomes 0.5, totals 1000 and 550.5:
#   (200/550.5 - 0.3) ln((200/550.5)/0.3)     = 0.0121210...
#   (0.5/550.5 - 0.3) ln((0.5/550.5)/0.3)     = 1.7347239...
#   (350/550.5 - 0.4) ln((350/550.5)/0.4)     = 0.1092706...
#   CSI = 1.8561155930083668 (Python 3.11, math.log, the same sums)
# The score takes 3 values; its quantile bins from the development
# scores add 3 bins empty in both samples, which add nothing.
expect 0 "" "$RISKDESK" fit --db "$db" --table dev --name onex
expect 0 "" "$RISKDESK" bin --db "$db" --table dev --csi new --char x
contains '^x: CSI 1\.8561, significant shift \(adjusted \*\)$'
contains 'empty in the other sample'
contains 'its zero count became 0\.5 and the totals were re-summed'
expect 0 "" "$RISKDESK" bin --db "$db" --table dev --csi new --char x --json
cp "$tmp/out" "$tmp/csi.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name onex --psi-table new
contains 'empty in both samples: adds nothing'
contains 'empty in the other sample'
contains 'its zero count became 0\.5'
expect 0 "" "$RISKDESK" validate --db "$db" --name onex --psi-table new --json
cp "$tmp/out" "$tmp/psi.json"
pycheck '
import json, sys, os
d = os.path.dirname(sys.argv[1])
csi = json.load(open(os.path.join(d, "csi.json")))["characteristics"][0]
psi = json.load(open(os.path.join(d, "psi.json")))["psi"]
# The JSON carries 12 significant digits.
assert abs(csi["csi"] - 1.8561155930083668) < 1e-10, csi["csi"]
assert abs(psi["psi"] - csi["csi"]) < 1e-10, (psi["psi"], csi["csi"])
assert csi["adjusted"] is True and csi["adjustment"] == 0.5
assert psi["adjusted"] is True and psi["adjustment"] == 0.5
assert psi["psi_strict"] is None
assert [b["empty"] for b in csi["bins"]] == ["no", "this table", "no"]
e = [b["empty"] for b in psi["bins"]]
assert e.count("both") == 3 and e.count("other") == 1, e
' "validate --psi-table and bin --csi: the same value on the same bins"

# The zero-cell adjustment marked in the points table: a missing bin
# with no bads.
awk 'BEGIN {
	print "x,bad"
	for (i = 0; i < 300; i++) printf "%d,%d\n", 1 + i % 3, (i % 3 == 0 && i % 9 < 6) || i % 11 == 0
	for (i = 0; i < 30; i++) print ",0"
}' >"$tmp/adj.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table adj --target bad --bad 1 \
	"$tmp/adj.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table adj --name adj
contains '^  +missing +30 +[0-9.]+\* +[0-9]+$'
contains '^  \* WoE adjusted: the bin has no goods or no bads'
expect 0 "" "$RISKDESK" fit --db "$db" --table adj --name adj --json
pycheck '
import json, sys
o = json.load(open(sys.argv[1]))
b = o["characteristics"][0]["bins"]
assert [x["adjusted"] for x in b] == [False] * (len(b) - 1) + [True], b
' "fit --json: adjusted WoE flagged"

# Values that mean something else, and codes, warned about by bin as by
# import and profile (tests/data/realworld/import-sentinel.csv: income
# -999 on 6 of 60 rows over 2383..90246, age 99 on 5 rows over 18..70,
# months_since 96 and 98 on 7 rows over 1..55; SEX 1/2, EDUCATION 1..6).
expect 0 "" "$RISKDESK" import --db "$db" --table sn --target y --bad 1 \
	"$data/import-sentinel.csv"
expect 0 "" "$RISKDESK" bin --db "$db" --table sn
contains '^  warning: column "income": -999 \(6 rows, 10\.00% of the values\) is negative where no other value is \(2383 to 90246\);.* --special income=-999$'
contains '^  warning: column "age": 99 \(5 rows, 8\.33% of the values\) is a code of nines above the other values \(18 to 70\);.* --special age=99$'
contains '^  warning: column "months_since": 96,98 \(7 rows, 11\.67% of the values\) are a code of nines'
contains '^  warning: column "SEX" holds 2 distinct whole numbers \(1, 2\): if they are codes rather than quantities, re-import with --type SEX=text to class them as categories$'
lacks 'column "util"'
# Declared, the value has a bin of its own and the warning goes.
expect 0 "" "$RISKDESK" bin --db "$db" --table sn --char income --special income=-999
contains '^ +[0-9]+ special -999 +6 '
lacks 'warning: column "income"'
expect 0 "" "$RISKDESK" bin --db "$db" --table sn --char EDUCATION --json
pycheck '
import json, sys
o = json.load(open(sys.argv[1]))
w = o["characteristics"][0]["warnings"]
assert w == ["column \"EDUCATION\" holds 6 distinct whole numbers (1, 2, 3, 4, 5, 6): if they are codes rather than quantities, re-import with --type EDUCATION=text to class them as categories"], w
' "bin --json: codes offered as categories"

# A characteristic that splits goods from bads on its own (spend 0 for
# every bad, as expenditure in AER's CreditCard; goods at 0 to 99) is
# named as such, IV unbounded, never "single bin, IV 0".
awk 'BEGIN {
	print "spend,age,bad"
	for (i = 0; i < 400; i++)
		printf "%d,%d,%d\n", i % 4 == 0 ? 0 : i % 100, 20 + i % 50, i % 4 == 0 && i % 8 != 0
}' >"$tmp/sep.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table sep --target bad --bad 1 \
	"$tmp/sep.csv"
expect 0 "" "$RISKDESK" bin --db "$db" --table sep --char spend
contains '^  spend +numeric +1 +inf separates +- +-  separates goods from bads$'
contains '^  warning: separates goods from bads on its own \(every bad at 0 or below, every good at 0 or above; only 0 holds both\): .*riskdesk bin --char spend --split'
lacks 'single bin'
expect 0 "" "$RISKDESK" bin --db "$db" --table sep --char spend --json
pycheck '
import json, sys
c = json.load(open(sys.argv[1]))["characteristics"][0]
assert c["iv"] is None and c["strength"] is None and c["gini"] is None, c
assert c["status"] == "separates goods from bads", c["status"]
assert c["separates"].startswith("separates goods from bads on its own"), c
' "bin --json: a separating characteristic"

# Levels whose IV chance explains, and a pure level hidden by a merge.
# bin-noise-pure.csv (1,000 rows, bad rate 22.4%): code is 40 random
# levels; grade is strongly related; flag is Y on 16 rows, all bad.  The
# J-divergence test of the fine bins (R 4.2.2: IV = sum((g/G - b/B) *
# log((g/G) / (b/B))) with 0.5 added to both counts of a pure level,
# pchisq(IV / (1/G + 1/B), levels - 1, lower.tail = FALSE)): code p =
# 0.943621804712194 on 40 levels (IV 0.150095211850817), grade p =
# 1.23853682587529e-58 on 6.  flag: 0.224^16 = 4e-11 < 1%: named.
expect 0 "" "$RISKDESK" import --db "$db" --table np --target bad --bad 1 \
	"$data/bin-noise-pure.csv"
expect 0 "" "$RISKDESK" bin --db "$db" --table np
contains "^  warning: the IV of its 40 fine bins is within what chance gives \(p = 0.94 under no association, J-divergence test\)"
lacks "IV of its 6 fine bins"
contains "^  warning: level Y holds only bads \(16 of 16 rows with a known outcome\) but was merged into Y, N: .*a knock-out rule candidate, or keep it apart with riskdesk bin --char 'flag' --move 'Y=new'"
expect 0 "" "$RISKDESK" bin --db "$db" --table np --json
pycheck '
import json, sys
c = {x["name"]: x for x in json.load(open(sys.argv[1]))["characteristics"]}
assert abs(c["code"]["chance_p"] - 0.943621804712194) < 1e-9, c["code"]
assert abs(c["grade"]["chance_p"] / 1.23853682587529e-58 - 1) < 1e-6, c["grade"]
assert c["flag"]["chance_p"] is None and c["code"]["pure_merged"] is None
assert c["flag"]["pure_merged"].startswith("level Y holds only bads"), c["flag"]
' "bin --json: chance_p and pure_merged"
expect 0 "" "$RISKDESK" bin --db "$db" --table np --char flag --move Y=new
lacks "level Y holds only bads"
contains '^ +2 Y +16 +0 +16 +100.00%'

# A binning saved before an import --replace is kept, and said to apply.
expect 0 "" "$RISKDESK" bin --db "$db" --table np --char flag --move Y=new --save
expect 0 "" "$RISKDESK" import --db "$db" --table np --target bad --bad 1 \
	--replace "$data/bin-noise-pure.csv"
contains "^warning: the saved binning of flag was made on the rows before this import and still applies: .*--char <name> --reset$"
expect 0 "" "$RISKDESK" bin --db "$db" --table np --char flag --reset

echo "bin-realworld: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
