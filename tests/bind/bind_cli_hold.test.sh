#!/bin/bash
# saddr bind --hold keeps its sockets listening and accepts clients: a
# dual-stack IPv6 wildcard takes an IPv4 client on 127.0.0.1 and an IPv6
# client on ::1, and the command exits by itself when the time is up.
set -euo pipefail
saddr=$1
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
"$saddr" bind --json --hold 5 -f AF_INET6 --dualstack "('', 0)" >"$dir/out" &
pid=$!
for _ in $(seq 50); do [ -s "$dir/out" ] && break; sleep 0.1; done
[ "$(wc -l <"$dir/out")" = 1 ]
port=$(sed 's/.*"bound":"\[::\]:\([0-9]*\)".*/\1/' "$dir/out")
[ "$port" -gt 0 ]
# Each client is accepted and closed by saddr: reading gets EOF at once.
for host in 127.0.0.1 ::1; do
  exec 3<>"/dev/tcp/$host/$port"
  timeout 3 cat <&3 >/dev/null
  exec 3<&-
done
# The command is still holding, then exits 0 on its own.
kill -0 "$pid"
start=$SECONDS
wait "$pid"
[ $((SECONDS - start)) -le 6 ]
# Without --dualstack the IPv6 wildcard refuses IPv4 clients.
"$saddr" bind --json --hold 3 -f AF_INET6 "('', 0)" >"$dir/out2" &
pid=$!
for _ in $(seq 50); do [ -s "$dir/out2" ] && break; sleep 0.1; done
port=$(sed 's/.*"bound":"\[::\]:\([0-9]*\)".*/\1/' "$dir/out2")
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "IPv4 client reached a V6ONLY socket" >&2
  exit 1
fi
exec 3<>"/dev/tcp/::1/$port"
exec 3<&-
kill "$pid"
echo ok
