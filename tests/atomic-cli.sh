#!/bin/sh
# atomic-cli.sh - nothing lost, nothing leaked, from the command line:
#   1. new databases and every output (reports, documents as text, HTML
#      and workbook, decisions, binning specs, SQL, PMML and edge-case
#      exports) are owner-only (0600) under the usual umask 022; a file
#      that exists keeps its mode when rewritten;
#   2. an output that is the database (by inode: another name too), its
#      journal, the policy, the challenger, the applied spec or any
#      SQLite database is refused (exit 2), the file untouched;
#   3. a write that fails (a file size limit: the disk full) leaves the
#      old report, document or export as it was, no temporary file, exit 4
#      (decisions: decide-cli.sh);
#   4. a failed first import, and a link, leave no database behind;
#   5. two appends at once into one table record the true totals in the
#      table's metadata (rows, bads, goods), and a lock held longer than
#      --busy-timeout fails with "database is locked by another process",
#      the data as it was;
#   6. a failed write to standard output fails the command (exit 4).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/atomic-cli-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
# The workbook's private temporary goes here, to count what is left.
mkdir -p "$tmp/tmpdir"; TMPDIR="$tmp/tmpdir"; export TMPDIR
db="$tmp/rd.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

umask 022
policy="$top_srcdir/policies/example.yaml"
challenger="$top_srcdir/policies/challenger.yaml"

# mode <path>: the permission bits as ls prints them ("-rw-------").
mode() { ls -l "$1" | cut -c1-10; }
# temporaries: how many *.tmp-* files are left in $tmp.
temporaries() { ls "$tmp" | grep -c '\.tmp-' ; }
# intact <db>: SQLite finds the database whole.
intact() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ]; }

# ---------------------------------------------------- 1. owner-only
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
same "mode of a new database" "$(mode "$db")" "-rw-------"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$policy" \
	--output "$tmp/report.txt"
same "mode of a new report" "$(mode "$tmp/report.txt")" "-rw-------"
expect 0 "" "$RISKDESK" bin --db "$db" --table german_credit \
	--char purpose --export "$tmp/spec.yaml"
same "mode of a new binning spec" "$(mode "$tmp/spec.yaml")" "-rw-------"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" \
	--output "$tmp/d.csv"
same "mode of new decisions" "$(mode "$tmp/d.csv")" "-rw-------"
expect 0 "" "$RISKDESK" decide --db "$db" --policy "$policy" --exact \
	--output "$tmp/exact.csv"
same "mode of new decisions (--exact)" "$(mode "$tmp/exact.csv")" "-rw-------"
for f in sql sql-report edge-cases pmml; do
	expect 0 "" "$RISKDESK" export --db "$db" --policy "$policy" \
		--format "$f" --output "$tmp/export.$f"
	same "mode of a new export ($f)" "$(mode "$tmp/export.$f")" "-rw-------"
done
for f in html xlsx; do
	expect 0 "" "$RISKDESK" --report --db "$db" --policy "$policy" \
		--format "$f" --report-time 1700000000 --output "$tmp/doc.$f"
	same "mode of a new document ($f)" "$(mode "$tmp/doc.$f")" "-rw-------"
done
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$policy" --document \
	--report-time 1700000000 --output "$tmp/doc.txt"
same "mode of a new document (text)" "$(mode "$tmp/doc.txt")" "-rw-------"
same "workbook temporaries left in TMPDIR" \
	"$(ls "$TMPDIR" | grep -c '^riskdesk-xlsx-')" 0
# The workbook of an --output is made beside it, not in TMPDIR: one that
# cannot be written stops only a workbook sent to standard output.
expect 0 "" env TMPDIR="$tmp/no-such-dir" "$RISKDESK" --report --db "$db" \
	--policy "$policy" --format xlsx --report-time 1700000000 \
	--output "$tmp/doc-beside.xlsx"
ok "the workbook made beside its target is the one made via TMPDIR" \
	cmp -s "$tmp/doc.xlsx" "$tmp/doc-beside.xlsx"
