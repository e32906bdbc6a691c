#!/bin/sh
# tui-group.sh - interactive grouping on the Characteristics screen, at
# 80x24 and at 120x40, driven in tmux (the helpers of tests/tui.sh; exit
# 77 without tmux), on the German credit data (data/german_credit.csv):
#
#   bins numbered; the WoE trend and whether it is monotonic; the bars on
#   the axis common to every characteristic (the largest |WoE| of the
#   table's usable characteristics rounded up to 0.5, from `riskdesk bin
#   --json`); the pane of the selected bin (its readable bounds, rows and
#   share); the fine classes (the quantile cuts of duration_in_month,
#   computed here from the CSV) beside the bins at 120 columns, instead
#   of them at 80; a split at a typed value whose default is the median
#   of the bin's values (computed here from the CSV), and a split that
#   would leave a part empty refused with the command line's reason; a
#   range of bins selected and merged; undo, redo, reset (asked first,
#   and undone); special values (a zero-cell adjusted bin marked *);
#   trend and least share solved again and equal to `riskdesk bin
#   --trend --min-share`; a level moved from a list filtered as typed;
#   the full level list of a group; the other type kept out of the
#   database; the footer naming what each key does; saving over a stored
#   scorecard asking first with what changes.
#
# After the edits the binnings are saved (w) and the bins on the screen
# must equal `riskdesk bin --json` on the same database, bin for bin:
# label, count, WoE, IV and the adjustment mark.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

work="$top_builddir/tests/tui-group-work.$$"
mkdir -p "$work" || exit 99
base="$work/base.db"
table=german_credit

# german_text: the same data with duration_in_month imported as text,
# the reference for the workbench's classing of it as categories.
if ! "$RISKDESK" import --db "$base" --table "$table" \
    --target creditability --bad bad "$csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" import --db "$base" --table german_text \
    --target creditability --bad bad --type duration_in_month=text "$csv" \
    >>"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$base" --table "$table" --name german \
    >>"$work/setup.out" 2>&1; then
	echo "tui-group: setup failed:"; cat "$work/setup.out"; exit 99
fi

# ------------------------------------------------- references from data

# The values of a column of the CSV, one a line (the first columns hold
# no quoted comma).
column() {
	tr -d '\r' <"$csv" | awk -F, -v c="$1" 'NR == 1 {
		for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		{ print $k }'
}
# R's median of the values v with lo <= v < hi.
median_in() {
	column duration_in_month | awk -v lo="$1" -v hi="$2" \
	    '$1 >= lo && $1 < hi' | sort -n | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2]
		  else printf "%g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# The fine classes of duration_in_month (bin.h bin_fine): of the m sorted
# values, the cut k is the value at position floor(k m / 20), k = 1..19,
# dropped when not above the smallest value or the previous cut.
fine_labels() {
	column duration_in_month | sort -n | awk '{ v[NR - 1] = $1 }
	END {
		m = NR; prev = v[0]; n = 0
		for (k = 1; k < 20; k++) {
			c = v[int(k * m / 20)]
			if (c > prev) { cut[n++] = c; prev = c }
		}
		lo = "-inf"
		for (i = 0; i < n; i++) { printf "[%s, %s)\n", lo, cut[i]; lo = cut[i] }
		printf "[%s, inf)\n", lo
	}'
}

# The bins of one characteristic from `riskdesk bin --json` as the
# screen writes them: number|label|count|WoE|IV|mark.  $1: the flattened
# JSON (json_flat).
json_bins() {
	awk -F '	' '
	function money(x,   s, o, i) {
		s = sprintf("%.0f", x); o = ""
		for (i = 1; i <= length(s); i++) {
			if (i > 1 && (length(s) - i + 1) % 3 == 0) o = o ","
			o = o substr(s, i, 1)
		}
		return o
	}
	function stat(x) {
		x = sprintf("%.4f", x)
		return x == "-0.0000" ? "0.0000" : x
	}
	$1 ~ /^characteristics\.0\.bins\.[0-9]+\./ {
		split($1, p, "."); k = p[4] + 1; f = p[5]
		if (k > n) n = k
		v[k, f] = $2
	}
	END {
		for (k = 1; k <= n; k++)
			printf "%d|%s|%s|%s|%s|%s\n", k, v[k, "label"],
			    money(v[k, "count"]), stat(v[k, "woe"]),
			    stat(v[k, "iv"]), v[k, "adjusted"] == "true" ? "*" : ""
	}' "$1"
}

