#!/usr/bin/env bats
# The README's and kam(1)'s examples name accounts of the demo's data
# (tests/gen/load with its defaults, as scripts/demo loads it): every
# `kam --sla X` and `--account 'X'` there finds one account, and a
# `# finds "NAME"` comment names the one it finds.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start no-schema
	"$KAM" --db migrate >/dev/null
	"$KAM_SRCDIR/tests/gen/load" 2>/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# "KEY<TAB>EXPECTED" for each example: the --sla or --account value and
# the account name the comment promises (empty when there is none).
examples() {
	"$PYTHON3" - "$KAM_SRCDIR/README.md" "$KAM_SRCDIR/man/kam.1" <<'PY'
import re, shlex, sys
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read().replace("\\e\n", " ")
    for line in text.splitlines():
        m = re.match(r"^\$? ?(kam .*?)(?:#\s*finds \"(.*)\")?$", line.strip())
        if not m:
            continue
        try:
            words = shlex.split(m.group(1).split("|")[0])
        except ValueError:
            continue
        # the account follows --open-now in "kam --sla --open-now NAME"
        for flag in ("--open-now", "--sla", "--account"):
            if flag in words and words.index(flag) + 1 < len(words):
                key = words[words.index(flag) + 1]
                if key.startswith("-"):
                    continue
                if not re.fullmatch(r"[A-Z-]+", key):  # a placeholder
                    print("%s\t%s" % (key, m.group(2) or ""))
                break
PY
}

@test "the documentation's examples find the demo's accounts" {
	run examples
	[ "${#lines[@]}" -ge 3 ]
	while IFS=$'\t' read -r key name; do
		run --separate-stderr env PGUSER=sam "$KAM" --sla "$key"
		echo "--sla '$key': $status $stderr"
		[ "$status" -eq 0 ]
		[ -z "$name" ] || [[ "$output" == *"Account         $name ("* ]]
	done < <(examples)
}
