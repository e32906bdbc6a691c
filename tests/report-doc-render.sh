#!/bin/sh
# report-doc-render.sh - the HTML document renders in a browser: headless
# Chromium (Debian package chromium, installed by ./bootstrap) prints it
# to PDF on A4 (at least one page per section) and takes a screenshot
# that is not blank, with no console error (a resource not found, a
# script error); every chart has something drawn (tests/doc-check.py).
# Laid out on the width of A4 (tests/doc-layout.js), no table or figure
# overlaps another or the page's edge, and every chart's text is inside
# the chart, clear of its other texts; so is the page of riskdesk monitor
# --format html, by month and by quarter.  Without Chromium the test is
# skipped (exit 77) and says so, unless RISKDESK_REQUIRE_ENGINES=1, when
# it fails.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"

browser=""
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
	if [ "${RISKDESK_REQUIRE_ENGINES:-0}" = 1 ]; then
		echo "FAIL: no chromium to render the HTML document, and" \
		    "RISKDESK_REQUIRE_ENGINES=1 (install the Debian package" \
		    "chromium, or run ./bootstrap check)"
		exit 1
	fi
	echo "SKIP: report-doc-render.sh: no chromium, so the HTML document" \
	    "and the monitoring page" \
	    "were not rendered (install the Debian package chromium, or run" \
	    "./bootstrap check; RISKDESK_REQUIRE_ENGINES=1 makes this a" \
	    "failure)" | tee /dev/stderr
	exit 77
fi

tmp="${top_builddir:-.}/report-doc-render-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
german="$top_srcdir/data/german_credit.csv"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$german"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german \
	--holdout 0.3 --seed 7
expect 0 "" "$RISKDESK" --report --db "$db" \
	--policy "$top_srcdir/policies/example.yaml" \
	--challenger "$top_srcdir/policies/challenger.yaml" --format html \
	--output "$tmp/doc.html"
ok "every chart of the page has something drawn" python3 -c '
import sys; sys.path.insert(0, sys.argv[2])
import importlib.util as u
s = u.spec_from_file_location("dc", sys.argv[2] + "/doc-check.py")
m = u.module_from_spec(s); s.loader.exec_module(m)
p = m.Cells(); p.feed(open(sys.argv[1], encoding="utf-8").read())
print("charts: %d, drawn: %d" % (p.charts, p.drawn))
sys.exit(0 if p.charts > 10 and p.drawn == p.charts else 1)' \
	"$tmp/doc.html" "$top_srcdir/tests"

run() {
	timeout 180 "$browser" --headless --disable-gpu --no-sandbox \
	    --no-first-run --no-default-browser-check --disable-extensions \
	    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
	    "$@" "file://$tmp/doc.html" >"$tmp/out" 2>>"$tmp/log"
}

: >"$tmp/log"
if run --no-pdf-header-footer --print-to-pdf="$tmp/doc.pdf" &&
    [ -s "$tmp/doc.pdf" ]; then
	passes=$((passes + 1))
else
	echo "FAIL: $browser did not print the page to PDF"
	tail -n 20 "$tmp/log"; fails=$((fails + 1))
fi
pages=$(python3 -c '
import re, sys
d = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"/Type\s*/Page(?![s\w])", d)))' "$tmp/doc.pdf" \
	2>/dev/null || echo 0)
echo "pdf: $pages pages"
ok "the PDF has a page for each of the six sections at least ($pages)" \
	test "$pages" -ge 6
if run --hide-scrollbars --window-size=1000,1400 \
    --screenshot="$tmp/shot.png" && [ -s "$tmp/shot.png" ]; then
	passes=$((passes + 1))
else
	echo "FAIL: $browser took no screenshot"
	tail -n 20 "$tmp/log"; fails=$((fails + 1))
fi
ok "the screenshot is not blank" \
	python3 "$top_srcdir/tests/doc-check.py" png "$tmp/shot.png"
# The layout as printed on A4 (tests/doc-layout.js, run in a copy of the
# page at the width of A4, 794 px, laid out as for print on the 186 mm
# between the page's margins): no two tables or figures overlap (the
# development and holdout tables side by side only when both fit),
# nothing is wider than the page, every text of a chart is inside it
# and clear of the others (axis titles, tick labels, legend).
# layout <page.html> <what>
layout() {
	python3 -c '
import sys
page = open(sys.argv[1], encoding="utf-8").read()
js = open(sys.argv[2], encoding="utf-8").read()
i = page.rindex("</body>")
open(sys.argv[3], "w", encoding="utf-8").write(
    page[:i] + "<script>\n" + js + "</script>\n" + page[i:])' \
	    "$1" "$top_srcdir/tests/doc-layout.js" "$tmp/layout.html"
	timeout 180 "$browser" --headless --disable-gpu --no-sandbox \
	    --no-first-run --no-default-browser-check --disable-extensions \
	    --user-data-dir="$tmp/profile" --hide-scrollbars \
	    --window-size=794,1123 --dump-dom "file://$tmp/layout.html" \
	    >"$tmp/layout.dom" 2>"$tmp/layout.log"
	ok "$2: on A4 no table or figure overlaps another or the page's edge" \
	    python3 -c '
import html, re, sys
m = re.search(r"<pre id=\"layout-result\">(.*?)</pre>",
              open(sys.argv[1], encoding="utf-8").read(), re.S)
if m is None:
    print("the layout script wrote nothing (a script error?)")
    sys.exit(1)
lines = html.unescape(m.group(1)).strip().splitlines()
for l in lines:
    print("layout: " + l)
sys.exit(0 if len(lines) == 1 and lines[0].startswith("CHECKED") else 1)' \
	    "$tmp/layout.dom"
}
layout "$tmp/doc.html" "the document"
# The monitoring page of the bundled applications and snapshots, by
# month (18 periods, 18 months on book) and by quarter, with the
# policy's overrides: its tables of periods, characteristics and
# vintages cut to the page's width, the charts' period names inside
# them and clear of each other.
expect 0 "" "$RISKDESK" import --db "$db" --table applications --id app_id \
	"$top_srcdir/data/monitor-apps.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table performance \
	"$top_srcdir/data/monitor-perf.csv"
for by in month quarter; do
	expect 0 "" "$RISKDESK" monitor --db "$db" --name german --by "$by" \
	    --policy "$top_srcdir/policies/example.yaml" --format html \
	    --output "$tmp/monitor-$by.html"
	layout "$tmp/monitor-$by.html" "the monitoring page by $by"
done
# Console messages are logged as CONSOLE lines; a missing resource as
# net:: errors.
if grep -E "CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load" \
    "$tmp/log" >"$tmp/console"; then
	echo "FAIL: console errors while rendering:"; cat "$tmp/console"
	fails=$((fails + 1))
else
	passes=$((passes + 1))
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
