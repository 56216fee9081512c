#!/usr/bin/env python3
"""check.py: runs tlshake on the hostile captures of mkpcap.py and checks,
for each: the exit status, the anomaly codes expected, that every --json
line is valid UTF-8 and parses, that no terminal control reaches the text
view, and the peak memory (ru_maxrss of the child) against SPEC.md's caps.

usage: check.py TLSHAKE WORKDIR [NAME...]

Memory bound: 16 MiB, plus the 4 MiB IP fragment cap, plus 2 KiB per
connection open at once (--stats "most open at once"), plus 2 MiB for
each of the first 8 of them (a connection's caps: 512 KiB arena, 2 x 256
KiB out of order, 2 x 256 KiB handshake message, record buffers). The
SYN flood: 50,000 then 100,000 SYNs over the same 30,000 open at once
must not differ by more than 4 MiB. Sanitizer builds get 32 MiB more
(ASan's shadow and allocator), with ASan's quarantine off so freed memory
is not counted.
"""
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkpcap  # noqa: E402

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
C1 = re.compile("[\u0080-\u009f]")
HOSTILE_JSON = mkpcap.HOSTILE.decode("utf-8", errors="replace")

failures = []


def fail(name, msg):
    failures.append("%s: %s" % (name, msg))
    print("FAIL %s: %s" % (name, msg))


def run(tlshake, args, env):
    """Runs tlshake; returns (status, stdout, stderr, None)."""
    p = subprocess.run([tlshake] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, check=False)
    return p.returncode, p.stdout, p.stderr, None


