#!/bin/sh
# collect-cli.sh - riskdesk collect end to end: a hand case (the dozen
# accounts of check_collect.c, through the database), the bundled
# synthetic portfolio with every rate checked against an independent SQL
# query run by the sqlite3 shell and every test against R's prop.test,
# the challenger plan and --month, and the errors with their locations
# and exit codes.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/collect-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"
. "$top_srcdir/tests/infer-lib.sh"

# ------------------------------------------------------------ hand case
#
# The snapshots and treatments of check_collect.c (the outcomes are
# worked out there): 1/sms n 4, cured 2 (A, D), rolled 1 (C), balance
# 1000, cured balance 500; 1/call n 3, cured 2, rolled 1, balance 6000,
# cured 3000; 1/letter n 1 cured 1 (B in February, 210); 2/call n 3,
# cured 1, rolled 1, balance 1800, cured 500; 3/field n 1 rolled 1.
db="$tmp/hand.db"
cat >"$tmp/perf.csv" <<'EOF'
account,month,bucket,balance
A,2024-01,1,100
B,2024-01,1,200
C,2024-01,1,300
D,2024-01,1,400
E,2024-01,1,1000
F,2024-01,1,2000
G,2024-01,1,3000
H,2024-01,2,500
I,2024-01,2,600
J,2024-01,2,700
K,2024-01,3,800
L,2024-01,0,50
A,2024-02,0,100
B,2024-02,1,210
C,2024-02,2,310
D,2024-02,0,400
E,2024-02,0,1000
F,2024-02,0,2000
G,2024-02,2,3100
H,2024-02,0,500
I,2024-02,3,600
J,2024-02,1,700
K,2024-02,4,800
L,2024-02,0,50
A,2024-03,0,100
B,2024-03,0,210
D,2024-03,0,400
E,2024-03,0,1000
F,2024-03,0,2000
G,2024-03,2,3200
H,2024-03,0,500
I,2024-03,3,600
J,2024-03,1,700
K,2024-03,5,800
L,2024-03,0,50
EOF
cat >"$tmp/act.csv" <<'EOF'
account,month,treatment
A,2024-01,sms
B,2024-01,sms
C,2024-01,sms
D,2024-01,sms
E,2024-01,call
F,2024-01,call
G,2024-01,call
H,2024-01,call
I,2024-01,call
J,2024-01,call
K,2024-01,field
L,2024-01,sms
B,2024-02,letter
C,2024-02,call
M,2024-02,sms
G,2024-03,call
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table perf "$tmp/perf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table actions "$tmp/act.csv"
# The plan of 2024-02: delinquent B (1, 210), C (2, 310), G (2, 3100),
# I (3, 600), J (1, 700), K (4, 800).  Rules: bucket 1 sms; bucket 2
# call (capacity 1); bucket 2 letter; bucket >= 3 field.  By balance: G
# call (2/call 1/3: 3100/3 = 1033.33), K field (no 4/field: unrated),
# J sms (0.5: 350), I field (3/field 0: 0), C call full -> letter (no
# 2/letter: unrated; fell 1), B sms (0.5: 105).
#   sms 2 accounts, cures 1, balance 455, cost 0.10
#   call 1, cures 1/3, balance 1033.33, cost 4
#   letter 1, unrated, cost 1.2; field 2 (1 unrated), cost 70
#   total 6, cures 4/3, balance 1488.33, cost 75.3; fell 1
cat >"$tmp/hand.yaml" <<'EOF'
name: hand
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05, call: 4, letter: 1.2, field: 35}
  capacity: {call: 1}
  strategy:
    - {name: early, when: bucket = 1, treatment: sms}
    - {name: mid, when: bucket = 2, treatment: call}
    - {name: mid_overflow, when: bucket = 2, treatment: letter}
    - {name: late, when: bucket >= 3, treatment: field}
EOF
expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/hand.yaml" \
	--month 2024-02 --json
