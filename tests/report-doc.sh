#!/bin/sh
# report-doc.sh - the model and policy document (riskdesk --report
# --document, --format html | xlsx) on the bundled German credit data:
# the options' errors; every figure of the HTML page and of the workbook
# against the JSON document (tests/doc-check.py, standard library only);
# byte-stable output but for the stated time; a self-contained page under
# 2 MB; the golden files tests/golden/document.*; the output whole or not
# at all.  Regenerate the golden files with 'make update-golden'.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/report-doc-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
german="$top_srcdir/data/german_credit.csv"
gold="$top_srcdir/tests/golden"
check="$top_srcdir/tests/doc-check.py"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

# The development table; its last 400 rows as a later table to compare
# with (PSI and CSI); a scorecard with a 30% holdout.
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$german"
{ head -n 1 "$german"; tail -n 400 "$german"; } >"$tmp/recent.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table german_recent \
	--target creditability --bad bad "$tmp/recent.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german \
	--holdout 0.3 --seed 7

# Options.
expect 2 "go with --report" "$RISKDESK" --db "$db" --document
expect 2 "go with --report" "$RISKDESK" --db "$db" --report-time 0
expect 2 "expected text, json, html or xlsx" "$RISKDESK" --report \
	--db "$db" --policy "$top_srcdir/policies/example.yaml" --format pdf
expect 2 "--report-time: expected a UTC time" "$RISKDESK" --report \
	--db "$db" --policy "$top_srcdir/policies/example.yaml" --format html \
	--report-time 2024-05-01
# Times the calendar does not have: February 2024 has 29 days, a year 12
# months, a day 24 hours (00-23), a minute 60 seconds (POSIX time has no
# leap second); none is carried over to the next day or month.
for t in 2024-02-30T00:00:00Z 2023-02-29T12:00:00Z 2024-04-31T00:00:00Z \
    2024-13-01T00:00:00Z 2024-00-10T00:00:00Z 2024-05-00T00:00:00Z \
    2024-05-01T25:00:00Z 2024-05-01T24:00:00Z 2024-05-01T09:60:00Z \
    2024-05-01T09:30:60Z 2024-05-01T-1:30:00Z; do
	expect 2 "--report-time: \"$t\" is no date and time of the calendar" \
		"$RISKDESK" --report --db "$db" \
		--policy "$top_srcdir/policies/example.yaml" --format html \
		--report-time "$t" --output "$tmp/bad-time.html"
done
ok "a refused time writes no file" test ! -e "$tmp/bad-time.html"
# The last day of February in a leap year is a day.
expect 0 "" "$RISKDESK" --report --db "$db" \
	--policy "$top_srcdir/policies/example.yaml" --format html \
	--report-time 2024-02-29T23:59:59Z --output "$tmp/leap.html"
ok "the leap day is stated" grep -q "2024-02-29T23:59:59Z" "$tmp/leap.html"
# A time of 0 would make the workbook's creation time "now".
for t in 0 1970-01-01T00:00:00Z; do
	expect 2 "--report-time: expected a UTC time after 1970-01-01T00:00:00Z" \
		"$RISKDESK" --report --db "$db" \
		--policy "$top_srcdir/policies/example.yaml" --format xlsx \
		--report-time "$t"
done
expect 1 "no_such_table" "$RISKDESK" --report --db "$db" \
	--policy "$top_srcdir/policies/example.yaml" --format html \
	--psi-table no_such_table --output "$tmp/none.html"
ok "a failed document leaves no file" test ! -e "$tmp/none.html"
expect 4 "" "$RISKDESK" --report --db "$db" \
	--policy "$top_srcdir/policies/example.yaml" --format html \
	--output "$tmp/no/such/dir/doc.html"

