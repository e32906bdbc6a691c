#!/bin/sh
# monitor-cli.sh - riskdesk monitor end to end: a hand case of 20
# snapshots (vintages, roll rates, flow to charge-off, matured outcomes,
# decisions, overrides) worked out below; the bundled synthetic example
# (every section printed; the PSI of a period equal to validate
# --psi-table's on that period's rows; the sample-size-adjusted critical
# value; the back-test's binomial and Jeffreys p-values, Hosmer-Lemeshow
# and Herfindahl against R); and the errors, located, with their exit
# codes and the database left as it was.  The 2024-01 CSI, points shift,
# AUC, Gini, KS and AUC test are reckoned again in Python from riskdesk
# decide --explain and the CSV files.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/monitor-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

# jget <file> <python expression over o>: the value, printed by Python.
jget() {
	python3 -c 'import json, sys
o = json.load(open(sys.argv[1]))
v = eval(sys.argv[2])
print("null" if v is None else v)' "$1" "$2"
}

# close <what> <got> <want> <tolerance>
close() {
	if awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN {
		d = g - w; if (d < 0) d = -d; exit !(g != "null" && d <= t) }'
	then passes=$((passes + 1))
	else echo "FAIL: $1: $2, wanted $3 (within $4)"; fails=$((fails + 1)); fi
}

if ! command -v python3 >/dev/null 2>&1; then
	echo "monitor: python3 missing, skipped"; exit 77
fi

db="$tmp/m.db"
data="$top_srcdir/data"
expect 0 "" "$RISKDESK" import --db "$db" --table german \
	--target creditability --bad bad "$data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german --name german

# ------------------------------------------------------------ hand case
#
# Six applications (the first six German rows, so the scorecard scores
# them), ids 1-6: 1 and 2 applied in 2024-01 (approve), 3 and 4 in
# 2024-02 (approve, decline), 5 and 6 in 2024-03 (approve, refer).
# Twenty snapshots (dpd, C = charged off), one of id 99 that no
# application has:
#   id 1: 02 0, 03 15, 04 45, 05 75, 06 105, 07 C      (bad, 90+ at mob 5)
#   id 2: 02 0, 03 0, 05 0, 06 0                       (a gap 03 -> 05)
#   id 3: 03 0, 04 35, 05 65, 06 C, 07 C               (bad, C at mob 4)
#   id 5: 04 0, 05 10, 06 0, 07 0
#   id 99: 02 0                                         (orphan)
# Last snapshot month 2024-07.
#
# Vintages (ever 90+ or C; cohort = application month; months on book
# k = month - cohort; NaN past 2024-07, and before the cohort's first
# snapshot: no account of a cohort has one in its application month,
# ids 1 and 2 start in 2024-02, id 3 in 2024-03, id 5 in 2024-04, so
# k 0 is not observed for any cohort):
#   2024-01 (2 accounts): k 0 not observed, k 1-4 0/2 = 0, k 5-6 1/2 = 0.5
#   2024-02 (1): k 0 not observed, k 1-3 0, k 4-5 1/1 = 1, k 6 (2024-08)
#                not observed
#   2024-03 (1): k 0 not observed, k 1-4 0, k 5-6 not observed
# Roll pairs (consecutive months of one account): id 1 cur->1-29,
# 1-29->30-59, 30-59->60-89, 60-89->90+, 90+->C; id 2 cur->cur twice
# (and the gap); id 3 cur->30-59, 30-59->60-89, 60-89->C, C->C; id 5
# cur->1-29, 1-29->cur, cur->cur.  14 pairs, 1 gap.
#   current: cur 3, 1-29 2, 30-59 1 (of 6): 0.5, 1/3, 1/6
#   1-29:    cur 1, 30-59 1 (of 2): 0.5, 0.5
#   30-59:   60-89 2: 1;  60-89: 90+ 1, C 1: 0.5, 0.5;  90+: C 1;  C: C 1
# Forward rolls cur 1/3, 1-29 0.5, 30-59 1, 60-89 0.5, 90+ 1, so the
# flow to charge-off: 90+ 1, 60-89 0.5, 30-59 0.5, 1-29 0.25,
# current 1/12 = 0.083333.
# Outcomes with --window 5 (matured: 2024-07 - cohort >= 5): id 1
# (cohort 01, bad at k 5 <= 5) bad, id 2 good, id 3 (cohort 02, bad at
# k 4) bad, id 5 (cohort 03: 4 months) not matured: 3 matured, 2 bads;
# per period 01: 2 and 1, 02: 1 and 1, 03: 0.
{
	head -1 "$data/monitor-apps.csv" | cut -d, -f4- |
	    sed 's/^/app_id,app_date,decision,/'
	i=0
	for dd in 2024-01-15,approve 2024-01-20,approve 2024-02-03,approve \
	    2024-02-10,decline 2024-03-05,approve 2024-03-09,refer; do
		i=$((i + 1))
		printf '%s,%s,' "$i" "$dd"
		sed -n "$((i + 1))p" "$data/german_credit.csv"
	done
} >"$tmp/apps.csv"
cat >"$tmp/perf.csv" <<'EOF'
app_id,month,dpd,balance,charged_off
1,2024-02,0,1000,0
1,2024-03,15,900,0
1,2024-04,45,900,0
1,2024-05,75,900,0
1,2024-06,105,900,0
1,2024-07,135,0,1
2,2024-02,0,500,0
2,2024-03,0,450,0
2,2024-05,0,350,0
2,2024-06,0,300,0
3,2024-03,0,800,0
3,2024-04,35,800,0
3,2024-05,65,800,0
3,2024-06,95,0,1
3,2024-07,95,0,1
5,2024-04,0,300,0
5,2024-05,10,300,0
5,2024-06,0,250,0
5,2024-07,0,200,0
99,2024-02,0,100,0
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table happs --id app_id \
	"$tmp/apps.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperf "$tmp/perf.csv"
H="--applications happs --performance hperf"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --window 5 \
	--cutoff 10000 --json
cp "$tmp/out" "$tmp/h.json"
j="$tmp/h.json"
same "periods" "$(jget "$j" '[p["period"] for p in o["periods"]]')" \
	"['2024-01', '2024-02', '2024-03']"
