#!/bin/sh
# tui-parity.sh - the workbench shows what the command line computes, and
# nothing a user needs is cut without a way to see it, at 80x24 and at
# 120x40.
#
# Run by `make check` like tests/tui.sh, whose helpers it uses (tmux on a
# private socket; exit 77 without tmux).  The German credit data is
# imported and the scorecard german fitted on it; a copy with an
# application date (2021-01-01 .. 2021-12-01 by row) is imported as
# dated, and the figures on the screens are compared with those of the
# commands on copies of the same database:
#   - start-up: a policy that does not load, in a directory whose path is
#     longer than the terminal is wide, opens the workbench on the Policy
#     screen; the status line keeps "bad.yaml:LINE:COL: message" and cuts
#     the path from the left; '~' shows the message in full; 'o' with Tab
#     completes "policies/exa" to example.yaml, which loads;
#   - Model: riskdesk fit's --holdout/--seed/--select/--vif-max/
#     --corr-max set with 'e' and the fit against `riskdesk fit --json`
#     with the same options (rows, bads, AIC, AUC, every estimate, every
#     VIF, every correlated pair at 120 columns, every selection step);
#     --oot-after/--date-column on the dated table against `fit --json
#     --exclude app_date` (the date column is not chosen);
#   - Validation: development and holdout side by side, headlines and
#     every gains row of both against `riskdesk validate --json`; score
#     bands written [a, b);
#   - Scorecard: the "other" and "missing" rows against `riskdesk points
#     --format csv`; the selected line in full;
#   - Trade-offs: every figure (approval, bad rate, EL, refer rate,
#     expected bad rate, exposure, revenue, funding cost, profit, credit
#     limits, knocked out) of the policy and of the selected segment
#     against `--report --format json`; at 80x24 a sign that rows are
#     hidden and ']' scrolling to them, at 120x40 all of them and the
#     segments' refer rate, expected bad rate and profit;
#   - Data: an import offered --type, --special and --na as its warnings
#     suggest (all in the message log), giving the types `riskdesk
#     import` gives with them; a long column name given in full on the
#     detail line with its profile figures (`riskdesk profile --json`);
#   - the key list wraps its long lines; a message wider than the line
#     ends in [~] and '~' shows it whole.
set -u
TUI_HELPERS_ONLY=1
. "${top_srcdir:?top_srcdir must be set}/tests/tui.sh"

# A work directory of its own (the trap of tui.sh removes $work), and in
# it a directory whose name is as long as mktemp's under a long TMPDIR.
work="$top_builddir/tests/tui-parity-work.$$"
mkdir -p "$work" || exit 99
longdir=$(mktemp -d "$work/a-directory-whose-path-is-longer-than-the-terminal-is-wide.XXXXXXXXXX") ||
	exit 99
db="$work/parity.db"
csv="$top_srcdir/data/german_credit.csv"
bad="$longdir/bad.yaml"
sed 's/^    cutoff: 515/    cutof: 515/' "$policy" >"$bad"
badline=$(grep -n '^    cutof: 515' "$bad" | cut -d: -f1)

# The German data with an application date per row: month (row % 12) + 1
# of 2021, so that an out-of-time split after 2021-09-30 holds out a
# quarter of the rows.
dated="$work/dated.csv"
tr -d '\r' <"$csv" | awk -F, -v OFS=, 'NR == 1 { print $0, "app_date"; next }
    { printf "%s,2021-%02d-01\n", $0, (NR % 12) + 1 }' >"$dated"

# Applications whose import warns three times: -999 standing for
# something else (--special), a code column (--type) and NaN among
# numbers (--na).
apps="$work/applications.csv"
awk 'BEGIN {
	print "age,monthly_income,sex,bureau_score,bad"
	for (i = 1; i <= 400; i++)
		printf "%d,%d,%d,%s,%d\n", 20 + (i * 7) % 50,
		    i % 17 == 0 ? -999 : 1000 + (i * 37) % 8000, 1 + i % 2,
		    i % 23 == 0 ? "NaN" : sprintf("%.1f", 300 + (i * 13) % 500),
		    (i * 11) % 10 < 3
}' >"$apps"
apps_opts="--special monthly_income=-999 --type sex=text --na NaN"

