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
#     the policy has no scorecard and what shows it.
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

# same_total <what> <cli text> <n cli> <n screen>
same_total() {
	a=$(total "$2" "$3" | awk '{ print $1, $2, $3, $4 }')
	# The screen re-plans after it shows the edited rule: poll (10 s).
	i=0
	while :; do
		printf '%s\n' "$screen" >"$work/screen.txt"
		b=$(total "$work/screen.txt" "$4" | awk '{ print $1, $2, $3, $4 }')
		[ -n "$a" ] && [ "$a" = "$b" ] && break
		[ "$i" -ge 100 ] && break
		sleep 0.1
		i=$((i + 1))
		capture rd
	done
	if [ -z "$a" ] || [ "$a" != "$b" ]; then
		fail "$1: the screen's plan total \"$b\", the command's \"$a\""
		printf '%s\n' "$screen" | sed 's/^/  | /'
	fi
}

start_workbench tui-collect --db "$db"
T resize-window -t rd -x 110 -y 60 >/dev/null 2>&1
wait_for rd "C Coll" || exit 1
T send-keys -t rd C
# The screen reads policies/collections.yaml when the current directory
# has one: keys wait until that is done.
wait_line rd '/no collections policy|delinquent accounts/' || exit 1
sleep 0.5
T send-keys -t rd o
wait_for rd "collections policy:" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l "$pol"
T send-keys -t rd Enter
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
T send-keys -t rd Down Down c
wait_for rd "capacity of field per month" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l 40
T send-keys -t rd Enter
wait_line rd '/^field / && / 40 +100.00%/'
sed 's/capacity: {call: 30, field: 15}/capacity: {call: 30, field: 40}/' \
    "$work/mid.yaml" >"$work/cap.yaml"
"$RISKDESK" collect --db "$db" --policy "$work/cap.yaml" >"$work/cli3.txt"
same_total "field capacity 40" "$work/cli3.txt" 1 1
same_total "optimiser at capacity 40" "$work/cli3.txt" 2 2

# The challenger beside it: its plan total is the command's.
T send-keys -t rd x
wait_for rd "challenger strategy" || exit 1
T send-keys -t rd C-u
T send-keys -t rd -l "$chal"
T send-keys -t rd Enter
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
start_workbench tui-collect --db "$db" --policy "$pol"
T resize-window -t rd -x 110 -y 60 >/dev/null 2>&1
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
[ "$status" -eq 0 ] && echo "tui-collect: ok"
exit "$status"
