#!/bin/sh
# progress.sh - the progress bar of a command's reads: on a terminal (a
# pseudo-terminal from script(1)) "reading [...] NN%  N of M rows" on
# standard error, the line cleared when the read ends and what the
# command prints unchanged; nothing at all when standard error is not a
# terminal.  RISKDESK_PROGRESS_DELAY=0 shows it at once (the default, a
# second, would make the test slow or flaky).
set -u
: "${RISKDESK:?RISKDESK must name the built binary}"
: "${top_srcdir:?}"
tmp="${top_builddir:-.}/progress-test.$$"
rm -rf "$tmp"; mkdir -p "$tmp"; tmp=$(cd "$tmp" && pwd)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/p.db"
fails=0; passes=0

. "$top_srcdir/tests/cli-lib.sh"

if ! command -v script >/dev/null 2>&1; then
	echo "progress: SKIPPED LOUDLY: script(1) (util-linux / bsdutils) is" \
	    "not installed, so no terminal can be made for the test"
	exit 77
fi

# 40,000 rows: three progress calls (every 16,384 rows) and the end.
awk 'BEGIN { srand(7); print "id,x,y"
	for (i = 1; i <= 40000; i++) { x = i % 97
	    printf "%d,%d,%d\n", i, x, rand() < (x < 30 ? 0.4 : 0.1) } }' \
	>"$tmp/p.csv"
expect 0 "" "$RISKDESK" import --db "$db" --table p --target y --bad 1 \
	--id id "$tmp/p.csv"

# Not a terminal: standard error is empty, standard output the result.
expect 0 "" env RISKDESK_PROGRESS_DELAY=0 "$RISKDESK" bin --db "$db" --table p
cp "$tmp/out" "$tmp/plain.out"
if [ -s "$tmp/err" ]; then
	echo "FAIL: progress output without a terminal:"; cat "$tmp/err"
	fails=$((fails + 1))
else passes=$((passes + 1)); fi

# On a terminal.  script(1) merges both streams into the terminal; the
# command's standard output goes to a file.
RISKDESK_PROGRESS_DELAY=0 script -qec "'$RISKDESK' bin --db '$db' --table p \
	>'$tmp/tty.out'" "$tmp/typescript" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then passes=$((passes + 1))
else echo "FAIL: bin on a terminal exited $rc"; fails=$((fails + 1)); fi
tr '\r' '\n' <"$tmp/typescript" >"$tmp/lines"
# With no delay the first chance draws: the bar at 0 %; later lines
# depend on the speed of the read (at most ten a second).
for s in "reading   \[\.{30}\]   0%  0 of 40,000 rows"; do
	if grep -qE -- "$s" "$tmp/lines"; then passes=$((passes + 1))
	else echo "FAIL: the terminal lacks /$s/"; cat -v "$tmp/typescript"
		fails=$((fails + 1)); fi
done
# The bar is cleared (carriage return, erase to end of line) after the
# last line drawn.
if grep -q "$(printf '\r\033\\[K')" "$tmp/typescript"; then
	passes=$((passes + 1))
else echo "FAIL: the bar is not cleared"; fails=$((fails + 1)); fi
if cmp -s "$tmp/plain.out" "$tmp/tty.out"; then passes=$((passes + 1))
else echo "FAIL: standard output differs on a terminal"; fails=$((fails + 1)); fi

# --report reads through the same bar.
printf 'name: p\npopulation: p\nscorecard: p\nsegments:\n  - name: all\n    cutoff: 500\n    lgd: 0.5\n    ead: 1000\n' \
	>"$tmp/pol.yaml"
expect 0 "" "$RISKDESK" fit --db "$db" --table p --name p
RISKDESK_PROGRESS_DELAY=0 script -qec "'$RISKDESK' --report --db '$db' \
	--policy '$tmp/pol.yaml' >'$tmp/rep.out'" "$tmp/ts3" >/dev/null 2>&1
if tr '\r' '\n' <"$tmp/ts3" | grep -qE "reading .*of 40,000 rows"; then
	passes=$((passes + 1))
