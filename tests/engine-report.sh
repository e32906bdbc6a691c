#!/bin/sh
# engine-report.sh - riskdesk --report --engine: the policy's figures
# computed by the report query in PostgreSQL, riskdesk reading back one
# row per segment, equal those --report computes on the same rows in the
# riskdesk database:
#   1. the bundled example (policies/example.yaml against
#      policies/challenger.yaml on the German credit data), at the
#      policies' cutoffs and with --cutoff overrides;
#   2. a 100,000-row synthetic population (tests/bench/gen-population,
#      rejects with outcomes left out by the reject rule) under
#      tests/bench/bench-policy.yaml, its scorecard renamed as
#      bench-scale.sh does, with a challenger of moved cutoffs;
# every figure of the policy and of each segment of champion and
# challenger, and challenger - champion: counts exactly, money and rates
# to a relative 1e-12, by python3;
#   3. the text report, which names what the engine cannot give;
#   4. the errors: a connection that fails, a table that is not there, a
#      column the scorecard or the policy needs missing (named), and the
#      options that do not go with --engine (exit 2, saying why).
# The server is a private one (tests/engine-lib.sh); without PostgreSQL
# the test is skipped (a failure under RISKDESK_REQUIRE_ENGINES=1).
set -u
: "${top_srcdir:?}" "${RISKDESK:?}"
. "$top_srcdir/tests/engine-test.sh"
engine_test_start engine-report

# same_figures WHAT A.json B.json: every figure the engine gives (B)
# equals --report's on the riskdesk table (A).
same_figures() {
	if python3 - "$2" "$3" >"$tmp/py" 2>&1 <<'PY'
import json, math, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
FIG = ("applicants", "approved", "referred", "declined", "knocked_out",
       "approval_rate", "refer_rate", "decline_rate", "approved_known",
       "approved_bad", "bad_rate", "expected_bad_rate", "exposure",
       "expected_loss", "credit_limit", "revenue", "funding_cost",
       "profit", "ead_missing")
n = 0
bad = []

def num(x, y, path, scale=0.0):
    global n
    n += 1
    if x is None or y is None:
        if x is not None or y is not None:
            bad.append("%s: %r against %r" % (path, x, y))
    elif isinstance(x, int) and not isinstance(x, bool):
        if not isinstance(y, int) or isinstance(y, bool) or x != y:
            bad.append("%s: %r against %r" % (path, x, y))
    elif not isinstance(y, (int, float)) or \
            abs(x - y) > 1e-12 * max(abs(x), abs(y), scale):
        bad.append("%s: %r against %r" % (path, x, y))

def figures(x, y, path, keys):
    for k in keys:
        if k not in x or k not in y:
            bad.append("%s.%s missing (%s)" % (path, k,
                "report" if k not in x else "engine"))
        elif k == "profit":
            # A difference of sums taken in another order: its error is
            # of the size of its terms, not of itself.
            num(x[k], y[k], path + "." + k,
                sum(abs(x.get(t) or 0) for t in
                    ("revenue", "funding_cost", "expected_loss")))
        else:
            num(x[k], y[k], path + "." + k)

def slot(x, y, path):
    figures(x["policy"], y["policy"], path + "policy", FIG)
    for k in ("name", "population"):
        if x["policy"][k] != y["policy"][k]:
            bad.append("%spolicy.%s differs" % (path, k))
    sa, sb = x["segments"], y["segments"]
    if [s["name"] for s in sa] != [s["name"] for s in sb]:
        bad.append("%ssegments differ" % path)
        return
    for i, (u, v) in enumerate(zip(sa, sb)):
        figures(u, v, "%ssegments[%d]" % (path, i),
                FIG + ("cutoff", "lgd"))
    # What the engine does not give is left out, never zeros.
    for k in ("auc", "gini", "ks"):
        if k in y["model"]:
            bad.append("%smodel.%s given by the engine" % (path, k))
    for k in y["knockouts"]:
        if "declined" in k:
            bad.append("%sknockouts: a count given by the engine" % path)

slot(a, b, "")
if "challenger" in a:
    if "challenger" not in b or "change" not in b:
        bad.append("no challenger from the engine")
    else:
        slot(a["challenger"], b["challenger"], "challenger.")
        figures(a["swap_set"]["change"], b["change"], "change",
                ("approval_rate", "bad_rate", "expected_bad_rate",
                 "expected_loss"))
for k in ("tradeoff", "swap_set", "optimiser"):
    if k in b:
        bad.append("%s given by the engine" % k)
e = b.get("engine", {})
if e.get("name") != "postgresql" or not e.get("not_available"):
    bad.append("engine %r" % e)
for m in bad[:20]:
    print(m)
if bad:
    print("%d differ of %d figures" % (len(bad), n))
    sys.exit(1)
p = b["policy"]
print("%d figures (approved %d of %d, EL %.2f)" % (n, p["approved"],
      p["applicants"], p["expected_loss"]))
PY
	then
		passes=$((passes + 1))
		echo "ok: $1: the engine's figures equal --report's: $(cat "$tmp/py")"
	else
		echo "FAIL: $1: the engine's figures differ from --report's:"
		sed 's/^/  /' "$tmp/py"; fails=$((fails + 1))
	fi
}

