#!/bin/sh
# Decryption end to end on the project's recorded captures (real openssl
# and gnutls peers, pcaps/make-pcaps.sh), each with the key log its client
# wrote: the certificate revealed is the one the server used (its subject
# and serial as pcaps/NAME.peers.txt and `openssl x509` on pcaps/certs/
# say), and each scenario shows what it must: TLS 1.3 with every AEAD,
# TLS 1.2 GCM and CBC, HelloRetryRequest, resumption, mutual TLS, key
# update, renegotiation, 0-RTT. No record may fail to authenticate.
# (The decrypted messages against tshark's truth: tests/decrypt-public.sh.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
need python3
need openssl
exec python3 - "$TLSHAKE" "$PCAPS" <<'EOF'
import json, os, re, subprocess, sys

tlshake, pcaps = sys.argv[1], sys.argv[2]
fails = 0


def run(name, *opts):
    cmd = [tlshake, "-r", os.path.join(pcaps, name + ".pcap"),
           "--keylog", os.path.join(pcaps, name + ".keys"),
           "--ca-file", os.path.join(pcaps, "certs", "root.pem")] + list(opts)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d %s" % (cmd, p.returncode, p.stderr))
    return p.stdout.decode()


def conns(name):
    return [json.loads(l) for l in run(name, "--json").splitlines() if l]


def check(name, cond, what):
    global fails
    print("%s %-16s %s" % ("ok  " if cond else "FAIL", name, what))
    if not cond:
        fails += 1


def peers_leaf(name):
    """The server's certificate: its subject and serial from peers.txt,
    and the subject `openssl x509` reads from pcaps/certs."""
    text = open(os.path.join(pcaps, name + ".peers.txt")).read()
    m = re.search(r"^# server: .*?(?:-key|--x509keyfile) (certs/\S+)\.key",
                  text, re.M)
    pem = m.group(1) + ".pem"
    m = re.search(r"^x509 %s: subject=(.*?) \| .*serial=([0-9A-F]+)" %
                  re.escape(pem), text, re.M)
    x = subprocess.run(["openssl", "x509", "-noout", "-subject", "-nameopt",
                        "RFC2253", "-in", os.path.join(pcaps, pem)],
                       stdout=subprocess.PIPE, check=True).stdout.decode()
    return m.group(1), m.group(2).lower(), x.strip()[len("subject="):]


def decrypted(c, dirn=None):
    return [m["type"] for m in c.get("messages", []) if m.get("decrypted")
            and (dirn is None or m["dir"] == dirn)]


def no_failures(name, cs):
    bad = [a for c in cs for a in c.get("anomalies", [])
           if a["code"] == "tls.decrypt.failed"]
    check(name, not bad, "every record authenticated")


def leaf_is_servers(name, c):
    subj, serial, xsubj = peers_leaf(name)
    certs = c["tls"].get("certificates", [])
    got = certs[0] if certs else {}
    check(name, got.get("subject") == subj == xsubj and
          got.get("serial", "").lstrip("0x") == serial.lstrip("0"),
          "certificate %r, serial %s (server: %r)" % (
              got.get("subject"), got.get("serial"), subj))
    check(name, c["tls"].get("chain", {}).get("valid") is True and
          c["tls"]["chain"].get("hostname_match") is True,
          "chain valid for the SNI against certs/root.pem")


# TLS 1.3 with each AEAD, and HRR: the whole server flight revealed.
for name, suite in (("demo", "0x1301"), ("tls13-aes256", "0x1302"),
                    ("tls13-chacha", "0x1303"), ("tls13-ccm", "0x1304"),
                    ("tls13-hrr", "0x1302"), ("ipv6", "0x1302"),
                    ("gnutls", "0x1302")):
    cs = conns(name)
    c = cs[0]
    no_failures(name, cs)
    check(name, c["tls"]["cipher_suite"]["id"] == suite, "suite " + suite)
    check(name, c["tls"].get("decrypted") is True and
          c["tls"].get("certificates_source") == "decrypted",
          "decrypted, certificates from decrypted records")
    s2c = decrypted(c, "s2c")
    check(name, s2c[:4] == ["encrypted_extensions", "certificate",
                            "certificate_verify", "finished"],
          "server flight " + ",".join(s2c[:4]))
    check(name, "finished" in decrypted(c, "c2s"), "client Finished")
    leaf_is_servers(name, c)
    if name == "tls13-hrr":
        check(name, c["tls"].get("hello_retry") is True, "HelloRetryRequest")

