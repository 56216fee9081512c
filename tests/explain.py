#!/usr/bin/env python3
"""explain: the --explain steps against what the peers were set up to do.

usage: explain.py TLSHAKE PCAPS CA [EXTRA.pcap:CODES ...]

For each project capture below, the codes of every connection's steps,
in order, are what its peers were configured to do (make-pcaps.sh, the
NAME.peers.txt command lines); a code ending in "?" may be absent. Then
the values inside the sentences are checked against the JSON of the same
run: counts of suites, the chosen suite and its place, the round trip,
certificate names, message sizes, the handshake time.
"""
import json
import os
import re
import subprocess
import sys

# Every TLS 1.2 and 1.3 server is openssl s_server with the RSA chain
# (leaf + intermediate, root given with --ca-file) unless said; s_server
# sends NewSessionTickets by default. TLS 1.3 captures are read with their
# key log when the story needs what is encrypted.
FULL12 = ["tcp.handshake", "hello.offer", "hello.choice", "cert.chain_valid"]
END12 = ["ccs", "finished"]
HELLO13 = ["tcp.handshake", "hello.offer", "hello.choice"]
END13 = ["cipher.aead", "ccs", "finished"]
EXPECT = {
    # -cipher AES256-GCM-SHA384: static RSA key transport, AEAD.
    ("tls12-rsa", False): [FULL12 + ["kx.rsa_transport", "cipher.aead"] +
                           END12 + ["ticket"]],
    # ECDHE-ECDSA-AES256-GCM-SHA384 to the ECDSA leaf.
    ("tls12-ecdsa", False): [FULL12 + ["kx.ecdhe", "cipher.aead"] + END12 +
                             ["ticket"]],
    # DHE-RSA-AES128-GCM-SHA256: finite-field DHE.
    ("tls12-dhe", False): [FULL12 + ["kx.dhe", "cipher.aead"] + END12 +
                           ["ticket"]],
    # ECDHE-RSA-AES128-SHA: a CBC suite.
    ("tls12-cbc", False): [FULL12 + ["kx.ecdhe", "cipher.cbc"] + END12 +
                           ["ticket"]],
    # -Verify 1 on the server, -cert on the client: mutual TLS.
    ("tls12-mtls", False): [FULL12 + ["kx.ecdhe", "cert.client",
                                      "cipher.aead"] + END12 + ["ticket"]],
    # -no_ticket on both: a full handshake, then resumption by session ID.
    ("tls12-resume", False): [
        FULL12 + ["kx.ecdhe", "cipher.aead"] + END12,
        ["tcp.handshake", "hello.offer", "hello.choice", "resumption",
         "cipher.aead"] + END12],
    # Tickets: the full handshake gets one, the second resumes with it.
    ("tls12-ticket", False): [
        FULL12 + ["kx.ecdhe", "cipher.aead"] + END12 + ["ticket"],
        ["tcp.handshake", "hello.offer", "hello.choice", "resumption",
         "cipher.aead"] + END12 + ["ticket?"]],
    # Renegotiation (client R, server r), seen with the key log.
    ("tls12-reneg", True): [
        FULL12 + ["kx.ecdhe", "cipher.aead"] + END12 + ["ticket",
                                                        "renegotiation"]] * 2,
    # The demo: TLS 1.3 (no key log: encrypted), TLS 1.2 ECDHE-RSA, and a
    # client offering only AES256-SHA256 to a server with ECDHE+AESGCM.
    ("demo", False): [
        HELLO13 + ["kx.tls13", "tls13.encrypted"] + END13,
        FULL12 + ["kx.ecdhe", "cipher.aead"] + END12 + ["ticket"],
        ["tcp.handshake", "hello.offer", "alert"]],
    ("tls13-aes256", False): [HELLO13 + ["kx.tls13", "tls13.encrypted"] +
                              END13],
    ("tls13-aes256", True): [HELLO13 + ["kx.tls13", "tls13.encrypted",
                                        "cert.chain_valid"] + END13 +
                             ["ticket"]],
    # A client key share for x25519, a server that takes only P-256.
    ("tls13-hrr", False): [["tcp.handshake", "hello.offer", "hrr",
                            "hello.choice", "kx.tls13", "tls13.encrypted"] +
                           END13],
    # A full handshake with tickets, then a psk_dhe_ke resumption.
    ("tls13-resume", True): [
        HELLO13 + ["kx.tls13", "tls13.encrypted", "cert.chain_valid"] +
        END13 + ["ticket"],
        HELLO13 + ["kx.psk", "tls13.encrypted"] + END13 + ["ticket?"]],
    # The same with 0-RTT early data the server accepts.
    ("tls13-0rtt", True): [
        HELLO13 + ["kx.tls13", "tls13.encrypted", "cert.chain_valid"] +
        END13 + ["ticket"],
        HELLO13 + ["kx.psk", "tls13.early_data", "tls13.encrypted"] +
        END13 + ["ticket?"]],
    # -Verify 1 under TLS 1.3: the client certificate in the encrypted part.
    ("tls13-mtls", True): [HELLO13 + ["kx.tls13", "tls13.encrypted",
                                      "cert.chain_valid", "cert.client"] +
                           END13 + ["ticket?"]],
    # QUIC (pcaps/udp, ngtcp2 peers), TLS 1.3 inside, no key log: the
    # handshake is encrypted from ServerHello on, its end unseen.
    ("udp/quic-v1", False): [["quic", "hello.offer", "hello.choice",
                              "kx.tls13", "tls13.encrypted",
                              "cipher.aead"]],
    # The python client reads the server's flight, never finishes, RST.
    ("reset", True): [HELLO13 + ["kx.tls13", "tls13.encrypted",
                                 "cert.chain_valid", "cipher.aead", "ccs",
                                 "tcp.reset"]],
}


