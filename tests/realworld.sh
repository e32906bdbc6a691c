#!/bin/sh
# realworld.sh - the whole path a risk officer takes (import, profile, bin,
# fit a scorecard, fit --raw, the policy report) on application files
# shaped like card issuers' extracts, written by tests/gen-apps for many
# seeds and kinds: R write.csv headers and row names, ids, dates in several
# formats, sentinels, codes, high-cardinality text, Chinese names, CRLF, a
# BOM; no target, all good, all bad, outcomes for some rows; broken rows.
#
# Every step must give a result (exit 0, JSON with the documented keys and
# the figures the generator counted: rows, bads, goods, rows used,
# knock-outs, applicants per segment) or a clear error (exit 1 to 3 and a
# message on stderr that names the file, table, scorecard, policy or a
# column); never a signal, a sanitizer report, an allocator abort, an empty
# message, output that is not UTF-8 or a stall.  Where a result is due (a valid file; a target with
# goods and bads) an error fails, and where an error is due (a scorecard
# without goods or bads) a result fails.  A refused import leaves the
# database as it was (its SQL dump before and after) and creates no
# database file.
#
# Environment: RISKDESK (the binary), top_builddir (for tests/gen-apps);
# REALWORLD_TIMEOUT, the seconds a step may take (default 60);
# REALWORLD_BIG=1 adds a 220,000-row file with a 100,000-level column.
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_builddir:?}"
gen="$top_builddir/tests/gen-apps"
limit=${REALWORLD_TIMEOUT:-60}
if ! command -v python3 >/dev/null 2>&1; then
	echo "realworld: python3 is needed to read the JSON; skipped"
	exit 77
fi
if [ ! -x "$gen" ]; then
	echo "realworld: $gen is not built"
	exit 99
fi
tmp="$top_builddir/realworld-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/desk.db"
fails=0; passes=0

# ----------------------------------------------------------- the JSON checks
# check.py <list>: each line of the list names a step's JSON output and the
# generator's --meta file; prints "ok" or "FAIL: ..." a line.  One process
# for the whole run (a Python start costs more than most steps).
cat >"$tmp/check.py" <<'PY'
import json, sys


class Failed(Exception):
    pass


def fail(msg):
    raise Failed(msg)


def need(obj, where, *keys):
    if not isinstance(obj, dict):
        fail("%s is not an object" % where)
    for k in keys:
        if k not in obj:
            fail("%s lacks \"%s\"" % (where, k))


def same(what, got, want):
    if got != want:
        fail("%s is %r, the file has %r" % (what, got, want))


def read_meta(path):
    meta, columns, segments = {}, [], {}
    for line in open(path, encoding="utf-8"):
        k, _, v = line.rstrip("\n").partition("=")
        if k == "column":
            columns.append(v)
        elif k == "segment":
            name, _, n = v.rpartition(":")
            segments[name] = int(n)
        else:
            meta[k] = v
    return meta, columns, segments


