# shellcheck shell=bash
# Sourced by the connect shell tests: starts listeners.py (IPv6 drops SYNs,
# IPv4 echoes) and dnsmasq with dual.test -> ::1 and 127.0.0.1, both
# stopped when the script exits. Sets PORT and DNS_SERVER.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/../resolve/dnsmasq.sh"
dnsmasq_start --host-record=dual.test,::1,127.0.0.1,60 \
  --host-record=v4.test,127.0.0.1,60
# shellcheck disable=SC2034 # held open: listeners.py exits when it closes
exec {LISTENERS_IN}> >(exec python3 "$HERE/listeners.py" >"${TMPDIR:-/tmp}/saddr-listeners.$$")
for _ in $(seq 50); do
  PORT=$(cat "${TMPDIR:-/tmp}/saddr-listeners.$$" 2>/dev/null || true)
  [ -n "$PORT" ] && break
  sleep 0.1
done
rm -f "${TMPDIR:-/tmp}/saddr-listeners.$$"
[ -n "$PORT" ] || { echo "listeners did not start" >&2; exit 1; }
trap 'exec {LISTENERS_IN}>&-; kill "$DNSMASQ_PID" 2>/dev/null; wait "$DNSMASQ_PID" 2>/dev/null' EXIT
