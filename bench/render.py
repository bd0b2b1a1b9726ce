#!/usr/bin/env python3
"""Turns saddr's raw benchmark results into the page docs/benchmarks.md.

Reads a results directory written by bench/run-all.sh:
  gb_round_*.json   Google Benchmark JSON, one file per round (one process)
  icount.json       bench/icount.py output
  alloc.json        {"passed": bool, "output": "..."} from saddr_alloc_check
  dns_*.json        saddr_dnsload output, one file per repetition
  connect.json      saddr_connect_bench output (JSON lines)
and writes
  SUMMARY.json      every measured figure with its target and verdict
  DOC.md            docs/benchmarks.md
  CHART.svg         speed-up over the anchor, one bar per target, drawn from
                    1x up (faster) or down (slower) on a log scale, with
                    its value and the target marked (gnuplot); next to it
                    CHART-cost.svg: the relative costs bounded from above

Ratios: within each round, anchor time / saddr time (CPU time per op, so
that time spent descheduled on this shared machine does not count; an op's
time in a round is the median of its repetitions there); the reported
ratio is the median over rounds, as the perf anchors do.

Usage: render.py RESULTS_DIR SUMMARY.json DOC.md CHART.svg [--ratios-only]
--ratios-only prints the wall-clock ratio table and writes nothing (CI);
it is advisory and says "below target" for a figure that misses one.
"""
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile

# (key, what, numerator op, denominator op, target, sense, chart label):
# ratio = time(num) / time(den): a speed-up when sense is ">=", a relative
# cost bounded from above when it is "<=". Keys name a row in
# bench/results.json; the page says what a row measures in words.
TIMED = [
    ("v4_hostport_vs_inet_pton",
     "IPv4 `a.b.c.d:port` to sockaddr_in, against inet_pton on the address "
     "alone", "ipv4_hostport/inet_pton", "ipv4_hostport/saddr", 2.5, ">=",
     "a.b.c.d:port vs inet_pton"),
    ("v4_hostport_vs_getaddrinfo",
     "IPv4 `a.b.c.d:port` to sockaddr_in, against getaddrinfo "
     "(AI_NUMERICHOST, AI_NUMERICSERV)", "ipv4_hostport/getaddrinfo",
     "ipv4_hostport/saddr", 8.0, ">=", "a.b.c.d:port vs getaddrinfo"),
    ("v6_hostport_vs_getaddrinfo",
     "`[v6]:port` to sockaddr_in6, against getaddrinfo (AI_NUMERICHOST)",
     "ipv6_hostport/getaddrinfo", "ipv6_hostport/saddr", 4.0, ">=",
     "[v6]:port vs getaddrinfo"),
    ("v6_addr_vs_inet_pton",
     "IPv6 address alone, against inet_pton(AF_INET6)",
     "ipv6_addr/inet_pton", "ipv6_addr/saddr", 3.0, ">=",
     "v6 address vs inet_pton"),
    ("zone_vs_getaddrinfo",
     "numeric zone `[fe80::…%2]:port`, against getaddrinfo",
     "ipv6_zone/getaddrinfo", "ipv6_zone/saddr", 50.0, ">=",
     "[v6%2]:port vs getaddrinfo"),
    ("tuple_vs_compact",
     "tuple `('a.b.c.d', port)`: its time relative to the compact "
     "`a.b.c.d:port`", "tuple_inet/saddr", "ipv4_hostport/saddr", 1.3, "<=",
     "tuple / compact"),
    ("wildcard_vs_getaddrinfo",
     "wildcard `*:80`, against getaddrinfo(NULL, \"80\", AI_PASSIVE) with "
     "AF_UNSPEC", "wildcard/getaddrinfo", "wildcard/saddr", 1000.0, ">=",
     "*:80 vs getaddrinfo"),
]

# Relative costs measured by saddr_connect_bench, the two sides alternating
# call by call (their rows come from connect.json): key -> chart label.
PAIRED = {"bind_vs_raw": "bind helper / raw",
          "connect_vs_raw": "connect helper / raw"}

# Context rows: measured in the same runs, no target.
CONTEXT = [
    ("IPv4 address alone vs inet_pton", "ipv4_addr/inet_pton",
     "ipv4_addr/saddr"),
    ("fixed 192.0.2.1:80 vs getaddrinfo (numeric)",
     "ipv4_hostport_fixed/getaddrinfo", "ipv4_hostport_fixed/saddr"),
    ("localhost:80 vs getaddrinfo(\"localhost\")", "localhost/getaddrinfo",
     "localhost/saddr"),
    ("format sockaddr_in6 (compact [v6]:port) vs inet_ntop (address only)",
     "format_ipv6/inet_ntop", "format_ipv6/saddr"),
]

