#!/bin/sh
# fault.sh - fault injection, SQLite style: tests/riskdesk-fault (riskdesk
# with the failure points of tests/fault/fault-inject.c) fails the N-th
# allocation, or separately the N-th write, sync or rename (its own and
# SQLite's), or that one and every later one (a disk that stays full),
# in each step of a small job:
#
#   import (a new database) -> import --replace (renters as rejects) ->
#   fit -> infer (the scorecard and its inference stored together) ->
#   --report
#   --output -> the document as HTML and as a workbook (--report --format
#   html | xlsx --output) -> decide --output -> decide --exact --output
#   of a CSV file (read into a scratch database under TMPDIR) -> bin
#   --export -> export --output as SQL, the report query, edge cases and
#   PMML
#
# For every N tried, the step must end cleanly: exit 0 with exactly the
# state a run without faults leaves, or exit 4 (a file or database error,
# "out of memory" among them) with a message, never a crash; the
# database passes PRAGMA integrity_check and holds what it held before
# the step or after it; every output file is its old bytes or its new
# ones; no temporary file is left (a new database, too, is there whole or
# not at all).
#
# The last fifteen of each kind are tried too: a step's last
# allocations record what it did (a decision run in rd_run), where a
# failure once left a NULL in place of a value.
# FAULT_EVERY=1 tries every N (tests/bench/fault-all.sh: tens of
# thousands of runs), FAULT_EVERY=k every k-th (1, 1+k, 1+2k, ...: a
# sweep in a k-th of the time that still meets every run of failures
# k or more allocations long); by default the first five of each kind and
# FAULT_SAMPLE (12) more spread across the step, which keeps make check
# to seconds.  FAULT_FROM=N starts such a sweep at N (a rerun of the end
# of a long step).  FAULT_STEPS (e.g. "report decide") limits the faults to
# some steps, FAULT_KINDS (e.g. "IO FULL") to some kinds.  (A message
# may follow a partial line of the summary on standard error:
# "riskdesk: " is looked for anywhere in it.)
set -u
: "${top_srcdir:?}"
: "${top_builddir:=.}"
FAULT="${FAULT_RISKDESK:-$top_builddir/tests/riskdesk-fault}"
[ -x "$FAULT" ] || { echo "fault: $FAULT not built"; exit 99; }
command -v sqlite3 >/dev/null 2>&1 ||
	{ echo "fault: sqlite3 is needed (bootstrap installs it)"; exit 99; }
every=${FAULT_EVERY:-0}
only=${FAULT_STEPS:-}
kinds=${FAULT_KINDS:-MALLOC IO FULL}
# Under AddressSanitizer: an "out of memory" exit leaves what the stack
# held unfreed on purpose; every other check stays on.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
sample=${FAULT_SAMPLE:-12}
# Hundreds of runs, each syncing its files: on a memory file system
# (/dev/shm) when there is one, as SQLite's test suite may run.
if [ -z "${FAULT_TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	FAULT_TMPDIR=/dev/shm
fi
tmp="${FAULT_TMPDIR:-$top_builddir}/riskdesk-fault-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; runs=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# The job's inputs: 200 rows of the German data for the new table, the
# next 200 to replace them, the example policy on table g.
csv="$top_srcdir/data/german_credit.csv"
head -n 201 "$csv" >"$tmp/a.csv"
{ head -n 1 "$csv"; sed -n '202,401p' "$csv"; } >"$tmp/b.csv"
sed 's/^population: german_credit/population: g/' \
	"$top_srcdir/policies/example.yaml" >"$tmp/p.yaml"
# New applicants: 50 rows without their outcome, an id instead.
awk -F, -v OFS=, 'NR == 1 { $NF = "app_id"; print; next }
	NR <= 51 { $NF = sprintf("A%04d", NR - 1); print }' "$csv" >"$tmp/n.csv"
# decide reads a CSV into a scratch database under TMPDIR: none may stay.
mkdir "$tmp/scratch"
TMPDIR="$tmp/scratch"
export TMPDIR

# The steps, each a command line run in the step's folder (rd.db there).
steps="import replace fit infer report html xlsx decide decide-csv export sql sql-report edge-cases pmml"
cmd_of() {
	case $1 in
	import) echo "import --db rd.db --table g --target creditability --bad bad ../a.csv" ;;
	replace) echo "import --db rd.db --table g --replace --target creditability --bad bad --reject-when housing=rent ../b.csv" ;;
	fit) echo "fit --db rd.db --table g --name german" ;;
	infer) echo "infer --db rd.db --table g --from german --name german_inferred --method parceling --seed 1" ;;
	report) echo "--report --db rd.db --policy ../p.yaml --output report.txt" ;;
	decide) echo "decide --db rd.db --policy ../p.yaml --output d.csv" ;;
	html|xlsx) echo "--report --db rd.db --policy ../p.yaml --format $1 --report-time 2024-05-01T09:30:00Z --output doc.$1" ;;
	decide-csv) echo "decide --db rd.db --policy ../p.yaml --id app_id --exact --output n.csv ../n.csv" ;;
	export) echo "bin --db rd.db --table g --export spec.yaml" ;;
	sql|sql-report|edge-cases|pmml) echo "export --db rd.db --policy ../p.yaml --format $1 --output x.$1" ;;
	esac
}
outputs="report.txt doc.html doc.xlsx d.csv n.csv spec.yaml x.sql x.sql-report x.edge-cases x.pmml"