def run(tlshake, args):
    p = subprocess.run([tlshake, "--json", "--explain"] + args,
                       stdout=subprocess.PIPE, timeout=120, check=False)
    return [json.loads(l) for l in p.stdout.decode().splitlines() if l]


def match(got, want):
    """got (codes) against want, where "x?" may be absent."""
    i = 0
    for w in want:
        opt = w.endswith("?")
        w = w.rstrip("?")
        if i < len(got) and got[i] == w:
            i += 1
        elif not opt:
            return False
    return i == len(got)


def step(conn, code):
    for s in conn["explain"]:
        if s["code"] == code:
            return s["text"]
    return None


def has(bad, what, text, needle):
    if text is None or needle not in text:
        bad.append("%s: %r not in %r" % (what, needle, text))


def values(name, conn, bad):
    """The numbers and names of the sentences, from the JSON."""
    t = conn.get("tls", {})
    what = "%s #%d" % (name, conn["conn"])
    real = [s for s in t.get("cipher_suites_offered", [])
            if s["id"] not in ("0x00ff", "0x5600") and
            not re.match(r"0x([0-9a-f])a\1a", s["id"])]
    has(bad, what + " offer", step(conn, "explain.hello.offer"),
        "offered %d cipher suite" % len(real))
    if t.get("sni"):
        has(bad, what + " sni", step(conn, "explain.hello.offer"), t["sni"])
    tcp = conn.get("tcp", {})
    if "rtt_ms" in tcp:
        has(bad, what + " rtt", step(conn, "explain.tcp.handshake"),
            "round trip %.3f ms" % tcp["rtt_ms"])
    cs = t.get("cipher_suite")
    if cs and step(conn, "explain.hello.choice") is not None:
        text = step(conn, "explain.hello.choice")
        has(bad, what + " suite", text, cs["name"])
        pos = [s["name"] for s in real].index(cs["name"]) + 1
        if len(real) > 1:
            has(bad, what + " position", text,
                "number %d of the %d" % (pos, len(real)))
    certs = t.get("certificates", [])
    text = [s["text"] for s in conn["explain"]
            if s["code"].startswith("explain.cert.") and
            s["code"] != "explain.cert.client"]
    if certs and text:
        cn = re.search(r"CN=([^,]+)", certs[0]["subject"]).group(1)
        icn = re.search(r"CN=([^,]+)", certs[0]["issuer"]).group(1)
        has(bad, what + " cert", text[0], "sent %d certificate" % len(certs))
        has(bad, what + " subject", text[0], "for %s (" % cn)
        has(bad, what + " issuer", text[0], "issued by %s," % icn)
        has(bad, what + " validity", text[0],
            "valid from %s to %s" % (certs[0]["not_before"][:10],
                                     certs[0]["not_after"][:10]))
    sizes = {m["type"]: m["len"] for m in conn.get("messages", [])
             if m["layer"] == "tls"}
    for code in ("explain.kx.rsa_transport", "explain.kx.ecdhe",
                 "explain.kx.dhe"):
        if step(conn, code) is not None:
            has(bad, what + " cke", step(conn, code),
                "ClientKeyExchange, %d B" % sizes["client_key_exchange"]
                if code.endswith("rsa_transport") else
                "ClientKeyExchange (%d B)" % sizes["client_key_exchange"])
    if "handshake_ms" in t and step(conn, "explain.finished") is not None:
        has(bad, what + " time", step(conn, "explain.finished"),
            "took %.3f ms" % t["handshake_ms"])


def main():
    tlshake, pcaps, ca = sys.argv[1:4]
    bad, n = [], 0
    cases = [(k, v) for k, v in EXPECT.items()]
    for arg in sys.argv[4:]:
        path, codes = arg.split(":", 1)
        cases.append(((path, None), [codes.split(",")]))
    for (name, keys), want in cases:
        if keys is None:
            args = ["-r", name, "--ca-file", ca]
        else:
            args = ["-r", "%s/%s.pcap" % (pcaps, name), "--ca-file", ca]
            if keys:
                args += ["--keylog", "%s/%s.keys" % (pcaps, name)]
            if not os.path.exists(args[1]):
                # pcaps/udp is not in the release tarball (yet)
                print("note: no %s; skipped" % args[1])
                continue
        conns = run(tlshake, args)
        if len(conns) != len(want):
            bad.append("%s: %d connections, want %d" % (name, len(conns),
                                                        len(want)))
            continue
        for conn, w in zip(conns, want):
            got = [s["code"] for s in conn["explain"]]
            n += 1
            if not match(got, ["explain." + c for c in w]):
                bad.append("%s #%d: codes %s, want %s" % (
                    name, conn["conn"], " ".join(got), " ".join(w)))
            values(name, conn, bad)
    for b in bad:
        print("FAIL " + b)
    print("%d connections, %d failures" % (n, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