def check(step, path, metapath, rejected):
    meta, columns, segments = read_meta(metapath)
    rows = int(meta["rows"])
    target = "target" in meta
    try:
        d = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        fail("stdout is not JSON: %s" % e)
    if step == "import":
        need(d, "import", "table", "rows_imported", "rows_rejected",
             "columns")
        same("rows_imported", d["rows_imported"], rows - rejected)
        same("rows_rejected", d["rows_rejected"], rejected)
        names = [c.get("name") for c in d["columns"]]
        same("the number of columns", len(names), len(columns))
        for c in columns:
            if c and c not in names:
                fail("column \"%s\" of the file is not among %r" % (c, names))
        if target and not rejected:
            need(d, "import", "bads", "goods", "indeterminate")
            same("bads", d["bads"], int(meta["bads"]))
            same("goods", d["goods"], int(meta["goods"]))
            same("indeterminate", d["indeterminate"], int(meta["unknown"]))
    elif step == "profile":
        need(d, "profile", "table", "rows", "columns")
        same("rows", d["rows"], rows)
    elif step == "bin":
        need(d, "bin", "characteristics")
        for c in d["characteristics"]:
            need(c, "characteristic", "name", "bins")
        if target:
            need(d, "bin", "goods", "bads")
            same("goods", d["goods"], int(meta["goods"]))
            same("bads", d["bads"], int(meta["bads"]))
    elif step == "fit":
        need(d, "fit", "coefficients", "n_used", "n_bad", "auc",
             "characteristics")
        same("n_used", d["n_used"], int(meta["goods"]) + int(meta["bads"]))
        same("n_bad", d["n_bad"], int(meta["bads"]))
        # Ids and row numbers (named or not) are never characteristics.
        ids = {meta.get("id"), "seq_no"}
        for c in d["characteristics"]:
            name = c.get("name")
            if name in ids or name not in columns:
                fail("identifier \"%s\" is a characteristic of the "
                     "scorecard" % name)
    elif step == "raw":
        need(d, "fit --raw", "coefficients", "n_used", "converged")
        same("n_used", d["n_used"], int(meta["raw_complete"]))
        if d["converged"] is not True:
            fail("converged is %r" % d["converged"])
    elif step == "raw_separating":
        need(d, "fit --raw", "coefficients", "n_used")
    elif step == "report":
        need(d, "report", "model", "policy", "segments")
        need(d["policy"], "policy", "applicants", "knocked_out",
             "approval_rate")
        same("applicants", d["policy"]["applicants"], rows)
        same("knocked_out", d["policy"]["knocked_out"],
             int(meta["knocked_out"]))
        for s in d["segments"]:
            need(s, "segment", "name", "applicants")
            same("applicants of segment \"%s\"" % s["name"],
                 s["applicants"], segments.get(s["name"], 0))
    else:
        fail("unknown step " + step)


for line in open(sys.argv[1], encoding="utf-8"):
    case, step, path, metapath, rejected = line.rstrip("\n").split("\t")
    try:
        check(step, path, metapath, int(rejected))
        print("ok")
    except Failed as e:
        print("FAIL: %s %s: %s" % (case, step, e))
PY
: >"$tmp/checks"

# ----------------------------------------------------------- running a step
fail() {
	fails=$((fails + 1))
	echo "FAIL: $*"
}

# step <case> <step> <want> <command...>: run the command (at most $limit
# seconds) and judge it.  want: ok (a result is due), err (a clear error is
# due), any (either).  Returns 0 when judged right; leaves the exit status
# in $rc and the output in $tmp/out and $tmp/err.
step() {
	st_case=$1; st_step=$2; st_want=$3; shift 3
	timeout -k 5 "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	why=""
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="no answer within $limit s (stall)"
	elif [ "$rc" -ge 128 ]; then
		why="killed by signal $((rc - 128))"
	elif grep -qE 'Sanitizer|runtime error:|Segmentation fault|malloc\(\)|free\(\)|corrupted|double free|stack smashing|Assertion .* failed' "$tmp/err"; then
		why="crash report on stderr"
	elif [ "$rc" -eq 0 ] && [ "$st_want" = err ]; then
		why="exit 0 where an error is due"
	elif [ "$rc" -ne 0 ] && [ "$st_want" = ok ]; then
		why="exit $rc where a result is due"
	elif [ "$rc" -gt 3 ]; then
		why="exit $rc (neither a result nor bad input)"
	elif [ "$rc" -ne 0 ] && ! grep -q '[^[:space:]]' "$tmp/err"; then
		why="exit $rc with nothing on stderr"
	elif [ "$rc" -ne 0 ] && ! grep -qF -f "$names" "$tmp/err"; then
		why="exit $rc with a message naming no file, table or column"
	elif ! iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 ||
	    ! iconv -f UTF-8 -t UTF-8 "$tmp/err" >/dev/null 2>&1; then
		why="output that is not UTF-8 (a character cut in two?)"
	fi
	if [ -z "$why" ]; then
		passes=$((passes + 1))
		return 0
	fi
	fail "$st_case $st_step: $why"
	echo "  command: $*"
	head -n 8 "$tmp/err" | cut -c1-300 | sed 's/^/  stderr: /'
	return 1
}

