#!/usr/bin/env bash
# make-pcaps.sh: record tlshake's own small TLS captures with real peers on loopback.
#
#   sudo pcaps/make-pcaps.sh [SCENARIO...]     (default: every scenario, in a fixed order)
#
# For each scenario NAME it writes, beside this script:
#   NAME.pcap              tcpdump -i lo capture of the scenario's port only
#   NAME.keys              NSS key log written by the client (SSLKEYLOGFILE format)
#   NAME.peers.txt         what the peers themselves printed (independent source for golden tests)
#   NAME.pcap.truth.jsonl  tshark ground truth ($TSHARK_TRUTH; skipped when it is absent)
# and, for all of them, certs/ (public PEMs of the throwaway PKI), MANIFEST.tsv and README.
#
# Everything runs in a private network namespace that the script creates and removes
# (PCAPS_NETNS=0: use the host's loopback instead). Only 127.0.0.1 and ::1 are used.
# Every process it starts is stopped by PID on exit. Needs root (tcpdump, ip netns),
# openssl, gnutls-cli/gnutls-serv, tcpdump, tshark, python3 (reset and notls scenarios).
#
# Environment:
#   TSHARK_TRUTH   path to the tshark-truth oracle (default: ../shared/tools/tshark-truth
#                  relative to the repository)
#   PCAPS_NETNS    1 (default) run inside a private network namespace; 0 use the host's lo
#   PCAPS_CHECK    1 (default) check every capture with tshark and fail when it does not show
#                  what the scenario claims
#   PCAPS_KEEP_WORK 1: keep the temporary work directory (private keys, raw peer logs) for debugging

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
: "${TSHARK_TRUTH:=$REPO/../shared/tools/tshark-truth}"
: "${PCAPS_NETNS:=1}"
: "${PCAPS_CHECK:=1}"
export TSHARK_TRUTH PCAPS_CHECK
export LC_ALL=C TZ=UTC

die() { echo "make-pcaps: $*" >&2; exit 1; }
log() { echo "make-pcaps: $*" >&2; }

[[ $(id -u) -eq 0 ]] || die "must run as root (tcpdump, network namespace)"
for t in openssl tcpdump tshark ss; do
    command -v "$t" >/dev/null || die "$t not found"
done

# ---------------------------------------------------------------------------------------------
# Scenario table: name | port | versions | suites | ServerHello suite ids (checked) | what it shows.
# Order = recording order.
# ---------------------------------------------------------------------------------------------
SCENARIOS=(
"demo|44301|TLS 1.3, TLS 1.2|TLS_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256|0x1301,0xc02f|the bundled demo: 3 connections to one s_server (RSA chain): TLS 1.3 with SNI www.example.test and ALPN h2,http/1.1 (server picks http/1.1); TLS 1.2 ECDHE-RSA; a failed handshake (client offers only AES256-SHA256, server refuses: handshake_failure alert)"
"tls13-aes256|44302|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|one TLS 1.3 connection, RSA chain"
"tls13-chacha|44303|TLS 1.3|TLS_CHACHA20_POLY1305_SHA256|0x1303|one TLS 1.3 connection, RSA chain"
"tls13-ccm|44304|TLS 1.3|TLS_AES_128_CCM_SHA256|0x1304|one TLS 1.3 connection, CCM enabled on both sides with -ciphersuites"
"tls12-cbc|44305|TLS 1.2|ECDHE-RSA-AES128-SHA|0xc013|one TLS 1.2 connection with a CBC suite (encrypt_then_mac negotiated)"
"tls12-rsa|44306|TLS 1.2|AES256-GCM-SHA384|0x009d|one TLS 1.2 connection with static RSA key exchange"
"tls12-dhe|44307|TLS 1.2|DHE-RSA-AES128-GCM-SHA256|0x009e|one TLS 1.2 connection with finite-field DHE (server's automatic DH group)"
"tls12-ecdsa|44308|TLS 1.2|ECDHE-ECDSA-AES256-GCM-SHA384|0xc02c|one TLS 1.2 connection to the ECDSA P-256 leaf (chain: ECDSA leaf, RSA intermediate)"
"tls13-hrr|44309|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|HelloRetryRequest: client key share x25519, server accepts only P-256, second ClientHello with a P-256 share"
"tls13-resume|44310|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|two connections: a full handshake that receives NewSessionTickets, then a PSK (psk_dhe_ke) resumption with -sess_in"
"tls12-resume|44311|TLS 1.2|ECDHE-RSA-AES128-GCM-SHA256|0xc02f|two connections: full handshake, then an abbreviated handshake resuming by session ID (tickets disabled)"
"tls12-ticket|44312|TLS 1.2|ECDHE-RSA-AES128-GCM-SHA256|0xc02f|two connections: full handshake with NewSessionTicket, then an abbreviated handshake resuming with the ticket"
"tls13-mtls|44313|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|mutual TLS: CertificateRequest, client Certificate (client.example.test + intermediate) and CertificateVerify"
"tls12-mtls|44314|TLS 1.2|ECDHE-RSA-AES256-GCM-SHA384|0xc030|mutual TLS: CertificateRequest, client Certificate, CertificateVerify"
"tls12-reneg|44315|TLS 1.2|ECDHE-RSA-AES128-GCM-SHA256|0xc02f|secure renegotiation, two connections: client-initiated (s_client R, full second handshake) and server-initiated (s_server r: HelloRequest, then an abbreviated second handshake); both encrypted under the first handshake's keys"
"tls13-keyupdate|44316|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|client KeyUpdate with update_requested (s_client K), server answers with its own KeyUpdate; data before and after"
"ipv6|44317|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|one TLS 1.3 connection over ::1"
"gnutls|44318|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|gnutls-cli to gnutls-serv --echo, TLS 1.3, key log from gnutls (SSLKEYLOGFILE)"
"tls13-0rtt|44319|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|two connections: full handshake for a ticket, then resumption with 0-RTT early data accepted (EndOfEarlyData)"
"reset|44320|TLS 1.3|TLS_AES_256_GCM_SHA384|0x1302|python3 client sends a ClientHello, reads the server's whole first flight (decryptable: the client logged its keys), never sends its Finished and aborts with RST (SO_LINGER 0)"
"notls|8443|-|-||plain TCP on port 8443 (a default TLS port) without TLS: a line of text and its echo, then FIN"
"legacy-openssl|44321|TLS 1.0, TLS 1.1, TLS 1.2|SEED-SHA, DHE-RSA-SEED-SHA|0x0096,0x009a|three connections with SEED-CBC (OpenSSL's legacy provider on both sides, -cipher ...:@SECLEVEL=0): SEED-SHA over TLS 1.0 (implicit CBC IV), DHE-RSA-SEED-SHA over TLS 1.1 and TLS 1.2; this OpenSSL has no SSLv3, RC4, DES, 3DES, IDEA or RC2 in libssl"
"legacy-gnutls|44322|TLS 1.0, TLS 1.2|TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_RC4_128_MD5, TLS_RSA_WITH_3DES_EDE_CBC_SHA|0x0005,0x0004,0x000a|three gnutls-cli connections to gnutls-serv --echo with priority strings that allow them: RC4-128 with SHA-1 (TLS 1.2) and MD5 (TLS 1.0) MACs, 3DES-EDE-CBC (TLS 1.0); key log from gnutls"
"tls13-ccm8|44324|TLS 1.3|TLS_AES_128_CCM_8_SHA256|0x1305|one TLS 1.3 connection with the 8-byte-tag CCM_8 suite; the client's data follows its Finished before the server's reply (the key-less flight heuristic must not count it)"
"null|44323|TLS 1.2, TLS 1.0|TLS_RSA_WITH_NULL_SHA256, TLS_ECDHE_RSA_WITH_NULL_SHA|0x003b,0xc010|two connections with NULL encryption (records after ChangeCipherSpec are plaintext and a MAC): NULL-SHA256 over TLS 1.2, ECDHE-RSA-NULL-SHA over TLS 1.0 with a close_notify alert; no key log is kept, tshark reads them without one"
)

