#!/usr/bin/env python3
"""Turns saddr's raw benchmark results into the SPEC §7 verdicts.

Reads a results directory written by bench/run-all.sh:
  gb_round_*.json   Google Benchmark JSON, one file per round (one process)
  icount.json       bench/icount.py output
  alloc.json        {"passed": bool, "output": "..."} from saddr_alloc_check
  dns_*.json        saddr_dnsload output, one file per repetition
and writes
  SUMMARY.json      every ratio with its target and verdict
  DOC.md            docs/benchmarks.md
  CHART.svg         speed-up of every timed target, log scale (gnuplot)

Ratios: within each round, anchor time / saddr time (CPU time per op, so
that time spent descheduled on this shared machine does not count; an op's
time in a round is the median of its repetitions there); the reported
ratio is the median over rounds, as the perf anchors do.

Usage: render.py RESULTS_DIR SUMMARY.json DOC.md CHART.svg [--ratios-only]
--ratios-only prints the wall-clock ratio table and writes nothing (CI).
"""
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile

# (id, what, numerator op, denominator op, target, sense, chart label):
# ratio = time(num) / time(den), a speed-up when sense is ">=" and a
# slowdown bounded from above when it is "<=".
TIMED = [
    ("P1", "IPv4 host:port -> sockaddr_in vs inet_pton (address only)",
     "ipv4_hostport/inet_pton", "ipv4_hostport/saddr", 2.5, ">=",
     "v4 host:port vs inet_pton"),
    ("P1", "IPv4 host:port -> sockaddr_in vs getaddrinfo(NUMERIC)",
     "ipv4_hostport/getaddrinfo", "ipv4_hostport/saddr", 8.0, ">=",
     "v4 host:port vs gai"),
    ("P3", "[v6]:port -> sockaddr_in6 vs getaddrinfo(NUMERICHOST)",
     "ipv6_hostport/getaddrinfo", "ipv6_hostport/saddr", 4.0, ">=",
     "[v6]:port vs gai"),
    ("P3", "IPv6 address only vs inet_pton(AF_INET6)",
     "ipv6_addr/inet_pton", "ipv6_addr/saddr", 3.0, ">=",
     "v6 addr vs inet_pton"),
    ("P4", "numeric zone [fe80::...%2]:port vs getaddrinfo",
     "ipv6_zone/getaddrinfo", "ipv6_zone/saddr", 50.0, ">=",
     "zone vs gai"),
    ("P5", "tuple ('a.b.c.d', port) time / compact a.b.c.d:port time",
     "tuple_inet/saddr", "ipv4_hostport/saddr", 1.3, "<=",
     "compact vs tuple"),
    ("P6", "wildcard *:80 vs getaddrinfo(NULL, \"80\", AI_PASSIVE, AF_UNSPEC)",
     "wildcard/getaddrinfo", "wildcard/saddr", 1000.0, ">=",
     "wildcard vs gai"),
    ("P8", "bind helper time / raw socket+setsockopt+bind+listen+close",
     "bind_tcp4/saddr", "bind_tcp4/raw", 1.02, "<=",
     "raw bind vs helper"),
]

# Context rows: measured in the same runs, no SPEC target.
CONTEXT = [
    ("IPv4 address only vs inet_pton", "ipv4_addr/inet_pton",
     "ipv4_addr/saddr"),
    ("fixed 192.0.2.1:80 vs getaddrinfo(NUMERIC)",
     "ipv4_hostport_fixed/getaddrinfo", "ipv4_hostport_fixed/saddr"),
    ("localhost:80 vs getaddrinfo(\"localhost\")", "localhost/getaddrinfo",
     "localhost/saddr"),
    ("format sockaddr_in6 (compact [v6]:port) vs inet_ntop (address only)",
     "format_ipv6/inet_ntop", "format_ipv6/saddr"),
]


