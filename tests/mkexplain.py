#!/usr/bin/env python3
"""mkexplain: a TLS 1.2 handshake that a client refuses at the certificate.

usage: mkexplain.py OUT.pcap UNIX-SECONDS ALERT CERT.der [CERT.der ...]

The client (10.0.0.1:40000) offers TLS_RSA_WITH_AES_128_GCM_SHA256 and
TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 for www.example.test; the server
(10.0.0.2:443) chooses the second one and sends the certificates given;
the client answers with a fatal alert ALERT (48 unknown_ca for a
self-signed one, 45 certificate_expired, as OpenSSL's s_client sends) and
both close. Packets are stamped from UNIX-SECONDS on, 1 ms apart.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "lib"))
import pcapgen as g  # noqa: E402

CLI, SRV = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
CP, SP = 40000, 443


def main():
    out, t0, alert = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ders = [open(p, "rb").read() for p in sys.argv[4:]]
    p = g.Pcap(out, t=t0 * 1000000)
    seq = {CLI: 1000, SRV: 5000}

    def send(src, flags, data=b""):
        dst = SRV if src == CLI else CLI
        sp, dp = (CP, SP) if src == CLI else (SP, CP)
        p.add(g.tcp_frame(src, dst, sp, dp, seq[src], seq[dst], flags, data))
        seq[src] += len(data) + (1 if flags & (g.SYN | g.FIN) else 0)
        p.t += 1000

    send(CLI, g.SYN)
    seq[CLI] -= 0
    send(SRV, g.SYN | g.ACK)
    send(CLI, g.ACK)
    ch = g.client_hello(sni=b"www.example.test", suites=[0x009C, 0xC02F])
    send(CLI, g.PSH | g.ACK, g.records(22, ch, ver=0x0301))
    sh = g.hs(2, g.u16(0x0303) + bytes(range(32, 64)) + b"\x00" +
              g.u16(0xC02F) + b"\x00" + g.u16(0))
    chain = b"".join(g.u24(len(d)) + d for d in ders)
    cert = g.hs(11, g.u24(len(chain)) + chain)
    send(SRV, g.PSH | g.ACK, g.records(22, sh + cert + g.hs(14, b"")))
    send(CLI, g.PSH | g.ACK, g.records(21, bytes([2, alert])))
    send(CLI, g.FIN | g.ACK)
    send(SRV, g.FIN | g.ACK)
    send(CLI, g.ACK)
    p.close()


if __name__ == "__main__":
    main()