# The bins table on the screen in the same form, its columns found by
# their headings (Count and IV right-aligned under their names).
screen_bins() {
	printf '%s\n' "$screen" | awk '
	function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
	/ # Bin / && /Count/ && !h { h = 1; c = index($0, "Count");
		w = index($0, "WoE"); iv = index($0, "IV"); lw = c - 9; next }
	h == 1 && $1 ~ /^[0-9]+$/ && substr($0, 1, 5) ~ /^ *[0-9]+ $/ {
		mark = substr($0, iv + 3, 1) == "*" ? "*" : ""
		printf "%d|%s|%s|%s|%s|%s\n", $1, trim(substr($0, 6, lw)),
		    trim(substr($0, lw + 7, 7)), trim(substr($0, w - 5, 8)),
		    trim(substr($0, iv - 5, 7)), mark
		next
	}
	h == 1 { h = 2 }'
}

# same_bins WHAT FLAT: the screen's bins are the JSON's; a label cut on
# the screen (ending in ~) must begin the JSON's.
same_bins() {
	json_bins "$2" >"$work/want.bins"
	screen_bins >"$work/have.bins"
	if ! awk -F '|' 'NR == FNR { want[$1] = $0; n++; next }
	    { have[$1] = $0; m++ }
	    END {
		if (n != m) { print "  " m " bins on the screen, " n " in the JSON"; bad = 1 }
		for (k = 1; k <= n; k++) {
			split(want[k], a, "|"); split(have[k], b, "|")
			lab = b[2]
			if (lab != a[2] && !(lab ~ /~$/ &&
			    index(a[2], substr(lab, 1, length(lab) - 1)) == 1))
				{ print "  bin " k " label " lab " != " a[2]; bad = 1 }
			for (i = 3; i <= 6; i++) if (a[i] != b[i])
				{ print "  bin " k " field " i ": " b[i] " != " a[i]; bad = 1 }
		}
		exit bad
	    }' "$work/want.bins" "$work/have.bins" >"$work/diff.bins"; then
		fail "$1: the bins on the screen are not riskdesk bin --json's:
$(cat "$work/diff.bins")
  screen:
$(sed 's/^/    /' "$work/have.bins")
  json:
$(sed 's/^/    /' "$work/want.bins")"
	fi
}

# same_trend WHAT FLAT: the WoE trend under the title, and whether it is
# monotonic, are those of riskdesk bin --json.
same_trend() {
	trend=$(jget "$2" characteristics.0.trend)
	case $trend in
	ascending | descending) want="WoE $trend (monotonic)" ;;
	*) want="WoE $trend (not monotonic" ;;
	esac
	printf '%s\n' "$screen" | sed -n 3p | grep -qF "$want" ||
		fail "$1: expected \"$want\" under the title"
}

# bin_json DB NAME [OPTIONS]: riskdesk bin --json of one characteristic,
# flattened into $work/NAME.flat.
bin_json() {
	d=$1 n=$2
	shift 2
	"$RISKDESK" bin --db "$d" --table "${bin_table:-$table}" --char "$n" \
	    --json "$@" \
	    >"$work/$n.json" 2>"$work/bin.err" ||
		fail "riskdesk bin --char $n failed: $(cat "$work/bin.err")"
	json_flat "$work/$n.json" >"$work/$n.flat"
}

# The common axis of the table's characteristics as `riskdesk bin --json`
# of database $1 gives them (the saved binnings, else the optimal ones, as
# the workbench classes them): the largest |WoE| of a bin holding rows
# among the usable ones, rounded up to a multiple of 0.5.
axis_of() {
	"$RISKDESK" bin --db "$1" --table "$table" --json >"$work/all.json" ||
		exit 99
	json_flat "$work/all.json" >"$work/all.flat"
	awk -F '	' '
	$1 ~ /^characteristics\.[0-9]+\.status$/ { split($1, p, "."); st[p[2]] = $2 }
	$1 ~ /^characteristics\.[0-9]+\.bins\.[0-9]+\.(woe|count)$/ {
		split($1, p, "."); v[p[2], p[4], p[5]] = $2; nb[p[2], p[4]] = 1
	}
	END {
		for (key in nb) {
			split(key, q, SUBSEP)
			if (st[q[1]] != "usable" || v[q[1], q[2], "count"] == 0)
				continue
			x = v[q[1], q[2], "woe"]; if (x < 0) x = -x
			if (x > m) m = x
		}
		a = int(m / 0.5); if (a * 0.5 < m) a++
		printf "%g\n", a * 0.5
	}' "$work/all.flat"
}
med=$(median_in 18 36)
fine_labels >"$work/fine.want"

