#!/bin/sh
# Chain checks with a test PKI made now with the openssl command: valid,
# expired and not yet valid (the check's time is the capture's, given
# here), wrong host, self-signed, unknown issuer, intermediate missing,
# and each certificate flag; then tlshake itself on the project's
# captures against pcaps/certs/root.pem and against a CA it does not
# chain to.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
need openssl
need python3
CHAIN=${top_builddir}/tests/unit/test-chain
[ -x "$CHAIN" ] || skip "tests/unit/test-chain is not built"
tmpdir
cd "$T" || exit 1
# A minute on: certificates made now are valid from this second.
now=$(($(date +%s) + 60))
day=86400

ext() {	# ext NAME CA(true|false) [SAN]
	{
		echo "[v3]"
		echo "basicConstraints=critical,CA:$2"
		if [ "$2" = true ]; then
			echo "keyUsage=critical,keyCertSign,cRLSign"
		else
			echo "keyUsage=critical,digitalSignature,keyEncipherment"
			echo "extendedKeyUsage=serverAuth"
		fi
		[ -n "$3" ] && echo "subjectAltName=$3"
	} > "$1.ext"
}
mkkey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"${2:-2048}" \
    -out "$1.key" 2>/dev/null; }
# issue NAME ISSUER DAYS CA SAN [KEYBITS] [DIGEST]
issue() {
	mkkey "$1" "$6"
	ext "$1" "$4" "$5"
	openssl req -new -key "$1.key" -subj "/O=tlshake test/CN=$1" \
	    -out "$1.csr" 2>/dev/null &&
	openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" \
	    -CAcreateserial -days "$3" -"${7:-sha256}" -extfile "$1.ext" \
	    -extensions v3 -out "$1.pem" 2>/dev/null || fail "cannot make $1"
}
selfsigned() {	# selfsigned NAME DAYS CA [SAN]
	mkkey "$1"
	ext "$1" "$3" "$4"
	{ printf '[req]\ndistinguished_name=dn\nx509_extensions=v3\n[dn]\n'
	  cat "$1.ext"; } > "$1.cnf"
	openssl req -x509 -new -key "$1.key" -subj "/O=tlshake test/CN=$1" \
	    -days "$2" -config "$1.cnf" -out "$1.pem" 2>/dev/null ||
	    fail "cannot make $1"
}

selfsigned root 3650 true
selfsigned otherroot 3650 true
issue inter root 1825 true ""
issue leaf inter 90 false "DNS:www.example.test,DNS:example.test"
issue soon inter 10 false "DNS:www.example.test"
issue long inter 825 false "DNS:www.example.test"
issue weak inter 90 false "DNS:www.example.test" 1024
issue sha1 inter 90 false "DNS:www.example.test" 2048 sha1
issue nosan inter 90 false ""
selfsigned self 90 false "DNS:www.example.test"
cat leaf.pem inter.pem > chain.pem

bad=0
check() {	# check NAME EXPECTED-REGEX ARGS...
	name=$1 want=$2
	shift 2
	got=$("$CHAIN" "$@" 2>&1)
	if printf '%s\n' "$got" | grep -Eq -- "$want"; then
		echo "ok $name: $got"
	else
		echo "FAIL $name: got \"$got\", want /$want/"
		bad=$((bad + 1))
	fi
}

check valid '^valid=1 error=- host=1 flags=- cert0=- cert1=-$' \
    --ca root.pem --sni www.example.test --time "$now" chain.pem
check "valid, second name" '^valid=1 .*host=1' \
    --ca root.pem --sni example.test --time "$now" chain.pem
check "wrong host" \
    '^valid=0 error=hostname mismatch host=0 flags=hostname_mismatch cert0=hostname_mismatch ' \
    --ca root.pem --sni www.other.test --time "$now" chain.pem
check expired '^valid=0 error=certificate has expired host=1 flags=expired cert0=expired cert1=-$' \
    --ca root.pem --sni www.example.test --time $((now + 100 * day)) chain.pem
check "not yet valid" '^valid=0 error=certificate is not yet valid .*cert0=not_yet_valid cert1=not_yet_valid$' \
    --ca root.pem --sni www.example.test --time $((now - 2 * day)) chain.pem
check "self-signed" '^valid=0 error=self[- ]signed certificate host=1 flags=self_signed' \
    --ca root.pem --sni www.example.test --time "$now" self.pem
check "unknown issuer" '^valid=0 error=unable to get local issuer certificate host=1 ' \
    --ca otherroot.pem --sni www.example.test --time "$now" chain.pem
check "intermediate missing" '^valid=0 error=unable to get local issuer certificate ' \
    --ca root.pem --sni www.example.test --time "$now" leaf.pem
