# kam_build DIR [configure options...]: an out-of-tree build in DIR that
# regenerates and reconfigures only what changed (bash; source it).
kam_build() {
	local dir=$1 top
	shift
	top=$(pwd)
	if [ ! -x configure ] || [ configure.ac -nt configure ] ||
	    [ Makefile.am -nt Makefile.in ]; then
		autoreconf -fi >/dev/null || return
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ configure -nt "$dir/config.status" ]; then
		(cd "$dir" && "$top/configure" -q "$@") || return
	fi
	make -C "$dir" -s -j"$(nproc)" >/dev/null || make -C "$dir" -j1
}
