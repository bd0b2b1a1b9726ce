#!/usr/bin/env bash
# docs/getting-started.md's server and client: the server binds its specs
# and serves them from epoll; the client resolves (hosts file only) and
# connects from its own loop, falling back from ::1 to 127.0.0.1.
set -u
server=${1:?usage: server_client.sh SERVER CLIENT} client=${2:?}
dir=$(mktemp -d)
spid=
trap '[ -n "$spid" ] && kill "$spid" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf '127.0.0.1 app.test\n::1 app.test\n' >"$dir/hosts"

timeout 30 "$server" -n 4 127.0.0.1:0 udp@127.0.0.1:0 >"$dir/server.out" 2>&1 &
spid=$!
for _ in $(seq 50); do
  [ "$(grep -c '^listening on' "$dir/server.out")" = 2 ] && break
  sleep 0.1
done
cat "$dir/server.out"
tcp=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/server.out")
udp=$(sed -n 's/^listening on dgram+127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/server.out")
[ -n "$tcp" ] && [ -n "$udp" ] || fail "server did not list its sockets"

# A name with ::1 first: nothing listens there, so the client moves on.
# --server is never asked (the hosts file answers) but keeps the test off
# the system's DNS configuration.
run() {
  out=$(timeout 20 "$client" --hosts "$dir/hosts" --server 127.0.0.1:9 "$1") ||
    fail "client $1: exit status $?: $out"
  printf '%s\n' "$out"
}
run "app.test:$tcp"
printf '%s\n' "$out" | head -n1 | grep -qx "trying \[::1\]:$tcp\|\[::1\]:$tcp: .*" ||
  fail "app.test: ::1 not tried first"
printf '%s\n' "$out" | grep -qx "connected to 127.0.0.1:$tcp" || fail "no fallback"
printf '%s\n' "$out" | grep -qx "hello 127.0.0.1:[1-9][0-9]*" || fail "no greeting"
run "127.0.0.1:$tcp"
[ "$(printf '%s\n' "$out" | head -n1)" = "trying 127.0.0.1:$tcp" ] || fail "literal"
printf '%s\n' "$out" | grep -qx "hello 127.0.0.1:[1-9][0-9]*" || fail "no greeting"
run "localhost:$tcp"
printf '%s\n' "$out" | grep -qx "hello 127.0.0.1:[1-9][0-9]*" || fail "no greeting"

# The datagram socket answers with the sender's address.
reply=$(python3 - "$udp" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(b"hi", ("127.0.0.1", int(sys.argv[1])))
print(s.recv(512).decode().strip(), s.getsockname()[1])
PY
) || fail "no datagram reply"
set -- $reply
[ "$1 $2" = "hello 127.0.0.1:$3" ] || fail "datagram reply '$reply'"
echo "ok: $reply"

wait "$spid"; rc=$?
spid=
[ "$rc" = 0 ] || fail "server exit status $rc"
echo "ok: server served 4 clients and exited"
# A bad spec names itself and where it went wrong.
out=$("$server" '[::1]:99999' 2>&1) && fail "bad spec accepted"
printf '%s\n' "$out" | grep -q '^\[::1\]:99999: .*0-65535' || fail "error: $out"
echo "ok: $out"
