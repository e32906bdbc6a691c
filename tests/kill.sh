#!/bin/sh
# kill.sh - SIGKILL at random moments: a killed run leaves the old state
# or the new one, never a mix.  On an application file of KILL_ROWS rows
# (tests/gen-apps --kind bench), each step of
#
#   import (a new database) -> import --replace -> fit -> --report
#   --output -> the document as HTML and as a workbook (--report --format
#   html | xlsx --output) -> decide --output -> export --output (SQL)
#
# is run once to learn its state after and its time, then KILL_TIMES
# times from the state before, killed with SIGKILL after a random delay
# between 0 and 1.2 times that time.  After each kill the database (when
# there is one) passes PRAGMA integrity_check and holds what it held
# before the step or after it; a new database is there whole or not at
# all; every output file is its old bytes or its new ones; what a kill
# may leave besides is a temporary file "<name>.tmp-XXXXXX", owner-only
# (a workbook's scratch file too: nothing in TMPDIR).
#
# make check runs 20,000 rows and 4 kills a step;
# tests/bench/kill-long.sh 100,000 rows and 25 kills a step.
set -u
: "${top_srcdir:?}"
: "${top_builddir:=.}"
: "${RISKDESK:?RISKDESK must name the built binary}"
command -v sqlite3 >/dev/null 2>&1 ||
	{ echo "kill: sqlite3 is needed (bootstrap installs it)"; exit 99; }
rows=${KILL_ROWS:-20000}
times=${KILL_TIMES:-4}
seed=${KILL_SEED:-$$}
GEN="$top_builddir/tests/gen-apps"
[ -x "$GEN" ] || { echo "kill: $GEN not built"; exit 99; }
if [ -z "${KILL_TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	KILL_TMPDIR=/dev/shm
fi
tmp="${KILL_TMPDIR:-$top_builddir}/riskdesk-kill-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; kills=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

"$GEN" --seed 7 --rows "$rows" --kind bench --policy "$tmp/p.yaml" \
	--scorecard card --population apps >"$tmp/a.csv" &&
"$GEN" --seed 8 --rows "$rows" --kind bench >"$tmp/b.csv" ||
	{ echo "kill: gen-apps failed"; exit 99; }

steps="import replace fit report html xlsx decide export"
cmd_of() {
	case $1 in
	import) echo "import --db rd.db --table apps --target bad --bad 1 ../a.csv" ;;
	replace) echo "import --db rd.db --table apps --replace --target bad --bad 1 ../b.csv" ;;
	fit) echo "fit --db rd.db --table apps --name card" ;;
	report) echo "--report --db rd.db --policy ../p.yaml --output report.txt" ;;
	html|xlsx) echo "--report --db rd.db --policy ../p.yaml --format $1 --report-time 2024-05-01T09:30:00Z --output doc.$1" ;;
	decide) echo "decide --db rd.db --policy ../p.yaml --output d.csv" ;;
	export) echo "export --db rd.db --policy ../p.yaml --output x.sql" ;;
	esac
}
outputs="report.txt doc.html doc.xlsx d.csv x.sql"

. "$top_srcdir/tests/old-or-new-lib.sh"

# ms: the time in milliseconds.
ms() { date +%s%N | cut -c1-13; }

mkdir "$tmp/before"
printf 'an old report\n' >"$tmp/before/report.txt"
printf 'old,decisions\n' >"$tmp/before/d.csv"
printf '<p>an old document</p>\n' >"$tmp/before/doc.html"
printf 'PK an old workbook\n' >"$tmp/before/doc.xlsx"
printf -- '-- an old export\n' >"$tmp/before/x.sql"
# A workbook's scratch file went here once; nothing may be left in it.
mkdir "$tmp/scratch"
TMPDIR="$tmp/scratch"
export TMPDIR
k=0
for step in $steps; do
	cmd=$(cmd_of "$step")
	rm -rf "$tmp/after"; cp -R "$tmp/before" "$tmp/after"
	t0=$(ms)
	# shellcheck disable=SC2086
	(cd "$tmp/after" && "$RISKDESK" $cmd >/dev/null 2>"$tmp/err") ||
		{ fail "$step without a kill:"; cat "$tmp/err"; break; }
	took=$(($(ms) - t0))
	where="$step"
	want_before=$(digest "$tmp/before")
	want_after=$(digest "$tmp/after")
	n=0
	while [ "$n" -lt "$times" ]; do
		n=$((n + 1)); k=$((k + 1))
		delay=$(awk -v s="$seed" -v k="$k" -v t="$took" 'BEGIN {
			srand(s + 7919 * k); printf "%.3f", rand() * 1.2 * t / 1000 }')
		where="$step, killed after ${delay}s (a run takes ${took} ms)"
		rm -rf "$tmp/w"; cp -R "$tmp/before" "$tmp/w"
		# shellcheck disable=SC2086
		(cd "$tmp/w" && exec "$RISKDESK" $cmd >/dev/null 2>&1) &
		pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		kills=$((kills + 1))
		# What a kill may leave besides: owner-only temporaries, or
		# one given the mode of the file it replaces (set just
		# before the rename).
		for f in "$tmp/w"/*.tmp-* "$tmp/scratch"/*; do
			[ -e "$f" ] || continue
			case $f in
			"$tmp/scratch"/*) fail "$where: $f left in TMPDIR" ;;
			esac
			m=$(ls -l "$f" | cut -c1-10)
			t=${f%.tmp-*}
			case $m in
			-rw-------) ;;
			*) [ "$t" != "$f" ] && [ -e "$tmp/before/${t##*/}" ] &&
			   [ "$m" = "$(ls -l "$tmp/before/${t##*/}" | cut -c1-10)" ] ||
			   fail "$where: $f is not owner-only (mode $m)" ;;
			esac
			rm -f "$f"
		done
		got=$(digest "$tmp/w")
		bad=$(neither "$got" "$want_before" "$want_after")
		[ -z "$bad" ] || fail "$where: neither old nor new:$bad"
		# The database killed mid-write opens and is written again.
		if [ "$step" = replace ] && [ -e "$tmp/w/rd.db" ]; then
			(cd "$tmp/w" && "$RISKDESK" import --db rd.db --table apps \
			    --replace --target bad --bad 1 ../b.csv >/dev/null \
			    2>"$tmp/err") ||
				{ fail "$where: no import after the kill:"
				  cat "$tmp/err"; }
		fi
	done
	echo "kill: $step: $times kills (a run: $took ms)"
	rm -rf "$tmp/before"; mv "$tmp/after" "$tmp/before"
done

echo "kill: $kills kills of $rows-row runs, $fails failures (seed $seed)"
[ "$fails" -eq 0 ]
