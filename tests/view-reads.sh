#!/bin/sh
# view-reads.sh - a population that is a view, or a table without declared
# column types, or a WITHOUT ROWID table, as a risk officer makes them in
# the sqlite3 shell.  A view's rows have no rowid, so no slice of rowids
# holds them: every step that reads in slices (validate, infer, fit) must
# still read all of them -- the figures equal those of an ordinary table
# holding the same rows -- never silently none (validate, infer and
# its --masked, fit); infer --compare, which finds rows again by rowid,
# refuses a view.  A table without declared
# types gets the type message, not "has no rows", on both infer paths; a
# WITHOUT ROWID table a refusal that says what to do (for infer and its
# --masked the same words on both paths).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/view-reads-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0
. "$top_srcdir/tests/cli-lib.sh"
command -v sqlite3 >/dev/null 2>&1 || {
	echo "view-reads: FAIL: the sqlite3 shell is needed (./bootstrap" \
		"installs it)"; exit 1; }
db="$tmp/v.db"

# German, a third of it declined at the door.
awk -F, '{ sub(/\r$/, "") } NR == 1 { print $0 ",decision"; next }
	{ print $0 "," (NR % 3 == 0 ? "rejected" : "accept") }' \
	"$top_srcdir/data/german_credit.csv" >"$tmp/g.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table german --target \
	creditability --bad bad --reject-when decision=rejected "$tmp/g.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german --name g

# register NAME: NAME known to riskdesk as german is (target, rejects).
register() {
	sqlite3 "$db" "INSERT INTO rd_table SELECT '$1', target, bad, good,
		source, 0, 0, 0, 0 FROM rd_table WHERE name = 'german';
		INSERT INTO rd_reject_rule SELECT '$1', col, value, 0, 0
		FROM rd_reject_rule WHERE tbl = 'german'" || exit 1
}
# The view, and an ordinary table holding the same rows in its order.
sqlite3 "$db" "CREATE VIEW gv AS SELECT * FROM german WHERE rowid % 4 <> 0;
	CREATE TABLE gt AS SELECT * FROM gv" || exit 1
register gv
register gt

# same WHAT CMD...: CMD on the view and on the table (the word TABLE in
# CMD stands for each; --name's X for a name of each) print the same,
# the relation's name aside.
same() {
	what=$1; shift
	for t in gv gt; do
		args=
		for a in "$@"; do
			case $a in
			TABLE) a=$t ;;
			X) a="n_$t" ;;
			esac
			args="$args '$a'"
		done
		eval "\"\$RISKDESK\" $args" >"$tmp/$t.out" 2>"$tmp/$t.err"
		echo "exit $?" >>"$tmp/$t.out"
		sed -e "s/\\<$t\\>/REL/g; s/n_$t/N/g" "$tmp/$t.out" >"$tmp/$t.cmp"
	done
	if cmp -s "$tmp/gv.cmp" "$tmp/gt.cmp" && grep -q '^exit 0$' \
	    "$tmp/gv.cmp"; then
		passes=$((passes + 1))
		echo "ok: $what: the view gives the table's figures"
	else
		echo "FAIL: $what: the view and the table differ:"
		diff "$tmp/gv.cmp" "$tmp/gt.cmp" | head -8
		sed 's/^/  stderr: /' "$tmp/gv.err" | head -4
		fails=$((fails + 1))
	fi
}

same "validate" validate --db "$db" --name g --table TABLE
same "validate --json" validate --db "$db" --name g --table TABLE --json
same "infer fuzzy" infer --db "$db" --table TABLE --from g --name X \
	--method fuzzy
same "infer parceling" infer --db "$db" --table TABLE --from g --name X \
	--method parceling
# --compare finds the inference's rows again by rowid: refused on the
# view, with the way round, on both paths; made on the table.
expect 1 'infer --compare: "gv" is a view, whose rows have no rowid .*CREATE TABLE t AS SELECT' \
	"$RISKDESK" infer --db "$db" --compare --name n_gv
expect 1 'infer --compare: "gv" is a view, whose rows have no rowid' \
	env RISKDESK_INFER_ROWS=1 "$RISKDESK" infer --db "$db" --compare \
	--name n_gv
