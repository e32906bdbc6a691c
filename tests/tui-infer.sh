#!/bin/sh
# tui-infer.sh - reject inference from the workbench's Inference screen
# shows and stores what `riskdesk infer` and `riskdesk infer --compare
# --policy` compute.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  The population: the German
# credit data with every fifth row declined (decision=decline, its
# outcome blanked), imported with --reject-when decision=decline, the KGB
# scorecard german fitted on its 800 accepts.  Two copies of the
# database: on one the commands run, on the other the workbench
# (policies/example.yaml the champion, 160x70 so that no figure is cut).
#   - the Scorecard screen counts the KGB's rows left out, 0
#     indeterminate and 200 rejects, apart;
#   - 'e' sets parceling with --factor 1.5 --seed 7 and a name; 'f' runs
#     it.  Every figure of the comparison on the screen (the rejects'
#     and the through-the-door bad rate under each scorecard and in the
#     augmented set, the relative change, each score band's counts,
#     mean scores, shift and rejects' PD, each characteristic's
#     coefficients, WoE change, bin, WoE and points change, each cell of
#     the champion's swap set and the changes) equals `riskdesk infer
#     --compare --policy --json` on the commands' copy;
#   - what the workbench stored is what the command stores: `infer
#     --compare --json` and `points --format csv` of the scorecard are
#     the same on both copies;
#   - 'm' to fuzzy and 'e' without --name: the name follows the method
#     (german_fuzzy) and the defaults are the command's: its comparison
#     equals that of `riskdesk infer --method fuzzy` with no option, and
#     the screen says fuzzy without a factor reproduces the KGB;
#   - 'f' again asks before it replaces the stored scorecard, and 'n'
#     leaves the database as it was;
#   - 'c' on a scorecard infer did not make says so.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-infer-work.$$"
mkdir -p "$work" || exit 99
db="$work/infer.db"
pop="$work/german-rejects.csv"
tr -d '\r' <"$csv" | awk -F, -v OFS=, '
	NR == 1 { print $0, "decision"; next }
	NR % 5 == 0 { sub(/,[^,]*$/, ","); print $0, "decline"; next }
	{ print $0, "accept" }' >"$pop"

if ! "$RISKDESK" import --db "$db" --table german_credit \
    --target creditability --bad bad --reject-when decision=decline \
    "$pop" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >>"$work/setup.out" 2>&1; then
	echo "tui-infer: setup failed:"; cat "$work/setup.out"; exit 99
fi
cp "$db" "$work/cli.db"
cp "$db" "$work/tui.db"
grep -q 'rejects (declined, no outcome) 200' "$work/setup.out" ||
	fail "the population has not 200 rejects: $(cat "$work/setup.out")"

# The commands: parceling with options, fuzzy with the defaults.
run_opts="--from german --name gp --method parceling --factor 1.5 --seed 7"
# shellcheck disable=SC2086
if ! "$RISKDESK" infer --db "$work/cli.db" $run_opts >"$work/cli.out" \
    2>&1 ||
    ! "$RISKDESK" infer --db "$work/cli.db" --compare --name gp \
    --policy "$policy" --json >"$work/gp.json" 2>>"$work/cli.out" ||
    ! "$RISKDESK" infer --db "$work/cli.db" --from german \
    --name german_fuzzy --method fuzzy >>"$work/cli.out" 2>&1 ||
    ! "$RISKDESK" infer --db "$work/cli.db" --compare \
    --name german_fuzzy --policy "$policy" --json >"$work/fz.json" \
    2>>"$work/cli.out" ||
    ! "$RISKDESK" points --db "$work/cli.db" --name gp --format csv \
    >"$work/gp-points.csv" 2>>"$work/cli.out"; then
	echo "tui-infer: a command failed:"; cat "$work/cli.out"; exit 99
fi
json_flat "$work/gp.json" >"$work/gp.flat"
json_flat "$work/fz.json" >"$work/fz.flat"

