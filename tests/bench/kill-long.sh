#!/bin/sh
# kill-long.sh - tests/kill.sh at full size: SIGKILL at 25 random moments
# of each step (a new import, import --replace, fit, --report --output,
# decide --output) on a 100,000-row application file; every kill must
# leave the old state or the new one.  A few minutes; not part of make
# check, whose kill.sh kills 4 times a step on 20,000 rows.
#
#   RISKDESK=./riskdesk top_srcdir=. top_builddir=. sh tests/bench/kill-long.sh
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
: "${RISKDESK:=$top_builddir/riskdesk}"
export top_srcdir top_builddir RISKDESK
KILL_ROWS=${KILL_ROWS:-100000} KILL_TIMES=${KILL_TIMES:-25} \
	exec sh "$top_srcdir/tests/kill.sh"