expect 0 "" "$RISKDESK" infer --db "$db" --compare --name n_gt
same "fit" fit --db "$db" --table TABLE --name X
same "infer --masked" infer --db "$db" --table TABLE --from g --masked 0.3
# Both infer paths on the view: the same bytes.
"$RISKDESK" infer --db "$db" --table gv --from g --name a --method fuzzy \
	>"$tmp/s.out" 2>&1
RISKDESK_INFER_ROWS=1 "$RISKDESK" infer --db "$db" --table gv --from g \
	--name a --method fuzzy >"$tmp/r.out" 2>&1
if cmp -s "$tmp/s.out" "$tmp/r.out" && grep -q 'rejects 2' "$tmp/s.out"; then
	passes=$((passes + 1))
else
	echo "FAIL: infer on the view: the slices and the rows differ:"
	diff "$tmp/s.out" "$tmp/r.out" | head -6
	fails=$((fails + 1))
fi

# No declared types: the same type message either way, never "no rows".
cols=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"', ', ')
	FROM pragma_table_info('german')")
sqlite3 "$db" "CREATE TABLE gu($cols); INSERT INTO gu SELECT * FROM german" ||
	exit 1
register gu
expect 1 "of table 'gu' is text, the scorecard expects numbers" \
	"$RISKDESK" infer --db "$db" --table gu --from g --name u --method fuzzy
expect 1 "of table 'gu' is text, the scorecard expects numbers" \
	env RISKDESK_INFER_ROWS=1 "$RISKDESK" infer --db "$db" --table gu \
	--from g --name u --method fuzzy

# WITHOUT ROWID: a refusal naming the table and the way out.
sqlite3 "$db" "CREATE TABLE gw(rid INTEGER PRIMARY KEY, $cols) WITHOUT ROWID;
	INSERT INTO gw SELECT rowid, * FROM german" || exit 1
register gw
for c in "validate --db $db --name g --table gw" \
    "infer --db $db --table gw --from g --name w --method fuzzy"; do
	# shellcheck disable=SC2086
	expect 1 'cannot (read table|count rows) "gw": it has no rowid .*CREATE TABLE t AS SELECT' \
		"$RISKDESK" $c
done
# infer says the same, word for word, on both paths (in slices and with
# RISKDESK_INFER_ROWS=1), and so does --masked, writing nothing on stdout.
wgw_msg='riskdesk: cannot read table "gw": it has no rowid (a WITHOUT ROWID table), and riskdesk reads a table'"'"'s rows in rowid order: copy it into an ordinary table first (CREATE TABLE t AS SELECT * FROM "gw") and use that'
for rows in "" 1; do
	for c in "--name w --method fuzzy" "--masked 0.3"; do
		# shellcheck disable=SC2086
		expect 1 "" env RISKDESK_INFER_ROWS="$rows" "$RISKDESK" infer \
			--db "$db" --table gw --from g $c
		if [ "$(cat "$tmp/err")" = "$wgw_msg" ]; then passes=$((passes + 1))
		else echo "FAIL: infer $c (RISKDESK_INFER_ROWS=$rows) on a WITHOUT ROWID table:"
			sed 's/^/  stderr: /' "$tmp/err"; fails=$((fails + 1)); fi
		ok "infer $c (RISKDESK_INFER_ROWS=$rows): nothing on stdout" \
			test ! -s "$tmp/out"
	done
done

# Text another program wrote in bytes that are not UTF-8: the fit is
# refused with the characteristic, the bytes and the way out, and stores
# no scorecard (JSON holds UTF-8 only: stored, it could not be read
# back); the table's other uses go on.
sqlite3 "$db" "CREATE TABLE g8 AS SELECT * FROM german;
	UPDATE g8 SET purpose = CAST(X'4142FFFE' AS TEXT)
	WHERE purpose = (SELECT purpose FROM german GROUP BY 1
	ORDER BY count(*) DESC LIMIT 1)" || exit 1
register g8
expect 1 "characteristic 'purpose' of table \"g8\" has a level that is not UTF-8 text \(\"AB\\\\xFF\\\\xFE\"\).*riskdesk import --encoding" \
	"$RISKDESK" fit --db "$db" --table g8 --name g8
ok "no scorecard stored for a fit refused on its text" test \
	"$(sqlite3 "$db" "SELECT count(*) FROM rd_scorecard WHERE name = 'g8'")" = 0
expect 0 "" "$RISKDESK" bin --db "$db" --table g8

echo "view-reads: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
