#!/bin/sh
# engine-lib-selftest.sh - the engine harness (tests/engine-lib.sh) on a
# small table whose results are worked out by hand below:
#   1. the same CSV (NULLs, NaN in a double column, text with commas,
#      quotes and a line break, whole numbers) loads into SQLite,
#      PostgreSQL and DuckDB with the declared types; a wrong header and a
#      '1.5' in a whole-number column are refused by every loader;
#   2. one query gives, per engine, the values written out below:
#      integer division truncates in SQLite and PostgreSQL and not in
#      DuckDB; NaN is larger than every number in PostgreSQL and DuckDB
#      and NULL in SQLite; CASE with NULL; NULL || text;
#   3. the portable part of the query gives equal files in the three
#      engines, and csv_compare finds every change made on purpose (a
#      cell, a text, a missing row), honours its tolerance, and refuses
#      files it cannot compare;
#   4. the private PostgreSQL server stops: after pg_stop (pg_ctl status
#      3, no process left on its data folder), and when the test fails
#      between pg_start and pg_stop (the exit trap);
#   5. a missing engine is a loud SKIP, or a failure with
#      RISKDESK_REQUIRE_ENGINES=1;
#   6. the differences between the engines that SQL written for all of
#      them must handle, as these versions behave (integer division,
#      ROUND and CAST to INTEGER at .5, LEAST with NULL, NaN, NULL
#      ordering, literal types, division by zero): a new engine version
#      that behaves otherwise fails here first.
# An engine that is not installed is skipped with its reason on stderr;
# the test then ends in SKIP (exit 77) rather than PASS.
set -u
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/engine-lib-selftest.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"
. "$top_srcdir/tests/engine-lib.sh"
engine_on_exit='rm -rf "$tmp"'
trap 'eval "$engine_on_exit"' EXIT

# ok_rc <want> <message> <command...>: the command exits with <want>.
ok_rc() {
	want=$1; msg=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then passes=$((passes + 1))
	else echo "FAIL: $msg: exit $got, wanted $want"
		sed 's/^/  out: /' "$tmp/out"; sed 's/^/  err: /' "$tmp/err"
		fails=$((fails + 1)); fi
}

# gone PID: the server's process PID and its children have ended.  An
# ended process may stay a zombie until its new parent (init, here)
# reaps it; a zombie has ended.
gone() {
	left=$( { ps -o stat=,pid= -p "$1"; ps -o stat=,pid= --ppid "$1"; } |
	    awk '$1 !~ /^Z/')
	if [ -z "$1" ] || [ -n "$left" ]; then
		echo "FAIL: the server's process ${1:-?} or a child of it is left:"
		echo "$left"
		fails=$((fails + 1))
	else passes=$((passes + 1)); fi
}

# ---------------------------------------------------------------- 5. skips
# (first: it needs no engine)
(
	PATH=/nonexistent
	RISKDESK_REQUIRE_ENGINES=0
	engine_want sqlite3
	echo "returned $?"
) >"$tmp/want.out" 2>"$tmp/want.err"
same "engine_want without sqlite3 returns" "$(cat "$tmp/want.out")" \
	"returned 1"
has() { grep -qF -- "$2" "$1" && passes=$((passes + 1)) ||
	{ echo "FAIL: $1 lacks '$2'"; sed 's/^/  /' "$1"; fails=$((fails + 1)); }; }
has "$tmp/want.err" "SKIP: sqlite3 not available: no sqlite3 program in PATH (Debian package sqlite3); ./bootstrap check installs it"
(PATH=/nonexistent; RISKDESK_REQUIRE_ENGINES=0; engine_need sqlite3;
	echo "went on") >"$tmp/want.out" 2>/dev/null
same "engine_need without sqlite3 exits" "$?:$(cat "$tmp/want.out")" "77:"
(PATH=/nonexistent; RISKDESK_REQUIRE_ENGINES=1; engine_want sqlite3;
	echo "went on") >"$tmp/want.out" 2>"$tmp/want.err"
same "engine_want without sqlite3, engines required, exits" \
	"$?:$(cat "$tmp/want.out")" "1:"
