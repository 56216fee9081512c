#!/usr/bin/env bash
# make-udp-pcaps.sh: record tlshake's own QUIC and DTLS captures with real peers on loopback.
#
#   sudo pcaps/make-udp-pcaps.sh [SCENARIO...]     (default: every scenario, in a fixed order)
#
# For each scenario NAME it writes into pcaps/udp/:
#   NAME.pcap              tcpdump -i lo capture of the scenario's UDP port only
#   NAME.keys              NSS key log written by the client (SSLKEYLOGFILE format)
#   NAME.peers.txt         what the peers printed (the independent source for tests)
#   NAME.pcap.truth.jsonl  tshark ground truth ($TSHARK_TRUTH; skipped when it is absent)
# and certs/ (public PEMs of this run's throwaway PKI), MANIFEST.tsv and README.
#
# Peers: ngtcp2's gtlsserver/gtlsclient (QUIC over GnuTLS), openssl s_server/s_client -dtls,
# gnutls-serv/gnutls-cli --udp. Everything runs in a private network namespace that the
# script creates and removes; every process it starts is stopped by PID on exit. Needs root.
#
# Environment: TSHARK_TRUTH (default ../shared/tools/tshark-truth), PCAPS_CHECK (1: check each
# capture with tshark and fail when it does not show what the scenario claims).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT="$HERE/udp"
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
: "${TSHARK_TRUTH:=$(dirname "$HERE")/../shared/tools/tshark-truth}"
: "${PCAPS_CHECK:=1}"
export LC_ALL=C TZ=UTC

die() { echo "make-udp-pcaps: $*" >&2; exit 1; }
log() { echo "make-udp-pcaps: $*" >&2; }

[[ $(id -u) -eq 0 ]] || die "must run as root (tcpdump, network namespace)"
for t in openssl tcpdump tshark ss gtlsserver gtlsclient gnutls-serv gnutls-cli; do
    command -v "$t" >/dev/null || die "$t not found (apt-get install ngtcp2-server ngtcp2-client gnutls-bin)"
done

# name | port | transport | what it shows (order = recording order)
SCENARIOS=(
"quic-v1|44401|quic|QUIC v1 (RFC 9000) with ngtcp2 over GnuTLS: TLS_AES_128_GCM_SHA256, x25519, ALPN h3, SNI localhost (gtlsclient 0.12 names a numeric host so and has no working --sni), ECDSA P-256 leaf and intermediate; one HTTP/3 request"
"quic-aes256|44402|quic|QUIC v1, the client offers only TLS_AES_256_GCM_SHA384"
"quic-chacha|44403|quic|QUIC v1, the client offers only TLS_CHACHA20_POLY1305_SHA256 (ChaCha20 header protection)"
"quic-retry|44404|quic|QUIC v1 with address validation (gtlsserver -V): Retry, then a second Initial to the server's new connection ID"
"quic-draft29|44405|quic|QUIC draft-29 (version 0xff00001d, its own Initial salt)"
"quic-vn|44406|quic|a client Initial of the unknown version 0x1a2a3a4a answered by Version Negotiation"
"quic-resume|44407|quic|two QUIC v1 connections: a full handshake that stores a ticket and transport parameters, then resumption with 0-RTT"
"quic-p256|44408|quic|QUIC v1, the client offers only the secp256r1 group"
"dtls12|44411|dtls|DTLS 1.2 with openssl s_server -listen: HelloVerifyRequest with a cookie, ECDHE-RSA-AES128-GCM-SHA256, RSA leaf and intermediate, data both ways, close_notify"
"dtls12-frag|44412|dtls|DTLS 1.2 with a 380-byte MTU on both openssl peers: ClientHello, Certificate and ServerKeyExchange fragmented"
"dtls10|44413|dtls|DTLS 1.0 (openssl -dtls1, @SECLEVEL=0): ECDHE-RSA-AES128-SHA, explicit CBC IVs"
"dtls12-gnutls|44414|dtls|DTLS 1.2 between gnutls-cli --udp and gnutls-serv --udp --echo: ECDHE-ECDSA-AES256-GCM-SHA384"
)

