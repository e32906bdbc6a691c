#!/bin/sh
# infer.sh - reject inference end to end: rejects marked at import, each
# method of "riskdesk infer" on a small case worked out by hand, and two
# simulated through-the-door populations with a known model and a known
# decline rule (one missing at random, one using information the data
# lacks), each printing the truth and every method's estimate.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/infer-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

. "$top_srcdir/tests/infer-lib.sh"

# --------------------------------------------------------- the hand case
#
# One characteristic grp of two levels.  Accepts: A 20 rows, 4 bad
# (20%); B 20 rows, 10 bad (50%): A = 40 accepts, B_A = 14, r_A = 0.35.
# Rejects (decision=decline, target empty): A 5, B 10; R = 15.
# With one characteristic of two bins the WoE logistic model is
# saturated: the KGB model's P(bad) is the bin's bad rate, p = 0.2 in A
# and 0.5 in B, and its WoE coefficient is -1 (logit p = b0 - WoE).
# WoE_A = ln((16/26) / (4/14)) = 0.767255, WoE_B = ln((10/26) / (10/14))
# = -0.619039; b0 = logit(0.5) + WoE_B = -0.619039.
db="$tmp/hand.db"
{
	echo "id,grp,y,decision"
	i=0
	for k in $(seq 1 20); do i=$((i + 1))
		echo "$i,A,$([ "$k" -le 4 ] && echo 1 || echo 0),accept"; done
	for k in $(seq 1 20); do i=$((i + 1))
		echo "$i,B,$([ "$k" -le 10 ] && echo 1 || echo 0),accept"; done
	for k in $(seq 1 5); do i=$((i + 1)); echo "$i,A,,decline"; done
	for k in $(seq 1 10); do i=$((i + 1)); echo "$i,B,,decline"; done
} >"$tmp/hand.csv"

expect 0 "" "$RISKDESK" import --db "$db" --table h --target y --bad 1 \
	--reject-when decision=decline --json "$tmp/hand.csv"
cp "$tmp/out" "$tmp/imp.json"
same "import: bads" "$(jget "$tmp/imp.json" bads)" 14
same "import: goods" "$(jget "$tmp/imp.json" goods)" 26
same "import: indeterminate (rejects apart)" \
	"$(jget "$tmp/imp.json" indeterminate)" 0
same "import: rejects" "$(jget "$tmp/imp.json" rejects)" 15
expect 0 "" "$RISKDESK" profile --db "$db" --table h
contains '^rejects \(declined, no outcome; decision = decline\): 15, of them 0 with an outcome'
expect 0 "" "$RISKDESK" bin --db "$db" --table h
contains 'left out of the WoE and IV: 0 indeterminate, 15 rejects'
contains '^  decision  *the reject decision \(--reject-when decision=decline\): a decision, not a characteristic'
# The reject column is left out of the fit by itself, and says so.
expect 0 "" "$RISKDESK" fit --db "$db" --table h --name kgb
contains '^  decision: the reject decision \(--reject-when decision=decline\)'
expect 0 "" "$RISKDESK" fit --db "$db" --table h --name kgb --json
near "KGB coefficient of grp (saturated: -1)" \
	"$(jget "$tmp/out" coefficients.1.estimate)" -1 1e-9
near "KGB intercept (logit 0.5 + WoE_B)" \
	"$(jget "$tmp/out" coefficients.0.estimate)" -0.619039 1e-6

# fit counts the rows it leaves out, indeterminates and rejects apart.
# The hand case plus three accepts whose outcome is 9 (neither bad 1
# nor good 0: indeterminate) and one decline whose outcome is known
# (a reject all the same): 40 rows with an outcome, 14 bad; left out 3
# indeterminate and 15 + 1 = 16 rejects.
{
	cat "$tmp/hand.csv"
	for k in 56 57 58; do echo "$k,A,9,accept"; done
	echo "59,B,1,decline"
} >"$tmp/hand-indet.csv"
expect 0 "" "$RISKDESK" import --db "$tmp/indet.db" --table hi --target y \
	--bad 1 --good 0 --reject-when decision=decline "$tmp/hand-indet.csv"
expect 0 "" "$RISKDESK" fit --db "$tmp/indet.db" --table hi --name kgb
contains '^scorecard "kgb" on table "hi": 40 rows with a known outcome, 14 bad$'
contains '^left out of the fit: 3 indeterminate, 16 rejects \(declined, no outcome\)$'
expect 0 "" "$RISKDESK" fit --db "$tmp/indet.db" --table hi --name kgb --json
same "fit --json: n_used" "$(jget "$tmp/out" n_used)" 40
same "fit --json: n_bad" "$(jget "$tmp/out" n_bad)" 14
same "fit --json: n_indeterminate" "$(jget "$tmp/out" n_indeterminate)" 3
same "fit --json: n_rejects" "$(jget "$tmp/out" n_rejects)" 16

# Fuzzy without a factor: accepts 40 rows of weight 1; each reject a bad
# of weight p and a good of weight 1 - p: 70 rows of weight 55.  The
# rejects' bad rate (5 x 0.2 + 10 x 0.5) / 15 = 6 / 15 = 0.4; TTD
# (14 + 6) / 55 = 0.363636.  The coefficients are the KGB's.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name fz \
	--method fuzzy --json
cp "$tmp/out" "$tmp/fz.json"
same "fuzzy: rows" "$(jget "$tmp/fz.json" development_rows)" 70
near "fuzzy: weight" "$(jget "$tmp/fz.json" development_weight)" 55 1e-9
near "fuzzy: rejects' bad rate" \
	"$(jget "$tmp/fz.json" reject_bad_rate)" 0.4 1e-12
near "fuzzy: TTD bad rate" "$(jget "$tmp/fz.json" ttd_bad_rate)" \
	0.36363636364 1e-10
