#!/bin/bash
# Every fuzz target of fuzz/ for FUZZ_SECONDS (default 20) on its
# committed corpus, under AddressSanitizer and UBSan (TAP): a crash, a
# leak or a broken check of a target fails it. The build is this test's
# own, in tests/fuzz-build of the build tree (fuzz/run says how).
cd "${KAM_SRCDIR:?}" || exit 99
export FUZZ_BUILD=$OLDPWD/tests/fuzz-build
seconds=${FUZZ_SECONDS:-20}
targets=$(fuzz/run --list)
echo "1..$(echo "$targets" | wc -l)"
build=$(nice fuzz/run --build 2>&1)
rc=$?
n=0
for t in $targets; do
	n=$((n + 1))
	if [ $rc -ne 0 ]; then
		echo "not ok $n - fuzz $t: not built"
		printf '%s\n' "$build" | tail -n 20 | sed 's/^/# /'
		continue
	fi
	if out=$(nice fuzz/run "$t" "$seconds" 2>&1); then
		echo "ok $n - fuzz $(echo "$out" | tail -n 1)"
	else
		echo "not ok $n - fuzz $(echo "$out" | tail -n 1)"
		printf '%s\n' "$out" | head -n 60 | sed 's/^/# /'
	fi
done
