#!/usr/bin/env bash
# A long local fuzzing campaign for one target (docs/fuzzing.md):
#
#   fuzz/campaign.sh TARGET MINUTES
#
# Builds the sanitized libFuzzer binaries (clang, ASan + UBSan) in
# build-fuzz-campaign/ if needed, fuzzes TARGET for MINUTES into a scratch
# directory, then merges whatever adds coverage into fuzz/corpus/TARGET/
# (libFuzzer -merge=1: only inputs with new coverage are copied, named by
# their SHA-1; the named seeds stay). One process, at low priority: the
# machine is shared. A crash stops the campaign, merges nothing and leaves
# the reproducer in build-fuzz-campaign/campaign/TARGET/artifacts/.
#
# Environment: SADDR_CAMPAIGN_BUILD (build dir), SADDR_CAMPAIGN_NOMERGE=1
# (measure only, leave the corpus alone).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 TARGET MINUTES" >&2; exit 2; }
cd "$(dirname "$0")/.."
ROOT=$PWD
T=$1
MINUTES=$2
B=${SADDR_CAMPAIGN_BUILD:-$ROOT/build-fuzz-campaign}
# shellcheck source=fuzz-lib.sh
. "$ROOT/fuzz/fuzz-lib.sh"
[ -f "$ROOT/fuzz/$T.c" ] || { echo "no such target: $T" >&2; exit 2; }

if [ ! -x "$B/fuzz/$T" ]; then
  mkdir -p "$B"
  saddr_fuzz_build "$ROOT" "$B"
else
  cmake --build "$B" -j2 --target "$T" >/dev/null
fi

W=$B/campaign/$T
rm -rf "$W"
mkdir -p "$W/new" "$W/artifacts"
mapfile -t flags < <(saddr_fuzz_flags "$ROOT/fuzz/$T.options")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
before=$(find "$ROOT/fuzz/corpus/$T" -type f | wc -l)
echo "campaign: $T for $MINUTES min, log $W/log"
rc=0
nice -n 10 "$B/fuzz/$T" "${flags[@]}" -dict="$ROOT/fuzz/$T.dict" \
  -max_total_time=$((MINUTES * 60)) -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$W/artifacts/" \
  "$W/new" "$ROOT/fuzz/corpus/$T" >"$W/log" 2>&1 || rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$W/log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$W/log")
cov=$(grep -o 'cov: [0-9]*' "$W/log" | tail -1 || true)
if [ "$rc" -ne 0 ]; then
  echo "campaign: $T CRASHED after ${execs:-?} runs; reproducer:" >&2
  ls "$W/artifacts" >&2
  grep -E "ERROR|invariant|runtime error|SUMMARY" "$W/log" | head -10 >&2
  exit 1
fi
if [ "${SADDR_CAMPAIGN_NOMERGE:-0}" != 1 ]; then
  "$B/fuzz/$T" "${flags[@]}" -merge=1 "$ROOT/fuzz/corpus/$T" "$W/new" \
    >"$W/merge.log" 2>&1
fi
after=$(find "$ROOT/fuzz/corpus/$T" -type f | wc -l)
echo "campaign: $T clean: $MINUTES min, $execs runs, $rate exec/s," \
  "$cov, corpus $before -> $after files"
