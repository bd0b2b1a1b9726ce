#!/usr/bin/env bash
# saddr parse / format through the CLI: JSON lines, error JSON on stderr with
# an empty stdout and a non-zero status, and format -> parse round trips.
set -u
SADDR=${1:?usage: cli_parse.test.sh PATH-TO-SADDR}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# expect_json ARGS... -- FIELD=VALUE...: first output line's fields.
expect_json() {
  local args=() out
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  out=$("$SADDR" "${args[@]}" 2>/dev/null | head -n 1)
  for kv in "$@"; do
    local k=${kv%%=*} v=${kv#*=} got
    got=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$k" 2>/dev/null)
    if [ "$got" = "$v" ]; then ok; else bad "${args[*]}: $k='$got', expected '$v'"; fi
  done
}

# expect_error ARGS... -- CODE OFFSET
expect_error() {
  local args=() out err rc
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  out=$("$SADDR" "${args[@]}" 2>/tmp/saddr-cli-err.$$); rc=$?
  err=$(cat /tmp/saddr-cli-err.$$); rm -f /tmp/saddr-cli-err.$$
  [ "$rc" -ne 0 ] && ok || bad "${args[*]}: exit status 0"
  [ -z "$out" ] && ok || bad "${args[*]}: stdout not empty: $out"
  local code off
  code=$(printf '%s' "$err" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["error"], d["offset"], d["length"] >= 0, bool(d["message"]))' 2>/dev/null)
  [ "$code" = "$1 $2 True True" ] && ok || bad "${args[*]}: got '$code' from '$err', expected $1 $2"
}

expect_json parse --json "192.0.2.1:80" -- family=AF_INET type=SOCK_STREAM proto=0 len=16 \
  hex=02000050c00002010000000000000000 "tuple=('192.0.2.1', 80)" compact=192.0.2.1:80
expect_json parse --json -f AF_INET6 "('fe80::1%lo', 80)" -- len=28 \
  hex=0a00005000000000fe80000000000000000000000000000101000000 "tuple=('fe80::1', 80, 0, 1)"
expect_json parse --json "[2001:db8::1]:443" -- family=AF_INET6 compact=[2001:db8::1]:443 \
  hex=0a0001bb0000000020010db800000000000000000000000100000000
expect_json parse --json -t SOCK_DGRAM "[::1]:53" -- type=SOCK_DGRAM compact=dgram+[::1]:53
expect_json parse --json --port 8080 "2001:db8::1" -- compact=[2001:db8::1]:8080
expect_json parse --json --syntax tuple -f AF_INET "('', 0)" -- compact=0.0.0.0:0
expect_json parse --json -f 10 "('::1', 1, 2, 3)" -- "tuple=('::1', 1, 2, 3)"
expect_json format --json -f AF_INET6 0a0001bb0000000020010db800000000000000000000000100000000 -- \
  compact=[2001:db8::1]:443 "tuple=('2001:db8::1', 443, 0, 0)" len=28
expect_json format --json -f AF_INET 02000050c00002010000000000000000 -- "tuple=('192.0.2.1', 80)"
expect_json format --json -f 99 6300aabb -- "tuple=(99, b'\\xaa\\xbb')"

n=$("$SADDR" parse --json "*:80" | wc -l); [ "$n" = 2 ] && ok || bad "*:80 gives $n lines"
n=$("$SADDR" parse --json "localhost:80" | wc -l); [ "$n" = 2 ] && ok || bad "localhost gives $n lines"
"$SADDR" parse "*:80" | grep -q '^FAMILY' && ok || bad "table header missing"
"$SADDR" parse --help | grep -q 'usage: saddr parse' && ok || bad "parse --help"
"$SADDR" --help | grep -q 'format' && ok || bad "saddr --help"
"$SADDR" parse --bogus x >/dev/null 2>&1; [ $? = 2 ] && ok || bad "unknown option status"

expect_error parse --json "2001:db8::1:443" -- SADDR_EBRACKETS 0
expect_error parse --json "example.com:443" -- SADDR_ERESOLVE 0
expect_error parse --json "example.com:https" -- SADDR_ESERVICE 12
expect_error parse --json "127.1:80" -- SADDR_EIPV4LEGACY 0
expect_error parse --json "1.2.3.4:" -- SADDR_ENOPORT 8
expect_error parse --json ":99999" -- SADDR_EPORT 1
expect_error parse --json "[::1" -- SADDR_EIPV6 0
expect_error parse --json "(" -- SADDR_ETUPLE 1
expect_error parse --json -f AF_INET "('a', 1" -- SADDR_ETUPLE 7
expect_error parse --json -f AF_INET "('1.2.3.4', 70000)" -- SADDR_ERANGE 12
expect_error parse --json "" -- SADDR_EEMPTY 0
expect_error format --json -f AF_INET 0200zz -- SADDR_EHEX 4
expect_error format --json -f AF_INET 020 -- SADDR_EHEX 2
expect_error format --json -f AF_INET 0200 -- SADDR_ELENGTH 0

# Round trips: parse -> compact -> parse and parse -> hex -> format -> parse.
for spec in "192.0.2.1:80" "[2001:db8::1]:443" "[fe80::1%lo]:53" "*:0" "udp@[::ffff:1.2.3.4]:9" "localhost:1"; do
  while IFS=$'\t' read -r fam hex compact tuple; do
    again=$("$SADDR" parse --json -f "$fam" "$compact" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["hex"])')
    [ "$again" = "$hex" ] && ok || bad "$spec: compact '$compact' parses to $again, not $hex"
    again=$("$SADDR" parse --json -f "$fam" "$tuple" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["hex"])')
    [ "$again" = "$hex" ] && ok || bad "$spec: tuple '$tuple' parses to $again, not $hex"
    back=$("$SADDR" format --json -f "$fam" "$hex" | python3 -c 'import json,sys; print(json.load(sys.stdin)["compact"])')
    [ "$back" = "${compact#dgram+}" ] && ok || bad "$spec: format gives '$back', not '$compact'"
  done < <("$SADDR" parse --json "$spec" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print("\t".join([d["family"], d["hex"], d["compact"], d["tuple"]]))')
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
