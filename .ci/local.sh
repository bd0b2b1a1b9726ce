#!/usr/bin/env bash
# CI for the local databases and the bind helper: their tests under TSan
# (the hosts test races lookups against reloads). The file readers are
# fuzzed by fuzz/hostsfile_fuzzer and fuzz/servicesfile_fuzzer (.ci/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

tsan=build-ci-local-tsan
CC=clang cmake -S . -B "$tsan" -DCMAKE_BUILD_TYPE=Debug \
  -DSADDR_SANITIZE=thread -DSADDR_BUILD_FUZZ=OFF >/dev/null
# Every bind test program there is (tests/bind/test_*.c), so that a new one
# cannot be left out of this run.
bind_tests=$(cd tests/bind && ls test_*.c | sed 's/\.c$//')
# shellcheck disable=SC2086 # one target per word
cmake --build "$tsan" -j2 --target test_hosts test_services $bind_tests \
  saddr_cli
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir "$tsan" --output-on-failure \
  -R '^(test_hosts|test_services|test_bind_.*|bind_cli_.*)$'

echo "local: ok"
