#!/bin/sh
# tui.sh - drive the workbench in a detached tmux and read its screens.
#
# Run by `make check` with RISKDESK (the built program), top_srcdir and
# top_builddir in the environment.  Builds a scratch database under the
# build tree, opens the TUI on policies/example.yaml in a tmux server of
# its own (a private socket, no configuration), visits the three screens,
# moves a cutoff and checks the figures against `riskdesk --report
# --cutoff ... --format json` (the TUI and the report must agree digit for
# digit), opens the key list, resizes below and above the minimum size,
# quits and checks the exit status and that the terminal was given back.
# With a C.UTF-8 locale it also checks that Chinese names keep the columns
# aligned.  Exit 77 (skipped) without tmux.
set -u

: "${RISKDESK:?RISKDESK must name the built riskdesk}"
: "${top_srcdir:?top_srcdir must be set}"
top_builddir=${top_builddir:-.}

if ! command -v tmux >/dev/null 2>&1; then
	echo "tui: tmux not found; skipped"
	exit 77
fi

policy="$top_srcdir/policies/example.yaml"
challenger="$top_srcdir/policies/challenger.yaml"
csv="$top_srcdir/data/german_credit.csv"
work="$top_builddir/tests/tui-work.$$"
sock="rdtest-$$"
status=0
screen=

# Never nest in a tmux the tests happen to run in.
unset TMUX

T() {
	tmux -L "$sock" -f /dev/null "$@"
}

sock_path=
cleanup() {
	T kill-server >/dev/null 2>&1
	# tmux leaves its socket behind.
	[ -n "$sock_path" ] && rm -f "$sock_path"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

fail() {
	echo "tui: FAIL: $*"
	status=1
}

# Quote a word for the shell command tmux runs.
shquote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# capture SESSION: the visible screen into $screen.
capture() {
	screen=$(T capture-pane -p -t "$1" 2>/dev/null)
}

# settle SESSION: poll until the screen is the same in two captures
# 0.2 s apart (5 s at most), so that a redraw tmux holds only part of is
# not read; $screen holds the settled screen.
settle() {
	i=0
	capture "$1"
	while [ "$i" -lt 25 ]; do
		prev=$screen
		sleep 0.2
		capture "$1"
		[ "$screen" = "$prev" ] && return 0
		i=$((i + 1))
	done
	return 0
}

# steady SESSION TEXT: after TEXT was seen, read the screen again until
# two captures 0.1 s apart agree (1 s at most), so that the rest of a
# redraw is there too; the screen that showed TEXT is kept if TEXT has
# gone since (a passing message).
steady() {
	st_seen=$screen
	st_i=0
	while [ "$st_i" -lt 10 ]; do
		st_prev=$screen
		sleep 0.1
		capture "$1"
		[ "$screen" = "$st_prev" ] && break
		st_i=$((st_i + 1))
	done
	case $screen in
	*"$2"*) ;;
	*) screen=$st_seen ;;
	esac
}

# wait_for SESSION TEXT: poll until TEXT is on the screen (10 s at most),
# then until the screen is steady.
wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		capture "$1"
		case $screen in
		*"$2"*) steady "$1" "$2"; return 0 ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for \"$2\"; the screen was:"
	printf '%s\n' "$screen" | sed 's/^/  | /'
	return 1
}

# wait_gone SESSION TEXT: poll until TEXT is no longer on the screen
# (10 s at most).
wait_gone() {
	i=0
	while [ "$i" -lt 100 ]; do
		capture "$1"
		case $screen in
		*"$2"*) ;;
		*) return 0 ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for \"$2\" to go; the screen was:"
	printf '%s\n' "$screen" | sed 's/^/  | /'
	return 1
}

# wait_line SESSION AWK-CONDITION: poll until a line of the screen meets
# the condition (10 s at most).
wait_line() {
	i=0
	while [ "$i" -lt 100 ]; do
		capture "$1"
		if printf '%s\n' "$screen" | awk "$2 { found = 1 }
		    END { exit !found }"; then
			# The rest of the redraw too; the matching screen
			# is kept if the line has gone since.
			wl_seen=$screen
			steady "$1" ""
			printf '%s\n' "$screen" | awk "$2 { found = 1 }
			    END { exit !found }" || screen=$wl_seen
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for a line with $2; the screen was:"
	printf '%s\n' "$screen" | sed 's/^/  | /'
	return 1
}

expect() {
	case $screen in
	*"$1"*) ;;
	*) fail "expected \"$1\" on the screen:"
	   printf '%s\n' "$screen" | sed 's/^/  | /' ;;
	esac
}

