#!/bin/sh
# The TLS messages of the project's own captures against the tshark truth
# files recorded with them (pcaps/make-pcaps.sh).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
python3 "$top_srcdir/tests/conformance.py" "$TLSHAKE" \
    "$top_srcdir/tests/known-differences.txt" "$PCAPS"
