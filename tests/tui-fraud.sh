#!/bin/sh
# tui-fraud.sh - the workbench's Fraud screen shows what `riskdesk fraud`
# computes, and evaluates the rules again as a threshold is moved.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  The bundled synthetic stream
# (data/fraud-apps.csv) with policies/fraud.yaml, a policy of fraud rules
# only, opened with --policy:
#   - it opens on the Fraud screen; the other screens say the policy
#     holds fraud rules only, and the status line names it;
#   - the Fraud screen (0): the figures of the set and of each rule
#     are those of `riskdesk fraud --json`;
#   - Right on ring_device (dev_7d >= 2) moves its threshold to 3, the
#     next value of dev_7d: the figures are the command's on the policy
#     with "dev_7d >= 3" written in; then Left twice on addr_heavy, on
#     top of it, likewise (addr_sum_30d >= 20000 -> the value two below);
#   - the policy is refused as a challenger, the moves kept; loaded
#     again after a comment is added to it, the moves kept;
#   - q asks first: the moved thresholds are not saved;
#   - w writes the policy to a new file: the file is the policy with the
#     two numbers changed and every other byte as it was;
#   - another process writes the table (half the stream): the figures
#     are evaluated again, the threshold moved since kept;
#   - q, asking first, quits with status 0;
#   - with a policy naming a fraud scorecard fitted on the features, the
#     screen's line of its AUC and detection at capacity is the command's;
#   - a credit policy with the same fraud rules: the Trade-offs screen's
#     first approval rate labelled as the credit policy's alone, and its
#     outcome lines (fraud decline and refer, knock-out, credit decline
#     and refer, approve: count and rate; approvals stopped) are those of
#     `riskdesk --report --format json`, at the file's cutoff and at one
#     moved 5 points up with Right (--cutoff all=615), and with
#     ring_device moved to 3 on the Fraud screen (marked '*');
#   - the same policy with a misspelt key column does not load: the
#     Policy screen at check-policy's located error.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-fraud-work.$$"
mkdir -p "$work" || exit 99
db="$work/f.db"
pol="$work/fraud.yaml"
cp "$top_srcdir/policies/fraud.yaml" "$pol" && chmod u+w "$pol" || exit 99
if ! "$RISKDESK" import --db "$db" --table fraud_apps \
    "$top_srcdir/data/fraud-apps.csv" >"$work/setup.out" 2>&1; then
	echo "tui-fraud: setup failed:"; cat "$work/setup.out"; exit 99
fi

as_count() { as_money "$1"; }
# The false-positive ratio as the screen writes it.
as_ratio() {
	awk -v x="$1" 'BEGIN {
		if (x == "null" || x == "") print "n/a"
		else printf "%.1f:1\n", x
	}'
}

# same_figures <what> <policy file>: the screen's figures are those of
# `riskdesk fraud --json` on the policy file.
same_figures() {
	"$RISKDESK" fraud --db "$db" --policy "$2" --json >"$work/cli.json" ||
		{ fail "$1: riskdesk fraud failed"; return; }
	json_flat "$work/cli.json" >"$work/cli.flat"
	f="$work/cli.flat"
	expect "alerts $(as_count "$(jget "$f" alerts)") ($(as_pct "$(jget "$f" alert_rate)")), $(as_count "$(jget "$f" declines)") declines, $(as_count "$(jget "$f" refers)") refers"
	expect "caught $(as_count "$(jget "$f" frauds_caught)"): detection $(as_pct "$(jget "$f" detection_rate)"), value $(as_pct "$(jget "$f" value_detection_rate)"), false-positive ratio $(as_ratio "$(jget "$f" false_positive_ratio)"), precision $(as_pct "$(jget "$f" precision)")"
	for r in ring_device phone_share addr_heavy; do
		want="$(as_count "$(jget "$f" "rules.$r.alerts")") $(as_pct "$(jget "$f" "rules.$r.alert_rate")") $(as_count "$(jget "$f" "rules.$r.frauds_caught")") $(as_count "$(jget "$f" "rules.$r.unique_frauds")") $(as_pct "$(jget "$f" "rules.$r.detection_rate")") $(as_ratio "$(jget "$f" "rules.$r.false_positive_ratio")") $(as_pct "$(jget "$f" "rules.$r.precision")")"
		got=$(printf '%s\n' "$screen" | awk -v r="$r" '$1 == r {
		    print $4, $5, $6, $7, $8, $9, $10; exit }')
		if [ "$got" != "$want" ]; then
			fail "$1: rule $r on the screen \"$got\", the command's \"$want\""
			printf '%s\n' "$screen" | sed 's/^/  | /'
		fi
	done
}

