#!/usr/bin/env python3
"""diffpeers: tlshake --diff --json against what the peers printed.

usage: diffpeers.py TLSHAKE PCAPDIR

For every PCAPDIR/NAME.pcap with NAME.peers.txt, each "[conn N]" block in
which openssl s_server printed "Client cipher list" and "Ciphersuite" is
checked against tlshake's "connection" object number N:
  - the chosen suite (s_server's, mapped from OpenSSL's names to IANA's
    with `openssl ciphers -stdname`);
  - its position in the client's list: s_server's list is the client's
    offer in the client's order;
  - the offered list itself, in order;
  - the chosen version (s_server's "Protocol version");
  - the group, from s_client's "Server Temp Key" (X25519, P-256).
The demo's per-server object must show both choices and fit Mozilla's
"intermediate" profile (the server ran with -cipher ECDHE+AESGCM and
TLS 1.3), and its third connection (client offering only AES256-SHA256)
must have failed with that suite offered and graded weak.
"""
import json
import os
import re
import subprocess
import sys

GROUPS = {"X25519": "x25519", "X448": "x448", "prime256v1": "secp256r1",
          "P-256": "secp256r1"}


def openssl_names():
    # the legacy provider names SEED and the other legacy suites too
    m = {}
    for prov in (["-provider", "legacy", "-provider", "default"], []):
        p = subprocess.run(["openssl", "ciphers"] + prov + [
                           "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if p.returncode == 0:
            break
    for line in p.stdout.decode().splitlines():
        f = line.split()
        if len(f) >= 3 and f[1] == "-":
            m[f[2]] = f[0]
    return m


def blocks(path):
    out, cur = {}, None
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"\[conn (\d+)\]", line)
        if m:
            cur = out.setdefault(int(m.group(1)), {})
            continue
        if cur is None:
            continue
        for key, pat in (("list", r"server: Client cipher list: (.*)"),
                         ("suite", r"server: Ciphersuite: (\S+)"),
                         ("version", r"server: Protocol version: (\S+)"),
                         ("tempkey", r"client: Server Temp Key: (.*)")):
            m = re.match(pat, line.rstrip("\n"))
            if m and key not in cur:
                cur[key] = m.group(1)
    return out


def main():
    tlshake, d = sys.argv[1], sys.argv[2]
    names = openssl_names()
    iana = lambda n: names.get(n, n)
    checks = fails = 0

    def check(ok, what):
        nonlocal checks, fails
        checks += 1
        if not ok:
            fails += 1
            print("FAIL: " + what)

    for f in sorted(os.listdir(d)):
        if not f.endswith(".peers.txt"):
            continue
        name = f[:-len(".peers.txt")]
        cap = os.path.join(d, name + ".pcap")
        if not os.path.exists(cap):
            continue
        p = subprocess.run([tlshake, "--diff", "--json", "-r", cap],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(p.returncode == 0, "%s: exit %d" % (name, p.returncode))
        objs = [json.loads(l) for l in p.stdout.decode().splitlines() if l]
        conns = {o["conn"]: o for o in objs if o["type"] == "connection"}
        for n, b in sorted(blocks(os.path.join(d, f)).items()):
            if "list" not in b or "suite" not in b:
                continue
            o = conns.get(n)
            where = "%s conn %d" % (name, n)
            check(o is not None, where + ": no diff object")
            if o is None:
                continue
            want_list = [iana(x) for x in b["list"].split(":")]
            want = iana(b["suite"])
            cs = o.get("cipher_suites", {})
            got_list = [s["name"] for s in cs.get("offered", [])
                        if s["name"] != "GREASE"]
            check(got_list == want_list, "%s: offered %r, peer %r" %
                  (where, got_list, want_list))
            check(cs.get("chosen", {}).get("name") == want,
                  "%s: chosen %r, peer %r" %
                  (where, cs.get("chosen", {}).get("name"), want))
            check(cs.get("position") == want_list.index(want) + 1
                  if want in want_list else False,
                  "%s: position %r, peer %r" % (where, cs.get("position"),
                  want_list.index(want) + 1 if want in want_list else None))
            if "version" in b:
                # s_server says TLSv1 for TLS 1.0
                if b["version"] == "TLSv1":
                    b["version"] = "TLSv1.0"
                check(o["versions"].get("chosen") == b["version"],
                      "%s: version %r, peer %r" % (
                          where, o["versions"].get("chosen"), b["version"]))
            tk = b.get("tempkey", "")
            g = [GROUPS[w] for w in re.split(r"[ ,]+", tk) if w in GROUPS]
            if g:
                check(o.get("groups", {}).get("chosen") == g[0],
                      "%s: group %r, peer %r" % (
                          where, o.get("groups", {}).get("chosen"), g[0]))
        if name == "demo":
            srv = [o for o in objs if o["type"] == "server"]
            check(len(srv) == 1 and srv[0].get("profile") == "intermediate"
                  and srv[0].get("unchosen") == 1 and
                  len(srv[0].get("choices", [])) == 2,
                  "demo: server object %r" % srv)
            c3 = conns.get(3, {})
            off = c3.get("cipher_suites", {}).get("offered", [])
            check(c3.get("status") == "failed" and
                  "chosen" not in c3.get("cipher_suites", {}) and
                  any(s["name"] == "TLS_RSA_WITH_AES_256_CBC_SHA256" and
                      s.get("strength") == "weak" and
                      "no FS" in s.get("reasons", []) for s in off),
                  "demo conn 3: %r" % c3.get("cipher_suites"))
            tot = [o for o in objs if o["type"] == "totals"]
            check(tot and tot[0]["connections"] == 3,
                  "demo: totals %r" % tot)
    print("diff against the peers: %d checks, %d failed" % (checks, fails))
    return 1 if fails or checks < 20 else 0


if __name__ == "__main__":
    sys.exit(main())
