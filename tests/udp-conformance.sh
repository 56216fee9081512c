#!/bin/sh
# The QUIC and DTLS handshake messages tlshake reads from every capture
# whose tshark truth has them (the project's pcaps/, and the public corpus
# when ../shared is there) against that truth (tests/udp-conformance.py).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
dirs="$PCAPS $PCAPS/udp"
if [ -d "$PUBLIC" ]; then
	dirs="$dirs $PUBLIC"
else
	echo "note: no public corpus at $PUBLIC; pcaps/ only"
fi
# shellcheck disable=SC2086
python3 "$top_srcdir/tests/udp-conformance.py" "$TLSHAKE" \
    "$top_srcdir/tests/known-differences.txt" $dirs