has "$tmp/want.err" "FAIL: RISKDESK_REQUIRE_ENGINES=1 and sqlite3 is not available"
(top_builddir=$tmp; top_srcdir=$tmp; engine_want duckdb) 2>"$tmp/want.err"
same "engine_want without @duckdb/node-api returns" "$?" 1
has "$tmp/want.err" "SKIP: duckdb not available: @duckdb/node-api is not installed in $tmp/tests/node"

skipped=""
have_sqlite=0; have_pg=0; have_duck=0
engine_want sqlite3 && have_sqlite=1 || skipped="$skipped sqlite3"
engine_want postgresql && have_pg=1 || skipped="$skipped postgresql"
engine_want duckdb && have_duck=1 || skipped="$skipped duckdb"
# csv_compare itself needs the sqlite3 shell.
[ $have_sqlite -eq 1 ] || exit 77
for e in sqlite3 postgresql duckdb; do
	engine_have $e && echo "engine-lib-selftest: $(engine_version $e)"
done

# ---------------------------------------------------------------- data
# id,n,d,x,label: row 2 has NaN in x; row 3 a NULL n and an empty label
# (NULL); row 4 a NULL d and a label with a line break; row 5 a NULL x.
cat >"$tmp/sample.csv" <<'EOF'
id,n,d,x,label
1,7,2,2.5,"Smith, ""Jr"""
2,-7,2,NaN,plain
3,,3,-0.125,""
4,9,,1e100,"two
lines"
5,0,4,,x
EOF
defs='id INTEGER, n INTEGER, d INTEGER, x DOUBLE PRECISION, label TEXT'
# The header names the columns in another order; a whole-number column
# holds 1.5.
printf 'id,d,n,x,label\n1,2,7,2.5,a\n' >"$tmp/bad-header.csv"
printf 'id,n,d,x,label\n1,1.5,2,2.5,a\n' >"$tmp/bad-int.csv"

# One query, in the SQL the three engines share.
cat >"$tmp/all.sql" <<'EOF'
SELECT id,
  n / d AS int_div,
  CAST(n AS DOUBLE PRECISION) / d AS real_div,
  COALESCE(n, -1) AS n_or,
  CASE WHEN x IS NULL THEN 'null' WHEN x > 1e99 THEN 'huge'
       WHEN x > 0 THEN 'positive' ELSE 'other' END AS x_class,
  x * 2 AS x2,
  length(label) AS len,
  label || '!' AS shout
FROM sample
ORDER BY id;
EOF
# The results by hand.  int_div: 7/2 and -7/2 truncate to 3 and -3 in
# SQLite and PostgreSQL; DuckDB's / on integers is real division (3.5,
# -3.5); 0/4 = 0; a NULL operand gives NULL.  real_div: 3.5, -3.5, NULL,
# NULL, 0.  x_class: NaN > 1e99 holds in PostgreSQL and DuckDB (NaN is
# above every number), SQLite stored the NaN as NULL.  x2: 2 * 2.5 = 5,
# 2 * -0.125 = -0.25 and 2 * 1e100 = 2e100 (all exact doubles: 1e100 * 2
# doubles the same mantissa), NaN or NULL.  len: 'Smith, "Jr"' has 11
# characters, 'two' LF 'lines' 9.  shout: NULL || '!' is NULL.
cat >"$tmp/want-postgresql.csv" <<'EOF'
id,int_div,real_div,n_or,x_class,x2,len,shout
1,3,3.5,7,positive,5,11,"Smith, ""Jr""!"
2,-3,-3.5,-7,huge,NaN,5,plain!
3,,,-1,other,-0.25,,
4,,,9,huge,2e+100,9,"two
lines!"
5,0,0,0,null,,1,x!
EOF
sed -e '2s/^1,3,/1,3.5,/' -e '3s/^2,-3,/2,-3.5,/' \
	"$tmp/want-postgresql.csv" >"$tmp/want-duckdb.csv"
sed -e '3s/,huge,NaN,/,null,,/' \
	"$tmp/want-postgresql.csv" >"$tmp/want-sqlite3.csv"

# The part that must agree everywhere.
cat >"$tmp/common.sql" <<'EOF'
SELECT id, CAST(n AS DOUBLE PRECISION) / d AS real_div,
  COALESCE(n, -1) AS n_or, length(label) AS len, label || '!' AS shout,
  CASE WHEN n IS NULL THEN 'no n' WHEN n < 0 THEN 'negative'
       ELSE 'other' END AS n_class
