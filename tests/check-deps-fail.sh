#!/bin/sh
# check-deps.sh must fail, naming the file and line, on a tree that breaks
# the layering: capture/reasm.c including tui/tui.h, a view including a
# private dissector header, model/ calling printf; and pass the real tree.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tmpdir
CHECK=$top_srcdir/tests/check-deps.sh

sh "$CHECK" "$top_srcdir/src" > "$T/real.out" 2>&1 ||
	fail "the real tree breaks the layering: $(cat "$T/real.out")"

cp -R "$top_srcdir/src" "$T/src"
# one line after reasm.c's own header include
awk '{ print } /^#include "capture\/reasm.h"/ && !done { print "#include \"tui/tui.h\""; done = 1 }' \
    "$top_srcdir/src/capture/reasm.c" > "$T/src/capture/reasm.c"
line=$(grep -n '^#include "tui/tui.h"' "$T/src/capture/reasm.c" | cut -d: -f1)
[ -n "$line" ] || fail "could not plant the include"
sh "$CHECK" "$T/src" > "$T/bad.out" 2>&1 && fail "check-deps passed a capture/ file including tui/tui.h"
grep -q "^src/capture/reasm.c:$line: capture/ includes tui/tui.h" "$T/bad.out" ||
	fail "the violation is not named with its file and line: $(cat "$T/bad.out")"
[ "$(wc -l < "$T/bad.out")" = 1 ] || fail "more than the planted violation: $(cat "$T/bad.out")"

cp "$top_srcdir/src/capture/reasm.c" "$T/src/capture/reasm.c"
printf '#include "dissect/record.h"\n' >> "$T/src/view/text.c"
printf 'static void f(void) { printf("x"); }\n' >> "$T/src/model/anom.c"
sh "$CHECK" "$T/src" > "$T/bad2.out" 2>&1 && fail "check-deps passed two more violations"
grep -q "^src/view/text.c:[0-9]*: view/ includes dissect/record.h" "$T/bad2.out" ||
	fail "view including a dissector header: $(cat "$T/bad2.out")"
grep -q "^src/model/anom.c:[0-9]*: model/ calls printf(" "$T/bad2.out" ||
	fail "printf in model/: $(cat "$T/bad2.out")"
echo "ok"
