#!/usr/bin/env bash
# CI for the fuzz targets (docs/fuzzing.md). From the repo root:
#   1. the OSS-Fuzz path: fuzz/oss-fuzz/build.sh (the file OSS-Fuzz runs, a
#      one-line exec of fuzz/oss-fuzz-build.sh) with the builder environment
#      emulated (no Docker here): $SRC, $WORK, $OUT, CC=clang, CFLAGS with
#      -fsanitize=fuzzer-no-link,address, LIB_FUZZING_ENGINE=-fsanitize=fuzzer.
#      c-ares is the release the Dockerfile pins, unpacked from
#      ../shared/deps/c-ares-1.34.8.tar.gz (or $SADDR_DEPS_DIR) after its
#      SHA-256 is checked (.ci/cares-release.sh); libidn2 comes from the system, as
#      no source of it is at hand. Checks that $OUT holds every target's
#      binary, dictionary, options and seed zip, that each binary has c-ares
#      linked in statically, and that it replays every seed of its zip;
#      with SADDR_OSS_FUZZ_RUN_TESTS=1 also runs fuzz/oss-fuzz/run_tests.sh;
#   2. builds every target with clang -fsanitize=fuzzer,address,undefined,
#      replays each corpus (ctest: the replay main and libFuzzer -runs=0),
#      then fuzzes each target for FUZZ_SECONDS (default 15) into a scratch
#      directory, never into fuzz/corpus/. Any crash, leak, timeout or
#      sanitizer report fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ_SECONDS=${FUZZ_SECONDS:-15}
CARES_VERSION=1.34.8
B=$ROOT/build-ci-fuzz
# shellcheck source=fuzz/fuzz-lib.sh
. "$ROOT/fuzz/fuzz-lib.sh"
mapfile -t TARGETS < <(saddr_fuzz_targets "$ROOT")
[ "${#TARGETS[@]}" -gt 0 ] || { echo "no fuzz targets" >&2; exit 1; }

echo "== emulated OSS-Fuzz build (${TARGETS[*]})"
rm -rf "$B/oss"
mkdir -p "$B/oss/src" "$B/oss/work" "$B/oss/out"
ln -s "$ROOT" "$B/oss/src/saddr"
bash "$ROOT/.ci/cares-release.sh" source "$CARES_VERSION" "$B/oss/src/c-ares"
echo "libidn2: from the system (no libidn2 source at hand; the OSS-Fuzz" \
  "image builds the pinned release)"
# The builder's values (conventions.md 1.1), minus -stdlib=libc++ in
# CXXFLAGS: Debian ships no libc++ headers and the targets are pure C.
OSS_CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only \
-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
-fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
oss_env=(env SRC="$B/oss/src" WORK="$B/oss/work" OUT="$B/oss/out"
  CC=clang CXX=clang++ CCC=clang++ CFLAGS="$OSS_CFLAGS" CXXFLAGS="$OSS_CFLAGS"
  LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address
  FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64 JOBS=2)
"${oss_env[@]}" bash "$ROOT/fuzz/oss-fuzz/build.sh" >"$B/oss/build.log" 2>&1 || {
  tail -40 "$B/oss/build.log"
  echo "FAIL: fuzz/oss-fuzz/build.sh" >&2
  exit 1
}
grep '^oss-fuzz-build: ' "$B/oss/build.log"
grep -q "^oss-fuzz-build: c-ares from $B/oss/src/c-ares, static" "$B/oss/build.log" || {
  echo "FAIL: build.sh did not build the pinned c-ares" >&2
  exit 1
}
cares_lib=$B/oss/work/deps/lib/libcares.a
cache=$B/oss/work/saddr/CMakeCache.txt
if ! grep -qx "pkgcfg_lib_CARES_cares:FILEPATH=$cares_lib" "$cache" ||
  ! grep -qx "CARES_VERSION:INTERNAL=$CARES_VERSION" "$cache"; then
  echo "FAIL: saddr was not configured against c-ares $CARES_VERSION in $cares_lib" >&2
  exit 1
