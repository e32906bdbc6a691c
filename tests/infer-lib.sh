# infer-lib.sh - shell helpers of the reject-inference tests (sourced
# after cli-lib.sh, which counts passes and fails).

# near <what> <got> <want> <tolerance>: |got - want| <= tolerance.
near() {
	if awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN { d = g - w;
	    exit !(d <= t && -d <= t) }'; then passes=$((passes + 1))
	else echo "FAIL: $1: $2, wanted $3 within $4"; fails=$((fails + 1)); fi
}

# jget <file> <path>: a member of a JSON document as riskdesk writes it
# (one member a line), by its path of keys and array indices joined by
# dots ("bands.0.weight"); true, false and null as written.
jget() {
	awk -v want="$2" '
	function path(   p, i) { p = ""
		for (i = 1; i <= d; i++) p = p (i > 1 ? "." : "") key[i]
		return p }
	{
		line = $0; sub(/^[ \t]+/, "", line); sub(/,$/, "", line); k = ""
		if (match(line, /^"[^"]*": /)) {
			k = substr(line, 2, RLENGTH - 4)
			line = substr(line, RLENGTH + 1)
		} else if (d > 0 && arr[d] && line != "]" && line != "}")
			k = idx[d]++
		if (line == "{" || line == "[") {
			if (NR > 1) { d++; key[d] = k; arr[d] = line == "["
				idx[d] = 0 }
			next
		}
		if (line == "}" || line == "]") { d--; next }
		d++; key[d] = k; v = line; gsub(/^"|"$/, "", v)
		if (path() == want) print v
		d--
	}' "$1"
}