cp "$tmp/out" "$tmp/hand.json"
j() { jget "$tmp/hand.json" "$1"; }
same "hand: 1/sms n" "$(j rates.1/sms.n)" 4
same "hand: 1/sms cured" "$(j rates.1/sms.cured)" 2
same "hand: 1/sms rolled" "$(j rates.1/sms.rolled)" 1
same "hand: 1/sms cure rate" "$(j rates.1/sms.cure_rate)" 0.5
same "hand: 1/sms roll rate" "$(j rates.1/sms.roll_rate)" 0.25
same "hand: 1/sms balance" "$(j rates.1/sms.balance)" 1000.0
same "hand: 1/sms cured balance" "$(j rates.1/sms.cured_balance)" 500.0
same "hand: 1/call cured" "$(j rates.1/call.cured)" 2
near "hand: 1/call cure rate" "$(j rates.1/call.cure_rate)" 0.666666666667 1e-12
same "hand: 1/call cured balance" "$(j rates.1/call.cured_balance)" 3000.0
# 2024-02 is planned with what was known then: B's letter of February
# (cured in March) is left out of the rates, the one treatment so.
same "hand: 2024-02 planned on the rates before it" "$(j rates_from.before)" 2024-02
same "hand: treated in 2024-02 or after, left out" "$(j rates_from.later_left_out)" 1
same "hand: no 1/letter rate before 2024-02" "$(j rates.1/letter.n)" ""
same "hand: with an outcome (the rates' 11 and B's letter)" "$(j history.with_outcome)" 12
# The last month, 2024-03, is planned on the whole history: B's letter
# in, 1/letter n 1, cured balance 210.
expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/hand.yaml" --json
cp "$tmp/out" "$tmp/hand-last.json"
same "hand, last month: whole history" "$(jget "$tmp/hand-last.json" rates_from.before)" null
same "hand, last month: nothing left out" "$(jget "$tmp/hand-last.json" rates_from.later_left_out)" 0
same "hand: 1/letter n" "$(jget "$tmp/hand-last.json" rates.1/letter.n)" 1
same "hand: 1/letter cured balance" "$(jget "$tmp/hand-last.json" rates.1/letter.cured_balance)" 210.0
expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/hand.yaml" --month 2024-02
contains '^2024-02 is planned with what was known then: the rates and tests are of the treatments before it; 1 treated in 2024-02 or after, with an outcome, are left out$'
contains '^rates \(treatments before 2024-02; cured: current the month after'
same "hand: 2/call stayed" "$(j rates.2/call.stayed)" 1
same "hand: 2/call balance" "$(j rates.2/call.balance)" 1800.0
same "hand: 3/field rolled" "$(j rates.3/field.rolled)" 1
same "hand: open" "$(j history.open)" 2
same "hand: not delinquent (L current, M none)" \
	"$(j history.not_delinquent)" 2
# The tests of bucket 1 against sms (R 4.2.2: prop.test(c(2, 2), c(3,
# 4)) gives the interval [-0.724322912470663, 1], p-value 1; computed
# here 1 - 1.1e-16, which the JSON now gives as it is).
near "hand: 1/call-vs-sms ci_low" "$(j tests.1/call-vs-sms.ci_low)" \
	-0.724322912470663 1e-11
near "hand: 1/call-vs-sms p" "$(j tests.1/call-vs-sms.p_value)" 1 1e-12
same "hand: plan month" "$(j plan.month)" 2024-02
same "hand: plan accounts" "$(j plan.accounts)" 6
same "hand: plan sms accounts" "$(j plan.treatments.sms.accounts)" 2
same "hand: plan sms cures" "$(j plan.treatments.sms.expected_cures)" 1.0
same "hand: plan sms balance" \
	"$(j plan.treatments.sms.expected_cured_balance)" 455.0
near "hand: plan call balance" \
	"$(j plan.treatments.call.expected_cured_balance)" 1033.33333333 1e-6
same "hand: plan call used" "$(j plan.treatments.call.capacity_used)" 1.0
same "hand: plan letter unrated" "$(j plan.treatments.letter.unrated)" 1
same "hand: plan field accounts" "$(j plan.treatments.field.accounts)" 2
same "hand: plan field cost" "$(j plan.treatments.field.cost)" 70.0
near "hand: plan total cures" "$(j plan.plan_total.expected_cures)" \
	1.33333333333 1e-9
near "hand: plan total balance" \
	"$(j plan.plan_total.expected_cured_balance)" 1488.33333333 1e-6
near "hand: plan total cost" "$(j plan.plan_total.cost)" 75.3 1e-9
same "hand: fell" "$(j plan.fell)" 1
same "hand: untreated" "$(j plan.untreated)" 0
same "hand: rule mid_overflow" "$(j plan.rules.mid_overflow)" 1
same "hand: no challenger" "$(j challenger_plan)" null

# ---------------------------------------------------- the bundled example
db="$tmp/ex.db"
expect 0 "" "$RISKDESK" import --db "$db" --table perf \
	"$top_srcdir/data/collect-perf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table actions \
	"$top_srcdir/data/collect-actions.csv"
expect 0 "" "$RISKDESK" collect --db "$db" \
	--policy "$top_srcdir/policies/collections.yaml" \
	--challenger "$top_srcdir/policies/collections-challenger.yaml"
contains '^rates \(whole history'
contains '^tests \(cure rate against'
contains '^plan: policy "collections", 2024-12: 469 delinquent accounts'
contains '^challenger plan: policy "collections-challenger", 2024-12'
contains '^optimiser '
contains '^plan total +469 '
contains 'LP bound'
expect 0 "" "$RISKDESK" collect --db "$db" \
	--policy "$top_srcdir/policies/collections.yaml" \
	--challenger "$top_srcdir/policies/collections-challenger.yaml" --json
