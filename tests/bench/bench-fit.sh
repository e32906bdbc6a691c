#!/bin/sh
# bench-fit.sh - time a logistic regression on the 1,000,000-row synthetic
# population with riskdesk and with R's glm on the same file, in the same
# run (not part of make check).
#
#   tests/bench/bench-fit.sh [<build dir>] [<rows>]
#
# <build dir> is a configured and built tree (default: the current
# directory); <rows> defaults to 1000000.  The model: bad on age, income,
# dti, utilisation, delinquencies, inquiries, months_on_file,
# requested_limit, channel (3 dummies against "branch") and housing (3
# against "mortgage"): 15 parameters, complete cases of the applicants
# with an outcome.  R comes from Debian's r-base-core, installed here
# when missing (apt-get, with sudo when not root); without it the R half
# is skipped with a message.  Prints both times, their ratio and both peak
# memories (GNU time's maximum resident set size), and both
# log-likelihoods so the fits can be seen to agree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
rows=${2:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rd="$build/riskdesk"
vars=age,income,dti,utilisation,delinquencies,inquiries,months_on_file,requested_limit,channel,housing

src=$(cd "$here/../.." && pwd)
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$build" -I"$src/src" -o "$tmp/bench-fit" "$here/bench-fit.c" \
	"$build/src/libriskdesk.a" $(make -s -C "$build" print-core-libs)
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$tmp/gen" "$here/gen-population.c" -lm
"$tmp/gen" -n "$rows" -s 1 -o "$tmp/pop.csv"
"$rd" import --db "$tmp/pop.db" --table pop --target bad --bad 1 \
	--good 0 "$tmp/pop.csv" >/dev/null

. "$here/bench-lib.sh"

/usr/bin/time -v "$rd" fit --db "$tmp/pop.db" --table pop --raw \
	--vars "$vars" --ref channel=branch --ref housing=mortgage --json \
	>"$tmp/rd.json" 2>"$tmp/rd.time"
rd_s=$(secs "$tmp/rd.time"); rd_mb=$(peak "$tmp/rd.time"); rd_cpu=$(cpu "$tmp/rd.time")
"$tmp/bench-fit" "$tmp/pop.db" pop channel=branch housing=mortgage -- \
	$(echo "$vars" | tr , ' ') >"$tmp/steps"
fit_s=$(awk '/^fit / { print $2 }' "$tmp/steps")
echo "riskdesk steps (CPU): load $(awk '/^load/ { print $2 }' "$tmp/steps") s," \
	"design $(awk '/^design/ { print $2 }' "$tmp/steps") s, IRLS fit $fit_s s" \
	"($(awk '/^iterations/ { print $2 }' "$tmp/steps") iterations," \
	"$(awk '/^p / { print $2 }' "$tmp/steps") parameters)"
rd_ll=$(sed -nE 's/^ *"loglik": ([^,]*),?$/\1/p' "$tmp/rd.json")
rd_n=$(sed -nE 's/^ *"n_used": ([^,]*),?$/\1/p' "$tmp/rd.json")
echo "riskdesk fit --raw: $rd_s s wall, $rd_cpu s CPU (loading the table" \
	"from SQLite included), peak $rd_mb MB, n $rd_n, loglik $rd_ll"

if ! command -v Rscript >/dev/null 2>&1; then
	sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
	echo "installing r-base-core (Debian) for the comparison..."
	$sudo apt-get install -y -q r-base-core >/dev/null 2>&1 ||
		{ $sudo apt-get update -q >/dev/null 2>&1 &&
		  $sudo apt-get install -y -q r-base-core >/dev/null 2>&1; } || true
fi
if ! command -v Rscript >/dev/null 2>&1; then
	echo "R glm: skipped (Rscript not available and r-base-core could not be installed)"
	exit 0
fi
cat >"$tmp/fit.R" <<'R'
args <- commandArgs(TRUE)
d <- read.csv(args[1], na.strings = c("", "NA"))
d <- d[!is.na(d$bad), ]
d$channel <- relevel(factor(d$channel), ref = "branch")
d$housing <- relevel(factor(d$housing), ref = "mortgage")
t <- system.time(m <- glm(bad ~ age + income + dti + utilisation +
	delinquencies + inquiries + months_on_file + requested_limit +
	channel + housing, family = binomial, data = d))
cat(sprintf("glm_seconds %.3f\nglm_cpu %.3f\nn %d\nloglik %.10f\n",
	t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], nobs(m),
	as.numeric(logLik(m))))
R
/usr/bin/time -v Rscript "$tmp/fit.R" "$tmp/pop.csv" >"$tmp/r.out" \
	2>"$tmp/r.time"
r_glm=$(awk '/^glm_seconds/ { print $2 }' "$tmp/r.out")
r_cpu=$(awk '/^glm_cpu/ { print $2 }' "$tmp/r.out")
r_s=$(secs "$tmp/r.time"); r_mb=$(peak "$tmp/r.time")
echo "R glm: $r_glm s wall, $r_cpu s CPU in glm() alone ($r_s s wall with" \
	"reading the CSV)," \
	"peak $r_mb MB, n $(awk '/^n / { print $2 }' "$tmp/r.out")," \
	"loglik $(awk '/^loglik/ { print $2 }' "$tmp/r.out")"
# A fast fit only counts when it is the same fit: the log-likelihoods of
# riskdesk and R must agree to 1e-9 relative (the JSON report carries 12
# significant digits).
r_ll=$(awk '/^loglik/ { print $2 }' "$tmp/r.out")
if ! awk -v a="$rd_ll" -v b="$r_ll" 'BEGIN { d = a - b; if (d < 0) d = -d;
    m = b < 0 ? -b : b; exit !(a != "" && b != "" && d <= 1e-9 * m) }'; then
	echo "bench-fit: log-likelihoods differ: riskdesk $rd_ll, R $r_ll" >&2
	exit 1
fi
echo "fits agree: log-likelihoods equal to 1e-9 relative"
awk -v a="$rd_s" -v ac="$rd_cpu" -v f="$fit_s" -v b="$r_glm" -v bc="$r_cpu" \
    -v m="$rd_mb" -v rm="$r_mb" 'BEGIN {
	printf "ratio (wall): glm() alone / riskdesk whole command %.1fx\n", b / a
	printf "ratio (CPU): glm() alone / riskdesk whole command %.1fx; glm() / riskdesk IRLS fit %.1fx\n",
	    bc / ac, bc / f
	printf "memory: riskdesk peak %.1f%% of R'"'"'s\n", 100 * m / rm }'