tui_size=110x40
start_workbench tui-fraud --db "$db" --policy "$pol"
wait_for rd "0 Fraud" || exit 1
wait_for rd "policy fraud (fraud rules only)" || exit 1
# It opens on the Fraud screen.
wait_for rd "Fraud rules of policy fraud on table fraud_apps" || exit 1
T send-keys -t rd 7
wait_for rd "policy fraud holds fraud rules only: no scorecard, no segments" ||
	exit 1
T send-keys -t rd 0
wait_for rd "Fraud rules of policy fraud on table fraud_apps" || exit 1
wait_for rd "detection rate against alert rate as dev_7d >= x moves, O at 2" ||
	exit 1
same_figures "as loaded" "$pol"

# ring_device: dev_7d >= 2 -> 3.
T send-keys -t rd Right
wait_line rd '/^ring_device / && $3 == "3*"' || exit 1
expect "dev_7d >= 3 and channel = 'online'"
sed "s/when: dev_7d >= 2 and/when: dev_7d >= 3 and/" "$pol" >"$work/r3.yaml"
same_figures "ring_device at 3" "$work/r3.yaml"

# addr_heavy, two values down, one key at a time (each move waited
# for: a screen between the two keys must not be taken for the last).
T send-keys -t rd Down Down Left
wait_line rd '/^addr_heavy / && $3 != "20000" && $3 ~ /\*$/' || exit 1
x1=$(printf '%s\n' "$screen" | awk '$1 == "addr_heavy" { print $3; exit }')
T send-keys -t rd Left
wait_line rd '/^addr_heavy / && $3 != "'"$x1"'" && $3 ~ /\*$/' || exit 1
x=$(printf '%s\n' "$screen" | awk '$1 == "addr_heavy" { sub(/\*$/, "", $3);
    print $3; exit }')
sed "s/addr_sum_30d >= 20000,/addr_sum_30d >= $x,/" "$work/r3.yaml" \
    >"$work/both.yaml"
same_figures "addr_heavy at $x" "$work/both.yaml"
expect "threshold 1 of 1: addr_sum_30d >= $x (the file: 20000)"

# Not a challenger.
T send-keys -t rd O
wait_for rd "challenger policy file:" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l "$pol"
T send-keys -t rd Enter
wait_for rd "holds fraud rules only" || exit 1
T send-keys -t rd 0
wait_line rd '/^addr_heavy / && $3 == "'"$x"'*"' || exit 1

# The file edited elsewhere (a comment added) and loaded again: the
# moved thresholds stay moved, the numbers in the file being the same.
printf '# reviewed\n' >>"$pol"
sed -e "s/when: dev_7d >= 2 and/when: dev_7d >= 3 and/" \
    -e "s/addr_sum_30d >= 20000,/addr_sum_30d >= $x,/" "$pol" \
    >"$work/both.yaml"
T send-keys -t rd o
wait_for rd "policy file:" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l "$pol"
T send-keys -t rd Enter
wait_for rd "loaded " || exit 1
wait_line rd '/^ring_device / && $3 == "3*"' || exit 1
wait_line rd '/^addr_heavy / && $3 == "'"$x"'*"' || exit 1
same_figures "loaded again" "$work/both.yaml"

# Not saved: q asks.
T send-keys -t rd q
wait_for rd "not saved: 2 fraud thresholds of fraud" || exit 1
T send-keys -t rd n
sleep 0.3

# Written to a new file: the two numbers changed, nothing else.
T send-keys -t rd w
wait_for rd "write the policy to:" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l "$work/saved.yaml"
T send-keys -t rd Enter
wait_for rd "wrote " || exit 1
if ! cmp -s "$work/both.yaml" "$work/saved.yaml"; then
	fail "the policy written is not the policy with the two thresholds moved:"
	diff "$work/both.yaml" "$work/saved.yaml" | sed 's/^/  | /'
fi
# Loaded as the champion: the same figures, nothing moved any more.
wait_line rd '/^addr_heavy / && $3 == "'"$x"'"' || exit 1
same_figures "as written" "$work/saved.yaml"

# ring_device moved once more, then the table written by another
# process (half the stream): the screen evaluates the rules again on it,
# the move kept.
T send-keys -t rd Up Up Right
wait_line rd '/^ring_device / && $3 ~ /\*$/' || exit 1
y=$(printf '%s\n' "$screen" | awk '$1 == "ring_device" { sub(/\*$/, "", $3);
    print $3; exit }')
