#!/bin/sh
# infer-masked.sh - the masked-accept benchmark of "riskdesk infer
# --masked": a small case worked out by hand (and by R where a refit is
# not saturated), and a run on the German credit data checked for its
# structure and for sanity.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/infer-masked-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"
. "$top_srcdir/tests/infer-lib.sh"

# --------------------------------------------------------- the hand case
#
# Two characteristics, g (A, B, C) and h (X, Y); accepts only, cells
# (rows, bads): AX 20, 2; AY 22, 4; BX 20, 5; BY 20, 8; CX 20, 10;
# CY 20, 14.  A = 122 accepts, 43 bad.  C is the riskiest level, so the
# KGB scores the 40 rows of C lowest (CY below CX).
#
# --masked 0.33: round(0.33 x 122) = round(40.26) = 40 wanted; the score
# groups from the bottom are CY (20) and CX (20 more): 40 exactly.
# Pseudo-rejects 40, 24 bad: true bad rate 0.6; kept 82, 19 bad.
#
# The masked KGB: WoE from the kept accepts (G = 63, B = 19):
#   g: A goods 36, bads 6: ln((36/63) / (6/19)) =  0.593063
#      B goods 27, bads 13: ln((27/63) / (13/19)) = -0.467800
#      C no kept row: 0
#   h: X goods 33, bads 7: ln((33/63) / (7/19)) =  0.351902
#      Y goods 30, bads 12: ln((30/63) / (12/19)) = -0.282363
# The kept cells' odds of bad are 1/9, 2/9, 1/3, 2/3: additive in the
# log-odds (g: x3 from A to B; h: x2 from X to Y), so the fit of three
# parameters is exact on the four cells:
#   b_g = ln 3 / (WoE_B - WoE_A) = -1.035584
#   b_h = ln 2 / (WoE_Y - WoE_X) = -1.092835
#   b0  = ln(1/9) - b_g WoE_A - b_h WoE_X = -1.198487
# and the pseudo-rejects (WoE_g 0): CX eta = b0 + b_h WoE_X = -1.583058,
# p = 0.170362; CY eta + ln 2, p = 0.291127: mean 0.230745.
# AUC on the pseudo-rejects (CY ranked riskier than CX by every
# scorecard here): bads 14 CY, 10 CX; goods 6 CY, 10 CX; pairs 24 x 16 =
# 384: bad CY over good CX 140, ties (14 x 6 + 10 x 10) / 2 = 92:
# 232 / 384 = 0.604167.
# The pseudo-rejects' bands (their own score quantiles): CY (true 0.7),
# CX (true 0.5).  KGB band error (20 |0.291127 - 0.7| + 20 |0.170362 -
# 0.5|) / 40 = 0.369255.
db="$tmp/hand.db"
{
	echo "id,g,h,y"
	i=0
	for c in "A X 2 20" "A Y 4 22" "B X 5 20" "B Y 8 20" "C X 10 20" \
	    "C Y 14 20"; do
		set -- $c
		for k in $(seq 1 "$4"); do i=$((i + 1))
			echo "$i,$1,$2,$([ "$k" -le "$3" ] && echo 1 || echo 0)"
		done
	done
} >"$tmp/hand.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table h --target y --bad 1 \
	"$tmp/hand.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table h --name kgb --exclude id
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33 --json
cp "$tmp/out" "$tmp/m.json"
j() { jget "$tmp/m.json" "$1"; }
same "accepts" "$(j accepts)" 122
same "masked" "$(j masked)" 40
same "masked bads" "$(j masked_bads)" 24
same "kept" "$(j kept)" 82
same "kept bads" "$(j kept_bads)" 19
near "true bad rate" "$(j true_bad_rate)" 0.6 1e-12
near "masked KGB mean PD" "$(j kgb_masked.card_pd)" 0.230745 2e-6
near "masked KGB AUC" "$(j kgb_masked.auc)" 0.6041666667 1e-9
near "masked KGB band error" "$(j kgb_masked.card_band_error)" 0.369255 2e-6
same "two bands" "$(j bands.1.hi)$(j bands.2.lo)" null
same "band CY" "$(j bands.0.pseudo_rejects) $(j bands.0.bads)" "20 14"
near "band CY: masked KGB" "$(j bands.0.kgb)" 0.291127 2e-6
near "band CX: masked KGB" "$(j bands.1.kgb)" 0.170362 2e-6

