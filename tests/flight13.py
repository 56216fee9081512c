#!/usr/bin/env python3
"""flight13: the TLS 1.3 client flight as tlshake infers it without keys
against what tshark read with them.

usage: flight13.py TLSHAKE CAPTURE...

For each TLS 1.3 connection of each CAPTURE that has a tshark truth file
recorded with its key log (CAPTURE.truth.jsonl), the frames of the
client's decrypted handshake messages after the ServerHello (Certificate,
CertificateVerify, Finished, EndOfEarlyData) must be the frames of the
records tlshake, given no key log, shows as the client's encrypted
handshake; so application data the client sends before the server
answers stays application data. Prints one line per connection.
"""
import json
import os
import subprocess
import sys

FLIGHT = {"certificate", "certificate_verify", "finished",
          "end_of_early_data"}


def main(argv):
    tlshake, caps = argv[0], argv[1:]
    bad = n = 0
    for cap in caps:
        truth = [json.loads(l) for l in open(cap + ".truth.jsonl")]
        env = dict(os.environ)
        env.pop("SSLKEYLOGFILE", None)
        out = subprocess.run([tlshake, "--json", "--no-verify", "-r", cap],
                             stdout=subprocess.PIPE, env=env,
                             check=True).stdout.decode()
        for c in (json.loads(l) for l in out.splitlines() if l):
            if c.get("tls", {}).get("version") != "TLSv1.3":
                continue
            want = sorted({t["frame"] for t in truth
                           if t.get("decrypted") and t["src"] == c["client"]
                           and t["hs_type_name"] in FLIGHT})
            got = sorted({m["frame"] for m in c.get("messages", [])
                          if m["dir"] == "c2s" and
                          m["type"] == "encrypted_handshake"})
            n += 1
            ok = want == got
            bad += not ok
            print("%s #%d client flight frames %s, tshark %s: %s" % (
                os.path.basename(cap), c["conn"], got, want,
                "ok" if ok else "DIFFERENT"))
    print("%d/%d connections agree" % (n - bad, n))
    return 1 if bad or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