# compare WHAT DB SOURCE ARGS...: --report --format json on the riskdesk
# table against --report --engine on SOURCE, the same ARGS (and those of
# $engine_args, the engine's only).
engine_args=
compare() {
	what=$1 cdb=$2 src=$3; shift 3
	expect 0 "" "$RISKDESK" --report --db "$cdb" --format json "$@"
	cp "$tmp/out" "$tmp/local.json"
	# shellcheck disable=SC2086
	expect 0 "" "$RISKDESK" --report --db "$cdb" --engine "$conn" \
		--source "$src" --format json "$@" $engine_args
	cp "$tmp/out" "$tmp/engine.json"
	same_figures "$what" "$tmp/local.json" "$tmp/engine.json"
}

# ---------------------------------------------------------------- German
db="$tmp/rd.db"
pol="$top_srcdir/policies/example.yaml"
chal="$top_srcdir/policies/challenger.yaml"
expect 0 "" "$RISKDESK" import --db "$db" --table german_credit \
	--target creditability --bad bad "$top_srcdir/data/german_credit.csv"
expect 0 "" "$RISKDESK" fit --db "$db" --table german_credit --name german
copy_table "$db" german_credit

compare "German, example.yaml" "$db" german_credit --policy "$pol"
# Segments of one score band, a band of one income band: CASEs with no
# WHEN to write, yet the query runs.
compare "German, one-band.yaml" "$db" german_credit \
	--policy "$top_srcdir/tests/data/export/one-band.yaml"
compare "German, example.yaml against challenger.yaml" "$db" german_credit \
	--policy "$pol" --challenger "$chal"
compare "German, --cutoff renters=531 --cutoff default=488, challenger" \
	"$db" german_credit --policy "$pol" --challenger "$chal" \
	--cutoff renters=531 --cutoff default=488
engine_args="--target creditability --bad bad --good good"
compare "German, the target named (--target --bad --good), public schema" \
	"$db" public.german_credit --policy "$pol"
engine_args=
# The target is found as every other name is, without case: the
# population's creditability is the engine's column Creditability (and
# --target CREDITABILITY the engine's creditability).
pg_psql -c "CREATE TABLE gcase AS SELECT * FROM german_credit" \
	-c 'ALTER TABLE gcase RENAME creditability TO "Creditability"' >/dev/null
compare "German, the target spelt Creditability in the engine" "$db" gcase \
	--policy "$pol"
engine_args="--target CREDITABILITY --bad bad"
compare "German, --target CREDITABILITY for the column creditability" "$db" \
	german_credit --policy "$pol"
engine_args=

# Text: the figures as --report prints them, and one line for what the
# engine cannot give.
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --challenger \
	"$chal" --engine "$conn" --source german_credit
contains '^riskdesk policy report, computed in postgresql on table "german_credit"$'
contains '^not available from the engine: model discrimination \(AUC, Gini, KS\).*the swap set.*the document$'
contains '^champion policy "example"'
contains '^challenger policy "challenger"'
contains '^challenger - champion: approval rate '
lacks 'AUC [0-9]'
"$RISKDESK" --report --db "$db" --policy "$pol" --challenger "$chal" \
	>"$tmp/local.txt" 2>/dev/null