same "temporaries left beside the workbook" "$(temporaries)" 0
expect 4 "^riskdesk: cannot make a temporary file for the workbook in $tmp/no-such-dir: No such file or directory$" \
	env TMPDIR="$tmp/no-such-dir" "$RISKDESK" --report --db "$db" \
	--policy "$policy" --format xlsx --report-time 1700000000
# A report the officer shares with a group on purpose stays shared.
chmod 640 "$tmp/report.txt"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$policy" \
	--format json --output "$tmp/report.txt"
same "mode of a rewritten report" "$(mode "$tmp/report.txt")" "-rw-r-----"
ok "the rewritten report is the new one" grep -q '"policy"' "$tmp/report.txt"
same "temporary files left" "$(temporaries)" 0

# ---------------------------------------------------- 2. refused targets
cp "$db" "$tmp/before.db"
expect 2 "--export .*rd.db would overwrite the database" "$RISKDESK" bin \
	--db "$db" --table german_credit --char purpose --export "$db"
ok "bin --export of the database left it as it was" cmp -s "$db" "$tmp/before.db"
ok "the database is whole" intact "$db"
ln "$db" "$tmp/alias.db"
expect 2 "--output .*alias.db would overwrite the database" "$RISKDESK" \
	--report --db "$db" --policy "$policy" --output "$tmp/alias.db"
expect 2 "would overwrite the database .*\(its journal\)" "$RISKDESK" \
	--report --db "$db" --policy "$policy" --output "$db-journal"
cp "$db" "$tmp/other.db"
expect 2 "--export .*other.db is a SQLite database" "$RISKDESK" bin \
	--db "$db" --table german_credit --export "$tmp/other.db"
ok "another database is left as it was" cmp -s "$tmp/other.db" "$tmp/before.db"
cp "$policy" "$tmp/p.yaml"
cp "$challenger" "$tmp/c.yaml"
expect 2 "--output .*p.yaml is the policy of this run" "$RISKDESK" \
	--report --db "$db" --policy "$tmp/p.yaml" --output "$tmp/p.yaml"
expect 2 "--output .*c.yaml is the challenger of this run" "$RISKDESK" \
	--report --db "$db" --policy "$tmp/p.yaml" --challenger "$tmp/c.yaml" \
	--output "$tmp/c.yaml"
ok "the policy is untouched" cmp -s "$policy" "$tmp/p.yaml"
ok "the challenger is untouched" cmp -s "$challenger" "$tmp/c.yaml"
expect 2 "--export .*spec.yaml is the binning spec applied" "$RISKDESK" bin \
	--db "$db" --table german_credit --apply "$tmp/spec.yaml" \
	--export "$tmp/spec.yaml"
for f in sql pmml; do
	expect 2 "--output .*alias.db would overwrite the database" "$RISKDESK" \
		export --db "$db" --policy "$tmp/p.yaml" --format "$f" \
		--output "$tmp/alias.db"
	expect 2 "--output .*p.yaml is the policy of this run" "$RISKDESK" \
		export --db "$db" --policy "$tmp/p.yaml" --format "$f" \
		--output "$tmp/p.yaml"
	expect 2 "--output .*other.db is a SQLite database" "$RISKDESK" \
		export --db "$db" --policy "$tmp/p.yaml" --format "$f" \
		--output "$tmp/other.db"
done
for f in html xlsx; do
	expect 2 "--output .*p.yaml is the policy of this run" "$RISKDESK" \
		--report --db "$db" --policy "$tmp/p.yaml" --format "$f" \
		--output "$tmp/p.yaml"
	expect 2 "--output .*alias.db would overwrite the database" "$RISKDESK" \
		--report --db "$db" --policy "$tmp/p.yaml" --format "$f" \
		--output "$tmp/alias.db"
done
expect 2 "--output .*p.yaml is the policy of this run" "$RISKDESK" \
	decide --db "$db" --policy "$tmp/p.yaml" --exact --output "$tmp/p.yaml"
ok "the policy is still untouched" cmp -s "$policy" "$tmp/p.yaml"
ok "the database is still as it was" cmp -s "$db" "$tmp/before.db"
ok "another database is still as it was" cmp -s "$tmp/other.db" "$tmp/before.db"