# Flatten JSON into "path<TAB>value" lines (policy.approval_rate,
# segments.0.name, ...), strings unquoted; enough for the report's JSON.
json_flat() {
	awk '
	function path(   i, p) {
		p = ""
		for (i = 1; i <= depth; i++)
			p = p (i > 1 ? "." : "") key[i]
		return p
	}
	{ buf = buf $0 "\n" }
	END {
		n = length(buf); i = 1; depth = 0
		while (i <= n) {
			c = substr(buf, i, 1)
			if (c == "{" || c == "[") {
				depth++; type[depth] = c
				key[depth] = (c == "[") ? 0 : ""
				want[depth] = (c == "{"); i++; continue
			}
			if (c == "}" || c == "]") { depth--; i++; continue }
			if (c == ",") {
				if (type[depth] == "[") key[depth]++
				else want[depth] = 1
				i++; continue
			}
			if (c == ":") { want[depth] = 0; i++; continue }
			if (c == "\"") {
				s = ""; i++
				while (i <= n) {
					c = substr(buf, i, 1)
					if (c == "\\") { s = s substr(buf, i + 1, 1); i += 2; continue }
					if (c == "\"") break
					s = s c; i++
				}
				i++
				if (type[depth] == "{" && want[depth]) key[depth] = s
				else print path() "\t" s
				continue
			}
			if (c ~ /[-0-9a-z]/) {
				s = ""
				while (i <= n && substr(buf, i, 1) ~ /[-+0-9.eEa-z]/) {
					s = s substr(buf, i, 1); i++
				}
				print path() "\t" s
				continue
			}
			i++
		}
	}' "$1"
}

# jget FILE PATH: a value of the flattened JSON.
jget() {
	awk -F '	' -v k="$2" '$1 == k { print $2; exit }' "$1"
}

# The report's numbers as the TUI prints them (util/fmt.c): a share as a
# percentage with two decimals, money whole with thousands separators,
# NaN (JSON null) as "-".
as_pct() {
	awk -v x="$1" 'BEGIN {
		if (x == "null" || x == "") print "-"
		else printf "%.2f%%\n", 100 * x
	}'
}
as_money() {
	awk -v x="$1" 'BEGIN {
		if (x == "null" || x == "") { print "-"; exit }
		s = sprintf("%.0f", x < 0 ? -x : x); o = ""
		for (i = 1; i <= length(s); i++) {
			if (i > 1 && (length(s) - i + 1) % 3 == 0) o = o ","
			o = o substr(s, i, 1)
		}
		if (x < 0 && s != "0") o = "-" o
		print o
	}'
}

# Figures on the Policy screen: the champion column of a figure row, and
# the columns of a segment row counted from the right.
fig() {
	printf '%s\n' "$screen" | awk -v l="$1" '
	index($0, " " l " ") == 1 || index($0, l " ") == 1 {
		rest = substr($0, index($0, l) + length(l))
		split(rest, f, " "); print f[1]; exit
	}'
}
seg_field() {
	printf '%s\n' "$screen" | awk -v n="$1" -v k="$2" '
	$1 == n && $2 ~ /^-?[0-9.]+\*?$/ { print $(NF - k); exit }'
}
seg_cutoff() {
	printf '%s\n' "$screen" | awk -v n="$1" '
	$1 == n && $2 ~ /^-?[0-9.]+\*?$/ { print $2; exit }'
}

# The column checks below read $head (a table's headings) and $row (one
# of its lines with each CJK character swapped for two ASCII ones, as it
# takes two columns on the terminal).
# starts_together HEADING VALUE WHAT: a left-aligned column.
starts_together() {
	h=$(printf '%s' "$head" | awk -v t="$1" '{ print index($0, t) }')
	r=$(printf '%s' "$row" | awk -v t="$2" '{ print index($0, t) }')
	if [ -z "$h" ] || [ -z "$r" ] || [ "$h" -eq 0 ] || [ "$h" -ne "$r" ]
	then
		fail "$3 moved the columns:
  $head
  $row"
	fi
}
# ends_together WHAT: the last column, right-aligned, ends in the same
# place (capture-pane drops trailing blanks).
ends_together() {
	h=$(printf '%s' "$head" | awk '{ print length($0) }')
	r=$(printf '%s' "$row" | awk '{ print length($0) }')
	if [ -z "$r" ] || [ "$h" -ne "$r" ]; then
		fail "$1 moved the columns:
  $head
  $row"
	fi
}