# The segment table's lines are --report's own.
grep -E '^  (no_property|renters|young|default|total) ' "$tmp/local.txt" \
	>"$tmp/local.seg"
grep -E '^  (no_property|renters|young|default|total) ' "$tmp/out" \
	>"$tmp/engine.seg"
if cmp -s "$tmp/local.seg" "$tmp/engine.seg" && [ -s "$tmp/local.seg" ]; then
	passes=$((passes + 1))
else
	echo "FAIL: the text's segment lines differ from --report's:"
	diff "$tmp/local.seg" "$tmp/engine.seg" | sed 's/^/  /'
	fails=$((fails + 1))
fi
# --output writes the same report to a file.
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$pol" --engine "$conn" \
	--source german_credit --format json --output "$tmp/o.json"
"$RISKDESK" --report --db "$db" --policy "$pol" --format json \
	>"$tmp/local.json" 2>/dev/null
same_figures "German, --output" "$tmp/local.json" "$tmp/o.json"

# A column the policy reads named like the query's row key (rd_id): the
# key takes another name, the figures are --report's.
python3 - "$top_srcdir/data/german_credit.csv" "$tmp/rdid.csv" <<'EOF'
import csv, sys
r = csv.reader(open(sys.argv[1]))
w = csv.writer(open(sys.argv[2], "w", newline=""))
w.writerow(next(r) + ["rd_id"])
for i, row in enumerate(r):
    w.writerow(row + [str(i)])
EOF
expect 0 "" "$RISKDESK" import --db "$db" --table german_rdid \
	--target creditability --bad bad "$tmp/rdid.csv"
copy_table "$db" german_rdid
sed -e 's/^population: .*/population: german_rdid/' \
    -e 's/when: credit_amount > 15000$/when: credit_amount > 15000 OR rd_id < 40/' \
    "$pol" >"$tmp/rdid.yaml"
compare "German, the policy reads a column named rd_id" "$db" german_rdid \
	--policy "$tmp/rdid.yaml"
# The knock-out on rd_id took applicants the example approves (607).
got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["policy"]["approved"])' "$tmp/engine.json" 2>&1)
same "German, rd_id: approved with the knock-out that reads it" "$got" "585"

# Rejects keep their outcome in the file but have none (import
# --reject-when): the engine's report leaves them out of the bad rates as
# --report does; without the rule more of the approved have an outcome.
expect 0 "" "$RISKDESK" import --db "$db" --table german_rej \
	--target creditability --bad bad --reject-when housing="for free" \
	"$top_srcdir/data/german_credit.csv"
copy_table "$db" german_rej
sed 's/^population: .*/population: german_rej/' "$pol" >"$tmp/rej.yaml"
compare "German, 108 rejects with outcomes (the population's reject rule)" \
	"$db" german_rej --policy "$tmp/rej.yaml"
got=$(python3 -c 'import json, sys; p = json.load(open(sys.argv[1]))["engine"]; print(p["reject"], p["target_from"])' "$tmp/engine.json")
same "German rejects: the population's reject rule" "$got" "housing population"
cp "$tmp/engine.json" "$tmp/rule.json"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/rej.yaml" \
	--engine "$conn" --source german_rej --target creditability --bad bad \
	--format json
got=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["policy"]["approved_known"]
b = json.load(open(sys.argv[2]))["policy"]["approved_known"]
print("more" if b > a else "%d against %d" % (b, a))' "$tmp/rule.json" "$tmp/out")
same "German rejects: without the rule, more approved with an outcome" \
	"$got" more
# The rule needs its column in the engine's table (a scorecard's too:
# either names it).
pg_psql -c "CREATE TABLE rej_lacking AS SELECT * FROM german_rej" \
	-c "ALTER TABLE rej_lacking DROP COLUMN housing" >/dev/null
