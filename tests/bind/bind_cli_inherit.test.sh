#!/bin/bash
# saddr bind under a real systemd-socket-activate (Debian's systemd
# package): --inherit adopts the passed listener and binds nothing new,
# sd@NAME / sd@INDEX / fd@N pick the right passed socket, a client is
# accepted on it; and the CLI's precise errors for descriptors that are not
# the socket asked for. Loopback only; every port is chosen at run time.
set -euo pipefail
saddr=$1
if ! command -v systemd-socket-activate >/dev/null; then
  echo "systemd-socket-activate is missing: install Debian's systemd package" >&2
  exit 1
fi
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# A port that is free now: bind port 0, read it back, close.
free_port() {
  "$saddr" bind --json 127.0.0.1:0 | sed 's/.*"bound":"127\.0\.0\.1:\([0-9]*\)".*/\1/'
}

# activate NAME ARGS...: runs systemd-socket-activate ARGS in the
# background (output in $dir/NAME.out, .err) and waits until it listens on
# every -l address.
activate() {
  local name=$1
  shift
  local want
  want=$(printf '%s\n' "$@" | grep -c '^-l$' || true)
  timeout 20 systemd-socket-activate "$@" >"$dir/$name.out" 2>"$dir/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do
    n=$(grep -c '^Listening on' "$dir/$name.err" 2>/dev/null || true)
    [ "${n:-0}" -ge "$want" ] && return 0
    sleep 0.05
  done
  echo "systemd-socket-activate did not listen:" >&2
  cat "$dir/$name.err" >&2
  exit 1
}

# Connects to 127.0.0.1:PORT (or HOST:PORT) (which makes
# systemd-socket-activate start the command) and waits for saddr to accept
# and close the connection.
client() {
  exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1"
  timeout 5 cat <&3 >/dev/null 2>&1 || true
  exec 3<&-
}

# 1. The done-means: --inherit reports the passed socket and binds nothing
#    new (a new bind to the port would fail: systemd-socket-activate holds
#    it); the client that started it is accepted.
port=$(free_port)
activate inherit -l "127.0.0.1:$port" \
  "$saddr" bind --inherit --json --hold 1 "127.0.0.1:$port"
client "$port"
wait "$pid"
[ "$(wc -l <"$dir/inherit.out")" = 1 ]
grep -q "\"compact\":\"127.0.0.1:$port\",\"bound\":\"127.0.0.1:$port\",\"inherited\":true" "$dir/inherit.out"
grep -q 'Execing' "$dir/inherit.err"

# 1b. '*:PORT' under a socket for the bare port (systemd's [::]:PORT, which
#     takes IPv4 too unless net.ipv6.bindv6only=1): the IPv6 wildcard is
#     adopted, and an IPv4 socket is bound only when the passed one is
#     IPv6-only. A client on ::1 is accepted either way.
if [ -e /proc/net/if_inet6 ]; then
  port=$(free_port)
  v6only=$(cat /proc/sys/net/ipv6/bindv6only)
  activate allfam -l "$port" \
    "$saddr" bind --inherit --json --hold 1 "*:$port"
  client "$port" ::1
  wait "$pid"
  [ "$(wc -l <"$dir/allfam.out")" = $((1 + v6only)) ]
  head -n 1 "$dir/allfam.out" | grep -q "\"compact\":\"\[::\]:$port\",\"bound\":\"\[::\]:$port\""
else
  echo "SKIP '*:PORT' case: the kernel has no IPv6"
fi

# 2. Without --inherit the same spec binds anew and fails: the port is the
#    passed socket's.
port=$(free_port)
activate plain -l "127.0.0.1:$port" "$saddr" bind --json "127.0.0.1:$port"
client "$port"
if wait "$pid"; then
  echo "bind without --inherit should have failed" >&2
  exit 1
fi
grep -q '"error":"SADDR_EADDRINUSE"' "$dir/plain.err"

# 3. Names: sd@second and sd@1 adopt the second passed socket, which
#    accepts; the first is left alone.
p1=$(free_port)
p2=$(free_port)
for spec in sd@second sd@1; do
  activate "$spec" -l "127.0.0.1:$p1" -l "127.0.0.1:$p2" \
    --fdname=first:second "$saddr" bind --json --hold 1 "$spec"
  client "$p2"
  wait "$pid"
  [ "$(wc -l <"$dir/$spec.out")" = 1 ]
  grep -q "\"bound\":\"127.0.0.1:$p2\"" "$dir/$spec.out"
done
activate unknown -l "127.0.0.1:$p1" --fdname=first \
  "$saddr" bind --json sd@second
client "$p1"
if wait "$pid"; then
  echo "sd@second should not have been found" >&2
  exit 1
fi
grep -q '"error":"SADDR_ENOINHERIT".*"message":"sd@second: none of the 1 socket passed has that name"' "$dir/unknown.err"

# 4. fd@3: the descriptor itself, as a re-executing server passes it on.
port=$(free_port)
activate fd -l "127.0.0.1:$port" "$saddr" bind --json --hold 1 fd@3
client "$port"
wait "$pid"
grep -q "\"family\":\"AF_INET\",\"type\":\"SOCK_STREAM\",\"proto\":6.*\"bound\":\"127.0.0.1:$port\",\"inherited\":true" "$dir/fd.out"

# 5. Precise errors, exit status 1, for descriptors that are not sockets.
: >"$dir/file"
expect_error() { # CODE MESSAGE SPEC (stdin/fd setup by the caller)
  local out pat
  # A glob, so that a process id can be matched.
  pat="*\"error\":\"$1\"*\"message\":\"$2\"*"
  if out=$("$saddr" bind --json "$3" 2>&1 >/dev/null); then
    echo "saddr bind $3 should have failed" >&2
    exit 1
  fi
  # shellcheck disable=SC2254 # the pattern is meant as a glob
  case $out in
  $pat) ;;
  *)
    echo "saddr bind $3: got $out, expected $1 $2" >&2
    exit 1
    ;;
  esac
}
expect_error SADDR_EINHERIT "fd@3 is a regular file, not a socket" fd@3 3<"$dir/file"
expect_error SADDR_ENOINHERIT "fd@7: descriptor 7 is not open" fd@7 7<&-
expect_error SADDR_ERANGE "fd@2 is standard error: inherited sockets are descriptors 3-2147483647" fd@2
expect_error SADDR_ERANGE "descriptor must be 3-2147483647" fd@99999999999
# 6. LISTEN_PID of another process: nothing is adopted.
LISTEN_PID=1 LISTEN_FDS=1 expect_error SADDR_ENOINHERIT \
  "sd@0: no sockets were passed to this process (LISTEN_PID is 1, this process is "'[0-9]*'")" sd@0 3<"$dir/file"
echo ok
