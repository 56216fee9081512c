#!/bin/sh
# -j 2 on an interface (SPEC.md, "Parallel reading"): two capture handles in
# one AF_PACKET fanout group, a worker each, in network namespaces the test
# makes and removes.
# 1. Real peers: 20 openssl s_client connections (each its own SNI) to an
#    s_server across a veth pair. Every connection is reported once, as
#    reading the -w file back reports it (same numbers, same JSON), and as
#    the peers printed it (SNI); --stats names both handles, each of which
#    saw packets, and their sum.
# 2. -c 60 with -j 2: the -w file holds exactly 60 frames.
# 3. Replay: a capture of 3,000 handshakes (../shared's bench generator)
#    sent by tcpreplay --topspeed. With no kernel drop, the live report
#    holds every connection of the file read back, field for field (not
#    the times); with drops, they are counted in --stats, never silent.
#    The rate reached is printed (a measurement, not asserted).
# Every wait is a bounded poll; nothing here asserts a timing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip "live capture tests need root (network namespaces, capture)"
need ip
need openssl
need python3

NA=
NB=
PIDS=
. "$top_srcdir/tests/netns.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/tlshake-livej.XXXXXX")
cleanup() {
	netns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
netns_pair j

# start NAME ARGS...: tlshake -j 2 in B; waits for "listening on".
start() {
	name=$1
	shift
	# not through B: $! must be tlshake itself, not a subshell
	ip netns exec "$NB" "$TLSHAKE" -j 2 "$@" >"$T/$name.out" 2>"$T/$name.err" &
	TP=$!
	PIDS="$PIDS $TP"
	poll 100 grep -q "listening on" "$T/$name.err" ||
		fail "$name: tlshake did not start: $(cat "$T/$name.err")"
}
# stop NAME: SIGINT, then the exit status must be 0.
stop() {
	kill -INT "$TP"
	poll 100 gone "$TP" || fail "$1: tlshake did not exit"
	wait "$TP" || fail "$1: exit $? after SIGINT: $(cat "$T/$1.err")"
}
# handles NAME: both handles' lines, each with packets, and the sum line.
handles() {
	for h in 1 2; do
		grep -q "^tlshake: handle $h of 2: [1-9][0-9]* packets received, [0-9]* dropped by kernel$" \
		    "$T/$1.err" || fail "$1: no packets on handle $h: $(grep handle "$T/$1.err")"
	done
	grep -q "packets received, [0-9]* dropped by kernel, [0-9]* dropped by interface" \
	    "$T/$1.err" || fail "$1: no summed pcap statistics"
}

# 1. Real peers.
netns_server live.example.test 4433
start peers --json --stats -w "$T/peers.pcap" -i "$VB"
i=1
while [ $i -le 20 ]; do
	B openssl s_client -connect 192.0.2.1:4433 -servername "h$i.example.test" \
	    </dev/null >"$T/cli.$i" 2>&1 || fail "s_client $i: $(tail -3 "$T/cli.$i")"
	i=$((i + 1))
done
# each is printed once its FINs were seen (plus linger)
lines() { [ "$(wc -l < "$1")" -ge "$2" ]; }
poll 100 lines "$T/peers.out" 20 ||
	fail "peers: 20 connections made, $(wc -l < "$T/peers.out") printed"
stop peers
handles peers
"$TLSHAKE" --json -r "$T/peers.pcap" >"$T/peers.replay" 2>"$T/peers.rerr" ||
	fail "peers: reading the -w file back: $(cat "$T/peers.rerr")"
python3 - "$T/peers.out" "$T/peers.replay" <<'PY' || fail "peers: live -j 2 JSON is not the -w file's"
import json, sys
live = sorted((json.loads(l) for l in open(sys.argv[1])), key=lambda c: c["conn"])
back = sorted((json.loads(l) for l in open(sys.argv[2])), key=lambda c: c["conn"])
if live != back:
    sys.exit("%d live, %d read back; first difference: %s" % (len(live), len(back),
        next(((a, b) for a, b in zip(live, back) if a != b), None)))
snis = sorted(c.get("tls", {}).get("sni") for c in live)
want = sorted("h%d.example.test" % i for i in range(1, 21))
if snis != want:
    sys.exit("SNIs %s, the clients sent %s" % (snis, want))
if [c["conn"] for c in live] != list(range(1, 21)):
    sys.exit("numbers %s" % [c["conn"] for c in live])
PY
echo "ok: 20 connections on two handles, as the -w file has them"

# 2. -c with two handles: the frames of both count.
start count -c 60 -w "$T/count.pcap" -i "$VB"
B sh -c 'for i in 1 2 3 4 5 6 7 8; do openssl s_client -connect 192.0.2.1:4433 </dev/null >/dev/null 2>&1; done'
poll 100 gone "$TP" || fail "count: -c 60 did not end the capture"
wait "$TP" || fail "count: exit $?: $(cat "$T/count.err")"
n=$("$TLSHAKE" --stats -r "$T/count.pcap" 2>&1 >/dev/null |
    sed -n 's/^tlshake: packets \([0-9]*\),.*/\1/p')
[ "$n" = 60 ] || fail "count: -c 60 -j 2 wrote $n frames"
echo "ok: -c 60 with two handles"

# 3. Replay at top speed.
command -v tcpreplay >/dev/null 2>&1 || { echo "tcpreplay is not installed: no replay"; exit 0; }
gen=$SHARED_DIR/bench/make-bench-pcap
[ -x "$gen" ] || { echo "no $gen (../shared is not beside the source tree): no replay"; exit 0; }
python3 "$gen" --flows 3000 --concurrency 300 --bulk-fraction 0 --seed 7 -q \
    --out "$T/rep.pcap" || fail "make-bench-pcap"
start replay --json --stats -B 16384 -i "$VB"
A tcpreplay -q --topspeed -i "$VA" "$T/rep.pcap" >"$T/tcpreplay.log" 2>&1 ||
	fail "tcpreplay: $(cat "$T/tcpreplay.log")"
sent=$(sed -n 's/.*Actual: \([0-9]*\) packets.*/\1/p' "$T/tcpreplay.log")
# seen: the latest --stats line counts every packet sent, analysed or dropped
seen() {
	sed -n 's/^tlshake: [0-9]* s: packets \([0-9]*\) .*dropped \([0-9]*\) by kernel.*/\1 \2/p' \
	    "$T/replay.err" | tail -n 1 | { read -r p d && [ $((p + d)) -ge "$sent" ]; }
}
poll 300 seen || echo "replay: the --stats lines never reached $sent packets"
stop replay
handles replay
recv=$(sed -n 's/^tlshake: \([0-9]*\) packets received, \([0-9]*\) dropped by kernel, .*/\1 \2/p' "$T/replay.err")
set -- $recv
echo "replay: $(sed -n 's/.*Rated: .*, \([0-9.]*\) pps/\1/p' "$T/tcpreplay.log") packets/s sent, $sent packets; tlshake -j 2: $1 received, $2 dropped by the kernel"
[ "$1" -ge "$sent" ] || fail "replay: $sent packets sent, $1 received or dropped"
if [ "$2" -gt 0 ]; then
	grep -q "dropped [1-9][0-9]* by kernel" "$T/replay.err" ||
		fail "replay: $2 kernel drops, not in the --stats lines"
	echo "replay: kernel drops on this machine: the field-for-field check is skipped"
	exit 0
fi
"$TLSHAKE" --json -r "$T/rep.pcap" >"$T/rep.json" || fail "reading rep.pcap"
python3 - "$T/replay.out" "$T/rep.json" <<'PY' || fail "replay: the live -j 2 report is not the file's"
import json, sys
def key(c):
    t = c.get("tls", {})
    return (c["client"], c["server"], c["tcp"]["packets"], c["tcp"]["bytes"],
        t.get("sni"), t.get("version"), (t.get("cipher_suite") or {}).get("name"),
        t.get("ja3"), t.get("ja4"), t.get("complete"))
live = sorted(key(json.loads(l)) for l in open(sys.argv[1]))
back = sorted(key(json.loads(l)) for l in open(sys.argv[2]))
if live != back:
    sys.exit("%d live, %d in the file; %d differ" % (len(live), len(back),
        len(set(live) ^ set(back))))
PY
echo "ok: replay, every connection as in the file"
