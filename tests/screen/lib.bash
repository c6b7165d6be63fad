# Screen tests: the real kam in a private tmux server, keys in, screen
# text out (bash; sourced by tests/screen/*.bats). Each test starts its own
# tmux server on its own socket and always kills it.

. "$KAM_SRCDIR/tests/lib/pg.bash"

SCREEN_COLS=${SCREEN_COLS:-100}
SCREEN_ROWS=${SCREEN_ROWS:-30}

# For setup_file and teardown_file: a throwaway database holding the
# fixture and tests/screen/data.sql.
screen_db_start() {
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 -f "$KAM_SRCDIR/tests/screen/data.sql"
}

screen_db_stop() {
	pg_test_stop
}

# SCREEN_WHO names a second kam of the same test ("2"): its own tmux
# server, trace, drafts and stderr (see screen_use).
screen_socket() {
	echo "kamtest-$$-${BATS_TEST_NUMBER:-0}${SCREEN_WHO:-}"
}

# screen_use [WHO]: the screen functions talk to kam WHO from now on.
screen_use() {
	SCREEN_WHO=${1:-}
	SCREEN_TRACE=$BATS_TEST_TMPDIR/trace$SCREEN_WHO
	SCREEN_EXIT=$BATS_TEST_TMPDIR/exit$SCREEN_WHO
}

tm() {
	tmux -L "$(screen_socket)" -f /dev/null "$@"
}

# screen_start [ENV=VALUE ...] [-- KAM-ARGS ...]: opens kam as $PGUSER.
screen_start() {
	local envs=() args=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	[ "${1:-}" = -- ] && shift
	args=("$@")
	screen_use "${SCREEN_WHO:-}"
	mkdir -p "$BATS_TEST_TMPDIR/xdg/kam"
	ln -sfn "$KAM_SRCDIR/themes" "$BATS_TEST_TMPDIR/xdg/kam/themes"
	rm -f "$SCREEN_EXIT"
	tm -u new-session -d -x "$SCREEN_COLS" -y "$SCREEN_ROWS" \
	    "env LC_ALL=C.UTF-8 TERM=screen-256color XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdg \
	     XDG_STATE_HOME=$BATS_TEST_TMPDIR/state$SCREEN_WHO \
	     ${envs[*]} $KAM --trace $SCREEN_TRACE ${args[*]} 2>$BATS_TEST_TMPDIR/stderr$SCREEN_WHO; \
	     echo \$? >$SCREEN_EXIT; echo KAM-EXITED; sleep 30"
	screen_idle
}

# The pid of kam itself (env execs it in the pane's shell).
screen_kam_pid() {
	pgrep -P "$(tm display-message -p '#{pane_pid}')"
}

screen_steady() {
	local a b i
	a=$(tm capture-pane -p)
	for i in $(seq 1 20); do
		sleep 0.05
		b=$(tm capture-pane -p)
		[ "$a" = "$b" ] && return 0
		a=$b
	done
	return 0
}

screen_stop() {
	tm kill-server 2>/dev/null || true
}

screen_text() {
	tm capture-pane -p
}

# Waits (15 s at most: CI machines are busy) until the last paint was a
# complete one, and tmux has shown it (it reads kam's output in its own
# time).
screen_idle() {
	local i
	for i in $(seq 1 300); do
		[ -f "$SCREEN_TRACE" ] &&
		    tail -n 1 "$SCREEN_TRACE" | grep -q 'paint idle$' &&
		    screen_steady && return 0
		sleep 0.05
	done
	echo "kam did not settle; the end of its trace:" >&2
	tail -n 5 "$SCREEN_TRACE" | sed 's/^/  /' >&2
	[ -f "$SCREEN_EXIT" ] && echo "kam exited with status $(cat "$SCREEN_EXIT")" >&2
	sed 's/^/  stderr: /' "$BATS_TEST_TMPDIR/stderr${SCREEN_WHO:-}" 2>/dev/null |
	    head -n 30 >&2
	return 1
}

# screen_keys KEY...: sends tmux keys, waits until kam has read them all
# and painted a complete screen.
screen_keys() {
	local n=$# i
	[ "$1" = -l ] && n=$(LC_ALL=C.UTF-8 bash -c 'echo ${#1}' _ "$2")
	screen_send_wait "$n" "$@"
}

keys_seen() {
	grep -c ' key ' "$SCREEN_TRACE" || true
}

screen_send_wait() {
	local n=$1 want i
	shift
	want=$(( $(keys_seen) + n ))
	tm send-keys "$@"
	for i in $(seq 1 500); do
		[ "$(keys_seen)" -ge "$want" ] && break
		sleep 0.02
	done
	screen_idle
}

# screen_type TEXT: literal characters.
screen_type() {
	screen_keys -l "$1"
}

# screen_wait TEXT [SECONDS]: until TEXT is on the screen.
screen_wait() {
	local i n=$(( ${2:-5} * 20 ))
	for i in $(seq 1 $n); do
		screen_text | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	echo "not on the screen: $1" >&2
	screen_text >&2
	return 1
}

# screen_line TEXT: the first screen line holding TEXT.
screen_line() {
	screen_text | grep -F -m 1 -- "$1"
}

# screen_column LINE-TEXT WORD: the display column where WORD starts in the
# line holding LINE-TEXT (wide characters count two).
screen_column() {
	screen_line "$1" | "$PYTHON3" -c '
import sys, unicodedata
line, word = sys.stdin.read().rstrip("\n"), sys.argv[1]
i = line.index(word)
w = lambda c: 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
print(sum(w(c) for c in line[:i]))' "$2"
}

# screen_open_account SEARCH [TAB [ENV=VALUE ...]]: starts kam, opens the
# first account the search finds, on tab TAB (a digit) if given.
screen_open_account() {
	local search=$1 tab=${2:-}
	shift 2 || shift
	screen_start "$@"
	screen_keys /
	screen_type "$search"
	screen_keys Enter Enter
	screen_wait "Master data"
	[ -z "$tab" ] || screen_keys "$tab"
}

# screen_sql SQL: one statement as the database's superuser, values only.
screen_sql() {
	PGUSER=postgres psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"
}

# screen_find TEXT: "/" on a tab, TEXT, Enter: the cursor to its row.
screen_find() {
	screen_keys /
	screen_type "$1"
	screen_keys Enter
}

# screen_conflict_open: back in kam 1, whose save meets the change kam 2
# saved first: the conflict dialog.
screen_conflict_open() {
	screen_use
	screen_keys C-s
	[[ "$(screen_text)" == *"Someone else saved this while you edited it."* ]]
}

# screen_conflict_row LABEL THEIRS YOURS WHO: the dialog's row of LABEL
# shows their value, then yours, and that WHO (they, you, both) changed it.
screen_conflict_row() {
	[[ "$(screen_line "$1")" == *"$2"*"$3"*"$4 changed" ]]
}