FROM sample
ORDER BY id
EOF

# ---------------------------------------------------------------- 6. dialects
# One row of facts; @LEAST@ and @TYPEOF@ are each engine's spelling.
# Booleans are cast to INTEGER (the engines print them differently).
cat >"$tmp/dialect.sql.in" <<'EOF'
SELECT 1 AS k,
  7 / 2 AS int_div, -7 / 2 AS int_div_neg, -7 % 2 AS int_mod_neg,
  ROUND(CAST(2.5 AS DOUBLE PRECISION)) AS round_dbl,
  ROUND(CAST(-2.5 AS DOUBLE PRECISION)) AS round_dbl_neg,
  ROUND(2.5) AS round_lit,
  CAST(CAST(2.7 AS DOUBLE PRECISION) AS INTEGER) AS int_of_2_7,
  CAST(CAST(2.5 AS DOUBLE PRECISION) AS INTEGER) AS int_of_2_5,
  CAST(2.5 AS INTEGER) AS int_of_lit_2_5,
  LOG(100) AS log_100, LN(EXP(1)) AS ln_e,
  length('a\nb') AS backslash_len,
  CAST((1 < 2) AS INTEGER) AS bool_int,
  CAST(('a' || NULL) IS NULL AS INTEGER) AS concat_null,
  @LEAST@(1, NULL) AS least_null,
  CAST('NaN' AS DOUBLE PRECISION) AS nan_text,
  CAST(CAST('NaN' AS DOUBLE PRECISION) > CAST('Infinity' AS DOUBLE PRECISION) AS INTEGER) AS nan_gt_inf,
  CAST(CAST('NaN' AS DOUBLE PRECISION) = CAST('NaN' AS DOUBLE PRECISION) AS INTEGER) AS nan_eq_nan,
  (SELECT CAST(v IS NULL AS INTEGER) FROM (SELECT 2 AS v UNION ALL
    SELECT NULL UNION ALL SELECT 1) AS t ORDER BY v LIMIT 1) AS null_first,
  CAST(@TYPEOF@(1.5e0) AS TEXT) AS type_1_5e0,
  CAST(@TYPEOF@(1.5) AS TEXT) AS type_1_5,
  1.5e0 * 3 AS exp_lit_times_3
EOF
# By engine (SQLite 3.40, PostgreSQL 15, DuckDB 1.5): / on integers
# truncates in SQLite and PostgreSQL, is real division in DuckDB; ROUND of
# a double at .5 goes away from zero in SQLite and DuckDB, to even in
# PostgreSQL (rint), while PostgreSQL's ROUND of the numeric literal 2.5
# goes away from zero; CAST of a double to INTEGER truncates in SQLite,
# rounds to the nearest (ties to even) in PostgreSQL and DuckDB, and a
# decimal literal 2.5 rounds away from zero there; LOG(x) is base 10 in
# all three; '\n' is two characters (no backslash escapes in standard
# strings); SQLite has no LEAST (its two-argument min() is NULL when an
# argument is) and no NaN: CAST('NaN' AS REAL) is 0.0 and NaN
# comparisons are those of 0.0; in PostgreSQL and DuckDB NaN = NaN and
# NaN is above Infinity; NULL sorts first ascending in SQLite, last in
# the other two; 1.5e0 is a REAL in SQLite, a NUMERIC in PostgreSQL (so
# 1.5e0 * 3 is decimal arithmetic), a DOUBLE in DuckDB, and 1.5 a
# DECIMAL(2,1) there.
cat >"$tmp/dialect-sqlite3.csv" <<'EOF'
k,int_div,int_div_neg,int_mod_neg,round_dbl,round_dbl_neg,round_lit,int_of_2_7,int_of_2_5,int_of_lit_2_5,log_100,ln_e,backslash_len,bool_int,concat_null,least_null,nan_text,nan_gt_inf,nan_eq_nan,null_first,type_1_5e0,type_1_5,exp_lit_times_3
1,3,-3,-1,3,-3,3,2,2,2,2,1,4,1,1,,0,0,1,1,real,real,4.5
EOF
cat >"$tmp/dialect-postgresql.csv" <<'EOF'
k,int_div,int_div_neg,int_mod_neg,round_dbl,round_dbl_neg,round_lit,int_of_2_7,int_of_2_5,int_of_lit_2_5,log_100,ln_e,backslash_len,bool_int,concat_null,least_null,nan_text,nan_gt_inf,nan_eq_nan,null_first,type_1_5e0,type_1_5,exp_lit_times_3
1,3,-3,-1,2,-2,3,3,2,3,2,1,4,1,1,1,NaN,1,1,0,numeric,numeric,4.5
EOF
cat >"$tmp/dialect-duckdb.csv" <<'EOF'
k,int_div,int_div_neg,int_mod_neg,round_dbl,round_dbl_neg,round_lit,int_of_2_7,int_of_2_5,int_of_lit_2_5,log_100,ln_e,backslash_len,bool_int,concat_null,least_null,nan_text,nan_gt_inf,nan_eq_nan,null_first,type_1_5e0,type_1_5,exp_lit_times_3
1,3.5,-3.5,-1,3,-3,3,3,2,3,2,1,4,1,1,1,NaN,1,1,0,DOUBLE,"DECIMAL(2,1)",4.5
EOF
sed -e 's/@LEAST@/min/' -e 's/@TYPEOF@/typeof/' "$tmp/dialect.sql.in" \
	>"$tmp/dialect-sqlite3.sql"