same "fuzzy: reproduces KGB" "$(jget "$tmp/fz.json" reproduces_kgb)" true
near "fuzzy: largest coefficient change" \
	"$(jget "$tmp/fz.json" max_coefficient_change)" 0 1e-9
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name fz \
	--method fuzzy
contains 'reproduces the KGB coefficients'

# Fuzzy with --factor 1.5: the rejects' log-odds shifted by one s so that
# their mean P(bad) is 1.5 x 0.4 = 0.6.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name fz15 \
	--method fuzzy --factor 1.5 --json
near "fuzzy x1.5: rejects' bad rate" \
	"$(jget "$tmp/out" reject_bad_rate)" 0.6 1e-12
same "fuzzy x1.5: reproduces KGB" "$(jget "$tmp/out" reproduces_kgb)" false

# Hard cutoff, no cutoff given: bads wanted round(sum p) = round(6) = 6.
# The rejects by p: the 10 of B at 0.5, then the 5 of A at 0.2; a tie
# group is taken whole: 0 bads (|0 - 6| = 6), 10 (4) or 15 (9): 10,
# cutoff PD 0.5.  Rejects' bad rate 10 / 15; TTD (14 + 10) / 55.
# Refit (saturated): B (10 + 10) / 30 = 2/3 bad, A 4 / 25 = 0.16, so
# c1 = (logit(2/3) - logit(0.16)) / (WoE_B - WoE_A) = -1.696159 and
# c0 = logit(2/3) - c1 WoE_B = -0.356838.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hc \
	--method hard-cutoff --json
cp "$tmp/out" "$tmp/hc.json"
same "hard cutoff: rejects made bad" \
	"$(jget "$tmp/hc.json" rejects_made_bad)" 10
near "hard cutoff: cutoff PD" "$(jget "$tmp/hc.json" cutoff_pd_used)" 0.5 1e-12
near "hard cutoff: TTD" "$(jget "$tmp/hc.json" ttd_bad_rate)" \
	0.436363636364 1e-10
near "hard cutoff: refit coefficient" \
	"$(jget "$tmp/hc.json" coefficients.1.inferred)" \
	-1.696159 1e-5
near "hard cutoff: refit intercept" \
	"$(jget "$tmp/hc.json" coefficients.0.inferred)" -0.356838 1e-5
# The text names the term of the largest change (grp: 0.696159, the
# intercept's |-0.356838 + 0.619039| = 0.262201), its unit and both
# values, five decimals as the coefficient table.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hc \
	--method hard-cutoff
contains '^largest coefficient change: 0\.69616, of grp \(log-odds of bad per unit of WoE\):$'
contains '^  -1\.00000 in the KGB, -1\.69616 inferred$'
# --cutoff 0.3: the 10 rejects of B (p 0.5 >= 0.3) are bad.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hc3 \
	--method hard-cutoff --cutoff 0.3 --json
same "hard cutoff 0.3: rejects made bad" \
	"$(jget "$tmp/out" rejects_made_bad)" 10
# --bad-multiple 2: round(2 x 0.35 x 15) = round(10.5) = 11 bads wanted;
# boundaries 0 (11), 10 (1), 15 (4): 10.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hc4 \
	--method hard-cutoff --bad-multiple 2 --json
same "hard cutoff x2 accepts: rejects made bad" \
	"$(jget "$tmp/out" rejects_made_bad)" 10

# Parceling: the accepts' scores take two values, so two bands: B (bad
# rate 0.5, 10 rejects) and A (0.2, 5).  Factor 1: round(5) + round(1) =
# 6 bads.  Factor 1.5: round(0.75 x 10) + round(0.3 x 5) = round(7.5) +
# round(1.5) = 8 + 2 = 10 (halves away from zero).
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name pc \
	--method parceling --json
# two bands: the second is the last, open above
same "parceling: bands" "$(jget "$tmp/out" bands.1.hi)$(jget "$tmp/out" \
	bands.2.lo)" null
same "parceling: rejects made bad" "$(jget "$tmp/out" rejects_made_bad)" 6
near "parceling: band B bads" "$(jget "$tmp/out" bands.0.reject_bads)" 5 0
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name pc15 \
	--method parceling --factor 1.5 --seed 7 --json
same "parceling x1.5: rejects made bad" \
	"$(jget "$tmp/out" rejects_made_bad)" 10
# The cap at 100%.  Hard cutoff --factor 3: bads wanted round(3 x sum p)
# = round(3 x 6) = 18, but R = 15: all 15 made bad; asked 18 / 15 = 1.2,
# reached 1; the largest factor that can be reached R / sum p = 15 / 6.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hcx \
	--method hard-cutoff --factor 3 --json
cp "$tmp/out" "$tmp/hcx.json"
same "hard cutoff x3: capped" "$(jget "$tmp/hcx.json" cap.capped)" true
same "hard cutoff x3: rejects made bad" \
	"$(jget "$tmp/hcx.json" rejects_made_bad)" 15
near "hard cutoff x3: bad rate asked" \
	"$(jget "$tmp/hcx.json" cap.reject_bad_rate_asked)" 1.2 1e-12
near "hard cutoff x3: bad rate reached" \
	"$(jget "$tmp/hcx.json" cap.reject_bad_rate_reached)" 1 1e-12
near "hard cutoff x3: largest reachable factor" \
	"$(jget "$tmp/hcx.json" cap.largest_reachable)" 2.5 1e-12
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hcx \
	--method hard-cutoff --factor 3
contains "^  capped at 100%: --factor 3 asks for a rejects' bad rate of 120.00%, more bads than the 15 rejects:$"
contains "^  every reject is made bad \(bad rate reached 100.00%\); --factor 3 cannot be reached, at most 2.5 can$"
# --bad-multiple 3: round(3 x 0.35 x 15) = round(15.75) = 16 > 15; asked
# 3 x 0.35 = 1.05; at most 1 / 0.35.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hcx \
	--method hard-cutoff --bad-multiple 3 --json
