# bench-lib.sh - shell helpers of the benchmarks, reading the output of
# GNU time -v (sourced).

# core_libs <build dir>: what a program linked with the build's
# src/libriskdesk.a links with (the Makefile's CORE_LIBS and LIBS).
core_libs() { make -s -C "$1" print-core-libs; }

# cpu <time -v output>: user + system seconds
cpu() {
	awk -F: '/User time|System time/ { s += $2 } END { printf "%.3f", s }' "$1"
}
# peak <time -v output>: maximum resident set size in MB
peak() { awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
# secs <time -v output>: elapsed wall clock seconds
secs() {
	awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0
	    for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.3f", s }' "$1"
}

# run <label> <command...>: the command under GNU time, its output in
# $tmp/<label>.out; "<wall> <cpu> <MB>" into $tmp/<label>.  A command that
# fails stops the benchmark with its errors.
run() {
	lab=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/$lab.t" "$@" \
	    >"$tmp/$lab.out" 2>"$tmp/$lab.err" ||
		{ echo "$0: $lab failed:"; cat "$tmp/$lab.err"; exit 1; }
	read -r wall user sys kb <"$tmp/$lab.t"
	echo "$wall $(echo "$user + $sys" | bc) $((kb / 1024))" >"$tmp/$lab"
}
# best <label> <command...>: the fastest of three runs into $tmp/<label>,
# as a warm cache gives it.
best() {
	b=$1; shift
	run "$b.1" "$@"; run "$b.2" "$@"; run "$b.3" "$@"
	sort -n "$tmp/$b.1" "$tmp/$b.2" "$tmp/$b.3" | head -n 1 >"$tmp/$b"
}
