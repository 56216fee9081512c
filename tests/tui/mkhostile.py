#!/usr/bin/env python3
"""mkhostile.py OUT: write a pcap of TLS ClientHellos whose SNI is hostile:
an escape sequence (ESC [ 31 m) with a right-to-left override (U+202E),
and a 4 KB name. Each is a TCP connection (SYN, SYN-ACK, ACK, hello) to
port 443. The TUI must show the names escaped and cut, never interpret
them."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from pcapgen import (ACK, PSH, SYN, client_hello, pcap_header,  # noqa: E402
                     pcap_record, records, sni_ext, supported_versions_ext,
                     tcp_frame)


def main():
    names = [b"evil\x1b[31mRED\xe2\x80\xaegnp.exe.example",
             b"long" + b"x" * 4092]
    out = [pcap_header()]
    t = 1700000000
    cli = bytes([192, 0, 2, 10])
    srv = bytes([198, 51, 100, 7])
    for i, sni in enumerate(names):
        sport = 40000 + i
        ch = records(22, client_hello(
            suites=[0x1301, 0x1302],
            exts=sni_ext(sni) + supported_versions_ext([0x0304])),
            ver=0x0301)
        pkts = [
            tcp_frame(cli, srv, sport, 443, 1000, 0, SYN),
            tcp_frame(srv, cli, 443, sport, 5000, 1001, SYN | ACK),
            tcp_frame(cli, srv, sport, 443, 1001, 5001, ACK),
        ]
        # The hello in segments of at most 1400 bytes.
        seq = 1001
        for off in range(0, len(ch), 1400):
            seg = ch[off:off + 1400]
            pkts.append(tcp_frame(cli, srv, sport, 443, seq, 5001,
                                  PSH | ACK, seg))
            seq += len(seg)
        for n, p in enumerate(pkts):
            out.append(pcap_record(t, (i * 100 + n) * 1000, p))
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(out))


main()
