#!/bin/sh
# docsync.sh - the documentation says what the code does: every option of
# 'riskdesk --help' is in riskdesk(1), and the KEYS section of riskdesk(1)
# holds the TUI's key table as 'riskdesk --keys-roff' prints it.
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
[ "$status" -eq 0 ] && echo "docsync: ok"
exit "$status"
