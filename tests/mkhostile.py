#!/usr/bin/env python3
"""mkhostile: write a pcap with one TCP connection whose ClientHello carries
a hostile SNI: ESC and a colour sequence, <script>, both quotes, U+202E
(RIGHT-TO-LEFT OVERRIDE) and bytes that are not UTF-8.

usage: mkhostile.py OUT.pcap [N]

With N, N connections instead (every 7th reset), for the report's caps.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "lib"))
from pcapgen import (ACK, FIN, PSH, RST, SYN, alpn_ext,  # noqa: E402
                     client_hello, pcap_header, pcap_record, records,
                     sni_ext, tcp_frame)

SNI = (b"\x1b[31mred\x1b]0;title\x07<script>alert(1)</script>\"'&"
       b"\xe2\x80\xaeevil\xff\xfe\xc0.example")


def hello():
    return records(22, client_hello(suites=[0x1301, 0x002F],
                                    exts=sni_ext(SNI) + alpn_ext([b"h2"]),
                                    random=b"\x11" * 32), ver=0x0301)


def conn(c, s, cp, ch, end):
    """SYN, SYN-ACK, ACK, the hello, then "end" from the server."""
    return [tcp_frame(c, s, cp, 443, 1000, 0, SYN),
            tcp_frame(s, c, 443, cp, 5000, 1001, SYN | ACK),
            tcp_frame(c, s, cp, 443, 1001, 5001, ACK),
            tcp_frame(c, s, cp, 443, 1001, 5001, PSH | ACK, ch),
            tcp_frame(s, c, 443, cp, 5001, 1001 + len(ch), end)]


def many(path, n):
    """n connections with the same hello; every 7th ends in a RST."""
    c, s = bytes([192, 0, 2, 10]), bytes([198, 51, 100, 7])
    ch = hello()
    out = open(path, "wb")
    out.write(pcap_header())
    k = 0
    for i in range(n):
        end = RST | ACK if i % 7 == 0 else FIN | ACK
        for p in conn(c, s, 10000 + i, ch, end):
            k += 1
            out.write(pcap_record(1764000000 + i, k, p))
    out.close()


def main():
    if len(sys.argv) > 2:
        many(sys.argv[1], int(sys.argv[2]))
        return
    c, s = bytes([192, 0, 2, 10]), bytes([198, 51, 100, 7])
    out = open(sys.argv[1], "wb")
    out.write(pcap_header())
    for i, p in enumerate(conn(c, s, 51522, hello(), RST | ACK)):
        out.write(pcap_record(1764000000, i * 1000, p))
    out.close()


if __name__ == "__main__":
    main()
