#!/usr/bin/env python3
"""tcp-events: tlshake's TCP events against tshark, run at test time.

usage: tcp-events.py TLSHAKE CAPTURE...

For every connection tlshake reports, each SYN, SYN_ACK, FIN and RST event
must be a packet tshark shows with those flags, from the end tlshake names
(client for c2s), at the same time (start + t, to the microsecond); the
client must be the sender of the connection's first SYN; and every SYN and
SYN-ACK tshark shows on a reported connection must be in tlshake's events
(a retransmitted one as the first's "retransmitted" mark).
"""
import json
import subprocess
import sys
from datetime import datetime, timezone


def tshark(cap):
    fields = ["frame.number", "frame.time_epoch", "ip.src", "ipv6.src",
              "tcp.srcport", "ip.dst", "ipv6.dst", "tcp.dstport",
              "tcp.flags", "frame.protocols"]
    cmd = ["tshark", "-n", "-r", cap, "-Y",
           "tcp.flags.syn==1 or tcp.flags.fin==1 or tcp.flags.reset==1",
           "-T", "fields", "-E", "separator=\t"]
    for f in fields:
        cmd += ["-e", f]
    out = subprocess.run(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode()
    pk = {}
    for line in out.splitlines():
        f = line.split("\t")
        if len(f) < 10 or not f[4]:
            continue
        # the innermost IP header names the connection
        protos = [p for p in f[9].split(":") if p in ("ip", "ipv6")]
        v6 = protos and protos[-1] == "ipv6"
        src = f[3].split(",")[-1] if v6 else f[2].split(",")[-1]
        dst = f[6].split(",")[-1] if v6 else f[5].split(",")[-1]
        fmt = "[%s]:%s" if ":" in src else "%s:%s"
        flags = int(f[8], 16)
        pk[int(f[0])] = (float(f[1]), fmt % (src, f[4].split(",")[-1]),
                         fmt % (dst, f[7].split(",")[-1]), flags)
    return pk


def epoch(iso):
    d = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ")
    return d.replace(tzinfo=timezone.utc).timestamp()


def check(tlshake, cap):
    errs = []
    pk = tshark(cap)
    out = subprocess.run([tlshake, "--json", "-r", cap],
                         stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode()
    n = 0
    for line in out.splitlines():
        c = json.loads(line)
        start = epoch(c["start"])
        ends = {c["client"], c["server"]}
        seen = set()
        for m in c.get("messages", []):
            if m["layer"] != "tcp" or m["type"] not in (
                    "SYN", "SYN_ACK", "FIN", "RST"):
                continue
            n += 1
            fr = m.get("frame")
            seen.add(fr)
            if fr not in pk:
                errs.append("%s #%d: %s frame %s not a SYN/FIN/RST in "
                            "tshark" % (cap, c["conn"], m["type"], fr))
                continue
            ts, src, dst, flags = pk[fr]
            want_src = c["client"] if m["dir"] == "c2s" else c["server"]
            want = {"SYN": lambda f: f & 0x12 == 0x02,
                    "SYN_ACK": lambda f: f & 0x12 == 0x12,
                    "FIN": lambda f: f & 0x01,
                    "RST": lambda f: f & 0x04}[m["type"]]
            if not want(flags):
                errs.append("%s frame %d: %s but tshark flags 0x%x" % (
                    cap, fr, m["type"], flags))
            if src != want_src:
                errs.append("%s frame %d: %s from %s, tshark says %s" % (
                    cap, fr, m["type"], want_src, src))
            if abs(start + m["t"] - ts) > 2e-6:
                errs.append("%s frame %d: time %.6f, tshark %.6f" % (
                    cap, fr, start + m["t"], ts))
        # every SYN / SYN-ACK of the connection, in its lifetime
        frames = [m.get("frame", 0) for m in c.get("messages", [])]
        lo, hi = min(frames or [0]), max(frames or [0])
        first_syn = None
        for fr, (ts, src, dst, flags) in sorted(pk.items()):
            if {src, dst} != ends or not (flags & 0x02) or fr < lo or \
                    fr > hi:
                continue
            if first_syn is None and flags & 0x12 == 0x02:
                first_syn = src
            retrans = [m for m in c["messages"] if m["layer"] == "tcp" and
                       m["type"] in ("SYN", "SYN_ACK") and
                       m.get("retransmitted")]
            if fr not in seen and not retrans:
                errs.append("%s frame %d: SYN%s missing from #%d" % (
                    cap, fr, "-ACK" if flags & 0x10 else "", c["conn"]))
        if first_syn is not None and first_syn != c["client"]:
            errs.append("%s #%d: client %s, but the SYN came from %s" % (
                cap, c["conn"], c["client"], first_syn))
    return n, errs


def main():
    tlshake = sys.argv[1]
    total, errs = 0, []
    for cap in sys.argv[2:]:
        n, e = check(tlshake, cap)
        total += n
        errs += e
    for e in errs[:50]:
        print(e)
    print("%d TCP events over %d captures, %d differences" % (
        total, len(sys.argv) - 2, len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
