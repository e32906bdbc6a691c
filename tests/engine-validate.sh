#!/bin/sh
# engine-validate.sh - riskdesk validate --engine: a population that lives
# in PostgreSQL validated without its rows leaving the server (the server
# counts the rows of each score and outcome; riskdesk computes the
# figures from the counts) gives the figures validate gives on the same
# rows in SQLite:
#   1. the German credit data (1,000 rows), card fitted on the whole table;
#   2. a 100,000-row synthetic population (tests/bench/gen-population:
#      REAL columns, missing and special values, text levels, rejects with
#      no outcome), card fitted on the whole table;
# every figure of validate --json (n, bads, bad rate, AUC, Gini, KS and
# its score, ROC points, gains rows, Hosmer-Lemeshow groups, statistic
# and p-value, score bands, score -> PD) to a relative 1e-12, by python3;
#   3. the errors: a connection that fails (libpq's reason), a table that
#      is not there, a table without a characteristic's column (named),
#      the options that do not go together.
# The server is a private one (tests/engine-lib.sh); without PostgreSQL
# the test is skipped (a failure under RISKDESK_REQUIRE_ENGINES=1).
set -u
: "${top_srcdir:?}" "${RISKDESK:?}"
. "$top_srcdir/tests/engine-test.sh"
engine_test_start engine-validate

# same_figures WHAT A.json B.json: every figure of the validation of
# SQLite (A) equals the engine's (B).
same_figures() {
	if python3 - "$2" "$3" >"$tmp/py" 2>&1 <<'EOF'
import json, math, os, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests"))
from json_same import Same
same = Same()
cmp, bad = same.cmp, same.bad

for k in ("development", "score_pd", "scaling", "scorecard"):
    if k not in a or k not in b:
        bad.append("%s missing" % k)
    else:
        cmp(a[k], b[k], k)
if "holdout" in a or "holdout" in b or "psi" in b:
    bad.append("a holdout or PSI where none was wanted")
d = a["development"]
for k in ("n", "n_bad", "bad_rate", "auc", "gini", "ks", "ks_score"):
    if d.get(k) is None:
        bad.append("development.%s is null" % k)
for k in ("roc", "gains", "bands"):
    if not d.get(k):
        bad.append("development.%s is empty" % k)
if b.get("engine") != "postgresql":
    bad.append("engine %r" % b.get("engine"))
for m in bad[:20]:
    print(m)
if bad:
    print("%d differ of %d figures" % (len(bad), same.n))
    sys.exit(1)
print("%d figures (n %d, AUC %.6f)" % (same.n, d["n"], d["auc"]))
EOF
	then
		passes=$((passes + 1))
		echo "ok: $1: the engine's figures equal SQLite's: $(cat "$tmp/py")"
	else
		echo "FAIL: $1: the engine's figures differ from SQLite's:"
		sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
	fi
}

# ---------------------------------------------------------------- German
db="$tmp/rd.db"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german
copy_table "$db" german_credit

expect 0 "" "$RISKDESK" validate --db "$db" --name german --table \
	german_credit --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source german_credit --json
cp "$tmp/out" "$tmp/engine.json"
same_figures "German" "$tmp/sqlite.json" "$tmp/engine.json"
# The target is found as the other names are, without case.
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source german_credit --target CREDITABILITY --bad bad --json
cp "$tmp/out" "$tmp/engine.json"
same_figures "German, --target CREDITABILITY" "$tmp/sqlite.json" "$tmp/engine.json"

# While the server works, a terminal shows how long it has been at it
# ("querying 0 s on PostgreSQL", cleared at the end), and what the
# command prints is the same; without a terminal nothing is drawn.
if command -v script >/dev/null 2>&1; then
	RISKDESK_PROGRESS_DELAY=0 script -qec "'$RISKDESK' validate --db '$db' \
		--name german --engine '$conn' --source german_credit --json \
		>'$tmp/tty.out'" "$tmp/typescript" >/dev/null 2>&1
	tr '\r' '\n' <"$tmp/typescript" >"$tmp/lines"
	if grep -qE "querying +0 s on PostgreSQL" "$tmp/lines" &&
	    grep -q "$(printf '\r\033\\[K')" "$tmp/typescript" &&
	    cmp -s "$tmp/tty.out" "$tmp/engine.json"; then
		passes=$((passes + 1))
		echo "ok: German on a terminal: the wait drawn, then cleared; the output the same"
	else
		echo "FAIL: German on a terminal: no wait line, no clearing, or other output:"
		cat -v "$tmp/typescript" | head -5; fails=$((fails + 1))
	fi
	if [ -s "$tmp/err" ]; then
		echo "FAIL: progress drawn without a terminal:"; cat "$tmp/err"
		fails=$((fails + 1))
	else passes=$((passes + 1)); fi
else
	echo "engine-validate: SKIPPED LOUDLY (one case): script(1) is not" \
	    "installed, so the wait line on a terminal is not tested"
fi

