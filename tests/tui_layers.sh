#!/bin/sh
# The client's spine, checked on the built objects (TAP; src/tui/README):
# curses is included by draw.h alone and called by the drawing unit alone,
# and the client's units form no circle larger than a parent view and its
# child dialog, so that a test links only what it uses.
cd "${KAM_SRCDIR:?}" || exit 99
builddir=$(dirname "${KAM:?}")
lib=$builddir/libkamtui.a
n=0 failed=0
check() {	# check DESCRIPTION OFFENDING-LINES
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$2" | sed 's/^/# /'
		failed=1
	fi
}
# The one file of the client that includes curses, and the objects that
# may call it: drawing and the terminal (src/tui/screen).
curses_header=src/tui/screen/draw.h
drawing_unit='draw terminal'
# Circles of two that are a parent view and its child dialog.
dialogs='conflict_dialog form_view'

[ -f "$lib" ] || { echo "1..0 # SKIP $lib is not built"; exit 0; }

includes_curses=$(grep -rlE \
    '#include *(<(n?curses|ncursesw/[a-z]*|panel|term)\.h>|"n?curses)' src/tui)
check "no header but $curses_header includes curses" \
    "$(printf '%s\n' "$includes_curses" | grep '\.h$' | grep -vx "$curses_header")"
check "no .c outside the drawing unit ($drawing_unit) includes curses" \
    "$(printf '%s\n' "$includes_curses" | grep '\.c$' |
	grep -vE "^src/tui/screen/($(echo $drawing_unit | tr ' ' '|'))\.c$")"

# unit SYMBOL lines: what each object of the client defines (D) and uses (U)
symbols=$(nm -A "$lib" 2>/dev/null | awk '
	{ split($1, p, ":"); u = p[2]; sub(/^libkamtui_a-/, "", u); sub(/\.o$/, "", u) }
	NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", u, $3 }
	NF == 3 && $2 == "U" { print "U", u, $3 }')

curses_lib=$(ldd "$KAM" | awk '/ncursesw|tinfo/ { print $3 }')
curses_syms=$(for l in $curses_lib; do nm -D --defined-only "$l"; done |
	awk '{ n = $NF; sub(/@.*/, "", n); print n }' | sort -u)
check "only the drawing unit ($drawing_unit) calls curses" \
    "$( { printf '%s\n' "$curses_syms" | sed 's/^/C - /'; printf '%s\n' "$symbols"; } |
	awk -v allowed="$drawing_unit" '
	BEGIN { split(allowed, a, " "); for (i in a) ok[a[i]] = 1 }
	$1 == "C" { curses[$3] = 1; next }
	$1 == "U" && ($3 in curses) && !($2 in ok) { print $2 ": " $3 }')"

# The units that reach each other both ways (by the symbols they use)
# form a circle; each is listed once, with its members.
circles=$(printf '%s\n' "$symbols" | awk '
	$1 == "D" { def[$3] = $2; unit[$2] = 1 }
	$1 == "U" { use[++nu] = $2 " " $3 }
	END {
		for (i = 1; i <= nu; i++) {
			split(use[i], p, " ")
			if ((p[2] in def) && def[p[2]] != p[1])
				reach[p[1], def[p[2]]] = 1
		}
		for (k in unit) for (i in unit) if ((i, k) in reach)
			for (j in unit) if ((k, j) in reach) reach[i, j] = 1
		for (i in unit) {
			if (done[i]) continue
			c = i; size = 1
			for (j in unit)
				if (j != i && ((i, j) in reach) && ((j, i) in reach)) {
					c = c " " j; size++; done[j] = 1
				}
			if (size > 1) print c
		}
	}' | while read -r c; do
		sorted=$(printf '%s\n' $c | sort | tr '\n' ' ' | sed 's/ $//')
		[ "$sorted" = "$dialogs" ] || echo "$sorted"
	done)
check "no circle of units but a parent view and its child dialog" "$circles"

# A widget's test links the widget and what it draws with, not the
# client: no view, no service, no curses (tests/unit/tui/fake_screen.c).
for t in test_table test_widgets; do
	bin=$builddir/tests/unit/tui/$t
	[ -x "$bin" ] || continue
	check "$t links no view, service or curses" \
	    "$(nm "$bin" | awk '$2 == "T" && $3 ~ /^(tui_|req_|form_|tab_|view_(account|agenda|help|drafts|conflict))/ { print $3 }
		$2 == "U" && $3 ~ /^(newterm|initscr|wmove|waddnstr)/ { print $3 }')"
done

echo "1..$n"
exit $failed