same "snapshots kept" "$(jget "$j" 'o["counts"]["snapshots"]')" 19
same "orphans" "$(jget "$j" 'o["counts"]["orphan_snapshots"]')" 1
same "vintage cohorts" \
	"$(jget "$j" '[(c["cohort"], c["accounts"]) for c in o["vintages"]["cohorts"]]')" \
	"[('2024-01', 2), ('2024-02', 1), ('2024-03', 1)]"
same "vintage 2024-01" "$(jget "$j" 'o["vintages"]["cohorts"][0]["rate"]')" \
	"[None, 0.0, 0.0, 0.0, 0.0, 0.5, 0.5]"
same "vintage 2024-02" "$(jget "$j" 'o["vintages"]["cohorts"][1]["rate"]')" \
	"[None, 0.0, 0.0, 0.0, 1.0, 1.0, None]"
same "vintage 2024-03" "$(jget "$j" 'o["vintages"]["cohorts"][2]["rate"]')" \
	"[None, 0.0, 0.0, 0.0, 0.0, None, None]"
same "roll counts" "$(jget "$j" 'o["roll_rates"]["count"]')" \
	"[[3, 2, 1, 0, 0, 0], [1, 0, 1, 0, 0, 0], [0, 0, 0, 2, 0, 0], [0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 1]]"
same "pairs, gaps" \
	"$(jget "$j" '(o["roll_rates"]["pairs"], o["roll_rates"]["gaps"])')" \
	"(14, 1)"
# One of a thing is said in the singular in the text and HTML reports.
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --window 5 \
	--cutoff 10000
has_text "(14 pairs, 1 gap), share of the row"
has_text "  1 snapshot of ids no application has: ignored"
lacks_text "1 gaps"
lacks_text "1 snapshots"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --window 5 \
	--cutoff 10000 --format html
has_text "transitions (14 pairs, 1 gap), share of the row."
lacks_text "1 gaps"
# The charts' axes: the period charts' x ticks are the three periods'
# names, one each (not their numbers, nor halves); the top of a share's
# axis: the approval rate (1, 0.5, 0.5) and the low-side override rate
# (1 in every period, every booked one declined) stop at 100%, not
# above; the vintage curves' months on book 0-6 are whole, each
# labelled, their highest rate 1 (cohort 2024-02) at 100%.
cp "$tmp/out" "$tmp/h.html"
same "chart axes" "$(python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for svg in re.findall(r"<svg class=\"chart\".*?</svg>", s, re.S):
    title = re.search(r"<title>(.*?)</title>", svg).group(1)
    g = re.search(r"<g font-size=\"12\">(.*?)</g>", svg, re.S).group(1)
    x = re.findall(r"text-anchor=\"middle\">([^<]*)<", g)
    y = re.findall(r"text-anchor=\"end\">([^<]*)<", g)
    print(" ".join([title.split(",")[0], str(x)] +
                   [y[-1]] * y[-1].endswith("%")))
' "$tmp/h.html")" \
"PSI of the score ['2024-01', '2024-02', '2024-03']
Gini on matured outcomes ['2024-01', '2024-02', '2024-03']
Approval rate ['2024-01', '2024-02', '2024-03'] 100%
Low-side override rate ['2024-01', '2024-02', '2024-03'] 100%
Vintage curves ['0', '1', '2', '3', '4', '5', '6'] 100%"
# A history of two months (the snapshots of 2024-01 and 2024-02: ids 1,
# 2 and the orphan 99): one cohort booked, 2024-01, months on book 0 and
# 1, each a whole tick (no 0.2, 0.4, ...); null at 0 and 0 at 1 (ids 1
# and 2 first seen in 2024-02, neither bad).
sed '/,2024-0[3-9],/d' "$tmp/perf.csv" >"$tmp/perf2m.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperf2m "$tmp/perf2m.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperf2m --window 5 --json
same "vintages of two months" \
	"$(jget "$tmp/out" '[c["rate"] for c in o["vintages"]["cohorts"]]')" \
	"[[None, 0.0]]"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperf2m --window 5 --format html
same "whole months on book" "$(python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
svg = re.findall(r"<svg class=\"chart\".*?</svg>", s, re.S)[-1]
g = re.search(r"<g font-size=\"12\">(.*?)</g>", svg, re.S).group(1)
print(re.findall(r"text-anchor=\"middle\">([^<]*)<", g))' "$tmp/out")" \
	"['0', '1']"
close "rate current->1-29" "$(jget "$j" 'o["roll_rates"]["rate"][0][1]')" \
	0.333333333333 1e-9
close "rate current->30-59" "$(jget "$j" 'o["roll_rates"]["rate"][0][2]')" \
	0.166666666667 1e-9
close "rate 60-89->C" "$(jget "$j" 'o["roll_rates"]["rate"][3][5]')" 0.5 1e-12
same "forward rolls" "$(jget "$j" '[round(x, 9) for x in o["roll_rates"]["roll"]]')" \
	"[0.333333333, 0.5, 1.0, 0.5, 1.0]"
same "flow to charge-off" \
	"$(jget "$j" '[round(x, 9) for x in o["roll_rates"]["flow_to_charge_off"]]')" \
	"[0.083333333, 0.25, 0.5, 0.5, 1.0]"
same "matured, bads" \
	"$(jget "$j" '(o["discrimination"]["matured"], o["discrimination"]["bads"])')" \
	"(3, 2)"
same "matured per period" \
	"$(jget "$j" '[(p["matured"], p["bads"]) for p in o["periods"]]')" \
	"[(2, 1), (1, 1), (0, 0)]"
# Decisions as taken: 01 2 approve; 02 approve + decline; 03 approve +
# refer.  Booked (a snapshot): 01 ids 1, 2; 02 id 3; 03 id 5.
same "decisions" \
	"$(jget "$j" '[(p["approved"], p["referred"], p["declined"], p["booked"]) for p in o["periods"]]')" \
	"[(2, 0, 0, 2), (1, 0, 1, 1), (1, 1, 0, 1)]"
same "approval rates" "$(jget "$j" '[p["approval_rate"] for p in o["periods"]]')" \
	"[1.0, 0.5, 0.5]"
# --cutoff 10000 declines every applicant: every booked one is a
# low-side override (rate 1 of booked), no high-side; 01 has no decline
# (high-side rate null), 02 has one (0 / 1).
same "low-side" \
	"$(jget "$j" '[(p["low_side"], p["low_side_rate"], p["low_side_alert"]) for p in o["periods"]]')" \
	"[(2, 1.0, True), (1, 1.0, True), (1, 1.0, True)]"