# The document in every format, from the source tree so the policies'
# names are relative; twice, for byte stability.
T=2024-05-01T09:30:00Z
for f in json html xlsx text; do
	if (cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
	    --policy policies/example.yaml \
	    --challenger policies/challenger.yaml --psi-table german_recent \
	    --document --report-time "$T" --format "$f" \
	    --output "$tmp/doc.$f") 2>"$tmp/err"; then
		passes=$((passes + 1))
	else
		echo "FAIL: --format $f"; cat "$tmp/err"; fails=$((fails + 1))
	fi
	(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
	    --policy policies/example.yaml \
	    --challenger policies/challenger.yaml --psi-table german_recent \
	    --document --report-time "$T" --format "$f") >"$tmp/again.$f"
	ok "--format $f gives the same bytes twice" \
		cmp -s "$tmp/doc.$f" "$tmp/again.$f"
done
# html and xlsx are always the document; text without --document is the
# policy report.
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
    --policy policies/example.yaml --challenger policies/challenger.yaml \
    --psi-table german_recent --report-time "$T" --format html) \
    >"$tmp/nodoc.html"
ok "html is the document without --document" \
	cmp -s "$tmp/doc.html" "$tmp/nodoc.html"
for s in "== characteristic analysis" "== model" "== performance" \
    "== stability" "== policy" "inputs (SHA-256):" \
    "riskdesk $("$RISKDESK" --version | cut -d' ' -f2), made $T"; do
	ok "the text document has '$s'" grep -qF -- "$s" "$tmp/doc.text"
done
# One reading of a PSI or CSI, in monitor's and validate's words, in the
# conventions and in the stability section alike.
ok "the conventions read PSI and CSI as monitor does" grep -qF \
	"< 0.1 stable, 0.1-0.25 some shift, >= 0.25 significant shift" \
	"$tmp/doc.text"
ok "the stability section reads CSI in the same words" grep -qF \
	"  reading: < 0.1 stable, 0.1-0.25 some shift, >= 0.25 significant shift." \
	"$tmp/doc.text"
for f in text html json; do
	ok "no other wording (minor/major shift) in the $f document" \
		sh -c '! grep -qE "(minor|major) shift" "$1"' sh "$tmp/doc.$f"
done

# Another time changes only the stated time.
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
    --policy policies/example.yaml --challenger policies/challenger.yaml \
    --psi-table german_recent --report-time 1700000000 --format html) \
    >"$tmp/later.html"
sed 's/2023-11-14T22:13:20Z/TIME/g' "$tmp/later.html" >"$tmp/a"
sed "s/$T/TIME/g" "$tmp/doc.html" >"$tmp/b"
ok "only the stated time differs between two times" cmp -s "$tmp/a" "$tmp/b"
ok "the page states its time" grep -q "2023-11-14T22:13:20Z" \
	"$tmp/later.html"

# Cutoffs that override the policy file's (--cutoff) are stated in every
# output beside the file's: the refer bound keeps the band's width (515 /
# 500 moved to 523 gives 508), the page's policy table shows the refer
# bound the figures are at, and a stored run records the file's cutoffs
# and the SHA-256 of the policy and the scorecard.
moved="cutoffs overriding the policy file's (every figure is at these, not at the file's): renters 523, refer from 508 (the file: 515, refer from 500)"
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
    --policy policies/example.yaml --cutoff renters=523) >"$tmp/cut.txt"
ok "the text report states the moved cutoff beside the file's" \
	grep -qxF "$moved" "$tmp/cut.txt"
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
    --policy policies/example.yaml) >"$tmp/nocut.txt"
ok "a report at the file's cutoffs says nothing of it" \
	sh -c '! grep -q "cutoffs overriding" "$1"' sh "$tmp/nocut.txt"
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
    --policy policies/example.yaml --cutoff renters=523 --json) \
    >"$tmp/cut.json"
same "the JSON report's overridden cutoffs" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = [x for x in d["segments"] if x["name"] == "renters"][0]
print(d["policy"]["cutoffs_overridden"], s["cutoff"], s["file_cutoff"],
      s["refer"], s["file_refer"])' "$tmp/cut.json")" \
	"[{'segment': 'renters', 'cutoff': 523.0, 'file_cutoff': 515.0, 'refer': 508.0, 'file_refer': 500.0}] 523.0 515.0 508.0 500.0"
