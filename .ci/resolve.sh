#!/usr/bin/env bash
# Resolver CI: the resolver's tests (dnsmasq integration, fault server,
# lifecycle, unit, CLI, and the docs' epoll/libuv examples) built with gcc,
# and with clang under ASan+UBSan (LSan included), so that every request
# path is checked for leaks and undefined behaviour.
# Needs: dnsmasq-base, libc-ares-dev, libidn2-dev, libuv1-dev, clang.
set -euo pipefail
cd "$(dirname "$0")/.."
test -x /usr/sbin/dnsmasq || { echo "resolve.sh: dnsmasq-base is not installed" >&2; exit 1; }

run() { # name, compiler, sanitizers
  local dir=build-ci-resolve-$1
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER="$2" \
    -DSADDR_SANITIZE="$3" -DSADDR_BUILD_FUZZ=OFF -DSADDR_BUILD_BENCH=OFF >/dev/null
  cmake --build "$dir" -j2
  if ! ctest --test-dir "$dir" -N | grep -q example_resolve_epoll; then
    echo "resolve.sh: the examples are not registered (tests/CMakeLists.txt needs add_subdirectory(resolve))" >&2
    exit 1
  fi
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    timeout 900 ctest --test-dir "$dir" -R 'resolve' --output-on-failure \
    --timeout 300
}

run gcc gcc ""
run clang-asan clang "address,undefined"
