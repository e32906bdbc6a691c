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

copy_table() {
	coldefs=$(sqlite_coldefs "$1" "$2")
	printf 'SELECT * FROM "%s" ORDER BY rowid;\n' "$2" >"$tmp/dump.sql"
	sqlite_query "$1" "$tmp/dump.sql" "$tmp/$2.csv" &&
	    pg_load "$2" "$tmp/$2.csv" "$coldefs" >"$tmp/load.out" 2>&1 || {
		echo "FAIL: cannot copy table $2 into PostgreSQL:"
		sed 's/^/  /' "$tmp/load.out"; fails=$((fails + 1)); }
}
