#!/usr/bin/env python3
"""cutpcap: damage a capture the way a late start or a lost packet does.

usage: cutpcap.py start|gap N IN OUT

  start N   in every TCP connection, drop each packet up to and including
            the connection's Nth packet carrying payload (the SYN goes too):
            the capture begins inside the conversation
  gap N     in every TCP connection, drop the Nth packet carrying payload,
            nothing else: a hole in one direction

tshark lists the packets (any link type, tunnels, pcapng) and editcap drops
them; the expectation for the result is what tshark then dissects
(../shared/tools/tshark-truth), not what tlshake made of the original.
Exits 3 when there is nothing to test: no packet would be dropped, or
editcap cannot write the capture (e.g. a pcapng block it cannot copy).
"""
import subprocess
import sys


def tcp_frames(path):
    """(frame, stream, payload length) of each TCP packet, outermost TCP."""
    p = subprocess.run(["tshark", "-n", "-r", path, "-Y", "tcp", "-T",
                        "fields", "-E", "occurrence=f", "-e", "frame.number",
                        "-e", "tcp.stream", "-e", "tcp.len"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       check=False)
    for line in p.stdout.decode().splitlines():
        f = line.split("\t")
        if len(f) == 3 and all(f):
            yield int(f[0]), int(f[1]), int(f[2])


def main(argv):
    if len(argv) != 4 or argv[0] not in ("start", "gap"):
        sys.stderr.write(__doc__)
        return 2
    mode, n, src, dst = argv[0], int(argv[1]), argv[2], argv[3]
    frames = list(tcp_frames(src))
    nth = {}                    # stream -> frame of its Nth payload packet
    seen = {}
    for fr, st, ln in frames:
        if ln > 0:
            seen[st] = seen.get(st, 0) + 1
            if seen[st] == n:
                nth[st] = fr
    drop = []
    for fr, st, _ in frames:
        if st not in nth:
            continue
        if (mode == "start" and fr <= nth[st]) or fr == nth[st]:
            drop.append(fr)
    if not drop:
        return 3
    ranges = []                 # editcap takes a few hundred selections
    for f in drop:
        if ranges and ranges[-1][1] == f - 1:
            ranges[-1][1] = f
        else:
            ranges.append([f, f])
    p = subprocess.run(["editcap", src, dst] +
                       ["%d-%d" % (a, b) for a, b in ranges],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
    return 0 if p.returncode == 0 else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
