# gen-monitor.awk - the bundled portfolio-monitoring example, SYNTHETIC.
#
# The applicants are the 1,000 real rows of german_credit.csv; everything
# else is invented here: an application id, an application month in
# 2024, the decision taken, and for the booked applicants monthly account
# snapshots (days past due, balance, charge-off flag) up to 2025-06.  No
# lender's portfolio is behind these snapshots: they only give riskdesk
# monitor something to show, deterministically (a fixed linear
# congruential generator, no rand()).
#
#   awk -v out=apps -f data/gen-monitor.awk data/german_credit.csv \
#       > data/monitor-apps.csv
#   awk -v out=perf -f data/gen-monitor.awk data/german_credit.csv \
#       > data/monitor-perf.csv
#
# Applications (monitor-apps.csv): app_id, app_date (YYYY-MM-DD), decision
# (approve / refer / decline), then the German columns as they are.  The
# month is spread over 2024-01 .. 2024-12, longer loans (duration over 24
# months) drawn towards the later months, so the population drifts.  The
# decision: decline for a checking account below 0 DM with a duration
# over 24 months or a critical history with a loan over 10,000; refer for
# a few others; approve otherwise, with a handful of invented overrides
# either way.  Approved applicants are booked.
#
# Snapshots (monitor-perf.csv): app_id, month (YYYY-MM), dpd, balance,
# charged_off (0 / 1), one a month from the month after the application
# to 2025-06.  A good (creditability "good") pays on time, now and then a
# month 1-29 days late that cures; a bad falls behind from a month on
# book between 2 and 10 and rolls 15, 45, 75, 105 days past due and is
# charged off the month after, a third of them curing at 30-59 instead
# and falling behind again later.  The balance runs down linearly over
# the loan's duration; zero after charge-off.  An account current at the
# end of its duration is paid off: its snapshots stop.

function rnd() {
	seed = (seed * 1103515245 + 12345) % 2147483648
	return seed / 2147483648
}

function mname(m) {
	return sprintf("%04d-%02d", int(m / 12), m % 12 + 1)
}

BEGIN {
	FS = ","
	end = 2025 * 12 + 5		# 2025-06
}

NR == 1 {
	hdr = $0
	sub(/\r$/, "", hdr)
	if (out == "apps")
		printf "app_id,app_date,decision,%s\r\n", hdr
	else
		printf "app_id,month,dpd,balance,charged_off\r\n"
	next
}

{
	line = $0
	sub(/\r$/, "", line)
	id = 100000 + NR - 1
	# Each row its own stream, so both outputs draw alike.
	seed = (id * 7919) % 2147483648
	rnd(); rnd(); rnd()
	target = line
	sub(/.*,/, "", target)
	# Unquoted fields before any quoted one: checking account (1),
	# duration (2), history (3), purpose (4), amount (5).
	chk = $1; dur = $2 + 0; hist = $3; amt = $5 + 0
	u = rnd()
	mon = int(u * 12)
	if (dur > 24 && rnd() < 0.6)
		mon = 6 + int(rnd() * 6)
	m0 = 2024 * 12 + mon
	day = 1 + int(rnd() * 28)
	dec = "approve"
	if ((chk ~ /< 0 DM/ && dur > 24) || (hist ~ /critical/ && amt > 10000))
		dec = "decline"
	else if (rnd() < 0.06)
		dec = "refer"
	v = rnd()
	if (v < 0.03)
		dec = (dec == "decline") ? "approve" : "decline"
	if (out == "apps") {
		printf "%d,%s-%02d,%s,%s\r\n", id, mname(m0), day, dec, line
		next
	}
	if (dec != "approve")
		next
	bad = (target == "bad")
	fall = bad ? 2 + int(rnd() * 9) : 999
	cure = bad && rnd() < 0.33
	dpd = 0; co = 0; stage = 0
	for (m = m0 + 1; m <= end; m++) {
		k = m - m0
		if (k > dur && dpd == 0 && !co)
			break
		if (co) {
			printf "%d,%s,%d,0,1\r\n", id, mname(m), dpd
			continue
		}
		if (k >= fall) {
			stage++
			if (cure && stage == 3) {
				stage = 0; fall = k + 4 + int(rnd() * 4); cure = 0
			}
			dpd = (stage == 0) ? 0 : 30 * stage - 15
			if (stage == 5) { co = 1; dpd = 135 }
		} else
			dpd = (rnd() < 0.04) ? 1 + int(rnd() * 29) : 0
		bal = (k < dur) ? int(amt * (1 - k / dur) + 0.5) : 0
		if (co) bal = 0
		printf "%d,%s,%d,%d,%d\r\n", id, mname(m), dpd, bal, co
	}
}
