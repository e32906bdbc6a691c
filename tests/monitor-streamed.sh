#!/bin/sh
# monitor-streamed.sh - riskdesk monitor folding the snapshots as it
# reads them (each account's months in increasing order, accounts
# interleaved or not) prints, byte for byte, what the held path
# (RISKDESK_MONITOR_ROWS=1: every snapshot kept, sorted by account and
# month) prints: text, JSON and HTML, and the --output file.  On the
# bundled example, the benchmark's synthetic snapshots at a small size,
# the snapshots in month order, shuffled (the fold gives way to the
# held path), with duplicates, gaps, snapshots before the application,
# text buckets, NULL days past due, accounts no application has, and
# the refusals (the same message and exit code).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/monitor-streamed.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

db="$tmp/m.db"
data="$top_srcdir/data"

# both <label> <monitor arguments...>: the streamed and the held path
# give the same stdout, stderr and exit code, and the same --output
# file when one is asked for.
both() {
	label=$1; shift
	rm -f "$tmp/o.s" "$tmp/o.h"
	"$RISKDESK" monitor --db "$db" --name german "$@" \
		>"$tmp/s.out" 2>"$tmp/s.err"
	rs=$?
	[ ! -f "$tmp/o" ] || mv "$tmp/o" "$tmp/o.s"
	RISKDESK_MONITOR_ROWS=1 "$RISKDESK" monitor --db "$db" --name german \
		"$@" >"$tmp/h.out" 2>"$tmp/h.err"
	rh=$?
	[ ! -f "$tmp/o" ] || mv "$tmp/o" "$tmp/o.h"
	if [ "$rs" -ne "$rh" ]; then
		echo "FAIL: $label: exit $rs streamed, $rh held"
		fails=$((fails + 1))
	elif ! cmp -s "$tmp/s.out" "$tmp/h.out"; then
		echo "FAIL: $label: stdout differs"
		diff "$tmp/h.out" "$tmp/s.out" | head -20
		fails=$((fails + 1))
	elif ! cmp -s "$tmp/s.err" "$tmp/h.err"; then
		echo "FAIL: $label: stderr differs"
		diff "$tmp/h.err" "$tmp/s.err" | head -20
		fails=$((fails + 1))
	elif [ -f "$tmp/o.s" ] || [ -f "$tmp/o.h" ]; then
		if cmp -s "$tmp/o.s" "$tmp/o.h"; then passes=$((passes + 1))
		else echo "FAIL: $label: --output differs"
			fails=$((fails + 1)); fi
	else
		passes=$((passes + 1))
	fi
}

# every <label> <apps> <perf> [arguments...]: both paths over the
# formats and the options that cut the data another way.
every() {
	what=$1; a=$2; p=$3; shift 3
	both "$what" --applications "$a" --performance "$p" "$@"
	both "$what, json" --applications "$a" --performance "$p" --json "$@"
	both "$what, html" --applications "$a" --performance "$p" \
		--format html "$@"
	both "$what, quarters, policy" --applications "$a" \
		--performance "$p" --by quarter --policy \
		"$top_srcdir/policies/example.yaml" --json "$@"
	both "$what, bad 30, window 6" --applications "$a" \
		--performance "$p" --bad-dpd 30 --window 6 --cutoff 500 "$@"
}

# perf <name> <csv>: import a snapshot table.
perf() {
	expect 0 "" "$RISKDESK" import --db "$db" --table "$1" "$2"
}

expect 0 "" "$RISKDESK" import --db "$db" --table german \
	--target creditability --bad bad "$data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --name german --table german
expect 0 "" "$RISKDESK" import --db "$db" --table applications --id app_id \
	"$data/monitor-apps.csv"
perf performance "$data/monitor-perf.csv"

# The bundled example, as shipped (one account after another).
every "bundled" applications performance
both "bundled, --output" --output "$tmp/o" --json
both "bundled, from / to" --from 2024-03 --to 2024-10 --by quarter
both "bundled, window 3" --window 3 --bad-dpd 60

# Month-major (a table appended month by month): every account's
# months still come in order, the fold reads it.
head -1 "$data/monitor-perf.csv" >"$tmp/mm.csv"
tail -n +2 "$data/monitor-perf.csv" | sort -t, -k2,2 -k1,1 >>"$tmp/mm.csv"
perf pmonth "$tmp/mm.csv"
every "month order" applications pmonth

# Shuffled: an account's months out of order, the held path.
head -1 "$data/monitor-perf.csv" >"$tmp/sh.csv"
tail -n +2 "$data/monitor-perf.csv" | awk 'BEGIN { s = 7 }
	{ s = (s * 1103515245 + 12345) % 2147483648; print s "\t" $0 }' |
	sort -n | cut -f2- >>"$tmp/sh.csv"
perf pshuf "$tmp/sh.csv"
every "shuffled" applications pshuf