# exited_ok FILE: the workbench, quit, writes its exit status to FILE
# within 10 s, and it is 0.
exited_ok() {
	i=0
	while [ "$i" -lt 100 ] && ! [ -s "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if ! [ -s "$1" ]; then
		fail "still running 10 s after q"
	elif [ "$(cat "$1")" != 0 ]; then
		fail "exit status $(cat "$1") after q, expected 0"
	fi
}

# start_workbench TEST ARG...: the workbench with the options ARG...
# in the tmux session rd at 80x24, in the C locale; the shell that runs
# it writes its exit status to $rc_file (exited_ok).  Exit 99 (TEST
# names the test) when tmux cannot start.
start_workbench() {
	sw_test=$1
	shift
	rc_file="$work/tui.status"
	cmd="LC_ALL=C $(shquote "$RISKDESK")"
	for sw_arg in "$@"; do
		cmd="$cmd $(shquote "$sw_arg")"
	done
	cmd="$cmd; echo \$? >$(shquote "$rc_file")"
	# The size is the session's from the start (tui_size=COLSxLINES
	# before the call; 80x24 without): a resize right after the start
	# can reach the workbench before curses listens for it, and be lost.
	sw_size=${tui_size:-80x24}
	tui_size=
	T new-session -d -s rd -x "${sw_size%x*}" -y "${sw_size#*x}" "$cmd" \; \
	    set-option -g remain-on-exit on ||
		{ echo "$sw_test: tmux failed"; exit 99; }
	sock_path=$(T display-message -p '#{socket_path}' 2>/dev/null)
}

# Another workbench test sources this file for the helpers above.
[ -n "${TUI_HELPERS_ONLY:-}" ] && return 0

# ------------------------------------------------------------- setup
mkdir -p "$work" || exit 99
db="$work/tui.db"
if ! "$RISKDESK" import --db "$db" --table german_credit \
    --target creditability --bad bad "$csv" >"$work/import.out" 2>&1; then
	echo "tui: import failed:"; cat "$work/import.out"; exit 99
fi
if ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >"$work/fit.out" 2>&1; then
	echo "tui: fit failed:"; cat "$work/fit.out"; exit 99
fi
if ! "$RISKDESK" --report --db "$db" --policy "$policy" --format json \
    >"$work/base.json" 2>"$work/report.err"; then
	echo "tui: report failed:"; cat "$work/report.err"; exit 99
fi
json_flat "$work/base.json" >"$work/base.flat"

# The shell tmux runs records the exit status: tmux 3.3 sometimes leaves
# a dead pane unreaped, so #{pane_dead_status} cannot be relied on.
start_workbench tui --db "$db" --policy "$policy"

# ------------------------------------------------------- the screens
tabs="1 Data  2 Chars  3 Model  4 Card  5 Valid  6 Policy  7 Trade"
wait_for rd "$tabs" || exit 1
# The status line is drawn last: the first screen is whole once it shows.
wait_for rd "policy example" || exit 1
expect "Tables of "
expect "german_credit"
expect "Profile of german_credit"
expect "status_of_existi"
expect "INTEGER"
expect "db "
expect "table german_credit"
expect "card german"
expect "policy example"

# Import a CSV from the Data screen: path, table, target, bad value.
T send-keys -t rd i
wait_for rd "import CSV file:"
T send-keys -t rd -l "$csv"
T send-keys -t rd Enter
wait_for rd "as table:"
T send-keys -t rd C-u
T send-keys -t rd -l g2
T send-keys -t rd Enter
wait_for rd "target column"
T send-keys -t rd -l creditability
T send-keys -t rd Enter
wait_for rd "bad value of the target:"
T send-keys -t rd -l bad
T send-keys -t rd Enter
wait_for rd "options (--type"
T send-keys -t rd Enter
wait_for rd "imported 1,000 rows into g2" && {
	wait_line rd "\$1 == \"g2\" && \$2 == \"1,000\" && \$3 == \"300\""
	expect "Profile of g2"
}

# Characteristics: ranked by IV, the strongest first; its bins.
T send-keys -t rd 2
wait_for rd "Characteristics of german_credit by IV" && {
	first=$(printf '%s\n' "$screen" |
	    awk 'NR > 2 && $1 == "1" { print $3; exit }')
	case $first in
	status_of_existing_checking*) ;;
	*) fail "the strongest characteristic is \"$first\"" ;;
	esac
	expect "Strength"
}
T send-keys -t rd Down Enter
wait_for rd "Bad rate" && expect "WoE"
nb=$(printf '%s\n' "$screen" | sed -n 2p | sed 's/.*, \([0-9]*\) bins.*/\1/')
T send-keys -t rd m
wait_for rd "(regrouped, not saved)" && {
	nb2=$(printf '%s\n' "$screen" | sed -n 2p |
	    sed 's/.*, \([0-9]*\) bins.*/\1/')
	[ "$nb2" -eq $((nb - 1)) ] ||
		fail "merge: $nb bins became $nb2, expected $((nb - 1))"
}
T send-keys -t rd u
wait_line rd "NR == 2 && !/regrouped/ && / $nb bins/"

