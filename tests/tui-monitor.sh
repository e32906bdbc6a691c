#!/bin/sh
# tui-monitor.sh - the workbench's Monitor screen shows what `riskdesk
# monitor --policy <the champion's file> --json` computes.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  The database: the German
# credit data with the scorecard german, and the bundled synthetic
# applications and snapshots imported as the tables monitor reads by
# default.  The workbench (policies/example.yaml the champion, 160x60):
#   - '9' opens the Monitor screen, titled with the counts of the
#     command;
#   - every period's line (applications, PSI, critical value, matured,
#     bads, Gini, KS, approval and low-side override rate) is the
#     command's, formatted as the screen formats it;
#   - at the bottom (End) the roll-rate matrix's pairs and gaps and the
#     flow to charge-off are the command's;
#   - v shows the vintage curves: their title names the bad definition,
#     the y axis tops at the highest cumulative bad rate of any cohort
#     and months on book, and every cohort is keyed by its glyph
#     (1, 2, ... A, B, ...) and month, all from the command's vintages;
#   - the key list names Enter's action.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-monitor-work.$$"
mkdir -p "$work" || exit 99
db="$work/m.db"
data="$top_srcdir/data"
if ! "$RISKDESK" import --db "$db" --table german_credit \
    --target creditability --bad bad "$csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >>"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" import --db "$db" --table applications --id app_id \
    "$data/monitor-apps.csv" >>"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" import --db "$db" --table performance \
    "$data/monitor-perf.csv" >>"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" monitor --db "$db" --name german --policy "$policy" \
    --json >"$work/m.json" 2>>"$work/setup.out"; then
	echo "tui-monitor: setup failed:"; cat "$work/setup.out"; exit 99
fi

# The lines the screen must show, from the command's JSON.
python3 - "$work/m.json" >"$work/want" <<'PY' || exit 99
import json, math, sys
o = json.load(open(sys.argv[1]))
def num(x, d):
    return "-" if x is None else "%.*f" % (d, x)
def pct(x):
    return "-" if x is None else "%.2f%%" % (100 * x)
def cnt(n):
    # Counts with thousands separators, as monitor's text writes them.
    return format(n, ",")
print("TITLE\tMonitor: scorecard german; applications: %s applications in %d periods; performance: %s snapshots to %s" % (
    cnt(o["counts"]["applications"]), len(o["periods"]),
    cnt(o["counts"]["snapshots"]), o["counts"]["last_snapshot_month"]))
for p in o["periods"]:
    print("LINE\t%s %s %s %s %s %s %s %s %s %s %s %s %s" % (
        p["period"], cnt(p["applications"]), num(p["psi"], 4),
        p["psi_reading"], num(p["psi_critical"], 4),
        "-" if p["psi"] is None else "SHIFT" if p["psi_flag"] else "ok",
        cnt(p["matured"]), cnt(p["bads"]), num(p["gini"], 4),
        num(p["ks"], 4), num(p["auc_p"], 3), pct(p["approval_rate"]),
        pct(p["low_side_rate"])))
r = o["roll_rates"]
print("ROLL\t(%s pairs, %s gaps)" % (cnt(r["pairs"]), cnt(r["gaps"])))
v = o["vintages"]
print("VTITLE\tVintage curves: cumulative bad rate (ever %d+ days past due" % v["bad_dpd"])
print("VMAX\t%s" % pct(max(x for c in v["cohorts"] for x in c["rate"] if x is not None)))
g = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
print("VKEY\t" + "  ".join("%s %s" % (g[i % len(g)], c["cohort"]) for i, c in enumerate(v["cohorts"])))
print("FLOW\tFlow to charge-off: " + " ".join("%s %s" % (b, pct(f))
    for b, f in zip(r["buckets"], r["flow_to_charge_off"])))
PY

tui_size=160x60
start_workbench tui-monitor --db "$db" --policy "$policy"
wait_for rd "policy example" || exit 1
T send-keys -t rd 9
title=$(awk -F'\t' '$1 == "TITLE" { print $2 }' "$work/want")
wait_for rd "$title" || exit 1
checked=0
# Each period's line, its blanks squeezed.
printf '%s\n' "$screen" | awk '{ $1 = $1; print }' >"$work/screen"
awk -F'\t' '$1 == "LINE" { print $2 }' "$work/want" >"$work/lines"
while IFS= read -r want; do
	if grep -qxF -- "$want" "$work/screen"; then
		checked=$((checked + 1))
	else
		fail "period line \"$want\" not on the screen"
	fi
done <"$work/lines"
[ "$checked" -eq "$(wc -l <"$work/lines")" ] ||
	fail "only $checked of $(wc -l <"$work/lines") period lines"
T send-keys -t rd G
wait_for rd "$(awk -F'\t' '$1 == "ROLL" { print $2 }' "$work/want")" &&
	checked=$((checked + 1))
wait_for rd "$(awk -F'\t' '$1 == "FLOW" { print $2 }' "$work/want")" &&
	checked=$((checked + 1))
T send-keys -t rd v
for k in VTITLE VMAX VKEY; do
	wait_for rd "$(awk -F'\t' -v k=$k '$1 == k { print $2 }' "$work/want")" &&
		checked=$((checked + 1))
done
T send-keys -t rd '?'
wait_for rd "show the vintage curves" && checked=$((checked + 1))
T send-keys -t rd Escape
T send-keys -t rd v
wait_for rd "PSI of the score" && checked=$((checked + 1))
T send-keys -t rd '?'
wait_for rd "monitor the champion's scorecard again" &&
	checked=$((checked + 1))
T send-keys -t rd Escape
T send-keys -t rd q
exited_ok "$rc_file"
[ "$status" -eq 0 ] && echo "tui-monitor: ok ($checked checks)"
exit "$status"
