#!/usr/bin/env python3
"""make-quic-pcap: a bench capture of QUIC v1 connections, with UDP noise.

Each connection is what a browser's HTTP/3 handshake puts on the wire: the
client's first Initial (a ClientHello with ALPN h3 and
quic_transport_parameters in a CRYPTO frame, padded to 1,200 bytes), the
server's datagram of an Initial (ServerHello) coalesced with Handshake
packets, the client's Handshake packet, then 1-RTT packets both ways.
Initial packets are protected as RFC 9001 5 says (keys from the client's
original DCID, AES-128-GCM, header protection), so a reader must open them
to see the handshake; Handshake and 1-RTT payloads are random bytes, as they
are to anyone without the key log. --noise adds that many UDP datagrams
that are neither QUIC nor DTLS (DNS-sized, port 53) among them; with
--noise-tcp they are TCP segments of plain HTTP flows on port 80 instead
(ten segments a flow, handshake included), the same count, to compare what
a datagram that is not QUIC costs with what a TCP segment that is not TLS
costs.

Deterministic for a --seed. Needs the Python "cryptography" package
(Debian: python3-cryptography).

    make-quic-pcap.py --conns 20000 --concurrency 1000 --noise 200000 -o q.pcap
"""
import argparse
import heapq
import os
import random
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "lib"))
import pcapgen as pg  # noqa: E402

from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.ciphers import (  # noqa: E402
    Cipher, algorithms, modes)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402
from cryptography.hazmat.primitives.hmac import HMAC  # noqa: E402

V1_SALT = bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a")


# --- RFC 9001 5: Initial keys and packet protection -----------------------

def hkdf_extract(salt, ikm):
    h = HMAC(salt, hashes.SHA256())
    h.update(ikm)
    return h.finalize()


def hkdf_expand_label(secret, label, length):
    full = b"tls13 " + label
    info = struct.pack(">HB", length, len(full)) + full + b"\x00"
    out, t, i = b"", b"", 1
    while len(out) < length:
        h = HMAC(secret, hashes.SHA256())
        h.update(t + info + bytes([i]))
        t = h.finalize()
        out += t
        i += 1
    return out[:length]


def initial_keys(dcid, label):
    """(key, iv, hp) of "client in" or "server in" for the original DCID."""
    sec = hkdf_expand_label(hkdf_extract(V1_SALT, dcid), label, 32)
    return (hkdf_expand_label(sec, b"quic key", 16),
            hkdf_expand_label(sec, b"quic iv", 12),
            hkdf_expand_label(sec, b"quic hp", 16))


def varint(n):
    if n < 0x40:
        return bytes([n])
    if n < 0x4000:
        return struct.pack(">H", 0x4000 | n)
    return struct.pack(">I", 0x80000000 | n)


def protect_initial(keys, dcid, scid, pn, payload, token=b""):
    """A protected Initial packet: 2-byte packet number, AEAD, header mask."""
    key, iv, hp = keys
    pnlen = 2
    length = pnlen + len(payload) + 16
    hdr = (bytes([0xC0 | (pnlen - 1)]) + struct.pack(">I", 1) +
           bytes([len(dcid)]) + dcid + bytes([len(scid)]) + scid +
           varint(len(token)) + token + varint(length))
    pnb = struct.pack(">H", pn)
    nonce = bytes(a ^ b for a, b in zip(iv, bytes(4) + struct.pack(">Q", pn)))
    ct = AESGCM(key).encrypt(nonce, payload, hdr + pnb)
    sample = ct[4 - pnlen:4 - pnlen + 16]
    enc = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    mask = enc.update(sample) + enc.finalize()
    first = bytes([hdr[0] ^ (mask[0] & 0x0F)])
    pnm = bytes(a ^ b for a, b in zip(pnb, mask[1:1 + pnlen]))
    return first + hdr[1:] + pnm + ct


def long_random(ptype, dcid, scid, rnd, size):
    """A Handshake (ptype 2) packet whose protected payload is random."""
    body = rnd.randbytes(size)
    return (bytes([0xC0 | (ptype << 4) | 1]) + struct.pack(">I", 1) +
            bytes([len(dcid)]) + dcid + bytes([len(scid)]) + scid +
            varint(2 + len(body)) + rnd.randbytes(2) + body)


def short_random(dcid, rnd, size):
    return bytes([0x40 | (rnd.getrandbits(5) & 0x1C) | 1]) + dcid + \
        rnd.randbytes(size)


def crypto(data):
    return b"\x06" + varint(0) + varint(len(data)) + data


def transport_params(scid):
    def tp(i, v):
        return varint(i) + varint(len(v)) + v
    return (tp(0x0F, scid) + tp(0x04, varint(1048576)) +
            tp(0x08, varint(100)) + tp(0x01, varint(30000)))


def client_hello(rnd, sni, scid):
    exts = (pg.sni_ext(sni) + pg.ext(10, pg.u16(4) + pg.u16(0x1D) +
                                     pg.u16(0x17)) +
            pg.ext(13, pg.u16(4) + pg.u16(0x0403) + pg.u16(0x0804)) +
            pg.alpn_ext([b"h3"]) + pg.supported_versions_ext([0x0304]) +
            pg.ext(51, pg.u16(36) + pg.u16(0x1D) + pg.u16(32) +
                   rnd.randbytes(32)) +
            pg.ext(45, b"\x01\x01") + pg.ext(0x39, transport_params(scid)))
    return pg.client_hello(suites=[0x1301, 0x1302, 0x1303], exts=exts,
                           random=rnd.randbytes(32))


