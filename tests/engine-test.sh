# engine-test.sh - the common start of the tests that hold an --engine
# path equal to the SQLite path (tests/engine-*.sh); sourced after
# "set -u" and the checks of top_srcdir and RISKDESK.
#
#   engine_test_start NAME
#       a scratch folder $tmp ($top_builddir/NAME.<pid>, removed at exit),
#       passes=0 and fails=0, tests/cli-lib.sh and tests/engine-lib.sh
#       sourced, PostgreSQL required (engine_need: skipped without it, a
#       failure under RISKDESK_REQUIRE_ENGINES=1), python3 and the sqlite3
#       shell required (a failure naming the missing one), a private
#       server started in $tmp/pg (stopped at exit) and $conn the libpq
#       key=value string that reaches it; top_srcdir exported, so that
#       the tests' python finds tests/json_same.py (the figure by figure
#       comparison of two JSON reports).
#   copy_table DB TABLE
#       the riskdesk table into the server as it is stored (REAL values
#       with 17 significant digits: the same doubles); a failure counted
#       in $fails with what pg_load said.

engine_test_start() {
	: "${top_builddir:=$top_srcdir}"
	# The tests' python reads tests/json_same.py from here.
	export top_srcdir
	tmp="$top_builddir/$1.$$"
	rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
	fails=0; passes=0
	. "$top_srcdir/tests/cli-lib.sh"
	. "$top_srcdir/tests/engine-lib.sh"
	engine_on_exit='rm -rf "$tmp"'
	trap 'eval "$engine_on_exit"' EXIT
	engine_need postgresql
	echo "engine: $(engine_version postgresql)"
	for _et in python3 sqlite3; do
		if ! command -v $_et >/dev/null 2>&1; then
			echo "$1: FAIL: $_et is needed to read the reports and copy the tables (bootstrap installs it)"
			exit 1
		fi
	done
	pg_start "$tmp/pg" || { echo "FAIL: the PostgreSQL server did not start"; exit 1; }
	conn="host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER"
}

# big53 DB ROWS: a table big53 of ROWS rows (a multiple of 6) in the
# riskdesk database DB and in the engine, whose bigint column e holds
# 9007199254740993 and ...995 (integers past 2^53 that no double holds:
# they are the doubles ...992 and ...996; ROWS / 3 such cells),
# 9007199254740992 and small integers, column f 10^16 (which a double
# holds) and small integers, and the real r 1e300 (whose square is past
# the largest double) and small values; y, the outcome, is not a
# function of e.
big53() {
	awk -v n="$2" 'BEGIN { print "y,e,f,r"; for (i = 0; i < n; i++) {
	k = i % 6; e = i % 5; f = i % 7; r = i % 4
	if (k == 0) { e = "9007199254740993"; f = "10000000000000000"; r = "1e300" }
	if (k == 1) e = "9007199254740995"
	if (k == 2) e = "9007199254740992"
	printf "%d,%s,%s,%s\n", (i % 3 == 0) != (k == 1 && i % 4 == 1), e, f, r } }' \
	    >"$tmp/big53.csv"
	expect 0 "" "$RISKDESK" import --db "$1" --table big53 --target y \
		--bad 1 --role e=ordinary --role f=ordinary "$tmp/big53.csv"
	pg_load big53 "$tmp/big53.csv" '"y" INTEGER, "e" BIGINT, "f" BIGINT, "r" DOUBLE PRECISION' \
	    >"$tmp/load.out" 2>&1 || { echo "FAIL: cannot load big53:"
		sed 's/^/  /' "$tmp/load.out"; fails=$((fails + 1)); }
}

copy_table() {
	coldefs=$(sqlite_coldefs "$1" "$2")
	printf 'SELECT * FROM "%s" ORDER BY rowid;\n' "$2" >"$tmp/dump.sql"
	sqlite_query "$1" "$tmp/dump.sql" "$tmp/$2.csv" &&
	    pg_load "$2" "$tmp/$2.csv" "$coldefs" >"$tmp/load.out" 2>&1 || {
		echo "FAIL: cannot copy table $2 into PostgreSQL:"
		sed 's/^/  /' "$tmp/load.out"; fails=$((fails + 1)); }
}
