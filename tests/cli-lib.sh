# cli-lib.sh - the checks the command-line test scripts share; sourced
# (". $top_srcdir/tests/cli-lib.sh") after the script has set $tmp (its
# scratch folder) and the counters fails=0 and passes=0.

# expect <exit code> <stderr pattern or ""> <command...>: run the command
# (stdout to $tmp/out, stderr to $tmp/err) and check both.
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

# contains <pattern>: the last command's stdout matches.
contains() {
	if grep -qE -- "$1" "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: stdout lacks /$1/"; sed 's/^/  stdout: /' "$tmp/out"
		fails=$((fails + 1)); fi
}

# lacks <pattern>: the last command's stdout does not match.
lacks() {
	if grep -qE -- "$1" "$tmp/out"; then
		echo "FAIL: stdout has /$1/"; fails=$((fails + 1))
	else passes=$((passes + 1)); fi
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

# has_text <fixed text>: the last command's stdout holds it, verbatim.
has_text() {
	if grep -qF -- "$1" "$tmp/out"; then passes=$((passes + 1))
	else echo "FAIL: stdout lacks '$1'"; sed 's/^/  stdout: /' "$tmp/out" | head -40
		fails=$((fails + 1)); fi
}

# lacks_text <fixed text>: the last command's stdout does not hold it.
lacks_text() {
	if grep -qF -- "$1" "$tmp/out"; then
		echo "FAIL: stdout holds '$1'"; fails=$((fails + 1))
	else passes=$((passes + 1)); fi
}

# ok <message> <command...>: the command (a shell test) succeeds.
ok() {
	msg=$1; shift
	if "$@"; then passes=$((passes + 1))
	else echo "FAIL: $msg"; fails=$((fails + 1)); fi
}
