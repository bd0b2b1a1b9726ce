# shellcheck shell=bash
# Runs a connect example ($1) against dnsmasq and listeners this script
# starts: dual.test's IPv6 address drops SYNs, its IPv4 address echoes.
set -euo pipefail
EXAMPLE=$1
. "$(dirname "$0")/listeners.sh"

status=0
out=$("$EXAMPLE" "$DNS_SERVER" "dual.test:$PORT" hello) || status=$?
printf '%s\n' "$out"
[ "$status" -eq 0 ] || { echo "FAIL: exit $status" >&2; exit 1; }
head -1 <<<"$out" | grep -Eq "^attempt \[::1\]:$PORT at [0-9]+ ms" || { echo "FAIL: no IPv6 attempt first" >&2; exit 1; }
grep -q "^connected to 127.0.0.1:$PORT" <<<"$out" || { echo "FAIL: not over IPv4" >&2; exit 1; }
grep -q "^reply hello$" <<<"$out" || { echo "FAIL: no echo" >&2; exit 1; }
echo "1 passed, 0 failed"
