#!/usr/bin/env bash
# Host names that start with a digit ("3d.de") are names, not IPv4 attempts:
# parse says they need resolution, resolve and bind answer them from the
# hosts file given. Invalid "*.localhost" names are refused as names.
# No DNS: the hosts file answers, and the only server named is a closed
# local port.
set -u
SADDR=${1:?usage: digit_names_cli.test.sh PATH-TO-SADDR}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '127.0.0.1 3d.de 0x1.de 365.de\n' >"$tmp/hosts"

field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())[sys.argv[1]])' "$1" 2>/dev/null; }

for name in 3d.de 0x1.de 365.de; do
  got=$("$SADDR" parse --json "$name:80" 2>&1 >/dev/null | field error)
  [ "$got" = SADDR_ERESOLVE ] && ok || bad "parse $name:80: '$got', expected SADDR_ERESOLVE"
  got=$(timeout 20 "$SADDR" resolve --json -f AF_INET --hosts "$tmp/hosts" \
    --server 127.0.0.1:9 --timeout 500 "$name:80" | field hex)
  [ "$got" = 020000507f0000010000000000000000 ] && ok || bad "resolve $name:80: '$got'"
  got=$(timeout 20 "$SADDR" bind --json -f AF_INET --hosts "$tmp/hosts" \
    "$name:0" | field family)
  [ "$got" = AF_INET ] && ok || bad "bind $name:0: '$got'"
done
for bad_name in 'a b.localhost' 'a..b.localhost' '.x.localhost' '.localhost'; do
  got=$("$SADDR" parse --json "$bad_name:80" 2>&1 >/dev/null | field error)
  [ "$got" = SADDR_EHOSTNAME ] && ok || bad "parse '$bad_name:80': '$got'"
done
got=$("$SADDR" parse --json --syntax tuple -f AF_INET "('127.0.0.1', +True)" | field hex)
[ "$got" = 020000017f0000010000000000000000 ] && ok || bad "+True port: '$got'"

printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