expect 1 'the table has no column "housing"' \
	"$RISKDESK" --report --db "$db" --policy "$tmp/rej.yaml" \
	--engine "$conn" --source rej_lacking

# ---------------------------------------------------------------- errors
expect 4 "cannot connect to PostgreSQL: .*; check the connection string" \
	"$RISKDESK" --report --db "$db" --policy "$pol" --engine \
	"host=$PGHOST port=1 dbname=$PGDATABASE user=$PGUSER" --source german_credit
expect 1 'no table "no_such_table" in the PostgreSQL database' \
	"$RISKDESK" --report --db "$db" --policy "$pol" --engine "$conn" \
	--source no_such_table
# A characteristic of the scorecard taken out of a copy of the table.
char=$(sqlite3 "$db" "SELECT body FROM rd_scorecard WHERE name = 'german'" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["characteristics"][0]["name"])' 2>"$tmp/err")
if [ -z "$char" ]; then
	echo "FAIL: cannot read a characteristic of the card:"; sed 's/^/  /' "$tmp/err"
	fails=$((fails + 1))
else
	pg_psql -c "CREATE TABLE lacking AS SELECT * FROM german_credit" \
		-c "ALTER TABLE lacking DROP COLUMN \"$char\"" >/dev/null
	expect 1 "the table has no column \"$char\"" \
		"$RISKDESK" --report --db "$db" --policy "$pol" --engine "$conn" \
		--source lacking
fi
# A column the policy needs and the scorecard does not (its EAD, here
# amount_lent): the error is located at the policy's expression and
# names the column; a table that has it gives the figures.
sed 's/^  ead: credit_amount/  ead: amount_lent/' "$pol" >"$tmp/lent.yaml"
expect 1 'lent.yaml:[0-9]+:[0-9]+: .*unknown column "amount_lent"' \
	"$RISKDESK" --report --db "$db" --policy "$tmp/lent.yaml" \
	--engine "$conn" --source german_credit
# A blob literal in a condition: refused at the policy's line and the
# literal's column, saying so and what to write, not taken for a column
# "x".
sed "s/^    when: credit_amount > 15000\$/    when: credit_amount > 15000 OR purpose = x'31'/" \
	"$pol" >"$tmp/blob.yaml"
line=$(grep -n "x'31'" "$tmp/blob.yaml" | cut -d: -f1)
expect 1 "^riskdesk: .*blob.yaml:$line:11: cannot export to postgresql: a blob literal, x'31', is not supported here \(write the string '1' instead\) at column 36 of the expression$" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/blob.yaml" \
	--engine "$conn" --source german_credit
ok "a refused blob literal writes nothing on stdout" test ! -s "$tmp/out"
pg_psql -c "CREATE TABLE lent AS SELECT *, credit_amount AS amount_lent FROM german_credit" >/dev/null
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/lent.yaml" \
	--engine "$conn" --source lent --format json
cp "$tmp/out" "$tmp/lent.json"
"$RISKDESK" --report --db "$db" --policy "$pol" --format json \
	>"$tmp/local.json" 2>/dev/null
same_figures "German, the EAD from a column of the engine's table only" \
	"$tmp/local.json" "$tmp/lent.json"
expect 1 'table "german_credit" has no target column "nope"' \
	"$RISKDESK" --report --db "$db" --policy "$pol" --engine "$conn" \
	--source german_credit --target nope --bad 1
expect 2 '--cutoff: no segment "nope"' "$RISKDESK" --report --db "$db" \
	--policy "$pol" --engine "$conn" --source german_credit --cutoff nope=500
expect 2 "needs --source" "$RISKDESK" --report --db "$db" --policy "$pol" \
	--engine "$conn"
expect 2 "go with --engine" "$RISKDESK" --report --db "$db" --policy "$pol" \
	--source german_credit
expect 2 "--target needs --bad" "$RISKDESK" --report --db "$db" \
	--policy "$pol" --engine "$conn" --source german_credit --target x
for opt in "--format html" "--format xlsx" "--document" "--curves" \
    "--optimise bad_rate=0.1" "--save-run"; do
	# shellcheck disable=SC2086
	expect 2 "--engine .*(document|score|runs)" "$RISKDESK" --report \
		--db "$db" --policy "$pol" --engine "$conn" \
		--source german_credit $opt