head -n 6001 "$top_srcdir/data/fraud-apps.csv" >"$work/half.csv"
"$RISKDESK" import --db "$db" --table fraud_apps --replace \
    "$work/half.csv" >>"$work/setup.out" 2>&1 || fail "import --replace"
wait_for rd "events 6,000," || exit 1
wait_line rd '/^ring_device / && $3 == "'"$y"'*"' || exit 1
sed "s/when: dev_7d >= 3 and/when: dev_7d >= $y and/" "$work/saved.yaml" \
    >"$work/again.yaml"
same_figures "ring_device at $y on the table written again" \
    "$work/again.yaml"

sleep 0.5
T send-keys -t rd q
wait_for rd "not saved: 1 fraud threshold of fraud" || exit 1
T send-keys -t rd y
exited_ok "$rc_file"

# A policy naming a fraud scorecard: the screen's line of its figures is
# the command's (AUC, detection at capacity by its order and by the
# rules').
T kill-server >/dev/null 2>&1
"$RISKDESK" fit --db "$db" --table fraud_apps --name fcard \
    --features-from "$pol" >>"$work/setup.out" 2>&1 || fail "fit fcard"
sed 's/^  capacity: 5$/  capacity: 5\n  scorecard: fcard/' \
    "$top_srcdir/policies/fraud.yaml" >"$work/card.yaml"
"$RISKDESK" fraud --db "$db" --policy "$work/card.yaml" --json \
    >"$work/card.json" || fail "fraud with fcard"
json_flat "$work/card.json" >"$work/card.flat"
f="$work/card.flat"
rm -f "$rc_file"
tui_size=110x40
start_workbench tui-fraud --db "$db" --policy "$work/card.yaml"
want="fraud scorecard fcard: AUC $(awk -v x="$(jget "$f" scorecard.auc)" 'BEGIN { printf "%.4f", x }'); detection at capacity $(as_pct "$(jget "$f" scorecard.detection_at_capacity)"), by the rules' order $(as_pct "$(jget "$f" scorecard.detection_at_capacity_by_rules)")"
wait_for rd "$want" || exit 1
T send-keys -t rd q
exited_ok "$rc_file"

# A credit policy with the fraud rules: the Trade-offs screen shows the
# outcome lines, fraud rules first, as `riskdesk --report` counts them
# (the JSON's outcome_lines), at the file's cutoff and at a moved one.
T kill-server >/dev/null 2>&1
"$RISKDESK" import --db "$db" --table apps --target fraud --bad 1 \
    --type fraud=text --id app_id "$top_srcdir/data/fraud-apps.csv" \
    >>"$work/setup.out" 2>&1 || fail "import apps"
"$RISKDESK" fit --db "$db" --table apps --name ccard \
    --exclude app_id,applied_at,device_id,phone,email,address_id \
    >>"$work/setup.out" 2>&1 || fail "fit ccard"
sed -e 's/^population: fraud_apps/population: apps/' \
    -e 's/^name: fraud/name: credit-fraud\nscorecard: ccard\nknockouts:\n  - {name: big, when: requested_limit > 9000, reason: K1}\nsegments:\n  - {name: all, cutoff: 610, refer: 595, lgd: 0.5, ead: requested_limit}/' \
    "$top_srcdir/policies/fraud.yaml" >"$work/cf.yaml"

