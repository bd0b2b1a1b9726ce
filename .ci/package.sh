#!/usr/bin/env bash
# Packaging and hardening CI for saddr (docs/packaging.md). From the repo root:
#   1. builds the release preset, installs it into a staging prefix and moves
#      the prefix elsewhere (the install must be relocatable), then checks
#      the installed files, the SONAME and the version file;
#   2. builds tests/consumer out of tree against the moved copy with
#      find_package(saddr) and with pkg-config, shared and static, and runs
#      each build;
#   3. checks that the shared library exports only saddr_ symbols and that
#      the static library defines no global outside saddr_;
#   4. checks the hardening of the library and the CLI with readelf;
#   5. renders the man page with groff's warnings on;
#   6. runs clang-tidy and cppcheck on core/, and a clang-format check on
#      every C file of core/, tests/, fuzz/ and bench/;
#   7. builds the tsan preset and runs the thread-safety test under
#      ThreadSanitizer.
# Any failure fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build-ci-pack
JOBS=${JOBS:-2}

step() { printf '\n== %s\n' "$*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

rm -rf "$B"
mkdir -p "$B"

# ---- 1. Release build and relocated install --------------------------------
step "release build"
cmake --preset release -B "$B/release" -DSADDR_BUILD_TESTS=OFF \
  -DSADDR_BUILD_FUZZ=OFF -DSADDR_BUILD_BENCH=OFF >"$B/release.log"
cmake --build "$B/release" -j"$JOBS" --target saddr_shared saddr_static saddr_cli \
  >>"$B/release.log" 2>&1 ||
  { tail -40 "$B/release.log"; fail "release build"; }
grep -q -- '-D_FORTIFY_SOURCE=[23]' "$B/release/compile_commands.json" ||
  fail "release objects are not compiled with _FORTIFY_SOURCE"
grep -q -- '-fstack-protector-strong' "$B/release/compile_commands.json" ||
  fail "release objects are not compiled with -fstack-protector-strong"

step "install into a staging prefix, then move it"
cmake --install "$B/release" --prefix "$B/stage" >"$B/install.log"
mv "$B/stage" "$B/prefix"
P=$B/prefix
LIBDIR=$(cd "$P" && dirname "$(find . -name 'libsaddr.so' -print -quit)")
LIBDIR=$P/${LIBDIR#./}
for f in include/saddr.h include/saddr_export.h bin/saddr \
  share/man/man1/saddr.1; do
  [ -f "$P/$f" ] || fail "not installed: $f"
done
for f in libsaddr.a libsaddr.so pkgconfig/saddr.pc cmake/saddr/saddrConfig.cmake \
  cmake/saddr/saddrConfigVersion.cmake cmake/saddr/saddrTargets.cmake; do
  [ -e "$LIBDIR/$f" ] || fail "not installed: $LIBDIR/$f"
done
soname=$(readelf -d "$LIBDIR/libsaddr.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ $soname =~ ^libsaddr\.so\.[0-9]+$ ]] || fail "SONAME is '$soname'"
if [ ! -L "$LIBDIR/libsaddr.so" ] || [ ! -L "$LIBDIR/$soname" ]; then
  fail "libsaddr.so -> $soname -> libsaddr.so.X.Y.Z symlinks missing"
fi
echo "SONAME $soname"

# ---- 2. Consumers -----------------------------------------------------------
run_consumer() { # name binary expect_libsaddr_needed
  local out needed
  out=$("$2") || fail "$1: consumer failed"
  echo "$1: $out"
  needed=$(readelf -d "$2" | grep -c "NEEDED.*\[$soname\]" || true)
  if [ "$3" = yes ] && [ "$needed" -eq 0 ]; then
    fail "$1: does not load $soname"
  elif [ "$3" = no ] && [ "$needed" -ne 0 ]; then
    fail "$1: loads $soname although it links the static library"
  fi
}

step "consumer through find_package(saddr)"
for kind in shared static; do
  static=OFF
  [ $kind = static ] && static=ON
  cmake -S tests/consumer -B "$B/consumer-cmake-$kind" \
    -DCMAKE_PREFIX_PATH="$P" -DCONSUMER_STATIC=$static >"$B/consumer-cmake-$kind.log"
  cmake --build "$B/consumer-cmake-$kind" >>"$B/consumer-cmake-$kind.log" 2>&1 ||
    { cat "$B/consumer-cmake-$kind.log"; fail "cmake consumer ($kind)"; }
  run_consumer "cmake $kind" "$B/consumer-cmake-$kind/consumer" \
    "$([ $kind = shared ] && echo yes || echo no)"
done

step "consumer through pkg-config"
export PKG_CONFIG_PATH=$LIBDIR/pkgconfig
pkg-config --validate saddr || fail "saddr.pc does not validate"
pc_libdir=$(pkg-config --variable=libdir saddr)
[ "$(cd "$pc_libdir" && pwd -P)" = "$(cd "$LIBDIR" && pwd -P)" ] ||
  fail "saddr.pc libdir $pc_libdir is not the moved prefix's $LIBDIR"
CFLAGS_C=(-std=c11 -Wall -Wextra -Werror)
# shellcheck disable=SC2046 # pkg-config output is a list of flags
cc "${CFLAGS_C[@]}" tests/consumer/consumer.c $(pkg-config --cflags --libs saddr) \
  -Wl,-rpath,"$pc_libdir" -o "$B/consumer-pc-shared"
run_consumer "pkg-config shared" "$B/consumer-pc-shared" yes
# The static library with its dependencies' shared libraries.
# shellcheck disable=SC2046
cc "${CFLAGS_C[@]}" tests/consumer/consumer.c $(pkg-config --cflags saddr) \
  "$pc_libdir/libsaddr.a" \
  $(pkg-config --libs $(pkg-config --print-requires-private saddr)) \
  -o "$B/consumer-pc-static"
run_consumer "pkg-config static" "$B/consumer-pc-static" no

# ---- 3. Symbols -------------------------------------------------------------
step "exported symbols"
nm -D --defined-only "$LIBDIR/libsaddr.so" | awk '{print $3}' >"$B/dynsym.txt"
[ -s "$B/dynsym.txt" ] || fail "libsaddr.so exports nothing"
if grep -v '^saddr_' "$B/dynsym.txt" || grep '^saddr__' "$B/dynsym.txt"; then
  fail "libsaddr.so exports symbols other than saddr_* (listed above)"
fi
echo "$(wc -l <"$B/dynsym.txt") dynamic symbols, all saddr_*"
nm -g --defined-only "$LIBDIR/libsaddr.a" | awk 'NF == 3 {print $3}' >"$B/staticsym.txt"
if grep -v '^saddr_' "$B/staticsym.txt"; then
  fail "libsaddr.a defines globals outside the saddr_ namespace (listed above)"
fi

# ---- 4. Hardening -----------------------------------------------------------
step "hardening (readelf)"
check_hardening() { # file is_executable
  local f=$1 dyn prog syms
  dyn=$(readelf -dW "$f")
  prog=$(readelf -lW "$f")
  syms=$(readelf --dyn-syms -W "$f")
  grep -q 'GNU_RELRO' <<<"$prog" || fail "$f: no GNU_RELRO segment"
  grep -Eq 'BIND_NOW|FLAGS_1.*NOW' <<<"$dyn" || fail "$f: not linked with -z now"
  grep -E 'GNU_STACK' <<<"$prog" | grep -q 'RWE' && fail "$f: executable stack"
  grep -q '__stack_chk_fail' <<<"$syms" || fail "$f: no stack protector"
  grep -Eq '__[a-z_]+_chk@' <<<"$syms" || fail "$f: no _FORTIFY_SOURCE calls"
  if [ "$2" = yes ]; then
    readelf -hW "$f" | grep -q 'Type:.*DYN' || fail "$f: not PIE"
    grep -Eq 'FLAGS_1.*PIE' <<<"$dyn" || fail "$f: no PIE flag"
  fi
  echo "$f: RELRO, BIND_NOW, NX stack, stack protector, fortify$([ "$2" = yes ] && echo ", PIE")"
}
check_hardening "$(readlink -f "$LIBDIR/libsaddr.so")" no
check_hardening "$P/bin/saddr" yes

# ---- 5. Man page ------------------------------------------------------------
step "man page"
warnings=$(groff -man -Tutf8 -ww -z "$P/share/man/man1/saddr.1" 2>&1)
[ -z "$warnings" ] || { echo "$warnings"; fail "saddr.1 has groff warnings"; }
echo "saddr.1 renders cleanly"

# ---- 6. Static analysis and format ------------------------------------------
step "clang-tidy (core/)"
CC=clang cmake -S . -B "$B/analysis" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DSADDR_BUILD_TESTS=OFF -DSADDR_BUILD_FUZZ=OFF -DSADDR_BUILD_BENCH=OFF \
  >"$B/analysis.log"
run-clang-tidy -quiet -p "$B/analysis" -j "$JOBS" "$ROOT/core/" \
  >"$B/clang-tidy.log" 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' "$B/clang-tidy.log" | grep -E '(warning|error):' | sort -u
  fail "clang-tidy findings (full log: $B/clang-tidy.log)"
}
echo "clang-tidy clean"

step "cppcheck (core/)"
mkdir -p "$B/cppcheck"
cppcheck --project="$B/analysis/compile_commands.json" \
  --enable=warning,style,performance,portability --std=c11 \
  --library=posix --inline-suppr --suppressions-list=.cppcheck-suppressions \
  --cppcheck-build-dir="$B/cppcheck" -j "$JOBS" --quiet --error-exitcode=1 \
  --template='{file}:{line}: {severity}: {message} [{id}]' ||
  fail "cppcheck findings"
echo "cppcheck clean"

step "clang-format check (core/, tests/, fuzz/, bench/)"
mapfile -t sources < <(git ls-files 'core/*.c' 'core/*.h' 'tests/*.c' \
  'tests/*.h' 'fuzz/*.c' 'fuzz/*.h' 'bench/*.c' 'bench/*.h' 'bench/*.cc')
[ "${#sources[@]}" -gt 0 ] || fail "no C sources"
unformatted=0
for f in "${sources[@]}"; do
  n=$(clang-format "$f" | diff "$f" - | grep -c '^>' || true)
  if [ "$n" -ne 0 ]; then
    echo "$f: $n lines differ from clang-format's output"
    unformatted=$((unformatted + 1))
  fi
done
[ "$unformatted" -eq 0 ] ||
  fail "clang-format: $unformatted files need clang-format -i"
echo "${#sources[@]} files formatted"

# ---- 7. ThreadSanitizer -----------------------------------------------------
step "thread-safety test under ThreadSanitizer"
cmake --preset tsan -B "$B/tsan" -DSADDR_BUILD_FUZZ=OFF >"$B/tsan.log"
cmake --build "$B/tsan" -j"$JOBS" --target test_threads >>"$B/tsan.log" 2>&1 ||
  { tail -40 "$B/tsan.log"; fail "tsan build"; }
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ctest --test-dir "$B/tsan" -R '^test_threads$' --output-on-failure \
  --no-tests=error --timeout 300 || fail "test_threads under TSan"

step "packaging checks passed"
