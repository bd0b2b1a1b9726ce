#!/usr/bin/env bash
# Runs saddr's whole test suite against a c-ares of your choice.
#
#   .ci/cares.sh [--sha256 HEX] SOURCE
#
# SOURCE is a c-ares release tarball (c-ares-X.Y.Z.tar.gz) or an unpacked
# source tree (a git checkout works too). The script builds it (shared
# library, CMake) into its own prefix, builds saddr against that prefix,
# checks with ldd that the programs load that libcares and no other, and
# runs the whole ctest suite. With --sha256 the tarball is checked first.
#
# Environment:
#   SADDR_CARES_WORK  where to build (default: build-cares/ in the checkout)
#   SADDR_OLD_BUILD   a saddr build directory made against older c-ares
#                     headers (the system's, say): its resolver tests are
#                     run once more with this libcares loaded instead, the
#                     "built on old headers, run on a new library" case.
#   SADDR_CMAKE_ARGS  extra arguments for saddr's cmake
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

sha=""
if [[ ${1:-} == --sha256 ]]; then
  sha=${2:?--sha256 needs a value}
  shift 2
fi
src=${1:?usage: .ci/cares.sh [--sha256 HEX] TARBALL-OR-SOURCE-DIR}
work=${SADDR_CARES_WORK:-$root/build-cares}
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [[ -f $src ]]; then
  if [[ -n $sha ]]; then
    echo "$sha  $src" | sha256sum -c -
  fi
  name=$(basename "$src")
  name=${name%.tar.gz}
  rm -rf "${work:?}/$name"
  mkdir -p "$work/$name"
  tar -xzf "$src" -C "$work/$name" --strip-components=1
  tree=$work/$name
elif [[ -d $src ]]; then
  [[ -z $sha ]] || { echo "cares.sh: --sha256 needs a tarball" >&2; exit 2; }
  tree=$(cd "$src" && pwd)
  name=$(basename "$tree")
else
  echo "cares.sh: no such file or directory: $src" >&2
  exit 2
fi

prefix=$work/$name-prefix
obj=$work/$name-obj
build=$work/$name-saddr

echo "== c-ares from $tree into $prefix"
log=$work/$name-build.log
if ! {
  cmake -S "$tree" -B "$obj" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
    -DCARES_SHARED=ON -DCARES_STATIC=OFF -DCARES_BUILD_TOOLS=OFF \
    -DCARES_BUILD_TESTS=OFF &&
    cmake --build "$obj" -j2 && cmake --install "$obj"
} >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "cares.sh: building c-ares failed (log: $log)" >&2
  exit 1
fi
lib=$prefix/lib
[[ -e $lib/libcares.so ]] || { echo "cares.sh: no $lib/libcares.so" >&2; exit 1; }
version=$(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --modversion libcares)
echo "== c-ares $version built"

echo "== saddr against c-ares $version in $build"
# shellcheck disable=SC2086 # SADDR_CMAKE_ARGS is a list of arguments
PKG_CONFIG_PATH=$lib/pkgconfig cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_BUILD_RPATH="$lib" \
  ${SADDR_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j2 >/dev/null

# Every program that links c-ares must resolve it to this prefix.
check_ldd() {
  local bin=$1 want=$2 got
  got=$(ldd "$bin" | awk '/libcares/ {print $3}')
  if [[ $got != "$want"/libcares.so* ]]; then
    echo "cares.sh: $bin loads '${got:-no libcares}', not $want" >&2
    exit 1
  fi
  echo "ldd: $(basename "$bin") -> $got"
}
for bin in "$build"/tests/test_resolve_faults "$build"/core/saddr \
  "$build"/core/libsaddr.so; do
  [[ -e $bin ]] && check_ldd "$bin" "$lib"
done

echo "== ctest (c-ares $version)"
ctest --test-dir "$build" -j2 --output-on-failure

if [[ -n ${SADDR_OLD_BUILD:-} ]]; then
  echo "== $SADDR_OLD_BUILD run on c-ares $version"
  for t in test_resolve_faults test_resolve_lifecycle; do
    bin=$SADDR_OLD_BUILD/tests/$t
    LD_LIBRARY_PATH=$lib check_ldd "$bin" "$lib"
    LD_LIBRARY_PATH=$lib "$bin" | tail -1
  done
fi
echo "cares: ok (c-ares $version)"
