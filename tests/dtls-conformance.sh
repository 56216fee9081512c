#!/bin/sh
# The DTLS record and fragment layer against tshark's truth: every DTLS
# handshake message of the public captures (tests/dtls-conformance.py).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need python3
need tshark
python3 "$top_srcdir/tests/dtls-conformance.py" "$top_builddir/tests/dtls-feed" \
    "$top_srcdir/tests/known-differences.txt" "$PUBLIC"