done

# ---------------------------------------------------------------- types
# The policy's columns are read as riskdesk's table of its population
# types them: credit_amount is INTEGER there, numeric(12,2) in a bank's
# table, and credit_amount / 3 * 3 = credit_amount is SQLite's integer
# division (true for a third of the amounts), not an exact one (always).
sed "s/^    when: property = 'unknown \/ no property'/    when: credit_amount \/ 3 * 3 = credit_amount/" \
	"$pol" >"$tmp/div.yaml"
pg_psql -c "CREATE TABLE amt_num AS SELECT * FROM german_credit" \
	-c "ALTER TABLE amt_num ALTER COLUMN credit_amount TYPE numeric(12,2)" \
	>/dev/null
compare "German, integer division on a numeric(12,2) column (riskdesk INTEGER)" \
	"$db" amt_num --policy "$tmp/div.yaml"
got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["segments"][0]["applicants"])' "$tmp/engine.json")
[ "$got" -gt 0 ] && [ "$got" -lt 900 ] && passes=$((passes + 1)) || {
	echo "FAIL: integer division: $got applicants in the first segment"
	fails=$((fails + 1)); }
# The other way: REAL in riskdesk (import --type), integer in the engine.
expect 0 "" "$RISKDESK" import --db "$db" --table german_real \
	--target creditability --bad bad --type credit_amount=real \
	"$top_srcdir/data/german_credit.csv"
copy_table "$db" german_real
pg_psql -c "ALTER TABLE german_real ALTER COLUMN credit_amount TYPE integer" \
	>/dev/null
sed 's/^population: .*/population: german_real/' "$tmp/div.yaml" \
	>"$tmp/divr.yaml"
compare "German, real division on an integer column (riskdesk REAL)" \
	"$db" german_real --policy "$tmp/divr.yaml"
# Text in the engine, a number in riskdesk: named, with both types.
pg_psql -c "CREATE TABLE amt_text AS SELECT * FROM german_credit" \
	-c "ALTER TABLE amt_text ALTER COLUMN credit_amount TYPE text" \
	>/dev/null
expect 1 "^riskdesk: column \"credit_amount\" is text in the engine's table \"amt_text\", a number in riskdesk's table \"german_credit\"" \
	"$RISKDESK" --report --db "$db" --policy "$pol" --engine "$conn" \
	--source amt_text
# The same for a column only the policy reads, not the scorecard; a
# policy that does not read it is not stopped by it.
pg_psql -c "CREATE TABLE res_text AS SELECT * FROM german_credit" \
	-c "ALTER TABLE res_text ALTER COLUMN present_residence_since TYPE text" \
	>/dev/null
sed 's/^    when: age_in_years < 21/    when: present_residence_since > 3/' \
	"$pol" >"$tmp/res.yaml"
expect 1 "^riskdesk: column \"present_residence_since\" is text in the engine's table \"res_text\", a number in riskdesk's table \"german_credit\"" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/res.yaml" \
	--engine "$conn" --source res_text
compare "German, a column of another type that the policy does not read" \
	"$db" res_text --policy "$pol"
# Two columns whose names differ only in case: refused, naming both.
pg_psql -c "CREATE TABLE twins AS SELECT 0 AS \"Credit_Amount\", * FROM german_credit" \
	>/dev/null
expect 1 'table "twins" has columns "Credit_Amount" and "credit_amount", whose names differ only in case.*a view' \
	"$RISKDESK" --report --db "$db" --policy "$pol" --engine "$conn" \
	--source twins
# A negative EAD is the error --report gives, located at the ead.
sed 's/^  ead: credit_amount/  ead: credit_amount - 1000/' "$pol" \
	>"$tmp/neg.yaml"
"$RISKDESK" --report --db "$db" --policy "$tmp/neg.yaml" >/dev/null \
	2>"$tmp/neg.local"
expect 1 'neg.yaml:[0-9]+:[0-9]+: EAD is negative on [0-9]+ rows of segment' \
	"$RISKDESK" --report --db "$db" --policy "$tmp/neg.yaml" \
	--engine "$conn" --source german_credit