# TLS 1.2: GCM, CBC (encrypt_then_mac), static RSA, DHE, ECDSA, and the
# second connection of the resumption captures.
for name in ("tls12-cbc", "tls12-rsa", "tls12-dhe", "tls12-ecdsa",
             "tls12-resume", "tls12-ticket"):
    cs = conns(name)
    no_failures(name, cs)
    for i, c in enumerate(cs):
        check(name, decrypted(c, "c2s")[:1] == ["finished"] and
              decrypted(c, "s2c")[:1] == ["finished"],
              "conn %d: both Finished decrypted (%s)" % (
                  i + 1, c["tls"]["cipher_suite"]["name"]))
    leaf_is_servers(name, cs[0])
    if name in ("tls12-resume", "tls12-ticket"):
        check(name, cs[1]["tls"].get("resumed") is True,
              "second connection resumed")

# Resumption in TLS 1.3: no certificate, EncryptedExtensions and Finished.
cs = conns("tls13-resume")
no_failures("tls13-resume", cs)
check("tls13-resume", decrypted(cs[1], "s2c")[:2] ==
      ["encrypted_extensions", "finished"] and cs[1]["tls"]["resumed"],
      "PSK resumption revealed")

# Mutual TLS: the client's certificate is revealed too.
for name in ("tls13-mtls", "tls12-mtls"):
    cs = conns(name)
    no_failures(name, cs)
    c = cs[0]
    want = (["certificate_request"] if name == "tls13-mtls" else [])
    check(name, all(t in decrypted(c) for t in want + ["finished"]),
          "CertificateRequest and Finished")
    leaf_is_servers(name, c)
    x = subprocess.run(["openssl", "x509", "-noout", "-subject", "-nameopt",
                        "RFC2253", "-in",
                        os.path.join(pcaps, "certs", "client.pem")],
                       stdout=subprocess.PIPE).stdout.decode().strip()
    text = run(name, "-v")
    check(name, ("cert 0  subject " + x[len("subject="):]) in text,
          "client certificate " + x)

# Key update: each side's KeyUpdate is followed, data after it opens.
cs = conns("tls13-keyupdate")
no_failures("tls13-keyupdate", cs)
for d in ("c2s", "s2c"):
    t = decrypted(cs[0], d)
    i = t.index("key_update") if "key_update" in t else -1
    check("tls13-keyupdate", i >= 0 and "application_data" in t[i:],
          "%s KeyUpdate, then application data" % d)

# Renegotiation: the second handshake, under the first one's keys.
cs = conns("tls12-reneg")
no_failures("tls12-reneg", cs)
for i, c in enumerate(cs):
    r = c["tls"].get("renegotiations", [])
    check("tls12-reneg", len(r) == 1 and
          decrypted(c).count("client_hello") == 1 and
          decrypted(c).count("finished") == 4,
          "conn %d: second handshake revealed (%s)" % (
              i + 1, ",".join(decrypted(c))))

# 0-RTT: the early data and EndOfEarlyData open with the early secret.
cs = conns("tls13-0rtt")
no_failures("tls13-0rtt", cs)
c = cs[1]
t = [(m["type"], m.get("decrypted")) for m in c["messages"]
     if m["layer"] == "tls" and m["dir"] == "c2s"]
check("tls13-0rtt", ("end_of_early_data", True) in t and
      t.index(("application_data", True)) < t.index(("end_of_early_data",
                                                        True)),
      "early data and EndOfEarlyData decrypted")

# The client aborted: its server flight is still revealed.
cs = conns("reset")
check("reset", "certificate" in decrypted(cs[0], "s2c"),
      "certificate revealed though the client reset")

print("decrypt-pcaps: %d failures" % fails)
sys.exit(1 if fails else 0)
EOF