scen_field() {  # scen_field NAME INDEX
    local s
    for s in "${SCENARIOS[@]}"; do
        IFS='|' read -r n p v c i w <<<"$s"
        if [[ $n == "$1" ]]; then
            case $2 in 1) echo "$n";; 2) echo "$p";; 3) echo "$v";; 4) echo "$c";; 5) echo "$w";; 6) echo "$i";; esac
            return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------------
# Outer level: re-run this script inside a private network namespace, then remove it.
# ---------------------------------------------------------------------------------------------
if [[ -z ${PCAPS_IN_NETNS:-} && $PCAPS_NETNS != 0 ]]; then
    NS="tlshake-pcaps-$$"
    ip netns add "$NS" || die "cannot create network namespace (PCAPS_NETNS=0 uses the host's lo)"
    trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
    ip netns exec "$NS" ip link set lo up
    rc=0
    PCAPS_IN_NETNS=$NS ip netns exec "$NS" bash "$SELF" "$@" || rc=$?
    exit "$rc"
fi

# ---------------------------------------------------------------------------------------------
# Inner level: state, cleanup
# ---------------------------------------------------------------------------------------------
W=$(mktemp -d /tmp/tlshake-pcaps.XXXXXX)
PIDS=()          # every background process started, stopped by PID on exit
TD_PID=""        # tcpdump of the current scenario
SRV_PID=""       # server of the current scenario
CUR="" CUR_PORT="" CONN=0

cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$HERE/certs.new" "$HERE"/.*.new
    if [[ ${PCAPS_KEEP_WORK:-0} == 1 ]]; then log "work directory kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bg() {  # bg LOGFILE CMD...: start CMD in the background, stdin from a fifo that never ends
    local logf=$1; shift
    local fifo="$W/fifo.$RANDOM.$RANDOM"
    mkfifo "$fifo"
    "$@" 0<>"$fifo" >"$logf" 2>&1 &
    BG_PID=$!
    BG_FIFO=$fifo
    PIDS+=("$BG_PID")
}

stop_pid() {  # stop_pid PID [SIGNAL]
    local p=$1 sig=${2:-TERM}
    [[ -n $p ]] || return 0
    kill "-$sig" "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
}

wait_listen() {  # wait_listen PORT
    local i
    for ((i = 0; i < 100; i++)); do
        if [[ -n $(ss -Hltn "sport = :$1") ]]; then return 0; fi
        sleep 0.05
    done
    die "$CUR: nothing listens on port $1 (see $W)"
}

