#!/usr/bin/env python3
"""Instruction-count regression gate.

Compares an icount.py result with bench/baseline.json and prints a table.
Exits 1 when a gated op (every saddr op in the baseline) needs more than
`tolerance` (3 %) more instructions per operation than its accepted count,
or when a gated op is missing from the result; exits 0 otherwise. Anchor
ops (glibc, raw syscalls) are printed for context and never gate.

Usage:
  compare.py BASELINE.json RESULT.json            gate and print
  compare.py BASELINE.json RESULT.json --update   accept RESULT as baseline

Re-baseline deliberately, in the commit that explains why the counts moved.
"""
import json
import sys


def is_saddr(name):
    return name.endswith("/saddr")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def update(baseline_path, baseline, result):
    ops = {n: v["per_op"] for n, v in result["ops"].items() if is_saddr(n)}
    anchors = {n: v["per_op"] for n, v in result["ops"].items()
               if not is_saddr(n)}
    baseline["ops"] = dict(sorted(ops.items()))
    baseline["anchors"] = dict(sorted(anchors.items()))
    baseline["entries"] = result.get("entries")
    with open(baseline_path, "w", encoding="utf-8") as f:
        json.dump(baseline, f, indent=2)
        f.write("\n")
    print("baseline updated: %d gated ops" % len(ops))
    return 0


def gate(baseline, result):
    tol = float(baseline.get("tolerance", 0.03))
    cur = {n: v["per_op"] for n, v in result["ops"].items()}
    failed = 0
    rows = []
    for name, base in sorted(baseline["ops"].items()):
        now = cur.get(name)
        if now is None:
            rows.append((name, base, None, None, "FAIL: missing"))
            failed += 1
            continue
        delta = (now - base) / base if base else 0.0
        if delta > tol:
            verdict = "FAIL"
            failed += 1
        elif delta < -tol:
            verdict = "better (re-baseline)"
        else:
            verdict = "ok"
        rows.append((name, base, now, delta, verdict))
    for name in sorted(cur):
        if is_saddr(name) and name not in baseline["ops"]:
            rows.append((name, None, cur[name], None, "new (not gated)"))
    for name in sorted(cur):
        if not is_saddr(name):
            base = baseline.get("anchors", {}).get(name)
            delta = (cur[name] - base) / base if base else None
            rows.append((name, base, cur[name], delta, "anchor"))

    def fmt(v, spec):
        return format(v, spec) if v is not None else "-"

    print("%-36s %12s %12s %9s  %s" %
          ("operation", "baseline", "now", "change", "verdict"))
    for name, base, now, delta, verdict in rows:
        print("%-36s %12s %12s %9s  %s" %
              (name, fmt(base, ".1f"), fmt(now, ".1f"),
               fmt(delta * 100 if delta is not None else None, "+.2f") +
               ("%" if delta is not None else ""), verdict))
    print("instructions per operation (callgrind); tolerance +%.0f%%: %s" %
          (tol * 100, "FAILED (%d)" % failed if failed else "passed"))
    return 1 if failed else 0


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--update"):
        print(__doc__, file=sys.stderr)
        return 2
    baseline, result = load(argv[1]), load(argv[2])
    if len(argv) == 4:
        return update(argv[1], baseline, result)
    return gate(baseline, result)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
