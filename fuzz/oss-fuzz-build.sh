#!/bin/bash -eu
# The OSS-Fuzz and ClusterFuzzLite build recipe for saddr (docs/fuzzing.md):
# fuzz/oss-fuzz/build.sh (OSS-Fuzz's projects/saddr/build.sh) and
# .clusterfuzzlite/build.sh are one-line execs of this file, and .ci/fuzz.sh
# runs it with the builder environment emulated.
#
# Runs inside the base-builder image with $CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE $SRC $WORK $OUT set by it, and writes to $OUT, for
# every fuzz/<target>_fuzzer.c: the binary, <target>.dict, <target>.options
# and <target>_seed_corpus.zip.
#
# Dependencies are built from the pinned sources the Dockerfile puts in
# $SRC/c-ares and $SRC/libidn2, with the same compiler and flags (MSan
# needs every byte instrumented), and linked statically; they are built
# position-independent so that the test step (oss-fuzz-run-tests.sh) can
# link them into saddr's shared library too. A dependency whose
# source is absent is taken from the system, and the log says so.
SADDR_SRC=${SADDR_SRC:-$SRC/saddr}
DEPS=$WORK/deps
JOBS=${JOBS:-$(nproc)}

if [ -d "$SRC/c-ares" ]; then
  cmake -S "$SRC/c-ares" -B "$WORK/c-ares" -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_INSTALL_PREFIX="$DEPS" -DCMAKE_INSTALL_LIBDIR=lib \
    -DCARES_STATIC=ON -DCARES_STATIC_PIC=ON -DCARES_SHARED=OFF -DCARES_THREADS=OFF \
    -DCARES_BUILD_TOOLS=OFF -DCARES_BUILD_TESTS=OFF
  cmake --build "$WORK/c-ares" -j"$JOBS"
  cmake --install "$WORK/c-ares"
  echo "oss-fuzz-build: c-ares from $SRC/c-ares, static, in $DEPS"
else
  echo "oss-fuzz-build: no $SRC/c-ares: c-ares from the system"
fi
if [ -d "$SRC/libidn2" ]; then
  mkdir -p "$WORK/libidn2"
  (cd "$WORK/libidn2" &&
    "$SRC/libidn2/configure" --prefix="$DEPS" --libdir="$DEPS/lib" \
      --disable-shared --enable-static --with-pic --disable-doc --disable-nls \
      --with-included-libunistring &&
    make -j"$JOBS" && make install)
  echo "oss-fuzz-build: libidn2 from $SRC/libidn2, static, in $DEPS"
else
  echo "oss-fuzz-build: no $SRC/libidn2: libidn2 from the system"
fi
export PKG_CONFIG_PATH="$DEPS/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

# CMAKE_BUILD_TYPE=None: the flags are exactly $CFLAGS and $CXXFLAGS.
# Warnings stay warnings here; the project's own CI makes them errors.
cmake -S "$SADDR_SRC" -B "$WORK/saddr" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DSADDR_WERROR=OFF -DSADDR_BUILD_TESTS=OFF -DSADDR_BUILD_BENCH=OFF \
  -DSADDR_BUILD_FUZZ=ON -DSADDR_FUZZ_ENGINE="$LIB_FUZZING_ENGINE"

targets=()
for src in "$SADDR_SRC"/fuzz/*_fuzzer.c; do
  targets+=("$(basename "$src" .c)")
done
cmake --build "$WORK/saddr" -j"$JOBS" --target "${targets[@]}"

for t in "${targets[@]}"; do
  cp "$WORK/saddr/fuzz/$t" "$OUT/"
  cp "$SADDR_SRC/fuzz/$t.dict" "$SADDR_SRC/fuzz/$t.options" "$OUT/"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$SADDR_SRC/fuzz/corpus/$t" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
done
