#!/usr/bin/env bash
# CI for the local databases and the bind helper: their tests under TSan
# (the hosts test races lookups against reloads), then both file readers
# fuzzed for a bounded time under ASan+UBSan with libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SADDR_LOCAL_FUZZ_SECONDS:-30}

tsan=build-ci-local-tsan
CC=clang cmake -S . -B "$tsan" -DCMAKE_BUILD_TYPE=Debug \
  -DSADDR_SANITIZE=thread -DSADDR_BUILD_FUZZ=OFF >/dev/null
cmake --build "$tsan" -j2 --target test_hosts test_services test_bind_ip \
  test_bind_unix test_bind_spec test_bind_env saddr_cli
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir "$tsan" --output-on-failure \
  -R '^(test_hosts|test_services|test_bind_.*|bind_cli_.*)$'

fz=build-ci-local-fuzz
CC=clang cmake -S . -B "$fz" -DCMAKE_BUILD_TYPE=Debug \
  -DSADDR_SANITIZE=address,undefined -DSADDR_BUILD_TESTS=OFF \
  -DSADDR_BUILD_FUZZ=OFF -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build "$fz" -j2 --target saddr_static
for target in hosts services; do
  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Icore/include -I"$fz/core/include" \
    "tests/local/fuzz/${target}_fuzzer.c" "$fz/core/libsaddr.a" \
    $(pkg-config --libs libidn2 libcares) -o "$fz/${target}_fuzzer"
  corpus="$fz/${target}_corpus"
  mkdir -p "$corpus"
  cp "tests/local/fuzz/${target}_seeds/"* "$corpus/"
  "$fz/${target}_fuzzer" -max_total_time="$seconds" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>&1 |
    tail -n 3
done
echo "local: ok"