same "high-side" \
	"$(jget "$j" '[(p["high_side"], p["high_side_rate"]) for p in o["periods"]]')" \
	"[(0, None), (0, 0.0), (0, None)]"
# --cutoff -10000 approves every applicant: the decline of 02 is a
# high-side override (1 / 1).
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --window 5 \
	--cutoff -10000 --json
cp "$tmp/out" "$tmp/h2.json"
same "high-side approve-all" \
	"$(jget "$tmp/h2.json" '[(p["low_side"], p["high_side"], p["high_side_rate"]) for p in o["periods"]]')" \
	"[(0, 0, None), (0, 1, 1.0), (0, 0, None)]"
# --bad-dpd 30: id 1 bad at k 3 (45 days, 2024-04), id 3 at k 2 (35
# days, 2024-04): vintage 2024-01 k 3.. = 0.5, 2024-02 k 2.. = 1 (k 0
# of every cohort not observed, as above).
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --bad-dpd 30 \
	--json
cp "$tmp/out" "$tmp/h3.json"
same "vintage --bad-dpd 30" \
	"$(jget "$tmp/h3.json" '[c["rate"][:5] for c in o["vintages"]["cohorts"]]')" \
	"[[None, 0.0, 0.0, 0.5, 0.5], [None, 0.0, 1.0, 1.0, 1.0], [None, 0.0, 0.0, 0.0, 0.0]]"
# --from / --to keep the applications of 2024-02 only.
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --from 2024-02 \
	--to 2024-02 --json
same "--from --to" "$(jget "$tmp/out" '([p["period"] for p in o["periods"]], o["counts"]["applications"], o["counts"]["snapshots"])')" \
	"(['2024-02'], 2, 5)"
# By quarter: one period 2024-Q1 of the six.
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --by quarter \
	--json
same "--by quarter" "$(jget "$tmp/out" '[(p["period"], p["applications"]) for p in o["periods"]]')" \
	"[('2024-Q1', 6)]"
# The applications run from 2024-01 to 2024-03: the quarter is whole;
# from 2024-02 it holds two of its three months, and says so.
same "--by quarter: months" "$(jget "$tmp/out" '[p["months"] for p in o["periods"]]')" "[3]"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --by quarter \
	--from 2024-02 --json
same "--by quarter --from 2024-02: months" \
	"$(jget "$tmp/out" '[(p["period"], p["months"]) for p in o["periods"]]')" \
	"[('2024-Q1', 2)]"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --by quarter \
	--from 2024-02
has_text "partial periods, the data covering part of them: 2024-Q1 (2 of 3 months)"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --by quarter
lacks "partial periods"
# Ten score bands at development's quantiles, every one of them holding
# development rows: a period of fewer than ten applications leaves one
# empty, so its PSI counts 0.5 there, and the output says where.
same "PSI adjusted where a period has under 10 applications" \
	"$(jget "$j" '[p["psi_adjusted"] == (p["applications"] < 10) for p in o["periods"]]')" \
	"[True, True, True]"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german $H --window 5
has_text "a score band or bin empty in one sample only counts 0.5 there (no logarithm of 0): the PSI of 2024-01, 2024-02, 2024-03"
# A bucket as text in the days-past-due column reads as its lower bound.
sed -e 's/^1,2024-03,15,/1,2024-03,1-29,/' -e 's/^1,2024-06,105,/1,2024-06,90+,/' \
	-e 's/^2,2024-02,0,/2,2024-02,current,/' "$tmp/perf.csv" >"$tmp/perfb.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfb "$tmp/perfb.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfb --window 5 --json
same "buckets as text" "$(jget "$tmp/out" 'o["roll_rates"]["count"]')" \
	"$(jget "$j" 'o["roll_rates"]["count"]')"
# Two snapshots of id 1 dated before its application (2024-01-15):
# 2023-11 90+ and 2023-12 current are left out of every figure, the roll
# rates, the vintages and the outcomes alike, and counted.
{ cat "$tmp/perf.csv"; printf '1,2023-11,120,900,0\n1,2023-12,0,900,0\n'; } \
	>"$tmp/perfe.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfe "$tmp/perfe.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfe --window 5 --cutoff 10000 --json
same "snapshots before the application" \
	"$(jget "$tmp/out" 'o["counts"]["snapshots_before_application"]')" 2
same "the rest as without them" \
	"$(jget "$tmp/out" '(o["counts"]["snapshots"], o["roll_rates"]["count"], o["vintages"]["cohorts"][0]["rate"])')" \
	"$(jget "$j" '(o["counts"]["snapshots"], o["roll_rates"]["count"], o["vintages"]["cohorts"][0]["rate"])')"
same "none before in the hand case" \
	"$(jget "$j" 'o["counts"]["snapshots_before_application"]')" 0
# An application whose snapshots all come after its outcome window has
# no outcome: without id 2's snapshots of 2024-02 and 2024-03 its first
# is 2024-05, 4 months on book; with --window 3 (every cohort old
# enough: 2024-07 - 2024-03 = 4 >= 3) ids 1, 3 and 5 are matured, none
# 90+ or charged off by 3 months on book (id 1: 45 days at 3, id 3: 65
# at 3, id 5: 10), and id 2 is counted apart, never a good; with
# --window 5 its first snapshot is inside the window and it is a good.
sed '/^2,2024-0[23],/d' "$tmp/perf.csv" >"$tmp/perfl.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfl "$tmp/perfl.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfl --window 3 --json
same "unobserved in the window" \
	"$(jget "$tmp/out" '(o["counts"]["unobserved_in_window"], o["discrimination"]["matured"], o["discrimination"]["bads"], [p["matured"] for p in o["periods"]])')" \
	"(1, 3, 0, [1, 1, 1])"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfl --window 3
has_text "with no snapshot within the outcome window of 3 months on book (the first one later): 1, no outcome"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfl --window 5 --json
same "observed in a longer window" \
	"$(jget "$tmp/out" '(o["counts"]["unobserved_in_window"], o["discrimination"]["matured"], o["discrimination"]["bads"])')" \
	"(0, 3, 2)"
