#!/bin/sh
# gen-fraud-apps.sh - a SYNTHETIC stream of card applications with fraud
# rings, for riskdesk fraud and its tests.  Nothing in it is real: every
# identifier, date and amount is drawn from a seeded generator (Park and
# Miller's minimal standard LCG, written out in awk so that every awk
# gives the same file).
#
#   data/gen-fraud-apps.sh [<rows> [<seed>]] > apps.csv
#
# Defaults: 12000 rows, seed 20240101 (data/fraud-apps.csv was made so).
# Columns: app_id, applied_at (ISO date-time, 2024-01-01 .. 2024-06-28),
# channel (online, branch, phone), device_id, phone, email, address_id,
# requested_limit, fraud (1 = confirmed fraud, 0 = not).
#
# What is in it:
#   - honest applicants, each with a device, phone and e-mail of their
#     own; one in ten shares an address with a household member who
#     applies within months; a few re-apply from the same device;
#   - branch applications keyed on the branch's shared terminal (40
#     branches), so a device seen many times a day is not in itself
#     fraud;
#   - fraud rings (about 2 % of applications): a ring works from one
#     or two devices and phones and a handful of addresses, with a new
#     e-mail for almost every application, in bursts of 3 to 9
#     applications over a few days, online, asking for high limits;
#   - lone frauds (about 0.8 %): identity theft with nothing shared,
#     which linkage rules cannot see.
# Rows come out in time order (a stable sort: ties keep the order they
# were drawn in); app_id is the row number.  Memory does not grow with
# the rows (sort(1) spills to disk).
set -eu
rows=${1:-12000}
seed=${2:-20240101}
LC_ALL=C awk -v rows="$rows" -v seed="$seed" '
function rnd() {		# uniform on (0, 1)
	state = (state * 16807) % 2147483647
	return state / 2147483647
}
function irnd(n) { return int(rnd() * n) }
# Howard Hinnant civil_from_days: days since 1970-01-01 -> y-m-d.
function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function stamp(s,    day, r) {
	day = int(s / 86400)
	r = s - day * 86400
	return sprintf("%s %02d:%02d:%02d", civil(day), int(r / 3600),
	    int((r % 3600) / 60), r % 60)
}
function limit(hi) {
	if (hi)
		return (8 + irnd(18)) * 1000
	return (1 + irnd(12)) * 500 + (rnd() < 0.2 ? 5000 : 0)
}
# One application, keyed by its time for the sort that follows.
function emit(t, ch, dev, ph, em, ad, lim, fr) {
	n++
	printf "%012d|%s,%s,%s,%s,%s,%s,%d,%d\n", t, stamp(t), ch, dev, ph, em,
	    ad, lim, fr
}
BEGIN {
	state = seed % 2147483647
	if (state <= 0) state = 1
	t0 = 19723 * 86400		# 2024-01-01 00:00:00
	span = 180 * 86400
	n = 0; person = 0; ring = 0
	while (n < rows) {
		u = rnd()
		t = t0 + irnd(span)
		if (u < 0.0035) {	# a ring: a burst
			ring++
			k = 3 + irnd(7)
			d1 = "RD" ring "a"; d2 = (rnd() < 0.5) ? "RD" ring "b" : d1
			p1 = "+44 7700 9" sprintf("%05d", ring) 
			p2 = (rnd() < 0.3) ? "+44 7700 8" sprintf("%05d", ring) : p1
			for (j = 0; j < k && n < rows; j++) {
				tj = t + irnd(4 * 86400)
				if (tj >= t0 + span) tj = t0 + span - 1 - irnd(3600)
				em = "r" ring "x" j "@mail.example"
				if (rnd() < 0.15) em = ""
				ad = "ADR-R" ring "-" irnd(2)
				emit(tj, "online", (rnd() < 0.7) ? d1 : d2,
				    (rnd() < 0.8) ? p1 : p2, em, ad, limit(1), 1)
			}
			continue
		}
		person++
		fr = rnd() < 0.008
		ch = rnd() < 0.62 ? "online" : (rnd() < 0.75 ? "branch" : "phone")
		if (ch == "branch") dev = "BR-" sprintf("%02d", irnd(40))
		else if (ch == "phone") dev = ""
		else dev = "DV" person
		ph = "+44 7" sprintf("%09d", person * 7 + irnd(7))
		em = "p" person "@mail.example"
		ad = "ADR-" person
		emit(t, ch, dev, ph, em, ad, limit(fr), fr)
		if (rnd() < 0.10 && n < rows) {	# a household member
			t2 = t + irnd(60 * 86400)
			if (t2 < t0 + span) {
				person++
				emit(t2, "online", "DV" person, "+44 7" sprintf("%09d", person * 7),
				    "p" person "@mail.example", ad, limit(0), 0)
			}
		}
		if (rnd() < 0.03 && n < rows && dev != "" && ch == "online") {
			t2 = t + irnd(20 * 86400)
			if (t2 < t0 + span)	# a re-application
				emit(t2, ch, dev, ph, em, ad, limit(0), 0)
		}
	}
}' | LC_ALL=C sort -t'|' -k1,1 -s |
LC_ALL=C awk -F'|' 'BEGIN { print "app_id,applied_at,channel,device_id,phone,email,address_id,requested_limit,fraud" }
{ printf "%d,%s\n", NR, $2 }'
