#!/bin/sh
# tests/reap, which every test of the suite runs under, must notice and
# end a process that a test leaves running, and pass a test that does not.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tmpdir
REAP=$top_srcdir/tests/reap

sh "$REAP" sh -c 'exit 0' > "$T/ok.out" 2>&1 || fail "a clean test failed: $(cat "$T/ok.out")"
sh "$REAP" sh -c 'exit 3' > "$T/rc.out" 2>&1
[ $? = 3 ] || fail "the test's own exit status was not kept"
sh "$REAP" sh -c 'exit 77' > "$T/skip.out" 2>&1
[ $? = 77 ] || fail "a skipped test's 77 was not kept"

# a test that leaves a sleeping child behind, in its own process group;
# its command line is this run's own, so that another suite's leftovers
# running at the same time are not taken for it
nap=300.$$
sh "$REAP" sh -c "setsid sleep $nap </dev/null >/dev/null 2>&1 & exit 0" \
    > "$T/leak.out" 2>&1
rc=$?
[ $rc = 1 ] || fail "a leaking test passed (exit $rc): $(cat "$T/leak.out")"
grep -q "left processes running" "$T/leak.out" || fail "no message: $(cat "$T/leak.out")"
grep -q "sleep $nap" "$T/leak.out" || fail "the leaked process is not named: $(cat "$T/leak.out")"
pgrep -f "^sleep $nap\$" >/dev/null && {
	# only ours carries this command line
	for p in $(pgrep -f "^sleep $nap\$"); do
		tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -q '^TLSHAKE_TEST_TAG=' &&
		    fail "the leaked process was not killed"
	done
}
echo "ok"
