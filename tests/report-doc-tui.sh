#!/bin/sh
# report-doc-tui.sh - the workbench writes the model and policy document
# (D on the Validation and Trade-offs screens) and says where: the page
# from the Validation screen is the one --report --format html writes,
# and the JSON document from the Trade-offs screen after a cutoff moved
# is --report --document --cutoff's (the moved cutoff, every figure).
# Uses the helpers of tests/tui.sh (tmux on a private socket; exit 77
# without tmux).
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/report-doc-tui-test.$$"
mkdir -p "$work" || exit 99
work=$(cd "$work" && pwd)
db="$work/doc.db"
if ! "$RISKDESK" import --db "$db" --table german_credit --target \
    creditability --bad bad "$csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    --holdout 0.3 --seed 7 >>"$work/setup.out" 2>&1; then
	echo "report-doc-tui: setup failed:"; cat "$work/setup.out"; exit 99
fi

start_workbench report-doc-tui --db "$db" --policy "$policy" \
    --challenger "$challenger"
wait_for rd "7 Trade"

# D, the path for the document, Enter.
write_doc() {
	T send-keys -t rd D
	wait_for rd "write the model and policy document"
	T send-keys -t rd C-u
	T send-keys -t rd -l "$1"
	T send-keys -t rd Enter
}

# Validation: D, a path, Enter.  A name ending in an extension of no
# format riskdesk writes is refused, and nothing is written.
T send-keys -t rd 5
wait_for rd "AUC"
write_doc "$work/x.pdf"
wait_for rd "not written"
expect "no .pdf format: name it .html, .xlsx, .json or .txt"
[ ! -e "$work/x.pdf" ] || fail "D to x.pdf wrote $work/x.pdf"
# The extension in any case: .HTML is the page.
write_doc "$work/valid.HTML"
wait_for rd "wrote"
expect "the model and policy document (HTML)"
if [ -s "$work/valid.HTML" ]; then
	"$RISKDESK" --report --db "$db" --policy "$policy" \
	    --challenger "$challenger" --format json --document \
	    >"$work/valid.json" 2>"$work/err" || fail "report: $(cat "$work/err")"
	python3 "$top_srcdir/tests/doc-check.py" html "$work/valid.HTML" \
	    "$work/valid.json" >"$work/check.out" ||
		fail "the workbench's page is not the report's: $(cat "$work/check.out")"
else
	fail "D on the Validation screen wrote no $work/valid.HTML"
fi
# .Xlsx is the workbook.
write_doc "$work/valid.Xlsx"
wait_for rd "(workbook)"
expect "the model and policy document (workbook)"
python3 "$top_srcdir/tests/doc-check.py" xlsx "$work/valid.Xlsx" \
    "$work/valid.json" >"$work/check.out" ||
	fail "the workbench's workbook is not the report's: $(cat "$work/check.out")"

# Trade-offs: raise the first segment's cutoff by one point, then D to
# a .json file.
T send-keys -t rd 7
wait_for rd "no_property"
T send-keys -t rd l
sleep 0.3
write_doc "$work/trade.json"
wait_for rd "wrote"
expect "the model and policy document (JSON)"
cut=$(python3 -c '
import json, sys
print("%g" % (json.load(open(sys.argv[1]))["policy"]["segments"][0]["cutoff"]))' \
    "$work/trade.json" 2>/dev/null)
[ "$cut" = 526 ] || fail "the document's first cutoff is '$cut', wanted 526"
moved=$(python3 -c '
import json, sys
print(json.load(open(sys.argv[1]))["document"]["cutoffs_overridden"]["champion"])' \
    "$work/trade.json" 2>/dev/null)
[ "$moved" = "[{'segment': 'no_property', 'cutoff': 526.0, 'file_cutoff': 525.0, 'refer': 511.0, 'file_refer': 510.0}]" ] ||
	fail "the document's header does not state the moved cutoff: '$moved'"
"$RISKDESK" --report --db "$db" --policy "$policy" --challenger "$challenger" \
    --cutoff no_property=526 --format json --document >"$work/cut.json" \
    2>"$work/err" || fail "report --cutoff: $(cat "$work/err")"
python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
for k in ("data", "characteristics", "model", "validation", "stability",
          "policy"):
    if a[k] != b[k]:
        print("section %s differs" % k); sys.exit(1)' \
    "$work/trade.json" "$work/cut.json" ||
	fail "the Trade-offs document is not --report --document --cutoff's"

# The moved cutoff is not saved: quitting asks first.
T send-keys -t rd q
wait_for rd "Quit"
T send-keys -t rd y
exited_ok "$rc_file"
[ "$status" -eq 0 ] && echo "report-doc-tui: ok"
exit "$status"
