# kam_build DIR [configure options...]: an out-of-tree build in DIR that
# regenerates and reconfigures only what changed (bash; source it).
kam_build() {
	local dir=$1 top
	shift
	top=$(pwd)
	if [ ! -x configure ] || [ configure.ac -nt configure ] ||
	    [ Makefile.am -nt Makefile.in ]; then
		# its "installing ..." lines are news only when it fails
		local out
		out=$(autoreconf -fi 2>&1) || { printf '%s\n' "$out" >&2; return 1; }
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ configure -nt "$dir/config.status" ]; then
		(cd "$dir" && "$top/configure" -q "$@") || return
	fi
	make -C "$dir" -s -j"$(nproc)" >/dev/null || make -C "$dir" -j1
}
