#!/bin/sh
# bench.sh: tlshake against the libpcap floor (../shared/bench/pcaploop.c)
# on the standard bench captures of ../shared/bench/README.md.
#
# Captures are generated once into $BENCH_DIR (default ~/.cache/tlshake-bench,
# outside the source tree) and reused. Each capture is read once to warm the
# page cache, then tlshake and pcaploop run alternately $BENCH_RUNS times
# (default 5); the table gives medians of wall time, CPU time and peak RSS,
# packets per second and the ratio of wall times to the floor's; tlshake
# runs with -j 1 and -j 2 (two worker threads), the -j 2 rows also giving
# their wall time against -j 1's (j2/j1).
# quic (20,000 QUIC v1 handshakes with 200,000 other datagrams), udp-noise
# and tcp-noise (a million datagrams that are not QUIC or DTLS, a million TCP
# segments that are not TLS) come from bench/make-quic-pcap.py.
# BENCH_CAPTURES selects captures (default: all of them); BENCH_PEERS=1 adds
# tshark and ssldump on the small capture.
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
SHARED_DIR=${SHARED_DIR:-$top_srcdir/../shared}
BENCH_DIR=${BENCH_DIR:-${HOME:-/tmp}/.cache/tlshake-bench}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_CAPTURES=${BENCH_CAPTURES:-small small-faults hs-c1000 hs-c10000 hs-c50000 large quic udp-noise tcp-noise}
TLSHAKE=${TLSHAKE:-$top_builddir/src/tlshake}
gen=$SHARED_DIR/bench/make-bench-pcap
[ -x "$gen" ] || { echo "bench: $gen not found (../shared/bench)"; exit 1; }
command -v python3 >/dev/null || { echo "bench: needs python3 (make-bench-pcap)"; exit 1; }
mkdir -p "$BENCH_DIR"

loop=$BENCH_DIR/pcaploop
if [ ! -x "$loop" ] || [ "$SHARED_DIR/bench/pcaploop.c" -nt "$loop" ]; then
	${CC:-cc} -O2 -o "$loop" "$SHARED_DIR/bench/pcaploop.c" -lpcap
fi

runone=$BENCH_DIR/runone
if [ ! -x "$runone" ] || [ "$top_srcdir/bench/runone.c" -nt "$runone" ]; then
	${CC:-cc} -O2 -o "$runone" "$top_srcdir/bench/runone.c"
fi

make_capture() {
	f=$BENCH_DIR/$1.pcap
	[ -s "$f" ] && return 0
	case "$1" in
	small) set -- --flows 5000 --concurrency 1000 --bulk-fraction 0.03 --seed 1 ;;
	small-faults) set -- --flows 5000 --concurrency 1000 --bulk-fraction 0.03 --seed 1 --faults 0.05 ;;
	large) set -- --flows 100000 --concurrency 10000 --bulk-fraction 0.03 --seed 2 ;;
	hs-c*) set -- --flows 50000 --concurrency "${1#hs-c}" --bulk-fraction 0 --idle 20 --ramp 2 --seed 3 ;;
	quic) quic_capture "$f" --conns 20000 --concurrency 1000 --noise 200000; return ;;
	udp-noise) quic_capture "$f" --conns 0 --noise 1000000; return ;;
	tcp-noise) quic_capture "$f" --conns 0 --noise 1000000 --noise-tcp; return ;;
	*) echo "bench: unknown capture $1"; exit 1 ;;
	esac
	echo "bench: generating $f" >&2
	python3 "$gen" "$@" -q --out "$f.tmp" && mv "$f.tmp" "$f"
}

# quic_capture FILE ARGS...: the project's QUIC generator (bench/make-quic-pcap.py)
quic_capture() {
	f=$1; shift
	echo "bench: generating $f" >&2
	python3 "$top_srcdir/bench/make-quic-pcap.py" "$@" -o "$f.tmp" && mv "$f.tmp" "$f"
}

# measure CMD...: prints "wall cpu maxrss_kib status" of one run
# (bench/runone.c: fork, exec, wait4 of that child alone).
measure() {
	"$runone" "$@"
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

printf '%-13s %-19s %9s %9s %9s %12s %7s %7s\n' capture tool wall_s cpu_s rss_MB pkts/s ratio j2/j1
for cap in $BENCH_CAPTURES; do
	make_capture "$cap"
	f=$BENCH_DIR/$cap.pcap
	pkts=$("$loop" "$f" 2>/dev/null | awk '{print $2}')
	[ -n "$pkts" ] || pkts=$(tcpdump -nr "$f" 2>/dev/null | wc -l)
	cat "$f" > /dev/null
	: > "$BENCH_DIR/runs"
	i=0
	while [ $i -lt "$BENCH_RUNS" ]; do
		echo "floor $(measure "$loop" "$f")" >> "$BENCH_DIR/runs"
		echo "json $(measure "$TLSHAKE" --json -r "$f")" >> "$BENCH_DIR/runs"
		echo "text $(measure "$TLSHAKE" -r "$f")" >> "$BENCH_DIR/runs"
		echo "json2 $(measure "$TLSHAKE" -j 2 --json -r "$f")" >> "$BENCH_DIR/runs"
		echo "text2 $(measure "$TLSHAKE" -j 2 -r "$f")" >> "$BENCH_DIR/runs"
		i=$((i + 1))
	done
	fw=$(awk '$1 == "floor" {print $2}' "$BENCH_DIR/runs" | median)
	for tool in floor json json2 text text2; do
		w=$(awk -v t=$tool '$1 == t {print $2}' "$BENCH_DIR/runs" | median)
		c=$(awk -v t=$tool '$1 == t {print $3}' "$BENCH_DIR/runs" | median)
		m=$(awk -v t=$tool '$1 == t {print $4}' "$BENCH_DIR/runs" | median)
		name=$tool
		[ $tool = floor ] && name=pcaploop
		[ $tool = json ] && name="tlshake --json -j1"
		[ $tool = json2 ] && name="tlshake --json -j2"
		[ $tool = text ] && name="tlshake (text) -j1"
		[ $tool = text2 ] && name="tlshake (text) -j2"
		case $tool in
		json | text) eval "w_$tool=\$w"; j1=0 ;;
		json2) j1=$w_json ;;
		text2) j1=$w_text ;;
		*) j1=0 ;;
		esac
		awk -v c="$cap" -v n="$name" -v w="$w" -v cpu="$c" -v m="$m" -v p="$pkts" -v fw="$fw" -v j1="$j1" \
		    'BEGIN {printf "%-13s %-19s %9.3f %9.3f %9.1f %12.0f %6.2fx", c, n, w, cpu, m / 1024, p / w, w / fw
		    if (j1 > 0) printf " %6.2fx", w / j1
		    printf "\n"}'
	done
done
if [ "${BENCH_PEERS:-0}" = 1 ]; then
	f=$BENCH_DIR/small.pcap
	if command -v tshark >/dev/null; then
		set -- $(measure tshark -n -r "$f" -Y tls.handshake -T fields -e frame.number -e tls.handshake.type -e tls.handshake.ciphersuite -e tls.handshake.extensions_server_name)
		echo "small         tshark -Y fields   $1 s wall, $2 s cpu, $(($3 / 1024)) MB"
	fi
	if command -v ssldump >/dev/null; then
		set -- $(measure ssldump -n -j -r "$f")
		echo "small         ssldump -n -j      $1 s wall, $2 s cpu, $(($3 / 1024)) MB"
	fi
fi