# figures <case> <step> [rejected]: when the last step gave a result, keep
# its JSON to check against the file's figures at the end.
nout=0
figures() {
	[ "$rc" -eq 0 ] || return 0
	nout=$((nout + 1))
	cp "$tmp/out" "$tmp/json.$nout"
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$tmp/json.$nout" "$meta" \
	    "${3:-0}" >>"$tmp/checks"
}

# The database's content, to compare around a refused import.
snapshot() {
	if [ -e "$1" ]; then
		if command -v sqlite3 >/dev/null 2>&1; then
			sqlite3 "$1" .dump 2>&1
		else
			cat "$1"
		fi
	fi
	for f in "$1-journal" "$1-wal" "$1-shm"; do
		[ ! -e "$f" ] || echo "left behind: $f"
	done
}

# import_kept <case> <import options...>: an import into the working
# database; when refused, the database must be as it was.
import_kept() {
	ik_case=$1; shift
	cp "$db" "$tmp/before.db" 2>/dev/null || rm -f "$tmp/before.db"
	step "$ik_case" import "$ik_want" "$RISKDESK" import --db "$db" "$@"
	ik_ok=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; then
		snapshot "$tmp/before.db" | sed 's/before\.db/desk.db/' \
		    >"$tmp/before"
		snapshot "$db" >"$tmp/after"
		if cmp -s "$tmp/before" "$tmp/after"; then
			passes=$((passes + 1))
		else
			fail "$ik_case import: the refused import changed the database"
			diff "$tmp/before" "$tmp/after" | head -n 5 | cut -c1-200
		fi
	fi
	return "$ik_ok"
}

# ----------------------------------------------------------- one case
# new_case <case> <gen-apps options...>: write the file, its --meta and its
# policy; sets csv, meta, policy, table, card and the names a message may
# give ($names).
names="$tmp/names"
new_case() {
	nc_name=$1; shift
	dir="$tmp/$nc_name"; mkdir -p "$dir"
	csv="$dir/apps-$nc_name.csv"; meta="$dir/meta"
	policy="$dir/policy-$nc_name.yaml"
	table=$(echo "t_$nc_name" | tr -c 'A-Za-z0-9_\n' '_')
	card="sc_$table"
	"$gen" "$@" --meta "$meta" --policy "$policy" --scorecard "$card" \
	    --population "$table" >"$csv" ||
	    { echo "realworld: gen-apps $* failed"; exit 99; }
	{
		echo "apps-$nc_name.csv"; echo "$table"; echo "$card"
		echo "policy-$nc_name.yaml"
		sed -n 's/^column=\(..*\)/"\1"/p' "$meta"
		sed -n "s/^column=\(..*\)/'\1'/p" "$meta"
		sed -n "s/^column=\(..*\)/'\1=/p" "$meta"
		# Names of five bytes or more also bare ("first app_id: ...").
		sed -n 's/^column=\(.....*\)/\1/p' "$meta"
	} >"$names"
}

metaval() { sed -n "s/^$1=//p" "$meta"; }

# The scorecard a report falls back on when the case has none of its own
# (no target, all good, all bad, too few rows, or its fit failed): fitted
# on a plain file whose characteristics every generated file has.
new_case reference --seed 1000 --rows 4000 --without \
	rownames,bom,crlf,id,seq,dates,leadzero,constant,allmissing,employer,postcode,separating,notes
ik_want=ok
import_kept reference --table reference --target bad --bad 1 "$csv"
refcard=""
step reference fit ok "$RISKDESK" fit --db "$db" --table reference \
	--name reference && refcard=reference

