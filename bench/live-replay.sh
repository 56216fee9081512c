#!/bin/sh
# live-replay.sh: -j N live against the kernel's drops. A bench capture is
# sent with tcpreplay --topspeed across a veth pair (two network namespaces
# made and removed here) to tlshake -j 1 and -j 2 capturing on the other
# end; each row gives the rate tcpreplay reached and the packets tlshake
# received and the kernel dropped. -j 2 has two kernel buffers of -B KiB:
# the -j 1 row with twice -B separates that from the second core.
# Root only. BENCH_CAPTURE (default small: the bench's 5,000 connections,
# 3 % bulk, 101,918 packets) names a capture of BENCH_DIR (small is made
# as bench.sh makes it); B_KIB (default 2048, libpcap's default) the -B;
# BENCH_RUNS (default 3) the runs of each row.
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
SHARED_DIR=${SHARED_DIR:-$top_srcdir/../shared}
BENCH_DIR=${BENCH_DIR:-${HOME:-/tmp}/.cache/tlshake-bench}
BENCH_RUNS=${BENCH_RUNS:-3}
TLSHAKE=${TLSHAKE:-$top_builddir/src/tlshake}
B_KIB=${B_KIB:-2048}
[ "$(id -u)" = 0 ] || { echo "bench: live-replay needs root"; exit 1; }
command -v tcpreplay >/dev/null || { echo "bench: needs tcpreplay"; exit 1; }
mkdir -p "$BENCH_DIR"
cap=$BENCH_DIR/${BENCH_CAPTURE:-small}.pcap
if [ ! -s "$cap" ] && [ "${BENCH_CAPTURE:-small}" = small ]; then
	python3 "$SHARED_DIR/bench/make-bench-pcap" --flows 5000 --concurrency 1000 \
	    --bulk-fraction 0.03 --seed 1 -q --out "$cap.tmp" && mv "$cap.tmp" "$cap"
fi
[ -s "$cap" ] || { echo "bench: no $cap"; exit 1; }
T=$(mktemp -d /tmp/tlshake-lr.XXXXXX)
NA=tlshake-lr-$$-a NB=tlshake-lr-$$-b
cleanup() {
	ip netns del "$NA" 2>/dev/null || true
	ip netns del "$NB" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
ip netns add "$NA"
ip netns add "$NB"
ip link add lra netns "$NA" type veth peer name lrb netns "$NB"
ip netns exec "$NA" ip link set lra up
ip netns exec "$NB" ip link set lrb up

printf '%-5s %-8s %12s %10s %10s %10s\n' jobs B_KiB sent_pps sent received dropped
row() {	# JOBS KIB
	ip netns exec "$NB" "$TLSHAKE" -j "$1" -B "$2" --json -i lrb \
	    >/dev/null 2>"$T/err" &
	tp=$!
	n=0
	until grep -q "listening on" "$T/err"; do
		n=$((n + 1)); [ $n -lt 100 ] || { cat "$T/err"; exit 1; }; sleep 0.1
	done
	ip netns exec "$NA" tcpreplay -q --topspeed -i lra "$cap" >"$T/rep" 2>&1
	sleep 2
	kill -INT "$tp"; wait "$tp" || true
	set -- "$1" "$2" "$(sed -n 's/.*Rated: .*, \([0-9]*\)\.[0-9]* pps/\1/p' "$T/rep")" \
	    "$(sed -n 's/.*Actual: \([0-9]*\) packets.*/\1/p' "$T/rep")" \
	    $(sed -n 's/^tlshake: \([0-9]*\) packets received, \([0-9]*\) dropped by kernel.*/\1 \2/p' "$T/err")
	printf '%-5s %-8s %12s %10s %10s %10s\n' "$@"
}
for r in $(seq "$BENCH_RUNS"); do
	row 1 "$B_KIB"
	row 1 $((B_KIB * 2))
	row 2 "$B_KIB"
done