# Studying another table opens the Characteristics screen on its
# ranking, not on the bins shown before; then back to german_credit.
study() {
	T send-keys -t rd 1 Home
	wait_for rd "Profile of " || return 1
	case $screen in
	*"Profile of $1"*) ;;
	*) T send-keys -t rd Down; wait_for rd "Profile of $1" || return 1 ;;
	esac
	T send-keys -t rd Enter
	wait_for rd "studying $1" || return 1
	T send-keys -t rd 2
	wait_for rd "Characteristics of $1 by IV" && {
		case $screen in
		*"Bad rate"*) fail "studying $1 opened on a characteristic's bins" ;;
		esac
		expect "Strength"
	}
}
study g2
T send-keys -t rd Enter
wait_for rd "Bad rate"
study german_credit

# Model: fit on the chosen characteristics; the fit is not saved yet.
T send-keys -t rd 3
wait_for rd "Model on german_credit" && expect "[x]"
T send-keys -t rd f
wait_for rd "fit scorecard named:"
T send-keys -t rd C-u
T send-keys -t rd -l tui_refit
T send-keys -t rd Enter
wait_for rd "Scorecard tui_refit (not saved" && {
	expect "(intercept)"
	expect "AIC"
}

# Scorecard: the fit just made, until it is saved.
T send-keys -t rd 4
wait_for rd "Scorecard tui_refit  (just fitted, not saved" && {
	expect "600 points at 50:1, PDO 20"
	expect "base points"
	expect "WoE"
	expect "Points"
}

# Validation: of the card the status line names, the fit not saved yet;
# on the same characteristics and bins as german, the headline AUC is
# the report's.
T send-keys -t rd 5
auc=$(awk -v x="$(jget "$work/base.flat" model.auc)" \
    'BEGIN { printf "%.4f\n", x }')
wait_for rd "AUC $auc" && {
	expect "Validation of tui_refit on german_credit  (just fitted, not saved)"
	expect "card tui_refit*"
	expect "ROC curve"
	T send-keys -t rd v v
	wait_for rd "Cum. bads"
}

# Policy: the policy as loaded and its file.
T send-keys -t rd 6
# Wait for the segments, drawn last: a capture taken mid-redraw has the
# new heading over the old screen's lines.
wait_for rd "no_property when property" && {
	expect "The policy as loaded"
	expect "Policy example"
	expect "Knock-outs (3)"
	expect "KO01"
}

T send-keys -t rd 7
# "Policy example" heads the Policy screen too: wait for the Trade-offs
# screen's own chart before reading its figures.
wait_for rd "approval rate as the cutoff moves" || exit 1
expect "Policy example"
expect "Approval rate"
expect "Expected loss"
expect "Segment"
expect "approval rate as the cutoff moves"

seg=$(jget "$work/base.flat" segments.0.name)
c0=$(awk -v x="$(jget "$work/base.flat" segments.0.cutoff)" \
    'BEGIN { printf "%g\n", x }')
a0=$(fig "Approval rate")
want=$(as_pct "$(jget "$work/base.flat" policy.approval_rate)")
[ "$a0" = "$want" ] ||
	fail "approval rate $a0 at the file's cutoffs, report says $want"
[ "$(seg_cutoff "$seg")" = "$c0" ] ||
	fail "segment $seg: cutoff $(seg_cutoff "$seg"), expected $c0"

# ------------------------------------------- move a cutoff: Right ...
k=0
a1=$a0
while [ "$k" -lt 60 ] && [ "$a1" = "$a0" ]; do
	T send-keys -t rd Right
	k=$((k + 1))
	cut=$(awk -v c="$c0" -v k="$k" 'BEGIN { printf "%g\n", c + k }')
	wait_line rd "\$1 == \"$seg\" && \$2 == \"$cut*\"" || break
	a1=$(fig "Approval rate")
done
if [ "$a1" = "$a0" ]; then
	fail "approval rate stayed $a0 after $k x Right on segment $seg"