else echo "FAIL: --report draws no bar"; cat -v "$tmp/ts3"; cat "$tmp/rep.out"
	fails=$((fails + 1)); fi

# The work after the read: the classing of the characteristics (a bar
# by characteristic) and the fit's iterations (a count and the deviance,
# the end not being known; later iterations of so small a fit come
# within the tenth of a second between redraws), each line cleared at its
# step's end;
# standard output as without a terminal.
expect 0 "" "$RISKDESK" fit --db "$db" --table p --name plain
cp "$tmp/out" "$tmp/fit-plain.out"
RISKDESK_PROGRESS_DELAY=0 script -qec "'$RISKDESK' fit --db '$db' \
	--table p --name plain >'$tmp/fit-tty.out'" "$tmp/ts4" >/dev/null 2>&1
tr '\r' '\n' <"$tmp/ts4" | sed 's/\x1b\[K//g' >"$tmp/lines4"
for s in "classing  \[\.{30}\]   0%  0 of 1 characteristics" \
	"fitting   0 iterations\$"; do
	if grep -qE -- "$s" "$tmp/lines4"; then passes=$((passes + 1))
	else echo "FAIL: fit on a terminal lacks /$s/"; cat -v "$tmp/ts4"
		fails=$((fails + 1)); fi
done
# The same fit stored again: what it prints, apart from the time it took
# ("... in 0.05 s"), is as without a terminal.
sed 's/[0-9.]* s$//' "$tmp/fit-plain.out" >"$tmp/fit-plain.cut"
sed 's/[0-9.]* s$//' "$tmp/fit-tty.out" >"$tmp/fit-tty.cut"
if cmp -s "$tmp/fit-plain.cut" "$tmp/fit-tty.cut"; then
	passes=$((passes + 1))
else echo "FAIL: fit's standard output differs on a terminal"
	diff "$tmp/fit-plain.out" "$tmp/fit-tty.out"; fails=$((fails + 1)); fi

# validate reads the table in slices: one bar for the scoring of the
# whole table, not one "reading" bar per slice; standard output as
# without a terminal.
expect 0 "" "$RISKDESK" validate --db "$db" --name p
cp "$tmp/out" "$tmp/val-plain.out"
RISKDESK_PROGRESS_DELAY=0 script -qec "'$RISKDESK' validate --db '$db' \
	--name p >'$tmp/val-tty.out'" "$tmp/ts5" >/dev/null 2>&1
tr '\r' '\n' <"$tmp/ts5" | sed 's/\x1b\[K//g' >"$tmp/lines5"
if grep -qE "scoring   \[\.{30}\]   0%  0 of 40,000 rows" "$tmp/lines5" &&
    ! grep -q "reading" "$tmp/lines5"; then
	passes=$((passes + 1))
else echo "FAIL: validate on a terminal:"; cat -v "$tmp/ts5"
	fails=$((fails + 1)); fi
if cmp -s "$tmp/val-plain.out" "$tmp/val-tty.out"; then
	passes=$((passes + 1))
else echo "FAIL: validate's standard output differs on a terminal"
	diff "$tmp/val-plain.out" "$tmp/val-tty.out"; fails=$((fails + 1)); fi

# decide reads its table in slices too: one bar, "deciding", for the
# table (the column probes read no rows and draw no bar).
RISKDESK_PROGRESS_DELAY=0 script -qec "'$RISKDESK' decide --db '$db' \
	--policy '$tmp/pol.yaml' --output '$tmp/dec.csv'" "$tmp/ts6" \
	>/dev/null 2>&1
tr '\r' '\n' <"$tmp/ts6" | sed 's/\x1b\[K//g' >"$tmp/lines6"
if grep -qE "deciding  \[\.{30}\]   0%  0 of 40,000 rows" "$tmp/lines6" &&
    ! grep -q "reading   \[" "$tmp/lines6"; then
	passes=$((passes + 1))
else echo "FAIL: decide on a terminal:"; cat -v "$tmp/ts6"
	fails=$((fails + 1)); fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
