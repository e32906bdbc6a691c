#!/bin/sh
# layering.sh - each library is used only by the layer that owns it
# (README, "Layers").  Greps the #include lines of src/.
set -u
src="${top_srcdir:-.}/src"
status=0

# allowed <header pattern> <path pattern allowed to include it> <what>
allowed() {
	hits=$(grep -rlE "^#include <$1" "$src" | sed "s|^$src/||" |
	    grep -vE "$2" || true)
	if [ -n "$hits" ]; then
		for f in $hits; do
			echo "layering: src/$f includes <$1...>: $3"
		done
		status=1
	fi
}

allowed 'sqlite3\.h' '^data/' 'SQL lives only in src/data'
allowed 'csv\.h' '^data/' 'CSV tokenising lives only in src/data'
allowed 'gsl/' '^(model/|sim/|desk/desk\.c$)' 'GSL only in model/ and sim/ (desk.c turns its abort handler off)'
allowed 'yaml\.h' '^policy/' 'libyaml only in src/policy'
allowed '(n?curses|ncursesw/)' '^tui/' 'ncurses only in src/tui'
allowed 'nettle/' '^util/sha256.c$' 'hashing through nettle lives only in src/util/sha256.c'
allowed 'xlsxwriter\.h' '^report/report-xlsx\.c$' 'the workbook only in src/report/report-xlsx.c'
allowed 'libpq-fe\.h' '^data/engine\.c$' 'PostgreSQL (libpq) only in src/data/engine.c'
allowed 'jansson\.h' '^(report/|model/card)' 'JSON in the report writers and the scorecard serialiser'

# The core library never includes a front end.
hits=$(grep -rlE '^#include "(tui|report|cmd)/' "$src" | sed "s|^$src/||" |
    grep -vE '^(tui/|report/|cmd/|main\.c$)' || true)
for f in $hits; do
	echo "layering: src/$f includes a front end; the core must not"
	status=1
done
# The lower layers stand on the ones below them only: util on nothing of
# riskdesk's, data on util (its SQL text of each engine's dialect,
# data/sqltext.h, is its own, which export writes through).
for pair in 'util:(data|model|policy|export|sim|desk)' \
    'data:(model|policy|export|sim|desk)'; do
	dir=${pair%%:*}; above=${pair#*:}
	hits=$(grep -lE "^#include \"$above/" "$src/$dir"/*.[ch] 2>/dev/null |
	    sed "s|^$src/||" || true)
	for f in $hits; do
		echo "layering: src/$f includes a layer above $dir/"
		status=1
	done
done
[ "$status" -eq 0 ] && echo "layering: ok"
exit "$status"
