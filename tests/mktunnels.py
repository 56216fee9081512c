#!/usr/bin/env python3
"""mktunnels: wrap a project capture's IP packets in UDP tunnels.

usage: mktunnels.py KIND IN.pcap OUT.pcap

KIND is gtpu (GTPv1-U G-PDU, UDP 2152; every other packet with a sequence
number and a PDU Session Container extension header), vxlan-gpe (UDP 4790,
next protocol IPv4/IPv6), l2tp (L2TPv2 data on UDP 1701, then PPP) or
teredo (IPv6 captures only: UDP 3544, every other packet behind an origin
indication), nsh (NSH, MD types 1 and 2 in turn, in VXLAN-GPE), mplsoudp
(MPLS in UDP, 6635) or greoudp (GRE with key and sequence in UDP, 4754).
Each Ethernet frame of IN.pcap becomes an Ethernet/IPv4/UDP frame carrying
the same IP packet, with the same time stamp, so tshark's
view of the TLS inside (innermost IP addresses) is the original's.
"""
import struct
import sys
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from pcapgen import csum, ipv4, pcap_header  # noqa: E402

OUT_SRC, OUT_DST = bytes([10, 9, 0, 1]), bytes([10, 9, 0, 2])


def frames(path):
    data = open(path, "rb").read()
    off = 24
    while off + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        yield sec, usec, data[off + 16:off + 16 + incl]
        off += 16 + incl


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def wrap(kind, n, ip):
    v6 = ip[0] >> 4 == 6
    if kind == "gtpu":
        if n % 2:
            ext = bytes([1, 0x00, 0x01, 0])      # PDU Session Container
            body = struct.pack("!HBB", n, 0, 0x85) + ext + ip
            hdr = struct.pack("!BBHI", 0x36, 255, len(body), 0x1000 + n % 3)
        else:
            body = ip
            hdr = struct.pack("!BBHI", 0x30, 255, len(body), 0x2000)
        return udp(2152, 2152, hdr + body)
    if kind == "vxlan-gpe":
        hdr = struct.pack("!BBBB", 0x0c, 0, 0, 2 if v6 else 1) + \
            struct.pack("!I", 42 << 8)
        return udp(49152 + n % 7, 4790, hdr + ip)
    if kind == "l2tp":
        ppp = b"\xff\x03" + struct.pack("!H", 0x57 if v6 else 0x21)
        return udp(1701, 1701, struct.pack("!HHH", 0x0002, 7, 9) + ppp + ip)
    if kind == "teredo":
        if not v6:
            raise SystemExit("teredo carries IPv6 only")
        orig = b""
        if n % 2:
            orig = struct.pack("!HH4s", 0, 0xffff ^ 40000,
                               bytes(b ^ 0xff for b in (192, 0, 2, 1)))
        return udp(3544, 40000, orig + ip)
    if kind == "nsh":
        # RFC 8300, 2: MD Type 1 (16 bytes of context) and MD Type 2
        # without metadata, in turn, behind VXLAN-GPE next protocol 4
        np = 2 if v6 else 1
        if n % 2:
            nsh = struct.pack("!HBBI", 63 << 6 | 6, 1, np, 7 << 8 | 255) + \
                bytes(16)
        else:
            nsh = struct.pack("!HBBI", 63 << 6 | 2, 2, np, 7 << 8 | 254)
        hdr = struct.pack("!BBBBI", 0x0c, 0, 0, 4, 42 << 8)
        return udp(49152 + n % 7, 4790, hdr + nsh + ip)
    if kind == "mplsoudp":
        # RFC 7510: one label, bottom of stack, TTL 64
        return udp(49152 + n % 7, 6635,
                   struct.pack("!I", 1000 << 12 | 1 << 8 | 64) + ip)
    if kind == "greoudp":
        # RFC 8086: GRE with key and sequence number (RFC 2890)
        gre = struct.pack("!HHII", 0x3000, 0x86dd if v6 else 0x0800, 9, n)
        return udp(49152 + n % 7, 4754, gre + ip)
    raise SystemExit("unknown kind " + kind)


def main():
    kind, src, dst = sys.argv[1:4]
    out = [pcap_header()]
    for n, (sec, usec, fr) in enumerate(frames(src)):
        if fr[12:14] not in (b"\x08\x00", b"\x86\xdd"):
            raise SystemExit("frame %d is not Ethernet/IP" % (n + 1))
        u = wrap(kind, n, fr[14:])
        pkt = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + \
            ipv4(OUT_SRC, OUT_DST, 17, u)
        out.append(struct.pack("<IIII", sec, usec, len(pkt), len(pkt)) + pkt)
    open(dst, "wb").write(b"".join(out))


if __name__ == "__main__":
    main()
