#!/bin/sh
# Replays every committed fuzz corpus (regression inputs included)
# through its harness: a crash or sanitizer report fails the test.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
for n in decode reasm record hs ext cert pcap esc keylog dtls quic; do
	dir=$top_srcdir/fuzz/corpus/$n
	[ -d "$dir" ] || { echo "no corpus for $n"; continue; }
	"$top_builddir/fuzz/replay-$n" "$dir" || fail "replay-$n"
done
echo ok