# The leading table: each saddr operation next to what glibc (or the raw
# system calls) take for the same job, in the same processes.
TIMES = [
    ("IPv4 address alone", "1M random", "ipv4_addr/saddr",
     [("inet_pton(AF_INET)", "ipv4_addr/inet_pton")]),
    ("IPv4 `a.b.c.d:port` to sockaddr_in", "1M random",
     "ipv4_hostport/saddr",
     [("inet_pton, address alone", "ipv4_hostport/inet_pton"),
      ("getaddrinfo, numeric", "ipv4_hostport/getaddrinfo")]),
    ("`192.0.2.1:80` to sockaddr_in", "fixed", "ipv4_hostport_fixed/saddr",
     [("getaddrinfo, numeric", "ipv4_hostport_fixed/getaddrinfo")]),
    ("IPv6 address alone", "1M random", "ipv6_addr/saddr",
     [("inet_pton(AF_INET6)", "ipv6_addr/inet_pton")]),
    ("`[v6]:port` to sockaddr_in6", "1M random", "ipv6_hostport/saddr",
     [("getaddrinfo, numeric", "ipv6_hostport/getaddrinfo")]),
    ("`[fe80::…%2]:port`, numeric zone", "1M random", "ipv6_zone/saddr",
     [("getaddrinfo", "ipv6_zone/getaddrinfo")]),
    ("`('a.b.c.d', port)`, tuple", "1M random", "tuple_inet/saddr", []),
    ("`*:80`, wildcard", "fixed", "wildcard/saddr",
     [("getaddrinfo(NULL, AI_PASSIVE)", "wildcard/getaddrinfo")]),
    ("`localhost:80`", "fixed", "localhost/saddr",
     [("getaddrinfo, /etc/hosts", "localhost/getaddrinfo")]),
    ("format `[v6]:port`", "1M random", "format_ipv6/saddr",
     [("inet_ntop, address alone", "format_ipv6/inet_ntop")]),
    ("bind `0.0.0.0:0` and listen", "fixed", "bind_tcp4/saddr",
     [("raw system calls", "bind_tcp4/raw")]),
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


def ratio_range(rounds, num, den):
    vals = [r[num] / r[den] for r in rounds if num in r and den in r and
            r[den] > 0]
    return (min(vals), max(vals)) if vals else None


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
    return "met" if ok else "below target"


def timed_rows(rounds, errors):
    rows = []
    for key, label, num, den, target, sense, short in TIMED:
        value, n = median_ratio(rounds, num, den)
        why = errors.get(num) or errors.get(den)
        if value is None and not why:
            why = "benchmark %s not registered in this build" % (
                den if not any(den in r for r in rounds) else num)
        rows.append({"key": key, "what": label, "value": value,
                     "target": target, "sense": sense, "rounds": n,
                     "unit": "x", "num": num, "den": den, "short": short,
                     "num_ns": median_time(rounds, num),
                     "den_ns": median_time(rounds, den),
                     "verdict": verdict(value, target, sense),
                     "range": ratio_range(rounds, num, den),
                     "note": why or ""})
    return rows


def icount_row(results):
    path = os.path.join(results, "icount.json")
    row = {"key": "v4_addr_instructions",
           "what": "IPv4 address alone: instructions per address (callgrind)",
           "target": 100.0, "sense": "<=", "unit": "instr", "value": None,
           "note": ""}
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
    row = {"key": "heap_allocations",
           "what": "heap allocations on the numeric, wildcard and non-IP "
           "paths (counting allocator)", "target": 0, "sense": "<=",
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
        "below target" if os.path.exists(path) else "not measured")
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
        ("dns_qps_vs_pool", "names at 16 in flight: queries/s against a "
         "16-thread getaddrinfo pool",
         lambda d: ratio(d, ("saddr", 16), ("getaddrinfo_pool", 16), "qps"),
         1.2, ">=", "x"),
        ("dns_cpu_vs_pool", "names at 16 in flight: client CPU per query "
         "relative to the pool",
         lambda d: ratio(d, ("saddr", 16), ("getaddrinfo_pool", 16),
                         "client_cpu_us_per_q"), 0.6, "<=", "x"),
        ("dns_256_vs_16", "256 requested in flight: queries/s relative to "
         "16 in flight",
         lambda d: ratio(d, ("saddr", 256), ("saddr", 16), "qps"), 0.9, ">=",
         "x"),
        ("dns_cache_hit", "a name answered from the cache",
         lambda d: d.get("cache_hit", {}).get("ns") or None, 200.0, "<=",
         "ns"),
    ]
    rows = []
    for key, what, fn, target, sense, unit in specs:
        value, n = per_doc(fn)
        rows.append({"key": key, "what": what, "value": value,
                     "target": target, "sense": sense, "unit": unit,
                     "rounds": n, "verdict": verdict(value, target, sense),
                     "note": "" if docs else "no DNS results"})
    return rows, docs


