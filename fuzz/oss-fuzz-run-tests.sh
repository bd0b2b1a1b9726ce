#!/bin/bash -eu
# OSS-Fuzz's unit-test step (Chronos) for saddr: fuzz/oss-fuzz/run_tests.sh
# is a one-line exec of this file. It runs in the builder container after
# fuzz/oss-fuzz-build.sh, with the same $CC and $CFLAGS and the dependencies
# that build installed in $WORK/deps: builds saddr's test suite (with the
# fuzz targets as plain corpus-replay programs) in $WORK/saddr-tests and
# runs it. Exits 0 only when every test passes, and writes nothing into the
# source tree. .ci/fuzz.sh runs it too when SADDR_OSS_FUZZ_RUN_TESTS=1.
SADDR_SRC=${SADDR_SRC:-$SRC/saddr}
JOBS=${JOBS:-$(nproc)}
export PKG_CONFIG_PATH="$WORK/deps/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
# The replay programs link without libFuzzer; the sanitizers stay.
test_flags=${CFLAGS//-fsanitize=fuzzer-no-link/}
cmake -S "$SADDR_SRC" -B "$WORK/saddr-tests" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$test_flags" -DCMAKE_CXX_FLAGS="$test_flags" \
  -DSADDR_WERROR=OFF -DSADDR_BUILD_TESTS=ON -DSADDR_BUILD_BENCH=OFF \
  -DSADDR_BUILD_FUZZ=ON -DSADDR_FUZZ_ENGINE=
cmake --build "$WORK/saddr-tests" -j"$JOBS"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  ctest --test-dir "$WORK/saddr-tests" --output-on-failure -j"$JOBS" \
  --timeout 600
