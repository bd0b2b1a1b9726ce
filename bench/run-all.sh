#!/usr/bin/env bash
# Runs every saddr benchmark and renders docs/benchmarks.md.
#
#   bench/run-all.sh [--quick]
#
# Steps (each bounded in time):
#   1. Release build of the bench targets in $SADDR_BENCH_BUILD
#      (default build-bench);
#   2. Google Benchmark: $ROUNDS rounds (default 9, --quick 3), one process
#      each, every benchmark $REPS times (5; 3) for
#      --benchmark_min_time=$MIN_TIME (0.04 s; 0.02), the repetitions of all
#      benchmarks in random order;
#   3. callgrind instruction counts (bench/icount.py); the regression gate
#      is bench/gate.py, which .ci/bench.sh runs;
#   4. the counting-allocator check (no heap allocation on the numeric,
#      wildcard and non-IP paths);
#   5. the DNS load driver, $DNS_REPS repetitions (3; 1) of $DNS_SECONDS s
#      per run (2; 0.5);
#   5b. the bind and connect helpers against the same system calls written
#      by hand, the two sides alternating, and the time to the first
#      connection when the server drops AAAA (saddr_connect_bench);
#   6. bench/render.py: bench/results.json, docs/benchmarks.md and
#      docs/benchmarks.svg.
# Raw results stay in $SADDR_BENCH_BUILD/bench-results/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${SADDR_BENCH_BUILD:-build-bench}
RESULTS=$BUILD/bench-results
ROUNDS=${ROUNDS:-9}
MIN_TIME=${MIN_TIME:-0.04}
REPS=${REPS:-5}
DNS_REPS=${DNS_REPS:-3}
DNS_SECONDS=${DNS_SECONDS:-2}
if [[ "${1:-}" == "--quick" ]]; then
  ROUNDS=3 MIN_TIME=0.02 REPS=3 DNS_REPS=1 DNS_SECONDS=0.5
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--quick]" >&2
  exit 2
fi

echo "== build ($BUILD, Release)"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSADDR_BUILD_BENCH=ON \
  ${SADDR_BENCH_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD" -j2 --target saddr_bench saddr_icount saddr_alloc_check \
  saddr_dnsload saddr_connect_bench >/dev/null
BIN=$BUILD/bench

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
REPS="$REPS" BUILD="$BUILD" python3 - "$RESULTS/meta.json" <<'EOF'
import json, os, platform, subprocess, sys
def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
info = {}
with open("/proc/cpuinfo") as f:
    for line in f:
        if ":" in line:
            k, v = (x.strip() for x in line.split(":", 1))
            info.setdefault(k, v)
        elif info:
            break
flags = info.get("flags", "").split()
simd = [f for f in ("sse4_1", "avx", "avx2", "avx512f") if f in flags]
virt = "hypervisor" in flags
cpu = "%s (%s family %s model %s), %d CPUs%s; %s" % (
    info.get("model name", "?"), info.get("vendor_id", "?"),
    info.get("cpu family", "?"), info.get("model", "?"), os.cpu_count(),
    " in a virtual machine" if virt else "", " ".join(simd))
import glob, re
cc = ["?"]
for path in glob.glob(os.path.join(os.environ["BUILD"], "CMakeFiles", "*", "CMakeCCompiler.cmake")):
    text = open(path).read()
    cid = re.search(r'CMAKE_C_COMPILER_ID "([^"]*)"', text)
    ver = re.search(r'CMAKE_C_COMPILER_VERSION "([^"]*)"', text)
    if cid and ver:
        cc = ["%s %s" % ({"GNU": "gcc"}.get(cid.group(1), cid.group(1)), ver.group(1))]
meta = {"cpu": cpu,
        "machine": cpu,
        "system": "%s, glibc %s" % (platform.platform(terse=True), platform.libc_ver()[1]),
        "compiler": (cc[0] if cc else "?") + ", Release",
        "date": run(["date", "-u", "+%Y-%m-%d %H:%M UTC"]),
        "load": " ".join("%.2f" % x for x in os.getloadavg()),
        "commit": run(["git", "rev-parse", "--short", "HEAD"]),
        "gb_version": run(["dpkg-query", "-W", "-f", "${Version}", "libbenchmark-dev"]) or "?",
        "repetitions": int(os.environ.get("REPS", "1"))}
json.dump(meta, open(sys.argv[1], "w"), indent=2)
EOF

echo "== Google Benchmark: $ROUNDS rounds of $REPS interleaved repetitions, min_time $MIN_TIME s"
for r in $(seq 1 "$ROUNDS"); do
  timeout 900 "$BIN/saddr_bench" --benchmark_min_time="$MIN_TIME" \
    --benchmark_repetitions="$REPS" --benchmark_enable_random_interleaving=true \
    --benchmark_format=json --benchmark_out="$RESULTS/gb_round_$r.json" \
    --benchmark_out_format=json >/dev/null ||
    echo "round $r: some benchmark failed its self-check (see the JSON)"
  echo "  round $r done"
done

echo "== callgrind instruction counts"
timeout 1200 python3 bench/icount.py "$BIN/saddr_icount" "$RESULTS/icount.json"

echo "== allocation check"
set +e
alloc_out=$("$BIN/saddr_alloc_check" 2>&1)
alloc_rc=$?
set -e
python3 -c 'import json,sys; json.dump({"passed": sys.argv[1] == "0", "output": sys.argv[2]}, open(sys.argv[3], "w"))' \
  "$alloc_rc" "$alloc_out" "$RESULTS/alloc.json"
echo "$alloc_out" | tail -1

echo "== DNS load: $DNS_REPS x $DNS_SECONDS s per run"
for r in $(seq 1 "$DNS_REPS"); do
  timeout 600 "$BIN/saddr_dnsload" --duration "$DNS_SECONDS" \
    --out "$RESULTS/dns_$r.json" 2>/dev/null ||
    echo "DNS repetition $r failed"
done

echo "== bind and connect helpers: against the hand-written sequences; AAAA dropped"
CONNECT_ROUNDS=41
[[ "${1:-}" == "--quick" ]] && CONNECT_ROUNDS=11
timeout 300 "$BIN/saddr_connect_bench" --rounds "$CONNECT_ROUNDS" \
  --iters 2000 --runs 40 >"$RESULTS/connect.json" ||
  echo "connect benchmark failed"

echo "== render"
python3 bench/render.py "$RESULTS" bench/results.json docs/benchmarks.md \
  docs/benchmarks.svg
echo "CPU: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cpu"])' "$RESULTS/meta.json")"
