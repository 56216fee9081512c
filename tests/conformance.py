#!/usr/bin/env python3
"""conformance: compare tlshake --json with tshark's view of each handshake.

usage: conformance.py [--decrypted] TLSHAKE KNOWN_DIFFS DIR [DIR...]

For every capture in each DIR that has a CAPTURE.truth.jsonl beside it (the
format of ../shared/tools/tshark-truth), tlshake --json reads the capture and
each truth line with transport tcp and proto tls that is not encrypted,
unparsed or decrypted is looked for among tlshake's messages: same frame,
type and direction. For the ClientHello that opens each handshake the cipher
suites, extension types, SNI and supported versions are compared; for the
ServerHello the suite, version and the hash of the key schedule
(MD5_SHA1 below TLS 1.2, RFC 2246, 5); for the server's Certificate the subject
and issuer CNs. A line counts as matched when all of that agrees.

With --decrypted, only the captures that carry their secrets are read: a
CAPTURE.keys beside the capture (CAPTURE without its extension + ".keys",
given to tlshake --keylog) or a pcapng with a Decryption Secrets Block;
or none, when tshark read protected records without any (NULL ciphers);
and the truth lines tshark decrypted ("decrypted": true) are compared as
well: the message must be there with the same frame, type and direction,
marked "decrypted", and a decrypted server Certificate must name the same
subject and issuer CNs.

Every mismatch must be listed in KNOWN_DIFFS ("capture<TAB>frame<TAB>type
<TAB>reason"); an unlisted one fails the test, and so does a match rate
below 99% (listed differences still count against the rate). A listed
difference that no longer occurs is reported so the list can be pruned.
"""
import json
import os
import re
import subprocess
import sys

VERSIONS = {"0x0300": "SSLv3", "0x0301": "TLSv1.0", "0x0302": "TLSv1.1",
            "0x0303": "TLSv1.2", "0x0304": "TLSv1.3"}


def version_name(v):
    if v in VERSIONS:
        return VERSIONS[v]
    n = int(v, 16)
    if n & 0x0f0f == 0x0a0a and (n >> 8) == (n & 0xff):
        return "GREASE"
    if n >> 8 == 0x7f:
        return "TLSv1.3-draft-%02d" % (n & 0xff)
    return "0x%04x" % n


def cn_of(dn):
    """The CN values of an RFC 2253 string, as tshark lists them."""
    if dn is None:
        return None
    parts, cur, esc = [], "", False
    for ch in dn:
        if esc:
            cur += ch
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    # RFC 2253 writes the RDNs last first: tshark names the first CN of
    # the DER, the last one here.
    cns = [p[3:] for p in parts if p.startswith("CN=")]
    return cns[-1] if cns else None


def run_tlshake(tlshake, cap, opts):
    cmd = [tlshake, "--json", "--no-verify", "-r", cap] + opts
    # Only the secrets asked for: never the caller's SSLKEYLOGFILE.
    env = dict(os.environ)
    env.pop("SSLKEYLOGFILE", None)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120, env=env)
    if p.returncode not in (0, 3):
        raise RuntimeError("%s exited %d: %s" % (cmd, p.returncode,
                                                p.stderr.decode()[:300]))
    return [json.loads(l) for l in p.stdout.decode().splitlines() if l]


def index(conns):
    """(frame, type, src, dst) -> list of (conn, message, hs object)."""
    idx = {}
    for c in conns:
        hs_list = []
        if "tls" in c:
            hs_list = [c["tls"]] + c["tls"].get("renegotiations", [])
        ch_seen = sh_seen = cert_seen = 0
        for m in c.get("messages", []):
            if m["layer"] != "tls":
                continue
            src, dst = ((c["client"], c["server"]) if m["dir"] == "c2s"
                        else (c["server"], c["client"]))
            hs = None
            t = m["type"]
            if t == "client_hello":
                # fields are kept for the first hello of each handshake
                if ch_seen < len(hs_list) and not (
                        ch_seen == 1 and hs_list[0].get("hello_retry")
                        and len(hs_list) == 1):
                    hs = ("ch", hs_list[ch_seen])
                ch_seen += 1
            elif t == "server_hello":
                if sh_seen < len(hs_list):
                    hs = ("sh", hs_list[sh_seen])
                sh_seen += 1
            elif t == "certificate" and m["dir"] == "s2c":
                if cert_seen < len(hs_list):
                    hs = ("cert", hs_list[cert_seen])
                cert_seen += 1
            key = (m.get("frame"), t, src, dst)
            idx.setdefault(key, []).append((hs, bool(m.get("decrypted"))))
    return idx


