#!/bin/sh
# fraud-card.sh - a fraud scorecard end to end on the bundled synthetic
# stream data/fraud-apps.csv: fit --features-from the example policy, the
# card's stored features, every event's points computed again by the
# sqlite3 shell from the stored points table and the features; the AUC
# and the detection at capacity of riskdesk fraud against the same
# figures counted by awk (pairs of a fraud and an honest event; the
# alerts of each day sorted and cut at the capacity); the errors.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/fraud-card-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "fraud-card: the sqlite3 shell is needed (apt-get install sqlite3)"
	exit 1
fi

db="$tmp/f.db"
pol="$top_srcdir/policies/fraud.yaml"
expect 0 "" "$RISKDESK" import --db "$db" --table fraud_apps \
    "$top_srcdir/data/fraud-apps.csv"

# ------------------------------------------------------------ the fit
expect 0 "" "$RISKDESK" fit --db "$db" --table fraud_apps --name fcard \
    --features-from "$pol"
has_text 'scorecard "fcard" on table "fraud_apps": 12,000 rows with a known outcome, 343 bad'
contains '^dev_7d +-'
contains '^a fraud scorecard: target fraud = 1; fraud features of policy fraud, computed again when it scores: [a-z_0-9, ]+$'
# The label is the target: 343 frauds in the file.
same "frauds in the file" "$(awk -F, 'NR > 1 && $NF == 1' \
    "$top_srcdir/data/fraud-apps.csv" | wc -l | tr -d ' ')" 343
card() {
	sqlite3 "$db" "SELECT json_extract(body, '$1') FROM rd_scorecard
	    WHERE name = 'fcard';"
}
same "the card keeps the policy of its features" \
    "$(card '$.fraud_features.policy')" fraud
