#!/bin/sh
# Live capture (-i) between real TLS peers, inside two network namespaces
# the test creates and removes: openssl s_server in A, s_client (and curl)
# in B, over a veth pair (192.0.2.1/24 - 192.0.2.2/24, 2001:db8::1/64 -
# 2001:db8::2/64). The live JSON must equal the JSON of reading the -w file
# back, and both must show what the peers themselves printed: SNI, suite,
# version and (TLS 1.2) certificate subject. Then -c, --handshakes, -Z,
# SIGINT/SIGTERM flush, a BPF filter, --stats and the permission error.
# Every wait is a bounded poll; nothing here asserts a timing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip "live capture tests need root (network namespaces, capture)"
need ip
need openssl
need python3

SNI=live.example.test
NA=
NB=
PIDS=
HOLD=
. "$top_srcdir/tests/netns.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/tlshake-live.XXXXXX")
cleanup() {
	[ -n "$HOLD" ] && exec 3>&-
	netns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
netns_pair l

lines() { [ "$(wc -l < "$1")" -ge "$2" ]; }
# jsonok FILE EXPR: EXPR is true of C, the connections in the JSON Lines.
jsonok() {
	python3 -c 'import json, sys
C = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(not eval("(" + sys.argv[2] + ")"))' "$1" "$2"
}

# A throwaway CA and a server certificate for live.example.test.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$T/ca.key" -out "$T/ca.pem" -days 2 \
    -subj "/CN=tlshake live test CA" >/dev/null 2>&1 || fail "CA"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$T/srv.key" -out "$T/srv.csr" -subj "/CN=$SNI" \
    >/dev/null 2>&1 || fail "CSR"
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$SNI" \
    > "$T/ext.cnf"
openssl x509 -req -in "$T/srv.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" \
    -CAcreateserial -out "$T/srv.pem" -days 2 -extfile "$T/ext.cnf" \
    >/dev/null 2>&1 || fail "server certificate"

# Servers in A (HTTP, for curl): 4433, and 4434 for a connection held open.
A openssl s_server -accept 4433 -cert "$T/srv.pem" -key "$T/srv.key" \
    -www -quiet >"$T/s4433.log" 2>&1 &
PIDS="$PIDS $!"
A openssl s_server -accept 4434 -cert "$T/srv.pem" -key "$T/srv.key" \
    -www -quiet >"$T/s4434.log" 2>&1 &
PIDS="$PIDS $!"
listening() { A ss -Hltn "sport = :$1" | grep -q .; }
poll 100 listening 4433 && poll 100 listening 4434 ||
	fail "s_server did not start: $(cat "$T"/s443*.log)"

# OpenSSL's suite names to IANA's, from openssl itself.
openssl ciphers -stdname 'ALL:COMPLEMENTOFALL' > "$T/suites" 2>/dev/null
iana() {
	_in=$(awk -v s="$1" '$3 == s { print $1; exit }' "$T/suites")
	case $_in$1 in
	TLS_*)	echo "${_in:-$1}" ;;
	*)	echo - ;;
	esac
}

# tlshake_start NAME NS ARGS...: tlshake in NS, output in $T/NAME.{out,err};
# waits for its "listening on" line. TP is its pid.
tlshake_start() {
	name=$1 ns=$2
	shift 2
	ip netns exec "$ns" "$TLSHAKE" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	TP=$!
	PIDS="$PIDS $TP"
	poll 100 grep -q "listening on" "$T/$name.err" ||
		fail "$name: tlshake did not start: $(cat "$T/$name.err")"
}
# tlshake_wait NAME: waits for tlshake to exit; its status in RC.
tlshake_wait() {
	poll 100 gone "$TP" || fail "$1: tlshake did not exit"
	wait "$TP"
	RC=$?
}
tlshake_stop() {	# NAME [SIGNAL]
	kill -"${2:-INT}" "$TP"
	tlshake_wait "$1"
	[ "$RC" = 0 ] || fail "$1: exit $RC after SIG${2:-INT}: $(cat "$T/$1.err")"
	grep -q "packets received, [0-9]* dropped by kernel, [0-9]* dropped by interface" \
	    "$T/$1.err" || fail "$1: no pcap statistics on stderr"
}

