#!/bin/sh
# The handshake messages tshark decrypted ("decrypted": true in the truth
# files) against tlshake's, with each capture's own secrets: the public
# corpus's (CAPTURE.keys, or the pcapng's Decryption Secrets Block) and
# every project capture's pcaps/NAME.keys. Same frame, type, direction,
# marked decrypted; decrypted certificates with the same CNs.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
dirs=$PCAPS
if [ -d "$PUBLIC" ]; then
	dirs="$PUBLIC $dirs"
else
	echo "note: no public corpus at $PUBLIC; pcaps/ only"
fi
# shellcheck disable=SC2086
python3 "$top_srcdir/tests/conformance.py" --decrypted "$TLSHAKE" \
    "$top_srcdir/tests/known-differences.txt" $dirs
