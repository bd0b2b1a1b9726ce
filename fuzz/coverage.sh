#!/usr/bin/env bash
# Line coverage of core/ reached by the fuzz corpora (docs/fuzzing.md):
#
#   fuzz/coverage.sh [--html DIR]
#
# Builds every target's replay executable with clang source-based coverage
# in build-fuzz-cov/, replays each corpus (fuzz/corpus/<target>/) once,
# merges the profiles and prints llvm-cov's per-file report for the code
# the targets link, then two totals: that code, and all of core/ (the CLI
# and the bind helper, which no target calls, counted as not covered).
# Uses llvm-profdata/llvm-cov (14 on Debian 12: the -14 names first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build-fuzz-cov
html=
[ "${1:-}" = --html ] && html=${2:?--html needs a directory}
tool() { command -v "$1-14" || command -v "$1"; }
PROFDATA=$(tool llvm-profdata)
COV=$(tool llvm-cov)
# shellcheck source=fuzz/fuzz-lib.sh
. "$ROOT/fuzz/fuzz-lib.sh"
mapfile -t TARGETS < <(saddr_fuzz_targets "$ROOT")

mkdir -p "$B"
cmake -S "$ROOT" -B "$B" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
  -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" \
  -DSADDR_BUILD_TESTS=OFF -DSADDR_BUILD_BENCH=OFF >"$B/saddr-configure.log"
cmake --build "$B" -j2 --target "${TARGETS[@]/%/_replay}" saddr_cli \
  >"$B/saddr-build.log"

rm -rf "$B/prof"
mkdir -p "$B/prof"
objects=()
for t in "${TARGETS[@]}"; do
  LLVM_PROFILE_FILE="$B/prof/$t.profraw" \
    "$B/fuzz/${t}_replay" "$ROOT/fuzz/corpus/$t" >/dev/null
  objects+=(-object "$B/fuzz/${t}_replay")
done
"$PROFDATA" merge -sparse "$B"/prof/*.profraw -o "$B/fuzz.profdata"
# The first -object is the binary argument itself.
args=("${objects[@]:1}" -instr-profile="$B/fuzz.profdata")
"$COV" report "${args[@]}" "$ROOT/core"
echo
echo "the library code the targets link: $("$COV" report "${args[@]}" \
  "$ROOT/core" | tail -1)"
echo "all of core/ (CLI and bind helper too): $("$COV" report "${args[@]}" \
  -object "$B/core/saddr" "$ROOT/core" | tail -1)"
if [ -n "$html" ]; then
  "$COV" show "${args[@]}" -format=html -output-dir="$html" "$ROOT/core"
  echo "html report in $html"
fi
