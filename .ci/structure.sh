#!/usr/bin/env bash
# The module structure of core/src: no call cycle between its files (from
# the object files' symbols) and no include cycle between its headers
# (.ci/cycles.sh), and a self-test showing that check fails on a planted
# cycle (.ci/cycles_test.sh). docs/architecture.md describes the layers.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${SADDR_STRUCTURE_BUILD:-build-ci-structure}
step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step "the cycle check catches a planted cycle"
bash .ci/cycles_test.sh

step "no call or include cycle among core/src files"
mkdir -p "$B"
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSADDR_BUILD_TESTS=OFF \
  -DSADDR_BUILD_FUZZ=OFF >"$B/structure.log" 2>&1 ||
  { tail -30 "$B/structure.log"; exit 1; }
cmake --build "$B" -j"$(nproc)" --target saddr_objects >>"$B/structure.log" 2>&1 ||
  { tail -30 "$B/structure.log"; exit 1; }
bash .ci/cycles.sh core/src "$B/core/CMakeFiles/saddr_objects.dir/src"
