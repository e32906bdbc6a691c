#!/bin/sh
# outcome-realworld.sh - populations whose outcomes are missing, known for
# some rows only, all good or all bad, through every command: --report
# (text and JSON, with a challenger, curves, the optimiser, cutoff
# overrides, a saved run), validate, bin, fit, fit --raw, profile, points,
# check-policy and link.  None may crash: a figure that needs outcomes is
# "n/a" with the reason (JSON: null and na_reason), the rest is computed
# and equals what the same applicants give with their outcomes; bin and
# fit, which cannot work without bads and goods, refuse with exit 1.
#
# The tables are the German credit data (data/german_credit.csv, read
# without its carriage returns; its last column, creditability, holds
# "good" or "bad" and no comma):
#   german_credit  with its target, for the scorecard german
#   new_apps       the file without its creditability column, imported
#                  without a target (as new applications arrive)
#   part           creditability kept on every third row, blank elsewhere
#   linked         applicants with an id, linked to the performance of
#                  every fourth one (riskdesk link)
#   good, bad      every outcome good, every outcome bad
#   unknown        a target whose every value is indeterminate
# The policies are policies/example.yaml and challenger.yaml with their
# population set to each table.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/outcome-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/rd.db"
german="$tmp/german.csv"
tr -d '\r' <"$top_srcdir/data/german_credit.csv" >"$german"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

pass() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
have_sqlite=0
command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

# policy_for TABLE: the example policy and challenger over TABLE, as
# $tmp/p-TABLE.yaml and $tmp/c-TABLE.yaml.
policy_for() {
	sed "s/^population: german_credit\$/population: $1/" \
	    "$top_srcdir/policies/example.yaml" >"$tmp/p-$1.yaml"
	sed "s/^population: german_credit\$/population: $1/" \
	    "$top_srcdir/policies/challenger.yaml" >"$tmp/c-$1.yaml"
	grep -q "^population: $1\$" "$tmp/p-$1.yaml" ||
		bad "policy for $1: the population line was not replaced"
}

# ------------------------------------------------------------- tables
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$german"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german

sed 's/,[^,]*$//' "$german" >"$tmp/new_apps.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table new_apps "$tmp/new_apps.csv"
contains 'imported 1,000 rows into table "new_apps" \(20 columns\)'

awk 'NR > 1 && NR % 3 != 2 { sub(/,[^,]*$/, ",") } { print }' "$german" \
	>"$tmp/part.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table part \
	--target creditability --bad bad "$tmp/part.csv"
contains 'bads 102, goods 232, indeterminate 666'

# Applicants with an id; the performance of every fourth one.
awk 'NR == 1 { print "app_id," $0; next } { print "A" NR - 1 "," $0 }' \
	"$tmp/new_apps.csv" >"$tmp/apps.csv"
awk 'NR == 1 { print "app_id,status"; next }
    NR % 4 == 2 { n = split($0, f, ","); print "A" NR - 1 "," f[n] }' \
	"$german" >"$tmp/perf.csv"
awk 'NR == 1 { print; next } { sub(/,[^,]*$/, ",good"); print }' \
	"$tmp/perf.csv" >"$tmp/perf-good.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table apps --id app_id \
	"$tmp/apps.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table perf --id app_id \
	"$tmp/perf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table perf_good --id app_id \
	"$tmp/perf-good.csv"
expect 0 "" "$RISKDESK" link --db "$db" --applicants apps \
	--performance perf --on app_id --target status --bad bad --as linked
contains 'linked 250 of 1,000 applicants into table "linked"'
contains 'bads 70, goods 180, indeterminate 750'
# Performance with no bad at all: a located refusal or a linked table,
# never a crash.
"$RISKDESK" link --db "$db" --applicants apps --performance perf_good \
	--on app_id --target status --bad bad --as linked_good \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && grep -q 'bad value' "$tmp/err"; }
then pass; else bad "link of all-good performance: exit $rc: $(cat "$tmp/err")"; fi

sed '2,$s/,bad$/,good/' "$german" >"$tmp/good.csv"
sed '2,$s/,good$/,bad/' "$german" >"$tmp/bad.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table bad \
	--target creditability --bad bad "$tmp/bad.csv"
