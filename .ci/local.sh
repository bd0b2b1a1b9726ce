#!/usr/bin/env bash
# CI for the local databases and the bind helper: their tests under TSan
# (the hosts test races lookups against reloads). The file readers are
# fuzzed by fuzz/hostsfile_fuzzer and fuzz/servicesfile_fuzzer (.ci/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

tsan=build-ci-local-tsan
CC=clang cmake -S . -B "$tsan" -DCMAKE_BUILD_TYPE=Debug \
  -DSADDR_SANITIZE=thread -DSADDR_BUILD_FUZZ=OFF >/dev/null
cmake --build "$tsan" -j2 --target test_hosts test_services test_bind_ip \
  test_bind_unix test_bind_spec test_bind_env test_bind_inherit saddr_cli
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir "$tsan" --output-on-failure \
  -R '^(test_hosts|test_services|test_bind_.*|bind_cli_.*)$'

echo "local: ok"