sed -e 's/@LEAST@/LEAST/' -e 's/@TYPEOF@/pg_typeof/' \
	"$tmp/dialect.sql.in" >"$tmp/dialect-postgresql.sql"
sed -e 's/@LEAST@/LEAST/' -e 's/@TYPEOF@/typeof/' "$tmp/dialect.sql.in" \
	>"$tmp/dialect-duckdb.sql"
engines=""

# ---------------------------------------------------------------- SQLite
if [ $have_sqlite -eq 1 ]; then
	engines="$engines sqlite3"
	db=$tmp/s.db
	ok_rc 0 "sqlite_load" sqlite_load "$db" sample "$tmp/sample.csv" "$defs"
	# The NaN is said to be NULL, not dropped silently.
	has "$tmp/err" "sample.csv: 1 NaN values of column x stored as NULL (SQLite has no NaN)"
	same "SQLite column types" "$(sqlite3 "$db" "SELECT group_concat(t, ' ') FROM (SELECT typeof(id) || '/' || typeof(n) || '/' || typeof(d) || '/' || typeof(x) || '/' || typeof(label) AS t FROM sample ORDER BY id)")" \
		"integer/integer/integer/real/text integer/integer/integer/null/text integer/null/integer/real/null integer/integer/null/real/text integer/integer/integer/null/text"
	ok_rc 1 "sqlite_load of a wrong header" sqlite_load "$db" bad \
		"$tmp/bad-header.csv" "$defs"
	has "$tmp/err" "bad-header.csv:1: expected the header id,n,d,x,label (the columns of table bad in order), found id,d,n,x,label"
	ok_rc 1 "sqlite_load of 1.5 in a whole-number column" sqlite_load \
		"$db" bad "$tmp/bad-int.csv" "$defs"
	has "$tmp/err" "bad-int.csv: record 1, column n: expected a whole number (INTEGER), found \"1.5\""
	same "tables after the refused loads" \
		"$(sqlite3 "$db" "SELECT group_concat(name) FROM sqlite_master")" \
		sample
	ok_rc 0 "sqlite_query" sqlite_query "$db" "$tmp/all.sql" \
		"$tmp/all-sqlite3.csv"
	ok_rc 0 "sqlite_query common" sqlite_query "$db" "$tmp/common.sql" \
		"$tmp/common-sqlite3.csv"
	# Doubles to 17 significant digits: 2e100 is 2.0000000000000000e+100
	# but 0.1 is 0.10000000000000001, the double nearest 0.1.
	echo 'SELECT 0.1 AS a, 2e100 AS b, 1.0 / 3 AS c' >"$tmp/digits.sql"
	ok_rc 0 "sqlite_query digits" sqlite_query "$db" "$tmp/digits.sql" \
		"$tmp/digits.csv"
	same "SQLite doubles" "$(sed -n 2p "$tmp/digits.csv")" \
		"0.10000000000000001,2.0e+100,0.33333333333333331"
	ok_rc 0 "sqlite_query dialect" sqlite_query "$db" \
		"$tmp/dialect-sqlite3.sql" "$tmp/dialect-out-sqlite3.csv"
	# Division by zero is NULL in SQLite, for doubles as for integers.
	echo 'SELECT CAST(1 AS DOUBLE PRECISION) / 0 AS v, 1 / 0 AS w' \
		>"$tmp/div0.sql"
	ok_rc 0 "SQLite's division by zero" sqlite_query "$db" \
		"$tmp/div0.sql" "$tmp/div0-sqlite3.csv"
	same "SQLite's division by zero" "$(sed -n 2p "$tmp/div0-sqlite3.csv")" ","
