# engine-lib.sh - run SQL on real engines (SQLite, PostgreSQL, DuckDB) from
# the shell tests, and compare what they give; sourced
# (". $top_srcdir/tests/engine-lib.sh") by the tests and benchmarks that
# check exported SQL against riskdesk's own decisions.  POSIX sh.
#
# Engines
#   engine_have NAME   0 when the engine can run here, else 1 with the
#                      reason in $engine_why.  NAME: sqlite3, postgresql,
#                      duckdb.
#   engine_want NAME   engine_have, and when the engine is missing a loud
#                      "SKIP: ..." line on stderr; then, with
#                      RISKDESK_REQUIRE_ENGINES=1 in the environment (CI
#                      sets it), the test fails at once (exit 1), else
#                      engine_want returns 1 and the test goes on without
#                      that engine.
#   engine_need NAME   engine_want, and a missing engine skips the whole
#                      test (exit 77, automake's SKIP).
#   engine_version NAME  one line naming the engine's version.
#
# Tables and queries.  COLDEFS are column definitions as in CREATE TABLE,
# in the CSV file's column order, e.g. "id INTEGER, pd DOUBLE PRECISION,
# purpose TEXT": INTEGER, DOUBLE PRECISION and TEXT mean the same in the
# three engines.  A CSV file has a header line naming the columns in that
# order (checked), then one record per row with RFC 4180 quoting.  An
# empty field, quoted or not, is NULL; NaN, Infinity and -Infinity are
# those values in a double column (SQLite has no NaN: sqlite_load stores
# it as NULL, as SQLite does with a bound NaN, and says so).  A field that
# is not of its column's type is an error in every engine (a whole-number
# column takes no '1.5').  Loading replaces a table of the same name.
# Table names are used as written, quoted: keep them lower case.
# A SQLFILE holds one SELECT (or WITH ... SELECT), which may end in ';'.
#
#   sqlite_load DBFILE TABLE CSV COLDEFS
#   sqlite_query DBFILE SQLFILE OUTCSV
#   sqlite_coldefs DBFILE TABLE   the table's COLDEFS, for copying it
#   pg_start DIR          a private server, data in DIR/pgdata (made by
#                         initdb, C locale, UTF8, trust; a cluster already
#                         there is started as it is, tables and all),
#                         listening only on a Unix socket in DIR/sock;
#                         sets PGHOST, PGPORT, PGDATABASE and PGUSER
#   pg_load TABLE CSV COLDEFS
#   pg_query SQLFILE OUTCSV
#   pg_psql ARGS...       psql on the private server (-X, stop on error)
#   pg_stop               stop the server (pg_start arranges this at exit)
#   pg_status DIR         pg_ctl status: 0 running, 3 not running
#   duckdb_load DBFILE TABLE CSV COLDEFS
#   duckdb_query DBFILE SQLFILE OUTCSV
#
# Every function's own variables begin with _e or engine__, so that the
# test's variables ($tmp, $db, ...) are left alone.
#
# Every *_query writes CSV: a header line of the result's column names,
# then one line per row; NULL as an empty field, an empty string as "".
# Doubles are written so that they read back to the same double:
# PostgreSQL with extra_float_digits = 1 and DuckDB (tests/duckdb-run.mjs)
# in the shortest such form, SQLite with printf('%!.17g') - the sqlite3
# shell's own %!.15g loses the last digits of nine doubles in ten.  SQLite
# 3.40's printf works in long double and is exact to 17 digits for
# magnitudes below 1e108; above that it was seen one unit in the last
# place off (122 of 200,000 random doubles over the whole range), which a
# relative tolerance of 1e-15 or more absorbs.  Infinities are written
# Infinity and -Infinity by all three, NaN as NaN (PostgreSQL, DuckDB).
# Booleans are not alike (PostgreSQL t/f, DuckDB true/false, SQLite 1/0):
# cast them to INTEGER in a query whose output is compared across engines.
#
# Comparison
#   csv_compare A.csv B.csv KEYCOL TOLERANCE
#       the two files have the same columns (in any order) and the same
#       rows, matched by the text of KEYCOL (unique in each); two fields
#       are equal when their text is equal, when both are the same one of
#       NaN, Infinity and -Infinity (in any spelling), or when both are
#       numbers a and b with |a - b| <= TOLERANCE * max(1, |a|).  An empty
#       field equals only an empty field (NULL and "" are both empty
#       here).  Prints the first 10 differing cells (key, column, both
#       values) and the counts; returns 0 when equal, 1 when they differ,
#       2 when they cannot be compared.  The sqlite3 shell reads the files
#       and joins them; awk compares the fields, reading numbers with
#       strtod (correctly rounded), because SQLite 3.40's own reading of
#       decimal text is not: about one shortest-form number in 10,000
#       came out one unit in the last place off, in CAST and in SQL
#       literals alike (17-significant-digit text was read exactly in
#       800,000 tries).
#
# Cleanup: pg_start sets a trap on EXIT, HUP, INT and TERM that stops the
# server and then runs the command in $engine_on_exit.  A test that uses
# the server puts its own cleanup there (engine_on_exit='rm -rf "$tmp"')
# instead of setting a trap of its own after pg_start, which would replace
# the one that stops the server.
#
# Where things are: the PostgreSQL programs are looked for in
# $RISKDESK_PG_BINDIR, /usr/lib/postgresql/<newest>/bin (Debian), the
# folder pg_config names, then $PATH.  DuckDB is the npm package
# @duckdb/node-api, driven by node: ./bootstrap installs it in tests/node;
# it is looked for in $top_builddir/tests/node, then $top_srcdir/tests/node.
# The server runs as the postgres user when the test runs as root
# (PostgreSQL refuses to run as root).

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
engine_why=""
engine_on_exit=""
engine__pgdata=""
engine__pgsock_tmp=""