same "hard cutoff x3 accepts: capped" "$(jget "$tmp/out" cap.capped)" true
same "hard cutoff x3 accepts: option" "$(jget "$tmp/out" cap.option)" \
	--bad-multiple
near "hard cutoff x3 accepts: bad rate asked" \
	"$(jget "$tmp/out" cap.reject_bad_rate_asked)" 1.05 1e-12
near "hard cutoff x3 accepts: largest reachable" \
	"$(jget "$tmp/out" cap.largest_reachable)" 2.857142857 1e-8
# Hard cutoff without a factor (bads wanted 6 <= 15): not capped.
same "hard cutoff: not capped" "$(jget "$tmp/hc.json" cap.capped)" false
# Parceling --factor 3: band B 3 x 0.5 = 1.5 > 1, capped, its 10 rejects
# bad; band A round(0.6 x 5) = 3: 13 bads, reached 13 / 15; asked
# (1.5 x 10 + 0.6 x 5) / 15 = 1.2; at most 1 / 0.5 = 2.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name pcx \
	--method parceling --factor 3 --json
cp "$tmp/out" "$tmp/pcx.json"
same "parceling x3: rejects made bad" \
	"$(jget "$tmp/pcx.json" rejects_made_bad)" 13
same "parceling x3: bands capped" "$(jget "$tmp/pcx.json" cap.bands_capped)" 1
same "parceling x3: rejects capped" \
	"$(jget "$tmp/pcx.json" cap.rejects_capped)" 10
same "parceling x3: band B capped" "$(jget "$tmp/pcx.json" bands.0.capped)" true
same "parceling x3: band A not" "$(jget "$tmp/pcx.json" bands.1.capped)" false
near "parceling x3: bad rate asked" \
	"$(jget "$tmp/pcx.json" cap.reject_bad_rate_asked)" 1.2 1e-12
near "parceling x3: bad rate reached" \
	"$(jget "$tmp/pcx.json" cap.reject_bad_rate_reached)" 0.8666666667 1e-9
near "parceling x3: largest factor" \
	"$(jget "$tmp/pcx.json" cap.largest_reachable)" 2 1e-12
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name pcx \
	--method parceling --factor 3
contains "^  capped at 100%: in 1 band \(10 rejects, marked \*\) 3 times the band's bad rate exceeds 100%,$"
contains "bad rate reached is 86.67%, asked for 120.00%:$"
contains "^  --factor 3 cannot be applied in every band, at most 2 can$"
contains "^< [0-9.]+ .* 10\.00 \*$"
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name pc15 \
	--method parceling --factor 1.5 --seed 7
lacks "capped"
same "fuzzy: no cap" "$(jget "$tmp/fz.json" cap)" null

# The factor is named the same way in the output, --help and riskdesk(1):
# parceling's multiplies the band's known bad rate, fuzzy's the KGB's.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name pc15 \
	--method parceling --factor 1.5 --seed 7
contains "the band's known bad rate times the event-rate increase factor"
contains "^  event-rate increase factor 1.5: the rejects' bad rate is 1.5 times the known bad rate of their KGB score band"
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name fz15t \
	--method fuzzy --factor 1.5
contains "^  event-rate increase factor 1.5: the rejects' bad rate is 1.5 times the KGB scorecard's"
expect 0 "" "$RISKDESK" --help
contains "^  --factor <x> +infer: the event-rate increase factor"
ok "riskdesk(1): --factor is the event-rate increase factor" grep -q \
	'^infer: the event\\-rate increase factor' "$top_srcdir/man/riskdesk.1.in"

# Reweighting: band B (20 accepts, 10 rejects) weight 30 / 20 = 1.5, band
# A (20, 5) 25 / 20 = 1.25; 40 rows of weight 55; the rejects' implied bad
# rate (0.5 x 10 + 0.2 x 5) / 15 = 0.4.  The model is saturated and the
# weights constant within its bins: the coefficients stay the KGB's.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name rw \
	--method reweighting --json
same "reweighting: rows" "$(jget "$tmp/out" development_rows)" 40
near "reweighting: weight" "$(jget "$tmp/out" development_weight)" 55 1e-9
near "reweighting: band B weight" "$(jget "$tmp/out" bands.0.weight)" 1.5 1e-12
near "reweighting: band A weight" "$(jget "$tmp/out" bands.1.weight)" 1.25 1e-12
near "reweighting: implied rejects' bad rate" \
	"$(jget "$tmp/out" reject_bad_rate)" 0.4 1e-12

# The comparison of the hard cutoff: the WoE of grp's A bin on the
# augmented set: goods 16 + 5 = 21 of G = 31, bads 4 of B = 24:
# ln((21/31) / (4/24)) = ln(4.064516) = 1.402295, against the accepts' 0.767255.
expect 0 "" "$RISKDESK" infer --db "$db" --compare --name hc --json
cp "$tmp/out" "$tmp/cmp.json"
near "compare: WoE of A on the augmented set" \
	"$(jget "$tmp/cmp.json" characteristics.0.woe_augmented)" 1.402295 1e-5
near "compare: WoE of A on the accepts" \
	"$(jget "$tmp/cmp.json" characteristics.0.woe_kgb)" 0.767255 1e-6
same "compare: rejects" "$(jget "$tmp/cmp.json" rejects)" 15
same "compare: hard cutoff changed the estimate" \
	"$(jget "$tmp/cmp.json" changed_little)" false
expect 0 "" "$RISKDESK" infer --db "$db" --compare --name fz --cutoff 500
contains 'inference changed little'
contains 'swap-in \(inferred only\) 0'
# The two rejects' bad rates say their basis: infer the KGB model's
# unrounded PD, --compare each scorecard's rounded points.
contains "mean PD of each scorecard's rounded points over the rejects"
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --name hcl \
	--method hard-cutoff
