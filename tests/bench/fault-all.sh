#!/bin/sh
# fault-all.sh - tests/fault.sh with every N: every allocation, every
# write, sync and rename of every step of the job failed in turn (some
# 112,000 runs; on a 2-core machine about 40 minutes, the steps split in
# two halves of about the same number of allocations run side by side).
# Not part of make check, whose fault.sh tries a spread of them.
#
#   top_srcdir=. top_builddir=. sh tests/bench/fault-all.sh
#
# FAULT_KINDS (default "MALLOC IO FULL") as fault.sh takes it.  Each half
# runs every step (the state each starts from) and fails only its own
# steps; the halves write to their own scratch folders (under TMPDIR, or
# /dev/shm when TMPDIR is not set).
# Prints each half's lines, then the runs and failures of both; exits 1
# when a run failed.
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
# fault.sh runs each step from a scratch folder: absolute paths.
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 1
top_builddir=$(cd "$top_builddir" && pwd) || exit 1
export top_srcdir top_builddir
: "${FAULT_KINDS:=MALLOC IO FULL}"
export FAULT_KINDS

# Scratch in memory when TMPDIR does not say otherwise, as fault.sh does.
base=${TMPDIR:-/tmp}
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	base=/dev/shm
fi
tmp=$(mktemp -d "$base/rd-fault-all.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The two halves, by allocations per step (decide-csv 15,900, decide
# 14,900, html 11,500, xlsx 11,400, edge-cases 7,400, sql 6,900, report
# and sql-report 6,500, import 5,700, replace 5,400, fit 5,400, export
# 5,300, pmml 4,800, infer 3,200).
half1="decide-csv decide html fit infer pmml"
half2="xlsx edge-cases sql report sql-report import replace export"

run_half() {
	mkdir "$tmp/$1"
	FAULT_EVERY=1 FAULT_STEPS="$2" FAULT_TMPDIR="$tmp/$1" \
	    sh "$top_srcdir/tests/fault.sh" >"$tmp/$1.log" 2>&1
	echo $? >"$tmp/$1.rc"
}

if [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ]; then
	run_half a "$half1" &
	run_half b "$half2" &
	wait
else
	run_half a "$half1"
	run_half b "$half2"
fi
runs=0
fails=0
for h in a b; do
	sed "s/^/$h: /" "$tmp/$h.log"
	set -- $(sed -n 's/^fault: \([0-9]*\) runs, \([0-9]*\) failures$/\1 \2/p' \
	    "$tmp/$h.log")
	if [ $# -ne 2 ]; then
		echo "fault-all: half $h did not finish (exit $(cat "$tmp/$h.rc"))"
		fails=$((fails + 1))
		continue
	fi
	runs=$((runs + $1))
	fails=$((fails + $2))
done
echo "fault-all: $runs runs, $fails failures (FAULT_KINDS=$FAULT_KINDS)"
[ "$fails" -eq 0 ]
