#!/bin/sh
# The HTML report's charts: their numbers agree with the --json view of
# the same capture (report-charts.py); headless Chromium renders the page
# to a screenshot, and its network log shows no request leaving the page
# (a copy of the page that loads from loopback shows that the check sees
# requests).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
tmpdir
# All the project's captures in one, when mergecap is there.
if command -v mergecap >/dev/null 2>&1; then
	mergecap -F pcap -w "$T/all.pcap" "$PCAPS"/*.pcap || fail "mergecap"
	CAP=$T/all.pcap
else
	echo "note: no mergecap; the charts of demo.pcap only"
	CAP=$PCAPS/demo.pcap
fi
"$TLSHAKE" --report html --no-verify -r "$CAP" > "$T/r.html" || fail "--report html"
"$TLSHAKE" --json --no-verify -r "$CAP" > "$T/r.json" || fail "--json"
python3 "$top_srcdir/tests/report-charts.py" "$T/r.html" "$T/r.json" || exit 1
for id in chart-time chart-hs chart-choices chart-weak; do
	grep -q "<figure class=\"chart\" id=\"$id\"" "$T/r.html" || fail "no $id"
done
# Nothing to fetch: no URL in the page but the SVG namespace.
grep -Eo '(src|href|url)[=(]["'"'"']?[a-z]+:[^"'"'"' )]*' "$T/r.html" && fail "a URL in the page"

need_chromium "the charts' numbers were checked"
# shot PAGE PNG NETLOG
shot() {
	rm -rf "$T/u"
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --host-resolver-rules="MAP * ~NOTFOUND" \
	    --user-data-dir="$T/u" --log-net-log="$3" \
	    --screenshot="$2" --window-size=1200,1000 "file://$1" \
	    >"$T/chrome.out" 2>&1
}
# requests NETLOG: the URLs the page (network isolation key file://)
# asked the network for; the browser's own attempts (updates, sign-in:
# "not an origin", resolved to nothing here) are not the page's.
requests() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
start = d["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
for e in d.get("events", []):
    p = e.get("params", {})
    u = p.get("url", "")
    if e["type"] == start and p.get("network_isolation_key", "").startswith("file:") \
            and not u.startswith(("file:", "data:", "about:", "chrome:")):
        print(u)
PY
}
shot "$T/r.html" "$T/s.png" "$T/net.json" || fail "chromium --screenshot: $(tail -5 "$T/chrome.out")"
python3 - "$T/s.png" <<'PY' || fail "no screenshot"
import struct, sys
p = open(sys.argv[1], "rb").read()
assert p[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", p[16:24])
assert (w, h) == (1200, 1000), (w, h)
assert len(p) > 10000, "%d bytes: a blank page?" % len(p)
PY
[ -s "$T/net.json" ] || fail "Chromium wrote no network log"
out=$(requests "$T/net.json") || fail "reading the network log"
[ -z "$out" ] || fail "requests left the page: $out"
# The check sees a request: the same page, its policy removed, loading
# an image from loopback (port 9, nobody listens).
sed 's|<meta http-equiv="Content-Security-Policy"[^>]*>||; s|<h2>Charts</h2>|<img src="http://127.0.0.1:9/x.png"><h2>Charts</h2>|' \
    "$T/r.html" > "$T/leak.html"
shot "$T/leak.html" "$T/leak.png" "$T/leak.json" || fail "chromium (leak page)"
requests "$T/leak.json" | grep -q '^http://127.0.0.1:9/x.png' ||
	fail "the network log check saw no request from the leaking page"
# No chart text is drawn outside its chart: a copy of the page with a
# script (the page itself allows none) measures every text element; a
# copy with one label moved past the edge shows that the check sees it.
clipcheck() {
	sed 's|<meta http-equiv="Content-Security-Policy"[^>]*>||; s|</body>|<script>var o=[];document.querySelectorAll("svg.chart").forEach(function(s){var w=s.viewBox.baseVal.width;s.querySelectorAll("text").forEach(function(t){var b=t.getBBox();if(b.x<0\|\|b.x+b.width>w+0.5)o.push(s.parentNode.id+": "+t.textContent+" ["+Math.round(b.x)+", "+Math.round(b.x+b.width)+"] of "+w);});});var p=document.createElement("pre");p.id="clip";p.textContent="clip:"+o.length+"\\n"+o.join("\\n");document.body.appendChild(p);</script></body>|' \
	    "$1" > "$T/clip.html"
	rm -rf "$T/u"
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$T/u" \
	    --dump-dom "file://$T/clip.html" 2>/dev/null |
	    sed -n '/<pre id="clip">/,/<\/pre>/p'
}
out=$(clipcheck "$T/r.html")
case $out in *'clip:0'*) ;; *) fail "chart text outside its chart: $out" ;; esac
# two-digit counts beside the weak servers' bars (73 connections)
if [ -f "$PUBLIC/retina__tls_ciphers.pcap" ]; then
	"$TLSHAKE" --report html -r "$PUBLIC/retina__tls_ciphers.pcap" \
	    > "$T/many.html" || fail "--report html (retina__tls_ciphers)"
	out=$(clipcheck "$T/many.html")
	case $out in *'clip:0'*) ;; *) fail "chart text outside its chart: $out" ;; esac
else
	echo "note: no $PUBLIC: the charts of the project's captures only"
fi
sed 's|<text x="48" y="16" font-size="13" font-weight="bold">Servers|<text x="480" y="16" font-size="13" font-weight="bold">Servers|' \
    "$T/r.html" > "$T/moved.html"
out=$(clipcheck "$T/moved.html")
case $out in *'clip:1'*'chart-weak: Servers'*) ;; *) fail "the clip check missed a moved title: $out" ;; esac
if [ -n "${KEEP_SCREENSHOT:-}" ]; then
	cp "$T/s.png" "$KEEP_SCREENSHOT"
fi
echo "report-charts: ok"
