#!/bin/sh
# tmux.sh: drives "tlshake --tui" in tmux (STYLE.md 7; tmux regress/*.sh):
# a private server (-L, -f /dev/null), detached sessions of a fixed size,
# send-keys, and capture-pane -p -e to check text and SGR colours under
# TERM=xterm-256color, TERM=xterm, TERM=vt100, --color=never and NO_COLOR.
# Every wait is a bounded poll for what the screen should show; nothing
# here asserts on time.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib.sh"

need tmux
[ -x "$TLSHAKE" ] || skip "no binary at $TLSHAKE"
DEMO=$PCAPS/demo.pcap
[ -f "$DEMO" ] || skip "no $DEMO"
T=$(mktemp -d "${TMPDIR:-/tmp}/tlshake-tui.XXXXXX")
# One private server per session (tlshake-test-PID-N): a server being
# killed never races the next one's start.
RUN=0
SOCK=tlshake-test-$$-0
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

# A UTF-8 locale for the line drawing; the ASCII run uses C.
UTF8=
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
	if locale -a 2>/dev/null | grep -qix "$(echo "$l" | sed 's/-//')" ||
	    locale -a 2>/dev/null | grep -qx "$l"; then
		UTF8=$l
		break
	fi
done
[ -n "$UTF8" ] || skip "no UTF-8 locale"

ESC=$(printf '\033')
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t t "$@"; }
# The screen without escape sequences, and line N of the raw one.
plain() { screen | sed "s/$ESC\[[0-9;]*m//g"; }
rawline() { screen -e | sed -n "$1p"; }
lineno() { plain | grep -n -- "$1" | head -n 1 | cut -d: -f1; }

# wait_for PATTERN: poll the screen (at most about 30 s).
wait_for() {
	i=0
	while [ $i -lt 300 ]; do
		plain | grep -q -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	plain >&2
	fail "timed out waiting for: $1"
}
wait_file() {
	i=0
	while [ $i -lt 300 ]; do
		[ -s "$1" ] && return 0
		i=$((i + 1))
		sleep 0.1
	done
	plain >&2
	fail "timed out waiting for $1 (tlshake did not exit)"
}

# start W H LOCALE TERM [VAR=value ...] -- ARGS: a fresh session running
# tlshake; when it ends its status goes to $T/exit, the terminal modes to
# $T/stty, and the pane stays for a last capture.
start() {
	w=$1 h=$2 loc=$3 term=$4
	shift 4
	tm kill-server 2>/dev/null
	RUN=$((RUN + 1))
	SOCK=tlshake-test-$$-$RUN
	rm -f "$T/exit" "$T/stty"
	{
		echo "export LC_ALL=$loc TERM=$term"
		while [ "$1" != "--" ]; do
			echo "export $1"
			shift
		done
		shift
		printf '"%s"' "$TLSHAKE"
		for a in "$@"; do
			printf ' "%s"' "$a"
		done
		echo
		echo "echo \$? > '$T/exit.tmp'; mv '$T/exit.tmp' '$T/exit'"
		echo "stty -a > '$T/stty' 2>&1"
		echo "echo EXIT=\$(cat '$T/exit')"
		echo "exec sleep 600"
	} > "$T/run.sh"
	tm new-session -d -s t -x "$w" -y "$h" "sh '$T/run.sh'" ||
	    fail "tmux new-session"
}

# quit [noalt]: q, exit status 0, terminal restored (main screen, cursor
# shown, canonical mode and echo back on).
quit() {
	tm send-keys -t t q
	wait_file "$T/exit"
	[ "$(cat "$T/exit")" = 0 ] || fail "exit status $(cat "$T/exit")"
	wait_for "EXIT=0"
	[ "$(tm display -p -t t '#{alternate_on}')" = 0 ] ||
	    fail "still on the alternate screen"
	[ "$(tm display -p -t t '#{cursor_flag}')" = 1 ] ||
	    fail "cursor left hidden"
	grep -q ' icanon' "$T/stty" && grep -q ' echo ' "$T/stty" ||
	    { cat "$T/stty"; fail "terminal modes not restored"; }
	# vt100 has no alternate screen: the last picture stays there.
	[ "${1:-}" = noalt ] && return 0
	plain | grep -q 'Connections' && fail "TUI left on the screen"
	return 0
}

