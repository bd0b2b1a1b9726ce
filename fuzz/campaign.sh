#!/usr/bin/env bash
# A long local fuzzing campaign for one target (docs/fuzzing.md):
#
#   fuzz/campaign.sh TARGET MINUTES
#   fuzz/campaign.sh --minimize TARGET
#
# Builds the sanitized libFuzzer binaries (clang, ASan + UBSan) in
# build-fuzz-campaign/ if needed, fuzzes TARGET for MINUTES into a scratch
# directory, then merges whatever adds coverage into fuzz/corpus/TARGET/
# (libFuzzer -merge=1: only inputs with new coverage are copied, named by
# their SHA-1) and minimizes the corpus: a -merge=1 of the whole corpus
# into an empty directory picks a set that keeps every covered edge
# (-use_counters=0: hit-count refinements are not worth thousands of
# committed files), and SHA-1-named inputs outside that set are removed;
# the named seeds always stay. --minimize does only that last step. One process, at low priority:
# the machine is shared. A crash stops the campaign, merges nothing and
# leaves the reproducer in build-fuzz-campaign/campaign/TARGET/artifacts/.
#
# Environment: SADDR_CAMPAIGN_BUILD (build dir), SADDR_CAMPAIGN_NOMERGE=1
# (measure only, leave the corpus alone).
set -euo pipefail
usage() { echo "usage: $0 TARGET MINUTES | $0 --minimize TARGET" >&2; exit 2; }
[ $# -eq 2 ] || usage
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ "$1" = --minimize ]; then
  T=$2
  MINUTES=0
else
  T=$1
  MINUTES=$2
  [[ $MINUTES =~ ^[1-9][0-9]*$ ]] || usage
fi
B=${SADDR_CAMPAIGN_BUILD:-$ROOT/build-fuzz-campaign}
# shellcheck source=fuzz/fuzz-lib.sh
. "$ROOT/fuzz/fuzz-lib.sh"
[ -f "$ROOT/fuzz/$T.c" ] || { echo "no such target: $T" >&2; exit 2; }

if [ ! -x "$B/fuzz/$T" ]; then
  mkdir -p "$B"
  saddr_fuzz_build "$ROOT" "$B"
else
  cmake --build "$B" -j2 --target "$T" >/dev/null
fi

W=$B/campaign/$T
C=$ROOT/fuzz/corpus/$T
mapfile -t flags < <(saddr_fuzz_flags "$ROOT/fuzz/$T.options")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Keeps the named seeds and the SHA-1-named inputs of a minimal cover.
minimize() {
  rm -rf "$W/min"
  mkdir -p "$W/min"
  "$B/fuzz/$T" "${flags[@]}" -use_counters=0 -merge=1 "$W/min" "$C" \
    >"$W/minimize.log" 2>&1
  local f name
  for f in "$C"/*; do
    name=$(basename "$f")
    if [[ $name =~ ^[0-9a-f]{40}$ ]] && [ ! -e "$W/min/$name" ]; then
      rm "$f"
    fi
  done
}

before=$(find "$C" -type f | wc -l)
if [ "$MINUTES" -eq 0 ]; then
  mkdir -p "$W"
  minimize
  echo "minimized: $T corpus $before -> $(find "$C" -type f | wc -l) files"
  exit 0
fi

rm -rf "$W"
mkdir -p "$W/new" "$W/artifacts"
echo "campaign: $T for $MINUTES min, log $W/log"
rc=0
nice -n 10 "$B/fuzz/$T" "${flags[@]}" -dict="$ROOT/fuzz/$T.dict" \
  -max_total_time=$((MINUTES * 60)) -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$W/artifacts/" \
  "$W/new" "$C" >"$W/log" 2>&1 || rc=$?
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
  "$B/fuzz/$T" "${flags[@]}" -merge=1 "$C" "$W/new" >"$W/merge.log" 2>&1
  minimize
fi
echo "campaign: $T clean: $MINUTES min, $execs runs, $rate exec/s," \
  "$cov, corpus $before -> $(find "$C" -type f | wc -l) files"