else
	echo "tui: $seg cutoff $c0 -> $cut: approval $a0 -> $a1"
	if "$RISKDESK" --report --db "$db" --policy "$policy" \
	    --cutoff "$seg=$cut" --format json >"$work/moved.json" \
	    2>"$work/report.err"; then
		json_flat "$work/moved.json" >"$work/moved.flat"
		for pair in "Approval rate:policy.approval_rate:pct" \
		    "Bad rate (approved):policy.bad_rate:pct" \
		    "Expected loss:policy.expected_loss:money"; do
			label=${pair%%:*}
			rest=${pair#*:}
			path=${rest%%:*}
			kind=${rest#*:}
			got=$(fig "$label")
			want=$("as_$kind" "$(jget "$work/moved.flat" "$path")")
			[ "$got" = "$want" ] ||
				fail "$label: TUI $got, report $want"
		done
		for pair in "2:segments.0.approval_rate:pct" \
		    "1:segments.0.bad_rate:pct" \
		    "0:segments.0.expected_loss:money"; do
			col=${pair%%:*}
			rest=${pair#*:}
			path=${rest%%:*}
			kind=${rest#*:}
			got=$(seg_field "$seg" "$col")
			want=$("as_$kind" "$(jget "$work/moved.flat" "$path")")
			[ "$got" = "$want" ] ||
				fail "segment $seg $path: TUI $got, report $want"
		done
	else
		fail "report with --cutoff $seg=$cut failed: $(cat \
		    "$work/report.err")"
	fi
fi

# ---------------------------------- write the moved policy to a file
# The written file keeps every comment and line of the author's and
# simulates exactly as the moved cutoff did.
newpol="$work/moved.yaml"
T send-keys -t rd w
wait_for rd "write the policy to:"
T send-keys -t rd C-u
T send-keys -t rd -l "$newpol"
T send-keys -t rd Enter
wait_line rd "index(\$0, \"wrote \") && index(\$0, \"moved.yaml: comments kept\")" && {
	[ "$(grep -c '^ *#' "$newpol")" = "$(grep -c '^ *#' "$policy")" ] ||
		fail "comments lost in $newpol"
	changed=$(diff "$policy" "$newpol" | grep -c '^>')
	[ "$changed" -le 3 ] ||
		fail "writing one cutoff changed $changed lines of the file"
	"$RISKDESK" --report --db "$db" --policy "$newpol" --format json \
	    >"$work/written.json" 2>"$work/report.err" ||
		fail "the written policy does not load: $(cat "$work/report.err")"
	json_flat "$work/written.json" >"$work/written.flat"
	[ "$(jget "$work/written.flat" policy.expected_loss)" = \
	    "$(jget "$work/moved.flat" policy.expected_loss)" ] ||
		fail "the written policy simulates another expected loss"
	# The slot now holds the written file: no cutoff is marked moved.
	wait_line rd "\$1 == \"$seg\" && \$2 == \"$cut\""
}

# Back to the example's cutoffs: open it again with o.
T send-keys -t rd o
wait_for rd "policy file:"
T send-keys -t rd C-u
T send-keys -t rd -l "$policy"
T send-keys -t rd Enter
wait_line rd "\$1 == \"$seg\" && \$2 == \"$c0\"" &&
	[ "$(fig "Approval rate")" = "$a0" ] ||
	fail "after reopening: approval $(fig "Approval rate"), expected $a0"

# 'r' puts a moved cutoff back to the file's.
T send-keys -t rd Left
wait_line rd "\$1 == \"$seg\" && \$2 ~ /\\*\$/"
T send-keys -t rd r
wait_line rd "\$1 == \"$seg\" && \$2 == \"$c0\""

# ------------------------------------- champion against challenger
T send-keys -t rd O
wait_for rd "challenger policy file:"
T send-keys -t rd C-u
T send-keys -t rd -l "$challenger"
T send-keys -t rd Enter
wait_for rd "vs challenger challenger" && {
	T send-keys -t rd v v v v
	wait_for rd "Swap-in (challenger only)" && {
		sin=$(printf '%s\n' "$screen" |
		    awk '/Swap-in \(challenger only\)/ { print $4; exit }')
		want=$("$RISKDESK" --report --db "$db" --policy "$policy" \
		    --challenger "$challenger" --format json 2>/dev/null |
		    json_flat /dev/stdin | awk -F '	' \
		    '$1 == "swap_set.swap_in.count" { print $2 }')
		[ "$sin" = "$want" ] ||
			fail "swap-in: TUI $sin, report $want"
	}
}

# -------------------------------------- a policy with an error in it
bad="$work/bad.yaml"
sed 's/^    cutoff: 515/    cutof: 515/' "$policy" >"$bad"
badline=$(grep -n '^    cutof: 515' "$bad" | cut -d: -f1)
T send-keys -t rd o
wait_for rd "policy file:"
T send-keys -t rd C-u
T send-keys -t rd -l "$bad"
T send-keys -t rd Enter
wait_for rd "bad.yaml:$badline:5: unknown key \"cutof\"" && {
	# Scrolled to the line, highlighted, a caret under the column.
	wait_line rd "\$1 == \"$badline\" && \$2 == \"cutof:\""
	wait_line rd "\$1 == \"^\""
	T send-keys -t rd g
	wait_for rd "not loaded; the policy below is still in use"
	# Every error of the file, not only the first; a long path gives
	# way from the left.
	wait_line rd "index(\$0, \"2 errors in \") && index(\$0, \"bad.yaml:\")"
	expect "line $badline, column 5: unknown key \"cutof\""
	expect "missing required key \"cutoff\" in segment \"renters\""
}

# ------------------------------------------------------- the key list
T send-keys -t rd 7
wait_for rd "Approval rate"
T send-keys -t rd '?'
wait_for rd "raise the segment's cutoff by 1 point" && {
	expect "Keys"
	# The list scrolls; the keys of every screen come last.
	T send-keys -t rd End
	wait_for rd "quit (asks first when there are unsaved changes)"
}
T send-keys -t rd Escape
wait_for rd "Approval rate"
capture rd
case $screen in
*"Everywhere"*) fail "the key list did not close" ;;
esac

# ------------------------------------------------------------ resizing
T resize-window -t rd -x 60 -y 15
# tmux keeps the old screen's last lines until riskdesk redraws (the
# old status line then on line 15): wait for the tabs on line 1 too.
wait_line rd "NR == 1 { tabs = (\$0 ~ /^ 1 .* 7 /) } NR == 15 && tabs && index(\$0, \" db \") == 1" && {
	first=$(printf '%s\n' "$screen" | sed -n 1p)
	case $first in
	" 1 "*" 7 "*) ;;
	*) fail "at 60x15 the first line is \"$first\"" ;;
	esac
	expect "Approval rate"
	expect "Segment"
	case $screen in
	*"too small"*) fail "60x15 is big enough, yet: too small" ;;
	esac
	long=$(printf '%s\n' "$screen" | awk 'length($0) > 60 && !/[^ -~]/')
	[ -z "$long" ] || fail "lines wider than 60 columns: $long"
}
T resize-window -t rd -x 50 -y 12
wait_for rd "terminal too small (need 60x15)" && {
	case $screen in
	*"Approval rate"* | *"1 Data"*)
		fail "drew the screen at 50x12 as well as the notice" ;;
	esac
}
T resize-window -t rd -x 80 -y 24
wait_for rd "Approval rate" && expect "$tabs"

