#!/usr/bin/env python3
"""dtls-conformance: the DTLS dissector against tshark's truth.

usage: dtls-conformance.py DTLS_FEED KNOWN_DIFFS DIR

For every capture in DIR whose CAPTURE.truth.jsonl has udp/dtls lines,
tshark decodes its UDP datagrams (frame, udp.stream, sender, payload)
and tests/dtls-feed runs each stream through dissect/dtls.c (with
CAPTURE-without-extension.keys when there is one). Each truth line with
a handshake type is looked for among the stream's messages: same type and
direction, its frame within the message's first and last frames (tshark
lists every fragment of a message, and every sending of a retransmitted
one). Every mismatch must be listed in KNOWN_DIFFS ("capture<TAB>frame
<TAB>type<TAB>reason"); an unlisted one fails, and so does a match rate
below 99% (listed ones count against it).
"""
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conformance import read_known  # noqa: E402


def datagrams(cap):
    p = subprocess.run(
        ["tshark", "-n", "-r", cap, "-Y", "udp", "-T", "fields",
         "-e", "frame.number", "-e", "udp.stream", "-e", "ip.src",
         "-e", "ipv6.src", "-e", "udp.srcport", "-e", "frame.time_epoch",
         "-e", "udp.payload"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    out = []
    for line in p.stdout.decode().splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[6]:
            continue
        src = (f[2] or "[%s]" % f[3]) + ":" + f[4]
        if f[3] and not f[2]:
            src = "[%s]:%s" % (f[3], f[4])
        out.append((int(f[0]), int(f[1]), src,
                    int(round(float(f[5]) * 1e6)), f[6]))
    return out


def main():
    feed, known_file, d = sys.argv[1], sys.argv[2], sys.argv[3]
    known = read_known(known_file)
    total = matched = 0
    unlisted, seen_known, caps = [], set(), set()
    for name in sorted(os.listdir(d)):
        if not name.endswith(".truth.jsonl"):
            continue
        cap = os.path.join(d, name[:-len(".truth.jsonl")])
        truth = [json.loads(l) for l in open(os.path.join(d, name))]
        truth = [t for t in truth if t.get("transport") == "udp" and
                 t.get("proto") == "dtls" and t.get("hs_type") is not None]
        if not truth or not os.path.exists(cap):
            continue
        dgs = datagrams(cap)
        first = {}
        lines = []
        for frame, stream, src, ts, hexp in dgs:
            first.setdefault(stream, src)
            lines.append("%d\t%d\t%d\t%d\t%s\n" % (
                stream, frame, 0 if first[stream] == src else 1, ts, hexp))
        keys = os.path.splitext(cap)[0] + ".keys"
        cmd = [feed] + ([keys] if os.path.exists(keys) else [])
        p = subprocess.run(cmd, input="".join(lines).encode(),
                           stdout=subprocess.PIPE, timeout=120)
        if p.returncode != 0:
            sys.exit("dtls-feed failed on %s" % cap)
        msgs = {}
        for line in p.stdout.decode().splitlines():
            f = line.split("\t")
            if f[1] == "anomaly":
                continue
            msgs.setdefault(int(f[0]), []).append(
                (int(f[2]), int(f[1]), f[3], f[4]))
        # The client of a stream: who sent its ClientHello (tshark).
        client = {}
        for t in truth:
            if t["hs_type_name"] == "client_hello":
                client.setdefault(t["stream"], t["src"])
        base = os.path.basename(cap)
        caps.add(base)
        for t in truth:
            total += 1
            s = t["stream"]
            cli = client.get(s, first.get(s))
            want = "c2s" if t["src"] == cli else "s2c"
            ok = any(a <= t["frame"] <= b and dr == want and
                     ty == t["hs_type_name"] for a, b, dr, ty in
                     msgs.get(s, []))
            key = (base, t["frame"], t["hs_type_name"])
            if ok:
                matched += 1
                continue
            if key in known:
                seen_known.add(key)
            else:
                unlisted.append("%s\t%d\t%s\t%s" % (base, t["frame"],
                                                    t["hs_type_name"],
                                                    want))
    rate = 100.0 * matched / total if total else 100.0
    print("dtls conformance: %d of %d truth handshake messages (%.2f%%)" %
          (matched, total, rate))
    for u in unlisted:
        print("UNLISTED " + u)
    bad = bool(unlisted) or rate < 99.0
    # Listed DTLS differences that no longer occur, so the list is pruned.
    dtls_types = {t for (c, _, t) in known if c in caps}
    for k in known:
        if k[0] in caps and k not in seen_known and k[2] in dtls_types:
            print("note: listed difference no longer seen: %s %d %s" % k)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