checked=0
same() {
	checked=$((checked + 1))
	[ "$2" = "$3" ] || fail "$1: workbench \"$2\", command \"$3\""
}
as_count() { as_money "$1"; }
fmt1() { awk -v x="$1" 'BEGIN { printf "%.1f\n", x }'; }
fmt1s() { awk -v x="$1" 'BEGIN { printf "%+.1f\n", x }'; }
fmtg() { awk -v x="$1" 'BEGIN { printf "%g\n", x }'; }
as_stat() { awk -v x="$1" 'BEGIN { printf "%.4f\n", x }'; }
as_pts() {
	awk -v x="$1" 'BEGIN {
		if (x == "null" || x == "") print "-"
		else printf "%+.2f pts\n", 100 * x }'
}
# A score band as report_band_label writes it.
band_label() {
	awk -v lo="$1" -v hi="$2" 'BEGIN {
		if (lo == "null") printf "< %g\n", hi
		else if (hi == "null") printf ">= %g\n", lo
		else printf "[%g, %g)\n", lo, hi }'
}
# row LABEL K: the last K fields of the screen line whose text before
# them is LABEL (blanks squeezed), one a line.
row() {
	printf '%s\n' "$screen" | awk -v lab="$1" -v k="$2" '{
		l = ""
		for (i = 1; i <= NF - k; i++) l = l (i > 1 ? " " : "") $i
		if (l == lab) { for (i = NF - k + 1; i <= NF; i++) print $i
			exit }
	}'
}
# The value of row LABEL K at field I (1-based).
rowf() { row "$1" "$2" | sed -n "$3p"; }

