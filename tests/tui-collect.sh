#!/bin/sh
# tui-collect.sh - the workbench's Collections screen shows what
# `riskdesk collect` computes, and plans again as a rule's treatment or a
# capacity is changed.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  The bundled synthetic portfolio
# (data/collect-perf.csv, data/collect-actions.csv) with
# policies/collections.yaml:
#   - C opens the screen, o the policy: the plan total (accounts,
#     expected cures, expected cured balance, cost) and the optimiser's
#     total are those of `riskdesk collect`;
#   - Right on rule mid gives it the next treatment of costs (call ->
#     field): the plan is that of `riskdesk collect` on the policy with
#     that treatment written in;
#   - c on rule late sets field's capacity to 40: the plan is that of
#     the command on the policy with capacity field: 40 as well;
#   - x opens the challenger: its plan total is the command's
#     --challenger plan;
#   - q quits with status 0;
#   - the workbench opened with --policy on that policy (a collections
#     section alone) starts on the Collections screen with the command's
#     plan, and names the policy on the status line; Right on rule early
#     (sms, challenger letter) skips letter, its challenger, for call,
#     and Left goes back to sms; the Policy and Validation screens say
#     the policy has no scorecard and what shows it;
#   - opened with --challenger on a collections strategy alone, the
#     Collections screen plans it beside the champion's (the command's
#     --challenger plan); --report refuses it, naming collect;
#   - opened with --policy on a collections section alone with an error
#     (bucket 4 not covered), the workbench starts on the Policy screen
#     at the error, its line marked; the Collections screen says the
#     policy has an error and where; once the file is fixed, o on the
#     Policy screen opens it and the Collections screen plans it.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-collect-work.$$"
mkdir -p "$work" || exit 99
db="$work/c.db"
pol="$top_srcdir/policies/collections.yaml"
chal="$top_srcdir/policies/collections-challenger.yaml"
if ! "$RISKDESK" import --db "$db" --table perf \
    "$top_srcdir/data/collect-perf.csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" import --db "$db" --table actions \
    "$top_srcdir/data/collect-actions.csv" >>"$work/setup.out" 2>&1; then
	echo "tui-collect: setup failed:"; cat "$work/setup.out"; exit 99
fi

# total <file> <heading> <n>: the fields of the n-th "plan total" line of
# a text (the command's output or a screen), after the words.
total() {
	awk -v n="$2" '/^plan total/ { if (++k == n) { $1 = ""; $2 = "";
	    sub(/^ +/, ""); print; exit } }' "$1"
}

# same_total <what> <cli text> <n cli> <n screen>: the screen is read
# again for up to 5 s, as tmux may hold a redraw only part written.
same_total() {
	a=$(total "$2" "$3" | awk '{ print $1, $2, $3, $4 }')
	st=0
	while :; do
		printf '%s\n' "$screen" >"$work/screen.txt"
		b=$(total "$work/screen.txt" "$4" |
		    awk '{ print $1, $2, $3, $4 }')
		{ [ -n "$a" ] && [ "$a" = "$b" ]; } || [ "$st" -ge 50 ] &&
			break
		sleep 0.1
		st=$((st + 1))
		capture rd
	done
	if [ -z "$a" ] || [ "$a" != "$b" ]; then
		fail "$1: the screen's plan total \"$b\", the command's \"$a\""
		printf '%s\n' "$screen" | sed 's/^/  | /'
	fi
}

# answer <key> <prompt> <text>: key opens the prompt, text answers it.
answer() {
	T send-keys -t rd "$1"
	wait_for rd "$2" || return 1
	T send-keys -t rd C-u
	T send-keys -t rd -l "$3"
	T send-keys -t rd Enter
}

tui_size=110x60
start_workbench tui-collect --db "$db"
wait_for rd "C Coll" || exit 1
T send-keys -t rd C
# The screen reads policies/collections.yaml when the current directory
# has one: keys wait until that is done.
wait_line rd '/no collections policy|delinquent accounts/' || exit 1
sleep 0.5
answer o "collections policy:" "$pol" || exit 1
wait_for rd 'policy "collections": 469 delinquent accounts in 2024-12' ||
	exit 1
