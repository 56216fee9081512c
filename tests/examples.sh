#!/bin/sh
# Every command of tlshake(1)'s EXAMPLES runs, on the project's own
# tls13-aes256 capture under the example's names (capture.pcap and
# capture.pcapng, keys.log, ca.pem; server 198.51.100.7:443 is the
# capture's 127.0.0.1:44302), and shows what the peers printed when it was
# recorded (pcaps/tls13-aes256.peers.txt): the suite s_client reported and
# the certificates s_server sent. The live example runs as root in a
# network namespace against a real s_server on port 443.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need jq
MAN=$top_srcdir/man/tlshake.1
PEERS=$PCAPS/tls13-aes256.peers.txt
tmpdir
mkdir "$T/w" "$T/bin"
cd "$T/w" || fail "cd"
cp "$PCAPS/tls13-aes256.pcap" capture.pcap
cp "$PCAPS/tls13-aes256.keys" keys.log
cp "$PCAPS/certs/root.pem" ca.pem
if command -v editcap >/dev/null 2>&1; then
	editcap -F pcapng capture.pcap capture.pcapng || fail "editcap"
else
	cp capture.pcap capture.pcapng	# tlshake reads either by content
fi
ln -s "$TLSHAKE" "$T/bin/tlshake"
PATH=$T/bin:$PATH
suite=$(sed -n 's/^client: session: New, TLSv1.3, Cipher is //p' "$PEERS")
[ -n "$suite" ] || fail "no suite in $PEERS"

# The examples, one a line, without their prompt.
awk '/^\.Sh EXAMPLES/{on=1; next} /^\.Sh /{on=0} on && /^\.Dl /' "$MAN" |
    sed 's/^\.Dl //; s/\\-/-/g; s/^[$#] //' > "$T/examples"
[ "$(wc -l < "$T/examples")" -ge 6 ] || fail "too few examples: $(cat "$T/examples")"

n=0 live=
while IFS= read -r cmd; do
	n=$((n + 1))
	run=$(printf '%s\n' "$cmd" | sed 's/198\.51\.100\.7/127.0.0.1/g; s/port 443/port 44302/g')
	case $cmd in
	*" -i "*)	live=$cmd; continue ;;
	esac
	echo "example $n: $cmd"
	sh -c "$run" > "$T/out.$n" 2> "$T/err.$n" ||
		fail "example $n exit $?: $cmd: $(cat "$T/err.$n")"
	case $cmd in
	*"-q -r capture.pcapng")
		[ "$(wc -l < "$T/out.$n")" = 1 ] && grep -q "TLSv1.3  $suite" "$T/out.$n" ||
			fail "example $n: $(cat "$T/out.$n")" ;;
	*"-v -r capture.pcap host "*)
		grep -q "$suite" "$T/out.$n" && grep -q 'ClientHello' "$T/out.$n" ||
			fail "example $n: $(head "$T/out.$n")" ;;
	*"--json -r capture.pcap | jq -r .tls.cipher_suite.name" | \
	*"--ecs -r capture.pcap | jq -r .tls.cipher")
		[ "$(cat "$T/out.$n")" = "$suite" ] || fail "example $n: $(cat "$T/out.$n")" ;;
	*"--report html -o report.html"*)
		grep -q '^<!DOCTYPE html>' report.html && grep -q "$suite" "$T/out.$n" ||
			fail "example $n: no report or no diff" ;;
	*"--explain -q --keylog keys.log --ca-file ca.pem -r capture.pcap")
		# The steps are wrapped: read them as one line.
		tr '\n' ' ' < "$T/out.$n" | tr -s ' ' > "$T/joined.$n"
		grep -q "the cipher suite $suite" "$T/joined.$n" &&
		    grep -q "Checked as a browser does" "$T/joined.$n" ||
			fail "example $n: $(cat "$T/out.$n")" ;;
	*"--export-certs certs"*)
		# The certificates s_server sent (the peers file names them).
		for pem in rsa-leaf intermediate; do
			fp=$(openssl x509 -noout -fingerprint -sha256 -in "$PCAPS/certs/$pem.pem" |
			    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
			[ -f "certs/$fp.pem" ] || fail "example $n: certs/$fp.pem ($pem) not written: $(ls certs)"
		done
		grep -q 'Certificate' "$T/out.$n" || fail "example $n: no decrypted Certificate" ;;
	*)	fail "example $n has no check here: $cmd" ;;
	esac
done < "$T/examples"
[ -n "$live" ] || fail "no live example"

# The live example, as root, in a namespace with a server on port 443.
[ "$(id -u)" = 0 ] || { echo "note: not root: the live example is not run: $live"; exit 0; }
need ip
need openssl
NA= NB= PIDS=
. "$top_srcdir/tests/netns.sh"
trap 'netns_cleanup; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
netns_pair x
echo "example live: $live"
run=$(printf '%s\n' "$live" | sed "s/-i eth0/-i $VA/")
netns_server live.example.test 443
# shellcheck disable=SC2086
ip netns exec "$NA" sh -c "exec $run" >"$T/live.out" 2>"$T/live.err" &
TP=$!
PIDS="$PIDS $TP"
poll 100 grep -q "listening on" "$T/live.err" || fail "live: $(cat "$T/live.err")"
B openssl s_client -connect 192.0.2.1:443 -servername live.example.test \
    </dev/null >"$T/client.log" 2>&1 || fail "s_client: $(tail -5 "$T/client.log")"
sent=$(sed -n 's/^New, TLSv1.3, Cipher is //p' "$T/client.log" | head -n 1)
[ -n "$sent" ] || fail "s_client printed no TLS 1.3 cipher: $(tail "$T/client.log")"
poll 100 grep -q "sni=live.example.test" "$T/live.out" || {
	kill -INT "$TP"; poll 50 gone "$TP"; }
kill -INT "$TP" 2>/dev/null
poll 100 gone "$TP" || fail "live: tlshake did not exit"
wait "$TP" || fail "live: exit status: $(cat "$T/live.err")"
grep -q "TLSv1.3  $sent  sni=live.example.test" "$T/live.out" ||
	fail "live: $(cat "$T/live.out")"
echo "ok: $n examples"