# check_lines WHAT [--cutoff all=N]: every outcome line on the screen,
# count and rate, is the report's.
check_lines() {
	cl_what=$1
	shift
	"$RISKDESK" --report --db "$db" --policy "${cl_pol:-$work/cf.yaml}" \
	    --format json "$@" >"$work/cf.json" ||
		{ fail "$cl_what: --report failed"; return; }
	json_flat "$work/cf.json" >"$work/cf.flat"
	f="$work/cf.flat"
	for row in "Fraud decline:fraud_declined" "Fraud refer:fraud_referred" \
	    "Knock-out, fraud 1st:knocked_out" "Credit decline:credit_declined" \
	    "Credit refer:credit_referred" "Approve, fraud 1st:approved" \
	    "Approvals stopped:fraud_stopped"; do
		label=${row%%:*}
		key=${row#*:}
		want=$(as_count "$(jget "$f" "outcome_lines.$key")")${cl_mark:-}
		case $key in
		fraud_stopped) rlabel= ;;
		approved) rlabel="Approval, fraud 1st" ;;
		knocked_out) rlabel="Knock-out rate" ;;
		*) rlabel="$label rate" ;;
		esac
		[ -n "$rlabel" ] && want="$want $(as_pct "$(jget "$f" \
		    "outcome_lines.${key}_rate")")${cl_mark:-}"
		got=$(printf '%s\n' "$screen" | awk -v a="$label" -v b="$rlabel" '
		    function val(l,   r) { r = substr($0, length(l) + 3)
			split(r, x, " "); return x[1] }
		    index($0, " " a "  ") == 1 { c = val(a) }
		    b != "" && index($0, " " b "  ") == 1 { p = " " val(b) }
		    END { print c p }')
		if [ "$got" != "$want" ]; then
			fail "$cl_what: $label on the screen \"$got\", the report's \"$want\""
			printf '%s\n' "$screen" | sed 's/^/  | /'
		fi
	done
	# The first approval rate is the credit policy's alone (the
	# report's policy approval rate), labelled so beside the lines.
	want=$(as_pct "$(jget "$f" "policy.approval_rate")")
	got=$(printf '%s\n' "$screen" | awk -v a="Approval, credit only" '
	    index($0, " " a "  ") == 1 { r = substr($0, length(a) + 3)
		split(r, x, " "); print x[1] }')
	[ "$got" = "$want" ] ||
		fail "$cl_what: Approval, credit only on the screen \"$got\", the report's policy approval rate \"$want\""
	printf '%s\n' "$screen" | grep -q " Approval rate  " &&
		fail "$cl_what: an approval rate without saying whose"
}

rm -f "$rc_file"
tui_size=120x60
start_workbench tui-fraud --db "$db" --policy "$work/cf.yaml"
wait_for rd "7 Trade" || exit 1
T send-keys -t rd 7
wait_for rd "Approvals stopped" || exit 1
check_lines "the file's cutoff"
# Up 5 points: the lines move with the cutoff, as --report's do.
T send-keys -t rd Right Right Right Right Right
wait_line rd '$1 == "all" && $2 == "615*"' || exit 1
sleep 0.3
capture rd
check_lines "cutoff 615" --cutoff all=615
# ring_device moved to 3 on the Fraud screen: the Trade-offs screen's
# outcome lines are the report's on the policy with "dev_7d >= 3"
# written in, each marked '*' as the threshold is there.
T send-keys -t rd 0
wait_line rd '/^ring_device / && $3 == "2"' || exit 1
T send-keys -t rd Right
wait_line rd '/^ring_device / && $3 == "3*"' || exit 1
sed 's/dev_7d >= 2/dev_7d >= 3/' "$work/cf.yaml" >"$work/cf3.yaml"
T send-keys -t rd 7
wait_for rd "Approvals stopped" || exit 1
sleep 0.3
capture rd
cl_pol="$work/cf3.yaml" cl_mark="*"
check_lines "ring_device at 3 on the Fraud screen" --cutoff all=615
cl_pol= cl_mark=
T send-keys -t rd q
wait_for rd "not saved" || exit 1
T send-keys -t rd y
exited_ok "$rc_file"

# A broken fraud section (a misspelt key column) does not load: the
# Policy screen opens at its error, the message check-policy, --report
# and decide give, as for any other error of a policy.
sed 's/same: device_id/same: devise/' "$work/cf.yaml" >"$work/bk.yaml"
bl=$(grep -n 'same: devise' "$work/bk.yaml" | cut -d: -f1)
bc=$(awk -v l="$bl" 'NR == l { print index($0, "devise") }' "$work/bk.yaml")
"$RISKDESK" check-policy --db "$db" "$work/bk.yaml" 2>"$work/bk.err"
bmsg="bk.yaml:$bl:$bc: unknown column \"devise\" (the key of feature \"dev_7d\"): table \"apps\" has no such column"
grep -qF "$bmsg" "$work/bk.err" ||
	fail "check-policy's message is not $bmsg: $(cat "$work/bk.err")"
T kill-session -t rd >/dev/null 2>&1
rm -f "$rc_file"
tui_size=220x50
start_workbench tui-fraud --db "$db" --policy "$work/bk.yaml"
wait_for rd "The policy as loaded" || exit 1
wait_for rd "$bmsg" || exit 1
wait_for rd "not loaded; no policy in use" || exit 1
# The policy as it should be opens.
T send-keys -t rd o
wait_for rd "policy file:" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l "$work/cf.yaml"
T send-keys -t rd Enter
wait_for rd "loaded $work/cf.yaml: as the champion" || exit 1
sleep 0.5
T send-keys -t rd q
exited_ok "$rc_file"
T kill-server >/dev/null 2>&1
[ "$status" -eq 0 ] && echo "tui-fraud: ok"
exit "$status"
