#!/bin/sh
# tui-outcome.sh - the workbench on a population without a target: every
# screen opens, nothing crashes, what needs outcomes reads "n/a" with the
# reason, and the rest is the report's, digit for digit.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  The German credit data is
# imported with its target (the scorecard german is fitted on it) and
# again without its creditability column as new_apps, the population of
# policies/example.yaml and challenger.yaml here.  Then: Trade-offs (bad
# rates n/a, the reason, approval rate and expected loss as the report
# gives them before and after a cutoff move, the expected bad rate
# charted, the swap set; riskdesk decide's counts and sums on the same
# population), Scorecard (AUC, Gini, KS on new_apps n/a),
# Validation (the card on its development table; PSI against new_apps),
# Characteristics and Model (no table under study), Data (studying
# new_apps refused) and Policy; q leaves with exit status 0.  Last, a population with only
# goods: bad rate 0.00%, AUC n/a for want of bads.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

mkdir -p "$work" || exit 99
db="$work/outcome.db"
csv="$work/new_apps.csv"
pol="$work/example.yaml"
chal="$work/challenger.yaml"
reason="no known outcomes in table new_apps"

# The German data without its last column (creditability; no comma in
# it), and the policies over new_apps.
tr -d '\r' <"$top_srcdir/data/german_credit.csv" | sed 's/,[^,]*$//' >"$csv"
sed 's/^population: german_credit$/population: new_apps/' "$policy" >"$pol"
sed 's/^population: german_credit$/population: new_apps/' "$challenger" \
	>"$chal"
if ! "$RISKDESK" import --db "$db" --table german_credit --target \
    creditability --bad bad "$top_srcdir/data/german_credit.csv" \
    >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >>"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" import --db "$db" --table new_apps "$csv" \
    >>"$work/setup.out" 2>&1; then
	echo "tui-outcome: setup failed:"; cat "$work/setup.out"; exit 99
fi
report() {
	"$RISKDESK" --report --db "$db" --policy "$pol" --challenger "$chal" \
	    --format json "$@" >"$work/r.json" 2>"$work/r.err" ||
		fail "report $*: $(cat "$work/r.err")"
	json_flat "$work/r.json" >"$work/r.flat"
}
report
[ "$(jget "$work/r.flat" policy.na_reason)" = "$reason" ] ||
	fail "the report gives no reason for its bad rate"

start_workbench tui-outcome --db "$db" --policy "$pol" --challenger "$chal"
wait_for rd "Profile of new_apps" || exit 1

# ---------------------------------------------------------- Trade-offs
T send-keys -t rd 7
wait_for rd "vs challenger challenger" || exit 1
settle rd
[ "$(fig "Bad rate (approved)")" = "n/a" ] ||
	fail "bad rate $(fig "Bad rate (approved)"), expected n/a"
