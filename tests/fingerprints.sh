#!/bin/sh
# JA3 against tshark's ja3/ja3_full and JA4 against FoxIO's published
# values, for every TCP ClientHello of the public corpus; every difference
# is listed with its reason in tests/known-fp-differences.txt.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need python3
python3 "$top_srcdir/tests/fingerprints.py" "$TLSHAKE" \
    "$top_srcdir/tests/known-fp-differences.txt" "$PUBLIC"
