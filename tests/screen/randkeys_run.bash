# The random-key run (bash; "load randkeys_run" after "load hooks"): kam
# started as $PGUSER at $size, random steps drawn from randkeys.bash in
# batches, each checked (a signal, a sanitizer report, a kam that stops
# reading keys fails the test with the seed and the steps). Shared by
# tests/screen/randkeys.bats and the screens' own random-key tests
# (tests/screen/merge.bats); RANDKEYS_OPEN names a function that goes
# where a run starts.

randkeys_start() {
	screen_stop
	echo "# start at $size" >>"$BATS_TEST_TMPDIR/steps"
	SCREEN_COLS=${size%x*} SCREEN_ROWS=${size#*x} screen_start EDITOR=true VISUAL=true \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
	# a run that starts somewhere else: the function that goes there
	[ -z "${RANDKEYS_OPEN:-}" ] || "$RANDKEYS_OPEN"
}

# What went wrong, with the seed and the last steps.
randkeys_report() {
	echo "$1"
	echo "seed $seed as $PGUSER at $size: repeat with" \
	    "KAM_RANDKEYS_SEED=$seed make check TESTS=tests/screen/randkeys.bats"
	echo "the steps since kam last started (of $nsteps), oldest first:"
	sed -n '/^# start/h; /^# start/!H; ${x;p}' "$BATS_TEST_TMPDIR/steps" |
	    sed 's/^/  /'
	echo "kam's stderr:"
	head -n 60 "$BATS_TEST_TMPDIR/stderr" | sed 's/^/  /'
	echo "the screen:"
	screen_text 2>/dev/null | sed 's/^/  /'
}

# After a batch: kam has read it (or merged some keys, as Esc and the next
# can be, and sits idle), or it ended well (started again), or what
# happened fails the test.
randkeys_check() {
	local want=$1 code
	screen_until 3 randkeys_read_or_ended "$want" ||
	    screen_until 30 randkeys_idle_or_ended || {
		if tm has-session 2>/dev/null; then
			randkeys_report "kam stopped reading keys: $(screen_where)"
		else
			randkeys_report "the tmux server is gone, and kam's terminal with it"
		fi
		return 1
	}
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$BATS_TEST_TMPDIR/stderr"; then
		screen_until 5 test -f "$SCREEN_EXIT" || true
		randkeys_report "a sanitizer report; $(randkeys_status)"
		return 1
	fi
	[ -f "$SCREEN_EXIT" ] || return 0
	if [ "$(cat "$SCREEN_EXIT")" != 0 ]; then
		randkeys_report "$(randkeys_status)"
		return 1
	fi
	randkeys_start
}

randkeys_status() {
	local code
	code=$(cat "$SCREEN_EXIT" 2>/dev/null) || { echo "kam still runs"; return; }
	echo "kam exited with status $code$( ((code > 128)) &&
	    echo " (SIG$(kill -l $((code - 128))))")"
}

randkeys_read_or_ended() {
	[ -f "$SCREEN_EXIT" ] || keys_read "$1"
}

randkeys_idle_or_ended() {
	[ -f "$SCREEN_EXIT" ] || painted_idle
}

# randkeys_run STEPS SECONDS: random steps on kam started as $PGUSER at
# $size, until STEPS steps or SECONDS have passed, each batch checked.
randkeys_run() {
	local steps=$1 secs=$2 end s want
	nsteps=0
	echo "# seed $seed, $PGUSER, $size" >&3
	: >"$BATS_TEST_TMPDIR/steps"
	randkeys_start
	end=$((SECONDS + secs))
	while ((nsteps < steps && SECONDS < end)); do
		STEP=()
		while ((${#STEP[@]} < 10)); do randkeys_step; done
		printf '%s\n' "${STEP[@]}" >>"$BATS_TEST_TMPDIR/steps"
		for s in "${STEP[@]}"; do
			if [[ $s == resize* ]]; then size=${s#resize }; fi
		done
		randkeys_batch "${STEP[@]}"
		want=$(( $(keys_seen) + KEYS ))
		tm "${TMUX_ARGS[@]}" || true
		nsteps=$((nsteps + ${#STEP[@]}))
		randkeys_check "$want"
	done
	echo "# $nsteps steps in $((secs - (end - SECONDS))) s" >&3
}

randkeys_setup() {
	seed=${KAM_RANDKEYS_SEED:-$( [ "${CI:-}" = true ] && echo 1205 ||
	    echo $(( $(date +%s%N) % 1000000 )) )}
	. "$KAM_SRCDIR/tests/screen/randkeys.bash"
	mapfile -t RANDKEYS_KEYS < <(randkeys_table)
	mapfile -t RANDKEYS_EDIT < <(randkeys_table Editing)
	[ ${#RANDKEYS_KEYS[@]} -gt 40 ] && [ ${#RANDKEYS_EDIT[@]} -gt 8 ]
	RANDOM=$seed
}