# A history that starts later than a cohort: without the snapshots of
# 2024-02 the first snapshot of cohort 2024-01 (ids 1 and 2) is in
# 2024-03, so its months on book 0 and 1 were never observed: null, and
# months 2-6 are as before (id 1 bad at 5: 0, 0, 0, 0.5, 0.5).
sed '/,2024-02,/d' "$tmp/perf.csv" >"$tmp/perfs.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfs "$tmp/perfs.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfs --window 5 --json
same "vintage before the first snapshot month" \
	"$(jget "$tmp/out" 'o["vintages"]["cohorts"][0]["rate"]')" \
	"[None, None, 0.0, 0.0, 0.0, 0.5, 0.5]"
# A month missing from the middle of a cohort's history: without id 1's
# snapshot of 2024-04 (id 2 has none that month) no account of cohort
# 2024-01 is observed at month on book 3: null there, the months around
# it as before ([None, 0.0, 0.0, 0.0, 0.0, 0.5, 0.5] with month 3 null);
# cohort 2024-02 (id 3, observed 2024-04) keeps its month on book 2.
sed '/^1,2024-04,/d' "$tmp/perf.csv" >"$tmp/perfg.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfg "$tmp/perfg.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfg --window 5 --json
same "vintage with a month missing mid-history" \
	"$(jget "$tmp/out" '(o["vintages"]["cohorts"][0]["rate"], o["vintages"]["cohorts"][1]["rate"][2])')" \
	"([None, 0.0, 0.0, None, 0.0, 0.5, 0.5], 0.0)"
# An application with no decision recorded is counted as undecided, so
# that the period's decisions add up to its applications: id 6 (2024-03,
# refer) without one gives 2024-03 approve 1, refer 0, undecided 1.
sed 's/^6,2024-03-09,refer,/6,2024-03-09,,/' "$tmp/apps.csv" >"$tmp/appsu.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table happsu --id app_id \
	"$tmp/appsu.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happsu --performance hperf --window 5 --json
same "undecided by period" \
	"$(jget "$tmp/out" '[(p["approved"], p["referred"], p["declined"], p["undecided"]) for p in o["periods"]]')" \
	"[(2, 0, 0, 0), (1, 0, 1, 0), (1, 0, 0, 1)]"
same "decisions add up" \
	"$(jget "$tmp/out" 'all(p["approved"] + p["referred"] + p["declined"] + p["undecided"] == p["applications"] for p in o["periods"])')" \
	True

# ------------------------------------------------------ bundled example
expect 0 "" "$RISKDESK" import --db "$db" --table applications --id app_id \
	"$data/monitor-apps.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table performance \
	"$data/monitor-perf.csv"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german
for s in "stability of the score" "characteristic stability" \
    "points shift per characteristic" "discrimination on matured" \
    "PD back-test" "Hosmer-Lemeshow" "decisions as taken" "vintages:" \
    "roll rates:" "flow to charge-off"; do
	has_text "$s"
done
# Counts written with thousands separators, as the other commands write
# them (the JSON keeps plain numbers, below).
has_text "monitoring of scorecard german: applications applications (1,000 in 12 periods), performance performance (8,580 snapshots to 2025-06)"
has_text "stability of the score against development (1,000 rows of german; 10 score bands at its quantiles)"
has_text "roll rates: month-to-month transitions between buckets (7,732 pairs, 0 gaps), share of the row"
has_text "     6,376"
lacks_text "8580"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german --json
cp "$tmp/out" "$tmp/b.json"
b="$tmp/b.json"
same "periods" "$(jget "$b" 'len(o["periods"])')" 12
same "applications" "$(jget "$b" 'o["counts"]["applications"]')" 1000
same "snapshots" "$(jget "$b" 'o["counts"]["snapshots"]')" \
	"$(($(wc -l <"$data/monitor-perf.csv") - 1))"
# Points shifts add up to the score shift (score = the sum of the
# characteristics' points).
close "points shifts add up" \
	"$(jget "$b" 'sum(c["points_shift"] for c in o["periods"][0]["characteristics"]) - o["periods"][0]["score_shift"]')" \
	0 1e-9
# The PSI of 2024-01 is validate's PSI of the same rows against
# development (the same quantile bands and 0.5 rule).
{ head -1 "$data/monitor-apps.csv"; grep ',2024-01-' "$data/monitor-apps.csv"; } \
	>"$tmp/a01.csv"
n01=$(($(wc -l <"$tmp/a01.csv") - 1))
expect 0 "" "$RISKDESK" import --db "$db" --table apps01 "$tmp/a01.csv"
expect 0 "" "$RISKDESK" validate --db "$db" --name german --psi-table apps01 \
	--json
same "PSI 2024-01 = validate --psi-table" \
	"$(jget "$b" 'o["periods"][0]["psi"]')" "$(jget "$tmp/out" 'o["psi"]["psi"]')"
same "2024-01 applications" "$(jget "$b" 'o["periods"][0]["applications"]')" \
	"$n01"
# Critical value (Yurdakul and Naranjo 2020): (1/1000 + 1/73) chi2_9(0.95);
# R 4.2.2 qchisq(0.95, 9) = 16.9189776046, so 0.0146986301 x 16.9189776046
# = 0.248685794.
close "PSI critical 2024-01" "$(jget "$b" 'o["periods"][0]["psi_critical"]')" \
	0.248685794 1e-8
# Back-test per score band.  R 4.2.2 on each band's N, D and PD (the PD
# as printed, 12 digits):
#   binom.test(D, N, PD, alternative = "greater")$p.value
#   pbeta(PD, D + 0.5, N - D + 0.5)
#   HL = sum((D - N PD)^2 / (N PD (1 - PD))) = 32.5587223422,
#   pchisq(HL, 10, lower.tail = FALSE) = 0.000323002668432,
#   sum((N / sum(N))^2) = 0.102338182729
same "bands N" "$(jget "$b" '[g["n"] for g in o["backtest"]["grades"]]')" \
	"[24, 36, 28, 39, 38, 41, 39, 37, 38, 43]"
same "bands D" "$(jget "$b" '[g["defaults"] for g in o["backtest"]["grades"]]')" \
	"[10, 14, 14, 11, 7, 6, 1, 2, 1, 1]"
same "bands PD" "$(jget "$b" '[round(g["pd"], 9) for g in o["backtest"]["grades"]]')" \
	"[0.760552435, 0.608440561, 0.487812715, 0.379895949, 0.284106029, 0.199907413, 0.139711649, 0.091884249, 0.055936948, 0.023758294]"