# ---------------------------------------------------------------- finding

engine__pg_bindir() {
	if [ -n "${RISKDESK_PG_BINDIR:-}" ]; then
		echo "$RISKDESK_PG_BINDIR"; return 0
	fi
	for _ed in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null |
	    sort -t/ -k5,5nr); do
		if [ -x "$_ed/initdb" ] && [ -x "$_ed/pg_ctl" ] &&
		    [ -x "$_ed/postgres" ]; then
			echo "$_ed"; return 0
		fi
	done
	if command -v pg_config >/dev/null 2>&1; then
		_ed=$(pg_config --bindir 2>/dev/null)
		if [ -n "$_ed" ] && [ -x "$_ed/initdb" ]; then
			echo "$_ed"; return 0
		fi
	fi
	_ed=$(command -v initdb 2>/dev/null) || return 1
	dirname "$_ed"
}

engine__node_dir() {
	for _ed in "$top_builddir/tests/node" "$top_srcdir/tests/node"; do
		if [ -d "$_ed/node_modules/@duckdb/node-api" ]; then
			echo "$_ed"; return 0
		fi
	done
	return 1
}

engine__is_root() { [ "$(id -u)" -eq 0 ]; }

# engine__as_pg CMD ARGS...: run a command as the server's owner (the
# postgres user when this runs as root, else the current user).
engine__as_pg() {
	if ! engine__is_root; then
		"$@"; return
	fi
	if command -v runuser >/dev/null 2>&1; then
		runuser -u postgres -- "$@"; return
	fi
	_ec=""
	for _ea in "$@"; do
		_ec="$_ec '$(printf '%s' "$_ea" | sed "s/'/'\\\\''/g")'"
	done
	su postgres -s /bin/sh -c "$_ec"
}

engine_have() {
	engine_why=""
	case "$1" in
	sqlite3)
		if ! command -v sqlite3 >/dev/null 2>&1; then
			engine_why="no sqlite3 program in PATH (Debian package sqlite3)"
			return 1
		fi
		# .import --csv needs 3.32, the shell's REGEXP 3.36.
		_ev=$(sqlite3 -version 2>/dev/null | awk '{print $1}')
		if ! printf '3.36.0\n%s\n' "$_ev" | sort -t. -k1,1n -k2,2n \
		    -k3,3n -C 2>/dev/null; then
			engine_why="sqlite3 $_ev is older than 3.36"; return 1
		fi
		;;
	postgresql)
		if ! _ed=$(engine__pg_bindir); then
			engine_why="no initdb found (Debian package postgresql)"
			return 1
		fi
		for _ep in initdb pg_ctl postgres; do
			if [ ! -x "$_ed/$_ep" ]; then
				engine_why="no $_ep in $_ed"; return 1
			fi
		done
		if [ ! -x "$_ed/psql" ] && ! command -v psql >/dev/null 2>&1
		then
			engine_why="no psql (Debian package postgresql-client)"
			return 1
		fi
		if engine__is_root; then
			if ! id -u postgres >/dev/null 2>&1; then
				engine_why="running as root and there is no postgres user to run the server"
				return 1
			fi
			if ! command -v runuser >/dev/null 2>&1 &&
			    ! command -v su >/dev/null 2>&1; then
				engine_why="running as root and neither runuser nor su is there"
				return 1
			fi
		fi
		;;
	duckdb)
		if ! command -v node >/dev/null 2>&1; then
			engine_why="no node program in PATH (Debian package nodejs)"
			return 1
		fi
		if ! engine__node_dir >/dev/null; then
			engine_why="@duckdb/node-api is not installed in $top_builddir/tests/node"
			return 1
		fi
		;;
	*)
		engine_why="unknown engine '$1' (sqlite3, postgresql, duckdb)"
		return 1
		;;
	esac
	return 0
}

