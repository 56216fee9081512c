#!/bin/sh
# The TLS 1.3 client flight inferred without keys (dissect/record.c) against
# tshark's reading with the key log, over every capture that has one
# (tests/flight13.py); pcaps/tls13-ccm8 has the client's data right after
# a CCM_8 Finished, before the server answers.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
caps=
for k in "$PCAPS"/*.keys "$PUBLIC"/*.keys; do
	[ -f "$k" ] || continue
	for c in "${k%.keys}.pcap" "${k%.keys}.pcapng"; do
		[ -f "$c.truth.jsonl" ] && caps="$caps $c"
	done
done
# shellcheck disable=SC2086
python3 "$top_srcdir/tests/flight13.py" "$TLSHAKE" $caps || fail "client flight"
