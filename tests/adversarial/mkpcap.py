#!/usr/bin/env python3
"""mkpcap.py: hostile captures for tests/adversarial.sh and
bench/adversarial.sh, made at test time (python3 standard library only,
deterministic: the same arguments give the same bytes).

usage: mkpcap.py NAME OUT.pcap [N]
       mkpcap.py --list

Names (N where it applies):
  synflood [N]    N half-open connections (SYN only) to port 443 from
                  distinct ports and addresses, 1,000 a second of capture
                  time: with the 30 s half-open timeout about 30,000 are
                  open at once whatever N is (default 100,000)
  onebyte         a whole TLS 1.2 handshake, every TCP segment 1 byte
  overlap         a handshake whose ClientHello arrives out of order, then
                  overlapped by a copy with different bytes
  reclen          a record header claiming 65,535 bytes
  hs16m           a handshake message claiming 16 MB, carried by 1,024
                  records of 16 KB
  certs10k        a Certificate message with 10,000 entries
  ext5000         a ClientHello with 5,000 extensions
  suites32767     a ClientHello with 32,767 cipher suites
  frags           IPv4 fragments: a datagram whose fragments overlap with
                  different bytes, a train that never completes, and N
                  (default 2,000) trains that never complete either
  timeback        a handshake whose timestamps go backwards
  snaplen64       a handshake captured with a snap length of 64
  random [N]      a valid pcap header, then N (default 65,536) random bytes
  quicflood [N]   N QUIC version 1 Initials (1,200 bytes, random
                  Destination Connection IDs, payloads that open with no
                  key) to port 443 from distinct ports and addresses,
                  1,000 a second (default 100,000)
  hostile         a ClientHello whose SNI and a certificate whose subject
                  hold escape sequences, markup, U+202E and invalid UTF-8;
                  then a ClientHello with a 4 KB name
"""
import os
import random
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import pcapgen  # noqa: E402
from pcapgen import (ACK, ETH, FIN, PSH, SYN, client_hello,  # noqa: E402
                     ext, hs, ipv4, records, sni_ext, tcpseg, u8, u16, u24)

CLI = bytes([10, 0, 0, 1])
SRV = bytes([192, 0, 2, 1])
T0 = 1764064800  # 2025-11-25T10:00:00Z


class Pcap(pcapgen.Pcap):
    """A pcap writer (microseconds, Ethernet) whose clock starts at T0."""

    def __init__(self, path, snaplen=262144):
        super().__init__(path, snaplen, T0 * 1000000)


class Conn:
    """One TCP connection between CLI:cport and SRV:443."""

    def __init__(self, pc, cport=40000, cli=CLI, srv=SRV, step=1000):
        self.pc, self.cport, self.cli, self.srv = pc, cport, cli, srv
        self.seq = [1000, 5000000]   # next sequence number, c2s / s2c
        self.step = step             # microseconds between packets

    def pkt(self, d, flags, payload=b"", seq=None):
        src, dst = (self.cli, self.srv) if d == 0 else (self.srv, self.cli)
        sp, dp = (self.cport, 443) if d == 0 else (443, self.cport)
        s = self.seq[d] if seq is None else seq
        t = tcpseg(src, dst, sp, dp, s, self.seq[1 - d],
                   flags | (ACK if flags != SYN else 0), payload)
        self.pc.t += self.step
        self.pc.add(ETH + ipv4(src, dst, 6, t))

    def handshake(self):
        self.pkt(0, SYN)
        self.seq[0] += 1
        self.pkt(1, SYN | ACK)
        self.seq[1] += 1
        self.pkt(0, ACK)

    def send(self, d, data, mss=1460):
        for i in range(0, len(data), mss):
            self.pkt(d, PSH, data[i:i + mss])
            self.seq[d] += len(data[i:i + mss])

    def close(self):
        self.pkt(0, FIN)
        self.seq[0] += 1
        self.pkt(1, FIN)
        self.seq[1] += 1
        self.pkt(0, ACK)


# --- TLS ----------------------------------------------------------------

def server_hello(suite=0xC02F):
    exts = ext(0xFF01, b"\x00") + ext(11, b"\x01\x00")
    body = (u16(0x0303) + bytes(range(32, 64)) + b"\x20" + bytes(32) +
            u16(suite) + b"\x00" + u16(len(exts)) + exts)
    return hs(2, body)


def certificate(ders):
    lst = b"".join(u24(len(d)) + d for d in ders)
    return hs(11, u24(len(lst)) + lst)