if ! "$RISKDESK" import --db "$db" --table german_credit \
    --target creditability --bad bad "$csv" >"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" fit --db "$db" --table german_credit --name german \
    >>"$work/setup.out" 2>&1 ||
    ! "$RISKDESK" import --db "$db" --table dated --target creditability \
    --bad bad "$dated" >>"$work/setup.out" 2>&1; then
	echo "tui-parity: setup failed:"; cat "$work/setup.out"; exit 99
fi

# What the commands say, on copies of the database (fit stores a card).
fit_opts="--holdout 0.3 --seed 7 --select stepwise --vif-max 1.1 --corr-max 0.2"
oot_opts="--oot-after 2021-09-30 --date-column app_date"
cp "$db" "$work/cli.db"
# shellcheck disable=SC2086
if ! "$RISKDESK" fit --db "$work/cli.db" --table german_credit --name tp \
    $fit_opts --json >"$work/fit.json" 2>"$work/cli.err" ||
    ! "$RISKDESK" validate --db "$work/cli.db" --name tp --json \
    >"$work/val.json" 2>>"$work/cli.err" ||
    ! "$RISKDESK" points --db "$work/cli.db" --name tp --format csv \
    >"$work/points.csv" 2>>"$work/cli.err" ||
    ! "$RISKDESK" fit --db "$work/cli.db" --table dated --name oot \
    $oot_opts --exclude app_date --json >"$work/oot.json" \
    2>>"$work/cli.err" ||
    ! "$RISKDESK" validate --db "$work/cli.db" --name oot --json \
    >"$work/ootval.json" 2>>"$work/cli.err" ||
    ! "$RISKDESK" --report --db "$db" --policy "$policy" --format json \
    >"$work/report.json" 2>>"$work/cli.err" ||
    ! "$RISKDESK" import --db "$work/cli.db" --table apps --target bad \
    --bad 1 $apps_opts --json "$apps" >"$work/apps.json" \
    2>>"$work/cli.err" ||
    ! "$RISKDESK" profile --db "$work/cli.db" --table apps --json \
    >"$work/apps-profile.json" 2>>"$work/cli.err" ||
    ! "$RISKDESK" profile --db "$db" --table german_credit --json \
    >"$work/profile.json" 2>>"$work/cli.err"; then
	echo "tui-parity: a command failed:"; cat "$work/cli.err"; exit 99
fi
for f in fit val oot ootval report apps-profile profile; do
	json_flat "$work/$f.json" >"$work/$f.flat"
done

# ------------------------------------------------------------- helpers

# A JSON number as the workbench prints it: fmt_stat (%.4f), a VIF
# (%.3f), a count with thousands separators.
as_stat() { awk -v x="$1" 'BEGIN { printf "%.4f\n", x }'; }
as_vif() { awk -v x="$1" 'BEGIN { printf "%.3f\n", x }'; }
as_count() { as_money "$1"; }

# same WHAT GOT WANT: a figure on the screen against the command's.
same() {
	checked=$((checked + 1))
	[ "$2" = "$3" ] || fail "$size: $1: workbench \"$2\", command \"$3\""
}

# The screen lines after the first line matching the awk condition $1,
# $2 of them.
after() {
	printf '%s\n' "$screen" | awk -v n="$2" "
	    found && k < n { print; k++ }
	    !found && ($1) { found = 1 }"
}

# The message log's box, its text joined without blanks (a word may wrap
# anywhere in a path): the box is centred, 4 columns narrower than the
# terminal and 100 at most.
log_text() {
	bw=$(( cols - 4 < 100 ? cols - 4 : 100 ))
	from=$(( (cols - bw) / 2 + 3 ))
	printf '%s\n' "$screen" | cut -c"$from-$((from + bw - 5))" |
	    tr -d ' \n'
}

# select_table NAME: on the Data screen of session $s, select table NAME.
select_table() {
	T send-keys -t "$s" Home
	k=0
	while [ "$k" -lt 10 ]; do
		capture "$s"
		case $screen in
		*"Profile of $1 "*) return 0 ;;
		esac
		T send-keys -t "$s" Down
		sleep 0.2
		k=$((k + 1))
	done
	fail "$size: no table $1 on the Data screen"
}