contains "^rejects' bad rate: KGB model [0-9.]+% \(mean PD of its unrounded log-odds\)"

# --compare --policy: the policy's swap set under the two scorecards.
# Points (riskdesk points): KGB base 505, A +22, B -18: A 527, B 487;
# the hard cutoff's hc base 497, A +38, B -30: A 535, B 467.  At the
# policy's cutoff 480 the KGB approves everyone, hc only A: approved by
# both the 25 of A (20 known, 4 bad: 20%), swap-out the 30 of B (20
# known, 10 bad: 50%; the 10 rejects have no outcome), no swap-in.
cat >"$tmp/policy.yaml" <<'YAML'
scorecard: kgb
population: h
segments:
  - name: all
    cutoff: 480
    lgd: 0.5
    ead: 1000
YAML
expect 0 "" "$RISKDESK" infer --db "$db" --compare --name hc \
	--policy "$tmp/policy.yaml" --json
same "policy swap: both" "$(jget "$tmp/out" policy_swap.swap.approved_by_both.count) $(jget "$tmp/out" policy_swap.swap.approved_by_both.known) $(jget "$tmp/out" policy_swap.swap.approved_by_both.bad)" "25 20 4"
same "policy swap: swap-in" "$(jget "$tmp/out" policy_swap.swap.swap_in.count)" 0
same "policy swap: swap-out" "$(jget "$tmp/out" policy_swap.swap.swap_out.count) $(jget "$tmp/out" policy_swap.swap.swap_out.known) $(jget "$tmp/out" policy_swap.swap.swap_out.bad)" "30 20 10"
near "policy swap: swap-out bad rate" \
	"$(jget "$tmp/out" policy_swap.swap.swap_out.bad_rate)" 0.5 1e-12
expect 0 "" "$RISKDESK" infer --db "$db" --compare --name hc \
	--policy "$tmp/policy.yaml"
contains 'scored with KGB "kgb" \(champion\) and inferred "hc" \(challenger\)'
contains '^  swap-out  *30  *20  *10  *50.00%'
# The document of a policy scored with the inferred scorecard: the data
# section counts the 15 rejects apart from the 0 indeterminate, and a
# reject-inference section gives the --compare figures; every number of
# the HTML and of the workbook is the JSON document's (doc-check.py).
sed 's/^scorecard: kgb/scorecard: hc/; s/ead: 1000/ead: id/' \
	"$tmp/policy.yaml" >"$tmp/policy-hc.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-hc.yaml" \
	--document --format json --report-time 1700000000
cp "$tmp/out" "$tmp/doc.json"
same "document: rejects" "$(jget "$tmp/doc.json" data.population.rejects)" 15
same "document: indeterminate" \
	"$(jget "$tmp/doc.json" data.population.indeterminate)" 0
same "document: reject inference of hc" \
	"$(jget "$tmp/doc.json" reject_inference.scorecard)" hc
near "document: the comparison's WoE of A" "$(jget "$tmp/doc.json" \
	reject_inference.characteristics.0.woe_augmented)" 1.402295 1e-5
# The sample it states is the one hc was fitted on: the augmented set
# infer stored, not the KGB's accepts.  By hand: 40 accepts (14 bad) and
# the 15 rejects once each (hard cutoff, 10 made bad): 55 rows, weight
# 55, weighted bads 14 + 10 = 24; and the same counted from the stored
# rows with sqlite3.
q() { sqlite3 "$db" "SELECT $1 FROM rd_infer_row WHERE name = '$2'"; }
same "document: sample kind" "$(jget "$tmp/doc.json" data.sample.kind)" \
	"augmented by reject inference"
same "document: augmented from KGB" \
	"$(jget "$tmp/doc.json" data.sample.augmented.kgb)" kgb
same "document: augmented rows (hand)" \
	"$(jget "$tmp/doc.json" data.sample.augmented.rows)" 55
near "document: augmented weighted bads (hand)" \
	"$(jget "$tmp/doc.json" data.sample.augmented.bad_weight)" 24 1e-9