cp "$tmp/out" "$tmp/ex.json"
# Every rate against SQL run by the sqlite3 shell: the snapshot of the
# month treated joined to the snapshot of the month after.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 -separator ' ' "$db" "
	    SELECT p.bucket || '/' || a.treatment, count(*),
	        sum(n.bucket = 0), sum(n.bucket > p.bucket),
	        printf('%.2f', sum(p.balance)),
	        printf('%.2f', sum(CASE WHEN n.bucket = 0 THEN p.balance
	            ELSE 0 END))
	    FROM actions a
	    JOIN perf p ON p.account = a.account AND p.month = a.month
	    JOIN perf n ON n.account = a.account
	        AND n.month = strftime('%Y-%m', a.month || '-01', '+1 month')
	    WHERE p.bucket BETWEEN 1 AND 4
	    GROUP BY 1 ORDER BY 1" >"$tmp/sql.txt"
	same "example: rates of SQL" "$(wc -l <"$tmp/sql.txt" | tr -d ' ')" 7
	while read -r key n cured rolled bal cbal; do
		same "example: $key n (SQL)" \
		    "$(jget "$tmp/ex.json" "rates.$key.n")" "$n"
		same "example: $key cured (SQL)" \
		    "$(jget "$tmp/ex.json" "rates.$key.cured")" "$cured"
		same "example: $key rolled (SQL)" \
		    "$(jget "$tmp/ex.json" "rates.$key.rolled")" "$rolled"
		near "example: $key balance (SQL)" \
		    "$(jget "$tmp/ex.json" "rates.$key.balance")" "$bal" 0.005
		near "example: $key cured balance (SQL)" \
		    "$(jget "$tmp/ex.json" "rates.$key.cured_balance")" \
		    "$cbal" 0.005
	done <"$tmp/sql.txt"
else
	echo "collect-cli: no sqlite3 shell, the SQL check is skipped"
fi
# The tests against R 4.2.2 (2022-11-10 r83330), on the counts above:
#   prop.test(c(206, 710), c(528, 1977), correct = TRUE): difference
#     0.0310215202097, CI [-0.0168505240106, 0.07889356443], p-value
#     0.206231118684; power 0.261359524699 (collect.h's formula)
#   prop.test(c(24, 149), c(196, 563)): -0.142204661616, CI
#     [-0.204243451371, -0.0801658718607], p 6.64839087005e-05, power
#     0.993348712421
#   prop.test(c(9, 20), c(94, 199)): -0.00475783171175, CI
#     [-0.0822015000131, 0.0726858365896], p 1, power 0.0323764493877
t() { jget "$tmp/ex.json" "tests.$1"; }
same "example: letter n" "$(t 1/letter-vs-sms.n)" 528
same "example: letter cured" "$(t 1/letter-vs-sms.cured)" 206
same "example: sms n" "$(t 1/letter-vs-sms.n_champion)" 1977
same "example: sms cured" "$(t 1/letter-vs-sms.cured_champion)" 710
near "example: 1 difference" "$(t 1/letter-vs-sms.difference)" 0.0310215202097 1e-11
near "example: 1 ci_low" "$(t 1/letter-vs-sms.ci_low)" -0.0168505240106 1e-11
near "example: 1 ci_high" "$(t 1/letter-vs-sms.ci_high)" 0.07889356443 1e-11
near "example: 1 p" "$(t 1/letter-vs-sms.p_value)" 0.206231118684 1e-11
near "example: 1 power" "$(t 1/letter-vs-sms.power)" 0.261359524699 1e-11
same "example: 1 enough" "$(t 1/letter-vs-sms.enough)" false
near "example: 2 ci_low" "$(t 2/sms-vs-call.ci_low)" -0.204243451371 1e-11
near "example: 2 ci_high" "$(t 2/sms-vs-call.ci_high)" -0.0801658718607 1e-11
near "example: 2 p" "$(t 2/sms-vs-call.p_value)" 6.64839087005e-05 1e-15
near "example: 2 power" "$(t 2/sms-vs-call.power)" 0.993348712421 1e-11
same "example: 2 enough" "$(t 2/sms-vs-call.enough)" true
near "example: 3 ci_low" "$(t 3/letter-vs-field.ci_low)" -0.0822015000131 1e-11
near "example: 3 p" "$(t 3/letter-vs-field.p_value)" 1 1e-12
near "example: 3 power" "$(t 3/letter-vs-field.power)" 0.0323764493877 1e-11
# The plan's total is the sum of its lines; capacities hold; the
# challenger plan covers the same accounts.
e() { jget "$tmp/ex.json" "$1"; }
sum=0
for tr in sms letter call field agency; do
	sum=$((sum + $(e "plan.treatments.$tr.accounts")))
