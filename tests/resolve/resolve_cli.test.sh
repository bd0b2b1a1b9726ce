# saddr resolve against a dnsmasq this script starts; $1 is the CLI.
set -euo pipefail
SADDR=$1
here=$(dirname "$0")
. "$here/dnsmasq.sh"
dnsmasq_start

tmp=$(mktemp -d)
trap 'kill "$DNSMASQ_PID" 2>/dev/null; wait "$DNSMASQ_PID" 2>/dev/null; rm -rf "$tmp"' EXIT
printf '198.51.100.7 hosted.test alias2.test\n' >"$tmp/hosts"
printf 'svc-test 4242/tcp\nsvc-test 5353/udp\n' >"$tmp/services"
common=(--server "$DNS_SERVER" --hosts "$tmp/hosts" --services "$tmp/services")

passed=0 failed=0
check() { # name, expected, actual
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$3" >&2
  fi
}

# The "done means" command: the records dnsmasq serves, IPv6 first.
check example.test:80 \
'{"family":"AF_INET6","type":"SOCK_STREAM","proto":0,"len":28,"hex":"0a0000500000000020010db800000000000000000000001000000000","tuple":"('"'"'2001:db8::10'"'"', 80, 0, 0)","compact":"[2001:db8::10]:80","ttl":300,"source":"dns","canonical":"example.test"}
{"family":"AF_INET","type":"SOCK_STREAM","proto":0,"len":16,"hex":"02000050c000020a0000000000000000","tuple":"('"'"'192.0.2.10'"'"', 80)","compact":"192.0.2.10:80","ttl":300,"source":"dns","canonical":"example.test"}' \
  "$("$SADDR" resolve "${common[@]}" --json example.test:80)"

check family-and-type \
'{"family":"AF_INET","type":"SOCK_DGRAM","proto":17,"len":16,"hex":"020014e6c000020a0000000000000000","tuple":"('"'"'192.0.2.10'"'"', 5350)","compact":"dgram+192.0.2.10:5350","ttl":300,"source":"dns","canonical":"example.test"}' \
  "$("$SADDR" resolve "${common[@]}" --json -f AF_INET -t SOCK_DGRAM -p IPPROTO_UDP example.test:5350)"

compact_of() { sed -n 's/.*"compact":"\([^"]*\)".*/\1/p'; }
check cname "192.0.2.10:1" \
  "$("$SADDR" resolve "${common[@]}" --json -f AF_INET alias.test:1 | compact_of)"
check idna "192.0.2.50:80" \
  "$("$SADDR" resolve "${common[@]}" --json 'bücher.test:80' | compact_of)"
check hosts-file "198.51.100.7:443" \
  "$("$SADDR" resolve "${common[@]}" --json ALIAS2.test:443 | compact_of)"
check service "192.0.2.10:4242" \
  "$("$SADDR" resolve "${common[@]}" --json -f AF_INET example.test:svc-test | compact_of)"
check default-port "192.0.2.10:8080" \
  "$("$SADDR" resolve "${common[@]}" --json -f AF_INET --port 8080 example.test | compact_of)"
check localhost "[::1]:80
127.0.0.1:80" "$("$SADDR" resolve "${common[@]}" --json localhost:80 | compact_of)"

fields_of() { sed -n 's/.*"ttl":\([0-9]*\),"source":"\([a-z]*\)","canonical":"\([^"]*\)".*/\1 \2 \3/p'; }
# Through a CNAME (TTL 60 in dnsmasq): the chain's minimum TTL.
check cname-fields "60 dns example.test" \
  "$("$SADDR" resolve "${common[@]}" --json -f AF_INET alias.test:1 | fields_of)"
check hosts-fields "0 hosts alias2.test" \
  "$("$SADDR" resolve "${common[@]}" --json -f AF_INET alias2.test:1 | fields_of)"
check local-fields '"ttl":0,"source":"local","canonical":""}' \
  "$("$SADDR" resolve "${common[@]}" --json 192.0.2.9:1 | grep -o '"ttl".*')"

# A server that answers A and never AAAA: AF_UNSPEC still gives the IPv4
# address, at the deadline, or right after the family delay.
exec 3< <(exec python3 "$here/dropaaaa.py")
DROP_PID=$!
read -r drop_port <&3
drop=(--server "127.0.0.1:$drop_port" --hosts "$tmp/hosts" --services "$tmp/services")
start=$(date +%s%N)
check drop-aaaa "192.0.2.1:80" \
  "$("$SADDR" resolve "${drop[@]}" --timeout 700 --json -f AF_UNSPEC nosix.test:80 | compact_of)"
elapsed=$((($(date +%s%N) - start) / 1000000))
check drop-aaaa-at-deadline yes "$([ "$elapsed" -ge 650 ] && [ "$elapsed" -lt 2500 ] && echo yes || echo "no: ${elapsed}ms")"
start=$(date +%s%N)
check drop-aaaa-delay "192.0.2.1:80" \
  "$("$SADDR" resolve "${drop[@]}" --timeout 5000 --family-delay 50 --json -f AF_UNSPEC nosix.test:80 | compact_of)"
elapsed=$((($(date +%s%N) - start) / 1000000))
check drop-aaaa-after-delay yes "$([ "$elapsed" -lt 1000 ] && echo yes || echo "no: ${elapsed}ms")"
kill "$DROP_PID" 2>/dev/null || true

# Failures: non-zero status, empty stdout, one JSON object on stderr.
fail_case() { # name, expected stderr, args...
  local name=$1 want=$2 out err status=0
  shift 2
  out=$("$SADDR" resolve "$@" 2>"$tmp/err") || status=$?
  err=$(cat "$tmp/err")
  check "$name-status" 1 "$status"
  check "$name-stdout" "" "$out"
  check "$name-stderr" "$want" "$err"
}
fail_case nxdomain \
  '{"error":"SADDR_ENOTFOUND","offset":0,"length":7,"message":"no such name: nx.test"}' \
  "${common[@]}" --json nx.test:80
fail_case nodata \
  '{"error":"SADDR_ENODATA","offset":0,"length":11,"message":"v4only.test has no address of the requested family"}' \
  "${common[@]}" --json -f AF_INET6 v4only.test:80
fail_case bad-server \
  '{"error":"SADDR_EINVAL","offset":0,"length":14,"message":"DNS server must be an IP address: dns.example:53"}' \
  --server dns.example:53 --json example.test:80

# A server that never answers (dnsmasq stopped, its socket still bound):
# the deadline ends the request.
kill -STOP "$DNSMASQ_PID"
start=$(date +%s%N)
fail_case timeout \
  '{"error":"SADDR_ETIMEDOUT","offset":0,"length":12,"message":"no answer for example.test within the deadline"}' \
  "${common[@]}" --timeout 300 --json example.test:80
elapsed=$((($(date +%s%N) - start) / 1000000))
kill -CONT "$DNSMASQ_PID"
check timeout-bound yes "$([ "$elapsed" -lt 2000 ] && echo yes || echo "no: ${elapsed}ms")"

# The readable table.
table=$("$SADDR" resolve "${common[@]}" -f AF_INET example.test:80)
check table-rows 2 "$(printf '%s\n' "$table" | wc -l | tr -d ' ')"
check table-columns "TTL SOURCE CANONICAL|300 dns example.test" \
  "$(printf '%s\n' "$table" | awk '{print $(NF-2), $(NF-1), $NF}' | paste -sd'|')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
