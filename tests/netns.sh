# netns.sh: sourced by the live tests after lib.sh. netns_pair TAG makes
# two network namespaces, NA and NB (names with TAG and the test's pid),
# joined by a veth pair VA - VB with 192.0.2.1/24 - 192.0.2.2/24 and
# 2001:db8::1/64 - 2001:db8::2/64; A CMD and B CMD run in them.
# netns_cleanup ends every process in them and removes them.
# "$T" must exist; PIDS lists processes to end.
netns_pair() {
	NA=tlshake-$$-$1-a
	NB=tlshake-$$-$1-b
	VA=tlsk$$$1a
	VB=tlsk$$$1b
	ip netns add "$NA" 2>"$T/netns.err" ||
		skip "no network namespaces here (ip netns add: $(cat "$T/netns.err"))"
	ip netns add "$NB" || fail "ip netns add $NB"
	ip link add "$VA" netns "$NA" type veth peer name "$VB" netns "$NB" ||
		skip "no veth support (ip link add type veth failed)"
	A ip link set lo up && B ip link set lo up &&
	A ip addr add 192.0.2.1/24 dev "$VA" &&
	B ip addr add 192.0.2.2/24 dev "$VB" &&
	A ip addr add 2001:db8::1/64 dev "$VA" nodad &&
	B ip addr add 2001:db8::2/64 dev "$VB" nodad &&
	A ip link set "$VA" up && B ip link set "$VB" up || fail "namespace setup"
}
A() { ip netns exec "$NA" "$@"; }
B() { ip netns exec "$NB" "$@"; }
netns_cleanup() {
	for p in $PIDS; do kill -KILL "$p" 2>/dev/null; done
	# $PIDS holds the subshells of "A cmd &": end what runs inside too.
	for ns in $NA $NB; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
}
# poll N CMD...: CMD every 0.1 s, at most N times.
poll() {
	_pn=$1
	shift
	while [ "$_pn" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_pn=$((_pn - 1))
	done
	return 1
}
# gone PID: the process has exited (a zombie counts).
gone() {
	s=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -z "$s" ] || [ "$s" = Z ]
}
# netns_server CN PORT: a throwaway certificate for CN and an openssl
# s_server -www on PORT in A, waited for.
netns_server() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$T/srv.key" -out "$T/srv.pem" -days 2 \
	    -subj "/CN=$1" >/dev/null 2>&1 || fail "certificate"
	A openssl s_server -accept "$2" -cert "$T/srv.pem" -key "$T/srv.key" \
	    -www -quiet >"$T/server.log" 2>&1 &
	PIDS="$PIDS $!"
	poll 100 sh -c "ip netns exec $NA ss -Hltn 'sport = :$2' | grep -q ." ||
		fail "s_server did not start: $(cat "$T/server.log")"
}