RSS_HELPER = """
import resource, subprocess, sys
st = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL).returncode
print(st, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_rss(tlshake, args, env):
    """Runs tlshake from a fresh, small python3 (a child forked from this
    one would start with our RSS) and returns (status, child's peak RSS
    in KiB) from resource.getrusage(RUSAGE_CHILDREN)."""
    p = subprocess.run([sys.executable, "-c", RSS_HELPER, tlshake] + args,
                       stdout=subprocess.PIPE, env=env, check=True)
    st, rss = p.stdout.split()
    return int(st), int(rss)


def check_text(name, out):
    """No terminal control in the text view: C0 but \\n and \\t, DEL, C1,
    bidirectional controls; and valid UTF-8."""
    for ch in (0x1B, 0x00, 0x07, 0x08, 0x0D, 0x7F, 0x9B):
        if bytes([ch]) in out:
            fail(name, "text view: raw byte 0x%02x" % ch)
    bad = [b for b in set(out) if b < 0x20 and b not in (0x0A, 0x09)]
    if bad:
        fail(name, "text view: raw control bytes %s" % sorted(bad))
    try:
        s = out.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(name, "text view: not UTF-8: %s" % e)
        return
    if C1.search(s) or BIDI.search(s):
        fail(name, "text view: a C1 or bidirectional control")


def check_json(name, out):
    """Every line valid UTF-8, parses, round-trips; no raw controls."""
    objs = []
    for i, line in enumerate(out.split(b"\n")[:-1]):
        try:
            s = line.decode("utf-8")
            o = json.loads(s)
        except (UnicodeDecodeError, ValueError) as e:
            fail(name, "json line %d: %s" % (i + 1, e))
            continue
        if s.encode("utf-8") != line or json.loads(json.dumps(
                o, ensure_ascii=False).encode("utf-8").decode("utf-8")) != o:
            fail(name, "json line %d: no UTF-8 round trip" % (i + 1))
        if BIDI.search(s) or C1.search(s) or any(c < " " for c in s):
            fail(name, "json line %d: a raw control" % (i + 1))
        objs.append(o)
    if out and not out.endswith(b"\n"):
        fail(name, "json: last line not ended")
    return objs


def codes(objs):
    return {a["code"] for o in objs for a in o.get("anomalies", [])}


def stat(err, what):
    m = re.search(what + r" (\d+)", err.decode("utf-8", "replace"))
    return int(m.group(1)) if m else None


def scenario(tlshake, work, name, env, sanitized, n=None, extra=()):
    pcap = os.path.join(work, name + (str(n) if n else "") + ".pcap")
    mkpcap.SCENARIOS[name](pcap, *([n] if n else []))
    st, out, err, _ = run(tlshake, ["--json", "--stats"] + list(extra) +
                          ["-r", pcap], env)
    objs = check_json(name, out)
    opened = stat(err, "most open at once") or 0
    conns = stat(err, r"connections") or 0
    expired = stat(err, "expired") or 0
    tst, tout, _, _ = run(tlshake, ["--color=never", "-v", "-r", pcap], env)
    check_text(name, tout)
    if tst != st:
        fail(name, "text view exit %d, --json %d" % (tst, st))
    st2, rss = run_rss(tlshake, ["--json"] + list(extra) + ["-r", pcap],
                       env)
    bound = (16 + 4) * 1024 + 2 * opened + 2 * 1024 * min(opened, 8)
    if sanitized:
        bound += 32 * 1024
    if rss > bound:
        fail(name, "peak RSS %d KiB over the bound %d KiB (%d open)" %
             (rss, bound, opened))
    print("  %-12s exit %d  %5d lines  open %6d  peak RSS %6d KiB "
          "(bound %6d)  codes %s" % (name + (str(n) if n else ""), st,
                                     len(objs), opened, rss, bound,
                                     ",".join(sorted(codes(objs))) or "-"))
    return st, objs, err, dict(open=opened, conns=conns, expired=expired,
                               rss=rss)


def expect(name, objs, want):
    missing = set(want) - codes(objs)
    if missing:
        fail(name, "anomaly codes missing: %s" % ", ".join(sorted(missing)))


def main():
    tlshake, work = sys.argv[1], sys.argv[2]
    only = set(sys.argv[3:])
    env = dict(os.environ, TZ="UTC", LC_ALL="C")
    with open(tlshake, "rb") as f:
        sanitized = b"__asan_init" in f.read()
    if sanitized:
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                               ":quarantine_size_mb=0").lstrip(":")

    def want(n):
        return not only or n in only

    if want("synflood"):
        # Half-open connections expire after 30 s of capture time: at
        # 1,000 SYNs a second about 30,000 are open at once, so twice the
        # SYNs must not take more memory.
        res = {}
        for n in (50000, 100000):
            st, objs, _, r = scenario(tlshake, work, "synflood", env,
                                      sanitized, n)
            res[n] = r
            if st != 0:
                fail("synflood", "exit %d" % st)
            if objs:
                fail("synflood", "half-open connections reported without "
                     "--all")
            if not 29000 <= r["open"] <= 31000:
                fail("synflood", "%d open at once, not about 30,000" %
                     r["open"])
            if r["conns"] != n or r["expired"] < n - r["open"] - 1:
                fail("synflood", "connections %d, expired %d" %
                     (r["conns"], r["expired"]))
        if res[100000]["rss"] > res[50000]["rss"] + 4096:
            fail("synflood", "memory grew with the input: %d then %d KiB" %
                 (res[50000]["rss"], res[100000]["rss"]))
        # --all reports every one, each printed as it expires.
        st, objs, _, r = scenario(tlshake, work, "synflood", env, sanitized,
                                  100000, ["--all"])
        if len(objs) != 100000 or [o["conn"] for o in objs[:3]] != [1, 2, 3]:
            fail("synflood", "--all: %d connections reported" % len(objs))

    if want("quicflood"):
        # Initials with random DCIDs from new ports: each opens a QUIC
        # connection, the cap evicts the longest idle, so twice the
        # Initials take no more memory (and nothing is reported: no TLS).
        res = {}
        for n in (20000, 40000):
            st, objs, err, r = scenario(tlshake, work, "quicflood", env,
                                        sanitized, n, ["--max-conns",
                                                       "4000"])
            res[n] = r
            evicted = stat(err, "evicted") or 0
            undec = stat(err, "QUIC Initials not opened") or 0
            if st != 0 or objs:
                fail("quicflood", "exit %d, %d reported" % (st, len(objs)))
            if r["open"] != 4000 or evicted != n - 4000 or undec != n:
                fail("quicflood", "%d open, %d evicted, %d not opened" %
                     (r["open"], evicted, undec))
        if res[40000]["rss"] > res[20000]["rss"] + 4096:
            fail("quicflood", "memory grew with the input: %d then %d KiB"
                 % (res[20000]["rss"], res[40000]["rss"]))

    if want("onebyte"):
        st, objs, _, _ = scenario(tlshake, work, "onebyte", env, sanitized)
        ref = os.path.join(work, "ref.pcap")
        pc = mkpcap.Pcap(ref)
        mkpcap.full_conn(pc)
        pc.close()
        _, rout, _, _ = run(tlshake, ["--json", "-r", ref], env)
        robjs = check_json("onebyte", rout)
        strip = lambda o: {k: v for k, v in o.get("tls", {}).items()
                           if k != "handshake_ms"}
        if st != 0 or len(objs) != 1 or not robjs or \
                strip(objs[0]) != strip(robjs[0]):
            fail("onebyte", "1-byte segments dissect differently")
        elif objs[0]["tls"].get("complete") is not True:
            fail("onebyte", "handshake not complete")

    simple = [
        ("overlap", ["tcp.overlap.conflict"]),
        ("reclen", ["tls.record.length", "tls.record.incomplete"]),
        ("hs16m", ["tls.handshake.too_large"]),
        ("certs10k", ["tls.certificate.x509"]),
        ("ext5000", []),
        ("suites32767", []),
        ("frags", ["ip.fragment.overlap"]),
        ("timeback", ["capture.time_backwards"]),
        ("snaplen64", ["capture.truncated"]),
        ("hostile", []),
        ("jumpahead", ["tcp.gap", "tcp.out_of_order.cap"]),
    ]
    for name, codes_ in simple:
        if not want(name):
            continue
        st, objs, _, _ = scenario(tlshake, work, name, env, sanitized)
        if st != 0:
            fail(name, "exit %d" % st)
        expect(name, objs, codes_)
        for o in objs:
            if len(o.get("anomalies", [])) > 32:
                fail(name, "more than 32 anomalies kept")
        tls = objs[0].get("tls", {}) if objs else {}
        if name == "certs10k" and "anomalies_dropped" not in objs[0]:
            fail(name, "10,000 bad entries but no anomalies_dropped")
        if name == "jumpahead" and (len(objs) != 100 or any(
                o.get("tls", {}).get("sni") != "example.com" or
                not o["tcp"].get("gaps") for o in objs)):
            fail(name, "%d connections, want 100 with their SNI and gaps"
                 % len(objs))
        if name == "ext5000" and len(tls.get("extensions_offered", [])) \
                != 5000:
            fail(name, "extensions_offered: %d" %
                 len(tls.get("extensions_offered", [])))
        if name == "suites32767" and \
                len(tls.get("cipher_suites_offered", [])) != 32767:
            fail(name, "cipher_suites_offered: %d" %
                 len(tls.get("cipher_suites_offered", [])))
        if name == "hostile":
            check_hostile(tlshake, work, objs, env)

    if want("random"):
        pcap = os.path.join(work, "random.pcap")
        mkpcap.rand(pcap)
        st, out, err, _ = run(tlshake, ["--json", "-r", pcap], env)
        check_json("random", out)
        if st not in (0, 3):
            fail("random", "exit %d, not 0 or 3" % st)
        if not err.startswith(b"tlshake: "):
            fail("random", "no diagnostic on stderr")
        print("  %-12s exit %d  stderr: %s" %
              ("random", st, err.decode("utf-8", "replace").strip()[:90]))

    if failures:
        print("%d failures" % len(failures))
        sys.exit(1)
    print("ok")


def check_hostile(tlshake, work, objs, env):
    """SNI and certificate subject through JSON, text and HTML."""
    sni = [o["tls"].get("sni") for o in objs]
    if not sni or sni[0] != HOSTILE_JSON:
        fail("hostile", "JSON sni %r, not %r" % (sni[:1], HOSTILE_JSON))
    if len(sni) < 2 or not sni[1] or len(sni[1]) < 4000:
        fail("hostile", "the 4 KB name is missing or cut short")
    subj = [c.get("subject", "") for o in objs
            for c in o["tls"].get("certificates", [])]
    if not subj or "alert(1)" not in subj[0] or "pwned" not in subj[0]:
        fail("hostile", "certificate subject not in the JSON: %r" % subj)
    pcap = os.path.join(work, "hostile.pcap")
    for args in (["--color=always"], ["-vv", "--color=never"], ["--diff"],
                 ["--report", "text"], ["--report", "md"]):
        st, out, _, _ = run(tlshake, args + ["-r", pcap], env)
        if st != 0:
            fail("hostile", "%s: exit %d" % (args, st))
        if args[0] == "--color=always":
            # SGR colours are ours; nothing else may carry an ESC.
            out = re.sub(rb"\x1b\[[0-9;]*m", b"", out)
        check_text("hostile %s" % " ".join(args), out)
    st, out, _, _ = run(tlshake, ["--report", "html", "-r", pcap], env)
    if st != 0 or out.count(b"<script") != 1 or \
            b"<script>alert" in out or b"<b>" in out:
        fail("hostile", "HTML report: markup from the wire")
    try:
        out.decode("utf-8")
    except UnicodeDecodeError:
        fail("hostile", "HTML report not UTF-8")


if __name__ == "__main__":
    main()