# ------------------------------------------------------------- helpers

K() { T send-keys -t rd "$@"; }
L() { T send-keys -t rd -l "$1"; }
# The status line (the last one).
status_line() { printf '%s\n' "$screen" | tail -n 1; }

# open_char NAME: from the ranking, the bins of characteristic NAME.
open_char() {
	K Escape
	wait_for rd "by IV" || return 1
	# An Esc and the next key's escape sequence must not run together.
	sleep 0.2
	K Home
	sleep 0.2
	capture rd
	r=$(printf '%s\n' "$screen" | awk -v n="$1" 'NR > 3 {
		for (i = 2; i <= NF; i++) if ($i == n) { print $1; exit } }')
	if [ -z "$r" ]; then
		fail "$1 not in the ranking"
		return 1
	fi
	i=1
	while [ "$i" -lt "$r" ]; do K Down; i=$((i + 1)); done
	K Enter
	wait_line rd "NR == 2 && \$1 == \"$1\""
}
# The number of bins the title gives.
nbins() {
	printf '%s\n' "$screen" | sed -n 2p |
	    sed 's/.*, \([0-9][0-9]*\) bins.*/\1/'
}
# has_axis WHAT A: the bars' heading gives the axis -A ... +A.
has_axis() {
	printf '%s\n' "$screen" | grep ' # Bin ' | grep -q -- "-$2 .*+$2" ||
		fail "$1: the bars' heading lacks the common axis -$2 .. +$2:
$(printf '%s\n' "$screen" | grep ' # Bin ')"
}

# ----------------------------------------------------------- one size