# ---------------------------------------------------------------------------------------------
# Throwaway PKI
# ---------------------------------------------------------------------------------------------
P="$W/pki"
make_pki() {
    mkdir -p "$P"
    cat >"$P/ext.cnf" <<'EOF'
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[rsa_leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.test, DNS:example.test, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ecdsa_leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:ecdsa.example.test, DNS:www.example.test, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.example.test, email:client@example.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
    local q=(-quiet)
    openssl genpkey "${q[@]}" -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$P/root.key"
    openssl req -new -key "$P/root.key" -subj "/O=tlshake/CN=tlshake Test Root CA" -out "$P/root.csr"
    openssl x509 -req -in "$P/root.csr" -signkey "$P/root.key" -sha256 -days 3650 \
        -extfile "$P/ext.cnf" -extensions root -out "$P/root.pem" 2>/dev/null
    sign() {  # sign NAME KEYALGOPTS SUBJ DAYS ISSUER EXT
        local name=$1 subj=$3 days=$4 issuer=$5 ext=$6
        # shellcheck disable=SC2086
        openssl genpkey "${q[@]}" $2 -out "$P/$name.key"
        openssl req -new -key "$P/$name.key" -subj "$subj" -out "$P/$name.csr"
        openssl x509 -req -in "$P/$name.csr" -CA "$P/$issuer.pem" -CAkey "$P/$issuer.key" \
            -CAcreateserial -sha256 -days "$days" -extfile "$P/ext.cnf" -extensions "$ext" \
            -out "$P/$name.pem" 2>/dev/null
    }
    sign intermediate "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" \
        "/O=tlshake/CN=tlshake Test Intermediate CA" 3650 root inter
    sign rsa-leaf "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" \
        "/O=tlshake/CN=www.example.test" 825 intermediate rsa_leaf
    sign ecdsa-leaf "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" \
        "/O=tlshake/CN=ecdsa.example.test" 825 intermediate ecdsa_leaf
    sign client "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" \
        "/O=tlshake/CN=client.example.test" 825 intermediate client
    cat "$P/rsa-leaf.pem" "$P/intermediate.pem" >"$P/rsa-chain.pem"
    cat "$P/ecdsa-leaf.pem" "$P/intermediate.pem" >"$P/ecdsa-chain.pem"
    cat "$P/client.pem" "$P/intermediate.pem" >"$P/client-chain.pem"
    local c
    for c in rsa-leaf ecdsa-leaf client; do
        openssl verify -CAfile "$P/root.pem" -untrusted "$P/intermediate.pem" "$P/$c.pem" >/dev/null ||
            die "PKI: $c does not verify"
    done
    # public parts only go into the tree
    rm -rf "$HERE/certs.new"
    mkdir -p "$HERE/certs.new"
    for c in root intermediate rsa-leaf ecdsa-leaf client rsa-chain ecdsa-chain client-chain; do
        cp "$P/$c.pem" "$HERE/certs.new/$c.pem"
    done
}

# ---------------------------------------------------------------------------------------------
# Scenario plumbing
# ---------------------------------------------------------------------------------------------
begin() {  # begin NAME: start tcpdump on the scenario's port
    CUR=$1
    CUR_PORT=$(scen_field "$CUR" 2) || die "unknown scenario $CUR"
    CONN=0
    SRV_PID=""
    log "== $CUR (port $CUR_PORT)"
    D="$W/$CUR"
    mkdir -p "$D"
    : >"$D/keys"
    : >"$D/peers"
    [[ -z $(ss -Htan "sport = :$CUR_PORT or dport = :$CUR_PORT") ]] ||
        die "$CUR: port $CUR_PORT is in use"
    tcpdump -i lo -n -U -Z root -w "$D/pcap" "tcp port $CUR_PORT" 2>"$D/tcpdump.err" &
    TD_PID=$!
    PIDS+=("$TD_PID")
    local i
    for ((i = 0; i < 200; i++)); do
        grep -q "listening on" "$D/tcpdump.err" && return 0
        kill -0 "$TD_PID" 2>/dev/null || die "$CUR: tcpdump failed: $(cat "$D/tcpdump.err")"
        sleep 0.05
    done
    die "$CUR: tcpdump did not start"
}

server() {  # server CMD...: start a server listening on CUR_PORT (SRV_SHOW: how to show it)
    bg "$D/server.log" "$@"
    SRV_PID=$BG_PID
    SRV_FIFO=$BG_FIFO
    wait_listen "$CUR_PORT"
    echo "# server: ${SRV_SHOW:-$(show_cmd "$@")}" >>"$D/peers"
    SRV_SHOW=""
}

s_server() {  # s_server ARGS...: openssl s_server on 127.0.0.1:CUR_PORT with the RSA chain
    server openssl s_server -accept "127.0.0.1:$CUR_PORT" -brief \
        -cert "$P/rsa-leaf.pem" -key "$P/rsa-leaf.key" -cert_chain "$P/intermediate.pem" "$@"
}

show_cmd() {  # the command as it would be typed from pcaps/, temp paths replaced by certs/
    local out="" a
    for a in "$@"; do
        a=${a//$P\//certs/}
        a=${a//$D\//}
        [[ $a == *[[:space:]]* ]] && a="'$a'"
        out+="${out:+ }$a"
    done
    printf '%s' "$out"
}

feed() {  # feed ITEM...: printf '%b' each item; @N sleeps N seconds; !TEXT goes to the server
    local x
    for x in "$@"; do
        case $x in
            @*) sleep "${x#@}" ;;
            !*) printf '%b' "${x#!}" >"$SRV_FIFO" ;;  # a command for the server's stdin
            *) printf '%b' "$x" ;;
        esac
    done
}

srv_mark() { SRV_OFF=$(stat -c %s "$D/server.log" 2>/dev/null || echo 0); }
srv_filter() {  # server log lines worth keeping: no PEM blocks, no accept/close chatter
    awk '/^-----BEGIN/ { pem = 1 }
         !pem && !/^(ACCEPT|shutting down SSL|CONNECTION CLOSED|)$/ { print }
         /^-----END/ { pem = 0 }'
}
srv_since() { tail -c "+$((SRV_OFF + 1))" "$D/server.log" 2>/dev/null || true; }

# client_lines LOG: the lines of an openssl s_client (full mode) log that describe the session
client_lines() {
    awk '
        /^Certificate chain/ { chain = 1; next }
        chain && /^---/ { chain = 0 }
        chain && /^ *[0-9]+ s:/ { sub(/^ +/, ""); print "chain: " $0; next }
        chain && /^ +i:/ { sub(/^ +/, ""); print "chain:   " $0; next }
        /^(New|Reused), / { print "session: " $0; next }
        /^subject=|^issuer=/ && !si[$0]++ { print "server cert " $0; next }
        /^(Peer signing digest|Peer signature type|Server Temp Key|Server public key is|ALPN protocol|No ALPN negotiated|Early data|Secure Renegotiation|Acceptable client certificate CA names|Client Certificate Types|Requested Signature Algorithms|Shared Requested Signature Algorithms|Verification|Verify return code|Protocol version|Ciphersuite|Peer certificate|Hash used|Signature type)/ && !seen[$0]++ { print; next }
        /^ *(Protocol|Cipher|Extended master secret|Max Early Data) *:/ && !seen[$0]++ { sub(/^ +/, ""); print "session: " $0; next }
        /^Post-Handshake New Session Ticket arrived/ { nst++ }
        /^(RENEGOTIATING|KEYUPDATE|DONE|CONNECTED)/ { print "event: " $0; next }
        /alert|error:|errno|:SSL routines:|Verify error|verify error/ { print "error: " $0; next }
        END { if (nst) print "post-handshake NewSessionTicket messages reported: " nst }
    ' "$1"
}

record_conn() {  # record_conn LOG RC CMD...: append a connection block to peers
    local logf=$1 rc=$2; shift 2
    {
        echo
        echo "[conn $CONN]"
        echo "# client: $(show_cmd "$@")"
        echo "# client exit status: $rc"
        client_lines "$logf" | sed 's/^/client: /'
        srv_since | srv_filter | sed 's/^/server: /' || true
    } >>"$D/peers"
}