# Gaps: every fifth snapshot left out.
awk 'NR == 1 || NR % 5 != 0' "$data/monitor-perf.csv" >"$tmp/gap.csv"
perf pgap "$tmp/gap.csv"
every "gaps" applications pgap

# Accounts no application has, and snapshots before the application.
{ cat "$data/monitor-perf.csv"
  echo "999999,2025-03,0,100,0"; echo "999998,2025-04,45,100,0"
  echo "100001,2019-01,0,100,0"; echo "100002,2019-02,120,100,1"
} >"$tmp/orph.csv"
perf porph "$tmp/orph.csv"
every "orphans, before the application" applications porph

# Text buckets for days past due.
awk -F, -v OFS=, 'NR > 1 { d = $3 + 0
		if (d == 0) $3 = "current"; else if (d < 30) $3 = "1-29"
		else if (d < 60) $3 = "30-59"; else if (d < 90) $3 = "60-89"
		else $3 = "90+" } { print }' \
	"$data/monitor-perf.csv" >"$tmp/bk.csv"
perf pbucket "$tmp/bk.csv"
every "text buckets" applications pbucket

# A duplicate: refused alike, in order (the fold stops where it meets
# it) and shuffled.
{ cat "$data/monitor-perf.csv"; sed -n 40p "$data/monitor-perf.csv"; } \
	>"$tmp/dup.csv"
perf pdup "$tmp/dup.csv"
both "duplicate" --performance pdup
expect 1 'a second snapshot of one account in one month' \
	"$RISKDESK" monitor --db "$db" --name german --performance pdup
{ head -1 "$tmp/sh.csv"; sed -n 2,30p "$tmp/sh.csv"; sed -n 20p "$tmp/sh.csv"
  sed -n '31,$p' "$tmp/sh.csv"; } >"$tmp/dup2.csv"
perf pdup2 "$tmp/dup2.csv"
both "duplicate, shuffled" --performance pdup2
# Two duplicates: the held path names the first in (account, month)
# order, and so does the fold, which gives way to it.
{ cat "$data/monitor-perf.csv"; tail -1 "$data/monitor-perf.csv"
  sed -n 2p "$data/monitor-perf.csv"; } >"$tmp/dup3.csv"
perf pdup3 "$tmp/dup3.csv"
both "two duplicates" --performance pdup3

# NULL days past due (a bucket left blank), a bad month, a bad flag, a
# negative days past due: the same refusal, located.
awk -F, -v OFS=, 'NR == 30 { $3 = "" } { print }' "$tmp/bk.csv" >"$tmp/nb.csv"
perf pnull "$tmp/nb.csv"
both "NULL bucket" --performance pnull
expect 1 'row 29 \(rowid 29\), column "dpd": expected days past due' \
	"$RISKDESK" monitor --db "$db" --name german --performance pnull
awk -F, -v OFS=, 'NR == 50 { $2 = "2025-13" } { print }' \
	"$data/monitor-perf.csv" >"$tmp/bm.csv"
perf pmon "$tmp/bm.csv"
both "bad month" --performance pmon
awk -F, -v OFS=, 'NR == 60 { $5 = 2 } NR == 70 { $3 = -4 } { print }' \
	"$data/monitor-perf.csv" >"$tmp/bf.csv"
perf pflag "$tmp/bf.csv"
both "bad flag, negative dpd" --performance pflag
both "no such table" --performance nope
both "no such column" --dpd days

# The benchmark's synthetic snapshots, 3,000 accounts over 12 months.
awk 'NR == 1 { sub(/\r$/, ""); h = $0; next }
	{ sub(/\r$/, ""); row[NR - 1] = $0 }
	END {
		printf "app_id,app_date,decision,%s\n", h
		for (i = 1; i <= 3000; i++)
			printf "%d,2023-%02d-15,%s,%s\n", i, i % 12 + 1,
			    i % 7 == 0 ? "decline" : "approve",
			    row[(i - 1) % 1000 + 1]
	}' "$data/german_credit.csv" >"$tmp/bapps.csv"
awk 'BEGIN {
	print "app_id,month,dpd,balance,charged_off"
	seed = 1
	for (i = 1; i <= 3000; i++) {
		b = 0
		for (k = 1; k <= 12; k++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			u = seed / 2147483648
			if (b == 5) { }
			else if (u < 0.03 + 0.25 * (b > 0)) b++
			else if (b > 0 && u > 0.8) b = 0
			d = b == 0 ? 0 : b == 5 ? 150 : 30 * b - 15
			printf "%d,2024-%02d,%d,%d,%d\n", i, k, d, 1000 - 10 * k,
			    b == 5
		}
	}
}' >"$tmp/bperf.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table bapps --id app_id \
	"$tmp/bapps.csv"
perf bperf "$tmp/bperf.csv"
every "bench" bapps bperf

echo "monitor-streamed: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
