# cli-expect.sh - checks shared by the command-line test scripts; sourced
# ("." "$top_srcdir/tests/cli-expect.sh") after setting tmp (a scratch
# folder) and fails=0 passes=0.  Each check counts a pass or prints
# "FAIL: ..." and counts a failure; the script ends with
#   echo "name: $passes passed, $fails failed"; [ "$fails" -eq 0 ]

# expect <exit code> <stderr pattern or ""> <command...>: runs the command
# with stdout in $tmp/out and stderr in $tmp/err.
expect() {
	want=$1; pat=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: exit $got, wanted $want: $*"; sed 's/^/  stderr: /' "$tmp/err"
		fails=$((fails + 1)); return
	fi
	if [ -n "$pat" ] && ! grep -qE -- "$pat" "$tmp/err"; then
		echo "FAIL: stderr lacks /$pat/: $*"; sed 's/^/  stderr: /' "$tmp/err"
		fails=$((fails + 1)); return
	fi
	passes=$((passes + 1))
}

# contains <pattern>: the last command's stdout matches
contains() {
	if grep -qE -- "$1" "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: stdout lacks /$1/"; sed 's/^/  stdout: /' "$tmp/out"
		fails=$((fails + 1)); fi
}

# stderr_has <pattern>: the last command's stderr matches
stderr_has() {
	if grep -qE -- "$1" "$tmp/err"; then passes=$((passes + 1))
	else echo "FAIL: stderr lacks /$1/"; sed 's/^/  stderr: /' "$tmp/err"
		fails=$((fails + 1)); fi
}

# stderr_count <pattern> <n>: so many lines of the last stderr match
stderr_count() {
	n=$(grep -cE -- "$1" "$tmp/err")
	if [ "$n" -eq "$2" ]; then passes=$((passes + 1))
	else echo "FAIL: $n stderr lines match /$1/, wanted $2"
		sed 's/^/  stderr: /' "$tmp/err"; fails=$((fails + 1)); fi
}

# same <what> <got> <want>
same() {
	if [ "$2" = "$3" ]; then passes=$((passes + 1))
	else echo "FAIL: $1: $2, wanted $3"; fails=$((fails + 1)); fi
}