same "and the time column" "$(card '$.fraud_features.time')" applied_at
# Only the features the card uses are kept, each with its definition.
used=$(sqlite3 "$db" "SELECT group_concat(json_extract(c.value, '$.name'))
    FROM rd_scorecard s, json_each(s.body, '$.characteristics') c
    WHERE s.name = 'fcard' AND json_extract(c.value, '$.name') IN
    ('dev_7d', 'phone_mails_30d', 'addr_sum_30d');")
kept=$(sqlite3 "$db" "SELECT group_concat(json_extract(f.value, '$.name'))
    FROM rd_scorecard s, json_each(s.body, '$.fraud_features.features') f
    WHERE s.name = 'fcard';")
same "features kept are those used" "$kept" "$used"
ok "the card uses a feature: $used" [ -n "$used" ]
same "dev_7d's definition" "$(sqlite3 "$db" "SELECT json_extract(f.value,
    '$.agg') || ' ' || json_extract(f.value, '$.same[0]') || ' ' ||
    json_extract(f.value, '$.within') FROM rd_scorecard s,
    json_each(s.body, '$.fraud_features.features') f WHERE s.name = 'fcard'
    AND json_extract(f.value, '$.name') = 'dev_7d';")" "count device_id 604800.0"

# --exclude and --force may name features.
cp "$db" "$tmp/x.db"
expect 0 "" "$RISKDESK" fit --db "$tmp/x.db" --table fraud_apps --name fx \
    --features-from "$pol" --exclude dev_7d --force addr_sum_30d
contains '^  dev_7d: excluded$'
contains '^addr_sum_30d +-'
lacks '^dev_7d +-'
same "an excluded feature is not kept" "$(sqlite3 "$tmp/x.db" \
    "SELECT count(*) FROM rd_scorecard s,
    json_each(s.body, '$.fraud_features.features') f WHERE s.name = 'fx'
    AND json_extract(f.value, '$.name') = 'dev_7d';")" 0

# ----------------------------------------------- the policy names it
sed 's/^  capacity: 5$/  capacity: 5\n  scorecard: fcard/' "$pol" \
    >"$tmp/p.yaml"
ok "the policy copy names the scorecard" grep -q '^  scorecard: fcard$' \
    "$tmp/p.yaml"
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$tmp/p.yaml" \
    --events "$tmp/ev.csv"
has_text "Fraud scorecard fcard (ranks the alerts worked: fewest points first)"
contains '^  AUC +0\.9[0-9]{3}$'
same "events header" "$(head -1 "$tmp/ev.csv")" \
    "row,time,dev_7d,phone_mails_30d,addr_sum_30d,fraud_action,fraud_rule,fraud_reason,rules,fraud_score,fraud"
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$tmp/p.yaml" --json
cp "$tmp/out" "$tmp/fig.json"
jget() {
	python3 -c "import json,sys; d=json.load(open(sys.argv[1]))
v=d
for k in sys.argv[2].split('.'): v=v[k]
print(v if not isinstance(v, float) else '%.9f' % v)" "$tmp/fig.json" "$1"
}
same "scorecard name" "$(jget scorecard.name)" fcard

# Every event's points again, by sqlite3 from the stored points table:
# base points plus, for each characteristic, the points of the bin its
# value falls in (a range [lower, upper), a bin listing the level, the
# missing bin), the features read from the events file.  (vals takes the
# text affinity of its first column: ranges compare the value as a
# number.)
sqlite3 "$db" >"$tmp/pts.csv" <<EOF
CREATE TEMP TABLE ev(row INTEGER, t REAL, dev_7d REAL,
    phone_mails_30d REAL, addr_sum_30d REAL, fraud_action TEXT,
    fraud_rule TEXT, fraud_reason TEXT, rules TEXT, fraud_score REAL,
    fraud INTEGER);
.mode csv
.import --skip 1 $tmp/ev.csv ev
CREATE TEMP TABLE bins AS SELECT json_extract(c.value, '$.name') AS name,
    json_extract(b.value, '$.kind') AS kind,
    json_extract(b.value, '$.lower') AS lo,
    json_extract(b.value, '$.upper') AS hi,
    json_extract(b.value, '$.levels') AS levels,
    json_extract(b.value, '$.points') AS pts
    FROM rd_scorecard s, json_each(s.body, '$.characteristics') c,
    json_each(c.value, '$.bins') b WHERE s.name = 'fcard';
CREATE TEMP TABLE vals AS
    SELECT rowid AS row, 'channel' AS name, channel AS x FROM fraud_apps
    UNION ALL SELECT rowid, 'requested_limit', requested_limit
    FROM fraud_apps
    UNION ALL SELECT row, 'dev_7d', dev_7d FROM ev
    UNION ALL SELECT row, 'phone_mails_30d', phone_mails_30d FROM ev
    UNION ALL SELECT row, 'addr_sum_30d', addr_sum_30d FROM ev;
CREATE TEMP TABLE got AS SELECT v.row, coalesce(sum(b.pts), 0) AS pts
    FROM vals v JOIN bins b ON b.name = v.name AND (
    (b.kind = 'range' AND v.x IS NOT NULL
        AND (b.lo IS NULL OR CAST(v.x AS REAL) >= b.lo)
        AND (b.hi IS NULL OR CAST(v.x AS REAL) < b.hi))
    OR (b.kind = 'levels' AND v.x IS NOT NULL AND EXISTS
        (SELECT 1 FROM json_each(b.levels) l WHERE l.value = v.x))
    OR (b.kind = 'missing' AND v.x IS NULL))
    GROUP BY v.row;
.mode list
SELECT count(*), sum(ev.fraud_score = got.pts +
    (SELECT json_extract(body, '$.base_points') FROM rd_scorecard
    WHERE name = 'fcard'))
    FROM ev JOIN got ON got.row = ev.row;
SELECT count(DISTINCT name) FROM bins;
EOF
same "every event's points equal sqlite3's" "$(head -1 "$tmp/pts.csv")" \
    "12000|12000"
ok "the points check reads the card's characteristics: $(sed -n 2p \
    "$tmp/pts.csv")" [ "$(sed -n 2p "$tmp/pts.csv")" -ge 3 ]

# The AUC by pair counting: of every (fraud, honest) pair, the share
# where the fraud has fewer points, a tie counting 1/2.
auc=$(awk -F, 'NR > 1 { if ($11 == 1) f[++nf] = $10; else h[++nh] = $10 }
END {
	for (i = 1; i <= nf; i++)
		for (j = 1; j <= nh; j++)
			s += f[i] < h[j] ? 1 : f[i] == h[j] ? 0.5 : 0
	printf "%.9f\n", s / (nf * nh)
}' "$tmp/ev.csv")
same "AUC against pair counting" "$(jget scorecard.auc)" "$auc"
# With the same rows and the same label the card's development AUC is
# the same figure.
same "AUC = the card's development AUC" "$auc" "$(sqlite3 "$db" \
    "SELECT printf('%.9f', json_extract(body, '$.development.auc'))
    FROM rd_scorecard WHERE name = 'fcard';")"

# A policy whose dev_7d counts 3 days: the card computes its own, over
# 7 days, so its points and AUC do not move (the rules do).
sed 's/name: dev_7d, count: earlier, same: device_id, within: 7d/name: dev_7d, count: earlier, same: device_id, within: 3d/' \
    "$tmp/p.yaml" >"$tmp/p3.yaml"
ok "the copy counts 3 days" grep -q 'within: 3d}' "$tmp/p3.yaml"
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$tmp/p3.yaml" --json \
    --events "$tmp/ev3.csv"
same "the card's own features: the same AUC" "$(python3 -c "import json,sys
print('%.9f' % json.load(open(sys.argv[1]))['scorecard']['auc'])" \
    "$tmp/out")" "$auc"
same "and the same points" "$(cut -d, -f10 "$tmp/ev3.csv" | cksum)" \
    "$(cut -d, -f10 "$tmp/ev.csv" | cksum)"
ok "while the policy's dev_7d differs" [ "$(cut -d, -f3 "$tmp/ev3.csv" |
    cksum)" != "$(cut -d, -f3 "$tmp/ev.csv" | cksum)" ]

# --from: the AUC of the events at or after it (2024-04-01 00:00:00 is
# 1,711,929,600 s), the earlier ones history.
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$tmp/p.yaml" --json \
    --from 2024-04-01
auc_from=$(awk -F, 'NR > 1 && $2 >= 1711929600 {
	if ($11 == 1) f[++nf] = $10; else h[++nh] = $10 }
END {
	for (i = 1; i <= nf; i++)
		for (j = 1; j <= nh; j++)
			s += f[i] < h[j] ? 1 : f[i] == h[j] ? 0.5 : 0
	printf "%.9f\n", s / (nf * nh)
}' "$tmp/ev.csv")
same "AUC from 2024-04-01 against pair counting" "$(python3 -c "import json,sys
print('%.9f' % json.load(open(sys.argv[1]))['scorecard']['auc'])" \
    "$tmp/out")" "$auc_from"
ok "a part, not the whole ($auc_from)" [ "$auc_from" != "$auc" ]

# validate measures the card on its label, the features computed again.
expect 0 "" "$RISKDESK" validate --db "$db" --name fcard --json
same "validate's AUC is the same figure" "$(python3 -c "import json,sys
print('%.9f' % json.load(open(sys.argv[1]))['development']['auc'])" \
    "$tmp/out")" "$auc"

# Detection at capacity 5: each day's alerts in order of fewest points,
# then declines before refers, more rules before fewer, earlier before
# later; the first 5 of a day worked.
work() {
	awk -F, -v byscore="$1" 'NR > 1 && $6 != "" {
		nr = split($9, r, "+")
		printf "%d %s %d %d %s %d %d\n", int($2 / 86400),
		    byscore ? $10 : 0, $6 == "decline" ? 0 : 1, nr, $2, $1, $11
	}' "$tmp/ev.csv" | sort -k1,1n -k2,2g -k3,3n -k4,4nr -k5,5g -k6,6n |
	awk '{ if ($1 != d) { d = $1; n = 0 } if (++n <= 5) { w++; c += $7 } }
	    END { print w, c }'
}
frauds=$(awk -F, 'NR > 1 && $11 == 1' "$tmp/ev.csv" | wc -l | tr -d ' ')
set -- $(work 1)
same "alerts worked by the card" "$(jget scorecard.alerts_worked)" "$1"
same "frauds worked by the card" "$(jget scorecard.frauds_worked)" "$2"
same "detection at capacity by the card" \
    "$(jget scorecard.detection_at_capacity)" \
    "$(awk -v c="$2" -v f="$frauds" 'BEGIN { printf "%.9f\n", c / f }')"
same "the set's figure is the card's ranking" \
    "$(jget detection_rate_at_capacity)" \
    "$(jget scorecard.detection_at_capacity)"
card_caught=$2
set -- $(work 0)
same "frauds worked in the rules' order" \
    "$(jget scorecard.frauds_worked_by_rules)" "$2"
same "detection at capacity in the rules' order" \
    "$(jget scorecard.detection_at_capacity_by_rules)" \
    "$(awk -v c="$2" -v f="$frauds" 'BEGIN { printf "%.9f\n", c / f }')"
ok "the orders differ on this stream ($card_caught against $2 frauds)" \
    [ "$card_caught" -ne "$2" ]
# The same without the scorecard: the rules' order.
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$pol" --json
cp "$tmp/out" "$tmp/fig.json"
same "without the card, frauds worked in the rules' order" \
    "$(jget frauds_worked)" "$2"
lacks '"scorecard"'

# Without a label: no AUC, no detection, the alerts still ranked.
grep -v '^  label: fraud$' "$tmp/p.yaml" >"$tmp/nolabel.yaml"
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$tmp/nolabel.yaml" \
    --json
contains '"auc": null'
contains '"detection_at_capacity": null'
expect 0 "" "$RISKDESK" fraud --db "$db" --policy "$tmp/nolabel.yaml"
contains '^  AUC +n/a \(no label\)$'

# bin --features-from: a feature binned on the label, regrouped and
# saved; fit --features-from takes the saved binning, and each of its
# bins holds the events whose dev_7d (from the events file) is in it.
cp "$db" "$tmp/b.db"
expect 0 "" "$RISKDESK" bin --db "$tmp/b.db" --table fraud_apps \
    --features-from "$pol" --char dev_7d
contains '^  dev_7d +numeric'
nb=$(grep -cE '^ +[0-9]+ \[' "$tmp/out")
expect 0 "" "$RISKDESK" bin --db "$tmp/b.db" --table fraud_apps \
    --features-from "$pol" --char dev_7d --merge 2
expect 0 "" "$RISKDESK" fit --db "$tmp/b.db" --table fraud_apps \
    --name fc2 --features-from "$pol"
sqlite3 -separator ' ' "$tmp/b.db" "SELECT coalesce(json_extract(b.value,
    '$.lower'), '-inf'), coalesce(json_extract(b.value, '$.upper'), 'inf'),
    json_extract(b.value, '$.count') FROM rd_scorecard s,
    json_each(s.body, '$.characteristics') c, json_each(c.value, '$.bins') b
    WHERE s.name = 'fc2' AND json_extract(c.value, '$.name') = 'dev_7d';" \
    >"$tmp/bins.txt"
