#!/usr/bin/env bash
# CI for the non-IP families: loads the kernel modules that let the kernel
# round-trip test bind AF_CAN, CAN_ISOTP, AF_TIPC, AF_ALG and AF_VSOCK
# (best effort: a module that is missing is reported and its test skips),
# creates a vcan interface for the CAN tests, then builds with gcc and runs
# the family tests, the kernel round trips and, under valgrind, every family
# test program. Run from the repository root as root for the kernel parts.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-ci-families
canif=vcan-saddr

if [ "$(id -u)" -eq 0 ]; then
  for m in vcan can can_raw can_isotp tipc af_alg algif_hash vsock_loopback; do
    modprobe -q "$m" 2>/dev/null && echo "loaded $m" || echo "no module $m"
  done
  if ip link add "$canif" type vcan 2>/dev/null; then
    ip link set "$canif" up
    export SADDR_TEST_CANIF=$canif
    trap 'ip link del "$canif" 2>/dev/null || true' EXIT
  fi
else
  echo "not root: kernel round trips that need privileges will skip"
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSADDR_WERROR=ON >/dev/null
cmake --build "$build" -j2 >/dev/null
tests='test_(unix|packet|netlink|bluetooth|vsock|can|tipc|alg|qipcrtr|family_kernel|family_consts)$|families_cli'
timeout 600 ctest --test-dir "$build" -R "$tests" --output-on-failure

for t in unix packet netlink bluetooth vsock can tipc alg qipcrtr \
         family_kernel family_consts; do
  timeout 300 valgrind -q --error-exitcode=1 --leak-check=full \
    "$build/tests/test_$t" >/dev/null
done
echo "families: all passed"