fi

# ---------------------------------------------------------------- PostgreSQL
if [ $have_pg -eq 1 ]; then
	engines="$engines postgresql"
	if pg_start "$tmp/pg"; then
		passes=$((passes + 1))
		same "PGHOST" "$PGHOST" "$tmp/pg/sock"
		ok_rc 0 "pg_load" pg_load sample "$tmp/sample.csv" "$defs"
		same "PostgreSQL column types" "$(pg_psql -At -c "SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'sample'::regclass AND attnum > 0")" \
			"integer,integer,integer,double precision,text"
		same "PostgreSQL NULLs and NaN" "$(pg_psql -At -c "SELECT count(*) FILTER (WHERE n IS NULL) || ' ' || count(*) FILTER (WHERE label IS NULL) || ' ' || count(*) FILTER (WHERE x = 'NaN') FROM sample")" "1 1 1"
		ok_rc 1 "pg_load of a wrong header" pg_load bad \
			"$tmp/bad-header.csv" "$defs"
		has "$tmp/err" 'column name mismatch in header line field 2: got "d", expected "n"'
		ok_rc 1 "pg_load of 1.5 in a whole-number column" pg_load bad \
			"$tmp/bad-int.csv" "$defs"
		has "$tmp/err" 'invalid input syntax for type integer: "1.5"'
		same "tables after the refused loads" "$(pg_psql -At -c \
			"SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")" \
			sample
		ok_rc 0 "pg_query" pg_query "$tmp/all.sql" "$tmp/all-postgresql.csv"
		ok_rc 0 "pg_query common" pg_query "$tmp/common.sql" \
			"$tmp/common-postgresql.csv"
		ok_rc 3 "pg_query of a bad query" pg_query "$tmp/bad-header.csv" \
			"$tmp/none.csv"
		ok_rc 0 "pg_query dialect" pg_query \
			"$tmp/dialect-postgresql.sql" \
			"$tmp/dialect-out-postgresql.csv"
		# Division of a double by zero is an error in PostgreSQL, and
		# there is no ROUND of a double to some decimals (cast to
		# NUMERIC first).
		echo 'SELECT CAST(1 AS DOUBLE PRECISION) / 0 AS v' \
			>"$tmp/div0.sql"
		ok_rc 3 "PostgreSQL's division by zero" pg_query \
			"$tmp/div0.sql" "$tmp/none.csv"
		has "$tmp/err" "ERROR:  division by zero"
		echo 'SELECT ROUND(CAST(2.675 AS DOUBLE PRECISION), 2) AS v' \
			>"$tmp/round2.sql"
		ok_rc 3 "PostgreSQL's ROUND(double, 2)" pg_query \
			"$tmp/round2.sql" "$tmp/none.csv"
		has "$tmp/err" "function round(double precision, integer) does not exist"
		pid=$(head -n 1 "$tmp/pg/pgdata/postmaster.pid")
		ok_rc 0 "pg_ctl status while running" pg_status "$tmp/pg"
		ok_rc 0 "pg_stop" pg_stop
		ok_rc 3 "pg_ctl status after pg_stop" pg_status "$tmp/pg"
		gone "$pid"
		same "socket after pg_stop" "$(ls "$tmp/pg/sock")" ""
	else
		echo "FAIL: pg_start"; fails=$((fails + 1))
	fi
	# A test that fails while the server runs (the same cluster again):
	# the exit trap stops it and then runs the test's own cleanup.
	(
		engine_on_exit="touch '$tmp/cleaned'"
		pg_start "$tmp/pg" || exit 9
		pg_psql -c 'SELECT count(*) FROM sample' -At >"$tmp/count2" ||
			exit 9
		head -n 1 "$tmp/pg/pgdata/postmaster.pid" >"$tmp/pid2"
		exit 5
	) >/dev/null 2>"$tmp/err"
	same "a failing test's exit status" "$?" 5
	ok_rc 3 "pg_ctl status after the failing test" pg_status "$tmp/pg"
	# pg_start on the folder of a stopped server starts that cluster.
	same "the restarted cluster's table" "$(cat "$tmp/count2")" 5
	same "the failing test's own cleanup ran" \
		"$(ls "$tmp/cleaned" 2>/dev/null)" "$tmp/cleaned"
	gone "$(cat "$tmp/pid2")"