# pipeline <case> <expect> <gen-apps options...>: import, profile, bin,
# fit, fit --raw (without and with the separating characteristic), the
# report (JSON and text).  expect: full (goods and bads enough for every
# step), some (from bin on a result or a clear error), none (no usable
# target: the fits must refuse).
pipeline() {
	pl_case=$1; expect=$2; shift 2
	new_case "$pl_case" "$@"
	case $expect in
	full) want_bin=ok; want_fit=ok ;;
	some) want_bin=any; want_fit=any ;;
	none) want_bin=any; want_fit=err ;;
	esac
	set -- --target bad --bad 1
	[ -n "$(metaval target)" ] || set --
	ik_want=ok
	import_kept "$pl_case" --table "$table" "$@" --json "$csv" || return 0
	figures "$pl_case" import
	step "$pl_case" profile ok "$RISKDESK" profile --db "$db" \
	    --table "$table" --json && figures "$pl_case" profile
	step "$pl_case" bin "$want_bin" "$RISKDESK" bin --db "$db" \
	    --table "$table" --json && figures "$pl_case" bin
	[ "$expect" != full ] || step "$pl_case" bin-text ok "$RISKDESK" bin \
	    --db "$db" --table "$table"
	own=""
	step "$pl_case" fit "$want_fit" "$RISKDESK" fit --db "$db" \
	    --table "$table" --name "$card" --json && figures "$pl_case" fit &&
	    [ "$rc" -eq 0 ] && own=$card
	step "$pl_case" fit-raw "$want_fit" "$RISKDESK" fit --db "$db" \
	    --table "$table" --raw --vars "$(metaval raw)" --json &&
	    figures "$pl_case" raw
	sep=$(metaval separating)
	if [ -n "$sep" ]; then
		# A separating characteristic: estimates with a warning, or a
		# refusal that names it.
		w=$want_fit; [ "$w" = ok ] && w=any
		step "$pl_case" fit-raw-separating "$w" "$RISKDESK" fit \
		    --db "$db" --table "$table" --raw \
		    --vars "$(metaval raw_separating)" --json &&
		    figures "$pl_case" raw_separating
		if [ "$expect" = full ] && [ "$rc" -ge 1 ] && [ "$rc" -le 3 ] &&
		    ! grep -qF "$sep" "$tmp/err"; then
			fail "$pl_case fit-raw-separating: exit $rc without naming $sep"
		fi
	fi
	[ -n "$own" ] || own=$refcard
	if [ -z "$own" ]; then
		echo "SKIP: $pl_case report: no scorecard"
		return 0
	fi
	sed "s/^scorecard: .*/scorecard: $own/" "$policy" >"$policy.tmp" &&
	    mv "$policy.tmp" "$policy"
	step "$pl_case" report ok "$RISKDESK" --report --db "$db" \
	    --policy "$policy" --format json && figures "$pl_case" report
	step "$pl_case" report-text ok "$RISKDESK" --report --db "$db" \
	    --policy "$policy"
}

# refused <case> <import options> -- <gen-apps options...>: a broken file
# is refused at its line, into a fresh path (no database file left) and
# into the working database (its content unchanged).
refused() {
	rf_case=$1; opts=$2; shift 3
	new_case "$rf_case" "$@"
	line=$(metaval defect_line)
	fresh="$tmp/fresh-$rf_case.db"
	# shellcheck disable=SC2086
	step "$rf_case" import-fresh err "$RISKDESK" import --db "$fresh" \
	    --table "$table" --target bad --bad 1 $opts "$csv"
	snapshot "$fresh" >"$tmp/after"
	if [ -s "$tmp/after" ]; then
		fail "$rf_case import-fresh: the refused import left a database file behind"
	else
		passes=$((passes + 1))
	fi
	ik_want=err
	# shellcheck disable=SC2086
	import_kept "$rf_case" --table "$table" --target bad --bad 1 $opts \
	    "$csv" || return 0
	if grep -qE "apps-$rf_case\.csv:$line(:|\$| )" "$tmp/err"; then
		passes=$((passes + 1))
	else
		fail "$rf_case import: not located at apps-$rf_case.csv:$line"
	fi
}

