#!/bin/sh
# tui-truth.sh - every figure the workbench shows is the report's after
# every change upstream of it: regroup -> refit -> save -> Trade-offs ->
# swap set, with the file's cutoffs and with moved ones, the bundled
# champion (policies/example.yaml) and challenger (challenger.yaml)
# both scoring with the scorecard "german" that the Model screen saves
# again.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  After each step the Trade-offs
# screen (approval rate, bad rate, expected loss for champion and
# challenger, each segment's cutoff, applicants, approval rate, bad rate
# and expected loss, the swap set's counts, bad rates and expected losses)
# is compared digit for digit with `riskdesk --report --format json` on
# the same database and files, with the same --cutoff overrides (a moved
# challenger cutoff: a copy of its file with that cutoff); at 120x40 with
# the four figures more that a tall terminal shows.  The status line must
# name the scorecard each policy is scored with and the first 7 digits of
# the SHA-256 of its stored text, which `riskdesk runs` gives for a
# decision run on a copy of the database.  Then the writes of another
# process: a `riskdesk fit` from the shell while the workbench is open,
# and a scorecard that cannot score the population (the policies stay
# marked out of date, the swap set is refused, until a usable one is
# stored).  Nothing on the screen is a path, so any checkout path works.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-truth-test.$$"
mkdir -p "$work" || exit 99
db="$work/truth.db"
chal_copy="$work/challenger.yaml"

if ! "$RISKDESK" import --db "$db" --table german_credit --target \
    creditability --bad bad "$csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >>"$work/setup.out" 2>&1; then
	echo "tui-truth: setup failed:"; cat "$work/setup.out"; exit 99
fi

# report NAME [OPTION]...: the report of the champion and the challenger
# (challenger.yaml unless --challenger is given) into $work/NAME.flat.
report() {
	name=$1
	shift
	case " $* " in
	*" --challenger "*) set -- "$@" ;;
	*) set -- --challenger "$challenger" "$@" ;;
	esac
	if "$RISKDESK" --report --db "$db" --policy "$policy" --format json \
	    "$@" >"$work/$name.json" 2>"$work/report.err"; then
		json_flat "$work/$name.json" >"$work/$name.flat"
	else
		fail "report $*: $(cat "$work/report.err")"
		: >"$work/$name.flat"
	fi
}

# stored_hash: the first 7 hex digits of the SHA-256 of scorecard
# german's stored text, as a decision run records it (on a copy of the
# database, so the workbench's stays as it is).
stored_hash() {
	cp "$db" "$work/hash.db"
	"$RISKDESK" decide --db "$work/hash.db" --policy "$policy" \
	    --output "$work/hash.csv" >/dev/null 2>&1
	"$RISKDESK" runs --db "$work/hash.db" --json | json_flat /dev/stdin |
	    awk -F '	' '$1 == "runs.0.scorecard_sha256" {
	    print substr($2, 1, 7) }'
	rm -f "$work/hash.db" "$work/hash.csv"
}

# The comparisons run in one awk each (a fork per figure is slow on a
# busy machine).  fmt_awk formats the report's numbers as the workbench
# prints them (util/fmt.c, as tests/tui.sh's as_pct and as_money): a
# share as a percentage with two decimals, money and counts whole with
# thousands separators, a cutoff as %g, JSON null as "-".
fmt_awk='
function pct(x) {
	return (x == "null" || x == "") ? "-" : sprintf("%.2f%%", 100 * x)
}
function money(x,   s, o, i) {
	if (x == "null" || x == "")
		return "-"
	s = sprintf("%.0f", x < 0 ? -x : x); o = ""
	for (i = 1; i <= length(s); i++) {
		if (i > 1 && (length(s) - i + 1) % 3 == 0) o = o ","
		o = o substr(s, i, 1)
	}
	return (x < 0 && s != "0") ? "-" o : o
}
function fmt(kind, x) {
	return kind == "pct" ? pct(x) : kind == "cut" ? sprintf("%g", x) : \
	    money(x)
}
# the words after label on the line of $0 that starts with it, or ""
function after(label) {
	if (index($0, " " label " ") != 1)
		return ""
	return substr($0, length(label) + 2)
}
# mismatch: print what and the two values when they differ
function check(what, got, want) {
	if (got != want)
		printf "%s: TUI \"%s\", report \"%s\"\n", what, got, want
}
'

# compare WHAT FLAT PROGRAM [VAR=VALUE]...: run the awk PROGRAM (with
# fmt_awk) over the report in FLAT, where v[path] is each value, then
# over $screen; every line it prints is a mismatch, failed as WHAT.
compare() {
	t_what=$1 t_flat=$2 t_prog=$3
	shift 3
	printf '%s\n' "$screen" | awk "$@" "$fmt_awk
	    FILENAME != \"-\" {
		t = index(\$0, \"\\t\")
		v[substr(\$0, 1, t - 1)] = substr(\$0, t + 1)
		next
	    }
	    $t_prog" "$t_flat" - >"$work/mismatch" ||
		fail "$t_what: awk failed"
	while IFS= read -r t_line; do
		fail "$t_what: $t_line"
	done <"$work/mismatch"
}

