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
	if [ -n "${MANDOC:-}" ]; then
		result "$page lints clean" "$("$MANDOC" -Tlint -Wwarning "$page" 2>&1)"
	else
		n=$((n + 1)); echo "ok $n - $page lints clean # SKIP mandoc not installed"
	fi
done
missing=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*_argument.*/\1/p' src/cli/main.c |
    while read -r opt; do cat man/kam.1 man/*.fragment.mdoc 2>/dev/null |
	grep -q "Fl -$opt\b" || echo "--$opt"; done)
result "kam.1 documents every long option of src/cli/main.c" "$missing"
missing=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*_argument.*/\1/p' src/cli/main.c |
    while read -r opt; do "$KAM" --help | grep -q -- "--$opt" || echo "--$opt"; done)
result "kam --help shows every long option" "$missing"
# The key list of kam(1) is generated from the key table; wherever it sits
# (kam.1, or the fragment waiting to be folded in), it matches.
keys_page=$(grep -l '^\.\\" keys-begin$' man/kam.1 man/*.fragment.mdoc 2>/dev/null | head -n 1)
result "kam(1)'s key list is what kam --help-keys prints" "$(
	[ -n "$keys_page" ] || { echo "no keys-begin marker in man/"; exit; }
	"$KAM" --help-keys | { sed -n '/^\.\\" keys-begin$/,/^\.\\" keys-end$/p' "$keys_page" |
	    sed '1d;$d' | diff - /dev/fd/3; } 3<&0 | head -n 20)"
# A fragment is not a page: lint it inside a minimal one.
for frag in man/*.fragment.mdoc; do
	[ -f "$frag" ] && [ -n "${MANDOC:-}" ] || continue
	page=$(mktemp)
	{ printf '.Dd January 1, 2026\n.Dt KAM 1\n.Os\n.Sh NAME\n.Nm kam\n'
	  printf '.Nd fragment\n.Sh DESCRIPTION\n.Bl -tag -width Ds\n.It x\ny\n'
	  sed -n '/^\.It Fl/,/^\.Sh/p' "$frag" | sed '$d'
	  printf '.El\n'; sed -n '/^\.Sh/,$p' "$frag"
	  printf '.Sh SEE ALSO\n.Xr kam-themes 5 ,\n.Xr mdoc 7\n'; } >"$page"
	result "$frag lints clean" "$("$MANDOC" -Tlint -Wwarning "$page" 2>&1 |
	    sed "s|$page|$frag (wrapped)|")"
	rm -f "$page"
done
echo "1..$n"
exit $failed
