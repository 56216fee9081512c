#!/bin/sh
# Legacy suites recorded by pcaps/make-pcaps.sh (legacy-openssl: SEED;
# legacy-gnutls: RC4-SHA, RC4-MD5, 3DES) open with their key logs: every
# Finished tshark decrypted is decrypted (tests/decrypt-public.sh checks
# frames and types). Here: RC4 and SEED come from OpenSSL's legacy
# provider only, so without it (OPENSSL_MODULES pointing nowhere) those
# connections say tls.decrypt.unsupported and stay encrypted, while 3DES
# (default provider) still opens.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
for n in legacy-openssl legacy-gnutls; do
	[ -f "$PCAPS/$n.pcap" ] || fail "$n.pcap missing"
	"$TLSHAKE" --json --no-verify -r "$PCAPS/$n.pcap" --keylog "$PCAPS/$n.keys" \
	    >"$T/$n.with" || fail "$n: tlshake failed"
	OPENSSL_MODULES=$T/none "$TLSHAKE" --json --no-verify -r "$PCAPS/$n.pcap" \
	    --keylog "$PCAPS/$n.keys" >"$T/$n.without" || fail "$n: tlshake failed"
done
python3 - "$T" "$PCAPS" <<'PY' || fail "legacy decryption"
import json, sys
t, pcaps = sys.argv[1], sys.argv[2]
bad = 0
for n in ("legacy-openssl", "legacy-gnutls"):
    # the suites the peers chose, from tshark's truth, per server port of the client
    truth = [json.loads(l) for l in open("%s/%s.pcap.truth.jsonl" % (pcaps, n))]
    suite = {x["dst"]: x["ciphersuite"] for x in truth if x.get("hs_type") == 2}
    fins = {}
    for x in truth:
        if x.get("hs_type") == 20 and x.get("decrypted"):
            fins.setdefault(x["src"] if x["src"] in suite else x["dst"], 0)
            fins[x["src"] if x["src"] in suite else x["dst"]] += 1
    for mode in ("with", "without"):
        for c in map(json.loads, open("%s/%s.%s" % (t, n, mode))):
            cs = suite[c["client"]]
            legacy = cs in ("0x0096", "0x009a", "0x0004", "0x0005")
            dec = sum(1 for m in c["messages"]
                      if m["type"] == "finished" and m.get("decrypted"))
            codes = [a["code"] for a in c.get("anomalies", [])]
            want_dec = 0 if (mode == "without" and legacy) else fins[c["client"]]
            want_anom = mode == "without" and legacy
            if dec != want_dec or ("tls.decrypt.unsupported" in codes) != want_anom:
                print("%s %s suite %s: %d Finished decrypted (want %d), anomalies %s"
                      % (n, mode, cs, dec, want_dec, codes))
                bad += 1
sys.exit(1 if bad else 0)
PY
echo "legacy suites: SEED, RC4-SHA, RC4-MD5 and 3DES open; without the legacy provider only 3DES"