field() {  # field NAME INDEX
    local s n p t w
    for s in "${SCENARIOS[@]}"; do
        IFS='|' read -r n p t w <<<"$s"
        [[ $n == "$1" ]] || continue
        case $2 in 2) echo "$p";; 3) echo "$t";; 4) echo "$w";; esac
        return 0
    done
    return 1
}

# Outer level: re-run inside a private network namespace, then remove it.
if [[ -z ${PCAPS_IN_NETNS:-} ]]; then
    NS="tlshake-udp-$$"
    ip netns add "$NS" || die "cannot create a network namespace"
    trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
    ip netns exec "$NS" ip link set lo up
    rc=0
    PCAPS_IN_NETNS=$NS ip netns exec "$NS" bash "$SELF" "$@" || rc=$?
    exit "$rc"
fi

W=$(mktemp -d /tmp/tlshake-udp.XXXXXX)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Throwaway PKI: a root, an intermediate, an RSA and an ECDSA leaf for www.example.test.
P="$W/pki"
make_pki() {
    mkdir -p "$P"
    cat >"$P/ext.cnf" <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.test, DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
    local rsa=(-algorithm RSA -pkeyopt rsa_keygen_bits:2048)
    local ec=(-algorithm EC -pkeyopt ec_paramgen_curve:P-256)
    openssl genpkey -quiet "${rsa[@]}" -out "$P/root.key"
    openssl req -new -key "$P/root.key" -subj "/O=tlshake/CN=tlshake UDP Test Root CA" \
        -out "$P/root.csr"
    openssl x509 -req -in "$P/root.csr" -signkey "$P/root.key" -sha256 -days 3650 \
        -extfile "$P/ext.cnf" -extensions ca -out "$P/root.pem" 2>/dev/null
    issue() {  # issue NAME SUBJ ISSUER EXT KEYOPTS...
        local n=$1 subj=$2 iss=$3 ext=$4; shift 4
        openssl genpkey -quiet "$@" -out "$P/$n.key"
        openssl req -new -key "$P/$n.key" -subj "$subj" -out "$P/$n.csr"
        openssl x509 -req -in "$P/$n.csr" -CA "$P/$iss.pem" -CAkey "$P/$iss.key" -CAcreateserial \
            -sha256 -days 825 -extfile "$P/ext.cnf" -extensions "$ext" -out "$P/$n.pem" 2>/dev/null
    }
    issue intermediate "/O=tlshake/CN=tlshake UDP Test Intermediate CA" root ca "${rsa[@]}"
    issue rsa-leaf "/O=tlshake/CN=www.example.test" intermediate leaf "${rsa[@]}"
    issue ecdsa-leaf "/O=tlshake/CN=www.example.test" intermediate leaf "${ec[@]}"
    cat "$P/rsa-leaf.pem" "$P/intermediate.pem" >"$P/rsa-chain.pem"
    cat "$P/ecdsa-leaf.pem" "$P/intermediate.pem" >"$P/ecdsa-chain.pem"
    mkdir -p "$OUT/certs"
    local c
    for c in root intermediate rsa-leaf ecdsa-leaf; do cp "$P/$c.pem" "$OUT/certs/"; done
}

# Scenario plumbing: tcpdump on the scenario's UDP port, a server, clients, then results.
begin() {
    CUR=$1 PORT=$(field "$1" 2) || die "unknown scenario $1"
    D="$W/$CUR"
    mkdir -p "$D"
    : >"$D/keys"
    {
        echo "# $CUR: what the peers printed while pcaps/make-udp-pcaps.sh recorded $CUR.pcap"
        echo "# udp port $PORT; $(field "$CUR" 4)"
    } >"$D/peers"
    log "== $CUR (udp port $PORT)"
    tcpdump -i lo -n -U --immediate-mode -Z root -w "$D/pcap" "udp port $PORT" 2>"$D/tcpdump.err" &
    TD=$!
    PIDS+=("$TD")
    local i
    for ((i = 0; i < 100; i++)); do
        grep -q "listening on" "$D/tcpdump.err" && return 0
        sleep 0.05
    done
    die "$CUR: tcpdump did not start"
}