engine_want() {
	engine_have "$1" && return 0
	echo "SKIP: $1 not available: $engine_why; ./bootstrap check installs it" >&2
	if [ "${RISKDESK_REQUIRE_ENGINES:-0}" = 1 ]; then
		echo "FAIL: RISKDESK_REQUIRE_ENGINES=1 and $1 is not available" >&2
		exit 1
	fi
	return 1
}

engine_need() {
	engine_want "$1" || exit 77
}

engine_version() {
	case "$1" in
	sqlite3) echo "SQLite $(sqlite3 -version | awk '{print $1}')" ;;
	postgresql) "$(engine__pg_bindir)/postgres" --version ;;
	duckdb)
		_ed=$(mktemp -d "${TMPDIR:-/tmp}/engine_version.XXXXXX") ||
		    return 1
		echo 'SELECT version() AS v' >"$_ed/v.sql"
		duckdb_query :memory: "$_ed/v.sql" "$_ed/v.csv" &&
		    echo "DuckDB $(sed -n 2p "$_ed/v.csv") (@duckdb/node-api $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' \
		    "$(engine__node_dir)/node_modules/@duckdb/node-api/package.json"), node $(node --version))"
		rm -rf "$_ed"
		;;
	esac
}

# ---------------------------------------------------------------- SQL text

# engine__select SQLFILE: the query of SQLFILE on stdout without the
# blanks and semicolons that end it, so that it can be wrapped.
engine__select() {
	awk '{ s = s $0 "\n" } END { sub(/[ \t\r\n;]+$/, "", s); print s }' \
	    "$1"
}

# engine__ident NAME: NAME as a double-quoted SQL identifier.
engine__ident() {
	printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"
}

# engine__str TEXT: TEXT as a single-quoted SQL string.
engine__str() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

# engine__path WHAT FILE: refuse a path the sqlite3 shell's dot-commands
# cannot take (they are given it in double quotes).
engine__path() {
	case "$2" in *'"'*|*'\'*)
		echo "$1: $2: a path with a double quote or a backslash" >&2
		return 1 ;;
	esac
}

# ---------------------------------------------------------------- SQLite

