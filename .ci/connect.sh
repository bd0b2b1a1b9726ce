#!/usr/bin/env bash
# CI for the connect helper: its tests (the netns race needs root or user
# namespaces, else it says why it skips), then test_connect under valgrind
# (leaks, descriptor counts) with its timing bounds stretched. Run from the
# repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
build="build-ci-connect"

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSADDR_WERROR=ON >/dev/null
cmake --build "$build" -j2 >/dev/null
timeout 600 ctest --test-dir "$build" -R 'connect|netns_race' --output-on-failure
SADDR_TEST_TIME_SCALE=10 timeout 600 valgrind -q --error-exitcode=1 \
  --leak-check=full "$build/tests/test_connect" >/dev/null
echo "connect: all passed"
