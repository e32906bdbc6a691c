#!/bin/sh
# golden.sh - each report format on the bundled German credit data,
# compared byte for byte with tests/golden/.  Regenerate only with
# 'make update-golden' (UPDATE_GOLDEN=1) and review the diff.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/golden-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
gold="$top_srcdir/tests/golden"
status=0

"$RISKDESK" import --db "$db" --table german_credit --target creditability \
	--bad bad "$top_srcdir/data/german_credit.csv" >/dev/null || exit 1
"$RISKDESK" fit --db "$db" --table german_credit --name german \
	>"$tmp/fit.txt" || exit 1
"$RISKDESK" fit --db "$db" --table german_credit --name german --json \
	>"$tmp/fit.json" || exit 1
# Policies are named by a path relative to the source tree so that the
# file names in the output do not depend on where the tree is.
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
	--policy policies/example.yaml) >"$tmp/report.txt" || exit 1
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
	--policy policies/example.yaml --format json) >"$tmp/report.json" || exit 1
(cd "$top_srcdir" && "$RISKDESK" --report --db "$db" \
	--policy policies/example.yaml --challenger policies/challenger.yaml) \
	>"$tmp/report-challenger.txt" || exit 1

for f in fit.txt fit.json report.txt report.json report-challenger.txt; do
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$tmp/$f" "$gold/$f"; echo "golden: wrote tests/golden/$f"
	elif ! cmp -s "$tmp/$f" "$gold/$f"; then
		echo "golden: $f differs from tests/golden/$f:"
		diff -u "$gold/$f" "$tmp/$f" | head -n 40
		status=1
	else
		echo "golden: $f ok"
	fi
done
exit "$status"