# --- DER: a small self-signed-looking certificate -----------------------

def der(tag, body):
    n = len(body)
    if n < 0x80:
        ln = u8(n)
    elif n < 0x100:
        ln = b"\x81" + u8(n)
    elif n < 0x10000:
        ln = b"\x82" + u16(n)
    else:
        ln = b"\x83" + u24(n)
    return u8(tag) + ln + body


def name(cn, org=None):
    """CN as a UTF8String; O, when given, as a T61String (any bytes)."""
    rdns = der(0x31, der(0x30, der(0x06, b"\x55\x04\x03") + der(0x0C, cn)))
    if org is not None:
        rdns += der(0x31, der(0x30, der(0x06, b"\x55\x04\x0a") +
                              der(0x14, org)))
    return der(0x30, rdns)


# EC P-256 public key (the generator point: any point on the curve does)
P256_G = bytes.fromhex(
    "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
    "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")


def cert_der(subject_cn, issuer_cn=b"Adversarial CA", org=None):
    alg = der(0x30, der(0x06, bytes.fromhex("2a8648ce3d040302")))
    spki = der(0x30, der(0x30, der(0x06, bytes.fromhex("2a8648ce3d0201")) +
                         der(0x06, bytes.fromhex("2a8648ce3d030107"))) +
               der(0x03, b"\x00" + P256_G))
    validity = der(0x30, der(0x17, b"250101000000Z") +
                   der(0x17, b"350101000000Z"))
    tbs = der(0x30, der(0xA0, der(0x02, b"\x02")) + der(0x02, b"\x01\x23") +
              alg + name(issuer_cn) + validity + name(subject_cn, org) + spki)
    sig = der(0x03, b"\x00" + der(0x30, der(0x02, b"\x01") +
                                  der(0x02, b"\x01")))
    return der(0x30, tbs + alg + sig)


def tls12_flight(sni=b"example.com", subject=b"example.com", org=None):
    """The bytes of a TLS 1.2 handshake: (client flights, server flights)."""
    c1 = records(22, client_hello(sni), ver=0x0301)
    s1 = records(22, server_hello() +
                 certificate([cert_der(subject, org=org)]) +
                 hs(12, b"\x03\x00\x1d\x20" + bytes(32) + u16(0x0403) +
                    u16(8) + bytes(8)) + hs(14, b""))
    c2 = (records(22, hs(16, b"\x20" + bytes(32))) +
          records(20, b"\x01") + records(22, bytes(40)))
    s2 = records(20, b"\x01") + records(22, bytes(40))
    return [(0, c1), (1, s1), (0, c2), (1, s2),
            (0, records(23, b"GET / HTTP/1.1\r\n\r\n" + bytes(24))),
            (1, records(23, b"HTTP/1.1 200 OK\r\n\r\n" + bytes(24)))]


def full_conn(pc, cport=40000, mss=1460, **kw):
    c = Conn(pc, cport)
    c.handshake()
    for d, data in tls12_flight(**kw):
        c.send(d, data, mss)
    c.close()
    return c


# --- the scenarios -------------------------------------------------------

