#!/bin/sh
# The man pages lint clean and document every option kam accepts (TAP).
cd "${KAM_SRCDIR:?}" || exit 99
n=0 failed=0
result() {
	n=$((n + 1))
	if [ -z "$2" ]; then echo "ok $n - $1"; else
		echo "not ok $n - $1"; printf '%s\n' "$2" | sed 's/^/# /'; failed=1; fi
}
for page in man/*.[1-8]; do
	if [ -z "${MANDOC:-}" ]; then
		n=$((n + 1)); echo "ok $n - $page lints clean # SKIP mandoc not installed"
	else
		result "$page lints clean" "$("$MANDOC" -Tlint -Wwarning "$page" 2>&1)"
	fi
done
missing=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*_argument.*/\1/p' src/cli/main.c |
    while read -r opt; do grep -q "Fl -$opt\b" man/kam.1 || echo "--$opt"; done)
result "kam.1 documents every long option of src/cli/main.c" "$missing"
missing=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*_argument.*/\1/p' src/cli/main.c |
    while read -r opt; do "$KAM" --help | grep -q -- "--$opt" || echo "--$opt"; done)
result "kam --help shows every long option" "$missing"
# Every entity and column of src/domain/export_entities.c, as lines
# "entity column type", against the ".It Cm column Ta type Ta" lines of the
# ".Ss" section of kam.1 whose heading names the entity.
columns=$(awk '
	function column(line, into,   s, f) {
		if (!match(line, /"[a-z_]+", COL_[A-Z_]+/))
			return
		s = substr(line, RSTART, RLENGTH)
		gsub(/[",]/, "", s)
		split(s, f, " ")
		n[into]++
		col[into, n[into]] = f[1] " " f[2]
	}
	function out(e, c,   f) {
		split(c, f, " ")
		print e " " f[1] " " (f[2] in tname ? tname[f[2]] : f[2])
	}
	# the columns of a list in order, those of the macros it names (ACCOUNT_REF,
	# HISTORY_COLUMNS) in their place
	function expand(e, a,   j) {
		for (j = 1; j <= n[a]; j++)
			if (col[a, j] ~ /^@/)
				expand(e, col[a, j])
			else
				out(e, col[a, j])
	}
	function use(line, into,   s) {
		if (!match(line, /^[ \t]*[A-Z_]+,? *\\?$/))
			return 0
		s = line; gsub(/[ \t,\\]/, "", s)
		n[into]++; col[into, n[into]] = "@" s
		return 1
	}
	/^#define [A-Z_]+ *\\$/ { inref = "@" $2; next }
	inref != "" {
		if (!use($0, inref))
			column($0, inref)
		if ($0 !~ /\\$/) inref = ""
		next
	}
	/^static const struct export_column [a-z_]+\[\]/ {
		arr = $5; sub(/\[.*/, "", arr); next
	}
	/^static const struct export_entity entities\[\]/ { inent = 1; next }
	/^};/ { arr = ""; inent = 0; next }
	arr != "" && use($0, arr) { next }
	arr != "" { column($0, arr); next }
	inent && /^[ \t]*\{ "[a-z-]+",/ {
		split($0, f, "\""); ent[++nent] = f[2]
	}
	inent && match($0, /countof\([a-z_]+\)/) {
		of[ent[nent]] = substr($0, RSTART + 8, RLENGTH - 9)
	}
	{	# col_type_name(): [COL_X] = "name"
		line = $0
		while (match(line, /\[COL_[A-Z_]+\] = "[^"]+"/)) {
			s = substr(line, RSTART, RLENGTH)
			line = substr(line, RSTART + RLENGTH)
			split(s, f, "\"")
			sub(/\].*/, "", s); sub(/^\[/, "", s)
			tname[s] = f[2]
		}
	}
	END {
		for (i = 1; i <= nent; i++) {
			a = of[ent[i]]
			if (n[a] == 0)
				print ent[i] " (no columns found)"
			expand(ent[i], a)
		}
	}' src/domain/export_entities.c)
documented=$(awk '
	/^\.Sh / { nh = 0 }
	/^\.Ss / { nh = 0; for (i = 2; i <= NF; i++) h[++nh] = $i }
	$1 == ".It" && $2 == "Cm" && $4 == "Ta" {
		for (i = 1; i <= nh; i++) print h[i] " " $3 " " $5
	}' man/kam.1)
if [ -z "$columns" ]; then
	missing="no entities found in src/domain/export_entities.c"
else
	missing=$(printf '%s\n' "$columns" | while read -r line; do
		printf '%s\n' "$documented" | grep -qxF -- "$line" || echo "$line"
	done)
fi
result "kam.1 lists every export column" "$missing"
# The key list of kam(1), between its keys-begin and keys-end markers, is
# generated from the key table.
result "kam(1)'s key list is what kam --help-keys prints" "$(
	grep -q '^\.\\" keys-begin$' man/kam.1 || { echo "no keys-begin marker in kam.1"; exit; }
	"$KAM" --help-keys | { sed -n '/^\.\\" keys-begin$/,/^\.\\" keys-end$/p' man/kam.1 |
	    sed '1d;$d' | diff - /dev/fd/3; } 3<&0 | head -n 20)"
echo "1..$n"
exit $failed
