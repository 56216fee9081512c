"""pcapgen: the one pcap library of the project's Python test writers
(tests/mkhostile.py, tests/tui/mkhostile.py, tests/adversarial/mkpcap.py)
and of fuzz/seed.py: pcap files (write and read), Ethernet, IPv4 and TCP
with real checksums, TLS records, handshake messages, extensions and a
ClientHello. Standard library only; deterministic.

A script next to it finds it with
    sys.path.insert(0, os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "..", "lib"))
"""
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

# TCP flags (RFC 9293, 3.1)
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10

LINKTYPE_ETHERNET = 1
PCAP_MAGIC = 0xA1B2C3D4         # microseconds
PCAP_MAGIC_NS = 0xA1B23C4D      # nanoseconds

# Ethernet II from 02:00:00:00:00:01 to 02:00:00:00:00:02, IPv4
ETH = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"


# --- pcap ----------------------------------------------------------------

def pcap_header(snaplen=65535, link=LINKTYPE_ETHERNET):
    """The pcap file header: version 2.4, microseconds, little-endian."""
    return struct.pack("<IHHiIII", PCAP_MAGIC, 2, 4, 0, 0, snaplen, link)


def pcap_record(sec, usec, frame, orig_len=None):
    """One packet record: its header, then the captured bytes."""
    return struct.pack("<IIII", sec, usec, len(frame),
                       len(frame) if orig_len is None else orig_len) + frame


class Pcap:
    """A pcap writer (microseconds, Ethernet); "t" is the clock in
    microseconds, moved by the caller or by add(frame, t)."""

    def __init__(self, path, snaplen=262144, t=0):
        self.f = open(path, "wb")
        self.snaplen = snaplen
        self.f.write(pcap_header(snaplen))
        self.t = t

    def add(self, frame, t=None):
        if t is not None:
            self.t = t
        self.f.write(pcap_record(self.t // 1000000, self.t % 1000000,
                                 frame[:self.snaplen], len(frame)))

    def close(self):
        self.f.close()


def read_pcap(path):
    """(link type, frame) for each record of a pcap file; nothing for a
    file that is not one (pcapng, short, other byte order)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (PCAP_MAGIC, PCAP_MAGIC_NS):
        return
    link = struct.unpack("<I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack("<IIII", data[off:off + 16])
        yield link, data[off + 16:off + 16 + incl]
        off += 16 + incl


# --- IPv4 and TCP ----------------------------------------------------------

def csum(b):
    """The Internet checksum (RFC 1071)."""
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, ident=1, frag=0x4000, sum_=True):
    """An IPv4 header (no options, TTL 64, DF by default) and "payload"."""
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident,
                     frag, 64, proto, 0, src, dst)
    if sum_:
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + payload


def tcpseg(src, dst, sport, dport, seq, ack, flags, payload=b"",
           sum_=True):
    """A TCP header (no options, window 65535) and "payload", its
    checksum over the IPv4 pseudo-header of "src" and "dst"."""
    t = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF,
                    ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0) + payload
    if sum_:
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(t))
        t = t[:16] + struct.pack("!H", csum(pseudo + t)) + t[18:]
    return t


def tcp_frame(src, dst, sport, dport, seq, ack, flags, payload=b""):
    """An Ethernet frame of one IPv4 TCP segment."""
    return ETH + ipv4(src, dst, 6, tcpseg(src, dst, sport, dport, seq, ack,
                                          flags, payload))


# --- TLS -------------------------------------------------------------------

def u8(n):
    return struct.pack("!B", n)


def u16(n):
    return struct.pack("!H", n)


def u24(n):
    return struct.pack("!I", n)[1:]


def records(ctype, body, ver=0x0303, size=16384):
    """"body" as TLS records of content type "ctype" (RFC 8446, 5.1)."""
    out = b""
    for i in range(0, max(len(body), 1), size):
        chunk = body[i:i + size]
        out += u8(ctype) + u16(ver) + u16(len(chunk)) + chunk
    return out


def hs(t, body):
    """A handshake message of type "t" (RFC 8446, 4)."""
    return u8(t) + u24(len(body)) + body


def ext(t, body):
    """An extension of type "t" (RFC 8446, 4.2)."""
    return u16(t) + u16(len(body)) + body


def sni_ext(name):
    """server_name with one host_name (RFC 6066, 3)."""
    entry = b"\0" + u16(len(name)) + name
    return ext(0, u16(len(entry)) + entry)


def alpn_ext(protocols):
    """application_layer_protocol_negotiation (RFC 7301, 3.1)."""
    lst = b"".join(u8(len(p)) + p for p in protocols)
    return ext(16, u16(len(lst)) + lst)


def supported_versions_ext(versions):
    """supported_versions in a ClientHello (RFC 8446, 4.2.1)."""
    return ext(43, u8(2 * len(versions)) +
               b"".join(u16(v) for v in versions))


def client_hello(sni=b"example.com", suites=None, exts=None,
                 random=bytes(range(32)), version=0x0303):
    """A ClientHello message (RFC 8446, 4.1.2): no session id, null
    compression; by default TLS 1.2 suites and the extensions of a TLS 1.2
    client (SNI, groups, point formats, signature algorithms, ALPN h2,
    renegotiation_info)."""
    if suites is None:
        suites = [0xC02F, 0xC030, 0x009E, 0x002F]
    if exts is None:
        exts = (sni_ext(sni) + ext(10, u16(4) + u16(0x1D) + u16(0x17)) +
                ext(11, b"\x01\x00") + ext(13, u16(4) + u16(0x0403) +
                                            u16(0x0401)) +
                alpn_ext([b"h2"]) + ext(0xFF01, b"\x00"))
    body = (u16(version) + random + b"\x00" +
            u16(2 * len(suites)) + b"".join(u16(s) for s in suites) +
            b"\x01\x00" + u16(len(exts)) + exts)
    return hs(1, body)