# ---------------------------------------------------------------- quit
# The fit is not saved: q asks, n stays, q y leaves.
T send-keys -t rd q
wait_for rd "not saved: scorecard tui_refit"
T send-keys -t rd n
wait_for rd "Approval rate"
T send-keys -t rd q
wait_for rd "Quit anyway?"
T send-keys -t rd y
exited_ok "$rc_file"
capture rd
case $screen in
*"Approval rate"*) fail "the screen was not given back after q" ;;
esac

# --------------------------------------------- wide characters (UTF-8)
if locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$'; then
	zcsv="$work/zh.csv"
	zdb="$work/zh.db"
	zpol="$work/zh.yaml"
	sed '1s/^status_of_existing_checking_account,/账户状态,/
	    1s/,housing,/,住房,/; 1s/,age_in_years,/,年龄,/
	    1s/,installment_rate_in_percentage_of_disposable_income,/,分期付款占可支配收入的百分比率测试用长名称,/' \
	    "$csv" >"$zcsv"
	cat >"$zpol" <<-'EOF'
	name: 中文策略
	scorecard: 评分卡
	population: 德国信贷
	loss:
	  lgd: 0.45
	  ead: credit_amount
	segments:
	  - name: 租房者
	    when: 住房 = 'rent'
	    cutoff: 515
	  - name: default
	    cutoff: 500
	EOF
	if "$RISKDESK" import --db "$zdb" --table 德国信贷 --target \
	    creditability --bad bad "$zcsv" >/dev/null 2>&1 &&
	    "$RISKDESK" fit --db "$zdb" --table 德国信贷 --name 评分卡 \
	    >/dev/null 2>&1; then
		cmd="LC_ALL=C.UTF-8 exec $(shquote "$RISKDESK") --db $(shquote "$zdb") --policy $(shquote "$zpol")"
		T new-session -d -s zh -x 80 -y 24 "$cmd"
		# Each CJK character is two columns: swap it for two ASCII
		# ones and the columns must line up with the headings.
		wait_for zh "账户状态" && {
			head=$(printf '%s\n' "$screen" | grep '^ Column')
			row=$(printf '%s\n' "$screen" |
			    sed -n '/^ 账户状态/{s/账户状态/XXXXXXXX/;p;q;}')
			starts_together "Type" "TEXT" \
			    "Data: a Chinese column name"
			# Whole when they fit; a name of 42 columns is cut to
			# the 17 the profile gives it at 80 columns: 8
			# characters (16 columns) and an ellipsis, never half
			# a character.
			expect "Profile of 德国信贷"
			expect "分期付款占可支配… INTEGER"
		}
		T send-keys -t zh 2
		wait_for zh "Characteristics of 德国信贷 by IV" && {
			head=$(printf '%s\n' "$screen" | grep ' # Use ')
			row=$(printf '%s\n' "$screen" |
			    sed -n '/账户状态/{s/账户状态/XXXXXXXX/;p;q;}')
			ends_together "Characteristics: a Chinese name"
			starts_together "Characteristic" "XXXXXXXX" \
			    "Characteristics: a Chinese name"
		}
		T send-keys -t zh 7
		wait_for zh "Policy 中文策略" && {
			head=$(printf '%s\n' "$screen" | grep '^ *Segment')
			row=$(printf '%s\n' "$screen" |
			    sed -n '/^ *租房者  /{s/租房者/XXXXXX/;p;q;}')
			ends_together "Policy: a Chinese segment name"
			expect " 租房者 when 住房 = 'rent': file cutoff 515"
		}
		T send-keys -t zh q
	else
		fail "could not build the UTF-8 database"
	fi
