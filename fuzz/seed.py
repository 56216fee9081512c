#!/usr/bin/env python3
"""seed.py NAME DIR PCAP...: writes seeds for the script-driven harnesses
(record, hs, reasm) into DIR, made from the TCP connections of the given
captures (Ethernet or raw IPv4, in order; enough for the project's own
pcaps/); for dtls and quic, from their UDP datagrams. Run at fuzzing time by
seed.sh; nothing here is committed."""
import hashlib
import os
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "lib"))
from pcapgen import read_pcap  # noqa: E402


def packets(path, proto=6):
    """(src, sport, dst, dport, seq, flags, payload) of each IPv4 TCP
    segment of "path"; for proto 17, (src, sport, payload) of each UDP
    datagram."""
    for link, frame in read_pcap(path):
        if link == 1 and frame[12:14] == b"\x08\x00":
            ip = frame[14:]
        elif link in (101, 228):
            ip = frame
        else:
            continue
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != proto:
            continue
        ihl = (ip[0] & 15) * 4
        tot = struct.unpack("!H", ip[2:4])[0]
        tcp = ip[ihl:tot]
        if proto == 17:
            if len(tcp) >= 8:
                yield ip[12:16], tcp[0:2], tcp[8:]
            continue
        if len(tcp) < 20:
            continue
        sport, dport, seq = struct.unpack("!HHI", tcp[:8])
        doff = (tcp[12] >> 4) * 4
        yield (ip[12:16], sport, ip[16:20], dport, seq, tcp[13],
               tcp[doff:])


def streams(path):
    """{(client, server): [c2s bytes, s2c bytes]} for in-order captures."""
    conns = {}
    for src, sp, dst, dp, seq, flags, pay in packets(path):
        a, b = (src, sp), (dst, dp)
        key = (a, b) if (a, b) in conns or (b, a) not in conns else (b, a)
        st = conns.setdefault(key, [bytearray(), bytearray(), {}, {}])
        d = 0 if key[0] == a else 1
        nxt = st[2 + d]
        if flags & 0x02:
            nxt["n"] = seq + 1
            continue
        if pay and nxt.get("n", seq) == seq:
            st[d] += pay
            nxt["n"] = seq + len(pay)
    return {k: (bytes(v[0]), bytes(v[1])) for k, v in conns.items()}


def hs_bytes(stream):
    """The handshake-record payload of one direction, before CCS."""
    out, off = b"", 0
    while off + 5 <= len(stream):
        t, _, n = struct.unpack("!BHH", stream[off:off + 5])
        body = stream[off + 5:off + 5 + n]
        off += 5 + n
        if t == 22:
            out += body
        elif t == 20:
            break
    return out


def write(d, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def dtls_script(path):
    """fuzz-dtls's script of a capture's UDP datagrams: the first
    sender's are direction 0."""
    cmds, first = b"\x00", None
    for src, sport, pay in packets(path, 17):
        if first is None:
            first = (src, sport)
        cmds += bytes([0 if (src, sport) == first else 1])
        cmds += struct.pack("!H", len(pay)) + pay
    return cmds if first is not None else None


def main():
    name, d = sys.argv[1], sys.argv[2]
    for path in sys.argv[3:]:
        if name in ("dtls", "quic"):
            script = dtls_script(path)
            if script is not None:
                write(d, script[:262144])
            continue
        for c2s, s2c in streams(path).values():
            if name == "hs":
                write(d, b"\x00\x00" + hs_bytes(c2s)[:65536])
                write(d, b"\x05\x00" + hs_bytes(s2c)[:65536])
            elif name == "record":
                cmds = b"\x01"
                for dirn, s in ((0, c2s[:20000]), (1, s2c[:20000])):
                    for i in range(0, len(s), 120):
                        chunk = s[i:i + 120]
                        cmds += bytes([((len(chunk) - 1) << 1) | dirn])
                        cmds += chunk
                    cmds += bytes([0xF2 + dirn])
                write(d, cmds)
            elif name == "reasm":
                script = b"\x00" + bytes([0x00, 0x02]) + b"\xff\xff" + \
                    b"\x00\x00"
                seq = 0
                for i in range(0, min(len(c2s), 4096), 1000):
                    n = len(c2s[i:i + 1000])
                    script += bytes([0x00, 0x18]) + struct.pack(
                        "!HH", seq, n)
                    seq += n
                write(d, script)


if __name__ == "__main__":
    main()
