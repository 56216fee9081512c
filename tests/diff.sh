#!/bin/sh
# --diff against the peers' own logs (pcaps/*.peers.txt): the chosen suite,
# its position in the client's offer, the offer, version and group; then the
# text view: colours only when asked, the chosen suite marked in words.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
need openssl
python3 "$top_srcdir/tests/diffpeers.py" "$TLSHAKE" "$PCAPS" || exit 1
tmpdir
"$TLSHAKE" --diff -r "$PCAPS/demo.pcap" > "$T/plain" || fail "--diff exit"
grep -q 'chosen #1 of the client.s list: TLS_AES_128_GCM_SHA256' "$T/plain" ||
    fail "conn 1: chosen suite and position"
grep -q '<- chosen' "$T/plain" || fail "chosen suite not marked in words"
grep -q '^server 127.0.0.1:44301 (www.example.test)' "$T/plain" ||
    fail "per-server part"
grep -q 'profile        Mozilla intermediate' "$T/plain" || fail "profile"
grep -q '^client ja4 ' "$T/plain" || fail "per-client part"
if grep -q "$(printf '\033')" "$T/plain"; then
	fail "escape sequences without a terminal"
fi
"$TLSHAKE" --diff --color=always -r "$PCAPS/demo.pcap" > "$T/color"
grep -q "$(printf '\033\\[1;7m')TLS_AES_128_GCM_SHA256" "$T/color" ||
    fail "chosen suite not highlighted with --color=always"
NO_COLOR=1 "$TLSHAKE" --diff --color=always -r "$PCAPS/demo.pcap" |
    grep -q "$(printf '\033')" && fail "NO_COLOR not honoured"
echo "diff: ok"