else
	echo "tui: no C.UTF-8 locale; wide-character check skipped"
fi

# Large numbers on the Data screen's profile are written as the
# command-line profile writes them (fmt_stat, every digit), never "1e+06"
# or "1.68426e+06"; their columns widen to the longest.
bigcsv="$work/big.csv"
bigdb="$work/big.db"
printf 'limit_bal,pay,bad\n1000000,1684259.5,1\n20000,-339603.25,0\n50000,10,0\n30000,12,1\n' >"$bigcsv"
if "$RISKDESK" import --db "$bigdb" --table big --target bad --bad 1 \
    "$bigcsv" >/dev/null 2>&1; then
	T new-session -d -s big -x 80 -y 24 "LC_ALL=C $(shquote "$RISKDESK") --db $(shquote "$bigdb")"
	wait_for big "Profile of big" && {
		wait_line big "\$1 == \"limit_bal\" && \$(NF - 2) == \"20000.0000\" && \$(NF - 1) == \"40000.0000\" && \$NF == \"1000000.0000\""
		wait_line big "\$1 == \"pay\" && \$(NF - 2) == \"-339603.2500\" && \$(NF - 1) == \"11.0000\" && \$NF == \"1684259.5000\""
		head=$(printf '%s\n' "$screen" | grep '^ Column')
		row=$(printf '%s\n' "$screen" | grep '^ pay ')
		ends_together "Data: a wide maximum"
	}
	# The import checks the file at once, asks about a decimal comma
	# for a ;-separated file, and shows the import's warnings (wide
	# enough for the whole status line).
	T resize-window -t big -x 200 -y 24
	T send-keys -t big i
	wait_for big "import CSV file:"
	T send-keys -t big -l "$work/no-such.csv"
	T send-keys -t big Enter
	wait_for big "cannot read $work/no-such.csv: No such file or directory"
	semi="$top_srcdir/tests/data/csv/semicolon-decimal.csv"
	for answer in n y; do
		T send-keys -t big i
		wait_for big "import CSV file:" || break
		T send-keys -t big -l "$semi"
		T send-keys -t big Enter
		wait_for big "decimal comma (1,5)? (y/n)" || break
		T send-keys -t big "$answer"
		wait_for big "as table:" || break
		T send-keys -t big C-u
		T send-keys -t big -l "semi_$answer"
		T send-keys -t big Enter
		wait_for big "target column" || break
		T send-keys -t big Enter
		wait_for big "options (--type" || break
		T send-keys -t big Enter
		wait_for big "imported 3 rows into semi_$answer" || break
		if [ "$answer" = n ]; then
			expect "; 1 warning: column \"amount\" is stored as text: of its 3 values, 1 is a number"
			wait_line big "\$1 == \"amount\" && \$2 == \"TEXT\""
		else
			case $screen in
			*warning*) fail "a decimal comma import warned" ;;
			esac
			wait_line big "\$1 == \"amount\" && \$2 == \"REAL\""
		fi
	done
	T kill-session -t big >/dev/null 2>&1