# check_compare FLAT WHAT: every figure of the comparison on the screen
# against the command's JSON (flattened).
check_compare() {
	f=$1
	w=$2
	for r in "Rejects' estimated bad rate:reject_bad_rate:augmented.reject_bad_rate" \
	    "Through-the-door bad rate:ttd_bad_rate:augmented.ttd_bad_rate"; do
		lab=${r%%:*}; rest=${r#*:}; key=${rest%%:*}; aug=${rest#*:}
		same "$w: $lab, KGB" "$(rowf "$lab" 3 1)" \
		    "$(as_pct "$(jget "$f" "$key.kgb")")"
		same "$w: $lab, inferred" "$(rowf "$lab" 3 2)" \
		    "$(as_pct "$(jget "$f" "$key.inferred")")"
		same "$w: $lab, augmented" "$(rowf "$lab" 3 3)" \
		    "$(as_pct "$(jget "$f" "$aug")")"
	done
	if [ "$(jget "$f" changed_little)" = true ]; then
		verdict="inference changed little"
	else
		verdict="inference changed the estimate"
	fi
	expect "moved by $(as_pct "$(jget "$f" relative_change)") of the KGB's: $verdict"
	expect "Accepts $(as_count "$(jget "$f" accepts)"), $(as_count "$(jget "$f" accept_bads)") bad ($(as_pct "$(jget "$f" accept_bad_rate)")); rejects $(as_count "$(jget "$f" rejects)")"
	nb=$(grep -c '^bands\.[0-9]*\.lo	' "$f")
	same "$w: score bands" "$nb" 10
	b=0
	while [ "$b" -lt "$nb" ]; do
		lab=$(band_label "$(jget "$f" "bands.$b.lo")" \
		    "$(jget "$f" "bands.$b.hi")")
		got=$(row "$lab" 8 | tr '\n' ' ')
		want="$(as_count "$(jget "$f" "bands.$b.applicants")") $(as_count "$(jget "$f" "bands.$b.accepts")") $(as_count "$(jget "$f" "bands.$b.rejects")") $(fmt1 "$(jget "$f" "bands.$b.score_kgb")") $(fmt1 "$(jget "$f" "bands.$b.score_inferred")") $(fmt1s "$(jget "$f" "bands.$b.shift")") $(as_pct "$(jget "$f" "bands.$b.reject_pd_kgb")") $(as_pct "$(jget "$f" "bands.$b.reject_pd_inferred")") "
		same "$w: band $lab" "$got" "$want"
		b=$((b + 1))
	done
	nc=$(grep -c '^characteristics\.[0-9]*\.name	' "$f")
	[ "$nc" -gt 5 ] || fail "$w: only $nc characteristics"
	c=0
	while [ "$c" -lt "$nc" ]; do
		p="characteristics.$c"
		name=$(jget "$f" "$p.name")
		got=$(row "$name" 7 | tr '\n' ' ')
		want="$(as_stat "$(jget "$f" "$p.coef_kgb")") $(as_stat "$(jget "$f" "$p.coef_inferred")") $(as_stat "$(jget "$f" "$p.woe_change")") $(jget "$f" "$p.bin") $(as_stat "$(jget "$f" "$p.woe_kgb")") $(as_stat "$(jget "$f" "$p.woe_augmented")") $(fmtg "$(jget "$f" "$p.points_change")") "
		same "$w: characteristic $name" "$got" "$want"
		# In the order of the command: by WoE change, largest first.
		line=$(printf '%s\n' "$screen" | awk -v n="$name" '$1 == n {
		    print NR; exit }')
		[ -n "$line" ] && [ "$c" -gt 0 ] && [ "$line" -le "$prev" ] &&
			fail "$w: $name is not after the previous characteristic"
		prev=${line:-0}
		c=$((c + 1))
	done
	for r in "Approved by both:approved_by_both" \
	    "Swap-in (inferred only):swap_in" \
	    "Swap-out (KGB only):swap_out" \
	    "Approved by neither:declined_by_both"; do
		lab=${r%%:*}; key="policy_swap.swap.${r#*:}"
		got=$(row "$lab" 6 | tr '\n' ' ')
		want="$(as_count "$(jget "$f" "$key.count")") $(as_count "$(jget "$f" "$key.known")") $(as_count "$(jget "$f" "$key.bad")") $(as_pct "$(jget "$f" "$key.bad_rate")") $(as_money "$(jget "$f" "$key.expected_loss_champion")") $(as_money "$(jget "$f" "$key.expected_loss_challenger")") "
		same "$w: swap set, $lab" "$got" "$want"
	done
	k="policy_swap.swap.change"
	el=$(jget "$f" "$k.expected_loss")
	els=$(awk -v x="$el" 'BEGIN { print (x >= 0 ? "+" : "-") }')
	elm=$(as_money "$(awk -v x="$el" 'BEGIN { print (x < 0 ? -x : x) }')")
	expect "Inferred - KGB: approval $(as_pts "$(jget "$f" "$k.approval_rate")"), bad rate $(as_pts "$(jget "$f" "$k.bad_rate")"), expected bad rate $(as_pts "$(jget "$f" "$k.expected_bad_rate")"), EL $els$elm"
}

# wait_job TEXT: wait_for TEXT after a key that runs an inference or a
# comparison, which computes: a minute at most, so that a loaded machine
# does not fail the test by the clock.
wait_job() {
	wait_tries=600
	wait_for "$s" "$1"
	wj=$?
	wait_tries=100
	return "$wj"
}

# answer KEY PROMPT TEXT: press KEY, and answer its prompt with TEXT.
answer() {
	T send-keys -t "$s" "$1"
	wait_for "$s" "$2"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l -- "$3"
	T send-keys -t "$s" Enter
}

s=inf
rc_file="$work/rc"
T new-session -d -s "$s" -x 160 -y 70 "LC_ALL=C $(shquote "$RISKDESK") --db $(shquote "$work/tui.db") --policy $(shquote "$policy"); echo \$? >$(shquote "$rc_file")" ||
	{ echo "tui-infer: tmux failed"; exit 99; }
sock_path=$(T display-message -p '#{socket_path}' 2>/dev/null)
wait_job "8 Inference" || exit 1
# The Scorecard screen counts the KGB's rows left out apart: every fifth
# of the 1,000 rows declined, 200 rejects; no indeterminate.
T send-keys -t "$s" 4
wait_for "$s" "0 indeterminate, 200 rejects (declined, no outcome)" &&
	expect "Left out"
T send-keys -t "$s" 8
# The defaults: the champion's scorecard as the KGB, fuzzy, a name that
# says both.
wait_for "$s" "--from german --name german_fuzzy --method fuzzy"

# ------------------------------------------- parceling with options
answer e "infer options (as riskdesk infer takes them):" "$run_opts"
wait_for "$s" "infer options set"
expect "$run_opts"
T send-keys -t "$s" f
wait_job "inferred scorecard gp stored" && {
	expect "gp, inferred from german by parceling on german_credit"
	check_compare "$work/gp.flat" parceling
}
# The status line names the change as the command does: the figure and
# the term ("0.12345, of the intercept" or "..., of duration").
change=$(sed -n 's/^largest coefficient change: \([0-9.]*, of [^(]*\) (.*$/\1/p' \
    "$work/cli.out" | head -n 1)
[ -n "$change" ] || fail "the command printed no largest coefficient change"
expect "largest coefficient change $change"
# Stored as the command stores it.
"$RISKDESK" infer --db "$work/tui.db" --compare --name gp \
    --policy "$policy" --json >"$work/gp-tui.json" 2>&1
same "parceling: stored comparison" "$(cat "$work/gp-tui.json")" \
    "$(cat "$work/gp.json")"
"$RISKDESK" points --db "$work/tui.db" --name gp --format csv \
    >"$work/gp-tui-points.csv" 2>&1
same "parceling: stored points" "$(cat "$work/gp-tui-points.csv")" \
    "$(cat "$work/gp-points.csv")"

# f again: asks before replacing; n keeps the database as it was.
cp "$work/tui.db" "$work/before.db"
T send-keys -t "$s" f
wait_for "$s" "scorecard gp is stored: replace it with the inferred one? (y/n)" &&
	T send-keys -t "$s" n
# The question goes once the answer is read: only then is the database
# worth comparing.
wait_gone "$s" "replace it with the inferred one? (y/n)"
cmp -s "$work/tui.db" "$work/before.db" ||
	fail "answering n to the replacement changed the database"

# ------------------------------------------------- fuzzy, the defaults
answer e "infer options (as riskdesk infer takes them):" "--from german"
wait_for "$s" "infer options set"
# The method stays parceling; m goes on to reweighting, then hard-cutoff,
# then fuzzy; the name follows.
expect "--from german --name german_parceling --method parceling"
T send-keys -t "$s" m
wait_for "$s" "--name german_reweighting --method reweighting"
T send-keys -t "$s" m
wait_for "$s" "--name german_hard_cutoff --method hard-cutoff"
T send-keys -t "$s" m
wait_for "$s" "--name german_fuzzy --method fuzzy"
T send-keys -t "$s" f
wait_job "inferred scorecard german_fuzzy stored" && {
	expect "fuzzy augmentation without a factor reproduces the KGB coefficients"
	check_compare "$work/fz.flat" fuzzy
}
"$RISKDESK" infer --db "$work/tui.db" --compare --name german_fuzzy \
    --policy "$policy" --json >"$work/fz-tui.json" 2>&1
same "fuzzy: stored comparison" "$(cat "$work/fz-tui.json")" \
    "$(cat "$work/fz.json")"

# ------------------------------------------------ compare, and refused
answer c "compare the inferred scorecard:" german
wait_job "scorecard \"german\" was not made by riskdesk infer"
answer c "compare the inferred scorecard:" gp
wait_job "gp, inferred from german by parceling" &&
	check_compare "$work/gp.flat" "parceling, compared again"

# The key list names the screen's keys.
T send-keys -t "$s" '?'
wait_for "$s" "compare a scorecard riskdesk infer made"
T send-keys -t "$s" Escape

T send-keys -t "$s" q
exited_ok "$rc_file"

[ "$checked" -gt 100 ] || fail "only $checked checks made"
[ "$status" -eq 0 ] && echo "tui-infer: ok ($checked checks)"
exit "$status"