# check_trade WHAT FLAT NFIG SIDE: the Trade-offs screen on $screen
# against the report in FLAT: the first NFIG figure rows of both policies
# (those of a short terminal first), and the segments of SIDE ("" the
# champion's, "challenger." the challenger's) as the table shows them:
# cutoff ('*' when moved), applicants, approval rate, bad rate, expected
# loss.  Every figure and segment must be on the screen.
check_trade() {
	compare "$1" "$2" '
	!setup {
		setup = 1
		n = split("Approval rate:approval_rate:pct|" \
		    "Bad rate (approved):bad_rate:pct|" \
		    "Expected loss:expected_loss:money|" \
		    "Refer rate:refer_rate:pct|" \
		    "Expected bad rate:expected_bad_rate:pct|" \
		    "Exposure:exposure:money|Knocked out:knocked_out:money",
		    rows, "|")
		for (i = 1; i <= nfig && i <= n; i++) {
			split(rows[i], r, ":")
			label[i] = r[1]
			want[i] = fmt(r[3], v["policy." r[2]]) " " \
			    fmt(r[3], v["challenger.policy." r[2]])
		}
		for (k = 0; k < 4; k++) {
			p = side "segments." k "."
			seg[v[p "name"]] = fmt("cut", v[p "cutoff"]) " " \
			    money(v[p "applicants"]) " " \
			    pct(v[p "approval_rate"]) " " \
			    pct(v[p "bad_rate"]) " " money(v[p "expected_loss"])
		}
	}
	{
		for (i = 1; i <= nfig && i <= n; i++)
			if ((rest = after(label[i])) != "") {
				split(rest, f, " ")
				check(label[i], f[1] " " f[2], want[i])
				seen[i] = 1
			}
		# A wide terminal adds refer, expected bad rate and profit
		# after the expected loss (their header: "Exp. bad").
		if (index($0, " Exp. bad ") > 0)
			more = 3
		if (($1 in seg) && $2 ~ /^-?[0-9.]+\*?$/ && !($1 in got)) {
			c = $2
			sub(/\*$/, "", c)
			got[$1] = c " " $(NF - 3 - more) " " $(NF - 2 - more) \
			    " " $(NF - 1 - more) " " $(NF - more)
		}
	}
	END {
		for (i = 1; i <= nfig && i <= n; i++)
			if (!seen[i])
				print label[i] ": not on the screen"
		for (s in seg)
			check("segment " s " (cutoff, applicants, approval, " \
			    "bad rate, EL)", got[s], seg[s])
	}' -v nfig="$3" -v side="$4"
}

# check_swap WHAT FLAT: the swap set on $screen against the report's
# (count, bad rate, expected loss under the champion and under the
# challenger), and the applicants both policies approve have one
# expected loss under either (the two files share their knock-outs,
# segments, LGDs and EAD, and score with one scorecard).
check_swap() {
	compare "$1" "$2" '
	!setup {
		setup = 1
		n = split("Approved by both:approved_by_both|" \
		    "Swap-in (challenger only):swap_in|" \
		    "Swap-out (champion only):swap_out|" \
		    "Approved by neither:declined_by_both", rows, "|")
		for (i = 1; i <= n; i++) {
			split(rows[i], r, ":")
			label[i] = r[1]
			p = "swap_set." r[2] "."
			want[i] = money(v[p "count"]) " " pct(v[p "bad_rate"]) \
			    " " money(v[p "expected_loss_champion"]) " " \
			    money(v[p "expected_loss_challenger"])
		}
	}
	{
		for (i = 1; i <= n; i++)
			if ((rest = after(label[i])) != "") {
				split(rest, f, " ")
				check("swap set " label[i], f[1] " " f[2] " " \
				    f[3] " " f[4], want[i])
				seen[i] = 1
				if (i == 1 && f[3] != f[4])
					print "the applicants both approve " \
					    "have two expected losses"
			}
	}
	END {
		for (i = 1; i <= n; i++)
			if (!seen[i])
				print "swap set " label[i] ": not on the screen"
	}'
}

# check_step WHAT FLAT NFIG SIDE: the Trade-offs screen and its swap set,
# after a step, against the report in FLAT (check_trade, check_swap).
check_step() {
	T send-keys -t rd 7
	wait_for rd "Swap set: champion against challenger" || return 1
	check_trade "$1" "$2" "$3" "$4"
	check_swap "$1" "$2"
}

