#!/bin/sh
# ECS documents (--ecs) over the public captures: every field is ECS's
# (../shared/ecs/fields.tsv) with its type, or under tlshake.; values
# tshark also sees agree with its truth files.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need python3
FIELDS=$SHARED_DIR/ecs/fields.tsv
[ -r "$FIELDS" ] || skip "no ECS field list at $FIELDS"
python3 "$top_srcdir/tests/ecsfields.py" "$TLSHAKE" "$FIELDS" "$PUBLIC" \
    "$top_srcdir/tests/known-fp-differences.txt" \
    "$top_srcdir/man/tlshake-json.5" \
    "$PCAPS"/*.pcap