else
	fail "could not import $bigcsv"
fi

# Identifiers in the workbench (tests/data/realworld/bin-applications.csv:
# app_no, unique text, and seq, a row number, both recorded as identifiers
# at import): the Data screen gives each its reason in place of figures,
# and the Characteristics screen lists them as left out, never ranked.
iddb="$work/ids.db"
if "$RISKDESK" import --db "$iddb" --table apps --target bad --bad 1 \
    "$top_srcdir/tests/data/realworld/bin-applications.csv" >/dev/null 2>&1; then
	T new-session -d -s ids -x 120 -y 24 "LC_ALL=C $(shquote "$RISKDESK") --db $(shquote "$iddb")"
	wait_for ids "Profile of apps" && {
		wait_line ids "\$1 == \"app_no\" && index(\$0, \"identifier: 600 distinct values in 600 rows\")"
		wait_line ids "\$1 == \"seq\" && index(\$0, \"identifier: row number 1..600\")"
	}
	T send-keys -t ids Enter
	wait_for ids "studying apps" && T send-keys -t ids 2
	wait_for ids "Characteristics of apps by IV" && {
		expect "app_no (identifier: 600 distinct values in 600 rows)"
		expect "seq (identifier: row number 1..600)"
		printf '%s\n' "$screen" | awk 'NR > 2 && $1 ~ /^[0-9]+$/ &&
		    ($3 == "app_no" || $3 == "seq") { bad = 1 }
		    END { exit bad }' ||
			fail "Characteristics: an identifier is ranked"
	}
	T kill-session -t ids >/dev/null 2>&1
else
	fail "could not import bin-applications.csv"
fi

# A terminal type that cannot address the cursor is refused with exit 2,
# not drawn blank.
dumb_rc="$work/dumb.rc"
T new-session -d -s dumb -x 80 -y 24 "TERM=dumb $(shquote "$RISKDESK") --db $(shquote "$db") --policy $(shquote "$policy") 2>$(shquote "$work/dumb.err"); echo \$? >$(shquote "$dumb_rc"); sleep 5"
i=0
while [ ! -s "$dumb_rc" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$dumb_rc" 2>/dev/null)" != 2 ] ||
    ! grep -q 'terminal type "dumb" cannot move the cursor' "$work/dumb.err"; then
	fail "TERM=dumb: wanted exit 2 and a message, got exit $(cat "$dumb_rc" 2>/dev/null): $(cat "$work/dumb.err" 2>/dev/null)"
fi
T kill-session -t dumb >/dev/null 2>&1

# A policy that fails to load opens the workbench on the Policy screen
# with its error; quit without loading one, the command fails (exit 1
# and the error), leaves no database behind that this run created, and
# one that existed stays.
newdb="$work/new.db"
new_rc="$work/new.rc"
T new-session -d -s newdb -x 80 -y 24 "$(shquote "$RISKDESK") --db $(shquote "$newdb") --policy $(shquote "$bad") 2>$(shquote "$work/new.err"); echo \$? >$(shquote "$new_rc"); sleep 5"
wait_for newdb "unknown key \"cutof\"" && T send-keys -t newdb q
i=0
while [ ! -s "$new_rc" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$new_rc" 2>/dev/null)" != 1 ] ||
    ! grep -q 'unknown key "cutof"' "$work/new.err"; then
	fail "a new --db with a bad policy: wanted exit 1 and the error, got exit $(cat "$new_rc" 2>/dev/null): $(cat "$work/new.err" 2>/dev/null)"
fi
[ -e "$newdb" ] && fail "a failed policy load left the new database $newdb"
T kill-session -t newdb >/dev/null 2>&1
rm -f "$new_rc"
T new-session -d -s olddb -x 80 -y 24 "$(shquote "$RISKDESK") --db $(shquote "$bigdb") --policy $(shquote "$bad") 2>/dev/null; echo \$? >$(shquote "$new_rc"); sleep 5"
wait_for olddb "unknown key \"cutof\"" && T send-keys -t olddb q
i=0
while [ ! -s "$new_rc" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$bigdb" ] || fail "a failed policy load removed the existing $bigdb"
T kill-session -t olddb >/dev/null 2>&1

[ "$status" -eq 0 ] && echo "tui: ok"
exit "$status"
