#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Command-line surface: help, version, usage errors, unreachable database.

@test "--help prints usage on stdout and exits 0" {
	run --separate-stderr "$KAM" --help
	[ "$status" -eq 0 ]
	[[ "$output" == usage:* ]]
	[[ "$output" == *"--db migrate"* ]]
	[ -z "$stderr" ]
}

@test "--version names the program and the schema version" {
	run "$KAM" --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^kam\ [0-9]+\.[0-9]+\.[0-9]+\ \(schema\ version\ [0-9]+\)$ ]]
}

@test "--help, --version and --help-keys report a write error: exit 74" {
	for args in --help --version --help-keys; do
		run --separate-stderr bash -c "\"\$KAM\" $args > /dev/full"
		[ "$status" -eq 74 ]
		# errno is known only when the last write failed
		[[ "$stderr" == "kam: cannot write standard output: "* ]]
	done
}

@test "an unknown option exits 64 and points to --help" {
	run --separate-stderr "$KAM" --frobnicate
	[ "$status" -eq 64 ]
	[ -z "$output" ]
	[[ "$stderr" == *"unknown option '--frobnicate'"* ]]
	[[ "$stderr" == *"Try 'kam --help'"* ]]
}

@test "an option without its value exits 64" {
	run --separate-stderr "$KAM" --db
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"option '--db' needs a value"* ]]
}

@test "escape sequences in bad arguments are shown, not sent" {
	run --separate-stderr "$KAM" $'--\e[2Jevil'
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"'--^[[2Jevil'"* ]]
	[[ "$stderr" != *$'\e'* ]]
}

@test "a huge bad argument is cut in the message" {
	run --separate-stderr "$KAM" "--$(head -c 100000 /dev/zero | tr '\0' x)"
	[ "$status" -eq 64 ]
	[ "${#stderr}" -lt 2000 ]
	[[ "$stderr" == *"unknown option '--xxxx"*"(cut)"* ]]
}

@test "an unknown --db action exits 64" {
	run --separate-stderr "$KAM" --db explode
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"unknown --db action 'explode'"* ]]
}

@test "a stray argument exits 64" {
	run --separate-stderr "$KAM" --db status extra
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"unexpected argument 'extra'"* ]]
}

@test "add-user without --kind or --name exits 64 before connecting" {
	run --separate-stderr "$KAM" -d 'host=/nonexistent' --db add-user x --kind manager
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"needs --kind and --name"* ]]
}

@test "an unreachable database exits 69 with one line and nothing on stdout" {
	run --separate-stderr "$KAM" -d 'host=/nonexistent port=1 connect_timeout=2' --db status
	[ "$status" -eq 69 ]
	[ -z "$output" ]
	[[ "$stderr" == "kam: cannot connect to the database: "* ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}
