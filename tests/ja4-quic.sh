#!/bin/sh
# JA4 of every QUIC ClientHello FoxIO publishes a value for
# (../shared/pcaps/public/ja4-expected-quic.jsonl) against tlshake's.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need python3
python3 "$top_srcdir/tests/ja4-quic.py" "$TLSHAKE" "$PUBLIC"