def synflood(out, n=100000):
    pc = Pcap(out)
    f = pc.f
    ip_hdr = struct.Struct("!BBHHHBBH4s4s")
    tcp_hdr = struct.Struct("!HHIIBBHHH")
    rec = struct.Struct("<IIII")
    for i in range(n):
        src = bytes([10, 1 + (i >> 16) % 200, (i >> 8) & 255, i & 255])
        t = tcp_hdr.pack(1024 + i % 60000, 443, (i * 7919) & 0xFFFFFFFF,
                         0, 5 << 4, SYN, 65535, 0, 0)
        ip = ip_hdr.pack(0x45, 0, 40, i & 0xFFFF, 0x4000, 64, 6, 0, src, SRV)
        us = T0 * 1000000 + i * 1000          # 1,000 SYNs a second
        f.write(rec.pack(us // 1000000, us % 1000000, 54, 54))
        f.write(ETH + ip + t)
    pc.close()


def quicflood(out, n=100000):
    """RFC 9000, 17.2.2: a long header (0xc0 | packet number length 4),
    version 1, an 8-byte DCID, no SCID, no token, the Length, then bytes
    no Initial key opens."""
    pc = Pcap(out)
    f = pc.f
    rnd = random.Random(9000)
    ip_hdr = struct.Struct("!BBHHHBBH4s4s")
    rec = struct.Struct("<IIII")
    for i in range(n):
        src = bytes([10, 1 + (i >> 16) % 200, (i >> 8) & 255, i & 255])
        dcid = bytes(rnd.getrandbits(8) for _ in range(8))
        body = bytes(rnd.getrandbits(8) for _ in range(32))
        body += bytes(1200 - 7 - len(dcid) - 1 - 1 - 2 - len(body))
        quic = (bytes([0xc3, 0, 0, 0, 1, len(dcid)]) + dcid +
                b"\x00\x00" + struct.pack("!H", 0x4000 | len(body)) + body)
        udp = struct.pack("!HHHH", 1024 + i % 60000, 443, 8 + len(quic), 0)
        ip = ip_hdr.pack(0x45, 0, 20 + len(udp) + len(quic), i & 0xFFFF,
                         0x4000, 64, 17, 0, src, SRV)
        us = T0 * 1000000 + i * 1000          # 1,000 Initials a second
        frame = ETH + ip + udp + quic
        f.write(rec.pack(us // 1000000, us % 1000000, len(frame),
                         len(frame)))
        f.write(frame)
    pc.close()


def jumpahead(out, n=30000):
    """Streams that run ahead of their holes: after its ClientHello each of
    max(100, n / 1000) connections sends 100-byte segments each 100 KB past
    the last,
    round robin, "n" in all, and the server acknowledges none of them:
    each lands after every segment buffered for its direction, until the
    cap of 256 declares the holes lost."""
    pc = Pcap(out)
    cs = []
    conns = max(100, n // 1000)
    for i in range(conns):
        c = Conn(pc, cport=20000 + i, step=1)
        c.handshake()
        c.send(0, records(22, client_hello()))
        cs.append(c)
    for i in range(n):
        c = cs[i % conns]
        c.seq[0] = (c.seq[0] + 100000) & 0xFFFFFFFF
        c.pkt(0, 0, b"x" * 100)
    pc.close()


def onebyte(out):
    pc = Pcap(out)
    full_conn(pc, mss=1)
    pc.close()


def overlap(out):
    pc = Pcap(out)
    c = Conn(pc)
    c.handshake()
    ch = records(22, client_hello(), ver=0x0301)
    base = c.seq[0]
    c.pkt(0, PSH, ch[40:], seq=base + 40)            # out of order
    bad = bytes(b ^ 0x55 for b in ch[20:60])
    c.pkt(0, PSH, bad, seq=base + 20)                # conflicts with it
    c.pkt(0, PSH, ch[:40], seq=base)                 # fills the hole
    c.seq[0] += len(ch)
    c.pkt(0, PSH, ch[100:200], seq=base + 100)       # retransmit, same
    c.send(1, records(22, server_hello()))
    c.close()
    pc.close()


def reclen(out):
    pc = Pcap(out)
    # The whole record arrives: its length is impossible.
    c = Conn(pc)
    c.handshake()
    c.send(0, records(22, client_hello(), ver=0x0301))
    c.send(1, records(22, server_hello()))
    c.send(1, b"\x16\x03\x03\xff\xff" + bytes(65535))
    c.close()
    # The stream ends 3,000 bytes into it.
    c = Conn(pc, cport=40001)
    c.handshake()
    c.send(0, records(22, client_hello(), ver=0x0301))
    c.send(1, records(22, server_hello()))
    c.send(1, b"\x16\x03\x03\xff\xff" + bytes(3000))
    c.close()
    pc.close()


def hs16m(out):
    pc = Pcap(out)
    c = Conn(pc)
    c.handshake()
    c.send(0, records(22, client_hello(), ver=0x0301))
    c.send(1, records(22, server_hello()))
    total = 0xFFFFFF
    msg_head = u8(11) + u24(total - 4)
    sent = 0
    chunk = bytes(16384)
    first = True
    while sent < total:
        body = (msg_head + chunk[4:]) if first else chunk
        body = body[:total - sent]
        first = False
        c.send(1, records(22, body), mss=16384 + 5)
        sent += len(body)
    c.close()
    pc.close()


def certs10k(out, n=10000):
    pc = Pcap(out)
    c = Conn(pc)
    c.handshake()
    c.send(0, records(22, client_hello(), ver=0x0301))
    ders = [der(0x30, u16(i) + bytes(14)) for i in range(n)]
    c.send(1, records(22, server_hello() + certificate(ders)))
    c.close()
    pc.close()


def ext5000(out):
    pc = Pcap(out)
    c = Conn(pc)
    c.handshake()
    exts = sni_ext(b"many.example") + b"".join(
        ext(0x1000 + i, b"") for i in range(4999))
    c.send(0, records(22, client_hello(exts=exts), ver=0x0301))
    c.send(1, records(22, server_hello()))
    c.close()
    pc.close()


def suites32767(out):
    pc = Pcap(out)
    c = Conn(pc)
    c.handshake()
    suites = [0xC02F] + [(0x0100 + i) & 0xFFFF for i in range(32766)]
    c.send(0, records(22, client_hello(suites=suites), ver=0x0301))
    c.send(1, records(22, server_hello()))
    c.close()
    pc.close()


def frags(out, n=2000):
    pc = Pcap(out)
    c = Conn(pc, cport=40001)
    c.handshake()
    # A ClientHello in one IP datagram sent as fragments of 64 bytes, and
    # an overlapping copy of the second fragment with different bytes.
    ch = records(22, client_hello(), ver=0x0301)
    seg = tcpseg(CLI, SRV, 40001, 443, c.seq[0], c.seq[1], PSH | ACK, ch)
    c.seq[0] += len(ch)
    pieces = [(o, seg[o:o + 64]) for o in range(0, len(seg), 64)]
    bad = (64, bytes(b ^ 0xA5 for b in pieces[1][1]))
    order = [pieces[0], pieces[1], bad] + pieces[2:]
    for o, p in order:
        mf = 0x2000 if o + len(p) < len(seg) else 0
        pc.t += 100
        pc.add(ETH + frag_ip(CLI, SRV, 77, o, mf, p, len(seg)))
    c.send(1, records(22, server_hello()))
    c.close()
    # A train that never completes: the first fragment only.
    pc.t += 1000
    pc.add(ETH + frag_ip(CLI, SRV, 78, 0, 0x2000, bytes(1480), 0))
    # Many trains that never complete, 100 a second, from distinct hosts.
    for i in range(n):
        src = bytes([10, 9, i >> 8 & 255, i & 255])
        pc.t += 10000
        pc.add(ETH + frag_ip(src, SRV, i & 0xFFFF, 8 * (i % 50), 0x2000,
                             bytes(1480), 0))
    pc.close()


def frag_ip(src, dst, ident, off, mf, payload, _total):
    return ipv4(src, dst, 6, payload, ident, mf | (off // 8))


def timeback(out):
    pc = Pcap(out)
    c = Conn(pc)
    c.handshake()
    flights = tls12_flight()
    for k, (d, data) in enumerate(flights):
        if k == 2:
            pc.t -= 5000000   # five seconds back in time
        c.send(d, data)
    c.close()
    pc.close()


def snaplen64(out):
    pc = Pcap(out, snaplen=64)
    full_conn(pc)
    pc.close()


def rand(out, n=65536):
    pc = Pcap(out)
    r = random.Random(10)
    pc.f.write(bytes(r.getrandbits(8) for _ in range(n)))
    pc.close()


HOSTILE = (b"\x1b]0;pwned\x07\x1b[31m<script>alert(1)</script>" +
           "\u202e".encode() + b"\xff\xfe")


def hostile(out):
    """X.509 UTF8String must be UTF-8 (OpenSSL refuses the certificate
    otherwise): the subject's CN holds the controls and markup, its O (a
    T61String, any bytes) the bytes that are not UTF-8."""
    pc = Pcap(out)
    cn = HOSTILE[:-2]
    full_conn(pc, 40000, sni=HOSTILE, subject=cn, org=b"\xff\xfe<b>\x1b[2J")
    long = (HOSTILE + b"a" * 4096)[:4096]
    full_conn(pc, 40001, sni=long, subject=(cn + b"b" * 4096)[:4096])
    pc.close()


SCENARIOS = {
    "synflood": synflood, "onebyte": onebyte, "overlap": overlap,
    "reclen": reclen, "hs16m": hs16m, "certs10k": certs10k,
    "ext5000": ext5000, "suites32767": suites32767, "frags": frags,
    "timeback": timeback, "snaplen64": snaplen64, "random": rand,
    "hostile": hostile, "quicflood": quicflood, "jumpahead": jumpahead,
}


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        print(" ".join(SCENARIOS))
        return
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in SCENARIOS:
        sys.exit(__doc__)
    args = [int(sys.argv[3])] if len(sys.argv) == 4 else []
    SCENARIOS[sys.argv[1]](sys.argv[2], *args)


if __name__ == "__main__":
    main()