done
same "example: plan lines add up" "$sum" "$(e plan.plan_total.accounts)"
ok "example: calls within capacity" \
	test "$(e plan.treatments.call.accounts)" -le 30
ok "example: field visits within capacity" \
	test "$(e plan.treatments.field.accounts)" -le 15
same "example: challenger accounts" "$(e challenger_plan.accounts)" \
	"$(e plan.accounts)"
# The challenger split of 2024-12 (collect_draw: FNV-1a 64 of the
# identifier, the splitmix64 finaliser, top 53 bits / 2^53), counted in
# Python 3 over data/collect-perf.csv: bucket 1 has 260 accounts, 50 drawn
# below 0.2; bucket 2 96, 27 below 0.25; bucket 3 65, 25 below 0.3 (sms
# and letter have no capacity, so every one drawn takes the challenger).
# Each is within 4 binomial standard deviations of the share: 52 +- 25.8,
# 24 +- 17.0, 19.5 +- 14.8.  FNV-1a alone gave 68, 32 and 21.
same "example: challenged" "$(e plan.challenged)" $((50 + 27 + 25))
same "example: rule mid (30 calls + 27 sms)" "$(e plan.rules.mid)" 57
same "example: rule late (15 visits + 25 letters)" "$(e plan.rules.late)" 40
# letter: the 50 of early, the 25 of late, the 25 left to late_overflow.
same "example: letter accounts" "$(e plan.treatments.letter.accounts)" 100
# The same split run after run.
expect 0 "" "$RISKDESK" collect --db "$db" \
	--policy "$top_srcdir/policies/collections.yaml" \
	--challenger "$top_srcdir/policies/collections-challenger.yaml" --json
ok "example: the same plan twice" cmp -s "$tmp/out" "$tmp/ex.json"
# Each rule with a challenger states its split (the counts above): early
# 50 of 260 drawn, all given the letter (no capacity), share reached
# 50 / 260 = 0.192307692308 against 0.2 asked.
same "example: early drawn" "$(e plan.challengers.early.drawn)" 50
same "example: early given" "$(e plan.challengers.early.given_challenger)" 50
near "example: early share reached" \
	"$(e plan.challengers.early.share_reached)" 0.192307692308 1e-9
same "example: early not bound" "$(e plan.challengers.early.capacity_bound)" false
same "example: mid given" "$(e plan.challengers.mid.given_challenger)" 27
# A challenger under capacity: early's challenger is the call (share
# 0.5), whose capacity the champion of mid also uses.  Python 3, as
# above, draws 146 of bucket 1's 260 accounts below 0.5; mid's 96
# accounts less its 27 drawn leave 69 that want a call.  The champions
# are served first: with call capacity 30 they take all 30 and the test
# gets none (reached 0, not 0.5); with capacity 100 the test gets 100 -
# 69 = 31 (reached 31 / 260 = 0.119230769231), the first 31 drawn in
# draw order, not the 31 largest balances.
for cap in 30 100; do
	sed -e "s/challenger: letter, share: 0.2/challenger: call, share: 0.5/" \
	    -e "s/call: 30,/call: $cap,/" \
	    "$top_srcdir/policies/collections.yaml" >"$tmp/cc$cap.yaml"
	expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/cc$cap.yaml"
	has_text "challenger call of rule early: 146 of its 260 accounts drawn"
	has_text "the capacity of call bound (the champions are served first): the test of rule early is smaller than asked"
	expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/cc$cap.yaml" \
		--json
	cp "$tmp/out" "$tmp/cc$cap.json"
	same "capacity $cap: drawn" \
		"$(jget "$tmp/cc$cap.json" plan.challengers.early.drawn)" 146
	same "capacity $cap: bound" \
		"$(jget "$tmp/cc$cap.json" plan.challengers.early.capacity_bound)" true
	same "capacity $cap: share asked" \
		"$(jget "$tmp/cc$cap.json" plan.challengers.early.share_asked)" 0.5
	same "capacity $cap: calls" \
		"$(jget "$tmp/cc$cap.json" plan.treatments.call.accounts)" "$cap"
done
same "capacity 30: given" \
	"$(jget "$tmp/cc30.json" plan.challengers.early.given_challenger)" 0
same "capacity 30: share reached" \
	"$(jget "$tmp/cc30.json" plan.challengers.early.share_reached)" 0.0
same "capacity 100: given" \
	"$(jget "$tmp/cc100.json" plan.challengers.early.given_challenger)" 31
near "capacity 100: share reached" \
	"$(jget "$tmp/cc100.json" plan.challengers.early.share_reached)" \
	0.119230769231 1e-9
