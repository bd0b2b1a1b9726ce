#!/bin/bash
# saddr bind with its own hosts and services files, the errors when they do
# not know a name, AF_UNIX stale-file replacement, and usage errors.
set -euo pipefail
saddr=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '127.0.0.1 app.test\n::1 app.test\n' >"$dir/hosts"
printf '127.0.0.1 v4only.test\n' >"$dir/hosts4"
printf 'saddr-test 0/tcp\n' >"$dir/services"

expect_error() { # CODE ARGS...: exit 1, empty stdout, the JSON error on stderr
  local code=$1 rc=0
  shift
  "$saddr" bind --json "$@" >"$dir/stdout" 2>"$dir/stderr" || rc=$?
  [ "$rc" = 1 ] && [ ! -s "$dir/stdout" ] &&
    grep -q "^{\"error\":\"$code\"" "$dir/stderr" || {
    echo "bind $*: rc $rc, expected $code" >&2
    cat "$dir/stdout" "$dir/stderr" >&2
    exit 1
  }
}

out=$("$saddr" bind --json --hosts "$dir/hosts" --services "$dir/services" \
  app.test:saddr-test)
[ "$(printf '%s\n' "$out" | wc -l)" = 2 ]
printf '%s\n' "$out" | head -n1 | grep -q '"bound":"\[::1\]:[1-9]'
printf '%s\n' "$out" | tail -n1 | grep -q '"bound":"127.0.0.1:[1-9]'

expect_error SADDR_ERESOLVE --hosts "$dir/hosts" other.test:0
grep -q 'bind does no DNS' "$dir/stderr"
grep -q '"offset":0,"length":10' "$dir/stderr"
expect_error SADDR_ESERVICE --services "$dir/services" 127.0.0.1:nosuch
grep -q '"offset":10,"length":6' "$dir/stderr"
expect_error SADDR_ENODATA --hosts "$dir/hosts4" -f AF_INET6 v4only.test:0

# AF_UNIX: the command leaves its socket file behind when it exits, so the
# next bind finds a stale socket.
sock=$dir/s.sock
"$saddr" bind --json "$sock" | grep -q "\"bound\":\"$sock\""
[ -S "$sock" ]
expect_error SADDR_EEXIST "$sock"
"$saddr" bind --json --replace-stale "$sock" >/dev/null
printf 'data\n' >"$dir/file"
expect_error SADDR_EEXIST --replace-stale "$dir/file"
[ "$(cat "$dir/file")" = data ]

# Usage errors exit 2.
rc=0
"$saddr" bind --hold soon '*:0' 2>/dev/null || rc=$?
[ "$rc" = 2 ]
echo ok
