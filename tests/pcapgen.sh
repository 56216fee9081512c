#!/bin/sh
# tests/lib/pcapgen.py, which every Python pcap writer uses: its checksum
# against RFC 1071's worked example (section 3: 00 01 f2 03 f4 f5 f6 f7
# sums to ddf2, checksum 220d), its ClientHello against the RFC 8446 and
# RFC 6066 layout, and the frames it writes as tshark reads them (IPv4 and
# TCP checksums verified, the SNI and ALPN of the hello).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
python3 - "$top_srcdir/tests/lib" "$T/p.pcap" <<'PY' || fail "pcapgen"
import struct, sys
sys.path.insert(0, sys.argv[1])
import pcapgen as g
assert g.csum(bytes.fromhex("0001f203f4f5f6f7")) == 0x220d
assert g.csum(bytes.fromhex("0001f203f4f5f6f7") + b"\x22\x0d") == 0
ch = g.client_hello(sni=b"a.example", suites=[0x1301],
                    exts=g.sni_ext(b"a.example") + g.alpn_ext([b"h2"]))
# msg_type 1, uint24 length, legacy_version, random[32], empty session
assert ch[0] == 1 and struct.unpack("!I", b"\0" + ch[1:4])[0] == len(ch) - 4
assert ch[4:6] == b"\x03\x03" and ch[38] == 0
assert ch[39:43] == b"\x00\x02\x13\x01" and ch[43:45] == b"\x01\x00"
ext = ch[47:]
assert struct.unpack("!H", ch[45:47])[0] == len(ext)
# server_name: type 0, list length, host_name (0), name length, name
assert ext[:4] == b"\x00\x00\x00\x0e" and ext[4:9] == b"\x00\x0c\x00\x00\x09"
c, s = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
with open(sys.argv[2], "wb") as f:
    f.write(g.pcap_header())
    for i, fr in enumerate([
            g.tcp_frame(c, s, 40000, 443, 1, 0, g.SYN),
            g.tcp_frame(s, c, 443, 40000, 9, 2, g.SYN | g.ACK),
            g.tcp_frame(c, s, 40000, 443, 2, 10, g.ACK),
            g.tcp_frame(c, s, 40000, 443, 2, 10, g.PSH | g.ACK,
                        g.records(22, ch, ver=0x0301))]):
        f.write(g.pcap_record(1700000000, i, fr))
assert [len(fr) for _, fr in g.read_pcap(sys.argv[2])][:3] == [54] * 3
PY
command -v tshark >/dev/null 2>&1 || skip "no tshark for the frames"
tshark -r "$T/p.pcap" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
    -T fields -e ip.checksum.status -e tcp.checksum.status \
    -e tls.handshake.extensions_server_name \
    -e tls.handshake.extensions_alpn_str >"$T/f" 2>"$T/e" ||
    fail "tshark: $(cat "$T/e")"
# Status 1 is tshark's "Good" (0 bad, 2 unverified).
[ "$(cut -f1,2 "$T/f" | sort -u)" = "$(printf '1\t1')" ] ||
    fail "checksums as tshark sees them: $(cat "$T/f")"
grep -q "a.example	h2" "$T/f" || fail "hello as tshark sees it: $(cat "$T/f")"