same "the saved binning, one bin fewer" "$(wc -l <"$tmp/bins.txt" |
    tr -d ' ')" "$((nb - 1))"
while read -r lo hi n; do
	same "events with dev_7d in [$lo, $hi)" "$(awk -F, -v lo="$lo" \
	    -v hi="$hi" 'NR > 1 && (lo == "-inf" || $3 + 0 >= lo + 0) &&
	    (hi == "inf" || $3 + 0 < hi + 0)' "$tmp/ev.csv" | wc -l |
	    tr -d ' ')" "$n"
done <"$tmp/bins.txt"
# A feature is a quantity the policy computes, not an imported column:
# however few whole numbers it holds, no advice to import it as text.
same "phone_mails_30d holds few whole numbers" "$(awk -F, 'NR > 1 {
    print $4 }' "$tmp/ev.csv" | sort -u | wc -l | tr -d ' ')" 8
expect 0 "" "$RISKDESK" bin --db "$tmp/b.db" --table fraud_apps \
    --features-from "$pol" --char phone_mails_30d
contains '^  phone_mails_30d +numeric'
lacks_text "--type phone_mails_30d"
lacks_text "import"
expect 2 "--csi does not go with --features-from" "$RISKDESK" bin \
    --db "$tmp/b.db" --table fraud_apps --features-from "$pol" --csi x

