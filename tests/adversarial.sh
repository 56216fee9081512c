#!/bin/sh
# Hostile captures (tests/adversarial/mkpcap.py, made here, never stored):
# a SYN flood, 1-byte segments, conflicting overlaps, impossible lengths,
# huge lists, pathological IP fragments, time going backwards, a 64-byte
# snap length, random bytes, hostile strings, a flood of QUIC Initials
# with random connection IDs, streams running 100 KB ahead of their holes
# (100 connections). For each: the exit status,
# the anomaly codes, valid JSON and UTF-8, no terminal control in the text
# view, peak memory within SPEC.md's caps (tests/adversarial/check.py).
# Timings are measured by bench/adversarial.sh, not here.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
python3 "$top_srcdir/tests/adversarial/check.py" "$TLSHAKE" "$T" "$@" ||
    fail "adversarial captures"
