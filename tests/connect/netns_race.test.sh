# shellcheck shell=bash
# saddr connect ($1) to a dnsmasq-served dual-stack name whose IPv6 address
# black-holes, inside a network namespace this script creates: a veth pair
# with a static neighbour entry swallows every packet to 2001:db8::1 (no
# answer, no error), while 127.0.0.1 accepts. Expected: both attempts
# printed, IPv4 connected about one attempt delay (250 ms) after IPv6
# started. Skips, saying why, where network namespaces or veth are missing.
set -euo pipefail
SADDR=$1
if [ -z "${SADDR_IN_NETNS:-}" ]; then
  for how in "-n" "-rn"; do
    if unshare $how true 2>/dev/null; then
      exec unshare $how env SADDR_IN_NETNS=1 bash "$0" "$@"
    fi
  done
  echo "SKIP: cannot create a network namespace (unshare -n and -rn refused)"
  exit 0
fi

ip link set lo up
if ! ip link add saddr-v0 type veth peer name saddr-v1 2>/dev/null; then
  echo "SKIP: the kernel has no veth devices"
  exit 0
fi
ip link set saddr-v0 up
ip link set saddr-v1 up
ip -6 addr add 2001:db8::2/64 dev saddr-v0 nodad
ip -6 neigh add 2001:db8::1 lladdr 02:00:00:00:00:01 dev saddr-v0

. "$(dirname "$0")/../resolve/dnsmasq.sh"
dnsmasq_start --host-record=hole.test,2001:db8::1,127.0.0.1,60

# An IPv4 listener that accepts, stopped on exit.
exec {PORT_FD}< <(exec python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
end = time.monotonic() + 30
s.settimeout(1)
while time.monotonic() < end:
    try:
        s.accept()[0].close()
    except OSError:
        pass
')
LISTENER_PID=$!
trap 'kill "$LISTENER_PID" "$DNSMASQ_PID" 2>/dev/null; wait "$DNSMASQ_PID" 2>/dev/null' EXIT
read -r PORT <&"$PORT_FD"

passed=0 failed=0
check() { if [ "$2" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); printf 'FAIL %s: expected %s, got %s\n' "$1" "$2" "$3" >&2; fi; }

out=$("$SADDR" connect --json --server "$DNS_SERVER" --hosts /dev/null "hole.test:$PORT")
printf '%s\n' "$out"
summary=$(python3 -c '
import json, sys
a, b, r = [json.loads(l) for l in sys.stdin]
start = b["start_ms"] - a["start_ms"]
print(a["compact"], a["outcome"], b["compact"], b["outcome"],
      "delay-ok" if 249 <= start < 400 else "delay-%.1f" % start, r["peer"])' <<<"$out")
check race "[2001:db8::1]:$PORT closed 127.0.0.1:$PORT connected delay-ok 127.0.0.1:$PORT" "$summary"

# Without the race (IPv6 only) the deadline is what ends it.
status=0
"$SADDR" connect --timeout 300 "[2001:db8::1]:$PORT" >/dev/null 2>&1 || status=$?
check blackhole-deadline 1 "$status"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
