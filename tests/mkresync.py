#!/usr/bin/env python3
"""mkresync: TLS 1.2 conversations on port 443 whose record boundaries were
lost, for tests/resync.sh (expected: tests/resync/NAME.pcap.truth.jsonl,
what tshark dissects in them).

usage: mkresync.py DIR

  midstream.pcap    the capture starts inside the server's flight: no SYN,
                    no ClientHello; the server's first segment is the tail
                    of a Certificate record, then SKE + ServerHelloDone, the
                    client's CKE + CCS + Finished, the server's
                    NewSessionTicket + CCS + Finished
  gap-record.pcap   a gap inside the server's Certificate record: the
                    segment after it ends that record and holds SKE +
                    ServerHelloDone
  gap-boundary.pcap a gap of a whole Certificate record: the next segment
                    starts with the SKE record
  big-first.pcap    the client's first record announces 65,535 bytes
                    (a ClientHello padded to fill it), beyond 2^14+2048
  noise.pcap        port 443 bytes that start like a record header but are
                    not confirmed by the record after them
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "lib"))
from pcapgen import (ACK, PSH, SYN, Pcap, client_hello, ext, hs,  # noqa: E402
                     records, tcp_frame, u16, u24, u8)

CLI, SRV = bytes([10, 1, 0, 1]), bytes([10, 1, 0, 2])
CPORT, SPORT = 51000, 443


def server_hello():
    body = (u16(0x0303) + bytes(range(100, 132)) + b"\x00" + u16(0xC02F) +
            b"\x00" + u16(5) + ext(0xFF01, b"\x00"))
    return hs(2, body)


def certificate(n):
    """A Certificate message of "n" bytes of certificate_list (RFC 5246,
    7.4.2), one entry of filler: only its framing matters here."""
    entry = bytes((i * 7) & 0xFF for i in range(n - 3))
    return hs(11, u24(n) + u24(len(entry)) + entry)


def ske():
    """ServerKeyExchange, ECDHE (RFC 8422, 5.4): named_curve x25519."""
    params = b"\x03" + u16(29) + u8(32) + bytes(range(32))
    return hs(12, params + u16(0x0804) + u16(64) + bytes(64))


def flight_tail():
    return records(22, ske() + hs(14, b""))


class Conn:
    def __init__(self, path):
        self.p = Pcap(path, t=1700000000 * 1000000)
        self.seq = {0: 1000, 1: 5000}

    def send(self, side, payload=b"", flags=PSH | ACK, skip=False):
        src, dst, sp, dp = ((CLI, SRV, CPORT, SPORT) if side == 0 else
                            (SRV, CLI, SPORT, CPORT))
        self.p.t += 1000
        if not skip:
            self.p.add(tcp_frame(src, dst, sp, dp, self.seq[side],
                                 self.seq[side ^ 1], flags, payload))
        self.seq[side] += len(payload) + (1 if flags & SYN else 0)

    def opening(self):
        self.send(0, flags=SYN)
        self.send(1, flags=SYN | ACK)
        self.send(0, flags=ACK)
        self.send(0, records(22, client_hello()))

    def ending(self):
        self.send(0, records(22, hs(16, u8(32) + bytes(32))) +
                  records(20, b"\x01") + records(22, bytes(40)))
        self.send(1, records(22, hs(4, bytes(4) + u16(16) + bytes(16))) +
                  records(20, b"\x01") + records(22, bytes(40)))
        self.send(0, records(23, bytes(30)))
        self.send(1, records(23, bytes(60)))
        self.p.close()


def main(out):
    c = Conn(os.path.join(out, "midstream.pcap"))
    cert = records(22, certificate(1200))
    c.seq = {0: 1518, 1: 5000}
    c.send(1, cert[:700], skip=True)
    c.send(1, cert[700:])
    c.send(1, flight_tail())
    c.ending()

    c = Conn(os.path.join(out, "gap-record.pcap"))
    c.opening()
    cert = records(22, certificate(2500))
    c.send(1, records(22, server_hello()) + cert[:1000])
    c.send(1, cert[1000:2000], skip=True)
    c.send(1, cert[2000:] + flight_tail())
    c.ending()

    c = Conn(os.path.join(out, "gap-boundary.pcap"))
    c.opening()
    c.send(1, records(22, server_hello()))
    c.send(1, records(22, certificate(900)), skip=True)
    c.send(1, flight_tail())
    c.ending()

    c = Conn(os.path.join(out, "big-first.pcap"))
    c.send(0, flags=SYN)
    c.send(1, flags=SYN | ACK)
    c.send(0, flags=ACK)
    # RFC 7685: a padding extension brings the record to 65,535 bytes.
    sni = ext(0, u16(14) + b"\x00" + u16(11) + b"example.com")
    base = len(client_hello(exts=sni + ext(21, b"")))
    ch = client_hello(exts=sni + ext(21, bytes(65535 - base)))
    rec = u8(22) + u16(0x0301) + u16(len(ch)) + ch
    for i in range(0, len(rec), 1448):
        c.send(0, rec[i:i + 1448])
    c.send(1, records(22, server_hello()) + flight_tail())
    c.ending()

    c = Conn(os.path.join(out, "noise.pcap"))
    c.seq = {0: 1518, 1: 5000}
    c.send(1, b"\x16\x03\x01\x00\x10" + b"not a record at all, just text")
    c.send(0, b"\x17\x03\x03\x00\x05hello" + b"\x99\x99 more bytes")
    c.p.close()


if __name__ == "__main__":
    main(sys.argv[1])