server() {  # server CMD...: start a UDP server on PORT, its stdin a fifo that stays open
    mkfifo "$D/srv.in"
    "$@" 0<>"$D/srv.in" >"$D/server.log" 2>&1 &
    SRV=$!
    PIDS+=("$SRV")
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -n $(ss -Hlun "sport = :$PORT") ]] && break
        sleep 0.05
    done
    [[ -n $(ss -Hlun "sport = :$PORT") ]] || die "$CUR: no server on udp port $PORT"
    local show="${*//$P\//certs/}"
    echo "# server: ${show//$W/.}" >>"$D/peers"
}

client() {  # client INPUT CMD...: one client run, its output kept in the peers file
    local input=$1 rc=0 n
    shift
    n=$(grep -c '^\[conn ' "$D/peers" || true)
    n=$((n + 1))
    { printf '%b' "$input"; sleep 1; } | SSLKEYLOGFILE="$D/keys" timeout 10 "$@" \
        >"$D/client$n.log" 2>&1 || rc=$?
    sleep 0.3
    {
        echo
        echo "[conn $n]"
        local show="${*//$P\//certs/}"
        echo "# client: ${show//$D\//}"
        echo "# client exit status: $rc"
        peer_lines "$D/client$n.log" "$CLIENT_LINES" | sed 's/^/client: /' || true
    } >>"$D/peers"
}

finish() {
    sleep 0.5
    kill -INT "$TD" 2>/dev/null || true
    wait "$TD" 2>/dev/null || true
    if [[ -n ${SRV:-} ]]; then
        kill -TERM "$SRV" 2>/dev/null || true
        wait "$SRV" 2>/dev/null || true
        {
            echo
            peer_lines "$D/server.log" "$SERVER_LINES" | sed 's/^/server: /' || true
        } >>"$D/peers"
    fi
    SRV=""
    cp "$D/pcap" "$OUT/$CUR.pcap"
    rm -f "$OUT/$CUR.keys"
    [[ -s $D/keys ]] && cp "$D/keys" "$OUT/$CUR.keys"
    cp "$D/peers" "$OUT/$CUR.peers.txt"
    if [[ -x $TSHARK_TRUTH ]]; then
        local k=()
        [[ -s $OUT/$CUR.keys ]] && k=(-k "$OUT/$CUR.keys")
        "$TSHARK_TRUTH" "${k[@]}" $(decode_as "$CUR") -o "$OUT/$CUR.pcap.truth.jsonl" \
            "$OUT/$CUR.pcap" >/dev/null || die "$CUR: tshark-truth failed"
    fi
}

decode_as() {  # tshark's -d for the scenario (QUIC is found by its heuristic)
    [[ $(field "$1" 3) == dtls ]] && echo "-d udp.port==$(field "$1" 2),dtls"
    return 0
}

# What the peers print that says what they did (the rest is packet traces).
CLIENT_LINES='Protocol|Cipher|Verif|Server Temp Key|Peer sign|subject=|issuer=|error|alert|Negotiated|ALPN|Handshake was completed|Description|Session ID|Version|Key Exchange|MAC|Compression|resum|Resum|early|Early|Retry|retry|version|ERR_'
SERVER_LINES='Protocol|Cipher|Ciphersuite|Shared|error|alert|ERR_|Version|Key Exchange|resum|Resum'

peer_lines() {  # peer_lines LOG REGEX: the summary lines, and ngtcp2's version/Retry/close lines
    awk -v re="$2" '
        /^I[0-9]+ / {
            if ($0 ~ /negotiated version|type=Retry|type=VN|CONNECTION_CLOSE|tx .* type=0RTT/) {
                sub(/^I[0-9]+ 0x[0-9a-f]+ /, ""); if (!seen[$0]++) print
            }
            next
        }
        $0 ~ re && !seen[$0]++ { print }' "$1" | head -n 40
}

