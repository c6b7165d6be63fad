#!/bin/sh
# House rules that a grep can keep true (TAP). See DEVELOPERS.md.
cd "${KAM_SRCDIR:?}" || exit 99
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
csrc=$(find src include tests/unit fuzz -name '*.[ch]' | sort)

check "no banned unsafe functions" "$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof|strtok|tmpnam)\(' $csrc)"
check "curses is included only under src/tui" \
    "$(grep -lE '#include *(<(n?curses|ncursesw/|panel|menu|form)[./]|"n?curses)' $csrc |
	grep -v '^src/tui/')"
check "libpq is included only under src/db" \
    "$(grep -l 'libpq-fe.h' $csrc | grep -v '^src/db/')"
# cJSON also in src/core/fbfile_json.c: the feedback file reader
# (kam --import feedback) reads JSON Lines, one object a line.
check "libcurl and cJSON are included only under src/erp (cJSON also by the feedback file's JSON Lines)" \
    "$(grep -lE '#include *<(curl/|cjson/)' $csrc |
	grep -vx -e 'src/erp/.*' -e 'src/core/fbfile_json.c')"
check "core knows nothing of the layers above" \
    "$(grep -nE '#include "kam/(db|migrate|user|cli)\.h"' src/core/*.c)"
# src/erp/erp_resource.c is the one exception: it writes the sync's
# statements from its own static table of resources and columns (names the
# program holds as constants, never data; every value stays a parameter or
# COPY data), so that four statements are not written out by hand.
sqlsrc=$(printf '%s\n' $csrc | grep -vx 'src/erp/erp_resource.c')
check "no SQL text formatted from data" \
    "$(grep -nE '(printf|buf_add[fs]?)\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE)\b[^"]*%' $sqlsrc)"
check "every public header says what its module is for" \
    "$(for h in include/kam/*.h; do head -n 1 "$h" | grep -q '^/\*' || echo "$h"; done)"
check "no tabs-vs-spaces mix at line starts in C" "$(grep -nE '^ +	' $csrc)"
echo "1..$n"
exit $failed
