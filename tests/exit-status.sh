#!/bin/sh
# Exit statuses of SPEC.md: 0 for a file read to its end, 3 for one that
# stops at a corrupt record, 1 when nothing can be analysed, 2 for usage.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tmpdir
rc() { "$@" >"$T/out" 2>"$T/err"; echo $?; }

[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap")" = 0 ] || fail "demo"
[ "$(rc "$TLSHAKE" -r "$T/nonexistent.pcap")" = 1 ] || fail "missing file"
grep -q "nonexistent.pcap" "$T/err" || fail "missing file not named"
# named once, on one line: "tlshake: PATH: No such file or directory"
[ "$(grep -o "nonexistent.pcap" "$T/err" | wc -l)" = 1 ] || fail "missing file named more than once"
[ "$(wc -l <"$T/err")" = 1 ] || fail "missing file: more than one line"
printf 'not a capture at all, just text\n' >"$T/junk.pcap"
[ "$(rc "$TLSHAKE" -r "$T/junk.pcap")" = 1 ] || fail "bad file"
grep -q "junk.pcap" "$T/err" || fail "bad file not named"
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" 'tcp port')" = 1 ] || fail "bad filter"
[ "$(rc "$TLSHAKE" --no-such-option)" = 2 ] || fail "usage"
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" -c x)" = 2 ] || fail "bad -c"
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" --tui --json)" = 2 ] || fail "--tui --json"
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" -i lo)" = 2 ] || fail "-r with -i"
# -w: mode 0644, never through a symbolic link (target left untouched)
ln -s "$T/target" "$T/link"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" -w "$T/link")" = 1 ] || fail "-w symlink"
[ ! -e "$T/target" ] || fail "-w wrote through a symbolic link"
(umask 022; "$TLSHAKE" -q -r "$PCAPS/demo.pcap" -w "$T/w.pcap" >/dev/null) || fail "-w"
[ "$(stat -c %a "$T/w.pcap")" = 644 ] || fail "-w mode $(stat -c %a "$T/w.pcap")"
cmp -s "$T/w.pcap" "$PCAPS/demo.pcap" || fail "-w copy differs from its input"
# standard input
[ "$(rc "$TLSHAKE" --json -r - < "$PCAPS/demo.pcap")" = 0 ] || fail "stdin"
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "stdin: expected 3 connections"
# a file cut inside its last packet: a warning, exit 0, everything before
head -c 5000 "$PCAPS/demo.pcap" > "$T/cut.pcap"
[ "$(rc "$TLSHAKE" --json -r "$T/cut.pcap")" = 0 ] || fail "cut file"
grep -q "truncated" "$T/err" || fail "cut file: no warning"
[ -s "$T/out" ] || fail "cut file: nothing reported"
# an unsupported link type (IEEE802_11 = 105): named, exit 1
printf '\324\303\262\241\002\000\004\000\000\000\000\000\000\000\000\000\377\377\000\000\151\000\000\000' > "$T/user0.pcap"
[ "$(rc "$TLSHAKE" -r "$T/user0.pcap")" = 1 ] || fail "unsupported DLT"
grep -q "IEEE802_11" "$T/err" || fail "unsupported DLT not named: $(cat "$T/err")"
# a corrupt record (a captured length beyond the snap length): exit 3,
# with what came before it reported
cp "$PCAPS/demo.pcap" "$T/bad.pcap"
printf '\000\000\000\000\000\000\000\000\377\377\377\000\377\377\377\000' >> "$T/bad.pcap"
[ "$(rc "$TLSHAKE" --json -r "$T/bad.pcap")" = 3 ] || fail "corrupt record"
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "corrupt: connections before it"
grep -q "last good packet" "$T/err" || fail "corrupt: no diagnostic"