# ---------------------------------------------------- 3. a failed write
# A file size limit of 2 KiB (ulimit -f counts 512-byte blocks in sh, 1
# KiB in bash: 4 is at most 4 KiB) fails the write as a full disk does.
# The old file must stay, byte for byte.
cp "$tmp/report.txt" "$tmp/report.old"
cp "$tmp/spec.yaml" "$tmp/spec.old"
full() { (trap '' XFSZ; ulimit -f 4; "$@"); }
expect 4 "cannot write the report: File too large; .*report.txt left as it was" \
	full "$RISKDESK" --report --db "$db" --policy "$policy" --curves \
	--output "$tmp/report.txt"
ok "a report that could not be written left the old one" \
	cmp -s "$tmp/report.txt" "$tmp/report.old"
expect 4 "cannot write the binning spec: File too large; .*spec.yaml left as it was" \
	full "$RISKDESK" bin --db "$db" --table german_credit \
	--export "$tmp/spec.yaml"
ok "an export that could not be written left the old one" \
	cmp -s "$tmp/spec.yaml" "$tmp/spec.old"
# Exports and documents larger than the limit: the old files stay.  The
# SQL and edge-case exports (under the stream's 1 MB buffer) fail at its
# last flush; the PMML writer's own write fails while it writes.
for f in sql sql-report edge-cases pmml; do
	cp "$tmp/export.$f" "$tmp/export.old"
	case $f in
	pmml) want="cannot write the PMML: File too large; .*export.$f left as it was" ;;
	*) want="cannot write .*/export.$f: File too large \(left as it was\)" ;;
	esac
	expect 4 "$want" \
		full "$RISKDESK" export --db "$db" --policy "$policy" \
		--format "$f" --output "$tmp/export.$f"
	ok "a failed export ($f) left the old one" \
		cmp -s "$tmp/export.$f" "$tmp/export.old"
done
for f in html xlsx; do
	cp "$tmp/doc.$f" "$tmp/doc.old"
	expect 4 "cannot write .*doc.$f left as it was" \
		full "$RISKDESK" --report --db "$db" --policy "$policy" \
		--format "$f" --report-time 1 --output "$tmp/doc.$f"
	ok "a failed document ($f) left the old one" \
		cmp -s "$tmp/doc.$f" "$tmp/doc.old"
done
same "workbook temporaries left in TMPDIR after failed writes" \
	"$(ls "$TMPDIR" | grep -c '^riskdesk-xlsx-')" 0
same "temporary files left after failed writes" "$(temporaries)" 0

# ---------------------------------------------------- 4. no database left
printf 'a,b\n1,2\n3\n' >"$tmp/short.csv"
expect 1 "short.csv:3: expected 2 fields, found 1" "$RISKDESK" import \
	--db "$tmp/new.db" --table t --strict "$tmp/short.csv"
ok "a failed first import left no database" [ ! -e "$tmp/new.db" ]
expect 4 "cannot open database .*new.db" "$RISKDESK" link --db "$tmp/new.db" \
	--applicants a --performance b --on id --target y --bad 1
ok "link left no database" [ ! -e "$tmp/new.db" ]
same "temporary databases left" "$(temporaries)" 0

# ---------------------------------------------------- 5. two appends
# Three files of 40,000 rows with known bads (awk counts them); the two
# appends run at once.  The table's metadata must say 120,000 rows and
# the true bads, which profile's bad rate shows.
for k in 1 2 3; do
	awk -v seed="$k" 'BEGIN { srand(seed); print "id,a,y"
		for (i = 0; i < 40000; i++)
			print seed * 100000 + i "," int(rand() * 100) "," \
			    (rand() < 0.1 * seed ? 1 : 0) }' >"$tmp/app$k.csv"
done
bads=$(cat "$tmp/app1.csv" "$tmp/app2.csv" "$tmp/app3.csv" |
	awk -F, '$3 == 1 { n++ } END { print n }')
expect 0 "" "$RISKDESK" import --db "$tmp/ap.db" --table t --target y \
	--bad 1 "$tmp/app1.csv"
