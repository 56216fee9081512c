#!/bin/sh
# SYN / SYN-ACK / FIN / RST frames, times and orientation against tshark.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
need tshark
set -- "$PCAPS"/*.pcap
[ -d "$PUBLIC" ] && set -- "$@" "$PUBLIC"/*.pcap "$PUBLIC"/*.pcapng
[ -d "$PUBLIC" ] || echo "public corpus not present: project captures only"
python3 "$top_srcdir/tests/tcp-events.py" "$TLSHAKE" "$@"