# --- 256 colours, UTF-8, 120x40 -----------------------------------------
start 120 40 "$UTF8" xterm-256color -- --tui -r "$DEMO"
wait_for '3 connections: 2 complete, 1 failed, 0 incomplete'
wait_for 'ClientHello  frame'
before=$(plain)

# The SYN row is blue (33), the ClientHello row a true yellow (226).
n=$(lineno '─── SYN ─')
[ -n "$n" ] || fail "no SYN row"
rawline "$n" | grep -q "38;5;33m" || fail "SYN row not blue: $(rawline "$n")"
n=$(lineno '━━━ ClientHello ━')
[ -n "$n" ] || fail "no ClientHello row drawn with heavy lines"
rawline "$n" | grep -q "38;5;226m" ||
    fail "ClientHello row not yellow: $(rawline "$n")"
rawline "$n" | grep -q "38;5;22[0-5]m\|38;5;214m" && fail "orange, not yellow"
# TCP and TLS rows differ in glyphs too; encrypted rows are bracketed.
plain | grep -q '◀┄┄ \[encrypted handshake\] ┄' ||
    fail "no dashed, bracketed encrypted row"

# The detail pane shows the ClientHello; the chosen suite is reversed.
n=$(lineno 'TLS_AES_128_GCM_SHA256 .*chosen')
[ -n "$n" ] || fail "chosen suite not marked in the detail pane"
rawline "$n" | grep -q "$ESC\[\([0-9]*;\)*7[;m]" ||
    fail "chosen suite not highlighted: $(rawline "$n")"
plain | grep -q '2 TLS_EMPTY_RENEGOTIATION_INFO' ||
    fail "offered suites not listed"

# Resize to 100x30 and back: the screen is redrawn, nothing left over.
tm resize-window -t t -x 100 -y 30
wait_for "┓$"
i=0
while [ $i -lt 300 ]; do
	[ "$(plain | sed -n 2p | grep -c '━┓$')" = 1 ] &&
	    [ "$(plain | wc -l)" -eq 30 ] &&
	    plain | sed -n 30p | grep -q 'pkts' && break
	i=$((i + 1))
	sleep 0.1
done
[ $i -lt 300 ] || { plain >&2; fail "not redrawn at 100x30"; }
plain | awk 'length($0) > 0' | grep -q 'Ladder #1' || fail "no ladder at 100x30"
tm resize-window -t t -x 120 -y 40
i=0
while [ $i -lt 300 ]; do
	[ "$(plain)" = "$before" ] && break
	i=$((i + 1))
	sleep 0.1
done
[ $i -lt 300 ] || { plain >&2; fail "leftovers after resizing back"; }

# The failed connection: its alert row is red (196).
tm send-keys -t t j j
wait_for 'Ladder #3'
n=$(lineno 'Alert fatal handshake_failure')
[ -n "$n" ] || fail "no alert row"
rawline "$n" | grep -q "38;5;196m" || fail "alert row not red: $(rawline "$n")"

# The filter narrows the list; an empty filter brings it back.
rows() { plain | grep -c '[0-9] 127\.0\.0\.1:[0-9]* *127\.0\.0\.1:443'; }
tm send-keys -t t / version=TLSv1.2 Enter
wait_for 'filter: version=TLSv1.2'
wait_for '1 of 3 connections match'
[ "$(rows)" = 1 ] || fail "filter left $(rows) rows"
plain | grep '127\.0\.0\.1:443' | grep -q 'TLSv1.2' || fail "wrong row left"
tm send-keys -t t / C-u Enter
wait_for 'filter cleared'
[ "$(rows)" = 3 ] || fail "clearing the filter left $(rows) rows"
tm send-keys -t t / 'bogus=1' Enter
wait_for 'filter: unknown key'