# sclient NAME NS HOST:PORT ARGS...: one s_client connection that ends at
# once; records "version suite subject" as s_client printed them.
sclient() {
	name=$1 ns=$2 addr=$3
	shift 3
	ip netns exec "$ns" openssl s_client -connect "$addr" \
	    -servername "$SNI" -CAfile "$T/ca.pem" "$@" </dev/null \
	    >"$T/$name.cli" 2>&1 || fail "s_client $addr $*: $(tail -5 "$T/$name.cli")"
	set -- $(sed -n 's/^New, \(TLSv[0-9.]*\), Cipher is \(.*\)$/\1 \2/p' \
	    "$T/$name.cli" | head -n 1)
	[ $# = 2 ] || fail "s_client $addr: no protocol/cipher line"
	subj=-
	[ "$1" = TLSv1.2 ] && subj=$(sed -n 's/^subject=//p' "$T/$name.cli" |
	    head -n 1 | sed 's/ = /=/g; s/, /,/g')
	grep -q "Verify return code: 0 (ok)" "$T/$name.cli" ||
		fail "s_client $addr: certificate not verified"
	echo "$1 $(iana "$2") ${subj:--}" >> "$T/$CASE.expect"
}
# curlc NAME NS URLHOST: curl -k; records what curl printed.
curlc() {
	name=$1 ns=$2 host=$3
	case $host in *:*) host="[$host]" ;; esac
	ip netns exec "$ns" curl -v -sk --max-time 10 \
	    --resolve "$SNI:4433:$host" "https://$SNI:4433/" \
	    -o /dev/null >"$T/$name.cli" 2>&1 || fail "curl: $(tail -5 "$T/$name.cli")"
	set -- $(sed -n 's/^\* SSL connection using \([^ ]*\) \/ \([^ ]*\).*/\1 \2/p' \
	    "$T/$name.cli" | head -n 1)
	[ $# = 2 ] || fail "curl: no \"SSL connection using\" line"
	v=$(echo "$1" | sed 's/^TLS\([0-9]\)/TLSv\1/')
	echo "$v $(iana "$2") -" >> "$T/$CASE.expect"
}

# check NAME CLIENTADDR SERVERADDR: the live JSON equals the JSON read back
# from the -w file, and each connection shows what its peers printed.
check() {
	"$TLSHAKE" --json -r "$T/$1.pcap" > "$T/$1.replay" 2>"$T/$1.rerr" ||
		fail "$1: reading the -w file back: $(cat "$T/$1.rerr")"
	cmp -s "$T/$1.out" "$T/$1.replay" ||
		fail "$1: live JSON differs from the -w file's: $(diff "$T/$1.out" "$T/$1.replay" | head -c 2000)"
	python3 - "$T/$1.out" "$T/$1.expect" "$SNI" "$2" "$3" <<'EOF' || fail "$1: JSON does not match the peers"
import json, sys
out, exp, sni, cli, srv = sys.argv[1:6]
conns = [json.loads(l) for l in open(out)]
want = [l.split() for l in open(exp)]
if len(conns) != len(want):
    sys.exit("%d connections, want %d" % (len(conns), len(want)))
for c, (ver, suite, subj) in zip(conns, want):
    t = c.get("tls", {})
    got = (t.get("version"), t.get("cipher_suite", {}).get("name"),
        t.get("sni"))
    if got != (ver, suite if suite != "-" else got[1], sni):
        sys.exit("conn %d: %s, peers: %s" % (c["conn"], got, (ver, suite, sni)))
    if not c["client"].startswith(cli) or c["server"] != srv:
        sys.exit("conn %d: %s -> %s" % (c["conn"], c["client"], c["server"]))
    if not t.get("complete") or not c["tcp"].get("fin"):
        sys.exit("conn %d: not complete or no FIN" % c["conn"])
    if subj != "-":
        certs = t.get("certificates", [])
        if not certs or certs[0].get("subject") != subj:
            sys.exit("conn %d: certificate subject %s, peers: %s" % (c["conn"],
                certs[0].get("subject") if certs else None, subj))
EOF
	echo "ok: $1 ($(wc -l < "$T/$1.out") connections)"
}

# run_case NAME NS-OF-CLIENT HOST IFACE [tlshake options]: TLS 1.2, TLS 1.3
# and curl, sequentially; stop with SIGINT once all were printed.
run_case() {
	CASE=$1 cns=$2 host=$3 iface=$4
	shift 4
	: > "$T/$CASE.expect"
	tlshake_start "$CASE" "$NA" -i "$iface" -w "$T/$CASE.pcap" --json "$@"
	case $host in *:*) hp="[$host]" ;; *) hp=$host ;; esac
	sclient "$CASE-12" "$cns" "$hp:4433" -tls1_2
	sclient "$CASE-13" "$cns" "$hp:4433" -tls1_3
	if command -v curl >/dev/null 2>&1; then
		curlc "$CASE-curl" "$cns" "$host"
	else
		echo "curl is not installed: $CASE without curl"
	fi
	n=$(wc -l < "$T/$CASE.expect")
	# Each connection is printed once its FINs were seen (plus linger).
	poll 100 lines "$T/$CASE.out" "$n" ||
		fail "$CASE: $n connections made, $(wc -l < "$T/$CASE.out") printed"
	tlshake_stop "$CASE"
	if [ "$cns" = "$NB" ]; then cli=192.0.2.2; else cli=192.0.2.1; fi
	case $host in *:*) cli="[2001:db8::2]:" ;; *) cli="$cli:" ;; esac
	check "$CASE" "$cli" "$hp:4433"
}