# run COLS LINES: every feature in a fresh copy of the database.
run() {
	cols=$1 lines=$2 tag="${1}x$2"
	db="$work/run-$tag.db"
	cp "$base" "$db" || exit 99
	rc_file="$work/tui-$tag.status"
	T kill-session -t rd >/dev/null 2>&1
	T new-session -d -s rd -x "$cols" -y "$lines" "LC_ALL=C $(shquote "$RISKDESK") --db $(shquote "$db") --policy $(shquote "$policy"); echo \$? >$(shquote "$rc_file")" \; \
	    set-option -g remain-on-exit on || { echo "tui-group: tmux failed"; exit 99; }
	[ -z "$sock_path" ] && sock_path=$(T display-message -p '#{socket_path}' 2>/dev/null)
	wait_for rd "policy example" || return 1
	K 2
	wait_for rd "Characteristics of $table by IV" || return 1

	# --- duration_in_month: numbers, trend, axis, pane, footer
	open_char duration_in_month || return 1
	n0=$(nbins)
	bin_json "$base" duration_in_month
	same_bins "$tag duration_in_month as classed" "$work/duration_in_month.flat"
	same_trend "$tag as classed" "$work/duration_in_month.flat"
	has_axis "$tag duration_in_month" "$(axis_of "$base")"
	for k in "m merge" "s split" "u undo" "r redo" "R reset" "t trend" \
	    "% least share" "S specials" "T as categories" "f show fine" \
	    "w save"; do
		expect "$k"
	done
	c1=$(jget "$work/duration_in_month.flat" characteristics.0.bins.0.count)
	share=$(awk -v c="$c1" 'BEGIN { printf "%.2f%%\n", 100 * c / 1000 }')
	expect "Bin 1 (-inf, 9): $c1 rows, $share of the 1,000 with a known outcome"

	# --- fine classes: beside at 120 columns, instead at 80
	K f
	wait_for rd "Fine class" && {
		if [ "$cols" -ge 116 ]; then
			printf '%s\n' "$screen" | grep ' # Bin ' | grep -q "Fine class" ||
				fail "$tag: the fine classes are not beside the bins"
		else
			case $screen in
			*" # Bin "*) fail "$tag: bins and fine classes at 80 columns" ;;
			esac
		fi
		# At 120 columns each line holds a bin first: keep the last
		# interval of each line.
		printf '%s\n' "$screen" | awk '/Fine class/ { f = 1; next }
		    f && NF == 0 { exit }
		    f { n = split($0, a, "["); if (n > 1) print "[" a[n] }' |
		    sed 's/).*/)/' >"$work/fine.have"
		cmp -s "$work/fine.want" "$work/fine.have" ||
			fail "$tag: fine classes differ from the quantile cuts:
$(paste "$work/fine.want" "$work/fine.have")"
	}
	K f
	wait_line rd '/ # Bin /'

	# --- a split refused as the command line refuses it
	cp "$base" "$work/cli.db"
	"$RISKDESK" bin --db "$work/cli.db" --table "$table" \
	    --char duration_in_month --split 1:2 >/dev/null 2>"$work/split.err"
	want=$(sed 's/^riskdesk: //' "$work/split.err")
	K Home s
	wait_for rd "split bin 1 [-inf, 9) at" || return 1
	K C-u
	L 2
	K Enter
	wait_line rd "NR == $lines && index(\$0, \"cannot split bin 1\")" && {
		# The command line's reason, as far as the line shows it.
		got=$(status_line | sed 's/^ //; s/ *\[~\]$//; s/~$//')
		case $want in
		"$got"*) ;;
		*) fail "$tag: the refused split reads
  $got
  the command line:
  $want" ;;
		esac
	}

	# --- split at the median offered
	K Home Down Down Down
	wait_for rd "Bin 4 [18, 36): " &&
		expect "values from 18 (included) to 36 (excluded)"
	K s
	wait_line rd "index(\$0, \"split bin 4 [18, 36) at (median $med):\") && \$NF == \"$med\"" && {
		K Enter
		wait_for rd "split bin 4 at $med: IV" && {
			[ "$(nbins)" -eq $((n0 + 1)) ] ||
				fail "$tag: split: $(nbins) bins, expected $((n0 + 1))"
			expect "   5 [$med, 36)"
			expect "u undo split bin 4 at $med"
		}
	}

	# --- a range of bins selected and merged, undone, redone
	K Home J J
	wait_for rd "Bins 1-3 selected" && expect "m merge 1-3"
	K m
	wait_for rd "merge bins 1-3: IV" && {
		[ "$(nbins)" -eq $((n0 - 1)) ] ||
			fail "$tag: merge of 1-3: $(nbins) bins, expected $((n0 - 1))"
		expect "   1 [-inf, 18)"
		status_line | grep -q "merge bins 1-3: IV [0-9.]* -> [0-9.]*, $((n0 - 1)) bins, WoE [a-z]*, [a-z ]*monotonic" ||
			fail "$tag: the merge's message: $(status_line)"
	}
	K u
	wait_for rd "undid merge bins 1-3: IV" && {
		[ "$(nbins)" -eq $((n0 + 1)) ] || fail "$tag: undo: $(nbins) bins"
		expect "r redo merge bins 1-3"
	}
	K r
	wait_for rd "redid merge bins 1-3: IV" &&
		[ "$(nbins)" -eq $((n0 - 1)) ] || fail "$tag: redo: $(nbins) bins"
	# Reset asks; n keeps the bins, y resets, u takes the reset back.
	K R
	wait_for rd "reset? (y/n) duration_in_month" && K n
	wait_for rd "u undo merge bins 1-3" &&
		[ "$(nbins)" -eq $((n0 - 1)) ] || fail "$tag: reset refused yet $(nbins) bins"
	K R
	wait_for rd "reset? (y/n)" && K y
	wait_for rd "reset: IV" && {
		[ "$(nbins)" -eq "$n0" ] || fail "$tag: reset: $(nbins) bins"
		case $(printf '%s\n' "$screen" | sed -n 2p) in
		*regrouped*) fail "$tag: still regrouped after the reset" ;;
		esac
	}
	K u
	wait_for rd "undid reset: IV" &&
		[ "$(nbins)" -eq $((n0 - 1)) ] || fail "$tag: undo reset: $(nbins) bins"

	# --- a special value: 11 holds 9 rows, all good (from the CSV), so
	#     its bin takes the zero-cell adjustment, marked *
	K S
	wait_for rd "special values of duration_in_month" && {
		K C-u
		L 11
		K Enter
		wait_for rd "special values 11: IV" && {
			expect " special 11 "
			printf '%s\n' "$screen" | grep ' special 11 ' | grep -q '\*' ||
				fail "$tag: the special bin 11 is not marked *"
		}
	}
	# The other type stays in the study: never saved.
	K T
	wait_for rd "classed as categories (not saved)" && {
		# As riskdesk bin classes the column imported as text.
		bin_table=german_text bin_json "$base" duration_in_month
		same_bins "$tag duration_in_month as categories" \
		    "$work/duration_in_month.flat"
		K w
		wait_for rd "not saved: duration_in_month is classed as categories here"
		K u
		wait_for rd "undid class as categories: IV"
	}
	K w
	wait_for rd "saved the binning of duration_in_month" && {
		bin_json "$db" duration_in_month
		same_bins "$tag duration_in_month regrouped" "$work/duration_in_month.flat"
		[ "$(jget "$work/duration_in_month.flat" characteristics.0.source)" = saved ] ||
			fail "$tag: riskdesk bin does not use the saved binning"
		same_trend "$tag regrouped" "$work/duration_in_month.flat"
	}

	# --- age_in_years: trend and least share solved again at once, as
	#     riskdesk bin --trend --min-share solves them
	open_char age_in_years || return 1
	# One axis for all: duration_in_month's special bin now has the
	# largest |WoE| of the table.
	has_axis "$tag age_in_years" "$(axis_of "$db")"
	K t
	wait_for rd "trend of age_in_years" && {
		K C-u
		L peak
		K Enter
		wait_for rd "trend peak: IV"
	}
	K %
	wait_for rd "least share of the rows in each bin of age_in_years" && {
		K C-u
		L 10
		K Enter
		wait_for rd "least share 10.00%: IV" &&
			expect "trend peak, least share 10.00%"
	}
	bin_json "$base" age_in_years --trend peak --min-share 0.1
	same_bins "$tag age_in_years, peak, 10%" "$work/age_in_years.flat"
	case $(jget "$work/age_in_years.flat" characteristics.0.trend) in
	peak) expect "WoE peak (not monotonic" ;;
	ascending | descending) expect "(monotonic)" ;;
	esac
	K w
	wait_for rd "saved the binning of age_in_years" && {
		bin_json "$db" age_in_years
		same_bins "$tag age_in_years saved" "$work/age_in_years.flat"
	}

	# --- purpose: a level moved from the list filtered as typed
	open_char purpose || return 1
	K c
	wait_for rd "Move a level of purpose" && {
		L educ
		wait_for rd "filter: educ_" && {
			rows=$(printf '%s\n' "$screen" | awk '/^ Level / { f = 1; next }
			    f && NF > 0 && $1 != "db" { n++ } END { print n + 0 }')
			[ "$rows" -eq 1 ] || fail "$tag: the filter educ left $rows levels"
			expect " education "
		}
		K Enter
		wait_for rd "move education to bin" && {
			L 1
			K Enter
			wait_for rd "move education to bin 1: IV"
		}
	}
	# The group's levels: in the pane, and listed in full with Enter.
	K Home
	wait_for rd "Bin 1: " && expect " levels: "
	# A text column of words cannot be classed as numbers.
	K T
	wait_for rd "none of the 10 levels of purpose is a number"
	K w
	wait_for rd "saved the binning of purpose" && {
		bin_json "$db" purpose
		same_bins "$tag purpose saved" "$work/purpose.flat"
	}
	nlev=$(awk -F '	' '$1 ~ /^characteristics\.0\.bins\.0\.categories\./ { n++ }
	    END { print n + 0 }' "$work/purpose.flat")
	K Enter
	wait_for rd "Levels of bin 1 of purpose ($nlev)" && {
		expect " education "
		rows=$(printf '%s\n' "$screen" | awk '/^ Level / { f = 1; next }
		    f && NF > 0 && $1 != "db" { n++ } END { print n + 0 }')
		[ "$rows" -eq "$nlev" ] ||
			fail "$tag: bin 1 of purpose lists $rows levels, riskdesk bin $nlev"
	}
	K Escape
	wait_line rd '/ # Bin /'

	# --- saving over a stored scorecard asks first, with what changes
	K 3
	wait_for rd "Model on $table" || return 1
	K f
	wait_for rd "fit scorecard named:" && {
		K C-u
		L german
		K Enter
		wait_for rd "Scorecard german (not saved"
	}
	K w
	wait_for rd "Replace the stored scorecard german?" && {
		expect "development sample unchanged: german_credit (1,000 rows"
		expect "holdout unchanged: none"
		expect "characteristics"
		expect "y: yes, any other key: no"
		K n
		wait_for rd "kept the stored scorecard german"
	}
	K w
	wait_for rd "Replace the stored scorecard german?" && K y
	# The save is followed at once by the policies scored with it.
	wait_for rd "now scored with german"

	K q
	capture rd
	case $screen in
	*"Quit anyway?"*) K y ;;
	esac
	exited_ok "$rc_file"
	T kill-session -t rd >/dev/null 2>&1
}

run 80 24
run 120 40

[ "$status" -eq 0 ] && echo "tui-group: ok"
exit "$status"
