# shellcheck shell=bash
# Shell helpers shared by .ci/fuzz.sh, fuzz/campaign.sh and fuzz/coverage.sh
# (sourced, not run).

# The fuzz targets, one per fuzz/*_fuzzer.c.
saddr_fuzz_targets() {
  local src
  for src in "$1"/fuzz/*_fuzzer.c; do
    basename "$src" .c
  done
}

# The [libfuzzer] section of fuzz/<target>.options as -key=value flags.
saddr_fuzz_flags() {
  awk -F'=' '
    /^\[/ { in_lf = ($0 ~ /^\[libfuzzer\]/); next }
    in_lf && NF == 2 {
      gsub(/[ \t]/, "", $1); gsub(/^[ \t]+|[ \t]+$/, "", $2)
      printf "-%s=%s\n", $1, $2
    }' "$1"
}

# Configures and builds the sanitized libFuzzer binaries in $2 (clang,
# ASan + UBSan, the library instrumented for coverage).
saddr_fuzz_build() {
  local root=$1 dir=$2
  mkdir -p "$dir"
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DSADDR_SANITIZE=address,undefined -DSADDR_FUZZ_ENGINE=libfuzzer \
    -DSADDR_BUILD_TESTS=OFF -DSADDR_BUILD_BENCH=OFF >"$dir/saddr-configure.log"
  cmake --build "$dir" -j2 >"$dir/saddr-build.log" 2>&1 || {
    tail -40 "$dir/saddr-build.log"
    return 1
  }
}
