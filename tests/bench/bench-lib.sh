# bench-lib.sh - shell helpers of the benchmarks, reading the output of
# GNU time -v (sourced).

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