# First contact (tlshake(1), EXIT STATUS and END OF RUN): one line that
# names the file and what to do, and SPEC.md's exit status.
# has WORDS: stderr holds them (fixed strings).
has() { grep -qF -- "$1" "$T/err" || fail "$2: stderr lacks \"$1\": $(cat "$T/err")"; }
lines1() { [ "$(wc -l < "$T/err")" -eq "$1" ] || fail "$2: $(wc -l < "$T/err") lines on stderr, want $1: $(cat "$T/err")"; }
# usage errors: the one-line error and a hint, not the whole help; exit 2
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" --bogus)" = 2 ] || fail "--bogus: exit"
has "unknown or ambiguous option '--bogus'" "--bogus"
has "Try 'tlshake --help' for more information." "--bogus"
lines1 2 "--bogus"
[ -s "$T/out" ] && fail "--bogus: wrote to stdout"
[ "$(rc "$TLSHAKE" -x)" = 2 ] || fail "-x: exit"
has "unknown option '-x'" "-x"
[ "$(rc "$TLSHAKE" -r)" = 2 ] || fail "-r without a value: exit"
has "option '-r' needs a value" "-r"
lines1 2 "-r without a value"
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" -c x)" = 2 ] || fail "-c x: exit"
has "Try 'tlshake --help'" "-c x"
[ "$(rc "$TLSHAKE" --help)" = 0 ] || fail "--help: exit"
grep -q "^usage: tlshake" "$T/out" || fail "--help: not on stdout"
[ "$(wc -l < "$T/out")" -gt 20 ] || fail "--help: the whole text"
# a directory, an empty file, a pcapng with no interface block, not a capture
[ "$(rc "$TLSHAKE" -r "$T")" = 1 ] || fail "directory: exit"
has "$T: is a directory; -r takes a capture file" "directory"; lines1 1 "directory"
: > "$T/empty.pcap"
[ "$(rc "$TLSHAKE" -r "$T/empty.pcap")" = 1 ] || fail "empty file: exit"
has "$T/empty.pcap: empty file (0 bytes), not a capture" "empty"; lines1 1 "empty"
python3 - "$T" <<'PY'
import struct, sys
body = struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1)
shb = struct.pack('<II', 0x0A0D0D0A, 12 + len(body)) + body + struct.pack('<I', 12 + len(body))
epb = struct.pack('<IIIII', 0, 0, 0, 60, 60) + bytes(60)
epb = struct.pack('<II', 6, 12 + len(epb)) + epb + struct.pack('<I', 12 + len(epb))
open(sys.argv[1] + '/noidb.pcapng', 'wb').write(shb + epb)
open(sys.argv[1] + '/text.pcap', 'w').write('not a capture\n')
PY
[ "$(rc "$TLSHAKE" -r "$T/noidb.pcapng")" = 1 ] || fail "pcapng without IDB: exit"
has "$T/noidb.pcapng: " "no IDB"; has "Interface Description Block" "no IDB"
has "the file is damaged or is not a whole capture" "no IDB"; lines1 1 "no IDB"
[ "$(rc "$TLSHAKE" -r "$T/text.pcap")" = 1 ] || fail "not a capture: exit"
has "$T/text.pcap: unknown file format; -r reads pcap and pcapng files" "text"
# key logs: missing, a directory (exit 1); no usable line, another capture's
# (exit 0, said once at the end, even with -q)
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" --keylog "$T/none.keys")" = 1 ] || fail "missing key log: exit"
has "key log $T/none.keys: No such file or directory; give the file that SSLKEYLOGFILE named" "missing key log"
lines1 1 "missing key log"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" --keylog "$T")" = 1 ] || fail "key log directory: exit"
has "key log $T: is a directory" "key log directory"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" --keylog "$PCAPS/tls12-rsa.keys")" = 0 ] || fail "other key log: exit"
has "key log $PCAPS/tls12-rsa.keys: none of its client randoms matches a connection of this capture" "other key log"
lines1 1 "other key log"
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "other key log: the connections are still reported"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" --keylog "$PCAPS/demo.keys")" = 0 ] || fail "own key log: exit"
[ -s "$T/err" ] && fail "own key log: stderr: $(cat "$T/err")"
# --ca-file that is not PEM; -o into a missing directory
printf 'not a certificate\n' > "$T/ca.txt"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" --ca-file "$T/ca.txt")" = 1 ] || fail "--ca-file: exit"
has "--ca-file $T/ca.txt: " "--ca-file"; has "it must hold certificates in PEM" "--ca-file"
lines1 1 "--ca-file"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" --report text -o "$T/no/dir/r.txt")" = 1 ] || fail "-o: exit"
has "-o $T/no/dir/r.txt: No such file or directory (its directory does not exist: create it first)" "-o"
lines1 1 "-o"

