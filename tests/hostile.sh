#!/bin/sh
# A hostile SNI (ESC sequences, <script>, quotes, U+202E, bytes that are
# not UTF-8) reaches every output escaped: the ladder, --diff and the text
# and Markdown reports (terminal escapes), --json, --diff --json and the
# JSON report (valid JSON, U+FFFD for the bad bytes), the HTML report.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
python3 "$top_srcdir/tests/mkhostile.py" "$T/h.pcap" || fail "mkhostile"
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')
BEL=$(printf '\007')
raw() {	# raw NAME FILE: no terminal control reaches FILE
	if grep -q "$ESC" "$2" || grep -q "$RLO" "$2" || grep -q "$BEL" "$2"
	then
		fail "$1: a raw ESC, BEL or U+202E got through"
	fi
	LC_ALL=C grep -q "$(printf '\377')" "$2" &&
	    fail "$1: a byte that is not UTF-8 got through"
	return 0
}
for v in "" "-v" "--diff" "--report text" "--report md"; do
	# shellcheck disable=SC2086
	"$TLSHAKE" --color=never $v -r "$T/h.pcap" > "$T/out" ||
	    fail "$v: exit status"
	raw "${v:-ladder}" "$T/out"
	grep -q 'x1[bB]' "$T/out" || fail "${v:-ladder}: ESC not shown escaped"
done
for v in "--json" "--diff --json" "--report json"; do
	# shellcheck disable=SC2086
	"$TLSHAKE" $v -r "$T/h.pcap" > "$T/out" || fail "$v: exit status"
	raw "$v" "$T/out"
	python3 - "$T/out" "$v" <<'PY' || fail "$v: JSON"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
docs = [json.loads(text)] if "report" in sys.argv[2] else \
    [json.loads(l) for l in text.splitlines() if l]
snis = []
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "sni" and isinstance(x, str):
                snis.append(x)
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for d in docs:
    walk(d)
assert snis, "no sni"
for s in snis:
    assert s.startswith("\x1b[31mred"), repr(s)
    assert "<script>" in s and "\u202e" in s and "\ufffd" in s, repr(s)
PY
done
"$TLSHAKE" --report html -o "$T/r.html" -q -r "$T/h.pcap" ||
    fail "html: exit status"
raw html "$T/r.html"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/r.html" ||
    fail "html: <script> not escaped"
[ "$(grep -o '<script' "$T/r.html" | wc -l)" -eq 1 ] ||
    fail "html: a <script> element besides the sorting one"
grep -q '&quot;&#39;&amp;' "$T/r.html" || fail "html: quotes not escaped"
echo "hostile: ok"
