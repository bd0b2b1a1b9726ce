#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as
# errors, and runs every test (unit tables, differential and parity tests,
# CLI scripts, resolver tests against a dnsmasq it starts on loopback, bind
# tests on loopback, corpus replays). Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/deps.sh
saddr_need_packages $SADDR_TEST_PACKAGES

build=${SADDR_BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=${SADDR_BUILD_TYPE:-RelWithDebInfo} ${SADDR_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 600