contains 'bads 1,000, goods 0, indeterminate 0'
# An import may refuse a target without its bad value; the table is then
# made all good from one with a single bad, in the database.
tables="new_apps part linked bad"
if "$RISKDESK" import --db "$db" --table good --target creditability \
    --bad bad "$tmp/good.csv" >"$tmp/out" 2>"$tmp/err"; then
	tables="$tables good"
elif [ "$have_sqlite" = 1 ]; then
	sed '2s/,good$/,bad/' "$tmp/good.csv" >"$tmp/good1.csv"
	expect 0 "" "$RISKDESK" import --db "$db" --table good \
		--target creditability --bad bad "$tmp/good1.csv"
	sqlite3 "$db" "UPDATE good SET creditability = 'good';
	    UPDATE rd_table SET bads = 0, goods = 1000 WHERE name = 'good'"
	tables="$tables good"
else
	echo "outcome: no sqlite3; the all-good table is left out"
fi
# A target with no known outcome: every value neither bad nor good.
if [ "$have_sqlite" = 1 ]; then
	expect 0 "" "$RISKDESK" import --db "$db" --table unknown \
		--target creditability --bad bad --good good "$german"
	sqlite3 "$db" "UPDATE unknown SET creditability = 'unknown';
	    UPDATE rd_table SET bads = 0, goods = 0, indeterminate = 1000
	    WHERE name = 'unknown'"
	tables="$tables unknown"
fi
for t in german_credit $tables; do policy_for "$t"; done

# The reason each table gives for what needs outcomes.
reason() {
	case $1 in
	new_apps | unknown) echo "no known outcomes in table $1" ;;
	good) echo "no bads among the 1,000 known outcomes in table good" ;;
	bad) echo "no goods among the 1,000 known outcomes in table bad" ;;
	*) echo "" ;;
	esac
}
# The refusal of bin and fit on each table ("" when they work).
refusal() {
	case $1 in
	new_apps) echo 'table "new_apps" has no target: .* needs known outcomes; import it with --target and --bad' ;;
	unknown) echo 'table "unknown" has no known outcomes: every row.s target "creditability" is indeterminate' ;;
	good) echo 'table "good" has no bads among its 1,000 known outcomes: .* needs bads and goods' ;;
	bad) echo 'table "bad" has no goods among its 1,000 known outcomes: .* needs bads and goods' ;;
	*) echo "" ;;
	esac
}
# Dots and parentheses of a reason as a regular expression.
re() { printf '%s' "$1" | sed 's/[.()]/\\&/g'; }

# The figures that need no outcome must be those of german_credit.
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/p-german_credit.yaml" \
	--challenger "$tmp/c-german_credit.yaml" --curves --optimise bad_rate=0.12 \
	--cutoff default=505 --format json
cp "$tmp/out" "$tmp/german.json"

# ----------------------------------------------------- every command
expect 0 "" "$RISKDESK" points --db "$db" --name german
contains '^\(base\),base,,,,512$'