"$RISKDESK" import --db "$tmp/ap.db" --table t --append "$tmp/app2.csv" \
	>"$tmp/o2" 2>&1 &
p2=$!
"$RISKDESK" import --db "$tmp/ap.db" --table t --append "$tmp/app3.csv" \
	>"$tmp/o3" 2>&1 &
p3=$!
wait "$p2"; r2=$?
wait "$p3"; r3=$?
same "exit status of the first of two appends at once" "$r2" 0
same "exit status of the second of two appends at once" "$r3" 0
same "rows in the table" "$(sqlite3 "$tmp/ap.db" 'SELECT count(*) FROM t')" 120000
same "rows, bads, goods recorded" \
	"$(sqlite3 "$tmp/ap.db" "SELECT rows || ' ' || bads || ' ' || goods FROM rd_table WHERE name = 't'")" \
	"120000 $bads $((120000 - bads))"
expect 0 "" "$RISKDESK" profile --db "$tmp/ap.db" --table t --json
pct=$(awk -v b="$bads" 'BEGIN { printf "%.10f", b / 120000 }')
ok "profile's bad rate is the true one ($pct)" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
assert abs(p["bad_rate"] - float(sys.argv[2])) < 5e-7, p["bad_rate"]
' "$tmp/out" "$pct"
# A lock held for 3 s by another process: with --busy-timeout 0.3 the
# append fails, said so, and adds nothing; with the default it waits.
before=$(sqlite3 "$tmp/ap.db" "SELECT count(*) || ' ' || rows FROM t, rd_table WHERE name = 't'")
(echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;") | sqlite3 "$tmp/ap.db" &
holder=$!
sleep 0.5
expect 4 "database is locked by another process \(waited 0.3 s; --busy-timeout <seconds> waits longer\)" \
	"$RISKDESK" --busy-timeout 0.3 import --db "$tmp/ap.db" --table t \
	--append "$tmp/app1.csv"
same "a locked-out append added nothing" \
	"$(sqlite3 "$tmp/ap.db" "SELECT count(*) || ' ' || rows FROM t, rd_table WHERE name = 't'")" \
	"$before"
expect 0 "" "$RISKDESK" import --db "$tmp/ap.db" --table t --append \
	"$tmp/app1.csv"
wait "$holder"
expect 2 "--busy-timeout: expected seconds from 0 to 86400, found \"soon\"" \
	"$RISKDESK" profile --busy-timeout soon --db "$tmp/ap.db" --table t

# ---------------------------------------------------- 6. standard output
if [ -w /dev/full ]; then
	expect 4 "cannot write standard output: No space left on device" \
		sh -c '"$0" --help >/dev/full' "$RISKDESK"
	expect 4 "cannot write standard output" \
		sh -c '"$0" --version >/dev/full' "$RISKDESK"
	expect 4 "cannot write" sh -c '"$0" profile --db "$1" --table t >/dev/full' \
		"$RISKDESK" "$tmp/ap.db"
	expect 4 "cannot write" sh -c '"$0" runs --db "$1" >/dev/full' \
		"$RISKDESK" "$db"
	expect 4 "cannot write" sh -c '"$0" points --db "$1" --name german >/dev/full' \
		"$RISKDESK" "$db"
	expect 4 "cannot write" sh -c '"$0" check-policy --db "$1" "$2" >/dev/full' \
		"$RISKDESK" "$db" "$policy"
	expect 4 "cannot write" sh -c '"$0" export --db "$1" --policy "$2" >/dev/full' \
		"$RISKDESK" "$db" "$policy"
	expect 4 "cannot write" sh -c '"$0" export --db "$1" --policy "$2" --format pmml >/dev/full' \
		"$RISKDESK" "$db" "$policy"
	expect 4 "cannot write" sh -c '"$0" --report --db "$1" --policy "$2" --format html >/dev/full' \
		"$RISKDESK" "$db" "$policy"
	expect 4 "cannot write" sh -c '"$0" --report --db "$1" --policy "$2" --format xlsx >/dev/full' \
		"$RISKDESK" "$db" "$policy"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
