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