# ----------------------------------------------------------- the cases
# Seeds pick the formatting: R write.csv header and row names (r), BOM
# (b), CRLF (c).  Seeds 12 none, 8 b, 17 c, 3 bc, 2 r, 1 rb, 20 rc, 6 rbc.
for seed in 12 8 17 3 2 1 20 6; do
	pipeline "standard-$seed" full --seed "$seed" --rows 3000
done
pipeline wide-16 full --seed 16 --rows 20000
pipeline partial-11 full --seed 11 --rows 3000 --kind partial
pipeline partial-15 full --seed 15 --rows 3000 --kind partial
pipeline no-target-21 none --seed 21 --rows 2000 --kind no-target
pipeline no-target-25 none --seed 25 --rows 2000 --kind no-target
pipeline all-good-31 none --seed 31 --rows 1000 --kind all-good
pipeline all-bad-41 none --seed 41 --rows 1000 --kind all-bad
pipeline tiny-1 some --seed 51 --rows 1
pipeline tiny-3 some --seed 52 --rows 3
pipeline tiny-40 some --seed 53 --rows 40
if [ -n "${REALWORLD_BIG:-}" ]; then
	pipeline levels-100000 full --seed 71 --rows 220000 --levels 100000
fi
# REALWORLD_SEEDS="<first> <last>": one more case a seed, the kind and the
# size taken in turn (a longer search by hand).
if [ -n "${REALWORLD_SEEDS:-}" ]; then
	# shellcheck disable=SC2086
	set -- $REALWORLD_SEEDS
	seed=$1
	while [ "$seed" -le "$2" ]; do
		set -- "$1" "$2" standard partial no-target all-good all-bad
		shift $((2 + seed % 5))
		kind=$1
		set -- $REALWORLD_SEEDS 50 300 1500 6000
		shift $((2 + seed / 5 % 4))
		rows=$1
		set -- $REALWORLD_SEEDS
		case $kind in
		standard|partial) [ "$rows" -ge 1500 ] && ex=full || ex=some ;;
		*) ex=none ;;
		esac
		pipeline "$kind-$seed" "$ex" --seed "$seed" --rows "$rows" \
		    --kind "$kind"
		seed=$((seed + 1))
	done
fi

# A quoted column name misspelt in a policy is an error at the policy, not
# a string that every applicant matches.
new_case typo --seed 12 --rows 10
if [ -n "$refcard" ]; then
	cat >"$policy" <<EOF
name: typo
scorecard: $refcard
population: reference
loss: {lgd: 0.45, ead: '"requested limit"'}
knockouts:
  - name: over_indebted
    when: '"debt ratio" > 1.2'
    reason: KO03
segments:
  - name: default
    cutoff: 530
EOF
	step typo report err "$RISKDESK" --report --db "$db" --policy "$policy"
fi

# Broken files, with CRLF and a BOM but a named first column, so that the
# defect is the first thing wrong.
refused short-row --strict -- --seed 81 --rows 500 --defect short-row \
	--with bom,crlf --without rownames
refused bad-utf8 "" -- --seed 82 --rows 500 --defect bad-utf8 \
	--with bom,crlf --without rownames
refused unterminated "" -- --seed 83 --rows 500 --defect unterminated \
	--with bom,crlf --without rownames
refused dup-id "--id app_id" -- --seed 84 --rows 500 --defect dup-id \
	--with bom,crlf --without rownames

# Without --strict a short row is rejected and the rest imported.
new_case short-row-lenient --seed 85 --rows 500 --defect short-row \
	--without rownames
ik_want=ok
import_kept short-row-lenient --table "$table" --target bad --bad 1 \
	--json "$csv" && figures short-row-lenient import 1

# The figures of every result, in one go.
if python3 "$tmp/check.py" "$tmp/checks" >"$tmp/checked"; then
	grep '^FAIL' "$tmp/checked"
	passes=$((passes + $(grep -c '^ok' "$tmp/checked")))
	fails=$((fails + $(grep -c '^FAIL' "$tmp/checked")))
else
	fail "check.py stopped"
fi
echo "realworld: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