# bins: how many bins the Characteristics screen lists on $screen (the
# lines under the heading "Bin ... Count", up to a blank one).
bins() {
	printf '%s\n' "$screen" | awk '/^ *#? +Bin +Count/ { on = 1; next }
	    on && NF == 0 { exit } on { n++ } END { print n + 0 }'
}

# regroup_refit_save WHAT: merge the selected bin of the characteristic
# shown on the Characteristics screen with the next, fit "german" on the
# Model screen, save it; the policies are scored again with it.  Sets h
# to its stored hash.
regroup_refit_save() {
	T send-keys -t rd 2
	wait_for rd "Bad rate" || return 1
	nb=$(bins)
	T send-keys -t rd m
	i=0
	while [ "$i" -lt 100 ] && [ "$(bins)" -ne $((nb - 1)) ]; do
		sleep 0.1
		capture rd
		i=$((i + 1))
	done
	[ "$(bins)" -eq $((nb - 1)) ] ||
		{ fail "$1: the merge left $(bins) of $nb bins"; return 1; }
	T send-keys -t rd 3
	wait_for rd "Model on german_credit" || return 1
	T send-keys -t rd f
	wait_for rd "fit scorecard named:" || return 1
	T send-keys -t rd C-u
	T send-keys -t rd -l german
	T send-keys -t rd Enter
	wait_for rd "Scorecard german (not saved: w saves)" || return 1
	T send-keys -t rd w
	# Saving over the stored german asks first.
	wait_for rd "Replace the stored scorecard german?" || return 1
	T send-keys -t rd y
	wait_for rd "now scored with german" || return 1
	h=$(stored_hash)
	expect "example and challenger now scored with german $h, cutoffs kept"
	echo "tui-truth: $1: german saved again as $h"
}

start_workbench tui-truth --db "$db" --policy "$policy" --challenger \
    "$challenger"
wait_for rd "Profile of german_credit" || exit 1

# ------------------------------------------- 1. as loaded, 80x24
h0=$(stored_hash)
report base
T send-keys -t rd 7
wait_for rd "vs challenger challenger" || exit 1
T send-keys -t rd v v v v
expect "example: german $h0  vs challenger: german $h0"
check_step "as loaded" "$work/base.flat" 3 ""

# ------------------- 2. regroup, refit, save: the file's cutoffs
T send-keys -t rd 2
wait_for rd "Characteristics of german_credit by IV" || exit 1
T send-keys -t rd Enter
regroup_refit_save "file cutoffs" || exit 1
h1=$h
[ "$h1" != "$h0" ] || fail "the saved scorecard has the old one's hash"
report saved1
check_step "saved, file cutoffs" "$work/saved1.flat" 3 ""
expect "example: german $h1  vs challenger: german $h1"
[ "$(jget "$work/saved1.flat" policy.expected_loss)" != \
    "$(jget "$work/base.flat" policy.expected_loss)" ] ||
	fail "the regrouping changed no expected loss: the test proves nothing"

# ------------------------------------- 3. moved cutoffs, both sides
seg=$(jget "$work/saved1.flat" segments.0.name)
c0=$(awk -v x="$(jget "$work/saved1.flat" segments.0.cutoff)" \
    'BEGIN { printf "%g\n", x }')
capture rd
a0=$(fig "Approval rate")
k=0
a1=$a0
while [ "$k" -lt 60 ] && [ "$a1" = "$a0" ]; do
	T send-keys -t rd Right
	k=$((k + 1))
	cut=$((c0 + k))
	wait_line rd "\$1 == \"$seg\" && \$2 == \"$cut*\"" || break
	a1=$(fig "Approval rate")
done
[ "$a1" != "$a0" ] || fail "approval stayed $a0 after $k x Right"
report moved --cutoff "$seg=$cut"
check_step "$seg at $cut" "$work/moved.flat" 3 ""

# The challenger's first segment two points up: compared with a copy of
# its file that says so, its refer band moved along (it keeps its width,
# as a moved cutoff's does).
ccut=$(awk -v x="$(jget "$work/saved1.flat" challenger.segments.0.cutoff)" \
    'BEGIN { printf "%g\n", x + 2 }')
T send-keys -t rd x
wait_for rd "Challenger challenger  vs champion example" || exit 1
T send-keys -t rd Right Right
wait_line rd "\$1 == \"$seg\" && \$2 == \"$ccut*\"" || exit 1
awk '/^    (cutoff|refer):/ && !seen[$1]++ { print "    " $1 " " $2 + 2; next }
    { print }' "$challenger" >"$chal_copy"
[ "$(grep -c "^    cutoff: $ccut\$" "$chal_copy")" = 1 ] ||
	fail "the copy of the challenger does not say cutoff $ccut"
