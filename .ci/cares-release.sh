#!/usr/bin/env bash
# A pinned c-ares release for CI, checksum-verified:
#   .ci/cares-release.sh source VERSION DIR    unpack the release's sources into DIR
#   .ci/cares-release.sh build  VERSION PREFIX build and install it (shared and
#                                      static) into PREFIX
# The tarball is taken from $SADDR_DEPS_DIR (default ../shared/deps next to
# this checkout, where the project's own CI keeps it) and otherwise
# downloaded from the c-ares release page. Either way its SHA-256 must be
# the one pinned below, or the script stops.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

sha256_of() {
  case $1 in
    1.27.0) echo bdbe30a9483d8831bfd76a7a4dcf571c1d0df6f64e3b8a0cb4e499bf10d8bc8f ;;
    1.34.8) echo c18d2e9a4420058289194b95a02107b9861e131f237e921ca8937b7e88fb34b0 ;;
    *) echo "cares-release.sh: no pinned checksum for c-ares $1" >&2; return 1 ;;
  esac
}

# Prints the path of the verified tarball of version $1.
tarball() {
  local v=$1 want name deps file
  want=$(sha256_of "$v")
  name=c-ares-$v.tar.gz
  deps=${SADDR_DEPS_DIR:-$ROOT/../shared/deps}
  if [ -f "$deps/$name" ]; then
    file=$deps/$name
  else
    file=${TMPDIR:-/tmp}/$name
    echo "cares-release.sh: $name not in $deps; downloading it" >&2
    curl -sSfL -o "$file" \
      "https://github.com/c-ares/c-ares/releases/download/v$v/$name" || {
      echo "cares-release.sh: cannot download $name: put it in $deps" \
        "(or point SADDR_DEPS_DIR at it)" >&2
      return 1
    }
  fi
  echo "$want  $file" | sha256sum -c --quiet - >&2 || {
    echo "cares-release.sh: $file does not have the pinned SHA-256 $want" >&2
    return 1
  }
  echo "cares-release.sh: $file, SHA-256 verified" >&2
  echo "$file"
}

unpack() {
  local file
  file=$(tarball "$1")
  rm -rf "$2"
  mkdir -p "$2"
  tar -xzf "$file" -C "$2" --strip-components=1
}

case ${1:-} in
  source)
    [ $# -eq 3 ] || { echo "usage: $0 source VERSION DIR" >&2; exit 2; }
    unpack "$2" "$3"
    ;;
  build)
    [ $# -eq 3 ] || { echo "usage: $0 build VERSION PREFIX" >&2; exit 2; }
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    unpack "$2" "$work/src"
    cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$3" -DCMAKE_INSTALL_LIBDIR=lib \
      -DCARES_SHARED=ON -DCARES_STATIC=ON -DCARES_STATIC_PIC=ON \
      -DCARES_BUILD_TOOLS=OFF -DCARES_BUILD_TESTS=OFF >/dev/null
    cmake --build "$work/build" -j"$(nproc)" >/dev/null
    cmake --install "$work/build" >/dev/null
    echo "cares-release.sh: c-ares $2 installed in $3 (PKG_CONFIG_PATH=$3/lib/pkgconfig)"
    ;;
  *)
    echo "usage: $0 source|build VERSION DIR" >&2
    exit 2
    ;;
esac
