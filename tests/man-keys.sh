#!/bin/sh
# Every JSON key and anomaly code tlshake writes (--json, --diff --json,
# --report json) over the whole test corpus is documented in
# tlshake-json(5); and both man pages are mandoc -Tlint clean.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
caps=$(ls "$PCAPS"/*.pcap)
if [ -d "$PUBLIC" ]; then
	caps="$caps $(ls "$PUBLIC"/*.pcap "$PUBLIC"/*.pcapng)"
else
	echo "note: no public corpus at $PUBLIC; pcaps/ only"
fi
# shellcheck disable=SC2086
python3 "$top_srcdir/tests/jsonkeys.py" "$TLSHAKE" \
    "$top_srcdir/man/tlshake-json.5" $caps || exit 1
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wwarning "$top_srcdir/man/tlshake.1" \
	    "$top_srcdir/man/tlshake-json.5" || fail "mandoc -Tlint"
else
	echo "note: mandoc is not installed; lint skipped"
fi
