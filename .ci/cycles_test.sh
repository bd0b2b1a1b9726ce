#!/usr/bin/env bash
# Shows that .ci/cycles.sh catches what it is for: a planted call cycle
# between two object files and a planted include cycle between two
# headers fail it; the same files without the cycle pass.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
mkdir -p "$tmp/src/x" "$tmp/obj/x"

plant() { # $1: whether b.c calls back into a.c; $2: whether y.h includes x.h
  cat >"$tmp/src/x/a.c" <<'C'
int saddr_b(int);
int saddr_a(int v) { return v > 0 ? saddr_b(v - 1) : 0; }
C
  if [ "$1" = yes ]; then
    printf 'int saddr_a(int);\nint saddr_b(int v) { return saddr_a(v); }\n'
  else
    printf 'int saddr_b(int v) { return v; }\n'
  fi >"$tmp/src/x/b.c"
  printf '#include "x/y.h"\n' >"$tmp/src/x/x.h"
  if [ "$2" = yes ]; then printf '#include "x/x.h"\n'; else :; fi >"$tmp/src/x/y.h"
  for f in a b; do
    "$cc" -c -o "$tmp/obj/x/$f.c.o" "$tmp/src/x/$f.c"
  done
}

expect() { # $1: pass or fail; the rest: what is planted
  want=$1
  shift
  plant "$@"
  if bash "$here/cycles.sh" "$tmp/src" "$tmp/obj" >"$tmp/out" 2>&1; then
    got=pass
  else
    got=fail
  fi
  if [ "$got" != "$want" ]; then
    echo "FAIL: cycles.sh should $want (call cycle: $1, include cycle: $2):"
    cat "$tmp/out"
    exit 1
  fi
  echo "call cycle $1, include cycle $2: $got, as it should"
}

expect pass no no
expect fail yes no
expect fail no yes
plant yes no
bash "$here/cycles.sh" "$tmp/src" "$tmp/obj" >"$tmp/out" 2>&1 || true
if grep -q '^    x/a$' "$tmp/out" && grep -q '^    x/b$' "$tmp/out"; then
  echo "the report names the files on the loop"
else
  echo "FAIL: the report does not name x/a and x/b"
  exit 1
fi