fi
echo "ok   saddr configured against c-ares $CARES_VERSION, $cares_lib"
OUT=$B/oss/out
with_cares=0
for t in "${TARGETS[@]}"; do
  for f in "$t" "$t.dict" "$t.options" "${t}_seed_corpus.zip"; do
    [ -s "$OUT/$f" ] || { echo "FAIL: \$OUT/$f missing" >&2; exit 1; }
  done
  [ -x "$OUT/$t" ] || { echo "FAIL: \$OUT/$t not executable" >&2; exit 1; }
  # c-ares inside the binary, not loaded at run time.
  if ldd "$OUT/$t" | grep -q libcares; then
    echo "FAIL: \$OUT/$t loads a shared libcares" >&2
    exit 1
  fi
  undefined=$(nm "$OUT/$t" | awk '$1 == "U" && $2 ~ /^ares_/' | head -3)
  [ -z "$undefined" ] || { echo "FAIL: $t: undefined $undefined" >&2; exit 1; }
  ares=$(nm "$OUT/$t" | awk '$2 == "T" && $3 ~ /^ares_/' | wc -l)
  seeds=$B/oss/seeds/$t
  mkdir -p "$seeds"
  unzip -q -o "$OUT/${t}_seed_corpus.zip" -d "$seeds"
  n=$(find "$seeds" -type f | wc -l)
  zipped=$(find "$ROOT/fuzz/corpus/$t" -type f | wc -l)
  if [ "$n" -eq 0 ] || [ "$n" -ne "$zipped" ]; then
    echo "FAIL: $t: the seed zip holds $n files, fuzz/corpus/$t $zipped" >&2
    exit 1
  fi
  "$OUT/$t" -runs=0 "$seeds" >"$B/oss/$t.replay.log" 2>&1 || {
    tail -30 "$B/oss/$t.replay.log"
    echo "FAIL: $t does not replay its seeds" >&2
    exit 1
  }
  if [ "$ares" -gt 0 ]; then
    linked="c-ares linked in statically ($ares functions)"
    with_cares=$((with_cares + 1))
  else
    linked="uses no c-ares code"
  fi
  echo "ok   \$OUT/$t (+dict, options; $n seeds replayed; $linked)"
done
[ "$with_cares" -gt 0 ] || {
  echo "FAIL: no target has c-ares linked in" >&2
  exit 1
}
if [ "${SADDR_OSS_FUZZ_RUN_TESTS:-0}" = 1 ]; then
  echo "== fuzz/oss-fuzz/run_tests.sh"
  "${oss_env[@]}" bash "$ROOT/fuzz/oss-fuzz/run_tests.sh" >"$B/oss/tests.log" 2>&1 || {
    tail -40 "$B/oss/tests.log"
    echo "FAIL: fuzz/oss-fuzz/run_tests.sh" >&2
    exit 1
  }
  tail -3 "$B/oss/tests.log"
fi

echo "== sanitized libFuzzer build"
saddr_fuzz_build "$ROOT" "$B/libfuzzer"
(cd "$B/libfuzzer" && ctest -R '^fuzz\.' --output-on-failure -j2) || {
  echo "FAIL: corpus replay" >&2
  exit 1
}

echo "== fuzzing each target for ${FUZZ_SECONDS}s"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${TARGETS[@]}"; do
  scratch=$B/scratch/$t
  rm -rf "$scratch"
  mkdir -p "$scratch/new" "$scratch/artifacts"
  mapfile -t flags < <(saddr_fuzz_flags "$ROOT/fuzz/$t.options")
  # The scratch directory comes first: libFuzzer writes new inputs there.
  if "$B/libfuzzer/fuzz/$t" "${flags[@]}" -dict="$ROOT/fuzz/$t.dict" \
      -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" \
      "$scratch/new" "$ROOT/fuzz/corpus/$t" >"$scratch/log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$scratch/log")
    echo "ok   $t: $execs runs, $rate exec/s"
  else
    echo "FAIL $t: see $scratch/log; reproducer in $scratch/artifacts/" >&2
    grep -E "ERROR|invariant|runtime error|SUMMARY" "$scratch/log" | head -10 >&2
    status=1
  fi
done
exit $status