check "no verification" '^valid=- error=- host=1 flags=- ' \
    --sni www.example.test --time "$now" chain.pem
check "no SNI" '^valid=1 error=- host=- ' --ca root.pem --time "$now" chain.pem
check "expires soon" 'cert0=expires_soon$' --time "$now" soon.pem
check "long validity" 'cert0=long_validity$' --time "$now" long.pem
check "weak key" 'cert0=weak_key$' --time "$now" weak.pem
check "weak signature" 'cert0=weak_signature$' --time "$now" sha1.pem
check "no SAN" 'cert0=no_san$' --time "$now" nosan.pem
check "root not flagged" 'cert0=self_signed$' --time "$now" root.pem

# tlshake on its captures: the servers' chains lead to certs/root.pem.
json() { "$TLSHAKE" --json "$@" | python3 -c '
import json, sys
for l in sys.stdin:
    t = json.loads(l).get("tls", {})
    if "chain" in t:
        c = t["chain"]
        print(c.get("valid"), c.get("error"), c.get("hostname_match"))'
}
got=$(json -r "$PCAPS/tls12-rsa.pcap" --ca-file "$PCAPS/certs/root.pem")
[ "$got" = "True None True" ] || { echo "FAIL pcap valid: $got"; bad=$((bad + 1)); }
got=$(json -r "$PCAPS/tls12-rsa.pcap" --ca-file otherroot.pem)
[ "$got" = "False unable to get local issuer certificate True" ] ||
    { echo "FAIL pcap unknown issuer: $got"; bad=$((bad + 1)); }
got=$(json -r "$PCAPS/tls12-rsa.pcap" --no-verify)
[ "$got" = "None None True" ] || { echo "FAIL pcap --no-verify: $got"; bad=$((bad + 1)); }
mkdir cadir && cp "$PCAPS/certs/root.pem" cadir/ && openssl rehash cadir 2>/dev/null &&
{ got=$(json -r "$PCAPS/tls12-rsa.pcap" --ca-path cadir)
  [ "$got" = "True None True" ] || { echo "FAIL pcap --ca-path: $got"; bad=$((bad + 1)); }; }
"$TLSHAKE" -r "$PCAPS/tls12-rsa.pcap" --ca-file /nonexistent >/dev/null 2>&1
[ $? -eq 1 ] || { echo "FAIL: a missing --ca-file is not exit 1"; bad=$((bad + 1)); }
"$TLSHAKE" -r "$PCAPS/tls12-rsa.pcap" --ca-file root.pem --no-verify >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: --ca-file with --no-verify is not exit 2"; bad=$((bad + 1)); }

# --export-certs: each distinct certificate once, named by its SHA-256.
"$TLSHAKE" -q -r "$PCAPS/tls13-mtls.pcap" --keylog "$PCAPS/tls13-mtls.keys" \
    --no-verify --export-certs out >/dev/null || fail "--export-certs"
"$TLSHAKE" -q -r "$PCAPS/tls13-mtls.pcap" --keylog "$PCAPS/tls13-mtls.keys" \
    --no-verify --export-certs out >/dev/null || fail "--export-certs again"
n=$(ls out | wc -l)
[ "$n" -eq 3 ] || { echo "FAIL: $n certificates exported, want 3 (leaf, intermediate, client)"; bad=$((bad + 1)); }
for f in out/*.pem; do
	h=$(openssl x509 -in "$f" -outform DER | openssl dgst -sha256 -r | cut -c1-64)
	[ "out/$h.pem" = "$f" ] || { echo "FAIL: $f holds $h"; bad=$((bad + 1)); }
	[ "$(stat -c %a "$f")" = 644 ] || { echo "FAIL: $f mode"; bad=$((bad + 1)); }
done
openssl x509 -in "$PCAPS/certs/client.pem" -outform DER | openssl dgst -sha256 -r |
    cut -c1-64 | { read -r h; [ -f "out/$h.pem" ]; } ||
    { echo "FAIL: the decrypted client certificate was not exported"; bad=$((bad + 1)); }
rm -f out/*; ln -s /etc/passwd "out/$h.pem"
"$TLSHAKE" -q -r "$PCAPS/tls13-mtls.pcap" --keylog "$PCAPS/tls13-mtls.keys" \
    --no-verify --export-certs out >/dev/null
[ -L "out/$h.pem" ] && cmp -s /etc/passwd "out/$h.pem" ||
    { echo "FAIL: --export-certs followed a symbolic link"; bad=$((bad + 1)); }

echo "chain: $bad failures"
[ $bad -eq 0 ]