for k in "rows count(*)" "weight sum(weight)" \
	"bad_weight sum(weight * bad)" "accepts.rows sum(reject = 0)" \
	"accepts.bads sum(bad * (reject = 0))" "rejects.rows sum(reject)" \
	"rejects.rejects count(DISTINCT CASE WHEN reject THEN src END)" \
	"rejects.bad_weight sum(weight * bad * reject)"; do
	near "document: augmented ${k%% *} (sqlite3)" \
	    "$(jget "$tmp/doc.json" "data.sample.augmented.${k%% *}")" \
	    "$(q "${k#* }" hc)" 1e-9
done
same "document: development statistics on the 40 accepts" \
	"$(jget "$tmp/doc.json" data.sample.development.n)" 40
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-hc.yaml" \
	--format html --report-time 1700000000
cp "$tmp/out" "$tmp/doc.html"
ok "document: HTML figures are the JSON's" python3 \
	"$top_srcdir/tests/doc-check.py" html "$tmp/doc.html" "$tmp/doc.json"
ok "document: HTML reject-inference section" grep -q \
	'<h2>7. Reject inference</h2>' "$tmp/doc.html"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-hc.yaml" \
	--format xlsx --report-time 1700000000 --output "$tmp/doc.xlsx"
ok "document: workbook figures are the JSON's" python3 \
	"$top_srcdir/tests/doc-check.py" xlsx "$tmp/doc.xlsx" "$tmp/doc.json"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-hc.yaml" \
	--document --report-time 1700000000
contains '^== reject inference'
contains '^rejects. estimated bad rate'
contains '^fitted on the augmented development set that riskdesk infer stored with it$'
contains '^\(hard-cutoff from KGB scorecard "kgb"\), not on these rows alone:$'
contains '^  55 rows, weight 55, weighted bads 24 \(43.64%\)$'
contains '^  accepts: 40 rows with their known outcome, 14 bad, weight 40$'
contains '^  rejects: 15 entered once each, bad when the KGB PD is at or above the cutoff, else good; 15 rows, weight 15, weighted bads 10$'
lacks '^left out of the fit'
ok "document: HTML states the augmented set" grep -q \
	'fitted on the augmented development set stored with it' "$tmp/doc.html"
if grep -q 'developed on every row of its table' "$tmp/doc.html"; then
	echo "FAIL: document: HTML states the KGB's sample"; fails=$((fails + 1))
else passes=$((passes + 1)); fi
# Fuzzy: each of the 15 rejects twice, as a bad of weight p and a good of
# weight 1 - p: 30 reject rows of weight 15, weighted bads 5 x 0.2 + 10 x
# 0.5 = 6; 70 rows, weight 55, weighted bads 14 + 6 = 20.
sed 's/^scorecard: hc/scorecard: fz/' "$tmp/policy-hc.yaml" >"$tmp/policy-fz.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-fz.yaml" \
	--document --format json --report-time 1700000000
same "document fz: rejects entered" \
	"$(jget "$tmp/out" data.sample.augmented.rejects.rejects) $(jget "$tmp/out" data.sample.augmented.rejects.rows)" "15 30"
near "document fz: rejects' weighted bads" \
	"$(jget "$tmp/out" data.sample.augmented.rejects.bad_weight)" 6 1e-9
near "document fz: rejects' weighted bads (sqlite3)" \
	"$(jget "$tmp/out" data.sample.augmented.rejects.bad_weight)" \
	"$(q "sum(weight * bad * reject)" fz)" 1e-9
near "document fz: weighted bads" \
	"$(jget "$tmp/out" data.sample.augmented.bad_weight)" 20 1e-9
same "document fz: rows" "$(jget "$tmp/out" data.sample.augmented.rows)" 70
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-fz.yaml" \
	--document --report-time 1700000000
contains '^  rejects: 15 entered twice each, as a bad of weight P\(bad\) and a good of weight 1 - P\(bad\); 30 rows, weight 15, weighted bads 6$'
# A KGB with a random holdout: inference takes the KGB's development rows
# only, so that the holdout stays out of sample for the inferred
# scorecard.  The split holds out round(0.3 x 55) = round(16.5) = 17 of
# the 55 rows (accepts and rejects alike): hard-cutoff stores one row per
# row it takes, 55 - 17 = 38; its accepts are validate's development
# sample, and with validate's holdout they make the 40 accepts.
expect 0 "" "$RISKDESK" fit --db "$db" --table h --name kgbh --holdout 0.3 \
	--seed 3
expect 0 "" "$RISKDESK" infer --db "$db" --from kgbh --name hch \
	--method hard-cutoff
contains "^the KGB's holdout left out: 17 of the 55 rows"
same "hch: rows stored (sqlite3)" "$(q "count(*)" hch)" 38
expect 0 "" "$RISKDESK" validate --db "$db" --name hch --json
cp "$tmp/out" "$tmp/val-hch.json"
same "hch: accepts stored = validate's development sample" \
	"$(q "sum(reject = 0)" hch)" "$(jget "$tmp/val-hch.json" development.n)"
same "hch: stored accepts + validate's holdout = the 40 accepts" \
	"$(($(q "sum(reject = 0)" hch) + $(jget "$tmp/val-hch.json" holdout.n)))" 40
# No row of the holdout is stored: the stored rows are the KGB's
# development rows, which validate scores as its development sample:
# the KGB's development n on them is the stored accepts'.
expect 0 "" "$RISKDESK" validate --db "$db" --name kgbh --json
same "hch: the KGB's development sample is the stored accepts" \
	"$(jget "$tmp/out" development.n) $(jget "$tmp/out" development.n_bad)" \
	"$(q "sum(reject = 0)" hch) $(q "sum(reject = 0 AND bad = 1)" hch)"
sed 's/^scorecard: hc/scorecard: hch/' "$tmp/policy-hc.yaml" >"$tmp/policy-hch.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-hch.yaml" \
	--document --format json --report-time 1700000000
cp "$tmp/out" "$tmp/doc-hch.json"
same "document hch: accepts stored (sqlite3)" \
	"$(jget "$tmp/doc-hch.json" data.sample.augmented.accepts.rows)" \
	"$(q "sum(reject = 0)" hch)"
same "document hch: development sample = the accepts fitted on" \
	"$(jget "$tmp/doc-hch.json" data.sample.development.n)" \
	"$(q "sum(reject = 0)" hch)"
same "document hch: holdout not in the augmented set" \
	"$(jget "$tmp/doc-hch.json" data.sample.holdout_in_augmented)" false
for k in n n_bad auc gini ks ks_score; do
	same "document hch: holdout $k is validate's" \
	    "$(jget "$tmp/doc-hch.json" validation.holdout.$k)" \
	    "$(jget "$tmp/val-hch.json" holdout.$k)"
done
same "document hc: no holdout to be in it" \
	"$(jget "$tmp/doc.json" data.sample.holdout_in_augmented)" false
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/policy-hch.yaml" \
	--document --report-time 1700000000
lacks "did not hold the KGB's holdout out"
contains "^its KGB was developed on a random 0.7 of the rows \\(holdout 0.3, seed 3\\)$"

# The document's reject-inference section carries the policy's swap set
# under the KGB (champion) and the inferred scorecard (challenger), at
# the policy's cutoff, as desk_card_swap computes it for --compare.  By
# hand (points above): at 480 the KGB approves all 55 and hc only the 25
# of A: both 25 (20 known, 4 bad), swap-out 30 (20 known, 10 bad, 50%),
# no swap-in.  At 530 the KGB approves none and hc the 25 of A: swap-in
# 25 (20 known, 4 bad, 20%), declined by both 30.  Independently, each
# scorecard's decisions from "riskdesk decide" joined in sqlite3 with
# the table's outcomes give the same cells.
for cut in 480 530; do
	sed "s/cutoff: 480/cutoff: $cut/" "$tmp/policy-hc.yaml" \
		>"$tmp/pol-hc-$cut.yaml"
	sed 's/^scorecard: hc/scorecard: kgb/' "$tmp/pol-hc-$cut.yaml" \
		>"$tmp/pol-kgb-$cut.yaml"
	expect 0 "" "$RISKDESK" --report --db "$db" --policy \
		"$tmp/pol-hc-$cut.yaml" --document --format json \
		--report-time 1700000000
	cp "$tmp/out" "$tmp/doc-$cut.json"
	cp "$db" "$tmp/dec.db"
	for c in kgb hc; do
		"$RISKDESK" decide --db "$tmp/dec.db" --policy \
			"$tmp/pol-$c-$cut.yaml" --table h --id id \
			--output "$tmp/dec-$c.csv" >/dev/null 2>&1
	done
	sqlite3 "$tmp/dec.db" ".import --csv $tmp/dec-kgb.csv dk" \
		".import --csv $tmp/dec-hc.csv di" "
		SELECT CASE WHEN k.decision = 'approve' AND i.decision = 'approve'
		    THEN 'approved_by_both'
		  WHEN i.decision = 'approve' THEN 'swap_in'
		  WHEN k.decision = 'approve' THEN 'swap_out'
		  ELSE 'declined_by_both' END AS cell,
		  count(*), count(h.y), total(h.y = 1)
		FROM h JOIN dk k ON k.id = h.id JOIN di i ON i.id = h.id
		GROUP BY cell" >"$tmp/cells" 2>&1
	for cell in approved_by_both swap_in swap_out declined_by_both; do
		got="$(jget "$tmp/doc-$cut.json" \
			reject_inference.policy_swap.swap.$cell.count) $(jget \
			"$tmp/doc-$cut.json" \
			reject_inference.policy_swap.swap.$cell.known) $(jget \
			"$tmp/doc-$cut.json" \
			reject_inference.policy_swap.swap.$cell.bad)"
		want=$(awk -F'|' -v c="$cell" '$1 == c { printf "%d %d %d",
			$2, $3, $4; f = 1 } END { if (!f) printf "0 0 0" }' \
			"$tmp/cells")
		same "document swap at $cut: $cell (decide + sqlite3)" \
			"$got" "$want"
	done
done
same "document swap at 480 by hand: swap-out" "$(jget "$tmp/doc-480.json" \
	reject_inference.policy_swap.swap.swap_out.count) $(jget \
	"$tmp/doc-480.json" reject_inference.policy_swap.swap.swap_out.bad)" \
	"30 10"
near "document swap at 480 by hand: swap-out bad rate" "$(jget \
	"$tmp/doc-480.json" reject_inference.policy_swap.swap.swap_out.bad_rate)" \
	0.5 1e-12
same "document swap at 530 by hand: swap-in" "$(jget "$tmp/doc-530.json" \
	reject_inference.policy_swap.swap.swap_in.count) $(jget \
	"$tmp/doc-530.json" reject_inference.policy_swap.swap.swap_in.known) \
$(jget "$tmp/doc-530.json" reject_inference.policy_swap.swap.swap_in.bad)" \
	"25 20 4"
near "document swap at 530 by hand: swap-in bad rate" "$(jget \
	"$tmp/doc-530.json" reject_inference.policy_swap.swap.swap_in.bad_rate)" \
	0.2 1e-12
same "document swap: policy named" "$(jget "$tmp/doc-480.json" \
	reject_inference.policy_swap.policy)" "$tmp/pol-hc-480.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/pol-hc-530.yaml" \
	--document --report-time 1700000000
contains 'scored with KGB "kgb" \(champion\) and inferred "hc" \(challenger\)'
contains '^  swap-in  *25  *20  *4  *20.00%'
ok "document: HTML swap set of the reject inference" grep -q \
	'data-j="/reject_inference/policy_swap/swap/swap_out/count"' \
	"$tmp/doc.html"

expect 2 "--policy goes with infer --compare" "$RISKDESK" infer --db "$db" \
	--from kgb --name x --method fuzzy --policy "$tmp/policy.yaml"

# link --reject-when: six applicants, four approved with performance
# (bad 1, 0, 0, 1), two rejected, one of them with a performance row
# (bad 0, an outcome not used): bads 2, goods 2, indeterminate 0, rejects
# 2 of them 1 with an outcome.
printf 'app_id,x,decision\n1,a,approved\n2,b,approved\n3,a,approved\n4,b,approved\n5,a,rejected\n6,b,rejected\n' \
	>"$tmp/apps.csv"
printf 'app_id,bad\n1,1\n2,0\n3,0\n4,1\n6,0\n' >"$tmp/perf.csv"
ldb="$tmp/link.db"
"$RISKDESK" import --db "$ldb" --table apps "$tmp/apps.csv" >/dev/null
"$RISKDESK" import --db "$ldb" --table perf "$tmp/perf.csv" >/dev/null
expect 0 "" "$RISKDESK" link --db "$ldb" --applicants apps \
	--performance perf --on app_id --target bad --bad 1 --as m \
	--reject-when decision=rejected --json
same "link: bads goods indeterminate" "$(jget "$tmp/out" bads) \
$(jget "$tmp/out" goods) $(jget "$tmp/out" indeterminate)" "2 2 0"
same "link: rejects" "$(jget "$tmp/out" rejects) \
$(jget "$tmp/out" rejects_with_outcome)" "2 1"
expect 0 "" "$RISKDESK" profile --db "$ldb" --table m
contains '^rejects \(declined, no outcome; decision = rejected\): 2, of them 1 with an outcome'
expect 1 'no row of column "decision" holds "declined"' "$RISKDESK" link \
	--db "$ldb" --applicants apps --performance perf --on app_id \
	--target bad --bad 1 --as m2 --reject-when decision=declined
expect 1 'no imported table named "m2"' "$RISKDESK" profile --db "$ldb" --table m2
expect 2 'expected <column>=<value>' "$RISKDESK" link --db "$ldb" \
	--applicants apps --performance perf --on app_id --target bad \
	--bad 1 --as m3 --reject-when decision
# A reject rule on the outcome column itself is refused (a reject has
# no outcome), by import before a row is read, by link and by an
# import --replace, and the database is left as it was.
expect 1 '--reject-when bad=0: column "bad" is the outcome \(the target\) of table "m4"' \
	"$RISKDESK" link --db "$ldb" --applicants apps --performance perf \
	--on app_id --target bad --bad 1 --as m4 --reject-when bad=0
expect 1 'no imported table named "m4"' "$RISKDESK" profile --db "$ldb" --table m4
sqlite3 "$db" .dump >"$tmp/before.sql"
expect 1 '--reject-when y=1: column "y" is the outcome \(the target\) of table "h5"' \
	"$RISKDESK" import --db "$db" --table h5 --target y --bad 1 \
	--reject-when y=1 "$tmp/hand.csv"
expect 1 '--reject-when y=0: column "y" is the outcome \(the target\) of table "h"' \
	"$RISKDESK" import --db "$db" --table h --replace --target y --bad 1 \
	--reject-when y=0 "$tmp/hand.csv"
sqlite3 "$db" .dump >"$tmp/after.sql"
ok "reject rule on the outcome: database unchanged" cmp -s \
	"$tmp/before.sql" "$tmp/after.sql"

# Errors: usage (2), unknown scorecard or no rejects (1).
expect 2 "--factor and --bad-multiple" "$RISKDESK" infer --db "$db" \
	--from kgb --name x --method fuzzy --factor 2 --bad-multiple 2
expect 2 "--cutoff is for --method hard-cutoff" "$RISKDESK" infer \
	--db "$db" --from kgb --name x --method fuzzy --cutoff 0.3
expect 2 "not for --method reweighting" "$RISKDESK" infer --db "$db" \
	--from kgb --name x --method reweighting --factor 2
expect 2 "KGB scorecard's own" "$RISKDESK" infer --db "$db" --from kgb \
	--name kgb --method fuzzy
expect 1 'no scorecard named' "$RISKDESK" infer --db "$db" --from nope \
	--name x --method fuzzy
expect 2 '^riskdesk: --reject-weight is not for --method reweighting: no reject enters its fit$' \
	"$RISKDESK" infer --db "$db" --from kgb --name x --method reweighting \
	--reject-weight 2
expect 1 '^riskdesk: scorecard "kgb" was not made by riskdesk infer; its inferred scorecards: "fz", "fz15", "fz15t", "hc", "hc3", "hc4", "hch", "hcl", "hcx", "pc", "pc15", "pcx", "rw"$' \
	"$RISKDESK" infer --db "$db" --compare --name kgb
expect 1 '^riskdesk: no scorecard named "nosuch" in the database; its inferred scorecards: "fz", "fz15", "fz15t", "hc", "hc3", "hc4", "hch", "hcl", "hcx", "pc", "pc15", "pcx", "rw"$' \
	"$RISKDESK" infer --db "$db" --compare --name nosuch
expect 1 '^riskdesk: no scorecard named "nosuch" in the database, and it holds no inferred scorecard: make one with infer --from <scorecard> --name <name> --method <method>$' \
	"$RISKDESK" infer --db "$tmp/indet.db" --compare --name nosuch
expect 1 'no row of column "decision" holds "declined" \(values found: "accept", "decline"\); check the value' "$RISKDESK" import \
	--db "$db" --table h2 --target y --bad 1 \
	--reject-when decision=declined "$tmp/hand.csv"
expect 2 'cannot be given with --append' "$RISKDESK" import --db "$db" \
	--table h --target y --bad 1 --append --reject-when decision=decline \
	"$tmp/hand.csv"
"$RISKDESK" import --db "$db" --table norej --target y --bad 1 \
	"$tmp/hand.csv" >/dev/null
expect 1 'has no rejects marked' "$RISKDESK" infer --db "$db" --table norej \
	--from kgb --name x --method fuzzy

# ------------------------------------------------ simulated populations
#
# 20,000 applicants: x1 a whole number 0..9, x2 a level A..E, both seen;
# h hidden, 1 with probability 0.3.  true log-odds of bad:
#   eta = -1.8 + 0.3 (x1 - 4.5) + v(x2) + c h,  v = -0.6 -0.3 0 0.3 0.6
# and the historical decline rule: declined with probability
#   expit(8 (expit(eta0) - 0.3) + d h),  eta0 = eta without c h.
# Missing at random: c = 0, d = 0 (the decline saw only x1, x2).
# Hidden information: c = 1.5, d = 3 (the underwriter saw h, which also
# makes bads): the rejects are worse than their x1, x2 say.
# Every applicant gets an outcome; the rejects' outcomes stay in the
# file, unused by riskdesk, as the truth.  A 32-bit LCG (Numerical
# Recipes' 1664525, 1013904223), exact in any awk's doubles, draws.
simulate() {	# simulate <c> <d> <seed> > csv
	awk -v c="$1" -v d="$2" -v seed="$3" 'function u() {
		seed = (1664525 * seed + 1013904223) % 4294967296
		return (seed + 0.5) / 4294967296 }
	function expit(x) { return 1 / (1 + exp(-x)) }
	BEGIN {
		split("-0.6 -0.3 0 0.3 0.6", v, " ")
		split("A B C D E", lv, " ")
		print "id,x1,x2,bad,decision"
		for (i = 1; i <= 20000; i++) {
			x1 = int(u() * 10); k = 1 + int(u() * 5)
			h = u() < 0.3
			eta0 = -1.8 + 0.3 * (x1 - 4.5) + v[k]
			y = u() < expit(eta0 + c * h)
			dec = u() < expit(8 * (expit(eta0) - 0.3) + d * h)
			printf "%d,%d,%s,%d,%s\n", i, x1, lv[k], y, \
			    dec ? "decline" : "accept"
		}
	}'
}