for t in $tables; do
	r=$(reason "$t")
	p="$tmp/p-$t.yaml"
	c="$tmp/c-$t.yaml"

	# --report, text.
	expect 0 "" "$RISKDESK" --report --db "$db" --policy "$p"
	lacks 'nan'
	if [ -n "$r" ]; then
		contains "^model on known outcomes: AUC n/a  Gini n/a  KS n/a \($(re "$r")\)\$"
	else
		contains '^model on known outcomes: AUC 0\.[0-9]{4}  Gini'
	fi
	case $t in
	new_apps)
		contains '^population "new_apps": 1,000 applicants \(TTD\), no target \(no known outcomes\)$'
		contains "^  bad rate n/a: $(re "$r")\$"
		contains "^  bad rate among approved with a known outcome: n/a \($(re "$r")\)\$"
		contains '^  total +1,000 +60\.70% +9\.60% +n/a +13\.82% +1,602,556 +112,753$' ;;
	unknown)
		contains '0 bad, 0 good, 1,000 indeterminate'
		contains "^  bad rate n/a: $(re "$r")\$" ;;
	good)
		contains '^  total +1,000 +60\.70% +9\.60% +0\.00% +13\.82%'
		contains 'bad rate among approved with a known outcome: 0\.00% \(0 of 607\)' ;;
	bad)
		contains '^  total +1,000 +60\.70% +9\.60% +100\.00% +13\.82%' ;;
	part)
		contains 'bad rate among approved with a known outcome: [0-9.]+% \([0-9]+ of 209\)' ;;
	esac

	# --report with everything, text: n/a in the swap set and curves.
	expect 0 "" "$RISKDESK" --report --db "$db" --policy "$p" \
		--challenger "$c" --curves --optimise el=60000 \
		--cutoff young=515
	lacks 'nan'
	contains '^champion vs challenger: swap set'
	contains '^  trade-off: overall'
	contains '^optimiser: most approvals with an expected loss of at most 60,000$'
	if [ "$t" = new_apps ] || [ "$t" = unknown ]; then
		contains '^  approved by both +[0-9,]+ +0 +0 +n/a'
		contains 'challenger - champion: approval rate \+[0-9.]+ pts, bad rate n/a, expected bad rate \+[0-9.]+ pts'
		contains "^  bad rate n/a: $(re "$r")\$"
	fi

	# --report as JSON with everything.
	expect 0 "" "$RISKDESK" --report --db "$db" --policy "$p" \
		--challenger "$c" --curves --optimise bad_rate=0.12 \
		--cutoff default=505 --format json
	if [ "$have_python" = 1 ]; then
		if python3 - "$tmp/out" "$tmp/german.json" "$t" "$r" <<-'EOF'
		import json, sys
		o = json.load(open(sys.argv[1]))
		g = json.load(open(sys.argv[2]))
		t, reason = sys.argv[3], sys.argv[4]
		none = t in ("new_apps", "unknown")
		def fail(msg):
		    print("FAIL:", t, msg)
		    sys.exit(1)
		m = o["model"]
		if reason:
		    for k in ("auc", "gini", "ks", "ks_score"):
		        if m[k] is not None: fail("model %s not null" % k)
		    if m.get("na_reason") != reason: fail("model na_reason %r" % m.get("na_reason"))
		else:
		    if m["auc"] is None or "na_reason" in m: fail("model auc missing")
		# What needs no outcome: as on german_credit.
		same = ("applicants", "approved", "referred", "declined",
		        "knocked_out", "approval_rate", "refer_rate",
		        "decline_rate", "expected_bad_rate", "exposure",
		        "expected_loss", "credit_limit", "revenue",
		        "funding_cost", "profit")
		def cmp(a, b, where):
		    for k in same:
		        if a[k] != b[k]: fail("%s %s: %r, german_credit %r" % (where, k, a[k], b[k]))
		for slot in ("", "challenger"):
		    a = o[slot] if slot else o
		    b = g[slot] if slot else g
		    cmp(a["policy"], b["policy"], slot + " policy")
		    for sa, sb in zip(a["segments"], b["segments"]):
		        cmp(sa, sb, slot + " segment " + sa["name"])
		        if none:
		            if sa["bad_rate"] is not None or sa.get("na_reason") != reason:
		                fail("segment %s bad_rate %r na_reason %r" % (sa["name"], sa["bad_rate"], sa.get("na_reason")))
		    if none and (a["policy"]["bad_rate"] is not None or a["policy"]["na_reason"] != reason):
		        fail("policy bad_rate not n/a")
		    if not none and (a["policy"]["bad_rate"] is None or "na_reason" in a["policy"]):
		        fail("policy bad_rate missing")
		op, gp = o["optimiser"], g["optimiser"]
		if [s["cutoff"] for s in op["segments"]] != [s["cutoff"] for s in gp["segments"]]:
		    fail("optimiser cutoffs differ from german_credit's")
		cmp(op["policy"], gp["policy"], "optimiser")
		if op["policy"]["expected_bad_rate"] > 0.12: fail("optimiser over target")
		sw = o["swap_set"]
		for cell in ("approved_by_both", "swap_in", "swap_out", "declined_by_both"):
		    c, d = sw[cell], g["swap_set"][cell]
		    for k in ("count", "expected_loss_champion", "expected_loss_challenger"):
		        if c[k] != d[k]: fail("swap %s %s" % (cell, k))
		    if none and c["count"] > 0 and (c["bad_rate"] is not None or c["na_reason"] != reason):
		        fail("swap %s bad_rate not n/a" % cell)
		ch = sw["change"]
		if none and (ch["bad_rate"] is not None or ch["na_reason"] != reason):
		    fail("swap change bad_rate not n/a")
		if ch["expected_bad_rate"] != g["swap_set"]["change"]["expected_bad_rate"]:
		    fail("swap change expected_bad_rate")
		for cv, gv in zip(o["tradeoff"], g["tradeoff"]):
		    if none and cv.get("na_reason") != reason: fail("curve %s na_reason" % cv["segment"])
		    for p, q in zip(cv["points"], gv["points"]):
		        for k in ("cutoff", "approved", "expected_bad_rate", "expected_loss"):
		            if p[k] != q[k]: fail("curve %s %s" % (cv["segment"], k))
		        if p["approved_known"] == 0 and p["bad_rate"] is not None:
		            fail("curve point without a known outcome has a bad rate")
		EOF
		then pass; else bad "report JSON on $t"; fi
	fi

	# A saved run: every applicant, outcome or not.
	expect 0 "champion run stored as run [0-9]+" "$RISKDESK" --report \
		--db "$db" --policy "$p" --save-run
	if [ "$have_sqlite" = 1 ]; then
		id=$(sed -n 's/.*champion run stored as run \([0-9]*\).*/\1/p' "$tmp/err")
		n=$(sqlite3 "$db" "SELECT count(*) FROM rd_run_outcome WHERE run = $id")
		[ "$n" = 1000 ] && pass || bad "run $id of $t holds $n applicants"
	fi

	# validate on the table, and the PSI against it.
	expect 0 "" "$RISKDESK" validate --db "$db" --name german --table "$t"
	lacks 'nan'
	contains '^score -> PD'
	if [ -n "$r" ]; then
		contains "^  AUC n/a  Gini n/a  KS n/a \($(re "$r")\)\$"
		contains "^  gains by score group: n/a \($(re "$r")\)\$"
	else
		contains '^  AUC 0\.[0-9]{4}  Gini'
	fi
	case $t in
	new_apps | unknown)
		contains '^sample \(the whole table\): 0 rows with a known outcome, 0 bad \(n/a\)$'
		contains "^  Hosmer-Lemeshow n/a \($(re "$r")\)\$"
		contains "^  calibration by score band: n/a \($(re "$r")\)\$" ;;
	good | bad)
		contains '^  Hosmer-Lemeshow [0-9.]+ on 8 df, p = '
		contains '^  calibration and distribution by score band$' ;;
	esac
	expect 0 "" "$RISKDESK" validate --db "$db" --name german --table "$t" \
		--json
	if [ -n "$r" ]; then contains "\"na_reason\": \"$(re "$r")\""
	else lacks '"na_reason"'; fi
	expect 0 "" "$RISKDESK" validate --db "$db" --name german \
		--psi-table "$t"
	contains '^PSI of the score, development vs '"$t"': 0\.0000 \(stable'

	# bin and fit need bads and goods.
	f=$(refusal "$t")
	if [ -n "$f" ]; then
		expect 1 "$f" "$RISKDESK" bin --db "$db" --table "$t"
		expect 1 "$f" "$RISKDESK" fit --db "$db" --table "$t" --name x
		expect 1 "$f" "$RISKDESK" fit --db "$db" --table "$t" --raw \
			--vars duration_in_month,age_in_years
	else
		expect 0 "" "$RISKDESK" bin --db "$db" --table "$t"
		expect 0 "" "$RISKDESK" fit --db "$db" --table "$t" --name "fit_$t"
		expect 0 "" "$RISKDESK" fit --db "$db" --table "$t" --raw \
			--vars duration_in_month,age_in_years
	fi
	# CSI against the table and its profile need no outcome.
	expect 0 "" "$RISKDESK" bin --db "$db" --table german_credit \
		--char age_in_years --csi "$t"
	expect 0 "" "$RISKDESK" profile --db "$db" --table "$t"
	expect 0 "" "$RISKDESK" profile --db "$db" --table "$t" --json
	expect 0 "" "$RISKDESK" check-policy --db "$db" "$p" "$c"
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