# The 31 given the call are a random draw of the 146: their mean balance
# is within 4 standard errors of the drawn accounts' mean, the standard
# error sd / sqrt(31) * sqrt(1 - 31 / 146) with sd the balances' standard
# deviation over bucket 1 of 2024-12 (awk below: 2824.57, so 4 SE is
# 1801; the plan gives 1731.45 against 2714.14), and far below the mean
# of bucket 1's 31 largest balances (8145.77) that balance order gave.
gm=$(jget "$tmp/cc100.json" plan.challengers.early.mean_balance_given)
dm=$(jget "$tmp/cc100.json" plan.challengers.early.mean_balance_drawn)
awk -F, '$2 == "2024-12" && $3 == 1 { print $4 }' \
	"$top_srcdir/data/collect-perf.csv" | sort -gr >"$tmp/b1.txt"
sd=$(awk '{ s += $1; q += $1 * $1; n++ }
	END { printf "%.6f", sqrt((q - s * s / n) / (n - 1)) }' "$tmp/b1.txt")
top=$(head -31 "$tmp/b1.txt" | awk '{ s += $1 } END { printf "%.6f", s / 31 }')
near "bucket 1 balance sd (Python 3: 2824.5735)" "$sd" 2824.5735 0.001
near "top 31 balances' mean (Python 3: 8145.7729)" "$top" 8145.7729 0.001
ok "capacity 100: given mean $gm within 4 SE of drawn mean $dm" awk \
	-v g="$gm" -v d="$dm" -v sd="$sd" 'BEGIN {
	    se = sd / sqrt(31) * sqrt(1 - 31 / 146); x = g - d; if (x < 0) x = -x
	    exit !(x <= 4 * se) }'
ok "capacity 100: given mean $gm below the top 31's $top - 4 SE" awk \
	-v g="$gm" -v t="$top" -v sd="$sd" 'BEGIN {
	    se = sd / sqrt(31) * sqrt(1 - 31 / 146); exit !(g < t - 4 * se) }'
# A stream: the rule's own draw.  The same policy with stream: e1 on
# early draws another cell of bucket 1 (Python 3: 137 below 0.5, 146 in the shared draw); the
# JSON names the stream.  A stream without a challenger is refused.
sed "s/challenger: call, share: 0.5/challenger: call, share: 0.5, stream: e1/" \
	"$tmp/cc100.yaml" >"$tmp/cs.yaml"
expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/cs.yaml" --json
same "stream: drawn" "$(jget "$tmp/out" plan.challengers.early.drawn)" \
	137
same "stream: named" "$(jget "$tmp/out" plan.challengers.early.stream)" e1
same "no stream: null" \
	"$(jget "$tmp/cc100.json" plan.challengers.early.stream)" null
sed "s/name: severe, when: bucket = 4, treatment: agency/name: severe, when: bucket = 4, treatment: agency, stream: s/" \
	"$tmp/cc100.yaml" >"$tmp/cs2.yaml"
expect 1 'cs2.yaml:[0-9]+:[0-9]+: stream of strategy rule "severe" without a challenger' \
	"$RISKDESK" collect --db "$db" --policy "$tmp/cs2.yaml"
# One rule over every delinquent account of 2024-12 (469), the
# challenger at each share: the accounts given it are within 4 binomial
# standard deviations, 4 sqrt(469 s (1 - s)), of 469 s (now 44, 97,
# 133, 160, 248 for 0.1 .. 0.5; FNV-1a alone gave 75, 131, 146, 186, 281,
# 4.3, 4.3, 3.1, 4.6 and 4.3 standard deviations over; both counted in
# Python 3 as above).
for s in 0.1 0.2 0.25 0.3 0.5; do
	cat >"$tmp/split.yaml" <<EOF2
name: split
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05, letter: 1.2}
  strategy:
    - {name: all, when: bucket >= 1, treatment: sms, challenger: letter,
       share: $s}
EOF2
	expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/split.yaml" \
		--json
	k=$(jget "$tmp/out" plan.treatments.letter.accounts)
	same "split $s: challenged" "$(jget "$tmp/out" plan.challenged)" "$k"
	ok "split $s: $k of 469 within 4 sd of the share" awk -v k="$k" \
		-v s="$s" 'BEGIN { n = 469; d = k - n * s; if (d < 0) d = -d
		    exit !(d <= 4 * sqrt(n * s * (1 - s))) }'
done
ok "example: optimiser at least the strategy" awk -v o="$(e optimiser.value)" \
	-v s="$(e optimiser.strategy_value)" 'BEGIN { exit !(o >= s) }'
ok "example: bound at least the optimiser" awk -v o="$(e optimiser.value)" \
	-v b="$(e optimiser.bound)" 'BEGIN { exit !(b >= o - 1e-6) }'
