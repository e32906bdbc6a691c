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

# A population without a target: the German data without its last
# column (creditability) as new_apps, the example policies over it, run
# from the scratch folder so the policy names are relative.  Bad rates,
# AUC, Gini and KS are n/a with the reason; the rest is report.txt's.
tr -d '\r' <"$top_srcdir/data/german_credit.csv" | sed 's/,[^,]*$//' \
	>"$tmp/new_apps.csv"
"$RISKDESK" import --db "$db" --table new_apps "$tmp/new_apps.csv" \
	>/dev/null || exit 1
for p in example challenger; do
	sed 's/^population: german_credit$/population: new_apps/' \
		"$top_srcdir/policies/$p.yaml" >"$tmp/$p-new-apps.yaml"
done
(cd "$tmp" && "$RISKDESK" --report --db "$db" --policy example-new-apps.yaml \
	--challenger challenger-new-apps.yaml --optimise bad_rate=0.12) \
	>"$tmp/report-no-target.txt" || exit 1
(cd "$tmp" && "$RISKDESK" --report --db "$db" --policy example-new-apps.yaml \
	--challenger challenger-new-apps.yaml --format json) \
	>"$tmp/report-no-target.json" || exit 1

for f in fit.txt fit.json report.txt report.json report-challenger.txt \
    report-no-target.txt report-no-target.json; do
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