def fmt_value(row):
    v = row["value"]
    if v is None:
        return "-"
    if row["unit"] == "x":
        if v < 100 and ("%.2f" % v) == ("%.2f" % row["target"]):
            return "%.3f×" % v  # two decimals would hide the verdict
        return "%.2f×" % v if v < 100 else "%.0f×" % v
    if row["unit"] == "ns":
        return "%.0f ns" % v
    if row["unit"] == "ms":
        return "%.1f ms" % v
    return "%.1f" % v if isinstance(v, float) else str(v)


def fmt_target(row):
    t = row["target"]
    unit = {"x": "×", "ns": " ns", "ms": " ms", "instr": " instructions",
            "allocs": ""}[row["unit"]]
    num = ("%.2f" % t).rstrip("0").rstrip(".") if isinstance(t, float) \
        else str(t)
    return "%s %s%s" % ("≥" if row["sense"] == ">=" else "≤", num, unit)


def fmt_ns(v):
    if v is None:
        return "-"
    return "%.1f" % v if v < 100 else "{:,.0f}".format(v)


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
                     "cache, result allocated and freed): %.0f ns, median of "
                     "%d repetitions." % (statistics.median(hits), len(hits)))
    return lines


def gnuplot_bars(path, title, ylabel, rows, yrange, log=True):
    """Bars from 1x to each value (up or down; a log scale unless log is
    False), the value as a label, the target as a black bar across, and a
    line at 1x."""
    pad = 1.3 if log else 1.03
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as f:
        for k, r in enumerate(rows):
            v = r["value"]
            label = ("%.2f×" % v) if v < 100 else ("%.0f×" % v)
            # The label clears both the bar's end and the target mark.
            ly = max(v, r["target"], 1.0) * pad if v >= 1 else \
                min(v, r["target"]) / pad
            f.write('%d %g %g %d "%s" %g\n' %
                    (k, v, r["target"], r["verdict"] == "met", label, ly))
        data = f.name
    tics = ", ".join('"%s" %d' % (r["short"].replace(" vs ", "\\nvs ")
                                   .replace(" / ", "\\n/ ")
                                   .replace("%", "%%"), k)
                     for k, r in enumerate(rows))
    lo, hi = yrange
    script = """
set terminal svg size 900,460 dynamic noenhanced font "sans,12"
set output '%s'
set title "%s"
%s
set yrange [%g:%g]
set xrange [-0.6:%g]
set ylabel "%s"
set style fill solid 0.85 border -1
set xtics (%s) nomirror
set ytics nomirror
set grid ytics
set bmargin 5
set key top left horizontal
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 lc rgb "black"
plot '%s' using 1:2:($1-0.3):($1+0.3):(1):2:($4 > 0 ? 0x4caf50 : 0xe53935) \\
       with boxxyerror lc rgb variable title 'measured (green: target met, red: below target)', \\
     '' using ($1-0.4):3:(0.8):(0) with vectors nohead lw 4 lc rgb "black" title 'target', \\
     '' using 1:6:5 with labels notitle
""" % (path, title, "set logscale y" if log else "unset logscale y", lo, hi,
       len(rows) - 0.4, ylabel, tics, data)
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    finally:
        os.unlink(data)


