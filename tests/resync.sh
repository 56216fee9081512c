#!/bin/sh
# Records found again where their boundaries were lost: synthetic
# conversations (tests/mkresync.py: a capture begun inside the server's
# flight, gaps inside and between records, a 65,535-byte first record,
# header-like noise) and the project's captures cut by tests/cutpcap.py
# (the first one or two data packets of each connection gone, or the second
# or third one), read by content (no --port) and checked against what
# tshark, told the port is TLS, dissects in the same files
# (tests/resync/*.truth.jsonl). Regenerate a truth file with
#   ../shared/tools/tshark-truth -d tcp.port==PORT,tls -o tests/resync/F.truth.jsonl F
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
need tshark
need editcap
tmpdir
python3 "$top_srcdir/tests/mkresync.py" "$T" || fail "mkresync"
for t in "$top_srcdir"/tests/resync/*-start[12].pcapng.truth.jsonl \
    "$top_srcdir"/tests/resync/*-gap[23].pcapng.truth.jsonl; do
	f=$(basename "$t" .truth.jsonl)
	v=${f##*-}; v=${v%.pcapng}
	python3 "$top_srcdir/tests/cutpcap.py" "${v%?}" "${v#"${v%?}"}" \
	    "$PCAPS/${f%-*}.pcap" "$T/$f" || fail "cutpcap $f"
done
cp "$top_srcdir"/tests/resync/*.truth.jsonl "$T/"
python3 "$top_srcdir/tests/conformance.py" "$TLSHAKE" \
    "$top_srcdir/tests/known-differences.txt" "$T" || fail "resync conformance"
json() { "$TLSHAKE" --json --no-verify -r "$T/$1.pcap"; }
# what is inferred says so; bytes before the first record are no STARTTLS
json midstream >"$T/m.json" || fail "midstream"
grep -q '"tls.record.resync"' "$T/m.json" || fail "midstream: resync not marked"
grep -q '"starttls"' "$T/m.json" && fail "midstream: taken for STARTTLS"
# the record after a gap inside a record is found by its offset alone
json gap-record | grep -q '"type":"server_key_exchange","frame":6' ||
    fail "gap-record: no ServerKeyExchange after the gap"
# RFC 5246, 6.2.1 caps records at 2^14+2048, but peers send 2^16-1
json big-first | grep -q '"tls.record.length"' || fail "big-first: length not noted"
# header-like bytes no record confirms are not TLS
json noise | grep -q '"tls"' && fail "noise taken for TLS"
exit 0
