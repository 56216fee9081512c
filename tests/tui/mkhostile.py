#!/usr/bin/env python3
"""mkhostile.py OUT: write a pcap of TLS ClientHellos whose SNI is hostile:
an escape sequence (ESC [ 31 m) with a right-to-left override (U+202E),
and a 4 KB name. Each is a TCP connection (SYN, SYN-ACK, ACK, hello) to
port 443. The TUI must show the names escaped and cut, never interpret
them."""
import struct
import sys


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(src, dst, sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags,
                      65535, 0, 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000,
                     64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + ip + tcp


def client_hello(sni):
    name = struct.pack("!BH", 0, len(sni)) + sni
    ext_sni = struct.pack("!HHH", 0, len(name) + 2, len(name)) + name
    ext_sv = struct.pack("!HHB", 43, 3, 2) + b"\x03\x04"
    exts = ext_sni + ext_sv
    body = (b"\x03\x03" + bytes(range(32)) + b"\x00" +
            struct.pack("!H", 4) + b"\x13\x01\x13\x02" + b"\x01\x00" +
            struct.pack("!H", len(exts)) + exts)
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def main():
    names = [b"evil\x1b[31mRED\xe2\x80\xaegnp.exe.example",
             b"long" + b"x" * 4092]
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)]
    t = 1700000000
    cli = bytes([192, 0, 2, 10])
    srv = bytes([198, 51, 100, 7])
    for i, sni in enumerate(names):
        sport = 40000 + i
        ch = client_hello(sni)
        pkts = [
            packet(cli, srv, sport, 443, 1000, 0, 0x02),
            packet(srv, cli, 443, sport, 5000, 1001, 0x12),
            packet(cli, srv, sport, 443, 1001, 5001, 0x10),
        ]
        # The hello in segments of at most 1400 bytes.
        seq = 1001
        for off in range(0, len(ch), 1400):
            seg = ch[off:off + 1400]
            pkts.append(packet(cli, srv, sport, 443, seq, 5001, 0x18, seg))
            seq += len(seg)
        for n, p in enumerate(pkts):
            usec = (i * 100 + n) * 1000
            out.append(struct.pack("<IIII", t, usec, len(p), len(p)) + p)
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(out))


main()
