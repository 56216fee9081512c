#!/usr/bin/env python3
"""mkhostile: write a pcap with one TCP connection whose ClientHello carries
a hostile SNI: ESC and a colour sequence, <script>, both quotes, U+202E
(RIGHT-TO-LEFT OVERRIDE) and bytes that are not UTF-8.

usage: mkhostile.py OUT.pcap [N]

With N, N connections instead (every 7th reset), for the report's caps.
"""
import struct
import sys

SNI = (b"\x1b[31mred\x1b]0;title\x07<script>alert(1)</script>\"'&"
       b"\xe2\x80\xaeevil\xff\xfe\xc0.example")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b""):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags,
                      65535, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(hdr) + len(payload))
    c = csum(pseudo + hdr + payload)
    hdr = hdr[:16] + struct.pack("!H", c) + hdr[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(hdr) + len(payload),
                     1, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + ip + hdr + payload


def client_hello():
    name = SNI
    sni = struct.pack("!HBH", len(name) + 3, 0, len(name)) + name
    exts = struct.pack("!HH", 0, len(sni)) + sni
    alpn_list = b"\x02h2"
    alpn = struct.pack("!H", len(alpn_list)) + alpn_list
    exts += struct.pack("!HH", 16, len(alpn)) + alpn
    body = (b"\x03\x03" + b"\x11" * 32 + b"\x00" +
            struct.pack("!H", 4) + b"\x13\x01\x00\x2f" + b"\x01\x00" +
            struct.pack("!H", len(exts)) + exts)
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def many(path, n):
    """n connections with the same hello; every 7th ends in a RST."""
    c, s = bytes([192, 0, 2, 10]), bytes([198, 51, 100, 7])
    ch = client_hello()
    out = open(path, "wb")
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    k = 0
    for i in range(n):
        cp = 10000 + i
        end = 0x14 if i % 7 == 0 else 0x11
        for p in (tcp(c, s, cp, 443, 1000, 0, 0x02),
                  tcp(s, c, 443, cp, 5000, 1001, 0x12),
                  tcp(c, s, cp, 443, 1001, 5001, 0x10),
                  tcp(c, s, cp, 443, 1001, 5001, 0x18, ch),
                  tcp(s, c, 443, cp, 5001, 1001 + len(ch), end)):
            k += 1
            out.write(struct.pack("<IIII", 1764000000 + i, k, len(p),
                                  len(p)) + p)
    out.close()


def main():
    if len(sys.argv) > 2:
        many(sys.argv[1], int(sys.argv[2]))
        return
    c, s = bytes([192, 0, 2, 10]), bytes([198, 51, 100, 7])
    cp, sp = 51522, 443
    ch = client_hello()
    pkts = [
        tcp(c, s, cp, sp, 1000, 0, 0x02),
        tcp(s, c, sp, cp, 5000, 1001, 0x12),
        tcp(c, s, cp, sp, 1001, 5001, 0x10),
        tcp(c, s, cp, sp, 1001, 5001, 0x18, ch),
        tcp(s, c, sp, cp, 5001, 1001 + len(ch), 0x14),
    ]
    out = open(sys.argv[1], "wb")
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    t = 1764000000
    for i, p in enumerate(pkts):
        out.write(struct.pack("<IIII", t, i * 1000, len(p), len(p)) + p)
    out.close()


if __name__ == "__main__":
    main()