def server_hello(rnd):
    exts = (pg.ext(43, pg.u16(0x0304)) +
            pg.ext(51, pg.u16(0x1D) + pg.u16(32) + rnd.randbytes(32)))
    body = (pg.u16(0x0303) + rnd.randbytes(32) + b"\x00" + pg.u16(0x1301) +
            b"\x00" + pg.u16(len(exts)) + exts)
    return pg.hs(2, body)


# --- UDP frames ------------------------------------------------------------

def udp_frame(src, dst, sport, dport, payload):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    return pg.ETH + pg.ipv4(src, dst, 17, udp)


def http_flow(cli, srv, sport, rnd):
    """Ten segments of a plain HTTP/1.1 exchange on port 80, SYN to FIN."""
    cs, ss = rnd.getrandbits(32), rnd.getrandbits(32)
    req = b"GET / HTTP/1.1\r\nHost: example.net\r\n\r\n"
    resp = b"HTTP/1.1 200 OK\r\nContent-Length: 600\r\n\r\n" + bytes(600)
    P, A, S, F = pg.PSH, pg.ACK, pg.SYN, pg.FIN
    c = [(True, cs, 0, S, b""), (False, ss, cs + 1, S | A, b""),
         (True, cs + 1, ss + 1, A, b""), (True, cs + 1, ss + 1, P | A, req),
         (False, ss + 1, cs + 1 + len(req), A, b""),
         (False, ss + 1, cs + 1 + len(req), P | A, resp),
         (True, cs + 1 + len(req), ss + 1 + len(resp), A, b""),
         (True, cs + 1 + len(req), ss + 1 + len(resp), F | A, b""),
         (False, ss + 1 + len(resp), cs + 2 + len(req), F | A, b""),
         (True, cs + 2 + len(req), ss + 2 + len(resp), A, b"")]
    return [pg.tcp_frame(cli, srv, sport, 80, q, k, fl, d) if up else
            pg.tcp_frame(srv, cli, 80, sport, q, k, fl, d)
            for up, q, k, fl, d in c]


def ip4(a, b, c, d):
    return bytes([a, b, c, d])


def connection(i, rnd, t0, rtt):
    """The (time, frame) list of connection i, starting at t0 (us)."""
    cli = ip4(10, 1 + (i >> 16 & 0x3F), i >> 8 & 0xFF, i & 0xFF)
    srv = ip4(192, 0, 2, 1 + i % 200)
    cport = 1024 + rnd.randrange(60000)
    dcid, cscid, sscid = rnd.randbytes(8), rnd.randbytes(8), rnd.randbytes(8)
    sni = b"h3-%d.example.net" % (i % 5000)
    ckeys = initial_keys(dcid, b"client in")
    skeys = initial_keys(dcid, b"server in")
    out = []

    def c2s(t, p):
        out.append((t, udp_frame(cli, srv, cport, 443, p)))

    def s2c(t, p):
        out.append((t, udp_frame(srv, cli, 443, cport, p)))

    ch = crypto(client_hello(rnd, sni, cscid))
    # padded so that the datagram is 1,200 bytes (RFC 9000 14.1)
    pad = 1200 - (1 + 4 + 1 + 8 + 1 + 8 + 1 + 2 + 2 + len(ch) + 16)
    c2s(t0, protect_initial(ckeys, dcid, cscid, 0, ch + bytes(max(pad, 0))))
    t = t0 + rtt
    sinit = protect_initial(skeys, cscid, sscid, 0,
                            b"\x02\x00\x00\x00\x00" + crypto(server_hello(rnd)))
    s2c(t, sinit + long_random(2, cscid, sscid, rnd, 1000))
    s2c(t + 20, long_random(2, cscid, sscid, rnd, 900))
    t += rtt
    c2s(t, long_random(2, sscid, cscid, rnd, 60))
    for k in range(rnd.randrange(2, 12)):
        c2s(t + 30 + 200 * k, short_random(sscid, rnd, rnd.randrange(40, 400)))
        s2c(t + 130 + 200 * k, short_random(cscid, rnd, rnd.randrange(200, 1300)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conns", type=int, default=20000)
    ap.add_argument("--concurrency", type=int, default=1000,
                    help="connections started per second")
    ap.add_argument("--noise", type=int, default=0,
                    help="UDP datagrams that are neither QUIC nor DTLS")
    ap.add_argument("--noise-tcp", action="store_true",
                    help="the noise as TCP segments of HTTP flows")
    ap.add_argument("--rtt", type=int, default=20000, help="microseconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    t_start = 1700000000 * 1000000
    # connections start at --concurrency a second; noise comes at 100,000
    # packets a second at most, over the same time when there are connections
    span = max(a.conns * 1000000 // max(1, a.concurrency), a.noise * 10, 1)
    heap = []
    for i in range(a.conns):
        t0 = t_start + i * span // max(1, a.conns)
        for t, f in connection(i, rnd, t0, a.rtt):
            heapq.heappush(heap, (t, len(heap), f))
    for n in range(0, a.noise, 10 if a.noise_tcp else 1):
        t = t_start + rnd.randrange(span + a.rtt * 3)
        cli = ip4(10, 200, n >> 8 & 0xFF, n & 0xFF)
        sport = 1024 + rnd.randrange(60000)
        if a.noise_tcp:
            for k, f in enumerate(http_flow(cli, ip4(192, 0, 2, 80), sport,
                                            rnd)[:a.noise - n]):
                heapq.heappush(heap, (t + 100 * k, len(heap), f))
            continue
        q = rnd.randbytes(2) + b"\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + \
            rnd.randbytes(rnd.randrange(20, 60))
        f = udp_frame(cli, ip4(192, 0, 2, 53), sport, 53, q)
        heapq.heappush(heap, (t, len(heap), f))
    out = pg.Pcap(a.out)
    while heap:
        t, _, f = heapq.heappop(heap)
        out.add(f, t)
    out.close()


if __name__ == "__main__":
    main()
