#!/usr/bin/env python3
"""udp-conformance: tlshake's QUIC and DTLS handshake messages against tshark's.

usage: udp-conformance.py TLSHAKE KNOWN_DIFFS DIR [DIR...]

For every capture in each DIR whose CAPTURE.truth.jsonl (the format of
../shared/tools/tshark-truth) has lines with transport udp and proto quic
or dtls, tlshake --json reads the capture (with CAPTURE-without-extension
.keys as --keylog when there is one; a pcapng's Decryption Secrets Blocks
are read anyway) and each truth line naming a handshake type is looked
for among tlshake's messages of the connection with the same two ends:
same type and direction, the truth frame within the message's first and
last frames (tshark lists a QUIC message in each packet holding a CRYPTO
piece of it, and a DTLS one in each fragment and each sending of a
retransmitted one). QUIC messages tshark read from Handshake packets are
found only with the key log's handshake secrets.

Every mismatch must be listed in KNOWN_DIFFS ("capture<TAB>frame<TAB>type
<TAB>reason"); an unlisted one fails, and so does a match rate below 99%
(listed ones count against it). Per capture: matched/total.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conformance import keys_of, read_known, run_tlshake  # noqa: E402

import json  # noqa: E402


def messages(conns):
    """(src, dst) -> [(first frame, frame, type)] of TLS messages."""
    out = {}
    for c in conns:
        if c.get("transport") not in ("quic", "dtls"):
            continue
        for m in c.get("messages", []):
            if m["layer"] != "tls":
                continue
            ends = ((c["client"], c["server"]) if m["dir"] == "c2s" else
                    (c["server"], c["client"]))
            out.setdefault(ends, []).append(
                (m.get("first_frame", m.get("frame")), m.get("frame"),
                 m["type"]))
    return out


def main():
    tlshake, known_file, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    known = read_known(known_file)
    total = matched = 0
    unlisted, seen_known, caps = [], set(), set()
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".truth.jsonl"):
                continue
            cap = name[:-len(".truth.jsonl")]
            path = os.path.join(d, cap)
            truth = [json.loads(l) for l in open(os.path.join(d, name),
                                                 encoding="utf-8")
                     if l.strip()]
            truth = [t for t in truth if t.get("transport") == "udp" and
                     t.get("proto") in ("quic", "dtls") and
                     t.get("hs_type") is not None]
            if not truth or not os.path.exists(path):
                continue
            keys = keys_of(path)
            opts = ["--keylog", keys] if keys else []
            msgs = messages(run_tlshake(tlshake, path, opts))
            caps.add(cap)
            n = m = 0
            for t in truth:
                n += 1
                ok = any(a is not None and a <= t["frame"] <= b and
                         ty == t["hs_type_name"] for a, b, ty in
                         msgs.get((t["src"], t["dst"]), []))
                if ok:
                    m += 1
                    continue
                k = (cap, t["frame"], t["hs_type_name"])
                if k in known:
                    seen_known.add(k)
                else:
                    unlisted.append("%s\t%d\t%s\t%s -> %s" % (
                        cap, t["frame"], t["hs_type_name"], t["src"],
                        t["dst"]))
            print("%-60s %4d/%-4d" % (cap, m, n))
            total += n
            matched += m
    rate = 100.0 * matched / total if total else 100.0
    print("udp conformance: %d of %d truth handshake messages (%.2f%%)" %
          (matched, total, rate))
    for k in sorted(known):
        if k[0] in caps and k not in seen_known:
            print("listed but no longer different: %s\t%d\t%s" % k)
    for u in unlisted:
        print("UNLISTED DIFFERENCE: " + u)
    ok = rate >= 99.0 and not unlisted
    print("udp conformance: %s" % ("ok" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
