#!/usr/bin/env bash
# Quick start: installs what is missing, builds saddr, and runs the saddr CLI
# on real examples. Nothing here talks to a network: names come from a hosts
# file, and the only DNS server named is an unused loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
stage() { printf '== [%s] %s (%ds)\n' "$1" "$2" "$((SECONDS - start))"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

stage 1/4 "checking packages"
. tests/deps.sh
saddr_need_packages $SADDR_BUILD_PACKAGES

stage 2/4 "configuring with cmake"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSADDR_BUILD_FUZZ=OFF >"$log" 2>&1 ||
  { cat "$log"; exit 1; }

# cmake's own "[ 42%]" lines, condensed to one line per tenth; the full log
# is shown only when the build fails.
stage 3/4 "building with $(nproc) jobs (a minute or so on two cores)"
shown=0
cmake --build build -j"$(nproc)" 2>&1 | tee "$log" |
  sed -un 's/^\[ *\([0-9][0-9]*\)%\].*/\1/p' | {
  while read -r pct; do
    if [ "$pct" -ge $((shown + 10)) ]; then
      shown=$((pct / 10 * 10))
      printf '   %3d%% built (%ds)\n' "$shown" "$((SECONDS - start))"
    fi
  done
} || { tail -n 40 "$log"; exit 1; }
saddr=build/core/saddr

stage 4/4 "running the saddr command"

run() {
  printf '\n$ saddr %s\n' "$*"
  "$saddr" "$@" || true
}

echo "== parsing: compact syntax"
run parse "192.0.2.1:80"
run parse "[2001:db8::1]:443"
run parse "[fe80::1%lo]:53"
run parse "*:8080"
run parse "localhost:80"
run parse --json "udp@[::1]:53"
echo
echo "== parsing: Python tuple syntax"
run parse -f AF_INET6 "('fe80::1%lo', 80)"
run parse -f AF_INET "('', 8080)"
run parse --json -f AF_INET6 "('::1', 80, 0, 0)"
echo
echo "== strict by default (each of these is refused with a precise error)"
run parse "2001:db8::1:443"
run parse "127.1:80"
run parse "example.com:443"
run parse "udp:1.2.3.4:53"
run parse --json "127.1:80"
echo
echo "== formatting sockaddr bytes back to text"
run format -f AF_INET6 0a0001bb0000000020010db800000000000000000000000100000000
echo
echo "== resolving from a hosts file (no DNS traffic: the server is a closed loopback port)"
run resolve --hosts tests/data/quickstart.hosts --server 127.0.0.1:9 --timeout 500 app.example:443
echo
echo "== binding every family's wildcard on an ephemeral port"
run bind "*:0"
echo
echo "== connecting (Happy Eyeballs) to a listener this script starts on 127.0.0.1"
listener=$(mktemp)
"$saddr" bind --json --hold 3 127.0.0.1:0 >"$listener" &
holder=$!
for _ in $(seq 50); do grep -q '"bound"' "$listener" && break; sleep 0.1; done
port=$(sed -n 's/.*"bound":"127\.0\.0\.1:\([0-9]*\)".*/\1/p' "$listener")
echo "(app.example is ::1 and 127.0.0.1 in the hosts file: ::1 refuses, IPv4 wins)"
run connect --hosts tests/data/quickstart.hosts --server 127.0.0.1:9 "app.example:$port"
run connect --json "127.0.0.1:$port"
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
rm -f "$listener"
echo
echo "== other families"
run parse --json "@app"
run parse -f AF_PACKET "('lo', 0x0800)"
run parse "vsock:2:1024"