fi

# ---------------------------------------------------------------- DuckDB
if [ $have_duck -eq 1 ]; then
	engines="$engines duckdb"
	dd=$tmp/d.duckdb
	ok_rc 0 "duckdb_load" duckdb_load "$dd" sample "$tmp/sample.csv" \
		"$defs"
	echo "SELECT (SELECT string_agg(data_type, ' ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'sample') AS t, count(*) FILTER (WHERE n IS NULL) || ' ' || count(*) FILTER (WHERE label IS NULL) || ' ' || count(*) FILTER (WHERE isnan(x)) AS c FROM sample" >"$tmp/types.sql"
	ok_rc 0 "duckdb types" duckdb_query "$dd" "$tmp/types.sql" \
		"$tmp/types.csv"
	same "DuckDB column types, NULLs and NaN" \
		"$(sed -n 2p "$tmp/types.csv")" \
		"INTEGER INTEGER INTEGER DOUBLE VARCHAR,1 1 1"
	ok_rc 1 "duckdb_load of a wrong header" duckdb_load "$dd" bad \
		"$tmp/bad-header.csv" "$defs"
	has "$tmp/err" "bad-header.csv:1: expected the header id,n,d,x,label (the columns of table bad in order), found id,d,n,x,label"
	ok_rc 1 "duckdb_load of 1.5 in a whole-number column" duckdb_load \
		"$dd" bad "$tmp/bad-int.csv" "$defs"
	has "$tmp/err" "bad-int.csv: record 1, column n: expected a whole number (INTEGER), found '1.5'"
	ok_rc 0 "duckdb_query" duckdb_query "$dd" "$tmp/all.sql" \
		"$tmp/all-duckdb.csv"
	ok_rc 0 "duckdb_query common" duckdb_query "$dd" "$tmp/common.sql" \
		"$tmp/common-duckdb.csv"
	ok_rc 1 "duckdb_query of a bad query" duckdb_query "$dd" \
		"$tmp/bad-header.csv" "$tmp/none.csv"
	ok_rc 0 "duckdb_query dialect" duckdb_query "$dd" \
		"$tmp/dialect-duckdb.sql" "$tmp/dialect-out-duckdb.csv"
	# Division of a double by zero is Infinity in DuckDB 1.5; // (integer
	# division) by zero is NULL.
	echo 'SELECT CAST(1 AS DOUBLE PRECISION) / 0 AS v, 1 // 0 AS w' \
		>"$tmp/div0.sql"
	ok_rc 0 "DuckDB's division by zero" duckdb_query "$dd" \
		"$tmp/div0.sql" "$tmp/div0-duckdb.csv"
	same "DuckDB's division by zero" "$(sed -n 2p "$tmp/div0-duckdb.csv")" \
		"Infinity,"
fi

# ---------------------------------------------------------------- results
# Each engine's output equals the hand-worked file exactly (tolerance 0,
# numbers read as doubles: SQLite's 5.0 is PostgreSQL's 5).
for e in $engines; do
	ok_rc 0 "$e: the query's results by hand" csv_compare \
		"$tmp/all-$e.csv" "$tmp/want-$e.csv" id 0
done
# The differences between the engines, as written out above.
for e in $engines; do
	ok_rc 0 "$e: the dialect facts" csv_compare \
		"$tmp/dialect-out-$e.csv" "$tmp/dialect-$e.csv" k 0