sleep 0.5
"$RISKDESK" collect --db "$db" --policy "$pol" >"$work/cli.txt"
wait_for rd "LP bound"
same_total "as loaded" "$work/cli.txt" 1 1
same_total "optimiser" "$work/cli.txt" 2 2

# Rule mid: call -> field.
T send-keys -t rd Down Right
wait_line rd '/^mid / && /field \(sms 25%\)/'
sed 's/{name: mid, when: bucket = 2, treatment: call,/{name: mid, when: bucket = 2, treatment: field,/' \
    "$pol" >"$work/mid.yaml"
"$RISKDESK" collect --db "$db" --policy "$work/mid.yaml" >"$work/cli2.txt"
same_total "mid given field" "$work/cli2.txt" 1 1
same_total "optimiser after the change" "$work/cli2.txt" 2 2

# Rule late (field): capacity 40.
T send-keys -t rd Down Down
answer c "capacity of field per month" 40 || exit 1
wait_line rd '/^field / && / 40 +100.00%/'
sed 's/capacity: {call: 30, field: 15}/capacity: {call: 30, field: 40}/' \
    "$work/mid.yaml" >"$work/cap.yaml"
"$RISKDESK" collect --db "$db" --policy "$work/cap.yaml" >"$work/cli3.txt"
same_total "field capacity 40" "$work/cli3.txt" 1 1
same_total "optimiser at capacity 40" "$work/cli3.txt" 2 2

# The challenger beside it: its plan total is the command's.
answer x "challenger strategy" "$chal" || exit 1
wait_for rd "challenger collections-challenger" || exit 1
"$RISKDESK" collect --db "$db" --policy "$pol" --challenger "$chal" \
    >"$work/cli4.txt"
wait_for rd "LP bound"
same_total "the policy read again" "$work/cli4.txt" 1 1
same_total "challenger" "$work/cli4.txt" 2 2

sleep 0.5
T send-keys -t rd q
exited_ok "$rc_file"

# A policy of a collections section alone, opened with --policy: the
# workbench opens on the Collections screen with its plan (the command's),
# the status line names it, and the screens that need a scorecard say so.
T kill-server >/dev/null 2>&1
rm -f "$rc_file"
tui_size=110x60
start_workbench tui-collect --db "$db" --policy "$pol"
wait_for rd "policy collections (collections only)" || exit 1
wait_for rd 'policy "collections": 469 delinquent accounts in 2024-12' ||
	exit 1
wait_for rd "LP bound" || exit 1
same_total "collections only, as loaded" "$work/cli.txt" 1 1
same_total "collections only, optimiser" "$work/cli.txt" 2 2

# Right on rule early (sms, challenger letter): the next treatment of
# costs is letter, its own challenger, so it goes on to call; Left from
# call skips letter back to sms.
T send-keys -t rd Right
wait_line rd '/^early / && /call \(letter 20%\)/' || exit 1
sed 's/{name: early, when: bucket = 1, treatment: sms,/{name: early, when: bucket = 1, treatment: call,/' \
    "$pol" >"$work/early.yaml"
"$RISKDESK" collect --db "$db" --policy "$work/early.yaml" >"$work/cli5.txt"
same_total "early given call" "$work/cli5.txt" 1 1
T send-keys -t rd Left
wait_line rd '/^early / && /sms \(letter 20%\)/' || exit 1
same_total "early back to sms" "$work/cli.txt" 1 1

T send-keys -t rd 6
wait_for rd "policy collections holds a collections strategy only: no scorecard, no segments; the Collections screen (C)" ||
	exit 1
case $screen in
*"missing required key"*) fail "the Policy screen shows an error:"
	printf '%s\n' "$screen" | sed 's/^/  | /' ;;
esac
T send-keys -t rd 5
wait_for rd "policy collections holds a collections strategy only: no scorecard, no segments" ||
	exit 1
wait_for rd "This screen needs a scorecard" || exit 1
T send-keys -t rd C
wait_for rd 'policy "collections": 469 delinquent accounts in 2024-12' ||
	exit 1
sleep 0.5
T send-keys -t rd q
exited_ok "$rc_file"