# hard cutoff: bads wanted round(20 x 0.170362 + 20 x 0.291127) =
# round(9.23) = 9; groups CY (20) and CX (40): |0 - 9| < |20 - 9|: none.
same "methods" "$(j methods.0.method) $(j methods.1.method) \
$(j methods.2.method) $(j methods.3.method)" \
	"hard-cutoff fuzzy parceling reweighting"
near "hard cutoff: inferred" "$(j methods.0.est_bad_rate)" 0 0
near "hard cutoff: band error" "$(j methods.0.band_error)" 0.6 1e-12
# fuzzy without a factor: each pseudo-reject its masked-KGB p.
near "fuzzy: inferred" "$(j methods.1.est_bad_rate)" 0.230745 2e-6
near "fuzzy: scorecard" "$(j methods.1.card_pd)" 0.230745 2e-6
# parceling and reweighting: the kept accepts' bands (10 asked) cut at
# positions 8, 16, ..., 73 of their 82 sorted scores: BY (20 rows, bad
# rate 0.4), BX (0.25), AY (4/22), AX (0.1).  CY scores between BY and
# BX (p 0.291 between 0.4 and 0.25): BY's band; CX between AY and AX
# (0.170 between 0.182 and 0.111): AY's.  Parceling: round(0.4 x 20) =
# 8 and round(4/22 x 20) = round(3.64) = 4 bads: 12 / 40 = 0.3.
# Reweighting: (0.4 + 4/22) / 2 = 0.290909.
near "parceling: inferred" "$(j methods.2.est_bad_rate)" 0.3 1e-12
near "parceling: band CY" "$(j bands.0.est.parceling)" 0.4 1e-12
near "parceling: band CX" "$(j bands.1.est.parceling)" 0.2 1e-12
near "reweighting: inferred" "$(j methods.3.est_bad_rate)" 0.2909090909 1e-9
near "reweighting: band CX" "$(j bands.1.est.reweighting)" 0.1818181818 1e-9
# The refitted scorecards' mean P(bad) over the pseudo-rejects, from R
# 4.2.2: glm(y ~ wg + wh, binomial, weights = w) on the kept cells plus,
# hard cutoff: CX 20 rows 0 bad, CY 20 rows 0 bad -> 0.1509350706;
# parceling: CX 4 of 20 bad, CY 8 of 20 -> 0.2543669142; reweighting:
# no rejects, AY weight 42/22 and BY weight 2 -> 0.2307447103 (the kept
# cells are fitted exactly whatever the weights); wg, wh the WoE above,
# mean of predict(type = "response") at (C, X) and (C, Y).
near "hard cutoff: scorecard (R)" "$(j methods.0.card_pd)" 0.1509350706 1e-6
near "parceling: scorecard (R)" "$(j methods.2.card_pd)" 0.2543669142 1e-6
near "reweighting: scorecard (R)" "$(j methods.3.card_pd)" 0.2307447103 1e-6
for k in 0 1 2 3; do
	near "AUC of method $k" "$(j methods.$k.auc)" 0.6041666667 1e-9
done
same "nearest bad rate: parceling" "$(j nearest.bad_rate)" parceling
same "nearest AUC: a tie" "$(j nearest.auc)" null
# The refitted KGB's largest coefficient change, of the intercept: the
# KGB's -0.60764 (fit) against b0 = -1.198517 above; b_g and b_h change
# less (|-1.03739 + 1.035575|, |-1.25624 + 1.092763|).  Named with its
# unit and both values, five decimals as the coefficient tables.
near "masked KGB: coefficient change" "$(j kgb_masked.coef_change)" \
	0.590877 2e-5
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33
contains '^  accepts; largest coefficient change 0\.59087, of the intercept \(log-odds of bad\):$'
contains '^  -0\.60764 in the KGB, -1\.19852 refitted$'

# --factor 2 with fuzzy: the log-odds shifted so that the mean p is 2 x
# 0.230745 = 0.461489.  With parceling: round(min(1, 0.8) x 20) = 16 and
# round(2 x 4/22 x 20) = round(7.27) = 7: 23 / 40 = 0.575.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33 \
	--method fuzzy --factor 2 --json