# Checks with tshark: count the frames of a display filter in the scenario's capture.
FAILED=()
expect() {  # expect NAME FILTER OP N
    [[ $PCAPS_CHECK == 1 ]] || return 0
    local k=() n good=0
    [[ -s $OUT/$1.keys ]] && k=(-o "tls.keylog_file:$OUT/$1.keys")
    # shellcheck disable=SC2046
    n=$(tshark -n -r "$OUT/$1.pcap" "${k[@]}" $(decode_as "$1") -Y "$2" -T fields \
        -e frame.number 2>/dev/null | wc -l)
    case $3 in eq) [[ $n -eq $4 ]] && good=1 ;; ge) [[ $n -ge $4 ]] && good=1 ;; esac
    if [[ $good == 1 ]]; then log "   ok   $1: $2 -> $n"; else
        log "   FAIL $1: $2 -> $n, want $3 $4"; FAILED+=("$1: $2 -> $n, want $3 $4"); fi
}
HS='tls.handshake.type'

# ------------------------------------------------------------------------------------------
# QUIC
# ------------------------------------------------------------------------------------------
GTLS_CLI=(gtlsclient --exit-on-all-streams-close --no-quic-dump --no-http-dump)
quic_server() {  # quic_server [OPTION...]
    server gtlsserver --no-quic-dump --no-http-dump -d "$W" "$@" 127.0.0.1 "$PORT" \
        "$P/ecdsa-leaf.key" "$P/ecdsa-chain.pem"
}
quic_get() {  # quic_get [OPTION...]: one HTTP/3 GET of /index.html
    client '' "${GTLS_CLI[@]}" "$@" 127.0.0.1 "$PORT" "https://www.example.test/index.html"
}

sc_quic() {  # sc_quic NAME CLIENT-OPTIONS...: one connection, checked
    local n=$1; shift
    begin "$n"
    quic_server
    quic_get "$@"
    finish
    expect "$n" "quic.long.packet_type == 0 && $HS == 1" eq 1
    expect "$n" "$HS == 2" eq 1
    expect "$n" "$HS == 11" eq 1
    expect "$n" "$HS == 20" eq 2
}

sc_quic_retry() {
    begin quic-retry
    quic_server -V
    quic_get
    finish
    expect quic-retry "quic.long.packet_type == 3" eq 1
    # the client sends its ClientHello again after the Retry; tshark 4.0 shows it once
    expect quic-retry "$HS == 1" ge 1
    expect quic-retry "$HS == 20" eq 2
}

sc_quic_vn() {
    begin quic-vn
    quic_server
    quic_get -v 0x1a2a3a4a
    finish
    expect quic-vn "quic.version == 0" eq 1
}

sc_quic_resume() {
    begin quic-resume
    quic_server
    quic_get --session-file "$D/sess" --tp-file "$D/tp"
    quic_get --session-file "$D/sess" --tp-file "$D/tp"
    finish
    expect quic-resume "$HS == 1" eq 2
    expect quic-resume "$HS == 11" eq 1
    expect quic-resume "quic.long.packet_type == 1" ge 1
}

# ------------------------------------------------------------------------------------------
# DTLS
# ------------------------------------------------------------------------------------------
s_dtls_server() {  # s_dtls_server OPTIONS...: openssl DTLS server with the RSA chain
    server openssl s_server -accept "127.0.0.1:$PORT" -listen -naccept 1 -brief \
        -cert "$P/rsa-leaf.pem" -key "$P/rsa-leaf.key" -cert_chain "$P/intermediate.pem" "$@"
}
s_dtls_client() {  # s_dtls_client INPUT OPTIONS...
    local input=$1; shift
    client "$input" openssl s_client -connect "127.0.0.1:$PORT" -servername www.example.test \
        -CAfile "$P/root.pem" -verify_hostname www.example.test -verify_return_error \
        -keylogfile "$D/keys" "$@"
}

sc_dtls12() {
    begin dtls12
    s_dtls_server -dtls1_2
    s_dtls_client 'hello over DTLS\n' -dtls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
    finish
    expect dtls12 "dtls.handshake.type == 3" eq 1
    expect dtls12 "dtls.handshake.type == 1" eq 2
    expect dtls12 "dtls.handshake.type == 11" eq 1
    expect dtls12 "dtls.handshake.type == 20" eq 2
}

