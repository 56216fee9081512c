#!/bin/sh
# NULL-encryption suites without any key (pcaps/null.pcap: NULL-SHA256 over
# TLS 1.2, ECDHE-RSA-NULL-SHA over TLS 1.0). The records after
# ChangeCipherSpec are plaintext and a MAC: tshark reads them without a key
# log, and so must tlshake. Finished messages are checked against the truth
# file by tests/decrypt-public.sh; here the rest, as tshark shows it:
#   tshark -r pcaps/null.pcap -d tcp.port==44323,tls \
#     -Y 'tls.app_data || tls.alert_message' -T fields -e frame.number \
#     -e tls.record.length -e tls.app_data -e tls.alert_message.desc
# gives per connection one application_data record each way (38 bytes:
# "hello\n" and its reverse plus HMAC-SHA256's 32; then 26: 6 + SHA-1's 20)
# and a close_notify alert each way, read in the clear.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
[ -f "$PCAPS/null.pcap" ] || fail "null.pcap missing"
"$TLSHAKE" --json --no-verify -r "$PCAPS/null.pcap" >"$T/out" || fail "tlshake failed"
"$TLSHAKE" --no-verify -r "$PCAPS/null.pcap" >"$T/text" || fail "tlshake failed"
[ "$(grep -c '  in the clear' "$T/text")" = 2 ] || fail "text header does not say 'in the clear'"
python3 - "$T/out" <<'PY' || fail "NULL cipher"
import json, sys
conns = [json.loads(l) for l in open(sys.argv[1])]
want = {"0x003b": 6, "0xc010": 6}      # record length minus the MAC (tshark)
assert len(conns) == 2, "want 2 connections, got %d" % len(conns)
for c in conns:
    t = c["tls"]
    cs = t["cipher_suite"]["id"]
    assert t.get("cleartext") is True, "%s: cleartext not set" % cs
    assert t.get("decrypted") is False, "%s: said decrypted without keys" % cs
    assert t.get("complete") is True, "%s: not complete" % cs
    ad = [m for m in c["messages"] if m["type"] == "application_data"]
    assert sorted(m["dir"] for m in ad) == ["c2s", "s2c"], ad
    assert all(m["len"] == want[cs] for m in ad), "%s: %r" % (cs, ad)
    fin = [m for m in c["messages"] if m["type"] == "finished"]
    assert len(fin) == 2 and all(m["len"] == 12 for m in fin), fin
    al = t.get("alerts", [])
    assert sorted(a["dir"] for a in al) == ["c2s", "s2c"], al
    assert all(a["description"] == "close_notify" and not a["encrypted"]
               for a in al), al
    assert not any(m["type"].startswith("encrypted") for m in c["messages"])
PY
echo "NULL suites: Finished, application data (MAC removed) and alerts read without keys"