def render_charts(rows, chart):
    """Two charts, one quantity each: speed-ups over an anchor, and relative
    costs (this time over a reference time, lower is better)."""
    speed = [r for r in rows if r["unit"] == "x" and r["value"] is not None
             and r["sense"] == ">=" and r["key"] in
             {k for k, *_ in TIMED}]
    cost = [r for r in rows if r["unit"] == "x" and r["value"] is not None
            and r["sense"] == "<=" and
            r["key"] in {k for k, *_ in TIMED} | set(PAIRED)]
    written = []
    if not shutil_which("gnuplot"):
        print("render: gnuplot not found (Debian: gnuplot-nox): no charts",
              file=sys.stderr)
        return written
    if speed:
        gnuplot_bars(chart, "How many times faster saddr is than the "
                     "glibc call for the same job (median of rounds)",
                     "speed-up (×, log scale; 1× = as fast)", speed,
                     (0.5, 10000))
        written.append(chart)
    if cost:
        cost_chart = chart_cost_path(chart)
        gnuplot_bars(cost_chart, "Time relative to a reference "
                     "(lower is better; target is the upper bound)",
                     "time / reference time (×)", cost, (0.8, 1.45),
                     log=False)
        written.append(cost_chart)
    return written


def chart_cost_path(chart):
    root, ext = os.path.splitext(chart)
    return root + "-cost" + ext


def shutil_which(name):
    import shutil
    return shutil.which(name) is not None


def context_lines(rounds):
    lines = []
    for label, num, den in CONTEXT:
        v, n = median_ratio(rounds, num, den)
        if v is not None:
            lines.append("- %s: %.2f× (%s %s ns, %s %s ns)" %
                         (label, v, num, fmt_ns(median_time(rounds, num)),
                          den, fmt_ns(median_time(rounds, den))))
    return lines


def times_lead_table(rounds):
    lines = ["| operation | input | saddr ns/op | the same job without saddr "
             "| its ns/op | saddr faster by |", "|---|---|---|---|---|---|"]
    for what, inp, op, anchors in TIMES:
        ns = median_time(rounds, op)
        if ns is None:
            continue
        if not anchors:
            lines.append("| %s | %s | %s | | | |" % (what, inp, fmt_ns(ns)))
        for k, (aname, aop) in enumerate(anchors):
            ans = median_time(rounds, aop)
            ratio, _ = median_ratio(rounds, aop, op)
            lines.append("| %s | %s | %s | %s | %s | %s |" %
                         (what if k == 0 else "″", inp if k == 0 else "",
                          fmt_ns(ns) if k == 0 else "", aname, fmt_ns(ans),
                          ("%.2f×" % ratio if ratio < 100 else "%.0f×" %
                           ratio) if ratio else "-"))
    return lines


def times_table(rounds):
    ops = sorted({op for r in rounds for op in r})
    lines = ["| benchmark | CPU ns/op (median of rounds) | fastest round |",
             "|---|---|---|"]
    for op in ops:
        vals = [r[op] for r in rounds if op in r]
        lines.append("| `%s` | %s | %s |" %
                     (op, fmt_ns(statistics.median(vals)), fmt_ns(min(vals))))
    return lines


def write_doc(path, charts, rows, rounds, docs, meta):
    out = ["# saddr benchmarks", ""]
    out.append("Generated by `bench/run-all.sh` (do not edit by hand; the "
               "hand-written analysis comes from `bench/analysis.md`).")
    out.append("")
    out.append("- **CPU: %s**" % meta.get("cpu", meta.get("machine", "?")))
    for k, label in (("system", "system"), ("compiler", "compiler"),
                     ("commit", "commit"), ("date", "date")):
        if meta.get(k):
            out.append("- %s: %s" % (label, meta[k]))
    out.append("- load average when the run started: %s (the machine is "
               "shared; times are CPU time per operation, and every ratio "
               "is taken within one process)" % meta.get("load", "?"))
    out.append("")
    out.append("## Time per operation")
    out.append("")
    out.append("CPU time per operation, median over %d rounds (one process "
               "each; every benchmark repeated %d times in random order, an "
               "operation's time in a round being the median of its "
               "repetitions). Random inputs are 1,048,576 different texts "
               "(octets of 1-3 digits, ports of 1-5 digits), so that the "
               "branch predictor cannot learn them; \"saddr faster by\" is "
               "the median over rounds of the per-round ratio." %
               (len(rounds), meta.get("repetitions", 1)))
    out.append("")
    out += times_lead_table(rounds)
    out.append("")
    out.append("## Names through the resolver (c-ares, loopback DNS server)")
    out.append("")
    out.append("`saddr_dnsload` against a dnsmasq it starts on 127.0.0.1 "
               "(median of %d repetitions)." % len(docs))
    out.append("")
    out += dns_table(docs)
    out.append("")
    out.append("## Targets")
    out.append("")
    out.append("The project's performance targets, each measured as above. "
               "\"below target\" marks a figure that misses its target.")
    out.append("")
    out.append("| what is measured | measured | target | result | "
               "rounds: lowest – highest | note |")
    out.append("|---|---|---|---|---|---|")
    for r in rows:
        rng = r.get("range")
        out.append("| %s | %s | %s | %s | %s | %s |" %
                   (r["what"], fmt_value(r), fmt_target(r), r["verdict"],
                    "%.2f – %.2f" % rng if rng and rng[1] < 100 else
                    ("%.0f – %.0f" % rng if rng else ""),
                    r.get("note", "").replace("|", "/")))
    out.append("")
    for c in charts:
        alt = ("time relative to a reference" if c.endswith("-cost.svg")
               else "speed-up over glibc per operation")
        out.append("![%s](%s)" % (alt, os.path.basename(c)))
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
    out.append("## Every benchmark")
    out.append("")
    out += times_table(rounds)
    out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def print_ratios(rows):
    print("%-72s %10s %12s  %s" % ("what is measured", "measured", "target",
                                   "result"))
    for r in rows:
        print("%-72s %10s %12s  %s %s" %
              (r["what"].replace("`", "")[:72], fmt_value(r), fmt_target(r),
               r["verdict"], r.get("note", "")[:60]))