set -- 0.999934471593 0.997669835186 0.523237335084 0.925354511818 \
	0.944463843007 0.855429526699 0.997174354719 0.865926680738 \
	0.887788326025 0.644396233737
k=0
for r in "$@"; do
	close "binomial p band $k" \
		"$(jget "$b" "o['backtest']['grades'][$k]['binomial_p']")" "$r" 1e-9
	k=$((k + 1))
done
set -- 0.999851282825 0.996113347179 0.448222296053 0.897777934072 \
	0.918451313038 0.801552616407 0.991362362722 0.778277150101 \
	0.773522687347 0.439087751891
k=0
for r in "$@"; do
	close "Jeffreys p band $k" \
		"$(jget "$b" "o['backtest']['grades'][$k]['jeffreys_p']")" "$r" 1e-9
	k=$((k + 1))
done
close "HL" "$(jget "$b" 'o["backtest"]["hl"]')" 32.5587223422 1e-7
same "HL df = grades" "$(jget "$b" 'o["backtest"]["hl_df"]')" 10
close "HL p" "$(jget "$b" 'o["backtest"]["hl_p"]')" 0.000323002668432 1e-11
close "Herfindahl" "$(jget "$b" 'o["backtest"]["herfindahl"]')" \
	0.102338182729 1e-11
same "lights" "$(jget "$b" 'sorted(set(g["light"] for g in o["backtest"]["grades"]))')" \
	"['green']"
# An independent reckoning of the 2024-01 figures in Python from
# riskdesk decide --explain (each applicant's attribute and points of
# every characteristic, and its score) on the development table and on
# the applications, and from the two CSV files: the CSI of each
# characteristic over the scorecard's attributes (sum (a - e) ln(a / e),
# an attribute empty on one side counted 0.5 with both totals re-summed),
# its points shift (mean points of the period - of development), and on
# the matured outcomes (ever 90+ days or charged off within 12 months on
# book, 2025-06 at least 12 months after the cohort) the AUC
# (Mann-Whitney, ties 1/2, the lower score the riskier) and the KS.
pol="$top_srcdir/policies/example.yaml"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$pol" --table german \
	--explain --output "$tmp/dev.csv"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$pol" \
	--table applications --id app_id --explain --output "$tmp/app.csv"
python3 - "$tmp/dev.csv" "$tmp/app.csv" "$data/monitor-apps.csv" \
    "$data/monitor-perf.csv" "$b" >"$tmp/indep" <<'PY'
import csv, json, math, sys
dev = list(csv.DictReader(open(sys.argv[1], newline="")))
app = {r["app_id"]: r for r in csv.DictReader(open(sys.argv[2], newline=""))}
month = lambda s: int(s[:4]) * 12 + int(s[5:7]) - 1
coh = {r["app_id"]: month(r["app_date"])
       for r in csv.DictReader(open(sys.argv[3], newline=""))}
o = json.load(open(sys.argv[5]))
chars = [c["name"] for c in o["periods"][0]["characteristics"]]
rows = [app[i] for i in app if coh[i] == month("2024-01")]
bad, last = {}, 0
for r in csv.DictReader(open(sys.argv[4], newline="")):
    m = month(r["month"]); last = max(last, m)
    k = m - coh[r["app_id"]]
    if 0 <= k <= 12 and (int(r["dpd"]) >= 90 or r["charged_off"] == "1"):
        bad[r["app_id"]] = 1
    bad.setdefault(r["app_id"], 0)
for c in chars:
    e, a = {}, {}
    for r in dev: e[r[c + ":attribute"]] = e.get(r[c + ":attribute"], 0) + 1
    for r in rows: a[r[c + ":attribute"]] = a.get(r[c + ":attribute"], 0) + 1
    keys = set(e) | set(a)
    E = {k: e.get(k, 0) or 0.5 for k in keys}
    A = {k: a.get(k, 0) or 0.5 for k in keys}
    te, ta = sum(E.values()), sum(A.values())
    csi = sum((A[k] / ta - E[k] / te) * math.log((A[k] / ta) / (E[k] / te))
              for k in keys)
    shift = (sum(float(r[c + ":points"]) for r in rows) / len(rows) -
             sum(float(r[c + ":points"]) for r in dev) / len(dev))
    print("csi", c, repr(csi))
    print("shift", c, repr(shift))
ys = [(float(r["score"]), bad[r["app_id"]]) for r in rows
      if r["app_id"] in bad and last - coh[r["app_id"]] >= 12]
b_ = [s for s, y in ys if y]; g_ = [s for s, y in ys if not y]
auc = sum((1.0 if sb < sg else 0.5 if sb == sg else 0.0)
          for sb in b_ for sg in g_) / (len(b_) * len(g_))
ks = max(abs(sum(1 for x in b_ if x <= t) / len(b_) -
             sum(1 for x in g_ if x <= t) / len(g_)) for t, _ in ys)
print("matured", len(ys), len(b_))
print("auc", repr(auc))
print("ks", repr(ks))
# Over all periods: every matured application.
ya = [(float(r["score"]), bad[i]) for i, r in app.items()
      if i in bad and last - coh[i] >= 12]
ba = [s for s, y in ya if y]; ga = [s for s, y in ya if not y]
print("all_matured", len(ya), len(ba))
print("all_ks", repr(max(abs(sum(1 for x in ba if x <= t) / len(ba) -
      sum(1 for x in ga if x <= t) / len(ga)) for t, _ in ya)))
PY
[ -s "$tmp/indep" ] || { echo "FAIL: the Python reckoning failed"; fails=$((fails + 1)); }
k=0
for c in $(jget "$b" '" ".join(c["name"] for c in o["periods"][0]["characteristics"])'); do
	close "CSI 2024-01 $c" \
		"$(jget "$b" "o['periods'][0]['characteristics'][$k]['csi']")" \
		"$(awk -v c="$c" '$1 == "csi" && $2 == c { print $3 }' "$tmp/indep")" 1e-9
	close "points shift 2024-01 $c" \
		"$(jget "$b" "o['periods'][0]['characteristics'][$k]['points_shift']")" \
		"$(awk -v c="$c" '$1 == "shift" && $2 == c { print $3 }' "$tmp/indep")" 1e-9
	k=$((k + 1))
done
same "matured 2024-01" "$(jget "$b" '"%d %d" % (o["periods"][0]["matured"], o["periods"][0]["bads"])')" \
	"$(awk '$1 == "matured" { print $2, $3 }' "$tmp/indep")"
