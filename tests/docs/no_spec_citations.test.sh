#!/usr/bin/env bash
# The docs state the contract in their own words: no file under docs/,
# bench/ or core/, nor README.md, cites a section of an outside contract
# (the contract's name followed by a section sign, or its file name) or a
# target id (a P followed by 1 to 11).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pattern='SPEC ?§|SPEC\.md|\bSPEC (section|target)|\bP(10|11|[1-9])\b'
cd "$root" || exit 1
fail=0 checked=0
while IFS= read -r -d '' f; do
  checked=$((checked + 1))
  if grep -qIE "$pattern" "$f"; then
    grep -nIE "$pattern" "$f" | sed "s|^|$f:|"
    fail=1
  fi
done < <(find docs bench core README.md -type f -print0)
echo "$checked files checked"
[ "$fail" = 0 ] && echo "ok: no citations"
exit "$fail"