# sqlite_load DBFILE TABLE CSV COLDEFS: the file is imported as text by
# the sqlite3 shell (into a table _rd_load, dropped afterwards), then
# inserted into TABLE with NULL for empty fields; in a column of REAL
# affinity NaN becomes NULL and Infinity 9e999.  A value that the
# column's affinity leaves as text (or, in a column of INTEGER affinity,
# makes a real) is an error, located by record and column, and leaves no
# table TABLE.
sqlite_load() {
	_edb=$1; _etab=$2; _ecsv=$3; _edefs=$4
	if [ ! -r "$_ecsv" ]; then
		echo "sqlite_load: $_ecsv: cannot read" >&2; return 1
	fi
	engine__path sqlite_load "$_ecsv" || return 1
	_ew=$(mktemp -d "${TMPDIR:-/tmp}/sqlite_load.XXXXXX") || return 1
	_et=$(engine__ident "$_etab"); _ets=$(engine__str "$_etab")
	_efs=$(engine__str "$_ecsv")
	# 1. The file as text, the table as declared, the header checked,
	# the insert and its checks written out.
	sqlite3 -bail -batch "$_edb" >"$_ew/bad" 2>"$_ew/err" <<EOF
DROP TABLE IF EXISTS _rd_load;
.import --csv "$_ecsv" _rd_load
DROP TABLE IF EXISTS $_et;
CREATE TABLE $_et ($_edefs);
CREATE TEMP TABLE _rd_col AS SELECT cid, name, upper(type) AS type,
  CASE WHEN upper(type) LIKE '%INT%' THEN 'integer'
       WHEN upper(type) LIKE '%CHAR%' OR upper(type) LIKE '%CLOB%'
         OR upper(type) LIKE '%TEXT%' THEN 'text'
       WHEN upper(type) LIKE '%BLOB%' OR type = '' THEN 'blob'
       WHEN upper(type) LIKE '%REAL%' OR upper(type) LIKE '%FLOA%'
         OR upper(type) LIKE '%DOUB%' THEN 'real'
       ELSE 'numeric' END AS aff
  FROM pragma_table_info($_ets);
SELECT printf('%s:1: expected the header %s (the columns of table %s in order), found %s',
  $_efs,
  (SELECT group_concat(name, ',') FROM (SELECT name FROM _rd_col ORDER BY cid)),
  $_ets,
  (SELECT group_concat(name, ',') FROM
    (SELECT name FROM pragma_table_info('_rd_load') ORDER BY cid)))
WHERE (SELECT group_concat(name, char(1)) FROM (SELECT name FROM _rd_col ORDER BY cid))
  IS NOT (SELECT group_concat(name, char(1)) FROM
    (SELECT name FROM pragma_table_info('_rd_load') ORDER BY cid));
.mode list
.output "$_ew/insert.sql"
SELECT $(engine__str "INSERT INTO $_et SELECT ") || group_concat(e, ', ') ||
  ' FROM _rd_load ORDER BY rowid;' FROM (SELECT
  CASE aff WHEN 'real' THEN printf('CASE WHEN lower(trim("%w")) IN (''nan'', ''-nan'', ''+nan'') THEN NULL WHEN lower(trim("%w")) IN (''inf'', ''+inf'', ''infinity'', ''+infinity'') THEN 9e999 WHEN lower(trim("%w")) IN (''-inf'', ''-infinity'') THEN -9e999 ELSE NULLIF(trim("%w"), '''') END', name, name, name, name)
   WHEN 'text' THEN printf('NULLIF("%w", '''')', name)
   ELSE printf('NULLIF(trim("%w"), '''')', name) END AS e
  FROM _rd_col ORDER BY cid);
.output "$_ew/check.sql"
SELECT printf('SELECT printf(''%%s: record %%d, column %%s: %s, found "%%s"'', %s, r, %s, v) FROM (SELECT b.rowid AS r, b."%w" AS v FROM %s AS a JOIN _rd_load AS b ON a.rowid = b.rowid WHERE %s ORDER BY b.rowid LIMIT 1);',
  CASE aff WHEN 'integer' THEN 'expected a whole number (' || type || ')'
    ELSE 'expected a number (' || type || ')' END,
  quote($_efs), quote(name), name, $(engine__str "$_et"),
  CASE aff WHEN 'integer' THEN printf('typeof(a."%w") NOT IN (''integer'', ''null'')', name)
    ELSE printf('typeof(a."%w") IN (''text'', ''blob'')', name) END)
  FROM _rd_col WHERE aff IN ('integer', 'real', 'numeric') ORDER BY cid;
.output "$_ew/nan.sql"
SELECT printf('SELECT printf(''%%s: %%d NaN values of column %%s stored as NULL (SQLite has no NaN)'', %s, count(*), %s) FROM _rd_load WHERE lower(trim("%w")) IN (''nan'', ''-nan'', ''+nan'') HAVING count(*) > 0;',
  quote($_efs), quote(name), name)
  FROM _rd_col WHERE aff = 'real' ORDER BY cid;
EOF
	if [ $? -ne 0 ] || [ -s "$_ew/bad" ]; then
		echo "sqlite_load: cannot load $_ecsv into table $_etab:" >&2
		cat "$_ew/bad" "$_ew/err" >&2
		sqlite3 "$_edb" "DROP TABLE IF EXISTS _rd_load;
		    DROP TABLE IF EXISTS $_et" 2>/dev/null
		rm -rf "$_ew"; return 1
	fi
	# 2. The insert and its checks; a bad value drops the table.
	sqlite3 -bail -batch "$_edb" >/dev/null 2>"$_ew/err" <<EOF
BEGIN;
.read "$_ew/insert.sql"
.output "$_ew/bad"
.read "$_ew/check.sql"
.output "$_ew/nan"
.read "$_ew/nan.sql"
.output stdout
DROP TABLE _rd_load;
COMMIT;
EOF
	if [ $? -ne 0 ] || [ -s "$_ew/bad" ] || [ -s "$_ew/err" ]; then
		echo "sqlite_load: cannot load $_ecsv into table $_etab:" >&2
		cat "$_ew/bad" "$_ew/err" >&2
		sqlite3 "$_edb" "DROP TABLE IF EXISTS _rd_load;
		    DROP TABLE IF EXISTS $_et" 2>/dev/null
		rm -rf "$_ew"; return 1
	fi
	[ -s "$_ew/nan" ] && sed 's/^/sqlite_load: /' "$_ew/nan" >&2
	rm -rf "$_ew"
	return 0
}

# sqlite_query DBFILE SQLFILE OUTCSV: the query runs inside a temporary
# view (nothing is written to DBFILE) whose REAL values are printed with
# printf('%!.17g'), the infinities as Infinity and -Infinity.
sqlite_query() {
	_edb=$1; _esql=$2; _eout=$3
	if [ ! -f "$_edb" ]; then
		echo "sqlite_query: $_edb: no such database" >&2; return 1
	fi
	if [ ! -r "$_esql" ]; then
		echo "sqlite_query: $_esql: cannot read" >&2; return 1
	fi
	engine__path sqlite_query "$_eout" || return 1
	_ew=$(mktemp -d "${TMPDIR:-/tmp}/sqlite_query.XXXXXX") || return 1
	{
		echo "CREATE TEMP VIEW _rd_q AS"
		engine__select "$_esql"
		echo ";"
		echo ".mode list"
		echo ".headers off"
		echo ".output \"$_ew/gen.sql\""
		cat <<'EOF'
SELECT 'SELECT ' || group_concat(printf('CASE WHEN typeof("%w") <> ''real'' THEN "%w" WHEN "%w" = 9e999 THEN ''Infinity'' WHEN "%w" = -9e999 THEN ''-Infinity'' ELSE printf(''%%!.17g'', "%w") END AS "%w"', name, name, name, name, name, name), ', ') || ' FROM _rd_q;'
  FROM (SELECT name FROM pragma_table_info('_rd_q', 'temp') ORDER BY cid);
EOF
		echo ".output \"$_eout\""
		echo ".mode csv"
		echo ".headers on"
		echo ".read \"$_ew/gen.sql\""
	} >"$_ew/run.sql"
	sqlite3 -bail -batch "$_edb" <"$_ew/run.sql" >/dev/null 2>"$_ew/err"
	if [ $? -ne 0 ] || [ -s "$_ew/err" ]; then
		echo "sqlite_query: $_esql:" >&2; cat "$_ew/err" >&2
		rm -rf "$_ew"; return 1
	fi
	rm -rf "$_ew"
	# The shell ends CSV lines with CRLF, the other engines with LF.
	sed 's/\r$//' "$_eout" >"$_eout.lf" && mv "$_eout.lf" "$_eout"
}

# sqlite_coldefs DBFILE TABLE: the table's columns as COLDEFS on stdout,
# each INTEGER, DOUBLE PRECISION or TEXT by its declared type (INTEGER,
# REAL, anything else), for loading a copy of the table (written by
# sqlite_query "SELECT * FROM TABLE") into another engine.
sqlite_coldefs() {
	sqlite3 -batch "$1" "SELECT group_concat(printf('\"%w\" ', name) ||
	    CASE upper(type) WHEN 'INTEGER' THEN 'INTEGER'
	    WHEN 'REAL' THEN 'DOUBLE PRECISION' ELSE 'TEXT' END, ', ')
	    FROM (SELECT name, type FROM pragma_table_info($(engine__str "$2"))
	    ORDER BY cid)"
}

# ---------------------------------------------------------------- PostgreSQL

pg_psql() {
	"$engine__psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

engine__atexit() {
	pg_stop
	eval "$engine_on_exit"
}

pg_start() {
	_edir=$1
	if ! engine_have postgresql; then
		echo "pg_start: $engine_why" >&2; return 1
	fi
	case "$_edir" in *[!A-Za-z0-9_./+-]*)
		echo "pg_start: $_edir: the folder's path may hold only letters, digits and _ . / + -" >&2
		return 1 ;;
	esac
	mkdir -p "$_edir" || return 1
	_edir=$(cd "$_edir" && pwd)
	engine__pgbin=$(engine__pg_bindir)
	if [ -x "$engine__pgbin/psql" ]; then
		engine__psql=$engine__pgbin/psql
	else
		engine__psql=$(command -v psql)
	fi
	_esock=$_edir/sock
	# A Unix socket's path holds at most 107 bytes (with /.s.PGSQL.5432).
	if [ ${#_esock} -gt 90 ]; then
		engine__pgsock_tmp=$(mktemp -d "${TMPDIR:-/tmp}/rdpg.XXXXXX") ||
		    return 1
		_esock=$engine__pgsock_tmp
		echo "pg_start: $_edir/sock is too long a path for a socket; the socket is in $_esock" >&2
	fi
	mkdir -p "$_esock" || return 1
	if engine__is_root; then
		chown postgres "$_edir" "$_esock" || return 1
		if ! engine__as_pg test -w "$_edir"; then
			# Name the folder on the way that shuts it out (a
			# mktemp -d folder is mode 0700).
			_eup=""; _eclosed=""
			for _epart in $(echo "$_edir" | tr / ' '); do
				_eup=$_eup/$_epart
				if ! engine__as_pg test -x "$_eup"; then
					_eclosed=$_eup; break
				fi
			done
			echo "pg_start: the PostgreSQL server runs as the postgres user (riskdesk's tests run as root), which cannot write in $_edir${_eclosed:+: it cannot enter $_eclosed ($(stat -c %A "$_eclosed" 2>/dev/null))}; run the tests from a folder every user may enter (chmod 755 on it), or as a user other than root" >&2
			return 1
		fi
	fi
	engine__pgdata=$_edir/pgdata
	trap engine__atexit EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	if [ -f "$engine__pgdata/PG_VERSION" ]; then
		: # a cluster made by an earlier pg_start DIR: start it as it is
	elif ! engine__as_pg "$engine__pgbin/initdb" -D "$engine__pgdata" \
	    -U postgres -A trust -E UTF8 --locale=C --no-sync \
	    >"$_edir/initdb.log" 2>&1; then
		echo "pg_start: initdb failed:" >&2; cat "$_edir/initdb.log" >&2
		return 1
	fi
	if ! engine__as_pg "$engine__pgbin/pg_ctl" -D "$engine__pgdata" \
	    -l "$_edir/server.log" -w -t 60 -s \
	    -o "-k $_esock -c listen_addresses='' -F -p 5432" start; then
		echo "pg_start: the server did not start:" >&2
		tail -n 20 "$_edir/server.log" >&2
		return 1
	fi
	unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGPASSWORD
	PGHOST=$_esock; PGPORT=5432; PGDATABASE=postgres; PGUSER=postgres
	PGOPTIONS='-c client_min_messages=warning'
	export PGHOST PGPORT PGDATABASE PGUSER PGOPTIONS
}

pg_stop() {
	[ -n "$engine__pgdata" ] || return 0
	_erc=0
	if [ -f "$engine__pgdata/postmaster.pid" ]; then
		if ! engine__as_pg "$engine__pgbin/pg_ctl" -D "$engine__pgdata" \
		    -m fast -w -t 60 -s stop; then
			engine__as_pg "$engine__pgbin/pg_ctl" \
			    -D "$engine__pgdata" -m immediate -w -s stop
			_erc=1
		fi
	fi
	engine__pgdata=""
	if [ -n "$engine__pgsock_tmp" ]; then
		rm -rf "$engine__pgsock_tmp"; engine__pgsock_tmp=""
	fi
	return $_erc
}

pg_status() {
	engine__as_pg "$(engine__pg_bindir)/pg_ctl" -D "$1/pgdata" status \
	    >/dev/null 2>&1
}

# pg_load TABLE CSV COLDEFS: CREATE TABLE, then COPY FROM STDIN with
# HEADER MATCH (PostgreSQL 15 on; before it the header is only skipped)
# and FORCE_NULL on every column, then ANALYZE; a file that does not load
# leaves no table TABLE.
pg_load() {
	_etab=$1; _ecsv=$2; _edefs=$3
	if [ ! -r "$_ecsv" ]; then
		echo "pg_load: $_ecsv: cannot read" >&2; return 1
	fi
	_et=$(engine__ident "$_etab")
	_ecols=$(pg_psql -At -c "DROP TABLE IF EXISTS $_et" \
	    -c "CREATE TABLE $_et ($_edefs)" \
	    -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
		FROM pg_attribute WHERE attrelid = $(engine__str "$_et")::regclass
		AND attnum > 0 AND NOT attisdropped") ||
	    { echo "pg_load: cannot create table $_etab" >&2; return 1; }
	_ehdr=true
	[ "$(pg_psql -At -c 'SHOW server_version_num')" -ge 150000 ] &&
	    _ehdr=match
	if ! pg_psql -c "COPY $_et FROM STDIN WITH (FORMAT csv,
	    HEADER $_ehdr, FORCE_NULL ($_ecols))" <"$_ecsv"; then
		echo "pg_load: cannot load $_ecsv into table $_etab" >&2
		pg_psql -c "DROP TABLE $_et"
		return 1
	fi
	pg_psql -c "ANALYZE $_et"
}

# pg_query SQLFILE OUTCSV: COPY (query) TO STDOUT WITH CSV HEADER, with
# extra_float_digits = 1 (doubles in their shortest exact form).
pg_query() {
	_esql=$1; _eout=$2
	if [ ! -r "$_esql" ]; then
		echo "pg_query: $_esql: cannot read" >&2; return 1
	fi
	_ew=$(mktemp "${TMPDIR:-/tmp}/pg_query.XXXXXX") || return 1
	{
		echo "SET extra_float_digits = 1;"
		echo "COPY ("
		engine__select "$_esql"
		echo ") TO STDOUT WITH (FORMAT csv, HEADER true);"
	} >"$_ew"
	pg_psql -f "$_ew" >"$_eout"
	_erc=$?
	rm -f "$_ew"
	[ $_erc -eq 0 ] || echo "pg_query: $_esql failed" >&2
	return $_erc
}

# ---------------------------------------------------------------- DuckDB

duckdb_load() {
	RISKDESK_NODE_DIR=$(engine__node_dir) node \
	    "$top_srcdir/tests/duckdb-run.mjs" "$1" --load "$2=$3:$4"
}

duckdb_query() {
	RISKDESK_NODE_DIR=$(engine__node_dir) node \
	    "$top_srcdir/tests/duckdb-run.mjs" "$1" --query "$2" --out "$3"
}

# ---------------------------------------------------------------- comparing

# csv_compare's rule for two fields, in awk: its numbers are read by
# strtod, correctly rounded, where SQLite 3.40's own text-to-double
# conversion was seen one unit in the last place off for one shortest-form
# number in ten thousand.
engine__cmp_awk='
function special(s) {
	s = tolower(s); sub(/^\+/, "", s)
	if (s == "infinity") s = "inf"
	if (s == "-infinity") s = "-inf"
	return (s == "nan" || s == "inf" || s == "-inf") ? s : ""
}
function same(a, b,   s, x, y, d, m) {
	if (a "" == b "") return 1
	s = special(a)
	if (s != "" && s == special(b)) return 1
	if (a !~ num || b !~ num) return 0
	x = a + 0; y = b + 0
	d = x - y; if (d < 0) d = -d
	m = x < 0 ? -x : x; if (m < 1) m = 1
	return d <= tol * m
}
function show(v) { return v == "" ? "(empty)" : v }
BEGIN {
	RS = "\036"; FS = "\037"
	num = "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$"
	n = 0; diff = 0
}
# The names are read with the first row: sqlite3 has written them by then.
NR == 1 { while ((getline c < names) > 0) col[++n] = c }
{
	for (i = 1; i <= n; i++) {
		if (same($(2 * i), $(2 * i + 1))) continue
		if (++diff <= 10)
			printf "  key %s, column %s: %s in %s, %s in %s\n", $1, \
			    col[i], show($(2 * i)), fa, show($(2 * i + 1)), fb \
			    >report
	}
}
END { print diff >count }
'

csv_compare() {
	if [ $# -ne 4 ]; then
		echo "usage: csv_compare A.csv B.csv KEYCOL TOLERANCE" >&2
		return 2
	fi
	_eca=$1; _ecb=$2; _ekey=$3; _etol=$4
	for _ef in "$_eca" "$_ecb"; do
		if [ ! -r "$_ef" ]; then
			echo "csv_compare: $_ef: cannot read" >&2; return 2
		fi
		engine__path csv_compare "$_ef" || return 2
	done
	if ! printf '%s\n' "$_etol" |
	    grep -Eq '^([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$'; then
		echo "csv_compare: expected a tolerance (a number >= 0), found '$_etol'" >&2
		return 2
	fi
	_ew=$(mktemp -d "${TMPDIR:-/tmp}/csv_compare.XXXXXX") || return 2
	_ek=$(engine__str "$_ekey"); _eki=$(engine__ident "$_ekey")
	_ena=$(engine__str "$_eca"); _enb=$(engine__str "$_ecb")
	# For printf() in the generating SQL: the key's name with % doubled.
	_ekf=$(engine__str "$(printf '%s' "$_eki" | sed 's/%/%%/g')")
	# SQLite reads both files and checks the columns and the keys; the
	# rows of A joined with B's (key, then each common column's two
	# fields) go to awk, which compares them.
	# Small files are compared in memory, large ones in a scratch file.
	_edb=:memory:
	[ $(($(wc -c <"$_eca") + $(wc -c <"$_ecb"))) -gt 67108864 ] &&
	    _edb=$_ew/c.db
	sqlite3 -bail -batch "$_edb" 2>"$_ew/err" <<EOF |
.output "$_ew/pragma"
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
.import --csv "$_eca" a
.import --csv "$_ecb" b
CREATE TABLE ca AS SELECT cid, name FROM pragma_table_info('a');
CREATE TABLE cb AS SELECT cid, name FROM pragma_table_info('b');
CREATE TABLE problem(msg);
CREATE TABLE onlya(r, k);
CREATE TABLE onlyb(r, k);
INSERT INTO problem SELECT printf('column %s is in %s only', name, $_ena)
  FROM ca WHERE name NOT IN (SELECT name FROM cb) ORDER BY cid;
INSERT INTO problem SELECT printf('column %s is in %s only', name, $_enb)
  FROM cb WHERE name NOT IN (SELECT name FROM ca) ORDER BY cid;
INSERT INTO problem SELECT printf('no key column %s in %s', $_ek, f)
  FROM (SELECT $_ena AS f, 'ca' AS t UNION ALL SELECT $_enb, 'cb')
  WHERE $_ek NOT IN (SELECT name FROM ca WHERE t = 'ca'
    UNION ALL SELECT name FROM cb WHERE t = 'cb');
.mode list
.separator "|" "\\036"
.output "$_ew/names"
SELECT name FROM ca WHERE name IN (SELECT name FROM cb) AND name <> $_ek
  ORDER BY cid;
.separator "|" "\\n"
.output "$_ew/gen.sql"
SELECT printf('INSERT INTO problem SELECT printf(''key %%s appears %%d times in %%s'', ' || $_ekf || ', count(*), %s) FROM %s GROUP BY ' || $_ekf || ' HAVING count(*) > 1;', quote(f), t)
  FROM (SELECT $_ena AS f, 'a' AS t UNION ALL SELECT $_enb, 'b')
  WHERE NOT EXISTS (SELECT 1 FROM problem WHERE msg LIKE 'no key column%');
SELECT 'CREATE INDEX bk ON b($_eki);
INSERT INTO onlya SELECT a.rowid, a.$_eki FROM a WHERE a.$_eki NOT IN (SELECT $_eki FROM b) ORDER BY a.rowid;
INSERT INTO onlyb SELECT b.rowid, b.$_eki FROM b WHERE b.$_eki NOT IN (SELECT $_eki FROM a) ORDER BY b.rowid;
SELECT a.$_eki' || coalesce(group_concat(printf(', a."%w", b."%w"', name, name), ''), '') ||
  ' FROM a JOIN b ON b.$_eki = a.$_eki ORDER BY a.rowid;'
  FROM (SELECT name FROM ca WHERE name IN (SELECT name FROM cb)
    AND name <> $_ek ORDER BY cid)
  HAVING NOT EXISTS (SELECT 1 FROM problem WHERE msg LIKE 'no key column%');
.output stdout
.separator "\\037" "\\036"
.read "$_ew/gen.sql"
.separator "|" "\\n"
.output "$_ew/problems"
SELECT msg FROM problem;
.output "$_ew/rows"
SELECT printf('  key %s: a row of %s only', k, $_ena) FROM onlya ORDER BY r LIMIT 10;
SELECT printf('  key %s: a row of %s only', k, $_enb) FROM onlyb ORDER BY r LIMIT 10;
.output "$_ew/counts"
SELECT (SELECT count(*) FROM onlya), (SELECT count(*) FROM onlyb),
  (SELECT count(*) FROM a), (SELECT count(*) FROM b);
EOF
	awk -v tol="$_etol" -v names="$_ew/names" -v fa="$_eca" \
	    -v fb="$_ecb" -v report="$_ew/report" -v count="$_ew/cells" \
	    "$engine__cmp_awk"
	if [ -s "$_ew/err" ] || [ ! -s "$_ew/counts" ]; then
		echo "csv_compare: cannot compare $_eca with $_ecb:" >&2
		cat "$_ew/err" >&2
		rm -rf "$_ew"; return 2
	fi
	if [ -s "$_ew/problems" ]; then
		echo "csv_compare: cannot compare $_eca with $_ecb by $_ekey:"
		sed 's/^/  /' "$_ew/problems"
		rm -rf "$_ew"; return 2
	fi
	set -- "$(cat "$_ew/cells")" $(tr '|' ' ' <"$_ew/counts")
	if [ "$1" -eq 0 ] && [ "$2" -eq 0 ] && [ "$3" -eq 0 ]; then
		rm -rf "$_ew"; return 0
	fi
	echo "csv_compare: $_eca and $_ecb differ (by $_ekey, tolerance $_etol): $1 cells, $2 rows of $_eca only, $3 rows of $_ecb only ($4 and $5 rows)"
	cat "$_ew/report" "$_ew/rows" 2>/dev/null
	rm -rf "$_ew"
	return 1
}