# The plan of a strategy without capacity or challenger against SQL:
# each bucket's accounts of 2024-12 take its one treatment, so the
# expected cures are the accounts times the rate, the expected cured
# balance the rate times their balance (the rates checked above).
cat >"$tmp/flat.yaml" <<'EOF2'
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05, call: 4, field: 35, agency: 0}
  strategy:
    - {name: b1, when: bucket = 1, treatment: sms}
    - {name: b2, when: bucket = 2, treatment: call}
    - {name: b3, when: bucket = 3, treatment: field}
    - {name: b4, when: bucket = 4, treatment: agency}
EOF2
expect 0 "" "$RISKDESK" collect --db "$db" --policy "$tmp/flat.yaml" --json
cp "$tmp/out" "$tmp/flat.json"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 -separator ' ' "$db" "
	    SELECT bucket, count(*), printf('%.2f', sum(balance)) FROM perf
	    WHERE month = '2024-12' AND bucket BETWEEN 1 AND 4
	    GROUP BY bucket ORDER BY bucket" >"$tmp/month.txt"
	while read -r b n bal; do
		case $b in 1) tr=sms ;; 2) tr=call ;; 3) tr=field ;;
		    *) tr=agency ;; esac
		rate=$(jget "$tmp/flat.json" "rates.$b/$tr.cure_rate")
		same "plan (SQL): $tr accounts" \
		    "$(jget "$tmp/flat.json" "plan.treatments.$tr.accounts")" "$n"
		near "plan (SQL): $tr expected cures" \
		    "$(jget "$tmp/flat.json" "plan.treatments.$tr.expected_cures")" \
		    "$(awk -v r="$rate" -v n="$n" 'BEGIN { printf "%.9f", r * n }')" 1e-6
		near "plan (SQL): $tr expected cured balance" \
		    "$(jget "$tmp/flat.json" "plan.treatments.$tr.expected_cured_balance")" \
		    "$(awk -v r="$rate" -v b="$bal" 'BEGIN { printf "%.6f", r * b }')" 1e-3
	done <"$tmp/month.txt"
	same "plan (SQL): buckets" "$(wc -l <"$tmp/month.txt" | tr -d ' ')" 4
fi
same "plan without capacity: nothing fell" "$(jget "$tmp/flat.json" plan.fell)" 0
# Without capacity the optimiser's bound is its value (no gap).
same "optimiser without capacity: gap" "$(jget "$tmp/flat.json" optimiser.gap)" 0.0

# An earlier month.
expect 0 "" "$RISKDESK" collect --db "$db" \
	--policy "$top_srcdir/policies/collections.yaml" --month 2024-06
contains '^plan: policy "collections", 2024-06: '

# -------------------------------------------------------------- errors
p="$tmp/bad.yaml"
cat >"$p" <<'EOF'
name: bad
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05, call: 4}
  capacity: {visit: 10}
  strategy:
    - {name: a, when: bucket = 1, treatment: sms}
    - {name: b, when: bucket >= 2, treatment: letter}
EOF
expect 1 "bad.yaml:6:14: unknown treatment \"visit\" in \"capacity\"" \
	"$RISKDESK" collect --db "$db" --policy "$p"
stderr_has "bad.yaml:9:47: treatment \"letter\" of strategy rule \"b\" has no cost: add it to costs"
stderr_has "bad.yaml: 2 errors"
# A capacity is a whole number of accounts: 1.5 is refused, not shown as 2.
sed 's/capacity: {visit: 10}/capacity: {call: 1.5}/; s/treatment: letter}/treatment: call}/' \
	"$p" >"$tmp/cap.yaml"
expect 1 "cap.yaml:6:20: capacity of \"call\" must be a whole number of accounts, found 1.5" \
	"$RISKDESK" collect --db "$db" --policy "$tmp/cap.yaml"
cat >"$p" <<'EOF'
name: bad
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05, call: 4}
  strategy:
    - {name: a, when: bucket = 1, treatment: sms}
    - {name: b, when: bucket = 2 and balance > 100, treatment: call}
    - {name: c, when: bucket >= 3, treatment: call}
EOF
expect 1 "bad.yaml:3:3: bucket 2 is not covered when balance is NULL: no strategy rule is true on such an account of bucket 2" \
	"$RISKDESK" collect --db "$db" --policy "$p"