# A fraud card never scores credit risk: a policy whose own scorecard is
# one gets the same located error from check-policy, the report and
# decide, naming the fraud section as the place for it.
cat >"$tmp/credit.yaml" <<EOF
name: credit
scorecard: fcard
population: fraud_apps
loss: {lgd: 0.5, ead: requested_limit}
segments:
  - {name: all, cutoff: 600}
EOF
fcmsg="credit.yaml:2:12: scorecard \"fcard\" is a fraud scorecard \(fitted with --features-from\), and a policy's scorecard scores credit risk: name a credit scorecard here, and the fraud card in the policy's fraud section \(scorecard: fcard\) to rank its alerts"
expect 1 "$fcmsg" "$RISKDESK" check-policy --db "$db" "$tmp/credit.yaml"
expect 1 "$fcmsg" "$RISKDESK" --report --db "$db" --policy "$tmp/credit.yaml"
lacks_text "approve"
expect 1 "$fcmsg" "$RISKDESK" --report --db "$db" --policy "$tmp/credit.yaml" \
    --format html --output "$tmp/credit.html"
ok "no page written for the refused policy" test ! -e "$tmp/credit.html"
expect 1 "$fcmsg" "$RISKDESK" decide --db "$db" --policy "$tmp/credit.yaml" \
    --table fraud_apps --output "$tmp/d.csv"
