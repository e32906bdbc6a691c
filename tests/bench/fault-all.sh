#!/bin/sh
# fault-all.sh - tests/fault.sh with every N: every allocation, every
# write, sync and rename of every step of the job failed in turn (some
# 40,000 runs, about an hour on a 2-core machine).  Not part of make
# check, whose fault.sh tries a spread of them.
#
#   top_srcdir=. top_builddir=. sh tests/bench/fault-all.sh
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
export top_srcdir top_builddir
FAULT_EVERY=1 exec sh "$top_srcdir/tests/fault.sh"
