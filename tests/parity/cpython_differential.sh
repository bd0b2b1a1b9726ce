#!/bin/bash
# The randomized CPython differential (cpython_differential.py), as ctest
# runs it: compiles the parity LD_PRELOAD shim into a temporary directory
# and runs the generator with the saddr_batch driver.
# Usage: bash cpython_differential.sh SADDR_BATCH [--seed N] [--cases N]
#        [--only AF_X] [-v]
set -euo pipefail

batch=${1:?usage: $0 path-to-saddr_batch [options]}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! cc -shared -fPIC -O1 -Wall -Wextra -Werror -o "$tmp/parity_shim.so" \
  "$here/parity_shim.c" -ldl; then
  echo "FAIL the LD_PRELOAD shim does not compile"
  exit 1
fi
python3 "$here/cpython_differential.py" --batch "$batch" \
  --shim "$tmp/parity_shim.so" "${@:2}"