# truth <csv>: the rejects' true bad rate and the through-the-door one.
truth() {
	awk -F, 'NR > 1 { n++; b += $4 }
	    NR > 1 && $5 == "decline" { nr++; br += $4 }
	    END { printf "%.6f %.6f\n", br / nr, b / n }' "$1"
}

# rel <x> <fraction>: x times fraction (a tolerance relative to x).
rel() {
	awk -v x="$1" -v f="$2" 'BEGIN { print x * f }'
}

# run_all <db> <factor>: every method; from the comparison, the rejects'
# bad rate the inference gave them (the augmented set: aug.<method>),
# the TTD estimate (ttd.<method>), the inferred scorecard's mean PD of
# the rejects (card.<method>) and whether inference changed little.
run_all() {
	for m in hard-cutoff fuzzy parceling reweighting; do
		f=""
		if [ "$2" != 1 ] && [ "$m" != reweighting ]; then
			f="--factor $2"
		fi
		# shellcheck disable=SC2086
		expect 0 "" "$RISKDESK" infer --db "$1" --from kgb \
			--name "inf_$m" --method "$m" $f
		expect 0 "" "$RISKDESK" infer --db "$1" --compare \
			--name "inf_$m" --json
		jget "$tmp/out" augmented.reject_bad_rate >"$tmp/aug.$m"
		jget "$tmp/out" augmented.ttd_bad_rate >"$tmp/ttd.$m"
		jget "$tmp/out" reject_bad_rate.inferred >"$tmp/card.$m"
		jget "$tmp/out" changed_little >"$tmp/little.$m"
		jget "$tmp/out" reject_bad_rate.kgb >"$tmp/kgb"
		jget "$tmp/out" ttd_bad_rate.kgb >"$tmp/kgbttd"
	done
}