# The end-of-run line: said when nothing was reported (not with -q, not
# when stdout has content), and when a run stops short of what was asked.
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" 'port 9')" = 0 ] || fail "empty filter: exit"
has "the filter \"port 9\" matched no packet of $PCAPS/demo.pcap; nothing to report" "empty filter"
lines1 1 "empty filter"; [ -s "$T/out" ] && fail "empty filter: stdout"
[ "$(rc "$TLSHAKE" -q -r "$PCAPS/demo.pcap" 'port 9')" = 0 ] || fail "empty filter -q: exit"
[ -s "$T/err" ] && fail "-q: the end-of-run line was said"
# demo.pcap's first three packets are conn #1's SYN, SYN-ACK and ACK (its truth)
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" -c 3)" = 0 ] || fail "-c 3: exit"
has "no TLS connections in the first 3 packets (TCP 3 in 1 connection, UDP 0, other 0); -c 3 stopped the capture before any TLS was seen; --all shows every TCP connection" "-c 3"
[ "$(rc "$TLSHAKE" --all -r "$PCAPS/demo.pcap" -c 3)" = 0 ] || fail "-c 3 --all: exit"
has "no TLS handshake completed in the first 3 packets (-c 3)" "-c 3 --all"
[ "$(wc -l < "$T/out")" -gt 0 ] || fail "-c 3 --all: the connection is reported"
# demo.pcap: two of its three handshakes complete (demo.peers.txt)
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" --handshakes 5)" = 0 ] || fail "--handshakes 5: exit"
has "2 TLS handshakes completed, fewer than --handshakes 5 asked for: the input ended first" "--handshakes 5"
lines1 1 "--handshakes 5"
[ "$(rc "$TLSHAKE" -r "$PCAPS/demo.pcap" --handshakes 2)" = 0 ] || fail "--handshakes 2: exit"
[ -s "$T/err" ] && fail "--handshakes 2: stderr: $(cat "$T/err")"
# a capture with TCP but no TLS and no TLS port: the counts, and --all
[ "$(rc "$TLSHAKE" --json -r "$PCAPS/demo.pcap" 'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0')" = 0 ] || fail "SYN/FIN only: exit"
has "no TLS connections in " "SYN/FIN only"; has "; --all shows every TCP connection" "SYN/FIN only"
[ -s "$T/out" ] && fail "SYN/FIN only: stdout"
[ "$(rc "$TLSHAKE" --report text -r "$PCAPS/demo.pcap" 'port 9')" = 0 ] || fail "report: exit"
[ -s "$T/err" ] && fail "a report on stdout: the end-of-run line was said"

if [ -d "$PUBLIC" ]; then
	n=0
	for f in "$PUBLIC"/*.pcap "$PUBLIC"/*.pcapng; do
		r=$(rc "$TLSHAKE" --json -r "$f")
		case "${f##*/}" in
		suricata__bug-1450-04__*) want=3 ;;
		*) want=0 ;;
		esac
		[ "$r" = "$want" ] || fail "${f##*/}: exit $r, want $want: $(head -c 300 "$T/err")"
		n=$((n + 1))
	done
	echo "ok: $n public captures exit as expected"
else
	echo "public corpus not present: its part skipped"
fi
echo "ok"
