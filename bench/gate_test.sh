#!/usr/bin/env bash
# Tests the instruction-count gate (bench/gate.py) with one compiler:
#   bench/gate_test.sh [CC]        (default cc; run it with gcc and clang)
# 1. an unchanged tree (a checkout of HEAD in a temporary worktree) against
#    base HEAD passes, every operation at +0.00 %, and the verdict says
#    "passed" with no failure wording;
# 2. the same tree with a planted regression fails: a patch applied to the
#    temporary copy only (never to the committed code) puts N `nop`s at
#    the top of saddr_parse_addr, N = 5 % of ipv4_hostport/saddr's count
#    with this compiler, and the gate must name that operation;
# 3. without a base (--no-base) the gate uses bench/baseline.json only when
#    this compiler made it, and otherwise refuses with exit status 2.
# About a minute per compiler on two cores; the base build is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CC_UNDER_TEST=${1:-${CC:-cc}}
W=$(mktemp -d "${TMPDIR:-/tmp}/saddr-gate-test.XXXXXX")
cleanup() {
  git -C "$ROOT" worktree remove --force "$W/change" >/dev/null 2>&1 || true
  git -C "$ROOT" worktree remove --force "$W/work/base-src" >/dev/null 2>&1 || true
  git -C "$ROOT" worktree prune
  rm -rf "$W"
}
trap cleanup EXIT
fail() { echo "gate_test ($CC_UNDER_TEST): FAIL: $*" >&2; exit 1; }

git -C "$ROOT" worktree add --detach -f "$W/change" HEAD >/dev/null 2>&1
gate() {
  set +e
  timeout 900 python3 "$ROOT/bench/gate.py" --src "$W/change" --cc "$CC_UNDER_TEST" \
    --work "$W/work" --keep "$@" >"$W/out" 2>&1
  rc=$?
  set -e
  cat "$W/out"
}

echo "== 1. unchanged tree against base HEAD"
gate --base HEAD --json "$W/count.json"
[ "$rc" -eq 0 ] || fail "the unchanged tree did not pass (exit $rc)"
grep -q '^gate: passed: ' "$W/out" || fail "no 'passed' verdict"
if grep -Eiq 'FAIL|MISSED|below target' "$W/out"; then
  fail "failure wording in a passing run"
fi
moved=$(awk '$NF == "ok" && $(NF-2) != "+0.00%"' "$W/out")
[ -z "$moved" ] || fail "counts moved without a change: $moved"

echo "== 2. planted +5 % regression in a temporary copy"
nops=$(python3 -c 'import json, math, sys
c = json.load(open(sys.argv[1]))["ops"]["ipv4_hostport/saddr"]["per_op"]
print(math.ceil(0.05 * c))' "$W/count.json")
python3 - "$W/change/core/src/syntax/parse.c" "$nops" <<'PY'
import re, sys
path, n = sys.argv[1], int(sys.argv[2])
src = open(path).read()
m = re.search(r"\nint saddr_parse_addr\([^{]*\{\n", src)
if not m:
    sys.exit("gate_test: saddr_parse_addr not found in " + path)
plant = '  __asm__ volatile(".rept %d\\n\\tnop\\n\\t.endr");\n' % n
open(path, "w").write(src[:m.end()] + plant + src[m.end():])
PY
gate --base HEAD
[ "$rc" -eq 1 ] || fail "the planted regression did not fail the gate (exit $rc)"
grep -q '^gate: FAILED: ' "$W/out" || fail "no FAILED verdict"
grep -Eq '^gate:   ipv4_hostport/saddr: .*\+5\.[0-9]+ %' "$W/out" ||
  fail "ipv4_hostport/saddr not named with its +5 % growth"
git -C "$W/change" checkout -q -- core/src/syntax/parse.c

echo "== 3. no base: bench/baseline.json only from the same compiler"
gate --no-base
made_by=$(python3 -c 'import json; print(json.load(open("bench/baseline.json")).get("compiler", "?"))')
this=$(sed -n 's/^gate: compiler: \(.*\) (.*/\1/p' "$W/out")
if [ "$made_by" = "$this" ]; then
  [ "$rc" -eq 0 ] || fail "baseline fallback with the same compiler did not pass"
  grep -q 'compared: the committed bench/baseline.json' "$W/out" ||
    fail "the report does not say it used bench/baseline.json"
else
  [ "$rc" -eq 2 ] || fail "baseline by $made_by used for $this (exit $rc)"
  grep -q "NOT COMPARED: .*recorded by $made_by, not by $this" "$W/out" ||
    fail "the refusal does not name both compilers"
fi
echo "gate_test ($CC_UNDER_TEST = $this): all 3 checks passed"