# cli FEED... -- ARGS...: one openssl s_client connection to 127.0.0.1:CUR_PORT (or -connect
# in ARGS), key log appended to the scenario's keys, RSA-chain verification against the test root.
cli() {
    local items=() args=()
    while [[ $# -gt 0 && $1 != -- ]]; do items+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    args=("$@")
    local have_connect=0 a
    for a in "${args[@]}"; do [[ $a == -connect ]] && have_connect=1; done
    [[ $have_connect == 1 ]] || args=(-connect "127.0.0.1:$CUR_PORT" "${args[@]}")
    CONN=$((CONN + 1))
    srv_mark
    local cmd=(openssl s_client "${args[@]}" -keylogfile "$D/keys"
        -CAfile "$P/root.pem" -verify_hostname www.example.test -verify_return_error)
    local rc=0
    { feed "${items[@]}"; sleep 0.5; } | timeout 10 "${cmd[@]}" >"$D/client$CONN.log" 2>&1 || rc=$?
    sleep 0.3
    record_conn "$D/client$CONN.log" "$rc" "${cmd[@]}"
    return 0
}

finish() {  # finish: stop tcpdump and the server, move the results into pcaps/
    sleep 0.5
    stop_pid "$TD_PID" INT
    stop_pid "$SRV_PID" TERM
    TD_PID="" SRV_PID=""
    local out="$HERE/$CUR"
    local tmp="$HERE/.$CUR.new"
    mkdir -p "$tmp"
    cp "$D/pcap" "$tmp/$CUR.pcap"
    if [[ -s $D/keys ]]; then cp "$D/keys" "$tmp/$CUR.keys"; fi
    {
        echo "# $CUR: what the peers printed while pcaps/make-pcaps.sh recorded $CUR.pcap"
        echo "# port $CUR_PORT; $(scen_field "$CUR" 5)"
        echo "# one [conn N] block per TCP connection, in capture order; 'client:'/'server:' lines are"
        echo "# the peers' own output (openssl s_client full output filtered, s_server -brief, gnutls)."
        if [[ -n ${CERTS_USED:-} ]]; then
            local c
            for c in $CERTS_USED; do
                echo "x509 certs/$c.pem: $(openssl x509 -in "$P/$c.pem" -noout -subject -nameopt RFC2253) | $(openssl x509 -in "$P/$c.pem" -noout -issuer -nameopt RFC2253) | $(openssl x509 -in "$P/$c.pem" -noout -serial)"
            done
        fi
        cat "$D/peers"
    } >"$tmp/$CUR.peers.txt"
    rm -f "$out.pcap" "$out.keys" "$out.peers.txt" "$out.pcap.truth.jsonl"
    mv "$tmp"/* "$HERE/"
    rmdir "$tmp"
    if [[ -x $TSHARK_TRUTH ]]; then
        local k=()
        [[ -s $out.keys ]] && k=(-k "$out.keys")
        "$TSHARK_TRUTH" "${k[@]}" -d "tcp.port==$CUR_PORT,tls" -o "$out.pcap.truth.jsonl" "$out.pcap" ||
            die "$CUR: tshark-truth failed"
    fi
    CERTS_USED=""
}

# ---------------------------------------------------------------------------------------------
# Checks: count tshark matches of a display filter (with the key log) in the scenario's capture
# ---------------------------------------------------------------------------------------------
tcount() {  # tcount NAME FILTER
    local k=()
    [[ -s $HERE/$1.keys ]] && k=(-o "tls.keylog_file:$HERE/$1.keys")
    tshark -n -r "$HERE/$1.pcap" "${k[@]}" -d "tcp.port==$(scen_field "$1" 2),tls" \
        -Y "$2" -T fields -e frame.number 2>/dev/null | wc -l
}
FAILED=()
expect() {  # expect NAME FILTER OP N   (OP: eq, ge)
    [[ $PCAPS_CHECK == 1 ]] || return 0
    local n
    n=$(tcount "$1" "$2")
    local good=0
    case $3 in
        eq) [[ $n -eq $4 ]] && good=1 ;;
        ge) [[ $n -ge $4 ]] && good=1 ;;
    esac
    if [[ $good == 1 ]]; then
        log "   ok   $1: $2 -> $n ($3 $4)"
    else
        log "   FAIL $1: $2 -> $n, want $3 $4"
        FAILED+=("$1: $2 -> $n, want $3 $4")
    fi
}
HS='tls.handshake.type'

# ---------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------
sc_demo() {
    begin demo
    CERTS_USED="rsa-leaf intermediate root"
    s_server -alpn http/1.1 -cipher 'ECDHE+AESGCM' -ciphersuites TLS_AES_128_GCM_SHA256
    cli 'GET / HTTP/1.1\r\nHost: www.example.test\r\n\r\n' -- -tls1_3 \
        -ciphersuites TLS_AES_128_GCM_SHA256 -servername www.example.test -alpn h2,http/1.1
    cli 'GET / HTTP/1.1\r\nHost: www.example.test\r\n\r\n' -- -tls1_2 \
        -cipher ECDHE-RSA-AES128-GCM-SHA256 -servername www.example.test
    cli 'GET / HTTP/1.1\r\n\r\n' -- -tls1_2 -cipher AES256-SHA256 -servername www.example.test
    finish
    expect demo "$HS == 1" eq 3
    expect demo "tls.handshake.type == 2 && tls.handshake.ciphersuite == 0x1301" eq 1
    expect demo "tls.handshake.type == 2 && tls.handshake.ciphersuite == 0xc02f" eq 1
    expect demo "tls.handshake.extensions_alpn_str == \"http/1.1\" && $HS == 8" eq 1
    expect demo "tls.alert_message.desc == 40" eq 1
    expect demo "$HS == 20" eq 4
}

sc_tls13_suite() {  # NAME SUITE
    begin "$1"
    CERTS_USED="rsa-leaf intermediate root"
    s_server -rev -ciphersuites "$2"
    cli 'hello\n' -- -tls1_3 -ciphersuites "$2" -servername www.example.test
    finish
    expect "$1" "$HS == 1" eq 1
    expect "$1" "$HS == 2 && tls.handshake.ciphersuite == $3" eq 1
    expect "$1" "$HS == 11" eq 1
    expect "$1" "$HS == 20" eq 2
    expect "$1" "tls.app_data" ge 2
}

sc_tls12_suite() {  # NAME CIPHER SUITEID [leaf]
    local leaf=${4:-rsa}
    begin "$1"
    CERTS_USED="$leaf-leaf intermediate root"
    server openssl s_server -accept "127.0.0.1:$CUR_PORT" -brief -rev \
        -cert "$P/$leaf-leaf.pem" -key "$P/$leaf-leaf.key" -cert_chain "$P/intermediate.pem" \
        -tls1_2 -cipher "$2"
    cli 'hello\n' -- -tls1_2 -cipher "$2" -servername www.example.test
    finish
    expect "$1" "$HS == 1" eq 1
    expect "$1" "$HS == 2 && tls.handshake.ciphersuite == $3" eq 1
    expect "$1" "$HS == 20" eq 2
    expect "$1" "tls.app_data" ge 2
}

sc_tls13_hrr() {
    begin tls13-hrr
    CERTS_USED="rsa-leaf intermediate root"
    s_server -rev -groups P-256
    cli 'hello\n' -- -tls1_3 -groups X25519:P-256 -servername www.example.test
    finish
    expect tls13-hrr "$HS == 1" eq 2
    expect tls13-hrr "$HS == 2 && tls.handshake.random == cf:21:ad:74:e5:9a:61:11:be:1d:8c:02:1e:65:b8:91:c2:a2:11:16:7a:bb:8c:5e:07:9e:09:e2:c8:a8:33:9c" eq 1
    expect tls13-hrr "$HS == 20" eq 2
}

sc_tls13_resume() {
    begin tls13-resume
    CERTS_USED="rsa-leaf intermediate root"
    s_server -rev
    cli 'hello\n' -- -tls1_3 -servername www.example.test -sess_out "$D/sess.pem"
    cli 'again\n' -- -tls1_3 -servername www.example.test -sess_in "$D/sess.pem"
    finish
    expect tls13-resume "$HS == 1" eq 2
    expect tls13-resume "$HS == 11" eq 1
    expect tls13-resume "$HS == 4" ge 2
    expect tls13-resume "$HS == 2 && tls.handshake.extension.type == 41" eq 1
    expect tls13-resume "$HS == 20" eq 4
}

sc_tls12_resume() {  # NAME [ticket]
    begin "$1"
    CERTS_USED="rsa-leaf intermediate root"
    local opt=(-no_ticket)
    [[ ${2:-} == ticket ]] && opt=()
    s_server -rev -tls1_2 "${opt[@]}"
    cli 'hello\n' -- -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -servername www.example.test \
        "${opt[@]}" -sess_out "$D/sess.pem"
    cli 'again\n' -- -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -servername www.example.test \
        "${opt[@]}" -sess_in "$D/sess.pem"
    finish
    expect "$1" "$HS == 1" eq 2
    expect "$1" "$HS == 2" eq 2
    expect "$1" "$HS == 11" eq 1
    expect "$1" "$HS == 20" eq 4
    if [[ ${2:-} == ticket ]]; then
        expect "$1" "$HS == 4" eq 1
    else
        expect "$1" "$HS == 4" eq 0
    fi
}

sc_mtls() {  # NAME VERSIONFLAG
    begin "$1"
    CERTS_USED="rsa-leaf client intermediate root"
    s_server -rev "$2" -Verify 1 -verify_return_error -CAfile "$P/root.pem"
    cli 'hello\n' -- "$2" -servername www.example.test \
        -cert "$P/client.pem" -key "$P/client.key" -cert_chain "$P/intermediate.pem"
    finish
    expect "$1" "$HS == 13" eq 1
    expect "$1" "$HS == 11" eq 2
    expect "$1" "$HS == 15" ge 1
    expect "$1" "$HS == 20" eq 2
}

sc_tls12_reneg() {
    begin tls12-reneg
    CERTS_USED="rsa-leaf intermediate root"
    # not -brief and not -rev: s_server then reads commands from its stdin ("r": renegotiate)
    server openssl s_server -accept "127.0.0.1:$CUR_PORT" \
        -cert "$P/rsa-leaf.pem" -key "$P/rsa-leaf.key" -cert_chain "$P/intermediate.pem" \
        -tls1_2 -client_renegotiation
    # conn 1: client-initiated (s_client command R)
    cli 'hello\n' @0.5 'R\n' @0.7 'again\n' -- -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
        -servername www.example.test
    # conn 2: server-initiated (s_server command r: HelloRequest)
    cli 'hello\n' @0.5 '!r\n' @0.7 'again\n' -- -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
        -servername www.example.test
    finish
    expect tls12-reneg "$HS == 1" eq 4
    expect tls12-reneg "$HS == 1 && tcp.stream == 0" eq 2
    expect tls12-reneg "$HS == 1 && tcp.stream == 1" eq 2
    expect tls12-reneg "$HS == 0 && tcp.stream == 1" eq 1
    expect tls12-reneg "$HS == 20" eq 8
    expect tls12-reneg "$HS == 11" eq 3
    expect tls12-reneg "tls.alert_message.desc != 0" eq 0
}

sc_tls13_keyupdate() {
    begin tls13-keyupdate
    CERTS_USED="rsa-leaf intermediate root"
    s_server -rev
    cli 'hello\n' @0.5 'K\n' @0.5 'again\n' -- -tls1_3 -servername www.example.test
    finish
    expect tls13-keyupdate "$HS == 24" eq 2
    expect tls13-keyupdate "$HS == 20" eq 2
    expect tls13-keyupdate "tls.app_data" ge 4
}

sc_ipv6() {
    begin ipv6
    CERTS_USED="rsa-leaf intermediate root"
    server openssl s_server -accept "[::1]:$CUR_PORT" -brief -rev \
        -cert "$P/rsa-leaf.pem" -key "$P/rsa-leaf.key" -cert_chain "$P/intermediate.pem"
    cli 'hello\n' -- -connect "[::1]:$CUR_PORT" -tls1_3 -servername www.example.test
    finish
    expect ipv6 "ipv6 && $HS == 1" eq 1
    expect ipv6 "ipv6 && $HS == 20" eq 2
    expect ipv6 "ip" eq 0
}

# gnutls_cli [ARGS...]: one gnutls-cli connection (key log from SSLKEYLOGFILE) sending a line
gnutls_cli() {
    CONN=$((CONN + 1))
    srv_mark
    local cmd=(gnutls-cli -p "$CUR_PORT" --x509cafile "$P/root.pem" "$@"
        --sni-hostname www.example.test --verify-hostname www.example.test 127.0.0.1)
    local rc=0
    { feed 'hello\n'; sleep 0.5; } |
        SSLKEYLOGFILE="$D/keys" timeout 10 "${cmd[@]}" >"$D/client$CONN.log" 2>&1 || rc=$?
    sleep 0.3
    {
        echo
        echo "[conn $CONN]"
        echo "# client: SSLKEYLOGFILE=$CUR.keys $(show_cmd "${cmd[@]}")"
        echo "# client exit status: $rc"
        grep -E '^- |^[[:space:]]+- (subject|issuer)|^\*' "$D/client$CONN.log" |
            grep -v -E 'Session ID|Handshake was completed|Simple Client Mode' |
            sed 's/^/client: /' || true
        srv_since | grep -v -E '^$' | sed 's/^/server: /' || true
    } >>"$D/peers"
}

sc_gnutls() {
    if ! command -v gnutls-cli >/dev/null || ! command -v gnutls-serv >/dev/null; then
        log "gnutls: gnutls-cli/gnutls-serv missing, skipped"
        return 0
    fi
    begin gnutls
    CERTS_USED="rsa-leaf intermediate root"
    server gnutls-serv --echo -p "$CUR_PORT" --x509certfile "$P/rsa-chain.pem" \
        --x509keyfile "$P/rsa-leaf.key" --disable-client-cert
    gnutls_cli
    finish
    expect gnutls "$HS == 1" eq 1
    expect gnutls "$HS == 11" eq 1
    expect gnutls "$HS == 20" eq 2
    expect gnutls "tls.app_data" ge 2
}

sc_tls13_0rtt() {
    begin tls13-0rtt
    CERTS_USED="rsa-leaf intermediate root"
    printf 'GET /early HTTP/1.0\r\n\r\n' >"$D/early.txt"
    s_server -early_data
    cli 'hello\n' -- -tls1_3 -servername www.example.test -sess_out "$D/sess.pem"
    cli 'after\n' -- -tls1_3 -servername www.example.test -sess_in "$D/sess.pem" \
        -early_data "$D/early.txt"
    finish
    expect tls13-0rtt "$HS == 1" eq 2
    expect tls13-0rtt "$HS == 1 && tls.handshake.extension.type == 42" eq 1
    expect tls13-0rtt "$HS == 8 && tls.handshake.extension.type == 42" eq 1
    expect tls13-0rtt "$HS == 5" eq 1
}

sc_reset() {
    command -v python3 >/dev/null || { log "reset: python3 missing, skipped"; return 0; }
    begin reset
    CERTS_USED="rsa-leaf intermediate root"
    s_server
    CONN=$((CONN + 1))
    srv_mark
    local rc=0
    SSLKEYLOGFILE="$D/keys" timeout 10 python3 - "$CUR_PORT" >"$D/client$CONN.log" 2>&1 <<'EOF' || rc=$?
# A TLS client that sends its ClientHello, reads the server's first flight, then aborts
# the connection with an RST (SO_LINGER 0) instead of finishing the handshake.
# The server's flight is fed to the client's TLS state too, so that the key log gets the
# handshake secrets (the client's Finished is computed but never sent).
import os, socket, ssl, struct, sys, time
port = int(sys.argv[1])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.keylog_filename = os.environ["SSLKEYLOGFILE"]
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.minimum_version = ssl.TLSVersion.TLSv1_3
inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
obj = ctx.wrap_bio(inc, out, server_hostname="www.example.test")
try:
    obj.do_handshake()
except ssl.SSLWantReadError:
    pass
hello = out.read()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(hello)
print("sent ClientHello, %d bytes" % len(hello))
s.settimeout(0.5)
got = b""
while True:  # the whole first flight: until the server is quiet for 0.5 s
    try:
        b = s.recv(65536)
    except socket.timeout:
        break
    if not b:
        break
    got += b
print("received %d bytes of the server's first flight" % len(got))
inc.write(got)
try:
    obj.do_handshake()
    print("client processed the server's flight: %s %s (its Finished is not sent)"
          % (obj.version(), obj.cipher()[0]))
except ssl.SSLError as e:
    print("client TLS state: %s" % e)
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
s.close()
print("closed with SO_LINGER 0 (RST)")
EOF
    sleep 0.3
    {
        echo
        echo "[conn $CONN]"
        echo "# client: python3 (ssl.MemoryBIO ClientHello, then SO_LINGER 0 close), exit status $rc"
        sed 's/^/client: /' "$D/client$CONN.log"
        srv_since | srv_filter | sed 's/^/server: /' || true
    } >>"$D/peers"
    finish
    expect reset "$HS == 1" eq 1
    expect reset "$HS == 2" eq 1
    expect reset "$HS == 11" eq 1
    expect reset "$HS == 20" eq 1
    expect reset "tcp.flags.reset == 1" ge 1
    expect reset "tcp.flags.reset == 1 && tcp.srcport != $(scen_field reset 2)" ge 1
}

sc_notls() {
    command -v python3 >/dev/null || { log "notls: python3 missing, skipped"; return 0; }
    begin notls
    SRV_SHOW="python3: accept one connection, print the received line, send 'echo: ' + line, close after the client's FIN"
    server python3 -c '
import socket, sys
ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", int(sys.argv[1])))
ls.listen(1)
c, a = ls.accept()
data = c.recv(4096)
print("server received: %r" % data, flush=True)
c.sendall(b"echo: " + data)
while c.recv(4096):
    pass
c.close()
print("server closed", flush=True)
' "$CUR_PORT"
    CONN=$((CONN + 1))
    local rc=0
    timeout 10 python3 -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"HELLO this is not TLS\r\n")
print("client received: %r" % s.recv(4096), flush=True)
time.sleep(0.2)
s.shutdown(socket.SHUT_WR)
while s.recv(4096):
    pass
s.close()
' "$CUR_PORT" >"$D/client$CONN.log" 2>&1 || rc=$?
    sleep 0.3
    {
        echo
        echo "[conn $CONN]"
        echo "# client: python3 plain TCP, exit status $rc"
        sed 's/^/client: /' "$D/client$CONN.log"
        sed 's/^/server: /' "$D/server.log"
    } >>"$D/peers"
    finish
    expect notls "tls" eq 0
    expect notls "tcp.flags.fin == 1" eq 2
    expect notls "tcp.len > 0" eq 2
}

sc_legacy_openssl() {
    begin legacy-openssl
    CERTS_USED="rsa-leaf intermediate root"
    local legacy=(-provider legacy -provider default)
    s_server -rev "${legacy[@]}" -cipher 'ALL:@SECLEVEL=0'
    cli 'hello\n' -- "${legacy[@]}" -tls1 -cipher 'SEED-SHA:@SECLEVEL=0' -servername www.example.test
    cli 'hello\n' -- "${legacy[@]}" -tls1_1 -cipher 'DHE-RSA-SEED-SHA:@SECLEVEL=0' \
        -servername www.example.test
    cli 'hello\n' -- "${legacy[@]}" -tls1_2 -cipher 'DHE-RSA-SEED-SHA:@SECLEVEL=0' \
        -servername www.example.test
    finish
    expect legacy-openssl "$HS == 1" eq 3
    expect legacy-openssl "$HS == 20" eq 6
    expect legacy-openssl "$HS == 20 && tls.handshake.verify_data" eq 6
    expect legacy-openssl "tls.app_data" ge 6
}

sc_legacy_gnutls() {
    if ! command -v gnutls-cli >/dev/null || ! command -v gnutls-serv >/dev/null; then
        log "legacy-gnutls: gnutls-cli/gnutls-serv missing, skipped"
        return 0
    fi
    begin legacy-gnutls
    CERTS_USED="rsa-leaf intermediate root"
    local prio='NORMAL:+ARCFOUR-128:+3DES-CBC:+RSA:+MD5:+SHA1:+VERS-TLS1.0:%COMPAT'
    server gnutls-serv --echo -p "$CUR_PORT" --x509certfile "$P/rsa-chain.pem" \
        --x509keyfile "$P/rsa-leaf.key" --disable-client-cert --priority "$prio"
    local p
    for p in 'NONE:+VERS-TLS1.2:+ARCFOUR-128:+RSA:+SHA1:+COMP-NULL:+SIGN-ALL:+CURVE-ALL' \
        'NONE:+VERS-TLS1.0:+ARCFOUR-128:+RSA:+MD5:+COMP-NULL:+SIGN-ALL:+CURVE-ALL' \
        'NONE:+VERS-TLS1.0:+3DES-CBC:+RSA:+SHA1:+COMP-NULL:+SIGN-ALL:+CURVE-ALL'; do
        gnutls_cli --priority "$p"
    done
    finish
    expect legacy-gnutls "$HS == 1" eq 3
    expect legacy-gnutls "$HS == 20" eq 6
    expect legacy-gnutls "$HS == 20 && tls.handshake.verify_data" eq 6
    expect legacy-gnutls "tls.app_data" ge 6
}

sc_null() {
    begin null
    CERTS_USED="rsa-leaf intermediate root"
    s_server -rev -cipher 'NULL-SHA256:ECDHE-RSA-NULL-SHA:@SECLEVEL=0'
    cli 'hello\n' -- -tls1_2 -cipher 'NULL-SHA256:@SECLEVEL=0' -servername www.example.test
    cli 'hello\n' -- -tls1 -cipher 'ECDHE-RSA-NULL-SHA:@SECLEVEL=0' -servername www.example.test
    # tshark reads NULL records without keys: keep no key log, so the truth is keyless too
    : >"$D/keys"
    finish
    expect null "$HS == 20" eq 4
    expect null "tls.app_data" ge 4
}

run_scenario() {
    case $1 in
        demo) sc_demo ;;
        tls13-aes256) sc_tls13_suite tls13-aes256 TLS_AES_256_GCM_SHA384 0x1302 ;;
        tls13-chacha) sc_tls13_suite tls13-chacha TLS_CHACHA20_POLY1305_SHA256 0x1303 ;;
        tls13-ccm) sc_tls13_suite tls13-ccm TLS_AES_128_CCM_SHA256 0x1304 ;;
        tls13-ccm8) sc_tls13_suite tls13-ccm8 TLS_AES_128_CCM_8_SHA256 0x1305 ;;
        tls12-cbc) sc_tls12_suite tls12-cbc ECDHE-RSA-AES128-SHA 0xc013
            expect tls12-cbc "$HS == 2 && tls.handshake.extension.type == 22" eq 1 ;;
        tls12-rsa) sc_tls12_suite tls12-rsa AES256-GCM-SHA384 0x009d
            expect tls12-rsa "$HS == 12" eq 0 ;;
        tls12-dhe) sc_tls12_suite tls12-dhe DHE-RSA-AES128-GCM-SHA256 0x009e
            expect tls12-dhe "$HS == 12 && tls.handshake.p_len == 256" eq 1 ;;
        tls12-ecdsa) sc_tls12_suite tls12-ecdsa ECDHE-ECDSA-AES256-GCM-SHA384 0xc02c ecdsa ;;
        tls13-hrr) sc_tls13_hrr ;;
        tls13-resume) sc_tls13_resume ;;
        tls12-resume) sc_tls12_resume tls12-resume ;;
        tls12-ticket) sc_tls12_resume tls12-ticket ticket ;;
        tls13-mtls) sc_mtls tls13-mtls -tls1_3 ;;
        tls12-mtls) sc_mtls tls12-mtls -tls1_2 ;;
        tls12-reneg) sc_tls12_reneg ;;
        tls13-keyupdate) sc_tls13_keyupdate ;;
        ipv6) sc_ipv6 ;;
        gnutls) sc_gnutls ;;
        tls13-0rtt) sc_tls13_0rtt ;;
        reset) sc_reset ;;
        notls) sc_notls ;;
        legacy-openssl) sc_legacy_openssl ;;
        legacy-gnutls) sc_legacy_gnutls ;;
        null) sc_null ;;
        *) die "unknown scenario $1" ;;
    esac
    # every scenario: the ServerHello suites of the table, and nothing but the table's port
    [[ -f $HERE/$1.pcap ]] || return 0
    local id ids
    IFS=, read -r -a ids <<<"$(scen_field "$1" 6)"
    for id in "${ids[@]}"; do
        expect "$1" "$HS == 2 && tls.handshake.ciphersuite == $id" ge 1
    done
    expect "$1" "!(tcp.port == $(scen_field "$1" 2))" eq 0
}

write_readme() {
    {
        cat <<'EOF'
tlshake's own TLS captures
==========================

Recorded by make-pcaps.sh with real peers (openssl s_server/s_client 3.0, gnutls-cli/serv 3.7,
python3 for the raw cases) on loopback, inside a private network namespace. Regenerate with

    sudo pcaps/make-pcaps.sh            # all scenarios
    sudo pcaps/make-pcaps.sh demo ipv6  # some of them

(TSHARK_TRUTH=path/to/tshark-truth to choose the oracle; default ../shared/tools/tshark-truth.)
Contents differ between runs (keys, randoms, certificates), the set of captures does not.

Per capture NAME:
  NAME.pcap              tcpdump -i lo -w, only the scenario's port (link type EN10MB)
  NAME.keys              NSS key log from the client (decrypts everything in NAME.pcap)
  NAME.peers.txt         what the peers printed (versions, suites, groups, certificates, ALPN,
                         resumption, alerts): the independent source for end-to-end golden checks
  NAME.pcap.truth.jsonl  tshark-truth output: one line per handshake message (tshark 4.0)
certs/ holds the public certificates of the throwaway PKI of the last run (no private keys):
  root.pem          "tlshake Test Root CA" (RSA-2048, self-signed, 3650 days); use with --ca-file
  intermediate.pem  "tlshake Test Intermediate CA" (RSA-2048, signed by the root)
  rsa-leaf.pem      www.example.test (RSA-2048; SAN www.example.test, example.test, 127.0.0.1, ::1)
  ecdsa-leaf.pem    ecdsa.example.test (ECDSA P-256; SAN ecdsa.example.test, www.example.test, ...)
  client.pem        client.example.test (RSA-2048, clientAuth), for the mTLS captures
  *-chain.pem       leaf + intermediate, as the servers send them
Servers send leaf + intermediate; clients verify against root.pem with host www.example.test.
MANIFEST.tsv lists the captures in the layout of ../shared/pcaps/public/MANIFEST.tsv, so
`tshark-truth --dir pcaps` regenerates every truth file.

A run with scenario names re-records only those captures with a fresh PKI and leaves certs/ as
it was, so those captures no longer chain to certs/root.pem: commit only full runs.

Captures (name | port | version | suite | what it shows; the script checks each with tshark):
EOF
        local s n p v c i w
        for s in "${SCENARIOS[@]}"; do
            IFS='|' read -r n p v c i w <<<"$s"
            printf '  %-15s %-5s | %s | %s | %s\n' "$n" "$p" "$v" "$c" "$w"
        done
        cat <<'EOF'

Every scenario above is made by the script (gnutls, legacy-gnutls, reset and notls are skipped,
with a message, only when gnutls-bin or python3 is missing). legacy-openssl, legacy-gnutls, null and
tls13-ccm8 were recorded by a subset run: their certificates are in their peers files, not in certs/.
Not recorded, because no peer here still speaks them: SSLv3 (OpenSSL 3.0 and GnuTLS 3.7 of Debian 12
are built without it), DES, IDEA, RC2 and every EXPORT suite (gone from both libraries).
EOF
    } >"$HERE/README"
}

write_manifest() {
    local s n p v c i w bytes pkts
    {
        printf 'file\tsource_repo\tsource_path\tsource_commit\tlicense_of_repo\tbytes\tpackets\twhat_it_shows\ttshark_opts\tkeylog_source_path\n'
        for s in "${SCENARIOS[@]}"; do
            IFS='|' read -r n p v c i w <<<"$s"
            [[ -f $HERE/$n.pcap ]] || continue
            bytes=$(stat -c %s "$HERE/$n.pcap")
            pkts=$(tshark -n -r "$HERE/$n.pcap" -T fields -e frame.number 2>/dev/null | wc -l)
            printf '%s\ttlshake\tpcaps/make-pcaps.sh\t\t\t%s\t%s\t%s (%s; %s)\t-d tcp.port==%s,tls\t%s\n' \
                "$n.pcap" "$bytes" "$pkts" "$w" "$v" "$c" "$p" \
                "$([[ -f $HERE/$n.keys ]] && echo "pcaps/$n.keys")"
        done
    } >"$HERE/MANIFEST.tsv"
}

# ---------------------------------------------------------------------------------------------
main() {
    local names=("$@") s n
    if [[ ${#names[@]} -eq 0 ]]; then
        for s in "${SCENARIOS[@]}"; do names+=("${s%%|*}"); done
    fi
    for n in "${names[@]}"; do scen_field "$n" 1 >/dev/null || die "unknown scenario $n"; done
    log "working in $W${PCAPS_IN_NETNS:+, network namespace $PCAPS_IN_NETNS}"
    make_pki
    # certificates belong to the captures: replace certs/ only when every scenario is re-recorded,
    # or when there is none yet
    if [[ $# -eq 0 || ! -d $HERE/certs ]]; then
        rm -rf "$HERE/certs"
        mv "$HERE/certs.new" "$HERE/certs"
    else
        log "subset run: certs/ kept; this run's certificates are only in the peers files"
        rm -rf "$HERE/certs.new"
    fi
    for n in "${names[@]}"; do run_scenario "$n"; done
    write_readme
    write_manifest
    if [[ ${#FAILED[@]} -gt 0 ]]; then
        log "${#FAILED[@]} check(s) failed:"
        printf '  %s\n' "${FAILED[@]}" >&2
        exit 1
    fi
    log "done: $(du -sb "$HERE" | cut -f1) bytes in $HERE"
}

main "$@"