for f in text json html xlsx; do
	(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
	    --policy policies/example.yaml \
	    --challenger policies/challenger.yaml --psi-table german_recent \
	    --cutoff renters=523 --document --report-time "$T" --format "$f" \
	    --output "$tmp/cut.$f")
done
ok "the text document's header states the moved cutoff" \
	grep -qxF "champion $moved" "$tmp/cut.text"
same "the JSON document's header states it" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["document"]["cutoffs_overridden"]
print(d)' "$tmp/cut.json")" \
	"{'champion': [{'segment': 'renters', 'cutoff': 523.0, 'file_cutoff': 515.0, 'refer': 508.0, 'file_refer': 500.0}], 'challenger': []}"
ok "the page's header states it" grep -qF \
	"<p class=\"moved\">Champion $moved." \
	"$tmp/cut.html"
ok "the page's policy table: cutoff 523*, refer from 508* (the moved band)" \
	grep -qF '<tr><td>renters</td><td data-f="def"><code>housing = '"'"'rent'"'"'</code></td><td class="n" data-f="num" data-j="/policy/segments/1/cutoff">523*</td><td class="n" data-f="num" data-j="/policy/segments/1/refer">508*</td>' \
	"$tmp/cut.html"
ok "the moved page's figures are the JSON document's" \
	python3 "$check" html "$tmp/cut.html" "$tmp/cut.json"
ok "the moved workbook's cells are the JSON document's" \
	python3 "$check" xlsx "$tmp/cut.xlsx" "$tmp/cut.json"
ok "the workbook states the moved cutoff" python3 -c '
import re, sys, zipfile
t = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
t = t.replace("&apos;", "\x27").replace("&#39;", "\x27")
sys.exit(0 if "renters 523, refer from 508 (the file: 515, refer from 500)" in t
         and "the champion\x27s cutoffs overriding the policy file\x27s" in t
         else 1)' "$tmp/cut.xlsx"
cp "$db" "$tmp/runs.db"
(cd "$top_srcdir" && "$RISKDESK" --report --db "$tmp/runs.db" \
    --policy policies/example.yaml --cutoff renters=523 --save-run) \
    >/dev/null 2>&1
"$RISKDESK" runs --db "$tmp/runs.db" >"$tmp/runs.txt"
ok "a stored run at moved cutoffs says so" grep -qxF \
	"  cutoffs no_property=525 renters=523 young=510 default=500, overriding the policy file's no_property=525 renters=515 young=510 default=500" \
	"$tmp/runs.txt"
psha=$(sha256sum "$top_srcdir/policies/example.yaml" | cut -d' ' -f1)
ok "a stored simulation run records the policy file's SHA-256" \
	grep -qxF "  sha256: policy $psha" "$tmp/runs.txt"
"$RISKDESK" runs --db "$tmp/runs.db" --json >"$tmp/runs.json"
same "its scorecard's SHA-256 is the document's" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]
d = json.load(open(sys.argv[2]))["document"]["inputs"]
c = [i for i in d if i["what"] == "scorecard"][0]
print(r["scorecard_sha256"] == c["sha256"], r["policy_sha256"] ==
      [i for i in d if i["what"] == "champion policy"][0]["sha256"],
      r["file_cutoffs"])' "$tmp/runs.json" "$tmp/cut.json")" \
	"True True no_property=525 renters=515 young=510 default=500"

# Every figure of the page and of the workbook is the JSON document's.
ok "the HTML's figures are the JSON report's" \
	python3 "$check" html "$tmp/doc.html" "$tmp/doc.json"
ok "the workbook's cells are the JSON report's" \
	python3 "$check" xlsx "$tmp/doc.xlsx" "$tmp/doc.json"
# The swap set's change line says what the text report says: rates in
# signed percentage points, EL signed.
ok "the page's challenger - champion line is the text report's" \
	python3 -c '
import html, re, sys
t = re.search(r"challenger - champion: (.*)", open(sys.argv[1]).read())
p = re.search(r"Challenger minus champion: (.*?)\.</p>",
              open(sys.argv[2]).read())