# --source written SQL's way: each part in double quotes, a part with a
# space and capitals; the same table as written plain; refused (exit 2)
# where the name cannot be held.
pg_psql -c 'CREATE SCHEMA risk' \
	-c 'CREATE TABLE risk."Loans 2024" AS SELECT * FROM german_credit' >/dev/null
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source '"risk"."Loans 2024"' --json
cp "$tmp/out" "$tmp/quoted.json"
same_figures "German as \"risk\".\"Loans 2024\"" "$tmp/sqlite.json" \
	"$tmp/quoted.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source 'risk.Loans 2024' --json
cp "$tmp/out" "$tmp/quoted.json"
same_figures "German as risk.Loans 2024" "$tmp/sqlite.json" "$tmp/quoted.json"
expect 2 'source "risk.\"Loans 2024": the quote " opened at character 6 is not closed' \
	"$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source 'risk."Loans 2024'

# The same with the target named, the schema written, and more groups.
expect 0 "" "$RISKDESK" validate --db "$db" --name german --table \
	german_credit --json --groups 7 --band 15
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source public.german_credit --target creditability --bad bad \
	--good good --json --groups 7 --band 15
cp "$tmp/out" "$tmp/engine.json"
same_figures "German, public.german_credit, --target, 7 groups, bands of 15" \
	"$tmp/sqlite.json" "$tmp/engine.json"

# The characteristics of another numeric type in the engine (numeric for
# an INTEGER column, integer for a REAL one): bins compare numbers only,
# so the engine's types give the same figures.
pg_psql -c "CREATE TABLE types AS SELECT * FROM german_credit" \
	-c "ALTER TABLE types ALTER COLUMN credit_amount TYPE numeric(12,2)" \
	-c "ALTER TABLE types ALTER COLUMN duration_in_month TYPE double precision" \
	-c "ALTER TABLE types ALTER COLUMN age_in_years TYPE smallint" >/dev/null
expect 0 "" "$RISKDESK" validate --db "$db" --name german --table \
	german_credit --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source types --json
cp "$tmp/out" "$tmp/engine.json"
same_figures "German, numeric, double and smallint columns for INTEGER ones" \
	"$tmp/sqlite.json" "$tmp/engine.json"

# Text: the report names the table and the engine.
expect 0 "" "$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source german_credit
contains '^validation of scorecard "german" on table "german_credit" \(postgresql\)$'
contains '0 rows of indeterminate outcome'
contains '^sample \(the whole table\)'

# Rejects keep their outcome in the file but have none (import
# --reject-when): the engine leaves them out as the SQLite path does.
expect 0 "" "$RISKDESK" import --db "$db" --table german_rej \
	--target creditability --bad bad --reject-when housing="for free" \
	"$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_rej --name rej
copy_table "$db" german_rej
expect 0 "" "$RISKDESK" validate --db "$db" --name rej --table german_rej --json
cp "$tmp/out" "$tmp/sqlite.json"
expect 0 "" "$RISKDESK" validate --db "$db" --name rej --engine "$conn" \
	--source german_rej --json
cp "$tmp/out" "$tmp/engine.json"
same_figures "German, 108 rejects with outcomes" "$tmp/sqlite.json" "$tmp/engine.json"
got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["indeterminate"])' "$tmp/engine.json")
same "German rejects: rows of indeterminate outcome" "$got" 108
# The population's reject rule needs its column in the engine's table.
pg_psql -c "CREATE TABLE rej_lacking AS SELECT * FROM german_rej" \
	-c "ALTER TABLE rej_lacking DROP COLUMN housing" >/dev/null
expect 1 'source "rej_lacking": the table has no column "housing" for the reject rule' \
	"$RISKDESK" validate --db "$db" --name rej --engine "$conn" \
	--source rej_lacking

# ---------------------------------------------------------------- errors
expect 4 "cannot connect to PostgreSQL: .*; check the connection string" \
	"$RISKDESK" validate --db "$db" --name german --engine \
	"host=$PGHOST port=1 dbname=$PGDATABASE user=$PGUSER" --source german_credit
expect 4 "cannot connect to PostgreSQL: .*database \"no_such_db\" does not exist" \
	"$RISKDESK" validate --db "$db" --name german --engine \
	"host=$PGHOST port=$PGPORT dbname=no_such_db user=$PGUSER" \
	--source german_credit
expect 1 'no table "no_such_table" in the PostgreSQL database' \
	"$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source no_such_table
# A characteristic of the card, taken out of a copy of the table.
char=$(sqlite3 "$db" "SELECT body FROM rd_scorecard WHERE name = 'german'" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["characteristics"][0]["name"])' 2>"$tmp/err")
if [ -z "$char" ]; then
	echo "FAIL: cannot read a characteristic of the card:"; sed 's/^/  /' "$tmp/err"
	fails=$((fails + 1))
else
	pg_psql -c "CREATE TABLE lacking AS SELECT * FROM german_credit" \
		-c "ALTER TABLE lacking DROP COLUMN \"$char\"" >/dev/null
	expect 1 "source \"lacking\": the table has no column \"$char\" for the scorecard" \
		"$RISKDESK" validate --db "$db" --name german --engine "$conn" \
		--source lacking
fi
expect 1 'table "german_credit" has no target column "nope"' \
	"$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source german_credit --target nope --bad 1