# 1. veth, IPv4; as root without -Z, -w warns.
run_case veth "$NB" 192.0.2.1 "$VA"
grep -q "warning: running as root" "$T/veth.err" ||
	fail "veth: no warning about running as root with -w"
[ "$(grep -c "running as root" "$T/veth.err")" = 1 ] ||
	fail "veth: the root warning is not given once"
# 2. lo inside namespace A: client and server both in A.
run_case lo "$NA" 192.0.2.1 lo
# 3. any, as LINUX_SLL2; the -w file has that link type too.
run_case any "$NB" 192.0.2.1 any -y LINUX_SLL2
grep -q "listening on any, link-type LINUX_SLL2" "$T/any.err" ||
	fail "any: not LINUX_SLL2: $(cat "$T/any.err")"
python3 -c 'import struct, sys
h = open(sys.argv[1], "rb").read(24)
sys.exit(struct.unpack("<I", h[20:24])[0] != 276)' "$T/any.pcap" ||
	fail "any: -w file is not LINUX_SLL2"
# 4. IPv6 over the veth.
run_case ipv6 "$NB" 2001:db8::1 "$VA"

# 5. -c N stops after N packets by itself.
CASE=count
tlshake_start count "$NA" -i "$VA" -c 5 -w "$T/count.pcap" --all
sclient count "$NB" 192.0.2.1:4433 -tls1_2
tlshake_wait count
[ "$RC" = 0 ] || fail "-c 5: exit $RC: $(cat "$T/count.err")"
"$TLSHAKE" --stats -r "$T/count.pcap" 2>&1 >/dev/null | grep -q "packets 5," ||
	fail "-c 5: the -w file does not hold 5 packets"
echo "ok: -c 5"

# 6. --handshakes 1 stops when the handshake completes, while the
# connection is still open.
mkfifo "$T/hold"
tlshake_start hs "$NA" -i "$VA" --handshakes 1 --json
B openssl s_client -connect 192.0.2.1:4434 -servername "$SNI" \
    -CAfile "$T/ca.pem" -tls1_2 <"$T/hold" >"$T/hs.cli" 2>&1 &
CL=$!
PIDS="$PIDS $CL"
exec 3>"$T/hold"
HOLD=1
tlshake_wait hs
[ "$RC" = 0 ] || fail "--handshakes 1: exit $RC: $(cat "$T/hs.err")"
gone "$CL" && fail "--handshakes 1: the client ended first"
jsonok "$T/hs.out" 'len(C) == 1 and C[0]["tls"]["complete"] and
    not C[0]["tcp"]["fin"]' || fail "--handshakes 1: output: $(head -c 400 "$T/hs.out")"
exec 3>&-
HOLD=
poll 100 gone "$CL" || fail "s_client did not end"
echo "ok: --handshakes 1"

# 7. -Z nobody: after start-up the process is nobody's, capture still
# works, the -w file belongs to nobody; SIGTERM ends it.
uid=$(id -u nobody) gid=$(id -g nobody) || fail "no user nobody"
chmod 711 "$T"
mkdir "$T/z" && chmod 777 "$T/z"
CASE=drop
: > "$T/drop.expect"
tlshake_start drop "$NA" -i "$VA" -Z nobody -w "$T/z/drop.pcap" --json
grep -q "^Uid:	$uid	$uid	$uid	$uid$" "/proc/$TP/status" ||
	fail "-Z nobody: $(grep -E '^(Uid|Gid)' "/proc/$TP/status")"
grep -q "^Gid:	$gid	$gid	$gid	$gid$" "/proc/$TP/status" ||
	fail "-Z nobody: $(grep '^Gid' "/proc/$TP/status")"
