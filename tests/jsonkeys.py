#!/usr/bin/env python3
"""jsonkeys: every JSON key and anomaly code tlshake emits, against the man page.

usage: jsonkeys.py TLSHAKE MANPAGE CAPTURE...

Runs tlshake --json, --diff --json and --report json on each capture,
collects every object key (at any depth) and every anomaly "code" value,
and fails when one of them is not written as a literal (the Li macro) in
MANPAGE, tlshake-json(5).
"""
import json
import re
import subprocess
import sys

MODES = [["--json"], ["--json", "--explain"], ["--diff", "--json"],
         ["--report", "json"]]


def walk(v, keys, codes, path):
    if isinstance(v, dict):
        for k, x in v.items():
            keys.setdefault(k, path)
            # explain steps carry codes of tlshake(1), not anomalies
            if k == "code" and isinstance(x, str) and \
                    not path.endswith(".explain"):
                codes.add(x)
            walk(x, keys, codes, path + "." + k)
    elif isinstance(v, list):
        for x in v:
            walk(x, keys, codes, path)


def documented(man):
    """Words written with Li in the man page: ".It Li a , b" and "Li a"."""
    words = set()
    for line in open(man, encoding="utf-8"):
        if "Li " not in line:
            continue
        after = line.split("Li ", 1)[1]
        for m in re.finditer(r"Li ([^\n]*)", line):
            after = m.group(1)
            for tok in re.split(r"[\s,()]+", after):
                tok = tok.strip("\\&.;:\"'")
                if tok:
                    words.add(tok)
    return words


def main():
    tlshake, man = sys.argv[1], sys.argv[2]
    keys, codes = {}, set()
    runs = 0
    for cap in sys.argv[3:]:
        for mode in MODES:
            p = subprocess.run([tlshake, "-r", cap] + mode,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, timeout=300)
            if p.returncode not in (0, 3):
                print("FAIL: %s %s exited %d" % (cap, mode, p.returncode))
                return 1
            out = p.stdout.decode("utf-8")
            docs = [out] if mode[0] == "--report" else \
                [l for l in out.splitlines() if l.strip()]
            for d in docs:
                walk(json.loads(d), keys, codes, mode[0])
            runs += 1
    words = documented(man)
    missing = sorted(k for k in keys if k not in words)
    missing_codes = sorted(c for c in codes if c not in words)
    print("%d runs: %d distinct keys, %d anomaly codes" %
          (runs, len(keys), len(codes)))
    for k in missing:
        print("UNDOCUMENTED KEY: %s (seen under %s)" % (k, keys[k]))
    for c in missing_codes:
        print("UNDOCUMENTED ANOMALY CODE: %s" % c)
    return 1 if missing or missing_codes else 0


if __name__ == "__main__":
    sys.exit(main())
