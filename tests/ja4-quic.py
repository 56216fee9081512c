#!/usr/bin/env python3
"""ja4-quic: tlshake's JA4 of QUIC ClientHellos against FoxIO's values.

usage: ja4-quic.py TLSHAKE DIR

Every row of DIR/ja4-expected-quic.jsonl (FoxIO's published JA4 of the
QUIC connections in its sample captures, from its Rust implementation's
tests) names a capture, the client and server ends and the N-th
ClientHello ("hello") of that connection; the connection tlshake --json
reports with those ends must carry that ja4 (its "q" prefix included).
Any row that differs, or whose connection is missing, fails.
"""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conformance import run_tlshake  # noqa: E402


def end(ip, port):
    return ("[%s]:%d" if ":" in ip else "%s:%d") % (ip, port)


def main():
    tlshake, d = sys.argv[1], sys.argv[2]
    rows = [json.loads(l) for l in open(os.path.join(
        d, "ja4-expected-quic.jsonl"), encoding="utf-8") if l.strip()]
    cache, bad, ok = {}, [], 0
    for r in rows:
        if r["file"] not in cache:
            conns = run_tlshake(tlshake, os.path.join(d, r["file"]), [])
            cache[r["file"]] = {(c["client"], c["server"]): c
                                for c in conns
                                if c.get("transport") == "quic"}
        c = cache[r["file"]].get((end(r["src"], r["srcport"]),
                                  end(r["dst"], r["dstport"])))
        hs = None
        if c is not None and "tls" in c:
            hs = ([c["tls"]] + c["tls"].get("renegotiations", []))
            hs = hs[r["hello"] - 1] if r["hello"] <= len(hs) else None
        got = hs.get("ja4") if hs else None
        if got == r["ja4"]:
            ok += 1
        else:
            bad.append("%s stream %d %s: FoxIO %s, tlshake %s" % (
                r["file"], r["stream"], r.get("sni"), r["ja4"], got))
    print("ja4 quic: %d of %d rows equal FoxIO's" % (ok, len(rows)))
    for b in bad:
        print("DIFFERENT: " + b)
    return 1 if bad or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
