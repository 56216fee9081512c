#!/bin/sh
# Golden outputs: each line of tests/golden/LIST is "name pcap options";
# tlshake's output over pcaps/<pcap> must equal tests/golden/<name>.out.
# tests/golden/update NAME rewrites one; review its diff against the peers'
# own logs (pcaps/*.peers.txt) or tshark before committing it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tmpdir
list=$top_srcdir/tests/golden/LIST
bad=0; n=0
while read -r name pcap opts; do
	case "$name" in ''|\#*) continue ;; esac
	n=$((n + 1))
	# @PCAPS@ in options names the captures' directory (key logs, CAs).
	opts=$(printf '%s\n' "$opts" | sed "s|@PCAPS@|$PCAPS|g")
	# shellcheck disable=SC2086
	"$TLSHAKE" -r "$PCAPS/$pcap" $opts > "$T/$name.out" 2>&1
	echo "exit $?" >> "$T/$name.out"
	if ! diff -u "$top_srcdir/tests/golden/$name.out" "$T/$name.out"; then
		echo "FAIL: $name"
		bad=$((bad + 1))
	fi
done < "$list"
echo "$n golden outputs, $bad differ"
[ $bad -eq 0 ]
