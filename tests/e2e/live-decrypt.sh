#!/bin/sh
# Live, end to end: openssl s_server and s_client on 127.0.0.1 (a random
# high port), the client writing its key log (-keylogfile) while tcpdump
# records the loopback and tlshake captures it live with --keylog on the
# same, growing, file. Then the revealed certificate subject must be the
# one the server used, in the recording read afterwards and in the live
# output. TLS 1.3 (AES-GCM) and TLS 1.2 with a CBC suite from s_client,
# and TLS 1.3 with ChaCha20-Poly1305 from gnutls-cli (SSLKEYLOGFILE) when
# it is installed. Root only.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
need openssl
need tcpdump
need python3
need ss
[ "$(id -u)" -eq 0 ] || skip "capturing on lo needs root"
T=$(mktemp -d "${TMPDIR:-/tmp}/tlshake-test.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
cd "$T" || exit 1

# wait_for CMD...: up to 10 s for CMD to succeed.
wait_for() {
	i=0
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || return 1
		sleep 0.1
	done
}

openssl req -x509 -newkey rsa:2048 -nodes -keyout srv.key -out srv.pem \
    -days 30 -subj "/O=tlshake live/CN=live.example.test" \
    -addext "subjectAltName=DNS:live.example.test" 2>/dev/null ||
    fail "cannot make a certificate"
want=$(openssl x509 -in srv.pem -noout -subject -nameopt RFC2253 | sed 's/^subject=//')

# A free port between 20000 and 59999.
port=
for try in 1 2 3 4 5 6 7 8 9 10; do
	p=$(( ($$ * 7919 + try * 104729 + $(date +%N | sed 's/^0*//;s/^$/0/') ) % 40000 + 20000 ))
	if ! ss -Hltn "sport = :$p" | grep -q .; then port=$p; break; fi
done
[ -n "$port" ] || skip "no free port found"

: > keys
tcpdump -i lo -U -w cap.pcap "tcp port $port" 2> tcpdump.err &
pids="$pids $!"
"$TLSHAKE" -i lo --keylog keys --no-verify --json "tcp port $port" \
    > live.json 2> live.err &
tls_pid=$!
pids="$pids $tls_pid"
wait_for grep -q "listening on" tcpdump.err || fail "tcpdump did not start"
wait_for grep -q "listening on" live.err || fail "tlshake did not start"

nconn=2
command -v gnutls-cli >/dev/null 2>&1 && nconn=3
openssl s_server -accept "127.0.0.1:$port" -cert srv.pem -key srv.key \
    -naccept $nconn -quiet > server.out 2>&1 &
pids="$pids $!"
wait_for sh -c "ss -Hltn 'sport = :$port' | grep -q ." ||
    fail "s_server did not listen"

printf 'hello 1.3\n' | timeout 10 openssl s_client \
    -connect "127.0.0.1:$port" -servername live.example.test -tls1_3 \
    -keylogfile keys -quiet > client13.out 2>&1
printf 'hello 1.2\n' | timeout 10 openssl s_client \
    -connect "127.0.0.1:$port" -servername live.example.test -tls1_2 \
    -cipher ECDHE-RSA-AES128-SHA -keylogfile keys -quiet > client12.out 2>&1
if [ $nconn -eq 3 ]; then
	printf 'hello gnutls\n' | SSLKEYLOGFILE=$T/keys timeout 10 gnutls-cli \
	    --insecure --port "$port" --sni-hostname live.example.test \
	    --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305' \
	    127.0.0.1 > gnutls.out 2>&1 || echo "note: gnutls-cli failed"
else
	echo "note: gnutls-cli is not installed; OpenSSL clients only"
fi
sleep 1
for p in $pids; do kill -INT "$p" 2>/dev/null; done
wait "$tls_pid"
wait 2>/dev/null
pids=

# check FILE [live]: both connections revealed the server's subject. Live,
# a TLS 1.3 server's first flight may be read before the client wrote its
# secrets (tlshake(1), --keylog): then only the client's Finished is
# required, and said.
check() {
	python3 - "$1" "$want" "$nconn" "${2:-}" <<'EOF'
import json, sys
cs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
want, live = sys.argv[2], sys.argv[4] == "live"
ok = len(cs) == int(sys.argv[3])
for c in cs:
    t = c.get("tls", {})
    subj = (t.get("certificates") or [{}])[0].get("subject")
    dec = [m["type"] for m in c.get("messages", []) if m.get("decrypted")]
    v = t.get("version")
    src = "decrypted" if v == "TLSv1.3" else "cleartext"
    failed = [a for a in c.get("anomalies", [])
              if a["code"] == "tls.decrypt.failed"]
    good = (subj == want and t.get("certificates_source") == src and
            dec.count("finished") == 2 and not failed)
    if live and v == "TLSv1.3" and not good and not failed and \
            [m for m in c.get("messages", []) if m.get("decrypted") and
             m["type"] == "finished" and m["dir"] == "c2s"]:
        print("note: the server's flight was read before its keys")
        good = True
    print("%s %s %s %s: %s" % (sys.argv[1], v, t.get("cipher_suite",
          {}).get("name"), subj, ",".join(dec)))
    ok = ok and good
sys.exit(0 if ok else 1)
EOF
}
"$TLSHAKE" -r cap.pcap --keylog keys --no-verify --json > read.json ||
    fail "tlshake -r on the recording"
bad=0
check read.json || { echo "FAIL: the recording"; bad=1; }
check live.json live || { echo "FAIL: the live capture"; cat live.err; bad=1; }
[ $bad -eq 0 ]
