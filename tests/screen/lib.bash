# Screen tests: the real kam in a private tmux server, keys in, screen
# text out (bash; sourced by tests/screen/*.bats). Each test starts its own
# tmux server on its own socket and always kills it. Every wait has a
# deadline: a kam, tmux or server that stops answering fails the test, it
# never holds up the suite.

. "$KAM_SRCDIR/tests/lib/pg.bash"

# The smallest usual terminal by default; tests/screen/layout.bats also
# visits every screen at 120x40, and the suite passes at any size given
# (SCREEN_COLS=120 SCREEN_ROWS=40 make check).
SCREEN_COLS=${SCREEN_COLS:-80}
SCREEN_ROWS=${SCREEN_ROWS:-24}

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

# A tmux command; one that gets no answer in 10 s fails.
tm() {
	timeout --foreground 10 tmux -L "$(screen_socket)" -f /dev/null "$@"
}

# screen_until SECONDS COMMAND...: runs COMMAND every 50 ms until it
# succeeds; fails when SECONDS have passed first.
screen_until() {
	local end=$(( ${EPOCHREALTIME//[!0-9]/} + $1 * 1000000 ))
	shift
	until "$@"; do
		(( ${EPOCHREALTIME//[!0-9]/} < end )) || return 1
		sleep 0.05
	done
}

# no_inherited_fds COMMAND...: COMMAND with only standard input, output and
# error. bats waits for every process holding its output pipes, and a tmux
# or PostgreSQL server keeps what it was started with: with the pipes, one
# left behind would stall the suite for good.
no_inherited_fds() {
	(
		local fd
		for fd in /proc/"$BASHPID"/fd/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
		done
		"$@"
	)
}

# screen_start [ENV=VALUE ...] [-- KAM-ARGS ...]: opens kam as $PGUSER.
screen_start() {
	local envs=() args=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	[ "${1:-}" = -- ] && shift
	args=("$@")
	# the pooled pass deploys kam as kam(1), POOLED CONNECTIONS, says: the
	# client through PgBouncer, its LISTEN straight to the server (a test's
	# own setting comes later and wins)
	local direct="'host=${PG_DIRECT_HOST:-} port=${PG_DIRECT_PORT:-}'"
	! pg_test_pooled || envs=("KAM_LISTEN_CONNINFO=$direct" "${envs[@]}")
	screen_use "${SCREEN_WHO:-}"
	mkdir -p "$BATS_TEST_TMPDIR/xdg/kam"
	rm -f "$SCREEN_EXIT"
	# the marker on a line of its own: a kam killed by a signal leaves the
	# terminal raw, where a newline alone does not return the carriage and
	# the marker would wrap at the screen's edge
	no_inherited_fds timeout --foreground 10 tmux -L "$(screen_socket)" -f /dev/null \
	    -u new-session -d -x "$SCREEN_COLS" -y "$SCREEN_ROWS" \
	    "env LC_ALL=C.UTF-8 TERM=screen-256color XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdg \
	     XDG_STATE_HOME=$BATS_TEST_TMPDIR/state$SCREEN_WHO \
	     XDG_DATA_HOME=$BATS_TEST_TMPDIR/data$SCREEN_WHO \
	     ${envs[*]} $KAM --trace $SCREEN_TRACE ${args[*]} 2>$BATS_TEST_TMPDIR/stderr$SCREEN_WHO; \
	     echo \$? >$SCREEN_EXIT; printf '\\r\\nKAM-EXITED\\r\\n'; sleep 30" || return
	screen_server_pid
	screen_idle
}

# The pid of kam itself (env execs it in the pane's shell).
screen_kam_pid() {
	pgrep -P "$(tm display-message -p '#{pane_pid}')"
}

# Whether the screen stays the same for 50 ms.
screen_unchanged() {
	local a
	a=$(tm capture-pane -p)
	sleep 0.05
	[ "$a" = "$(tm capture-pane -p)" ]
}

# Until the screen stops changing, for a second at most (a spinner or a
# countdown never does).
screen_steady() {
	screen_until 1 screen_unchanged || true
}

# Where the pid of the tmux server of kam WHO is kept (see screen_use).
screen_server_file() {
	echo "$BATS_TEST_TMPDIR/tmux-pid${SCREEN_WHO:-}"
}

screen_server_pid() {
	tm display-message -p '#{pid}' >"$(screen_server_file)"
}

# Kills the test's tmux server, by its pid when it does not answer.
screen_stop() {
	local file
	file=$(screen_server_file)
	tm kill-server 2>/dev/null || { [ -s "$file" ] && kill -KILL "$(cat "$file")" 2>/dev/null; }
	rm -f "$file"
	return 0
}

screen_text() {
	tm capture-pane -p
}

painted_idle() {
	[ -f "$SCREEN_TRACE" ] && tail -n 1 "$SCREEN_TRACE" | grep -q 'paint idle$'
}

# Waits (15 s at most: CI machines are busy) until the last paint was a
# complete one, and tmux has shown it (it reads kam's output in its own
# time).
screen_idle() {
	if screen_until 15 painted_idle; then
		screen_steady
		return 0
	fi
	echo "kam did not settle; the end of its trace:" >&2
	tail -n 5 "$SCREEN_TRACE" | sed 's/^/  /' >&2
	[ -f "$SCREEN_EXIT" ] && echo "kam exited with status $(cat "$SCREEN_EXIT")" >&2
	sed 's/^/  stderr: /' "$BATS_TEST_TMPDIR/stderr${SCREEN_WHO:-}" 2>/dev/null |
	    head -n 30 >&2
	screen_where >&2
	return 1
}

# Where a kam that does not answer is: its state and kernel wait channel,
# then the screen.
screen_where() {
	local pid
	pid=$(screen_kam_pid) || return 0
	echo "kam (pid $pid): $(awk '{ print "state", $3 }' "/proc/$pid/stat" 2>/dev/null)," \
	    "waiting in $(cat "/proc/$pid/wchan" 2>/dev/null)"
	screen_text | sed 's/^/  screen: /'
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

keys_read() {
	[ "$(keys_seen)" -ge "$1" ]
}

screen_send_wait() {
	local want
	want=$(( $(keys_seen) + $1 ))
	shift
	tm send-keys "$@" || return
	screen_until 10 keys_read "$want" || echo "kam read fewer keys than sent" >&2
	screen_idle
}

# screen_type TEXT: literal characters.
screen_type() {
	screen_keys -l "$1"
}

# screen_wait TEXT [SECONDS]: until TEXT is on the screen, as it is or
# as screen_flat reads it (a message wrapped onto the lines below).
on_screen() {
	local text
	text=$(screen_text)
	grep -qF -- "$1" <<<"$text" ||
	    tr '\n' ' ' <<<"$text" | tr -s ' ' | grep -qF -- "$1"
}

screen_wait() {
	screen_until "${2:-5}" on_screen "$1" && return 0
	echo "not on the screen: $1" >&2
	screen_text >&2
	return 1
}

# The screen as one line, runs of spaces as one: a message or a field's
# error wrapped onto the next line reads as it was written.
screen_flat() {
	screen_text | tr '\n' ' ' | tr -s ' '
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
# screen_to_list: a support login starts on the support queue (kam(1)),
# over the accounts list; from there Esc goes back to the list, as a
# person would before searching it. On the list already: nothing.
screen_to_list() {
	local i
	for i in 1 2 3; do
		[[ "$(screen_text)" == *"Support queue"* ]] || return 0
		screen_keys Escape
	done
	echo "still on the support queue" >&2
	return 1
}

screen_open_account() {
	local search=$1 tab=${2:-}
	shift 2 || shift
	screen_start "$@"
	screen_to_list
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

# Whether the screen shows what a full repaint shows: no artefacts left
# by a resize or a partial update. Ctrl-L repaints every cell.
screen_clean() {
	local before
	before=$(screen_text)
	screen_keys C-l
	[ "$before" = "$(screen_text)" ] && return 0
	diff <(echo "$before") <(screen_text) | head -n 20 >&2
	return 1
}

# screen_resize COLS ROWS: resizes the window and waits for kam's paint.
screen_resize() {
	local paints
	paints=$(grep -c ' paint ' "$SCREEN_TRACE")
	tm resize-window -x "$1" -y "$2" || return
	screen_until 10 painted_since "$paints" || echo "no paint after the resize" >&2
	screen_idle
}

painted_since() {
	[ "$(grep -c ' paint ' "$SCREEN_TRACE")" -gt "$1" ]
}

# is_run_of A B: whether the lines of A (a page shown) are one run of
# consecutive lines of B (every row, in order): in order, none doubled,
# none left out between them.
is_run_of() {
	local first
	first=$(head -n 1 <<<"$1")
	[ -n "$first" ] || return 1
	[ "$(grep -A "$(($(wc -l <<<"$1") - 1))" -x -- "$first" <<<"$2")" = "$1" ]
}