if cmp -s "$tmp/neg.local" "$tmp/err"; then
	passes=$((passes + 1))
else
	echo "FAIL: the negative EAD's error differs from --report's:"
	diff "$tmp/neg.local" "$tmp/err" | sed 's/^/  /'
	fails=$((fails + 1))
fi
# An infinite one (a double column of the engine's table only).
pg_psql -c "CREATE TABLE infead AS SELECT *, credit_amount::float8 AS amt FROM german_credit" \
	-c "UPDATE infead SET amt = 'Infinity' WHERE credit_amount < 1000" \
	>/dev/null
sed 's/^  ead: credit_amount/  ead: amt/' "$pol" >"$tmp/inf.yaml"
expect 1 'inf.yaml:[0-9]+:[0-9]+: EAD is infinite on [0-9]+ rows? of segment' \
	"$RISKDESK" --report --db "$db" --policy "$tmp/inf.yaml" \
	--engine "$conn" --source infead
# An integer expression past PostgreSQL's bigint: riskdesk's --report
# carries on in reals and gives its figures; the engine stops, and the
# message names the policy and says what to write instead.
sed 's/^  ead: credit_amount/  ead: credit_amount * 4000000000000000000/' \
	"$pol" >"$tmp/big.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/big.yaml"
expect 4 "policy \"[^\"]*\" \(.*big.yaml\): the query failed on PostgreSQL: bigint out of range; an integer expression went past the range of its PostgreSQL type, where riskdesk and SQLite carry on in reals: write its arithmetic in reals \(x \* 1.0\)" \
	"$RISKDESK" --report --db "$db" --policy "$tmp/big.yaml" \
	--engine "$conn" --source german_credit
sed 's/^  ead: credit_amount/  ead: credit_amount * 1.0 * 4000000000000000000/' \
	"$pol" >"$tmp/big1.yaml"
expect 0 "" "$RISKDESK" --report --db "$db" --policy "$tmp/big1.yaml" \
	--engine "$conn" --source german_credit
# The same value as --bad and --good: import's usage error.
expect 2 '"bad" given as both --bad and --good' "$RISKDESK" --report \
	--db "$db" --policy "$pol" --engine "$conn" --source german_credit \
	--target creditability --bad bad --good bad

# ---------------------------------------------------------------- synthetic
gen="$top_builddir/tests/bench/gen-population"
if [ ! -x "$gen" ]; then
	echo "FAIL: $gen is not built (make check builds it)"; fails=$((fails + 1))
else
	sdb="$tmp/syn.db"
	"$gen" -n 100000 -s 7 -o "$tmp/syn-in.csv"
	expect 0 "" "$RISKDESK" import --db "$sdb" --table bench --target bad \
		--bad 1 --id app_id --reject-when decision=rejected \
		"$tmp/syn-in.csv"
	rm -f "$tmp/syn-in.csv"
	expect 0 "" "$RISKDESK" fit --db "$sdb" --table bench --name bench
	sed 's/^scorecard: .*/scorecard: bench/' \
		"$top_srcdir/tests/bench/bench-policy.yaml" >"$tmp/bench.yaml"
	# A challenger: every cutoff 10 points higher.
	awk '/^ *cutoff: / { sub(/cutoff: [0-9]+/, "cutoff: " $2 + 10) }
	    /^name: / { $0 = "name: bench_high" } { print }' \
		"$tmp/bench.yaml" >"$tmp/bench-high.yaml"
	copy_table "$sdb" bench
	t0=$(date +%s.%N)
	compare "synthetic 100,000, bench-policy.yaml against 10 points higher" \
		"$sdb" bench --policy "$tmp/bench.yaml" \
		--challenger "$tmp/bench-high.yaml"
	t1=$(date +%s.%N)
	echo "  (both reports in $(echo "$t1 - $t0" | bc) s)"
	compare "synthetic 100,000, --cutoff renters=571 (refer band moved)" \
		"$sdb" bench --policy "$tmp/bench.yaml" --cutoff renters=571
fi

echo "engine-report: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
