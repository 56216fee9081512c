#!/bin/sh
# A key log with garbage, truncated and wrong-length lines and wrong
# secrets: a diagnostic per unusable line on stderr (the first 5, then a
# count), tls.decrypt.failed on the connection whose secrets are wrong,
# nothing fatal. Also SSLKEYLOGFILE, and a key log that does not exist.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
need python3
tmpdir
cap=$PCAPS/tls13-aes256.pcap
keys=$PCAPS/tls13-aes256.keys
bad=0
no() { echo "FAIL: $*"; bad=$((bad + 1)); }

# Garbage around the right secrets: decryption still works.
{
	echo "garbage"
	printf 'CLIENT_RANDOM\n'
	printf 'CLIENT_RANDOM 0011223344\n'
	sed -n 2p "$keys" | cut -c1-100
	printf '\033]0;title\007 not a line\n'
	cat "$keys"
	printf 'CLIENT_RANDOM %064d %032d\n' 0 0
	printf 'SERVER_TRAFFIC_SECRET_0 %064d zz\n' 0
} > "$T/garbage.keys"
"$TLSHAKE" -r "$cap" --keylog "$T/garbage.keys" --json > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 0 ] || no "exit $rc with a garbage key log"
grep -q '"certificates_source":"decrypted"' "$T/out" ||
    no "garbage lines stopped decryption"
n=$(grep -c '^tlshake: key log: .*garbage.keys:[0-9]*: ' "$T/err")
[ "$n" -eq 5 ] || no "$n diagnostics shown, want 5"
grep -q '^tlshake: key log: 2 more lines not used$' "$T/err" ||
    no "no count of the diagnostics not shown"
grep -q 'garbage.keys:2: truncated' "$T/err" || no "line 2 not called truncated"
grep -q 'garbage.keys:4: secret cut short' "$T/err" || no "a cut line not called cut short"
# shellcheck disable=SC2016
if grep -q "$(printf '\033')" "$T/err"; then no "escape sequence copied to stderr"; fi
cat "$T/err"

# Wrong secrets: the server's first record does not authenticate.
sed 's/^\(SERVER_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]* \)[0-9a-f]/\1f/' \
    "$keys" > "$T/wrong.keys"
cmp -s "$keys" "$T/wrong.keys" && sed -i \
    's/^\(SERVER_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]* \)f/\10/' "$T/wrong.keys"
"$TLSHAKE" -r "$cap" --keylog "$T/wrong.keys" --json > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 0 ] || no "exit $rc with wrong secrets"
grep -q '"code":"tls.decrypt.failed"' "$T/out" || no "no tls.decrypt.failed"
[ "$(grep -o '"code":"tls.decrypt.failed"' "$T/out" | wc -l)" -eq 1 ] ||
    no "tls.decrypt.failed more than once for one direction"
grep -q '"type":"encrypted_handshake"' "$T/out" ||
    no "the server's records are not back to encrypted"
grep -q '"type":"finished","frame":[0-9]*,"len":48,"decrypted":true' "$T/out" ||
    no "the client's (right) secrets no longer open its Finished"
"$TLSHAKE" -r "$cap" --keylog "$T/wrong.keys" -v > "$T/text" 2>&1 ||
    no "text view with wrong secrets"
grep -q 'tls.decrypt.failed' "$T/text" || no "text view does not show the failure"

# Truncated secret lengths of every kind, and an empty file.
: > "$T/empty.keys"
"$TLSHAKE" -r "$cap" --keylog "$T/empty.keys" > /dev/null 2>&1 ||
    no "an empty key log is an error"
awk '{ if (NF == 3) print $1, $2, substr($3, 1, length($3) - 2); else print }' \
    "$keys" > "$T/short.keys"
"$TLSHAKE" -r "$cap" --keylog "$T/short.keys" --json > "$T/out" 2> "$T/err" ||
    no "short secrets are fatal"
grep -q 'secret of 47 bytes (expected 32, 48 or 64)' "$T/err" ||
    no "wrong-length secret not said"
grep -q '"decrypted":true' "$T/out" && no "decrypted with cut secrets"

# SSLKEYLOGFILE when --keylog is absent; --keylog wins.
SSLKEYLOGFILE=$keys "$TLSHAKE" -r "$cap" --json > "$T/out" 2> "$T/err"
grep -q "^tlshake: using the key log SSLKEYLOGFILE=$keys\$" "$T/err" ||
    no "SSLKEYLOGFILE not announced"
grep -q '"certificates_source":"decrypted"' "$T/out" || no "SSLKEYLOGFILE not used"
SSLKEYLOGFILE=$T/wrong.keys "$TLSHAKE" -r "$cap" --keylog "$keys" --json \
    > "$T/out" 2> "$T/err"
grep -q SSLKEYLOGFILE "$T/err" && no "SSLKEYLOGFILE used despite --keylog"
grep -q tls.decrypt.failed "$T/out" && no "SSLKEYLOGFILE used despite --keylog"

"$TLSHAKE" -r "$cap" --keylog "$T/nonexistent" > /dev/null 2> "$T/err"
rc=$?
[ $rc -eq 1 ] || no "a missing key log exits $rc, want 1"
grep -q "nonexistent: No such file" "$T/err" || no "a missing key log not named"

echo "keylog-bad: $bad failures"
[ $bad -eq 0 ]