ok "no decisions written for the refused policy" test ! -e "$tmp/d.csv"

# ------------------------------------------------------------- errors
sed 's/^  scorecard: fcard$/  scorecard: nocard/' "$tmp/p.yaml" \
    >"$tmp/unknown.yaml"
line=$(grep -n 'scorecard: nocard' "$tmp/unknown.yaml" | cut -d: -f1)
expect 1 "unknown.yaml:$line:14: no scorecard named \"nocard\" in the database.*riskdesk fit --table fraud_apps --name nocard --features-from" \
    "$RISKDESK" fraud --db "$db" --policy "$tmp/unknown.yaml"
sed 's/^  scorecard: fcard$/  scorecard: [a, b]/' "$tmp/p.yaml" \
    >"$tmp/list.yaml"
expect 1 "list.yaml:$line:14: .*scorecard" \
    "$RISKDESK" fraud --db "$db" --policy "$tmp/list.yaml"
expect 1 "nolabel.yaml:[0-9]+:[0-9]+: a fraud scorecard needs known fraud as its target: add \"label: <column>\"" \
    "$RISKDESK" fit --db "$db" --table fraud_apps --name f2 \
    --features-from "$tmp/nolabel.yaml"
expect 1 "challenger.yaml: the policy has no fraud section" "$RISKDESK" fit \
    --db "$db" --table fraud_apps --name f2 \
    --features-from "$top_srcdir/policies/challenger.yaml"
expect 2 "--features-from goes with a scorecard fit" "$RISKDESK" fit \
    --db "$db" --table fraud_apps --raw --vars channel \
    --features-from "$pol"
sed 's/same: device_id,/same: device_nope,/' "$pol" >"$tmp/badcol.yaml"
expect 1 "badcol.yaml:[0-9]+:[0-9]+: unknown column \"device_nope\"" \
    "$RISKDESK" fit --db "$db" --table fraud_apps --name f2 \
    --features-from "$tmp/badcol.yaml"
same "a failed fit stores nothing" "$(sqlite3 "$db" \
    "SELECT count(*) FROM rd_scorecard WHERE name = 'f2';")" 0

echo "fraud-card: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