close "AUC 2024-01" "$(jget "$b" 'o["periods"][0]["auc"]')" \
	"$(awk '$1 == "auc" { print $2 }' "$tmp/indep")" 1e-12
close "Gini 2024-01" "$(jget "$b" 'o["periods"][0]["gini"]')" \
	"$(awk '$1 == "auc" { printf "%.15f", 2 * $2 - 1 }' "$tmp/indep")" 1e-9
close "KS 2024-01" "$(jget "$b" 'o["periods"][0]["ks"]')" \
	"$(awk '$1 == "ks" { print $2 }' "$tmp/indep")" 1e-12
same "matured, all periods" "$(jget "$b" '"%d %d" % (o["discrimination"]["matured"], o["discrimination"]["bads"])')" \
	"$(awk '$1 == "all_matured" { print $2, $3 }' "$tmp/indep")"
close "KS, all periods" "$(jget "$b" 'o["discrimination"]["ks"]')" \
	"$(awk '$1 == "all_ks" { print $2 }' "$tmp/indep")" 1e-12
# The AUC test against development, Hanley-McNeil by hand: a = AUC,
# Q1 = a / (2 - a), Q2 = 2 a^2 / (1 + a), SE^2 = (a (1 - a) + (nb - 1)
# (Q1 - a^2) + (ng - 1)(Q2 - a^2)) / (nb ng), p = 1 - Phi((AUC_dev -
# a) / SE) = erfc(z / sqrt 2) / 2.
close "AUC test p 2024-01" "$(jget "$b" 'o["periods"][0]["auc_p"]')" \
	"$(jget "$b" '(lambda a, d, nb, ng: (lambda q1, q2: 0.5 * __import__("math").erfc((d - a) / ((a * (1 - a) + (nb - 1) * (q1 - a * a) + (ng - 1) * (q2 - a * a)) / (nb * ng)) ** 0.5 / 2 ** 0.5))(a / (2 - a), 2 * a * a / (1 + a)))(o["periods"][0]["auc"], o["development"]["auc"], o["periods"][0]["bads"], o["periods"][0]["matured"] - o["periods"][0]["bads"])')" \
	1e-12
# The HTML page: written to --output whole, owner-only, holding the
# figures of the JSON (the 2024-01 PSI, its critical value and the
# Hosmer-Lemeshow statistic, as the text rounds them) and the charts.
expect 0 "" "$RISKDESK" monitor --db "$db" --name german --format html \
	--output "$tmp/m.html"
same "html mode" "$(stat -c %a "$tmp/m.html")" 600
grep -qF "Applications: table applications, 1,000 in 12 periods (by month); performance: table performance, 8,580 snapshots to 2025-06" "$tmp/m.html" &&
	passes=$((passes + 1)) ||
	{ echo "FAIL: the page lacks the counts with separators"; fails=$((fails + 1)); }
# Three period charts (PSI, Gini, approval rate; no policy, so no
# override chart) and the vintage curves four cohorts a chart.
same "html charts" "$(grep -o '<svg class="chart"' "$tmp/m.html" | wc -l)" \
	"$(jget "$b" '3 + (len(o["vintages"]["cohorts"]) + 3) // 4')"
for v in "$(jget "$b" '"%.4f" % o["periods"][0]["psi"]')" \
    "$(jget "$b" '"%.4f" % o["periods"][0]["psi_critical"]')" \
    "Hosmer-Lemeshow $(jget "$b" '"%.3f" % o["backtest"]["hl"]')"; do
	if grep -qF -- "$v" "$tmp/m.html"; then passes=$((passes + 1))
	else echo "FAIL: the page lacks $v"; fails=$((fails + 1)); fi
done
sum1=$(cksum <"$db")
expect 2 'output' "$RISKDESK" monitor --db "$db" --name german \
	--format html --output "$db"
same "--output onto the database refused, database unchanged" \
	"$(cksum <"$db")" "$sum1"
expect 2 '--format: expected text, json or html, found "xlsx"' \
	"$RISKDESK" monitor --db "$db" --name german --format xlsx
# With --policy: the policy's segments per period, and overrides
# against its decisions.
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--policy "$top_srcdir/policies/example.yaml" --json
same "segments add up" \
	"$(jget "$tmp/out" 'all(sum(s["applications"] for s in p["segments"]) == p["applications"] for p in o["periods"])')" \
	True
cp "$tmp/out" "$tmp/mp.json"
# The page with the policy: a row per period and segment with
# applications, as the JSON has them (rates as the page rounds them),
# and the overrides per period with their counts.
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--policy "$top_srcdir/policies/example.yaml" --format html \
	--output "$tmp/mp.html"
jget "$tmp/mp.json" '"\n".join("<tr><td>%s</td><td>%s</td><td>%d</td><td>%.1f%%</td><td>%.1f%%</td><td>%.1f%%</td></tr>" % (p["period"], s["segment"], s["applications"], 100.0 * s["approved"] / s["applications"], 100.0 * s["referred"] / s["applications"], 100.0 * s["declined"] / s["applications"]) for p in o["periods"] for s in p["segments"] if s["applications"] > 0)' >"$tmp/segrows"
n=0
while IFS= read -r row; do
	if grep -qF -- "$row" "$tmp/mp.html"; then n=$((n + 1))
	else echo "FAIL: the page lacks the segment row $row"; fails=$((fails + 1)); fi
done <"$tmp/segrows"
same "segment rows on the page" "$n" "$(wc -l <"$tmp/segrows")"
same "segment rows, none more" \
	"$(sed -n '/<h2>Decisions by segment/,/<\/table>/p' "$tmp/mp.html" | grep -c '^<tr><td>')" \
	"$(wc -l <"$tmp/segrows")"
jget "$tmp/mp.json" '"\n".join("<tr><td>%s</td><td>%d</td><td>%d</td>" % (p["period"], p["booked"], p["low_side"]) for p in o["periods"])' >"$tmp/ovrows"
n=0
while IFS= read -r row; do
	grep -qF -- "$row" "$tmp/mp.html" && n=$((n + 1))
done <"$tmp/ovrows"
same "override rows on the page" "$n" "$(wc -l <"$tmp/ovrows")"

# --------------------------------------------------------------- errors
sum0=$(cksum <"$db")
expect 1 'no scorecard|not found|unknown scorecard' "$RISKDESK" monitor \
	--db "$db" --name nosuch $H