def compare(truth, got):
    """Why a truth line and tlshake's fields differ, or None."""
    got, decrypted = got
    if truth.get("decrypted") and not decrypted:
        return "not marked decrypted"
    kind, hs = got if got else (None, None)
    name = truth["hs_type_name"]
    if hs is None:
        return None
    if kind == "ch" and name == "client_hello":
        suites = [s["id"] for s in hs.get("cipher_suites_offered", [])]
        if "ciphersuites" in truth and suites != truth["ciphersuites"]:
            return "cipher suites differ"
        if truth.get("ext_types", []) != hs.get("extensions_offered", []):
            return "extension types differ"
        if truth.get("sni") is not None and truth["sni"] != hs.get("sni"):
            return "sni differs: %r vs %r" % (truth.get("sni"),
                                              hs.get("sni"))
        want = [version_name(v) for v in truth.get("supported_versions", [])]
        if want != hs.get("versions_offered", []):
            return "supported versions differ"
    elif kind == "sh" and name == "server_hello":
        cs = hs.get("cipher_suite", {}).get("id")
        if truth.get("ciphersuite") and truth["ciphersuite"] != cs:
            return "chosen suite differs"
        if truth.get("supported_versions"):
            if version_name(truth["supported_versions"][0]) != \
                    hs.get("version"):
                return "version differs"
        elif truth.get("hs_version") and \
                version_name(truth["hs_version"]) != hs.get("version"):
            return "version differs"
        # RFC 2246, 5; RFC 4346, 5; RFC 6101, 6.2.2: below TLS 1.2 the key
        # schedule is MD5 with SHA-1 whatever the suite names.
        v = (truth.get("supported_versions") or [truth.get("hs_version")])[0]
        cs = hs.get("cipher_suite", {})
        if v and "hash" in cs and version_name(v) in (
                "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2"):
            want = cs["hash"] if cs["hash"] != "MD5_SHA1" else "SHA256"
            if version_name(v) != "TLSv1.2":
                want = "MD5_SHA1"
            if cs["hash"] != want:
                return "hash %s, the key schedule uses %s" % (cs["hash"],
                                                               want)
    elif kind == "cert" and name == "certificate":
        certs = hs.get("certificates", [])
        subj = [cn_of(c.get("subject")) for c in certs]
        iss = [cn_of(c.get("issuer")) for c in certs]
        if "cert_subject_cn" in truth and subj != truth["cert_subject_cn"]:
            return "certificate subject CNs differ: %r vs %r" % (
                truth["cert_subject_cn"], subj)
        if "cert_issuer_cn" in truth and iss != truth["cert_issuer_cn"]:
            return "certificate issuer CNs differ"
    return None


def keys_of(path):
    """The key log beside a capture, or None."""
    k = os.path.splitext(path)[0] + ".keys"
    return k if os.path.exists(k) else None


def has_dsb(path):
    """Does a pcapng file hold a Decryption Secrets Block of TLS keys?"""
    if not path.endswith(".pcapng"):
        return False
    with open(path, "rb") as f:
        data = f.read()
    return b"TLSK"[::-1] in data or b"TLSK" in data


def read_known(path):
    """KNOWN_DIFFS: (capture, frame, type) -> reason."""
    known = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        known[(f[0], int(f[1]), f[2])] = f[3] if len(f) > 3 else ""
    return known


def main():
    args = sys.argv[1:]
    decrypted = False
    if args and args[0] == "--decrypted":
        decrypted = True
        args = args[1:]
    tlshake, known_file = args[0], args[1]
    dirs = args[2:]
    known = read_known(known_file)
    total = matched = 0
    dec_total = [0, 0]          # decrypted truth lines, matched
    unlisted = []
    seen_known = set()
    per_source = {}
    for d in dirs:
        opts_of = {}
        man = os.path.join(d, "MANIFEST.tsv")
        if os.path.exists(man):
            for line in open(man, encoding="utf-8"):
                f = line.rstrip("\n").split("\t")
                if len(f) >= 9 and f[8]:
                    m = re.findall(r"tcp\.port==(\d+),tls", f[8])
                    opts_of[f[0]] = sum([["--port", p] for p in m], [])
        for name in sorted(os.listdir(d)):
            if not name.endswith(".truth.jsonl"):
                continue
            cap = name[:-len(".truth.jsonl")]
            path = os.path.join(d, cap)
            lines = [json.loads(l) for l in open(os.path.join(d, name),
                                                 encoding="utf-8") if l.strip()]
            opts = list(opts_of.get(cap, []))
            if decrypted:
                keys = keys_of(path)
                # without secrets tshark still reads NULL-cipher records
                if keys is None and not has_dsb(path) and not any(
                        t.get("decrypted") for t in lines):
                    continue
                if keys is not None:
                    opts += ["--keylog", keys]
            lines = [t for t in lines if t["transport"] == "tcp" and
                     t["proto"] == "tls" and not t.get("encrypted") and
                     not t.get("unparsed") and
                     (decrypted or not t.get("decrypted"))]
            if not lines:
                continue
            idx = index(run_tlshake(tlshake, path, opts))
            src = cap.split("__")[0] if "__" in cap else "project"
            ps = per_source.setdefault(src, [0, 0])
            for t in lines:
                if t.get("decrypted"):
                    dec_total[0] += 1
                total += 1
                ps[1] += 1
                key = (t["frame"], t["hs_type_name"], t["src"], t["dst"])
                why = None
                got = idx.get(key)
                if not got:
                    why = "message not found"
                else:
                    why = compare(t, got.pop(0))
                if why is None:
                    matched += 1
                    ps[0] += 1
                    if t.get("decrypted"):
                        dec_total[1] += 1
                    continue
                k = (cap, t["frame"], t["hs_type_name"])
                if k in known:
                    seen_known.add(k)
                else:
                    unlisted.append("%s\t%d\t%s\t%s" % (cap, t["frame"],
                                                        t["hs_type_name"], why))
    for src, (m, n) in sorted(per_source.items()):
        print("source %-10s %5d/%-5d %.2f%%" % (src, m, n, 100.0 * m / n))
    rate = 100.0 * matched / total if total else 100.0
    if decrypted:
        print("decrypted truth lines %d/%d matched" % (dec_total[1],
                                                       dec_total[0]))
    print("total %d/%d matched: %.2f%%" % (matched, total, rate))
    for k in sorted(set(known) - seen_known):
        print("listed but no longer different: %s\t%d\t%s" % k)
    for u in unlisted:
        print("UNLISTED DIFFERENCE: " + u)
    ok = rate >= 99.0 and not unlisted
    print("conformance: %s" % ("ok" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