done
# The portable part agrees across the engines, both ways round.
for a in $engines; do
	for b in $engines; do
		[ "$a" = "$b" ] && continue
		ok_rc 0 "$a and $b agree" csv_compare "$tmp/common-$a.csv" \
			"$tmp/common-$b.csv" id 0
	done
done

# csv_compare finds what differs.  From the SQLite file: real_div of row
# 1 moved by a relative 2.9e-8 (3.5 to 3.5000001), shout of row 5 'x!'
# to 'y!', row 3 gone; and n_class's text of row 2 reads 'negative,'.
c=$tmp/common-sqlite3.csv
sed -e '2s/^1,3.5,/1,3.5000001,/' -e 's/^5,\(.*\),x!,other$/5,\1,y!,other/' \
	-e '/^3,/d' -e '3s/,negative$/,"negative,"/' "$c" >"$tmp/changed.csv"
ok_rc 1 "csv_compare of a changed file" csv_compare "$c" \
	"$tmp/changed.csv" id 0
has "$tmp/out" "csv_compare: $c and $tmp/changed.csv differ (by id, tolerance 0): 3 cells, 1 rows of $c only, 0 rows of $tmp/changed.csv only (5 and 4 rows)"
has "$tmp/out" "  key 1, column real_div: 3.5 in $c, 3.5000001 in $tmp/changed.csv"
has "$tmp/out" "  key 2, column n_class: negative in $c, negative, in $tmp/changed.csv"
has "$tmp/out" "  key 5, column shout: x! in $c, y! in $tmp/changed.csv"
has "$tmp/out" "  key 3: a row of $c only"
# |3.5 - 3.5000001| = 1e-7 <= 1e-7 * 3.5: within a tolerance of 1e-7,
# not of 2e-8.
sed -e '2s/^1,3.5,/1,3.5000001,/' "$c" >"$tmp/near.csv"
ok_rc 0 "csv_compare within tolerance" csv_compare "$c" "$tmp/near.csv" \
	id 1e-7
ok_rc 1 "csv_compare beyond tolerance" csv_compare "$c" "$tmp/near.csv" \
	id 2e-8
# NULL (empty) is not 0, nor the text "NULL"; NaN equals nan, not NULL;
# Infinity equals inf.
printf 'k,v\n1,\n2,NaN\n3,Infinity\n4,-0\n' >"$tmp/sp-a.csv"
printf 'k,v\n1,\n2,nan\n3,inf\n4,0\n' >"$tmp/sp-b.csv"
printf 'k,v\n1,0\n2,\n3,1e308\n4,0\n' >"$tmp/sp-c.csv"
ok_rc 0 "csv_compare of special values" csv_compare "$tmp/sp-a.csv" \
	"$tmp/sp-b.csv" k 0
ok_rc 1 "csv_compare of NULL, NaN, Infinity against numbers" csv_compare \
	"$tmp/sp-a.csv" "$tmp/sp-c.csv" k 0
has "$tmp/out" "3 cells, 0 rows"
# Files that cannot be compared.
ok_rc 2 "csv_compare without the key" csv_compare "$c" "$c" nope 0
has "$tmp/out" "no key column nope in $c"
printf 'k,v\n1,a\n1,b\n' >"$tmp/dup.csv"
ok_rc 2 "csv_compare with a key twice" csv_compare "$tmp/dup.csv" \
	"$tmp/dup.csv" k 0
has "$tmp/out" "key 1 appears 2 times in $tmp/dup.csv"
printf 'k,w\n1,a\n' >"$tmp/other.csv"
ok_rc 2 "csv_compare of other columns" csv_compare "$tmp/dup.csv" \
	"$tmp/other.csv" k 0
has "$tmp/out" "column v is in $tmp/dup.csv only"
ok_rc 2 "csv_compare with a bad tolerance" csv_compare "$c" "$c" id -1
ok_rc 2 "csv_compare of a missing file" csv_compare "$c" "$tmp/nope" id 0

echo "engine-lib-selftest: $passes passed, $fails failed${skipped:+ (skipped:$skipped)}"
[ "$fails" -eq 0 ] || exit 1
[ -z "$skipped" ] || exit 77
exit 0