expect "Bad rate n/a: $reason"
expect "expected bad rate (bad rate n/a) against approval rate"
check_figures() {
	for pair in "Approval rate:policy.approval_rate:pct" \
	    "Expected loss:policy.expected_loss:money"; do
		label=${pair%%:*}; rest=${pair#*:}
		path=${rest%%:*}; kind=${rest#*:}
		got=$(fig "$label")
		want=$("as_$kind" "$(jget "$work/r.flat" "$path")")
		[ "$got" = "$want" ] || fail "$1: $label: TUI $got, report $want"
	done
	k=0
	while [ "$k" -lt 4 ]; do
		name=$(jget "$work/r.flat" "segments.$k.name")
		got=$(seg_field "$name" 2)
		want=$(as_pct "$(jget "$work/r.flat" "segments.$k.approval_rate")")
		[ "$got" = "$want" ] ||
			fail "$1: $name approval: TUI $got, report $want"
		[ "$(seg_field "$name" 1)" = "n/a" ] ||
			fail "$1: $name bad rate $(seg_field "$name" 1), expected n/a"
		got=$(seg_field "$name" 0)
		want=$(as_money "$(jget "$work/r.flat" "segments.$k.expected_loss")")
		[ "$got" = "$want" ] ||
			fail "$1: $name expected loss: TUI $got, report $want"
		k=$((k + 1))
	done
}
check_figures "file cutoffs"

# decide on the same population: its counts and sums are the workbench's.
if "$RISKDESK" decide --db "$db" --policy "$pol" --output "$work/d.csv" \
    2>"$work/d.err"; then
	got=$(awk -F, 'NR > 1 { n++; a += $5 == "approve" }
	    END { printf "%.2f%%\n", 100 * a / n }' "$work/d.csv")
	[ "$got" = "$(fig "Approval rate")" ] ||
		fail "decide approval $got, TUI $(fig "Approval rate")"
	got=$(sed -n 's/^  exposure .*, expected loss \([0-9,]*\),.*/\1/p' \
	    "$work/d.err")
	[ "$got" = "$(fig "Expected loss")" ] ||
		fail "decide expected loss $got, TUI $(fig "Expected loss")"
	k=0
	while [ "$k" -lt 4 ]; do
		name=$(jget "$work/r.flat" "segments.$k.name")
		got=$(awk -F, -v s="$name" 'NR > 1 && $4 == s { n++;
		    a += $5 == "approve" } END { printf "%.2f%%\n",
		    100 * a / n }' "$work/d.csv")
		[ "$got" = "$(seg_field "$name" 2)" ] ||
			fail "decide $name approval $got, TUI $(seg_field "$name" 2)"
		k=$((k + 1))
	done
else
	fail "decide on new_apps: $(cat "$work/d.err")"
fi

# Move the first segment's cutoff up by 5: the report at that cutoff.
seg=$(jget "$work/r.flat" segments.0.name)
c0=$(awk -v x="$(jget "$work/r.flat" segments.0.cutoff)" 'BEGIN { printf "%g\n", x }')
cut=$((c0 + 5))
T send-keys -t rd Right Right Right Right Right
if wait_line rd "\$1 == \"$seg\" && \$2 == \"$cut*\""; then
	report --cutoff "$seg=$cut"
	check_figures "$seg at $cut"
fi

# The swap set: counts as the report's, bad rates n/a.
T send-keys -t rd v v v v
wait_for rd "Swap-in (challenger only)" && {
	sin=$(printf '%s\n' "$screen" |
	    awk '/Swap-in \(challenger only\)/ { print $4 " " $5; exit }')
	want="$(jget "$work/r.flat" swap_set.swap_in.count) n/a"
	[ "$sin" = "$want" ] || fail "swap-in: TUI \"$sin\", report \"$want\""
	expect "bad rate n/a, EL"
}

# ---------------------------------------------------------- Scorecard
T send-keys -t rd 4
wait_for rd "On new_apps" && {
	expect "AUC n/a   Gini n/a   KS n/a"
	wait_line rd "\$0 ~ /^ +$reason\$/"
}

# ---------------------------------------------------------- Validation
T send-keys -t rd 5
wait_for rd "Validation of german on german_credit" && {
	auc=$(awk -v x="$("$RISKDESK" validate --db "$db" --name german \
	    --json | json_flat /dev/stdin | jget /dev/stdin development.auc)" \
	    'BEGIN { printf "%.4f\n", x }')
	wait_for rd "AUC $auc"
	T send-keys -t rd v v v v
	wait_for rd "development against new_apps"
}

# ------------------------------------- the other screens, then quit
T send-keys -t rd 2
wait_for rd "no table under study"
T send-keys -t rd 3
wait_for rd "no table under study"
T send-keys -t rd 6
wait_for rd "scorecard german on population new_apps"
T send-keys -t rd 1
wait_for rd "Profile of new_apps"
T send-keys -t rd Enter
wait_for rd "new_apps has no target to study"
# The moved cutoff is not saved: q asks first.
T send-keys -t rd q
wait_for rd "not saved: cutoffs of example" && expect "Quit anyway?"
T send-keys -t rd y
exited_ok "$rc_file"

# ------------------------------------------------ only goods: no bads
good="$work/good.csv"
tr -d '\r' <"$top_srcdir/data/german_credit.csv" |
	sed '2,$s/,bad$/,good/; 2s/,good$/,bad/' >"$good"
gpol="$work/good.yaml"
sed 's/^population: german_credit$/population: good/' "$policy" >"$gpol"
if "$RISKDESK" import --db "$db" --table good --target creditability \
    --bad bad "$good" >/dev/null 2>&1 && command -v sqlite3 >/dev/null &&
    sqlite3 "$db" "UPDATE good SET creditability = 'good';
    UPDATE rd_table SET bads = 0, goods = 1000 WHERE name = 'good'"; then
	T new-session -d -s gd -x 80 -y 24 "LC_ALL=C $(shquote "$RISKDESK") --db $(shquote "$db") --policy $(shquote "$gpol")"
	wait_for gd "Profile of good" && {
		T send-keys -t gd 7
		wait_for gd "Policy example" &&
			[ "$(fig "Bad rate (approved)")" = "0.00%" ] ||
			fail "all good: bad rate $(fig "Bad rate (approved)")"
		T send-keys -t gd 4
		wait_for gd "On good" && {
			expect "AUC n/a   Gini n/a   KS n/a"
			expect "no bads among the 1,000 known outcomes in table good"
		}
		T send-keys -t gd 2
		wait_for gd "cannot study good: table \"good\" has no bads among its 1,000 known outcomes"
		T send-keys -t gd q
	}
else
	echo "tui-outcome: no all-good table (sqlite3 missing?); skipped that part"
fi

[ "$status" -eq 0 ] && echo "tui-outcome: ok"
exit "$status"