def load_rounds(results):
    """Returns [{op: cpu ns}] per round (the median of the op's repetitions
    in that round) and the ops that reported errors."""
    rounds, errors = [], {}
    for path in sorted(glob.glob(os.path.join(results, "gb_round_*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        reps = {}
        for b in doc.get("benchmarks", []):
            name = b.get("run_name", b["name"])
            if b.get("error_occurred"):
                errors[name] = b.get("error_message", "error")
            elif b.get("run_type", "iteration") == "iteration":
                reps.setdefault(name, []).append(b["cpu_time"])
        rounds.append({k: statistics.median(v) for k, v in reps.items()})
    return rounds, errors


def median_ratio(rounds, num, den):
    vals = [r[num] / r[den] for r in rounds if num in r and den in r and
            r[den] > 0]
    return (statistics.median(vals), len(vals)) if vals else (None, 0)


def median_time(rounds, op):
    vals = [r[op] for r in rounds if op in r]
    return statistics.median(vals) if vals else None


def verdict(value, target, sense):
    if value is None:
        return "not measured"
    ok = value >= target if sense == ">=" else value <= target
    return "met" if ok else "MISSED"


def timed_rows(rounds, errors):
    rows = []
    for pid, label, num, den, target, sense, short in TIMED:
        value, n = median_ratio(rounds, num, den)
        why = errors.get(num) or errors.get(den)
        if value is None and not why:
            why = "benchmark %s not registered in this build" % (
                den if not any(den in r for r in rounds) else num)
        rows.append({"id": pid, "what": label, "value": value,
                     "target": target, "sense": sense, "rounds": n,
                     "unit": "x", "num": num, "den": den,
                     "short": short,
                     "num_ns": median_time(rounds, num),
                     "den_ns": median_time(rounds, den),
                     "verdict": verdict(value, target, sense),
                     "note": why or ""})
    return rows


def icount_row(results):
    path = os.path.join(results, "icount.json")
    row = {"id": "P2", "what": "IPv4 address only: instructions per address "
           "(callgrind)", "target": 100.0, "sense": "<=", "unit": "instr",
           "value": None, "note": ""}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            ops = json.load(f)["ops"]
        if "ipv4_addr/saddr" in ops:
            row["value"] = ops["ipv4_addr/saddr"]["per_op"]
        if "ipv4_addr/inet_pton" in ops:
            row["note"] = "glibc inet_pton: %.0f" % \
                ops["ipv4_addr/inet_pton"]["per_op"]
    row["verdict"] = verdict(row["value"], 100.0, "<=")
    return row


def alloc_row(results):
    path = os.path.join(results, "alloc.json")
    row = {"id": "P7", "what": "numeric, wildcard and non-IP paths: heap "
           "allocations (counting allocator)", "target": 0, "sense": "<=",
           "unit": "allocs", "value": None, "note": ""}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        row["value"] = 0 if doc["passed"] else None
        lines = doc["output"].strip().splitlines()
        row["note"] = lines[-1] if lines else ""
        if not doc["passed"]:
            row["note"] = "; ".join(l for l in lines if "alloc" in l or
                                    "status" in l)[:300] or row["note"]
    row["verdict"] = "met" if row["value"] == 0 else (
        "MISSED" if os.path.exists(path) else "not measured")
    return row


def dns_rows(results):
    docs = []
    for path in sorted(glob.glob(os.path.join(results, "dns_*.json"))):
        with open(path, encoding="utf-8") as f:
            docs.append(json.load(f))

    def per_doc(fn):
        vals = [v for v in (fn(d) for d in docs) if v is not None]
        return (statistics.median(vals), len(vals)) if vals else (None, 0)

    def run(d, client, inflight):
        for r in d["runs"]:
            if r.get("client") == client and r.get("inflight") == inflight \
                    and "qps" in r:
                return r
        return None

    def ratio(d, a, b, key):
        ra, rb = run(d, *a), run(d, *b)
        if ra and rb and rb[key] > 0:
            return ra[key] / rb[key]
        return None

    specs = [
        ("P9", "names at 16 in flight: queries/s vs 16-thread getaddrinfo "
         "pool", lambda d: ratio(d, ("saddr", 16), ("getaddrinfo_pool", 16),
                                 "qps"), 1.2, ">=", "x", "dns qps vs pool"),
        ("P9", "names at 16 in flight: client CPU per query vs the pool",
         lambda d: ratio(d, ("saddr", 16), ("getaddrinfo_pool", 16),
                         "client_cpu_us_per_q"), 0.6, "<=", "x",
         "dns CPU/q vs pool"),
        ("P9", "256 requested in flight: queries/s vs 16 in flight",
         lambda d: ratio(d, ("saddr", 256), ("saddr", 16), "qps"), 0.9, ">=",
         "x", "dns qps 256 vs 16"),
        ("P9", "cache hit", lambda d: d.get("cache_hit", {}).get("ns") or
         None, 200.0, "<=", "ns", "cache hit"),
    ]
    rows = []
    for pid, what, fn, target, sense, unit, short in specs:
        value, n = per_doc(fn)
        rows.append({"id": pid, "what": what, "value": value, "short": short,
                     "target": target, "sense": sense, "unit": unit,
                     "rounds": n, "verdict": verdict(value, target, sense),
                     "note": "" if docs else "no DNS results"})
    return rows, docs


def fmt_value(row):
    v = row["value"]
    if v is None:
        return "-"
    if row["unit"] == "x":
        return "%.2f×" % v if v < 100 else "%.0f×" % v
    if row["unit"] == "ns":
        return "%.0f ns" % v
    return "%.1f" % v if isinstance(v, float) else str(v)


def fmt_target(row):
    t = row["target"]
    unit = {"x": "×", "ns": " ns", "instr": " instr", "allocs": ""}[row["unit"]]
    num = ("%.2f" % t).rstrip("0").rstrip(".") if isinstance(t, float) \
        else str(t)
    return "%s %s%s" % ("≥" if row["sense"] == ">=" else "≤", num, unit)


def dns_table(docs):
    if not docs:
        return ["No DNS results."]
    lines = ["| client | in flight | queries/s | p50 µs | p99 µs | p99.9 µs |"
             " client CPU µs/q | dnsmasq CPU µs/q |",
             "|---|---|---|---|---|---|---|---|"]
    keys = []
    for r in docs[0]["runs"]:
        keys.append((r.get("client"), r.get("inflight")))
    for client, inflight in keys:
        runs = [r for d in docs for r in d["runs"]
                if r.get("client") == client and r.get("inflight") == inflight]
        if not runs or "qps" not in runs[0]:
            why = runs[0].get("skipped", "not run") if runs else "not run"
            lines.append("| %s | %s | skipped: %s | | | | | |" %
                         (client, inflight, why))
            continue

        def med(k):
            return statistics.median(r[k] for r in runs)
        lines.append("| %s | %s | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f |" %
                     (client, inflight, med("qps"), med("p50_us"),
                      med("p99_us"), med("p999_us"),
                      med("client_cpu_us_per_q"), med("server_cpu_us_per_q")))
    hits = [d["cache_hit"]["ns"] for d in docs if d.get("cache_hit")]
    if hits:
        lines.append("")
        lines.append("saddr cache hit (saddr_resolve answered from the "
                     "cache, result allocated and freed): %.0f ns median of "
                     "%d repetitions." % (statistics.median(hits), len(hits)))
    return lines


def render_chart(rows, chart):
    timed = [r for r in rows if r["unit"] == "x" and r["value"] is not None]
    if not timed:
        return False
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as f:
        for k, r in enumerate(timed):
            # Speed-up bars: ratios whose target is an upper bound are
            # slowdowns, so plot their inverse against the inverse target.
            inv = r["sense"] == "<="
            v = 1 / r["value"] if inv else r["value"]
            t = 1 / r["target"] if inv else r["target"]
            f.write('%d "%s %s" %g %g %d\n' % (k, r["id"], r["short"], v, t,
                                              r["verdict"] == "met"))
        data = f.name
    script = """
set terminal svg size 960,480 dynamic noenhanced font "sans,11"
set output '%s'
set title "saddr vs anchors (SPEC §7): speed-up, median of rounds; bars green = target met"
set logscale y
set yrange [0.1:10000]
set ylabel "speed-up over the anchor (×, log)"
set style fill solid 0.8 border -1
set boxwidth 0.6
set xtics rotate by -30
set key top left
set grid ytics
plot '%s' using 1:3:($5 > 0 ? 0x4caf50 : 0xe53935):xtic(2) with boxes lc rgb variable title 'measured', \\
     '' using 1:4 with points pt 9 ps 1.5 lc rgb "black" title 'target'
""" % (chart, data)
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    finally:
        os.unlink(data)
    return True


def context_lines(rounds):
    lines = []
    for label, num, den in CONTEXT:
        v, n = median_ratio(rounds, num, den)
        if v is not None:
            lines.append("- %s: %.2f× (%s %.1f ns, %s %.1f ns)" %
                         (label, v, num, median_time(rounds, num), den,
                          median_time(rounds, den)))
    return lines


def times_table(rounds):
    ops = sorted({op for r in rounds for op in r})
    lines = ["| benchmark | CPU ns/op (median) | min |", "|---|---|---|"]
    for op in ops:
        vals = [r[op] for r in rounds if op in r]
        lines.append("| `%s` | %.1f | %.1f |" %
                     (op, statistics.median(vals), min(vals)))
    return lines


def write_doc(path, chart, rows, rounds, docs, meta):
    out = []
    out.append("# saddr benchmarks")
    out.append("")
    out.append("Generated by `bench/run-all.sh` (do not edit by hand). "
               "Machine: %s. Load average at the start: %s." %
               (meta.get("machine", "?"), meta.get("load", "?")))
    out.append("")
    out.append("Method: every SPEC §7 target is a ratio measured in one "
               "process against its anchor in the same binary "
               "(`saddr_bench`, Google Benchmark %s), on 1,048,576 random "
               "inputs (octets of 1-3 digits, ports of 1-5 digits; fixed "
               "inputs only where named), %d rounds (one process each, "
               "every benchmark repeated %d times in random order; an "
               "operation's time in a round is the median of its "
               "repetitions); a round's ratio uses CPU time per operation, "
               "and the table shows the median over rounds. Instruction "
               "counts come from "
               "callgrind on a fixed-iteration driver (`saddr_icount`). DNS "
               "figures come from `saddr_dnsload` against a dnsmasq it "
               "starts on loopback (median of %d repetitions). See "
               "[bench/README.md](../bench/README.md) for how to run and read "
               "them." %
               (meta.get("gb_version", "1.7.1"), len(rounds),
                meta.get("repetitions", 1), len(docs)))
    out.append("")
    out.append("| # | what | measured | target | verdict | note |")
    out.append("|---|---|---|---|---|---|")
    for r in rows:
        out.append("| %s | %s | %s | %s | %s | %s |" %
                   (r["id"], r["what"], fmt_value(r), fmt_target(r),
                    r["verdict"], r.get("note", "").replace("|", "/")))
    out.append("")
    out.append("![speed-up per target](%s)" % os.path.basename(chart))
    out.append("")
    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "analysis.md")
    if os.path.exists(analysis):
        with open(analysis, encoding="utf-8") as f:
            out.append(f.read().rstrip("\n"))
        out.append("")
    out.append("## Context (no target)")
    out.append("")
    out += context_lines(rounds) or ["(none measured)"]
    out.append("")
    out.append("## DNS load")
    out.append("")
    out += dns_table(docs)
    out.append("")
    out.append("## Every benchmark")
    out.append("")
    out += times_table(rounds)
    out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def print_ratios(rows):
    print("%-4s %-70s %12s %10s  %s" % ("#", "what", "measured", "target",
                                         "verdict"))
    for r in rows:
        print("%-4s %-70s %12s %10s  %s %s" %
              (r["id"], r["what"][:70], fmt_value(r), fmt_target(r),
               r["verdict"], r.get("note", "")[:60]))


def main(argv):
    ratios_only = "--ratios-only" in argv
    args = [a for a in argv[1:] if a != "--ratios-only"]
    if len(args) != (1 if ratios_only else 4):
        print(__doc__, file=sys.stderr)
        return 2
    results = args[0]
    rounds, errors = load_rounds(results)
    rows = timed_rows(rounds, errors)
    if ratios_only:
        print_ratios(rows)
        return 0
    summary_path, doc_path, chart_path = args[1:]
    rows.append(icount_row(results))
    rows.append(alloc_row(results))
    drows, docs = dns_rows(results)
    rows += drows
    order = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"]
    rows.sort(key=lambda r: order.index(r["id"]))
    meta = {}
    meta_path = os.path.join(results, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
    render_chart(rows, chart_path)
    write_doc(doc_path, chart_path, rows, rounds, docs, meta)
    with open(summary_path, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "targets": rows}, f, indent=2)
        f.write("\n")
    print_ratios(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
