#!/bin/sh
# seed.sh NAME DIR SHARED: adds seeds for harness NAME to DIR at run time
# (never committed): the pcap harness takes the project's pcaps/ and the
# public captures in SHARED/pcaps/public (when present) whole; record, hs
# and reasm get scripts made from pcaps/ by seed.py, dtls and quic from
# the UDP datagrams of pcaps/udp/ and of the public DTLS and QUIC
# captures; the others are seeded by their committed corpora.
name=$1; dir=$2; shared=$3
case "$name" in
record|hs|reasm|dtls)
	command -v python3 >/dev/null 2>&1 &&
	    python3 "$(dirname "$0")/seed.py" "$name" "$dir" \
	    "$(dirname "$0")"/../pcaps/*.pcap ;;
esac
case "$name" in
dtls|quic)
	command -v python3 >/dev/null 2>&1 &&
	    python3 "$(dirname "$0")/seed.py" "$name" "$dir" \
	    "$(dirname "$0")"/../pcaps/udp/"$name"*.pcap ;;
esac
if [ "$name" = pcap ]; then
	for f in "$(dirname "$0")"/../pcaps/*.pcap; do
		[ -f "$f" ] && [ "$(wc -c < "$f")" -le 262144 ] &&
		    cp "$f" "$dir/" 2>/dev/null
	done
fi
[ -n "$shared" ] && [ -d "$shared/pcaps/public" ] || exit 0
case "$name" in
dtls)
	command -v python3 >/dev/null 2>&1 &&
	    python3 "$(dirname "$0")/seed.py" dtls "$dir" \
	    "$shared"/pcaps/public/*dtls*.pcap \
	    "$shared"/pcaps/public/*webrtc*.pcap ;;
quic)
	command -v python3 >/dev/null 2>&1 &&
	    python3 "$(dirname "$0")/seed.py" quic "$dir" \
	    "$shared"/pcaps/public/*quic*.pcap ;;
pcap)
	for f in "$shared"/pcaps/public/*.pcap "$shared"/pcaps/public/*.pcapng; do
		[ "$(wc -c < "$f")" -le 262144 ] && cp "$f" "$dir/" 2>/dev/null
	done ;;
esac
exit 0
