#!/usr/bin/env python3
"""Compares two instruction-count results, operation by operation.

A result is what bench/icount.py writes ({"ops": {name: {"per_op": N}}})
or the committed bench/baseline.json ({"ops": {name: N}}). Only saddr's own
operations (names ending in /saddr) are gated; the glibc and raw-syscall
anchors are printed for context. An operation fails when the change needs
more instructions per operation than the base by more than its threshold
(bench/gate-thresholds.json: a default, and wider limits where the count
moves for reasons outside saddr), or when it disappeared.

Usage:
  compare.py BASE.json CHANGE.json [--thresholds FILE] [--base-label TEXT]
             [--change-label TEXT]
Exit status: 0 when every gated operation is within its threshold, 1 when
one is not, 2 on bad usage. bench/gate.py, the gate CI runs, builds both
sides itself and calls this module.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_THRESHOLDS = os.path.join(HERE, "gate-thresholds.json")


def is_saddr(name):
    return name.endswith("/saddr")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def per_op(doc):
    """{name: instructions per operation} of a result or a baseline."""
    ops = dict(doc.get("ops", {}))
    ops.update(doc.get("anchors", {}))
    return {n: (v["per_op"] if isinstance(v, dict) else float(v))
            for n, v in ops.items()}


def load_thresholds(path=None):
    doc = load(path or DEFAULT_THRESHOLDS)
    return float(doc["default"]), {n: float(v) for n, v in
                                   doc.get("ops", {}).items()}


def compare(base, change, thresholds):
    """Returns (rows, failures): a row is (name, base, change, delta,
    threshold, verdict); failures lists the rows that fail."""
    default, per = thresholds
    rows, failures = [], []
    for name in sorted(n for n in base if is_saddr(n)):
        limit = per.get(name, default)
        b, c = base[name], change.get(name)
        if c is None:
            row = (name, b, None, None, limit, "FAIL: gone from the change")
            failures.append(row)
        else:
            delta = (c - b) / b if b else 0.0
            if delta > limit:
                verdict = "FAIL: over the threshold"
            elif delta < -limit:
                verdict = "ok, fewer instructions"
            else:
                verdict = "ok"
            row = (name, b, c, delta, limit, verdict)
            if verdict.startswith("FAIL"):
                failures.append(row)
        rows.append(row)
    for name in sorted(n for n in change if is_saddr(n) and n not in base):
        rows.append((name, None, change[name], None, None,
                     "new operation (no base to compare)"))
    for name in sorted(n for n in change if not is_saddr(n)):
        b = base.get(name)
        delta = (change[name] - b) / b if b else None
        rows.append((name, b, change[name], delta, None, "anchor, not gated"))
    return rows, failures


def print_table(rows, base_label, change_label):
    def fmt(v, spec, suffix=""):
        return format(v, spec) + suffix if v is not None else "-"

    print("%-32s %11s %11s %9s %9s  %s" %
          ("operation (instructions/op)", base_label[:11], change_label[:11],
           "change", "threshold", "verdict"))
    for name, b, c, delta, limit, verdict in rows:
        print("%-32s %11s %11s %9s %9s  %s" %
              (name, fmt(b, ".1f"), fmt(c, ".1f"),
               fmt(delta * 100 if delta is not None else None, "+.2f", "%"),
               fmt(limit * 100 if limit is not None else None, ".0f", "%"),
               verdict))


def main(argv):
    args, opts = [], {}
    it = iter(argv[1:])
    for a in it:
        if a in ("--thresholds", "--base-label", "--change-label"):
            opts[a] = next(it, None)
        elif a.startswith("--"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            args.append(a)
    if len(args) != 2 or None in opts.values():
        print(__doc__, file=sys.stderr)
        return 2
    base, change = per_op(load(args[0])), per_op(load(args[1]))
    rows, failures = compare(base, change,
                             load_thresholds(opts.get("--thresholds")))
    print_table(rows, opts.get("--base-label", "base"),
                opts.get("--change-label", "change"))
    if failures:
        print("compare: FAILED, %d operation(s) over their threshold" %
              len(failures))
        return 1
    print("compare: passed, %d operations within their thresholds" %
          sum(1 for n in base if is_saddr(n)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