same "one method" "$(jget "$tmp/out" methods.0.method)$(jget "$tmp/out" \
	methods.1.method)" fuzzy
near "fuzzy x2: inferred" "$(jget "$tmp/out" methods.0.est_bad_rate)" \
	0.461489 4e-6
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33 \
	--method parceling --factor 2 --json
near "parceling x2: inferred" "$(jget "$tmp/out" methods.0.est_bad_rate)" \
	0.575 1e-12

# --factor 5, every method: the rates asked pass 100%.
# hard-cutoff: 5 x 0.230745 = 1.153725 asked, more bads than the 40
#   pseudo-rejects: all 40 bad (rate 1), capped; at most 40 / (40 x
#   0.230745) = 1 / 0.230745 = 4.333794 can be reached.
# fuzzy: the same 1.153725 is no rate: it does not run, and says why.
# parceling: CY's band 5 x 0.4 = 2 > 1: its 20 capped, all bad; CX's
#   5 x 4/22 = 0.909: round(18.18) = 18 bad.  Asked (5 x 0.4 x 20 + 5 x
#   4/22 x 20) / 40 = 1.454545, reached 38 / 40 = 0.95; at most 1 / 0.4
#   = 2.5 in every band.
# reweighting takes no factor and runs.  The benchmark exits 0.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33 \
	--factor 5 --json
cp "$tmp/out" "$tmp/m5.json"
j5() { jget "$tmp/m5.json" "$1"; }
same "x5: hard-cutoff capped" "$(j5 methods.0.cap.capped)" true
near "x5: hard-cutoff asked" "$(j5 methods.0.cap.reject_bad_rate_asked)" \
	1.153725 4e-6
near "x5: hard-cutoff reached" \
	"$(j5 methods.0.cap.reject_bad_rate_reached)" 1 1e-12
same "x5: hard-cutoff rejects capped" \
	"$(j5 methods.0.cap.rejects_capped)" 40
near "x5: hard-cutoff largest" "$(j5 methods.0.cap.largest_reachable)" \
	4.333794 2e-5
same "x5: fuzzy did not run" "$(j5 methods.1.ran) $(j5 methods.1.cap)" \
	"false null"
case "$(j5 methods.1.error)" in
*"not a rate in (0, 1)"*) passes=$((passes + 1)) ;;
*) fails=$((fails + 1)); echo "FAIL: x5: fuzzy's error: $(j5 methods.1.error)" ;;
esac
same "x5: fuzzy has no estimate" "$(j5 methods.1.est_bad_rate)" null
same "x5: parceling bands capped" "$(j5 methods.2.cap.bands_capped) \
$(j5 methods.2.cap.rejects_capped) $(j5 methods.2.cap.rejects_made_bad)" \
	"1 20 38"
near "x5: parceling asked" "$(j5 methods.2.cap.reject_bad_rate_asked)" \
	1.454545 1e-6
near "x5: parceling reached" "$(j5 methods.2.est_bad_rate)" 0.95 1e-12
near "x5: parceling largest" "$(j5 methods.2.cap.largest_reachable)" \
	2.5 1e-12
same "x5: reweighting ran, nothing to cap" \
	"$(j5 methods.3.ran) $(j5 methods.3.cap)" "true null"
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33 \
	--factor 5
contains '^fuzzy  *did not run: --factor asks the rejects. bad rate to be 1.154'
contains '^hard-cutoff  *100.00%  *[+]40.0'
contains '^hard-cutoff, on the 40 pseudo-rejects:'
contains 'capped at 100%: --factor 5 asks for a rejects. bad rate of 115.37%'
contains '^parceling, on the 40 pseudo-rejects:'
contains 'capped at 100%: in 1 band .20 rejects. 5 times'
contains 'reached is 95.00%, asked for 145.45%'
# One method asked for, and it cannot run: nothing to compare, exit 1.
expect 1 "benchmark of fuzzy: --factor asks" "$RISKDESK" infer --db "$db" \
	--from kgb --masked 0.33 --method fuzzy --factor 5
# One method asked for, capped: said so.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33 \
	--method hard-cutoff --factor 5
