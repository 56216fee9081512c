#!/usr/bin/env python3
"""ecsfields.py TLSHAKE FIELDS.TSV PUBLIC_DIR KNOWN_FP MAN5 [PCAP...]

Runs tlshake --ecs over every capture of the public corpus (and the ones
named), and checks:
- every field written (nested objects flattened to dotted names) is in
  the ECS field list FIELDS.TSV with a value of a compatible type, or is
  under "tlshake.";
- the ECS values that tshark also reports agree with its truth files
  (FILE.truth.jsonl): for the first ClientHello and ServerHello of each
  client/server address pair, tls.client.ja3, tls.server.ja3s,
  tls.client.server_name and the chosen suite (tlshake.tls.cipher_id).
"""
import datetime
import glob
import ipaddress
import json
import os
import re
import subprocess
import sys

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")


def ok_type(t, v):
    """Is the JSON value v (a leaf, or each element of a list) of ECS type t?"""
    if isinstance(v, list):
        return len(v) > 0 and all(ok_type(t, x) for x in v)
    if t in ("keyword", "wildcard", "text", "match_only_text",
             "constant_keyword"):
        return isinstance(v, str)
    if t == "long":
        return isinstance(v, int) and not isinstance(v, bool)
    if t in ("float", "scaled_float", "double"):
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "date":
        if not isinstance(v, str) or not ISO.match(v):
            return False
        datetime.datetime.strptime(v[:19], "%Y-%m-%dT%H:%M:%S")
        return True
    if t == "ip":
        if not isinstance(v, str):
            return False
        try:
            ipaddress.ip_address(v)
        except ValueError:
            return False
        return True
    return False


def flatten(obj, prefix, out):
    for k, v in obj.items():
        name = prefix + k
        if isinstance(v, dict):
            flatten(v, name + ".", out)
        else:
            out.append((name, v))


def man_fields(path):
    """The field names of the ECS section's ".It Li a , b" lines: a name
    without a dot is a sibling of the first; "x.*" covers all under x."""
    names, prefixes, on = set(), [], False
    with open(path) as f:
        for line in f:
            if line.startswith(".Sh "):
                on = line.strip() == ".Sh ECS"
            if not on or not line.startswith(".It Li "):
                continue
            items = [x.strip() for x in line[7:].split(" , ")]
            parent = items[0].rsplit(".", 1)[0] + "."
            for i, x in enumerate(items):
                x = x.replace("Li ", "").strip()
                full = x if i == 0 or "." in x else parent + x
                if full.endswith(".*"):
                    prefixes.append(full[:-1])
                else:
                    names.add(full)
    return names, prefixes


def endpoint(doc, side):
    e = doc.get(side, {})
    ip = e.get("ip", "")
    return ("[%s]:%d" if ":" in ip else "%s:%d") % (ip, e.get("port", 0))


def main():
    tlshake, fields_tsv, public, known_fp, man5 = sys.argv[1:6]
    extra = sys.argv[6:]
    documented, prefixes = man_fields(man5)
    known = set()
    with open(known_fp) as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and not line.startswith("#"):
                known.add((cols[0], cols[1], cols[2]))
    types = {}
    with open(fields_tsv) as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            types[cols[0]] = cols[1]
    caps = sorted(p for p in glob.glob(os.path.join(public, "*"))
                  if p.endswith((".pcap", ".pcapng"))) + extra
    bad, seen, docs, agree, disagree = [], {}, 0, 0, []
    for cap in caps:
        args = [tlshake, "--ecs", "--no-verify", "-r", cap]
        keys = cap.rsplit(".", 1)[0] + ".keys"
        if os.path.exists(keys):
            args[1:1] = ["--keylog", keys]
        p = subprocess.run(args, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        if p.returncode not in (0, 3):
            bad.append("%s: exit %d" % (cap, p.returncode))
            continue
        mine = {}
        for line in p.stdout.decode().splitlines():
            doc = json.loads(line)
            docs += 1
            for k in ("@timestamp", "ecs", "event"):
                if k not in doc:
                    bad.append("%s: a document without %s" % (cap, k))
            flat = []
            flatten(doc, "", flat)
            for name, v in flat:
                seen[name] = seen.get(name, 0) + 1
                if name.startswith("tlshake."):
                    continue
                t = types.get(name)
                if t is None:
                    bad.append("%s: %s is not an ECS field" % (cap, name))
                elif not ok_type(t, v):
                    bad.append("%s: %s=%r is not of ECS type %s"
                               % (cap, name, v, t))
            mine.setdefault((endpoint(doc, "source"),
                             endpoint(doc, "destination")), doc)
        truth = cap + ".truth.jsonl"
        if not os.path.exists(truth):
            continue
        first = {}
        with open(truth) as f:
            for line in f:
                m = json.loads(line)
                if m.get("transport") != "tcp":
                    continue
                if m.get("hs_type_name") == "client_hello":
                    first.setdefault(("ch", m["src"], m["dst"]), m)
                elif m.get("hs_type_name") == "server_hello":
                    first.setdefault(("sh", m["dst"], m["src"]), m)
        for (kind, cli, srv), m in first.items():
            doc = mine.get((cli, srv))
            if doc is None:
                continue
            tls = doc.get("tls", {})
            if kind == "ch":
                pairs = [("tls.client.ja3", m.get("ja3"),
                          tls.get("client", {}).get("ja3")),
                         ("tls.client.server_name", m.get("sni"),
                          tls.get("client", {}).get("server_name"))]
            else:
                pairs = [("tls.server.ja3s", m.get("ja3s"),
                          tls.get("server", {}).get("ja3s")),
                         ("tlshake.tls.cipher_id", m.get("ciphersuite"),
                          doc.get("tlshake", {}).get("tls", {})
                          .get("cipher_id"))]
            for name, want, got in pairs:
                if want is None or (os.path.basename(cap), str(m["frame"]),
                                    name.rsplit(".", 1)[1]) in known:
                    continue
                if want == got:
                    agree += 1
                else:
                    disagree.append("%s %s->%s: %s: tshark %r, --ecs %r"
                                    % (os.path.basename(cap), cli, srv,
                                       name, want, got))
    for name in sorted(seen):
        if name not in documented and not any(name.startswith(p)
                                               for p in prefixes):
            bad.append("%s is not in the ECS section of %s" % (name, man5))
    for b in bad[:40]:
        print("FAIL:", b)
    for d in disagree[:40]:
        print("DIFFER:", d)
    print("%d captures, %d documents, %d distinct fields (%d under "
          "tlshake.), %d values agree with tshark, %d differ"
          % (len(caps), docs, len(seen),
             sum(1 for n in seen if n.startswith("tlshake.")), agree,
             len(disagree)))
    ecs = sorted(n for n in seen if not n.startswith("tlshake."))
    print("ECS fields written:", " ".join(ecs))
    if docs == 0 or agree == 0:
        print("FAIL: nothing was checked")
        return 1
    return 1 if bad or disagree else 0


if __name__ == "__main__":
    sys.exit(main())