for case in mar mnar; do
	if [ "$case" = mar ]; then simulate 0 0 20240501 >"$tmp/$case.csv"
	else simulate 1.5 3 20240502 >"$tmp/$case.csv"; fi
	sdb="$tmp/$case.db"
	expect 0 "" "$RISKDESK" import --db "$sdb" --table ttd --target bad \
		--bad 1 --reject-when decision=decline "$tmp/$case.csv"
	expect 0 "" "$RISKDESK" fit --db "$sdb" --table ttd --name kgb \
		--exclude id
	set -- $(truth "$tmp/$case.csv"); t=$1; tt=$2
	expect 0 "" "$RISKDESK" infer --db "$sdb" --from kgb --name probe \
		--method fuzzy --json
	k=$(jget "$tmp/out" reject_pd_kgb)
	# The matching factor: how much worse the rejects are than the KGB
	# model says (known here from the simulated truth; in practice from
	# a below-cutoff test or a bureau match).
	if [ "$case" = mar ]; then factor=1
	else factor=$(awk -v t="$t" -v k="$k" 'BEGIN { printf "%.4f", t / k }')
	fi
	run_all "$sdb" "$factor"
	kgb=$(cat "$tmp/kgb")
	echo "$case: rejects' true bad rate $t, KGB scorecard's $kgb;" \
		"TTD bad rate true $tt, KGB $(cat "$tmp/kgbttd"); factor $factor"
	for m in hard-cutoff fuzzy parceling reweighting; do
		echo "  $m: rejects' inferred bad rate $(cat "$tmp/aug.$m")," \
			"TTD $(cat "$tmp/ttd.$m"); inferred scorecard's" \
			"$(cat "$tmp/card.$m"), changed little" \
			"$(cat "$tmp/little.$m")"
	done
	if [ "$case" = mar ]; then
		# Missing at random: the KGB scorecard is right about the
		# rejects within 10% of the truth; every method agrees with
		# it within 10% (inferred outcomes and refitted scorecard)
		# and says that inference changed little.
		near "MAR: KGB against the truth" "$kgb" "$t" "$(rel "$t" 0.10)"
		for m in hard-cutoff fuzzy parceling reweighting; do
			near "MAR: $m inferred outcomes against KGB" \
			    "$(cat "$tmp/aug.$m")" "$kgb" "$(rel "$kgb" 0.10)"
			near "MAR: $m scorecard against KGB" \
			    "$(cat "$tmp/card.$m")" "$kgb" "$(rel "$kgb" 0.10)"
			same "MAR: $m changed little" "$(cat "$tmp/little.$m")" \
			    true
		done
	else
		# Hidden information: KGB underestimates the rejects by more
		# than 15%; parceling and fuzzy with the matching factor
		# recover their bad rate within 10% and the TTD bad rate
		# within 5%; reweighting cannot (it assumes missing at random)
		# and stays within 10% of KGB.
		if awk -v t="$t" -v k="$kgb" 'BEGIN { exit !(k < 0.85 * t) }'
		then passes=$((passes + 1))
		else echo "FAIL: MNAR: KGB $kgb does not underestimate $t"
			fails=$((fails + 1)); fi
		for m in fuzzy parceling; do
			near "MNAR: $m rejects' bad rate against the truth" \
			    "$(cat "$tmp/aug.$m")" "$t" "$(rel "$t" 0.10)"
			near "MNAR: $m TTD bad rate against the truth" \
			    "$(cat "$tmp/ttd.$m")" "$tt" "$(rel "$tt" 0.05)"
			same "MNAR: $m changed the estimate" \
			    "$(cat "$tmp/little.$m")" false
		done
		near "MNAR: reweighting stays near KGB" \
			"$(cat "$tmp/aug.reweighting")" "$kgb" "$(rel "$kgb" 0.10)"
	fi
done

echo "infer: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
