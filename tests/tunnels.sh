#!/bin/sh
# UDP tunnels that carry TLS in real networks (GTP-U from mobile cores,
# VXLAN-GPE, NSH service chains, L2TPv2, Teredo, MPLS and GRE in UDP): the project's captures wrapped by
# tests/mktunnels.py, checked against tshark's view of the same files
# (tests/tunnels/*.truth.jsonl: the innermost IP names the connection).
# Regenerate the truth after re-recording pcaps/tls12-rsa or pcaps/ipv6:
#   for each KIND: tests/mktunnels.py KIND pcaps/X.pcap KIND.pcap &&
#   ../shared/tools/tshark-truth -d tcp.port==PORT,tls -o tests/tunnels/KIND.pcap.truth.jsonl KIND.pcap
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
mk() {	# mk KIND SOURCE PORT [NAME]
	n=${4:-$1}
	python3 "$top_srcdir/tests/mktunnels.py" "$1" "$PCAPS/$2.pcap" "$T/$n.pcap" ||
	    fail "mktunnels $1"
	cp "$top_srcdir/tests/tunnels/$n.pcap.truth.jsonl" "$T/" || fail "no truth for $n"
	printf '%s.pcap\ttlshake\ttests/mktunnels.py\t\t\t\t\t\t-d tcp.port==%s,tls\t\n' \
	    "$n" "$3" >>"$T/MANIFEST.tsv"
}
: >"$T/MANIFEST.tsv"
mk gtpu tls12-rsa 44306
mk gtpu ipv6 44317 gtpu6
mk vxlan-gpe tls12-rsa 44306
mk l2tp tls12-rsa 44306
mk teredo ipv6 44317
mk nsh tls12-rsa 44306
mk nsh ipv6 44317 nsh6
mk mplsoudp tls12-rsa 44306
mk greoudp ipv6 44317
python3 "$top_srcdir/tests/conformance.py" "$TLSHAKE" \
    "$top_srcdir/tests/known-differences.txt" "$T" || fail "tunnels"
# each wrapped capture is one connection named by its inner addresses
for n in gtpu gtpu6 vxlan-gpe l2tp teredo nsh nsh6 mplsoudp greoudp; do
	"$TLSHAKE" --json --no-verify -r "$T/$n.pcap" >"$T/$n.json" || fail "$n"
	[ "$(wc -l <"$T/$n.json")" = 1 ] || fail "$n: not one connection"
	grep -q -e '"client":"127\.0\.0\.1:' -e '"client":"\[::1\]:' "$T/$n.json" || fail "$n: not the inner address"
done
