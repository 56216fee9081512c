#!/bin/sh
# --log-file under logrotate's protocol while traffic flows: tlshake
# captures live in a network namespace the test makes, writing --ecs lines
# to a file; rounds of TLS clients (each with its own SNI, each holding
# its connection open half a second) run while the file is renamed and
# tlshake sent SIGHUP, as logrotate's postrotate does. Every connection
# the clients made must appear exactly once across the files. No timing is
# asserted: every wait is a bounded poll.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip "the rotation test needs root (network namespaces, capture)"
need ip
need openssl
need python3

NA=
NB=
PIDS=
ROUNDS=4
PER=8
. "$top_srcdir/tests/netns.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/tlshake-rot.XXXXXX")
cleanup() {
	netns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
netns_pair r

has_lines() { [ -s "$1" ] && [ "$(wc -l < "$1")" -ge "$2" ]; }

netns_server rot.example.test 4433

LOG=$T/tls.json
ip netns exec "$NA" "$TLSHAKE" -i "$VA" --ecs --log-file "$LOG" --no-verify \
    tcp port 4433 >"$T/stdout" 2>"$T/stderr" &
TP=$!
PIDS="$PIDS $TP"
poll 100 grep -q "listening on" "$T/stderr" ||
	fail "tlshake did not start: $(cat "$T/stderr")"

: > "$T/sent"
r=1
while [ "$r" -le "$ROUNDS" ]; do
	# A round of clients, started a tenth of a second apart, each
	# holding its connection for half a second: traffic flows while
	# the file is rotated below.
	i=1
	while [ "$i" -le "$PER" ]; do
		sni=r$r-c$i.rot.test
		echo "$sni" >> "$T/sent"
		(sleep 0.5 | B openssl s_client -connect 192.0.2.1:4433 \
		    -servername "$sni" >"$T/$sni.cli" 2>&1) &
		PIDS="$PIDS $!"
		sleep 0.1
		i=$((i + 1))
	done
	# Rotate once this round's first connection is in the file.
	poll 200 has_lines "$LOG" 1 || fail "round $r: nothing written to $LOG: $(cat "$T/stderr")"
	mv "$LOG" "$LOG.$r"
	kill -HUP "$TP"
	r=$((r + 1))
done
for p in $PIDS; do
	[ "$p" = "$TP" ] && continue
	poll 200 gone "$p" || true
done
for f in "$T"/*.cli; do
	grep -q '^New, TLSv' "$f" || fail "a client did not complete its handshake: $(tail -5 "$f")"
done
# SIGTERM: tlshake writes what is still open, then exits 0.
kill -TERM "$TP"
poll 200 gone "$TP" || fail "tlshake did not exit"
wait "$TP"
rc=$?
[ "$rc" = 0 ] || fail "tlshake exit $rc: $(cat "$T/stderr")"
[ -s "$T/stdout" ] && fail "lines went to standard output: $(head -3 "$T/stdout")"
grep -q . "$T/stderr" && grep -v -e "listening on" -e "packets received" "$T/stderr" && fail "unexpected diagnostics"

python3 - "$T/sent" "$LOG" "$ROUNDS" <<'PY' || fail "connections lost or duplicated"
import json, os, sys
sent, log, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
want = [l.strip() for l in open(sent) if l.strip()]
files = ["%s.%d" % (log, r) for r in range(1, rounds + 1)] + [log]
seen, per = {}, []
for f in files:
    n = 0
    if os.path.exists(f):
        for line in open(f):
            doc = json.loads(line)  # every line whole
            sni = doc.get("tls", {}).get("client", {}).get("server_name")
            seen.setdefault(sni, []).append(os.path.basename(f))
            n += 1
    per.append(n)
print("lines per file:", per)
bad = [s for s in want if len(seen.get(s, [])) != 1]
extra = [s for s in seen if s not in want]
for s in bad:
    print("FAIL: %s appears %d times: %s" % (s, len(seen.get(s, [])), seen.get(s)))
for s in extra:
    print("FAIL: unexpected connection %r in %s" % (s, seen[s]))
if sum(1 for n in per[:rounds] if n > 0) < rounds:
    print("FAIL: a rotated file is empty")
    sys.exit(1)
sys.exit(1 if bad or extra else 0)
PY
echo "ok: $((ROUNDS * PER)) connections exactly once across $((ROUNDS + 1)) files"
