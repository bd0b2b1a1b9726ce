#!/usr/bin/env python3
"""Deterministic instruction counts per operation, from callgrind.

Runs saddr_icount under `valgrind --tool=callgrind --collect-atstart=no`.
The driver switches collection on around each op's fixed-iteration loop and
dumps the counters under the op's name; this script reads the dumps and
writes, per op, the instructions per iteration as JSON:

  {"tool": "callgrind", "entries": 65536,
   "ops": {"ipv4_addr/saddr": {"instructions": N, "iterations": I,
                               "per_op": N / I}, ...}}

Usage: icount.py DRIVER OUT.json [--entries N] [OP...]
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def parse_dump(path):
    """Returns (trigger name, total Ir) of one callgrind dump file."""
    name, total = None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"desc: Trigger: Client Request: (.*)$", line)
            if m:
                name = m.group(1).strip()
            m = re.match(r"(?:totals|summary): (\d+)", line)
            if m:
                total = int(m.group(1))
    return name, total


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    driver, out_path, rest = argv[1], argv[2], argv[3:]
    with tempfile.TemporaryDirectory(prefix="saddr-icount-") as tmp:
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
               "--callgrind-out-file=" + os.path.join(tmp, "cg.out"),
               driver] + rest
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            print("icount: the driver failed (exit %d)" % proc.returncode,
                  file=sys.stderr)
            return 1
        iters = {}
        entries = None
        for line in proc.stdout.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "icount":
                iters[parts[1]] = int(parts[2])
        for i, arg in enumerate(rest):
            if arg == "--entries" and i + 1 < len(rest):
                entries = int(rest[i + 1])
        totals = {}
        for fname in os.listdir(tmp):
            name, total = parse_dump(os.path.join(tmp, fname))
            if name is not None and total is not None:
                totals[name] = total
    ops = {}
    for name, n in iters.items():
        if name not in totals:
            print("icount: no callgrind dump for %s" % name, file=sys.stderr)
            return 1
        ops[name] = {"instructions": totals[name], "iterations": n,
                     "per_op": round(totals[name] / n, 2)}
    result = {"tool": "callgrind", "entries": entries or 65536, "ops": ops}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    for name in sorted(ops):
        print("%-36s %10.1f instructions/op" % (name, ops[name]["per_op"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
