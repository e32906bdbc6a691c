#!/bin/sh
# docsync.sh - the documentation says what the code does: every option of
# 'riskdesk --help' is in riskdesk(1), and the KEYS section of riskdesk(1)
# holds the TUI's key table as 'riskdesk --keys-roff' prints it.  When
# groff is installed, both pages format without warnings, and every key of
# the policy schema (src/policy/policy-schema.c) renders in
# riskdesk-policy(5) as an entry of its own (a .TP tag at the start of a
# line) under the heading of its mapping, not run into the text of the
# entry above it.
set -u
: "${RISKDESK:?}"; : "${top_srcdir:?}"
man="$top_srcdir/man/riskdesk.1.in"
status=0
for opt in $("$RISKDESK" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
	# roff writes each hyphen of an option as \-
	roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
	if ! grep -qF -- "$roff" "$man"; then
		echo "docsync: option $opt is not in man/riskdesk.1.in"
		status=1
	fi
done
"$RISKDESK" --keys-roff >keys-roff.$$ || status=1
if ! awk 'NR==FNR { want[++n] = $0; next } { have[$0] = 1 }
    END { for (i = 1; i <= n; i++) if (!(want[i] in have)) {
        print "docsync: KEYS line missing from man/riskdesk.1.in: " want[i]; bad = 1 }
        exit bad }' keys-roff.$$ "$man"; then
	status=1
fi
rm -f keys-roff.$$
if command -v groff >/dev/null 2>&1; then
	for page in riskdesk.1 riskdesk-policy.5; do
		warn=$(groff -man -ww -z "$top_srcdir/man/$page.in" 2>&1)
		if [ -n "$warn" ]; then
			printf 'docsync: groff warns on man/%s.in:\n%s\n' \
			    "$page" "$warn"
			status=1
		fi
	done
	groff -man -Tascii -P-cbou -rLL=200n \
	    "$top_srcdir/man/riskdesk-policy.5.in" 2>/dev/null >policy-5.$$
	# Schema rows read '{ POLICY_CTX_<context>, "<key>", ...'; the
	# context names the section heading its keys are listed under.
	grep -o 'POLICY_CTX_[A-Z]*, "[a-z_]*"' \
	    "$top_srcdir/src/policy/policy-schema.c" | tr -d ',"' |
	    sed 's/^POLICY_CTX_//' >schema-keys.$$
	if ! awk '
	    BEGIN {
		head["TOP"] = "Top-level keys"; head["LOSS"] = "Keys under loss"
		head["KNOCKOUT"] = "Keys of a knock-out"
		head["SEGMENT"] = "Keys of a segment"
		head["BAND"] = "Keys of a band"
		head["INCOME"] = "Keys of an income limit"
		head["COLLECT"] = "Keys under collections"
		head["COLUMNS"] = "Keys under collections'"'"' columns"
		head["ACTION"] = "Keys of a strategy rule"
		head["FRAUD"] = "Keys under fraud"
		head["FEATURE"] = "Keys of a feature"
		head["FRULE"] = "Keys of a fraud rule"
	    }
	    NR == FNR { want[++n] = $1 SUBSEP $2; next }
	    /^   [^ ]/ { sec = substr($0, 4); next }	# .SS heading
	    /^[^ ]/ { sec = ""; next }			# .SH heading
	    /^       [^ ]/ { tag = $1; have[sec SUBSEP tag] = 1 }
	    END {
		for (i = 1; i <= n; i++) {
			split(want[i], f, SUBSEP)
			if (!(f[1] in head)) {
				print "docsync: no heading known for POLICY_CTX_" f[1]
				bad = 1
			} else if (!((head[f[1]] SUBSEP f[2]) in have)) {
				print "docsync: policy key \"" f[2] "\" is not an entry" \
				    " of its own under \"" head[f[1]] "\" in" \
				    " riskdesk-policy(5) (a .TP missing before it?)"
				bad = 1
			}
		}
		exit bad
	    }' schema-keys.$$ policy-5.$$; then
		status=1
	fi
	rm -f policy-5.$$ schema-keys.$$
else
	echo "docsync: groff not found, man page formatting not checked"
fi
[ "$status" -eq 0 ] && echo "docsync: ok"
exit "$status"
