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
    while read -r opt; do grep -q "Fl -$opt\b" man/kam.1 || echo "--$opt"; done)
result "kam.1 documents every long option of src/cli/main.c" "$missing"
missing=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*_argument.*/\1/p' src/cli/main.c |
    while read -r opt; do "$KAM" --help | grep -q -- "--$opt" || echo "--$opt"; done)
result "kam --help shows every long option" "$missing"
echo "1..$n"
exit $failed