# ------------------------------------------------------- one size

run_size() {
	cols=$1
	lines=$2
	size="${cols}x$lines"
	s="p$cols"
	sdb="$work/tui-$cols.db"
	rc="$work/rc-$cols"
	cp "$db" "$sdb"
	checked=0
	T new-session -d -s "$s" -x "$cols" -y "$lines" "LC_ALL=C $(shquote "$RISKDESK") --db $(shquote "$sdb") --policy $(shquote "$bad"); echo \$? >$(shquote "$rc")" || {
		fail "$size: tmux failed"; return; }
	[ -n "$sock_path" ] ||
		sock_path=$(T display-message -p '#{socket_path}' 2>/dev/null)

	# ---------------------------------- a policy that does not load
	wait_for "$s" "bad.yaml:$badline:5: unknown key \"cutof\"" || return
	sline=$(printf "%s\n" "$screen" | tail -n 1)
	case $sline in
	*"not loaded: "*"bad.yaml:$badline:5: unknown key \"cutof\""*) ;;
	*) fail "$size: the status line cuts what matters: $sline" ;;
	esac
	[ "${#bad}" -gt "$cols" ] && case $sline in
	*"$bad"*) fail "$size: a path wider than the line is not cut" ;;
	esac
	expect "The policy as loaded"
	T send-keys -t "$s" g
	wait_line "$s" "index(\$0, \"2 errors in \") && index(\$0, \"bad.yaml:\")"
	expect "line $badline, column 5: unknown key \"cutof\""
	# The whole message, path and all, in the log.
	T send-keys -t "$s" '~'
	wait_for "$s" "Messages, the newest first" && {
		want=$(printf '%s' "not loaded: $bad:$badline:5: unknown key \"cutof\"" |
		    tr -d ' ')
		case $(log_text) in
		*"$want"*) ;;
		*) fail "$size: the log lacks the message in full:"
		   printf '%s\n' "$screen" | sed 's/^/  | /' ;;
		esac
	}
	T send-keys -t "$s" Escape
	# Tab completes a path.
	T send-keys -t "$s" o
	wait_for "$s" "policy file:"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l "$top_srcdir/policies/exa"
	T send-keys -t "$s" Tab
	wait_line "$s" "index(\$0, \"policy file:\") && /example\\.yaml *\$/" &&
		T send-keys -t "$s" Enter
	wait_for "$s" "as the champion" || return

	# -------------------------------------------------------- Data
	# A long column name in full on the detail line, with its figures.
	T send-keys -t "$s" 1
	select_table german_credit
	long=installment_rate_in_percentage_of_disposable_income
	k=0
	while [ "$k" -lt 30 ]; do
		capture "$s"
		case $screen in
		*"$long: INTEGER"*) break ;;
		esac
		T send-keys -t "$s" ']'
		sleep 0.1
		k=$((k + 1))
	done
	i=$(awk -F '	' -v n="$long" '$1 ~ /^columns\.[0-9]+\.name$/ &&
	    $2 == n { split($1, p, "."); print p[2]; exit }' \
	    "$work/profile.flat")
	want="$long: INTEGER, $(as_pct "$(awk -v x="$(jget "$work/profile.flat" \
	    "columns.$i.missing_pct")" 'BEGIN { print x / 100 }')") missing, $(jget "$work/profile.flat" "columns.$i.distinct") distinct; min $(as_stat "$(jget "$work/profile.flat" "columns.$i.min")")"
	case $(printf '%s\n' "$screen" | tr -d '\n') in
	*"$want"*) ;;
	*) fail "$size: no detail line \"$want\":"
	   printf '%s\n' "$screen" | sed 's/^/  | /' ;;
	esac

	# An import with the options its warnings suggest.
	T send-keys -t "$s" i
	wait_for "$s" "import CSV file:"
	T send-keys -t "$s" -l "$work/applic"
	T send-keys -t "$s" Tab
	wait_line "$s" "index(\$0, \"import CSV file:\") && /applications\\.csv *\$/" &&
		T send-keys -t "$s" Enter
	wait_for "$s" "as table:"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l apps
	T send-keys -t "$s" Enter
	wait_for "$s" "target column"
	T send-keys -t "$s" -l bad
	T send-keys -t "$s" Enter
	wait_for "$s" "bad value of the target:"
	T send-keys -t "$s" -l 1
	T send-keys -t "$s" Enter
	wait_for "$s" "options (--type"
	T send-keys -t "$s" Enter
	# The 17 NaN cells among numbers are rejected with their rows, not
	# a reason to make the column text.
	wait_for "$s" "imported 383 rows into apps (some rows refused); 3 warnings" && {
		T send-keys -t "$s" '~'
		wait_for "$s" "Messages, the newest first" && {
			# The box's lines may come after its title: poll.
			k=0
			while :; do
				got=$(log_text)
				miss=""
				for o in "--na NaN" \
				    "--special monthly_income=-999" \
				    "--type sex=text"; do
					case $got in
					*"$(printf '%s' "$o" | tr -d ' ')"*) ;;
					*) miss="$miss|$o" ;;
					esac
				done
				[ -z "$miss" ] || [ "$k" -ge 50 ] && break
				sleep 0.2
				k=$((k + 1))
				capture "$s"
			done
			[ -z "$miss" ] ||
				fail "$size: no warning suggests ${miss#|}"
		}
		T send-keys -t "$s" Escape
	}
	# Again: the table, target, bad value and the suggested options are
	# offered.
	T send-keys -t "$s" i
	wait_for "$s" "import CSV file:"
	T send-keys -t "$s" -l "$apps"
	T send-keys -t "$s" Enter
	wait_for "$s" "as table:  apps"
	T send-keys -t "$s" Enter
	wait_for "$s" "target column (empty: none):  bad"
	T send-keys -t "$s" Enter
	wait_for "$s" "bad value of the target:  1"
	T send-keys -t "$s" Enter
	wait_for "$s" "--na NaN" && {
		T send-keys -t "$s" Home
		wait_for "$s" "options (--type"
		T send-keys -t "$s" Enter
	}
	wait_for "$s" "table apps exists: replace it? (y/n)" &&
		T send-keys -t "$s" y
	wait_for "$s" "imported 400 rows into apps" && {
		case $screen in
		*"warning"*) fail "$size: the suggested options still warn" ;;
		esac
		for c in age monthly_income sex bureau_score; do
			i=$(awk -F '	' -v n="$c" '$1 ~ /^columns\.[0-9]+\.name$/ &&
			    $2 == n { split($1, p, "."); print p[2]; exit }' \
			    "$work/apps-profile.flat")
			want=$(jget "$work/apps-profile.flat" "columns.$i.type" |
			    tr 'a-z' 'A-Z')
			wait_line "$s" "\$1 == \"$c\" && \$2 == \"$want\""
		done
	}

	# ------------------------------------------------------- Model
	T send-keys -t "$s" 3
	wait_for "$s" "Model on german_credit" || return
	T send-keys -t "$s" e
	wait_for "$s" "fit options (as riskdesk fit takes them):"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l -- "--bogus 1"
	T send-keys -t "$s" Enter
	# A message wider than the line ends in [~]; '~' shows it all.
	wait_for "$s" "[~]" && {
		T send-keys -t "$s" '~'
		wait_for "$s" "Messages, the newest first" && {
			want=$(printf '%s' "fit options: --bogus is not a fit option here: --holdout, --seed, --oot-after, --date-column, --select, --criterion, --vif-max, --corr-max, --pdo, --base-score, --base-odds (Space chooses the characteristics)" | tr -d ' ')
			case $(log_text) in
			*"$want"*) ;;
			*) fail "$size: the long message is not whole in the log" ;;
			esac
		}
		T send-keys -t "$s" Escape
	}
	T send-keys -t "$s" e
	wait_for "$s" "fit options (as riskdesk fit takes them):"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l -- "$fit_opts"
	T send-keys -t "$s" Enter
	wait_for "$s" "development: 700 rows; holdout 0.3, seed 7"
	T send-keys -t "$s" f
	wait_for "$s" "fit scorecard named:"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l tp
	T send-keys -t "$s" Enter
	wait_for "$s" "Scorecard tp (not saved" || return
	expect "Rows $(as_count "$(jget "$work/fit.flat" n_used)"), bads $(as_count "$(jget "$work/fit.flat" n_bad)")"
	expect "AIC $(as_stat "$(jget "$work/fit.flat" aic)")"
	expect "AUC $(as_stat "$(jget "$work/fit.flat" auc)")  Gini $(as_stat "$(jget "$work/fit.flat" gini)")  KS $(as_stat "$(jget "$work/fit.flat" ks)")"
	# Every estimate, in the card's order: the 3rd number from the right
	# (4th with the VIF column of a wide terminal).
	off=2
	[ "$cols" -ge 100 ] && off=3
	n=$(grep -c '^coefficients\.[0-9]*\.term' "$work/fit.flat")
	after "index(\$0, \"Estimate\") && index(\$0, \"p-value\")" "$n" \
	    >"$work/coef.txt"
	k=0
	while [ "$k" -lt "$n" ]; do
		# The intercept has no VIF.
		got=$(awk -v k="$((k + 1))" -v o="$off" 'NR == k {
		    print $(NF - (k == 1 ? 2 : o)) }' "$work/coef.txt")
		same "estimate of $(jget "$work/fit.flat" "coefficients.$k.term")" \
		    "$got" "$(as_stat "$(jget "$work/fit.flat" "coefficients.$k.estimate")")"
		k=$((k + 1))
	done
	# The VIFs, with their flags.
	T send-keys -t "$s" v
	wait_for "$s" "Characteristic, flags" && {
		n=$(grep -c '^characteristics\.[0-9]*\.vif' "$work/fit.flat")
		after "index(\$0, \"Characteristic, flags\")" "$n" >"$work/vif.txt"
		k=0
		while [ "$k" -lt "$n" ]; do
			same "VIF of $(jget "$work/fit.flat" "characteristics.$k.name")" \
			    "$(awk -v k="$((k + 1))" 'NR == k { print $NF }' "$work/vif.txt")" \
			    "$(as_vif "$(jget "$work/fit.flat" "characteristics.$k.vif")")"
			k=$((k + 1))
		done
		expect "duration_in_month  high VIF"
		# The correlated pairs, whole at 120 columns.
		if [ "$cols" -ge 100 ]; then
			T send-keys -t "$s" ']'
			wait_for "$s" "WoE columns with |r| above 0.2"
			awk -F '	' '$1 ~ /^characteristics\.[0-9]+\.name$/ {
			    split($1, p, "."); name[p[2]] = $2; n++ }
			    $1 ~ /^correlation\./ { split($1, p, ".");
			    r[p[2], p[3]] = $2 }
			    END { for (a = 0; a < n; a++) for (b = a + 1; b < n; b++)
			    if (r[a, b] > 0.2 || r[a, b] < -0.2)
			    printf "%s, %s: r = %.3f\n", name[a], name[b], r[a, b] }' \
			    "$work/fit.flat" >"$work/pairs.txt"
			[ -s "$work/pairs.txt" ] || fail "$size: no pair above 0.2"
			while IFS= read -r pair; do
				expect "$pair"
			done <"$work/pairs.txt"
		fi
	}
	# The selection steps.
	T send-keys -t "$s" v
	wait_for "$s" "stepwise selection," && {
		n=$(grep -c '^selection\.steps\.[0-9]*\.aic' "$work/fit.flat")
		after "/stepwise selection,/" "$n" >"$work/steps.txt"
		k=0
		while [ "$k" -lt "$n" ]; do
			same "AIC after step $((k + 1))" \
			    "$(awk -v k="$((k + 1))" 'NR == k { print $(NF - 1) }' "$work/steps.txt")" \
			    "$(as_stat "$(jget "$work/fit.flat" "selection.steps.$k.aic")")"
			k=$((k + 1))
		done
	}
	T send-keys -t "$s" v v

	# -------------------------------------------------- Validation
	T send-keys -t "$s" 5
	wait_for "$s" "Validation of tp on german_credit" &&
	    wait_for "$s" "Holdout:" && {
		for part in development holdout; do
			f="$work/val.flat"
			label=Development:
			[ "$part" = holdout ] && label="Holdout:    "
			expect "$label $(as_count "$(jget "$f" $part.n)") rows, bad rate $(as_pct "$(jget "$f" $part.bad_rate)"), AUC $(as_stat "$(jget "$f" $part.auc)")  Gini $(as_stat "$(jget "$f" $part.gini)")  KS $(as_stat "$(jget "$f" $part.ks)")"
		done
		T send-keys -t "$s" v v
		wait_for "$s" "Holdout" && wait_for "$s" "Cum. bads" && {
			# Two panels on a line: development, then holdout.
			n=$(grep -c '^development\.gains\.[0-9]*\.count' "$work/val.flat")
			after "index(\$0, \"Score range\")" "$n" >"$work/gains.txt"
			k=0
			while [ "$k" -lt "$n" ]; do
				line=$(sed -n "$((k + 1))p" "$work/gains.txt")
				for part in development holdout; do
					p=1
					[ "$part" = holdout ] && p=2
					got=$(printf '%s\n' "$line" | awk -v p="$p" '{
					    n = split($0, c, "[")
					    split(c[p + 1], t, " +")
					    pc = 0
					    for (i = 3; i in t; i++) if (t[i] ~ /%$/) {
					        pc++; if (pc == 1) br = t[i]; if (pc == 2) cb = t[i] }
					    print "[" t[1] " " t[2] " " t[3] " " br " " cb }')
					f="$work/val.flat"
					want="[$(printf '%.0f' "$(jget "$f" $part.gains.$k.score_lo)"), $(printf '%.0f' "$(jget "$f" $part.gains.$k.score_hi)")] $(jget "$f" $part.gains.$k.count) $(as_pct "$(jget "$f" $part.gains.$k.bad_rate)") $(as_pct "$(jget "$f" $part.gains.$k.cum_bad_share)")"
					same "$part gains row $((k + 1))" "$got" "$want"
				done
				k=$((k + 1))
			done
		}
		T send-keys -t "$s" v
		wait_for "$s" "Score band" && {
			f="$work/val.flat"
			want="[$(printf '%.0f' "$(jget "$f" development.bands.0.score_lo)"), $(printf '%.0f' "$(jget "$f" development.bands.0.score_hi)"))"
			wait_line "$s" "index(\$0, \"$want\") == 2 && \$3 == \"$(jget "$f" development.bands.0.count)\""
		}
		T send-keys -t "$s" v v
	}

	# --------------------------------------------------- Scorecard
	T send-keys -t "$s" 4
	wait_for "$s" "Scorecard tp  (just fitted" && {
		# The other row of a text characteristic, the missing row of a
		# numeric one without missing values: as riskdesk points.
		for pair in "status_of_existing_checking_account:other:other (a level not listed)" \
		    "duration_in_month:missing:missing: 0 points"; do
			ch=${pair%%:*}
			rest=${pair#*:}
			kind=${rest%%:*}
			text=${rest#*:}
			want=$(awk -F, -v c="$ch" -v k="$kind" '$1 == c && $2 == k {
			    print $6 }' "$work/points.csv")
			k=0
			while [ "$k" -lt 40 ]; do
				capture "$s"
				got=$(printf '%s\n' "$screen" | awk -v t="$text" '
				    index($0, t) { print $NF; exit }')
				[ -n "$got" ] && break
				T send-keys -t "$s" PageDown
				sleep 0.1
				k=$((k + 1))
			done
			same "$ch's $kind row" "$got" "$want"
		done
		# The first line selected: the characteristic in full.
		T send-keys -t "$s" Home
		want="status_of_existing_checking_account: IV $(as_stat "$(jget "$work/fit.flat" characteristics.0.iv)")"
		i=0
		while [ "$i" -lt 50 ]; do
			capture "$s"
			case $(printf '%s\n' "$screen" | tr -d '\n') in
			*"$want"*) break ;;
			esac
			sleep 0.1
			i=$((i + 1))
		done
		[ "$i" -lt 50 ] || fail "$size: no detail line \"$want\""
	}

	# -------------------------------------------------- Trade-offs
	T send-keys -t "$s" 7
	wait_for "$s" "Policy example" || return
	f="$work/report.flat"
	if [ "$lines" -lt 30 ]; then
		wait_for "$s" "1-3/11  [ ] more"
	else
		case $screen in
		*"[ ] more"*) fail "$size: rows hidden on a tall terminal" ;;
		esac
	fi
	for pair in "Approval rate:approval_rate:pct" \
	    "Bad rate (approved):bad_rate:pct" \
	    "Expected loss:expected_loss:money" "Refer rate:refer_rate:pct" \
	    "Expected bad rate:expected_bad_rate:pct" \
	    "Exposure:exposure:money" "Revenue (a year):revenue:money" \
	    "Funding cost:funding_cost:money" "Profit:profit:money" \
	    "Credit limits:credit_limit:money" \
	    "Knocked out:knocked_out:money"; do
		label=${pair%%:*}
		rest=${pair#*:}
		key=${rest%%:*}
		kind=${rest#*:}
		k=0
		capture "$s"
		while [ -z "$(fig "$label")" ] && [ "$k" -lt 5 ]; do
			T send-keys -t "$s" ']'
			sleep 0.2
			capture "$s"
			k=$((k + 1))
		done
		same "$label" "$(fig "$label")" \
		    "$("as_$kind" "$(jget "$f" "policy.$key")")"
		[ "$key" = knocked_out ] && continue
		# The selected segment's, beside.
		got=$(printf '%s\n' "$screen" | awk -v l="$label" '
		    index($0, " " l " ") == 1 {
			rest = substr($0, index($0, l) + length(l))
			split(rest, v, " "); print v[2]; exit }')
		same "$label of segment 0" "$got" \
		    "$("as_$kind" "$(jget "$f" "segments.0.$key")")"
	done
	if [ "$cols" -ge 100 ]; then
		seg=$(jget "$f" segments.1.name)
		got=$(printf '%s\n' "$screen" | awk -v n="$seg" '
		    $1 == n && $2 ~ /^[0-9]/ { print $(NF - 2), $(NF - 1), $NF }')
		same "segment $seg: refer, expected bad rate, profit" "$got" \
		    "$(as_pct "$(jget "$f" segments.1.refer_rate)") $(as_pct "$(jget "$f" segments.1.expected_bad_rate)") $(as_money "$(jget "$f" segments.1.profit)")"
	fi
	# The key list wraps what is too long for a line.
	T send-keys -t "$s" '?'
	wait_for "$s" "credit limits, knocked out"
	T send-keys -t "$s" Escape

	# ------------------------------------------ out-of-time sample
	T send-keys -t "$s" 1
	select_table dated
	T send-keys -t "$s" Enter
	wait_for "$s" "studying dated"
	T send-keys -t "$s" 3
	wait_for "$s" "Model on dated"
	T send-keys -t "$s" e
	wait_for "$s" "fit options (as riskdesk fit takes them):"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l -- "$oot_opts"
	T send-keys -t "$s" Enter
	wait_for "$s" "the date column is not chosen"
	wait_for "$s" "development: $(as_count "$(jget "$work/ootval.flat" development.n)") rows, app_date up to 2021-09-30"
	T send-keys -t "$s" f
	wait_for "$s" "fit scorecard named:"
	T send-keys -t "$s" C-u
	T send-keys -t "$s" -l oot
	T send-keys -t "$s" Enter
	wait_for "$s" "Scorecard oot (not saved" && {
		expect "AIC $(as_stat "$(jget "$work/oot.flat" aic)")"
		expect "AUC $(as_stat "$(jget "$work/oot.flat" auc)")"
	}
	T send-keys -t "$s" 5
	# An out-of-time holdout is named so, as validate's text names it.
	wait_for "$s" "Out-of-time: $(as_count "$(jget "$work/ootval.flat" holdout.n)") rows, bad rate $(as_pct "$(jget "$work/ootval.flat" holdout.bad_rate)"), AUC $(as_stat "$(jget "$work/ootval.flat" holdout.auc)")"

	# ---------------------------------------------------------- quit
	T send-keys -t "$s" q
	wait_for "$s" "Quit anyway?" && T send-keys -t "$s" y
	exited_ok "$rc"
	T kill-session -t "$s" >/dev/null 2>&1
	echo "tui-parity: $size: $checked figures compared with the commands'"
	[ "$checked" -ge 60 ] || fail "$size: only $checked figures compared"
}

run_size 80 24
run_size 120 40

[ "$status" -eq 0 ] && echo "tui-parity: ok"
exit "$status"
