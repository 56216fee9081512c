#!/bin/sh
# A pure SSLv2 handshake is complete with the server's second encrypted
# message (draft-hickman-netscape-ssl-00, 2.6: SERVER-VERIFY, then
# SERVER-FINISHED after the client's CLIENT-FINISHED). The expectation
# comes from tshark's list of the capture's SSLv2 records: the time from
# the CLIENT-HELLO to the server's second "Encrypted Data".
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need tshark
need python3
cap=$PUBLIC/zeek__ssl-v2.pcap
[ -f "$cap" ] || skip "no $cap"
tmpdir
tshark -n -r "$cap" -Y ssl -T fields -e frame.time_relative -e tcp.srcport \
    -e _ws.col.Info >"$T/records" 2>/dev/null || fail "tshark"
"$TLSHAKE" --json -r "$cap" | python3 -c '
import json, sys
recs = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
start = float([r for r in recs if r[2] == "Client Hello"][0][0])
enc = [r for r in recs if r[1] == "443" and r[2] == "Encrypted Data"]
want = round((float(enc[1][0]) - start) * 1000, 3)
tls = json.loads(sys.stdin.readline())["tls"]
print("handshake %s ms, complete %s; tshark: %s ms" % (
    tls.get("handshake_ms"), tls.get("complete"), want))
sys.exit(0 if tls.get("complete") and tls.get("handshake_ms") == want else 1)
' "$T/records"
[ $? = 0 ] || fail "SSLv2 handshake not complete where tshark's records say"