expect 1 'performance table "hperf" has no column "days" \(--dpd\)' \
	"$RISKDESK" monitor --db "$db" --name german $H --dpd days
expect 1 'applications table "happs" has no column "when" \(--app-date\)' \
	"$RISKDESK" monitor --db "$db" --name german $H --app-date when
expect 1 'performance table "nope" does not exist' "$RISKDESK" monitor \
	--db "$db" --name german --applications happs --performance nope
sed 's/^3,2024-05,65,/3,2024-13,65,/' "$tmp/perf.csv" >"$tmp/perfm.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfm "$tmp/perfm.csv"
sum0=$(cksum <"$db")
expect 1 'table "hperfm", row 13 \(rowid 13\), column "month": expected a month YYYY-MM or a date YYYY-MM-DD, found "2024-13"' \
	"$RISKDESK" monitor --db "$db" --name german --applications happs \
	--performance hperfm
# A date whose day does not exist is refused where it is, not read as
# its year and month: 2024-05-99, and 29 February of 2023.  The last day
# of a month, a leap day and a date with a time are dates.
sed 's/^3,2024-05,65,/3,2024-05-99,65,/' "$tmp/perf.csv" >"$tmp/perfx.csv"
sed 's/^5,2024-07,0,/5,2023-02-29,0,/' "$tmp/perf.csv" >"$tmp/perfy.csv"
sed -e 's/^3,2024-05,65,/3,2024-05-31,65,/' -e 's/^1,2024-02,0,/1,2024-02-29,0,/' \
	-e 's/^5,2024-07,0,/5,2024-07-01T09:30:00,0,/' "$tmp/perf.csv" >"$tmp/perfz.csv"
for t in x y z; do
	expect 0 "" "$RISKDESK" import --db "$db" --table hperf$t "$tmp/perf$t.csv"
done
sum0=$(cksum <"$db")
# refused <apps> <perf> <message>: monitor exits 1 saying so.
refused() {
	expect 1 "$3" "$RISKDESK" monitor --db "$db" --name german \
		--applications "$1" --performance "$2"
}
refused happs hperfx 'table "hperfx", row 13 \(rowid 13\), column "month": expected a month YYYY-MM or a date YYYY-MM-DD, found "2024-05-99"'
refused happs hperfy 'table "hperfy", row 19 \(rowid 19\), column "month": expected a month YYYY-MM or a date YYYY-MM-DD, found "2023-02-29"'
expect 0 "" "$RISKDESK" monitor --db "$db" --name german \
	--applications happs --performance hperfz --window 5 --json
same "dates read as their months: roll counts" \
	"$(jget "$tmp/out" 'o["roll_rates"]["count"]')" \
	"$(jget "$j" 'o["roll_rates"]["count"]')"
same "the database as it was" "$(cksum <"$db")" "$sum0"
sed 's/^3,2024-05,65,/3,2024-05,late,/' "$tmp/perf.csv" >"$tmp/perfd.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfd "$tmp/perfd.csv"
sum0=$(cksum <"$db")
expect 1 'row 13 \(rowid 13\), column "dpd": expected days past due' \
	"$RISKDESK" monitor --db "$db" --name german --applications happs \
	--performance hperfd
# A charge-off column holding 2 (a status code, an amount) is refused,
# never read as charged off.
sed 's/^1,2024-07,135,0,1$/1,2024-07,135,0,2/' "$tmp/perf.csv" >"$tmp/perfc.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table hperfc "$tmp/perfc.csv"
sum0=$(cksum <"$db")
expect 1 'row 6 \(rowid 6\), column "charged_off": expected a charge-off flag 0 / 1 \(or yes / no, y / n, true / false\), found "2"' \
	"$RISKDESK" monitor --db "$db" --name german --applications happs \
	--performance hperfc
same "the database as it was" "$(cksum <"$db")" "$sum0"
sed -e 's/^3,2024-02-03,approve,/3,2024-02-03,maybe,/' "$tmp/apps.csv" >"$tmp/appsd.csv"
sed -e 's/^5,2024-03-05,/5,March 2024,/' "$tmp/apps.csv" >"$tmp/appsm.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table happsd --id app_id \
	"$tmp/appsd.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table happsm --id app_id \
	"$tmp/appsm.csv"
sed -e 's/^4,2024-02-10,/4,2024-02-30,/' "$tmp/apps.csv" >"$tmp/appsx.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table happsx --id app_id \
	"$tmp/appsx.csv"
sum0=$(cksum <"$db")
expect 1 'table "happsd", row 3, column "decision": expected a decision approve, refer or decline, found "maybe"' \
	"$RISKDESK" monitor --db "$db" --name german --applications happsd \
	--performance hperf
expect 1 'table "happsm", row 5, column "app_date": expected an application date YYYY-MM-DD or month YYYY-MM, found "March 2024"' \
	"$RISKDESK" monitor --db "$db" --name german --applications happsm \
	--performance hperf
refused happsx hperf 'table "happsx", row 4, column "app_date": expected an application date YYYY-MM-DD or month YYYY-MM, found "2024-02-30"'
expect 2 '--from: expected a month YYYY-MM, found "2024-13"' "$RISKDESK" \
	monitor --db "$db" --name german $H --from 2024-13
expect 2 '--by: expected month or quarter' "$RISKDESK" monitor --db "$db" \
	--name german $H --by week
expect 2 '--from 2024-05 is after --to 2024-02: give the first month first' "$RISKDESK" monitor --db "$db" \
	--name german $H --from 2024-05 --to 2024-02
expect 2 'monitor needs --name' "$RISKDESK" monitor --db "$db" $H
expect 2 '--json and --format html: give one' "$RISKDESK" monitor --db "$db" \
	--name german $H --json --format html
expect 2 '--json and --format html: give one' "$RISKDESK" monitor --db "$db" \
	--name german $H --format html --json
expect 1 'no application dated in the months asked for' "$RISKDESK" monitor \
	--db "$db" --name german $H --from 2030-01
expect 4 '' "$RISKDESK" monitor --db "$tmp/none.db" --name german
same "database unchanged by monitor" "$(cksum <"$db")" "$sum0"

# An empty performance table: said so, not read as accounts that never
# matured.
head -1 "$tmp/perf.csv" >"$tmp/eperf.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table eperf "$tmp/eperf.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table eapps --id app_id \
	"$tmp/apps.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table german \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$tmp/dup.db" --table german --name german
