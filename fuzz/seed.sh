#!/bin/sh
# seed.sh NAME DIR SHARED: adds seeds for harness NAME to DIR, made from
# the public captures in SHARED/pcaps/public when present (the pcap
# harness takes the files whole; the others are seeded by their corpora).
name=$1; dir=$2; shared=$3
[ -n "$shared" ] && [ -d "$shared/pcaps/public" ] || exit 0
case "$name" in
pcap)
	for f in "$shared"/pcaps/public/*.pcap "$shared"/pcaps/public/*.pcapng; do
		[ "$(wc -c < "$f")" -le 262144 ] && cp "$f" "$dir/" 2>/dev/null
	done ;;
esac
exit 0
