#!/bin/sh
# -j N reads with N workers and must print the very bytes -j 1 prints, in
# the same order (SPEC.md, "Parallel reading"): on every capture of pcaps/
# and of the public corpus, for --json, the text ladder and --report json
# (pcaps/ also with -v, --diff, --ecs, --explain, the key logs and --stats
# totals),
# stdout, stderr and exit status alike. JOBS (default 2) is the N tested;
# pcaps/ is read with N + 1 workers too.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tmpdir
JOBS=${JOBS:-2}
n=0
bad=0

# run NAME ARGS...: once with -j 1, once with each -j; compare everything.
run() {
	name=$1
	shift
	"$TLSHAKE" "$@" >"$T/1.out" 2>"$T/1.err"
	echo "exit $?" >>"$T/1.err"
	for j in $JOBS; do
		"$TLSHAKE" -j "$j" "$@" >"$T/j.out" 2>"$T/j.err"
		echo "exit $?" >>"$T/j.err"
		n=$((n + 1))
		# --stats: the timing and memory lines differ from run to run
		for f in 1 j; do
			grep -v -e 'packets/s$' -e 'memory high-water' \
			    "$T/$f.err" >"$T/$f.errf"
		done
		if ! cmp -s "$T/1.out" "$T/j.out" ||
		    ! cmp -s "$T/1.errf" "$T/j.errf"; then
			echo "differs: -j $j $* ($name)"
			diff "$T/1.out" "$T/j.out" | head -n 5
			diff "$T/1.errf" "$T/j.errf" | head -n 5
			bad=$((bad + 1))
		fi
	done
}

for f in $(find "$PCAPS" -name '*.pcap' -o -name '*.pcapng' | sort); do
	JOBS="$JOBS $((JOBS + 1))"
	run "${f##*/}" --json -r "$f"
	run "${f##*/}" -r "$f"
	run "${f##*/}" --report json -r "$f"
	run "${f##*/}" -v --stats --color=always -r "$f"
	run "${f##*/}" --diff --json -r "$f"
	run "${f##*/}" --ecs -r "$f"
	run "${f##*/}" --explain -r "$f"
	k=${f%.pcap*}.keys
	[ -f "$k" ] && run "${f##*/}" --json -vv --keylog "$k" -r "$f"
	JOBS=${JOBS% *}
done
if [ -d "$PUBLIC" ]; then
	for f in "$PUBLIC"/*.pcap "$PUBLIC"/*.pcapng; do
		[ -f "$f" ] || continue
		run "${f##*/}" --json -r "$f"
		run "${f##*/}" -r "$f"
		run "${f##*/}" --report json -r "$f"
	done
else
	echo "no public corpus at $PUBLIC (../shared is not beside the source tree): pcaps/ only"
fi
echo "$n runs, $bad differ"
[ "$bad" -eq 0 ] || fail "-j output differs from -j 1"