expect 2 "not --table or --psi-table" "$RISKDESK" validate --db "$db" \
	--name german --engine "$conn" --source german_credit --table german_credit
expect 2 "not --table or --psi-table" "$RISKDESK" validate --db "$db" \
	--name german --engine "$conn" --source german_credit --psi-table german_credit
expect 2 "needs --source" "$RISKDESK" validate --db "$db" --name german \
	--engine "$conn"
expect 2 "go with --engine" "$RISKDESK" validate --db "$db" --name german \
	--source german_credit
expect 2 "--target needs --bad" "$RISKDESK" validate --db "$db" --name german \
	--engine "$conn" --source german_credit --target creditability
expect 2 '"bad" given as both --bad and --good' "$RISKDESK" validate \
	--db "$db" --name german --engine "$conn" --source german_credit \
	--target creditability --bad bad --good bad
# Two columns whose names differ only in case: refused, naming both.
pg_psql -c "CREATE TABLE twins AS SELECT 0 AS \"Credit_Amount\", * FROM german_credit" \
	>/dev/null
expect 1 'table "twins" has columns "Credit_Amount" and "credit_amount", whose names differ only in case' \
	"$RISKDESK" validate --db "$db" --name german --engine "$conn" \
	--source twins
expect 1 'no scorecard|not found|unknown' "$RISKDESK" validate --db "$db" \
	--name nope --engine "$conn" --source german_credit

# ---------------------------------------------------------------- synthetic
gen="$top_builddir/tests/bench/gen-population"
if [ ! -x "$gen" ]; then
	echo "FAIL: $gen is not built (make check builds it)"; fails=$((fails + 1))
else
	sdb="$tmp/syn.db"
	"$gen" -n 100000 -s 7 -o "$tmp/syn-in.csv"
	expect 0 "" "$RISKDESK" import --db "$sdb" --table apps --target bad \
		--bad 1 --id app_id --reject-when decision=rejected \
		--special income=-999 --special months_on_file=-999 \
		"$tmp/syn-in.csv"
	expect 0 "" "$RISKDESK" fit --db "$sdb" --table apps --name syn
	copy_table "$sdb" apps
	expect 0 "" "$RISKDESK" validate --db "$sdb" --name syn --table apps \
		--json
	cp "$tmp/out" "$tmp/sqlite.json"
	t0=$(date +%s.%N)
	expect 0 "" "$RISKDESK" validate --db "$sdb" --name syn --engine \
		"$conn" --source apps --json
	t1=$(date +%s.%N)
	cp "$tmp/out" "$tmp/engine.json"
	same_figures "synthetic 100,000 ($(echo "$t1 - $t0" | bc) s in the engine)" \
		"$tmp/sqlite.json" "$tmp/engine.json"
	# A signal the process ignores (nohup's SIGHUP) cancels nothing:
	# sent while the query runs, the command still gives its figures.
	sh -c 'trap "" HUP; exec "$@"' sh "$RISKDESK" validate --db "$sdb" \
		--name syn --engine "$conn" --source apps --json \
		>"$tmp/hup.json" 2>"$tmp/hup.err" &
	hp=$!
	sleep 0.3
	kill -HUP "$hp" 2>/dev/null
	wait "$hp"
	hrc=$?
	if [ "$hrc" -eq 0 ] && cmp -s "$tmp/hup.json" "$tmp/engine.json"; then
		passes=$((passes + 1))
		echo "ok: an ignored SIGHUP during the query cancels nothing"
	else
		fails=$((fails + 1))
		echo "FAIL: an ignored SIGHUP: exit $hrc"; cat "$tmp/hup.err"
	fi
	# The rows left out are the rows without an outcome (the rejects).
	want=$(sqlite3 "$sdb" "SELECT count(*) FROM apps WHERE bad IS NULL OR decision = 'rejected'")
	got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["indeterminate"])' "$tmp/engine.json")
	same "synthetic: rows of indeterminate outcome" "$got" "$want"
	# What left the engine: one row of counts per distinct (score,
	# outcome), some hundreds, not the 100,000 rows (under 5% of them).
	got=$(python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(j["engine_rows"], j["engine_bytes"])' "$tmp/engine.json")
	set -- $got
	if [ "$1" -gt 0 ] && [ "$1" -lt 5000 ] && [ "$2" -lt 50000 ]; then
		passes=$((passes + 1))
		echo "ok: synthetic: $1 rows of counts ($2 bytes) left the engine for 100,000 rows"
	else
		fails=$((fails + 1))
		echo "FAIL: synthetic: $1 rows of counts ($2 bytes) left the engine"
	fi
	# The text says the counts as text output does, with thousands
	# separators.
	counts=$(python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print("%s rows of counts, %s bytes, sent back); %s rows of" % tuple(format(j[k], ",") for k in ("engine_rows", "engine_bytes", "indeterminate")))' "$tmp/engine.json")
	expect 0 "" "$RISKDESK" validate --db "$sdb" --name syn --engine \
		"$conn" --source apps
	has_text "computed in the engine from its counts by score ($counts indeterminate outcome left out"
fi

echo "engine-validate: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
