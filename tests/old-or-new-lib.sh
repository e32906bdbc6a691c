# old-or-new-lib.sh - sourced by fault.sh and kill.sh: what a step left
# in a folder, and whether it is the state before the step or after it.
# The caller defines fail() and sets $outputs (the output files' names)
# and $where (the run, for messages).

# digest DIR: what the step left in DIR, as one line: the database's
# content (recovered from its journal first, as any reader would; the
# clock time of runs left out) or "none", then each output's checksum
# or "none".  Fails the test when the database is not whole.
digest() {
	d=$1
	if [ -e "$d/rd.db" ]; then
		sqlite3 "$d/rd.db" 'PRAGMA integrity_check' .dump \
			>"$d/digest.sql" 2>&1
		ic=$(head -n 1 "$d/digest.sql")
		[ "$ic" = ok ] || fail "$where: integrity_check: $ic"
		dbsum=$(sed -E "s/'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z'/T/g" \
			"$d/digest.sql" | cksum | tr ' ' :)
		rm -f "$d/digest.sql"
	else
		dbsum=none
	fi
	(cd "$d" && for o in $outputs; do
		if [ -e "$o" ]; then cksum "$o"; else echo "none none $o"; fi
	done) | awk -v db="$dbsum" '{ s = s " " $3 " " $1 ":" $2 }
	    END { print "db " db s }'
}

# neither GOT BEFORE AFTER (digests): the names of what is neither its
# old content nor its new one, each after a space; empty when all is.
neither() {
	printf '%s\n%s\n%s\n' "$1" "$2" "$3" | awk '
	    NR == 1 { for (i = 1; i <= NF; i++) g[i] = $i; n = NF }
	    NR == 2 { for (i = 2; i <= NF; i += 2) b[i] = $i }
	    NR == 3 { for (i = 2; i <= n; i += 2)
		if (g[i] != b[i] && g[i] != $i) printf " %s", g[i - 1] }'
}