# Coverage is tried with the other columns a condition reads at NULL,
# empty, 0, 1e9 and -1e9 (every combination), so a rule true only on the
# NULL of a column, or only on ordinary values, does not pass for a
# rule true on every account.  Each case names the first values none of
# the rules is true on, at the collections section (3:3).
cover() {	# cover WHEN... : a policy of table $ctab whose bucket 1 rules are these
	{ printf 'name: cover\ncollections:\n  snapshots: %s\n' "$ctab"
	  printf '  treatments: actions\n  costs: {sms: 0.05, call: 4}\n'
	  printf '  strategy:\n'
	  n=0
	  for w in "$@"; do
		n=$((n + 1))
		printf '    - {name: r%d, when: "%s", treatment: sms}\n' "$n" "$w"
	  done
	  printf '    - {name: rest, when: bucket >= 2, treatment: call}\n'
	} >"$tmp/cover.yaml"
}
uncovered() {	# uncovered VALUES WHEN... : bucket 1 is not covered at VALUES
	why=$1; shift; cover "$@"
	expect 1 "cover.yaml:3:3: bucket 1 is not covered when $why: " \
		"$RISKDESK" check-policy --db "$db" "$tmp/cover.yaml"
}
covered() {	# covered WHEN... : check-policy passes
	cover "$@"; expect 0 "" "$RISKDESK" check-policy --db "$db" "$tmp/cover.yaml"
}
# 0 is below 1e6, 1e9 is not; NULL and empty text ('' sorts after every
# number in SQLite) are taken by their own tests.
ctab=perf
uncovered "balance = 1e9" "bucket = 1 and (balance is null or balance = '' or balance < 1e6)"
uncovered "balance = -1e9" "bucket = 1 and (balance is null or balance = '' or balance >= 0)"
uncovered "balance is NULL" "bucket = 1 and balance < 1500" "bucket = 1 and balance >= 1500"
# NULL < 1500 is NULL, not true: coalesce covers it.
covered "bucket = 1 and coalesce(balance, 0) < 1500" "bucket = 1 and balance >= 1500"
covered "bucket = 1 and balance < 1500" "bucket = 1"
uncovered "balance is NULL" "bucket = 1 and balance < 1e6"
# Any column a condition reads is probed, text ones too.
uncovered "account is NULL" "bucket = 1 and account is not null"
# Two columns, balance and score, in every combination: covered unless
# both are neither NULL nor 0; the first such probe (balance varying
# fastest, NULL, empty, 0, 1e9, -1e9) is both empty.
printf 'account,month,bucket,balance,score\nA,2024-01,1,100,600\n' \
	>"$tmp/sperf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table sperf "$tmp/sperf.csv"
ctab=sperf
uncovered "balance is empty, score is empty" "bucket = 1 and (coalesce(balance, 0) = 0 or coalesce(score, 0) = 0)"
# ...and with an empty balance or score sent to its own rule, the first
# uncovered probe is balance 1e9 with score 1e9.
either="bucket = 1 and (coalesce(balance, 0) = 0 or coalesce(score, 0) = 0)"
empty="bucket = 1 and (balance = '' or score = '')"
uncovered "balance = 1e9, score = 1e9" "$either" "$empty" "bucket = 1 and balance < 0"
uncovered "balance = 1e9, score = -1e9" "$either" "$empty" "bucket = 1 and balance < 0" "bucket = 1 and score > 0"
# Over 4 columns read, the probes are every column at one value, then
# each column at each value with the rest at each value: all equal is
# covered here (c1 = c2, or c5 NULL or empty), and so is each of c1 to c4
# at any value with the rest equal (c3 = c4 or c1 = c2); c5 at 0 with the
# rest NULL is the first that is not.
printf 'account,month,bucket,balance,c1,c2,c3,c4,c5\nA,2024-01,1,9,1,1,1,1,1\n' \
	>"$tmp/wperf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table wperf "$tmp/wperf.csv"
ctab=wperf
uncovered "c1 is NULL, c2 is NULL, c3 is NULL, c4 is NULL, c5 = 0" "bucket = 1 and (c5 is null or c5 = '' or c1 = c2 or c3 = c4)"
sed -i 's/snapshots: perf/snapshots: perff/' "$p"
expect 1 "bad.yaml:3:14: no table named \"perff\": import it first" \
	"$RISKDESK" collect --db "$db" --policy "$p"
sed -i 's/snapshots: perff/snapshots: perf\n  columns: {bucket: dq}/' "$p"
expect 1 "bad.yaml:3:14: table \"perf\" has no column \"dq\"" \
	"$RISKDESK" collect --db "$db" --policy "$p"
cat >"$p" <<'EOF'
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05}
  strategy:
    - {name: a, when: bucket >= 1 and balanse > 0, treatment: sms}
EOF
expect 1 "bad.yaml:6:23: .*balanse" "$RISKDESK" collect --db "$db" --policy "$p"
printf 'name: x\n' >"$p"
expect 1 "bad.yaml:1:1: missing required key \"collections\"" \
	"$RISKDESK" collect --db "$db" --policy "$p"
expect 2 "--month \"2024-6\": expected YYYY-MM" "$RISKDESK" collect \
	--db "$db" --policy "$top_srcdir/policies/collections.yaml" \
	--month 2024-6