report moved2 --cutoff "$seg=$cut" --challenger "$chal_copy"
check_step "challenger $seg at $ccut" "$work/moved2.flat" 3 "challenger."
T send-keys -t rd x
wait_for rd "Policy example  vs challenger challenger"

# -------------- 4. regroup, refit, save while both cutoffs are moved
regroup_refit_save "moved cutoffs" || exit 1
h2=$h
[ "$h2" != "$h1" ] || fail "the second save has the first one's hash"
report saved2 --cutoff "$seg=$cut" --challenger "$chal_copy"
check_step "saved, $seg moved" "$work/saved2.flat" 3 ""
wait_line rd "\$1 == \"$seg\" && \$2 == \"$cut*\"" ||
	fail "the moved cutoff did not survive the new scorecard"
expect "example*: german $h2  vs challenger*: german $h2"
T send-keys -t rd x
wait_for rd "Challenger challenger  vs champion example" &&
	check_trade "saved, challenger side" "$work/saved2.flat" 3 \
	    "challenger."
T send-keys -t rd x

# The Validation and Scorecard screens show the scorecard just saved.
auc=$(awk -v x="$("$RISKDESK" validate --db "$db" --name german --json |
    json_flat /dev/stdin | jget /dev/stdin development.auc)" \
    'BEGIN { printf "%.4f\n", x }')
T send-keys -t rd 5
wait_for rd "AUC $auc" && expect "Validation of german on german_credit"
T send-keys -t rd 4
wait_for rd "Scorecard german" && {
	case $screen in
	*"just fitted"* | *"out of date"*)
		fail "the Scorecard screen does not show the saved german" ;;
	esac
}

# -------------------------------------------------- 5. at 120x40
T resize-window -t rd -x 120 -y 40
T send-keys -t rd 7
wait_for rd "challenger challenger* (card german $h2)" &&
	check_step "120x40" "$work/saved2.flat" 7 ""
expect "policy example* (card german $h2)"

# ------------- 6. a scorecard stored by another process meanwhile
"$RISKDESK" fit --db "$db" --table german_credit --name german --pdo 40 \
    >"$work/fit2.out" 2>&1 || fail "fit --pdo 40: $(cat "$work/fit2.out")"
h3=$(stored_hash)
T send-keys -t rd 7
wait_for rd "now scored with german $h3, cutoffs kept" &&
	report other --cutoff "$seg=$cut" --challenger "$chal_copy" &&
	check_step "fitted from the shell" "$work/other.flat" 7 ""

# ------------------------------- 7. a scorecard that cannot score
# german developed on a table whose column home german_credit lacks:
# the policies keep their figures, said out of date, no swap set.
printf 'home,amt,y\nown,1,good\nown,2,good\nown,3,bad\nrent,4,bad\nrent,5,bad\nrent,6,good\nfree,7,good\nfree,8,bad\n' \
    >"$work/apps.csv"
"$RISKDESK" import --db "$db" --table apps --target y --bad bad \
    --role amt=ordinary "$work/apps.csv" >"$work/apps.out" 2>&1 &&
	"$RISKDESK" fit --db "$db" --table apps --name german --min-iv 0 \
	    >>"$work/apps.out" 2>&1 ||
	fail "the unusable scorecard: $(cat "$work/apps.out")"
T send-keys -t rd 7
wait_for rd "example and challenger out of date, not scored again:" && {
	T send-keys -t rd 7
	wait_for rd "Out of date, Ctrl-L scores again: policy example is scored with scorecard german $h3, stored again since" &&
		expect "no swap set: policy example is scored with scorecard german $h3"
	expect "example*: german $h3!  vs challenger*: german $h3!"
	# Still the figures of german $h3.
	check_trade "out of date" "$work/other.flat" 7 ""
}
# Ctrl-L tries again, and fails again.
T send-keys -t rd C-l
wait_for rd "example and challenger out of date, not scored again:"
# A usable german stored again: scored at the next key, marks gone.
"$RISKDESK" fit --db "$db" --table german_credit --name german \
    >"$work/fit3.out" 2>&1 || fail "fit again: $(cat "$work/fit3.out")"
T send-keys -t rd 7
wait_for rd "now scored with german $(stored_hash), cutoffs kept" && {
	report last --cutoff "$seg=$cut" --challenger "$chal_copy"
	check_step "a usable scorecard again" "$work/last.flat" 7 ""
	case $screen in
	*"Out of date"*) fail "still marked out of date" ;;
	esac
}

# ---------------------------------------------------------------- quit
T send-keys -t rd q
wait_for rd "Quit anyway?" && expect "cutoffs of example"
T send-keys -t rd y
exited_ok "$rc_file"

[ "$status" -eq 0 ] && echo "tui-truth: ok"
exit "$status"
