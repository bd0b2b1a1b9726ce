# shellcheck shell=bash
# saddr connect ($1): the dual-stack race against a dnsmasq-served name
# whose IPv6 address drops SYNs, JSON output, failures and options.
set -euo pipefail
SADDR=$1
. "$(dirname "$0")/listeners.sh"

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*" >&2; }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi; }
between() { # name value lo hi (milliseconds, integers)
  if [ "$2" -ge "$3" ] && [ "$2" -lt "$4" ]; then ok; else bad "$1: $2 not in [$3, $4)"; fi
}

# The race: IPv6 first, IPv4 one attempt delay later wins.
out=$("$SADDR" connect --server "$DNS_SERVER" --hosts /dev/null "dual.test:$PORT")
printf '%s\n' "$out"
check lines 4 "$(wc -l <<<"$out")"
check first "1 closed ECANCELED [::1]:$PORT" "$(awk 'NR==2 {print $1, $4, $5, $6}' <<<"$out")"
check second "2 connected - 127.0.0.1:$PORT" "$(awk 'NR==3 {print $1, $4, $5, $6}' <<<"$out")"
between second-start "$(awk 'NR==3 {printf "%d", $2}' <<<"$out")" 249 400
check result "connected to 127.0.0.1:$PORT" "$(awk 'NR==4 {print $1, $2, $3}' <<<"$out")"

# JSON: one object per attempt, then the result; a shorter delay.
out=$("$SADDR" connect --json --attempt-delay 60 --server "$DNS_SERVER" \
  --hosts /dev/null "dual.test:$PORT")
summary=$(python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
a, b, r = rows
print(a["outcome"], a["family"], b["outcome"], b["family"], int(b["start_ms"]),
      r["result"], r["peer"] == b["compact"], r["attempts"])' <<<"$out")
read -r o1 f1 o2 f2 start res same n <<<"$summary"
check json-attempts "closed AF_INET6 connected AF_INET" "$o1 $f1 $o2 $f2"
between json-start "$start" 59 200
check json-result "connected True 2" "$res $same $n"

# The attempt delay never goes below 10 ms.
out=$("$SADDR" connect --json --attempt-delay 1 --server "$DNS_SERVER" \
  --hosts /dev/null "dual.test:$PORT")
start=$(python3 -c 'import json,sys; print(int(json.loads(sys.stdin.readlines()[1])["start_ms"]))' <<<"$out")
between floor "$start" 10 100

# IPv4 only: no race.
out=$("$SADDR" connect --server "$DNS_SERVER" --hosts /dev/null "v4.test:$PORT")
check v4 "connected to 127.0.0.1:$PORT" "$(tail -1 <<<"$out" | awk '{print $1, $2, $3}')"

# Failures: stdout empty, exit 1, the error object on stderr.
status=0
out=$("$SADDR" connect --json 127.0.0.1:1 2>/tmp/saddr-connect-err.$$) || status=$?
check refused-status 1 "$status"
check refused-stdout "" "$out"
check refused-error SADDR_ECONNREFUSED "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["error"])' </tmp/saddr-connect-err.$$)"
status=0
"$SADDR" connect --json --timeout 200 "[::1]:$PORT" >/dev/null 2>/tmp/saddr-connect-err.$$ || status=$?
check deadline-status 1 "$status"
check deadline-error SADDR_ETIMEDOUT "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["error"])' </tmp/saddr-connect-err.$$)"
status=0
"$SADDR" connect --json --server "$DNS_SERVER" --hosts /dev/null nx.test:80 \
  >/dev/null 2>/tmp/saddr-connect-err.$$ || status=$?
check nx-error SADDR_ENOTFOUND "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["error"])' </tmp/saddr-connect-err.$$)"
rm -f /tmp/saddr-connect-err.$$
status=0
"$SADDR" connect --attempt-delay x 127.0.0.1:1 2>/dev/null || status=$?
check usage 2 "$status"

# A source address, UDP.
out=$("$SADDR" connect --source 127.0.0.3:0 "127.0.0.1:$PORT")
check source "from 127.0.0.3" "$(tail -1 <<<"$out" | awk '{print $4, substr($5, 1, 9)}')"
out=$("$SADDR" connect --json -t SOCK_DGRAM "[::1]:9")
check udp '"SOCK_DGRAM"' "$(tail -1 <<<"$out" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["type"]))')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