page = html.unescape(re.sub(r"<[^>]*>", "", p.group(1))) if p else None
print("text: %s\npage: %s" % (t.group(1) if t else None, page))
sys.exit(0 if t and page == t.group(1) and " pts, " in page else 1)' \
	"$tmp/doc.text" "$tmp/doc.html"
size=$(wc -c <"$tmp/doc.html")
ok "the page is under 2 MB ($size bytes)" test "$size" -lt 2097152
# The JSON document's sections are those of the commands.
"$RISKDESK" validate --db "$db" --name german --psi-table german_recent \
	--json >"$tmp/validate.json"
ok "the document's validation is riskdesk validate's" python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); v = json.load(open(sys.argv[2]))
sys.exit(0 if d["validation"] == v else 1)' "$tmp/doc.json" "$tmp/validate.json"
"$RISKDESK" bin --db "$db" --table german_credit --csi german_recent \
	--json >"$tmp/csi.json"
ok "the document's CSI is riskdesk bin --csi's" python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); c = json.load(open(sys.argv[2]))
sys.exit(0 if d["stability"]["csi"] == c else 1)' "$tmp/doc.json" "$tmp/csi.json"
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
    --policy policies/example.yaml --challenger policies/challenger.yaml \
    --curves --format json) >"$tmp/policy.json"
ok "the document's policy is --report --curves --format json's" python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
sys.exit(0 if d["policy"] == p else 1)' "$tmp/doc.json" "$tmp/policy.json"

ok "the IV ranking runs from the largest IV down" python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["characteristics"]
iv = {x["name"]: x["iv"] for x in c["characteristics"]}
r = [iv[n] if iv[n] is not None else float("inf") for n in c["iv_rank"]]
sys.exit(0 if len(r) == len(iv) == 20 and r == sorted(r, reverse=True)
         else 1)' "$tmp/doc.json"

# A population without outcomes: the policy on new applicants; what
# needs outcomes is n/a in the page as in the JSON.
tr -d '\r' <"$german" | sed 's/,[^,]*$//' >"$tmp/new_apps.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table new_apps "$tmp/new_apps.csv"
sed 's/^population: german_credit$/population: new_apps/' \
	"$top_srcdir/policies/example.yaml" >"$tmp/example-new-apps.yaml"
for f in json html xlsx; do
	expect 0 "" "$RISKDESK" --report --db "$db" \
		--policy "$tmp/example-new-apps.yaml" --report-time "$T" \
		--format "$f" --document --output "$tmp/new.$f"
done
ok "new applicants: the HTML's figures are the JSON report's" \
	python3 "$check" html "$tmp/new.html" "$tmp/new.json"
ok "new applicants: the workbook's cells are the JSON report's" \
	python3 "$check" xlsx "$tmp/new.xlsx" "$tmp/new.json"
ok "new applicants: bad rates are n/a with the reason" \
	grep -q "no known outcomes in table new_apps" "$tmp/new.html"

# A policy's own settings shown as written (an EAD given as a number, a
# condition) are the policy's, not figures: the page still ties out.
sed 's/^  ead: credit_amount$/  ead: 1000/' \
	"$top_srcdir/policies/example.yaml" >"$tmp/example-ead.yaml"
ok "the policy with a literal EAD sets it" grep -q "^  ead: 1000$" \
	"$tmp/example-ead.yaml"
for f in json html; do
	expect 0 "" "$RISKDESK" --report --db "$db" \
		--policy "$tmp/example-ead.yaml" --report-time "$T" \
		--format "$f" --document --output "$tmp/ead.$f"
done
ok "a literal EAD: the HTML's figures are the JSON report's" \
	python3 "$check" html "$tmp/ead.html" "$tmp/ead.json"

# Golden files.
for f in html json; do
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$tmp/doc.$f" "$gold/document.$f"
		echo "golden: wrote tests/golden/document.$f"
	elif cmp -s "$tmp/doc.$f" "$gold/document.$f"; then
		passes=$((passes + 1))
	else
		echo "FAIL: document.$f differs from tests/golden/document.$f:"
		diff -u "$gold/document.$f" "$tmp/doc.$f" | head -n 40
		fails=$((fails + 1))
	fi
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
