# The bats hooks every screen test file shares ("load hooks"): one
# throwaway database a file, kam as anna unless a test says otherwise, and
# no tmux server left behind.

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	export PGUSER=anna
}

# Both kams of a test that started two (screen_use 2).
teardown() {
	screen_use 2
	screen_stop
	screen_use
	screen_stop
}
