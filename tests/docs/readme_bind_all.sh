#!/usr/bin/env bash
# README's first C program binds '*:0': one socket per address, both bound.
set -u
prog=${1:?usage: readme_bind_all.sh PATH-TO-PROGRAM}
if [ ! -e /proc/net/if_inet6 ]; then
  echo "SKIP: this kernel has no IPv6, so '*:0' is one address here"
  exit 0
fi
out=$("$prog" '*:0') || { echo "FAIL: exit status $?: $out"; exit 1; }
printf '%s\n' "$out"
lines=$(printf '%s\n' "$out" | wc -l)
v6=$(printf '%s\n' "$out" | grep -c '^socket [0-9]* bound to \[::\]:0$')
v4=$(printf '%s\n' "$out" | grep -c '^socket [0-9]* bound to 0\.0\.0\.0:0$')
fds=$(printf '%s\n' "$out" | awk '{print $2}' | sort -u | wc -l)
if [ "$lines" = 2 ] && [ "$v6" = 1 ] && [ "$v4" = 1 ] && [ "$fds" = 2 ]; then
  echo "ok: two sockets, IPv6 and IPv4"
else
  echo "FAIL: expected an IPv6 and an IPv4 socket"
  exit 1
fi
out=$("$prog" '127.1:80' 2>&1) && { echo "FAIL: 127.1:80 accepted"; exit 1; }
printf '%s\n' "$out" | grep -q '^SADDR_EIPV4LEGACY at byte 0: ' ||
  { echo "FAIL: error line: $out"; exit 1; }
echo "ok: errors name the code and the byte"