# s cycles the sort; d shows the diff; ? the help; Esc closes.
tm send-keys -t t s
wait_for 'by start time'
tm send-keys -t t g d
wait_for 'Diff: offered against chosen'
wait_for "chosen #1 of the client's list"
tm send-keys -t t Escape
i=0
while plain | grep -q 'Diff: offered' && [ $i -lt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
tm send-keys -t t '?'
wait_for 'next pane: list, ladder, detail'
tm send-keys -t t q
i=0
while plain | grep -q 'next pane: list' && [ $i -lt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
# Tab moves the focus: the ladder's border turns heavy.
tm send-keys -t t Tab
wait_for '┏ Ladder #'
quit

# --- -j 2 on a file: the same screen, the same colours -------------------
start 120 40 "$UTF8" xterm-256color -- --tui -j 2 -r "$DEMO"
wait_for '3 connections: 2 complete, 1 failed, 0 incomplete'
wait_for 'ClientHello  frame'
# the screen settles (a poll, not a timing): then it is -j 1's
i=0
while [ "$(plain)" != "$before" ] && [ $i -lt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
[ $i -lt 300 ] || { plain >&2; fail "-j 2 draws another screen than -j 1"; }
n=$(lineno '─── SYN ─')
rawline "$n" | grep -q "38;5;33m" || fail "-j 2: SYN row not blue"
n=$(lineno '━━━ ClientHello ━')
rawline "$n" | grep -q "38;5;226m" || fail "-j 2: ClientHello row not yellow"
tm send-keys -t t j j
wait_for 'Ladder #3'
n=$(lineno 'Alert fatal handshake_failure')
[ -n "$n" ] || fail "-j 2: no alert in ladder #3"
rawline "$n" | grep -q "38;5;196m" || fail "-j 2: alert row not red"
quit

# --- 80x24: the detail behind Enter; too small below 80x24 ---------------
start 80 24 "$UTF8" xterm-256color -- --tui -r "$DEMO"
wait_for 'Ladder #1'
plain | grep -q 'ClientHello  frame' && fail "detail shown at 80x24 before Enter"
tm send-keys -t t Enter Enter
wait_for '┏ ClientHello  frame'
plain | grep -q 'TLS_AES_128_GCM_SHA256 .*chosen' ||
    fail "no chosen suite at 80x24"
tm send-keys -t t Escape
wait_for 'Ladder #1'
tm resize-window -t t -x 79 -y 23
wait_for 'terminal too small: 79x23'
tm resize-window -t t -x 80 -y 24
wait_for 'Ladder #1'
plain | grep -q 'too small' && fail "too-small message left over"
quit

# --- monochrome: --color=never, NO_COLOR; layers differ by glyph ---------
for mode in never nocolor; do
	if [ $mode = never ]; then
		start 120 40 "$UTF8" xterm-256color -- --tui --color=never \
		    -r "$DEMO"
	else
		start 120 40 "$UTF8" xterm-256color NO_COLOR=1 -- --tui \
		    -r "$DEMO"
	fi
	wait_for 'ClientHello  frame'
	screen -e | grep -q "$ESC\[\([0-9]*;\)*\(3[0-7]\|38;5;[0-9]*\)[;m]" &&
	    fail "colour with $mode"
	plain | grep -q '─── SYN ─' || fail "TCP glyphs ($mode)"
	plain | grep -q '━━━ ClientHello ━' || fail "TLS glyphs ($mode)"
	quit
done

# --- 8 colours (TERM=xterm): blue 34, yellow 33 with bold ----------------
start 120 40 "$UTF8" xterm -- --tui -r "$DEMO"
wait_for 'ClientHello  frame'
n=$(lineno '─── SYN ─')
rawline "$n" | grep -q "$ESC\[\([0-9]*;\)*34[;m]" || fail "SYN not blue (8)"
n=$(lineno '━━━ ClientHello ━')
rawline "$n" | grep -q "$ESC\[\([0-9]*;\)*33[;m]" ||
    fail "ClientHello not yellow (8): $(rawline "$n")"
rawline "$n" | grep -q "$ESC\[1[;m]\|$ESC\[\([0-9]*;\)*1;" ||
    fail "ClientHello yellow not bold (8)"
quit

# --- vt100, C locale: ASCII line drawing, no colour ----------------------
start 80 24 C vt100 -- --tui -r "$DEMO"
wait_for 'Ladder #1'
plain | grep -q -- '--- SYN ---*>' || fail "ASCII TCP arrow"
plain | grep -q -- '=== ClientHello ===*>' || fail "ASCII TLS arrow"
plain | grep -q -- '<\.\. \[encrypted handshake\] \.' ||
    fail "ASCII encrypted arrow"
plain | grep -q "$(printf '\342\224')" && fail "UTF-8 box drawing in C locale"
screen -e | grep -q "$ESC\[\([0-9]*;\)*3[0-7][;m]" && fail "colour on vt100"
quit noalt

# --- e: the --explain steps beside the ladder ----------------------------
# demo.pcap's second connection is TLS 1.2 ECDHE-RSA (pcaps/demo.peers.txt):
# its fourth step is the Certificate, its fifth the key exchange, whose
# messages are ServerKeyExchange and ClientKeyExchange.
start 120 40 "$UTF8" xterm-256color -- --tui -r "$DEMO" \
    --ca-file "$PCAPS/certs/root.pem"
wait_for 'ClientHello  frame'
plain | grep -q 'd diff  e explain  ? help' || fail "no e in the key hints"
tm send-keys -t t j
wait_for 'Ladder #2'
tm send-keys -t t e
wait_for 'Explain #2  step 1 of 9'
plain | grep -q '▶ 1\. TCP: the client opened the connection' ||
    fail "first step not selected"
tm send-keys -t t j j j j
wait_for 'Explain #2  step 5 of 9'
plain | grep -q '▶ 5\. Key exchange: ECDHE on x25519' || fail "step 5 not selected"
# The step's messages are marked in the ladder's margin, bold and underlined;
# the others are not.
for m in ServerKeyExchange ClientKeyExchange; do
	n=$(lineno "━ $m ━")
	[ -n "$n" ] || fail "no $m row"
	plain | sed -n "${n}p" | grep -q '^│▶' || fail "$m not marked: $(plain | sed -n "${n}p")"
	rawline "$n" | grep -q "$ESC\[\([0-9]*;\)*4[;m]" ||
	    fail "$m not underlined: $(rawline "$n")"
done
n=$(lineno '━ ServerHello ━')
plain | sed -n "${n}p" | grep -q '^│▶' && fail "ServerHello marked in step 5"
# The selected step is highlighted (reverse) in the steps pane.
n=$(lineno '▶ 5\. Key exchange')
rawline "$n" | grep -q "$ESC\[\([0-9]*;\)*7[;m]" ||
    fail "selected step not highlighted: $(rawline "$n")"
# Esc closes the steps: the detail pane comes back, no mark is left.
tm send-keys -t t Escape
wait_for ' frame [0-9]*, [0-9]* bytes'
plain | grep -q 'Explain #2' && fail "steps still shown after Esc"
plain | grep -q '^[│┃]▶ *[0-9]*\.[0-9]\{6\} ' && fail "ladder marks left after Esc"
# Korean: the same steps in the catalogue's words, codes unchanged.
if command -v msgfmt >/dev/null 2>&1; then
	mkdir -p "$T/locale/ko/LC_MESSAGES"
	msgfmt -o "$T/locale/ko/LC_MESSAGES/tlshake.mo" "$top_srcdir/po/ko.po"
	quit
	start 120 40 "$UTF8" xterm-256color LANGUAGE=ko \
	    "TLSHAKE_LOCALEDIR=$T/locale" -- --tui -r "$DEMO"
	wait_for 'ClientHello  frame'
	tm send-keys -t t j e
	wait_for '클라이언트가 SYN, SYN-ACK, ACK로'
	wait_for '설명 #2  단계 1/9'
fi
quit

# --- hostile names: escaped, cut, never interpreted ----------------------
if command -v python3 >/dev/null 2>&1; then
	python3 "$top_srcdir/tests/tui/mkhostile.py" "$T/hostile.pcap" ||
	    fail "mkhostile.py"
	start 120 40 "$UTF8" xterm-256color -- --tui -r "$T/hostile.pcap"
	wait_for '2 connections'
	wait_for 'ClientHello  frame'
	# The list and the detail show the escape sequence as text.
	plain | grep -q 'evil\\x1B\[31mRED' || fail "ESC not shown escaped"
	plain | grep -q 'evil\\x1B\[31mRED\\u{202E}gnp' ||
	    fail "RLO not shown escaped"
	screen -e | grep -q "$(printf '\342\200\256')" && fail "raw RLO on screen"
	# Rows keep their width: 40 lines, list rows end at the border.
	[ "$(plain | wc -l)" -eq 40 ] || fail "screen scrolled"
	plain | grep 'evil' | head -n 1 | grep -q '┃$' || fail "row width broken"
	plain | grep -q 'longxxxxxxxxxxxx…' || fail "4 KB name not cut"
	plain | grep 'longxxxx' | head -n 1 | grep -q '┃$' ||
	    fail "4 KB row width broken"
	tm send-keys -t t j
	wait_for 'Ladder #2'
	wait_for '(4096 bytes, cut)'
	quit
else
	echo "hostile-name test skipped: no python3"
fi
echo "ok tmux"
