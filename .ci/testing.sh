#!/usr/bin/env bash
# CI for the text readers' test harnesses: the page-boundary harness (every
# vector/SWAR reader at offsets 0-31 from a PROT_NONE page, against the
# scalar reader, glibc and the general path) in the optimised build and in
# the clang ASan+UBSan build, with more random inputs than ctest uses; then
# the whole suite in a build that forces the scalar readers everywhere
# (SADDR_FORCE_SCALAR), so that the code the sanitizers and non-x86 machines
# run is tested as a whole, and in one that runs the SSE4.1 variants
# (SADDR_FORCE_SSE41), the code CPUs without AVX run. About four minutes on
# 2 cores. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${SADDR_PAGE_CASES:-30000}
step() { printf '\n---- %s (%s)\n' "$1" "$(date +%T)"; }

step "page-boundary harness, optimised build (gcc)"
cmake -S . -B build-ci-opt -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSADDR_BUILD_FUZZ=OFF >/dev/null
cmake --build build-ci-opt -j2 --target test_page_boundary >/dev/null
SADDR_PAGE_CASES=$cases timeout 300 build-ci-opt/tests/test_page_boundary | tail -n 3

step "page-boundary harness, clang ASan+UBSan"
CC=clang cmake -S . -B build-ci-asan-page -DCMAKE_BUILD_TYPE=Debug \
  -DSADDR_SANITIZE=address,undefined -DSADDR_BUILD_FUZZ=OFF >/dev/null
cmake --build build-ci-asan-page -j2 --target test_page_boundary >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  SADDR_PAGE_CASES=$cases timeout 300 \
  build-ci-asan-page/tests/test_page_boundary | tail -n 3

step "the whole suite with the scalar readers forced (gcc)"
cmake -S . -B build-ci-scalar -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSADDR_FORCE_SCALAR=ON >/dev/null
cmake --build build-ci-scalar -j2 >/dev/null
timeout 900 ctest --test-dir build-ci-scalar -j2 --output-on-failure

step "the whole suite and the page-boundary harness with the SSE4.1 variants forced (gcc)"
cmake -S . -B build-ci-sse41 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSADDR_FORCE_SSE41=ON -DSADDR_BUILD_FUZZ=OFF >/dev/null
cmake --build build-ci-sse41 -j2 >/dev/null
SADDR_PAGE_CASES=$cases timeout 300 build-ci-sse41/tests/test_page_boundary | tail -n 3
timeout 900 ctest --test-dir build-ci-sse41 -j2 --output-on-failure
echo "testing: all passed"