# Opened with --challenger on a collections strategy alone: the
# Collections screen plans it beside the champion's, as x does, and its
# plan total is the command's --challenger plan.
T kill-server >/dev/null 2>&1
rm -f "$rc_file"
tui_size=110x60
start_workbench tui-collect --db "$db" --policy "$pol" --challenger "$chal"
wait_for rd "challenger collections-challenger" || exit 1
wait_for rd "LP bound" || exit 1
same_total "--challenger: the champion's plan" "$work/cli4.txt" 1 1
same_total "--challenger: the challenger's plan" "$work/cli4.txt" 2 2
sleep 0.5
T send-keys -t rd q
exited_ok "$rc_file"
# --report compares credit policies: a collections challenger is refused
# with the command that plans it.
"$RISKDESK" import --db "$db" --table german_credit --target creditability \
    --bad bad "$top_srcdir/data/german_credit.csv" >/dev/null 2>&1 &&
    "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >/dev/null 2>&1 || fail "german_credit: import or fit failed"
if "$RISKDESK" --report --db "$db" --policy "$top_srcdir/policies/example.yaml" \
    --challenger "$chal" >"$work/rep.out" 2>"$work/rep.err"; then
	fail "--report with a collections challenger exited 0"
elif ! grep -q "holds a collections strategy only: a report compares credit policies; plan it beside the champion's with riskdesk collect --policy <file> --challenger" "$work/rep.err"; then
	fail "--report with a collections challenger: $(cat "$work/rep.err")"
fi

# A collections section alone with an error: no rule covers bucket 4.
# policy_check_collect_all locates that at the section, the first key
# under collections: (line 3, column 3 below).
T kill-server >/dev/null 2>&1
rm -f "$rc_file"
cat >"$work/gap.yaml" <<'EOF'
name: gap
collections:
  snapshots: perf
  treatments: actions
  costs: {sms: 0.05, letter: 1.2, call: 4, field: 35, agency: 0}
  capacity: {call: 30, field: 15}
  strategy:
    - {name: early, when: bucket = 1, treatment: sms}
    - {name: mid, when: bucket = 2, treatment: call}
    - {name: late, when: bucket = 3, treatment: field}
EOF
tui_size=110x60
start_workbench tui-collect --db "$db" --policy "$work/gap.yaml"
# The Policy screen, the error above the file, a caret under line 3's
# column 3.
wait_for rd "The policy as loaded" || exit 1
wait_for rd "gap.yaml:3:3: bucket 4 is never covered" || exit 1
wait_for rd "not loaded; no policy in use" || exit 1
wait_line rd '$1 == "3" && $2 == "snapshots:"' || exit 1
wait_line rd '$1 == "^"' || exit 1
case $screen in
*"collections strategy only"*) fail "the Policy screen shows the policy as loaded:"
	printf '%s\n' "$screen" | sed 's/^/  | /' ;;
esac
T send-keys -t rd C
wait_for rd "the policy has an error and did not load" || exit 1
wait_for rd "gap.yaml:3:3: bucket 4 is never covered" || exit 1
case $screen in
*"delinquent accounts"*) fail "the Collections screen plans another policy:"
	printf '%s\n' "$screen" | sed 's/^/  | /' ;;
esac
# Fixed (bucket 4 to the agency) and opened again on the Policy screen:
# the workbench goes to the Collections screen, which plans it as the
# command does.
printf '%s\n' "    - {name: severe, when: bucket = 4, treatment: agency}" \
    >>"$work/gap.yaml"
T send-keys -t rd 6
wait_for rd "The policy as loaded" || exit 1
answer o "policy file:" "$work/gap.yaml" || exit 1
# Loaded, it opens on the Collections screen.
wait_for rd 'policy "gap": 469 delinquent accounts in 2024-12' || exit 1
wait_for rd "LP bound" || exit 1
"$RISKDESK" collect --db "$db" --policy "$work/gap.yaml" >"$work/cli6.txt"
same_total "fixed policy" "$work/cli6.txt" 1 1
sleep 0.5
T send-keys -t rd q
exited_ok "$rc_file"
[ "$status" -eq 0 ] && echo "tui-collect: ok"
exit "$status"