grep -q "^CapEff:	0*$" "/proc/$TP/status" ||
	fail "-Z nobody: capabilities left: $(grep '^Cap' "/proc/$TP/status")"
grep -q "running as root" "$T/drop.err" && fail "-Z nobody: root warning"
[ "$(stat -c %u "$T/z/drop.pcap")" = "$uid" ] ||
	fail "-Z nobody: the -w file is not nobody's"
sclient drop-12 "$NB" 192.0.2.1:4433 -tls1_2
poll 100 lines "$T/drop.out" 1 || fail "-Z nobody: nothing captured"
tlshake_stop drop TERM
cp "$T/z/drop.pcap" "$T/drop.pcap"
check drop 192.0.2.2: 192.0.2.1:4433

# 8. Without permission to capture: exit 1, the message names CAP_NET_RAW.
if command -v setpriv >/dev/null 2>&1 &&
    [ "$(head -c 4 "$TLSHAKE" | od -An -c | tr -d ' ')" = 177ELF ]; then
	cp "$TLSHAKE" "$T/z/tlshake"
	A setpriv --reuid="$uid" --regid="$gid" --clear-groups \
	    "$T/z/tlshake" -i "$VA" >/dev/null 2>"$T/perm.err"
	rc=$?
	[ "$rc" = 1 ] || fail "no permission: exit $rc: $(cat "$T/perm.err")"
	grep -q CAP_NET_RAW "$T/perm.err" ||
		fail "no permission: CAP_NET_RAW not named: $(cat "$T/perm.err")"
	echo "ok: permission error"
else
	echo "setpriv missing or tlshake not an ELF file: no permission test"
fi

# 9. A BPF filter that excludes the server's port: a connection to 4433
# then one to 4434 (--all); once the second is printed, the first had been
# seen; only the second may be reported.
tlshake_start filter "$NA" -i "$VA" --json --all not port 4433
CASE=filter
sclient filter-1 "$NB" 192.0.2.1:4433 -tls1_2
sclient filter-2 "$NB" 192.0.2.1:4434 -tls1_2
poll 100 lines "$T/filter.out" 1 || fail "filter: the 4434 connection was not printed"
tlshake_stop filter
jsonok "$T/filter.out" 'len(C) == 1 and C[0]["server"] == "192.0.2.1:4434"' ||
	fail "filter: $(head -c 400 "$T/filter.out")"
echo "ok: filter"

# 10. --stats live: a line a second, even without traffic; SIGINT on an
# idle capture ends it (the pcap timeout is 100 ms) with the summary.
tlshake_start stats "$NA" -i "$VA" --stats
poll 50 grep -q "^tlshake: [0-9]* s: packets [0-9]* ([0-9]*/s), bytes [0-9]* ([0-9]*/s), connections 0 open, 0 seen, 0 reported, dropped [0-9]* by kernel, [0-9]* by interface$" "$T/stats.err" ||
	fail "--stats: no per-second line: $(cat "$T/stats.err")"
tlshake_stop stats
grep -q "handshakes completed 0" "$T/stats.err" ||
	fail "--stats: no summary: $(cat "$T/stats.err")"
echo "ok: --stats, SIGINT when idle"

# 11. SIGINT flush: a connection that stays open is printed as open (no
# FIN), exit 0, pcap statistics on stderr. Wait until the server's
# certificate went through tlshake (it is in the -w file, written as read).
tlshake_start flush "$NA" -i "$VA" -w "$T/flush.pcap" --json
B openssl s_client -connect 192.0.2.1:4434 -servername "$SNI" \
    -CAfile "$T/ca.pem" -tls1_2 <"$T/hold" >"$T/flush.cli" 2>&1 &
CL=$!
PIDS="$PIDS $CL"
exec 3>"$T/hold"
HOLD=1
seen() { [ "$(grep -a -o "$SNI" "$T/flush.pcap" | wc -l)" -ge 3 ]; }
poll 100 seen || fail "flush: the handshake was not captured"
tlshake_stop flush
jsonok "$T/flush.out" 'len(C) == 1 and not C[0]["tcp"].get("fin") and
    C[0]["tls"]["sni"] == "'$SNI'" and C[0]["server"] == "192.0.2.1:4434"' ||
	fail "flush: $(head -c 400 "$T/flush.out")"
exec 3>&-
HOLD=
echo "ok: SIGINT flush"
exit 0