expect 0 "" "$RISKDESK" monitor --db "$tmp/dup.db" --name german \
	--applications eapps --performance eperf
has_text "no snapshot of these applications in eperf (the table has none of their ids, or no rows): no outcome, vintage or roll rate can be measured"
has_text "no matured outcome: no snapshot"
lacks "months on book by the last snapshot"

# Duplicates are named so the officer can find them: the id and both
# rows of an application given twice; the account and month of a second
# snapshot in one month.
cp "$tmp/apps.csv" "$tmp/apps2.csv"
sed -n 2p "$tmp/apps.csv" >>"$tmp/apps2.csv"
dup_id=$(sed -n 2p "$tmp/apps.csv" | cut -d, -f1)
napps=$(($(wc -l <"$tmp/apps.csv") - 1))
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table happs "$tmp/apps2.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table hperf "$tmp/perf.csv"
expect 1 "table \"happs\": id column \"app_id\": row $((napps + 1)) repeats id $dup_id of row 1: an account is one application" \
	"$RISKDESK" monitor --db "$tmp/dup.db" --name german \
	--applications happs --performance hperf
cp "$tmp/perf.csv" "$tmp/perf2.csv"
echo "3,2024-04,40,800,0" >>"$tmp/perf2.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table happs1 --id app_id \
	"$tmp/apps.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table hperf2 "$tmp/perf2.csv"
# Account 3's 2024-04 snapshot is row 12 of perf.csv; the copy is row 21.
expect 1 "table \"hperf2\", row 21 \(rowid 21\): account 3, month 2024-04: a second snapshot of one account in one month, the first at row 12 \(rowid 12\); keep one snapshot per account and month" \
	"$RISKDESK" monitor --db "$tmp/dup.db" --name german \
	--applications happs1 --performance hperf2 --window 5
# A date is its month: 2024-04-30 and 2024-04-02 are two more snapshots
# of 2024-04 (rows 21 and 22), and the table's rowids are its own.
cp "$tmp/perf.csv" "$tmp/perf3.csv"
echo "3,2024-04-30,40,800,0" >>"$tmp/perf3.csv"
echo "3,2024-04-02,40,800,0" >>"$tmp/perf3.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/dup.db" --table hperf3 "$tmp/perf3.csv"
sqlite3 "$tmp/dup.db" 'DELETE FROM hperf3 WHERE rowid = 2'
expect 1 "table \"hperf3\", row 20 \(rowid 21\): account 3, month 2024-04: a second snapshot of one account in one month, the first at row 11 \(rowid 12\) \(3 in all\); keep one snapshot per account and month" \
	"$RISKDESK" monitor --db "$tmp/dup.db" --name german \
	--applications happs1 --performance hperf3 --window 5

# Account numbers as ids: the bundled example with 19-digit ids (1
# apart) and with ids on both sides of 2^53, where a double holds only
# every other integer, monitors exactly as with its own small ids: the
# same report, text and JSON, byte for byte (the ids never printed).
# An id that is a fraction is refused, and named as it is.
# bigids <awk expression of the small id n> <tag>
bigids() {
	for f in apps perf; do
		awk -F, -v OFS=, "NR == 1 { print; next } { n = \$1 - 100000; \$1 = $1; print }" \
			"$data/monitor-$f.csv" >"$tmp/$2-$f.csv"
	done
	expect 0 "" "$RISKDESK" import --db "$tmp/$2.db" --table applications \
		--id app_id "$tmp/$2-apps.csv"
	expect 0 "" "$RISKDESK" import --db "$tmp/$2.db" --table performance \
		"$tmp/$2-perf.csv"
	expect 0 "" "$RISKDESK" import --db "$tmp/$2.db" --table german \
		--target creditability --bad bad "$data/german_credit.csv"
	expect 0 "" "$RISKDESK" fit --db "$tmp/$2.db" --table german --name german
}
bigids '"4036813507399" (154756 + n)' b19
bigids '"9007199254740" (492 + n)' b53
same "19-digit ids" "$(sed -n 2p "$tmp/b19-apps.csv" | cut -d, -f1)" 4036813507399154757
same "ids across 2^53" "$(sed -n '500,501p' "$tmp/b53-apps.csv" | cut -d, -f1 | tr '\n' ' ')" \
	"9007199254740991 9007199254740992 "
expect 0 "" "$RISKDESK" monitor --db "$db" --name german --by quarter --json
cp "$tmp/out" "$tmp/small.json"
expect 0 "" "$RISKDESK" monitor --db "$db" --name german --by quarter
cp "$tmp/out" "$tmp/small.txt"
for t in b19 b53; do
	expect 0 "" "$RISKDESK" monitor --db "$tmp/$t.db" --name german \
		--by quarter --json
	ok "$t ids: the JSON report of small ids" cmp -s "$tmp/out" "$tmp/small.json"
	expect 0 "" "$RISKDESK" monitor --db "$tmp/$t.db" --name german \
		--by quarter
	ok "$t ids: the text report of small ids" cmp -s "$tmp/out" "$tmp/small.txt"
done
same "every snapshot joined" "$(jget "$tmp/small.json" '(o["counts"]["snapshots"], o["counts"]["orphan_snapshots"])')" \
	"($(($(wc -l <"$data/monitor-perf.csv") - 1)), 0)"
# A second snapshot of an account past 2^53 is named by its id.
{ cat "$tmp/b53-perf.csv"; grep '^9007199254740993,' "$tmp/b53-perf.csv" | head -1; } \
	>"$tmp/b53-perf2.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/b53.db" --table perf2 "$tmp/b53-perf2.csv"
expect 1 "account 9007199254740993, month [0-9-]+: a second snapshot of one account in one month" \
	"$RISKDESK" monitor --db "$tmp/b53.db" --name german --performance perf2
awk -F, -v OFS=, 'NR == 4 { $1 = "12.5" } { print }' "$tmp/b53-apps.csv" \
	>"$tmp/appsr.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/b53.db" --table appsr "$tmp/appsr.csv"
expect 1 'table "appsr": id column "app_id": expected whole numbers of at most 64 bits, or text, found 12.5 in row 3' \
	"$RISKDESK" monitor --db "$tmp/b53.db" --name german --applications appsr

echo "monitor: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
