#!/usr/bin/env python3
"""report-charts.py REPORT.HTML JSONL

Checks the HTML report's charts against the --json view of the same
capture (itself checked against tshark by the conformance tests):
- the timeline's legend counts connections by outcome as the JSON does;
- the handshake-time bars hold every completed handshake, each in the
  bin of its handshake_ms;
- the version bars count tls.version, the strength bars
  tls.cipher_suite.strength;
- the weak-server chart names exactly the servers that chose a weak or
  insecure suite or a version below TLS 1.2.
"""
import html
import json
import re
import sys

doc = open(sys.argv[1]).read()
conns = [json.loads(l) for l in open(sys.argv[2])]
bad = []


def figure(fid):
    m = re.search(r'<figure class="chart" id="%s".*?</figure>' % fid, doc,
                  re.S)
    if not m:
        bad.append("no chart %s" % fid)
        return ""
    return m.group(0)


def status(c):
    t = c.get("tls")
    if t is None:
        return "incomplete" if c.get("messages") and any(
            m["layer"] == "tls" for m in c["messages"]) else "tcp"
    if t.get("complete"):
        return "ok"
    if any(a.get("level") == "fatal" for a in t.get("alerts", [])):
        return "failed"
    if c["tcp"].get("rst"):
        return "reset"
    return "incomplete"


# Timeline: the legend's counts.
f = figure("chart-time")
legend = dict((lab, int(n)) for lab, n in
              re.findall(r'<text [^>]*>([A-Za-z ]+) (\d+)</text>', f))
names = {"ok": "completed", "failed": "failed", "reset": "reset",
         "incomplete": "incomplete", "tcp": "without TLS"}
want = dict((v, 0) for v in names.values())
for c in conns:
    want[names[status(c)]] += 1
if legend != want:
    bad.append("timeline legend %r, JSON %r" % (legend, want))
bars = sum(int(n) for n in re.findall(r'<rect class="o-[a-z]+"[^>]*><title>(\d+) ', f))
if bars != len(conns):
    bad.append("timeline bars hold %d connections, JSON has %d" % (bars, len(conns)))

# Handshake times.
f = figure("chart-hs")
edges = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
labels = ["<0.1"] + [("%g" % e).replace("1000", "1k").replace("2000", "2k")
                     for e in edges[:-1]] + ["5k+"]
want = {}
for c in conns:
    ms = c.get("tls", {}).get("handshake_ms")
    if ms is None:
        continue
    k = sum(1 for e in edges if ms >= e)
    want[labels[k]] = want.get(labels[k], 0) + 1
got = dict((lab, int(n)) for n, lab in re.findall(
    r'<rect class="hs"[^>]*><title>(\d+) handshakes from ([^ ]+) ms', html.unescape(f)))
if got != want:
    bad.append("handshake-time bars %r, JSON %r" % (got, want))

# Versions and strengths: "label</text><rect ...><text ...>N</text>".
f = figure("chart-choices")
got = dict((lab, int(n)) for lab, n in re.findall(
    r'>([A-Za-z0-9.]+)</text><rect [^>]*/><text [^>]*>(\d+)</text>', f))
want = {}
for c in conns:
    t = c.get("tls", {})
    if "version" in t:
        want[t["version"]] = want.get(t["version"], 0) + 1
    s = t.get("cipher_suite", {}).get("strength")
    if s:
        want[s] = want.get(s, 0) + 1
got = dict((k, v) for k, v in got.items() if v > 0)
if got != want:
    bad.append("version/strength bars %r, JSON %r" % (got, want))

# Weak servers.
f = html.unescape(figure("chart-weak"))
got = set(re.findall(r'text-anchor="end">([^<]+)</text><rect', f))
want = set()
old = {"SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1"}
for c in conns:
    t = c.get("tls", {})
    if t.get("cipher_suite", {}).get("strength") in ("weak", "insecure") or \
            t.get("version") in old:
        want.add(((t["sni"] + " ") if "sni" in t else "") + c["server"])
if len(want) <= 10 and got != want:
    bad.append("weak servers %r, JSON %r" % (sorted(got), sorted(want)))
for b in bad:
    print("FAIL:", b)
print("charts: %d connections, %d weak servers" % (len(conns), len(want)))
sys.exit(1 if bad else 0)
