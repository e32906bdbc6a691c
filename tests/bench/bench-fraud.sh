#!/bin/sh
# bench-fraud.sh - time 'riskdesk fraud' on a synthetic application stream
# of data/gen-fraud-apps.sh (not part of make check).
#
#   tests/bench/bench-fraud.sh [<build dir> [<rows>]]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The stream is imported, then
# policies/fraud.yaml (three features -- a count, a distinct count and a
# sum over 7- and 30-day windows -- and three rules) is evaluated on it:
# every feature of every event, every rule, every figure.  The reference
# floor, in the same run: sqlite3 reading the same columns of every row
# (one scan, their lengths summed so that each value is read).  Prints
# wall and CPU seconds, peak memory, events per second and the ratio to
# the floor.  Goals: under 5 s and under 200 MB at 1,000,000 rows.
# Then the cost of moving a rule's threshold (bench-fraud-tune.c): the
# preparation of each rule, a move (a key press), the curve.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
rd="$build/riskdesk"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || { echo "bench-fraud: sqlite3 is needed"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-fraud: GNU time (/usr/bin/time) is needed"; exit 1; }

sh "$top/data/gen-fraud-apps.sh" "$rows" >"$tmp/apps.csv"
"$rd" import --db "$tmp/b.db" --table fraud_apps "$tmp/apps.csv" >/dev/null 2>&1

. "$here/bench-lib.sh"
best fraud "$rd" fraud --db "$tmp/b.db" --policy "$top/policies/fraud.yaml"
best sqlite sqlite3 "$tmp/b.db" "SELECT count(*), sum(length(applied_at)),
    sum(length(channel)), sum(length(device_id)), sum(length(phone)),
    sum(length(email)), sum(length(address_id)), sum(requested_limit),
    sum(fraud) FROM fraud_apps"
read -r fw fc fm <"$tmp/fraud"
read -r sw sc sm <"$tmp/sqlite"
printf 'bench-fraud: %s events, %s\n' "$rows" \
    "$(grep -E '^  alerts  ' "$tmp/fraud.1.out" | sed 's/^ *//; s/  */ /g')"
printf '  %-28s %8s %8s %8s %14s\n' step "wall s" "CPU s" "peak MB" events/s
printf '  %-28s %8s %8s %8s %14.0f\n' "riskdesk fraud" "$fw" "$fc" "$fm" \
    "$(echo "$rows / ($fw + 0.0001)" | bc -l)"
printf '  %-28s %8s %8s %8s %14.0f\n' "sqlite3 scan (floor)" "$sw" "$sc" \
    "$sm" "$(echo "$rows / ($sw + 0.0001)" | bc -l)"
printf '  ratio to the floor: %.1f x wall\n' \
    "$(echo "$fw / ($sw + 0.0001)" | bc -l)"
# The machine may be shared: the CPU time says what the run costs.
printf '  load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
# Moving a threshold on the Fraud screen: the rules evaluated again over
# the features computed once (bench-fraud-tune.c).
cc=${CC:-cc}
libs=$(core_libs "$build")
$cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$build" -I"$top/src" -o "$tmp/bench-fraud-tune" \
	"$here/bench-fraud-tune.c" "$build/src/libriskdesk.a" $libs
echo "  thresholds moved (the floor: a scan of $sw s):"
"$tmp/bench-fraud-tune" "$tmp/b.db" "$top/policies/fraud.yaml" |
    sed 's/^/    /'
ok=1
[ "$(echo "$fw < 5" | bc)" -eq 1 ] || { echo "  goal missed: over 5 s wall"; ok=0; }
[ "$fm" -lt 200 ] || { echo "  goal missed: over 200 MB"; ok=0; }
[ "$ok" -eq 1 ] && echo "  goals met: under 5 s and under 200 MB"
exit 0
