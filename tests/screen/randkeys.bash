# The random-key test's parts (bash; sourced by tests/screen/randkeys.bats
# after lib.bash): the keys of kam --help-keys as tmux names, the steps a
# seed draws, and the check after each batch of them.

# One key of the mdoc list as tmux names it.
randkeys_tmux_name() {
	case $1 in
	Ctrl-?) local c=${1#Ctrl-}; echo "C-${c,,}" ;;
	Shift-Tab) echo BTab ;;
	PgDn) echo NPage ;;
	PgUp) echo PPage ;;
	Esc) echo Escape ;;
	Backspace) echo BSpace ;;
	Delete) echo DC ;;
	'\&'?) echo "${1#\\&}" ;;
	*) echo "$1" ;;
	esac
}

# randkeys_table [SECTION]: the keys of kam's key table, one a line, of
# one section ("Editing") or all; Q (quit kam) is left out, as quitting
# ends only the run, not a test.
randkeys_table() {
	"$KAM" --help-keys | awk -v want="${1:-}" '
		/^\.Ss / { sect = substr($0, 5) }
		/^\.It / && (want == "" || index(sect, want) == 1) {
			n = split(substr($0, 5), part, / , /)
			for (i = 1; i <= n; i++) { sub(/^Ic /, "", part[i]); print part[i] }
		}' | sort -u | while read -r k; do
		[ "$k" = Q ] || randkeys_tmux_name "$k"
	done
}

# Text typed into prompts, searches and fields: Latin with accents, CJK,
# Hangul, Arabic, combining marks, emoji, full-width forms, a bidi
# override (which must show harmlessly), and the values forms take.
RANDKEYS_TEXT=(
	x ab C000007 Müller Grüße Ærøskøbing 'Åhléns AB' "e$(printf '\xcc\x81')te"
	"a$(printf '\xcc\x88\xcc\x81')" 株式会社 푸른 東京 مرحبا 'شركة النور'
	👩‍👩‍👧 'Ｆｕｌｌ' "$(printf '\xe2\x80\xae')evil" 2026-03-01 today +1w -30d
	'1d 4h' 30m 08:30 23:59 Mon-Fri 'Mon, Wed' -1.5 12345.678 1e3 t ' '
)
RANDKEYS_COMMANDS=(
	'filter tier=key' 'filter overdue' 'filter channel=call feedback=idea'
	'filter mine' filter 'sort revenue desc' 'sort name' agenda
	'account C000007' 'account 4' 'sla Müller' 'theme light' 'theme mono'
	sync help nonsense 'filter kind=action overdue' 'sort'
	portfolio 'sort growth desc' 'sort alarms' 'filter team=south' queue
	voc 'voc all' 'voc year mine' 'voc 30d team' 'voc everyone' 'voc nonsense'
	calendars
	quality
	'filter person=sam role=service_owner' 'filter role=sales' 'filter person=me'
)
RANDKEYS_SIZES=(80x24 100x30 120x40 40x12 20x6 10x3 200x50 81x25 60x20)

# randkeys_step: appends one step to STEP (an array of "keys K...",
# "text T", "resize WxH" words), drawn from RANDOM. Weighted so that
# searches, Enter and the tabs of an account come often.
randkeys_step() {
	local r=$((RANDOM % 100)) t=${RANDKEYS_TEXT[RANDOM % ${#RANDKEYS_TEXT[@]}]}
	if ((r < 36)); then STEP+=("keys ${RANDKEYS_KEYS[RANDOM % ${#RANDKEYS_KEYS[@]}]}")
	elif ((r < 46)); then STEP+=("text $t")
	elif ((r < 54)); then STEP+=("keys Enter")
	elif ((r < 62)); then STEP+=("keys /" "text $t")
		if ((RANDOM % 2)); then STEP+=("keys Enter"); fi
	elif ((r < 70)); then STEP+=("keys ${RANDKEYS_EDIT[RANDOM % ${#RANDKEYS_EDIT[@]}]}")
	elif ((r < 75)); then STEP+=("keys Escape")
	elif ((r < 81)); then STEP+=("keys $((RANDOM % 9 + 1))")
	elif ((r < 85)); then STEP+=("keys :"
		"text ${RANDKEYS_COMMANDS[RANDOM % ${#RANDKEYS_COMMANDS[@]}]}" "keys Enter")
	elif ((r < 88)); then STEP+=("resize ${RANDKEYS_SIZES[RANDOM % ${#RANDKEYS_SIZES[@]}]}")
	elif ((RANDOM % 2)); then STEP+=("keys j")
	else STEP+=("keys k")
	fi
}

# randkeys_batch STEP...: the steps as one tmux command line (one
# client for a batch: a tmux client a step is slow on a busy machine) in
# TMUX_ARGS, and in KEYS the keys kam will read for them.
randkeys_batch() {
	local s what arg
	TMUX_ARGS=() KEYS=0
	for s; do
		what=${s%% *} arg=${s#* }
		case $what in
		keys) TMUX_ARGS+=(send-keys -- "$arg" \;); KEYS=$((KEYS + 1)) ;;
		text) TMUX_ARGS+=(send-keys -l -- "$arg" \;); KEYS=$((KEYS + ${#arg})) ;;
		resize) TMUX_ARGS+=(resize-window -x "${arg%x*}" -y "${arg#*x}" \;) ;;
		esac
	done
}
