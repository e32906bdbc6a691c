#!/bin/sh
# tui-reload.sh - the workbench sees what another process writes to its
# database, without a key pressed: a table imported from the shell
# appears on the Data screen with its counts; rows appended to the
# champion's population show in its counts, the table under study is
# classed again and the policies are scored again on the new rows; the
# status line says what was read again.  Before, the workbench showed the
# tables and counts it had opened with until it was restarted.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-reload-test.$$"
mkdir -p "$work" || exit 99
db="$work/reload.db"

if ! "$RISKDESK" import --db "$db" --table german_credit --target \
    creditability --bad bad "$csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >>"$work/setup.out" 2>&1; then
	echo "tui-reload: setup failed:"; cat "$work/setup.out"; exit 99
fi

# line_of TABLE: the Data screen's line of TABLE, blanks squeezed.
line_of() {
	printf '%s\n' "$screen" | awk -v t="$1" '$1 == t { $1 = $1; print }'
}

start_workbench tui-reload --db "$db" --policy "$policy"
wait_for rd "Tables of" || exit 1
same_line() {
	if [ "$(line_of "$1")" != "$2" ]; then
		fail "$3: the Data screen shows \"$(line_of "$1")\", wanted \"$2\""
		printf '%s\n' "$screen" | sed 's/^/  | /'
	fi
}
same_line german_credit "german_credit 1,000 300 700 0 creditability" \
	"at the start"

# Study german_credit on the Characteristics screen, then back.
T send-keys -t rd 2
wait_for rd "Characteristics of german_credit" || exit 1
T send-keys -t rd 1
wait_for rd "Tables of" || exit 1

# 1. A new table, imported by another process: no key is pressed.
awk 'BEGIN { print "id,x,bad"; for (i = 1; i <= 250; i++)
	print i "," (i * 7) % 31 "," (i % 5 == 0) }' >"$work/apps.csv"
"$RISKDESK" import --db "$db" --table apps --target bad --bad 1 \
    "$work/apps.csv" >"$work/imp.out" 2>&1 ||
	fail "import apps: $(cat "$work/imp.out")"
wait_for rd "the database changed (another process): read again apps" &&
	same_line apps "apps 250 50 200 0 bad" "after another process's import"

# 2. The champion's population appended to by another process: its
# counts, the study classed again, the policies scored again.
"$RISKDESK" import --db "$db" --table german_credit --append "$csv" \
    >"$work/app.out" 2>&1 || fail "append: $(cat "$work/app.out")"
wait_for rd "now scored with german" && {
	same_line german_credit "german_credit 2,000 600 1,400 0 creditability" \
		"after another process's append"
	T send-keys -t rd '~'
	wait_for rd "Messages, the newest first" &&
		{ expect "read again german_credit,"; expect "classed again"; }
	T send-keys -t rd Escape
}
T send-keys -t rd 2
wait_for rd "Characteristics of german_credit" &&
	expect "2,000 rows"

T send-keys -t rd q
T send-keys -t rd y
exited_ok "$rc_file"

[ "$status" -eq 0 ] && echo "tui-reload: ok"
exit "$status"
