#!/bin/sh
# The HTML report opens in a browser: headless Chromium renders it; the SVG
# ladders are in the DOM, and the log has no JavaScript error. Also: -o
# writes mode 0644 and refuses a symbolic link; the report is one file
# with nothing loaded from elsewhere.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
tmpdir
umask 022
"$TLSHAKE" --report html -o "$T/r.html" -q -r "$PCAPS/demo.pcap" ||
    fail "exit status"
[ "$(stat -c %a "$T/r.html")" = 644 ] || fail "mode $(stat -c %a "$T/r.html")"
[ ! -s "$T/stdout" ] || true
grep -Eq '(src|href)="(https?:)?//' "$T/r.html" && fail "external reference"
[ "$(grep -o '<svg[^>]*class="ladder"' "$T/r.html" | wc -l)" -eq 3 ] || fail "3 ladders expected"
# -o never follows a symbolic link (exit 1, the target untouched).
echo keep > "$T/target"
ln -s "$T/target" "$T/link"
if "$TLSHAKE" --report html -o "$T/link" -r "$PCAPS/demo.pcap" \
    >/dev/null 2>"$T/err"; then
	fail "-o followed a symbolic link"
fi
grep -q 'symbolic link' "$T/err" || fail "no reason given: $(cat "$T/err")"
[ "$(cat "$T/target")" = keep ] || fail "symlink target overwritten"
# Without -o the report replaces the view; with -o the view runs too.
"$TLSHAKE" --report html -r "$PCAPS/demo.pcap" | grep -q '^<!DOCTYPE html>' ||
    fail "report on stdout"
"$TLSHAKE" -q --json --report json -o "$T/r.json" -r "$PCAPS/demo.pcap" \
    > "$T/view" && [ ! -s "$T/view" ] || fail "-o -q: stdout not quiet"
"$TLSHAKE" --json --report json -o "$T/r.json" -r "$PCAPS/demo.pcap" |
    wc -l | grep -q '^3$' || fail "-o: the --json view did not run"

# Past 1000 connections: failed ones get sections first, the rest are rows;
# the JSON stays one valid document when written out in pieces.
if command -v python3 >/dev/null 2>&1; then
	python3 "$top_srcdir/tests/mkhostile.py" "$T/many.pcap" 1200
	"$TLSHAKE" --report json -r "$T/many.pcap" > "$T/many.json" ||
	    fail "many: exit status"
	python3 - "$T/many.json" <<'PY' || fail "many: sections and rows"
import json, sys
d = json.load(open(sys.argv[1]))
sec = [s["conn"] for s in d["sections"]]
assert d["connections"] == 1200 and len(d["rows"]) == 1200, d["connections"]
assert len(sec) == 1000 and sum(r["full"] for r in d["rows"]) == 1000
# the 172 reset connections (every 7th) come first, in order
assert sec[:172] == list(range(1, 1201, 7)), sec[:5]
assert all(r["full"] == (r["conn"] in set(sec)) for r in d["rows"])
PY
	"$TLSHAKE" --report html -r "$T/many.pcap" | grep -c '<svg[^>]*class="ladder"' |
	    grep -q '^1000$' || fail "many: 1000 ladders expected"
fi

need_chromium "the report itself was checked"
run() {
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$T/u" \
	    --enable-logging=stderr --v=0 "$@" "file://$T/r.html"
}
run --dump-dom > "$T/dom.html" 2> "$T/log1" || fail "chromium --dump-dom"
run --screenshot="$T/s.png" --window-size=1200,1600 >/dev/null 2> "$T/log2" ||
    fail "chromium --screenshot"
[ "$(grep -o '<svg[^>]*class="ladder"' "$T/dom.html" | wc -l)" -eq 3 ] ||
    fail "the SVG ladders are not in the DOM"
grep -q '<polygon' "$T/dom.html" || fail "no arrows in the DOM"
[ -s "$T/s.png" ] || fail "no screenshot"
if grep -E 'Uncaught|SyntaxError|CONSOLE|console' "$T/log1" "$T/log2"; then
	fail "JavaScript errors in the log"
fi
# The sorting script is not dead: a page with an error in it would say so;
# check it at least parses by making one that does not, and see it caught.
sed 's|</script>|;(;</script>|' "$T/r.html" > "$T/bad.html"
timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$T/u" \
    --enable-logging=stderr --v=0 --dump-dom "file://$T/bad.html" \
    >/dev/null 2> "$T/log3"
grep -Eq 'Uncaught|SyntaxError' "$T/log3" ||
    echo "note: this Chromium does not log script errors; the check above cannot fail"
echo "report-html: ok"
