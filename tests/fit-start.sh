#!/bin/sh
# fit-start.sh - a fit on 320,000 rows or more starts its IRLS steps from
# the fit on a systematic sample of the rows, and reaches the same
# estimate: HMEQ (5,960 real loans: NULLs, reals, text) stacked 60 times
# is 357,600 rows, whose maximum likelihood is the one-copy table's (with
# the same bins, the same rates in every cell, so the same WoE).
# By hand from the 5,960-row fit (which starts from R's start):
#   every coefficient the same (1e-10 relative: the sums of 357,600 rows
#   round in their last bits), every standard error divided by
#   sqrt(60) = 7.745966692, the log-likelihood 60 times;
#   the sample every 16th row: 357,600 / 16 = 22,350 rows, stated in the
#   text ("from the fit on a sample of 22,350 rows") and the JSON
#   (start_rows), which the one-copy fit does not have.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/fit-start-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0
. "$top_srcdir/tests/cli-lib.sh"

src="$top_srcdir/data/hmeq.csv"
awk 'NR == 1 { print "loan_id," $0; next }
	{ line[NR] = $0; n = NR }
	END { k = 0
	      for (c = 0; c < 60; c++)
		for (i = 2; i <= n; i++) print ++k "," line[i] }' "$src" \
	>"$tmp/hmeq60.csv"
awk 'NR == 1 { print "loan_id," $0; next } { print NR - 1 "," $0 }' \
	"$src" >"$tmp/hmeq1.csv"
for k in 1 60; do
	expect 0 "" "$RISKDESK" import --db "$tmp/h$k.db" --table hmeq \
		--target BAD --bad 1 --id loan_id "$tmp/hmeq$k.csv"
done
# One classing for both: the one-copy table's, saved on each (the
# coarse classing's tests of significance would part 60 times the
# rows differently).
expect 0 "" "$RISKDESK" bin --db "$tmp/h1.db" --table hmeq \
	--export "$tmp/bins.yaml"
for k in 1 60; do
	expect 0 "" "$RISKDESK" bin --db "$tmp/h$k.db" --table hmeq \
		--apply "$tmp/bins.yaml"
	expect 0 "" "$RISKDESK" fit --db "$tmp/h$k.db" --table hmeq \
		--name h --json
	cp "$tmp/out" "$tmp/h$k.json"
done
expect 0 "" "$RISKDESK" fit --db "$tmp/h60.db" --table hmeq --name h2
contains "IRLS iterations \\(from the fit on a sample of 22,350 rows\\)"
contains "357,600 rows with a known outcome"
if python3 - "$tmp/h1.json" "$tmp/h60.json" >"$tmp/py" 2>&1 <<'PY'
import json, math, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
bad = []
if a.get("start_rows") is not None:
    bad.append("one copy: start_rows %r, not absent" % a.get("start_rows"))
if b.get("start_rows") != 22350:
    bad.append("60 copies: start_rows %r, not 22350" % b.get("start_rows"))
if not b["iterations"] < a["iterations"]:
    bad.append("iterations %d from the sample, %d from R's start"
               % (b["iterations"], a["iterations"]))
ca = {c["term"]: c for c in a["coefficients"]}
cb = {c["term"]: c for c in b["coefficients"]}
if sorted(ca) != sorted(cb):
    bad.append("terms differ: %s against %s" % (sorted(ca), sorted(cb)))
r = math.sqrt(60)
for t in ca:
    if t not in cb:
        continue
    x, y = ca[t]["estimate"], cb[t]["estimate"]
    if abs(x - y) > 1e-10 * abs(x):
        bad.append("%s: estimate %.17g against %.17g" % (t, x, y))
    x, y = ca[t]["std_error"] / r, cb[t]["std_error"]
    if abs(x - y) > 1e-10 * abs(x):
        bad.append("%s: std_error / sqrt(60) %.17g against %.17g" % (t, x, y))
x, y = 60 * a["loglik"], b["loglik"]
if abs(x - y) > 1e-10 * abs(x):
    bad.append("loglik x 60 %.17g against %.17g" % (x, y))
for m in bad:
    print(m)
print("%d terms, iterations %d and %d" % (len(ca), a["iterations"],
      b["iterations"]))
sys.exit(1 if bad else 0)
PY
then
	passes=$((passes + 1)); echo "ok: $(tail -n 1 "$tmp/py")"
else
	echo "FAIL: the fit from the sample differs:"; cat "$tmp/py"
	fails=$((fails + 1))
fi

# A fit a wrong sign drops ends once the sign and the printed coefficient
# are sure (logit_spec decided): HMEQ drops MORTDUE, the largest positive
# coefficient of the fit of every candidate.  That fit run to its end is
# the fit with MORTDUE forced in (no other coefficient is positive); the
# coefficient the drop prints must be its estimate to four figures
# (%+.4g), from R's start (one copy) and from the sample's (60 copies,
# where the dropped fit is decided after its second step).
for k in 1 60; do
	expect 0 "" "$RISKDESK" fit --db "$tmp/h$k.db" --table hmeq \
		--name hf --force MORTDUE --json
	cp "$tmp/out" "$tmp/f$k.json"
	if python3 - "$tmp/h$k.json" "$tmp/f$k.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
f = json.load(open(sys.argv[2]))
est = [c["estimate"] for c in f["coefficients"] if c["term"] == "MORTDUE"]
pos = [c["term"] for c in f["coefficients"]
       if c["term"] not in ("(Intercept)", "MORTDUE") and c["estimate"] > 0]
want = "MORTDUE: wrong sign (coefficient %+.4g)" % est[0]
if pos or want not in a["dropped"]:
    print("dropped %r, want %r (other positive: %r)" % (a["dropped"], want,
          pos))
    sys.exit(1)
print(want)
PY
	then
		passes=$((passes + 1)); echo "ok: $k: $(tail -n 1 "$tmp/py")"
	else
		echo "FAIL: $k copies: the drop's coefficient is not the fit's:"
		cat "$tmp/py"; fails=$((fails + 1))
	fi
done

echo "fit-start: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
