#!/usr/bin/env python3
"""fingerprints: tlshake's JA3 and JA4 against independent references.

usage: fingerprints.py TLSHAKE KNOWN_DIFFS DIR

JA3: for every TCP ClientHello line of each DIR/*.truth.jsonl that carries
tshark's ja3/ja3_full (TShark 4.0), the connection tlshake reports with the
same client, server and ClientHello frame must carry the same ja3 and
ja3_full. Only the hello that opens a handshake is fingerprinted by
tlshake (the first of the connection, or of a renegotiation); a second
ClientHello after a HelloRetryRequest belongs to the first one's
handshake and has no fingerprint of its own: tshark and FoxIO fingerprint
it, so each such hello is a listed difference.

JA4: every TCP line of DIR/ja4-expected.jsonl (FoxIO's published values
for its sample captures) against the ja4 and ja4_r of the connection with
that client and server; "hello": N is the N-th ClientHello of the stream.

Every difference must be listed in KNOWN_DIFFS as
"capture<TAB>frame<TAB>ja3|ja4<TAB>reason" (the frame of the ClientHello);
an unlisted one fails, and so does a listed one whose reason no longer
holds (it is reported so the list can be pruned, and fails).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conformance import run_tlshake  # noqa: E402


def manifest_opts(d):
    import re
    opts = {}
    man = os.path.join(d, "MANIFEST.tsv")
    if os.path.exists(man):
        for line in open(man, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 9 and f[8]:
                m = re.findall(r"tcp\.port==(\d+),tls", f[8])
                opts[f[0]] = sum([["--port", p] for p in m], [])
    return opts


def hellos(conns):
    """(client, server) -> list of (frame, hs object or None) per hello.

    A ClientHello that does not open a handshake (the second one after a
    HelloRetryRequest, or one repeated before any ServerHello) belongs to
    the handshake before it (SPEC.md, "tls"): its hs is None.
    """
    out = {}
    for c in conns:
        hs_list = []
        if "tls" in c:
            hs_list = [c["tls"]] + c["tls"].get("renegotiations", [])
        n = 0
        hrr = bool(hs_list) and hs_list[0].get("hello_retry")
        for m in c.get("messages", []):
            if m["layer"] != "tls" or m["type"] != "client_hello":
                continue
            hs = hs_list[n] if n < len(hs_list) else None
            if n == 1 and hrr and len(hs_list) == 1:
                hs = None
            out.setdefault((c["client"], c["server"]), []).append(
                (m.get("frame"), hs))
            n += 1
    return out


SECOND = ("second ClientHello of its handshake (after a HelloRetryRequest, "
          "or repeated before a ServerHello): tlshake fingerprints the hello "
          "that opens a handshake")


def endpoint(ip, port):
    return ("[%s]:%d" % (ip, port)) if ":" in ip else ("%s:%d" % (ip, port))


def main():
    tlshake, known_file, d = sys.argv[1], sys.argv[2], sys.argv[3]
    known = {}
    for line in open(known_file, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) >= 3 and f[2] in ("ja3", "ja4"):
            known[(f[0], f[1], f[2])] = f[3] if len(f) > 3 else ""
    opts = manifest_opts(d)
    cache = {}

    def conns_of(cap):
        if cap not in cache:
            cache[cap] = hellos(run_tlshake(tlshake, os.path.join(d, cap),
                                            opts.get(cap, [])))
        return cache[cap]

    bad = []
    seen_known = set()
    n3 = ok3 = skipped3 = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".truth.jsonl"):
            continue
        cap = name[:-len(".truth.jsonl")]
        lines = [json.loads(l) for l in open(os.path.join(d, name),
                                             encoding="utf-8") if l.strip()]
        lines = [t for t in lines if t.get("transport") == "tcp" and
                 t.get("hs_type") == 1 and not t.get("encrypted")]
        if not lines:
            continue
        idx = conns_of(cap)
        for t in lines:
            if "ja3" not in t:
                # tshark computes none (SSLv2-compatible or cut short
                # hello): tlshake must not claim one either.
                skipped3 += 1
                for fr, hs in idx.get((t["src"], t["dst"]), []):
                    if fr == t["frame"] and hs and hs.get("ja3"):
                        bad.append((cap, str(t["frame"]), "ja3",
                                    "tlshake has a JA3, tshark none"))
                continue
            n3 += 1
            why = None
            got = [x for x in idx.get((t["src"], t["dst"]), [])
                   if x[0] == t["frame"]]
            if not got:
                why = "hello not found"
            else:
                fr, hs = got[0]
                if hs is None:
                    why = SECOND
                elif hs.get("ja3_full") != t["ja3_full"]:
                    why = "ja3_full %r, tshark %r" % (hs.get("ja3_full"),
                                                      t["ja3_full"])
                elif hs.get("ja3") != t["ja3"]:
                    why = "ja3 %r, tshark %r" % (hs.get("ja3"), t["ja3"])
            if why is None:
                ok3 += 1
            else:
                bad.append((cap, str(t["frame"]), "ja3", why))

    n4 = ok4 = 0
    ja4file = os.path.join(d, "ja4-expected.jsonl")
    for line in open(ja4file, encoding="utf-8") if os.path.exists(ja4file) \
            else []:
        e = json.loads(line)
        if e.get("transport") != "tcp":
            continue
        n4 += 1
        cli = endpoint(e["src"], e["srcport"])
        srv = endpoint(e["dst"], e["dstport"])
        hl = conns_of(e["file"]).get((cli, srv), [])
        why = None
        fr = 0
        if len(hl) < e["hello"]:
            why = "hello %d not found" % e["hello"]
        else:
            fr, hs = hl[e["hello"] - 1]
            if hs is None:
                why = SECOND
            elif hs.get("ja4") != e["ja4"]:
                why = "ja4 %r, FoxIO %r" % (hs.get("ja4"), e["ja4"])
            elif hs.get("ja4_r") != e["ja4_r"]:
                why = "ja4_r %r, FoxIO %r" % (hs.get("ja4_r"), e["ja4_r"])
        if why is None:
            ok4 += 1
        else:
            bad.append((e["file"], str(fr), "ja4", why))

    unlisted = []
    for b in bad:
        k = (b[0], b[1], b[2])
        if k in known:
            seen_known.add(k)
        else:
            unlisted.append("\t".join(b))
    def kinds(kind):
        sec = len([b for b in bad if b[2] == kind and b[3] == SECOND])
        return sec, len([b for b in bad if b[2] == kind]) - sec
    s3, o3 = kinds("ja3")
    s4, o4 = kinds("ja4")
    print("JA3: %d/%d TCP ClientHellos agree with tshark's ja3/ja3_full: "
          "%d/%d hellos opening a handshake, %d second hellos not "
          "fingerprinted, %d other differences (listed: %d); %d hellos "
          "without a tshark JA3" % (ok3, n3, ok3, n3 - s3, s3, o3,
                                    len([k for k in seen_known
                                         if k[2] == "ja3"]), skipped3))
    print("JA4: %d/%d TCP ClientHellos agree with FoxIO's ja4/ja4_r: "
          "%d/%d hellos opening a handshake, %d second hellos not "
          "fingerprinted, %d other differences (listed: %d)" %
          (ok4, n4, ok4, n4 - s4, s4, o4,
           len([k for k in seen_known if k[2] == "ja4"])))
    stale = sorted(set(known) - seen_known)
    for k in stale:
        print("LISTED BUT NO LONGER DIFFERENT: %s\t%s\t%s" % k)
    for u in unlisted:
        print("UNLISTED DIFFERENCE: " + u)
    ok = not unlisted and not stale and n3 > 0 and n4 > 0
    print("fingerprints: %s" % ("ok" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
