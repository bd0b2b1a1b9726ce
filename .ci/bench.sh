#!/usr/bin/env bash
# CI step for saddr's benchmarks (bench/README.md):
#   1. Release build of the bench targets in build-ci-bench/;
#   2. ctest bench.*: every benchmark compiles, self-checks its results on a
#      small set and runs once; the counting-allocator check (SPEC P7);
#   3. the gate: callgrind instruction counts per operation against
#      bench/baseline.json; more than +3 % on any saddr operation fails;
#   4. advisory: three short Google Benchmark rounds and the SPEC §7 ratios.
#      Wall-clock figures on a shared machine never fail the build.
# Bounded: about 5 minutes on the 2-core CI machine.
# Extra CMake arguments may come in SADDR_BENCH_CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build-ci-bench
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSADDR_BUILD_BENCH=ON \
  -DSADDR_BUILD_FUZZ=OFF ${SADDR_BENCH_CMAKE_ARGS:-}
cmake --build "$BUILD" -j2 --target saddr_bench saddr_icount saddr_alloc_check \
  saddr_ip_diff

timeout 600 ctest --test-dir "$BUILD" -R '^bench\.' --output-on-failure

echo "== instruction-count gate (callgrind)"
timeout 1200 python3 bench/icount.py "$BUILD/bench/saddr_icount" \
  "$BUILD/icount.json" >/dev/null
gate=0
python3 bench/compare.py bench/baseline.json "$BUILD/icount.json" || gate=$?

echo "== advisory wall-clock ratios (3 short rounds; never fails the build)"
rm -rf "$BUILD/gb"
mkdir -p "$BUILD/gb"
for r in 1 2 3; do
  timeout 600 "$BUILD/bench/saddr_bench" --benchmark_min_time=0.05 \
    --benchmark_format=json --benchmark_out="$BUILD/gb/gb_round_$r.json" \
    --benchmark_out_format=json >/dev/null || true
done
python3 bench/render.py "$BUILD/gb" --ratios-only || true

exit "$gate"