expect 1 "no snapshot in 2023-01: the snapshots of table \"perf\" run from 2024-01 to 2024-12" \
	"$RISKDESK" collect --db "$db" \
	--policy "$top_srcdir/policies/collections.yaml" --month 2023-01
expect 2 "collect needs --policy" "$RISKDESK" collect --db "$db"
expect 4 "" "$RISKDESK" collect --db "$tmp/none.db" \
	--policy "$top_srcdir/policies/collections.yaml"
# A bad row: a bucket of 7, named by table and row.
db="$tmp/bad.db"
printf 'account,month,bucket,balance\nA,2024-01,1,10\nA,2024-02,7,10\n' \
	>"$tmp/bperf.csv"
printf 'account,month,treatment\nA,2024-01,sms\n' >"$tmp/bact.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table perf "$tmp/bperf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table actions "$tmp/bact.csv"
expect 1 "table \"perf\": row 2: bucket 7: expected a whole number 0 \(current\) to 5" \
	"$RISKDESK" collect --db "$db" --policy "$tmp/hand.yaml"
# The challenger must plan the same accounts.
sed 's/snapshots: perf/snapshots: actions/' "$tmp/hand.yaml" >"$tmp/other.yaml"
expect 1 "other.yaml:3:14: " \
	"$RISKDESK" collect --db "$tmp/hand.db" --policy "$tmp/hand.yaml" \
	--challenger "$tmp/other.yaml"

# check-policy takes a policy of collections alone.
expect 0 "" "$RISKDESK" check-policy --db "$tmp/ex.db" \
	"$top_srcdir/policies/collections.yaml"
contains 'collections.yaml: ok \(collections: 5 treatments, 6 strategy rules\)'
# Such a policy opens in the workbench (tests/tui-collect.sh); what needs
# a scorecard refuses it at its collections section, saying why.
expect 1 "collections.yaml:16:3: policy \"collections\" holds a collections strategy only \(no scorecard, no segments\): a report needs a credit policy; riskdesk collect plans its strategy" \
	"$RISKDESK" --report --db "$tmp/ex.db" \
	--policy "$top_srcdir/policies/collections.yaml"
expect 1 "collections.yaml:16:3: policy \"collections\" holds a collections strategy only \(no scorecard, no segments\): decide needs a credit policy" \
	"$RISKDESK" decide --db "$tmp/ex.db" \
	--policy "$top_srcdir/policies/collections.yaml"
printf 'collections:\n  snapshots: perf\n  treatments: actions\n  costs: {sms: 1}\n  strategy:\n    - {name: a, when: bucket >= 2, treatment: sms}\n' \
	>"$tmp/cp.yaml"
expect 1 "cp.yaml:2:3: bucket 1 is never covered" "$RISKDESK" check-policy \
	--db "$tmp/ex.db" "$tmp/cp.yaml"
sed -i 's/treatment: sms}/treatment: call}/' "$tmp/cp.yaml"
expect 1 "cp.yaml:6:47: treatment \"call\" of strategy rule \"a\" has no cost" \
	"$RISKDESK" check-policy "$tmp/cp.yaml"

# A treatment in the log the policy has no cost for: its rates are
# shown and it is named; an empty log is said to leave the cure rates
# unknown.
xdb="$tmp/x.db"
expect 0 "" "$RISKDESK" import --db "$xdb" --table perf \
	"$top_srcdir/data/collect-perf.csv"
{ head -1 "$top_srcdir/data/collect-actions.csv"
  sed -n '2,$p' "$top_srcdir/data/collect-actions.csv" |
	awk -F, -v OFS=, 'NR == 1 { $3 = "whatsapp" } { print }'; } \
	>"$tmp/actx.csv"
expect 0 "" "$RISKDESK" import --db "$xdb" --table actions "$tmp/actx.csv"
expect 0 "" "$RISKDESK" collect --db "$xdb" \
	--policy "$top_srcdir/policies/collections.yaml"
contains "^logged but not in the policy's costs \(rates shown; no rule can give them\): whatsapp$"
lacks 'the treatment log is empty'
expect 0 "" "$RISKDESK" collect --db "$xdb" \
	--policy "$top_srcdir/policies/collections.yaml" --json
same "logged without a cost" "$(jget "$tmp/out" logged_without_cost.0)" whatsapp
head -1 "$top_srcdir/data/collect-actions.csv" >"$tmp/act0.csv"
expect 0 "" "$RISKDESK" import --db "$xdb" --table actions --replace \
	"$tmp/act0.csv"
expect 0 "" "$RISKDESK" collect --db "$xdb" \
	--policy "$top_srcdir/policies/collections.yaml"
contains '^the treatment log is empty: no cure rate is known, so every plan.s expected cures are 0$'

echo "collect-cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