contains 'capped at 100%: --factor 5 asks'

# The text says the same.
expect 0 "" "$RISKDESK" infer --db "$db" --from kgb --masked 0.33
contains '^pseudo-rejects. bad rate: true 60.00%'
contains '^parceling  *30.00%  *-30.0  *25.44%'
contains 'nearest the truth: bad rate parceling, by band parceling, AUC a tie'

# Errors.
expect 2 "expected a share in \(0, 1\)" "$RISKDESK" infer --db "$db" \
	--from kgb --masked 1
expect 2 "takes --factor, not --bad-multiple" "$RISKDESK" infer \
	--db "$db" --from kgb --masked 0.3 --bad-multiple 2
expect 2 "takes no --name" "$RISKDESK" infer --db "$db" --from kgb \
	--masked 0.3 --name x
expect 2 "needs --from" "$RISKDESK" infer --db "$db" --masked 0.3
# 0.05: round(6.1) = 6 wanted; the lowest group (CY) holds 20, |0 - 6| <
# |20 - 6|: none masked.
expect 1 'masks no accept' "$RISKDESK" infer --db "$db" --from kgb \
	--masked 0.05
expect 1 'no scorecard named' "$RISKDESK" infer --db "$db" --from nope \
	--masked 0.3

# ------------------------------------------------- German credit data
#
# The 1,000 applicants, all accepts.  Structure: every method reported,
# the counts add up, the bands hold the pseudo-rejects, every rate in
# [0, 1], AUCs in [0, 1]; fuzzy without a factor gives the masked KGB's
# own estimate; the KGB fitted with the hidden outcomes ranks them better
# than chance.
gdb="$tmp/german.db"
expect 0 "" "$RISKDESK" import --db "$gdb" --table g --target creditability \
	--bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$gdb" --table g --name kgb
expect 0 "" "$RISKDESK" infer --db "$gdb" --from kgb --masked 0.3 --json
cp "$tmp/out" "$tmp/g.json"
g() { jget "$tmp/g.json" "$1"; }
same "German: accepts" "$(g accepts)" 1000
same "German: bads" "$(g accept_bads)" 300
ok "German: masked near 300" awk -v m="$(g masked)" \
	'BEGIN { exit !(m >= 250 && m <= 350) }'
ok "German: masked + kept = accepts" awk -v m="$(g masked)" -v k="$(g kept)" \
	'BEGIN { exit !(m + k == 1000) }'
ok "German: bads add up" awk -v m="$(g masked_bads)" -v k="$(g kept_bads)" \
	'BEGIN { exit !(m + k == 300) }'
ok "German: true bad rate" awk -v m="$(g masked_bads)" -v n="$(g masked)" \
	-v t="$(g true_bad_rate)" 'BEGIN { d = m / n - t
	    exit !(d < 1e-9 && d > -1e-9) }'
# The lowest-scoring accepts are the riskiest: their bad rate is above
# the kept ones'.
ok "German: pseudo-rejects riskier" awk -v t="$(g true_bad_rate)" \
	-v b="$(g kept_bads)" -v k="$(g kept)" 'BEGIN { exit !(t > b / k) }'
n=0; k=0
while [ -n "$(g bands.$k.pseudo_rejects)" ]; do
	n=$((n + $(g bands.$k.pseudo_rejects))); k=$((k + 1))
done
same "German: the bands hold every pseudo-reject" "$n" "$(g masked)"
ok "German: ten bands" test "$k" -eq 10
for m in 0 1 2 3; do
	for f in est_bad_rate card_pd auc band_error card_band_error; do
		ok "German: method $m $f in [0, 1]" awk -v x="$(g methods.$m.$f)" \
		    'BEGIN { exit !(x != "" && x != "null" && x >= 0 && x <= 1) }'
	done
done
near "German: fuzzy is the masked KGB" "$(g methods.1.est_bad_rate)" \
	"$(g kgb_masked.card_pd)" 1e-9
ok "German: the full KGB ranks them better than chance" awk \
	-v a="$(g kgb_all_accepts.auc)" 'BEGIN { exit !(a > 0.55) }'
expect 0 "" "$RISKDESK" infer --db "$gdb" --from kgb --masked 0.3
cat "$tmp/out"

echo "infer-masked: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
