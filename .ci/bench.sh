#!/usr/bin/env bash
# CI step for saddr's benchmarks (bench/README.md):
#   1. Release build of the bench targets in build-ci-bench/ and ctest
#      bench.*: every benchmark compiles, checks its results on a small set
#      and runs once; the literal-parser differential next to guard pages;
#      the counting-allocator check (no heap allocation on the numeric,
#      wildcard and non-IP paths);
#   2. the instruction-count gate (bench/gate.py) with gcc and with clang:
#      this tree against its base commit (SADDR_GATE_BASE, or the
#      merge-base with SADDR_GATE_AGAINST, or HEAD^), both built with the
#      same compiler here; fails when an operation grows past its threshold;
#   3. the gate's own test with each compiler (bench/gate_test.sh): an
#      unchanged tree passes, a planted +5 % regression fails, and the
#      committed baseline is used only by the compiler that made it;
#   4. advisory: three short Google Benchmark rounds and the wall-clock
#      ratios against the targets, printed, never failing the build.
# Bounded: 8.5 minutes measured on the shared 2-core machine at load 9-10
# (3.3 minutes of CPU time).
# Extra CMake arguments may come in SADDR_BENCH_CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build-ci-bench
# shellcheck disable=SC2086 # word splitting of the extra arguments is meant
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSADDR_BUILD_BENCH=ON \
  -DSADDR_BUILD_FUZZ=OFF ${SADDR_BENCH_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD" -j2 --target saddr_bench saddr_icount saddr_alloc_check \
  saddr_ip_diff saddr_connect_bench >/dev/null

timeout 600 ctest --test-dir "$BUILD" -R '^bench\.' --output-on-failure

status=0
for cc in gcc clang; do
  echo "== instruction-count gate, $cc"
  timeout 900 python3 bench/gate.py --cc "$cc" || status=1
done
for cc in gcc clang; do
  echo "== the gate's own test, $cc"
  timeout 900 bash bench/gate_test.sh "$cc" >"$BUILD/gate_test_$cc.log" 2>&1 || {
    tail -40 "$BUILD/gate_test_$cc.log"
    status=1
  }
  tail -1 "$BUILD/gate_test_$cc.log"
done

echo "== advisory wall-clock ratios (3 short rounds; never fails the build)"
rm -rf "$BUILD/gb"
mkdir -p "$BUILD/gb"
for r in 1 2 3; do
  timeout 600 "$BUILD/bench/saddr_bench" --benchmark_min_time=0.05 \
    --benchmark_format=json --benchmark_out="$BUILD/gb/gb_round_$r.json" \
    --benchmark_out_format=json >/dev/null || true
done
python3 bench/render.py "$BUILD/gb" --ratios-only || true

exit "$status"
