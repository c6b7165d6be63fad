#!/bin/sh
# The build's own rules, checked on the configured tree (TAP): the
# migrations kam embeds are every file of src/db/migrations and no other,
# and the embedded list is made again when that list changes (it is named
# in Makefile.am, so a migration renamed or taken out changes only the
# Makefile, not a prerequisite that exists: the old list stayed built in).
cd "${KAM_SRCDIR:?}" || exit 99
builddir=$(dirname "${KAM:?}")
[ -f "$builddir/Makefile" ] || { echo "1..0 # SKIP $builddir is not configured"; exit 0; }
rule=$(make -C "$builddir" -pn src/db/migrations.c 2>/dev/null |
    grep -E '^src/db/migrations\.c:' | head -1)
echo "1..2"
case " ${rule#*:} " in
*" Makefile "*) echo "ok 1 - src/db/migrations.c is made again when the Makefile changes" ;;
*) echo "not ok 1 - src/db/migrations.c is made again when the Makefile changes"
   echo "# rule: $rule" ;;
esac
listed=$(printf '%s\n' ${rule#*:} | grep -E '/src/db/migrations/[^/]*\.sql$|^src/db/migrations/' |
    sed 's|.*/||' | sort)
present=$(ls src/db/migrations | grep '\.sql$' | sort)
if [ "$listed" = "$present" ]; then
	echo "ok 2 - every migration file is embedded, and only those"
else
	echo "not ok 2 - every migration file is embedded, and only those"
	echo "$listed" > "${TMPDIR:-/tmp}/kam-build.$$.l"
	echo "$present" | comm -3 "${TMPDIR:-/tmp}/kam-build.$$.l" - |
	    sed 's/^\t/# not embedded: /; /^# /!s/^/# not a file: /'
	rm -f "${TMPDIR:-/tmp}/kam-build.$$.l"
fi