sc_dtls12_frag() {
    begin dtls12-frag
    s_dtls_server -dtls1_2 -mtu 380
    s_dtls_client 'fragments\n' -dtls1_2 -mtu 380 -cipher ECDHE-RSA-AES256-GCM-SHA384
    finish
    expect dtls12-frag "dtls.handshake.type == 11" ge 3
    expect dtls12-frag "dtls.handshake.type == 20" eq 2
}

sc_dtls10() {
    begin dtls10
    s_dtls_server -dtls1 -cipher 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0'
    s_dtls_client 'old\n' -dtls1 -cipher 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0'
    finish
    expect dtls10 "dtls.handshake.type == 2" eq 1
    expect dtls10 "dtls.handshake.type == 20" eq 2
}

sc_dtls12_gnutls() {
    begin dtls12-gnutls
    server gnutls-serv --udp --echo -p "$PORT" --x509keyfile "$P/ecdsa-leaf.key" \
        --x509certfile "$P/ecdsa-chain.pem"
    client 'echo me\n' gnutls-cli --udp -p "$PORT" --x509cafile "$P/root.pem" \
        --priority 'NORMAL:-VERS-ALL:+VERS-DTLS1.2:-CIPHER-ALL:+AES-256-GCM:-KX-ALL:+ECDHE-ECDSA' \
        --sni-hostname www.example.test --verify-hostname www.example.test 127.0.0.1
    finish
    expect dtls12-gnutls "dtls.handshake.type == 2" eq 1
    expect dtls12-gnutls "dtls.handshake.type == 20" eq 2
}

run() {
    case $1 in
        quic-v1) sc_quic quic-v1 ;;
        quic-aes256) sc_quic quic-aes256 --ciphers='NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-256-GCM' ;;
        quic-chacha) sc_quic quic-chacha --ciphers='NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305' ;;
        quic-retry) sc_quic_retry ;;
        quic-draft29) sc_quic quic-draft29 -v 0xff00001d ;;
        quic-vn) sc_quic_vn ;;
        quic-resume) sc_quic_resume ;;
        quic-p256) sc_quic quic-p256 --groups='-GROUP-ALL:+GROUP-SECP256R1' ;;
        dtls12) sc_dtls12 ;;
        dtls12-frag) sc_dtls12_frag ;;
        dtls10) sc_dtls10 ;;
        dtls12-gnutls) sc_dtls12_gnutls ;;
        *) die "unknown scenario $1" ;;
    esac
}

write_manifest() {
    local s n p t w
    {
        printf 'file\tsource_repo\tsource_path\tsource_commit\tlicense_of_repo\tbytes\tpackets\twhat_it_shows\ttshark_opts\tkeylog_source_path\n'
        for s in "${SCENARIOS[@]}"; do
            IFS='|' read -r n p t w <<<"$s"
            [[ -f $OUT/$n.pcap ]] || continue
            printf '%s\ttlshake\tpcaps/make-udp-pcaps.sh\t\t\t%s\t%s\t%s\t%s\t%s\n' "$n.pcap" \
                "$(stat -c %s "$OUT/$n.pcap")" \
                "$(tshark -n -r "$OUT/$n.pcap" -T fields -e frame.number 2>/dev/null | wc -l)" \
                "$w" "$(decode_as "$n")" "$([[ -f $OUT/$n.keys ]] && echo "pcaps/udp/$n.keys")"
        done
    } >"$OUT/MANIFEST.tsv"
}

main() {
    local names=("$@") s
    if [[ ${#names[@]} -eq 0 ]]; then
        for s in "${SCENARIOS[@]}"; do names+=("${s%%|*}"); done
    fi
    mkdir -p "$OUT"
    make_pki
    printf 'hello from the QUIC peer\n' >"$W/index.html"
    for s in "${names[@]}"; do run "$s"; done
    write_manifest
    if [[ ${#FAILED[@]} -gt 0 ]]; then
        log "${#FAILED[@]} check(s) failed:"
        printf '  %s\n' "${FAILED[@]}" >&2
        exit 1
    fi
    log "done: $(du -sb "$OUT" | cut -f1) bytes in $OUT"
}

main "$@"
