#!/bin/sh
# TCP reassembly against an independent oracle: make-bench-pcap writes, per
# connection and direction, the length and SHA-256 of the bytes a correct
# reassembler delivers, whatever retransmissions, reordering and
# overlapping retransmissions it put in the packets. A second capture with
# cut connections and mid-stream starts checks that those are flagged.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_shared
need python3
tmpdir
gen=$SHARED_DIR/bench/make-bench-pcap
streams=$top_builddir/tests/reasm-streams

python3 "$gen" --flows 400 --concurrency 60 --faults 0.3 \
    --fault-mix retrans=1,ooo=1,overlap=1 --seed 9 -q \
    --out "$T/f.pcap" --streams "$T/f.tsv" || fail "generator"
"$streams" "$T/f.pcap" > "$T/got.tsv" || fail "reasm-streams"
awk -F'\t' '
NR == FNR { if (FNR > 1) { want[$2 " " $3] = $5 " " $6 " " $7 " " $8; fault[$2 " " $3] = $4 }; next }
{
	k = $1 " " $2; n++
	if (!(k in want)) { print "unexpected connection " k; bad++; next }
	got = $3 " " $4 " " $5 " " $6
	if (got != want[k] || $7 != 0) {
		print "MISMATCH " k " fault=" fault[k] " got " got " gaps=" $7 " want " want[k]; bad++
	}
	if (fault[k] != "-") faulty++
	delete want[k]
}
END {
	for (k in want) { print "missing connection " k; bad++ }
	printf "%d connections compared, %d with faults, %d wrong\n", n, faulty, bad
	exit bad > 0
}' "$T/f.tsv" "$T/got.tsv" || fail "reassembled streams differ from the oracle"

python3 "$gen" --flows 300 --concurrency 60 --faults 0.5 \
    --fault-mix truncate=1,midstart=1 --seed 10 -q \
    --out "$T/g.pcap" --streams "$T/g.tsv" || fail "generator"
"$streams" "$T/g.pcap" > "$T/got2.tsv" || fail "reasm-streams"
awk -F'\t' '
NR == FNR { if (FNR > 1) { want[$2 " " $3] = $5 " " $6 " " $7 " " $8; fault[$2 " " $3] = $4; wc[$2 " " $3] = $5; ws[$2 " " $3] = $7 }; next }
{
	k = $1 " " $2
	if (!(k in want)) { print "unexpected connection " k; bad++; next }
	f = fault[k]
	if (f == "-") {
		if ($3 " " $4 " " $5 " " $6 != want[k] || $7 != 0 || $8 != 0) { print "clean connection wrong: " k; bad++ }
	} else if (f == "midstart") {
		m++
		if ($8 != 1) { print "midstart not flagged: " k; bad++ }
	} else if (f == "truncate") {
		t++
		# cut for good: no FIN exchange, no RST, no more than meant
		if ($9 != 0 || $3 > wc[k] || $5 > ws[k]) { print "truncate not visible: " k " closed=" $9; bad++ }
	}
}
END { printf "%d midstart, %d truncated connections checked, %d wrong\n", m, t, bad; exit bad > 0 }
' "$T/g.tsv" "$T/got2.tsv" || fail "cut and mid-stream connections not flagged"
echo ok