def paired_row(doc, key, what, target, unit):
    """A relative cost from one saddr_connect_bench JSON line (CPU time,
    the two sides alternating; the wall clock in the note)."""
    row = {"key": key, "what": what, "target": target, "sense": "<=",
           "unit": "x", "value": None, "short": PAIRED[key],
           "note": "no %s results" % unit}
    if doc and doc.get("raw_cpu_ns"):
        row["value"] = doc["saddr_cpu_ns"] / doc["raw_cpu_ns"]
        row["rounds"] = doc.get("rounds")
        row["note"] = ("raw %s ns, saddr %s ns CPU; wall clock %+.1f%% "
                       "(%d rounds of %d %ss each side, alternating)" % (
                           fmt_ns(doc["raw_cpu_ns"]),
                           fmt_ns(doc["saddr_cpu_ns"]), doc["overhead_pct"],
                           doc["rounds"], doc["iters"], unit))
    return row


def connect_rows(results):
    """The helpers that make system calls (saddr_connect_bench, JSON lines
    in connect.json): the bind helper's cost over socket + setsockopt +
    bind + listen by hand, the connect helper's over the raw socket +
    non-blocking connect + poll sequence, and the time from the A answer to
    the first connection when the server drops AAAA."""
    path = os.path.join(results, "connect.json")
    docs = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    docs[d.get("bench")] = d
    first = docs.get("first_connection_aaaa_dropped")
    bind = paired_row(docs.get("bind_any4"), "bind_vs_raw",
                      "bind helper on `0.0.0.0:0`: CPU time relative to "
                      "socket + setsockopt + bind + listen written by hand",
                      1.02, "bind")
    cost = paired_row(docs.get("connect_loopback"), "connect_vs_raw",
                      "connect to a loopback listener (one numeric address): "
                      "CPU time per connect relative to socket + non-blocking "
                      "connect + poll written by hand", 1.03, "connect")
    late = {"key": "connect_first_after_a",
            "what": "connect to a name whose server answers A and never "
            "AAAA: slowest of the runs, from the A answer to the connection",
            "target": 70.0, "sense": "<=", "unit": "ms", "value": None,
            "note": "no connect results"}
    if first:
        late["target"] = float(first["resolution_delay_ms"] + 20)
        late["value"] = first["after_a_max_ms"]
        late["rounds"] = first.get("runs")
        late["note"] = ("median %.1f ms, 90th percentile %.1f ms, %d of %d "
                        "within; resolution delay %d ms" % (
                            first["after_a_median_ms"],
                            first["after_a_p90_ms"], first["within_limit"],
                            first["runs"], first["resolution_delay_ms"]))
    for row in (bind, cost, late):
        row["verdict"] = verdict(row["value"], row["target"], row["sense"])
    return [bind, cost, late]


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
    rows.insert(1 + 1, icount_row(results))
    rows.append(alloc_row(results))
    drows, docs = dns_rows(results)
    rows += drows
    rows += connect_rows(results)
    meta = {}
    meta_path = os.path.join(results, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
    charts = render_charts(rows, chart_path)
    write_doc(doc_path, charts, rows, rounds, docs, meta)
    with open(summary_path, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "targets": rows}, f, indent=2)
        f.write("\n")
    print_ratios(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