. "$top_srcdir/tests/old-or-new-lib.sh"

# The numbers N to try out of total: all of them, or the first five and
# $sample more spread evenly up to the last.
pick() {
	total=$1
	if [ "$every" -ge 1 ]; then
		seq "${FAULT_FROM:-1}" "$every" "$total"
	elif [ "$total" -le $((sample + 5)) ]; then
		seq 1 "$total"
	else
		awk -v t="$total" -v k="$sample" 'BEGIN {
			for (i = 1; i <= 5; i++) print i
			for (i = 1; i <= k; i++) print int(5 + i * (t - 5) / k)
			for (i = t - 14; i <= t; i++) if (i > 0) print i }' |
		    sort -n | uniq
	fi
}

# Old versions of the outputs, so that "old or new" is a real choice.
mkdir "$tmp/before"
printf 'an old report\n' >"$tmp/before/report.txt"
printf 'old,decisions\n' >"$tmp/before/d.csv"
printf 'old,decisions,of new applicants\n' >"$tmp/before/n.csv"
printf '# an old binning spec\n' >"$tmp/before/spec.yaml"
printf '<p>an old document</p>\n' >"$tmp/before/doc.html"
printf 'PK an old workbook\n' >"$tmp/before/doc.xlsx"
for f in sql sql-report edge-cases pmml; do
	printf -- '-- an old export\n' >"$tmp/before/x.$f"
done

for step in $steps; do
	cmd=$(cmd_of "$step")
	# The step without faults: its counts and the state after it.
	rm -rf "$tmp/after"; cp -R "$tmp/before" "$tmp/after"
	: >"$tmp/counts"
	# shellcheck disable=SC2086
	(cd "$tmp/after" && RISKDESK_FAULT_COUNT="$tmp/counts" \
	    "$FAULT" $cmd >/dev/null 2>"$tmp/err") ||
		{ fail "$step without faults:"; cat "$tmp/err"; break; }
	where="$step, no fault"
	want_before=$(digest "$tmp/before")
	want_after=$(digest "$tmp/after")
	nmalloc=$(awk '{ print $2 }' "$tmp/counts")
	nio=$(awk '{ print $4 }' "$tmp/counts")
	tried=0
	# FAULT_STEPS="report decide": faults in those steps only (the
	# others run once, without, to make the state before).
	case " ${only:-$step} " in
	*" $step "*) ;;
	*) nmalloc=0; nio=0 ;;
	esac
	# MALLOC: the N-th allocation fails; IO: the N-th write, sync or
	# rename; FULL: the N-th and every one after (a disk that fills and
	# stays full).
	for kind in $kinds; do
		case $kind in
		MALLOC) total=$nmalloc; set -- RISKDESK_FAULT_MALLOC ;;
		IO) total=$nio; set -- RISKDESK_FAULT_IO ;;
		FULL) total=$nio; set -- RISKDESK_FAULT_IO RISKDESK_FAULT_PERSIST=1 ;;
		esac
		for n in $(pick "$total"); do
			where="$step, $kind $n of $total"
			rm -rf "$tmp/w"; cp -R "$tmp/before" "$tmp/w"
			# shellcheck disable=SC2086
			(cd "$tmp/w" && env "$1=$n" ${2:-} \
			    "$FAULT" $cmd >/dev/null 2>"$tmp/err")
			rc=$?
			runs=$((runs + 1)); tried=$((tried + 1))
			got=$(digest "$tmp/w")
			for f in "$tmp/w"/*.tmp-* "$tmp"/*.tmp-* "$tmp/scratch"/*; do
				[ -e "$f" ] && fail "$where: temporary file left: $f"
				rm -f "$f"
			done
			case $rc in
			0)	[ "$got" = "$want_after" ] ||
					fail "$where: exit 0 but not the state of a run without faults" ;;
			4)	grep -q 'riskdesk: ' "$tmp/err" ||
					fail "$where: exit 4 without a message"
				# The database and each output: old or new.
				bad=$(neither "$got" "$want_before" "$want_after")
				[ -z "$bad" ] ||
					{ fail "$where: neither old nor new:$bad"
					  sed 's/^/  stderr: /' "$tmp/err"; } ;;
			*)	fail "$where: exit $rc"
				sed 's/^/  stderr: /' "$tmp/err" ;;
			esac
		done
	done
	echo "fault: $step: $tried runs ($nmalloc allocations, $nio writes)"
	# The next step starts where this one ended.
	rm -rf "$tmp/before"; mv "$tmp/after" "$tmp/before"
done

echo "fault: $runs runs, $fails failures"
[ "$fails" -eq 0 ]
