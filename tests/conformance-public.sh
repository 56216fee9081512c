#!/bin/sh
# The TLS messages of every public capture against tshark's truth files.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need python3
python3 "$top_srcdir/tests/conformance.py" "$TLSHAKE" \
    "$top_srcdir/tests/known-differences.txt" "$PUBLIC"
