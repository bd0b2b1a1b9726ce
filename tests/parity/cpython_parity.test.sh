#!/bin/bash
# CPython parity test: compares saddr's sockaddrs and tuple text with what
# the local CPython 3.11 produces (see cpython_parity.py and
# docs/cpython-differences.md). Usage: bash cpython_parity.test.sh SADDR_CLI
set -euo pipefail

saddr=${1:?usage: $0 path-to-saddr-cli}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! cc -shared -fPIC -O1 -Wall -Wextra -Werror -o "$tmp/parity_shim.so" \
  "$here/parity_shim.c" -ldl; then
  echo "FAIL the LD_PRELOAD shim does not compile"
  echo "0 passed, 1 failed"
  exit 1
fi
python3 "$here/cpython_parity.py" --saddr "$saddr" --shim "$tmp/parity_shim.so" \
  "${@:2}"
